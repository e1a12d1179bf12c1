/* json.verify_schema and json.match_schema: schema compilation errors with
 * gojsonschema's messages, validation of each keyword family with its
 * error objects (error, type, field, desc), references, formats, drafts,
 * argument forms, and hostile schemas (reference loops, deep nesting). */
#include <stdio.h>
#include <stdlib.h>

#include "read/read.h"
#include "rego/bi_ctx.h"
#include "testlib.h"

extern const rg_builtin_def rg_builtins_jsonschema[];

static rg_arena A;

/* A Rego value from JSON text; a leading '=' makes it a string instead. */
static rg_value V(const char *text) {
    if (text[0] == '=') return rg_cstring(&A, text + 1);
    return rg_test_json(&A, text);
}
/* The result's JSON, or "error: CODE: MESSAGE". */
static char *run(const char *name, const rg_value *args, int n) {
    rg_bi_ctx c;
    rg_bi_ctx_init(&c, &A);
    rg_value out;
    int rc = rg_bi_call(&c, name, args, n, &out);
    char *res;
    if (rc == RG_BI_OK) {
        res = rg_json_dump(out, 0);
    } else {
        rg_buf b = RG_BUF_INIT;
        rg_buf_printf(&b, "error: %s: %s", c.err_code ? c.err_code : "?", rg_buf_cstr(&c.err));
        res = rg_buf_detach(&b);
    }
    rg_bi_ctx_fini(&c);
    return res;
}

#define VERIFY(want, schema)                                   \
    do {                                                       \
        rg_value a_ = V(schema);                               \
        char *got_ = run("json.verify_schema", &a_, 1);          \
        CHECK_STR(got_, (want));                                 \
        free(got_);                                            \
    } while (0)

#define MATCH(want, doc, schema)                               \
    do {                                                       \
        rg_value a_[2] = {V(doc), V(schema)};                  \
        char *got_ = run("json.match_schema", a_, 2);            \
        CHECK_STR(got_, (want));                                 \
        free(got_);                                            \
    } while (0)

/* One error object as the builtin writes it (keys sorted). */
#define E(field, type, desc) "{\"desc\":\"" desc "\",\"error\":\"" field ": " desc "\",\"field\":\"" field "\",\"type\":\"" type "\"}"

static void test_verify(void) {
    VERIFY("[true,null]", "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"a\"]}");
    VERIFY("[true,null]", "={\"type\": \"string\"}");
    VERIFY("[true,null]", "=true");
    VERIFY("[true,null]", "{\"properties\":{\"a\":true,\"b\":false}}");
    VERIFY("[true,null]", "{\"definitions\":{\"x\":{\"type\":\"integer\"}},\"items\":{\"$ref\":\"#/definitions/x\"}}");
    VERIFY("[false,\"jsonschema: has a primitive type that is NOT VALID -- given: /foo/ Expected valid values "
           "are:[array boolean integer number null object string]\"]",
           "{\"type\":\"foo\"}");
    VERIFY("[false,\"jsonschema: Invalid type. Expected: string/array of strings, given: type\"]", "{\"type\":5}");
    VERIFY("[false,\"jsonschema: string type is duplicated\"]", "{\"type\":[\"string\",\"string\"]}");
    VERIFY("[false,\"jsonschema: Invalid type. Expected: object, given: properties\"]", "{\"properties\":[]}");
    VERIFY("[false,\"jsonschema: required items must be unique\"]", "{\"required\":[\"a\",\"a\"]}");
    VERIFY("[false,\"jsonschema: required items must be string\"]", "{\"required\":[1]}");
    VERIFY("[false,\"jsonschema: minLength must be greater than or equal to 0\"]", "{\"minLength\":-1}");
    VERIFY("[false,\"jsonschema: minLength must be of an integer\"]", "{\"minLength\":1.5}");
    VERIFY("[false,\"jsonschema: minItems cannot be greater than maxItems\"]", "{\"minItems\":3,\"maxItems\":1}");
    VERIFY("[false,\"jsonschema: pattern must be a valid regex\"]", "{\"pattern\":\"(\"}");
    /* PCRE-only syntax Go's RE2 rejects */
    VERIFY("[false,\"jsonschema: pattern must be a valid regex\"]", "{\"pattern\":\"a(?=b)\"}");
    VERIFY("[false,\"jsonschema: pattern must be a valid regex\"]", "{\"pattern\":\"(a)\\\\1\"}");
    VERIFY("[false,\"jsonschema: pattern must be a valid regex\"]", "{\"pattern\":\"a++\"}");
    VERIFY("[true,null]", "{\"pattern\":\"[(?=]\\\\d{2}?\"}");
    VERIFY("[false,\"jsonschema: Invalid regex pattern '['\"]", "{\"patternProperties\":{\"[\":{}}}");
    VERIFY("[false,\"jsonschema: multipleOf must be strictly greater than 0\"]", "{\"multipleOf\":0}");
    VERIFY("[false,\"jsonschema: minimum must be of a number\"]", "{\"minimum\":\"1\"}");
    VERIFY("[false,\"jsonschema: exclusiveMaximum cannot be used without maximum\"]", "{\"exclusiveMaximum\":true}");
    VERIFY("[false,\"jsonschema: enum items must be unique\"]", "{\"enum\":[1,1.0]}");
    VERIFY("[false,\"jsonschema: enum must be of an array\"]", "{\"enum\":1}");
    VERIFY("[false,\"jsonschema: anyOf must be of an array\"]", "{\"anyOf\":{}}");
    VERIFY("[false,\"jsonschema: not must be of an object\"]", "{\"not\":1}");
    VERIFY("[false,\"jsonschema: Object has no key 'missing'\"]", "{\"$ref\":\"#/definitions/missing\",\"definitions\":{}}");
    VERIFY("[false,\"jsonschema: Invalid type. Expected: string, given: $ref\"]", "{\"$ref\":1}");
    VERIFY("[false,\"jsonschema: schema is invalid\"]", "=[1]");
    VERIFY("[false,\"jsonschema: invalid JSON string\"]", "={");
    VERIFY("[false,\"jsonschema: $schema must be of type string\"]", "{\"$schema\":1}");
    /* draft 4: booleans are no schemas, exclusiveMaximum is a boolean */
    VERIFY("[false,\"jsonschema: Expected: valid schema, given: Invalid JSON\"]",
           "{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"properties\":{\"a\":true}}");
    VERIFY("[false,\"jsonschema: Invalid type. Expected: boolean, given: exclusiveMaximum\"]",
           "{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"exclusiveMaximum\":3}");
    VERIFY("[false,\"jsonschema: Invalid type. Expected: number, given: exclusiveMaximum\"]",
           "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"maximum\":3,\"exclusiveMaximum\":true}");
}

