/* Builtins: json.verify_schema and json.match_schema -- JSON Schema as OPA
 * checks it with its gojsonschema fork: drafts 4, 6 and 7 chosen by
 * "$schema", otherwise a hybrid draft accepting every keyword.  A schema is
 * compiled into a tree of nodes (refs resolved within the document), then a
 * document is validated against it, collecting errors in gojsonschema's
 * order with its messages, types and field names.  Recursion and total work
 * are bounded. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <arpa/inet.h>
#include <gmp.h>
#include <math.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "builtins/encoding_internal.h"
#include "builtins/families.h"
#include "read/read.h"

enum { DRAFT4 = 4, DRAFT6 = 6, DRAFT7 = 7, HYBRID = 1000 };

#define MAX_PARSE_DEPTH 256     /* nested subschemas while compiling */
#define MAX_VALIDATE_DEPTH 512  /* nested validations (refs may loop) */
#define MAX_STEPS 2000000       /* validation calls per match_schema */

static const char *const json_types[] = {"array", "boolean", "integer", "number", "null", "object", "string"};

typedef struct js_node js_node;

typedef struct js_named {
    rg_value name;
    js_node *node;
    pcre2_code *re; /* patternProperties only */
} js_named;

typedef struct js_dep {
    rg_value key;
    rg_value names; /* array of strings, or RG_UNDEFINED when node is set */
    js_node *node;
} js_dep;

typedef struct js_list {
    js_node **items;
    size_t len;
} js_list;

struct js_node {
    int pass; /* -1 a schema; 0 the false schema; 1 the true schema */
    js_node *ref;
    const char *types[7];
    int ntypes;
    js_named *props, *pprops;
    size_t nprops, npprops;
    int addl_props; /* -1 absent, 0 false, 1 true, 2 schema */
    js_node *addl_props_node, *prop_names;
    js_dep *deps;
    size_t ndeps;
    js_list items;
    bool items_single;
    int addl_items; /* as addl_props */
    js_node *addl_items_node;
    rg_value multiple_of, minimum, maximum, ex_min, ex_max; /* RG_UNDEFINED when absent */
    int64_t min_len, max_len, min_props, max_props, min_items, max_items; /* -1 when absent */
    pcre2_code *pattern;
    rg_value pattern_src, format, required;
    bool unique;
    js_node *contains;
    const char *const_json; /* Go JSON of "const", NULL when absent */
    const char **enums;
    size_t nenums;
    bool has_enum;
    js_list one_of, any_of, all_of;
    js_node *not_, *if_, *then_, *else_;
};

/* A subschema found by "$id" (or "id"), for references to it. */
typedef struct js_id {
    char *uri;
    rg_value schema;
} js_id;

typedef struct js_pool_entry {
    char *key;
    js_node *node;
} js_pool_entry;

typedef struct js_compiler {
    rg_arena *a;  /* nodes and their strings (scratch) */
    rg_value root;
    char *root_uri;
    int draft;
    rg_buf err;
    js_id *ids;
    size_t nids, cap_ids;
    js_pool_entry *pool;
    size_t npool, cap_pool;
    pcre2_code **codes;
    size_t ncodes, cap_codes;
} js_compiler;

/* ------------------------------------------------------------------------
 * Small helpers
 * ---------------------------------------------------------------------- */

static void *grow(void *p, size_t *cap, size_t len, size_t size) {
    if (len < *cap) return p;
    *cap = *cap ? 2 * *cap : 8;
    return rg_xrealloc(p, *cap * size);
}

static bool key_is(rg_value k, const char *s) {
    return k.kind == RG_STRING && strlen(s) == k.len && memcmp(k.u.s, s, k.len) == 0;
}

static const char *cstr(rg_value s) { return s.len ? s.u.s : ""; }

static bool is_map_or_bool(rg_value v) { return v.kind == RG_OBJECT || v.kind == RG_BOOL; }

static int fail(js_compiler *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(js_compiler *c, const char *fmt, ...) {
    if (c->err.len) return -1;
    va_list ap;
    va_start(ap, fmt);
    rg_buf_vprintf(&c->err, fmt, ap);
    va_end(ap);
    return -1;
}

static int invalid_type(js_compiler *c, const char *expected, const char *given) {
    return fail(c, "Invalid type. Expected: %s, given: %s", expected, given);
}

/* A non-negative integer keyword (minLength...): -2 when invalid. */
static int64_t int_keyword(js_compiler *c, rg_value v, const char *key) {
    int64_t n;
    if (v.kind != RG_NUMBER || !rg_num_is_integer(v) || !rg_num_to_int64(v, &n)) {
        fail(c, "%s must be of an integer", key);
        return -2;
    }
    if (n < 0) {
        fail(c, "%s must be greater than or equal to 0", key);
        return -2;
    }
    return n;
}

/* Rejects PCRE-only syntax that Go's RE2 does not accept: lookaround,
 * atomic groups, backreferences and possessive quantifiers. */
static bool re2_syntax_ok(const char *p, size_t n) {
    bool in_class = false;
    for (size_t i = 0; i < n; i++) {
        char ch = p[i];
        if (ch == '\\') {
            if (i + 1 < n && !in_class && p[i + 1] >= '1' && p[i + 1] <= '9') return false;
            i++;
        } else if (in_class) {
            if (ch == ']') in_class = false;
        } else if (ch == '[') {
            in_class = true;
            if (i + 1 < n && p[i + 1] == ']') i++; /* "[]...]" holds a literal ] */
        } else if (ch == '(' && i + 2 < n && p[i + 1] == '?' &&
                   (p[i + 2] == '=' || p[i + 2] == '!' || p[i + 2] == '>' ||
                    (p[i + 2] == '<' && i + 3 < n && (p[i + 3] == '=' || p[i + 3] == '!')))) {
            return false;
        } else if ((ch == '*' || ch == '+' || ch == '?' || ch == '}') && i + 1 < n && p[i + 1] == '+') {
            return false;
        }
    }
    return true;
}

static pcre2_code *compile_re(js_compiler *c, const char *pat, size_t n) {
    int ecode;
    if (!re2_syntax_ok(pat, n)) return NULL;
    PCRE2_SIZE eoff;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)(n ? pat : ""), n, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_DOLLAR_ENDONLY,
                                   &ecode, &eoff, NULL);
    if (!re) return NULL;
    c->codes = grow(c->codes, &c->cap_codes, c->ncodes, sizeof *c->codes);
    c->codes[c->ncodes++] = re;
    return re;
}

/* Matching is bounded (Go's RE2 never backtracks; PCRE2 could): a match
 * that exceeds the limits counts as no match. */
#define RE_MATCH_LIMIT 1000000
#define RE_DEPTH_LIMIT 10000

static bool re_match(pcre2_code *re, const char *s, size_t n) {
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    if (!md || !mc) rg_oom();
    pcre2_set_match_limit(mc, RE_MATCH_LIMIT);
    pcre2_set_depth_limit(mc, RE_DEPTH_LIMIT);
    int rc = pcre2_match(re, (PCRE2_SPTR)(n ? s : ""), n, 0, 0, md, mc);
    pcre2_match_context_free(mc);
    pcre2_match_data_free(md);
    return rc >= 0;
}

/* ------------------------------------------------------------------------
 * Go's JSON for enum/const values: numbers go through float64, as
 * gojsonschema re-decodes them without UseNumber.
 * ---------------------------------------------------------------------- */

/* Appends a float64 as Go's encoding/json writes it. */
static void go_float(rg_buf *out, double f) {
    if (f == 0) {
        rg_buf_puts(out, signbit(f) ? "-0" : "0");
        return;
    }
    char digits[40];
    int prec = 1;
    for (; prec <= 17; prec++) {
        snprintf(digits, sizeof digits, "%.*e", prec - 1, f);
        if (strtod(digits, NULL) == f) break;
    }
    double a = fabs(f);
    if (a < 1e-6 || a >= 1e21) {
        /* d.ddde±XX with Go's exponent: no '+0' padding below two digits */
        char *e = strchr(digits, 'e');
        int exp = atoi(e + 1);
        *e = 0;
        rg_buf_printf(out, "%se%c%02d", digits, exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
        if (exp < 0 && exp > -10) { /* e-07 -> e-7 */
            out->data[out->len - 2] = out->data[out->len - 1];
            out->len--;
            out->data[out->len] = 0;
        }
        return;
    }
    char buf[400];
    /* the shortest digits decide the fraction length */
    int exp = atoi(strchr(digits, 'e') + 1);
    int frac = (prec - 1) - exp;
    if (frac < 0) frac = 0;
    snprintf(buf, sizeof buf, "%.*f", frac, f);
    rg_buf_puts(out, buf);
}

static bool go_json(rg_buf *out, rg_value v, int depth) {
    if (depth > RG_READ_MAX_DEPTH) return false;
    switch ((rg_kind)v.kind) {
    case RG_NUMBER: go_float(out, rg_num_to_double(v)); return true;
    case RG_ARRAY:
    case RG_SET:
        rg_buf_putc(out, '[');
        for (size_t i = 0; i < v.len; i++) {
            if (i) rg_buf_putc(out, ',');
            if (!go_json(out, v.u.items[i], depth + 1)) return false;
        }
        rg_buf_putc(out, ']');
        return true;
    case RG_OBJECT:
        rg_buf_putc(out, '{');
        for (size_t i = 0; i < v.len; i++) {
            if (i) rg_buf_putc(out, ',');
            rg_enc_json_write_go(out, rg_obj_key(v, i));
            rg_buf_putc(out, ':');
            if (!go_json(out, rg_obj_val(v, i), depth + 1)) return false;
        }
        rg_buf_putc(out, '}');
        return true;
    default: return rg_enc_json_write_go(out, v);
    }
}

static const char *go_json_str(rg_arena *a, rg_value v) {
    rg_buf b = RG_BUF_INIT;
    go_json(&b, v, 0);
    char *s = rg_arena_strndup(a, b.data ? b.data : "", b.len);
    rg_buf_fini(&b);
    return s;
}

/* ------------------------------------------------------------------------
 * URIs and references (resolved within the document only)
 * ---------------------------------------------------------------------- */

static bool has_scheme(const char *s) {
    size_t i = 0;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) return false;
    while (s[i] && s[i] != ':' && s[i] != '/' && s[i] != '?' && s[i] != '#') i++;
    return s[i] == ':';
}

