/* CloudFormation templates: the shared corpus loads cleanly, every
 * malformed input gives its error with file and line, locate() positions
 * on JSON and YAML, the shape rules, folder walks that skip what is not a
 * template, standard input, and source lines.  CDK assemblies are in
 * test_cfn_assembly.c. */
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cfn/cfn.h"
#include "testlib.h"

#define CORPUS "../../shared/corpus"

static char tmpdir[64];

static bool exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

static void write_file(const char *name, const char *text) {
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        rg_test_fail(__FILE__, __LINE__, "cannot write %s", path);
        return;
    }
    fputs(text, f);
    fclose(f);
}

static char *tmp_path(const char *name) {
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    return path;
}

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw) {
    return remove(p);
}

/* Errors (not "skipped" notes) in d. */
static size_t n_errors(const rg_diags *d) {
    size_t n = 0;
    for (size_t i = 0; i < d->len; i++) n += strcmp(d->items[i].code, "skipped") != 0;
    return n;
}

static void print_diags(const rg_diags *d) {
    for (size_t i = 0; i < d->len; i++) {
        rg_buf b = RG_BUF_INIT;
        rg_diag_format(&b, &d->items[i]);
        fprintf(stderr, "  %s\n", rg_buf_cstr(&b));
        rg_buf_fini(&b);
    }
}

/* ---- the corpus ---- */

/* Real templates with genuinely repeated keys.  CloudFormation rejects
 * duplicate keys, so these are errors too (asserted exactly). */
static const struct {
    const char *file, *msg;
    int line;
} known_dups[] = {
    {"awslabs/aws/services/ServiceCatalog/Portfolio.yaml", "duplicate key \"Key\" (first defined at line 191", 193},
    {"awslabs/aws/solutions/CloudFrontCustomOriginLambda@Edge/CloudFront.yaml",
     "duplicate key \"EC2InstanceSGID\" (first defined at line 804", 828},
};

static bool is_known_dup(const rg_diag *d) {
    for (size_t k = 0; k < sizeof known_dups / sizeof *known_dups; k++)
        if (d->file && strstr(d->file, known_dups[k].file) && strstr(d->msg, known_dups[k].msg) &&
            d->line == known_dups[k].line && !strcmp(d->code, "yaml_parse_error"))
            return true;
    return false;
}

