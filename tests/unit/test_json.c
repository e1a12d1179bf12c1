/* JSON reader: values, source positions of values and keys, every error
 * with its position, limits, and round trips through rg_json_write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "testlib.h"

static rg_arena A;

/* Parses src (strlen) and returns rc; *out and the first diagnostic. */
static int parse(const char *src, int flags, rg_srcmap *map, rg_value *out, rg_diags *d) {
    return rg_json_parse(&A, "t.json", src, strlen(src), flags, map, out, d);
}

/* Compact JSON of src's value, or "ERR line:col: message". Caller frees. */
static char *show(const char *src, size_t len, int flags) {
    rg_diags d = RG_DIAGS_INIT;
    rg_value v;
    char *out;
    if (rg_json_parse(&A, "t.json", src, len, flags, NULL, &v, &d) == 0) {
        out = rg_json_dump(v, 0);
    } else {
        rg_buf b = RG_BUF_INIT;
        rg_buf_printf(&b, "ERR %d:%d: %s", d.items[0].line, d.items[0].col, d.items[0].msg);
        if (d.len != 1) rg_buf_puts(&b, " (more than one diagnostic)");
        out = rg_buf_detach(&b);
    }
    rg_diags_fini(&d);
    return out;
}

#define CHECK_JSON(src, want)                       \
    do {                                            \
        char *got_ = show((src), strlen(src), 0);   \
        CHECK_STR(got_, (want));                    \
        free(got_);                                 \
    } while (0)

#define CHECK_JSON_F(src, flags, want)                \
    do {                                              \
        char *got_ = show((src), strlen(src), flags); \
        CHECK_STR(got_, (want));                      \
        free(got_);                                   \
    } while (0)

/* Position of a slot as "line:col" ("none" when unrecorded). */
static const char *pos_str(const rg_srcmap *m, const rg_value *slot) {
    static char buf[32];
    rg_pos p;
    if (!rg_srcmap_get(m, slot, &p)) return "none";
    snprintf(buf, sizeof buf, "%u:%u", p.line, p.col);
    return buf;
}

static const rg_value *key_slot(rg_value obj, const char *key) {
    long i = rg_object_find(obj, rg_string_static(key, strlen(key)));
    return i < 0 ? NULL : &obj.u.items[2 * i];
}

static const rg_value *val_slot(rg_value obj, const char *key) {
    const rg_value *k = key_slot(obj, key);
    return k ? k + 1 : NULL;
}

static void test_positions(void) {
    const char *src = "{\n"
                      "  \"a\": [1, {\"b\": true}],\n"
                      "  \"c\" : \"x\"\n"
                      "}\n";
    rg_srcmap *m = rg_srcmap_new();
    rg_diags d = RG_DIAGS_INIT;
    rg_value v;
    CHECK_INT(parse(src, 0, m, &v, &d), 0);
    rg_pos root = rg_srcmap_root(m);
    CHECK_INT(root.line, 1);
    CHECK_INT(root.col, 1);
    CHECK_STR(pos_str(m, key_slot(v, "a")), "2:3");
    CHECK_STR(pos_str(m, val_slot(v, "a")), "2:8");
    rg_value arr = *val_slot(v, "a");
    CHECK_STR(pos_str(m, &arr.u.items[0]), "2:9");
    CHECK_STR(pos_str(m, &arr.u.items[1]), "2:12");
    CHECK_STR(pos_str(m, key_slot(arr.u.items[1], "b")), "2:13");
    CHECK_STR(pos_str(m, val_slot(arr.u.items[1], "b")), "2:18");
    CHECK_STR(pos_str(m, key_slot(v, "c")), "3:3");
    CHECK_STR(pos_str(m, val_slot(v, "c")), "3:9");
    rg_srcmap_free(m);

    /* CRLF line ends, tabs (bytes), unsorted keys, non-ASCII (bytes). */
    m = rg_srcmap_new();
    CHECK_INT(parse("{\"z\": 1,\r\n\t\"\xC3\xA9\": \"\xC3\xBC\", \"k\": [true]}", 0, m, &v, &d), 0);
    CHECK_STR(pos_str(m, key_slot(v, "z")), "1:2");
    CHECK_STR(pos_str(m, val_slot(v, "z")), "1:7");
    CHECK_STR(pos_str(m, key_slot(v, "\xC3\xA9")), "2:2");
    CHECK_STR(pos_str(m, val_slot(v, "\xC3\xA9")), "2:8");
    CHECK_STR(pos_str(m, key_slot(v, "k")), "2:14");
    CHECK_STR(pos_str(m, &val_slot(v, "k")->u.items[0]), "2:20");
    rg_srcmap_free(m);

    /* Duplicates without the flag: the last value and its positions win. */
    m = rg_srcmap_new();
    CHECK_INT(parse("{\"a\": 1,\n \"a\": 2}", 0, m, &v, &d), 0);
    CHECK_INT(v.len, 1);
    CHECK(rg_value_equal(*val_slot(v, "a"), rg_int(2)));
    CHECK_STR(pos_str(m, key_slot(v, "a")), "2:2");
    CHECK_STR(pos_str(m, val_slot(v, "a")), "2:7");
    rg_srcmap_free(m);

    /* A BOM is skipped and not counted in line 1's columns. */
    m = rg_srcmap_new();
    CHECK_INT(parse("\xEF\xBB\xBF{\"a\": 1}", 0, m, &v, &d), 0);
    CHECK_STR(pos_str(m, key_slot(v, "a")), "1:2");
    CHECK_STR(pos_str(m, val_slot(v, "a")), "1:7");
    rg_srcmap_free(m);

    /* Scalar root. */
    m = rg_srcmap_new();
    CHECK_INT(parse("\n\n   42 ", 0, m, &v, &d), 0);
    root = rg_srcmap_root(m);
    CHECK_INT(root.line, 3);
    CHECK_INT(root.col, 4);
    rg_srcmap_free(m);
    CHECK_INT(d.len, 0);
    rg_diags_fini(&d);
}

