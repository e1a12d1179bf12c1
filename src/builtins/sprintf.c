/* Builtins: sprintf, with the output of Go's fmt.Sprintf as OPA calls it.
 *
 * OPA hands Go these operands: an integer that fits in 64 bits as int, a
 * larger integer as *big.Int, any other number as float64, a string as its
 * raw text, and every other value (null, booleans, arrays, objects, sets) as
 * the string of its Rego text, e.g. [1, "a"] or {"a": 1} or set().  So %d of
 * a float prints "%!d(float64=1.5)", %s of an int "%!s(int=1)", %v of an
 * array its Rego text.  This file reimplements Go's verbs, flags, width,
 * precision, argument indexes and error annotations (%!d(MISSING),
 * %!(EXTRA ...), %!(NOVERB), %!(BADWIDTH), ...) for those four types. */
#include <gmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/families.h"

/* ---- operands ---- */

typedef enum { GA_INT, GA_BIG, GA_FLOAT, GA_STR } ga_kind;

typedef struct garg {
    ga_kind kind;
    int64_t i;     /* GA_INT */
    double d;      /* GA_FLOAT */
    const char *s; /* GA_STR text, GA_BIG decimal text (with '-') */
    size_t n;
    char *owned;   /* malloc'd text of a non-string value */
} garg;

static const char *type_name(const garg *a) {
    switch (a->kind) {
    case GA_INT: return "int";
    case GA_BIG: return "*big.Int";
    case GA_FLOAT: return "float64";
    default: return "string";
    }
}

/* ---- UTF-8 (Go's decoding rules: an invalid byte is U+FFFD, length 1) ---- */

static uint32_t u8_decode(const char *str, size_t n, size_t *len) {
    const unsigned char *s = (const unsigned char *)str;
    unsigned c = s[0];
    *len = 1;
    if (c < 0x80) return c;
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (need == 0 || c > 0xF4 || n < need) return 0xFFFD;
    uint32_t r = c & (0x7F >> need);
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0xFFFD;
        r = (r << 6) | (s[i] & 0x3F);
    }
    if ((need == 3 && r < 0x800) || (need == 4 && (r < 0x10000 || r > 0x10FFFF)) || (r >= 0xD800 && r <= 0xDFFF))
        return 0xFFFD;
    *len = need;
    return r;
}

static void put_rune(rg_buf *b, uint32_t r) {
    char o[4];
    if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
    if (r < 0x80) {
        rg_buf_putc(b, (char)r);
        return;
    }
    size_t n = r < 0x800 ? 2 : r < 0x10000 ? 3 : 4;
    static const unsigned char lead[] = {0, 0, 0xC0, 0xE0, 0xF0};
    for (size_t i = n - 1; i > 0; i--, r >>= 6) o[i] = (char)(0x80 | (r & 0x3F));
    o[0] = (char)(lead[n] | r);
    rg_buf_append(b, o, n);
}

static size_t rune_count(const char *s, size_t n) {
    size_t count = 0, len;
    for (size_t i = 0; i < n; i += len, count++) u8_decode(s + i, n - i, &len);
    return count;
}

/* ---- Go's strconv quoting ---- */

/* Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and
 * the ASCII space.  These are the non-ASCII code points of the other
 * categories (controls, format, surrogates, private use, separators) in
 * Unicode 14; of the unassigned ones only noncharacters are rejected, an
 * approximation (Go rejects every unassigned code point). */
static const uint32_t nonprint[][2] = {
    {0x80, 0xA0},       {0xAD, 0xAD},       {0x600, 0x605},     {0x61C, 0x61C},     {0x6DD, 0x6DD},
    {0x70F, 0x70F},     {0x890, 0x891},     {0x8E2, 0x8E2},     {0x1680, 0x1680},   {0x180E, 0x180E},
    {0x2000, 0x200F},   {0x2028, 0x202F},   {0x205F, 0x2064},   {0x2066, 0x206F},   {0x3000, 0x3000},
    {0xD800, 0xF8FF},   {0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},   {0x110BD, 0x110BD}, {0x110CD, 0x110CD},
    {0x13430, 0x13438}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001}, {0xE0020, 0xE007F},
    {0xF0000, 0x10FFFF},
};

static bool is_print(uint32_t r) {
    if (r < 0x80) return r >= 0x20 && r < 0x7F;
    if (r > 0x10FFFF || (r & 0xFFFE) == 0xFFFE || (r >= 0xFDD0 && r <= 0xFDEF)) return false;
    for (size_t i = 0; i < sizeof nonprint / sizeof *nonprint && r >= nonprint[i][0]; i++)
        if (r <= nonprint[i][1]) return false;
    return true;
}

static const char lower_hex[] = "0123456789abcdef";

