/* String builtins (strings.c) and sprintf (sprintf.c): results, rune
 * indexing, Unicode, OPA's error codes and messages, edge cases. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "rego/bi_ctx.h"
#include "testlib.h"

static rg_arena arena;
static char *last; /* the previous result text, freed on the next call */

/* An argument in JSON, or "set:[...]" for a set of the array's elements. */
static rg_value arg(const char *text) { return rg_test_json(&arena, text); }

/* Calls builtin name with n JSON arguments; returns the result as JSON,
 * "undefined", or "<error code>: <message>". */
static const char *call(const char *name, int n, ...) {
    rg_value args[RG_BI_MAX_ARGS], out;
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) args[i] = arg(va_arg(ap, const char *));
    va_end(ap);
    rg_bi_ctx c;
    rg_bi_ctx_init(&c, &arena);
    int rc = rg_bi_call(&c, name, args, n, &out);
    free(last);
    if (rc == RG_BI_OK) {
        last = rg_json_dump(out, 0);
    } else if (rc == RG_BI_UNDEFINED) {
        last = strdup("undefined");
    } else {
        rg_buf b = RG_BUF_INIT;
        rg_buf_printf(&b, "%s: %s", c.err_code, rg_buf_cstr(&c.err));
        last = rg_buf_detach(&b);
    }
    rg_bi_ctx_fini(&c);
    return last;
}

#define SPRINTF(fmt, args) call("sprintf", 2, fmt, args)

static void test_concat(void) {
    CHECK_STR(call("concat", 2, "\", \"", "[\"Hello\", \"world\"]"), "\"Hello, world\"");
    CHECK_STR(call("concat", 2, "\"\"", "[\"a\", \"b\"]"), "\"ab\"");
    CHECK_STR(call("concat", 2, "\",\"", "[]"), "\"\"");
    CHECK_STR(call("concat", 2, "\"/\"", "[\"\", \"foo\", \"bar\"]"), "\"/foo/bar\"");
    CHECK_STR(call("concat", 2, "\",\"", "set:[\"b\", \"a\", \"c\"]"), "\"a,b,c\"");
    CHECK_STR(call("concat", 2, "\",\"", "set:[]"), "\"\"");
    CHECK_STR(call("concat", 2, "1", "[]"), "eval_type_error: concat: operand 1 must be string but got number");
    CHECK_STR(call("concat", 2, "\",\"", "\"ab\""),
              "eval_type_error: concat: operand 2 must be one of {set, array} but got string");
    CHECK_STR(call("concat", 2, "\",\"", "[\"a\", 1]"),
              "eval_type_error: concat: operand 2 must be array of strings but got array containing number");
    CHECK_STR(call("concat", 2, "\",\"", "set:[null]"),
              "eval_type_error: concat: operand 2 must be set of strings but got set containing null");
}

static void test_contains_prefix_suffix(void) {
    CHECK_STR(call("contains", 2, "\"Hello, world\"", "\", \""), "true");
    CHECK_STR(call("contains", 2, "\"abc\"", "\"\""), "true");
    CHECK_STR(call("contains", 2, "\"\"", "\",\""), "false");
    CHECK_STR(call("contains", 2, "\"abcdefgh\"", "\"ac\""), "false");
    CHECK_STR(call("contains", 2, "[]", "\"a\""), "eval_type_error: contains: operand 1 must be string but got array");
    CHECK_STR(call("contains", 2, "\"a\"", "{}"), "eval_type_error: contains: operand 2 must be string but got object");
    CHECK_STR(call("startswith", 2, "\"abcdefgh\"", "\"abcd\""), "true");
    CHECK_STR(call("startswith", 2, "\"abcdefgh\"", "\"bcd\""), "false");
    CHECK_STR(call("startswith", 2, "\"ab\"", "\"abc\""), "false");
    CHECK_STR(call("startswith", 2, "\"\"", "\"\""), "true");
    CHECK_STR(call("startswith", 2, "null", "\"\""),
              "eval_type_error: startswith: operand 1 must be string but got null");
    CHECK_STR(call("endswith", 2, "\"abcdefgh\"", "\"fgh\""), "true");
    CHECK_STR(call("endswith", 2, "\"abcdefgh\"", "\"fg\""), "false");
    CHECK_STR(call("endswith", 2, "\"h\"", "\"gh\""), "false");
    CHECK_STR(call("endswith", 2, "\"x\"", "true"), "eval_type_error: endswith: operand 2 must be string but got boolean");
}

