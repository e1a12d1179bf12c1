/* Governance: which controls review which resource types, and whether the
 * security team has approved them.  A scan reports every resource whose type
 * no approved control reviews (GOV.001) and every resource reviewed by a
 * control still pending approval (GOV.002), except types on the no-review
 * list (built-in defaults, extended by configuration).  The GOV.* built-in
 * pseudo-controls are defined here too.  See docs/governance.md. */
#ifndef RG_REVIEW_GOVERNANCE_H
#define RG_REVIEW_GOVERNANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "cfn/cfn.h"
#include "review/finding.h"
#include "review/suppress.h"

/* When GOV.001/GOV.002 run. */
typedef enum rg_gov_mode {
    RG_GOV_AUTO = 0, /* when some loaded control declares resource_types */
    RG_GOV_ON,       /* always (a resource of a type no control lists is a finding) */
    RG_GOV_OFF,
} rg_gov_mode;

/* One row of the built-in no-review list. */
typedef struct rg_no_review_entry {
    const char *pattern; /* type or fnmatch glob, e.g. "Custom::*" */
    const char *reason;  /* one line: why it needs no control of its own */
} rg_no_review_entry;

/* The built-in no-review list, terminated by a {NULL, NULL} row. */
extern const rg_no_review_entry rg_no_review_defaults[];

/* The no-review configuration. */
typedef struct rg_gov_types {
    const char *const *no_review; /* patterns added to the defaults (config no_review_types) */
    size_t n_no_review;
    const char *const *review;    /* patterns taking default entries off the list (config review_types) */
    size_t n_review;
} rg_gov_types;

/* Whether a type or glob pattern matches a resource type (fnmatch). */
bool rg_gov_type_matches(const char *pattern, const char *type);

/* Why a resource type needs no control: the reason of the default entry it
 * matches, or "listed in no_review_types"; NULL when it needs review.
 * types may be NULL (defaults only). */
const char *rg_gov_no_review_reason(const rg_gov_types *types, const char *type);

/* Reads custom.resource_types and custom.approval from a package's METADATA
 * value (strings copied into a).  Entries of the wrong type are skipped. */
void rg_gov_read_metadata(rg_arena *a, rg_value annotations, rg_control_gov *out);

/* The built-in definition of a governance pseudo-control ("GOV.001" ..
 * "GOV.005"), or NULL. */
const rg_control *rg_gov_control(const char *id);

/* Everything GOV.001/GOV.002 need for one template. */
typedef struct rg_gov_ctx {
    rg_arena *arena;              /* for the strings of new findings */
    const rg_cfn_template *t;
    const rg_control *controls;
    const rg_control_gov *gov;    /* parallel to controls */
    size_t n_reviewing;           /* controls[0..n_reviewing) are the evaluated ones */
    size_t gov001, gov002;        /* indices of the pseudo-controls */
    const rg_gov_types *types;
} rg_gov_ctx;

/* Appends GOV.005 findings for every construct of the template regent
 * cannot see (cfn/unverifiable.c), except on no-review types. */
void rg_gov_check_unverifiable(const rg_gov_ctx *c, size_t gov005, rg_finding_list *out);

/* Appends GOV.001 and GOV.002 findings for the template's resources. */
void rg_gov_check_template(const rg_gov_ctx *c, rg_finding_list *out);

#endif
