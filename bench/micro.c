/* regent-bench: where the time of a scan goes, phase by phase, so that a
 * regression shows up where it happens.
 *
 *   regent-bench [--runs N] TEMPLATE...
 *
 * 1. parse + compile of the built-in library (every control and helper);
 * 2. per template: reading it (JSON/YAML with positions) and expanding its
 *    variants, then evaluation alone: every control's deny/violation/warn
 *    rules on every variant, with the library compiled once, on one thread
 *    (what one worker of `regent scan` does per template).
 * Each phase runs N times (default 20); the median and the minimum are
 * printed in milliseconds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cfn/cfn.h"
#include "rego/policy.h"
#include "review/policy_load.h"

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void report(const char *what, double *t, int n) {
    qsort(t, (size_t)n, sizeof *t, cmp_double);
    printf("%-48s median %9.3f ms   min %9.3f ms\n", what, t[n / 2], t[0]);
}

static rg_policy *compile_library(rg_diags *d) {
    rg_policy *p = rg_policy_new();
    if (rg_policy_load_library(p, false, NULL, NULL, 0, d) || rg_policy_compile(p, d)) {
        rg_policy_free(p);
        return NULL;
    }
    return p;
}

/* Every control's rules, as compiled queries (in arena a). */
static rg_query **control_queries(rg_policy *p, rg_arena *a, size_t *n, rg_diags *d) {
    rg_query **qs = NULL;
    size_t len = 0;
    for (size_t i = 0; i < p->n_nodes; i++) {
        if (!rg_node_is_control(p->nodes[i])) continue;
        for (int k = 0; k < 3; k++) {
            const char *kind = rg_control_rule_kinds[k];
            rg_node *c = rg_node_child(p->nodes[i], rg_string_static(kind, strlen(kind)));
            if (!c || !c->has_rules) continue;
            rg_query *q;
            if (rg_query_compile(p, a, rg_node_query(a, p->nodes[i], kind), &q, d) != 0) continue;
            qs = rg_xrealloc(qs, (len + 1) * sizeof *qs);
            qs[len++] = q;
        }
    }
    *n = len;
    return qs;
}

/* Evaluates every query on every variant; returns the number of results. */
static size_t evaluate(rg_policy *p, rg_query **qs, size_t nq, const rg_cfn_variant *vs, size_t nv) {
    size_t results = 0;
    for (size_t v = 0; v < nv; v++) {
        rg_arena a;
        rg_arena_init(&a);
        rg_diags d = RG_DIAGS_INIT;
        rg_eval_options o = {.input = vs[v].template, .cache = rg_eval_cache_new(p, &a)};
        for (size_t i = 0; i < nq; i++) {
            rg_vec out = RG_VEC_INIT;
            if (rg_query_eval(p, qs[i], &a, &o, &out, &d) == 0)
                for (size_t r = 0; r < out.len; r++)
                    results += rg_object_get_str(rg_object_get_str(out.items[r], "bindings"), "x").len;
            rg_vec_fini(&out);
        }
        rg_diags_fini(&d);
        rg_arena_fini(&a);
    }
    return results;
}

static void bench_template(rg_policy *p, rg_query **qs, size_t nq, const char *file, int runs) {
    double *t = rg_xcalloc((size_t)runs, sizeof *t);
    char label[256];
    rg_cfn_templates ts = {0};
    rg_diags d = RG_DIAGS_INIT;
    for (int r = 0; r < runs; r++) {
        rg_cfn_templates_fini(&ts);
        memset(&ts, 0, sizeof ts);
        double s = now_ms();
        rg_cfn_load_path(file, 0, &ts, &d);
        t[r] = now_ms() - s;
    }
    const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
    snprintf(label, sizeof label, "read %s", base);
    report(label, t, runs);
    for (size_t i = 0; i < ts.len; i++) {
        rg_arena va;
        rg_arena_init(&va);
        rg_cfn_variant *vs;
        bool truncated;
        size_t nv = rg_cfn_variants(&va, ts.items[i]->value, 64, &vs, &truncated);
        size_t results = 0;
        for (int r = 0; r < runs; r++) {
            double s = now_ms();
            results = evaluate(p, qs, nq, vs, nv);
            t[r] = now_ms() - s;
        }
        snprintf(label, sizeof label, "evaluate %s (%zu variant%s, %zu results)", base, nv, nv == 1 ? "" : "s", results);
        report(label, t, runs);
        rg_arena_fini(&va);
    }
    for (size_t i = 0; i < d.len; i++) fprintf(stderr, "%s: %s\n", d.items[i].file, d.items[i].msg);
    rg_diags_fini(&d);
    rg_cfn_templates_fini(&ts);
    free(t);
}

int main(int argc, char **argv) {
    int runs = 20, first = 1;
    if (argc > 2 && !strcmp(argv[1], "--runs")) {
        runs = atoi(argv[2]);
        first = 3;
    }
    if (runs < 1 || first >= argc) {
        fputs("usage: regent-bench [--runs N] TEMPLATE...\n", stderr);
        return 2;
    }
    rg_diags d = RG_DIAGS_INIT;
    double *t = rg_xcalloc((size_t)runs, sizeof *t);
    for (int r = 0; r < runs; r++) {
        double s = now_ms();
        rg_policy *p = compile_library(&d);
        t[r] = now_ms() - s;
        if (!p) {
            for (size_t i = 0; i < d.len; i++) fprintf(stderr, "%s: %s\n", d.items[i].file, d.items[i].msg);
            return 2;
        }
        rg_policy_free(p);
    }
    report("parse + compile the built-in library", t, runs);
    free(t);
    rg_policy *p = compile_library(&d);
    rg_arena qa;
    rg_arena_init(&qa);
    size_t nq;
    rg_query **qs = control_queries(p, &qa, &nq, &d);
    for (int i = first; i < argc; i++) bench_template(p, qs, nq, argv[i], runs);
    free(qs);
    rg_arena_fini(&qa);
    rg_policy_free(p);
    rg_diags_fini(&d);
    return 0;
}
