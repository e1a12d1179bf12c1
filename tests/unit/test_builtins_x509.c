/* crypto.x509.* builtins: certificate parsing into Go's x509.Certificate
 * JSON shape, chain verification (with and without options), certificate
 * requests, key pairs, RSA private keys as JWKs, and malformed input.
 *
 * Material made with the openssl command-line tool: a root CA (RSA 2048),
 * an intermediate (EC P-256, path length 0, name constraints) and a leaf
 * (RSA, SANs of every kind, EKU, CRL DP, AIA, policies) issued with
 * `openssl ca` (fixed validity 2020..2100), an expired leaf, a self-signed
 * Ed25519 certificate, a CSR with SAN and basic-constraints requests, and
 * the keys in PKCS #1, PKCS #8 and SEC 1 form.  Expected values were
 * checked against Go's crypto/x509 JSON output. */
#include <stdio.h>
#include <stdlib.h>

#include "read/read.h"
#include "rego/bi_ctx.h"
#include "testlib.h"

extern const rg_builtin_def rg_builtins_x509[];

static const char ROOT_PEM[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIDODCCAiCgAwIBAgICEAAwDQYJKoZIhvcNAQELBQAwPDELMAkGA1UEBhMCVVMx\n"
    "FDASBgNVBAoMC1JlZ2VudCBUZXN0MRcwFQYDVQQDDA5SZWdlbnQgUm9vdCBDQTAg\n"
    "Fw0yMDAxMDEwMDAwMDBaGA8yMTIwMDEwMTAwMDAwMFowPDELMAkGA1UEBhMCVVMx\n"
    "FDASBgNVBAoMC1JlZ2VudCBUZXN0MRcwFQYDVQQDDA5SZWdlbnQgUm9vdCBDQTCC\n"
    "ASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAKC/9Cl52QpdzdL0o/P4fOOL\n"
    "jJiVFm7CjMJ9L+CaCd0k3UvZ5rEKlWSsoJn53Db0MCHVFGynZxN/LYLwlEDUu9Nb\n"
    "b35USeJV+Y3H6Xakxnp7TF1fxsmCnZQTzk28wlh2viz3IO/y0q0VTZBpzxZarHwp\n"
    "MCDG11VKW9CSW3P4ZOcdt/QsUR5/8KBZrqMU9WIufDJNR5pw+wdjjRgGP01mkglC\n"
    "BlDLxOYTXDxTeWBmP4cRFKdsNath0SAcyHYMrTueaUbzUERKXxxOWMF2XYLArqgA\n"
    "Qnc7qEOUCNajwe3tSLXFpnaCvX3NstV10bDV4gOzBNDCWNDVvIn/Vy//NVe6fJcC\n"
    "AwEAAaNCMEAwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwHQYDVR0O\n"
    "BBYEFGHq6gCirfGbfaDVNbRi2nS0QRXxMA0GCSqGSIb3DQEBCwUAA4IBAQBcZC+G\n"
    "eYu64nVUoCB1N0MSCn5rzxym92t+pXwAyQO2f1S5Do+4hqmS64ioMhYMxuDmOl/w\n"
    "7KWsIu9LyFP5Y13JMIaxA39kK8Ged4fRldmYQJEVcEdLV42q+5igvYk91AdyBKQe\n"
    "s58Lv2CNAXy8tkDGv7N/CYCsk44Sl0r9YRkh/OP9Nv7aM848NdW8HvmUmt7MJkmL\n"
    "dWBVGm9npoEUv2NMjPjqfhYlurcsd48yRxSZ3wcG37t7Bs+Qi5jfmIIaWZO35a41\n"
    "sy8wdfxLXfB+GepPVQfkwY/f8bGu5w4BhcAmjsD+3RyhLkAC5nWjfGq7QnqI1ZEU\n"
    "WbHAIfA+e/CwLpvl\n"
    "-----END CERTIFICATE-----\n";

static const char INT_PEM[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIDPTCCAiWgAwIBAgICEAEwDQYJKoZIhvcNAQELBQAwPDELMAkGA1UEBhMCVVMx\n"
    "FDASBgNVBAoMC1JlZ2VudCBUZXN0MRcwFQYDVQQDDA5SZWdlbnQgUm9vdCBDQTAg\n"
    "Fw0yMDAxMDEwMDAwMDBaGA8yMTEwMDEwMTAwMDAwMFowgYExCzAJBgNVBAYTAlVT\n"
    "MRMwEQYDVQQIDApDYWxpZm9ybmlhMRYwFAYDVQQHDA1TYW4gRnJhbmNpc2NvMRQw\n"
    "EgYDVQQKDAtSZWdlbnQgVGVzdDEOMAwGA1UECwwFSW5mcmExHzAdBgNVBAMMFlJl\n"
    "Z2VudCBJbnRlcm1lZGlhdGUgQ0EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAARc\n"
    "OiOIdJq7IheaQoKZSPpDLfUpm6a65u5VpdPKoSSvcsi/T/5jFLoXoEgcvov6nqmJ\n"
    "PiSuKw2/YlNVg4Fe8/Pko4HLMIHIMBIGA1UdEwEB/wQIMAYBAf8CAQAwDgYDVR0P\n"
    "AQH/BAQDAgEGMB0GA1UdDgQWBBRaw+GTXaaoZKau/9W3eioKxS6P7jAfBgNVHSME\n"
    "GDAWgBRh6uoAoq3xm32g1TW0Ytp0tEEV8TBiBgNVHR4BAf8EWDBWoD8wDYILZXhh\n"
    "bXBsZS5jb20wCocICgAAAP8AAAAwIocgIAENuAAAAAAAAAAAAAAAAP////8AAAAA\n"
    "AAAAAAAAAAChEzARgQ9iYWQuZXhhbXBsZS5jb20wDQYJKoZIhvcNAQELBQADggEB\n"
    "ADEYsd1lzrRdDShsYKqRjRpMHiZdZidP7LTJHt+0Dxl6F3ree656k7Y4JVjUeAk9\n"
    "kqOlU/sK0YVMlUXAqggvyODdb1Pub05b3f4pvICwseO63FJqmt6nk9T/ZjP+9XJL\n"
    "0eNrQMchO7cU3GFRy3uDayKkCfLam6Fi7Hx6rPYjFnwyckZRBrsENkiJHyNChcKn\n"
    "Ar7JoRoazfCSrQNdHtasetCFy3HE34WVzZA5T6pOtjAAwdEuzffduQ9H19+7tCje\n"
    "CGWqC/Ob0XEJUZ7dZ8rPIVoEis3hhf638iUGREU9pb03JrTmK/qsZCZV9jVyUkDC\n"
    "0ZUweN3aEJvjksBZxmdapas=\n"
    "-----END CERTIFICATE-----\n";

static const char LEAF_PEM[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIEUTCCA/egAwIBAgINASNFZ4mrze8BI0VniTAKBggqhkjOPQQDAjCBgTELMAkG\n"
    "A1UEBhMCVVMxEzARBgNVBAgMCkNhbGlmb3JuaWExFjAUBgNVBAcMDVNhbiBGcmFu\n"
    "Y2lzY28xFDASBgNVBAoMC1JlZ2VudCBUZXN0MQ4wDAYDVQQLDAVJbmZyYTEfMB0G\n"
    "A1UEAwwWUmVnZW50IEludGVybWVkaWF0ZSBDQTAgFw0yMDA2MDEwMDAwMDBaGA8y\n"
    "MTAwMDEwMTAwMDAwMFowUDEUMBIGA1UECgwLUmVnZW50IFRlc3QxGDAWBgNVBAMM\n"
    "D3d3dy5leGFtcGxlLmNvbTEeMBwGCSqGSIb3DQEJARYPb3BzQGV4YW1wbGUuY29t\n"
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtCjgg5UKBA+DreJAgpwx\n"
    "uA1N2fvaOSJfYe4vO2UsceOFrxyUg3CGpVoDaGDKP42PiwON1Hh2+bXrvTePfIOd\n"
    "31gHEXWVbtC+74uqiX8IlR0wfTFjHGITaS+RLAfcVm9Ay+M6v8ZwwJZ8SkKBnCwC\n"
    "jvcckexr1hpDTys+8RQDlNTm6cN3Wq5ZQ483d/Cor8Oks7Rlcc4/ZvJXlluUgq6Q\n"
    "6tBzDaqfAsJVmqaGd4Ig/L6YYZBTCVeUD9uzDvmGf78SD7A9//jmR48KTezh2rz3\n"
    "69NkuS5jGJ0iWM9xoOkdfHsz7ch3yXjVyEimUBdRbP42I5kFBvk9C70Pc8EVmkR6\n"
    "fwIDAQABo4IBtTCCAbEwCQYDVR0TBAIwADAOBgNVHQ8BAf8EBAMCBaAwIwYDVR0l\n"
    "BBwwGgYIKwYBBQUHAwEGCCsGAQUFBwMCBgQqAwQFMB0GA1UdDgQWBBRlTilsZcY9\n"
    "bXMKVPlQ7vVnQ9MhbDAfBgNVHSMEGDAWgBRaw+GTXaaoZKau/9W3eioKxS6P7jB8\n"
    "BgNVHREEdTBzgg93d3cuZXhhbXBsZS5jb22CD2FwaS5leGFtcGxlLmNvbYEPb3Bz\n"
    "QGV4YW1wbGUuY29thwQKAQIDhxAgAQ24AAAAAAAAAAAAAAABhiZzcGlmZmU6Ly9l\n"
    "eGFtcGxlLmNvbS9ucy9kZWZhdWx0L3NhL3dlYjAvBgNVHR8EKDAmMCSgIqAghh5o\n"
    "dHRwOi8vY3JsLmV4YW1wbGUuY29tL2ludC5jcmwwXgYIKwYBBQUHAQEEUjBQMCMG\n"
    "CCsGAQUFBzABhhdodHRwOi8vb2NzcC5leGFtcGxlLmNvbTApBggrBgEFBQcwAoYd\n"
    "aHR0cDovL2NhLmV4YW1wbGUuY29tL2ludC5jcnQwIAYDVR0gBBkwFzAIBgZngQwB\n"
    "AgEwCwYJKwYBBAGGjR8BMAoGCCqGSM49BAMCA0gAMEUCIArsY0Qp7PkSt66VBTtl\n"
    "DKW2GHsevLF9nMcSkyhAXJ9nAiEA11pxf6QEoNdebK7EPTpuGT0ej/u73bm4R18E\n"
    "xSWroc8=\n"
    "-----END CERTIFICATE-----\n";

static const char EXPIRED_PEM[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIETzCCA/WgAwIBAgINASNFZ4mrze8BI0VnijAKBggqhkjOPQQDAjCBgTELMAkG\n"
    "A1UEBhMCVVMxEzARBgNVBAgMCkNhbGlmb3JuaWExFjAUBgNVBAcMDVNhbiBGcmFu\n"
    "Y2lzY28xFDASBgNVBAoMC1JlZ2VudCBUZXN0MQ4wDAYDVQQLDAVJbmZyYTEfMB0G\n"
    "A1UEAwwWUmVnZW50IEludGVybWVkaWF0ZSBDQTAeFw0yMDA2MDEwMDAwMDBaFw0y\n"
    "MTAxMDEwMDAwMDBaMFAxFDASBgNVBAoMC1JlZ2VudCBUZXN0MRgwFgYDVQQDDA93\n"
    "d3cuZXhhbXBsZS5jb20xHjAcBgkqhkiG9w0BCQEWD29wc0BleGFtcGxlLmNvbTCC\n"
    "ASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBALQo4IOVCgQPg63iQIKcMbgN\n"
    "Tdn72jkiX2HuLztlLHHjha8clINwhqVaA2hgyj+Nj4sDjdR4dvm16703j3yDnd9Y\n"
    "BxF1lW7Qvu+Lqol/CJUdMH0xYxxiE2kvkSwH3FZvQMvjOr/GcMCWfEpCgZwsAo73\n"
    "HJHsa9YaQ08rPvEUA5TU5unDd1quWUOPN3fwqK/DpLO0ZXHOP2byV5ZblIKukOrQ\n"
    "cw2qnwLCVZqmhneCIPy+mGGQUwlXlA/bsw75hn+/Eg+wPf/45kePCk3s4dq89+vT\n"
    "ZLkuYxidIljPcaDpHXx7M+3Id8l41chIplAXUWz+NiOZBQb5PQu9D3PBFZpEen8C\n"
    "AwEAAaOCAbUwggGxMAkGA1UdEwQCMAAwDgYDVR0PAQH/BAQDAgWgMCMGA1UdJQQc\n"
    "MBoGCCsGAQUFBwMBBggrBgEFBQcDAgYEKgMEBTAdBgNVHQ4EFgQUZU4pbGXGPW1z\n"
    "ClT5UO71Z0PTIWwwHwYDVR0jBBgwFoAUWsPhk12mqGSmrv/Vt3oqCsUuj+4wfAYD\n"
    "VR0RBHUwc4IPd3d3LmV4YW1wbGUuY29tgg9hcGkuZXhhbXBsZS5jb22BD29wc0Bl\n"
    "eGFtcGxlLmNvbYcECgECA4cQIAENuAAAAAAAAAAAAAAAAYYmc3BpZmZlOi8vZXhh\n"
    "bXBsZS5jb20vbnMvZGVmYXVsdC9zYS93ZWIwLwYDVR0fBCgwJjAkoCKgIIYeaHR0\n"
    "cDovL2NybC5leGFtcGxlLmNvbS9pbnQuY3JsMF4GCCsGAQUFBwEBBFIwUDAjBggr\n"
    "BgEFBQcwAYYXaHR0cDovL29jc3AuZXhhbXBsZS5jb20wKQYIKwYBBQUHMAKGHWh0\n"
    "dHA6Ly9jYS5leGFtcGxlLmNvbS9pbnQuY3J0MCAGA1UdIAQZMBcwCAYGZ4EMAQIB\n"
    "MAsGCSsGAQQBho0fATAKBggqhkjOPQQDAgNIADBFAiAtwOUX2JLpGgbU0DGbh7T4\n"
    "fBG35HsRXU+xElVUx3lD2QIhANqMGursTurjeR0EzggAOkVOs+DZdg3CedcdTPSL\n"
    "d7F/\n"
    "-----END CERTIFICATE-----\n";

static const char ED_CERT_PEM[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBRDCB96ADAgECAhQoEafKlkKA0mctjv5weIVTwZizwTAFBgMrZXAwFzEVMBMG\n"
    "A1UEAwwMZWQyNTUxOSB0ZXN0MCAXDTI2MTEyMzE3MDgzN1oYDzIxMjYxMDMwMTcw\n"
    "ODM3WjAXMRUwEwYDVQQDDAxlZDI1NTE5IHRlc3QwKjAFBgMrZXADIQBfCdrXLdaW\n"
    "9lIPji2AcoJT0+mQIViFV1hRgXpijoI0TqNTMFEwHQYDVR0OBBYEFPOU/rKkM3H4\n"
    "lNjY66PG2qUxUSdyMB8GA1UdIwQYMBaAFPOU/rKkM3H4lNjY66PG2qUxUSdyMA8G\n"
    "A1UdEwEB/wQFMAMBAf8wBQYDK2VwA0EAdKMKOjSC5tyxO/ZDaRgnmP5WYRFu0NI3\n"
    "Pjv9weZok5B+EhXcU+1mX3quz9Q76U7H9KOdqinuFdNGxd7EinwfDQ==\n"
    "-----END CERTIFICATE-----\n";

static const char CSR_PEM[] =
    "-----BEGIN CERTIFICATE REQUEST-----\n"
    "MIIC+DCCAeACAQAwPDELMAkGA1UEBhMCREUxEzARBgNVBAoMClJlZ2VudCBDU1Ix\n"
    "GDAWBgNVBAMMD2Nzci5leGFtcGxlLmNvbTCCASIwDQYJKoZIhvcNAQEBBQADggEP\n"
    "ADCCAQoCggEBALQo4IOVCgQPg63iQIKcMbgNTdn72jkiX2HuLztlLHHjha8clINw\n"
    "hqVaA2hgyj+Nj4sDjdR4dvm16703j3yDnd9YBxF1lW7Qvu+Lqol/CJUdMH0xYxxi\n"
    "E2kvkSwH3FZvQMvjOr/GcMCWfEpCgZwsAo73HJHsa9YaQ08rPvEUA5TU5unDd1qu\n"
    "WUOPN3fwqK/DpLO0ZXHOP2byV5ZblIKukOrQcw2qnwLCVZqmhneCIPy+mGGQUwlX\n"
    "lA/bsw75hn+/Eg+wPf/45kePCk3s4dq89+vTZLkuYxidIljPcaDpHXx7M+3Id8l4\n"
    "1chIplAXUWz+NiOZBQb5PQu9D3PBFZpEen8CAwEAAaB3MBUGCSqGSIb3DQEJBzEI\n"
    "DAZzM2NyZXQwXgYJKoZIhvcNAQkOMVEwTzA/BgNVHREEODA2gg9jc3IuZXhhbXBs\n"
    "ZS5jb22HBMCoAAGGHWh0dHBzOi8vY3NyLmV4YW1wbGUuY29tL3g/eT0xMAwGA1Ud\n"
    "EwEB/wQCMAAwDQYJKoZIhvcNAQELBQADggEBAJ0OieXL80LkCGkCD6XybhbQAEej\n"
    "HbUg5Jo6c80GmZK9Hk+PPwEszJUtD0tW2MhGEOZN+4W1Hr+QkdiDZTWndv0i0k92\n"
    "OD0ffr63fL3LCFmESH8aHjGrmrOkHjxcJDxt6Th94swkqh+bwh7V92+0L8E4nfm/\n"
    "G5cJKoWDLLSSrrBFI2Zb1yiZ3lt9SbA5gFbRmI5h8Ec/HBR3uBu1WcGSbaIEw88k\n"
    "HUZeUtlNdOV3ok8rGsf+YVPQs+1fRmn31KlBc1NKdeB6Qu9qt6JxbHozJRQYWzTq\n"
    "1eXB/LhLvJiDGTbUdZg0497m5xDe4NZTx27QrBicKemz2TDzd7uh/yLPp3U=\n"
    "-----END CERTIFICATE REQUEST-----\n";

static const char LEAF_KEY_PKCS1[] =
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIIEpAIBAAKCAQEAtCjgg5UKBA+DreJAgpwxuA1N2fvaOSJfYe4vO2UsceOFrxyU\n"
    "g3CGpVoDaGDKP42PiwON1Hh2+bXrvTePfIOd31gHEXWVbtC+74uqiX8IlR0wfTFj\n"
    "HGITaS+RLAfcVm9Ay+M6v8ZwwJZ8SkKBnCwCjvcckexr1hpDTys+8RQDlNTm6cN3\n"
    "Wq5ZQ483d/Cor8Oks7Rlcc4/ZvJXlluUgq6Q6tBzDaqfAsJVmqaGd4Ig/L6YYZBT\n"
    "CVeUD9uzDvmGf78SD7A9//jmR48KTezh2rz369NkuS5jGJ0iWM9xoOkdfHsz7ch3\n"
    "yXjVyEimUBdRbP42I5kFBvk9C70Pc8EVmkR6fwIDAQABAoIBAAJPm+xULG1iPZAs\n"
    "x3hlbzCAiy/Go+/5BDw0r/UVFn2HgPQpa7DxRT44aglxZGbC9sUTu0KvIOeRxn+w\n"
    "3ML+H+JONhj/5yDQG1g7Sb67GxhpPXFTAYXLBEYPJCTqcjscRjqB+a5IFLODuqhr\n"
    "3fnA3sTdX/Jx6ULf0gk2nCIU3aQ6aWaAihG32q+1dGgqG0HlOXydlucbQ7GDYz7R\n"
    "q+X1LvSVQezy8dOAcgSCxf+pxx2A4+vo9SFwl4UTKcc6A69qq8AjJ+hmWzmbUkB1\n"
    "JzPR8yC1Pfuzp3jwgtYSiyhFb5rQLt7k9zv1b1EgMnmHDdWLhu4T31mM+p8yPpej\n"
    "saOiZRECgYEA2r5rV/UOZPyKTxNowguVGQeCPObTYxVmPAWPsH/8GsHUnKNKCtg0\n"
    "UJIpa1Ut3+luFPXKK1F3FwqoczcYZRGJSThTrhBbyhaWvipYCg2X/ZDAMpf/z4pG\n"
    "cyohhO3MBIqj8khzeDfU4VB0W4yF0a0diF++f8MtjbEBIamj/5MJDRsCgYEA0tgg\n"
    "hqcEuo04CC3Dj1hPnzXq2CQATSkFe1M1CUZgknM4yiv9eaN31aSRdIezbvjrym9d\n"
    "FVN4QNOo8MCYlIJnKtqJahuWUmg56fKiJHJz3VPbXBGpCr9FFyaLcaDdY5PpA838\n"
    "CgwOjfqD0T4hBVpcx0MaCP5D0QBVEL5AbVNaEm0CgYEApB9DQxdm2XZx/6q8avtt\n"
    "vv3XRgKakDk6H8a8bN1aNmlAMNaDc2eMuPcxhIrAhMQMCEXyjlXtWKhygx/PeeWS\n"
    "cBGHF47Gj/Yq3DvBGqngZCv7SPqqwPkqqrXtuGMDNFUhdWPO32BkpTlMVHQ2439U\n"
    "LUJJGGtE/o7UHoG9vsB/hgkCgYEAvbXpzj6JarGWMQW8aEY1njONU11RSBwY6pY7\n"
    "qlTAoAU8m+xo7gG/2WNx3UAcm0UuI7+AKagpE2tfHwCsSTPsUArCic64uv083tuK\n"
    "OPEif4rsXTMmvpzLNcFgxqTPjsGPb/TvSrr+fZFi+erFG2PrBv/BdUYTDwMVhzMo\n"
    "FTZiXSECgYBc7SUl5tg+p7/aA/ZlvTmryANZqUrke/b2IXtmXvGRJd0mOCUoNVA+\n"
    "i8kOg3EeTCDFFPM21JzpDhb+EB9tTjxGv/1hPoB/+Ok9lrFPP4WfG6quFg8E7CKi\n"
    "Yc3luGjRqQyT2TbvrDGVzMer5+nMGwYrzeSYsk0lpSkZX2ah+QS9Zg==\n"
    "-----END RSA PRIVATE KEY-----\n";

static const char LEAF_KEY_PKCS8[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC0KOCDlQoED4Ot\n"
    "4kCCnDG4DU3Z+9o5Il9h7i87ZSxx44WvHJSDcIalWgNoYMo/jY+LA43UeHb5teu9\n"
    "N498g53fWAcRdZVu0L7vi6qJfwiVHTB9MWMcYhNpL5EsB9xWb0DL4zq/xnDAlnxK\n"
    "QoGcLAKO9xyR7GvWGkNPKz7xFAOU1Obpw3darllDjzd38Kivw6SztGVxzj9m8leW\n"
    "W5SCrpDq0HMNqp8CwlWapoZ3giD8vphhkFMJV5QP27MO+YZ/vxIPsD3/+OZHjwpN\n"
    "7OHavPfr02S5LmMYnSJYz3Gg6R18ezPtyHfJeNXISKZQF1Fs/jYjmQUG+T0LvQ9z\n"
    "wRWaRHp/AgMBAAECggEAAk+b7FQsbWI9kCzHeGVvMICLL8aj7/kEPDSv9RUWfYeA\n"
    "9ClrsPFFPjhqCXFkZsL2xRO7Qq8g55HGf7Dcwv4f4k42GP/nINAbWDtJvrsbGGk9\n"
    "cVMBhcsERg8kJOpyOxxGOoH5rkgUs4O6qGvd+cDexN1f8nHpQt/SCTacIhTdpDpp\n"
    "ZoCKEbfar7V0aCobQeU5fJ2W5xtDsYNjPtGr5fUu9JVB7PLx04ByBILF/6nHHYDj\n"
    "6+j1IXCXhRMpxzoDr2qrwCMn6GZbOZtSQHUnM9HzILU9+7OnePCC1hKLKEVvmtAu\n"
    "3uT3O/VvUSAyeYcN1YuG7hPfWYz6nzI+l6Oxo6JlEQKBgQDavmtX9Q5k/IpPE2jC\n"
    "C5UZB4I85tNjFWY8BY+wf/wawdSco0oK2DRQkilrVS3f6W4U9corUXcXCqhzNxhl\n"
    "EYlJOFOuEFvKFpa+KlgKDZf9kMAyl//PikZzKiGE7cwEiqPySHN4N9ThUHRbjIXR\n"
    "rR2IX75/wy2NsQEhqaP/kwkNGwKBgQDS2CCGpwS6jTgILcOPWE+fNerYJABNKQV7\n"
    "UzUJRmCSczjKK/15o3fVpJF0h7Nu+OvKb10VU3hA06jwwJiUgmcq2olqG5ZSaDnp\n"
    "8qIkcnPdU9tcEakKv0UXJotxoN1jk+kDzfwKDA6N+oPRPiEFWlzHQxoI/kPRAFUQ\n"
    "vkBtU1oSbQKBgQCkH0NDF2bZdnH/qrxq+22+/ddGApqQOTofxrxs3Vo2aUAw1oNz\n"
    "Z4y49zGEisCExAwIRfKOVe1YqHKDH8955ZJwEYcXjsaP9ircO8EaqeBkK/tI+qrA\n"
    "+Sqqte24YwM0VSF1Y87fYGSlOUxUdDbjf1QtQkkYa0T+jtQegb2+wH+GCQKBgQC9\n"
    "tenOPolqsZYxBbxoRjWeM41TXVFIHBjqljuqVMCgBTyb7GjuAb/ZY3HdQBybRS4j\n"
    "v4ApqCkTa18fAKxJM+xQCsKJzri6/Tze24o48SJ/iuxdMya+nMs1wWDGpM+OwY9v\n"
    "9O9Kuv59kWL56sUbY+sG/8F1RhMPAxWHMygVNmJdIQKBgFztJSXm2D6nv9oD9mW9\n"
    "OavIA1mpSuR79vYhe2Ze8ZEl3SY4JSg1UD6LyQ6DcR5MIMUU8zbUnOkOFv4QH21O\n"
    "PEa//WE+gH/46T2WsU8/hZ8bqq4WDwTsIqJhzeW4aNGpDJPZNu+sMZXMx6vn6cwb\n"
    "BivN5JiyTSWlKRlfZqH5BL1m\n"
    "-----END PRIVATE KEY-----\n";

static const char INT_KEY_SEC1[] =
    "-----BEGIN EC PRIVATE KEY-----\n"
    "MHcCAQEEIA/xDaRiE13N1btyT6v2YQaa8v4xWf8eXJcpSKB9cgr3oAoGCCqGSM49\n"
    "AwEHoUQDQgAEXDojiHSauyIXmkKCmUj6Qy31KZumuubuVaXTyqEkr3LIv0/+YxS6\n"
    "F6BIHL6L+p6piT4krisNv2JTVYOBXvPz5A==\n"
    "-----END EC PRIVATE KEY-----\n";

static const char INT_KEY_PKCS8[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgD/ENpGITXc3Vu3JP\n"
    "q/ZhBpry/jFZ/x5clylIoH1yCvehRANCAARcOiOIdJq7IheaQoKZSPpDLfUpm6a6\n"
    "5u5VpdPKoSSvcsi/T/5jFLoXoEgcvov6nqmJPiSuKw2/YlNVg4Fe8/Pk\n"
    "-----END PRIVATE KEY-----\n";

static const char ED_KEY_PKCS8[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIAayVwfO7SdTE3Ol0IvXb7fHPXoLS5sUADDVOyfjRXOg\n"
    "-----END PRIVATE KEY-----\n";

static rg_arena A;

static rg_value S(const char *s) { return rg_cstring(&A, s); }

static rg_value J(const char *json) { return rg_test_json(&A, json); }

/* Calls name; returns the result, or RG_UNDEFINED with the error text in
 * err (static buffer) when it fails. */
static char err_text[1024];
static rg_value call(const char *name, const rg_value *args, int n) {
    rg_bi_ctx c;
    rg_bi_ctx_init(&c, &A);
    rg_value out = rg_undefined();
    int rc = rg_bi_call(&c, name, args, n, &out);
    err_text[0] = 0;
    if (rc != RG_BI_OK) {
        snprintf(err_text, sizeof err_text, "%s: %s", c.err_code ? c.err_code : "?", rg_buf_cstr(&c.err));
        out = rg_undefined();
    }
    rg_bi_ctx_fini(&c);
    return out;
}

/* Follows a path like "0.Subject.CommonName" (numbers index arrays). */
static rg_value at(rg_value v, const char *path) {
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *tok = strtok(buf, "."); tok && !rg_is_undef(v); tok = strtok(NULL, ".")) {
        if (v.kind == RG_ARRAY) {
            size_t i = (size_t)atoi(tok);
            v = i < v.len ? v.u.items[i] : rg_undefined();
        } else if (v.kind == RG_OBJECT) {
            v = rg_object_get_str(v, tok);
        } else {
            v = rg_undefined();
        }
    }
    return v;
}

/* Checks the JSON of the value at path. */
#define EXPECT_AT(v, path, want)                                  \
    do {                                                          \
        rg_value x_ = at((v), (path));                            \
        char *got_ = rg_is_undef(x_) ? NULL : rg_json_dump(x_, 0); \
        CHECK_STR(got_ ? got_ : "(undefined)", (want));           \
        free(got_);                                               \
    } while (0)

#define EXPECT_ERR(want, name, ...)                                         \
    do {                                                                    \
        rg_value args_[] = {__VA_ARGS__};                                   \
        rg_value r_ = call((name), args_, (int)(sizeof args_ / sizeof args_[0])); \
        CHECK(rg_is_undef(r_));                                             \
        CHECK_STR(err_text, (want));                                        \
    } while (0)

static rg_value certs1(const char *pem) {
    rg_value arg = S(pem);
    return call("crypto.x509.parse_certificates", &arg, 1);
}

static char *cat3(const char *a, const char *b, const char *c) {
    size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
    char *s = rg_arena_alloc(&A, n);
    snprintf(s, n, "%s%s%s", a, b, c);
    return s;
}

/* base64 of DER (from a PEM's body) or of the PEM text itself. */
static const char *b64_of(const char *text, bool der) {
    rg_buf b = RG_BUF_INIT;
    if (der) { /* the PEM body is base64 of the DER already */
        const char *p = strchr(text, '\n') + 1;
        const char *end = strstr(p, "-----END");
        for (; p < end; p++)
            if (*p != '\n') rg_buf_putc(&b, *p);
    } else {
        static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        size_t n = strlen(text);
        for (size_t i = 0; i < n; i += 3) {
            unsigned v = (unsigned char)text[i] << 16 | (i + 1 < n ? (unsigned char)text[i + 1] << 8 : 0) |
                         (i + 2 < n ? (unsigned char)text[i + 2] : 0);
            rg_buf_putc(&b, tbl[v >> 18 & 63]);
            rg_buf_putc(&b, tbl[v >> 12 & 63]);
            rg_buf_putc(&b, i + 1 < n ? tbl[v >> 6 & 63] : '=');
            rg_buf_putc(&b, i + 2 < n ? tbl[v & 63] : '=');
        }
    }
    char *s = rg_arena_strdup(&A, rg_buf_cstr(&b));
    rg_buf_fini(&b);
    return s;
}

static void der_of(const char *pem, rg_buf *out);
static rg_value b64_bytes(rg_arena *a, const char *data, size_t n);

static void test_parse_leaf(void) {
    rg_value c = certs1(LEAF_PEM);
    CHECK(c.kind == RG_ARRAY && c.len == 1);
    EXPECT_AT(c, "0.Version", "3");
    EXPECT_AT(c, "0.SerialNumber", "90144042682896311822508713865");
    EXPECT_AT(c, "0.SignatureAlgorithm", "10");
    EXPECT_AT(c, "0.PublicKeyAlgorithm", "1");
    EXPECT_AT(c, "0.PublicKey.E", "65537");
    EXPECT_AT(c, "0.NotBefore", "\"2020-06-01T00:00:00Z\"");
    EXPECT_AT(c, "0.NotAfter", "\"2100-01-01T00:00:00Z\"");
    EXPECT_AT(c, "0.Subject.CommonName", "\"www.example.com\"");
    EXPECT_AT(c, "0.Subject.Organization", "[\"Regent Test\"]");
    EXPECT_AT(c, "0.Subject.Country", "null");
    EXPECT_AT(c, "0.Subject.Names.2", "{\"Type\":[1,2,840,113549,1,9,1],\"Value\":\"ops@example.com\"}");
    EXPECT_AT(c, "0.Issuer.CommonName", "\"Regent Intermediate CA\"");
    EXPECT_AT(c, "0.Issuer.Province", "[\"California\"]");
    EXPECT_AT(c, "0.KeyUsage", "5");
    EXPECT_AT(c, "0.ExtKeyUsage", "[1,2]");
    EXPECT_AT(c, "0.UnknownExtKeyUsage", "[[1,2,3,4,5]]");
    EXPECT_AT(c, "0.BasicConstraintsValid", "true");
    EXPECT_AT(c, "0.IsCA", "false");
    EXPECT_AT(c, "0.MaxPathLen", "-1");
    EXPECT_AT(c, "0.DNSNames", "[\"www.example.com\",\"api.example.com\"]");
    EXPECT_AT(c, "0.EmailAddresses", "[\"ops@example.com\"]");
    EXPECT_AT(c, "0.IPAddresses", "[\"10.1.2.3\",\"2001:db8::1\"]");
    EXPECT_AT(c, "0.URIStrings", "[\"spiffe://example.com/ns/default/sa/web\"]");
    EXPECT_AT(c, "0.URIs.0.Scheme", "\"spiffe\"");
    EXPECT_AT(c, "0.URIs.0.Host", "\"example.com\"");
    EXPECT_AT(c, "0.URIs.0.Path", "\"/ns/default/sa/web\"");
    EXPECT_AT(c, "0.URIs.0.User", "null");
    EXPECT_AT(c, "0.CRLDistributionPoints", "[\"http://crl.example.com/int.crl\"]");
    EXPECT_AT(c, "0.OCSPServer", "[\"http://ocsp.example.com\"]");
    EXPECT_AT(c, "0.IssuingCertificateURL", "[\"http://ca.example.com/int.crt\"]");
    EXPECT_AT(c, "0.PolicyIdentifiers", "[[2,23,140,1,2,1],[1,3,6,1,4,1,99999,1]]");
    EXPECT_AT(c, "0.Policies", "[\"2.23.140.1.2.1\",\"1.3.6.1.4.1.99999.1\"]");
    EXPECT_AT(c, "0.SubjectKeyId", "\"ZU4pbGXGPW1zClT5UO71Z0PTIWw=\"");
    EXPECT_AT(c, "0.AuthorityKeyId", "\"WsPhk12mqGSmrv/Vt3oqCsUuj+4=\"");
    EXPECT_AT(c, "0.Extensions.1", "{\"Critical\":true,\"Id\":[2,5,29,15],\"Value\":\"AwIFoA==\"}");
    EXPECT_AT(c, "0.ExtraExtensions", "null");
    EXPECT_AT(c, "0.UnhandledCriticalExtensions", "null");
    EXPECT_AT(c, "0.RawSubject", "\"MFAxFDASBgNVBAoMC1JlZ2VudCBUZXN0MRgwFgYDVQQDDA93d3cuZXhhbXBsZS5jb20xHjAcBgkqhkiG9w0BCQEWD29wc0BleGFtcGxlLmNvbQ==\"");
}

static void test_parse_ca(void) {
    rg_value c = certs1(cat3(ROOT_PEM, INT_PEM, ""));
    CHECK(c.kind == RG_ARRAY && c.len == 2);
    EXPECT_AT(c, "0.Subject.CommonName", "\"Regent Root CA\"");
    EXPECT_AT(c, "0.IsCA", "true");
    EXPECT_AT(c, "0.MaxPathLen", "-1");
    EXPECT_AT(c, "0.KeyUsage", "96");
    EXPECT_AT(c, "0.SignatureAlgorithm", "4");
    EXPECT_AT(c, "0.AuthorityKeyId", "null");
    EXPECT_AT(c, "0.URIStrings", "null");
    EXPECT_AT(c, "1.MaxPathLen", "0");
    EXPECT_AT(c, "1.MaxPathLenZero", "true");
    EXPECT_AT(c, "1.PublicKeyAlgorithm", "3");
    EXPECT_AT(c, "1.PublicKey.Curve", "{}");
    EXPECT_AT(c, "1.PublicKey.X", "41715504439372416894105195320641129050022326062955446501820038136622276194162");
    EXPECT_AT(c, "1.PermittedDNSDomainsCritical", "true");
    EXPECT_AT(c, "1.PermittedDNSDomains", "[\"example.com\"]");
    EXPECT_AT(c, "1.PermittedIPRanges",
              "[{\"IP\":\"10.0.0.0\",\"Mask\":\"/wAAAA==\"},{\"IP\":\"2001:db8::\",\"Mask\":\"/////wAAAAAAAAAAAAAAAA==\"}]");
    EXPECT_AT(c, "1.ExcludedEmailAddresses", "[\"bad.example.com\"]");
    EXPECT_AT(c, "1.Subject.Locality", "[\"San Francisco\"]");
    /* Ed25519 */
    rg_value e = certs1(ED_CERT_PEM);
    EXPECT_AT(e, "0.PublicKeyAlgorithm", "4");
    EXPECT_AT(e, "0.SignatureAlgorithm", "16");
    EXPECT_AT(e, "0.Subject.CommonName", "\"ed25519 test\"");
    CHECK(at(e, "0.PublicKey").kind == RG_STRING && at(e, "0.PublicKey").len == 44);
}

static void test_parse_forms(void) {
    /* base64 DER, base64 PEM, and text before the PEM block. */
    rg_value pem = certs1(LEAF_PEM), der = certs1(b64_of(LEAF_PEM, true)), b64pem = certs1(b64_of(LEAF_PEM, false));
    CHECK(rg_value_equal(pem, der));
    CHECK(rg_value_equal(pem, b64pem));
    rg_value chain = certs1(b64_of(cat3(ROOT_PEM, INT_PEM, LEAF_PEM), false));
    CHECK(chain.kind == RG_ARRAY && chain.len == 3);
    /* concatenated DER */
    rg_buf two = RG_BUF_INIT;
    der_of(ROOT_PEM, &two);
    der_of(LEAF_PEM, &two);
    rg_value both = call("crypto.x509.parse_certificates", (rg_value[]){b64_bytes(&A, two.data, two.len)}, 1);
    rg_buf_fini(&two);
    EXPECT_AT(both, "1.Subject.CommonName", "\"www.example.com\"");
    /* text after the last block is ignored */
    rg_value junk = certs1(cat3(LEAF_PEM, "trailing words\n", ""));
    CHECK(rg_value_equal(junk, pem));
}

static void test_parse_errors(void) {
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_certificates: illegal base64 data at input byte 0",
               "crypto.x509.parse_certificates", S("abc"));
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_certificates: illegal base64 data at input byte 4",
               "crypto.x509.parse_certificates", S("invalid"));
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_certificates: x509: malformed certificate",
               "crypto.x509.parse_certificates", S("aGVsbG8gd29ybGQ="));
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_certificates: PEM block type is 'PRIVATE KEY', expected CERTIFICATE",
               "crypto.x509.parse_certificates", S(LEAF_KEY_PKCS8));
    EXPECT_ERR("eval_type_error: crypto.x509.parse_certificates: operand 1 must be string but got number",
               "crypto.x509.parse_certificates", rg_int(1));
    /* a PEM whose END line does not match yields no certificate */
    rg_value none = certs1("-----BEGIN CERTIFICATE-----\nAAAA\n-----END OTHER-----\n");
    CHECK(none.kind == RG_ARRAY && none.len == 0);
    /* truncated DER */
    const char *der = b64_of(LEAF_PEM, true);
    char *cut = rg_arena_strndup(&A, der, 400);
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_certificates: x509: malformed certificate",
               "crypto.x509.parse_certificates", S(cut));
}

static rg_value verify(const char *pem) {
    rg_value arg = S(pem);
    return call("crypto.x509.parse_and_verify_certificates", &arg, 1);
}

static rg_value verify_opts(const char *pem, const char *opts) {
    rg_value args[2] = {S(pem), J(opts)};
    return call("crypto.x509.parse_and_verify_certificates_with_options", args, 2);
}

static void test_verify(void) {
    const char *chain = cat3(ROOT_PEM, INT_PEM, LEAF_PEM);
    rg_value r = verify(chain);
    EXPECT_AT(r, "0", "true");
    EXPECT_AT(r, "1.0.Subject.CommonName", "\"www.example.com\"");
    EXPECT_AT(r, "1.1.Subject.CommonName", "\"Regent Intermediate CA\"");
    EXPECT_AT(r, "1.2.Subject.CommonName", "\"Regent Root CA\"");
    EXPECT_AT(r, "1.0.URIStrings", "[\"spiffe://example.com/ns/default/sa/web\"]");
    /* root then leaf, intermediate missing; wrong order; one certificate */
    EXPECT_AT(verify(cat3(ROOT_PEM, LEAF_PEM, "")), "", "[false,[]]");
    EXPECT_AT(verify(cat3(LEAF_PEM, INT_PEM, ROOT_PEM)), "", "[false,[]]");
    EXPECT_AT(verify(ROOT_PEM), "", "[false,[]]");
    EXPECT_AT(verify(cat3(ROOT_PEM, INT_PEM, EXPIRED_PEM)), "", "[false,[]]");
    EXPECT_AT(verify("not base64!"), "", "[false,[]]");
    EXPECT_AT(verify(cat3(ROOT_PEM, INT_PEM, "")), "0", "true"); /* root -> intermediate */
}

static void test_verify_options(void) {
    const char *chain = cat3(ROOT_PEM, INT_PEM, LEAF_PEM);
    EXPECT_AT(verify_opts(chain, "{}"), "0", "true");
    EXPECT_AT(verify_opts(chain, "{\"DNSName\": \"api.example.com\"}"), "0", "true");
    EXPECT_AT(verify_opts(chain, "{\"DNSName\": \"other.example.com\"}"), "", "[false,[]]");
    EXPECT_AT(verify_opts(chain, "{\"DNSName\": \"10.1.2.3\"}"), "0", "true");
    EXPECT_AT(verify_opts(chain, "{\"KeyUsages\": [\"KeyUsageClientAuth\", \"KeyUsageServerAuth\"]}"), "0", "true");
    EXPECT_AT(verify_opts(chain, "{\"KeyUsages\": [\"KeyUsageCodeSigning\"]}"), "", "[false,[]]");
    EXPECT_AT(verify_opts(chain, "{\"KeyUsages\": [\"KeyUsageAny\"]}"), "0", "true");
    /* 2019: before the leaf is valid; 2050: fine; the expired leaf is fine in 2020 */
    EXPECT_AT(verify_opts(chain, "{\"CurrentTime\": 1546300800000000000}"), "", "[false,[]]");
    EXPECT_AT(verify_opts(chain, "{\"CurrentTime\": 2524608000000000000}"), "0", "true");
    EXPECT_AT(verify_opts(cat3(ROOT_PEM, INT_PEM, EXPIRED_PEM), "{\"CurrentTime\": 1600000000000000000}"), "0", "true");
    EXPECT_AT(verify_opts(chain, "{\"MaxConstraintComparisons\": 10}"), "0", "true");
    rg_value args[2] = {S(chain), J("{\"foo\": 1}")};
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_and_verify_certificates_with_options: invalid key option",
               "crypto.x509.parse_and_verify_certificates_with_options", args[0], args[1]);
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_and_verify_certificates_with_options: invalid entries for "
               "'KeyUsages' found: [a b]",
               "crypto.x509.parse_and_verify_certificates_with_options", S(chain),
               J("{\"KeyUsages\": [\"a\", \"KeyUsageAny\", \"b\"]}"));
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_and_verify_certificates_with_options: 'DNSName' should be a string",
               "crypto.x509.parse_and_verify_certificates_with_options", S(chain), J("{\"DNSName\": 1}"));
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_and_verify_certificates_with_options: 'CurrentTime' should be a number",
               "crypto.x509.parse_and_verify_certificates_with_options", S(chain), J("{\"CurrentTime\": \"x\"}"));
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_and_verify_certificates_with_options: 'KeyUsages' should be an Array or Set",
               "crypto.x509.parse_and_verify_certificates_with_options", S(chain), J("{\"KeyUsages\": 1}"));
    /* bad certificates win over bad options */
    EXPECT_AT(verify_opts("bad", "{\"foo\": 1}"), "", "[false,[]]");
}

