/* CloudFormation and CDK input: templates read with source positions,
 * validated the way CloudFormation validates their shape, and CDK cloud
 * assemblies read through their manifest.
 *
 * A template keeps its value (the template as policies see it, short-form
 * YAML tags already in long form), its source map, and for CDK input the
 * stack name and, per resource, the construct path and the CDK app's source
 * location that created it. */
#ifndef RG_CFN_CFN_H
#define RG_CFN_CFN_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "read/read.h"
#include "value/value.h"

/* Per-resource CDK information (NULL fields when unknown). */
typedef struct rg_cfn_resource_info {
    const char *logical_id;
    const char *construct_path;  /* "storage-insecure/DataBucket/Resource" (aws:cdk:path) */
    const char *source_file;     /* CDK app file that created it, e.g. "apps/storage-insecure.js" */
    uint32_t source_line, source_col;
} rg_cfn_resource_info;

typedef struct rg_cfn_template {
    char *file;         /* path as given/derived (malloc'd), e.g. "cdk.out/app.template.json" */
    char *stack;        /* CDK stack name, or NULL for plain templates (malloc'd) */
    rg_arena arena;     /* owns value, map contents, strings below */
    rg_value value;     /* the template */
    rg_srcmap *map;     /* positions of every value and key */
    rg_cfn_resource_info *resources; /* one per resource in value.Resources order (sorted by logical id) */
    size_t n_resources;
    char *source;       /* the file's text (malloc'd), for showing offending lines */
    size_t source_len;
} rg_cfn_template;

typedef struct rg_cfn_templates {
    rg_cfn_template **items;
    size_t len, cap;
} rg_cfn_templates;

enum rg_cfn_load_flags {
    RG_CFN_VERBOSE = 1 << 0, /* note skipped non-template files in diags with code "skipped" */
};

/* Loads every template a path names: a template file (any extension when
 * named explicitly; "-" is standard input), a folder (recursively: .json,
 * .yaml, .yml, .template files that are CloudFormation templates; others
 * skipped), or a CDK cloud assembly (a folder with manifest.json: every
 * aws:cloudformation:stack artifact, nested assemblies included).
 * Appends loaded templates to out, errors (with file:line:col, code
 * "template_error" or the reader's code) to diags.  Returns the number of
 * errors; the templates that loaded are kept either way. */
int rg_cfn_load_path(const char *path, int flags, rg_cfn_templates *out, rg_diags *diags);

/* Validates a parsed template: a mapping; Resources a mapping when present;
 * each resource a mapping with a string Type; Properties a mapping when
 * present.  Also decides whether a document is a template at all: returns
 * 1 when it is not (no Resources and no AWSTemplateFormatVersion), 0 when
 * valid, -1 after appending errors. */
int rg_cfn_validate(const rg_cfn_template *t, rg_diags *diags);

/* Position of the most specific existing node on a path below the template
 * root: path is an array of keys (strings, array indexes as numbers).
 * Returns false when not even the first key exists. */
bool rg_cfn_locate(const rg_cfn_template *t, rg_value path, rg_pos *out);

/* CDK info for a logical id, or NULL. */
const rg_cfn_resource_info *rg_cfn_resource(const rg_cfn_template *t, const char *logical_id);

/* The text of a 1-based source line (without newline); *len its length. */
const char *rg_cfn_source_line(const rg_cfn_template *t, uint32_t line, size_t *len);

/* One concrete form of a template: its free variables' values
 * (condition name -> bool, parameter name -> value; decided conditions are
 * named too) and the template with Fn::If, parameters, mappings, Join/Sub/
 * Select resolved where known (see variants.c). */
typedef struct rg_cfn_variant {
    rg_value conditions;
    rg_value template;
} rg_cfn_variant;

/* The variants of a template, allocated in a: one when it has no free
 * variables (then template shares all structure with tpl).  At most max
 * variants; *truncated tells when a covering subset was used instead of
 * every combination. */
size_t rg_cfn_variants(rg_arena *a, rg_value tpl, size_t max, rg_cfn_variant **out, bool *truncated);

/* Reports every construct whose effect regent cannot see (transforms and
 * macros, nested stacks, SAM resources, Fn::ImportValue, Fn::ForEach,
 * unknown intrinsic functions): logical_id is NULL for template-level
 * constructs, path is relative to the resource (["Properties", ...]) or to
 * the template root when logical_id is NULL; reason is a sentence. */
typedef void (*rg_cfn_unverifiable_fn)(void *ud, const char *logical_id, rg_value path, const char *reason);
void rg_cfn_unverifiable(rg_arena *a, rg_value tpl, rg_cfn_unverifiable_fn fn, void *ud);

void rg_cfn_template_free(rg_cfn_template *t);
void rg_cfn_templates_fini(rg_cfn_templates *ts);

#endif
