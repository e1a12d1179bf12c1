/* Objects from parsed mapping pairs, for both readers: sorting, duplicate
 * detection and source positions in one place. */
#include <stdint.h>
#include <stdlib.h>

#include "read/read_internal.h"

void rg_read_key_text(rg_buf *b, rg_value k) {
    if (k.kind == RG_STRING) rg_json_write_string(b, k.u.s, k.len, 0);
    else rg_json_write(b, k, 0);
}

/* Finds the first key (in document order) that repeats an earlier one. */
static void find_duplicate(rg_value obj, const rg_value *pairs, const rg_pos *pp, size_t n, rg_read_dup *dup) {
    size_t *seen = rg_xmalloc((obj.len ? obj.len : 1) * sizeof *seen);
    for (size_t i = 0; i < obj.len; i++) seen[i] = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        long ix = rg_object_find(obj, pairs[2 * i]);
        if (ix < 0) continue;
        if (seen[ix] == SIZE_MAX) {
            seen[ix] = i;
            continue;
        }
        *dup = (rg_read_dup){pairs[2 * i], pp[2 * i], pp[2 * seen[ix]]};
        break;
    }
    free(seen);
}

int rg_read_object(rg_arena *a, const rg_value *pairs, const rg_pos *pp, size_t n, int flags, rg_srcmap *map,
                   rg_value *out, rg_read_dup *dup) {
    rg_value obj = rg_object(a, pairs, n);
    if (obj.len < n && (flags & RG_READ_REJECT_DUPLICATES)) {
        find_duplicate(obj, pairs, pp, n, dup);
        return -1;
    }
    if (map) {
        /* Document order, so that with duplicates the last key's positions win. */
        for (size_t i = 0; i < n; i++) {
            long ix = (long)i;
            if (obj.len != n || !rg_value_equal(obj.u.items[2 * i], pairs[2 * i])) ix = rg_object_find(obj, pairs[2 * i]);
            rg_srcmap_put(map, &obj.u.items[2 * ix], pp[2 * i]);
            rg_srcmap_put(map, &obj.u.items[2 * ix + 1], pp[2 * i + 1]);
        }
    }
    *out = obj;
    return 0;
}
