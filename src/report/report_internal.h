/* Helpers shared by the report writers (private to src/report/): counts,
 * control lookup, text hygiene (UTF-8, paths, URIs) and a small pretty JSON
 * emitter.  Writers build their whole output in an rg_buf, then flush it. */
#ifndef RG_REPORT_INTERNAL_H
#define RG_REPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/buf.h"
#include "report/report.h"

/* Where the SARIF driver points people for documentation. */

typedef struct rg_rep_counts {
    size_t by_sev[RG_SEV_CRITICAL + 1]; /* unsuppressed findings per severity */
    size_t findings;                    /* unsuppressed findings */
    size_t suppressed;
} rg_rep_counts;

void rg_rep_count(const rg_scan_result *r, rg_rep_counts *out);
/* A severity clamped to the known range (unknown values read as info). */
rg_severity rg_rep_sev(rg_severity s);
/* The finding's control, or NULL when its index is out of range. */
const rg_control *rg_rep_control(const rg_scan_result *r, const rg_finding *f);
/* The control id of a finding ("unknown" when there is none). */
const char *rg_rep_control_id(const rg_scan_result *r, const rg_finding *f);
/* Writes b to out; returns 0, or -1 on a write error. */
int rg_rep_flush(FILE *out, const rg_buf *b);

/* Length of the valid UTF-8 sequence at s (1-4 bytes, n available), or 0
 * when the bytes there are not valid UTF-8; *cp receives the code point. */
size_t rg_rep_utf8_seq(const unsigned char *s, size_t n, uint32_t *cp);
/* Appends s with invalid UTF-8 bytes replaced by U+FFFD. */
void rg_rep_utf8_clean(rg_buf *out, const char *s);
/* A file path as tools expect it in reports: forward slashes, no leading "./". */
void rg_rep_relpath(rg_buf *out, const char *file);
/* The path as a URI reference (percent-encoded; absolute paths as file:///). */
void rg_rep_uri(rg_buf *out, const char *file);
/* Stable 64-bit FNV-1a hash over NUL-separated parts, as 16 hex digits. */
void rg_rep_fingerprint(rg_buf *out, const char *const *parts, size_t n);

/* Pretty JSON emitter (two-space indent), used by the json and sarif
 * writers.  Strings go through rg_json_write_string after UTF-8 cleaning. */
#define RG_JW_MAX_DEPTH 32
typedef struct rg_jw {
    rg_buf *out;
    int depth;
    bool after_key;
    bool has_items[RG_JW_MAX_DEPTH];
} rg_jw;

void rg_jw_init(rg_jw *w, rg_buf *out);
void rg_jw_open(rg_jw *w, char bracket); /* '{' or '[' */
void rg_jw_close(rg_jw *w, char bracket); /* '}' or ']' */
void rg_jw_key(rg_jw *w, const char *key);
void rg_jw_str(rg_jw *w, const char *s); /* NULL writes null */
void rg_jw_int(rg_jw *w, long long v);
void rg_jw_uint_or_null(rg_jw *w, uint32_t v); /* 0 (unknown) writes null */
void rg_jw_bool(rg_jw *w, bool v);
void rg_jw_null(rg_jw *w);
/* Convenience: "key": "string" (or null). */
void rg_jw_kstr(rg_jw *w, const char *key, const char *s);

#endif
