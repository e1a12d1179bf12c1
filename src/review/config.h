/* regent's configuration file (.regent.yaml, or --config FILE): the scan
 * settings a team fixes once (governance, central waivers, inline
 * suppressions off, no-review types, --fail-on).  Unknown keys and values
 * of the wrong type are errors at their file:line:col.
 *
 * Also the small checked-YAML reader that the config and waiver files
 * share: a document with positions and typed lookups that report errors. */
#ifndef RG_REVIEW_CONFIG_H
#define RG_REVIEW_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"
#include "read/read.h"
#include "value/value.h"

/* ---- checked YAML ---- */

typedef struct rg_ydoc {
    rg_arena *arena;
    const char *file;
    const char *code;   /* diagnostic code, e.g. "config_error" */
    rg_srcmap *map;
    rg_value root;
    rg_diags *errors;
    size_t first_error; /* errors before this one are not the document's */
    int n_errors;
} rg_ydoc;

/* Parses YAML text (duplicate keys rejected).  Returns 0, or -1 after a
 * parse error (reported in errors, counted in n_errors).  Call
 * rg_ydoc_fini either way. */
int rg_ydoc_parse(rg_ydoc *d, rg_arena *a, const char *file, const char *code, const char *text, size_t len,
                  rg_diags *errors);
/* Sorts the document's errors by position and frees the source map. */
void rg_ydoc_fini(rg_ydoc *d);
/* The position of a value slot (an item of a parsed array or object);
 * the document root's when unknown or slot is NULL. */
rg_pos rg_ydoc_pos(const rg_ydoc *d, const rg_value *slot);
/* Reports an error at a slot's position. */
void rg_ydoc_error(rg_ydoc *d, const rg_value *slot, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A string list value (a list of non-empty strings, or one string), copied
 * into the arena; reports an error and returns -1 otherwise. */
int rg_ydoc_strings(rg_ydoc *d, const rg_value *slot, const char *key, const char ***out, size_t *n);

/* ---- the configuration ---- */

enum { RG_CONFIG_UNSET = -2 };

typedef struct rg_config {
    rg_arena arena;               /* owns every string below */
    const char *file;             /* NULL when no file was read */
    int governance;               /* RG_CONFIG_UNSET, 0 or 1 */
    int no_inline_suppressions;   /* RG_CONFIG_UNSET, 0 or 1 */
    int fail_on;                  /* RG_CONFIG_UNSET, -1 (never) or a severity */
    const char **waivers;         /* waiver files, relative to the config file's folder already resolved */
    size_t n_waivers;
    const char **no_review_types; /* added to the built-in no-review list */
    size_t n_no_review_types;
    const char **review_types;    /* taken off the built-in no-review list */
    size_t n_review_types;
} rg_config;

void rg_config_init(rg_config *c);
void rg_config_fini(rg_config *c);
/* Parses configuration text; file names it in errors and is the base for
 * relative waiver paths.  Returns the number of errors (code
 * "config_error", or "yaml_parse_error"). */
int rg_config_parse(rg_config *c, const char *file, const char *text, size_t len, rg_diags *errors);
/* Reads and parses a configuration file. */
int rg_config_load(rg_config *c, const char *path, rg_diags *errors);

#endif
