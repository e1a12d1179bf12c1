/* graph.reachable and graph.reachable_paths (graph.c): results on small
 * graphs, cycles, missing nodes, malformed edges, type errors, and deep or
 * wide graphs that must neither recurse on the C stack nor blow up. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "rego/bi_ctx.h"
#include "testlib.h"

static rg_arena arena;
static char *last; /* the previous result text, freed on the next call */

/* A JSON value; "set:[...]" makes a set of the array's elements, and in
 * an object "set:{...}" turns every array value into a set (graph edges). */
static rg_value arg(const char *text) {
    if (strncmp(text, "set:{", 5) != 0) return rg_test_json(&arena, text);
    rg_value v = rg_test_json(&arena, text + 4);
    rg_vec pairs = RG_VEC_INIT;
    for (size_t i = 0; i < v.len; i++) {
        rg_value e = rg_obj_val(v, i);
        rg_vec_push(&pairs, rg_obj_key(v, i));
        rg_vec_push(&pairs, e.kind == RG_ARRAY ? rg_set(&arena, e.u.items, e.len) : e);
    }
    rg_value obj = rg_vec_to_object(&arena, &pairs);
    rg_vec_fini(&pairs);
    return obj;
}

static const char *call_values(const char *name, rg_value g, rg_value init) {
    rg_value args[2] = {g, init}, out;
    rg_bi_ctx c;
    rg_bi_ctx_init(&c, &arena);
    int rc = rg_bi_call(&c, name, args, 2, &out);
    free(last);
    if (rc == RG_BI_OK) {
        last = rg_json_dump(out, 0);
    } else {
        rg_buf b = RG_BUF_INIT;
        rg_buf_printf(&b, "%s: %s", c.err_code, rg_buf_cstr(&c.err));
        last = rg_buf_detach(&b);
    }
    rg_bi_ctx_fini(&c);
    return last;
}

static const char *call(const char *name, const char *graph, const char *initial) {
    return call_values(name, arg(graph), arg(initial));
}

#define REACH(g, i) call("graph.reachable", g, i)
#define PATHS(g, i) call("graph.reachable_paths", g, i)

static void test_reachable(void) {
    const char *g = "set:{\"a\": [\"b\", \"c\"], \"b\": [\"d\"], \"c\": [\"d\"], \"d\": [], \"e\": [\"f\"], "
                    "\"f\": [\"e\"], \"x\": [\"x\"]}";
    CHECK_STR(REACH(g, "set:[\"b\", \"e\"]"), "[\"b\",\"d\",\"e\",\"f\"]");
    CHECK_STR(REACH(g, "[\"a\"]"), "[\"a\",\"b\",\"c\",\"d\"]");
    CHECK_STR(REACH(g, "[\"x\"]"), "[\"x\"]");
    CHECK_STR(REACH(g, "[]"), "[]");
    /* nodes that are not keys of the graph are never part of the result */
    CHECK_STR(REACH(g, "[\"nope\", \"d\"]"), "[\"d\"]");
    CHECK_STR(REACH("{\"a\": [\"zz\"]}", "[\"a\"]"), "[\"a\"]");
    /* arrays as edges, a cycle, non-string nodes */
    CHECK_STR(REACH("{\"a\": [\"b\"], \"b\": [\"c\"], \"c\": [\"a\"]}", "[\"c\"]"), "[\"a\",\"b\",\"c\"]");
    CHECK_STR(REACH("{\"1\": [\"2\"], \"2\": []}", "[\"1\"]"), "[\"1\",\"2\"]");
    /* edges that are neither array nor set count as none */
    CHECK_STR(REACH("{\"a\": null, \"b\": \"a\", \"c\": {\"a\": 1}}", "[\"a\", \"b\", \"c\"]"), "[\"a\",\"b\",\"c\"]");
    CHECK_STR(REACH("{}", "[\"a\"]"), "[]");
}

static void test_reachable_errors(void) {
    CHECK_STR(REACH("1", "[\"a\"]"), "eval_type_error: graph.reachable: operand 1 must be object but got number");
    CHECK_STR(REACH("{\"a\": []}", "\"a\""),
              "eval_type_error: graph.reachable: operand 2 must be {set, array} but got string");
    CHECK_STR(REACH("{\"a\": []}", "{\"a\": 1}"),
              "eval_type_error: graph.reachable: operand 2 must be {set, array} but got object");
    CHECK_STR(PATHS("[]", "[\"a\"]"), "eval_type_error: graph.reachable_paths: operand 1 must be object but got array");
    CHECK_STR(PATHS("{\"a\": []}", "null"),
              "eval_type_error: graph.reachable_paths: operand 2 must be {set, array} but got null");
}

