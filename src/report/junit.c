/* The junit report: a <testsuite> per scanned template and a <testcase> per
 * control evaluated on it; controls with unsuppressed findings fail, those
 * with suppressed findings only are skipped.  Unreadable inputs form one more
 * suite of <error> cases so CI shows them too. */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "report/report_internal.h"

typedef struct suite {
    const char *file, *stack;
} suite;

typedef struct totals {
    size_t tests, failures, errors, skipped;
} totals;

/* XML 1.0 text: the five special characters as entities, characters XML
 * cannot carry (controls, U+FFFE/U+FFFF) dropped, invalid UTF-8 replaced;
 * in attributes, tab and newlines become character references so parsers
 * do not normalise them to spaces. */
static void xml_put(rg_buf *out, const char *s, bool attr) {
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p);
    while (n) {
        uint32_t cp;
        size_t k = rg_rep_utf8_seq(p, n, &cp);
        if (!k) {
            rg_buf_puts(out, "\xEF\xBF\xBD");
            k = 1;
        } else if (cp == '&') rg_buf_puts(out, "&amp;");
        else if (cp == '<') rg_buf_puts(out, "&lt;");
        else if (cp == '>') rg_buf_puts(out, "&gt;");
        else if (cp == '"') rg_buf_puts(out, "&quot;");
        else if (cp == '\'') rg_buf_puts(out, "&apos;");
        else if (cp == '\t' || cp == '\n' || cp == '\r') {
            if (attr || cp == '\r') rg_buf_printf(out, "&#%u;", (unsigned)cp);
            else rg_buf_putc(out, (char)cp);
        } else if (cp < 0x20 || cp == 0x7f || cp == 0xFFFE || cp == 0xFFFF) {
            /* not representable (or discouraged) in XML 1.0: dropped */
        } else {
            rg_buf_append(out, (const char *)p, k);
        }
        p += k, n -= k;
    }
}

static void attr(rg_buf *out, const char *name, const char *value) {
    rg_buf_printf(out, " %s=\"", name);
    xml_put(out, value, true);
    rg_buf_putc(out, '"');
}

static void attr_count(rg_buf *out, const char *name, size_t v) { rg_buf_printf(out, " %s=\"%zu\"", name, v); }

static int cmp_str(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : ""); }

/* Findings belong to the template of their file (by stack when neither
 * names a file). */
static bool belongs(const suite *s, const rg_finding *f) {
    if (s->file && f->file) return !strcmp(s->file, f->file);
    return !s->file && !f->file && !cmp_str(s->stack, f->stack);
}

/* The templates, then any file findings name that no template covers. */
static suite *suites_of(const rg_scan_result *r, size_t *n_out) {
    suite *s = rg_xcalloc(r->n_templates + r->n_findings + 1, sizeof *s);
    size_t n = 0;
    for (size_t i = 0; r->templates && i < r->n_templates; i++)
        s[n++] = (suite){r->templates[i].file, r->templates[i].stack};
    for (size_t i = 0; r->findings && i < r->n_findings; i++) {
        const rg_finding *f = &r->findings[i];
        bool known = false;
        for (size_t k = 0; k < n && !known; k++) known = belongs(&s[k], f);
        if (!known) s[n++] = (suite){f->file, f->stack};
    }
    *n_out = n;
    return s;
}

static void finding_line(rg_buf *out, const rg_finding *f) {
    rg_buf line = RG_BUF_INIT;
    rg_buf_printf(&line, "[%s] %s", rg_severity_name(rg_rep_sev(f->severity)), f->file ? f->file : "(unknown file)");
    if (f->line) rg_buf_printf(&line, ":%u", (unsigned)f->line);
    if (f->line && f->col) rg_buf_printf(&line, ":%u", (unsigned)f->col);
    if (f->logical_id) rg_buf_printf(&line, " %s", f->logical_id);
    if (f->resource_type) rg_buf_printf(&line, " (%s)", f->resource_type);
    rg_buf_printf(&line, ": %s\n", f->message ? f->message : "(no message)");
    if (f->path) rg_buf_printf(&line, "  path: %s\n", f->path);
    if (f->construct_path) rg_buf_printf(&line, "  construct: %s\n", f->construct_path);
    if (f->cdk_source_file) rg_buf_printf(&line, "  source: %s:%u\n", f->cdk_source_file, (unsigned)f->cdk_source_line);
    xml_put(out, rg_buf_cstr(&line), false);
    rg_buf_fini(&line);
}

static void skipped(rg_buf *out, const rg_finding *f) {
    rg_buf msg = RG_BUF_INIT;
    rg_buf_printf(&msg, "suppressed: %s", f->suppress_reason ? f->suppress_reason : "(no reason)");
    rg_buf_puts(out, "      <skipped");
    attr(out, "message", rg_buf_cstr(&msg));
    rg_buf_puts(out, "/>\n");
    rg_buf_fini(&msg);
}

/* <failure message type>: one line per unsuppressed finding, then the fix. */
static void failure(rg_buf *out, const rg_scan_result *r, const size_t *mine, size_t n_mine, size_t ci,
                    size_t failing, size_t last, rg_severity worst) {
    const rg_control *c = &r->controls[ci];
    rg_buf msg = RG_BUF_INIT;
    if (failing == 1) rg_buf_puts(&msg, r->findings[last].message ? r->findings[last].message : "");
    else rg_buf_printf(&msg, "%zu findings", failing);
    rg_buf_puts(out, "      <failure");
    attr(out, "message", rg_buf_cstr(&msg));
    attr(out, "type", rg_severity_name(worst));
    rg_buf_putc(out, '>');
    for (size_t k = 0; k < n_mine; k++) {
        const rg_finding *f = &r->findings[mine[k]];
        if (f->control == ci && !f->suppressed) finding_line(out, f);
    }
    if (c->remediation) {
        rg_buf_puts(out, "Remediation: ");
        xml_put(out, c->remediation, false);
        rg_buf_putc(out, '\n');
    }
    rg_buf_puts(out, "</failure>\n");
    rg_buf_fini(&msg);
}

