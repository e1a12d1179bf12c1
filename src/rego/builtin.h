/* The builtin function interface, declared here so the evaluator never
 * includes the builtin families (src/builtins/ depends on rego, not the
 * reverse).
 *
 * A builtin is a C function over values.  It returns:
 *   RG_BI_OK        *out holds the result
 *   RG_BI_UNDEFINED no result (the expression is undefined; not an error)
 *   RG_BI_ERROR     an error was recorded with rg_bi_type_error/rg_bi_error;
 *                   the evaluator makes the expression undefined, or fails
 *                   the query in strict mode.
 * Results are allocated in rg_bi_arena(ctx); arguments are borrowed.
 * Builtins flagged RG_BI_RELATION return an array of results and the
 * evaluator iterates over them (e.g. walk).
 *
 * Families register through tables (see builtins/registry.c): adding a
 * builtin touches its family file only. */
#ifndef RG_REGO_BUILTIN_H
#define RG_REGO_BUILTIN_H

#include <stdint.h>

#include "value/value.h"

typedef struct rg_bi_ctx rg_bi_ctx;

enum { RG_BI_OK = 0, RG_BI_UNDEFINED = 1, RG_BI_ERROR = -1 };

typedef int (*rg_builtin_fn)(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out);

/* Type masks for static checks and docs. */
enum {
    RG_T_NULL = 1 << 0,
    RG_T_BOOL = 1 << 1,
    RG_T_NUM = 1 << 2,
    RG_T_STR = 1 << 3,
    RG_T_ARR = 1 << 4,
    RG_T_OBJ = 1 << 5,
    RG_T_SET = 1 << 6,
    RG_T_ANY = 0x7f,
    RG_T_COLL = RG_T_ARR | RG_T_OBJ | RG_T_SET,
};

enum {
    RG_BI_NONDETERMINISTIC = 1 << 0, /* time.now_ns, uuid, rand: cached per evaluation */
    RG_BI_RELATION = 1 << 1,         /* returns an array of outputs to iterate */
    RG_BI_VARIADIC = 1 << 2,         /* arity is a minimum (print) */
    RG_BI_DEPRECATED = 1 << 3,       /* removed in Rego v1: only v0 modules may call it */
    RG_BI_MEMO = 1 << 4,             /* pure and costly on large values (walk): with a shared rule cache,
                                        the result for the same argument (by identity) is reused */
};

#define RG_BI_MAX_ARGS 6

typedef struct rg_builtin_def {
    const char *name;    /* "strings.replace_n", "count", ... */
    rg_builtin_fn fn;
    int arity;           /* number of arguments (excluding the result) */
    uint16_t args[RG_BI_MAX_ARGS]; /* RG_T_* masks, RG_T_ANY where unchecked */
    uint16_t result;     /* RG_T_* mask of the result */
    uint32_t flags;      /* RG_BI_* */
} rg_builtin_def;

/* ---- context helpers available to builtins (implemented by the evaluator) ---- */
rg_arena *rg_bi_arena(rg_bi_ctx *ctx);
/* Records an eval_type_error: "NAME: operand N must be WANT but got TYPE".
 * argn is 1-based.  want is e.g. "string", "number", "array or set". */
int rg_bi_type_error(rg_bi_ctx *ctx, int argn, const char *want, rg_value got);
/* Records an eval_type_error with free text: "NAME: message". */
int rg_bi_operand_error(rg_bi_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Records an eval_builtin_error "NAME: message"; returns RG_BI_ERROR. */
int rg_bi_error(rg_bi_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The name of the builtin being called. */
const char *rg_bi_name(rg_bi_ctx *ctx);
/* Nanoseconds since the epoch, fixed for the whole evaluation. */
int64_t rg_bi_now_ns(rg_bi_ctx *ctx);
/* Memo for nondeterministic builtins keyed by (name, args): returns
 * RG_UNDEFINED when absent. */
rg_value rg_bi_cache_get(rg_bi_ctx *ctx, rg_value key);
void rg_bi_cache_put(rg_bi_ctx *ctx, rg_value key, rg_value val);
/* print() output sink. */
void rg_bi_print(rg_bi_ctx *ctx, const char *text, size_t len);
/* rego.metadata.rule() / chain() data for the current rule. */
rg_value rg_bi_metadata_rule(rg_bi_ctx *ctx);
rg_value rg_bi_metadata_chain(rg_bi_ctx *ctx);

/* ---- argument helpers: return 0, or record the OPA-style type error and
 * return RG_BI_ERROR ---- */
int rg_bi_want_string(rg_bi_ctx *ctx, const rg_value *args, int i);
int rg_bi_want_number(rg_bi_ctx *ctx, const rg_value *args, int i);
int rg_bi_want_int(rg_bi_ctx *ctx, const rg_value *args, int i, int64_t *out);
int rg_bi_want_kind(rg_bi_ctx *ctx, const rg_value *args, int i, unsigned mask);

/* ---- registry ---- */
/* Finds a builtin by name; NULL when unknown. */
const rg_builtin_def *rg_builtin_lookup(const char *name);
/* Iterates all builtins (NULL-terminated walk via index). */
const rg_builtin_def *rg_builtin_at(size_t i);

#endif
