/* Crypto layer of the io.jwt.* builtins: base64url as OPA decodes token
 * parts, PEM blocks found the way Go's pem.Decode finds them, keys built
 * from certificates, public keys or JWKs (OSSL_PARAM_BLD), and JWS
 * signatures (HMAC, RSA PKCS#1 v1.5 and PSS, ECDSA with raw r||s, Ed25519)
 * through OpenSSL's EVP API. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "builtins/encoding_internal.h"
#include "builtins/jwt_internal.h"
#include "read/read.h"

/* Go's crypto/rsa refuses keys below this size (Go 1.24 and later). */
#define RSA_MIN_BITS 1024

/* ---------------------------------------------------------------------------
 * base64 (the decoder is encoding.c's)
 * ------------------------------------------------------------------------- */

int rg_jwt_b64url_decode(rg_buf *out, const char *s, size_t n, rg_buf *err) {
    rg_buf in = RG_BUF_INIT;
    rg_buf_append(&in, n ? s : "", n);
    if (n == 0 || s[n - 1] != '=') {
        if (n % 4 == 1) {
            rg_buf_printf(err, "illegal base64url string: %s", rg_buf_cstr(&in));
            rg_buf_fini(&in);
            return -1;
        }
        if (n % 4 == 2) rg_buf_puts(&in, "==");
        if (n % 4 == 3) rg_buf_puts(&in, "=");
    }
    size_t before = out->len;
    long e = rg_enc_b64_decode(out, (const unsigned char *)rg_buf_cstr(&in), in.len, true);
    rg_buf_fini(&in);
    if (e < 0) return 0;
    out->len = before;
    rg_buf_printf(err, "illegal base64 data at input byte %ld", e);
    return -1;
}

void rg_jwt_b64url_encode(rg_buf *out, const unsigned char *s, size_t n) {
    static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    rg_buf_reserve(out, (n + 2) / 3 * 4 + 1);
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
        char q[4] = {alpha[v >> 18], alpha[(v >> 12) & 63], alpha[(v >> 6) & 63], alpha[v & 63]};
        rg_buf_append(out, q, 4);
    }
    size_t rest = n - i;
    if (rest == 0) return;
    uint32_t v = (uint32_t)s[i] << 16 | (rest == 2 ? (uint32_t)s[i + 1] << 8 : 0);
    char q[3] = {alpha[v >> 18], alpha[(v >> 12) & 63], alpha[(v >> 6) & 63]};
    rg_buf_append(out, q, rest + 1);
}

/* ---------------------------------------------------------------------------
 * PEM (the block Go's pem.Decode returns, and what follows it)
 * ------------------------------------------------------------------------- */

static bool has_prefix(const char *s, size_t n, const char *p) {
    size_t k = strlen(p);
    return n >= k && memcmp(s, p, k) == 0;
}

/* Offset of needle in s[0..n), or -1. */
static long find_str(const char *s, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (s[i] == needle[0] && memcmp(s + i, needle, k) == 0) return (long)i;
    return -1;
}

/* Go's getLine: the line without its end and trailing spaces/tabs, and the
 * offset of the next line. */
static size_t get_line(const char *s, size_t n, size_t *next) {
    const char *nl = memchr(s, '\n', n);
    size_t i = nl ? (size_t)(nl - s) : n;
    *next = nl ? i + 1 : n;
    if (nl && i > 0 && s[i - 1] == '\r') i--;
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t')) i--;
    return i;
}

typedef struct pem_block {
    const char *type;
    size_t type_len;
    rg_buf der;
    size_t rest; /* offset of the text after the block */
} pem_block;

/* Skips header lines ("Key: value"); returns false at the end of input. */
static bool pem_skip_headers(const char *d, size_t n, size_t *pos, bool *headers) {
    for (;;) {
        if (*pos == n) return false;
        size_t next, len = get_line(d + *pos, n - *pos, &next);
        if (!memchr(d + *pos, ':', len)) return true;
        *headers = true;
        *pos += next;
    }
}

/* True when body text d[from..to) has only base64, padding and blanks.
 * Stops at the first other byte, so a run of BEGIN lines costs no more
 * than one pass (Go's decoder went quadratic there). */
