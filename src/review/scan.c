/* regent scan's engine: compile the policy set once, find the controls
 * (packages with deny/violation/warn rules), evaluate every control on every
 * template in worker threads, then turn results into located findings on
 * one thread so the output order never depends on scheduling. */
#include "review/scan.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfn/cfn.h"
#include "review/policy_load.h"
#include "review/suppress.h"
#include "review/waivers.h"
#include "review/variant_findings.h"
#include "rego/policy.h"

#define rule_kinds rg_control_rule_kinds
enum { N_KINDS = 3 };

typedef struct raw_result {
    size_t control;
    int kind;
    rg_value value;
} raw_result;

typedef struct job {
    rg_cfn_template *t;
    rg_value input;      /* the variant of t evaluated (see cfn/variants.c) */
    size_t variant, n_variants;
    rg_value conditions; /* the variant's variable values */
    rg_value changed;    /* variants after the first: types of the resources that differ from the first (a set) */
    rg_value changed_ids; /* ... and their logical ids (a set) */
    rg_value reduced;    /* ... the variant with only those resources, for per-resource controls */
    uint8_t *reused;     /* per control: REUSED (the first variant's results hold) or PARTIAL (they hold for
                            unchanged resources; the changed ones were evaluated on `reduced`) */
    rg_arena arena; /* evaluation results */
    raw_result *results;
    size_t n_results, cap_results;
    rg_diags errors;
} job;

enum { REUSED = 1, PARTIAL = 2 };

typedef struct scan_state {
    rg_policy *policy;
    rg_arena arena; /* findings' strings, queries */
    rg_cfn_templates templates;
    job *jobs;
    size_t n_jobs;
    rg_query *(*queries)[N_KINDS]; /* per control: deny, violation, warn */
    rg_value *aliases;             /* per control: custom.aliases, for peer suppressions */
    bool *whole_template;          /* per control: METADATA custom.whole_template */
    bool *per_resource;            /* per control: METADATA custom.per_resource (findings on a resource depend
                                      on that resource and the unvarying sections only) */
    rg_value *reads;               /* per control: the resource types it reads (a set), or undefined when it may
                                      read anything (rg_node_reads) */
    const rg_control_gov *gov;     /* per control: resource_types (result's control_gov) */
    size_t n_controls;
    atomic_size_t next;
    const rg_scan_options *opts;
} scan_state;

/* ---- policies and controls ---- */

static const char *ann_string(rg_value ann, const char *key) {
    rg_value v = rg_object_get_str(ann, key);
    if (v.kind == RG_STRING) return v.u.s;
    v = rg_object_get_str(rg_object_get_str(ann, "custom"), key);
    return v.kind == RG_STRING ? v.u.s : NULL;
}

/* Appends the GOV.* pseudo-controls this run reports on after the n
 * evaluated controls: GOV.001/GOV.002 when governance runs (auto: when some
 * control declares resource_types), GOV.003 always, GOV.004 with waivers,
 * GOV.005 always.
 * Returns the number of controls. */
static size_t add_gov_controls(scan_state *s, rg_scan_result *r, size_t n) {
    bool gov = s->opts->governance == RG_GOV_ON;
    for (size_t i = 0; s->opts->governance == RG_GOV_AUTO && i < n; i++)
        if (r->control_gov[i].n_resource_types) gov = true;
    size_t total = n;
    if (gov) {
        r->controls[total++] = *rg_gov_control("GOV.001");
        r->controls[total++] = *rg_gov_control("GOV.002");
    }
    r->controls[total++] = *rg_gov_control("GOV.003");
    if (s->opts->n_waiver_files) r->controls[total++] = *rg_gov_control("GOV.004");
    r->controls[total++] = *rg_gov_control("GOV.005");
    return total;
}

/* Index of a GOV.* pseudo-control, or SIZE_MAX when this run has none. */
static size_t gov_index(const scan_state *s, const rg_scan_result *r, const char *id) {
    for (size_t i = s->n_controls; i < r->n_controls; i++)
        if (!strcmp(r->controls[i].id, id)) return i;
    return SIZE_MAX;
}

