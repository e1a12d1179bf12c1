/* The control catalogue: metadata extraction, coverage, validation, over
 * the small policy sets in tests/cli/data/policies (runs in tests/). */
#include <stdlib.h>
#include <string.h>

#include "review/catalog.h"
#include "testlib.h"

#define DATA "cli/data/policies/"

static rg_catalog load(const char *path) {
    const char *paths[] = {path};
    rg_catalog_options o = {paths, 1, true};
    rg_catalog c;
    CHECK_INT(rg_catalog_load(&o, &c), 0);
    CHECK_INT(c.errors.len, 0);
    return c;
}

static const rg_catalog_control *find(const rg_catalog *c, const char *id) {
    for (size_t i = 0; i < c->n_controls; i++)
        if (!strcmp(c->controls[i].id, id)) return &c->controls[i];
    return NULL;
}

static const rg_named_ids *named(const rg_named_ids *ids, size_t n, const char *name) {
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ids[i].name, name)) return &ids[i];
    return NULL;
}

/* JSON text of v (malloc'd by rg_json_dump: freed by the caller). */
static void check_json(rg_value v, const char *want) {
    char *got = rg_json_dump(v, 0);
    CHECK_STR(got, want);
    free(got);
}

static void test_full_metadata(void) {
    rg_catalog c = load(DATA "catalog");
    CHECK_INT(c.problems.len, 0);
    CHECK_INT(c.n_controls, 3); /* helpers.rego has no deny/violation/warn: not a control */
    const rg_catalog_control *s3 = find(&c, "S3.101");
    CHECK(s3 != NULL);
    if (s3) {
        CHECK_STR(s3->package, "data.regent.aws.s3.bucket_encryption");
        CHECK_STR(s3->service, "s3");
        CHECK_STR(s3->title, "Buckets are encrypted with a customer-managed key");
        CHECK(s3->description && strstr(s3->description, "AWS-managed key can be read"));
        CHECK_INT(s3->severity, RG_SEV_HIGH);
        CHECK_INT(s3->resource_types.len, 1);
        CHECK_STR(s3->resource_types.items[0], "AWS::S3::Bucket");
        CHECK_STR(s3->threats.items[0], "T01");
        CHECK_STR(s3->mitigations.items[0], "M01");
        const rg_named_ids *nist = named(s3->frameworks, s3->n_frameworks, "nist-800-53");
        CHECK(nist && nist->ids.len == 2 && !strcmp(nist->ids.items[0], "SC-28") && !strcmp(nist->ids.items[1], "SC-12"));
        const rg_named_ids *cis = named(s3->frameworks, s3->n_frameworks, "cis-aws");
        CHECK(cis && cis->ids.len == 1 && !strcmp(cis->ids.items[0], "2.1.1"));
        const rg_named_ids *nag = named(s3->aliases, s3->n_aliases, "cfn_nag");
        CHECK(nag && nag->ids.len == 1 && !strcmp(nag->ids.items[0], "W41"));
        CHECK(s3->remediation && strstr(s3->remediation, "```ts\nnew s3.Bucket"));
        CHECK_STR(s3->approval_status, "approved");
        CHECK_STR(s3->approval_reviewer, "security engineering");
        CHECK_STR(s3->approval_date, "2026-11-23");
        CHECK_STR(s3->source_file, DATA "catalog/bucket_encryption.rego");
        CHECK_INT(s3->line, 2); /* the METADATA line */
    }
    rg_catalog_fini(&c);
}

static void test_defaults_and_services(void) {
    rg_catalog c = load(DATA "catalog");
    /* Natural order by id. */
    CHECK_STR(c.controls[0].id, "NET.002");
    CHECK_STR(c.controls[1].id, "NET.010");
    CHECK_STR(c.controls[2].id, "S3.101");
    const rg_catalog_control *net = find(&c, "NET.002"), *logs = find(&c, "NET.010");
    CHECK(net && logs);
    if (net && logs) {
        CHECK_STR(net->service, "net"); /* outside regent.aws: the id's prefix, lower-cased */
        CHECK_STR(logs->service, "logs"); /* under regent.aws: the package segment */
        CHECK_INT(net->severity, RG_SEV_CRITICAL);
        CHECK_INT(net->resource_types.len, 2);
        CHECK_STR(net->approval_status, "pending");
        CHECK(net->approval_reviewer == NULL && net->remediation == NULL && net->n_aliases == 0);
        /* No approval block: pending; a single string is a list of one. */
        CHECK_STR(logs->approval_status, "pending");
        CHECK_INT(logs->resource_types.len, 1);
        CHECK_STR(logs->resource_types.items[0], "AWS::Logs::LogGroup");
        CHECK(logs->description == NULL);
    }
    rg_catalog_fini(&c);
}

