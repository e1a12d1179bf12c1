/* Builtins: json.marshal, json.marshal_with_options, json.unmarshal,
 * json.is_valid, json.filter, json.remove and json.patch (registered in the
 * encoding table, see encoding.c).
 *
 * json.marshal reproduces Go's encoding/json output as OPA produces it;
 * json.filter/json.remove follow OPA's path-tree semantics; json.patch
 * applies RFC 6902 operations one after another on immutable values, with
 * OPA's extensions for sets (a set member is addressed by its value) and its
 * rule that any failing operation makes the whole result undefined. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/encoding_internal.h"
#include "read/read.h"
#include "rego/bi_ctx.h"

/* Deeper values than this are refused rather than risking the C stack. */
#define JSON_MAX_DEPTH 2000

/* ---------------------------------------------------------------------------
 * Go-compatible JSON writer
 * ------------------------------------------------------------------------- */

static void go_json_string(rg_buf *out, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    rg_buf_reserve(out, n + 2);
    rg_buf_putc(out, '"');
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        if (c < 0x80) {
            const char *esc = NULL;
            switch (c) {
            case '"': esc = "\\\""; break;
            case '\\': esc = "\\\\"; break;
            case '\b': esc = "\\b"; break;
            case '\f': esc = "\\f"; break;
            case '\n': esc = "\\n"; break;
            case '\r': esc = "\\r"; break;
            case '\t': esc = "\\t"; break;
            default: break;
            }
            if (esc) rg_buf_puts(out, esc);
            else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                rg_buf_append(out, u, 6);
            } else {
                rg_buf_putc(out, (char)c);
            }
            i++;
            continue;
        }
        uint32_t cp;
        bool ok;
        size_t w = rg_enc_utf8_decode(p + i, n - i, &cp, &ok);
        if (!ok) rg_buf_puts(out, "\\ufffd");
        else if (cp == 0x2028) rg_buf_puts(out, "\\u2028");
        else if (cp == 0x2029) rg_buf_puts(out, "\\u2029");
        else rg_buf_append(out, s + i, w);
        i += w;
    }
    rg_buf_putc(out, '"');
}

typedef struct keyed {
    char *key; /* malloc'd key text */
    size_t len;
    size_t idx; /* pair index in the object */
} keyed;

static int keyed_cmp(const void *a, const void *b) {
    const keyed *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->key, y->key, n);
    if (c) return c;
    if (x->len != y->len) return x->len < y->len ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx); /* stable: keep object order */
}

static bool write_go(rg_buf *out, rg_value v, int depth);

/* Go marshals a map[string]any: keys are strings (OPA turns other keys into
 * their JSON text) written in byte order; on a collision the later key in
 * Rego order wins, as it overwrites the Go map entry. */
static bool write_go_object(rg_buf *out, rg_value v, int depth) {
    keyed *ks = rg_xcalloc(v.len ? v.len : 1, sizeof *ks);
    bool ok = true;
    for (size_t i = 0; i < v.len && ok; i++) {
        rg_value k = rg_obj_key(v, i);
        rg_buf kb = RG_BUF_INIT;
        if (k.kind == RG_STRING) rg_buf_append(&kb, k.u.s, k.len);
        else ok = write_go(&kb, k, depth + 1);
        ks[i].len = kb.len;
        ks[i].key = kb.data ? rg_buf_detach(&kb) : rg_xstrdup("");
        ks[i].idx = i;
    }
    if (ok) qsort(ks, v.len, sizeof *ks, keyed_cmp);
    rg_buf_putc(out, '{');
    bool first = true;
    for (size_t i = 0; i < v.len && ok; i++) {
        if (i + 1 < v.len && ks[i].len == ks[i + 1].len && !memcmp(ks[i].key, ks[i + 1].key, ks[i].len)) continue;
        if (!first) rg_buf_putc(out, ',');
        first = false;
        go_json_string(out, ks[i].key, ks[i].len);
        rg_buf_putc(out, ':');
        ok = write_go(out, rg_obj_val(v, ks[i].idx), depth + 1);
    }
    rg_buf_putc(out, '}');
    for (size_t i = 0; i < v.len; i++) free(ks[i].key);
    free(ks);
    return ok;
}

