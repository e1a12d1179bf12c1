/* Waiver files: parsing with positioned errors, matching findings, expiry
 * and stale waivers; see waivers.h. */
#include "review/waivers.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "review/config.h"
#include "review/governance.h"

void rg_waivers_init(rg_waivers *w) {
    memset(w, 0, sizeof *w);
    rg_arena_init(&w->arena);
}

void rg_waivers_fini(rg_waivers *w) {
    free(w->items);
    rg_arena_fini(&w->arena);
    memset(w, 0, sizeof *w);
}

/* ---- dates ---- */

bool rg_date_valid(const char *s) {
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1]) return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

void rg_today_utc(char out[11]) {
    time_t now = time(NULL);
    struct tm tm;
    if (!gmtime_r(&now, &tm) || strftime(out, 11, "%Y-%m-%d", &tm) != 10) strcpy(out, "1970-01-01");
}

/* ---- parsing ---- */

static const char *const entry_keys[] = {"control", "expires", "files", "owner", "reason", "resources", "stacks", "ticket"};

static bool known_key(const rg_value *key) {
    for (size_t i = 0; key->kind == RG_STRING && i < sizeof entry_keys / sizeof *entry_keys; i++)
        if (!strcmp(key->u.s, entry_keys[i])) return true;
    return false;
}

/* A required or optional non-empty string member. */
static int get_text(rg_ydoc *d, const rg_value *entry, const rg_value *entry_slot, const char *key, bool required,
                    const char **out) {
    long i = rg_object_find(*entry, rg_string_static(key, strlen(key)));
    if (i < 0) {
        if (required) rg_ydoc_error(d, entry_slot, "waiver has no %s (required)", key);
        return required ? -1 : 0;
    }
    const rg_value *v = &entry->u.items[2 * i + 1];
    if (v->kind != RG_STRING || !v->len) {
        rg_ydoc_error(d, v, "%s must be a non-empty string, not %s", key,
                      v->kind == RG_STRING ? "an empty one" : rg_type_name(*v));
        return -1;
    }
    *out = rg_arena_strdup(d->arena, v->u.s);
    return 0;
}

static int get_list(rg_ydoc *d, const rg_value *entry, const rg_value *entry_slot, const char *key, bool required,
                    const char *const **out, size_t *n) {
    long i = rg_object_find(*entry, rg_string_static(key, strlen(key)));
    if (i < 0) {
        if (required) rg_ydoc_error(d, entry_slot, "waiver has no %s (required)", key);
        return required ? -1 : 0;
    }
    const char **list = NULL;
    if (rg_ydoc_strings(d, &entry->u.items[2 * i + 1], key, &list, n) != 0) return -1;
    if (required && !*n) {
        rg_ydoc_error(d, &entry->u.items[2 * i + 1], "%s must name at least one", key);
        return -1;
    }
    *out = list;
    return 0;
}

static const char *line_text(rg_arena *a, const char *text, size_t len, uint32_t line) {
    size_t at = 0;
    for (uint32_t l = 1; l < line && at < len; at++)
        if (text[at] == '\n') l++;
    if (at >= len) return NULL;
    size_t end = at;
    while (end < len && text[end] != '\n' && text[end] != '\r') end++;
    return rg_arena_strndup(a, text + at, end - at);
}

static void push_waiver(rg_waivers *w, const rg_waiver *x) {
    if (w->len == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 8;
        w->items = rg_xrealloc(w->items, w->cap * sizeof *w->items);
    }
    w->items[w->len++] = *x;
}

