/* Rego parser: every rule, literal, expression and term form in v1 and v0
 * syntax, precedence, newlines, refs, annotations, locations, and the error
 * messages with their positions. */
#include <stdio.h>
#include <string.h>

#include "rego/ast.h"
#include "testlib.h"

static rg_buf out = RG_BUF_INIT;

static void diags_to_out(const rg_diags *d) {
    for (size_t i = 0; i < d->len; i++) {
        const rg_diag *g = &d->items[i];
        CHECK_STR(g->code, "rego_parse_error");
        rg_buf_printf(&out, "%s%d:%d: %s", i ? " | " : "", g->line, g->col, g->msg);
    }
}

/* "package p\n" + src parsed; the rules printed one per line, or the errors
 * as "line:col: msg | ..." (lines count the package line). */
static const char *rules(const char *src, bool v0) {
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_buf text = RG_BUF_INIT;
    rg_buf_printf(&text, "package p\n%s", src);
    rg_parse_options o = {v0};
    rg_module *m = NULL;
    int rc = rg_parse_module(&a, "t.rego", text.data, text.len, &o, &m, &d);
    out.len = 0;
    rg_buf_puts(&out, "");
    if (rc == 0) {
        CHECK(m != NULL && d.len == 0);
        for (size_t i = 0; m && i < m->n_rules; i++) {
            if (i) rg_buf_putc(&out, '\n');
            rg_ast_print_rule(&out, m->rules[i]);
        }
    } else {
        CHECK(m == NULL && d.len > 0);
        diags_to_out(&d);
    }
    rg_buf_fini(&text);
    rg_diags_fini(&d);
    rg_arena_fini(&a);
    return rg_buf_cstr(&out);
}

static const char *v1(const char *src) { return rules(src, false); }
static const char *v0(const char *src) { return rules(src, true); }

/* A whole module printed, or its errors. */
static const char *module(const char *src, bool v0mode) {
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_parse_options o = {v0mode};
    rg_module *m = NULL;
    int rc = rg_parse_module(&a, "t.rego", src, strlen(src), &o, &m, &d);
    out.len = 0;
    rg_buf_puts(&out, "");
    if (rc == 0) rg_ast_print_module(&out, m);
    else diags_to_out(&d);
    rg_diags_fini(&d);
    rg_arena_fini(&a);
    return rg_buf_cstr(&out);
}

static const char *query_mode(const char *src, bool v0mode) {
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_parse_options o = {v0mode};
    rg_body b;
    int rc = rg_parse_query(&a, "q", src, strlen(src), &o, &b, &d);
    out.len = 0;
    rg_buf_puts(&out, "");
    if (rc == 0) rg_ast_print_body(&out, &b);
    else diags_to_out(&d);
    rg_diags_fini(&d);
    rg_arena_fini(&a);
    return rg_buf_cstr(&out);
}

static const char *query(const char *src) { return query_mode(src, false); }

static const char *term(const char *src) {
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_term *t = NULL;
    int rc = rg_parse_term(&a, "t", src, strlen(src), NULL, &t, &d);
    out.len = 0;
    rg_buf_puts(&out, "");
    if (rc == 0) rg_ast_print_term(&out, t);
    else {
        CHECK(t == NULL);
        diags_to_out(&d);
    }
    rg_diags_fini(&d);
    rg_arena_fini(&a);
    return rg_buf_cstr(&out);
}

/* ---- modules, packages, imports ---- */

static void test_package_imports(void) {
    CHECK_STR(module("package a.b.c", false), "(module\n  (package \"a\" \"b\" \"c\"))");
    CHECK_STR(module("package a[\"b-c\"].d", false), "(module\n  (package \"a\" \"b-c\" \"d\"))");
    CHECK_STR(module("package a.if.default", false), "(module\n  (package \"a\" \"if\" \"default\"))");
    CHECK_STR(module("package p\nimport data.x.y as z\nimport input.foo\nimport data\n"
                     "import future.keywords.in\nimport future.keywords\nimport rego.v1\n",
                     false),
              "(module\n  (package \"p\")\n  (import (ref data \"x\" \"y\") as z)\n  (import (ref input \"foo\"))\n"
              "  (import data)\n  (import (ref future \"keywords\" \"in\"))\n  (import (ref future \"keywords\"))\n"
              "  (import (ref rego \"v1\")))");
    CHECK_STR(module("package p\nimport data.x[\"a.b\"]\nimport data.catalog.if.default as kw", false),
              "(module\n  (package \"p\")\n  (import (ref data \"x\" \"a.b\"))\n"
              "  (import (ref data \"catalog\" \"if\" \"default\") as kw))");
    /* package and rule locations */
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_module *m;
    const char *src = "# c\n  package p.q\nimport input.x\n\n  r := 1";
    CHECK_INT(rg_parse_module(&a, "f.rego", src, strlen(src), NULL, &m, &d), 0);
    CHECK_STR(m->file, "f.rego");
    CHECK_INT(m->package_loc.line, 2);
    CHECK_INT(m->package_loc.col, 3);
    CHECK_INT(m->imports[0].loc.line, 3);
    CHECK_INT(m->imports[0].path->loc.col, 8);
    CHECK_INT(m->rules[0]->loc.line, 5);
    CHECK_INT(m->rules[0]->loc.col, 3);
    CHECK_STR(m->rules[0]->text, "r := 1");
    CHECK(m->v1);
    rg_diags_fini(&d);
    rg_arena_fini(&a);
}

