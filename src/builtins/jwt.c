/* Builtins: io.jwt.* -- decoding, verification and signing of JSON Web
 * Tokens with OPA 1.x semantics and messages.
 *
 * io.jwt.decode splits a compact JWS, decodes header and payload (nested
 * tokens with cty "JWT" are followed) and returns [header, payload,
 * signature hex].  io.jwt.verify_* check a signature with a secret (HS*) or
 * with a PEM certificate, PEM public key or JWK (set) for the asymmetric
 * algorithms; a JWK's kid and alg select the keys tried, as in OPA.
 * io.jwt.decode_verify checks signature, alg, iss, aud, exp and nbf against
 * a constraints object and returns [valid, header, payload], or [false, {},
 * {}].  Besides OPA's constraints it accepts "sub" (the subject must match),
 * as rego-cpp does; OPA rejects that key.  io.jwt.encode_sign(_raw) sign
 * with the first key of a JWK (set).  Malformed tokens are builtin errors
 * where OPA reports errors, and a false verification otherwise.  The crypto
 * lives in jwt_verify.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "builtins/encoding_internal.h"
#include "builtins/families.h"
#include "builtins/jwt_internal.h"
#include "read/read.h"

/* Nested tokens shrink at each level, so this bound is never reached by a
 * real token; it only caps the work on hostile input. */
#define JWT_MAX_NESTING 64

static const char *sptr(rg_value s) { return s.len ? s.u.s : ""; }

static bool str_eq(rg_value v, const char *s, size_t n) {
    return v.kind == RG_STRING && v.len == n && (n == 0 || memcmp(v.u.s, s, n) == 0);
}

static bool str_is(rg_value v, const char *s) { return str_eq(v, s, strlen(s)); }

/* ---------------------------------------------------------------------------
 * Token parts
 * ------------------------------------------------------------------------- */

typedef struct token {
    const char *s;    /* the whole token */
    size_t hdr_len;   /* header part: s[0..hdr_len) */
    size_t pay_len;   /* payload part follows the first dot */
    const char *sig;  /* signature part */
    size_t sig_len;
} token;

static int split_token(rg_bi_ctx *ctx, rg_value v, token *t) {
    const char *s = sptr(v), *end = s + v.len;
    const char *d1 = memchr(s, '.', v.len);
    if (!d1) return rg_bi_error(ctx, "encoded JWT had no period separators");
    size_t parts = 1;
    for (const char *p = s; (p = memchr(p, '.', (size_t)(end - p))) != NULL; p++) parts++;
    if (parts != 3) return rg_bi_error(ctx, "encoded JWT must have 3 sections, found %zu", parts);
    const char *d2 = memchr(d1 + 1, '.', (size_t)(end - d1 - 1));
    *t = (token){s, (size_t)(d1 - s), (size_t)(d2 - d1 - 1), d2 + 1, (size_t)(end - d2 - 1)};
    return 0;
}

static const char *payload_part(const token *t) { return t->s + t->hdr_len + 1; }
/* The signing input: header "." payload. */
static size_t signed_len(const token *t) { return t->hdr_len + 1 + t->pay_len; }

/* Decodes one base64url part into a string; errors are "WHAT: why", or
 * just "why" when what is NULL. */
static int part_decode(rg_bi_ctx *ctx, const char *s, size_t n, const char *what, rg_value *out) {
    rg_buf b = RG_BUF_INIT, err = RG_BUF_INIT;
    int rc = 0;
    if (rg_jwt_b64url_decode(&b, s, n, &err)) {
        rc = what ? rg_bi_error(ctx, "%s: %s", what, rg_buf_cstr(&err)) : rg_bi_error(ctx, "%s", rg_buf_cstr(&err));
    } else {
        *out = rg_string(rg_bi_arena(ctx), b.len ? b.data : "", b.len);
    }
    rg_buf_fini(&b);
    rg_buf_fini(&err);
    return rc;
}

