/* Shared between the files of the CloudFormation input layer: loading one
 * file, CDK assemblies, and small helpers. */
#ifndef RG_CFN_CFN_INTERNAL_H
#define RG_CFN_CFN_INTERNAL_H

#include "cfn/cfn.h"

/* Largest input file read (CloudFormation itself caps templates at 1 MB;
 * synthesized CDK templates may be larger, but not by this much). */
#define RG_CFN_MAX_FILE ((size_t)512 << 20)

/* Nested cloud assemblies followed at most this deep. */
#define RG_CFN_MAX_ASSEMBLY_DEPTH 16

/* How a file came to be read decides what happens when it is not a
 * template: named explicitly or by a manifest it must be one (error);
 * found in a folder walk it is skipped unless it looks like one. */
typedef enum rg_cfn_mode {
    RG_CFN_MODE_EXPLICIT,
    RG_CFN_MODE_FOLDER,
    RG_CFN_MODE_ASSEMBLY,
} rg_cfn_mode;

/* Reads a whole file ("-" is standard input) into a malloc'd buffer with
 * a NUL after the content.  Returns NULL and sets errno on failure (EFBIG
 * above RG_CFN_MAX_FILE). */
char *rg_cfn_slurp(const char *path, size_t *len);

/* Loads one file as a template; display is the name used in messages and
 * in the template.  Returns the template (caller owns it) or NULL when it
 * failed (errors appended) or was skipped. */
rg_cfn_template *rg_cfn_load_file(const char *path, const char *display, rg_cfn_mode mode, int flags,
                                  rg_diags *diags);

/* True when dir holds a CDK cloud assembly (manifest.json with artifacts). */
bool rg_cfn_is_assembly(const char *dir);

/* Loads every stack of the assembly in dir (nested ones included). */
void rg_cfn_load_assembly(const char *dir, int depth, int flags, rg_cfn_templates *out, rg_diags *diags);

void rg_cfn_templates_push(rg_cfn_templates *ts, rg_cfn_template *t);

/* dir + "/" + name (malloc'd), without doubling a trailing slash; name
 * is returned as it is when absolute or when dir is "." or empty. */
char *rg_cfn_join(const char *dir, const char *name);

/* "a mapping", "a list", "a string", "null" ... for messages. */
const char *rg_cfn_kind_words(rg_value v);

/* Position recorded for a value slot, {0,0} when none. */
rg_pos rg_cfn_slot_pos(const rg_cfn_template *t, const rg_value *slot);

/* Parses one stack-trace frame ("at fn (file:line:col)", "file:line:col",
 * "<anonymous> (apps/x.js:3:4)").  Returns false for frames without a
 * location, elided frames ("...") and frames in node_modules or node's
 * own code; otherwise sets the file span, line and column. */
bool rg_cfn_parse_frame(const char *s, size_t n, const char **file, size_t *file_len, uint32_t *line,
                        uint32_t *col);

#endif