static void test_module_errors(void) {
    CHECK_STR(module("", false), "0:0: empty module");
    CHECK_STR(module("# only a comment\n", false), "0:0: empty module");
    CHECK_STR(module("p := 1", false), "1:1: package expected");
    CHECK_STR(module("package 1", false), "1:9: unexpected number token: expected identifier");
    CHECK_STR(module("package a.", false), "1:11: unexpected eof token: expected identifier");
    CHECK_STR(module("package a[x]", false), "1:11: unexpected identifier token: expected string");
    CHECK_STR(module("package p\npackage q", false), "2:1: unexpected package keyword");
    CHECK_STR(module("package p\nimport foo", false),
              "2:8: unexpected import path, must begin with one of: {data, future, input, rego}, got: foo");
    CHECK_STR(module("package p\nimport rego.v3", false), "2:8: invalid import `rego.v3`, must be `rego.v1` or `rego.v2`");
    CHECK_STR(module("package p\nimport rego.v1 as r", true), "2:8: `rego` imports cannot be aliased");
    CHECK_STR(module("package p\nimport future.bar", false), "2:8: invalid import, must be `future.keywords`");
    CHECK_STR(module("package p\nimport future.keywords.foo", false),
              "2:8: unexpected keyword, must be one of [contains every if in not]");
    CHECK_STR(module("package p\nimport future.keywords.in as x", false), "2:8: `future` imports cannot be aliased");
    CHECK_STR(module("package p\nimport data.x.if", false),
              "2:15: unexpected import path, must not end with a keyword, got: if");
    CHECK_STR(module("package p\nimport data.x.if", true), "(module\n  (package \"p\")\n  (import (ref data \"x\" \"if\")))");
    CHECK_STR(module("package p\nimport data.x as 1", false), "2:18: unexpected number token: expected var");
}

/* ---- rules, v1 ---- */

static void test_rules_v1(void) {
    CHECK_STR(v1("default p := 1"), "(rule default (head p) (:= 1))");
    CHECK_STR(v1("default p = {\"a\": [1]}"), "(rule default (head p) (= (object (\"a\" (array 1)))))");
    CHECK_STR(v1("default f(_) := false"), "(rule default (head f) (args _) (:= false))");
    CHECK_STR(v1("default a.b[\"c\"] := set()"), "(rule default (head a \"b\" \"c\") (:= (set)))");
    CHECK_STR(v1("default x := [1 | true]"), "(rule default (head x) (:= (arraycompr 1 (body true))))");
    CHECK_STR(v1("p := 1"), "(rule (head p) (:= 1))");
    CHECK_STR(v1("p = 1"), "(rule (head p) (= 1))");
    CHECK_STR(v1("p := x if { x := 1 }"), "(rule (head p) (:= x) (body (:= x 1)))");
    CHECK_STR(v1("p if { true }"), "(rule (head p) (body true))");
    CHECK_STR(v1("p if x > 1"), "(rule (head p) (body (call gt x 1)))");
    CHECK_STR(v1("p := 1 if x"), "(rule (head p) (:= 1) (body x))");
    CHECK_STR(v1("p if not x"), "(rule (head p) (body (not x)))");
    CHECK_STR(v1("p if some x in y"), "(rule (head p) (body (some-in nil x y)))");
    CHECK_STR(v1("p if every x in y { x }"), "(rule (head p) (body (every nil x y (body x))))");
    CHECK_STR(v1("p if x with input as 1"), "(rule (head p) (body (with x (input 1))))");
    CHECK_STR(v1("p contains x if { x := 1 }"), "(rule (head p) (contains x) (body (:= x 1)))");
    CHECK_STR(v1("p contains \"a\""), "(rule (head p) (contains \"a\"))");
    CHECK_STR(v1("p contains x if x := 1"), "(rule (head p) (contains x) (body (:= x 1)))");
    CHECK_STR(v1("p[k] := v if { k := 1; v := 2 }"), "(rule (head p k) (:= v) (body (:= k 1) (:= v 2)))");
    CHECK_STR(v1("a.b.c := 1"), "(rule (head a \"b\" \"c\") (:= 1))");
    CHECK_STR(v1("a.b[x] := y if { x := 1; y := 2 }"), "(rule (head a \"b\" x) (:= y) (body (:= x 1) (:= y 2)))");
    CHECK_STR(v1("a.b contains x if { x := 1 }"), "(rule (head a \"b\") (contains x) (body (:= x 1)))");
    CHECK_STR(v1("p[x] if { x := 1 }"), "(rule (head p x) (body (:= x 1)))");
    CHECK_STR(v1("p.q[x] if x := 1"), "(rule (head p \"q\" x) (body (:= x 1)))");
    CHECK_STR(v1("f(x) := y if { y := x }"), "(rule (head f) (args x) (:= y) (body (:= y x)))");
    CHECK_STR(v1("f(x, y) if { x > y }"), "(rule (head f) (args x y) (body (call gt x y)))");
    CHECK_STR(v1("f(x) := 1"), "(rule (head f) (args x) (:= 1))");
    CHECK_STR(v1("f([a, _], {\"k\": b}) := a"), "(rule (head f) (args (array a _) (object (\"k\" b))) (:= a))");
    CHECK_STR(v1("a.b.f(x) := x"), "(rule (head a \"b\" \"f\") (args x) (:= x))");
    CHECK_STR(v1("f (x) := x"), "(rule (head f) (args x) (:= x))");
    CHECK_STR(v1("f() := 1"), "(rule (head f) (args) (:= 1))");
    CHECK_STR(v1("p := 1\np := 2 if false"), "(rule (head p) (:= 1))\n(rule (head p) (:= 2) (body false))");
    CHECK_STR(v1("p := {\"a\": 1}\nq := {1, 2}"),
              "(rule (head p) (:= (object (\"a\" 1))))\n(rule (head q) (:= (set 1 2)))");
    /* rules may share a line */
    CHECK_STR(v1("p := 1 q := 2"), "(rule (head p) (:= 1))\n(rule (head q) (:= 2))");
}