static void test_count(void) {
    CHECK_STR(call("strings.count", 2, "\"cheese\"", "\"e\""), "3");
    CHECK_STR(call("strings.count", 2, "\"hello hello hello world\"", "\"hello\""), "3");
    CHECK_STR(call("strings.count", 2, "\"aaaa\"", "\"aa\""), "2"); /* non-overlapping */
    CHECK_STR(call("strings.count", 2, "\"dummy\"", "\"x\""), "0");
    CHECK_STR(call("strings.count", 2, "\"h\xc3\xa9llo\"", "\"\""), "6"); /* runes + 1 */
    CHECK_STR(call("strings.count", 2, "1", "\"a\""),
              "eval_type_error: strings.count: operand 1 must be string but got number");
}

static void test_format_int(void) {
    CHECK_STR(call("format_int", 2, "10", "2"), "\"1010\"");
    CHECK_STR(call("format_int", 2, "10", "8"), "\"12\"");
    CHECK_STR(call("format_int", 2, "10", "10"), "\"10\"");
    CHECK_STR(call("format_int", 2, "10", "16"), "\"a\"");
    CHECK_STR(call("format_int", 2, "15.5", "16"), "\"f\"");
    CHECK_STR(call("format_int", 2, "-10.765", "2"), "\"-1010\"");
    CHECK_STR(call("format_int", 2, "-0.5", "10"), "\"0\"");
    CHECK_STR(call("format_int", 2, "-255", "16"), "\"-ff\"");
    CHECK_STR(call("format_int", 2, "123456789012345678901234567890", "16"), "\"18ee90ff6c373e0ee4e3f0ad2\"");
    CHECK_STR(call("format_int", 2, "-9223372036854775808", "2"),
              "\"-1000000000000000000000000000000000000000000000000000000000000000\"");
    CHECK_STR(call("format_int", 2, "10", "4"), "eval_type_error: format_int: operand 2 must be one of {2, 8, 10, 16}");
    CHECK_STR(call("format_int", 2, "10", "2.5"),
              "eval_type_error: format_int: operand 2 must be one of {2, 8, 10, 16}");
    CHECK_STR(call("format_int", 2, "\"10\"", "2"),
              "eval_type_error: format_int: operand 1 must be number but got string");
    CHECK_STR(call("format_int", 2, "10", "\"2\""),
              "eval_type_error: format_int: operand 2 must be number but got string");
}

static void test_indexof(void) {
    CHECK_STR(call("indexof", 2, "\"Hello world\"", "\"llo\""), "2");
    CHECK_STR(call("indexof", 2, "\"Hello world\"", "\"hel\""), "-1");
    CHECK_STR(call("indexof", 2, "\"abcabcabcdefgh\"", "\"cde\""), "8");
    CHECK_STR(call("indexof", 2, "\"\"", "\",\""), "-1");
    /* rune indexes, not byte offsets */
    CHECK_STR(call("indexof", 2, "\"\xce\xbcx\"", "\"x\""), "1");
    CHECK_STR(call("indexof", 2, "\"\xce\xbc\"", "\"\xce\xbc\xce\xbc\""), "-1");
    CHECK_STR(call("indexof", 2, "\"sk\xc3\xb6n var v\xc3\xa5ren\"", "\"v\xc3\xa5r\""), "9");
    CHECK_STR(call("indexof", 2, "\"\xf0\x9f\x8d\xa7\xf0\x9f\x8d\xa8\xf0\x9f\xa7\x81\xf0\x9f\x8d\xae\"",
                   "\"\xf0\x9f\x8d\xae\""),
              "3");
    CHECK_STR(call("indexof", 2, "\"abc\"", "\"\""), "eval_builtin_error: indexof: empty search character");
    CHECK_STR(call("indexof", 2, "1", "\"a\""), "eval_type_error: indexof: operand 1 must be string but got number");
    CHECK_STR(call("indexof", 2, "\"a\"", "set:[]"), "eval_type_error: indexof: operand 2 must be string but got set");
}

static void test_indexof_n(void) {
    CHECK_STR(call("indexof_n", 2, "\"dogcat\"", "\"cat\""), "[3]");
    CHECK_STR(call("indexof_n", 2, "\"dogcatdogcat\"", "\"cat\""), "[3,9]");
    CHECK_STR(call("indexof_n", 2, "\"dogcat\"", "\"rabbit\""), "[]");
    CHECK_STR(call("indexof_n", 2, "\"aaa\"", "\"aa\""), "[0,1]"); /* overlapping matches */
    CHECK_STR(call("indexof_n", 2,
                   "\"\xf0\x9f\x98\x87\xf0\x9f\x98\x80\xf0\x9f\x98\x87\xf0\x9f\x98\x80\xf0\x9f\x98\x87\xf0\x9f\x98\x80\"",
                   "\"\xf0\x9f\x98\x80\""),
              "[1,3,5]");
    CHECK_STR(call("indexof_n", 2, "\"\xc3\xa9\xc3\xa9\xc3\xa9\"", "\"\xc3\xa9\xc3\xa9\""), "[0,1]");
    CHECK_STR(call("indexof_n", 2, "\"x\"", "\"\""), "eval_builtin_error: indexof_n: empty search character");
    CHECK_STR(call("indexof_n", 2, "\"x\"", "2"), "eval_type_error: indexof_n: operand 2 must be string but got number");
}

