/* Name resolution: decides for every variable whether it is a local (and
 * gives it a frame slot), `input`, `data`, a rule of the package or an
 * import alias (rewritten in place into a `data`/`input` reference), and
 * resolves call targets to builtins or user functions.
 *
 * Locals of a rule share one frame: nested bodies (comprehensions, every)
 * get fresh slots, and the slots allocated while resolving a nested body
 * form a contiguous range recorded on it, which the safety pass uses to
 * tell a nested body's own variables from the ones it captures. */
#include <stdlib.h>
#include <string.h>

#include "rego/compile_internal.h"

int rg_new_slot(rg_cctx *c, const char *name) {
    if ((size_t)c->nslots == c->cap_names) {
        c->cap_names = c->cap_names ? c->cap_names * 2 : 16;
        const char **n = rg_arena_alloc(c->arena, c->cap_names * sizeof *n);
        if (c->nslots) memcpy(n, c->slot_names, (size_t)c->nslots * sizeof *n);
        c->slot_names = n;
    }
    c->slot_names[c->nslots] = name;
    return c->nslots++;
}

void rg_scope_declare(rg_scope *s, const char *name, int slot) {
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 8;
        s->names = rg_xrealloc(s->names, s->cap * sizeof *s->names);
        s->slots = rg_xrealloc(s->slots, s->cap * sizeof *s->slots);
    }
    s->names[s->n] = name;
    s->slots[s->n++] = slot;
}

static int scope_lookup_local(const rg_scope *s, const char *name) {
    for (size_t i = s->n; i-- > 0;)
        if (strcmp(s->names[i], name) == 0) return s->slots[i];
    return RG_SLOT_NONE;
}

int rg_scope_lookup(const rg_scope *s, const char *name) {
    for (; s; s = s->parent) {
        int slot = scope_lookup_local(s, name);
        if (slot != RG_SLOT_NONE) return slot;
    }
    return RG_SLOT_NONE;
}

void rg_scope_fini(rg_scope *s) {
    free(s->names);
    free(s->slots);
    s->names = NULL;
    s->slots = NULL;
    s->n = s->cap = 0;
}

/* ---- globals ---- */

static const rg_import *find_import(const rg_cctx *c, const char *name) {
    if (!c->mod) return NULL;
    for (size_t i = 0; i < c->mod->n_imports; i++) {
        const rg_import *im = &c->mod->imports[i];
        const char *alias = im->alias;
        if (!alias) {
            const rg_term *p = im->path;
            if (p->kind == RG_TERM_VAR) alias = p->u.name;
            else if (p->kind == RG_TERM_REF && p->u.ref.n) {
                const rg_term *last = p->u.ref.path[p->u.ref.n - 1];
                if (last->kind == RG_TERM_SCALAR && last->u.v.kind == RG_STRING) alias = last->u.v.u.s;
            }
        }
        if (!alias || strcmp(alias, name) != 0) continue;
        const rg_term *head = im->path->kind == RG_TERM_REF ? im->path->u.ref.head : im->path;
        if (head->kind == RG_TERM_VAR && (!strcmp(head->u.name, "data") || !strcmp(head->u.name, "input")))
            return im;
    }
    return NULL;
}

static bool is_pkg_rule(const rg_cctx *c, const char *name) {
    if (!c->pkg) return false;
    return rg_node_child(c->pkg, rg_string_static(name, strlen(name))) != NULL;
}

static bool is_global(const rg_cctx *c, const char *name) {
    return !strcmp(name, "input") || !strcmp(name, "data") || find_import(c, name) || is_pkg_rule(c, name);
}

static rg_term *new_var(rg_cctx *c, const char *name, int slot, rg_loc loc) {
    rg_term *t = rg_arena_calloc(c->arena, sizeof *t);
    t->kind = RG_TERM_VAR;
    t->u.name = name;
    t->slot = slot;
    t->loc = loc;
    return t;
}

static rg_term *new_str(rg_cctx *c, rg_value v, rg_loc loc) {
    rg_term *t = rg_arena_calloc(c->arena, sizeof *t);
    t->kind = RG_TERM_SCALAR;
    t->u.v = v;
    t->loc = loc;
    return t;
}

/* Rewrites t (a VAR, or a REF whose head is that VAR) so its head is
 * input/data and prefix[] comes before its own path. */
