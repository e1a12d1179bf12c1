/* Builtins: numbers -- abs, ceil, floor, round, numbers.range(_step),
 * rand.intn, the bits.* family and to_number.
 *
 * Integers are exact at any size: int64 fast paths, GMP beyond.  Argument
 * checks mirror OPA's two integer helpers: "IntOperand" (a non-number is
 * "must be number") and "BigIntOperand" (a non-number is "must be integer");
 * both report a non-integer as "must be integer number but got
 * floating-point number". */
#include <gmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>

#include "builtins/families.h"
#include "rego/bi_ctx.h"
#include "value/number.h"

/* numbers.range results are capped so a typo cannot exhaust memory. */
#define RANGE_MAX_LEN ((uint64_t)1 << 22)
/* bits.lsh results are capped at this many bits for the same reason. */
#define LSH_MAX_BITS 65536

/* An eval_type_error with a free-form operand message, for the cases
 * rg_bi_type_error's "must be X but got TYPE" shape cannot express. */
static int operand_error(rg_bi_ctx *ctx, int argn, const char *msg) {
    rg_bi_ctx_clear_error(ctx);
    ctx->err_code = "eval_type_error";
    rg_buf_printf(&ctx->err, "%s: operand %d %s", rg_bi_name(ctx), argn, msg);
    return RG_BI_ERROR;
}

static const char not_integer_msg[] = "must be integer number but got floating-point number";

/* OPA's BigIntOperand: any integer, however large. */
static int want_bigint(rg_bi_ctx *ctx, const rg_value *args, int i) {
    if (args[i].kind != RG_NUMBER) return rg_bi_type_error(ctx, i + 1, "integer", args[i]);
    if (!rg_num_is_integer(args[i])) return operand_error(ctx, i + 1, not_integer_msg);
    return 0;
}

/* OPA's IntOperand: a machine integer. */
static int want_int64(rg_bi_ctx *ctx, const rg_value *args, int i, int64_t *out) {
    if (rg_bi_want_number(ctx, args, i)) return RG_BI_ERROR;
    if (!rg_num_to_int64(args[i], out)) return operand_error(ctx, i + 1, not_integer_msg);
    return 0;
}

/* ---- GMP bridges (integers only) ---- */

static void mpz_from_value(mpz_t z, rg_value v) {
    if (v.sub == RG_NUM_INT) mpz_init_set_si(z, (long)v.u.i);
    else if (v.sub == RG_NUM_BIG) mpz_init_set_str(z, v.u.s, 10);
    else mpz_init_set_d(z, v.u.d);
}

/* Converts z to a normalised number and clears it. */
static rg_value value_from_mpz(rg_arena *a, mpz_t z) {
    rg_value out;
    if (mpz_fits_slong_p(z)) {
        out = rg_int(mpz_get_si(z));
    } else {
        size_t n = mpz_sizeinbase(z, 10) + 2;
        char *s = rg_xmalloc(n);
        mpz_get_str(s, 10, z);
        out = rg_bigint_from_text(a, s, strlen(s));
        free(s);
    }
    mpz_clear(z);
    return out;
}

/* A double as a number, exact when integral: beyond int64 an integral value
 * becomes a big int rather than a float, so ceil(1e20) prints as
 * 100000000000000000000. */
static rg_value integral_number(rg_arena *a, double d) {
    rg_value v = rg_num_from_double(d);
    if (v.sub != RG_NUM_FLOAT || !isfinite(d) || d != floor(d)) return v;
    mpz_t z;
    mpz_init_set_d(z, d);
    return value_from_mpz(a, z);
}

/* ---- abs, ceil, floor, round ---- */

static int bi_abs(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_number(ctx, args, 0)) return RG_BI_ERROR;
    *out = rg_num_abs(rg_bi_arena(ctx), args[0]);
    return RG_BI_OK;
}

