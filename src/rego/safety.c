/* Safety: every variable must be bound before it is used.  Bodies are
 * reordered, keeping the written order where possible (OPA does the same),
 * so `x > 1; x = input.y` runs as `x = input.y; x > 1`.  What cannot be
 * ordered is a rego_unsafe_var_error.
 *
 * For each expression we compute the variables it needs bound beforehand
 * (call arguments, reference heads, captured variables of nested bodies) and
 * those it binds (pattern positions of unification, reference iteration
 * variables, `some ... in` targets). */
#include <stdlib.h>
#include <string.h>

#include "rego/compile_internal.h"

typedef struct vset {
    uint64_t *bits;
    size_t words;
} vset;

static vset vs_new(int nslots) {
    vset v;
    v.words = (size_t)(nslots + 63) / 64 + 1;
    v.bits = rg_xcalloc(v.words, sizeof *v.bits);
    return v;
}
static void vs_free(vset *v) { free(v->bits); }
static void vs_add(vset *v, int i) {
    if (i >= 0 && (size_t)i / 64 < v->words) v->bits[i / 64] |= 1ull << (i % 64);
}
static bool vs_has(const vset *v, int i) { return i >= 0 && (size_t)i / 64 < v->words && (v->bits[i / 64] >> (i % 64)) & 1; }
static void vs_union(vset *d, const vset *s) {
    for (size_t i = 0; i < d->words && i < s->words; i++) d->bits[i] |= s->bits[i];
}
static bool vs_subset(const vset *a, const vset *b) {
    for (size_t i = 0; i < a->words; i++)
        if (a->bits[i] & ~(i < b->words ? b->bits[i] : 0)) return false;
    return true;
}
static int vs_first_missing(const vset *a, const vset *b) {
    for (size_t i = 0; i < a->words; i++) {
        uint64_t m = a->bits[i] & ~(i < b->words ? b->bits[i] : 0);
        if (m) return (int)(i * 64 + (size_t)__builtin_ctzll(m));
    }
    return -1;
}
static void vs_clear(vset *v) { memset(v->bits, 0, v->words * sizeof *v->bits); }

typedef struct facts {
    vset needs;    /* must be bound before */
    vset binds;    /* bound by evaluating (iteration vars, patterns) */
    vset pattern;  /* bare pattern variables (subset of binds) */
} facts;

static void collect(rg_cctx *c, const rg_term *t, facts *f, bool pattern);

static bool is_local_var(const rg_term *t) { return t->kind == RG_TERM_VAR && t->slot >= 0; }

static void collect_nested_body(rg_cctx *c, const rg_body *b, int lo, int hi, facts *f);

static void collect(rg_cctx *c, const rg_term *t, facts *f, bool pattern) {
    if (!t) return;
    switch (t->kind) {
    case RG_TERM_SCALAR: break;
    case RG_TERM_VAR:
        if (!is_local_var(t)) break;
        if (pattern) {
            vs_add(&f->binds, t->slot);
            vs_add(&f->pattern, t->slot);
        } else {
            vs_add(&f->needs, t->slot);
        }
        break;
    case RG_TERM_REF:
        collect(c, t->u.ref.head, f, false);
        for (size_t i = 0; i < t->u.ref.n; i++) {
            const rg_term *p = t->u.ref.path[i];
            if (is_local_var(p)) {
                vs_add(&f->binds, p->slot);
            } else {
                /* Pattern parts (`s[["a", x]]`) bind by iteration, like vars. */
                facts tmp = {vs_new(c->nslots), vs_new(c->nslots), vs_new(c->nslots)};
                collect(c, p, &tmp, true);
                vs_union(&f->needs, &tmp.needs);
                vs_union(&f->binds, &tmp.binds);
                vs_free(&tmp.needs), vs_free(&tmp.binds), vs_free(&tmp.pattern);
            }
        }
        break;
    case RG_TERM_ARRAY:
    case RG_TERM_SET:
        for (size_t i = 0; i < t->u.coll.n; i++) collect(c, t->u.coll.items[i], f, pattern && t->kind == RG_TERM_ARRAY);
        break;
    case RG_TERM_OBJECT:
        for (size_t i = 0; i < t->u.coll.n; i++) {
            collect(c, t->u.coll.items[2 * i], f, false);
            collect(c, t->u.coll.items[2 * i + 1], f, pattern);
        }
        break;
    case RG_TERM_ARRAY_COMPR:
    case RG_TERM_SET_COMPR:
    case RG_TERM_OBJECT_COMPR: {
        const int *range = t->resolved;
        facts inner = {vs_new(c->nslots), vs_new(c->nslots), vs_new(c->nslots)};
        collect_nested_body(c, &t->u.compr.body, range[0], range[1], &inner);
        collect(c, t->u.compr.head, &inner, false);
        collect(c, t->u.compr.key, &inner, false);
        /* Captured: variables used inside that belong to outer scopes. */
        vset all = vs_new(c->nslots);
        vs_union(&all, &inner.needs);
        vs_union(&all, &inner.binds);
        for (int s = 0; s < c->nslots; s++)
            if (vs_has(&all, s) && (s < range[0] || s >= range[1])) vs_add(&f->needs, s);
        vs_free(&all);
        vs_free(&inner.needs), vs_free(&inner.binds), vs_free(&inner.pattern);
        break;
    }
    case RG_TERM_CALL:
        for (size_t i = 0; i < t->u.call.n; i++) collect(c, t->u.call.args[i], f, false);
        break;
    }
}

