/* Parser: modules (package, imports, rules, annotations).
 *
 * Rule forms (v1 unless noted):
 *   [default] REF [(args)] [contains KEY | (:=|=) VALUE] [BODY] {else-part | {body}}
 *   BODY is `if { query }`, `if literal`, or (v0 only) `{ query }`.
 * A two-part head `p[x]` (or `p.x`) with no value and no `if` is a partial
 * set in v0 (`contains` is required in v1); with `if` it is a ref head whose
 * value is true.  Chained bodies `p { a } { b }` become separate rules
 * sharing the head.  Rule forms OPA's parser rejects are rejected here too
 * (with its messages), including v1's keyword requirements and non-constant
 * default values.  After an error the parser skips to the next line that starts a
 * statement at or left of the failed one's column, so several errors can be
 * reported in one pass. */
#include <stdlib.h>
#include <string.h>

#include "rego/parser_int.h"

typedef struct stmt_pos {
    uint32_t line;
    long rule_index; /* -1 for package and imports */
} stmt_pos;

typedef struct modctx {
    rg_module *m;
    rgp_vec rules, imports, stmts;
} modctx;

static void note_stmt(rgp *p, modctx *mc, uint32_t line, long rule_index) {
    stmt_pos *s = rg_arena_alloc(p->a, sizeof *s);
    s->line = line;
    s->rule_index = rule_index;
    rgp_vec_push(p, &mc->stmts, s);
}

static rg_term *word_str(rgp *p, const rg_token *t) {
    return rgp_str_term(p, p->src + t->off, t->len, rgp_loc(p, t));
}

/* A word right after the current `.` (no whitespace between). */
static rg_term *dot_word(rgp *p) {
    rgp_next(p);
    const rg_token *w = rgp_cur(p);
    if (w->kind != RG_TK_IDENT || w->ws_before) {
        rgp_unexpected(p, "expected identifier");
        return NULL;
    }
    rgp_next(p);
    return word_str(p, w);
}

/* Package and import paths: ident { .ident | ["string"] }, all parts as strings. */
static bool path_ref(rgp *p, rgp_vec *parts) {
    const rg_token *t = rgp_cur(p);
    if (t->kind != RG_TK_IDENT) {
        rgp_unexpected(p, "expected identifier");
        return false;
    }
    rgp_next(p);
    rgp_vec_push(p, parts, word_str(p, t));
    for (;;) {
        t = rgp_cur(p);
        if (t->ws_before) return true;
        if (t->kind == RG_TK_DOT) {
            rg_term *w = dot_word(p);
            if (!w) return false;
            rgp_vec_push(p, parts, w);
        } else if (t->kind == RG_TK_LBRACK) {
            rgp_next(p);
            const rg_token *s = rgp_cur(p);
            if (s->kind != RG_TK_STRING && s->kind != RG_TK_RAWSTRING) {
                rgp_unexpected(p, "expected string");
                return false;
            }
            rgp_next(p);
            rgp_vec_push(p, parts, rgp_str_term(p, s->str, s->str_len, rgp_loc(p, s)));
            if (!rgp_expect(p, RG_TK_RBRACK)) return false;
        } else {
            return true;
        }
    }
}

static bool parse_package(rgp *p, modctx *mc) {
    const rg_token *t = rgp_cur(p);
    if (t->kind == RG_TK_EOF) {
        rgp_error_loc(p, (rg_loc){p->file, 0, 0}, "empty module");
        return false;
    }
    if (!rgp_kw(p, t, RG_KW_PACKAGE)) {
        if (t->kind != RG_TK_ERROR) rgp_error(p, t, "package expected"); /* else lexer said why */
        return false;
    }
    mc->m->package_loc = rgp_loc(p, t);
    note_stmt(p, mc, t->line, -1);
    rgp_next(p);
    rgp_vec parts = {0};
    if (!path_ref(p, &parts)) return false;
    mc->m->package = (rg_term **)parts.items;
    mc->m->n_package = parts.n;
    return true;
}

