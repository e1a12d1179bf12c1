/* Builtins: crypto -- message digests (crypto.md5/sha1/sha256) and HMACs
 * (crypto.hmac.md5/sha1/sha256/sha512, crypto.hmac.equal), all through
 * OpenSSL's EVP API.  Digests are returned as lowercase hex of the raw
 * bytes of the string argument, as OPA does. */
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <string.h>

#include "builtins/families.h"

static rg_value hex_value(rg_arena *a, const unsigned char *md, unsigned len) {
    static const char digits[] = "0123456789abcdef";
    char *s = rg_arena_alloc(a, 2 * (size_t)len + 1);
    for (unsigned i = 0; i < len; i++) {
        s[2 * i] = digits[md[i] >> 4];
        s[2 * i + 1] = digits[md[i] & 15];
    }
    s[2 * len] = 0;
    return rg_string_static(s, 2 * (size_t)len);
}

static int digest(rg_bi_ctx *ctx, const rg_value *args, const EVP_MD *md, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0)) return RG_BI_ERROR;
    unsigned char buf[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    const char *data = args[0].len ? args[0].u.s : "";
    if (!EVP_Digest(data, args[0].len, buf, &len, md, NULL))
        return rg_bi_error(ctx, "digest failed");
    *out = hex_value(rg_bi_arena(ctx), buf, len);
    return RG_BI_OK;
}

static int hmac(rg_bi_ctx *ctx, const rg_value *args, const EVP_MD *md, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0) || rg_bi_want_string(ctx, args, 1)) return RG_BI_ERROR;
    unsigned char buf[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    /* HMAC() with a NULL key pointer misbehaves on some versions: pass a
     * valid pointer for the empty key. */
    const void *key = args[1].len ? (const void *)args[1].u.s : (const void *)"";
    const char *data = args[0].len ? args[0].u.s : "";
    if (!HMAC(md, key, (int)args[1].len, (const unsigned char *)data, args[0].len, buf, &len))
        return rg_bi_error(ctx, "hmac failed");
    *out = hex_value(rg_bi_arena(ctx), buf, len);
    return RG_BI_OK;
}

static int bi_md5(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return digest(ctx, args, EVP_md5(), out);
}
static int bi_sha1(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return digest(ctx, args, EVP_sha1(), out);
}
static int bi_sha256(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return digest(ctx, args, EVP_sha256(), out);
}
static int bi_hmac_md5(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return hmac(ctx, args, EVP_md5(), out);
}
static int bi_hmac_sha1(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return hmac(ctx, args, EVP_sha1(), out);
}
static int bi_hmac_sha256(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return hmac(ctx, args, EVP_sha256(), out);
}
static int bi_hmac_sha512(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return hmac(ctx, args, EVP_sha512(), out);
}

/* Constant time in the content (like Go's hmac.Equal): lengths may leak. */
static int bi_hmac_equal(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0) || rg_bi_want_string(ctx, args, 1)) return RG_BI_ERROR;
    bool eq = args[0].len == args[1].len && (args[0].len == 0 || CRYPTO_memcmp(args[0].u.s, args[1].u.s, args[0].len) == 0);
    *out = rg_bool(eq);
    return RG_BI_OK;
}

const rg_builtin_def rg_builtins_crypto[] = {
    {"crypto.md5", bi_md5, 1, RG_ARGS(RG_T_STR), RG_T_STR, 0},
    {"crypto.sha1", bi_sha1, 1, RG_ARGS(RG_T_STR), RG_T_STR, 0},
    {"crypto.sha256", bi_sha256, 1, RG_ARGS(RG_T_STR), RG_T_STR, 0},
    {"crypto.hmac.md5", bi_hmac_md5, 2, RG_ARGS(RG_T_STR, RG_T_STR), RG_T_STR, 0},
    {"crypto.hmac.sha1", bi_hmac_sha1, 2, RG_ARGS(RG_T_STR, RG_T_STR), RG_T_STR, 0},
    {"crypto.hmac.sha256", bi_hmac_sha256, 2, RG_ARGS(RG_T_STR, RG_T_STR), RG_T_STR, 0},
    {"crypto.hmac.sha512", bi_hmac_sha512, 2, RG_ARGS(RG_T_STR, RG_T_STR), RG_T_STR, 0},
    {"crypto.hmac.equal", bi_hmac_equal, 2, RG_ARGS(RG_T_STR, RG_T_STR), RG_T_BOOL, 0},
    {0},
};
