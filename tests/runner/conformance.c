/* regent-conformance: runs Rego test cases in OPA's conformance format
 * (see ../shared/conformance/README.md).
 *
 *   regent-conformance [-v] [--min-pass N] PATH...
 *
 * Files under a folder named `v0` are parsed as Rego v0.  Prints one line per
 * failing case (with -v, expected and actual) and, last, "N passed, M failed"
 * with skipped cases counted apart.  Exit status: 0 when every case passed or,
 * with --min-pass, when at least N passed; 1 otherwise; 2 on usage errors. */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read/read.h"
#include "rego/policy.h"

static int verbose;
static int passed, failed, skipped;
static const char *current_case = "";

static void on_alarm(int sig) {
    (void)sig;
    const char *msg = "regent-conformance: case timed out: ";
    if (write(2, msg, strlen(msg)) < 0 || write(2, current_case, strlen(current_case)) < 0 || write(2, "\n", 1) < 0) {
    }
    _exit(3);
}

/* Expected values are JSON: sets are written as arrays, and regorus writes
 * objects with non-string keys as {"object!": [{"key": k, "value": v}...]}.
 * This turns the latter back into objects. */
static rg_value decode_want(rg_arena *a, rg_value v) {
    switch ((rg_kind)v.kind) {
    case RG_ARRAY: {
        if (!v.len) return v;
        rg_value *items = rg_arena_alloc(a, v.len * sizeof *items);
        for (size_t i = 0; i < v.len; i++) items[i] = decode_want(a, v.u.items[i]);
        return rg_array_take(items, v.len);
    }
    case RG_OBJECT: {
        rg_value entries = v.len == 1 ? rg_object_get_str(v, "object!") : rg_undefined();
        size_t n = entries.kind == RG_ARRAY ? entries.len : v.len;
        rg_value *kv = rg_arena_alloc(a, 2 * (n ? n : 1) * sizeof *kv);
        for (size_t i = 0; i < n; i++) {
            rg_value k = entries.kind == RG_ARRAY ? rg_object_get_str(entries.u.items[i], "key") : v.u.items[2 * i];
            rg_value val = entries.kind == RG_ARRAY ? rg_object_get_str(entries.u.items[i], "value") : v.u.items[2 * i + 1];
            kv[2 * i] = decode_want(a, k);
            kv[2 * i + 1] = decode_want(a, val);
        }
        /* Keep duplicates (a set key and an array key both read as arrays). */
        if (!n) return rg_empty_object();
        return (rg_value){.kind = RG_OBJECT, .len = (uint32_t)n, .u.items = kv};
    }
    default: return v;
    }
}

static bool matches(rg_value want, rg_value got);

/* Object keys: OPA's cases compare results as JSON, where a non-string key
 * is written as its JSON text ({1: true} is {"1": true}). */
static bool key_matches(rg_value want, rg_value got) {
    if (matches(want, got)) return true;
    if (want.kind != RG_STRING || got.kind == RG_STRING) return false;
    char *text = rg_json_dump(got, 0);
    bool same = strlen(text) == want.len && memcmp(text, want.u.s, want.len) == 0;
    free(text);
    return same;
}

/* Does the actual value got match the expected JSON value want?  A set
 * matches an array holding the same elements in any order. */
static bool matches(rg_value want, rg_value got) {
    switch ((rg_kind)got.kind) {
    case RG_SET: {
        if (want.kind != RG_ARRAY || want.len != got.len) return false;
        bool *used = calloc(want.len ? want.len : 1, 1);
        bool ok = true;
        for (size_t i = 0; i < got.len && ok; i++) {
            ok = false;
            for (size_t j = 0; j < want.len && !ok; j++)
                if (!used[j] && matches(want.u.items[j], got.u.items[i])) used[j] = ok = true;
        }
        free(used);
        return ok;
    }
    case RG_ARRAY:
        if (want.kind != RG_ARRAY || want.len != got.len) return false;
        for (size_t i = 0; i < got.len; i++)
            if (!matches(want.u.items[i], got.u.items[i])) return false;
        return true;
    case RG_OBJECT: {
        if (want.kind != RG_OBJECT || want.len != got.len) return false;
        bool *used = calloc(want.len ? want.len : 1, 1);
        bool ok = true;
        for (size_t i = 0; i < got.len && ok; i++) {
            ok = false;
            for (size_t j = 0; j < want.len && !ok; j++)
                if (!used[j] && key_matches(want.u.items[2 * j], got.u.items[2 * i]) &&
                    matches(want.u.items[2 * j + 1], got.u.items[2 * i + 1]))
                    used[j] = ok = true;
        }
        free(used);
        return ok;
    }
    default: return rg_value_equal(want, got);
    }
}


