/* Arena allocator: many small allocations freed in one step.
 *
 * Design: values are immutable once built and never freed one by one; a
 * template, a compiled policy set and each evaluation own one arena.  A value
 * may point only into its own arena or a longer-lived one.  With
 * REGENT_DEBUG_ARENA every allocation is its own malloc so ASan and valgrind
 * see each object. */
#ifndef RG_BASE_ARENA_H
#define RG_BASE_ARENA_H

#include <stddef.h>
#include <stdint.h>

typedef struct rg_arena_chunk rg_arena_chunk;

typedef struct rg_arena {
    rg_arena_chunk *head; /* newest chunk first */
    size_t total;         /* bytes handed out, for limits and stats */
} rg_arena;

void rg_arena_init(rg_arena *a);
/* Frees every allocation made from the arena; the arena can be reused. */
void rg_arena_fini(rg_arena *a);
/* Returns 8-byte aligned memory; aborts on out-of-memory (see rg_oom). */
void *rg_arena_alloc(rg_arena *a, size_t n);
void *rg_arena_calloc(rg_arena *a, size_t n);
/* Copies n bytes and appends a NUL. */
char *rg_arena_strndup(rg_arena *a, const char *s, size_t n);
char *rg_arena_strdup(rg_arena *a, const char *s);
void *rg_arena_memdup(rg_arena *a, const void *p, size_t n);

/* Checked malloc family: on failure they call rg_oom, which aborts with a
 * message.  The library has no other way to recover from OOM mid-evaluation. */
void *rg_xmalloc(size_t n);
void *rg_xcalloc(size_t n, size_t m);
void *rg_xrealloc(void *p, size_t n);
char *rg_xstrdup(const char *s);
_Noreturn void rg_oom(void);

#endif