static bool str_is(const rg_term *t, const char *s) {
    return t->u.v.len == strlen(s) && memcmp(t->u.v.u.s, s, t->u.v.len) == 0;
}

/* Dotted text of an import path, for messages. */
static const char *path_text(rgp *p, rg_term **pt, size_t n) {
    rg_buf b = RG_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i) rg_buf_putc(&b, '.');
        rg_buf_append(&b, pt[i]->u.v.u.s, pt[i]->u.v.len);
    }
    const char *s = rg_arena_strndup(p->a, b.len ? b.data : "", b.len);
    rg_buf_fini(&b);
    return s;
}

/* `rego.v1` switches a v0 module to v1 rules. */
static bool rego_import(rgp *p, rg_term **pt, size_t n, const rg_import *im) {
    bool v2 = n == 2 && str_is(pt[1], "v2");
    if (n != 2 || (!str_is(pt[1], "v1") && !v2)) {
        rgp_error_loc(p, pt[0]->loc, "invalid import `%s`, must be `rego.v1` or `rego.v2`", path_text(p, pt, n));
        return false;
    }
    if (v2) p->not_body = true; /* rego.v2: v1 plus `not { ... }` */
    if (p->v1) return true; /* a no-op in v1 modules */
    if (im->alias) {
        rgp_error_loc(p, pt[0]->loc, "`rego` imports cannot be aliased");
        return false;
    }
    p->v1 = true;
    return true;
}

/* `future.keywords` enables all four future keywords, `future.keywords.kw` one. */
static bool future_import(rgp *p, rg_term **pt, size_t n, const rg_import *im) {
    static const rg_keyword fk[] = {RG_KW_IN, RG_KW_EVERY, RG_KW_CONTAINS, RG_KW_IF};
    if (n < 2 || n > 3 || !str_is(pt[1], "keywords")) {
        rgp_error_loc(p, pt[0]->loc, "invalid import, must be `future.keywords`");
        return false;
    }
    if (im->alias) {
        rgp_error_loc(p, pt[0]->loc, "`future` imports cannot be aliased");
        return false;
    }
    bool found = false;
    if (n == 3 && str_is(pt[2], "not")) {
        p->not_body = true; /* `not { ... }` */
        return true;
    }
    for (size_t i = 0; i < sizeof fk / sizeof *fk; i++) {
        if (n == 3 && !str_is(pt[2], rg_keyword_text(fk[i]))) continue;
        p->future |= 1u << fk[i];
        if (fk[i] == RG_KW_EVERY) p->future |= 1u << RG_KW_IN; /* every needs in */
        found = true;
    }
    if (!found) rgp_error_loc(p, pt[0]->loc, "unexpected keyword, must be one of [contains every if in not]");
    return found;
}

static bool import_checks(rgp *p, rg_term **pt, size_t n, const rg_import *im) {
    if (str_is(pt[0], "rego")) return rego_import(p, pt, n, im);
    if (str_is(pt[0], "future")) return future_import(p, pt, n, im);
    if (!str_is(pt[0], "data") && !str_is(pt[0], "input")) {
        rgp_error_loc(p, pt[0]->loc,
                      "unexpected import path, must begin with one of: {data, future, input, rego}, got: %s",
                      pt[0]->u.v.u.s);
        return false;
    }
    /* the import would bind a keyword as its name */
    const rg_value *last = &pt[n - 1]->u.v;
    rg_keyword kw = rg_keyword_lookup(last->u.s, last->len);
    if (!im->alias && kw != RG_KW_NONE && rgp_kw_active(p, kw)) {
        rgp_error_loc(p, pt[n - 1]->loc, "unexpected import path, must not end with a keyword, got: %s", last->u.s);
        return false;
    }
    return true;
}