static void test_errors(void) {
    CHECK_JSON("", "ERR 1:1: unexpected end of input (empty document)");
    CHECK_JSON("  \n  ", "ERR 2:3: unexpected end of input (empty document)");
    CHECK_JSON("{\"a\": 1,\n}", "ERR 2:1: trailing comma before '}'");
    CHECK_JSON("[1,]", "ERR 1:4: trailing comma before ']'");
    CHECK_JSON("[1 2]", "ERR 1:4: unexpected character '2' (expected ',' or ']')");
    CHECK_JSON("{\"a\": 1 \"b\": 2}", "ERR 1:9: unexpected character '\"' (expected ',' or '}')");
    CHECK_JSON("{\"a\" 1}", "ERR 1:6: unexpected character '1' (expected ':' after the key)");
    CHECK_JSON("{1: 2}", "ERR 1:2: unexpected character '1' (expected a string key)");
    CHECK_JSON("{\"a\": }", "ERR 1:7: unexpected character '}'");
    CHECK_JSON("[1, 2", "ERR 1:6: unexpected end of input");
    CHECK_JSON("{\"a\":\n  [1,\n   }", "ERR 3:4: unexpected character '}'");
    CHECK_JSON("[\"abc", "ERR 1:2: unterminated string");
    CHECK_JSON("\"abc\\", "ERR 1:5: unterminated string");
    CHECK_JSON("\"a\\qb\"", "ERR 1:3: invalid escape '\\q' in string");
    CHECK_JSON("\"\\u12G4\"", "ERR 1:2: invalid \\u escape (expected 4 hex digits)");
    CHECK_JSON("\"\\u12\"", "ERR 1:2: invalid \\u escape (expected 4 hex digits)");
    CHECK_JSON("\"a\x01\"", "ERR 1:3: control character 0x01 in string (must be escaped)");
    CHECK_JSON("\"a\tb\"", "ERR 1:3: control character 0x09 in string (must be escaped)");
    CHECK_JSON("[\"a\nb\"]", "ERR 1:2: unterminated string (line break inside it)");
    CHECK_JSON("\"\xC3\x28\"", "ERR 1:2: invalid UTF-8 in string (byte 0xC3)");
    CHECK_JSON("\"ok \xED\xA0\x80\"", "ERR 1:5: invalid UTF-8 in string (byte 0xED)"); /* encoded surrogate */
    CHECK_JSON("\"\xC0\xAF\"", "ERR 1:2: invalid UTF-8 in string (byte 0xC0)");       /* overlong */
    CHECK_JSON("\"\xF4\x90\x80\x80\"", "ERR 1:2: invalid UTF-8 in string (byte 0xF4)"); /* > U+10FFFF */
    CHECK_JSON("01", "ERR 1:1: invalid number (leading zero)");
    CHECK_JSON("[-]", "ERR 1:2: invalid number (no digits after '-')");
    CHECK_JSON("-x", "ERR 1:1: invalid number (no digits after '-')");
    CHECK_JSON("1.", "ERR 1:1: invalid number (no digits after '.')");
    CHECK_JSON("1.e5", "ERR 1:1: invalid number (no digits after '.')");
    CHECK_JSON("1e", "ERR 1:1: invalid number (no digits in exponent)");
    CHECK_JSON("1e+", "ERR 1:1: invalid number (no digits in exponent)");
    /* Beyond a double's range numbers stay exact decimals, as OPA keeps them. */
    CHECK_JSON("[1e400]", "[1e+400]");
    CHECK_JSON("[1e999999]", "ERR 1:2: number out of range");
    CHECK_JSON("+1", "ERR 1:1: unexpected character '+'");
    CHECK_JSON(".5", "ERR 1:1: unexpected character '.'");
    CHECK_JSON("tru", "ERR 1:1: invalid literal (expected true, false or null)");
    CHECK_JSON("[nulls]", "ERR 1:2: invalid literal (expected true, false or null)");
    CHECK_JSON("True", "ERR 1:1: unexpected character 'T'");
    CHECK_JSON("NaN", "ERR 1:1: unexpected character 'N'");
    CHECK_JSON("[1] x", "ERR 1:5: trailing characters after JSON value");
    CHECK_JSON("{} {}", "ERR 1:4: trailing characters after JSON value");
    CHECK_JSON("'a'", "ERR 1:1: unexpected character '''");
    CHECK_JSON("[1,\x7f]", "ERR 1:4: unexpected byte 0x7F");
    CHECK_JSON("// c\n1", "ERR 1:1: unexpected character '/'");
    /* Binary input is named as such. */
    CHECK_JSON_F("\x89PNG\r\n\x1a\n", 0, "ERR 1:1: not a JSON text file: binary data (invalid UTF-8 at byte 0)");
    char bin[] = {'{', 0, 1, 2};
    char *got = show(bin, sizeof bin, 0);
    CHECK_STR(got, "ERR 1:2: not a JSON text file: binary data (NUL byte at byte 1)");
    free(got);
    /* A NUL inside a string is a control character, not an end of string. */
    char nul[] = {'"', 'l', 'o', 'g', 's', 0, 'x', '"'};
    got = show(nul, sizeof nul, 0);
    CHECK_STR(got, "ERR 1:6: control character 0x00 in string (must be escaped)");
    free(got);

    /* The diagnostic carries code, file, line and column. */
    rg_diags d = RG_DIAGS_INIT;
    rg_value v;
    CHECK_INT(parse("{\n  \"a\": [1,,]\n}", 0, NULL, &v, &d), -1);
    CHECK_INT(d.len, 1);
    CHECK_STR(d.items[0].code, "json_parse_error");
    CHECK_STR(d.items[0].file, "t.json");
    CHECK_INT(d.items[0].line, 2);
    CHECK_INT(d.items[0].col, 11);
    rg_buf b = RG_BUF_INIT;
    rg_diag_format(&b, &d.items[0]);
    CHECK_STR(rg_buf_cstr(&b), "t.json:2:11: json_parse_error: unexpected character ','");
    rg_buf_fini(&b);
    rg_diags_fini(&d);
}

