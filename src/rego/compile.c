/* The compiler driver: builds the rule tree from the modules' rule heads,
 * resolves each rule (resolve.c), orders bodies for safety (safety.c),
 * attaches METADATA annotations and rejects recursion.  Runs once per policy
 * set; the result is read-only. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "rego/compile_internal.h"

void rg_cerr(rg_cctx *c, const char *code, rg_loc loc, const char *fmt, ...) {
    rg_buf b = RG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    rg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    rg_diags_add(c->diags, code, loc.file, (int)loc.line, (int)loc.col, "%s", rg_buf_cstr(&b));
    rg_buf_fini(&b);
    c->errors++;
}

rg_policy *rg_policy_new(void) {
    rg_policy *p = rg_xcalloc(1, sizeof *p);
    rg_arena_init(&p->arena);
    p->data = rg_empty_object();
    return p;
}

static void free_nodes(rg_node *n) {
    if (!n) return;
    for (size_t i = 0; i < n->n_children; i++) free_nodes(n->children[i]);
    free(n->children);
    free(n->rules);
    free(n);
}

void rg_policy_free(rg_policy *p) {
    if (!p) return;
    free_nodes(p->root);
    free(p->nodes);
    free(p->modules);
    rg_arena_fini(&p->arena);
    free(p);
}

int rg_policy_add_module(rg_policy *p, const char *file, const char *src, size_t len, rg_diags *diags) {
    rg_parse_options opts = {.v0_compatible = p->v0_compatible};
    rg_module *m = NULL;
    if (rg_parse_module(&p->arena, file, src, len, &opts, &m, diags) != 0) return -1;
    if (p->n_modules == p->cap_modules) {
        p->cap_modules = p->cap_modules ? p->cap_modules * 2 : 8;
        p->modules = rg_xrealloc(p->modules, p->cap_modules * sizeof *p->modules);
    }
    p->modules[p->n_modules++] = m;
    return 0;
}

void rg_policy_set_data(rg_policy *p, rg_value data) { p->data = rg_value_copy(&p->arena, data); }

/* ---- rule tree ---- */

