/* Governance: the configuration file (keys, types, positions of errors,
 * relative waiver paths), waiver files (required fields, dates, positioned
 * errors, matching by control, resource, stack and file globs, expiry,
 * stale and out-of-scope waivers), the no-review list (defaults, globs,
 * configured additions and removals, and the docs table kept in step),
 * control metadata, and GOV.001/GOV.002 on a real template. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "review/config.h"
#include "review/governance.h"
#include "review/waivers.h"
#include "testlib.h"

static bool has_diag(const rg_diags *d, int line, int col, const char *text) {
    for (size_t i = 0; i < d->len; i++)
        if (d->items[i].line == line && d->items[i].col == col && strstr(d->items[i].msg, text)) return true;
    return false;
}

static void print_diags(const rg_diags *d) {
    for (size_t i = 0; i < d->len; i++) {
        rg_buf b = RG_BUF_INIT;
        rg_diag_format(&b, &d->items[i]);
        fprintf(stderr, "  %s\n", rg_buf_cstr(&b));
        rg_buf_fini(&b);
    }
}

/* ---- configuration ---- */

static void test_config_valid(void) {
    const char *text = "# settings\n"
                       "governance: false\n"
                       "no_inline_suppressions: true\n"
                       "waivers: [waivers/security.yaml, /etc/regent/global.yaml]\n"
                       "no_review_types: [\"AWS::SNS::*\", AWS::Logs::LogGroup]\n"
                       "review_types: AWS::KMS::Alias\n"
                       "fail_on: high\n";
    rg_config c;
    rg_config_init(&c);
    rg_diags d = RG_DIAGS_INIT;
    CHECK_INT(rg_config_parse(&c, "team/.regent.yaml", text, strlen(text), &d), 0);
    print_diags(&d);
    CHECK_INT(c.governance, 0);
    CHECK_INT(c.no_inline_suppressions, 1);
    CHECK_INT(c.fail_on, RG_SEV_HIGH);
    CHECK_INT(c.n_waivers, 2);
    if (c.n_waivers == 2) {
        CHECK_STR(c.waivers[0], "team/waivers/security.yaml"); /* relative to the config file */
        CHECK_STR(c.waivers[1], "/etc/regent/global.yaml");
    }
    CHECK_INT(c.n_no_review_types, 2);
    if (c.n_no_review_types == 2) CHECK_STR(c.no_review_types[0], "AWS::SNS::*");
    CHECK_INT(c.n_review_types, 1); /* one string is a list of one */
    rg_config_fini(&c);
    rg_diags_fini(&d);
}

static void test_config_defaults(void) {
    rg_config c;
    rg_config_init(&c);
    rg_diags d = RG_DIAGS_INIT;
    CHECK_INT(rg_config_parse(&c, ".regent.yaml", "", 0, &d), 0); /* empty: nothing set */
    CHECK_INT(c.governance, RG_CONFIG_UNSET);
    CHECK_INT(c.no_inline_suppressions, RG_CONFIG_UNSET);
    CHECK_INT(c.fail_on, RG_CONFIG_UNSET);
    CHECK_INT(c.n_waivers, 0);
    rg_config_fini(&c);
    rg_config_init(&c);
    const char *text = "waivers: [w.yaml]\nfail_on: never\n";
    CHECK_INT(rg_config_parse(&c, ".regent.yaml", text, strlen(text), &d), 0);
    if (c.n_waivers == 1) CHECK_STR(c.waivers[0], "w.yaml"); /* no folder: kept as written */
    CHECK_INT(c.fail_on, -1);
    CHECK_INT(d.len, 0);
    rg_config_fini(&c);
    rg_diags_fini(&d);
}

