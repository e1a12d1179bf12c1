/* net.*, semver.*, units.*, crypto.* and uuid.* builtins: results and the
 * errors OPA reports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rego/bi_ctx.h"
#include "testlib.h"

static rg_arena A;
static rg_bi_ctx C;

static rg_value S(const char *s) { return rg_cstring(&A, s); }
static rg_value I(int64_t i) { return rg_int(i); }
#define ARR(...) rg_array(&A, (rg_value[]){__VA_ARGS__}, sizeof((rg_value[]){__VA_ARGS__}) / sizeof(rg_value))
#define SET(...) rg_set(&A, (rg_value[]){__VA_ARGS__}, sizeof((rg_value[]){__VA_ARGS__}) / sizeof(rg_value))

static char *call(const char *name, const rg_value *args, int n) {
    rg_value out;
    rg_bi_ctx_clear_error(&C);
    int rc = rg_bi_call(&C, name, args, n, &out);
    char buf[1024];
    if (rc == RG_BI_OK) return rg_json_dump(out, 0);
    if (rc == RG_BI_UNDEFINED) return strdup("undefined");
    snprintf(buf, sizeof buf, "error %s: %s", C.err_code, rg_buf_cstr(&C.err));
    return strdup(buf);
}

#define EXPECT(want, name, ...)                                              \
    do {                                                                     \
        rg_value args_[] = {__VA_ARGS__};                                    \
        char *got_ = call(name, args_, (int)(sizeof args_ / sizeof *args_)); \
        CHECK_STR(got_, want);                                               \
        free(got_);                                                          \
    } while (0)

static void test_net_contains(void) {
    EXPECT("true", "net.cidr_contains", S("10.0.0.0/8"), S("10.1.2.3"));
    EXPECT("false", "net.cidr_contains", S("10.0.0.0/8"), S("11.1.2.3"));
    EXPECT("true", "net.cidr_contains", S("10.0.0.0/8"), S("10.1.0.0/16"));
    EXPECT("false", "net.cidr_contains", S("10.0.0.0/16"), S("10.0.0.0/8"));
    EXPECT("true", "net.cidr_contains", S("0.0.0.0/0"), S("255.255.255.255"));
    EXPECT("true", "net.cidr_contains", S("2001:db8::/32"), S("2001:db8:1::1"));
    EXPECT("true", "net.cidr_contains", S("2001:db8::/32"), S("2001:db8:ff00::/40"));
    EXPECT("false", "net.cidr_contains", S("2001:db8::/32"), S("10.0.0.1"));
    EXPECT("true", "net.cidr_contains", S("10.0.0.0/8"), S("::ffff:10.0.0.1"));
    EXPECT("true", "net.cidr_overlap", S("192.168.0.0/16"), S("192.168.1.1"));
    EXPECT("error eval_builtin_error: net.cidr_contains: invalid CIDR address: 10.0.0.0", "net.cidr_contains",
           S("10.0.0.0"), S("10.0.0.1"));
    EXPECT("error eval_builtin_error: net.cidr_contains: invalid CIDR address: 192.168.1.1/33", "net.cidr_contains",
           S("192.168.1.1/33"), S("10.0.0.1"));
    EXPECT("error eval_builtin_error: net.cidr_contains: not a valid textual representation of an IP address or "
           "CIDR: foo",
           "net.cidr_contains", S("10.0.0.0/8"), S("foo"));
    EXPECT("error eval_builtin_error: net.cidr_contains: not a valid textual representation of an IP address or "
           "CIDR: 01.2.3.4",
           "net.cidr_contains", S("0.0.0.0/0"), S("01.2.3.4"));
    EXPECT("error eval_type_error: net.cidr_contains: operand 1 must be string but got number", "net.cidr_contains",
           I(1), S("10.0.0.1"));
    EXPECT("true", "net.cidr_intersects", S("10.0.0.0/8"), S("10.255.0.0/16"));
    EXPECT("true", "net.cidr_intersects", S("10.255.0.0/16"), S("10.0.0.0/8"));
    EXPECT("false", "net.cidr_intersects", S("10.0.0.0/16"), S("10.1.0.0/16"));
    EXPECT("true", "net.cidr_intersects", S("fd00::/8"), S("fd12::/16"));
    EXPECT("error eval_builtin_error: net.cidr_intersects: invalid CIDR address: x", "net.cidr_intersects",
           S("10.0.0.0/8"), S("x"));
}

static void test_net_matches(void) {
    EXPECT("[[\"10.0.0.0/8\",\"10.1.1.1\"]]", "net.cidr_contains_matches", S("10.0.0.0/8"), S("10.1.1.1"));
    EXPECT("[[0,0],[0,2],[1,1]]", "net.cidr_contains_matches", ARR(S("10.0.0.0/8"), S("192.168.0.0/16")),
           ARR(S("10.1.1.1"), S("192.168.3.4"), S("10.9.9.9/24")));
    EXPECT("[[\"a\",\"10.2.3.4\"]]", "net.cidr_contains_matches",
           rg_object(&A, (rg_value[]){S("a"), ARR(S("10.0.0.0/8"), I(7))}, 1), SET(S("10.2.3.4")));
    EXPECT("[]", "net.cidr_contains_matches", ARR(S("10.0.0.0/8")), rg_empty_array());
    EXPECT("error eval_builtin_error: net.cidr_contains_matches: operand 2: element must be string or non-empty "
           "array",
           "net.cidr_contains_matches", S("10.0.0.0/8"), ARR(I(1)));
}

static void test_net_expand_valid(void) {
    EXPECT("[\"192.168.1.0\",\"192.168.1.1\",\"192.168.1.2\",\"192.168.1.3\"]", "net.cidr_expand",
           S("192.168.1.1/30"));
    EXPECT("[\"10.0.0.1\"]", "net.cidr_expand", S("10.0.0.1/32"));
    EXPECT("[\"2001:db8::\",\"2001:db8::1\"]", "net.cidr_expand", S("2001:db8::1/127"));
    EXPECT("[\"1.2.3.0\",\"1.2.3.1\"]", "net.cidr_expand", S("::ffff:1.2.3.0/127"));
    EXPECT("error eval_builtin_error: net.cidr_expand: invalid CIDR address: 192.168.1.1/33", "net.cidr_expand",
           S("192.168.1.1/33"));
    EXPECT("error eval_builtin_error: net.cidr_expand: CIDR 10.0.0.0/8 is too large to expand (more than 65536 "
           "addresses)",
           "net.cidr_expand", S("10.0.0.0/8"));
    rg_value out, arg = S("10.0.0.0/16");
    CHECK(rg_bi_call(&C, "net.cidr_expand", &arg, 1, &out) == RG_BI_OK && out.len == 65536);
    EXPECT("true", "net.cidr_is_valid", S("10.0.0.0/8"));
    EXPECT("true", "net.cidr_is_valid", S("::/0"));
    EXPECT("true", "net.cidr_is_valid", S("10.0.0.1/08"));
    EXPECT("false", "net.cidr_is_valid", S("10.0.0.0"));
    EXPECT("false", "net.cidr_is_valid", S("10.0.0.0/33"));
    EXPECT("false", "net.cidr_is_valid", S("::/129"));
    EXPECT("false", "net.cidr_is_valid", S("10.0.0.0/+8"));
    EXPECT("false", "net.cidr_is_valid", S("fe80::1%eth0/64"));
    EXPECT("false", "net.cidr_is_valid", rg_string(&A, "10.0.0.0\0/8", 11));
    EXPECT("false", "net.cidr_is_valid", I(42));
}

static void test_net_merge(void) {
    EXPECT("[\"192.0.128.0/23\"]", "net.cidr_merge", ARR(S("192.0.128.0/24"), S("192.0.129.0/24")));
    EXPECT("[\"192.0.128.0/24\",\"192.0.130.0/24\"]", "net.cidr_merge",
           SET(S("192.0.128.0/24"), S("192.0.130.0/24")));
    EXPECT("[\"10.0.0.0/8\"]", "net.cidr_merge", ARR(S("10.0.0.0/8"), S("10.1.0.0/16"), S("10.0.0.0/8")));
    EXPECT("[\"1.1.1.0/24\",\"1.1.12.0/24\",\"1.1.2.0/23\",\"1.1.4.0/22\",\"1.1.8.0/22\"]", "net.cidr_merge",
           ARR(S("1.1.1.0/24"), S("1.1.2.0/24"), S("1.1.3.0/24"), S("1.1.4.0/22"), S("1.1.8.0/22"),
               S("1.1.12.0/24")));
    EXPECT("[\"0.0.0.0/0\"]", "net.cidr_merge", ARR(S("0.0.0.0/1"), S("128.0.0.0/1")));
    EXPECT("[\"::/0\"]", "net.cidr_merge", ARR(S("::/1"), S("8000::/1"), S("10.0.0.0/8")));
    /* bare IPv4 addresses get their classful mask, as in OPA */
    EXPECT("[\"192.0.128.0/23\"]", "net.cidr_merge", ARR(S("192.0.128.0"), S("192.0.129.0")));
    EXPECT("[\"10.1.2.3/8\"]", "net.cidr_merge", ARR(S("10.1.2.3")));
    EXPECT("[\"2601:600:8a80:207e::/64\"]", "net.cidr_merge",
           ARR(S("2601:600:8a80:207e:a57d:7567:e2c9:e7b3/64"), S("2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128")));
    EXPECT("[\"2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128\"]", "net.cidr_merge",
           ARR(S("2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128"), S("2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128")));
    EXPECT("[\"fd00::/127\"]", "net.cidr_merge", ARR(S("fd00::/128"), S("fd00::1/128")));
    EXPECT("[]", "net.cidr_merge", rg_empty_array());
    EXPECT("error eval_builtin_error: net.cidr_merge: IPv6 invalid: needs prefix length", "net.cidr_merge",
           ARR(S("2601:600:8a80:207e:a57d:7567:e2c9:e7b3")));
    EXPECT("error eval_builtin_error: net.cidr_merge: invalid CIDR address: bad", "net.cidr_merge", ARR(S("bad")));
    EXPECT("error eval_builtin_error: net.cidr_merge: element must be string", "net.cidr_merge", ARR(I(1)));
}