static void rewrite_global(rg_cctx *c, rg_term *t, const char *name) {
    rg_term *head;
    rg_term **prefix = NULL;
    size_t n_prefix = 0;
    rg_term *pkg_part = NULL;
    const rg_import *im = NULL;
    if (!strcmp(name, "input") || !strcmp(name, "data")) {
        head = new_var(c, name, !strcmp(name, "input") ? RG_SLOT_INPUT : RG_SLOT_DATA, t->loc);
    } else if ((im = find_import(c, name)) != NULL) {
        const rg_term *ip = im->path;
        if (ip->kind == RG_TERM_VAR) {
            head = new_var(c, ip->u.name, !strcmp(ip->u.name, "input") ? RG_SLOT_INPUT : RG_SLOT_DATA, t->loc);
        } else {
            head = new_var(c, ip->u.ref.head->u.name, !strcmp(ip->u.ref.head->u.name, "input") ? RG_SLOT_INPUT : RG_SLOT_DATA,
                           t->loc);
            prefix = ip->u.ref.path;
            n_prefix = ip->u.ref.n;
        }
    } else {
        head = new_var(c, "data", RG_SLOT_DATA, t->loc);
        prefix = c->mod->package;
        n_prefix = c->mod->n_package;
        pkg_part = new_str(c, rg_string_static(name, strlen(name)), t->loc);
    }
    rg_term **old_path = t->kind == RG_TERM_REF ? t->u.ref.path : NULL;
    size_t n_old = t->kind == RG_TERM_REF ? t->u.ref.n : 0;
    size_t n = n_prefix + (pkg_part ? 1 : 0) + n_old;
    rg_term **path = rg_arena_alloc(c->arena, (n ? n : 1) * sizeof *path);
    size_t k = 0;
    for (size_t i = 0; i < n_prefix; i++) path[k++] = prefix[i];
    if (pkg_part) path[k++] = pkg_part;
    for (size_t i = 0; i < n_old; i++) path[k++] = old_path[i];
    if (k == 0) {
        *t = *head;
        return;
    }
    t->kind = RG_TERM_REF;
    t->u.ref.head = head;
    t->u.ref.path = path;
    t->u.ref.n = k;
}

/* ---- variables ---- */

static void resolve_var(rg_cctx *c, rg_scope *s, rg_term *t) {
    const char *name = t->u.name;
    if (!strcmp(name, "_")) {
        t->slot = rg_new_slot(c, "_");
        return;
    }
    int slot = rg_scope_lookup(s, name);
    if (slot != RG_SLOT_NONE) {
        t->slot = slot;
        return;
    }
    if (is_global(c, name)) {
        rewrite_global(c, t, name);
        return;
    }
    t->slot = rg_new_slot(c, name);
    rg_scope_declare(s, name, t->slot);
}

/* Declares (new slots) the variables of a pattern term: `:=` targets,
 * `some` names, function arguments.  Shadows globals. */
void rg_declare_pattern(rg_cctx *c, rg_scope *s, rg_term *t) {
    switch (t->kind) {
    case RG_TERM_VAR:
        if (strcmp(t->u.name, "_") != 0 && scope_lookup_local(s, t->u.name) == RG_SLOT_NONE)
            rg_scope_declare(s, t->u.name, rg_new_slot(c, t->u.name));
        break;
    case RG_TERM_ARRAY:
    case RG_TERM_SET:
        for (size_t i = 0; i < t->u.coll.n; i++) rg_declare_pattern(c, s, t->u.coll.items[i]);
        break;
    case RG_TERM_OBJECT:
        for (size_t i = 0; i < t->u.coll.n; i++) rg_declare_pattern(c, s, t->u.coll.items[2 * i + 1]);
        break;
    default: break;
    }
}

/* Pre-declares variables that appear at this body's level (not inside
 * nested bodies), so a comprehension that mentions them captures them. */
static void predeclare_term(rg_cctx *c, rg_scope *s, rg_term *t) {
    if (!t) return;
    switch (t->kind) {
    case RG_TERM_VAR:
        if (strcmp(t->u.name, "_") != 0 && rg_scope_lookup(s, t->u.name) == RG_SLOT_NONE && !is_global(c, t->u.name))
            rg_scope_declare(s, t->u.name, rg_new_slot(c, t->u.name));
        break;
    case RG_TERM_REF:
        predeclare_term(c, s, t->u.ref.head);
        for (size_t i = 0; i < t->u.ref.n; i++) predeclare_term(c, s, t->u.ref.path[i]);
        break;
    case RG_TERM_ARRAY:
    case RG_TERM_SET:
        for (size_t i = 0; i < t->u.coll.n; i++) predeclare_term(c, s, t->u.coll.items[i]);
        break;
    case RG_TERM_OBJECT:
        for (size_t i = 0; i < 2 * t->u.coll.n; i++) predeclare_term(c, s, t->u.coll.items[i]);
        break;
    case RG_TERM_CALL:
        for (size_t i = 0; i < t->u.call.n; i++) predeclare_term(c, s, t->u.call.args[i]);
        break;
    default: break;
    }
}

