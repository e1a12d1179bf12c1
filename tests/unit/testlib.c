/* See testlib.h. */
#include "testlib.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "read/read.h"

int rg_test_failures;
int rg_test_checks;

void rg_test_fail(const char *file, int line, const char *fmt, ...) {
    va_list ap;
    rg_test_failures++;
    fprintf(stderr, "%s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int rg_test_report(const char *name) {
    printf("%s: %d checks, %d failed\n", name, rg_test_checks, rg_test_failures);
    return rg_test_failures ? 1 : 0;
}

rg_value rg_test_json(rg_arena *a, const char *text) {
    bool is_set = strncmp(text, "set:", 4) == 0;
    if (is_set) text += 4;
    rg_diags d = RG_DIAGS_INIT;
    rg_value v = rg_undefined();
    if (rg_json_parse(a, "test", text, strlen(text), 0, NULL, &v, &d) != 0) {
        fprintf(stderr, "bad test JSON: %s\n", text);
        abort();
    }
    rg_diags_fini(&d);
    return is_set && v.kind == RG_ARRAY ? rg_set(a, v.u.items, v.len) : v;
}
