/* Printing diagnostics on the terminal. */
#include "cli/cli.h"

void rg_cli_print_diags(FILE *f, const rg_diags *d) {
    for (size_t i = 0; i < d->len; i++) {
        rg_buf b = RG_BUF_INIT;
        rg_diag_format(&b, &d->items[i]);
        fprintf(f, "%s\n", rg_buf_cstr(&b));
        rg_buf_fini(&b);
    }
}
