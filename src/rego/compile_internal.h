/* Shared state of the compiler passes (compile.c, resolve.c, safety.c). */
#ifndef RG_REGO_COMPILE_INTERNAL_H
#define RG_REGO_COMPILE_INTERNAL_H

#include "rego/policy.h"

typedef struct rg_scope {
    struct rg_scope *parent;
    const char **names;
    int *slots;
    size_t n, cap;
    bool rule_level; /* function-argument scope: `:=` may not redeclare its names */
} rg_scope;

typedef struct rg_cctx {
    rg_policy *p;
    rg_arena *arena; /* where rewritten terms go */
    rg_diags *diags;
    const rg_module *mod; /* NULL for queries */
    rg_node *pkg;         /* package node, NULL for queries */
    int nslots;
    const char **slot_names;
    size_t cap_names;
    int errors;
    bool query; /* compiling a query: unknown names are locals */
} rg_cctx;

void rg_cerr(rg_cctx *c, const char *code, rg_loc loc, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* resolve.c */
int rg_new_slot(rg_cctx *c, const char *name);
void rg_scope_declare(rg_scope *s, const char *name, int slot);
int rg_scope_lookup(const rg_scope *s, const char *name);
void rg_scope_fini(rg_scope *s);
/* Resolves names in a body (declaring its variables in s). */
void rg_resolve_body(rg_cctx *c, rg_scope *s, rg_body *b);
void rg_resolve_term(rg_cctx *c, rg_scope *s, rg_term *t);
/* Checks arity and literal argument types of the calls in t. */
void rg_check_calls(rg_cctx *c, rg_term *t);
/* Declares the variables of a pattern term (function args) in s. */
void rg_declare_pattern(rg_cctx *c, rg_scope *s, rg_term *t);

/* safety.c: reorders bodies so variables are bound before use; reports
 * rego_unsafe_var_error.  bound is a bitset over slots (size c->nslots). */
void rg_safety_rule(rg_cctx *c, rg_crule *r);
void rg_safety_query(rg_cctx *c, rg_body *b);

#endif
