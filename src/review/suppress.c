/* Suppressions in template and resource Metadata; see suppress.h.
 *
 *   regent:  {suppress: [{id: CONTROL, reason: TEXT}]}
 *   cfn_nag: {rules_to_suppress: [{id, reason}]}
 *   cdk_nag: {rules_to_suppress: [{id, reason}]}
 *   checkov: {skip: [{id, comment}]}
 *   guard:   {SuppressedRules: [NAME]}
 *
 * A peer tool's id suppresses the regent controls that list it among their
 * aliases (`custom.aliases.<tool>` in the control's METADATA). */
#include "review/suppress.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rg_finding_list_push(rg_finding_list *l, const rg_finding *f) {
    if (l->len == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->items = rg_xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->len++] = *f;
}

typedef struct tool_syntax {
    const char *tool;   /* Metadata key */
    const char *list;   /* key of the list of suppressions */
    const char *id_key; /* key of the id in each entry; NULL: entries are plain ids */
    const char *why_key;/* key of the justification; NULL: the syntax has none */
} tool_syntax;

static const tool_syntax tools[] = {
    {"regent", "suppress", "id", "reason"},
    {"cfn_nag", "rules_to_suppress", "id", "reason"},
    {"cdk_nag", "rules_to_suppress", "id", "reason"},
    {"checkov", "skip", "id", "comment"},
    {"guard", "SuppressedRules", NULL, NULL},
};

typedef struct supp {
    const tool_syntax *syntax;
    const char *id;
    const char *reason;     /* NULL when missing or empty */
    const char *logical_id; /* NULL: the whole template */
    rg_value path;          /* where it is written */
    int matched;
} supp;

typedef struct supp_list {
    supp *items;
    size_t len, cap;
} supp_list;

static rg_value path_of(rg_arena *a, const char *logical_id, const char *tool, const char *list, long index) {
    rg_value parts[8];
    size_t n = 0;
    if (logical_id) {
        parts[n++] = rg_string_static("Resources", 9);
        parts[n++] = rg_cstring(a, logical_id);
    }
    parts[n++] = rg_string_static("Metadata", 8);
    if (tool) parts[n++] = rg_cstring(a, tool);
    if (list) parts[n++] = rg_cstring(a, list);
    if (index >= 0) parts[n++] = rg_int(index);
    return rg_array(a, parts, n);
}

