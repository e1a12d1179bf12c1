/* Parser core: token cursor, keyword rules, diagnostics, node helpers, and
 * the query and term entry points (modules are in parser_rule.c). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rego/parser_int.h"

void rgp_init(rgp *p, rg_arena *a, const char *file, const char *src, size_t len, const rg_parse_options *opts,
              rg_diags *diags) {
    memset(p, 0, sizeof *p);
    p->a = a;
    p->file = rg_arena_strdup(a, file ? file : "");
    p->src = src ? src : "";
    p->len = src ? len : 0;
    p->diags = diags;
    p->v1 = !(opts && opts->v0_compatible);
    p->lex_failed = rg_lex(a, p->file, p->src, p->len, &p->lx, diags) != 0;
}

void rgp_fini(rgp *p) { rg_lexed_fini(&p->lx); }

void rgp_vec_push(rgp *p, rgp_vec *v, void *x) {
    if (v->n == v->cap) {
        size_t cap = v->cap ? 2 * v->cap : 4;
        void **items = rg_arena_alloc(p->a, cap * sizeof *items);
        if (v->n) memcpy(items, v->items, v->n * sizeof *items);
        v->items = items;
        v->cap = cap;
    }
    v->items[v->n++] = x;
}

const rg_token *rgp_cur(const rgp *p) { return &p->lx.toks[p->pos]; }

const rg_token *rgp_peek(const rgp *p, size_t k) {
    size_t i = p->pos + k;
    return &p->lx.toks[i < p->lx.n ? i : p->lx.n - 1];
}

void rgp_next(rgp *p) {
    if (p->pos + 1 < p->lx.n) p->pos++;
}

bool rgp_at(const rgp *p, rg_tok_kind k) { return rgp_cur(p)->kind == k; }

bool rgp_accept(rgp *p, rg_tok_kind k) {
    if (!rgp_at(p, k)) return false;
    rgp_next(p);
    return true;
}

static bool is_future_kw(rg_keyword kw) {
    return kw == RG_KW_IN || kw == RG_KW_EVERY || kw == RG_KW_CONTAINS || kw == RG_KW_IF;
}

/* v0 reserves only the classic keywords; the four future ones are plain
 * identifiers there unless imported from future.keywords. */
bool rgp_kw_active(const rgp *p, rg_keyword kw) {
    if (kw == RG_KW_NONE) return false;
    if (!is_future_kw(kw) || p->v1) return true;
    return (p->future & (1u << kw)) != 0;
}

bool rgp_kw(const rgp *p, const rg_token *t, rg_keyword kw) {
    return t->kind == RG_TK_IDENT && t->kw == kw && rgp_kw_active(p, kw);
}

bool rgp_at_kw(const rgp *p, rg_keyword kw) { return rgp_kw(p, rgp_cur(p), kw); }

bool rgp_is_var(const rgp *p, const rg_token *t) { return t->kind == RG_TK_IDENT && !rgp_kw_active(p, t->kw); }

static void add_diag(rgp *p, uint32_t line, uint32_t col, const char *fmt, va_list ap) {
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (p->errors < RGP_MAX_ERRORS)
        rg_diags_add(p->diags, "rego_parse_error", p->file, (int)line, (int)col, "%s", msg);
    p->errors++;
}

void rgp_error(rgp *p, const rg_token *t, const char *fmt, ...) {
    if (p->quiet) return;
    va_list ap;
    va_start(ap, fmt);
    add_diag(p, t->line, t->col, fmt, ap);
    va_end(ap);
    p->quiet = true;
}

void rgp_error_loc(rgp *p, rg_loc loc, const char *fmt, ...) {
    if (p->quiet) return;
    va_list ap;
    va_start(ap, fmt);
    add_diag(p, loc.line, loc.col, fmt, ap);
    va_end(ap);
    p->quiet = true;
}

void rgp_error_soft(rgp *p, rg_loc loc, const char *fmt, ...) {
    if (p->quiet) return;
    va_list ap;
    va_start(ap, fmt);
    add_diag(p, loc.line, loc.col, fmt, ap);
    va_end(ap);
}

void rgp_unexpected(rgp *p, const char *note) {
    const rg_token *t = rgp_cur(p);
    if (t->kind == RG_TK_ERROR) {
        /* the lexer already said what is wrong here */
        p->quiet = true;
        p->errors++;
        return;
    }
    char what[64];
    if (t->kind == RG_TK_IDENT && rgp_kw_active(p, t->kw))
        snprintf(what, sizeof what, "%s keyword", rg_keyword_text(t->kw));
    else
        snprintf(what, sizeof what, "%s token", rg_tok_kind_text(t->kind));
    if (note) rgp_error(p, t, "unexpected %s: %s", what, note);
    else rgp_error(p, t, "unexpected %s", what);
}