static void test_corpus_loads(void) {
    static const struct {
        const char *dir;
        size_t templates;
    } roots[] = {
        {CORPUS "/cdk/out", 12},         {CORPUS "/cdk/out-debug", 2},  {CORPUS "/bench", 3},
        {CORPUS "/real/awslabs", 60},    {CORPUS "/real/cfn-lint", 41}, {CORPUS "/real/licenses", 0},
    };
    for (size_t i = 0; i < sizeof roots / sizeof *roots; i++) {
        rg_cfn_templates ts = {0};
        rg_diags d = RG_DIAGS_INIT;
        int errs = rg_cfn_load_path(roots[i].dir, 0, &ts, &d);
        size_t dups = 0;
        for (size_t k = 0; k < d.len; k++) dups += is_known_dup(&d.items[k]);
        CHECK_INT(errs, (int)dups);
        CHECK_INT(d.len, dups);
        if ((size_t)errs != dups) print_diags(&d);
        CHECK_INT(ts.len, roots[i].templates);
        for (size_t k = 0; k < ts.len; k++) {
            CHECK(ts.items[k]->value.kind == RG_OBJECT);
            CHECK(ts.items[k]->n_resources > 0);
        }
        if (strstr(roots[i].dir, "awslabs")) CHECK_INT(dups, 2);
        rg_cfn_templates_fini(&ts);
        rg_diags_fini(&d);
    }
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void test_big_template_fast(void) {
    double best = 1e9;
    for (int i = 0; i < 3; i++) {
        rg_cfn_templates ts = {0};
        rg_diags d = RG_DIAGS_INIT;
        double t0 = now_ms();
        CHECK_INT(rg_cfn_load_path(CORPUS "/bench/fargate-30k.template.json", 0, &ts, &d), 0);
        double ms = now_ms() - t0;
        if (ms < best) best = ms;
        CHECK_INT(ts.len, 1);
        if (ts.len) CHECK_INT(ts.items[0]->n_resources, 497);
        rg_cfn_templates_fini(&ts);
        rg_diags_fini(&d);
    }
    /* A few milliseconds when optimised; generous for sanitizer builds. */
    if (best > 200) rg_test_fail(__FILE__, __LINE__, "fargate-30k took %.1f ms", best);
    printf("fargate-30k.template.json: %.2f ms\n", best);
}

/* ---- malformed inputs (real/bad/README.md) ---- */

static const struct {
    const char *file, *code, *msg;
    int line;
} bad[] = {
    {"alias-bomb.template.yaml", "yaml_parse_error", "alias expansion exceeds limit", 9},
    {"bad-indentation.template.yaml", "yaml_parse_error", "mapping values are not allowed", 7},
    {"binary-garbage.template.json", "json_parse_error", "invalid UTF-8 at byte", 1},
    {"deep-nesting-20k.template.json", "json_parse_error", "nesting deeper than", 1},
    {"duplicate-keys.template.json", "json_parse_error",
     "duplicate key \"DataBucket\" (first defined at line 4", 10},
    {"duplicate-keys.template.yaml", "yaml_parse_error",
     "duplicate key \"KmsMasterKeyId\" (first defined at line 6", 8},
    {"empty.template.json", "template_error", "empty template", 1},
    {"empty.template.yaml", "template_error", "empty template", 1},
    {"invalid-utf8.template.yaml", "yaml_parse_error", "invalid UTF-8", 2},
    {"multi-document.template.yaml", "yaml_parse_error", "expected a single document", 4},
    {"nul-in-string.template.json", "json_parse_error", "control character", 1},
    {"resource-shape-errors.template.json", "template_error", "resource NoType has no Type", 3},
    {"resource-shape-errors.template.json", "template_error", "resource NumericType: Type must be a string, got a number", 4},
    {"resource-shape-errors.template.json", "template_error",
     "resource PropsNotMap: Properties must be a mapping, got a list", 5},
    {"resources-is-list.template.json", "template_error", "Resources must be a mapping, got a list", 3},
    {"tab-indentation.template.yaml", "yaml_parse_error", "tab characters cannot indent", 3},
    {"top-level-list.template.yaml", "template_error", "template must be a mapping, got a list", 1},
    {"trailing-comma.template.json", "json_parse_error", "trailing comma", 5},
    {"truncated.template.json", "json_parse_error", "unterminated string", 463},
    {"truncated.template.yaml", "yaml_parse_error", "end of stream", 6},
    {"unknown-tag.template.yaml", "yaml_parse_error", "unknown tag !GetAttr (did you mean !GetAtt?)", 9},
};
#define N_BAD (sizeof bad / sizeof *bad)

/* Index in bad[] of an expectation d meets, or -1. */
static long match_bad(const rg_diag *d) {
    for (size_t k = 0; k < N_BAD; k++) {
        const char *base = d->file ? strrchr(d->file, '/') : NULL;
        if (base && !strcmp(base + 1, bad[k].file) && !strcmp(d->code, bad[k].code) && strstr(d->msg, bad[k].msg) &&
            d->line == bad[k].line && d->col > 0)
            return (long)k;
    }
    return -1;
}

static void test_bad_inputs(void) {
    /* The folder at once: nothing loads, every expectation met once. */
    rg_cfn_templates ts = {0};
    rg_diags d = RG_DIAGS_INIT;
    int errs = rg_cfn_load_path(CORPUS "/real/bad", 0, &ts, &d);
    CHECK_INT(errs, N_BAD);
    CHECK_INT(d.len, N_BAD);
    CHECK_INT(ts.len, 0);
    int seen[N_BAD] = {0};
    for (size_t i = 0; i < d.len; i++) {
        long k = match_bad(&d.items[i]);
        if (k < 0) rg_test_fail(__FILE__, __LINE__, "unexpected: %s:%d: %s", d.items[i].file, d.items[i].line, d.items[i].msg);
        else seen[k]++;
    }
    for (size_t k = 0; k < N_BAD; k++)
        if (seen[k] != 1) rg_test_fail(__FILE__, __LINE__, "%s: \"%s\" seen %d times", bad[k].file, bad[k].msg, seen[k]);
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);

    /* Each file named explicitly, after a good one: the good one stays. */
    for (size_t k = 0; k < N_BAD; k++) {
        char path[256];
        snprintf(path, sizeof path, CORPUS "/real/bad/%s", bad[k].file);
        rg_diags dd = RG_DIAGS_INIT;
        rg_cfn_templates tt = {0};
        rg_cfn_load_path(CORPUS "/cdk/out/storage-insecure/storage-insecure.template.json", 0, &tt, &dd);
        CHECK(rg_cfn_load_path(path, 0, &tt, &dd) >= 1);
        CHECK_INT(tt.len, 1);
        bool found = false;
        for (size_t i = 0; i < dd.len; i++) found |= match_bad(&dd.items[i]) == (long)k;
        if (!found) rg_test_fail(__FILE__, __LINE__, "%s: no \"%s\" at line %d", bad[k].file, bad[k].msg, bad[k].line);
        rg_cfn_templates_fini(&tt);
        rg_diags_fini(&dd);
    }
}

