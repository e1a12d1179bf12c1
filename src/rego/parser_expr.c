/* Parser: terms, infix expressions, literals and bodies.
 *
 * Precedence, lowest first: `in`, relational (== != < <= > >=), `|`, `&`,
 * `+ -`, `* / %`, unary minus, terms.  `=`/`:=` exist only at statement
 * level and `k, v in xs` only there and in `some`.  Infix operators are
 * left-associative and become calls (see ast.h for the names).
 *
 * Newlines: refs and calls need their `.`, `[` or `(` right after the
 * previous token (as in OPA), so `x := [1]` followed by a line `[y] = x` is
 * two statements.  Only `-` can both continue an expression and start one;
 * inside a body a `-` on a new line starts a new literal.  Other infix
 * operators and `with` continue an expression across newlines.
 *
 * Beyond ast.h: a call on a ref with string parts, `a["x-y"].f(1)`, is
 * named by its dotted text with non-identifier parts JSON-quoted in
 * brackets: `a["x-y"].f`.  Template strings (OPA 1.12) become
 * internal.template_string([parts]) where a part is a string or scalar, or
 * {$tN | $tN = expr} for an expression (empty when it is undefined). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rego/parser_int.h"

static rg_term *parse_unary(rgp *p);

/* ---- small helpers ---- */

static rg_term **vec_terms(rgp_vec *v) { return (rg_term **)v->items; }

/* True when the token k ahead starts a number: `1`, or `.5` as OPA allows. */
static bool at_number(const rgp *p, size_t k) {
    const rg_token *t = rgp_peek(p, k);
    if (t->kind == RG_TK_NUMBER) return true;
    const rg_token *n = rgp_peek(p, k + 1);
    return t->kind == RG_TK_DOT && n->kind == RG_TK_NUMBER && !n->ws_before;
}

/* The number at the current token (see at_number), negated when neg. */
static rg_term *number_literal(rgp *p, bool neg, rg_loc loc) {
    const rg_token *t = rgp_cur(p);
    bool dot = t->kind == RG_TK_DOT;
    const rg_token *num = dot ? rgp_peek(p, 1) : t;
    char *text = rg_arena_alloc(p->a, num->len + 4);
    size_t n = 0;
    if (neg) text[n++] = '-';
    if (dot) {
        text[n++] = '0';
        text[n++] = '.';
    }
    memcpy(text + n, p->src + num->off, num->len);
    n += num->len;
    text[n] = 0;
    rg_value v = rg_number_parse(p->a, text, n);
    if (rg_is_undef(v)) {
        rgp_error(p, t, "invalid number");
        return NULL;
    }
    if (v.sub == RG_NUM_FLOAT && !isfinite(v.u.d)) {
        rgp_error(p, t, "number too big");
        return NULL;
    }
    rgp_next(p);
    if (dot) rgp_next(p);
    rg_term *r = rgp_new_term(p, RG_TERM_SCALAR, loc);
    r->u.v = v;
    return r;
}

/* Saves and sets the newline/`|` modes for a nested context. */
typedef struct modes {
    bool nl_sig, no_or;
} modes;

static modes set_modes(rgp *p, bool nl_sig, bool no_or) {
    modes m = {p->nl_sig, p->no_or};
    p->nl_sig = nl_sig;
    p->no_or = no_or;
    return m;
}

static void restore_modes(rgp *p, modes m) {
    p->nl_sig = m.nl_sig;
    p->no_or = m.no_or;
}

/* An expression inside brackets/parens/call args: newlines never matter. */
static rg_term *nested_expr(rgp *p, bool no_or) {
    modes m = set_modes(p, false, no_or);
    rg_term *t = rgp_expr(p, RGP_PREC_IN);
    restore_modes(p, m);
    return t;
}

rg_term *rgp_nested_expr(rgp *p) { return nested_expr(p, false); }

/* ---- collections ---- */

/* Comma-separated items (k: v pairs when object) up to and including
 * `end`, appended to items; a trailing comma is allowed. */
