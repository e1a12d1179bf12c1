/* Template variants (cfn/variants.c) and unverifiable constructs
 * (cfn/unverifiable.c). */
#include <stdio.h>
#include <stdlib.h>

#include "cfn/cfn.h"
#include "testlib.h"

static char *json(rg_value v) {
    rg_buf b = RG_BUF_INIT;
    rg_json_write(&b, v, 0);
    return rg_buf_detach(&b);
}

#define CHECK_JSON(v, want)     \
    do {                        \
        char *s_ = json(v);     \
        CHECK_STR(s_, want);    \
        free(s_);               \
    } while (0)

static void test_no_variables_shares_the_template(void) {
    rg_arena a;
    rg_arena_init(&a);
    rg_value t = rg_test_json(&a, "{\"Parameters\": {\"V\": {\"Type\": \"AWS::SSM::Parameter::Value<String>\", "
                                  "\"Default\": \"/cdk/version\"}}, \"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\", "
                                  "\"Properties\": {\"X\": {\"Ref\": \"V\"}, \"Y\": {\"Fn::GetAtt\": [\"K\", \"Arn\"]}}}}}");
    rg_cfn_variant *vs;
    bool trunc;
    CHECK_INT(rg_cfn_variants(&a, t, 64, &vs, &trunc), 1);
    CHECK(!trunc);
    CHECK(vs[0].template.u.items == t.u.items); /* nothing resolved: no copy */
    CHECK_JSON(vs[0].conditions, "{}");
    rg_arena_fini(&a);
}

static void test_conditions_and_parameters(void) {
    rg_arena a;
    rg_arena_init(&a);
    rg_value t = rg_test_json(
        &a, "{\"Parameters\": {\"Env\": {\"Type\": \"String\", \"AllowedValues\": [\"dev\", \"prod\"]},"
            " \"Algo\": {\"Type\": \"String\", \"Default\": \"AES256\"}, \"Cidrs\": {\"Type\": \"CommaDelimitedList\", \"Default\": \"a,b\"}},"
            " \"Mappings\": {\"M\": {\"dev\": {\"Port\": 22}, \"prod\": {\"Port\": 443}}},"
            " \"Conditions\": {\"IsProd\": {\"Fn::Equals\": [{\"Ref\": \"Env\"}, \"prod\"]},"
            "   \"InUs\": {\"Fn::Equals\": [{\"Ref\": \"AWS::Region\"}, \"us-east-1\"]}},"
            " \"Resources\": {\"B\": {\"Type\": \"T\", \"Properties\": {"
            "   \"Enc\": {\"Fn::If\": [\"IsProd\", \"aws:kms\", {\"Ref\": \"Algo\"}]},"
            "   \"Tags\": [{\"Fn::If\": [\"InUs\", \"us\", {\"Ref\": \"AWS::NoValue\"}]}],"
            "   \"Port\": {\"Fn::FindInMap\": [\"M\", {\"Ref\": \"Env\"}, \"Port\"]},"
            "   \"Name\": {\"Fn::Sub\": \"${Env}-${AWS::AccountId}\"},"
            "   \"Joined\": {\"Fn::Join\": [\",\", {\"Ref\": \"Cidrs\"}]},"
            "   \"First\": {\"Fn::Select\": [\"1\", {\"Ref\": \"Cidrs\"}]}}},"
            "  \"Q\": {\"Type\": \"Q\", \"Condition\": \"IsProd\"}}}");
    rg_cfn_variant *vs;
    bool trunc;
    size_t n = rg_cfn_variants(&a, t, 64, &vs, &trunc);
    CHECK_INT(n, 4); /* Env x InUs */
    CHECK(!trunc);
    CHECK_JSON(vs[0].conditions, "{\"Env\":\"dev\",\"InUs\":true,\"IsProd\":false}");
    CHECK_JSON(rg_object_get_str(vs[0].template, "Resources"),
               "{\"B\":{\"Properties\":{\"Enc\":\"AES256\",\"First\":\"b\",\"Joined\":\"a,b\",\"Name\":{\"Fn::Sub\":"
               "\"dev-${AWS::AccountId}\"},\"Port\":22,\"Tags\":[\"us\"]},\"Type\":\"T\"}}");
    CHECK_JSON(vs[3].conditions, "{\"Env\":\"prod\",\"InUs\":false,\"IsProd\":true}");
    CHECK_JSON(rg_object_get_str(vs[3].template, "Resources"),
               "{\"B\":{\"Properties\":{\"Enc\":\"aws:kms\",\"First\":\"b\",\"Joined\":\"a,b\",\"Name\":{\"Fn::Sub\":"
               "\"prod-${AWS::AccountId}\"},\"Port\":443,\"Tags\":[]},\"Type\":\"T\"},\"Q\":{\"Condition\":\"IsProd\",\"Type\":\"Q\"}}");
    rg_arena_fini(&a);
}