/* The generator's 50 MB variant, at 8 MB: millions of nested objects. */
static void test_deep_nesting_big(void) {
    const char *head = "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {\"Bucket\": "
                       "{\"Type\": \"AWS::S3::Bucket\", \"Metadata\": ";
    size_t levels = 8u << 17; /* 1M levels: 6 MB of {"a": and 1 MB of } */
    FILE *f = fopen(tmp_path("deep.json"), "wb");
    if (!f) return;
    fputs(head, f);
    for (size_t i = 0; i < levels; i++) fputs("{\"a\":", f);
    fputc('1', f);
    for (size_t i = 0; i < levels; i++) fputc('}', f);
    fputs("}}}\n", f);
    fclose(f);
    rg_cfn_templates ts = {0};
    rg_diags d = RG_DIAGS_INIT;
    CHECK_INT(rg_cfn_load_path(tmp_path("deep.json"), 0, &ts, &d), 1);
    CHECK_INT(ts.len, 0);
    if (d.len) {
        CHECK(strstr(d.items[0].msg, "nesting deeper than") != NULL);
        CHECK_INT(d.items[0].line, 1);
        CHECK(d.items[0].col > 1000);
    }
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);
    remove(tmp_path("deep.json"));
}

/* ---- locate ---- */

static rg_arena A;

static rg_value path_of(const char *json) {
    rg_value v = rg_undefined();
    rg_diags d = RG_DIAGS_INIT;
    if (rg_json_parse(&A, "path", json, strlen(json), 0, NULL, &v, &d) != 0) rg_test_fail(__FILE__, __LINE__, "bad path %s", json);
    rg_diags_fini(&d);
    return v;
}

static char *where(const rg_cfn_template *t, const char *json_path) {
    static char buf[32];
    rg_pos p = {0, 0};
    if (!rg_cfn_locate(t, path_of(json_path), &p)) return "none";
    snprintf(buf, sizeof buf, "%u:%u", p.line, p.col);
    return buf;
}

