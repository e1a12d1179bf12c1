/* Findings from the variants of one template (each Fn::If branch, each
 * parameter value) merged into what a reader needs: a finding that holds in
 * every variant once and unqualified, one that holds in some variants once,
 * with the values that select them: "... (when IsProd=false)". */
#ifndef RG_REVIEW_VARIANT_FINDINGS_H
#define RG_REVIEW_VARIANT_FINDINGS_H

#include "review/suppress.h"

enum { RG_MAX_VARIANTS = 64 };

/* findings->items[first..len) came from variants variant_of[i - first] (each
 * < n_variants <= RG_MAX_VARIANTS) whose variable values are conditions[v]
 * (objects).  Merges them in place; new message strings go to arena a. */
void rg_merge_variant_findings(rg_arena *a, rg_finding_list *findings, size_t first, const size_t *variant_of,
                               const rg_value *conditions, size_t n_variants);

#endif