static void test_substring(void) {
    CHECK_STR(call("substring", 3, "\"abcdefgh\"", "2", "3"), "\"cde\"");
    CHECK_STR(call("substring", 3, "\"abcdefgh\"", "2", "-1"), "\"cdefgh\"");
    CHECK_STR(call("substring", 3, "\"abcdefgh\"", "2", "10000"), "\"cdefgh\"");
    CHECK_STR(call("substring", 3, "\"abcdefgh\"", "0", "0"), "\"\"");
    CHECK_STR(call("substring", 3, "\"aaa\"", "3", "-1"), "\"\"");
    CHECK_STR(call("substring", 3, "\"aaa\"", "4", "1"), "\"\"");
    CHECK_STR(call("substring", 3, "\"\"", "0", "5"), "\"\"");
    CHECK_STR(call("substring", 3, "\"\xc3\xa5\xc3\xa4\xc3\xb6\"", "0", "2"), "\"\xc3\xa5\xc3\xa4\"");
    CHECK_STR(call("substring", 3, "\"a\xc3\xa5\xc3\xa4\xc3\xb6\"", "2", "-1"), "\"\xc3\xa4\xc3\xb6\"");
    CHECK_STR(call("substring", 3, "\"abcdefgh\xc3\xa5\"", "2", "10000"), "\"cdefgh\xc3\xa5\"");
    CHECK_STR(call("substring", 3, "\"aaa\"", "-1", "-1"), "eval_builtin_error: substring: negative offset");
    CHECK_STR(call("substring", 3, "\"aaa\"", "1.5", "1"),
              "eval_type_error: substring: operand 2 must be integer number but got floating-point number");
    CHECK_STR(call("substring", 3, "\"aaa\"", "0", "0.5"),
              "eval_type_error: substring: operand 3 must be integer number but got floating-point number");
    CHECK_STR(call("substring", 3, "\"aaa\"", "\"1\"", "1"),
              "eval_type_error: substring: operand 2 must be number but got string");
    CHECK_STR(call("substring", 3, "1", "0", "1"), "eval_type_error: substring: operand 1 must be string but got number");
}

static void test_case(void) {
    CHECK_STR(call("lower", 1, "\"AbCdEf\""), "\"abcdef\"");
    CHECK_STR(call("upper", 1, "\"AbCdEf09_\""), "\"ABCDEF09_\"");
    CHECK_STR(call("lower", 1, "\"\""), "\"\"");
    /* Latin-1, Greek (rune by rune: no final sigma), Latin Extended-C */
    CHECK_STR(call("upper", 1, "\"stra\xc3\x9f" "e \xc3\xa9t\xc3\xa9\""), "\"STRA\xc3\x9f" "E \xc3\x89T\xc3\x89\"");
    CHECK_STR(call("lower", 1, "\"\xce\xa3\xce\xa3\""), "\"\xcf\x83\xcf\x83\"");
    CHECK_STR(call("lower", 1, "\"A\xe2\xb1\xafZ\""), "\"a\xc9\x90z\"");
    CHECK_STR(call("upper", 1, "\"\xc9\x90\""), "\"\xe2\xb1\xaf\"");
    /* titlecase letter and the dotted capital I (simple mapping) */
    CHECK_STR(call("upper", 1, "\"\xc7\x85\""), "\"\xc7\x84\"");
    CHECK_STR(call("lower", 1, "\"\xc7\x85\xc4\xb0\""), "\"\xc7\x86i\"");
    CHECK_STR(call("upper", 1, "\"\xc5\xbf\xc3\xbf\""), "\"S\xc5\xb8\"");
    CHECK_STR(call("lower", 1, "\"\xf0\x90\x90\x80\""), "\"\xf0\x90\x90\xa8\""); /* Deseret */
    CHECK_STR(call("upper", 1, "\"\xe6\x97\xa5\xe6\x9c\xac\""), "\"\xe6\x97\xa5\xe6\x9c\xac\"");
    CHECK_STR(call("lower", 1, "null"), "eval_type_error: lower: operand 1 must be string but got null");
    CHECK_STR(call("upper", 1, "[]"), "eval_type_error: upper: operand 1 must be string but got array");
}

