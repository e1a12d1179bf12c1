/* Encoding builtins: base64/base64url/hex/urlquery with Go's rules and
 * messages, json.* (marshal as Go writes it, filter/remove/patch as OPA
 * applies them) and yaml.*. */
#include <stdio.h>
#include <stdlib.h>

#include "read/read.h"
#include "rego/bi_ctx.h"
#include "testlib.h"

/* Strong reference: the family table must be linked in from the library. */
extern const rg_builtin_def rg_builtins_encoding[];

static rg_arena A;

static rg_value J(const char *json) { return rg_test_json(&A, json); }

static rg_value S(const char *s) { return rg_cstring(&A, s); }

/* A set of the elements of a JSON array. */
static rg_value SET(const char *json) {
    rg_value a = J(json);
    return rg_set(&A, a.u.items, a.len);
}

/* Calls a builtin; returns malloc'd text: the result as JSON, "undefined",
 * or "type: MSG" / "builtin: MSG" for errors. */
static char *run(const char *name, const rg_value *args, int n) {
    rg_bi_ctx c;
    rg_bi_ctx_init(&c, &A);
    rg_value out;
    int rc = rg_bi_call(&c, name, args, n, &out);
    char *res;
    if (rc == RG_BI_OK) {
        res = rg_json_dump(out, 0);
    } else if (rc == RG_BI_UNDEFINED) {
        res = rg_xstrdup("undefined");
    } else {
        rg_buf b = RG_BUF_INIT;
        rg_buf_printf(&b, "%s: %s", !strcmp(c.err_code, "eval_type_error") ? "type" : "builtin", rg_buf_cstr(&c.err));
        res = rg_buf_detach(&b);
    }
    rg_bi_ctx_fini(&c);
    return res;
}

#define EXPECT(want, name, ...)                                  \
    do {                                                         \
        rg_value a_[] = {__VA_ARGS__};                           \
        char *r_ = run(name, a_, (int)(sizeof a_ / sizeof *a_)); \
        CHECK_STR(r_, want);                                     \
        free(r_);                                                \
    } while (0)

static void test_base64(void) {
    EXPECT("\"aGVsbG8=\"", "base64.encode", S("hello"));
    EXPECT("\"\"", "base64.encode", S(""));
    EXPECT("\"hello\"", "base64.decode", S("aGVsbG8="));
    EXPECT("\"subjects?_d\"", "base64.decode", S("c3ViamVjdHM/X2Q="));
    EXPECT("\"hello\"", "base64.decode", S("aGVs\nbG8=\r\n"));
    EXPECT("builtin: base64.decode: illegal base64 data at input byte 0", "base64.decode", S("a"));
    EXPECT("builtin: base64.decode: illegal base64 data at input byte 4", "base64.decode", S("aGVsbG8"));
    EXPECT("builtin: base64.decode: illegal base64 data at input byte 8", "base64.decode", S("aGVsbG8=x"));
    EXPECT("builtin: base64.decode: illegal base64 data at input byte 2", "base64.decode", S("aG*s"));
    EXPECT("builtin: base64.decode: illegal base64 data at input byte 1", "base64.decode", S("a==="));
    EXPECT("type: base64.decode: operand 1 must be string but got number", "base64.decode", rg_int(1));
    EXPECT("true", "base64.is_valid", S("aGVsbG8="));
    EXPECT("false", "base64.is_valid", S("aGVsbG8"));
    EXPECT("false", "base64.is_valid", rg_int(1));
    EXPECT("\"c3ViamVjdHM_X2Q=\"", "base64url.encode", S("subjects?_d"));
    EXPECT("\"c2VjcmV0\"", "base64url.encode_no_pad", S("secret"));
    EXPECT("\"subjects?_d\"", "base64url.decode", S("c3ViamVjdHM_X2Q"));
    EXPECT("\"subjects?_d\"", "base64url.decode", S("c3ViamVjdHM_X2Q="));
    EXPECT("\"secret\"", "base64url.decode", S("c2VjcmV0"));
    EXPECT("builtin: base64url.decode: illegal base64url string: abcde", "base64url.decode", S("abcde"));
    EXPECT("builtin: base64url.decode: illegal base64 data at input byte 3", "base64url.decode", S("c3V/"));
}