static bool coll_items(rgp *p, rgp_vec *items, rg_tok_kind end, bool object) {
    const char *want = end == RG_TK_RBRACK   ? "expected \",\" or \"]\""
                       : end == RG_TK_RBRACE ? "expected \",\" or \"}\""
                                             : "expected \",\" or \")\"";
    while (!rgp_at(p, end)) {
        rg_term *k = nested_expr(p, false);
        if (!k) return false;
        rgp_vec_push(p, items, k);
        if (object) {
            if (!rgp_accept(p, RG_TK_COLON)) {
                rgp_unexpected(p, "expected \":\"");
                return false;
            }
            rg_term *v = nested_expr(p, false);
            if (!v) return false;
            rgp_vec_push(p, items, v);
        }
        if (rgp_accept(p, RG_TK_COMMA)) continue;
        if (rgp_at(p, end)) break;
        rgp_unexpected(p, want);
        return false;
    }
    rgp_next(p);
    return true;
}

static rg_term *finish_coll(rg_term *t, rg_term_kind kind, rgp_vec *items) {
    t->kind = kind;
    t->u.coll.items = vec_terms(items);
    t->u.coll.n = kind == RG_TERM_OBJECT ? items->n / 2 : items->n;
    return t;
}

/* Items after the first (already in items) when a `,` or the end follows. */
static rg_term *coll_rest(rgp *p, rg_term *t, rgp_vec *items, rg_term_kind kind, rg_tok_kind end) {
    if (!rgp_at(p, end) && !rgp_at(p, RG_TK_COMMA)) {
        rgp_unexpected(p, end == RG_TK_RBRACK ? "expected \",\" or \"]\"" : "expected \",\" or \"}\"");
        return NULL;
    }
    rgp_accept(p, RG_TK_COMMA);
    return coll_items(p, items, end, kind == RG_TERM_OBJECT) ? finish_coll(t, kind, items) : NULL;
}

/* A `{...}` that cannot be a comprehension: set or object by its first item. */
static rg_term *brace_plain(rgp *p, rg_term *t) {
    rgp_vec items = {0};
    rg_term *first = nested_expr(p, false);
    if (!first) return NULL;
    rgp_vec_push(p, &items, first);
    if (!rgp_accept(p, RG_TK_COLON)) return coll_rest(p, t, &items, RG_TERM_SET, RG_TK_RBRACE);
    rg_term *v = nested_expr(p, false);
    if (!v) return NULL;
    rgp_vec_push(p, &items, v);
    return coll_rest(p, t, &items, RG_TERM_OBJECT, RG_TK_RBRACE);
}

/* After `head |`: the comprehension body up to `end`.  When that fails on a
 * `,` (as in `[a | b, c]`) the literal is re-read from m as a plain
 * collection, as OPA does. */
static rg_term *compr_or_coll(rgp *p, rg_term *t, rg_term_kind ck, rg_tok_kind end, const rgp_mark *m) {
    rg_term_kind saved = t->kind;
    t->kind = ck;
    if (rgp_query(p, end, &t->u.compr.body) && rgp_expect(p, end)) return t;
    if (!rgp_at(p, RG_TK_COMMA) || !rgp_can_backtrack(p)) return NULL;
    rgp_restore(p, m);
    t->kind = saved;
    memset(&t->u, 0, sizeof t->u);
    if (end == RG_TK_RBRACE) return brace_plain(p, t);
    rgp_vec items = {0};
    return coll_items(p, &items, end, false) ? finish_coll(t, RG_TERM_ARRAY, &items) : NULL;
}

/* `[` already consumed: `[]`, items, or `[head | body]`.  A leading comma
 * (`[, x]`, accepted by OPA for old policies) rules out a comprehension. */
static rg_term *array_rest(rgp *p, rg_loc loc) {
    rgp_vec items = {0};
    rg_term *t = rgp_new_term(p, RG_TERM_ARRAY, loc);
    if (rgp_accept(p, RG_TK_RBRACK)) return t;
    if (rgp_accept(p, RG_TK_COMMA))
        return coll_items(p, &items, RG_TK_RBRACK, false) ? finish_coll(t, RG_TERM_ARRAY, &items) : NULL;
    rgp_mark m = rgp_save(p);
    rg_term *first = nested_expr(p, true);
    if (!first) return NULL;
    if (rgp_accept(p, RG_TK_OR)) {
        t->u.compr.head = first;
        return compr_or_coll(p, t, RG_TERM_ARRAY_COMPR, RG_TK_RBRACK, &m);
    }
    rgp_vec_push(p, &items, first);
    return coll_rest(p, t, &items, RG_TERM_ARRAY, RG_TK_RBRACK);
}