static rg_cfn_template *load_one(const char *name, const char *text, rg_cfn_templates *ts, rg_diags *d) {
    write_file(name, text);
    rg_cfn_load_path(tmp_path(name), 0, ts, d);
    if (ts->len != 1 || d->len) {
        print_diags(d);
        rg_test_fail(__FILE__, __LINE__, "%s did not load", name);
        return NULL;
    }
    return ts->items[0];
}

static const char json_tpl[] =
    "{\n"                                                              /* 1 */
    "  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n"                /* 2 */
    "  \"Resources\": {\n"                                             /* 3 */
    "    \"Bucket\": {\n"                                              /* 4 */
    "      \"Type\": \"AWS::S3::Bucket\",\n"                           /* 5 */
    "      \"Properties\": {\n"                                        /* 6 */
    "        \"BucketEncryption\": {\n"                                /* 7 */
    "          \"ServerSideEncryptionConfiguration\": [\n"             /* 8 */
    "            {\"ServerSideEncryptionByDefault\": {\"SSEAlgorithm\": \"AES256\"}},\n" /* 9 */
    "            {\"BucketKeyEnabled\": true}\n"                       /* 10 */
    "          ]\n"                                                    /* 11 */
    "        },\n"                                                     /* 12 */
    "        \"Tags\": [{\"Key\": \"a\", \"Value\": {\"Ref\": \"AWS::StackName\"}}]\n" /* 13 */
    "      }\n"                                                        /* 14 */
    "    },\n"                                                         /* 15 */
    "    \"Topic\": {\"Type\": \"AWS::SNS::Topic\"}\n"                 /* 16 */
    "  }\n"                                                            /* 17 */
    "}\n";

static void test_locate_json(void) {
    rg_cfn_templates ts = {0};
    rg_diags d = RG_DIAGS_INIT;
    rg_cfn_template *t = load_one("loc.template.json", json_tpl, &ts, &d);
    if (!t) goto done;
    CHECK_STR(where(t, "[\"Resources\"]"), "3:3");
    CHECK_STR(where(t, "[\"Resources\", \"Bucket\"]"), "4:5");
    CHECK_STR(where(t, "[\"Resources\", \"Bucket\", \"Properties\"]"), "6:7");
    CHECK_STR(where(t, "[\"Resources\",\"Bucket\",\"Properties\",\"BucketEncryption\",\"ServerSideEncryptionConfiguration\"]"),
              "8:11");
    CHECK_STR(where(t, "[\"Resources\",\"Bucket\",\"Properties\",\"BucketEncryption\",\"ServerSideEncryptionConfiguration\",0]"),
              "9:13");
    CHECK_STR(where(t, "[\"Resources\",\"Bucket\",\"Properties\",\"BucketEncryption\",\"ServerSideEncryptionConfiguration\",1,"
                       "\"BucketKeyEnabled\"]"),
              "10:14");
    CHECK_STR(where(t, "[\"Resources\",\"Bucket\",\"Properties\",\"BucketEncryption\",\"ServerSideEncryptionConfiguration\",0,"
                       "\"ServerSideEncryptionByDefault\",\"SSEAlgorithm\"]"),
              "9:48");
    /* Array indexes written as strings, too. */
    CHECK_STR(where(t, "[\"Resources\",\"Bucket\",\"Properties\",\"Tags\",\"0\",\"Value\",\"Ref\"]"), "13:41");
    /* The deepest existing node: a missing property -> Properties, a
     * missing Properties -> the resource, an index past the end -> the list. */
    CHECK_STR(where(t, "[\"Resources\",\"Bucket\",\"Properties\",\"VersioningConfiguration\",\"Status\"]"), "6:7");
    CHECK_STR(where(t, "[\"Resources\",\"Topic\",\"Properties\",\"KmsMasterKeyId\"]"), "16:5");
    CHECK_STR(where(t, "[\"Resources\",\"Bucket\",\"Properties\",\"Tags\",5,\"Key\"]"), "13:9");
    CHECK_STR(where(t, "[\"Resources\",\"Bucket\",\"Type\",\"x\"]"), "5:7");
    CHECK_STR(where(t, "[\"Resources\",\"Bucket\",\"Properties\",\"Tags\",-1]"), "13:9");
    CHECK_STR(where(t, "[\"Outputs\"]"), "none");
    CHECK_STR(where(t, "[]"), "none");
    rg_pos p = {7, 7};
    CHECK(!rg_cfn_locate(t, rg_cstring(&A, "Resources"), &p));
    CHECK_INT(p.line, 7);
done:
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);
}