/* One entry of the list; returns 0 when it is valid. */
static int parse_entry(rg_ydoc *d, const rg_value *slot, rg_waiver *x) {
    if (slot->kind != RG_OBJECT) {
        rg_ydoc_error(d, slot, "a waiver must be a mapping (control, resources, reason, owner, expires), not %s",
                      rg_type_name(*slot));
        return -1;
    }
    int bad = 0;
    for (size_t k = 0; k < slot->len; k++) {
        const rg_value *key = &slot->u.items[2 * k];
        if (known_key(key)) continue;
        rg_ydoc_error(d, key, "unknown waiver key \"%s\" (want control, resources, stacks, files, reason, owner, ticket, "
                              "expires)", key->kind == RG_STRING ? key->u.s : "?");
        bad = -1;
    }
    bad |= get_text(d, slot, slot, "control", true, &x->control);
    bad |= get_list(d, slot, slot, "resources", true, &x->resources, &x->n_resources);
    bad |= get_list(d, slot, slot, "stacks", false, &x->stacks, &x->n_stacks);
    bad |= get_list(d, slot, slot, "files", false, &x->files, &x->n_files);
    bad |= get_text(d, slot, slot, "reason", true, &x->reason);
    bad |= get_text(d, slot, slot, "owner", true, &x->owner);
    bad |= get_text(d, slot, slot, "ticket", false, &x->ticket);
    if (get_text(d, slot, slot, "expires", true, &x->expires) != 0) {
        bad = -1;
    } else if (!rg_date_valid(x->expires)) {
        rg_ydoc_error(d, &slot->u.items[2 * rg_object_find(*slot, rg_string_static("expires", 7)) + 1],
                      "expires must be a date YYYY-MM-DD, not \"%s\"", x->expires);
        bad = -1;
    }
    if (x->control && !strcmp(x->control, "GOV.004")) {
        rg_ydoc_error(d, slot, "GOV.004 findings (about waivers themselves) cannot be waived");
        bad = -1;
    }
    return bad;
}

int rg_waivers_parse(rg_waivers *w, const char *file, const char *text, size_t len, rg_diags *errors) {
    rg_ydoc d;
    const char *name = rg_arena_strdup(&w->arena, file);
    if (rg_ydoc_parse(&d, &w->arena, name, "waiver_error", text, len, errors) != 0) {
        rg_ydoc_fini(&d);
        return d.n_errors;
    }
    rg_value root = d.root;
    long at = root.kind == RG_OBJECT ? rg_object_find(root, rg_string_static("waivers", 7)) : -1;
    if (root.kind == RG_OBJECT) {
        for (size_t k = 0; k < root.len; k++)
            if (k != (size_t)at)
                rg_ydoc_error(&d, &root.u.items[2 * k], "unknown key \"%s\" (a waivers file has one key: waivers)",
                              root.u.items[2 * k].kind == RG_STRING ? root.u.items[2 * k].u.s : "?");
    } else if (root.kind != RG_NULL) {
        rg_ydoc_error(&d, NULL, "a waivers file must be a mapping with the key waivers, not %s", rg_type_name(root));
    }
    const rg_value *list = at >= 0 ? &root.u.items[2 * at + 1] : NULL;
    if (list && list->kind != RG_ARRAY && list->kind != RG_NULL)
        rg_ydoc_error(&d, list, "waivers must be a list of waivers, not %s", rg_type_name(*list));
    for (size_t i = 0; list && list->kind == RG_ARRAY && i < list->len; i++) {
        rg_waiver x;
        memset(&x, 0, sizeof x);
        if (parse_entry(&d, &list->u.items[i], &x) != 0) continue;
        rg_pos p = rg_ydoc_pos(&d, &list->u.items[i]);
        x.file = name;
        x.line = p.line, x.col = p.col;
        x.source_line = line_text(&w->arena, text, len, p.line);
        push_waiver(w, &x);
    }
    rg_ydoc_fini(&d);
    return d.n_errors;
}

int rg_waivers_load(rg_waivers *w, const char *path, rg_diags *errors) {
    char *text = NULL;
    size_t len = 0;
    if (rg_read_file(path, &text, &len) != 0) {
        rg_diags_add(errors, "waiver_error", path, 0, 0, "cannot read the waivers file: %s", strerror(errno));
        return 1;
    }
    int n = rg_waivers_parse(w, path, text, len, errors);
    free(text);
    return n;
}

/* ---- matching ---- */

static bool glob_any(const char *const *patterns, size_t n, const char *s) {
    for (size_t i = 0; i < n; i++)
        if (fnmatch(patterns[i], s, 0) == 0) return true;
    return false;
}

static const char *no_dot_slash(const char *s) {
    while (s[0] == '.' && s[1] == '/') s += 2;
    return s;
}

/* A file pattern matches the path as scanned (`*` crosses folders); one
 * without a slash also matches the file's base name. */
static bool file_matches(const char *const *patterns, size_t n, const char *file) {
    if (!file) return false;
    file = no_dot_slash(file);
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    for (size_t i = 0; i < n; i++) {
        const char *p = no_dot_slash(patterns[i]);
        if (fnmatch(p, file, 0) == 0 || (!strchr(p, '/') && fnmatch(p, base, 0) == 0)) return true;
    }
    return false;
}

