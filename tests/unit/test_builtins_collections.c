/* Builtins: operators, numbers, aggregates, arrays, sets, objects, types.
 * Arguments are written as Rego literals (sets as {a, b} and set()) and
 * results compared as canonical JSON text; errors by code and message. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rego/bi_ctx.h"
#include "testlib.h"
#include "value/value.h"

static rg_arena arena;
static rg_bi_ctx ctx;

/* ---- a small Rego-literal reader for test inputs ---- */

typedef struct lit {
    const char *s;
    bool bad;
} lit;

static rg_value lit_value(lit *p, int depth);

static void lit_ws(lit *p) {
    while (isspace((unsigned char)*p->s)) p->s++;
}

static bool lit_eat(lit *p, char c) {
    lit_ws(p);
    if (*p->s != c) return false;
    p->s++;
    return true;
}

static rg_value lit_string(lit *p) {
    rg_buf b = RG_BUF_INIT;
    p->s++;
    while (*p->s && *p->s != '"') {
        char c = *p->s++;
        if (c == '\\' && *p->s) {
            c = *p->s++;
            if (c == 'n') c = '\n';
        }
        rg_buf_putc(&b, c);
    }
    if (*p->s == '"') p->s++;
    else p->bad = true;
    rg_value v = rg_string(&arena, b.data ? b.data : "", b.len);
    rg_buf_fini(&b);
    return v;
}

static rg_value lit_number(lit *p) {
    const char *start = p->s;
    if (*p->s == '-') p->s++;
    while (isalnum((unsigned char)*p->s) || *p->s == '.' || *p->s == '+' || *p->s == '-') p->s++;
    rg_value v = rg_number_parse(&arena, start, (size_t)(p->s - start));
    if (rg_is_undef(v)) p->bad = true;
    return v;
}

/* Items up to the closing bracket; for '{' decides object versus set from
 * the first separator. */
static rg_value lit_collection(lit *p, char close, int depth) {
    rg_vec items = RG_VEC_INIT;
    bool object = false, first = true;
    p->s++;
    while (!p->bad && !lit_eat(p, close)) {
        if (!first && !lit_eat(p, ',')) p->bad = true;
        rg_vec_push(&items, lit_value(p, depth + 1));
        if (close == '}' && (first ? (object = lit_eat(p, ':')) : object)) {
            if (!first && !lit_eat(p, ':')) p->bad = true;
            rg_vec_push(&items, lit_value(p, depth + 1));
        }
        first = false;
        if (!*p->s) p->bad = true;
    }
    rg_value v = close == ']' ? rg_vec_to_array(&arena, &items)
                 : object || first ? rg_vec_to_object(&arena, &items)
                                   : rg_vec_to_set(&arena, &items);
    rg_vec_fini(&items);
    return v;
}

static rg_value lit_value(lit *p, int depth) {
    lit_ws(p);
    if (depth > 50) p->bad = true;
    if (p->bad) return rg_null();
    if (!strncmp(p->s, "null", 4)) return p->s += 4, rg_null();
    if (!strncmp(p->s, "true", 4)) return p->s += 4, rg_bool(true);
    if (!strncmp(p->s, "false", 5)) return p->s += 5, rg_bool(false);
    if (!strncmp(p->s, "set()", 5)) return p->s += 5, rg_empty_set();
    if (*p->s == '"') return lit_string(p);
    if (*p->s == '[') return lit_collection(p, ']', depth);
    if (*p->s == '{') return lit_collection(p, '}', depth);
    return lit_number(p);
}

static rg_value V(const char *text) {
    lit p = {text, false};
    rg_value v = lit_value(&p, 0);
    lit_ws(&p);
    if (p.bad || *p.s) {
        fprintf(stderr, "bad test literal: %s\n", text);
        abort();
    }
    return v;
}

/* ---- call helpers ---- */

/* Calls name with the items of the array literal args. */
static int call(const char *name, const char *args, rg_value *out) {
    rg_value a = V(args);
    rg_bi_ctx_clear_error(&ctx);
    *out = rg_undefined();
    return rg_bi_call(&ctx, name, a.u.items, (int)a.len, out);
}

static void check_ok(int line, const char *name, const char *args, const char *want) {
    rg_value out;
    int rc = call(name, args, &out);
    rg_test_checks++;
    if (rc != RG_BI_OK) {
        rg_test_fail(__FILE__, line, "%s%s: rc %d (%s), want %s", name, args, rc, rg_buf_cstr(&ctx.err), want);
        return;
    }
    char *got = rg_json_dump(out, 0);
    if (strcmp(got, want) != 0) rg_test_fail(__FILE__, line, "%s%s: got %s, want %s", name, args, got, want);
    free(got);
}

static void check_undef(int line, const char *name, const char *args) {
    rg_value out;
    int rc = call(name, args, &out);
    rg_test_checks++;
    if (rc != RG_BI_UNDEFINED) rg_test_fail(__FILE__, line, "%s%s: rc %d, want undefined", name, args, rc);
}

