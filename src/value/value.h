/* The one value type: null, boolean, number, string, array, object, set.
 *
 * Design: a 16-byte struct passed by value, immutable once built.  null,
 * booleans, int64 numbers and doubles allocate nothing; everything else
 * points into an arena (see base/arena.h) that outlives the value.
 *
 * - numbers: RG_NUM_INT (int64 in u.i), RG_NUM_BIG (integer outside int64,
 *   canonical decimal text in u.s / len, e.g. "-123456789012345678901234"),
 *   RG_NUM_FLOAT (double in u.d, never integral-and-in-int64-range: such
 *   results are normalised to RG_NUM_INT by rg_num_from_double),
 *   RG_NUM_DEC (a decimal literal a double cannot hold: more than 15
 *   significant digits or beyond its exponent range, e.g. "1e400",
 *   "0.1234567890123456789"; text in u.s / len).  Decimals compare and print
 *   exactly; arithmetic on them is done in doubles.
 * - strings: UTF-8 bytes in u.s (NUL-terminated for convenience), len bytes.
 * - arrays: u.items, len elements.
 * - sets: u.items, len elements, sorted by rg_value_compare, no duplicates.
 * - objects: u.items, 2*len values: key0, val0, key1, val1, ... sorted by
 *   key, no duplicate keys.  Object keys may be any value.
 *
 * Order (Rego's total order): null < false < true < numbers < strings <
 * arrays < objects < sets; numbers by value; strings bytewise; arrays
 * element-wise then by length; objects by sorted (key, value) pairs; sets
 * by sorted elements.
 *
 * RG_UNDEFINED is not a Rego value; it marks "no value" in a few APIs
 * (lookups that miss, builtins that produce nothing). */
#ifndef RG_VALUE_VALUE_H
#define RG_VALUE_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"

typedef enum rg_kind {
    RG_UNDEFINED = 0,
    RG_NULL,
    RG_BOOL,
    RG_NUMBER,
    RG_STRING,
    RG_ARRAY,
    RG_OBJECT,
    RG_SET,
} rg_kind;

typedef enum rg_numkind { RG_NUM_INT = 0, RG_NUM_BIG, RG_NUM_FLOAT, RG_NUM_DEC } rg_numkind;

typedef struct rg_value {
    uint8_t kind; /* rg_kind */
    uint8_t sub;  /* rg_numkind for numbers */
    uint16_t flags;
    uint32_t len; /* string bytes, big-int text length, element/pair count */
    union {
        bool b;
        int64_t i;
        double d;
        const char *s;
        const struct rg_value *items;
    } u;
} rg_value;

/* ---- constructors (no allocation) ---- */
rg_value rg_undefined(void);
rg_value rg_null(void);
rg_value rg_bool(bool b);
rg_value rg_int(int64_t i);
/* Integral doubles within int64 become RG_NUM_INT; NaN/Inf are kept as-is
 * (callers must reject them: Rego has no such numbers). */
rg_value rg_num_from_double(double d);

/* ---- constructors (allocating in arena a) ---- */
/* Copies s. */
rg_value rg_string(rg_arena *a, const char *s, size_t len);
rg_value rg_cstring(rg_arena *a, const char *s);
/* Does not copy: s must live at least as long as the value. */
rg_value rg_string_static(const char *s, size_t len);
/* Parses a JSON/Rego number literal (e.g. "12", "-1.5e3", "123456789012345678901234");
 * returns RG_UNDEFINED when text is not a number. */
rg_value rg_number_parse(rg_arena *a, const char *text, size_t len);
/* Big integer from canonical decimal text (normalised to INT when it fits). */
rg_value rg_bigint_from_text(rg_arena *a, const char *text, size_t len);
/* Copies n items. */
rg_value rg_array(rg_arena *a, const rg_value *items, size_t n);
/* Takes ownership of items (must be arena memory living long enough). */
rg_value rg_array_take(rg_value *items, size_t n);
/* Sorts and removes duplicates; copies. */
rg_value rg_set(rg_arena *a, const rg_value *items, size_t n);
/* pairs: 2n values k0,v0,...; sorts by key; for duplicate keys the last wins.
 * Copies. */
