/* The template shape CloudFormation itself insists on, checked before any
 * policy runs, so policies never see a template CloudFormation would
 * reject (and C code iterating resources never meets a surprise type). */
#include <stdarg.h>
#include <string.h>

#include "cfn/cfn_internal.h"

__attribute__((format(printf, 4, 5))) static void error_at(rg_diags *diags, const rg_cfn_template *t, rg_pos p,
                                                            const char *fmt, ...) {
    rg_buf b = RG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    rg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    rg_diags_add(diags, "template_error", t->file, (int)p.line, (int)p.col, "%s", rg_buf_cstr(&b));
    rg_buf_fini(&b);
}

/* Position of member i's key in obj (the line a reader looks at). */
static rg_pos key_pos(const rg_cfn_template *t, rg_value obj, size_t i) {
    return rg_cfn_slot_pos(t, &obj.u.items[2 * i]);
}

/* Index of key in obj, or -1. */
static long find_key(rg_value obj, const char *key) {
    return rg_object_find(obj, rg_string_static(key, strlen(key)));
}

static int check_resource(const rg_cfn_template *t, rg_value res, size_t i, rg_diags *diags) {
    rg_value k = rg_obj_key(res, i), r = rg_obj_val(res, i);
    const char *id = k.kind == RG_STRING ? k.u.s : "?";
    /* AWS::LanguageExtensions loops ("Fn::ForEach::Name": [id, collection,
     * {templates}]) stand where resources do; their fragments are
     * templates of resources, expanded by CloudFormation. */
    if (r.kind == RG_ARRAY && !strncmp(id, "Fn::ForEach::", 13)) return 0;
    if (r.kind != RG_OBJECT) {
        error_at(diags, t, key_pos(t, res, i), "resource %s must be a mapping, got %s", id, rg_cfn_kind_words(r));
        return -1;
    }
    int rc = 0;
    long ti = find_key(r, "Type");
    if (ti < 0) {
        error_at(diags, t, key_pos(t, res, i), "resource %s has no Type", id);
        rc = -1;
    } else if (rg_obj_val(r, (size_t)ti).kind != RG_STRING) {
        error_at(diags, t, key_pos(t, r, (size_t)ti), "resource %s: Type must be a string, got %s", id,
                 rg_cfn_kind_words(rg_obj_val(r, (size_t)ti)));
        rc = -1;
    }
    long pi = find_key(r, "Properties");
    if (pi >= 0 && rg_obj_val(r, (size_t)pi).kind != RG_OBJECT) {
        error_at(diags, t, key_pos(t, r, (size_t)pi), "resource %s: Properties must be a mapping, got %s", id,
                 rg_cfn_kind_words(rg_obj_val(r, (size_t)pi)));
        rc = -1;
    }
    return rc;
}

int rg_cfn_validate(const rg_cfn_template *t, rg_diags *diags) {
    rg_value v = t->value;
    rg_pos root = rg_srcmap_root(t->map);
    if (root.line == 0) root = (rg_pos){1, 1};
    if (v.kind == RG_NULL || v.kind == RG_UNDEFINED) {
        error_at(diags, t, root, "empty template");
        return -1;
    }
    if (v.kind != RG_OBJECT) {
        error_at(diags, t, root, "template must be a mapping, got %s", rg_cfn_kind_words(v));
        return -1;
    }
    long ri = find_key(v, "Resources");
    if (ri < 0) return find_key(v, "AWSTemplateFormatVersion") < 0 ? 1 : 0;
    rg_value res = rg_obj_val(v, (size_t)ri);
    if (res.kind != RG_OBJECT) {
        error_at(diags, t, key_pos(t, v, (size_t)ri), "Resources must be a mapping, got %s", rg_cfn_kind_words(res));
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < res.len; i++)
        if (check_resource(t, res, i, diags) < 0) rc = -1;
    return rc;
}