static void check_err(int line, const char *name, const char *args, const char *code, const char *msg) {
    rg_value out;
    int rc = call(name, args, &out);
    rg_test_checks++;
    const char *got = rg_buf_cstr(&ctx.err);
    if (rc != RG_BI_ERROR || !ctx.err_code || strcmp(ctx.err_code, code) != 0 || strcmp(got, msg) != 0)
        rg_test_fail(__FILE__, line, "%s%s: rc %d code %s msg \"%s\", want %s \"%s\"", name, args, rc,
                     ctx.err_code ? ctx.err_code : "-", got, code, msg);
}

#define OK(name, args, want) check_ok(__LINE__, name, args, want)
#define UNDEF(name, args) check_undef(__LINE__, name, args)
#define TYPE_ERR(name, args, msg) check_err(__LINE__, name, args, "eval_type_error", msg)
#define BI_ERR(name, args, msg) check_err(__LINE__, name, args, "eval_builtin_error", msg)

/* ---- operators ---- */

static void test_arithmetic(void) {
    OK("plus", "[1, 2]", "3");
    OK("plus", "[3, 4.5]", "7.5");
    OK("plus", "[9223372036854775807, 1]", "9223372036854775808");
    OK("plus", "[18446744073709551617, 1]", "18446744073709551618");
    OK("minus", "[3, 4.5]", "-1.5");
    OK("minus", "[-9223372036854775808, 1]", "-9223372036854775809");
    OK("minus", "[{1, 2, 3}, {2, 4}]", "[1,3]");
    OK("minus", "[set(), {1}]", "[]");
    OK("mul", "[2147483647, 2147483647]", "4611686014132420609");
    OK("mul", "[2.5, 2]", "5");
    OK("div", "[6, 3]", "2");
    OK("div", "[1, 4]", "0.25");
    OK("div", "[13, 4]", "3.25");
    OK("div", "[-6, 3]", "-2");
    OK("rem", "[10, 3]", "1");
    OK("rem", "[-17, 5]", "-2");
    OK("rem", "[17, -5]", "2");
    OK("rem", "[4.0, 3]", "1");
    OK("rem", "[10, 18446744073709551616]", "10");
    OK("rem", "[18446744073709551617, 18446744073709551616]", "1");

    TYPE_ERR("plus", "[\"1\", 9]", "plus: operand 1 must be number but got string");
    TYPE_ERR("plus", "[1, null]", "plus: operand 2 must be number but got null");
    TYPE_ERR("mul", "[1, [1]]", "mul: operand 2 must be number but got array");
    TYPE_ERR("div", "[{}, 1]", "div: operand 1 must be number but got object");
    TYPE_ERR("rem", "[\"1\", 9]", "rem: operand 1 must be number but got string");
    TYPE_ERR("minus", "[{1}, 1]", "minus: operand 2 must be set but got number");
    TYPE_ERR("minus", "[1, {1}]", "minus: operand 2 must be number but got set");
    TYPE_ERR("minus", "[\"a\", 1]", "minus: operand 1 must be one of {number, set} but got string");
    BI_ERR("div", "[1, 0]", "div: divide by zero");
    BI_ERR("div", "[1, 0.0]", "div: divide by zero");
    BI_ERR("rem", "[1, 0]", "rem: modulo by zero");
    BI_ERR("rem", "[1.1, 1]", "rem: modulo on floating-point number");
    BI_ERR("rem", "[1, 1.1]", "rem: modulo on floating-point number");
    BI_ERR("rem", "[1.5, 0]", "rem: modulo on floating-point number");
}

static void test_comparison(void) {
    OK("equal", "[1, 1.0]", "true");
    OK("equal", "[{\"a\": [1, {2}]}, {\"a\": [1, {2}]}]", "true");
    OK("equal", "[\"a\", \"b\"]", "false");
    OK("equal", "[[], set()]", "false");
    OK("neq", "[1, \"1\"]", "true");
    OK("neq", "[null, null]", "false");
    OK("lt", "[null, false]", "true");
    OK("lt", "[true, 0]", "true");
    OK("lt", "[3, 3.5]", "true");
    OK("lt", "[100, \"\"]", "true");
    OK("lt", "[\"z\", []]", "true");
    OK("lt", "[[1, 2], [1, 2, 0]]", "true");
    OK("lt", "[[0, 1, 2], [1, 2]]", "true");
    OK("lt", "[{\"a\": 2}, {\"b\": 0}]", "true");
    OK("lte", "[2, 2]", "true");
    OK("lte", "[3, 2]", "false");
    OK("gt", "[\"b\", \"a\"]", "true");
    OK("gt", "[1, 2]", "false");
    OK("gte", "[1e2, 100]", "true");
    OK("gte", "[-2.5, 2.5]", "false");
}

static void test_set_operators(void) {
    OK("and", "[{1, 2, 3}, {2, 3, 4}]", "[2,3]");
    OK("and", "[{1}, {2}]", "[]");
    OK("or", "[{1, 2}, {2, 3}]", "[1,2,3]");
    OK("or", "[set(), set()]", "[]");
    TYPE_ERR("and", "[[1], {1}]", "and: operand 1 must be set but got array");
    TYPE_ERR("or", "[{1}, 1]", "or: operand 2 must be set but got number");
}