static void test_config_errors(void) {
    const char *text = "governance: yes please\n"
                       "no_inline_suppression: true\n"
                       "waivers: {a: 1}\n"
                       "no_review_types: [AWS::SNS::Topic, 7, \"\"]\n"
                       "fail_on: severe\n";
    rg_config c;
    rg_config_init(&c);
    rg_diags d = RG_DIAGS_INIT;
    CHECK_INT(rg_config_parse(&c, "bad.yaml", text, strlen(text), &d), 5);
    CHECK(has_diag(&d, 1, 13, "governance must be true or false, not string"));
    CHECK(has_diag(&d, 2, 1, "unknown key \"no_inline_suppression\""));
    CHECK(has_diag(&d, 3, 10, "waivers must be a list of strings, not object"));
    CHECK(has_diag(&d, 4, 36, "no_review_types[1] must be a non-empty string, not number"));
    CHECK(has_diag(&d, 5, 10, "fail_on must be info, low"));
    for (size_t i = 0; i < d.len; i++) {
        CHECK_STR(d.items[i].code, "config_error");
        CHECK_STR(d.items[i].file, "bad.yaml");
    }
    CHECK_INT(c.governance, RG_CONFIG_UNSET); /* a bad value sets nothing */
    rg_config_fini(&c);
    rg_diags_fini(&d);

    rg_config_init(&c);
    CHECK_INT(rg_config_parse(&c, "list.yaml", "- a\n- b\n", 8, &d), 1);
    CHECK(has_diag(&d, 1, 1, "must be a mapping of settings, not array"));
    rg_config_fini(&c);
    rg_diags_fini(&d);

    rg_config_init(&c);
    CHECK(rg_config_parse(&c, "syntax.yaml", "a: [1,\n", 7, &d) >= 1);
    CHECK(d.len >= 1 && !strcmp(d.items[0].code, "yaml_parse_error"));
    rg_config_fini(&c);
    rg_diags_fini(&d);

    rg_config_init(&c);
    CHECK_INT(rg_config_parse(&c, "dup.yaml", "fail_on: low\nfail_on: high\n", 26, &d), 1);
    CHECK(d.len == 1 && strstr(d.items[0].msg, "duplicate key"));
    rg_config_fini(&c);
    rg_diags_fini(&d);

    rg_config_init(&c);
    CHECK_INT(rg_config_load(&c, "no/such/config.yaml", &d), 1);
    CHECK(d.len == 1 && strstr(d.items[0].msg, "cannot read the configuration"));
    rg_config_fini(&c);
    rg_diags_fini(&d);
}

/* ---- waivers: parsing ---- */

static const char waivers_text[] = "waivers:\n"                                     /* 1 */
                                   "  - control: S3.001\n"                          /* 2 */
                                   "    stacks: [storage-*]\n"                      /* 3 */
                                   "    files: [\"cdk.out/*.template.json\"]\n"     /* 4 */
                                   "    resources: [AccessLogs*]\n"                 /* 5 */
                                   "    reason: ELB logs need SSE-S3\n"             /* 6 */
                                   "    owner: platform@example.com\n"              /* 7 */
                                   "    ticket: SEC-1234\n"                         /* 8 */
                                   "    expires: 2027-06-30\n"                      /* 9 */
                                   "  - control: GOV.001\n"                         /* 10 */
                                   "    resources: Topic\n"                         /* 11 */
                                   "    reason: reviewed by hand\n"                 /* 12 */
                                   "    owner: me\n"                                /* 13 */
                                   "    expires: 2026-01-31\n";                     /* 14 */

static void test_waivers_parse(void) {
    rg_waivers w;
    rg_waivers_init(&w);
    rg_diags d = RG_DIAGS_INIT;
    CHECK_INT(rg_waivers_parse(&w, "w.yaml", waivers_text, strlen(waivers_text), &d), 0);
    print_diags(&d);
    CHECK_INT(w.len, 2);
    if (w.len == 2) {
        const rg_waiver *x = &w.items[0];
        CHECK_STR(x->control, "S3.001");
        CHECK_INT(x->n_stacks, 1);
        CHECK_INT(x->n_files, 1);
        CHECK_INT(x->n_resources, 1);
        CHECK_STR(x->reason, "ELB logs need SSE-S3");
        CHECK_STR(x->owner, "platform@example.com");
        CHECK_STR(x->ticket, "SEC-1234");
        CHECK_STR(x->expires, "2027-06-30");
        CHECK_STR(x->file, "w.yaml");
        CHECK_INT(x->line, 2);
        CHECK_INT(x->col, 5);
        CHECK_STR(x->source_line, "  - control: S3.001");
        CHECK(w.items[1].ticket == NULL);
        CHECK_INT(w.items[1].n_resources, 1);
        CHECK_INT(w.items[1].line, 10);
    }
    rg_waivers_fini(&w);
    rg_diags_fini(&d);
}