static void test_split(void) {
    CHECK_STR(call("split", 2, "\"foo.bar.baz\"", "\".\""), "[\"foo\",\"bar\",\"baz\"]");
    CHECK_STR(call("split", 2, "\"foo\"", "\".\""), "[\"foo\"]");
    CHECK_STR(call("split", 2, "\"\"", "\".\""), "[\"\"]");
    CHECK_STR(call("split", 2, "\"...\"", "\".\""), "[\"\",\"\",\"\",\"\"]");
    CHECK_STR(call("split", 2, "\"a::b\"", "\"::\""), "[\"a\",\"b\"]");
    CHECK_STR(call("split", 2, "\"h\xc3\xa9!\"", "\"\""), "[\"h\",\"\xc3\xa9\",\"!\"]");
    CHECK_STR(call("split", 2, "\"\"", "\"\""), "[]");
    CHECK_STR(call("split", 2, "1", "\",\""), "eval_type_error: split: operand 1 must be string but got number");
    CHECK_STR(call("split", 2, "\"a\"", "[]"), "eval_type_error: split: operand 2 must be string but got array");
}

static void test_split_n(void) {
    /* OPA keeps the first n parts (n > 0) or the last -n (n < 0) of a full split */
    CHECK_STR(call("strings.split_n", 3, "\"a.b.c.d\"", "\".\"", "2"), "[\"a\",\"b\"]");
    CHECK_STR(call("strings.split_n", 3, "\"a.b.c.d\"", "\".\"", "1"), "[\"a\"]");
    CHECK_STR(call("strings.split_n", 3, "\"a.b.c.d\"", "\".\"", "10"), "[\"a\",\"b\",\"c\",\"d\"]");
    CHECK_STR(call("strings.split_n", 3, "\"a.b.c.d\"", "\".\"", "0"), "[]");
    CHECK_STR(call("strings.split_n", 3, "\"a.b.c.d\"", "\".\"", "-2"), "[\"c\",\"d\"]");
    CHECK_STR(call("strings.split_n", 3, "\"a.b.c.d\"", "\".\"", "-4"), "[\"a\",\"b\",\"c\",\"d\"]");
    CHECK_STR(call("strings.split_n", 3, "\"a.b\"", "\".\"", "-9223372036854775808"), "[\"a\",\"b\"]");
    CHECK_STR(call("strings.split_n", 3, "\"a.b\"", "\".\"", "9223372036854775807"), "[\"a\",\"b\"]");
    CHECK_STR(call("strings.split_n", 3, "\"\"", "\".\"", "2"), "[\"\"]");
    CHECK_STR(call("strings.split_n", 3, "\"\"", "\"\"", "2"), "[]");
    CHECK_STR(call("strings.split_n", 3, "\"h\xc3\xa9!\"", "\"\"", "-2"), "[\"\xc3\xa9\",\"!\"]");
    CHECK_STR(call("strings.split_n", 3, "\"a.b\"", "\".\"", "1.5"),
              "eval_type_error: strings.split_n: operand 3 must be integer number but got floating-point number");
    CHECK_STR(call("strings.split_n", 3, "\"a.b\"", "\".\"", "\"1\""),
              "eval_type_error: strings.split_n: operand 3 must be number but got string");
    CHECK_STR(call("strings.split_n", 3, "1", "\".\"", "1"),
              "eval_type_error: strings.split_n: operand 1 must be string but got number");
    CHECK_STR(call("strings.split_n", 3, "\"a\"", "null", "1"),
              "eval_type_error: strings.split_n: operand 2 must be string but got null");
}

static void test_replace(void) {
    CHECK_STR(call("replace", 3, "\"\"", "\"hi\"", "\"bye\""), "\"\"");
    CHECK_STR(call("replace", 3, "\"foo.bar.baz\"", "\".\"", "\",\""), "\"foo,bar,baz\"");
    CHECK_STR(call("replace", 3, "\"foo...bar\"", "\"..\"", "\",,\""), "\"foo,,.bar\"");
    CHECK_STR(call("replace", 3, "\"aaa\"", "\"a\"", "\"aa\""), "\"aaaaaa\"");
    CHECK_STR(call("replace", 3, "\"abc\"", "\"\"", "\"-\""), "\"-a-b-c-\"");
    CHECK_STR(call("replace", 3, "\"\"", "\"\"", "\"-\""), "\"-\"");
    CHECK_STR(call("replace", 3, "\"\xc3\xa9\"", "\"\"", "\"-\""), "\"-\xc3\xa9-\"");
    CHECK_STR(call("replace", 3, "\"abc\"", "\"b\"", "1"), "eval_type_error: replace: operand 3 must be string but got number");
}

