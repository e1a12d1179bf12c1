/* The control catalogue: every control of a policy set with its METADATA
 * (id, severity, resource types, threats, mitigations, framework mappings,
 * remediation, aliases, approval), and coverage derived from it.  Backs
 * `regent policies` and the generated part of docs/threat-model.md.
 *
 * All strings and values are owned by the catalogue (its arena). */
#ifndef RG_REVIEW_CATALOG_H
#define RG_REVIEW_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "review/finding.h"
#include "rego/policy.h"

/* A list of strings (ids, resource types). */
typedef struct rg_strlist {
    const char **items;
    size_t len;
} rg_strlist;

/* name -> ids, e.g. framework "nist-800-53" -> [SC-28, SC-12]. */
typedef struct rg_named_ids {
    const char *name;
    rg_strlist ids;
} rg_named_ids;

typedef struct rg_catalog_control {
    const char *id;           /* custom.id, else the package path without "data." */
    const char *package;      /* "data.regent.aws.s3.bucket_kms_encryption"; NULL for engine controls */
    const char *service;      /* "s3": the package segment after regent.aws, else the id's prefix, lower-cased */
    const char *title;        /* may be NULL */
    const char *description;  /* may be NULL */
    const char *remediation;  /* may be NULL */
    rg_severity severity;     /* medium when not given */
    rg_strlist resource_types, threats, mitigations;
    rg_named_ids *frameworks; /* in written order */
    size_t n_frameworks;
    rg_named_ids *aliases;    /* tool -> ids, in written order */
    size_t n_aliases;
    const char *approval_status;   /* "pending" when not given */
    const char *approval_reviewer; /* may be NULL */
    const char *approval_date;     /* may be NULL */
    const char *source_file;  /* the policy file; NULL for controls built into the engine */
    int line, col;            /* its METADATA block (0 when unknown) */
} rg_catalog_control;

typedef struct rg_catalog_options {
    const char *const *policy_paths; /* extra .rego files or folders */
    size_t n_policy_paths;
    bool no_builtin;                 /* skip the embedded controls (the helper library stays) */
} rg_catalog_options;

typedef struct rg_catalog {
    rg_catalog_control *controls; /* sorted by id (numbers in ids compare by value) */
    size_t n_controls;
    rg_diags errors;   /* policies that could not be read or compiled */
    rg_diags problems; /* malformed metadata (code "metadata_error") */
    void *owner;       /* internal: arena and policy set */
} rg_catalog;

/* Loads and compiles the policies and extracts every control.  Returns 0,
 * or -1 when some policy could not be read or compiled (out->errors; out
 * then holds no controls).  Metadata problems do not fail the load; they
 * are listed in out->problems.  Call rg_catalog_fini in both cases. */
int rg_catalog_load(const rg_catalog_options *o, rg_catalog *out);
void rg_catalog_fini(rg_catalog *c);

/* Checks that every control names at least one threat and one mitigation
 * (what the threat model needs); appends "metadata_error" diagnostics.
 * Returns the number of problems found. */
int rg_catalog_check_threats(const rg_catalog *c, rg_diags *diags);

/* The whole catalogue as a value (the `regent policies --format json`
 * document): {"controls": [...], "coverage": {...}, "counts": {...}};
 * see docs/policies.md.  Allocated in the catalogue's arena. */
rg_value rg_catalog_document(rg_catalog *c);

/* Orders strings with digit runs compared by value ("AU-2" < "AU-12"). */
int rg_natural_compare(const char *a, const char *b);

#endif
