/* Builtins: crypto.x509.* -- certificates, certificate requests, key pairs
 * and RSA private keys, returned in the shapes OPA produces by marshalling
 * Go's crypto/x509 and crypto/tls structures to JSON (field names, integer
 * enums, base64 byte strings, RFC 3339 times, null for empty slices).
 *
 * DER is read by a small strict reader modelled on the rules Go's parser
 * applies (definite minimal lengths, minimal integers), so the same inputs
 * are accepted and rejected with Go's messages; OpenSSL does the
 * arithmetic (EC public points) and chain verification (X509_STORE). */
#include <gmp.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "builtins/encoding_internal.h"
#include "builtins/families.h"

#define MAX_CERTS 4096 /* certificates in one input */

/* ------------------------------------------------------------------------
 * base64 (Go's StdEncoding: padded, CR/LF ignored) and PEM (Go's pem.Decode)
 * ---------------------------------------------------------------------- */

/* Decodes s into out (encoding.c's Go-compatible decoder); returns -1 with
 * Go's offset in *bad on error. */
static int b64_decode(const char *s, size_t n, rg_buf *out, size_t *bad) {
    long e = rg_enc_b64_decode(out, (const unsigned char *)s, n, false);
    if (e < 0) return 0;
    *bad = (size_t)e;
    return -1;
}

/* Go's base64.StdEncoding.DecodeString with its error text. */
static int b64_decode_err(const char *s, size_t n, rg_buf *out, rg_buf *err) {
    size_t bad;
    if (b64_decode(s, n, out, &bad) == 0) return 0;
    rg_buf_printf(err, "illegal base64 data at input byte %zu", bad);
    return -1;
}

typedef struct pem_block {
    char *type;  /* malloc'd */
    rg_buf bytes;
} pem_block;

static void pem_fini(pem_block *b) {
    free(b->type);
    rg_buf_fini(&b->bytes);
    b->type = NULL;
}

static const char *find_mem(const char *h, size_t hn, const char *needle) {
    size_t nn = strlen(needle);
    if (nn > hn) return NULL;
    for (size_t i = 0; i + nn <= hn; i++)
        if (h[i] == needle[0] && memcmp(h + i, needle, nn) == 0) return h + i;
    return NULL;
}

static bool has_prefix(const char *s, size_t n, const char *p) {
    size_t pn = strlen(p);
    return n >= pn && memcmp(s, p, pn) == 0;
}

/* One line without its newline (and trailing blanks); *next after it. */
static size_t get_line(const char *s, size_t n, size_t *next) {
    const char *nl = memchr(s, '\n', n);
    size_t i = nl ? (size_t)(nl - s) : n;
    *next = nl ? i + 1 : n;
    if (nl && i > 0 && s[i - 1] == '\r') i--;
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t')) i--;
    return i;
}

/* Decodes the block body (base64 with blanks removed). */
static bool pem_body(const char *s, size_t n, rg_buf *out) {
    rg_buf clean = RG_BUF_INIT;
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t') rg_buf_putc(&clean, s[i]);
    size_t bad;
    bool ok = b64_decode(clean.data ? clean.data : "", clean.len, out, &bad) == 0;
    rg_buf_fini(&clean);
    return ok;
}

/* Tries the block whose type line starts at s; 1 found, 0 not here.
 * *end_cache remembers the last END line found so that many BEGIN lines
 * before one END line are not rescanned (linear work). */
static int pem_try(const char *s, size_t n, pem_block *b, size_t *used, const char **end_cache) {
    size_t next, tl = get_line(s, n, &next);
    if (tl < 5 || memcmp(s + tl - 5, "-----", 5) != 0) return (*used = next), 0;
    size_t type_len = tl - 5, pos = next;
    bool headers = false;
    for (;;) { /* "Key: value" header lines */
        if (pos >= n) return (*used = n), 0;
        size_t nx, ll = get_line(s + pos, n - pos, &nx);
        if (!memchr(s + pos, ':', ll)) break;
        headers = true;
        pos += nx;
    }
    const char *rest = s + pos;
    size_t rn = n - pos, end_idx, trailer, skip = 1;
    if (!headers && has_prefix(rest, rn, "-----END ")) {
        end_idx = 0;
        trailer = 9;
        skip = 0;
    } else {
        const char *e = *end_cache;
        if (!e || e < rest) {
            e = find_mem(rest, rn, "\n-----END ");
            *end_cache = e ? e : rest + rn; /* none left: remember that too */
        }
        if (e == rest + rn || !e) return (*used = pos), 0;
        end_idx = (size_t)(e - rest);
        trailer = end_idx + 10;
    }
    size_t need = type_len + 5;
    if (rn - trailer < need || memcmp(rest + trailer, s, type_len) != 0 ||
        memcmp(rest + trailer + type_len, "-----", 5) != 0)
        return (*used = pos), 0;
    size_t after, tail = get_line(rest + trailer + need, rn - trailer - need, &after);
    if (tail) return (*used = pos), 0;
    rg_buf_fini(&b->bytes);
    if (!pem_body(rest, end_idx, &b->bytes)) {
        rg_buf_fini(&b->bytes);
        return (*used = pos), 0;
    }
    free(b->type);
    b->type = strndup(s, type_len);
    if (!b->type) rg_oom();
    size_t endl_next;
    get_line(rest + end_idx + skip, rn - end_idx - skip, &endl_next);
    *used = pos + end_idx + skip + endl_next;
    return 1;
}

/* Go's pem.Decode: the next block in s[0..n), or false.  *consumed is how
 * far the input was read. */
static bool pem_next(const char *s, size_t n, pem_block *b, size_t *consumed) {
    size_t pos = 0;
    const char *end_cache = NULL;
    for (;;) {
        const char *start;
        if (has_prefix(s + pos, n - pos, "-----BEGIN ")) {
            start = s + pos + 11;
        } else {
            const char *f = find_mem(s + pos, n - pos, "\n-----BEGIN ");
            if (!f) return false;
            start = f + 12;
        }
        size_t off = (size_t)(start - s), used;
        if (pem_try(start, n - off, b, &used, &end_cache) == 1) {
            *consumed = off + used;
            return true;
        }
        pos = off + used;
        if (pos >= n) return false;
    }
}

/* ------------------------------------------------------------------------
 * DER reading, strict like Go's cryptobyte
 * ---------------------------------------------------------------------- */

enum {
    T_BOOLEAN = 0x01, T_INTEGER = 0x02, T_BITSTRING = 0x03, T_OCTETS = 0x04, T_NULL = 0x05, T_OID = 0x06,
    T_UTF8 = 0x0c, T_NUMERIC = 0x12, T_PRINTABLE = 0x13, T_T61 = 0x14, T_IA5 = 0x16, T_UTCTIME = 0x17,
    T_GENTIME = 0x18, T_BMP = 0x1e, T_SEQ = 0x30, T_SET = 0x31,
};
#define CTX(n) (0x80 | (n))          /* [n] primitive */
#define CTX_CONS(n) (0xa0 | (n))     /* [n] constructed */

typedef struct der {
    const unsigned char *p;
    size_t n;
} der;

static bool der_any(der *s, unsigned *tag, der *body, der *whole) {
    if (s->n < 2 || (s->p[0] & 0x1f) == 0x1f) return false;
    size_t len, hdr = 2;
    unsigned char l0 = s->p[1];
    if (l0 < 0x80) {
        len = l0;
    } else {
        size_t nb = l0 & 0x7f;
        if (nb == 0 || nb > 4 || s->n < 2 + nb || s->p[2] == 0) return false;
        len = 0;
        for (size_t i = 0; i < nb; i++) len = len << 8 | s->p[2 + i];
        if (len < 0x80) return false; /* not minimal */
        hdr += nb;
    }
    if (len > s->n - hdr) return false;
    /* body or whole may alias s: advance first, then store */
    der b = {s->p + hdr, len}, w = {s->p, hdr + len};
    if (tag) *tag = s->p[0];
    s->p += hdr + len;
    s->n -= hdr + len;
    if (body) *body = b;
    if (whole) *whole = w;
    return true;
}

static bool der_peek(const der *s, unsigned tag) { return s->n > 0 && s->p[0] == tag; }

static bool der_read(der *s, unsigned tag, der *body) {
    der save = *s;
    unsigned t;
    if (!der_any(s, &t, body, NULL) || t != tag) {
        *s = save;
        return false;
    }
    return true;
}

static bool der_element(der *s, unsigned tag, der *whole) {
    der save = *s;
    unsigned t;
    if (!der_any(s, &t, NULL, whole) || t != tag) {
        *s = save;
        return false;
    }
    return true;
}

/* An optional element: true when absent or well formed. */
static bool der_optional(der *s, unsigned tag, der *body, bool *present) {
    *present = der_peek(s, tag);
    return !*present || der_read(s, tag, body);
}

/* INTEGER content must be minimal two's complement. */
static bool int_ok(der b) {
    if (b.n == 0) return false;
    if (b.n > 1 && ((b.p[0] == 0 && !(b.p[1] & 0x80)) || (b.p[0] == 0xff && (b.p[1] & 0x80)))) return false;
    return true;
}

static bool der_int64(der *s, unsigned tag, int64_t *out) {
    der b;
    if (!der_read(s, tag, &b) || !int_ok(b) || b.n > 8) return false;
    int64_t v = (b.p[0] & 0x80) ? -1 : 0;
    for (size_t i = 0; i < b.n; i++) v = (int64_t)((uint64_t)v << 8 | b.p[i]);
    *out = v;
    return true;
}

static bool der_bool(der *s, bool *out) {
    der b;
    if (!der_read(s, T_BOOLEAN, &b) || b.n != 1 || (b.p[0] != 0 && b.p[0] != 0xff)) return false;
    *out = b.p[0] != 0;
    return true;
}

/* BIT STRING content without the unused-bits byte (bits right-aligned as
 * Go's RightAlign does when the count is a whole number of bytes). */
static bool der_bits(der *s, der *bits, int *unused) {
    der b;
    if (!der_read(s, T_BITSTRING, &b) || b.n == 0 || b.p[0] > 7 || (b.n == 1 && b.p[0] != 0)) return false;
    if (b.p[0] && (b.p[b.n - 1] & ((1u << b.p[0]) - 1))) return false; /* padding bits must be zero */
    *unused = b.p[0];
    *bits = (der){b.p + 1, b.n - 1};
    return true;
}

#define MAX_ARCS 64

typedef struct oid {
    uint32_t arcs[MAX_ARCS];
    int n;
} oid;

static bool oid_parse(der b, oid *o) {
    o->n = 0;
    if (b.n == 0) return false;
    size_t i = 0;
    while (i < b.n) {
        uint64_t v = 0;
        size_t start = i;
        do {
            if (i >= b.n || (i == start && b.p[i] == 0x80) || v >= (1u << 24)) return false;
            v = v << 7 | (b.p[i] & 0x7f);
        } while (b.p[i++] & 0x80);
        if (o->n + 2 > MAX_ARCS) return false;
        if (o->n == 0) {
            uint32_t first = v < 80 ? (uint32_t)(v / 40) : 2;
            o->arcs[o->n++] = first;
            o->arcs[o->n++] = (uint32_t)(v - 40u * first);
        } else {
            o->arcs[o->n++] = (uint32_t)v;
        }
    }
    return true;
}

static bool der_oid(der *s, oid *o) {
    der b;
    return der_read(s, T_OID, &b) && oid_parse(b, o);
}

/* True when o is the dotted OID text. */
static bool oid_is(const oid *o, const char *dotted) {
    int i = 0;
    const char *p = dotted;
    while (*p) {
        char *end;
        unsigned long v = strtoul(p, &end, 10);
        if (i >= o->n || o->arcs[i] != v) return false;
        i++;
        p = *end == '.' ? end + 1 : end;
    }
    return i == o->n;
}

static void oid_text(rg_buf *b, const oid *o) {
    for (int i = 0; i < o->n; i++) rg_buf_printf(b, "%s%u", i ? "." : "", o->arcs[i]);
}

/* ------------------------------------------------------------------------
 * Building Go-shaped JSON values
 * ---------------------------------------------------------------------- */

typedef struct xp {
    rg_arena *a;
    rg_buf err; /* Go's error text once a parse fails */
} xp;

static int xfail(xp *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int xfail(xp *x, const char *fmt, ...) {
    if (x->err.len) return -1;
    va_list ap;
    va_start(ap, fmt);
    rg_buf_vprintf(&x->err, fmt, ap);
    va_end(ap);
    return -1;
}

typedef struct ob {
    rg_vec v;
} ob;

static void put(ob *o, const char *key, rg_value v) {
    rg_vec_push(&o->v, rg_string_static(key, strlen(key)));
    rg_vec_push(&o->v, v);
}

static rg_value ob_done(rg_arena *a, ob *o) {
    rg_value r = rg_vec_to_object(a, &o->v);
    rg_vec_fini(&o->v);
    return r;
}

/* A Go slice: null when empty. */
static rg_value slice(rg_arena *a, rg_vec *v) {
    rg_value r = v->len ? rg_vec_to_array(a, v) : rg_null();
    rg_vec_fini(v);
    return r;
}

static rg_value b64_value(rg_arena *a, const unsigned char *p, size_t n) {
    static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t out_len = (n + 2) / 3 * 4;
    char *s = rg_arena_alloc(a, out_len + 1);
    size_t j = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) | (i + 2 < n ? p[i + 2] : 0);
        s[j++] = tbl[v >> 18 & 63];
        s[j++] = tbl[v >> 12 & 63];
        s[j++] = i + 1 < n ? tbl[v >> 6 & 63] : '=';
        s[j++] = i + 2 < n ? tbl[v & 63] : '=';
    }
    s[j] = 0;
    return rg_string_static(s, j);
}

static rg_value oid_value(rg_arena *a, const oid *o) {
    rg_value *items = rg_arena_alloc(a, (size_t)(o->n ? o->n : 1) * sizeof *items);
    for (int i = 0; i < o->n; i++) items[i] = rg_int(o->arcs[i]);
    return rg_array_take(items, (size_t)o->n);
}

static rg_value oid_string(rg_arena *a, const oid *o) {
    rg_buf b = RG_BUF_INIT;
    oid_text(&b, o);
    rg_value v = rg_string(a, b.data, b.len);
    rg_buf_fini(&b);
    return v;
}

