/* The sarif report: SARIF 2.1.0 in the shape GitHub code scanning accepts
 * (one run; a rule per control with help and security-severity; results
 * with physical locations, fingerprints and in-source suppressions). */
#include <ctype.h>
#include <string.h>

#include "report/report_internal.h"

static const char *level_of(rg_severity s) {
    s = rg_rep_sev(s);
    return s >= RG_SEV_HIGH ? "error" : s == RG_SEV_MEDIUM ? "warning" : "note";
}

/* GitHub maps security-severity to its own levels: >= 9 critical, >= 7 high,
 * >= 4 medium, > 0 low. */
static const char *security_severity(rg_severity s) {
    static const char *const scores[] = {"0.0", "2.0", "4.0", "7.0", "9.0"};
    return scores[rg_rep_sev(s)];
}

/* SARIF counts columns in UTF-16 code units by default; ours count bytes of
 * the line, so convert when the line's text is known. */
static uint32_t utf16_column(const char *line, uint32_t col) {
    if (!line || col <= 1) return col;
    const unsigned char *p = (const unsigned char *)line;
    size_t n = strlen(line), at = 0;
    uint32_t units = 0;
    while (at < n && at + 1 < col) {
        uint32_t cp;
        size_t k = rg_rep_utf8_seq(p + at, n - at, &cp);
        if (!k) k = 1, cp = 0xFFFD;
        units += cp >= 0x10000 ? 2 : 1;
        at += k;
    }
    return at + 1 < col ? units + (uint32_t)(col - 1 - at) + 1 : units + 1;
}

/* A rule name: the title in PascalCase (a readable identifier), else the id. */
static void rule_name(rg_buf *out, const rg_control *c) {
    size_t start = out->len;
    bool up = true;
    for (const char *p = c->title ? c->title : ""; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (isalnum(ch)) {
            rg_buf_putc(out, (char)(up ? toupper(ch) : ch));
            up = false;
        } else {
            up = true;
        }
    }
    if (out->len == start) rg_buf_puts(out, c->id ? c->id : "unknown");
}

static void write_help(rg_jw *w, const rg_control *c) {
    const char *summary = c->description ? c->description : c->title ? c->title : c->id;
    rg_buf text = RG_BUF_INIT, md = RG_BUF_INIT;
    rg_buf_puts(&text, summary ? summary : "");
    if (c->title) rg_buf_printf(&md, "**%s**\n\n", c->title);
    if (c->description) rg_buf_printf(&md, "%s\n\n", c->description);
    if (c->remediation) {
        rg_buf_printf(&text, "\n\nRemediation: %s", c->remediation);
        rg_buf_printf(&md, "**Remediation:** %s\n\n", c->remediation);
    }
    rg_buf_printf(&md, "Control `%s`", c->id ? c->id : "unknown");
    if (c->package) rg_buf_printf(&md, " (`%s`)", c->package);
    rg_jw_key(w, "help");
    rg_jw_open(w, '{');
    rg_jw_kstr(w, "text", rg_buf_cstr(&text));
    rg_jw_kstr(w, "markdown", rg_buf_cstr(&md));
    rg_jw_close(w, '}');
    rg_buf_fini(&text);
    rg_buf_fini(&md);
}

static void write_text_obj(rg_jw *w, const char *key, const char *text) {
    rg_jw_key(w, key);
    rg_jw_open(w, '{');
    rg_jw_kstr(w, "text", text ? text : "");
    rg_jw_close(w, '}');
}

/* g: the control's governance metadata, or NULL. */
static void write_rule(rg_jw *w, const rg_control *c, const rg_control_gov *g) {
    rg_buf name = RG_BUF_INIT;
    rule_name(&name, c);
    const char *title = c->title ? c->title : c->id ? c->id : "unknown";
    rg_jw_open(w, '{');
    rg_jw_kstr(w, "id", c->id ? c->id : "unknown");
    rg_jw_kstr(w, "name", rg_buf_cstr(&name));
    write_text_obj(w, "shortDescription", title);
    write_text_obj(w, "fullDescription", c->description ? c->description : title);
    write_help(w, c);
    rg_jw_key(w, "defaultConfiguration");
    rg_jw_open(w, '{');
    rg_jw_kstr(w, "level", level_of(c->severity));
    rg_jw_close(w, '}');
    rg_jw_key(w, "properties");
    rg_jw_open(w, '{');
    rg_jw_kstr(w, "security-severity", security_severity(c->severity));
    rg_jw_kstr(w, "severity", rg_severity_name(rg_rep_sev(c->severity)));
    rg_jw_key(w, "tags");
    rg_jw_open(w, '[');
    rg_jw_str(w, "security");
    rg_jw_close(w, ']');
    if (g && g->n_resource_types) {
        rg_jw_key(w, "resourceTypes");
        rg_jw_open(w, '[');
        for (size_t k = 0; k < g->n_resource_types; k++) rg_jw_str(w, g->resource_types[k]);
        rg_jw_close(w, ']');
    }
    if (g && (g->n_resource_types || g->approval_status)) rg_jw_kstr(w, "approval", g->approved ? "approved" : "pending");
    rg_jw_close(w, '}');
    rg_jw_close(w, '}');
    rg_buf_fini(&name);
}