static void test_waivers_errors(void) {
    const char *text = "waivers:\n"
                       "  - control: S3.001\n"          /* 2: no reason */
                       "    resources: [A]\n"
                       "    owner: me\n"
                       "    expires: 2027-02-30\n"      /* 5: no such day */
                       "  - control: GOV.004\n"         /* 6: cannot be waived */
                       "    resources: [A]\n"
                       "    reason: r\n"
                       "    owner: me\n"
                       "    expires: 2027-01-01\n"
                       "  - control: S3.002\n"          /* 11: still kept */
                       "    resources: [B]\n"
                       "    reason: r\n"
                       "    owner: me\n"
                       "    expires: 2027-01-01\n"
                       "  - control: S3.003\n"          /* 16 */
                       "    resource: [C]\n"            /* 17: unknown key; resources missing */
                       "    resources: []\n"            /* 18: empty */
                       "    reason: \"\"\n"             /* 19: empty */
                       "    owner: 42\n"                /* 20: not a string */
                       "    expires: 2027-01-01\n"
                       "  - nope\n"                     /* 22 */
                       "extra: 1\n";                    /* 23 */
    rg_waivers w;
    rg_waivers_init(&w);
    rg_diags d = RG_DIAGS_INIT;
    int n = rg_waivers_parse(&w, "bad.yaml", text, strlen(text), &d);
    CHECK_INT(n, (int)d.len);
    CHECK(has_diag(&d, 2, 5, "waiver has no reason (required)"));
    CHECK(has_diag(&d, 5, 14, "expires must be a date YYYY-MM-DD, not \"2027-02-30\""));
    CHECK(has_diag(&d, 6, 5, "GOV.004 findings (about waivers themselves) cannot be waived"));
    CHECK(has_diag(&d, 17, 5, "unknown waiver key \"resource\""));
    CHECK(has_diag(&d, 18, 16, "resources must name at least one"));
    CHECK(has_diag(&d, 19, 13, "reason must be a non-empty string, not an empty one"));
    CHECK(has_diag(&d, 20, 12, "owner must be a non-empty string, not number"));
    CHECK(has_diag(&d, 22, 5, "a waiver must be a mapping"));
    CHECK(has_diag(&d, 23, 1, "unknown key \"extra\""));
    for (size_t i = 1; i < d.len; i++) /* in file order */
        CHECK(d.items[i - 1].line < d.items[i].line ||
              (d.items[i - 1].line == d.items[i].line && d.items[i - 1].col <= d.items[i].col));
    for (size_t i = 0; i < d.len; i++) CHECK_STR(d.items[i].code, "waiver_error");
    CHECK_INT(w.len, 1); /* the valid entry is kept */
    if (w.len == 1) CHECK_STR(w.items[0].control, "S3.002");
    rg_waivers_fini(&w);
    rg_diags_fini(&d);

    rg_waivers_init(&w);
    CHECK_INT(rg_waivers_parse(&w, "list.yaml", "waivers: 3\n", 11, &d), 1);
    CHECK(has_diag(&d, 1, 10, "waivers must be a list of waivers, not number"));
    CHECK_INT(rg_waivers_parse(&w, "empty.yaml", "", 0, &d), 0); /* nothing to waive */
    CHECK_INT(rg_waivers_load(&w, "no/such/waivers.yaml", &d), 1);
    CHECK(strstr(d.items[d.len - 1].msg, "cannot read the waivers file") != NULL);
    CHECK_INT(w.len, 0);
    rg_waivers_fini(&w);
    rg_diags_fini(&d);
}

static void test_dates(void) {
    CHECK(rg_date_valid("2027-06-30"));
    CHECK(rg_date_valid("2024-02-29"));
    CHECK(rg_date_valid("2000-02-29"));
    CHECK(!rg_date_valid("1900-02-29"));
    CHECK(!rg_date_valid("2027-02-29"));
    CHECK(!rg_date_valid("2027-13-01"));
    CHECK(!rg_date_valid("2027-00-10"));
    CHECK(!rg_date_valid("2027-04-31"));
    CHECK(!rg_date_valid("2027-6-30"));
    CHECK(!rg_date_valid("2027/06/30"));
    CHECK(!rg_date_valid("2027-06-30T00:00:00Z"));
    CHECK(!rg_date_valid(""));
    CHECK(!rg_date_valid(NULL));
    char today[11];
    rg_today_utc(today);
    CHECK(rg_date_valid(today));
    CHECK(strcmp(today, "2024-01-01") > 0);
}