/* Resolves ref against base (RFC 3986, simplified); malloc'd. */
static char *uri_resolve(const char *base, const char *ref) {
    rg_buf b = RG_BUF_INIT;
    size_t blen = strcspn(base, "#");
    if (has_scheme(ref) || !*base) {
        rg_buf_puts(&b, ref);
    } else if (ref[0] == '#' || !ref[0]) {
        rg_buf_append(&b, base, blen);
        rg_buf_puts(&b, ref);
    } else if (ref[0] == '/') {
        const char *p = strstr(base, "://");
        const char *host_end = p ? strchr(p + 3, '/') : NULL;
        size_t keep = host_end ? (size_t)(host_end - base) : (p ? blen : 0);
        rg_buf_append(&b, base, keep);
        rg_buf_puts(&b, ref);
    } else {
        size_t keep = blen;
        while (keep && base[keep - 1] != '/') keep--;
        rg_buf_append(&b, base, keep);
        rg_buf_puts(&b, ref);
    }
    return b.data ? rg_buf_detach(&b) : rg_xstrdup("");
}

/* A document without a fragment is named like the one with an empty one. */
static void strip_empty_fragment(char *u) {
    size_t n = strlen(u);
    if (n && u[n - 1] == '#') u[n - 1] = 0;
}

/* Draft 6 renamed "id" to "$id"; the hybrid draft takes "id" when present. */
static const char *id_key(rg_value m, int draft) {
    if (draft == DRAFT4) return "id";
    if (draft == HYBRID && !rg_is_undef(rg_object_get_str(m, "id"))) return "id";
    return "$id";
}

/* Records every subschema carrying an id, with its absolute URI. */
static void collect_ids(js_compiler *c, rg_value v, const char *base, int depth) {
    if (depth > MAX_PARSE_DEPTH) return;
    char *here = NULL;
    if (v.kind == RG_OBJECT) {
        rg_value id = rg_object_get_str(v, id_key(v, c->draft));
        if (id.kind == RG_STRING && memchr(cstr(id), 0, id.len) == NULL) {
            here = uri_resolve(base, cstr(id));
            strip_empty_fragment(here);
            c->ids = grow(c->ids, &c->cap_ids, c->nids, sizeof *c->ids);
            c->ids[c->nids++] = (js_id){rg_xstrdup(here), v};
            base = here;
        }
        for (size_t i = 0; i < v.len; i++) {
            rg_value k = rg_obj_key(v, i);
            if (key_is(k, "enum") || key_is(k, "const")) continue;
            collect_ids(c, rg_obj_val(v, i), base, depth + 1);
        }
    } else if (v.kind == RG_ARRAY) {
        for (size_t i = 0; i < v.len; i++) collect_ids(c, v.u.items[i], base, depth + 1);
    }
    free(here);
}

static int hexval(char ch) {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* Decodes one pointer token: %XX, then ~1 and ~0. */
static void pointer_token(rg_buf *out, const char *s, size_t n) {
    rg_buf pct = RG_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            rg_buf_putc(&pct, (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2])));
            i += 2;
        } else {
            rg_buf_putc(&pct, s[i]);
        }
    }
    for (size_t i = 0; i < pct.len; i++) {
        if (pct.data[i] == '~' && i + 1 < pct.len && (pct.data[i + 1] == '0' || pct.data[i + 1] == '1')) {
            rg_buf_putc(out, pct.data[i + 1] == '0' ? '~' : '/');
            i++;
        } else {
            rg_buf_putc(out, pct.data[i]);
        }
    }
    rg_buf_fini(&pct);
}

/* Follows a JSON pointer ("/a/0/b") from v; errors as gojsonpointer words them. */
static int follow_pointer(js_compiler *c, rg_value v, const char *ptr, rg_value *out) {
    while (*ptr == '/') {
        const char *end = strchr(ptr + 1, '/');
        size_t n = end ? (size_t)(end - ptr - 1) : strlen(ptr + 1);
        rg_buf tok = RG_BUF_INIT;
        pointer_token(&tok, ptr + 1, n);
        const char *t = rg_buf_cstr(&tok);
        int rc = 0;
        if (v.kind == RG_OBJECT) {
            rg_value next = rg_object_get(v, rg_string_static(t, tok.len));
            if (rg_is_undef(next)) rc = fail(c, "Object has no key '%s'", t);
            else v = next;
        } else if (v.kind == RG_ARRAY) {
            char *e;
            long idx = strtol(t, &e, 10);
            if (!tok.len || *e) rc = fail(c, "Invalid array index '%s'", t);
            else if (idx < 0 || (size_t)idx >= v.len) rc = fail(c, "Out of bound array[0,%u] index '%ld'", v.len, idx);
            else v = v.u.items[idx];
        } else {
            rc = fail(c, "Invalid token reference '%s'", t);
        }
        rg_buf_fini(&tok);
        if (rc) return rc;
        ptr += 1 + n;
    }
    *out = v;
    return 0;
}

/* Finds the schema a resolved reference (absolute URI) names: a document
 * (the root or a subschema with an id), then a JSON pointer or plain-name
 * fragment within it. */
static int lookup_ref(js_compiler *c, const char *uri, rg_value *out) {
    const char *hash = strchr(uri, '#');
    size_t dlen = hash ? (size_t)(hash - uri) : strlen(uri);
    const char *frag = hash ? hash + 1 : "";
    rg_value doc = rg_undefined();
    if (dlen == strlen(c->root_uri) && strncmp(uri, c->root_uri, dlen) == 0) doc = c->root;
    for (size_t i = 0; i < c->nids && rg_is_undef(doc); i++)
        if (strlen(c->ids[i].uri) == dlen && strncmp(c->ids[i].uri, uri, dlen) == 0) doc = c->ids[i].schema;
    if (*frag && *frag != '/') { /* a plain-name fragment is an id of its own */
        for (size_t i = 0; i < c->nids; i++)
            if (strcmp(c->ids[i].uri, uri) == 0) return (*out = c->ids[i].schema), 0;
        return fail(c, "Object has no key '%s'", frag);
    }
    if (rg_is_undef(doc)) return fail(c, "Reference %.*s is not a document known to the schema", (int)dlen, uri);
    return follow_pointer(c, doc, frag, out);
}

static js_node *new_node(js_compiler *c) {
    js_node *n = rg_arena_calloc(c->a, sizeof *n);
    n->pass = -1;
    n->addl_props = n->addl_items = -1;
    n->min_len = n->max_len = n->min_props = n->max_props = n->min_items = n->max_items = -1;
    n->multiple_of = n->minimum = n->maximum = n->ex_min = n->ex_max = rg_undefined();
    n->pattern_src = n->format = n->required = rg_undefined();
    return n;
}

static int parse(js_compiler *c, rg_value v, js_node *n, const char *base, int depth);

static js_node *parse_child(js_compiler *c, rg_value v, const char *base, int depth) {
    js_node *n = new_node(c);
    return parse(c, v, n, base, depth + 1) ? NULL : n;
}

static int parse_ref(js_compiler *c, rg_value ref, js_node *n, const char *base, int depth) {
    if (ref.kind != RG_STRING) return invalid_type(c, "string", "$ref");
    char *uri = uri_resolve(base, cstr(ref));
    strip_empty_fragment(uri);
    for (size_t i = 0; i < c->npool; i++) {
        if (strcmp(c->pool[i].key, uri) == 0) {
            n->ref = c->pool[i].node;
            free(uri);
            return 0;
        }
    }
    js_node *target = new_node(c);
    c->pool = grow(c->pool, &c->cap_pool, c->npool, sizeof *c->pool);
    c->pool[c->npool++] = (js_pool_entry){uri, target};
    n->ref = target;
    rg_value doc;
    if (lookup_ref(c, uri, &doc)) return -1;
    if (!is_map_or_bool(doc)) return fail(c, "valid schema must be of type object");
    return parse(c, doc, target, uri, depth + 1);
}

