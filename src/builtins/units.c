/* Builtins: units.parse (SI and binary suffixes, case-sensitive: "m" is
 * milli, "M" mega) and units.parse_bytes (case-insensitive, optional "b").
 *
 * Arithmetic is exact (GMP rationals): the amount, with an optional
 * exponent, times the unit.  units.parse returns an integer when the result
 * is one and otherwise the value rounded to 10 decimals, as OPA does;
 * units.parse_bytes truncates to an integer.
 *
 * Beyond OPA's units (k K M m g G t T p P e E and the binary ki..ei), both
 * accept the other SI prefixes the shared conformance cases expect (Q R Y Z,
 * zi yi, and for units.parse h da d c n f a z y r q and the micro sign);
 * OPA reports those as unrecognised units. */
#include <gmp.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/families.h"

/* OPA rejects exponents written with more than this many digits. */
#define MAX_EXP_DIGITS 6

typedef struct unit {
    const char *name;
    char base; /* 'd' decimal (10^pow) or 'b' binary (2^pow) */
    int pow;
} unit;

static const unit si_units[] = {
    {"", 'd', 0},    {"m", 'd', -3},  {"k", 'd', 3},   {"K", 'd', 3},   {"ki", 'b', 10}, {"Ki", 'b', 10},
    {"M", 'd', 6},   {"mi", 'b', 20}, {"Mi", 'b', 20}, {"g", 'd', 9},   {"G", 'd', 9},   {"gi", 'b', 30},
    {"Gi", 'b', 30}, {"t", 'd', 12},  {"T", 'd', 12},  {"ti", 'b', 40}, {"Ti", 'b', 40}, {"p", 'd', 15},
    {"P", 'd', 15},  {"pi", 'b', 50}, {"Pi", 'b', 50}, {"e", 'd', 18},  {"E", 'd', 18},  {"ei", 'b', 60},
    {"Ei", 'b', 60}, {NULL, 0, 0},
};

/* Prefixes beyond OPA's; their fractional results are the nearest double
 * rather than OPA's 10-decimal rounding (which would turn 1f into 0). */
static const unit si_ext_units[] = {
    {"Z", 'd', 21},  {"Y", 'd', 24},  {"R", 'd', 27},  {"Q", 'd', 30},  {"zi", 'b', 70}, {"Zi", 'b', 70},
    {"yi", 'b', 80}, {"Yi", 'b', 80}, {"h", 'd', 2},   {"da", 'd', 1},  {"d", 'd', -1},  {"c", 'd', -2},
    {"\xce\xbc", 'd', -6}, {"\xc2\xb5", 'd', -6}, {"n", 'd', -9}, {"f", 'd', -15}, {"a", 'd', -18},
    {"z", 'd', -21}, {"y", 'd', -24}, {"r", 'd', -27}, {"q", 'd', -30}, {NULL, 0, 0},
};

static const unit byte_units[] = {
    {"", 'd', 0},     {"k", 'd', 3},    {"kb", 'd', 3},   {"ki", 'b', 10},  {"kib", 'b', 10}, {"m", 'd', 6},
    {"mb", 'd', 6},   {"mi", 'b', 20},  {"mib", 'b', 20}, {"g", 'd', 9},    {"gb", 'd', 9},   {"gi", 'b', 30},
    {"gib", 'b', 30}, {"t", 'd', 12},   {"tb", 'd', 12},  {"ti", 'b', 40},  {"tib", 'b', 40}, {"p", 'd', 15},
    {"pb", 'd', 15},  {"pi", 'b', 50},  {"pib", 'b', 50}, {"e", 'd', 18},   {"eb", 'd', 18},  {"ei", 'b', 60},
    {"eib", 'b', 60}, {"z", 'd', 21},   {"zb", 'd', 21},  {"zi", 'b', 70},  {"zib", 'b', 70}, {"y", 'd', 24},
    {"yb", 'd', 24},  {"yi", 'b', 80},  {"yib", 'b', 80}, {"r", 'd', 27},   {"rb", 'd', 27},  {"q", 'd', 30},
    {"qb", 'd', 30},  {NULL, 0, 0},
};

static const unit *find_unit(const unit *table, const char *s, size_t n) {
    for (const unit *u = table; u->name; u++)
        if (strlen(u->name) == n && memcmp(u->name, s, n) == 0) return u;
    return NULL;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* OPA's extractNumAndUnit: the amount is the longest prefix of digits,
 * '.', signs and exponents ("e" followed by a digit or sign); the rest is
 * the unit.  Returns -1 when an exponent has too many digits, else the
 * length of the amount. */
static long split_amount(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (is_digit(c) || c == '.' || c == '+' || c == '-') continue;
        if (c != 'e' && c != 'E') return (long)i;
        if (i + 1 == n || !(is_digit(s[i + 1]) || s[i + 1] == '+' || s[i + 1] == '-')) return (long)i;
        size_t j = i + 1;
        if (s[j] == '+' || s[j] == '-') j++, i++;
        size_t digits = 0;
        while (j < n && is_digit(s[j])) j++, digits++;
        if (digits > MAX_EXP_DIGITS) return -1;
    }
    return (long)n;
}