/* ---- waivers: matching and applying ---- */

static const rg_control ctl[] = {
    {.id = "S3.001", .severity = RG_SEV_HIGH},
    {.id = "GOV.001", .severity = RG_SEV_HIGH},
    {.id = "GOV.004", .severity = RG_SEV_MEDIUM},
};

static void test_waiver_matching(void) {
    rg_waivers w;
    rg_waivers_init(&w);
    rg_diags d = RG_DIAGS_INIT;
    rg_waivers_parse(&w, "w.yaml", waivers_text, strlen(waivers_text), &d);
    CHECK_INT(w.len, 2);
    if (w.len != 2) goto out;
    const rg_waiver *x = &w.items[0];
    rg_finding f = {.control = 0, .logical_id = "AccessLogsBucket8398", .stack = "storage-hardened",
                    .file = "cdk.out/storage-hardened.template.json"};
    CHECK(rg_waiver_matches(x, "S3.001", &f));
    CHECK(!rg_waiver_matches(x, "S3.002", &f)); /* another control */
    CHECK(!rg_waiver_matches(x, NULL, &f));
    f.file = "./cdk.out/storage-hardened.template.json"; /* ./ does not matter */
    CHECK(rg_waiver_matches(x, "S3.001", &f));
    f.file = "other/storage-hardened.template.json";
    CHECK(!rg_waiver_matches(x, "S3.001", &f));
    f.file = "cdk.out/storage-hardened.template.json";
    f.stack = "web-hardened";
    CHECK(!rg_waiver_matches(x, "S3.001", &f));
    f.stack = NULL; /* a plain template has no stack: a stack-scoped waiver does not apply */
    CHECK(!rg_waiver_matches(x, "S3.001", &f));
    f.stack = "storage-insecure";
    f.logical_id = "DataBucket";
    CHECK(!rg_waiver_matches(x, "S3.001", &f));
    f.logical_id = NULL;
    CHECK(!rg_waiver_matches(x, "S3.001", &f));

    /* No stacks or files: any template; a file pattern without a slash
     * matches the base name. */
    const rg_waiver *y = &w.items[1];
    rg_finding g = {.control = 1, .logical_id = "Topic", .file = "a/b/t.yaml"};
    CHECK(rg_waiver_matches(y, "GOV.001", &g));
    rg_waiver z = *y;
    const char *files[] = {"t.yaml"};
    z.files = files, z.n_files = 1;
    CHECK(rg_waiver_matches(&z, "GOV.001", &g));
    files[0] = "b/t.yaml"; /* with a slash: the whole path */
    CHECK(!rg_waiver_matches(&z, "GOV.001", &g));
    files[0] = "*/t.yaml"; /* `*` crosses folders */
    CHECK(rg_waiver_matches(&z, "GOV.001", &g));
out:
    rg_waivers_fini(&w);
    rg_diags_fini(&d);
}

