/* The github report: GitHub Actions workflow commands, one annotation per
 * unsuppressed finding (and per input error), e.g.
 *   ::error file=t.yaml,line=12,col=7,title=ID%3A title::message */
#include <string.h>

#include "report/report_internal.h"

/* The runner decodes %25, %0D, %0A in data, and also %3A, %2C in property
 * values (where ':' and ',' would end the value). */
static void escape(rg_buf *out, const char *s, bool property) {
    for (const char *p = s ? s : ""; *p; p++) {
        switch (*p) {
        case '%': rg_buf_puts(out, "%25"); break;
        case '\r': rg_buf_puts(out, "%0D"); break;
        case '\n': rg_buf_puts(out, "%0A"); break;
        case ':': rg_buf_puts(out, property ? "%3A" : ":"); break;
        case ',': rg_buf_puts(out, property ? "%2C" : ","); break;
        default: rg_buf_putc(out, *p);
        }
    }
}

static const char *command_of(rg_severity s) {
    s = rg_rep_sev(s);
    return s >= RG_SEV_HIGH ? "error" : s == RG_SEV_MEDIUM ? "warning" : "notice";
}

/* "::cmd file=F,line=L,col=C,title=T::" (properties present when known). */
static void command(rg_buf *out, const char *cmd, const char *file, uint32_t line, uint32_t col, const char *title) {
    rg_buf_printf(out, "::%s ", cmd);
    if (file) {
        rg_buf path = RG_BUF_INIT;
        rg_rep_relpath(&path, file);
        rg_buf_puts(out, "file=");
        escape(out, rg_buf_cstr(&path), true);
        rg_buf_putc(out, ',');
        rg_buf_fini(&path);
        if (line) rg_buf_printf(out, "line=%u,", (unsigned)line);
        if (line && col) rg_buf_printf(out, "col=%u,", (unsigned)col);
    }
    rg_buf_puts(out, "title=");
    escape(out, title, true);
    rg_buf_puts(out, "::");
}

static void annotate(rg_buf *out, const rg_scan_result *r, const rg_finding *f) {
    const rg_control *c = rg_rep_control(r, f);
    rg_buf title = RG_BUF_INIT, msg = RG_BUF_INIT;
    rg_buf_puts(&title, rg_rep_control_id(r, f));
    if (c && c->title) rg_buf_printf(&title, ": %s", c->title);
    /* Name the resource unless the message already does. */
    if (f->logical_id && !(f->message && strstr(f->message, f->logical_id))) rg_buf_printf(&msg, "%s: ", f->logical_id);
    rg_buf_puts(&msg, f->message ? f->message : c && c->title ? c->title : rg_rep_control_id(r, f));
    if (c && c->remediation) rg_buf_printf(&msg, "\nRemediation: %s", c->remediation);
    command(out, command_of(f->severity), f->file, f->line, f->col, rg_buf_cstr(&title));
    escape(out, rg_buf_cstr(&msg), false);
    rg_buf_putc(out, '\n');
    rg_buf_fini(&title);
    rg_buf_fini(&msg);
}

int rg_report_github(FILE *out, const rg_scan_result *r) {
    static const rg_scan_result empty = {0};
    if (!r) r = &empty;
    rg_buf b = RG_BUF_INIT;
    for (size_t i = 0; r->findings && i < r->n_findings; i++)
        if (!r->findings[i].suppressed) annotate(&b, r, &r->findings[i]);
    for (size_t i = 0; r->errors.items && i < r->errors.len; i++) {
        const rg_diag *d = &r->errors.items[i];
        command(&b, "error", d->file, d->line > 0 ? (uint32_t)d->line : 0, d->col > 0 ? (uint32_t)d->col : 0,
                d->code ? d->code : "error");
        escape(&b, d->msg, false);
        rg_buf_putc(&b, '\n');
    }
    int rc = rg_rep_flush(out, &b);
    rg_buf_fini(&b);
    return rc;
}