static void test_replace_n(void) {
    CHECK_STR(call("strings.replace_n", 2, "{\"cat\": \"dog\", \"dog\": \"cat\"}", "\"cat dog\""), "\"dog cat\"");
    /* at one position the first key in sorted order wins */
    CHECK_STR(call("strings.replace_n", 2, "{\"a\": \"1\", \"ab\": \"2\"}", "\"aab\""), "\"11b\"");
    CHECK_STR(call("strings.replace_n", 2, "{\"ab\": \"2\", \"b\": \"3\"}", "\"abb\""), "\"23\"");
    CHECK_STR(call("strings.replace_n", 2, "{}", "\"abc\""), "\"abc\"");
    CHECK_STR(call("strings.replace_n", 2, "{\"\": \"-\"}", "\"ab\""), "\"-a-b-\"");
    CHECK_STR(call("strings.replace_n", 2, "{\"a\": 1}", "\"a\""),
              "eval_type_error: strings.replace_n: operand 1 non-string value found in pattern object");
    CHECK_STR(call("strings.replace_n", 2, "[]", "\"a\""),
              "eval_type_error: strings.replace_n: operand 1 must be object but got array");
    CHECK_STR(call("strings.replace_n", 2, "{\"a\": 1}", "2"),
              "eval_type_error: strings.replace_n: operand 2 must be string but got number");
}

static void test_replace_n_key(void) {
    rg_value pairs[] = {rg_int(1), rg_cstring(&arena, "x"), rg_cstring(&arena, "a"), rg_cstring(&arena, "b")};
    rg_value args[] = {rg_object(&arena, pairs, 2), rg_cstring(&arena, "a")}, out;
    rg_bi_ctx c;
    rg_bi_ctx_init(&c, &arena);
    CHECK_INT(rg_bi_call(&c, "strings.replace_n", args, 2, &out), RG_BI_ERROR);
    CHECK_STR(c.err_code, "eval_type_error");
    CHECK_STR(rg_buf_cstr(&c.err), "strings.replace_n: operand 1 non-string key found in pattern object");
    rg_bi_ctx_fini(&c);
}

static void test_trim(void) {
    CHECK_STR(call("trim", 2, "\"\"", "\".\""), "\"\"");
    CHECK_STR(call("trim", 2, "\"...foo.bar...\"", "\".\""), "\"foo.bar\"");
    CHECK_STR(call("trim", 2, "\"...foo.bar...\"", "\".fr\""), "\"oo.ba\"");
    CHECK_STR(call("trim", 2, "\"...foo.bar...\"", "\".o\""), "\"foo.bar\"");
    CHECK_STR(call("trim", 2, "\"abc\"", "\"\""), "\"abc\"");
    CHECK_STR(call("trim", 2, "\"aaa\"", "\"a\""), "\"\"");
    CHECK_STR(call("trim", 2, "\"\xc3\xa9x\xc3\xa9\"", "\"\xc3\xa9\""), "\"x\"");
    CHECK_STR(call("trim_left", 2, "\"..a..\"", "\".\""), "\"a..\"");
    CHECK_STR(call("trim_right", 2, "\"..a..\"", "\".\""), "\"..a\"");
    CHECK_STR(call("trim_right", 2, "\"x\xc3\xa9\xc3\xa9\"", "\"\xc3\xa9\""), "\"x\"");
    CHECK_STR(call("trim_prefix", 2, "\"foo.bar\"", "\"foo.\""), "\"bar\"");
    CHECK_STR(call("trim_prefix", 2, "\"foo.bar\"", "\"bar\""), "\"foo.bar\"");
    CHECK_STR(call("trim_prefix", 2, "\"aaa\"", "\"a\""), "\"aa\""); /* only once */
    CHECK_STR(call("trim_suffix", 2, "\"foo.bar\"", "\".bar\""), "\"foo\"");
    CHECK_STR(call("trim_suffix", 2, "\"foo.bar\"", "\"foo\""), "\"foo.bar\"");
    CHECK_STR(call("trim_space", 1, "\" \\t\\n foo bar \\r\\u00a0\\u3000\""), "\"foo bar\"");
    CHECK_STR(call("trim_space", 1, "\"\\u200bx\""), "\"\xe2\x80\x8bx\""); /* zero width space is not space */
    CHECK_STR(call("trim_space", 1, "\"   \""), "\"\"");
    CHECK_STR(call("trim", 2, "1", "\"a\""), "eval_type_error: trim: operand 1 must be string but got number");
    CHECK_STR(call("trim_left", 2, "\"a\"", "1"), "eval_type_error: trim_left: operand 2 must be string but got number");
    CHECK_STR(call("trim_right", 2, "\"a\"", "1"), "eval_type_error: trim_right: operand 2 must be string but got number");
    CHECK_STR(call("trim_prefix", 2, "1", "\"a\""), "eval_type_error: trim_prefix: operand 1 must be string but got number");
    CHECK_STR(call("trim_suffix", 2, "1", "\"a\""), "eval_type_error: trim_suffix: operand 1 must be string but got number");
    CHECK_STR(call("trim_space", 1, "1"), "eval_type_error: trim_space: operand 1 must be string but got number");
}