static const char yaml_tpl[] =
    "AWSTemplateFormatVersion: \"2010-09-09\"\n"            /* 1 */
    "Parameters:\n"                                        /* 2 */
    "  Env: {Type: String, Default: dev}\n"                /* 3 */
    "Resources:\n"                                         /* 4 */
    "  Bucket:\n"                                          /* 5 */
    "    Type: AWS::S3::Bucket\n"                          /* 6 */
    "    Properties:\n"                                    /* 7 */
    "      BucketName: !Sub \"${Env}-data\"\n"             /* 8 */
    "      BucketEncryption:\n"                            /* 9 */
    "        ServerSideEncryptionConfiguration:\n"         /* 10 */
    "          - ServerSideEncryptionByDefault:\n"         /* 11 */
    "              SSEAlgorithm: aws:kms\n"                /* 12 */
    "              KMSMasterKeyID: !GetAtt Key.Arn\n"      /* 13 */
    "          - BucketKeyEnabled: true\n"                 /* 14 */
    "      Tags: [{Key: a, Value: !Ref Env}]\n"            /* 15 */
    "  Key:\n"                                             /* 16 */
    "    Type: AWS::KMS::Key\n"                            /* 17 */
    "    Properties:\n"                                    /* 18 */
    "      EnableKeyRotation: !If [Prod, true, false]\n";  /* 19 */

static void test_locate_yaml(void) {
    rg_cfn_templates ts = {0};
    rg_diags d = RG_DIAGS_INIT;
    rg_cfn_template *t = load_one("loc.yaml", yaml_tpl, &ts, &d);
    if (!t) goto done;
    CHECK_STR(where(t, "[\"Resources\",\"Bucket\"]"), "5:3");
    CHECK_STR(where(t, "[\"Resources\",\"Bucket\",\"Properties\"]"), "7:5");
    CHECK_STR(where(t, "[\"Resources\",\"Bucket\",\"Properties\",\"BucketName\"]"), "8:7");
    CHECK_STR(where(t, "[\"Resources\",\"Bucket\",\"Properties\",\"BucketName\",\"Fn::Sub\"]"), "8:19");
    CHECK_STR(where(t, "[\"Resources\",\"Bucket\",\"Properties\",\"BucketEncryption\",\"ServerSideEncryptionConfiguration\",0]"),
              "11:13");
    CHECK_STR(where(t, "[\"Resources\",\"Bucket\",\"Properties\",\"BucketEncryption\",\"ServerSideEncryptionConfiguration\",0,"
                       "\"ServerSideEncryptionByDefault\",\"KMSMasterKeyID\"]"),
              "13:15");
    CHECK_STR(where(t, "[\"Resources\",\"Bucket\",\"Properties\",\"BucketEncryption\",\"ServerSideEncryptionConfiguration\",0,"
                       "\"ServerSideEncryptionByDefault\",\"KMSMasterKeyID\",\"Fn::GetAtt\",1]"),
              "13:31");
    CHECK_STR(where(t, "[\"Resources\",\"Bucket\",\"Properties\",\"BucketEncryption\",\"ServerSideEncryptionConfiguration\",1,"
                       "\"BucketKeyEnabled\"]"),
              "14:13");
    CHECK_STR(where(t, "[\"Resources\",\"Bucket\",\"Properties\",\"Tags\",0,\"Value\"]"), "15:23");
    CHECK_STR(where(t, "[\"Resources\",\"Bucket\",\"Properties\",\"Tags\",0,\"Value\",\"Ref\"]"), "15:30");
    CHECK_STR(where(t, "[\"Resources\",\"Key\",\"Properties\",\"EnableKeyRotation\",\"Fn::If\",2]"), "19:43");
    CHECK_STR(where(t, "[\"Resources\",\"Key\",\"Properties\",\"PendingWindowInDays\"]"), "18:5");
    CHECK_STR(where(t, "[\"Parameters\",\"Env\",\"Default\"]"), "3:23");
    /* The short forms are long form to policies. */
    rg_value bn = rg_object_get_str(
        rg_object_get_str(rg_object_get_str(rg_object_get_str(t->value, "Resources"), "Bucket"), "Properties"),
        "BucketName");
    char *js = rg_json_dump(bn, 0);
    CHECK_STR(js, "{\"Fn::Sub\":\"${Env}-data\"}");
    free(js);
done:
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);
}

