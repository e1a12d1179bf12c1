/* The control catalogue: loads a policy set the way regent scan does, finds
 * its controls and reads their METADATA into typed records, checking its
 * shape, then derives coverage (by service, resource type, framework,
 * threat, mitigation and approval) for `regent policies`. */
#include "review/catalog.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "review/governance.h"
#include "review/policy_load.h"


typedef struct cat_state {
    rg_arena arena;
    rg_policy *policy;
} cat_state;

/* ---- loading ---- */

/* ---- natural order ---- */

int rg_natural_compare(const char *a, const char *b) {
    const char *x = a, *y = b;
    while (*x && *y) {
        if (isdigit((unsigned char)*x) && isdigit((unsigned char)*y)) {
            while (*x == '0' && isdigit((unsigned char)x[1])) x++;
            while (*y == '0' && isdigit((unsigned char)y[1])) y++;
            size_t nx = 0, ny = 0;
            while (isdigit((unsigned char)x[nx])) nx++;
            while (isdigit((unsigned char)y[ny])) ny++;
            if (nx != ny) return nx < ny ? -1 : 1;
            int c = strncmp(x, y, nx);
            if (c) return c;
            x += nx, y += ny;
        } else {
            if (*x != *y) return (unsigned char)*x < (unsigned char)*y ? -1 : 1;
            x++, y++;
        }
    }
    if (*x || *y) return *x ? 1 : -1;
    return strcmp(a, b); /* "S3.01" and "S3.1": still a total order */
}

/* ---- reading METADATA ---- */

typedef struct meta_ctx {
    rg_arena *a;
    rg_diags *problems;
    rg_catalog_control *c;
} meta_ctx;

