/* Shared by the JSON and YAML readers: building objects from parsed pairs. */
#ifndef RG_READ_READ_INTERNAL_H
#define RG_READ_READ_INTERNAL_H

#include "read/read.h"

/* A key repeated in a mapping: where it is, and where it was first. */
typedef struct rg_read_dup {
    rg_value key;
    rg_pos at, first;
} rg_read_dup;

/* Builds an object from n key/value pairs (with their positions pp) in
 * document order; the last of duplicate keys wins.  With
 * RG_READ_REJECT_DUPLICATES in flags a repeated key returns -1 and fills
 * *dup.  Records key and value positions in map (may be NULL). */
int rg_read_object(rg_arena *a, const rg_value *pairs, const rg_pos *pp, size_t n, int flags, rg_srcmap *map,
                   rg_value *out, rg_read_dup *dup);

/* Appends a key as it would be written in JSON (strings quoted). */
void rg_read_key_text(rg_buf *b, rg_value k);

#endif
