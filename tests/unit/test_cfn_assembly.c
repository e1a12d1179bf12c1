/* CDK cloud assemblies: stacks named from the manifest, construct paths,
 * the app's source line from creation stack traces (corpus apps
 * synthesized with CDK_DEBUG=true), nested assemblies, broken manifests,
 * and stack-frame parsing. */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cfn/cfn_internal.h"
#include "testlib.h"

#define CORPUS "../../shared/corpus"

static char tmpdir[64];

static char *tmp_path(const char *name) {
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    return path;
}

static void write_file(const char *name, const char *text) {
    FILE *f = fopen(tmp_path(name), "wb");
    if (!f) {
        rg_test_fail(__FILE__, __LINE__, "cannot write %s", name);
        return;
    }
    fputs(text, f);
    fclose(f);
}

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw) {
    return remove(p);
}

static bool exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

static void print_diags(const rg_diags *d) {
    for (size_t i = 0; i < d->len; i++) fprintf(stderr, "  %s:%d: %s\n", d->items[i].file, d->items[i].line, d->items[i].msg);
}

/* Line n of a file (static buffer), "" when absent. */
static const char *file_line(const char *path, unsigned n) {
    static char buf[512];
    buf[0] = '\0';
    FILE *f = fopen(path, "r");
    if (!f) return buf;
    for (unsigned i = 1; fgets(buf, sizeof buf, f); i++)
        if (i == n) break;
        else buf[0] = '\0';
    fclose(f);
    return buf;
}

static void test_construct_paths(void) {
    rg_cfn_templates ts = {0};
    rg_diags d = RG_DIAGS_INIT;
    CHECK_INT(rg_cfn_load_path(CORPUS "/cdk/out/storage-insecure", 0, &ts, &d), 0);
    CHECK_INT(ts.len, 1);
    if (ts.len == 1) {
        rg_cfn_template *t = ts.items[0];
        CHECK_STR(t->stack, "storage-insecure");
        CHECK_STR(t->file, CORPUS "/cdk/out/storage-insecure/storage-insecure.template.json");
        CHECK_INT(t->n_resources, 15);
        for (size_t i = 0; i < t->n_resources; i++) {
            CHECK(t->resources[i].construct_path && !strncmp(t->resources[i].construct_path, "storage-insecure/", 17));
            CHECK(t->resources[i].source_file == NULL); /* synthesized without CDK_DEBUG */
        }
        const rg_cfn_resource_info *ri = rg_cfn_resource(t, "LedgerBucket136870B6");
        CHECK(ri && !strcmp(ri->construct_path, "storage-insecure/LedgerBucket/Resource"));
        ri = rg_cfn_resource(t, "LedgerBucketPolicy9700C275");
        CHECK(ri && !strcmp(ri->construct_path, "storage-insecure/LedgerBucket/Policy/Resource"));
        ri = rg_cfn_resource(t, "CDKMetadata");
        CHECK(ri && !strcmp(ri->construct_path, "storage-insecure/CDKMetadata/Default"));
    }
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);

    /* The whole out/ folder: one template per app, in name order. */
    CHECK_INT(rg_cfn_load_path(CORPUS "/cdk/out", RG_CFN_VERBOSE, &ts, &d), 0);
    CHECK_INT(d.len, 0); /* nothing inside an assembly is walked, so nothing is skipped */
    CHECK_INT(ts.len, 12);
    for (size_t i = 0; i < ts.len; i++) {
        CHECK(ts.items[i]->stack != NULL);
        if (i) CHECK(strcmp(ts.items[i - 1]->stack, ts.items[i]->stack) < 0);
    }
    if (ts.len == 12) CHECK_STR(ts.items[0]->stack, "bench-fargate-30k");
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);

    /* A manifest.json named explicitly stands for its assembly. */
    CHECK_INT(rg_cfn_load_path(CORPUS "/cdk/out/storage-hardened/manifest.json", 0, &ts, &d), 0);
    CHECK_INT(ts.len, 1);
    if (ts.len) CHECK_STR(ts.items[0]->stack, "storage-hardened");
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);
}

