/* Builtins: objects -- object.get, object.keys, object.union(_n),
 * object.remove, object.filter, object.subset.  Objects are sorted pair
 * arrays, so merges and filters are single ordered passes. */
#include "builtins/families.h"
#include "rego/bi_ctx.h"

/* Recursive merges and subset checks refuse deeper nesting than this
 * (readers already cap documents at 1000 levels). */
#define MAX_DEPTH 4096

/* ---- object.get ---- */

/* Follows path through objects (by key), arrays (by integer index) and sets
 * (by element), as OPA's Value.Find; RG_UNDEFINED when a step is missing. */
static rg_value find_path(rg_value v, const rg_value *path, size_t n) {
    for (size_t i = 0; i < n; i++) {
        rg_value p = path[i];
        int64_t ix;
        if (v.kind == RG_OBJECT) {
            v = rg_object_get(v, p);
            if (rg_is_undef(v)) return v;
        } else if (v.kind == RG_ARRAY) {
            if (p.kind != RG_NUMBER || !rg_num_to_int64(p, &ix) || ix < 0 || (uint64_t)ix >= v.len)
                return rg_undefined();
            v = v.u.items[ix];
        } else if (v.kind == RG_SET) {
            long at = rg_set_find(v, p);
            if (at < 0) return rg_undefined();
            v = v.u.items[at];
        } else {
            return rg_undefined();
        }
    }
    return v;
}

/* A non-array key is looked up directly; an array key is a path, and the
 * empty path selects the object itself. */
static int bi_get(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_kind(ctx, args, 0, RG_T_OBJ)) return RG_BI_ERROR;
    rg_value obj = args[0], key = args[1];
    rg_value got = key.kind == RG_ARRAY ? find_path(obj, key.u.items, key.len) : rg_object_get(obj, key);
    *out = rg_is_undef(got) ? args[2] : got;
    return RG_BI_OK;
}

/* ---- object.keys ---- */

static int bi_keys(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_kind(ctx, args, 0, RG_T_OBJ)) return RG_BI_ERROR;
    rg_value obj = args[0];
    if (!obj.len) {
        *out = rg_empty_set();
        return RG_BI_OK;
    }
    /* Object keys are already sorted and unique: exactly a set's layout. */
    rg_value *keys = rg_arena_alloc(rg_bi_arena(ctx), obj.len * sizeof *keys);
    for (size_t i = 0; i < obj.len; i++) keys[i] = rg_obj_key(obj, i);
    *out = (rg_value){.kind = RG_SET, .len = obj.len, .u.items = keys};
    return RG_BI_OK;
}

/* ---- object.union, object.union_n ---- */

/* Deep merge: keys of both, b's value winning, except that two object
 * values are merged recursively.  Returns -1 when nested too deeply. */
static int merge(rg_arena *a, rg_value x, rg_value y, int depth, rg_value *out) {
    if (depth > MAX_DEPTH) return -1;
    if (!x.len || rg_value_equal(x, y)) {
        *out = y;
        return 0;
    }
    if (!y.len) {
        *out = x;
        return 0;
    }
    rg_value *pairs = rg_arena_alloc(a, 2 * ((size_t)x.len + y.len) * sizeof *pairs);
    size_t i = 0, j = 0, n = 0;
    while (i < x.len || j < y.len) {
        int c = i == x.len ? 1 : j == y.len ? -1 : rg_value_compare(rg_obj_key(x, i), rg_obj_key(y, j));
        rg_value k = c <= 0 ? rg_obj_key(x, i) : rg_obj_key(y, j);
        rg_value v = c < 0 ? rg_obj_val(x, i) : rg_obj_val(y, j);
        if (c == 0 && v.kind == RG_OBJECT && rg_obj_val(x, i).kind == RG_OBJECT &&
            merge(a, rg_obj_val(x, i), v, depth + 1, &v) != 0)
            return -1;
        pairs[2 * n] = k, pairs[2 * n + 1] = v, n++;
        if (c <= 0) i++;
        if (c >= 0) j++;
    }
    /* Both inputs were sorted by key, so the merged pairs are too. */
    *out = (rg_value){.kind = RG_OBJECT, .len = (uint32_t)n, .u.items = pairs};
    return 0;
}

