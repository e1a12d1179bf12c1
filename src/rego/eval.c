/* The evaluator's core: bodies, expressions, unification, terms and calls.
 * See eval_internal.h for the evaluation model. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "rego/eval_internal.h"

int ev_error(ev *e, const char *code, rg_loc loc, const char *fmt, ...) {
    if (!e->failed) {
        rg_buf b = RG_BUF_INIT;
        va_list ap;
        va_start(ap, fmt);
        rg_buf_vprintf(&b, fmt, ap);
        va_end(ap);
        rg_diags_add(e->diags, code, loc.file, (int)loc.line, (int)loc.col, "%s", rg_buf_cstr(&b));
        rg_buf_fini(&b);
        e->failed = true;
    }
    return -1;
}

void ev_bind(ev *e, rg_value *slot, rg_value v) {
    if (e->trail_len == e->trail_cap) {
        e->trail_cap = e->trail_cap ? e->trail_cap * 2 : 64;
        e->trail = rg_xrealloc(e->trail, e->trail_cap * sizeof *e->trail);
    }
    *slot = v;
    e->trail[e->trail_len++] = slot;
}

void ev_undo(ev *e, size_t mark) {
    while (e->trail_len > mark) *e->trail[--e->trail_len] = rg_undefined();
}

int ev_halt_token(ev *e) { return ++e->next_halt; }

typedef struct halt_k {
    K base;
    int token;
} halt_k;

static int halt_fn(ev *e, K *k) {
    (void)e;
    return ((halt_k *)k)->token;
}

/* ---- bodies ---- */

typedef struct body_k {
    K base;
    rg_value *fr;
    const rg_body *b;
    size_t i;
    K *k;
} body_k;

static int ev_expr(ev *e, rg_value *fr, const rg_expr *x, K *k);

static int body_next(ev *e, K *k) {
    body_k *bk = (body_k *)k;
    return ev_body(e, bk->fr, bk->b, bk->i, bk->k);
}

int ev_body(ev *e, rg_value *fr, const rg_body *b, size_t i, K *k) {
    if (i >= b->n) return k->fn(e, k);
    body_k next = {{body_next}, fr, b, i + 1, k};
    return ev_expr(e, fr, b->exprs[i], &next.base);
}

/* ---- expressions ---- */

typedef struct truthy_k {
    VK base;
    K *k;
    rg_value *record; /* top-level query expression: remember its value */
} truthy_k;

static int truthy_fn(ev *e, VK *vk, rg_value v) {
    truthy_k *t = (truthy_k *)vk;
    if (rg_is_false(v)) return 0;
    if (t->record) *t->record = v;
    return t->k->fn(e, t->k);
}

static rg_value *record_slot(ev *e, const rg_expr *x) {
    if (!e->query) return NULL;
    for (size_t i = 0; i < e->query->body.n; i++)
        if (e->query->written[i] == x) return &e->expr_vals[i];
    return NULL;
}

static int unify(ev *e, rg_value *fr, const rg_term *a, const rg_term *b, K *k);

typedef struct somein_k {
    VK base;
    rg_value *fr;
    const rg_expr *x;
    K *k;
} somein_k;

static int bind_kv(ev *e, rg_value *fr, const rg_term *kt, rg_value key, const rg_term *vt, rg_value val, K *k);

static int somein_fn(ev *e, VK *vk, rg_value coll) {
    somein_k *s = (somein_k *)vk;
    int r = 0;
    switch ((rg_kind)coll.kind) {
    case RG_ARRAY:
        for (size_t i = 0; i < coll.len && !r; i++)
            r = bind_kv(e, s->fr, s->x->key, rg_int((int64_t)i), s->x->value, coll.u.items[i], s->k);
        break;
    case RG_SET:
        for (size_t i = 0; i < coll.len && !r; i++)
            r = bind_kv(e, s->fr, s->x->key, coll.u.items[i], s->x->value, coll.u.items[i], s->k);
        break;
    case RG_OBJECT:
        for (size_t i = 0; i < coll.len && !r; i++)
            r = bind_kv(e, s->fr, s->x->key, coll.u.items[2 * i], s->x->value, coll.u.items[2 * i + 1], s->k);
        break;
    default: break;
    }
    return r;
}

typedef struct kv_k {
    K base;
    rg_value *fr;
    const rg_term *vt;
    rg_value val;
    K *k;
} kv_k;

static int kv_fn(ev *e, K *k) {
    kv_k *s = (kv_k *)k;
    return ev_unify_tv(e, s->fr, s->vt, s->val, s->k);
}

static int bind_kv(ev *e, rg_value *fr, const rg_term *kt, rg_value key, const rg_term *vt, rg_value val, K *k) {
    if (!kt) return ev_unify_tv(e, fr, vt, val, k);
    kv_k next = {{kv_fn}, fr, vt, val, k};
    return ev_unify_tv(e, fr, kt, key, &next.base);
}