/* `{` already consumed: `{}` (empty object), object, set, or comprehension. */
static rg_term *brace_rest(rgp *p, rg_loc loc) {
    rgp_vec items = {0};
    rg_term *t = rgp_new_term(p, RG_TERM_OBJECT, loc);
    if (rgp_accept(p, RG_TK_RBRACE)) return t;
    if (rgp_accept(p, RG_TK_COMMA)) return brace_plain(p, t);
    rgp_mark m = rgp_save(p);
    rg_term *first = nested_expr(p, true);
    if (!first) return NULL;
    bool object = rgp_accept(p, RG_TK_COLON);
    rg_term *v = object ? nested_expr(p, true) : NULL;
    if (object && !v) return NULL;
    if (rgp_accept(p, RG_TK_OR)) {
        t->u.compr.key = object ? first : NULL;
        t->u.compr.head = object ? v : first;
        return compr_or_coll(p, t, object ? RG_TERM_OBJECT_COMPR : RG_TERM_SET_COMPR, RG_TK_RBRACE, &m);
    }
    rgp_vec_push(p, &items, first);
    if (object) rgp_vec_push(p, &items, v);
    return coll_rest(p, t, &items, object ? RG_TERM_OBJECT : RG_TERM_SET, RG_TK_RBRACE);
}

/* ---- refs and calls ---- */

/* `(` already consumed: arguments up to `)`, trailing comma allowed. */
static bool call_args(rgp *p, rg_term *call) {
    rgp_vec args = {0};
    if (!coll_items(p, &args, RG_TK_RPAREN, false)) return false;
    call->u.call.args = vec_terms(&args);
    call->u.call.n = args.n;
    return true;
}

static bool is_ident_text(const char *s, size_t n) {
    if (!n || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_')) return false;
    for (size_t i = 1; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
              s[i] == '_'))
            return false;
    return true;
}

/* Call name from a var head and string path parts: "a.b.c", or with a
 * part that is no identifier, JSON-quoted in brackets: a["x-y"].f */
static const char *call_name(rgp *p, const rg_term *head, rgp_vec *path) {
    rg_buf b = RG_BUF_INIT;
    rg_buf_puts(&b, head->u.name);
    for (size_t i = 0; i < path->n; i++) {
        const rg_value *v = &vec_terms(path)[i]->u.v;
        if (is_ident_text(v->u.s, v->len)) {
            rg_buf_putc(&b, '.');
            rg_buf_append(&b, v->u.s, v->len);
        } else {
            rg_buf_putc(&b, '[');
            rg_json_write_string(&b, v->u.s, v->len, RG_JSON_COMPACT);
            rg_buf_putc(&b, ']');
        }
    }
    const char *s = rg_arena_strndup(p->a, b.data, b.len);
    rg_buf_fini(&b);
    return s;
}

/* One `.name` or `[expr]` part; returns NULL on error. */
static rg_term *ref_part(rgp *p) {
    if (rgp_accept(p, RG_TK_DOT)) {
        const rg_token *t = rgp_cur(p);
        /* any word after a dot, keywords included: input.in, future.keywords.if */
        if (t->kind != RG_TK_IDENT || t->ws_before) {
            rgp_unexpected(p, "expected identifier");
            return NULL;
        }
        rgp_next(p);
        return rgp_str_term(p, p->src + t->off, t->len, rgp_loc(p, t));
    }
    rgp_next(p); /* [ */
    rg_term *e = nested_expr(p, false);
    if (!e || !rgp_expect(p, RG_TK_RBRACK)) return NULL;
    return e;
}

static rg_term *make_ref(rgp *p, rg_term *head, rgp_vec *path) {
    if (!path->n) return head;
    rg_term *r = rgp_new_term(p, RG_TERM_REF, head->loc);
    r->u.ref.head = head;
    r->u.ref.path = vec_terms(path);
    r->u.ref.n = path->n;
    return r;
}

/* Suffixes written right after the term: `.name`, `[expr]`, and for a
 * name with only string parts, one call `(args)`.  A ref used as head is
 * flattened. */
