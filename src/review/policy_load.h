/* Loading .rego modules and .json/.yaml data documents into a policy set. */
#ifndef RG_REVIEW_POLICY_LOAD_H
#define RG_REVIEW_POLICY_LOAD_H

#include "base/diag.h"
#include "rego/policy.h"

/* Loads .rego modules and .json/.yaml data files from a file or folder
 * (recursively, in sorted order) into p.  Data files are placed at the path
 * of their folder relative to the given root, as OPA does.  Returns the
 * number of errors (appended to diags). */
int rg_policy_load_path(rg_policy *p, const char *path, rg_diags *diags);

#endif
