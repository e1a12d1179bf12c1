/* regent test's engine: load policies and tests, compile once, evaluate
 * every test_* rule on its own arena, and optionally record the lines each
 * evaluated expression sits on. */
#include "review/policy_test.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "review/builtin_policies.h"
#include "review/policy_load.h"
#include "rego/policy.h"

typedef struct tester {
    rg_policy *policy;
    rg_arena arena; /* names and result strings */
    /* coverage: per file, a sorted list of coverable lines and hit flags */
    rg_test_coverage *cov;
    size_t n_cov;
    size_t n_user_modules; /* coverage is reported for these modules only */
    const char *last_file;
    rg_test_coverage *last_cov;
} tester;

/* ---- loading ---- */

/* The package a module text declares ("regent.cfn"), or NULL. */
static char *declared_package(const char *text) {
    for (const char *s = text; s && *s;) {
        if (!strncmp(s, "package ", 8)) {
            const char *b = s + 8, *e = b;
            while (*e && *e != '\n' && *e != ' ' && *e != '\r' && *e != '#') e++;
            return strndup(b, (size_t)(e - b));
        }
        s = strchr(s, '\n');
        if (s) s++;
    }
    return NULL;
}

static bool package_loaded(const rg_policy *p, const char *pkg) {
    for (size_t i = 0; i < p->n_modules; i++) {
        const rg_module *m = p->modules[i];
        rg_buf b = RG_BUF_INIT;
        for (size_t k = 0; k < m->n_package; k++) {
            if (k) rg_buf_putc(&b, '.');
            rg_buf_puts(&b, m->package[k]->u.v.u.s);
        }
        bool same = !strcmp(rg_buf_cstr(&b), pkg);
        rg_buf_fini(&b);
        if (same) return true;
    }
    return false;
}

static int add_builtin(rg_policy *p, const rg_builtin_policy *b, rg_diags *diags) {
    char name[512];
    snprintf(name, sizeof name, "policies/%s", b->path);
    return rg_policy_add_module(p, name, b->text, strlen(b->text), diags) ? 1 : 0;
}

/* With paths, the user's files come first; the built-in helper library is
 * added for packages they do not define themselves, so tests of policies
 * that import data.regent.cfn run from any folder. */
static int load(tester *t, const rg_test_options *o, rg_diags *diags) {
    int errs = 0;
    if (!o->n_paths) {
        for (const rg_builtin_policy *b = rg_builtin_policies; b->path; b++) errs += add_builtin(t->policy, b, diags);
        for (const rg_builtin_policy *b = rg_builtin_policy_tests; b->path; b++)
            errs += add_builtin(t->policy, b, diags);
        t->n_user_modules = t->policy->n_modules;
        return errs;
    }
    for (size_t i = 0; i < o->n_paths; i++) errs += rg_policy_load_path(t->policy, o->paths[i], diags);
    t->n_user_modules = t->policy->n_modules;
    for (const rg_builtin_policy *b = rg_builtin_policies; b->path; b++) {
        if (strncmp(b->path, "lib/", 4) != 0) continue;
        char *pkg = declared_package(b->text);
        if (pkg && !package_loaded(t->policy, pkg)) errs += add_builtin(t->policy, b, diags);
        free(pkg);
    }
    return errs;
}

/* ---- coverage ---- */

