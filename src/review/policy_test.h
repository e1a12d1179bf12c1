/* Rego unit tests the way `opa test` runs them: every rule named test_* is
 * a test that passes when it is defined and not false; `with` mocks input,
 * data and functions.  Optionally records which lines of each policy the
 * tests evaluated. */
#ifndef RG_REVIEW_POLICY_TEST_H
#define RG_REVIEW_POLICY_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

typedef enum rg_test_status { RG_TEST_PASS, RG_TEST_FAIL, RG_TEST_ERROR, RG_TEST_SKIP } rg_test_status;

typedef struct rg_test_case {
    const char *name;  /* "data.regent.aws.s3.x_test.test_y" */
    const char *file;
    uint32_t line;
    rg_test_status status;
    const char *error; /* RG_TEST_ERROR: the evaluation error */
    double ms;
} rg_test_case;

/* Coverage of one policy file (test files excluded): the lines holding
 * expressions, and which of them some test evaluated. */
typedef struct rg_test_coverage {
    const char *file;
    uint32_t *lines;   /* sorted, distinct */
    bool *covered;     /* per line */
    size_t n_lines, n_covered;
} rg_test_coverage;

typedef struct rg_test_options {
    const char *const *paths; /* .rego files, data files and folders; none: the built-in library and its tests */
    size_t n_paths;
    const char *run;          /* PCRE2 pattern a test's full name must match, or NULL */
    bool coverage;
} rg_test_options;

typedef struct rg_test_result {
    rg_test_case *cases;      /* in file, line order */
    size_t n_cases;
    size_t passed, failed, errors, skipped;
    rg_test_coverage *files;  /* with options.coverage, sorted by file */
    size_t n_files;
    rg_diags diags;           /* load, compile and option errors */
    void *owner;
} rg_test_result;

/* Returns 0, or -1 when policies could not be loaded or compiled or the
 * --run pattern is invalid (in out->diags; no test ran). */
int rg_test_run(const rg_test_options *opts, rg_test_result *out);
void rg_test_result_fini(rg_test_result *r);

#endif