static void test_membership(void) {
    OK("internal.member_2", "[1, {1}]", "true");
    OK("internal.member_2", "[1, [2, 1]]", "true");
    OK("internal.member_2", "[1, {\"foo\": 1}]", "true");
    OK("internal.member_2", "[\"foo\", {\"foo\": 1}]", "false");
    OK("internal.member_2", "[1, {2}]", "false");
    OK("internal.member_2", "[1, \"foo\"]", "false");
    OK("internal.member_2", "[\"foo\", 1]", "false");
    OK("internal.member_2", "[{\"foo\": {\"baz\": 2000}}, [{\"foo\": {\"baz\": 2000}}]]", "true");
    OK("internal.member_3", "[\"foo\", 1, {\"foo\": 1}]", "true");
    OK("internal.member_3", "[\"foo\", 2, {\"foo\": 1}]", "false");
    OK("internal.member_3", "[1, \"two\", [\"one\", \"two\", \"three\"]]", "true");
    OK("internal.member_3", "[1.0, \"two\", [\"one\", \"two\"]]", "true");
    OK("internal.member_3", "[3, \"two\", [\"one\", \"two\"]]", "false");
    OK("internal.member_3", "[-1, \"two\", [\"one\", \"two\"]]", "false");
    OK("internal.member_3", "[0.5, \"one\", [\"one\"]]", "false");
    OK("internal.member_3", "[\"a\", \"a\", {\"a\"}]", "true");
    OK("internal.member_3", "[\"a\", \"b\", {\"a\"}]", "false");
    OK("internal.member_3", "[1, \"foo\", 1]", "false");
}

/* ---- numbers ---- */

static void test_rounding(void) {
    OK("abs", "[-9]", "9");
    OK("abs", "[-9.1]", "9.1");
    OK("abs", "[-9223372036854775808]", "9223372036854775808");
    OK("ceil", "[9.1]", "10");
    OK("ceil", "[-9.1]", "-9");
    OK("ceil", "[-9]", "-9");
    OK("floor", "[-9.1]", "-10");
    OK("floor", "[9.9]", "9");
    OK("round", "[-9.5]", "-10");
    OK("round", "[9.5]", "10");
    OK("round", "[9.4]", "9");
    OK("round", "[-2.5]", "-3");
    OK("round", "[123456789012345678901234567890]", "123456789012345678901234567890");
    OK("ceil", "[1.5e20]", "150000000000000000000");
    TYPE_ERR("abs", "[\"-9\"]", "abs: operand 1 must be number but got string");
    TYPE_ERR("round", "[null]", "round: operand 1 must be number but got null");
}

static void test_range(void) {
    OK("numbers.range", "[1, 5]", "[1,2,3,4,5]");
    OK("numbers.range", "[5, 1]", "[5,4,3,2,1]");
    OK("numbers.range", "[2, -3]", "[2,1,0,-1,-2,-3]");
    OK("numbers.range", "[8, 8]", "[8]");
    OK("numbers.range", "[9223372036854775806, 9223372036854775807]", "[9223372036854775806,9223372036854775807]");
    OK("numbers.range", "[18446744073709551616, 18446744073709551617]",
       "[18446744073709551616,18446744073709551617]");
    OK("numbers.range_step", "[0, 10, 3]", "[0,3,6,9]");
    OK("numbers.range_step", "[10, 0, 4]", "[10,6,2]");
    OK("numbers.range_step", "[1, 1, 5]", "[1]");
    OK("numbers.range_step", "[1, 2, 18446744073709551616]", "[1]");
    TYPE_ERR("numbers.range", "[\"1\", 2]", "numbers.range: operand 1 must be integer but got string");
    TYPE_ERR("numbers.range", "[1, 5.01]",
             "numbers.range: operand 2 must be integer number but got floating-point number");
    BI_ERR("numbers.range_step", "[1, 5, 0]",
           "numbers.range_step: numbers.range_step: step must be a positive integer");
    BI_ERR("numbers.range_step", "[1, 5, -1]",
           "numbers.range_step: numbers.range_step: step must be a positive integer");
    TYPE_ERR("numbers.range_step", "[1, 5, 0.5]",
             "numbers.range_step: operand 3 must be integer number but got floating-point number");
    BI_ERR("numbers.range", "[0, 1000000000000]", "numbers.range: range is too large");
    BI_ERR("numbers.range", "[-9223372036854775808, 9223372036854775807]", "numbers.range: range is too large");
}

static void test_rand(void) {
    rg_value a, b, c, d;
    CHECK_INT(call("rand.intn", "[\"x\", 50000]", &a), RG_BI_OK);
    CHECK_INT(call("rand.intn", "[\"x\", 50000]", &b), RG_BI_OK);
    CHECK(rg_is_int(a) && a.u.i >= 0 && a.u.i < 50000);
    CHECK(rg_value_equal(a, b));
    /* a negative bound is its absolute value, and shares the memo */
    CHECK_INT(call("rand.intn", "[\"x\", -50000]", &c), RG_BI_OK);
    CHECK(rg_value_equal(a, c));
    CHECK_INT(call("rand.intn", "[\"y\", 1]", &d), RG_BI_OK);
    CHECK(rg_is_int(d) && d.u.i == 0);
    OK("rand.intn", "[\"b\", 0]", "0");
    TYPE_ERR("rand.intn", "[1, 2]", "rand.intn: operand 1 must be string but got number");
    TYPE_ERR("rand.intn", "[\"a\", \"b\"]", "rand.intn: operand 2 must be number but got string");
    TYPE_ERR("rand.intn", "[\"a\", 10.3]",
             "rand.intn: operand 2 must be integer number but got floating-point number");
}