static bool write_go(rg_buf *out, rg_value v, int depth) {
    if (depth > JSON_MAX_DEPTH) return false;
    switch ((rg_kind)v.kind) {
    case RG_UNDEFINED:
    case RG_NULL: rg_buf_puts(out, "null"); return true;
    case RG_BOOL: rg_buf_puts(out, v.u.b ? "true" : "false"); return true;
    case RG_NUMBER: rg_num_write(out, v); return true;
    case RG_STRING: go_json_string(out, v.u.s, v.len); return true;
    case RG_ARRAY:
    case RG_SET:
        rg_buf_putc(out, '[');
        for (size_t i = 0; i < v.len; i++) {
            if (i) rg_buf_putc(out, ',');
            if (!write_go(out, v.u.items[i], depth + 1)) return false;
        }
        rg_buf_putc(out, ']');
        return true;
    case RG_OBJECT: return write_go_object(out, v, depth);
    }
    return false;
}

bool rg_enc_json_write_go(rg_buf *out, rg_value v) { return write_go(out, v, 0); }

static void indent_line(rg_buf *out, const char *prefix, const char *indent, int depth) {
    rg_buf_putc(out, '\n');
    rg_buf_puts(out, prefix);
    for (int i = 0; i < depth; i++) rg_buf_puts(out, indent);
}

/* Re-indents compact JSON like Go's json.Indent (empty containers stay
 * "[]"/"{}", ": " after keys). */
static void go_indent(rg_buf *out, const char *src, size_t n, const char *prefix, const char *indent) {
    int depth = 0;
    bool need = false, in_str = false, esc = false;
    for (size_t i = 0; i < n; i++) {
        char c = src[i];
        if (in_str) {
            rg_buf_putc(out, c);
            if (esc) esc = false;
            else if (c == '\\') esc = true;
            else if (c == '"') in_str = false;
            continue;
        }
        if (need && c != ']' && c != '}') {
            need = false;
            indent_line(out, prefix, indent, ++depth);
        }
        switch (c) {
        case '"': in_str = true; rg_buf_putc(out, c); break;
        case '{':
        case '[': need = true; rg_buf_putc(out, c); break;
        case ',': rg_buf_putc(out, c); indent_line(out, prefix, indent, depth); break;
        case ':': rg_buf_puts(out, ": "); break;
        case '}':
        case ']':
            if (need) need = false;
            else indent_line(out, prefix, indent, --depth);
            rg_buf_putc(out, c);
            break;
        default: rg_buf_putc(out, c);
        }
    }
}

static rg_value str_from_buf(rg_bi_ctx *ctx, rg_buf *b) {
    rg_value v = rg_string(rg_bi_arena(ctx), b->data ? b->data : "", b->len);
    rg_buf_fini(b);
    return v;
}

int rg_bi_json_marshal(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    rg_buf b = RG_BUF_INIT;
    if (!write_go(&b, args[0], 0)) {
        rg_buf_fini(&b);
        return rg_bi_error(ctx, "value nested too deeply");
    }
    *out = str_from_buf(ctx, &b);
    return RG_BI_OK;
}

typedef struct marshal_opts {
    const char *prefix, *indent;
    int pretty; /* -1 unset */
    bool implicit;
} marshal_opts;

/* Reads one option; returns 0 or an operand error (OPA's texts, including
 * its quirk of naming the option's index as the operand). */
static int marshal_option(rg_bi_ctx *ctx, marshal_opts *o, rg_value k, rg_value v, size_t idx) {
    if (k.kind != RG_STRING) {
        char *ks = rg_json_dump(k, 0);
        int rc = rg_enc_operand_error(ctx, 2, "failed to stringify key %s at index %zu: operand %zu must be string but got %s",
                                      ks, idx, idx, rg_type_name(k));
        free(ks);
        return rc;
    }
    bool is_prefix = !strcmp(k.u.s, "prefix"), is_indent = !strcmp(k.u.s, "indent");
    if (is_prefix || is_indent) {
        if (v.kind != RG_STRING)
            return rg_enc_operand_error(ctx, 2, "key %s failed cast to string: operand %zu must be string but got %s", k.u.s,
                                        idx, rg_type_name(v));
        if (is_prefix) o->prefix = v.u.s;
        else o->indent = v.u.s;
        o->implicit = true;
        return 0;
    }
    if (!strcmp(k.u.s, "pretty")) {
        if (v.kind != RG_BOOL) return rg_enc_operand_error(ctx, 2, "key %s failed cast to bool", k.u.s);
        o->pretty = v.u.b;
        return 0;
    }
    return rg_enc_operand_error(ctx, 2, "object contained unknown key %s", k.u.s);
}