static int round_mode(rg_bi_ctx *ctx, const rg_value *args, rg_value *out, char mode) {
    if (rg_bi_want_number(ctx, args, 0)) return RG_BI_ERROR;
    rg_value x = args[0];
    if (x.sub != RG_NUM_FLOAT) {
        *out = x;
        return RG_BI_OK;
    }
    /* C's round() is half away from zero, as OPA's round. */
    double d = mode == 'c' ? ceil(x.u.d) : mode == 'f' ? floor(x.u.d) : round(x.u.d);
    *out = integral_number(rg_bi_arena(ctx), d);
    return RG_BI_OK;
}

static int bi_ceil(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return round_mode(ctx, args, out, 'c');
}

static int bi_floor(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return round_mode(ctx, args, out, 'f');
}

static int bi_round(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return round_mode(ctx, args, out, 'r');
}

/* ---- numbers.range, numbers.range_step ---- */

/* Inclusive range from x towards y in steps of step (> 0), ascending or
 * descending.  The length is computed exactly first so huge ranges are
 * refused before anything is allocated. */
static int make_range(rg_bi_ctx *ctx, rg_value x, rg_value y, rg_value step, rg_value *out) {
    rg_arena *a = rg_bi_arena(ctx);
    const char *err = NULL;
    rg_value diff;
    if (rg_num_arith(a, RG_SUB, y, x, &diff, &err) != 0) return rg_bi_error(ctx, "%s", err);
    bool down = rg_num_compare(diff, rg_int(0)) < 0;
    int64_t span, st;
    if (!rg_num_to_int64(rg_num_abs(a, diff), &span) || span < 0)
        return rg_bi_error(ctx, "range is too large");
    uint64_t steps = rg_num_to_int64(step, &st) ? (uint64_t)span / (uint64_t)st : 0;
    if (steps >= RANGE_MAX_LEN) return rg_bi_error(ctx, "range is too large");
    size_t n = (size_t)steps + 1;
    rg_value *items = rg_arena_alloc(a, n * sizeof *items);
    rg_value cur = x;
    for (size_t i = 0; i < n; i++) {
        items[i] = cur;
        if (i + 1 < n && rg_num_arith(a, down ? RG_SUB : RG_ADD, cur, step, &cur, &err) != 0)
            return rg_bi_error(ctx, "%s", err);
    }
    *out = rg_array_take(items, n);
    return RG_BI_OK;
}

static int bi_range(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_bigint(ctx, args, 0) || want_bigint(ctx, args, 1)) return RG_BI_ERROR;
    return make_range(ctx, args[0], args[1], rg_int(1), out);
}

static int bi_range_step(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_bigint(ctx, args, 0) || want_bigint(ctx, args, 1) || want_bigint(ctx, args, 2)) return RG_BI_ERROR;
    /* OPA's message repeats the builtin name after its own prefix. */
    if (rg_num_compare(args[2], rg_int(0)) <= 0)
        return rg_bi_error(ctx, "numbers.range_step: step must be a positive integer");
    return make_range(ctx, args[0], args[1], args[2], out);
}

/* ---- rand.intn ---- */

