/* Private interface shared by the regex, glob, encoding, JSON and JWT
 * builtin files (regex.c, glob.c, encoding.c, json_builtins.c, jwt_verify.c).  Nothing outside
 * src/builtins/ includes this header. */
#ifndef RG_BUILTINS_ENCODING_INTERNAL_H
#define RG_BUILTINS_ENCODING_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "rego/builtin.h"

/* Records an OPA operand error ("NAME: operand N <message>"), which OPA
 * reports with code eval_type_error; returns RG_BI_ERROR. */
int rg_enc_operand_error(rg_bi_ctx *ctx, int argn, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Appends s quoted like Go's strconv.Quote (used in OPA error texts). */
void rg_enc_go_quote(rg_buf *out, const char *s, size_t len);

/* Decodes one UTF-8 sequence at s[0..len) (len > 0): returns its width and
 * stores the code point in *cp; an invalid sequence counts as one byte with
 * *cp = 0xFFFD and *valid = false (like Go's utf8.DecodeRune). */
size_t rg_enc_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp, bool *valid);
/* Decodes base64 like Go's base64.StdEncoding/URLEncoding.DecodeString
 * (padding required, CR and LF ignored, trailing bits not checked), appending
 * to out.  Returns -1 on success, else the byte offset Go reports. */
long rg_enc_b64_decode(rg_buf *out, const unsigned char *s, size_t n, bool url);
/* The 6-bit value of a base64 (url: base64url) character, or -1. */
int rg_enc_b64_value(unsigned char c, bool url);
/* Appends the UTF-8 encoding of cp. */
void rg_enc_utf8_put(rg_buf *out, uint32_t cp);

/* ---- regex.globs_match (glob.c) ----
 * Returns 1 when some non-empty string matches both globs, 0 when none, or
 * -1 after writing an error message (OPA's wording) into err. */
int rg_globs_intersect(const char *g1, size_t n1, const char *g2, size_t n2, rg_buf *err);

/* ---- JSON builtins (json_builtins.c), registered by encoding.c ---- */
int rg_bi_json_marshal(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out);
int rg_bi_json_marshal_with_options(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out);
int rg_bi_json_unmarshal(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out);
int rg_bi_json_is_valid(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out);
int rg_bi_json_filter(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out);
int rg_bi_json_remove(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out);
int rg_bi_json_patch(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out);

/* Writes v as Go's encoding/json does for OPA's json.marshal: compact,
 * object keys sorted (non-string keys become their JSON text), sets as
 * arrays, <, >, & and U+2028/U+2029 escaped, invalid UTF-8 as \ufffd.
 * Returns false when v nests deeper than the writer allows. */
bool rg_enc_json_write_go(rg_buf *out, rg_value v);

#endif
