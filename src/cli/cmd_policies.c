/* regent policies: the control catalogue (every control's metadata and
 * what the library covers) as a terminal table, JSON, a Markdown document
 * for auditors, or the generated section of docs/threat-model.md. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "review/catalog.h"

static const char policies_usage[] =
    "usage: regent policies [options]\n"
    "\n"
    "Lists the controls regent applies, with their metadata (severity, resource\n"
    "types, threats, mitigations, framework mappings, remediation, aliases,\n"
    "approval), and what they cover.\n"
    "\n"
    "options:\n"
    "  -f, --format FORMAT   table (default), json, markdown or threats\n"
    "  -p, --policy PATH     add Rego policies (a .rego file or a folder; repeatable)\n"
    "      --no-builtin      list only the controls of --policy paths (the regent.cfn helper library stays)\n"
    "  -o, --output FILE     write to FILE instead of standard output\n"
    "  -h, --help            show this help\n"
    "\n"
    "formats:\n"
    "  table     one line per control (id, severity, approval, resource types, title),\n"
    "            then counts and coverage by service, framework, threat and mitigation\n"
    "  json      {\"controls\": [...], \"coverage\": {...}, \"counts\": {...}}; see docs/policies.md\n"
    "  markdown  a catalogue for auditors and reviewers: counts, the controls, coverage by\n"
    "            service, resource type, framework (NIST SP 800-53 first), threat and\n"
    "            mitigation, approval status, and every control in full\n"
    "  threats   the generated section of docs/threat-model.md: the controls implementing\n"
    "            each mitigation and addressing each threat (scripts/threat-model.sh);\n"
    "            every control must name at least one threat and one mitigation\n"
    "\n"
    "Malformed metadata (a wrongly typed field, an unknown severity, an id used twice,\n"
    "an approved control without reviewer or date) is reported on standard error as\n"
    "file:line:col: metadata_error: ID: message; the listing is still written.\n"
    "\n"
    "exit status: 0 success, 2 bad usage, a policy that could not be read or compiled,\n"
    "             or malformed metadata\n";

typedef enum { FMT_TABLE, FMT_JSON, FMT_MARKDOWN, FMT_THREATS } policies_format;

typedef struct policies_args {
    const char **policies;
    size_t n_policies;
    const char *output;
    policies_format format;
    bool no_builtin;
} policies_args;

static int parse_format(const char *s) {
    static const char *const names[] = {"table", "json", "markdown", "threats"};
    for (int i = 0; i < 4; i++)
        if (!strcmp(s, names[i])) return i;
    return -1;
}

static int parse_policies_args(int argc, char **argv, policies_args *a) {
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        bool takes = !strcmp(s, "-p") || !strcmp(s, "--policy") || !strcmp(s, "-f") || !strcmp(s, "--format") ||
                     !strcmp(s, "-o") || !strcmp(s, "--output");
        if (takes && i + 1 >= argc) {
            fprintf(stderr, "regent policies: option '%s' needs a value\n", s);
            return -1;
        }
        if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
            fputs(policies_usage, stdout);
            free(a->policies);
            exit(RG_EXIT_OK);
        } else if (!strcmp(s, "-p") || !strcmp(s, "--policy")) {
            a->policies = rg_xrealloc(a->policies, (a->n_policies + 1) * sizeof *a->policies);
            a->policies[a->n_policies++] = argv[++i];
        } else if (!strcmp(s, "-f") || !strcmp(s, "--format")) {
            int f = parse_format(argv[++i]);
            if (f < 0) {
                fprintf(stderr, "regent policies: unknown format '%s' (want table, json, markdown or threats)\n",
                        argv[i]);
                return -1;
            }
            a->format = (policies_format)f;
        } else if (!strcmp(s, "-o") || !strcmp(s, "--output")) {
            a->output = argv[++i];
        } else if (!strcmp(s, "--no-builtin")) {
            a->no_builtin = true;
        } else if (s[0] == '-' && s[1]) {
            fprintf(stderr, "regent policies: unknown option '%s'\n\n%s", s, policies_usage);
            return -1;
        } else {
            fprintf(stderr, "regent policies: unexpected argument '%s' (policies are added with --policy)\n", s);
            return -1;
        }
    }
    return 0;
}

/* ---- helpers over the catalogue document ---- */