static void test_creation_stacks(void) {
    rg_cfn_templates ts = {0};
    rg_diags d = RG_DIAGS_INIT;
    CHECK_INT(rg_cfn_load_path(CORPUS "/cdk/out-debug/storage-insecure", 0, &ts, &d), 0);
    CHECK_INT(ts.len, 1);
    if (ts.len == 1) {
        rg_cfn_template *t = ts.items[0];
        const rg_cfn_resource_info *ri = rg_cfn_resource(t, "LedgerBucket136870B6");
        CHECK(ri != NULL);
        if (ri) {
            CHECK_STR(ri->source_file, "apps/storage-insecure.js");
            CHECK_INT(ri->source_line, 41);
            CHECK_INT(ri->source_col, 22);
            CHECK(strstr(file_line(CORPUS "/cdk/apps/storage-insecure.js", ri->source_line),
                         "new s3.Bucket(stack, 'LedgerBucket'") != NULL);
        }
        ri = rg_cfn_resource(t, "LedgerServiceBreakGlass59AAB902");
        CHECK(ri && ri->source_line == 102 && ri->source_col == 28);
        ri = rg_cfn_resource(t, "DataKeyAliasF989EB84");
        CHECK(ri && ri->source_line == 24 && ri->source_col == 17);
        for (size_t i = 0; i < t->n_resources; i++)
            CHECK(t->resources[i].source_file && !strcmp(t->resources[i].source_file, "apps/storage-insecure.js"));
    }
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);

    CHECK_INT(rg_cfn_load_path(CORPUS "/cdk/out-debug/web-fargate-insecure", 0, &ts, &d), 0);
    CHECK_INT(ts.len, 1);
    for (size_t i = 0; ts.len && i < ts.items[0]->n_resources; i++) {
        const rg_cfn_resource_info *ri = &ts.items[0]->resources[i];
        CHECK(ri->source_file && !strcmp(ri->source_file, "apps/web-fargate-insecure.js") && ri->source_line > 0);
    }
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);
}

/* A root assembly with one stack (metadata in the manifest) and a nested
 * stage assembly (metadata in an additionalMetadataFile). */