static void test_else(void) {
    CHECK_STR(v1("p := 1 if { false } else := 2 if { false } else := 3"),
              "(rule (head p) (:= 1) (body false) (else (:= 2) (body false) (else (:= 3))))");
    CHECK_STR(v1("p := 1 if {\n  false\n}\nelse = 2 if x\nelse if y\nelse := 4"),
              "(rule (head p) (:= 1) (body false) (else (= 2) (body x) (else (body y) (else (:= 4)))))");
    CHECK_STR(v1("f(x) := 1 if x > 1 else := 2"),
              "(rule (head f) (args x) (:= 1) (body (call gt x 1)) (else (:= 2)))");
    CHECK_STR(v0("p = 1 { false } else = 2 { true } else { true }"),
              "(rule (head p) (= 1) (body false) (else (= 2) (body true) (else (body true))))");
    CHECK_STR(v1("p := 1 if false else"), "2:21: unexpected eof token: expected else value term or rule body");
    CHECK_STR(v1("p := 1 if false else {\n true\n}"), "2:17: `if` keyword is required before rule body");
    CHECK_STR(v1("p[x] := 1 if x := 1 else := 2"), "2:21: else keyword cannot be used on rules with variables in head");
    CHECK_STR(v1("p contains 1 if true else := 2"), "2:22: else keyword cannot be used on multi-value rules");
    CHECK_STR(v1("p := 1 if { true } else := 2 { false }"), "2:20: `if` keyword is required before rule body");
    CHECK_STR(v1("p := 1 if { true } else := 2 if x { false }"), "2:35: expected else keyword");
}

static void test_rule_errors_v1(void) {
    CHECK_STR(v1("p { true }"), "2:1: `if` keyword is required before rule body");
    CHECK_STR(v1("f(x) { true }"), "2:1: `if` keyword is required before function body");
    CHECK_STR(v1("p[x] { x := 1 }"),
              "2:1: `if` keyword is required before rule body | 2:1: `contains` keyword is required for partial set rules");
    CHECK_STR(v1("p[\"a\"]"), "2:1: `contains` keyword is required for partial set rules");
    CHECK_STR(v1("a.b"), "2:1: `contains` keyword is required for partial set rules");
    CHECK_STR(v1("p"), "2:1: var cannot be used for rule name");
    CHECK_STR(v1("a.b.c"), "2:1: rule must have value assignment and/or body declaration");
    CHECK_STR(v1("f(x)"), "2:1: function must have value assignment and/or body declaration");
    CHECK_STR(v1("p if"), "2:5: unexpected eof token");
    CHECK_STR(v1("p if {}"), "(rule (head p) (body (object)))"); /* OPA: `{}` is then the literal */
    CHECK_STR(v1("p :="), "2:5: unexpected eof token");
    CHECK_STR(v1("p + 1"), "2:3: unexpected plus token");
    CHECK_STR(v1("1 := p"), "2:1: unexpected number token");
    CHECK_STR(v1("f(x) contains 1"),
              "2:6: unexpected contains keyword: the contains keyword can only be used with multi-value rule definitions");
    CHECK_STR(v1("if := 1"), "2:1: unexpected if keyword");
    CHECK_STR(v1("default p"), "2:1: illegal default rule (must have a value)");
    CHECK_STR(v1("default p := x"), "2:1: illegal default rule (value cannot contain var)");
    CHECK_STR(v1("default p := [1, {\"a\": y.z}]"), "2:1: illegal default rule (value cannot contain ref)");
    CHECK_STR(v1("default p := count([])"), "2:1: illegal default rule (value cannot contain call)");
    CHECK_STR(v1("default p := 1 + 2"), "2:1: illegal default rule (value cannot contain call)");
    CHECK_STR(v1("default p := -1"), "(rule default (head p) (:= -1))");
    CHECK_STR(v1("default f(1) := 1"), "2:1: illegal default rule (arguments cannot contain number)");
    CHECK_STR(v1("default f(x, x) := 1"), "2:1: illegal default rule (arguments cannot be repeated x)");
    CHECK_STR(v1("default f(_, _) := 1"), "(rule default (head f) (args _ _) (:= 1))");
    CHECK_STR(v1("default p := 1 if true"), "2:16: unexpected if keyword");
}

/* ---- rules, v0 ---- */

static void test_rules_v0(void) {
    CHECK_STR(v0("p { true }"), "(rule (head p) (body true))");
    CHECK_STR(v0("p = 1 { true }"), "(rule (head p) (= 1) (body true))");
    CHECK_STR(v0("p := 1"), "(rule (head p) (:= 1))");
    CHECK_STR(v0("f(x) = y { y := x }"), "(rule (head f) (args x) (= y) (body (:= y x)))");
    CHECK_STR(v0("p[x] { x := 1 }"), "(rule (head p) (contains x) (body (:= x 1)))");
    CHECK_STR(v0("p[\"a\"]"), "(rule (head p) (contains \"a\"))");
    CHECK_STR(v0("a.b { true }"), "(rule (head a) (contains \"b\") (body true))");
    CHECK_STR(v0("a.b.c { true }"), "(rule (head a \"b\" \"c\") (body true))");
    CHECK_STR(v0("a.b[x] { x := 1 }"), "(rule (head a \"b\" x) (body (:= x 1)))");
    CHECK_STR(v0("a.b.c"), "(rule (head a \"b\" \"c\"))");
    CHECK_STR(v0("f(x)"), "(rule (head f) (args x))");
    CHECK_STR(v0("p[k] = v { k := 1; v := 2 }"), "(rule (head p k) (= v) (body (:= k 1) (:= v 2)))");
    CHECK_STR(v0("p { a } { b }"), "(rule (head p) (body a))\n(rule (head p) (body b))");
    CHECK_STR(v0("p[x] {\n  x := 1\n} {\n  x := 2\n}"),
              "(rule (head p) (contains x) (body (:= x 1)))\n(rule (head p) (contains x) (body (:= x 2)))");
    CHECK_STR(v0("default allow = false"), "(rule default (head allow) (= false))");
    CHECK_STR(v0("default complex[true] = \"x\""), "(rule default (head complex true) (= \"x\"))");
    CHECK_STR(v0("p"), "2:1: var cannot be used for rule name");
    /* v1 chained bodies are allowed too (OPA does not require `if` there) */
    CHECK_STR(v1("p if { a } { b }"), "(rule (head p) (body a))\n(rule (head p) (body b))");
    CHECK_STR(v1("p if { a } if { b }"), "2:12: unexpected if keyword");
}

