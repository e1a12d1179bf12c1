/* Builtins: the strings family (concat, indexof, substring, trim*, replace,
 * split, strings.split_n, upper/lower, strings.*) with OPA 1.x semantics and messages.
 *
 * Positions and lengths count runes (code points), as OPA does; strings are
 * UTF-8 and an invalid byte counts as one rune (Go's decoding rule).  upper
 * and lower apply Unicode simple case mappings rune by rune, like Go's
 * strings.ToUpper/ToLower (an ASCII-only string takes a byte fast path). */
#include <gmp.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "builtins/families.h"
#include "rego/bi_ctx.h"

/* ---- UTF-8 ---- */

/* Decodes one rune at s[0..n) (n > 0); invalid or truncated sequences
 * decode as U+FFFD of length 1, like Go's utf8.DecodeRuneInString. */
static uint32_t u8_decode(const char *str, size_t n, size_t *len) {
    const unsigned char *s = (const unsigned char *)str;
    unsigned c = s[0];
    *len = 1;
    if (c < 0x80) return c;
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (need == 0 || c > 0xF4 || n < need) return 0xFFFD;
    uint32_t r = c & (0x7F >> need);
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0xFFFD;
        r = (r << 6) | (s[i] & 0x3F);
    }
    /* overlong forms, surrogates and values past U+10FFFF are invalid */
    if ((need == 3 && r < 0x800) || (need == 4 && (r < 0x10000 || r > 0x10FFFF)) || (r >= 0xD800 && r <= 0xDFFF))
        return 0xFFFD;
    *len = need;
    return r;
}

static size_t u8_encode(uint32_t r, char *out) {
    if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
    if (r < 0x80) {
        out[0] = (char)r;
        return 1;
    }
    if (r < 0x800) {
        out[0] = (char)(0xC0 | (r >> 6));
        out[1] = (char)(0x80 | (r & 0x3F));
        return 2;
    }
    if (r < 0x10000) {
        out[0] = (char)(0xE0 | (r >> 12));
        out[1] = (char)(0x80 | ((r >> 6) & 0x3F));
        out[2] = (char)(0x80 | (r & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (r >> 18));
    out[1] = (char)(0x80 | ((r >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((r >> 6) & 0x3F));
    out[3] = (char)(0x80 | (r & 0x3F));
    return 4;
}

static size_t u8_len_at(const char *s, size_t n) {
    size_t len;
    u8_decode(s, n, &len);
    return len;
}

static size_t rune_count(const char *s, size_t n) {
    size_t count = 0;
    for (size_t i = 0; i < n; count++) {
        if ((unsigned char)s[i] < 0x80) i++;
        else i += u8_len_at(s + i, n - i);
    }
    return count;
}

static bool is_ascii(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80) return false;
    return true;
}

/* ---- errors and results ---- */

/* "operand 2 must be array of strings but got array containing number" */
static int element_error(rg_bi_ctx *ctx, int argn, rg_value coll, rg_value elem) {
    const char *t = rg_type_name(coll);
    return rg_bi_operand_error(ctx, "operand %d must be %s of strings but got %s containing %s", argn, t, t,
                         rg_type_name(elem));
}

/* OPA's IntOperand: a number that must be an integer of machine size. */
static int int_operand(rg_bi_ctx *ctx, const rg_value *args, int i, int64_t *out) {
    if (rg_bi_want_number(ctx, args, i)) return RG_BI_ERROR;
    if (args[i].sub == RG_NUM_INT) {
        *out = args[i].u.i;
        return 0;
    }
    return rg_bi_operand_error(ctx, "operand %d must be integer number but got floating-point number", i + 1);
}

static int want_strings(rg_bi_ctx *ctx, const rg_value *args, int n) {
    for (int i = 0; i < n; i++)
        if (rg_bi_want_string(ctx, args, i)) return RG_BI_ERROR;
    return 0;
}

static int ok_string(rg_bi_ctx *ctx, const char *s, size_t n, rg_value *out) {
    if (n > UINT32_MAX) return rg_bi_error(ctx, "result too large");
    *out = rg_string(rg_bi_arena(ctx), s, n);
    return RG_BI_OK;
}

/* Moves a scratch buffer into an arena string and frees the buffer. */
static int ok_buf(rg_bi_ctx *ctx, rg_buf *b, rg_value *out) {
    int rc = ok_string(ctx, b->data ? b->data : "", b->len, out);
    rg_buf_fini(b);
    return rc;
}

static int ok_bool(bool b, rg_value *out) {
    *out = rg_bool(b);
    return RG_BI_OK;
}

static int ok_int(int64_t i, rg_value *out) {
    *out = rg_int(i);
    return RG_BI_OK;
}

/* ---- concat, contains, startswith, endswith, count ---- */

static int bi_concat(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0)) return RG_BI_ERROR;
    rg_value sep = args[0], coll = args[1];
    if (coll.kind != RG_ARRAY && coll.kind != RG_SET) return rg_bi_type_error(ctx, 2, "one of {set, array}", coll);
    for (size_t i = 0; i < coll.len; i++)
        if (coll.u.items[i].kind != RG_STRING) return element_error(ctx, 2, coll, coll.u.items[i]);
    /* a set's elements are already in Rego order, which OPA also uses */
    rg_buf b = RG_BUF_INIT;
    for (size_t i = 0; i < coll.len; i++) {
        if (i) rg_buf_append(&b, sep.u.s, sep.len);
        rg_buf_append(&b, coll.u.items[i].u.s, coll.u.items[i].len);
    }
    return ok_buf(ctx, &b, out);
}

static bool has_prefix(rg_value s, rg_value p) {
    return p.len == 0 || (p.len <= s.len && memcmp(s.u.s, p.u.s, p.len) == 0);
}

static bool has_suffix(rg_value s, rg_value p) {
    return p.len == 0 || (p.len <= s.len && memcmp(s.u.s + s.len - p.len, p.u.s, p.len) == 0);
}

/* First occurrence of needle in hay, or NULL; an empty needle is found at
 * the start. */
static const char *find(const char *hay, size_t hn, const char *needle, size_t nn) {
    if (nn == 0) return hay ? hay : "";
    if (nn > hn) return NULL;
    return memmem(hay, hn, needle, nn);
}

static int bi_contains(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_strings(ctx, args, 2)) return RG_BI_ERROR;
    return ok_bool(find(args[0].u.s, args[0].len, args[1].u.s, args[1].len) != NULL, out);
}