static void test_duplicates(void) {
    const char *src = "{\"a\": 1,\n \"b\": {\"x\": 1, \"x\": 2},\n \"a\": 3}";
    /* Inner duplicates are found first: that object closes first. */
    CHECK_JSON_F(src, RG_READ_REJECT_DUPLICATES,
                 "ERR 2:16: duplicate key \"x\" (first defined at line 2, column 8)");
    CHECK_JSON_F("{\"a\": 1,\n \"b\": 2,\n \"a\": 3, \"b\": 4}", RG_READ_REJECT_DUPLICATES,
                 "ERR 3:2: duplicate key \"a\" (first defined at line 1, column 2)");
    CHECK_JSON_F("{\"k\\\"q\": 1, \"k\\\"q\": 1}", RG_READ_REJECT_DUPLICATES,
                 "ERR 1:13: duplicate key \"k\\\"q\" (first defined at line 1, column 2)");
    CHECK_JSON(src, "{\"a\":3,\"b\":{\"x\":2}}");
    /* Same key text through different escapes is the same key. */
    CHECK_JSON_F("{\"a\": 1, \"\\u0061\": 2}", RG_READ_REJECT_DUPLICATES,
                 "ERR 1:10: duplicate key \"a\" (first defined at line 1, column 2)");
    CHECK_JSON_F("{\"a\": 1, \"b\": 2}", RG_READ_REJECT_DUPLICATES, "{\"a\":1,\"b\":2}");
}

