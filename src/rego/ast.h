/* Rego abstract syntax tree, produced by the parser, consumed by the compiler.
 *
 * Everything lives in one arena owned by the caller of the parser (the
 * policy set).  Nodes are plain structs; arrays are (pointer, count).
 * The parser does not resolve names: `x` may be a local variable, a rule of
 * the package, an import alias or a builtin namespace; the compiler decides.
 *
 * Infix and unary operators become RG_TERM_CALL with OPA's internal names:
 *   +  plus      -  minus     *  mul      /  div      %  rem
 *   == equal     != neq       <  lt       <= lte      >  gt     >= gte
 *   |  or        &  and       (set union / intersection)
 *   x in xs            internal.member_2(x, xs)
 *   k, v in xs         internal.member_3(k, v, xs)
 *   unary -x           minus(0, x)   (but -<number literal> is a negative literal)
 * A plain function call `f.g(a, b)` is RG_TERM_CALL with name "f.g" (dotted
 * text exactly as written, e.g. "data.lib.f", "strings.replace_n", "count"). */
#ifndef RG_REGO_AST_H
#define RG_REGO_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "value/value.h"

typedef struct rg_loc {
    const char *file; /* file name (arena string), may be "" */
    uint32_t line, col; /* 1-based */
} rg_loc;

typedef struct rg_term rg_term;
typedef struct rg_expr rg_expr;
typedef struct rg_body rg_body;

typedef enum rg_term_kind {
    RG_TERM_SCALAR,      /* v: null, boolean, number or string literal */
    RG_TERM_VAR,         /* name: identifier; "_" is the wildcard as written */
    RG_TERM_REF,         /* ref: head + path */
    RG_TERM_ARRAY,       /* items[n] */
    RG_TERM_SET,         /* items[n]; `set()` is an empty set with n = 0 */
    RG_TERM_OBJECT,      /* items[2n]: key0, val0, key1, val1 ... as written */
    RG_TERM_ARRAY_COMPR, /* compr: [head | body] */
    RG_TERM_SET_COMPR,   /* compr: {head | body} */
    RG_TERM_OBJECT_COMPR,/* compr: {key: head | body} */
    RG_TERM_CALL,        /* call: name(args) */
} rg_term_kind;

struct rg_body {
    rg_expr **exprs;
    size_t n;
};

struct rg_term {
    rg_term_kind kind;
    rg_loc loc;
    /* Filled in by the compiler, ignored by the parser: for VAR terms the
     * local slot (>= 0); for CALL terms the resolved target. */
    int slot;
    const void *resolved;
    union {
        rg_value v;       /* SCALAR (strings/numbers allocated in the AST arena) */
        const char *name; /* VAR */
        struct {
            /* head is a VAR (input, data, a local, a rule name, an import alias),
             * or any other term for refs such as [1,2][0], f(x).y, {"a":1}.a.
             * path[i] for `.name` is a SCALAR string term; for `[t]` it is t. */
            rg_term *head;
            rg_term **path;
            size_t n;
        } ref;
        struct {
            rg_term **items;
            size_t n; /* element count (pairs for OBJECT) */
        } coll;
        struct {
            rg_term *key;  /* OBJECT_COMPR only */
            rg_term *head; /* the value/element */
            rg_body body;
        } compr;
        struct {
            const char *name; /* dotted name as written */
            rg_term **args;
            size_t n;
        } call;
    } u;
};

typedef enum rg_expr_kind {
    RG_EXPR_TERM,    /* term: true unless undefined or false (calls included) */
    RG_EXPR_UNIFY,   /* lhs = rhs */
    RG_EXPR_ASSIGN,  /* lhs := rhs  (declares lhs's variables) */
    RG_EXPR_SOME,    /* some a, b, c  (declaration only; vars in some_vars) */
    RG_EXPR_SOME_IN, /* some [key,] value in coll */
    RG_EXPR_EVERY,   /* every [key,] value in coll { body } */
    RG_EXPR_BODY,    /* not { body }: a nested body (every_body), always negated; needs
                        `import rego.v2` or `import future.keywords.not` */
} rg_expr_kind;

typedef struct rg_with {
    rg_term *target; /* input..., data..., or a function/builtin name (as REF or VAR) */
    rg_term *value;
    rg_loc loc;
} rg_with;