static void test_v0_keywords(void) {
    /* without imports, in/every/contains/if are plain names in v0 */
    CHECK_STR(v0("in := 1\nevery := 2\nx := contains(\"ab\", \"a\")"),
              "(rule (head in) (:= 1))\n(rule (head every) (:= 2))\n(rule (head x) (:= (call contains \"ab\" \"a\")))");
    CHECK_STR(v0("p { x in y }"), "2:7: unexpected identifier token: expected \\n or ; or }");
    CHECK_STR(v0("p { some x in y }"), "2:12: unexpected identifier token: expected \\n or ; or }");
    /* ... except `if`/`contains` right after a rule head, which v0 cannot read otherwise */
    CHECK_STR(v0("p if { x }"), "(rule (head p) (body x))");
    CHECK_STR(v0("p contains 1"), "(rule (head p) (contains 1))");
    /* imports turn them on */
    CHECK_STR(v0("import future.keywords.in\np { x in y }"), "(rule (head p) (body (call internal.member_2 x y)))");
    CHECK_STR(v0("import future.keywords.every\np { every x in y { x } }"),
              "(rule (head p) (body (every nil x y (body x))))");
    CHECK_STR(v0("import future.keywords\np contains x if { some x in y }"),
              "(rule (head p) (contains x) (body (some-in nil x y)))");
    CHECK_STR(v0("import future.keywords.if\np if x\np[x] if { x := 1 }\np2[x] { x := 1 }"),
              "(rule (head p) (body x))\n(rule (head p x) (body (:= x 1)))\n(rule (head p2) (contains x) (body (:= x 1)))");
    /* import rego.v1 switches the module to v1 rules */
    CHECK_STR(module("package p\nimport rego.v1\np { true }", true), "3:1: `if` keyword is required before rule body");
    CHECK_STR(module("package p\nimport rego.v1\np if x in y", true),
              "(module\n  (package \"p\")\n  (import (ref rego \"v1\"))\n"
              "  (rule (head p) (body (call internal.member_2 x y))))");
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_module *m;
    rg_parse_options o = {true};
    CHECK_INT(rg_parse_module(&a, "t", "package p\np { true }", 20, &o, &m, &d), 0);
    CHECK(!m->v1);
    CHECK_INT(rg_parse_module(&a, "t", "package p\nimport rego.v1\n", 25, &o, &m, &d), 0);
    CHECK(m->v1);
    rg_diags_fini(&d);
    rg_arena_fini(&a);
}

/* ---- literals and bodies ---- */

static void test_literals(void) {
    CHECK_STR(query("some x, y"), "(body (some x y))");
    CHECK_STR(query("some x in xs"), "(body (some-in nil x xs))");
    CHECK_STR(query("some k, v in xs"), "(body (some-in k v xs))");
    CHECK_STR(query("some [a, b] in xs"), "(body (some-in nil (array a b) xs))");
    CHECK_STR(query("some x in numbers.range(1, 3)"), "(body (some-in nil x (call numbers.range 1 3)))");
    CHECK_STR(query("not x"), "(body (not x))");
    CHECK_STR(query("not x = 1"), "(body (not (= x 1)))");
    CHECK_STR(query("x := 1"), "(body (:= x 1))");
    CHECK_STR(query("[x, y] = [1, 2]"), "(body (= (array x y) (array 1 2)))");
    CHECK_STR(query("every v in xs { v > 1 }"), "(body (every nil v xs (body (call gt v 1))))");
    CHECK_STR(query("every k, v in xs { k; v }"), "(body (every k v xs (body k v)))");
    CHECK_STR(query("f(x) with input as 1 with data.a.b as {\"c\": 2} with g as h"),
              "(body (with (call f x) (input 1) ((ref data \"a\" \"b\") (object (\"c\" 2))) (g h)))");
    CHECK_STR(query("not p with input.x as 1"), "(body (with (not p) ((ref input \"x\") 1)))");
    CHECK_STR(query("x in xs"), "(body (call internal.member_2 x xs))");
    CHECK_STR(query("k, v in xs"), "(body (call internal.member_3 k v xs))");
    CHECK_STR(query("x := [(k, v in xs), 1]"), "(body (:= x (array (call internal.member_3 k v xs) 1)))");
    CHECK_STR(query("x := k, v in xs"), "(body (:= x (call internal.member_3 k v xs)))");
    CHECK_STR(query("a; b\nc ;d;"), "(body a b c d)");
    CHECK_STR(query("a\n\n  b"), "(body a b)");
}

/* not { ... } needs `import rego.v2` or `import future.keywords.not`. */
static void test_not_body(void) {
    CHECK_STR(v1("import rego.v2\nx if not { a; b }"), "(rule (head x) (body (not (body (body a b)))))");
    CHECK_STR(v1("import future.keywords.not\nx if { not { a } }"), "(rule (head x) (body (not (body (body a)))))");
    /* without the import, `not {a}` negates an object/set term */
    CHECK(strstr(v1("x if { not { a } }"), "(body (not (body") == NULL);
}