static void test_waivers_apply(void) {
    const char *text = "waivers:\n"
                       "  - {control: S3.001, resources: [Logs], reason: live, owner: o, ticket: T-1, expires: 2027-01-01}\n"
                       "  - {control: S3.001, resources: [Data], reason: old, owner: o, expires: 2026-11-30}\n"
                       "  - {control: S3.001, resources: [Gone], reason: stale, owner: o, expires: 2027-01-01}\n"
                       "  - {control: S3.001, stacks: [other], resources: [Gone], reason: scope, owner: o, expires: 2027-01-01}\n"
                       "  - {control: X.999, resources: [Logs], reason: unknown, owner: o, expires: 2027-01-01}\n"
                       "  - {control: GOV.001, resources: [Logs], reason: today, owner: o, expires: 2026-12-01}\n";
    rg_waivers w;
    rg_waivers_init(&w);
    rg_diags d = RG_DIAGS_INIT;
    CHECK_INT(rg_waivers_parse(&w, "w.yaml", text, strlen(text), &d), 0);
    print_diags(&d);
    rg_arena a;
    rg_arena_init(&a);
    rg_finding_list l = {0};
    rg_finding_list_push(&l, &(rg_finding){.control = 0, .logical_id = "Logs", .file = "t.yaml", .message = "m1"});
    rg_finding_list_push(&l, &(rg_finding){.control = 0, .logical_id = "Data", .file = "t.yaml", .message = "m2"});
    rg_finding_list_push(&l, &(rg_finding){.control = 1, .logical_id = "Logs", .file = "t.yaml", .message = "m3"});
    rg_scanned scanned[] = {{"t.yaml", NULL, 3}};
    rg_waiver_ctx c = {&a, ctl, 3, 2, "2026-12-01", scanned, 1};
    rg_waivers_apply(&w, &c, &l);
    CHECK_INT(l.len, 6); /* 3 findings + expired + stale + unknown control */
    if (l.len == 6) {
        CHECK(l.items[0].suppressed);
        CHECK_STR(l.items[0].suppress_reason, "live");
        CHECK_STR(l.items[0].suppress_source, "waiver w.yaml:2 (o, T-1, expires 2027-01-01)");
        CHECK(!l.items[1].suppressed); /* its waiver expired yesterday */
        CHECK(l.items[2].suppressed);  /* expires today: still valid */
        CHECK_STR(l.items[2].suppress_source, "waiver w.yaml:7 (o, expires 2026-12-01)");
        for (size_t i = 3; i < 6; i++) {
            CHECK_INT(l.items[i].control, 2);
            CHECK_STR(l.items[i].file, "w.yaml");
            CHECK_INT(l.items[i].severity, RG_SEV_MEDIUM);
        }
        CHECK_INT(l.items[3].line, 3);
        CHECK(strstr(l.items[3].message, "waiver of S3.001 for Data (o) expired on 2026-11-30") != NULL);
        CHECK_INT(l.items[4].line, 4);
        CHECK(strstr(l.items[4].message, "matches no finding: it is stale") != NULL);
        CHECK_INT(l.items[5].line, 6);
        CHECK(strstr(l.items[5].message, "names X.999, which no loaded control has as its id") != NULL);
        CHECK_STR(l.items[5].source_line, "  - {control: X.999, resources: [Logs], reason: unknown, owner: o, expires: 2027-01-01}");
    }
    free(l.items);
    rg_arena_fini(&a);
    rg_waivers_fini(&w);
    rg_diags_fini(&d);
}

/* A waiver of a GOV check that this run does not make is not stale; one
 * of an unknown ordinary control is. */
static void test_waivers_gov_off(void) {
    const char *text = "waivers:\n"
                       "  - {control: GOV.001, resources: [T], reason: r, owner: o, expires: 2027-01-01}\n"
                       "  - {control: S3.009, resources: [T], reason: r, owner: o, expires: 2027-01-01}\n";
    static const rg_control only[] = {{.id = "S3.001"}, {.id = "GOV.004", .severity = RG_SEV_MEDIUM}};
    rg_waivers w;
    rg_waivers_init(&w);
    rg_diags d = RG_DIAGS_INIT;
    CHECK_INT(rg_waivers_parse(&w, "w.yaml", text, strlen(text), &d), 0);
    rg_arena a;
    rg_arena_init(&a);
    rg_finding_list l = {0};
    rg_scanned scanned[] = {{"t.yaml", NULL, 1}};
    rg_waiver_ctx c = {&a, only, 2, 1, "2026-12-01", scanned, 1};
    rg_waivers_apply(&w, &c, &l);
    CHECK_INT(l.len, 1);
    if (l.len == 1) CHECK(strstr(l.items[0].message, "names S3.009") != NULL);
    /* Nothing scanned: nothing is in scope, nothing is stale. */
    free(l.items);
    l = (rg_finding_list){0};
    c.n_scanned = 0;
    rg_waivers_apply(&w, &c, &l);
    CHECK_INT(l.len, 0);
    free(l.items);
    rg_arena_fini(&a);
    rg_waivers_fini(&w);
    rg_diags_fini(&d);
}

/* ---- the no-review list ---- */