static int bi_startswith(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_strings(ctx, args, 2)) return RG_BI_ERROR;
    return ok_bool(has_prefix(args[0], args[1]), out);
}

static int bi_endswith(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_strings(ctx, args, 2)) return RG_BI_ERROR;
    return ok_bool(has_suffix(args[0], args[1]), out);
}

/* Non-overlapping occurrences; an empty substring occurs before each rune
 * and at the end (Go's strings.Count). */
static int bi_count(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_strings(ctx, args, 2)) return RG_BI_ERROR;
    const char *s = args[0].u.s, *sub = args[1].u.s;
    size_t n = args[0].len, m = args[1].len;
    if (m == 0) return ok_int((int64_t)rune_count(s, n) + 1, out);
    int64_t count = 0;
    for (const char *p = s; (p = find(p, n - (size_t)(p - s), sub, m)) != NULL; p += m) count++;
    return ok_int(count, out);
}

/* ---- format_int ---- */

static int bi_format_int(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_number(ctx, args, 0) || rg_bi_want_number(ctx, args, 1)) return RG_BI_ERROR;
    rg_value x = args[0], base = args[1];
    if (!rg_is_int(base) || (base.u.i != 2 && base.u.i != 8 && base.u.i != 10 && base.u.i != 16))
        return rg_bi_operand_error(ctx, "operand 2 must be one of {2, 8, 10, 16}");
    if (x.sub == RG_NUM_FLOAT && !isfinite(x.u.d)) return RG_BI_UNDEFINED;
    /* OPA truncates toward zero, then prints the integer in the base. */
    mpz_t z;
    if (x.sub == RG_NUM_INT) mpz_init_set_si(z, (long)x.u.i);
    else if (x.sub == RG_NUM_BIG) mpz_init_set_str(z, x.u.s, 10);
    else mpz_init_set_d(z, x.u.d);
    int b = (int)base.u.i;
    char *text = rg_arena_alloc(rg_bi_arena(ctx), mpz_sizeinbase(z, b) + 2);
    mpz_get_str(text, b, z);
    mpz_clear(z);
    *out = rg_string_static(text, strlen(text));
    return RG_BI_OK;
}

/* ---- indexof, indexof_n, substring ---- */

static int bi_indexof(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_strings(ctx, args, 2)) return RG_BI_ERROR;
    if (args[1].len == 0) return rg_bi_error(ctx, "empty search character");
    const char *s = args[0].u.s;
    const char *p = find(s, args[0].len, args[1].u.s, args[1].len);
    return ok_int(p ? (int64_t)rune_count(s, (size_t)(p - s)) : -1, out);
}

/* Rune index of every match, overlapping ones included (OPA tries each
 * rune position). */
static int bi_indexof_n(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_strings(ctx, args, 2)) return RG_BI_ERROR;
    if (args[1].len == 0) return rg_bi_error(ctx, "empty search character");
    const char *s = args[0].u.s, *sub = args[1].u.s;
    size_t n = args[0].len, m = args[1].len, done = 0, runes = 0;
    rg_vec v = RG_VEC_INIT;
    for (const char *p; (p = find(s + done, n - done, sub, m)) != NULL;) {
        size_t at = (size_t)(p - s);
        runes += rune_count(s + done, at - done);
        rg_vec_push(&v, rg_int((int64_t)runes));
        done = at + u8_len_at(p, n - at);
        runes++;
    }
    *out = rg_vec_to_array(rg_bi_arena(ctx), &v);
    rg_vec_fini(&v);
    return RG_BI_OK;
}

/* Byte offset of rune index r (or n when the string is shorter). */
static size_t rune_offset(const char *s, size_t n, int64_t r) {
    size_t i = 0;
    for (; r > 0 && i < n; r--) i += (unsigned char)s[i] < 0x80 ? 1 : u8_len_at(s + i, n - i);
    return i;
}

static int bi_substring(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    int64_t off = 0, len = 0;
    if (rg_bi_want_string(ctx, args, 0) || int_operand(ctx, args, 1, &off) || int_operand(ctx, args, 2, &len))
        return RG_BI_ERROR;
    if (off < 0) return rg_bi_error(ctx, "negative offset");
    const char *s = args[0].u.s;
    size_t n = args[0].len;
    size_t start = rune_offset(s, n, off);
    size_t end = len < 0 ? n : start + rune_offset(s + start, n - start, len);
    return ok_string(ctx, s + start, end - start, out);
}

/* ---- upper, lower ---- */

typedef struct case_run {
    uint32_t lo, hi;
    int32_t delta, stride;
} case_run;

/* Unicode simple case mappings (UnicodeData.txt fields 12/13, Unicode 14),
 * as runs: code points lo..hi stepping by stride map to cp + delta. */