static void test_literal_errors(void) {
    CHECK_STR(query(""), "1:1: empty query");
    CHECK_STR(query("a b"), "1:3: unexpected identifier token: expected \\n or ; or eof");
    CHECK_STR(query("a, b"), "1:2: unexpected , token: expected \\n or ; or eof");
    CHECK_STR(query("some 1"), "1:6: expected var");
    CHECK_STR(query("some x, y in z, w"), "1:15: unexpected , token: expected \\n or ; or eof");
    CHECK_STR(query("every x { x }"), "1:9: unexpected { token: expected `x[, y] in xs { ... }` expression");
    CHECK_STR(query("every [x] in y { x }"), "1:7: expected value to be a variable");
    CHECK_STR(query("every 1, x in y { x }"), "1:7: expected key to be a variable");
    CHECK_STR(query("every x in y"), "1:13: unexpected eof token: missing body");
    CHECK_STR(query("every x in y {}"), "1:15: found empty body");
    CHECK_STR(query("x with 1 as 2"), "1:8: unexpected number token: expected ident");
    CHECK_STR(query("x with f(1) as 2"), "1:8: expected with target path");
    CHECK_STR(query("x with input 1"), "1:14: unexpected number token: expected as keyword");
    CHECK_STR(query("x = y = z"), "1:7: unexpected eq token: expected \\n or ; or eof");
    CHECK_STR(query("not"), "1:4: unexpected eof token");
    CHECK_STR(query("x := "), "1:6: unexpected eof token");
    CHECK_STR(query("{ a"), "1:4: unexpected eof token: expected \",\" or \"}\"");
}

/* ---- expressions ---- */

static void test_precedence(void) {
    CHECK_STR(term("1 + 2 * 3"), "(call plus 1 (call mul 2 3))");
    CHECK_STR(term("(1 + 2) * 3"), "(call mul (call plus 1 2) 3)");
    CHECK_STR(term("a - b - c"), "(call minus (call minus a b) c)");
    CHECK_STR(term("a / b * c % d"), "(call rem (call mul (call div a b) c) d)");
    CHECK_STR(term("a == b + c"), "(call equal a (call plus b c))");
    CHECK_STR(term("a < b == c"), "(call equal (call lt a b) c)");
    CHECK_STR(term("a != b <= c >= d > e"), "(call gt (call gte (call lte (call neq a b) c) d) e)");
    CHECK_STR(term("a | b & c"), "(call or a (call and b c))");
    CHECK_STR(term("a & b | c"), "(call or (call and a b) c)");
    CHECK_STR(term("a | b == c"), "(call equal (call or a b) c)");
    CHECK_STR(term("a & b + c"), "(call and a (call plus b c))");
    CHECK_STR(term("x in xs == true"), "(call internal.member_2 x (call equal xs true))");
    CHECK_STR(term("x in a in b"), "(call internal.member_2 (call internal.member_2 x a) b)");
    CHECK_STR(term("x in {1} | {2}"), "(call internal.member_2 x (call or (set 1) (set 2)))");
    CHECK_STR(term("-a * b"), "1:2: unexpected identifier token: expected number");
    CHECK_STR(term("count(x) + 1 > 2"), "(call gt (call plus (call count x) 1) 2)");
}

static void test_minus(void) {
    CHECK_STR(term("x-1"), "(call minus x 1)");
    CHECK_STR(term("x - 1"), "(call minus x 1)");
    CHECK_STR(term("x -1"), "(call minus x 1)");
    CHECK_STR(term("-1"), "-1");
    CHECK_STR(term("- 1"), "-1");
    CHECK_STR(term("-1.5e3"), "-1500");
    /* As in OPA, a minus sign belongs to number literals only. */
    CHECK_STR(term("-x"), "1:2: unexpected identifier token: expected number");
    CHECK_STR(term("- -x"), "1:3: unexpected minus token: expected number");
    CHECK_STR(term("x - -1"), "(call minus x -1)");
    CHECK_STR(term("1--1"), "(call minus 1 -1)");
    CHECK_STR(term("[1, -1, 0 - x]"), "(array 1 -1 (call minus 0 x))");
    CHECK_STR(term(".5"), "0.5");
    CHECK_STR(term("-.5"), "-0.5");
    CHECK_STR(term("12345678901234567890123"), "12345678901234567890123");
    CHECK_STR(term("-12345678901234567890123"), "-12345678901234567890123");
    CHECK_STR(term("1e400"), "1e+400");
    CHECK_STR(term("0.1234567890123456789"), "0.1234567890123456789");
    CHECK_STR(term("1e999999"), "1:1: number too big");
    CHECK_STR(term(".5.5"), "1:1: invalid number");
    /* in a body, a `-` on a new line starts a new literal */
    CHECK_STR(query("x := 1\n-1 == y"), "(body (:= x 1) (call equal -1 y))");
    CHECK_STR(query("x := 1 -\n1"), "(body (:= x (call minus 1 1)))");
    CHECK_STR(term("[1\n-1]"), "(array (call minus 1 1))");
}

static void test_newlines(void) {
    CHECK_STR(query("x := [1]\n[y] = x"), "(body (:= x (array 1)) (= (array y) x))");
    CHECK_STR(query("x := f\n(y)"), "(body (:= x f) y)");
    CHECK_STR(query("x := 1 +\n  2"), "(body (:= x (call plus 1 2)))");
    CHECK_STR(query("x := 1\n  + 2"), "(body (:= x (call plus 1 2)))");
    CHECK_STR(query("x := a\n  in b"), "(body (:= x (call internal.member_2 a b)))");
    CHECK_STR(query("allow\n  with input as 1\n  with data.x as 2"),
              "(body (with allow (input 1) ((ref data \"x\") 2)))");
    CHECK_STR(query("f(\n  1,\n  2,\n)"), "(body (call f 1 2))");
    CHECK_STR(query("x := {\n  \"a\": 1,\n  \"b\": [\n    2\n  ]\n}"),
              "(body (:= x (object (\"a\" 1) (\"b\" (array 2)))))");
    CHECK_STR(query("x := [y |\n  some y in z\n  y > 1\n]"),
              "(body (:= x (arraycompr y (body (some-in nil y z) (call gt y 1)))))");
    CHECK_STR(query("x := input.a\n.b"), "2:1: unexpected . token");
    CHECK_STR(query("x := input. a"), "1:13: unexpected identifier token: expected identifier");
    CHECK_STR(query("x := y [0]"), "1:8: unexpected [ token: expected \\n or ; or eof");
}

