/* Documents: `data` references walk the rule tree and the base document
 * together; rule values are computed once per evaluation (memoised per
 * node, reset under `with`); functions are called with fresh frames.
 * Also the query entry point, rg_query_eval. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rego/eval_internal.h"

static rg_value node_value(ev *e, const rg_node *n);

/* ---- rule evaluation ---- */

typedef struct rule_k {
    K base;
    rg_value *fr;
    const rg_crule *cr;
    const rg_rule *branch;
    rg_vec *out; /* COMPLETE/FUNC: values; SET: keys; OBJECT: [k1..kn, v] arrays */
    rg_value tail_vals[16];
    size_t tail_i;
} rule_k;

typedef struct collect_k {
    VK base;
    rule_k *r;
} collect_k;

static int push_value_fn(ev *e, VK *vk, rg_value v) {
    (void)e;
    rg_vec_push(((collect_k *)vk)->r->out, v);
    return 0;
}

static int object_tail(ev *e, rule_k *r);

static int object_value_fn(ev *e, VK *vk, rg_value v) {
    rule_k *r = ((collect_k *)vk)->r;
    r->tail_vals[r->cr->n_tail] = v;
    rg_vec_push(r->out, rg_array(e->a, r->tail_vals, r->cr->n_tail + 1));
    return 0;
}

static int object_key_fn(ev *e, VK *vk, rg_value v) {
    rule_k *r = ((collect_k *)vk)->r;
    size_t saved = r->tail_i;
    r->tail_vals[r->tail_i++] = v;
    int rc = object_tail(e, r);
    r->tail_i = saved;
    return rc;
}

static int object_tail(ev *e, rule_k *r) {
    if (r->tail_i < r->cr->n_tail) {
        collect_k c = {{object_key_fn}, r};
        return ev_term(e, r->fr, r->cr->tail[r->tail_i], &c.base);
    }
    collect_k c = {{object_value_fn}, r};
    const rg_term *value = r->cr->multi ? r->cr->ast->head.key : r->branch->head.value;
    if (!value) return object_value_fn(e, &c.base, rg_bool(true));
    return ev_term(e, r->fr, value, &c.base);
}

static int rule_head_fn(ev *e, K *k) {
    rule_k *r = (rule_k *)k;
    collect_k c = {{push_value_fn}, r};
    switch (r->cr->kind) {
    case RG_RK_SET: return ev_term(e, r->fr, r->cr->ast->head.key, &c.base);
    case RG_RK_OBJECT: r->tail_i = 0; return object_tail(e, r);
    default:
        if (!r->branch->head.value) return push_value_fn(e, &c.base, rg_bool(true));
        return ev_term(e, r->fr, r->branch->head.value, &c.base);
    }
}

/* Runs a rule's branches (main body, then else) in frame fr, collecting head
 * values into out.  Args, if any, are already bound in fr. */
static int run_branches(ev *e, const rg_crule *cr, rg_value *fr, rg_vec *out) {
    const rg_crule *saved = e->rule;
    e->rule = cr;
    int r = 0;
    for (const rg_rule *b = cr->ast; b; b = b->else_) {
        size_t before = out->len;
        rule_k k = {{rule_head_fn}, fr, cr, b, out, {{0}}, 0};
        size_t mark = e->trail_len;
        r = ev_body(e, fr, &b->body, 0, &k.base);
        ev_undo(e, mark);
        if (r || out->len > before) break;
    }
    e->rule = saved;
    return r;
}

static int eval_rule(ev *e, const rg_crule *cr, rg_vec *out) {
    if (cr->n_tail >= 15) return ev_error(e, "eval_error", cr->ast->loc, "rule reference too deep");
    rg_value *fr = rg_xcalloc(cr->nslots ? (size_t)cr->nslots : 1, sizeof *fr);
    int r = run_branches(e, cr, fr, out);
    free(fr);
    return r;
}

/* ---- node values ---- */

static int distinct_one(ev *e, rg_vec *vals, rg_loc loc, const char *msg, rg_value *out) {
    *out = rg_undefined();
    for (size_t i = 0; i < vals->len; i++) {
        if (rg_is_undef(*out)) *out = vals->items[i];
        else if (!rg_value_equal(*out, vals->items[i])) return ev_error(e, "eval_conflict_error", loc, "%s", msg);
    }
    return 0;
}

