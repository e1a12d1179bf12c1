/* Loading policy files and data documents from files and folders (regent
 * eval -d, regent scan --policy). */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <stdio.h>

#include "read/read.h"
#include "review/builtin_policies.h"
#include "review/policy_load.h"

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Deep-merges src into dst (objects merge, other values replace). */
static rg_value merge(rg_arena *a, rg_value dst, rg_value src) {
    if (dst.kind != RG_OBJECT || src.kind != RG_OBJECT) return src;
    for (size_t i = 0; i < src.len; i++) {
        rg_value k = src.u.items[2 * i];
        rg_value cur = rg_object_get(dst, k);
        dst = rg_object_put(a, dst, k, rg_is_undef(cur) ? src.u.items[2 * i + 1] : merge(a, cur, src.u.items[2 * i + 1]));
    }
    return dst;
}

static int load_data_file(rg_policy *p, const char *file, const char *relpath, rg_diags *diags) {
    char *src;
    size_t len;
    if (rg_read_file(file, &src, &len) != 0) {
        rg_diags_add(diags, "load_error", file, 0, 0, "cannot read: %s", strerror(errno));
        return 1;
    }
    rg_value v;
    bool yaml = ends_with(file, ".yaml") || ends_with(file, ".yml");
    int r = yaml ? rg_yaml_parse(&p->arena, file, src, len, 0, NULL, &v, diags)
                 : rg_json_parse(&p->arena, file, src, len, 0, NULL, &v, diags);
    free(src);
    if (r != 0) return 1;
    /* Nest under the folder path: a/b/data.json -> {"a": {"b": ...}}. */
    char *rel = rg_xstrdup(relpath);
    char *slash = strrchr(rel, '/');
    if (slash) {
        *slash = 0;
        rg_vec parts = RG_VEC_INIT;
        for (char *tok = strtok(rel, "/"); tok; tok = strtok(NULL, "/")) rg_vec_push(&parts, rg_cstring(&p->arena, tok));
        for (size_t i = parts.len; i-- > 0;) {
            rg_value pair[2] = {parts.items[i], v};
            v = rg_object(&p->arena, pair, 1);
        }
        rg_vec_fini(&parts);
    }
    free(rel);
    if (v.kind != RG_OBJECT) {
        rg_diags_add(diags, "load_error", file, 1, 1, "data document must be an object");
        return 1;
    }
    p->data = merge(&p->arena, p->data, v);
    return 0;
}

static int load_rec(rg_policy *p, const char *path, const char *rel, bool top, rg_diags *diags) {
    struct stat st;
    if (stat(path, &st) != 0) {
        rg_diags_add(diags, "load_error", path, 0, 0, "%s", strerror(errno));
        return 1;
    }
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (!d) {
            rg_diags_add(diags, "load_error", path, 0, 0, "%s", strerror(errno));
            return 1;
        }
        rg_vec names = RG_VEC_INIT;
        rg_arena tmp;
        rg_arena_init(&tmp);
        struct dirent *ent;
        while ((ent = readdir(d)) != NULL)
            if (ent->d_name[0] != '.') rg_vec_push(&names, rg_cstring(&tmp, ent->d_name));
        closedir(d);
        rg_value sorted = rg_vec_to_set(&tmp, &names); /* deterministic order */
        int errs = 0;
        for (size_t i = 0; i < sorted.len; i++) {
            rg_buf child = RG_BUF_INIT, crel = RG_BUF_INIT;
            rg_buf_printf(&child, "%s/%s", path, sorted.u.items[i].u.s);
            if (*rel) rg_buf_printf(&crel, "%s/%s", rel, sorted.u.items[i].u.s);
            else rg_buf_puts(&crel, sorted.u.items[i].u.s);
            errs += load_rec(p, rg_buf_cstr(&child), rg_buf_cstr(&crel), false, diags);
            rg_buf_fini(&child);
            rg_buf_fini(&crel);
        }
        rg_vec_fini(&names);
        rg_arena_fini(&tmp);
        return errs;
    }
    if (ends_with(path, ".rego")) {
        char *src;
        size_t len;
        if (rg_read_file(path, &src, &len) != 0) {
            rg_diags_add(diags, "load_error", path, 0, 0, "cannot read: %s", strerror(errno));
            return 1;
        }
        int r = rg_policy_add_module(p, path, src, len, diags);
        /* Module text must outlive parsing: the AST keeps string pointers into
         * the arena only, so the source can go. */
        free(src);
        return r ? 1 : 0;
    }
    if (ends_with(path, ".json") || ends_with(path, ".yaml") || ends_with(path, ".yml"))
        return load_data_file(p, path, top ? "" : rel, diags);
    if (top) {
        rg_diags_add(diags, "load_error", path, 0, 0, "unsupported file type (want .rego, .json, .yaml)");
        return 1;
    }
    return 0;
}

