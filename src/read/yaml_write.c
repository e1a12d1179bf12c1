/* YAML writer for yaml.marshal: block style, sorted keys.
 *
 * The layout follows what OPA prints (go-yaml v2): two-space indentation,
 * sequences under a mapping key not indented further, multi-line strings as
 * literal blocks, and quoting only where a plain scalar would read back as
 * something else: double quotes for text that looks like another type or
 * needs escapes, single quotes for text that merely contains indicators.
 * Object keys that are not strings are written as their JSON text, as OPA
 * converts values to JSON first.  Output reads back (rg_yaml_parse) as an
 * equal value for values with string keys. */
#include <stdlib.h>
#include <string.h>

#include "read/read.h"

/* Implicit keys may not exceed 1024 characters; longer ones use "? key". */
#define MAX_IMPLICIT_KEY 1000

static void spaces(rg_buf *out, int n) {
    for (int i = 0; i < n; i++) rg_buf_putc(out, ' ');
}

/* ---- classifying strings ---- */

static bool word_in(const char *s, size_t n, const char *const *words) {
    for (; *words; words++)
        if (strlen(*words) == n && !memcmp(s, *words, n)) return true;
    return false;
}

/* Words that some YAML reader (1.2 core schema, or 1.1 as in go-yaml v2)
 * would take for null, a boolean or a special float (or a merge key). */
static const char *const typed_words[] = {
    "~",    "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "y",    "Y",    "yes",
    "Yes",  "YES",  "n",    "N",    "no",   "No",   "NO",   "on",    "On",    "ON",    "off",  "Off",  "OFF",
    ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN", "<<", NULL};

/* Text starting like a number and made only of characters numbers of any
 * YAML version use (digits, signs, '.', '_', ':', exponent, radix letters,
 * hex digits): quoting these errs on the safe side (dates included). */
static bool looks_numeric(const char *s, size_t n) {
    size_t i = (n && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    if (i >= n) return false;
    bool digit_start = s[i] >= '0' && s[i] <= '9';
    bool dot_digit = s[i] == '.' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9';
    if (!digit_start && !dot_digit) return false;
    for (; i < n; i++)
        if (!strchr("0123456789_.:-+eExXoObBabcdefABCDEF", s[i]) || !s[i]) return false;
    return true;
}

static bool reads_as_other_type(const char *s, size_t n) {
    return n == 0 || word_in(s, n, typed_words) || looks_numeric(s, n);
}

/* Decodes the character at p: returns its length and sets *cp (-1 for a
 * byte that is not valid UTF-8) and *special when it needs a double-quoted
 * escape: controls (line feeds aside, literal blocks keep them), DEL, C1
 * controls, Unicode line/paragraph separators, BOM, non-characters. */
static size_t decode_char(const unsigned char *p, const unsigned char *end, long *cp, bool *special) {
    unsigned char c = *p;
    if (c < 0x80) {
        *cp = c;
        *special = (c < 0x20 && c != '\n') || c == 0x7f;
        return 1;
    }
    size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    bool ok = n && (size_t)(end - p) >= n;
    for (size_t i = 1; ok && i < n; i++) ok = (p[i] & 0xC0) == 0x80;
    unsigned v = 0;
    if (ok) {
        v = n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
        for (size_t i = 1; i < n; i++) v = v << 6 | (p[i] & 0x3Fu);
        ok = !(n == 3 && v < 0x800) && !(n == 4 && (v < 0x10000 || v > 0x10FFFF)) && !(v >= 0xD800 && v <= 0xDFFF);
    }
    if (!ok) {
        *cp = -1;
        *special = true;
        return 1;
    }
    *cp = (long)v;
    *special = v <= 0x9F || v == 0x2028 || v == 0x2029 || v == 0xFEFF || v == 0xFFFE || v == 0xFFFF;
    return n;
}

static bool has_special(const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        bool sp;
        long cp;
        p += decode_char(p, end, &cp, &sp);
        if (sp) return true;
    }
    return false;
}

/* Whether s can be written as a plain scalar in block context (given it has
 * no special characters, no line breaks and does not read as another type). */
static bool plain_ok(const char *s, size_t n) {
    if (s[0] == ' ' || s[n - 1] == ' ' || s[n - 1] == ':') return false;
    if (strchr("?:,[]{}#&*!|>'\"%@`", s[0])) return false;
    if (s[0] == '-' && (n == 1 || s[1] == ' ' || (n >= 3 && !memcmp(s, "---", 3)))) return false;
    if (n >= 3 && !memcmp(s, "...", 3)) return false;
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] == ':' && s[i + 1] == ' ') return false;
        if (s[i] == ' ' && s[i + 1] == '#') return false;
    }
    return true;
}

