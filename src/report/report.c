/* Report dispatch and the helpers every writer shares: counting, control
 * lookup, output flushing, UTF-8 hygiene, report paths, URIs, fingerprints. */
#include <string.h>
#include <strings.h>

#include "report/report_internal.h"

int rg_report_format_parse(const char *name) {
    static const char *const names[] = {"text", "json", "sarif", "junit", "github"};
    if (!name) return -1;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcasecmp(name, names[i])) return (int)i;
    return -1;
}

int rg_report_write(FILE *out, rg_report_format format, const rg_scan_result *r, const rg_report_options *opts) {
    switch (format) {
    case RG_REPORT_TEXT: return rg_report_text(out, r, opts);
    case RG_REPORT_JSON: return rg_report_json(out, r);
    case RG_REPORT_SARIF: return rg_report_sarif(out, r);
    case RG_REPORT_JUNIT: return rg_report_junit(out, r);
    case RG_REPORT_GITHUB: return rg_report_github(out, r);
    }
    return -1;
}

rg_severity rg_rep_sev(rg_severity s) { return (unsigned)s <= RG_SEV_CRITICAL ? s : RG_SEV_INFO; }

void rg_rep_count(const rg_scan_result *r, rg_rep_counts *out) {
    memset(out, 0, sizeof *out);
    for (size_t i = 0; r && r->findings && i < r->n_findings; i++) {
        const rg_finding *f = &r->findings[i];
        if (f->suppressed) {
            out->suppressed++;
        } else {
            out->findings++;
            out->by_sev[rg_rep_sev(f->severity)]++;
        }
    }
}

const rg_control *rg_rep_control(const rg_scan_result *r, const rg_finding *f) {
    return r && r->controls && f->control < r->n_controls ? &r->controls[f->control] : NULL;
}

const char *rg_rep_control_id(const rg_scan_result *r, const rg_finding *f) {
    const rg_control *c = rg_rep_control(r, f);
    return c && c->id ? c->id : "unknown";
}

int rg_rep_flush(FILE *out, const rg_buf *b) {
    if (!out) return -1;
    if (b->len && fwrite(b->data, 1, b->len, out) != b->len) return -1;
    if (fflush(out) != 0 || ferror(out)) return -1;
    return 0;
}

/* Decodes per RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF. */
size_t rg_rep_utf8_seq(const unsigned char *s, size_t n, uint32_t *cp) {
    if (n == 0) return 0;
    unsigned char c = s[0];
    size_t len;
    uint32_t v, min;
    if (c < 0x80) { *cp = c; return 1; }
    if (c >= 0xC2 && c <= 0xDF) len = 2, v = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, v = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, v = c & 0x07, min = 0x10000;
    else return 0;
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

void rg_rep_utf8_clean(rg_buf *out, const char *s) {
    if (!s) return;
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    while (n) {
        uint32_t cp;
        size_t k = rg_rep_utf8_seq(p, n, &cp);
        if (k) {
            rg_buf_append(out, (const char *)p, k);
        } else {
            rg_buf_puts(out, "\xEF\xBF\xBD");
            k = 1;
        }
        p += k, n -= k;
    }
}

void rg_rep_relpath(rg_buf *out, const char *file) {
    if (!file) return;
    while (file[0] == '.' && (file[1] == '/' || file[1] == '\\')) {
        file += 2;
        while (*file == '/' || *file == '\\') file++;
    }
    for (const char *p = file; *p; p++) rg_buf_putc(out, *p == '\\' ? '/' : *p);
}

static bool uri_plain(unsigned char c, bool colon_ok) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    if (c == ':') return colon_ok; /* a colon in a relative reference's first segment reads as a scheme */
    return strchr("-._~/!$&'()*+,;=@", c) != NULL && c != 0;
}

void rg_rep_uri(rg_buf *out, const char *file) {
    static const char hex[] = "0123456789ABCDEF";
    if (!file) return;
    rg_buf path = RG_BUF_INIT;
    rg_rep_relpath(&path, file);
    const char *p = rg_buf_cstr(&path);
    bool drive = ((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z')) && p[1] == ':' && p[2] == '/';
    bool absolute = p[0] == '/' || drive;
    if (absolute) rg_buf_puts(out, drive ? "file:///" : "file://");
    for (const unsigned char *q = (const unsigned char *)p; *q; q++) {
        if (uri_plain(*q, absolute)) {
            rg_buf_putc(out, (char)*q);
        } else {
            char esc[3] = {'%', hex[*q >> 4], hex[*q & 15]};
            rg_buf_append(out, esc, 3);
        }
    }
    rg_buf_fini(&path);
}

void rg_rep_fingerprint(rg_buf *out, const char *const *parts, size_t n) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        for (const unsigned char *p = (const unsigned char *)(parts[i] ? parts[i] : ""); *p; p++) {
            h ^= *p;
            h *= 0x100000001b3ULL;
        }
        h *= 0x100000001b3ULL; /* a NUL separator: ("ab","c") differs from ("a","bc") */
    }
    rg_buf_printf(out, "%016llx", (unsigned long long)h);
}
