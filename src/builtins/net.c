/* Builtins: net.cidr_contains, net.cidr_intersects, net.cidr_contains_matches,
 * net.cidr_expand, net.cidr_merge, net.cidr_is_valid (and the deprecated
 * net.cidr_overlap alias of cidr_contains).
 *
 * Addresses follow Go's net package, which OPA uses: an address is kept in
 * 16-byte form (IPv4 as ::ffff:a.b.c.d) and is "IPv4" when it has that
 * mapped form; a network is IPv4 when its address is, with the prefix
 * counted in the last 32 bits.  Text is parsed with inet_pton and printed
 * like Go (dotted IPv4, RFC 5952 IPv6 without embedded IPv4).
 *
 * net.cidr_expand refuses networks of more than EXPAND_MAX addresses (OPA
 * has no cap and relies on query cancellation instead). */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/families.h"

/* net.cidr_expand cap: 2^16 addresses (an IPv4 /16, an IPv6 /112). */
#define EXPAND_MAX_BITS 16

__extension__ typedef unsigned __int128 u128;

typedef struct ipnet {
    uint8_t ip[16];  /* as given (masked when parsed from CIDR text) */
    int mask_bytes;  /* 4 or 16: the length of Go's mask */
    int prefix;      /* leading one bits of the mask */
} ipnet;

static const uint8_t v4_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

static bool is_v4(const uint8_t ip[16]) { return memcmp(ip, v4_prefix, 12) == 0; }

static u128 to_u128(const uint8_t ip[16]) {
    u128 v = 0;
    for (int i = 0; i < 16; i++) v = v << 8 | ip[i];
    return v;
}

static void from_u128(u128 v, uint8_t ip[16]) {
    for (int i = 15; i >= 0; i--) {
        ip[i] = (uint8_t)v;
        v >>= 8;
    }
}

/* The family (32 or 128 bits) and prefix a network effectively has: an
 * IPv4 address with a 16-byte mask uses the mask's last 32 bits, as Go's
 * networkNumberAndMask does. */
static int net_bits(const ipnet *n, int *prefix) {
    if (!is_v4(n->ip)) {
        *prefix = n->prefix;
        return 128;
    }
    *prefix = n->mask_bytes == 4 ? n->prefix : (n->prefix > 96 ? n->prefix - 96 : 0);
    return 32;
}

static u128 host_mask(int bits, int prefix) {
    int host = bits - prefix;
    return host >= 128 ? ~(u128)0 : (((u128)1 << host) - 1);
}

/* First and last address of the network, both in 16-byte form. */
static void net_range(const ipnet *n, u128 *first, u128 *last) {
    int prefix, bits = net_bits(n, &prefix);
    u128 hm = host_mask(bits, prefix);
    *first = to_u128(n->ip) & ~hm;
    *last = *first | hm;
}

static bool net_contains_ip(const ipnet *n, const uint8_t ip[16]) {
    int prefix, bits = net_bits(n, &prefix);
    if ((bits == 32) != is_v4(ip)) return false;
    u128 hm = host_mask(bits, prefix);
    return (to_u128(n->ip) & ~hm) == (to_u128(ip) & ~hm);
}

/* ---- text ---- */

/* Parses an address (no zone) into 16-byte form; *v4_text is set when it
 * was written as dotted IPv4.  Go decides the family by whichever of '.'
 * and ':' comes first. */
static bool parse_ip(const char *s, size_t n, uint8_t ip[16], bool *v4_text) {
    char buf[64];
    if (n == 0 || n >= sizeof buf || memchr(s, 0, n)) return false;
    memcpy(buf, s, n);
    buf[n] = 0;
    size_t sep = strcspn(buf, ".:");
    if (buf[sep] == '.') {
        memcpy(ip, v4_prefix, 12);
        *v4_text = true;
        return inet_pton(AF_INET, buf, ip + 12) == 1;
    }
    *v4_text = false;
    return buf[sep] == ':' && inet_pton(AF_INET6, buf, ip) == 1;
}

/* Go's net.ParseCIDR: the network's address is masked. */
static bool parse_cidr(const char *s, size_t n, ipnet *out) {
    const char *slash = memchr(s, '/', n);
    if (!slash) return false;
    bool v4;
    if (!parse_ip(s, (size_t)(slash - s), out->ip, &v4)) return false;
    const char *p = slash + 1, *end = s + n;
    if (p == end) return false;
    long pre = 0;
    for (; p < end; p++) {
        if (*p < '0' || *p > '9' || pre > 1000) return false;
        pre = pre * 10 + (*p - '0');
    }
    out->mask_bytes = v4 ? 4 : 16;
    if (pre > 8 * out->mask_bytes) return false;
    out->prefix = (int)pre;
    u128 first, last;
    net_range(out, &first, &last);
    /* Go masks the 16-byte address with the (possibly 4-byte) mask. */
    if (v4 || !is_v4(out->ip)) from_u128(first, out->ip);
    else from_u128(to_u128(out->ip) & ~host_mask(128, out->prefix), out->ip);
    return true;
}

