/* Builtins: regex family — regex.match (and the deprecated re_match),
 * regex.is_valid, regex.split, regex.find_n, regex.find_all_string_submatch_n,
 * regex.replace, regex.template_match and regex.globs_match.
 *
 * Rego regexes use Go's RE2 syntax; we run them with PCRE2.  Each pattern is
 * first checked and rewritten (re2_translate) so that PCRE2 sees Go's
 * meaning: constructs RE2 rejects (backreferences, lookaround, possessive
 * quantifiers, \Z, (*VERB), unknown escapes and flags) are errors, and the
 * escapes whose meaning differs are rewritten (\s is [\t\n\f\r ], \v is
 * U+000B, octal \123).  Compile options give Go's anchors ($ only at the end
 * of text), ASCII \d\w\s\b, Unicode case folding; invalid UTF-8 in subjects
 * never matches (Go would read it as U+FFFD).  Iteration over matches
 * (find, split, replace) follows Go's rules for empty matches.
 *
 * Compiled patterns are kept in a small mutex-protected cache keyed by the
 * pattern text; entries are reference counted so eviction never frees a
 * pattern in use.  Match, depth and heap limits stop pathological patterns;
 * hitting one is a builtin error. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/encoding_internal.h"
#include "builtins/families.h"
#include "builtins/regex_internal.h"

#define RE_CACHE_SIZE 256
#define RE_MATCH_LIMIT 10000000u
#define RE_HEAP_LIMIT_KIB 65536u
#define RE_MAX_REPEAT 1000

/* ---------------------------------------------------------------------------
 * RE2 syntax check and translation
 * ------------------------------------------------------------------------- */

typedef struct re2tr {
    const char *p;
    size_t n, i;
    rg_buf *out;
    rg_buf *err;
    size_t quant_at; /* start of the last quantifier, or SIZE_MAX */
    bool atom;       /* something repeatable precedes (not at a start or after '(' or '|') */
} re2tr;

static int tr_error(re2tr *t, const char *code, const char *text, size_t len) {
    rg_buf_printf(t->err, "error parsing regexp: %s: `", code);
    rg_buf_append(t->err, text, len);
    rg_buf_putc(t->err, '`');
    return -1;
}