static bool pem_body_ok(const char *d, size_t from, size_t to) {
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)d[i];
        if (rg_enc_b64_value(c, false) < 0 && c != '=' && c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
    }
    return true;
}

/* Offset of the first "\n-----END " at or after pos, or -1.  The last hit
 * is remembered in *hint: searches only move forward, so this keeps the
 * scan linear. */
static long pem_find_end(const char *d, size_t n, size_t pos, long *hint) {
    if (*hint == -1 || (*hint >= 0 && (size_t)*hint >= pos)) return *hint;
    long k = find_str(d + pos, n - pos, "\n-----END ");
    *hint = k < 0 ? -1 : (long)pos + k;
    return *hint;
}

/* Checks the END line of a block whose body starts at pos and decodes the
 * body.  Returns 1 when the block is good, 0 to keep searching, -1 when no
 * END line follows (nothing further can match). */
static int pem_finish(const char *d, size_t n, size_t pos, bool headers, long *hint, pem_block *b) {
    size_t end, trailer;
    if (!headers && has_prefix(d + pos, n - pos, "-----END ")) {
        end = pos;
        trailer = pos + 9;
    } else {
        long k = pem_find_end(d, n, pos, hint);
        if (k < 0) return -1;
        end = (size_t)k;
        trailer = end + 10;
    }
    size_t want = b->type_len + 5, next;
    if (n - trailer < want || memcmp(d + trailer, b->type, b->type_len) != 0 ||
        memcmp(d + trailer + b->type_len, "-----", 5) != 0)
        return 0;
    if (get_line(d + trailer + want, n - trailer - want, &next) != 0 || !pem_body_ok(d, pos, end)) return 0;
    rg_buf body = RG_BUF_INIT;
    for (size_t i = pos; i < end; i++)
        if (d[i] != ' ' && d[i] != '\t') rg_buf_putc(&body, d[i]);
    b->der.len = 0;
    long e = rg_enc_b64_decode(&b->der, (const unsigned char *)rg_buf_cstr(&body), body.len, false);
    rg_buf_fini(&body);
    if (e >= 0) return 0;
    /* Anywhere inside the END line: the block ends with that line. */
    size_t after = end + 1;
    get_line(d + after, n - after, &next);
    b->rest = after + next;
    return 1;
}

/* Finds the first well-formed PEM block in d; false when there is none. */
static bool pem_decode(const char *d, size_t n, pem_block *b) {
    size_t pos = 0;
    long hint = -2; /* END line position: not searched yet */
    for (;;) {
        if (has_prefix(d + pos, n - pos, "-----BEGIN ")) {
            pos += 11;
        } else {
            long k = find_str(d + pos, n - pos, "\n-----BEGIN ");
            if (k < 0) return false;
            pos += (size_t)k + 12;
        }
        size_t next, len = get_line(d + pos, n - pos, &next);
        const char *type = d + pos;
        pos += next;
        if (len < 5 || memcmp(type + len - 5, "-----", 5) != 0) continue;
        b->type = type;
        b->type_len = len - 5;
        bool headers = false;
        if (!pem_skip_headers(d, n, &pos, &headers)) return false;
        int rc = pem_finish(d, n, pos, headers, &hint, b);
        if (rc != 0) return rc > 0;
    }
}

/* ---------------------------------------------------------------------------
 * Key sets
 * ------------------------------------------------------------------------- */

static rg_jwt_key *keys_add(rg_jwt_keys *k) {
    k->items = rg_xrealloc(k->items, (k->len + 1) * sizeof *k->items);
    rg_jwt_key *key = &k->items[k->len++];
    memset(key, 0, sizeof *key);
    return key;
}

void rg_jwt_keys_fini(rg_jwt_keys *k) {
    for (size_t i = 0; i < k->len; i++) {
        EVP_PKEY_free(k->items[i].pkey);
        rg_buf_fini(&k->items[i].secret);
        free(k->items[i].kid);
    }
    free(k->items);
    k->items = NULL;
    k->len = 0;
}