int rg_bi_json_marshal_with_options(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_kind(ctx, args, 1, RG_T_OBJ)) return RG_BI_ERROR;
    marshal_opts o = {"", "\t", -1, false};
    for (size_t i = 0; i < args[1].len; i++)
        if (marshal_option(ctx, &o, rg_obj_key(args[1], i), rg_obj_val(args[1], i), i)) return RG_BI_ERROR;
    bool pretty = o.pretty < 0 ? o.implicit : o.pretty == 1;
    rg_buf b = RG_BUF_INIT;
    if (!write_go(&b, args[0], 0)) {
        rg_buf_fini(&b);
        return rg_bi_error(ctx, "value nested too deeply");
    }
    if (!pretty) {
        *out = str_from_buf(ctx, &b);
        return RG_BI_OK;
    }
    /* Go's MarshalIndent does not prefix the first line; OPA adds it. */
    rg_buf p = RG_BUF_INIT;
    rg_buf_puts(&p, o.prefix);
    go_indent(&p, rg_buf_cstr(&b), b.len, o.prefix, o.indent);
    rg_buf_fini(&b);
    *out = str_from_buf(ctx, &p);
    return RG_BI_OK;
}

/* ---------------------------------------------------------------------------
 * json.unmarshal / json.is_valid
 * ------------------------------------------------------------------------- */

int rg_bi_json_unmarshal(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0)) return RG_BI_ERROR;
    rg_diags d = RG_DIAGS_INIT;
    int rc = RG_BI_OK;
    if (rg_json_parse(rg_bi_arena(ctx), NULL, args[0].u.s, args[0].len, 0, NULL, out, &d))
        rc = rg_bi_error(ctx, "%s", d.len ? d.items[0].msg : "invalid JSON");
    rg_diags_fini(&d);
    return rc;
}

int rg_bi_json_is_valid(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    /* OPA answers false (not a type error) for non-strings. */
    if (args[0].kind != RG_STRING) {
        *out = rg_bool(false);
        return RG_BI_OK;
    }
    rg_arena scratch;
    rg_arena_init(&scratch);
    rg_diags d = RG_DIAGS_INIT;
    rg_value v;
    *out = rg_bool(rg_json_parse(&scratch, NULL, args[0].u.s, args[0].len, 0, NULL, &v, &d) == 0);
    rg_diags_fini(&d);
    rg_arena_fini(&scratch);
    return RG_BI_OK;
}

/* ---------------------------------------------------------------------------
 * Paths: "a/b/c" JSON-pointer-like strings or arrays of segments
 * ------------------------------------------------------------------------- */

/* Replaces every occurrence of from (2 bytes) by to in b[0..n). */
static size_t replace2(char *b, size_t n, const char *from, char to) {
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && b[i] == from[0] && b[i + 1] == from[1]) {
            b[j++] = to;
            i++;
        } else {
            b[j++] = b[i];
        }
    }
    return j;
}

/* Splits a path string as OPA does: leading slashes dropped, "/" separates
 * segments, then "~1" -> "/" and "~0" -> "~".  "" is the empty path. */
static rg_value parse_path_string(rg_arena *a, rg_value s) {
    size_t i = 0;
    if (s.len == 0) return rg_empty_array();
    while (i < s.len && s.u.s[i] == '/') i++;
    rg_vec segs = RG_VEC_INIT;
    for (;;) {
        const char *p = s.u.s + i, *slash = memchr(p, '/', s.len - i);
        size_t n = slash ? (size_t)(slash - p) : s.len - i;
        char *tmp = rg_xmalloc(n + 1);
        memcpy(tmp, p, n);
        size_t m = replace2(tmp, n, "~1", '/');
        m = replace2(tmp, m, "~0", '~');
        rg_vec_push(&segs, rg_string(a, tmp, m));
        free(tmp);
        if (!slash) break;
        i += n + 1;
    }
    rg_value out = rg_vec_to_array(a, &segs);
    rg_vec_fini(&segs);
    return out;
}