/* Parses [sign] (digits [. digits] | . digits) [e [sign] digits] exactly,
 * like Go's big.Rat SetString. */
static bool parse_amount(const char *s, size_t n, mpq_t out) {
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    mpz_t mant;
    mpz_init(mant);
    long frac = 0, digits = 0;
    bool dot = false;
    for (; i < n && (is_digit(s[i]) || (s[i] == '.' && !dot)); i++) {
        if (s[i] == '.') {
            dot = true;
            continue;
        }
        mpz_mul_ui(mant, mant, 10);
        mpz_add_ui(mant, mant, (unsigned long)(s[i] - '0'));
        digits++;
        frac += dot;
    }
    long exp = 0;
    bool ok = digits > 0;
    if (ok && i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        bool eneg = false;
        if (i < n && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
        size_t start = i;
        for (; i < n && is_digit(s[i]) && exp < 100000000; i++) exp = exp * 10 + (s[i] - '0');
        ok = i > start;
        if (eneg) exp = -exp;
    }
    ok = ok && i == n;
    if (ok) {
        if (neg) mpz_neg(mant, mant);
        mpq_set_z(out, mant);
        long p = exp - frac;
        mpz_t scale;
        mpz_init(scale);
        mpz_ui_pow_ui(scale, 10, (unsigned long)(p < 0 ? -p : p));
        if (p < 0) mpz_mul(mpq_denref(out), mpq_denref(out), scale);
        else mpz_mul(mpq_numref(out), mpq_numref(out), scale);
        mpq_canonicalize(out);
        mpz_clear(scale);
    }
    mpz_clear(mant);
    return ok;
}

static void scale_by_unit(mpq_t q, const unit *u) {
    mpz_t f;
    mpz_init(f);
    mpz_ui_pow_ui(f, u->base == 'b' ? 2 : 10, (unsigned long)abs(u->pow));
    if (u->pow < 0) mpz_mul(mpq_denref(q), mpq_denref(q), f);
    else mpz_mul(mpq_numref(q), mpq_numref(q), f);
    mpq_canonicalize(q);
    mpz_clear(f);
}

static rg_value mpz_value(rg_arena *a, const mpz_t z) {
    if (mpz_fits_slong_p(z)) return rg_int(mpz_get_si(z));
    char *s = mpz_get_str(NULL, 10, z);
    rg_value v = rg_bigint_from_text(a, s, strlen(s));
    void (*freefn)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &freefn);
    freefn(s, strlen(s) + 1);
    return v;
}

/* Go's Rat.FloatString(10): rounded half away from zero to 10 decimals. */
static rg_value decimal_value(rg_arena *a, const mpq_t q) {
    mpz_t r, den2;
    mpz_inits(r, den2, NULL);
    mpz_ui_pow_ui(r, 10, 10);
    mpz_mul(r, r, mpq_numref(q));
    mpz_abs(r, r);
    mpz_mul_2exp(r, r, 1);
    mpz_add(r, r, mpq_denref(q)); /* (2|n|*10^10 + d) / 2d = round half up of |q|*10^10 */
    mpz_mul_2exp(den2, mpq_denref(q), 1);
    mpz_tdiv_q(r, r, den2);
    char *digits = mpz_get_str(NULL, 10, r);
    size_t len = strlen(digits);
    rg_buf b = RG_BUF_INIT;
    if (mpq_sgn(q) < 0) rg_buf_putc(&b, '-');
    if (len > 10) {
        rg_buf_append(&b, digits, len - 10);
    } else {
        rg_buf_puts(&b, "0");
    }
    rg_buf_putc(&b, '.');
    for (size_t i = len; i < 10; i++) rg_buf_putc(&b, '0');
    rg_buf_puts(&b, len > 10 ? digits + len - 10 : digits);
    rg_value v = rg_number_parse(a, b.data, b.len);
    rg_buf_fini(&b);
    void (*freefn)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &freefn);
    freefn(digits, len + 1);
    mpz_clears(r, den2, NULL);
    return v;
}