static void test_document(void) {
    rg_catalog c = load(DATA "catalog");
    rg_value doc = rg_catalog_document(&c);
    check_json(rg_object_get_str(doc, "counts"),
               "{\"approved\":1,\"controls\":3,\"pending\":2,\"resource_types\":4,\"services\":3}");
    rg_value cov = rg_object_get_str(doc, "coverage");
    check_json(rg_object_get_str(cov, "threats"),
               "{\"T01\":[\"S3.101\"],\"T03\":[\"NET.002\"],\"T07\":[\"NET.002\"],\"T08\":[\"NET.010\"]}");
    check_json(rg_object_get_str(rg_object_get_str(cov, "frameworks"), "cis-aws"),
               "{\"2.1.1\":[\"S3.101\"],\"5.2\":[\"NET.002\"]}");
    check_json(rg_object_get_str(rg_object_get_str(cov, "services"), "net"),
               "{\"controls\":1,\"resource_types\":[\"AWS::EC2::SecurityGroup\",\"AWS::EC2::SecurityGroupIngress\"]}");
    check_json(rg_object_get_str(cov, "approval"), "{\"approved\":1,\"pending\":2}");
    rg_value controls = rg_object_get_str(doc, "controls");
    CHECK_INT(controls.len, 3);
    rg_value net = controls.u.items[0];
    check_json(rg_object_get_str(net, "approval"), "{\"date\":null,\"reviewer\":null,\"status\":\"pending\"}");
    check_json(rg_object_get_str(net, "remediation"), "null");
    check_json(rg_object_get_str(net, "frameworks"), "{\"cis-aws\":[\"5.2\"],\"nist-800-53\":[\"SC-7\",\"AC-17\",\"AC-4\"]}");
    rg_diags d = RG_DIAGS_INIT;
    CHECK_INT(rg_catalog_check_threats(&c, &d), 0);
    rg_diags_fini(&d);
    rg_catalog_fini(&c);
}

static bool has_problem(const rg_diags *d, const char *file, const char *text) {
    for (size_t i = 0; i < d->len; i++)
        if (strstr(d->items[i].msg, text) && d->items[i].file && strstr(d->items[i].file, file) &&
            !strcmp(d->items[i].code, "metadata_error") && d->items[i].line == 2)
            return true;
    return false;
}

static void test_bad_metadata(void) {
    rg_catalog c = load(DATA "bad-metadata");
    CHECK_INT(c.n_controls, 2);
    const rg_diags *p = &c.problems;
    CHECK(has_problem(p, "first.rego", "BAD.001: title must be a string, not array"));
    CHECK(has_problem(p, "first.rego", "unknown severity 'urgent'"));
    CHECK(has_problem(p, "first.rego", "threats must be a list of strings, not object"));
    CHECK(has_problem(p, "first.rego", "'S3 bucket' is not a CloudFormation type"));
    CHECK(has_problem(p, "first.rego", "'M1' is not an id of the form M01"));
    CHECK(has_problem(p, "first.rego", "frameworks.nist-800-53 entries must be strings"));
    CHECK(has_problem(p, "first.rego", "aliases must be a mapping"));
    CHECK(has_problem(p, "first.rego", "approval.status must be approved or pending, not 'aproved'"));
    CHECK(has_problem(p, "second.rego", "an approved control names its reviewer and date"));
    CHECK(has_problem(p, "second.rego", "id also used by data.acme.bad.first"));
    CHECK_INT(p->len, 10);
    /* What was well-formed is kept; the rest falls back to defaults. */
    const rg_catalog_control *first = c.controls[0].package && !strcmp(c.controls[0].package, "data.acme.bad.first")
                                          ? &c.controls[0]
                                          : &c.controls[1];
    CHECK(first->title == NULL);
    CHECK_INT(first->severity, RG_SEV_MEDIUM);
    CHECK_INT(first->threats.len, 0);
    CHECK_INT(first->mitigations.len, 2);
    const rg_named_ids *nist = named(first->frameworks, first->n_frameworks, "nist-800-53");
    CHECK(nist && nist->ids.len == 1 && !strcmp(nist->ids.items[0], "AC-2"));
    const rg_named_ids *soc2 = named(first->frameworks, first->n_frameworks, "soc2");
    CHECK(soc2 && soc2->ids.len == 1 && !strcmp(soc2->ids.items[0], "CC6.1"));
    CHECK_STR(first->approval_status, "aproved");
    /* Two controls sharing an id both count for their service. */
    rg_value doc = rg_catalog_document(&c);
    check_json(rg_object_get_str(doc, "counts"),
               "{\"approved\":1,\"controls\":2,\"pending\":1,\"resource_types\":1,\"services\":1}");
    rg_catalog_fini(&c);
}