static void escape_rune(rg_buf *b, uint32_t r, char quote, bool ascii_only) {
    static const char esc_from[] = "\a\b\f\n\r\t\v", esc_to[] = "abfnrtv";
    if (r == (uint32_t)quote || r == '\\') {
        rg_buf_putc(b, '\\');
        rg_buf_putc(b, (char)r);
        return;
    }
    if (ascii_only ? (r < 0x80 && is_print(r)) : is_print(r)) {
        put_rune(b, r);
        return;
    }
    const char *e = r && r < 0x80 ? strchr(esc_from, (int)r) : NULL;
    if (e) {
        rg_buf_putc(b, '\\');
        rg_buf_putc(b, esc_to[e - esc_from]);
    } else if (r < ' ' || r == 0x7F) {
        rg_buf_printf(b, "\\x%c%c", lower_hex[r >> 4], lower_hex[r & 0xF]);
    } else if (r < 0x10000) {
        rg_buf_printf(b, "\\u%04x", (unsigned)r);
    } else {
        rg_buf_printf(b, "\\U%08x", (unsigned)r);
    }
}

/* strconv.Quote (quote '"') and QuoteToASCII (ascii_only). */
static void go_quote(rg_buf *b, const char *s, size_t n, bool ascii_only) {
    rg_buf_putc(b, '"');
    for (size_t i = 0, len; i < n; i += len) {
        uint32_t r = u8_decode(s + i, n - i, &len);
        if (r == 0xFFFD && len == 1) {
            unsigned char c = (unsigned char)s[i];
            rg_buf_printf(b, "\\x%c%c", lower_hex[c >> 4], lower_hex[c & 0xF]);
        } else {
            escape_rune(b, r, '"', ascii_only);
        }
    }
    rg_buf_putc(b, '"');
}

/* strconv.CanBackquote */
static bool can_backquote(const char *s, size_t n) {
    for (size_t i = 0, len; i < n; i += len) {
        uint32_t r = u8_decode(s + i, n - i, &len);
        if ((r == 0xFFFD && len == 1) || r == 0xFEFF || (r < ' ' && r != '\t') || r == '`' || r == 0x7F) return false;
    }
    return true;
}

/* ---- Rego text of a value (OPA's Term.String) ---- */

#define MAX_DEPTH 1000

static void write_term(rg_buf *b, rg_value v, int depth) {
    if (depth > MAX_DEPTH) {
        rg_buf_puts(b, "...");
        return;
    }
    switch ((rg_kind)v.kind) {
    case RG_NULL: rg_buf_puts(b, "null"); return;
    case RG_BOOL: rg_buf_puts(b, v.u.b ? "true" : "false"); return;
    case RG_NUMBER: rg_num_write(b, v); return;
    case RG_STRING: go_quote(b, v.u.s, v.len, false); return;
    case RG_SET:
        if (v.len == 0) {
            rg_buf_puts(b, "set()");
            return;
        }
        /* fall through */
    case RG_ARRAY:
        rg_buf_putc(b, v.kind == RG_SET ? '{' : '[');
        for (size_t i = 0; i < v.len; i++) {
            if (i) rg_buf_puts(b, ", ");
            write_term(b, v.u.items[i], depth + 1);
        }
        rg_buf_putc(b, v.kind == RG_SET ? '}' : ']');
        return;
    case RG_OBJECT:
        rg_buf_putc(b, '{');
        for (size_t i = 0; i < v.len; i++) {
            if (i) rg_buf_puts(b, ", ");
            write_term(b, rg_obj_key(v, i), depth + 1);
            rg_buf_puts(b, ": ");
            write_term(b, rg_obj_val(v, i), depth + 1);
        }
        rg_buf_putc(b, '}');
        return;
    default: return;
    }
}

static garg to_garg(rg_value v) {
    garg a = {.kind = GA_STR};
    if (v.kind == RG_NUMBER && v.sub == RG_NUM_INT) {
        a.kind = GA_INT;
        a.i = v.u.i;
    } else if (v.kind == RG_NUMBER && v.sub == RG_NUM_BIG) {
        a.kind = GA_BIG;
        a.s = v.u.s;
        a.n = v.len;
    } else if (v.kind == RG_NUMBER && isfinite(v.u.d)) {
        a.kind = GA_FLOAT;
        a.d = v.u.d;
    } else if (v.kind == RG_STRING) {
        a.s = v.u.s;
        a.n = v.len;
    } else {
        rg_buf t = RG_BUF_INIT;
        write_term(&t, v, 0);
        a.n = t.len;
        a.owned = rg_buf_detach(&t);
        a.s = a.owned;
    }
    return a;
}

/* ---- the formatter (Go's fmt.fmt and fmt.pp) ---- */

typedef struct gfmt {
    rg_buf *out;
    int wid, prec;
    bool wid_present, prec_present, minus, plus, sharp, space, zero;
    bool plus_v, sharp_v; /* %+v and %#v: moved out of plus/sharp for 'v' */
} gfmt;

static void clear_flags(gfmt *f) {
    rg_buf *out = f->out;
    *f = (gfmt){.out = out};
}

