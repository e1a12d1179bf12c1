/* Loading .rego modules and .json/.yaml data documents into a policy set. */
#ifndef RG_REVIEW_POLICY_LOAD_H
#define RG_REVIEW_POLICY_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "rego/policy.h"

/* Loads .rego modules and .json/.yaml data files from a file or folder
 * (recursively, in sorted order) into p.  Data files are placed at the path
 * of their folder relative to the given root, as OPA does.  Returns the
 * number of errors (appended to diags). */
int rg_policy_load_path(rg_policy *p, const char *path, rg_diags *diags);

/* Resource types present in the templates of a scan (sorted, distinct). */
typedef struct rg_type_set {
    const char *const *types;
    size_t n;
} rg_type_set;

/* Whether a type or fnmatch pattern matches one of the present types. */
bool rg_type_present(const rg_type_set *present, const char *pattern);

/* Adds what a scan evaluates: the embedded library (without its controls
 * when no_builtin; the helper library under policies/lib always) and the
 * given paths.  With `present` (may be NULL: everything), a built-in control
 * that reviews none of the present types, and does not examine the whole
 * template (custom.whole_template), is left out: it could report nothing (every control reports
 * only on its resource_types; tests/policies/check.py checks that), so
 * neither parsing nor evaluating it is needed.  Modules a loaded module
 * imports are loaded too.  Returns the number of errors appended to diags. */
int rg_policy_load_library(rg_policy *p, bool no_builtin, const rg_type_set *present, const char *const *paths,
                           size_t n_paths, rg_diags *diags);

/* The rules that make a package a control (the conftest convention). */
extern const char *const rg_control_rule_kinds[3]; /* "deny", "violation", "warn" */

/* Whether a compiled rule-tree node is a control: a package that defines
 * deny, violation or warn rules. */
bool rg_node_is_control(const rg_node *n);

/* The query text "x = data["a"]["b"]..." for a rule-tree node, followed by
 * ".suffix" when suffix is not NULL; valid whatever the keys are.  In a. */
char *rg_node_query(rg_arena *a, const rg_node *n, const char *suffix);

#endif
