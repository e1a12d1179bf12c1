/* YAML reader on libyaml's event API, with source positions.
 *
 * Events drive an explicit stack (as in json.c): containers are frames,
 * finished nodes wait on a value stack until their parent closes.  Plain
 * scalars follow the YAML 1.2 core schema; mapping keys that are scalars
 * become strings, as they do when YAML is converted to JSON (OPA's
 * yaml.unmarshal, CloudFormation).  Aliases share the anchored value (values
 * are immutable), and the size they would expand to is capped so a
 * "billion laughs" document fails fast.  libyaml marks count characters;
 * columns here count bytes, so marks are converted through a cursor that
 * walks the UTF-8 source. */
#include <gmp.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "read/read_internal.h"

/* Total nodes that aliases may expand to in one document. */
#define YAML_MAX_EXPANSION 10000000ull

typedef struct yframe {
    size_t start; /* first element on the value stack */
    rg_pos pos;
    bool is_map;
    char *anchor;    /* malloc'd, or NULL */
    const char *cfn; /* long-form key of a CloudFormation short-form tag, or NULL */
} yframe;

typedef struct anchor {
    char *name; /* NULL marks an empty entry */
    rg_value v;
    uint64_t nodes;
} anchor;

typedef struct yp {
    yaml_parser_t parser;
    const char *src;
    size_t len;
    rg_arena *a;
    rg_srcmap *map;
    int flags;
    const char *file;
    rg_diags *diags;
    rg_value *vals;
    rg_pos *poss;
    uint64_t *nodes; /* node count of each stacked value (alias expansion) */
    size_t n, cap;
    yframe frames[RG_READ_MAX_DEPTH];
    int depth;
    anchor *anchors;
    size_t nanchors, anchors_cap;
    uint64_t expanded;
    size_t cur_chr, cur_byte; /* mark conversion cursor */
    size_t ls_chr, ls_byte;   /* start of the line of the last mark */
    bool ls_valid;
    bool done;
} yp;

/* ---- positions and errors ---- */

/* Byte offset of character index chr, moving the cursor there. */
static size_t byte_of(yp *y, size_t chr) {
    const unsigned char *s = (const unsigned char *)y->src;
    while (y->cur_chr < chr && y->cur_byte < y->len) {
        unsigned char c = s[y->cur_byte];
        y->cur_byte += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        y->cur_chr++;
    }
    while (y->cur_chr > chr && y->cur_byte > 0) {
        y->cur_byte--;
        while (y->cur_byte > 0 && (s[y->cur_byte] & 0xC0) == 0x80) y->cur_byte--;
        y->cur_chr--;
    }
    if (y->cur_byte > y->len) y->cur_byte = y->len;
    return y->cur_byte;
}

static rg_pos offset_pos(const yp *y, size_t off);

static rg_pos mark_pos(yp *y, yaml_mark_t m) {
    /* Cache the current line's start so that long lines (a one-line JSON
     * document read as YAML) cost no more than a forward walk. */
    size_t ls_chr = m.index - m.column;
    if (ls_chr != y->ls_chr || !y->ls_valid) {
        y->ls_byte = byte_of(y, ls_chr);
        y->ls_chr = ls_chr;
        y->ls_valid = true;
    }
    size_t line_start = y->ls_byte;
    size_t at = byte_of(y, m.index);
    /* libyaml puts the end of the stream on a line of its own; report the
     * end of the last line instead. */
    if (at >= y->len) return offset_pos(y, y->len);
    return (rg_pos){(uint32_t)m.line + 1, (uint32_t)(at - line_start) + 1};
}

/* Line and column of a byte offset (for reader errors, which carry only an
 * offset). */
static rg_pos offset_pos(const yp *y, size_t off) {
    rg_pos p = {1, 1};
    size_t line_start = 0;
    if (off > y->len) off = y->len;
    for (size_t i = 0; i < off; i++) {
        char c = y->src[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= y->len || y->src[i + 1] != '\n'))) p.line++, line_start = i + 1;
    }
    p.col = (uint32_t)(off - line_start) + 1;
    return p;
}