/* Is name declared in this body's scope (or the rule's arguments)? */
static bool declared_here(const rg_scope *s, const char *name) {
    if (scope_lookup_local(s, name) != RG_SLOT_NONE) return true;
    return s->parent && s->parent->rule_level && scope_lookup_local(s->parent, name) != RG_SLOT_NONE;
}

/* Reports variables of a `:=` or `some` pattern declared earlier in the body. */
static void check_redeclare(rg_cctx *c, const rg_scope *s, const rg_term *t, rg_loc loc, const char *what) {
    switch (t->kind) {
    case RG_TERM_VAR:
        if (strcmp(t->u.name, "_") != 0 && declared_here(s, t->u.name))
            rg_cerr(c, "rego_compile_error", loc, "var %s %s above", t->u.name, what);
        break;
    case RG_TERM_ARRAY:
        for (size_t i = 0; i < t->u.coll.n; i++) check_redeclare(c, s, t->u.coll.items[i], loc, what);
        break;
    case RG_TERM_OBJECT:
        for (size_t i = 0; i < t->u.coll.n; i++) check_redeclare(c, s, t->u.coll.items[2 * i + 1], loc, what);
        break;
    default: break;
    }
}

/* `:=` can only bind variables (possibly inside array/object patterns). */
static bool assignable(const rg_term *t) {
    switch (t->kind) {
    case RG_TERM_VAR: return true;
    case RG_TERM_ARRAY:
        for (size_t i = 0; i < t->u.coll.n; i++)
            if (!assignable(t->u.coll.items[i]) && t->u.coll.items[i]->kind != RG_TERM_SCALAR) return false;
        return true;
    case RG_TERM_OBJECT:
        for (size_t i = 0; i < t->u.coll.n; i++)
            if (!assignable(t->u.coll.items[2 * i + 1]) && t->u.coll.items[2 * i + 1]->kind != RG_TERM_SCALAR)
                return false;
        return true;
    default: return false;
    }
}

/* Pre-declares the variables a body introduces by unification, so that a
 * comprehension mentioning them captures them.  Explicit declarations
 * (`:=`, `some`) take effect where they are written (rg_resolve_body): a
 * comprehension before `x := ...` has its own x. */
static void collect_pattern_names(const rg_term *t, rg_scope *names) {
    if (!t) return;
    switch (t->kind) {
    case RG_TERM_VAR: rg_scope_declare(names, t->u.name, 0); break;
    case RG_TERM_ARRAY:
        for (size_t i = 0; i < t->u.coll.n; i++) collect_pattern_names(t->u.coll.items[i], names);
        break;
    case RG_TERM_OBJECT:
        for (size_t i = 0; i < t->u.coll.n; i++) collect_pattern_names(t->u.coll.items[2 * i + 1], names);
        break;
    default: break;
    }
}

static void predeclare_body(rg_cctx *c, rg_scope *s, rg_body *b) {
    /* Names this body declares explicitly are not implicit locals. */
    rg_scope explicit_names = {0};
    for (size_t i = 0; i < b->n; i++) {
        rg_expr *e = b->exprs[i];
        if (e->kind == RG_EXPR_ASSIGN) collect_pattern_names(e->lhs, &explicit_names);
        if (e->kind == RG_EXPR_SOME_IN) collect_pattern_names(e->key, &explicit_names);
        if (e->kind == RG_EXPR_SOME_IN) collect_pattern_names(e->value, &explicit_names);
        for (size_t k = 0; e->kind == RG_EXPR_SOME && k < e->n_some_vars; k++)
            collect_pattern_names(e->some_vars[k], &explicit_names);
    }
    rg_scope implicit = {.parent = s};
    for (size_t i = 0; i < b->n; i++) {
        rg_expr *e = b->exprs[i];
        switch (e->kind) {
        case RG_EXPR_SOME:
        case RG_EXPR_BODY: break;
        case RG_EXPR_ASSIGN: predeclare_term(c, &implicit, e->rhs); break;
        case RG_EXPR_SOME_IN:
        case RG_EXPR_EVERY: predeclare_term(c, &implicit, e->coll); break;
        default:
            predeclare_term(c, &implicit, e->lhs);
            predeclare_term(c, &implicit, e->rhs);
            break;
        }
        for (size_t w = 0; w < e->n_withs; w++) predeclare_term(c, &implicit, e->withs[w].value);
    }
    /* predeclare_term allocated slots in `implicit`; keep those not declared
     * explicitly (and not already visible from an enclosing scope). */
    for (size_t i = 0; i < implicit.n; i++)
        if (scope_lookup_local(&explicit_names, implicit.names[i]) == RG_SLOT_NONE &&
            rg_scope_lookup(s, implicit.names[i]) == RG_SLOT_NONE)
            rg_scope_declare(s, implicit.names[i], implicit.slots[i]);
    rg_scope_fini(&implicit);
    rg_scope_fini(&explicit_names);
}