/* ---- terms ---- */

static void test_terms(void) {
    CHECK_STR(term("null"), "null");
    CHECK_STR(term("true"), "true");
    CHECK_STR(term("false"), "false");
    CHECK_STR(term("1.5"), "1.5");
    CHECK_STR(term("\"a\\tb\\u00e9\""), "\"a\\tb\xc3\xa9\"");
    CHECK_STR(term("`raw\\n`"), "\"raw\\\\n\"");
    CHECK_STR(term("x"), "x");
    CHECK_STR(term("_"), "_");
    CHECK_STR(term("[]"), "(array)");
    CHECK_STR(term("[1, \"a\", [2],]"), "(array 1 \"a\" (array 2))");
    CHECK_STR(term("{}"), "(object)");
    CHECK_STR(term("{\"a\": 1, 2: [3], x: y,}"), "(object (\"a\" 1) (2 (array 3)) (x y))");
    CHECK_STR(term("{1, 2,}"), "(set 1 2)");
    CHECK_STR(term("{x}"), "(set x)");
    CHECK_STR(term("set()"), "(set)");
    CHECK_STR(term("set(x)"), "(call set x)");
    CHECK_STR(term("[, 1, 2]"), "(array 1 2)");
    CHECK_STR(term("{, 1}"), "(set 1)");
    CHECK_STR(term("[x | x := 1]"), "(arraycompr x (body (:= x 1)))");
    CHECK_STR(term("{x | some x in y}"), "(setcompr x (body (some-in nil x y)))");
    CHECK_STR(term("{k: v | some k, v in y}"), "(objectcompr k v (body (some-in k v y)))");
    CHECK_STR(term("[[x] | x := 1; true]"), "(arraycompr (array x) (body (:= x 1) true))");
    CHECK_STR(term("(x)"), "x");
    CHECK_STR(term("((1 + 2))"), "(call plus 1 2)");
    CHECK_STR(term("[x in y]"), "(array (call internal.member_2 x y))");
    /* comprehension vs. union: `|` after the first element starts a body;
     * when that body fails at a `,` the literal is a plain collection */
    CHECK_STR(term("[a | b]"), "(arraycompr a (body b))");
    CHECK_STR(term("[(a | b)]"), "(array (call or a b))");
    CHECK_STR(term("[a | b, 4]"), "(array (call or a b) 4)");
    CHECK_STR(term("{a | b, c}"), "(set (call or a b) c)");
    CHECK_STR(term("{a: b | c}"), "(objectcompr a b (body c))");
    CHECK_STR(term("{a: b, c: d | e}"), "(object (a b) (c (call or d e)))");
    CHECK_STR(term("[x | y, 5 in {5}, 6]"), "(array (call or x y) (call internal.member_2 5 (set 5)) 6)");
}

static void test_refs_calls(void) {
    CHECK_STR(term("input.a.b"), "(ref input \"a\" \"b\")");
    CHECK_STR(term("data.x[y][\"z\"][0]"), "(ref data \"x\" y \"z\" 0)");
    CHECK_STR(term("x[_]"), "(ref x _)");
    CHECK_STR(term("input.in.if.default.package"), "(ref input \"in\" \"if\" \"default\" \"package\")");
    CHECK_STR(term("x[y + 1]"), "(ref x (call plus y 1))");
    CHECK_STR(term("[1, 2][0]"), "(ref (array 1 2) 0)");
    CHECK_STR(term("{\"a\": 1}.a"), "(ref (object (\"a\" 1)) \"a\")");
    CHECK_STR(term("{1}[1]"), "(ref (set 1) 1)");
    CHECK_STR(term("[x | x := 1][0]"), "(ref (arraycompr x (body (:= x 1))) 0)");
    CHECK_STR(term("{k: 1 | k := 1}[k]"), "(ref (objectcompr k 1 (body (:= k 1))) k)");
    CHECK_STR(term("(x)[0]"), "(ref x 0)");
    CHECK_STR(term("(a.b)[0].c"), "(ref a \"b\" 0 \"c\")");
    CHECK_STR(term("f(x).a[0]"), "(ref (call f x) \"a\" 0)");
    CHECK_STR(term("count(x)"), "(call count x)");
    CHECK_STR(term("f()"), "(call f)");
    CHECK_STR(term("data.lib.f(1, 2,)"), "(call data.lib.f 1 2)");
    CHECK_STR(term("time.now_ns()"), "(call time.now_ns)");
    CHECK_STR(term("strings.replace_n({\"a\": \"b\"}, x)"), "(call strings.replace_n (object (\"a\" \"b\")) x)");
    CHECK_STR(term("a[\"color.name\"](1)"), "(call a[\"color.name\"] 1)");
    CHECK_STR(term("a[\"b\"].c(1)"), "(call a.b.c 1)");
    CHECK_STR(term("contains(\"ab\", \"b\")"), "(call contains \"ab\" \"b\")");
    CHECK_STR(term("f (x)"), "1:3: unexpected ( token");
    CHECK_STR(term("x[0](1)"), "1:5: unexpected ( token");
    CHECK_STR(term("\"a\".b"), "1:4: unexpected . token");
    CHECK_STR(term("x["), "1:3: unexpected eof token");
    CHECK_STR(term("x[1"), "1:4: unexpected eof token: expected ]");
    CHECK_STR(term("f(1 2)"), "1:5: unexpected number token: expected \",\" or \")\"");
    CHECK_STR(term("[1 2]"), "1:4: unexpected number token: expected \",\" or \"]\"");
    CHECK_STR(term("{\"a\": 1, 2}"), "1:11: unexpected } token: expected \":\"");
    CHECK_STR(term("(1"), "1:3: non-terminated expression");
    CHECK_STR(term("[x | ]"), "1:6: found empty body");
    CHECK_STR(term("1 2"), "1:3: unexpected number token");
    CHECK_STR(term("not"), "1:1: unexpected not keyword");
    CHECK_STR(term("x := 1"), "1:3: unexpected assign token");
}

