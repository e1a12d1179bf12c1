/* strings.render_template (template.c): Go text/template syntax and
 * semantics as OPA runs them -- fields, variables, control structures,
 * trim markers, builtin functions, Go's value printing, json.Number
 * quirks, parse and execution errors, and the work limits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "rego/bi_ctx.h"
#include "testlib.h"

static rg_arena arena;
static char *last; /* the previous result, freed on the next call */

static rg_value json(const char *text) { return rg_test_json(&arena, text); }

/* The rendered text, or "<error code>: <message>". */
static const char *render_values(rg_value tmpl, rg_value vars) {
    rg_value args[2] = {tmpl, vars}, out;
    rg_bi_ctx c;
    rg_bi_ctx_init(&c, &arena);
    int rc = rg_bi_call(&c, "strings.render_template", args, 2, &out);
    free(last);
    rg_buf b = RG_BUF_INIT;
    if (rc == RG_BI_OK && out.kind == RG_STRING) rg_buf_append(&b, out.u.s, out.len);
    else rg_buf_printf(&b, "%s: %s", c.err_code ? c.err_code : "?", rg_buf_cstr(&c.err));
    last = rg_buf_detach(&b);
    rg_bi_ctx_fini(&c);
    return last;
}

static const char *render(const char *tmpl, const char *vars) {
    return render_values(rg_cstring(&arena, tmpl), json(vars));
}

#define ERR "eval_builtin_error: strings.render_template: template: template:"

static void test_fields(void) {
    CHECK_STR(render("{{.test}}", "{\"test\": \"hello world\"}"), "hello world");
    CHECK_STR(render("{{.test}}", "{\"test\": 2023}"), "2023");
    CHECK_STR(render("a{{.x.y.z}}b", "{\"x\": {\"y\": {\"z\": true}}}"), "atrueb");
    CHECK_STR(render("{{.}}", "{\"b\": [1, \"s\", null], \"a\": {\"k\": 1.5}}"), "map[a:map[k:1.5] b:[1 s <nil>]]");
    /* a missing key renders as OPA's <undefined>, also below a missing key */
    CHECK_STR(render("test {{.foo}} {{.bar.baz}} {{.n}}", "{\"n\": 1}"), "test <undefined> <undefined> 1");
    CHECK_STR(render("{{.n}}", "{\"n\": null}"), "<undefined>");
    CHECK_STR(render("<no value>", "{}"), "<undefined>");
    CHECK_STR(render("no actions at all", "{}"), "no actions at all");
    CHECK_STR(render("", "{}"), "");
    CHECK_STR(render("{{$}} {{$.a}}", "{\"a\": 1}"), "map[a:1] 1");
}

static void test_control(void) {
    CHECK_STR(render("{{range $i, $name := .hellonames}}{{if $i}},{{end}}hello {{$name}}{{end}}",
                     "{\"hellonames\": [\"rohan\", \"john doe\"]}"),
              "hello rohan,hello john doe");
    CHECK_STR(render("{{if eq .x \"a\"}}A{{else if eq .x \"b\"}}B{{else}}C{{end}}", "{\"x\": \"b\"}"), "B");
    CHECK_STR(render("{{if eq .x \"a\"}}A{{else if eq .x \"b\"}}B{{else}}C{{end}}", "{\"x\": \"z\"}"), "C");
    CHECK_STR(render("{{with .m}}{{.k}}{{else}}none{{end}}|{{with .z}}{{.}}{{else with .m}}m{{end}}",
                     "{\"m\": {\"k\": 5}}"),
              "5|m");
    CHECK_STR(render("{{range .l}}[{{.}}]{{else}}empty{{end}}", "{\"l\": []}"), "empty");
    CHECK_STR(render("{{range .missing}}x{{else}}empty{{end}}", "{}"), "empty");
    CHECK_STR(render("{{range $k, $v := .}}{{$k}}={{$v}};{{end}}", "{\"b\": 1, \"a\": [1, 2]}"), "a=[1 2];b=1;");
    CHECK_STR(render("{{range $v := .s}}{{$v}}{{end}}", "{\"s\": [3, 1, 2]}"), "312");
    CHECK_STR(render("{{range $i, $e := .l}}{{if eq $i 1}}{{continue}}{{end}}{{if eq $i 3}}{{break}}{{end}}{{$e}}"
                     "{{end}}",
                     "{\"l\": [0, 1, 2, 3, 4]}"),
              "02");
    CHECK_STR(render("{{range .l}}{{break}}{{else}}never{{end}}", "{\"l\": [1]}"), "");
    CHECK_STR(render("{{range 3}}{{.}}{{end}}", "{}"), "012");
    CHECK_STR(render("{{$x := 1}}{{range .l}}{{$x = .}}{{end}}{{$x}}", "{\"l\": [7, 8]}"), "8");
    CHECK_STR(render("{{$x := \"outer\"}}{{if true}}{{$x := \"inner\"}}{{$x}}{{end}} {{$x}}", "{}"), "inner outer");
    CHECK_STR(render("{{define \"t\"}}<{{.}}>{{end}}{{template \"t\" .a}}{{block \"b\" .b}}[{{.}}]{{end}}",
                     "{\"a\": 1, \"b\": 2}"),
              "<1>[2]");
    CHECK_STR(render("{{template \"t\"}}{{define \"t\"}}x{{.}}{{end}}", "{}"), "x<undefined>");
}