typedef struct every_k {
    VK base;
    rg_value *fr;
    const rg_expr *x;
    K *k;
    int held, failed; /* halt tokens: body held / failed for an element */
} every_k;

typedef struct every_elem_k {
    K base;
    every_k *outer;
} every_elem_k;

static int every_elem_fn(ev *e, K *k) {
    every_elem_k *s = (every_elem_k *)k;
    halt_k h = {{halt_fn}, s->outer->held};
    int r = ev_body(e, s->outer->fr, &s->outer->x->every_body, 0, &h.base);
    return r ? r : s->outer->failed;
}

static int every_fn(ev *e, VK *vk, rg_value coll) {
    every_k *s = (every_k *)vk;
    if (coll.kind != RG_OBJECT && coll.kind != RG_ARRAY && coll.kind != RG_SET) return 0;
    size_t n = coll.len;
    s->held = ev_halt_token(e);
    s->failed = ev_halt_token(e);
    for (size_t i = 0; i < n; i++) {
        rg_value key, val;
        if (coll.kind == RG_ARRAY) key = rg_int((int64_t)i), val = coll.u.items[i];
        else if (coll.kind == RG_SET) key = val = coll.u.items[i];
        else key = coll.u.items[2 * i], val = coll.u.items[2 * i + 1];
        size_t mark = e->trail_len;
        every_elem_k ek = {{every_elem_fn}, s};
        int r = bind_kv(e, s->fr, s->x->key, key, s->x->value, val, &ek.base);
        ev_undo(e, mark);
        if (r == s->held || r == 0) continue; /* held, or the element is outside the pattern */
        if (r == s->failed) return 0;
        return r;
    }
    return s->k->fn(e, s->k);
}

/* ---- with ---- */

typedef struct with_k {
    K base;
    ev_state outer, inner;
    K *k;
} with_k;

static int with_restore_fn(ev *e, K *k) {
    with_k *w = (with_k *)k;
    e->st = w->outer;
    int r = w->k->fn(e, w->k);
    e->st = w->inner;
    return r;
}

typedef struct first_k {
    VK base;
    rg_value v;
    int token;
} first_k;

static int first_fn(ev *e, VK *vk, rg_value v) {
    (void)e;
    first_k *f = (first_k *)vk;
    f->v = v;
    return f->token;
}

/* Evaluates t and returns its first value (RG_UNDEFINED if none). */
static int first_value(ev *e, rg_value *fr, const rg_term *t, rg_value *out) {
    first_k f = {{first_fn}, rg_undefined(), ev_halt_token(e)};
    size_t mark = e->trail_len;
    int r = ev_term(e, fr, t, &f.base);
    ev_undo(e, mark);
    if (r < 0) return r;
    if (r != 0 && r != f.token) return r;
    *out = f.v;
    return 0;
}

static rg_value patch_value(ev *e, rg_value base, const rg_value *path, size_t n, rg_value v) {
    if (n == 0) return v;
    rg_value obj = base.kind == RG_OBJECT ? base : rg_empty_object();
    rg_value child = rg_object_get(obj, path[0]);
    return rg_object_put(e->a, obj, path[0], patch_value(e, child, path + 1, n - 1, v));
}

/* Collects the static keys of a with target path. */
static int target_path(ev *e, rg_value *fr, const rg_term *t, rg_vec *out) {
    if (t->kind != RG_TERM_REF) return 0;
    for (size_t i = 0; i < t->u.ref.n; i++) {
        rg_value v;
        int r = first_value(e, fr, t->u.ref.path[i], &v);
        if (r) return r;
        if (rg_is_undef(v)) return ev_error(e, "eval_type_error", t->loc, "with target path is undefined");
        rg_vec_push(out, v);
    }
    return 0;
}

static void push_mock(ev *e, mock m) {
    if (e->st.n_mocks == e->cap_mocks) {
        e->cap_mocks = e->cap_mocks ? e->cap_mocks * 2 : 4;
        e->mocks = rg_xrealloc(e->mocks, e->cap_mocks * sizeof *e->mocks);
    }
    e->mocks[e->st.n_mocks++] = m;
}

static void push_override(ev *e, data_override o) {
    if (e->st.n_over == e->cap_over) {
        e->cap_over = e->cap_over ? e->cap_over * 2 : 4;
        e->over = rg_xrealloc(e->over, e->cap_over * sizeof *e->over);
    }
    e->over[e->st.n_over++] = o;
}

static void fresh_cache(ev *e) {
    e->st.cache = rg_arena_calloc(e->a, (e->p->n_nodes ? e->p->n_nodes : 1) * sizeof *e->st.cache);
    e->st.cache_state = rg_arena_calloc(e->a, e->p->n_nodes ? e->p->n_nodes : 1);
}