static void test_csr(void) {
    rg_value arg = S(CSR_PEM);
    rg_value r = call("crypto.x509.parse_certificate_request", &arg, 1);
    EXPECT_AT(r, "Version", "0");
    EXPECT_AT(r, "Subject.CommonName", "\"csr.example.com\"");
    EXPECT_AT(r, "Subject.Country", "[\"DE\"]");
    EXPECT_AT(r, "SignatureAlgorithm", "4");
    EXPECT_AT(r, "PublicKeyAlgorithm", "1");
    EXPECT_AT(r, "DNSNames", "[\"csr.example.com\"]");
    EXPECT_AT(r, "IPAddresses", "[\"192.168.0.1\"]");
    EXPECT_AT(r, "URIs.0.RawQuery", "\"y=1\"");
    EXPECT_AT(r, "URIs.0.Path", "\"/x\"");
    EXPECT_AT(r, "Extensions.1", "{\"Critical\":true,\"Id\":[2,5,29,19],\"Value\":\"MAA=\"}");
    EXPECT_AT(r, "Attributes.0.Type", "[1,2,840,113549,1,9,14]");
    EXPECT_AT(r, "Attributes.0.Value.0.1", "{\"Type\":[2,5,29,19],\"Value\":null}");
    EXPECT_AT(r, "ExtraExtensions", "null");
    EXPECT_AT(r, "EmailAddresses", "null");
    /* base64 of the DER */
    rg_value der = S(b64_of(CSR_PEM, true));
    CHECK(rg_value_equal(call("crypto.x509.parse_certificate_request", &der, 1), r));
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_certificate_request: invalid PEM-encoded certificate signing request",
               "crypto.x509.parse_certificate_request", S(b64_of(LEAF_PEM, false)));
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_certificate_request: illegal base64 data at input byte 0",
               "crypto.x509.parse_certificate_request", S("-----BEGIN CERTIFICATE-----\n"));
    rg_value bad = call("crypto.x509.parse_certificate_request", (rg_value[]){S("aGVsbG8=")}, 1);
    CHECK(rg_is_undef(bad));
    CHECK(strstr(err_text, "eval_builtin_error: crypto.x509.parse_certificate_request: asn1:") != NULL);
}