static bool scope_matches(const rg_waiver *w, const char *file, const char *stack) {
    if (w->n_stacks && (!stack || !glob_any(w->stacks, w->n_stacks, stack))) return false;
    if (w->n_files && !file_matches(w->files, w->n_files, file)) return false;
    return true;
}

bool rg_waiver_matches(const rg_waiver *w, const char *control_id, const rg_finding *f) {
    if (!control_id || strcmp(w->control, control_id) != 0) return false;
    if (!glob_any(w->resources, w->n_resources, f->logical_id ? f->logical_id : "")) return false;
    return scope_matches(w, f->file, f->stack);
}

/* ---- applying ---- */

static void waive(const rg_waiver_ctx *c, const rg_waiver *w, rg_finding *f) {
    char src[512];
    snprintf(src, sizeof src, "waiver %s:%u (%s%s%s, expires %s)", w->file, w->line, w->owner, w->ticket ? ", " : "",
             w->ticket ? w->ticket : "", w->expires);
    f->suppressed = true;
    /* The result outlives the waivers: copy into its arena. */
    f->suppress_reason = rg_arena_strdup(c->arena, w->reason);
    f->suppress_source = rg_arena_strdup(c->arena, src);
}

static void add_gov004(const rg_waiver_ctx *c, rg_finding_list *out, const rg_waiver *w, const char *msg) {
    rg_finding f;
    memset(&f, 0, sizeof f);
    f.control = c->gov004;
    f.rule = "deny";
    f.severity = c->controls[c->gov004].severity;
    f.message = rg_arena_strdup(c->arena, msg);
    f.file = rg_arena_strdup(c->arena, w->file);
    f.line = w->line, f.col = w->col;
    f.source_line = w->source_line ? rg_arena_strdup(c->arena, w->source_line) : NULL;
    rg_finding_list_push(out, &f);
}

static bool known_control(const rg_waiver_ctx *c, const char *id) {
    for (size_t i = 0; i < c->n_controls; i++)
        if (c->controls[i].id && !strcmp(c->controls[i].id, id)) return true;
    return false;
}

static bool in_scope(const rg_waiver_ctx *c, const rg_waiver *w) {
    for (size_t i = 0; i < c->n_scanned; i++)
        if (scope_matches(w, c->scanned[i].file, c->scanned[i].stack)) return true;
    return false;
}

static void report(const rg_waiver_ctx *c, const rg_waiver *w, bool expired, rg_finding_list *out) {
    rg_buf what = RG_BUF_INIT, msg = RG_BUF_INIT;
    rg_buf_printf(&what, "waiver of %s for ", w->control);
    for (size_t i = 0; i < w->n_resources; i++) rg_buf_printf(&what, "%s%s", i ? ", " : "", w->resources[i]);
    rg_buf_printf(&what, " (%s%s%s)", w->owner, w->ticket ? ", " : "", w->ticket ? w->ticket : "");
    if (expired)
        rg_buf_printf(&msg, "%s expired on %s: the findings it covered are reported again", rg_buf_cstr(&what),
                      w->expires);
    else if (!known_control(c, w->control))
        rg_buf_printf(&msg, "%s names %s, which no loaded control has as its id", rg_buf_cstr(&what), w->control);
    else
        rg_buf_printf(&msg, "%s matches no finding: it is stale and can be removed", rg_buf_cstr(&what));
    add_gov004(c, out, w, rg_buf_cstr(&msg));
    rg_buf_fini(&what);
    rg_buf_fini(&msg);
}

void rg_waivers_apply(rg_waivers *w, const rg_waiver_ctx *c, rg_finding_list *findings) {
    for (size_t i = 0; i < findings->len; i++) {
        rg_finding *f = &findings->items[i];
        if (f->control == c->gov004 || f->control >= c->n_controls) continue;
        bool waived = false;
        for (size_t k = 0; k < w->len; k++) {
            rg_waiver *x = &w->items[k];
            if (strcmp(x->expires, c->today) < 0 || !rg_waiver_matches(x, c->controls[f->control].id, f)) continue;
            x->matched++;
            if (!waived) waive(c, x, f);
            waived = true;
        }
    }
    for (size_t k = 0; k < w->len; k++) {
        const rg_waiver *x = &w->items[k];
        bool expired = strcmp(x->expires, c->today) < 0;
        /* A waiver for templates this run did not scan is not stale, nor
         * one of a GOV check this run does not make. */
        bool off = !known_control(c, x->control) && rg_gov_control(x->control);
        if (expired || (!x->matched && !off && in_scope(c, x))) report(c, x, expired, findings);
    }
}