static uint64_t random_u64(void) {
    uint64_t r;
    if (getrandom(&r, sizeof r, 0) == (ssize_t)sizeof r) return r;
    /* No kernel entropy: a clock-seeded splitmix step is good enough for a
     * policy's random choice (this is not a security primitive). */
    static _Thread_local uint64_t state;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    state += 0x9e3779b97f4a7c15ull ^ (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 32);
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Uniform in [0, n) by rejection, so no value is favoured. */
static uint64_t random_below(uint64_t n) {
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t r;
    do r = random_u64();
    while (r >= limit);
    return r % n;
}

/* The same (string, |n|) gives the same number for the whole evaluation. */
static int bi_rand_intn(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    int64_t n;
    if (rg_bi_want_string(ctx, args, 0) || want_int64(ctx, args, 1, &n)) return RG_BI_ERROR;
    if (n == 0) {
        *out = rg_int(0);
        return RG_BI_OK;
    }
    uint64_t bound = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    rg_arena *a = rg_bi_arena(ctx);
    rg_value key_items[3] = {rg_string_static("rand.intn", 9), args[0], rg_num_abs(a, args[1])};
    rg_value key = rg_array(a, key_items, 3);
    rg_value hit = rg_bi_cache_get(ctx, key);
    if (!rg_is_undef(hit)) {
        *out = hit;
        return RG_BI_OK;
    }
    *out = rg_int((int64_t)random_below(bound));
    rg_bi_cache_put(ctx, key, *out);
    return RG_BI_OK;
}

/* ---- bits ---- */

static int bits_binary(rg_bi_ctx *ctx, const rg_value *args, rg_value *out, char op) {
    if (want_bigint(ctx, args, 0) || want_bigint(ctx, args, 1)) return RG_BI_ERROR;
    rg_value x = args[0], y = args[1];
    if (rg_is_int(x) && rg_is_int(y)) {
        int64_t r = op == '&' ? (x.u.i & y.u.i) : op == '|' ? (x.u.i | y.u.i) : (x.u.i ^ y.u.i);
        *out = rg_int(r);
        return RG_BI_OK;
    }
    /* GMP's logical operations use two's complement semantics, like Go's big.Int. */
    mpz_t zx, zy, r;
    mpz_from_value(zx, x);
    mpz_from_value(zy, y);
    mpz_init(r);
    if (op == '&') mpz_and(r, zx, zy);
    else if (op == '|') mpz_ior(r, zx, zy);
    else mpz_xor(r, zx, zy);
    mpz_clear(zx), mpz_clear(zy);
    *out = value_from_mpz(rg_bi_arena(ctx), r);
    return RG_BI_OK;
}

static int bi_bits_and(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return bits_binary(ctx, args, out, '&');
}

static int bi_bits_or(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return bits_binary(ctx, args, out, '|');
}

static int bi_bits_xor(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return bits_binary(ctx, args, out, '^');
}

static int bi_bits_negate(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_bigint(ctx, args, 0)) return RG_BI_ERROR;
    if (rg_is_int(args[0])) {
        *out = rg_int(~args[0].u.i);
        return RG_BI_OK;
    }
    mpz_t z;
    mpz_from_value(z, args[0]);
    mpz_com(z, z);
    *out = value_from_mpz(rg_bi_arena(ctx), z);
    return RG_BI_OK;
}

/* Validates a shift's operands; *shift is UINT64_MAX when the amount does
 * not fit an int64 (only possible for huge positive amounts). */
static int shift_args(rg_bi_ctx *ctx, const rg_value *args, uint64_t *shift) {
    if (want_bigint(ctx, args, 0) || want_bigint(ctx, args, 1)) return RG_BI_ERROR;
    if (rg_num_compare(args[1], rg_int(0)) < 0)
        return operand_error(ctx, 2, "must be an unsigned integer number but got a negative integer");
    int64_t s;
    *shift = rg_num_to_int64(args[1], &s) ? (uint64_t)s : UINT64_MAX;
    return 0;
}

static int bi_bits_lsh(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    uint64_t s;
    if (shift_args(ctx, args, &s)) return RG_BI_ERROR;
    if (rg_num_compare(args[0], rg_int(0)) == 0) {
        *out = rg_int(0);
        return RG_BI_OK;
    }
    if (s > LSH_MAX_BITS) return rg_bi_error(ctx, "shift amount too large");
    mpz_t z;
    mpz_from_value(z, args[0]);
    mpz_mul_2exp(z, z, (mp_bitcnt_t)s);
    *out = value_from_mpz(rg_bi_arena(ctx), z);
    return RG_BI_OK;
}

/* Arithmetic shift: rounds towards negative infinity, as Go's big.Int. */
static int bi_bits_rsh(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    uint64_t s;
    if (shift_args(ctx, args, &s)) return RG_BI_ERROR;
    bool neg = rg_num_compare(args[0], rg_int(0)) < 0;
    if (rg_is_int(args[0]) || s > UINT32_MAX) {
        int64_t x = rg_is_int(args[0]) ? args[0].u.i : 0;
        if (s >= 63 || !rg_is_int(args[0])) *out = rg_int(neg ? -1 : 0);
        else *out = rg_int(x >= 0 ? x >> s : ~(~x >> s));
        return RG_BI_OK;
    }
    mpz_t z;
    mpz_from_value(z, args[0]);
    mpz_fdiv_q_2exp(z, z, (mp_bitcnt_t)s);
    *out = value_from_mpz(rg_bi_arena(ctx), z);
    return RG_BI_OK;
}