/* The resource types a control reads, as a set, or undefined when it may
 * read any part of the input. */
static rg_value control_reads(const rg_policy *p, rg_arena *a, const rg_node *n) {
    rg_vec types = RG_VEC_INIT;
    bool local = true;
    for (int k = 0; k < N_KINDS && local; k++) {
        rg_node *rn = rg_node_child(n, rg_string_static(rule_kinds[k], strlen(rule_kinds[k])));
        if (rn && rn->has_rules) local = rg_node_reads(p, rn, &types);
    }
    rg_value set = local ? rg_vec_to_set(a, &types) : rg_undefined();
    rg_vec_fini(&types);
    return set;
}

static void find_controls(scan_state *s, rg_scan_result *r, rg_diags *errors) {
    rg_vec controls = RG_VEC_INIT; /* node pointers as ints, in node (path) order */
    for (size_t i = 0; i < s->policy->n_nodes; i++)
        if (rg_node_is_control(s->policy->nodes[i])) rg_vec_push(&controls, rg_int((int64_t)i));
    /* Up to five more controls at the end: the GOV.* governance findings. */
    size_t total = controls.len + 5;
    r->controls = rg_arena_calloc(&s->arena, total * sizeof *r->controls);
    r->control_gov = rg_arena_calloc(&s->arena, total * sizeof *r->control_gov);
    s->queries = rg_arena_calloc(&s->arena, total * sizeof *s->queries);
    s->aliases = rg_arena_calloc(&s->arena, total * sizeof *s->aliases);
    s->whole_template = rg_arena_calloc(&s->arena, total * sizeof *s->whole_template);
    s->per_resource = rg_arena_calloc(&s->arena, total * sizeof *s->per_resource);
    s->reads = rg_arena_calloc(&s->arena, total * sizeof *s->reads);
    s->gov = r->control_gov;
    for (size_t ci = 0; ci < controls.len; ci++) {
        rg_node *n = s->policy->nodes[controls.items[ci].u.i];
        rg_control *c = &r->controls[ci];
        rg_value ann = rg_is_undef(n->pkg_ann) ? rg_empty_object() : n->pkg_ann;
        c->package = rg_arena_strdup(&s->arena, n->path);
        const char *id = ann_string(ann, "id");
        c->id = rg_arena_strdup(&s->arena, id ? id : n->path + 5);
        const char *t = ann_string(ann, "title"), *d = ann_string(ann, "description"), *m = ann_string(ann, "remediation");
        c->title = t ? rg_arena_strdup(&s->arena, t) : NULL;
        c->description = d ? rg_arena_strdup(&s->arena, d) : NULL;
        c->remediation = m ? rg_arena_strdup(&s->arena, m) : NULL;
        s->aliases[ci] = rg_object_get_str(rg_object_get_str(ann, "custom"), "aliases");
        rg_gov_read_metadata(&s->arena, ann, &r->control_gov[ci]);
        /* (custom.whole_template, not a top-level key: OPA's own "scope"
         * annotation is always there) */
        s->whole_template[ci] = rg_is_true(rg_object_get_str(rg_object_get_str(ann, "custom"), "whole_template"));
        s->per_resource[ci] = rg_is_true(rg_object_get_str(rg_object_get_str(ann, "custom"), "per_resource"));
        int sev = rg_severity_parse(ann_string(ann, "severity"));
        c->severity = sev < 0 ? RG_SEV_MEDIUM : (rg_severity)sev;
        const rg_crule *any_rule = NULL;
        for (int k = 0; k < N_KINDS; k++) {
            rg_node *rn = rg_node_child(n, rg_string_static(rule_kinds[k], strlen(rule_kinds[k])));
            s->queries[ci][k] = NULL;
            if (!rn || !rn->has_rules) continue;
            if (!any_rule) any_rule = rn->n_rules ? rn->rules[0] : rn->default_rule;
            if (rg_query_compile(s->policy, &s->arena, rg_node_query(&s->arena, n, rule_kinds[k]), &s->queries[ci][k],
                                 errors) != 0)
                s->queries[ci][k] = NULL;
        }
        c->source_file = any_rule && any_rule->module ? rg_arena_strdup(&s->arena, any_rule->module->file) : NULL;
        s->reads[ci] = control_reads(s->policy, &s->arena, n);
    }
    r->n_controls = add_gov_controls(s, r, controls.len);
    s->n_controls = controls.len; /* evaluated ones */
    rg_vec_fini(&controls);
}