static void collect_expr(rg_cctx *c, const rg_expr *e, facts *f);

static void collect_nested_body(rg_cctx *c, const rg_body *b, int lo, int hi, facts *f) {
    (void)lo, (void)hi;
    for (size_t i = 0; i < b->n; i++) collect_expr(c, b->exprs[i], f);
}

static void collect_expr(rg_cctx *c, const rg_expr *e, facts *f) {
    switch (e->kind) {
    case RG_EXPR_TERM: collect(c, e->lhs, f, false); break;
    case RG_EXPR_UNIFY:
    case RG_EXPR_ASSIGN:
        collect(c, e->lhs, f, true);
        collect(c, e->rhs, f, true);
        break;
    case RG_EXPR_SOME: break;
    case RG_EXPR_SOME_IN:
        collect(c, e->coll, f, false);
        collect(c, e->key, f, true);
        collect(c, e->value, f, true);
        break;
    case RG_EXPR_EVERY:
    case RG_EXPR_BODY: {
        collect(c, e->coll, f, false);
        facts inner = {vs_new(c->nslots), vs_new(c->nslots), vs_new(c->nslots)};
        collect_nested_body(c, &e->every_body, e->local_lo, e->local_hi, &inner);
        vset all = vs_new(c->nslots);
        vs_union(&all, &inner.needs);
        vs_union(&all, &inner.binds);
        for (int s = 0; s < c->nslots; s++)
            if (vs_has(&all, s) && (s < e->local_lo || s >= e->local_hi)) vs_add(&f->needs, s);
        vs_free(&all);
        vs_free(&inner.needs), vs_free(&inner.binds), vs_free(&inner.pattern);
        break;
    }
    }
    for (size_t w = 0; w < e->n_withs; w++)
        if (!e->withs[w].value->resolved) collect(c, e->withs[w].value, f, false);
}

/* Is e ready given bound?  Fills f. */
static bool expr_ready(rg_cctx *c, const rg_expr *e, const vset *bound, facts *f) {
    vs_clear(&f->needs), vs_clear(&f->binds), vs_clear(&f->pattern);
    if (e->kind == RG_EXPR_UNIFY || e->kind == RG_EXPR_ASSIGN) {
        facts l = {vs_new(c->nslots), vs_new(c->nslots), vs_new(c->nslots)};
        facts r = {vs_new(c->nslots), vs_new(c->nslots), vs_new(c->nslots)};
        collect(c, e->lhs, &l, true);
        collect(c, e->rhs, &r, true);
        bool needs_ok = vs_subset(&l.needs, bound) && vs_subset(&r.needs, bound);
        bool structural = e->lhs->kind == e->rhs->kind &&
                          (e->lhs->kind == RG_TERM_ARRAY || e->lhs->kind == RG_TERM_OBJECT);
        bool ok = needs_ok && (vs_subset(&l.pattern, bound) || vs_subset(&r.pattern, bound) || structural);
        vs_union(&f->needs, &l.needs), vs_union(&f->needs, &r.needs);
        vs_union(&f->binds, &l.binds), vs_union(&f->binds, &r.binds);
        vs_union(&f->pattern, &l.pattern), vs_union(&f->pattern, &r.pattern);
        vs_free(&l.needs), vs_free(&l.binds), vs_free(&l.pattern);
        vs_free(&r.needs), vs_free(&r.binds), vs_free(&r.pattern);
        if (e->negated) ok = ok && vs_subset(&f->pattern, bound);
        return ok;
    }
    collect_expr(c, e, f);
    vset avail = vs_new(c->nslots);
    vs_union(&avail, bound);
    /* x == input.xs[x]: the reference binds x before the comparison needs it. */
    if (e->kind == RG_EXPR_TERM && !e->negated) vs_union(&avail, &f->binds);
    bool ok = vs_subset(&f->needs, &avail);
    if (e->negated || e->kind == RG_EXPR_TERM) ok = ok && vs_subset(&f->pattern, &avail);
    vs_free(&avail);
    return ok;
}

