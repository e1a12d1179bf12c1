/* Compiled policy set: the rule tree and compiled rules, shared read-only by
 * every evaluation once rg_policy_compile has run.
 *
 * The compiler resolves names in place on the AST (VAR terms get slots,
 * rule/import references become `data` refs, calls get their target) and
 * reorders bodies for safety; the evaluator (eval*.c) walks the result. */
#ifndef RG_REGO_POLICY_H
#define RG_REGO_POLICY_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/diag.h"
#include "rego/ast.h"
#include "rego/builtin.h"

/* Special slots for VAR terms that are not locals. */
enum { RG_SLOT_NONE = -1, RG_SLOT_DATA = -2, RG_SLOT_INPUT = -3 };

typedef enum rg_rule_kind { RG_RK_COMPLETE, RG_RK_SET, RG_RK_OBJECT, RG_RK_FUNC } rg_rule_kind;

typedef struct rg_node rg_node;

typedef struct rg_crule {
    rg_rule *ast;
    rg_rule_kind kind;
    rg_node *node;
    rg_term **tail;  /* head ref parts after the node's path (OBJECT rules) */
    bool multi;      /* `a[x] contains v`: an OBJECT rule whose leaves are sets */
    size_t n_tail;
    int nslots;      /* frame size (shared by else chain, comprehensions, every) */
    const char **slot_names;
    rg_value annotations; /* rule-scope METADATA object (or empty object) */
    rg_value chain;       /* rego.metadata.chain() value */
    const struct rg_module *module;
} rg_crule;

struct rg_node {
    rg_value key;      /* path segment (string) */
    const char *path;  /* "data.a.b" for messages */
    rg_node *parent;
    rg_node **children;
    size_t n_children, cap_children;
    rg_crule **rules;  /* non-default rules defined exactly here */
    size_t n_rules, cap_rules;
    rg_crule *default_rule;
    rg_rule_kind kind;
    int arity;         /* functions */
    int id;            /* index for per-evaluation caches */
    bool has_rules;    /* rules or default defined here */
    bool subtree_rules; /* some rule at or below */
    int visit;         /* recursion check state */
    bool is_package;   /* a module declares this package */
    rg_value doc_ann, pkg_ann, sub_ann; /* document / package / subpackages METADATA, or undefined */
};

/* Function/builtin targets resolved on CALL terms. */
typedef struct rg_call_target {
    const rg_builtin_def *builtin; /* or NULL */
    rg_node *node;                 /* user function, or NULL */
    const char *name;              /* name for messages */
} rg_call_target;

typedef struct rg_policy {
    rg_arena arena;
    rg_node *root; /* the `data` node */
    rg_node **nodes;
    size_t n_nodes;
    rg_module **modules;
    size_t n_modules, cap_modules;
    rg_value data;   /* base document */
    bool compiled;
    bool v0_compatible;
    bool strict;     /* rego_compile errors for deprecated/strict checks (unused) */
} rg_policy;

/* A compiled query: a body with its own frame. */
typedef struct rg_query {
    rg_body body;
    int nslots;
    const char **slot_names;
    /* result variables: slots of non-underscore vars written in the query, in order */
    int *result_slots;
    size_t n_results;
    /* the top-level expressions in written order (the body may be reordered) */
    rg_expr **written;
} rg_query;

rg_policy *rg_policy_new(void);
void rg_policy_free(rg_policy *p);
/* Parses and adds a module; returns 0 or -1 with diagnostics. */
int rg_policy_add_module(rg_policy *p, const char *file, const char *src, size_t len, rg_diags *diags);
/* Sets the base document (copied into the policy's arena). */
void rg_policy_set_data(rg_policy *p, rg_value data);
/* Builds the rule tree, resolves names, checks safety, types and recursion. */
int rg_policy_compile(rg_policy *p, rg_diags *diags);
/* Compiles a query against the policy (which must be compiled); the query
 * lives in arena a. */
int rg_query_compile(rg_policy *p, rg_arena *a, const char *text, rg_query **out, rg_diags *diags);

/* What the rules at node n read of the input (reads.c): appends the
 * resource type names they mention, transitively through the rules and
 * functions they use, to types (strings in the policy's arena), and returns
 * true when they reach input only through the helper library's by-type
 * index; false when they may read any part of it. */
bool rg_node_reads(const rg_policy *p, const rg_node *n, rg_vec *types);
/* The pseudo-type rg_node_reads adds for rules that read which resources
 * exist (data.regent.cfn.resource_ids). */
#define RG_READS_IDS "::ids"

/* Looks up a child node by key; NULL when absent. */
rg_node *rg_node_child(const rg_node *n, rg_value key);

/* ---- evaluation ---- */
/* Rule values computed while evaluating queries on one input, shared by the
 * later queries on the same input: a set of controls evaluated on a template
 * computes each helper rule once.  Every evaluation that uses a cache must
 * use the same policy set, input and arena (the cached values live there). */
typedef struct rg_eval_cache rg_eval_cache;

/* A cache in arena a, for evaluations on one input. */
rg_eval_cache *rg_eval_cache_new(const rg_policy *p, rg_arena *a);

typedef struct rg_eval_options {
    rg_value input;   /* RG_UNDEFINED when no input */
    bool strict_builtin_errors;
    rg_buf *print_out; /* print() output, or NULL */
    int64_t now_ns;    /* 0: the real clock */
    /* Called with the location of every expression evaluated (regent test
     * --coverage), or NULL. */
    void (*on_expr)(void *ud, const rg_loc *loc);
    void *on_expr_ud;
    rg_eval_cache *cache; /* NULL: each evaluation computes rules afresh */
} rg_eval_options;

/* One result per solution: an object {"bindings": {var: value...},
 * "expressions": [value per written expression]} allocated in arena a
 * (expressions other than plain terms are true).  Returns 0, or -1 with one
 * diagnostic. */
int rg_query_eval(rg_policy *p, const rg_query *q, rg_arena *a, const rg_eval_options *opts, rg_vec *results,
                  rg_diags *diags);

#endif