static const case_run lower_runs[] = {
    {0x0041, 0x005A, 32, 1}, {0x00C0, 0x00D6, 32, 1}, {0x00D8, 0x00DE, 32, 1}, {0x0100, 0x012E, 1, 2},
    {0x0130, 0x0130, -199, 1}, {0x0132, 0x0136, 1, 2}, {0x0139, 0x0147, 1, 2}, {0x014A, 0x0176, 1, 2},
    {0x0178, 0x0178, -121, 1}, {0x0179, 0x017D, 1, 2}, {0x0181, 0x0181, 210, 1}, {0x0182, 0x0184, 1, 2},
    {0x0186, 0x0186, 206, 1}, {0x0187, 0x0187, 1, 1}, {0x0189, 0x018A, 205, 1}, {0x018B, 0x018B, 1, 1},
    {0x018E, 0x018E, 79, 1}, {0x018F, 0x018F, 202, 1}, {0x0190, 0x0190, 203, 1}, {0x0191, 0x0191, 1, 1},
    {0x0193, 0x0193, 205, 1}, {0x0194, 0x0194, 207, 1}, {0x0196, 0x0196, 211, 1}, {0x0197, 0x0197, 209, 1},
    {0x0198, 0x0198, 1, 1}, {0x019C, 0x019C, 211, 1}, {0x019D, 0x019D, 213, 1}, {0x019F, 0x019F, 214, 1},
    {0x01A0, 0x01A4, 1, 2}, {0x01A6, 0x01A6, 218, 1}, {0x01A7, 0x01A7, 1, 1}, {0x01A9, 0x01A9, 218, 1},
    {0x01AC, 0x01AC, 1, 1}, {0x01AE, 0x01AE, 218, 1}, {0x01AF, 0x01AF, 1, 1}, {0x01B1, 0x01B2, 217, 1},
    {0x01B3, 0x01B5, 1, 2}, {0x01B7, 0x01B7, 219, 1}, {0x01B8, 0x01B8, 1, 1}, {0x01BC, 0x01BC, 1, 1},
    {0x01C4, 0x01C4, 2, 1}, {0x01C5, 0x01C5, 1, 1}, {0x01C7, 0x01C7, 2, 1}, {0x01C8, 0x01C8, 1, 1},
    {0x01CA, 0x01CA, 2, 1}, {0x01CB, 0x01DB, 1, 2}, {0x01DE, 0x01EE, 1, 2}, {0x01F1, 0x01F1, 2, 1},
    {0x01F2, 0x01F4, 1, 2}, {0x01F6, 0x01F6, -97, 1}, {0x01F7, 0x01F7, -56, 1}, {0x01F8, 0x021E, 1, 2},
    {0x0220, 0x0220, -130, 1}, {0x0222, 0x0232, 1, 2}, {0x023A, 0x023A, 10795, 1}, {0x023B, 0x023B, 1, 1},
    {0x023D, 0x023D, -163, 1}, {0x023E, 0x023E, 10792, 1}, {0x0241, 0x0241, 1, 1}, {0x0243, 0x0243, -195, 1},
    {0x0244, 0x0244, 69, 1}, {0x0245, 0x0245, 71, 1}, {0x0246, 0x024E, 1, 2}, {0x0370, 0x0372, 1, 2},
    {0x0376, 0x0376, 1, 1}, {0x037F, 0x037F, 116, 1}, {0x0386, 0x0386, 38, 1}, {0x0388, 0x038A, 37, 1},
    {0x038C, 0x038C, 64, 1}, {0x038E, 0x038F, 63, 1}, {0x0391, 0x03A1, 32, 1}, {0x03A3, 0x03AB, 32, 1},
    {0x03CF, 0x03CF, 8, 1}, {0x03D8, 0x03EE, 1, 2}, {0x03F4, 0x03F4, -60, 1}, {0x03F7, 0x03F7, 1, 1},
    {0x03F9, 0x03F9, -7, 1}, {0x03FA, 0x03FA, 1, 1}, {0x03FD, 0x03FF, -130, 1}, {0x0400, 0x040F, 80, 1},
    {0x0410, 0x042F, 32, 1}, {0x0460, 0x0480, 1, 2}, {0x048A, 0x04BE, 1, 2}, {0x04C0, 0x04C0, 15, 1},
    {0x04C1, 0x04CD, 1, 2}, {0x04D0, 0x052E, 1, 2}, {0x0531, 0x0556, 48, 1}, {0x10A0, 0x10C5, 7264, 1},
    {0x10C7, 0x10C7, 7264, 1}, {0x10CD, 0x10CD, 7264, 1}, {0x13A0, 0x13EF, 38864, 1}, {0x13F0, 0x13F5, 8, 1},
    {0x1C90, 0x1CBA, -3008, 1}, {0x1CBD, 0x1CBF, -3008, 1}, {0x1E00, 0x1E94, 1, 2}, {0x1E9E, 0x1E9E, -7615, 1},
    {0x1EA0, 0x1EFE, 1, 2}, {0x1F08, 0x1F0F, -8, 1}, {0x1F18, 0x1F1D, -8, 1}, {0x1F28, 0x1F2F, -8, 1},
    {0x1F38, 0x1F3F, -8, 1}, {0x1F48, 0x1F4D, -8, 1}, {0x1F59, 0x1F5F, -8, 2}, {0x1F68, 0x1F6F, -8, 1},
    {0x1F88, 0x1F8F, -8, 1}, {0x1F98, 0x1F9F, -8, 1}, {0x1FA8, 0x1FAF, -8, 1}, {0x1FB8, 0x1FB9, -8, 1},
    {0x1FBA, 0x1FBB, -74, 1}, {0x1FBC, 0x1FBC, -9, 1}, {0x1FC8, 0x1FCB, -86, 1}, {0x1FCC, 0x1FCC, -9, 1},
    {0x1FD8, 0x1FD9, -8, 1}, {0x1FDA, 0x1FDB, -100, 1}, {0x1FE8, 0x1FE9, -8, 1}, {0x1FEA, 0x1FEB, -112, 1},
    {0x1FEC, 0x1FEC, -7, 1}, {0x1FF8, 0x1FF9, -128, 1}, {0x1FFA, 0x1FFB, -126, 1}, {0x1FFC, 0x1FFC, -9, 1},
    {0x2126, 0x2126, -7517, 1}, {0x212A, 0x212A, -8383, 1}, {0x212B, 0x212B, -8262, 1}, {0x2132, 0x2132, 28, 1},
    {0x2160, 0x216F, 16, 1}, {0x2183, 0x2183, 1, 1}, {0x24B6, 0x24CF, 26, 1}, {0x2C00, 0x2C2F, 48, 1},
    {0x2C60, 0x2C60, 1, 1}, {0x2C62, 0x2C62, -10743, 1}, {0x2C63, 0x2C63, -3814, 1}, {0x2C64, 0x2C64, -10727, 1},
    {0x2C67, 0x2C6B, 1, 2}, {0x2C6D, 0x2C6D, -10780, 1}, {0x2C6E, 0x2C6E, -10749, 1}, {0x2C6F, 0x2C6F, -10783, 1},
    {0x2C70, 0x2C70, -10782, 1}, {0x2C72, 0x2C72, 1, 1}, {0x2C75, 0x2C75, 1, 1}, {0x2C7E, 0x2C7F, -10815, 1},
    {0x2C80, 0x2CE2, 1, 2}, {0x2CEB, 0x2CED, 1, 2}, {0x2CF2, 0x2CF2, 1, 1}, {0xA640, 0xA66C, 1, 2},
    {0xA680, 0xA69A, 1, 2}, {0xA722, 0xA72E, 1, 2}, {0xA732, 0xA76E, 1, 2}, {0xA779, 0xA77B, 1, 2},
    {0xA77D, 0xA77D, -35332, 1}, {0xA77E, 0xA786, 1, 2}, {0xA78B, 0xA78B, 1, 1}, {0xA78D, 0xA78D, -42280, 1},
    {0xA790, 0xA792, 1, 2}, {0xA796, 0xA7A8, 1, 2}, {0xA7AA, 0xA7AA, -42308, 1}, {0xA7AB, 0xA7AB, -42319, 1},
    {0xA7AC, 0xA7AC, -42315, 1}, {0xA7AD, 0xA7AD, -42305, 1}, {0xA7AE, 0xA7AE, -42308, 1}, {0xA7B0, 0xA7B0, -42258, 1},
    {0xA7B1, 0xA7B1, -42282, 1}, {0xA7B2, 0xA7B2, -42261, 1}, {0xA7B3, 0xA7B3, 928, 1}, {0xA7B4, 0xA7C2, 1, 2},
    {0xA7C4, 0xA7C4, -48, 1}, {0xA7C5, 0xA7C5, -42307, 1}, {0xA7C6, 0xA7C6, -35384, 1}, {0xA7C7, 0xA7C9, 1, 2},
    {0xA7D0, 0xA7D0, 1, 1}, {0xA7D6, 0xA7D8, 1, 2}, {0xA7F5, 0xA7F5, 1, 1}, {0xFF21, 0xFF3A, 32, 1},
    {0x10400, 0x10427, 40, 1}, {0x104B0, 0x104D3, 40, 1}, {0x10570, 0x1057A, 39, 1}, {0x1057C, 0x1058A, 39, 1},
    {0x1058C, 0x10592, 39, 1}, {0x10594, 0x10595, 39, 1}, {0x10C80, 0x10CB2, 64, 1}, {0x118A0, 0x118BF, 32, 1},
    {0x16E40, 0x16E5F, 32, 1}, {0x1E900, 0x1E921, 34, 1},
};