/* Parses text as a JSON object; errors carry prefix. */
static int json_object(rg_bi_ctx *ctx, rg_value text, const char *prefix, rg_value *out) {
    rg_diags d = RG_DIAGS_INIT;
    int rc = 0;
    if (rg_json_parse(rg_bi_arena(ctx), NULL, sptr(text), text.len, 0, NULL, out, &d))
        rc = rg_bi_error(ctx, "%sinvalid JSON: %s", prefix, d.len ? d.items[0].msg : "syntax error");
    else if (out->kind != RG_OBJECT)
        rc = rg_bi_error(ctx, "%sdecoded JSON type was not an Object", prefix);
    rg_diags_fini(&d);
    return rc;
}

static int decode_header(rg_bi_ctx *ctx, const token *t, rg_value *hdr) {
    rg_value text;
    if (part_decode(ctx, t->s, t->hdr_len, "JWT header had invalid encoding", &text) ||
        json_object(ctx, text, "bad JWT header: ", hdr))
        return RG_BI_ERROR;
    if (!rg_is_undef(rg_object_get_str(*hdr, "enc")))
        return rg_bi_error(ctx, "JWT is a JWE object, which is not supported");
    return 0;
}

/* The JOSE header fields OPA looks at. */
typedef struct jose {
    rg_value alg, kid, cty; /* "" when absent */
    bool valid;             /* alg present and no unknown critical field */
} jose;

static bool is_known_field(rg_value k) {
    return str_is(k, "alg") || str_is(k, "kid") || str_is(k, "typ") || str_is(k, "cty") || str_is(k, "crit");
}

/* crit: a non-empty list; the strings before any non-string count. */
static int parse_crit(rg_bi_ctx *ctx, rg_value v, size_t *n) {
    if (v.kind != RG_ARRAY) return rg_bi_error(ctx, "crit: must be a list");
    *n = 0;
    while (*n < v.len && v.u.items[*n].kind == RG_STRING) (*n)++;
    if (*n == 0) return rg_bi_error(ctx, "crit: must be a nonempty list");
    return 0;
}

static int parse_jose(rg_bi_ctx *ctx, rg_value hdr, jose *j) {
    static const char *const strs[] = {"alg", "kid", "typ", "cty"};
    rg_value empty = rg_string_static("", 0), crit = rg_empty_array();
    size_t ncrit = 0;
    *j = (jose){empty, empty, empty, false};
    for (size_t i = 0; i < hdr.len; i++) {
        rg_value k = rg_obj_key(hdr, i), v = rg_obj_val(hdr, i);
        for (size_t s = 0; s < 4; s++)
            if (str_is(k, strs[s]) && v.kind != RG_STRING) return rg_bi_error(ctx, "%s: must be a string", strs[s]);
        if (str_is(k, "alg")) j->alg = v;
        if (str_is(k, "kid")) j->kid = v;
        if (str_is(k, "cty")) j->cty = v;
        if (str_is(k, "crit")) {
            if (parse_crit(ctx, v, &ncrit)) return RG_BI_ERROR;
            crit = v;
        }
    }
    j->valid = j->alg.len > 0;
    for (size_t i = 0; i < hdr.len; i++) {
        rg_value k = rg_obj_key(hdr, i);
        if (is_known_field(k)) continue;
        for (size_t c = 0; c < ncrit; c++)
            if (rg_value_equal(crit.u.items[c], k)) j->valid = false;
    }
    return 0;
}

static rg_value hex_string(rg_arena *a, rg_value bytes) {
    static const char digits[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *)sptr(bytes);
    char *h = rg_arena_alloc(a, 2 * (size_t)bytes.len + 1);
    for (size_t i = 0; i < bytes.len; i++) {
        h[2 * i] = digits[s[i] >> 4];
        h[2 * i + 1] = digits[s[i] & 15];
    }
    h[2 * (size_t)bytes.len] = 0;
    return rg_string_static(h, 2 * (size_t)bytes.len);
}

/* Strips the characters " and ' from both ends (a quoted nested token). */
static rg_value trim_quotes(rg_value s) {
    const char *p = sptr(s);
    size_t b = 0, e = s.len;
    while (b < e && (p[b] == '"' || p[b] == '\'')) b++;
    while (e > b && (p[e - 1] == '"' || p[e - 1] == '\'')) e--;
    return rg_string_static(p + b, e - b);
}

/* ---------------------------------------------------------------------------
 * io.jwt.decode
 * ------------------------------------------------------------------------- */