static void test_hex(void) {
    EXPECT("\"6c6f72656d20697073756d\"", "hex.encode", S("lorem ipsum"));
    EXPECT("\"lorem ipsum\"", "hex.decode", S("6c6f72656D20697073756d"));
    EXPECT("builtin: hex.decode: encoding/hex: invalid byte: U+0067 'g'", "hex.decode", S("fghijkl"));
    EXPECT("builtin: hex.decode: encoding/hex: odd length hex string", "hex.decode", S("abc"));
    EXPECT("builtin: hex.decode: encoding/hex: invalid byte: U+007A 'z'", "hex.decode", S("abz"));
    EXPECT("builtin: hex.decode: encoding/hex: invalid byte: U+0001", "hex.decode", S("a\x01"));
}

static void test_urlquery(void) {
    EXPECT("\"a+b%26c%3Dd%2F%C3%A9~-_.\"", "urlquery.encode", S("a b&c=d/\xc3\xa9~-_."));
    EXPECT("\"a b&c=d/\xc3\xa9\"", "urlquery.decode", S("a+b%26c%3Dd%2F%C3%A9"));
    EXPECT("builtin: urlquery.decode: invalid URL escape \"%zz\"", "urlquery.decode", S("a%zzb"));
    EXPECT("builtin: urlquery.decode: invalid URL escape \"%4\"", "urlquery.decode", S("a%4"));
    rg_value pairs[] = {S("c"), SET("[\"z\"]")};
    rg_value with_set = rg_object(&A, pairs, 1);
    EXPECT("\"c=z\"", "urlquery.encode_object", with_set);
    EXPECT("\"a=1&b=x&b=y+z&%C3%A9=%26\"", "urlquery.encode_object",
           J("{\"b\": [\"x\", \"y z\"], \"a\": \"1\", \"\xc3\xa9\": \"&\"}"));
    EXPECT("\"\"", "urlquery.encode_object", J("{\"a\": []}"));
    EXPECT("type: urlquery.encode_object: operand 1 values must be string, array[string], or set[string]",
           "urlquery.encode_object", J("{\"a\": 1}"));
    EXPECT("type: urlquery.encode_object: operand 1 values must be string, array[string], or set[string]",
           "urlquery.encode_object", J("{\"a\": [\"x\", 1]}"));
    EXPECT("type: urlquery.encode_object: operand 1 must be object but got string", "urlquery.encode_object",
           S("a"));
    EXPECT("{\"a\":[\"value_a1\",\"value_a2\"],\"b\":[\"value_b\"]}", "urlquery.decode_object",
           S("a=value_a1&b=value_b&a=value_a2"));
    EXPECT("{\"a\":[\"value_a1\"],\"b\":[\"\"]}", "urlquery.decode_object", S("a=value_a1&b"));
    EXPECT("{}", "urlquery.decode_object", S(""));
    EXPECT("{\"a b\":[\"=c\"]}", "urlquery.decode_object", S("&a+b==c&&"));
    EXPECT("builtin: urlquery.decode_object: invalid semicolon separator in query", "urlquery.decode_object",
           S("a=1;b=2"));
    EXPECT("builtin: urlquery.decode_object: invalid URL escape \"%x\"", "urlquery.decode_object", S("a=%x"));
}

