/* Private interface between the io.jwt.* builtins (jwt.c) and their crypto
 * layer (jwt_verify.c): base64url as OPA decodes token parts, verification
 * keys from PEM or JWK text, and JWS signing/verification over OpenSSL's EVP
 * API.  Nothing outside src/builtins/jwt*.c includes this header. */
#ifndef RG_BUILTINS_JWT_INTERNAL_H
#define RG_BUILTINS_JWT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <openssl/types.h>

#include "base/buf.h"

/* Decodes a base64url token part as OPA does: omitted padding is restored
 * (RFC 7515 appendix C), then the text is decoded with Go's padded URL
 * decoder.  Returns 0, or -1 with OPA's message in err ("illegal base64
 * data at input byte N" or "illegal base64url string: S"). */
int rg_jwt_b64url_decode(rg_buf *out, const char *s, size_t n, rg_buf *err);
/* Appends the unpadded base64url encoding of s. */
void rg_jwt_b64url_encode(rg_buf *out, const unsigned char *s, size_t n);

/* One key: an asymmetric EVP key or an "oct" secret, with the JWK's alg and
 * kid when it came from a JWK ("" when absent). */
typedef struct rg_jwt_key {
    EVP_PKEY *pkey;          /* NULL for secrets */
    rg_buf secret;           /* "oct" key bytes */
    bool is_secret, is_private;
    char alg[8];
    char *kid;               /* malloc'd (kid_len bytes), or NULL */
    size_t kid_len;
} rg_jwt_key;

typedef struct rg_jwt_keys {
    rg_jwt_key *items;
    size_t len;
} rg_jwt_keys;

void rg_jwt_keys_fini(rg_jwt_keys *k);

/* Keys from a verification argument: a PEM certificate or public key (one
 * block and nothing after it), else a JWK or JWK set.  JWK keys naming an
 * algorithm OPA does not know are left out.  Returns 0, or -1 with OPA's
 * message in err. */
int rg_jwt_keys_parse(const char *text, size_t n, rg_jwt_keys *out, rg_buf *err);

/* The first key of a JWK or JWK set, for signing.  Returns 0, or -1 with a
 * message in err ("no keys found in JWK set", ...). */
int rg_jwt_sign_key_parse(const char *text, size_t n, rg_jwt_keys *out, rg_buf *err);

/* True for the JWS algorithms OPA accepts (HS/RS/PS/ES 256/384/512, EdDSA). */
bool rg_jwt_alg_known(const char *alg, size_t n);

/* Verifies a JWS signature over msg with key under alg.  strict applies
 * RFC 7518's rules (ECDSA curve and signature size must match the
 * algorithm), as io.jwt.decode_verify does; otherwise an ECDSA signature is
 * split in half whatever its size, as the io.jwt.verify_es* builtins do. */
bool rg_jwt_verify(const rg_jwt_key *key, const char *alg, const unsigned char *msg, size_t n,
                   const unsigned char *sig, size_t sig_len, bool strict);

/* Signs msg with key under alg, appending the raw JWS signature to out.
 * Returns 0, or -1 with a message in err. */
int rg_jwt_sign(const rg_jwt_key *key, const char *alg, const unsigned char *msg, size_t n, rg_buf *out,
                rg_buf *err);

#endif