static void test_trim_and_comments(void) {
    CHECK_STR(render("{{- /* c */ -}}  x  {{- .a -}}  y ", "{\"a\": 1}"), "x1y ");
    CHECK_STR(render("a {{/* c */}} b", "{}"), "a  b");
    CHECK_STR(render("a\n  {{- \"b\" }}\n  c", "{}"), "ab\n  c");
    CHECK_STR(render("{{ .a }}{{.a -}} \n x", "{\"a\": 1}"), "11x");
    CHECK_STR(render("{{-3}}", "{}"), "-3");
    CHECK_STR(render("{{ \"}}\" }}", "{}"), "}}");
}

static void test_functions(void) {
    CHECK_STR(render("{{printf \"%s-%d-%v\" \"a\" 3 .l}}", "{\"l\": [1, 2]}"), "a-3-[1 2]");
    CHECK_STR(render("{{print 1 2 \"a\" \"b\" 3}}|{{println 1 \"x\"}}|", "{}"), "1 2ab3|1 x\n|");
    CHECK_STR(render("{{html \"<a href='x'>&\\\"\"}}", "{}"), "&lt;a href=&#39;x&#39;&gt;&amp;&#34;");
    CHECK_STR(render("{{js \"it's <x> = \\\\\"}}", "{}"), "it\\'s \\u003Cx\\u003E \\u003D \\\\");
    CHECK_STR(render("{{urlquery \"a b&c/é\"}}", "{}"), "a+b%26c%2F%C3%A9");
    CHECK_STR(render("{{len .l}} {{len .m}} {{len \"héllo\"}}", "{\"l\": [1, 2], \"m\": {\"a\": 1}}"), "2 1 6");
    CHECK_STR(render("{{index .l 1}} {{index .m \"a\"}} {{index .m \"zz\"}} {{index .n 0 1}}",
                     "{\"l\": [7, 8], \"m\": {\"a\": \"A\"}, \"n\": [[1, 2]]}"),
              "8 A <undefined> 2");
    CHECK_STR(render("{{slice \"hello\" 1 3}} {{slice .l 1}} {{slice .l}}", "{\"l\": [1, 2, 3]}"), "el [2 3] [1 2 3]");
    CHECK_STR(render("{{not .z}} {{and 1 0 2}} {{and 1 2}} {{or 0 \"\" \"x\"}} {{or 0 false}}", "{\"z\": \"\"}"),
              "true 0 2 x false");
    CHECK_STR(render("{{lt 1 2}} {{le 2 2}} {{gt \"b\" \"a\"}} {{ge 1.5 2.5}} {{ne 1 2}} {{eq 1 2 3 1}}", "{}"),
              "true true true false true true");
    /* the missing value compares unequal to anything, equal to nil */
    CHECK_STR(render("{{eq .missing \"x\"}} {{eq .missing nil}}", "{}"), "false true");
    CHECK_STR(render("{{.x | printf \"%q\"}} {{\"abc\" | len}} {{(index .l 0).k}}",
                     "{\"x\": \"hi\", \"l\": [{\"k\": \"v\"}]}"),
              "\"hi\" 3 v");
    CHECK_STR(render("{{1.5}} {{1e6}} {{0x1F}} {{'a'}} {{0o17}} {{1_000}} {{true}} {{\"\\u00e9\\x41\"}} {{`r\\n`}}",
                     "{}"),
              "1.5 1e+06 31 97 15 1000 true \xc3\xa9\x41 r\\n");
}