static void test_reverse(void) {
    CHECK_STR(call("strings.reverse", 1, "\"bar\""), "\"rab\"");
    CHECK_STR(call("strings.reverse", 1, "\"\""), "\"\"");
    CHECK_STR(call("strings.reverse", 1, "\"1\\ud83d\\ude00\\ud835\\udefe\""), "\"\xf0\x9d\x9b\xbe\xf0\x9f\x98\x80" "1\"");
    CHECK_STR(call("strings.reverse", 1, "\"2\\ufe0f\\u20e3\""), "\"\xe2\x83\xa3\xef\xb8\x8f" "2\"");
    CHECK_STR(call("strings.reverse", 1, "123"), "eval_type_error: strings.reverse: operand 1 must be string but got number");
    CHECK_STR(call("strings.reverse", 1, "{}"), "eval_type_error: strings.reverse: operand 1 must be string but got object");
}

static void test_any_match(void) {
    CHECK_STR(call("strings.any_prefix_match", 2, "[\"a/b/c\", \"e/f/g\"]", "[\"d/\", \"e/f\"]"), "true");
    CHECK_STR(call("strings.any_prefix_match", 2, "[\"a/b/c\", \"e/f/g\"]", "[\"f/\", \"d/\"]"), "false");
    CHECK_STR(call("strings.any_prefix_match", 2, "\"a/b/c\"", "[\"a/\"]"), "true");
    CHECK_STR(call("strings.any_prefix_match", 2, "set:[\"a/b/c\"]", "set:[\"a/\"]"), "true");
    CHECK_STR(call("strings.any_prefix_match", 2, "[]", "[\"a\"]"), "false");
    CHECK_STR(call("strings.any_prefix_match", 2, "[\"a\"]", "[]"), "false");
    CHECK_STR(call("strings.any_prefix_match", 2, "[1, 2]", "[\"a\"]"),
              "eval_type_error: strings.any_prefix_match: operand 1 must be array of strings but got array containing "
              "number");
    CHECK_STR(call("strings.any_prefix_match", 2, "1", "[\"a\"]"),
              "eval_type_error: strings.any_prefix_match: operand 1 must be one of {string, set, array} but got number");
    CHECK_STR(call("strings.any_prefix_match", 2, "\"a\"", "set:[1]"),
              "eval_type_error: strings.any_prefix_match: operand 2 must be set of strings but got set containing "
              "number");
    CHECK_STR(call("strings.any_suffix_match", 2, "[\"a/b/c\", \"e/f/g\"]", "[\"/c\", \"/a\"]"), "true");
    CHECK_STR(call("strings.any_suffix_match", 2, "[\"aa/bb/cc\"]", "[\"b/c\"]"), "false");
    CHECK_STR(call("strings.any_suffix_match", 2, "\"a/b/c\"", "\"/c\""), "true");
    CHECK_STR(call("strings.any_suffix_match", 2, "\"a/b/c\"", "1"),
              "eval_type_error: strings.any_suffix_match: operand 2 must be one of {string, set, array} but got number");
}

static void test_sprintf_basic(void) {
    CHECK_STR(SPRINTF("\"hi\"", "[]"), "\"hi\"");
    CHECK_STR(SPRINTF("\"hi %s\"", "[\"there\"]"), "\"hi there\"");
    CHECK_STR(SPRINTF("\"hi %02d\"", "[5]"), "\"hi 05\"");
    CHECK_STR(SPRINTF("\"hi %02X.%02X\"", "[127, 1]"), "\"hi 7F.01\"");
    CHECK_STR(SPRINTF("\"hi %.2f\"", "[3.1415]"), "\"hi 3.14\"");
    CHECK_STR(SPRINTF("\"%f\"", "[3.14]"), "\"3.140000\"");
    CHECK_STR(SPRINTF("\"%-10.3f|\"", "[3.14159]"), "\"3.142     |\"");
    CHECK_STR(SPRINTF("\"%5d|%-5d|%05d\"", "[42, 42, -42]"), "\"   42|42   |-0042\"");
    CHECK_STR(SPRINTF("\"%+d % d %x %X %o %O %b %#x %#o %#b\"", "[5, 5, 255, 255, 64, 64, 5, 255, 8, 5]"),
              "\"+5  5 ff FF 100 0o100 101 0xff 010 0b101\"");
    CHECK_STR(SPRINTF("\"%c%c %q %U %#U\"", "[72, 105, 65, 128512, 65]"), "\"Hi 'A' U+1F600 U+0041 'A'\"");
    CHECK_STR(SPRINTF("\"%t %t\"", "[true, false]"), "\"%!t(string=true) %!t(string=false)\"");
    CHECK_STR(SPRINTF("\"%s\"", "[true]"), "\"true\"");
    CHECK_STR(SPRINTF("\"%v %v\"", "[null, false]"), "\"null false\"");
    CHECK_STR(SPRINTF("\"100%%\"", "[]"), "\"100%\"");
    CHECK_STR(SPRINTF("\"%T %T %T %T %T\"", "[1, 1.5, \"s\", [], 123456789012345678901234]"),
              "\"int float64 string string *big.Int\"");
    CHECK_STR(SPRINTF("\"%v %v\"", "[\"test\", \"{\\\"test\\\"}\"]"), "\"test {\\\"test\\\"}\"");
    CHECK_STR(SPRINTF("1", "[]"), "eval_type_error: sprintf: operand 1 must be string but got number");
    CHECK_STR(SPRINTF("\"%d\"", "{}"), "eval_type_error: sprintf: operand 2 must be array but got object");
    CHECK_STR(call("sprintf", 2, "\"%d\"", "set:[1]"), "eval_type_error: sprintf: operand 2 must be array but got set");
}