static bool is_octal(char c) { return c >= '0' && c <= '7'; }
static int hex_val(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
static bool is_hex(char c) { return hex_val(c) >= 0; }
static bool is_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Width of the UTF-8 sequence starting at p[i] (1 for invalid bytes). */
static size_t u8width(const char *p, size_t n, size_t i) {
    uint32_t cp;
    bool ok;
    return rg_enc_utf8_decode((const unsigned char *)p + i, n - i, &cp, &ok);
}

/* Octal escape \0, \1..\7 followed by octal digits: up to three digits. */
static void tr_octal(re2tr *t) {
    unsigned v = 0;
    size_t k = 0;
    while (k < 3 && t->i < t->n && is_octal(t->p[t->i])) v = v * 8 + (unsigned)(t->p[t->i++] - '0'), k++;
    rg_buf_printf(t->out, "\\x{%x}", v);
}

/* \xHH or \x{H...}: Go accepts exactly these forms. */
static int tr_hex(re2tr *t, size_t start) {
    if (t->i < t->n && t->p[t->i] == '{') {
        size_t j = t->i + 1;
        unsigned long v = 0;
        while (j < t->n && is_hex(t->p[j]) && v <= 0x10FFFF) v = v * 16 + (unsigned long)hex_val(t->p[j++]);
        if (j == t->i + 1 || j >= t->n || t->p[j] != '}' || v > 0x10FFFF)
            return tr_error(t, "invalid escape sequence", t->p + start, (j < t->n ? j + 1 : t->n) - start);
        t->i = j + 1;
    } else {
        if (t->i + 2 > t->n || !is_hex(t->p[t->i]) || !is_hex(t->p[t->i + 1]))
            return tr_error(t, "invalid escape sequence", t->p + start, (t->i + 2 <= t->n ? t->i + 2 : t->n) - start);
        t->i += 2;
    }
    rg_buf_append(t->out, t->p + start, t->i - start);
    return 0;
}

/* \pL or \p{Name}: passed through (PCRE2 knows the same names). */
static int tr_prop(re2tr *t, size_t start) {
    if (t->i >= t->n) return tr_error(t, "invalid character class range", t->p + start, t->n - start);
    if (t->p[t->i] == '{') {
        const char *close = memchr(t->p + t->i, '}', t->n - t->i);
        if (!close) return tr_error(t, "invalid character class range", t->p + start, t->n - start);
        t->i = (size_t)(close - t->p) + 1;
    } else {
        t->i += u8width(t->p, t->n, t->i);
    }
    rg_buf_append(t->out, t->p + start, t->i - start);
    return 0;
}

/* An escape sequence at t->i (the backslash); in_class selects the rules
 * for inside [...]. */
static int tr_escape(re2tr *t, bool in_class) {
    size_t start = t->i++;
    if (t->i >= t->n) return tr_error(t, "trailing backslash at end of expression", "", 0);
    char c = t->p[t->i++];
    switch (c) {
    case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        if (t->i >= t->n || !is_octal(t->p[t->i])) return tr_error(t, "invalid escape sequence", t->p + start, 2);
        /* fallthrough */
    case '0': t->i--; tr_octal(t); return 0;
    case 'a': case 'f': case 't': case 'n': case 'r':
    case 'd': case 'D': case 'w': case 'W': case 'S':
        rg_buf_append(t->out, t->p + start, 2);
        return 0;
    case 'v': rg_buf_puts(t->out, "\\x{0b}"); return 0;
    case 's': rg_buf_puts(t->out, in_class ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]"); return 0;
    case 'x': return tr_hex(t, start);
    case 'p': case 'P': return tr_prop(t, start);
    case 'A': case 'z': case 'b': case 'B':
        if (in_class) break;
        rg_buf_append(t->out, t->p + start, 2);
        return 0;
    default:
        if ((unsigned char)c < 0x80 && !is_alnum(c)) {
            rg_buf_append(t->out, t->p + start, 2);
            return 0;
        }
        break;
    }
    return tr_error(t, "invalid escape sequence", t->p + start, 1 + u8width(t->p, t->n, start + 1));
}

/* \Q...\E: literal text, copied through (PCRE2 reads it the same way). */
static void tr_quote(re2tr *t) {
    size_t start = t->i;
    const char *end = NULL;
    for (size_t j = t->i + 2; j + 1 < t->n; j++)
        if (t->p[j] == '\\' && t->p[j + 1] == 'E') {
            end = t->p + j + 2;
            break;
        }
    t->i = end ? (size_t)(end - t->p) : t->n;
    rg_buf_append(t->out, t->p + start, t->i - start);
    if (!end) rg_buf_puts(t->out, "\\E");
}

static bool posix_class_name(const char *s, size_t n) {
    static const char *const names[] = {"alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph",
                                        "lower", "print", "punct", "space", "upper", "word", "xdigit"};
    if (n && s[0] == '^') s++, n--;
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (strlen(names[k]) == n && !memcmp(names[k], s, n)) return true;
    return false;
}

/* A character class starting at t->i ('['). */
static int tr_class(re2tr *t) {
    size_t start = t->i++;
    rg_buf_putc(t->out, '[');
    if (t->i < t->n && t->p[t->i] == '^') rg_buf_putc(t->out, '^'), t->i++;
    if (t->i < t->n && t->p[t->i] == ']') rg_buf_puts(t->out, "\\]"), t->i++;
    while (t->i < t->n) {
        char c = t->p[t->i];
        if (c == ']') {
            rg_buf_putc(t->out, ']');
            t->i++;
            return 0;
        }
        if (c == '\\') {
            if (t->i + 1 < t->n && t->p[t->i + 1] == 'Q')
                return tr_error(t, "invalid escape sequence", t->p + t->i, 2);
            if (tr_escape(t, true)) return -1;
            continue;
        }
        if (c == '[' && t->i + 1 < t->n && t->p[t->i + 1] == ':') {
            const char *close = NULL;
            for (size_t j = t->i + 2; j + 1 < t->n; j++)
                if (t->p[j] == ':' && t->p[j + 1] == ']') {
                    close = t->p + j;
                    break;
                }
            if (close) {
                size_t len = (size_t)(close - t->p) + 2 - t->i;
                if (!posix_class_name(t->p + t->i + 2, len - 4))
                    return tr_error(t, "invalid character class range", t->p + t->i, len);
                rg_buf_append(t->out, t->p + t->i, len);
                t->i += len;
                continue;
            }
        }
        if (c == '[') {
            rg_buf_puts(t->out, "\\["); /* literal in Go; PCRE2 could read [. or [= */
            t->i++;
            continue;
        }
        size_t w = u8width(t->p, t->n, t->i);
        rg_buf_append(t->out, t->p + t->i, w);
        t->i += w;
    }
    return tr_error(t, "missing closing ]", t->p + start, t->n - start);
}

/* "(?" groups: Go knows (?P<name>, (?<name> and flag groups over imsU
 * ("(?i)", "(?-s:", and the no-op "(?)"). */
static int tr_group(re2tr *t) {
    size_t start = t->i, j = t->i + 2;
    const char *p = t->p;
    bool named = (j + 1 < t->n && p[j] == 'P' && p[j + 1] == '<') || (j < t->n && p[j] == '<');
    if (named) {
        size_t name = j + (p[j] == 'P' ? 2 : 1), k = name;
        while (k < t->n && (is_alnum(p[k]) || p[k] == '_')) k++;
        if (k == name || k >= t->n || p[k] != '>')
            return tr_error(t, "invalid named capture", p + start, (k < t->n ? k + 1 : t->n) - start);
        rg_buf_append(t->out, p + start, k + 1 - start);
        t->i = k + 1;
        return 0;
    }
    bool neg = false, saw = false;
    for (; j < t->n; j++) {
        char c = p[j];
        if (c && strchr("imsU", c)) {
            saw = true;
            continue;
        }
        if (c == '-' && !neg) {
            neg = true;
            saw = false;
            continue;
        }
        if (c != ':' && c != ')') break;
        if (neg && !saw) break;
        if (!(c == ')' && j == start + 2)) rg_buf_append(t->out, p + start, j + 1 - start);
        t->i = j + 1;
        return 0;
    }
    size_t end = j < t->n ? j + u8width(p, t->n, j) : t->n;
    return tr_error(t, "invalid or unsupported Perl syntax", p + start, end - start);
}

/* "{n}", "{n,}" or "{n,m}" at t->i: returns its length, 0 when the brace
 * is a literal, -1 after a repeat-count error. */
static long tr_repeat_len(re2tr *t) {
    size_t j = t->i + 1;
    long lo = 0, hi;
    size_t d = j;
    while (j < t->n && t->p[j] >= '0' && t->p[j] <= '9' && lo <= 100000) lo = lo * 10 + (t->p[j++] - '0');
    if (j == d || j >= t->n) return 0;
    hi = lo;
    if (t->p[j] == ',') {
        j++;
        d = j;
        hi = 0;
        while (j < t->n && t->p[j] >= '0' && t->p[j] <= '9' && hi <= 100000) hi = hi * 10 + (t->p[j++] - '0');
        if (j == d) hi = -1;
    }
    if (j >= t->n || t->p[j] != '}') return 0;
    if (lo > RE_MAX_REPEAT || hi > RE_MAX_REPEAT || (hi >= 0 && hi < lo))
        return tr_error(t, "invalid repeat count", t->p + t->i, j + 1 - t->i);
    return (long)(j + 1 - t->i);
}

/* A quantifier (*, +, ?, or a valid {..}) of length len at t->i. */
static int tr_quantifier(re2tr *t, size_t len) {
    size_t end = t->i + len;
    if (end < t->n && t->p[end] == '?') end++; /* non-greedy */
    if (!t->atom && t->quant_at == SIZE_MAX)
        return tr_error(t, "missing argument to repetition operator", t->p + t->i, len);
    if (t->quant_at != SIZE_MAX)
        return tr_error(t, "invalid nested repetition operator", t->p + t->quant_at, end - t->quant_at);
    rg_buf_append(t->out, t->p + t->i, end - t->i);
    t->quant_at = t->i;
    t->i = end;
    return 0;
}

/* One syntax element at t->i. */
static int tr_element(re2tr *t) {
    char c = t->p[t->i];
    size_t here = t->quant_at;
    bool atom = t->atom;
    t->quant_at = SIZE_MAX;
    t->atom = true;
    switch (c) {
    case '\\':
        if (t->i + 1 < t->n && t->p[t->i + 1] == 'Q') {
            tr_quote(t);
            return 0;
        }
        return tr_escape(t, false);
    case '[': return tr_class(t);
    case '(':
        t->atom = false;
        if (t->i + 1 < t->n && t->p[t->i + 1] == '?') return tr_group(t);
        if (t->i + 1 < t->n && t->p[t->i + 1] == '*')
            return tr_error(t, "missing argument to repetition operator", "*", 1);
        rg_buf_putc(t->out, '(');
        t->i++;
        return 0;
    case '|':
        t->atom = false;
        rg_buf_putc(t->out, '|');
        t->i++;
        return 0;
    case '*':
    case '+':
    case '?': t->quant_at = here, t->atom = atom; return tr_quantifier(t, 1);
    case '{': {
        long len = tr_repeat_len(t);
        if (len < 0) return -1;
        if (len > 0) {
            t->quant_at = here, t->atom = atom;
            return tr_quantifier(t, (size_t)len);
        }
        rg_buf_puts(t->out, "\\{");
        t->i++;
        return 0;
    }
    default: {
        size_t w = u8width(t->p, t->n, t->i);
        rg_buf_append(t->out, t->p + t->i, w);
        t->i += w;
        return 0;
    }
    }
}

/* Checks pattern p (Go RE2 syntax) and writes the PCRE2 equivalent to out.
 * Returns 0, or -1 with a Go-style message in err. */
static int re2_translate(const char *p, size_t n, rg_buf *out, rg_buf *err) {
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        bool ok;
        i += rg_enc_utf8_decode((const unsigned char *)p + i, n - i, &cp, &ok);
        if (!ok) {
            rg_buf_puts(err, "error parsing regexp: invalid UTF-8: `");
            rg_buf_append(err, p, n);
            rg_buf_putc(err, '`');
            return -1;
        }
    }
    re2tr t = {p, n, 0, out, err, SIZE_MAX, false};
    while (t.i < n)
        if (tr_element(&t)) return -1;
    return 0;
}

