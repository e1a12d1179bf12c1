/* Numbers: parsing, comparison, arithmetic and printing.
 *
 * Integers are exact at any size: int64 inline, larger ones as decimal text
 * computed through GMP only when an int64 operation would overflow, so the
 * common case never touches GMP.  Non-integers are doubles. */
#include "value/number.h"

#include <ctype.h>
#include <errno.h>
#include <gmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static rg_value big_from_mpz(rg_arena *a, const mpz_t z) {
    if (mpz_fits_slong_p(z)) return rg_int(mpz_get_si(z));
    size_t n = mpz_sizeinbase(z, 10) + 2;
    char *s = rg_arena_alloc(a, n);
    mpz_get_str(s, 10, z);
    return (rg_value){.kind = RG_NUMBER, .sub = RG_NUM_BIG, .len = (uint32_t)strlen(s), .u.s = s};
}

static void to_mpz(mpz_t z, rg_value v) {
    if (v.sub == RG_NUM_INT) mpz_init_set_si(z, (long)v.u.i);
    else if (v.sub == RG_NUM_BIG) mpz_init_set_str(z, v.u.s, 10);
    else mpz_init_set_d(z, v.u.d);
}

rg_value rg_bigint_from_text(rg_arena *a, const char *text, size_t len) {
    char small[64];
    char *buf = len < sizeof small ? small : rg_xmalloc(len + 1);
    memcpy(buf, text, len);
    buf[len] = 0;
    mpz_t z;
    rg_value out = rg_undefined();
    if (mpz_init_set_str(z, buf[0] == '+' ? buf + 1 : buf, 10) == 0) out = big_from_mpz(a, z);
    mpz_clear(z);
    if (buf != small) free(buf);
    return out;
}

/* A literal with a fraction or exponent that denotes an integer ("1.0",
 * "1e30", "1.5e1") stays exact; returns RG_UNDEFINED for non-integers. */
static rg_value exact_integer(rg_arena *a, const char *text, size_t len) {
    char digits[128];
    size_t nd = 0, i = 0;
    bool neg = text[0] == '-';
    if (neg) i++;
    long frac = 0, exp = 0;
    bool in_frac = false;
    for (; i < len && text[i] != 'e' && text[i] != 'E'; i++) {
        if (text[i] == '.') {
            in_frac = true;
            continue;
        }
        if (nd + 2 >= sizeof digits) return rg_undefined();
        digits[nd++] = text[i];
        if (in_frac) frac++;
    }
    if (i < len) {
        exp = strtol(text + i + 1, NULL, 10);
        if (exp > 4096 || exp < -4096) return rg_undefined();
    }
    long scale = exp - frac;
    while (scale < 0 && nd > 1 && digits[nd - 1] == '0') nd--, scale++;
    /* Beyond 40 digits keep the compact floating form (1e300 stays 1e+300). */
    if (scale < 0 || (long)nd + scale > 40) return rg_undefined();
    digits[nd] = 0;
    mpz_t z, p;
    if (mpz_init_set_str(z, digits, 10) != 0) {
        mpz_clear(z);
        return rg_undefined();
    }
    mpz_init(p);
    mpz_ui_pow_ui(p, 10, (unsigned long)scale);
    mpz_mul(z, z, p);
    if (neg) mpz_neg(z, z);
    rg_value out = big_from_mpz(a, z);
    mpz_clear(p);
    mpz_clear(z);
    return out;
}

/* Significant digits and decimal exponent of a literal: "0.00120e5" has
 * mantissa "12" and value 12e1. */
typedef struct decimal_parts {
    bool neg;
    char digits[64]; /* significant digits, no leading/trailing zeros */
    size_t nd;
    long exp;        /* value = 0.digits? no: digits * 10^exp */
    bool too_long;
} decimal_parts;

static bool decimal_split(const char *text, size_t len, decimal_parts *d) {
    memset(d, 0, sizeof *d);
    size_t i = 0;
    if (i < len && (text[i] == '-' || text[i] == '+')) d->neg = text[i++] == '-';
    long frac = 0;
    bool in_frac = false, any = false;
    for (; i < len && text[i] != 'e' && text[i] != 'E'; i++) {
        if (text[i] == '.') {
            in_frac = true;
            continue;
        }
        if (!isdigit((unsigned char)text[i])) return false;
        any = true;
        if (in_frac) frac++;
        if (d->nd == 0 && text[i] == '0') continue; /* leading zero */
        if (d->nd + 1 >= sizeof d->digits) {
            d->too_long = true;
            return true;
        }
        d->digits[d->nd++] = text[i];
    }
    if (!any) return false;
    long exp = 0;
    if (i < len) {
        char *end;
        exp = strtol(text + i + 1, &end, 10);
        if (exp > 100000 || exp < -100000) return false;
    }
    d->exp = exp - frac;
    while (d->nd > 0 && d->digits[d->nd - 1] == '0') d->nd--, d->exp++;
    d->digits[d->nd] = 0;
    return true;
}