static void test_sprintf_strings(void) {
    CHECK_STR(SPRINTF("\"%q\"", "[\"a\\\"b\\\\c\\n\\u0001\"]"), "\"\\\"a\\\\\\\"b\\\\\\\\c\\\\n\\\\x01\\\"\"");
    CHECK_STR(SPRINTF("\"%#q %+q\"", "[\"a\", \"\\u00e9\"]"), "\"`a` \\\"\\\\u00e9\\\"\"");
    CHECK_STR(SPRINTF("\"%x %X % x %#x\"", "[\"hi\", \"hi\", \"hi\", \"hi\"]"), "\"6869 6869 68 69 0x6869\"");
    CHECK_STR(SPRINTF("\"%.3s|%5s|%-5s|%5.1s\"", "[\"h\\u00e9llo\", \"\\u65e5\", \"ab\", \"xyz\"]"),
              "\"h\xc3\xa9l|    \xe6\x97\xa5|ab   |    x\"");
    CHECK_STR(SPRINTF("\"%#v\"", "[\"x\"]"), "\"\\\"x\\\"\"");
}

static void test_sprintf_numbers(void) {
    CHECK_STR(SPRINTF("\"%v %v %v %v %v\"", "[3.14, 1e-7, 0.0001, 123456.5, 1234567.5]"),
              "\"3.14 1e-07 0.0001 123456.5 1.2345675e+06\"");
    CHECK_STR(SPRINTF("\"%e %E %.2e %g %G\"", "[1234.5678, 1234.5678, 1234.5678, 1e-10, 2.5e-10]"),
              "\"1.234568e+03 1.234568E+03 1.23e+03 1e-10 2.5E-10\"");
    CHECK_STR(SPRINTF("\"%.3g %.10g %g\"", "[3.14159, 0.1, 100000.5]"), "\"3.14 0.1 100000.5\"");
    CHECK_STR(SPRINTF("\"%08.3f|%+.1f|% .1f|%-8.2f|\"", "[-3.14159, 2.5, 2.5, 1.5]"),
              "\"-003.142|+2.5| 2.5|1.50    |\"");
    CHECK_STR(SPRINTF("\"%x %X %b\"", "[1.5, 1.5, 1.5]"), "\"0x1.8p+00 0X1.8P+00 6755399441055744p-52\"");
    CHECK_STR(SPRINTF("\"%#g %#.0f\"", "[1.5, 3.3]"), "\"1.50000 3.\"");
    /* big integers are *big.Int: %s and %v print them, %x too */
    CHECK_STR(SPRINTF("\"%s\"", "[123456789123456789123]"), "\"123456789123456789123\"");
    CHECK_STR(SPRINTF("\"%v %d\"", "[1208925819614629174706175, -123456789123456789123]"),
              "\"1208925819614629174706175 -123456789123456789123\"");
    CHECK_STR(SPRINTF("\"%x %#X %30d|\"", "[123456789123456789123, 123456789123456789123, 123456789123456789123]"),
              "\"6b14e9f9b0df36a83 0X6B14E9F9B0DF36A83          123456789123456789123|\"");
    CHECK_STR(SPRINTF("\"%f\"", "[123456789123456789123]"), "\"%!f(big.Int=123456789123456789123)\"");
    CHECK_STR(SPRINTF("\"%d\"", "[9223372036854775807]"), "\"9223372036854775807\"");
    CHECK_STR(SPRINTF("\"%d\"", "[-9223372036854775808]"), "\"-9223372036854775808\"");
}