static rg_term *ref_tail(rgp *p, rg_term *head) {
    rgp_vec path = {0};
    rg_term *orig = head;
    if (head->kind == RG_TERM_REF) {
        for (size_t i = 0; i < head->u.ref.n; i++) rgp_vec_push(p, &path, head->u.ref.path[i]);
        head = head->u.ref.head;
    }
    bool dotted = head->kind == RG_TERM_VAR && path.n == 0;
    size_t added = 0;
    for (;;) {
        const rg_token *t = rgp_cur(p);
        if (t->ws_before) break;
        if (t->kind == RG_TK_DOT || t->kind == RG_TK_LBRACK) {
            bool dot = t->kind == RG_TK_DOT;
            rg_term *part = ref_part(p);
            if (!part) return NULL;
            rgp_vec_push(p, &path, part);
            dotted = dotted && (dot || (part->kind == RG_TERM_SCALAR && part->u.v.kind == RG_STRING));
            added++;
        } else if (t->kind == RG_TK_LPAREN && dotted) {
            rg_term *call = rgp_new_term(p, RG_TERM_CALL, head->loc);
            call->u.call.name = call_name(p, head, &path);
            rgp_next(p);
            if (!call_args(p, call)) return NULL;
            head = call;
            memset(&path, 0, sizeof path);
            dotted = false;
            added++;
        } else {
            break;
        }
    }
    return added ? make_ref(p, head, &path) : orig;
}

/* ---- primaries ---- */

static rg_term *scalar_term(rgp *p, rg_value v) {
    rg_term *t = rgp_new_term(p, RG_TERM_SCALAR, rgp_loc(p, rgp_cur(p)));
    t->u.v = v;
    rgp_next(p);
    return t;
}

/* An identifier in term position: variable, `set()`, ref or call head. */
static rg_term *word_term(rgp *p) {
    const rg_token *t = rgp_cur(p);
    const rg_token *n1 = rgp_peek(p, 1);
    bool call_next = n1->kind == RG_TK_LPAREN && !n1->ws_before;
    /* `contains` is a keyword only in rule heads (OPA): `contains(s, x)` */
    if (!rgp_is_var(p, t) && t->kw != RG_KW_CONTAINS) {
        rgp_unexpected(p, NULL);
        return NULL;
    }
    rg_term *v = rgp_var_term(p, t);
    rgp_next(p);
    if (call_next && t->len == 3 && memcmp(p->src + t->off, "set", 3) == 0 &&
        rgp_peek(p, 1)->kind == RG_TK_RPAREN) {
        rgp_next(p);
        rgp_next(p);
        rg_term *s = rgp_new_term(p, RG_TERM_SET, v->loc);
        return ref_tail(p, s);
    }
    return ref_tail(p, v);
}

/* ---- template strings ---- */

static const char *template_misuse(const rg_expr *e) {
    if (e->negated) return "negation ('not')";
    switch (e->kind) {
    case RG_EXPR_UNIFY: return "unification ('=')";
    case RG_EXPR_ASSIGN: return "assignment (':=')";
    case RG_EXPR_EVERY: return "'every'";
    case RG_EXPR_SOME:
    case RG_EXPR_SOME_IN: return "'some'";
    default: return NULL;
    }
}

/* A scalar `{1}` is kept as is; any other `{expr [with ...]}` becomes
 * {$tN | $tN = expr [with ...]}, so an undefined expression gives an empty
 * set rather than failing (OPA rewrites it the same way). */
static rg_term *template_part(rgp *p, rg_expr *e) {
    const char *bad = template_misuse(e);
    if (bad) {
        rgp_error_loc(p, e->loc, "unexpected %s in template-string expression", bad);
        return NULL;
    }
    if (!rgp_at(p, RG_TK_EOF)) {
        rgp_error(p, rgp_cur(p), "expected } to end template string expression");
        return NULL;
    }
    rg_term *x = e->lhs;
    if (x->kind == RG_TERM_SCALAR && !e->n_withs) return x;
    char name[32];
    snprintf(name, sizeof name, "$t%u", p->tmpl_vars++);
    rg_term *var = rgp_new_term(p, RG_TERM_VAR, x->loc);
    var->u.name = rg_arena_strdup(p->a, name);
    e->kind = RG_EXPR_UNIFY;
    e->lhs = var;
    e->rhs = x;
    rg_term *c = rgp_new_term(p, RG_TERM_SET_COMPR, x->loc);
    c->u.compr.head = var;
    c->u.compr.body.exprs = rg_arena_alloc(p->a, sizeof(rg_expr *));
    c->u.compr.body.exprs[0] = e;
    c->u.compr.body.n = 1;
    return c;
}