/* ---- evaluation (worker threads) ---- */

static int cmp_cstr(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

/* The distinct resource types of templates, sorted (the strings belong to
 * the templates; free the array). */
static rg_type_set collect_types(const rg_cfn_template *const *ts, size_t nt) {
    size_t n = 0, cap = 0;
    const char **types = NULL;
    for (size_t i = 0; i < nt; i++) {
        rg_value res = rg_object_get_str(ts[i]->value, "Resources");
        for (size_t k = 0; res.kind == RG_OBJECT && k < res.len; k++) {
            rg_value t = rg_object_get_str(rg_obj_val(res, k), "Type");
            if (t.kind != RG_STRING) continue;
            if (n == cap) {
                cap = cap ? 2 * cap : 64;
                types = rg_xrealloc(types, cap * sizeof *types);
            }
            types[n++] = t.u.s;
        }
    }
    if (n) qsort(types, n, sizeof *types, cmp_cstr);
    size_t d = 0;
    for (size_t i = 0; i < n; i++)
        if (!d || strcmp(types[d - 1], types[i])) types[d++] = types[i];
    return (rg_type_set){types, d};
}

static rg_type_set types_of(const rg_cfn_template *t) { return collect_types(&t, 1); }

/* Whether control c may report anything on a template with these types. */
static bool applies(const scan_state *s, size_t c, const rg_type_set *present) {
    const rg_control_gov *g = &s->gov[c];
    if (s->opts->all_controls || s->whole_template[c] || !g->n_resource_types) return true;
    for (size_t i = 0; i < g->n_resource_types; i++)
        if (rg_type_present(present, g->resource_types[i])) return true;
    return false;
}

static void push_result(job *j, size_t control, int kind, rg_value v) {
    if (j->n_results == j->cap_results) {
        j->cap_results = j->cap_results ? 2 * j->cap_results : 16;
        j->results = rg_xrealloc(j->results, j->cap_results * sizeof *j->results);
    }
    j->results[j->n_results++] = (raw_result){control, kind, v};
}

/* A control that reads only types none of whose resources changed gives,
 * on a later variant, what it gave on the first. */
static bool reads_unchanged(rg_value reads, rg_value changed) {
    if (rg_is_undef(reads)) return false;
    for (size_t i = 0; i < changed.len; i++)
        if (rg_set_contains(reads, changed.u.items[i])) return false;
    return true;
}

enum { SCRATCH_LIMIT = 2u << 20 };

/* Evaluates control c's rules on eo's input, keeping copies of the results. */
static void eval_control(scan_state *s, job *j, size_t c, rg_eval_options *eo, rg_arena *scratch) {
    for (int k = 0; k < N_KINDS; k++) {
        if (!s->queries[c][k]) continue;
        rg_vec out = RG_VEC_INIT;
        if (rg_query_eval(s->policy, s->queries[c][k], scratch, eo, &out, &j->errors) == 0) {
            for (size_t i = 0; i < out.len; i++) {
                rg_value set = rg_object_get_str(rg_object_get_str(out.items[i], "bindings"), "x");
                if (set.kind != RG_SET && set.kind != RG_ARRAY) continue;
                for (size_t e = 0; e < set.len; e++) push_result(j, c, k, rg_value_copy(&j->arena, set.u.items[e]));
            }
        } else if (j->errors.len) {
            /* Name the template the error happened on. */
            rg_diag *d = &j->errors.items[j->errors.len - 1];
            char *msg = d->msg;
            rg_buf b = RG_BUF_INIT;
            rg_buf_printf(&b, "%s (evaluating %s)", msg, j->t->file);
            d->msg = rg_buf_detach(&b);
            free(msg);
        }
        rg_vec_fini(&out);
    }
}

static void run_job(scan_state *s, job *j) {
    rg_arena_init(&j->arena);
    /* All controls of a job share one evaluation arena and rule cache, so a
     * helper rule (resources by type, policy statements, ...) is computed
     * once per template variant; only the results are copied into the job's
     * arena, and the rest is freed when the job ends, so memory stays
     * bounded by the jobs running at once plus the findings. */
    rg_arena scratch;
    rg_arena_init(&scratch);
    rg_eval_options eo = {.input = j->input, .cache = rg_eval_cache_new(s->policy, &scratch)};
    rg_arena rscratch;
    rg_eval_options reo = {0};
    bool reduced_ready = false;
    rg_type_set present = types_of(j->t);
    for (size_t c = 0; c < s->n_controls; c++) {
        /* A control reports only on its resource types (or says it examines
         * the whole template): with none of them here it has nothing to say. */
        if (!applies(s, c, &present)) continue;
        if (j->reused && !s->opts->all_controls && reads_unchanged(s->reads[c], j->changed)) {
            j->reused[c] = REUSED;
            continue;
        }
        /* A per-resource control needs to see only the changed resources. */
        if (j->reused && !s->opts->all_controls && s->per_resource[c]) {
            if (!reduced_ready) {
                rg_arena_init(&rscratch);
                reo = (rg_eval_options){.input = j->reduced, .cache = rg_eval_cache_new(s->policy, &rscratch)};
                reduced_ready = true;
            }
            j->reused[c] = PARTIAL;
            eval_control(s, j, c, &reo, &rscratch);
            continue;
        }
        /* Past a few megabytes of temporaries, start afresh (cache too):
         * memory stays bounded on large templates, and small ones keep every
         * helper rule computed once. */
        if (scratch.total > SCRATCH_LIMIT) {
            rg_arena_fini(&scratch);
            rg_arena_init(&scratch);
            eo.cache = rg_eval_cache_new(s->policy, &scratch);
        }
        eval_control(s, j, c, &eo, &scratch);
    }
    if (reduced_ready) rg_arena_fini(&rscratch);
    rg_arena_fini(&scratch);
    free((void *)present.types);
}

static void *worker(void *arg) {
    scan_state *s = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&s->next, 1);
        if (i >= s->n_jobs) break;
        run_job(s, &s->jobs[i]);
    }
    return NULL;
}