static void put_repeat(rg_buf *b, char c, int n) {
    if (n <= 0) return;
    rg_buf_reserve(b, (size_t)n);
    memset(b->data + b->len, c, (size_t)n);
    b->len += (size_t)n;
    b->data[b->len] = 0;
}

static void write_padding(gfmt *f, int n) { put_repeat(f->out, f->zero ? '0' : ' ', n); }

/* Appends s padded to the width (counted in runes) on the left, or on the
 * right with the minus flag. */
static void pad(gfmt *f, const char *s, size_t n) {
    if (!f->wid_present || f->wid == 0) {
        rg_buf_append(f->out, s, n);
        return;
    }
    int width = f->wid - (int)rune_count(s, n);
    if (!f->minus) write_padding(f, width);
    rg_buf_append(f->out, s, n);
    if (f->minus) write_padding(f, width);
}

/* pad() with the zero flag off: numbers do their own zero padding. */
static void pad_spaces(gfmt *f, const char *s, size_t n) {
    bool zero = f->zero;
    f->zero = false;
    pad(f, s, n);
    f->zero = zero;
}

/* fmt.fmtInteger: u is the magnitude, neg its sign. */
static void fmt_integer(gfmt *f, uint64_t u, bool neg, int base, uint32_t verb, bool upper) {
    const char *digits = upper ? "0123456789ABCDEFX" : "0123456789abcdefx";
    if (f->prec_present && f->prec == 0 && u == 0) {
        bool zero = f->zero;
        f->zero = false;
        write_padding(f, f->wid);
        f->zero = zero;
        return;
    }
    int prec = 0;
    if (f->prec_present) prec = f->prec;
    else if (f->zero && !f->minus && f->wid_present) prec = f->wid - (neg || f->plus || f->space);
    size_t size = 72 + (size_t)(prec > 0 ? prec : 0);
    char small[128], *buf = size <= sizeof small ? small : malloc(size);
    if (!buf) rg_oom();
    size_t i = size;
    do {
        buf[--i] = digits[u % (uint64_t)base];
        u /= (uint64_t)base;
    } while (u);
    while (i > 8 && (int)(size - i) < prec) buf[--i] = '0';
    if (f->sharp && base == 2) buf[--i] = 'b', buf[--i] = '0';
    if (f->sharp && base == 8 && buf[i] != '0') buf[--i] = '0';
    if (f->sharp && base == 16) buf[--i] = digits[16], buf[--i] = '0';
    if (verb == 'O') buf[--i] = 'o', buf[--i] = '0';
    if (neg) buf[--i] = '-';
    else if (f->plus) buf[--i] = '+';
    else if (f->space) buf[--i] = ' ';
    pad_spaces(f, buf + i, size - i);
    if (buf != small) free(buf);
}

/* %c: the character with that code point (U+FFFD when invalid). */
static void fmt_c(gfmt *f, uint64_t u) {
    rg_buf tmp = RG_BUF_INIT;
    put_rune(&tmp, u > 0x10FFFF ? 0xFFFD : (uint32_t)u);
    pad(f, tmp.data, tmp.len);
    rg_buf_fini(&tmp);
}

/* %q of an integer: a single-quoted Go character literal. */
static void fmt_qc(gfmt *f, uint64_t u) {
    uint32_t r = u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF) ? 0xFFFD : (uint32_t)u;
    rg_buf tmp = RG_BUF_INIT;
    rg_buf_putc(&tmp, '\'');
    escape_rune(&tmp, r, '\'', f->plus);
    rg_buf_putc(&tmp, '\'');
    pad(f, tmp.data, tmp.len);
    rg_buf_fini(&tmp);
}

/* %U: "U+0041", with '#' also " 'A'". */
static void fmt_unicode(gfmt *f, uint64_t u) {
    rg_buf tmp = RG_BUF_INIT;
    int prec = f->prec_present && f->prec > 4 ? f->prec : 4;
    rg_buf_printf(&tmp, "U+%0*llX", prec, (unsigned long long)u);
    if (f->sharp && u <= 0x10FFFF && is_print((uint32_t)u)) {
        rg_buf_puts(&tmp, " '");
        put_rune(&tmp, (uint32_t)u);
        rg_buf_putc(&tmp, '\'');
    }
    pad_spaces(f, tmp.data, tmp.len);
    rg_buf_fini(&tmp);
}

static void bad_verb(gfmt *f, const garg *a, uint32_t verb);

static void print_int(gfmt *f, const garg *a, uint32_t verb) {
    bool neg = a->i < 0;
    uint64_t mag = neg ? 0 - (uint64_t)a->i : (uint64_t)a->i;
    switch (verb) {
    case 'v':
    case 'd': fmt_integer(f, mag, neg, 10, verb, false); return;
    case 'b': fmt_integer(f, mag, neg, 2, verb, false); return;
    case 'o':
    case 'O': fmt_integer(f, mag, neg, 8, verb, false); return;
    case 'x': fmt_integer(f, mag, neg, 16, verb, false); return;
    case 'X': fmt_integer(f, mag, neg, 16, verb, true); return;
    /* Go converts the int64 to uint64 first: negatives are huge code points */
    case 'c': fmt_c(f, (uint64_t)a->i); return;
    case 'q': fmt_qc(f, (uint64_t)a->i); return;
    case 'U': fmt_unicode(f, (uint64_t)a->i); return;
    default: bad_verb(f, a, verb); return;
    }
}

