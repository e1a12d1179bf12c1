/**
 * @file regent.h
 * @brief regent's public C API: compile a Rego policy set once, evaluate
 * queries against many inputs, from many threads.
 *
 * Ownership: every object returned by a _new or _prepare function is freed by
 * the matching _free function.  Strings returned through `char **` parameters are
 * malloc'd; free them with regent_string_free.
 *
 * Threads: after regent_policy_compile succeeds, the policy is read-only.
 * regent_query_prepare and regent_query_eval may then be called from any
 * number of threads at once on the same policy and the same prepared query.
 */
#ifndef REGENT_REGENT_H
#define REGENT_REGENT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A set of Rego modules and base data, compiled once. */
typedef struct regent_policy regent_policy;
/** A query compiled against a policy. */
typedef struct regent_query regent_query;

/** Options for regent_policy_new; start from REGENT_POLICY_OPTIONS_INIT. */
typedef struct regent_policy_options {
    int v0_compatible; /**< parse modules as Rego v0 unless they import rego.v1 */
} regent_policy_options;
#define REGENT_POLICY_OPTIONS_INIT {0}

/** Options for regent_query_eval; start from REGENT_EVAL_OPTIONS_INIT. */
typedef struct regent_eval_options {
    int strict_builtin_errors; /**< builtin errors fail the query instead of being undefined */
} regent_eval_options;
#define REGENT_EVAL_OPTIONS_INIT {0}

/** Creates an empty policy set; opts may be NULL. */
regent_policy *regent_policy_new(const regent_policy_options *opts);
void regent_policy_free(regent_policy *p);

/** Adds a module.  Returns 0, or -1 (see regent_policy_errors). */
int regent_policy_add_module(regent_policy *p, const char *filename, const char *source, size_t len);
/** Sets the base document from JSON text.  Returns 0 or -1. */
int regent_policy_set_data_json(regent_policy *p, const char *json, size_t len);
/** Compiles the modules: names, safety, types, recursion.  Returns 0 or -1. */
int regent_policy_compile(regent_policy *p);
/** Errors so far, one "file:line:col: code: message" per line (borrowed; "" if none). */
const char *regent_policy_errors(const regent_policy *p);

/** Compiles a query against a compiled policy.  On error returns NULL and
 * sets *err (free with regent_string_free) when err is not NULL. */
regent_query *regent_query_prepare(regent_policy *p, const char *query, char **err);
void regent_query_free(regent_query *q);

/** Evaluates q with input given as JSON text (NULL: no input).  On success
 * returns 0 and *out_json, the results as `opa eval` prints them:
 * {"result":[{"expressions":[...],"bindings":{...}}]} or {} when undefined.
 * On error returns -1 and *err.  Thread-safe. */
int regent_query_eval(const regent_query *q, const char *input_json, size_t input_len,
                      const regent_eval_options *opts, char **out_json, char **err);

void regent_string_free(char *s);

/** Library version, e.g. "0.1.0". */
const char *regent_version(void);

#ifdef __cplusplus
}
#endif

#endif