static bool import_stmt(rgp *p, modctx *mc) {
    const rg_token *kt = rgp_cur(p);
    rg_import im = {.loc = rgp_loc(p, kt)};
    note_stmt(p, mc, kt->line, -1);
    rgp_next(p);
    rgp_vec parts = {0};
    if (!path_ref(p, &parts)) return false;
    rg_term **pt = (rg_term **)parts.items;
    if (rgp_at_kw(p, RG_KW_AS)) {
        rgp_next(p);
        const rg_token *a = rgp_cur(p);
        if (!rgp_is_var(p, a)) {
            rgp_unexpected(p, "expected var");
            return false;
        }
        im.alias = rgp_tok_text(p, a);
        rgp_next(p);
    }
    if (!import_checks(p, pt, parts.n, &im)) return false;
    rg_term *head = rgp_new_term(p, RG_TERM_VAR, pt[0]->loc);
    head->u.name = pt[0]->u.v.u.s;
    im.path = head;
    if (parts.n > 1) {
        im.path = rgp_new_term(p, RG_TERM_REF, head->loc);
        im.path->u.ref.head = head;
        im.path->u.ref.path = pt + 1;
        im.path->u.ref.n = parts.n - 1;
    }
    rgp_vec_push(p, &mc->imports, rg_arena_memdup(p->a, &im, sizeof im));
    return true;
}

/* ---- rules ---- */

/* name { .word | [expr] } written without spaces. */
static bool head_ref(rgp *p, rg_rule_head *h) {
    const rg_token *t = rgp_cur(p);
    if (!rgp_is_var(p, t)) {
        rgp_unexpected(p, NULL);
        return false;
    }
    rgp_vec ref = {0};
    rgp_vec_push(p, &ref, rgp_var_term(p, t));
    rgp_next(p);
    for (;;) {
        t = rgp_cur(p);
        if (t->ws_before || (t->kind != RG_TK_DOT && t->kind != RG_TK_LBRACK)) break;
        rg_term *part;
        if (t->kind == RG_TK_LBRACK) {
            rgp_next(p);
            part = rgp_nested_expr(p);
            if (part && !rgp_expect(p, RG_TK_RBRACK)) part = NULL;
        } else {
            part = dot_word(p);
        }
        if (!part) return false;
        rgp_vec_push(p, &ref, part);
    }
    h->ref = (rg_term **)ref.items;
    h->n_ref = ref.n;
    return true;
}

/* `(args)`, also after a space as in `f (x) := ...` */
static bool head_args(rgp *p, rg_rule_head *h) {
    rgp_vec args = {0};
    rgp_next(p);
    while (!rgp_at(p, RG_TK_RPAREN)) {
        rg_term *e = rgp_nested_expr(p);
        if (!e) return false;
        rgp_vec_push(p, &args, e);
        if (!rgp_accept(p, RG_TK_COMMA)) break;
    }
    if (!rgp_expect(p, RG_TK_RPAREN)) return false;
    h->args = (rg_term **)args.items;
    h->n_args = args.n;
    h->is_func = true;
    return true;
}

/* `:= value` / `= value` when present. */
static bool head_value(rgp *p, rg_rule_head *h) {
    rg_tok_kind k = (rg_tok_kind)rgp_cur(p)->kind;
    if (k != RG_TK_ASSIGN && k != RG_TK_UNIFY) return true;
    h->assign = k == RG_TK_ASSIGN;
    rgp_next(p);
    h->value = rgp_expr(p, RGP_PREC_IN);
    return h->value != NULL;
}

/* `if` and `contains` right after a head on the same line are keywords even
 * in v0 without the import: no v0 reading of that text is valid. */
static bool head_kw(const rgp *p, rg_keyword kw) {
    const rg_token *t = rgp_cur(p);
    return rgp_kw(p, t, kw) || (t->kind == RG_TK_IDENT && t->kw == kw && !t->nl_before);
}

static void single_body(rgp *p, rg_rule *r, rg_expr *e) {
    r->body.exprs = rg_arena_alloc(p->a, sizeof(rg_expr *));
    r->body.exprs[0] = e;
    r->body.n = 1;
}

/* `if {...}`: a query, or else (like OPA) one literal such as an object
 * comprehension `{k: v | ...}`.  When both fail the query's errors stand. */