static const case_run upper_runs[] = {
    {0x0061, 0x007A, -32, 1}, {0x00B5, 0x00B5, 743, 1}, {0x00E0, 0x00F6, -32, 1}, {0x00F8, 0x00FE, -32, 1},
    {0x00FF, 0x00FF, 121, 1}, {0x0101, 0x012F, -1, 2}, {0x0131, 0x0131, -232, 1}, {0x0133, 0x0137, -1, 2},
    {0x013A, 0x0148, -1, 2}, {0x014B, 0x0177, -1, 2}, {0x017A, 0x017E, -1, 2}, {0x017F, 0x017F, -300, 1},
    {0x0180, 0x0180, 195, 1}, {0x0183, 0x0185, -1, 2}, {0x0188, 0x0188, -1, 1}, {0x018C, 0x018C, -1, 1},
    {0x0192, 0x0192, -1, 1}, {0x0195, 0x0195, 97, 1}, {0x0199, 0x0199, -1, 1}, {0x019A, 0x019A, 163, 1},
    {0x019E, 0x019E, 130, 1}, {0x01A1, 0x01A5, -1, 2}, {0x01A8, 0x01A8, -1, 1}, {0x01AD, 0x01AD, -1, 1},
    {0x01B0, 0x01B0, -1, 1}, {0x01B4, 0x01B6, -1, 2}, {0x01B9, 0x01B9, -1, 1}, {0x01BD, 0x01BD, -1, 1},
    {0x01BF, 0x01BF, 56, 1}, {0x01C5, 0x01C5, -1, 1}, {0x01C6, 0x01C6, -2, 1}, {0x01C8, 0x01C8, -1, 1},
    {0x01C9, 0x01C9, -2, 1}, {0x01CB, 0x01CB, -1, 1}, {0x01CC, 0x01CC, -2, 1}, {0x01CE, 0x01DC, -1, 2},
    {0x01DD, 0x01DD, -79, 1}, {0x01DF, 0x01EF, -1, 2}, {0x01F2, 0x01F2, -1, 1}, {0x01F3, 0x01F3, -2, 1},
    {0x01F5, 0x01F5, -1, 1}, {0x01F9, 0x021F, -1, 2}, {0x0223, 0x0233, -1, 2}, {0x023C, 0x023C, -1, 1},
    {0x023F, 0x0240, 10815, 1}, {0x0242, 0x0242, -1, 1}, {0x0247, 0x024F, -1, 2}, {0x0250, 0x0250, 10783, 1},
    {0x0251, 0x0251, 10780, 1}, {0x0252, 0x0252, 10782, 1}, {0x0253, 0x0253, -210, 1}, {0x0254, 0x0254, -206, 1},
    {0x0256, 0x0257, -205, 1}, {0x0259, 0x0259, -202, 1}, {0x025B, 0x025B, -203, 1}, {0x025C, 0x025C, 42319, 1},
    {0x0260, 0x0260, -205, 1}, {0x0261, 0x0261, 42315, 1}, {0x0263, 0x0263, -207, 1}, {0x0265, 0x0265, 42280, 1},
    {0x0266, 0x0266, 42308, 1}, {0x0268, 0x0268, -209, 1}, {0x0269, 0x0269, -211, 1}, {0x026A, 0x026A, 42308, 1},
    {0x026B, 0x026B, 10743, 1}, {0x026C, 0x026C, 42305, 1}, {0x026F, 0x026F, -211, 1}, {0x0271, 0x0271, 10749, 1},
    {0x0272, 0x0272, -213, 1}, {0x0275, 0x0275, -214, 1}, {0x027D, 0x027D, 10727, 1}, {0x0280, 0x0280, -218, 1},
    {0x0282, 0x0282, 42307, 1}, {0x0283, 0x0283, -218, 1}, {0x0287, 0x0287, 42282, 1}, {0x0288, 0x0288, -218, 1},
    {0x0289, 0x0289, -69, 1}, {0x028A, 0x028B, -217, 1}, {0x028C, 0x028C, -71, 1}, {0x0292, 0x0292, -219, 1},
    {0x029D, 0x029D, 42261, 1}, {0x029E, 0x029E, 42258, 1}, {0x0345, 0x0345, 84, 1}, {0x0371, 0x0373, -1, 2},
    {0x0377, 0x0377, -1, 1}, {0x037B, 0x037D, 130, 1}, {0x03AC, 0x03AC, -38, 1}, {0x03AD, 0x03AF, -37, 1},
    {0x03B1, 0x03C1, -32, 1}, {0x03C2, 0x03C2, -31, 1}, {0x03C3, 0x03CB, -32, 1}, {0x03CC, 0x03CC, -64, 1},
    {0x03CD, 0x03CE, -63, 1}, {0x03D0, 0x03D0, -62, 1}, {0x03D1, 0x03D1, -57, 1}, {0x03D5, 0x03D5, -47, 1},
    {0x03D6, 0x03D6, -54, 1}, {0x03D7, 0x03D7, -8, 1}, {0x03D9, 0x03EF, -1, 2}, {0x03F0, 0x03F0, -86, 1},
    {0x03F1, 0x03F1, -80, 1}, {0x03F2, 0x03F2, 7, 1}, {0x03F3, 0x03F3, -116, 1}, {0x03F5, 0x03F5, -96, 1},
    {0x03F8, 0x03F8, -1, 1}, {0x03FB, 0x03FB, -1, 1}, {0x0430, 0x044F, -32, 1}, {0x0450, 0x045F, -80, 1},
    {0x0461, 0x0481, -1, 2}, {0x048B, 0x04BF, -1, 2}, {0x04C2, 0x04CE, -1, 2}, {0x04CF, 0x04CF, -15, 1},
    {0x04D1, 0x052F, -1, 2}, {0x0561, 0x0586, -48, 1}, {0x10D0, 0x10FA, 3008, 1}, {0x10FD, 0x10FF, 3008, 1},
    {0x13F8, 0x13FD, -8, 1}, {0x1C80, 0x1C80, -6254, 1}, {0x1C81, 0x1C81, -6253, 1}, {0x1C82, 0x1C82, -6244, 1},
    {0x1C83, 0x1C84, -6242, 1}, {0x1C85, 0x1C85, -6243, 1}, {0x1C86, 0x1C86, -6236, 1}, {0x1C87, 0x1C87, -6181, 1},
    {0x1C88, 0x1C88, 35266, 1}, {0x1D79, 0x1D79, 35332, 1}, {0x1D7D, 0x1D7D, 3814, 1}, {0x1D8E, 0x1D8E, 35384, 1},
    {0x1E01, 0x1E95, -1, 2}, {0x1E9B, 0x1E9B, -59, 1}, {0x1EA1, 0x1EFF, -1, 2}, {0x1F00, 0x1F07, 8, 1},
    {0x1F10, 0x1F15, 8, 1}, {0x1F20, 0x1F27, 8, 1}, {0x1F30, 0x1F37, 8, 1}, {0x1F40, 0x1F45, 8, 1},
    {0x1F51, 0x1F57, 8, 2}, {0x1F60, 0x1F67, 8, 1}, {0x1F70, 0x1F71, 74, 1}, {0x1F72, 0x1F75, 86, 1},
    {0x1F76, 0x1F77, 100, 1}, {0x1F78, 0x1F79, 128, 1}, {0x1F7A, 0x1F7B, 112, 1}, {0x1F7C, 0x1F7D, 126, 1},
    {0x1F80, 0x1F87, 8, 1}, {0x1F90, 0x1F97, 8, 1}, {0x1FA0, 0x1FA7, 8, 1}, {0x1FB0, 0x1FB1, 8, 1},
    {0x1FB3, 0x1FB3, 9, 1}, {0x1FBE, 0x1FBE, -7205, 1}, {0x1FC3, 0x1FC3, 9, 1}, {0x1FD0, 0x1FD1, 8, 1},
    {0x1FE0, 0x1FE1, 8, 1}, {0x1FE5, 0x1FE5, 7, 1}, {0x1FF3, 0x1FF3, 9, 1}, {0x214E, 0x214E, -28, 1},
    {0x2170, 0x217F, -16, 1}, {0x2184, 0x2184, -1, 1}, {0x24D0, 0x24E9, -26, 1}, {0x2C30, 0x2C5F, -48, 1},
    {0x2C61, 0x2C61, -1, 1}, {0x2C65, 0x2C65, -10795, 1}, {0x2C66, 0x2C66, -10792, 1}, {0x2C68, 0x2C6C, -1, 2},
    {0x2C73, 0x2C73, -1, 1}, {0x2C76, 0x2C76, -1, 1}, {0x2C81, 0x2CE3, -1, 2}, {0x2CEC, 0x2CEE, -1, 2},
    {0x2CF3, 0x2CF3, -1, 1}, {0x2D00, 0x2D25, -7264, 1}, {0x2D27, 0x2D27, -7264, 1}, {0x2D2D, 0x2D2D, -7264, 1},
    {0xA641, 0xA66D, -1, 2}, {0xA681, 0xA69B, -1, 2}, {0xA723, 0xA72F, -1, 2}, {0xA733, 0xA76F, -1, 2},
    {0xA77A, 0xA77C, -1, 2}, {0xA77F, 0xA787, -1, 2}, {0xA78C, 0xA78C, -1, 1}, {0xA791, 0xA793, -1, 2},
    {0xA794, 0xA794, 48, 1}, {0xA797, 0xA7A9, -1, 2}, {0xA7B5, 0xA7C3, -1, 2}, {0xA7C8, 0xA7CA, -1, 2},
    {0xA7D1, 0xA7D1, -1, 1}, {0xA7D7, 0xA7D9, -1, 2}, {0xA7F6, 0xA7F6, -1, 1}, {0xAB53, 0xAB53, -928, 1},
    {0xAB70, 0xABBF, -38864, 1}, {0xFF41, 0xFF5A, -32, 1}, {0x10428, 0x1044F, -40, 1}, {0x104D8, 0x104FB, -40, 1},
    {0x10597, 0x105A1, -39, 1}, {0x105A3, 0x105B1, -39, 1}, {0x105B3, 0x105B9, -39, 1}, {0x105BB, 0x105BC, -39, 1},
    {0x10CC0, 0x10CF2, -64, 1}, {0x118C0, 0x118DF, -32, 1}, {0x16E60, 0x16E7F, -32, 1}, {0x1E922, 0x1E943, -34, 1},
};