static void report_unsafe(rg_cctx *c, const rg_expr *e, const vset *missing_from, const vset *bound) {
    vset all = vs_new(c->nslots);
    vs_union(&all, missing_from);
    for (int s = 0; s < c->nslots; s++) {
        if (!vs_has(&all, s) || vs_has(bound, s)) continue;
        const char *name = c->slot_names[s];
        if (name[0] == '_' && name[1] == 0) continue;
        rg_cerr(c, "rego_unsafe_var_error", e->loc, "var %s is unsafe", name);
        vs_free(&all);
        return;
    }
    rg_cerr(c, "rego_unsafe_var_error", e->loc, "expression is unsafe");
    vs_free(&all);
}

static void order_body(rg_cctx *c, rg_body *b, vset *bound);

static void order_nested_term(rg_cctx *c, rg_term *t, const vset *bound);

static void order_nested_in_expr(rg_cctx *c, rg_expr *e, const vset *bound) {
    order_nested_term(c, e->lhs, bound);
    order_nested_term(c, e->rhs, bound);
    order_nested_term(c, e->coll, bound);
    for (size_t w = 0; w < e->n_withs; w++) order_nested_term(c, e->withs[w].value, bound);
    if (e->kind == RG_EXPR_EVERY || e->kind == RG_EXPR_BODY) {
        vset inner = vs_new(c->nslots);
        vs_union(&inner, bound);
        facts f = {vs_new(c->nslots), vs_new(c->nslots), vs_new(c->nslots)};
        collect(c, e->key, &f, true);
        collect(c, e->value, &f, true);
        vs_union(&inner, &f.binds);
        vs_free(&f.needs), vs_free(&f.binds), vs_free(&f.pattern);
        order_body(c, &e->every_body, &inner);
        vs_free(&inner);
    }
}

static void order_nested_term(rg_cctx *c, rg_term *t, const vset *bound) {
    if (!t) return;
    switch (t->kind) {
    case RG_TERM_REF:
        order_nested_term(c, t->u.ref.head, bound);
        for (size_t i = 0; i < t->u.ref.n; i++) order_nested_term(c, t->u.ref.path[i], bound);
        break;
    case RG_TERM_ARRAY:
    case RG_TERM_SET:
        for (size_t i = 0; i < t->u.coll.n; i++) order_nested_term(c, t->u.coll.items[i], bound);
        break;
    case RG_TERM_OBJECT:
        for (size_t i = 0; i < 2 * t->u.coll.n; i++) order_nested_term(c, t->u.coll.items[i], bound);
        break;
    case RG_TERM_CALL:
        for (size_t i = 0; i < t->u.call.n; i++) order_nested_term(c, t->u.call.args[i], bound);
        break;
    case RG_TERM_ARRAY_COMPR:
    case RG_TERM_SET_COMPR:
    case RG_TERM_OBJECT_COMPR: {
        vset inner = vs_new(c->nslots);
        vs_union(&inner, bound);
        order_body(c, &t->u.compr.body, &inner);
        facts f = {vs_new(c->nslots), vs_new(c->nslots), vs_new(c->nslots)};
        collect(c, t->u.compr.head, &f, false);
        collect(c, t->u.compr.key, &f, false);
        vs_union(&f.needs, &f.pattern);
        if (!vs_subset(&f.needs, &inner)) {
            int s = vs_first_missing(&f.needs, &inner);
            rg_cerr(c, "rego_unsafe_var_error", t->loc, "var %s is unsafe", s >= 0 ? c->slot_names[s] : "?");
        }
        vs_free(&f.needs), vs_free(&f.binds), vs_free(&f.pattern);
        vs_free(&inner);
        break;
    }
    default: break;
    }
}