static int apply_withs(ev *e, rg_value *fr, const rg_expr *x) {
    for (size_t i = 0; i < x->n_withs; i++) {
        const rg_with *w = &x->withs[i];
        const rg_term *t = w->target;
        rg_value v = rg_undefined();
        const rg_call_target *replace =
            w->value->kind == RG_TERM_VAR || w->value->kind == RG_TERM_REF ? w->value->resolved : NULL;
        if (!replace) {
            int r = first_value(e, fr, w->value, &v);
            if (r) return r;
            if (rg_is_undef(v)) return 1; /* undefined replacement: expression undefined */
        }
        if (t->resolved) {
            const rg_call_target *ct = t->resolved;
            push_mock(e, (mock){ct->builtin ? (const void *)ct->builtin : (const void *)ct->node, replace, v, false});
            continue;
        }
        if (replace) return ev_error(e, "rego_compile_error", w->loc, "with: cannot replace a document with a function");
        const rg_term *head = t->kind == RG_TERM_REF ? t->u.ref.head : t;
        rg_vec path = RG_VEC_INIT;
        int r = target_path(e, fr, t, &path);
        if (r) {
            rg_vec_fini(&path);
            return r;
        }
        if (head->slot == RG_SLOT_INPUT) {
            e->st.input = patch_value(e, rg_is_undef(e->st.input) ? rg_empty_object() : e->st.input, path.items,
                                      path.len, v);
            if (path.len == 0) e->st.input = v;
        } else {
            push_override(e, (data_override){rg_vec_to_array(e->a, &path), v});
        }
        rg_vec_fini(&path);
    }
    fresh_cache(e);
    return 0;
}

static int ev_expr_plain(ev *e, rg_value *fr, const rg_expr *x, K *k) {
    switch (x->kind) {
    case RG_EXPR_TERM: {
        truthy_k t = {{truthy_fn}, k, record_slot(e, x)};
        return ev_term(e, fr, x->lhs, &t.base);
    }
    case RG_EXPR_UNIFY:
    case RG_EXPR_ASSIGN: return unify(e, fr, x->lhs, x->rhs, k);
    case RG_EXPR_SOME: return k->fn(e, k);
    case RG_EXPR_SOME_IN: {
        somein_k s = {{somein_fn}, fr, x, k};
        return ev_term(e, fr, x->coll, &s.base);
    }
    case RG_EXPR_BODY: return ev_body(e, fr, &x->every_body, 0, k);
    case RG_EXPR_EVERY: {
        every_k s = {{every_fn}, fr, x, k, 0, 0};
        return ev_term(e, fr, x->coll, &s.base);
    }
    }
    return 0;
}

static int ev_expr_neg(ev *e, rg_value *fr, const rg_expr *x, K *k) {
    if (!x->negated) return ev_expr_plain(e, fr, x, k);
    int token = ev_halt_token(e);
    halt_k h = {{halt_fn}, token};
    size_t mark = e->trail_len;
    int r = ev_expr_plain(e, fr, x, &h.base);
    ev_undo(e, mark);
    if (r == token) return 0;
    if (r) return r;
    return k->fn(e, k);
}

static int ev_expr(ev *e, rg_value *fr, const rg_expr *x, K *k) {
    if (ev_stack_exhausted(e)) return ev_error(e, "eval_error", x->loc, "evaluation nested too deeply");
    if (e->on_expr) e->on_expr(e->on_expr_ud, &x->loc);
    if (!x->n_withs) return ev_expr_neg(e, fr, x, k);
    with_k w;
    w.outer = e->st;
    int r = apply_withs(e, fr, x);
    if (r) {
        e->st = w.outer;
        return r > 0 ? 0 : r;
    }
    w.inner = e->st;
    w.base.fn = with_restore_fn;
    w.k = k;
    r = ev_expr_neg(e, fr, x, &w.base);
    e->st = w.outer;
    return r;
}

/* ---- unification ---- */

static bool evaluable(const rg_value *fr, const rg_term *t) {
    switch (t->kind) {
    case RG_TERM_VAR: return t->slot < 0 || !rg_is_undef(fr[t->slot]);
    case RG_TERM_REF:
        if (t->u.ref.head->kind == RG_TERM_VAR) return evaluable(fr, t->u.ref.head);
        return true;
    case RG_TERM_ARRAY:
    case RG_TERM_SET:
        for (size_t i = 0; i < t->u.coll.n; i++)
            if (!evaluable(fr, t->u.coll.items[i])) return false;
        return true;
    case RG_TERM_OBJECT:
        for (size_t i = 0; i < 2 * t->u.coll.n; i++)
            if (!evaluable(fr, t->u.coll.items[i])) return false;
        return true;
    default: return true;
    }
}

typedef struct unify_v_k {
    VK base;
    rg_value *fr;
    const rg_term *other;
    K *k;
} unify_v_k;

static int unify_v_fn(ev *e, VK *vk, rg_value v) {
    unify_v_k *u = (unify_v_k *)vk;
    return ev_unify_tv(e, u->fr, u->other, v, u->k);
}

