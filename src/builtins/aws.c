/* Builtins: providers.aws.sign_req -- signs an http.send request object with
 * AWS Signature Version 4 the way OPA does: the AWS headers (host,
 * x-amz-date, x-amz-content-sha256 for s3/glacier, x-amz-security-token)
 * plus every request header except authorization, user-agent and
 * x-amzn-trace-id are signed; the request's own values win in the signature,
 * the AWS values win in the returned headers object. */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "builtins/encoding_internal.h"
#include "builtins/families.h"

/* Keys http.send accepts: a request object with any other key is rejected,
 * as OPA validates it with the same rules (sorted for the error text). */
static const char *const request_keys[] = {
    "body", "cache", "cache_ignored_headers", "caching_mode", "enable_redirect", "force_cache",
    "force_cache_duration_seconds", "force_json_decode", "force_yaml_decode", "headers",
    "max_retry_attempts", "method", "raise_error", "raw_body", "timeout", "tls_ca_cert",
    "tls_ca_cert_env_variable", "tls_ca_cert_file", "tls_client_cert", "tls_client_cert_env_variable",
    "tls_client_cert_file", "tls_client_key", "tls_client_key_env_variable", "tls_client_key_file",
    "tls_insecure_skip_verify", "tls_server_name", "tls_use_system_certs", "url", NULL,
};

static const char *const config_keys[] = {
    "aws_access_key", "aws_region", "aws_secret_access_key", "aws_service", NULL,
};

#define MAX_SIGNED 256 /* headers in one signature; more is an error */

typedef struct hdr {
    const char *name; /* lower-case, malloc'd */
    const char *val;  /* borrowed from a value or a local buffer */
    size_t vlen;
} hdr;

static void hex(char *dst, const unsigned char *md, size_t n) {
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        dst[2 * i] = digits[md[i] >> 4];
        dst[2 * i + 1] = digits[md[i] & 15];
    }
    dst[2 * n] = 0;
}

static void sha256_hex(char out[65], const void *data, size_t n) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    EVP_Digest(n ? data : "", n, md, &len, EVP_sha256(), NULL);
    hex(out, md, 32);
}

static void hmac256(unsigned char out[32], const void *key, size_t klen, const char *msg, size_t n) {
    unsigned len = 32;
    HMAC(EVP_sha256(), klen ? key : "", (int)klen, (const unsigned char *)(n ? msg : ""), n, out, &len);
}

static bool is_str(rg_value v) { return v.kind == RG_STRING; }

/* OPA reads optional config and header values as "" when not strings. */
static const char *str_or_empty(rg_value v, size_t *len) {
    if (!is_str(v)) {
        *len = 0;
        return "";
    }
    *len = v.len;
    return v.len ? v.u.s : "";
}

/* Appends a set of strings as Rego prints it: {"a", "b"}. */
static void put_set(rg_buf *b, const char *const *names, size_t n) {
    rg_buf_putc(b, '{');
    for (size_t i = 0; i < n; i++) {
        if (i) rg_buf_puts(b, ", ");
        rg_json_write_string(b, names[i], strlen(names[i]), 0);
    }
    rg_buf_putc(b, '}');
}

static bool in_list(const char *const *list, rg_value k) {
    for (size_t i = 0; list[i]; i++)
        if (is_str(k) && strlen(list[i]) == k.len && memcmp(list[i], k.u.s, k.len) == 0) return true;
    return false;
}