static int fail_at(yp *y, rg_pos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail_at(yp *y, rg_pos pos, const char *fmt, ...) {
    rg_buf b = RG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    rg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    rg_diags_add(y->diags, "yaml_parse_error", y->file, (int)pos.line, (int)pos.col, "%s", rg_buf_cstr(&b));
    rg_buf_fini(&b);
    return -1;
}

/* Offset of the first invalid UTF-8 sequence (RFC 3629), or SIZE_MAX. */
static size_t invalid_utf8_offset(const char *src, size_t len) {
    const unsigned char *s = (const unsigned char *)src;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (!n || len - i < n) return i;
        unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
        unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
        if (s[i + 1] < lo || s[i + 1] > hi) return i;
        for (size_t k = 2; k < n; k++)
            if ((s[i + k] & 0xC0) != 0x80) return i;
        i += n;
    }
    return SIZE_MAX;
}

static int fail_libyaml(yp *y) {
    yaml_parser_t *p = &y->parser;
    const char *problem = p->problem ? p->problem : "unknown error";
    if (p->error == YAML_MEMORY_ERROR) return fail_at(y, (rg_pos){0, 0}, "out of memory");
    if (p->error == YAML_READER_ERROR) {
        /* libyaml points past the bad sequence; name its first byte instead. */
        size_t bad = invalid_utf8_offset(y->src, y->len);
        if (bad != SIZE_MAX)
            return fail_at(y, offset_pos(y, bad), "invalid UTF-8 (byte 0x%02X)", (unsigned char)y->src[bad]);
        return fail_at(y, offset_pos(y, p->problem_offset), "invalid input: %s", problem);
    }
    rg_pos pos = mark_pos(y, p->problem_mark);
    size_t at = byte_of(y, p->problem_mark.index);
    const char *hint = at < y->len && y->src[at] == '\t' ? " (tab characters cannot indent YAML; use spaces)" : "";
    if (p->context) {
        rg_pos cpos = mark_pos(y, p->context_mark);
        if (cpos.line == pos.line && cpos.col == pos.col)
            return fail_at(y, pos, "%s%s (%s)", problem, hint, p->context);
        return fail_at(y, pos, "%s%s (%s at line %u, column %u)", problem, hint, p->context, cpos.line, cpos.col);
    }
    return fail_at(y, pos, "%s%s", problem, hint);
}

/* ---- value stack ---- */

static void push(yp *y, rg_value v, rg_pos pos, uint64_t nodes) {
    if (y->n == y->cap) {
        y->cap *= 2;
        y->vals = rg_xrealloc(y->vals, y->cap * sizeof *y->vals);
        y->poss = rg_xrealloc(y->poss, y->cap * sizeof *y->poss);
        y->nodes = rg_xrealloc(y->nodes, y->cap * sizeof *y->nodes);
    }
    y->vals[y->n] = v;
    y->poss[y->n] = pos;
    y->nodes[y->n] = nodes;
    y->n++;
}

/* True when the next value pushed is a mapping key. */
static bool at_key(const yp *y) {
    if (y->depth == 0) return false;
    const yframe *f = &y->frames[y->depth - 1];
    return f->is_map && (y->n - f->start) % 2 == 0;
}

/* Scalar keys become strings, as in YAML-to-JSON conversion: `80:` is "80". */
static rg_value key_string(yp *y, rg_value k) {
    switch ((rg_kind)k.kind) {
    case RG_NULL: return rg_string_static("null", 4);
    case RG_BOOL: return k.u.b ? rg_string_static("true", 4) : rg_string_static("false", 5);
    case RG_NUMBER: {
        rg_buf b = RG_BUF_INIT;
        rg_num_write(&b, k);
        rg_value s = rg_string(y->a, rg_buf_cstr(&b), b.len);
        rg_buf_fini(&b);
        return s;
    }
    default: return k;
    }
}