/* ---------------------------------------------------------------------------
 * Compiled pattern cache
 * ------------------------------------------------------------------------- */

typedef struct re_entry {
    char *key;
    size_t klen;
    uint64_t hash;
    pcre2_code *code;
    uint32_t ncap; /* capture groups, not counting the whole match */
    int refs;      /* one for the cache, one per user; guarded by cache_mu */
} re_entry;

static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static re_entry *cache[RE_CACHE_SIZE];
/* Direct-mapped by hash: a lookup is one slot; a collision evicts. */

static pcre2_match_context *match_ctx;
static pcre2_compile_context *compile_ctx;
static pthread_once_t ctx_once = PTHREAD_ONCE_INIT;

/* REGENT_NO_JIT=1 turns PCRE2's JIT off: valgrind cannot follow
 * JIT-generated code and reports false errors in it. */
static bool use_jit = true;

static void make_contexts(void) {
    const char *no_jit = getenv("REGENT_NO_JIT");
    use_jit = !(no_jit && *no_jit && strcmp(no_jit, "0") != 0);
    match_ctx = pcre2_match_context_create(NULL);
    compile_ctx = pcre2_compile_context_create(NULL);
    if (!match_ctx || !compile_ctx) rg_oom();
    pcre2_set_match_limit(match_ctx, RE_MATCH_LIMIT);
    pcre2_set_depth_limit(match_ctx, RE_MATCH_LIMIT);
    pcre2_set_heap_limit(match_ctx, RE_HEAP_LIMIT_KIB);
    pcre2_set_newline(compile_ctx, PCRE2_NEWLINE_LF);
}