static int add_type(js_compiler *c, js_node *n, rg_value t) {
    for (size_t i = 0; i < 7; i++) {
        if (!key_is(t, json_types[i])) continue;
        for (int j = 0; j < n->ntypes; j++)
            if (n->types[j] == json_types[i]) return fail(c, "%s type is duplicated", json_types[i]);
        n->types[n->ntypes++] = json_types[i];
        return 0;
    }
    return fail(c, "has a primitive type that is NOT VALID -- given: /%s/ Expected valid values "
                   "are:[array boolean integer number null object string]", cstr(t));
}

static int parse_type(js_compiler *c, rg_value t, js_node *n) {
    if (t.kind == RG_STRING) return add_type(c, n, t);
    if (t.kind != RG_ARRAY) return invalid_type(c, "string/array of strings", "type");
    for (size_t i = 0; i < t.len; i++) {
        if (t.u.items[i].kind != RG_STRING) return invalid_type(c, "string/array of strings", "type");
        if (add_type(c, n, t.u.items[i])) return -1;
    }
    return 0;
}

static int parse_properties(js_compiler *c, rg_value m, js_node *n, const char *base, int depth) {
    rg_value p = rg_object_get_str(m, "properties");
    if (!rg_is_undef(p)) {
        if (p.kind != RG_OBJECT) return invalid_type(c, "object", "properties");
        n->props = rg_arena_calloc(c->a, (p.len ? p.len : 1) * sizeof *n->props);
        for (size_t i = 0; i < p.len; i++) {
            n->props[i].name = rg_obj_key(p, i);
            if (!(n->props[i].node = parse_child(c, rg_obj_val(p, i), base, depth))) return -1;
        }
        n->nprops = p.len;
    }
    rg_value ap = rg_object_get_str(m, "additionalProperties");
    if (ap.kind == RG_BOOL) {
        n->addl_props = ap.u.b;
    } else if (ap.kind == RG_OBJECT) {
        n->addl_props = 2;
        if (!(n->addl_props_node = parse_child(c, ap, base, depth))) return -1;
    } else if (!rg_is_undef(ap)) {
        return invalid_type(c, "boolean/valid schema", "additionalProperties");
    }
    rg_value pp = rg_object_get_str(m, "patternProperties");
    if (!rg_is_undef(pp)) {
        if (pp.kind != RG_OBJECT) return invalid_type(c, "valid schema", "patternProperties");
        n->pprops = rg_arena_calloc(c->a, (pp.len ? pp.len : 1) * sizeof *n->pprops);
        for (size_t i = 0; i < pp.len; i++) {
            rg_value k = rg_obj_key(pp, i);
            js_named *e = &n->pprops[i];
            e->name = k;
            if (k.kind != RG_STRING || !(e->re = compile_re(c, cstr(k), k.len)))
                return fail(c, "Invalid regex pattern '%s'", k.kind == RG_STRING ? cstr(k) : "");
            if (!(e->node = parse_child(c, rg_obj_val(pp, i), base, depth))) return -1;
        }
        n->npprops = pp.len;
    }
    rg_value pn = rg_object_get_str(m, "propertyNames");
    if (!rg_is_undef(pn) && c->draft >= DRAFT6) {
        if (!is_map_or_bool(pn)) return invalid_type(c, "valid schema", "patternProperties");
        if (!(n->prop_names = parse_child(c, pn, base, depth))) return -1;
    }
    return 0;
}

static int parse_dependencies(js_compiler *c, rg_value d, js_node *n, const char *base, int depth) {
    if (d.kind != RG_OBJECT) return invalid_type(c, "object", "dependencies");
    n->deps = rg_arena_calloc(c->a, (d.len ? d.len : 1) * sizeof *n->deps);
    for (size_t i = 0; i < d.len; i++) {
        rg_value v = rg_obj_val(d, i);
        js_dep *e = &n->deps[i];
        e->key = rg_obj_key(d, i);
        e->names = rg_undefined();
        if (v.kind == RG_ARRAY) {
            for (size_t j = 0; j < v.len; j++)
                if (v.u.items[j].kind != RG_STRING)
                    return fail(c, "dependency must be of type schema or array of strings");
            e->names = v;
        } else if (is_map_or_bool(v)) {
            if (!(e->node = parse_child(c, v, base, depth))) return -1;
        } else {
            return fail(c, "dependency must be of type schema or array of strings");
        }
    }
    n->ndeps = d.len;
    return 0;
}

static int parse_items(js_compiler *c, rg_value m, js_node *n, const char *base, int depth) {
    rg_value it = rg_object_get_str(m, "items");
    if (it.kind == RG_ARRAY) {
        n->items.items = rg_arena_calloc(c->a, (it.len ? it.len : 1) * sizeof(js_node *));
        for (size_t i = 0; i < it.len; i++) {
            if (!is_map_or_bool(it.u.items[i])) return invalid_type(c, "valid schema/array of schemas", "items");
            if (!(n->items.items[i] = parse_child(c, it.u.items[i], base, depth))) return -1;
        }
        n->items.len = it.len;
    } else if (is_map_or_bool(it)) {
        n->items.items = rg_arena_calloc(c->a, sizeof(js_node *));
        n->items_single = true;
        n->items.len = 1;
        if (!(n->items.items[0] = parse_child(c, it, base, depth))) return -1;
    } else if (!rg_is_undef(it)) {
        return invalid_type(c, "valid schema/array of schemas", "items");
    }
    rg_value ai = rg_object_get_str(m, "additionalItems");
    if (ai.kind == RG_BOOL) {
        n->addl_items = ai.u.b;
    } else if (ai.kind == RG_OBJECT) {
        n->addl_items = 2;
        if (!(n->addl_items_node = parse_child(c, ai, base, depth))) return -1;
    } else if (!rg_is_undef(ai)) {
        return invalid_type(c, "boolean/valid schema", "additionalItems");
    }
    return 0;
}

/* exclusiveMinimum/Maximum: a boolean modifier in draft 4, a bound of its
 * own from draft 6, either in the hybrid draft. */
static int parse_exclusive(js_compiler *c, rg_value m, const char *key, const char *plain, rg_value *bound,
                           rg_value *ex) {
    rg_value v = rg_object_get_str(m, key);
    if (rg_is_undef(v)) return 0;
    bool as_bool = v.kind == RG_BOOL && c->draft != DRAFT6 && c->draft != DRAFT7;
    if (c->draft == DRAFT4 && v.kind != RG_BOOL) return invalid_type(c, "boolean", key);
    if (as_bool) {
        if (rg_is_undef(*bound)) return fail(c, "%s cannot be used without %s", key, plain);
        if (v.u.b) {
            *ex = *bound;
            *bound = rg_undefined();
        }
        return 0;
    }
    if (v.kind != RG_NUMBER)
        return invalid_type(c, c->draft == HYBRID ? "boolean/number" : "number", key);
    *ex = v;
    return 0;
}

static int parse_numbers(js_compiler *c, rg_value m, js_node *n) {
    rg_value mo = rg_object_get_str(m, "multipleOf");
    if (!rg_is_undef(mo)) {
        if (mo.kind != RG_NUMBER) return invalid_type(c, "number", "multipleOf");
        if (rg_num_compare(mo, rg_int(0)) <= 0) return fail(c, "multipleOf must be strictly greater than 0");
        n->multiple_of = mo;
    }
    n->minimum = rg_object_get_str(m, "minimum");
    if (!rg_is_undef(n->minimum) && n->minimum.kind != RG_NUMBER) return fail(c, "minimum must be of a number");
    if (parse_exclusive(c, m, "exclusiveMinimum", "minimum", &n->minimum, &n->ex_min)) return -1;
    n->maximum = rg_object_get_str(m, "maximum");
    if (!rg_is_undef(n->maximum) && n->maximum.kind != RG_NUMBER) return fail(c, "maximum must be of a number");
    return parse_exclusive(c, m, "exclusiveMaximum", "maximum", &n->maximum, &n->ex_max);
}

/* A pair of counts (minLength/maxLength...); -1 on error. */
static int parse_bounds(js_compiler *c, rg_value m, const char *lo_key, const char *hi_key, int64_t *lo, int64_t *hi) {
    rg_value v = rg_object_get_str(m, lo_key);
    if (!rg_is_undef(v) && (*lo = int_keyword(c, v, lo_key)) < -1) return -1;
    v = rg_object_get_str(m, hi_key);
    if (!rg_is_undef(v) && (*hi = int_keyword(c, v, hi_key)) < -1) return -1;
    if (*lo >= 0 && *hi >= 0 && *lo > *hi) return fail(c, "%s cannot be greater than %s", lo_key, hi_key);
    return 0;
}