static int bi_decode(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0)) return RG_BI_ERROR;
    rg_value tok = args[0];
    for (int depth = 0;; depth++) {
        token t;
        rg_value hdr, pay_text, pay, sig;
        if (depth > JWT_MAX_NESTING) return rg_bi_error(ctx, "nested JWT too deep");
        if (split_token(ctx, tok, &t) || decode_header(ctx, &t, &hdr) ||
            part_decode(ctx, payload_part(&t), t.pay_len, "JWT payload had invalid encoding", &pay_text))
            return RG_BI_ERROR;
        if (str_is(rg_object_get_str(hdr, "cty"), "JWT")) {
            tok = trim_quotes(pay_text);
            continue;
        }
        if (json_object(ctx, pay_text, "", &pay) ||
            part_decode(ctx, t.sig, t.sig_len, "JWT signature had invalid encoding", &sig))
            return RG_BI_ERROR;
        rg_value items[3] = {hdr, pay, hex_string(rg_bi_arena(ctx), sig)};
        *out = rg_array(rg_bi_arena(ctx), items, 3);
        return RG_BI_OK;
    }
}

/* ---------------------------------------------------------------------------
 * io.jwt.verify_*
 * ------------------------------------------------------------------------- */

static int verify_hs(rg_bi_ctx *ctx, const rg_value *args, const char *alg, rg_value *out) {
    token t;
    rg_value sig;
    if (rg_bi_want_string(ctx, args, 0) || split_token(ctx, args[0], &t) || rg_bi_want_string(ctx, args, 1) ||
        part_decode(ctx, t.sig, t.sig_len, NULL, &sig))
        return RG_BI_ERROR;
    rg_jwt_key key = {.secret = RG_BUF_INIT, .is_secret = true, .is_private = true};
    rg_buf_append(&key.secret, sptr(args[1]), args[1].len);
    *out = rg_bool(rg_jwt_verify(&key, alg, (const unsigned char *)t.s, signed_len(&t),
                                 (const unsigned char *)sptr(sig), sig.len, false));
    rg_buf_fini(&key.secret);
    return RG_BI_OK;
}

/* Tries the keys as OPA does: only the key whose kid matches the header's,
 * when there is one; else every key without an alg or with the header's. */
static bool verify_keys(const rg_jwt_keys *keys, const jose *j, const char *alg, const token *t, rg_value sig,
                        bool strict) {
    const unsigned char *msg = (const unsigned char *)t->s, *s = (const unsigned char *)sptr(sig);
    if (j->kid.len > 0)
        for (size_t i = 0; i < keys->len; i++) {
            const rg_jwt_key *k = &keys->items[i];
            if (k->kid && str_eq(j->kid, k->kid, k->kid_len))
                return rg_jwt_verify(k, alg, msg, signed_len(t), s, sig.len, strict);
        }
    for (size_t i = 0; i < keys->len; i++) {
        const rg_jwt_key *k = &keys->items[i];
        if (k->alg[0] && !str_is(j->alg, k->alg)) continue;
        if (rg_jwt_verify(k, alg, msg, signed_len(t), s, sig.len, strict)) return true;
    }
    return false;
}

static int keys_arg(rg_bi_ctx *ctx, rg_value text, rg_jwt_keys *keys) {
    rg_buf err = RG_BUF_INIT;
    int rc = rg_jwt_keys_parse(sptr(text), text.len, keys, &err) ? rg_bi_error(ctx, "%s", rg_buf_cstr(&err)) : 0;
    rg_buf_fini(&err);
    return rc;
}

static int verify_asym(rg_bi_ctx *ctx, const rg_value *args, const char *alg, rg_value *out) {
    token t;
    rg_jwt_keys keys = {NULL, 0};
    rg_value sig, hdr;
    jose j;
    if (rg_bi_want_string(ctx, args, 0) || split_token(ctx, args[0], &t) || rg_bi_want_string(ctx, args, 1) ||
        keys_arg(ctx, args[1], &keys))
        return RG_BI_ERROR;
    int rc = RG_BI_ERROR;
    if (!part_decode(ctx, t.sig, t.sig_len, NULL, &sig) && !decode_header(ctx, &t, &hdr) &&
        !parse_jose(ctx, hdr, &j)) {
        *out = rg_bool(verify_keys(&keys, &j, alg, &t, sig, false));
        rc = RG_BI_OK;
    }
    rg_jwt_keys_fini(&keys);
    return rc;
}

