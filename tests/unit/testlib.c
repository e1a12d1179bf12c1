/* See testlib.h. */
#include "testlib.h"

#include <stdarg.h>
#include <stdio.h>

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