static void test_json_marshal(void) {
    EXPECT("\"{\\\"a\\\":\\\"\\\\u003c\\\\u0026\\\\u003e\\\",\\\"b\\\":[1,2.5,null,true]}\"", "json.marshal",
           J("{\"b\": [1, 2.5, null, true], \"a\": \"<&>\"}"));
    EXPECT("\"[1,2,3]\"", "json.marshal", SET("[3, 1, 2]"));
    rg_value pairs[] = {rg_int(1), S("x"), S("0"), S("y")};
    EXPECT("\"{\\\"0\\\":\\\"y\\\",\\\"1\\\":\\\"x\\\"}\"", "json.marshal", rg_object(&A, pairs, 2));
    /* U+2028, a control character, \b and invalid UTF-8 */
    EXPECT("\"\\\"\\\\u2028\\\\u0001\\\\b\\\\ufffd\\\"\"", "json.marshal", S("\xe2\x80\xa8\x01\b\xff"));
    EXPECT("\"{\\n\\t\\\"a\\\": [\\n\\t\\t1,\\n\\t\\t{}\\n\\t],\\n\\t\\\"b\\\": []\\n}\"", "json.marshal_with_options",
           J("{\"a\": [1, {}], \"b\": []}"), J("{\"pretty\": true}"));
    EXPECT("\"--{\\n--  \\\"a\\\": 1\\n--}\"", "json.marshal_with_options", J("{\"a\": 1}"),
           J("{\"indent\": \"  \", \"prefix\": \"--\"}"));
    EXPECT("\"{\\\"a\\\":1}\"", "json.marshal_with_options", J("{\"a\": 1}"),
           J("{\"indent\": \"  \", \"pretty\": false}"));
    EXPECT("\"{\\\"a\\\":1}\"", "json.marshal_with_options", J("{\"a\": 1}"), J("{}"));
    EXPECT("type: json.marshal_with_options: operand 2 object contained unknown key foo", "json.marshal_with_options",
           J("1"), J("{\"foo\": 1}"));
    EXPECT("type: json.marshal_with_options: operand 2 key pretty failed cast to bool", "json.marshal_with_options",
           J("1"), J("{\"pretty\": 1}"));
    EXPECT("type: json.marshal_with_options: operand 2 key indent failed cast to string: operand 0 must be string "
           "but got number",
           "json.marshal_with_options", J("1"), J("{\"indent\": 1}"));
    EXPECT("type: json.marshal_with_options: operand 2 must be object but got array", "json.marshal_with_options",
           J("1"), J("[]"));
}

static void test_json_unmarshal(void) {
    EXPECT("{\"a\":[1,2.5,\"x\",null,true]}", "json.unmarshal", S("{\"a\": [1, 2.5, \"x\", null, true]}"));
    EXPECT("\"x\"", "json.unmarshal", S("\"x\""));
    rg_value a[] = {S("{\"a\": ")};
    char *r = run("json.unmarshal", a, 1);
    CHECK(!strncmp(r, "builtin: json.unmarshal: ", 25));
    free(r);
    EXPECT("type: json.unmarshal: operand 1 must be string but got number", "json.unmarshal", rg_int(1));
    EXPECT("false", "json.is_valid", S("plainstring"));
    EXPECT("false", "json.is_valid", S("{"));
    EXPECT("true", "json.is_valid", S("{\"json\": \"ok\"}"));
    EXPECT("false", "json.is_valid", S("[1] 2"));
    EXPECT("false", "json.is_valid", rg_int(1));
}