/* `x := ...`: checks the target, then declares its variables. */
static void declare_assign(rg_cctx *c, rg_scope *s, rg_expr *e) {
    if (!assignable(e->lhs))
        rg_cerr(c, "rego_compile_error", e->loc, "cannot assign to %s",
                e->lhs->kind == RG_TERM_SCALAR ? rg_type_name(e->lhs->u.v) : "this expression");
    check_redeclare(c, s, e->lhs, e->loc, "assigned");
    if (c->mod && c->mod->v1 && e->lhs->kind == RG_TERM_VAR &&
        (!strcmp(e->lhs->u.name, "input") || !strcmp(e->lhs->u.name, "data")))
        rg_cerr(c, "rego_compile_error", e->loc, "variables must not shadow %s", e->lhs->u.name);
    rg_declare_pattern(c, s, e->lhs);
}

/* ---- calls ---- */

/* Next segment of a call name as the parser writes it: identifiers joined
 * by dots, other keys as JSON strings in brackets (a["color.name"].f).
 * Returns the position after the segment, or NULL at the end. */
static const char *next_segment(const char *p, rg_buf *seg) {
    seg->len = 0;
    if (seg->data) seg->data[0] = 0;
    if (*p == '.') p++;
    if (!*p) return NULL;
    if (p[0] == '[' && p[1] == '"') {
        p += 2;
        while (*p && *p != '"') {
            if (*p == '\\' && p[1]) p++;
            rg_buf_putc(seg, *p++);
        }
        if (*p == '"') p++;
        if (*p == ']') p++;
        return p;
    }
    const char *start = p;
    while (*p && *p != '.' && *p != '[') p++;
    rg_buf_append(seg, start, (size_t)(p - start));
    return p;
}

static rg_node *node_at(rg_node *n, const char *dotted) {
    rg_buf seg = RG_BUF_INIT;
    const char *p = dotted;
    while (n && (p = next_segment(p, &seg)) != NULL) n = rg_node_child(n, rg_string_static(rg_buf_cstr(&seg), seg.len));
    rg_buf_fini(&seg);
    return n;
}

static rg_node *node_at_ref(rg_node *n, const rg_term *ref) {
    for (size_t i = 0; n && i < ref->u.ref.n; i++) {
        const rg_term *part = ref->u.ref.path[i];
        if (part->kind != RG_TERM_SCALAR) return NULL;
        n = rg_node_child(n, part->u.v);
    }
    return n;
}

/* Finds what a dotted call name denotes: a user function or a builtin. */
const rg_call_target *rg_resolve_call_name(rg_cctx *c, const char *name);
const rg_call_target *rg_resolve_call_name(rg_cctx *c, const char *name) {
    rg_node *node = NULL;
    const char *dot = strpbrk(name, ".[");
    size_t first_len = dot ? (size_t)(dot - name) : strlen(name);
    char first[128];
    if (first_len < sizeof first) {
        memcpy(first, name, first_len);
        first[first_len] = 0;
    } else {
        first[0] = 0;
    }
    if (!strncmp(name, "data.", 5)) {
        node = node_at(c->p->root, name + 5);
    } else if (first[0] && c->mod && find_import(c, first)) {
        const rg_import *im = find_import(c, first);
        if (im->path->kind == RG_TERM_REF) node = node_at_ref(c->p->root, im->path);
        if (node && dot) node = node_at(node, dot);
    } else if (c->pkg) {
        node = node_at(c->pkg, name);
    }
    if (node && node->has_rules && node->kind == RG_RK_FUNC) {
        rg_call_target *t = rg_arena_calloc(c->arena, sizeof *t);
        t->node = node;
        t->name = node->path;
        return t;
    }
    const rg_builtin_def *b = rg_builtin_lookup(name);
    bool v1 = c->mod ? c->mod->v1 : !c->p->v0_compatible;
    if (b && (b->flags & RG_BI_DEPRECATED) && v1) b = NULL; /* gone from Rego v1 */
    if (b) {
        rg_call_target *t = rg_arena_calloc(c->arena, sizeof *t);
        t->builtin = b;
        t->name = b->name;
        return t;
    }
    return NULL;
}

static void resolve_call(rg_cctx *c, rg_scope *s, rg_term *t) {
    const rg_call_target *target = rg_resolve_call_name(c, t->u.call.name);
    if (!target) rg_cerr(c, "rego_type_error", t->loc, "undefined function %s", t->u.call.name);
    t->resolved = target;
    for (size_t i = 0; i < t->u.call.n; i++) rg_resolve_term(c, s, t->u.call.args[i]);
}

