/* The configuration file and the checked-YAML reader; see config.h. */
#include "review/config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "review/finding.h"

/* ---- checked YAML ---- */

int rg_ydoc_parse(rg_ydoc *d, rg_arena *a, const char *file, const char *code, const char *text, size_t len,
                  rg_diags *errors) {
    memset(d, 0, sizeof *d);
    d->arena = a;
    d->file = file;
    d->code = code;
    d->errors = errors;
    d->first_error = errors->len;
    d->map = rg_srcmap_new();
    size_t before = errors->len;
    if (rg_yaml_parse(a, file, text, len, RG_READ_REJECT_DUPLICATES, d->map, &d->root, errors) != 0) {
        d->n_errors += errors->len > before ? (int)(errors->len - before) : 1;
        d->root = rg_null();
        return -1;
    }
    return 0;
}

static int by_position(const void *x, const void *y) {
    const rg_diag *a = x, *b = y;
    if (a->line != b->line) return a->line < b->line ? -1 : 1;
    if (a->col != b->col) return a->col < b->col ? -1 : 1;
    return strcmp(a->msg, b->msg);
}

void rg_ydoc_fini(rg_ydoc *d) {
    /* Members are visited in key order; report in file order. */
    if (d->errors && d->errors->len > d->first_error)
        qsort(d->errors->items + d->first_error, d->errors->len - d->first_error, sizeof *d->errors->items,
              by_position);
    rg_srcmap_free(d->map);
    d->map = NULL;
}

rg_pos rg_ydoc_pos(const rg_ydoc *d, const rg_value *slot) {
    rg_pos p;
    if (slot && d->map && rg_srcmap_get(d->map, slot, &p)) return p;
    return d->map ? rg_srcmap_root(d->map) : (rg_pos){1, 1};
}

void rg_ydoc_error(rg_ydoc *d, const rg_value *slot, const char *fmt, ...) {
    rg_pos p = rg_ydoc_pos(d, slot);
    rg_buf b = RG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    rg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    rg_diags_add(d->errors, d->code, d->file, (int)p.line, (int)p.col, "%s", rg_buf_cstr(&b));
    rg_buf_fini(&b);
    d->n_errors++;
}

int rg_ydoc_strings(rg_ydoc *d, const rg_value *slot, const char *key, const char ***out, size_t *n) {
    rg_value v = *slot;
    if (v.kind == RG_STRING && v.len) {
        const char **list = rg_arena_alloc(d->arena, sizeof *list);
        list[0] = rg_arena_strdup(d->arena, v.u.s);
        *out = list, *n = 1;
        return 0;
    }
    if (v.kind != RG_ARRAY) {
        rg_ydoc_error(d, slot, "%s must be a list of strings, not %s", key, rg_type_name(v));
        return -1;
    }
    const char **list = rg_arena_calloc(d->arena, (v.len ? v.len : 1) * sizeof *list);
    for (size_t i = 0; i < v.len; i++) {
        const rg_value *item = &v.u.items[i];
        if (item->kind != RG_STRING || !item->len) {
            rg_ydoc_error(d, item, "%s[%zu] must be a non-empty string, not %s", key, i,
                          item->kind == RG_STRING ? "an empty one" : rg_type_name(*item));
            return -1;
        }
        list[i] = rg_arena_strdup(d->arena, item->u.s);
    }
    *out = list, *n = v.len;
    return 0;
}

/* ---- the configuration ---- */

void rg_config_init(rg_config *c) {
    memset(c, 0, sizeof *c);
    rg_arena_init(&c->arena);
    c->governance = c->no_inline_suppressions = c->fail_on = RG_CONFIG_UNSET;
}

void rg_config_fini(rg_config *c) {
    rg_arena_fini(&c->arena);
    memset(c, 0, sizeof *c);
}

static int get_bool(rg_ydoc *d, const rg_value *slot, const char *key, int *out) {
    if (slot->kind != RG_BOOL) {
        rg_ydoc_error(d, slot, "%s must be true or false, not %s", key, rg_type_name(*slot));
        return -1;
    }
    *out = slot->u.b;
    return 0;
}

