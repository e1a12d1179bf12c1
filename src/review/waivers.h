/* Waivers: exceptions granted centrally, in YAML files the security team
 * owns, instead of suppressions written in templates.  Each waiver names a
 * control, the resources (and optionally stacks and template files) it
 * covers, a reason, an owner and an expiry date.  A live waiver marks the
 * findings it matches suppressed; an expired one, and a live one that
 * matches nothing, are GOV.004 findings.  See docs/governance.md. */
#ifndef RG_REVIEW_WAIVERS_H
#define RG_REVIEW_WAIVERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "review/finding.h"
#include "review/suppress.h"

typedef struct rg_waiver {
    const char *control;               /* control id, e.g. "S3.001" */
    const char *const *stacks;         /* CDK stack name globs; none: any stack */
    size_t n_stacks;
    const char *const *files;          /* template path globs; none: any file */
    size_t n_files;
    const char *const *resources;      /* logical id globs (at least one) */
    size_t n_resources;
    const char *reason, *owner, *ticket; /* ticket may be NULL */
    const char *expires;               /* "YYYY-MM-DD" */
    const char *file;                  /* the waivers file */
    uint32_t line, col;                /* where the entry starts */
    const char *source_line;           /* that line's text (may be NULL) */
    size_t matched;                    /* findings it suppressed (set by rg_waivers_apply) */
} rg_waiver;

typedef struct rg_waivers {
    rg_arena arena; /* everything the waivers point to */
    rg_waiver *items;
    size_t len, cap;
} rg_waivers;

void rg_waivers_init(rg_waivers *w);
void rg_waivers_fini(rg_waivers *w);

/* Parses a waivers document ({waivers: [...]}) and appends its valid
 * entries.  Every problem is a diagnostic "file:line:col" with code
 * "waiver_error"; entries with problems are skipped, the others kept.
 * Returns the number of errors. */
int rg_waivers_parse(rg_waivers *w, const char *file, const char *text, size_t len, rg_diags *errors);
/* Reads and parses a waivers file. */
int rg_waivers_load(rg_waivers *w, const char *path, rg_diags *errors);

/* Whether s is a valid calendar date "YYYY-MM-DD". */
bool rg_date_valid(const char *s);
/* Today's UTC date as "YYYY-MM-DD" in out. */
void rg_today_utc(char out[11]);

/* Whether a waiver covers a finding of the control with that id (control
 * id equal; resource, stack and file globs matching). */
bool rg_waiver_matches(const rg_waiver *w, const char *control_id, const rg_finding *f);

/* Everything rg_waivers_apply needs. */
typedef struct rg_waiver_ctx {
    rg_arena *arena;              /* for the strings of findings (waiver text is copied) */
    const rg_control *controls;
    size_t n_controls;
    size_t gov004;                /* its findings are never waived */
    const char *today;            /* "YYYY-MM-DD" */
    const rg_scanned *scanned;    /* the templates of the run, to tell a stale waiver from one out of scope */
    size_t n_scanned;
} rg_waiver_ctx;

/* Marks the findings live waivers match as suppressed (replacing an inline
 * suppression's reason), and appends GOV.004 findings for expired waivers
 * and for live ones that match nothing although a scanned template is in
 * their scope. */
void rg_waivers_apply(rg_waivers *w, const rg_waiver_ctx *c, rg_finding_list *findings);

#endif