static void problem(meta_ctx *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(meta_ctx *m, const char *fmt, ...) {
    rg_buf b = RG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    rg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    rg_diags_add(m->problems, "metadata_error", m->c->source_file, m->c->line, m->c->col, "%s: %s", m->c->id,
                 rg_buf_cstr(&b));
    rg_buf_fini(&b);
}

/* A string field, at the top level (title, description) or under custom. */
static const char *meta_string(meta_ctx *m, rg_value ann, const char *key) {
    rg_value v = rg_object_get_str(ann, key);
    if (rg_is_undef(v)) v = rg_object_get_str(rg_object_get_str(ann, "custom"), key);
    if (rg_is_undef(v) || v.kind == RG_NULL) return NULL;
    if (v.kind != RG_STRING) {
        problem(m, "%s must be a string, not %s", key, rg_type_name(v));
        return NULL;
    }
    return v.u.s;
}

/* A list of ids: an array of strings (a single string is a list of one). */
static rg_strlist to_list(meta_ctx *m, rg_value v, const char *what) {
    rg_strlist l = {NULL, 0};
    if (rg_is_undef(v) || v.kind == RG_NULL) return l;
    if (v.kind == RG_STRING) v = rg_array(m->a, &v, 1);
    if (v.kind != RG_ARRAY) {
        problem(m, "%s must be a list of strings, not %s", what, rg_type_name(v));
        return l;
    }
    l.items = rg_arena_calloc(m->a, (v.len ? v.len : 1) * sizeof *l.items);
    for (size_t i = 0; i < v.len; i++) {
        rg_value e = v.u.items[i];
        if (e.kind == RG_STRING && e.len) l.items[l.len++] = e.u.s;
        else if (e.kind == RG_STRING) problem(m, "%s has an empty entry", what);
        /* Numbers are rejected rather than printed: YAML reads 1.10 as 1.1. */
        else problem(m, "%s entries must be strings (quote numbers such as \"1.10\"), not %s", what, rg_type_name(e));
    }
    return l;
}

/* An object name -> list of ids, in written order... which YAML objects do
 * not keep: they come sorted by name, which is just as deterministic. */
static size_t to_named(meta_ctx *m, rg_value v, const char *what, rg_named_ids **out) {
    *out = NULL;
    if (rg_is_undef(v) || v.kind == RG_NULL) return 0;
    if (v.kind != RG_OBJECT) {
        problem(m, "%s must be a mapping of names to lists of ids, not %s", what, rg_type_name(v));
        return 0;
    }
    rg_named_ids *items = rg_arena_calloc(m->a, (v.len ? v.len : 1) * sizeof *items);
    size_t n = 0;
    for (size_t i = 0; i < v.len; i++) {
        rg_value k = rg_obj_key(v, i);
        if (k.kind != RG_STRING) {
            problem(m, "%s: names must be strings", what);
            continue;
        }
        char label[256];
        snprintf(label, sizeof label, "%s.%s", what, k.u.s);
        items[n] = (rg_named_ids){k.u.s, to_list(m, rg_obj_val(v, i), label)};
        n++;
    }
    *out = items;
    return n;
}

/* T01, M15: a letter and at least two digits. */
static void check_ids(meta_ctx *m, const rg_strlist *l, char letter, const char *what) {
    for (size_t i = 0; i < l->len; i++) {
        const char *s = l->items[i];
        size_t digits = strspn(s + 1, "0123456789");
        if (s[0] != letter || digits < 2 || s[1 + digits])
            problem(m, "%s: '%s' is not an id of the form %c01", what, s, letter);
    }
}

static void check_types(meta_ctx *m, const rg_strlist *l) {
    for (size_t i = 0; i < l->len; i++)
        if (!strstr(l->items[i], "::") || strchr(l->items[i], ' '))
            problem(m, "resource_types: '%s' is not a CloudFormation type such as AWS::S3::Bucket", l->items[i]);
}

static void read_approval(meta_ctx *m, rg_value v) {
    rg_catalog_control *c = m->c;
    c->approval_status = "pending";
    if (rg_is_undef(v) || v.kind == RG_NULL) return;
    if (v.kind != RG_OBJECT) {
        problem(m, "approval must be a mapping (status, reviewer, date), not %s", rg_type_name(v));
        return;
    }
    const char *status = meta_string(m, v, "status");
    c->approval_reviewer = meta_string(m, v, "reviewer");
    c->approval_date = meta_string(m, v, "date");
    /* Kept as written (anything but "approved" counts as pending, as in
     * governance), but a typo should not pass silently. */
    if (status) c->approval_status = status;
    if (status && strcmp(status, "approved") && strcmp(status, "pending"))
        problem(m, "approval.status must be approved or pending, not '%s'", status);
    if (!strcmp(c->approval_status, "approved") && (!c->approval_reviewer || !c->approval_date))
        problem(m, "an approved control names its reviewer and date");
}

/* The package segment after regent.aws, else the id's prefix, lower-cased. */
static const char *service_of(rg_arena *a, const char *package, const char *id) {
    static const char aws[] = "data.regent.aws.";
    const char *s = id;
    if (package && !strncmp(package, aws, sizeof aws - 1) && strchr(package + sizeof aws - 1, '.'))
        s = package + sizeof aws - 1;
    size_t n = strcspn(s, ".");
    char *out = rg_arena_strndup(a, s, n ? n : strlen(s));
    for (char *p = out; *p; p++) *p = (char)tolower((unsigned char)*p);
    return out;
}

static void read_metadata(meta_ctx *m, rg_value ann) {
    rg_catalog_control *c = m->c;
    rg_value custom = rg_object_get_str(ann, "custom");
    if (!rg_is_undef(custom) && custom.kind != RG_OBJECT) {
        problem(m, "custom must be a mapping, not %s", rg_type_name(custom));
        custom = rg_empty_object();
    }
    c->title = meta_string(m, ann, "title");
    c->description = meta_string(m, ann, "description");
    c->remediation = meta_string(m, ann, "remediation");
    const char *sev = meta_string(m, ann, "severity");
    int s = rg_severity_parse(sev);
    if (sev && s < 0) problem(m, "unknown severity '%s' (want critical, high, medium, low or info)", sev);
    c->severity = s < 0 ? RG_SEV_MEDIUM : (rg_severity)s;
    c->resource_types = to_list(m, rg_object_get_str(custom, "resource_types"), "resource_types");
    c->threats = to_list(m, rg_object_get_str(custom, "threats"), "threats");
    c->mitigations = to_list(m, rg_object_get_str(custom, "mitigations"), "mitigations");
    check_types(m, &c->resource_types);
    check_ids(m, &c->threats, 'T', "threats");
    check_ids(m, &c->mitigations, 'M', "mitigations");
    c->n_frameworks = to_named(m, rg_object_get_str(custom, "frameworks"), "frameworks", &c->frameworks);
    c->n_aliases = to_named(m, rg_object_get_str(custom, "aliases"), "aliases", &c->aliases);
    read_approval(m, rg_object_get_str(custom, "approval"));
}

/* Where the package's METADATA block is (else the package clause). */
static void locate(rg_catalog_control *c, const rg_module *mod) {
    if (!mod) return;
    c->line = (int)mod->package_loc.line;
    c->col = (int)mod->package_loc.col;
    for (size_t i = 0; i < mod->n_annotations; i++)
        if (mod->annotations[i].rule_index < 0) {
            c->line = (int)mod->annotations[i].loc.line;
            c->col = (int)mod->annotations[i].loc.col;
            return;
        }
}

static const rg_module *module_of(const rg_node *n) {
    for (size_t k = 0; k < 3; k++) {
        rg_node *rn = rg_node_child(n, rg_string_static(rg_control_rule_kinds[k], strlen(rg_control_rule_kinds[k])));
        if (!rn || !rn->has_rules) continue;
        const rg_crule *r = rn->n_rules ? rn->rules[0] : rn->default_rule;
        if (r && r->module) return r->module;
    }
    return NULL;
}

static void extract(cat_state *s, const rg_node *n, rg_catalog_control *c, rg_diags *problems) {
    rg_arena *a = &s->arena;
    rg_value ann = rg_is_undef(n->pkg_ann) ? rg_empty_object() : n->pkg_ann;
    const rg_module *mod = module_of(n);
    c->package = n->path;
    c->source_file = mod ? mod->file : NULL;
    locate(c, mod);
    meta_ctx m = {a, problems, c};
    c->id = n->path + 5; /* for messages until the real id is known */
    const char *id = meta_string(&m, ann, "id");
    if (id && !*id) problem(&m, "id is empty");
    if (id && *id) c->id = id;
    c->service = service_of(a, c->package, c->id);
    read_metadata(&m, ann);
}

/* ---- controls built into the engine ---- */

/* Controls regent implements in C (GOV.*: governance of resource types,
 * approvals, suppressions, waivers and unverifiable constructs) have no
 * METADATA block; governance.c defines them.  They all implement M15
 * against T15 (docs/threat-model.md), and ship approved: they are part of
 * the engine, reviewed with its code. */
static void add_engine_controls(cat_state *s, rg_catalog_control **out, size_t *n) {
    static const char *t15[] = {"T15"}, *m15[] = {"M15"};
    for (int k = 1; k < 100; k++) {
        char id[16];
        snprintf(id, sizeof id, "GOV.%03d", k);
        const rg_control *e = rg_gov_control(id);
        if (!e) continue;
        *out = rg_xrealloc(*out, (*n + 1) * sizeof **out);
        rg_catalog_control *c = &(*out)[(*n)++];
        /* The definitions are static: no copies needed. */
        *c = (rg_catalog_control){.id = e->id, .title = e->title, .description = e->description,
                                  .remediation = e->remediation, .severity = e->severity,
                                  .service = service_of(&s->arena, NULL, e->id), .approval_status = "approved",
                                  .approval_reviewer = "regent (built into the engine)",
                                  .threats = {t15, 1}, .mitigations = {m15, 1}};
    }
}

/* ---- the catalogue ---- */

static int cmp_controls(const void *x, const void *y) {
    return rg_natural_compare(((const rg_catalog_control *)x)->id, ((const rg_catalog_control *)y)->id);
}

static void check_duplicates(rg_catalog *c) {
    for (size_t i = 1; i < c->n_controls; i++) {
        const rg_catalog_control *a = &c->controls[i - 1], *b = &c->controls[i];
        if (strcmp(a->id, b->id)) continue;
        rg_diags_add(&c->problems, "metadata_error", b->source_file, b->line, b->col,
                     "%s: id also used by %s (%s)", b->id, a->package ? a->package : "the engine",
                     a->source_file ? a->source_file : "built in");
    }
}

int rg_catalog_load(const rg_catalog_options *o, rg_catalog *out) {
    memset(out, 0, sizeof *out);
    cat_state *s = rg_xcalloc(1, sizeof *s);
    out->owner = s;
    rg_arena_init(&s->arena);
    s->policy = rg_policy_new();
    int errs = rg_policy_load_library(s->policy, o->no_builtin, NULL, o->policy_paths, o->n_policy_paths, &out->errors);
    if (errs || rg_policy_compile(s->policy, &out->errors) != 0) return -1;
    rg_catalog_control *controls = NULL;
    size_t n = 0;
    for (size_t i = 0; i < s->policy->n_nodes; i++) {
        const rg_node *node = s->policy->nodes[i];
        if (!rg_node_is_control(node)) continue;
        controls = rg_xrealloc(controls, (n + 1) * sizeof *controls);
        memset(&controls[n], 0, sizeof *controls);
        extract(s, node, &controls[n++], &out->problems);
    }
    if (!o->no_builtin) add_engine_controls(s, &controls, &n);
    if (n) qsort(controls, n, sizeof *controls, cmp_controls);
    out->controls = rg_arena_memdup(&s->arena, controls ? controls : (rg_catalog_control[1]){{0}},
                                    (n ? n : 1) * sizeof *controls);
    out->n_controls = n;
    free(controls);
    check_duplicates(out);
    return 0;
}

void rg_catalog_fini(rg_catalog *c) {
    cat_state *s = c->owner;
    if (s) {
        rg_policy_free(s->policy);
        rg_arena_fini(&s->arena);
        free(s);
    }
    rg_diags_fini(&c->errors);
    rg_diags_fini(&c->problems);
    memset(c, 0, sizeof *c);
}

int rg_catalog_check_threats(const rg_catalog *cat, rg_diags *diags) {
    int n = 0;
    for (size_t i = 0; i < cat->n_controls; i++) {
        const rg_catalog_control *c = &cat->controls[i];
        const char *missing = !c->threats.len && !c->mitigations.len ? "threats and no mitigations"
                              : !c->threats.len                      ? "threats"
                              : !c->mitigations.len                  ? "mitigations"
                                                                     : NULL;
        if (!missing) continue;
        rg_diags_add(diags, "metadata_error", c->source_file, c->line, c->col,
                     "%s: names no %s (custom.threats, custom.mitigations)", c->id, missing);
        n++;
    }
    return n;
}

/* ---- the document ---- */

static rg_value str_or_null(const char *s) { return s ? rg_string_static(s, strlen(s)) : rg_null(); }

static rg_value list_value(rg_arena *a, const rg_strlist *l) {
    rg_value *items = rg_arena_alloc(a, (l->len ? l->len : 1) * sizeof *items);
    for (size_t i = 0; i < l->len; i++) items[i] = str_or_null(l->items[i]);
    return rg_array_take(items, l->len);
}

static rg_value named_value(rg_arena *a, const rg_named_ids *ids, size_t n) {
    rg_vec kv = RG_VEC_INIT;
    for (size_t i = 0; i < n; i++) {
        rg_vec_push(&kv, str_or_null(ids[i].name));
        rg_vec_push(&kv, list_value(a, &ids[i].ids));
    }
    rg_value v = rg_vec_to_object(a, &kv);
    rg_vec_fini(&kv);
    return v;
}

static rg_value obj(rg_arena *a, const char *const *keys, const rg_value *vals, size_t n) {
    rg_value *kv = rg_arena_alloc(a, 2 * n * sizeof *kv);
    for (size_t i = 0; i < n; i++) {
        kv[2 * i] = rg_string_static(keys[i], strlen(keys[i]));
        kv[2 * i + 1] = vals[i];
    }
    return rg_object(a, kv, n);
}

static rg_value control_value(rg_arena *a, const rg_catalog_control *c) {
    static const char *const ak[] = {"status", "reviewer", "date"};
    rg_value av[] = {str_or_null(c->approval_status), str_or_null(c->approval_reviewer), str_or_null(c->approval_date)};
    static const char *const keys[] = {"id",         "package",     "service",     "title",    "description",
                                       "severity",   "resource_types", "threats",  "mitigations", "frameworks",
                                       "remediation", "aliases",    "approval",    "source_file"};
    rg_value vals[] = {str_or_null(c->id),
                       str_or_null(c->package),
                       str_or_null(c->service),
                       str_or_null(c->title),
                       str_or_null(c->description),
                       str_or_null(rg_severity_name(c->severity)),
                       list_value(a, &c->resource_types),
                       list_value(a, &c->threats),
                       list_value(a, &c->mitigations),
                       named_value(a, c->frameworks, c->n_frameworks),
                       str_or_null(c->remediation),
                       named_value(a, c->aliases, c->n_aliases),
                       obj(a, ak, av, 3),
                       str_or_null(c->source_file)};
    return obj(a, keys, vals, sizeof keys / sizeof *keys);
}

/* Rows are arrays [key1, ..., keyN, leaf] in a sorted set; groups them into
 * nested objects key1 -> ... -> [leaf...].  An integer leaf is a control
 * index and becomes its id, so leaves come in catalogue order (rows are
 * distinct, so a leaf repeats only when two controls share an id). */
static rg_value group_rows(rg_arena *a, const rg_catalog *cat, const rg_value *rows, size_t n, size_t col) {
    size_t ncols = n ? rows[0].len : 0;
    if (col + 1 >= ncols) {
        rg_vec leaves = RG_VEC_INIT;
        for (size_t i = 0; i < n; i++) {
            rg_value leaf = rows[i].u.items[col];
            rg_vec_push(&leaves, rg_is_int(leaf) ? str_or_null(cat->controls[leaf.u.i].id) : leaf);
        }
        rg_value v = rg_vec_to_array(a, &leaves);
        rg_vec_fini(&leaves);
        return v;
    }
    rg_vec kv = RG_VEC_INIT;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && rg_value_equal(rows[j].u.items[col], rows[i].u.items[col])) j++;
        rg_vec_push(&kv, rows[i].u.items[col]);
        rg_vec_push(&kv, group_rows(a, cat, rows + i, j - i, col + 1));
        i = j;
    }
    rg_value v = rg_vec_to_object(a, &kv);
    rg_vec_fini(&kv);
    return v;
}