static int pem_to_keys(const pem_block *b, rg_jwt_keys *out, rg_buf *err) {
    const unsigned char *p = (const unsigned char *)b->der.data, *end = p + b->der.len;
    long len = b->der.len > LONG_MAX ? LONG_MAX : (long)b->der.len;
    EVP_PKEY *pk = NULL;
    if (b->type_len == 11 && memcmp(b->type, "CERTIFICATE", 11) == 0) {
        X509 *x = p ? d2i_X509(NULL, &p, len) : NULL;
        if (x && p == end) pk = X509_get_pubkey(x);
        X509_free(x);
        if (!pk) rg_buf_puts(err, "failed to parse a PEM certificate: x509: malformed certificate");
    } else if (b->type_len == 10 && memcmp(b->type, "PUBLIC KEY", 10) == 0) {
        pk = p ? d2i_PUBKEY(NULL, &p, len) : NULL;
        if (pk && p != end) {
            EVP_PKEY_free(pk);
            pk = NULL;
        }
        if (!pk) rg_buf_puts(err, "failed to parse a PEM public key: x509: malformed public key");
    } else {
        rg_buf_puts(err, "failed to extract a Key from the PEM certificate");
        return -1;
    }
    ERR_clear_error();
    if (!pk) return -1;
    keys_add(out)->pkey = pk;
    return 0;
}

/* ---------------------------------------------------------------------------
 * JWK
 * ------------------------------------------------------------------------- */

/* Decodes the base64url member name of jwk.  Returns 0, 1 when absent, or
 * -1 with a message. */
static int jwk_bytes(rg_value jwk, const char *name, rg_buf *out, rg_buf *err) {
    rg_value v = rg_object_get_str(jwk, name);
    if (rg_is_undef(v)) return 1;
    if (v.kind != RG_STRING) {
        rg_buf_printf(err, "invalid JWK: \"%s\" must be a string", name);
        return -1;
    }
    rg_buf e = RG_BUF_INIT;
    out->len = 0;
    int rc = rg_jwt_b64url_decode(out, v.len ? v.u.s : "", v.len, &e);
    if (rc) rg_buf_printf(err, "invalid JWK: \"%s\": %s", name, rg_buf_cstr(&e));
    rg_buf_fini(&e);
    return rc;
}

static BIGNUM *bn_of(const rg_buf *b) {
    return BN_bin2bn(b->len ? (const unsigned char *)b->data : (const unsigned char *)"", (int)b->len, NULL);
}

static EVP_PKEY *pkey_fromdata(const char *type, OSSL_PARAM_BLD *bld, bool priv) {
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX *pc = params ? EVP_PKEY_CTX_new_from_name(NULL, type, NULL) : NULL;
    EVP_PKEY *pk = NULL;
    if (!pc || EVP_PKEY_fromdata_init(pc) != 1 ||
        EVP_PKEY_fromdata(pc, &pk, priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params) != 1)
        pk = NULL;
    EVP_PKEY_CTX_free(pc);
    OSSL_PARAM_free(params);
    return pk;
}

/* Bytes are capped well above any real key so BN sizes fit an int. */
#define JWK_MAX_BYTES 65536

static EVP_PKEY *rsa_from_jwk(rg_value jwk, bool *priv, rg_buf *err) {
    static const char *const names[] = {"n", "e", "d", "p", "q", "dp", "dq", "qi"};
    static const char *const params[] = {OSSL_PKEY_PARAM_RSA_N,         OSSL_PKEY_PARAM_RSA_E,
                                         OSSL_PKEY_PARAM_RSA_D,         OSSL_PKEY_PARAM_RSA_FACTOR1,
                                         OSSL_PKEY_PARAM_RSA_FACTOR2,   OSSL_PKEY_PARAM_RSA_EXPONENT1,
                                         OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1};
    BIGNUM *bn[8] = {0};
    rg_buf b = RG_BUF_INIT;
    EVP_PKEY *pk = NULL;
    int i = 0;
    for (; i < 8; i++) {
        int rc = jwk_bytes(jwk, names[i], &b, err);
        if (rc < 0) break;
        if (rc == 0 && b.len > JWK_MAX_BYTES) {
            rg_buf_puts(err, "invalid JWK: RSA key too large");
            break;
        }
        if (rc == 0) bn[i] = bn_of(&b);
    }
    if (i == 8 && (!bn[0] || !bn[1])) rg_buf_puts(err, "invalid JWK: RSA key needs \"n\" and \"e\"");
    if (i == 8 && bn[0] && bn[1]) {
        OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
        /* CRT parameters only when all of them are there. */
        bool crt = bn[3] && bn[4] && bn[5] && bn[6] && bn[7];
        *priv = bn[2] != NULL;
        for (int k = 0; k < (crt ? 8 : 3); k++)
            if (bn[k]) OSSL_PARAM_BLD_push_BN(bld, params[k], bn[k]);
        pk = pkey_fromdata("RSA", bld, *priv);
        OSSL_PARAM_BLD_free(bld);
        if (!pk) rg_buf_puts(err, "invalid JWK: malformed RSA key");
    }
    for (int k = 0; k < 8; k++) BN_clear_free(bn[k]);
    rg_buf_fini(&b);
    return pk;
}