static uint32_t map_rune(const case_run *runs, size_t n, uint32_t r) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r > runs[mid].hi) lo = mid + 1;
        else if (r < runs[mid].lo) hi = mid;
        else return (r - runs[mid].lo) % (uint32_t)runs[mid].stride ? r : (uint32_t)((int32_t)r + runs[mid].delta);
    }
    return r;
}

static int change_case(rg_bi_ctx *ctx, const rg_value *args, bool upper, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0)) return RG_BI_ERROR;
    const char *s = args[0].u.s;
    size_t n = args[0].len;
    rg_buf b = RG_BUF_INIT;
    rg_buf_reserve(&b, n + 1);
    if (is_ascii(s, n)) {
        for (size_t i = 0; i < n; i++) {
            char c = s[i];
            if (upper && c >= 'a' && c <= 'z') c = (char)(c - 32);
            else if (!upper && c >= 'A' && c <= 'Z') c = (char)(c + 32);
            rg_buf_putc(&b, c);
        }
        return ok_buf(ctx, &b, out);
    }
    const case_run *runs = upper ? upper_runs : lower_runs;
    size_t nruns = upper ? sizeof upper_runs / sizeof *upper_runs : sizeof lower_runs / sizeof *lower_runs;
    for (size_t i = 0, len; i < n; i += len) {
        /* invalid bytes become U+FFFD, as in Go's strings.Map */
        char enc[4];
        uint32_t r = map_rune(runs, nruns, u8_decode(s + i, n - i, &len));
        rg_buf_append(&b, enc, u8_encode(r, enc));
    }
    return ok_buf(ctx, &b, out);
}