/* ---- to_number ---- */

static bool is_digit(char c, bool hex) {
    return (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
}

/* Copies a run of digits (underscores allowed only between two digits, as
 * Go's ParseFloat) to out; returns the number of digits, or -1 on a
 * misplaced underscore. */
static long digit_run(const char *s, size_t n, size_t *i, bool hex, rg_buf *out) {
    long count = 0;
    bool prev_digit = hex && *i >= 2 && (s[*i - 1] == 'x' || s[*i - 1] == 'X'); /* "0x_1" is fine */
    while (*i < n && (is_digit(s[*i], hex) || s[*i] == '_')) {
        if (s[*i] == '_') {
            if (!prev_digit || *i + 1 >= n || !is_digit(s[*i + 1], hex)) return -1;
            prev_digit = false;
        } else {
            rg_buf_putc(out, s[*i]);
            prev_digit = true;
            count++;
        }
        (*i)++;
    }
    return count;
}

/* Checks s against Go's floating-point syntax (what OPA's to_number
 * accepts) and writes a plain form for our number parser: underscores
 * dropped, "+", ".5" and "5." normalised.  Hex floats keep C99 syntax. */
static bool normalise_go_float(const char *s, size_t n, rg_buf *out, bool *hex) {
    size_t i = 0;
    if (i < n && (s[i] == '+' || s[i] == '-')) {
        if (s[i] == '-') rg_buf_putc(out, '-');
        i++;
    }
    *hex = i + 1 < n && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X');
    if (*hex) rg_buf_puts(out, "0x"), i += 2;
    long d1 = digit_run(s, n, &i, *hex, out), d2 = 0;
    if (d1 < 0) return false;
    if (d1 == 0) rg_buf_putc(out, '0');
    if (i < n && s[i] == '.') {
        i++;
        size_t dot_at = out->len;
        rg_buf_putc(out, '.');
        if ((d2 = digit_run(s, n, &i, *hex, out)) < 0) return false;
        if (d2 == 0) out->len = dot_at, out->data[dot_at] = 0;
    }
    if (d1 + d2 == 0) return false;
    char e = *hex ? 'p' : 'e';
    if (i < n && (s[i] == e || s[i] == e - 32)) {
        rg_buf_putc(out, e);
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) rg_buf_putc(out, s[i++]);
        if (digit_run(s, n, &i, false, out) <= 0) return false;
    } else if (*hex) {
        return false; /* a hex mantissa needs a 'p' exponent */
    }
    return i == n;
}

/* Go's strconv.Quote, enough for error messages. */
static void go_quote(rg_buf *b, const char *s, size_t n) {
    rg_buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') rg_buf_printf(b, "\\%c", c);
        else if (c == '\n') rg_buf_puts(b, "\\n");
        else if (c == '\t') rg_buf_puts(b, "\\t");
        else if (c == '\r') rg_buf_puts(b, "\\r");
        else if (c < 0x20 || c == 0x7f) rg_buf_printf(b, "\\x%02x", c);
        else rg_buf_putc(b, (char)c);
    }
    rg_buf_putc(b, '"');
}

static int parse_float_error(rg_bi_ctx *ctx, rg_value str, const char *why) {
    rg_buf q = RG_BUF_INIT;
    go_quote(&q, str.u.s, str.len);
    rg_bi_error(ctx, "strconv.ParseFloat: parsing %s: %s", rg_buf_cstr(&q), why);
    rg_buf_fini(&q);
    return RG_BI_ERROR;
}