static rg_value default_value(ev *e, const rg_node *n) {
    if (!n->default_rule) return rg_undefined();
    rg_vec out = RG_VEC_INIT;
    rg_value *fr = rg_xcalloc(n->default_rule->nslots ? (size_t)n->default_rule->nslots : 1, sizeof *fr);
    rule_k k = {{rule_head_fn}, fr, n->default_rule, n->default_rule->ast, &out, {{0}}, 0};
    rule_head_fn(e, &k.base);
    free(fr);
    rg_value v = out.len ? out.items[0] : rg_undefined();
    rg_vec_fini(&out);
    return v;
}

/* Inserts path keys[0..n) -> v into a nested object under construction. */
static int object_insert(ev *e, rg_value obj, const rg_value *keys, size_t n, rg_value v, rg_loc loc, rg_value *out) {
    rg_value cur = rg_object_get(obj, keys[0]);
    if (n == 1) {
        if (!rg_is_undef(cur) && !rg_value_equal(cur, v))
            return ev_error(e, "eval_conflict_error", loc, "object keys must be unique");
        *out = rg_object_put(e->a, obj, keys[0], v);
        return 0;
    }
    if (rg_is_undef(cur)) cur = rg_empty_object();
    else if (cur.kind != RG_OBJECT) return ev_error(e, "eval_conflict_error", loc, "object keys must be unique");
    rg_value sub;
    if (object_insert(e, cur, keys + 1, n - 1, v, loc, &sub)) return -1;
    *out = rg_object_put(e->a, obj, keys[0], sub);
    return 0;
}

/* Like object_insert, but the leaf is a set that collects v. */
static int object_insert_multi(ev *e, rg_value obj, const rg_value *keys, size_t n, rg_value v, rg_loc loc,
                               rg_value *out) {
    rg_value cur = rg_object_get(obj, keys[0]);
    if (n == 1) {
        if (rg_is_undef(cur)) cur = rg_empty_set();
        if (cur.kind != RG_SET) return ev_error(e, "eval_conflict_error", loc, "object keys must be unique");
        *out = rg_object_put(e->a, obj, keys[0], rg_set_union(e->a, cur, rg_set(e->a, &v, 1)));
        return 0;
    }
    if (rg_is_undef(cur)) cur = rg_empty_object();
    else if (cur.kind != RG_OBJECT) return ev_error(e, "eval_conflict_error", loc, "object keys must be unique");
    rg_value sub;
    if (object_insert_multi(e, cur, keys + 1, n - 1, v, loc, &sub)) return -1;
    *out = rg_object_put(e->a, obj, keys[0], sub);
    return 0;
}

static rg_value subtree_value(ev *e, const rg_node *n, rg_value base);

static rg_value compute_node(ev *e, const rg_node *n) {
    rg_vec out = RG_VEC_INIT;
    rg_loc loc = n->n_rules ? n->rules[0]->ast->loc : n->default_rule ? n->default_rule->ast->loc : (rg_loc){0};
    if (n->kind != RG_RK_OBJECT)
        for (size_t i = 0; i < n->n_rules && !e->failed; i++) eval_rule(e, n->rules[i], &out);
    rg_value v = rg_undefined();
    if (e->failed) goto done;
    switch (n->kind) {
    case RG_RK_COMPLETE:
        if (out.len > 1) {
            /* Both wordings OPA has used, so either kind of check matches. */
            char msg[512];
            snprintf(msg, sizeof msg, "rule %s produced conflicting values (complete rules must not produce multiple outputs)",
                     n->path);
            if (distinct_one(e, &out, loc, msg, &v)) goto done;
        } else if (out.len) {
            v = out.items[0];
        }
        if (rg_is_undef(v)) v = default_value(e, n);
        break;
    case RG_RK_SET: v = rg_vec_to_set(e->a, &out); break;
    case RG_RK_OBJECT: {
        /* Start from the statically named children (`p["a"] = 1` next to `p[k] = v`). */
        v = subtree_value(e, n, rg_undefined());
        if (v.kind != RG_OBJECT) v = rg_empty_object();
        for (size_t i = 0; i < n->n_rules && !e->failed; i++) {
            rg_vec mine = RG_VEC_INIT;
            eval_rule(e, n->rules[i], &mine);
            for (size_t k = 0; k < mine.len && !e->failed; k++) {
                rg_value kv = mine.items[k];
                if (n->rules[i]->multi) object_insert_multi(e, v, kv.u.items, kv.len - 1, kv.u.items[kv.len - 1], loc, &v);
                else object_insert(e, v, kv.u.items, kv.len - 1, kv.u.items[kv.len - 1], loc, &v);
            }
            rg_vec_fini(&mine);
        }
        break;
    }
    case RG_RK_FUNC: break;
    }
done:
    rg_vec_fini(&out);
    return e->failed ? rg_undefined() : v;
}