static rg_value keypair(const char *cert, const char *key) {
    rg_value args[2] = {S(cert), S(key)};
    return call("crypto.x509.parse_keypair", args, 2);
}

static void test_keypair(void) {
    rg_value r = keypair(LEAF_PEM, LEAF_KEY_PKCS1);
    CHECK(at(r, "Certificate").kind == RG_ARRAY && at(r, "Certificate").len == 1);
    EXPECT_AT(r, "Certificate.0", cat3("\"", b64_of(LEAF_PEM, true), "\""));
    EXPECT_AT(r, "PrivateKey.E", "65537");
    EXPECT_AT(r, "PrivateKey.Precomputed.CRTValues", "[]");
    CHECK(at(r, "PrivateKey.Primes").len == 2);
    EXPECT_AT(r, "Leaf.Subject.CommonName", "\"www.example.com\"");
    EXPECT_AT(r, "OCSPStaple", "null");
    CHECK(rg_value_equal(at(r, "PrivateKey.N"), at(certs1(LEAF_PEM), "0.PublicKey.N")));
    rg_value r8 = keypair(LEAF_PEM, LEAF_KEY_PKCS8);
    CHECK(rg_value_equal(r, r8));
    /* DER certificate and key given as base64 */
    rg_value rb = keypair(b64_of(LEAF_PEM, true), b64_of(LEAF_KEY_PKCS8, true));
    CHECK(rg_value_equal(r, rb));
    rg_value ec = keypair(INT_PEM, INT_KEY_SEC1);
    EXPECT_AT(ec, "PrivateKey.Curve", "{}");
    CHECK(rg_value_equal(at(ec, "PrivateKey.X"), at(certs1(INT_PEM), "0.PublicKey.X")));
    rg_value ed = keypair(ED_CERT_PEM, ED_KEY_PKCS8);
    CHECK(at(ed, "PrivateKey").kind == RG_STRING && at(ed, "PrivateKey").len == 88);
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_keypair: tls: private key type does not match public key type",
               "crypto.x509.parse_keypair", S(LEAF_PEM), S(INT_KEY_SEC1));
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_keypair: tls: private key does not match public key",
               "crypto.x509.parse_keypair", S(ROOT_PEM), S(LEAF_KEY_PKCS1));
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_keypair: tls: found a certificate rather than a key in the PEM for "
               "the private key",
               "crypto.x509.parse_keypair", S(LEAF_PEM), S(ROOT_PEM));
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_keypair: tls: failed to find certificate PEM data in certificate "
               "input, but did find a private key; PEM inputs may have been switched",
               "crypto.x509.parse_keypair", S(LEAF_KEY_PKCS1), S(LEAF_PEM));
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_keypair: tls: failed to parse private key",
               "crypto.x509.parse_keypair", S(LEAF_PEM), S("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_keypair: illegal base64 data at input byte 1",
               "crypto.x509.parse_keypair", S(LEAF_PEM), S("a!"));
}