/* A path as an array of segments; RG_UNDEFINED when p is neither a string
 * nor an array. */
static rg_value parse_path(rg_arena *a, rg_value p) {
    if (p.kind == RG_STRING) return parse_path_string(a, p);
    if (p.kind == RG_ARRAY) return p;
    return rg_undefined();
}

/* ---------------------------------------------------------------------------
 * Path trees for json.filter / json.remove
 * ------------------------------------------------------------------------- */

typedef struct ptree {
    rg_value key;
    bool leaf;               /* the path ends here: keep/remove the whole value */
    struct ptree *kids, *next;
} ptree;

static ptree *ptree_find(const ptree *node, rg_value key) {
    for (ptree *k = node->kids; k; k = k->next)
        if (rg_value_equal(k->key, key)) return k;
    return NULL;
}

static ptree *ptree_child(ptree *node, rg_value key) {
    ptree *k = rg_xcalloc(1, sizeof *k);
    k->key = key;
    k->next = node->kids;
    node->kids = k;
    return k;
}

static void ptree_free(ptree *t) {
    /* Iterative over siblings, recursive over depth (bounded by path length
     * and checked by the callers' depth limit). */
    while (t) {
        ptree *next = t->next;
        ptree_free(t->kids);
        free(t);
        t = next;
    }
}

/* Adds one path like OPA's pathsToObject: a shorter path that is already a
 * leaf absorbs longer ones; a leaf replaces a subtree. */
static void ptree_add(ptree *root, rg_value path) {
    if (path.len == 0) return;
    ptree *node = root;
    for (size_t i = 0; i + 1 < path.len; i++) {
        ptree *k = ptree_find(node, path.u.items[i]);
        if (!k) k = ptree_child(node, path.u.items[i]);
        else if (k->leaf) return;
        node = k;
    }
    rg_value last = path.u.items[path.len - 1];
    ptree *k = ptree_find(node, last);
    if (!k) k = ptree_child(node, last);
    ptree_free(k->kids);
    k->kids = NULL;
    k->leaf = true;
}

/* Builds the tree from operand 2 (array or set of paths). */
static int ptree_build(rg_bi_ctx *ctx, rg_value paths, ptree *root) {
    if (paths.kind != RG_ARRAY && paths.kind != RG_SET)
        return rg_bi_type_error(ctx, 2, "one of {set, array}", paths);
    rg_arena *a = rg_bi_arena(ctx);
    for (size_t i = 0; i < paths.len; i++) {
        rg_value p = parse_path(a, paths.u.items[i]);
        if (rg_is_undef(p)) {
            ptree_free(root->kids);
            root->kids = NULL;
            return rg_enc_operand_error(ctx, 2,
                                        "must be one of {set, array} containing string paths or array of path "
                                        "segments but got %s",
                                        rg_type_name(paths.u.items[i]));
        }
        if (p.len > JSON_MAX_DEPTH) {
            ptree_free(root->kids);
            root->kids = NULL;
            return rg_bi_error(ctx, "path too long");
        }
        ptree_add(root, p);
    }
    return 0;
}

/* Array elements are addressed by their decimal index as a string. */
static ptree *ptree_find_index(const ptree *node, size_t i) {
    char num[24];
    int n = snprintf(num, sizeof num, "%zu", i);
    return ptree_find(node, rg_string_static(num, (size_t)n));
}

