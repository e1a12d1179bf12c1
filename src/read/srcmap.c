/* Source map: value slot address -> source position.
 *
 * Readers record the slots of one container array one after another, and
 * those slots are adjacent in memory.  So the map is two-level: a hash table
 * (open addressing, pointer hash) of groups, each group covering 64
 * consecutive 8-byte-aligned addresses with a presence bitmask and a
 * position per address.  Consecutive puts usually hit the group of the
 * previous put, and lookups touch one table entry and one group. */
#include <stdlib.h>

#include "read/read.h"

enum {
    GRAIN = 3,                 /* slots are at least 8-byte aligned */
    GROUP_BITS = 6,            /* 64 addresses per group */
    GROUPS_PER_BLOCK = 64,     /* groups are allocated in blocks */
    INITIAL_TABLE_BITS = 8,
};

typedef struct group {
    uintptr_t key; /* slot address >> (GRAIN + GROUP_BITS) */
    uint64_t present;
    rg_pos pos[1 << GROUP_BITS];
} group;

typedef struct block {
    struct block *next;
    size_t used;
    group groups[GROUPS_PER_BLOCK];
} block;

struct rg_srcmap {
    group **tab; /* NULL marks an empty entry */
    size_t cap;  /* power of two */
    size_t len;  /* groups in the table */
    unsigned shift;
    group *last; /* group of the previous put */
    block *blocks;
    rg_pos root;
};

static uintptr_t key_of(const rg_value *slot) { return (uintptr_t)slot >> (GRAIN + GROUP_BITS); }
static unsigned index_of(const rg_value *slot) {
    return (unsigned)(((uintptr_t)slot >> GRAIN) & ((1u << GROUP_BITS) - 1));
}

static size_t hash_key(const rg_srcmap *m, uintptr_t key) {
    return (size_t)(((uint64_t)key * 0x9E3779B97F4A7C15ull) >> m->shift);
}

static void alloc_table(rg_srcmap *m, unsigned bits) {
    m->cap = (size_t)1 << bits;
    m->shift = 64 - bits;
    m->tab = rg_xcalloc(m->cap, sizeof *m->tab);
}

rg_srcmap *rg_srcmap_new(void) {
    rg_srcmap *m = rg_xcalloc(1, sizeof *m);
    alloc_table(m, INITIAL_TABLE_BITS);
    return m;
}

void rg_srcmap_free(rg_srcmap *m) {
    if (!m) return;
    for (block *b = m->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(m->tab);
    free(m);
}

static group *find_group(const rg_srcmap *m, uintptr_t key) {
    size_t mask = m->cap - 1;
    for (size_t i = hash_key(m, key);; i = (i + 1) & mask) {
        group *g = m->tab[i];
        if (!g || g->key == key) return g;
    }
}

static void table_insert(rg_srcmap *m, group *g) {
    size_t mask = m->cap - 1;
    size_t i = hash_key(m, g->key);
    while (m->tab[i]) i = (i + 1) & mask;
    m->tab[i] = g;
}

static group *new_group(rg_srcmap *m, uintptr_t key) {
    if (!m->blocks || m->blocks->used == GROUPS_PER_BLOCK) {
        block *b = rg_xmalloc(sizeof *b);
        b->next = m->blocks;
        b->used = 0;
        m->blocks = b;
    }
    group *g = &m->blocks->groups[m->blocks->used++];
    g->key = key;
    g->present = 0;
    /* Keep the load at most 1/2 so probe sequences stay short. */
    if (2 * (m->len + 1) > m->cap) {
        group **old = m->tab;
        size_t old_cap = m->cap;
        alloc_table(m, 64 - m->shift + 1);
        for (size_t i = 0; i < old_cap; i++)
            if (old[i]) table_insert(m, old[i]);
        free(old);
    }
    table_insert(m, g);
    m->len++;
    return g;
}

void rg_srcmap_put(rg_srcmap *m, const rg_value *slot, rg_pos pos) {
    if (!m || !slot) return;
    uintptr_t key = key_of(slot);
    group *g = m->last;
    if (!g || g->key != key) {
        g = find_group(m, key);
        if (!g) g = new_group(m, key);
        m->last = g;
    }
    unsigned ix = index_of(slot);
    g->present |= (uint64_t)1 << ix;
    g->pos[ix] = pos;
}

bool rg_srcmap_get(const rg_srcmap *m, const rg_value *slot, rg_pos *out) {
    if (!m || !slot) return false;
    const group *g = find_group(m, key_of(slot));
    unsigned ix = index_of(slot);
    if (!g || !(g->present >> ix & 1)) return false;
    if (out) *out = g->pos[ix];
    return true;
}

rg_pos rg_srcmap_root(const rg_srcmap *m) { return m ? m->root : (rg_pos){0, 0}; }

void rg_srcmap_set_root(rg_srcmap *m, rg_pos pos) {
    if (m) m->root = pos;
}