static void test_bits(void) {
    OK("bits.and", "[1, 0]", "0");
    OK("bits.and", "[12, 10]", "8");
    OK("bits.or", "[12, 10]", "14");
    OK("bits.xor", "[12, 10]", "6");
    OK("bits.and", "[-1, 18446744073709551617]", "18446744073709551617");
    OK("bits.or", "[18446744073709551616, 1]", "18446744073709551617");
    OK("bits.xor", "[18446744073709551617, 18446744073709551616]", "1");
    OK("bits.negate", "[1]", "-2");
    OK("bits.negate", "[-50]", "49");
    OK("bits.negate", "[18446744073709551616]", "-18446744073709551617");
    OK("bits.lsh", "[9, 2]", "36");
    OK("bits.lsh", "[2147483647, 1]", "4294967294");
    OK("bits.lsh", "[9223372036854775807, 1]", "18446744073709551614");
    OK("bits.lsh", "[-1, 64]", "-18446744073709551616");
    OK("bits.lsh", "[0, 1000000000000]", "0");
    OK("bits.rsh", "[9, 2]", "2");
    OK("bits.rsh", "[8, 3]", "1");
    OK("bits.rsh", "[-9, 1]", "-5");
    OK("bits.rsh", "[-1, 100]", "-1");
    OK("bits.rsh", "[5, 100]", "0");
    OK("bits.rsh", "[18446744073709551616, 60]", "16");
    OK("bits.rsh", "[-18446744073709551616, 1000000000000]", "-1");
    TYPE_ERR("bits.and", "[7.2, 42]", "bits.and: operand 1 must be integer number but got floating-point number");
    TYPE_ERR("bits.or", "[1, \"str\"]", "bits.or: operand 2 must be integer but got string");
    TYPE_ERR("bits.negate", "[\"str\"]", "bits.negate: operand 1 must be integer but got string");
    TYPE_ERR("bits.lsh", "[7.2, 42]", "bits.lsh: operand 1 must be integer number but got floating-point number");
    TYPE_ERR("bits.lsh", "[1, -1]",
             "bits.lsh: operand 2 must be an unsigned integer number but got a negative integer");
    TYPE_ERR("bits.rsh", "[1, -1]",
             "bits.rsh: operand 2 must be an unsigned integer number but got a negative integer");
    BI_ERR("bits.lsh", "[1, 100000000]", "bits.lsh: shift amount too large");
}

static void test_to_number(void) {
    OK("to_number", "[null]", "0");
    OK("to_number", "[true]", "1");
    OK("to_number", "[false]", "0");
    OK("to_number", "[-3.5]", "-3.5");
    OK("to_number", "[\"10\"]", "10");
    OK("to_number", "[\"-10.5\"]", "-10.5");
    OK("to_number", "[\"+5\"]", "5");
    OK("to_number", "[\"1e3\"]", "1000");
    OK("to_number", "[\"1E-2\"]", "0.01");
    OK("to_number", "[\".5\"]", "0.5");
    OK("to_number", "[\"5.\"]", "5");
    OK("to_number", "[\"007\"]", "7");
    OK("to_number", "[\"1_000\"]", "1000");
    OK("to_number", "[\"0x1p4\"]", "16");
    OK("to_number", "[\"-0x1.8p0\"]", "-1.5");
    OK("to_number", "[\"1e20\"]", "100000000000000000000");
    OK("to_number", "[\"123456789012345678901234567890\"]", "123456789012345678901234567890");
    BI_ERR("to_number", "[\"broken\"]", "to_number: strconv.ParseFloat: parsing \"broken\": invalid syntax");
    BI_ERR("to_number", "[\"\"]", "to_number: strconv.ParseFloat: parsing \"\": invalid syntax");
    BI_ERR("to_number", "[\" 1\"]", "to_number: strconv.ParseFloat: parsing \" 1\": invalid syntax");
    BI_ERR("to_number", "[\"1e\"]", "to_number: strconv.ParseFloat: parsing \"1e\": invalid syntax");
    BI_ERR("to_number", "[\"_1\"]", "to_number: strconv.ParseFloat: parsing \"_1\": invalid syntax");
    BI_ERR("to_number", "[\"1__0\"]", "to_number: strconv.ParseFloat: parsing \"1__0\": invalid syntax");
    BI_ERR("to_number", "[\"0x10\"]", "to_number: strconv.ParseFloat: parsing \"0x10\": invalid syntax");
    BI_ERR("to_number", "[\"1e400\"]", "to_number: strconv.ParseFloat: parsing \"1e400\": value out of range");
    TYPE_ERR("to_number", "[\"nan\"]", "to_number: operand 1 must be valid number string but got string");
    TYPE_ERR("to_number", "[\"-Infinity\"]", "to_number: operand 1 must be valid number string but got string");
    TYPE_ERR("to_number", "[\"iNf\"]", "to_number: operand 1 must be valid number string but got string");
    TYPE_ERR("to_number", "[[]]", "to_number: operand 1 must be one of {null, boolean, number, string} but got array");
}