static bool if_braced_body(rgp *p, rg_rule *r) {
    rgp_mark m = rgp_save(p);
    if (rgp_braced_body(p, &r->body)) return true;
    if (!rgp_can_backtrack(p)) return false;
    rgp_mark failed = rgp_save(p);
    size_t n = failed.ndiags - m.ndiags;
    rg_diag *kept = rg_xmalloc((n ? n : 1) * sizeof *kept);
    memcpy(kept, p->diags->items + m.ndiags, n * sizeof *kept);
    p->diags->len = m.ndiags; /* kept owns them now */
    rgp_restore(p, &m);
    rg_expr *e = rgp_literal(p);
    if (e) single_body(p, r, e);
    else rgp_drop_diags(p, m.ndiags);
    for (size_t i = 0; i < n; i++) {
        if (!e) rg_diags_add(p->diags, kept[i].code, kept[i].file, kept[i].line, kept[i].col, "%s", kept[i].msg);
        free(kept[i].code);
        free(kept[i].msg);
        free(kept[i].file);
    }
    free(kept);
    if (e) return true;
    p->pos = failed.pos;
    p->errors = failed.errors;
    p->quiet = failed.quiet;
    return false;
}

/* Optional body: `if { .. }`, `if literal`, or `{ .. }` (v1 wants the `if`). */
static bool rule_body(rgp *p, rg_rule *r, bool *used_if) {
    *used_if = false;
    if (head_kw(p, RG_KW_IF)) {
        rgp_next(p);
        *used_if = r->has_body = true;
        if (rgp_at(p, RG_TK_LBRACE)) return if_braced_body(p, r);
        rg_expr *e = rgp_literal(p);
        if (!e) return false;
        single_body(p, r, e);
        return true;
    }
    if (!rgp_at(p, RG_TK_LBRACE)) return true;
    if (p->v1)
        rgp_error_soft(p, r->loc, "`if` keyword is required before %s body", r->head.is_func ? "function" : "rule");
    r->has_body = true;
    return rgp_braced_body(p, &r->body);
}

/* OPA's names for term kinds in messages. */
static const char *term_type_name(const rg_term *t) {
    switch (t->kind) {
    case RG_TERM_SCALAR: return rg_type_name(t->u.v);
    case RG_TERM_VAR: return "var";
    case RG_TERM_REF: return "ref";
    case RG_TERM_ARRAY: return "array";
    case RG_TERM_SET: return "set";
    case RG_TERM_OBJECT: return "object";
    case RG_TERM_ARRAY_COMPR: return "arraycomprehension";
    case RG_TERM_SET_COMPR: return "setcomprehension";
    case RG_TERM_OBJECT_COMPR: return "objectcomprehension";
    case RG_TERM_CALL: return "call";
    }
    return "term";
}

/* First var, ref or call in a default value (comprehensions are closed). */
static const rg_term *non_constant(const rg_term *t) {
    switch (t->kind) {
    case RG_TERM_VAR:
    case RG_TERM_REF:
    case RG_TERM_CALL: return t;
    case RG_TERM_ARRAY:
    case RG_TERM_SET:
    case RG_TERM_OBJECT: {
        size_t n = t->kind == RG_TERM_OBJECT ? 2 * t->u.coll.n : t->u.coll.n;
        for (size_t i = 0; i < n; i++) {
            const rg_term *bad = non_constant(t->u.coll.items[i]);
            if (bad) return bad;
        }
        return NULL;
    }
    default: return NULL;
    }
}

static bool check_default(rgp *p, const rg_rule *r) {
    const rg_rule_head *h = &r->head;
    if (!h->value) {
        rgp_error_loc(p, r->loc, "illegal default rule (must have a value)");
        return false;
    }
    const rg_term *bad = non_constant(h->value);
    if (bad) {
        rgp_error_loc(p, r->loc, "illegal default rule (value cannot contain %s)", term_type_name(bad));
        return false;
    }
    for (size_t i = 0; i < h->n_args; i++) {
        const rg_term *a = h->args[i];
        if (a->kind != RG_TERM_VAR) {
            rgp_error_loc(p, r->loc, "illegal default rule (arguments cannot contain %s)", term_type_name(a));
            return false;
        }
        for (size_t j = 0; j < i && strcmp(a->u.name, "_") != 0; j++)
            if (strcmp(a->u.name, h->args[j]->u.name) == 0) {
                rgp_error_loc(p, r->loc, "illegal default rule (arguments cannot be repeated %s)", a->u.name);
                return false;
            }
    }
    return true;
}