static void write_ip(rg_buf *b, const uint8_t ip[16]) {
    if (is_v4(ip)) {
        rg_buf_printf(b, "%u.%u.%u.%u", ip[12], ip[13], ip[14], ip[15]);
        return;
    }
    unsigned g[8];
    for (int i = 0; i < 8; i++) g[i] = (unsigned)ip[2 * i] << 8 | ip[2 * i + 1];
    int best = -1, best_len = 1; /* longest run of >= 2 zero groups, first wins */
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && g[j] == 0) j++;
        if (j - i > best_len) best = i, best_len = j - i;
        i = j > i ? j : i + 1;
    }
    for (int i = 0; i < 8; i++) {
        if (i == best) {
            rg_buf_puts(b, "::");
            i += best_len - 1;
            continue;
        }
        if (i > 0 && i != best + best_len) rg_buf_putc(b, ':');
        rg_buf_printf(b, "%x", g[i]);
    }
}

/* Go's IPNet.String(). */
static void write_net(rg_buf *b, const ipnet *n) {
    int prefix;
    net_bits(n, &prefix);
    write_ip(b, n->ip);
    rg_buf_printf(b, "/%d", prefix);
}

static rg_value buf_value(rg_arena *a, rg_buf *b) {
    rg_value v = rg_string(a, rg_buf_cstr(b), b->len);
    b->len = 0;
    return v;
}

/* ---- builtins ---- */

static int want_cidr(rg_bi_ctx *ctx, const rg_value *args, int i, ipnet *n) {
    if (rg_bi_want_string(ctx, args, i)) return RG_BI_ERROR;
    if (!parse_cidr(args[i].u.s, args[i].len, n))
        return rg_bi_error(ctx, "invalid CIDR address: %.*s", (int)args[i].len, args[i].u.s);
    return 0;
}

static int bi_cidr_intersects(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    ipnet a, b;
    if (want_cidr(ctx, args, 0, &a) || want_cidr(ctx, args, 1, &b)) return RG_BI_ERROR;
    *out = rg_bool(net_contains_ip(&a, b.ip) || net_contains_ip(&b, a.ip));
    return RG_BI_OK;
}

/* cidr contains an address or a whole network; *res is the answer. */
static int contains(rg_bi_ctx *ctx, rg_value cidr, rg_value x, bool *res) {
    rg_value args[2] = {cidr, x};
    ipnet a, b;
    if (want_cidr(ctx, args, 0, &a)) return RG_BI_ERROR;
    if (x.kind != RG_STRING) return rg_bi_type_error(ctx, 1, "string", x);
    bool v4;
    uint8_t ip[16];
    if (parse_ip(x.u.s, x.len, ip, &v4)) {
        *res = net_contains_ip(&a, ip);
        return 0;
    }
    if (!parse_cidr(x.u.s, x.len, &b))
        return rg_bi_error(ctx, "not a valid textual representation of an IP address or CIDR: %.*s", (int)x.len,
                           x.u.s);
    u128 first, last;
    net_range(&b, &first, &last);
    uint8_t lip[16];
    from_u128(last, lip);
    *res = net_contains_ip(&a, b.ip) && net_contains_ip(&a, lip);
    return 0;
}

static int bi_cidr_contains(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    bool res = false;
    if (contains(ctx, args[0], args[1], &res)) return RG_BI_ERROR;
    *out = rg_bool(res);
    return RG_BI_OK;
}

static int bi_cidr_is_valid(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    ipnet n;
    *out = rg_bool(args[0].kind == RG_STRING && parse_cidr(args[0].u.s, args[0].len, &n));
    return RG_BI_OK;
}