#define VERIFY_FN(fname, kind, alg) \
    static int fname(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) { \
        return kind(ctx, args, alg, out); \
    }
VERIFY_FN(bi_verify_hs256, verify_hs, "HS256")
VERIFY_FN(bi_verify_hs384, verify_hs, "HS384")
VERIFY_FN(bi_verify_hs512, verify_hs, "HS512")
VERIFY_FN(bi_verify_rs256, verify_asym, "RS256")
VERIFY_FN(bi_verify_rs384, verify_asym, "RS384")
VERIFY_FN(bi_verify_rs512, verify_asym, "RS512")
VERIFY_FN(bi_verify_ps256, verify_asym, "PS256")
VERIFY_FN(bi_verify_ps384, verify_asym, "PS384")
VERIFY_FN(bi_verify_ps512, verify_asym, "PS512")
VERIFY_FN(bi_verify_es256, verify_asym, "ES256")
VERIFY_FN(bi_verify_es384, verify_asym, "ES384")
VERIFY_FN(bi_verify_es512, verify_asym, "ES512")
VERIFY_FN(bi_verify_eddsa, verify_asym, "EdDSA")

/* ---------------------------------------------------------------------------
 * io.jwt.decode_verify
 * ------------------------------------------------------------------------- */

typedef struct constraints {
    rg_jwt_keys keys;
    bool have_keys;
    rg_jwt_key secret;
    rg_value alg, iss, aud, sub; /* "" when absent */
    double time_ns;
    bool have_time;
} constraints;

static int constraint_time(rg_bi_ctx *ctx, rg_value v, constraints *c) {
    if (v.kind != RG_NUMBER) return rg_bi_error(ctx, "token time constraint: must be a number");
    double t = rg_num_to_double(v);
    if (!isfinite(t)) return rg_bi_error(ctx, "token time constraint: unvalid float64");
    if (t < 0) return rg_bi_error(ctx, "token time constraint: must not be negative");
    c->time_ns = t;
    c->have_time = true;
    return 0;
}

static int constraint(rg_bi_ctx *ctx, rg_value k, rg_value v, constraints *c) {
    static const char *const strs[] = {"secret", "alg", "iss", "aud", "sub"};
    rg_value *dst[] = {NULL, &c->alg, &c->iss, &c->aud, &c->sub};
    if (str_is(k, "time")) return constraint_time(ctx, v, c);
    if (str_is(k, "cert")) {
        if (v.kind != RG_STRING) return rg_bi_error(ctx, "cert constraint: must be a string");
        c->have_keys = true;
        return keys_arg(ctx, v, &c->keys);
    }
    for (size_t i = 0; i < 5; i++) {
        if (!str_is(k, strs[i])) continue;
        if (v.kind != RG_STRING) return rg_bi_error(ctx, "%s constraint: must be a string", strs[i]);
        if (dst[i]) *dst[i] = v;
        else rg_buf_append(&c->secret.secret, sptr(v), v.len);
        return 0;
    }
    char *name = k.kind == RG_STRING ? NULL : rg_json_dump(k, 0);
    int rc = rg_bi_error(ctx, "unknown token validation constraint: %s", name ? name : sptr(k));
    free(name);
    return rc;
}

static int parse_constraints(rg_bi_ctx *ctx, rg_value obj, constraints *c) {
    for (size_t i = 0; i < obj.len; i++)
        if (constraint(ctx, rg_obj_key(obj, i), rg_obj_val(obj, i), c)) return RG_BI_ERROR;
    if (!c->have_time) c->time_ns = (double)rg_bi_now_ns(ctx);
    int nkeys = (int)c->have_keys + (c->secret.secret.len > 0);
    if (nkeys > 1) return rg_bi_error(ctx, "duplicate key constraints");
    if (nkeys < 1) return rg_bi_error(ctx, "no key constraint");
    return 0;
}

/* Signature check against the constrained key(s), with the header's alg. */
static bool dv_signature(const constraints *c, const jose *j, const token *t, rg_value sig) {
    /* An alg with a NUL byte names no algorithm. */
    if (memchr(sptr(j->alg), 0, j->alg.len)) return false;
    if (c->have_keys) return verify_keys(&c->keys, j, sptr(j->alg), t, sig, true);
    return rg_jwt_verify(&c->secret, sptr(j->alg), (const unsigned char *)t->s, signed_len(t),
                         (const unsigned char *)sptr(sig), sig.len, true);
}