static void write_driver(rg_jw *w, const rg_scan_result *r) {
    rg_jw_key(w, "tool");
    rg_jw_open(w, '{');
    rg_jw_key(w, "driver");
    rg_jw_open(w, '{');
    rg_jw_kstr(w, "name", "regent");
    if (r->tool_version) rg_jw_kstr(w, "version", r->tool_version);
    rg_jw_key(w, "rules");
    rg_jw_open(w, '[');
    for (size_t i = 0; r->controls && i < r->n_controls; i++) write_rule(w, &r->controls[i], r->control_gov ? &r->control_gov[i] : NULL);
    rg_jw_close(w, ']');
    rg_jw_close(w, '}');
    rg_jw_close(w, '}');
}

/* physicalLocation {artifactLocation {uri}, region {startLine, startColumn}};
 * GitHub wants a region, so an unknown line points at the file's first. */
static void write_physical(rg_jw *w, const char *file, uint32_t line, uint32_t col) {
    rg_buf uri = RG_BUF_INIT;
    rg_rep_uri(&uri, file);
    rg_jw_key(w, "physicalLocation");
    rg_jw_open(w, '{');
    rg_jw_key(w, "artifactLocation");
    rg_jw_open(w, '{');
    rg_jw_kstr(w, "uri", rg_buf_cstr(&uri));
    rg_jw_close(w, '}');
    rg_jw_key(w, "region");
    rg_jw_open(w, '{');
    rg_jw_key(w, "startLine");
    rg_jw_int(w, line ? line : 1);
    if (line && col) {
        rg_jw_key(w, "startColumn");
        rg_jw_int(w, col);
    }
    rg_jw_close(w, '}');
    rg_jw_close(w, '}');
    rg_buf_fini(&uri);
}

static void write_locations(rg_jw *w, const rg_finding *f) {
    rg_jw_key(w, "locations");
    rg_jw_open(w, '[');
    rg_jw_open(w, '{');
    write_physical(w, f->file, f->line, utf16_column(f->source_line, f->col));
    if (f->logical_id) {
        rg_jw_key(w, "logicalLocations");
        rg_jw_open(w, '[');
        rg_jw_open(w, '{');
        rg_jw_kstr(w, "name", f->logical_id);
        rg_jw_kstr(w, "fullyQualifiedName", f->construct_path ? f->construct_path : f->logical_id);
        rg_jw_kstr(w, "kind", "resource");
        rg_jw_close(w, '}');
        rg_jw_close(w, ']');
    }
    rg_jw_close(w, '}');
    rg_jw_close(w, ']');
    if (!f->cdk_source_file) return;
    /* The CDK app's code that created the construct. */
    rg_jw_key(w, "relatedLocations");
    rg_jw_open(w, '[');
    rg_jw_open(w, '{');
    rg_jw_key(w, "id");
    rg_jw_int(w, 1);
    write_physical(w, f->cdk_source_file, f->cdk_source_line, 0);
    write_text_obj(w, "message", "construct created here");
    rg_jw_close(w, '}');
    rg_jw_close(w, ']');
}

static void write_result_props(rg_jw *w, const rg_finding *f) {
    rg_jw_key(w, "properties");
    rg_jw_open(w, '{');
    rg_jw_kstr(w, "severity", rg_severity_name(rg_rep_sev(f->severity)));
    if (f->rule) rg_jw_kstr(w, "rule", f->rule);
    if (f->logical_id) rg_jw_kstr(w, "logicalId", f->logical_id);
    if (f->resource_type) rg_jw_kstr(w, "resourceType", f->resource_type);
    if (f->path) rg_jw_kstr(w, "path", f->path);
    if (f->stack) rg_jw_kstr(w, "stack", f->stack);
    if (f->construct_path) rg_jw_kstr(w, "constructPath", f->construct_path);
    rg_jw_close(w, '}');
}