/* A non-integer literal a double cannot hold faithfully stays a decimal. */
static rg_value exact_decimal(rg_arena *a, const char *text, size_t len) {
    decimal_parts d;
    if (!decimal_split(text, len, &d) || d.too_long || d.nd == 0) return rg_undefined();
    long top = d.exp + (long)d.nd; /* 10^top > |value| >= 10^(top-1) */
    bool fits = d.nd <= 15 && top <= 308 && top > -307;
    if (fits) return rg_undefined();
    /* Canonical text: positional within 1e-7..1e21 ("0.1234567890123456789"),
     * else scientific like Go's 'g' ("1e+400", "-2.5e-400"). */
    rg_buf b = RG_BUF_INIT;
    if (d.neg) rg_buf_putc(&b, '-');
    if (top > -7 && top <= 21) {
        if (top <= 0) {
            rg_buf_puts(&b, "0.");
            for (long i = top; i < 0; i++) rg_buf_putc(&b, '0');
            rg_buf_append(&b, d.digits, d.nd);
        } else if ((size_t)top >= d.nd) {
            rg_buf_append(&b, d.digits, d.nd);
            for (long i = (long)d.nd; i < top; i++) rg_buf_putc(&b, '0');
        } else {
            rg_buf_append(&b, d.digits, (size_t)top);
            rg_buf_putc(&b, '.');
            rg_buf_append(&b, d.digits + top, d.nd - (size_t)top);
        }
    } else {
        rg_buf_putc(&b, d.digits[0]);
        if (d.nd > 1) {
            rg_buf_putc(&b, '.');
            rg_buf_append(&b, d.digits + 1, d.nd - 1);
        }
        rg_buf_printf(&b, "e%c%ld", top - 1 < 0 ? '-' : '+', labs(top - 1));
    }
    char *s = rg_arena_strndup(a, rg_buf_cstr(&b), b.len);
    rg_buf_fini(&b);
    return (rg_value){.kind = RG_NUMBER, .sub = RG_NUM_DEC, .len = (uint32_t)strlen(s), .u.s = s};
}

/* The exact rational value of a number; floats by their shortest decimal. */
static void to_mpq(mpq_t q, rg_value v) {
    mpq_init(q);
    char buf[40];
    const char *text;
    size_t len;
    if (v.sub == RG_NUM_INT) {
        mpq_set_si(q, (long)v.u.i, 1);
        return;
    }
    if (v.sub == RG_NUM_BIG) {
        mpz_set_str(mpq_numref(q), v.u.s, 10);
        return;
    }
    if (v.sub == RG_NUM_FLOAT) {
        for (int prec = 1; prec <= 17; prec++) {
            snprintf(buf, sizeof buf, "%.*g", prec, v.u.d);
            if (strtod(buf, NULL) == v.u.d) break;
        }
        text = buf, len = strlen(buf);
    } else {
        text = v.u.s, len = v.len;
    }
    decimal_parts d;
    if (!decimal_split(text, len, &d) || d.nd == 0) return;
    mpz_set_str(mpq_numref(q), d.digits, 10);
    mpz_t p;
    mpz_init(p);
    mpz_ui_pow_ui(p, 10, (unsigned long)(d.exp < 0 ? -d.exp : d.exp));
    if (d.exp >= 0) mpz_mul(mpq_numref(q), mpq_numref(q), p);
    else mpz_set(mpq_denref(q), p);
    mpz_clear(p);
    if (d.neg) mpq_neg(q, q);
    mpq_canonicalize(q);
}