/* OPA hands numbers to Go as json.Number, a string type. */
static void test_json_number(void) {
    CHECK_STR(render("{{if .n}}truthy{{end}}", "{\"n\": 0}"), "truthy");
    CHECK_STR(render("{{eq .n \"5\"}}", "{\"n\": 5}"), "true");
    CHECK_STR(render("{{eq .n 5}}", "{\"n\": 5}"),
              ERR "1:2: executing \"template\" at <eq>: error calling eq: incompatible types for comparison");
    CHECK_STR(render("{{lt .a .b}}", "{\"a\": 10, \"b\": 9}"), "true"); /* "10" < "9" as strings */
    CHECK_STR(render("{{len .n}} {{.f}}", "{\"n\": 12345, \"f\": 2.5}"), "5 2.5");
}

static void test_parse_errors(void) {
    CHECK_STR(render("{{if}}", "{}"), ERR "1: missing value for if");
    CHECK_STR(render("x\n{{end}}", "{}"), ERR "2: unexpected {{end}}");
    CHECK_STR(render("{{range .a}}", "{}"), ERR "1: unexpected EOF");
    CHECK_STR(render("{{foo}}", "{}"), ERR "1: function \"foo\" not defined");
    CHECK_STR(render("{{$y}}", "{}"), ERR "1: undefined variable \"$y\"");
    CHECK_STR(render("{{if true}}{{$v := 1}}{{end}}{{$v}}", "{}"), ERR "1: undefined variable \"$v\"");
    CHECK_STR(render("{{.a", "{}"), ERR "1: unclosed action");
    CHECK_STR(render("{{/* x }}", "{}"), ERR "1: unclosed comment");
    CHECK_STR(render("{{/* x */ .a}}", "{}"), ERR "1: comment ends before closing delimiter");
    CHECK_STR(render("{{\"abc}}", "{}"), ERR "1: unterminated quoted string");
    CHECK_STR(render("{{(.a}}", "{}"), ERR "1: unclosed left paren");
    CHECK_STR(render("{{.a)}}", "{}"), ERR "1: unexpected right paren");
    CHECK_STR(render("{{break}}", "{}"), ERR "1: {{break}} outside {{range}}");
    CHECK_STR(render("{{3x}}", "{}"), ERR "1: bad number syntax: \"3x\"");
    CHECK_STR(render("{{.a | 1}}", "{}"), ERR "1: non executable command in pipeline stage 2");
    CHECK_STR(render("{{if $x, $y := 1}}{{end}}", "{}"), ERR "1: too many declarations in if");
    CHECK_STR(render("{{\"a\\q\"}}", "{}"), ERR "1: invalid syntax");
    CHECK_STR(render("{{#}}", "{}"), ERR "1: unrecognized character in action: U+0023 '#'");
    CHECK_STR(render("{{99999999999999999999}}", "{}"), ERR "1: integer overflow: \"99999999999999999999\"");
    CHECK_STR(render("{{else}}", "{}"), ERR "1: unexpected {{else}}");
}