static void test_templates(void) {
    CHECK_STR(term("$\"a {x} b\""),
              "(call internal.template_string (array \"a \" (setcompr $t0 (body (= $t0 x))) \" b\"))");
    CHECK_STR(term("$\"{1}{\"s\"}\""), "(call internal.template_string (array 1 \"s\"))");
    CHECK_STR(term("$\"\\{x} {y.z[0]}\""),
              "(call internal.template_string (array \"{x} \" (setcompr $t0 (body (= $t0 (ref y \"z\" 0))))))");
    CHECK_STR(term("$`a\n{x with input as {\"n\": 1}}`"),
              "(call internal.template_string (array \"a\\n\" (setcompr $t0 (body (with (= $t0 x) (input (object (\"n\" "
              "1))))))))");
    CHECK_STR(term("$\"\""), "(call internal.template_string (array))");
    CHECK_STR(term("$\"{}\""), "1:4: invalid template-string expression");
    CHECK_STR(term("$\"{x = 1}\""), "1:4: unexpected unification ('=') in template-string expression");
    CHECK_STR(term("$\"{x := 1}\""), "1:4: unexpected assignment (':=') in template-string expression");
    CHECK_STR(term("$\"{not x}\""), "1:4: unexpected negation ('not') in template-string expression");
    CHECK_STR(term("$\"{some x in y}\""), "1:4: unexpected 'some' in template-string expression");
    CHECK_STR(term("$\"{every x in y { x }}\""), "1:4: unexpected 'every' in template-string expression");
    CHECK_STR(term("$\"{x y}\""), "1:6: expected } to end template string expression");
    CHECK_STR(term("$\"{[}\""), "1:5: unexpected eof token");
}

/* ---- annotations, locations, API ---- */

static void test_annotations(void) {
    const char *src = "# METADATA\n# title: pkg\npackage p\n\n# METADATA\n# title: r\n# description: |\n#   two\n"
                      "#\n# custom: {}\nr := 1\n# not metadata\nq := 2\n  # METADATA\n# scope: rule\n\ns := 3\n"
                      "# METADATA\n#no space";
    CHECK_STR(module(src, false),
              "(module\n  (package \"p\")\n  (rule (head r) (:= 1))\n  (rule (head q) (:= 2))\n  (rule (head s) (:= 3))\n"
              "  (annotation -1 \"title: pkg\\n\")\n"
              "  (annotation 0 \"title: r\\ndescription: |\\n  two\\n\\ncustom: {}\\n\")\n"
              "  (annotation 2 \"scope: rule\\n\")\n  (annotation -1 \"no space\\n\"))");
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_module *m;
    CHECK_INT(rg_parse_module(&a, "f", src, strlen(src), NULL, &m, &d), 0);
    CHECK_INT(m->n_annotations, 4);
    CHECK_INT(m->annotations[1].loc.line, 5);
    CHECK_INT(m->annotations[1].loc.col, 1);
    CHECK_INT(m->annotations[2].loc.line, 14);
    CHECK_INT(m->annotations[2].loc.col, 3);
    CHECK_STR(m->annotations[2].loc.file, "f");
    rg_diags_fini(&d);
    rg_arena_fini(&a);
    /* annotations on an import statement refer to no rule */
    CHECK_STR(module("package p\n# METADATA\n# a: b\nimport data.x\nr := 1", false),
              "(module\n  (package \"p\")\n  (import (ref data \"x\"))\n  (rule (head r) (:= 1))\n"
              "  (annotation -1 \"a: b\\n\"))");
}

static void test_locations(void) {
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_module *m;
    const char *src =
        "package p\n\nr[\"k\"] := v if {\n\tsome k\n  v := input.a[k] + f(1)\n} else := 2\n\nz := $\"{x}\"";
    CHECK_INT(rg_parse_module(&a, "f.rego", src, strlen(src), NULL, &m, &d), 0);
    if (!m) return;
    const rg_rule *r = m->rules[0];
    CHECK_INT(r->loc.line, 3);
    CHECK_INT(r->loc.col, 1);
    CHECK_INT(r->head.ref[1]->loc.col, 3);
    CHECK_INT(r->head.value->loc.col, 11);
    CHECK_STR(r->text, "r[\"k\"] := v if {\n\tsome k\n  v := input.a[k] + f(1)\n} else := 2");
    const rg_expr *e0 = r->body.exprs[0], *e1 = r->body.exprs[1];
    CHECK_INT(e0->loc.line, 4);
    CHECK_INT(e0->loc.col, 2); /* a tab is one column */
    CHECK_INT(e1->loc.line, 5);
    CHECK_INT(e1->loc.col, 3);
    CHECK_STR(e1->loc.file, "f.rego");
    const rg_term *plus = e1->rhs;
    CHECK_STR(plus->u.call.name, "plus");
    CHECK_INT(plus->loc.col, 8); /* an infix call starts at its left operand */
    CHECK_INT(plus->u.call.args[0]->loc.col, 8);
    CHECK_INT(plus->u.call.args[0]->u.ref.path[0]->loc.col, 14); /* .a */
    CHECK_INT(plus->u.call.args[0]->u.ref.path[1]->loc.col, 16); /* [k] */
    CHECK_INT(plus->u.call.args[1]->loc.col, 21);                /* f(1) */
    CHECK_INT(plus->u.call.args[1]->u.call.args[0]->loc.col, 23);
    CHECK(r->else_ != NULL);
    CHECK_INT(r->else_->loc.line, 6);
    CHECK_INT(r->else_->loc.col, 3);
    CHECK_INT(r->else_->head.value->loc.col, 11);
    /* template parts carry positions inside the string */
    const rg_term *tmpl = m->rules[1]->head.value;
    CHECK_INT(tmpl->loc.line, 8);
    CHECK_INT(tmpl->loc.col, 6);
    CHECK_INT(tmpl->u.call.args[0]->u.coll.items[0]->u.compr.body.exprs[0]->rhs->loc.col, 9);
    rg_diags_fini(&d);
    rg_arena_fini(&a);
}