static void build_nested(void) {
    mkdir(tmp_path("asm"), 0700);
    mkdir(tmp_path("asm/assembly-Stage"), 0700);
    write_file("asm/cdk.out", "{\"version\":\"36.0.0\"}");
    write_file("asm/manifest.json",
               "{\"version\": \"36.0.0\", \"artifacts\": {\n"
               "  \"assembly-Stage\": {\"type\": \"cdk:cloud-assembly\",\n"
               "     \"properties\": {\"directoryName\": \"assembly-Stage\", \"displayName\": \"Stage\"}},\n"
               "  \"Tree\": {\"type\": \"cdk:tree\", \"properties\": {\"file\": \"tree.json\"}},\n"
               "  \"Top\": {\"type\": \"aws:cloudformation:stack\", \"displayName\": \"Top\",\n"
               "     \"properties\": {\"templateFile\": \"Top.template.json\"},\n"
               "     \"metadata\": {\n"
               "       \"/Top\": [{\"type\": \"aws:cdk:creationStack\", \"data\": [\"Object.<anonymous> (/home/u/app/bin/app.js:3:1)\"]}],\n"
               "       \"/Top/Thing\": [{\"type\": \"aws:cdk:creationStack\", \"data\": [\n"
               "          \"new Thing (/home/u/app/node_modules/aws-cdk-lib/core/lib/thing.js:1:2)\",\n"
               "          \"Array.forEach (:)\", \"node:internal/modules/cjs/loader:1:1\",\n"
               "          \"Object.<anonymous> (/home/u/app/bin/app.js:12:5)\"]}],\n"
               "       \"/Top/Thing/Resource\": [{\"type\": \"aws:cdk:logicalId\", \"data\": \"ThingABC\"}]}}}}\n");
    write_file("asm/Top.template.json",
               "{\"Resources\": {\"ThingABC\": {\"Type\": \"AWS::SQS::Queue\",\n"
               "  \"Metadata\": {\"aws:cdk:path\": \"Top/Thing/Resource\"}},\n"
               "  \"Other\": {\"Type\": \"AWS::SNS::Topic\"}}}\n");
    write_file("asm/assembly-Stage/manifest.json",
               "{\"version\": \"36.0.0\", \"artifacts\": {\n"
               "  \"StageApiXYZ\": {\"type\": \"aws:cloudformation:stack\", \"displayName\": \"Stage/Api\",\n"
               "     \"properties\": {\"templateFile\": \"StageApi.template.json\", \"stackName\": \"Stage-Api\"},\n"
               "     \"additionalMetadataFile\": \"StageApi.metadata.json\"},\n"
               "  \"StageBroken\": {\"type\": \"aws:cloudformation:stack\",\n"
               "     \"properties\": {\"templateFile\": \"missing.template.json\"}},\n"
               "  \"StageNoFile\": {\"type\": \"aws:cloudformation:stack\", \"properties\": {}}}}\n");
    write_file("asm/assembly-Stage/StageApi.template.json",
               "{\"Resources\": {\n"
               "  \"QueueABC\": {\"Type\": \"AWS::SQS::Queue\", \"Metadata\": {\"aws:cdk:path\": \"Stage/Api/Queue/Resource\"}},\n"
               "  \"TopicDEF\": {\"Type\": \"AWS::SNS::Topic\"}}}\n");
    write_file("asm/assembly-Stage/StageApi.metadata.json",
               "{\"/Stage/Api\": [{\"type\": \"aws:cdk:creationStack\", \"data\": [\"<anonymous> (bin/app.ts:5:1)\"]}],\n"
               " \"/Stage/Api/Queue/Resource\": [{\"type\": \"aws:cdk:logicalId\", \"data\": \"QueueABC\", \"trace\": [\n"
               "    \"    at new Queue (node_modules/aws-cdk-lib/aws-sqs/lib/queue.js:1:99)\",\n"
               "    \"    ...node internals...\",\n"
               "    \"    at Object.<anonymous> (lib/api-stack.ts:30:7)\"]}],\n"
               " \"/Stage/Api/Topic/Resource\": [{\"type\": \"aws:cdk:logicalId\", \"data\": \"TopicDEF\"}]}\n");
}

static void test_nested_assembly(void) {
    build_nested();
    rg_cfn_templates ts = {0};
    rg_diags d = RG_DIAGS_INIT;
    CHECK_INT(rg_cfn_load_path(tmp_path("asm"), 0, &ts, &d), 2);
    CHECK_INT(ts.len, 2);
    CHECK_INT(d.len, 2);
    if (d.len == 2) {
        /* Artifacts in id order: StageBroken, then StageNoFile. */
        CHECK(strstr(d.items[0].file, "assembly-Stage/missing.template.json") && strstr(d.items[0].msg, "cannot read"));
        CHECK(strstr(d.items[1].file, "assembly-Stage/manifest.json") &&
              strstr(d.items[1].msg, "StageNoFile has no properties.templateFile"));
    } else {
        print_diags(&d);
    }
    if (ts.len == 2) {
        rg_cfn_template *top = ts.items[0], *api = ts.items[1];
        CHECK_STR(top->stack, "Top");
        CHECK(strstr(top->file, "/asm/Top.template.json") != NULL);
        const rg_cfn_resource_info *ri = rg_cfn_resource(top, "ThingABC");
        /* No trace of its own: the nearest ancestor's, first app frame. */
        CHECK(ri && !strcmp(ri->construct_path, "Top/Thing/Resource"));
        CHECK(ri && ri->source_file && !strcmp(ri->source_file, "/home/u/app/bin/app.js"));
        CHECK(ri && ri->source_line == 12 && ri->source_col == 5);
        ri = rg_cfn_resource(top, "Other");
        CHECK(ri && !ri->construct_path && !ri->source_file);

        CHECK_STR(api->stack, "Stage-Api");
        CHECK(strstr(api->file, "/asm/assembly-Stage/StageApi.template.json") != NULL);
        ri = rg_cfn_resource(api, "QueueABC");
        CHECK(ri && ri->source_file && !strcmp(ri->source_file, "lib/api-stack.ts"));
        CHECK(ri && ri->source_line == 30 && ri->source_col == 7);
        /* Construct path from the logicalId entry; the stack's own trace
         * (its `new Stack` line) is not a resource's. */
        ri = rg_cfn_resource(api, "TopicDEF");
        CHECK(ri && ri->construct_path && !strcmp(ri->construct_path, "Stage/Api/Topic/Resource"));
        CHECK(ri && !ri->source_file && ri->source_line == 0);
    }
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);
}

