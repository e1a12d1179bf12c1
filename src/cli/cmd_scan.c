/* regent scan: review CloudFormation templates and CDK cloud assemblies
 * against the built-in and user policies. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "report/report.h"
#include "review/config.h"
#include "review/scan.h"
#include "review/waivers.h"

static const char scan_usage[] =
    "usage: regent scan [options] PATH...\n"
    "\n"
    "Reviews CloudFormation templates (JSON or YAML), folders of them, and CDK\n"
    "cloud assemblies (cdk.out) against regent's built-in controls and your own\n"
    "Rego policies. `-` reads one template from standard input.\n"
    "\n"
    "options:\n"
    "  -p, --policy PATH     add Rego policies (a .rego file or a folder; repeatable)\n"
    "      --no-builtin      do not use the built-in controls (the regent.cfn helper library stays)\n"
    "  -f, --format FORMAT   text (default), json, sarif, junit or github\n"
    "  -o, --output FILE     write the report to FILE instead of standard output\n"
    "      --fail-on LEVEL   exit 1 when an unsuppressed finding is at least LEVEL:\n"
    "                        info (default: any finding), low, medium, high, critical, or never\n"
    "  -j, --jobs N          templates scanned in parallel (default: number of CPUs)\n"
    "      --show-suppressed text: list suppressed findings too (json and sarif always include them)\n"
    "      --all-controls    also evaluate built-in controls that review none of the templates'\n"
    "                        resource types (they find nothing, but the report lists them)\n"
    "  -v, --verbose         also say which files were skipped as not templates\n"
    "  -h, --help            show this help\n"
    "\n"
    "governance (docs/governance.md):\n"
    "      --config FILE     settings file (default: ./.regent.yaml if present); options override it\n"
    "      --waivers FILE    central waivers (repeatable; replaces the configuration's list)\n"
    "      --no-inline-suppressions\n"
    "                        ignore suppressions written in templates and report each one\n"
    "      --governance      report resources no approved control reviews (GOV.001, GOV.002)\n"
    "                        (default: when some control declares resource_types)\n"
    "      --no-governance   do not report them\n"
    "\n"
    "exit status: 0 no finding at or above --fail-on, 1 such findings,\n"
    "             2 an input, a policy or a waivers file could not be read or compiled (the rest\n"
    "             is still scanned), or the configuration is invalid (nothing is scanned)\n"
    "\n"
    "environment: REGENT_TODAY=YYYY-MM-DD sets the date waivers expire against (default: today, UTC)\n";

typedef struct scan_args {
    const char **inputs, **policies, **waivers;
    size_t n_inputs, n_policies, n_waivers;
    const char *format, *output, *config;
    int fail_on; /* severity, or -1 for never */
    int jobs;
    bool no_builtin, verbose, show_suppressed, all_controls;
    bool fail_on_set, no_inline_suppressions;
    rg_gov_mode governance; /* RG_GOV_AUTO: not given */
} scan_args;

static void push(const char ***list, size_t *n, const char *s) {
    *list = rg_xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = s;
}

static int parse_scan_args(int argc, char **argv, scan_args *a) {
    a->format = "text";
    a->fail_on = RG_SEV_INFO;
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes = !strcmp(s, "-p") || !strcmp(s, "--policy") || !strcmp(s, "-f") || !strcmp(s, "--format") ||
                     !strcmp(s, "-o") || !strcmp(s, "--output") || !strcmp(s, "--fail-on") || !strcmp(s, "-j") ||
                     !strcmp(s, "--jobs") || !strcmp(s, "--config") || !strcmp(s, "--waivers");
        if (takes && !val) {
            fprintf(stderr, "regent scan: option '%s' needs a value\n", s);
            return -1;
        }
        if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
            fputs(scan_usage, stdout);
            exit(RG_EXIT_OK);
        } else if (!strcmp(s, "-p") || !strcmp(s, "--policy")) {
            push(&a->policies, &a->n_policies, argv[++i]);
        } else if (!strcmp(s, "-f") || !strcmp(s, "--format")) {
            a->format = argv[++i];
            if (rg_report_format_parse(a->format) < 0) {
                fprintf(stderr, "regent scan: unknown format '%s' (want text, json, sarif, junit or github)\n", a->format);
                return -1;
            }
        } else if (!strcmp(s, "-o") || !strcmp(s, "--output")) {
            a->output = argv[++i];
        } else if (!strcmp(s, "--fail-on")) {
            const char *lv = argv[++i];
            a->fail_on_set = true;
            a->fail_on = !strcmp(lv, "never") ? -1 : !strcmp(lv, "any") ? RG_SEV_INFO : rg_severity_parse(lv);
            if (a->fail_on < -1 || (a->fail_on == -1 && strcmp(lv, "never") != 0)) {
                fprintf(stderr, "regent scan: unknown level '%s' (want info, low, medium, high, critical or never)\n", lv);
                return -1;
            }
        } else if (!strcmp(s, "-j") || !strcmp(s, "--jobs")) {
            char *end;
            long n = strtol(argv[++i], &end, 10);
            if (*end || n < 1 || n > 256) {
                fprintf(stderr, "regent scan: --jobs wants a number from 1 to 256\n");
                return -1;
            }
            a->jobs = (int)n;
        } else if (!strcmp(s, "--show-suppressed")) {
            a->show_suppressed = true;
        } else if (!strcmp(s, "--all-controls")) {
            a->all_controls = true;
        } else if (!strcmp(s, "--no-builtin")) {
            a->no_builtin = true;
        } else if (!strcmp(s, "--config")) {
            a->config = argv[++i];
        } else if (!strcmp(s, "--waivers")) {
            push(&a->waivers, &a->n_waivers, argv[++i]);
        } else if (!strcmp(s, "--no-inline-suppressions")) {
            a->no_inline_suppressions = true;
        } else if (!strcmp(s, "--governance") || !strcmp(s, "--no-governance")) {
            a->governance = !strcmp(s, "--governance") ? RG_GOV_ON : RG_GOV_OFF;
        } else if (!strcmp(s, "-v") || !strcmp(s, "--verbose")) {
            a->verbose = true;
        } else if (s[0] == '-' && s[1]) {
            fprintf(stderr, "regent scan: unknown option '%s'\n\n%s", s, scan_usage);
            return -1;
        } else {
            push(&a->inputs, &a->n_inputs, s);
        }
    }
    if (!a->n_inputs) {
        fputs(scan_usage, stderr);
        return -1;
    }
    return 0;
}