static void test_no_review(void) {
    CHECK(rg_gov_no_review_reason(NULL, "AWS::CDK::Metadata") != NULL);
    CHECK(rg_gov_no_review_reason(NULL, "AWS::KMS::Alias") != NULL);
    CHECK(rg_gov_no_review_reason(NULL, "Custom::S3AutoDeleteObjects") != NULL);
    CHECK(rg_gov_no_review_reason(NULL, "Custom::") != NULL);
    CHECK(rg_gov_no_review_reason(NULL, "AWS::S3::Bucket") == NULL);
    CHECK(rg_gov_no_review_reason(NULL, "AWS::KMS::Key") == NULL);
    CHECK(rg_gov_no_review_reason(NULL, "aws::kms::alias") == NULL); /* types are case-sensitive */
    CHECK(rg_gov_no_review_reason(NULL, NULL) == NULL);
    const char *extra[] = {"AWS::SNS::*", "AWS::Logs::LogGroup"};
    const char *review[] = {"Custom::Important*", "AWS::KMS::Alias"};
    rg_gov_types t = {extra, 2, review, 2};
    CHECK_STR(rg_gov_no_review_reason(&t, "AWS::SNS::Topic"), "listed in no_review_types");
    CHECK(rg_gov_no_review_reason(&t, "AWS::Logs::LogGroup") != NULL);
    CHECK(rg_gov_no_review_reason(&t, "AWS::SQS::Queue") == NULL);
    CHECK(rg_gov_no_review_reason(&t, "AWS::KMS::Alias") == NULL);      /* taken off the defaults */
    CHECK(rg_gov_no_review_reason(&t, "Custom::ImportantThing") == NULL);
    CHECK(rg_gov_no_review_reason(&t, "Custom::Other") != NULL);        /* the rest of the glob stays */
    /* review_types removes defaults only, never the team's own additions. */
    const char *all[] = {"*"};
    rg_gov_types t2 = {extra, 2, all, 1};
    CHECK(rg_gov_no_review_reason(&t2, "AWS::CDK::Metadata") == NULL);
    CHECK(rg_gov_no_review_reason(&t2, "AWS::SNS::Topic") != NULL);

    CHECK(rg_gov_type_matches("AWS::S3::*", "AWS::S3::Bucket"));
    CHECK(!rg_gov_type_matches("AWS::S3::*", "AWS::S3Outposts::Bucket"));
    CHECK(rg_gov_type_matches("AWS::EC2::Security?roup*", "AWS::EC2::SecurityGroupIngress"));
    CHECK(!rg_gov_type_matches("AWS::S3::Bucket", "AWS::S3::BucketPolicy"));
    CHECK(!rg_gov_type_matches(NULL, "x"));
}

/* docs/governance.md shows the built-in list: every row, same reason. */
static void test_no_review_docs(void) {
    char *doc = NULL;
    size_t len = 0;
    CHECK_INT(rg_read_file("../docs/governance.md", &doc, &len), 0);
    if (!doc) return;
    size_t rows = 0;
    for (const rg_no_review_entry *e = rg_no_review_defaults; e->pattern; e++, rows++) {
        char row[512];
        snprintf(row, sizeof row, "\n| `%s` | %s |\n", e->pattern, e->reason);
        if (!strstr(doc, row)) rg_test_fail(__FILE__, __LINE__, "docs/governance.md lacks the row%s", row);
    }
    CHECK(rows >= 20);
    /* ... and no row the code does not have. */
    const char *sec = strstr(doc, "\n## The no-review list");
    const char *end = sec ? strstr(sec + 1, "\n## ") : NULL;
    size_t doc_rows = 0;
    for (const char *p = sec; p && (!end || p < end); p = strstr(p + 1, "\n| `"))
        if (p != sec && (!end || p < end)) doc_rows++;
    CHECK_INT(doc_rows, rows);
    free(doc);
}

/* ---- metadata and GOV.001/GOV.002 ---- */

