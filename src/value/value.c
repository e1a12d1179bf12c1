/* Value constructors, order, equality, hashing and set/object algebra.
 * See value.h for the representation. */
#include "value/value.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "value/number.h"

rg_value rg_undefined(void) { return (rg_value){0}; }
rg_value rg_null(void) { return (rg_value){.kind = RG_NULL}; }
rg_value rg_bool(bool b) { return (rg_value){.kind = RG_BOOL, .u.b = b}; }
rg_value rg_int(int64_t i) { return (rg_value){.kind = RG_NUMBER, .sub = RG_NUM_INT, .u.i = i}; }

rg_value rg_num_from_double(double d) {
    if (d == 0) return rg_int(0); /* folds -0 too */
    if (isfinite(d) && d == floor(d) && fabs(d) < 9.2e18) return rg_int((int64_t)d);
    return (rg_value){.kind = RG_NUMBER, .sub = RG_NUM_FLOAT, .u.d = d};
}

rg_value rg_string_static(const char *s, size_t len) {
    return (rg_value){.kind = RG_STRING, .len = (uint32_t)len, .u.s = s};
}

rg_value rg_string(rg_arena *a, const char *s, size_t len) {
    return rg_string_static(rg_arena_strndup(a, s, len), len);
}

rg_value rg_cstring(rg_arena *a, const char *s) { return rg_string(a, s, strlen(s)); }

rg_value rg_empty_array(void) { return (rg_value){.kind = RG_ARRAY}; }
rg_value rg_empty_object(void) { return (rg_value){.kind = RG_OBJECT}; }
rg_value rg_empty_set(void) { return (rg_value){.kind = RG_SET}; }

rg_value rg_array_take(rg_value *items, size_t n) {
    return (rg_value){.kind = RG_ARRAY, .len = (uint32_t)n, .u.items = items};
}

rg_value rg_array(rg_arena *a, const rg_value *items, size_t n) {
    if (!n) return rg_empty_array();
    return rg_array_take(rg_arena_memdup(a, items, n * sizeof *items), n);
}

static int cmp_values(const void *x, const void *y) {
    return rg_value_compare(*(const rg_value *)x, *(const rg_value *)y);
}

rg_value rg_set(rg_arena *a, const rg_value *items, size_t n) {
    if (!n) return rg_empty_set();
    rg_value *copy = rg_arena_memdup(a, items, n * sizeof *items);
    /* Already sorted and unique input (common: built in order) skips qsort. */
    bool sorted = true;
    for (size_t i = 1; i < n && sorted; i++) sorted = rg_value_compare(copy[i - 1], copy[i]) < 0;
    if (!sorted) {
        qsort(copy, n, sizeof *copy, cmp_values);
        size_t w = 1;
        for (size_t i = 1; i < n; i++)
            if (rg_value_compare(copy[w - 1], copy[i]) != 0) copy[w++] = copy[i];
        n = w;
    }
    return (rg_value){.kind = RG_SET, .len = (uint32_t)n, .u.items = copy};
}

typedef struct pair_ix {
    rg_value k, v;
    size_t ix;
} pair_ix;

static int cmp_pairs(const void *x, const void *y) {
    const pair_ix *p = x, *q = y;
    int c = rg_value_compare(p->k, q->k);
    if (c) return c;
    return p->ix < q->ix ? -1 : p->ix > q->ix;
}

rg_value rg_object(rg_arena *a, const rg_value *pairs, size_t n) {
    if (!n) return rg_empty_object();
    rg_value *out = rg_arena_alloc(a, 2 * n * sizeof *out);
    bool sorted = true;
    for (size_t i = 1; i < n && sorted; i++) sorted = rg_value_compare(pairs[2 * i - 2], pairs[2 * i]) < 0;
    if (sorted) {
        memcpy(out, pairs, 2 * n * sizeof *out);
        return (rg_value){.kind = RG_OBJECT, .len = (uint32_t)n, .u.items = out};
    }
    pair_ix *tmp = rg_xmalloc(n * sizeof *tmp);
    for (size_t i = 0; i < n; i++) tmp[i] = (pair_ix){pairs[2 * i], pairs[2 * i + 1], i};
    qsort(tmp, n, sizeof *tmp, cmp_pairs);
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (w && rg_value_compare(out[2 * (w - 1)], tmp[i].k) == 0) {
            out[2 * (w - 1) + 1] = tmp[i].v; /* last wins */
            continue;
        }
        out[2 * w] = tmp[i].k;
        out[2 * w + 1] = tmp[i].v;
        w++;
    }
    free(tmp);
    return (rg_value){.kind = RG_OBJECT, .len = (uint32_t)w, .u.items = out};
}