static void test_sprintf_composites(void) {
    CHECK_STR(SPRINTF("\"hi %v\"", "[[\"there\", 5, 3.14]]"), "\"hi [\\\"there\\\", 5, 3.14]\"");
    CHECK_STR(SPRINTF("\"%v\"", "[{\"key\": \"value\", \"a\": [1, {\"b\": null}]}]"),
              "\"{\\\"a\\\": [1, {\\\"b\\\": null}], \\\"key\\\": \\\"value\\\"}\"");
    CHECK_STR(call("sprintf", 2, "\"%v %v\"", "[[], {}]"), "\"[] {}\"");
    CHECK_STR(SPRINTF("\"%s\"", "[[\"a\\n\\u00e9\\u00a0\"]]"), "\"[\\\"a\\\\n\xc3\xa9\\\\u00a0\\\"]\"");
    CHECK_STR(SPRINTF("\"%d\"", "[[1, 2]]"), "\"%!d(string=[1, 2])\"");
    CHECK_STR(SPRINTF("\"%q\"", "[[1]]"), "\"\\\"[1]\\\"\"");
    rg_value set_items[] = {rg_int(2), rg_cstring(&arena, "x"), rg_int(1)};
    rg_value args[] = {rg_cstring(&arena, "%v %v"), rg_undefined()}, out;
    rg_value elems[] = {rg_set(&arena, set_items, 3), rg_empty_set()};
    args[1] = rg_array(&arena, elems, 2);
    rg_bi_ctx c;
    rg_bi_ctx_init(&c, &arena);
    CHECK_INT(rg_bi_call(&c, "sprintf", args, 2, &out), RG_BI_OK);
    CHECK_STR(out.u.s, "{1, 2, \"x\"} set()");
    rg_bi_ctx_fini(&c);
}

static void test_sprintf_errors(void) {
    CHECK_STR(SPRINTF("\"Value: %s %d\"", "[\"only_one\"]"), "\"Value: only_one %!d(MISSING)\"");
    CHECK_STR(SPRINTF("\"%d\"", "[\"foo\"]"), "\"%!d(string=foo)\"");
    CHECK_STR(SPRINTF("\"%d\"", "[1.5]"), "\"%!d(float64=1.5)\"");
    CHECK_STR(SPRINTF("\"%s\"", "[42]"), "\"%!s(int=42)\"");
    CHECK_STR(SPRINTF("\"%z\"", "[42]"), "\"%!z(int=42)\"");
    CHECK_STR(SPRINTF("\"%5t|\"", "[42]"), "\"%!t(int=   42)|\"");
    CHECK_STR(SPRINTF("\"hi\"", "[1, \"a\", 2.5]"), "\"hi%!(EXTRA int=1, string=a, float64=2.5)\"");
    CHECK_STR(SPRINTF("\"abc%\"", "[]"), "\"abc%!(NOVERB)\"");
    CHECK_STR(SPRINTF("\"%*d\"", "[42]"), "\"%!d(MISSING)\"");
    CHECK_STR(SPRINTF("\"%*d|%-*d|\"", "[4, 1, 3, 2]"), "\"   1|2  |\"");
    CHECK_STR(SPRINTF("\"%*d\"", "[\"a\", 1]"), "\"%!(BADWIDTH)1\"");
    CHECK_STR(SPRINTF("\"%.*d\"", "[1.5, 1]"), "\"%!(BADPREC)1\"");
    CHECK_STR(SPRINTF("\"%n\"", "[42]"), "\"%!n(int=42)\"");
    CHECK_STR(SPRINTF("\"%[2]d %[1]d\"", "[1, 2]"), "\"2 1\"");
    CHECK_STR(SPRINTF("\"%[3]d\"", "[1, 2]"), "\"%!d(BADINDEX)\"");
    CHECK_STR(SPRINTF("\"%[2]d\"", "[1, 2]"), "\"2\""); /* no EXTRA after an index */
    CHECK_STR(SPRINTF("\"%\xc3\xa9\"", "[1]"), "\"%!\xc3\xa9(int=1)\"");
    CHECK_STR(SPRINTF("\"%\xc5\xa2\"", "[123456789123456789123]"), "\"%!\xc5\xa2(big.Int=123456789123456789123)\"");
}

int main(void) {
    rg_arena_init(&arena);
    test_concat();
    test_contains_prefix_suffix();
    test_count();
    test_format_int();
    test_indexof();
    test_indexof_n();
    test_substring();
    test_case();
    test_split();
    test_split_n();
    test_replace();
    test_replace_n();
    test_replace_n_key();
    test_trim();
    test_reverse();
    test_any_match();
    test_sprintf_basic();
    test_sprintf_strings();
    test_sprintf_numbers();
    test_sprintf_composites();
    test_sprintf_errors();
    free(last);
    rg_arena_fini(&arena);
    return rg_test_report("builtins_strings");
}