static void test_recovery(void) {
    CHECK_STR(v1("a := ]\nb := 1\nc := [1\nd if {\n  x := \n}\ne := 2\n  f := )\n"),
              "2:6: unexpected ] token | 5:1: unexpected identifier token: expected \",\" or \"]\" | "
              "7:1: unexpected } token | 9:8: unexpected ) token");
    CHECK_STR(v1("p if {\n  x :=\nq := 1"), "4:3: unexpected assign token: expected \\n or ; or }");
    /* lexer errors make the parse fail without a second message */
    CHECK_STR(v1("p := \"abc\nq := 1"), "2:6: non-terminated string");
    CHECK_STR(v1("p := 1 @ 2"), "2:8: illegal token '@'");
    /* at most 50 diagnostics */
    rg_buf src = RG_BUF_INIT;
    rg_buf_puts(&src, "package p\n");
    for (int i = 0; i < 200; i++) rg_buf_puts(&src, "x := ]\n");
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_module *m;
    CHECK_INT(rg_parse_module(&a, "t", src.data, src.len, NULL, &m, &d), -1);
    CHECK_INT(d.len, 50);
    rg_diags_fini(&d);
    rg_arena_fini(&a);
    rg_buf_fini(&src);
}

static void test_depth_limit(void) {
    rg_buf src = RG_BUF_INIT;
    for (int i = 0; i < 5000; i++) rg_buf_putc(&src, '[');
    CHECK_STR(term(src.data), "1:1001: nesting depth exceeds the maximum of 1000");
    src.len = 0;
    for (int i = 0; i < 900; i++) rg_buf_putc(&src, '(');
    rg_buf_putc(&src, '1');
    for (int i = 0; i < 900; i++) rg_buf_putc(&src, ')');
    CHECK_STR(term(src.data), "1");
    src.len = 0;
    rg_buf_puts(&src, "x");
    for (int i = 0; i < 3000; i++) rg_buf_puts(&src, "+x");
    CHECK_STR(term(src.data), "1:2001: nesting depth exceeds the maximum of 1000");
    src.len = 0;
    for (int i = 0; i < 3000; i++) rg_buf_puts(&src, "-");
    rg_buf_puts(&src, "x");
    CHECK_STR(term(src.data), "1:2: unexpected minus token: expected number");
    src.len = 0;
    rg_buf_puts(&src, "p := 1 if false");
    for (int i = 0; i < 1200; i++) rg_buf_puts(&src, " else := 1 if false");
    CHECK(strstr(v1(src.data), "nesting depth exceeds the maximum of 1000") != NULL);
    rg_buf_fini(&src);
}

static void test_api(void) {
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_term *t = NULL;
    CHECK_INT(rg_parse_term(&a, NULL, "{\"a\": [1, 2]}", 13, NULL, &t, &d), 0);
    CHECK(t && t->kind == RG_TERM_OBJECT && t->u.coll.n == 1);
    CHECK_STR(t->loc.file, "");
    CHECK_INT(t->u.coll.items[1]->kind, RG_TERM_ARRAY);
    /* strings and numbers are values in the arena */
    CHECK_INT(t->u.coll.items[0]->u.v.kind, RG_STRING);
    CHECK_INT(t->u.coll.items[1]->u.coll.items[1]->u.v.u.i, 2);
    rg_body b;
    CHECK_INT(rg_parse_query(&a, "q", "x = data.test.p; y", 18, NULL, &b, &d), 0);
    CHECK_INT(b.n, 2);
    CHECK_INT(b.exprs[0]->kind, RG_EXPR_UNIFY);
    CHECK_INT(rg_parse_query(&a, "q", "x = ", 4, NULL, &b, &d), -1);
    CHECK_INT(d.len, 1);
    CHECK_STR(d.items[0].file, "q");
    CHECK_INT(d.items[0].line, 1);
    CHECK_INT(d.items[0].col, 5);
    /* a length shorter than the text is respected */
    CHECK_INT(rg_parse_term(&a, "t", "12345", 2, NULL, &t, &d), 0);
    CHECK_INT(t->u.v.u.i, 12);
    rg_diags_fini(&d);
    rg_arena_fini(&a);
    /* v0 queries: future keywords are names there */
    CHECK_STR(query_mode("x := contains", true), "(body (:= x contains))");
    CHECK_STR(query_mode("x in y", true), "1:3: unexpected identifier token: expected \\n or ; or eof");
}

int main(void) {
    test_package_imports();
    test_module_errors();
    test_rules_v1();
    test_else();
    test_rule_errors_v1();
    test_rules_v0();
    test_v0_keywords();
    test_literals();
    test_not_body();
    test_literal_errors();
    test_precedence();
    test_minus();
    test_newlines();
    test_terms();
    test_refs_calls();
    test_templates();
    test_annotations();
    test_locations();
    test_recovery();
    test_depth_limit();
    test_api();
    rg_buf_fini(&out);
    return rg_test_report("parser");
}