static void run_jobs(scan_state *s, int jobs) {
    if (jobs <= 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = n > 0 ? (int)n : 1;
    }
    if ((size_t)jobs > s->n_jobs) jobs = (int)s->n_jobs;
    if (jobs > 64) jobs = 64;
    atomic_store(&s->next, 0);
    if (jobs <= 1) {
        worker(s);
        return;
    }
    pthread_t th[64];
    int started = 0;
    for (int i = 0; i < jobs; i++)
        if (pthread_create(&th[started], NULL, worker, s) == 0) started++;
    if (!started) worker(s); /* no threads available: do it here */
    for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
}

/* ---- findings ---- */

static const char *path_text(rg_arena *a, rg_value path) {
    if (path.kind != RG_ARRAY || !path.len) return NULL;
    rg_buf b = RG_BUF_INIT;
    for (size_t i = 0; i < path.len; i++) {
        rg_value k = path.u.items[i];
        if (k.kind == RG_STRING) {
            if (b.len) rg_buf_putc(&b, '.');
            rg_buf_append(&b, k.u.s, k.len);
        } else {
            rg_buf_putc(&b, '[');
            rg_json_write(&b, k, 0);
            rg_buf_putc(&b, ']');
        }
    }
    const char *s = rg_arena_strdup(a, rg_buf_cstr(&b));
    rg_buf_fini(&b);
    return s;
}

static const char *dup_opt(rg_arena *a, const char *s) { return s ? rg_arena_strdup(a, s) : NULL; }