/* Curve name, OpenSSL group and coordinate size of a JWK "crv". */
static const char *ec_group(rg_value crv, size_t *size) {
    static const struct { const char *crv, *group; size_t size; } curves[] = {
        {"P-256", "prime256v1", 32}, {"P-384", "secp384r1", 48}, {"P-521", "secp521r1", 66}};
    for (size_t i = 0; crv.kind == RG_STRING && i < 3; i++)
        if (crv.len == strlen(curves[i].crv) && memcmp(crv.u.s, curves[i].crv, crv.len) == 0) {
            *size = curves[i].size;
            return curves[i].group;
        }
    return NULL;
}

/* Appends b left-padded with zeros to size bytes; false when too long. */
static bool put_padded(unsigned char *dst, size_t size, const rg_buf *b) {
    if (b->len > size) return false;
    memset(dst, 0, size - b->len);
    if (b->len) memcpy(dst + size - b->len, b->data, b->len);
    return true;
}

static EVP_PKEY *ec_from_jwk(rg_value jwk, bool *priv, rg_buf *err) {
    size_t size = 0;
    const char *group = ec_group(rg_object_get_str(jwk, "crv"), &size);
    if (!group) {
        rg_buf_puts(err, "invalid JWK: unsupported EC curve");
        return NULL;
    }
    unsigned char pub[1 + 2 * 66];
    rg_buf x = RG_BUF_INIT, y = RG_BUF_INIT, d = RG_BUF_INIT;
    EVP_PKEY *pk = NULL;
    int rx = jwk_bytes(jwk, "x", &x, err), ry = rx < 0 ? -1 : jwk_bytes(jwk, "y", &y, err);
    int rd = ry < 0 ? -1 : jwk_bytes(jwk, "d", &d, err);
    pub[0] = 4;
    if (rx < 0 || ry < 0 || rd < 0) {
        /* message already written */
    } else if (rx || ry || !put_padded(pub + 1, size, &x) || !put_padded(pub + 1 + size, size, &y) ||
               (rd == 0 && d.len > size)) {
        rg_buf_puts(err, "invalid JWK: malformed EC key");
    } else {
        OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
        BIGNUM *bd = rd == 0 ? bn_of(&d) : NULL;
        *priv = bd != NULL;
        OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, group, 0);
        OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub, 1 + 2 * size);
        if (bd) OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, bd);
        pk = pkey_fromdata("EC", bld, *priv);
        OSSL_PARAM_BLD_free(bld);
        BN_clear_free(bd);
        if (!pk) rg_buf_puts(err, "invalid JWK: malformed EC key");
    }
    rg_buf_fini(&x);
    rg_buf_fini(&y);
    OPENSSL_cleanse(d.data, d.len);
    rg_buf_fini(&d);
    return pk;
}