static int bi_upper(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return change_case(ctx, args, true, out);
}

static int bi_lower(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return change_case(ctx, args, false, out);
}

/* ---- split ---- */

/* Go's strings.Split of args[0] by args[1] (both checked strings) into v. */
static void split_into(rg_arena *a, const rg_value *args, rg_vec *v) {
    const char *s = args[0].u.s, *d = args[1].u.s;
    size_t n = args[0].len, m = args[1].len;
    if (m == 0) {
        /* an empty delimiter splits into runes; "" gives [] (Go's strings.Split) */
        for (size_t i = 0, len; i < n; i += len) {
            len = u8_len_at(s + i, n - i);
            rg_vec_push(v, rg_string(a, s + i, len));
        }
    } else {
        size_t start = 0;
        for (const char *p; (p = find(s + start, n - start, d, m)) != NULL;) {
            size_t at = (size_t)(p - s);
            rg_vec_push(v, rg_string(a, s + start, at - start));
            start = at + m;
        }
        rg_vec_push(v, rg_string(a, s + start, n - start));
    }
}

static int bi_split(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_strings(ctx, args, 2)) return RG_BI_ERROR;
    rg_arena *a = rg_bi_arena(ctx);
    rg_vec v = RG_VEC_INIT;
    split_into(a, args, &v);
    *out = rg_vec_to_array(a, &v);
    rg_vec_fini(&v);
    return RG_BI_OK;
}

/* strings.split_n: unlike Go's SplitN, OPA splits fully and then keeps the
 * first n parts (n > 0), the last -n parts (n < 0) or none (n == 0). */