/* Parses one `{...}` span by swapping in its own tokens. */
static rg_term *template_expr(rgp *p, const rg_tmpl_seg *sg) {
    rg_lexed sub, outer = p->lx;
    size_t pos = p->pos;
    if (rg_lex_range(p->a, p->file, p->src, sg->off, sg->end, sg->line, sg->col, &sub, p->diags)) p->lex_failed = true;
    p->lx = sub;
    p->pos = 0;
    rg_term *r = NULL;
    if (rgp_at(p, RG_TK_EOF)) {
        rg_loc loc = {p->file, sg->line, sg->col};
        rgp_error_loc(p, loc, "invalid template-string expression");
    } else {
        rg_expr *e = rgp_literal(p);
        if (e) r = template_part(p, e);
    }
    p->lx = outer;
    p->pos = pos;
    rg_lexed_fini(&sub);
    return r;
}

/* $"a {x} b" -> internal.template_string(["a ", {$t0 | $t0 = x}, " b"]) */
static rg_term *template_term(rgp *p) {
    const rg_token *t = rgp_cur(p);
    rg_loc loc = rgp_loc(p, t);
    rgp_next(p);
    rgp_vec parts = {0};
    for (size_t i = 0; i < t->n_segs; i++) {
        const rg_tmpl_seg *sg = &t->segs[i];
        rg_term *part;
        if (sg->is_expr) {
            part = template_expr(p, sg);
            if (!part) return NULL;
        } else {
            part = rgp_new_term(p, RG_TERM_SCALAR, loc);
            part->u.v = rg_string_static(sg->str, sg->len);
        }
        rgp_vec_push(p, &parts, part);
    }
    rg_term *arr = rgp_new_term(p, RG_TERM_ARRAY, loc);
    arr->u.coll.items = vec_terms(&parts);
    arr->u.coll.n = parts.n;
    rg_term *c = rgp_new_term(p, RG_TERM_CALL, loc);
    c->u.call.name = "internal.template_string";
    c->u.call.args = rg_arena_alloc(p->a, sizeof(rg_term *));
    c->u.call.args[0] = arr;
    c->u.call.n = 1;
    return c;
}

static rg_term *maybe_member3(rgp *p, rg_term *lhs);

static rg_term *primary_inner(rgp *p) {
    const rg_token *t = rgp_cur(p);
    rg_loc loc = rgp_loc(p, t);
    switch (t->kind) {
    case RG_TK_NUMBER: return number_literal(p, false, loc);
    case RG_TK_DOT:
        if (at_number(p, 0)) return number_literal(p, false, loc);
        rgp_unexpected(p, NULL);
        return NULL;
    case RG_TK_STRING:
    case RG_TK_RAWSTRING: return scalar_term(p, rg_string_static(t->str, t->str_len));
    case RG_TK_TEMPLATE: return template_term(p);
    case RG_TK_LBRACK: {
        rgp_next(p);
        rg_term *a = array_rest(p, loc);
        return a ? ref_tail(p, a) : NULL;
    }
    case RG_TK_LBRACE: {
        rgp_next(p);
        rg_term *o = brace_rest(p, loc);
        return o ? ref_tail(p, o) : NULL;
    }
    case RG_TK_LPAREN: {
        rgp_next(p);
        /* `(k, v in xs)` is the three-way membership in parentheses */
        rg_term *e = maybe_member3(p, nested_expr(p, false));
        if (!e) return NULL;
        if (!rgp_accept(p, RG_TK_RPAREN)) {
            rgp_error(p, rgp_cur(p), "non-terminated expression");
            return NULL;
        }
        return ref_tail(p, e);
    }
    case RG_TK_IDENT:
        if (t->kw == RG_KW_TRUE) return scalar_term(p, rg_bool(true));
        if (t->kw == RG_KW_FALSE) return scalar_term(p, rg_bool(false));
        if (t->kw == RG_KW_NULL) return scalar_term(p, rg_null());
        return word_term(p);
    default: rgp_unexpected(p, NULL); return NULL;
    }
}