/* A big-endian two's complement (or unsigned) integer as a number. */
static rg_value bigint_value(rg_arena *a, const unsigned char *p, size_t n, bool is_signed) {
    mpz_t z;
    mpz_init(z);
    if (n) mpz_import(z, n, 1, 1, 1, 0, p);
    if (is_signed && n && (p[0] & 0x80)) {
        mpz_t m;
        mpz_init(m);
        mpz_ui_pow_ui(m, 2, 8 * n);
        mpz_sub(z, z, m);
        mpz_clear(m);
    }
    char *text = mpz_get_str(NULL, 10, z);
    rg_value v = rg_bigint_from_text(a, text, strlen(text));
    void (*freefn)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &freefn);
    freefn(text, strlen(text) + 1);
    mpz_clear(z);
    return v;
}

/* The next INTEGER as a number value. */
static bool der_bigint(der *s, rg_arena *a, rg_value *out) {
    der b;
    if (!der_read(s, T_INTEGER, &b) || !int_ok(b)) return false;
    *out = bigint_value(a, b.p, b.n, true);
    return true;
}

/* ------------------------------------------------------------------------
 * Names (pkix.Name) and times
 * ---------------------------------------------------------------------- */

/* An attribute value as Go's parseASN1String decodes it; false for types
 * Go does not accept. */
static bool asn1_string(rg_buf *out, unsigned tag, der b) {
    switch (tag) {
    case T_T61: /* Latin-1 */
        for (size_t i = 0; i < b.n; i++) rg_enc_utf8_put(out, b.p[i]);
        return true;
    case T_PRINTABLE:
        for (size_t i = 0; i < b.n; i++) {
            unsigned char c = b.p[i];
            bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      strchr(" '()+,-./:=?*&", c) != NULL;
            if (!ok || c == 0) return false;
        }
        break;
    case T_UTF8:
        for (size_t i = 0; i < b.n;) {
            uint32_t cp;
            bool valid;
            i += rg_enc_utf8_decode(b.p + i, b.n - i, &cp, &valid);
            if (!valid) return false;
        }
        break;
    case T_BMP: {
        if (b.n % 2) return false;
        if (b.n >= 2 && b.p[b.n - 2] == 0 && b.p[b.n - 1] == 0) b.n -= 2; /* a trailing NUL */
        for (size_t i = 0; i + 1 < b.n; i += 2) {
            uint32_t cp = (uint32_t)b.p[i] << 8 | b.p[i + 1];
            if (cp >= 0xd800 && cp < 0xdc00 && i + 3 < b.n) {
                uint32_t lo = (uint32_t)b.p[i + 2] << 8 | b.p[i + 3];
                if (lo >= 0xdc00 && lo < 0xe000) {
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                    i += 2;
                }
            }
            rg_enc_utf8_put(out, (cp >= 0xd800 && cp < 0xe000) ? 0xfffd : cp);
        }
        return true;
    }
    case T_IA5:
        for (size_t i = 0; i < b.n; i++)
            if (b.p[i] >= 0x80) return false;
        break;
    case T_NUMERIC:
        for (size_t i = 0; i < b.n; i++)
            if (!(b.p[i] >= '0' && b.p[i] <= '9') && b.p[i] != ' ') return false;
        break;
    default: return false;
    }
    rg_buf_append(out, (const char *)b.p, b.n);
    return true;
}

typedef struct name_fields {
    rg_vec country, org, ou, locality, province, street, postal, names;
    rg_value serial, cn;
} name_fields;

static void name_attr(rg_arena *a, name_fields *f, const oid *t, rg_value v) {
    ob at = {RG_VEC_INIT};
    put(&at, "Type", oid_value(a, t));
    put(&at, "Value", v);
    rg_vec_push(&f->names, ob_done(a, &at));
    if (t->n != 4 || t->arcs[0] != 2 || t->arcs[1] != 5 || t->arcs[2] != 4) return;
    switch (t->arcs[3]) {
    case 3: f->cn = v; break;
    case 5: f->serial = v; break;
    case 6: rg_vec_push(&f->country, v); break;
    case 7: rg_vec_push(&f->locality, v); break;
    case 8: rg_vec_push(&f->province, v); break;
    case 9: rg_vec_push(&f->street, v); break;
    case 10: rg_vec_push(&f->org, v); break;
    case 11: rg_vec_push(&f->ou, v); break;
    case 17: rg_vec_push(&f->postal, v); break;
    default: break;
    }
}

static int parse_rdn_set(xp *x, der set, name_fields *f) {
    while (set.n) {
        der atv, raw;
        oid t;
        unsigned tag;
        if (!der_read(&set, T_SEQ, &atv)) return xfail(x, "x509: invalid RDNSequence: invalid attribute");
        if (!der_oid(&atv, &t)) return xfail(x, "x509: invalid RDNSequence: invalid attribute type");
        if (!der_any(&atv, &tag, &raw, NULL)) return xfail(x, "x509: invalid RDNSequence: invalid attribute value");
        rg_buf s = RG_BUF_INIT;
        bool ok = asn1_string(&s, tag, raw);
        if (ok) name_attr(x->a, f, &t, rg_string(x->a, s.data ? s.data : "", s.len));
        rg_buf_fini(&s);
        if (!ok) return xfail(x, "x509: invalid RDNSequence: invalid attribute value: unsupported string type: %u", tag);
    }
    return 0;
}

/* pkix.Name from a DER Name (a SEQUENCE of SETs). */
static int parse_name(xp *x, der whole, rg_value *out) {
    der seq, set;
    name_fields f;
    memset(&f, 0, sizeof f);
    f.serial = f.cn = rg_string_static("", 0);
    int rc = 0;
    if (!der_read(&whole, T_SEQ, &seq)) rc = xfail(x, "x509: invalid RDNSequence");
    while (rc == 0 && seq.n) {
        if (!der_read(&seq, T_SET, &set)) rc = xfail(x, "x509: invalid RDNSequence");
        else rc = parse_rdn_set(x, set, &f);
    }
    rg_arena *a = x->a;
    ob o = {RG_VEC_INIT};
    put(&o, "Country", slice(a, &f.country));
    put(&o, "Organization", slice(a, &f.org));
    put(&o, "OrganizationalUnit", slice(a, &f.ou));
    put(&o, "Locality", slice(a, &f.locality));
    put(&o, "Province", slice(a, &f.province));
    put(&o, "StreetAddress", slice(a, &f.street));
    put(&o, "PostalCode", slice(a, &f.postal));
    put(&o, "SerialNumber", f.serial);
    put(&o, "CommonName", f.cn);
    put(&o, "Names", slice(a, &f.names));
    put(&o, "ExtraNames", rg_null());
    *out = ob_done(a, &o);
    return rc;
}

static bool two_digits(const unsigned char *p, int *v) {
    if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9') return false;
    *v = (p[0] - '0') * 10 + (p[1] - '0');
    return true;
}

static int64_t days_from_civil(int64_t y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool valid_ymd(int y, int mo, int d, int h, int mi, int s) {
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 || s > 59) return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(mo == 2 && d == 29 && !leap);
}

/* UTCTime (YYMMDDHHMM[SS] then Z or +-hhmm) or canonical GeneralizedTime
 * (YYYYMMDDHHMMSSZ), to seconds since the epoch. */
static bool parse_time(unsigned tag, der b, int64_t *out) {
    const unsigned char *p = b.p;
    size_t n = b.n;
    int y, c, mo, d, h, mi, s = 0, oh = 0, om = 0, sign = 0;
    if (tag == T_GENTIME) {
        if (n != 15 || p[14] != 'Z' || !two_digits(p, &c) || !two_digits(p + 2, &y)) return false;
        y += c * 100;
        p += 4;
        n -= 4;
    } else if (tag == T_UTCTIME) {
        if (n < 11 || !two_digits(p, &y)) return false;
        y += y < 50 ? 2000 : 1900;
        p += 2;
        n -= 2;
    } else {
        return false;
    }
    if (!two_digits(p, &mo) || !two_digits(p + 2, &d) || !two_digits(p + 4, &h) || !two_digits(p + 6, &mi))
        return false;
    p += 8;
    n -= 8;
    if (n >= 2 && p[0] >= '0' && p[0] <= '9') {
        if (!two_digits(p, &s)) return false;
        p += 2;
        n -= 2;
    }
    if (n == 1 && p[0] == 'Z') {
        sign = 0;
    } else if (n == 5 && (p[0] == '+' || p[0] == '-') && two_digits(p + 1, &oh) && two_digits(p + 3, &om)) {
        sign = p[0] == '+' ? 1 : -1;
        if (oh == 0 && om == 0) return false; /* Go writes a zero offset as Z */
    } else {
        return false;
    }
    if (!valid_ymd(y, mo, d, h, mi, s)) return false;
    *out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - sign * (oh * 3600 + om * 60);
    return true;
}

/* time.Time as JSON: RFC 3339 in UTC. */
static rg_value time_value(rg_arena *a, int64_t secs) {
    int64_t days = secs / 86400, rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        days--;
    }
    /* civil_from_days */
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp + (mp < 10 ? 3 : -9);
    char buf[128];
    snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", (long long)(y + (m <= 2)), (long long)m,
             (long long)d, (long long)(rem / 3600), (long long)(rem / 60 % 60), (long long)(rem % 60));
    return rg_cstring(a, buf);
}

/* ------------------------------------------------------------------------
 * Algorithms and public keys
 * ---------------------------------------------------------------------- */

enum { PK_UNKNOWN = 0, PK_RSA = 1, PK_DSA = 2, PK_ECDSA = 3, PK_ED25519 = 4 };

typedef struct alg_id {
    oid alg;
    der params; /* whole element; n == 0 when absent */
} alg_id;

static int parse_ai(xp *x, der seq, alg_id *ai) {
    ai->params = (der){NULL, 0};
    if (!der_oid(&seq, &ai->alg)) return xfail(x, "x509: malformed OID");
    if (seq.n && !der_any(&seq, NULL, NULL, &ai->params)) return xfail(x, "x509: malformed parameters");
    return 0;
}

/* The hash OID of an explicit [n] AlgorithmIdentifier, for PSS. */
static bool pss_hash(der *s, unsigned tag, oid *h) {
    der e, ai;
    return der_read(s, tag, &e) && der_read(&e, T_SEQ, &ai) && der_oid(&ai, h);
}

static int pss_algorithm(der params) {
    der seq, mgf_e, mgf, salt_e;
    oid hash, mgf_oid, mgf_hash;
    int64_t salt = 20;
    if (!der_read(&params, T_SEQ, &seq) || !pss_hash(&seq, CTX_CONS(0), &hash)) return 0;
    if (!der_read(&seq, CTX_CONS(1), &mgf_e) || !der_read(&mgf_e, T_SEQ, &mgf) || !der_oid(&mgf, &mgf_oid) ||
        !oid_is(&mgf_oid, "1.2.840.113549.1.1.8"))
        return 0;
    der mh;
    if (!der_read(&mgf, T_SEQ, &mh) || !der_oid(&mh, &mgf_hash)) return 0;
    if (der_read(&seq, CTX_CONS(2), &salt_e) && !der_int64(&salt_e, T_INTEGER, &salt)) return 0;
    if (mgf_hash.n != hash.n || memcmp(mgf_hash.arcs, hash.arcs, sizeof(uint32_t) * (size_t)hash.n) != 0) return 0;
    if (oid_is(&hash, "2.16.840.1.101.3.4.2.1") && salt == 32) return 13;
    if (oid_is(&hash, "2.16.840.1.101.3.4.2.2") && salt == 48) return 14;
    if (oid_is(&hash, "2.16.840.1.101.3.4.2.3") && salt == 64) return 15;
    return 0;
}

/* Go's x509.SignatureAlgorithm for an AlgorithmIdentifier. */
static int signature_algorithm(const alg_id *ai) {
    static const struct { const char *oid; int alg; } table[] = {
        {"1.2.840.113549.1.1.2", 1},  {"1.2.840.113549.1.1.4", 2},   {"1.2.840.113549.1.1.5", 3},
        {"1.3.14.3.2.29", 3},         {"1.2.840.113549.1.1.11", 4},  {"1.2.840.113549.1.1.12", 5},
        {"1.2.840.113549.1.1.13", 6}, {"1.2.840.10040.4.3", 7},      {"2.16.840.1.101.3.4.3.2", 8},
        {"1.2.840.10045.4.1", 9},     {"1.2.840.10045.4.3.2", 10},   {"1.2.840.10045.4.3.3", 11},
        {"1.2.840.10045.4.3.4", 12},
    };
    if (oid_is(&ai->alg, "1.3.101.112")) return ai->params.n ? 0 : 16;
    if (oid_is(&ai->alg, "1.2.840.113549.1.1.10")) return pss_algorithm(ai->params);
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (oid_is(&ai->alg, table[i].oid)) return table[i].alg;
    return 0;
}

static int public_key_algorithm(const oid *o) {
    if (oid_is(o, "1.2.840.113549.1.1.1")) return PK_RSA;
    if (oid_is(o, "1.2.840.10040.4.1")) return PK_DSA;
    if (oid_is(o, "1.2.840.10045.2.1")) return PK_ECDSA;
    if (oid_is(o, "1.3.101.112")) return PK_ED25519;
    return PK_UNKNOWN;
}

static int curve_nid(const oid *o) {
    if (oid_is(o, "1.3.132.0.33")) return NID_secp224r1;
    if (oid_is(o, "1.2.840.10045.3.1.7")) return NID_X9_62_prime256v1;
    if (oid_is(o, "1.3.132.0.34")) return NID_secp384r1;
    if (oid_is(o, "1.3.132.0.35")) return NID_secp521r1;
    return NID_undef;
}

static size_t curve_bytes(int nid) {
    switch (nid) {
    case NID_secp224r1: return 28;
    case NID_X9_62_prime256v1: return 32;
    case NID_secp384r1: return 48;
    default: return 66;
    }
}

/* Whether an uncompressed point lies on the curve. */
static bool point_on_curve(int nid, const unsigned char *p, size_t n) {
    EC_GROUP *g = EC_GROUP_new_by_curve_name(nid);
    EC_POINT *pt = g ? EC_POINT_new(g) : NULL;
    bool ok = pt && EC_POINT_oct2point(g, pt, p, n, NULL) == 1 && EC_POINT_is_on_curve(g, pt, NULL) == 1;
    EC_POINT_free(pt);
    EC_GROUP_free(g);
    return ok;
}

/* A public key the way Go marshals it, also kept raw for key matching. */
typedef struct pubkey {
    int alg;
    rg_value json;
    der raw; /* RSA modulus, EC point or Ed25519 bytes */
} pubkey;