/* After test_nested_assembly: inside a project folder the assembly is read
 * through its manifest, next to plain templates. */
static void test_assembly_in_folder(void) {
    rg_cfn_templates ts = {0};
    rg_diags d = RG_DIAGS_INIT;
    mkdir(tmp_path("proj"), 0700);
    char from[256];
    snprintf(from, sizeof from, "%s", tmp_path("asm"));
    rename(from, tmp_path("proj/cdk.out"));
    write_file("proj/template.yaml", "Resources:\n  Q: {Type: AWS::SQS::Queue}\n");
    write_file("proj/cdk.json", "{\"app\": \"node bin/app.js\"}");
    CHECK_INT(rg_cfn_load_path(tmp_path("proj"), RG_CFN_VERBOSE, &ts, &d), 2);
    CHECK_INT(ts.len, 3);
    if (ts.len == 3) {
        CHECK_STR(ts.items[0]->stack, "Top");
        CHECK_STR(ts.items[1]->stack, "Stage-Api");
        CHECK(ts.items[2]->stack == NULL && strstr(ts.items[2]->file, "proj/template.yaml"));
    }
    CHECK_INT(d.len, 3); /* the two errors, and cdk.json skipped */
    if (d.len == 3) CHECK(!strcmp(d.items[0].code, "skipped") && strstr(d.items[0].file, "proj/cdk.json"));
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);
}

static void test_broken_manifests(void) {
    rg_cfn_templates ts = {0};
    rg_diags d = RG_DIAGS_INIT;
    /* An assembly that contains itself stops at the depth bound. */
    mkdir(tmp_path("self"), 0700);
    write_file("self/manifest.json", "{\"artifacts\": {\"me\": {\"type\": \"cdk:cloud-assembly\","
                                     " \"properties\": {\"directoryName\": \".\"}}}}");
    CHECK_INT(rg_cfn_load_path(tmp_path("self"), 0, &ts, &d), 1);
    if (d.len) CHECK(strstr(d.items[0].msg, "nested assemblies deeper than") != NULL);
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);

    /* A manifest.json that is no cloud assembly (a web app manifest): the
     * folder is walked as any other. */
    mkdir(tmp_path("web"), 0700);
    write_file("web/manifest.json", "{\"name\": \"app\", \"icons\": []}");
    write_file("web/stack.yaml", "Resources:\n  Q: {Type: AWS::SQS::Queue}\n");
    CHECK_INT(rg_cfn_load_path(tmp_path("web"), 0, &ts, &d), 0);
    CHECK_INT(ts.len, 1);
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);

    /* Broken metadata file: reported, the stack still loads. */
    mkdir(tmp_path("bm"), 0700);
    write_file("bm/manifest.json", "{\"artifacts\": {\"S\": {\"type\": \"aws:cloudformation:stack\","
                                   " \"properties\": {\"templateFile\": \"S.json\"}, \"additionalMetadataFile\": \"S.meta.json\"}}}");
    write_file("bm/S.json", "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}}");
    write_file("bm/S.meta.json", "{\"/S/Q\": [");
    CHECK_INT(rg_cfn_load_path(tmp_path("bm"), 0, &ts, &d), 1);
    CHECK_INT(ts.len, 1);
    if (ts.len) CHECK_STR(ts.items[0]->stack, "S");
    if (d.len) CHECK(strstr(d.items[0].file, "bm/S.meta.json") && d.items[0].line == 1);
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);

    /* A stack template that is not a template at all (its metadata is
     * not read then). */
    write_file("bm/S.json", "[]");
    CHECK_INT(rg_cfn_load_path(tmp_path("bm/manifest.json"), 0, &ts, &d), 1);
    CHECK_INT(ts.len, 0);
    if (d.len) CHECK_STR(d.items[0].msg, "template must be a mapping, got a list");
    rg_cfn_templates_fini(&ts);
    rg_diags_fini(&d);
}