/* ---- anchors: open addressing on the name ---- */

static uint64_t name_hash(const char *s) {
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static anchor *anchor_slot(anchor *tab, size_t cap, const char *name) {
    size_t mask = cap - 1;
    for (size_t i = (size_t)name_hash(name) & mask;; i = (i + 1) & mask)
        if (!tab[i].name || !strcmp(tab[i].name, name)) return &tab[i];
}

static void anchor_put(yp *y, char *name, rg_value v, uint64_t nodes) {
    if (2 * (y->nanchors + 1) > y->anchors_cap) {
        size_t cap = y->anchors_cap ? 2 * y->anchors_cap : 16;
        anchor *tab = rg_xcalloc(cap, sizeof *tab);
        for (size_t i = 0; i < y->anchors_cap; i++)
            if (y->anchors[i].name) *anchor_slot(tab, cap, y->anchors[i].name) = y->anchors[i];
        free(y->anchors);
        y->anchors = tab;
        y->anchors_cap = cap;
    }
    anchor *e = anchor_slot(y->anchors, y->anchors_cap, name);
    if (e->name) free(e->name); /* redefinition: the later one wins */
    else y->nanchors++;
    *e = (anchor){name, v, nodes};
}

static const anchor *anchor_get(const yp *y, const char *name) {
    if (!y->anchors_cap) return NULL;
    const anchor *e = anchor_slot(y->anchors, y->anchors_cap, name);
    return e->name ? e : NULL;
}

/* ---- scalars ---- */

static bool is_one_of(const char *s, size_t n, const char *const *words) {
    for (; *words; words++)
        if (strlen(*words) == n && !memcmp(s, *words, n)) return true;
    return false;
}

static bool all_in(const char *s, size_t n, const char *set) {
    if (!n) return false;
    for (size_t i = 0; i < n; i++)
        if (!strchr(set, s[i]) || !s[i]) return false;
    return true;
}

/* 0x / 0o integers of any size, through GMP. */
static rg_value radix_int(rg_arena *a, const char *digits, size_t n, int base) {
    char *tmp = rg_xmalloc(n + 1);
    memcpy(tmp, digits, n);
    tmp[n] = 0;
    mpz_t z;
    rg_value out = rg_undefined();
    if (mpz_init_set_str(z, tmp, base) == 0) {
        char *dec = mpz_get_str(NULL, 10, z);
        out = rg_bigint_from_text(a, dec, strlen(dec));
        void (*freefn)(void *, size_t);
        mp_get_memory_functions(NULL, NULL, &freefn);
        freefn(dec, strlen(dec) + 1);
    }
    mpz_clear(z);
    free(tmp);
    return out;
}

/* Core-schema float syntax: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
 * Rewritten as a JSON number ("+.5" -> "0.5", "1." -> "1") for rg_number_parse. */
static rg_value core_float(rg_arena *a, const char *s, size_t n) {
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
    size_t ib = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    size_t ie = i, fb = i, fe = i;
    if (i < n && s[i] == '.') {
        fb = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        fe = i;
    }
    if (ie == ib && fe == fb) return rg_undefined(); /* no digits at all */
    size_t eb = i;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '-' || s[i] == '+')) i++;
        size_t d = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        if (i == d) return rg_undefined();
    }
    if (i != n) return rg_undefined();
    rg_buf b = RG_BUF_INIT;
    if (neg) rg_buf_putc(&b, '-');
    if (ie > ib) rg_buf_append(&b, s + ib, ie - ib);
    else rg_buf_putc(&b, '0');
    if (fe > fb) rg_buf_putc(&b, '.'), rg_buf_append(&b, s + fb, fe - fb);
    rg_buf_append(&b, s + eb, n - eb);
    rg_value v = rg_number_parse(a, b.data, b.len);
    rg_buf_fini(&b);
    /* Rego has no infinities: "1e999" stays text, like ".inf". */
    if (v.kind == RG_NUMBER && v.sub == RG_NUM_FLOAT && !isfinite(v.u.d)) return rg_undefined();
    return v;
}