static EVP_PKEY *okp_from_jwk(rg_value jwk, bool *priv, rg_buf *err) {
    rg_value crv = rg_object_get_str(jwk, "crv");
    if (crv.kind != RG_STRING || crv.len != 7 || memcmp(crv.u.s, "Ed25519", 7) != 0) {
        rg_buf_puts(err, "invalid JWK: unsupported OKP curve");
        return NULL;
    }
    rg_buf x = RG_BUF_INIT, d = RG_BUF_INIT;
    EVP_PKEY *pk = NULL;
    int rx = jwk_bytes(jwk, "x", &x, err), rd = rx < 0 ? -1 : jwk_bytes(jwk, "d", &d, err);
    if (rx >= 0 && rd == 0 && d.len == 32) {
        pk = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, (const unsigned char *)d.data, 32);
        *priv = true;
    } else if (rx == 0 && rd == 1 && x.len == 32) {
        pk = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, (const unsigned char *)x.data, 32);
    }
    if (!pk && rx >= 0 && rd >= 0) rg_buf_puts(err, "invalid JWK: malformed OKP key");
    rg_buf_fini(&x);
    OPENSSL_cleanse(d.data, d.len);
    rg_buf_fini(&d);
    return pk;
}

static bool str_is(rg_value v, const char *s) {
    return v.kind == RG_STRING && v.len == strlen(s) && memcmp(v.u.s, s, v.len) == 0;
}

/* Builds key from one JWK object. */
static int jwk_to_key(rg_value jwk, rg_jwt_key *key, rg_buf *err) {
    if (jwk.kind != RG_OBJECT) {
        rg_buf_puts(err, "invalid JWK: a key must be a JSON object");
        return -1;
    }
    rg_value kty = rg_object_get_str(jwk, "kty"), alg = rg_object_get_str(jwk, "alg");
    rg_value kid = rg_object_get_str(jwk, "kid");
    if (alg.kind == RG_STRING && alg.len < sizeof key->alg) memcpy(key->alg, alg.u.s, alg.len);
    if (kid.kind == RG_STRING) {
        key->kid = rg_xmalloc(kid.len + 1);
        if (kid.len) memcpy(key->kid, kid.u.s, kid.len);
        key->kid[kid.len] = 0;
        key->kid_len = kid.len;
    }
    if (str_is(kty, "RSA")) {
        key->pkey = rsa_from_jwk(jwk, &key->is_private, err);
    } else if (str_is(kty, "EC")) {
        key->pkey = ec_from_jwk(jwk, &key->is_private, err);
    } else if (str_is(kty, "OKP")) {
        key->pkey = okp_from_jwk(jwk, &key->is_private, err);
    } else if (str_is(kty, "oct")) {
        int rc = jwk_bytes(jwk, "k", &key->secret, err);
        if (rc == 1) rg_buf_puts(err, "invalid JWK: oct key needs \"k\"");
        key->is_secret = key->is_private = rc == 0;
        ERR_clear_error();
        return rc == 0 ? 0 : -1;
    } else if (kty.kind == RG_STRING) {
        rg_buf_printf(err, "invalid JWK: unsupported key type \"%s\"", kty.len ? kty.u.s : "");
    } else {
        rg_buf_puts(err, "invalid JWK: missing \"kty\"");
    }
    ERR_clear_error();
    return key->pkey ? 0 : -1;
}

/* Parses JWK text into a scratch arena: *keys is the "keys" array of a set,
 * or the single key in an array of one. */
static int jwk_text(rg_arena *a, const char *text, size_t n, rg_value *keys, rg_buf *err) {
    rg_diags d = RG_DIAGS_INIT;
    rg_value v;
    int rc = rg_json_parse(a, NULL, n ? text : "", n, 0, NULL, &v, &d);
    if (rc) rg_buf_printf(err, "invalid JWK: %s", d.len ? d.items[0].msg : "invalid JSON");
    rg_diags_fini(&d);
    if (rc) return -1;
    rg_value set = v.kind == RG_OBJECT ? rg_object_get_str(v, "keys") : rg_undefined();
    if (rg_is_undef(set)) {
        *keys = rg_array(a, &v, 1);
        return 0;
    }
    if (set.kind != RG_ARRAY) {
        rg_buf_puts(err, "invalid JWK: \"keys\" must be an array");
        return -1;
    }
    *keys = set;
    return 0;
}