static bool ascii_ieq(rg_value v, const char *s) {
    size_t n = strlen(s);
    if (v.kind != RG_STRING || v.len != n) return false;
    for (size_t i = 0; i < n; i++) {
        char a = v.u.s[i], b = s[i];
        if (a >= 'a' && a <= 'z') a = (char)(a - 32);
        if (a != b) return false;
    }
    return true;
}

/* Verifies the (possibly nested) token; *ok false when it does not verify.
 * On success hdr and pay hold the innermost header and the payload. */
static int dv_token(rg_bi_ctx *ctx, rg_value tok, const constraints *c, bool *ok, rg_value *hdr, rg_value *pay) {
    rg_value pay_text;
    *ok = false;
    for (int depth = 0;; depth++) {
        token t;
        jose j;
        rg_value sig;
        if (depth > JWT_MAX_NESTING) return rg_bi_error(ctx, "nested JWT too deep");
        if (split_token(ctx, tok, &t) || decode_header(ctx, &t, hdr) || parse_jose(ctx, *hdr, &j)) return RG_BI_ERROR;
        if (!j.valid || (c->alg.len && !rg_value_equal(c->alg, j.alg))) return 0;
        if (part_decode(ctx, t.sig, t.sig_len, NULL, &sig)) return RG_BI_ERROR;
        if (!dv_signature(c, &j, &t, sig)) return 0;
        if (part_decode(ctx, payload_part(&t), t.pay_len, "JWT payload had invalid encoding", &pay_text))
            return RG_BI_ERROR;
        if (!ascii_ieq(j.cty, "JWT")) break;
        tok = pay_text;
    }
    if (json_object(ctx, pay_text, "", pay)) return RG_BI_ERROR;
    *ok = true;
    return 0;
}

static bool valid_audience(rg_value aud, rg_value want) {
    if (aud.kind == RG_STRING) return rg_value_equal(aud, want);
    if (aud.kind != RG_ARRAY) return false;
    for (size_t i = 0; i < aud.len; i++)
        if (aud.u.items[i].kind == RG_STRING && rg_value_equal(aud.u.items[i], want)) return true;
    return false;
}

/* Registered claims against the constraints, in OPA's order. */
static int dv_claims(rg_bi_ctx *ctx, const constraints *c, rg_value pay, bool *ok) {
    rg_value iss = rg_object_get_str(pay, "iss"), aud = rg_object_get_str(pay, "aud");
    rg_value sub = rg_object_get_str(pay, "sub");
    rg_value exp = rg_object_get_str(pay, "exp"), nbf = rg_object_get_str(pay, "nbf");
    double now = c->time_ns / 1e9;
    *ok = false;
    if (c->iss.len && !rg_value_equal(iss, c->iss)) return 0;
    if (c->sub.kind == RG_STRING && !rg_value_equal(sub, c->sub)) return 0;
    if (rg_is_undef(aud) ? c->aud.len > 0 : !valid_audience(aud, c->aud)) return 0;
    if (!rg_is_undef(exp)) {
        if (exp.kind != RG_NUMBER) return rg_bi_error(ctx, "exp value must be a number");
        if (!(now < rg_num_to_double(exp))) return 0;
    }
    if (!rg_is_undef(nbf)) {
        if (nbf.kind != RG_NUMBER) return rg_bi_error(ctx, "nbf value must be a number");
        if (now < rg_num_to_double(nbf)) return 0;
    }
    *ok = true;
    return 0;
}