static void test_semver(void) {
    EXPECT("0", "semver.compare", S("1.2.3"), S("1.2.3"));
    EXPECT("-1", "semver.compare", S("1.2.3"), S("1.2.4"));
    EXPECT("1", "semver.compare", S("2.0.0"), S("1.99.99"));
    EXPECT("0", "semver.compare", S("1.2.3"), S("1.2.3+build.5"));
    EXPECT("0", "semver.compare", S("1.2.3+01"), S("1.2.3+2")); /* metadata: leading zeros allowed, ignored */
    EXPECT("-1", "semver.compare", S("1.0.0-alpha"), S("1.0.0"));
    EXPECT("-1", "semver.compare", S("1.2.3-0"), S("1.2.3-1"));
    EXPECT("-1", "semver.compare", S("0.0.0"), S("0.0.1"));
    /* the SemVer 2.0.0 precedence example chain */
    const char *chain[] = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                           "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0"};
    for (int i = 0; i + 1 < 8; i++) {
        EXPECT("-1", "semver.compare", S(chain[i]), S(chain[i + 1]));
        EXPECT("1", "semver.compare", S(chain[i + 1]), S(chain[i]));
    }
    /* numeric identifiers compare exactly, however long */
    EXPECT("1", "semver.compare", S("1.0.0-99999999999999999999999"), S("1.0.0-5"));
    EXPECT("-1", "semver.compare", S("1.0.0-99999999999999999999998"), S("1.0.0-99999999999999999999999"));
    EXPECT("-1", "semver.compare", S("1.0.0-9"), S("1.0.0-0a"));
    EXPECT("error eval_builtin_error: semver.compare: operand 1: string \"1.2\" is not a valid SemVer",
           "semver.compare", S("1.2"), S("1.2.3"));
    EXPECT("error eval_builtin_error: semver.compare: operand 2: string \"x\" is not a valid SemVer",
           "semver.compare", S("1.2.3"), S("x"));
    EXPECT("error eval_builtin_error: semver.compare: operand 2: string \"1.2.3-01\" is not a valid SemVer",
           "semver.compare", S("1.2.3"), S("1.2.3-01"));
    EXPECT("error eval_builtin_error: semver.compare: operand 1: string \"a\\\"b\\n\" is not a valid SemVer",
           "semver.compare", S("a\"b\n"), S("1.2.3"));
    EXPECT("error eval_type_error: semver.compare: operand 2 must be string but got number", "semver.compare", S(""),
           I(1));
    EXPECT("true", "semver.is_valid", S("1.0.0-rc.1+build.1"));
    EXPECT("true", "semver.is_valid", S("0.0.0"));
    EXPECT("true", "semver.is_valid", S("1.2.3-0"));
    EXPECT("true", "semver.is_valid", S("1.2.3-0a.00a.-"));
    EXPECT("true", "semver.is_valid", S("1.2.3+001.0"));
    EXPECT("true", "semver.is_valid", S("1.2.3-x-y+b-c"));
    EXPECT("true", "semver.is_valid", S("9223372036854775807.0.0"));
    EXPECT("false", "semver.is_valid", S("9223372036854775808.0.0"));
    EXPECT("false", "semver.is_valid", S("v1.2.3"));
    EXPECT("false", "semver.is_valid", S("01.2.3"));
    EXPECT("false", "semver.is_valid", S("1.02.3"));
    EXPECT("false", "semver.is_valid", S("1.2.03"));
    EXPECT("false", "semver.is_valid", S("1.2.3-01"));
    EXPECT("false", "semver.is_valid", S("1.2.3-alpha.01"));
    EXPECT("false", "semver.is_valid", S("1.2.3-"));
    EXPECT("false", "semver.is_valid", S("1.2.3+"));
    EXPECT("false", "semver.is_valid", S("1.2.3-+b"));
    EXPECT("false", "semver.is_valid", S("1.2.3-a..b"));
    EXPECT("false", "semver.is_valid", S("1.2.3+a_b"));
    EXPECT("false", "semver.is_valid", S("1.2.3.4"));
    EXPECT("false", "semver.is_valid", S("+1.2.3"));
    EXPECT("false", "semver.is_valid", S("1..3"));
    EXPECT("false", "semver.is_valid", S("1.2.99999999999999999999"));
    EXPECT("false", "semver.is_valid", S(""));
    EXPECT("false", "semver.is_valid", I(1));
}