static void resolve_compr(rg_cctx *c, rg_scope *s, rg_term *t) {
    rg_scope inner = {.parent = s};
    int *range = rg_arena_alloc(c->arena, 2 * sizeof *range);
    range[0] = c->nslots;
    rg_resolve_body(c, &inner, &t->u.compr.body);
    rg_resolve_term(c, &inner, t->u.compr.head);
    if (t->u.compr.key) rg_resolve_term(c, &inner, t->u.compr.key);
    range[1] = c->nslots;
    t->resolved = range;
    rg_scope_fini(&inner);
}

void rg_resolve_term(rg_cctx *c, rg_scope *s, rg_term *t) {
    if (!t) return;
    switch (t->kind) {
    case RG_TERM_SCALAR: break;
    case RG_TERM_VAR: resolve_var(c, s, t); break;
    case RG_TERM_REF: {
        rg_term *h = t->u.ref.head;
        if (h->kind == RG_TERM_VAR && strcmp(h->u.name, "_") != 0 && rg_scope_lookup(s, h->u.name) == RG_SLOT_NONE &&
            is_global(c, h->u.name)) {
            rewrite_global(c, t, h->u.name);
        } else {
            rg_resolve_term(c, s, h);
        }
        if (t->kind != RG_TERM_REF) break;
        for (size_t i = 0; i < t->u.ref.n; i++) rg_resolve_term(c, s, t->u.ref.path[i]);
        break;
    }
    case RG_TERM_ARRAY:
    case RG_TERM_SET:
        for (size_t i = 0; i < t->u.coll.n; i++) rg_resolve_term(c, s, t->u.coll.items[i]);
        break;
    case RG_TERM_OBJECT:
        for (size_t i = 0; i < 2 * t->u.coll.n; i++) rg_resolve_term(c, s, t->u.coll.items[i]);
        break;
    case RG_TERM_ARRAY_COMPR:
    case RG_TERM_SET_COMPR:
    case RG_TERM_OBJECT_COMPR: resolve_compr(c, s, t); break;
    case RG_TERM_CALL: resolve_call(c, s, t); break;
    }
}

static int call_arity(const rg_term *t) {
    const rg_call_target *target = t->resolved;
    if (!target) return -1;
    if (target->builtin) return (target->builtin->flags & RG_BI_VARIADIC) ? -2 : target->builtin->arity;
    return target->node->arity;
}

/* Type mask of a term whose type is known statically (literals), or 0. */
static unsigned literal_type(const rg_term *t) {
    switch (t->kind) {
    case RG_TERM_SCALAR:
        switch ((rg_kind)t->u.v.kind) {
        case RG_NULL: return RG_T_NULL;
        case RG_BOOL: return RG_T_BOOL;
        case RG_NUMBER: return RG_T_NUM;
        case RG_STRING: return RG_T_STR;
        default: return 0;
        }
    case RG_TERM_ARRAY:
    case RG_TERM_ARRAY_COMPR: return RG_T_ARR;
    case RG_TERM_SET:
    case RG_TERM_SET_COMPR: return RG_T_SET;
    case RG_TERM_OBJECT:
    case RG_TERM_OBJECT_COMPR: return RG_T_OBJ;
    case RG_TERM_CALL: {
        const rg_call_target *ct = t->resolved;
        if (!ct || !ct->builtin) return 0;
        unsigned r = ct->builtin->result;
        return r && r != RG_T_ANY ? r : 0;
    }
    default: return 0;
    }
}

/* Arguments whose type is known and outside what the builtin accepts are
 * rejected at compile time, as OPA's type checker does. */
static void check_arg_types(rg_cctx *c, const rg_term *t) {
    const rg_call_target *ct = t->resolved;
    if (!ct || !ct->builtin) return;
    const rg_builtin_def *d = ct->builtin;
    for (size_t i = 0; i < t->u.call.n && (int)i < d->arity && i < RG_BI_MAX_ARGS; i++) {
        unsigned want = d->args[i];
        unsigned got = literal_type(t->u.call.args[i]);
        if (!want || want == RG_T_ANY || !got) continue;
        if (!(want & got)) {
            rg_cerr(c, "rego_type_error", t->loc, "%s: invalid argument(s): operand %zu has the wrong type", d->name, i + 1);
            return;
        }
    }
}

/* Checks call arities below t; at statement level (top) a call with one
 * extra argument is allowed (its output). */