static int bi_decode_verify(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_kind(ctx, args, 1, RG_T_OBJ)) return RG_BI_ERROR;
    rg_value empty = rg_string_static("", 0), hdr, pay;
    constraints c = {.keys = {NULL, 0}, .secret = {.secret = RG_BUF_INIT, .is_secret = true, .is_private = true},
                     .alg = empty, .iss = empty, .aud = empty, .sub = rg_undefined()};
    bool ok = false;
    int rc = RG_BI_ERROR;
    if (!parse_constraints(ctx, args[1], &c) && !rg_bi_want_string(ctx, args, 0) &&
        !dv_token(ctx, args[0], &c, &ok, &hdr, &pay) && (!ok || !dv_claims(ctx, &c, pay, &ok))) {
        rg_value items[3] = {rg_bool(ok), ok ? hdr : rg_empty_object(), ok ? pay : rg_empty_object()};
        *out = rg_array(rg_bi_arena(ctx), items, 3);
        rc = RG_BI_OK;
    }
    rg_jwt_keys_fini(&c.keys);
    OPENSSL_cleanse(c.secret.secret.data, c.secret.secret.len);
    rg_buf_fini(&c.secret.secret);
    return rc;
}

/* ---------------------------------------------------------------------------
 * io.jwt.encode_sign / encode_sign_raw
 * ------------------------------------------------------------------------- */

static const char *json_kind(rg_value v) {
    switch ((rg_kind)v.kind) {
    case RG_NULL: return "null";
    case RG_BOOL: return v.u.b ? "true" : "false";
    case RG_NUMBER: return "number";
    case RG_ARRAY: return "array";
    default: return "object";
    }
}

/* The header's alg, as jwx reads it. */
static int header_alg(rg_bi_ctx *ctx, const char *h, size_t n, rg_value *hdr, rg_value *alg) {
    rg_diags d = RG_DIAGS_INIT;
    int bad = rg_json_parse(rg_bi_arena(ctx), NULL, h, n, 0, NULL, hdr, &d);
    int rc = 0;
    *alg = bad || hdr->kind != RG_OBJECT ? rg_undefined() : rg_object_get_str(*hdr, "alg");
    if (bad)
        rc = rg_bi_error(ctx, "missing or invalid 'alg' header: %s", d.len ? d.items[0].msg : "invalid JSON");
    else if (rg_is_undef(*alg))
        rc = rg_bi_error(ctx, "missing or invalid 'alg' header: key \"alg\" not found");
    else if (alg->kind != RG_STRING)
        rc = rg_bi_error(ctx, "missing or invalid 'alg' header: value doesn't contain string; it contains %s",
                         json_kind(*alg));
    rg_diags_fini(&d);
    return rc;
}

static bool json_valid(const char *s, size_t n) {
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_value v;
    bool ok = rg_json_parse(&a, NULL, s, n, 0, NULL, &v, &d) == 0;
    rg_diags_fini(&d);
    rg_arena_fini(&a);
    return ok;
}

/* Builds b64(h) "." b64(p) "." b64(signature) into out. */
static int sign_compact(rg_bi_ctx *ctx, const rg_jwt_key *key, rg_value alg, const char *h, size_t hn,
                        const char *p, size_t pn, rg_buf *out) {
    rg_buf sig = RG_BUF_INIT, err = RG_BUF_INIT;
    rg_jwt_b64url_encode(out, (const unsigned char *)h, hn);
    rg_buf_putc(out, '.');
    rg_jwt_b64url_encode(out, (const unsigned char *)p, pn);
    int rc = rg_jwt_sign(key, sptr(alg), (const unsigned char *)out->data, out->len, &sig, &err);
    if (rc) {
        rc = rg_bi_error(ctx, "%s", rg_buf_cstr(&err));
    } else {
        rg_buf_putc(out, '.');
        rg_jwt_b64url_encode(out, (const unsigned char *)sig.data, sig.len);
    }
    rg_buf_fini(&sig);
    rg_buf_fini(&err);
    return rc;
}

static int encode_common(rg_bi_ctx *ctx, const char *h, size_t hn, const char *p, size_t pn, const char *k,
                         size_t kn, rg_value *out) {
    rg_jwt_keys keys = {NULL, 0};
    rg_buf err = RG_BUF_INIT, tok = RG_BUF_INIT;
    rg_value hdr, alg;
    int rc = RG_BI_ERROR;
    if (rg_jwt_sign_key_parse(k, kn, &keys, &err)) {
        rg_bi_error(ctx, "%s", rg_buf_cstr(&err));
    } else if (!header_alg(ctx, h, hn, &hdr, &alg)) {
        rg_value typ = rg_object_get_str(hdr, "typ");
        if (!rg_jwt_alg_known(sptr(alg), alg.len))
            rg_bi_error(ctx, "unknown JWS algorithm: %s", sptr(alg));
        else if ((typ.kind != RG_STRING || str_is(typ, "JWT")) && !json_valid(p, pn))
            rg_bi_error(ctx, "type is JWT but payload is not JSON");
        else if (!sign_compact(ctx, &keys.items[0], alg, h, hn, p, pn, &tok))
            rc = RG_BI_OK;
    }
    if (rc == RG_BI_OK) *out = rg_string(rg_bi_arena(ctx), rg_buf_cstr(&tok), tok.len);
    rg_jwt_keys_fini(&keys);
    rg_buf_fini(&err);
    rg_buf_fini(&tok);
    return rc;
}

