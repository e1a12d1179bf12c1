/* Report writers: exact output of every format over a hand-built scan result
 * (goldens), SARIF's required structure read back as JSON, JUnit
 * well-formedness, GitHub escaping, and empty, NULL and hostile inputs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "report/report.h"
#include "report/report_internal.h"
#include "testlib.h"

/* ---- fixtures ---- */

static rg_control controls[] = {
    {"S3.001", "data.regent.aws.s3.encryption", "S3 buckets are encrypted", "Buckets must encrypt data at rest.",
     "Set BucketEncryption.", RG_SEV_HIGH, "policies/aws/s3/encryption.rego"},
    {"IAM.001", "data.regent.aws.iam.wildcard", "No wildcard actions", NULL, "List the actions the role needs.",
     RG_SEV_CRITICAL, "policies/aws/iam/wildcard.rego"},
    {"LOG.001", "data.regent.aws.logging", NULL, NULL, NULL, RG_SEV_MEDIUM, NULL},
};

/* Sorted by file and line as the scanner gives them; AppRole has findings on
 * both sides of Site's, so the text report must regroup them. */
static rg_finding findings[] = {
    {.control = 0, .rule = "deny", .severity = RG_SEV_HIGH, .message = "Bucket \"Data\" has no encryption",
     .file = "cdk.out/AppStack.template.json", .line = 5, .col = 9, .source_line = "        \"Properties\": {",
     .logical_id = "DataBucket1A2B", .resource_type = "AWS::S3::Bucket", .path = "Properties", .stack = "AppStack",
     .construct_path = "AppStack/Data/Resource", .cdk_source_file = "lib/app-stack.ts", .cdk_source_line = 14},
    {.control = 2, .rule = "warn", .severity = RG_SEV_LOW, .file = "./templates/app.yaml"},
    {.control = 1, .rule = "violation", .severity = RG_SEV_CRITICAL, .message = "Role allows iam:* & <all>",
     .file = "./templates/app.yaml", .line = 12, .col = 7, .source_line = "      Action: '*'\n",
     .logical_id = "AppRole", .resource_type = "AWS::IAM::Role",
     .path = "Properties.Policies[0].PolicyDocument.Statement[0].Action"},
    {.control = 0, .rule = "deny", .severity = RG_SEV_HIGH, .message = "Bucket Site is public",
     .file = "./templates/app.yaml", .line = 20, .col = 5, .source_line = "    Properties:", .logical_id = "Site",
     .resource_type = "AWS::S3::Bucket", .path = "Properties", .suppressed = true,
     .suppress_reason = "Public website, reviewed 2024", .suppress_source = "template metadata regent.suppress"},
    {.control = 2, .rule = "deny", .severity = RG_SEV_MEDIUM, .message = "Multi\nline, with: colon 100%",
     .file = "./templates/app.yaml", .line = 30, .col = 2, .source_line = "\tLogging: {}", .logical_id = "AppRole",
     .resource_type = "AWS::IAM::Role"},
};

static rg_scanned templates[] = {
    {"cdk.out/AppStack.template.json", "AppStack", 2},
    {"./templates/app.yaml", NULL, 3},
};

/* The full fixture; free with fini(). */
static rg_scan_result full(void) {
    rg_scan_result r = {.controls = controls, .n_controls = 3, .findings = findings, .n_findings = 5,
                        .templates = templates, .n_templates = 2, .tool_version = "0.1.0"};
    rg_diags_add(&r.errors, "yaml_parse_error", "bad.yaml", 3, 5, "mapping values are not allowed here");
    return r;
}

/* One control, one template, one suppressed CDK finding: for whole-document goldens. */
static rg_scan_result small(void) {
    static rg_finding f = {.control = 0, .rule = "deny", .severity = RG_SEV_HIGH, .message = "No <encryption>",
                           .file = "cdk.out\\App.template.json", .line = 7, .col = 3, .logical_id = "B1",
                           .resource_type = "AWS::S3::Bucket", .path = "Properties", .stack = "App",
                           .construct_path = "App/B", .cdk_source_file = "bin/app.ts", .cdk_source_line = 9,
                           .suppressed = true, .suppress_reason = "reviewed", .suppress_source = "cdk_nag"};
    static rg_scanned t = {"cdk.out\\App.template.json", "App", 1};
    rg_scan_result r = {.controls = controls, .n_controls = 1, .findings = &f, .n_findings = 1,
                        .templates = &t, .n_templates = 1, .tool_version = "0.1.0"};
    return r;
}

static void fini(rg_scan_result *r) { rg_diags_fini(&r->errors); }

/* Renders one format into a malloc'd string (NULL on a write error). */
static char *render(rg_report_format fmt, const rg_scan_result *r, bool color, bool show_suppressed) {
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    rg_report_options o = {color, show_suppressed};
    int rc = rg_report_write(f, fmt, r, &o);
    fclose(f);
    if (rc != 0) {
        free(s);
        return NULL;
    }
    return s;
}
/* ---- end fixtures ---- */

/* ---- goldens ---- */