/* The configuration file: --config, else .regent.yaml when present.  An
 * invalid one stops the run: it decides what the scan means. */
static int load_config(const scan_args *a, rg_config *c) {
    const char *path = a->config ? a->config : access(".regent.yaml", F_OK) == 0 ? ".regent.yaml" : NULL;
    if (!path) return 0;
    rg_diags errors = RG_DIAGS_INIT;
    int n = rg_config_load(c, path, &errors);
    rg_cli_print_diags(stderr, &errors);
    rg_diags_fini(&errors);
    return n ? -1 : 0;
}

/* Scan options from the arguments, over the configuration's settings. */
static int scan_options(scan_args *a, const rg_config *c, rg_scan_options *o) {
    const char *today = getenv("REGENT_TODAY");
    if (today && !rg_date_valid(today)) {
        fprintf(stderr, "regent scan: REGENT_TODAY must be a date YYYY-MM-DD, not '%s'\n", today);
        return -1;
    }
    if (!a->fail_on_set && c->fail_on != RG_CONFIG_UNSET) a->fail_on = c->fail_on;
    rg_gov_mode gov = a->governance;
    if (gov == RG_GOV_AUTO && c->governance != RG_CONFIG_UNSET) gov = c->governance ? RG_GOV_ON : RG_GOV_OFF;
    *o = (rg_scan_options){
        .policy_paths = a->policies,
        .n_policy_paths = a->n_policies,
        .no_builtin = a->no_builtin,
        .jobs = a->jobs,
        .verbose = a->verbose,
        .all_controls = a->all_controls,
        .governance = gov,
        .review_types = {c->no_review_types, c->n_no_review_types, c->review_types, c->n_review_types},
        .no_inline_suppressions = a->no_inline_suppressions || c->no_inline_suppressions == 1,
        .waiver_files = a->n_waivers ? a->waivers : c->waivers,
        .n_waiver_files = a->n_waivers ? a->n_waivers : c->n_waivers,
        .today = today,
    };
    return 0;
}

int rg_cmd_scan(int argc, char **argv) {
    scan_args a = {0};
    rg_config config;
    rg_config_init(&config);
    int status = RG_EXIT_OK;
    rg_scan_options opts;
    if (parse_scan_args(argc, argv, &a) != 0 || load_config(&a, &config) != 0 ||
        scan_options(&a, &config, &opts) != 0) {
        status = RG_EXIT_ERROR;
        goto out;
    }
    rg_scan_result r;
    int rc = rg_scan(a.inputs, a.n_inputs, &opts, &r);
    FILE *f = stdout;
    if (a.output && !(f = fopen(a.output, "w"))) {
        fprintf(stderr, "regent scan: cannot write %s: %s\n", a.output, strerror(errno));
        rg_scan_result_fini(&r);
        status = RG_EXIT_ERROR;
        goto out;
    }
    /* Errors go to stderr as file:line:col: code: message, unless the text
     * report, which lists them too, is going to the terminal already. */
    rg_cli_print_diags(stderr, &r.notes);
    if (f != stdout || strcmp(a.format, "text") != 0) rg_cli_print_diags(stderr, &r.errors);
    rg_report_options ro = {.color = f == stdout && isatty(STDOUT_FILENO) && !getenv("NO_COLOR"),
                            .show_suppressed = a.show_suppressed};
    if (rg_report_write(f, (rg_report_format)rg_report_format_parse(a.format), &r, &ro) != 0) rc = -1;
    if (f != stdout && fclose(f) != 0) rc = -1;
    int max = rg_scan_max_severity(&r);
    if (rc != 0) status = RG_EXIT_ERROR;
    else if (a.fail_on >= 0 && max >= a.fail_on) status = RG_EXIT_FINDINGS;
    rg_scan_result_fini(&r);
out:
    rg_config_fini(&config);
    free(a.inputs);
    free(a.policies);
    free(a.waivers);
    return status;
}