/* http.send's request checks: no unknown key, method and url present. */
static int check_request(rg_bi_ctx *ctx, rg_value req) {
    rg_buf b = RG_BUF_INIT;
    int bad = 0;
    rg_buf_putc(&b, '{');
    for (size_t i = 0; i < rg_len(req); i++) {
        rg_value k = rg_obj_key(req, i);
        if (in_list(request_keys, k)) continue;
        if (bad++) rg_buf_puts(&b, ", ");
        char *t = rg_json_dump(k, 0);
        rg_buf_puts(&b, t);
        free(t);
    }
    rg_buf_putc(&b, '}');
    int rc = 0;
    if (bad) {
        rc = rg_bi_operand_error(ctx, "operand 1 invalid request parameters(s): %s", rg_buf_cstr(&b));
    } else {
        const char *missing[2];
        size_t n = 0;
        if (rg_is_undef(rg_object_get_str(req, "method"))) missing[n++] = "method";
        if (rg_is_undef(rg_object_get_str(req, "url"))) missing[n++] = "url";
        if (n) {
            b.len = 0;
            put_set(&b, missing, n);
            rc = rg_bi_operand_error(ctx, "operand 1 missing required request parameters(s): %s", rg_buf_cstr(&b));
        }
    }
    rg_buf_fini(&b);
    return rc;
}

static int check_config(rg_bi_ctx *ctx, rg_value cfg) {
    const char *missing[4];
    size_t n = 0;
    for (size_t i = 0; config_keys[i]; i++)
        if (rg_is_undef(rg_object_get_str(cfg, config_keys[i]))) missing[n++] = config_keys[i];
    if (!n) return 0;
    rg_buf b = RG_BUF_INIT;
    put_set(&b, missing, n);
    int rc = rg_bi_operand_error(ctx, "operand 2 missing required AWS config parameters(s): %s", rg_buf_cstr(&b));
    rg_buf_fini(&b);
    return rc;
}

/* ---- URL parts, as Go's net/url gives them ---- */

typedef struct url_parts {
    const char *host, *path, *query;
    size_t host_len, path_len, query_len;
} url_parts;

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static bool path_char_ok(unsigned char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return c && strchr("-_.~$&+,/:;=@!'()*[]", c) != NULL;
}

/* Splits scheme://host/path?query#fragment.  Returns NULL or an error. */
static const char *url_split(const char *s, size_t n, url_parts *u) {
    memset(u, 0, sizeof *u);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) return "net/url: invalid control character in URL";
    const char *end = memchr(s, '#', n);
    if (end) n = (size_t)(end - s);
    const char *q = memchr(s, '?', n);
    if (q) {
        u->query = q + 1;
        u->query_len = n - (size_t)(q + 1 - s);
        n = (size_t)(q - s);
    }
    size_t i = 0;
    while (i < n && s[i] != ':' && s[i] != '/') i++;
    if (i < n && s[i] == ':') {
        if (i == 0) return "missing protocol scheme";
        s += i + 1;
        n -= i + 1;
    }
    if (n >= 2 && s[0] == '/' && s[1] == '/') {
        const char *slash = memchr(s + 2, '/', n - 2);
        size_t alen = slash ? (size_t)(slash - s - 2) : n - 2;
        const char *auth = s + 2;
        const char *at = NULL;
        for (size_t k = 0; k < alen; k++)
            if (auth[k] == '@') at = auth + k;
        u->host = at ? at + 1 : auth;
        u->host_len = alen - (size_t)(u->host - auth);
        s += 2 + alen;
        n -= 2 + alen;
    }
    u->path = s;
    u->path_len = n;
    for (size_t k = 0; k < n; k++)
        if (s[k] == '%' && (k + 2 >= n || hexval(s[k + 1]) < 0 || hexval(s[k + 2]) < 0))
            return "invalid URL escape";
    return NULL;
}

/* Go's URL.EscapedPath: the raw path when it is validly encoded, else the
 * decoded path escaped again. */
static void escaped_path(rg_buf *out, const url_parts *u) {
    bool valid = true;
    for (size_t i = 0; i < u->path_len; i++)
        if (u->path[i] != '%' && !path_char_ok((unsigned char)u->path[i])) valid = false;
    if (valid) {
        rg_buf_append(out, u->path, u->path_len);
        return;
    }
    for (size_t i = 0; i < u->path_len; i++) {
        unsigned char c = (unsigned char)u->path[i];
        if (c == '%') {
            c = (unsigned char)(hexval(u->path[i + 1]) * 16 + hexval(u->path[i + 2]));
            i += 2;
        }
        bool keep = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) ||
                    (c && strchr("-_.~$&+,/:;=@", c));
        if (keep) rg_buf_putc(out, (char)c);
        else rg_buf_printf(out, "%%%02X", c);
    }
}