/* ---- writing scalars ---- */

/* Double-quoted with escapes; bytes that are not UTF-8 become \xNN (which
 * reads back as U+00NN: such text has no exact YAML form). */
static void write_double_quoted(rg_buf *out, const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    rg_buf_putc(out, '"');
    while (p < end) {
        bool sp;
        long cp;
        size_t len = decode_char(p, end, &cp, &sp);
        if (cp == '"' || cp == '\\') rg_buf_putc(out, '\\'), rg_buf_putc(out, (char)cp);
        else if (cp == '\n') rg_buf_puts(out, "\\n");
        else if (cp == '\t') rg_buf_puts(out, "\\t");
        else if (cp == '\r') rg_buf_puts(out, "\\r");
        else if (!sp) rg_buf_append(out, (const char *)p, len);
        else if (cp < 0) rg_buf_printf(out, "\\x%02X", *p);
        else if (cp <= 0xFF) rg_buf_printf(out, "\\x%02X", (unsigned)cp);
        else rg_buf_printf(out, "\\u%04X", (unsigned)cp);
        p += len;
    }
    rg_buf_putc(out, '"');
}

static void write_single_quoted(rg_buf *out, const char *s, size_t n) {
    rg_buf_putc(out, '\'');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'') rg_buf_putc(out, '\'');
        rg_buf_putc(out, s[i]);
    }
    rg_buf_putc(out, '\'');
}

/* Literal blocks are used for multi-line text without special characters,
 * trailing spaces on a line, or a leading space on the first non-empty line
 * (which would need an indentation indicator). */
static bool literal_ok(const char *s, size_t n) {
    /* The first non-empty line sets the block's indentation. */
    size_t first = 0;
    while (first < n && s[first] == '\n') first++;
    if (!memchr(s, '\n', n) || (first < n && s[first] == ' ') || has_special(s, n)) return false;
    bool content = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n' && i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t')) return false;
        if (s[i] != '\n') content = true;
    }
    return content && s[n - 1] != ' ' && s[n - 1] != '\t';
}

static void write_literal(rg_buf *out, const char *s, size_t n, int indent) {
    size_t trailing = 0;
    while (trailing < n && s[n - 1 - trailing] == '\n') trailing++;
    rg_buf_puts(out, trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+");
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t end = nl ? (size_t)(nl - s) : n;
        rg_buf_putc(out, '\n');
        if (end > i) {
            spaces(out, indent);
            rg_buf_append(out, s + i, end - i);
        }
        i = nl ? end + 1 : n;
    }
    /* The final line break belongs to the block's last line, written by the caller. */
}

/* Writes a string scalar; `as_key` forbids literal blocks. */
static void write_string(rg_buf *out, const char *s, size_t n, int indent, bool as_key) {
    bool special = has_special(s, n);
    if (reads_as_other_type(s, n) || (special && !memchr(s, '\n', n))) {
        write_double_quoted(out, s, n);
    } else if (memchr(s, '\n', n)) {
        if (!as_key && literal_ok(s, n)) write_literal(out, s, n, indent);
        else write_double_quoted(out, s, n);
    } else if (plain_ok(s, n)) {
        rg_buf_append(out, s, n);
    } else {
        write_single_quoted(out, s, n);
    }
}

static void write_scalar(rg_buf *out, rg_value v, int indent) {
    switch ((rg_kind)v.kind) {
    case RG_BOOL: rg_buf_puts(out, v.u.b ? "true" : "false"); break;
    case RG_NUMBER: rg_num_write(out, v); break;
    case RG_STRING: write_string(out, v.u.s, v.len, indent, false); break;
    case RG_ARRAY:
    case RG_SET: rg_buf_puts(out, "[]"); break;
    case RG_OBJECT: rg_buf_puts(out, "{}"); break;
    default: rg_buf_puts(out, "null"); break;
    }
}

/* ---- collections ---- */