static void test_rsa_private_key(void) {
    rg_value arg = S(LEAF_KEY_PKCS1);
    rg_value k = call("crypto.x509.parse_rsa_private_key", &arg, 1);
    EXPECT_AT(k, "kty", "\"RSA\"");
    EXPECT_AT(k, "e", "\"AQAB\"");
    CHECK(at(k, "n").kind == RG_STRING && at(k, "n").len == 342 && at(k, "n").u.s[0] == 't');
    CHECK(at(k, "d").kind == RG_STRING && at(k, "dp").kind == RG_STRING && at(k, "qi").kind == RG_STRING);
    CHECK(rg_len(k) == 9);
    rg_value arg8 = S(LEAF_KEY_PKCS8);
    CHECK(rg_value_equal(call("crypto.x509.parse_rsa_private_key", &arg8, 1), k));
    rg_value argb = S(b64_of(LEAF_KEY_PKCS1, false));
    CHECK(rg_value_equal(call("crypto.x509.parse_rsa_private_key", &argb, 1), k));
    /* an EC key in PKCS #8 becomes an EC JWK */
    rg_value ecarg = S(INT_KEY_PKCS8);
    rg_value ec = call("crypto.x509.parse_rsa_private_key", &ecarg, 1);
    EXPECT_AT(ec, "kty", "\"EC\"");
    EXPECT_AT(ec, "crv", "\"P-256\"");
    CHECK(at(ec, "d").kind == RG_STRING && at(ec, "x").kind == RG_STRING);
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_rsa_private_key: PEM block type is 'EC PRIVATE KEY', expected RSA "
               "PRIVATE KEY or PRIVATE KEY",
               "crypto.x509.parse_rsa_private_key", S(INT_KEY_SEC1));
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_rsa_private_key: failed to parse PEM block containing the key",
               "crypto.x509.parse_rsa_private_key", S("-----BEGIN RSA PRIVATE KEY-----\n"));
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_rsa_private_key: unsupported key type ed25519.PrivateKey",
               "crypto.x509.parse_rsa_private_key", S(ED_KEY_PKCS8));
}

