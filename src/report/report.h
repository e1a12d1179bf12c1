/* Report writers: one format each, over a finished scan result.  Output is
 * deterministic (the result's order); nothing here evaluates policies. */
#ifndef RG_REPORT_REPORT_H
#define RG_REPORT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "review/finding.h"

typedef enum rg_report_format {
    RG_REPORT_TEXT,
    RG_REPORT_JSON,
    RG_REPORT_SARIF,
    RG_REPORT_JUNIT,
    RG_REPORT_GITHUB,
} rg_report_format;

typedef struct rg_report_options {
    bool color;        /* ANSI colours (text only); the CLI decides (terminal, NO_COLOR) */
    bool show_suppressed; /* text: list suppressed findings too */
} rg_report_options;

/* Parses "text", "json", "sarif", "junit", "github"; returns -1 if unknown. */
int rg_report_format_parse(const char *name);

/* Writes the report; returns 0, or -1 on a write error. */
int rg_report_write(FILE *out, rg_report_format format, const rg_scan_result *r, const rg_report_options *opts);

int rg_report_text(FILE *out, const rg_scan_result *r, const rg_report_options *opts);
int rg_report_json(FILE *out, const rg_scan_result *r);
int rg_report_sarif(FILE *out, const rg_scan_result *r);
int rg_report_junit(FILE *out, const rg_scan_result *r);
int rg_report_github(FILE *out, const rg_scan_result *r);

#endif