static int bi_union(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_kind(ctx, args, 0, RG_T_OBJ) || rg_bi_want_kind(ctx, args, 1, RG_T_OBJ)) return RG_BI_ERROR;
    if (merge(rg_bi_arena(ctx), args[0], args[1], 0, out) != 0) return rg_bi_error(ctx, "objects nested too deeply");
    return RG_BI_OK;
}

/* Left fold of object.union: later objects win. */
static int bi_union_n(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_kind(ctx, args, 0, RG_T_ARR)) return RG_BI_ERROR;
    rg_value arr = args[0];
    /* OPA walks the array from the end, so the last bad element is reported. */
    for (size_t i = arr.len; i-- > 0;) {
        if (arr.u.items[i].kind == RG_OBJECT) continue;
        rg_bi_ctx_clear_error(ctx);
        ctx->err_code = "eval_type_error";
        rg_buf_printf(&ctx->err, "%s: operand 1 must be array of objects but got array containing %s",
                      rg_bi_name(ctx), rg_type_name(arr.u.items[i]));
        return RG_BI_ERROR;
    }
    rg_value acc = rg_empty_object();
    for (size_t i = 0; i < arr.len; i++)
        if (merge(rg_bi_arena(ctx), acc, arr.u.items[i], 0, &acc) != 0)
            return rg_bi_error(ctx, "objects nested too deeply");
    *out = acc;
    return RG_BI_OK;
}

/* ---- object.remove, object.filter ---- */

/* The keys argument as a set: array elements, set elements or object keys. */
static int key_set(rg_bi_ctx *ctx, rg_value keys, rg_value *out) {
    if (keys.kind == RG_SET) {
        *out = keys;
    } else if (keys.kind == RG_ARRAY) {
        *out = rg_set(rg_bi_arena(ctx), keys.u.items, keys.len);
    } else if (keys.kind == RG_OBJECT) {
        rg_vec v = RG_VEC_INIT;
        for (size_t i = 0; i < keys.len; i++) rg_vec_push(&v, rg_obj_key(keys, i));
        *out = rg_vec_to_set(rg_bi_arena(ctx), &v);
        rg_vec_fini(&v);
    } else {
        return rg_bi_type_error(ctx, 2, "one of {object, set, array}", keys);
    }
    return 0;
}

/* Keeps the pairs whose key is (keep) or is not (!keep) in the key set. */
static int select_keys(rg_bi_ctx *ctx, const rg_value *args, bool keep, rg_value *out) {
    rg_value keys;
    if (rg_bi_want_kind(ctx, args, 0, RG_T_OBJ) || key_set(ctx, args[1], &keys)) return RG_BI_ERROR;
    rg_value obj = args[0];
    if (!obj.len) {
        *out = obj;
        return RG_BI_OK;
    }
    rg_value *pairs = rg_arena_alloc(rg_bi_arena(ctx), 2 * (size_t)obj.len * sizeof *pairs);
    size_t n = 0;
    for (size_t i = 0; i < obj.len; i++) {
        if (rg_set_contains(keys, rg_obj_key(obj, i)) != keep) continue;
        pairs[2 * n] = rg_obj_key(obj, i), pairs[2 * n + 1] = rg_obj_val(obj, i), n++;
    }
    *out = n ? (rg_value){.kind = RG_OBJECT, .len = (uint32_t)n, .u.items = pairs} : rg_empty_object();
    return RG_BI_OK;
}

static int bi_remove(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return select_keys(ctx, args, false, out);
}

static int bi_filter(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return select_keys(ctx, args, true, out);
}

/* ---- object.subset ---- */

/* Every element of sub is in super (no recursion into elements). */
static bool set_subset(rg_value super, rg_value sub) {
    for (size_t i = 0; i < sub.len; i++)
        if (!rg_set_contains(super, sub.u.items[i])) return false;
    return true;
}

