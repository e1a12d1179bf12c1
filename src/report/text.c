/* The text report: findings grouped by file, then by resource, each with its
 * location, the offending source line with a caret, and the remediation;
 * then errors and a summary line.  Plain text unless opts->color. */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "report/report_internal.h"

typedef struct tctx {
    rg_buf *b;
    bool color;
} tctx;

/* One shown finding and the first-appearance ranks of its file and resource. */
typedef struct ord {
    size_t i, file_first, group_first;
    const char *file, *lid;
} ord;

static const char *const sev_color[] = {"\033[2m", "\033[34m", "\033[33m", "\033[31m", "\033[1;31m"};

static void on(tctx *t, const char *sgr) {
    if (t->color) rg_buf_puts(t->b, sgr);
}

static void off(tctx *t) { on(t, "\033[0m"); }

/* User text (messages, source lines) must not drive the terminal: control
 * characters become '?', and newlines continue at the given indentation. */
static void put_text(tctx *t, const char *s, const char *indent) {
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '\n') {
            if (p[1]) rg_buf_printf(t->b, "\n%s", indent);
        } else if (*p == '\r') {
            if (p[1] && p[1] != '\n') rg_buf_putc(t->b, ' ');
        } else if ((*p < 0x20 && *p != '\t') || *p == 0x7f) {
            rg_buf_putc(t->b, '?');
        } else {
            rg_buf_putc(t->b, (char)*p);
        }
    }
}

static int cmp_str(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : ""); }

static int by_key(const void *x, const void *y) {
    const ord *a = x, *b = y;
    int c = cmp_str(a->file, b->file);
    if (!c) c = cmp_str(a->lid, b->lid);
    return c ? c : (a->i > b->i) - (a->i < b->i);
}