static int parse_rsa_pub(xp *x, der bits, const alg_id *ai, pubkey *pk) {
    static const unsigned char null_der[] = {0x05, 0x00};
    if (ai->params.n != 2 || memcmp(ai->params.p, null_der, 2) != 0) return xfail(x, "x509: RSA key missing NULL parameters");
    der seq, nb;
    int64_t e;
    if (!der_read(&bits, T_SEQ, &seq)) return xfail(x, "x509: invalid RSA public key");
    if (!der_read(&seq, T_INTEGER, &nb) || !int_ok(nb)) return xfail(x, "x509: invalid RSA modulus");
    if (!der_int64(&seq, T_INTEGER, &e)) return xfail(x, "x509: invalid RSA public exponent");
    if (nb.p[0] & 0x80 || (nb.n == 1 && nb.p[0] == 0)) return xfail(x, "x509: RSA modulus is not a positive number");
    if (e <= 0) return xfail(x, "x509: RSA public exponent is not a positive number");
    ob o = {RG_VEC_INIT};
    put(&o, "N", bigint_value(x->a, nb.p, nb.n, true));
    put(&o, "E", rg_int(e));
    pk->json = ob_done(x->a, &o);
    while (nb.n > 1 && nb.p[0] == 0) nb = (der){nb.p + 1, nb.n - 1};
    pk->raw = nb;
    return 0;
}

static int parse_ec_pub(xp *x, der bits, const alg_id *ai, pubkey *pk) {
    der params = ai->params;
    oid curve;
    if (!der_oid(&params, &curve)) return xfail(x, "x509: invalid ECDSA parameters");
    int nid = curve_nid(&curve);
    if (nid == NID_undef) return xfail(x, "x509: unsupported elliptic curve");
    size_t cb = curve_bytes(nid);
    if (bits.n != 1 + 2 * cb || bits.p[0] != 4 || !point_on_curve(nid, bits.p, bits.n))
        return xfail(x, "x509: failed to unmarshal elliptic curve point");
    ob o = {RG_VEC_INIT};
    put(&o, "Curve", rg_empty_object());
    put(&o, "X", bigint_value(x->a, bits.p + 1, cb, false));
    put(&o, "Y", bigint_value(x->a, bits.p + 1 + cb, cb, false));
    pk->json = ob_done(x->a, &o);
    pk->raw = bits;
    return 0;
}

static int parse_dsa_pub(xp *x, der bits, const alg_id *ai, pubkey *pk) {
    rg_value y, p, q, g;
    if (!der_bigint(&bits, x->a, &y)) return xfail(x, "x509: invalid DSA public key");
    der params = ai->params, seq;
    if (!der_read(&params, T_SEQ, &seq) || !der_bigint(&seq, x->a, &p) || !der_bigint(&seq, x->a, &q) ||
        !der_bigint(&seq, x->a, &g))
        return xfail(x, "x509: invalid DSA parameters");
    rg_value zero = rg_int(0);
    if (rg_num_compare(y, zero) <= 0 || rg_num_compare(p, zero) <= 0 || rg_num_compare(q, zero) <= 0 ||
        rg_num_compare(g, zero) <= 0)
        return xfail(x, "x509: zero or negative DSA parameter");
    ob po = {RG_VEC_INIT}, o = {RG_VEC_INIT};
    put(&po, "P", p);
    put(&po, "Q", q);
    put(&po, "G", g);
    put(&o, "Parameters", ob_done(x->a, &po));
    put(&o, "Y", y);
    pk->json = ob_done(x->a, &o);
    return 0;
}

/* SubjectPublicKeyInfo (the SEQUENCE's content). */
static int parse_spki(xp *x, der spki, pubkey *pk) {
    der ai_seq, bits;
    alg_id ai;
    int unused;
    if (!der_read(&spki, T_SEQ, &ai_seq)) return xfail(x, "x509: malformed public key algorithm identifier");
    if (parse_ai(x, ai_seq, &ai)) return -1;
    pk->alg = public_key_algorithm(&ai.alg);
    pk->json = rg_null();
    pk->raw = (der){NULL, 0};
    if (!der_bits(&spki, &bits, &unused)) return xfail(x, "x509: malformed subjectPublicKey");
    switch (pk->alg) {
    case PK_RSA: return parse_rsa_pub(x, bits, &ai, pk);
    case PK_ECDSA: return parse_ec_pub(x, bits, &ai, pk);
    case PK_DSA: return parse_dsa_pub(x, bits, &ai, pk);
    case PK_ED25519:
        if (ai.params.n) return xfail(x, "x509: Ed25519 key encoded with illegal parameters");
        if (bits.n != 32) return xfail(x, "x509: wrong Ed25519 public key size");
        pk->json = b64_value(x->a, bits.p, bits.n);
        pk->raw = bits;
        return 0;
    default: return 0;
    }
}

/* ------------------------------------------------------------------------
 * Extension helpers: IPs, domains, URLs as Go represents them
 * ---------------------------------------------------------------------- */

/* net.IP.String(): dotted for IPv4 (and IPv4-mapped), RFC 5952 otherwise. */
static void ip_text(rg_buf *b, const unsigned char *ip, size_t n) {
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (n == 16 && memcmp(ip, mapped, 12) == 0) ip += 12, n = 4;
    if (n == 4) {
        rg_buf_printf(b, "%u.%u.%u.%u", ip[0], ip[1], ip[2], ip[3]);
        return;
    }
    unsigned w[8];
    for (int i = 0; i < 8; i++) w[i] = (unsigned)ip[2 * i] << 8 | ip[2 * i + 1];
    int best = -1, best_len = 0;
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && w[j] == 0) j++;
        if (j - i > best_len && j - i >= 2) best = i, best_len = j - i;
        i = j > i ? j : i + 1;
    }
    for (int i = 0; i < 8; i++) {
        if (i == best) {
            rg_buf_puts(b, "::");
            i += best_len - 1;
            continue;
        }
        if (i && i != best + best_len) rg_buf_putc(b, ':');
        rg_buf_printf(b, "%x", w[i]);
    }
}

static rg_value ip_value(rg_arena *a, const unsigned char *ip, size_t n) {
    rg_buf b = RG_BUF_INIT;
    ip_text(&b, ip, n);
    rg_value v = rg_string(a, b.data, b.len);
    rg_buf_fini(&b);
    return v;
}

static bool ia5(der d) {
    for (size_t i = 0; i < d.n; i++)
        if (d.p[i] >= 0x80) return false;
    return true;
}

/* Go's domainToReverseLabels acceptance test. */
static bool domain_ok(const unsigned char *s, size_t n) {
    if (n && s[n - 1] == '.') return false;
    size_t label = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '.') {
            if (n && label == 0) return false;
            label = 0;
        } else if (s[i] < 33 || s[i] > 126) {
            return false;
        } else {
            label++;
        }
    }
    return true;
}

static int hexv(int ch) {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* Percent-decodes s; false on a bad escape. */
static bool unescape(rg_buf *out, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '%') {
            rg_buf_putc(out, s[i]);
            continue;
        }
        if (i + 2 >= n || hexv(s[i + 1]) < 0 || hexv(s[i + 2]) < 0) return false;
        rg_buf_putc(out, (char)(hexv(s[i + 1]) * 16 + hexv(s[i + 2])));
        i += 2;
    }
    return true;
}

/* Go keeps RawPath/RawFragment only when they differ from what escaping
 * the decoded text gives back; for the URIs certificates carry (already in
 * canonical form) this is when the text has escapes Go would not write. */
static bool needs_raw(const char *s, size_t n, const char *keep) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            int v = hexv(s[i + 1]) * 16 + hexv(s[i + 2]);
            bool plain = (v >= 'a' && v <= 'z') || (v >= 'A' && v <= 'Z') || (v >= '0' && v <= '9') ||
                         (v && strchr("-_.~", v)) || (v && strchr(keep, v));
            if (plain) return true;
            i += 2;
        }
    }
    return false;
}

typedef struct url_json {
    rg_value scheme, opaque, user, host, path, raw_path, query, fragment, raw_fragment;
    bool omit_host, force_query;
} url_json;

static int url_authority(const char *s, size_t n, url_json *u, rg_arena *a, rg_buf *err) {
    const char *at = NULL;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '@') at = s + i;
    if (at) {
        u->user = rg_empty_object(); /* *url.Userinfo has no exported fields */
        n -= (size_t)(at + 1 - s);
        s = at + 1;
    }
    rg_buf h = RG_BUF_INIT;
    const char *colon = NULL;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ':') colon = s + i;
    if (s[0] == '[' || !n) colon = NULL;
    for (const char *p = colon ? colon + 1 : s + n; colon && p < s + n; p++)
        if (*p < '0' || *p > '9') {
            rg_buf_printf(err, "invalid port \"%.*s\" after host", (int)(s + n - colon), colon);
            rg_buf_fini(&h);
            return -1;
        }
    if (!unescape(&h, s, n)) {
        rg_buf_fini(&h);
        rg_buf_puts(err, "invalid URL escape");
        return -1;
    }
    u->host = rg_string(a, h.data ? h.data : "", h.len);
    rg_buf_fini(&h);
    return 0;
}

static rg_value url_value(rg_arena *a, const url_json *u);

/* Takes a leading "scheme:" off *s (lower-cased into u); -1 for ":..." */
static int url_scheme(rg_arena *a, const char **s, size_t *n, url_json *u) {
    const char *p = *s;
    size_t i = 0;
    if (*n && p[0] == ':') return -1;
    if (!*n || !isalpha((unsigned char)p[0])) return 0;
    while (i < *n && (isalnum((unsigned char)p[i]) || p[i] == '+' || p[i] == '-' || p[i] == '.')) i++;
    if (i == *n || p[i] != ':') return 0;
    char *lower = rg_arena_strndup(a, p, i);
    for (size_t k = 0; k < i; k++) lower[k] = (char)tolower((unsigned char)lower[k]);
    u->scheme = rg_string_static(lower, i);
    *s += i + 1;
    *n -= i + 1;
    return 0;
}

/* url.Parse for the URI SANs of a certificate; the url.URL as JSON. */
static int url_parse(rg_arena *a, const char *s, size_t n, rg_value *out, rg_buf *err) {
    url_json u;
    rg_value empty = rg_string_static("", 0);
    u.scheme = u.opaque = u.host = u.path = u.raw_path = u.query = u.fragment = u.raw_fragment = empty;
    u.user = rg_null();
    u.omit_host = u.force_query = false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) return rg_buf_puts(err, "net/url: invalid control character in URL"), -1;
    rg_buf t = RG_BUF_INIT;
    const char *hash = memchr(s, '#', n);
    if (hash) {
        size_t fl = (size_t)(s + n - hash - 1);
        if (!unescape(&t, hash + 1, fl)) return rg_buf_fini(&t), rg_buf_puts(err, "invalid URL escape"), -1;
        u.fragment = rg_string(a, t.data ? t.data : "", t.len);
        if (needs_raw(hash + 1, fl, "!$&'()*+,;=:@/?")) u.raw_fragment = rg_string(a, hash + 1, fl);
        n = (size_t)(hash - s);
        t.len = 0;
    }
    if (url_scheme(a, &s, &n, &u)) {
        rg_buf_fini(&t);
        return rg_buf_puts(err, "missing protocol scheme"), -1;
    }
    const char *q = memchr(s, '?', n);
    if (q) {
        if (q + 1 == s + n) u.force_query = true;
        else u.query = rg_string(a, q + 1, (size_t)(s + n - q - 1));
        n = (size_t)(q - s);
    }
    bool has_scheme = u.scheme.len > 0;
    if (has_scheme && n && s[0] != '/') {
        u.opaque = rg_string(a, s, n);
    } else {
        if (n >= 2 && s[0] == '/' && s[1] == '/' && (has_scheme || n < 3 || s[2] != '/')) {
            const char *slash = memchr(s + 2, '/', n - 2);
            size_t alen = slash ? (size_t)(slash - s - 2) : n - 2;
            if (url_authority(s + 2, alen, &u, a, err)) return rg_buf_fini(&t), -1;
            s += 2 + alen;
            n -= 2 + alen;
        } else if (has_scheme && n && s[0] == '/') {
            u.omit_host = true;
        }
        if (!unescape(&t, s, n)) return rg_buf_fini(&t), rg_buf_puts(err, "invalid URL escape"), -1;
        u.path = rg_string(a, t.data ? t.data : "", t.len);
        if (needs_raw(s, n, "$&+,/:;=@")) u.raw_path = rg_string(a, s, n);
    }
    rg_buf_fini(&t);
    *out = url_value(a, &u);
    return 0;
}

/* The url.URL struct as encoding/json writes it. */
static rg_value url_value(rg_arena *a, const url_json *u) {
    ob o = {RG_VEC_INIT};
    put(&o, "Scheme", u->scheme);
    put(&o, "Opaque", u->opaque);
    put(&o, "User", u->user);
    put(&o, "Host", u->host);
    put(&o, "Path", u->path);
    put(&o, "RawPath", u->raw_path);
    put(&o, "OmitHost", rg_bool(u->omit_host));
    put(&o, "ForceQuery", rg_bool(u->force_query));
    put(&o, "RawQuery", u->query);
    put(&o, "Fragment", u->fragment);
    put(&o, "RawFragment", u->raw_fragment);
    return ob_done(a, &o);
}

/* ------------------------------------------------------------------------
 * Certificate extensions (Go's processExtensions)
 * ---------------------------------------------------------------------- */

typedef struct sans {
    rg_vec dns, email, ip, uri, uri_text;
} sans;

typedef struct cert_fields {
    rg_vec exts, unhandled;
    int key_usage;
    rg_vec eku, unknown_eku;
    bool bc_valid, is_ca, max_path_zero, nc_critical;
    int64_t max_path;
    rg_value skid, akid;
    rg_vec ocsp, issuing, crldp, policy_ids, policies, mappings;
    sans san;
    rg_vec nc[8]; /* permitted/excluded: dns, ip, email, uri */
    int64_t inhibit_any, inhibit_mapping, require_explicit;
} cert_fields;

