/* Builtins: encoding family — base64, base64url, hex, urlquery and YAML, plus
 * the table entries of the JSON builtins (implemented in json_builtins.c).
 *
 * OPA implements these with Go's standard library, so the decoders follow
 * Go's rules and error texts (base64: newlines skipped, padding required,
 * "illegal base64 data at input byte N"; hex: "encoding/hex: invalid byte:
 * U+0067 'g'"; net/url query escaping). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "builtins/encoding_internal.h"
#include "builtins/families.h"
#include "read/read.h"
#include "rego/bi_ctx.h"

/* ---------------------------------------------------------------------------
 * Shared helpers (declared in encoding_internal.h)
 * ------------------------------------------------------------------------- */

int rg_enc_operand_error(rg_bi_ctx *ctx, int argn, const char *fmt, ...) {
    rg_bi_ctx_clear_error(ctx);
    ctx->err_code = "eval_type_error";
    rg_buf_printf(&ctx->err, "%s: operand %d ", rg_bi_name(ctx), argn);
    va_list ap;
    va_start(ap, fmt);
    rg_buf_vprintf(&ctx->err, fmt, ap);
    va_end(ap);
    return RG_BI_ERROR;
}

size_t rg_enc_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp, bool *valid) {
    unsigned c = s[0];
    size_t n;
    uint32_t v, min;
    *valid = true;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) n = 2, v = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, v = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, v = c & 0x07, min = 0x10000;
    else goto bad;
    if (len < n) goto bad;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) goto bad;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) goto bad;
    *cp = v;
    return n;
bad:
    *valid = false;
    *cp = 0xFFFD;
    return 1;
}

void rg_enc_utf8_put(rg_buf *out, uint32_t cp) {
    char b[4];
    size_t n;
    if (cp < 0x80) b[0] = (char)cp, n = 1;
    else if (cp < 0x800) b[0] = (char)(0xC0 | (cp >> 6)), b[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    else if (cp < 0x10000)
        b[0] = (char)(0xE0 | (cp >> 12)), b[1] = (char)(0x80 | ((cp >> 6) & 0x3F)), b[2] = (char)(0x80 | (cp & 0x3F)),
        n = 3;
    else
        b[0] = (char)(0xF0 | (cp >> 18)), b[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), b[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
    rg_buf_append(out, b, n);
}

void rg_enc_go_quote(rg_buf *out, const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    rg_buf_putc(out, '"');
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        bool ok;
        size_t w = rg_enc_utf8_decode(p + i, len - i, &cp, &ok);
        const char *esc = NULL;
        switch (cp) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\a': esc = "\\a"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\v': esc = "\\v"; break;
        default: break;
        }
        if (esc) rg_buf_puts(out, esc);
        else if (!ok || cp < 0x20 || cp == 0x7F) rg_buf_printf(out, "\\x%02x", p[i]);
        else if (cp >= 0x80 && cp < 0xA0) rg_buf_printf(out, "\\u%04x", (unsigned)cp);
        else rg_buf_append(out, s + i, w);
        i += w;
    }
    rg_buf_putc(out, '"');
}

/* Returns the string argument i or records a type error. */
static int want_str(rg_bi_ctx *ctx, const rg_value *args, int i) { return rg_bi_want_string(ctx, args, i); }

static rg_value str_from_buf(rg_bi_ctx *ctx, rg_buf *b) {
    rg_value v = rg_string(rg_bi_arena(ctx), b->data ? b->data : "", b->len);
    rg_buf_fini(b);
    return v;
}

/* ---------------------------------------------------------------------------
 * base64 / base64url
 * ------------------------------------------------------------------------- */

static const char b64_std[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b64_url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static void b64_encode(rg_buf *out, const unsigned char *s, size_t n, const char *alpha, bool pad) {
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
    char q[4] = {alpha[v >> 18], alpha[(v >> 12) & 63], rest == 2 ? alpha[(v >> 6) & 63] : '=', '='};
    size_t keep = pad ? 4 : rest + 1;
    rg_buf_append(out, q, keep);
}

int rg_enc_b64_value(unsigned char c, bool url) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == (url ? '-' : '+')) return 62;
    if (c == (url ? '_' : '/')) return 63;
    return -1;
}