static int bi_cidr_expand(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    ipnet n;
    if (want_cidr(ctx, args, 0, &n)) return RG_BI_ERROR;
    int prefix, bits = net_bits(&n, &prefix);
    if (bits - prefix > EXPAND_MAX_BITS)
        return rg_bi_error(ctx, "CIDR %.*s is too large to expand (more than %d addresses)", (int)args[0].len,
                           args[0].u.s, 1 << EXPAND_MAX_BITS);
    rg_arena *a = rg_bi_arena(ctx);
    u128 first, last;
    net_range(&n, &first, &last);
    rg_vec v = RG_VEC_INIT;
    rg_buf b = RG_BUF_INIT;
    for (u128 x = first;; x++) {
        uint8_t ip[16];
        from_u128(x, ip);
        if (bits == 128 && is_v4(ip)) break; /* Go stops where the family changes */
        write_ip(&b, ip);
        rg_vec_push(&v, buf_value(a, &b));
        if (x == last) break;
    }
    *out = rg_vec_to_set(a, &v);
    rg_vec_fini(&v);
    rg_buf_fini(&b);
    return RG_BI_OK;
}

/* ---- cidr_contains_matches ---- */

/* One operand element: a string, or a non-empty array whose first element
 * is the CIDR/address. */
static int match_term(rg_bi_ctx *ctx, int operand, rg_value x, rg_value *cidr) {
    if (x.kind == RG_STRING) {
        *cidr = x;
        return 0;
    }
    if (x.kind == RG_ARRAY && x.len > 0) {
        *cidr = x.u.items[0];
        return 0;
    }
    return rg_bi_error(ctx, "operand %d: element must be string or non-empty array", operand);
}

/* Flattens an operand into (cidr, index) pairs. */
static int match_items(rg_bi_ctx *ctx, int operand, rg_value v, rg_vec *items) {
    if (v.kind == RG_STRING) {
        rg_vec_push(items, v);
        rg_vec_push(items, v);
        return 0;
    }
    size_t n = v.kind == RG_ARRAY || v.kind == RG_SET || v.kind == RG_OBJECT ? v.len : 0;
    for (size_t i = 0; i < n; i++) {
        rg_value el = v.kind == RG_OBJECT ? rg_obj_val(v, i) : v.u.items[i];
        rg_value idx = v.kind == RG_ARRAY ? rg_int((int64_t)i) : v.kind == RG_SET ? el : rg_obj_key(v, i);
        rg_value cidr;
        if (match_term(ctx, operand, el, &cidr)) return RG_BI_ERROR;
        rg_vec_push(items, cidr);
        rg_vec_push(items, idx);
    }
    return 0;
}

static int bi_cidr_contains_matches(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    rg_vec xs = RG_VEC_INIT, ys = RG_VEC_INIT, res = RG_VEC_INIT;
    rg_arena *a = rg_bi_arena(ctx);
    int rc = RG_BI_OK;
    if (match_items(ctx, 1, args[0], &xs) || match_items(ctx, 2, args[1], &ys)) rc = RG_BI_ERROR;
    for (size_t i = 0; rc == RG_BI_OK && i < xs.len; i += 2)
        for (size_t j = 0; rc == RG_BI_OK && j < ys.len; j += 2) {
            bool hit = false;
            if (contains(ctx, xs.items[i], ys.items[j], &hit)) rc = RG_BI_ERROR;
            else if (hit) rg_vec_push(&res, rg_array(a, (rg_value[]){xs.items[i + 1], ys.items[j + 1]}, 2));
        }
    if (rc == RG_BI_OK) *out = rg_vec_to_set(a, &res);
    rg_vec_fini(&xs);
    rg_vec_fini(&ys);
    rg_vec_fini(&res);
    return rc;
}

/* ---- cidr_merge ---- */

typedef struct range {
    u128 first, last;
    const ipnet *net; /* NULL once merged with another range */
} range;

static int cmp_range(const void *x, const void *y) {
    const range *a = x, *b = y;
    if (a->last != b->last) return a->last < b->last ? -1 : 1;
    if (a->first != b->first) return a->first < b->first ? -1 : 1;
    return 0;
}

/* Go's generateIPNet: an IPv4 address gets its classful default mask (and
 * keeps its host bits); an IPv6 address needs a prefix. */
static int merge_net(rg_bi_ctx *ctx, rg_value e, ipnet *n) {
    if (e.kind != RG_STRING) return rg_bi_error(ctx, "element must be string");
    bool v4;
    if (parse_ip(e.u.s, e.len, n->ip, &v4)) {
        if (!is_v4(n->ip)) return rg_bi_error(ctx, "IPv6 invalid: needs prefix length");
        n->mask_bytes = 4;
        n->prefix = n->ip[12] < 0x80 ? 8 : n->ip[12] < 0xc0 ? 16 : 24;
        return 0;
    }
    if (!parse_cidr(e.u.s, e.len, n)) return rg_bi_error(ctx, "invalid CIDR address: %.*s", (int)e.len, e.u.s);
    return 0;
}