/* ---- aggregates ---- */

static void test_aggregates(void) {
    OK("count", "[[1, 2, 3]]", "3");
    OK("count", "[{\"a\": 1}]", "1");
    OK("count", "[{1, 1, 2}]", "2");
    OK("count", "[\"\"]", "0");
    OK("count", "[\"abc\"]", "3");
    TYPE_ERR("count", "[5]", "count: operand 1 must be one of {array, object, set, string} but got number");
    TYPE_ERR("count", "[null]", "count: operand 1 must be one of {array, object, set, string} but got null");

    OK("sum", "[[1, 2, 3]]", "6");
    OK("sum", "[[]]", "0");
    OK("sum", "[{3, 2, 1}]", "6");
    OK("sum", "[[1, 2.5]]", "3.5");
    OK("sum", "[[9223372036854775807, 1]]", "9223372036854775808");
    OK("product", "[[-1, 3, 2]]", "-6");
    OK("product", "[[]]", "1");
    OK("product", "[set()]", "1");
    OK("product", "[[18446744073709551617, 2]]", "36893488147419103234");
    OK("product", "[[1.5, 2]]", "3");
    TYPE_ERR("sum", "[{}]", "sum: operand 1 must be one of {set, array} but got object");
    TYPE_ERR("sum", "[[1, \"a\"]]", "sum: operand 1 must be array of numbers but got array containing string");
    TYPE_ERR("product", "[{1, null}]", "product: operand 1 must be set of numbers but got set containing null");

    OK("max", "[[-1, 3, 2]]", "3");
    OK("max", "[{1, 2, -1}]", "2");
    OK("max", "[[1, \"a\", null]]", "\"a\"");
    OK("min", "[[3, 2.75, 2.7499]]", "2.7499");
    OK("min", "[{[1], 2}]", "2");
    UNDEF("max", "[[]]");
    UNDEF("min", "[set()]");
    TYPE_ERR("max", "[\"abc\"]", "max: operand 1 must be one of {set, array} but got string");

    OK("sort", "[[3, 1, 2, 1]]", "[1,1,2,3]");
    OK("sort", "[[\"b\", null, [], 1, {}, false]]", "[null,false,1,\"b\",[],{}]");
    OK("sort", "[{3, 2, 1}]", "[1,2,3]");
    OK("sort", "[[]]", "[]");
    TYPE_ERR("sort", "[{}]", "sort: operand 1 must be one of {set, array} but got object");

    OK("any", "[[false, true]]", "true");
    OK("any", "[[false, 1, \"true\"]]", "false");
    OK("any", "[set()]", "false");
    OK("any", "[{true, false}]", "true");
    OK("all", "[[true, true]]", "true");
    OK("all", "[[true, 1]]", "false");
    OK("all", "[[]]", "true");
    OK("all", "[{true, false}]", "false");
    TYPE_ERR("all", "[1]", "all: operand 1 must be one of {array, set} but got number");
}

static void test_count_utf8(void) {
    rg_value s = rg_cstring(&arena, "h\xc3\xa9llo \xe2\x82\xac\xf0\x9f\x98\x80");
    rg_value bad = rg_cstring(&arena, "a\xff\xc3");
    rg_value out;
    rg_bi_ctx_clear_error(&ctx);
    CHECK_INT(rg_bi_call(&ctx, "count", &s, 1, &out), RG_BI_OK);
    CHECK(rg_is_int(out) && out.u.i == 8);
    /* malformed bytes count one each, as Go's []rune does */
    CHECK_INT(rg_bi_call(&ctx, "count", &bad, 1, &out), RG_BI_OK);
    CHECK(rg_is_int(out) && out.u.i == 3);
}

/* ---- arrays and sets ---- */