/* Settles what a head without a value means (as OPA does):
 *   p[x] / p.x with no `if`   v0: partial set p containing x; v1: error
 *   bare p                    error
 *   bare a.b.c or f(x)        v0: value true; v1: error */
static bool check_head(rgp *p, rg_rule *r, bool used_if) {
    rg_rule_head *h = &r->head;
    const char *what = h->is_func ? "function" : "rule";
    if (h->contains || h->value) return true;
    if (!h->is_func && h->n_ref == 2 && !used_if) {
        if (p->v1) {
            rgp_error_loc(p, r->loc, "`contains` keyword is required for partial set rules");
            return false;
        }
        h->key = h->ref[1];
        h->n_ref = 1;
        h->contains = true;
        return true;
    }
    if (r->has_body) return true;
    if (!h->is_func && h->n_ref == 1) {
        rgp_error_loc(p, r->loc, "var cannot be used for rule name");
        return false;
    }
    if (p->v1) {
        rgp_error_loc(p, r->loc, "%s must have value assignment and/or body declaration", what);
        return false;
    }
    return true;
}

static bool ground(const rg_term *t) {
    switch (t->kind) {
    case RG_TERM_SCALAR: return true;
    case RG_TERM_ARRAY:
    case RG_TERM_SET:
    case RG_TERM_OBJECT: {
        size_t n = t->kind == RG_TERM_OBJECT ? 2 * t->u.coll.n : t->u.coll.n;
        for (size_t i = 0; i < n; i++)
            if (!ground(t->u.coll.items[i])) return false;
        return true;
    }
    default: return false;
    }
}

/* `else [= value] [if] [body]` after rule r (at the `else`). */
static rg_rule *else_rule(rgp *p, const rg_rule *parent) {
    for (size_t i = 1; i < parent->head.n_ref; i++)
        if (!ground(parent->head.ref[i])) {
            rgp_error(p, rgp_cur(p), "else keyword cannot be used on rules with variables in head");
            return NULL;
        }
    if (parent->head.contains) {
        rgp_error(p, rgp_cur(p), "else keyword cannot be used on multi-value rules");
        return NULL;
    }
    rg_rule *e = rg_arena_calloc(p->a, sizeof *e);
    e->loc = rgp_loc(p, rgp_cur(p));
    rgp_next(p);
    e->head.ref = parent->head.ref;
    e->head.n_ref = parent->head.n_ref;
    e->head.args = parent->head.args;
    e->head.n_args = parent->head.n_args;
    e->head.is_func = parent->head.is_func;
    rg_tok_kind k = (rg_tok_kind)rgp_cur(p)->kind;
    if (k != RG_TK_ASSIGN && k != RG_TK_UNIFY && k != RG_TK_LBRACE && !head_kw(p, RG_KW_IF)) {
        rgp_unexpected(p, "expected else value term or rule body");
        return NULL;
    }
    bool used_if;
    if (!head_value(p, &e->head) || !rule_body(p, e, &used_if)) return NULL;
    return e;
}

static const char *source_text(rgp *p, size_t start_tok) {
    const rg_token *s = &p->lx.toks[start_tok];
    const rg_token *e = &p->lx.toks[p->pos > start_tok ? p->pos - 1 : start_tok];
    return rg_arena_strndup(p->a, p->src + s->off, e->off + e->len - s->off);
}

/* else parts and chained bodies `{ ... }` after the first rule r (whose
 * text, as in OPA, covers its else parts but not the chained bodies). */