/* Hashes the length and at most 32 bytes from each end: patterns are looked
 * up on every call, and the full comparison follows anyway. */
static uint64_t fnv1a(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ull ^ n;
    for (size_t i = 0; i < n; i++) {
        if (i == 32 && n > 64) i = n - 32;
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    }
    return h;
}

static void entry_free(re_entry *e) {
    pcre2_code_free(e->code);
    free(e->key);
    free(e);
}

static void re_release(re_entry *e) {
    pthread_mutex_lock(&cache_mu);
    bool last = --e->refs == 0;
    pthread_mutex_unlock(&cache_mu);
    if (last) entry_free(e);
}

/* Maps PCRE2's most common compile errors to Go's texts. */
static void compile_error(rg_buf *err, int code, size_t offset, const char *pat, size_t n) {
    const char *go = NULL;
    switch (code) {
    case 114: go = "missing closing )"; break;       /* missing closing parenthesis */
    case 122: go = "unexpected )"; break;            /* unmatched closing parenthesis */
    case 106: go = "missing closing ]"; break;       /* missing terminating ] */
    case 109: go = "missing argument to repetition operator"; break; /* quantifier without item */
    case 108: go = "invalid character class range"; break;           /* range out of order */
    default: break;
    }
    if (go) {
        rg_buf_printf(err, "error parsing regexp: %s: `", go);
        rg_buf_append(err, pat, n);
        rg_buf_putc(err, '`');
        return;
    }
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(code, msg, sizeof msg);
    rg_buf_printf(err, "error parsing regexp: %s at offset %zu: `", (const char *)msg, offset);
    rg_buf_append(err, pat, n);
    rg_buf_putc(err, '`');
}

static re_entry *re_compile(const char *pat, size_t n, rg_buf *err) {
    rg_buf tr = RG_BUF_INIT;
    if (re2_translate(pat, n, &tr, err)) {
        rg_buf_fini(&tr);
        return NULL;
    }
    int ecode;
    PCRE2_SIZE eoff;
    uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_DOLLAR_ENDONLY;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)rg_buf_cstr(&tr), tr.len, opts, &ecode, &eoff, compile_ctx);
    rg_buf_fini(&tr);
    if (!code) {
        compile_error(err, ecode, eoff, pat, n);
        return NULL;
    }
    re_entry *e = rg_xcalloc(1, sizeof *e);
    e->key = rg_xmalloc(n + 1);
    memcpy(e->key, pat, n);
    e->key[n] = 0;
    e->klen = n;
    e->hash = fnv1a(pat, n);
    e->code = code;
    /* JIT-compiled matching is several times faster; where the JIT is not
     * available the interpreter runs (pcre2_match picks). */
    if (use_jit) pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &e->ncap);
    return e;
}

static re_entry *cache_find(const char *pat, size_t n, uint64_t h) {
    re_entry *e = cache[h % RE_CACHE_SIZE];
    return e && e->hash == h && e->klen == n && !memcmp(e->key, pat, n) ? e : NULL;
}

/* Returns the compiled pattern (release it with re_release), or NULL with
 * a message in err. */