static int jwks_parse(const char *text, size_t n, rg_jwt_keys *out, rg_buf *err) {
    rg_arena a;
    rg_arena_init(&a);
    rg_value keys;
    int rc = jwk_text(&a, text, n, &keys, err);
    for (size_t i = 0; rc == 0 && i < keys.len; i++) {
        rg_value jwk = keys.u.items[i];
        rg_value alg = jwk.kind == RG_OBJECT ? rg_object_get_str(jwk, "alg") : rg_undefined();
        /* Keys for other uses (RSA-OAEP, ...) are left out, as OPA does. */
        if (alg.kind == RG_STRING && !rg_jwt_alg_known(alg.u.s, alg.len)) continue;
        rc = jwk_to_key(jwk, keys_add(out), err);
    }
    rg_arena_fini(&a);
    return rc;
}

int rg_jwt_keys_parse(const char *text, size_t n, rg_jwt_keys *out, rg_buf *err) {
    pem_block b = {.der = RG_BUF_INIT};
    int rc;
    if (pem_decode(text, n, &b)) {
        if (b.rest < n) {
            rg_buf_puts(err, "extra data after a PEM certificate block");
            rc = -1;
        } else {
            rc = pem_to_keys(&b, out, err);
        }
    } else {
        rg_buf why = RG_BUF_INIT;
        rc = jwks_parse(text, n, out, &why);
        if (rc) rg_buf_printf(err, "failed to parse a JWK key (set): %s", rg_buf_cstr(&why));
        rg_buf_fini(&why);
    }
    rg_buf_fini(&b.der);
    if (rc) rg_jwt_keys_fini(out);
    return rc;
}

int rg_jwt_sign_key_parse(const char *text, size_t n, rg_jwt_keys *out, rg_buf *err) {
    rg_arena a;
    rg_arena_init(&a);
    rg_value keys;
    int rc = jwk_text(&a, text, n, &keys, err);
    if (rc == 0 && keys.len == 0) {
        rg_buf_puts(err, "no keys found in JWK set");
        rc = -1;
    }
    if (rc == 0) rc = jwk_to_key(keys.u.items[0], keys_add(out), err);
    rg_arena_fini(&a);
    if (rc) rg_jwt_keys_fini(out);
    return rc;
}

/* ---------------------------------------------------------------------------
 * Algorithms
 * ------------------------------------------------------------------------- */

typedef enum { FAM_HS, FAM_RS, FAM_PS, FAM_ES, FAM_ED } alg_family;

typedef struct alg_info {
    const char *name;
    alg_family fam;
    int bits; /* digest size; for ES also the curve: 256, 384, 512 (P-521) */
} alg_info;

static const alg_info ALGS[] = {
    {"HS256", FAM_HS, 256}, {"HS384", FAM_HS, 384}, {"HS512", FAM_HS, 512}, {"RS256", FAM_RS, 256},
    {"RS384", FAM_RS, 384}, {"RS512", FAM_RS, 512}, {"PS256", FAM_PS, 256}, {"PS384", FAM_PS, 384},
    {"PS512", FAM_PS, 512}, {"ES256", FAM_ES, 256}, {"ES384", FAM_ES, 384}, {"ES512", FAM_ES, 512},
    {"EdDSA", FAM_ED, 0},
};

static const alg_info *alg_find(const char *s, size_t n) {
    for (size_t i = 0; i < sizeof ALGS / sizeof *ALGS; i++)
        if (n == strlen(ALGS[i].name) && memcmp(s, ALGS[i].name, n) == 0) return &ALGS[i];
    return NULL;
}

bool rg_jwt_alg_known(const char *alg, size_t n) { return alg_find(alg, n) != NULL; }

static const EVP_MD *alg_md(const alg_info *a) {
    switch (a->bits) {
    case 256: return EVP_sha256();
    case 384: return EVP_sha384();
    case 512: return EVP_sha512();
    default: return NULL;
    }
}

/* Coordinate size in bytes of the curve an ES algorithm names. */
static size_t es_size(const alg_info *a) { return a->bits == 512 ? 66 : (size_t)a->bits / 8; }

static int key_type(const rg_jwt_key *k) { return k->pkey ? EVP_PKEY_get_base_id(k->pkey) : EVP_PKEY_NONE; }