bool rgp_expect(rgp *p, rg_tok_kind k) {
    if (rgp_accept(p, k)) return true;
    char note[48];
    snprintf(note, sizeof note, "expected %s", rg_tok_kind_text(k));
    rgp_unexpected(p, note);
    return false;
}

rgp_mark rgp_save(const rgp *p) {
    rgp_mark m = {p->pos, p->diags->len, p->errors, p->quiet};
    return m;
}

bool rgp_can_backtrack(const rgp *p) { return p->backtracks < RGP_MAX_BACKTRACKS; }

void rgp_drop_diags(rgp *p, size_t n) {
    for (size_t i = n; i < p->diags->len; i++) {
        rg_diag *d = &p->diags->items[i];
        free(d->code);
        free(d->msg);
        free(d->file);
    }
    if (n < p->diags->len) p->diags->len = n;
}

void rgp_restore(rgp *p, const rgp_mark *m) {
    rgp_drop_diags(p, m->ndiags);
    p->pos = m->pos;
    p->errors = m->errors;
    p->quiet = m->quiet;
    p->backtracks++;
}

bool rgp_enter(rgp *p) {
    if (p->depth >= RGP_MAX_DEPTH) {
        rgp_error(p, rgp_cur(p), "nesting depth exceeds the maximum of %d", RGP_MAX_DEPTH);
        return false;
    }
    p->depth++;
    return true;
}

void rgp_leave(rgp *p) { p->depth--; }

rg_loc rgp_loc(const rgp *p, const rg_token *t) {
    rg_loc l = {p->file, t->line, t->col};
    return l;
}

rg_term *rgp_new_term(rgp *p, rg_term_kind k, rg_loc loc) {
    rg_term *t = rg_arena_calloc(p->a, sizeof *t);
    t->kind = k;
    t->loc = loc;
    return t;
}

rg_term *rgp_str_term(rgp *p, const char *s, size_t n, rg_loc loc) {
    rg_term *t = rgp_new_term(p, RG_TERM_SCALAR, loc);
    t->u.v = rg_string(p->a, s, n);
    return t;
}

const char *rgp_tok_text(rgp *p, const rg_token *t) { return rg_arena_strndup(p->a, p->src + t->off, t->len); }

rg_term *rgp_var_term(rgp *p, const rg_token *t) {
    rg_term *v = rgp_new_term(p, RG_TERM_VAR, rgp_loc(p, t));
    v->u.name = rgp_tok_text(p, t);
    return v;
}

rg_term *rgp_call2(rgp *p, const char *name, rg_term *a, rg_term *b, rg_loc loc) {
    rg_term *c = rgp_new_term(p, RG_TERM_CALL, loc);
    c->u.call.name = name;
    c->u.call.args = rg_arena_alloc(p->a, 2 * sizeof(rg_term *));
    c->u.call.args[0] = a;
    c->u.call.args[1] = b;
    c->u.call.n = 2;
    return c;
}

static int finish(rgp *p) {
    int rc = (p->errors || p->lex_failed) ? -1 : 0;
    rgp_fini(p);
    return rc;
}

int rg_parse_query(rg_arena *arena, const char *file, const char *src, size_t len, const rg_parse_options *opts,
                   rg_body *out, rg_diags *diags) {
    rgp p;
    rgp_init(&p, arena, file, src, len, opts, diags);
    memset(out, 0, sizeof *out);
    if (rgp_at(&p, RG_TK_EOF)) {
        rgp_error(&p, rgp_cur(&p), "empty query");
    } else if (rgp_query(&p, RG_TK_EOF, out) && !rgp_at(&p, RG_TK_EOF)) {
        rgp_unexpected(&p, NULL);
    }
    return finish(&p);
}

int rg_parse_term(rg_arena *arena, const char *file, const char *src, size_t len, const rg_parse_options *opts,
                  rg_term **out, rg_diags *diags) {
    rgp p;
    rgp_init(&p, arena, file, src, len, opts, diags);
    *out = rgp_expr(&p, RGP_PREC_IN);
    if (*out && !rgp_at(&p, RG_TK_EOF)) rgp_unexpected(&p, NULL);
    int rc = finish(&p);
    if (rc) *out = NULL;
    return rc;
}