static re_entry *re_get(const char *pat, size_t n, rg_buf *err) {
    pthread_once(&ctx_once, make_contexts);
    uint64_t h = fnv1a(pat, n);
    pthread_mutex_lock(&cache_mu);
    re_entry *e = cache_find(pat, n, h);
    if (e) e->refs++;
    pthread_mutex_unlock(&cache_mu);
    if (e) return e;
    re_entry *fresh = re_compile(pat, n, err); /* outside the lock: may be slow */
    if (!fresh) return NULL;
    re_entry *evicted = NULL;
    pthread_mutex_lock(&cache_mu);
    e = cache_find(pat, n, h); /* another thread may have been quicker */
    if (e) {
        e->refs++;
    } else {
        e = fresh;
        fresh = NULL;
        e->refs = 2;
        re_entry **slot = &cache[h % RE_CACHE_SIZE];
        if (*slot && --(*slot)->refs == 0) evicted = *slot;
        *slot = e;
    }
    pthread_mutex_unlock(&cache_mu);
    if (fresh) entry_free(fresh);
    if (evicted) entry_free(evicted);
    return e;
}

/* Compiles pattern pat, recording a builtin error on failure. */
static re_entry *get_pattern(rg_bi_ctx *ctx, rg_value pat) {
    rg_buf err = RG_BUF_INIT;
    re_entry *e = re_get(pat.u.s, pat.len, &err);
    if (!e) rg_bi_error(ctx, "%s", rg_buf_cstr(&err));
    rg_buf_fini(&err);
    return e;
}

/* ---------------------------------------------------------------------------
 * Matching
 * ------------------------------------------------------------------------- */

/* Runs one search from offset start: >0 matched, 0 no match, -1 error. */
static int re_exec(rg_bi_ctx *ctx, re_entry *e, const char *s, size_t n, size_t start, pcre2_match_data *md) {
    int rc = pcre2_match(e->code, (PCRE2_SPTR)s, n, start, 0, md, match_ctx);
    /* The JIT's own stack can run out on patterns the interpreter handles. */
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT) rc = pcre2_match(e->code, (PCRE2_SPTR)s, n, start, PCRE2_NO_JIT, md, match_ctx);
    if (rc > 0) return rc;
    if (rc == PCRE2_ERROR_NOMATCH) return 0;
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT)
        rg_bi_error(ctx, "regular expression match limit exceeded");
    else
        rg_bi_error(ctx, "regular expression match failed (error %d)", rc);
    return -1;
}

/* Called for each match with its offset pairs (count = groups + 1; unset
 * groups are PCRE2_UNSET). */
typedef void (*match_fn)(void *ud, const char *s, const PCRE2_SIZE *ov, uint32_t count);

/* Go's allMatches: leftmost-first matches from left to right; an empty
 * match right after the previous match is skipped, and after an empty
 * match the search moves on by one character.  limit < 0: no limit. */
static int re_all(rg_bi_ctx *ctx, re_entry *e, const char *s, size_t n, int64_t limit, match_fn fn, void *ud) {
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(e->code, NULL);
    if (!md) rg_oom();
    size_t pos = 0;
    PCRE2_SIZE prev_end = PCRE2_UNSET;
    int64_t found = 0;
    int rc = 0;
    while ((limit < 0 || found < limit) && pos <= n) {
        rc = re_exec(ctx, e, s, n, pos, md);
        if (rc <= 0) break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        bool accept = true;
        if (ov[1] == pos) { /* empty match */
            accept = ov[0] != prev_end;
            pos += pos < n ? u8width(s, n, pos) : 1;
        } else {
            pos = ov[1];
        }
        prev_end = ov[1];
        if (accept) {
            for (uint32_t g = (uint32_t)rc; g <= e->ncap; g++) ov[2 * g] = ov[2 * g + 1] = PCRE2_UNSET;
            fn(ud, s, ov, e->ncap + 1);
            found++;
        }
    }
    pcre2_match_data_free(md);
    return rc < 0 ? -1 : 0;
}

typedef struct collect {
    rg_arena *a;
    rg_vec items;
    bool groups; /* each match as an array of its groups */
} collect;