static bool hmac_of(const rg_jwt_key *k, const EVP_MD *md, const unsigned char *msg, size_t n,
                    unsigned char *mac, unsigned *mac_len) {
    if (!k->is_secret || k->secret.len > INT_MAX) return false;
    const void *key = k->secret.len ? (const void *)k->secret.data : (const void *)"";
    return HMAC(md, key, (int)k->secret.len, msg, n, mac, mac_len) != NULL;
}

/* ---------------------------------------------------------------------------
 * Verification
 * ------------------------------------------------------------------------- */

static bool evp_verify(EVP_PKEY *pk, const EVP_MD *md, bool pss, const unsigned char *msg, size_t n,
                       const unsigned char *sig, size_t sig_len) {
    EVP_MD_CTX *mc = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pc = NULL;
    bool ok = false;
    if (mc && EVP_DigestVerifyInit(mc, &pc, md, NULL, pk) == 1 &&
        (!pss || (EVP_PKEY_CTX_set_rsa_padding(pc, RSA_PKCS1_PSS_PADDING) == 1 &&
                  EVP_PKEY_CTX_set_rsa_pss_saltlen(pc, RSA_PSS_SALTLEN_AUTO) == 1)))
        ok = EVP_DigestVerify(mc, sig, sig_len, msg, n) == 1;
    EVP_MD_CTX_free(mc);
    return ok;
}

/* ECDSA over raw r||s: r is the first half (rounded down), s the rest. */
static bool ecdsa_verify(EVP_PKEY *pk, const EVP_MD *md, const unsigned char *msg, size_t n,
                         const unsigned char *sig, size_t sig_len) {
    if (sig_len > 1024) return false; /* far above any curve's size */
    size_t half = sig_len / 2;
    ECDSA_SIG *es = ECDSA_SIG_new();
    BIGNUM *r = BN_bin2bn(sig, (int)half, NULL), *s = BN_bin2bn(sig + half, (int)(sig_len - half), NULL);
    unsigned char *der = NULL;
    int der_len = -1;
    if (es && r && s && ECDSA_SIG_set0(es, r, s) == 1) {
        r = s = NULL;
        der_len = i2d_ECDSA_SIG(es, &der);
    }
    bool ok = der_len > 0 && evp_verify(pk, md, false, msg, n, der, (size_t)der_len);
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(es);
    OPENSSL_free(der);
    return ok;
}

static bool verify_with(const rg_jwt_key *k, const alg_info *a, const unsigned char *msg, size_t n,
                        const unsigned char *sig, size_t sig_len, bool strict) {
    const EVP_MD *md = alg_md(a);
    switch (a->fam) {
    case FAM_HS: {
        unsigned char mac[EVP_MAX_MD_SIZE];
        unsigned mac_len = 0;
        return hmac_of(k, md, msg, n, mac, &mac_len) && sig_len == mac_len && CRYPTO_memcmp(mac, sig, mac_len) == 0;
    }
    case FAM_RS:
    case FAM_PS:
        if (key_type(k) != EVP_PKEY_RSA || EVP_PKEY_get_bits(k->pkey) < RSA_MIN_BITS) return false;
        return evp_verify(k->pkey, md, a->fam == FAM_PS, msg, n, sig, sig_len);
    case FAM_ES:
        if (key_type(k) != EVP_PKEY_EC) return false;
        if (strict && (sig_len != 2 * es_size(a) || EVP_PKEY_get_bits(k->pkey) != (a->bits == 512 ? 521 : a->bits)))
            return false;
        return ecdsa_verify(k->pkey, md, msg, n, sig, sig_len);
    case FAM_ED:
        return key_type(k) == EVP_PKEY_ED25519 && evp_verify(k->pkey, NULL, false, msg, n, sig, sig_len);
    }
    return false;
}

bool rg_jwt_verify(const rg_jwt_key *key, const char *alg, const unsigned char *msg, size_t n,
                   const unsigned char *sig, size_t sig_len, bool strict) {
    const alg_info *a = alg_find(alg, strlen(alg));
    if (!a) return false;
    /* EVP wants valid pointers even for empty buffers. */
    bool ok = verify_with(key, a, msg ? msg : (const unsigned char *)"", n, sig ? sig : (const unsigned char *)"",
                          sig_len, strict);
    ERR_clear_error();
    return ok;
}