rg_term *rgp_primary(rgp *p) {
    if (!rgp_enter(p)) return NULL;
    rg_term *t = primary_inner(p);
    rgp_leave(p);
    return t;
}

/* `-` before a number literal makes a negative literal (as in OPA, also
 * with a space: `- 1`); before anything else it is minus(0, x). */
static rg_term *unary_inner(rgp *p) {
    const rg_token *t = rgp_cur(p);
    if (t->kind != RG_TK_MINUS) return primary_inner(p);
    rg_loc loc = rgp_loc(p, t);
    rgp_next(p);
    if (at_number(p, 0)) return number_literal(p, true, loc);
    /* As in OPA, `-` is a sign for number literals only: `-x` is an error. */
    rgp_unexpected(p, "expected number");
    return NULL;
}

static rg_term *parse_unary(rgp *p) {
    if (!rgp_enter(p)) return NULL;
    rg_term *t = unary_inner(p);
    rgp_leave(p);
    return t;
}

/* ---- infix operators ---- */

static int binop(const rgp *p, const rg_token *t, const char **name) {
    switch (t->kind) {
    case RG_TK_EQ: *name = "equal"; return RGP_PREC_REL;
    case RG_TK_NEQ: *name = "neq"; return RGP_PREC_REL;
    case RG_TK_LT: *name = "lt"; return RGP_PREC_REL;
    case RG_TK_LTE: *name = "lte"; return RGP_PREC_REL;
    case RG_TK_GT: *name = "gt"; return RGP_PREC_REL;
    case RG_TK_GTE: *name = "gte"; return RGP_PREC_REL;
    case RG_TK_OR: *name = "or"; return p->no_or ? 0 : RGP_PREC_OR;
    case RG_TK_AND: *name = "and"; return RGP_PREC_AND;
    case RG_TK_PLUS: *name = "plus"; return RGP_PREC_ADD;
    case RG_TK_MINUS: *name = "minus"; return p->nl_sig && t->nl_before ? 0 : RGP_PREC_ADD;
    case RG_TK_MUL: *name = "mul"; return RGP_PREC_MUL;
    case RG_TK_DIV: *name = "div"; return RGP_PREC_MUL;
    case RG_TK_REM: *name = "rem"; return RGP_PREC_MUL;
    case RG_TK_IDENT: *name = "internal.member_2"; return rgp_kw(p, t, RG_KW_IN) ? RGP_PREC_IN : 0;
    default: return 0;
    }
}

/* Precedence climbing from an already parsed left operand.  Each operator
 * nests the tree one level deeper (a+b+c is plus(plus(a, b), c)), so it
 * counts against the depth limit until the chain ends. */
static rg_term *climb(rgp *p, rg_term *lhs, int min_prec) {
    int depth0 = p->depth;
    for (;;) {
        const char *name = NULL;
        int prec = binop(p, rgp_cur(p), &name);
        if (!prec || prec < min_prec) break;
        if (!rgp_enter(p)) {
            lhs = NULL;
            break;
        }
        rgp_next(p);
        rg_term *rhs = rgp_expr(p, prec + 1);
        if (!rhs) {
            lhs = NULL;
            break;
        }
        lhs = rgp_call2(p, name, lhs, rhs, lhs->loc);
    }
    p->depth = depth0;
    return lhs;
}

rg_term *rgp_expr(rgp *p, int min_prec) {
    rg_term *lhs = parse_unary(p);
    return lhs ? climb(p, lhs, min_prec) : NULL;
}

/* ---- literals ---- */

static rg_expr *new_expr(rgp *p, rg_expr_kind k, rg_loc loc) {
    rg_expr *e = rg_arena_calloc(p->a, sizeof *e);
    e->kind = k;
    e->loc = loc;
    return e;
}

/* `k, v in xs` after k: builds internal.member_3 (then any further `in`). */
static rg_term *member3(rgp *p, rg_term *k) {
    rg_term *v = rgp_expr(p, RGP_PREC_REL);
    if (!v) return NULL;
    if (!rgp_at_kw(p, RG_KW_IN)) {
        rgp_unexpected(p, "expected in");
        return NULL;
    }
    rgp_next(p);
    rg_term *coll = rgp_expr(p, RGP_PREC_REL);
    if (!coll) return NULL;
    rg_term *c = rgp_new_term(p, RG_TERM_CALL, k->loc);
    c->u.call.name = "internal.member_3";
    c->u.call.args = rg_arena_alloc(p->a, 3 * sizeof(rg_term *));
    c->u.call.args[0] = k;
    c->u.call.args[1] = v;
    c->u.call.args[2] = coll;
    c->u.call.n = 3;
    return climb(p, c, RGP_PREC_IN);
}