static void test_units(void) {
    EXPECT("10000", "units.parse", S("10K"));
    EXPECT("10240", "units.parse", S("10KI"));
    EXPECT("0.1", "units.parse", S("100m"));
    EXPECT("100000000", "units.parse", S("100M"));
    EXPECT("1126.4", "units.parse", S("1.1Ki"));
    EXPECT("109951162777600", "units.parse", S("\"100TI\""));
    EXPECT("10000000000000000000", "units.parse", S("10e"));
    EXPECT("11529215046068469760", "units.parse", S("10Ei"));
    EXPECT("1208925819614629174706176", "units.parse", S("1Yi"));
    EXPECT("1000000000000000000000000000000", "units.parse", S("1Q"));
    EXPECT("0.1", "units.parse", S("1d"));
    EXPECT("1e-06", "units.parse", S("1\xce\xbc"));
    EXPECT("15", "units.parse", S("1.5e-2K"));
    EXPECT("5000", "units.parse", S("5.K"));
    EXPECT("-0.35", "units.parse", S("-3.5E2m"));
    EXPECT("0.01", "units.parse", S("1e-2"));
    EXPECT("0", "units.parse", S(".0"));
    /* non-integers are rounded to 10 decimals, half away from zero */
    EXPECT("1e-10", "units.parse", S("5e-14K"));
    EXPECT("0", "units.parse", S("4e-14K"));
    EXPECT("-1e-10", "units.parse", S("-5e-14K"));
    EXPECT("error eval_builtin_error: units.parse: no amount provided", "units.parse", S("foo"));
    EXPECT("error eval_builtin_error: units.parse: no amount provided", "units.parse", S(""));
    EXPECT("error eval_builtin_error: units.parse: no amount provided", "units.parse", S("eK"));
    EXPECT("error eval_builtin_error: units.parse: could not parse amount to a number", "units.parse", S("1e+K"));
    EXPECT("error eval_builtin_error: units.parse: could not parse amount to a number", "units.parse", S("e5K"));
    EXPECT("error eval_builtin_error: units.parse: could not parse amount to a number", "units.parse", S("-K"));
    EXPECT("error eval_builtin_error: units.parse: could not parse amount to a number", "units.parse", S(".K"));
    EXPECT("error eval_builtin_error: units.parse: could not parse amount to a number", "units.parse", S("0.0.0"));
    EXPECT("error eval_builtin_error: units.parse: spaces not allowed in resource strings", "units.parse", S("1 m"));
    EXPECT("error eval_builtin_error: units.parse: exponent too large", "units.parse", S("10e10000000Ei"));
    EXPECT("error eval_builtin_error: units.parse: unit mb not recognized", "units.parse", S("1mb"));
    EXPECT("error eval_type_error: units.parse: operand 1 must be string but got array", "units.parse", ARR(S("1")));
}

