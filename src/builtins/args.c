/* Argument helpers shared by all builtin families: OPA's operand type errors
 * are produced here, in one place. */
#include "rego/builtin.h"

static const char *mask_name(unsigned mask) {
    switch (mask) {
    case RG_T_STR: return "string";
    case RG_T_NUM: return "number";
    case RG_T_BOOL: return "boolean";
    case RG_T_ARR: return "array";
    case RG_T_OBJ: return "object";
    case RG_T_SET: return "set";
    case RG_T_NULL: return "null";
    case RG_T_ARR | RG_T_SET: return "one of {array, set}";
    case RG_T_OBJ | RG_T_SET: return "one of {object, set}";
    case RG_T_COLL: return "one of {array, object, set}";
    case RG_T_COLL | RG_T_STR: return "one of {array, object, set, string}";
    case RG_T_ARR | RG_T_OBJ: return "one of {array, object}";
    case RG_T_STR | RG_T_OBJ: return "one of {object, string}";
    default: return "a different type";
    }
}

static unsigned kind_mask(rg_value v) {
    switch ((rg_kind)v.kind) {
    case RG_NULL: return RG_T_NULL;
    case RG_BOOL: return RG_T_BOOL;
    case RG_NUMBER: return RG_T_NUM;
    case RG_STRING: return RG_T_STR;
    case RG_ARRAY: return RG_T_ARR;
    case RG_OBJECT: return RG_T_OBJ;
    case RG_SET: return RG_T_SET;
    default: return 0;
    }
}

int rg_bi_want_kind(rg_bi_ctx *ctx, const rg_value *args, int i, unsigned mask) {
    if (kind_mask(args[i]) & mask) return 0;
    return rg_bi_type_error(ctx, i + 1, mask_name(mask), args[i]);
}

int rg_bi_want_string(rg_bi_ctx *ctx, const rg_value *args, int i) { return rg_bi_want_kind(ctx, args, i, RG_T_STR); }

int rg_bi_want_number(rg_bi_ctx *ctx, const rg_value *args, int i) { return rg_bi_want_kind(ctx, args, i, RG_T_NUM); }

int rg_bi_want_int(rg_bi_ctx *ctx, const rg_value *args, int i, int64_t *out) {
    if (rg_bi_want_number(ctx, args, i)) return RG_BI_ERROR;
    if (rg_num_to_int64(args[i], out)) return 0;
    if (rg_num_is_integer(args[i])) return rg_bi_operand_error(ctx, "operand %d is too large", i + 1);
    return rg_bi_operand_error(ctx, "operand %d must be integer number but got floating-point number", i + 1);
}
