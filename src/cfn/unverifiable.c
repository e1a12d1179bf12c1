/* Constructs whose effect regent cannot see in the template it reads:
 * transforms and macros (CloudFormation expands them at deploy time),
 * nested stacks and serverless applications (their templates live
 * elsewhere), values imported from other stacks, and intrinsic functions
 * regent does not know.  A control cannot vouch for what it cannot see, so
 * these are reported instead of silently passing. */
#include <string.h>

#include "cfn/cfn.h"

enum { MAX_DEPTH = 64 };

static const char *const known_functions[] = {
    "Fn::Base64", "Fn::Cidr",     "Fn::FindInMap", "Fn::GetAtt", "Fn::GetAZs",       "Fn::ImportValue",
    "Fn::Join",   "Fn::Length",   "Fn::Select",    "Fn::Split",  "Fn::Sub",          "Fn::ToJsonString",
    "Fn::Transform", "Fn::If",    "Fn::Equals",    "Fn::And",    "Fn::Or",           "Fn::Not",
};

static bool known_function(const char *k) {
    for (size_t i = 0; i < sizeof known_functions / sizeof *known_functions; i++)
        if (!strcmp(k, known_functions[i])) return true;
    return false;
}

typedef struct walker {
    rg_arena *a;
    rg_cfn_unverifiable_fn fn;
    void *ud;
    const char *logical_id;
    rg_vec path;
} walker;

static void report(walker *w, const char *reason) {
    rg_value path = rg_vec_to_array(w->a, &w->path);
    w->fn(w->ud, w->logical_id, path, reason);
}

static void walk(walker *w, rg_value v, int depth) {
    if (depth > MAX_DEPTH) return;
    if (v.kind == RG_OBJECT && v.len == 1 && rg_obj_key(v, 0).kind == RG_STRING) {
        const char *k = rg_obj_key(v, 0).u.s;
        if (!strcmp(k, "Fn::ImportValue")) {
            report(w, "the value is imported from another stack (Fn::ImportValue), which this scan cannot see");
            return;
        }
        if (!strcmp(k, "Fn::Transform")) {
            report(w, "the value is produced by a macro (Fn::Transform) at deploy time, which regent cannot expand");
            return;
        }
        if (!strncmp(k, "Fn::", 4) && !known_function(k)) {
            report(w, "the value uses an intrinsic function regent does not know");
            return;
        }
    }
    if (v.kind == RG_OBJECT) {
        for (size_t i = 0; i < v.len; i++) {
            rg_value key = rg_obj_key(v, i);
            if (key.kind == RG_STRING && !strncmp(key.u.s, "Fn::ForEach", 11)) {
                rg_vec_push(&w->path, key);
                report(w, "Fn::ForEach (AWS::LanguageExtensions) is expanded by CloudFormation at deploy time; regent "
                          "cannot review what it generates");
                w->path.len--;
                continue;
            }
            rg_vec_push(&w->path, key);
            walk(w, rg_obj_val(v, i), depth + 1);
            w->path.len--;
        }
    } else if (v.kind == RG_ARRAY) {
        for (size_t i = 0; i < v.len; i++) {
            rg_vec_push(&w->path, rg_int((int64_t)i));
            walk(w, v.u.items[i], depth + 1);
            w->path.len--;
        }
    }
}

static void transforms(walker *w, rg_value tr) {
    if (rg_is_undef(tr)) return;
    rg_vec_push(&w->path, rg_string_static("Transform", 9));
    size_t n = tr.kind == RG_ARRAY ? tr.len : 1;
    for (size_t i = 0; i < n; i++) {
        rg_value t = tr.kind == RG_ARRAY ? tr.u.items[i] : tr;
        rg_value name = t.kind == RG_OBJECT ? rg_object_get_str(t, "Name") : t;
        rg_buf b = RG_BUF_INIT;
        rg_buf_puts(&b, "the template uses the transform ");
        if (name.kind == RG_STRING) rg_buf_append(&b, name.u.s, name.len);
        else rg_json_write(&b, name, 0);
        rg_buf_puts(&b, ", which CloudFormation expands at deploy time and regent cannot: resources it adds or "
                        "changes are not reviewed");
        if (tr.kind == RG_ARRAY) rg_vec_push(&w->path, rg_int((int64_t)i));
        report(w, rg_arena_strdup(w->a, rg_buf_cstr(&b)));
        if (tr.kind == RG_ARRAY) w->path.len--;
        rg_buf_fini(&b);
    }
    w->path.len--;
}

static const char *nested_reason(const char *type) {
    if (!strcmp(type, "AWS::CloudFormation::Stack"))
        return "a nested stack: its template (TemplateURL) is not part of this scan, so its resources are not reviewed";
    if (!strcmp(type, "AWS::Serverless::Application"))
        return "a serverless application: its template lives in the Serverless Application Repository or S3, so its "
               "resources are not reviewed";
    if (!strncmp(type, "AWS::Serverless::", 17))
        return "an AWS SAM resource: CloudFormation expands it into other resources at deploy time, which are not "
               "reviewed";
    return NULL;
}

void rg_cfn_unverifiable(rg_arena *a, rg_value tpl, rg_cfn_unverifiable_fn fn, void *ud) {
    walker w = {a, fn, ud, NULL, RG_VEC_INIT};
    transforms(&w, rg_object_get_str(tpl, "Transform"));
    rg_value res = rg_object_get_str(tpl, "Resources");
    for (size_t i = 0; res.kind == RG_OBJECT && i < res.len; i++) {
        rg_value id = rg_obj_key(res, i), r = rg_obj_val(res, i);
        w.logical_id = id.kind == RG_STRING ? id.u.s : NULL;
        w.path.len = 0;
        if (id.kind == RG_STRING && !strncmp(id.u.s, "Fn::ForEach", 11)) {
            rg_vec_push(&w.path, rg_string_static("Resources", 9));
            rg_vec_push(&w.path, id);
            w.logical_id = NULL;
            report(&w, "Fn::ForEach (AWS::LanguageExtensions) generates resources at deploy time; regent cannot "
                       "review them");
            continue;
        }
        rg_value type = rg_object_get_str(r, "Type");
        const char *nested = type.kind == RG_STRING ? nested_reason(type.u.s) : NULL;
        if (nested) {
            report(&w, nested);
            continue;
        }
        rg_vec_push(&w.path, rg_string_static("Properties", 10));
        walk(&w, rg_object_get_str(r, "Properties"), 0);
    }
    rg_vec_fini(&w.path);
}