typedef struct pairs_k {
    K base;
    rg_value *fr;
    rg_term *const *a, *const *b;
    size_t i, n, stride;
    K *k;
} pairs_k;

static int pairs_fn(ev *e, K *k) {
    pairs_k *p = (pairs_k *)k;
    if (p->i >= p->n) return p->k->fn(e, p->k);
    pairs_k next = *p;
    next.i++;
    size_t ix = p->i * p->stride + (p->stride - 1);
    return unify(e, p->fr, p->a[ix], p->b[ix], &next.base);
}

static int unify(ev *e, rg_value *fr, const rg_term *a, const rg_term *b, K *k) {
    bool ea = evaluable(fr, a), eb = evaluable(fr, b);
    /* Evaluate one side and match the other against each value; a bound
     * variable is the cheaper side to match. */
    if (ea && (!eb || a->kind != RG_TERM_VAR || b->kind == RG_TERM_VAR)) {
        unify_v_k u = {{unify_v_fn}, fr, b, k};
        return ev_term(e, fr, a, &u.base);
    }
    if (eb) {
        unify_v_k u = {{unify_v_fn}, fr, a, k};
        return ev_term(e, fr, b, &u.base);
    }
    if (a->kind == RG_TERM_ARRAY && b->kind == RG_TERM_ARRAY) {
        if (a->u.coll.n != b->u.coll.n) return 0;
        pairs_k p = {{pairs_fn}, fr, a->u.coll.items, b->u.coll.items, 0, a->u.coll.n, 1, k};
        return pairs_fn(e, &p.base);
    }
    if (a->kind == RG_TERM_OBJECT && b->kind == RG_TERM_OBJECT) {
        /* Keys must be ground; match them pairwise by value. */
        if (a->u.coll.n != b->u.coll.n) return 0;
        size_t n = a->u.coll.n;
        rg_term **bb = rg_xmalloc((n ? n : 1) * 2 * sizeof *bb);
        for (size_t i = 0; i < n; i++) {
            rg_value ka;
            int r = first_value(e, fr, a->u.coll.items[2 * i], &ka);
            bool found = false;
            for (size_t j = 0; !r && j < n && !found; j++) {
                rg_value kb;
                r = first_value(e, fr, b->u.coll.items[2 * j], &kb);
                if (!r && rg_value_equal(ka, kb)) {
                    bb[2 * i] = b->u.coll.items[2 * j];
                    bb[2 * i + 1] = b->u.coll.items[2 * j + 1];
                    found = true;
                }
            }
            if (r || !found) {
                free(bb);
                return r;
            }
        }
        pairs_k p = {{pairs_fn}, fr, a->u.coll.items, (rg_term *const *)bb, 0, n, 2, k};
        int r = pairs_fn(e, &p.base);
        free(bb);
        return r;
    }
    const rg_term *unbound = !evaluable(fr, a) ? a : b;
    if (unbound->kind == RG_TERM_VAR && unbound->slot >= 0)
        return ev_error(e, "rego_unsafe_var_error", unbound->loc, "var %s is unsafe", unbound->u.name);
    return ev_error(e, "rego_unsafe_var_error", a->loc, "expression is unsafe");
}

typedef struct elem_k {
    K base;
    rg_value *fr;
    const rg_term *t;
    rg_value v;
    size_t i;
    K *k;
} elem_k;

static int array_elems_fn(ev *e, K *k) {
    elem_k *s = (elem_k *)k;
    if (s->i >= s->t->u.coll.n) return s->k->fn(e, s->k);
    elem_k next = *s;
    next.i++;
    return ev_unify_tv(e, s->fr, s->t->u.coll.items[s->i], s->v.u.items[s->i], &next.base);
}

typedef struct objkey_k {
    VK base;
    rg_value *fr;
    const rg_term *t;
    rg_value v;
    size_t i;
    K *k;
} objkey_k;

static int object_elems_fn(ev *e, K *k);

static int objkey_fn(ev *e, VK *vk, rg_value key) {
    objkey_k *s = (objkey_k *)vk;
    rg_value val = rg_object_get(s->v, key);
    if (rg_is_undef(val)) return 0;
    elem_k next = {{object_elems_fn}, s->fr, s->t, s->v, s->i + 1, s->k};
    return ev_unify_tv(e, s->fr, s->t->u.coll.items[2 * s->i + 1], val, &next.base);
}

static int object_elems_fn(ev *e, K *k) {
    elem_k *s = (elem_k *)k;
    if (s->i >= s->t->u.coll.n) return s->k->fn(e, s->k);
    objkey_k ok = {{objkey_fn}, s->fr, s->t, s->v, s->i, s->k};
    return ev_term(e, s->fr, s->t->u.coll.items[2 * s->i], &ok.base);
}

typedef struct eq_k {
    VK base;
    rg_value v;
    K *k;
} eq_k;