static int parse_san(xp *x, der v, sans *s) {
    der seq, name;
    unsigned tag;
    if (!der_read(&v, T_SEQ, &seq)) return xfail(x, "x509: invalid subject alternative names");
    while (seq.n) {
        if (!der_any(&seq, &tag, &name, NULL)) return xfail(x, "x509: invalid subject alternative name");
        rg_value str = rg_string(x->a, (const char *)name.p, name.n);
        switch (tag ^ 0x80) {
        case 1:
            if (!ia5(name)) return xfail(x, "x509: SAN rfc822Name is malformed");
            rg_vec_push(&s->email, str);
            break;
        case 2:
            if (!ia5(name)) return xfail(x, "x509: SAN dNSName is malformed");
            rg_vec_push(&s->dns, str);
            break;
        case 6: {
            if (!ia5(name)) return xfail(x, "x509: SAN uniformResourceIdentifier is malformed");
            rg_value u;
            rg_buf e = RG_BUF_INIT;
            int rc = url_parse(x->a, (const char *)name.p, name.n, &u, &e);
            if (rc == 0) {
                rg_value host = rg_object_get_str(u, "Host");
                if (host.len && !domain_ok((const unsigned char *)host.u.s, host.len)) {
                    rg_buf_puts(&e, "invalid domain");
                    rc = -1;
                }
            }
            if (rc) {
                xfail(x, "x509: cannot parse URI %s: %s", str.len ? str.u.s : "", rg_buf_cstr(&e));
                rg_buf_fini(&e);
                return -1;
            }
            rg_buf_fini(&e);
            rg_vec_push(&s->uri, u);
            /* URL.String(): the text with its scheme lower-cased */
            rg_value scheme = rg_object_get_str(u, "Scheme");
            if (scheme.len) {
                char *t = rg_arena_strndup(x->a, str.u.s, str.len);
                memcpy(t, scheme.u.s, scheme.len);
                str = rg_string_static(t, str.len);
            }
            rg_vec_push(&s->uri_text, str);
            break;
        }
        case 7:
            if (name.n != 4 && name.n != 16) return xfail(x, "x509: cannot parse IP address of length %zu", name.n);
            rg_vec_push(&s->ip, ip_value(x->a, name.p, name.n));
            break;
        default: break;
        }
    }
    return 0;
}

static bool valid_mask(const unsigned char *m, size_t n) {
    bool ones = true;
    for (size_t i = 0; i < n * 8; i++) {
        bool bit = m[i / 8] >> (7 - i % 8) & 1;
        if (bit && !ones) return false;
        if (!bit) ones = false;
    }
    return true;
}

/* One GeneralSubtrees list into out[0..3] (dns, ip, email, uri). */
static int nc_values(xp *x, der subtrees, rg_vec *out, bool *unhandled) {
    while (subtrees.n) {
        der seq, v;
        unsigned tag;
        if (!der_read(&subtrees, T_SEQ, &seq) || !der_any(&seq, &tag, &v, NULL))
            return xfail(x, "x509: invalid NameConstraints extension");
        rg_value str = rg_string(x->a, (const char *)v.p, v.n);
        bool dot = v.n && v.p[0] == '.';
        if (tag == CTX(2) || tag == CTX(6) || tag == CTX(1)) {
            if (!ia5(v)) return xfail(x, "x509: invalid constraint value: IA5String contains invalid character");
        }
        if (tag == CTX(2)) {
            if (!domain_ok(v.p + dot, v.n - dot)) return xfail(x, "x509: failed to parse dnsName constraint \"%s\"", str.u.s);
            rg_vec_push(&out[0], str);
        } else if (tag == CTX(7)) {
            if (v.n != 8 && v.n != 32) return xfail(x, "x509: IP constraint contained value of length %zu", v.n);
            size_t half = v.n / 2;
            if (!valid_mask(v.p + half, half)) return xfail(x, "x509: IP constraint contained invalid mask");
            ob o = {RG_VEC_INIT};
            put(&o, "IP", ip_value(x->a, v.p, half));
            put(&o, "Mask", b64_value(x->a, v.p + half, half));
            rg_vec_push(&out[1], ob_done(x->a, &o));
        } else if (tag == CTX(1)) {
            const unsigned char *at = memchr(v.p, '@', v.n);
            const unsigned char *dom = at ? at + 1 : v.p + dot;
            if (!domain_ok(dom, v.n - (size_t)(dom - v.p)))
                return xfail(x, "x509: failed to parse rfc822Name constraint \"%s\"", str.u.s);
            rg_vec_push(&out[2], str);
        } else if (tag == CTX(6)) {
            if (!domain_ok(v.p + dot, v.n - dot)) return xfail(x, "x509: failed to parse URI constraint \"%s\"", str.u.s);
            rg_vec_push(&out[3], str);
        } else {
            *unhandled = true;
        }
    }
    return 0;
}

static int parse_name_constraints(xp *x, der v, bool critical, cert_fields *f, bool *unhandled) {
    der top, perm = {NULL, 0}, excl = {NULL, 0};
    bool hp, he;
    if (!der_read(&v, T_SEQ, &top) || v.n || !der_optional(&top, CTX_CONS(0), &perm, &hp) ||
        !der_optional(&top, CTX_CONS(1), &excl, &he) || top.n)
        return xfail(x, "x509: invalid NameConstraints extension");
    if ((!hp && !he) || (perm.n == 0 && excl.n == 0)) return xfail(x, "x509: empty name constraints extension");
    if (nc_values(x, perm, &f->nc[0], unhandled) || nc_values(x, excl, &f->nc[4], unhandled)) return -1;
    f->nc_critical = critical;
    return 0;
}

static int parse_crldp(xp *x, der v, cert_fields *f) {
    der seq;
    if (!der_read(&v, T_SEQ, &seq)) return xfail(x, "x509: invalid CRL distribution points");
    while (seq.n) {
        der dp, name, full;
        bool present;
        if (!der_read(&seq, T_SEQ, &dp) || !der_optional(&dp, CTX_CONS(0), &name, &present))
            return xfail(x, "x509: invalid CRL distribution point");
        if (!present) continue;
        if (!der_read(&name, CTX_CONS(0), &full)) return xfail(x, "x509: invalid CRL distribution point");
        while (full.n && der_peek(&full, CTX(6))) {
            der uri;
            if (!der_read(&full, CTX(6), &uri)) return xfail(x, "x509: invalid CRL distribution point");
            rg_vec_push(&f->crldp, rg_string(x->a, (const char *)uri.p, uri.n));
        }
    }
    return 0;
}

static int parse_aia(xp *x, der v, cert_fields *f) {
    der seq;
    if (!der_read(&v, T_SEQ, &seq)) return xfail(x, "x509: invalid authority info access");
    while (seq.n) {
        der ad, loc;
        oid method;
        if (!der_read(&seq, T_SEQ, &ad) || !der_oid(&ad, &method)) return xfail(x, "x509: invalid authority info access");
        if (!der_peek(&ad, CTX(6))) continue;
        if (!der_read(&ad, CTX(6), &loc)) return xfail(x, "x509: invalid authority info access");
        rg_value s = rg_string(x->a, (const char *)loc.p, loc.n);
        if (oid_is(&method, "1.3.6.1.5.5.7.48.1")) rg_vec_push(&f->ocsp, s);
        else if (oid_is(&method, "1.3.6.1.5.5.7.48.2")) rg_vec_push(&f->issuing, s);
    }
    return 0;
}

static int ext_key_usage_code(const oid *o) {
    static const char *const oids[] = {
        "2.5.29.37.0",        "1.3.6.1.5.5.7.3.1",          "1.3.6.1.5.5.7.3.2",    "1.3.6.1.5.5.7.3.3",
        "1.3.6.1.5.5.7.3.4",  "1.3.6.1.5.5.7.3.5",          "1.3.6.1.5.5.7.3.6",    "1.3.6.1.5.5.7.3.7",
        "1.3.6.1.5.5.7.3.8",  "1.3.6.1.5.5.7.3.9",          "1.3.6.1.4.1.311.10.3.3", "2.16.840.1.113730.4.1",
        "1.3.6.1.4.1.311.2.1.22", "1.3.6.1.4.1.311.61.1.1",
    };
    for (int i = 0; i < (int)(sizeof oids / sizeof oids[0]); i++)
        if (oid_is(o, oids[i])) return i;
    return -1;
}

static int parse_eku(xp *x, der v, cert_fields *f) {
    der seq;
    if (!der_read(&v, T_SEQ, &seq)) return xfail(x, "x509: invalid extended key usages");
    while (seq.n) {
        oid o;
        if (!der_oid(&seq, &o)) return xfail(x, "x509: invalid extended key usages");
        int code = ext_key_usage_code(&o);
        if (code >= 0) rg_vec_push(&f->eku, rg_int(code));
        else rg_vec_push(&f->unknown_eku, oid_value(x->a, &o));
    }
    return 0;
}

static int parse_policies(xp *x, der v, cert_fields *f) {
    der seq;
    if (!der_read(&v, T_SEQ, &seq)) return xfail(x, "x509: invalid certificate policies");
    while (seq.n) {
        der pi;
        oid o;
        if (!der_read(&seq, T_SEQ, &pi) || !der_oid(&pi, &o)) return xfail(x, "x509: invalid certificate policies");
        rg_vec_push(&f->policy_ids, oid_value(x->a, &o));
        rg_vec_push(&f->policies, oid_string(x->a, &o));
    }
    return 0;
}

static int parse_policy_mappings(xp *x, der v, cert_fields *f) {
    der seq;
    if (!der_read(&v, T_SEQ, &seq)) return xfail(x, "x509: invalid policy mappings extension");
    while (seq.n) {
        der m;
        oid issuer, subject;
        if (!der_read(&seq, T_SEQ, &m) || !der_oid(&m, &issuer) || !der_oid(&m, &subject))
            return xfail(x, "x509: invalid policy mappings extension");
        ob o = {RG_VEC_INIT};
        put(&o, "IssuerDomainPolicy", oid_string(x->a, &issuer));
        put(&o, "SubjectDomainPolicy", oid_string(x->a, &subject));
        rg_vec_push(&f->mappings, ob_done(x->a, &o));
    }
    return 0;
}

static int parse_policy_constraints(xp *x, der v, cert_fields *f) {
    der seq;
    if (!der_read(&v, T_SEQ, &seq)) return xfail(x, "x509: invalid policy constraints extension");
    if (der_peek(&seq, CTX(0)) && !der_int64(&seq, CTX(0), &f->require_explicit))
        return xfail(x, "x509: invalid policy constraints extension");
    if (der_peek(&seq, CTX(1)) && !der_int64(&seq, CTX(1), &f->inhibit_mapping))
        return xfail(x, "x509: invalid policy constraints extension");
    return 0;
}

static int parse_key_usage(xp *x, der v, cert_fields *f) {
    der bits;
    int unused;
    if (!der_bits(&v, &bits, &unused)) return xfail(x, "x509: invalid key usage");
    size_t nbits = bits.n * 8 - (size_t)unused;
    for (size_t i = 0; i < 9 && i < nbits; i++)
        if (bits.p[i / 8] >> (7 - i % 8) & 1) f->key_usage |= 1 << i;
    return 0;
}

static int parse_basic_constraints(xp *x, der v, cert_fields *f) {
    der seq;
    f->max_path = -1;
    if (!der_read(&v, T_SEQ, &seq)) return xfail(x, "x509: invalid basic constraints");
    if (der_peek(&seq, T_BOOLEAN) && !der_bool(&seq, &f->is_ca)) return xfail(x, "x509: invalid basic constraints");
    if (der_peek(&seq, T_INTEGER) && !der_int64(&seq, T_INTEGER, &f->max_path))
        return xfail(x, "x509: invalid basic constraints");
    f->bc_valid = true;
    f->max_path_zero = f->max_path == 0;
    return 0;
}

/* The extensions Go understands under 2.5.29; *unhandled for the rest. */
static int process_pkix_ext(xp *x, uint32_t id, der v, bool critical, cert_fields *f, bool *unhandled) {
    der inner;
    switch (id) {
    case 14:
        if (!der_read(&v, T_OCTETS, &inner)) return xfail(x, "x509: invalid subject key identifier");
        f->skid = b64_value(x->a, inner.p, inner.n);
        return 0;
    case 15: return parse_key_usage(x, v, f);
    case 17:
        if (parse_san(x, v, &f->san)) return -1;
        *unhandled = !f->san.dns.len && !f->san.email.len && !f->san.ip.len && !f->san.uri.len;
        return 0;
    case 19: return parse_basic_constraints(x, v, f);
    case 30: return parse_name_constraints(x, v, critical, f, unhandled);
    case 31: return parse_crldp(x, v, f);
    case 32: return parse_policies(x, v, f);
    case 33: return parse_policy_mappings(x, v, f);
    case 35: {
        der akid;
        if (!der_read(&v, T_SEQ, &akid)) return xfail(x, "x509: invalid authority key identifier");
        if (der_peek(&akid, CTX(0))) {
            if (!der_read(&akid, CTX(0), &inner)) return xfail(x, "x509: invalid authority key identifier");
            f->akid = b64_value(x->a, inner.p, inner.n);
        }
        return 0;
    }
    case 36: return parse_policy_constraints(x, v, f);
    case 37: return parse_eku(x, v, f);
    case 54:
        if (!der_int64(&v, T_INTEGER, &f->inhibit_any)) return xfail(x, "x509: invalid inhibit any policy extension");
        return 0;
    default: *unhandled = true; return 0;
    }
}

/* One Extension SEQUENCE: recorded, then interpreted. */
static int parse_extension(xp *x, der e, cert_fields *f, rg_vec *seen) {
    oid id;
    bool critical = false;
    der v;
    if (!der_oid(&e, &id)) return xfail(x, "x509: malformed extension OID field");
    if (der_peek(&e, T_BOOLEAN) && !der_bool(&e, &critical)) return xfail(x, "x509: malformed extension critical field");
    if (!der_read(&e, T_OCTETS, &v)) return xfail(x, "x509: malformed extension value field");
    rg_value idv = oid_value(x->a, &id);
    for (size_t i = 0; i < seen->len; i++)
        if (rg_value_equal(seen->items[i], idv)) return xfail(x, "x509: certificate contains duplicate extensions");
    rg_vec_push(seen, idv);
    ob o = {RG_VEC_INIT};
    put(&o, "Id", idv);
    put(&o, "Critical", rg_bool(critical));
    put(&o, "Value", b64_value(x->a, v.p, v.n));
    rg_vec_push(&f->exts, ob_done(x->a, &o));
    bool unhandled = false;
    int rc;
    if (id.n == 4 && id.arcs[0] == 2 && id.arcs[1] == 5 && id.arcs[2] == 29) rc = process_pkix_ext(x, id.arcs[3], v, critical, f, &unhandled);
    else if (oid_is(&id, "1.3.6.1.5.5.7.1.1")) rc = parse_aia(x, v, f);
    else rc = 0, unhandled = true;
    if (rc == 0 && critical && unhandled) rg_vec_push(&f->unhandled, idv);
    return rc;
}

