/* The built-in policy library (policies/ in the source tree), embedded in
 * the binary at build time by tools/embed.c. */
#ifndef RG_REVIEW_BUILTIN_POLICIES_H
#define RG_REVIEW_BUILTIN_POLICIES_H

typedef struct rg_builtin_policy {
    const char *path; /* relative to policies/, e.g. "aws/s3/bucket_kms_encryption.rego" */
    const char *text;
} rg_builtin_policy;

/* Terminated by an entry with a NULL path. */
extern const rg_builtin_policy rg_builtin_policies[];

#endif