/* ---- signing ---- */

typedef struct sign_in {
    const char *method, *access, *secret, *region, *service, *token;
    size_t method_len, access_len, secret_len, region_len, service_len, token_len;
    rg_buf body;
    bool unsigned_payload;
    int64_t ns;
} sign_in;

static int hdr_cmp(const void *a, const void *b) { return strcmp(((const hdr *)a)->name, ((const hdr *)b)->name); }

/* Adds or replaces a header (names compared lower-cased). */
static int hdr_put(hdr *h, size_t *n, const char *name, size_t name_len, const char *val, size_t vlen) {
    char *lower = rg_xmalloc(name_len + 1);
    for (size_t i = 0; i < name_len; i++) {
        char c = name[i];
        lower[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    lower[name_len] = 0;
    for (size_t i = 0; i < *n; i++) {
        if (strcmp(h[i].name, lower) == 0) {
            free(lower);
            h[i].val = val;
            h[i].vlen = vlen;
            return 0;
        }
    }
    if (*n == MAX_SIGNED) {
        free(lower);
        return -1;
    }
    h[(*n)++] = (hdr){lower, val, vlen};
    return 0;
}

static void format_times(int64_t ns, char date[9], char stamp[17]) {
    int64_t secs = ns / 1000000000;
    if (ns % 1000000000 < 0) secs--;
    time_t t = (time_t)secs;
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    /* int64 nanoseconds stay within years 1677..2262: four-digit years */
    if (!gmtime_r(&t, &tm) || strftime(date, 9, "%Y%m%d", &tm) == 0) strcpy(date, "00000000");
    if (strftime(stamp, 17, "%Y%m%dT%H%M%SZ", &tm) == 0) strcpy(stamp, "00000000T000000Z");
}

/* Builds the canonical request and returns the hex signature in sig. */
static void signature(const sign_in *in, const url_parts *u, hdr *h, size_t n, const char *payload,
                      const char *date, const char *stamp, rg_buf *signed_list, char sig[65]) {
    rg_buf cr = RG_BUF_INIT;
    rg_buf_append(&cr, in->method, in->method_len);
    rg_buf_putc(&cr, '\n');
    escaped_path(&cr, u);
    rg_buf_putc(&cr, '\n');
    rg_buf_append(&cr, u->query, u->query_len);
    rg_buf_putc(&cr, '\n');
    qsort(h, n, sizeof *h, hdr_cmp);
    for (size_t i = 0; i < n; i++) {
        rg_buf_printf(&cr, "%s:", h[i].name);
        rg_buf_append(&cr, h[i].val, h[i].vlen);
        rg_buf_putc(&cr, '\n');
        if (i) rg_buf_putc(signed_list, ';');
        rg_buf_puts(signed_list, h[i].name);
    }
    rg_buf_printf(&cr, "\n%s\n%s", rg_buf_cstr(signed_list), payload);
    char cr_hash[65];
    sha256_hex(cr_hash, cr.data, cr.len);

    rg_buf sts = RG_BUF_INIT;
    rg_buf_printf(&sts, "AWS4-HMAC-SHA256\n%s\n%s/", stamp, date);
    rg_buf_append(&sts, in->region, in->region_len);
    rg_buf_putc(&sts, '/');
    rg_buf_append(&sts, in->service, in->service_len);
    rg_buf_printf(&sts, "/aws4_request\n%s", cr_hash);

    rg_buf k0 = RG_BUF_INIT;
    rg_buf_puts(&k0, "AWS4");
    rg_buf_append(&k0, in->secret, in->secret_len);
    unsigned char key[32], next[32];
    hmac256(key, k0.data, k0.len, date, strlen(date));
    hmac256(next, key, 32, in->region, in->region_len);
    hmac256(key, next, 32, in->service, in->service_len);
    hmac256(next, key, 32, "aws4_request", 12);
    hmac256(key, next, 32, sts.data, sts.len);
    hex(sig, key, 32);
    rg_buf_fini(&k0);
    rg_buf_fini(&sts);
    rg_buf_fini(&cr);
}

static void push_str(rg_arena *a, rg_vec *v, const char *k, const char *s, size_t n) {
    rg_vec_push(v, rg_cstring(a, k));
    rg_vec_push(v, rg_string(a, s, n));
}

/* Request headers OPA leaves out of the signature. */
static bool ignored_header(const char *k, size_t n) {
    static const char *const names[] = {"authorization", "user-agent", "x-amzn-trace-id", NULL};
    for (size_t i = 0; names[i]; i++)
        if (strlen(names[i]) == n && strncasecmp(k, names[i], n) == 0) return true;
    return false;
}

/* Signs and returns the AWS headers (as k,v pairs in aws_out); -1 when the
 * request has too many headers. */
static int sign(rg_arena *a, const sign_in *in, const url_parts *u, rg_value headers, rg_vec *aws_out) {
    char date[9], stamp[17], payload[65];
    format_times(in->ns, date, stamp);
    if (in->unsigned_payload) strcpy(payload, "UNSIGNED-PAYLOAD");
    else sha256_hex(payload, in->body.data, in->body.len);
    bool content = (in->service_len == 2 && memcmp(in->service, "s3", 2) == 0) ||
                   (in->service_len == 7 && memcmp(in->service, "glacier", 7) == 0);

    hdr *h = rg_xcalloc(MAX_SIGNED, sizeof *h);
    size_t n = 0;
    hdr_put(h, &n, "host", 4, u->host ? u->host : "", u->host_len);
    hdr_put(h, &n, "x-amz-date", 10, stamp, 16);
    if (content) hdr_put(h, &n, "x-amz-content-sha256", 20, payload, strlen(payload));
    if (in->token_len) hdr_put(h, &n, "x-amz-security-token", 20, in->token, in->token_len);
    push_str(a, aws_out, "host", u->host ? u->host : "", u->host_len);
    push_str(a, aws_out, "x-amz-date", stamp, 16);
    if (content) push_str(a, aws_out, "x-amz-content-sha256", payload, strlen(payload));
    if (in->token_len) push_str(a, aws_out, "x-amz-security-token", in->token, in->token_len);
    int rc = 0;
    for (size_t i = 0; headers.kind == RG_OBJECT && i < rg_len(headers) && rc == 0; i++) {
        size_t klen, vlen;
        const char *k = str_or_empty(rg_obj_key(headers, i), &klen);
        const char *v = str_or_empty(rg_obj_val(headers, i), &vlen);
        if (ignored_header(k, klen)) continue;
        rc = hdr_put(h, &n, k, klen, v, vlen);
    }
    if (rc == 0) {
        rg_buf list = RG_BUF_INIT, auth = RG_BUF_INIT;
        char sig[65];
        signature(in, u, h, n, payload, date, stamp, &list, sig);
        rg_buf_puts(&auth, "AWS4-HMAC-SHA256 Credential=");
        rg_buf_append(&auth, in->access, in->access_len);
        rg_buf_printf(&auth, "/%s/", date);
        rg_buf_append(&auth, in->region, in->region_len);
        rg_buf_putc(&auth, '/');
        rg_buf_append(&auth, in->service, in->service_len);
        rg_buf_printf(&auth, "/aws4_request,SignedHeaders=%s,Signature=%s", rg_buf_cstr(&list), sig);
        push_str(a, aws_out, "Authorization", auth.data, auth.len);
        rg_buf_fini(&list);
        rg_buf_fini(&auth);
    }
    for (size_t i = 0; i < n; i++) free((char *)h[i].name);
    free(h);
    return rc;
}

/* The payload: raw_body as given, else body as compact JSON, else empty. */
static int read_body(rg_bi_ctx *ctx, rg_value req, rg_buf *body) {
    rg_value raw = rg_object_get_str(req, "raw_body");
    rg_value js = rg_object_get_str(req, "body");
    if (!rg_is_undef(raw)) {
        size_t n;
        const char *s = str_or_empty(raw, &n);
        rg_buf_append(body, s, n);
    } else if (!rg_is_undef(js)) {
        if (!rg_enc_json_write_go(body, js)) return rg_bi_error(ctx, "body nests too deeply");
    }
    return 0;
}

static int read_config(rg_bi_ctx *ctx, rg_value cfg, sign_in *in) {
    in->access = str_or_empty(rg_object_get_str(cfg, "aws_access_key"), &in->access_len);
    in->secret = str_or_empty(rg_object_get_str(cfg, "aws_secret_access_key"), &in->secret_len);
    in->region = str_or_empty(rg_object_get_str(cfg, "aws_region"), &in->region_len);
    in->service = str_or_empty(rg_object_get_str(cfg, "aws_service"), &in->service_len);
    in->token = str_or_empty(rg_object_get_str(cfg, "aws_session_token"), &in->token_len);
    rg_value dps = rg_object_get_str(cfg, "disable_payload_signing");
    if (!rg_is_undef(dps)) {
        if (dps.kind != RG_BOOL)
            return rg_bi_operand_error(ctx, "operand 2 invalid value for 'disable_payload_signing' in AWS config");
        in->unsigned_payload = dps.u.b;
    }
    return 0;
}

/* The request with its headers object extended by the AWS headers. */
static rg_value result(rg_arena *a, rg_value req, rg_value headers, rg_vec *aws) {
    rg_value h = headers.kind == RG_OBJECT ? headers : rg_empty_object();
    for (size_t i = 0; i + 1 < aws->len; i += 2) h = rg_object_put(a, h, aws->items[i], aws->items[i + 1]);
    return rg_object_put(a, req, rg_cstring(a, "headers"), h);
}

static int bi_sign_req(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_kind(ctx, args, 0, RG_T_OBJ) || rg_bi_want_kind(ctx, args, 1, RG_T_OBJ) ||
        rg_bi_want_number(ctx, args, 2))
        return RG_BI_ERROR;
    rg_value req = args[0], cfg = args[1];
    sign_in in = {0};
    if (check_config(ctx, cfg) || read_config(ctx, cfg, &in)) return RG_BI_ERROR;
    if (!rg_num_to_int64(args[2], &in.ns)) return rg_bi_operand_error(ctx, "operand 3 timestamp is not a valid integer");
    if (check_request(ctx, req)) return RG_BI_ERROR;
    in.method = str_or_empty(rg_object_get_str(req, "method"), &in.method_len);
    size_t url_len;
    const char *url = str_or_empty(rg_object_get_str(req, "url"), &url_len);
    url_parts u;
    const char *err = url_split(url, url_len, &u);
    if (err) {
        rg_buf q = RG_BUF_INIT;
        rg_enc_go_quote(&q, url, url_len);
        int rc = rg_bi_error(ctx, "parse %s: %s", rg_buf_cstr(&q), err);
        rg_buf_fini(&q);
        return rc;
    }
    int rc = read_body(ctx, req, &in.body);
    rg_vec aws = RG_VEC_INIT;
    rg_value headers = rg_object_get_str(req, "headers");
    if (rc == 0 && sign(rg_bi_arena(ctx), &in, &u, headers, &aws) != 0)
        rc = rg_bi_error(ctx, "too many headers to sign");
    if (rc == 0) *out = result(rg_bi_arena(ctx), req, headers, &aws);
    rg_vec_fini(&aws);
    rg_buf_fini(&in.body);
    return rc ? RG_BI_ERROR : RG_BI_OK;
}

const rg_builtin_def rg_builtins_aws[] = {
    {"providers.aws.sign_req", bi_sign_req, 3, RG_ARGS(RG_T_OBJ, RG_T_OBJ, RG_T_NUM), RG_T_OBJ, 0},
    {0},
};