static void make_finding(scan_state *s, rg_scan_result *r, const job *j, const raw_result *rr, rg_finding *f) {
    rg_arena *a = &s->arena;
    const rg_cfn_template *t = j->t;
    const rg_control *c = &r->controls[rr->control];
    rg_value v = rr->value;
    memset(f, 0, sizeof *f);
    f->control = rr->control;
    f->rule = rule_kinds[rr->kind];
    f->file = dup_opt(a, t->file);
    f->stack = dup_opt(a, t->stack);
    f->severity = rr->kind == 2 && c->severity > RG_SEV_LOW ? RG_SEV_LOW : c->severity;
    rg_value msg = v.kind == RG_STRING ? v : rg_object_get_str(v, "msg");
    f->message = msg.kind == RG_STRING ? rg_arena_strdup(a, msg.u.s) : c->title ? c->title : c->id;
    /* A violation in one branch of the template names the conditions it needs. */
    rg_value conds = rg_object_get_str(v, "conditions");
    if (conds.kind == RG_OBJECT && conds.len) {
        rg_buf b = RG_BUF_INIT;
        rg_buf_printf(&b, "%s (when ", f->message);
        for (size_t i = 0; i < conds.len; i++) {
            rg_value k = rg_obj_key(conds, i), val = rg_obj_val(conds, i);
            if (i) rg_buf_puts(&b, ", ");
            if (k.kind == RG_STRING) rg_buf_append(&b, k.u.s, k.len);
            else rg_json_write(&b, k, 0);
            rg_buf_putc(&b, '=');
            rg_json_write(&b, val, 0);
        }
        rg_buf_putc(&b, ')');
        f->message = rg_arena_strdup(a, rg_buf_cstr(&b));
        rg_buf_fini(&b);
    }
    rg_value sev = rg_object_get_str(v, "severity");
    if (sev.kind == RG_STRING && rg_severity_parse(sev.u.s) >= 0) f->severity = (rg_severity)rg_severity_parse(sev.u.s);
    rg_value res = rg_object_get_str(v, "resource");
    rg_value rel = rg_object_get_str(v, "path");
    rg_vec path = RG_VEC_INIT;
    if (res.kind == RG_STRING) {
        f->logical_id = rg_arena_strdup(a, res.u.s);
        rg_vec_push(&path, rg_string_static("Resources", 9));
        rg_vec_push(&path, res);
        rg_value type = rg_object_get_str(rg_object_get(rg_object_get_str(t->value, "Resources"), res), "Type");
        if (type.kind == RG_STRING) f->resource_type = rg_arena_strdup(a, type.u.s);
        const rg_cfn_resource_info *info = rg_cfn_resource(t, res.u.s);
        if (info) {
            f->construct_path = dup_opt(a, info->construct_path);
            f->cdk_source_file = dup_opt(a, info->source_file);
            f->cdk_source_line = info->source_line;
        }
    }
    if (rel.kind == RG_ARRAY) {
        for (size_t i = 0; i < rel.len; i++) rg_vec_push(&path, rel.u.items[i]);
        f->path = path_text(a, rel);
    }
    rg_pos pos;
    rg_value full = rg_vec_to_array(a, &path);
    if (rg_cfn_locate(t, full, &pos)) {
        f->line = pos.line;
        f->col = pos.col;
        size_t len = 0;
        const char *line = rg_cfn_source_line(t, pos.line, &len);
        if (line) f->source_line = rg_arena_strndup(a, line, len);
    }
    rg_vec_fini(&path);
}

static int cmp_findings(const void *x, const void *y) {
    const rg_finding *a = x, *b = y;
    int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
    if (c) return c;
    if (a->line != b->line) return a->line < b->line ? -1 : 1;
    if (a->col != b->col) return a->col < b->col ? -1 : 1;
    if (a->control != b->control) return a->control < b->control ? -1 : 1;
    return strcmp(a->message, b->message);
}

static bool seen_error(const rg_diags *d, const rg_diag *e) {
    for (size_t i = 0; i < d->len; i++)
        if (d->items[i].line == e->line && d->items[i].col == e->col && !strcmp(d->items[i].msg, e->msg) &&
            !strcmp(d->items[i].file ? d->items[i].file : "", e->file ? e->file : ""))
            return true;
    return false;
}