static size_t skip_newlines(const unsigned char *s, size_t n, size_t i) {
    while (i < n && (s[i] == '\n' || s[i] == '\r')) i++;
    return i;
}

/* Handles a '=' met at quantum position j (src[si-1] was the '=').
 * Returns -1 when the padding is fine (and *si moved past it), else the
 * offset Go reports. */
static long b64_padding(const unsigned char *s, size_t n, size_t *si, int j, bool *trailing) {
    if (j < 2) return (long)*si - 1;
    if (j == 2) {
        *si = skip_newlines(s, n, *si);
        if (*si == n) return (long)n;
        if (s[*si] != '=') return (long)*si - 1;
        (*si)++;
    }
    *si = skip_newlines(s, n, *si);
    *trailing = *si < n;
    return -1;
}

long rg_enc_b64_decode(rg_buf *out, const unsigned char *s, size_t n, bool url) {
    size_t si = 0;
    for (;;) {
        int dbuf[4] = {0, 0, 0, 0}, dlen = 4;
        bool trailing = false;
        for (int j = 0; j < 4; j++) {
            if (si == n) {
                if (j == 0) return -1;
                return (long)(si - (size_t)j);
            }
            unsigned char c = s[si++];
            int v = rg_enc_b64_value(c, url);
            if (v >= 0) {
                dbuf[j] = v;
                continue;
            }
            if (c == '\n' || c == '\r') {
                j--;
                continue;
            }
            if (c != '=') return (long)si - 1;
            long e = b64_padding(s, n, &si, j, &trailing);
            if (e >= 0) return e;
            dlen = j;
            break;
        }
        uint32_t val = (uint32_t)dbuf[0] << 18 | (uint32_t)dbuf[1] << 12 | (uint32_t)dbuf[2] << 6 | (uint32_t)dbuf[3];
        char b[3] = {(char)(val >> 16), (char)(val >> 8), (char)val};
        rg_buf_append(out, b, (size_t)(dlen - 1));
        if (trailing) return (long)si;
        if (dlen < 4) return -1;
    }
}

static int bi_base64_encode(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_str(ctx, args, 0)) return RG_BI_ERROR;
    rg_buf b = RG_BUF_INIT;
    b64_encode(&b, (const unsigned char *)args[0].u.s, args[0].len, b64_std, true);
    *out = str_from_buf(ctx, &b);
    return RG_BI_OK;
}

static int bi_base64url_encode(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_str(ctx, args, 0)) return RG_BI_ERROR;
    rg_buf b = RG_BUF_INIT;
    b64_encode(&b, (const unsigned char *)args[0].u.s, args[0].len, b64_url, true);
    *out = str_from_buf(ctx, &b);
    return RG_BI_OK;
}

static int bi_base64url_encode_no_pad(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_str(ctx, args, 0)) return RG_BI_ERROR;
    rg_buf b = RG_BUF_INIT;
    b64_encode(&b, (const unsigned char *)args[0].u.s, args[0].len, b64_url, false);
    *out = str_from_buf(ctx, &b);
    return RG_BI_OK;
}

static int bi_base64_decode(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_str(ctx, args, 0)) return RG_BI_ERROR;
    rg_buf b = RG_BUF_INIT;
    long e = rg_enc_b64_decode(&b, (const unsigned char *)args[0].u.s, args[0].len, false);
    if (e >= 0) {
        rg_buf_fini(&b);
        return rg_bi_error(ctx, "illegal base64 data at input byte %ld", e);
    }
    *out = str_from_buf(ctx, &b);
    return RG_BI_OK;
}

static int bi_base64_is_valid(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    /* OPA answers false (not a type error) for non-strings. */
    if (args[0].kind != RG_STRING) {
        *out = rg_bool(false);
        return RG_BI_OK;
    }
    rg_buf b = RG_BUF_INIT;
    long e = rg_enc_b64_decode(&b, (const unsigned char *)args[0].u.s, args[0].len, false);
    rg_buf_fini(&b);
    *out = rg_bool(e < 0);
    return RG_BI_OK;
}