static bool is_test_file(const char *f) {
    size_t n = strlen(f);
    return n >= 10 && !strcmp(f + n - 10, "_test.rego");
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static void collect_lines(const rg_body *b, rg_vec *lines) {
    for (size_t i = 0; i < b->n; i++) {
        const rg_expr *x = b->exprs[i];
        rg_vec_push(lines, rg_int(x->loc.line));
        if (x->every_body.n) collect_lines(&x->every_body, lines);
    }
}

static void setup_coverage(tester *t) {
    rg_policy *p = t->policy;
    t->cov = rg_arena_calloc(&t->arena, (p->n_modules ? p->n_modules : 1) * sizeof *t->cov);
    for (size_t i = 0; i < t->n_user_modules; i++) {
        const rg_module *m = p->modules[i];
        if (is_test_file(m->file)) continue;
        rg_vec lines = RG_VEC_INIT;
        for (size_t r = 0; r < m->n_rules; r++)
            for (const rg_rule *rule = m->rules[r]; rule; rule = rule->else_) collect_lines(&rule->body, &lines);
        uint32_t *ls = rg_arena_calloc(&t->arena, (lines.len ? lines.len : 1) * sizeof *ls);
        for (size_t k = 0; k < lines.len; k++) ls[k] = (uint32_t)lines.items[k].u.i;
        qsort(ls, lines.len, sizeof *ls, cmp_u32);
        size_t n = 0;
        for (size_t k = 0; k < lines.len; k++)
            if (!n || ls[n - 1] != ls[k]) ls[n++] = ls[k];
        rg_vec_fini(&lines);
        rg_test_coverage *c = &t->cov[t->n_cov++];
        *c = (rg_test_coverage){m->file, ls, rg_arena_calloc(&t->arena, n ? n : 1), n, 0};
    }
}

static void on_expr(void *ud, const rg_loc *loc) {
    tester *t = ud;
    rg_test_coverage *c = NULL;
    if (loc->file == t->last_file) c = t->last_cov;
    else {
        for (size_t i = 0; i < t->n_cov && !c; i++)
            if (t->cov[i].file == loc->file || !strcmp(t->cov[i].file, loc->file)) c = &t->cov[i];
        t->last_file = loc->file;
        t->last_cov = c;
    }
    if (!c) return;
    size_t lo = 0, hi = c->n_lines;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->lines[mid] < loc->line) lo = mid + 1;
        else hi = mid;
    }
    if (lo < c->n_lines && c->lines[lo] == loc->line && !c->covered[lo]) {
        c->covered[lo] = true;
        c->n_covered++;
    }
}

static int cmp_cov(const void *a, const void *b) {
    return strcmp(((const rg_test_coverage *)a)->file, ((const rg_test_coverage *)b)->file);
}

/* ---- running ---- */