static void test_depth(void) {
    size_t n = 100000;
    char *deep = malloc(n + 1);
    memset(deep, '[', n);
    deep[n] = 0;
    CHECK_JSON(deep, "ERR 1:1001: nesting deeper than 1000 levels");
    free(deep);
    /* Exactly the limit is fine; one more is not. */
    int lim = RG_READ_MAX_DEPTH;
    char *ok = malloc(2 * (size_t)lim + 3);
    memset(ok, '[', (size_t)lim);
    memset(ok + lim, ']', (size_t)lim);
    ok[2 * lim] = 0;
    char *got = show(ok, strlen(ok), 0);
    CHECK(got[0] == '[' && strlen(got) == 2 * (size_t)lim);
    free(got);
    memmove(ok + 1, ok, 2 * (size_t)lim + 1);
    ok[0] = '[';
    ok[2 * lim + 1] = ']';
    ok[2 * lim + 2] = 0;
    CHECK_JSON(ok, "ERR 1:1001: nesting deeper than 1000 levels");
    free(ok);
    /* Deep objects too. */
    rg_buf b = RG_BUF_INIT;
    for (int i = 0; i < 5000; i++) rg_buf_puts(&b, "{\"a\":");
    got = show(b.data, b.len, 0);
    CHECK_STR(got, "ERR 1:5001: nesting deeper than 1000 levels");
    free(got);
    rg_buf_fini(&b);
}

static void test_values(void) {
    CHECK_JSON("123456789012345678901234567890", "123456789012345678901234567890");
    CHECK_JSON("-123456789012345678901234567890", "-123456789012345678901234567890");
    CHECK_JSON("9223372036854775807", "9223372036854775807");
    CHECK_JSON("-9223372036854775808", "-9223372036854775808");
    CHECK_JSON("[999999999999999999, -999999999999999999]", "[999999999999999999,-999999999999999999]");
    CHECK_JSON("[0.1, 1e-7, -2.5e300, 1.0, -0, 1E2, 2.50]", "[0.1,1e-07,-2.5e+300,1,0,100,2.5]");
    rg_diags d = RG_DIAGS_INIT;
    rg_value v;
    CHECK_INT(parse("9223372036854775808", 0, NULL, &v, &d), 0);
    CHECK_INT(v.sub, RG_NUM_BIG);
    CHECK_INT(parse("9223372036854775807", 0, NULL, &v, &d), 0);
    CHECK_INT(v.sub, RG_NUM_INT);
    CHECK(v.u.i == INT64_MAX);
    CHECK_INT(parse("-42", 0, NULL, &v, &d), 0);
    CHECK(rg_is_int(v) && v.u.i == -42);

    /* Escapes, including a surrogate pair and \u0000 inside the string. */
    CHECK_INT(parse("\"q\\\"b\\\\s\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\\u0000z\"", 0, NULL, &v, &d), 0);
    const char want[] = "q\"b\\s/\b\f\n\r\t\xC3\xA9\xF0\x9F\x98\x80\0z";
    CHECK_INT(v.len, sizeof want - 1);
    CHECK(v.kind == RG_STRING && memcmp(v.u.s, want, sizeof want - 1) == 0);
    /* Lone surrogates become U+FFFD, as Go's decoder does. */
    CHECK_JSON("\"\\uD800x\\uDC00\"", "\"\xEF\xBF\xBDx\xEF\xBF\xBD\"");
    CHECK_JSON("\"\\uD83D\\u0041\"", "\"\xEF\xBF\xBD" "A\"");
    CHECK_JSON("\"ab\\ncd\\te\"", "\"ab\\ncd\\te\"");
    CHECK_JSON("\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"", "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"");
    CHECK_JSON(" [ ] ", "[]");
    CHECK_JSON("{ }", "{}");
    CHECK_JSON("[true,false,null]", "[true,false,null]");
    CHECK_JSON("\xEF\xBB\xBF[1]", "[1]");
    CHECK_JSON("{\"b\":[{}],\"a\":{\"c\":[[]]}}", "{\"a\":{\"c\":[[]]},\"b\":[{}]}");
    CHECK_INT(d.len, 0);
    rg_diags_fini(&d);
}