static void test_json_filter_remove(void) {
    rg_value obj = J("{\"a\": 5, \"b\": {\"c\": {\"d\": 6}, \"d\": 7}, \"c\": 8}");
    EXPECT("{\"a\":5,\"b\":{\"c\":{\"d\":6}}}", "json.filter", obj, J("[\"a\", \"b/c\"]"));
    rg_value items[] = {S("c"), J("[\"b\", \"d\"]")};
    EXPECT("{\"b\":{\"d\":7},\"c\":8}", "json.filter", obj, rg_set(&A, items, 2));
    rg_value s = J("{\"a\": [[1, [7, 8, 9], 2], {\"a\": 1, \"b\": 2, \"c\": 3}]}");
    EXPECT("{\"a\":[]}", "json.filter", s, J("[[\"a\", 1]]"));
    EXPECT("{\"a\":[[[8,9],2]]}", "json.filter", s, J("[\"a/0/1/2\", [\"a\", \"0\", \"2\"], \"a/0/1/1\"]"));
    rg_value tset[] = {rg_int(1), rg_int(2), SET("[\"x\"]"), SET("[8, 9, 10]")};
    rg_value tp[] = {S("a"), rg_set(&A, tset, 4)};
    rg_value t = rg_object(&A, tp, 1);
    EXPECT("{\"a\":[1]}", "json.filter", t, J("[[\"a\", 1]]"));
    rg_value p6[] = {S("a"), SET("[\"x\"]")};
    rg_value path6 = rg_array(&A, p6, 2);
    EXPECT("{\"a\":[[\"x\"]]}", "json.filter", t, rg_array(&A, &path6, 1));
    rg_value p7[] = {S("a"), SET("[8, 9, 10]"), rg_int(9)};
    rg_value path7 = rg_array(&A, p7, 3);
    EXPECT("{\"a\":[[9]]}", "json.filter", t, rg_array(&A, &path7, 1));
    EXPECT("{\"a\":5,\"b\":{\"c\":{\"d\":6},\"d\":7}}", "json.filter", obj, J("[\"b/c\", \"a\", \"b\", \"b/d/e\"]"));
    EXPECT("{\"a\":5}", "json.filter", obj, J("[\"/a\", \"\"]"));
    EXPECT("{\"a\":5}", "json.filter", obj, J("[\"a/x\"]")); /* scalars are kept whole */
    EXPECT("type: json.filter: operand 2 must be one of {set, array} but got string", "json.filter", obj, S("a"));
    EXPECT("type: json.filter: operand 2 must be one of {set, array} containing string paths or array of path "
           "segments but got number",
           "json.filter", obj, J("[1]"));
    EXPECT("type: json.filter: operand 1 must be object but got array", "json.filter", J("[]"), J("[]"));
    rg_value r = J("{\"a\": {\"b\": {\"c\": 7, \"d\": 8}}, \"e\": 9}");
    EXPECT("{\"a\":{\"b\":{\"d\":8}},\"e\":9}", "json.remove", r, SET("[\"a/b/c\"]"));
    EXPECT("{\"a\":{\"b\":{\"d\":8}}}", "json.remove", r, SET("[\"a/b/c\", \"e\"]"));
    EXPECT("{\"a\":[1,3]}", "json.remove", J("{\"a\": [1, 2, 3]}"), J("[\"a/1\"]"));
    EXPECT("{\"a~b\":1}", "json.remove", J("{\"a/b\": 1, \"a~b\": 1}"), J("[\"a~1b\"]"));
    EXPECT("{\"a\":[2]}", "json.remove", J("{\"a\": [1, 2]}"), J("[[\"a\", \"0\"]]"));
    EXPECT("type: json.remove: operand 1 must be object but got number", "json.remove", rg_int(1), J("[]"));
}