static bool rule_chain(rgp *p, modctx *mc, rg_rule *r, size_t start) {
    rg_rule *tail = r;
    int elses = 0;
    for (;;) {
        if (rgp_at_kw(p, RG_KW_ELSE)) {
            /* consumers walk else chains recursively: bound them like nesting */
            if (++elses > RGP_MAX_DEPTH) {
                rgp_error(p, rgp_cur(p), "nesting depth exceeds the maximum of %d", RGP_MAX_DEPTH);
                return false;
            }
            rg_rule *e = else_rule(p, r);
            if (!e) return false;
            tail->else_ = e;
            tail = e;
        } else if (rgp_at(p, RG_TK_LBRACE) && r->has_body) {
            if (tail != r) {
                rgp_error(p, rgp_cur(p), "expected else keyword");
                return false;
            }
            if (!r->text) r->text = source_text(p, start);
            rg_rule *c = rg_arena_calloc(p->a, sizeof *c);
            c->head = r->head;
            c->loc = rgp_loc(p, rgp_cur(p));
            c->has_body = true;
            size_t body_start = p->pos;
            if (!rgp_braced_body(p, &c->body)) return false;
            c->text = source_text(p, body_start);
            rgp_vec_push(p, &mc->rules, c);
            r = tail = c;
        } else {
            if (!r->text) r->text = source_text(p, start);
            return true;
        }
    }
}

/* head: [default] ref [(args)] [contains key | := value | = value] */
static bool rule_head(rgp *p, rg_rule_head *h) {
    if (rgp_at_kw(p, RG_KW_DEFAULT)) {
        h->is_default = true;
        rgp_next(p);
    }
    if (!head_ref(p, h)) return false;
    const rg_token *t = rgp_cur(p);
    if (t->kind == RG_TK_LPAREN && !t->nl_before && !head_args(p, h)) return false;
    t = rgp_cur(p);
    if (t->kind >= RG_TK_EQ && t->kind <= RG_TK_OR && !t->nl_before) { /* `p + 1`: not a rule */
        rgp_unexpected(p, NULL);
        return false;
    }
    if (!h->is_default && head_kw(p, RG_KW_CONTAINS)) {
        if (h->is_func) {
            rgp_unexpected(p, "the contains keyword can only be used with multi-value rule definitions");
            return false;
        }
        rgp_next(p);
        h->contains = true;
        h->key = rgp_expr(p, RGP_PREC_REL);
        return h->key != NULL;
    }
    return head_value(p, h);
}

static bool parse_rule(rgp *p, modctx *mc) {
    size_t start = p->pos;
    rg_rule *r = rg_arena_calloc(p->a, sizeof *r);
    r->loc = rgp_loc(p, rgp_cur(p));
    if (!rule_head(p, &r->head)) return false;
    bool used_if = false;
    if (r->head.is_default) {
        if (!check_default(p, r)) return false;
    } else if (!rule_body(p, r, &used_if) || !check_head(p, r, used_if)) {
        return false;
    }
    note_stmt(p, mc, r->loc.line, (long)mc->rules.n);
    rgp_vec_push(p, &mc->rules, r);
    if (!r->head.is_default) return rule_chain(p, mc, r, start);
    r->text = source_text(p, start);
    return true;
}

/* ---- recovery and annotations ---- */

static bool stmt_start(const rgp *p, const rg_token *t) {
    return rgp_is_var(p, t) || rgp_kw(p, t, RG_KW_DEFAULT) || rgp_kw(p, t, RG_KW_IMPORT) ||
           rgp_kw(p, t, RG_KW_PACKAGE);
}

/* Skips to a line starting a statement at or left of column col. */
static void recover(rgp *p, size_t start, uint32_t col) {
    p->quiet = false;
    p->depth = 0;
    while (!rgp_at(p, RG_TK_EOF)) {
        const rg_token *t = rgp_cur(p);
        if (p->pos > start && t->nl_before && t->col <= col && stmt_start(p, t)) return;
        rgp_next(p);
    }
}