/* Inline suppressions (or, with --no-inline-suppressions, findings about
 * them), then GOV.001/GOV.002 for one template's findings all[first..]. */
static void govern_template(scan_state *s, rg_scan_result *r, rg_finding_list *all, size_t first,
                            const rg_cfn_template *t) {
    rg_suppress_ctx ctx = {.arena = &s->arena, .t = t, .controls = r->controls, .aliases = s->aliases,
                           .n_controls = r->n_controls, .meta_control = gov_index(s, r, "GOV.003"),
                           .first_governance = s->n_controls, .ignore_inline = s->opts->no_inline_suppressions};
    rg_apply_suppressions(&ctx, all, first);
    rg_gov_ctx gc = {&s->arena, t, r->controls, r->control_gov, s->n_controls, gov_index(s, r, "GOV.001"),
                     gov_index(s, r, "GOV.002"), &s->opts->review_types};
    if (gc.gov001 != SIZE_MAX) rg_gov_check_template(&gc, all);
    rg_gov_check_unverifiable(&gc, gov_index(s, r, "GOV.005"), all);
}

/* Central waivers over the whole run's findings, and GOV.004 about them. */
static void apply_waivers(scan_state *s, rg_scan_result *r, rg_finding_list *all) {
    const rg_scan_options *o = s->opts;
    if (!o->n_waiver_files) return;
    rg_waivers w;
    rg_waivers_init(&w);
    for (size_t i = 0; i < o->n_waiver_files; i++) rg_waivers_load(&w, o->waiver_files[i], &r->errors);
    char today[11];
    if (o->today) snprintf(today, sizeof today, "%s", o->today);
    else rg_today_utc(today);
    size_t nt = s->templates.len;
    rg_scanned *scanned = rg_xcalloc(nt ? nt : 1, sizeof *scanned);
    for (size_t i = 0; i < nt; i++) scanned[i] = (rg_scanned){s->templates.items[i]->file, s->templates.items[i]->stack, 0};
    rg_waiver_ctx c = {&s->arena, r->controls, r->n_controls, gov_index(s, r, "GOV.004"), today, scanned, nt};
    if (c.gov004 != SIZE_MAX) rg_waivers_apply(&w, &c, all);
    free(scanned);
    rg_waivers_fini(&w);
}

/* Findings of one template, from its jobs [i, end) (one per variant). */
static void collect_template(scan_state *s, rg_scan_result *r, rg_finding_list *all, size_t i, size_t end) {
    size_t first = all->len;
    rg_vec variant_of = RG_VEC_INIT;
    size_t first_end = first;
    for (size_t v = i; v < end; v++) {
        job *j = &s->jobs[v];
        for (size_t k = 0; k < j->n_results; k++) {
            rg_finding f;
            make_finding(s, r, j, &j->results[k], &f);
            rg_finding_list_push(all, &f);
            rg_vec_push(&variant_of, rg_int((int64_t)j->variant));
        }
        if (v == i) first_end = all->len;
        /* What a control gave on the first variant holds on the variants
         * where it was not evaluated again (nothing it reads changed). */
        for (size_t f = first; j->reused && f < first_end; f++) {
            uint8_t mode = j->reused[all->items[f].control];
            const char *id = all->items[f].logical_id;
            if (!mode) continue;
            /* (for a per-resource control, a changed resource's findings are
             * the ones evaluated on this variant) */
            if (mode == PARTIAL && id && rg_set_contains(j->changed_ids, rg_string_static(id, strlen(id)))) continue;
            rg_finding copy = all->items[f];
            rg_finding_list_push(all, &copy);
            rg_vec_push(&variant_of, rg_int((int64_t)j->variant));
        }
        /* The same evaluation error in several variants is reported once. */
        for (size_t k = 0; k < j->errors.len; k++) {
            rg_diag *d = &j->errors.items[k];
            if (!seen_error(&r->errors, d)) rg_diags_add(&r->errors, d->code, d->file, d->line, d->col, "%s", d->msg);
        }
    }
    if (end - i > 1) {
        size_t *vo = rg_xcalloc(variant_of.len ? variant_of.len : 1, sizeof *vo);
        rg_value *conds = rg_xcalloc(end - i, sizeof *conds);
        for (size_t k = 0; k < variant_of.len; k++) vo[k] = (size_t)variant_of.items[k].u.i;
        for (size_t v = i; v < end; v++) conds[v - i] = s->jobs[v].conditions;
        rg_merge_variant_findings(&s->arena, all, first, vo, conds, end - i);
        free(vo);
        free(conds);
    }
    rg_vec_fini(&variant_of);
    if (r->n_controls) govern_template(s, r, all, first, s->jobs[i].t);
}