static void test_units_bytes(void) {
    EXPECT("10000", "units.parse_bytes", S("10KB"));
    EXPECT("10240", "units.parse_bytes", S("10KiB"));
    EXPECT("10240", "units.parse_bytes", S("10KIB"));
    EXPECT("1126", "units.parse_bytes", S("1.1KiB"));
    EXPECT("200000000", "units.parse_bytes", S("200mb"));
    EXPECT("1500000000", "units.parse_bytes", S("1.5G"));
    EXPECT("10", "units.parse_bytes", S("1e-2KB"));
    EXPECT("335544320", "units.parse_bytes", S("3.2E2MiB"));
    EXPECT("109951162777600", "units.parse_bytes", S("\"100TIB\""));
    EXPECT("1000000000000000000000000000000", "units.parse_bytes", S("1QB"));
    EXPECT("1180591620717411303424", "units.parse_bytes", S("1zib"));
    EXPECT("5000000", "units.parse_bytes", S("5e6"));
    EXPECT("error eval_builtin_error: units.parse_bytes: no byte amount provided", "units.parse_bytes", S("GB"));
    EXPECT("error eval_builtin_error: units.parse_bytes: could not parse byte amount to a number", "units.parse_bytes",
           S(".5.2"));
    EXPECT("error eval_builtin_error: units.parse_bytes: spaces not allowed in resource strings", "units.parse_bytes",
           S(" 327MiB "));
    EXPECT("error eval_builtin_error: units.parse_bytes: exponent too large", "units.parse_bytes",
           S("10e10000000EiB"));
    EXPECT("error eval_builtin_error: units.parse_bytes: byte unit xb not recognized", "units.parse_bytes", S("1xb"));
}