static rg_value node_value(ev *e, const rg_node *n) {
    uint8_t st = e->st.cache_state[n->id];
    if (st == CS_DONE) return e->st.cache[n->id];
    if (st == CS_BUSY) {
        ev_error(e, "rego_recursion_error", n->n_rules ? n->rules[0]->ast->loc : (rg_loc){0}, "rule %s is recursive",
                 n->path);
        return rg_undefined();
    }
    e->st.cache_state[n->id] = CS_BUSY;
    rg_value v = compute_node(e, n);
    if (e->failed) {
        /* Not cached: a later query sharing the cache meets the error too. */
        e->st.cache_state[n->id] = CS_NONE;
        return rg_undefined();
    }
    e->st.cache[n->id] = v;
    e->st.cache_state[n->id] = CS_DONE;
    return v;
}

static const data_override *find_override(const ev *e, const rg_value *path, size_t n) {
    for (size_t i = e->st.n_over; i-- > 0;) {
        rg_value p = e->over[i].path;
        if (p.len != n) continue;
        bool same = true;
        for (size_t j = 0; j < n && same; j++) same = rg_value_equal(p.u.items[j], path[j]);
        if (same) return &e->over[i];
    }
    return NULL;
}

/* Value of the subtree at node n merged over the base document. */
static rg_value subtree_value(ev *e, const rg_node *n, rg_value base) {
    if (n->has_rules && n->kind == RG_RK_FUNC) {
        rg_value v = rg_undefined();
        bool defined = false;
        if (n->arity == 0) ev_call_function(e, n, NULL, 0, n->rules[0]->ast->loc, &v, &defined);
        return defined ? v : rg_undefined();
    }
    if (n->has_rules && n->kind != RG_RK_OBJECT) return node_value(e, n);
    rg_vec pairs = RG_VEC_INIT;
    rg_value obj = base.kind == RG_OBJECT ? base : rg_empty_object();
    for (size_t i = 0; i < n->n_children && !e->failed; i++) {
        const rg_node *c = n->children[i];
        if (!c->subtree_rules) continue;
        rg_value cv = c->has_rules && c->kind != RG_RK_OBJECT ? subtree_value(e, c, rg_undefined())
                      : c->has_rules ? node_value(e, c)
                                     : subtree_value(e, c, rg_object_get(obj, c->key));
        if (rg_is_undef(cv)) continue;
        rg_vec_push(&pairs, c->key);
        rg_vec_push(&pairs, cv);
    }
    for (size_t i = 0; i < pairs.len; i += 2) obj = rg_object_put(e->a, obj, pairs.items[i], pairs.items[i + 1]);
    rg_vec_fini(&pairs);
    return obj;
}

rg_value ev_data_root(ev *e) {
    rg_value v = subtree_value(e, e->p->root, e->p->data);
    for (size_t i = 0; i < e->st.n_over; i++) {
        /* Overrides apply to the whole document too. */
        const data_override *o = &e->over[i];
        rg_value cur = v;
        (void)cur;
        if (o->path.len == 1) v = rg_object_put(e->a, v, o->path.u.items[0], o->value);
    }
    return v;
}

static rg_value patch_path(ev *e, rg_value base, const rg_value *path, size_t n, rg_value v) {
    if (n == 0) return v;
    rg_value obj = base.kind == RG_OBJECT ? base : rg_empty_object();
    rg_value child = rg_object_get(obj, path[0]);
    return rg_object_put(e->a, obj, path[0], patch_path(e, child, path + 1, n - 1, v));
}

/* Walks data refs through the rule tree.  keys holds the static path so far
 * (for `with data...` overrides). */
typedef struct walk {
    rg_value *fr;
    const rg_term *ref;
    VK *k;
    rg_value keys[64];
} walk;

static int data_walk(ev *e, walk *w, size_t i, const rg_node *n, rg_value base);

