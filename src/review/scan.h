/* Scanning: built-in and user policies compiled once, every template
 * evaluated against every control (in parallel), results turned into
 * located findings. */
#ifndef RG_REVIEW_SCAN_H
#define RG_REVIEW_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "review/finding.h"
#include "review/governance.h"

typedef struct rg_scan_options {
    const char *const *policy_paths; /* extra .rego files or folders (--policy) */
    size_t n_policy_paths;
    bool no_builtin;                 /* skip the embedded library */
    int jobs;                        /* worker threads; <= 0: number of CPUs */
    bool verbose;                    /* note skipped files in errors with code "skipped" */
    bool all_controls;               /* also load built-in controls that review none of the templates' types */
    /* governance (docs/governance.md) */
    rg_gov_mode governance;          /* GOV.001/GOV.002: auto (default), on or off */
    rg_gov_types review_types;       /* no-review list configuration */
    bool no_inline_suppressions;     /* template suppressions are reported (GOV.003), never applied */
    const char *const *waiver_files; /* central waivers (GOV.004 about them) */
    size_t n_waiver_files;
    const char *today;               /* "YYYY-MM-DD" for waiver expiry; NULL: the current UTC date */
} rg_scan_options;

/* Scans the inputs (files, folders, cloud assemblies, "-").  Fills *out
 * (call rg_scan_result_fini).  Returns 0, or -1 when some input or policy
 * could not be read or compiled (reported in out->errors; the rest is still
 * scanned). */
int rg_scan(const char *const *inputs, size_t n_inputs, const rg_scan_options *opts, rg_scan_result *out);
void rg_scan_result_fini(rg_scan_result *r);

/* Highest severity among unsuppressed findings, or -1 when there are none. */
int rg_scan_max_severity(const rg_scan_result *r);

#endif
