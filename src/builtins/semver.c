/* Builtins: semver.compare and semver.is_valid.
 *
 * Parsing follows OPA's (lenient) reading of SemVer 2.0.0: an optional
 * leading "v"; MAJOR.MINOR.PATCH as decimal int64 (leading zeros accepted);
 * an optional "-prerelease" and "+metadata" made of dot-separated
 * [0-9A-Za-z-]+ identifiers.  Precedence ignores metadata; a version with
 * a prerelease is lower than the same version without; prerelease
 * identifiers compare numerically when both are all digits, numeric below
 * alphanumeric, otherwise bytewise, and a longer list wins a tie. */
#include <string.h>

#include "builtins/families.h"

typedef struct semver {
    int64_t major, minor, patch;
    const char *pre; /* prerelease text, not NUL-terminated */
    size_t pre_len;
} semver;

/* dot-separated non-empty identifiers of [0-9A-Za-z-]; empty is allowed
 * (OPA treats "1.2.3-" and "1.2.3+" as having no prerelease/metadata) */
static bool valid_idents(const char *s, size_t n) {
    if (n == 0) return true;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '.') {
            if (run == 0) return false;
            run = 0;
        } else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-') {
            run++;
        } else {
            return false;
        }
    }
    return run > 0;
}

/* Go's strconv.ParseInt(s, 10, 64): optional sign, digits, no overflow. */
static bool parse_int64(const char *s, size_t n, int64_t *out) {
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    if (i == n) return false;
    uint64_t v = 0, lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        unsigned d = (unsigned)(s[i] - '0');
        if (v > (lim - d) / 10) return false;
        v = v * 10 + d;
    }
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return true;
}

static bool semver_parse(const char *s, size_t n, semver *v) {
    if (n && s[0] == 'v') s++, n--;
    const char *plus = memchr(s, '+', n);
    if (plus) {
        if (!valid_idents(plus + 1, (size_t)(s + n - plus - 1))) return false;
        n = (size_t)(plus - s);
    }
    const char *dash = memchr(s, '-', n);
    v->pre = "";
    v->pre_len = 0;
    if (dash) {
        v->pre = dash + 1;
        v->pre_len = (size_t)(s + n - dash - 1);
        if (!valid_idents(v->pre, v->pre_len)) return false;
        n = (size_t)(dash - s);
    }
    const char *d1 = memchr(s, '.', n);
    if (!d1) return false;
    const char *d2 = memchr(d1 + 1, '.', (size_t)(s + n - d1 - 1));
    if (!d2 || memchr(d2 + 1, '.', (size_t)(s + n - d2 - 1))) return false;
    return parse_int64(s, (size_t)(d1 - s), &v->major) && parse_int64(d1 + 1, (size_t)(d2 - d1 - 1), &v->minor) &&
           parse_int64(d2 + 1, (size_t)(s + n - d2 - 1), &v->patch);
}

static bool all_digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return n > 0;
}

/* Decimal value saturating at INT64_MAX, as Go's Atoi reports overflow. */
static int64_t sat_int(const char *s, size_t n) {
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (v > (INT64_MAX - 9) / 10) return INT64_MAX;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int cmp_ident(const char *a, size_t an, const char *b, size_t bn) {
    bool ai = all_digits(a, an), bi = all_digits(b, bn);
    if (ai != bi) return ai ? -1 : 1;
    if (ai) {
        int64_t x = sat_int(a, an), y = sat_int(b, bn);
        return x < y ? -1 : x > y;
    }
    int c = memcmp(a, b, an < bn ? an : bn);
    if (c) return c < 0 ? -1 : 1;
    return an < bn ? -1 : an > bn;
}

static int cmp_pre(const char *a, size_t an, const char *b, size_t bn) {
    if (an == bn && memcmp(a, b, an) == 0) return 0;
    if (an == 0 || bn == 0) return an == 0 ? 1 : -1;
    /* Identifiers are non-empty here: the walk ends when either list does
     * (numerically equal lists such as "01" and "1" compare equal). */
    size_t i = 0, j = 0;
    for (;;) {
        size_t ie = i, je = j;
        while (ie < an && a[ie] != '.') ie++;
        while (je < bn && b[je] != '.') je++;
        int c = cmp_ident(a + i, ie - i, b + j, je - j);
        if (c) return c;
        bool amore = ie < an, bmore = je < bn;
        if (amore != bmore) return amore ? 1 : -1;
        if (!amore) return 0;
        i = ie + 1;
        j = je + 1;
    }
}

static int cmp_i64(int64_t x, int64_t y) { return x < y ? -1 : x > y; }

static int semver_cmp(const semver *a, const semver *b) {
    int c = cmp_i64(a->major, b->major);
    if (!c) c = cmp_i64(a->minor, b->minor);
    if (!c) c = cmp_i64(a->patch, b->patch);
    if (!c) c = cmp_pre(a->pre, a->pre_len, b->pre, b->pre_len);
    return c;
}

static int bi_compare(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0) || rg_bi_want_string(ctx, args, 1)) return RG_BI_ERROR;
    semver v[2];
    for (int i = 0; i < 2; i++)
        if (!semver_parse(args[i].u.s, args[i].len, &v[i]))
            return rg_bi_error(ctx, "operand %d: string %.*s is not a valid SemVer", i + 1, (int)args[i].len,
                               args[i].u.s);
    *out = rg_int(semver_cmp(&v[0], &v[1]));
    return RG_BI_OK;
}

/* Any non-string is simply not a valid version (no type error in OPA). */
static int bi_is_valid(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    semver v;
    *out = rg_bool(args[0].kind == RG_STRING && semver_parse(args[0].u.s, args[0].len, &v));
    return RG_BI_OK;
}

const rg_builtin_def rg_builtins_semver[] = {
    {"semver.compare", bi_compare, 2, RG_ARGS(RG_T_STR, RG_T_STR), RG_T_NUM, 0},
    {"semver.is_valid", bi_is_valid, 1, RG_ARGS(RG_T_ANY), RG_T_BOOL, 0},
    {0},
};