static void test_arrays(void) {
    OK("array.concat", "[[1, 2, 3], [4, 5, 6]]", "[1,2,3,4,5,6]");
    OK("array.concat", "[[], [1]]", "[1]");
    OK("array.concat", "[[1], []]", "[1]");
    OK("array.concat", "[[], []]", "[]");
    TYPE_ERR("array.concat", "[1, [2]]", "array.concat: operand 1 must be array but got number");
    TYPE_ERR("array.concat", "[[2], {2}]", "array.concat: operand 2 must be array but got set");

    OK("array.slice", "[[1, 2, 3], 0, 1]", "[1]");
    OK("array.slice", "[[1, 2, 3], 2, 3]", "[3]");
    OK("array.slice", "[[1, 2, 3], 0, 5]", "[1,2,3]");
    OK("array.slice", "[[1, 2, 3], 5, 5]", "[]");
    OK("array.slice", "[[1, 2, 3], -5, 5]", "[1,2,3]");
    OK("array.slice", "[[1, 2, 3], -5, 1]", "[1]");
    OK("array.slice", "[[1, 2, 3], 2, 1]", "[]");
    OK("array.slice", "[[1, 2, 3], 1, -1]", "[]");
    OK("array.slice", "[[], -5, 1]", "[]");
    TYPE_ERR("array.slice", "[1, 2, 3]", "array.slice: operand 1 must be array but got number");
    TYPE_ERR("array.slice", "[[2], \"1\", 2]", "array.slice: operand 2 must be number but got string");
    TYPE_ERR("array.slice", "[[5], 1.1, 2]",
             "array.slice: operand 2 must be integer number but got floating-point number");
    TYPE_ERR("array.slice", "[[5], 1, 2.1]",
             "array.slice: operand 3 must be integer number but got floating-point number");

    OK("array.reverse", "[[1, 2, 3]]", "[3,2,1]");
    OK("array.reverse", "[[]]", "[]");
    TYPE_ERR("array.reverse", "[1]", "array.reverse: operand 1 must be array but got number");

    /* one level only; sets and scalars stay elements */
    OK("array.flatten", "[[[1, 2], [3], 4, [], [[5]]]]", "[1,2,3,4,[5]]");
    OK("array.flatten", "[[]]", "[]");
    OK("array.flatten", "[[[], []]]", "[]");
    OK("array.flatten", "[[{1, 2}, \"a\", {\"k\": [1]}]]", "[[1,2],\"a\",{\"k\":[1]}]");
    TYPE_ERR("array.flatten", "[42]", "array.flatten: operand 1 must be array but got number");
    TYPE_ERR("array.flatten", "[{1}]", "array.flatten: operand 1 must be array but got set");
}

static void test_sets(void) {
    OK("intersection", "[{{1, 2, 3, 4}, {3, 4, 5}, {2, 3, 4}}]", "[3,4]");
    OK("intersection", "[{{1}, {2}}]", "[]");
    OK("intersection", "[set()]", "[]");
    OK("intersection", "[{{1, 2}}]", "[1,2]");
    OK("union", "[{{1, 2}, {2, 3}, {\"a\"}}]", "[1,2,3,\"a\"]");
    OK("union", "[set()]", "[]");
    OK("union", "[{set()}]", "[]");
    TYPE_ERR("intersection", "[[{1}]]", "intersection: operand 1 must be set but got array");
    TYPE_ERR("union", "[{{1}, 1}]", "union: operand 1 must be set but got number");
    TYPE_ERR("intersection", "[{{1}, [1]}]", "intersection: operand 1 must be set but got array");
}

/* ---- objects ---- */

static void test_object_get(void) {
    const char *obj = "{\"a\": 5, \"b\": {\"c\": 8}, {1}: 8, {\"a\": 5}: 9}";
    char args[256];
    snprintf(args, sizeof args, "[%s, \"a\", \"default\"]", obj);
    OK("object.get", args, "5");
    snprintf(args, sizeof args, "[%s, [\"b\", \"c\"], \"default\"]", obj);
    OK("object.get", args, "8");
    snprintf(args, sizeof args, "[%s, [\"a\", \"b\"], \"default\"]", obj);
    OK("object.get", args, "\"default\"");
    snprintf(args, sizeof args, "[%s, {\"a\": 5}, \"default\"]", obj);
    OK("object.get", args, "9");
    OK("object.get", "[{\"a\": {\"b\": \"c\"}}, \"b\", true]", "true");
    OK("object.get", "[{\"a\": 1}, [], 0]", "{\"a\":1}");
    OK("object.get", "[{\"a\": [10, {\"x\": 20}]}, [\"a\", 1, \"x\"], 0]", "20");
    OK("object.get", "[{\"a\": [10]}, [\"a\", 5], 0]", "0");
    OK("object.get", "[{\"a\": [10]}, [\"a\", -1], 0]", "0");
    OK("object.get", "[{\"a\": [10]}, [\"a\", \"0\"], 0]", "0");
    OK("object.get", "[{\"a\": {\"s\", \"t\"}}, [\"a\", \"s\"], 0]", "\"s\"");
    OK("object.get", "[{\"a\": {\"s\"}}, [\"a\", \"u\"], 0]", "0");
    OK("object.get", "[{\"a\": \"str\"}, [\"a\", 0], 0]", "0");
    TYPE_ERR("object.get", "[[1], 0, 0]", "object.get: operand 1 must be object but got array");
}

