/* Value model: order, equality, JSON output, number normalisation. */
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "testlib.h"
#include "value/number.h"
#include "value/value.h"

static void test_order(void) {
    rg_arena a;
    rg_arena_init(&a);
    rg_value vals[] = {rg_null(), rg_bool(false), rg_bool(true), rg_int(-1), rg_num_from_double(0.5), rg_int(1),
                       rg_cstring(&a, "a"), rg_cstring(&a, "b"), rg_empty_array(), rg_empty_object(), rg_empty_set()};
    size_t n = sizeof vals / sizeof *vals;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            int c = rg_value_compare(vals[i], vals[j]);
            CHECK((i < j && c < 0) || (i == j && c == 0) || (i > j && c > 0));
        }
    CHECK(rg_value_equal(rg_int(1), rg_number_parse(&a, "1.0", 3)));
    rg_value big = rg_number_parse(&a, "123456789012345678901234567890", 30);
    CHECK_INT(big.sub, RG_NUM_BIG);
    CHECK(rg_value_compare(big, rg_int(INT64_MAX)) > 0);
    rg_arena_fini(&a);
}

static void test_json_out(void) {
    rg_arena a;
    rg_arena_init(&a);
    rg_value items[] = {rg_int(3), rg_int(1), rg_int(2), rg_int(1)};
    rg_value s = rg_set(&a, items, 4);
    char *j = rg_json_dump(s, 0);
    CHECK_STR(j, "[1,2,3]");
    free(j);
    rg_value pairs[] = {rg_cstring(&a, "b"), rg_int(1), rg_cstring(&a, "a"), rg_cstring(&a, "x\"\n")};
    j = rg_json_dump(rg_object(&a, pairs, 2), 0);
    CHECK_STR(j, "{\"a\":\"x\\\"\\n\",\"b\":1}");
    free(j);
    rg_value r;
    const char *err;
    CHECK(rg_num_arith(&a, RG_MUL, rg_int(INT64_MAX), rg_int(10), &r, &err) == 0);
    j = rg_json_dump(r, 0);
    CHECK_STR(j, "92233720368547758070");
    free(j);
    CHECK(rg_num_arith(&a, RG_DIV, rg_int(1), rg_int(0), &r, &err) == -1);
    CHECK(rg_num_arith(&a, RG_DIV, rg_int(7), rg_int(2), &r, &err) == 0);
    j = rg_json_dump(r, 0);
    CHECK_STR(j, "3.5");
    free(j);
    rg_arena_fini(&a);
}


static rg_value json(rg_arena *a, const char *text) {
    rg_diags d = RG_DIAGS_INIT;
    rg_value v = rg_undefined();
    if (rg_json_parse(a, "v", text, strlen(text), 0, NULL, &v, &d)) v = rg_undefined();
    rg_diags_fini(&d);
    return v;
}

/* Numbers read from JSON: exact big integers, decimals that print back as
 * written, order and equality across representations. */
static void test_json_numbers(void) {
    rg_arena a;
    rg_arena_init(&a);
    static const char *const texts[] = {"123456789012345678901234567890", "-123456789012345678901234567890",
                                        "0.1", "1e-07", "-2.5e+300", "9223372036854775807",
                                        "9223372036854775808", "-9223372036854775809", "3.5", "0"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        rg_value v = json(&a, texts[i]);
        CHECK(v.kind == RG_NUMBER);
        char *out = rg_json_dump(v, 0);
        CHECK_STR(out, texts[i]);
        CHECK(rg_value_equal(json(&a, out), v));
        free(out);
    }
    CHECK(rg_value_equal(json(&a, "1e-7"), json(&a, "0.0000001")));
    CHECK(rg_value_equal(json(&a, "1.0"), rg_int(1)));
    CHECK(rg_value_equal(json(&a, "100"), json(&a, "1e2")));
    CHECK(rg_value_hash(json(&a, "1.0")) == rg_value_hash(rg_int(1)));
    /* Order across int64, big integers and doubles. */
    rg_value ordered[] = {json(&a, "-2.5e300"), json(&a, "-123456789012345678901234567890"), json(&a, "-1"),
                          json(&a, "1e-7"), json(&a, "0.1"), json(&a, "1"), json(&a, "9223372036854775807"),
                          json(&a, "9223372036854775808"), json(&a, "123456789012345678901234567890"),
                          json(&a, "2.5e300")};
    size_t n = sizeof ordered / sizeof *ordered;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            int c = rg_value_compare(ordered[i], ordered[j]);
            CHECK((i < j && c < 0) || (i == j && c == 0) || (i > j && c > 0));
            CHECK(rg_value_equal(ordered[i], ordered[j]) == (i == j));
        }
    /* Whole documents: JSON text -> value -> JSON text is stable. */
    const char *doc = "{\"a\":[123456789012345678901234567890,0.1,1e-07,-2.5e+300],\"b\":{\"c\":null}}";
    char *out = rg_json_dump(json(&a, doc), 0);
    CHECK_STR(out, doc);
    free(out);
    /* Objects compare by sorted pairs; equal regardless of input order. */
    CHECK(rg_value_equal(json(&a, "{\"x\":1,\"y\":[2]}"), json(&a, "{\"y\":[2],\"x\":1.0}")));
    CHECK(rg_value_compare(json(&a, "{\"x\":1}"), json(&a, "{\"x\":2}")) < 0);
    CHECK(rg_value_compare(json(&a, "[1,2]"), json(&a, "[1,2,0]")) < 0);
    rg_arena_fini(&a);
}

/* Decimals a double cannot hold compare and print exactly. */
static void test_decimals(void) {
    rg_arena a;
    rg_arena_init(&a);
    rg_value x = rg_number_parse(&a, "0.1234567890123456789", 21);
    rg_value y = rg_number_parse(&a, "0.1234567890123456788", 21);
    CHECK_INT(x.sub, RG_NUM_DEC);
    CHECK(rg_value_compare(x, y) > 0);
    CHECK(rg_value_compare(rg_number_parse(&a, "1e400", 5), rg_number_parse(&a, "1e399", 5)) > 0);
    CHECK(rg_value_compare(rg_number_parse(&a, "1e-400", 6), rg_int(0)) > 0);
    CHECK(rg_value_compare(rg_number_parse(&a, "-1e-400", 7), rg_int(0)) < 0);
    CHECK(rg_value_compare(rg_number_parse(&a, "1e400", 5), rg_number_parse(&a, "10e399", 6)) == 0);
    CHECK(rg_value_compare(rg_number_parse(&a, "0.1", 3), rg_number_parse(&a, "0.10000000000000000001", 22)) < 0);
    char *j = rg_json_dump(x, 0);
    CHECK_STR(j, "0.1234567890123456789");
    free(j);
    j = rg_json_dump(rg_number_parse(&a, "-2.5e-400", 9), 0);
    CHECK_STR(j, "-2.5e-400");
    free(j);
    rg_value sum;
    const char *err;
    CHECK(rg_num_arith(&a, RG_ADD, x, rg_int(1), &sum, &err) == 0);
    CHECK(sum.sub == RG_NUM_FLOAT && sum.u.d > 1.12 && sum.u.d < 1.13);
    rg_arena_fini(&a);
}

int main(void) {
    test_decimals();
    test_order();
    test_json_out();
    test_json_numbers();
    return rg_test_report("value");
}