rg_node *rg_node_child(const rg_node *n, rg_value key) {
    if (!n) return NULL;
    size_t lo = 0, hi = n->n_children;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = rg_value_compare(n->children[mid]->key, key);
        if (c == 0) return n->children[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

static rg_node *new_node(rg_policy *p, rg_node *parent, rg_value key) {
    rg_node *n = rg_xcalloc(1, sizeof *n);
    n->key = key;
    n->parent = parent;
    if (!parent) {
        n->path = "data";
    } else {
        rg_buf b = RG_BUF_INIT;
        rg_buf_puts(&b, parent->path);
        rg_buf_putc(&b, '.');
        rg_buf_append(&b, key.u.s, key.len);
        n->path = rg_arena_strdup(&p->arena, rg_buf_cstr(&b));
        rg_buf_fini(&b);
    }
    return n;
}

static rg_node *child_or_new(rg_policy *p, rg_node *n, rg_value key) {
    size_t lo = 0, hi = n->n_children;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = rg_value_compare(n->children[mid]->key, key);
        if (c == 0) return n->children[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    if (n->n_children == n->cap_children) {
        n->cap_children = n->cap_children ? n->cap_children * 2 : 4;
        n->children = rg_xrealloc(n->children, n->cap_children * sizeof *n->children);
    }
    memmove(n->children + lo + 1, n->children + lo, (n->n_children - lo) * sizeof *n->children);
    rg_node *c = new_node(p, n, key);
    n->children[lo] = c;
    n->n_children++;
    return c;
}

static bool is_str_term(const rg_term *t) { return t->kind == RG_TERM_SCALAR && t->u.v.kind == RG_STRING; }

static rg_node *package_node(rg_policy *p, const rg_module *m) {
    rg_node *n = p->root;
    for (size_t i = 0; i < m->n_package; i++) n = child_or_new(p, n, m->package[i]->u.v);
    n->is_package = true;
    return n;
}

static const char *kind_name(rg_rule_kind k) {
    switch (k) {
    case RG_RK_COMPLETE: return "complete";
    case RG_RK_SET: return "multi-value";
    case RG_RK_OBJECT: return "single-value";
    case RG_RK_FUNC: return "function";
    }
    return "?";
}

static void add_rule(rg_cctx *c, rg_node *pkg, const rg_module *m, rg_rule *r) {
    rg_rule_head *h = &r->head;
    const char *name = h->ref[0]->u.name;
    if (m->v1 && (!strcmp(name, "input") || !strcmp(name, "data"))) {
        rg_cerr(c, "rego_compile_error", r->loc, "rules must not shadow %s", name);
        return;
    }
    rg_node *n = pkg;
    size_t i = 0;
    n = child_or_new(c->p, n, rg_string_static(h->ref[0]->u.name, strlen(h->ref[0]->u.name)));
    for (i = 1; i < h->n_ref && is_str_term(h->ref[i]); i++) {
        /* The last static part of a multi-value or object rule is the rule
         * itself only when nothing dynamic follows. */
        n = child_or_new(c->p, n, h->ref[i]->u.v);
    }
    rg_crule *cr = rg_arena_calloc(&c->p->arena, sizeof *cr);
    cr->ast = r;
    cr->node = n;
    cr->module = m;
    cr->tail = h->ref + i;
    cr->n_tail = h->n_ref - i;
    cr->annotations = rg_empty_object();
    cr->chain = rg_empty_array();
    cr->multi = h->contains && cr->n_tail;
    if (h->is_func) cr->kind = RG_RK_FUNC;
    else if (h->contains && !cr->n_tail) cr->kind = RG_RK_SET;
    else if (cr->n_tail) cr->kind = RG_RK_OBJECT;
    else cr->kind = RG_RK_COMPLETE;
    if (n->has_rules && n->kind != cr->kind) {
        rg_cerr(c, "rego_type_error", r->loc, "conflicting rules %s found (%s and %s)", n->path, kind_name(n->kind),
                kind_name(cr->kind));
        return;
    }
    if (cr->kind == RG_RK_FUNC && n->has_rules && n->arity != (int)h->n_args) {
        rg_cerr(c, "rego_type_error", r->loc, "conflicting rules %s found: functions must have the same arity", n->path);
        return;
    }
    n->kind = cr->kind;
    n->arity = (int)h->n_args;
    n->has_rules = true;
    if (h->is_default) {
        if (n->default_rule) {
            rg_cerr(c, "rego_type_error", r->loc, "multiple default rules %s found", n->path);
            return;
        }
        n->default_rule = cr;
        return;
    }
    if (n->n_rules == n->cap_rules) {
        n->cap_rules = n->cap_rules ? n->cap_rules * 2 : 4;
        n->rules = rg_xrealloc(n->rules, n->cap_rules * sizeof *n->rules);
    }
    n->rules[n->n_rules++] = cr;
}

static void number_nodes(rg_policy *p, rg_node *n, size_t *cap) {
    if (p->n_nodes == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        p->nodes = rg_xrealloc(p->nodes, *cap * sizeof *p->nodes);
    }
    n->id = (int)p->n_nodes;
    p->nodes[p->n_nodes++] = n;
    n->subtree_rules = n->has_rules;
    for (size_t i = 0; i < n->n_children; i++) {
        number_nodes(p, n->children[i], cap);
        if (n->children[i]->subtree_rules) n->subtree_rules = true;
    }
}

/* ---- compiling rules ---- */

static bool ground_default(const rg_term *t) {
    switch (t->kind) {
    case RG_TERM_VAR:
    case RG_TERM_REF:
    case RG_TERM_CALL: return false;
    case RG_TERM_ARRAY:
    case RG_TERM_SET:
        for (size_t i = 0; i < t->u.coll.n; i++)
            if (!ground_default(t->u.coll.items[i])) return false;
        return true;
    case RG_TERM_OBJECT:
        for (size_t i = 0; i < 2 * t->u.coll.n; i++)
            if (!ground_default(t->u.coll.items[i])) return false;
        return true;
    default: return true;
    }
}

static bool computes(const rg_term *t) {
    if (!t) return false;
    switch (t->kind) {
    case RG_TERM_CALL:
    case RG_TERM_ARRAY_COMPR:
    case RG_TERM_SET_COMPR:
    case RG_TERM_OBJECT_COMPR: return true;
    case RG_TERM_ARRAY:
    case RG_TERM_SET:
        for (size_t i = 0; i < t->u.coll.n; i++)
            if (computes(t->u.coll.items[i])) return true;
        return false;
    case RG_TERM_OBJECT:
        for (size_t i = 0; i < 2 * t->u.coll.n; i++)
            if (computes(t->u.coll.items[i])) return true;
        return false;
    default: return false;
    }
}

/* f($"{x}") := ... if { x = ... }: an argument that computes (a call or a
 * comprehension) becomes a variable compared in the body, where the body's
 * bindings reach it, as OPA rewrites it. */
static void move_computed_args(rg_cctx *c, rg_rule *r) {
    rg_rule_head *h = &r->head;
    if (r->else_) return;
    for (size_t i = 0; i < h->n_args; i++) {
        if (!computes(h->args[i])) continue;
        rg_term *var = rg_arena_calloc(c->arena, sizeof *var);
        var->kind = RG_TERM_VAR;
        var->loc = h->args[i]->loc;
        char name[32];
        snprintf(name, sizeof name, "$arg%zu", i);
        var->u.name = rg_arena_strdup(c->arena, name);
        rg_term *use = rg_arena_memdup(c->arena, var, sizeof *var);
        rg_expr *eq = rg_arena_calloc(c->arena, sizeof *eq);
        eq->kind = RG_EXPR_UNIFY;
        eq->loc = var->loc;
        eq->lhs = use;
        eq->rhs = h->args[i];
        h->args[i] = var;
        rg_expr **exprs = rg_arena_alloc(c->arena, (r->body.n + 1) * sizeof *exprs);
        if (r->body.n) memcpy(exprs, r->body.exprs, r->body.n * sizeof *exprs);
        exprs[r->body.n] = eq;
        r->body.exprs = exprs;
        r->body.n++;
        r->has_body = true;
    }
}

static void compile_rule(rg_cctx *c, rg_crule *cr) {
    c->nslots = 0;
    c->slot_names = NULL;
    c->cap_names = 0;
    rg_rule *r = cr->ast;
    rg_rule_head *h = &r->head;
    if (cr->kind == RG_RK_FUNC) move_computed_args(c, r);
    rg_scope s = {.rule_level = true};
    for (size_t i = 0; i < h->n_args; i++) rg_declare_pattern(c, &s, h->args[i]);
    for (size_t i = 0; i < h->n_args; i++) rg_resolve_term(c, &s, h->args[i]);
    /* Each body (main and else branches) gets its own scope over the args. */
    for (rg_rule *rule = r; rule; rule = rule->else_) {
        rg_scope bs = {.parent = &s};
        rg_resolve_body(c, &bs, &rule->body);
        if (rule == r) {
            for (size_t i = 0; i < cr->n_tail; i++) rg_resolve_term(c, &bs, cr->tail[i]);
            rg_resolve_term(c, &bs, h->key);
        }
        rg_resolve_term(c, &bs, rule->head.value);
        rg_check_calls(c, rule->head.value);
        if (rule == r) {
            rg_check_calls(c, h->key);
            for (size_t i = 0; i < cr->n_tail; i++) rg_check_calls(c, cr->tail[i]);
        }
        rg_scope_fini(&bs);
    }
    rg_scope_fini(&s);
    if (h->is_default && h->value && !ground_default(h->value))
        rg_cerr(c, "rego_type_error", h->value->loc, "default rule %s value cannot contain variables, references or calls",
                cr->node->path);
    rg_safety_rule(c, cr);
    cr->nslots = c->nslots;
    cr->slot_names = c->slot_names;
}

/* ---- annotations ----
 * METADATA blocks attach by scope: `rule` (default before a rule) to that
 * rule, `document` to every rule of the same path, `package` (default before
 * the package line) to the package, `subpackages` to the package and all
 * below it.  rego.metadata.chain() lists, nearest first: the rule (with its
 * rule or document annotations), its package, then ancestors' subpackages
 * annotations. */

/* The path of a node without the leading "data", as chain() shows it. */
static rg_value path_value(rg_arena *a, const rg_node *n) {
    rg_vec parts = RG_VEC_INIT;
    for (const rg_node *q = n; q && q->parent; q = q->parent) rg_vec_push(&parts, q->key);
    for (size_t x = 0; x < parts.len / 2; x++) {
        rg_value t = parts.items[x];
        parts.items[x] = parts.items[parts.len - 1 - x];
        parts.items[parts.len - 1 - x] = t;
    }
    rg_value v = rg_vec_to_array(a, &parts);
    rg_vec_fini(&parts);
    return v;
}

/* "Jane Doe <jane@example.com>" -> {"name": ..., "email": ...}. */
static rg_value author_value(rg_arena *a, rg_value v) {
    if (v.kind != RG_STRING) return v;
    const char *s = v.u.s, *lt = strrchr(s, '<'), *gt = strrchr(s, '>');
    rg_value kv[4];
    size_t n = 0;
    if (lt && gt && gt > lt && gt[1] == 0) {
        const char *end = lt;
        while (end > s && end[-1] == ' ') end--;
        if (end > s) kv[2 * n] = rg_string_static("name", 4), kv[2 * n + 1] = rg_string(a, s, (size_t)(end - s)), n++;
        kv[2 * n] = rg_string_static("email", 5), kv[2 * n + 1] = rg_string(a, lt + 1, (size_t)(gt - lt - 1)), n++;
    } else {
        kv[0] = rg_string_static("name", 4), kv[1] = v, n = 1;
    }
    return rg_object(a, kv, n);
}

/* Normalises annotation fields OPA gives structure: authors, related_resources. */
static rg_value normalize_annotation(rg_arena *a, rg_value ann) {
    rg_value authors = rg_object_get_str(ann, "authors");
    if (authors.kind == RG_ARRAY) {
        rg_value *items = rg_arena_alloc(a, (authors.len ? authors.len : 1) * sizeof *items);
        for (size_t i = 0; i < authors.len; i++) items[i] = author_value(a, authors.u.items[i]);
        ann = rg_object_put(a, ann, rg_string_static("authors", 7), rg_array(a, items, authors.len));
    }
    rg_value rel = rg_object_get_str(ann, "related_resources");
    if (rel.kind == RG_ARRAY) {
        rg_value *items = rg_arena_alloc(a, (rel.len ? rel.len : 1) * sizeof *items);
        for (size_t i = 0; i < rel.len; i++) {
            rg_value r = rel.u.items[i];
            rg_value kv[2] = {rg_string_static("ref", 3), r};
            items[i] = r.kind == RG_STRING ? rg_object(a, kv, 1) : r;
        }
        ann = rg_object_put(a, ann, rg_string_static("related_resources", 17), rg_array(a, items, rel.len));
    }
    return ann;
}

static rg_value chain_entry(rg_arena *a, rg_value path, rg_value ann) {
    rg_value e[4] = {rg_string_static("annotations", 11), ann, rg_string_static("path", 4), path};
    return rg_is_undef(ann) ? rg_object(a, e + 2, 1) : rg_object(a, e, 2);
}

static rg_crule *crule_of(rg_node *root_nodes[], size_t n_nodes, const rg_rule *r) {
    for (size_t i = 0; i < n_nodes; i++) {
        rg_node *n = root_nodes[i];
        for (size_t k = 0; k <= n->n_rules; k++) {
            rg_crule *cr = k < n->n_rules ? n->rules[k] : n->default_rule;
            if (cr && cr->ast == r) return cr;
        }
    }
    return NULL;
}

/* Pass 1: parses a module's blocks and stores them by scope. */
static void collect_annotations(rg_cctx *c, rg_module *m, rg_node *pkg) {
    rg_arena *a = &c->p->arena;
    for (size_t i = 0; i < m->n_annotations; i++) {
        rg_annotation *an = &m->annotations[i];
        rg_value v;
        rg_diags tmp = RG_DIAGS_INIT;
        if (rg_yaml_parse(a, m->file, an->yaml, strlen(an->yaml), 0, NULL, &v, &tmp) != 0 ||
            (v.kind != RG_OBJECT && v.kind != RG_NULL)) {
            rg_cerr(c, "rego_parse_error", an->loc, "invalid METADATA annotation: %s",
                    tmp.len ? tmp.items[0].msg : "expected a YAML mapping");
            rg_diags_fini(&tmp);
            continue;
        }
        rg_diags_fini(&tmp);
        if (v.kind == RG_NULL) v = rg_empty_object();
        bool before_package = an->rule_index < 0;
        rg_value sc = rg_object_get_str(v, "scope");
        const char *scope = sc.kind == RG_STRING ? sc.u.s : before_package ? "package" : "rule";
        rg_crule *cr = before_package || (size_t)an->rule_index >= m->n_rules
                           ? NULL
                           : crule_of(c->p->nodes, c->p->n_nodes, m->rules[an->rule_index]);
        if (strcmp(scope, "rule") && strcmp(scope, "document") && strcmp(scope, "package") &&
            strcmp(scope, "subpackages")) {
            rg_cerr(c, "rego_parse_error", an->loc, "invalid annotation scope '%s'", scope);
            continue;
        }
        if (!strcmp(scope, "rule") && !cr) {
            rg_cerr(c, "rego_parse_error", an->loc, "annotation scope 'rule' must be applied to rule");
            continue;
        }
        v = rg_object_put(a, normalize_annotation(a, v), rg_string_static("scope", 5), rg_cstring(a, scope));
        if (!strcmp(scope, "rule")) cr->annotations = v;
        else if (!strcmp(scope, "document") && cr) cr->node->doc_ann = v;
        else if (!strcmp(scope, "subpackages")) pkg->sub_ann = v;
        else pkg->pkg_ann = v;
    }
}

/* Pass 2: rego.metadata.rule() and chain() values for every rule. */
static void build_chains(rg_cctx *c) {
    rg_arena *a = &c->p->arena;
    for (size_t ni = 0; ni < c->p->n_nodes; ni++) {
        rg_node *n = c->p->nodes[ni];
        for (size_t k = 0; k <= n->n_rules; k++) {
            rg_crule *cr = k < n->n_rules ? n->rules[k] : n->default_rule;
            if (!cr) continue;
            rg_value own = cr->annotations.len ? cr->annotations : rg_undefined();
            rg_vec chain = RG_VEC_INIT;
            rg_vec_push(&chain, chain_entry(a, path_value(a, n), own));
            if (!rg_is_undef(n->doc_ann)) rg_vec_push(&chain, chain_entry(a, path_value(a, n), n->doc_ann));
            /* rego.metadata.rule(): the rule's own annotations, else its document's. */
            if (rg_is_undef(own) && !rg_is_undef(n->doc_ann)) cr->annotations = n->doc_ann;
            rg_node *pkg = NULL;
            for (rg_node *q = n->parent; q && !pkg; q = q->parent)
                if (q->is_package) pkg = q;
            if (pkg && !rg_is_undef(pkg->pkg_ann)) rg_vec_push(&chain, chain_entry(a, path_value(a, pkg), pkg->pkg_ann));
            for (rg_node *q = pkg; q; q = q->parent)
                if (!rg_is_undef(q->sub_ann)) rg_vec_push(&chain, chain_entry(a, path_value(a, q), q->sub_ann));
            cr->chain = rg_vec_to_array(a, &chain);
            rg_vec_fini(&chain);
        }
    }
}

/* ---- recursion ---- */

static void deps_term(rg_cctx *c, const rg_term *t, rg_node **stack, size_t depth);

static rg_node *ref_node(rg_cctx *c, const rg_term *t, rg_node *root) {
    rg_node *n = root;
    for (size_t i = 0; i < t->u.ref.n; i++) {
        const rg_term *p = t->u.ref.path[i];
        /* A dynamic part below a rule-free prefix could name anything; like
         * OPA, record no static dependency (evaluation still catches cycles). */
        if (!is_str_term(p)) return n->has_rules ? n : NULL;
        rg_node *ch = rg_node_child(n, p->u.v);
        if (!ch) return NULL; /* base data only */
        n = ch;
        if (n->has_rules) return n;
    }
    (void)c;
    return n;
}

static void visit_node(rg_cctx *c, rg_node *n, rg_node **stack, size_t depth);

static void visit_subtree(rg_cctx *c, rg_node *n, rg_node **stack, size_t depth) {
    if (n->has_rules) visit_node(c, n, stack, depth);
    else
        for (size_t i = 0; i < n->n_children; i++)
            if (n->children[i]->subtree_rules) visit_subtree(c, n->children[i], stack, depth);
}

static void deps_body(rg_cctx *c, const rg_body *b, rg_node **stack, size_t depth) {
    for (size_t i = 0; i < b->n; i++) {
        const rg_expr *e = b->exprs[i];
        deps_term(c, e->lhs, stack, depth);
        deps_term(c, e->rhs, stack, depth);
        deps_term(c, e->coll, stack, depth);
        deps_term(c, e->key, stack, depth);
        deps_term(c, e->value, stack, depth);
        deps_body(c, &e->every_body, stack, depth);
        for (size_t w = 0; w < e->n_withs; w++) deps_term(c, e->withs[w].value, stack, depth);
    }
}

static void deps_term(rg_cctx *c, const rg_term *t, rg_node **stack, size_t depth) {
    if (!t) return;
    switch (t->kind) {
    case RG_TERM_REF:
        if (t->u.ref.head->kind == RG_TERM_VAR && t->u.ref.head->slot == RG_SLOT_DATA) {
            rg_node *n = ref_node(c, t, c->p->root);
            if (n && n->subtree_rules) visit_subtree(c, n, stack, depth);
        }
        if (t->u.ref.head->kind != RG_TERM_VAR) deps_term(c, t->u.ref.head, stack, depth);
        for (size_t i = 0; i < t->u.ref.n; i++) deps_term(c, t->u.ref.path[i], stack, depth);
        break;
    case RG_TERM_VAR:
        if (t->slot == RG_SLOT_DATA) visit_subtree(c, c->p->root, stack, depth);
        break;
    case RG_TERM_ARRAY:
    case RG_TERM_SET:
        for (size_t i = 0; i < t->u.coll.n; i++) deps_term(c, t->u.coll.items[i], stack, depth);
        break;
    case RG_TERM_OBJECT:
        for (size_t i = 0; i < 2 * t->u.coll.n; i++) deps_term(c, t->u.coll.items[i], stack, depth);
        break;
    case RG_TERM_ARRAY_COMPR:
    case RG_TERM_SET_COMPR:
    case RG_TERM_OBJECT_COMPR:
        deps_body(c, &t->u.compr.body, stack, depth);
        deps_term(c, t->u.compr.head, stack, depth);
        deps_term(c, t->u.compr.key, stack, depth);
        break;
    case RG_TERM_CALL: {
        const rg_call_target *ct = t->resolved;
        if (ct && ct->node) visit_node(c, ct->node, stack, depth);
        for (size_t i = 0; i < t->u.call.n; i++) deps_term(c, t->u.call.args[i], stack, depth);
        break;
    }
    default: break;
    }
}

#define RG_MAX_RULE_DEPTH 4096

static void visit_node(rg_cctx *c, rg_node *n, rg_node **stack, size_t depth) {
    if (n->visit == 2) return;
    if (n->visit == 1) {
        rg_buf b = RG_BUF_INIT;
        size_t start = depth;
        while (start > 0 && stack[start - 1] != n) start--;
        if (start > 0) start--;
        for (size_t i = start; i < depth; i++) {
            rg_buf_puts(&b, stack[i]->path);
            rg_buf_puts(&b, " -> ");
        }
        rg_buf_puts(&b, n->path);
        rg_crule *cr = n->n_rules ? n->rules[0] : n->default_rule;
        rg_loc loc = cr ? cr->ast->loc : (rg_loc){0};
        rg_cerr(c, "rego_recursion_error", loc, "rule %s is recursive: %s", n->path, rg_buf_cstr(&b));
        rg_buf_fini(&b);
        return;
    }
    if (depth >= RG_MAX_RULE_DEPTH) return;
    n->visit = 1;
    stack[depth] = n;
    for (size_t k = 0; k <= n->n_rules; k++) {
        rg_crule *cr = k < n->n_rules ? n->rules[k] : n->default_rule;
        if (!cr) continue;
        for (rg_rule *r = cr->ast; r; r = r->else_) {
            deps_body(c, &r->body, stack, depth + 1);
            deps_term(c, r->head.value, stack, depth + 1);
        }
        deps_term(c, cr->ast->head.key, stack, depth + 1);
        for (size_t i = 0; i < cr->n_tail; i++) deps_term(c, cr->tail[i], stack, depth + 1);
    }
    n->visit = 2;
}

static bool import_is(const rg_import *im, const char *head, const char *second) {
    const rg_term *t = im->path;
    if (t->kind == RG_TERM_VAR) return !second && !strcmp(t->u.name, head);
    if (t->u.ref.head->kind != RG_TERM_VAR || strcmp(t->u.ref.head->u.name, head) != 0) return false;
    if (!second) return true;
    return t->u.ref.n >= 1 && is_str_term(t->u.ref.path[0]) && !strcmp(t->u.ref.path[0]->u.v.u.s, second);
}

/* `import rego.v1` may not be repeated nor combined with future.keywords. */
static void check_imports(rg_cctx *c, const rg_module *m) {
    int v1 = 0, future = 0;
    for (size_t i = 0; i < m->n_imports; i++) {
        const rg_import *im = &m->imports[i];
        if (import_is(im, "rego", "v1")) v1++;
        else if (import_is(im, "future", "keywords")) future++;
        if (v1 > 1 || (v1 && future))
            rg_cerr(c, "rego_parse_error", im->loc, "the rego.v1 import conflicts with another import");
    }
}

int rg_policy_compile(rg_policy *p, rg_diags *diags) {
    rg_cctx c = {.p = p, .arena = &p->arena, .diags = diags};
    for (size_t i = 0; i < p->n_modules; i++) check_imports(&c, p->modules[i]);
    p->root = new_node(p, NULL, rg_string_static("data", 4));
    for (size_t i = 0; i < p->n_modules; i++) {
        rg_module *m = p->modules[i];
        rg_node *pkg = package_node(p, m);
        for (size_t r = 0; r < m->n_rules; r++) add_rule(&c, pkg, m, m->rules[r]);
    }
    size_t cap = 0;
    number_nodes(p, p->root, &cap);
    for (size_t i = 0; i < p->n_modules; i++) {
        rg_module *m = p->modules[i];
        c.mod = m;
        c.pkg = package_node(p, m);
        for (size_t ni = 0; ni < p->n_nodes; ni++) {
            rg_node *n = p->nodes[ni];
            for (size_t k = 0; k <= n->n_rules; k++) {
                rg_crule *cr = k < n->n_rules ? n->rules[k] : n->default_rule;
                if (cr && cr->module == m) compile_rule(&c, cr);
            }
        }
        collect_annotations(&c, m, c.pkg);
    }
    build_chains(&c);
    if (!c.errors) {
        rg_node **stack = rg_xmalloc((RG_MAX_RULE_DEPTH + 1) * sizeof *stack);
        for (size_t ni = 0; ni < p->n_nodes; ni++)
            if (p->nodes[ni]->has_rules) visit_node(&c, p->nodes[ni], stack, 0);
        free(stack);
    }
    p->compiled = c.errors == 0;
    return c.errors ? -1 : 0;
}

/* ---- queries ---- */

static void collect_result_vars(rg_query *q, const rg_term *t, rg_vec *seen);

static void note_var(rg_query *q, const rg_term *t, rg_vec *seen) {
    if (t->slot < 0 || t->u.name[0] == '_' || t->u.name[0] == '$') return;
    for (size_t i = 0; i < seen->len; i++)
        if (seen->items[i].u.i == t->slot) return;
    rg_vec_push(seen, rg_int(t->slot));
    (void)q;
}

static void collect_result_vars(rg_query *q, const rg_term *t, rg_vec *seen) {
    if (!t) return;
    switch (t->kind) {
    case RG_TERM_VAR: note_var(q, t, seen); break;
    case RG_TERM_REF:
        collect_result_vars(q, t->u.ref.head, seen);
        for (size_t i = 0; i < t->u.ref.n; i++) collect_result_vars(q, t->u.ref.path[i], seen);
        break;
    case RG_TERM_ARRAY:
    case RG_TERM_SET:
        for (size_t i = 0; i < t->u.coll.n; i++) collect_result_vars(q, t->u.coll.items[i], seen);
        break;
    case RG_TERM_OBJECT:
        for (size_t i = 0; i < 2 * t->u.coll.n; i++) collect_result_vars(q, t->u.coll.items[i], seen);
        break;
    case RG_TERM_CALL:
        for (size_t i = 0; i < t->u.call.n; i++) collect_result_vars(q, t->u.call.args[i], seen);
        break;
    default: break;
    }
}

int rg_query_compile(rg_policy *p, rg_arena *a, const char *text, rg_query **out, rg_diags *diags) {
    rg_parse_options opts = {.v0_compatible = p->v0_compatible};
    rg_body body;
    if (rg_parse_query(a, "query", text, strlen(text), &opts, &body, diags) != 0) return -1;
    rg_cctx c = {.p = p, .arena = a, .diags = diags, .query = true};
    rg_expr **written = rg_arena_memdup(a, body.exprs, (body.n ? body.n : 1) * sizeof *written);
    rg_scope s = {0};
    rg_resolve_body(&c, &s, &body);
    rg_scope_fini(&s);
    rg_safety_query(&c, &body);
    if (c.errors) return -1;
    rg_query *q = rg_arena_calloc(a, sizeof *q);
    q->body = body;
    q->written = written;
    q->nslots = c.nslots;
    q->slot_names = c.slot_names;
    rg_vec seen = RG_VEC_INIT;
    /* Result variables in written order: walk the original expressions. */
    for (size_t i = 0; i < body.n; i++) {
        const rg_expr *e = written[i];
        for (size_t k = 0; k < e->n_some_vars; k++) collect_result_vars(q, e->some_vars[k], &seen);
        collect_result_vars(q, e->lhs, &seen);
        collect_result_vars(q, e->rhs, &seen);
        collect_result_vars(q, e->key, &seen);
        collect_result_vars(q, e->value, &seen);
        collect_result_vars(q, e->coll, &seen);
    }
    q->n_results = seen.len;
    q->result_slots = rg_arena_alloc(a, (seen.len ? seen.len : 1) * sizeof *q->result_slots);
    for (size_t i = 0; i < seen.len; i++) q->result_slots[i] = (int)seen.items[i].u.i;
    rg_vec_fini(&seen);
    *out = q;
    return 0;
}
