/* Diagnostics: errors as values with OPA's codes and a position.
 *
 * The library never prints: it appends to a list the caller owns, so one bad
 * file never hides the others.  Printed as "file:line:col: code: message". */
#ifndef RG_BASE_DIAG_H
#define RG_BASE_DIAG_H

#include <stddef.h>

#include "base/buf.h"

typedef struct rg_diag {
    char *code; /* "rego_parse_error", "eval_conflict_error", ... (malloc'd) */
    char *msg;  /* message without position (malloc'd) */
    char *file; /* may be NULL (malloc'd) */
    int line, col; /* 1-based; 0 when unknown */
} rg_diag;

typedef struct rg_diags {
    rg_diag *items;
    size_t len, cap;
} rg_diags;

#define RG_DIAGS_INIT {NULL, 0, 0}

void rg_diags_add(rg_diags *d, const char *code, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void rg_diags_fini(rg_diags *d);
/* Appends "file:line:col: code: message" (parts omitted when unknown). */
void rg_diag_format(rg_buf *out, const rg_diag *d);

#endif
