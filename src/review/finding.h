/* Findings: what a scan reports, as the report writers see it.  Reports
 * depend on this header only (not on the Rego engine or the template model).
 *
 * All strings are owned by the rg_scan_result (its arena) and may be NULL
 * where noted. */
#ifndef RG_REVIEW_FINDING_H
#define RG_REVIEW_FINDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

typedef enum rg_severity {
    RG_SEV_INFO = 0,
    RG_SEV_LOW,
    RG_SEV_MEDIUM,
    RG_SEV_HIGH,
    RG_SEV_CRITICAL,
} rg_severity;

/* "info", "low", "medium", "high", "critical". */
const char *rg_severity_name(rg_severity s);
/* Parses a severity name (case-insensitive); returns -1 when unknown. */
int rg_severity_parse(const char *s);

/* A control: one policy package (its METADATA gives id, title, ...). */
typedef struct rg_control {
    const char *id;           /* e.g. "S3.001"; the package path when no id is given */
    const char *package;      /* "data.regent.aws.s3.encryption" */
    const char *title;        /* may be NULL */
    const char *description;  /* may be NULL */
    const char *remediation;  /* may be NULL */
    rg_severity severity;     /* default when results carry none */
    const char *source_file;  /* the policy file */
} rg_control;

/* A control's governance metadata (METADATA custom.resource_types and
 * custom.approval), kept beside rg_control (rg_scan_result.control_gov) so
 * positional rg_control initializers stay valid. */
typedef struct rg_control_gov {
    const char *const *resource_types; /* CloudFormation types it reviews (globs allowed) */
    size_t n_resource_types;
    const char *approval_status; /* custom.approval.status as written; NULL when missing */
    const char *reviewer;        /* custom.approval.reviewer (may be NULL) */
    const char *approval_date;   /* custom.approval.date (may be NULL) */
    bool approved;               /* approval_status is "approved"; anything else is pending */
} rg_control_gov;

typedef struct rg_finding {
    size_t control;           /* index into rg_scan_result.controls */
    const char *rule;         /* "deny", "violation" or "warn" */
    rg_severity severity;
    const char *message;
    /* where: the template file, and the most specific existing node */
    const char *file;
    uint32_t line, col;       /* 0 when unknown */
    const char *source_line;  /* text of that line (may be NULL) */
    const char *logical_id;   /* may be NULL */
    const char *resource_type;/* may be NULL */
    const char *path;         /* property path as text, e.g. "Properties.BucketEncryption" (may be NULL) */
    const char *stack;        /* CDK stack name (may be NULL) */
    const char *construct_path; /* CDK construct path (may be NULL) */
    const char *cdk_source_file; /* the CDK app's code that created the construct (may be NULL) */
    uint32_t cdk_source_line;
    bool suppressed;
    const char *suppress_reason; /* when suppressed */
    const char *suppress_source; /* "template metadata regent.suppress", "cfn_nag", ... */
} rg_finding;

/* One scanned template. */
typedef struct rg_scanned {
    const char *file;
    const char *stack;        /* may be NULL */
    size_t n_resources;
} rg_scanned;

typedef struct rg_scan_result {
    rg_control *controls;
    size_t n_controls;
    rg_control_gov *control_gov; /* per control, parallel to controls; NULL in hand-built results */
    rg_finding *findings;     /* sorted: file, line, col, control id */
    size_t n_findings;
    rg_scanned *templates;
    size_t n_templates;
    rg_diags errors;          /* inputs or policies that could not be read or compiled */
    const char *tool_version; /* "0.1.0" */
    rg_diags notes;           /* files skipped as not templates (code "skipped"); not errors */
    void *owner;              /* internal: the storage behind the strings above */
} rg_scan_result;

#endif