static int get_level(rg_ydoc *d, const rg_value *slot, int *out) {
    int level = slot->kind != RG_STRING       ? -2
                : !strcmp(slot->u.s, "never") ? -1
                : !strcmp(slot->u.s, "any")   ? RG_SEV_INFO
                                              : rg_severity_parse(slot->u.s);
    if (level < -1 || (level == -1 && strcmp(slot->u.s, "never") != 0)) {
        rg_ydoc_error(d, slot, "fail_on must be info, low, medium, high, critical or never");
        return -1;
    }
    *out = level;
    return 0;
}

/* Waiver paths are relative to the configuration file's folder. */
static void resolve_paths(rg_config *c, const char *file, const char **paths, size_t n) {
    const char *slash = strrchr(file, '/');
    if (!slash) return;
    size_t dir = (size_t)(slash - file) + 1;
    for (size_t i = 0; i < n; i++) {
        if (paths[i][0] == '/') continue;
        size_t len = strlen(paths[i]);
        char *p = rg_arena_alloc(&c->arena, dir + len + 1);
        memcpy(p, file, dir);
        memcpy(p + dir, paths[i], len + 1);
        paths[i] = p;
    }
}

static const char *const config_keys[] = {"fail_on",      "governance",      "no_inline_suppressions",
                                          "no_review_types", "review_types", "waivers"};

static void config_key(rg_config *c, rg_ydoc *d, const rg_value *key, const rg_value *val) {
    const char *k = key->u.s;
    if (!strcmp(k, "governance")) get_bool(d, val, k, &c->governance);
    else if (!strcmp(k, "no_inline_suppressions")) get_bool(d, val, k, &c->no_inline_suppressions);
    else if (!strcmp(k, "fail_on")) get_level(d, val, &c->fail_on);
    else if (!strcmp(k, "no_review_types")) rg_ydoc_strings(d, val, k, &c->no_review_types, &c->n_no_review_types);
    else if (!strcmp(k, "review_types")) rg_ydoc_strings(d, val, k, &c->review_types, &c->n_review_types);
    else if (!strcmp(k, "waivers") && rg_ydoc_strings(d, val, k, &c->waivers, &c->n_waivers) == 0)
        resolve_paths(c, d->file, c->waivers, c->n_waivers);
}

int rg_config_parse(rg_config *c, const char *file, const char *text, size_t len, rg_diags *errors) {
    rg_ydoc d;
    c->file = rg_arena_strdup(&c->arena, file);
    if (rg_ydoc_parse(&d, &c->arena, c->file, "config_error", text, len, errors) != 0) {
        rg_ydoc_fini(&d);
        return d.n_errors;
    }
    rg_value root = d.root;
    if (root.kind == RG_OBJECT) {
        for (size_t i = 0; i < root.len; i++) {
            const rg_value *key = &root.u.items[2 * i], *val = &root.u.items[2 * i + 1];
            bool known = false;
            for (size_t k = 0; key->kind == RG_STRING && k < sizeof config_keys / sizeof *config_keys; k++)
                if (!strcmp(key->u.s, config_keys[k])) known = true;
            if (!known) {
                /* Keys are strings: the reader converts scalar keys as YAML-to-JSON does. */
                rg_ydoc_error(&d, key,
                              "unknown key \"%s\" (want fail_on, governance, no_inline_suppressions, no_review_types, "
                              "review_types or waivers)",
                              key->kind == RG_STRING ? key->u.s : "?");
                continue;
            }
            config_key(c, &d, key, val);
        }
    } else if (root.kind != RG_NULL) { /* an empty file is an empty configuration */
        rg_ydoc_error(&d, NULL, "the configuration must be a mapping of settings, not %s", rg_type_name(root));
    }
    rg_ydoc_fini(&d);
    return d.n_errors;
}

int rg_config_load(rg_config *c, const char *path, rg_diags *errors) {
    char *text = NULL;
    size_t len = 0;
    if (rg_read_file(path, &text, &len) != 0) {
        rg_diags_add(errors, "config_error", path, 0, 0, "cannot read the configuration: %s", strerror(errno));
        return 1;
    }
    int n = rg_config_parse(c, path, text, len, errors);
    free(text);
    return n;
}