typedef struct outcome {
    bool error;
    char *code, *msg; /* malloc'd when error */
    rg_value results; /* array of binding objects */
} outcome;

static void set_error(outcome *o, rg_diags *d) {
    o->error = true;
    if (d->len) {
        const rg_diag *g = &d->items[0];
        o->code = strdup(g->code);
        rg_buf b = RG_BUF_INIT;
        rg_diag_format(&b, g);
        /* Also OPA's own form, "file:line: code: message", which cases quote. */
        if (g->file && g->line > 0) rg_buf_printf(&b, "\n%s:%d: %s: %s", g->file, g->line, g->code, g->msg);
        o->msg = rg_buf_detach(&b);
    } else {
        o->code = strdup("error");
        o->msg = strdup("error");
    }
}

static bool flag(rg_value c, const char *name) { return rg_is_true(rg_object_get_str(c, name)); }

static void run_query(rg_policy *p, rg_arena *a, const char *text, const rg_eval_options *opts, outcome *o) {
    rg_diags d = RG_DIAGS_INIT;
    rg_query *q;
    if (rg_query_compile(p, a, text, &q, &d) != 0) {
        set_error(o, &d);
        rg_diags_fini(&d);
        return;
    }
    rg_vec results = RG_VEC_INIT;
    if (rg_query_eval(p, q, a, opts, &results, &d) != 0) set_error(o, &d);
    else {
        for (size_t i = 0; i < results.len; i++) results.items[i] = rg_object_get_str(results.items[i], "bindings");
        o->results = rg_vec_to_array(a, &results);
    }
    rg_vec_fini(&results);
    rg_diags_fini(&d);
}

/* Results may point into the policy's arena: the caller frees *pp after
 * comparing. */
static void run_case(rg_value c, bool v0, rg_arena *a, outcome *o, rg_policy **pp) {
    rg_policy *p = rg_policy_new();
    *pp = p;
    p->v0_compatible = v0;
    rg_diags d = RG_DIAGS_INIT;
    rg_value mods = rg_object_get_str(c, "modules");
    bool ok = true;
    for (size_t i = 0; mods.kind == RG_ARRAY && i < mods.len; i++) {
        rg_value m = mods.u.items[i];
        if (m.kind != RG_STRING) continue;
        char name[32];
        snprintf(name, sizeof name, "test-%zu.rego", i);
        if (rg_policy_add_module(p, name, m.u.s, m.len, &d) != 0) ok = false;
    }
    rg_value data = rg_object_get_str(c, "data");
    if (!rg_is_undef(data)) rg_policy_set_data(p, data);
    if (ok && rg_policy_compile(p, &d) != 0) ok = false;
    if (!ok) {
        set_error(o, &d);
        goto out;
    }
    rg_eval_options opts = {.input = rg_object_get_str(c, "input"), .strict_builtin_errors = flag(c, "strict_error")};
    rg_value input_term = rg_object_get_str(c, "input_term");
    if (input_term.kind == RG_STRING) {
        rg_buf qt = RG_BUF_INIT;
        rg_buf_printf(&qt, "input_term__value = %s", input_term.u.s);
        outcome it = {0};
        run_query(p, a, rg_buf_cstr(&qt), &opts, &it);
        rg_buf_fini(&qt);
        if (it.error) {
            *o = it;
            goto out;
        }
        if (it.results.len) opts.input = rg_object_get_str(it.results.u.items[0], "input_term__value");
    }
    rg_value query = rg_object_get_str(c, "query");
    if (query.kind != RG_STRING) {
        o->error = true;
        o->code = strdup("runner_error");
        o->msg = strdup("case has no query");
        goto out;
    }
    run_query(p, a, query.u.s, &opts, o);
out:
    rg_diags_fini(&d);
}

