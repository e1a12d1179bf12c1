/* YAML reader and writer: scalar typing, positions, CloudFormation
 * short-form tags, anchors and the expansion cap, errors with positions,
 * and rg_yaml_write output that reads back equal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "read/read.h"
#include "testlib.h"

static rg_arena A;

/* Compact JSON of src's value, or "ERR line:col: message". Caller frees. */
static char *show_n(const char *src, size_t len, int flags) {
    rg_diags d = RG_DIAGS_INIT;
    rg_value v;
    char *out;
    if (rg_yaml_parse(&A, "t.yaml", src, len, flags, NULL, &v, &d) == 0) {
        out = rg_json_dump(v, 0);
        if (d.len) out[0] = '!'; /* success must not leave diagnostics */
    } else {
        rg_buf b = RG_BUF_INIT;
        rg_buf_printf(&b, "ERR %d:%d: %s", d.items[0].line, d.items[0].col, d.items[0].msg);
        if (d.len != 1 || strcmp(d.items[0].code, "yaml_parse_error")) rg_buf_puts(&b, " (bad diagnostics)");
        out = rg_buf_detach(&b);
    }
    rg_diags_fini(&d);
    return out;
}

#define CHECK_YAML_F(src, flags, want)                  \
    do {                                                \
        char *got_ = show_n((src), strlen(src), flags); \
        CHECK_STR(got_, (want));                        \
        free(got_);                                     \
    } while (0)
#define CHECK_YAML(src, want) CHECK_YAML_F(src, 0, want)
#define CFN (RG_READ_CFN_TAGS | RG_READ_REJECT_DUPLICATES)

/* Starts with want (for messages that end in libyaml's context). */
#define CHECK_YAML_PREFIX(src, flags, want)                                     \
    do {                                                                        \
        char *got_ = show_n((src), strlen(src), flags);                         \
        rg_test_checks++;                                                       \
        if (strncmp(got_, (want), strlen(want)) != 0)                           \
            rg_test_fail(__FILE__, __LINE__, "got \"%s\", want \"%s...\"", got_, (want)); \
        free(got_);                                                             \
    } while (0)