static rg_value group_str(rg_arena *a, const char *s, const PCRE2_SIZE *ov, uint32_t g) {
    if (ov[2 * g] == PCRE2_UNSET) return rg_string_static("", 0);
    return rg_string(a, s + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
}

static void collect_match(void *ud, const char *s, const PCRE2_SIZE *ov, uint32_t count) {
    collect *c = ud;
    if (!c->groups) {
        rg_vec_push(&c->items, group_str(c->a, s, ov, 0));
        return;
    }
    rg_value *g = rg_arena_alloc(c->a, count * sizeof *g);
    for (uint32_t i = 0; i < count; i++) g[i] = group_str(c->a, s, ov, i);
    rg_vec_push(&c->items, rg_array_take(g, count));
}

/* ---------------------------------------------------------------------------
 * Builtins
 * ------------------------------------------------------------------------- */

static int want_strings(rg_bi_ctx *ctx, const rg_value *args, int n) {
    for (int i = 0; i < n; i++)
        if (rg_bi_want_string(ctx, args, i)) return RG_BI_ERROR;
    return 0;
}

/* OPA's IntOperand: a number, and an integer one. */
static int want_int(rg_bi_ctx *ctx, const rg_value *args, int i, int64_t *out) {
    if (rg_bi_want_number(ctx, args, i)) return RG_BI_ERROR;
    if (!rg_num_to_int64(args[i], out))
        return rg_enc_operand_error(ctx, i + 1, "must be integer number but got floating-point number");
    return 0;
}

static int match_pattern(rg_bi_ctx *ctx, rg_value pat, rg_value s, rg_value *out) {
    re_entry *e = get_pattern(ctx, pat);
    if (!e) return RG_BI_ERROR;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(e->code, NULL);
    if (!md) rg_oom();
    int rc = re_exec(ctx, e, s.u.s, s.len, 0, md);
    pcre2_match_data_free(md);
    re_release(e);
    if (rc < 0) return RG_BI_ERROR;
    *out = rg_bool(rc > 0);
    return RG_BI_OK;
}

int rg_regex_filter(rg_bi_ctx *ctx, rg_value pattern, rg_value items, rg_value *out) {
    if (pattern.kind != RG_STRING) return rg_bi_type_error(ctx, 2, "string", pattern);
    if (items.kind != RG_SET && items.kind != RG_ARRAY) return rg_bi_type_error(ctx, 1, "set or array", items);
    re_entry *e = get_pattern(ctx, pattern);
    if (!e) return RG_BI_ERROR;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(e->code, NULL);
    if (!md) rg_oom();
    rg_vec hits = RG_VEC_INIT;
    int rc = 0;
    for (size_t i = 0; i < items.len && rc >= 0; i++) {
        rg_value s = items.u.items[i];
        if (s.kind != RG_STRING) continue;
        rc = re_exec(ctx, e, s.u.s, s.len, 0, md);
        if (rc > 0) rg_vec_push(&hits, s);
    }
    pcre2_match_data_free(md);
    re_release(e);
    if (rc >= 0) *out = rg_vec_to_set(rg_bi_arena(ctx), &hits);
    rg_vec_fini(&hits);
    return rc < 0 ? RG_BI_ERROR : RG_BI_OK;
}

static int bi_regex_match(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_strings(ctx, args, 2)) return RG_BI_ERROR;
    return match_pattern(ctx, args[0], args[1], out);
}

static int bi_regex_is_valid(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    bool ok = false;
    if (args[0].kind == RG_STRING) { /* OPA: false, not a type error, for others */
        rg_buf err = RG_BUF_INIT;
        re_entry *e = re_get(args[0].u.s, args[0].len, &err);
        rg_buf_fini(&err);
        if (e) ok = true, re_release(e);
    }
    *out = rg_bool(ok);
    return RG_BI_OK;
}

static int find_all(rg_bi_ctx *ctx, rg_value pat, rg_value s, int64_t limit, bool groups, rg_value *out) {
    re_entry *e = get_pattern(ctx, pat);
    if (!e) return RG_BI_ERROR;
    collect c = {rg_bi_arena(ctx), RG_VEC_INIT, groups};
    int rc = limit == 0 ? 0 : re_all(ctx, e, s.u.s, s.len, limit, collect_match, &c);
    re_release(e);
    if (rc == 0) *out = rg_vec_to_array(c.a, &c.items);
    rg_vec_fini(&c.items);
    return rc ? RG_BI_ERROR : RG_BI_OK;
}

static int bi_regex_find_n(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    int64_t n;
    if (want_strings(ctx, args, 2) || want_int(ctx, args, 2, &n)) return RG_BI_ERROR;
    return find_all(ctx, args[0], args[1], n, false, out);
}

static int bi_regex_find_all_submatch(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    int64_t n;
    if (want_strings(ctx, args, 2) || want_int(ctx, args, 2, &n)) return RG_BI_ERROR;
    return find_all(ctx, args[0], args[1], n, true, out);
}

/* Match boundaries for split and replace. */
typedef struct spans {
    PCRE2_SIZE *ov; /* ncap+1 pairs per match */
    size_t n, cap, width;
} spans;

static void collect_span(void *ud, const char *s, const PCRE2_SIZE *ov, uint32_t count) {
    spans *sp = ud;
    if (sp->n == sp->cap) {
        sp->cap = sp->cap ? 2 * sp->cap : 8;
        sp->ov = rg_xrealloc(sp->ov, sp->cap * sp->width * sizeof *sp->ov);
    }
    memcpy(sp->ov + sp->n * sp->width, ov, sp->width * sizeof *ov);
    sp->n++;
}