/* ---- strings ---- */

/* Cuts s to the precision, counted in runes. */
static size_t truncate_runes(const gfmt *f, const char *s, size_t n) {
    if (!f->prec_present) return n;
    size_t i = 0, len;
    for (int k = f->prec; k > 0 && i < n; k--, i += len) u8_decode(s + i, n - i, &len);
    return i;
}

static void fmt_q(gfmt *f, const char *s, size_t n) {
    n = truncate_runes(f, s, n);
    rg_buf tmp = RG_BUF_INIT;
    if (f->sharp && can_backquote(s, n)) {
        rg_buf_putc(&tmp, '`');
        rg_buf_append(&tmp, s, n);
        rg_buf_putc(&tmp, '`');
    } else {
        go_quote(&tmp, s, n, f->plus);
    }
    pad(f, tmp.data, tmp.len);
    rg_buf_fini(&tmp);
}

/* %x/%X of a string: hex of its bytes; ' ' separates bytes, '#' adds 0x. */
static void fmt_sx(gfmt *f, const char *s, size_t n, bool upper) {
    const char *digits = upper ? "0123456789ABCDEFX" : "0123456789abcdefx";
    size_t length = f->prec_present && (size_t)f->prec < n ? (size_t)f->prec : n;
    if (length == 0) {
        if (f->wid_present) write_padding(f, f->wid);
        return;
    }
    size_t width = 2 * length;
    if (f->space) width = (f->sharp ? 2 * width : width) + length - 1;
    else if (f->sharp) width += 2;
    bool pad_it = f->wid_present && (size_t)f->wid > width;
    if (pad_it && !f->minus) write_padding(f, f->wid - (int)width);
    for (size_t i = 0; i < length; i++) {
        if (f->space && i > 0) rg_buf_putc(f->out, ' ');
        if (f->sharp && (f->space || i == 0)) rg_buf_putc(f->out, '0'), rg_buf_putc(f->out, digits[16]);
        unsigned char c = (unsigned char)s[i];
        rg_buf_putc(f->out, digits[c >> 4]);
        rg_buf_putc(f->out, digits[c & 0xF]);
    }
    if (pad_it && f->minus) write_padding(f, f->wid - (int)width);
}

static void print_string(gfmt *f, const garg *a, uint32_t verb) {
    switch (verb) {
    case 'v':
        if (f->sharp_v) fmt_q(f, a->s, a->n);
        else pad(f, a->s, truncate_runes(f, a->s, a->n));
        return;
    case 's': pad(f, a->s, truncate_runes(f, a->s, a->n)); return;
    case 'x': fmt_sx(f, a->s, a->n, false); return;
    case 'X': fmt_sx(f, a->s, a->n, true); return;
    case 'q': fmt_q(f, a->s, a->n); return;
    default: bad_verb(f, a, verb); return;
    }
}

/* ---- floats (Go's strconv.FormatFloat and fmt.fmtFloat) ---- */

typedef struct decimal {
    char d[800]; /* significant digits, no trailing zeros */
    int nd, dp;  /* digit count; value = 0.d * 10^dp */
} decimal;

/* Decimal digits of |v|: the shortest that read back as v when sig < 0,
 * else rounded to sig significant digits (1..767). */
static void to_decimal(double v, int sig, decimal *out) {
    char tmp[840];
    v = fabs(v);
    out->nd = out->dp = 0;
    if (v == 0) return;
    if (sig < 0) {
        for (sig = 1; sig < 17; sig++) {
            snprintf(tmp, sizeof tmp, "%.*e", sig - 1, v);
            if (strtod(tmp, NULL) == v) break;
        }
    }
    snprintf(tmp, sizeof tmp, "%.*e", sig - 1, v);
    const char *e = strchr(tmp, 'e');
    for (const char *p = tmp; p < e; p++)
        if (*p != '.') out->d[out->nd++] = *p;
    while (out->nd > 1 && out->d[out->nd - 1] == '0') out->nd--;
    out->dp = atoi(e + 1) + 1;
}