/* A comment whose text starts with METADATA (after spaces) opens a block. */
static bool is_metadata(const rgp *p, const rg_comment *c) {
    const char *s = p->src + c->off;
    size_t n = c->len;
    while (n && (*s == ' ' || *s == '\t')) s++, n--;
    return n >= 8 && memcmp(s, "METADATA", 8) == 0;
}

static long annotated_rule(const modctx *mc, uint32_t after_line) {
    for (size_t i = 0; i < mc->stmts.n; i++) {
        const stmt_pos *s = mc->stmts.items[i];
        if (s->line > after_line) return s->rule_index;
    }
    return -1;
}

/* `# METADATA` plus the `#` comments in column 1 of the lines right below
 * it: YAML with "#" and one space removed (as OPA reads annotations). */
static void annotations(rgp *p, modctx *mc) {
    const rg_comment *cs = p->lx.comments;
    size_t n = p->lx.n_comments;
    rgp_vec anns = {0};
    for (size_t i = 0; i < n; i++) {
        if (!is_metadata(p, &cs[i])) continue;
        rg_buf b = RG_BUF_INIT;
        uint32_t line = cs[i].line;
        size_t j = i + 1;
        for (; j < n && cs[j].col == 1 && cs[j].line == line + 1; j++, line++) {
            const char *s = p->src + cs[j].off;
            size_t len = cs[j].len;
            if (len && *s == ' ') s++, len--;
            rg_buf_append(&b, s, len);
            rg_buf_putc(&b, '\n');
        }
        rg_annotation *a = rg_arena_calloc(p->a, sizeof *a);
        a->yaml = rg_arena_strndup(p->a, b.len ? b.data : "", b.len);
        rg_buf_fini(&b);
        a->loc = (rg_loc){p->file, cs[i].line, cs[i].col};
        a->rule_index = annotated_rule(mc, line);
        rgp_vec_push(p, &anns, a);
        i = j - 1;
    }
    mc->m->annotations = rg_arena_alloc(p->a, (anns.n ? anns.n : 1) * sizeof(rg_annotation));
    for (size_t i = 0; i < anns.n; i++) mc->m->annotations[i] = *(rg_annotation *)anns.items[i];
    mc->m->n_annotations = anns.n;
}

static void parse_statements(rgp *p, modctx *mc) {
    while (!rgp_at(p, RG_TK_EOF) && p->errors < RGP_MAX_ERRORS) {
        size_t start = p->pos;
        uint32_t col = rgp_cur(p)->col;
        bool ok;
        if (rgp_at_kw(p, RG_KW_IMPORT)) {
            ok = import_stmt(p, mc);
        } else if (rgp_at_kw(p, RG_KW_PACKAGE)) {
            rgp_unexpected(p, NULL);
            ok = false;
        } else {
            ok = parse_rule(p, mc);
        }
        if (!ok) recover(p, start, col);
    }
}

int rg_parse_module(rg_arena *arena, const char *file, const char *src, size_t len, const rg_parse_options *opts,
                    rg_module **out, rg_diags *diags) {
    rgp p;
    rgp_init(&p, arena, file, src, len, opts, diags);
    modctx mc = {.m = rg_arena_calloc(arena, sizeof(rg_module))};
    mc.m->file = p.file;
    *out = NULL;
    if (parse_package(&p, &mc)) parse_statements(&p, &mc);
    annotations(&p, &mc);
    rg_module *m = mc.m;
    m->rules = (rg_rule **)mc.rules.items;
    m->n_rules = mc.rules.n;
    m->imports = rg_arena_alloc(arena, (mc.imports.n ? mc.imports.n : 1) * sizeof(rg_import));
    for (size_t i = 0; i < mc.imports.n; i++) m->imports[i] = *(rg_import *)mc.imports.items[i];
    m->n_imports = mc.imports.n;
    m->v1 = p.v1;
    int rc = (p.errors || p.lex_failed) ? -1 : 0;
    rgp_fini(&p);
    if (rc == 0) *out = m;
    return rc;
}