/* sub occurs in super as a contiguous run. */
static bool array_subset(rg_value super, rg_value sub) {
    if (sub.len > super.len) return false;
    for (size_t start = 0; start + sub.len <= super.len; start++) {
        size_t k = 0;
        while (k < sub.len && rg_value_equal(super.u.items[start + k], sub.u.items[k])) k++;
        if (k == sub.len) return true;
    }
    return false;
}

/* Mirrors OPA exactly, quirks included: each array element found in the
 * set counts once per occurrence, and an empty super array is never a
 * match (while an empty set is a subset of any non-empty array). */
static bool array_set_subset(rg_value super, rg_value sub) {
    size_t unmatched = sub.len;
    for (size_t i = 0; i < super.len; i++) {
        if (unmatched && rg_set_contains(sub, super.u.items[i])) unmatched--;
        if (unmatched == 0) return true;
    }
    return false;
}

/* 1 when sub is a subset of super, 0 when not, -1 when nested too deeply.
 * Values under a common key must be equal, or both objects (recursive),
 * both sets or both arrays. */
static int object_subset(rg_value super, rg_value sub, int depth) {
    if (depth > MAX_DEPTH) return -1;
    for (size_t i = 0; i < sub.len; i++) {
        rg_value sv = rg_obj_val(sub, i), pv = rg_object_get(super, rg_obj_key(sub, i));
        if (rg_is_undef(pv)) return 0;
        if (rg_value_equal(sv, pv)) continue;
        int ok = 0;
        if (pv.kind != sv.kind) ok = 0;
        else if (sv.kind == RG_OBJECT) ok = object_subset(pv, sv, depth + 1);
        else if (sv.kind == RG_SET) ok = set_subset(pv, sv);
        else if (sv.kind == RG_ARRAY) ok = array_subset(pv, sv);
        if (ok != 1) return ok;
    }
    return 1;
}

static int bi_subset(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    rg_value super = args[0], sub = args[1];
    int ok;
    if (super.kind == RG_OBJECT && sub.kind == RG_OBJECT) ok = object_subset(super, sub, 0);
    else if (super.kind == RG_SET && sub.kind == RG_SET) ok = set_subset(super, sub);
    else if (super.kind == RG_ARRAY && sub.kind == RG_ARRAY) ok = array_subset(super, sub);
    else if (super.kind == RG_ARRAY && sub.kind == RG_SET) ok = array_set_subset(super, sub);
    else {
        /* OPA raises this as an operand (type) error with its own wording. */
        rg_bi_ctx_clear_error(ctx);
        ctx->err_code = "eval_type_error";
        rg_buf_printf(&ctx->err, "%s: both arguments object.subset must be of the same type or array and set",
                      rg_bi_name(ctx));
        return RG_BI_ERROR;
    }
    if (ok < 0) return rg_bi_error(ctx, "objects nested too deeply");
    *out = rg_bool(ok == 1);
    return RG_BI_OK;
}

const rg_builtin_def rg_builtins_objects[] = {
    {"object.get", bi_get, 3, RG_ARGS(RG_T_OBJ, RG_T_ANY, RG_T_ANY), RG_T_ANY, 0},
    {"object.keys", bi_keys, 1, RG_ARGS(RG_T_OBJ), RG_T_SET, 0},
    {"object.union", bi_union, 2, RG_ARGS(RG_T_OBJ, RG_T_OBJ), RG_T_OBJ, 0},
    {"object.union_n", bi_union_n, 1, RG_ARGS(RG_T_ARR), RG_T_OBJ, 0},
    {"object.remove", bi_remove, 2, RG_ARGS(RG_T_OBJ, RG_T_COLL), RG_T_OBJ, 0},
    {"object.filter", bi_filter, 2, RG_ARGS(RG_T_OBJ, RG_T_COLL), RG_T_OBJ, 0},
    {"object.subset", bi_subset, 2, RG_ARGS(RG_T_OBJ | RG_T_SET | RG_T_ARR, RG_T_OBJ | RG_T_SET | RG_T_ARR), RG_T_BOOL,
     0},
    {0},
};