void rg_check_calls(rg_cctx *c, rg_term *t) {
    if (!t) return;
    switch (t->kind) {
    case RG_TERM_REF:
        rg_check_calls(c, t->u.ref.head);
        for (size_t i = 0; i < t->u.ref.n; i++) rg_check_calls(c, t->u.ref.path[i]);
        break;
    case RG_TERM_ARRAY:
    case RG_TERM_SET:
        for (size_t i = 0; i < t->u.coll.n; i++) rg_check_calls(c, t->u.coll.items[i]);
        break;
    case RG_TERM_OBJECT:
        for (size_t i = 0; i < 2 * t->u.coll.n; i++) rg_check_calls(c, t->u.coll.items[i]);
        break;
    case RG_TERM_CALL: {
        int arity = call_arity(t);
        if (arity >= 0 && (int)t->u.call.n != arity)
            rg_cerr(c, "rego_type_error", t->loc, "%s: %s arguments", t->u.call.name,
                    (int)t->u.call.n > arity ? "too many" : "too few");
        else
            check_arg_types(c, t);
        for (size_t i = 0; i < t->u.call.n; i++) rg_check_calls(c, t->u.call.args[i]);
        break;
    }
    default: break;
    }
}

/* `f(x, y)` where f takes one argument means `y = f(x)`. */
static void rewrite_output_call(rg_cctx *c, rg_expr *e) {
    if (e->kind != RG_EXPR_TERM || e->lhs->kind != RG_TERM_CALL) return;
    rg_term *call = e->lhs;
    int arity = call_arity(call);
    if (arity < 0 || (int)call->u.call.n != arity + 1) return;
    rg_term *out = call->u.call.args[arity];
    call->u.call.n = (size_t)arity;
    e->kind = RG_EXPR_UNIFY;
    e->lhs = out;
    e->rhs = call;
    (void)c;
}

static void resolve_with(rg_cctx *c, rg_scope *s, rg_with *w) {
    rg_term *t = w->target;
    /* A target written through an import alias is the aliased document. */
    rg_term *th = t->kind == RG_TERM_REF ? t->u.ref.head : t;
    if (th->kind == RG_TERM_VAR && strcmp(th->u.name, "input") != 0 && strcmp(th->u.name, "data") != 0 &&
        is_global(c, th->u.name) && t->kind == RG_TERM_VAR) {
        const rg_call_target *ft = rg_resolve_call_name(c, th->u.name);
        if (!ft) rewrite_global(c, t, th->u.name);
    }
    if (t->kind == RG_TERM_REF && t->u.ref.head->kind == RG_TERM_VAR && is_global(c, t->u.ref.head->u.name) &&
        strcmp(t->u.ref.head->u.name, "input") != 0 && strcmp(t->u.ref.head->u.name, "data") != 0) {
        rg_node *n = NULL;
        rg_buf d = RG_BUF_INIT;
        rg_buf_puts(&d, t->u.ref.head->u.name);
        for (size_t i = 0; i < t->u.ref.n; i++)
            if (t->u.ref.path[i]->kind == RG_TERM_SCALAR && t->u.ref.path[i]->u.v.kind == RG_STRING)
                rg_buf_printf(&d, ".%s", t->u.ref.path[i]->u.v.u.s);
        const rg_call_target *ft = rg_resolve_call_name(c, rg_buf_cstr(&d));
        rg_buf_fini(&d);
        if (!ft || !ft->node) rewrite_global(c, t, t->u.ref.head->u.name);
        (void)n;
    }
    const char *head = t->kind == RG_TERM_VAR ? t->u.name
                       : t->kind == RG_TERM_REF && t->u.ref.head->kind == RG_TERM_VAR ? t->u.ref.head->u.name
                                                                                      : NULL;
    if (head && (!strcmp(head, "input") || !strcmp(head, "data"))) {
        rg_term *h = t->kind == RG_TERM_VAR ? t : t->u.ref.head;
        h->slot = !strcmp(head, "input") ? RG_SLOT_INPUT : RG_SLOT_DATA;
        /* data.<pkg>.f naming a function is a mock, not a document. */
        if (t->kind == RG_TERM_REF && h->slot == RG_SLOT_DATA) {
            rg_node *n = node_at_ref(c->p->root, t);
            if (n && n->has_rules && n->kind == RG_RK_FUNC) {
                rg_call_target *ct = rg_arena_calloc(c->arena, sizeof *ct);
                ct->node = n;
                ct->name = n->path;
                t->resolved = ct;
            }
        }
    } else {
        /* A function or builtin name. */
        const rg_call_target *target = NULL;
        if (t->kind == RG_TERM_VAR) target = rg_resolve_call_name(c, t->u.name);
        else {
            /* Rebuild the dotted name from a ref of string parts. */
            rg_buf d = RG_BUF_INIT;
            rg_buf_puts(&d, t->u.ref.head->kind == RG_TERM_VAR ? t->u.ref.head->u.name : "");
            for (size_t i = 0; i < t->u.ref.n; i++) {
                const rg_term *p = t->u.ref.path[i];
                if (p->kind == RG_TERM_SCALAR && p->u.v.kind == RG_STRING) {
                    rg_buf_putc(&d, '.');
                    rg_buf_puts(&d, p->u.v.u.s);
                }
            }
            target = rg_resolve_call_name(c, rg_buf_cstr(&d));
            rg_buf_fini(&d);
        }
        if (!target) rg_cerr(c, "rego_compile_error", w->loc, "with keyword target must reference existing input, data, or a function");
        t->resolved = target;
    }
    /* The replacement may itself be a function name. */
    rg_term *v = w->value;
    if (v->kind == RG_TERM_VAR && rg_scope_lookup(s, v->u.name) == RG_SLOT_NONE) {
        const rg_call_target *ft = rg_resolve_call_name(c, v->u.name);
        if (ft) {
            v->resolved = ft;
            return;
        }
    }
    if (v->kind == RG_TERM_REF && v->u.ref.head->kind == RG_TERM_VAR && !strcmp(v->u.ref.head->u.name, "data")) {
        rg_node *n = node_at_ref(c->p->root, v);
        if (n && n->has_rules && n->kind == RG_RK_FUNC) {
            rg_call_target *ct = rg_arena_calloc(c->arena, sizeof *ct);
            ct->node = n;
            ct->name = n->path;
            v->resolved = ct;
            v->u.ref.head->slot = RG_SLOT_DATA;
            return;
        }
    }
    if (v->kind == RG_TERM_REF && v->u.ref.head->kind == RG_TERM_VAR &&
        rg_scope_lookup(s, v->u.ref.head->u.name) == RG_SLOT_NONE) {
        rg_buf d = RG_BUF_INIT;
        rg_buf_puts(&d, v->u.ref.head->u.name);
        for (size_t i = 0; i < v->u.ref.n; i++) {
            const rg_term *p = v->u.ref.path[i];
            if (p->kind == RG_TERM_SCALAR && p->u.v.kind == RG_STRING) {
                rg_buf_putc(&d, '.');
                rg_buf_puts(&d, p->u.v.u.s);
            }
        }
        const rg_call_target *ft = rg_resolve_call_name(c, rg_buf_cstr(&d));
        rg_buf_fini(&d);
        if (ft) {
            v->resolved = ft;
            return;
        }
    }
    rg_resolve_term(c, s, v);
}