static void test_crypto(void) {
    EXPECT("\"5d41402abc4b2a76b9719d911017c592\"", "crypto.md5", S("hello"));
    EXPECT("\"da39a3ee5e6b4b0d3255bfef95601890afd80709\"", "crypto.sha1", S(""));
    EXPECT("\"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\"", "crypto.sha256", S("hello"));
    EXPECT("\"bade63863c61ed0b3165806ecd6acefc\"", "crypto.hmac.md5", S("hello"), S("secret"));
    EXPECT("\"5112055c05f944f85755efc5cd8970e194e9f45b\"", "crypto.hmac.sha1", S("hello"), S("secret"));
    EXPECT("\"88aab3ede8d3adf94d26ab90d3bafd4a2083070c3bcce9c014ee04a443847c0b\"", "crypto.hmac.sha256", S("hello"),
           S("secret"));
    EXPECT("\"db1595ae88a62fd151ec1cba81b98c39df82daae7b4cb9820f446d5bf02f1dcfca6683d88cab3e273f5963ab8ec469a746b5b190"
           "86371239f67d1e5f99a79440\"",
           "crypto.hmac.sha512", S("hello"), S("secret"));
    EXPECT("\"b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad\"", "crypto.hmac.sha256", S(""), S(""));
    EXPECT("true", "crypto.hmac.equal", S("abc"), S("abc"));
    EXPECT("false", "crypto.hmac.equal", S("abc"), S("abd"));
    EXPECT("false", "crypto.hmac.equal", S("abc"), S("ab"));
    EXPECT("true", "crypto.hmac.equal", S(""), S(""));
    EXPECT("error eval_type_error: crypto.sha256: operand 1 must be string but got number", "crypto.sha256", I(1));
    EXPECT("error eval_type_error: crypto.hmac.sha1: operand 2 must be string but got null", "crypto.hmac.sha1",
           S("x"), rg_null());
}