static int bi_base64url_decode(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_str(ctx, args, 0)) return RG_BI_ERROR;
    const char *s = args[0].u.s;
    size_t n = args[0].len;
    /* Restore omitted padding (RFC 7515 appendix C), as OPA does. */
    rg_buf in = RG_BUF_INIT;
    rg_buf_append(&in, s, n);
    if (n == 0 || s[n - 1] != '=') {
        switch (n % 4) {
        case 2: rg_buf_puts(&in, "=="); break;
        case 3: rg_buf_puts(&in, "="); break;
        case 1: {
            int rc = rg_bi_error(ctx, "illegal base64url string: %s", rg_buf_cstr(&in));
            rg_buf_fini(&in);
            return rc;
        }
        default: break;
        }
    }
    rg_buf b = RG_BUF_INIT;
    long e = rg_enc_b64_decode(&b, (const unsigned char *)rg_buf_cstr(&in), in.len, true);
    rg_buf_fini(&in);
    if (e >= 0) {
        rg_buf_fini(&b);
        return rg_bi_error(ctx, "illegal base64 data at input byte %ld", e);
    }
    *out = str_from_buf(ctx, &b);
    return RG_BI_OK;
}

/* ---------------------------------------------------------------------------
 * hex
 * ------------------------------------------------------------------------- */

static int hex_digit(unsigned char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int bi_hex_encode(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    static const char digits[] = "0123456789abcdef";
    if (want_str(ctx, args, 0)) return RG_BI_ERROR;
    rg_buf b = RG_BUF_INIT;
    rg_buf_reserve(&b, args[0].len * 2 + 1);
    for (size_t i = 0; i < args[0].len; i++) {
        unsigned char c = (unsigned char)args[0].u.s[i];
        rg_buf_putc(&b, digits[c >> 4]);
        rg_buf_putc(&b, digits[c & 15]);
    }
    *out = str_from_buf(ctx, &b);
    return RG_BI_OK;
}

/* Go's InvalidByteError text: "%#U" of the byte taken as a code point. */
static int hex_invalid_byte(rg_bi_ctx *ctx, unsigned char c) {
    bool printable = (c >= 0x20 && c < 0x7F) || (c >= 0xA1 && c != 0xAD);
    if (!printable) return rg_bi_error(ctx, "encoding/hex: invalid byte: U+%04X", c);
    rg_buf ch = RG_BUF_INIT;
    rg_enc_utf8_put(&ch, c);
    int rc = rg_bi_error(ctx, "encoding/hex: invalid byte: U+%04X '%s'", c, rg_buf_cstr(&ch));
    rg_buf_fini(&ch);
    return rc;
}

static int bi_hex_decode(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_str(ctx, args, 0)) return RG_BI_ERROR;
    const unsigned char *s = (const unsigned char *)args[0].u.s;
    size_t n = args[0].len;
    rg_buf b = RG_BUF_INIT;
    size_t i = 0;
    for (; i + 1 < n; i += 2) {
        int hi = hex_digit(s[i]), lo = hex_digit(s[i + 1]);
        if (hi < 0 || lo < 0) {
            rg_buf_fini(&b);
            return hex_invalid_byte(ctx, hi < 0 ? s[i] : s[i + 1]);
        }
        rg_buf_putc(&b, (char)(hi << 4 | lo));
    }
    if (n % 2) {
        rg_buf_fini(&b);
        /* Go reports a bad final character before the odd length. */
        if (hex_digit(s[n - 1]) < 0) return hex_invalid_byte(ctx, s[n - 1]);
        return rg_bi_error(ctx, "encoding/hex: odd length hex string");
    }
    *out = str_from_buf(ctx, &b);
    return RG_BI_OK;
}

/* ---------------------------------------------------------------------------
 * urlquery (Go net/url query-component escaping)
 * ------------------------------------------------------------------------- */

static void query_escape(rg_buf *out, const char *s, size_t n) {
    static const char hexu[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.' || c == '~';
        if (keep) rg_buf_putc(out, (char)c);
        else if (c == ' ') rg_buf_putc(out, '+');
        else {
            char e[3] = {'%', hexu[c >> 4], hexu[c & 15]};
            rg_buf_append(out, e, 3);
        }
    }
}