static void collect_findings(scan_state *s, rg_scan_result *r) {
    rg_finding_list all = {0};
    for (size_t i = 0, end; i < s->n_jobs; i = end) {
        for (end = i + 1; end < s->n_jobs && s->jobs[end].t == s->jobs[i].t;) end++;
        collect_template(s, r, &all, i, end);
    }
    apply_waivers(s, r, &all);
    r->findings = rg_arena_memdup(&s->arena, all.items ? all.items : (rg_finding[1]){0},
                                  (all.len ? all.len : 1) * sizeof *r->findings);
    r->n_findings = all.len;
    free(all.items);
    qsort(r->findings, r->n_findings, sizeof *r->findings, cmp_findings);
    size_t nt = s->templates.len;
    r->templates = rg_arena_calloc(&s->arena, (nt ? nt : 1) * sizeof *r->templates);
    for (size_t i = 0; i < nt; i++) {
        const rg_cfn_template *t = s->templates.items[i];
        r->templates[i] = (rg_scanned){dup_opt(&s->arena, t->file), dup_opt(&s->arena, t->stack), t->n_resources};
    }
    r->n_templates = nt;
}

/* ---- entry points ---- */

static bool same_value(rg_value a, rg_value b) {
    return a.kind == b.kind && a.len == b.len && (a.u.items == b.u.items || rg_value_equal(a, b));
}

/* The resources that differ between the first variant of a template and
 * another (added, removed or changed): their types and logical ids (sets),
 * and the other variant with only those resources. */
static void changed_resources(rg_arena *a, rg_value first, rg_value other, job *j) {
    rg_value r0 = rg_object_get_str(first, "Resources"), r1 = rg_object_get_str(other, "Resources");
    rg_vec types = RG_VEC_INIT, ids = RG_VEC_INIT, kept = RG_VEC_INIT;
    for (int pass = 0; pass < 2; pass++) {
        rg_value from = pass ? r1 : r0, to = pass ? r0 : r1;
        for (size_t i = 0; from.kind == RG_OBJECT && i < from.len; i++) {
            rg_value id = rg_obj_key(from, i), there = rg_object_get(to, id);
            if (rg_is_undef(there)) rg_vec_push(&types, rg_string_static(RG_READS_IDS, strlen(RG_READS_IDS)));
            else if (same_value(rg_obj_val(from, i), there)) continue;
            rg_value type = rg_object_get_str(rg_obj_val(from, i), "Type");
            if (type.kind == RG_STRING) rg_vec_push(&types, type);
            rg_vec_push(&ids, id);
            if (pass == 1) {
                rg_vec_push(&kept, id);
                rg_vec_push(&kept, rg_obj_val(from, i));
            }
        }
    }
    j->changed = rg_vec_to_set(a, &types);
    j->changed_ids = rg_vec_to_set(a, &ids);
    j->reduced = rg_object_put(a, other, rg_string_static("Resources", 9), rg_vec_to_object(a, &kept));
    rg_vec_fini(&types);
    rg_vec_fini(&ids);
    rg_vec_fini(&kept);
}

/* One job per variant of each template: a template without conditions or
 * multi-valued parameters is one job evaluated on the template itself. */