static void test_object_keys_union(void) {
    OK("object.keys", "[{\"b\": 1, \"a\": 2, 5: 0, null: 1}]", "[null,5,\"a\",\"b\"]");
    OK("object.keys", "[{}]", "[]");
    TYPE_ERR("object.keys", "[[1]]", "object.keys: operand 1 must be object but got array");

    OK("object.union", "[{\"a\": 1, \"b\": 2}, {\"b\": 3, \"c\": 4}]", "{\"a\":1,\"b\":3,\"c\":4}");
    OK("object.union", "[{\"a\": {\"b\": 1, \"c\": 2}}, {\"a\": {\"c\": 3}}]", "{\"a\":{\"b\":1,\"c\":3}}");
    OK("object.union", "[{\"a\": {\"b\": 1}}, {\"a\": 7}]", "{\"a\":7}");
    OK("object.union", "[{\"a\": 7}, {\"a\": {\"b\": 1}}]", "{\"a\":{\"b\":1}}");
    OK("object.union", "[{}, {\"a\": 1}]", "{\"a\":1}");
    OK("object.union", "[{\"a\": 1}, {}]", "{\"a\":1}");
    OK("object.union", "[{\"a\": [1]}, {\"a\": [2]}]", "{\"a\":[2]}");
    TYPE_ERR("object.union", "[{\"a\": 1}, [1, 2, 3]]", "object.union: operand 2 must be object but got array");

    OK("object.union_n", "[[{\"a\": 1}, {\"b\": 2}, {\"a\": 3}]]", "{\"a\":3,\"b\":2}");
    OK("object.union_n", "[[{\"a\": {\"b\": 2}}, {\"a\": 4}, {\"a\": {\"c\": 3}}]]", "{\"a\":{\"c\":3}}");
    OK("object.union_n", "[[{\"a\": {\"b\": 2}}, {\"a\": {\"c\": 3}}]]", "{\"a\":{\"b\":2,\"c\":3}}");
    OK("object.union_n", "[[]]", "{}");
    TYPE_ERR("object.union_n", "[{}]", "object.union_n: operand 1 must be array but got object");
    TYPE_ERR("object.union_n", "[[1, {}, \"x\"]]",
             "object.union_n: operand 1 must be array of objects but got array containing string");
}

static void test_object_remove_filter(void) {
    const char *obj = "{\"a\": 5, \"b\": 6, \"c\": 7, {1}: 8, 5: 10}";
    char args[256];
    snprintf(args, sizeof args, "[%s, [\"a\", \"b\", {1}]]", obj);
    OK("object.remove", args, "{\"5\":10,\"c\":7}");
    snprintf(args, sizeof args, "[%s, {\"a\", \"b\", {1}}]", obj);
    OK("object.remove", args, "{\"5\":10,\"c\":7}");
    snprintf(args, sizeof args, "[%s, {\"a\": 1, \"b\": 1, {1}: 1}]", obj);
    OK("object.remove", args, "{\"5\":10,\"c\":7}");
    OK("object.remove", "[{\"a\": 1}, []]", "{\"a\":1}");
    OK("object.remove", "[{\"a\": 1}, [\"a\"]]", "{}");
    TYPE_ERR("object.remove", "[{\"a\": 1}, null]",
             "object.remove: operand 2 must be one of {object, set, array} but got null");
    TYPE_ERR("object.remove", "[{\"a\": 1}, \"foo\"]",
             "object.remove: operand 2 must be one of {object, set, array} but got string");
    TYPE_ERR("object.remove", "[[], []]", "object.remove: operand 1 must be object but got array");

    snprintf(args, sizeof args, "[%s, [\"a\", 5]]", obj);
    OK("object.filter", args, "{\"5\":10,\"a\":5}");
    snprintf(args, sizeof args, "[%s, [{1}]]", obj);
    OK("object.filter", args, "{\"[1]\":8}");
    snprintf(args, sizeof args, "[%s, {\"a\": 1, \"c\": 0}]", obj);
    OK("object.filter", args, "{\"a\":5,\"c\":7}");
    snprintf(args, sizeof args, "[%s, {\"a\", \"c\", \"zz\"}]", obj);
    OK("object.filter", args, "{\"a\":5,\"c\":7}");
    OK("object.filter", "[{\"a\": 1}, []]", "{}");
    TYPE_ERR("object.filter", "[{\"a\": 1}, 1]",
             "object.filter: operand 2 must be one of {object, set, array} but got number");
}

static void test_object_subset(void) {
    OK("object.subset", "[{\"a\": 1, \"b\": 2}, {\"a\": 1}]", "true");
    OK("object.subset", "[{\"a\": 1}, {\"a\": 2}]", "false");
    OK("object.subset", "[{\"a\": 1}, {\"b\": 1}]", "false");
    OK("object.subset", "[{\"a\": {\"x\": 1, \"y\": 2}}, {\"a\": {\"y\": 2}}]", "true");
    OK("object.subset", "[{\"a\": {\"x\": 1}}, {\"a\": {\"y\": 2}}]", "false");
    OK("object.subset", "[{\"a\": {1, 2, 3}}, {\"a\": {1, 3}}]", "true");
    OK("object.subset", "[{\"a\": [1, 2, 3, 4]}, {\"a\": [2, 3]}]", "true");
    OK("object.subset", "[{\"a\": [1, 2, 3, 4]}, {\"a\": [2, 4]}]", "false");
    OK("object.subset", "[{\"a\": [1]}, {\"a\": {1}}]", "false");
    OK("object.subset", "[{\"a\": 1}, {}]", "true");
    OK("object.subset", "[{1, 2, 3}, {1, 2}]", "true");
    OK("object.subset", "[{1, 2}, {1, 4}]", "false");
    OK("object.subset", "[[1, 2, 3], [2, 3]]", "true");
    OK("object.subset", "[[1, 2, 1, 2, 3], [1, 2, 3]]", "true");
    OK("object.subset", "[[1, 2, 3], [3, 2]]", "false");
    OK("object.subset", "[[1, 2, 3], []]", "true");
    OK("object.subset", "[[1, 2, 3], {3, 1}]", "true");
    OK("object.subset", "[[1, 2, 3], {4}]", "false");
    OK("object.subset", "[[1], set()]", "true");
    OK("object.subset", "[[], set()]", "false");
    OK("object.subset", "[[1, 1], {1, 2}]", "true"); /* OPA counts repeated elements */
    TYPE_ERR("object.subset", "[{\"a\": 1}, [1]]",
             "object.subset: both arguments object.subset must be of the same type or array and set");
    TYPE_ERR("object.subset", "[1, 1]",
             "object.subset: both arguments object.subset must be of the same type or array and set");
}

