/* Where a finding points: the deepest node of its path that exists.  For an
 * object member that is the key (the property's line), for an array item
 * the item itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfn/cfn_internal.h"

/* Index named by a path element for an array of n items, or -1.  Numbers
 * and decimal strings ("0") are both accepted: paths built by policies use
 * either. */
static long array_index(rg_value step, size_t n) {
    int64_t i = -1;
    if (step.kind == RG_NUMBER) {
        if (!rg_num_to_int64(step, &i) || !rg_num_is_integer(step)) return -1;
    } else if (step.kind == RG_STRING && step.len > 0 && step.len < 19) {
        i = 0;
        for (size_t k = 0; k < step.len; k++) {
            if (step.u.s[k] < '0' || step.u.s[k] > '9') return -1;
            i = i * 10 + (step.u.s[k] - '0');
        }
    } else {
        return -1;
    }
    return i >= 0 && (uint64_t)i < n ? (long)i : -1;
}

/* Member index of a path element in obj, or -1; a number step matches the
 * key written the same way (template keys are strings). */
static long member_index(rg_value obj, rg_value step) {
    long i = rg_object_find(obj, step);
    if (i >= 0 || step.kind != RG_NUMBER) return i;
    int64_t n;
    if (!rg_num_is_integer(step) || !rg_num_to_int64(step, &n)) return -1;
    char text[24];
    int len = snprintf(text, sizeof text, "%lld", (long long)n);
    return rg_object_find(obj, rg_string_static(text, (size_t)len));
}

bool rg_cfn_locate(const rg_cfn_template *t, rg_value path, rg_pos *out) {
    if (path.kind != RG_ARRAY) return false;
    rg_value cur = t->value;
    bool found = false;
    for (size_t k = 0; k < path.len; k++) {
        const rg_value *slot;
        if (cur.kind == RG_OBJECT) {
            long i = member_index(cur, path.u.items[k]);
            if (i < 0) break;
            slot = &cur.u.items[2 * i];
            cur = cur.u.items[2 * i + 1];
        } else if (cur.kind == RG_ARRAY) {
            long i = array_index(path.u.items[k], cur.len);
            if (i < 0) break;
            slot = &cur.u.items[i];
            cur = cur.u.items[i];
        } else {
            break;
        }
        rg_pos p;
        /* A node without a recorded position (not expected from the
         * readers) leaves the previous, less specific one in place. */
        if (rg_srcmap_get(t->map, slot, &p)) {
            if (out) *out = p;
            found = true;
        }
    }
    return found;
}
