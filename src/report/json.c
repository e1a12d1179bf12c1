/* The json report (schema in docs/scan-output.md, version 1) and the small
 * pretty JSON emitter it shares with the sarif writer. */
#include <string.h>

#include "report/report_internal.h"
#include "value/value.h"

/* ---- emitter ---- */

void rg_jw_init(rg_jw *w, rg_buf *out) {
    memset(w, 0, sizeof *w);
    w->out = out;
}

static void newline(rg_jw *w) {
    rg_buf_putc(w->out, '\n');
    for (int i = 0; i < w->depth; i++) rg_buf_puts(w->out, "  ");
}

/* Separator and indentation before a value or key at the current depth. */
static void before_item(rg_jw *w) {
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth == 0) return;
    if (w->has_items[w->depth]) rg_buf_putc(w->out, ',');
    w->has_items[w->depth] = true;
    newline(w);
}

void rg_jw_open(rg_jw *w, char bracket) {
    before_item(w);
    rg_buf_putc(w->out, bracket);
    /* Our documents nest a handful of levels; the cap only guards the array. */
    if (w->depth < RG_JW_MAX_DEPTH - 1) w->depth++;
    w->has_items[w->depth] = false;
}

void rg_jw_close(rg_jw *w, char bracket) {
    bool had = w->has_items[w->depth];
    if (w->depth > 0) w->depth--;
    if (had) newline(w);
    rg_buf_putc(w->out, bracket);
    if (w->depth == 0) rg_buf_putc(w->out, '\n');
}

static void put_string(rg_buf *out, const char *s) {
    rg_buf clean = RG_BUF_INIT;
    rg_rep_utf8_clean(&clean, s);
    rg_json_write_string(out, rg_buf_cstr(&clean), clean.len, RG_JSON_COMPACT);
    rg_buf_fini(&clean);
}

void rg_jw_key(rg_jw *w, const char *key) {
    before_item(w);
    put_string(w->out, key);
    rg_buf_puts(w->out, ": ");
    w->after_key = true;
}

void rg_jw_str(rg_jw *w, const char *s) {
    before_item(w);
    if (s) put_string(w->out, s);
    else rg_buf_puts(w->out, "null");
}

void rg_jw_int(rg_jw *w, long long v) {
    before_item(w);
    rg_buf_printf(w->out, "%lld", v);
}

void rg_jw_uint_or_null(rg_jw *w, uint32_t v) {
    if (v) rg_jw_int(w, v);
    else rg_jw_null(w);
}

void rg_jw_bool(rg_jw *w, bool v) {
    before_item(w);
    rg_buf_puts(w->out, v ? "true" : "false");
}

void rg_jw_null(rg_jw *w) {
    before_item(w);
    rg_buf_puts(w->out, "null");
}

void rg_jw_kstr(rg_jw *w, const char *key, const char *s) {
    rg_jw_key(w, key);
    rg_jw_str(w, s);
}

/* ---- the report ---- */

static void write_summary(rg_jw *w, const rg_scan_result *r) {
    rg_rep_counts c;
    rg_rep_count(r, &c);
    rg_jw_key(w, "summary");
    rg_jw_open(w, '{');
    rg_jw_key(w, "templates");
    rg_jw_int(w, (long long)r->n_templates);
    rg_jw_key(w, "findings");
    rg_jw_int(w, (long long)c.findings);
    for (int s = RG_SEV_CRITICAL; s >= RG_SEV_INFO; s--) {
        rg_jw_key(w, rg_severity_name((rg_severity)s));
        rg_jw_int(w, (long long)c.by_sev[s]);
    }
    rg_jw_key(w, "suppressed");
    rg_jw_int(w, (long long)c.suppressed);
    rg_jw_key(w, "errors");
    rg_jw_int(w, (long long)r->errors.len);
    rg_jw_close(w, '}');
}

static void write_where(rg_jw *w, const rg_finding *f) {
    rg_jw_kstr(w, "file", f->file);
    rg_jw_key(w, "line");
    rg_jw_uint_or_null(w, f->line);
    rg_jw_key(w, "column");
    rg_jw_uint_or_null(w, f->col);
    rg_jw_kstr(w, "logical_id", f->logical_id);
    rg_jw_kstr(w, "resource_type", f->resource_type);
    rg_jw_kstr(w, "path", f->path);
    rg_jw_kstr(w, "stack", f->stack);
    rg_jw_kstr(w, "construct_path", f->construct_path);
    rg_jw_key(w, "cdk_source");
    if (f->cdk_source_file) {
        rg_jw_open(w, '{');
        rg_jw_kstr(w, "file", f->cdk_source_file);
        rg_jw_key(w, "line");
        rg_jw_uint_or_null(w, f->cdk_source_line);
        rg_jw_close(w, '}');
    } else {
        rg_jw_null(w);
    }
}