static const char TEXT_FULL[] =
    "cdk.out/AppStack.template.json (stack AppStack)\n"
    "  DataBucket1A2B (AWS::S3::Bucket)\n"
    "    construct: AppStack/Data/Resource\n"
    "    source: lib/app-stack.ts:14\n"
    "    HIGH S3.001: S3 buckets are encrypted\n"
    "      Bucket \"Data\" has no encryption\n"
    "      at cdk.out/AppStack.template.json:5:9 (Properties)\n"
    "      5 |         \"Properties\": {\n"
    "        |         ^\n"
    "      remediation: Set BucketEncryption.\n"
    "\n"
    "./templates/app.yaml\n"
    "  (template)\n"
    "    LOW LOG.001\n"
    "      (no message)\n"
    "      at ./templates/app.yaml\n"
    "  AppRole (AWS::IAM::Role)\n"
    "    CRITICAL IAM.001: No wildcard actions\n"
    "      Role allows iam:* & <all>\n"
    "      at ./templates/app.yaml:12:7 (Properties.Policies[0].PolicyDocument.Statement[0].Action)\n"
    "      12 |       Action: '*'\n"
    "         |       ^\n"
    "      remediation: List the actions the role needs.\n"
    "    MEDIUM LOG.001\n"
    "      Multi\n"
    "      line, with: colon 100%\n"
    "      at ./templates/app.yaml:30:2\n"
    "      30 | \tLogging: {}\n"
    "         | \t^\n"
    "\n"
    "error: bad.yaml:3:5: yaml_parse_error: mapping values are not allowed here\n"
    "\n"
    "4 findings: 1 critical, 1 high, 1 medium, 1 low; 1 suppressed; 2 templates scanned; 1 error\n"
    ;

static const char GITHUB_FULL[] =
    "::error file=cdk.out/AppStack.template.json,line=5,col=9,title=S3.001%3A S3 buckets are encrypted::DataBucket1A2B: Bucket \"Data\" has no encryption%0ARemediation: Set BucketEncryption.\n"
    "::notice file=templates/app.yaml,title=LOG.001::LOG.001\n"
    "::error file=templates/app.yaml,line=12,col=7,title=IAM.001%3A No wildcard actions::AppRole: Role allows iam:* & <all>%0ARemediation: List the actions the role needs.\n"
    "::warning file=templates/app.yaml,line=30,col=2,title=LOG.001::AppRole: Multi%0Aline, with: colon 100%25\n"
    "::error file=bad.yaml,line=3,col=5,title=yaml_parse_error::mapping values are not allowed here\n"
    ;

