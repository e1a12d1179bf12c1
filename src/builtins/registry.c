/* The builtin registry: all family tables merged into one sorted index,
 * built once (thread-safe via pthread_once) and read-only afterwards. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/families.h"

#define RG_FAMILY_PTR(name) rg_builtins_##name,
static const rg_builtin_def *const families[] = {RG_FAMILIES(RG_FAMILY_PTR)};
#undef RG_FAMILY_PTR

static const rg_builtin_def **index_;
static size_t index_len;
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static int by_name(const void *a, const void *b) {
    return strcmp((*(const rg_builtin_def *const *)a)->name, (*(const rg_builtin_def *const *)b)->name);
}

static void build_index(void) {
    size_t n = 0;
    for (size_t f = 0; f < sizeof families / sizeof *families; f++)
        for (const rg_builtin_def *d = families[f]; d->name; d++) n++;
    index_ = malloc((n ? n : 1) * sizeof *index_);
    if (!index_) abort();
    for (size_t f = 0; f < sizeof families / sizeof *families; f++)
        for (const rg_builtin_def *d = families[f]; d->name; d++) index_[index_len++] = d;
    qsort(index_, index_len, sizeof *index_, by_name);
}

const rg_builtin_def *rg_builtin_lookup(const char *name) {
    pthread_once(&index_once, build_index);
    size_t lo = 0, hi = index_len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(index_[mid]->name, name);
        if (c == 0) return index_[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

const rg_builtin_def *rg_builtin_at(size_t i) {
    pthread_once(&index_once, build_index);
    return i < index_len ? index_[i] : NULL;
}