/* base64 of n raw bytes, in arena a. */
static rg_value b64_bytes(rg_arena *a, const char *data, size_t n) {
    static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    rg_buf enc = RG_BUF_INIT;
    for (size_t j = 0; j < n; j += 3) {
        unsigned w = (unsigned char)data[j] << 16 | (j + 1 < n ? (unsigned char)data[j + 1] << 8 : 0) |
                     (j + 2 < n ? (unsigned char)data[j + 2] : 0);
        rg_buf_putc(&enc, tbl[w >> 18 & 63]);
        rg_buf_putc(&enc, tbl[w >> 12 & 63]);
        rg_buf_putc(&enc, j + 1 < n ? tbl[w >> 6 & 63] : '=');
        rg_buf_putc(&enc, j + 2 < n ? tbl[w & 63] : '=');
    }
    rg_value v = rg_string(a, enc.data ? enc.data : "", enc.len);
    rg_buf_fini(&enc);
    return v;
}

/* The DER bytes of a PEM text. */
static void der_of(const char *pem, rg_buf *out) {
    static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned v = 0;
    int bits = 0;
    for (const char *p = b64_of(pem, true); *p && *p != '='; p++) {
        v = v << 6 | (unsigned)(strchr(tbl, *p) - tbl);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            rg_buf_putc(out, (char)(v >> bits & 0xff));
        }
    }
}

