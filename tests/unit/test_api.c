/* Public API: compile once, evaluate many inputs from several threads at
 * once, errors reported with positions. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regent/regent.h"
#include "testlib.h"

static const char policy[] =
    "package t\n"
    "import rego.v1\n"
    "deny contains msg if {\n"
    "  some name, r in input.Resources\n"
    "  r.Type == \"AWS::S3::Bucket\"\n"
    "  not r.Properties.Encrypted\n"
    "  msg := sprintf(\"%s is not encrypted\", [name])\n"
    "}\n";

typedef struct job {
    const regent_query *q;
    int id, ok;
} job;

static void *worker(void *arg) {
    job *j = arg;
    char input[256], want[256];
    j->ok = 1;
    for (int i = 0; i < 200; i++) {
        snprintf(input, sizeof input,
                 "{\"Resources\": {\"B%d_%d\": {\"Type\": \"AWS::S3::Bucket\"}, \"K\": {\"Type\": \"AWS::KMS::Key\"}}}",
                 j->id, i);
        snprintf(want, sizeof want, "{\"result\":[{\"expressions\":[{\"value\":[\"B%d_%d is not encrypted\"]}]}]}", j->id,
                 i);
        char *out = NULL, *err = NULL;
        if (regent_query_eval(j->q, input, strlen(input), NULL, &out, &err) != 0 || strcmp(out, want) != 0) j->ok = 0;
        regent_string_free(out);
        regent_string_free(err);
    }
    return NULL;
}

static void test_threads(void) {
    regent_policy *p = regent_policy_new(NULL);
    CHECK(regent_policy_add_module(p, "t.rego", policy, strlen(policy)) == 0);
    CHECK(regent_policy_compile(p) == 0);
    CHECK_STR(regent_policy_errors(p), "");
    char *err = NULL;
    regent_query *q = regent_query_prepare(p, "data.t.deny", &err);
    CHECK(q != NULL);
    enum { N = 4 };
    pthread_t th[N];
    job jobs[N];
    for (int i = 0; i < N; i++) {
        jobs[i] = (job){q, i, 0};
        pthread_create(&th[i], NULL, worker, &jobs[i]);
    }
    for (int i = 0; i < N; i++) {
        pthread_join(th[i], NULL);
        CHECK(jobs[i].ok);
    }
    regent_query_free(q);
    regent_policy_free(p);
}

static void test_errors(void) {
    regent_policy *p = regent_policy_new(NULL);
    const char *bad = "package t\np := \n";
    CHECK(regent_policy_add_module(p, "bad.rego", bad, strlen(bad)) != 0);
    CHECK(strstr(regent_policy_errors(p), "bad.rego:3:1: rego_parse_error") != NULL);
    regent_policy_free(p);

    p = regent_policy_new(NULL);
    const char *unsafe = "package t\np if x > 1\n";
    CHECK(regent_policy_add_module(p, "u.rego", unsafe, strlen(unsafe)) == 0);
    CHECK(regent_policy_compile(p) != 0);
    CHECK(strstr(regent_policy_errors(p), "u.rego:2:6: rego_unsafe_var_error: var x is unsafe") != NULL);
    char *err = NULL;
    CHECK(regent_query_prepare(p, "data.t.p", &err) == NULL);
    CHECK(err != NULL);
    regent_string_free(err);
    regent_policy_free(p);
}

static void test_undefined_and_data(void) {
    regent_policy *p = regent_policy_new(NULL);
    const char *m = "package t\nlimit := data.cfg.limit\n";
    CHECK(regent_policy_add_module(p, "m.rego", m, strlen(m)) == 0);
    const char *data = "{\"cfg\": {\"limit\": 3}}";
    CHECK(regent_policy_set_data_json(p, data, strlen(data)) == 0);
    CHECK(regent_policy_compile(p) == 0);
    regent_query *q = regent_query_prepare(p, "data.t.limit", NULL);
    char *out = NULL, *err = NULL;
    CHECK(regent_query_eval(q, NULL, 0, NULL, &out, &err) == 0);
    CHECK_STR(out, "{\"result\":[{\"expressions\":[{\"value\":3}]}]}");
    regent_string_free(out);
    regent_query_free(q);
    q = regent_query_prepare(p, "data.t.nothing", NULL);
    CHECK(regent_query_eval(q, NULL, 0, NULL, &out, &err) == 0);
    CHECK_STR(out, "{}");
    regent_string_free(out);
    CHECK(regent_query_eval(q, "{bad", 4, NULL, &out, &err) != 0);
    CHECK(err && strstr(err, "input:1:2") != NULL);
    regent_string_free(err);
    regent_query_free(q);
    regent_policy_free(p);
}

int main(void) {
    test_threads();
    test_errors();
    test_undefined_and_data();
    return rg_test_report("api");
}