static void test_uuid(void) {
    EXPECT("{\"clocksequence\":555,\"macvariables\":\"local:unicast\",\"nodeid\":\"7a-b0-b9-e5-e0-c0\",\"time\":"
           "1703282931110717000,\"variant\":\"RFC4122\",\"version\":1}",
           "uuid.parse", S("b01d0062-a116-11ee-822b-7ab0b9e5e0c0"));
    EXPECT("{\"clocksequence\":12800,\"domain\":\"Person\",\"id\":1000,\"macvariables\":\"local:unicast\",\"nodeid\":"
           "\"32-50-96-b3-9f-47\",\"time\":1693566990121469600,\"variant\":\"RFC4122\",\"version\":2}",
           "uuid.parse", S("urn:uuid:000003e8-48b9-21ee-b200-325096b39f47"));
    EXPECT("{\"variant\":\"RFC4122\",\"version\":4}", "uuid.parse", S("{00000000-0000-4000-8000-000000000000}"));
    EXPECT("{\"variant\":\"RFC4122\",\"version\":3}", "uuid.parse", S("6bea8ef2d3d33cd184e09bab06a52ece"));
    EXPECT("{\"time\":1645557742000000000,\"variant\":\"RFC4122\",\"version\":6}", "uuid.parse",
           S("1EC9414C-232A-6B00-B3C8-9E6BDECED846"));
    EXPECT("{\"time\":1645557742000000000,\"variant\":\"RFC4122\",\"version\":7}", "uuid.parse",
           S("017F22E2-79B0-7CC3-98C4-DC0C0C07398F"));
    EXPECT("{\"variant\":\"Microsoft\",\"version\":0}", "uuid.parse", S("00000000-0000-0000-c000-000000000000"));
    EXPECT("undefined", "uuid.parse", S("not-valid"));
    EXPECT("undefined", "uuid.parse", S("00000000-0000-4000-8000-00000000000g"));
    EXPECT("undefined", "uuid.parse", S("00000000x0000-4000-8000-000000000000"));
    EXPECT("error eval_type_error: uuid.parse: operand 1 must be string but got number", "uuid.parse", I(42));

    rg_value k1 = S("1"), k2 = S("2"), a, b, c;
    CHECK(rg_bi_call(&C, "uuid.rfc4122", &k1, 1, &a) == RG_BI_OK);
    CHECK(rg_bi_call(&C, "uuid.rfc4122", &k1, 1, &b) == RG_BI_OK);
    CHECK(rg_bi_call(&C, "uuid.rfc4122", &k2, 1, &c) == RG_BI_OK);
    CHECK(rg_value_equal(a, b));
    CHECK(!rg_value_equal(a, c));
    CHECK_INT(a.len, 36);
    CHECK(a.u.s[14] == '4' && strchr("89ab", a.u.s[19]));
    char *p = call("uuid.parse", &a, 1);
    CHECK_STR(p, "{\"variant\":\"RFC4122\",\"version\":4}");
    free(p);
    EXPECT("error eval_type_error: uuid.rfc4122: operand 1 must be string but got number", "uuid.rfc4122", I(42));
}

int main(void) {
    rg_arena_init(&A);
    rg_bi_ctx_init(&C, &A);
    test_net_contains();
    test_net_matches();
    test_net_expand_valid();
    test_net_merge();
    test_semver();
    test_units();
    test_units_bytes();
    test_crypto();
    test_uuid();
    rg_bi_ctx_fini(&C);
    rg_arena_fini(&A);
    return rg_test_report("builtins_misc");
}