/* Runs the parsers that take this kind of input on one mutated DER. */
static void run_mutant(size_t kind, const char *der, size_t n) {
    rg_arena scratch;
    rg_arena_init(&scratch);
    rg_bi_ctx c;
    rg_bi_ctx_init(&c, &scratch);
    rg_value out, arg = b64_bytes(&scratch, der, n);
    if (kind < 2) {
        rg_bi_call(&c, "crypto.x509.parse_certificates", &arg, 1, &out);
        rg_bi_call(&c, "crypto.x509.parse_and_verify_certificates", &arg, 1, &out);
        rg_value kp[2] = {arg, S(LEAF_KEY_PKCS1)};
        rg_bi_call(&c, "crypto.x509.parse_keypair", kp, 2, &out);
    } else if (kind == 2) {
        rg_bi_call(&c, "crypto.x509.parse_certificate_request", &arg, 1, &out);
    } else {
        rg_value kp[2] = {S(LEAF_PEM), arg};
        rg_bi_call(&c, "crypto.x509.parse_keypair", kp, 2, &out);
    }
    rg_bi_ctx_fini(&c);
    rg_arena_fini(&scratch);
}

/* Byte flips and truncations of every DER input: errors or results, never
 * a crash (this test runs under ASan and valgrind). */
static void test_mutations(void) {
    const char *pems[] = {LEAF_PEM, INT_PEM, CSR_PEM, LEAF_KEY_PKCS1, INT_KEY_SEC1, ED_KEY_PKCS8};
    for (size_t k = 0; k < sizeof pems / sizeof pems[0]; k++) {
        rg_buf der = RG_BUF_INIT;
        der_of(pems[k], &der);
        CHECK(der.len > 40);
        for (size_t i = 0; i < der.len; i += (k < 3 ? 1 : 3)) {
            unsigned char saved = (unsigned char)der.data[i];
            der.data[i] = (char)(saved ^ (i % 2 ? 0x80 : 0x01));
            run_mutant(k, der.data, der.len);
            der.data[i] = (char)saved;
            if (i % 7 == 0) run_mutant(k, der.data, i);
        }
        rg_buf_fini(&der);
    }
}

