/* Reading one template file: bytes, JSON or YAML, validation, and the
 * per-resource table (construct paths from aws:cdk:path metadata). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cfn/cfn_internal.h"

char *rg_cfn_slurp(const char *path, size_t *len) {
    bool std_in = strcmp(path, "-") == 0;
    int fd = std_in ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    size_t cap = 1 << 16, n = 0;
    struct stat st;
    /* A regular file is read in one go (its size plus room for the NUL and
     * for noticing growth); pipes grow the buffer as they go. */
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size < RG_CFN_MAX_FILE)
        cap = (size_t)st.st_size + 2;
    char *buf = rg_xmalloc(cap);
    for (;;) {
        if (n + 1 >= cap) {
            if (cap >= RG_CFN_MAX_FILE) {
                free(buf);
                if (!std_in) close(fd);
                errno = EFBIG;
                return NULL;
            }
            cap *= 2;
            buf = rg_xrealloc(buf, cap);
        }
        ssize_t r = read(fd, buf + n, cap - n - 1);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            int e = errno;
            free(buf);
            if (!std_in) close(fd);
            errno = e;
            return NULL;
        }
        if (r == 0) break;
        n += (size_t)r;
    }
    if (!std_in) close(fd);
    buf[n] = '\0';
    *len = n;
    return buf;
}

char *rg_cfn_join(const char *dir, const char *name) {
    if (name[0] == '/' || !dir[0] || !strcmp(dir, ".")) return rg_xstrdup(name);
    size_t dl = strlen(dir), nl = strlen(name);
    while (dl > 1 && dir[dl - 1] == '/') dl--;
    char *s = rg_xmalloc(dl + nl + 2);
    memcpy(s, dir, dl);
    size_t k = dl;
    if (dir[dl - 1] != '/') s[k++] = '/';
    memcpy(s + k, name, nl + 1);
    return s;
}

const char *rg_cfn_kind_words(rg_value v) {
    switch (v.kind) {
    case RG_NULL: return "null";
    case RG_BOOL: return "a boolean";
    case RG_NUMBER: return "a number";
    case RG_STRING: return "a string";
    case RG_ARRAY: return "a list";
    case RG_OBJECT: return "a mapping";
    default: return "a set";
    }
}

rg_pos rg_cfn_slot_pos(const rg_cfn_template *t, const rg_value *slot) {
    rg_pos p = {0, 0};
    if (!rg_srcmap_get(t->map, slot, &p)) p = (rg_pos){0, 0};
    return p;
}

void rg_cfn_templates_push(rg_cfn_templates *ts, rg_cfn_template *t) {
    if (ts->len == ts->cap) {
        ts->cap = ts->cap ? 2 * ts->cap : 8;
        ts->items = rg_xrealloc(ts->items, ts->cap * sizeof *ts->items);
    }
    ts->items[ts->len++] = t;
}

static bool has_suffix(const char *s, const char *suf) {
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcasecmp(s + n - m, suf) == 0;
}

/* Text after an optional UTF-8 byte order mark and whitespace. */
static const char *skip_blank(const char *s, size_t len) {
    const char *p = s, *end = s + len;
    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) p += 3;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) p++;
    return p;
}

/* .json is JSON and .yaml/.yml YAML; anything else (.template, stdin, an
 * explicitly named file) is JSON when it starts with '{'. */
static bool is_json(const char *path, const char *src, size_t len) {
    if (has_suffix(path, ".json")) return true;
    if (has_suffix(path, ".yaml") || has_suffix(path, ".yml")) return false;
    const char *p = skip_blank(src, len);
    return p < src + len && *p == '{';
}

/* In a folder walk, only files that look like templates make errors when
 * they cannot be read as one; other JSON/YAML (configs, data) is skipped. */
static bool looks_like_template(const char *path, const char *src, size_t len) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strstr(base, ".template.") || has_suffix(base, ".template")) return true;
    return memmem(src, len, "AWSTemplateFormatVersion", 24) != NULL;
}

/* Moves the diagnostics of tmp to diags (or drops them). */
static void move_diags(rg_diags *tmp, rg_diags *diags, bool keep) {
    for (size_t i = 0; keep && i < tmp->len; i++) {
        const rg_diag *d = &tmp->items[i];
        rg_diags_add(diags, d->code, d->file, d->line, d->col, "%s", d->msg);
    }
    rg_diags_fini(tmp);
}

/* Fills t->resources from value.Resources (already validated). */
static void fill_resources(rg_cfn_template *t) {
    rg_value res = t->value.kind == RG_OBJECT ? rg_object_get_str(t->value, "Resources") : rg_undefined();
    if (res.kind != RG_OBJECT || res.len == 0) return;
    t->n_resources = res.len;
    t->resources = rg_arena_calloc(&t->arena, res.len * sizeof *t->resources);
    for (size_t i = 0; i < res.len; i++) {
        rg_cfn_resource_info *ri = &t->resources[i];
        rg_value k = rg_obj_key(res, i), r = rg_obj_val(res, i);
        ri->logical_id = k.kind == RG_STRING ? k.u.s : "";
        rg_value md = r.kind == RG_OBJECT ? rg_object_get_str(r, "Metadata") : rg_undefined();
        rg_value cp = md.kind == RG_OBJECT ? rg_object_get_str(md, "aws:cdk:path") : rg_undefined();
        if (cp.kind == RG_STRING) ri->construct_path = cp.u.s;
    }
}

