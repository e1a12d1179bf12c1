/* Readers for JSON and YAML documents, producing values plus a source map.
 *
 * Source positions travel beside values, not inside them: the source map
 * records, for each slot a value occupies in its parent container (the
 * address of the rg_value inside the parent's items array), the line and
 * column where it was written.  Object keys get their own slots (items[2i]),
 * so a property's key position and its value position are both known.
 * Values are immutable, so slot addresses are stable for the arena's life. */
#ifndef RG_READ_READ_H
#define RG_READ_READ_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "value/value.h"

typedef struct rg_pos {
    uint32_t line, col; /* 1-based; col counts bytes */
} rg_pos;

typedef struct rg_srcmap rg_srcmap;

rg_srcmap *rg_srcmap_new(void);
void rg_srcmap_free(rg_srcmap *m);
void rg_srcmap_put(rg_srcmap *m, const rg_value *slot, rg_pos pos);
/* Returns false when the slot has no recorded position. */
bool rg_srcmap_get(const rg_srcmap *m, const rg_value *slot, rg_pos *out);
/* Position of the document's root value. */
rg_pos rg_srcmap_root(const rg_srcmap *m);
void rg_srcmap_set_root(rg_srcmap *m, rg_pos pos);

enum rg_read_flags {
    RG_READ_REJECT_DUPLICATES = 1 << 0, /* duplicate mapping keys are errors (CloudFormation) */
    RG_READ_CFN_TAGS = 1 << 1,          /* YAML: !Ref, !GetAtt ... become long-form intrinsics */
    RG_READ_TYPED_KEYS = 1 << 2,        /* YAML: scalar keys keep their type (test data), instead of
                                           becoming strings as in YAML-to-JSON conversion */
};

/* Maximum nesting of arrays/objects; deeper input is an error, never a crash. */
#define RG_READ_MAX_DEPTH 1000

/* Parses one JSON text (RFC 8259; big integers kept exact).  map may be NULL.
 * Returns 0 and *out, or -1 after appending a diagnostic
 * "file:line:col: message" with code "json_parse_error". */
int rg_json_parse(rg_arena *a, const char *file, const char *src, size_t len, int flags, rg_srcmap *map,
                  rg_value *out, rg_diags *diags);

/* Parses a YAML stream's first document with libyaml (YAML 1.2 core schema
 * scalars; anchors/aliases expanded with a size cap).  An empty document is
 * null.  Errors use code "yaml_parse_error".  map may be NULL. */
int rg_yaml_parse(rg_arena *a, const char *file, const char *src, size_t len, int flags, rg_srcmap *map,
                  rg_value *out, rg_diags *diags);

/* Writes v as YAML (for yaml.marshal): block style, keys sorted. */
void rg_yaml_write(rg_buf *out, rg_value v);

#endif
