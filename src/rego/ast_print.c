/* AST debug printer: a stable S-expression form used by the parser tests.
 *
 * Terms
 *   scalar        its JSON text: 1  -2.5  "a\n"  true  null
 *   var           the name: x  _
 *   ref           (ref HEAD PART...)            input.a[x]  -> (ref input "a" x)
 *   array / set   (array A B)  (set A B)        set()       -> (set)
 *   object        (object (K V) ...)            {}          -> (object)
 *   comprehension (arraycompr HEAD BODY)  (setcompr HEAD BODY)  (objectcompr KEY HEAD BODY)
 *   call          (call NAME ARG...)            x + 1       -> (call plus x 1)
 * Expressions
 *   TERM  (= L R)  (:= L R)  (some x y)  (some-in KEY VALUE COLL)  (every KEY VALUE COLL BODY)
 *   KEY is `nil` when absent; `not` wraps: (not E); `with` wraps that:
 *   (with E (TARGET VALUE) ...)
 * Bodies
 *   (body E1 E2 ...)
 * Rules
 *   (rule [default] (head REF-PART...) [(args A...)] [(contains KEY)] [(:= V) | (= V)]
 *         [BODY] [(else [(:= V) | (= V)] [BODY] [(else ...)])])
 *   BODY is printed only when the rule was written with one.
 * Modules: one item per line, each indented by two spaces:
 *   (module
 *     (package "a" "b")
 *     (import PATH [as NAME])
 *     RULE ...
 *     (annotation RULE-INDEX "yaml"))
 */
#include <string.h>

#include "rego/ast.h"

static void print_terms(rg_buf *out, rg_term *const *ts, size_t n) {
    for (size_t i = 0; i < n; i++) {
        rg_buf_putc(out, ' ');
        rg_ast_print_term(out, ts[i]);
    }
}

static void print_opt_term(rg_buf *out, const rg_term *t) {
    if (t) rg_ast_print_term(out, t);
    else rg_buf_puts(out, "nil");
}

static void print_object(rg_buf *out, const rg_term *t) {
    rg_buf_puts(out, "(object");
    for (size_t i = 0; i < t->u.coll.n; i++) {
        rg_buf_puts(out, " (");
        rg_ast_print_term(out, t->u.coll.items[2 * i]);
        rg_buf_putc(out, ' ');
        rg_ast_print_term(out, t->u.coll.items[2 * i + 1]);
        rg_buf_putc(out, ')');
    }
    rg_buf_putc(out, ')');
}

static void print_compr(rg_buf *out, const char *tag, const rg_term *t) {
    rg_buf_printf(out, "(%s ", tag);
    if (t->u.compr.key) {
        rg_ast_print_term(out, t->u.compr.key);
        rg_buf_putc(out, ' ');
    }
    rg_ast_print_term(out, t->u.compr.head);
    rg_buf_putc(out, ' ');
    rg_ast_print_body(out, &t->u.compr.body);
    rg_buf_putc(out, ')');
}

void rg_ast_print_term(rg_buf *out, const rg_term *t) {
    if (!t) {
        rg_buf_puts(out, "nil");
        return;
    }
    switch (t->kind) {
    case RG_TERM_SCALAR: rg_json_write(out, t->u.v, RG_JSON_COMPACT); break;
    case RG_TERM_VAR: rg_buf_puts(out, t->u.name); break;
    case RG_TERM_REF:
        rg_buf_puts(out, "(ref ");
        rg_ast_print_term(out, t->u.ref.head);
        print_terms(out, t->u.ref.path, t->u.ref.n);
        rg_buf_putc(out, ')');
        break;
    case RG_TERM_ARRAY:
    case RG_TERM_SET:
        rg_buf_puts(out, t->kind == RG_TERM_ARRAY ? "(array" : "(set");
        print_terms(out, t->u.coll.items, t->u.coll.n);
        rg_buf_putc(out, ')');
        break;
    case RG_TERM_OBJECT: print_object(out, t); break;
    case RG_TERM_ARRAY_COMPR: print_compr(out, "arraycompr", t); break;
    case RG_TERM_SET_COMPR: print_compr(out, "setcompr", t); break;
    case RG_TERM_OBJECT_COMPR: print_compr(out, "objectcompr", t); break;
    case RG_TERM_CALL:
        rg_buf_printf(out, "(call %s", t->u.call.name);
        print_terms(out, t->u.call.args, t->u.call.n);
        rg_buf_putc(out, ')');
        break;
    }
}