static void test_missing_threats(void) {
    rg_catalog c = load(DATA "no-threats.rego");
    CHECK_INT(c.problems.len, 0); /* fine for a listing */
    CHECK_INT(c.n_controls, 1);
    CHECK_STR(c.controls[0].id, "acme.queues.dlq"); /* no custom.id: the package path */
    CHECK_STR(c.controls[0].service, "acme");
    CHECK_STR(c.controls[0].title, "Queues have a dead-letter queue");
    rg_diags d = RG_DIAGS_INIT;
    CHECK_INT(rg_catalog_check_threats(&c, &d), 1);
    CHECK(d.len == 1 && strstr(d.items[0].msg, "acme.queues.dlq: names no threats and no mitigations"));
    CHECK(d.len == 1 && d.items[0].line == 2 && !strcmp(d.items[0].file, DATA "no-threats.rego"));
    rg_diags_fini(&d);
    rg_catalog_fini(&c);
}

static void test_load_errors(void) {
    const char *paths[] = {DATA "syntax-error.rego"};
    rg_catalog_options o = {paths, 1, true};
    rg_catalog c;
    CHECK_INT(rg_catalog_load(&o, &c), -1);
    CHECK_INT(c.n_controls, 0);
    CHECK(c.errors.len >= 1 && !strcmp(c.errors.items[0].code, "rego_parse_error") && c.errors.items[0].line == 9);
    rg_catalog_fini(&c);
    const char *missing[] = {DATA "does-not-exist"};
    o.policy_paths = missing;
    CHECK_INT(rg_catalog_load(&o, &c), -1);
    CHECK(c.errors.len == 1 && !strcmp(c.errors.items[0].code, "load_error"));
    rg_catalog_fini(&c);
}

/* The embedded library: its controls and the engine's GOV.* ones (exact
 * contents change as the library grows, so only its shape is checked). */
static void test_builtin(void) {
    rg_catalog_options o = {NULL, 0, false};
    rg_catalog c;
    CHECK_INT(rg_catalog_load(&o, &c), 0);
    CHECK(c.n_controls > 50);
    const rg_catalog_control *s3 = find(&c, "S3.001"), *gov = NULL;
    for (size_t i = 0; i < c.n_controls && !gov; i++)
        if (!strncmp(c.controls[i].id, "GOV.", 4)) gov = &c.controls[i];
    CHECK(s3 && !strcmp(s3->service, "s3") && !strncmp(s3->source_file, "policies/aws/s3/", 16));
    CHECK(gov && gov->package == NULL && gov->source_file == NULL && !strcmp(gov->service, "gov"));
    CHECK(gov && gov->threats.len == 1 && !strcmp(gov->threats.items[0], "T15"));
    for (size_t i = 1; i < c.n_controls; i++) CHECK(rg_natural_compare(c.controls[i - 1].id, c.controls[i].id) <= 0);
    rg_catalog_fini(&c);
}

static void test_natural_compare(void) {
    CHECK(rg_natural_compare("AU-2", "AU-12") < 0);
    CHECK(rg_natural_compare("AU-12", "AU-2") > 0);
    CHECK(rg_natural_compare("S3.009", "S3.010") < 0);
    CHECK(rg_natural_compare("T02", "T10") < 0);
    CHECK(rg_natural_compare("AC-2", "AC-2") == 0);
    CHECK(rg_natural_compare("AC-2", "AC-2(1)") < 0);
    CHECK(rg_natural_compare("S3.1", "S3.01") != 0); /* still a total order */
    CHECK(rg_natural_compare("EC2.001", "ECS.001") < 0);
    CHECK(rg_natural_compare("", "A") < 0);
}

int main(void) {
    test_full_metadata();
    test_defaults_and_services();
    test_document();
    test_bad_metadata();
    test_missing_threats();
    test_load_errors();
    test_builtin();
    test_natural_compare();
    return rg_test_report("catalog");
}