/* ---------------------------------------------------------------------------
 * Signing
 * ------------------------------------------------------------------------- */

static int evp_sign(EVP_PKEY *pk, const EVP_MD *md, bool pss, const unsigned char *msg, size_t n, rg_buf *out) {
    EVP_MD_CTX *mc = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pc = NULL;
    size_t len = 0;
    int rc = -1;
    if (mc && EVP_DigestSignInit(mc, &pc, md, NULL, pk) == 1 &&
        (!pss || (EVP_PKEY_CTX_set_rsa_padding(pc, RSA_PKCS1_PSS_PADDING) == 1 &&
                  EVP_PKEY_CTX_set_rsa_pss_saltlen(pc, RSA_PSS_SALTLEN_DIGEST) == 1)) &&
        EVP_DigestSign(mc, NULL, &len, msg, n) == 1) {
        rg_buf_reserve(out, len + 1);
        if (EVP_DigestSign(mc, (unsigned char *)out->data + out->len, &len, msg, n) == 1) {
            out->len += len;
            rc = 0;
        }
    }
    EVP_MD_CTX_free(mc);
    return rc;
}

/* ECDSA signature as raw r||s, each left-padded to size bytes. */
static int ecdsa_sign(EVP_PKEY *pk, const EVP_MD *md, size_t size, const unsigned char *msg, size_t n, rg_buf *out) {
    rg_buf der = RG_BUF_INIT;
    int rc = evp_sign(pk, md, false, msg, n, &der);
    const unsigned char *p = (const unsigned char *)der.data;
    ECDSA_SIG *es = rc == 0 ? d2i_ECDSA_SIG(NULL, &p, (long)der.len) : NULL;
    rc = -1;
    if (es) {
        const BIGNUM *r, *s;
        ECDSA_SIG_get0(es, &r, &s);
        rg_buf_reserve(out, 2 * size + 1);
        unsigned char *dst = (unsigned char *)out->data + out->len;
        if (BN_bn2binpad(r, dst, (int)size) >= 0 && BN_bn2binpad(s, dst + size, (int)size) >= 0) {
            out->len += 2 * size;
            rc = 0;
        }
    }
    ECDSA_SIG_free(es);
    rg_buf_fini(&der);
    return rc;
}

static int sign_with(const rg_jwt_key *k, const alg_info *a, const unsigned char *msg, size_t n, rg_buf *out) {
    const EVP_MD *md = alg_md(a);
    switch (a->fam) {
    case FAM_HS: {
        unsigned char mac[EVP_MAX_MD_SIZE];
        unsigned mac_len = 0;
        if (!hmac_of(k, md, msg, n, mac, &mac_len)) return -1;
        rg_buf_append(out, (const char *)mac, mac_len);
        return 0;
    }
    case FAM_RS:
    case FAM_PS:
        if (key_type(k) != EVP_PKEY_RSA || EVP_PKEY_get_bits(k->pkey) < RSA_MIN_BITS) return -1;
        return evp_sign(k->pkey, md, a->fam == FAM_PS, msg, n, out);
    case FAM_ES:
        if (key_type(k) != EVP_PKEY_EC || EVP_PKEY_get_bits(k->pkey) != (a->bits == 512 ? 521 : a->bits)) return -1;
        return ecdsa_sign(k->pkey, md, es_size(a), msg, n, out);
    case FAM_ED:
        return key_type(k) == EVP_PKEY_ED25519 ? evp_sign(k->pkey, NULL, false, msg, n, out) : -1;
    }
    return -1;
}

int rg_jwt_sign(const rg_jwt_key *key, const char *alg, const unsigned char *msg, size_t n, rg_buf *out,
                rg_buf *err) {
    const alg_info *a = alg_find(alg, strlen(alg));
    if (!a) {
        rg_buf_printf(err, "unknown JWS algorithm: %s", alg);
        return -1;
    }
    int rc = key->is_private ? sign_with(key, a, msg ? msg : (const unsigned char *)"", n, out) : -1;
    ERR_clear_error();
    if (rc) rg_buf_printf(err, "failed to sign payload: the key cannot sign with %s", alg);
    return rc;
}
