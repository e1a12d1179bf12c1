/* Rule values shared by the evaluations of several queries on one input
 * (rg_eval_cache): computed once, and never an error turned into a cached
 * "undefined". */
#include <stdlib.h>
#include <string.h>

#include "rego/policy.h"
#include "testlib.h"

static const char module[] =
    "package p\n"
    "import rego.v1\n"
    "helper := x if {\n"
    "  print(\"computing helper\")\n"
    "  x := count(input.items)\n"
    "}\n"
    "a := helper + 1\n"
    "b := helper * 2\n"
    "conflict := 1 if input.items\n"
    "conflict := 2 if input.items\n";

static int run(rg_policy *p, rg_arena *a, const char *text, rg_eval_options *o, rg_value *out, rg_diags *d) {
    rg_query *q;
    if (rg_query_compile(p, a, text, &q, d) != 0) return -2;
    rg_vec res = RG_VEC_INIT;
    int r = rg_query_eval(p, q, a, o, &res, d);
    *out = res.len ? rg_object_get_str(rg_object_get_str(res.items[0], "bindings"), "x") : rg_undefined();
    rg_vec_fini(&res);
    return r;
}

static size_t count_lines(const rg_buf *b, const char *needle) {
    size_t n = 0;
    for (const char *s = b->data; s && (s = strstr(s, needle)) != NULL; s++) n++;
    return n;
}

static void test_shared_cache(bool shared) {
    rg_diags d = RG_DIAGS_INIT;
    rg_policy *p = rg_policy_new();
    CHECK_INT(rg_policy_add_module(p, "p.rego", module, strlen(module), &d), 0);
    CHECK_INT(rg_policy_compile(p, &d), 0);
    rg_arena a;
    rg_arena_init(&a);
    rg_buf printed = RG_BUF_INIT;
    rg_eval_options o = {.input = rg_test_json(&a, "{\"items\": [1, 2, 3]}"), .print_out = &printed};
    if (shared) o.cache = rg_eval_cache_new(p, &a);
    rg_value v;
    CHECK_INT(run(p, &a, "x = data.p.a", &o, &v, &d), 0);
    CHECK(v.kind == RG_NUMBER && v.u.i == 4);
    CHECK_INT(run(p, &a, "x = data.p.b", &o, &v, &d), 0);
    CHECK(v.kind == RG_NUMBER && v.u.i == 6);
    /* The helper rule is evaluated once when the cache is shared. */
    CHECK_INT(count_lines(&printed, "computing helper"), shared ? 1 : 2);
    /* A conflict is an error in every query that meets it. */
    CHECK_INT(run(p, &a, "x = data.p.conflict", &o, &v, &d), -1);
    size_t errors = d.len;
    CHECK(errors >= 1);
    CHECK_INT(run(p, &a, "x = data.p.conflict", &o, &v, &d), -1);
    CHECK(d.len > errors);
    rg_buf_fini(&printed);
    rg_arena_fini(&a);
    rg_policy_free(p);
    rg_diags_fini(&d);
}

int main(void) {
    test_shared_cache(false);
    test_shared_cache(true);
    return rg_test_report("eval_cache");
}