/* `lhs, v in xs` when it parses as that; otherwise back to the comma
 * (OPA's rule), leaving the caller to complain about it. */
static rg_term *maybe_member3(rgp *p, rg_term *lhs) {
    if (!lhs || !rgp_at(p, RG_TK_COMMA) || !rgp_can_backtrack(p)) return lhs;
    rgp_mark m = rgp_save(p);
    rgp_next(p);
    rg_term *r = member3(p, lhs);
    if (r) return r;
    rgp_restore(p, &m);
    return lhs;
}

/* term, `lhs = rhs` or `lhs := rhs`. */
static rg_expr *expr_stmt(rgp *p, rg_loc loc) {
    rg_term *lhs = maybe_member3(p, rgp_expr(p, RGP_PREC_IN));
    if (!lhs) return NULL;
    rg_tok_kind k = (rg_tok_kind)rgp_cur(p)->kind;
    if (k != RG_TK_ASSIGN && k != RG_TK_UNIFY) {
        rg_expr *e = new_expr(p, RG_EXPR_TERM, loc);
        e->lhs = lhs;
        return e;
    }
    rgp_next(p);
    rg_term *rhs = maybe_member3(p, rgp_expr(p, RGP_PREC_IN));
    if (!rhs) return NULL;
    rg_expr *e = new_expr(p, k == RG_TK_ASSIGN ? RG_EXPR_ASSIGN : RG_EXPR_UNIFY, loc);
    e->lhs = lhs;
    e->rhs = rhs;
    return e;
}

/* `some a, b` or `some [k,] v in xs` (`some` already consumed). */
static rg_expr *some_stmt(rgp *p, rg_loc loc) {
    rgp_vec terms = {0};
    do {
        rg_term *t = rgp_expr(p, RGP_PREC_REL);
        if (!t) return NULL;
        rgp_vec_push(p, &terms, t);
    } while (rgp_accept(p, RG_TK_COMMA));
    rg_term **ts = vec_terms(&terms);
    if (rgp_at_kw(p, RG_KW_IN) && terms.n <= 2) {
        rgp_next(p);
        rg_expr *e = new_expr(p, RG_EXPR_SOME_IN, loc);
        e->coll = rgp_expr(p, RGP_PREC_REL);
        if (!e->coll) return NULL;
        e->key = terms.n == 2 ? ts[0] : NULL;
        e->value = ts[terms.n - 1];
        return e;
    }
    for (size_t i = 0; i < terms.n; i++)
        if (ts[i]->kind != RG_TERM_VAR) {
            rgp_error_loc(p, ts[i]->loc, "expected var");
            return NULL;
        }
    rg_expr *e = new_expr(p, RG_EXPR_SOME, loc);
    e->some_vars = ts;
    e->n_some_vars = terms.n;
    return e;
}

/* `every [k,] v in xs { body }` (`every` already consumed). */
static rg_expr *every_stmt(rgp *p, rg_loc loc) {
    rg_expr *e = new_expr(p, RG_EXPR_EVERY, loc);
    e->value = rgp_expr(p, RGP_PREC_REL);
    if (!e->value) return NULL;
    if (rgp_accept(p, RG_TK_COMMA)) {
        e->key = e->value;
        e->value = rgp_expr(p, RGP_PREC_REL);
        if (!e->value) return NULL;
    }
    if (!rgp_at_kw(p, RG_KW_IN)) {
        rgp_unexpected(p, "expected `x[, y] in xs { ... }` expression");
        return NULL;
    }
    rgp_next(p);
    e->coll = rgp_expr(p, RGP_PREC_REL);
    if (!e->coll) return NULL;
    if (e->key && e->key->kind != RG_TERM_VAR) {
        rgp_error_loc(p, e->key->loc, "expected key to be a variable");
        return NULL;
    }
    if (e->value->kind != RG_TERM_VAR) {
        rgp_error_loc(p, e->value->loc, "expected value to be a variable");
        return NULL;
    }
    if (!rgp_at(p, RG_TK_LBRACE)) {
        rgp_unexpected(p, "missing body");
        return NULL;
    }
    return rgp_braced_body(p, &e->every_body) ? e : NULL;
}