/* Go's url.QueryUnescape.  Returns 0, or -1 with the Go error text in err. */
static int query_unescape(rg_buf *out, const char *s, size_t n, rg_buf *err) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            if (i + 2 >= n || hex_digit((unsigned char)s[i + 1]) < 0 || hex_digit((unsigned char)s[i + 2]) < 0) {
                rg_buf_puts(err, "invalid URL escape ");
                rg_enc_go_quote(err, s + i, n - i > 3 ? 3 : n - i);
                return -1;
            }
            int hi = hex_digit((unsigned char)s[i + 1]), lo = hex_digit((unsigned char)s[i + 2]);
            rg_buf_putc(out, (char)(hi << 4 | lo));
            i += 2;
        } else {
            rg_buf_putc(out, c == '+' ? ' ' : (char)c);
        }
    }
    return 0;
}

static int bi_urlquery_encode(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_str(ctx, args, 0)) return RG_BI_ERROR;
    rg_buf b = RG_BUF_INIT;
    query_escape(&b, args[0].u.s, args[0].len);
    *out = str_from_buf(ctx, &b);
    return RG_BI_OK;
}

static int bi_urlquery_decode(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_str(ctx, args, 0)) return RG_BI_ERROR;
    rg_buf b = RG_BUF_INIT, err = RG_BUF_INIT;
    if (query_unescape(&b, args[0].u.s, args[0].len, &err)) {
        int rc = rg_bi_error(ctx, "%s", rg_buf_cstr(&err));
        rg_buf_fini(&b);
        rg_buf_fini(&err);
        return rc;
    }
    *out = str_from_buf(ctx, &b);
    return RG_BI_OK;
}

/* One key of urlquery.encode_object: its query text and its values. */
typedef struct qkey {
    char *key; /* malloc'd */
    size_t len;
    rg_value val;
} qkey;

static int qkey_cmp(const void *a, const void *b) {
    const qkey *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->key, y->key, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Values must be a string or an array/set of strings. */
static bool encode_values(rg_buf *b, const qkey *k, bool *first) {
    const rg_value *items = &k->val;
    size_t n = 1;
    if (k->val.kind == RG_ARRAY || k->val.kind == RG_SET) items = k->val.u.items, n = k->val.len;
    else if (k->val.kind != RG_STRING) return false;
    for (size_t i = 0; i < n; i++)
        if (items[i].kind != RG_STRING) return false;
    for (size_t i = 0; i < n; i++) {
        if (!*first) rg_buf_putc(b, '&');
        *first = false;
        query_escape(b, k->key, k->len);
        rg_buf_putc(b, '=');
        query_escape(b, items[i].u.s, items[i].len);
    }
    return true;
}

static int bi_urlquery_encode_object(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_kind(ctx, args, 0, RG_T_OBJ)) return RG_BI_ERROR;
    rg_value obj = args[0];
    qkey *keys = rg_xcalloc(obj.len ? obj.len : 1, sizeof *keys);
    for (size_t i = 0; i < obj.len; i++) {
        rg_value k = rg_obj_key(obj, i);
        rg_buf kb = RG_BUF_INIT;
        if (k.kind == RG_STRING) rg_buf_append(&kb, k.u.s, k.len);
        else rg_enc_json_write_go(&kb, k); /* OPA stringifies other keys as JSON */
        keys[i].len = kb.len;
        keys[i].key = kb.data ? rg_buf_detach(&kb) : rg_xstrdup("");
        keys[i].val = rg_obj_val(obj, i);
    }
    qsort(keys, obj.len, sizeof *keys, qkey_cmp);
    rg_buf b = RG_BUF_INIT;
    bool first = true, ok = true;
    for (size_t i = 0; i < obj.len && ok; i++) {
        /* Keys colliding after stringification: the later one wins, as with a Go map. */
        if (i + 1 < obj.len && qkey_cmp(&keys[i], &keys[i + 1]) == 0) continue;
        ok = encode_values(&b, &keys[i], &first);
    }
    for (size_t i = 0; i < obj.len; i++) free(keys[i].key);
    free(keys);
    if (!ok) {
        rg_buf_fini(&b);
        return rg_enc_operand_error(ctx, 1, "values must be string, array[string], or set[string]");
    }
    *out = str_from_buf(ctx, &b);
    return RG_BI_OK;
}

