/* Builtins: aggregates over collections -- count, sum, product, max, min,
 * sort, and the deprecated any/all.  Arrays and sets share one code path:
 * both are a run of items (a set's already in Rego order). */
#include <stdlib.h>

#include "builtins/families.h"
#include "rego/bi_ctx.h"
#include "value/number.h"

/* OPA lists the accepted kinds in this order for sum, product, max, min and sort. */
static const char set_or_array[] = "one of {set, array}";

/* Code points in a UTF-8 string; each byte of a malformed sequence counts
 * as one, as Go's []rune conversion does. */
static size_t utf8_runes(const char *s, size_t n) {
    size_t count = 0, i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        bool ok = len > 0 && i + len <= n;
        for (size_t k = 1; ok && k < len; k++) ok = ((unsigned char)s[i + k] & 0xc0) == 0x80;
        i += ok ? len : 1;
        count++;
    }
    return count;
}

static int bi_count(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    rg_value v = args[0];
    if (rg_bi_want_kind(ctx, args, 0, RG_T_COLL | RG_T_STR)) return RG_BI_ERROR;
    *out = rg_int((int64_t)(v.kind == RG_STRING ? utf8_runes(v.u.s, v.len) : v.len));
    return RG_BI_OK;
}

/* OPA's element type error: "operand 1 must be array of numbers but got
 * array containing string". */
static int element_error(rg_bi_ctx *ctx, rg_value coll, rg_value elem, const char *want) {
    rg_bi_ctx_clear_error(ctx);
    ctx->err_code = "eval_type_error";
    const char *kind = rg_type_name(coll);
    rg_buf_printf(&ctx->err, "%s: operand 1 must be %s of %ss but got %s containing %s", rg_bi_name(ctx), kind, want,
                  kind, rg_type_name(elem));
    return RG_BI_ERROR;
}

/* Folds + or * over the numbers of an array or set.  Integers stay exact;
 * a non-integer switches to floating point as in OPA. */
static int fold_numbers(rg_bi_ctx *ctx, const rg_value *args, rg_arith_op op, rg_value *out) {
    rg_value c = args[0];
    if (c.kind != RG_ARRAY && c.kind != RG_SET) return rg_bi_type_error(ctx, 1, set_or_array, c);
    for (size_t i = 0; i < c.len; i++)
        if (c.u.items[i].kind != RG_NUMBER) return element_error(ctx, c, c.u.items[i], "number");
    rg_value acc = rg_int(op == RG_MUL ? 1 : 0);
    const char *err = NULL;
    for (size_t i = 0; i < c.len; i++)
        if (rg_num_arith(rg_bi_arena(ctx), op, acc, c.u.items[i], &acc, &err) != 0)
            return rg_bi_error(ctx, "%s", err ? err : "arithmetic error");
    *out = acc;
    return RG_BI_OK;
}

static int bi_sum(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return fold_numbers(ctx, args, RG_ADD, out);
}

static int bi_product(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return fold_numbers(ctx, args, RG_MUL, out);
}

/* max (sign > 0) or min (sign < 0) by Rego's order; empty input is undefined. */
static int extreme(rg_bi_ctx *ctx, const rg_value *args, int sign, rg_value *out) {
    rg_value c = args[0];
    if (c.kind != RG_ARRAY && c.kind != RG_SET) return rg_bi_type_error(ctx, 1, set_or_array, c);
    if (c.len == 0) return RG_BI_UNDEFINED;
    rg_value best = c.u.items[0];
    for (size_t i = 1; i < c.len; i++)
        if (rg_value_compare(c.u.items[i], best) * sign > 0) best = c.u.items[i];
    *out = best;
    return RG_BI_OK;
}

static int bi_max(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return extreme(ctx, args, 1, out);
}

static int bi_min(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return extreme(ctx, args, -1, out);
}

static int cmp_values(const void *x, const void *y) {
    return rg_value_compare(*(const rg_value *)x, *(const rg_value *)y);
}

static int bi_sort(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    rg_value c = args[0];
    if (c.kind != RG_ARRAY && c.kind != RG_SET) return rg_bi_type_error(ctx, 1, set_or_array, c);
    if (c.len == 0) {
        *out = rg_empty_array();
        return RG_BI_OK;
    }
    /* A set's items are already sorted; arrays are sorted on a copy. */
    rg_value *items = rg_arena_memdup(rg_bi_arena(ctx), c.u.items, c.len * sizeof *items);
    if (c.kind == RG_ARRAY) qsort(items, c.len, sizeof *items, cmp_values);
    *out = rg_array_take(items, c.len);
    return RG_BI_OK;
}

/* any/all compare elements with `true` exactly: 1 or "true" do not count. */
static int truthy(rg_bi_ctx *ctx, const rg_value *args, bool want_all, rg_value *out) {
    rg_value c = args[0];
    if (rg_bi_want_kind(ctx, args, 0, RG_T_ARR | RG_T_SET)) return RG_BI_ERROR;
    bool result = want_all;
    for (size_t i = 0; i < c.len; i++) {
        if (rg_is_true(c.u.items[i]) != want_all) {
            result = !want_all;
            break;
        }
    }
    *out = rg_bool(result);
    return RG_BI_OK;
}

static int bi_any(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return truthy(ctx, args, false, out);
}

static int bi_all(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return truthy(ctx, args, true, out);
}

const rg_builtin_def rg_builtins_aggregates[] = {
    {"count", bi_count, 1, RG_ARGS(RG_T_COLL | RG_T_STR), RG_T_NUM, 0},
    {"sum", bi_sum, 1, RG_ARGS(RG_T_ARR | RG_T_SET), RG_T_NUM, 0},
    {"product", bi_product, 1, RG_ARGS(RG_T_ARR | RG_T_SET), RG_T_NUM, 0},
    {"max", bi_max, 1, RG_ARGS(RG_T_ARR | RG_T_SET), RG_T_ANY, 0},
    {"min", bi_min, 1, RG_ARGS(RG_T_ARR | RG_T_SET), RG_T_ANY, 0},
    {"sort", bi_sort, 1, RG_ARGS(RG_T_ARR | RG_T_SET), RG_T_ARR, 0},
    {"any", bi_any, 1, RG_ARGS(RG_T_ARR | RG_T_SET), RG_T_BOOL, RG_BI_DEPRECATED},
    {"all", bi_all, 1, RG_ARGS(RG_T_ARR | RG_T_SET), RG_T_BOOL, RG_BI_DEPRECATED},
    {0},
};