rg_value rg_number_parse(rg_arena *a, const char *text, size_t len) {
    size_t i = 0;
    if (i < len && text[i] == '-') i++;
    size_t digits = i;
    while (i < len && isdigit((unsigned char)text[i])) i++;
    if (i == digits) return rg_undefined();
    bool integral = true;
    if (i < len && text[i] == '.') {
        integral = false;
        i++;
        size_t fd = i;
        while (i < len && isdigit((unsigned char)text[i])) i++;
        if (i == fd) return rg_undefined();
    }
    if (i < len && (text[i] == 'e' || text[i] == 'E')) {
        integral = false;
        i++;
        if (i < len && (text[i] == '+' || text[i] == '-')) i++;
        size_t ed = i;
        while (i < len && isdigit((unsigned char)text[i])) i++;
        if (i == ed) return rg_undefined();
    }
    if (i != len) return rg_undefined();
    char small[64];
    char *buf = len < sizeof small ? small : rg_xmalloc(len + 1);
    memcpy(buf, text, len);
    buf[len] = 0;
    rg_value out;
    if (integral) {
        errno = 0;
        long long v = strtoll(buf, NULL, 10);
        if (errno == ERANGE) out = rg_bigint_from_text(a, buf, len);
        else out = rg_int(v);
    } else {
        out = exact_integer(a, buf, len);
        if (rg_is_undef(out)) out = exact_decimal(a, buf, len);
        if (rg_is_undef(out)) {
            double d = strtod(buf, NULL);
            /* A huge integral value still has an exact integer reading. */
            if (isfinite(d) && d == floor(d) && fabs(d) >= 9.2e18 && fabs(d) < 1e300) {
                mpz_t z;
                mpz_init_set_d(z, d);
                out = big_from_mpz(a, z);
                mpz_clear(z);
            } else {
                out = rg_num_from_double(d);
            }
        }
    }
    if (buf != small) free(buf);
    return out;
}

double rg_num_to_double(rg_value n) {
    if (n.sub == RG_NUM_INT) return (double)n.u.i;
    if (n.sub == RG_NUM_FLOAT) return n.u.d;
    return strtod(n.u.s, NULL); /* big integers and decimals */
}

bool rg_num_is_integer(rg_value n) {
    if (n.kind != RG_NUMBER) return false;
    if (n.sub == RG_NUM_DEC) return false;
    if (n.sub == RG_NUM_FLOAT) return isfinite(n.u.d) && n.u.d == floor(n.u.d);
    return true;
}

bool rg_num_to_int64(rg_value n, int64_t *out) {
    if (n.kind != RG_NUMBER) return false;
    if (n.sub == RG_NUM_INT) {
        *out = n.u.i;
        return true;
    }
    if (n.sub == RG_NUM_FLOAT && n.u.d == floor(n.u.d) && fabs(n.u.d) < 9.2e18) {
        *out = (int64_t)n.u.d;
        return true;
    }
    return false;
}

static int big_sign(rg_value v) { return v.u.s[0] == '-' ? -1 : 1; }

int rg_num_compare(rg_value a, rg_value b) {
    if (a.sub == RG_NUM_INT && b.sub == RG_NUM_INT) return (a.u.i > b.u.i) - (a.u.i < b.u.i);
    if (a.sub == RG_NUM_DEC || b.sub == RG_NUM_DEC) {
        if (a.sub == RG_NUM_DEC && b.sub == RG_NUM_DEC && a.len == b.len && !memcmp(a.u.s, b.u.s, a.len)) return 0;
        mpq_t x, y;
        to_mpq(x, a);
        to_mpq(y, b);
        int c = mpq_cmp(x, y);
        mpq_clear(x);
        mpq_clear(y);
        return (c > 0) - (c < 0);
    }
    if (a.sub == RG_NUM_BIG && b.sub == RG_NUM_INT) return big_sign(a);
    if (a.sub == RG_NUM_INT && b.sub == RG_NUM_BIG) return -big_sign(b);
    if (a.sub == RG_NUM_BIG && b.sub == RG_NUM_BIG) {
        int sa = big_sign(a), sb = big_sign(b);
        if (sa != sb) return sa < sb ? -1 : 1;
        int c = a.len != b.len ? (a.len < b.len ? -1 : 1) : strcmp(a.u.s, b.u.s);
        c = c < 0 ? -1 : c > 0;
        return sa < 0 ? -c : c;
    }
    if (a.sub == RG_NUM_BIG || b.sub == RG_NUM_BIG) {
        /* big int vs double: exact via GMP */
        mpz_t za;
        mpz_init(za);
        int c;
        if (a.sub == RG_NUM_BIG) {
            mpz_set_str(za, a.u.s, 10);
            c = mpz_cmp_d(za, b.u.d);
        } else {
            mpz_set_str(za, b.u.s, 10);
            c = -mpz_cmp_d(za, a.u.d);
        }
        mpz_clear(za);
        return (c > 0) - (c < 0);
    }
    double x = rg_num_to_double(a), y = rg_num_to_double(b);
    return (x > y) - (x < y);
}

