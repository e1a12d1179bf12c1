/* providers.aws.sign_req: AWS Signature Version 4 as OPA computes it.  The
 * expected signatures were computed independently with a short Python
 * script following the SigV4 steps (canonical request, string to sign,
 * derived key) with OPA's header rules: the AWS headers plus the request's
 * headers, lower-cased, except authorization, user-agent and
 * x-amzn-trace-id; x-amz-content-sha256 only for s3 and glacier. */
#include <stdio.h>
#include <stdlib.h>

#include "read/read.h"
#include "rego/bi_ctx.h"
#include "testlib.h"

extern const rg_builtin_def rg_builtins_aws[];

static rg_arena A;

static rg_value J(const char *json) { return rg_test_json(&A, json); }

static char err_text[1024];

/* Signs; returns the result's JSON (malloc'd) or NULL with err_text set. */
static char *sign(const char *req, const char *cfg, rg_value ns) {
    rg_bi_ctx c;
    rg_bi_ctx_init(&c, &A);
    rg_value args[3] = {J(req), J(cfg), ns}, out;
    int rc = rg_bi_call(&c, "providers.aws.sign_req", args, 3, &out);
    char *res = NULL;
    err_text[0] = 0;
    if (rc == RG_BI_OK) res = rg_json_dump(out, 0);
    else snprintf(err_text, sizeof err_text, "%s: %s", c.err_code ? c.err_code : "?", rg_buf_cstr(&c.err));
    rg_bi_ctx_fini(&c);
    return res;
}

#define EXPECT_SIGN(want, req, cfg, ns)          \
    do {                                         \
        char *got_ = sign((req), (cfg), (ns));   \
        CHECK_STR(got_ ? got_ : err_text, (want)); \
        free(got_);                              \
    } while (0)

#define EXPECT_SIGN_ERR(want, req, cfg, ns)      \
    do {                                         \
        char *got_ = sign((req), (cfg), (ns));   \
        CHECK(got_ == NULL);                     \
        CHECK_STR(err_text, (want));             \
        free(got_);                              \
    } while (0)

static const char CFG_S3[] = "{\"aws_access_key\":\"AKIDEXAMPLE\",\"aws_secret_access_key\":\"secret\","
                             "\"aws_service\":\"s3\",\"aws_region\":\"us-east-1\"}";

static void test_s3_get(void) {
    EXPECT_SIGN("{\"headers\":{\"Authorization\":\"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114/us-east-1/s3/"
                "aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature="
                "25fa718f84360626386beef8f795c6f8db58eca778af7a71f0307e16bccebede\",\"Range\":\"bytes=0-9\","
                "\"host\":\"examplebucket.s3.amazonaws.com\",\"x-amz-content-sha256\":"
                "\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",\"x-amz-date\":"
                "\"20231114T221320Z\"},\"method\":\"GET\",\"url\":\"https://examplebucket.s3.amazonaws.com/test.txt\"}",
                "{\"method\":\"GET\",\"url\":\"https://examplebucket.s3.amazonaws.com/test.txt\","
                "\"headers\":{\"Range\":\"bytes=0-9\"}}",
                CFG_S3, rg_int(1700000000000000000));
}

static void test_sts_post(void) {
    /* query string, JSON body, session token, ignored headers kept but not signed */
    EXPECT_SIGN("{\"body\":{\"a\":[1,2],\"b\":\"c\"},\"headers\":{\"Authorization\":\"AWS4-HMAC-SHA256 Credential=AK/"
                "20231114/eu-west-1/sts/aws4_request,SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,"
                "Signature=55fa5f935ee0a6be529520265e26ca59a54c5fa4e2104fab03c76299aea8a51b\",\"Content-Type\":"
                "\"application/json\",\"User-Agent\":\"x\",\"X-Amzn-Trace-Id\":\"y\",\"host\":"
                "\"sts.eu-west-1.amazonaws.com\",\"x-amz-date\":\"20231114T221320Z\",\"x-amz-security-token\":"
                "\"TOKEN\"},\"method\":\"POST\",\"url\":\"https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity"
                "&Version=2011-06-15\"}",
                "{\"method\":\"POST\",\"url\":\"https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity&Version="
                "2011-06-15\",\"body\":{\"b\":\"c\",\"a\":[1,2]},\"headers\":{\"Content-Type\":\"application/json\","
                "\"User-Agent\":\"x\",\"X-Amzn-Trace-Id\":\"y\"}}",
                "{\"aws_access_key\":\"AK\",\"aws_secret_access_key\":\"SK\",\"aws_service\":\"sts\","
                "\"aws_region\":\"eu-west-1\",\"aws_session_token\":\"TOKEN\"}",
                rg_int(1700000000123456789));
}