static void test_metadata(void) {
    rg_arena a;
    rg_arena_init(&a);
    rg_control_gov g;
    rg_gov_read_metadata(&a, rg_test_json(&a, "{\"custom\": {\"resource_types\": [\"AWS::S3::Bucket\", 3, \"\", "
                                              "\"AWS::S3::BucketPolicy\"], \"approval\": {\"status\": \"approved\", "
                                              "\"reviewer\": \"secops\", \"date\": \"2026-11-23\"}}}"),
                         &g);
    CHECK_INT(g.n_resource_types, 2); /* non-strings and empty strings skipped */
    if (g.n_resource_types == 2) CHECK_STR(g.resource_types[1], "AWS::S3::BucketPolicy");
    CHECK(g.approved);
    CHECK_STR(g.reviewer, "secops");
    CHECK_STR(g.approval_date, "2026-11-23");
    rg_gov_read_metadata(&a, rg_test_json(&a, "{\"custom\": {\"resource_types\": \"AWS::SQS::Queue\", "
                                              "\"approval\": {\"status\": \"Approved\"}}}"),
                         &g);
    CHECK_INT(g.n_resource_types, 1);
    CHECK(!g.approved); /* only "approved" approves */
    CHECK_STR(g.approval_status, "Approved");
    rg_gov_read_metadata(&a, rg_test_json(&a, "{}"), &g);
    CHECK_INT(g.n_resource_types, 0);
    CHECK(!g.approved && !g.approval_status && !g.reviewer);
    rg_arena_fini(&a);

    CHECK(rg_gov_control("GOV.001") && rg_gov_control("GOV.001")->severity == RG_SEV_HIGH);
    CHECK(rg_gov_control("GOV.002") && rg_gov_control("GOV.002")->severity == RG_SEV_HIGH);
    CHECK(rg_gov_control("GOV.003") && rg_gov_control("GOV.003")->severity == RG_SEV_MEDIUM);
    CHECK(rg_gov_control("GOV.004") && rg_gov_control("GOV.004")->severity == RG_SEV_MEDIUM);
    CHECK(rg_gov_control("GOV.005") && rg_gov_control("GOV.005")->severity == RG_SEV_MEDIUM);
    CHECK(rg_gov_control("GOV.006") == NULL);
    CHECK(rg_gov_control(NULL) == NULL);
}

static void test_check_template(void) {
    rg_cfn_templates ts = {0};
    rg_diags d = RG_DIAGS_INIT;
    CHECK_INT(rg_cfn_load_path("cli/data/governance/template.yaml", 0, &ts, &d), 0);
    print_diags(&d);
    if (ts.len != 1) goto out;
    rg_arena a;
    rg_arena_init(&a);
    const char *bucket[] = {"AWS::S3::Bucket"}, *queue[] = {"AWS::SQS::*"};
    rg_control controls[4] = {{.id = "B.1"}, {.id = "Q.1"}, *rg_gov_control("GOV.001"), *rg_gov_control("GOV.002")};
    rg_control_gov gov[4] = {{.resource_types = bucket, .n_resource_types = 1, .approved = true},
                             {.resource_types = queue, .n_resource_types = 1, .approval_status = "pending"}};
    rg_gov_ctx c = {&a, ts.items[0], controls, gov, 2, 2, 3, NULL};
    rg_finding_list l = {0};
    rg_gov_check_template(&c, &l);
    /* Jobs (queue, pending control): GOV.001 and GOV.002; Alerts (topic, no
     * control): GOV.001; buckets approved; alias, custom, wait handle exempt. */
    CHECK_INT(l.len, 3);
    if (l.len == 3) {
        CHECK_STR(l.items[0].logical_id, "Alerts");
        CHECK_INT(l.items[0].control, 2);
        CHECK_STR(l.items[0].message, "Alerts: no approved control reviews resources of type AWS::SNS::Topic");
        CHECK_INT(l.items[0].line, 17);
        CHECK_INT(l.items[0].col, 5);
        CHECK_STR(l.items[0].path, "Type");
        CHECK_STR(l.items[0].source_line, "    Type: AWS::SNS::Topic");
        CHECK_INT(l.items[0].severity, RG_SEV_HIGH);
        CHECK_STR(l.items[1].logical_id, "Jobs");
        CHECK_INT(l.items[1].control, 2);
        CHECK_STR(l.items[2].logical_id, "Jobs");
        CHECK_INT(l.items[2].control, 3);
        CHECK_STR(l.items[2].message, "Jobs: AWS::SQS::Queue is reviewed by controls pending approval: Q.1");
    }
    free(l.items);
    /* Approving the queue control and listing topics as no-review clears it. */
    gov[1].approved = true;
    const char *extra[] = {"AWS::SNS::Topic"};
    rg_gov_types t = {extra, 1, NULL, 0};
    c.types = &t;
    l = (rg_finding_list){0};
    rg_gov_check_template(&c, &l);
    CHECK_INT(l.len, 0);
    free(l.items);
    rg_arena_fini(&a);
out:
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);
}

int main(void) {
    test_config_valid();
    test_config_defaults();
    test_config_errors();
    test_waivers_parse();
    test_waivers_errors();
    test_dates();
    test_waiver_matching();
    test_waivers_apply();
    test_waivers_gov_off();
    test_no_review();
    test_no_review_docs();
    test_metadata();
    test_check_template();
    return rg_test_report("governance");
}