struct rg_expr {
    rg_expr_kind kind;
    rg_loc loc;
    bool negated; /* `not` */
    rg_term *lhs;   /* TERM: the term; UNIFY/ASSIGN: left */
    rg_term *rhs;   /* UNIFY/ASSIGN: right */
    /* SOME: the declared variables (VAR terms) */
    rg_term **some_vars;
    size_t n_some_vars;
    /* SOME_IN / EVERY: key may be NULL; value; collection */
    rg_term *key, *value, *coll;
    rg_body every_body; /* EVERY, BODY */
    rg_with *withs;
    size_t n_withs;
    /* Filled in by the compiler: EVERY's and BODY's local slot range [lo, hi). */
    int local_lo, local_hi;
};

typedef struct rg_rule rg_rule;

typedef struct rg_rule_head {
    /* ref[0] is a VAR term (the rule name); following parts are SCALAR string
     * terms for `.name` and any term for `[t]`.  `a.b[x] := 1` has 3 parts. */
    rg_term **ref;
    size_t n_ref;
    rg_term *key;   /* `contains key`, or v0 `p[key] { ... }` partial-set form; else NULL */
    rg_term *value; /* value after := or =; NULL when none written (means true) */
    rg_term **args; /* function arguments (NULL/0 for non-functions) */
    size_t n_args;
    bool is_func;    /* written with parentheses f(...) */
    bool assign;     /* written with := */
    bool contains;   /* multi-value (set) rule: `contains`, or v0 `p[x] {` */
    bool is_default; /* default rule */
} rg_rule_head;

struct rg_rule {
    rg_rule_head head;
    rg_body body;     /* empty body means true */
    bool has_body;    /* false for `p := 1` with no body */
    rg_rule *else_;   /* else chain: else's head.value (NULL = true) and body */
    rg_loc loc;
    const char *text; /* source text of the rule (optional, may be NULL) */
};

typedef struct rg_import {
    rg_term *path; /* REF or VAR term: data.x.y / input.x / future.keywords.in / rego.v1 */
    const char *alias; /* `as` name or NULL */
    rg_loc loc;
} rg_import;

typedef struct rg_annotation {
    const char *yaml; /* the comment block's YAML text, `# ` prefixes removed */
    rg_loc loc;       /* position of the `# METADATA` line */
    long rule_index;  /* index into rules[] of the rule it precedes, or -1 for the package */
} rg_annotation;

typedef struct rg_module {
    const char *file;
    rg_term **package; /* package path parts as SCALAR strings, without "data" */
    size_t n_package;
    rg_loc package_loc;
    rg_import *imports;
    size_t n_imports;
    rg_rule **rules;
    size_t n_rules;
    rg_annotation *annotations;
    size_t n_annotations;
    bool v1; /* parsed with v1 syntax (default, or `import rego.v1`) */
} rg_module;

typedef struct rg_parse_options {
    bool v0_compatible; /* v0 syntax unless the module imports rego.v1 */
} rg_parse_options;

/* Parses a module.  Returns 0 and *out (allocated in arena), or -1 after
 * appending rego_parse_error diagnostics (several when recovery finds them). */
int rg_parse_module(rg_arena *arena, const char *file, const char *src, size_t len,
                    const rg_parse_options *opts, rg_module **out, rg_diags *diags);

/* Parses a query: one or more expressions separated by `;` or newlines. */
int rg_parse_query(rg_arena *arena, const char *file, const char *src, size_t len,
                   const rg_parse_options *opts, rg_body *out, rg_diags *diags);

/* Parses a single term (for input_term in conformance cases). */
int rg_parse_term(rg_arena *arena, const char *file, const char *src, size_t len,
                  const rg_parse_options *opts, rg_term **out, rg_diags *diags);

/* Debug printer: a stable S-expression form, used by the parser's tests. */
void rg_ast_print_term(rg_buf *out, const rg_term *t);
void rg_ast_print_expr(rg_buf *out, const rg_expr *e);
void rg_ast_print_body(rg_buf *out, const rg_body *b);
void rg_ast_print_rule(rg_buf *out, const rg_rule *r);
void rg_ast_print_module(rg_buf *out, const rg_module *m);

#endif