static void print_expr_core(rg_buf *out, const rg_expr *e) {
    switch (e->kind) {
    case RG_EXPR_TERM: rg_ast_print_term(out, e->lhs); return;
    case RG_EXPR_UNIFY:
    case RG_EXPR_ASSIGN:
        rg_buf_puts(out, e->kind == RG_EXPR_UNIFY ? "(= " : "(:= ");
        rg_ast_print_term(out, e->lhs);
        rg_buf_putc(out, ' ');
        rg_ast_print_term(out, e->rhs);
        break;
    case RG_EXPR_SOME:
        rg_buf_puts(out, "(some");
        print_terms(out, e->some_vars, e->n_some_vars);
        break;
    case RG_EXPR_BODY:
        rg_buf_puts(out, "(body ");
        rg_ast_print_body(out, &e->every_body);
        break;
    case RG_EXPR_SOME_IN:
    case RG_EXPR_EVERY:
        rg_buf_puts(out, e->kind == RG_EXPR_SOME_IN ? "(some-in " : "(every ");
        print_opt_term(out, e->key);
        rg_buf_putc(out, ' ');
        rg_ast_print_term(out, e->value);
        rg_buf_putc(out, ' ');
        rg_ast_print_term(out, e->coll);
        if (e->kind == RG_EXPR_EVERY) {
            rg_buf_putc(out, ' ');
            rg_ast_print_body(out, &e->every_body);
        }
        break;
    }
    rg_buf_putc(out, ')');
}

void rg_ast_print_expr(rg_buf *out, const rg_expr *e) {
    if (e->n_withs) rg_buf_puts(out, "(with ");
    if (e->negated) rg_buf_puts(out, "(not ");
    print_expr_core(out, e);
    if (e->negated) rg_buf_putc(out, ')');
    for (size_t i = 0; i < e->n_withs; i++) {
        rg_buf_puts(out, " (");
        rg_ast_print_term(out, e->withs[i].target);
        rg_buf_putc(out, ' ');
        rg_ast_print_term(out, e->withs[i].value);
        rg_buf_putc(out, ')');
    }
    if (e->n_withs) rg_buf_putc(out, ')');
}

void rg_ast_print_body(rg_buf *out, const rg_body *b) {
    rg_buf_puts(out, "(body");
    for (size_t i = 0; i < b->n; i++) {
        rg_buf_putc(out, ' ');
        rg_ast_print_expr(out, b->exprs[i]);
    }
    rg_buf_putc(out, ')');
}

/* Value, body and the else chain (iteratively: chains can be long). */
static void print_value_and_body(rg_buf *out, const rg_rule *r) {
    size_t open = 0;
    for (; r; r = r->else_) {
        if (open) rg_buf_puts(out, " (else");
        if (r->head.value) {
            rg_buf_puts(out, r->head.assign ? " (:= " : " (= ");
            rg_ast_print_term(out, r->head.value);
            rg_buf_putc(out, ')');
        }
        if (r->has_body) {
            rg_buf_putc(out, ' ');
            rg_ast_print_body(out, &r->body);
        }
        open++;
    }
    while (--open) rg_buf_putc(out, ')');
}

void rg_ast_print_rule(rg_buf *out, const rg_rule *r) {
    const rg_rule_head *h = &r->head;
    rg_buf_puts(out, h->is_default ? "(rule default (head" : "(rule (head");
    print_terms(out, h->ref, h->n_ref);
    rg_buf_putc(out, ')');
    if (h->is_func) {
        rg_buf_puts(out, " (args");
        print_terms(out, h->args, h->n_args);
        rg_buf_putc(out, ')');
    }
    if (h->contains) {
        rg_buf_puts(out, " (contains ");
        rg_ast_print_term(out, h->key);
        rg_buf_putc(out, ')');
    }
    print_value_and_body(out, r);
    rg_buf_putc(out, ')');
}

void rg_ast_print_module(rg_buf *out, const rg_module *m) {
    rg_buf_puts(out, "(module\n  (package");
    for (size_t i = 0; i < m->n_package; i++) {
        rg_buf_putc(out, ' ');
        rg_ast_print_term(out, m->package[i]);
    }
    rg_buf_putc(out, ')');
    for (size_t i = 0; i < m->n_imports; i++) {
        rg_buf_puts(out, "\n  (import ");
        rg_ast_print_term(out, m->imports[i].path);
        if (m->imports[i].alias) rg_buf_printf(out, " as %s", m->imports[i].alias);
        rg_buf_putc(out, ')');
    }
    for (size_t i = 0; i < m->n_rules; i++) {
        rg_buf_puts(out, "\n  ");
        rg_ast_print_rule(out, m->rules[i]);
    }
    for (size_t i = 0; i < m->n_annotations; i++) {
        rg_buf_printf(out, "\n  (annotation %ld ", m->annotations[i].rule_index);
        const char *y = m->annotations[i].yaml;
        rg_json_write_string(out, y, strlen(y), RG_JSON_COMPACT);
        rg_buf_putc(out, ')');
    }
    rg_buf_putc(out, ')');
}