static int bi_split_n(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    int64_t k = 0;
    if (want_strings(ctx, args, 2) || int_operand(ctx, args, 2, &k)) return RG_BI_ERROR;
    rg_arena *a = rg_bi_arena(ctx);
    rg_vec v = RG_VEC_INIT;
    if (k != 0) split_into(a, args, &v);
    size_t from = 0, to = v.len;
    if (k > 0 && (uint64_t)k < v.len) to = (size_t)k;
    /* -(k + 1) + 1 avoids overflowing on INT64_MIN */
    if (k < 0 && (uint64_t)(-(k + 1)) + 1 < v.len) from = v.len - ((uint64_t)(-(k + 1)) + 1);
    *out = to > from ? rg_array(a, v.items + from, to - from) : rg_empty_array();
    rg_vec_fini(&v);
    return RG_BI_OK;
}

/* ---- replace, strings.replace_n ---- */

/* Replacement output grows multiplicatively (each rune may become a long
 * string), so it stops at this size with an error rather than exhausting
 * memory. */
#define MAX_RESULT ((size_t)1 << 28)

/* Go's strings.Replacer: scanning left to right, at each position the first
 * pattern (in pattern order) that matches is replaced and the scan resumes
 * after it; an empty pattern matches at every position but not twice in a
 * row.  pats holds old,new string pairs.  Unmatched text advances one rune
 * at a time so an empty pattern never splits a UTF-8 sequence. */
static void replace_all(rg_buf *b, const char *s, size_t n, const rg_value *pats, size_t npairs) {
    size_t last = 0, i = 0;
    bool prev_empty = false;
    while (i <= n && b->len <= MAX_RESULT) {
        const rg_value *hit = NULL;
        for (size_t k = 0; k < npairs && !hit; k++) {
            rg_value old = pats[2 * k];
            if (old.len == 0 ? !prev_empty : (old.len <= n - i && memcmp(s + i, old.u.s, old.len) == 0))
                hit = &pats[2 * k];
        }
        prev_empty = hit && hit[0].len == 0;
        if (hit) {
            rg_buf_append(b, s + last, i - last);
            rg_buf_append(b, hit[1].u.s, hit[1].len);
            i += hit[0].len;
            last = i;
        } else if (i < n) {
            i += u8_len_at(s + i, n - i);
        } else {
            break;
        }
    }
    rg_buf_append(b, s + last, n - last);
}

static int finish_replace(rg_bi_ctx *ctx, rg_buf *b, rg_value *out) {
    if (b->len > MAX_RESULT) {
        rg_buf_fini(b);
        return rg_bi_error(ctx, "result too large");
    }
    return ok_buf(ctx, b, out);
}

static int bi_replace(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_strings(ctx, args, 3)) return RG_BI_ERROR;
    rg_buf b = RG_BUF_INIT;
    rg_buf_reserve(&b, args[0].len + 1);
    replace_all(&b, args[0].u.s, args[0].len, &args[1], 1);
    return finish_replace(ctx, &b, out);
}

/* Patterns apply in sorted key order (an object's own order here). */
static int bi_replace_n(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_kind(ctx, args, 0, RG_T_OBJ) || rg_bi_want_string(ctx, args, 1)) return RG_BI_ERROR;
    rg_value pats = args[0];
    for (size_t k = 0; k < pats.len; k++) {
        if (rg_obj_key(pats, k).kind != RG_STRING)
            return rg_bi_operand_error(ctx, "operand 1 non-string key found in pattern object");
        if (rg_obj_val(pats, k).kind != RG_STRING)
            return rg_bi_operand_error(ctx, "operand 1 non-string value found in pattern object");
    }
    rg_buf b = RG_BUF_INIT;
    rg_buf_reserve(&b, args[1].len + 1);
    replace_all(&b, args[1].u.s, args[1].len, pats.u.items, pats.len);
    return finish_replace(ctx, &b, out);
}

/* ---- trim family ---- */

static bool in_cutset(rg_value cut, uint32_t r) {
    for (size_t i = 0, len; i < cut.len; i += len)
        if (u8_decode(cut.u.s + i, cut.len - i, &len) == r) return true;
    return false;
}

/* Go's unicode.IsSpace. */
static bool is_space(uint32_t r) {
    if (r <= 0xFF) return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0;
    return r == 0x1680 || (r >= 0x2000 && r <= 0x200A) || r == 0x2028 || r == 0x2029 || r == 0x202F ||
           r == 0x205F || r == 0x3000;
}

/* Trims runes for which drop() holds from the left and/or right of s;
 * cut is the cutset (unused by trim_space). */
static int trim_runes(rg_bi_ctx *ctx, rg_value s, rg_value cut, bool left, bool right,
                      bool (*drop)(rg_value, uint32_t), rg_value *out) {
    size_t start = 0, end = s.len, len;
    if (left)
        while (start < s.len && drop(cut, u8_decode(s.u.s + start, s.len - start, &len))) start += len;
    if (right) {
        /* the end of the last rune to keep, found scanning forward */
        end = start;
        for (size_t i = start; i < s.len; i += len)
            if (!drop(cut, u8_decode(s.u.s + i, s.len - i, &len))) end = i + len;
    }
    if (start == 0 && end == s.len) {
        *out = s;
        return RG_BI_OK;
    }
    return ok_string(ctx, s.u.s + start, end - start, out);
}

static bool drop_space(rg_value unused, uint32_t r) { return is_space(r); }

static int bi_trim(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_strings(ctx, args, 2)) return RG_BI_ERROR;
    return trim_runes(ctx, args[0], args[1], true, true, in_cutset, out);
}

static int bi_trim_left(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_strings(ctx, args, 2)) return RG_BI_ERROR;
    return trim_runes(ctx, args[0], args[1], true, false, in_cutset, out);
}