/* Greedy reorder; on return bound holds what the body binds. */
static void order_body(rg_cctx *c, rg_body *b, vset *bound) {
    size_t n = b->n;
    if (!n) return;
    rg_expr **out = rg_arena_alloc(c->arena, n * sizeof *out);
    bool *placed = rg_xcalloc(n, sizeof *placed);
    facts f = {vs_new(c->nslots), vs_new(c->nslots), vs_new(c->nslots)};
    size_t k = 0;
    while (k < n) {
        size_t pick = n;
        for (size_t i = 0; i < n && pick == n; i++)
            if (!placed[i] && expr_ready(c, b->exprs[i], bound, &f)) pick = i;
        if (pick == n) {
            for (size_t i = 0; i < n; i++) {
                if (placed[i]) continue;
                expr_ready(c, b->exprs[i], bound, &f);
                vs_union(&f.needs, &f.pattern);
                report_unsafe(c, b->exprs[i], &f.needs, bound);
                break;
            }
            /* Keep going in written order so nested bodies are still checked. */
            for (size_t i = 0; i < n; i++)
                if (!placed[i]) out[k++] = b->exprs[i], placed[i] = true;
            break;
        }
        placed[pick] = true;
        out[k++] = b->exprs[pick];
        order_nested_in_expr(c, b->exprs[pick], bound);
        if (!b->exprs[pick]->negated) vs_union(bound, &f.binds);
    }
    memcpy(b->exprs, out, n * sizeof *out);
    free(placed);
    vs_free(&f.needs), vs_free(&f.binds), vs_free(&f.pattern);
}

/* Head terms are evaluated after the body; variables that a reference in the
 * head iterates over (`p := xs[_]`) bind there, as OPA moves such references
 * into the body. */
static void check_head_term(rg_cctx *c, const rg_term *t, const vset *bound, rg_loc loc) {
    if (!t) return;
    facts f = {vs_new(c->nslots), vs_new(c->nslots), vs_new(c->nslots)};
    collect(c, t, &f, false);
    vs_union(&f.needs, &f.pattern);
    for (int s = 0; s < c->nslots; s++) {
        if (vs_has(&f.needs, s) && !vs_has(bound, s)) {
            rg_cerr(c, "rego_unsafe_var_error", loc, "var %s is unsafe", c->slot_names[s]);
            break;
        }
    }
    vs_free(&f.needs), vs_free(&f.binds), vs_free(&f.pattern);
}

void rg_safety_rule(rg_cctx *c, rg_crule *r) {
    vset args = vs_new(c->nslots);
    rg_rule_head *h = &r->ast->head;
    facts f = {vs_new(c->nslots), vs_new(c->nslots), vs_new(c->nslots)};
    for (size_t i = 0; i < h->n_args; i++) collect(c, h->args[i], &f, true);
    vs_union(&args, &f.binds);
    vs_union(&args, &f.needs); /* arguments are patterns, bound on call */
    vs_free(&f.needs), vs_free(&f.binds), vs_free(&f.pattern);
    for (rg_rule *rule = r->ast; rule; rule = rule->else_) {
        vset bound = vs_new(c->nslots);
        vs_union(&bound, &args);
        order_body(c, &rule->body, &bound);
        rg_loc loc = rule->head.value ? rule->head.value->loc : rule->loc;
        check_head_term(c, rule->head.value, &bound, loc);
        if (rule == r->ast) {
            check_head_term(c, h->key, &bound, h->key ? h->key->loc : rule->loc);
            for (size_t i = 0; i < r->n_tail; i++) check_head_term(c, r->tail[i], &bound, r->tail[i]->loc);
            order_nested_term(c, h->value, &bound);
            order_nested_term(c, h->key, &bound);
        } else {
            order_nested_term(c, rule->head.value, &bound);
        }
        vs_free(&bound);
    }
    vs_free(&args);
}

void rg_safety_query(rg_cctx *c, rg_body *b) {
    vset bound = vs_new(c->nslots);
    order_body(c, b, &bound);
    vs_free(&bound);
}