static int parse_strings(js_compiler *c, rg_value m, js_node *n) {
    if (parse_bounds(c, m, "minLength", "maxLength", &n->min_len, &n->max_len)) return -1;
    rg_value p = rg_object_get_str(m, "pattern");
    if (!rg_is_undef(p)) {
        if (p.kind != RG_STRING) return fail(c, "pattern must be of a string");
        if (!(n->pattern = compile_re(c, cstr(p), p.len))) return fail(c, "pattern must be a valid regex");
        n->pattern_src = p;
    }
    rg_value f = rg_object_get_str(m, "format");
    if (!rg_is_undef(f)) {
        if (f.kind != RG_STRING) return fail(c, "format must be of type string");
        n->format = f;
    }
    return 0;
}

static int parse_required(js_compiler *c, rg_value r, js_node *n) {
    if (r.kind != RG_ARRAY) return fail(c, "required must be of an array");
    for (size_t i = 0; i < r.len; i++) {
        if (r.u.items[i].kind != RG_STRING) return fail(c, "required items must be string");
        for (size_t j = 0; j < i; j++)
            if (rg_value_equal(r.u.items[i], r.u.items[j])) return fail(c, "required items must be unique");
    }
    n->required = r;
    return 0;
}

static int parse_objects_arrays(js_compiler *c, rg_value m, js_node *n, const char *base, int depth) {
    if (parse_bounds(c, m, "minProperties", "maxProperties", &n->min_props, &n->max_props)) return -1;
    rg_value r = rg_object_get_str(m, "required");
    if (!rg_is_undef(r) && parse_required(c, r, n)) return -1;
    if (parse_bounds(c, m, "minItems", "maxItems", &n->min_items, &n->max_items)) return -1;
    rg_value u = rg_object_get_str(m, "uniqueItems");
    if (!rg_is_undef(u)) {
        if (u.kind != RG_BOOL) return fail(c, "uniqueItems must be of a boolean");
        n->unique = u.u.b;
    }
    rg_value ct = rg_object_get_str(m, "contains");
    if (!rg_is_undef(ct) && c->draft >= DRAFT6 && !(n->contains = parse_child(c, ct, base, depth))) return -1;
    return 0;
}

static int parse_enum(js_compiler *c, rg_value m, js_node *n) {
    rg_value k = rg_object_get_str(m, "const");
    if (!rg_is_undef(k) && c->draft >= DRAFT6) n->const_json = go_json_str(c->a, k);
    rg_value e = rg_object_get_str(m, "enum");
    if (rg_is_undef(e)) return 0;
    if (e.kind != RG_ARRAY) return fail(c, "enum must be of an array");
    n->has_enum = true;
    n->enums = rg_arena_calloc(c->a, (e.len ? e.len : 1) * sizeof(char *));
    for (size_t i = 0; i < e.len; i++) {
        const char *s = go_json_str(c->a, e.u.items[i]);
        for (size_t j = 0; j < n->nenums; j++)
            if (strcmp(n->enums[j], s) == 0) return fail(c, "enum items must be unique");
        n->enums[n->nenums++] = s;
    }
    return 0;
}

static int parse_list(js_compiler *c, rg_value m, const char *key, js_list *out, const char *base, int depth) {
    rg_value v = rg_object_get_str(m, key);
    if (rg_is_undef(v)) return 0;
    if (v.kind != RG_ARRAY) return fail(c, "%s must be of an array", key);
    out->items = rg_arena_calloc(c->a, (v.len ? v.len : 1) * sizeof(js_node *));
    for (size_t i = 0; i < v.len; i++)
        if (!(out->items[out->len++] = parse_child(c, v.u.items[i], base, depth))) return -1;
    return 0;
}

static int parse_one(js_compiler *c, rg_value m, const char *key, js_node **out, const char *base, int depth) {
    rg_value v = rg_object_get_str(m, key);
    if (rg_is_undef(v)) return 0;
    if (!is_map_or_bool(v)) return fail(c, "%s must be of an object", key);
    return (*out = parse_child(c, v, base, depth)) ? 0 : -1;
}

static int parse_logic(js_compiler *c, rg_value m, js_node *n, const char *base, int depth) {
    if (parse_list(c, m, "oneOf", &n->one_of, base, depth) || parse_list(c, m, "anyOf", &n->any_of, base, depth) ||
        parse_list(c, m, "allOf", &n->all_of, base, depth) || parse_one(c, m, "not", &n->not_, base, depth))
        return -1;
    if (c->draft < DRAFT7) return 0;
    return parse_one(c, m, "if", &n->if_, base, depth) || parse_one(c, m, "then", &n->then_, base, depth) ||
                   parse_one(c, m, "else", &n->else_, base, depth)
               ? -1
               : 0;
}

static int parse_meta(js_compiler *c, rg_value m, const char *base, int depth) {
    rg_value defs = rg_object_get_str(m, "definitions");
    if (!rg_is_undef(defs)) {
        if (defs.kind != RG_OBJECT) return invalid_type(c, "array of schemas", "definitions");
        for (size_t i = 0; i < defs.len; i++) {
            if (!is_map_or_bool(rg_obj_val(defs, i))) return invalid_type(c, "array of schemas", "definitions");
            if (!parse_child(c, rg_obj_val(defs, i), base, depth)) return -1;
        }
    }
    rg_value t = rg_object_get_str(m, "title");
    if (!rg_is_undef(t) && t.kind != RG_STRING) return invalid_type(c, "string", "title");
    t = rg_object_get_str(m, "description");
    if (!rg_is_undef(t) && t.kind != RG_STRING) return invalid_type(c, "string", "description");
    return 0;
}

static int parse_keywords(js_compiler *c, rg_value m, js_node *n, const char *base, int depth) {
    if (parse_meta(c, m, base, depth)) return -1;
    rg_value ref = rg_object_get_str(m, "$ref");
    if (!rg_is_undef(ref)) return parse_ref(c, ref, n, base, depth);
    rg_value t = rg_object_get_str(m, "type");
    if (!rg_is_undef(t) && parse_type(c, t, n)) return -1;
    if (parse_properties(c, m, n, base, depth)) return -1;
    rg_value d = rg_object_get_str(m, "dependencies");
    if (!rg_is_undef(d) && parse_dependencies(c, d, n, base, depth)) return -1;
    if (parse_items(c, m, n, base, depth) || parse_numbers(c, m, n) || parse_strings(c, m, n) ||
        parse_objects_arrays(c, m, n, base, depth) || parse_enum(c, m, n) || parse_logic(c, m, n, base, depth))
        return -1;
    return 0;
}

static int parse(js_compiler *c, rg_value v, js_node *n, const char *base, int depth) {
    if (depth > MAX_PARSE_DEPTH) return fail(c, "schema nests too deeply");
    if (c->draft >= DRAFT6 && v.kind == RG_BOOL) {
        n->pass = v.u.b;
        return 0;
    }
    if (v.kind != RG_OBJECT) return fail(c, "Expected: valid schema, given: Invalid JSON");
    const char *ik = id_key(v, c->draft);
    rg_value id = rg_object_get_str(v, ik);
    if (!rg_is_undef(id) && id.kind != RG_STRING) return invalid_type(c, "string", ik);
    char *here = NULL;
    if (id.kind == RG_STRING) {
        here = uri_resolve(base, cstr(id));
        base = here;
    }
    int rc = parse_keywords(c, v, n, base, depth);
    free(here);
    return rc;
}

/* The draft named by "$schema"; the hybrid draft when absent or unknown. */
static int detect_draft(js_compiler *c, rg_value root) {
    c->draft = HYBRID;
    if (root.kind == RG_BOOL) return 0;
    if (root.kind != RG_OBJECT) return fail(c, "schema is invalid");
    rg_value s = rg_object_get_str(root, "$schema");
    if (rg_is_undef(s)) return 0;
    if (s.kind != RG_STRING) return fail(c, "$schema must be of type string");
    static const struct { const char *name; int draft; } drafts[] = {
        {"json-schema.org/draft-04/schema", DRAFT4},
        {"json-schema.org/draft-06/schema", DRAFT6},
        {"json-schema.org/draft-07/schema", DRAFT7},
    };
    const char *u = cstr(s);
    if (!strncmp(u, "https://", 8)) u += 8;
    else if (!strncmp(u, "http://", 7)) u += 7;
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(drafts[i].name);
        if (!strncmp(u, drafts[i].name, n) && (u[n] == 0 || (u[n] == '#' && u[n + 1] == 0))) c->draft = drafts[i].draft;
    }
    return 0;
}

static void compiler_fini(js_compiler *c) {
    for (size_t i = 0; i < c->nids; i++) free(c->ids[i].uri);
    for (size_t i = 0; i < c->npool; i++) free(c->pool[i].key);
    for (size_t i = 0; i < c->ncodes; i++) pcre2_code_free(c->codes[i]);
    free(c->ids);
    free(c->pool);
    free(c->codes);
    free(c->root_uri);
    rg_buf_fini(&c->err);
}

/* Compiles schema into *out; returns 0, or -1 with the message in c->err. */
static int compile_schema(js_compiler *c, rg_arena *a, rg_value schema, js_node **out) {
    memset(c, 0, sizeof *c);
    c->a = a;
    c->root = schema;
    if (detect_draft(c, schema)) return -1;
    rg_value id = schema.kind == RG_OBJECT ? rg_object_get_str(schema, id_key(schema, c->draft)) : rg_undefined();
    c->root_uri = uri_resolve("", id.kind == RG_STRING ? cstr(id) : "");
    strip_empty_fragment(c->root_uri);
    char *hash = strchr(c->root_uri, '#');
    if (hash) *hash = 0;
    collect_ids(c, schema, "", 0);
    js_node *root = new_node(c);
    if (parse(c, schema, root, c->root_uri, 0)) return -1;
    *out = root;
    return 0;
}