static int eq_fn(ev *e, VK *vk, rg_value v) {
    eq_k *s = (eq_k *)vk;
    if (!rg_value_equal(v, s->v)) return 0;
    return s->k->fn(e, s->k);
}

int ev_unify_tv(ev *e, rg_value *fr, const rg_term *t, rg_value v, K *k) {
    switch (t->kind) {
    case RG_TERM_VAR:
        if (t->slot >= 0) {
            rg_value cur = fr[t->slot];
            if (!rg_is_undef(cur)) return rg_value_equal(cur, v) ? k->fn(e, k) : 0;
            size_t mark = e->trail_len;
            ev_bind(e, &fr[t->slot], v);
            int r = k->fn(e, k);
            ev_undo(e, mark);
            return r;
        }
        break;
    case RG_TERM_SCALAR: return rg_value_equal(t->u.v, v) ? k->fn(e, k) : 0;
    case RG_TERM_ARRAY:
        if (evaluable(fr, t)) break;
        if (v.kind != RG_ARRAY || v.len != t->u.coll.n) return 0;
        {
            elem_k s = {{array_elems_fn}, fr, t, v, 0, k};
            return array_elems_fn(e, &s.base);
        }
    case RG_TERM_OBJECT:
        if (evaluable(fr, t)) break;
        if (v.kind != RG_OBJECT || v.len != t->u.coll.n) return 0;
        {
            elem_k s = {{object_elems_fn}, fr, t, v, 0, k};
            return object_elems_fn(e, &s.base);
        }
    default: break;
    }
    eq_k q = {{eq_fn}, v, k};
    return ev_term(e, fr, t, &q.base);
}

/* ---- references over plain values ---- */

static rg_value lookup(rg_value v, rg_value key) {
    switch ((rg_kind)v.kind) {
    case RG_ARRAY: {
        int64_t i;
        if (key.kind != RG_NUMBER || !rg_num_to_int64(key, &i) || i < 0 || (uint64_t)i >= v.len) return rg_undefined();
        return v.u.items[i];
    }
    case RG_OBJECT: return rg_object_get(v, key);
    case RG_SET: return rg_set_contains(v, key) ? key : rg_undefined();
    default: return rg_undefined();
    }
}

typedef struct index_k {
    VK base;
    rg_value *fr;
    const rg_term *ref;
    size_t i;
    rg_value v;
    VK *k;
} index_k;

static int index_key_fn(ev *e, VK *vk, rg_value key) {
    index_k *s = (index_k *)vk;
    rg_value child = lookup(s->v, key);
    if (rg_is_undef(child)) return 0;
    return ev_index(e, s->fr, s->ref, s->i + 1, child, s->k);
}

typedef struct index_pat_k {
    K base;
    rg_value *fr;
    const rg_term *ref;
    size_t i;
    rg_value child;
    VK *k;
} index_pat_k;

static int index_pat_fn(ev *e, K *k) {
    index_pat_k *s = (index_pat_k *)k;
    return ev_index(e, s->fr, s->ref, s->i + 1, s->child, s->k);
}

int ev_index(ev *e, rg_value *fr, const rg_term *ref, size_t i, rg_value v, VK *k) {
    if (i >= ref->u.ref.n) return k->fn(e, k, v);
    const rg_term *part = ref->u.ref.path[i];
    if (part->kind == RG_TERM_SCALAR) {
        rg_value child = lookup(v, part->u.v);
        return rg_is_undef(child) ? 0 : ev_index(e, fr, ref, i + 1, child, k);
    }
    if (evaluable(fr, part)) {
        index_k s = {{index_key_fn}, fr, ref, i, v, k};
        return ev_term(e, fr, part, &s.base);
    }
    /* Iterate: bind the part (a variable or pattern) to each key. */
    size_t n = v.kind == RG_ARRAY || v.kind == RG_SET || v.kind == RG_OBJECT ? v.len : 0;
    for (size_t j = 0; j < n; j++) {
        rg_value key, child;
        if (v.kind == RG_ARRAY) key = rg_int((int64_t)j), child = v.u.items[j];
        else if (v.kind == RG_SET) key = child = v.u.items[j];
        else key = v.u.items[2 * j], child = v.u.items[2 * j + 1];
        index_pat_k s = {{index_pat_fn}, fr, ref, i, child, k};
        int r = ev_unify_tv(e, fr, part, key, &s.base);
        if (r) return r;
    }
    return 0;
}

typedef struct head_k {
    VK base;
    rg_value *fr;
    const rg_term *ref;
    VK *k;
} head_k;

static int head_fn(ev *e, VK *vk, rg_value v) {
    head_k *s = (head_k *)vk;
    return ev_index(e, s->fr, s->ref, 0, v, s->k);
}

