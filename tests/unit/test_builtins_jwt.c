/* io.jwt.* builtins: decoding, verification with every algorithm family and
 * key form (PEM public key, certificate, JWK, JWK set), decode_verify's
 * constraints and claims, signing, and malformed input.
 *
 * Keys and tokens below were made with the openssl command-line tool
 * (genpkey, req -x509, dgst -sign / -mac HMAC, pkeyutl -sign -rawin); the
 * ECDSA signatures were converted from DER to JWS's raw r||s.  The common
 * payload is {"sub":"alice","iss":"regent","aud":"api","exp":2000000000,
 * "nbf":1500000000}; HS* tokens use the secret "s3cr3t". */
#include <stdio.h>
#include <stdlib.h>

#include "read/read.h"
#include "rego/bi_ctx.h"
#include "testlib.h"

/* Strong reference: the family table must be linked in from the library. */
extern const rg_builtin_def rg_builtins_jwt[];

static const char RSA_PUB_PEM[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAw0sxhNZpxm3AjrUkb2ch\n"
    "Gk/4P523Qk+N/1E6oROqIfg5tj38kKX/dNCUXCAzZx61hQYRFLOb1CeaN7NcVFPg\n"
    "Asr3K0zD3LPFv0AwE+sVJ4VsrNN1RoCTxHpFO0VTE9byh89tyKumyWGoCDcrwvi/\n"
    "KNbMEk8lwv2qq7N3R+uIAWR6tE6mDQxvN6aSl3eddb5Ogr76ZP6mkppCV1Toan12\n"
    "mqJqlrJb4Otk5X3YnM2UFtHL7450kXT486ElX+HUYMcqp8dCqqPFkS6/xK54dLxL\n"
    "WCQvNbH+eeDqkkNv9DpkAcIfRJVANFWCfyGeOffiQkgT/dKNgFsUYyTh6yLx++lO\n"
    "MQIDAQAB\n"
    "-----END PUBLIC KEY-----\n";

static const char RSA_CERT_PEM[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIDDzCCAfegAwIBAgIUBtivc4QSFFYUYd3tFraFNXX58aQwDQYJKoZIhvcNAQEL\n"
    "BQAwFjEUMBIGA1UEAwwLcmVnZW50LXRlc3QwIBcNMjYxMTIzMTY0ODQ5WhgPMjEy\n"
    "NjEwMzAxNjQ4NDlaMBYxFDASBgNVBAMMC3JlZ2VudC10ZXN0MIIBIjANBgkqhkiG\n"
    "9w0BAQEFAAOCAQ8AMIIBCgKCAQEAw0sxhNZpxm3AjrUkb2chGk/4P523Qk+N/1E6\n"
    "oROqIfg5tj38kKX/dNCUXCAzZx61hQYRFLOb1CeaN7NcVFPgAsr3K0zD3LPFv0Aw\n"
    "E+sVJ4VsrNN1RoCTxHpFO0VTE9byh89tyKumyWGoCDcrwvi/KNbMEk8lwv2qq7N3\n"
    "R+uIAWR6tE6mDQxvN6aSl3eddb5Ogr76ZP6mkppCV1Toan12mqJqlrJb4Otk5X3Y\n"
    "nM2UFtHL7450kXT486ElX+HUYMcqp8dCqqPFkS6/xK54dLxLWCQvNbH+eeDqkkNv\n"
    "9DpkAcIfRJVANFWCfyGeOffiQkgT/dKNgFsUYyTh6yLx++lOMQIDAQABo1MwUTAd\n"
    "BgNVHQ4EFgQUGfLuEzUCoaJNWJXpHpeltRh8Fo0wHwYDVR0jBBgwFoAUGfLuEzUC\n"
    "oaJNWJXpHpeltRh8Fo0wDwYDVR0TAQH/BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOC\n"
    "AQEAuyH4oGbgMap50QRzXv3H0ufHPrRjgieKsqJs2fgz7SkYH78Pit3G9t17l9DL\n"
    "fV2H2mhRetxp9A6geeWDYfRK4zZur67LljDzpBeDg/RTFIWCfE339FLswf4L6Esr\n"
    "9ZqY7/hQQuDaYpyfzfYAOlV7POf3PbNDMjG/G2I361SxI6CFNLCXsG+pkz3wMEJv\n"
    "4tSH6+yfKP6ox5TTKdojEuqKC/7wg9ZcY/xUvIMdWwUFF+MTTMBON5/5aQAraAf1\n"
    "g5d21khbKdHlCK+n1T30jgzfkmjgeW0k1kCjekQi1w1iuoecRPjZnoLRiVgWw3by\n"
    "P6RgYjZbUFF+S2GzJ3vAsfkwMQ==\n"
    "-----END CERTIFICATE-----\n";

static const char RSA2_PUB_PEM[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsOrS1+8kTrxcinQJwxhL\n"
    "ir8jJl0+IDISKNUq+vuHjMAtvs71F5dqrv3tF7rpCPpSyWnRLPq++gevwLJIyswQ\n"
    "7pCxL6gdVse1vWXYNEghO5nu4Njuprd6OyvSFKza0Dw5eowdmSlpfqOE0IMj5HQr\n"
    "S488WFDaDMvpgMTDS13BMd9iAZgLGpN1JJ/5UMYdMDiKgqaT8YUPgOQg/ujpouIb\n"
    "RRVtJ1XEnC3wE0MKw+FCu+KuILyVAcyozbMmuHLCstaJCDzb4OESEuWPGW4yemhA\n"
    "OxWtQnGzqXTcWo32i8V5BhdPGiDt8K6Gr7D379ZsLKCh5DOVlRjaTHosS9oFPDlc\n"
    "AwIDAQAB\n"
    "-----END PUBLIC KEY-----\n";

static const char EC256_PUB_PEM[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEAjzqSAksFbE9NgAYldMR0D0AuRgp\n"
    "2JspL7jREO1NsASXDt0ZYShqQ8bzOonDR0cThLCdIymblXSDpjLeNkxN5g==\n"
    "-----END PUBLIC KEY-----\n";

static const char EC384_PUB_PEM[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE3jTQ2hFemPE3NCZYp310wub8xazxWhTM\n"
    "1acvJyD558Anx+6F5tQd1ttvMvicSwoAA6RrRgNbjhGRkXC5bZG6iBuVmt9bgbRd\n"
    "tQWRgN253V23mOyNG1UDaTTPyfLDtuZU\n"
    "-----END PUBLIC KEY-----\n";

static const char EC521_PUB_PEM[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MIGbMBAGByqGSM49AgEGBSuBBAAjA4GGAAQAw146F9u2XHAVekD6RwCiMebezk2C\n"
    "0zgw9aGO27CbtR90x3xz/Jii6ObGGndAbiYBuGPneIcyWv+8n7Uw4c3ldvQBCXiP\n"
    "ogMMdoeAmIvGqMxNDGrinskv9WfahDPyeLwk6Z41PBaSoc81bnRXb/dS+wJW7+W7\n"
    "NiFlwWcQEETNO9Ollxw=\n"
    "-----END PUBLIC KEY-----\n";

static const char ED_PUB_PEM[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEAticUVMrESlW2PyclaJribYpO3a8e+os0BTz0Cf5JLI8=\n"
    "-----END PUBLIC KEY-----\n";

static const char RSA512_PUB_PEM[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAL62wCdlPJkK1fEqOmjACK+H5rHWpjz1\n"
    "sJGTlvZp9l5G5Il2mGt/lFZis4cjuAu/1/cJUSlSJSsHwgzhOB49Ol0CAwEAAQ==\n"
    "-----END PUBLIC KEY-----\n";

static const char RSA_PUB_JWK[] =
    "{\"kty\":\"RSA\",\"kid\":\"rsa1\",\"n\":\"w0sxhNZpxm3AjrUkb2chGk_4P523Qk-N_1E6oROqIfg5tj38kKX_dNCUXCAzZx61hQYRF"
    "LOb1CeaN7NcVFPgAsr3K0zD3LPFv0AwE-sVJ4VsrNN1RoCTxHpFO0VTE9byh89tyKumyWGoCDcrwvi_KNbMEk8lwv2qq7N3R-uIA"
    "WR6tE6mDQxvN6aSl3eddb5Ogr76ZP6mkppCV1Toan12mqJqlrJb4Otk5X3YnM2UFtHL7450kXT486ElX-HUYMcqp8dCqqPFkS6_x"
    "K54dLxLWCQvNbH-eeDqkkNv9DpkAcIfRJVANFWCfyGeOffiQkgT_dKNgFsUYyTh6yLx--lOMQ\",\"e\":\"AQAB\"}";

static const char RSA_JWKS[] =
    "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"rsa2\",\"n\":\"sOrS1-8kTrxcinQJwxhLir8jJl0-IDISKNUq-vuHjMAtvs71F5dqrv3tF7rp"
    "CPpSyWnRLPq--gevwLJIyswQ7pCxL6gdVse1vWXYNEghO5nu4Njuprd6OyvSFKza0Dw5eowdmSlpfqOE0IMj5HQrS488WFDaDMvp"
    "gMTDS13BMd9iAZgLGpN1JJ_5UMYdMDiKgqaT8YUPgOQg_ujpouIbRRVtJ1XEnC3wE0MKw-FCu-KuILyVAcyozbMmuHLCstaJCDzb"
    "4OESEuWPGW4yemhAOxWtQnGzqXTcWo32i8V5BhdPGiDt8K6Gr7D379ZsLKCh5DOVlRjaTHosS9oFPDlcAw\",\"e\":\"AQAB\",\"alg\""
    ":\"RS256\"},{\"kty\":\"RSA\",\"kid\":\"rsa1\",\"n\":\"w0sxhNZpxm3AjrUkb2chGk_4P523Qk-N_1E6oROqIfg5tj38kKX_dNCUXCA"
    "zZx61hQYRFLOb1CeaN7NcVFPgAsr3K0zD3LPFv0AwE-sVJ4VsrNN1RoCTxHpFO0VTE9byh89tyKumyWGoCDcrwvi_KNbMEk8lwv2"
    "qq7N3R-uIAWR6tE6mDQxvN6aSl3eddb5Ogr76ZP6mkppCV1Toan12mqJqlrJb4Otk5X3YnM2UFtHL7450kXT486ElX-HUYMcqp8d"
    "CqqPFkS6_xK54dLxLWCQvNbH-eeDqkkNv9DpkAcIfRJVANFWCfyGeOffiQkgT_dKNgFsUYyTh6yLx--lOMQ\",\"e\":\"AQAB\",\"alg"
    "\":\"RS256\"},{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"ec1\",\"alg\":\"ES256\",\"x\":\"AjzqSAksFbE9NgAYldMR0D0AuRgp2Jsp"
    "L7jREO1NsAQ\",\"y\":\"lw7dGWEoakPG8zqJw0dHE4SwnSMpm5V0g6Yy3jZMTeY\"},{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\""
    "ed1\",\"x\":\"ticUVMrESlW2PyclaJribYpO3a8e-os0BTz0Cf5JLI8\"}]}";

static const char RSA_PRIV_JWK[] =
    "{\"kty\":\"RSA\",\"n\":\"w0sxhNZpxm3AjrUkb2chGk_4P523Qk-N_1E6oROqIfg5tj38kKX_dNCUXCAzZx61hQYRFLOb1CeaN7NcVF"
    "PgAsr3K0zD3LPFv0AwE-sVJ4VsrNN1RoCTxHpFO0VTE9byh89tyKumyWGoCDcrwvi_KNbMEk8lwv2qq7N3R-uIAWR6tE6mDQxvN6"
    "aSl3eddb5Ogr76ZP6mkppCV1Toan12mqJqlrJb4Otk5X3YnM2UFtHL7450kXT486ElX-HUYMcqp8dCqqPFkS6_xK54dLxLWCQvNb"
    "H-eeDqkkNv9DpkAcIfRJVANFWCfyGeOffiQkgT_dKNgFsUYyTh6yLx--lOMQ\",\"e\":\"AQAB\",\"d\":\"DyB6Z_JehBOvobFcCDlodR"
    "jMcktqZmHLuzYhmlg8sKy0KUhFqwPPAZw_kzk25URmkmfk_jUBTqtFa0FJCnEd8PY9GfOavwDsjsLo8AoHLyX-RA7Am6Lm9Z-Ntq"
    "ivTC8CLABAES_JvflPlVjsp1ZlvClf6jhX0b6c4yrS0O8B_GJKXh80k2b9mmJKZqgOup6lxeVkEVKjTT_HMAHH9T6J5VVaTReX40"
    "6G2L-O0a4exMdUZMuyBz366gtKy3pV4wiKHcpwAG_TOz7AKkS3d8Dh7N5THUWvrZYUg4BGcOl0h3Zgyu_iZ4fVytDH1SaceH1thR"
    "mVU6wpjH2MJNvCDc_h7w\",\"p\":\"9Owyj9oWmW9W_dO-fag4rBvkO9zTXBKkbY7dKsIG4-fLTM6Lh2ESpQuY0VMr2jwYkGSKOJ2B8"
    "YVJSjO2HO401EfHK0aju6q-tuecuk-UsU44VlY3VVO-2TScGJ8L3YErnXt-Pka_g2OrC8pWRdm9c6WtQ3SRYxc18H5kzKDSF-8\","
    "\"q\":\"zCBf2abi7GRHAjn5eWTE479Q-aabz2ZaS_3E7Sg-dQL4yC3QjgCwzkpnmsZIoMpfxTjM5AAXsbP_VB8RQe0Q2YckSSGnC7J"
    "sshOtIdj8sQhPXhCfokBfx5EfoCzT1t4KSZR8rus3_4IXKQZYcLxNLnDUySnI0GJim8sp3qdj298\",\"dp\":\"TbQB9pGCSfuA5daf"
    "wM317OSMbFGK3NMtR3TjxgT4mqWXYi7FJZYujB45xW9Vok8em_DJyVxvNWjL77aoOFV6fT6oeZpXp9pr1yt0FcfZrMbcKMgBlhiT"
    "m-WNAGK1KPkqFTRwwOFBMTYVtg_jfxWtfVs6tQPufDmI61uuLx12ihE\",\"dq\":\"xpt1RxrmTaSfpl3sCp3uJ72cttrRXLE0iB2IP"
    "ktawZS7pGFXOuMXJBAmz-O_BJsDJaxHRkuEwkTk199GdkOHkm638mPI2UuoEHeui3FJI6J3PomkGETULCNahwk2sCfoEIFl8vcvy"
    "-2yRRtEb6P24Imtr3B1T7N6SCUbPuTU9zc\",\"qi\":\"Eh5jkd7Qo2HGwvkNrh3DHfkxsVBuNoEAZCVbcOlPLgmTqkwxGH_eiGk0ih"
    "uB-gDxufJTmeH1bnuceLe8ZCnqW1L8fKoVGOyP1flDsJs6r0qQGXeah_WU46VlasyUXzBfRqezYcJwZVc9RjO10aWjVXYWjZjSuD"
    "zBypjGT6ZHQis\"}";

static const char EC256_PRIV_JWK[] =
    "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AjzqSAksFbE9NgAYldMR0D0AuRgp2JspL7jREO1NsAQ\",\"y\":\"lw7dGWEoakPG8zqJw0d"
    "HE4SwnSMpm5V0g6Yy3jZMTeY\",\"d\":\"7P7bbNLg8cRNI7VqlPrBW1h1QO0f-PGoSw8TlHUk0E8\"}";

static const char EC384_PRIV_JWK[] =
    "{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"3jTQ2hFemPE3NCZYp310wub8xazxWhTM1acvJyD558Anx-6F5tQd1ttvMvicSwoA\",\"y\""
    ":\"A6RrRgNbjhGRkXC5bZG6iBuVmt9bgbRdtQWRgN253V23mOyNG1UDaTTPyfLDtuZU\",\"d\":\"o0x31XBE42kuH8gV3B0lXY88mn-"
    "S8d2JlBcH0Xs94UEs8l5u3V1fQxNh9PeeNBO0\"}";

static const char EC521_PRIV_JWK[] =
    "{\"kty\":\"EC\",\"crv\":\"P-521\",\"x\":\"AMNeOhfbtlxwFXpA-kcAojHm3s5NgtM4MPWhjtuwm7UfdMd8c_yYoujmxhp3QG4mAbhj5"
    "3iHMlr_vJ-1MOHN5Xb0\",\"y\":\"AQl4j6IDDHaHgJiLxqjMTQxq4p7JL_Vn2oQz8ni8JOmeNTwWkqHPNW50V2_3UvsCVu_luzYhZc"
    "FnEBBEzTvTpZcc\",\"d\":\"ANZwHY0i_iy_fpRu3b9Pf4DM-J9IInsbc0M3M017ZZmOzMQoqnzRq9odV0MSQbP703-tnpEjmRUjORy"
    "gOXNA5-8S\"}";

static const char ED_PRIV_JWK[] =
    "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"ticUVMrESlW2PyclaJribYpO3a8e-os0BTz0Cf5JLI8\",\"d\":\"1WvUY0Xug8Ye4bb_"
    "vhr5fenDWHoT-rZt_OTwN9ZQsbM\"}";

static const char TOK_HS256[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImlzcyI6InJlZ2VudCIsImF1ZCI6ImFwaSIsImV4cCI"
    "6MjAwMDAwMDAwMCwibmJmIjoxNTAwMDAwMDAwfQ.Dr8NHDK1o0QtGsjbIoCqJfd67t7ic1QvEaKw_A3x7oM";

static const char TOK_HS384[] =
    "eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImlzcyI6InJlZ2VudCIsImF1ZCI6ImFwaSIsImV4cCI"
    "6MjAwMDAwMDAwMCwibmJmIjoxNTAwMDAwMDAwfQ.EI-WfNm_aQX9Jf29xfApbCXyzsHJ8F_k77uruLBCH7AVsvBjlzG91puJqCfo"
    "4cO1";

static const char TOK_HS512[] =
    "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImlzcyI6InJlZ2VudCIsImF1ZCI6ImFwaSIsImV4cCI"
    "6MjAwMDAwMDAwMCwibmJmIjoxNTAwMDAwMDAwfQ.fsU4PI5opbdGmq2pJWXMg7NyqtEt8a3hyuilnfEMnFjCm2hApcpHhBTUpdVJ"
    "MD2ujjfLOhKkvZuAKTQydUmThw";

static const char TOK_RS256[] =
    "eyJhbGciOiJSUzI1NiIsImtpZCI6InJzYTEiLCJ0eXAiOiJKV1QifQ.eyJzdWIiOiJhbGljZSIsImlzcyI6InJlZ2VudCIsImF1Z"
    "CI6ImFwaSIsImV4cCI6MjAwMDAwMDAwMCwibmJmIjoxNTAwMDAwMDAwfQ.SrLe8nWsalOsKr8T7tvSFy4_GIly9RU8i8t2xUj4eb"
    "AOmDtsz2mjNjpRR2neDNYtaVYRycXCainNipn4waHsDhhHETZXHsKX0PQQXkmcAU6k3izCalSRRz5j8AU9tenIpq7hg6pMfqog52"
    "fi_T_66h-3gAHnbgb4oSQOJuL84BgaLOTh__ykTGX29pxe-QJr-jM32Qcvoyg5Mfc8_nMlB7BxughP3ty3CIkeBZfzp1YN5fasqY"
    "Ccx8Xmi7PUsxAYLCbnNfstFtHT5dvDVs_FWVvRcd9taBT5VtR6aPn5J7ChBWE1OlLEP0bm_bsGBvJCMqpdqwayJ98TCGqsDG-iwQ";

static const char TOK_RS384[] =
    "eyJhbGciOiJSUzM4NCIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImlzcyI6InJlZ2VudCIsImF1ZCI6ImFwaSIsImV4cCI"
    "6MjAwMDAwMDAwMCwibmJmIjoxNTAwMDAwMDAwfQ.gOPzmH9IN0715FGJnrGZJwVCJ8DTlkVXFNYZBHm-AnAkbgNS2SZfPnLb3ezY"
    "ip0dwZhDifgum3GDfm7lvzag_MXyAVlmXgaAIHgCQmEfZEkYIAfTY7hjSBIII8pMiGDqbxIO58cnVkTn2rQ40TiUdh2d9IcBQF5q"
    "ycfy1XfrTaKdPeguDUcYnPcOY3zP3VB-YKZc7JV-gq8gShaVKaxFcIlAncl20ZhBocGTgDq9h_TaJYG9Hh2Oi0X9WzaSmCoYp6S0"
    "2OXoLRuvxauUyO6SYAMsJN23DUow36sMxpUzfIZE3h90Pl5Cm9OjRRhsdmYasOzwWTfnNhWNT0lcVoiY4g";

static const char TOK_RS512[] =
    "eyJhbGciOiJSUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImlzcyI6InJlZ2VudCIsImF1ZCI6ImFwaSIsImV4cCI"
    "6MjAwMDAwMDAwMCwibmJmIjoxNTAwMDAwMDAwfQ.InDnS3H3h69prEpZrZEiNNdcw4zISYexid3BGrh_kV3489GgsDkVT-S9vc1I"
    "H9lmvjnSVF3_yxQHaeLrcir4UrfNRuGMqlm0OY_uBuzCvpFRwcBRKr0f0xrGGFHyFJgjh-3R5jLxGj_XTvR8a6KWp4gv_I3aRN2l"
    "Y8B-xfXP8KgcdqznMnK82eTDUOEQSOXTRr36wligASrR4lpsjqxTYPsvEJTlu8cv1TWrwYcnSvHQkrv7u5Y5YVS6JBt5Ys292lgm"
    "KE6KFqPrzdYFi5zR-QNEPCcQjqvpeyIOPLlB9PwIyaRVvA0lCvw52kwtVtAyIg8bNWewOyxm-3APnU0SWg";

static const char TOK_PS256[] =
    "eyJhbGciOiJQUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImlzcyI6InJlZ2VudCIsImF1ZCI6ImFwaSIsImV4cCI"
    "6MjAwMDAwMDAwMCwibmJmIjoxNTAwMDAwMDAwfQ.sWYxjJ2fc7_6Bm24PwapqWp_ayVFq3VBRg22R1IMoIe7fduYNylUlXzPlpJ0"
    "_ZjXjfut5ZQupJNDliUqkkiB9GJiSMKfv_4efyNVKeZQS5RuKaZjV8uBDagVCltoClClA--743-KhpcW55n56X-f90wfznDscybQ"
    "sdHscEKD5Trj7y9m3zPCAujeJn2Ef3rsFxuOp-ba_cKwadgyd_wO8htcp8P9j-0uUccJ7b35fBays1DFu0Z7Qc7k6DviXk4MuZpM"
    "LMI_Eo2Dlhqsm0PyjM5agSG8kxFks-yKVEEuOhDvZE1ZIWPL_r-ot2O6tPNHaGEkrEHpmri6OSKlMXpfvA";

static const char TOK_PS384[] =
    "eyJhbGciOiJQUzM4NCIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImlzcyI6InJlZ2VudCIsImF1ZCI6ImFwaSIsImV4cCI"
    "6MjAwMDAwMDAwMCwibmJmIjoxNTAwMDAwMDAwfQ.Ndbr7DHexuEQxf6YdWep76MxMmrMLbfBV4QLChMoKw5aMEfjb4GjMMDrgx28"
    "Wav80jtKYuTgpsN8luz0vPi4IlDNNjggftvCqskFJK223ObFs-uXFqtlmcPUV4OzjIpgpRguKRSgDEyr10gcYnqsbEeHdwKJ-lqo"
    "lYBPp6RkgNPem3sbOfAvNHJA3r1KiFGmLKWYcM5ghO8TAk5ABXQ6ToxMdLjCrP0jN0nI_6bFyfIBs9KdpJEh5oF_4Vvt0r8cYpZo"
    "I2SACANqqmEb2ox910G9j-Dvj5bfSBeKPRKRYbaS9k5ARhz1cBeYncbGJGwDg-05LK3s3zc1R0lfNl8RnQ";

static const char TOK_PS512[] =
    "eyJhbGciOiJQUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImlzcyI6InJlZ2VudCIsImF1ZCI6ImFwaSIsImV4cCI"
    "6MjAwMDAwMDAwMCwibmJmIjoxNTAwMDAwMDAwfQ.Cc1xeaP3jVuf4RPBbfo_I1hUyPDzky9GfEcdGx48YSDZoZDLdsw4nh5FMhQF"
    "cOO42vLdEO3J5IHjKGATqMM3FjbpXI6x6ZBXwVyfMb-wQ-dqtss3S1JkXsFGoPIbzz9-0yIxEKJhcROLpkORv2-mSc7Ef0XaTebr"
    "7-eI1SQEh8_N6lGl8w4sXOwpwAtK3UDhdd5LF6tQn9gdXlcbljo2DwGN4etqfESn3rAqmEv01sEUJQZ8l78_nrxvXVP9LsFZr4hu"
    "jX5RhlLTuZndUbZwkXk-ZEiC3iGWtImngK1WVyTxYn8TXu2rbmwNH3LSQdd54ciaOog42H14XZ2VIG-rwA";

static const char TOK_ES256[] =
    "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImlzcyI6InJlZ2VudCIsImF1ZCI6ImFwaSIsImV4cCI"
    "6MjAwMDAwMDAwMCwibmJmIjoxNTAwMDAwMDAwfQ.jR3hCE_pKUHM99H5ibRTNObe5HVPIK9fepdFE5y6h3JPO8cXzG4ENyacNhY4"
    "nXxabvdziOO5ePGtx_VgW6A-DA";

static const char TOK_ES384[] =
    "eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImlzcyI6InJlZ2VudCIsImF1ZCI6ImFwaSIsImV4cCI"
    "6MjAwMDAwMDAwMCwibmJmIjoxNTAwMDAwMDAwfQ.IIs4OTByW8c8_dPX0qzx1b72rxOfMgYUwBO-Zkbg8iuHSdlNaujzAQY6y9I8"
    "hkslzWoH3Zud46vGDkIGQYnRXYBrsYYzqKmwjspviutWNGxuHiTb0gDEk6hP6ae8w7-O";

static const char TOK_ES512[] =
    "eyJhbGciOiJFUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImlzcyI6InJlZ2VudCIsImF1ZCI6ImFwaSIsImV4cCI"
    "6MjAwMDAwMDAwMCwibmJmIjoxNTAwMDAwMDAwfQ.AdqCApJ2sO9Z7z-hR1I8jf8dIbIAJHVaorNT0KWdqX7WQirjUSKi4mrirxaB"
    "LoFZnEpzz_bNnxl_cq8ZJ633zMVqAOlKGGs11zLYAN_CcQOF3DgyYnjq9WF4BJIgoK8CFNrAsfmkf3CBhmqvJkZJjcH2El-8dnuZ"
    "n29V5U-MzDBl3Hht";

static const char TOK_EDDSA[] =
    "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImlzcyI6InJlZ2VudCIsImF1ZCI6ImFwaSIsImV4cCI"
    "6MjAwMDAwMDAwMCwibmJmIjoxNTAwMDAwMDAwfQ.pPNBCx2jn05cdEEOGK2ZU4mGDLz1HB93zIzCkLgnfMWzUtJNLp5HGIn68HYM"
    "5P-1BSp8xXcbYC9Eug7Yu11tDg";

static const char TOK_RS256_K2[] =
    "eyJhbGciOiJSUzI1NiIsImtpZCI6InJzYTIifQ.eyJzdWIiOiJib2IifQ.nGAhPCE6qYvOAaX0Jr4h_hYZE6qiLw8DAPaadOb5jN"
    "ybXYs0B_2vMB_OM9W9OVJGviKAQJE0hy4izuwpL23eJkd1920Udx-C982y9sbaokLESsMkGu5P4A9J5sNCd6M55HDSb-JvYDPL_D"
    "eSoLUgj6BVMblatYz2EyAMdk56yuHu3R8ttORYq2nZ4ZcGGhIsoItrUrDBDq5oS5sHVfhKzcrel7Ma5_YpzRDYeXDC_Be4jPl_UX"
    "LmOsQecinb4zM4N95HUJwzTX7ZzNq_4YhAuvY9wcvZ_mpa2YftcU_5h-P392S0kzVU7b5FNrcWk-3UTZCa3Iv2rYQPCEkZ83RpPg";

static const char TOK_RS256_WEAK[] =
    "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ3ZWFrIn0.oMD2ZdXKsvAsjvl_jJHqhnShaK18_MmQO4l177LQH8emryIYKE0qC8Ljw8L"
    "EIkEkT8YYRzmCnMIEimYya9qXOQ";

/* The payload of the openssl-made tokens, as decode prints it. */
#define P1_JSON "{\"aud\":\"api\",\"exp\":2000000000,\"iss\":\"regent\",\"nbf\":1500000000,\"sub\":\"alice\"}"
/* Inside the tokens' validity window (nbf 1.5e9, exp 2e9 seconds). */
#define VALID_NS 1700000000000000000LL

static rg_arena A;
static int64_t NOW; /* evaluation clock for the next calls; 0 = real time */

static rg_value J(const char *json) { return rg_test_json(&A, json); }

static rg_value S(const char *s) { return rg_cstring(&A, s); }

/* {"cert": cert, ...extra JSON members} as a constraints object. */
static rg_value with_key(const char *name, const char *key, const char *extra_json) {
    rg_value extra = J(extra_json);
    return rg_object_put(&A, extra, S(name), S(key));
}

/* Calls a builtin; returns malloc'd text: the result as JSON, "undefined",
 * or "type: MSG" / "builtin: MSG" for errors. */
static char *run(const char *name, const rg_value *args, int n) {
    rg_bi_ctx c;
    rg_bi_ctx_init(&c, &A);
    c.now_ns = NOW;
    rg_value out;
    int rc = rg_bi_call(&c, name, args, n, &out);
    char *res;
    if (rc == RG_BI_OK) {
        res = rg_json_dump(out, 0);
    } else if (rc == RG_BI_UNDEFINED) {
        res = rg_xstrdup("undefined");
    } else {
        rg_buf b = RG_BUF_INIT;
        rg_buf_printf(&b, "%s: %s", !strcmp(c.err_code, "eval_type_error") ? "type" : "builtin", rg_buf_cstr(&c.err));
        res = rg_buf_detach(&b);
    }
    rg_bi_ctx_fini(&c);
    return res;
}

#define EXPECT(want, name, ...)                                  \
    do {                                                         \
        rg_value a_[] = {__VA_ARGS__};                           \
        char *r_ = run(name, a_, (int)(sizeof a_ / sizeof *a_)); \
        CHECK_STR(r_, want);                                     \
        free(r_);                                                \
    } while (0)

/* For messages ending with another component's words (JSON parser). */
#define EXPECT_PREFIX(want, name, ...)                                                      \
    do {                                                                                    \
        rg_value a_[] = {__VA_ARGS__};                                                      \
        char *r_ = run(name, a_, (int)(sizeof a_ / sizeof *a_));                            \
        rg_test_checks++;                                                                   \
        if (strncmp(r_, want, strlen(want)) != 0)                                           \
            rg_test_fail(__FILE__, __LINE__, "got \"%s\", want prefix \"%s\"", r_, want); \
        free(r_);                                                                           \
    } while (0)

/* Calls a builtin that must succeed and returns its string result. */
static rg_value call_str(const char *name, const rg_value *args, int n) {
    rg_bi_ctx c;
    rg_bi_ctx_init(&c, &A);
    c.now_ns = NOW;
    rg_value out = rg_undefined();
    int rc = rg_bi_call(&c, name, args, n, &out);
    if (rc != RG_BI_OK || out.kind != RG_STRING) {
        rg_test_fail(__FILE__, __LINE__, "%s failed: %s", name, rg_buf_cstr(&c.err));
        out = S("x.y.z");
    }
    rg_bi_ctx_fini(&c);
    return out;
}

/* tok with the character at offset off of part (0 header, 1 payload, 2
 * signature) replaced by another base64url character. */
static rg_value mutate(const char *tok, int part, size_t off) {
    char *s = rg_arena_strdup(&A, tok);
    char *p = s;
    for (int i = 0; i < part; i++) p = strchr(p, '.') + 1;
    p[off] = p[off] == 'A' ? 'B' : 'A';
    return rg_cstring(&A, s);
}

/* Unpadded base64url of text, for hand-made tokens. */
static char *b64u(const char *text) {
    static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    size_t n = strlen(text), j = 0;
    char *out = rg_arena_alloc(&A, n / 3 * 4 + 5);
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) | (i + 2 < n ? s[i + 2] : 0);
        out[j++] = al[v >> 18];
        out[j++] = al[(v >> 12) & 63];
        if (i + 1 < n) out[j++] = al[(v >> 6) & 63];
        if (i + 2 < n) out[j++] = al[v & 63];
    }
    out[j] = 0;
    return out;
}

/* header.payload.signature from JSON texts and a raw signature part. */
static rg_value make_token(const char *hdr, const char *pay, const char *sig) {
    rg_buf b = RG_BUF_INIT;
    rg_buf_printf(&b, "%s.%s.%s", b64u(hdr), b64u(pay), sig);
    rg_value v = rg_string(&A, b.data, b.len);
    rg_buf_fini(&b);
    return v;
}

/* An HS256 token over raw header and payload texts, secret "k". */
static rg_value hs_token(const char *hdr, const char *pay) {
    rg_value args[] = {S(hdr), S(pay), S("{\"kty\":\"oct\",\"k\":\"aw\"}")};
    return call_str("io.jwt.encode_sign_raw", args, 3);
}

#define HDR_HS256 "{\"alg\":\"HS256\",\"typ\":\"JWT\"}"
#define FALSE3 "[false,{},{}]"

static void test_decode(void) {
    const char *want = "[" HDR_HS256 "," P1_JSON ",\"0ebf0d1c32b5a3442d1ac8db2280aa25f77aeedee273542f11a2b0fc0df1ee83\"]";
    EXPECT(want, "io.jwt.decode", S(TOK_HS256));
    /* Nested tokens (cty JWT) are followed; jwt.io quotes the inner one. */
    rg_buf q = RG_BUF_INIT;
    rg_buf_printf(&q, "\"%s\"", TOK_HS256);
    EXPECT(want, "io.jwt.decode", make_token("{\"alg\":\"HS256\",\"cty\":\"JWT\"}", rg_buf_cstr(&q), "c2ln"));
    EXPECT(want, "io.jwt.decode", make_token("{\"alg\":\"HS256\",\"cty\":\"JWT\"}", TOK_HS256, "c2ln"));
    rg_buf_fini(&q);
    EXPECT("[{\"alg\":\"none\"},{\"a\":[1,{\"b\":null}]},\"\"]", "io.jwt.decode",
           make_token("{\"alg\":\"none\"}", "{\"a\":[1,{\"b\":null}]}", ""));
    /* Duplicate claims: the last one wins, as with Go's decoder. */
    EXPECT("[{\"alg\":\"none\"},{\"a\":2},\"\"]", "io.jwt.decode", make_token("{\"alg\":\"none\"}", "{\"a\":1,\"a\":2}", ""));
}

static void test_decode_errors(void) {
    const char *h = "eyJhbGciOiJIUzI1NiJ9"; /* {"alg":"HS256"} */
    char buf[256];
    EXPECT("builtin: io.jwt.decode: encoded JWT had no period separators", "io.jwt.decode", S("abc"));
    EXPECT("builtin: io.jwt.decode: encoded JWT must have 3 sections, found 2", "io.jwt.decode", S("a.b"));
    EXPECT("builtin: io.jwt.decode: encoded JWT must have 3 sections, found 5", "io.jwt.decode", S("a.b.c.d.e"));
    EXPECT("builtin: io.jwt.decode: JWT header had invalid encoding: illegal base64 data at input byte 3",
           "io.jwt.decode", S("eyJ!.e30.c2ln"));
    EXPECT("builtin: io.jwt.decode: JWT header had invalid encoding: illegal base64url string: abcde", "io.jwt.decode",
           S("abcde.e30.c2ln"));
    EXPECT_PREFIX("builtin: io.jwt.decode: bad JWT header: invalid JSON: ", "io.jwt.decode", make_token("nope", "{}", ""));
    EXPECT("builtin: io.jwt.decode: bad JWT header: decoded JSON type was not an Object", "io.jwt.decode",
           make_token("[1]", "{}", ""));
    EXPECT("builtin: io.jwt.decode: JWT is a JWE object, which is not supported", "io.jwt.decode",
           make_token("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}", "{}", ""));
    snprintf(buf, sizeof buf, "%s.!!.c2ln", h);
    EXPECT("builtin: io.jwt.decode: JWT payload had invalid encoding: illegal base64 data at input byte 0",
           "io.jwt.decode", S(buf));
    EXPECT("builtin: io.jwt.decode: decoded JSON type was not an Object", "io.jwt.decode",
           make_token("{}", "\"str\"", ""));
    EXPECT_PREFIX("builtin: io.jwt.decode: invalid JSON: ", "io.jwt.decode", make_token("{}", "{\"a\":", ""));
    EXPECT("builtin: io.jwt.decode: JWT signature had invalid encoding: illegal base64 data at input byte 2",
           "io.jwt.decode", make_token("{}", "{}", "ab!c"));
    EXPECT("type: io.jwt.decode: operand 1 must be string but got number", "io.jwt.decode", rg_int(1));
}

static void test_verify_hs(void) {
    EXPECT("true", "io.jwt.verify_hs256", S(TOK_HS256), S("s3cr3t"));
    EXPECT("true", "io.jwt.verify_hs384", S(TOK_HS384), S("s3cr3t"));
    EXPECT("true", "io.jwt.verify_hs512", S(TOK_HS512), S("s3cr3t"));
    EXPECT("false", "io.jwt.verify_hs256", S(TOK_HS256), S("s3cr3T"));
    EXPECT("false", "io.jwt.verify_hs256", S(TOK_HS256), S(""));
    EXPECT("false", "io.jwt.verify_hs256", mutate(TOK_HS256, 2, 5), S("s3cr3t"));
    EXPECT("false", "io.jwt.verify_hs256", mutate(TOK_HS256, 1, 5), S("s3cr3t"));
    EXPECT("false", "io.jwt.verify_hs256", mutate(TOK_HS256, 0, 5), S("s3cr3t"));
    /* The builtin's algorithm counts, not the header's. */
    EXPECT("false", "io.jwt.verify_hs384", S(TOK_HS256), S("s3cr3t"));
    EXPECT("false", "io.jwt.verify_hs512", S(TOK_HS384), S("s3cr3t"));
    /* The header is not decoded: only the MAC matters. */
    EXPECT("false", "io.jwt.verify_hs256", S("!!!.e30.c2ln"), S("s3cr3t"));
    EXPECT("builtin: io.jwt.verify_hs256: encoded JWT must have 3 sections, found 2", "io.jwt.verify_hs256",
           S("abc."), S("k"));
    EXPECT("builtin: io.jwt.verify_hs256: illegal base64 data at input byte 0", "io.jwt.verify_hs256",
           S("e30.e30.!!!!"), S("k"));
    EXPECT("type: io.jwt.verify_hs256: operand 1 must be string but got number", "io.jwt.verify_hs256", rg_int(1),
           S("k"));
    EXPECT("type: io.jwt.verify_hs256: operand 2 must be string but got null", "io.jwt.verify_hs256", S(TOK_HS256),
           rg_null());
}

static void test_verify_rsa(void) {
    EXPECT("true", "io.jwt.verify_rs256", S(TOK_RS256), S(RSA_PUB_PEM));
    EXPECT("true", "io.jwt.verify_rs256", S(TOK_RS256), S(RSA_CERT_PEM));
    EXPECT("true", "io.jwt.verify_rs256", S(TOK_RS256), S(RSA_PUB_JWK));
    EXPECT("true", "io.jwt.verify_rs256", S(TOK_RS256), S(RSA_JWKS));
    EXPECT("true", "io.jwt.verify_rs384", S(TOK_RS384), S(RSA_PUB_PEM));
    EXPECT("true", "io.jwt.verify_rs512", S(TOK_RS512), S(RSA_CERT_PEM));
    EXPECT("true", "io.jwt.verify_ps256", S(TOK_PS256), S(RSA_PUB_PEM));
    EXPECT("true", "io.jwt.verify_ps384", S(TOK_PS384), S(RSA_CERT_PEM));
    EXPECT("true", "io.jwt.verify_ps512", S(TOK_PS512), S(RSA_PUB_JWK));
    EXPECT("false", "io.jwt.verify_rs256", S(TOK_RS256), S(RSA2_PUB_PEM));
    EXPECT("false", "io.jwt.verify_rs256", mutate(TOK_RS256, 2, 10), S(RSA_PUB_PEM));
    EXPECT("false", "io.jwt.verify_rs256", mutate(TOK_RS256, 1, 3), S(RSA_PUB_PEM));
    EXPECT("false", "io.jwt.verify_ps256", mutate(TOK_PS256, 2, 10), S(RSA_PUB_PEM));
    /* Wrong algorithm or key type. */
    EXPECT("false", "io.jwt.verify_rs256", S(TOK_RS384), S(RSA_PUB_PEM));
    EXPECT("false", "io.jwt.verify_rs256", S(TOK_PS256), S(RSA_PUB_PEM));
    EXPECT("false", "io.jwt.verify_ps256", S(TOK_RS256), S(RSA_PUB_PEM));
    EXPECT("false", "io.jwt.verify_rs256", S(TOK_RS256), S(EC256_PUB_PEM));
    EXPECT("false", "io.jwt.verify_es256", S(TOK_RS256), S(RSA_PUB_PEM));
    /* Keys under 1024 bits are refused, as by Go's crypto/rsa. */
    EXPECT("false", "io.jwt.verify_rs256", S(TOK_RS256_WEAK), S(RSA512_PUB_PEM));
    /* JWK sets: the kid picks the key; without a match any key of the
     * header's alg (or none) is tried. */
    EXPECT("true", "io.jwt.verify_rs256", S(TOK_RS256_K2), S(RSA_JWKS));
    EXPECT("false", "io.jwt.verify_rs256", S(TOK_RS256_K2), S(RSA_PUB_JWK));
    EXPECT("true", "io.jwt.verify_rs256", S(TOK_RS256_K2), S(RSA2_PUB_PEM));
}

static void test_verify_ec_ed(void) {
    EXPECT("true", "io.jwt.verify_es256", S(TOK_ES256), S(EC256_PUB_PEM));
    EXPECT("true", "io.jwt.verify_es384", S(TOK_ES384), S(EC384_PUB_PEM));
    EXPECT("true", "io.jwt.verify_es512", S(TOK_ES512), S(EC521_PUB_PEM));
    EXPECT("true", "io.jwt.verify_es256", S(TOK_ES256), S(RSA_JWKS));
    EXPECT("false", "io.jwt.verify_es256", mutate(TOK_ES256, 2, 7), S(EC256_PUB_PEM));
    EXPECT("false", "io.jwt.verify_es256", mutate(TOK_ES256, 2, 60), S(EC256_PUB_PEM));
    EXPECT("false", "io.jwt.verify_es256", mutate(TOK_ES256, 1, 7), S(EC256_PUB_PEM));
    EXPECT("false", "io.jwt.verify_es256", S(TOK_ES256), S(EC384_PUB_PEM));
    EXPECT("false", "io.jwt.verify_es384", S(TOK_ES256), S(EC256_PUB_PEM));
    EXPECT("false", "io.jwt.verify_es256", make_token("{\"alg\":\"ES256\"}", "{}", ""), S(EC256_PUB_PEM));
    EXPECT("true", "io.jwt.verify_eddsa", S(TOK_EDDSA), S(ED_PUB_PEM));
    EXPECT("true", "io.jwt.verify_eddsa", S(TOK_EDDSA), S(RSA_JWKS));
    EXPECT("false", "io.jwt.verify_eddsa", mutate(TOK_EDDSA, 2, 7), S(ED_PUB_PEM));
    EXPECT("false", "io.jwt.verify_eddsa", S(TOK_EDDSA), S(EC256_PUB_PEM));
}

static void test_verify_key_errors(void) {
    rg_buf b = RG_BUF_INIT;
    rg_buf_printf(&b, "%s\n", RSA_PUB_PEM);
    EXPECT("builtin: io.jwt.verify_rs256: extra data after a PEM certificate block", "io.jwt.verify_rs256",
           S(TOK_RS256), S(rg_buf_cstr(&b)));
    rg_buf_fini(&b);
    EXPECT("builtin: io.jwt.verify_rs256: failed to extract a Key from the PEM certificate", "io.jwt.verify_rs256",
           S(TOK_RS256), S("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
    EXPECT_PREFIX("builtin: io.jwt.verify_rs256: failed to parse a PEM certificate: ", "io.jwt.verify_rs256",
                  S(TOK_RS256), S("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    EXPECT_PREFIX("builtin: io.jwt.verify_rs256: failed to parse a PEM public key: ", "io.jwt.verify_rs256",
                  S(TOK_RS256), S("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"));
    EXPECT_PREFIX("builtin: io.jwt.verify_rs256: failed to parse a JWK key (set): ", "io.jwt.verify_rs256",
                  S(TOK_RS256), S("not a key"));
    EXPECT_PREFIX("builtin: io.jwt.verify_rs256: failed to parse a JWK key (set): ", "io.jwt.verify_rs256",
                  S(TOK_RS256), S("{\"kty\":\"RSA\",\"n\":\"AQAB\"}"));
    EXPECT_PREFIX("builtin: io.jwt.verify_rs256: failed to parse a JWK key (set): ", "io.jwt.verify_rs256",
                  S(TOK_RS256), S("{\"kty\":\"XYZ\"}"));
    EXPECT_PREFIX("builtin: io.jwt.verify_es256: failed to parse a JWK key (set): ", "io.jwt.verify_es256",
                  S(TOK_ES256), S("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AQAB\",\"y\":\"AQAB\"}"));
    /* A PEM block that never ends is no PEM: the text is then read as JWK. */
    EXPECT_PREFIX("builtin: io.jwt.verify_rs256: failed to parse a JWK key (set): ", "io.jwt.verify_rs256",
                  S(TOK_RS256), S("-----BEGIN PUBLIC KEY-----\nAAAA\n"));
    /* Keys for other algorithms are left out of a set. */
    EXPECT("false", "io.jwt.verify_rs256", S(TOK_RS256),
           S("{\"keys\":[{\"kty\":\"RSA\",\"alg\":\"RSA-OAEP\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}"));
    /* Token errors come first, then the key, the signature and the header. */
    EXPECT("builtin: io.jwt.verify_rs256: encoded JWT had no period separators", "io.jwt.verify_rs256", S("x"),
           S("junk"));
    EXPECT("builtin: io.jwt.verify_rs256: illegal base64 data at input byte 0", "io.jwt.verify_rs256",
           S("e30.e30.!!!!"), S(RSA_PUB_PEM));
    EXPECT_PREFIX("builtin: io.jwt.verify_rs256: bad JWT header: invalid JSON: ", "io.jwt.verify_rs256",
                  make_token("{", "{}", "c2ln"), S(RSA_PUB_PEM));
    EXPECT("builtin: io.jwt.verify_rs256: alg: must be a string", "io.jwt.verify_rs256",
           make_token("{\"alg\":1}", "{}", "c2ln"), S(RSA_PUB_PEM));
    EXPECT("builtin: io.jwt.verify_rs256: crit: must be a list", "io.jwt.verify_rs256",
           make_token("{\"alg\":\"RS256\",\"crit\":\"x\"}", "{}", "c2ln"), S(RSA_PUB_PEM));
    EXPECT("type: io.jwt.verify_rs256: operand 2 must be string but got object", "io.jwt.verify_rs256", S(TOK_RS256),
           J("{}"));
}

static void test_decode_verify_secret(void) {
    NOW = VALID_NS;
    const char *ok = "[true," HDR_HS256 "," P1_JSON "]";
    EXPECT(ok, "io.jwt.decode_verify", S(TOK_HS256), with_key("secret", "s3cr3t", "{\"aud\":\"api\"}"));
    EXPECT(ok, "io.jwt.decode_verify", S(TOK_HS256),
           with_key("secret", "s3cr3t", "{\"aud\":\"api\",\"iss\":\"regent\",\"alg\":\"HS256\"}"));
    EXPECT(FALSE3, "io.jwt.decode_verify", S(TOK_HS256), with_key("secret", "wrong", "{\"aud\":\"api\"}"));
    EXPECT(FALSE3, "io.jwt.decode_verify", mutate(TOK_HS256, 1, 4), with_key("secret", "s3cr3t", "{\"aud\":\"api\"}"));
    EXPECT(FALSE3, "io.jwt.decode_verify", mutate(TOK_HS256, 2, 4), with_key("secret", "s3cr3t", "{\"aud\":\"api\"}"));
    /* A token with an audience needs a matching aud constraint. */
    EXPECT(FALSE3, "io.jwt.decode_verify", S(TOK_HS256), with_key("secret", "s3cr3t", "{}"));
    EXPECT(FALSE3, "io.jwt.decode_verify", S(TOK_HS256), with_key("secret", "s3cr3t", "{\"aud\":\"web\"}"));
    EXPECT(FALSE3, "io.jwt.decode_verify", S(TOK_HS256), with_key("secret", "s3cr3t", "{\"aud\":\"api\",\"iss\":\"x\"}"));
    EXPECT(FALSE3, "io.jwt.decode_verify", S(TOK_HS256),
           with_key("secret", "s3cr3t", "{\"aud\":\"api\",\"alg\":\"HS512\"}"));
    /* "sub" (a rego-cpp extension). */
    EXPECT(ok, "io.jwt.decode_verify", S(TOK_HS256), with_key("secret", "s3cr3t", "{\"aud\":\"api\",\"sub\":\"alice\"}"));
    EXPECT(FALSE3, "io.jwt.decode_verify", S(TOK_HS256), with_key("secret", "s3cr3t", "{\"aud\":\"api\",\"sub\":\"bob\"}"));
    /* An RSA token never verifies with a secret. */
    EXPECT(FALSE3, "io.jwt.decode_verify", S(TOK_RS256), with_key("secret", "s3cr3t", "{\"aud\":\"api\"}"));
}

static void test_decode_verify_time(void) {
    const char *ok = "[true," HDR_HS256 "," P1_JSON "]";
    rg_value c = with_key("secret", "s3cr3t", "{\"aud\":\"api\"}");
    NOW = 2100000000000000000LL; /* after exp */
    EXPECT(FALSE3, "io.jwt.decode_verify", S(TOK_HS256), c);
    NOW = 1400000000000000000LL; /* before nbf */
    EXPECT(FALSE3, "io.jwt.decode_verify", S(TOK_HS256), c);
    NOW = 2000000000000000000LL; /* exactly exp: expired */
    EXPECT(FALSE3, "io.jwt.decode_verify", S(TOK_HS256), c);
    NOW = 1500000000000000000LL; /* exactly nbf: valid */
    EXPECT(ok, "io.jwt.decode_verify", S(TOK_HS256), c);
    /* An explicit time wins over the clock. */
    NOW = 2100000000000000000LL;
    EXPECT(ok, "io.jwt.decode_verify", S(TOK_HS256),
           with_key("secret", "s3cr3t", "{\"aud\":\"api\",\"time\":1999999000000000000}"));
    EXPECT(FALSE3, "io.jwt.decode_verify", S(TOK_HS256),
           with_key("secret", "s3cr3t", "{\"aud\":\"api\",\"time\":2000000000000000000.5}"));
    NOW = VALID_NS;
    EXPECT("builtin: io.jwt.decode_verify: exp value must be a number", "io.jwt.decode_verify",
           hs_token("{\"alg\":\"HS256\"}", "{\"exp\":\"soon\"}"), with_key("secret", "k", "{}"));
    EXPECT("builtin: io.jwt.decode_verify: nbf value must be a number", "io.jwt.decode_verify",
           hs_token("{\"alg\":\"HS256\"}", "{\"nbf\":null}"), with_key("secret", "k", "{}"));
    EXPECT("[true,{\"alg\":\"HS256\"},{\"exp\":1700000000.5,\"nbf\":1699999999.5}]", "io.jwt.decode_verify",
           hs_token("{\"alg\":\"HS256\"}", "{\"exp\":1700000000.5,\"nbf\":1699999999.5}"), with_key("secret", "k", "{}"));
}

static void test_decode_verify_keys(void) {
    NOW = VALID_NS;
    EXPECT("[true,{\"alg\":\"RS256\",\"kid\":\"rsa1\",\"typ\":\"JWT\"}," P1_JSON "]", "io.jwt.decode_verify",
           S(TOK_RS256), with_key("cert", RSA_PUB_PEM, "{\"aud\":\"api\"}"));
    EXPECT("[true,{\"alg\":\"RS256\",\"kid\":\"rsa1\",\"typ\":\"JWT\"}," P1_JSON "]", "io.jwt.decode_verify",
           S(TOK_RS256), with_key("cert", RSA_JWKS, "{\"aud\":\"api\"}"));
    EXPECT("[true,{\"alg\":\"PS384\",\"typ\":\"JWT\"}," P1_JSON "]", "io.jwt.decode_verify", S(TOK_PS384),
           with_key("cert", RSA_CERT_PEM, "{\"aud\":\"api\"}"));
    EXPECT("[true,{\"alg\":\"ES256\",\"typ\":\"JWT\"}," P1_JSON "]", "io.jwt.decode_verify", S(TOK_ES256),
           with_key("cert", EC256_PUB_PEM, "{\"aud\":\"api\"}"));
    EXPECT("[true,{\"alg\":\"ES512\",\"typ\":\"JWT\"}," P1_JSON "]", "io.jwt.decode_verify", S(TOK_ES512),
           with_key("cert", EC521_PUB_PEM, "{\"aud\":\"api\"}"));
    EXPECT("[true,{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}," P1_JSON "]", "io.jwt.decode_verify", S(TOK_EDDSA),
           with_key("cert", ED_PUB_PEM, "{\"aud\":\"api\"}"));
    EXPECT(FALSE3, "io.jwt.decode_verify", S(TOK_RS256), with_key("cert", RSA2_PUB_PEM, "{\"aud\":\"api\"}"));
    EXPECT(FALSE3, "io.jwt.decode_verify", S(TOK_ES384), with_key("cert", EC256_PUB_PEM, "{\"aud\":\"api\"}"));
    EXPECT(FALSE3, "io.jwt.decode_verify", S(TOK_RS256), with_key("cert", RSA_PUB_PEM, "{\"aud\":\"api\",\"alg\":\"PS256\"}"));
    /* Algorithm confusion: an HS256 token keyed with the public key's PEM
     * text must not verify against that key. */
    rg_value k[] = {J("{\"alg\":\"HS256\"}"), J("{\"aud\":\"api\"}"), rg_undefined()};
    rg_value enc[] = {S(RSA_PUB_PEM)};
    k[2] = rg_object_put(&A, J("{\"kty\":\"oct\"}"), S("k"), call_str("base64url.encode_no_pad", enc, 1));
    EXPECT(FALSE3, "io.jwt.decode_verify", call_str("io.jwt.encode_sign", k, 3),
           with_key("cert", RSA_PUB_PEM, "{\"aud\":\"api\"}"));
}

static void test_decode_verify_header(void) {
    NOW = VALID_NS;
    rg_value c = with_key("secret", "k", "{}");
    /* No alg, or one nobody knows: never valid. */
    EXPECT(FALSE3, "io.jwt.decode_verify", make_token("{\"typ\":\"JWT\"}", "{}", "c2ln"), c);
    EXPECT(FALSE3, "io.jwt.decode_verify", make_token("{\"alg\":\"none\"}", "{}", ""), c);
    EXPECT(FALSE3, "io.jwt.decode_verify", hs_token("{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}", "{}"), c);
    EXPECT("[true,{\"alg\":\"HS256\",\"crit\":[\"kid\"],\"kid\":\"a\"},{}]", "io.jwt.decode_verify",
           hs_token("{\"alg\":\"HS256\",\"crit\":[\"kid\"],\"kid\":\"a\"}", "{}"), c);
    EXPECT("builtin: io.jwt.decode_verify: crit: must be a nonempty list", "io.jwt.decode_verify",
           hs_token("{\"alg\":\"HS256\",\"crit\":[1]}", "{}"), c);
    EXPECT("builtin: io.jwt.decode_verify: kid: must be a string", "io.jwt.decode_verify",
           hs_token("{\"alg\":\"HS256\",\"kid\":[]}", "{}"), c);
    /* Nested: the outer token's payload is the inner token. */
    rg_value inner = hs_token("{\"alg\":\"HS256\"}", "{\"x\":1}");
    rg_value outer = hs_token("{\"alg\":\"HS256\",\"cty\":\"jwt\",\"typ\":\"x\"}", inner.u.s);
    EXPECT("[true,{\"alg\":\"HS256\"},{\"x\":1}]", "io.jwt.decode_verify", outer, c);
    EXPECT("builtin: io.jwt.decode_verify: encoded JWT had no period separators", "io.jwt.decode_verify",
           hs_token("{\"alg\":\"HS256\",\"cty\":\"JWT\"}", "{\"alg\":1}"), c);
}

static void test_decode_verify_errors(void) {
    NOW = VALID_NS;
    EXPECT("builtin: io.jwt.decode_verify: duplicate key constraints", "io.jwt.decode_verify", S(TOK_HS256),
           with_key("cert", RSA_PUB_PEM, "{\"secret\":\"x\"}"));
    EXPECT("builtin: io.jwt.decode_verify: no key constraint", "io.jwt.decode_verify", S(TOK_HS256), J("{}"));
    EXPECT("builtin: io.jwt.decode_verify: no key constraint", "io.jwt.decode_verify", S(TOK_HS256),
           J("{\"secret\":\"\"}"));
    EXPECT("builtin: io.jwt.decode_verify: secret constraint: must be a string", "io.jwt.decode_verify",
           S(TOK_HS256), J("{\"secret\":1}"));
    EXPECT("builtin: io.jwt.decode_verify: cert constraint: must be a string", "io.jwt.decode_verify",
           S(TOK_HS256), J("{\"cert\":{}}"));
    EXPECT("builtin: io.jwt.decode_verify: unknown token validation constraint: foo", "io.jwt.decode_verify",
           S(TOK_HS256), J("{\"secret\":\"s\",\"foo\":1}"));
    EXPECT("builtin: io.jwt.decode_verify: token time constraint: must be a number", "io.jwt.decode_verify",
           S(TOK_HS256), J("{\"secret\":\"s\",\"time\":\"now\"}"));
    EXPECT("builtin: io.jwt.decode_verify: token time constraint: must not be negative", "io.jwt.decode_verify",
           S(TOK_HS256), J("{\"secret\":\"s\",\"time\":-1}"));
    EXPECT_PREFIX("builtin: io.jwt.decode_verify: failed to parse a JWK key (set): ", "io.jwt.decode_verify",
                  S(TOK_HS256), J("{\"cert\":\"junk\"}"));
    EXPECT("builtin: io.jwt.decode_verify: encoded JWT had no period separators", "io.jwt.decode_verify", S("x"),
           J("{\"secret\":\"s\"}"));
    EXPECT("builtin: io.jwt.decode_verify: JWT is a JWE object, which is not supported", "io.jwt.decode_verify",
           make_token("{\"alg\":\"HS256\",\"enc\":\"x\"}", "{}", ""), J("{\"secret\":\"s\"}"));
    EXPECT("type: io.jwt.decode_verify: operand 2 must be object but got string", "io.jwt.decode_verify",
           S(TOK_HS256), S("s"));
    EXPECT("type: io.jwt.decode_verify: operand 1 must be string but got number", "io.jwt.decode_verify", rg_int(1),
           J("{\"secret\":\"s\"}"));
}

static void test_encode_sign(void) {
    /* RFC 7515 appendix A.1 (HS256); headers and claims are written as
     * Go's encoder writes them (sorted keys). */
    EXPECT("\"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOlsiYm9iIiwic2F1bCJdLCJleHAiOjEzMDA4MTkzODAsImh0dHA6Ly9leGF"
           "tcGxlLmNvbS9pc19yb290Ijp0cnVlLCJpc3MiOiJqb2UiLCJwcml2YXRlUGFyYW1zIjp7InByaXZhdGVfb25lIjoib25lIiwicHJpdmF0ZV9"
           "0d28iOiJ0d28ifX0.-Or2eol8bzly-Ztb0v7_7UkcKBkN_aNNpK33HK0MeOY\"",
           "io.jwt.encode_sign", J("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"),
           J("{\"aud\":[\"bob\",\"saul\"],\"exp\":1300819380,\"http://example.com/is_root\":true,\"iss\":\"joe\","
             "\"privateParams\":{\"private_one\":\"one\",\"private_two\":\"two\"}}"),
           J("{\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\","
             "\"kty\":\"oct\"}"));
    /* Deterministic signatures reproduce the openssl-made tokens. */
    const char *p1 = "{\"sub\":\"alice\",\"iss\":\"regent\",\"aud\":\"api\",\"exp\":2000000000,\"nbf\":1500000000}";
    char want[2048];
    snprintf(want, sizeof want, "\"%s\"", TOK_HS256);
    EXPECT(want, "io.jwt.encode_sign_raw", S(HDR_HS256), S(p1), S("{\"kty\":\"oct\",\"k\":\"czNjcjN0\"}"));
    snprintf(want, sizeof want, "\"%s\"", TOK_RS256);
    EXPECT(want, "io.jwt.encode_sign_raw", S("{\"alg\":\"RS256\",\"kid\":\"rsa1\",\"typ\":\"JWT\"}"), S(p1),
           S(RSA_PRIV_JWK));
    snprintf(want, sizeof want, "\"%s\"", TOK_EDDSA);
    EXPECT(want, "io.jwt.encode_sign_raw", S("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}"), S(p1), S(ED_PRIV_JWK));
}

/* Signs {"sub":"carol"} with alg and key, then verifies with verifier. */
static void roundtrip(const char *alg, const char *jwk, const char *verifier, const char *pem) {
    char hdr[64];
    snprintf(hdr, sizeof hdr, "{\"alg\":\"%s\"}", alg);
    rg_value args[] = {J(hdr), J("{\"sub\":\"carol\"}"), J(jwk)};
    rg_value tok = call_str("io.jwt.encode_sign", args, 3);
    EXPECT("true", verifier, tok, S(pem));
    EXPECT("false", verifier, mutate(tok.u.s, 1, 3), S(pem));
    char want[128];
    snprintf(want, sizeof want, "[true,{\"alg\":\"%s\"},{\"sub\":\"carol\"}]", alg);
    EXPECT(want, "io.jwt.decode_verify", tok, with_key("cert", pem, "{}"));
}

static void test_encode_sign_roundtrip(void) {
    NOW = VALID_NS;
    roundtrip("RS384", RSA_PRIV_JWK, "io.jwt.verify_rs384", RSA_PUB_PEM);
    roundtrip("PS256", RSA_PRIV_JWK, "io.jwt.verify_ps256", RSA_CERT_PEM);
    roundtrip("PS512", RSA_PRIV_JWK, "io.jwt.verify_ps512", RSA_PUB_PEM);
    roundtrip("ES256", EC256_PRIV_JWK, "io.jwt.verify_es256", EC256_PUB_PEM);
    roundtrip("ES384", EC384_PRIV_JWK, "io.jwt.verify_es384", EC384_PUB_PEM);
    roundtrip("ES512", EC521_PRIV_JWK, "io.jwt.verify_es512", EC521_PUB_PEM);
    roundtrip("EdDSA", ED_PRIV_JWK, "io.jwt.verify_eddsa", ED_PUB_PEM);
    /* The first key of a set signs. */
    rg_value args[] = {J("{\"alg\":\"HS512\"}"), J("{}"), J("{\"keys\":[{\"kty\":\"oct\",\"k\":\"czNjcjN0\"},{}]}")};
    EXPECT("true", "io.jwt.verify_hs512", call_str("io.jwt.encode_sign", args, 3), S("s3cr3t"));
}

static void test_encode_sign_errors(void) {
    rg_value oct = S("{\"kty\":\"oct\",\"k\":\"czNjcjN0\"}");
    EXPECT("builtin: io.jwt.encode_sign_raw: no keys found in JWK set", "io.jwt.encode_sign_raw", S(HDR_HS256),
           S("{}"), S("{\"keys\":[]}"));
    EXPECT_PREFIX("builtin: io.jwt.encode_sign_raw: invalid JWK: ", "io.jwt.encode_sign_raw", S(HDR_HS256), S("{}"),
                  S("{\"kty\":\"nope\"}"));
    EXPECT_PREFIX("builtin: io.jwt.encode_sign_raw: invalid JWK: ", "io.jwt.encode_sign_raw", S(HDR_HS256), S("{}"),
                  S("nope"));
    EXPECT("builtin: io.jwt.encode_sign_raw: missing or invalid 'alg' header: key \"alg\" not found",
           "io.jwt.encode_sign_raw", S("{\"typ\":\"JWT\"}"), S("{}"), oct);
    EXPECT("builtin: io.jwt.encode_sign_raw: missing or invalid 'alg' header: value doesn't contain string; it "
           "contains number",
           "io.jwt.encode_sign_raw", S("{\"alg\":256}"), S("{}"), oct);
    EXPECT_PREFIX("builtin: io.jwt.encode_sign_raw: missing or invalid 'alg' header: ", "io.jwt.encode_sign_raw",
                  S("{"), S("{}"), oct);
    EXPECT("builtin: io.jwt.encode_sign_raw: unknown JWS algorithm: none", "io.jwt.encode_sign_raw",
           S("{\"alg\":\"none\"}"), S("{}"), oct);
    EXPECT("builtin: io.jwt.encode_sign_raw: type is JWT but payload is not JSON", "io.jwt.encode_sign_raw",
           S("{\"alg\":\"HS256\"}"), S("plain text"), oct);
    EXPECT("builtin: io.jwt.encode_sign_raw: type is JWT but payload is not JSON", "io.jwt.encode_sign_raw",
           S(HDR_HS256), S("{"), oct);
    EXPECT("\"eyJhbGciOiJIUzI1NiIsInR5cCI6InRleHQifQ.cGxhaW4gdGV4dA.7aFnfygkV-Urb5sphpWLytW0s7BPNEuUpTIqWNxzczI\"",
           "io.jwt.encode_sign_raw", S("{\"alg\":\"HS256\",\"typ\":\"text\"}"), S("plain text"), oct);
    /* Keys that cannot sign with the algorithm. */
    EXPECT_PREFIX("builtin: io.jwt.encode_sign_raw: failed to sign payload", "io.jwt.encode_sign_raw",
                  S("{\"alg\":\"RS256\"}"), S("{}"), oct);
    EXPECT_PREFIX("builtin: io.jwt.encode_sign_raw: failed to sign payload", "io.jwt.encode_sign_raw",
                  S("{\"alg\":\"RS256\"}"), S("{}"), S(RSA_PUB_JWK));
    EXPECT_PREFIX("builtin: io.jwt.encode_sign_raw: failed to sign payload", "io.jwt.encode_sign_raw",
                  S("{\"alg\":\"ES384\"}"), S("{}"), S(EC256_PRIV_JWK));
    EXPECT_PREFIX("builtin: io.jwt.encode_sign_raw: failed to sign payload", "io.jwt.encode_sign_raw",
                  S("{\"alg\":\"HS256\"}"), S("{}"), S(EC256_PRIV_JWK));
    EXPECT("type: io.jwt.encode_sign: operand 1 must be object but got string", "io.jwt.encode_sign", S("x"),
           J("{}"), J("{}"));
    EXPECT("type: io.jwt.encode_sign: operand 3 must be object but got array", "io.jwt.encode_sign", J("{}"),
           J("{}"), J("[]"));
    EXPECT("type: io.jwt.encode_sign_raw: operand 3 must be string but got number", "io.jwt.encode_sign_raw",
           rg_int(1), S("{}"), rg_int(2));
}

/* Every single-character change of real tokens: results may be anything
 * but errors or booleans, never a crash (run under ASan). */
static void test_mutations(void) {
    static const char subst[] = {'.', '=', '!', 'A', '_', '\0'};
    const char *toks[] = {TOK_ES256, TOK_HS256};
    rg_value keys = S(RSA_JWKS), c = with_key("cert", RSA_JWKS, "{\"aud\":\"api\"}");
    int runs = 0;
    for (size_t t = 0; t < 2; t++) {
        size_t n = strlen(toks[t]);
        for (size_t i = 0; i < n; i += 3)
            for (size_t k = 0; k < sizeof subst; k++) {
                char *s = rg_arena_strdup(&A, toks[t]);
                s[i] = subst[k];
                rg_value tok = rg_string(&A, s, n);
                char *r1 = run("io.jwt.decode", &tok, 1);
                rg_value a2[] = {tok, keys}, a3[] = {tok, c};
                char *r2 = run("io.jwt.verify_es256", a2, 2);
                char *r3 = run("io.jwt.decode_verify", a3, 2);
                runs += r1 && r2 && r3;
                free(r1);
                free(r2);
                free(r3);
            }
    }
    CHECK(runs > 100);
}

/* Large and deeply nested input is refused or handled, not a crash. */
static void test_hostile(void) {
    static const char BAD_HEADER[] = "builtin: io.jwt.decode: bad JWT header: invalid JSON: ";
    size_t n = 1 << 20;
    char *big = rg_arena_alloc(&A, n + 1);
    memset(big, 'A', n);
    big[100] = big[200] = '.';
    big[n] = 0;
    char *r = run("io.jwt.decode", (rg_value[]){rg_string(&A, big, n)}, 1);
    CHECK(strncmp(r, BAD_HEADER, strlen(BAD_HEADER)) == 0);
    free(r);
    char *deep = rg_arena_alloc(&A, 200001);
    memset(deep, '[', 200000);
    deep[200000] = 0;
    r = run("io.jwt.decode", (rg_value[]){make_token(deep, "{}", "")}, 1);
    CHECK(strncmp(r, BAD_HEADER, strlen(BAD_HEADER)) == 0);
    free(r);
    /* A huge RSA modulus in a JWK is refused by the verifier. */
    char *jwk = rg_arena_alloc(&A, 40100);
    strcpy(jwk, "{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\"");
    size_t len = strlen(jwk);
    memset(jwk + len, 'z', 40000);
    strcpy(jwk + len + 40000, "\"}");
    EXPECT("false", "io.jwt.verify_rs256", S(TOK_RS256), S(jwk));
    /* Many BEGIN lines before one mismatched END line: linear work. */
    rg_buf pem = RG_BUF_INIT;
    for (int i = 0; i < 60000; i++) rg_buf_puts(&pem, "-----BEGIN A-----\nQUFB\n");
    rg_buf_puts(&pem, "-----END B-----\n");
    EXPECT_PREFIX("builtin: io.jwt.verify_rs256: failed to parse a JWK key (set): ", "io.jwt.verify_rs256",
                  S(TOK_RS256), rg_string(&A, pem.data, pem.len));
    rg_buf_fini(&pem);
    /* Embedded NUL bytes. */
    EXPECT("builtin: io.jwt.decode: encoded JWT must have 3 sections, found 2", "io.jwt.decode",
           rg_string(&A, "a\0b.c", 5));
}

int main(void) {
    CHECK(rg_builtins_jwt[0].name != NULL);
    rg_arena_init(&A);
    test_decode();
    test_decode_errors();
    test_verify_hs();
    test_verify_rsa();
    test_verify_ec_ed();
    test_verify_key_errors();
    test_decode_verify_secret();
    test_decode_verify_time();
    test_decode_verify_keys();
    test_decode_verify_header();
    test_decode_verify_errors();
    test_encode_sign();
    test_encode_sign_roundtrip();
    test_encode_sign_errors();
    test_mutations();
    test_hostile();
    rg_arena_fini(&A);
    return rg_test_report("builtins_jwt");
}