static void test_hostile(void) {
    /* many BEGIN lines before one mismatched END line: linear work */
    rg_buf pem = RG_BUF_INIT;
    for (int i = 0; i < 60000; i++) rg_buf_puts(&pem, "-----BEGIN CERTIFICATE-----\nQUFB\n");
    rg_buf_puts(&pem, "-----END B-----\n");
    rg_value r = certs1(rg_buf_cstr(&pem));
    CHECK(r.kind == RG_ARRAY && r.len == 0);
    rg_buf_fini(&pem);
    /* NUL bytes and deep nesting */
    rg_value nul = call("crypto.x509.parse_certificates", (rg_value[]){rg_string(&A, "-----BEGIN\0x", 12)}, 1);
    CHECK(nul.kind == RG_ARRAY && nul.len == 0);
    rg_buf deep = RG_BUF_INIT;
    for (int i = 0; i < 2000; i++) rg_buf_puts(&deep, "MIAw");
    EXPECT_ERR("eval_builtin_error: crypto.x509.parse_certificates: x509: malformed certificate",
               "crypto.x509.parse_certificates", S(rg_buf_cstr(&deep)));
    rg_buf_fini(&deep);
}

int main(void) {
    CHECK(rg_builtins_x509[0].name != NULL);
    rg_arena_init(&A);
    test_parse_leaf();
    test_parse_ca();
    test_parse_forms();
    test_parse_errors();
    test_verify();
    test_verify_options();
    test_csr();
    test_keypair();
    test_rsa_private_key();
    test_mutations();
    test_hostile();
    rg_arena_fini(&A);
    return rg_test_report("builtins_x509");
}