static int ev_ref(ev *e, rg_value *fr, const rg_term *t, VK *k) {
    const rg_term *h = t->u.ref.head;
    if (h->kind == RG_TERM_VAR) {
        if (h->slot == RG_SLOT_DATA) return ev_data_ref(e, fr, t, k);
        if (h->slot == RG_SLOT_INPUT) return rg_is_undef(e->st.input) ? 0 : ev_index(e, fr, t, 0, e->st.input, k);
        if (h->slot >= 0) {
            rg_value v = fr[h->slot];
            if (rg_is_undef(v)) return ev_error(e, "rego_unsafe_var_error", h->loc, "var %s is unsafe", h->u.name);
            return ev_index(e, fr, t, 0, v, k);
        }
    }
    head_k s = {{head_fn}, fr, t, k};
    return ev_term(e, fr, h, &s.base);
}

/* ---- composite literals ---- */

typedef struct coll_k {
    VK base;
    rg_value *fr;
    const rg_term *t;
    rg_value *vals;
    size_t i, n;
    VK *k;
} coll_k;

static int coll_next(ev *e, coll_k *s);

static int coll_fn(ev *e, VK *vk, rg_value v) {
    coll_k *s = (coll_k *)vk;
    s->vals[s->i] = v;
    coll_k next = *s;
    next.i++;
    return coll_next(e, &next);
}

static int coll_next(ev *e, coll_k *s) {
    if (s->i >= s->n) {
        rg_value out;
        if (s->t->kind == RG_TERM_ARRAY) out = rg_array(e->a, s->vals, s->n);
        else if (s->t->kind == RG_TERM_SET) out = rg_set(e->a, s->vals, s->n);
        else out = rg_object(e->a, s->vals, s->n / 2);
        return s->k->fn(e, s->k, out);
    }
    return ev_term(e, s->fr, s->t->u.coll.items[s->i], &s->base);
}

static int ev_collection(ev *e, rg_value *fr, const rg_term *t, VK *k) {
    size_t n = t->kind == RG_TERM_OBJECT ? 2 * t->u.coll.n : t->u.coll.n;
    if (n == 0) {
        rg_value v = t->kind == RG_TERM_ARRAY ? rg_empty_array()
                     : t->kind == RG_TERM_SET ? rg_empty_set()
                                              : rg_empty_object();
        return k->fn(e, k, v);
    }
    rg_value *vals = rg_xmalloc(n * sizeof *vals);
    coll_k s = {{coll_fn}, fr, t, vals, 0, n, k};
    int r = coll_next(e, &s);
    free(vals);
    return r;
}

/* ---- comprehensions ---- */

typedef struct compr_k {
    K base;
    rg_value *fr;
    const rg_term *t;
    rg_vec out;
} compr_k;

typedef struct compr_head_k {
    VK base;
    compr_k *c;
    rg_value key;
    bool have_key;
} compr_head_k;

static int compr_val_fn(ev *e, VK *vk, rg_value v) {
    compr_head_k *h = (compr_head_k *)vk;
    if (h->have_key) {
        /* Object comprehension: a key seen with another value is a conflict. */
        rg_vec *o = &h->c->out;
        for (size_t i = 0; i < o->len; i += 2) {
            if (rg_value_equal(o->items[i], h->key)) {
                if (rg_value_equal(o->items[i + 1], v)) return 0;
                return ev_error(e, "eval_conflict_error", h->c->t->loc, "object keys must be unique");
            }
        }
        rg_vec_push(o, h->key);
    }
    rg_vec_push(&h->c->out, v);
    return 0;
}

static int compr_key_fn(ev *e, VK *vk, rg_value key) {
    compr_head_k *h = (compr_head_k *)vk;
    compr_head_k vh = {{compr_val_fn}, h->c, key, true};
    return ev_term(e, h->c->fr, h->c->t->u.compr.head, &vh.base);
}

static int compr_body_done(ev *e, K *k) {
    compr_k *c = (compr_k *)k;
    if (c->t->kind == RG_TERM_OBJECT_COMPR) {
        compr_head_k h = {{compr_key_fn}, c, rg_undefined(), false};
        return ev_term(e, c->fr, c->t->u.compr.key, &h.base);
    }
    compr_head_k h = {{compr_val_fn}, c, rg_undefined(), false};
    return ev_term(e, c->fr, c->t->u.compr.head, &h.base);
}

static int ev_compr(ev *e, rg_value *fr, const rg_term *t, VK *k) {
    compr_k c = {{compr_body_done}, fr, t, RG_VEC_INIT};
    size_t mark = e->trail_len;
    int r = ev_body(e, fr, &t->u.compr.body, 0, &c.base);
    ev_undo(e, mark);
    if (r) {
        rg_vec_fini(&c.out);
        return r;
    }
    rg_value v;
    if (t->kind == RG_TERM_ARRAY_COMPR) v = rg_vec_to_array(e->a, &c.out);
    else if (t->kind == RG_TERM_SET_COMPR) v = rg_vec_to_set(e->a, &c.out);
    else v = rg_vec_to_object(e->a, &c.out);
    rg_vec_fini(&c.out);
    return k->fn(e, k, v);
}

/* ---- calls ---- */