static int bi_regex_split(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_strings(ctx, args, 2)) return RG_BI_ERROR;
    rg_arena *a = rg_bi_arena(ctx);
    const char *s = args[1].u.s;
    size_t n = args[1].len;
    if (args[0].len > 0 && n == 0) { /* Go: a non-empty pattern splits "" into [""] */
        re_entry *e = get_pattern(ctx, args[0]);
        if (!e) return RG_BI_ERROR;
        re_release(e);
        rg_value empty = rg_string_static("", 0);
        *out = rg_array(a, &empty, 1);
        return RG_BI_OK;
    }
    re_entry *e = get_pattern(ctx, args[0]);
    if (!e) return RG_BI_ERROR;
    spans sp = {NULL, 0, 0, 2 * (e->ncap + 1)};
    int rc = re_all(ctx, e, s, n, -1, collect_span, &sp);
    re_release(e);
    if (rc == 0) {
        rg_vec parts = RG_VEC_INIT;
        size_t beg = 0, end = 0;
        for (size_t i = 0; i < sp.n; i++) {
            const PCRE2_SIZE *m = sp.ov + i * sp.width;
            end = m[0];
            if (m[1] != 0) rg_vec_push(&parts, rg_string(a, s + beg, end - beg));
            beg = m[1];
        }
        if (end != n) rg_vec_push(&parts, rg_string(a, s + beg, n - beg));
        *out = rg_vec_to_array(a, &parts);
        rg_vec_fini(&parts);
    }
    free(sp.ov);
    return rc ? RG_BI_ERROR : RG_BI_OK;
}

/* Parses a Go template reference after '$' ("name", "{name}", "1"):
 * returns its length (0 when malformed), the name span and the group
 * number (-1 for a name). */
static size_t template_ref(const char *t, size_t n, size_t *name_off, size_t *name_len, long *num) {
    size_t i = 0;
    bool brace = n > 0 && t[0] == '{';
    if (brace) i++;
    size_t start = i;
    while (i < n && (is_alnum(t[i]) || t[i] == '_' || (unsigned char)t[i] >= 0x80)) i++;
    if (i == start) return 0;
    *name_off = start;
    *name_len = i - start;
    if (brace) {
        if (i >= n || t[i] != '}') return 0;
        i++;
    }
    *num = 0;
    for (size_t k = start; k < start + *name_len; k++) {
        if (t[k] < '0' || t[k] > '9' || *num >= 100000000) {
            *num = -1;
            break;
        }
        *num = *num * 10 + (t[k] - '0');
    }
    if (t[start] == '0' && *name_len > 1) *num = -1;
    return i;
}

/* Appends the template with $1, ${1}, $name, ${name} and $$ expanded
 * (Go's Regexp.Expand). */
static void expand(rg_buf *out, const re_entry *e, const char *tpl, size_t tn, const char *s, const PCRE2_SIZE *ov) {
    for (size_t i = 0; i < tn;) {
        const char *dollar = memchr(tpl + i, '$', tn - i);
        if (!dollar) {
            rg_buf_append(out, tpl + i, tn - i);
            return;
        }
        size_t d = (size_t)(dollar - tpl);
        rg_buf_append(out, tpl + i, d - i);
        i = d + 1;
        if (i < tn && tpl[i] == '$') {
            rg_buf_putc(out, '$');
            i++;
            continue;
        }
        size_t off, len;
        long num;
        size_t used = template_ref(tpl + i, tn - i, &off, &len, &num);
        if (!used) {
            rg_buf_putc(out, '$');
            continue;
        }
        if (num < 0) {
            char name[128];
            num = -1;
            if (len < sizeof name) {
                memcpy(name, tpl + i + off, len);
                name[len] = 0;
                int g = pcre2_substring_number_from_name(e->code, (PCRE2_SPTR)name);
                if (g > 0) num = g;
            }
        }
        if (num >= 0 && (uint32_t)num <= e->ncap && ov[2 * num] != PCRE2_UNSET)
            rg_buf_append(out, s + ov[2 * num], ov[2 * num + 1] - ov[2 * num]);
        i += used;
    }
}

/* Go's ReplaceAllString: no replacement for an empty match right after a
 * previous match; the search advances at least one character. */
static int bi_regex_replace(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_strings(ctx, args, 3)) return RG_BI_ERROR;
    const char *s = args[0].u.s, *tpl = args[2].u.s;
    size_t n = args[0].len;
    re_entry *e = get_pattern(ctx, args[1]);
    if (!e) return RG_BI_ERROR;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(e->code, NULL);
    if (!md) rg_oom();
    rg_buf b = RG_BUF_INIT;
    size_t last_end = 0, pos = 0;
    int rc = 0;
    while (pos <= n) {
        rc = re_exec(ctx, e, s, n, pos, md);
        if (rc <= 0) break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        for (uint32_t g = (uint32_t)rc; g <= e->ncap; g++) ov[2 * g] = ov[2 * g + 1] = PCRE2_UNSET;
        rg_buf_append(&b, s + last_end, ov[0] - last_end);
        if (ov[1] > last_end || ov[0] == 0) expand(&b, e, tpl, args[2].len, s, ov);
        last_end = ov[1];
        size_t w = pos < n ? u8width(s, n, pos) : 0;
        if (pos + w > ov[1]) pos += w;
        else if (pos + 1 > ov[1]) pos++;
        else pos = ov[1];
    }
    pcre2_match_data_free(md);
    re_release(e);
    if (rc < 0) {
        rg_buf_fini(&b);
        return RG_BI_ERROR;
    }
    rg_buf_append(&b, s + last_end, n - last_end);
    *out = rg_string(rg_bi_arena(ctx), b.data ? b.data : "", b.len);
    rg_buf_fini(&b);
    return RG_BI_OK;
}