/* ---- types ---- */

static void test_types(void) {
    static const char *items[] = {"[]", "true", "null", "0", "{}", "set()", "\"abc\""};
    static const char *names[] = {"array", "boolean", "null", "number", "object", "set", "string"};
    static const char *preds[] = {"is_array", "is_boolean", "is_null", "is_number", "is_object", "is_set", "is_string"};
    for (size_t i = 0; i < 7; i++) {
        char args[32], want[32];
        snprintf(args, sizeof args, "[%s]", items[i]);
        snprintf(want, sizeof want, "\"%s\"", names[i]);
        OK("type_name", args, want);
        for (size_t j = 0; j < 7; j++) OK(preds[j], args, i == j ? "true" : "false");
    }
    OK("is_number", "[1.5]", "true");
    OK("is_string", "[1]", "false");
}

/* The builtins these families register. */
static const char *const family_names[] = {
    "plus", "minus", "mul", "div", "rem", "equal", "neq", "lt", "lte", "gt", "gte", "and", "or",
    "internal.member_2", "internal.member_3", "abs", "ceil", "floor", "round", "numbers.range",
    "numbers.range_step", "rand.intn", "bits.and", "bits.or", "bits.xor", "bits.negate", "bits.lsh", "bits.rsh",
    "to_number", "count", "sum", "product", "max", "min", "sort", "any", "all", "array.concat", "array.slice",
    "array.reverse", "intersection", "union", "object.get", "object.keys", "object.union", "object.union_n",
    "object.remove", "object.filter", "object.subset", "is_number", "is_string", "is_boolean", "is_array",
    "is_set", "is_object", "is_null", "type_name"};

static void test_registry(void) {
    for (size_t i = 0; i < sizeof family_names / sizeof *family_names; i++) {
        const rg_builtin_def *d = rg_builtin_lookup(family_names[i]);
        CHECK(d != NULL);
        if (d) CHECK(d->arity >= 1 && d->arity <= 3);
    }
    CHECK(rg_builtin_lookup("rand.intn")->flags & RG_BI_NONDETERMINISTIC);
    /* wrong arity is refused before the builtin runs */
    rg_value out;
    CHECK_INT(call("array.concat", "[[2]]", &out), RG_BI_ERROR);
    CHECK_INT(call("abs", "[-9, 10]", &out), RG_BI_ERROR);
}

/* Every builtin of these families, on every combination of sample values:
 * any outcome is fine except a crash, a missing error code or an unset
 * result. */
static void test_any_arguments(void) {
    static const char *samples =
        "[null, true, -3, 2.5, 18446744073709551617, \"7\", \"x\", [], [1, \"a\"], {}, {\"a\": {\"b\": 1}},"
        " set(), {{1}, {2}}, [{\"a\": 1}]]";
    rg_value vals = V(samples);
    size_t nv = vals.len, calls = 0;
    for (size_t b = 0; b < sizeof family_names / sizeof *family_names; b++) {
        const rg_builtin_def *d = rg_builtin_lookup(family_names[b]);
        if (!d || d->arity > 3) continue;
        size_t combos = 1;
        for (int k = 0; k < d->arity; k++) combos *= nv;
        for (size_t c = 0; c < combos; c++) {
            rg_value args[3];
            size_t rest = c;
            for (int k = 0; k < d->arity; k++) args[k] = vals.u.items[rest % nv], rest /= nv;
            rg_value out = rg_undefined();
            rg_bi_ctx_clear_error(&ctx);
            int rc = rg_bi_call(&ctx, d->name, args, d->arity, &out);
            calls++;
            bool sane = (rc == RG_BI_OK && !rg_is_undef(out)) || rc == RG_BI_UNDEFINED ||
                        (rc == RG_BI_ERROR && ctx.err_code != NULL);
            if (!sane) rg_test_fail(__FILE__, __LINE__, "%s: combination %zu gave rc %d", d->name, c, rc);
        }
    }
    CHECK(calls > 10000);
}

int main(void) {
    rg_arena_init(&arena);
    rg_bi_ctx_init(&ctx, &arena);
    test_arithmetic();
    test_comparison();
    test_set_operators();
    test_membership();
    test_rounding();
    test_range();
    test_rand();
    test_bits();
    test_to_number();
    test_aggregates();
    test_count_utf8();
    test_arrays();
    test_sets();
    test_object_get();
    test_object_keys_union();
    test_object_remove_filter();
    test_object_subset();
    test_types();
    test_registry();
    test_any_arguments();
    rg_bi_ctx_fini(&ctx);
    rg_arena_fini(&arena);
    return rg_test_report("builtins_collections");
}