static void test_paths(void) {
    CHECK_STR(PATHS("{}", "set:[\"a\"]"), "[]");
    CHECK_STR(PATHS("set:{\"a\": [\"b\"], \"b\": [\"c\"], \"c\": [\"a\"]}", "set:[\"a\"]"), "[[\"a\",\"b\",\"c\"]]");
    CHECK_STR(PATHS("{\"a\": [\"b\", \"c\"], \"b\": [\"c\"], \"c\": []}", "[\"a\"]"),
              "[[\"a\",\"b\",\"c\"],[\"a\",\"c\"]]");
    /* a path ends where it leaves the graph; the missing node is not in it */
    CHECK_STR(PATHS("{\"a\": [\"b\"], \"b\": [\"zz\"]}", "[\"a\", \"b\"]"), "[[\"a\",\"b\"],[\"b\"]]");
    CHECK_STR(PATHS("{\"a\": null}", "[\"a\"]"), "[[\"a\"]]");
    CHECK_STR(PATHS("{\"x\": [\"x\"]}", "[\"x\"]"), "[[\"x\"]]");
    /* a node may appear on several paths, only never twice on one */
    CHECK_STR(PATHS("{\"1\": [], \"2\": [\"1\"], \"3\": [\"2\"], \"4\": [\"3\", \"2\"], \"5\": [\"4\"]}", "[\"5\"]"),
              "[[\"5\",\"4\",\"2\",\"1\"],[\"5\",\"4\",\"3\",\"2\",\"1\"]]");
    CHECK_STR(PATHS("{\"a\": [\"b\"], \"b\": [\"a\", \"c\"], \"c\": [\"b\"]}", "[\"a\"]"),
              "[[\"a\",\"b\"],[\"a\",\"b\",\"c\"]]");
}

/* A chain of n nodes "0" -> "1" -> ... as arrays of edges. */
static rg_value chain(size_t n) {
    rg_vec pairs = RG_VEC_INIT;
    char name[32];
    for (size_t i = 0; i < n; i++) {
        snprintf(name, sizeof name, "%zu", i);
        rg_vec_push(&pairs, rg_cstring(&arena, name));
        snprintf(name, sizeof name, "%zu", i + 1);
        rg_value next = rg_cstring(&arena, name);
        rg_vec_push(&pairs, i + 1 < n ? rg_array(&arena, &next, 1) : rg_empty_array());
    }
    rg_value g = rg_vec_to_object(&arena, &pairs);
    rg_vec_fini(&pairs);
    return g;
}

static void test_deep_and_wide(void) {
    /* 200000 nodes deep: iterative walks, no stack overflow */
    rg_value g = chain(200000), start = rg_cstring(&arena, "0");
    rg_value init = rg_array(&arena, &start, 1);
    const char *r = call_values("graph.reachable", g, init);
    CHECK(strncmp(r, "[\"0\",\"1\",", 9) == 0);
    r = call_values("graph.reachable_paths", g, init);
    CHECK(strncmp(r, "[[\"0\",\"1\",\"2\",", 13) == 0 && strlen(r) > 200000);
    /* a complete graph has factorially many simple paths: cut off */
    rg_vec pairs = RG_VEC_INIT, nodes = RG_VEC_INIT;
    char name[8];
    for (int i = 0; i < 14; i++) {
        snprintf(name, sizeof name, "n%d", i);
        rg_vec_push(&nodes, rg_cstring(&arena, name));
    }
    rg_value all = rg_vec_to_array(&arena, &nodes);
    for (int i = 0; i < 14; i++) {
        rg_vec_push(&pairs, nodes.items[i]);
        rg_vec_push(&pairs, all);
    }
    rg_value complete = rg_vec_to_object(&arena, &pairs);
    CHECK_STR(call_values("graph.reachable", complete, rg_array(&arena, nodes.items, 1)),
              "[\"n0\",\"n1\",\"n10\",\"n11\",\"n12\",\"n13\",\"n2\",\"n3\",\"n4\",\"n5\",\"n6\",\"n7\",\"n8\",\"n9\"]");
    CHECK_STR(call_values("graph.reachable_paths", complete, rg_array(&arena, nodes.items, 1)),
              "eval_builtin_error: graph.reachable_paths: too many paths");
    rg_vec_fini(&pairs);
    rg_vec_fini(&nodes);
}

int main(void) {
    rg_arena_init(&arena);
    test_reachable();
    test_reachable_errors();
    test_paths();
    test_deep_and_wide();
    free(last);
    rg_arena_fini(&arena);
    return rg_test_report("builtins_graph");
}