/* Previous address, not going below 0 nor below ::ffff:0.0.0.0 for IPv4. */
static u128 prev_ip(u128 x) {
    uint8_t ip[16];
    from_u128(x, ip);
    if (x == 0 || (is_v4(ip) && (uint32_t)x == 0)) return x;
    return x - 1;
}

/* Appends the minimal list of aligned blocks covering [first, last]. */
static void range_to_cidrs(rg_arena *a, rg_vec *out, rg_buf *b, u128 first, u128 last) {
    uint8_t ip[16];
    from_u128(first, ip);
    int bits = is_v4(ip) && (last >> 32) == (first >> 32) ? 32 : 128;
    for (;;) {
        int k = 0; /* host bits of the largest aligned block starting at first */
        while (k < bits) {
            u128 m = host_mask(128, 127 - k); /* 2^(k+1) - 1 */
            if ((first & m) != 0 || first + m < first || first + m > last) break;
            k++;
        }
        ipnet n = {.mask_bytes = bits == 32 ? 4 : 16, .prefix = bits - k};
        from_u128(first, n.ip);
        write_net(b, &n);
        rg_vec_push(out, buf_value(a, b));
        u128 size_m1 = host_mask(128, 128 - k);
        if (first + size_m1 >= last) break;
        first += size_m1 + 1;
    }
}

static int collect_nets(rg_bi_ctx *ctx, rg_value v, ipnet **nets, size_t *count) {
    *count = v.len;
    *nets = rg_xmalloc((v.len ? v.len : 1) * sizeof **nets);
    for (size_t i = 0; i < v.len; i++)
        if (merge_net(ctx, v.u.items[i], &(*nets)[i])) return RG_BI_ERROR;
    return 0;
}

static int bi_cidr_merge(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (args[0].kind != RG_ARRAY && args[0].kind != RG_SET) return rg_bi_error(ctx, "operand must be an array");
    ipnet *nets;
    size_t n;
    if (collect_nets(ctx, args[0], &nets, &n)) {
        free(nets);
        return RG_BI_ERROR;
    }
    range *r = rg_xmalloc((n ? n : 1) * sizeof *r);
    for (size_t i = 0; i < n; i++) {
        net_range(&nets[i], &r[i].first, &r[i].last);
        r[i].net = &nets[i];
    }
    qsort(r, n, sizeof *r, cmp_range);
    for (size_t i = n; i-- > 1;) {
        if (prev_ip(r[i].first) > r[i - 1].last) continue;
        r[i - 1].first = r[i - 1].first < r[i].first ? r[i - 1].first : r[i].first;
        r[i - 1].last = r[i].last;
        r[i - 1].net = NULL;
        memmove(&r[i], &r[i + 1], (n - i - 1) * sizeof *r);
        n--;
    }
    rg_arena *a = rg_bi_arena(ctx);
    rg_vec v = RG_VEC_INIT;
    rg_buf b = RG_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (r[i].net) {
            write_net(&b, r[i].net);
            rg_vec_push(&v, buf_value(a, &b));
        } else {
            range_to_cidrs(a, &v, &b, r[i].first, r[i].last);
        }
    }
    *out = rg_vec_to_set(a, &v);
    rg_vec_fini(&v);
    rg_buf_fini(&b);
    free(r);
    free(nets);
    return RG_BI_OK;
}

const rg_builtin_def rg_builtins_net[] = {
    {"net.cidr_contains", bi_cidr_contains, 2, RG_ARGS(RG_T_STR, RG_T_STR), RG_T_BOOL, 0},
    {"net.cidr_overlap", bi_cidr_contains, 2, RG_ARGS(RG_T_STR, RG_T_STR), RG_T_BOOL, RG_BI_DEPRECATED},
    {"net.cidr_intersects", bi_cidr_intersects, 2, RG_ARGS(RG_T_STR, RG_T_STR), RG_T_BOOL, 0},
    {"net.cidr_contains_matches", bi_cidr_contains_matches, 2,
     RG_ARGS(RG_T_STR | RG_T_COLL, RG_T_STR | RG_T_COLL), RG_T_SET, 0},
    {"net.cidr_expand", bi_cidr_expand, 1, RG_ARGS(RG_T_STR), RG_T_SET, 0},
    {"net.cidr_merge", bi_cidr_merge, 1, RG_ARGS(RG_T_ARR | RG_T_SET), RG_T_SET, 0},
    {"net.cidr_is_valid", bi_cidr_is_valid, 1, RG_ARGS(RG_T_ANY), RG_T_BOOL, 0},
    {0},
};