static rg_with *with_mod(rgp *p) {
    rg_with *w = rg_arena_calloc(p->a, sizeof *w);
    w->loc = rgp_loc(p, rgp_cur(p));
    rgp_next(p);
    if (rgp_cur(p)->kind != RG_TK_IDENT) {
        rgp_unexpected(p, "expected ident");
        return NULL;
    }
    w->target = rgp_primary(p);
    if (!w->target) return NULL;
    if (w->target->kind != RG_TERM_VAR && w->target->kind != RG_TERM_REF) {
        rgp_error_loc(p, w->target->loc, "expected with target path");
        return NULL;
    }
    if (!rgp_at_kw(p, RG_KW_AS)) {
        rgp_unexpected(p, "expected as keyword");
        return NULL;
    }
    rgp_next(p);
    w->value = maybe_member3(p, rgp_expr(p, RGP_PREC_IN));
    return w->value ? w : NULL;
}

static bool with_mods(rgp *p, rg_expr *e) {
    rgp_vec ws = {0};
    while (rgp_at_kw(p, RG_KW_WITH)) {
        rg_with *w = with_mod(p);
        if (!w) return false;
        rgp_vec_push(p, &ws, w);
    }
    if (!ws.n) return true;
    e->withs = rg_arena_alloc(p->a, ws.n * sizeof *e->withs);
    for (size_t i = 0; i < ws.n; i++) e->withs[i] = *(rg_with *)ws.items[i];
    e->n_withs = ws.n;
    return true;
}

static rg_expr *literal_inner(rgp *p) {
    const rg_token *t = rgp_cur(p);
    rg_loc loc = rgp_loc(p, t);
    rg_expr *e;
    if (rgp_kw(p, t, RG_KW_SOME)) {
        rgp_next(p);
        e = some_stmt(p, loc);
    } else if (rgp_kw(p, t, RG_KW_EVERY)) {
        rgp_next(p);
        e = every_stmt(p, loc);
    } else {
        bool neg = rgp_kw(p, t, RG_KW_NOT);
        if (neg) rgp_next(p);
        if (neg && p->not_body && rgp_at(p, RG_TK_LBRACE)) {
            /* not { a; b }: true when the body has no solution */
            e = new_expr(p, RG_EXPR_BODY, loc);
            if (!rgp_braced_body(p, &e->every_body)) return NULL;
        } else {
            e = expr_stmt(p, loc);
        }
        if (e) e->negated = neg;
    }
    if (!e || !with_mods(p, e)) return NULL;
    return e;
}

rg_expr *rgp_literal(rgp *p) {
    if (!rgp_enter(p)) return NULL;
    modes m = set_modes(p, true, false);
    rg_expr *e = literal_inner(p);
    restore_modes(p, m);
    rgp_leave(p);
    return e;
}

bool rgp_query(rgp *p, rg_tok_kind end, rg_body *out) {
    rgp_vec exprs = {0};
    memset(out, 0, sizeof *out);
    if (rgp_at(p, end)) {
        rgp_error(p, rgp_cur(p), "found empty body");
        return false;
    }
    for (;;) {
        rg_expr *e = rgp_literal(p);
        if (!e) return false;
        rgp_vec_push(p, &exprs, e);
        const rg_token *t = rgp_cur(p);
        if (rgp_accept(p, RG_TK_SEMI)) {
            t = rgp_cur(p);
            if (t->kind == end || t->kind == RG_TK_EOF) break; /* trailing ';' */
            continue;
        }
        if (t->kind == end || t->kind == RG_TK_EOF) break;
        if (!t->nl_before) {
            char want[32];
            snprintf(want, sizeof want, "expected \\n or ; or %s", rg_tok_kind_text(end));
            rgp_unexpected(p, want);
            return false;
        }
    }
    out->exprs = (rg_expr **)exprs.items;
    out->n = exprs.n;
    return true;
}

bool rgp_braced_body(rgp *p, rg_body *out) {
    if (!rgp_expect(p, RG_TK_LBRACE)) return false;
    return rgp_query(p, RG_TK_RBRACE, out) && rgp_expect(p, RG_TK_RBRACE);
}