/* Adds value v under key k (both unescaped) to the pairs vector, appending
 * to an existing key's array. */
static void query_add(rg_arena *a, rg_vec *pairs, rg_value k, rg_value v) {
    for (size_t i = 0; i < pairs->len; i += 2) {
        if (!rg_value_equal(pairs->items[i], k)) continue;
        rg_value old = pairs->items[i + 1];
        rg_value *items = rg_arena_alloc(a, (old.len + 1) * sizeof *items);
        memcpy(items, old.u.items, old.len * sizeof *items);
        items[old.len] = v;
        pairs->items[i + 1] = rg_array_take(items, old.len + 1);
        return;
    }
    rg_vec_push(pairs, k);
    rg_vec_push(pairs, rg_array(a, &v, 1));
}

/* Parses one "key=value" part of a query like Go's url.ParseQuery.
 * Returns 0 (added or skipped) or -1 with err set (the part is skipped). */
static int query_part(rg_arena *a, rg_vec *pairs, const char *p, size_t n, rg_buf *err) {
    if (memchr(p, ';', n)) {
        if (!err->len) rg_buf_puts(err, "invalid semicolon separator in query");
        return -1;
    }
    if (n == 0) return 0;
    const char *eq = memchr(p, '=', n);
    size_t kl = eq ? (size_t)(eq - p) : n;
    rg_buf kb = RG_BUF_INIT, vb = RG_BUF_INIT, e = RG_BUF_INIT;
    int rc = query_unescape(&kb, p, kl, &e);
    if (!rc && eq) rc = query_unescape(&vb, eq + 1, n - kl - 1, &e);
    if (rc) {
        if (!err->len) rg_buf_append(err, e.data, e.len);
    } else {
        query_add(a, pairs, rg_string(a, kb.data ? kb.data : "", kb.len), rg_string(a, vb.data ? vb.data : "", vb.len));
    }
    rg_buf_fini(&kb);
    rg_buf_fini(&vb);
    rg_buf_fini(&e);
    return rc;
}

static int bi_urlquery_decode_object(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_str(ctx, args, 0)) return RG_BI_ERROR;
    rg_arena *a = rg_bi_arena(ctx);
    const char *s = args[0].u.s, *end = s + args[0].len;
    rg_vec pairs = RG_VEC_INIT;
    rg_buf err = RG_BUF_INIT;
    while (s < end) {
        const char *amp = memchr(s, '&', (size_t)(end - s));
        const char *stop = amp ? amp : end;
        query_part(a, &pairs, s, (size_t)(stop - s), &err);
        s = amp ? amp + 1 : end;
    }
    int rc = RG_BI_OK;
    if (err.len) rc = rg_bi_error(ctx, "%s", rg_buf_cstr(&err));
    else *out = rg_vec_to_object(a, &pairs);
    rg_vec_fini(&pairs);
    rg_buf_fini(&err);
    return rc;
}

/* ---------------------------------------------------------------------------
 * YAML
 * ------------------------------------------------------------------------- */

/* Checks the syntax of every document of a YAML stream (rg_yaml_parse reads
 * only the first, but OPA rejects a stream with any malformed document).
 * On failure writes a go-yaml style message into err. */
static bool yaml_stream_ok(const char *s, size_t n, rg_buf *err) {
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) rg_oom();
    yaml_parser_set_input_string(&p, (const unsigned char *)s, n);
    bool ok = true;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            ok = false;
            rg_buf_printf(err, "yaml: line %lu: %s", (unsigned long)p.problem_mark.line + 1,
                          p.problem ? p.problem : "invalid YAML");
            break;
        }
        bool done = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
        if (done) break;
    }
    yaml_parser_delete(&p);
    return ok;
}

