/* Builtins: sets -- intersection and union of a set of sets. */
#include "builtins/families.h"

/* Every element of the argument must itself be a set; OPA reports a bad
 * element as operand 1 too ("operand 1 must be set but got number"). */
static int want_set_of_sets(rg_bi_ctx *ctx, const rg_value *args) {
    if (rg_bi_want_kind(ctx, args, 0, RG_T_SET)) return RG_BI_ERROR;
    for (size_t i = 0; i < args[0].len; i++)
        if (args[0].u.items[i].kind != RG_SET) return rg_bi_type_error(ctx, 1, "set", args[0].u.items[i]);
    return 0;
}

static int bi_intersection(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_set_of_sets(ctx, args)) return RG_BI_ERROR;
    rg_value sets = args[0];
    if (!sets.len) {
        *out = rg_empty_set();
        return RG_BI_OK;
    }
    rg_value acc = sets.u.items[0];
    for (size_t i = 1; i < sets.len && acc.len; i++) acc = rg_set_intersect(rg_bi_arena(ctx), acc, sets.u.items[i]);
    *out = acc;
    return RG_BI_OK;
}

static int bi_union(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_set_of_sets(ctx, args)) return RG_BI_ERROR;
    rg_value sets = args[0];
    /* One pass: gather every element, then sort and deduplicate once,
     * instead of len-1 pairwise merges. */
    size_t total = 0;
    for (size_t i = 0; i < sets.len; i++) total += sets.u.items[i].len;
    if (!total) {
        *out = rg_empty_set();
        return RG_BI_OK;
    }
    rg_vec all = RG_VEC_INIT;
    for (size_t i = 0; i < sets.len; i++)
        for (size_t j = 0; j < sets.u.items[i].len; j++) rg_vec_push(&all, sets.u.items[i].u.items[j]);
    *out = rg_vec_to_set(rg_bi_arena(ctx), &all);
    rg_vec_fini(&all);
    return RG_BI_OK;
}

const rg_builtin_def rg_builtins_sets[] = {
    {"intersection", bi_intersection, 1, RG_ARGS(RG_T_SET), RG_T_SET, 0},
    {"union", bi_union, 1, RG_ARGS(RG_T_SET), RG_T_SET, 0},
    {0},
};
