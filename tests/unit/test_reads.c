/* What rules read of a CloudFormation input (rego/reads.c). */
#include <string.h>

#include "rego/policy.h"
#include "testlib.h"

static const char lib[] =
    "package regent.cfn\n"
    "import rego.v1\n"
    "resources(type) := object.get(resources_by_type, type, {})\n"
    "resources_by_type := {t: {id: r | some id, r in input.Resources; r.Type == t} | some t in {r.Type | some r in input.Resources}}\n"
    "referrers(id) := {o | some o, r in input.Resources; walk(r, [_, v]); v.Ref == id}\n"
    "resource_ids := {id | some id, _ in input.Resources}\n";

static const char controls[] =
    "package c\n"
    "import rego.v1\n"
    "import data.regent.cfn\n"
    "log_target(id) if { some _, d in cfn.resources(\"AWS::CloudFront::Distribution\"); d.Properties.Logging.Bucket.Ref == id }\n"
    "typed contains id if { some id, b in cfn.resources(\"AWS::S3::Bucket\"); not log_target(id) }\n"
    "params contains p if { some p, _ in input.Parameters; cfn.resources(\"AWS::SQS::Queue\") }\n"
    "iterates contains id if { some id, r in input.Resources; r.Type == \"AWS::S3::Bucket\" }\n"
    "refs contains id if { some id, _ in cfn.resources(\"AWS::IAM::Role\"); cfn.referrers(id) }\n"
    "mocked if { typed with input as {} }\n"
    "exists contains x if { some x in input.Parameters.P.AllowedValues; x in cfn.resource_ids }\n"
    "globals if { input.Globals.Function.Runtime }\n";

static rg_node *node(rg_policy *p, const char *a, const char *b) {
    return rg_node_child(rg_node_child(p->root, rg_string_static(a, strlen(a))), rg_string_static(b, strlen(b)));
}

static bool reads(rg_policy *p, const char *rule, const char *want) {
    rg_vec types = RG_VEC_INIT;
    bool local = rg_node_reads(p, node(p, "c", rule), &types);
    rg_buf b = RG_BUF_INIT;
    for (size_t i = 0; i < types.len; i++) rg_buf_printf(&b, "%s%s", i ? " " : "", types.items[i].u.s);
    bool ok = local ? !strcmp(rg_buf_cstr(&b), want) : !strcmp(want, "GENERIC");
    if (!ok) rg_test_fail(__FILE__, __LINE__, "%s: %s, got %s", rule, want, local ? rg_buf_cstr(&b) : "GENERIC");
    rg_buf_fini(&b);
    rg_vec_fini(&types);
    return ok;
}

int main(void) {
    rg_diags d = RG_DIAGS_INIT;
    rg_policy *p = rg_policy_new();
    CHECK_INT(rg_policy_add_module(p, "lib.rego", lib, strlen(lib), &d), 0);
    CHECK_INT(rg_policy_add_module(p, "c.rego", controls, strlen(controls), &d), 0);
    CHECK_INT(rg_policy_compile(p, &d), 0);
    for (size_t i = 0; i < d.len; i++) rg_test_fail(__FILE__, __LINE__, "%s", d.items[i].msg);
    /* Through the index only: the types named, through the functions used. */
    CHECK(reads(p, "typed", "AWS::S3::Bucket AWS::CloudFront::Distribution"));
    /* Parameters are the same in every variant. */
    CHECK(reads(p, "params", "AWS::SQS::Queue"));
    /* Iterating the resources, or a helper that does, reads anything. */
    CHECK(reads(p, "iterates", "GENERIC"));
    CHECK(reads(p, "refs", "GENERIC"));
    /* Which resources exist, and sections every variant shares. */
    CHECK(reads(p, "exists", "::ids"));
    CHECK(reads(p, "globals", ""));
    /* `with` replaces the input: anything. */
    CHECK(reads(p, "mocked", "GENERIC"));
    rg_policy_free(p);
    rg_diags_fini(&d);
    return rg_test_report("reads");
}