typedef struct args_k {
    VK base;
    rg_value *fr;
    const rg_term *t;
    rg_value *vals;
    const uint8_t *order; /* argument evaluation order */
    size_t i;
    VK *k;
} args_k;

static int invoke(ev *e, const rg_term *t, rg_value *vals, size_t n, VK *k);
static int args_next(ev *e, args_k *s);

static int args_fn(ev *e, VK *vk, rg_value v) {
    args_k *s = (args_k *)vk;
    s->vals[s->order[s->i]] = v;
    args_k next = *s;
    next.i++;
    return args_next(e, &next);
}

static int args_next(ev *e, args_k *s) {
    if (s->i >= s->t->u.call.n) return invoke(e, s->t, s->vals, s->t->u.call.n, s->k);
    return ev_term(e, s->fr, s->t->u.call.args[s->order[s->i]], &s->base);
}

static mock *find_mock(const ev *e, const void *target) {
    for (size_t i = e->st.n_mocks; i-- > 0;)
        if (e->mocks[i].target == target && !e->mocks[i].suspended) return &e->mocks[i];
    return NULL;
}

static int call_target(ev *e, const rg_call_target *ct, const rg_term *t, rg_value *vals, size_t n, VK *k, int depth);

/* Builtins see decimals beyond a double's reach as doubles, except those that
 * only compare, which keep them exact. */
static void decimals_to_doubles(const rg_builtin_def *d, rg_value *vals, size_t n) {
    static const char *const exact[] = {"equal", "neq", "lt", "lte", "gt", "gte"};
    bool any = false;
    for (size_t i = 0; i < n && !any; i++) any = vals[i].kind == RG_NUMBER && vals[i].sub == RG_NUM_DEC;
    if (!any) return; /* the common case: no name comparisons */
    for (size_t i = 0; i < sizeof exact / sizeof *exact; i++)
        if (!strcmp(d->name, exact[i])) return;
    for (size_t i = 0; i < n; i++)
        if (vals[i].kind == RG_NUMBER && vals[i].sub == RG_NUM_DEC) vals[i] = rg_num_from_double(rg_num_to_double(vals[i]));
}

/* The memo slot for a builtin on a composite argument, or NULL when results
 * cannot be shared: no shared cache, or `with` in effect (data or input
 * replaced, functions mocked). */
static rg_memo_entry *memo_slot(ev *e, const rg_builtin_def *d, const rg_value *vals, size_t n) {
    if (!(d->flags & RG_BI_MEMO) || !e->memo || n != 1 || e->st.n_over || e->st.n_mocks) return NULL;
    rg_value v = vals[0];
    if (v.kind != RG_OBJECT && v.kind != RG_ARRAY && v.kind != RG_SET) return NULL;
    uintptr_t h = ((uintptr_t)v.u.items >> 4) ^ ((uintptr_t)d->fn >> 3) ^ v.len;
    return &e->memo[h % RG_MEMO_SLOTS];
}

static bool memo_hit(const rg_memo_entry *m, const rg_builtin_def *d, rg_value v) {
    return m->fn == (const void *)d && m->arg == (const void *)v.u.items && m->len == v.len && m->kind == v.kind;
}

static int call_builtin(ev *e, const rg_builtin_def *d, const rg_term *t, rg_value *vals, size_t n, VK *k) {
    rg_value out = rg_undefined();
    rg_memo_entry *memo = memo_slot(e, d, vals, n);
    if (memo && memo_hit(memo, d, vals[0])) {
        out = memo->result;
        goto have_out;
    }
    decimals_to_doubles(d, vals, n);
    e->bi.name = d->name;
    e->bi.arena = e->a;
    rg_bi_ctx_clear_error(&e->bi);
    e->bi.meta_rule = e->rule ? e->rule->annotations : rg_empty_object();
    e->bi.meta_chain = e->rule ? e->rule->chain : rg_empty_array();
    int r = d->fn(&e->bi, vals, (int)n, &out);
    if (r == RG_BI_ERROR) {
        if (e->strict || !strcmp(e->bi.err_code ? e->bi.err_code : "", "eval_conflict_error"))
            return ev_error(e, e->bi.err_code ? e->bi.err_code : "eval_builtin_error", t->loc, "%s",
                            rg_buf_cstr(&e->bi.err));
        return 0;
    }
    if (r == RG_BI_UNDEFINED || rg_is_undef(out)) return 0;
    if (memo)
        *memo = (rg_memo_entry){(const void *)d, (const void *)vals[0].u.items, vals[0].len, vals[0].kind, out};
have_out:
    if (d->flags & RG_BI_RELATION) {
        for (size_t i = 0; i < out.len; i++) {
            int rr = k->fn(e, k, out.u.items[i]);
            if (rr) return rr;
        }
        return 0;
    }
    return k->fn(e, k, out);
}

