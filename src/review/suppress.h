/* Suppressions written in templates: regent's own and the syntaxes teams
 * already use with other tools (cfn_nag, checkov, cfn-guard, cdk_nag), so
 * reviewed exceptions survive a migration.  Suppressions are themselves
 * checked: one without a reason, one naming no known control, one that
 * matches no finding (stale), and a misspelled key are findings.  With
 * ignore_inline (a team that grants exceptions centrally, as waivers) none
 * applies and each is reported. */
#ifndef RG_REVIEW_SUPPRESS_H
#define RG_REVIEW_SUPPRESS_H

#include <stdbool.h>

#include "cfn/cfn.h"
#include "review/finding.h"

typedef struct rg_finding_list {
    rg_finding *items;
    size_t len, cap;
} rg_finding_list;

void rg_finding_list_push(rg_finding_list *l, const rg_finding *f);

typedef struct rg_suppress_ctx {
    rg_arena *arena;           /* for the strings of new findings */
    const rg_cfn_template *t;
    const rg_control *controls;
    const rg_value *aliases;   /* per control: custom.aliases ({"cfn_nag": ["W41"], ...}) or undefined */
    size_t n_controls;
    size_t meta_control;       /* the control that suppression findings belong to (GOV.003) */
    size_t first_governance;   /* controls[first_governance..] are the GOV.* ones: only waivers cover them */
    bool ignore_inline;        /* --no-inline-suppressions: suppressions only reported, never applied */
} rg_suppress_ctx;

/* Marks the template's findings (findings[first..len)) that a suppression
 * covers, and appends findings about the suppressions themselves. */
void rg_apply_suppressions(const rg_suppress_ctx *ctx, rg_finding_list *findings, size_t first);

#endif
