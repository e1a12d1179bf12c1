/* What a path names: standard input, a template file, a CDK cloud assembly,
 * or a folder walked recursively in sorted (deterministic) order.  Hidden
 * entries and node_modules are not entered; a symbolic link loop is not
 * followed twice. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cfn/cfn_internal.h"

/* Folders deeper than this are not entered (a bound, not a limit real
 * projects meet). */
#define MAX_WALK_DEPTH 64

/* The folders being walked, to stop at a symbolic link back to one. */
typedef struct walk {
    dev_t dev[MAX_WALK_DEPTH];
    ino_t ino[MAX_WALK_DEPTH];
    int depth;
    int flags;
    rg_cfn_templates *out;
    rg_diags *diags;
} walk;

static bool has_template_ext(const char *name) {
    static const char *const exts[] = {".json", ".yaml", ".yml", ".template"};
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        size_t m = strlen(exts[i]);
        if (n > m && strcasecmp(name + n - m, exts[i]) == 0) return true;
    }
    return false;
}

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted entry names of dir (malloc'd array of malloc'd names), or NULL
 * after an error. */
static char **list_dir(const char *dir, size_t *n, rg_diags *diags) {
    DIR *d = opendir(dir);
    if (!d) {
        rg_diags_add(diags, "template_error", dir, 0, 0, "cannot read folder: %s", strerror(errno));
        return NULL;
    }
    size_t len = 0, cap = 16;
    char **names = rg_xmalloc(cap * sizeof *names);
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.' || !strcmp(e->d_name, "node_modules")) continue;
        if (len == cap) names = rg_xrealloc(names, (cap *= 2) * sizeof *names);
        names[len++] = rg_xstrdup(e->d_name);
    }
    closedir(d);
    qsort(names, len, sizeof *names, cmp_names);
    *n = len;
    return names;
}

static void load_one(walk *w, const char *path, rg_cfn_mode mode) {
    rg_cfn_template *t = rg_cfn_load_file(path, path, mode, w->flags, w->diags);
    if (t) rg_cfn_templates_push(w->out, t);
}

static void walk_dir(walk *w, const char *dir, const struct stat *st);

static void walk_entry(walk *w, const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) {
        /* A dangling link is not an input the user named: note it only. */
        if (w->flags & RG_CFN_VERBOSE) rg_diags_add(w->diags, "skipped", path, 0, 0, "%s", strerror(errno));
        return;
    }
    if (S_ISDIR(st.st_mode)) walk_dir(w, path, &st);
    else if (S_ISREG(st.st_mode) && has_template_ext(path)) load_one(w, path, RG_CFN_MODE_FOLDER);
}

static void walk_dir(walk *w, const char *dir, const struct stat *st) {
    for (int i = 0; i < w->depth; i++)
        if (w->dev[i] == st->st_dev && w->ino[i] == st->st_ino) return; /* a link back up */
    if (w->depth == MAX_WALK_DEPTH) {
        rg_diags_add(w->diags, "template_error", dir, 0, 0, "folders nested deeper than %d levels", MAX_WALK_DEPTH);
        return;
    }
    if (rg_cfn_is_assembly(dir)) {
        rg_cfn_load_assembly(dir, 0, w->flags, w->out, w->diags);
        return;
    }
    size_t n = 0;
    char **names = list_dir(dir, &n, w->diags);
    if (!names) return;
    w->dev[w->depth] = st->st_dev;
    w->ino[w->depth] = st->st_ino;
    w->depth++;
    for (size_t i = 0; i < n; i++) {
        char *path = rg_cfn_join(dir, names[i]);
        walk_entry(w, path);
        free(path);
        free(names[i]);
    }
    w->depth--;
    free(names);
}

/* An explicitly named manifest.json stands for its assembly. */
static bool is_manifest_of_assembly(const char *path, char **dir) {
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (strcmp(base, "manifest.json") != 0) return false;
    *dir = slash ? rg_xstrdup(path) : rg_xstrdup(".");
    if (slash) (*dir)[slash == path ? 1 : (size_t)(slash - path)] = '\0';
    if (rg_cfn_is_assembly(*dir)) return true;
    free(*dir);
    *dir = NULL;
    return false;
}

static int count_errors(const rg_diags *diags, size_t from) {
    int n = 0;
    for (size_t i = from; i < diags->len; i++)
        if (strcmp(diags->items[i].code, "skipped") != 0) n++;
    return n;
}

int rg_cfn_load_path(const char *path, int flags, rg_cfn_templates *out, rg_diags *diags) {
    size_t first = diags->len;
    walk w = {.flags = flags, .out = out, .diags = diags};
    struct stat st;
    char *dir = NULL;
    if (!strcmp(path, "-")) {
        rg_cfn_template *t = rg_cfn_load_file("-", "<stdin>", RG_CFN_MODE_EXPLICIT, flags, diags);
        if (t) rg_cfn_templates_push(out, t);
    } else if (stat(path, &st) != 0) {
        rg_diags_add(diags, "template_error", path, 0, 0, "cannot read: %s", strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
        walk_dir(&w, path, &st);
    } else if (is_manifest_of_assembly(path, &dir)) {
        rg_cfn_load_assembly(dir, 0, flags, out, diags);
        free(dir);
    } else {
        load_one(&w, path, RG_CFN_MODE_EXPLICIT);
    }
    return count_errors(diags, first);
}