/* Go's regexp.QuoteMeta. */
static void quote_meta(rg_buf *out, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (s[i] && strchr("\\.+*?()|[]{}^$", s[i])) rg_buf_putc(out, '\\');
        rg_buf_putc(out, s[i]);
    }
}

/* Builds the regex of a template: literal text outside the delimiters,
 * regex inside ("^" lit "(" re ")" ... "$").  Each inner regex must also be
 * valid on its own.  Returns 0 or -1 after recording an error. */
static int template_regex(rg_bi_ctx *ctx, const char *tpl, size_t n, char open, char close, rg_buf *re) {
    int level = 0;
    size_t seg = 0, var = 0;
    rg_buf_putc(re, '^');
    for (size_t i = 0; i < n && level >= 0; i++) {
        if (tpl[i] == open) {
            if (++level == 1) var = i;
            continue;
        }
        if (tpl[i] != close || --level != 0) continue;
        quote_meta(re, tpl + seg, var - seg);
        rg_buf one = RG_BUF_INIT;
        rg_buf_putc(&one, '^');
        rg_buf_append(&one, tpl + var + 1, i - var - 1);
        rg_buf_putc(&one, '$');
        re_entry *e = get_pattern(ctx, rg_string_static(one.data, one.len));
        rg_buf_fini(&one);
        if (!e) return -1;
        re_release(e);
        rg_buf_putc(re, '(');
        rg_buf_append(re, tpl + var + 1, i - var - 1);
        rg_buf_putc(re, ')');
        seg = i + 1;
    }
    if (level != 0) {
        rg_buf q = RG_BUF_INIT;
        rg_enc_go_quote(&q, tpl, n);
        rg_bi_error(ctx, "unbalanced braces in %s", rg_buf_cstr(&q));
        rg_buf_fini(&q);
        return -1;
    }
    quote_meta(re, tpl + seg, n - seg);
    rg_buf_putc(re, '$');
    return 0;
}

static int bi_regex_template_match(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_strings(ctx, args, 4)) return RG_BI_ERROR;
    if (args[2].len != 1)
        return rg_bi_error(ctx, "start delimiter has to be exactly one character long but is %u long", (unsigned)args[2].len);
    /* OPA reports the start delimiter's length here too. */
    if (args[3].len != 1)
        return rg_bi_error(ctx, "end delimiter has to be exactly one character long but is %u long", (unsigned)args[2].len);
    rg_buf re = RG_BUF_INIT;
    int rc = RG_BI_ERROR;
    if (!template_regex(ctx, args[0].u.s, args[0].len, args[2].u.s[0], args[3].u.s[0], &re))
        rc = match_pattern(ctx, rg_string_static(rg_buf_cstr(&re), re.len), args[1], out);
    rg_buf_fini(&re);
    return rc;
}

static int bi_regex_globs_match(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (want_strings(ctx, args, 2)) return RG_BI_ERROR;
    rg_buf err = RG_BUF_INIT;
    int m = rg_globs_intersect(args[0].u.s, args[0].len, args[1].u.s, args[1].len, &err);
    int rc = RG_BI_OK;
    if (m < 0) rc = rg_bi_error(ctx, "%s", rg_buf_cstr(&err));
    else *out = rg_bool(m == 1);
    rg_buf_fini(&err);
    return rc;
}

#define S RG_T_STR
const rg_builtin_def rg_builtins_regex[] = {
    {"regex.match", bi_regex_match, 2, RG_ARGS(S, S), RG_T_BOOL, 0},
    {"re_match", bi_regex_match, 2, RG_ARGS(S, S), RG_T_BOOL, RG_BI_DEPRECATED},
    {"regex.is_valid", bi_regex_is_valid, 1, RG_ARGS(S), RG_T_BOOL, 0},
    {"regex.split", bi_regex_split, 2, RG_ARGS(S, S), RG_T_ARR, 0},
    {"regex.find_n", bi_regex_find_n, 3, RG_ARGS(S, S, RG_T_NUM), RG_T_ARR, 0},
    {"regex.find_all_string_submatch_n", bi_regex_find_all_submatch, 3, RG_ARGS(S, S, RG_T_NUM), RG_T_ARR, 0},
    {"regex.replace", bi_regex_replace, 3, RG_ARGS(S, S, S), S, 0},
    {"regex.template_match", bi_regex_template_match, 4, RG_ARGS(S, S, S, S), RG_T_BOOL, 0},
    {"regex.globs_match", bi_regex_globs_match, 2, RG_ARGS(S, S), RG_T_BOOL, 0},
    {0},
};