typedef struct keyed {
    const char *key;
    rg_value val;
} keyed;

static int cmp_keyed(const void *x, const void *y) {
    return rg_natural_compare(((const keyed *)x)->key, ((const keyed *)y)->key);
}

/* An object's string-keyed entries in natural key order (malloc'd). */
static keyed *entries(rg_value obj, size_t *n) {
    keyed *e = rg_xcalloc(obj.len ? obj.len : 1, sizeof *e);
    *n = 0;
    for (size_t i = 0; obj.kind == RG_OBJECT && i < obj.len; i++)
        if (rg_obj_key(obj, i).kind == RG_STRING) e[(*n)++] = (keyed){rg_obj_key(obj, i).u.s, rg_obj_val(obj, i)};
    qsort(e, *n, sizeof *e, cmp_keyed);
    return e;
}

static rg_value path_get(rg_value v, const char *a, const char *b) {
    v = rg_object_get_str(v, a);
    return b ? rg_object_get_str(v, b) : v;
}

static int64_t int_at(rg_value v, const char *a, const char *b) {
    rg_value n = path_get(v, a, b);
    return rg_is_int(n) ? n.u.i : 0;
}

/* Appends the strings of an array, separated (code-quoted when quote). */
static void put_join(rg_buf *b, rg_value arr, const char *sep, bool quote) {
    for (size_t i = 0; arr.kind == RG_ARRAY && i < arr.len; i++) {
        if (i) rg_buf_puts(b, sep);
        if (quote) rg_buf_putc(b, '`');
        if (arr.u.items[i].kind == RG_STRING) rg_buf_puts(b, arr.u.items[i].u.s);
        if (quote) rg_buf_putc(b, '`');
    }
}

static void put_list(rg_buf *b, const rg_strlist *l, const char *sep, bool quote) {
    for (size_t i = 0; i < l->len; i++)
        rg_buf_printf(b, "%s%s%s%s", i ? sep : "", quote ? "`" : "", l->items[i], quote ? "`" : "");
}

/* Text in a Markdown table cell: one line, pipes escaped. */
static void put_cell(rg_buf *b, const char *s) {
    for (; s && *s; s++) {
        if (*s == '|') rg_buf_puts(b, "\\|");
        else if (*s == '\n' || *s == '\r') rg_buf_putc(b, ' ');
        else rg_buf_putc(b, *s);
    }
}

/* ---- table ---- */

static void table_summary(rg_buf *b, rg_value doc) {
    rg_value cov = rg_object_get_str(doc, "coverage");
    rg_buf_printf(b, "\n%lld controls, %lld services, %lld resource types; %lld approved, %lld pending approval\n",
                  (long long)int_at(doc, "counts", "controls"), (long long)int_at(doc, "counts", "services"),
                  (long long)int_at(doc, "counts", "resource_types"), (long long)int_at(doc, "counts", "approved"),
                  (long long)int_at(doc, "counts", "pending"));
    static const char *const parts[][2] = {{"services", "controls by service:"},
                                           {"frameworks", "requirements by framework:"},
                                           {"threats", "controls by threat:"},
                                           {"mitigations", "controls by mitigation:"}};
    for (size_t p = 0; p < 4; p++) {
        size_t n;
        keyed *e = entries(rg_object_get_str(cov, parts[p][0]), &n);
        rg_buf_printf(b, "%-26s", parts[p][1]);
        if (!n) rg_buf_puts(b, " none");
        for (size_t i = 0; i < n; i++) {
            int64_t count = p == 0 ? int_at(e[i].val, "controls", NULL) : (int64_t)e[i].val.len;
            rg_buf_printf(b, "%s %s %lld", i ? "," : "", e[i].key, (long long)count);
        }
        rg_buf_putc(b, '\n');
        free(e);
    }
}

/* Resource types for a table cell: as many as fit in about 40 columns,
 * then how many more. */
static void put_types_cell(rg_buf *b, const rg_strlist *l) {
    size_t start = b->len, i = 0;
    for (; i < l->len; i++) {
        if (i && b->len - start + strlen(l->items[i]) > 40) break;
        rg_buf_printf(b, "%s%s", i ? "," : "", l->items[i]);
    }
    if (i < l->len) rg_buf_printf(b, " +%zu", l->len - i);
    if (!l->len) rg_buf_putc(b, '-');
}