/* ------------------------------------------------------------------------
 * Formats (gojsonschema's checkers; unknown formats always pass)
 * ---------------------------------------------------------------------- */

static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }
static bool is_alnum(char ch) { return is_digit(ch) || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

/* Reads exactly n digits at *p into *out. */
static bool digits(const char **p, const char *end, int n, int *out) {
    int v = 0;
    for (int i = 0; i < n; i++, (*p)++) {
        if (*p >= end || !is_digit(**p)) return false;
        v = v * 10 + (**p - '0');
    }
    *out = v;
    return true;
}

static bool parse_date(const char **p, const char *end) {
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 0, m = 0, d = 0;
    if (!digits(p, end, 4, &y) || *p >= end || *(*p)++ != '-' || !digits(p, end, 2, &m) || *p >= end ||
        *(*p)++ != '-' || !digits(p, end, 2, &d))
        return false;
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

/* 15:04:05 with optional fraction, then optionally Z or ±hh:mm. */
static bool parse_time(const char **p, const char *end, bool zone) {
    int h = 0, mi = 0, s = 0;
    if (*p < end && is_digit(**p)) h = *(*p)++ - '0';
    else return false;
    if (*p < end && is_digit(**p)) h = h * 10 + (*(*p)++ - '0');
    if (h > 23 || *p >= end || *(*p)++ != ':' || !digits(p, end, 2, &mi) || mi > 59 || *p >= end || *(*p)++ != ':' ||
        !digits(p, end, 2, &s) || s > 59)
        return false;
    if (*p + 1 < end && (**p == '.' || **p == ',') && is_digit((*p)[1])) {
        (*p)++;
        while (*p < end && is_digit(**p)) (*p)++;
    }
    if (!zone) return true;
    if (*p < end && **p == 'Z') {
        (*p)++;
        return true;
    }
    int zh = 0, zm = 0;
    if (*p >= end || (**p != '+' && **p != '-')) return false;
    (*p)++;
    if (!digits(p, end, 2, &zh) || zh > 23 || *p >= end || *(*p)++ != ':') return false;
    return digits(p, end, 2, &zm) && zm < 60;
}

static bool fmt_time(const char *s, size_t n, bool zone) {
    const char *p = s;
    return parse_time(&p, s + n, zone) && p == s + n;
}

static bool fmt_date(const char *s, size_t n) {
    const char *p = s;
    return parse_date(&p, s + n) && p == s + n;
}

static bool fmt_date_time(const char *s, size_t n) {
    if (fmt_time(s, n, false) || fmt_time(s, n, true) || fmt_date(s, n)) return true;
    const char *p = s;
    return parse_date(&p, s + n) && p < s + n && *p++ == 'T' && parse_time(&p, s + n, true) && p == s + n;
}

static bool fmt_hostname(const char *s, size_t n) {
    if (n == 0 || n >= 256) return false;
    size_t label = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '.') {
            if (label == 0 || label > 63 || s[i - 1] == '-') return false;
            label = 0;
            continue;
        }
        if (!is_alnum(s[i]) && !(s[i] == '-' && label > 0)) return false;
        label++;
    }
    return true;
}

static bool atext(unsigned char ch) {
    return is_alnum((char)ch) || ch >= 0x80 || (ch && strchr("!#$%&'*+-/=?^_`{|}~", ch));
}

/* dot-atom: atext runs separated by single dots. */
static bool dot_atom(const char *s, size_t n) {
    if (!n || s[0] == '.' || s[n - 1] == '.') return false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.') {
            if (s[i + 1] == '.') return false;
        } else if (!atext((unsigned char)s[i])) {
            return false;
        }
    }
    return true;
}

/* An address as net/mail.ParseAddress accepts it (simplified). */
static bool fmt_email(const char *s, size_t n) {
    if (n && s[n - 1] == '>') {
        const char *lt = memchr(s, '<', n);
        if (!lt) return false;
        return fmt_email(lt + 1, (size_t)(s + n - 1 - (lt + 1)));
    }
    const char *at = NULL;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '@') at = s + i;
    if (!at) return false;
    size_t ln = (size_t)(at - s), dn = n - ln - 1;
    bool local = (ln >= 2 && s[0] == '"' && s[ln - 1] == '"') || dot_atom(s, ln);
    bool domain = (dn >= 2 && at[1] == '[' && s[n - 1] == ']') || dot_atom(at + 1, dn);
    return local && domain;
}

static bool fmt_ip(const char *s, size_t n, char must) {
    char buf[64];
    unsigned char addr[16];
    if (n >= sizeof buf || !memchr(s, must, n)) return false;
    memcpy(buf, s, n);
    buf[n] = 0;
    return inet_pton(AF_INET, buf, addr) == 1 || inet_pton(AF_INET6, buf, addr) == 1;
}

static bool valid_escapes(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] == '%' && (i + 2 >= n || hexval(s[i + 1]) < 0 || hexval(s[i + 2]) < 0)) return false;
    return true;
}

static bool host_ok(const char *h, size_t n) {
    size_t end = n;
    if (n && h[0] == '[') {
        const char *close = memchr(h, ']', n);
        if (!close) return false;
        end = (size_t)(close - h) + 1;
        if (end < n && h[end] != ':') return false;
    } else {
        const char *colon = NULL;
        for (size_t i = 0; i < n; i++)
            if (h[i] == ':') colon = h + i;
        if (colon) end = (size_t)(colon - h);
    }
    for (size_t i = end + 1; i < n; i++)
        if (!is_digit(h[i])) return false; /* the port */
    for (size_t i = 0; i < end; i++) {
        unsigned char ch = (unsigned char)h[i];
        if (ch < 0x80 && !is_alnum((char)ch) && !strchr("-_.~!$&'()*+,;=:[]<>\"%", ch)) return false;
    }
    return valid_escapes(h, end);
}

/* Whether Go's url.Parse accepts s; *scheme tells whether it has one. */
static bool go_url_ok(const char *s, size_t n, bool *scheme, const char **path, size_t *path_len) {
    *scheme = false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) return false;
    const char *hash = memchr(s, '#', n);
    if (hash) {
        if (!valid_escapes(hash + 1, (size_t)(s + n - hash - 1))) return false;
        n = (size_t)(hash - s);
    }
    size_t i = 0;
    if (n && ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) {
        while (i < n && (is_alnum(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')) i++;
        if (i < n && s[i] == ':') {
            *scheme = true;
            s += i + 1;
            n -= i + 1;
        }
    } else if (n && s[0] == ':') {
        return false; /* missing protocol scheme */
    }
    const char *q = memchr(s, '?', n);
    if (q) n = (size_t)(q - s);
    if (!*scheme && n && s[0] != '/') {
        size_t seg = 0;
        while (seg < n && s[seg] != '/') seg++;
        if (memchr(s, ':', seg)) return false; /* first path segment contains a colon */
    }
    if (n >= 2 && s[0] == '/' && s[1] == '/' && (*scheme || n < 3 || s[2] != '/')) {
        const char *slash = memchr(s + 2, '/', n - 2);
        size_t alen = slash ? (size_t)(slash - s - 2) : n - 2;
        const char *auth = s + 2, *at = NULL;
        for (size_t k = 0; k < alen; k++)
            if (auth[k] == '@') at = auth + k;
        const char *host = at ? at + 1 : auth;
        if (!host_ok(host, alen - (size_t)(host - auth))) return false;
        s += 2 + alen;
        n -= 2 + alen;
    }
    *path = s;
    *path_len = n;
    return valid_escapes(s, n);
}

static bool fmt_uri(const char *s, size_t n, int kind) {
    bool scheme;
    const char *path;
    size_t plen;
    if (memchr(s, '\\', n) || !go_url_ok(s, n, &scheme, &path, &plen)) return false;
    if (kind == 0) return scheme;
    if (kind == 1) return true;
    /* uri-template: every '{' is closed by a later '}' */
    for (size_t i = 0; i < plen; i++) {
        if (path[i] != '{') continue;
        const char *close = memchr(path + i, '}', plen - i);
        if (!close) return false;
        i = (size_t)(close - path);
    }
    return true;
}

static bool fmt_uuid(const char *s, size_t n) {
    if (n != 36) return false;
    for (size_t i = 0; i < n; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-') return false;
        } else if (hexval(s[i]) < 0) {
            return false;
        }
    }
    return true;
}

static bool fmt_pointer(const char *s, size_t n) {
    if (n && s[0] != '/') return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '~' && (i + 1 >= n || (s[i + 1] != '0' && s[i + 1] != '1'))) return false;
    return true;
}

