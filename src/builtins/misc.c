/* Builtins: print, trace, walk, rego.metadata.*, opa.runtime.
 * print's undefined-argument handling lives in the evaluator (it must see
 * undefined arguments, which ordinary builtins never do). */
#include "builtins/families.h"
#include "rego/bi_ctx.h"

static int bi_print(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    rg_buf b = RG_BUF_INIT;
    for (int i = 0; i < nargs; i++) {
        if (i) rg_buf_putc(&b, ' ');
        if (args[i].kind == RG_STRING) rg_buf_append(&b, args[i].u.s, args[i].len);
        else rg_json_write(&b, args[i], 0);
    }
    rg_bi_print(ctx, rg_buf_cstr(&b), b.len);
    rg_buf_fini(&b);
    *out = rg_bool(true);
    return RG_BI_OK;
}

static int bi_trace(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0)) return RG_BI_ERROR;
    *out = rg_bool(true);
    return RG_BI_OK;
}

/* walk(x) relates x to every [path, value] below it, x itself first. */
static void walk_rec(rg_arena *a, rg_vec *path, rg_value v, rg_vec *out, int depth) {
    rg_value pair[2] = {rg_vec_to_array(a, path), v};
    rg_vec_push(out, rg_array(a, pair, 2));
    if (depth > 1000) return;
    size_t n = v.kind == RG_ARRAY || v.kind == RG_SET || v.kind == RG_OBJECT ? v.len : 0;
    for (size_t i = 0; i < n; i++) {
        rg_value key, child;
        if (v.kind == RG_ARRAY) key = rg_int((int64_t)i), child = v.u.items[i];
        else if (v.kind == RG_SET) key = child = v.u.items[i];
        else key = v.u.items[2 * i], child = v.u.items[2 * i + 1];
        rg_vec_push(path, key);
        walk_rec(a, path, child, out, depth + 1);
        path->len--;
    }
}

static int bi_walk(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    rg_vec path = RG_VEC_INIT, all = RG_VEC_INIT;
    walk_rec(rg_bi_arena(ctx), &path, args[0], &all, 0);
    *out = rg_vec_to_array(rg_bi_arena(ctx), &all);
    rg_vec_fini(&path);
    rg_vec_fini(&all);
    return RG_BI_OK;
}

static int bi_meta_rule(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    *out = rg_bi_metadata_rule(ctx);
    return RG_BI_OK;
}

static int bi_meta_chain(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    *out = rg_bi_metadata_chain(ctx);
    return RG_BI_OK;
}

static int bi_opa_runtime(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    *out = rg_empty_object();
    return RG_BI_OK;
}

/* Appends v as sprintf("%v") prints it (Rego's term text: [1, 2], {1},
 * set(), {"a": 1}), through the sprintf builtin so both print alike. */
static int format_v(rg_bi_ctx *ctx, rg_value v, rg_buf *b) {
    const rg_builtin_def *sprintf_def = rg_builtin_lookup("sprintf");
    const char *name = ctx->name;
    rg_value args[2] = {rg_string_static("%v", 2), rg_array(rg_bi_arena(ctx), &v, 1)};
    rg_value text;
    ctx->name = "sprintf";
    int r = sprintf_def->fn(ctx, args, 2, &text);
    ctx->name = name;
    if (r == RG_BI_OK) rg_buf_append(b, text.u.s, text.len);
    return r;
}

/* $"a {x} b": literal parts are strings, each interpolation a set holding
 * the expression's values (empty when undefined). */
static int bi_template_string(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_kind(ctx, args, 0, RG_T_ARR)) return RG_BI_ERROR;
    rg_buf b = RG_BUF_INIT;
    for (size_t i = 0; i < args[0].len; i++) {
        rg_value part = args[0].u.items[i];
        if (part.kind == RG_SET) {
            if (part.len == 0) {
                rg_buf_puts(&b, "<undefined>");
                continue;
            }
            if (part.len > 1) {
                rg_buf_fini(&b);
                return rg_bi_error(ctx, "template expression produced multiple values");
            }
            part = part.u.items[0];
        }
        if (part.kind == RG_STRING) {
            rg_buf_append(&b, part.u.s, part.len);
        } else if (format_v(ctx, part, &b) != RG_BI_OK) {
            rg_buf_fini(&b);
            return RG_BI_ERROR;
        }
    }
    *out = rg_string(rg_bi_arena(ctx), rg_buf_cstr(&b), b.len);
    rg_buf_fini(&b);
    return RG_BI_OK;
}

const rg_builtin_def rg_builtins_misc[] = {
    {"internal.template_string", bi_template_string, 1, {RG_T_ARR}, RG_T_STR, 0},
    {"print", bi_print, 0, {0}, RG_T_BOOL, RG_BI_VARIADIC},
    {"trace", bi_trace, 1, {RG_T_STR}, RG_T_BOOL, 0},
    {"walk", bi_walk, 1, {RG_T_ANY}, RG_T_ARR, RG_BI_RELATION | RG_BI_MEMO},
    {"rego.metadata.rule", bi_meta_rule, 0, {0}, RG_T_OBJ, 0},
    {"rego.metadata.chain", bi_meta_chain, 0, {0}, RG_T_ARR, 0},
    {"opa.runtime", bi_opa_runtime, 0, {0}, RG_T_OBJ, RG_BI_NONDETERMINISTIC},
    {0},
};