rg_value rg_object(rg_arena *a, const rg_value *pairs, size_t n);
rg_value rg_empty_array(void);
rg_value rg_empty_object(void);
rg_value rg_empty_set(void);

/* ---- predicates and accessors ---- */
static inline bool rg_is_undef(rg_value v) { return v.kind == RG_UNDEFINED; }
static inline bool rg_is_int(rg_value v) { return v.kind == RG_NUMBER && v.sub == RG_NUM_INT; }
static inline bool rg_is_true(rg_value v) { return v.kind == RG_BOOL && v.u.b; }
static inline bool rg_is_false(rg_value v) { return v.kind == RG_BOOL && !v.u.b; }
static inline size_t rg_len(rg_value v) { return v.len; }
static inline rg_value rg_obj_key(rg_value o, size_t i) { return o.u.items[2 * i]; }
static inline rg_value rg_obj_val(rg_value o, size_t i) { return o.u.items[2 * i + 1]; }

/* Object field lookup; RG_UNDEFINED when absent. */
rg_value rg_object_get(rg_value obj, rg_value key);
rg_value rg_object_get_str(rg_value obj, const char *key);
bool rg_set_contains(rg_value set, rg_value v);
/* Index of key/element via binary search, or -1. */
long rg_object_find(rg_value obj, rg_value key);
long rg_set_find(rg_value set, rg_value v);

/* Number as double (big ints converted approximately). */
double rg_num_to_double(rg_value n);
/* True when n is an integer (any size); *out set when it fits int64. */
bool rg_num_is_integer(rg_value n);
bool rg_num_to_int64(rg_value n, int64_t *out);

/* ---- order, equality, hashing ---- */
int rg_value_compare(rg_value a, rg_value b);
bool rg_value_equal(rg_value a, rg_value b);
/* A deep copy of v whose memory is all in a (to keep a result after the
 * arena it was computed in is freed).  Recursive: values are as deep as the
 * inputs they were built from, which the readers bound. */
rg_value rg_value_copy(rg_arena *a, rg_value v);
uint64_t rg_value_hash(rg_value v);
int rg_num_compare(rg_value a, rg_value b);
const char *rg_kind_name(rg_kind k); /* "null", "boolean", "number", ... as OPA names types */
const char *rg_type_name(rg_value v);

/* ---- builders (malloc-backed scratch, finish into an arena) ---- */
typedef struct rg_vec {
    rg_value *items;
    size_t len, cap;
} rg_vec;
#define RG_VEC_INIT {NULL, 0, 0}
void rg_vec_push(rg_vec *v, rg_value x);
void rg_vec_fini(rg_vec *v);
/* Finish into arena values; the vec is left intact (call rg_vec_fini). */
rg_value rg_vec_to_array(rg_arena *a, rg_vec *v);
rg_value rg_vec_to_set(rg_arena *a, rg_vec *v);
rg_value rg_vec_to_object(rg_arena *a, rg_vec *v); /* v holds k,v pairs */

/* ---- set and object algebra (results in arena a) ---- */
rg_value rg_set_union(rg_arena *a, rg_value x, rg_value y);
rg_value rg_set_intersect(rg_arena *a, rg_value x, rg_value y);
rg_value rg_set_diff(rg_arena *a, rg_value x, rg_value y);
/* Returns obj with key set to val (copy). */
rg_value rg_object_put(rg_arena *a, rg_value obj, rg_value key, rg_value val);

/* ---- JSON output ---- */
typedef enum rg_json_flags {
    RG_JSON_COMPACT = 0,
    RG_JSON_PRETTY = 1,  /* two-space indentation */
    RG_JSON_ESCAPE_HTML = 2, /* escape <, >, & as \u003c... like Go's encoder */
} rg_json_flags;
/* Canonical JSON: sets as sorted arrays, objects with sorted keys; non-string
 * object keys are written as their JSON text in a string (OPA does the same). */
void rg_json_write(rg_buf *out, rg_value v, int flags);
/* Writes s as a JSON string literal with quotes. */
void rg_json_write_string(rg_buf *out, const char *s, size_t len, int flags);
/* Number text as OPA prints it. */
void rg_num_write(rg_buf *out, rg_value n);
/* Returns a malloc'd string (free it). */
char *rg_json_dump(rg_value v, int flags);

#endif
