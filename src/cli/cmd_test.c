/* regent test: run the Rego unit tests of policies (test_* rules), the way
 * `opa test` does, with optional line coverage of the policies. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "review/policy_test.h"

static const char test_usage[] =
    "usage: regent test [options] [PATH...]\n"
    "\n"
    "Runs Rego unit tests: every rule named test_* in the given .rego files and\n"
    "folders (data .json/.yaml files are loaded as data) is a test that passes\n"
    "when it is defined and not false; `with` mocks input, data and functions.\n"
    "Without PATH, runs the tests of the built-in policy library. The built-in\n"
    "helper library (regent.cfn, ...) is available unless PATH defines it.\n"
    "\n"
    "options:\n"
    "  -v, --verbose     print every test with its time, not only failures\n"
    "      --run REGEX   run only tests whose full name (data.pkg.test_x) matches\n"
    "      --coverage    report covered and uncovered lines per policy file\n"
    "  -h, --help        show this help\n"
    "\n"
    "The last line is \"N passed, M failed\" (errors count as failed).\n"
    "exit status: 0 every test passed, 1 a test failed, 2 policies could not be loaded\n";

/* "3-5, 9" from a sorted list of lines whose flag is false. */
static void print_ranges(const rg_test_coverage *c) {
    size_t i = 0;
    bool first = true;
    while (i < c->n_lines) {
        if (c->covered[i]) {
            i++;
            continue;
        }
        size_t j = i;
        while (j + 1 < c->n_lines && !c->covered[j + 1]) j++;
        printf("%s%u", first ? "" : ", ", c->lines[i]);
        if (j > i) printf("-%u", c->lines[j]);
        first = false;
        i = j + 1;
    }
}

static void print_coverage(const rg_test_result *r) {
    size_t lines = 0, covered = 0;
    printf("\ncoverage:\n");
    for (size_t i = 0; i < r->n_files; i++) {
        const rg_test_coverage *c = &r->files[i];
        lines += c->n_lines;
        covered += c->n_covered;
        double pct = c->n_lines ? 100.0 * (double)c->n_covered / (double)c->n_lines : 100.0;
        printf("  %6.1f%%  %s (%zu/%zu lines)", pct, c->file, c->n_covered, c->n_lines);
        if (c->n_covered < c->n_lines) {
            printf("; not covered: ");
            print_ranges(c);
        }
        putchar('\n');
    }
    printf("  %6.1f%%  total (%zu/%zu lines)\n", lines ? 100.0 * (double)covered / (double)lines : 100.0, covered,
           lines);
}

int rg_cmd_test(int argc, char **argv) {
    rg_test_options o = {0};
    bool verbose = false;
    const char **paths = rg_xcalloc((size_t)argc, sizeof *paths);
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
            fputs(test_usage, stdout);
            free(paths);
            return RG_EXIT_OK;
        } else if (!strcmp(s, "-v") || !strcmp(s, "--verbose")) {
            verbose = true;
        } else if (!strcmp(s, "--coverage")) {
            o.coverage = true;
        } else if (!strcmp(s, "--run") || !strncmp(s, "--run=", 6)) {
            o.run = s[5] == '=' ? s + 6 : (i + 1 < argc ? argv[++i] : NULL);
            if (!o.run) {
                fprintf(stderr, "regent test: option '--run' needs a value\n%s", test_usage);
                free(paths);
                return RG_EXIT_ERROR;
            }
        } else if (s[0] == '-' && s[1]) {
            fprintf(stderr, "regent test: unknown option '%s'\n%s", s, test_usage);
            free(paths);
            return RG_EXIT_ERROR;
        } else {
            paths[o.n_paths++] = s;
        }
    }
    o.paths = paths;
    rg_test_result r;
    int rc = rg_test_run(&o, &r);
    free(paths);
    if (rc != 0) {
        rg_cli_print_diags(stderr, &r.diags);
        rg_test_result_fini(&r);
        return RG_EXIT_ERROR;
    }
    for (size_t i = 0; i < r.n_cases; i++) {
        const rg_test_case *c = &r.cases[i];
        if (c->status == RG_TEST_FAIL) printf("FAIL  %s (%s:%u)\n", c->name, c->file, c->line);
        else if (c->status == RG_TEST_ERROR) printf("ERROR %s (%s:%u): %s\n", c->name, c->file, c->line, c->error);
        else if (verbose && c->status == RG_TEST_SKIP) printf("SKIP  %s (%s:%u)\n", c->name, c->file, c->line);
        else if (verbose) printf("PASS  %s (%.2f ms)\n", c->name, c->ms);
    }
    if (o.coverage) print_coverage(&r);
    size_t failed = r.failed + r.errors;
    if (r.skipped) printf("%zu skipped\n", r.skipped);
    printf("%zu passed, %zu failed\n", r.passed, failed);
    rg_test_result_fini(&r);
    return failed ? RG_EXIT_FINDINGS : RG_EXIT_OK;
}