/* strconv fmtE: d.ddde±dd with prec digits after the point. */
static void fmt_e_digits(rg_buf *b, const decimal *d, int prec, char fmt) {
    rg_buf_putc(b, d->nd ? d->d[0] : '0');
    if (prec > 0) {
        rg_buf_putc(b, '.');
        int i = 1, m = d->nd < prec + 1 ? d->nd : prec + 1;
        for (; i < m; i++) rg_buf_putc(b, d->d[i]);
        for (; i <= prec; i++) rg_buf_putc(b, '0');
    }
    int exp = d->nd ? d->dp - 1 : 0;
    rg_buf_printf(b, "%c%c%02d", fmt, exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
}

/* strconv fmtF: ddd.ddd with prec digits after the point. */
static void fmt_f_digits(rg_buf *b, const decimal *d, int prec) {
    if (d->dp > 0) {
        int m = d->nd < d->dp ? d->nd : d->dp;
        rg_buf_append(b, d->d, (size_t)m);
        for (; m < d->dp; m++) rg_buf_putc(b, '0');
    } else {
        rg_buf_putc(b, '0');
    }
    if (prec > 0) {
        rg_buf_putc(b, '.');
        for (int i = 1; i <= prec; i++) {
            int j = d->dp + i - 1;
            rg_buf_putc(b, j >= 0 && j < d->nd ? d->d[j] : '0');
        }
    }
}

/* %g/%G: %e form for large or small exponents, else %f form. */
static void fmt_g(rg_buf *b, double v, int prec, char fmt) {
    decimal d;
    bool shortest = prec < 0;
    if (prec == 0) prec = 1;
    to_decimal(v, shortest ? -1 : (prec > 767 ? 767 : prec), &d);
    if (shortest) prec = d.nd;
    int eprec = prec;
    if (eprec > d.nd && d.nd >= d.dp) eprec = d.nd;
    if (shortest) eprec = 6;
    int exp = d.dp - 1;
    if (d.nd == 0) exp = 0;
    if (exp < -4 || exp >= eprec) {
        fmt_e_digits(b, &d, (prec > d.nd ? d.nd : prec) - 1, fmt == 'G' ? 'E' : 'e');
        return;
    }
    if (prec > d.dp) prec = d.nd;
    fmt_f_digits(b, &d, prec - d.dp > 0 ? prec - d.dp : 0);
}

/* %b: decimal mantissa and binary exponent, e.g. 4503599627370496p-52. */
static void fmt_float_b(rg_buf *b, double v) {
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    int exp = (int)((bits >> 52) & 0x7FF);
    uint64_t mant = bits & ((1ULL << 52) - 1);
    if (exp == 0) exp++;
    else mant |= 1ULL << 52;
    exp += -1023 - 52;
    rg_buf_printf(b, "%llup%c%d", (unsigned long long)mant, exp >= 0 ? '+' : '-', exp < 0 ? -exp : exp);
}

/* %x/%X: hexadecimal mantissa and binary exponent, e.g. 0x1.8p+01; prec
 * hex digits after the point, or the fewest exact ones when prec < 0. */
static void fmt_float_x(rg_buf *b, double v, int prec, char fmt) {
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    int exp = (int)((bits >> 52) & 0x7FF);
    uint64_t mant = bits & ((1ULL << 52) - 1);
    if (exp == 0) exp++;
    else mant |= 1ULL << 52;
    exp -= 1023;
    if (mant == 0) exp = 0;
    mant <<= 8; /* leading 1 at bit 60 */
    while (mant != 0 && !(mant & (1ULL << 60))) mant <<= 1, exp--;
    if (prec >= 0 && prec < 15) {
        unsigned shift = (unsigned)prec * 4;
        uint64_t extra = (mant << shift) & ((1ULL << 60) - 1);
        mant >>= 60 - shift;
        if ((extra | (mant & 1)) > (1ULL << 59)) mant++;
        mant <<= 60 - shift;
        if (mant & (1ULL << 61)) mant >>= 1, exp++;
    }
    const char *hex = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    rg_buf_printf(b, "0%c%c", fmt, (char)('0' + ((mant >> 60) & 1)));
    mant <<= 4;
    if (prec < 0 ? mant != 0 : prec > 0) rg_buf_putc(b, '.');
    for (int i = 0; prec < 0 ? mant != 0 : i < prec; i++, mant <<= 4) rg_buf_putc(b, hex[(mant >> 60) & 15]);
    rg_buf_printf(b, "%c%c%02d", fmt == 'X' ? 'P' : 'p', exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
}

/* strconv.FormatFloat(v, fmt, prec, 64); fmt is one of b e E f g G x X. */
static void go_ftoa(rg_buf *b, double v, char fmt, int prec) {
    if (isnan(v)) {
        rg_buf_puts(b, "NaN");
        return;
    }
    if (isinf(v)) {
        rg_buf_puts(b, v < 0 ? "-Inf" : "+Inf");
        return;
    }
    if (signbit(v)) rg_buf_putc(b, '-');
    v = fabs(v);
    decimal d;
    switch (fmt) {
    case 'b': fmt_float_b(b, v); return;
    case 'x':
    case 'X': fmt_float_x(b, v, prec, fmt); return;
    case 'g':
    case 'G': fmt_g(b, v, prec, fmt); return;
    case 'e':
    case 'E':
        if (prec >= 0) {
            rg_buf_printf(b, fmt == 'e' ? "%.*e" : "%.*E", prec, v);
            return;
        }
        to_decimal(v, -1, &d);
        fmt_e_digits(b, &d, d.nd > 0 ? d.nd - 1 : 0, fmt);
        return;
    default:
        if (prec >= 0) {
            rg_buf_printf(b, "%.*f", prec, v);
            return;
        }
        to_decimal(v, -1, &d);
        fmt_f_digits(b, &d, d.nd - d.dp > 0 ? d.nd - d.dp : 0);
        return;
    }
}

/* '#' on floats: force a decimal point and, for %g, keep trailing zeros up
 * to the precision (6 by default).  num holds the unsigned number. */
static void sharp_float(rg_buf *num, char verb, int prec) {
    int digits = (verb == 'g' || verb == 'G' || verb == 'x') ? (prec < 0 ? 6 : prec) : 0;
    char tail[16] = "";
    bool has_point = false, nonzero = false;
    for (size_t i = 0; i < num->len; i++) {
        char c = num->data[i];
        bool exp_mark = c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X');
        if (exp_mark) {
            snprintf(tail, sizeof tail, "%s", num->data + i);
            num->len = i;
            num->data[i] = 0;
            break;
        }
        if (c == '.') {
            has_point = true;
            continue;
        }
        if (c != '0') nonzero = true;
        if (nonzero) digits--;
    }
    if (!has_point) {
        if (num->len == 1 && num->data[0] == '0') digits--;
        rg_buf_putc(num, '.');
    }
    for (; digits > 0; digits--) rg_buf_putc(num, '0');
    rg_buf_puts(num, tail);
}

/* fmt.fmtFloat: sign flags, '#', and zero padding after the sign. */
static void fmt_float(gfmt *f, double v, char verb, int prec) {
    if (f->prec_present) prec = f->prec;
    rg_buf num = RG_BUF_INIT;
    go_ftoa(&num, v, verb, prec);
    char sign = '+';
    const char *body = num.data;
    if (body[0] == '-' || body[0] == '+') sign = *body++;
    if (f->space && sign == '+' && !f->plus) sign = ' ';
    rg_buf s = RG_BUF_INIT;
    rg_buf_puts(&s, body);
    rg_buf_fini(&num);
    bool special = s.data[0] == 'I' || s.data[0] == 'N';
    if (f->sharp && verb != 'b' && !special) sharp_float(&s, verb, prec);
    rg_buf full = RG_BUF_INIT;
    bool show_sign = f->plus || sign != '+';
    if (special && s.data[0] == 'N' && !f->space && !f->plus) show_sign = false;
    if (show_sign) rg_buf_putc(&full, sign);
    rg_buf_append(&full, s.data, s.len);
    rg_buf_fini(&s);
    if (special) {
        pad_spaces(f, full.data, full.len);
    } else if (show_sign && f->zero && !f->minus && f->wid_present && (size_t)f->wid > full.len) {
        rg_buf_putc(f->out, full.data[0]);
        write_padding(f, f->wid - (int)full.len);
        rg_buf_append(f->out, full.data + 1, full.len - 1);
    } else {
        pad(f, full.data, full.len);
    }
    rg_buf_fini(&full);
}

static void print_float(gfmt *f, const garg *a, uint32_t verb) {
    switch (verb) {
    case 'v': fmt_float(f, a->d, 'g', -1); return;
    case 'b':
    case 'g':
    case 'G':
    case 'x':
    case 'X': fmt_float(f, a->d, (char)verb, -1); return;
    case 'f':
    case 'F': fmt_float(f, a->d, 'f', 6); return;
    case 'e':
    case 'E': fmt_float(f, a->d, (char)verb, 6); return;
    default: bad_verb(f, a, verb); return;
    }
}

/* ---- big integers (math/big's Int.Format) ---- */

static void print_big(gfmt *f, const garg *a, uint32_t verb) {
    int base = verb == 'b' ? 2 : (verb == 'o' || verb == 'O') ? 8 : (verb == 'x' || verb == 'X') ? 16 : 10;
    if (verb == 0 || verb >= 0x80 || !strchr("bdoOsvxX", (int)verb)) {
        rg_buf_puts(f->out, "%!");
        put_rune(f->out, verb);
        rg_buf_printf(f->out, "(big.Int=%.*s)", (int)a->n, a->s);
        return;
    }
    /* Go's State.Flag reports %+v and %#v as '+' and '#' here */
    bool neg = a->s[0] == '-', sharp = f->sharp || f->sharp_v;
    const char *sign = neg ? "-" : (f->plus || f->plus_v) ? "+" : f->space ? " " : "";
    const char *prefix = "";
    if (verb == 'O') prefix = "0o";
    else if (sharp && verb == 'b') prefix = "0b";
    else if (sharp && verb == 'o') prefix = "0";
    else if (sharp && verb == 'x') prefix = "0x";
    else if (sharp && verb == 'X') prefix = "0X";
    mpz_t z;
    mpz_init_set_str(z, a->s + neg, 10);
    char *digits = malloc(mpz_sizeinbase(z, base) + 2);
    if (!digits) rg_oom();
    mpz_get_str(digits, verb == 'X' ? -16 : base, z);
    mpz_clear(z);
    size_t nd = strlen(digits);
    int zeros = f->prec_present && (size_t)f->prec > nd ? f->prec - (int)nd : 0, left = 0, right = 0;
    int length = (int)(strlen(sign) + strlen(prefix) + nd) + zeros;
    if (f->wid_present && length < f->wid) {
        int d = f->wid - length;
        if (f->minus) right = d;
        else if (f->zero && !f->prec_present) zeros = d;
        else left = d;
    }
    put_repeat(f->out, ' ', left);
    rg_buf_puts(f->out, sign);
    rg_buf_puts(f->out, prefix);
    put_repeat(f->out, '0', zeros);
    rg_buf_append(f->out, digits, nd);
    put_repeat(f->out, ' ', right);
    free(digits);
}

/* ---- argument dispatch (fmt.pp) ---- */

static void print_arg(gfmt *f, const garg *a, uint32_t verb) {
    if (verb == 'T') {
        const char *t = type_name(a);
        pad(f, t, truncate_runes(f, t, strlen(t)));
        return;
    }
    if (verb == 'p') {
        /* Go prints a *big.Int's address here; there is none to show */
        bad_verb(f, a, verb);
        return;
    }
    switch (a->kind) {
    case GA_INT: print_int(f, a, verb); return;
    case GA_BIG: print_big(f, a, verb); return;
    case GA_FLOAT: print_float(f, a, verb); return;
    default: print_string(f, a, verb); return;
    }
}

/* "%!d(string=foo)": the value is printed with %v and the same flags. */
static void bad_verb(gfmt *f, const garg *a, uint32_t verb) {
    rg_buf_puts(f->out, "%!");
    put_rune(f->out, verb);
    rg_buf_printf(f->out, "(%s=", type_name(a));
    if (a->kind == GA_BIG) rg_buf_append(f->out, a->s, a->n);
    else print_arg(f, a, 'v');
    rg_buf_putc(f->out, ')');
}

/* fmt.parsenum: digits at s[*i..end); false when absent or too large. */
static bool parse_num(const char *s, size_t *i, size_t end, int *num) {
    *num = 0;
    bool any = false;
    for (; *i < end && s[*i] >= '0' && s[*i] <= '9'; (*i)++) {
        if (*num > 1000000) {
            *i = end;
            *num = 0;
            return false;
        }
        *num = *num * 10 + (s[*i] - '0');
        any = true;
    }
    return any;
}

typedef struct pstate {
    gfmt f;
    const char *fmt;
    size_t end, i;
    const garg *args;
    size_t nargs, argnum;
    bool reordered, good_argnum, after_index;
} pstate;

/* fmt.argNumber: an explicit "[n]" argument index at the cursor. */
static void arg_number(pstate *p) {
    p->after_index = false;
    if (p->i >= p->end || p->fmt[p->i] != '[') return;
    p->reordered = true;
    size_t close = p->i + 1;
    while (close < p->end && p->fmt[close] != ']') close++;
    if (p->end - p->i < 3 || close >= p->end) {
        p->i++;
        p->good_argnum = false;
        return;
    }
    size_t j = p->i + 1;
    int n;
    bool ok = parse_num(p->fmt, &j, close, &n) && j == close;
    p->i = close + 1;
    if (ok && n >= 1 && (size_t)n - 1 < p->nargs) {
        p->argnum = (size_t)n - 1;
        p->after_index = true;
        return;
    }
    p->good_argnum = false;
    p->after_index = ok;
}

/* fmt.intFromArg: a '*' width or precision taken from an int operand. */
static bool int_from_arg(pstate *p, int *num) {
    *num = 0;
    if (p->argnum >= p->nargs) return false;
    const garg *a = &p->args[p->argnum++];
    if (a->kind != GA_INT || a->i > 1000000 || a->i < -1000000) return false;
    *num = (int)a->i;
    return true;
}

/* The flags after '%'. */
static void parse_flags(pstate *p) {
    clear_flags(&p->f);
    for (; p->i < p->end; p->i++) {
        switch (p->fmt[p->i]) {
        case '#': p->f.sharp = true; break;
        case '0': p->f.zero = !p->f.minus; break; /* zero padding only to the left */
        case '+': p->f.plus = true; break;
        case '-':
            p->f.minus = true;
            p->f.zero = false;
            break;
        case ' ': p->f.space = true; break;
        default: return;
        }
    }
}

static void parse_width(pstate *p) {
    if (p->i < p->end && p->fmt[p->i] == '*') {
        p->i++;
        p->f.wid_present = int_from_arg(p, &p->f.wid);
        if (!p->f.wid_present) rg_buf_puts(p->f.out, "%!(BADWIDTH)");
        if (p->f.wid < 0) {
            p->f.wid = -p->f.wid;
            p->f.minus = true;
            p->f.zero = false;
        }
        p->after_index = false;
        return;
    }
    p->f.wid_present = parse_num(p->fmt, &p->i, p->end, &p->f.wid);
    if (p->after_index && p->f.wid_present) p->good_argnum = false; /* "%[3]2d" */
}

static void parse_precision(pstate *p) {
    if (!(p->i + 1 < p->end && p->fmt[p->i] == '.')) return;
    p->i++;
    if (p->after_index) p->good_argnum = false; /* "%[3].2d" */
    arg_number(p);
    if (p->i < p->end && p->fmt[p->i] == '*') {
        p->i++;
        p->f.prec_present = int_from_arg(p, &p->f.prec);
        if (p->f.prec < 0) {
            p->f.prec = 0;
            p->f.prec_present = false;
        }
        if (!p->f.prec_present) rg_buf_puts(p->f.out, "%!(BADPREC)");
        p->after_index = false;
        return;
    }
    if (!parse_num(p->fmt, &p->i, p->end, &p->f.prec)) p->f.prec = 0;
    p->f.prec_present = true;
}

/* One directive after '%'; returns false when the format ended early. */
static bool do_directive(pstate *p) {
    p->good_argnum = true;
    parse_flags(p);
    arg_number(p);
    parse_width(p);
    parse_precision(p);
    if (!p->after_index) arg_number(p);
    if (p->i >= p->end) {
        rg_buf_puts(p->f.out, "%!(NOVERB)");
        return false;
    }
    size_t len;
    uint32_t verb = u8_decode(p->fmt + p->i, p->end - p->i, &len);
    p->i += len;
    if (verb == '%') {
        rg_buf_putc(p->f.out, '%'); /* absorbs no operand, ignores width */
    } else if (!p->good_argnum || p->argnum >= p->nargs) {
        rg_buf_puts(p->f.out, "%!");
        put_rune(p->f.out, verb);
        rg_buf_puts(p->f.out, p->good_argnum ? "(MISSING)" : "(BADINDEX)");
    } else {
        if (verb == 'v') {
            p->f.sharp_v = p->f.sharp;
            p->f.sharp = false;
            p->f.plus_v = p->f.plus;
            p->f.plus = false;
        }
        print_arg(&p->f, &p->args[p->argnum++], verb);
    }
    return true;
}

/* Output past this size is an error rather than a memory exhaustion (a
 * directive adds at most about a million characters, so a long format
 * string could otherwise ask for gigabytes). */
#define MAX_OUTPUT ((size_t)1 << 28)

/* fmt.Sprintf's doPrintf. */
static void go_sprintf(rg_buf *out, const char *fmt, size_t n, const garg *args, size_t nargs) {
    pstate p = {.f = {.out = out}, .fmt = fmt, .end = n, .args = args, .nargs = nargs};
    while (p.i < n && out->len <= MAX_OUTPUT) {
        size_t start = p.i;
        while (p.i < n && fmt[p.i] != '%') p.i++;
        rg_buf_append(out, fmt + start, p.i - start);
        if (p.i >= n) break;
        p.i++;
        if (!do_directive(&p)) break;
    }
    if (p.reordered || p.argnum >= nargs) return;
    clear_flags(&p.f);
    rg_buf_puts(out, "%!(EXTRA ");
    for (size_t k = p.argnum; k < nargs; k++) {
        if (k > p.argnum) rg_buf_puts(out, ", ");
        rg_buf_printf(out, "%s=", type_name(&args[k]));
        print_arg(&p.f, &args[k], 'v');
    }
    rg_buf_putc(out, ')');
}

static int bi_sprintf(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0) || rg_bi_want_kind(ctx, args, 1, RG_T_ARR)) return RG_BI_ERROR;
    rg_value arr = args[1];
    garg *ga = calloc(arr.len ? arr.len : 1, sizeof *ga);
    if (!ga) rg_oom();
    for (size_t i = 0; i < arr.len; i++) ga[i] = to_garg(arr.u.items[i]);
    rg_buf b = RG_BUF_INIT;
    go_sprintf(&b, args[0].u.s, args[0].len, ga, arr.len);
    for (size_t i = 0; i < arr.len; i++) free(ga[i].owned);
    free(ga);
    int rc = RG_BI_OK;
    if (b.len > MAX_OUTPUT) rc = rg_bi_error(ctx, "result too large");
    else *out = rg_string(rg_bi_arena(ctx), b.data ? b.data : "", b.len);
    rg_buf_fini(&b);
    return rc;
}

const rg_builtin_def rg_builtins_sprintf[] = {
    {"sprintf", bi_sprintf, 2, RG_ARGS(RG_T_STR, RG_T_ARR), RG_T_STR, 0},
    {0},
};