static void test_json_patch(void) {
    EXPECT("{\"a\":{\"bar\":2,\"foo\":1}}", "json.patch", J("{\"a\": {\"foo\": 1}}"),
           J("[{\"op\": \"add\", \"path\": \"/a/bar\", \"value\": 2}]"));
    EXPECT("{\"a\":{\"foo\":1}}", "json.patch", J("{\"a\": {\"foo\": 1, \"bar\": 2}}"),
           J("[{\"op\": \"remove\", \"path\": \"/a/bar\"}]"));
    EXPECT("{\"a\":{\"foo\":42}}", "json.patch", J("{\"a\": {\"foo\": 1}}"),
           J("[{\"op\": \"replace\", \"path\": \"/a/foo\", \"value\": 42}]"));
    EXPECT("{\"a\":{},\"b\":{\"foo\":1}}", "json.patch", J("{\"a\": {\"foo\": 1}, \"b\": {}}"),
           J("[{\"op\": \"move\", \"from\": \"/a/foo\", \"path\": \"/b/foo\"}]"));
    EXPECT("{\"a\":{\"foo\":1},\"b\":{\"foo\":1}}", "json.patch", J("{\"a\": {\"foo\": 1}, \"b\": {}}"),
           J("[{\"op\": \"copy\", \"from\": \"/a/foo\", \"path\": \"/b/foo\"}]"));
    EXPECT("{\"a\":{\"foo\":1}}", "json.patch", J("{\"a\": {\"foo\": 1}}"),
           J("[{\"op\": \"test\", \"path\": \"/a/foo\", \"value\": 1}]"));
    EXPECT("undefined", "json.patch", J("{\"a\": {\"foo\": 1}}"),
           J("[{\"op\": \"test\", \"path\": \"/a/foo\", \"value\": 2}]"));
    EXPECT("{\"arr\":[1,\"inserted\",2,3]}", "json.patch", J("{\"arr\": [1, 2, 3]}"),
           J("[{\"op\": \"add\", \"path\": \"/arr/1\", \"value\": \"inserted\"}]"));
    EXPECT("{\"arr\":[1,2,3,4]}", "json.patch", J("{\"arr\": [1, 2, 3]}"),
           J("[{\"op\": \"add\", \"path\": \"/arr/-\", \"value\": 4}]"));
    EXPECT("{\"arr\":[1,3]}", "json.patch", J("{\"arr\": [1, 2, 3]}"), J("[{\"op\": \"remove\", \"path\": \"/arr/1\"}]"));
    EXPECT("{\"foo/bar\":{\"baz~\":1,\"baz~test\":2}}", "json.patch", J("{\"foo/bar\": {\"baz~\": 1}}"),
           J("[{\"op\": \"add\", \"path\": \"/foo~1bar/baz~0test\", \"value\": 2}]"));
    EXPECT("{\"newkey\":{\"nested\":[]}}", "json.patch", J("{}"),
           J("[{\"op\": \"add\", \"path\": \"/newkey\", \"value\": {\"nested\": []}}]"));
    /* Sets: members are addressed by value; a replaced member must equal its key. */
    EXPECT("undefined", "json.patch", SET("[\"a\", \"b\"]"),
           J("[{\"op\": \"replace\", \"path\": [\"a\"], \"value\": \"c\"}]"));
    EXPECT("[\"a\",\"b\",\"c\"]", "json.patch", SET("[\"a\", \"b\"]"),
           J("[{\"op\": \"add\", \"path\": [\"c\"], \"value\": \"c\"}]"));
    EXPECT("[\"b\"]", "json.patch", SET("[\"a\", \"b\"]"), J("[{\"op\": \"remove\", \"path\": [\"a\"]}]"));
    rg_value member = SET("[0]");
    rg_value outer[] = {member, S("a")};
    rg_value path1[] = {member, rg_int(1)};
    rg_value op1[] = {S("op"), S("add"), S("path"), rg_array(&A, path1, 2), S("value"), rg_int(1)};
    rg_value ops1 = rg_object(&A, op1, 3);
    EXPECT("[\"a\",[0,1]]", "json.patch", rg_set(&A, outer, 2), rg_array(&A, &ops1, 1));
    rg_value arr_member = J("[0]");
    rg_value outer2[] = {arr_member, S("a")};
    rg_value path2[] = {arr_member, rg_int(1)};
    rg_value op2[] = {S("op"), S("add"), S("path"), rg_array(&A, path2, 2), S("value"), rg_int(1)};
    rg_value ops2 = rg_object(&A, op2, 3);
    EXPECT("[\"a\",[0,1]]", "json.patch", rg_set(&A, outer2, 2), rg_array(&A, &ops2, 1));
    /* Failures make the result undefined. */
    EXPECT("undefined", "json.patch", J("[\"a\", \"b\"]"), J("[{\"op\": \"remove\", \"path\": [-1]}]"));
    EXPECT("undefined", "json.patch", J("[1, 2]"), J("[{\"op\": \"remove\", \"path\": \"/01\"}]"));
    EXPECT("undefined", "json.patch", J("[1, 2]"), J("[{\"op\": \"remove\", \"path\": \"/-\"}]"));
    EXPECT("undefined", "json.patch", J("[1, 2]"),
           J("[{\"op\": \"remove\", \"path\": [999999999999999999999999999999999999]}]"));
    EXPECT("undefined", "json.patch", J("{}"), J("[{\"path\": \"/a\", \"value\": 1}]"));
    EXPECT("undefined", "json.patch", J("{}"), J("[{\"op\": \"add\", \"value\": 1}]"));
    EXPECT("undefined", "json.patch", J("{}"), J("[{\"op\": \"add\", \"path\": \"/a\"}]"));
    EXPECT("undefined", "json.patch", J("{}"), J("[{\"op\": \"move\", \"path\": \"/a\"}]"));
    EXPECT("undefined", "json.patch", J("{}"), J("[{\"op\": 1, \"path\": {}, \"value\": 1}]"));
    EXPECT("undefined", "json.patch", J("{}"), J("[{\"op\": \"frob\", \"path\": \"/a\"}]"));
    EXPECT("undefined", "json.patch", J("{}"), J("[1]"));
    EXPECT("undefined", "json.patch", J("{\"a\": {\"b\": 1}}"),
           J("[{\"op\": \"move\", \"from\": \"/a\", \"path\": \"/a/c\"}]"));
    EXPECT("undefined", "json.patch", J("[1, 2, 3]"), J("[{\"op\": \"add\", \"path\": \"1.2\", \"value\": \"foo\"}]"));
    EXPECT("undefined", "json.patch", J("{\"a\": 1}"), J("[{\"op\": \"remove\", \"path\": \"\"}]"));
    EXPECT("{\"b\":2}", "json.patch", J("{\"a\": 1}"),
           J("[{\"op\": \"remove\", \"path\": \"\"}, {\"op\": \"add\", \"path\": \"\", \"value\": {\"b\": 2}}]"));
    EXPECT("{\"a\":{\"b\":1},\"c\":{\"b\":1}}", "json.patch", J("{\"a\": {\"b\": 1}}"),
           J("[{\"op\": \"copy\", \"from\": \"\", \"path\": \"/c\"}, {\"op\": \"remove\", \"path\": \"/c/a\"},"
             " {\"op\": \"add\", \"path\": \"/c/b\", \"value\": 1}]"));
    EXPECT("{\"a\":[1,2,3]}", "json.patch", J("{\"a\": [1, 2, 3]}"), J("[]"));
    EXPECT("type: json.patch: operand 2 must be array but got object", "json.patch", J("{}"), J("{}"));
}