static void test_glacier_unsigned(void) {
    /* raw_body, a port in the host, an escaped path, unsigned payload, epoch 0 */
    EXPECT_SIGN("{\"headers\":{\"Authorization\":\"AWS4-HMAC-SHA256 Credential=AK/19700101/us-west-2/glacier/"
                "aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature="
                "ef401222c214d06ae7a24a9993d441230241c617e628484a1571328e76fced0f\",\"host\":\"localhost:9000\","
                "\"x-amz-content-sha256\":\"UNSIGNED-PAYLOAD\",\"x-amz-date\":\"19700101T000000Z\"},\"method\":\"PUT\","
                "\"raw_body\":\"hello\",\"url\":\"http://localhost:9000/bucket/my%20file\"}",
                "{\"method\":\"PUT\",\"url\":\"http://localhost:9000/bucket/my%20file\",\"raw_body\":\"hello\"}",
                "{\"aws_access_key\":\"AK\",\"aws_secret_access_key\":\"SK\",\"aws_service\":\"glacier\","
                "\"aws_region\":\"us-west-2\",\"disable_payload_signing\":true}",
                rg_int(0));
}

static void test_errors(void) {
    EXPECT_SIGN_ERR("eval_type_error: providers.aws.sign_req: operand 1 invalid request parameters(s): {\"foo\"}",
                    "{\"method\":\"GET\",\"url\":\"http://x\",\"foo\":1}", CFG_S3, rg_int(0));
    EXPECT_SIGN_ERR("eval_type_error: providers.aws.sign_req: operand 1 missing required request parameters(s): {\"url\"}",
                    "{\"method\":\"GET\"}", CFG_S3, rg_int(0));
    EXPECT_SIGN_ERR("eval_type_error: providers.aws.sign_req: operand 2 missing required AWS config parameters(s): "
                    "{\"aws_region\", \"aws_secret_access_key\"}",
                    "{\"method\":\"GET\",\"url\":\"http://x\"}", "{\"aws_access_key\":\"a\",\"aws_service\":\"s3\"}",
                    rg_int(0));
    EXPECT_SIGN_ERR("eval_type_error: providers.aws.sign_req: operand 2 invalid value for 'disable_payload_signing' in "
                    "AWS config",
                    "{\"method\":\"GET\",\"url\":\"http://x\"}",
                    "{\"aws_access_key\":\"AK\",\"aws_secret_access_key\":\"SK\",\"aws_service\":\"s3\","
                    "\"aws_region\":\"r\",\"disable_payload_signing\":\"yes\"}",
                    rg_int(0));
    EXPECT_SIGN_ERR("eval_type_error: providers.aws.sign_req: operand 3 must be number but got string",
                    "{\"method\":\"GET\",\"url\":\"http://x\"}", CFG_S3, rg_cstring(&A, "now"));
    EXPECT_SIGN_ERR("eval_type_error: providers.aws.sign_req: operand 1 must be object but got array",
                    "[]", CFG_S3, rg_int(0));
    EXPECT_SIGN_ERR("eval_builtin_error: providers.aws.sign_req: parse \"::bad\": missing protocol scheme",
                    "{\"method\":\"GET\",\"url\":\"::bad\"}", CFG_S3, rg_int(0));
    EXPECT_SIGN_ERR("eval_builtin_error: providers.aws.sign_req: parse \"http://x/%zz\": invalid URL escape",
                    "{\"method\":\"GET\",\"url\":\"http://x/%zz\"}", CFG_S3, rg_int(0));
}

static void test_hostile(void) {
    /* many headers: signed or cleanly refused, never a crash */
    rg_buf req = RG_BUF_INIT;
    rg_buf_puts(&req, "{\"method\":\"GET\",\"url\":\"http://x\",\"headers\":{");
    for (int i = 0; i < 400; i++) rg_buf_printf(&req, "%s\"h%d\":\"v\"", i ? "," : "", i);
    rg_buf_puts(&req, "}}");
    char *got = sign(rg_buf_cstr(&req), CFG_S3, rg_int(0));
    CHECK(got == NULL && strstr(err_text, "too many headers") != NULL);
    free(got);
    rg_buf_fini(&req);
    /* non-string header values sign as empty and are kept as given */
    got = sign("{\"method\":\"GET\",\"url\":\"http://x\",\"headers\":{\"n\":1}}", CFG_S3, rg_int(0));
    CHECK(got != NULL && strstr(got, "\"n\":1") != NULL && strstr(got, "SignedHeaders=host;n;") != NULL);
    free(got);
}

int main(void) {
    CHECK(rg_builtins_aws[0].name != NULL);
    rg_arena_init(&A);
    test_s3_get();
    test_sts_post();
    test_glacier_unsigned();
    test_errors();
    test_hostile();
    rg_arena_fini(&A);
    return rg_test_report("builtins_aws");
}