static void push_row(rg_arena *a, rg_vec *rows, rg_value k1, rg_value k2, rg_value k3) {
    rg_value r[3] = {k1, k2, k3};
    rg_vec_push(rows, rg_array(a, r, rg_is_undef(k3) ? 2 : 3));
}

static rg_value grouped(rg_arena *a, const rg_catalog *cat, rg_vec *rows) {
    rg_value set = rg_vec_to_set(a, rows);
    rg_vec_fini(rows);
    return set.len ? group_rows(a, cat, set.u.items, set.len, 0) : rg_empty_object();
}

/* key -> control ids, for one list field of every control. */
static rg_value by_list(rg_arena *a, const rg_catalog *cat, size_t field_offset) {
    rg_vec rows = RG_VEC_INIT;
    for (size_t i = 0; i < cat->n_controls; i++) {
        const rg_strlist *l = (const rg_strlist *)((const char *)&cat->controls[i] + field_offset);
        for (size_t k = 0; k < l->len; k++) push_row(a, &rows, str_or_null(l->items[k]), rg_int((int64_t)i), rg_undefined());
    }
    return grouped(a, cat, &rows);
}

static rg_value by_framework(rg_arena *a, const rg_catalog *cat) {
    rg_vec rows = RG_VEC_INIT;
    for (size_t i = 0; i < cat->n_controls; i++) {
        const rg_catalog_control *c = &cat->controls[i];
        for (size_t f = 0; f < c->n_frameworks; f++)
            for (size_t k = 0; k < c->frameworks[f].ids.len; k++)
                push_row(a, &rows, str_or_null(c->frameworks[f].name), str_or_null(c->frameworks[f].ids.items[k]),
                         rg_int((int64_t)i));
    }
    return grouped(a, cat, &rows);
}