/* The double nearest to q: about 20 significant digits handed to strtod. */
static rg_value nearest_value(rg_arena *a, const mpq_t q) {
    long k = 20 + (long)mpz_sizeinbase(mpq_denref(q), 10) - (long)mpz_sizeinbase(mpq_numref(q), 10);
    if (k < 1) k = 1;
    mpz_t s;
    mpz_init(s);
    mpz_ui_pow_ui(s, 10, (unsigned long)k);
    mpz_mul(s, s, mpq_numref(q));
    mpz_tdiv_q(s, s, mpq_denref(q));
    char *digits = mpz_get_str(NULL, 10, s);
    rg_buf b = RG_BUF_INIT;
    rg_buf_printf(&b, "%se-%ld", digits, k);
    rg_value v = rg_num_from_double(strtod(rg_buf_cstr(&b), NULL));
    rg_buf_fini(&b);
    void (*freefn)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &freefn);
    freefn(digits, strlen(digits) + 1);
    mpz_clear(s);
    return v;
}

typedef struct units_msgs {
    const char *no_amount, *bad_number, *unit_word;
} units_msgs;

/* Shared flow: clean the text, split it, look the unit up, parse. */
static int parse_common(rg_bi_ctx *ctx, rg_value arg, bool bytes, const unit *const tables[2], const units_msgs *m,
                        mpq_t q, bool *ext) {
    char *s = rg_xmalloc(arg.len + 1);
    size_t n = 0;
    for (size_t i = 0; i < arg.len; i++) {
        char c = arg.u.s[i];
        if (c == '"') continue;
        s[n++] = bytes && c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    int rc = 0;
    long num = split_amount(s, n);
    if (memchr(s, ' ', n)) rc = rg_bi_error(ctx, "spaces not allowed in resource strings");
    else if (num < 0) rc = rg_bi_error(ctx, "exponent too large");
    else if (num == 0) rc = rg_bi_error(ctx, "%s", m->no_amount);
    if (rc) {
        free(s);
        return rc;
    }
    char *u = s + num;
    size_t ulen = n - (size_t)num;
    for (size_t i = 1; !bytes && i < ulen; i++) /* units.parse lowers all but the first letter */
        if (u[i] >= 'A' && u[i] <= 'Z') u[i] = (char)(u[i] - 'A' + 'a');
    const unit *un = find_unit(tables[0], u, ulen);
    *ext = !un && tables[1] && (un = find_unit(tables[1], u, ulen)) != NULL;
    if (!un) rc = rg_bi_error(ctx, "%s %.*s not recognized", m->unit_word, (int)ulen, u);
    else if (!parse_amount(s, (size_t)num, q)) rc = rg_bi_error(ctx, "%s", m->bad_number);
    else scale_by_unit(q, un);
    free(s);
    return rc;
}

static int bi_parse(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    static const units_msgs msgs = {"no amount provided", "could not parse amount to a number",
                                    "unit"};
    if (rg_bi_want_string(ctx, args, 0)) return RG_BI_ERROR;
    static const unit *const tables[2] = {si_units, si_ext_units};
    mpq_t q;
    mpq_init(q);
    bool ext;
    int rc = parse_common(ctx, args[0], false, tables, &msgs, q, &ext);
    if (rc == 0) {
        rg_arena *a = rg_bi_arena(ctx);
        if (mpz_cmp_ui(mpq_denref(q), 1) == 0) *out = mpz_value(a, mpq_numref(q));
        else *out = ext ? nearest_value(a, q) : decimal_value(a, q);
    }
    mpq_clear(q);
    return rc ? RG_BI_ERROR : RG_BI_OK;
}

static int bi_parse_bytes(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    static const units_msgs msgs = {"no byte amount provided", "could not parse byte amount to a number",
                                    "byte unit"};
    if (rg_bi_want_string(ctx, args, 0)) return RG_BI_ERROR;
    static const unit *const tables[2] = {byte_units, NULL};
    mpq_t q;
    mpq_init(q);
    bool ext;
    int rc = parse_common(ctx, args[0], true, tables, &msgs, q, &ext);
    if (rc == 0) {
        mpz_t z;
        mpz_init(z);
        mpz_tdiv_q(z, mpq_numref(q), mpq_denref(q));
        *out = mpz_value(rg_bi_arena(ctx), z);
        mpz_clear(z);
    }
    mpq_clear(q);
    return rc ? RG_BI_ERROR : RG_BI_OK;
}

const rg_builtin_def rg_builtins_units[] = {
    {"units.parse", bi_parse, 1, RG_ARGS(RG_T_STR), RG_T_NUM, 0},
    {"units.parse_bytes", bi_parse_bytes, 1, RG_ARGS(RG_T_STR), RG_T_NUM, 0},
    {0},
};