static bool has_prefix(rg_value key, const char *prefix) {
    return key.kind == RG_STRING && !strncmp(key.u.s, prefix, strlen(prefix));
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void run_case(tester *t, const rg_node *n, const rg_test_options *o, rg_test_case *c) {
    rg_arena a;
    rg_arena_init(&a);
    rg_diags diags = RG_DIAGS_INIT;
    rg_query *q;
    double start = now_ms();
    c->status = RG_TEST_ERROR;
    if (rg_query_compile(t->policy, &a, rg_node_query(&a, n, NULL), &q, &diags) == 0) {
        rg_eval_options eo = {.input = rg_undefined()};
        if (o->coverage) eo.on_expr = on_expr, eo.on_expr_ud = t;
        rg_vec out = RG_VEC_INIT;
        if (rg_query_eval(t->policy, q, &a, &eo, &out, &diags) == 0) {
            bool pass = false;
            for (size_t i = 0; i < out.len; i++) {
                rg_value x = rg_object_get_str(rg_object_get_str(out.items[i], "bindings"), "x");
                if (!rg_is_undef(x) && !(x.kind == RG_BOOL && !rg_is_true(x))) pass = true;
            }
            c->status = pass ? RG_TEST_PASS : RG_TEST_FAIL;
        }
        rg_vec_fini(&out);
    }
    c->ms = now_ms() - start;
    if (c->status == RG_TEST_ERROR) {
        rg_buf b = RG_BUF_INIT;
        for (size_t i = 0; i < diags.len; i++) {
            const rg_diag *d = &diags.items[i];
            if (i) rg_buf_puts(&b, "; ");
            if (d->file && *d->file) rg_buf_printf(&b, "%s:%u:%u: ", d->file, d->line, d->col);
            rg_buf_puts(&b, d->msg);
        }
        c->error = rg_arena_strdup(&t->arena, b.len ? rg_buf_cstr(&b) : "evaluation failed");
        rg_buf_fini(&b);
    }
    rg_diags_fini(&diags);
    rg_arena_fini(&a);
}

static int cmp_case(const void *x, const void *y) {
    const rg_test_case *a = x, *b = y;
    int c = strcmp(a->file, b->file);
    if (c) return c;
    if (a->line != b->line) return a->line < b->line ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* The test rules: non-function rules named test_* (todo_test_* are skipped,
 * as in OPA). */
static void find_cases(tester *t, pcre2_code *re, rg_vec *nodes, rg_vec *skipped) {
    for (size_t i = 0; i < t->policy->n_nodes; i++) {
        rg_node *n = t->policy->nodes[i];
        if (!n->has_rules || n->kind == RG_RK_FUNC) continue;
        bool todo = has_prefix(n->key, "todo_test_");
        if (!todo && !has_prefix(n->key, "test_")) continue;
        if (re) {
            pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
            int rc = pcre2_match(re, (PCRE2_SPTR)n->path, strlen(n->path), 0, 0, md, NULL);
            pcre2_match_data_free(md);
            if (rc < 0) continue;
        }
        rg_vec_push(todo ? skipped : nodes, rg_int((int64_t)i));
    }
}

static const rg_crule *first_rule(const rg_node *n) { return n->n_rules ? n->rules[0] : n->default_rule; }

int rg_test_run(const rg_test_options *o, rg_test_result *out) {
    memset(out, 0, sizeof *out);
    tester *t = rg_xcalloc(1, sizeof *t);
    out->owner = t;
    rg_arena_init(&t->arena);
    t->policy = rg_policy_new();
    pcre2_code *re = NULL;
    if (o->run) {
        int err;
        PCRE2_SIZE off;
        re = pcre2_compile((PCRE2_SPTR)o->run, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &err, &off, NULL);
        if (!re) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(err, msg, sizeof msg);
            rg_diags_add(&out->diags, "usage", "--run", 1, (uint32_t)off + 1, "invalid pattern: %s", (char *)msg);
            return -1;
        }
    }
    int errs = load(t, o, &out->diags);
    if (errs || rg_policy_compile(t->policy, &out->diags) != 0) {
        pcre2_code_free(re);
        return -1;
    }
    if (o->coverage) setup_coverage(t);
    rg_vec nodes = RG_VEC_INIT, skipped = RG_VEC_INIT;
    find_cases(t, re, &nodes, &skipped);
    pcre2_code_free(re);
    size_t total = nodes.len + skipped.len;
    out->cases = rg_arena_calloc(&t->arena, (total ? total : 1) * sizeof *out->cases);
    for (size_t i = 0; i < total; i++) {
        bool skip = i >= nodes.len;
        rg_node *n = t->policy->nodes[(skip ? skipped.items[i - nodes.len] : nodes.items[i]).u.i];
        const rg_crule *r = first_rule(n);
        rg_test_case *c = &out->cases[i];
        c->name = n->path;
        c->file = r && r->module ? r->module->file : "";
        c->line = r && r->ast ? r->ast->loc.line : 0;
        if (skip) c->status = RG_TEST_SKIP;
        else run_case(t, n, o, c);
        out->passed += c->status == RG_TEST_PASS;
        out->failed += c->status == RG_TEST_FAIL;
        out->errors += c->status == RG_TEST_ERROR;
        out->skipped += c->status == RG_TEST_SKIP;
    }
    out->n_cases = total;
    rg_vec_fini(&nodes);
    rg_vec_fini(&skipped);
    qsort(out->cases, out->n_cases, sizeof *out->cases, cmp_case);
    if (o->coverage) {
        qsort(t->cov, t->n_cov, sizeof *t->cov, cmp_cov);
        out->files = t->cov;
        out->n_files = t->n_cov;
    }
    return 0;
}

void rg_test_result_fini(rg_test_result *r) {
    tester *t = r->owner;
    if (t) {
        rg_policy_free(t->policy);
        rg_arena_fini(&t->arena);
        free(t);
    }
    rg_diags_fini(&r->diags);
    memset(r, 0, sizeof *r);
}