static bool is_collection_literal(const rg_term *t) {
    return t->kind == RG_TERM_ARRAY || t->kind == RG_TERM_OBJECT || t->kind == RG_TERM_SET ||
           (t->kind == RG_TERM_SCALAR);
}

/* Unifying two literals whose shapes can never match is a type error, as the
 * type checker reports it ("match error"). */
static void check_shapes(rg_cctx *c, const rg_term *a, const rg_term *b, rg_loc loc) {
    if (!is_collection_literal(a) || !is_collection_literal(b)) return;
    if (a->kind == RG_TERM_SCALAR && b->kind == RG_TERM_SCALAR) return;
    if (a->kind != b->kind) {
        rg_cerr(c, "rego_type_error", loc, "match error: cannot unify %s with %s",
                a->kind == RG_TERM_ARRAY ? "array" : a->kind == RG_TERM_OBJECT ? "object" : a->kind == RG_TERM_SET ? "set" : rg_type_name(a->u.v),
                b->kind == RG_TERM_ARRAY ? "array" : b->kind == RG_TERM_OBJECT ? "object" : b->kind == RG_TERM_SET ? "set" : rg_type_name(b->u.v));
        return;
    }
    if (a->kind == RG_TERM_ARRAY) {
        if (a->u.coll.n != b->u.coll.n) {
            rg_cerr(c, "rego_type_error", loc, "match error: arrays of length %zu and %zu", a->u.coll.n, b->u.coll.n);
            return;
        }
        for (size_t i = 0; i < a->u.coll.n; i++) check_shapes(c, a->u.coll.items[i], b->u.coll.items[i], loc);
    } else if (a->kind == RG_TERM_OBJECT) {
        /* Only when every key is a literal can the key sets be compared. */
        for (size_t i = 0; i < 2 * a->u.coll.n; i += 2)
            if (a->u.coll.items[i]->kind != RG_TERM_SCALAR) return;
        for (size_t i = 0; i < 2 * b->u.coll.n; i += 2)
            if (b->u.coll.items[i]->kind != RG_TERM_SCALAR) return;
        bool same = a->u.coll.n == b->u.coll.n;
        for (size_t i = 0; same && i < a->u.coll.n; i++) {
            bool found = false;
            for (size_t j = 0; j < b->u.coll.n && !found; j++) {
                if (rg_value_equal(a->u.coll.items[2 * i]->u.v, b->u.coll.items[2 * j]->u.v)) {
                    found = true;
                    check_shapes(c, a->u.coll.items[2 * i + 1], b->u.coll.items[2 * j + 1], loc);
                }
            }
            same = found;
        }
        if (!same) rg_cerr(c, "rego_type_error", loc, "match error: object keys differ");
    }
}