long rg_object_find(rg_value obj, rg_value key) {
    if (obj.kind != RG_OBJECT) return -1;
    size_t lo = 0, hi = obj.len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = rg_value_compare(obj.u.items[2 * mid], key);
        if (c == 0) return (long)mid;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

rg_value rg_object_get(rg_value obj, rg_value key) {
    long i = rg_object_find(obj, key);
    return i < 0 ? rg_undefined() : obj.u.items[2 * i + 1];
}

rg_value rg_object_get_str(rg_value obj, const char *key) {
    return rg_object_get(obj, rg_string_static(key, strlen(key)));
}

long rg_set_find(rg_value set, rg_value v) {
    if (set.kind != RG_SET) return -1;
    size_t lo = 0, hi = set.len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = rg_value_compare(set.u.items[mid], v);
        if (c == 0) return (long)mid;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

bool rg_set_contains(rg_value set, rg_value v) { return rg_set_find(set, v) >= 0; }

/* ---- order ---- */

static int cmp_bytes(const char *a, size_t al, const char *b, size_t bl) {
    int c = memcmp(a, b, al < bl ? al : bl);
    if (c) return c < 0 ? -1 : 1;
    return al < bl ? -1 : al > bl;
}

int rg_value_compare(rg_value a, rg_value b) {
    if (a.kind != b.kind) return a.kind < b.kind ? -1 : 1;
    switch ((rg_kind)a.kind) {
    case RG_UNDEFINED:
    case RG_NULL: return 0;
    case RG_BOOL: return (int)a.u.b - (int)b.u.b;
    case RG_NUMBER: return rg_num_compare(a, b);
    case RG_STRING:
        if (a.u.s == b.u.s && a.len == b.len) return 0;
        return cmp_bytes(a.u.s, a.len, b.u.s, b.len);
    case RG_ARRAY:
    case RG_SET: {
        if (a.u.items == b.u.items && a.len == b.len) return 0;
        size_t n = a.len < b.len ? a.len : b.len;
        for (size_t i = 0; i < n; i++) {
            int c = rg_value_compare(a.u.items[i], b.u.items[i]);
            if (c) return c;
        }
        return a.len < b.len ? -1 : a.len > b.len;
    }
    case RG_OBJECT: {
        if (a.u.items == b.u.items && a.len == b.len) return 0;
        size_t n = a.len < b.len ? a.len : b.len;
        for (size_t i = 0; i < n; i++) {
            int c = rg_value_compare(a.u.items[2 * i], b.u.items[2 * i]);
            if (c) return c;
            c = rg_value_compare(a.u.items[2 * i + 1], b.u.items[2 * i + 1]);
            if (c) return c;
        }
        return a.len < b.len ? -1 : a.len > b.len;
    }
    }
    return 0;
}

bool rg_value_equal(rg_value a, rg_value b) {
    if (a.kind != b.kind) return false;
    if (a.kind == RG_STRING) return a.len == b.len && (a.u.s == b.u.s || memcmp(a.u.s, b.u.s, a.len) == 0);
    if ((a.kind == RG_ARRAY || a.kind == RG_SET || a.kind == RG_OBJECT) && a.len != b.len) return false;
    return rg_value_compare(a, b) == 0;
}

static uint64_t mix(uint64_t h, uint64_t x) {
    h ^= x + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h;
}

uint64_t rg_value_hash(rg_value v) {
    uint64_t h = v.kind;
    switch ((rg_kind)v.kind) {
    case RG_UNDEFINED:
    case RG_NULL: return h;
    case RG_BOOL: return mix(h, v.u.b);
    case RG_NUMBER: {
        /* Equal numbers must hash equally whatever their representation. */
        double d = rg_num_to_double(v);
        if (d == 0) d = 0;
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        return mix(h, bits);
    }
    case RG_STRING: {
        uint64_t x = 1469598103934665603ull;
        for (size_t i = 0; i < v.len; i++) x = (x ^ (unsigned char)v.u.s[i]) * 1099511628211ull;
        return mix(h, x);
    }
    case RG_ARRAY:
    case RG_SET:
        for (size_t i = 0; i < v.len; i++) h = mix(h, rg_value_hash(v.u.items[i]));
        return h;
    case RG_OBJECT:
        for (size_t i = 0; i < 2 * (size_t)v.len; i++) h = mix(h, rg_value_hash(v.u.items[i]));
        return h;
    }
    return h;
}

const char *rg_kind_name(rg_kind k) {
    switch (k) {
    case RG_UNDEFINED: return "undefined";
    case RG_NULL: return "null";
    case RG_BOOL: return "boolean";
    case RG_NUMBER: return "number";
    case RG_STRING: return "string";
    case RG_ARRAY: return "array";
    case RG_OBJECT: return "object";
    case RG_SET: return "set";
    }
    return "?";
}

const char *rg_type_name(rg_value v) { return rg_kind_name((rg_kind)v.kind); }

/* ---- builders ---- */

void rg_vec_push(rg_vec *v, rg_value x) {
    if (v->len == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 8;
        v->items = rg_xrealloc(v->items, v->cap * sizeof *v->items);
    }
    v->items[v->len++] = x;
}

void rg_vec_fini(rg_vec *v) {
    free(v->items);
    v->items = NULL;
    v->len = v->cap = 0;
}

rg_value rg_vec_to_array(rg_arena *a, rg_vec *v) { return rg_array(a, v->items, v->len); }
rg_value rg_vec_to_set(rg_arena *a, rg_vec *v) { return rg_set(a, v->items, v->len); }
rg_value rg_vec_to_object(rg_arena *a, rg_vec *v) { return rg_object(a, v->items, v->len / 2); }

/* ---- set algebra: merges over sorted arrays ---- */

rg_value rg_set_union(rg_arena *a, rg_value x, rg_value y) {
    if (!x.len) return y;
    if (!y.len) return x;
    rg_value *out = rg_arena_alloc(a, (x.len + y.len) * sizeof *out);
    size_t i = 0, j = 0, n = 0;
    while (i < x.len && j < y.len) {
        int c = rg_value_compare(x.u.items[i], y.u.items[j]);
        if (c < 0) out[n++] = x.u.items[i++];
        else if (c > 0) out[n++] = y.u.items[j++];
        else out[n++] = x.u.items[i++], j++;
    }
    while (i < x.len) out[n++] = x.u.items[i++];
    while (j < y.len) out[n++] = y.u.items[j++];
    return (rg_value){.kind = RG_SET, .len = (uint32_t)n, .u.items = out};
}

rg_value rg_set_intersect(rg_arena *a, rg_value x, rg_value y) {
    if (!x.len || !y.len) return rg_empty_set();
    rg_value *out = rg_arena_alloc(a, (x.len < y.len ? x.len : y.len) * sizeof *out);
    size_t i = 0, j = 0, n = 0;
    while (i < x.len && j < y.len) {
        int c = rg_value_compare(x.u.items[i], y.u.items[j]);
        if (c < 0) i++;
        else if (c > 0) j++;
        else out[n++] = x.u.items[i++], j++;
    }
    return (rg_value){.kind = RG_SET, .len = (uint32_t)n, .u.items = out};
}

rg_value rg_set_diff(rg_arena *a, rg_value x, rg_value y) {
    if (!x.len || !y.len) return x;
    rg_value *out = rg_arena_alloc(a, x.len * sizeof *out);
    size_t i = 0, j = 0, n = 0;
    while (i < x.len) {
        int c = j < y.len ? rg_value_compare(x.u.items[i], y.u.items[j]) : -1;
        if (c < 0) out[n++] = x.u.items[i++];
        else if (c > 0) j++;
        else i++, j++;
    }
    return (rg_value){.kind = RG_SET, .len = (uint32_t)n, .u.items = out};
}

rg_value rg_object_put(rg_arena *a, rg_value obj, rg_value key, rg_value val) {
    long i = rg_object_find(obj, key);
    if (i >= 0) {
        rg_value *out = rg_arena_memdup(a, obj.u.items, 2 * obj.len * sizeof *out);
        out[2 * i + 1] = val;
        return (rg_value){.kind = RG_OBJECT, .len = obj.len, .u.items = out};
    }
    rg_value *out = rg_arena_alloc(a, 2 * (obj.len + 1) * sizeof *out);
    size_t n = 0, k = 0;
    bool placed = false;
    for (; k < obj.len; k++) {
        if (!placed && rg_value_compare(key, obj.u.items[2 * k]) < 0) {
            out[2 * n] = key, out[2 * n + 1] = val, n++;
            placed = true;
        }
        out[2 * n] = obj.u.items[2 * k], out[2 * n + 1] = obj.u.items[2 * k + 1], n++;
    }
    if (!placed) out[2 * n] = key, out[2 * n + 1] = val, n++;
    return (rg_value){.kind = RG_OBJECT, .len = (uint32_t)n, .u.items = out};
}

rg_value rg_value_copy(rg_arena *a, rg_value v) {
    switch (v.kind) {
    case RG_STRING:
        v.u.s = rg_arena_strndup(a, v.u.s, v.len);
        return v;
    case RG_NUMBER:
        if (v.sub == RG_NUM_BIG || v.sub == RG_NUM_DEC) v.u.s = rg_arena_strndup(a, v.u.s, v.len);
        return v;
    case RG_ARRAY:
    case RG_SET:
    case RG_OBJECT: {
        size_t n = v.kind == RG_OBJECT ? 2 * (size_t)v.len : v.len;
        if (!n) return v;
        rg_value *items = rg_arena_alloc(a, n * sizeof *items);
        for (size_t i = 0; i < n; i++) items[i] = rg_value_copy(a, v.u.items[i]);
        v.u.items = items;
        return v;
    }
    default:
        return v;
    }
}