static bool fmt_rel_pointer(const char *s, size_t n) {
    size_t i = 0;
    if (n && s[0] == '0') i = 1;
    else
        while (i < n && is_digit(s[i])) i++;
    if (i == 0) return false;
    if (i < n && s[i] == '#') return i + 1 == n;
    return fmt_pointer(s + i, n - i);
}

static bool fmt_regex(const char *s, size_t n) {
    int ecode;
    if (!re2_syntax_ok(s, n)) return false;
    PCRE2_SIZE eoff;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)(n ? s : ""), n, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &ecode, &eoff, NULL);
    pcre2_code_free(re);
    return re != NULL;
}

static bool is_format(rg_value fmt, const char *s, size_t n) {
    const char *f = cstr(fmt);
    if (!strcmp(f, "date")) return fmt_date(s, n);
    if (!strcmp(f, "time")) return fmt_time(s, n, true) || fmt_time(s, n, false);
    if (!strcmp(f, "date-time")) return fmt_date_time(s, n);
    if (!strcmp(f, "hostname")) return fmt_hostname(s, n);
    if (!strcmp(f, "email") || !strcmp(f, "idn-email")) return fmt_email(s, n);
    if (!strcmp(f, "ipv4")) return fmt_ip(s, n, '.');
    if (!strcmp(f, "ipv6")) return fmt_ip(s, n, ':');
    if (!strcmp(f, "uri") || !strcmp(f, "iri")) return fmt_uri(s, n, 0);
    if (!strcmp(f, "uri-reference") || !strcmp(f, "iri-reference")) return fmt_uri(s, n, 1);
    if (!strcmp(f, "uri-template")) return fmt_uri(s, n, 2);
    if (!strcmp(f, "uuid")) return fmt_uuid(s, n);
    if (!strcmp(f, "regex")) return fmt_regex(s, n);
    if (!strcmp(f, "json-pointer")) return fmt_pointer(s, n);
    if (!strcmp(f, "relative-json-pointer")) return fmt_rel_pointer(s, n);
    return true;
}

/* ------------------------------------------------------------------------
 * Validation
 * ---------------------------------------------------------------------- */

typedef struct js_err {
    const char *type, *field, *desc;
} js_err;

/* Errors and gojsonschema's score (how far a branch got), which picks the
 * anyOf/oneOf branch whose errors are reported. */
typedef struct js_result {
    js_err *items;
    size_t len, cap;
    long score;
} js_result;

/* The document location: "(root)" then property names and indexes. */
typedef struct js_path {
    const struct js_path *up;
    const char *name;
    size_t len;
} js_path;

typedef struct js_validator {
    rg_arena *a; /* error strings (scratch) */
    long steps;
    bool aborted;
} js_validator;

static const char *field_of(rg_arena *a, const js_path *p) {
    if (!p->up) return "(root)";
    size_t n = 0;
    for (const js_path *q = p; q->up; q = q->up) n += q->len + 1;
    char *s = rg_arena_alloc(a, n);
    size_t pos = n - 1;
    s[pos] = 0;
    for (const js_path *q = p; q->up; q = q->up) {
        pos -= q->len;
        memcpy(s + pos, q->name, q->len);
        if (pos) s[--pos] = '.';
    }
    return s;
}

static void add_error(js_validator *v, js_result *r, const char *type, const js_path *p, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void add_error(js_validator *v, js_result *r, const char *type, const js_path *p, const char *fmt, ...) {
    rg_buf b = RG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    rg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    r->items = grow(r->items, &r->cap, r->len, sizeof *r->items);
    r->items[r->len++] = (js_err){type, field_of(v->a, p), rg_arena_strndup(v->a, rg_buf_cstr(&b), b.len)};
    rg_buf_fini(&b);
    r->score -= 2; /* a net -1 once the check's own +1 is counted */
}

static void merge(js_result *into, js_result *from) {
    for (size_t i = 0; i < from->len; i++) {
        into->items = grow(into->items, &into->cap, into->len, sizeof *into->items);
        into->items[into->len++] = from->items[i];
    }
    into->score += from->score;
    free(from->items);
    *from = (js_result){0};
}

static void result_fini(js_result *r) {
    free(r->items);
    *r = (js_result){0};
}

static void validate(js_validator *v, const js_node *n, rg_value x, js_result *r, const js_path *p, int depth);

static js_result sub_validate(js_validator *v, const js_node *n, rg_value x, const js_path *p, int depth) {
    js_result r = {0};
    validate(v, n, x, &r, p, depth + 1);
    return r;
}

static const char *num_text(rg_arena *a, rg_value n) {
    char buf[64];
    snprintf(buf, sizeof buf, "%.10g", rg_num_to_double(n));
    return rg_arena_strdup(a, buf);
}

/* A number's exact value: its shortest decimal text read as a fraction. */
static void num_to_mpq(rg_value n, mpq_t out) {
    char buf[64];
    if (n.sub == RG_NUM_BIG) {
        char *t = strndup(n.u.s, n.len);
        mpq_set_str(out, t, 10);
        free(t);
        return;
    }
    if (n.sub == RG_NUM_INT) {
        snprintf(buf, sizeof buf, "%lld", (long long)n.u.i);
        mpq_set_str(out, buf, 10);
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, n.u.d);
        if (strtod(buf, NULL) == n.u.d) break;
    }
    char *e = strchr(buf, 'e');
    int exp = atoi(e + 1);
    *e = 0;
    rg_buf digs = RG_BUF_INIT; /* mantissa digits without the point */
    for (char *c = buf; *c; c++)
        if (*c != '.') rg_buf_putc(&digs, *c);
    int scale = (int)strlen(buf) - (buf[0] == '-' ? 3 : 2) - exp; /* digits after the point */
    if (strchr(buf, '.') == NULL) scale = -exp;
    mpz_t num, den;
    mpz_init_set_str(num, rg_buf_cstr(&digs), 10);
    mpz_init_set_ui(den, 1);
    if (scale > 0) mpz_ui_pow_ui(den, 10, (unsigned long)scale);
    else if (scale < 0) {
        mpz_t m;
        mpz_init(m);
        mpz_ui_pow_ui(m, 10, (unsigned long)-scale);
        mpz_mul(num, num, m);
        mpz_clear(m);
    }
    mpq_set_num(out, num);
    mpq_set_den(out, den);
    mpq_canonicalize(out);
    mpz_clears(num, den, NULL);
    rg_buf_fini(&digs);
}

static bool is_multiple(rg_value x, rg_value m) {
    if (x.sub == RG_NUM_FLOAT && !isfinite(x.u.d)) return false;
    mpq_t a, b;
    mpq_inits(a, b, NULL);
    num_to_mpq(x, a);
    num_to_mpq(m, b);
    mpq_div(a, a, b);
    bool ok = mpz_cmp_ui(mpq_denref(a), 1) == 0;
    mpq_clears(a, b, NULL);
    return ok;
}

static bool has_type(const js_node *n, const char *t) {
    for (int i = 0; i < n->ntypes; i++)
        if (!strcmp(n->types[i], t)) return true;
    return false;
}

static const char *given_type(rg_value x) {
    switch ((rg_kind)x.kind) {
    case RG_NULL: return "null";
    case RG_BOOL: return "boolean";
    case RG_NUMBER: return rg_num_is_integer(x) ? "integer" : "number";
    case RG_STRING: return "string";
    case RG_OBJECT: return "object";
    default: return "array";
    }
}

static bool type_ok(const js_node *n, rg_value x) {
    if (!n->ntypes) return true;
    const char *g = given_type(x);
    if (x.kind == RG_NUMBER) return has_type(n, "number") || (!strcmp(g, "integer") && has_type(n, "integer"));
    return has_type(n, g);
}

static void types_text(rg_buf *b, const js_node *n) {
    if (n->ntypes == 1) {
        rg_buf_puts(b, n->types[0]);
        return;
    }
    rg_buf_putc(b, '[');
    for (int i = 0; i < n->ntypes; i++) rg_buf_printf(b, "%s%s", i ? "," : "", n->types[i]);
    rg_buf_putc(b, ']');
}

static void validate_any_one(js_validator *v, const js_node *n, rg_value x, js_result *r, const js_path *p, int depth) {
    if (n->any_of.len) {
        bool ok = false;
        js_result best = {0};
        bool have = false;
        for (size_t i = 0; i < n->any_of.len && !ok; i++) {
            js_result sr = sub_validate(v, n->any_of.items[i], x, p, depth);
            ok = sr.len == 0;
            if (!ok && (!have || sr.score > best.score)) {
                result_fini(&best);
                best = sr;
                have = true;
            } else {
                result_fini(&sr);
            }
        }
        if (!ok) {
            add_error(v, r, "number_any_of", p, "Must validate at least one schema (anyOf)");
            merge(r, &best);
        }
        result_fini(&best);
    }
    if (n->one_of.len) {
        size_t valid = 0;
        js_result best = {0};
        bool have = false;
        for (size_t i = 0; i < n->one_of.len; i++) {
            js_result sr = sub_validate(v, n->one_of.items[i], x, p, depth);
            if (sr.len == 0) valid++;
            if (sr.len && valid == 0 && (!have || sr.score > best.score)) {
                result_fini(&best);
                best = sr;
                have = true;
            } else {
                result_fini(&sr);
            }
        }
        if (valid != 1) {
            add_error(v, r, "number_one_of", p, "Must validate one and only one schema (oneOf)");
            if (valid == 0) merge(r, &best);
        }
        result_fini(&best);
    }
}