int rg_policy_load_path(rg_policy *p, const char *path, rg_diags *diags) { return load_rec(p, path, "", true, diags); }

bool rg_type_present(const rg_type_set *present, const char *pattern) {
    bool glob = strpbrk(pattern, "*?[") != NULL;
    size_t lo = 0, hi = present->n;
    if (glob) {
        for (size_t i = 0; i < present->n; i++)
            if (fnmatch(pattern, present->types[i], 0) == 0) return true;
        return false;
    }
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(present->types[mid], pattern);
        if (!c) return true;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return false;
}

/* Whether a built-in module is needed for templates with these types. */
static bool needed(const rg_builtin_policy *b, bool no_builtin, const rg_type_set *present) {
    if (!strncmp(b->path, "lib/", 4)) return true;
    if (no_builtin) return false;
    if (!present || b->whole_template || !b->resource_types || !b->resource_types[0]) return true;
    for (const char *const *t = b->resource_types; *t; t++)
        if (rg_type_present(present, *t)) return true;
    return false;
}

int rg_policy_load_library(rg_policy *p, bool no_builtin, const rg_type_set *present, const char *const *paths,
                           size_t n_paths, rg_diags *diags) {
    size_t n = 0;
    while (rg_builtin_policies[n].path) n++;
    bool *use = rg_xcalloc(n ? n : 1, sizeof *use);
    for (size_t i = 0; i < n; i++) use[i] = needed(&rg_builtin_policies[i], no_builtin, present);
    /* What loaded modules import is loaded too, until nothing changes. */
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t i = 0; i < n; i++) {
            if (!use[i]) continue;
            for (const char *const *imp = rg_builtin_policies[i].imports; imp && *imp; imp++)
                for (size_t j = 0; j < n; j++)
                    if (!use[j] && !strcmp(rg_builtin_policies[j].package, *imp)) use[j] = changed = true;
        }
    }
    int errs = 0;
    for (size_t i = 0; i < n; i++) {
        if (!use[i]) continue;
        const rg_builtin_policy *b = &rg_builtin_policies[i];
        char name[512];
        snprintf(name, sizeof name, "policies/%s", b->path);
        if (rg_policy_add_module(p, name, b->text, strlen(b->text), diags) != 0) errs++;
    }
    free(use);
    for (size_t i = 0; i < n_paths; i++) errs += rg_policy_load_path(p, paths[i], diags);
    return errs;
}

const char *const rg_control_rule_kinds[3] = {"deny", "violation", "warn"};

bool rg_node_is_control(const rg_node *n) {
    if (!n->is_package) return false;
    for (size_t k = 0; k < 3; k++) {
        rg_node *c = rg_node_child(n, rg_string_static(rg_control_rule_kinds[k], strlen(rg_control_rule_kinds[k])));
        if (c && c->has_rules) return true;
    }
    return false;
}

char *rg_node_query(rg_arena *a, const rg_node *n, const char *suffix) {
    const rg_node *parts[128];
    size_t k = 0;
    for (const rg_node *q = n; q && q->parent && k < 128; q = q->parent) parts[k++] = q;
    rg_buf b = RG_BUF_INIT;
    rg_buf_puts(&b, "x = data");
    while (k-- > 0) {
        rg_buf_putc(&b, '[');
        rg_json_write_string(&b, parts[k]->key.u.s, parts[k]->key.len, 0);
        rg_buf_putc(&b, ']');
    }
    if (suffix) rg_buf_printf(&b, ".%s", suffix);
    char *q = rg_arena_strdup(a, rg_buf_cstr(&b));
    rg_buf_fini(&b);
    return q;
}