static void write_table(rg_buf *b, const rg_catalog *cat, rg_value doc) {
    int wid = 2, wsev = 8, wapp = 8, wtypes = 14;
    rg_buf types = RG_BUF_INIT;
    for (size_t i = 0; i < cat->n_controls; i++) {
        const rg_catalog_control *c = &cat->controls[i];
        types.len = 0;
        put_types_cell(&types, &c->resource_types);
        if ((int)strlen(c->id) > wid) wid = (int)strlen(c->id);
        if ((int)strlen(c->approval_status) > wapp) wapp = (int)strlen(c->approval_status);
        if ((int)types.len > wtypes) wtypes = (int)types.len;
    }
    rg_buf_printf(b, "%-*s  %-*s  %-*s  %-*s  %s\n", wid, "ID", wsev, "SEVERITY", wapp, "APPROVAL", wtypes,
                  "RESOURCE TYPES", "TITLE");
    for (size_t i = 0; i < cat->n_controls; i++) {
        const rg_catalog_control *c = &cat->controls[i];
        types.len = 0;
        put_types_cell(&types, &c->resource_types);
        rg_buf_printf(b, "%-*s  %-*s  %-*s  %-*s  %s\n", wid, c->id, wsev, rg_severity_name(c->severity), wapp,
                      c->approval_status, wtypes, rg_buf_cstr(&types), c->title ? c->title : "");
    }
    rg_buf_fini(&types);
    table_summary(b, doc);
}

/* ---- markdown ---- */

static const char *framework_name(const char *key) {
    static const char *const names[][2] = {
        {"nist-800-53", "NIST SP 800-53 rev. 5"},
        {"soc2", "SOC 2 (Trust Services Criteria 2017)"},
        {"cis-aws", "CIS AWS Foundations Benchmark v3.0"},
        {"pci-dss-4.0", "PCI DSS 4.0"},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(key, names[i][0])) return names[i][1];
    return NULL;
}

/* A two-column table: key -> ids (or key -> resource types for services). */
static void md_key_table(rg_buf *b, rg_value obj, const char *head, bool quote_key) {
    size_t n;
    keyed *e = entries(obj, &n);
    rg_buf_printf(b, "| %s | controls |\n|---|---|\n", head);
    for (size_t i = 0; i < n; i++) {
        rg_buf_printf(b, quote_key ? "| `%s` | " : "| %s | ", e[i].key);
        put_join(b, e[i].val, ", ", false);
        rg_buf_puts(b, " |\n");
    }
    if (!n) rg_buf_puts(b, "| (none) | |\n");
    free(e);
}

static void md_summary(rg_buf *b, rg_value doc) {
    rg_buf_puts(b, "# regent control catalogue\n\n"
                   "Generated by `regent policies --format markdown` from the controls' metadata.\n\n"
                   "| | count |\n|---|---:|\n");
    static const char *const keys[][2] = {{"controls", "controls"},       {"services", "services"},
                                          {"resource_types", "resource types"}, {"approved", "approved"},
                                          {"pending", "pending approval"}};
    for (size_t i = 0; i < 5; i++)
        rg_buf_printf(b, "| %s | %lld |\n", keys[i][1], (long long)int_at(doc, "counts", keys[i][0]));
}

static void md_controls(rg_buf *b, const rg_catalog *cat) {
    rg_buf_puts(b, "\n## Controls\n\n| id | severity | title | resource types | threats | mitigations | approval |\n"
                   "|---|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < cat->n_controls; i++) {
        const rg_catalog_control *c = &cat->controls[i];
        rg_buf_printf(b, "| [%s](#", c->id);
        for (const char *p = c->id; *p; p++)
            if (*p != '.') rg_buf_putc(b, (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p));
        rg_buf_printf(b, ") | %s | ", rg_severity_name(c->severity));
        put_cell(b, c->title);
        rg_buf_puts(b, " | ");
        put_list(b, &c->resource_types, ", ", true);
        rg_buf_puts(b, " | ");
        put_list(b, &c->threats, ", ", false);
        rg_buf_puts(b, " | ");
        put_list(b, &c->mitigations, ", ", false);
        rg_buf_printf(b, " | %s |\n", c->approval_status);
    }
}