/* Go accepts "inf", "infinity" and "nan"; OPA turns those into type errors. */
static bool is_non_finite_word(const char *s, size_t n) {
    while (n && (*s == '+' || *s == '-')) s++, n--;
    return (n == 3 && !strncasecmp(s, "inf", 3)) || (n == 8 && !strncasecmp(s, "infinity", 8)) ||
           (n == 3 && !strncasecmp(s, "nan", 3));
}

static int string_to_number(rg_bi_ctx *ctx, rg_value str, rg_value *out) {
    if (is_non_finite_word(str.u.s, str.len))
        return rg_bi_type_error(ctx, 1, "valid number string", str);
    rg_buf norm = RG_BUF_INIT;
    bool hex = false;
    int rc = RG_BI_OK;
    if (!normalise_go_float(str.u.s, str.len, &norm, &hex)) {
        rc = parse_float_error(ctx, str, "invalid syntax");
    } else {
        double d = strtod(rg_buf_cstr(&norm), NULL);
        if (isinf(d)) rc = parse_float_error(ctx, str, "value out of range");
        else if (hex) *out = integral_number(rg_bi_arena(ctx), d);
        else *out = rg_number_parse(rg_bi_arena(ctx), norm.data, norm.len);
        if (rc == RG_BI_OK && rg_is_undef(*out)) rc = parse_float_error(ctx, str, "invalid syntax");
    }
    rg_buf_fini(&norm);
    return rc;
}

static int bi_to_number(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    rg_value v = args[0];
    switch ((rg_kind)v.kind) {
    case RG_NULL: *out = rg_int(0); return RG_BI_OK;
    case RG_BOOL: *out = rg_int(v.u.b ? 1 : 0); return RG_BI_OK;
    case RG_NUMBER: *out = v; return RG_BI_OK;
    case RG_STRING: return string_to_number(ctx, v, out);
    default: return rg_bi_type_error(ctx, 1, "one of {null, boolean, number, string}", v);
    }
}

const rg_builtin_def rg_builtins_numbers[] = {
    {"abs", bi_abs, 1, RG_ARGS(RG_T_NUM), RG_T_NUM, 0},
    {"ceil", bi_ceil, 1, RG_ARGS(RG_T_NUM), RG_T_NUM, 0},
    {"floor", bi_floor, 1, RG_ARGS(RG_T_NUM), RG_T_NUM, 0},
    {"round", bi_round, 1, RG_ARGS(RG_T_NUM), RG_T_NUM, 0},
    {"numbers.range", bi_range, 2, RG_ARGS(RG_T_NUM, RG_T_NUM), RG_T_ARR, 0},
    {"numbers.range_step", bi_range_step, 3, RG_ARGS(RG_T_NUM, RG_T_NUM, RG_T_NUM), RG_T_ARR, 0},
    {"rand.intn", bi_rand_intn, 2, RG_ARGS(RG_T_STR, RG_T_NUM), RG_T_NUM, RG_BI_NONDETERMINISTIC},
    {"bits.and", bi_bits_and, 2, RG_ARGS(RG_T_NUM, RG_T_NUM), RG_T_NUM, 0},
    {"bits.or", bi_bits_or, 2, RG_ARGS(RG_T_NUM, RG_T_NUM), RG_T_NUM, 0},
    {"bits.xor", bi_bits_xor, 2, RG_ARGS(RG_T_NUM, RG_T_NUM), RG_T_NUM, 0},
    {"bits.negate", bi_bits_negate, 1, RG_ARGS(RG_T_NUM), RG_T_NUM, 0},
    {"bits.lsh", bi_bits_lsh, 2, RG_ARGS(RG_T_NUM, RG_T_NUM), RG_T_NUM, 0},
    {"bits.rsh", bi_bits_rsh, 2, RG_ARGS(RG_T_NUM, RG_T_NUM), RG_T_NUM, 0},
    {"to_number", bi_to_number, 1, RG_ARGS(RG_T_NULL | RG_T_BOOL | RG_T_NUM | RG_T_STR), RG_T_NUM, 0},
    {0},
};