static void test_types_and_objects(void) {
    const char *s = "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"name\":{\"type\":\"string\","
                    "\"minLength\":3}},\"required\":[\"id\",\"name\"],\"additionalProperties\":false}";
    MATCH("[true,[]]", "{\"id\":5,\"name\":\"abc\"}", s);
    MATCH("[true,[]]", "={\"id\": 5.0, \"name\": \"abc\"}", s);
    MATCH("[false,[" E("(root)", "additional_property_not_allowed", "Additional property extra is not allowed") ","
          E("id", "invalid_type", "Invalid type. Expected: integer, given: string") ","
          E("name", "string_gte", "String length must be greater than or equal to 3") "]]",
          "{\"id\":\"x\",\"name\":\"ab\",\"extra\":1}", s);
    MATCH("[false,[" E("(root)", "required", "id is required") "," E("(root)", "required", "name is required") "]]",
          "{}", s);
    MATCH("[false,[" E("(root)", "invalid_type", "Invalid type. Expected: object, given: array") "]]", "=[1]", s);
    MATCH("[false,[" E("(root)", "invalid_type", "Invalid type. Expected: [string,null], given: number") "]]", "=1.5",
          "{\"type\":[\"string\",\"null\"]}");
    MATCH("[true,[]]", "=null", "{\"type\":[\"string\",\"null\"]}");
    MATCH("[false,[" E("(root)", "array_min_properties", "Must have at least 2 properties") "]]", "{\"a\":1}",
          "{\"minProperties\":2,\"maxProperties\":3}");
    MATCH("[false,[" E("(root)", "missing_dependency", "Has a dependency on b") "]]", "{\"a\":1}",
          "{\"dependencies\":{\"a\":[\"b\"],\"c\":{\"required\":[\"d\"]}}}");
    MATCH("[false,[" E("x.y", "invalid_type", "Invalid type. Expected: string, given: integer") "]]",
          "{\"x\":{\"y\":1,\"zz\":2}}",
          "{\"properties\":{\"x\":{\"patternProperties\":{\"^y$\":{\"type\":\"string\"}},\"additionalProperties\":{\"type\":\"integer\"}}}}");
    MATCH("[false,[" E("(root)", "invalid_property_name", "Property name of \\\"Foo\\\" does not match") ","
          E("(root)", "pattern", "Does not match pattern '^[a-z]+$'") "]]",
          "{\"Foo\":1}", "{\"propertyNames\":{\"pattern\":\"^[a-z]+$\"}}");
    MATCH("[false,[" E("(root)", "false", "False always fails validation") "]]", "{}", "=false");
}