static void md_services(rg_buf *b, rg_value cov) {
    size_t n;
    keyed *e = entries(rg_object_get_str(cov, "services"), &n);
    rg_buf_puts(b, "\n## Coverage by service\n\n| service | controls | resource types |\n|---|---:|---|\n");
    for (size_t i = 0; i < n; i++) {
        rg_buf_printf(b, "| %s | %lld | ", e[i].key, (long long)int_at(e[i].val, "controls", NULL));
        put_join(b, rg_object_get_str(e[i].val, "resource_types"), ", ", true);
        rg_buf_puts(b, " |\n");
    }
    free(e);
    rg_buf_puts(b, "\n## Coverage by resource type\n\n");
    md_key_table(b, rg_object_get_str(cov, "resource_types"), "resource type", true);
}

static void md_frameworks(rg_buf *b, rg_value cov) {
    size_t n;
    keyed *e = entries(rg_object_get_str(cov, "frameworks"), &n);
    rg_buf_puts(b, "\n## Coverage by framework\n");
    if (!n) rg_buf_puts(b, "\nNo control names a framework.\n");
    /* NIST SP 800-53 first: every control maps to it. */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            if ((pass == 0) != !strcmp(e[i].key, "nist-800-53")) continue;
            const char *name = framework_name(e[i].key);
            if (name) rg_buf_printf(b, "\n### %s (`%s`)\n\n", name, e[i].key);
            else rg_buf_printf(b, "\n### `%s`\n\n", e[i].key);
            md_key_table(b, e[i].val, "requirement", false);
        }
    free(e);
}

static void md_approval(rg_buf *b, const rg_catalog *cat) {
    rg_buf_puts(b, "\n## Approval\n\n| id | status | reviewer | date |\n|---|---|---|---|\n");
    for (size_t i = 0; i < cat->n_controls; i++) {
        const rg_catalog_control *c = &cat->controls[i];
        rg_buf_printf(b, "| %s | %s | ", c->id, c->approval_status);
        put_cell(b, c->approval_reviewer ? c->approval_reviewer : "");
        rg_buf_puts(b, " | ");
        put_cell(b, c->approval_date ? c->approval_date : "");
        rg_buf_puts(b, " |\n");
    }
}

/* name: ids; ... with first (when given) leading. */
static void md_named_row(rg_buf *b, const char *label, const rg_named_ids *ids, size_t n, const char *first) {
    if (!n) return;
    rg_buf_printf(b, "| %s | ", label);
    size_t done = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            if ((pass == 0) != (first && !strcmp(ids[i].name, first))) continue;
            rg_buf_printf(b, "%s%s: ", done++ ? "; " : "", ids[i].name);
            put_list(b, &ids[i].ids, ", ", false);
        }
    rg_buf_puts(b, " |\n");
}

static void md_detail(rg_buf *b, const rg_catalog_control *c) {
    rg_buf_printf(b, "\n### %s\n\n", c->id);
    if (c->title) rg_buf_printf(b, "**%s**\n\n", c->title);
    if (c->description) rg_buf_printf(b, "%s\n\n", c->description);
    rg_buf_printf(b, "| | |\n|---|---|\n| severity | %s |\n| service | %s |\n", rg_severity_name(c->severity),
                  c->service);
    if (c->package) rg_buf_printf(b, "| package | `%s` |\n", c->package);
    rg_buf_printf(b, c->source_file ? "| source | `%s` |\n" : "| source | %s |\n",
                  c->source_file ? c->source_file : "built into regent");
    const rg_strlist *lists[] = {&c->resource_types, &c->threats, &c->mitigations};
    static const char *const labels[] = {"resource types", "threats", "mitigations"};
    for (size_t i = 0; i < 3; i++) {
        if (!lists[i]->len) continue;
        rg_buf_printf(b, "| %s | ", labels[i]);
        put_list(b, lists[i], ", ", i == 0);
        rg_buf_puts(b, " |\n");
    }
    md_named_row(b, "frameworks", c->frameworks, c->n_frameworks, "nist-800-53");
    md_named_row(b, "aliases", c->aliases, c->n_aliases, NULL);
    rg_buf_printf(b, "| approval | %s", c->approval_status);
    if (c->approval_reviewer) rg_buf_puts(b, " by "), put_cell(b, c->approval_reviewer);
    if (c->approval_date) rg_buf_puts(b, " on "), put_cell(b, c->approval_date);
    rg_buf_puts(b, " |\n");
    if (c->remediation) rg_buf_printf(b, "\nRemediation:\n\n%s\n", c->remediation);
}

