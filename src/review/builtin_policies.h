/* The built-in policy library (policies/ in the source tree), embedded in
 * the binary at build time by tools/embed.c. */
#ifndef RG_REVIEW_BUILTIN_POLICIES_H
#define RG_REVIEW_BUILTIN_POLICIES_H

typedef struct rg_builtin_policy {
    const char *path; /* relative to policies/, e.g. "aws/s3/bucket_kms_encryption.rego" */
    const char *text;
    /* Read off the text at build time, so a scan can pick the modules its
     * templates need before parsing any (see rg_policy_load_library). */
    const char *package;              /* "regent.aws.s3.bucket_kms_encryption" */
    const char *const *imports;       /* data.* packages imported, NULL-terminated */
    const char *const *resource_types; /* METADATA custom.resource_types, NULL-terminated */
    int whole_template;               /* METADATA custom.whole_template: true */
} rg_builtin_policy;

/* Terminated by an entry with a NULL path. */
extern const rg_builtin_policy rg_builtin_policies[];
/* The library's unit tests (files named *_test.rego under policies), for `regent test`
 * without paths; never loaded by scans. */
extern const rg_builtin_policy rg_builtin_policy_tests[];

#endif