static void write_suppression(rg_jw *w, const rg_finding *f) {
    rg_jw_key(w, "suppressions");
    rg_jw_open(w, '[');
    rg_jw_open(w, '{');
    rg_jw_kstr(w, "kind", "inSource");
    if (f->suppress_reason) rg_jw_kstr(w, "justification", f->suppress_reason);
    if (f->suppress_source) {
        rg_jw_key(w, "properties");
        rg_jw_open(w, '{');
        rg_jw_kstr(w, "source", f->suppress_source);
        rg_jw_close(w, '}');
    }
    rg_jw_close(w, '}');
    rg_jw_close(w, ']');
}

static void write_result(rg_jw *w, const rg_scan_result *r, const rg_finding *f) {
    const rg_control *c = rg_rep_control(r, f);
    const char *id = rg_rep_control_id(r, f);
    const char *msg = f->message ? f->message : c && c->title ? c->title : id;
    rg_jw_open(w, '{');
    rg_jw_kstr(w, "ruleId", id);
    if (c) {
        rg_jw_key(w, "ruleIndex");
        rg_jw_int(w, (long long)f->control);
    }
    rg_jw_kstr(w, "level", level_of(f->severity));
    write_text_obj(w, "message", msg);
    if (f->file) write_locations(w, f);
    rg_buf fp = RG_BUF_INIT, file = RG_BUF_INIT;
    rg_rep_relpath(&file, f->file);
    const char *parts[] = {id, rg_buf_cstr(&file), f->logical_id, f->path};
    rg_rep_fingerprint(&fp, parts, 4);
    rg_jw_key(w, "partialFingerprints");
    rg_jw_open(w, '{');
    rg_jw_kstr(w, "regentFinding/v1", rg_buf_cstr(&fp));
    rg_jw_close(w, '}');
    rg_buf_fini(&fp);
    rg_buf_fini(&file);
    if (f->suppressed) write_suppression(w, f);
    write_result_props(w, f);
    rg_jw_close(w, '}');
}

/* Inputs or policies that could not be read: tool execution notifications. */
static void write_invocation(rg_jw *w, const rg_scan_result *r) {
    rg_jw_key(w, "invocations");
    rg_jw_open(w, '[');
    rg_jw_open(w, '{');
    rg_jw_key(w, "executionSuccessful");
    rg_jw_bool(w, r->errors.len == 0);
    if (r->errors.len && r->errors.items) {
        rg_jw_key(w, "toolExecutionNotifications");
        rg_jw_open(w, '[');
        for (size_t i = 0; i < r->errors.len; i++) {
            const rg_diag *d = &r->errors.items[i];
            rg_jw_open(w, '{');
            rg_jw_kstr(w, "level", "error");
            write_text_obj(w, "message", d->msg);
            rg_jw_key(w, "descriptor");
            rg_jw_open(w, '{');
            rg_jw_kstr(w, "id", d->code ? d->code : "error");
            rg_jw_close(w, '}');
            if (d->file) {
                rg_jw_key(w, "locations");
                rg_jw_open(w, '[');
                rg_jw_open(w, '{');
                write_physical(w, d->file, d->line > 0 ? (uint32_t)d->line : 0, d->col > 0 ? (uint32_t)d->col : 0);
                rg_jw_close(w, '}');
                rg_jw_close(w, ']');
            }
            rg_jw_close(w, '}');
        }
        rg_jw_close(w, ']');
    }
    rg_jw_close(w, '}');
    rg_jw_close(w, ']');
}

int rg_report_sarif(FILE *out, const rg_scan_result *r) {
    static const rg_scan_result empty = {0};
    if (!r) r = &empty;
    rg_buf b = RG_BUF_INIT;
    rg_jw w;
    rg_jw_init(&w, &b);
    rg_jw_open(&w, '{');
    rg_jw_kstr(&w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    rg_jw_kstr(&w, "version", "2.1.0");
    rg_jw_key(&w, "runs");
    rg_jw_open(&w, '[');
    rg_jw_open(&w, '{');
    write_driver(&w, r);
    write_invocation(&w, r);
    rg_jw_key(&w, "results");
    rg_jw_open(&w, '[');
    for (size_t i = 0; r->findings && i < r->n_findings; i++) write_result(&w, r, &r->findings[i]);
    rg_jw_close(&w, ']');
    rg_jw_close(&w, '}');
    rg_jw_close(&w, ']');
    rg_jw_close(&w, '}');
    int rc = rg_rep_flush(out, &b);
    rg_buf_fini(&b);
    return rc;
}