static int parse_extensions(xp *x, der exts, cert_fields *f) {
    der seq;
    rg_vec seen = RG_VEC_INIT;
    int rc = 0;
    if (!der_read(&exts, T_SEQ, &seq)) rc = xfail(x, "x509: malformed extensions");
    while (rc == 0 && seq.n) {
        der e;
        if (!der_read(&seq, T_SEQ, &e)) rc = xfail(x, "x509: malformed extension");
        else rc = parse_extension(x, e, f, &seen);
    }
    rg_vec_fini(&seen);
    return rc;
}

/* ------------------------------------------------------------------------
 * Certificates
 * ---------------------------------------------------------------------- */

static void fields_fini(cert_fields *f) {
    rg_vec *all[] = {&f->exts, &f->unhandled, &f->eku, &f->unknown_eku, &f->ocsp, &f->issuing, &f->crldp,
                     &f->policy_ids, &f->policies, &f->mappings, &f->san.dns, &f->san.email, &f->san.ip,
                     &f->san.uri, &f->san.uri_text};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) rg_vec_fini(all[i]);
    for (int i = 0; i < 8; i++) rg_vec_fini(&f->nc[i]);
}

static void put_sans(rg_arena *a, ob *o, sans *s) {
    put(o, "DNSNames", slice(a, &s->dns));
    put(o, "EmailAddresses", slice(a, &s->email));
    put(o, "IPAddresses", slice(a, &s->ip));
    put(o, "URIs", slice(a, &s->uri));
}

/* The extension-derived fields of x509.Certificate. */
static void put_ext_fields(rg_arena *a, ob *o, cert_fields *f) {
    static const char *const nc_names[8] = {
        "PermittedDNSDomains", "PermittedIPRanges", "PermittedEmailAddresses", "PermittedURIDomains",
        "ExcludedDNSDomains",  "ExcludedIPRanges",  "ExcludedEmailAddresses",  "ExcludedURIDomains",
    };
    put(o, "KeyUsage", rg_int(f->key_usage));
    put(o, "Extensions", slice(a, &f->exts));
    put(o, "ExtraExtensions", rg_null());
    put(o, "UnhandledCriticalExtensions", slice(a, &f->unhandled));
    put(o, "ExtKeyUsage", slice(a, &f->eku));
    put(o, "UnknownExtKeyUsage", slice(a, &f->unknown_eku));
    put(o, "BasicConstraintsValid", rg_bool(f->bc_valid));
    put(o, "IsCA", rg_bool(f->is_ca));
    put(o, "MaxPathLen", rg_int(f->max_path));
    put(o, "MaxPathLenZero", rg_bool(f->max_path_zero));
    put(o, "SubjectKeyId", f->skid);
    put(o, "AuthorityKeyId", f->akid);
    put(o, "OCSPServer", slice(a, &f->ocsp));
    put(o, "IssuingCertificateURL", slice(a, &f->issuing));
    put_sans(a, o, &f->san);
    put(o, "PermittedDNSDomainsCritical", rg_bool(f->nc_critical));
    for (int i = 0; i < 8; i++) put(o, nc_names[i], slice(a, &f->nc[i]));
    put(o, "CRLDistributionPoints", slice(a, &f->crldp));
    put(o, "PolicyIdentifiers", slice(a, &f->policy_ids));
    put(o, "Policies", slice(a, &f->policies));
    /* absent (INT64_MIN) reads as 0; the Zero flags tell an explicit 0 */
    int64_t *vals[3] = {&f->inhibit_any, &f->inhibit_mapping, &f->require_explicit};
    static const char *const names[6] = {"InhibitAnyPolicy", "InhibitAnyPolicyZero", "InhibitPolicyMapping",
                                         "InhibitPolicyMappingZero", "RequireExplicitPolicy",
                                         "RequireExplicitPolicyZero"};
    for (int i = 0; i < 3; i++) {
        put(o, names[2 * i], rg_int(*vals[i] == INT64_MIN ? 0 : *vals[i]));
        put(o, names[2 * i + 1], rg_bool(*vals[i] == 0));
    }
    put(o, "PolicyMappings", slice(a, &f->mappings));
}

typedef struct cert_raw {
    der raw, tbs, spki, subject, issuer;
} cert_raw;

/* The TBSCertificate fields after the serial number. */
static int parse_tbs_rest(xp *x, der *tbs, der *input, int64_t version, ob *o, cert_raw *r, cert_fields *f) {
    der sig_ai, outer_ai, validity, spki;
    alg_id ai;
    if (!der_read(tbs, T_SEQ, &sig_ai)) return xfail(x, "x509: malformed signature algorithm identifier");
    if (!der_read(input, T_SEQ, &outer_ai)) return xfail(x, "x509: malformed algorithm identifier");
    if (outer_ai.n != sig_ai.n || memcmp(outer_ai.p, sig_ai.p, sig_ai.n) != 0)
        return xfail(x, "x509: inner and outer signature algorithm identifiers don't match");
    if (parse_ai(x, sig_ai, &ai)) return -1;
    put(o, "SignatureAlgorithm", rg_int(signature_algorithm(&ai)));
    rg_value name;
    if (!der_element(tbs, T_SEQ, &r->issuer)) return xfail(x, "x509: malformed issuer");
    if (parse_name(x, r->issuer, &name)) return -1;
    put(o, "Issuer", name);
    der v1, v2;
    unsigned t1, t2;
    int64_t nb, na;
    if (!der_read(tbs, T_SEQ, &validity)) return xfail(x, "x509: malformed validity");
    if (!der_any(&validity, &t1, &v1, NULL) || !parse_time(t1, v1, &nb)) return xfail(x, "x509: malformed validity");
    if (!der_any(&validity, &t2, &v2, NULL) || !parse_time(t2, v2, &na)) return xfail(x, "x509: malformed validity");
    put(o, "NotBefore", time_value(x->a, nb));
    put(o, "NotAfter", time_value(x->a, na));
    if (!der_element(tbs, T_SEQ, &r->subject)) return xfail(x, "x509: malformed issuer");
    if (parse_name(x, r->subject, &name)) return -1;
    put(o, "Subject", name);
    pubkey pk;
    if (!der_element(tbs, T_SEQ, &r->spki)) return xfail(x, "x509: malformed spki");
    spki = r->spki;
    if (!der_read(&spki, T_SEQ, &spki)) return xfail(x, "x509: malformed spki");
    if (parse_spki(x, spki, &pk)) return -1;
    put(o, "PublicKeyAlgorithm", rg_int(pk.alg));
    put(o, "PublicKey", pk.json);
    if (version > 1) {
        der skip;
        bool present;
        if (!der_optional(tbs, CTX(1), &skip, &present)) return xfail(x, "x509: malformed issuerUniqueID");
        if (!der_optional(tbs, CTX(2), &skip, &present)) return xfail(x, "x509: malformed subjectUniqueID");
        der exts;
        if (version == 3) {
            if (!der_optional(tbs, CTX_CONS(3), &exts, &present)) return xfail(x, "x509: malformed extensions");
            if (present && parse_extensions(x, exts, f)) return -1;
        }
    }
    return 0;
}

/* One certificate from the front of *in (advanced past it). */
static int parse_certificate(xp *x, der *in, rg_value *out, rg_value *uri_strings, der *raw) {
    cert_raw r;
    der input, tbs;
    cert_fields f;
    memset(&f, 0, sizeof f);
    f.skid = f.akid = rg_null();
    f.inhibit_any = f.inhibit_mapping = f.require_explicit = INT64_MIN;
    if (!der_element(in, T_SEQ, &r.raw)) return xfail(x, "x509: malformed certificate");
    input = r.raw;
    if (!der_read(&input, T_SEQ, &input)) return xfail(x, "x509: malformed certificate");
    if (!der_element(&input, T_SEQ, &r.tbs)) return xfail(x, "x509: malformed tbs certificate");
    tbs = r.tbs;
    if (!der_read(&tbs, T_SEQ, &tbs)) return xfail(x, "x509: malformed tbs certificate");
    int64_t version = 0;
    der vb;
    if (der_peek(&tbs, CTX_CONS(0)) && (!der_read(&tbs, CTX_CONS(0), &vb) || !der_int64(&vb, T_INTEGER, &version) || vb.n))
        return xfail(x, "x509: malformed version");
    if (version < 0) return xfail(x, "x509: malformed version");
    if (++version > 3) return xfail(x, "x509: invalid version");
    ob o = {RG_VEC_INIT};
    rg_value serial;
    int rc = 0;
    if (!der_bigint(&tbs, x->a, &serial)) rc = xfail(x, "x509: malformed serial number");
    else rc = parse_tbs_rest(x, &tbs, &input, version, &o, &r, &f);
    der sig = {NULL, 0};
    int unused;
    if (rc == 0 && !der_bits(&input, &sig, &unused)) rc = xfail(x, "x509: malformed signature");
    if (rc) {
        rg_vec_fini(&o.v);
        fields_fini(&f);
        return -1;
    }
    put(&o, "Raw", b64_value(x->a, r.raw.p, r.raw.n));
    put(&o, "RawTBSCertificate", b64_value(x->a, r.tbs.p, r.tbs.n));
    put(&o, "RawSubjectPublicKeyInfo", b64_value(x->a, r.spki.p, r.spki.n));
    put(&o, "RawSubject", b64_value(x->a, r.subject.p, r.subject.n));
    put(&o, "RawIssuer", b64_value(x->a, r.issuer.p, r.issuer.n));
    put(&o, "Signature", b64_value(x->a, sig.p, sig.n));
    put(&o, "Version", rg_int(version));
    put(&o, "SerialNumber", serial);
    *uri_strings = slice(x->a, &f.san.uri_text);
    *raw = r.raw;
    put_ext_fields(x->a, &o, &f);
    fields_fini(&f);
    *out = ob_done(x->a, &o);
    return 0;
}

typedef struct cert_list {
    rg_vec values;
    der raw[MAX_CERTS];
} cert_list;

/* Go's x509.ParseCertificates over concatenated DER; with_uris adds OPA's
 * URIStrings field. */
static int parse_certificates(xp *x, der in, bool with_uris, cert_list *out) {
    while (in.n) {
        if (out->values.len >= MAX_CERTS) return xfail(x, "too many certificates");
        rg_value cert, uris;
        if (parse_certificate(x, &in, &cert, &uris, &out->raw[out->values.len])) return -1;
        if (with_uris) cert = rg_object_put(x->a, cert, rg_cstring(x->a, "URIStrings"), uris);
        rg_vec_push(&out->values, cert);
    }
    return 0;
}

/* ------------------------------------------------------------------------
 * Certificate requests (Go's ParseCertificateRequest)
 * ---------------------------------------------------------------------- */

/* An attribute value decoded as encoding/asn1 does into an interface{}:
 * strings, integers, OIDs, byte strings; other types become null. */
static rg_value any_value(rg_arena *a, unsigned tag, der b) {
    rg_buf s = RG_BUF_INIT;
    rg_value v = rg_null();
    oid o;
    switch (tag) {
    case T_OCTETS: v = b64_value(a, b.p, b.n); break;
    case T_INTEGER:
        if (int_ok(b)) v = bigint_value(a, b.p, b.n, true);
        break;
    case T_OID:
        if (oid_parse(b, &o)) v = oid_value(a, &o);
        break;
    default:
        if (asn1_string(&s, tag, b)) v = rg_string(a, s.data ? s.data : "", s.len);
        break;
    }
    rg_buf_fini(&s);
    return v;
}

/* pkix.AttributeTypeAndValueSET, or false when the attribute does not have
 * that shape (Go skips such attributes, e.g. challengePassword). */
static bool csr_attribute(rg_arena *a, der attr, rg_value *out) {
    der set;
    oid type;
    if (!der_oid(&attr, &type) || !der_read(&attr, T_SET, &set) || attr.n) return false;
    rg_vec outer = RG_VEC_INIT;
    bool ok = true;
    while (ok && set.n) {
        der seq;
        rg_vec inner = RG_VEC_INIT;
        ok = der_read(&set, T_SEQ, &seq);
        while (ok && seq.n) {
            der atv, val;
            oid t;
            unsigned tag;
            ok = der_read(&seq, T_SEQ, &atv) && der_oid(&atv, &t) && der_any(&atv, &tag, &val, NULL);
            if (!ok) break;
            ob o = {RG_VEC_INIT};
            put(&o, "Type", oid_value(a, &t));
            put(&o, "Value", any_value(a, tag, val));
            rg_vec_push(&inner, ob_done(a, &o));
        }
        rg_vec_push(&outer, slice(a, &inner));
    }
    if (ok) {
        ob o = {RG_VEC_INIT};
        put(&o, "Type", oid_value(a, &type));
        put(&o, "Value", slice(a, &outer));
        *out = ob_done(a, &o);
    }
    rg_vec_fini(&outer);
    return ok;
}

/* The extensionRequest attribute's extensions, and the SANs in them. */
static int csr_extensions(xp *x, der attr, rg_vec *exts, sans *san, rg_vec *seen) {
    der set, list;
    oid type;
    if (!der_oid(&attr, &type) || !der_read(&attr, T_SET, &set) || !set.n) return 0;
    if (!oid_is(&type, "1.2.840.113549.1.9.14")) return 0;
    if (!der_read(&set, T_SEQ, &list)) return xfail(x, "asn1: structure error: tags don't match");
    while (list.n) {
        der e, v;
        oid id;
        bool critical = false;
        if (!der_read(&list, T_SEQ, &e) || !der_oid(&e, &id) || (der_peek(&e, T_BOOLEAN) && !der_bool(&e, &critical)) ||
            !der_read(&e, T_OCTETS, &v))
            return xfail(x, "asn1: structure error: invalid extension");
        rg_value idv = oid_value(x->a, &id);
        for (size_t i = 0; i < seen->len; i++)
            if (rg_value_equal(seen->items[i], idv))
                return xfail(x, "x509: certificate request contains duplicate requested extensions");
        rg_vec_push(seen, idv);
        ob o = {RG_VEC_INIT};
        put(&o, "Id", idv);
        put(&o, "Critical", rg_bool(critical));
        put(&o, "Value", b64_value(x->a, v.p, v.n));
        rg_vec_push(exts, ob_done(x->a, &o));
        if (oid_is(&id, "2.5.29.17") && parse_san(x, v, san)) return -1;
    }
    return 0;
}