static void test_exec_errors(void) {
    CHECK_STR(render("{{.a.b}}", "{\"a\": null}"),
              ERR "1:2: executing \"template\" at <.a.b>: nil pointer evaluating interface {}.b");
    CHECK_STR(render("{{.a.b}}", "{\"a\": \"s\"}"),
              ERR "1:2: executing \"template\" at <.a.b>: can't evaluate field b in type interface {}");
    CHECK_STR(render("{{$x := .a}}{{$x.b}}", "{\"a\": \"s\"}"),
              ERR "1:14: executing \"template\" at <$x.b>: can't evaluate field b in type string");
    CHECK_STR(render("{{.a | .b}}", "{}"), ERR "1:7: executing \"template\" at <.b>: b is not a method but has arguments");
    CHECK_STR(render("{{\"x\" 1}}", "{}"), ERR "1:2: executing \"template\" at <\"x\">: can't give argument to non-function \"x\"");
    CHECK_STR(render("{{index .l 5}}", "{\"l\": [1]}"),
              ERR "1:2: executing \"template\" at <index>: error calling index: index out of range: 5");
    CHECK_STR(render("{{len 3}}", "{}"), ERR "1:2: executing \"template\" at <len>: error calling len: len of type int");
    CHECK_STR(render("{{len}}", "{}"), ERR "1:2: executing \"template\" at <len>: wrong number of args for len: want 1 got 0");
    CHECK_STR(render("{{range .s}}{{end}}", "{\"s\": \"str\"}"),
              ERR "1:2: executing \"template\" at <range>: range can't iterate over str");
    CHECK_STR(render("{{template \"nope\"}}", "{}"),
              ERR "1:2: executing \"template\" at <template>: template \"nope\" not defined");
    CHECK_STR(render("{{18446744073709551615}}", "{}"),
              ERR "1:2: executing \"template\" at <18446744073709551615>: 18446744073709551615 overflows int");
    CHECK_STR(render("{{-9223372036854775808}}", "{}"), "-9223372036854775808");
    CHECK_STR(render("\n  {{nil}}", "{}"), ERR "2:4: executing \"template\" at <nil>: nil is not a command");
}

/* Rego objects may have non-string keys; OPA hands them to Go as their
 * JSON text, and Go orders map keys as strings. */
static void test_non_string_keys(void) {
    rg_value one = rg_int(1), arr = rg_array(&arena, &one, 1);
    rg_value pairs[] = {one, rg_cstring(&arena, "one"), rg_cstring(&arena, "b"), rg_cstring(&arena, "bee"), arr,
                        rg_cstring(&arena, "arr")};
    rg_value m = rg_object(&arena, pairs, 3), top[] = {rg_cstring(&arena, "m"), m};
    rg_value vars = rg_object(&arena, top, 1);
    CHECK_STR(render_values(rg_cstring(&arena, "{{.m}}"), vars), "map[1:one [1]:arr b:bee]");
    CHECK_STR(render_values(rg_cstring(&arena, "{{range $k, $v := .m}}{{$k}}={{$v}};{{end}}"), vars),
              "1=one;[1]=arr;b=bee;");
    CHECK_STR(render_values(rg_cstring(&arena, "{{index .m \"1\"}} {{.m.b}} {{index .m \"[1]\"}}"), vars),
              "one bee arr");
}

static void test_limits_and_types(void) {
    CHECK_STR(render("{{define \"r\"}}{{template \"r\" .}}{{end}}{{template \"r\" .}}", "{}"),
              ERR "1:16: executing \"template\" at <template>: exceeded maximum template depth (256)");
    const char *many = "{{range .l}}{{range $.l}}{{range $.l}}{{range $.l}}{{range $.l}}{{end}}{{end}}{{end}}{{end}}"
                       "{{end}}";
    rg_value big[64];
    for (int i = 0; i < 64; i++) big[i] = rg_int(i);
    rg_value l = rg_array(&arena, big, 64), key = rg_cstring(&arena, "l"), pair[2] = {key, l};
    const char *r = render_values(rg_cstring(&arena, many), rg_object(&arena, pair, 1));
    CHECK(strstr(r, "template execution exceeds") != NULL);
    /* deep nesting is refused at parse time rather than recursing */
    rg_buf deep = RG_BUF_INIT;
    for (int i = 0; i < 1000; i++) rg_buf_puts(&deep, "{{if true}}");
    r = render(rg_buf_cstr(&deep), "{}");
    CHECK(strstr(r, "nested too deeply") != NULL);
    rg_buf_fini(&deep);
    CHECK_STR(render_values(rg_int(1), json("{}")),
              "eval_type_error: strings.render_template: operand 1 must be string but got number");
    CHECK_STR(render_values(rg_cstring(&arena, "x"), json("[]")),
              "eval_type_error: strings.render_template: operand 2 must be object but got array");
}

int main(void) {
    rg_arena_init(&arena);
    test_fields();
    test_control();
    test_trim_and_comments();
    test_functions();
    test_json_number();
    test_parse_errors();
    test_exec_errors();
    test_non_string_keys();
    test_limits_and_types();
    free(last);
    rg_arena_fini(&arena);
    return rg_test_report("builtins_template");
}
