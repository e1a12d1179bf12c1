/* Builtins: the operators behind Rego's infix syntax -- arithmetic (+ - * / %),
 * comparison (== != < <= > >=), set intersection/union (& |) and membership
 * (`x in xs`, `k, v in xs`).  Semantics and messages follow OPA's topdown. */
#include "builtins/families.h"
#include "value/number.h"

/* ---- arithmetic ---- */

/* Records rg_num_arith's failure as OPA's builtin error ("div: divide by zero"). */
static int arith(rg_bi_ctx *ctx, rg_arith_op op, const rg_value *args, rg_value *out) {
    if (rg_bi_want_number(ctx, args, 0) || rg_bi_want_number(ctx, args, 1)) return RG_BI_ERROR;
    const char *err = NULL;
    if (rg_num_arith(rg_bi_arena(ctx), op, args[0], args[1], out, &err) != 0)
        return rg_bi_error(ctx, "%s", err ? err : "arithmetic error");
    return RG_BI_OK;
}

static int bi_plus(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return arith(ctx, RG_ADD, args, out);
}

static int bi_mul(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return arith(ctx, RG_MUL, args, out);
}

static int bi_div(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return arith(ctx, RG_DIV, args, out);
}

static int bi_rem(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_number(ctx, args, 0) || rg_bi_want_number(ctx, args, 1)) return RG_BI_ERROR;
    /* OPA rejects non-integers before looking at the divisor: 1.5 % 0 is a
     * floating-point error, not a division by zero. */
    if (!rg_num_is_integer(args[0]) || !rg_num_is_integer(args[1]))
        return rg_bi_error(ctx, "modulo on floating-point number");
    return arith(ctx, RG_REM, args, out);
}

/* minus is number subtraction or set difference; mixed operands get OPA's
 * operand-specific type errors. */
static int bi_minus(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    rg_value x = args[0], y = args[1];
    if (x.kind == RG_NUMBER && y.kind == RG_NUMBER) return arith(ctx, RG_SUB, args, out);
    if (x.kind == RG_SET && y.kind == RG_SET) {
        *out = rg_set_diff(rg_bi_arena(ctx), x, y);
        return RG_BI_OK;
    }
    if (x.kind != RG_NUMBER && x.kind != RG_SET) return rg_bi_type_error(ctx, 1, "one of {number, set}", x);
    return rg_bi_type_error(ctx, 2, x.kind == RG_SET ? "set" : "number", y);
}

/* ---- comparison: Rego's total order over any two values ---- */

static int bi_equal(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    *out = rg_bool(rg_value_equal(args[0], args[1]));
    return RG_BI_OK;
}

static int bi_neq(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    *out = rg_bool(!rg_value_equal(args[0], args[1]));
    return RG_BI_OK;
}

static int bi_lt(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    *out = rg_bool(rg_value_compare(args[0], args[1]) < 0);
    return RG_BI_OK;
}

static int bi_lte(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    *out = rg_bool(rg_value_compare(args[0], args[1]) <= 0);
    return RG_BI_OK;
}

static int bi_gt(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    *out = rg_bool(rg_value_compare(args[0], args[1]) > 0);
    return RG_BI_OK;
}

static int bi_gte(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    *out = rg_bool(rg_value_compare(args[0], args[1]) >= 0);
    return RG_BI_OK;
}

/* ---- set operators ---- */

static int bi_and(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_kind(ctx, args, 0, RG_T_SET) || rg_bi_want_kind(ctx, args, 1, RG_T_SET)) return RG_BI_ERROR;
    *out = rg_set_intersect(rg_bi_arena(ctx), args[0], args[1]);
    return RG_BI_OK;
}

static int bi_or(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_kind(ctx, args, 0, RG_T_SET) || rg_bi_want_kind(ctx, args, 1, RG_T_SET)) return RG_BI_ERROR;
    *out = rg_set_union(rg_bi_arena(ctx), args[0], args[1]);
    return RG_BI_OK;
}

/* ---- membership ---- */

/* `x in coll`: set elements, array elements, object values; any other
 * collection value is simply false (OPA does not raise an error). */
static int bi_member(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    rg_value x = args[0], c = args[1];
    bool found = false;
    if (c.kind == RG_SET) {
        found = rg_set_contains(c, x);
    } else if (c.kind == RG_ARRAY) {
        for (size_t i = 0; i < c.len && !found; i++) found = rg_value_equal(c.u.items[i], x);
    } else if (c.kind == RG_OBJECT) {
        for (size_t i = 0; i < c.len && !found; i++) found = rg_value_equal(rg_obj_val(c, i), x);
    }
    *out = rg_bool(found);
    return RG_BI_OK;
}

/* `k, v in coll`: array index/element, object key/value; for a set the key
 * and the value are both the element. */
static int bi_member_with_key(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    rg_value k = args[0], v = args[1], c = args[2];
    bool found = false;
    int64_t i;
    if (c.kind == RG_SET) {
        found = rg_set_contains(c, k) && rg_value_equal(k, v);
    } else if (c.kind == RG_OBJECT) {
        rg_value got = rg_object_get(c, k);
        found = !rg_is_undef(got) && rg_value_equal(got, v);
    } else if (c.kind == RG_ARRAY && k.kind == RG_NUMBER && rg_num_to_int64(k, &i)) {
        found = i >= 0 && (uint64_t)i < c.len && rg_value_equal(c.u.items[i], v);
    }
    *out = rg_bool(found);
    return RG_BI_OK;
}

const rg_builtin_def rg_builtins_operators[] = {
    {"plus", bi_plus, 2, RG_ARGS(RG_T_NUM, RG_T_NUM), RG_T_NUM, 0},
    {"minus", bi_minus, 2, RG_ARGS(RG_T_NUM | RG_T_SET, RG_T_NUM | RG_T_SET), RG_T_NUM | RG_T_SET, 0},
    {"mul", bi_mul, 2, RG_ARGS(RG_T_NUM, RG_T_NUM), RG_T_NUM, 0},
    {"div", bi_div, 2, RG_ARGS(RG_T_NUM, RG_T_NUM), RG_T_NUM, 0},
    {"rem", bi_rem, 2, RG_ARGS(RG_T_NUM, RG_T_NUM), RG_T_NUM, 0},
    {"equal", bi_equal, 2, RG_ARGS(RG_T_ANY, RG_T_ANY), RG_T_BOOL, 0},
    {"neq", bi_neq, 2, RG_ARGS(RG_T_ANY, RG_T_ANY), RG_T_BOOL, 0},
    {"lt", bi_lt, 2, RG_ARGS(RG_T_ANY, RG_T_ANY), RG_T_BOOL, 0},
    {"lte", bi_lte, 2, RG_ARGS(RG_T_ANY, RG_T_ANY), RG_T_BOOL, 0},
    {"gt", bi_gt, 2, RG_ARGS(RG_T_ANY, RG_T_ANY), RG_T_BOOL, 0},
    {"gte", bi_gte, 2, RG_ARGS(RG_T_ANY, RG_T_ANY), RG_T_BOOL, 0},
    {"and", bi_and, 2, RG_ARGS(RG_T_SET, RG_T_SET), RG_T_SET, 0},
    {"or", bi_or, 2, RG_ARGS(RG_T_SET, RG_T_SET), RG_T_SET, 0},
    {"internal.member_2", bi_member, 2, RG_ARGS(RG_T_ANY, RG_T_ANY), RG_T_BOOL, 0},
    {"internal.member_3", bi_member_with_key, 3, RG_ARGS(RG_T_ANY, RG_T_ANY, RG_T_ANY), RG_T_BOOL, 0},
    {0},
};