static int csr_attributes(xp *x, der attrs, ob *o, sans *san) {
    rg_vec list = RG_VEC_INIT, exts = RG_VEC_INIT, seen = RG_VEC_INIT;
    int rc = 0;
    while (rc == 0 && attrs.n) {
        der attr;
        rg_value v;
        if (!der_read(&attrs, T_SEQ, &attr)) {
            rc = xfail(x, "asn1: structure error: tags don't match");
            break;
        }
        if (csr_attribute(x->a, attr, &v)) rg_vec_push(&list, v);
        rc = csr_extensions(x, attr, &exts, san, &seen);
    }
    put(o, "Attributes", slice(x->a, &list));
    put(o, "Extensions", slice(x->a, &exts));
    rg_vec_fini(&seen);
    return rc;
}

static int parse_csr_tbs(xp *x, der tbs, ob *o, der *spki_whole, der *subject, sans *san) {
    int64_t version;
    der spki, attrs = {NULL, 0};
    bool present;
    pubkey pk;
    rg_value name;
    if (!der_int64(&tbs, T_INTEGER, &version)) return xfail(x, "asn1: structure error: tags don't match");
    put(o, "Version", rg_int(version));
    if (!der_element(&tbs, T_SEQ, subject)) return xfail(x, "asn1: structure error: tags don't match");
    if (!der_element(&tbs, T_SEQ, spki_whole)) return xfail(x, "asn1: structure error: tags don't match");
    spki = *spki_whole;
    if (!der_read(&spki, T_SEQ, &spki) || parse_spki(x, spki, &pk)) return xfail(x, "x509: malformed spki");
    put(o, "PublicKeyAlgorithm", rg_int(pk.alg));
    put(o, "PublicKey", pk.json);
    if (parse_name(x, *subject, &name)) return -1;
    put(o, "Subject", name);
    if (!der_optional(&tbs, CTX_CONS(0), &attrs, &present)) return xfail(x, "asn1: structure error: tags don't match");
    return csr_attributes(x, attrs, o, san);
}

static int parse_csr(xp *x, der in, rg_value *out) {
    der raw, body, tbs_whole, tbs, ai_seq, sig, spki = {NULL, 0}, subject = {NULL, 0};
    int unused;
    alg_id ai;
    if (!der_element(&in, T_SEQ, &raw)) return xfail(x, "asn1: syntax error: sequence truncated");
    if (in.n) return xfail(x, "asn1: syntax error: trailing data");
    body = raw;
    if (!der_read(&body, T_SEQ, &body) || !der_element(&body, T_SEQ, &tbs_whole) || !der_read(&body, T_SEQ, &ai_seq) ||
        !der_bits(&body, &sig, &unused) || parse_ai(x, ai_seq, &ai))
        return xfail(x, "asn1: structure error: tags don't match");
    tbs = tbs_whole;
    der_read(&tbs, T_SEQ, &tbs);
    ob o = {RG_VEC_INIT};
    sans san;
    memset(&san, 0, sizeof san);
    int rc = parse_csr_tbs(x, tbs, &o, &spki, &subject, &san);
    put(&o, "Raw", b64_value(x->a, raw.p, raw.n));
    put(&o, "RawTBSCertificateRequest", b64_value(x->a, tbs_whole.p, tbs_whole.n));
    put(&o, "RawSubjectPublicKeyInfo", b64_value(x->a, spki.p, spki.n));
    put(&o, "RawSubject", b64_value(x->a, subject.p, subject.n));
    put(&o, "Signature", b64_value(x->a, sig.p, sig.n));
    put(&o, "SignatureAlgorithm", rg_int(signature_algorithm(&ai)));
    put(&o, "ExtraExtensions", rg_null());
    put_sans(x->a, &o, &san);
    rg_vec_fini(&san.uri_text);
    *out = ob_done(x->a, &o);
    return rc;
}

/* ------------------------------------------------------------------------
 * Private keys: PKCS #1, PKCS #8 and SEC 1, as Go's x509 parses them
 * ---------------------------------------------------------------------- */

typedef struct privkey {
    int alg;
    mpz_t n, e, d, p, q, dp, dq, qi; /* RSA */
    int nid;                         /* EC */
    size_t clen;
    unsigned char x[66], y[66], k[66];
    unsigned char ed[64];            /* Ed25519 seed then public key */
} privkey;

static void privkey_init(privkey *k) {
    memset(k, 0, sizeof *k);
    mpz_inits(k->n, k->e, k->d, k->p, k->q, k->dp, k->dq, k->qi, NULL);
}

static void privkey_fini(privkey *k) { mpz_clears(k->n, k->e, k->d, k->p, k->q, k->dp, k->dq, k->qi, NULL); }

static bool der_mpz(der *s, mpz_t out) {
    der b;
    if (!der_read(s, T_INTEGER, &b) || !int_ok(b)) return false;
    mpz_import(out, b.n, 1, 1, 1, 0, b.p);
    if (b.p[0] & 0x80) { /* negative: keep the sign for the checks */
        mpz_t m;
        mpz_init(m);
        mpz_ui_pow_ui(m, 2, 8 * b.n);
        mpz_sub(out, out, m);
        mpz_clear(m);
    }
    return true;
}

/* rsa.PrivateKey.Validate and Precompute for two-prime keys. */
static int rsa_check(xp *x, privkey *k) {
    if (mpz_cmp_ui(k->e, 2) < 0) return xfail(x, "crypto/rsa: public exponent too small");
    if (mpz_sizeinbase(k->e, 2) > 31) return xfail(x, "crypto/rsa: public exponent too large");
    mpz_t t, pm1;
    mpz_inits(t, pm1, NULL);
    mpz_mul(t, k->p, k->q);
    int rc = 0;
    if (mpz_cmp(t, k->n) != 0) rc = xfail(x, "crypto/rsa: invalid modulus");
    mpz_t *primes[2] = {&k->p, &k->q};
    for (int i = 0; rc == 0 && i < 2; i++) {
        mpz_sub_ui(pm1, *primes[i], 1);
        mpz_mul(t, k->d, k->e);
        mpz_mod(t, t, pm1);
        if (mpz_cmp_ui(t, 1) != 0 && mpz_cmp_ui(pm1, 1) != 0) rc = xfail(x, "crypto/rsa: invalid exponents");
    }
    if (rc == 0) {
        mpz_sub_ui(pm1, k->p, 1);
        mpz_mod(k->dp, k->d, pm1);
        mpz_sub_ui(pm1, k->q, 1);
        mpz_mod(k->dq, k->d, pm1);
        if (!mpz_invert(k->qi, k->q, k->p)) rc = xfail(x, "crypto/rsa: invalid prime");
    }
    mpz_clears(t, pm1, NULL);
    return rc;
}

/* PKCS #1 RSAPrivateKey (the SEQUENCE element). */
static int parse_pkcs1(xp *x, der in, privkey *k) {
    der seq;
    int64_t version;
    if (!der_read(&in, T_SEQ, &seq) || in.n || !der_int64(&seq, T_INTEGER, &version) || !der_mpz(&seq, k->n) ||
        !der_mpz(&seq, k->e) || !der_mpz(&seq, k->d) || !der_mpz(&seq, k->p) || !der_mpz(&seq, k->q))
        return xfail(x, "x509: failed to parse private key");
    if (version > 1) return xfail(x, "x509: unsupported private key version");
    if (version == 1) return xfail(x, "x509: multi-prime RSA keys are not supported");
    if (mpz_sgn(k->n) <= 0 || mpz_sgn(k->d) <= 0 || mpz_sgn(k->p) <= 0 || mpz_sgn(k->q) <= 0)
        return xfail(x, "x509: private key contains zero or negative value");
    k->alg = PK_RSA;
    return rsa_check(x, k);
}

/* Computes the public point of scalar k->k on curve k->nid. */
static bool ec_public(privkey *k) {
    EC_GROUP *g = EC_GROUP_new_by_curve_name(k->nid);
    EC_POINT *pt = g ? EC_POINT_new(g) : NULL;
    BIGNUM *s = BN_bin2bn(k->k, (int)k->clen, NULL), *order = BN_new();
    unsigned char buf[1 + 2 * 66];
    bool ok = pt && s && order && EC_GROUP_get_order(g, order, NULL) && !BN_is_zero(s) && BN_cmp(s, order) < 0 &&
              EC_POINT_mul(g, pt, s, NULL, NULL, NULL) &&
              EC_POINT_point2oct(g, pt, POINT_CONVERSION_UNCOMPRESSED, buf, sizeof buf, NULL) == 1 + 2 * k->clen;
    if (ok) {
        memcpy(k->x, buf + 1, k->clen);
        memcpy(k->y, buf + 1 + k->clen, k->clen);
    }
    BN_free(s);
    BN_free(order);
    EC_POINT_free(pt);
    EC_GROUP_free(g);
    return ok;
}

/* SEC 1 ECPrivateKey; curve_oid comes from PKCS #8 (NULL otherwise). */
static int parse_sec1(xp *x, der in, const oid *curve_oid, privkey *k) {
    der seq, priv, params;
    int64_t version;
    oid curve;
    bool present;
    if (!der_read(&in, T_SEQ, &seq) || !der_int64(&seq, T_INTEGER, &version) || !der_read(&seq, T_OCTETS, &priv))
        return xfail(x, "x509: failed to parse EC private key");
    if (version != 1) return xfail(x, "x509: unknown EC private key version %lld", (long long)version);
    if (!der_optional(&seq, CTX_CONS(0), &params, &present)) return xfail(x, "x509: failed to parse EC private key");
    if (curve_oid) curve = *curve_oid;
    else if (!present || !der_oid(&params, &curve)) return xfail(x, "x509: unknown elliptic curve");
    k->nid = curve_nid(&curve);
    if (k->nid == NID_undef) return xfail(x, "x509: unknown elliptic curve");
    k->clen = curve_bytes(k->nid);
    const unsigned char *p = priv.p;
    size_t n = priv.n;
    while (n > k->clen && *p == 0) p++, n--; /* Go drops leading zeros beyond the curve size */
    if (n > k->clen) return xfail(x, "x509: invalid private key length");
    memset(k->k, 0, sizeof k->k);
    memcpy(k->k + k->clen - n, p, n);
    if (!ec_public(k)) return xfail(x, "x509: invalid elliptic curve private key value");
    k->alg = PK_ECDSA;
    return 0;
}

static int parse_ed25519_seed(xp *x, der inner, privkey *k) {
    der seed;
    if (!der_read(&inner, T_OCTETS, &seed)) return xfail(x, "x509: invalid Ed25519 private key");
    if (seed.n != 32) return xfail(x, "x509: invalid Ed25519 private key length: %zu", seed.n);
    EVP_PKEY *pk = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed.p, 32);
    size_t len = 32;
    bool ok = pk && EVP_PKEY_get_raw_public_key(pk, k->ed + 32, &len) == 1 && len == 32;
    EVP_PKEY_free(pk);
    if (!ok) return xfail(x, "x509: invalid Ed25519 private key");
    memcpy(k->ed, seed.p, 32);
    k->alg = PK_ED25519;
    return 0;
}

/* PKCS #8 PrivateKeyInfo. */
static int parse_pkcs8(xp *x, der in, privkey *k) {
    der seq, ai_seq, inner;
    int64_t version;
    alg_id ai;
    if (!der_read(&in, T_SEQ, &seq) || !der_int64(&seq, T_INTEGER, &version) || !der_read(&seq, T_SEQ, &ai_seq) ||
        parse_ai(x, ai_seq, &ai) || !der_read(&seq, T_OCTETS, &inner)) {
        x->err.len = 0;
        return xfail(x, "x509: failed to parse private key");
    }
    if (oid_is(&ai.alg, "1.2.840.113549.1.1.1")) {
        xp sub = {x->a, RG_BUF_INIT};
        int rc = parse_pkcs1(&sub, inner, k);
        if (rc) xfail(x, "x509: failed to parse RSA private key embedded in PKCS#8: %s", rg_buf_cstr(&sub.err));
        rg_buf_fini(&sub.err);
        return rc;
    }
    if (oid_is(&ai.alg, "1.2.840.10045.2.1")) {
        oid curve;
        der params = ai.params;
        bool named = der_oid(&params, &curve);
        xp sub = {x->a, RG_BUF_INIT};
        int rc = parse_sec1(&sub, inner, named ? &curve : NULL, k);
        if (rc) xfail(x, "x509: failed to parse EC private key embedded in PKCS#8: %s", rg_buf_cstr(&sub.err));
        rg_buf_fini(&sub.err);
        return rc;
    }
    if (oid_is(&ai.alg, "1.3.101.112")) {
        if (ai.params.n) return xfail(x, "x509: invalid Ed25519 private key parameters");
        return parse_ed25519_seed(x, inner, k);
    }
    rg_buf t = RG_BUF_INIT;
    oid_text(&t, &ai.alg);
    xfail(x, "x509: PKCS#8 wrapping contained private key with unknown algorithm: %s", rg_buf_cstr(&t));
    rg_buf_fini(&t);
    return -1;
}

static rg_value mpz_value(rg_arena *a, const mpz_t z) {
    char *text = mpz_get_str(NULL, 10, z);
    rg_value v = rg_bigint_from_text(a, text, strlen(text));
    void (*freefn)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &freefn);
    freefn(text, strlen(text) + 1);
    return v;
}

/* The private key as Go's encoding/json writes *rsa.PrivateKey,
 * *ecdsa.PrivateKey or ed25519.PrivateKey. */
static rg_value privkey_go_json(rg_arena *a, const privkey *k) {
    ob o = {RG_VEC_INIT};
    if (k->alg == PK_ED25519) return b64_value(a, k->ed, 64);
    if (k->alg == PK_ECDSA) {
        put(&o, "Curve", rg_empty_object());
        put(&o, "X", bigint_value(a, k->x, k->clen, false));
        put(&o, "Y", bigint_value(a, k->y, k->clen, false));
        put(&o, "D", bigint_value(a, k->k, k->clen, false));
        return ob_done(a, &o);
    }
    ob pre = {RG_VEC_INIT};
    put(&pre, "Dp", mpz_value(a, k->dp));
    put(&pre, "Dq", mpz_value(a, k->dq));
    put(&pre, "Qinv", mpz_value(a, k->qi));
    put(&pre, "CRTValues", rg_empty_array());
    rg_value primes[2] = {mpz_value(a, k->p), mpz_value(a, k->q)};
    put(&o, "N", mpz_value(a, k->n));
    put(&o, "E", mpz_value(a, k->e));
    put(&o, "D", mpz_value(a, k->d));
    put(&o, "Primes", rg_array(a, primes, 2));
    put(&o, "Precomputed", ob_done(a, &pre));
    return ob_done(a, &o);
}

