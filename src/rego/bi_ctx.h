/* The context a builtin call runs in: arena, error slot, per-evaluation
 * clock and memo, print sink and the current rule's metadata.  The evaluator
 * owns one per evaluation; tests create their own. */
#ifndef RG_REGO_BI_CTX_H
#define RG_REGO_BI_CTX_H

#include "base/buf.h"
#include "rego/builtin.h"

struct rg_bi_ctx {
    rg_arena *arena;       /* results go here (borrowed) */
    const char *name;      /* builtin being called */
    const char *err_code;  /* NULL, "eval_type_error" or "eval_builtin_error" */
    rg_buf err;            /* message of the last error ("name: ...") */
    int64_t now_ns;        /* 0 until first asked */
    rg_vec cache;          /* key, value pairs for nondeterministic builtins */
    rg_buf *print_out;     /* NULL: print() output is discarded */
    rg_value meta_rule, meta_chain;
};

void rg_bi_ctx_init(rg_bi_ctx *c, rg_arena *a);
void rg_bi_ctx_fini(rg_bi_ctx *c);
/* Clears the error slot. */
void rg_bi_ctx_clear_error(rg_bi_ctx *c);
/* Looks up name and calls it with arity and (for tests) no static checks.
 * Returns RG_BI_OK/UNDEFINED/ERROR; an unknown name or wrong arity is an
 * error too. */
int rg_bi_call(rg_bi_ctx *c, const char *name, const rg_value *args, int nargs, rg_value *out);

#endif