static void write_markdown(rg_buf *b, const rg_catalog *cat, rg_value doc) {
    rg_value cov = rg_object_get_str(doc, "coverage");
    md_summary(b, doc);
    md_controls(b, cat);
    md_services(b, cov);
    md_frameworks(b, cov);
    rg_buf_puts(b, "\n## Coverage by threat\n\nThreat and mitigation ids are defined in docs/threat-model.md.\n\n");
    md_key_table(b, rg_object_get_str(cov, "threats"), "threat", false);
    rg_buf_puts(b, "\n## Coverage by mitigation\n\n");
    md_key_table(b, rg_object_get_str(cov, "mitigations"), "mitigation", false);
    md_approval(b, cat);
    rg_buf_puts(b, "\n## Control details\n");
    for (size_t i = 0; i < cat->n_controls; i++) md_detail(b, &cat->controls[i]);
}

/* ---- threats: the generated part of docs/threat-model.md ---- */

static const char *title_of(const rg_catalog *cat, const char *id) {
    for (size_t i = 0; i < cat->n_controls; i++)
        if (!strcmp(cat->controls[i].id, id)) return cat->controls[i].title;
    return NULL;
}

static void write_threats(rg_buf *b, const rg_catalog *cat, rg_value doc) {
    rg_value cov = rg_object_get_str(doc, "coverage");
    size_t n;
    keyed *e = entries(rg_object_get_str(cov, "mitigations"), &n);
    rg_buf_puts(b, "## Controls by mitigation\n");
    for (size_t i = 0; i < n; i++) {
        rg_buf_printf(b, "\n### %s\n\n", e[i].key);
        for (size_t k = 0; k < e[i].val.len; k++) {
            const char *id = e[i].val.u.items[k].u.s, *title = title_of(cat, id);
            rg_buf_printf(b, "- %s%s%s\n", id, title ? ": " : "", title ? title : "");
        }
    }
    free(e);
    rg_buf_puts(b, "\n## Controls by threat\n\n");
    md_key_table(b, rg_object_get_str(cov, "threats"), "threat", false);
}

/* ---- entry point ---- */

static int emit(const policies_args *a, const char *text, size_t len) {
    FILE *f = stdout;
    if (a->output && !(f = fopen(a->output, "w"))) {
        fprintf(stderr, "regent policies: cannot write %s: %s\n", a->output, strerror(errno));
        return -1;
    }
    int rc = fwrite(text, 1, len, f) == len ? 0 : -1;
    if (f != stdout && fclose(f) != 0) rc = -1;
    if (rc) fprintf(stderr, "regent policies: cannot write %s\n", a->output ? a->output : "standard output");
    return rc;
}

int rg_cmd_policies(int argc, char **argv) {
    policies_args a = {0};
    if (parse_policies_args(argc, argv, &a) != 0) {
        free(a.policies);
        return RG_EXIT_ERROR;
    }
    rg_catalog_options o = {a.policies, a.n_policies, a.no_builtin};
    rg_catalog cat;
    int status = RG_EXIT_OK;
    if (rg_catalog_load(&o, &cat) != 0) {
        rg_cli_print_diags(stderr, &cat.errors);
        status = RG_EXIT_ERROR;
        goto out;
    }
    if (a.format == FMT_THREATS) rg_catalog_check_threats(&cat, &cat.problems);
    rg_value doc = rg_catalog_document(&cat);
    rg_buf b = RG_BUF_INIT;
    switch (a.format) {
    case FMT_TABLE: write_table(&b, &cat, doc); break;
    case FMT_JSON:
        rg_json_write(&b, doc, RG_JSON_PRETTY);
        rg_buf_putc(&b, '\n');
        break;
    case FMT_MARKDOWN: write_markdown(&b, &cat, doc); break;
    case FMT_THREATS: write_threats(&b, &cat, doc); break;
    }
    if (emit(&a, rg_buf_cstr(&b), b.len) != 0) status = RG_EXIT_ERROR;
    rg_buf_fini(&b);
    rg_cli_print_diags(stderr, &cat.problems);
    if (cat.problems.len) status = RG_EXIT_ERROR;
out:
    rg_catalog_fini(&cat);
    free(a.policies);
    return status;
}