/* ---- shape rules, explicit files, stdin ---- */

/* Loads text as name; returns the first error message ("" when none). */
static const char *first_error(const char *name, const char *text, int *line, size_t *loaded) {
    static char msg[256];
    write_file(name, text);
    rg_cfn_templates ts = {0};
    rg_diags d = RG_DIAGS_INIT;
    rg_cfn_load_path(tmp_path(name), 0, &ts, &d);
    snprintf(msg, sizeof msg, "%s", d.len ? d.items[0].msg : "");
    *line = d.len ? d.items[0].line : 0;
    *loaded = ts.len;
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);
    return msg;
}

static void test_shapes(void) {
    int line;
    size_t n;
    CHECK_STR(first_error("a.yaml", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n", &line, &n),
              "resource Q: Properties must be a mapping, got null");
    CHECK_INT(line, 4);
    CHECK_INT(n, 0);
    CHECK_STR(first_error("b.yaml", "Resources:\n  Q: AWS::SQS::Queue\n", &line, &n),
              "resource Q must be a mapping, got a string");
    CHECK_INT(line, 2);
    CHECK_STR(first_error("c.yaml", "AWSTemplateFormatVersion: 2010-09-09\nResources:\n", &line, &n),
              "Resources must be a mapping, got null");
    CHECK_INT(line, 2);
    CHECK_STR(first_error("d.yaml", "# nothing but a comment\n", &line, &n), "empty template");
    CHECK_STR(first_error("e.json", "  \n\t\n", &line, &n), "empty template");
    CHECK_STR(first_error("f.json", "\"text\"", &line, &n), "template must be a mapping, got a string");
    CHECK_STR(first_error("g.yaml", "Resources:\n  Q:\n    Type: [AWS::SQS::Queue]\n", &line, &n),
              "resource Q: Type must be a string, got a list");
    CHECK_INT(line, 3);
    /* An explicitly named file must be a template. */
    CHECK_STR(first_error("package.json", "{\"name\": \"app\"}", &line, &n),
              "not a CloudFormation template (no Resources and no AWSTemplateFormatVersion)");
    CHECK_INT(n, 0);
    /* Fine: a template with only a version (and so no resources yet), an
     * Fn::ForEach loop where a resource stands. */
    CHECK_STR(first_error("h.yaml", "AWSTemplateFormatVersion: 2010-09-09\nDescription: x\n", &line, &n), "");
    CHECK_INT(n, 1);
    CHECK_STR(first_error("i.yaml",
                          "Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Q:\n    - X\n    - [A, B]\n"
                          "    - Q${X}: {Type: AWS::SQS::Queue}\n",
                          &line, &n),
              "");
    CHECK_INT(n, 1);
    /* Content decides for other names: JSON when it starts with '{'. */
    CHECK_STR(first_error("j.cfn", "\xEF\xBB\xBF {\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}}", &line, &n), "");
    CHECK_INT(n, 1);
    CHECK_STR(first_error("k.template", "Resources:\n  Q: {Type: AWS::SQS::Queue}\n", &line, &n), "");
    CHECK_INT(n, 1);
    CHECK_STR(first_error("l.template", "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"},}}", &line, &n),
              "trailing comma before '}'");

    rg_cfn_templates ts = {0};
    rg_diags d = RG_DIAGS_INIT;
    CHECK_INT(rg_cfn_load_path(tmp_path("no-such-file.yaml"), 0, &ts, &d), 1);
    if (d.len) CHECK(strstr(d.items[0].msg, "cannot read") != NULL);
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);
}

