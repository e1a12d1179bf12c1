/* CDK cloud assemblies: manifest.json names the stacks (artifacts of type
 * aws:cloudformation:stack) and nested assemblies (cdk:cloud-assembly).
 * Construct metadata, in the artifact's "metadata" or its
 * additionalMetadataFile, maps construct paths to entries: aws:cdk:logicalId
 * ties a path to a resource, and aws:cdk:creationStack (CDK_DEBUG=true) or
 * an entry's "trace" holds the stack trace of the app code that created
 * the construct. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cfn/cfn_internal.h"

static rg_value str_field(rg_value obj, const char *key) {
    rg_value v = obj.kind == RG_OBJECT ? rg_object_get_str(obj, key) : rg_undefined();
    return v.kind == RG_STRING ? v : rg_undefined();
}

static bool all_digits(const char *s, size_t n) {
    if (n == 0 || n > 9) return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

/* Last ':' in s[0..n), or NULL. */
static const char *last_colon(const char *s, size_t n) {
    while (n > 0 && s[n - 1] != ':') n--;
    return n ? s + n - 1 : NULL;
}

bool rg_cfn_parse_frame(const char *s, size_t n, const char **file, size_t *file_len, uint32_t *line,
                        uint32_t *col) {
    while (n && (*s == ' ' || *s == '\t')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) n--;
    if (n >= 3 && !memcmp(s, "at ", 3)) s += 3, n -= 3;
    if (n >= 3 && !memcmp(s, "...", 3)) return false; /* elided by the CDK */
    if (n && s[n - 1] == ')') { /* "fn (location)": the location is in the last parentheses */
        size_t open = n - 1;
        while (open > 0 && s[open - 1] != '(') open--;
        if (open == 0) return false;
        s += open, n = n - 1 - open;
    }
    const char *c2 = last_colon(s, n);
    if (!c2) return false;
    const char *c1 = last_colon(s, (size_t)(c2 - s));
    if (!c1 || !all_digits(c1 + 1, (size_t)(c2 - c1 - 1)) || !all_digits(c2 + 1, (size_t)(s + n - c2 - 1)))
        return false;
    size_t fl = (size_t)(c1 - s);
    if (fl >= 7 && !memcmp(s, "file://", 7)) s += 7, fl -= 7;
    if (fl == 0 || memmem(s, fl, "node_modules", 12) || (fl >= 5 && !memcmp(s, "node:", 5)) ||
        (fl >= 9 && !memcmp(s, "internal/", 9)))
        return false;
    *file = s;
    *file_len = fl;
    *line = (uint32_t)strtoul(c1 + 1, NULL, 10);
    *col = (uint32_t)strtoul(c2 + 1, NULL, 10);
    return *line > 0;
}

/* Sets ri's source location from the first app frame of a trace array. */
static bool use_trace(rg_cfn_template *t, rg_cfn_resource_info *ri, rg_value trace) {
    if (trace.kind != RG_ARRAY) return false;
    for (size_t i = 0; i < trace.len; i++) {
        rg_value f = trace.u.items[i];
        const char *file;
        size_t fl;
        uint32_t line, col;
        if (f.kind != RG_STRING || !rg_cfn_parse_frame(f.u.s, f.len, &file, &fl, &line, &col)) continue;
        ri->source_file = rg_arena_strndup(&t->arena, file, fl);
        ri->source_line = line;
        ri->source_col = col;
        return true;
    }
    return false;
}

/* Metadata entries of a construct path, from either source. */
typedef struct cdk_meta {
    rg_value obj[2]; /* artifact "metadata", additionalMetadataFile; objects or undefined */
} cdk_meta;

/* Looks for a creation trace recorded for path: aws:cdk:creationStack
 * entries first, then any entry's "trace". */
static bool trace_for(rg_cfn_template *t, rg_cfn_resource_info *ri, const cdk_meta *m, rg_value path) {
    for (int pass = 0; pass < 2; pass++)
        for (int s = 0; s < 2; s++) {
            rg_value entries = m->obj[s].kind == RG_OBJECT ? rg_object_get(m->obj[s], path) : rg_undefined();
            if (entries.kind != RG_ARRAY) continue;
            for (size_t i = 0; i < entries.len; i++) {
                rg_value e = entries.u.items[i];
                rg_value ty = str_field(e, "type");
                if (pass == 0 && ty.kind == RG_STRING && !strcmp(ty.u.s, "aws:cdk:creationStack") &&
                    use_trace(t, ri, rg_object_get_str(e, "data")))
                    return true;
                if (pass == 1 && e.kind == RG_OBJECT && use_trace(t, ri, rg_object_get_str(e, "trace")))
                    return true;
            }
        }
    return false;
}

