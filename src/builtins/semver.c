/* Builtins: semver.compare and semver.is_valid.
 *
 * Parsing is strict SemVer 2.0.0, as OPA 1.x checks it: MAJOR.MINOR.PATCH
 * are decimal int64 values without leading zeros (no "v" prefix, no sign);
 * an optional "-prerelease" and "+metadata" are non-empty lists of
 * dot-separated non-empty [0-9A-Za-z-]+ identifiers, and numeric
 * prerelease identifiers have no leading zeros either.  Precedence ignores
 * metadata; a version with a prerelease is lower than the same version
 * without; prerelease identifiers compare numerically when both are all
 * digits, numeric below alphanumeric, otherwise bytewise, and a longer list
 * wins a tie. */
#include <string.h>

#include "builtins/families.h"

typedef struct semver {
    int64_t major, minor, patch;
    const char *pre; /* prerelease text, not NUL-terminated */
    size_t pre_len;
} semver;

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* A non-empty list of dot-separated non-empty [0-9A-Za-z-] identifiers;
 * with no_lead_zero, an all-digit identifier may not start with 0 unless
 * it is "0". */
static bool valid_idents(const char *s, size_t n, bool no_lead_zero) {
    size_t start = 0;
    bool digits = true;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '.') {
            size_t len = i - start;
            if (len == 0) return false;
            if (no_lead_zero && digits && len > 1 && s[start] == '0') return false;
            start = i + 1;
            digits = true;
            continue;
        }
        char c = s[i];
        if (!is_digit(c) && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) return false;
        digits = digits && is_digit(c);
    }
    return true;
}

/* A version number: digits only, no leading zero, fits int64. */
static bool parse_num(const char *s, size_t n, int64_t *out) {
    if (n == 0 || (n > 1 && s[0] == '0')) return false;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i])) return false;
        unsigned d = (unsigned)(s[i] - '0');
        if (v > ((uint64_t)INT64_MAX - d) / 10) return false;
        v = v * 10 + d;
    }
    *out = (int64_t)v;
    return true;
}

static bool semver_parse(const char *s, size_t n, semver *v) {
    const char *plus = memchr(s, '+', n);
    if (plus) {
        if (!valid_idents(plus + 1, (size_t)(s + n - plus - 1), false)) return false;
        n = (size_t)(plus - s);
    }
    const char *dash = memchr(s, '-', n);
    v->pre = "";
    v->pre_len = 0;
    if (dash) {
        v->pre = dash + 1;
        v->pre_len = (size_t)(s + n - dash - 1);
        if (!valid_idents(v->pre, v->pre_len, true)) return false;
        n = (size_t)(dash - s);
    }
    const char *d1 = memchr(s, '.', n);
    if (!d1) return false;
    const char *d2 = memchr(d1 + 1, '.', (size_t)(s + n - d1 - 1));
    if (!d2) return false;
    return parse_num(s, (size_t)(d1 - s), &v->major) && parse_num(d1 + 1, (size_t)(d2 - d1 - 1), &v->minor) &&
           parse_num(d2 + 1, (size_t)(s + n - d2 - 1), &v->patch);
}

static bool all_digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return n > 0;
}

static int cmp_ident(const char *a, size_t an, const char *b, size_t bn) {
    bool ai = all_digits(a, an), bi = all_digits(b, bn);
    if (ai != bi) return ai ? -1 : 1;
    /* numeric identifiers have no leading zeros: longer means larger */
    if (ai && an != bn) return an < bn ? -1 : 1;
    int c = memcmp(a, b, an < bn ? an : bn);
    if (c) return c < 0 ? -1 : 1;
    return an < bn ? -1 : an > bn;
}

static int cmp_pre(const char *a, size_t an, const char *b, size_t bn) {
    if (an == bn && memcmp(a, b, an) == 0) return 0;
    if (an == 0 || bn == 0) return an == 0 ? 1 : -1;
    /* Identifiers are non-empty here: the walk ends when either list does. */
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

/* Length of the valid UTF-8 sequence at s[0..n), or 0 when invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n, uint32_t *r) {
    unsigned c = s[0];
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (need == 0 || c > 0xF4 || n < need) return 0;
    uint32_t v = c & (0x7Fu >> need);
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < min[need] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *r = v;
    return need;
}

static const char *simple_escape(unsigned c) {
    switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\a': return "\\a";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    case '\v': return "\\v";
    default: return NULL;
    }
}

/* Go's %q of a string (close to strconv.Quote: control characters and
 * invalid bytes escaped, other runes kept). */
static void go_quote(rg_buf *b, const char *str, size_t n) {
    const unsigned char *s = (const unsigned char *)str;
    rg_buf_putc(b, '"');
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        uint32_t r;
        size_t len;
        const char *esc = simple_escape(c);
        if (esc) {
            rg_buf_puts(b, esc);
            i++;
        } else if (c < 0x20 || c == 0x7f) {
            rg_buf_printf(b, "\\x%02x", c);
            i++;
        } else if (c < 0x80) {
            rg_buf_putc(b, (char)c);
            i++;
        } else if ((len = utf8_seq(s + i, n - i, &r)) == 0) {
            rg_buf_printf(b, "\\x%02x", c);
            i++;
        } else {
            if (r < 0xA0 || r == 0xAD || r == 0xFEFF) rg_buf_printf(b, "\\u%04x", (unsigned)r);
            else rg_buf_append(b, str + i, len);
            i += len;
        }
    }
    rg_buf_putc(b, '"');
}

static int bi_compare(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0) || rg_bi_want_string(ctx, args, 1)) return RG_BI_ERROR;
    semver v[2];
    for (int i = 0; i < 2; i++)
        if (!semver_parse(args[i].u.s, args[i].len, &v[i])) {
            rg_buf q = RG_BUF_INIT;
            go_quote(&q, args[i].u.s, args[i].len);
            rg_bi_error(ctx, "operand %d: string %s is not a valid SemVer", i + 1, rg_buf_cstr(&q));
            rg_buf_fini(&q);
            return RG_BI_ERROR;
        }
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