static void test_stdin(void) {
    write_file("stdin.yaml", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n");
    int saved = dup(STDIN_FILENO);
    int fd = open(tmp_path("stdin.yaml"), O_RDONLY);
    dup2(fd, STDIN_FILENO);
    close(fd);
    rg_cfn_templates ts = {0};
    rg_diags d = RG_DIAGS_INIT;
    CHECK_INT(rg_cfn_load_path("-", 0, &ts, &d), 0);
    CHECK_INT(ts.len, 1);
    if (ts.len) {
        CHECK_STR(ts.items[0]->file, "<stdin>");
        CHECK(ts.items[0]->stack == NULL);
        CHECK_INT(ts.items[0]->n_resources, 1);
    }
    dup2(saved, STDIN_FILENO);
    close(saved);
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);
}

static void test_source_lines(void) {
    rg_cfn_templates ts = {0};
    rg_diags d = RG_DIAGS_INIT;
    rg_cfn_template *t = load_one("crlf.yaml", "Resources:\r\n  Q:\r\n    Type: AWS::SQS::Queue\r\n\r\n# end", &ts, &d);
    if (t) {
        size_t len = 99;
        const char *s = rg_cfn_source_line(t, 2, &len);
        CHECK(s && len == 4 && !memcmp(s, "  Q:", 4));
        s = rg_cfn_source_line(t, 4, &len);
        CHECK(s && len == 0);
        s = rg_cfn_source_line(t, 5, &len);
        CHECK(s && len == 5 && !memcmp(s, "# end", 5));
        CHECK(rg_cfn_source_line(t, 6, &len) == NULL);
        CHECK(rg_cfn_source_line(t, 0, &len) == NULL);
        const rg_cfn_resource_info *ri = rg_cfn_resource(t, "Q");
        CHECK(ri && !strcmp(ri->logical_id, "Q") && !ri->construct_path && !ri->source_file);
        CHECK(rg_cfn_resource(t, "R") == NULL);
        CHECK(rg_cfn_resource(t, "") == NULL);
    }
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);
    t = NULL;
    rg_cfn_templates ts2 = {0};
    t = load_one("nl.json", "{\"Resources\": {}}\n", &ts2, &d);
    if (t) {
        size_t len;
        CHECK(rg_cfn_source_line(t, 1, &len) && len == 17);
        CHECK(rg_cfn_source_line(t, 2, &len) == NULL);
    }
    rg_cfn_templates_fini(&ts2);
    rg_diags_fini(&d);
}

/* ---- folders ---- */