static bool is_block(rg_value v) {
    return (v.kind == RG_ARRAY || v.kind == RG_SET || v.kind == RG_OBJECT) && v.len > 0;
}

static void write_block(rg_buf *out, rg_value v, int indent);

/* Writes a value after "key:" or "- " (cursor right after the indicator). */
static void write_after_indicator(rg_buf *out, rg_value v, int indent, bool after_dash) {
    if (!is_block(v)) {
        rg_buf_putc(out, ' ');
        write_scalar(out, v, indent + 2);
        rg_buf_putc(out, '\n');
    } else if (after_dash) {
        rg_buf_putc(out, ' ');
        write_block(out, v, indent + 2);
    } else {
        /* Sequences under a key stay at the key's indentation. */
        int child = v.kind == RG_OBJECT ? indent + 2 : indent;
        rg_buf_putc(out, '\n');
        spaces(out, child);
        write_block(out, v, child);
    }
}

typedef struct kv {
    rg_value k, v;
} kv;

static int cmp_kv(const void *x, const void *y) {
    const kv *a = x, *b = y;
    size_t n = a->k.len < b->k.len ? a->k.len : b->k.len;
    int c = memcmp(a->k.u.s, b->k.u.s, n);
    if (c) return c;
    return a->k.len < b->k.len ? -1 : a->k.len > b->k.len;
}

/* Pairs with string keys in byte order (non-string keys as JSON text);
 * returns a malloc'd array of v.len pairs. */
static kv *string_keyed_pairs(rg_value obj, rg_buf *keytext) {
    kv *pairs = rg_xmalloc(obj.len * sizeof *pairs);
    size_t *offs = rg_xmalloc(obj.len * sizeof *offs);
    bool converted = false;
    for (size_t i = 0; i < obj.len; i++) {
        pairs[i] = (kv){rg_obj_key(obj, i), rg_obj_val(obj, i)};
        offs[i] = SIZE_MAX;
        if (pairs[i].k.kind != RG_STRING) {
            offs[i] = keytext->len;
            rg_json_write(keytext, pairs[i].k, 0);
            pairs[i].k.len = (uint32_t)(keytext->len - offs[i]);
            converted = true;
        }
    }
    /* Pointers into keytext only once it has stopped growing. */
    for (size_t i = 0; i < obj.len; i++)
        if (offs[i] != SIZE_MAX) pairs[i].k = rg_string_static(keytext->data + offs[i], pairs[i].k.len);
    free(offs);
    if (converted) qsort(pairs, obj.len, sizeof *pairs, cmp_kv);
    return pairs;
}

static void write_key(rg_buf *out, rg_value k, int indent) {
    rg_buf kb = RG_BUF_INIT;
    write_string(&kb, k.u.s, k.len, indent, true);
    if (kb.len > MAX_IMPLICIT_KEY) {
        rg_buf_puts(out, "? ");
        rg_buf_append(out, kb.data, kb.len);
        rg_buf_putc(out, '\n');
        spaces(out, indent);
    } else {
        rg_buf_append(out, kb.data, kb.len);
    }
    rg_buf_putc(out, ':');
    rg_buf_fini(&kb);
}

static void write_mapping(rg_buf *out, rg_value v, int indent) {
    rg_buf keytext = RG_BUF_INIT;
    kv *pairs = string_keyed_pairs(v, &keytext);
    for (size_t i = 0; i < v.len; i++) {
        if (i) spaces(out, indent);
        write_key(out, pairs[i].k, indent);
        write_after_indicator(out, pairs[i].v, indent, false);
    }
    free(pairs);
    rg_buf_fini(&keytext);
}

/* Writes a non-empty collection whose first line starts at the cursor,
 * which is at column `indent`. */
static void write_block(rg_buf *out, rg_value v, int indent) {
    if (v.kind == RG_OBJECT) {
        write_mapping(out, v, indent);
        return;
    }
    for (size_t i = 0; i < v.len; i++) {
        if (i) spaces(out, indent);
        rg_buf_putc(out, '-');
        write_after_indicator(out, v.u.items[i], indent, true);
    }
}

void rg_yaml_write(rg_buf *out, rg_value v) {
    if (is_block(v)) {
        write_block(out, v, 0);
    } else {
        write_scalar(out, v, 2);
        rg_buf_putc(out, '\n');
    }
}
