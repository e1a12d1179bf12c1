/* Diagnostics list; see diag.h. */
#include "base/diag.h"

#include <stdarg.h>
#include <stdlib.h>

#include "base/arena.h"

void rg_diags_add(rg_diags *d, const char *code, const char *file, int line, int col, const char *fmt, ...) {
    if (d->len == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 4;
        d->items = rg_xrealloc(d->items, d->cap * sizeof *d->items);
    }
    rg_buf b = RG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    rg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    d->items[d->len++] = (rg_diag){
        .code = rg_xstrdup(code ? code : "error"),
        .msg = rg_buf_detach(&b),
        .file = file ? rg_xstrdup(file) : NULL,
        .line = line,
        .col = col,
    };
}

void rg_diags_fini(rg_diags *d) {
    for (size_t i = 0; i < d->len; i++) {
        free(d->items[i].code);
        free(d->items[i].msg);
        free(d->items[i].file);
    }
    free(d->items);
    d->items = NULL;
    d->len = d->cap = 0;
}

void rg_diag_format(rg_buf *out, const rg_diag *d) {
    if (d->file) {
        rg_buf_puts(out, d->file);
        if (d->line > 0) rg_buf_printf(out, ":%d:%d", d->line, d->col > 0 ? d->col : 1);
        rg_buf_puts(out, ": ");
    }
    rg_buf_printf(out, "%s: %s", d->code, d->msg);
}