/* Construct path ("/stack/Bucket/Resource") for each logical id, from the
 * aws:cdk:logicalId entries: an object logical id -> path. */
static rg_value logical_ids(rg_arena *a, const cdk_meta *m) {
    rg_vec pairs = RG_VEC_INIT;
    for (int s = 0; s < 2; s++) {
        rg_value o = m->obj[s];
        if (o.kind != RG_OBJECT) continue;
        for (size_t i = 0; i < o.len; i++) {
            rg_value entries = rg_obj_val(o, i);
            for (size_t j = 0; entries.kind == RG_ARRAY && j < entries.len; j++) {
                rg_value ty = str_field(entries.u.items[j], "type");
                rg_value id = str_field(entries.u.items[j], "data");
                if (ty.kind != RG_STRING || strcmp(ty.u.s, "aws:cdk:logicalId") || id.kind != RG_STRING) continue;
                rg_vec_push(&pairs, id);
                rg_vec_push(&pairs, rg_obj_key(o, i));
            }
        }
    }
    rg_value ids = rg_vec_to_object(a, &pairs);
    rg_vec_fini(&pairs);
    return ids;
}

/* Metadata path for a resource: by logical id, else "/" + aws:cdk:path. */
static rg_value meta_path(rg_arena *a, rg_value ids, const rg_cfn_resource_info *ri) {
    rg_value p = rg_object_get_str(ids, ri->logical_id);
    if (p.kind == RG_STRING) return p;
    if (!ri->construct_path) return rg_undefined();
    size_t n = strlen(ri->construct_path);
    char *s = rg_arena_alloc(a, n + 2);
    s[0] = '/';
    memcpy(s + 1, ri->construct_path, n + 1);
    return rg_string_static(s, n + 1);
}

/* Applies the assembly's metadata to t's resources.  A construct without
 * its own trace takes its nearest ancestor's, up to (not including) the
 * stack itself, whose trace is the app's `new Stack` line. */
static void apply_metadata(rg_cfn_template *t, const cdk_meta *m, const char *stack_path) {
    rg_arena a;
    rg_arena_init(&a);
    rg_value ids = logical_ids(&a, m);
    size_t stack_len = strlen(stack_path) + 1; /* with the leading '/' */
    for (size_t i = 0; i < t->n_resources; i++) {
        rg_cfn_resource_info *ri = &t->resources[i];
        rg_value p = meta_path(&a, ids, ri);
        if (p.kind != RG_STRING) continue;
        if (!ri->construct_path && p.len > 1) ri->construct_path = rg_arena_strdup(&t->arena, p.u.s + 1);
        for (size_t n = p.len; n > stack_len;) {
            if (trace_for(t, ri, m, rg_string_static(p.u.s, n))) break;
            while (n > 0 && p.u.s[n - 1] != '/') n--;
            if (n > 0) n--; /* drop the '/' too */
        }
    }
    rg_arena_fini(&a);
}

/* Parses a JSON file (no positions) into a; undefined on failure, after
 * an error naming the file. */
static rg_value read_json(rg_arena *a, const char *path, rg_diags *diags) {
    size_t len;
    char *src = rg_cfn_slurp(path, &len);
    if (!src) {
        rg_diags_add(diags, "template_error", path, 0, 0, "cannot read: %s", strerror(errno));
        return rg_undefined();
    }
    rg_value v;
    if (rg_json_parse(a, path, src, len, RG_READ_REJECT_DUPLICATES, NULL, &v, diags) != 0) v = rg_undefined();
    free(src);
    return v;
}

bool rg_cfn_is_assembly(const char *dir) {
    char *mf = rg_cfn_join(dir, "manifest.json");
    size_t len = 0;
    char *src = rg_cfn_slurp(mf, &len);
    free(mf);
    if (!src) return false;
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_value v;
    bool yes = rg_json_parse(&a, "manifest.json", src, len, 0, NULL, &v, &d) == 0 && v.kind == RG_OBJECT &&
               rg_object_get_str(v, "artifacts").kind == RG_OBJECT;
    rg_diags_fini(&d);
    rg_arena_fini(&a);
    free(src);
    return yes;
}