static rg_value filter_value(rg_arena *a, rg_value v, const ptree *f) {
    if (f->leaf) return v;
    rg_vec out = RG_VEC_INIT;
    rg_value r = v;
    switch ((rg_kind)v.kind) {
    case RG_ARRAY:
        for (size_t i = 0; i < v.len; i++) {
            const ptree *k = ptree_find_index(f, i);
            if (k) rg_vec_push(&out, filter_value(a, v.u.items[i], k));
        }
        r = rg_vec_to_array(a, &out);
        break;
    case RG_SET:
        for (size_t i = 0; i < v.len; i++) {
            const ptree *k = ptree_find(f, v.u.items[i]);
            if (k) rg_vec_push(&out, filter_value(a, v.u.items[i], k));
        }
        r = rg_vec_to_set(a, &out);
        break;
    case RG_OBJECT:
        for (const ptree *k = f->kids; k; k = k->next) {
            long idx = rg_object_find(v, k->key);
            if (idx < 0) continue;
            rg_vec_push(&out, rg_obj_key(v, (size_t)idx));
            rg_vec_push(&out, filter_value(a, rg_obj_val(v, (size_t)idx), k));
        }
        r = rg_vec_to_object(a, &out);
        break;
    default: break; /* scalars are kept whole */
    }
    rg_vec_fini(&out);
    return r;
}

/* Returns v without the leaves of f, or RG_UNDEFINED when v itself goes. */
static rg_value remove_value(rg_arena *a, rg_value v, const ptree *f) {
    if (!f) return v;
    if (f->leaf) return rg_undefined();
    rg_vec out = RG_VEC_INIT;
    rg_value r = v;
    switch ((rg_kind)v.kind) {
    case RG_ARRAY:
        for (size_t i = 0; i < v.len; i++) {
            rg_value d = remove_value(a, v.u.items[i], ptree_find_index(f, i));
            if (!rg_is_undef(d)) rg_vec_push(&out, d);
        }
        r = rg_vec_to_array(a, &out);
        break;
    case RG_SET:
        for (size_t i = 0; i < v.len; i++) {
            rg_value d = remove_value(a, v.u.items[i], ptree_find(f, v.u.items[i]));
            if (!rg_is_undef(d)) rg_vec_push(&out, d);
        }
        r = rg_vec_to_set(a, &out);
        break;
    case RG_OBJECT:
        for (size_t i = 0; i < v.len; i++) {
            rg_value d = remove_value(a, rg_obj_val(v, i), ptree_find(f, rg_obj_key(v, i)));
            if (rg_is_undef(d)) continue;
            rg_vec_push(&out, rg_obj_key(v, i));
            rg_vec_push(&out, d);
        }
        r = rg_vec_to_object(a, &out);
        break;
    default: break;
    }
    rg_vec_fini(&out);
    return r;
}

static int filter_or_remove(rg_bi_ctx *ctx, const rg_value *args, rg_value *out, bool remove) {
    if (rg_bi_want_kind(ctx, args, 0, RG_T_OBJ)) return RG_BI_ERROR;
    ptree root = {0};
    if (ptree_build(ctx, args[1], &root)) return RG_BI_ERROR;
    if (remove) *out = remove_value(rg_bi_arena(ctx), args[0], &root);
    else *out = filter_value(rg_bi_arena(ctx), args[0], &root);
    ptree_free(root.kids);
    return RG_BI_OK;
}

int rg_bi_json_filter(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return filter_or_remove(ctx, args, out, false);
}

int rg_bi_json_remove(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    return filter_or_remove(ctx, args, out, true);
}

/* ---------------------------------------------------------------------------
 * json.patch
 * ------------------------------------------------------------------------- */

/* Array index from a path segment, as OPA reads it: an integer number, or a
 * decimal string without leading zeros (Go ParseInt syntax), or "-" for the
 * end of the array. */