typedef struct walk_key_k {
    VK base;
    ev *e;
    walk *w;
    size_t i;
    const rg_node *n;
    rg_value b;
} walk_key_k;

static int walk_step(ev *e, walk *w, size_t i, const rg_node *n, rg_value base, rg_value key) {
    if (i >= 64) return ev_index(e, w->fr, w->ref, i, subtree_value(e, n, base), w->k);
    const rg_node *child = rg_node_child(n, key);
    rg_value cb = rg_object_get(base, key);
    if (!child && rg_is_undef(cb) && key.kind == RG_NUMBER) {
        /* data's keys are strings: data[2] reads data["2"], as in OPA. */
        rg_buf b = RG_BUF_INIT;
        rg_num_write(&b, key);
        key = rg_string(e->a, rg_buf_cstr(&b), b.len);
        rg_buf_fini(&b);
        child = rg_node_child(n, key);
        cb = rg_object_get(base, key);
    }
    w->keys[i] = key;
    if (!child && rg_is_undef(cb)) {
        const data_override *o = find_override(e, w->keys, i + 1);
        if (!o) return 0;
    }
    return data_walk(e, w, i + 1, child, cb);
}

static int walk_key_fn(ev *e, VK *vk, rg_value key) {
    walk_key_k *s = (walk_key_k *)vk;
    return walk_step(e, s->w, s->i, s->n, s->b, key);
}

/* Applies `with data...` overrides that lie below the path keys[0..n). */
static rg_value patch_deeper(ev *e, const rg_value *keys, size_t n, rg_value v) {
    for (size_t i = 0; i < e->st.n_over; i++) {
        rg_value p = e->over[i].path;
        if (p.len <= n) continue;
        bool prefix = true;
        for (size_t j = 0; j < n && prefix; j++) prefix = rg_value_equal(p.u.items[j], keys[j]);
        if (!prefix) continue;
        v = patch_path(e, v, p.u.items + n, p.len - n, e->over[i].value);
    }
    return v;
}

static bool deeper_override(const ev *e, const rg_value *keys, size_t n) {
    for (size_t i = 0; i < e->st.n_over; i++) {
        rg_value p = e->over[i].path;
        bool prefix = p.len > n;
        for (size_t j = 0; j < n && prefix; j++) prefix = rg_value_equal(p.u.items[j], keys[j]);
        if (prefix) return true;
    }
    return false;
}

static int data_walk(ev *e, walk *w, size_t i, const rg_node *n, rg_value base) {
    const rg_term *ref = w->ref;
    const data_override *o = e->st.n_over ? find_override(e, w->keys, i) : NULL;
    if (o) return ev_index(e, w->fr, ref, i, o->value, w->k);
    if (e->st.n_over && i < 64 && deeper_override(e, w->keys, i)) {
        /* Keep walking key by key while an override may lie ahead. */
        if (i < ref->u.ref.n && ref->u.ref.path[i]->kind == RG_TERM_SCALAR && !(n && n->has_rules))
            return walk_step(e, w, i, n, base, ref->u.ref.path[i]->u.v);
        rg_value v = n ? subtree_value(e, n, base) : base;
        if (e->failed) return -1;
        v = patch_deeper(e, w->keys, i, rg_is_undef(v) ? rg_empty_object() : v);
        return ev_index(e, w->fr, ref, i, v, w->k);
    }
    if (n && !n->subtree_rules && i < ref->u.ref.n && ref->u.ref.path[i]->kind == RG_TERM_SCALAR &&
        rg_node_child(n, ref->u.ref.path[i]->u.v))
        return walk_step(e, w, i, n, base, ref->u.ref.path[i]->u.v); /* toward a package without rules */
    if (!n && base.kind == RG_OBJECT && i < ref->u.ref.n && ref->u.ref.path[i]->kind == RG_TERM_SCALAR &&
        ref->u.ref.path[i]->u.v.kind == RG_NUMBER)
        return walk_step(e, w, i, n, base, ref->u.ref.path[i]->u.v); /* data.a[2]: the key "2" */
    if (!n || !n->subtree_rules) {
        /* A package without rules is still an (empty) document. */
        if (rg_is_undef(base) && n) base = rg_empty_object();
        if (rg_is_undef(base)) return 0;
        return ev_index(e, w->fr, ref, i, base, w->k);
    }
    if (n->has_rules) {
        rg_value v;
        if (n->kind == RG_RK_FUNC) {
            /* A function without arguments is also a document: data.p.f is f(). */
            bool defined = false;
            if (n->arity != 0) return 0;
            int r = ev_call_function(e, n, NULL, 0, ref->loc, &v, &defined);
            if (r || !defined) return r;
            return ev_index(e, w->fr, ref, i, v, w->k);
        }
        v = node_value(e, n);
        if (e->failed) return -1;
        if (rg_is_undef(v)) return 0;
        return ev_index(e, w->fr, ref, i, v, w->k);
    }
    if (i >= ref->u.ref.n) {
        rg_value v = subtree_value(e, n, base);
        if (e->failed) return -1;
        return w->k->fn(e, w->k, v);
    }
    const rg_term *part = ref->u.ref.path[i];
    if (part->kind == RG_TERM_SCALAR) return walk_step(e, w, i, n, base, part->u.v);
    if (part->kind == RG_TERM_VAR && part->slot >= 0 && rg_is_undef(w->fr[part->slot])) {
        rg_value v = subtree_value(e, n, base);
        if (e->failed) return -1;
        return ev_index(e, w->fr, ref, i, v, w->k);
    }
    walk_key_k s = {{walk_key_fn}, e, w, i, n, base};
    return ev_term(e, w->fr, part, &s.base);
}