static void test_yaml(void) {
    EXPECT("{\"foo\":[{\"qux\":\"bar\"},{\"baz\":2}]}", "yaml.unmarshal", S("foo:\n  - qux: bar\n  - baz: 2\n"));
    EXPECT("{\"a\":1}", "yaml.unmarshal", S("a: 1\n---\nb: 2\n"));
    EXPECT("null", "yaml.unmarshal", S(""));
    rg_value bad[] = {S("a: 1\n---\n\tb: 2\n")};
    char *r = run("yaml.unmarshal", bad, 1);
    CHECK(!strncmp(r, "builtin: yaml.unmarshal: yaml: line ", 36));
    free(r);
    EXPECT("type: yaml.unmarshal: operand 1 must be string but got number", "yaml.unmarshal", rg_int(1));
    EXPECT("true", "yaml.is_valid", S("foo:\n - qux: bar\n - baz: 2"));
    EXPECT("false", "yaml.is_valid", S("foo:\n - qux: bar\n - baz: {"));
    EXPECT("true", "yaml.is_valid", S("{\"json\": \"ok\"}"));
    EXPECT("false", "yaml.is_valid", S("  test:\ntest1: hello\n"));
    EXPECT("false", "yaml.is_valid", S("a: 1\n---\n\tb: 2\n"));
    EXPECT("true", "yaml.is_valid", S("a: 1\n---\nb: 2\n"));
    EXPECT("false", "yaml.is_valid", rg_int(1));
    EXPECT("\"a:\\n- 1\\n- b\\n\"", "yaml.marshal", J("{\"a\": [1, \"b\"]}"));
    /* yaml.marshal output reads back as the same value */
    rg_value v = J("{\"k\": [true, null, \"yes\", \"1.5\", {\"x\": \"multi\\nline\"}], \"e\": {}}");
    rg_bi_ctx c;
    rg_bi_ctx_init(&c, &A);
    rg_value text, back;
    CHECK(rg_bi_call(&c, "yaml.marshal", &v, 1, &text) == RG_BI_OK);
    CHECK(rg_bi_call(&c, "yaml.unmarshal", &text, 1, &back) == RG_BI_OK);
    CHECK(rg_value_equal(v, back));
    rg_bi_ctx_fini(&c);
}

int main(void) {
    CHECK(rg_builtins_encoding[0].name != NULL);
    rg_arena_init(&A);
    test_base64();
    test_hex();
    test_urlquery();
    test_json_marshal();
    test_json_unmarshal();
    test_json_filter_remove();
    test_json_patch();
    test_yaml();
    rg_arena_fini(&A);
    return rg_test_report("builtins_encoding");
}