static void test_too_many_combinations_are_covered(void) {
    rg_arena a;
    rg_arena_init(&a);
    rg_buf b = RG_BUF_INIT;
    rg_buf_puts(&b, "{\"Conditions\": {");
    for (int i = 0; i < 10; i++)
        rg_buf_printf(&b, "%s\"C%d\": {\"Fn::Equals\": [{\"Ref\": \"AWS::Region\"}, \"r%d\"]}", i ? "," : "", i, i);
    rg_buf_puts(&b, "}, \"Parameters\": {\"P\": {\"Type\": \"String\", \"AllowedValues\": [\"1\", \"2\", \"3\"]}}, \"Resources\": {\"R\": {\"Type\": \"T\", \"Properties\": {\"P\": {\"Ref\": \"P\"}");
    for (int i = 0; i < 10; i++) rg_buf_printf(&b, ", \"X%d\": {\"Fn::If\": [\"C%d\", 1, 2]}", i, i);
    rg_buf_puts(&b, "}}}}");
    rg_value t = rg_test_json(&a, rg_buf_cstr(&b));
    rg_buf_fini(&b);
    rg_cfn_variant *vs;
    bool trunc;
    size_t n = rg_cfn_variants(&a, t, 64, &vs, &trunc);
    CHECK(trunc);
    CHECK_INT(n, 3); /* lockstep: every value of P, both values of each condition */
    bool seen[3] = {0}, c0[2] = {0};
    for (size_t i = 0; i < n; i++) {
        rg_value p = rg_object_get_str(vs[i].conditions, "P");
        if (p.kind == RG_STRING) seen[p.u.s[0] - '1'] = true;
        c0[rg_is_true(rg_object_get_str(vs[i].conditions, "C0"))] = true;
    }
    CHECK(seen[0] && seen[1] && seen[2] && c0[0] && c0[1]);
    rg_arena_fini(&a);
}

static void test_hostile_nesting_is_bounded(void) {
    rg_arena a;
    rg_arena_init(&a);
    rg_buf b = RG_BUF_INIT;
    rg_buf_puts(&b, "{\"Conditions\": {\"A\": {\"Condition\": \"B\"}, \"B\": {\"Condition\": \"A\"}}, \"Resources\": {\"R\": {\"Type\": \"T\", \"Condition\": \"A\", \"Properties\": {\"X\": ");
    for (int i = 0; i < 200; i++) rg_buf_puts(&b, "{\"Fn::If\": [\"A\", ");
    rg_buf_puts(&b, "1");
    for (int i = 0; i < 200; i++) rg_buf_puts(&b, ", 2]}");
    rg_buf_puts(&b, "}}}}");
    rg_value t = rg_test_json(&a, rg_buf_cstr(&b));
    rg_buf_fini(&b);
    rg_cfn_variant *vs;
    bool trunc;
    size_t n = rg_cfn_variants(&a, t, 64, &vs, &trunc);
    CHECK(n >= 1 && n <= 64);
    rg_arena_fini(&a);
}

static void collect(void *ud, const char *logical_id, rg_value path, const char *reason) {
    rg_buf *b = ud;
    char *p = json(path);
    rg_buf_printf(b, "%s %s %.20s\n", logical_id ? logical_id : "-", p, reason);
    free(p);
}

static void test_unverifiable(void) {
    rg_arena a;
    rg_arena_init(&a);
    rg_value t = rg_test_json(
        &a, "{\"Transform\": [\"AWS::Serverless-2016-10-31\", {\"Name\": \"AWS::Include\"}], \"Resources\": {"
            "\"A\": {\"Type\": \"AWS::Serverless::Application\"},"
            "\"N\": {\"Type\": \"AWS::CloudFormation::Stack\", \"Properties\": {\"TemplateURL\": \"x\"}},"
            "\"B\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"K\": {\"Fn::ImportValue\": \"key\"},"
            "  \"L\": [{\"Fn::Frobnicate\": 1}], \"M\": {\"Fn::GetAtt\": [\"A\", \"Arn\"]}}},"
            "\"Fn::ForEach::Topics\": [\"T\", [\"a\"], {}]}}");
    rg_buf b = RG_BUF_INIT;
    rg_cfn_unverifiable(&a, t, collect, &b);
    CHECK_STR(rg_buf_cstr(&b), "- [\"Transform\",0] the template uses th\n"
                               "- [\"Transform\",1] the template uses th\n"
                               "A [] a serverless applica\n"
                               "B [\"Properties\",\"K\"] the value is importe\n"
                               "B [\"Properties\",\"L\",0] the value uses an in\n"
                               "- [\"Resources\",\"Fn::ForEach::Topics\"] Fn::ForEach (AWS::La\n"
                               "N [] a nested stack: its \n");
    rg_buf_fini(&b);
    rg_arena_fini(&a);
}

int main(void) {
    test_no_variables_shares_the_template();
    test_conditions_and_parameters();
    test_too_many_combinations_are_covered();
    test_hostile_nesting_is_bounded();
    test_unverifiable();
    return rg_test_report("cfn_variants");
}
