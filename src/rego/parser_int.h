/* Parser internals shared by parser.c (state, errors, public query/term
 * entry points), parser_expr.c (terms, expressions, bodies) and
 * parser_rule.c (modules, imports, rules, annotations).
 *
 * Error handling: a parse function returns NULL/false after reporting one
 * diagnostic; `quiet` then mutes follow-on messages until the module parser
 * recovers at the next rule.  Nesting is bounded by RGP_MAX_DEPTH. */
#ifndef RG_REGO_PARSER_INT_H
#define RG_REGO_PARSER_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "rego/ast.h"
#include "rego/lexer.h"

#define RGP_MAX_DEPTH 1000
#define RGP_MAX_ERRORS 50
/* Failed speculative parses allowed per input (bounds re-parsing work). */
#define RGP_MAX_BACKTRACKS 256

typedef struct rgp {
    rg_arena *a;
    const char *file; /* arena copy */
    const char *src;
    size_t len;
    rg_lexed lx;
    size_t pos;
    rg_diags *diags;
    int errors;      /* diagnostics added by the parser */
    bool lex_failed; /* the lexer reported errors */
    bool quiet;      /* an error was reported for the current statement */
    bool v1;         /* v1 keyword and rule rules */
    unsigned future; /* v0: bit (1u << kw) per imported future keyword */
    bool not_body;   /* `not { ... }` allowed: import rego.v2 or future.keywords.not */
    int depth;
    bool nl_sig; /* inside a body: a newline before '-' ends the expression */
    bool no_or;  /* first element of a collection: '|' starts a comprehension */
    int backtracks;
    unsigned tmpl_vars; /* counter for template-string helper variables */
} rgp;

/* Parser position and diagnostics count, for speculative parsing. */
typedef struct rgp_mark {
    size_t pos, ndiags;
    int errors;
    bool quiet;
} rgp_mark;

/* Growable pointer array in the arena (no cleanup needed on error paths). */
typedef struct rgp_vec {
    void **items;
    size_t n, cap;
} rgp_vec;

void rgp_init(rgp *p, rg_arena *a, const char *file, const char *src, size_t len, const rg_parse_options *opts,
              rg_diags *diags);
void rgp_fini(rgp *p);

void rgp_vec_push(rgp *p, rgp_vec *v, void *x);

const rg_token *rgp_cur(const rgp *p);
const rg_token *rgp_peek(const rgp *p, size_t k);
void rgp_next(rgp *p);
bool rgp_at(const rgp *p, rg_tok_kind k);
bool rgp_accept(rgp *p, rg_tok_kind k);
/* True when keyword kw is reserved here (v1, or imported in v0). */
bool rgp_kw_active(const rgp *p, rg_keyword kw);
/* True when t spells keyword kw and kw is active in this module. */
bool rgp_kw(const rgp *p, const rg_token *t, rg_keyword kw);
bool rgp_at_kw(const rgp *p, rg_keyword kw);
/* True when t is an identifier usable as a variable or rule name. */
bool rgp_is_var(const rgp *p, const rg_token *t);

void rgp_error(rgp *p, const rg_token *t, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void rgp_error_loc(rgp *p, rg_loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Reports without muting what follows (for errors that do not derail parsing). */
void rgp_error_soft(rgp *p, rg_loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* "unexpected X token" (or "X keyword") at the current token, plus ": note". */
void rgp_unexpected(rgp *p, const char *note);
/* Consumes a token of kind k or reports it as missing. */
bool rgp_expect(rgp *p, rg_tok_kind k);

rgp_mark rgp_save(const rgp *p);
/* True while the backtracking budget lasts. */
bool rgp_can_backtrack(const rgp *p);
/* Returns to m, dropping the diagnostics added since; uses up budget. */
void rgp_restore(rgp *p, const rgp_mark *m);
/* Drops diagnostics past index n. */
void rgp_drop_diags(rgp *p, size_t n);

/* Depth guard around recursive constructs; reports once when exceeded. */
bool rgp_enter(rgp *p);
void rgp_leave(rgp *p);

rg_loc rgp_loc(const rgp *p, const rg_token *t);
rg_term *rgp_new_term(rgp *p, rg_term_kind k, rg_loc loc);
rg_term *rgp_str_term(rgp *p, const char *s, size_t n, rg_loc loc);
rg_term *rgp_var_term(rgp *p, const rg_token *t);
const char *rgp_tok_text(rgp *p, const rg_token *t);
rg_term *rgp_call2(rgp *p, const char *name, rg_term *a, rg_term *b, rg_loc loc);

/* ---- parser_expr.c ---- */
enum { RGP_PREC_IN = 1, RGP_PREC_REL, RGP_PREC_OR, RGP_PREC_AND, RGP_PREC_ADD, RGP_PREC_MUL };
/* An expression whose infix operators all bind at least as tight as min_prec. */
rg_term *rgp_expr(rgp *p, int min_prec);
/* An expression inside (), [] or an argument list: newlines never matter. */
rg_term *rgp_nested_expr(rgp *p);
/* A term with its ref/call suffixes but no infix operators (with targets). */
rg_term *rgp_primary(rgp *p);
/* One literal with its `with` modifiers. */
rg_expr *rgp_literal(rgp *p);
/* Literals separated by ';' or newlines, up to (not consuming) end. */
bool rgp_query(rgp *p, rg_tok_kind end, rg_body *out);
/* '{' query '}' ("found empty body" for '{}'). */
bool rgp_braced_body(rgp *p, rg_body *out);

#endif
