/* Merging findings across template variants (see variant_findings.h).
 * Findings are grouped by what they say (control, rule, resource, path,
 * message) by sorting, so the cost is n log n in the number of findings. */
#include "review/variant_findings.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct item {
    const rg_finding *f;
    size_t variant;
} item;

static int cmp_str(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : ""); }

static int cmp_item(const void *x, const void *y) {
    const item *a = x, *b = y;
    const rg_finding *f = a->f, *g = b->f;
    if (f->control != g->control) return f->control < g->control ? -1 : 1;
    int c = cmp_str(f->rule, g->rule);
    if (!c) c = cmp_str(f->logical_id, g->logical_id);
    if (!c) c = cmp_str(f->path, g->path);
    if (!c) c = cmp_str(f->message, g->message);
    if (c) return c;
    return a->variant < b->variant ? -1 : a->variant > b->variant;
}

static bool same_group(const rg_finding *f, const rg_finding *g) {
    return f->control == g->control && !cmp_str(f->rule, g->rule) && !cmp_str(f->logical_id, g->logical_id) &&
           !cmp_str(f->path, g->path) && !cmp_str(f->message, g->message);
}

/* Variants whose values agree with every key of `assumed` that is still in
 * use (keep[i]). */
static uint64_t matching(const rg_value *conditions, size_t n_variants, rg_value assumed, const bool *keep) {
    uint64_t m = 0;
    for (size_t v = 0; v < n_variants; v++) {
        bool ok = true;
        for (size_t i = 0; i < assumed.len && ok; i++)
            if (keep[i] && !rg_value_equal(rg_object_get(conditions[v], rg_obj_key(assumed, i)), rg_obj_val(assumed, i)))
                ok = false;
        if (ok) m |= (uint64_t)1 << v;
    }
    return m;
}

/* The message qualified by the fewest variable values that select exactly
 * the variants in `where` (parameters are dropped before conditions, which
 * read better); when no conjunction selects them, the values they share. */
static const char *qualify(rg_arena *a, const char *msg, uint64_t where, const rg_value *conditions, size_t n_variants) {
    size_t w0 = (size_t)__builtin_ctzll(where);
    rg_value base = conditions[w0];
    bool keep[RG_MAX_VARIANTS * 4] = {0};
    size_t n = base.len < sizeof keep ? base.len : sizeof keep;
    for (size_t i = 0; i < n; i++) {
        keep[i] = true;
        for (size_t v = 0; v < n_variants; v++)
            if ((where >> v & 1) && !rg_value_equal(rg_object_get(conditions[v], rg_obj_key(base, i)), rg_obj_val(base, i)))
                keep[i] = false;
    }
    rg_value assumed = base;
    assumed.len = n;
    if (matching(conditions, n_variants, assumed, keep) == where) {
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = 0; i < n; i++) {
                if (!keep[i] || (rg_obj_val(base, i).kind == RG_BOOL) != (pass == 1)) continue;
                keep[i] = false;
                if (matching(conditions, n_variants, assumed, keep) != where) keep[i] = true;
            }
    }
    rg_buf b = RG_BUF_INIT;
    rg_buf_printf(&b, "%s (when ", msg);
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        if (!keep[i]) continue;
        if (any) rg_buf_puts(&b, ", ");
        rg_value k = rg_obj_key(base, i);
        if (k.kind == RG_STRING) rg_buf_append(&b, k.u.s, k.len);
        else rg_json_write(&b, k, 0);
        rg_buf_putc(&b, '=');
        rg_json_write(&b, rg_obj_val(base, i), 0);
        any = true;
    }
    rg_buf_putc(&b, ')');
    const char *s = any ? rg_arena_strdup(a, rg_buf_cstr(&b)) : msg;
    rg_buf_fini(&b);
    return s;
}

void rg_merge_variant_findings(rg_arena *a, rg_finding_list *l, size_t first, const size_t *variant_of,
                               const rg_value *conditions, size_t n_variants) {
    size_t n = l->len - first;
    if (n_variants < 2 || !n) return;
    item *items = rg_xcalloc(n, sizeof *items);
    for (size_t i = 0; i < n; i++) items[i] = (item){&l->items[first + i], variant_of[i]};
    qsort(items, n, sizeof *items, cmp_item);
    rg_finding *merged = rg_xcalloc(n, sizeof *merged);
    size_t m = 0;
    uint64_t all = n_variants >= 64 ? UINT64_MAX : (((uint64_t)1 << n_variants) - 1);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        uint64_t where = 0;
        while (j < n && same_group(items[i].f, items[j].f)) where |= (uint64_t)1 << items[j++].variant;
        merged[m] = *items[i].f;
        if (where != all) merged[m].message = qualify(a, merged[m].message, where, conditions, n_variants);
        m++;
        i = j;
    }
    memcpy(&l->items[first], merged, m * sizeof *merged);
    l->len = first + m;
    free(merged);
    free(items);
}