static void test_folder_walk(void) {
    mkdir(tmp_path("proj"), 0700);
    mkdir(tmp_path("proj/sub"), 0700);
    mkdir(tmp_path("proj/.git"), 0700);
    mkdir(tmp_path("proj/node_modules"), 0700);
    const char *tpl = "Resources:\n  Q: {Type: AWS::SQS::Queue}\n";
    write_file("proj/b.yaml", tpl);
    write_file("proj/a.json", "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {}}");
    write_file("proj/sub/c.yml", tpl);
    write_file("proj/sub/d.template", tpl);
    write_file("proj/.git/hidden.yaml", tpl);
    write_file("proj/node_modules/dep.yaml", tpl);
    write_file("proj/package.json", "{\"name\": \"app\", \"version\": \"1.0.0\"}");
    write_file("proj/list.json", "[1, 2, 3]");
    write_file("proj/workflow.yml", "on: push\njobs: {}\n");
    write_file("proj/helm.yaml", "a: {{ .Values.x }}: b\n");
    write_file("proj/empty.yml", "");
    write_file("proj/README.md", "# Resources:\n");
    write_file("proj/notes.txt", tpl);

    rg_cfn_templates ts = {0};
    rg_diags d = RG_DIAGS_INIT;
    CHECK_INT(rg_cfn_load_path(tmp_path("proj"), 0, &ts, &d), 0);
    CHECK_INT(d.len, 0);
    CHECK_INT(ts.len, 4);
    static const char *const order[] = {"proj/a.json", "proj/b.yaml", "proj/sub/c.yml", "proj/sub/d.template"};
    for (size_t i = 0; i < ts.len && i < 4; i++) CHECK_STR(strstr(ts.items[i]->file, "proj/"), order[i]);
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);

    /* -v: each skipped file named, none an error. */
    CHECK_INT(rg_cfn_load_path(tmp_path("proj"), RG_CFN_VERBOSE, &ts, &d), 0);
    CHECK_INT(ts.len, 4);
    CHECK_INT(d.len, 5);
    CHECK_INT(n_errors(&d), 0);
    static const char *const skipped[] = {"proj/empty.yml", "proj/helm.yaml", "proj/list.json", "proj/package.json",
                                          "proj/workflow.yml"};
    for (size_t i = 0; i < d.len && i < 5; i++) {
        CHECK_STR(d.items[i].code, "skipped");
        CHECK_STR(strstr(d.items[i].file, "proj/"), skipped[i]);
        CHECK(strstr(d.items[i].msg, "not a CloudFormation template") != NULL);
    }
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);
}

/* After test_folder_walk: a file that looks like a template is an error
 * in a folder too. */
static void test_folder_errors(void) {
    rg_cfn_templates ts = {0};
    rg_diags d = RG_DIAGS_INIT;
    write_file("proj/sub/broken.template.yaml", "Resources:\n  Q: {Type: AWS::SQS::Queue\n");
    write_file("proj/sub/versioned.json", "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": [}");
    CHECK_INT(rg_cfn_load_path(tmp_path("proj"), 0, &ts, &d), 2);
    CHECK_INT(ts.len, 4);
    if (d.len == 2) {
        CHECK(strstr(d.items[0].file, "proj/sub/broken.template.yaml") != NULL);
        CHECK_INT(d.items[0].line, 3);
        CHECK(strstr(d.items[1].file, "proj/sub/versioned.json") != NULL);
        CHECK_INT(d.items[1].line, 1);
    }
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);

    /* A symbolic link back up is not followed around. */
    if (symlink("..", tmp_path("proj/sub/loop")) == 0) {
        CHECK_INT(rg_cfn_load_path(tmp_path("proj"), 0, &ts, &d), 2);
        CHECK_INT(ts.len, 4);
        rg_cfn_templates_fini(&ts);
        rg_diags_fini(&d);
    }
}

int main(void) {
    rg_arena_init(&A);
    snprintf(tmpdir, sizeof tmpdir, "/tmp/regent-test-cfn-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    if (exists(CORPUS "/cdk/out") && exists(CORPUS "/real/bad")) {
        test_corpus_loads();
        test_big_template_fast();
        test_bad_inputs();
    } else {
        printf("test_cfn: corpus not found at %s; corpus checks skipped\n", CORPUS);
    }
    test_deep_nesting_big();
    test_locate_json();
    test_locate_yaml();
    test_shapes();
    test_stdin();
    test_source_lines();
    test_folder_walk();
    test_folder_errors();
    nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    rg_arena_fini(&A);
    return rg_test_report("cfn");
}