void rg_resolve_body(rg_cctx *c, rg_scope *s, rg_body *b) {
    predeclare_body(c, s, b);
    for (size_t i = 0; i < b->n; i++) {
        rg_expr *e = b->exprs[i];
        switch (e->kind) {
        case RG_EXPR_SOME:
            for (size_t k = 0; k < e->n_some_vars; k++) {
                rg_term *v = e->some_vars[k];
                if (v->kind == RG_TERM_VAR && strcmp(v->u.name, "_") != 0) {
                    check_redeclare(c, s, v, e->loc, "declared");
                    rg_scope_declare(s, v->u.name, rg_new_slot(c, v->u.name));
                }
                rg_resolve_term(c, s, v);
            }
            break;
        case RG_EXPR_SOME_IN:
            if ((e->coll->kind == RG_TERM_ARRAY || e->coll->kind == RG_TERM_SET) && e->coll->u.coll.n) {
                /* No element of a literal collection can match the pattern. */
                bool any = false;
                for (size_t k = 0; k < e->coll->u.coll.n && !any; k++) {
                    const rg_term *el = e->coll->u.coll.items[k];
                    any = !is_collection_literal(el) || !is_collection_literal(e->value) ||
                          (el->kind == e->value->kind && (el->kind != RG_TERM_ARRAY || el->u.coll.n == e->value->u.coll.n)) ||
                          (el->kind == RG_TERM_SCALAR && e->value->kind == RG_TERM_SCALAR);
                }
                if (!any) rg_cerr(c, "rego_type_error", e->loc, "match error: no element of the collection fits the pattern");
            }
            if (e->coll->kind == RG_TERM_SCALAR)
                rg_cerr(c, "rego_type_error", e->loc, "some ... in: %s is not a collection", rg_type_name(e->coll->u.v));
            rg_resolve_term(c, s, e->coll);
            /* `some k, v in xs` declares fresh k and v. */
            if (e->key) check_redeclare(c, s, e->key, e->loc, "declared");
            check_redeclare(c, s, e->value, e->loc, "declared");
            if (e->key) rg_declare_pattern(c, s, e->key);
            rg_declare_pattern(c, s, e->value);
            if (e->key) rg_resolve_term(c, s, e->key);
            rg_resolve_term(c, s, e->value);
            break;
        case RG_EXPR_BODY: {
            /* not { ... }: a nested scope, like a comprehension body */
            rg_scope inner = {.parent = s};
            e->local_lo = c->nslots;
            rg_resolve_body(c, &inner, &e->every_body);
            e->local_hi = c->nslots;
            rg_scope_fini(&inner);
            break;
        }
        case RG_EXPR_EVERY: {
            rg_resolve_term(c, s, e->coll);
            rg_scope inner = {.parent = s};
            e->local_lo = c->nslots;
            if (e->key) rg_declare_pattern(c, &inner, e->key);
            rg_declare_pattern(c, &inner, e->value);
            if (e->key) rg_resolve_term(c, &inner, e->key);
            rg_resolve_term(c, &inner, e->value);
            rg_resolve_body(c, &inner, &e->every_body);
            e->local_hi = c->nslots;
            rg_scope_fini(&inner);
            break;
        }
        case RG_EXPR_ASSIGN:
            /* `a := {x: a | ...}`: the right side cannot see the a being declared. */
            rg_resolve_term(c, s, e->rhs);
            declare_assign(c, s, e);
            rg_resolve_term(c, s, e->lhs);
            if (e->lhs->kind == RG_TERM_REF || (e->lhs->kind == RG_TERM_VAR && e->lhs->slot < 0))
                rg_cerr(c, "rego_compile_error", e->loc, "cannot assign to %s",
                        e->lhs->kind == RG_TERM_VAR ? e->lhs->u.name : "a reference");
            check_shapes(c, e->lhs, e->rhs, e->loc);
            break;
        default:
            rg_resolve_term(c, s, e->lhs);
            if (e->rhs) rg_resolve_term(c, s, e->rhs);
            rewrite_output_call(c, e);
            if (e->rhs) check_shapes(c, e->lhs, e->rhs, e->loc);
            break;
        }
        for (size_t w = 0; w < e->n_withs; w++) resolve_with(c, s, &e->withs[w]);
        rg_check_calls(c, e->lhs);
        rg_check_calls(c, e->rhs);
        rg_check_calls(c, e->coll);
    }
}