/* Stack name: properties.stackName, else displayName, else the artifact id. */
static const char *stack_name(rg_value art, rg_value id) {
    rg_value n = str_field(rg_object_get_str(art, "properties"), "stackName");
    if (n.kind != RG_STRING) n = str_field(art, "displayName");
    return n.kind == RG_STRING ? n.u.s : id.u.s;
}

static void load_stack(const char *dir, const char *manifest, rg_value id, rg_value art, int flags,
                       rg_cfn_templates *out, rg_diags *diags) {
    rg_value tf = str_field(rg_object_get_str(art, "properties"), "templateFile");
    if (tf.kind != RG_STRING) {
        rg_diags_add(diags, "template_error", manifest, 0, 0, "artifact %s has no properties.templateFile", id.u.s);
        return;
    }
    char *path = rg_cfn_join(dir, tf.u.s);
    rg_cfn_template *t = rg_cfn_load_file(path, path, RG_CFN_MODE_ASSEMBLY, flags, diags);
    free(path);
    if (!t) return;
    t->stack = rg_xstrdup(stack_name(art, id));
    rg_arena a;
    rg_arena_init(&a);
    cdk_meta m = {{rg_object_get_str(art, "metadata"), rg_undefined()}};
    rg_value amf = str_field(art, "additionalMetadataFile");
    if (amf.kind == RG_STRING) {
        char *mp = rg_cfn_join(dir, amf.u.s);
        m.obj[1] = read_json(&a, mp, diags);
        free(mp);
    }
    rg_value dn = str_field(art, "displayName");
    apply_metadata(t, &m, dn.kind == RG_STRING ? dn.u.s : id.u.s);
    rg_arena_fini(&a);
    rg_cfn_templates_push(out, t);
}

static void load_nested(const char *dir, const char *manifest, rg_value id, rg_value art, int depth, int flags,
                        rg_cfn_templates *out, rg_diags *diags) {
    rg_value dn = str_field(rg_object_get_str(art, "properties"), "directoryName");
    if (dn.kind != RG_STRING) {
        rg_diags_add(diags, "template_error", manifest, 0, 0, "artifact %s has no properties.directoryName", id.u.s);
        return;
    }
    if (depth + 1 > RG_CFN_MAX_ASSEMBLY_DEPTH) {
        rg_diags_add(diags, "template_error", manifest, 0, 0, "nested assemblies deeper than %d levels (at %s)",
                     RG_CFN_MAX_ASSEMBLY_DEPTH, id.u.s);
        return;
    }
    char *sub = rg_cfn_join(dir, dn.u.s);
    rg_cfn_load_assembly(sub, depth + 1, flags, out, diags);
    free(sub);
}

void rg_cfn_load_assembly(const char *dir, int depth, int flags, rg_cfn_templates *out, rg_diags *diags) {
    char *manifest = rg_cfn_join(dir, "manifest.json");
    rg_arena a;
    rg_arena_init(&a);
    rg_value mf = read_json(&a, manifest, diags);
    rg_value arts = mf.kind == RG_OBJECT ? rg_object_get_str(mf, "artifacts") : rg_undefined();
    if (!rg_is_undef(mf) && arts.kind != RG_OBJECT)
        rg_diags_add(diags, "template_error", manifest, 0, 0, "not a cloud assembly manifest (no artifacts mapping)");
    /* Artifacts in id order: deterministic, whatever order the file has. */
    for (size_t i = 0; arts.kind == RG_OBJECT && i < arts.len; i++) {
        rg_value id = rg_obj_key(arts, i), art = rg_obj_val(arts, i);
        rg_value ty = str_field(art, "type");
        if (id.kind != RG_STRING || ty.kind != RG_STRING) continue;
        if (!strcmp(ty.u.s, "aws:cloudformation:stack")) load_stack(dir, manifest, id, art, flags, out, diags);
        else if (!strcmp(ty.u.s, "cdk:cloud-assembly")) load_nested(dir, manifest, id, art, depth, flags, out, diags);
    }
    rg_arena_fini(&a);
    free(manifest);
}