static void make_jobs(scan_state *s, rg_scan_result *r) {
    size_t cap = s->templates.len ? s->templates.len : 1;
    s->jobs = rg_xcalloc(cap, sizeof *s->jobs);
    s->n_jobs = 0;
    for (size_t i = 0; i < s->templates.len; i++) {
        rg_cfn_template *t = s->templates.items[i];
        rg_cfn_variant *vs;
        bool truncated;
        size_t n = rg_cfn_variants(&s->arena, t->value, RG_MAX_VARIANTS, &vs, &truncated);
        if (truncated)
            rg_diags_add(&r->notes, "variants", t->file, 0, 0,
                         "too many combinations of conditions and parameter values: evaluated %zu variants that "
                         "cover every value of each, not every combination",
                         n);
        if (s->n_jobs + n > cap) {
            while (s->n_jobs + n > cap) cap *= 2;
            s->jobs = rg_xrealloc(s->jobs, cap * sizeof *s->jobs);
        }
        for (size_t k = 0; k < n; k++) {
            job *j = &s->jobs[s->n_jobs++];
            memset(j, 0, sizeof *j);
            *j = (job){.t = t, .input = vs[k].template, .variant = k, .n_variants = n, .conditions = vs[k].conditions};
            if (k > 0) {
                changed_resources(&s->arena, vs[0].template, vs[k].template, j);
                j->reused = rg_xcalloc(r->n_controls ? r->n_controls : 1, sizeof *j->reused);
            }
        }
    }
}

/* The distinct resource types of the loaded templates, sorted (the strings
 * belong to the templates). */
static rg_type_set template_types(scan_state *s) {
    return collect_types((const rg_cfn_template *const *)s->templates.items, s->templates.len);
}

int rg_scan(const char *const *inputs, size_t n_inputs, const rg_scan_options *opts, rg_scan_result *out) {
    memset(out, 0, sizeof *out);
    out->tool_version = "0.1.0";
    scan_state *s = rg_xcalloc(1, sizeof *s);
    out->owner = s;
    s->opts = opts;
    rg_arena_init(&s->arena);
    s->policy = rg_policy_new();
    int errs = 0;
    for (size_t i = 0; i < n_inputs; i++)
        errs += rg_cfn_load_path(inputs[i], opts->verbose ? RG_CFN_VERBOSE : 0, &s->templates, &out->errors);
    /* Only the controls that review a resource type of these templates. */
    rg_type_set present = template_types(s);
    errs += rg_policy_load_library(s->policy, opts->no_builtin, opts->all_controls ? NULL : &present, opts->policy_paths,
                                   opts->n_policy_paths, &out->errors);
    free((void *)present.types);
    if (rg_policy_compile(s->policy, &out->errors) != 0) errs++;
    else find_controls(s, out, &out->errors);
    make_jobs(s, out);
    if (s->policy->compiled) run_jobs(s, opts->jobs);
    collect_findings(s, out);
    /* Skipped files are notes, not errors. */
    rg_diags errors = RG_DIAGS_INIT;
    for (size_t i = 0; i < out->errors.len; i++) {
        rg_diag *d = &out->errors.items[i];
        rg_diags_add(strcmp(d->code, "skipped") ? &errors : &out->notes, d->code, d->file, d->line, d->col, "%s", d->msg);
    }
    rg_diags_fini(&out->errors);
    out->errors = errors;
    return errs || errors.len ? -1 : 0;
}

void rg_scan_result_fini(rg_scan_result *r) {
    scan_state *s = r->owner;
    if (s) {
        for (size_t i = 0; i < s->n_jobs; i++) {
            rg_arena_fini(&s->jobs[i].arena);
            free(s->jobs[i].reused);
            free(s->jobs[i].results);
            rg_diags_fini(&s->jobs[i].errors);
        }
        free(s->jobs);
        rg_cfn_templates_fini(&s->templates);
        rg_policy_free(s->policy);
        rg_arena_fini(&s->arena);
        free(s);
    }
    rg_diags_fini(&r->errors);
    rg_diags_fini(&r->notes);
    memset(r, 0, sizeof *r);
}

int rg_scan_max_severity(const rg_scan_result *r) {
    int max = -1;
    for (size_t i = 0; i < r->n_findings; i++)
        if (!r->findings[i].suppressed && (int)r->findings[i].severity > max) max = (int)r->findings[i].severity;
    return max;
}