static int bi_encode_sign(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    static const char *const what[] = {"JWT headers", "JWT payload", "JWT signature"};
    rg_buf json[3] = {RG_BUF_INIT, RG_BUF_INIT, RG_BUF_INIT};
    int rc = RG_BI_ERROR, i = 0;
    for (; i < 3; i++)
        if (rg_bi_want_kind(ctx, args, i, RG_T_OBJ)) break;
    for (int m = 0; i == 3 && m < 3; m++)
        if (!rg_enc_json_write_go(&json[m], args[m])) {
            rg_bi_error(ctx, "failed to marshal %s: value too deeply nested", what[m]);
            i = 0;
        }
    if (i == 3)
        rc = encode_common(ctx, rg_buf_cstr(&json[0]), json[0].len, rg_buf_cstr(&json[1]), json[1].len,
                           rg_buf_cstr(&json[2]), json[2].len, out);
    for (int m = 0; m < 3; m++) rg_buf_fini(&json[m]);
    return rc;
}

static int bi_encode_sign_raw(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 2) || rg_bi_want_string(ctx, args, 0) || rg_bi_want_string(ctx, args, 1))
        return RG_BI_ERROR;
    return encode_common(ctx, sptr(args[0]), args[0].len, sptr(args[1]), args[1].len, sptr(args[2]), args[2].len,
                         out);
}

#define VERIFY_DEF(name, fn) {name, fn, 2, RG_ARGS(RG_T_STR, RG_T_STR), RG_T_BOOL, 0}

const rg_builtin_def rg_builtins_jwt[] = {
    {"io.jwt.decode", bi_decode, 1, RG_ARGS(RG_T_STR), RG_T_ARR, 0},
    {"io.jwt.decode_verify", bi_decode_verify, 2, RG_ARGS(RG_T_STR, RG_T_OBJ), RG_T_ARR, 0},
    VERIFY_DEF("io.jwt.verify_hs256", bi_verify_hs256),
    VERIFY_DEF("io.jwt.verify_hs384", bi_verify_hs384),
    VERIFY_DEF("io.jwt.verify_hs512", bi_verify_hs512),
    VERIFY_DEF("io.jwt.verify_rs256", bi_verify_rs256),
    VERIFY_DEF("io.jwt.verify_rs384", bi_verify_rs384),
    VERIFY_DEF("io.jwt.verify_rs512", bi_verify_rs512),
    VERIFY_DEF("io.jwt.verify_ps256", bi_verify_ps256),
    VERIFY_DEF("io.jwt.verify_ps384", bi_verify_ps384),
    VERIFY_DEF("io.jwt.verify_ps512", bi_verify_ps512),
    VERIFY_DEF("io.jwt.verify_es256", bi_verify_es256),
    VERIFY_DEF("io.jwt.verify_es384", bi_verify_es384),
    VERIFY_DEF("io.jwt.verify_es512", bi_verify_es512),
    VERIFY_DEF("io.jwt.verify_eddsa", bi_verify_eddsa),
    /* Nondeterministic in OPA: ECDSA signatures are randomised. */
    {"io.jwt.encode_sign", bi_encode_sign, 3, RG_ARGS(RG_T_OBJ, RG_T_OBJ, RG_T_OBJ), RG_T_STR, RG_BI_NONDETERMINISTIC},
    {"io.jwt.encode_sign_raw", bi_encode_sign_raw, 3, RG_ARGS(RG_T_STR, RG_T_STR, RG_T_STR), RG_T_STR,
     RG_BI_NONDETERMINISTIC},
    {0},
};