static void validate_dependencies(js_validator *v, const js_node *n, rg_value x, js_result *r, const js_path *p,
                                  int depth) {
    for (size_t i = 0; i < n->ndeps; i++) {
        const js_dep *d = &n->deps[i];
        if (rg_is_undef(rg_object_get(x, d->key))) continue;
        if (d->node) {
            validate(v, d->node, x, r, p, depth + 1);
            continue;
        }
        for (size_t j = 0; j < d->names.len; j++)
            if (rg_is_undef(rg_object_get(x, d->names.u.items[j])))
                add_error(v, r, "missing_dependency", p, "Has a dependency on %s", cstr(d->names.u.items[j]));
    }
}

static void validate_condition(js_validator *v, const js_node *n, rg_value x, js_result *r, const js_path *p,
                               int depth) {
    js_result ir = sub_validate(v, n->if_, x, p, depth);
    bool if_ok = ir.len == 0;
    result_fini(&ir);
    const js_node *branch = if_ok ? n->then_ : n->else_;
    if (!branch) return;
    js_result br = sub_validate(v, branch, x, p, depth);
    if (br.len) {
        if (if_ok) add_error(v, r, "condition_then", p, "Must validate \"then\" as \"if\" was valid");
        else add_error(v, r, "condition_else", p, "Must validate \"else\" as \"if\" was not valid");
        merge(r, &br);
    }
    result_fini(&br);
}

/* The combining keywords: anyOf, oneOf, allOf, not, dependencies, if. */
static void validate_schema(js_validator *v, const js_node *n, rg_value x, js_result *r, const js_path *p, int depth) {
    validate_any_one(v, n, x, r, p, depth);
    if (n->all_of.len) {
        size_t valid = 0;
        for (size_t i = 0; i < n->all_of.len; i++) {
            js_result sr = sub_validate(v, n->all_of.items[i], x, p, depth);
            if (sr.len == 0) valid++;
            merge(r, &sr);
        }
        if (valid != n->all_of.len) add_error(v, r, "number_all_of", p, "Must validate all the schemas (allOf)");
    }
    if (n->not_) {
        js_result sr = sub_validate(v, n->not_, x, p, depth);
        if (sr.len == 0) add_error(v, r, "number_not", p, "Must not validate the schema (not)");
        result_fini(&sr);
    }
    if (n->ndeps && x.kind == RG_OBJECT) validate_dependencies(v, n, x, r, p, depth);
    if (n->if_) validate_condition(v, n, x, r, p, depth);
    r->score++;
}

static void validate_common(js_validator *v, const js_node *n, rg_value x, js_result *r, const js_path *p) {
    if (n->const_json || n->has_enum) {
        const char *js = go_json_str(v->a, x);
        if (n->const_json && strcmp(js, n->const_json) != 0)
            add_error(v, r, "const", p, "%s does not match: %s", field_of(v->a, p), n->const_json);
        bool found = false;
        for (size_t i = 0; i < n->nenums && !found; i++) found = !strcmp(js, n->enums[i]);
        if (n->has_enum && !found) {
            rg_buf b = RG_BUF_INIT;
            for (size_t i = 0; i < n->nenums; i++) rg_buf_printf(&b, "%s%s", i ? ", " : "", n->enums[i]);
            add_error(v, r, "enum", p, "%s must be one of the following: %s", field_of(v->a, p), rg_buf_cstr(&b));
            rg_buf_fini(&b);
        }
    }
    r->score++;
}

static size_t rune_count(const char *s, size_t n) {
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        bool ok;
        i += rg_enc_utf8_decode((const unsigned char *)s + i, n - i, &cp, &ok);
        count++;
    }
    return count;
}

static void validate_string(js_validator *v, const js_node *n, rg_value x, js_result *r, const js_path *p) {
    const char *s = cstr(x);
    if (n->min_len >= 0 || n->max_len >= 0) {
        size_t len = rune_count(s, x.len);
        if (n->min_len >= 0 && len < (size_t)n->min_len)
            add_error(v, r, "string_gte", p, "String length must be greater than or equal to %lld", (long long)n->min_len);
        if (n->max_len >= 0 && len > (size_t)n->max_len)
            add_error(v, r, "string_lte", p, "String length must be less than or equal to %lld", (long long)n->max_len);
    }
    if (n->pattern && !re_match(n->pattern, s, x.len))
        add_error(v, r, "pattern", p, "Does not match pattern '%s'", cstr(n->pattern_src));
    if (!rg_is_undef(n->format) && !is_format(n->format, s, x.len))
        add_error(v, r, "format", p, "Does not match format '%s'", cstr(n->format));
    r->score++;
}

static void validate_number(js_validator *v, const js_node *n, rg_value x, js_result *r, const js_path *p) {
    if (!rg_is_undef(n->multiple_of) && !is_multiple(x, n->multiple_of))
        add_error(v, r, "multiple_of", p, "Must be a multiple of %s", num_text(v->a, n->multiple_of));
    if (!rg_is_undef(n->maximum) && rg_num_compare(x, n->maximum) > 0)
        add_error(v, r, "number_lte", p, "Must be less than or equal to %s", num_text(v->a, n->maximum));
    if (!rg_is_undef(n->ex_max) && rg_num_compare(x, n->ex_max) >= 0)
        add_error(v, r, "number_lt", p, "Must be less than %s", num_text(v->a, n->ex_max));
    if (!rg_is_undef(n->minimum) && rg_num_compare(x, n->minimum) < 0)
        add_error(v, r, "number_gte", p, "Must be greater than or equal to %s", num_text(v->a, n->minimum));
    if (!rg_is_undef(n->ex_min) && rg_num_compare(x, n->ex_min) <= 0)
        add_error(v, r, "number_gt", p, "Must be greater than %s", num_text(v->a, n->ex_min));
    r->score++;
}

static js_path child_path(const js_path *up, char *buf, size_t cap, size_t i) {
    int len = snprintf(buf, cap, "%zu", i);
    return (js_path){up, buf, (size_t)len};
}

static void validate_items(js_validator *v, const js_node *n, rg_value x, js_result *r, const js_path *p, int depth) {
    char buf[24];
    size_t lim = n->items_single ? x.len : (n->items.len < x.len ? n->items.len : x.len);
    for (size_t i = 0; i < lim && n->items.len; i++) {
        js_path cp = child_path(p, buf, sizeof buf, i);
        js_result sr = sub_validate(v, n->items.items[n->items_single ? 0 : i], x.u.items[i], &cp, depth);
        merge(r, &sr);
    }
    if (n->items_single || !n->items.len || n->items.len >= x.len) return;
    if (n->addl_items == 0) add_error(v, r, "array_no_additional_items", p, "No additional items allowed on array");
    for (size_t i = n->items.len; n->addl_items == 2 && i < x.len; i++) {
        js_path cp = child_path(p, buf, sizeof buf, i);
        js_result sr = sub_validate(v, n->addl_items_node, x.u.items[i], &cp, depth);
        merge(r, &sr);
    }
}

static void validate_contains(js_validator *v, const js_node *n, rg_value x, js_result *r, const js_path *p,
                              int depth) {
    char buf[24];
    js_result best = {0};
    bool have = false, ok = false;
    for (size_t i = 0; i < x.len && !ok; i++) {
        js_path cp = child_path(p, buf, sizeof buf, i);
        js_result sr = sub_validate(v, n->contains, x.u.items[i], &cp, depth);
        ok = sr.len == 0;
        if (!ok && (!have || sr.score > best.score)) {
            result_fini(&best);
            best = sr;
            have = true;
        } else {
            result_fini(&sr);
        }
    }
    if (!ok) {
        add_error(v, r, "contains", p, "At least one of the items must match");
        merge(r, &best);
    }
    result_fini(&best);
}

static void validate_array(js_validator *v, const js_node *n, rg_value x, js_result *r, const js_path *p, int depth) {
    validate_items(v, n, x, r, p, depth);
    if (n->min_items >= 0 && x.len < (uint64_t)n->min_items)
        add_error(v, r, "array_min_items", p, "Array must have at least %lld items", (long long)n->min_items);
    if (n->max_items >= 0 && x.len > (uint64_t)n->max_items)
        add_error(v, r, "array_max_items", p, "Array must have at most %lld items", (long long)n->max_items);
    if (n->unique) {
        const char **texts = rg_xcalloc(x.len ? x.len : 1, sizeof *texts);
        for (size_t j = 0; j < x.len; j++) {
            texts[j] = go_json_str(v->a, x.u.items[j]);
            for (size_t i = j; i-- > 0;) { /* the latest equal item, as a map of texts keeps */
                if (strcmp(texts[i], texts[j]) == 0) {
                    add_error(v, r, "unique", p, "array items[%zu, %zu] must be unique", i, j);
                    break;
                }
            }
        }
        free(texts);
    }
    if (n->contains) validate_contains(v, n, x, r, p, depth);
    r->score++;
}