static int cmp_values(const void *x, const void *y) { return rg_value_compare(*(const rg_value *)x, *(const rg_value *)y); }

/* sort_bindings: array values of bindings compare sorted, as OPA's runner
 * sorts them. */
static rg_value sort_binding_arrays(rg_arena *a, rg_value result) {
    for (size_t i = 0; result.kind == RG_OBJECT && i < result.len; i++) {
        rg_value v = result.u.items[2 * i + 1];
        if (v.kind != RG_ARRAY || v.len < 2) continue;
        rg_value *items = rg_arena_memdup(a, v.u.items, v.len * sizeof *items);
        qsort(items, v.len, sizeof *items, cmp_values);
        result = rg_object_put(a, result, result.u.items[2 * i], rg_array_take(items, v.len));
    }
    return result;
}

static bool results_match(rg_arena *a, rg_value want, rg_value got, bool sorted) {
    if (want.kind != RG_ARRAY) want = rg_empty_array();
    want = decode_want(a, want);
    if (sorted) {
        rg_value *items = rg_arena_alloc(a, (got.len ? got.len : 1) * sizeof *items);
        for (size_t i = 0; i < got.len; i++) items[i] = sort_binding_arrays(a, got.u.items[i]);
        got = rg_array_take(items, got.len);
        rg_value *w = rg_arena_alloc(a, (want.len ? want.len : 1) * sizeof *w);
        for (size_t i = 0; i < want.len; i++) w[i] = sort_binding_arrays(a, want.u.items[i]);
        want = rg_array_take(w, want.len);
    }
    if (want.len != got.len) return false;
    if (!sorted) return matches(want, got);
    /* Order ignored: match each result with a distinct expected one. */
    bool *used = calloc(want.len ? want.len : 1, 1);
    bool ok = true;
    for (size_t i = 0; i < got.len && ok; i++) {
        ok = false;
        for (size_t j = 0; j < want.len && !ok; j++)
            if (!used[j] && matches(want.u.items[j], got.u.items[i])) used[j] = ok = true;
    }
    free(used);
    return ok;
}

static void report(const char *file, rg_value note, const char *why, rg_value want, const outcome *o) {
    printf("FAIL %s: %s: %s\n", file, note.kind == RG_STRING ? note.u.s : "?", why);
    if (!verbose) return;
    char *w = rg_json_dump(want, 0);
    printf("  want: %s\n", rg_is_undef(want) ? "(error)" : w);
    free(w);
    if (o->error) {
        printf("  got error: %s\n", o->msg);
    } else {
        char *g = rg_json_dump(o->results, 0);
        printf("  got:  %s\n", g);
        free(g);
    }
}