static void test_arrays_numbers_strings(void) {
    MATCH("[false,[" E("(root)", "array_max_items", "Array must have at most 2 items") ","
          E("(root)", "unique", "array items[1, 2] must be unique") "]]",
          "=[1,2,2]", "{\"uniqueItems\":true,\"maxItems\":2}");
    MATCH("[false,[" E("(root)", "array_no_additional_items", "No additional items allowed on array") ","
          E("(root)", "contains", "At least one of the items must match") ","
          E("0", "invalid_type", "Invalid type. Expected: boolean, given: integer") "]]",
          "=[1, \"x\"]", "{\"items\":[{\"type\":\"integer\"}],\"additionalItems\":false,\"contains\":{\"type\":\"boolean\"}}");
    MATCH("[false,[" E("1", "number_gte", "Must be greater than or equal to 2") "]]", "=[3, 1]",
          "{\"items\":{\"minimum\":2}}");
    /* exact decimal arithmetic for multipleOf */
    MATCH("[true,[]]", "=0.3", "{\"multipleOf\":0.1}");
    MATCH("[false,[" E("(root)", "multiple_of", "Must be a multiple of 0.7") "]]", "=2", "{\"multipleOf\":0.7}");
    MATCH("[false,[" E("(root)", "number_lt", "Must be less than 2.5") "," E("(root)", "number_gt", "Must be greater than 10") "]]",
          "=2.5", "{\"exclusiveMaximum\":2.5,\"exclusiveMinimum\":10}");
    MATCH("[false,[" E("(root)", "number_lt", "Must be less than 1") "]]", "=2", "{\"maximum\":1,\"exclusiveMaximum\":true}");
    MATCH("[false,[" E("(root)", "number_lte", "Must be less than or equal to 1e+21") "]]", "=1e22", "{\"maximum\":1e21}");
    MATCH("[false,[" E("(root)", "string_lte", "String length must be less than or equal to 2") "]]", "=\"\\u00e9\\u00e9\\u00e9\"",
          "{\"maxLength\":2}");
    MATCH("[true,[]]", "=\"\\u00e9\\u00e9\"", "{\"maxLength\":2}");
    /* catastrophic backtracking is bounded (counts as no match) */
    MATCH("[false,[" E("(root)", "pattern", "Does not match pattern '^(a+)+$'") "]]",
          "=\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\"", "{\"pattern\":\"^(a+)+$\"}");
    MATCH("[false,[" E("(root)", "pattern", "Does not match pattern '^\\\\d+$'") "]]", "=\"12a\"", "{\"pattern\":\"^\\\\d+$\"}");
}

static void test_enum_const(void) {
    const char *s = "{\"properties\":{\"a\":{\"enum\":[[1,2],\"x\",{\"b\":null}]}}}";
    MATCH("[true,[]]", "{\"a\":[1,2]}", s);
    MATCH("[true,[]]", "={\"a\": [1.0, 2]}", s);
    MATCH("[false,[" E("a", "enum", "a must be one of the following: [1,2], \\\"x\\\", {\\\"b\\\":null}") "]]",
          "{\"a\":[1,3]}", s);
    MATCH("[false,[" E("(root)", "const", "(root) does not match: \\\"x\\\\u003c\\\"") "]]", "=\"y\"", "{\"const\":\"x<\"}");
    MATCH("[false,[" E("(root)", "const", "(root) does not match: 1e-7") "]]", "=1", "{\"const\":1e-7}");
    MATCH("[true,[]]", "={\"a\": {\"b\": [1]}}", "{\"const\":{\"a\":{\"b\":[1.0]}}}");
    /* const is a draft 6 keyword: ignored under draft 4 */
    MATCH("[true,[]]", "=1", "{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"const\":2}");
}

