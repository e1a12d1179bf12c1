/* What a rule reads of a CloudFormation input, found statically: the
 * resource type names (string literals shaped like "AWS::S3::Bucket") in it
 * and in every rule and function it uses, transitively; and whether it
 * touches the input's Resources or Outputs other than through the by-type
 * index of the helper library (then it may read anything: "generic").
 *
 * regent scan uses this to evaluate a control on a template variant only
 * when the variant changes a resource of a type the control reads: a
 * control that reads resources only through cfn.resources(TYPE) cannot see
 * a resource of another type. */
#include <stdlib.h>
#include <string.h>

#include "rego/policy.h"

typedef struct reads_ctx {
    const rg_policy *p;
    const rg_node *index;  /* data.regent.cfn.resources_by_type, or NULL */
    const rg_node *ids;    /* data.regent.cfn.resource_ids, or NULL */
    uint8_t *seen;         /* per node id */
    rg_vec *types;
    bool generic;
} reads_ctx;

static void read_node(reads_ctx *c, const rg_node *n);
static void read_term(reads_ctx *c, const rg_term *t);

/* "AWS::S3::Bucket", "Custom::Thing" (two or three "::"-separated names). */
static bool type_shaped(rg_value v) {
    if (v.kind != RG_STRING || v.len < 5 || v.len > 128) return false;
    const char *s = v.u.s, *sep = strstr(s, "::");
    if (!sep || sep == s) return false;
    for (const char *q = s; *q; q++)
        if (!(*q == ':' || (*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9')))
            return false;
    return sep[2] != 0 && sep[2] != ':';
}

static void read_body(reads_ctx *c, const rg_body *b) {
    for (size_t i = 0; i < b->n; i++) {
        const rg_expr *e = b->exprs[i];
        read_term(c, e->lhs);
        read_term(c, e->rhs);
        read_term(c, e->coll);
        read_term(c, e->key);
        read_term(c, e->value);
        read_body(c, &e->every_body);
        /* `with` replaces input or data: what is read is no longer known. */
        if (e->n_withs) c->generic = true;
    }
}

/* The rule node a data reference names, following static parts. */
static const rg_node *data_node(reads_ctx *c, const rg_term *t) {
    const rg_node *n = c->p->root;
    for (size_t i = 0; i < t->u.ref.n; i++) {
        const rg_term *part = t->u.ref.path[i];
        if (part->kind != RG_TERM_SCALAR || part->u.v.kind != RG_STRING) {
            if (!n->has_rules) c->generic = true; /* data[x] below a package: anything */
            return n;
        }
        const rg_node *ch = rg_node_child(n, part->u.v);
        if (!ch) return NULL;
        n = ch;
        if (n->has_rules) return n;
    }
    if (!n->has_rules && n->subtree_rules) c->generic = true; /* a whole package as a value */
    return n;
}

/* input.Parameters, input.Mappings, ...: the sections every variant of a
 * template shares (variants resolve Resources and Outputs only). */
static bool unvarying_section(const rg_term *ref) {
    static const char *const same[] = {"Parameters", "Mappings", "Conditions", "Metadata", "Rules", "Globals",
                                       "AWSTemplateFormatVersion", "Description", "Transform"};
    if (!ref->u.ref.n) return false;
    const rg_term *first = ref->u.ref.path[0];
    if (first->kind != RG_TERM_SCALAR || first->u.v.kind != RG_STRING) return false;
    for (size_t i = 0; i < sizeof same / sizeof *same; i++)
        if (!strcmp(first->u.v.u.s, same[i])) return true;
    return false;
}

static void read_term(reads_ctx *c, const rg_term *t) {
    if (!t || c->generic) return;
    switch (t->kind) {
    case RG_TERM_SCALAR:
        if (type_shaped(t->u.v)) rg_vec_push(c->types, t->u.v);
        break;
    case RG_TERM_VAR:
        if (t->slot == RG_SLOT_INPUT || t->slot == RG_SLOT_DATA) c->generic = true;
        break;
    case RG_TERM_REF: {
        const rg_term *h = t->u.ref.head;
        if (h->kind == RG_TERM_VAR && h->slot == RG_SLOT_INPUT) {
            if (!unvarying_section(t)) {
                c->generic = true;
                return;
            }
            for (size_t i = 1; i < t->u.ref.n; i++) read_term(c, t->u.ref.path[i]);
            break;
        }
        if (h->kind == RG_TERM_VAR && h->slot == RG_SLOT_DATA) {
            const rg_node *n = data_node(c, t);
            if (n && n->has_rules) read_node(c, n);
        } else if (h->kind != RG_TERM_VAR) {
            read_term(c, h);
        }
        for (size_t i = 0; i < t->u.ref.n; i++) read_term(c, t->u.ref.path[i]);
        break;
    }
    case RG_TERM_ARRAY:
    case RG_TERM_SET:
        for (size_t i = 0; i < t->u.coll.n; i++) read_term(c, t->u.coll.items[i]);
        break;
    case RG_TERM_OBJECT:
        for (size_t i = 0; i < 2 * t->u.coll.n; i++) read_term(c, t->u.coll.items[i]);
        break;
    case RG_TERM_ARRAY_COMPR:
    case RG_TERM_SET_COMPR:
    case RG_TERM_OBJECT_COMPR:
        read_body(c, &t->u.compr.body);
        read_term(c, t->u.compr.head);
        read_term(c, t->u.compr.key);
        break;
    case RG_TERM_CALL: {
        const rg_call_target *ct = t->resolved;
        if (ct && ct->node) read_node(c, ct->node);
        for (size_t i = 0; i < t->u.call.n; i++) read_term(c, t->u.call.args[i]);
        break;
    }
    default: break;
    }
}

static void read_rule(reads_ctx *c, const rg_rule *r) {
    for (; r && !c->generic; r = r->else_) {
        for (size_t i = 0; i < r->head.n_ref; i++) read_term(c, r->head.ref[i]);
        read_term(c, r->head.key);
        read_term(c, r->head.value);
        for (size_t i = 0; i < r->head.n_args; i++) read_term(c, r->head.args[i]);
        read_body(c, &r->body);
    }
}

static void read_node(reads_ctx *c, const rg_node *n) {
    if (c->generic || c->seen[n->id]) return;
    c->seen[n->id] = 1;
    /* The helper library's index reads every resource once for all; who
     * uses it names the types it looks up. */
    if (n == c->index) return;
    /* The set of logical ids: depends on which resources exist only. */
    if (n == c->ids) {
        rg_vec_push(c->types, rg_string_static(RG_READS_IDS, strlen(RG_READS_IDS)));
        return;
    }
    for (size_t i = 0; i < n->n_rules; i++) read_rule(c, n->rules[i]->ast);
    if (n->default_rule) read_rule(c, n->default_rule->ast);
    /* Rules below this node (a package value) are read too. */
    for (size_t i = 0; i < n->n_children; i++)
        if (n->children[i]->subtree_rules && !n->has_rules) read_node(c, n->children[i]);
}

static const rg_node *lib_node(const rg_policy *p, const char *name) {
    const char *path[] = {"regent", "cfn", name};
    const rg_node *n = p->root;
    for (size_t i = 0; n && i < 3; i++) n = rg_node_child(n, rg_string_static(path[i], strlen(path[i])));
    return n;
}

bool rg_node_reads(const rg_policy *p, const rg_node *n, rg_vec *types) {
    reads_ctx c = {p, lib_node(p, "resources_by_type"), lib_node(p, "resource_ids"),
                   rg_xcalloc(p->n_nodes ? p->n_nodes : 1, 1), types, false};
    read_node(&c, n);
    free(c.seen);
    return !c.generic;
}