int ev_data_ref(ev *e, rg_value *fr, const rg_term *ref, VK *k) {
    walk *w = rg_xmalloc(sizeof *w);
    w->fr = fr;
    w->ref = ref;
    w->k = k;
    int r = data_walk(e, w, 0, e->p->root, e->p->data);
    free(w);
    return r;
}

/* ---- functions ---- */

typedef struct fargs_k {
    K base;
    const rg_crule *cr;
    rg_value *fr;
    rg_vec *out;
} fargs_k;

static int fargs_done(ev *e, K *k) {
    fargs_k *f = (fargs_k *)k;
    return run_branches(e, f->cr, f->fr, f->out);
}

typedef struct farg_k {
    K base;
    const rg_crule *cr;
    rg_value *fr;
    const rg_value *args;
    size_t i, n;
    K *done;
} farg_k;

static int farg_fn(ev *e, K *k) {
    farg_k *f = (farg_k *)k;
    if (f->i >= f->n) return f->done->fn(e, f->done);
    farg_k next = *f;
    next.i++;
    return ev_unify_tv(e, f->fr, f->cr->ast->head.args[f->i], f->args[f->i], &next.base);
}

int ev_call_function(ev *e, const rg_node *n, const rg_value *args, size_t nargs, rg_loc loc, rg_value *out,
                     bool *defined) {
    if (++e->depth > 2000) {
        e->depth--;
        return ev_error(e, "eval_error", loc, "function call depth limit exceeded");
    }
    rg_vec vals = RG_VEC_INIT;
    int r = 0;
    for (size_t i = 0; i < n->n_rules && !r; i++) {
        const rg_crule *cr = n->rules[i];
        /* Most functions need a few slots: a frame on the stack saves a
         * malloc and a free per call. */
        rg_value small[16];
        size_t nslots = cr->nslots ? (size_t)cr->nslots : 1;
        rg_value *fr = nslots <= 16 ? small : rg_xcalloc(nslots, sizeof *fr);
        if (fr == small) memset(small, 0, nslots * sizeof *small);
        fargs_k done = {{fargs_done}, cr, fr, &vals};
        farg_k a = {{farg_fn}, cr, fr, args, 0, nargs, &done.base};
        size_t mark = e->trail_len;
        r = farg_fn(e, &a.base);
        ev_undo(e, mark);
        if (fr != small) free(fr);
    }
    e->depth--;
    if (r) {
        rg_vec_fini(&vals);
        return r;
    }
    rg_value v = vals.len ? vals.items[0] : rg_undefined();
    if (vals.len > 1) {
        char msg[512];
        snprintf(msg, sizeof msg,
                 "function %s produced conflicting values for the same inputs (functions must not produce multiple "
                 "outputs for same inputs)",
                 n->path);
        r = distinct_one(e, &vals, loc, msg, &v);
    }
    rg_vec_fini(&vals);
    if (r) return r;
    if (rg_is_undef(v) && n->default_rule) v = default_value(e, n);
    *defined = !rg_is_undef(v);
    *out = v;
    return 0;
}

/* ---- queries ---- */