static void test_combinators(void) {
    MATCH("[false,[" E("(root)", "number_any_of", "Must validate at least one schema (anyOf)") ","
          E("a", "const", "a does not match: 1") "]]",
          "{\"a\":\"b\"}", "{\"anyOf\":[{\"type\":\"string\"},{\"properties\":{\"a\":{\"const\":1}}}]}");
    MATCH("[false,[" E("(root)", "number_one_of", "Must validate one and only one schema (oneOf)") "]]", "=5",
          "{\"oneOf\":[{\"type\":\"integer\"},{\"minimum\":0}]}");
    MATCH("[true,[]]", "=-5", "{\"oneOf\":[{\"type\":\"integer\"},{\"minimum\":0}]}");
    MATCH("[false,[" E("(root)", "number_gte", "Must be greater than or equal to 10") ","
          E("(root)", "number_all_of", "Must validate all the schemas (allOf)") "]]",
          "=5", "{\"allOf\":[{\"type\":\"integer\"},{\"minimum\":10}]}");
    MATCH("[false,[" E("(root)", "number_not", "Must not validate the schema (not)") "]]", "=5", "{\"not\":{\"type\":\"integer\"}}");
    MATCH("[false,[" E("(root)", "condition_then", "Must validate \\\"then\\\" as \\\"if\\\" was valid") ","
          E("(root)", "required", "b is required") "]]",
          "{\"a\":1}", "{\"if\":{\"required\":[\"a\"]},\"then\":{\"required\":[\"b\"]},\"else\":false}");
    MATCH("[false,[" E("(root)", "condition_else", "Must validate \\\"else\\\" as \\\"if\\\" was not valid") ","
          E("(root)", "false", "False always fails validation") "]]",
          "{}", "{\"if\":{\"required\":[\"a\"]},\"then\":{\"required\":[\"b\"]},\"else\":false}");
}

static void test_refs(void) {
    const char *tree = "{\"definitions\":{\"node\":{\"type\":\"object\",\"properties\":{\"v\":{\"type\":\"integer\"},"
                       "\"kids\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/definitions/node\"}}}}},"
                       "\"$ref\":\"#/definitions/node\"}";
    MATCH("[true,[]]", "{\"v\":1,\"kids\":[{\"v\":2,\"kids\":[{\"v\":3}]}]}", tree);
    MATCH("[false,[" E("kids.0.kids.0.v", "invalid_type", "Invalid type. Expected: integer, given: string") "]]",
          "{\"v\":1,\"kids\":[{\"v\":2,\"kids\":[{\"v\":\"x\"}]}]}", tree);
    /* a reference to a subschema by its id, and to the root */
    MATCH("[false,[" E("a", "invalid_type", "Invalid type. Expected: number, given: string") "]]", "{\"a\":\"s\"}",
          "{\"$id\":\"http://example.com/root.json\",\"definitions\":{\"n\":{\"$id\":\"#num\",\"type\":\"number\"}},"
          "\"properties\":{\"a\":{\"$ref\":\"#num\"}}}");
    MATCH("[false,[" E("a.a", "invalid_type", "Invalid type. Expected: object, given: integer") "]]",
          "{\"a\":{\"a\":1}}", "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#\"}}}");
    MATCH("[true,[]]", "{\"a~b\":{\"x/y\":1}}",
          "{\"properties\":{\"a~b\":{\"$ref\":\"#/definitions/x~1y\"}},\"definitions\":{\"x/y\":{\"type\":\"object\"}}}");
}

