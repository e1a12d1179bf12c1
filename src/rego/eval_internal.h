/* Evaluator internals shared by eval.c (bodies, expressions, unification,
 * terms, calls) and eval_doc.c (documents: data refs, rules, functions).
 *
 * Design: top-down evaluation in continuation-passing style.  Every
 * enumerating step calls a continuation once per solution; bindings go on
 * a trail and are undone by whoever made them when the continuation returns.
 * Return codes: 0 = keep going, > 0 = a halt token unwinding to the
 * construct that issued it (`not`, `every`, first-solution searches),
 * < 0 = error (recorded in the diagnostics). */
#ifndef RG_REGO_EVAL_INTERNAL_H
#define RG_REGO_EVAL_INTERNAL_H

#include "rego/bi_ctx.h"
#include "rego/policy.h"

typedef struct ev ev;

typedef struct K {
    int (*fn)(ev *e, struct K *k);
} K;

typedef struct VK {
    int (*fn)(ev *e, struct VK *k, rg_value v);
} VK;

typedef struct data_override {
    rg_value path; /* array of keys below data */
    rg_value value;
} data_override;

typedef struct mock {
    const void *target;            /* rg_builtin_def* or rg_node* */
    const rg_call_target *replace; /* function replacement, or NULL */
    rg_value value;                /* value replacement */
    bool suspended;                /* inside its own replacement: calls reach the original */
} mock;

/* A memoised builtin result: builtin, argument identity, result. */
typedef struct rg_memo_entry {
    const void *fn;
    const void *arg;
    uint32_t len;
    uint8_t kind;
    rg_value result;
} rg_memo_entry;

enum { RG_MEMO_SLOTS = 64 };

typedef struct ev_state {
    rg_value input;
    rg_value *cache;
    uint8_t *cache_state;
    size_t n_over, n_mocks;
} ev_state;

struct ev {
    rg_policy *p;
    rg_arena *a;
    rg_bi_ctx bi;
    bool strict;
    ev_state st;
    data_override *over;
    size_t cap_over;
    mock *mocks;
    size_t cap_mocks;
    rg_value **trail;
    size_t trail_len, trail_cap;
    int next_halt;
    rg_diags *diags;
    bool failed;
    const char *stack_base;
    size_t stack_limit;
    const rg_crule *rule; /* rule being evaluated (for rego.metadata) */
    const rg_query *query; /* top-level query: its term values are recorded */
    rg_value *expr_vals;
    int depth;
    void (*on_expr)(void *ud, const rg_loc *loc);
    void *on_expr_ud;
    rg_memo_entry *memo; /* from the shared rule cache, or NULL */
};

enum { CS_NONE = 0, CS_BUSY = 1, CS_DONE = 2 };

int ev_error(ev *e, const char *code, rg_loc loc, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* True when the C stack is nearly used up: deep rule chains and nesting
 * become an error instead of a crash. */
static inline bool ev_stack_exhausted(const ev *e) {
    char here;
    return (size_t)(e->stack_base - &here) > e->stack_limit;
}
void ev_bind(ev *e, rg_value *slot, rg_value v);
void ev_undo(ev *e, size_t mark);
int ev_halt_token(ev *e);

int ev_body(ev *e, rg_value *fr, const rg_body *b, size_t i, K *k);
int ev_term(ev *e, rg_value *fr, const rg_term *t, VK *k);
int ev_unify_tv(ev *e, rg_value *fr, const rg_term *t, rg_value v, K *k);
/* Continues a reference walk at path[i] over a plain value. */
int ev_index(ev *e, rg_value *fr, const rg_term *ref, size_t i, rg_value v, VK *k);

/* eval_doc.c */
int ev_data_ref(ev *e, rg_value *fr, const rg_term *ref, VK *k);
rg_value ev_data_root(ev *e);
int ev_call_function(ev *e, const rg_node *n, const rg_value *args, size_t nargs, rg_loc loc, rg_value *out,
                     bool *defined);

#endif
