/* Rego number arithmetic: exact for integers of any size (GMP), doubles for
 * the rest.  Results are normalised (integral doubles in int64 range become
 * ints, big ints that fit become ints). */
#ifndef RG_VALUE_NUMBER_H
#define RG_VALUE_NUMBER_H

#include "value/value.h"

typedef enum rg_arith_op { RG_ADD, RG_SUB, RG_MUL, RG_DIV, RG_REM } rg_arith_op;

/* Returns 0 and *out, or -1 with *err set to a static message
 * ("divide by zero", "modulo by zero", "modulo on floating-point number"). */
int rg_num_arith(rg_arena *a, rg_arith_op op, rg_value x, rg_value y, rg_value *out, const char **err);
rg_value rg_num_neg(rg_arena *a, rg_value x);
rg_value rg_num_abs(rg_arena *a, rg_value x);
/* mode: 'r' round half away from zero, 'c' ceil, 'f' floor. */
rg_value rg_num_round(rg_arena *a, rg_value x, char mode);

#endif