static const char *pos_str(const rg_srcmap *m, const rg_value *slot) {
    static char buf[32];
    rg_pos p;
    if (!slot || !rg_srcmap_get(m, slot, &p)) return "none";
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

static void test_scalars(void) {
    CHECK_YAML("[null, Null, NULL, ~, '', \"\"]", "[null,null,null,null,\"\",\"\"]");
    CHECK_YAML("a:\nb: !!null ''\n", "{\"a\":null,\"b\":null}");
    CHECK_YAML("[true, True, TRUE, false, False, FALSE, tRUE, yes, No, on, OFF, y]",
               "[true,true,true,false,false,false,\"tRUE\",\"yes\",\"No\",\"on\",\"OFF\",\"y\"]");
    CHECK_YAML("[42, -17, +5, 0, -0, 0x1F, 0xff, 0o17, 0o0]", "[42,-17,5,0,0,31,255,15,0]");
    CHECK_YAML("[123456789012345678901234567890, -123456789012345678901234567890, 0xFFFFFFFFFFFFFFFFFF]",
               "[123456789012345678901234567890,-123456789012345678901234567890,4722366482869645213695]");
    CHECK_YAML("[1.5, .5, -.5, +1.5, 1., 1e3, 1.5E-3, 0.1, 1e-7, -2.5e300]",
               "[1.5,0.5,-0.5,1.5,1,1000,0.0015,0.1,1e-07,-2.5e+300]");
    /* No infinities or NaN in Rego: kept as text.  Huge exponents stay exact. */
    CHECK_YAML("[.inf, -.Inf, +.INF, .nan, .NaN, 1e999]", "[\".inf\",\"-.Inf\",\"+.INF\",\".nan\",\".NaN\",1e+999]");
    /* Leading zeros: octal in YAML 1.1, decimal in 1.2; kept as written. */
    CHECK_YAML("[0123, 033677994240, -007, 08.5, 0.5]", "[\"0123\",\"033677994240\",\"-007\",\"08.5\",0.5]");
    CHECK_YAML("[1.2.3, 0x, 0xG, 0o8, 1_000, 12:30, 2010-09-09, +, -, ., 1e, 1e+, e3]",
               "[\"1.2.3\",\"0x\",\"0xG\",\"0o8\",\"1_000\",\"12:30\",\"2010-09-09\",\"+\",\"-\",\".\",\"1e\",\"1e+\",\"e3\"]");
    /* Quoted and block scalars are strings. */
    CHECK_YAML("['42', \"true\", 'null', \"1.5\"]", "[\"42\",\"true\",\"null\",\"1.5\"]");
    CHECK_YAML("a: |\n  x\n  y\nb: >-\n  p\n  q\nc: |-\n  42\n",
               "{\"a\":\"x\\ny\\n\",\"b\":\"p q\",\"c\":\"42\"}");
    CHECK_YAML("\"\\u00e9\\x41\\t\\\"\"", "\"\xC3\xA9" "A\\t\\\"\"");
    /* Explicit standard tags. */
    CHECK_YAML("[!!str 42, !!str true, !!int \"42\", !!int 0x10, !!bool 'true', !!float 1, !!float '2.5', !!null x]",
               "[\"42\",\"true\",42,16,true,1,2.5,null]");
    CHECK_YAML("[! 42, !!binary aGk=, !!timestamp 2001-12-14]", "[\"42\",\"aGk=\",\"2001-12-14\"]");
    CHECK_YAML("!!int abc", "ERR 1:1: invalid !!int value");
    CHECK_YAML("a: !!bool yes", "ERR 1:4: invalid !!bool value");
    CHECK_YAML("- !!float x", "ERR 1:3: invalid !!float value");
    /* Unknown tags are ignored without the CloudFormation flag. */
    CHECK_YAML("[!Ref X, !foo 42, !GetAtt [a, b]]", "[\"X\",42,[\"a\",\"b\"]]");
    /* Scalar keys become strings, as in YAML-to-JSON conversion. */
    CHECK_YAML("{1: a, true: b, null: c, 1.5: d, 0x10: e, \"x\": f, ~: g}",
               "{\"1\":\"a\",\"1.5\":\"d\",\"16\":\"e\",\"null\":\"g\",\"true\":\"b\",\"x\":\"f\"}");
    /* Complex keys stay values. */
    CHECK_YAML("? [1, 2]\n: x\n", "{\"[1,2]\":\"x\"}");
    /* Empty stream and empty documents are null; only the first document counts. */
    CHECK_YAML("", "null");
    CHECK_YAML("# only a comment\n", "null");
    CHECK_YAML("---\n", "null");
    CHECK_YAML("--- 5\n...\n", "5");
    CHECK_YAML("a: 1\n---\nb: 2\n", "{\"a\":1}");
    CHECK_YAML("\xEF\xBB\xBF" "a: 1", "{\"a\":1}");
    CHECK_YAML("[{}, [], {a: []}]", "[{},[],{\"a\":[]}]");
}

static void test_positions(void) {
    const char *src = "a:\n"
                      "  b: [1, 2]\n"
                      "  c: {d: x}\n"
                      "list:\n"
                      "  - k: v\n"
                      "  - !Ref Foo\n"
                      "\xC3\xA9: \xC3\xBC\n"
                      "lit: |\n"
                      "  text\n"
                      "\"q\": 'v'\n";
    rg_srcmap *m = rg_srcmap_new();
    rg_diags d = RG_DIAGS_INIT;
    rg_value v;
    CHECK_INT(rg_yaml_parse(&A, "t.yaml", src, strlen(src), RG_READ_CFN_TAGS, m, &v, &d), 0);
    CHECK_INT(rg_srcmap_root(m).line, 1);
    CHECK_INT(rg_srcmap_root(m).col, 1);
    rg_value a = *val_slot(v, "a");
    CHECK_STR(pos_str(m, key_slot(v, "a")), "1:1");
    CHECK_STR(pos_str(m, val_slot(v, "a")), "2:3");
    CHECK_STR(pos_str(m, key_slot(a, "b")), "2:3");
    CHECK_STR(pos_str(m, val_slot(a, "b")), "2:6");
    CHECK_STR(pos_str(m, &val_slot(a, "b")->u.items[0]), "2:7");
    CHECK_STR(pos_str(m, &val_slot(a, "b")->u.items[1]), "2:10");
    CHECK_STR(pos_str(m, key_slot(a, "c")), "3:3");
    CHECK_STR(pos_str(m, val_slot(a, "c")), "3:6");
    CHECK_STR(pos_str(m, key_slot(*val_slot(a, "c"), "d")), "3:7");
    CHECK_STR(pos_str(m, val_slot(*val_slot(a, "c"), "d")), "3:10");
    rg_value list = *val_slot(v, "list");
    CHECK_STR(pos_str(m, key_slot(v, "list")), "4:1");
    CHECK_STR(pos_str(m, val_slot(v, "list")), "5:3");
    CHECK_STR(pos_str(m, &list.u.items[0]), "5:5");
    CHECK_STR(pos_str(m, key_slot(list.u.items[0], "k")), "5:5");
    CHECK_STR(pos_str(m, val_slot(list.u.items[0], "k")), "5:8");
    /* The short-form tag's wrapper and its argument both sit at the tag. */
    CHECK_STR(pos_str(m, &list.u.items[1]), "6:5");
    CHECK_STR(pos_str(m, key_slot(list.u.items[1], "Ref")), "6:5");
    CHECK_STR(pos_str(m, val_slot(list.u.items[1], "Ref")), "6:5");
    /* Columns count bytes: "é" is two. */
    CHECK_STR(pos_str(m, key_slot(v, "\xC3\xA9")), "7:1");
    CHECK_STR(pos_str(m, val_slot(v, "\xC3\xA9")), "7:5");
    CHECK_STR(pos_str(m, val_slot(v, "lit")), "8:6");
    CHECK_STR(pos_str(m, key_slot(v, "q")), "10:1");
    CHECK_STR(pos_str(m, val_slot(v, "q")), "10:6");
    rg_srcmap_free(m);

    /* Aliases: the alias's own slot has the alias position. */
    m = rg_srcmap_new();
    src = "base: &b {x: 1}\nuse: *b\n";
    CHECK_INT(rg_yaml_parse(&A, "t.yaml", src, strlen(src), 0, m, &v, &d), 0);
    CHECK_STR(pos_str(m, val_slot(v, "base")), "1:7");
    CHECK_STR(pos_str(m, val_slot(v, "use")), "2:6");
    CHECK_STR(pos_str(m, key_slot(*val_slot(v, "use"), "x")), "1:11");
    rg_srcmap_free(m);

    /* BOM: not part of line 1's columns. */
    m = rg_srcmap_new();
    src = "\xEF\xBB\xBFk: v\n";
    CHECK_INT(rg_yaml_parse(&A, "t.yaml", src, strlen(src), 0, m, &v, &d), 0);
    CHECK_STR(pos_str(m, val_slot(v, "k")), "1:4");
    rg_srcmap_free(m);

    /* Empty stream: root position 1:1. */
    m = rg_srcmap_new();
    CHECK_INT(rg_yaml_parse(&A, "t.yaml", "", 0, 0, m, &v, &d), 0);
    CHECK_INT(rg_srcmap_root(m).line, 1);
    rg_srcmap_free(m);
    CHECK_INT(d.len, 0);
    rg_diags_fini(&d);
}

static void test_cfn_tags(void) {
    CHECK_YAML_F("!Ref X", CFN, "{\"Ref\":\"X\"}");
    CHECK_YAML_F("!Condition IsProd", CFN, "{\"Condition\":\"IsProd\"}");
    CHECK_YAML_F("!GetAtt A.B", CFN, "{\"Fn::GetAtt\":[\"A\",\"B\"]}");
    CHECK_YAML_F("!GetAtt Db.Endpoint.Address", CFN, "{\"Fn::GetAtt\":[\"Db\",\"Endpoint.Address\"]}");
    CHECK_YAML_F("!GetAtt [A, B.C]", CFN, "{\"Fn::GetAtt\":[\"A\",\"B.C\"]}");
    CHECK_YAML_F("!GetAtt NoDot", CFN, "{\"Fn::GetAtt\":[\"NoDot\"]}");
    CHECK_YAML_F("!Sub \"${AWS::Region}-x\"", CFN, "{\"Fn::Sub\":\"${AWS::Region}-x\"}");
    CHECK_YAML_F("!Sub [\"${A}\", {A: !Ref B}]", CFN, "{\"Fn::Sub\":[\"${A}\",{\"A\":{\"Ref\":\"B\"}}]}");
    CHECK_YAML_F("!Join [\",\", [a, !Ref B]]", CFN, "{\"Fn::Join\":[\",\",[\"a\",{\"Ref\":\"B\"}]]}");
    CHECK_YAML_F("!If [C, 1, !Ref AWS::NoValue]", CFN, "{\"Fn::If\":[\"C\",1,{\"Ref\":\"AWS::NoValue\"}]}");
    CHECK_YAML_F("!Equals [a, 2]", CFN, "{\"Fn::Equals\":[\"a\",2]}");
    CHECK_YAML_F("!Not [!Equals [a, b]]", CFN, "{\"Fn::Not\":[{\"Fn::Equals\":[\"a\",\"b\"]}]}");
    CHECK_YAML_F("!And [!Condition A, !Condition B]", CFN,
                 "{\"Fn::And\":[{\"Condition\":\"A\"},{\"Condition\":\"B\"}]}");
    CHECK_YAML_F("!Or [!Condition A, !Equals [x, y]]", CFN,
                 "{\"Fn::Or\":[{\"Condition\":\"A\"},{\"Fn::Equals\":[\"x\",\"y\"]}]}");
    CHECK_YAML_F("!FindInMap [M, !Ref AWS::Region, K]", CFN,
                 "{\"Fn::FindInMap\":[\"M\",{\"Ref\":\"AWS::Region\"},\"K\"]}");
    CHECK_YAML_F("!Select [0, !GetAZs '']", CFN, "{\"Fn::Select\":[0,{\"Fn::GetAZs\":\"\"}]}");
    CHECK_YAML_F("!Split [\",\", \"a,b\"]", CFN, "{\"Fn::Split\":[\",\",\"a,b\"]}");
    CHECK_YAML_F("!Base64 hello", CFN, "{\"Fn::Base64\":\"hello\"}");
    CHECK_YAML_F("!Cidr [10.0.0.0/16, 6, 5]", CFN, "{\"Fn::Cidr\":[\"10.0.0.0/16\",6,5]}");
    CHECK_YAML_F("!ImportValue Shared-VpcId", CFN, "{\"Fn::ImportValue\":\"Shared-VpcId\"}");
    CHECK_YAML_F("!GetAZs ''", CFN, "{\"Fn::GetAZs\":\"\"}");
    CHECK_YAML_F("!GetAZs", CFN, "{\"Fn::GetAZs\":\"\"}");
    CHECK_YAML_F("!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}", CFN,
                 "{\"Fn::Transform\":{\"Name\":\"AWS::Include\",\"Parameters\":{\"Location\":\"s3://b/k\"}}}");
    CHECK_YAML_F("!Length [1, 2]", CFN, "{\"Fn::Length\":[1,2]}");
    CHECK_YAML_F("!ToJsonString {a: 1}", CFN, "{\"Fn::ToJsonString\":{\"a\":1}}");
    /* Arguments of scalar intrinsics are text, as CloudFormation reads them. */
    CHECK_YAML_F("[!Ref 80, !Base64 true]", CFN, "[{\"Ref\":\"80\"},{\"Fn::Base64\":\"true\"}]");
    /* Standard tags still work in CloudFormation mode. */
    CHECK_YAML_F("!!str 5", CFN, "\"5\"");
    /* Anchors on a tagged node hold the long form. */
    CHECK_YAML_F("a: &r !Ref X\nb: *r\n", CFN, "{\"a\":{\"Ref\":\"X\"},\"b\":{\"Ref\":\"X\"}}");
    /* Unknown short-form tags are typos CloudFormation rejects. */
    CHECK_YAML_F("a:\n  b: !GetAttr Key.Arn\n", CFN, "ERR 2:6: unknown tag !GetAttr (did you mean !GetAtt?)");
    CHECK_YAML_F("!Foo [1]", CFN, "ERR 1:1: unknown tag !Foo");
    /* A template is one document. */
    CHECK_YAML_F("a: 1\n---\nb: 2\n", CFN, "ERR 2:1: expected a single document in the stream, found another");
    CHECK_YAML_F("a: 1\n...\n", CFN, "{\"a\":1}");
}

static void test_anchors(void) {
    CHECK_YAML("a: &x [1, {b: 2}]\nc: *x\nd: &y s\ne: [*y, *y]\n",
               "{\"a\":[1,{\"b\":2}],\"c\":[1,{\"b\":2}],\"d\":\"s\",\"e\":[\"s\",\"s\"]}");
    /* Redefinition: the later anchor wins from there on. */
    CHECK_YAML("[&a 1, *a, &a 2, *a]", "[1,1,2,2]");
    /* Alias as key. */
    CHECK_YAML("- &k key\n- {*k : v}\n", "[\"key\",{\"key\":\"v\"}]");
    CHECK_YAML("- &n 5\n- {*n : v}\n", "[5,{\"5\":\"v\"}]");
    CHECK_YAML("a: *nope", "ERR 1:4: undefined alias *nope");
    /* A node cannot refer to itself (the anchor is defined when it ends). */
    CHECK_YAML("a: &x [*x]", "ERR 1:8: undefined alias *x");

    /* Billion laughs: fails fast at the cap. */
    rg_buf b = RG_BUF_INIT;
    rg_buf_puts(&b, "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
        rg_buf_printf(&b, "a%d: &a%d [", i, i);
        for (int k = 0; k < 10; k++) rg_buf_printf(&b, "%s*a%d", k ? ", " : "", i - 1);
        rg_buf_puts(&b, "]\n");
    }
    clock_t t0 = clock();
    char *got = show_n(b.data, b.len, 0);
    CHECK_STR(got, "ERR 7:45: YAML alias expansion exceeds limit (10000000 nodes)");
    CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
    free(got);
    rg_buf_fini(&b);
    /* Moderate sharing below the cap is fine. */
    CHECK_YAML("a: &a [1, 2, 3]\nb: &b [*a, *a, *a]\nc: [*b, *b]\n",
               "{\"a\":[1,2,3],\"b\":[[1,2,3],[1,2,3],[1,2,3]],\"c\":[[[1,2,3],[1,2,3],[1,2,3]],[[1,2,3],[1,2,3],[1,2,3]]]}");
}

static void test_errors(void) {
    CHECK_YAML_PREFIX("a: [1, 2\n", 0, "ERR 2:1: did not find expected ',' or ']'");
    CHECK_YAML_PREFIX("a: b: c\n", 0, "ERR 1:5: mapping values are not allowed in this context");
    CHECK_YAML_PREFIX("Resources:\n\tBucket: x\n", 0, "ERR 2:1: found character that cannot start any token (tab characters cannot indent YAML; use spaces)");
    CHECK_YAML_PREFIX("a: \"unterminated\n", 0, "ERR 2:1: found unexpected end of stream (while scanning a quoted scalar at line 1, column 4)");
    CHECK_YAML_PREFIX("key: value\n  bad: x\n", 0, "ERR 2:6: mapping values are not allowed in this context");
    CHECK_YAML_PREFIX("- a\nb: c\n", 0, "ERR 2:1: did not find expected '-' indicator");
    CHECK_YAML_PREFIX("a: \"\xC3\xA9\" b: c\n", 0, "ERR 1:9: did not find expected key");
    CHECK_YAML("a: caf\xE9 x\n", "ERR 1:7: invalid UTF-8 (byte 0xE9)");
    CHECK_YAML("a: 1\nb: \xC3\n", "ERR 2:4: invalid UTF-8 (byte 0xC3)");
    CHECK_YAML_PREFIX("a: \x01\n", 0, "ERR 1:4: invalid input: control characters are not allowed");
    /* Duplicate keys. */
    CHECK_YAML_F("a: 1\nb: 2\na: 3\n", RG_READ_REJECT_DUPLICATES,
                 "ERR 3:1: duplicate key \"a\" (first defined at line 1, column 1)");
    CHECK_YAML_F("R:\n  P:\n    K: x\n    V: 60\n    K: \"\"\n", CFN,
                 "ERR 5:5: duplicate key \"K\" (first defined at line 3, column 5)");
    CHECK_YAML_F("{1: a, \"1\": b}", RG_READ_REJECT_DUPLICATES,
                 "ERR 1:8: duplicate key \"1\" (first defined at line 1, column 2)");
    CHECK_YAML("a: 1\nb: 2\na: 3\n", "{\"a\":3,\"b\":2}");
    /* Nesting: flow and block beyond the limit are errors, not crashes. */
    size_t n = 100000;
    char *deep = malloc(n + 1);
    memset(deep, '[', n);
    deep[n] = 0;
    CHECK_YAML(deep, "ERR 1:1001: nesting deeper than 1000 levels");
    free(deep);
    rg_buf b = RG_BUF_INIT;
    for (int i = 0; i < 1200; i++) {
        for (int k = 0; k < i; k++) rg_buf_putc(&b, ' ');
        rg_buf_puts(&b, "k:\n");
    }
    char *got = show_n(b.data, b.len, 0);
    CHECK_STR(got, "ERR 1001:1001: nesting deeper than 1000 levels");
    free(got);
    rg_buf_fini(&b);
    /* The diagnostic carries code, file and position. */
    rg_diags d = RG_DIAGS_INIT;
    rg_value v;
    CHECK_INT(rg_yaml_parse(&A, "x.yaml", "a: [", 4, 0, NULL, &v, &d), -1);
    CHECK_INT(d.len, 1);
    CHECK_STR(d.items[0].code, "yaml_parse_error");
    CHECK_STR(d.items[0].file, "x.yaml");
    CHECK_INT(d.items[0].line, 1); /* end of input on the last line, not past it */
    CHECK_INT(d.items[0].col, 5);
    rg_diags_fini(&d);
}

/* ---- writer ---- */

static char *write_yaml(rg_value v) {
    rg_buf b = RG_BUF_INIT;
    rg_yaml_write(&b, v);
    return rg_buf_detach(&b);
}

/* Writes v and reads it back; returns whether the result is equal. */
static bool round_trips(rg_value v) {
    char *text = write_yaml(v);
    rg_diags d = RG_DIAGS_INIT;
    rg_value w;
    bool ok = rg_yaml_parse(&A, "rt", text, strlen(text), 0, NULL, &w, &d) == 0 && rg_value_equal(v, w);
    if (!ok) {
        char *j = rg_json_dump(v, 0);
        fprintf(stderr, "round trip failed for %s:\n%s\n", j, text);
        if (d.len) fprintf(stderr, "  %d:%d: %s\n", d.items[0].line, d.items[0].col, d.items[0].msg);
        free(j);
    }
    rg_diags_fini(&d);
    free(text);
    return ok;
}

static rg_value from_json(const char *json) {
    rg_diags d = RG_DIAGS_INIT;
    rg_value v = rg_undefined();
    if (rg_json_parse(&A, "j", json, strlen(json), 0, NULL, &v, &d)) v = rg_undefined();
    rg_diags_fini(&d);
    return v;
}

#define CHECK_WRITE(json, want)                  \
    do {                                         \
        char *got_ = write_yaml(from_json(json)); \
        CHECK_STR(got_, (want));                 \
        free(got_);                              \
    } while (0)

static void test_write_layout(void) {
    CHECK_WRITE("{\"b\": [1, \"x\", {\"c\": null, \"d\": [true]}], \"a\": {\"e\": {\"f\": 1.5}}, \"g\": [], \"h\": {}}",
                "a:\n"
                "  e:\n"
                "    f: 1.5\n"
                "b:\n"
                "- 1\n"
                "- x\n"
                "- c: null\n"
                "  d:\n"
                "  - true\n"
                "g: []\n"
                "h: {}\n");
    CHECK_WRITE("[[1, 2], [[3]], {\"a\": 1}]", "- - 1\n  - 2\n- - - 3\n- a: 1\n");
    CHECK_WRITE("\"text\"", "text\n");
    CHECK_WRITE("null", "null\n");
    CHECK_WRITE("[]", "[]\n");
    CHECK_WRITE("{}", "{}\n");
    CHECK_WRITE("[123456789012345678901234567890, 0.1, 1e-7, -2.5e300, -3]",
                "- 123456789012345678901234567890\n- 0.1\n- 1e-07\n- -2.5e+300\n- -3\n");
    CHECK_WRITE("{\"e\": \"\", \"f\": \"true\", \"g\": \"a: b\", \"h\": \"12\", \"i\": \"it's # x\", \"j\": \"tab\\tx\"}",
                "e: \"\"\n"
                "f: \"true\"\n"
                "g: 'a: b'\n"
                "h: \"12\"\n"
                "i: 'it''s # x'\n"
                "j: \"tab\\tx\"\n");
    CHECK_WRITE("{\"m\": \"line1\\nline2\", \"o\": \"end\\n\", \"p\": \"keep\\n\\n\"}",
                "m: |-\n  line1\n  line2\no: |\n  end\np: |+\n  keep\n\n");
    /* Words YAML 1.1 readers take for booleans are quoted, keys included. */
    CHECK_WRITE("{\"n\": \"yes\", \"on\": \"off\"}", "\"n\": \"yes\"\n\"on\": \"off\"\n");
    CHECK_WRITE("[\"a\\nb\"]", "- |-\n  a\n  b\n");
    /* Sets are sequences. */
    rg_value items[] = {rg_int(2), rg_int(1)};
    char *got = write_yaml(rg_set(&A, items, 2));
    CHECK_STR(got, "- 1\n- 2\n");
    free(got);
    /* Non-string keys are written as their JSON text. */
    rg_value pairs[] = {rg_int(10), rg_cstring(&A, "x"), rg_int(9), rg_cstring(&A, "y")};
    got = write_yaml(rg_object(&A, pairs, 2));
    CHECK_STR(got, "\"10\": x\n\"9\": \"y\"\n");
    free(got);
}

static void test_write_round_trip(void) {
    static const char *const strs[] = {
        "", " lead", "trail ", "-", "- x", "-x", "--", "---", "--- x", "...", "#c", "a #b", "a#b", "key: v", "x:",
        "a:b", "?", "? x", ":", ": x", "[a]", "{a}", "a,b", "a]b", "*a", "&a", "!a", "|", ">", "'", "\"", "%", "@",
        "`", "yes", "No", "on", "OFF", "y", "~", "null", "NULL", "true", "False", "1", "-1", "+1", "0x10", "0o7",
        "1.5", ".5", "1e3", ".inf", "-.INF", ".nan", "2020-01-01", "0123", "1_000", "12:30", "tab\there", "nl\n",
        "\n\nlead", "a\n b", "trailing \nspace", "caf\xC3\xA9", "\xE2\x80\xA8", "x\xC2\x85y", "\x7f", "\x01",
        "back\\slash", "<<", "multi\n\n\nnewlines\n\n", "\r\n", "x\n  indented", " \n", "\n", "\n\n",
        "\xF0\x9F\x98\x80", ("\xEF\xBB\xBF" "bom"), "a\tb", "  ", "a  b", "- - x", "a: b: c", "{{ tpl }}",
        "${AWS::Region}", "arn:aws:s3:::b/*", "!Ref X", "Fn::GetAtt", "quote's", "\"dq\"", "x # y", "x#y",
    };
    size_t n = sizeof strs / sizeof *strs;
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        rg_value s = rg_cstring(&A, strs[i]);
        rg_value pair[] = {s, s};
        rg_value arr[] = {s, rg_object(&A, pair, 1), rg_int((int64_t)i)};
        if (!round_trips(s)) bad++;
        if (!round_trips(rg_array(&A, arr, 3))) bad++;
        if (!round_trips(rg_object(&A, pair, 1))) bad++;
        /* Nested, so literal blocks are indented inside collections. */
        rg_value inner[] = {rg_cstring(&A, "k"), rg_array(&A, arr, 3)};
        rg_value outer[] = {rg_cstring(&A, "top"), rg_object(&A, inner, 1)};
        if (!round_trips(rg_object(&A, outer, 1))) bad++;
    }
    CHECK_INT(bad, 0);
    /* Very long keys need the explicit "? " form. */
    rg_buf b = RG_BUF_INIT;
    for (int i = 0; i < 2000; i++) rg_buf_putc(&b, (char)('a' + i % 26));
    rg_value lk[] = {rg_string(&A, b.data, b.len), from_json("{\"x\": [1]}")};
    CHECK(round_trips(rg_object(&A, lk, 1)));
    rg_value lk2[] = {rg_string(&A, b.data, b.len), rg_int(1)};
    CHECK(round_trips(rg_object(&A, lk2, 1)));
    rg_buf_fini(&b);
    CHECK(round_trips(from_json("{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": "
                                "{\"Tags\": [{\"Key\": \"k\", \"Value\": \"\"}], \"N\": [[], {}, [[]], 0.1, 1e-7, "
                                "-2.5e300, 123456789012345678901234567890, null, true]}}}}")));
}

/* Test data keeps typed keys; JSON-style conversion makes them strings. */
static void test_typed_keys(void) {
    CHECK_YAML("1: a\ntrue: b\nnull: c\n", "{\"1\":\"a\",\"null\":\"c\",\"true\":\"b\"}");
    rg_diags d = RG_DIAGS_INIT;
    rg_value v;
    const char *src = "1: a\ntrue: b\n";
    CHECK(rg_yaml_parse(&A, "t.yaml", src, strlen(src), RG_READ_TYPED_KEYS, NULL, &v, &d) == 0);
    CHECK(rg_value_equal(rg_object_get(v, rg_int(1)), rg_string_static("a", 1)));
    CHECK(rg_value_equal(rg_object_get(v, rg_bool(true)), rg_string_static("b", 1)));
    CHECK(rg_is_undef(rg_object_get_str(v, "1")));
    rg_diags_fini(&d);
}

int main(void) {
    rg_arena_init(&A);
    test_typed_keys();
    test_scalars();
    test_positions();
    test_cfn_tags();
    test_anchors();
    test_errors();
    test_write_layout();
    test_write_round_trip();
    rg_arena_fini(&A);
    return rg_test_report("yaml");
}