static int by_rank(const void *x, const void *y) {
    const ord *a = x, *b = y;
    if (a->file_first != b->file_first) return a->file_first < b->file_first ? -1 : 1;
    if (a->group_first != b->group_first) return a->group_first < b->group_first ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

/* Orders the shown findings: files and, within them, resources in the order
 * they first appear (the result is sorted by file and line already). */
static ord *order(const rg_scan_result *r, bool show_suppressed, size_t *n_out) {
    ord *o = rg_xcalloc(r->n_findings ? r->n_findings : 1, sizeof *o);
    size_t n = 0;
    for (size_t i = 0; r->findings && i < r->n_findings; i++) {
        const rg_finding *f = &r->findings[i];
        if (f->suppressed && !show_suppressed) continue;
        o[n++] = (ord){i, i, i, f->file, f->logical_id};
    }
    qsort(o, n, sizeof *o, by_key);
    for (size_t s = 0; s < n;) {
        size_t e = s, min = o[s].i;
        while (e < n && !cmp_str(o[e].file, o[s].file)) min = o[e].i < min ? o[e].i : min, e++;
        for (size_t k = s; k < e; k++) {
            o[k].file_first = min;
            o[k].group_first = k > s && !cmp_str(o[k].lid, o[k - 1].lid) ? o[k - 1].group_first : o[k].i;
        }
        s = e;
    }
    qsort(o, n, sizeof *o, by_rank);
    *n_out = n;
    return o;
}

static void file_header(tctx *t, const rg_finding *f) {
    on(t, "\033[1m");
    put_text(t, f->file ? f->file : "(unknown file)", "");
    off(t);
    if (f->stack) {
        rg_buf_puts(t->b, " (stack ");
        put_text(t, f->stack, "");
        rg_buf_putc(t->b, ')');
    }
    rg_buf_putc(t->b, '\n');
}

static void resource_header(tctx *t, const rg_finding *f) {
    rg_buf_puts(t->b, "  ");
    on(t, "\033[1;36m");
    put_text(t, f->logical_id ? f->logical_id : "(template)", "");
    off(t);
    if (f->resource_type) {
        rg_buf_puts(t->b, " (");
        put_text(t, f->resource_type, "");
        rg_buf_putc(t->b, ')');
    }
    rg_buf_putc(t->b, '\n');
    if (f->construct_path) {
        rg_buf_puts(t->b, "    construct: ");
        put_text(t, f->construct_path, "");
        rg_buf_putc(t->b, '\n');
    }
    if (f->cdk_source_file) {
        rg_buf_puts(t->b, "    source: ");
        put_text(t, f->cdk_source_file, "");
        if (f->cdk_source_line) rg_buf_printf(t->b, ":%u", (unsigned)f->cdk_source_line);
        rg_buf_putc(t->b, '\n');
    }
}

/* The source line and a caret under the column: tabs are kept so the caret
 * lines up, and UTF-8 continuation bytes take no width. */
static void snippet(tctx *t, const rg_finding *f, rg_severity sev) {
    if (!f->source_line || !f->line) return;
    char num[16];
    int w = snprintf(num, sizeof num, "%u", (unsigned)f->line);
    size_t len = strcspn(f->source_line, "\r\n");
    rg_buf line = RG_BUF_INIT;
    rg_buf_append(&line, f->source_line, len);
    rg_buf_puts(t->b, "      ");
    on(t, "\033[2m");
    rg_buf_printf(t->b, "%s |", num);
    off(t);
    rg_buf_putc(t->b, ' ');
    put_text(t, rg_buf_cstr(&line), "");
    rg_buf_putc(t->b, '\n');
    if (f->col) {
        rg_buf_printf(t->b, "      %*s", w, "");
        on(t, "\033[2m");
        rg_buf_puts(t->b, " |");
        off(t);
        rg_buf_putc(t->b, ' ');
        for (uint32_t k = 0; k + 1 < f->col; k++) {
            unsigned char c = k < len ? (unsigned char)line.data[k] : ' ';
            if ((c & 0xC0) != 0x80) rg_buf_putc(t->b, c == '\t' ? '\t' : ' ');
        }
        on(t, sev_color[sev]);
        rg_buf_putc(t->b, '^');
        off(t);
        rg_buf_putc(t->b, '\n');
    }
    rg_buf_fini(&line);
}

static void upper(tctx *t, const char *s) {
    for (; *s; s++) rg_buf_putc(t->b, (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s));
}

static void finding(tctx *t, const rg_scan_result *r, const rg_finding *f) {
    const rg_control *c = rg_rep_control(r, f);
    rg_severity sev = rg_rep_sev(f->severity);
    rg_buf_puts(t->b, "    ");
    on(t, sev_color[sev]);
    upper(t, rg_severity_name(sev));
    off(t);
    rg_buf_putc(t->b, ' ');
    put_text(t, rg_rep_control_id(r, f), "");
    if (c && c->title) {
        rg_buf_puts(t->b, ": ");
        put_text(t, c->title, "      ");
    }
    if (f->suppressed) rg_buf_puts(t->b, " (suppressed)");
    rg_buf_puts(t->b, "\n      ");
    put_text(t, f->message ? f->message : "(no message)", "      ");
    rg_buf_puts(t->b, "\n      at ");
    put_text(t, f->file ? f->file : "(unknown file)", "");
    if (f->line) rg_buf_printf(t->b, ":%u", (unsigned)f->line);
    if (f->line && f->col) rg_buf_printf(t->b, ":%u", (unsigned)f->col);
    if (f->path) {
        rg_buf_puts(t->b, " (");
        put_text(t, f->path, "");
        rg_buf_putc(t->b, ')');
    }
    rg_buf_putc(t->b, '\n');
    snippet(t, f, sev);
    if (c && c->remediation) {
        rg_buf_puts(t->b, "      remediation: ");
        put_text(t, c->remediation, "        ");
        rg_buf_putc(t->b, '\n');
    }
    if (f->suppressed) {
        rg_buf_puts(t->b, "      suppressed");
        if (f->suppress_source) {
            rg_buf_puts(t->b, " by ");
            put_text(t, f->suppress_source, "");
        }
        rg_buf_puts(t->b, ": ");
        put_text(t, f->suppress_reason ? f->suppress_reason : "(no reason)", "        ");
        rg_buf_putc(t->b, '\n');
    }
}

static void findings(tctx *t, const rg_scan_result *r, const ord *o, size_t n) {
    for (size_t k = 0; k < n; k++) {
        const rg_finding *f = &r->findings[o[k].i];
        if (k == 0 || o[k].file_first != o[k - 1].file_first) {
            if (k) rg_buf_putc(t->b, '\n');
            file_header(t, f);
        }
        if (k == 0 || o[k].group_first != o[k - 1].group_first) resource_header(t, f);
        finding(t, r, f);
    }
    if (n) rg_buf_putc(t->b, '\n');
}

static void errors(tctx *t, const rg_scan_result *r) {
    for (size_t i = 0; r->errors.items && i < r->errors.len; i++) {
        rg_buf line = RG_BUF_INIT;
        rg_diag d = r->errors.items[i];
        if (!d.code) d.code = "error";
        if (!d.msg) d.msg = "";
        rg_diag_format(&line, &d);
        on(t, "\033[1;31m");
        rg_buf_puts(t->b, "error");
        off(t);
        rg_buf_puts(t->b, ": ");
        put_text(t, rg_buf_cstr(&line), "  ");
        rg_buf_putc(t->b, '\n');
        rg_buf_fini(&line);
    }
    if (r->errors.len) rg_buf_putc(t->b, '\n');
}

static void summary(tctx *t, const rg_scan_result *r) {
    rg_rep_counts c;
    rg_rep_count(r, &c);
    rg_buf_printf(t->b, "%zu finding%s", c.findings, c.findings == 1 ? "" : "s");
    const char *sep = ": ";
    for (int s = RG_SEV_CRITICAL; s >= RG_SEV_INFO; s--) {
        if (!c.by_sev[s]) continue;
        rg_buf_printf(t->b, "%s%zu %s", sep, c.by_sev[s], rg_severity_name((rg_severity)s));
        sep = ", ";
    }
    rg_buf_printf(t->b, "; %zu suppressed; %zu template%s scanned", c.suppressed, r->n_templates,
                  r->n_templates == 1 ? "" : "s");
    if (r->errors.len) rg_buf_printf(t->b, "; %zu error%s", r->errors.len, r->errors.len == 1 ? "" : "s");
    rg_buf_putc(t->b, '\n');
}

int rg_report_text(FILE *out, const rg_scan_result *r, const rg_report_options *opts) {
    static const rg_scan_result empty = {0};
    if (!r) r = &empty;
    rg_buf b = RG_BUF_INIT;
    tctx t = {&b, opts && opts->color};
    size_t n = 0;
    ord *o = order(r, opts && opts->show_suppressed, &n);
    findings(&t, r, o, n);
    free(o);
    errors(&t, r);
    summary(&t, r);
    int rc = rg_rep_flush(out, &b);
    rg_buf_fini(&b);
    return rc;
}