/* Parses the first document; returns 0 or -1 with a message in err. */
static int yaml_load(rg_arena *a, const char *s, size_t n, rg_value *out, rg_buf *err) {
    if (!yaml_stream_ok(s, n, err)) return -1;
    rg_diags d = RG_DIAGS_INIT;
    int rc = rg_yaml_parse(a, NULL, s, n, 0, NULL, out, &d);
    if (rc) {
        if (d.len) rg_buf_puts(err, d.items[0].msg);
        else rg_buf_puts(err, "invalid YAML");
    }
    rg_diags_fini(&d);
    return rc ? -1 : 0;
}

static int bi_yaml_marshal(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    rg_buf b = RG_BUF_INIT;
    rg_yaml_write(&b, args[0]);
    *out = str_from_buf(ctx, &b);
    return RG_BI_OK;
}

static int bi_yaml_unmarshal(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_str(ctx, args, 0)) return RG_BI_ERROR;
    rg_buf err = RG_BUF_INIT;
    int rc = RG_BI_OK;
    if (yaml_load(rg_bi_arena(ctx), args[0].u.s, args[0].len, out, &err))
        rc = rg_bi_error(ctx, "%s", rg_buf_cstr(&err));
    rg_buf_fini(&err);
    return rc;
}

static int bi_yaml_is_valid(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (args[0].kind != RG_STRING) {
        *out = rg_bool(false);
        return RG_BI_OK;
    }
    /* Parse into a scratch arena: only validity is wanted. */
    rg_arena scratch;
    rg_arena_init(&scratch);
    rg_buf err = RG_BUF_INIT;
    rg_value v;
    *out = rg_bool(yaml_load(&scratch, args[0].u.s, args[0].len, &v, &err) == 0);
    rg_buf_fini(&err);
    rg_arena_fini(&scratch);
    return RG_BI_OK;
}

/* ---------------------------------------------------------------------------
 * Table
 * ------------------------------------------------------------------------- */

#define S RG_T_STR
#define STR1(name, fn) {name, fn, 1, RG_ARGS(S), S, 0}
#define BOOL1(name, fn) {name, fn, 1, RG_ARGS(S), RG_T_BOOL, 0}

const rg_builtin_def rg_builtins_encoding[] = {
    STR1("base64.encode", bi_base64_encode),
    STR1("base64.decode", bi_base64_decode),
    BOOL1("base64.is_valid", bi_base64_is_valid),
    STR1("base64url.encode", bi_base64url_encode),
    STR1("base64url.encode_no_pad", bi_base64url_encode_no_pad),
    STR1("base64url.decode", bi_base64url_decode),
    STR1("hex.encode", bi_hex_encode),
    STR1("hex.decode", bi_hex_decode),
    STR1("urlquery.encode", bi_urlquery_encode),
    STR1("urlquery.decode", bi_urlquery_decode),
    {"urlquery.encode_object", bi_urlquery_encode_object, 1, RG_ARGS(RG_T_OBJ), S, 0},
    {"urlquery.decode_object", bi_urlquery_decode_object, 1, RG_ARGS(S), RG_T_OBJ, 0},
    {"json.marshal", rg_bi_json_marshal, 1, RG_ARGS(RG_T_ANY), S, 0},
    {"json.marshal_with_options", rg_bi_json_marshal_with_options, 2, RG_ARGS(RG_T_ANY, RG_T_OBJ), S, 0},
    {"json.unmarshal", rg_bi_json_unmarshal, 1, RG_ARGS(S), RG_T_ANY, 0},
    BOOL1("json.is_valid", rg_bi_json_is_valid),
    {"json.filter", rg_bi_json_filter, 2, RG_ARGS(RG_T_OBJ, RG_T_ARR | RG_T_SET), RG_T_ANY, 0},
    {"json.remove", rg_bi_json_remove, 2, RG_ARGS(RG_T_OBJ, RG_T_ARR | RG_T_SET), RG_T_ANY, 0},
    {"json.patch", rg_bi_json_patch, 2, RG_ARGS(RG_T_ANY, RG_T_ARR), RG_T_ANY, 0},
    {"yaml.marshal", bi_yaml_marshal, 1, RG_ARGS(RG_T_ANY), S, 0},
    {"yaml.unmarshal", bi_yaml_unmarshal, 1, RG_ARGS(S), RG_T_ANY, 0},
    BOOL1("yaml.is_valid", bi_yaml_is_valid),
    {0},
};