static int bi_trim_right(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_strings(ctx, args, 2)) return RG_BI_ERROR;
    return trim_runes(ctx, args[0], args[1], false, true, in_cutset, out);
}

static int bi_trim_space(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0)) return RG_BI_ERROR;
    return trim_runes(ctx, args[0], args[0], true, true, drop_space, out);
}

static int bi_trim_prefix(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_strings(ctx, args, 2)) return RG_BI_ERROR;
    rg_value s = args[0], p = args[1];
    if (p.len == 0 || !has_prefix(s, p)) {
        *out = s;
        return RG_BI_OK;
    }
    return ok_string(ctx, s.u.s + p.len, s.len - p.len, out);
}

static int bi_trim_suffix(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_strings(ctx, args, 2)) return RG_BI_ERROR;
    rg_value s = args[0], p = args[1];
    if (p.len == 0 || !has_suffix(s, p)) {
        *out = s;
        return RG_BI_OK;
    }
    return ok_string(ctx, s.u.s, s.len - p.len, out);
}

/* ---- strings.reverse ---- */

/* Reverses rune order; the bytes of each UTF-8 sequence stay in order. */
static int bi_reverse(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0)) return RG_BI_ERROR;
    const char *s = args[0].u.s;
    size_t n = args[0].len;
    char *r = rg_arena_alloc(rg_bi_arena(ctx), n + 1);
    for (size_t i = 0, len; i < n; i += len) {
        len = u8_len_at(s + i, n - i);
        memcpy(r + n - i - len, s + i, len);
    }
    r[n] = 0;
    *out = rg_string_static(r, n);
    return RG_BI_OK;
}

/* ---- strings.any_prefix_match, strings.any_suffix_match ---- */

/* A string, or an array/set of strings, viewed as a list of strings. */
static int string_list(rg_bi_ctx *ctx, const rg_value *args, int i, const rg_value **items, size_t *n) {
    rg_value v = args[i];
    if (v.kind == RG_STRING) {
        *items = &args[i];
        *n = 1;
        return 0;
    }
    if (v.kind != RG_ARRAY && v.kind != RG_SET) return rg_bi_type_error(ctx, i + 1, "one of {string, set, array}", v);
    for (size_t k = 0; k < v.len; k++)
        if (v.u.items[k].kind != RG_STRING) return element_error(ctx, i + 1, v, v.u.items[k]);
    *items = v.u.items;
    *n = v.len;
    return 0;
}

static int any_match(rg_bi_ctx *ctx, const rg_value *args, bool (*match)(rg_value, rg_value), rg_value *out) {
    const rg_value *strs, *pats;
    size_t ns, np;
    if (string_list(ctx, args, 0, &strs, &ns) || string_list(ctx, args, 1, &pats, &np)) return RG_BI_ERROR;
    for (size_t i = 0; i < ns; i++)
        for (size_t k = 0; k < np; k++)
            if (match(strs[i], pats[k])) return ok_bool(true, out);
    return ok_bool(false, out);
}

static int bi_any_prefix_match(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return any_match(ctx, args, has_prefix, out);
}

static int bi_any_suffix_match(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return any_match(ctx, args, has_suffix, out);
}

/* ---- table ---- */

#define S RG_T_STR
#define N RG_T_NUM
#define B RG_T_BOOL
#define SAS (RG_T_STR | RG_T_ARR | RG_T_SET)

const rg_builtin_def rg_builtins_strings[] = {
    {"concat", bi_concat, 2, RG_ARGS(S, RG_T_ARR | RG_T_SET), S, 0},
    {"contains", bi_contains, 2, RG_ARGS(S, S), B, 0},
    {"endswith", bi_endswith, 2, RG_ARGS(S, S), B, 0},
    {"format_int", bi_format_int, 2, RG_ARGS(N, N), S, 0},
    {"indexof", bi_indexof, 2, RG_ARGS(S, S), N, 0},
    {"indexof_n", bi_indexof_n, 2, RG_ARGS(S, S), RG_T_ARR, 0},
    {"lower", bi_lower, 1, RG_ARGS(S), S, 0},
    {"replace", bi_replace, 3, RG_ARGS(S, S, S), S, 0},
    {"split", bi_split, 2, RG_ARGS(S, S), RG_T_ARR, 0},
    {"startswith", bi_startswith, 2, RG_ARGS(S, S), B, 0},
    {"strings.any_prefix_match", bi_any_prefix_match, 2, RG_ARGS(SAS, SAS), B, 0},
    {"strings.any_suffix_match", bi_any_suffix_match, 2, RG_ARGS(SAS, SAS), B, 0},
    {"strings.count", bi_count, 2, RG_ARGS(S, S), N, 0},
    {"strings.replace_n", bi_replace_n, 2, RG_ARGS(RG_T_OBJ, S), S, 0},
    {"strings.reverse", bi_reverse, 1, RG_ARGS(S), S, 0},
    {"strings.split_n", bi_split_n, 3, RG_ARGS(S, S, N), RG_T_ARR, 0},
    {"substring", bi_substring, 3, RG_ARGS(S, N, N), S, 0},
    {"trim", bi_trim, 2, RG_ARGS(S, S), S, 0},
    {"trim_left", bi_trim_left, 2, RG_ARGS(S, S), S, 0},
    {"trim_prefix", bi_trim_prefix, 2, RG_ARGS(S, S), S, 0},
    {"trim_right", bi_trim_right, 2, RG_ARGS(S, S), S, 0},
    {"trim_space", bi_trim_space, 1, RG_ARGS(S), S, 0},
    {"trim_suffix", bi_trim_suffix, 2, RG_ARGS(S, S), S, 0},
    {"upper", bi_upper, 1, RG_ARGS(S), S, 0},
    {0},
};

#undef S
#undef N
#undef B
#undef SAS