static rg_value b64url_bytes(rg_arena *a, const unsigned char *p, size_t n) {
    rg_buf b = RG_BUF_INIT;
    rg_value std = b64_value(a, p, n);
    for (size_t i = 0; i < std.len && std.u.s[i] != '='; i++) {
        char c = std.u.s[i];
        rg_buf_putc(&b, c == '+' ? '-' : c == '/' ? '_' : c);
    }
    rg_value v = rg_string(a, b.data ? b.data : "", b.len);
    rg_buf_fini(&b);
    return v;
}

/* big.Int.Bytes() (minimal big-endian) in unpadded base64url. */
static rg_value b64url_mpz(rg_arena *a, const mpz_t z) {
    size_t n = 0;
    unsigned char *buf = mpz_export(NULL, &n, 1, 1, 1, 0, z);
    rg_value v = b64url_bytes(a, buf ? buf : (const unsigned char *)"", n);
    void (*freefn)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &freefn);
    if (buf) freefn(buf, n);
    return v;
}

static rg_value b64url_trimmed(rg_arena *a, const unsigned char *p, size_t n) {
    while (n && *p == 0) p++, n--;
    return b64url_bytes(a, p, n);
}

/* The JWK OPA's jwk package writes for a private key; NULL error on success. */
static const char *privkey_jwk(rg_arena *a, const privkey *k, rg_value *out) {
    ob o = {RG_VEC_INIT};
    if (k->alg == PK_RSA) {
        put(&o, "kty", rg_string_static("RSA", 3));
        put(&o, "n", b64url_mpz(a, k->n));
        put(&o, "e", b64url_mpz(a, k->e));
        put(&o, "d", b64url_mpz(a, k->d));
        put(&o, "p", b64url_mpz(a, k->p));
        put(&o, "q", b64url_mpz(a, k->q));
        put(&o, "dp", b64url_mpz(a, k->dp));
        put(&o, "dq", b64url_mpz(a, k->dq));
        put(&o, "qi", b64url_mpz(a, k->qi));
    } else if (k->alg == PK_ECDSA) {
        const char *crv = k->nid == NID_secp224r1 ? "P-224" : k->nid == NID_X9_62_prime256v1 ? "P-256"
                        : k->nid == NID_secp384r1 ? "P-384" : "P-521";
        put(&o, "kty", rg_string_static("EC", 2));
        put(&o, "crv", rg_string_static(crv, 5));
        put(&o, "x", b64url_trimmed(a, k->x, k->clen));
        put(&o, "y", b64url_trimmed(a, k->y, k->clen));
        put(&o, "d", b64url_trimmed(a, k->k, k->clen));
    } else {
        rg_vec_fini(&o.v);
        return "unsupported key type ed25519.PrivateKey";
    }
    *out = ob_done(a, &o);
    return NULL;
}

/* ------------------------------------------------------------------------
 * Inputs: PEM, base64 DER or base64 PEM, as OPA reads them
 * ---------------------------------------------------------------------- */

static bool starts_with(const rg_buf *b, const char *p) { return has_prefix(b->data ? b->data : "", b->len, p); }

/* Concatenated DER of the CERTIFICATE blocks in PEM text. */
static int certs_from_pem(xp *x, const char *s, size_t n, rg_buf *der_out) {
    size_t pos = 0, used;
    pem_block b = {NULL, RG_BUF_INIT};
    while (pos < n && pem_next(s + pos, n - pos, &b, &used)) {
        pos += used;
        if (strcmp(b.type, "CERTIFICATE") != 0) {
            xfail(x, "PEM block type is '%s', expected CERTIFICATE", b.type);
            pem_fini(&b);
            return -1;
        }
        rg_buf_append(der_out, b.bytes.data ? b.bytes.data : "", b.bytes.len);
    }
    pem_fini(&b);
    return 0;
}

/* getX509CertsFromString: the parsed certificates of a string argument. */
static int certs_from_string(xp *x, rg_value arg, bool with_uris, cert_list *out, rg_buf *der_store) {
    const char *s = arg.len ? arg.u.s : "";
    rg_buf decoded = RG_BUF_INIT;
    int rc = 0;
    if (has_prefix(s, arg.len, "-----BEGIN")) {
        rc = certs_from_pem(x, s, arg.len, der_store);
    } else if (b64_decode_err(s, arg.len, &decoded, &x->err) != 0) {
        rc = -1;
    } else if (starts_with(&decoded, "-----BEGIN")) {
        rc = certs_from_pem(x, decoded.data, decoded.len, der_store);
    } else {
        rg_buf_append(der_store, decoded.data ? decoded.data : "", decoded.len);
    }
    rg_buf_fini(&decoded);
    if (rc == 0) rc = parse_certificates(x, (der){(const unsigned char *)der_store->data, der_store->len}, with_uris, out);
    return rc;
}

static rg_value pair(rg_arena *a, rg_value x, rg_value y) {
    rg_value items[2] = {x, y};
    return rg_array(a, items, 2);
}

static int bi_parse_certificates(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0)) return RG_BI_ERROR;
    xp x = {rg_bi_arena(ctx), RG_BUF_INIT};
    cert_list *certs = rg_xcalloc(1, sizeof *certs);
    rg_buf store = RG_BUF_INIT;
    int rc = certs_from_string(&x, args[0], true, certs, &store);
    if (rc) rc = rg_bi_error(ctx, "%s", rg_buf_cstr(&x.err));
    else *out = rg_vec_to_array(x.a, &certs->values);
    rg_vec_fini(&certs->values);
    free(certs);
    rg_buf_fini(&store);
    rg_buf_fini(&x.err);
    return rc ? RG_BI_ERROR : RG_BI_OK;
}

/* ------------------------------------------------------------------------
 * Chain verification (OpenSSL), with Go's extended key usage rules
 * ---------------------------------------------------------------------- */

typedef struct verify_opts {
    rg_value dns_name;    /* string or RG_UNDEFINED */
    bool has_time;
    int64_t time_ns;
    int usages[16];
    int nusages;          /* 0: server authentication, as Go defaults */
} verify_opts;

static bool cert_has_usage(rg_value cert, int usage) {
    rg_value eku = rg_object_get_str(cert, "ExtKeyUsage");
    for (size_t i = 0; eku.kind == RG_ARRAY && i < eku.len; i++)
        if (rg_is_int(eku.u.items[i]) && eku.u.items[i].u.i == usage) return true;
    return false;
}

/* Go's checkChainForKeyUsage over chain (leaf first). */
static bool chain_key_usage_ok(rg_value *chain, size_t n, const verify_opts *vo) {
    int want[16];
    int left = vo->nusages ? vo->nusages : 1;
    if (vo->nusages) memcpy(want, vo->usages, sizeof want);
    else want[0] = 1;
    for (int i = 0; i < left; i++)
        if (want[i] == 0) return true; /* any usage requested */
    int remaining = left;
    for (size_t c = n; c-- > 0;) {
        rg_value eku = rg_object_get_str(chain[c], "ExtKeyUsage"), unk = rg_object_get_str(chain[c], "UnknownExtKeyUsage");
        if (eku.kind != RG_ARRAY && unk.kind != RG_ARRAY) continue;
        if (cert_has_usage(chain[c], 0)) continue;
        for (int i = 0; i < left; i++) {
            if (want[i] < 0 || cert_has_usage(chain[c], want[i])) continue;
            want[i] = -1;
            if (--remaining == 0) return false;
        }
    }
    return true;
}

static X509 *to_x509(der d) {
    const unsigned char *p = d.p;
    return d2i_X509(NULL, &p, (long)d.n);
}

static void set_verify_params(X509_STORE_CTX *vctx, const verify_opts *vo) {
    X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param(vctx);
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
    if (vo->has_time) {
        int64_t secs = vo->time_ns / 1000000000;
        if (vo->time_ns % 1000000000 < 0) secs--;
        X509_VERIFY_PARAM_set_time(param, (time_t)secs);
    }
    if (vo->dns_name.kind == RG_STRING && vo->dns_name.len) {
        const char *name = vo->dns_name.u.s;
        X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NEVER_CHECK_SUBJECT | X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        if (X509_VERIFY_PARAM_set1_ip_asc(param, name) != 1) X509_VERIFY_PARAM_set1_host(param, name, vo->dns_name.len);
    }
}

/* Verifies certs[last] up to certs[0] (the root, trusted); on success the
 * chain (leaf first) goes into chain_out.  Returns false when it fails. */
static bool verify_chain(const cert_list *certs, const verify_opts *vo, rg_vec *chain_out) {
    size_t n = certs->values.len;
    if (n < 2) return false;
    X509 **xs = rg_xcalloc(n, sizeof *xs);
    X509_STORE *store = X509_STORE_new();
    STACK_OF(X509) *mid = sk_X509_new_null();
    X509_STORE_CTX *vctx = X509_STORE_CTX_new();
    bool ok = store && mid && vctx;
    for (size_t i = 0; ok && i < n; i++) ok = (xs[i] = to_x509(certs->raw[i])) != NULL;
    if (ok) ok = X509_STORE_add_cert(store, xs[0]) == 1;
    for (size_t i = 1; ok && i + 1 < n; i++) ok = sk_X509_push(mid, xs[i]) > 0;
    if (ok) ok = X509_STORE_CTX_init(vctx, store, xs[n - 1], mid) == 1;
    if (ok) {
        set_verify_params(vctx, vo);
        ok = X509_verify_cert(vctx) == 1;
    }
    STACK_OF(X509) *chain = ok ? X509_STORE_CTX_get0_chain(vctx) : NULL;
    for (int i = 0; ok && chain && i < sk_X509_num(chain); i++) {
        X509 *c = sk_X509_value(chain, i);
        size_t j = 0;
        while (j < n && X509_cmp(c, xs[j]) != 0) j++;
        if (j == n) ok = false;
        else rg_vec_push(chain_out, certs->values.items[j]);
    }
    if (ok) ok = chain_key_usage_ok(chain_out->items, chain_out->len, vo);
    X509_STORE_CTX_free(vctx);
    sk_X509_free(mid);
    X509_STORE_free(store);
    for (size_t i = 0; i < n; i++) X509_free(xs[i]);
    free(xs);
    return ok;
}

static const char *const usage_names[] = {
    "KeyUsageAny",           "KeyUsageServerAuth",          "KeyUsageClientAuth",       "KeyUsageCodeSigning",
    "KeyUsageEmailProtection", "KeyUsageIPSECEndSystem",    "KeyUsageIPSECTunnel",      "KeyUsageIPSECUser",
    "KeyUsageTimeStamping",  "KeyUsageOCSPSigning",         "KeyUsageMicrosoftServerGatedCrypto",
    "KeyUsageNetscapeServerGatedCrypto", "KeyUsageMicrosoftCommercialCodeSigning", "KeyUsageMicrosoftKernelCodeSigning",
};

static int opt_key_usages(rg_bi_ctx *ctx, rg_value v, verify_opts *vo) {
    if (v.kind != RG_ARRAY && v.kind != RG_SET) return rg_bi_error(ctx, "'KeyUsages' should be an Array or Set");
    rg_buf bad = RG_BUF_INIT;
    size_t nbad = 0;
    for (size_t i = 0; i < v.len; i++) {
        rg_value u = v.u.items[i];
        if (u.kind != RG_STRING) continue;
        int code = -1;
        for (int k = 0; k < 14; k++)
            if (strlen(usage_names[k]) == u.len && memcmp(usage_names[k], u.u.s, u.len) == 0) code = k;
        if (code < 0) {
            rg_buf_printf(&bad, "%s%.*s", nbad++ ? " " : "", (int)u.len, u.u.s);
        } else if (vo->nusages < 16) {
            vo->usages[vo->nusages++] = code;
        }
    }
    int rc = 0;
    if (nbad) rc = rg_bi_error(ctx, "invalid entries for 'KeyUsages' found: [%s]", rg_buf_cstr(&bad));
    rg_buf_fini(&bad);
    return rc;
}

/* OPA's extractVerifyOpts. */
static int verify_options(rg_bi_ctx *ctx, rg_value opts, verify_opts *vo) {
    for (size_t i = 0; i < opts.len; i++) {
        rg_value k = rg_obj_key(opts, i), v = rg_obj_val(opts, i);
        if (k.kind != RG_STRING) continue;
        const char *key = k.len ? k.u.s : "";
        if (!strcmp(key, "DNSName")) {
            if (v.kind != RG_STRING) return rg_bi_error(ctx, "'DNSName' should be a string");
            vo->dns_name = v;
        } else if (!strcmp(key, "CurrentTime")) {
            if (v.kind != RG_NUMBER) return rg_bi_error(ctx, "'CurrentTime' should be a number");
            if (!rg_num_to_int64(v, &vo->time_ns)) return rg_bi_error(ctx, "'CurrentTime' should be a valid int64 number");
            vo->has_time = true;
        } else if (!strcmp(key, "MaxConstraintComparisons")) {
            int64_t ignored;
            if (v.kind != RG_NUMBER) return rg_bi_error(ctx, "'MaxConstraintComparisons' should be a number");
            if (!rg_num_to_int64(v, &ignored)) return rg_bi_error(ctx, "'MaxConstraintComparisons' should be a valid number");
        } else if (!strcmp(key, "KeyUsages")) {
            if (opt_key_usages(ctx, v, vo)) return RG_BI_ERROR;
        } else {
            return rg_bi_error(ctx, "invalid key option");
        }
    }
    return 0;
}

static int parse_and_verify(rg_bi_ctx *ctx, const rg_value *args, bool with_options, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0)) return RG_BI_ERROR;
    if (with_options && rg_bi_want_kind(ctx, args, 1, RG_T_OBJ)) return RG_BI_ERROR;
    rg_arena *a = rg_bi_arena(ctx);
    xp x = {a, RG_BUF_INIT};
    cert_list *certs = rg_xcalloc(1, sizeof *certs);
    rg_buf store = RG_BUF_INIT;
    rg_vec chain = RG_VEC_INIT;
    verify_opts vo;
    memset(&vo, 0, sizeof vo);
    vo.dns_name = rg_undefined();
    int rc = RG_BI_OK;
    *out = pair(a, rg_bool(false), rg_empty_array());
    if (certs_from_string(&x, args[0], true, certs, &store) == 0) {
        if (with_options && verify_options(ctx, args[1], &vo)) rc = RG_BI_ERROR;
        else if (verify_chain(certs, &vo, &chain)) *out = pair(a, rg_bool(true), rg_vec_to_array(a, &chain));
    }
    rg_vec_fini(&chain);
    rg_vec_fini(&certs->values);
    free(certs);
    rg_buf_fini(&store);
    rg_buf_fini(&x.err);
    return rc;
}