static rg_value core_int(rg_arena *a, const char *s, size_t n) {
    if (n > 2 && s[0] == '0' && s[1] == 'x' && all_in(s + 2, n - 2, "0123456789abcdefABCDEF"))
        return radix_int(a, s + 2, n - 2, 16);
    if (n > 2 && s[0] == '0' && s[1] == 'o' && all_in(s + 2, n - 2, "01234567")) return radix_int(a, s + 2, n - 2, 8);
    size_t i = (n && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    if (!all_in(s + i, n - i, "0123456789")) return rg_undefined();
    return rg_bigint_from_text(a, s, n);
}

static const char *const null_words[] = {"~", "null", "Null", "NULL", NULL};
static const char *const true_words[] = {"true", "True", "TRUE", NULL};
static const char *const false_words[] = {"false", "False", "FALSE", NULL};

/* Resolves a plain scalar under the core schema; RG_UNDEFINED means string. */
static rg_value resolve_plain(rg_arena *a, const char *s, size_t n) {
    if (n == 0 || is_one_of(s, n, null_words)) return rg_null();
    char c = s[0];
    if (c == 't' || c == 'T') return is_one_of(s, n, true_words) ? rg_bool(true) : rg_undefined();
    if (c == 'f' || c == 'F') return is_one_of(s, n, false_words) ? rg_bool(false) : rg_undefined();
    if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.')) return rg_undefined();
    /* A leading zero ("0123", account IDs, file modes) is octal in YAML 1.1
     * and decimal in 1.2: keep such text as written. */
    size_t d = (c == '-' || c == '+') ? 1 : 0;
    if (n > d + 1 && s[d] == '0' && s[d + 1] >= '0' && s[d + 1] <= '9') return rg_undefined();
    rg_value v = core_int(a, s, n);
    if (v.kind == RG_UNDEFINED) v = core_float(a, s, n);
    return v;
}

#define TAG_PREFIX "tag:yaml.org,2002:"

/* Value of a scalar with an explicit standard tag (!!str, !!int, ...).
 * Returns -1 with *msg when the text does not fit the tag. */
static int resolve_tagged(rg_arena *a, const char *tag, const char *s, size_t n, rg_value *out, const char **msg) {
    rg_value v = rg_undefined();
    if (!strcmp(tag, "int")) {
        v = core_int(a, s, n);
        *msg = "invalid !!int value";
    } else if (!strcmp(tag, "float")) {
        v = core_int(a, s, n);
        if (v.kind == RG_UNDEFINED) v = core_float(a, s, n);
        *msg = "invalid !!float value";
    } else if (!strcmp(tag, "bool")) {
        if (is_one_of(s, n, true_words)) v = rg_bool(true);
        else if (is_one_of(s, n, false_words)) v = rg_bool(false);
        *msg = "invalid !!bool value";
    } else if (!strcmp(tag, "null")) {
        v = rg_null();
    } else {
        v = rg_string(a, s, n); /* !!str, !!binary, !!timestamp, ... keep the text */
    }
    if (v.kind == RG_UNDEFINED) return -1;
    *out = v;
    return 0;
}

/* ---- CloudFormation short-form tags ---- */

/* Long-form keys of the short-form "!Name" intrinsics ("Fn::" dropped for the
 * tag name).  Rules-section functions and language extensions included. */
static const char *const cfn_fn_keys[] = {
    "Fn::And",         "Fn::Base64",       "Fn::Cidr",         "Fn::Equals",       "Fn::FindInMap",
    "Fn::GetAtt",      "Fn::GetAZs",       "Fn::If",           "Fn::ImportValue",  "Fn::Join",
    "Fn::Length",      "Fn::Not",          "Fn::Or",           "Fn::Select",       "Fn::Split",
    "Fn::Sub",         "Fn::ToJsonString", "Fn::Transform",    "Fn::Contains",     "Fn::EachMemberEquals",
    "Fn::EachMemberIn", "Fn::RefAll",      "Fn::ValueOf",      "Fn::ValueOfAll",   NULL};

/* Long-form key for a short-form tag ("!Ref" -> "Ref", "!Sub" -> "Fn::Sub"),
 * or NULL when the tag is not a CloudFormation intrinsic. */
static const char *cfn_key(const char *tag) {
    if (!tag || tag[0] != '!') return NULL;
    tag++;
    if (!strcmp(tag, "Ref")) return "Ref";
    if (!strcmp(tag, "Condition")) return "Condition";
    for (size_t i = 0; cfn_fn_keys[i]; i++)
        if (!strcmp(tag, cfn_fn_keys[i] + 4)) return cfn_fn_keys[i];
    return NULL;
}

/* Closest known intrinsic name, to suggest for typos like !GetAttr. */
static const char *cfn_suggest(const char *tag) {
    size_t tl = strlen(tag);
    const char *best = NULL;
    for (size_t i = 0; cfn_fn_keys[i]; i++) {
        const char *name = cfn_fn_keys[i] + 4;
        size_t nl = strlen(name);
        size_t common = 0;
        while (common < nl && common < tl && tag[common] == name[common]) common++;
        if (common >= 3 && common + 2 >= (tl > nl ? tl : nl)) best = name;
    }
    return best;
}

/* {"Fn::X": inner}, with every slot at the tag's position. */
static rg_value cfn_wrap(yp *y, const char *key, rg_value inner, rg_pos pos) {
    rg_value *items = rg_arena_alloc(y->a, 2 * sizeof *items);
    items[0] = rg_string_static(key, strlen(key)); /* static storage: cfn_key's table or literals */
    items[1] = inner;
    if (y->map) {
        rg_srcmap_put(y->map, &items[0], pos);
        rg_srcmap_put(y->map, &items[1], pos);
    }
    return (rg_value){.kind = RG_OBJECT, .len = 1, .u.items = items};
}

/* !GetAtt A.B.C -> ["A", "B.C"]: the logical ID never contains a dot. */
static rg_value getatt_split(yp *y, rg_value s, rg_pos pos) {
    const char *dot = memchr(s.u.s, '.', s.len);
    size_t n = dot ? 2 : 1;
    rg_value *items = rg_arena_alloc(y->a, n * sizeof *items);
    items[0] = dot ? rg_string(y->a, s.u.s, (size_t)(dot - s.u.s)) : s;
    if (dot) items[1] = rg_string(y->a, dot + 1, s.len - (size_t)(dot - s.u.s) - 1);
    for (size_t i = 0; y->map && i < n; i++) rg_srcmap_put(y->map, &items[i], pos);
    return rg_array_take(items, n);
}

/* Checks a node's tag in CloudFormation mode: sets *key for an intrinsic;
 * returns -1 for an unknown local tag (a typo CloudFormation would reject). */
static int cfn_check_tag(yp *y, const char *tag, rg_pos pos, const char **key) {
    *key = NULL;
    if (!(y->flags & RG_READ_CFN_TAGS) || !tag || tag[0] != '!' || !tag[1]) return 0;
    *key = cfn_key(tag);
    if (*key) return 0;
    const char *sugg = cfn_suggest(tag + 1);
    if (sugg) return fail_at(y, pos, "unknown tag %s (did you mean !%s?)", tag, sugg);
    return fail_at(y, pos, "unknown tag %s", tag);
}

/* ---- event handlers ---- */

/* Pushes a finished node: registers its anchor, wraps short-form tags,
 * stringifies keys. */
static void finish_node(yp *y, rg_value v, rg_pos pos, uint64_t nodes, char *anchor_name, const char *cfn) {
    if (cfn) {
        if (!strcmp(cfn, "Fn::GetAtt") && v.kind == RG_STRING) v = getatt_split(y, v, pos);
        v = cfn_wrap(y, cfn, v, pos);
        nodes += 2;
    }
    if (anchor_name) anchor_put(y, anchor_name, v, nodes);
    if (at_key(y) && !(y->flags & RG_READ_TYPED_KEYS)) v = key_string(y, v);
    push(y, v, pos, nodes);
}

static int on_scalar(yp *y, const yaml_event_t *e) {
    rg_pos pos = mark_pos(y, e->start_mark);
    const char *s = (const char *)e->data.scalar.value, *tag = (const char *)e->data.scalar.tag;
    size_t n = e->data.scalar.length;
    const char *cfn;
    if (cfn_check_tag(y, tag, pos, &cfn)) return -1;
    rg_value v = rg_undefined();
    if (tag && !strncmp(tag, TAG_PREFIX, strlen(TAG_PREFIX))) {
        const char *msg = NULL;
        if (resolve_tagged(y->a, tag + strlen(TAG_PREFIX), s, n, &v, &msg)) return fail_at(y, pos, "%s", msg);
    } else if (e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !cfn && !(tag && !strcmp(tag, "!"))) {
        /* Short-form intrinsics take their argument as text (!GetAZs '' and
         * !GetAZs both mean ""), as CloudFormation does. */
        v = resolve_plain(y->a, s, n);
    }
    if (v.kind == RG_UNDEFINED) v = rg_string(y->a, s, n);
    char *anchor_name = e->data.scalar.anchor ? rg_xstrdup((const char *)e->data.scalar.anchor) : NULL;
    finish_node(y, v, pos, 1, anchor_name, cfn);
    return 0;
}

static int on_alias(yp *y, const yaml_event_t *e) {
    rg_pos pos = mark_pos(y, e->start_mark);
    const char *name = (const char *)e->data.alias.anchor;
    const anchor *an = anchor_get(y, name);
    if (!an) return fail_at(y, pos, "undefined alias *%s", name);
    y->expanded += an->nodes;
    if (y->expanded > YAML_MAX_EXPANSION)
        return fail_at(y, pos, "YAML alias expansion exceeds limit (%llu nodes)", (unsigned long long)YAML_MAX_EXPANSION);
    rg_value v = an->v;
    if (at_key(y) && !(y->flags & RG_READ_TYPED_KEYS)) v = key_string(y, v);
    push(y, v, pos, an->nodes);
    return 0;
}

static int on_start(yp *y, const yaml_event_t *e, bool is_map) {
    rg_pos pos = mark_pos(y, e->start_mark);
    const yaml_char_t *tag = is_map ? e->data.mapping_start.tag : e->data.sequence_start.tag;
    const yaml_char_t *anc = is_map ? e->data.mapping_start.anchor : e->data.sequence_start.anchor;
    const char *cfn;
    if (cfn_check_tag(y, (const char *)tag, pos, &cfn)) return -1;
    if (y->depth >= RG_READ_MAX_DEPTH) return fail_at(y, pos, "nesting deeper than %d levels", RG_READ_MAX_DEPTH);
    y->frames[y->depth++] = (yframe){y->n, pos, is_map, anc ? rg_xstrdup((const char *)anc) : NULL, cfn};
    return 0;
}

static int build_mapping(yp *y, const yframe *f, rg_value *out) {
    size_t n = (y->n - f->start) / 2;
    rg_read_dup dup;
    if (rg_read_object(y->a, y->vals + f->start, y->poss + f->start, n, y->flags, y->map, out, &dup) == 0)
        return 0;
    rg_buf b = RG_BUF_INIT;
    rg_read_key_text(&b, dup.key);
    int rc = fail_at(y, dup.at, "duplicate key %s (first defined at line %u, column %u)", rg_buf_cstr(&b), dup.first.line,
                     dup.first.col);
    rg_buf_fini(&b);
    return rc;
}

static int on_end(yp *y) {
    yframe f = y->frames[--y->depth];
    rg_value v;
    int rc = 0;
    if (f.is_map) {
        rc = build_mapping(y, &f, &v);
    } else {
        v = rg_array(y->a, y->vals + f.start, y->n - f.start);
        if (y->map)
            for (size_t i = 0; i < v.len; i++) rg_srcmap_put(y->map, &v.u.items[i], y->poss[f.start + i]);
    }
    if (rc) {
        free(f.anchor);
        return -1;
    }
    uint64_t nodes = 1;
    for (size_t i = f.start; i < y->n; i++) nodes += y->nodes[i];
    y->n = f.start;
    finish_node(y, v, f.pos, nodes, f.anchor, f.cfn);
    return 0;
}

/* In CloudFormation mode a second document is an error: CloudFormation
 * would reject the template, and checking only the first would mislead. */
static int check_single_document(yp *y) {
    yaml_event_t e;
    if (!yaml_parser_parse(&y->parser, &e)) return fail_libyaml(y);
    int rc = 0;
    if (e.type == YAML_DOCUMENT_START_EVENT)
        rc = fail_at(y, mark_pos(y, e.start_mark), "expected a single document in the stream, found another");
    yaml_event_delete(&e);
    return rc;
}

static int on_event(yp *y, const yaml_event_t *e) {
    switch (e->type) {
    case YAML_SCALAR_EVENT: return on_scalar(y, e);
    case YAML_ALIAS_EVENT: return on_alias(y, e);
    case YAML_SEQUENCE_START_EVENT: return on_start(y, e, false);
    case YAML_MAPPING_START_EVENT: return on_start(y, e, true);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: return on_end(y);
    case YAML_DOCUMENT_END_EVENT:
    case YAML_STREAM_END_EVENT: y->done = true; return 0;
    default: return 0; /* stream and document starts */
    }
}

static int parse_stream(yp *y) {
    while (!y->done) {
        yaml_event_t e;
        if (!yaml_parser_parse(&y->parser, &e)) return fail_libyaml(y);
        int rc = on_event(y, &e);
        bool doc_end = e.type == YAML_DOCUMENT_END_EVENT;
        yaml_event_delete(&e);
        if (rc) return -1;
        if (doc_end && (y->flags & RG_READ_CFN_TAGS)) return check_single_document(y);
    }
    return 0;
}

static void yp_fini(yp *y) {
    for (int i = 0; i < y->depth; i++) free(y->frames[i].anchor);
    for (size_t i = 0; i < y->anchors_cap; i++) free(y->anchors[i].name);
    free(y->anchors);
    free(y->vals);
    free(y->poss);
    free(y->nodes);
    yaml_parser_delete(&y->parser);
}

int rg_yaml_parse(rg_arena *a, const char *file, const char *src, size_t len, int flags, rg_srcmap *map,
                  rg_value *out, rg_diags *diags) {
    /* The BOM is not part of line 1's columns. */
    if (len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3)) src += 3, len -= 3;
    yp *y = rg_xcalloc(1, sizeof *y);
    y->src = src, y->len = len, y->a = a, y->map = map, y->flags = flags, y->file = file, y->diags = diags;
    y->cap = 256; /* never NULL, even for an empty root container */
    y->vals = rg_xmalloc(y->cap * sizeof *y->vals);
    y->poss = rg_xmalloc(y->cap * sizeof *y->poss);
    y->nodes = rg_xmalloc(y->cap * sizeof *y->nodes);
    if (!yaml_parser_initialize(&y->parser)) rg_oom();
    yaml_parser_set_input_string(&y->parser, (const unsigned char *)src, len);
    yaml_parser_set_encoding(&y->parser, YAML_UTF8_ENCODING);
    int rc = parse_stream(y);
    if (rc == 0) {
        *out = y->n ? y->vals[0] : rg_null(); /* empty stream: null */
        if (map) rg_srcmap_set_root(map, y->n ? y->poss[0] : (rg_pos){1, 1});
    }
    yp_fini(y);
    free(y);
    return rc;
}