static void test_formats(void) {
    struct { const char *format, *value; bool ok; } cases[] = {
        {"date", "2020-02-29", true},       {"date", "2021-02-29", false},     {"date", "2020-1-01", false},
        {"date-time", "2020-02-29T10:00:00Z", true}, {"date-time", "2020-02-29T10:00:00.5+02:00", true},
        {"date-time", "2020-02-29 10:00:00Z", false}, {"time", "10:00:00", true}, {"time", "25:00:00", false},
        {"email", "a@b.c", true},           {"email", "Name <a@b.c>", true},   {"email", "not an email", false},
        {"hostname", "a-b.example.com", true}, {"hostname", "-a.com", false},  {"ipv4", "1.2.3.4", true},
        {"ipv4", "1.2.3", false},           {"ipv6", "2001:db8::1", true},     {"ipv6", "1.2.3.4", false},
        {"uri", "https://x.com/a?b#c", true}, {"uri", "/relative", false},     {"uri-reference", "/relative", true},
        {"uri", "http://x.com/%zz", false}, {"uuid", "123e4567-e89b-12d3-a456-426614174000", true},
        {"uuid", "123e4567e89b12d3a456426614174000", false}, {"regex", "^a+$", true}, {"regex", "(", false},
        {"json-pointer", "/a/~0b", true},   {"json-pointer", "a", false},      {"relative-json-pointer", "1/a", true},
        {"relative-json-pointer", "01", false}, {"uri-template", "http://x/{id}", true}, {"unknown-format", "x", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rg_buf schema = RG_BUF_INIT;
        rg_buf_printf(&schema, "{\"format\":\"%s\"}", cases[i].format);
        rg_buf doc = RG_BUF_INIT; /* the value as a JSON string document */
        rg_json_write_string(&doc, cases[i].value, strlen(cases[i].value), 0);
        rg_value args[2] = {rg_cstring(&A, rg_buf_cstr(&doc)), V(rg_buf_cstr(&schema))};
        rg_buf_fini(&doc);
        char *got = run("json.match_schema", args, 2);
        bool ok = strncmp(got, "[true", 5) == 0;
        if (ok != cases[i].ok) fprintf(stderr, "format %s on %s: %s\n", cases[i].format, cases[i].value, got);
        CHECK(ok == cases[i].ok);
        free(got);
        rg_buf_fini(&schema);
    }
    MATCH("[false,[" E("(root)", "format", "Does not match format 'date'") "]]", "=\"2020-02-30\"", "{\"format\":\"date\"}");
    MATCH("[true,[]]", "=5", "{\"format\":\"date\"}"); /* formats ignore non-strings */
}

static void test_arguments(void) {
    /* Rego sets travel as arrays, like OPA's JSON conversion */
    rg_value set_items[2] = {rg_int(1), rg_int(2)};
    rg_value doc = rg_object(&A, (rg_value[]){rg_cstring(&A, "a"), rg_set(&A, set_items, 2)}, 1);
    rg_value args[2] = {doc, V("{\"properties\":{\"a\":{\"type\":\"array\",\"maxItems\":1}}}")};
    char *got = run("json.match_schema", args, 2);
    CHECK_STR(got, "[false,[" E("a", "array_max_items", "Array must have at most 1 items") "]]");
    free(got);
    MATCH("error: eval_builtin_error: json.match_schema: invalid JSON string", "={", "{}");
    MATCH("error: eval_builtin_error: json.match_schema: invalid JSON string", "{}", "={");
    MATCH("error: eval_builtin_error: json.match_schema: wrong type, expected string or object", "[1]", "{}");
    MATCH("error: eval_builtin_error: json.match_schema: has a primitive type that is NOT VALID -- given: /bogus/ "
          "Expected valid values are:[array boolean integer number null object string]",
          "{}", "{\"type\":\"bogus\"}");
    VERIFY("[false,\"jsonschema: wrong type, expected string or object\"]", "5");
}

static void test_hostile(void) {
    /* a reference loop that never reaches data: an error, not a crash */
    MATCH("error: eval_builtin_error: json.match_schema: schema validation too deep or too long", "{}", "{\"$ref\":\"#\"}");
    VERIFY("[true,null]", "{\"$ref\":\"#\"}");
    /* deeply nested schema */
    rg_buf deep = RG_BUF_INIT;
    for (int i = 0; i < 600; i++) rg_buf_puts(&deep, "{\"not\":");
    rg_buf_puts(&deep, "{}");
    for (int i = 0; i < 600; i++) rg_buf_putc(&deep, '}');
    rg_value a = rg_cstring(&A, rg_buf_cstr(&deep));
    char *got = run("json.verify_schema", &a, 1);
    CHECK_STR(got, "[false,\"jsonschema: schema nests too deeply\"]");
    free(got);
    rg_buf_fini(&deep);
    /* exponential work (each level refers twice to the next) is cut off */
    rg_buf wide = RG_BUF_INIT;
    rg_buf_puts(&wide, "{\"$ref\":\"#/definitions/d0\",\"definitions\":{");
    for (int i = 0; i < 40; i++)
        rg_buf_printf(&wide, "\"d%d\":{\"anyOf\":[{\"$ref\":\"#/definitions/d%d\"},{\"$ref\":\"#/definitions/d%d\"}]},", i,
                      i + 1, i + 1);
    rg_buf_puts(&wide, "\"d40\":{\"type\":\"string\"}}}");
    rg_value args[2] = {rg_cstring(&A, "1"), rg_cstring(&A, rg_buf_cstr(&wide))};
    got = run("json.match_schema", args, 2);
    CHECK_STR(got, "error: eval_builtin_error: json.match_schema: schema validation too deep or too long");
    free(got);
    rg_buf_fini(&wide);
}

int main(void) {
    CHECK(rg_builtins_jsonschema[0].name != NULL);
    rg_arena_init(&A);
    test_verify();
    test_types_and_objects();
    test_arrays_numbers_strings();
    test_enum_const();
    test_combinators();
    test_refs();
    test_formats();
    test_arguments();
    test_hostile();
    rg_arena_fini(&A);
    return rg_test_report("builtins_jsonschema");
}