/* One <testcase>: failure, skipped or passed, from the suite's findings
 * (indices in mine) of control ci.  Returns 1 failed, 2 skipped, 0 passed. */
static int testcase(rg_buf *out, const rg_scan_result *r, const size_t *mine, size_t n_mine, size_t ci) {
    const rg_control *c = &r->controls[ci];
    size_t failing = 0, suppressed = 0, last = 0;
    rg_severity worst = RG_SEV_INFO;
    for (size_t k = 0; k < n_mine; k++) {
        size_t i = mine[k];
        const rg_finding *f = &r->findings[i];
        if (f->control != ci) continue;
        if (f->suppressed) {
            suppressed++;
            if (!failing) last = i;
            continue;
        }
        if (!failing++ || rg_rep_sev(f->severity) > worst) worst = rg_rep_sev(f->severity);
        last = i;
    }
    rg_buf_puts(out, "    <testcase");
    attr(out, "classname", c->id ? c->id : "unknown");
    attr(out, "name", c->title ? c->title : c->id ? c->id : "unknown");
    if (!failing && !suppressed) {
        rg_buf_puts(out, "/>\n");
        return 0;
    }
    rg_buf_puts(out, ">\n");
    if (failing) failure(out, r, mine, n_mine, ci, failing, last, worst);
    else skipped(out, &r->findings[last]);
    rg_buf_puts(out, "    </testcase>\n");
    return failing ? 1 : 2;
}

static void write_suite(rg_buf *out, const rg_scan_result *r, const suite *s, totals *all) {
    rg_buf body = RG_BUF_INIT;
    totals t = {0};
    size_t *mine = rg_xcalloc(r->n_findings + 1, sizeof *mine), n_mine = 0;
    for (size_t i = 0; r->findings && i < r->n_findings; i++)
        if (belongs(s, &r->findings[i])) mine[n_mine++] = i;
    for (size_t ci = 0; r->controls && ci < r->n_controls; ci++) {
        int st = testcase(&body, r, mine, n_mine, ci);
        t.tests++;
        t.failures += st == 1;
        t.skipped += st == 2;
    }
    free(mine);
    const char *name = s->stack ? s->stack : s->file ? s->file : "(template)";
    rg_buf_puts(out, "  <testsuite");
    attr(out, "name", name);
    attr_count(out, "tests", t.tests);
    attr_count(out, "failures", t.failures);
    attr_count(out, "errors", 0);
    attr_count(out, "skipped", t.skipped);
    rg_buf_puts(out, ">\n");
    if (s->file && s->stack) {
        rg_buf_puts(out, "    <properties>\n      <property name=\"file\"");
        attr(out, "value", s->file);
        rg_buf_puts(out, "/>\n    </properties>\n");
    }
    rg_buf_append(out, body.data ? body.data : "", body.len);
    rg_buf_puts(out, "  </testsuite>\n");
    rg_buf_fini(&body);
    all->tests += t.tests, all->failures += t.failures, all->skipped += t.skipped;
}

static void write_errors(rg_buf *out, const rg_scan_result *r, totals *all) {
    size_t n = r->errors.items ? r->errors.len : 0;
    if (!n) return;
    rg_buf_puts(out, "  <testsuite name=\"errors\"");
    attr_count(out, "tests", n);
    rg_buf_puts(out, " failures=\"0\"");
    attr_count(out, "errors", n);
    rg_buf_puts(out, " skipped=\"0\">\n");
    for (size_t i = 0; i < n; i++) {
        rg_diag d = r->errors.items[i];
        if (!d.code) d.code = "error";
        if (!d.msg) d.msg = "";
        rg_buf text = RG_BUF_INIT;
        rg_diag_format(&text, &d);
        rg_buf_puts(out, "    <testcase");
        attr(out, "classname", d.code);
        attr(out, "name", d.file ? d.file : "(input)");
        rg_buf_puts(out, ">\n      <error");
        attr(out, "message", d.msg);
        attr(out, "type", d.code);
        rg_buf_putc(out, '>');
        xml_put(out, rg_buf_cstr(&text), false);
        rg_buf_puts(out, "</error>\n    </testcase>\n");
        rg_buf_fini(&text);
    }
    rg_buf_puts(out, "  </testsuite>\n");
    all->tests += n, all->errors += n;
}

int rg_report_junit(FILE *out, const rg_scan_result *r) {
    static const rg_scan_result empty = {0};
    if (!r) r = &empty;
    rg_buf body = RG_BUF_INIT, b = RG_BUF_INIT;
    totals all = {0};
    size_t n = 0;
    suite *s = suites_of(r, &n);
    for (size_t i = 0; i < n; i++) write_suite(&body, r, &s[i], &all);
    free(s);
    write_errors(&body, r, &all);
    rg_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"regent\"");
    attr_count(&b, "tests", all.tests);
    attr_count(&b, "failures", all.failures);
    attr_count(&b, "errors", all.errors);
    attr_count(&b, "skipped", all.skipped);
    rg_buf_puts(&b, ">\n");
    rg_buf_append(&b, body.data ? body.data : "", body.len);
    rg_buf_puts(&b, "</testsuites>\n");
    int rc = rg_rep_flush(out, &b);
    rg_buf_fini(&body);
    rg_buf_fini(&b);
    return rc;
}