static const char *frame(const char *s) {
    static char buf[256];
    const char *file;
    size_t n;
    uint32_t line, col;
    if (!rg_cfn_parse_frame(s, strlen(s), &file, &n, &line, &col)) return "-";
    snprintf(buf, sizeof buf, "%.*s:%u:%u", (int)n, file, line, col);
    return buf;
}

static void test_frames(void) {
    CHECK_STR(frame("<anonymous> (apps/storage-insecure.js:102:28)"), "apps/storage-insecure.js:102:28");
    CHECK_STR(frame("    at <anonymous> (apps/database-insecure.js:20:13)"), "apps/database-insecure.js:20:13");
    CHECK_STR(frame("at Object.<anonymous> (/home/u/app/bin/app.ts:7:3)\n"), "/home/u/app/bin/app.ts:7:3");
    CHECK_STR(frame("at /home/u/app/bin/app.js:1:9"), "/home/u/app/bin/app.js:1:9");
    CHECK_STR(frame("new MyStack (file:///home/u/app/lib/stack.mjs:40:5)"), "/home/u/app/lib/stack.mjs:40:5");
    CHECK_STR(frame("C:\\app\\bin\\app.js:4:2"), "C:\\app\\bin\\app.js:4:2");
    CHECK_STR(frame("new Bucket (/home/u/app/node_modules/aws-cdk-lib/aws-s3/lib/bucket.js:1:2345)"), "-");
    CHECK_STR(frame("...new Bucket2 in aws-cdk-lib..."), "-");
    CHECK_STR(frame("...node_modules/aws-cdk-lib/aws-ec2/lib/vpc.js:1:291 in aws-cdk-lib..."), "-");
    CHECK_STR(frame("...node internals..."), "-");
    CHECK_STR(frame("Array.forEach (:)"), "-");
    CHECK_STR(frame("node:internal/modules/cjs/loader:1554:14"), "-");
    CHECK_STR(frame("Module._compile (node:internal/modules/cjs/loader:1554:14)"), "-");
    CHECK_STR(frame("app.js:0:1"), "-");
    CHECK_STR(frame("app.js:x:1"), "-");
    CHECK_STR(frame(":1:2"), "-");
    CHECK_STR(frame(""), "-");
    CHECK_STR(frame("((((("), "-");
    CHECK_STR(frame("fn (a.js:1:2"), "fn (a.js:1:2"); /* no closing parenthesis: all of it */
}

int main(void) {
    snprintf(tmpdir, sizeof tmpdir, "/tmp/regent-test-cfnasm-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    if (exists(CORPUS "/cdk/out-debug")) {
        test_construct_paths();
        test_creation_stacks();
    } else {
        printf("test_cfn_assembly: corpus not found at %s; corpus checks skipped\n", CORPUS);
    }
    test_nested_assembly();
    test_assembly_in_folder();
    test_broken_manifests();
    test_frames();
    nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    return rg_test_report("cfn_assembly");
}