static int call_target(ev *e, const rg_call_target *ct, const rg_term *t, rg_value *vals, size_t n, VK *k, int depth) {
    mock *m = depth < 8 ? find_mock(e, ct->builtin ? (const void *)ct->builtin : (const void *)ct->node) : NULL;
    if (m) {
        if (!m->replace) return k->fn(e, k, m->value);
        /* Within the replacement, the replaced function is the original. */
        m->suspended = true;
        int r = call_target(e, m->replace, t, vals, n, k, depth + 1);
        m->suspended = false;
        return r;
    }
    if (ct->builtin) return call_builtin(e, ct->builtin, t, vals, n, k);
    rg_value out;
    bool defined = false;
    int r = ev_call_function(e, ct->node, vals, n, t->loc, &out, &defined);
    if (r) return r;
    return defined ? k->fn(e, k, out) : 0;
}

static int invoke(ev *e, const rg_term *t, rg_value *vals, size_t n, VK *k) {
    const rg_call_target *ct = t->resolved;
    if (!ct) return ev_error(e, "rego_type_error", t->loc, "undefined function %s", t->u.call.name);
    return call_target(e, ct, t, vals, n, k, 0);
}

/* print() sees undefined arguments as <undefined> instead of failing. */
static int ev_print(ev *e, rg_value *fr, const rg_term *t, VK *k) {
    rg_buf out = RG_BUF_INIT;
    for (size_t i = 0; i < t->u.call.n; i++) {
        if (i) rg_buf_putc(&out, ' ');
        rg_vec vals = RG_VEC_INIT;
        first_k f = {{first_fn}, rg_undefined(), ev_halt_token(e)};
        size_t mark = e->trail_len;
        int r = ev_term(e, fr, t->u.call.args[i], &f.base);
        ev_undo(e, mark);
        rg_vec_fini(&vals);
        if (r < 0) {
            rg_buf_fini(&out);
            return r;
        }
        if (rg_is_undef(f.v)) rg_buf_puts(&out, "<undefined>");
        else if (f.v.kind == RG_STRING) rg_buf_append(&out, f.v.u.s, f.v.len);
        else rg_json_write(&out, f.v, 0);
    }
    rg_bi_print(&e->bi, rg_buf_cstr(&out), out.len);
    rg_buf_fini(&out);
    return k->fn(e, k, rg_bool(true));
}

static int ev_call(ev *e, rg_value *fr, const rg_term *t, VK *k) {
    const rg_call_target *ct = t->resolved;
    if (ct && ct->builtin && !strcmp(ct->builtin->name, "print") && !find_mock(e, ct->builtin))
        return ev_print(e, fr, t, k);
    size_t n = t->u.call.n;
    if (n > 255) return ev_error(e, "eval_error", t->loc, "too many arguments");
    rg_value small[6];
    uint8_t order[256];
    rg_value *vals = n <= 6 ? small : rg_xmalloc(n * sizeof *vals);
    /* Arguments that are still-unbound variables go last: another argument
     * (a reference iterating over them) binds them first. */
    size_t k2 = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            const rg_term *a = t->u.call.args[i];
            bool late = a->kind == RG_TERM_VAR && a->slot >= 0 && rg_is_undef(fr[a->slot]);
            if (late == (pass == 1)) order[k2++] = (uint8_t)i;
        }
    args_k s = {{args_fn}, fr, t, vals, order, 0, k};
    int r = args_next(e, &s);
    if (vals != small) free(vals);
    return r;
}

int ev_term(ev *e, rg_value *fr, const rg_term *t, VK *k) {
    if (ev_stack_exhausted(e)) return ev_error(e, "eval_error", t->loc, "evaluation nested too deeply");
    switch (t->kind) {
    case RG_TERM_SCALAR: return k->fn(e, k, t->u.v);
    case RG_TERM_VAR:
        if (t->slot >= 0) {
            rg_value v = fr[t->slot];
            if (rg_is_undef(v)) return ev_error(e, "rego_unsafe_var_error", t->loc, "var %s is unsafe", t->u.name);
            return k->fn(e, k, v);
        }
        if (t->slot == RG_SLOT_INPUT) return rg_is_undef(e->st.input) ? 0 : k->fn(e, k, e->st.input);
        if (t->slot == RG_SLOT_DATA) {
            rg_value v = ev_data_root(e);
            if (e->failed) return -1;
            return k->fn(e, k, v);
        }
        return ev_error(e, "rego_unsafe_var_error", t->loc, "var %s is unsafe", t->u.name);
    case RG_TERM_REF: return ev_ref(e, fr, t, k);
    case RG_TERM_ARRAY:
    case RG_TERM_SET:
    case RG_TERM_OBJECT: return ev_collection(e, fr, t, k);
    case RG_TERM_ARRAY_COMPR:
    case RG_TERM_SET_COMPR:
    case RG_TERM_OBJECT_COMPR: return ev_compr(e, fr, t, k);
    case RG_TERM_CALL: return ev_call(e, fr, t, k);
    }
    return 0;
}