typedef struct result_k {
    K base;
    const rg_query *q;
    rg_value *fr;
    rg_vec *results;
    ev *e;
} result_k;

static int result_fn(ev *e, K *k) {
    result_k *r = (result_k *)k;
    rg_vec pairs = RG_VEC_INIT;
    for (size_t i = 0; i < r->q->n_results; i++) {
        int slot = r->q->result_slots[i];
        if (rg_is_undef(r->fr[slot])) continue;
        rg_vec_push(&pairs, rg_cstring(e->a, r->q->slot_names[slot]));
        rg_vec_push(&pairs, r->fr[slot]);
    }
    rg_value bindings = rg_vec_to_object(e->a, &pairs);
    rg_vec_fini(&pairs);
    size_t n = r->q->body.n;
    rg_value *vals = rg_arena_alloc(e->a, (n ? n : 1) * sizeof *vals);
    for (size_t i = 0; i < n; i++) {
        const rg_expr *x = r->q->written[i];
        bool term = x->kind == RG_EXPR_TERM && !x->negated && !rg_is_undef(e->expr_vals[i]);
        vals[i] = term ? e->expr_vals[i] : rg_bool(true);
    }
    rg_value pair[4] = {rg_cstring(e->a, "bindings"), bindings, rg_cstring(e->a, "expressions"), rg_array_take(vals, n)};
    rg_vec_push(r->results, rg_object(e->a, pair, 2));
    return 0;
}

/* How deep evaluation may recurse on this thread's stack: its size less a
 * margin for builtins (PCRE2, libyaml, printf) below the deepest frame. */
static size_t usable_stack(void) {
    /* pthread_getattr_np reads /proc on the main thread: ask once per thread. */
    static _Thread_local size_t known;
    if (known) return known;
    size_t size = 8u << 20;
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        size_t s = 0;
        if (pthread_attr_getstacksize(&attr, &s) == 0 && s) size = s;
        pthread_attr_destroy(&attr);
    }
    size_t margin = 512u << 10;
    known = size > 2 * margin ? size - 2 * margin : size / 2;
    return known;
}

struct rg_eval_cache {
    rg_value *values;
    uint8_t *state;
    rg_memo_entry memo[RG_MEMO_SLOTS]; /* RG_BI_MEMO builtins, direct-mapped by argument address */
};

rg_eval_cache *rg_eval_cache_new(const rg_policy *p, rg_arena *a) {
    rg_eval_cache *c = rg_arena_calloc(a, sizeof *c);
    c->values = rg_arena_calloc(a, (p->n_nodes ? p->n_nodes : 1) * sizeof *c->values);
    c->state = rg_arena_calloc(a, p->n_nodes ? p->n_nodes : 1);
    return c;
}

int rg_query_eval(rg_policy *p, const rg_query *q, rg_arena *a, const rg_eval_options *opts, rg_vec *results,
                  rg_diags *diags) {
    char base;
    ev e = {.p = p, .a = a, .strict = opts->strict_builtin_errors, .diags = diags};
    e.stack_base = &base;
    e.stack_limit = usable_stack();
    rg_bi_ctx_init(&e.bi, a);
    e.bi.print_out = opts->print_out;
    e.bi.now_ns = opts->now_ns;
    e.on_expr = opts->on_expr;
    e.on_expr_ud = opts->on_expr_ud;
    e.st.input = opts->input;
    if (opts->cache) {
        e.st.cache = opts->cache->values;
        e.st.cache_state = opts->cache->state;
        e.memo = opts->cache->memo;
    } else {
        e.st.cache = rg_arena_calloc(a, (p->n_nodes ? p->n_nodes : 1) * sizeof *e.st.cache);
        e.st.cache_state = rg_arena_calloc(a, p->n_nodes ? p->n_nodes : 1);
    }
    e.query = q;
    e.expr_vals = rg_arena_calloc(a, (q->body.n ? q->body.n : 1) * sizeof *e.expr_vals);
    rg_value *fr = rg_xcalloc(q->nslots ? (size_t)q->nslots : 1, sizeof *fr);
    result_k k = {{result_fn}, q, fr, results, &e};
    int r = ev_body(&e, fr, &q->body, 0, &k.base);
    free(fr);
    free(e.trail);
    free(e.over);
    free(e.mocks);
    rg_bi_ctx_fini(&e.bi);
    return r < 0 || e.failed ? -1 : 0;
}
