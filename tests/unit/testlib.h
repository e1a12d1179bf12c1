/* Minimal unit-test harness: CHECK records a failure and goes on; main()
 * returns non-zero when any check failed. */
#ifndef RG_TESTLIB_H
#define RG_TESTLIB_H

#include <stdbool.h>
#include <string.h>

#include "value/value.h"

extern int rg_test_failures;
extern int rg_test_checks;
void rg_test_fail(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#define CHECK(cond)                                                              \
    do {                                                                         \
        rg_test_checks++;                                                        \
        if (!(cond)) rg_test_fail(__FILE__, __LINE__, "check failed: %s", #cond); \
    } while (0)

#define CHECK_STR(got, want)                                                                   \
    do {                                                                                       \
        const char *g_ = (got), *w_ = (want);                                                  \
        rg_test_checks++;                                                                      \
        if (!g_ || strcmp(g_, w_) != 0)                                                        \
            rg_test_fail(__FILE__, __LINE__, "got \"%s\", want \"%s\"", g_ ? g_ : "(null)", w_); \
    } while (0)

#define CHECK_INT(got, want)                                                                   \
    do {                                                                                       \
        long long g_ = (long long)(got), w_ = (long long)(want);                               \
        rg_test_checks++;                                                                      \
        if (g_ != w_) rg_test_fail(__FILE__, __LINE__, "%s: got %lld, want %lld", #got, g_, w_); \
    } while (0)

/* Test data from JSON text, in arena a; "set:[...]" gives a set of the
 * array's elements.  Malformed text is a bug in the test: it aborts. */
rg_value rg_test_json(rg_arena *a, const char *text);

/* Returns the process exit status. */
int rg_test_report(const char *name);

#endif