static rg_value by_service(rg_arena *a, const rg_catalog *cat) {
    rg_vec members = RG_VEC_INIT, types = RG_VEC_INIT;
    for (size_t i = 0; i < cat->n_controls; i++) {
        const rg_catalog_control *c = &cat->controls[i];
        push_row(a, &members, str_or_null(c->service), rg_int((int64_t)i), rg_undefined());
        for (size_t k = 0; k < c->resource_types.len; k++)
            push_row(a, &types, str_or_null(c->service), str_or_null(c->resource_types.items[k]), rg_undefined());
    }
    rg_value m = grouped(a, cat, &members), t = grouped(a, cat, &types);
    rg_vec kv = RG_VEC_INIT;
    for (size_t i = 0; i < m.len; i++) {
        static const char *const keys[] = {"controls", "resource_types"};
        rg_value ts = rg_object_get(t, rg_obj_key(m, i));
        rg_value vals[] = {rg_int((int64_t)rg_obj_val(m, i).len), rg_is_undef(ts) ? rg_empty_array() : ts};
        rg_vec_push(&kv, rg_obj_key(m, i));
        rg_vec_push(&kv, obj(a, keys, vals, 2));
    }
    rg_value v = rg_vec_to_object(a, &kv);
    rg_vec_fini(&kv);
    return v;
}