/* JSON text -> value -> rg_json_write -> value: equal, and the text is stable. */
static void test_round_trip(void) {
    const char *docs[] = {
        ("{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"Tags\": [{\"Key\": \"k\", "
         "\"Value\": \"v\"}]}}}, \"n\": [1, -2, 3.25, 1e-7, 123456789012345678901234567890, -2.5e300, 0.1]}"),
        "[\"\\u0001\\u001f\\\"\\\\\", \"\xE2\x80\xA8\", \"\\ud83d\\ude00\", \"<&>\", \"\"]",
        "{\"\": {\"\": []}, \" \": null, \"a\\nb\": false}",
    };
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        rg_diags d = RG_DIAGS_INIT;
        rg_value v, w;
        CHECK_INT(parse(docs[i], 0, NULL, &v, &d), 0);
        for (int flags = 0; flags <= RG_JSON_PRETTY; flags++) {
            rg_buf b = RG_BUF_INIT;
            rg_json_write(&b, v, flags);
            CHECK_INT(rg_json_parse(&A, "rt", b.data, b.len, 0, NULL, &w, &d), 0);
            CHECK(rg_value_equal(v, w));
            char *again = rg_json_dump(w, flags);
            CHECK_STR(again, rg_buf_cstr(&b));
            free(again);
            rg_buf_fini(&b);
        }
        CHECK_INT(d.len, 0);
        rg_diags_fini(&d);
    }
}

/* Every value and key of a generated document has a position pointing at
 * its first character. */
static void test_positions_generated(void) {
    rg_buf b = RG_BUF_INIT;
    rg_buf_puts(&b, "{\n");
    for (int i = 0; i < 2000; i++)
        rg_buf_printf(&b, "%s \"r%04d\" : {\"Type\": \"T%d\", \"P\": [%d, \"s\", {\"k\": null}, [true]]}\n",
                      i ? "," : " ", i, i % 7, i);
    rg_buf_puts(&b, "}\n");
    rg_srcmap *m = rg_srcmap_new();
    rg_diags d = RG_DIAGS_INIT;
    rg_value v;
    CHECK_INT(rg_json_parse(&A, "gen", b.data, b.len, RG_READ_REJECT_DUPLICATES, m, &v, &d), 0);
    CHECK_INT(v.len, 2000);
    int bad = 0;
    for (size_t i = 0; i < v.len; i++) {
        rg_pos kp, vp, ep;
        bool ok = rg_srcmap_get(m, &v.u.items[2 * i], &kp) && rg_srcmap_get(m, &v.u.items[2 * i + 1], &vp);
        rg_value p = rg_object_get_str(v.u.items[2 * i + 1], "P");
        const rg_value *pslot = val_slot(v.u.items[2 * i + 1], "P");
        ok = ok && rg_srcmap_get(m, &p.u.items[3], &ep) && pslot;
        /* line i+2: "  "rNNNN" : {"Type": ...": key col 3, value col 13 */
        if (!ok || kp.line != i + 2 || kp.col != 3 || vp.line != i + 2 || vp.col != 13 || ep.line != i + 2) bad++;
    }
    CHECK_INT(bad, 0);
    rg_srcmap_free(m);
    rg_diags_fini(&d);
    rg_buf_fini(&b);
}

static void test_srcmap(void) {
    rg_srcmap *m = rg_srcmap_new();
    rg_value *vals = rg_xmalloc(100000 * sizeof *vals);
    for (uint32_t i = 0; i < 100000; i += 2) rg_srcmap_put(m, &vals[i], (rg_pos){i, i + 1});
    int bad = 0;
    for (uint32_t i = 0; i < 100000; i++) {
        rg_pos p;
        bool got = rg_srcmap_get(m, &vals[i], &p);
        if (got != (i % 2 == 0) || (got && (p.line != i || p.col != i + 1))) bad++;
    }
    CHECK_INT(bad, 0);
    rg_srcmap_put(m, &vals[0], (rg_pos){7, 8}); /* overwrite */
    rg_pos p;
    CHECK(rg_srcmap_get(m, &vals[0], &p) && p.line == 7 && p.col == 8);
    CHECK(!rg_srcmap_get(m, NULL, &p));
    CHECK_INT(rg_srcmap_root(m).line, 0);
    rg_srcmap_set_root(m, (rg_pos){3, 4});
    CHECK_INT(rg_srcmap_root(m).col, 4);
    free(vals);
    rg_srcmap_free(m);
    rg_srcmap_free(NULL);
}

int main(void) {
    rg_arena_init(&A);
    test_positions();
    test_errors();
    test_duplicates();
    test_depth();
    test_values();
    test_round_trip();
    test_positions_generated();
    test_srcmap();
    rg_arena_fini(&A);
    return rg_test_report("json");
}