static int int_arith(rg_arith_op op, int64_t x, int64_t y, rg_value *out) {
    int64_t r;
    switch (op) {
    case RG_ADD:
        if (__builtin_add_overflow(x, y, &r)) return 1;
        break;
    case RG_SUB:
        if (__builtin_sub_overflow(x, y, &r)) return 1;
        break;
    case RG_MUL:
        if (__builtin_mul_overflow(x, y, &r)) return 1;
        break;
    case RG_DIV:
        if (x == INT64_MIN && y == -1) return 1;
        if (x % y != 0) {
            *out = rg_num_from_double((double)x / (double)y);
            return 0;
        }
        r = x / y;
        break;
    case RG_REM:
        if (x == INT64_MIN && y == -1) r = 0;
        else r = x % y;
        break;
    default: return 1;
    }
    *out = rg_int(r);
    return 0;
}

static bool is_zero(rg_value v) {
    return (v.sub == RG_NUM_INT && v.u.i == 0) || (v.sub == RG_NUM_FLOAT && v.u.d == 0);
}

int rg_num_arith(rg_arena *a, rg_arith_op op, rg_value x, rg_value y, rg_value *out, const char **err) {
    if ((op == RG_DIV || op == RG_REM) && is_zero(y)) {
        *err = op == RG_DIV ? "divide by zero" : "modulo by zero";
        return -1;
    }
    if (op == RG_REM && (!rg_num_is_integer(x) || !rg_num_is_integer(y))) {
        *err = "modulo on floating-point number";
        return -1;
    }
    if (x.sub == RG_NUM_INT && y.sub == RG_NUM_INT && int_arith(op, x.u.i, y.u.i, out) == 0) return 0;
    if ((x.sub == RG_NUM_INT || x.sub == RG_NUM_BIG) && (y.sub == RG_NUM_INT || y.sub == RG_NUM_BIG)) {
        mpz_t zx, zy, r;
        to_mpz(zx, x);
        to_mpz(zy, y);
        mpz_init(r);
        switch (op) {
        case RG_ADD: mpz_add(r, zx, zy); break;
        case RG_SUB: mpz_sub(r, zx, zy); break;
        case RG_MUL: mpz_mul(r, zx, zy); break;
        case RG_REM: mpz_tdiv_r(r, zx, zy); break;
        case RG_DIV:
            if (mpz_divisible_p(zx, zy)) {
                mpz_divexact(r, zx, zy);
            } else {
                mpq_t q;
                mpq_init(q);
                mpq_set_num(q, zx);
                mpq_set_den(q, zy);
                mpq_canonicalize(q);
                *out = rg_num_from_double(mpq_get_d(q));
                mpq_clear(q);
                mpz_clear(zx), mpz_clear(zy), mpz_clear(r);
                return 0;
            }
            break;
        }
        *out = big_from_mpz(a, r);
        mpz_clear(zx), mpz_clear(zy), mpz_clear(r);
        return 0;
    }
    double dx = rg_num_to_double(x), dy = rg_num_to_double(y), r = 0;
    switch (op) {
    case RG_ADD: r = dx + dy; break;
    case RG_SUB: r = dx - dy; break;
    case RG_MUL: r = dx * dy; break;
    case RG_DIV: r = dx / dy; break;
    case RG_REM: r = fmod(dx, dy); break;
    }
    if (!isfinite(r)) {
        *err = "arithmetic overflow";
        return -1;
    }
    *out = rg_num_from_double(r);
    return 0;
}

rg_value rg_num_neg(rg_arena *a, rg_value x) {
    rg_value out;
    const char *err;
    rg_num_arith(a, RG_SUB, rg_int(0), x, &out, &err);
    return out;
}

rg_value rg_num_abs(rg_arena *a, rg_value x) { return rg_num_compare(x, rg_int(0)) < 0 ? rg_num_neg(a, x) : x; }

rg_value rg_num_round(rg_arena *a, rg_value x, char mode) {
    (void)a;
    if (x.sub != RG_NUM_FLOAT && x.sub != RG_NUM_DEC) return x;
    double d = rg_num_to_double(x);
    return rg_num_from_double(mode == 'c' ? ceil(d) : mode == 'f' ? floor(d) : round(d));
}

void rg_num_write(rg_buf *out, rg_value n) {
    if (n.sub == RG_NUM_INT) {
        rg_buf_printf(out, "%lld", (long long)n.u.i);
        return;
    }
    if (n.sub == RG_NUM_BIG || n.sub == RG_NUM_DEC) {
        rg_buf_append(out, n.u.s, n.len);
        return;
    }
    /* Shortest text that reads back as the same double. */
    char tmp[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, n.u.d);
        if (strtod(tmp, NULL) == n.u.d) break;
    }
    rg_buf_puts(out, tmp);
}
