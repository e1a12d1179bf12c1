/* Builtins: arrays -- array.concat, array.slice (OPA's clamping), array.reverse,
 * array.flatten (one level). */
#include "builtins/families.h"
#include "rego/bi_ctx.h"

/* OPA's IntOperand: a number that is a machine integer.  A non-integer gets
 * a type error whose wording rg_bi_want_int does not produce. */
static int want_index(rg_bi_ctx *ctx, const rg_value *args, int i, int64_t *out) {
    if (rg_bi_want_number(ctx, args, i)) return RG_BI_ERROR;
    if (rg_num_to_int64(args[i], out)) return 0;
    rg_bi_ctx_clear_error(ctx);
    ctx->err_code = "eval_type_error";
    rg_buf_printf(&ctx->err, "%s: operand %d must be integer number but got floating-point number", rg_bi_name(ctx),
                  i + 1);
    return RG_BI_ERROR;
}

static int bi_concat(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_kind(ctx, args, 0, RG_T_ARR) || rg_bi_want_kind(ctx, args, 1, RG_T_ARR)) return RG_BI_ERROR;
    rg_value x = args[0], y = args[1];
    if (!y.len) {
        *out = x;
        return RG_BI_OK;
    }
    if (!x.len) {
        *out = y;
        return RG_BI_OK;
    }
    size_t n = (size_t)x.len + y.len;
    if (n > UINT32_MAX) return rg_bi_error(ctx, "array too large");
    rg_value *items = rg_arena_alloc(rg_bi_arena(ctx), n * sizeof *items);
    for (size_t i = 0; i < x.len; i++) items[i] = x.u.items[i];
    for (size_t i = 0; i < y.len; i++) items[x.len + i] = y.u.items[i];
    *out = rg_array_take(items, n);
    return RG_BI_OK;
}

/* Out-of-range bounds clamp instead of failing: stop to [0, len], then
 * start to [0, stop], so the result is never an error. */
static int bi_slice(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    int64_t start, stop;
    if (rg_bi_want_kind(ctx, args, 0, RG_T_ARR) || want_index(ctx, args, 1, &start) ||
        want_index(ctx, args, 2, &stop))
        return RG_BI_ERROR;
    rg_value arr = args[0];
    int64_t len = (int64_t)arr.len;
    if (stop < 0) stop = 0;
    else if (stop > len) stop = len;
    if (start < 0) start = 0;
    else if (start > stop) start = stop;
    if (start == stop) {
        *out = rg_empty_array();
        return RG_BI_OK;
    }
    /* Values are immutable, so the slice can share the original's items. */
    *out = rg_array_take((rg_value *)(arr.u.items + start), (size_t)(stop - start));
    return RG_BI_OK;
}

static int bi_reverse(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_kind(ctx, args, 0, RG_T_ARR)) return RG_BI_ERROR;
    rg_value arr = args[0];
    if (!arr.len) {
        *out = rg_empty_array();
        return RG_BI_OK;
    }
    rg_value *items = rg_arena_alloc(rg_bi_arena(ctx), arr.len * sizeof *items);
    for (size_t i = 0; i < arr.len; i++) items[i] = arr.u.items[arr.len - 1 - i];
    *out = rg_array_take(items, arr.len);
    return RG_BI_OK;
}

/* Splices the elements of nested arrays one level deep; other elements
 * (including sets and deeper arrays) are kept as they are. */
static int bi_flatten(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_kind(ctx, args, 0, RG_T_ARR)) return RG_BI_ERROR;
    rg_value arr = args[0];
    size_t n = 0;
    for (size_t i = 0; i < arr.len; i++) {
        rg_value e = arr.u.items[i];
        n += e.kind == RG_ARRAY ? e.len : 1;
    }
    if (n > UINT32_MAX) return rg_bi_error(ctx, "array too large");
    if (!n) {
        *out = rg_empty_array();
        return RG_BI_OK;
    }
    rg_value *items = rg_arena_alloc(rg_bi_arena(ctx), n * sizeof *items), *w = items;
    for (size_t i = 0; i < arr.len; i++) {
        rg_value e = arr.u.items[i];
        if (e.kind != RG_ARRAY) *w++ = e;
        else
            for (size_t k = 0; k < e.len; k++) *w++ = e.u.items[k];
    }
    *out = rg_array_take(items, n);
    return RG_BI_OK;
}

const rg_builtin_def rg_builtins_arrays[] = {
    {"array.flatten", bi_flatten, 1, RG_ARGS(RG_T_ARR), RG_T_ARR, 0},
    {"array.concat", bi_concat, 2, RG_ARGS(RG_T_ARR, RG_T_ARR), RG_T_ARR, 0},
    {"array.slice", bi_slice, 3, RG_ARGS(RG_T_ARR, RG_T_NUM, RG_T_NUM), RG_T_ARR, 0},
    {"array.reverse", bi_reverse, 1, RG_ARGS(RG_T_ARR), RG_T_ARR, 0},
    {0},
};