static int bi_parse_and_verify(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return parse_and_verify(ctx, args, false, out);
}

static int bi_parse_and_verify_opts(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return parse_and_verify(ctx, args, true, out);
}

/* ------------------------------------------------------------------------
 * Certificate requests, key pairs and RSA private keys
 * ---------------------------------------------------------------------- */

static int bi_parse_csr(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0)) return RG_BI_ERROR;
    xp x = {rg_bi_arena(ctx), RG_BUF_INIT};
    rg_buf bytes = RG_BUF_INIT;
    pem_block b = {NULL, RG_BUF_INIT};
    const char *s = args[0].len ? args[0].u.s : "";
    int rc = 0;
    if (!has_prefix(s, args[0].len, "-----BEGIN CERTIFICATE REQUEST-----")) rc = b64_decode_err(s, args[0].len, &bytes, &x.err);
    else rg_buf_append(&bytes, s, args[0].len);
    size_t used;
    der d = {(const unsigned char *)(bytes.data ? bytes.data : ""), bytes.len};
    if (rc == 0 && pem_next(bytes.data ? bytes.data : "", bytes.len, &b, &used)) {
        if (strcmp(b.type, "CERTIFICATE REQUEST") != 0) rc = xfail(&x, "invalid PEM-encoded certificate signing request");
        d = (der){(const unsigned char *)(b.bytes.data ? b.bytes.data : ""), b.bytes.len};
    }
    if (rc == 0) rc = parse_csr(&x, d, out);
    if (rc) rg_bi_error(ctx, "%s", rg_buf_cstr(&x.err));
    pem_fini(&b);
    rg_buf_fini(&bytes);
    rg_buf_fini(&x.err);
    return rc ? RG_BI_ERROR : RG_BI_OK;
}

/* tls's parsePrivateKey: PKCS #1, then PKCS #8, then SEC 1. */
static int tls_private_key(xp *x, der d, privkey *k) {
    xp sub = {x->a, RG_BUF_INIT};
    int rc = parse_pkcs1(&sub, d, k);
    if (rc) {
        sub.err.len = 0;
        rc = parse_pkcs8(&sub, d, k);
    }
    if (rc) {
        sub.err.len = 0;
        rc = parse_sec1(&sub, d, NULL, k);
    }
    rg_buf_fini(&sub.err);
    return rc ? xfail(x, "tls: failed to parse private key") : 0;
}

/* An argument as PEM text: base64 is decoded, DER is wrapped as type. */
static int keypair_pem(xp *x, rg_value arg, rg_buf *pem) {
    const char *s = arg.len ? arg.u.s : "";
    if (has_prefix(s, arg.len, "-----BEGIN")) {
        rg_buf_append(pem, s, arg.len);
        return 0;
    }
    return b64_decode_err(s, arg.len, pem, &x->err);
}

static void list_types(rg_buf *b, char **types, size_t n) {
    rg_buf_putc(b, '[');
    for (size_t i = 0; i < n; i++) rg_buf_printf(b, "%s%s", i ? " " : "", types[i]);
    rg_buf_putc(b, ']');
}

/* The DER certificates of the certificate input (tls.X509KeyPair rules). */
static int keypair_certs(xp *x, const rg_buf *pem, rg_vec *ders, rg_buf *store, size_t *offsets) {
    if (!starts_with(pem, "-----BEGIN")) { /* DER */
        offsets[0] = 0;
        rg_buf_append(store, pem->data ? pem->data : "", pem->len);
        rg_vec_push(ders, rg_int((int64_t)pem->len));
        return 0;
    }
    char *skipped[16];
    size_t nskipped = 0, pos = 0, used;
    pem_block b = {NULL, RG_BUF_INIT};
    while (pos < pem->len && pem_next(pem->data + pos, pem->len - pos, &b, &used) && ders->len < MAX_CERTS) {
        pos += used;
        if (!strcmp(b.type, "CERTIFICATE")) {
            offsets[ders->len] = store->len;
            rg_buf_append(store, b.bytes.data ? b.bytes.data : "", b.bytes.len);
            rg_vec_push(ders, rg_int((int64_t)b.bytes.len));
        } else if (nskipped < 16) {
            skipped[nskipped++] = rg_arena_strdup(x->a, b.type);
        }
    }
    pem_fini(&b);
    if (ders->len) return 0;
    if (!nskipped) return xfail(x, "tls: failed to find any PEM data in certificate input");
    size_t tl = strlen(skipped[0]);
    if (nskipped == 1 && tl >= 11 && !strcmp(skipped[0] + tl - 11, "PRIVATE KEY"))
        return xfail(x, "tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched");
    rg_buf t = RG_BUF_INIT;
    list_types(&t, skipped, nskipped);
    xfail(x, "tls: failed to find \"CERTIFICATE\" PEM block in certificate input after skipping PEM blocks of the following types: %s", rg_buf_cstr(&t));
    rg_buf_fini(&t);
    return -1;
}

/* The private key block of the key input (tls.X509KeyPair rules). */
static int keypair_key(xp *x, const rg_buf *pem, privkey *k) {
    if (!starts_with(pem, "-----BEGIN"))
        return tls_private_key(x, (der){(const unsigned char *)(pem->data ? pem->data : ""), pem->len}, k);
    char *skipped[16];
    size_t nskipped = 0, pos = 0, used;
    pem_block b = {NULL, RG_BUF_INIT};
    int rc = 1;
    while (rc == 1) {
        if (pos >= pem->len || !pem_next(pem->data + pos, pem->len - pos, &b, &used)) {
            rc = -1;
            break;
        }
        pos += used;
        size_t tl = strlen(b.type);
        if (!strcmp(b.type, "PRIVATE KEY") || (tl >= 12 && !strcmp(b.type + tl - 12, " PRIVATE KEY")))
            rc = tls_private_key(x, (der){(const unsigned char *)(b.bytes.data ? b.bytes.data : ""), b.bytes.len}, k);
        else if (nskipped < 16) skipped[nskipped++] = rg_arena_strdup(x->a, b.type);
    }
    pem_fini(&b);
    if (rc != -1 || x->err.len) return rc;
    if (!nskipped) return xfail(x, "tls: failed to find any PEM data in key input");
    if (nskipped == 1 && !strcmp(skipped[0], "CERTIFICATE"))
        return xfail(x, "tls: found a certificate rather than a key in the PEM for the private key");
    rg_buf t = RG_BUF_INIT;
    list_types(&t, skipped, nskipped);
    xfail(x, "tls: failed to find PEM block with type ending in \"PRIVATE KEY\" in key input after skipping PEM blocks of the following types: %s", rg_buf_cstr(&t));
    rg_buf_fini(&t);
    return -1;
}

/* The certificate's public key against the private key. */
static int keypair_match(xp *x, int alg, der pub, const privkey *k) {
    if (alg != PK_RSA && alg != PK_ECDSA && alg != PK_ED25519) return xfail(x, "tls: unknown public key algorithm");
    if (alg != k->alg) return xfail(x, "tls: private key type does not match public key type");
    bool same;
    if (alg == PK_RSA) {
        mpz_t n;
        mpz_init(n);
        mpz_import(n, pub.n, 1, 1, 1, 0, pub.p);
        same = mpz_cmp(n, k->n) == 0;
        mpz_clear(n);
    } else if (alg == PK_ECDSA) {
        same = pub.n == 1 + 2 * k->clen && !memcmp(pub.p + 1, k->x, k->clen) && !memcmp(pub.p + 1 + k->clen, k->y, k->clen);
    } else {
        same = pub.n == 32 && !memcmp(pub.p, k->ed + 32, 32);
    }
    return same ? 0 : xfail(x, "tls: private key does not match public key");
}

/* The leaf's public key algorithm and raw key (reparsed from its SPKI). */
static int leaf_public_key(xp *x, der cert, int *alg, der *raw) {
    der c = cert, tbs, skip, spki;
    pubkey pk;
    bool ok = der_read(&c, T_SEQ, &c) && der_read(&c, T_SEQ, &tbs);
    if (ok && der_peek(&tbs, CTX_CONS(0))) ok = der_any(&tbs, NULL, NULL, NULL);
    for (int i = 0; ok && i < 5; i++) ok = der_any(&tbs, NULL, &skip, NULL); /* serial .. subject */
    if (!ok || !der_read(&tbs, T_SEQ, &spki) || parse_spki(x, spki, &pk)) return xfail(x, "x509: malformed certificate");
    *alg = pk.alg;
    *raw = pk.raw;
    return 0;
}

static int keypair(xp *x, const rg_value *args, rg_value *out) {
    rg_buf cpem = RG_BUF_INIT, kpem = RG_BUF_INIT, store = RG_BUF_INIT;
    rg_vec lens = RG_VEC_INIT, ders = RG_VEC_INIT;
    size_t *offsets = rg_xcalloc(MAX_CERTS, sizeof *offsets);
    privkey k;
    privkey_init(&k);
    int rc = keypair_pem(x, args[0], &cpem);
    if (rc == 0) rc = keypair_pem(x, args[1], &kpem);
    if (rc == 0) rc = keypair_certs(x, &cpem, &lens, &store, offsets);
    der leaf = {NULL, 0};
    rg_value leaf_json = rg_null(), uris;
    if (rc == 0) {
        der d = {(const unsigned char *)store.data + offsets[0], (size_t)lens.items[0].u.i};
        der in = d;
        rc = parse_certificate(x, &in, &leaf_json, &uris, &leaf);
        if (rc == 0 && in.n) rc = xfail(x, "x509: trailing data");
    }
    if (rc == 0) rc = keypair_key(x, &kpem, &k);
    int alg = 0;
    der pub;
    if (rc == 0) rc = leaf_public_key(x, leaf, &alg, &pub);
    if (rc == 0) rc = keypair_match(x, alg, pub, &k);
    if (rc == 0) {
        for (size_t i = 0; i < lens.len; i++)
            rg_vec_push(&ders, b64_value(x->a, (const unsigned char *)store.data + offsets[i], (size_t)lens.items[i].u.i));
        ob o = {RG_VEC_INIT};
        put(&o, "Certificate", rg_vec_to_array(x->a, &ders));
        put(&o, "PrivateKey", privkey_go_json(x->a, &k));
        put(&o, "SupportedSignatureAlgorithms", rg_null());
        put(&o, "OCSPStaple", rg_null());
        put(&o, "SignedCertificateTimestamps", rg_null());
        put(&o, "Leaf", leaf_json);
        *out = ob_done(x->a, &o);
    }
    privkey_fini(&k);
    free(offsets);
    rg_vec_fini(&lens);
    rg_vec_fini(&ders);
    rg_buf_fini(&cpem);
    rg_buf_fini(&kpem);
    rg_buf_fini(&store);
    return rc;
}

static int bi_parse_keypair(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0) || rg_bi_want_string(ctx, args, 1)) return RG_BI_ERROR;
    xp x = {rg_bi_arena(ctx), RG_BUF_INIT};
    int rc = keypair(&x, args, out);
    if (rc) rg_bi_error(ctx, "%s", rg_buf_cstr(&x.err));
    rg_buf_fini(&x.err);
    return rc ? RG_BI_ERROR : RG_BI_OK;
}

/* getRSAPrivateKeyFromPEM: PKCS #1 or PKCS #8 by block type. */
static int rsa_key_from_pem(xp *x, const char *s, size_t n, privkey *k) {
    pem_block b = {NULL, RG_BUF_INIT};
    size_t used;
    int rc;
    if (!pem_next(s, n, &b, &used)) {
        pem_fini(&b);
        return xfail(x, "failed to parse PEM block containing the key");
    }
    der d = {(const unsigned char *)(b.bytes.data ? b.bytes.data : ""), b.bytes.len};
    if (!strcmp(b.type, "RSA PRIVATE KEY")) rc = parse_pkcs1(x, d, k);
    else if (!strcmp(b.type, "PRIVATE KEY")) rc = parse_pkcs8(x, d, k);
    else rc = xfail(x, "PEM block type is '%s', expected RSA PRIVATE KEY or PRIVATE KEY", b.type);
    pem_fini(&b);
    return rc;
}

static int bi_parse_rsa_private_key(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0)) return RG_BI_ERROR;
    xp x = {rg_bi_arena(ctx), RG_BUF_INIT};
    rg_buf text = RG_BUF_INIT;
    privkey k;
    privkey_init(&k);
    const char *s = args[0].len ? args[0].u.s : "";
    int rc = 0;
    if (has_prefix(s, args[0].len, "-----BEGIN")) rg_buf_append(&text, s, args[0].len);
    else rc = b64_decode_err(s, args[0].len, &text, &x.err);
    if (rc == 0) rc = rsa_key_from_pem(&x, text.data ? text.data : "", text.len, &k);
    if (rc == 0) {
        const char *err = privkey_jwk(x.a, &k, out);
        if (err) rc = xfail(&x, "%s", err);
    }
    if (rc) rg_bi_error(ctx, "%s", rg_buf_cstr(&x.err));
    privkey_fini(&k);
    rg_buf_fini(&text);
    rg_buf_fini(&x.err);
    return rc ? RG_BI_ERROR : RG_BI_OK;
}

const rg_builtin_def rg_builtins_x509[] = {
    {"crypto.x509.parse_certificates", bi_parse_certificates, 1, RG_ARGS(RG_T_STR), RG_T_ARR, 0},
    {"crypto.x509.parse_and_verify_certificates", bi_parse_and_verify, 1, RG_ARGS(RG_T_STR), RG_T_ARR, 0},
    {"crypto.x509.parse_and_verify_certificates_with_options", bi_parse_and_verify_opts, 2,
     RG_ARGS(RG_T_STR, RG_T_OBJ), RG_T_ARR, 0},
    {"crypto.x509.parse_certificate_request", bi_parse_csr, 1, RG_ARGS(RG_T_STR), RG_T_OBJ, 0},
    {"crypto.x509.parse_keypair", bi_parse_keypair, 2, RG_ARGS(RG_T_STR, RG_T_STR), RG_T_OBJ, 0},
    {"crypto.x509.parse_rsa_private_key", bi_parse_rsa_private_key, 1, RG_ARGS(RG_T_STR), RG_T_OBJ, 0},
    {0},
};