static const char JUNIT_FULL[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<testsuites name=\"regent\" tests=\"7\" failures=\"3\" errors=\"1\" skipped=\"1\">\n"
    "  <testsuite name=\"AppStack\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
    "    <properties>\n"
    "      <property name=\"file\" value=\"cdk.out/AppStack.template.json\"/>\n"
    "    </properties>\n"
    "    <testcase classname=\"S3.001\" name=\"S3 buckets are encrypted\">\n"
    "      <failure message=\"Bucket &quot;Data&quot; has no encryption\" type=\"high\">[high] cdk.out/AppStack.template.json:5:9 DataBucket1A2B (AWS::S3::Bucket): Bucket &quot;Data&quot; has no encryption\n"
    "  path: Properties\n"
    "  construct: AppStack/Data/Resource\n"
    "  source: lib/app-stack.ts:14\n"
    "Remediation: Set BucketEncryption.\n"
    "</failure>\n"
    "    </testcase>\n"
    "    <testcase classname=\"IAM.001\" name=\"No wildcard actions\"/>\n"
    "    <testcase classname=\"LOG.001\" name=\"LOG.001\"/>\n"
    "  </testsuite>\n"
    "  <testsuite name=\"./templates/app.yaml\" tests=\"3\" failures=\"2\" errors=\"0\" skipped=\"1\">\n"
    "    <testcase classname=\"S3.001\" name=\"S3 buckets are encrypted\">\n"
    "      <skipped message=\"suppressed: Public website, reviewed 2024\"/>\n"
    "    </testcase>\n"
    "    <testcase classname=\"IAM.001\" name=\"No wildcard actions\">\n"
    "      <failure message=\"Role allows iam:* &amp; &lt;all&gt;\" type=\"critical\">[critical] ./templates/app.yaml:12:7 AppRole (AWS::IAM::Role): Role allows iam:* &amp; &lt;all&gt;\n"
    "  path: Properties.Policies[0].PolicyDocument.Statement[0].Action\n"
    "Remediation: List the actions the role needs.\n"
    "</failure>\n"
    "    </testcase>\n"
    "    <testcase classname=\"LOG.001\" name=\"LOG.001\">\n"
    "      <failure message=\"2 findings\" type=\"medium\">[low] ./templates/app.yaml: (no message)\n"
    "[medium] ./templates/app.yaml:30:2 AppRole (AWS::IAM::Role): Multi\n"
    "line, with: colon 100%\n"
    "</failure>\n"
    "    </testcase>\n"
    "  </testsuite>\n"
    "  <testsuite name=\"errors\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
    "    <testcase classname=\"yaml_parse_error\" name=\"bad.yaml\">\n"
    "      <error message=\"mapping values are not allowed here\" type=\"yaml_parse_error\">bad.yaml:3:5: yaml_parse_error: mapping values are not allowed here</error>\n"
    "    </testcase>\n"
    "  </testsuite>\n"
    "</testsuites>\n"
    ;

static const char JSON_SMALL[] =
    "{\n"
    "  \"version\": 1,\n"
    "  \"tool\": {\n"
    "    \"name\": \"regent\",\n"
    "    \"version\": \"0.1.0\"\n"
    "  },\n"
    "  \"summary\": {\n"
    "    \"templates\": 1,\n"
    "    \"findings\": 0,\n"
    "    \"critical\": 0,\n"
    "    \"high\": 0,\n"
    "    \"medium\": 0,\n"
    "    \"low\": 0,\n"
    "    \"info\": 0,\n"
    "    \"suppressed\": 1,\n"
    "    \"errors\": 0\n"
    "  },\n"
    "  \"findings\": [\n"
    "    {\n"
    "      \"control\": \"S3.001\",\n"
    "      \"title\": \"S3 buckets are encrypted\",\n"
    "      \"severity\": \"high\",\n"
    "      \"message\": \"No <encryption>\",\n"
    "      \"rule\": \"deny\",\n"
    "      \"file\": \"cdk.out\\\\App.template.json\",\n"
    "      \"line\": 7,\n"
    "      \"column\": 3,\n"
    "      \"logical_id\": \"B1\",\n"
    "      \"resource_type\": \"AWS::S3::Bucket\",\n"
    "      \"path\": \"Properties\",\n"
    "      \"stack\": \"App\",\n"
    "      \"construct_path\": \"App/B\",\n"
    "      \"cdk_source\": {\n"
    "        \"file\": \"bin/app.ts\",\n"
    "        \"line\": 9\n"
    "      },\n"
    "      \"suppressed\": true,\n"
    "      \"suppression\": {\n"
    "        \"reason\": \"reviewed\",\n"
    "        \"source\": \"cdk_nag\"\n"
    "      },\n"
    "      \"remediation\": \"Set BucketEncryption.\"\n"
    "    }\n"
    "  ],\n"
    "  \"errors\": [],\n"
    "  \"templates\": [\n"
    "    {\n"
    "      \"file\": \"cdk.out\\\\App.template.json\",\n"
    "      \"stack\": \"App\",\n"
    "      \"resources\": 1\n"
    "    }\n"
    "  ],\n"
    "  \"controls\": [\n"
    "    {\n"
    "      \"id\": \"S3.001\",\n"
    "      \"package\": \"data.regent.aws.s3.encryption\",\n"
    "      \"title\": \"S3 buckets are encrypted\",\n"
    "      \"severity\": \"high\",\n"
    "      \"description\": \"Buckets must encrypt data at rest.\",\n"
    "      \"remediation\": \"Set BucketEncryption.\",\n"
    "      \"source_file\": \"policies/aws/s3/encryption.rego\"\n"
    "    }\n"
    "  ]\n"
    "}\n"
    ;

static const char SARIF_SMALL[] =
    "{\n"
    "  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
    "  \"version\": \"2.1.0\",\n"
    "  \"runs\": [\n"
    "    {\n"
    "      \"tool\": {\n"
    "        \"driver\": {\n"
    "          \"name\": \"regent\",\n"
    "          \"version\": \"0.1.0\",\n"
    "          \"rules\": [\n"
    "            {\n"
    "              \"id\": \"S3.001\",\n"
    "              \"name\": \"S3BucketsAreEncrypted\",\n"
    "              \"shortDescription\": {\n"
    "                \"text\": \"S3 buckets are encrypted\"\n"
    "              },\n"
    "              \"fullDescription\": {\n"
    "                \"text\": \"Buckets must encrypt data at rest.\"\n"
    "              },\n"
    "              \"help\": {\n"
    "                \"text\": \"Buckets must encrypt data at rest.\\n\\nRemediation: Set BucketEncryption.\",\n"
    "                \"markdown\": \"**S3 buckets are encrypted**\\n\\nBuckets must encrypt data at rest.\\n\\n**Remediation:** Set BucketEncryption.\\n\\nControl `S3.001` (`data.regent.aws.s3.encryption`)\"\n"
    "              },\n"
    "              \"defaultConfiguration\": {\n"
    "                \"level\": \"error\"\n"
    "              },\n"
    "              \"properties\": {\n"
    "                \"security-severity\": \"7.0\",\n"
    "                \"severity\": \"high\",\n"
    "                \"tags\": [\n"
    "                  \"security\"\n"
    "                ]\n"
    "              }\n"
    "            }\n"
    "          ]\n"
    "        }\n"
    "      },\n"
    "      \"invocations\": [\n"
    "        {\n"
    "          \"executionSuccessful\": true\n"
    "        }\n"
    "      ],\n"
    "      \"results\": [\n"
    "        {\n"
    "          \"ruleId\": \"S3.001\",\n"
    "          \"ruleIndex\": 0,\n"
    "          \"level\": \"error\",\n"
    "          \"message\": {\n"
    "            \"text\": \"No <encryption>\"\n"
    "          },\n"
    "          \"locations\": [\n"
    "            {\n"
    "              \"physicalLocation\": {\n"
    "                \"artifactLocation\": {\n"
    "                  \"uri\": \"cdk.out/App.template.json\"\n"
    "                },\n"
    "                \"region\": {\n"
    "                  \"startLine\": 7,\n"
    "                  \"startColumn\": 3\n"
    "                }\n"
    "              },\n"
    "              \"logicalLocations\": [\n"
    "                {\n"
    "                  \"name\": \"B1\",\n"
    "                  \"fullyQualifiedName\": \"App/B\",\n"
    "                  \"kind\": \"resource\"\n"
    "                }\n"
    "              ]\n"
    "            }\n"
    "          ],\n"
    "          \"relatedLocations\": [\n"
    "            {\n"
    "              \"id\": 1,\n"
    "              \"physicalLocation\": {\n"
    "                \"artifactLocation\": {\n"
    "                  \"uri\": \"bin/app.ts\"\n"
    "                },\n"
    "                \"region\": {\n"
    "                  \"startLine\": 9\n"
    "                }\n"
    "              },\n"
    "              \"message\": {\n"
    "                \"text\": \"construct created here\"\n"
    "              }\n"
    "            }\n"
    "          ],\n"
    "          \"partialFingerprints\": {\n"
    "            \"regentFinding/v1\": \"8a7ae1e11df753ea\"\n"
    "          },\n"
    "          \"suppressions\": [\n"
    "            {\n"
    "              \"kind\": \"inSource\",\n"
    "              \"justification\": \"reviewed\",\n"
    "              \"properties\": {\n"
    "                \"source\": \"cdk_nag\"\n"
    "              }\n"
    "            }\n"
    "          ],\n"
    "          \"properties\": {\n"
    "            \"severity\": \"high\",\n"
    "            \"rule\": \"deny\",\n"
    "            \"logicalId\": \"B1\",\n"
    "            \"resourceType\": \"AWS::S3::Bucket\",\n"
    "            \"path\": \"Properties\",\n"
    "            \"stack\": \"App\",\n"
    "            \"constructPath\": \"App/B\"\n"
    "          }\n"
    "        }\n"
    "      ]\n"
    "    }\n"
    "  ]\n"
    "}\n"
    ;

static const char TEXT_SMALL_SUPPRESSED[] =
    "cdk.out\\App.template.json (stack App)\n"
    "  B1 (AWS::S3::Bucket)\n"
    "    construct: App/B\n"
    "    source: bin/app.ts:9\n"
    "    HIGH S3.001: S3 buckets are encrypted (suppressed)\n"
    "      No <encryption>\n"
    "      at cdk.out\\App.template.json:7:3 (Properties)\n"
    "      remediation: Set BucketEncryption.\n"
    "      suppressed by cdk_nag: reviewed\n"
    "\n"
    "0 findings; 1 suppressed; 1 template scanned\n"
    ;

static const char JSON_EMPTY[] =
    "{\n"
    "  \"version\": 1,\n"
    "  \"tool\": {\n"
    "    \"name\": \"regent\",\n"
    "    \"version\": null\n"
    "  },\n"
    "  \"summary\": {\n"
    "    \"templates\": 0,\n"
    "    \"findings\": 0,\n"
    "    \"critical\": 0,\n"
    "    \"high\": 0,\n"
    "    \"medium\": 0,\n"
    "    \"low\": 0,\n"
    "    \"info\": 0,\n"
    "    \"suppressed\": 0,\n"
    "    \"errors\": 0\n"
    "  },\n"
    "  \"findings\": [],\n"
    "  \"errors\": [],\n"
    "  \"templates\": [],\n"
    "  \"controls\": []\n"
    "}\n"
    ;

/* ---- helpers over parsed JSON ---- */

static rg_arena A;

/* Parses JSON text into a value in A; RG_UNDEFINED when it is not JSON. */
static rg_value parse_json(const char *text) {
    rg_diags d = RG_DIAGS_INIT;
    rg_value v = rg_undefined();
    if (!text || rg_json_parse(&A, "out.json", text, strlen(text), 0, NULL, &v, &d) != 0) v = rg_undefined();
    rg_diags_fini(&d);
    return v;
}

/* Follows a dotted path ("runs.0.tool.driver.name"); digits index arrays. */
static rg_value at(rg_value v, const char *path) {
    char seg[64];
    while (*path && !rg_is_undef(v)) {
        size_t n = strcspn(path, ".");
        if (n >= sizeof seg) return rg_undefined();
        memcpy(seg, path, n);
        seg[n] = 0;
        path += n + (path[n] == '.');
        if (v.kind == RG_ARRAY && seg[0] >= '0' && seg[0] <= '9') {
            size_t i = (size_t)strtoul(seg, NULL, 10);
            v = i < v.len ? v.u.items[i] : rg_undefined();
        } else if (v.kind == RG_OBJECT) {
            v = rg_object_get_str(v, seg);
        } else {
            return rg_undefined();
        }
    }
    return v;
}

static const char *str_at(rg_value v, const char *path) {
    rg_value s = at(v, path);
    return s.kind == RG_STRING ? s.u.s : NULL;
}

static long long int_at(rg_value v, const char *path) {
    rg_value n = at(v, path);
    return rg_is_int(n) ? (long long)n.u.i : -999;
}

static bool has(rg_value v, const char *path) { return !rg_is_undef(at(v, path)); }

/* ---- a tiny XML well-formedness checker ---- */

/* An entity reference at p ("&amp;", "&#10;", ...); returns its length or 0. */
static size_t entity(const char *p) {
    static const char *const names[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
    for (size_t i = 0; i < 5; i++)
        if (!strncmp(p, names[i], strlen(names[i]))) return strlen(names[i]);
    if (p[1] != '#') return 0;
    size_t n = 2;
    while (p[n] >= '0' && p[n] <= '9') n++;
    return n > 2 && p[n] == ';' ? n + 1 : 0;
}

/* Character data up to the next '<' (or the quote ending an attribute):
 * valid UTF-8, no control characters but tab/newline, '&' only as entities,
 * no raw '>' (we escape it), no '<' inside attributes. */
static const char *xml_text(const char *p, char end) {
    while (*p && *p != end && !(end == '"' && *p == '<')) {
        uint32_t cp;
        size_t k = rg_rep_utf8_seq((const unsigned char *)p, strlen(p), &cp);
        if (!k || (cp < 0x20 && cp != '\t' && cp != '\n') || cp == '>') return NULL;
        if (cp == '&' && !(k = entity(p))) return NULL;
        p += k;
    }
    return *p == end || (end == '<' && !*p) ? p : NULL;
}

/* A start or end tag at p (after '<'); pushes or pops the tag stack. */
static const char *xml_tag(const char *p, char stack[][32], int *depth) {
    bool closing = *p == '/';
    p += closing;
    size_t n = strcspn(p, " />");
    if (!n || n >= 32) return NULL;
    if (closing) {
        if (*depth == 0 || strncmp(stack[*depth - 1], p, n) || stack[*depth - 1][n]) return NULL;
        (*depth)--;
        return p[n] == '>' ? p + n + 1 : NULL;
    }
    if (*depth >= 16) return NULL;
    memcpy(stack[*depth], p, n);
    stack[(*depth)++][n] = 0;
    p += n;
    while (*p == ' ') {
        p++;
        size_t an = strcspn(p, "=");
        if (!an || p[an] != '=' || p[an + 1] != '"') return NULL;
        if (!(p = xml_text(p + an + 2, '"'))) return NULL;
        p++;
    }
    if (p[0] == '/' && p[1] == '>') {
        (*depth)--;
        return p + 2;
    }
    return *p == '>' ? p + 1 : NULL;
}

/* True when doc is one well-formed element after an XML declaration. */
static bool xml_well_formed(const char *doc) {
    char stack[16][32];
    int depth = 0, roots = 0;
    const char *p = doc;
    if (!p || strncmp(p, "<?xml ", 6)) return false;
    p = strstr(p, "?>");
    if (!p) return false;
    p += 2;
    while (p && *p) {
        if (*p != '<') {
            if (depth == 0 && strspn(p, " \n") == 0) return false;
            p = xml_text(p, '<');
            continue;
        }
        if (depth == 0 && p[1] != '/') roots++;
        p = xml_tag(p + 1, stack, &depth);
    }
    return p && depth == 0 && roots == 1;
}

/* ---- tests ---- */

static void test_format_parse(void) {
    CHECK_INT(rg_report_format_parse("text"), RG_REPORT_TEXT);
    CHECK_INT(rg_report_format_parse("json"), RG_REPORT_JSON);
    CHECK_INT(rg_report_format_parse("SARIF"), RG_REPORT_SARIF);
    CHECK_INT(rg_report_format_parse("junit"), RG_REPORT_JUNIT);
    CHECK_INT(rg_report_format_parse("github"), RG_REPORT_GITHUB);
    CHECK_INT(rg_report_format_parse("xml"), -1);
    CHECK_INT(rg_report_format_parse(""), -1);
    CHECK_INT(rg_report_format_parse(NULL), -1);
}

static void test_text(void) {
    rg_scan_result r = full();
    char *s = render(RG_REPORT_TEXT, &r, false, false);
    CHECK_STR(s, TEXT_FULL);
    CHECK(s && !strchr(s, '\033'));
    free(s);
    /* Suppressed findings only on request, with their reason and source. */
    s = render(RG_REPORT_TEXT, &r, false, true);
    CHECK(s && strstr(s, "  Site (AWS::S3::Bucket)\n    HIGH S3.001: S3 buckets are encrypted (suppressed)\n"));
    CHECK(s && strstr(s, "      suppressed by template metadata regent.suppress: Public website, reviewed 2024\n"));
    free(s);
    /* Colour: severity and caret coloured, and every colour reset. */
    s = render(RG_REPORT_TEXT, &r, true, false);
    CHECK(s && strstr(s, "\033[1;31mCRITICAL\033[0m IAM.001"));
    CHECK(s && strstr(s, "\033[33mMEDIUM\033[0m"));
    CHECK(s && strstr(s, "\033[1;31m^\033[0m"));
    free(s);
    fini(&r);
    r = small();
    s = render(RG_REPORT_TEXT, &r, false, true);
    CHECK_STR(s, TEXT_SMALL_SUPPRESSED);
    free(s);
    s = render(RG_REPORT_TEXT, &r, false, false);
    CHECK_STR(s, "0 findings; 1 suppressed; 1 template scanned\n");
    free(s);
}

/* Hostile text cannot drive the terminal; a caret under a column past a
 * multi-byte character lines up with the character. */
static void test_text_hygiene(void) {
    rg_finding f = {.control = 0, .severity = RG_SEV_INFO, .message = "bad\033[2Jthing\r", .file = "t.yaml", .line = 3,
                    .col = 6, .source_line = "  \xc3\xa9: x\r\n", .logical_id = "R\007"};
    rg_scan_result r = {.controls = controls, .n_controls = 1, .findings = &f, .n_findings = 1, .n_templates = 1};
    char *s = render(RG_REPORT_TEXT, &r, false, false);
    CHECK(s && !strchr(s, '\033') && !strchr(s, '\007') && !strchr(s, '\r'));
    CHECK(s && strstr(s, "  R?\n"));
    CHECK(s && strstr(s, "      bad?[2Jthing\n"));
    CHECK(s && strstr(s, "      3 |   \xc3\xa9: x\n        |     ^\n"));
    CHECK(s && strstr(s, "1 finding: 1 info; 0 suppressed; 1 template scanned\n"));
    free(s);
}

static void test_json(void) {
    rg_scan_result r = small();
    char *s = render(RG_REPORT_JSON, &r, false, false);
    CHECK_STR(s, JSON_SMALL);
    free(s);
    r = full();
    s = render(RG_REPORT_JSON, &r, false, false);
    rg_value v = parse_json(s);
    CHECK(!rg_is_undef(v));
    CHECK_INT(int_at(v, "version"), 1);
    CHECK_STR(str_at(v, "tool.name"), "regent");
    CHECK_STR(str_at(v, "tool.version"), "0.1.0");
    CHECK_INT(int_at(v, "summary.findings"), 4);
    CHECK_INT(int_at(v, "summary.critical"), 1);
    CHECK_INT(int_at(v, "summary.info"), 0);
    CHECK_INT(int_at(v, "summary.suppressed"), 1);
    CHECK_INT(int_at(v, "summary.templates"), 2);
    CHECK_INT(int_at(v, "summary.errors"), 1);
    CHECK_INT(at(v, "findings").len, 5);
    CHECK_STR(str_at(v, "findings.0.cdk_source.file"), "lib/app-stack.ts");
    CHECK_INT(int_at(v, "findings.0.cdk_source.line"), 14);
    CHECK_STR(str_at(v, "findings.2.message"), "Role allows iam:* & <all>");
    CHECK_INT(at(v, "findings.1.line").kind, RG_NULL);
    CHECK_INT(at(v, "findings.1.title").kind, RG_NULL);
    CHECK(rg_is_true(at(v, "findings.3.suppressed")));
    CHECK_STR(str_at(v, "findings.3.suppression.reason"), "Public website, reviewed 2024");
    CHECK_STR(str_at(v, "findings.4.message"), "Multi\nline, with: colon 100%");
    CHECK_STR(str_at(v, "errors.0.code"), "yaml_parse_error");
    CHECK_INT(int_at(v, "errors.0.column"), 5);
    CHECK_INT(at(v, "controls").len, 3);
    CHECK_STR(str_at(v, "controls.1.severity"), "critical");
    free(s);
    fini(&r);
}

/* The structure SARIF 2.1.0 requires (sarifLog: version, runs; run: tool;
 * tool: driver; driver: name; rule: id; result: message.text; suppression:
 * kind) and what GitHub code scanning reads. */
static void check_sarif_result(rg_value v, size_t i, size_t n_rules) {
    char p[128];
#define P(suffix) (snprintf(p, sizeof p, "runs.0.results.%zu.%s", i, suffix), p)
    const char *rule = str_at(v, P("ruleId"));
    long long idx = int_at(v, P("ruleIndex"));
    CHECK(rule != NULL);
    CHECK(idx >= 0 && (size_t)idx < n_rules);
    char rp[64];
    snprintf(rp, sizeof rp, "runs.0.tool.driver.rules.%lld.id", idx);
    CHECK(rule && str_at(v, rp) && !strcmp(str_at(v, rp), rule));
    const char *level = str_at(v, P("level"));
    CHECK(level && (!strcmp(level, "error") || !strcmp(level, "warning") || !strcmp(level, "note")));
    CHECK(str_at(v, P("message.text")) != NULL);
    const char *uri = str_at(v, P("locations.0.physicalLocation.artifactLocation.uri"));
    CHECK(uri && !strchr(uri, '\\') && strncmp(uri, "./", 2));
    CHECK(int_at(v, P("locations.0.physicalLocation.region.startLine")) >= 1);
    rg_value fp = at(v, P("partialFingerprints"));
    CHECK(fp.kind == RG_OBJECT && fp.len == 1 && rg_obj_val(fp, 0).kind == RG_STRING);
#undef P
}

static void test_sarif(void) {
    rg_scan_result r = small();
    char *s = render(RG_REPORT_SARIF, &r, false, false);
    CHECK_STR(s, SARIF_SMALL);
    free(s);
    r = full();
    s = render(RG_REPORT_SARIF, &r, false, false);
    rg_value v = parse_json(s);
    CHECK(!rg_is_undef(v));
    CHECK_STR(str_at(v, "$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
    CHECK_STR(str_at(v, "version"), "2.1.0");
    CHECK_INT(at(v, "runs").len, 1);
    CHECK_STR(str_at(v, "runs.0.tool.driver.name"), "regent");
    CHECK(str_at(v, "runs.0.tool.driver.name") != NULL);
    rg_value rules = at(v, "runs.0.tool.driver.rules");
    CHECK_INT(rules.len, 3);
    for (size_t i = 0; i < rules.len; i++) {
        rg_value rule = rules.u.items[i];
        CHECK(str_at(rule, "id") && str_at(rule, "name") && str_at(rule, "shortDescription.text"));
        CHECK(str_at(rule, "fullDescription.text") && str_at(rule, "help.text") && str_at(rule, "help.markdown"));
        CHECK(str_at(rule, "defaultConfiguration.level") != NULL);
        CHECK_STR(str_at(rule, "properties.tags.0"), "security");
    }
    CHECK_STR(str_at(v, "runs.0.tool.driver.rules.0.properties.security-severity"), "7.0");
    CHECK_STR(str_at(v, "runs.0.tool.driver.rules.1.properties.security-severity"), "9.0");
    CHECK_STR(str_at(v, "runs.0.tool.driver.rules.2.properties.security-severity"), "4.0");
    CHECK_STR(str_at(v, "runs.0.tool.driver.rules.2.shortDescription.text"), "LOG.001");
    CHECK_INT(at(v, "runs.0.results").len, 5);
    for (size_t i = 0; i < 5; i++) check_sarif_result(v, i, rules.len);
    CHECK_STR(str_at(v, "runs.0.results.1.level"), "note");
    CHECK_STR(str_at(v, "runs.0.results.2.level"), "error");
    CHECK_STR(str_at(v, "runs.0.results.4.level"), "warning");
    CHECK_STR(str_at(v, "runs.0.results.2.locations.0.physicalLocation.artifactLocation.uri"), "templates/app.yaml");
    CHECK_INT(int_at(v, "runs.0.results.1.locations.0.physicalLocation.region.startLine"), 1);
    CHECK(!has(v, "runs.0.results.1.locations.0.physicalLocation.region.startColumn"));
    CHECK_STR(str_at(v, "runs.0.results.3.suppressions.0.kind"), "inSource");
    CHECK_STR(str_at(v, "runs.0.results.3.suppressions.0.justification"), "Public website, reviewed 2024");
    CHECK(!has(v, "runs.0.results.2.suppressions"));
    CHECK(rg_is_false(at(v, "runs.0.invocations.0.executionSuccessful")));
    CHECK_STR(str_at(v, "runs.0.invocations.0.toolExecutionNotifications.0.descriptor.id"), "yaml_parse_error");
    /* Fingerprints: stable, and different for different resources. */
    const char *f1 = str_at(v, "runs.0.results.1.partialFingerprints.regentFinding/v1");
    const char *f4 = str_at(v, "runs.0.results.4.partialFingerprints.regentFinding/v1");
    CHECK(f1 && f4 && strlen(f1) == 16 && strcmp(f1, f4));
    char *again = render(RG_REPORT_SARIF, &r, false, false);
    CHECK_STR(again, s ? s : "");
    free(again);
    free(s);
    fini(&r);
}

/* Columns count bytes; SARIF counts UTF-16 code units. */
static void test_sarif_columns_and_uris(void) {
    rg_finding f = {.control = 0, .message = "m", .file = "dir\\sub dir/x%.yaml", .line = 2, .col = 12,
                    .source_line = "  \xc3\xa9x: \xf0\x9f\x98\x80y"};
    rg_scan_result r = {.controls = controls, .n_controls = 1, .findings = &f, .n_findings = 1};
    char *s = render(RG_REPORT_SARIF, &r, false, false);
    rg_value v = parse_json(s);
    CHECK_INT(int_at(v, "runs.0.results.0.locations.0.physicalLocation.region.startColumn"), 9);
    CHECK_STR(str_at(v, "runs.0.results.0.locations.0.physicalLocation.artifactLocation.uri"),
              "dir/sub%20dir/x%25.yaml");
    CHECK(!has(v, "runs.0.tool.driver.version"));
    free(s);
    rg_buf b = RG_BUF_INIT;
    rg_rep_uri(&b, "/abs/a b.json");
    CHECK_STR(rg_buf_cstr(&b), "file:///abs/a%20b.json");
    b.len = 0;
    rg_rep_uri(&b, "C:\\work\\t.json");
    CHECK_STR(rg_buf_cstr(&b), "file:///C:/work/t.json");
    b.len = 0;
    rg_rep_uri(&b, "././a:b/\xc3\xa9.json");
    CHECK_STR(rg_buf_cstr(&b), "a%3Ab/%C3%A9.json");
    rg_buf_fini(&b);
}

static void test_junit(void) {
    rg_scan_result r = full();
    char *s = render(RG_REPORT_JUNIT, &r, false, false);
    CHECK_STR(s, JUNIT_FULL);
    CHECK(xml_well_formed(s));
    free(s);
    fini(&r);
    /* The checker itself rejects what it must. */
    CHECK(!xml_well_formed("<?xml version=\"1.0\"?>\n<a><b></a>"));
    CHECK(!xml_well_formed("<?xml version=\"1.0\"?>\n<a>x & y</a>"));
    CHECK(!xml_well_formed("<?xml version=\"1.0\"?>\n<a t=\"<\"/>"));
    CHECK(!xml_well_formed("<?xml version=\"1.0\"?>\n<a/><b/>"));
    CHECK(xml_well_formed("<?xml version=\"1.0\"?>\n<a t=\"&#10;\">&amp;<b/></a>\n"));
}

/* Markup characters, control characters and invalid UTF-8 in every field. */
static void test_junit_escaping(void) {
    rg_control c = {.id = "A&B", .title = "<\"t'>", .remediation = "fix \x01 it", .severity = RG_SEV_LOW};
    rg_finding f[] = {
        {.control = 0, .severity = RG_SEV_LOW, .message = "a<b>&\"c'\x1b\x7f\xff\nz", .file = "f\x02.yaml", .line = 1},
        {.control = 0, .severity = RG_SEV_HIGH, .message = NULL, .file = "g.yaml"},
    };
    rg_scanned t = {"f\x02.yaml", "S&P", 1};
    rg_scan_result r = {.controls = &c, .n_controls = 1, .findings = f, .n_findings = 2, .templates = &t,
                        .n_templates = 1};
    rg_diags_add(&r.errors, "c<d", NULL, 0, 0, "m\"sg\x03");
    char *s = render(RG_REPORT_JUNIT, &r, false, false);
    CHECK(xml_well_formed(s));
    CHECK(s && strstr(s, "<testcase classname=\"A&amp;B\" name=\"&lt;&quot;t&apos;&gt;\">"));
    CHECK(s && strstr(s, "<failure message=\"a&lt;b&gt;&amp;&quot;c&apos;\xef\xbf\xbd&#10;z\" type=\"low\">"));
    CHECK(s && strstr(s, "Remediation: fix  it\n"));
    CHECK(s && strstr(s, "<testsuite name=\"S&amp;P\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\">"));
    CHECK(s && strstr(s, "<property name=\"file\" value=\"f.yaml\"/>"));
    /* g.yaml is no template's file: it gets its own suite. */
    CHECK(s && strstr(s, "<testsuite name=\"g.yaml\" tests=\"1\" failures=\"1\""));
    CHECK(s && strstr(s, "<error message=\"m&quot;sg\" type=\"c&lt;d\">c&lt;d: m&quot;sg</error>"));
    CHECK(s && strstr(s, "<testsuites name=\"regent\" tests=\"3\" failures=\"2\" errors=\"1\" skipped=\"0\">"));
    free(s);
    fini(&r);
}

static void test_github(void) {
    rg_scan_result r = full();
    char *s = render(RG_REPORT_GITHUB, &r, false, false);
    CHECK_STR(s, GITHUB_FULL);
    CHECK(s && !strstr(s, "Site"));
    free(s);
    fini(&r);
    /* Properties escape % \r \n : and ,; data escapes % \r \n only. */
    rg_control c = {.id = "X-1", .title = "a,b: 50%\r\n", .severity = RG_SEV_MEDIUM};
    rg_finding f = {.control = 0, .severity = RG_SEV_INFO, .message = "x: y, 5%\r\nz", .file = ".\\d,i:r\\f.yaml",
                    .line = 4, .col = 0};
    rg_scan_result r2 = {.controls = &c, .n_controls = 1, .findings = &f, .n_findings = 1};
    s = render(RG_REPORT_GITHUB, &r2, false, false);
    CHECK_STR(s, "::notice file=d%2Ci%3Ar/f.yaml,line=4,title=X-1%3A a%2Cb%3A 50%25%0D%0A::x: y, 5%25%0D%0Az\n");
    free(s);
    f.severity = RG_SEV_HIGH;
    f.file = NULL;
    s = render(RG_REPORT_GITHUB, &r2, false, false);
    CHECK_STR(s, "::error title=X-1%3A a%2Cb%3A 50%25%0D%0A::x: y, 5%25%0D%0Az\n");
    free(s);
    /* The resource is named unless the message already names it. */
    f.logical_id = "Role1";
    f.message = "m";
    s = render(RG_REPORT_GITHUB, &r2, false, false);
    CHECK_STR(s, "::error title=X-1%3A a%2Cb%3A 50%25%0D%0A::Role1: m\n");
    free(s);
    f.message = "Role1 is open";
    s = render(RG_REPORT_GITHUB, &r2, false, false);
    CHECK_STR(s, "::error title=X-1%3A a%2Cb%3A 50%25%0D%0A::Role1 is open\n");
    free(s);
}

/* Empty results, a NULL result, NULL optional fields and a control index out
 * of range: every format writes something valid and nothing crashes. */
static void test_empty_and_null(void) {
    rg_scan_result e = {0};
    char *s = render(RG_REPORT_TEXT, &e, true, true);
    CHECK_STR(s, "0 findings; 0 suppressed; 0 templates scanned\n");
    free(s);
    s = render(RG_REPORT_JSON, &e, false, false);
    CHECK_STR(s, JSON_EMPTY);
    free(s);
    s = render(RG_REPORT_JUNIT, &e, false, false);
    CHECK_STR(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<testsuites name=\"regent\" tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\">\n</testsuites>\n");
    free(s);
    s = render(RG_REPORT_GITHUB, &e, false, false);
    CHECK_STR(s, "");
    free(s);
    s = render(RG_REPORT_SARIF, NULL, false, false);
    rg_value v = parse_json(s);
    CHECK_INT(at(v, "runs.0.results").len, 0);
    CHECK_INT(at(v, "runs.0.tool.driver.rules").len, 0);
    free(s);

    rg_finding f = {.control = 7, .severity = (rg_severity)42, .suppressed = true};
    rg_scanned t = {0};
    rg_diag d = {0};
    rg_scan_result r = {.controls = controls, .n_controls = 1, .findings = &f, .n_findings = 1, .templates = &t,
                        .n_templates = 1, .errors = {&d, 1, 1}};
    for (int fmt = RG_REPORT_TEXT; fmt <= RG_REPORT_GITHUB; fmt++) {
        s = render((rg_report_format)fmt, &r, true, true);
        CHECK(s != NULL);
        if (fmt == RG_REPORT_JSON || fmt == RG_REPORT_SARIF) CHECK(!rg_is_undef(parse_json(s)));
        if (fmt == RG_REPORT_JUNIT) CHECK(xml_well_formed(s));
        free(s);
    }
    s = render(RG_REPORT_JSON, &r, false, false);
    v = parse_json(s);
    CHECK_INT(at(v, "findings.0.control").kind, RG_NULL);
    CHECK_STR(str_at(v, "findings.0.severity"), "info");
    CHECK_INT(at(v, "findings.0.suppression.reason").kind, RG_NULL);
    CHECK_INT(at(v, "errors.0.file").kind, RG_NULL);
    free(s);
    s = render(RG_REPORT_SARIF, &r, false, false);
    v = parse_json(s);
    CHECK_STR(str_at(v, "runs.0.results.0.ruleId"), "unknown");
    CHECK(!has(v, "runs.0.results.0.ruleIndex"));
    CHECK(!has(v, "runs.0.results.0.locations"));
    CHECK_STR(str_at(v, "runs.0.results.0.message.text"), "unknown");
    free(s);
    CHECK_INT(rg_report_write(stdout, (rg_report_format)99, &e, NULL), -1);
}

/* Invalid UTF-8 in strings still yields valid JSON (U+FFFD instead). */
static void test_json_utf8(void) {
    rg_finding f = {.control = 0, .message = "bad \xc3 and \xed\xa0\x80 ok \xe2\x82\xac\x01", .file = "t.json"};
    rg_scan_result r = {.controls = controls, .n_controls = 1, .findings = &f, .n_findings = 1};
    char *s = render(RG_REPORT_JSON, &r, false, false);
    rg_value v = parse_json(s);
    CHECK_STR(str_at(v, "findings.0.message"),
              "bad \xef\xbf\xbd and \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd ok \xe2\x82\xac\x01");
    free(s);
}

static void test_write_error(void) {
    rg_scan_result r = full();
    FILE *ro = fopen("/dev/null", "r");
    CHECK(ro != NULL);
    if (ro) {
        for (int fmt = RG_REPORT_TEXT; fmt <= RG_REPORT_GITHUB; fmt++)
            CHECK_INT(rg_report_write(ro, (rg_report_format)fmt, &r, NULL), -1);
        fclose(ro);
    }
    CHECK_INT(rg_report_json(NULL, &r), -1);
    fini(&r);
}

int main(void) {
    rg_arena_init(&A);
    test_format_parse();
    test_text();
    test_text_hygiene();
    test_json();
    test_json_utf8();
    test_sarif();
    test_sarif_columns_and_uris();
    test_junit();
    test_junit_escaping();
    test_github();
    test_empty_and_null();
    test_write_error();
    rg_arena_fini(&A);
    return rg_test_report("report");
}