static bool pattern_props(js_validator *v, const js_node *n, rg_value key, rg_value val, js_result *r,
                          const js_path *p, int depth) {
    bool matched = false;
    for (size_t i = 0; i < n->npprops; i++) {
        if (!re_match(n->pprops[i].re, cstr(key), key.len)) continue;
        matched = true;
        js_path cp = {p, cstr(key), key.len};
        js_result sr = sub_validate(v, n->pprops[i].node, val, &cp, depth);
        merge(r, &sr);
    }
    if (matched) r->score++;
    return matched;
}

static void validate_object(js_validator *v, const js_node *n, rg_value x, js_result *r, const js_path *p, int depth) {
    if (n->min_props >= 0 && x.len < (uint64_t)n->min_props)
        add_error(v, r, "array_min_properties", p, "Must have at least %lld properties", (long long)n->min_props);
    if (n->max_props >= 0 && x.len > (uint64_t)n->max_props)
        add_error(v, r, "array_max_properties", p, "Must have at most %lld properties", (long long)n->max_props);
    for (size_t i = 0; n->required.kind == RG_ARRAY && i < n->required.len; i++) {
        if (!rg_is_undef(rg_object_get(x, n->required.u.items[i]))) r->score++;
        else add_error(v, r, "required", p, "%s is required", cstr(n->required.u.items[i]));
    }
    for (size_t i = 0; i < x.len; i++) {
        rg_value k = rg_obj_key(x, i);
        bool found = false;
        for (size_t j = 0; j < n->nprops && !found; j++) found = rg_value_equal(n->props[j].name, k);
        bool pp = pattern_props(v, n, k, rg_obj_val(x, i), r, p, depth);
        if (found || pp) continue;
        if (n->addl_props == 0) {
            add_error(v, r, "additional_property_not_allowed", p, "Additional property %s is not allowed", cstr(k));
        } else if (n->addl_props == 2) {
            js_path cp = {p, cstr(k), k.len};
            js_result sr = sub_validate(v, n->addl_props_node, rg_obj_val(x, i), &cp, depth);
            merge(r, &sr);
        }
    }
    for (size_t i = 0; n->prop_names && i < x.len; i++) {
        js_result sr = sub_validate(v, n->prop_names, rg_obj_key(x, i), p, depth);
        if (sr.len) {
            add_error(v, r, "invalid_property_name", p, "Property name of \"%s\" does not match", cstr(rg_obj_key(x, i)));
            merge(r, &sr);
        }
        result_fini(&sr);
    }
    r->score++;
}

static void validate_properties(js_validator *v, const js_node *n, rg_value x, js_result *r, const js_path *p,
                                int depth) {
    for (size_t i = 0; i < n->nprops; i++) {
        rg_value val = rg_object_get(x, n->props[i].name);
        if (rg_is_undef(val)) continue;
        js_path cp = {p, cstr(n->props[i].name), n->props[i].name.len};
        validate(v, n->props[i].node, val, r, &cp, depth + 1);
    }
}

static void validate(js_validator *v, const js_node *n, rg_value x, js_result *r, const js_path *p, int depth) {
    if (v->aborted || ++v->steps > MAX_STEPS || depth > MAX_VALIDATE_DEPTH) {
        v->aborted = true;
        return;
    }
    if (n->pass >= 0) {
        if (!n->pass) add_error(v, r, "false", p, "False always fails validation");
        return;
    }
    if (n->ref) {
        validate(v, n->ref, x, r, p, depth + 1);
        return;
    }
    if (!type_ok(n, x)) {
        rg_buf b = RG_BUF_INIT;
        types_text(&b, n);
        add_error(v, r, "invalid_type", p, "Invalid type. Expected: %s, given: %s", rg_buf_cstr(&b), given_type(x));
        rg_buf_fini(&b);
        return;
    }
    validate_schema(v, n, x, r, p, depth);
    switch ((rg_kind)x.kind) {
    case RG_NUMBER: validate_number(v, n, x, r, p); break;
    case RG_ARRAY: validate_array(v, n, x, r, p, depth); break;
    case RG_OBJECT: validate_object(v, n, x, r, p, depth); break;
    default: break;
    }
    validate_common(v, n, x, r, p);
    if (x.kind == RG_STRING) validate_string(v, n, x, r, p);
    if (x.kind == RG_OBJECT) validate_properties(v, n, x, r, p, depth);
    r->score++;
}

/* ------------------------------------------------------------------------
 * The builtins
 * ---------------------------------------------------------------------- */

/* A schema or document argument as a JSON value: strings are parsed, objects
 * go through JSON (sets become arrays, keys strings) as OPA marshals them.
 * Returns NULL or OPA's error text. */
static const char *to_json(rg_arena *a, rg_value arg, rg_value *out) {
    rg_buf b = RG_BUF_INIT;
    const char *src;
    size_t n;
    if (arg.kind == RG_STRING) {
        src = cstr(arg);
        n = arg.len;
    } else if (arg.kind == RG_OBJECT) {
        if (!rg_enc_json_write_go(&b, arg)) {
            rg_buf_fini(&b);
            return "value nests too deeply";
        }
        src = rg_buf_cstr(&b);
        n = b.len;
    } else {
        return "wrong type, expected string or object";
    }
    rg_diags d = RG_DIAGS_INIT;
    int rc = rg_json_parse(a, NULL, src, n, 0, NULL, out, &d);
    rg_diags_fini(&d);
    rg_buf_fini(&b);
    return rc ? "invalid JSON string" : NULL;
}

static rg_value pair(rg_arena *a, rg_value x, rg_value y) {
    rg_value items[2] = {x, y};
    return rg_array(a, items, 2);
}

static int bi_verify_schema(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    rg_arena *a = rg_bi_arena(ctx);
    rg_arena scratch;
    rg_arena_init(&scratch);
    rg_value schema;
    const char *err = to_json(&scratch, args[0], &schema);
    js_compiler c;
    js_node *root;
    memset(&c, 0, sizeof c);
    if (!err && compile_schema(&c, &scratch, schema, &root)) err = rg_buf_cstr(&c.err);
    if (err) {
        rg_buf msg = RG_BUF_INIT;
        rg_buf_printf(&msg, "jsonschema: %s", err);
        *out = pair(a, rg_bool(false), rg_string(a, msg.data, msg.len));
        rg_buf_fini(&msg);
    } else {
        *out = pair(a, rg_bool(true), rg_null());
    }
    compiler_fini(&c);
    rg_arena_fini(&scratch);
    return RG_BI_OK;
}

static rg_value error_object(rg_arena *a, const js_err *e) {
    rg_buf b = RG_BUF_INIT;
    rg_buf_printf(&b, "%s: %s", e->field, e->desc);
    rg_value kv[8] = {
        rg_cstring(a, "desc"),  rg_cstring(a, e->desc),  rg_cstring(a, "error"), rg_string(a, b.data, b.len),
        rg_cstring(a, "field"), rg_cstring(a, e->field), rg_cstring(a, "type"),  rg_cstring(a, e->type),
    };
    rg_buf_fini(&b);
    return rg_object(a, kv, 4);
}

static int match(rg_bi_ctx *ctx, rg_arena *scratch, js_compiler *c, const rg_value *args, rg_value *out) {
    rg_value doc, schema;
    const char *err = to_json(scratch, args[0], &doc);
    if (!err) err = to_json(scratch, args[1], &schema);
    if (err) return rg_bi_error(ctx, "%s", err);
    js_node *root;
    if (compile_schema(c, scratch, schema, &root)) return rg_bi_error(ctx, "%s", rg_buf_cstr(&c->err));
    js_validator v = {scratch, 0, false};
    js_result r = {0};
    js_path top = {NULL, "(root)", 6};
    validate(&v, root, doc, &r, &top, 0);
    if (v.aborted) {
        result_fini(&r);
        return rg_bi_error(ctx, "schema validation too deep or too long");
    }
    rg_arena *a = rg_bi_arena(ctx);
    rg_value *errs = rg_arena_alloc(a, (r.len ? r.len : 1) * sizeof *errs);
    for (size_t i = 0; i < r.len; i++) errs[i] = error_object(a, &r.items[i]);
    *out = pair(a, rg_bool(r.len == 0), rg_array_take(errs, r.len));
    result_fini(&r);
    return RG_BI_OK;
}

static int bi_match_schema(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    rg_arena scratch;
    rg_arena_init(&scratch);
    js_compiler c;
    memset(&c, 0, sizeof c);
    int rc = match(ctx, &scratch, &c, args, out);
    compiler_fini(&c);
    rg_arena_fini(&scratch);
    return rc;
}

const rg_builtin_def rg_builtins_jsonschema[] = {
    {"json.verify_schema", bi_verify_schema, 1, RG_ARGS(RG_T_STR | RG_T_OBJ), RG_T_ARR, 0},
    {"json.match_schema", bi_match_schema, 2, RG_ARGS(RG_T_STR | RG_T_OBJ, RG_T_STR | RG_T_OBJ), RG_T_ARR, 0},
    {0},
};
