/* Arena allocator: bump allocation in growing chunks; see arena.h. */
#include "base/arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rg_arena_chunk {
    rg_arena_chunk *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

_Noreturn void rg_oom(void) {
    fputs("regent: out of memory\n", stderr);
    abort();
}

void *rg_xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) rg_oom();
    return p;
}

void *rg_xcalloc(size_t n, size_t m) {
    void *p = calloc(n ? n : 1, m ? m : 1);
    if (!p) rg_oom();
    return p;
}

void *rg_xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) rg_oom();
    return q;
}

char *rg_xstrdup(const char *s) {
    size_t n = strlen(s);
    char *p = rg_xmalloc(n + 1);
    memcpy(p, s, n + 1);
    return p;
}

void rg_arena_init(rg_arena *a) {
    a->head = NULL;
    a->total = 0;
}

void rg_arena_fini(rg_arena *a) {
    rg_arena_chunk *c = a->head;
    while (c) {
        rg_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
    a->total = 0;
}

#ifdef REGENT_DEBUG_ARENA
void *rg_arena_alloc(rg_arena *a, size_t n) {
    rg_arena_chunk *c = rg_xmalloc(sizeof *c + n);
    c->size = c->used = n;
    c->next = a->head;
    a->head = c;
    a->total += n;
    return c->data;
}
#else
void *rg_arena_alloc(rg_arena *a, size_t n) {
    n = (n + 15) & ~(size_t)15;
    rg_arena_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        /* Big requests get a chunk of their own so they don't waste the
         * current chunk's tail. */
        size_t size = n > 16384 ? n : 32768;
        if (c && n <= 16384 && c->size < (1u << 20)) size = c->size * 2;
        rg_arena_chunk *nc = rg_xmalloc(sizeof *nc + size);
        nc->size = size;
        nc->used = 0;
        if (c && n > 16384) {
            /* Keep the current chunk at the head: it still has room. */
            nc->next = c->next;
            c->next = nc;
            nc->used = n;
            a->total += n;
            return nc->data;
        }
        nc->next = c;
        a->head = c = nc;
    }
    void *p = c->data + c->used;
    c->used += n;
    a->total += n;
    return p;
}
#endif

void *rg_arena_calloc(rg_arena *a, size_t n) {
    void *p = rg_arena_alloc(a, n);
    memset(p, 0, n);
    return p;
}

char *rg_arena_strndup(rg_arena *a, const char *s, size_t n) {
    char *p = rg_arena_alloc(a, n + 1);
    if (n) memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *rg_arena_strdup(rg_arena *a, const char *s) { return rg_arena_strndup(a, s, strlen(s)); }

void *rg_arena_memdup(rg_arena *a, const void *p, size_t n) {
    void *q = rg_arena_alloc(a, n);
    if (n) memcpy(q, p, n);
    return q;
}
