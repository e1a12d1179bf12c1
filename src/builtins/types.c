/* Builtins: types -- the is_* predicates (false, never undefined, for other
 * types, as in OPA) and type_name. */
#include <string.h>

#include "builtins/families.h"

static int is_kind(const rg_value *args, rg_kind kind, rg_value *out) {
    *out = rg_bool(args[0].kind == kind);
    return RG_BI_OK;
}

static int bi_is_number(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return is_kind(args, RG_NUMBER, out);
}

static int bi_is_string(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return is_kind(args, RG_STRING, out);
}

static int bi_is_boolean(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return is_kind(args, RG_BOOL, out);
}

static int bi_is_array(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return is_kind(args, RG_ARRAY, out);
}

static int bi_is_set(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return is_kind(args, RG_SET, out);
}

static int bi_is_object(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return is_kind(args, RG_OBJECT, out);
}

static int bi_is_null(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return is_kind(args, RG_NULL, out);
}

/* rg_type_name returns static strings, so the result needs no copy. */
static int bi_type_name(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    const char *name = rg_type_name(args[0]);
    *out = rg_string_static(name, strlen(name));
    return RG_BI_OK;
}

const rg_builtin_def rg_builtins_types[] = {
    {"is_number", bi_is_number, 1, RG_ARGS(RG_T_ANY), RG_T_BOOL, 0},
    {"is_string", bi_is_string, 1, RG_ARGS(RG_T_ANY), RG_T_BOOL, 0},
    {"is_boolean", bi_is_boolean, 1, RG_ARGS(RG_T_ANY), RG_T_BOOL, 0},
    {"is_array", bi_is_array, 1, RG_ARGS(RG_T_ANY), RG_T_BOOL, 0},
    {"is_set", bi_is_set, 1, RG_ARGS(RG_T_ANY), RG_T_BOOL, 0},
    {"is_object", bi_is_object, 1, RG_ARGS(RG_T_ANY), RG_T_BOOL, 0},
    {"is_null", bi_is_null, 1, RG_ARGS(RG_T_ANY), RG_T_BOOL, 0},
    {"type_name", bi_type_name, 1, RG_ARGS(RG_T_ANY), RG_T_STR, 0},
    {0},
};