static void add_meta(const rg_suppress_ctx *c, rg_finding_list *out, const char *logical_id, rg_value path,
                     rg_severity sev, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void add_meta(const rg_suppress_ctx *c, rg_finding_list *out, const char *logical_id, rg_value path,
                     rg_severity sev, const char *fmt, ...) {
    rg_finding f;
    memset(&f, 0, sizeof f);
    rg_buf b = RG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    rg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    f.control = c->meta_control;
    f.rule = "deny";
    f.severity = sev;
    f.message = rg_arena_strdup(c->arena, rg_buf_cstr(&b));
    rg_buf_fini(&b);
    f.file = c->t->file ? rg_arena_strdup(c->arena, c->t->file) : NULL;
    f.stack = c->t->stack ? rg_arena_strdup(c->arena, c->t->stack) : NULL;
    if (logical_id) {
        f.logical_id = rg_arena_strdup(c->arena, logical_id);
        rg_value res = rg_object_get_str(rg_object_get_str(c->t->value, "Resources"), logical_id);
        rg_value type = rg_object_get_str(res, "Type");
        if (type.kind == RG_STRING) f.resource_type = rg_arena_strdup(c->arena, type.u.s);
        const rg_cfn_resource_info *info = rg_cfn_resource(c->t, logical_id);
        if (info && info->construct_path) f.construct_path = rg_arena_strdup(c->arena, info->construct_path);
    }
    f.path = "Metadata";
    rg_pos pos;
    if (rg_cfn_locate(c->t, path, &pos)) {
        f.line = pos.line, f.col = pos.col;
        size_t len = 0;
        const char *line = rg_cfn_source_line(c->t, pos.line, &len);
        if (line) f.source_line = rg_arena_strndup(c->arena, line, len);
    }
    rg_finding_list_push(out, &f);
}

static const char *nonempty(rg_value v) { return v.kind == RG_STRING && v.len ? v.u.s : NULL; }

static void push_supp(supp_list *l, supp s) {
    if (l->len == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 8;
        l->items = rg_xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->len++] = s;
}

/* Reads one tool's block of a Metadata object. */
static void read_tool(const rg_suppress_ctx *c, const tool_syntax *ts, rg_value block, const char *logical_id,
                      supp_list *out, rg_finding_list *findings) {
    if (block.kind != RG_OBJECT) return;
    for (size_t k = 0; k < block.len; k++) {
        rg_value key = rg_obj_key(block, k);
        if (key.kind == RG_STRING && !strcmp(key.u.s, ts->list)) continue;
        /* A misspelled key silently disables the suppression in other tools. */
        add_meta(c, findings, logical_id, path_of(c->arena, logical_id, ts->tool, NULL, -1), RG_SEV_MEDIUM,
                 "unknown key \"%s\" in %s metadata: did you mean \"%s\"? The suppressions under it have no effect",
                 key.kind == RG_STRING ? key.u.s : "?", ts->tool, ts->list);
    }
    rg_value list = rg_object_get_str(block, ts->list);
    if (rg_is_undef(list)) return;
    if (list.kind != RG_ARRAY) {
        add_meta(c, findings, logical_id, path_of(c->arena, logical_id, ts->tool, ts->list, -1), RG_SEV_MEDIUM,
                 "%s.%s must be a list of suppressions", ts->tool, ts->list);
        return;
    }
    for (size_t i = 0; i < list.len; i++) {
        rg_value e = list.u.items[i];
        supp s = {ts, NULL, NULL, logical_id, path_of(c->arena, logical_id, ts->tool, ts->list, (long)i), 0};
        s.id = ts->id_key ? nonempty(rg_object_get_str(e, ts->id_key)) : nonempty(e);
        s.reason = ts->why_key ? nonempty(rg_object_get_str(e, ts->why_key)) : NULL;
        if (!s.id) {
            add_meta(c, findings, logical_id, s.path, RG_SEV_MEDIUM, "%s suppression has no rule id", ts->tool);
            continue;
        }
        push_supp(out, s);
    }
}

static void read_metadata(const rg_suppress_ctx *c, rg_value meta, const char *logical_id, supp_list *out,
                          rg_finding_list *findings) {
    if (meta.kind != RG_OBJECT) return;
    for (size_t t = 0; t < sizeof tools / sizeof *tools; t++)
        read_tool(c, &tools[t], rg_object_get_str(meta, tools[t].tool), logical_id, out, findings);
}

static bool alias_matches(const rg_suppress_ctx *c, size_t control, const char *tool, const char *id) {
    if (control >= c->n_controls) return false;
    rg_value list = rg_object_get_str(c->aliases[control], tool);
    if (list.kind == RG_STRING) return !strcmp(list.u.s, id);
    for (size_t i = 0; list.kind == RG_ARRAY && i < list.len; i++)
        if (list.u.items[i].kind == RG_STRING && !strcmp(list.u.items[i].u.s, id)) return true;
    return false;
}

static bool covers(const rg_suppress_ctx *c, const supp *s, const rg_finding *f) {
    if (f->control == c->meta_control || f->control >= c->first_governance) return false;
    if (s->logical_id && (!f->logical_id || strcmp(s->logical_id, f->logical_id) != 0)) return false;
    if (!strcmp(s->syntax->tool, "regent")) return !strcmp(c->controls[f->control].id, s->id);
    return alias_matches(c, f->control, s->syntax->tool, s->id);
}

static bool names_known_control(const rg_suppress_ctx *c, const supp *s) {
    for (size_t i = 0; i < c->n_controls && i < c->first_governance; i++) {
        if (i == c->meta_control) continue;
        if (!strcmp(s->syntax->tool, "regent") ? !strcmp(c->controls[i].id, s->id)
                                                : alias_matches(c, i, s->syntax->tool, s->id))
            return true;
    }
    return false;
}

static bool names_governance_control(const rg_suppress_ctx *c, const supp *s) {
    if (strcmp(s->syntax->tool, "regent") != 0) return false;
    for (size_t i = c->first_governance; i < c->n_controls; i++)
        if (c->controls[i].id && !strcmp(c->controls[i].id, s->id)) return true;
    return false;
}

/* --no-inline-suppressions: every suppression is a finding where it is written. */
static void report_ignored(const rg_suppress_ctx *c, const supp_list *sl, rg_finding_list *findings) {
    for (size_t k = 0; k < sl->len; k++) {
        const supp *s = &sl->items[k];
        add_meta(c, findings, s->logical_id, s->path, RG_SEV_MEDIUM,
                 "%s suppression of %s ignored: exceptions are granted centrally as waivers", s->syntax->tool, s->id);
    }
}

void rg_apply_suppressions(const rg_suppress_ctx *c, rg_finding_list *findings, size_t first) {
    supp_list sl = {0};
    read_metadata(c, rg_object_get_str(c->t->value, "Metadata"), NULL, &sl, findings);
    rg_value resources = rg_object_get_str(c->t->value, "Resources");
    for (size_t i = 0; resources.kind == RG_OBJECT && i < resources.len; i++) {
        rg_value id = rg_obj_key(resources, i);
        if (id.kind == RG_STRING) read_metadata(c, rg_object_get_str(rg_obj_val(resources, i), "Metadata"), id.u.s, &sl, findings);
    }
    if (c->ignore_inline) {
        report_ignored(c, &sl, findings);
        free(sl.items);
        return;
    }
    size_t end = findings->len;
    for (size_t i = first; i < end; i++) {
        rg_finding *f = &findings->items[i];
        for (size_t k = 0; k < sl.len && !f->suppressed; k++) {
            supp *s = &sl.items[k];
            if (!covers(c, s, f)) continue;
            s->matched++;
            f->suppressed = true;
            f->suppress_reason = s->reason;
            char src[160];
            snprintf(src, sizeof src, "%s (Metadata of %s)", s->syntax->tool, s->logical_id ? s->logical_id : "the template");
            f->suppress_source = rg_arena_strdup(c->arena, src);
        }
    }
    for (size_t k = 0; k < sl.len; k++) {
        const supp *s = &sl.items[k];
        if (s->syntax->why_key && !s->reason)
            add_meta(c, findings, s->logical_id, s->path, RG_SEV_MEDIUM,
                     "%s suppression of %s has no %s: every exception needs a recorded justification", s->syntax->tool,
                     s->id, s->syntax->why_key);
        if (names_governance_control(c, s))
            add_meta(c, findings, s->logical_id, s->path, RG_SEV_MEDIUM,
                     "regent suppression of %s has no effect: governance findings are only waived centrally (waivers)",
                     s->id);
        else if (!names_known_control(c, s))
            add_meta(c, findings, s->logical_id, s->path, RG_SEV_LOW, "%s suppression names %s, which no regent control %s",
                     s->syntax->tool, s->id, strcmp(s->syntax->tool, "regent") ? "lists as an alias" : "has as its id");
        else if (!s->matched)
            add_meta(c, findings, s->logical_id, s->path, RG_SEV_LOW,
                     "%s suppression of %s matches no finding: it is stale and can be removed", s->syntax->tool, s->id);
    }
    free(sl.items);
}