static rg_cfn_template *new_template(const char *display, char *src, size_t len) {
    rg_cfn_template *t = rg_xcalloc(1, sizeof *t);
    t->file = rg_xstrdup(display);
    rg_arena_init(&t->arena);
    t->map = rg_srcmap_new();
    t->source = src;
    t->source_len = len;
    return t;
}

/* Reports that a folder-walk file was skipped (only with RG_CFN_VERBOSE). */
static void skipped(rg_diags *diags, int flags, const char *file, const char *why) {
    if (flags & RG_CFN_VERBOSE) rg_diags_add(diags, "skipped", file, 0, 0, "not a CloudFormation template: %s", why);
}

/* JSON or YAML by name, else by content ('{' first: JSON).  A top-level
 * YAML flow mapping in a .template file is then read as JSON and fails:
 * rare, and retrying as YAML would accept JSON with trailing commas. */
static int parse_source(rg_cfn_template *t, rg_diags *errs) {
    int rf = RG_READ_REJECT_DUPLICATES | RG_READ_CFN_TAGS;
    if (is_json(t->file, t->source, t->source_len))
        return rg_json_parse(&t->arena, t->file, t->source, t->source_len, rf, t->map, &t->value, errs);
    return rg_yaml_parse(&t->arena, t->file, t->source, t->source_len, rf, t->map, &t->value, errs);
}

/* Parses and validates t; returns 0 (keep), 1 (skip) or -1 (errors). */
static int parse_and_check(rg_cfn_template *t, rg_cfn_mode mode, int flags, rg_diags *diags) {
    bool folder = mode == RG_CFN_MODE_FOLDER;
    bool likely = !folder || looks_like_template(t->file, t->source, t->source_len);
    if (skip_blank(t->source, t->source_len) == t->source + t->source_len) {
        if (!likely) return skipped(diags, flags, t->file, "empty file"), 1;
        rg_diags_add(diags, "template_error", t->file, 1, 1, "empty template");
        return -1;
    }
    rg_diags tmp = RG_DIAGS_INIT;
    int r = parse_source(t, &tmp);
    if (r == 0 && !likely && t->value.kind != RG_OBJECT) r = -1; /* data, not a template */
    if (r != 0 && !likely) {
        skipped(diags, flags, t->file, tmp.len ? tmp.items[0].msg : "not a mapping");
        move_diags(&tmp, diags, false);
        return 1;
    }
    if (r == 0) r = rg_cfn_validate(t, &tmp);
    if (r == 1 && folder) {
        skipped(diags, flags, t->file, "no Resources and no AWSTemplateFormatVersion");
    } else if (r == 1) {
        rg_diags_add(&tmp, "template_error", t->file, 1, 1,
                     "not a CloudFormation template (no Resources and no AWSTemplateFormatVersion)");
        r = -1;
    }
    move_diags(&tmp, diags, true);
    return r;
}

rg_cfn_template *rg_cfn_load_file(const char *path, const char *display, rg_cfn_mode mode, int flags,
                                  rg_diags *diags) {
    size_t len = 0;
    char *src = rg_cfn_slurp(path, &len);
    if (!src) {
        rg_diags_add(diags, "template_error", display, 0, 0, "cannot read: %s",
                     errno == EFBIG ? "file too large" : strerror(errno));
        return NULL;
    }
    rg_cfn_template *t = new_template(display, src, len);
    if (parse_and_check(t, mode, flags, diags) != 0) {
        rg_cfn_template_free(t);
        return NULL;
    }
    fill_resources(t);
    return t;
}

const rg_cfn_resource_info *rg_cfn_resource(const rg_cfn_template *t, const char *logical_id) {
    size_t lo = 0, hi = t->n_resources;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(t->resources[mid].logical_id, logical_id);
        if (c == 0) return &t->resources[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

const char *rg_cfn_source_line(const rg_cfn_template *t, uint32_t line, size_t *len) {
    if (!t->source || line == 0) return NULL;
    const char *p = t->source, *end = t->source + t->source_len;
    for (uint32_t l = 1; l < line; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return NULL;
        p = nl + 1;
    }
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end;
    if (e > p && e[-1] == '\r') e--;
    if (p == end && line > 1 && !nl) return NULL; /* past a final newline */
    if (len) *len = (size_t)(e - p);
    return p;
}

void rg_cfn_template_free(rg_cfn_template *t) {
    if (!t) return;
    free(t->file);
    free(t->stack);
    rg_srcmap_free(t->map);
    rg_arena_fini(&t->arena);
    free(t->source);
    free(t);
}

void rg_cfn_templates_fini(rg_cfn_templates *ts) {
    for (size_t i = 0; i < ts->len; i++) rg_cfn_template_free(ts->items[i]);
    free(ts->items);
    ts->items = NULL;
    ts->len = ts->cap = 0;
}