static void run_file(const char *path, bool v0) {
    char *src;
    size_t len;
    if (rg_read_file(path, &src, &len) != 0) {
        fprintf(stderr, "%s: cannot read\n", path);
        failed++;
        return;
    }
    rg_arena fa;
    rg_arena_init(&fa);
    rg_diags d = RG_DIAGS_INIT;
    rg_value doc;
    if (rg_yaml_parse(&fa, path, src, len, RG_READ_TYPED_KEYS, NULL, &doc, &d) != 0) {
        rg_buf b = RG_BUF_INIT;
        rg_diag_format(&b, &d.items[0]);
        fprintf(stderr, "%s\n", rg_buf_cstr(&b));
        rg_buf_fini(&b);
        failed++;
        goto out;
    }
    rg_value cases = rg_object_get_str(doc, "cases");
    for (size_t i = 0; cases.kind == RG_ARRAY && i < cases.len; i++) {
        rg_value c = cases.u.items[i];
        rg_value note = rg_object_get_str(c, "note");
        if (flag(c, "skip")) {
            skipped++;
            continue;
        }
        current_case = note.kind == RG_STRING ? note.u.s : "?";
        alarm(20);
        rg_arena a;
        rg_arena_init(&a);
        outcome o = {0};
        rg_policy *policy = NULL;
        run_case(c, v0, &a, &o, &policy);
        alarm(0);
        rg_value want_code = rg_object_get_str(c, "want_error_code");
        rg_value want_err = rg_object_get_str(c, "want_error");
        rg_value want = rg_object_get_str(c, "want_result");
        if (!rg_is_undef(want_code) || !rg_is_undef(want_err)) {
            bool good = o.error;
            if (good && want_code.kind == RG_STRING && strcmp(o.code, want_code.u.s) != 0) good = false;
            if (good && want_err.kind == RG_STRING && want_err.len && !strstr(o.msg, want_err.u.s)) good = false;
            if (good) passed++;
            else {
                failed++;
                report(path, note, o.error ? "wrong error" : "expected an error", rg_undefined(), &o);
                if (verbose && want_code.kind == RG_STRING) printf("  want error: %s %s\n", want_code.u.s, want_err.kind == RG_STRING ? want_err.u.s : "");
            }
        } else if (o.error) {
            failed++;
            report(path, note, "unexpected error", want, &o);
        } else if (results_match(&a, want, o.results, flag(c, "sort_bindings"))) {
            passed++;
        } else {
            failed++;
            report(path, note, "wrong result", want, &o);
        }
        free(o.code);
        free(o.msg);
        rg_policy_free(policy);
        rg_arena_fini(&a);
    }
out:
    rg_diags_fini(&d);
    rg_arena_fini(&fa);
    free(src);
}

static int by_name(const void *x, const void *y) { return strcmp(*(char *const *)x, *(char *const *)y); }

static void run_path(const char *path, bool v0) {
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "%s: no such file or directory\n", path);
        failed++;
        return;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (!strcmp(base, "v0")) v0 = true;
    if (!strncmp(path, "v0/", 3) || strstr(path, "/v0/")) v0 = true;
    if (!S_ISDIR(st.st_mode)) {
        size_t n = strlen(path);
        if ((n > 5 && !strcmp(path + n - 5, ".yaml")) || (n > 4 && !strcmp(path + n - 4, ".yml"))) run_file(path, v0);
        return;
    }
    DIR *dir = opendir(path);
    if (!dir) return;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *ent;
    while ((ent = readdir(dir)) != NULL) {
        if (ent->d_name[0] == '.') continue;
        if (n == cap) names = rg_xrealloc(names, (cap = cap ? cap * 2 : 16) * sizeof *names);
        names[n++] = rg_xstrdup(ent->d_name);
    }
    closedir(dir);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        rg_buf child = RG_BUF_INIT;
        rg_buf_printf(&child, "%s/%s", path, names[i]);
        run_path(rg_buf_cstr(&child), v0);
        rg_buf_fini(&child);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv) {
    long min_pass = -1;
    int npaths = 0;
    signal(SIGALRM, on_alarm);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v")) verbose = 1;
        else if (!strcmp(argv[i], "--min-pass") && i + 1 < argc) min_pass = atol(argv[++i]);
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            puts("usage: regent-conformance [-v] [--min-pass N] PATH...");
            return 0;
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "regent-conformance: unknown option %s\n", argv[i]);
            return 2;
        } else {
            run_path(argv[i], false);
            npaths++;
        }
    }
    if (!npaths) {
        fputs("usage: regent-conformance [-v] [--min-pass N] PATH...\n", stderr);
        return 2;
    }
    printf("%d passed, %d failed", passed, failed);
    if (skipped) printf(" (%d skipped)", skipped);
    putchar('\n');
    if (min_pass >= 0) return passed >= min_pass ? 0 : 1;
    return failed ? 1 : 0;
}
