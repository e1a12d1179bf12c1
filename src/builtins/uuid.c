/* Builtins: uuid.rfc4122 (random version-4 UUIDs, one per key and
 * evaluation) and uuid.parse (the fields OPA decodes from a UUID).
 *
 * uuid.parse accepts the forms Go's github.com/google/uuid accepts: 36
 * characters with dashes, the same wrapped in any two characters (braces),
 * with a case-insensitive "urn:uuid:" prefix, or 32 bare hex digits.  An
 * unparsable string gives undefined.  Version 1/2 UUIDs also report their
 * time (ns since the epoch), clock sequence and node; version 2 adds the
 * DCE domain and id; versions 6 and 7 report their time as well. */
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "builtins/families.h"

/* 100-ns intervals between 1582-10-15 (the UUID epoch) and 1970-01-01. */
#define UUID_EPOCH_OFFSET 122192928000000000LL

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static bool hex_byte(const char *s, uint8_t *out) {
    int hi = hexval(s[0]), lo = hexval(s[1]);
    if (hi < 0 || lo < 0) return false;
    *out = (uint8_t)(hi << 4 | lo);
    return true;
}

static bool uuid_parse(const char *s, size_t n, uint8_t u[16]) {
    static const int at[16] = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};
    if (n == 32) {
        for (int i = 0; i < 16; i++)
            if (!hex_byte(s + 2 * i, &u[i])) return false;
        return true;
    }
    if (n == 45) {
        if (strncasecmp(s, "urn:uuid:", 9) != 0) return false;
        s += 9;
    } else if (n == 38) {
        s += 1; /* google/uuid does not look at the wrapping characters */
    } else if (n != 36) {
        return false;
    }
    if (s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') return false;
    for (int i = 0; i < 16; i++)
        if (!hex_byte(s + at[i], &u[i])) return false;
    return true;
}

static const char *variant_name(uint8_t b) {
    if ((b & 0xc0) == 0x80) return "RFC4122";
    if ((b & 0xe0) == 0xc0) return "Microsoft";
    if ((b & 0xe0) == 0xe0) return "Future";
    return "Reserved";
}

static const char *mac_variables(uint8_t b) {
    if ((b & 3) == 3) return "local:multicast";
    if (b & 1) return "global:multicast";
    if (b & 2) return "local:unicast";
    return "global:unicast";
}

static uint64_t be(const uint8_t *p, int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; i++) v = v << 8 | p[i];
    return v;
}

/* UUID timestamp (100 ns since 1582) to Unix ns; Go's int64 arithmetic
 * wraps for absurd timestamps, so compute in unsigned and convert. */
static int64_t uuid_time_ns(uint64_t t100) {
    uint64_t rel = t100 - (uint64_t)UUID_EPOCH_OFFSET;
    return (int64_t)(rel * 100u);
}

static uint64_t uuid_time(const uint8_t u[16], int version) {
    if (version == 6) return be(u, 4) << 28 | be(u + 4, 2) << 12 | (be(u + 6, 2) & 0xfff);
    if (version == 7) return be(u, 6) * 10000 + (uint64_t)UUID_EPOCH_OFFSET; /* unix ms */
    return be(u, 4) | be(u + 4, 2) << 32 | (be(u + 6, 2) & 0xfff) << 48;
}

static void put(rg_vec *v, const char *k, rg_value val) {
    rg_vec_push(v, rg_string_static(k, strlen(k)));
    rg_vec_push(v, val);
}

static void put_node(rg_arena *a, rg_vec *v, const uint8_t *node) {
    char buf[18];
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 6; i++) {
        buf[3 * i] = digits[node[i] >> 4];
        buf[3 * i + 1] = digits[node[i] & 15];
        if (i < 5) buf[3 * i + 2] = '-';
    }
    put(v, "nodeid", rg_string(a, buf, 17));
    const char *mv = mac_variables(node[0]);
    put(v, "macvariables", rg_string_static(mv, strlen(mv)));
}

static void put_dce(rg_arena *a, rg_vec *v, const uint8_t u[16]) {
    static const char *const domains[] = {"Person", "Group", "Org"};
    put(v, "id", rg_int((int64_t)be(u, 4)));
    char buf[16];
    const char *d = u[9] < 3 ? domains[u[9]] : buf;
    if (u[9] >= 3) snprintf(buf, sizeof buf, "Domain%d", u[9]);
    put(v, "domain", rg_string(a, d, strlen(d)));
}

static int bi_parse(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0)) return RG_BI_ERROR;
    uint8_t u[16];
    if (!uuid_parse(args[0].u.s, args[0].len, u)) return RG_BI_UNDEFINED;
    rg_arena *a = rg_bi_arena(ctx);
    rg_vec v = RG_VEC_INIT;
    int version = u[6] >> 4;
    const char *var = variant_name(u[8]);
    put(&v, "version", rg_int(version));
    put(&v, "variant", rg_string_static(var, strlen(var)));
    if (version == 1 || version == 2 || version == 6 || version == 7)
        put(&v, "time", rg_int(uuid_time_ns(uuid_time(u, version))));
    if (version == 1 || version == 2) {
        put(&v, "clocksequence", rg_int((int64_t)(be(u + 8, 2) & 0x3fff)));
        put_node(a, &v, u + 10);
    }
    if (version == 2) put_dce(a, &v, u);
    *out = rg_vec_to_object(a, &v);
    rg_vec_fini(&v);
    return RG_BI_OK;
}

static int bi_rfc4122(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0)) return RG_BI_ERROR;
    rg_arena *a = rg_bi_arena(ctx);
    /* Keyed by builtin name too, so other memoised builtins cannot collide. */
    rg_value kv[2] = {rg_string_static("uuid.rfc4122", 12), args[0]};
    rg_value key = rg_array(a, kv, 2);
    rg_value hit = rg_bi_cache_get(ctx, key);
    if (!rg_is_undef(hit)) {
        *out = hit;
        return RG_BI_OK;
    }
    uint8_t b[16];
    if (RAND_bytes(b, sizeof b) != 1) return rg_bi_error(ctx, "random source failed");
    b[6] = (uint8_t)((b[6] & 0x0f) | 0x40);
    b[8] = (uint8_t)((b[8] & 0x3f) | 0x80);
    static const char digits[] = "0123456789abcdef";
    char s[36];
    for (int i = 0, j = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) s[j++] = '-';
        s[j++] = digits[b[i] >> 4];
        s[j++] = digits[b[i] & 15];
    }
    *out = rg_string(a, s, sizeof s);
    rg_bi_cache_put(ctx, key, *out);
    return RG_BI_OK;
}

const rg_builtin_def rg_builtins_uuid[] = {
    {"uuid.rfc4122", bi_rfc4122, 1, RG_ARGS(RG_T_STR), RG_T_STR, RG_BI_NONDETERMINISTIC},
    {"uuid.parse", bi_parse, 1, RG_ARGS(RG_T_STR), RG_T_OBJ, 0},
    {0},
};
