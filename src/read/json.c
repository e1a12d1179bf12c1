/* JSON reader (RFC 8259) with source positions.
 *
 * Iterative, not recursive: open containers live on an explicit frame stack
 * bounded by RG_READ_MAX_DEPTH and finished values on a scratch value stack,
 * so hostile nesting can neither overflow the C stack nor take long.  When a
 * container closes, its elements are copied once into the arena and the
 * positions of the final slots are recorded in the source map. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read_internal.h"

typedef struct frame {
    size_t start; /* index of the first element on the value stack */
    rg_pos pos;
    bool is_obj;
} frame;

typedef struct jp {
    const char *src, *p, *end;
    const char *line_start;
    uint32_t line;
    rg_arena *a;
    rg_srcmap *map;
    int flags;
    const char *file;
    rg_diags *diags;
    /* finished values awaiting their container, with their positions */
    rg_value *vals;
    rg_pos *poss;
    size_t n, cap;
    frame frames[RG_READ_MAX_DEPTH];
    int depth;
    rg_buf sbuf; /* scratch for strings with escapes */
} jp;

static rg_pos pos_at(const jp *j, const char *at) {
    return (rg_pos){j->line, (uint32_t)(at - j->line_start) + 1};
}

static int fail_at(jp *j, rg_pos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail_at(jp *j, rg_pos pos, const char *fmt, ...) {
    rg_buf b = RG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    rg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    rg_diags_add(j->diags, "json_parse_error", j->file, (int)pos.line, (int)pos.col, "%s", rg_buf_cstr(&b));
    rg_buf_fini(&b);
    return -1;
}

static void push(jp *j, rg_value v, rg_pos pos) {
    if (j->n == j->cap) {
        j->cap *= 2;
        j->vals = rg_xrealloc(j->vals, j->cap * sizeof *j->vals);
        j->poss = rg_xrealloc(j->poss, j->cap * sizeof *j->poss);
    }
    j->vals[j->n] = v;
    j->poss[j->n] = pos;
    j->n++;
}

static inline void skip_ws(jp *j) {
    const char *p = j->p, *end = j->end;
    while (p < end) {
        char c = *p;
        if (c == ' ' || c == '\t') {
            p++;
        } else if (c == '\n' || c == '\r') {
            p++;
            if (c == '\r' && p < end && *p == '\n') p++;
            j->line++;
            j->line_start = p;
        } else {
            break;
        }
    }
    j->p = p;
}

/* ---- strings ---- */

/* Length of the valid UTF-8 sequence at p (RFC 3629: no overlongs, no
 * surrogates, at most U+10FFFF), or 0. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end) {
    unsigned char c = p[0];
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else return 0;
    if ((size_t)(end - p) < n) return 0;
    if (p[1] < lo || p[1] > hi) return 0;
    for (size_t i = 2; i < n; i++)
        if (p[i] < 0x80 || p[i] > 0xBF) return 0;
    return n;
}

/* Offset of the first NUL byte or invalid UTF-8 sequence within the first
 * 4 KB, or SIZE_MAX: tells binary files from malformed JSON text. */
static size_t binary_offset(const char *s, size_t len, const char **what) {
    const unsigned char *p = (const unsigned char *)s, *end = p + (len < 4096 ? len : 4096);
    for (const unsigned char *q = p; q < end;) {
        if (*q == 0) return *what = "NUL byte", (size_t)(q - p);
        if (*q < 0x80) {
            q++;
            continue;
        }
        size_t n = utf8_len(q, (const unsigned char *)s + len);
        if (!n) return *what = "invalid UTF-8", (size_t)(q - p);
        q += n;
    }
    return SIZE_MAX;
}

/* "unexpected character 'x'" or, for bytes that are not printable ASCII,
 * their hex value; `expect` (may be NULL) says what would have been valid. */
static int fail_unexpected(jp *j, const char *expect) {
    rg_pos pos = pos_at(j, j->p);
    if (j->p >= j->end) return fail_at(j, pos, "unexpected end of input");
    const char *kind;
    size_t off = binary_offset(j->src, (size_t)(j->end - j->src), &kind);
    if (off != SIZE_MAX) return fail_at(j, pos, "not a JSON text file: binary data (%s at byte %zu)", kind, off);
    unsigned char c = (unsigned char)*j->p;
    char what[32];
    if (c >= 0x20 && c < 0x7f) snprintf(what, sizeof what, "character '%c'", c);
    else snprintf(what, sizeof what, "byte 0x%02X", c);
    if (expect) return fail_at(j, pos, "unexpected %s (expected %s)", what, expect);
    return fail_at(j, pos, "unexpected %s", what);
}

static int hex4(const char *p, const char *end, unsigned *out) {
    if (end - p < 4) return -1;
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

static void put_utf8(rg_buf *b, unsigned cp) {
    char u[4];
    size_t n;
    if (cp < 0x80) u[0] = (char)cp, n = 1;
    else if (cp < 0x800) u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    else if (cp < 0x10000)
        u[0] = (char)(0xE0 | cp >> 12), u[1] = (char)(0x80 | ((cp >> 6) & 0x3F)), u[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    else
        u[0] = (char)(0xF0 | cp >> 18), u[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
    rg_buf_append(b, u, n);
}

/* Decodes the escape at p (pointing at the backslash) into sbuf; returns the
 * position after it, or NULL after reporting an error. */
static const char *decode_escape(jp *j, const char *p) {
    const char *end = j->end;
    if (p + 1 >= end) return fail_at(j, pos_at(j, p), "unterminated string"), NULL;
    char c = p[1], out;
    switch (c) {
    case '"': out = '"'; break;
    case '\\': out = '\\'; break;
    case '/': out = '/'; break;
    case 'b': out = '\b'; break;
    case 'f': out = '\f'; break;
    case 'n': out = '\n'; break;
    case 'r': out = '\r'; break;
    case 't': out = '\t'; break;
    case 'u': {
        unsigned cp, lo;
        if (hex4(p + 2, end, &cp)) return fail_at(j, pos_at(j, p), "invalid \\u escape (expected 4 hex digits)"), NULL;
        p += 6;
        if (cp >= 0xD800 && cp <= 0xDBFF && end - p >= 6 && p[0] == '\\' && p[1] == 'u' && !hex4(p + 2, end, &lo) &&
            lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            p += 6;
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD; /* lone surrogate: replaced, as Go's decoder (and so OPA) does */
        }
        put_utf8(&j->sbuf, cp);
        return p;
    }
    default:
        if ((unsigned char)c >= 0x20 && (unsigned char)c < 0x7f)
            return fail_at(j, pos_at(j, p), "invalid escape '\\%c' in string", c), NULL;
        return fail_at(j, pos_at(j, p), "invalid escape in string"), NULL;
    }
    rg_buf_putc(&j->sbuf, out);
    return p + 2;
}

/* General string path: escapes, non-ASCII (validated), errors.  p is just
 * past the opening quote. */
static int parse_string_slow(jp *j, const char *open, const char *p, rg_value *out) {
    const char *end = j->end, *run = open + 1;
    bool escaped = false;
    j->sbuf.len = 0;
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c == '"') {
            if (!escaped) {
                *out = rg_string(j->a, open + 1, (size_t)(p - open - 1));
            } else {
                rg_buf_append(&j->sbuf, run, (size_t)(p - run));
                *out = rg_string(j->a, j->sbuf.data, j->sbuf.len);
            }
            j->p = p + 1;
            return 0;
        }
        if (c == '\\') {
            escaped = true;
            rg_buf_append(&j->sbuf, run, (size_t)(p - run));
            if (!(p = decode_escape(j, p))) return -1;
            run = p;
        } else if (c < 0x20) {
            if (c == '\n' || c == '\r') return fail_at(j, pos_at(j, open), "unterminated string (line break inside it)");
            return fail_at(j, pos_at(j, p), "control character 0x%02X in string (must be escaped)", c);
        } else if (c >= 0x80) {
            size_t n = utf8_len((const unsigned char *)p, (const unsigned char *)end);
            if (!n) return fail_at(j, pos_at(j, p), "invalid UTF-8 in string (byte 0x%02X)", c);
            p += n;
        } else {
            p++;
        }
    }
    return fail_at(j, pos_at(j, open), "unterminated string");
}

/* j->p points at the opening quote. */
static int parse_string(jp *j, rg_value *out) {
    const char *open = j->p, *p = open + 1, *end = j->end;
    /* Fast path: plain ASCII without escapes, the common case. */
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
        p++;
    }
    if (p < end && *p == '"') {
        *out = rg_string(j->a, open + 1, (size_t)(p - open - 1));
        j->p = p + 1;
        return 0;
    }
    return parse_string_slow(j, open, p, out);
}

/* ---- numbers and literals ---- */

static inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

static int parse_number(jp *j, rg_value *out) {
    const char *s = j->p, *p = s, *end = j->end;
    rg_pos pos = pos_at(j, s);
    if (*p == '-') p++;
    if (p >= end || !is_digit(*p)) return fail_at(j, pos, "invalid number (no digits after '-')");
    if (*p == '0') {
        p++;
        if (p < end && is_digit(*p)) return fail_at(j, pos, "invalid number (leading zero)");
    } else {
        while (p < end && is_digit(*p)) p++;
    }
    const char *int_end = p;
    if (p < end && *p == '.') {
        p++;
        if (p >= end || !is_digit(*p)) return fail_at(j, pos, "invalid number (no digits after '.')");
        while (p < end && is_digit(*p)) p++;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-')) p++;
        if (p >= end || !is_digit(*p)) return fail_at(j, pos, "invalid number (no digits in exponent)");
        while (p < end && is_digit(*p)) p++;
    }
    j->p = p;
    size_t digits = (size_t)(int_end - s) - (*s == '-');
    if (p == int_end && digits <= 18) {
        /* Small integers: no copy, no strtoll. */
        int64_t v = 0;
        for (const char *q = s + (*s == '-'); q < int_end; q++) v = v * 10 + (*q - '0');
        *out = rg_int(*s == '-' ? -v : v);
        return 0;
    }
    *out = rg_number_parse(j->a, s, (size_t)(p - s));
    if (out->kind != RG_NUMBER || (out->sub == RG_NUM_FLOAT && !isfinite(out->u.d)))
        return fail_at(j, pos, "number out of range");
    return 0;
}

static int parse_literal(jp *j, rg_value *out) {
    const char *p = j->p;
    size_t left = (size_t)(j->end - p);
    if (left >= 4 && !memcmp(p, "true", 4)) *out = rg_bool(true), j->p += 4;
    else if (left >= 5 && !memcmp(p, "false", 5)) *out = rg_bool(false), j->p += 5;
    else if (left >= 4 && !memcmp(p, "null", 4)) *out = rg_null(), j->p += 4;
    else return fail_at(j, pos_at(j, p), "invalid literal (expected true, false or null)");
    /* "nullx" is one bad token, not null followed by garbage. */
    if (j->p < j->end && ((*j->p >= 'a' && *j->p <= 'z') || (*j->p >= 'A' && *j->p <= 'Z') || is_digit(*j->p)))
        return fail_at(j, pos_at(j, p), "invalid literal (expected true, false or null)");
    return 0;
}

static int parse_scalar(jp *j, rg_value *out) {
    char c = *j->p;
    if (c == '"') return parse_string(j, out);
    if (c == '-' || is_digit(c)) return parse_number(j, out);
    if (c == 't' || c == 'f' || c == 'n') return parse_literal(j, out);
    return fail_unexpected(j, NULL);
}

/* ---- containers ---- */

static int finish_object(jp *j, const frame *f, rg_value *out) {
    size_t n = (j->n - f->start) / 2;
    rg_read_dup dup;
    if (rg_read_object(j->a, j->vals + f->start, j->poss + f->start, n, j->flags, j->map, out, &dup) == 0)
        return 0;
    rg_buf b = RG_BUF_INIT;
    rg_read_key_text(&b, dup.key);
    int rc = fail_at(j, dup.at, "duplicate key %s (first defined at line %u, column %u)", rg_buf_cstr(&b), dup.first.line,
                     dup.first.col);
    rg_buf_fini(&b);
    return rc;
}

/* Closes the innermost container: its elements become one arena array and
 * the container takes their place on the value stack. */
static int close_container(jp *j) {
    const frame *f = &j->frames[--j->depth];
    rg_value v;
    if (f->is_obj) {
        if (finish_object(j, f, &v)) return -1;
    } else {
        v = rg_array(j->a, j->vals + f->start, j->n - f->start);
        if (j->map)
            for (size_t i = 0; i < v.len; i++) rg_srcmap_put(j->map, &v.u.items[i], j->poss[f->start + i]);
    }
    j->n = f->start;
    push(j, v, f->pos);
    return 0;
}

/* Parses `"key" :` and leaves j->p at the value. */
static int parse_key(jp *j) {
    if (j->p >= j->end || *j->p != '"') return fail_unexpected(j, "a string key");
    rg_pos pos = pos_at(j, j->p);
    rg_value k;
    if (parse_string(j, &k)) return -1;
    push(j, k, pos);
    skip_ws(j);
    if (j->p >= j->end || *j->p != ':') return fail_unexpected(j, "':' after the key");
    j->p++;
    skip_ws(j);
    return 0;
}

/* Opens a container at j->p.  Returns 1 when the container was empty and is
 * already closed, 0 when a value (or key) is expected next, -1 on error. */
static int open_container(jp *j) {
    rg_pos pos = pos_at(j, j->p);
    bool is_obj = *j->p == '{';
    if (j->depth >= RG_READ_MAX_DEPTH) return fail_at(j, pos, "nesting deeper than %d levels", RG_READ_MAX_DEPTH);
    j->frames[j->depth++] = (frame){j->n, pos, is_obj};
    j->p++;
    skip_ws(j);
    if (j->p < j->end && *j->p == (is_obj ? '}' : ']')) {
        j->p++;
        return close_container(j) ? -1 : 1;
    }
    if (is_obj) return parse_key(j);
    return 0;
}

/* After a complete value inside a container: handles ',' and closing
 * brackets.  Returns 1 when the document's root value is complete, 0 when
 * the next value is expected at j->p, -1 on error. */
static int after_value(jp *j) {
    while (j->depth > 0) {
        skip_ws(j);
        const frame *f = &j->frames[j->depth - 1];
        char close = f->is_obj ? '}' : ']';
        if (j->p >= j->end) return fail_unexpected(j, NULL);
        if (*j->p == ',') {
            j->p++;
            skip_ws(j);
            if (j->p < j->end && *j->p == close) return fail_at(j, pos_at(j, j->p), "trailing comma before '%c'", close);
            return f->is_obj ? parse_key(j) : 0;
        }
        if (*j->p != close) return fail_unexpected(j, f->is_obj ? "',' or '}'" : "',' or ']'");
        j->p++;
        if (close_container(j)) return -1;
    }
    return 1;
}

static int parse_document(jp *j) {
    skip_ws(j);
    if (j->p >= j->end) return fail_at(j, pos_at(j, j->p), "unexpected end of input (empty document)");
    for (;;) {
        if (j->p >= j->end) return fail_unexpected(j, NULL);
        int rc;
        if (*j->p == '{' || *j->p == '[') {
            rc = open_container(j);
            if (rc <= 0) {
                if (rc < 0) return -1;
                continue;
            }
        } else {
            rg_pos pos = pos_at(j, j->p);
            rg_value v;
            if (parse_scalar(j, &v)) return -1;
            push(j, v, pos);
        }
        rc = after_value(j);
        if (rc < 0) return -1;
        if (rc == 1) break;
    }
    skip_ws(j);
    if (j->p < j->end) return fail_at(j, pos_at(j, j->p), "trailing characters after JSON value");
    return 0;
}

int rg_json_parse(rg_arena *a, const char *file, const char *src, size_t len, int flags, rg_srcmap *map,
                  rg_value *out, rg_diags *diags) {
    jp *j = rg_xcalloc(1, sizeof *j);
    j->p = src;
    j->end = src + len;
    if (len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3)) j->p += 3; /* UTF-8 BOM */
    j->src = j->line_start = j->p;
    j->line = 1;
    j->a = a;
    j->map = map;
    j->flags = flags;
    j->file = file;
    j->diags = diags;
    j->cap = 256; /* never NULL, even for an empty root container */
    j->vals = rg_xmalloc(j->cap * sizeof *j->vals);
    j->poss = rg_xmalloc(j->cap * sizeof *j->poss);
    int rc = parse_document(j);
    if (rc == 0) {
        *out = j->vals[0];
        if (map) rg_srcmap_set_root(map, j->poss[0]);
    }
    free(j->vals);
    free(j->poss);
    rg_buf_fini(&j->sbuf);
    free(j);
    return rc;
}