rg_value rg_catalog_document(rg_catalog *cat) {
    cat_state *s = cat->owner;
    rg_arena *a = &s->arena;
    rg_value *controls = rg_arena_alloc(a, (cat->n_controls ? cat->n_controls : 1) * sizeof *controls);
    size_t approved = 0;
    for (size_t i = 0; i < cat->n_controls; i++) {
        controls[i] = control_value(a, &cat->controls[i]);
        if (!strcmp(cat->controls[i].approval_status, "approved")) approved++;
    }
    size_t pending = cat->n_controls - approved;
    static const char *const apk[] = {"approved", "pending"};
    rg_value apv[] = {rg_int((int64_t)approved), rg_int((int64_t)pending)};
    rg_value services = by_service(a, cat);
    rg_value types = by_list(a, cat, offsetof(rg_catalog_control, resource_types));
    static const char *const ck[] = {"services", "resource_types", "frameworks", "threats", "mitigations", "approval"};
    rg_value cv[] = {services,
                     types,
                     by_framework(a, cat),
                     by_list(a, cat, offsetof(rg_catalog_control, threats)),
                     by_list(a, cat, offsetof(rg_catalog_control, mitigations)),
                     obj(a, apk, apv, 2)};
    static const char *const nk[] = {"controls", "services", "resource_types", "approved", "pending"};
    rg_value nv[] = {rg_int((int64_t)cat->n_controls), rg_int((int64_t)services.len), rg_int((int64_t)types.len),
                     rg_int((int64_t)approved), rg_int((int64_t)pending)};
    static const char *const dk[] = {"controls", "coverage", "counts"};
    rg_value dv[] = {rg_array_take(controls, cat->n_controls), obj(a, ck, cv, 6), obj(a, nk, nv, 5)};
    return obj(a, dk, dv, 3);
}