static void write_finding(rg_jw *w, const rg_scan_result *r, const rg_finding *f) {
    const rg_control *c = rg_rep_control(r, f);
    rg_jw_open(w, '{');
    rg_jw_kstr(w, "control", c ? c->id : NULL);
    rg_jw_kstr(w, "title", c ? c->title : NULL);
    rg_jw_kstr(w, "severity", rg_severity_name(rg_rep_sev(f->severity)));
    rg_jw_kstr(w, "message", f->message);
    rg_jw_kstr(w, "rule", f->rule);
    write_where(w, f);
    rg_jw_key(w, "suppressed");
    rg_jw_bool(w, f->suppressed);
    rg_jw_key(w, "suppression");
    if (f->suppressed) {
        rg_jw_open(w, '{');
        rg_jw_kstr(w, "reason", f->suppress_reason);
        rg_jw_kstr(w, "source", f->suppress_source);
        rg_jw_close(w, '}');
    } else {
        rg_jw_null(w);
    }
    rg_jw_kstr(w, "remediation", c ? c->remediation : NULL);
    rg_jw_close(w, '}');
}

static void write_errors(rg_jw *w, const rg_scan_result *r) {
    rg_jw_key(w, "errors");
    rg_jw_open(w, '[');
    for (size_t i = 0; r->errors.items && i < r->errors.len; i++) {
        const rg_diag *d = &r->errors.items[i];
        rg_jw_open(w, '{');
        rg_jw_kstr(w, "file", d->file);
        rg_jw_key(w, "line");
        rg_jw_uint_or_null(w, d->line > 0 ? (uint32_t)d->line : 0);
        rg_jw_key(w, "column");
        rg_jw_uint_or_null(w, d->col > 0 ? (uint32_t)d->col : 0);
        rg_jw_kstr(w, "code", d->code);
        rg_jw_kstr(w, "message", d->msg);
        rg_jw_close(w, '}');
    }
    rg_jw_close(w, ']');
}

static void write_templates(rg_jw *w, const rg_scan_result *r) {
    rg_jw_key(w, "templates");
    rg_jw_open(w, '[');
    for (size_t i = 0; r->templates && i < r->n_templates; i++) {
        const rg_scanned *t = &r->templates[i];
        rg_jw_open(w, '{');
        rg_jw_kstr(w, "file", t->file);
        rg_jw_kstr(w, "stack", t->stack);
        rg_jw_key(w, "resources");
        rg_jw_int(w, (long long)t->n_resources);
        rg_jw_close(w, '}');
    }
    rg_jw_close(w, ']');
}

/* resource_types and approval, only for controls whose METADATA has them. */
static void write_governance(rg_jw *w, const rg_control_gov *g) {
    if (g->n_resource_types) {
        rg_jw_key(w, "resource_types");
        rg_jw_open(w, '[');
        for (size_t k = 0; k < g->n_resource_types; k++) rg_jw_str(w, g->resource_types[k]);
        rg_jw_close(w, ']');
    }
    if (g->approval_status || g->n_resource_types) {
        rg_jw_key(w, "approval");
        rg_jw_open(w, '{');
        rg_jw_kstr(w, "status", g->approved ? "approved" : "pending");
        rg_jw_kstr(w, "reviewer", g->reviewer);
        rg_jw_kstr(w, "date", g->approval_date);
        rg_jw_close(w, '}');
    }
}

static void write_controls(rg_jw *w, const rg_scan_result *r) {
    rg_jw_key(w, "controls");
    rg_jw_open(w, '[');
    for (size_t i = 0; r->controls && i < r->n_controls; i++) {
        const rg_control *c = &r->controls[i];
        rg_jw_open(w, '{');
        rg_jw_kstr(w, "id", c->id);
        rg_jw_kstr(w, "package", c->package);
        rg_jw_kstr(w, "title", c->title);
        rg_jw_kstr(w, "severity", rg_severity_name(rg_rep_sev(c->severity)));
        rg_jw_kstr(w, "description", c->description);
        rg_jw_kstr(w, "remediation", c->remediation);
        rg_jw_kstr(w, "source_file", c->source_file);
        if (r->control_gov) write_governance(w, &r->control_gov[i]);
        rg_jw_close(w, '}');
    }
    rg_jw_close(w, ']');
}

int rg_report_json(FILE *out, const rg_scan_result *r) {
    static const rg_scan_result empty = {0};
    if (!r) r = &empty;
    rg_buf b = RG_BUF_INIT;
    rg_jw w;
    rg_jw_init(&w, &b);
    rg_jw_open(&w, '{');
    rg_jw_key(&w, "version");
    rg_jw_int(&w, 1);
    rg_jw_key(&w, "tool");
    rg_jw_open(&w, '{');
    rg_jw_kstr(&w, "name", "regent");
    rg_jw_kstr(&w, "version", r->tool_version);
    rg_jw_close(&w, '}');
    write_summary(&w, r);
    rg_jw_key(&w, "findings");
    rg_jw_open(&w, '[');
    for (size_t i = 0; r->findings && i < r->n_findings; i++) write_finding(&w, r, &r->findings[i]);
    rg_jw_close(&w, ']');
    write_errors(&w, r);
    write_templates(&w, r);
    write_controls(&w, r);
    rg_jw_close(&w, '}');
    int rc = rg_rep_flush(out, &b);
    rg_buf_fini(&b);
    return rc;
}
