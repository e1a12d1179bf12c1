/* The regular-expression engine of regex.c (RE2 syntax on PCRE2, compiled
 * patterns cached), for other builtin families. */
#ifndef RG_BUILTINS_REGEX_INTERNAL_H
#define RG_BUILTINS_REGEX_INTERNAL_H

#include "rego/builtin.h"

/* The strings of `items` (a set or an array; other elements are skipped)
 * that `pattern` matches, as a set in *out.  RG_BI_OK, or RG_BI_ERROR with
 * the error recorded in ctx (invalid pattern, match limits). */
int rg_regex_filter(rg_bi_ctx *ctx, rg_value pattern, rg_value items, rg_value *out);

#endif