static bool to_index(size_t len, rg_value key, int64_t *out) {
    if (key.kind == RG_NUMBER) {
        if (!rg_is_int(key)) return false; /* floats and big integers are no index */
        *out = key.u.i;
        return true;
    }
    if (key.kind != RG_STRING) return false;
    const char *s = key.u.s;
    size_t n = key.len;
    if (n == 1 && s[0] == '-') {
        *out = (int64_t)len;
        return true;
    }
    if (n > 1 && s[0] == '0') return false;
    size_t i = (n > 0 && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
    if (i == n || n > 24) return false;
    for (size_t j = i; j < n; j++)
        if (s[j] < '0' || s[j] > '9') return false;
    char buf[32];
    memcpy(buf, s, n);
    buf[n] = 0;
    errno = 0;
    long long v = strtoll(buf, NULL, 10);
    if (errno == ERANGE) return false;
    *out = v;
    return true;
}

/* One step down a path: the container and the position of the child. */
typedef struct pstep {
    rg_value box;
    size_t pos;
} pstep;

/* Finds the child of box named by key; false when it does not exist. */
static bool child_pos(rg_value box, rg_value key, size_t *pos) {
    long idx = -1;
    int64_t i;
    switch ((rg_kind)box.kind) {
    case RG_OBJECT: idx = rg_object_find(box, key); break;
    case RG_SET: idx = rg_set_find(box, key); break;
    case RG_ARRAY:
        if (to_index(box.len, key, &i) && i >= 0 && (uint64_t)i < box.len) idx = (long)i;
        break;
    default: break;
    }
    if (idx < 0) return false;
    *pos = (size_t)idx;
    return true;
}

static rg_value child_at(rg_value box, size_t pos) {
    return box.kind == RG_OBJECT ? rg_obj_val(box, pos) : box.u.items[pos];
}

/* Walks n segments of path from doc, recording the steps; false when some
 * segment does not exist. */
static bool walk(rg_value doc, const rg_value *path, size_t n, pstep *steps, rg_value *end) {
    rg_value cur = doc;
    for (size_t i = 0; i < n; i++) {
        size_t pos;
        if (!child_pos(cur, path[i], &pos)) return false;
        steps[i] = (pstep){cur, pos};
        cur = child_at(cur, pos);
    }
    *end = cur;
    return true;
}

/* Returns box with its child at pos replaced by v.  Replacing a set member
 * re-sorts the set (the member's value is its identity). */
static rg_value replace_child(rg_arena *a, rg_value box, size_t pos, rg_value v) {
    size_t n = box.kind == RG_OBJECT ? 2 * box.len : box.len;
    rg_value *items = rg_arena_memdup(a, box.u.items, (n ? n : 1) * sizeof *items);
    if (box.kind == RG_OBJECT) items[2 * pos + 1] = v;
    else items[pos] = v;
    if (box.kind == RG_SET) return rg_set(a, items, box.len);
    rg_value r = box;
    r.u.items = items;
    return r;
}

/* Rebuilds the containers along steps[0..n) around a new innermost value. */
static rg_value rebuild(rg_arena *a, const pstep *steps, size_t n, rg_value v) {
    for (size_t i = n; i-- > 0;) v = replace_child(a, steps[i].box, steps[i].pos, v);
    return v;
}

/* Returns box without the child at pos. */
static rg_value drop_child(rg_arena *a, rg_value box, size_t pos) {
    size_t w = box.kind == RG_OBJECT ? 2 : 1, n = box.len * w;
    rg_value *items = rg_arena_alloc(a, (n ? n : 1) * sizeof *items);
    memcpy(items, box.u.items, pos * w * sizeof *items);
    memcpy(items + pos * w, box.u.items + (pos + 1) * w, (n - (pos + 1) * w) * sizeof *items);
    rg_value r = box;
    r.u.items = items;
    r.len = box.len - 1;
    return r;
}

/* Inserts value under key into box (object put, set add, array insert). */
static bool insert_child(rg_arena *a, rg_value box, rg_value key, rg_value value, rg_value *out) {
    int64_t i;
    switch ((rg_kind)box.kind) {
    case RG_OBJECT: *out = rg_object_put(a, box, key, value); return true;
    case RG_SET:
        if (!rg_value_equal(key, value)) return false;
        *out = rg_set_union(a, box, rg_set(a, &value, 1));
        return true;
    case RG_ARRAY: {
        if (!to_index(box.len, key, &i) || i < 0 || (uint64_t)i > box.len) return false;
        rg_value *items = rg_arena_alloc(a, (box.len + 1) * sizeof *items);
        memcpy(items, box.u.items, (size_t)i * sizeof *items);
        items[i] = value;
        memcpy(items + i + 1, box.u.items + i, (box.len - (size_t)i) * sizeof *items);
        *out = rg_array_take(items, box.len + 1);
        return true;
    }
    default: return false;
    }
}

/* The document being patched; gone after the root was removed. */
typedef struct pdoc {
    rg_value v;
    bool gone;
    pstep *steps; /* scratch, capacity >= longest path */
} pdoc;

static bool patch_get(const pdoc *d, rg_value path, rg_value *out) {
    if (d->gone) return false;
    return walk(d->v, path.u.items, path.len, d->steps, out);
}

static bool patch_add(rg_arena *a, pdoc *d, rg_value path, rg_value value) {
    if (path.len == 0) {
        d->v = value;
        d->gone = false;
        return true;
    }
    rg_value parent, updated;
    if (d->gone || !walk(d->v, path.u.items, path.len - 1, d->steps, &parent)) return false;
    if (!insert_child(a, parent, path.u.items[path.len - 1], value, &updated)) return false;
    d->v = rebuild(a, d->steps, path.len - 1, updated);
    return true;
}

static bool patch_remove(rg_arena *a, pdoc *d, rg_value path) {
    if (d->gone) return false;
    if (path.len == 0) {
        d->gone = true;
        return true;
    }
    rg_value parent;
    size_t pos;
    if (!walk(d->v, path.u.items, path.len - 1, d->steps, &parent)) return false;
    if (!child_pos(parent, path.u.items[path.len - 1], &pos)) return false;
    d->v = rebuild(a, d->steps, path.len - 1, drop_child(a, parent, pos));
    return true;
}

typedef struct patch_op {
    const char *op;
    rg_value path, from, value;
} patch_op;

/* Validates one operation object; false makes the whole patch undefined. */
static bool patch_parse(rg_arena *a, rg_value o, patch_op *p) {
    static const char *const ops[] = {"add", "remove", "replace", "move", "copy", "test"};
    if (o.kind != RG_OBJECT) return false;
    rg_value op = rg_object_get_str(o, "op");
    if (op.kind != RG_STRING) return false;
    p->op = NULL;
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (!strcmp(op.u.s, ops[i])) p->op = ops[i];
    if (!p->op) return false;
    p->path = parse_path(a, rg_object_get_str(o, "path"));
    if (rg_is_undef(p->path)) return false;
    bool needs_from = !strcmp(p->op, "move") || !strcmp(p->op, "copy");
    bool needs_value = !strcmp(p->op, "add") || !strcmp(p->op, "replace") || !strcmp(p->op, "test");
    p->from = needs_from ? parse_path(a, rg_object_get_str(o, "from")) : rg_empty_array();
    p->value = needs_value ? rg_object_get_str(o, "value") : rg_null();
    return !rg_is_undef(p->from) && !rg_is_undef(p->value);
}

static bool patch_apply(rg_arena *a, pdoc *d, const patch_op *p) {
    rg_value v;
    switch (p->op[0]) {
    case 'a': return patch_add(a, d, p->path, p->value);
    case 'r':
        if (p->op[2] == 'm') return patch_remove(a, d, p->path);
        return patch_remove(a, d, p->path) && patch_add(a, d, p->path, p->value);
    case 'm': return patch_get(d, p->from, &v) && patch_remove(a, d, p->from) && patch_add(a, d, p->path, v);
    case 'c': return patch_get(d, p->from, &v) && patch_add(a, d, p->path, v);
    case 't': return patch_get(d, p->path, &v) && rg_value_equal(v, p->value);
    default: return false;
    }
}

int rg_bi_json_patch(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_kind(ctx, args, 1, RG_T_ARR)) return RG_BI_ERROR;
    rg_arena *a = rg_bi_arena(ctx);
    pdoc d = {args[0], false, NULL};
    size_t cap = 0;
    bool ok = true;
    for (size_t i = 0; i < args[1].len && ok; i++) {
        patch_op p;
        ok = patch_parse(a, args[1].u.items[i], &p);
        if (!ok) break;
        size_t need = p.path.len > p.from.len ? p.path.len : p.from.len;
        if (need > cap) {
            cap = need;
            d.steps = rg_xrealloc(d.steps, cap * sizeof *d.steps);
        }
        ok = patch_apply(a, &d, &p);
    }
    free(d.steps);
    if (!ok || d.gone) return RG_BI_UNDEFINED;
    *out = d.v;
    return RG_BI_OK;
}
