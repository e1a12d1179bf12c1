/* Builtin cfn.possible_values(template, value): the values a CloudFormation
 * property may take once deployed, each with the condition values it needs.
 *
 * Work is per value, never per combination of conditions, so the cost stays
 * linear in the size of the value: every branch of Fn::If contributes its
 * values under "condition = true/false"; a Ref to a parameter gives each of
 * its AllowedValues (else its Default); Fn::FindInMap with a parameter as a
 * key gives every entry of the mapping; Fn::Join and Fn::Sub are rendered
 * when their parts are known.  What cannot be known (pseudo parameters,
 * Fn::GetAtt, Fn::ImportValue, ...) stays as the intrinsic object.
 *
 * Result: an array of {"value": V, "conditions": {NAME: bool}}; a branch
 * that is AWS::NoValue gives {"absent": true, "conditions": ...}. */
#include <string.h>

#include "builtins/families.h"
#include "builtins/regex_internal.h"
#include "cfn/cfn.h"

enum { MAX_DEPTH = 32, MAX_RESULTS = 4096 };

typedef struct pv {
    rg_bi_ctx *ctx;
    rg_value tpl;
    rg_vec out;     /* result objects */
    rg_vec conds;   /* current assumptions: name, bool pairs */
    bool overflow;
} pv;

static rg_value str(rg_bi_ctx *c, const char *s) { return rg_string(rg_bi_arena(c), s, strlen(s)); }

static rg_value conditions_object(pv *p) { return rg_vec_to_object(rg_bi_arena(p->ctx), &p->conds); }

static void emit(pv *p, rg_value v, bool absent) {
    if (p->out.len >= MAX_RESULTS) {
        p->overflow = true;
        return;
    }
    rg_value kv[4];
    size_t n = 0;
    if (absent) kv[2 * n] = str(p->ctx, "absent"), kv[2 * n + 1] = rg_bool(true), n++;
    else kv[2 * n] = str(p->ctx, "value"), kv[2 * n + 1] = v, n++;
    kv[2 * n] = str(p->ctx, "conditions"), kv[2 * n + 1] = conditions_object(p), n++;
    rg_vec_push(&p->out, rg_object(rg_bi_arena(p->ctx), kv, n));
}

/* The one-key intrinsic name of v, or NULL. */
static const char *intrinsic(rg_value v, rg_value *arg) {
    if (v.kind != RG_OBJECT || v.len != 1 || rg_obj_key(v, 0).kind != RG_STRING) return NULL;
    const char *k = rg_obj_key(v, 0).u.s;
    if (strcmp(k, "Ref") != 0 && strncmp(k, "Fn::", 4) != 0) return NULL;
    *arg = rg_obj_val(v, 0);
    return k;
}

static void walk(pv *p, rg_value v, int depth);

/* Assumes cond = val for the duration of walking v; contradictions are skipped. */
static void with_condition(pv *p, rg_value cond, bool val, rg_value v, int depth) {
    for (size_t i = 0; i + 1 < p->conds.len; i += 2) {
        if (rg_value_equal(p->conds.items[i], cond)) {
            if (rg_is_true(p->conds.items[i + 1]) == val) walk(p, v, depth + 1);
            return;
        }
    }
    rg_vec_push(&p->conds, cond);
    rg_vec_push(&p->conds, rg_bool(val));
    walk(p, v, depth + 1);
    p->conds.len -= 2;
}

static rg_value parameter(pv *p, rg_value name) { return rg_object_get(rg_object_get_str(p->tpl, "Parameters"), name); }

static void walk_ref(pv *p, rg_value v, rg_value name, int depth) {
    if (name.kind == RG_STRING && !strcmp(name.u.s, "AWS::NoValue")) {
        emit(p, v, true);
        return;
    }
    rg_value param = parameter(p, name);
    rg_value allowed = rg_object_get_str(param, "AllowedValues");
    rg_value def = rg_object_get_str(param, "Default");
    if (allowed.kind == RG_ARRAY && allowed.len) {
        for (size_t i = 0; i < allowed.len; i++) walk(p, allowed.u.items[i], depth + 1);
    } else if (!rg_is_undef(def)) {
        walk(p, def, depth + 1);
    } else {
        emit(p, v, false); /* unknown: a parameter without default, a resource, a pseudo parameter */
    }
}

/* Fn::FindInMap [map, top, second]: keys that are parameters range over
 * their possible values. */
static void walk_find_in_map(pv *p, rg_value v, rg_value arg, int depth) {
    rg_value map = arg.kind == RG_ARRAY && arg.len == 3 ? rg_object_get(rg_object_get_str(p->tpl, "Mappings"), arg.u.items[0])
                                                         : rg_undefined();
    if (map.kind != RG_OBJECT) {
        emit(p, v, false);
        return;
    }
    rg_value top = arg.u.items[1], second = arg.u.items[2];
    for (size_t i = 0; i < map.len; i++) {
        if (top.kind == RG_STRING && !rg_value_equal(rg_obj_key(map, i), top)) continue;
        rg_value inner = rg_obj_val(map, i);
        for (size_t k = 0; inner.kind == RG_OBJECT && k < inner.len; k++) {
            if (second.kind == RG_STRING && !rg_value_equal(rg_obj_key(inner, k), second)) continue;
            walk(p, rg_obj_val(inner, k), depth + 1);
        }
    }
}

/* The single known string a value renders to, or NULL. */
static const char *known_text(pv *p, rg_value v, rg_buf *tmp) {
    rg_value arg;
    if (v.kind == RG_STRING) return v.u.s;
    if (v.kind == RG_NUMBER) {
        tmp->len = 0;
        rg_num_write(tmp, v);
        return rg_buf_cstr(tmp);
    }
    const char *fn = intrinsic(v, &arg);
    if (fn && !strcmp(fn, "Ref")) {
        rg_value param = parameter(p, arg);
        rg_value def = rg_object_get_str(param, "Default");
        rg_value allowed = rg_object_get_str(param, "AllowedValues");
        if (def.kind == RG_STRING && !(allowed.kind == RG_ARRAY && allowed.len > 1)) return def.u.s;
    }
    return NULL;
}

static void walk_join(pv *p, rg_value v, rg_value arg, int depth) {
    (void)depth;
    rg_value sep = arg.kind == RG_ARRAY && arg.len == 2 ? arg.u.items[0] : rg_undefined();
    rg_value parts = arg.kind == RG_ARRAY && arg.len == 2 ? arg.u.items[1] : rg_undefined();
    if (sep.kind != RG_STRING || parts.kind != RG_ARRAY) {
        emit(p, v, false);
        return;
    }
    rg_buf out = RG_BUF_INIT, tmp = RG_BUF_INIT;
    bool known = true;
    for (size_t i = 0; i < parts.len && known; i++) {
        const char *t = known_text(p, parts.u.items[i], &tmp);
        if (!t) known = false;
        else {
            if (i) rg_buf_append(&out, sep.u.s, sep.len);
            rg_buf_puts(&out, t);
        }
    }
    emit(p, known ? rg_string(rg_bi_arena(p->ctx), rg_buf_cstr(&out), out.len) : v, false);
    rg_buf_fini(&out);
    rg_buf_fini(&tmp);
}

static void walk_sub(pv *p, rg_value v, rg_value arg, int depth) {
    (void)depth;
    rg_value text = arg.kind == RG_ARRAY && arg.len ? arg.u.items[0] : arg;
    rg_value vars = arg.kind == RG_ARRAY && arg.len == 2 ? arg.u.items[1] : rg_empty_object();
    if (text.kind != RG_STRING) {
        emit(p, v, false);
        return;
    }
    rg_buf out = RG_BUF_INIT, tmp = RG_BUF_INIT;
    bool known = true;
    const char *s = text.u.s;
    while (*s && known) {
        const char *open = strstr(s, "${");
        if (!open) {
            rg_buf_puts(&out, s);
            break;
        }
        rg_buf_append(&out, s, (size_t)(open - s));
        if (open[2] == '!') { /* ${!Literal} */
            rg_buf_puts(&out, "${");
            s = open + 3;
            continue;
        }
        const char *close = strchr(open, '}');
        if (!close) {
            rg_buf_puts(&out, open);
            break;
        }
        rg_value name = rg_string(rg_bi_arena(p->ctx), open + 2, (size_t)(close - open - 2));
        rg_value local = rg_object_get(vars, name);
        rg_value ref[2] = {str(p->ctx, "Ref"), name};
        const char *t = known_text(p, rg_is_undef(local) ? rg_object(rg_bi_arena(p->ctx), ref, 1) : local, &tmp);
        if (!t) known = false;
        else rg_buf_puts(&out, t);
        s = close + 1;
    }
    emit(p, known ? rg_string(rg_bi_arena(p->ctx), rg_buf_cstr(&out), out.len) : v, false);
    rg_buf_fini(&out);
    rg_buf_fini(&tmp);
}

static void walk(pv *p, rg_value v, int depth) {
    if (p->overflow) return;
    if (depth > MAX_DEPTH) {
        emit(p, v, false);
        return;
    }
    rg_value arg;
    const char *fn = intrinsic(v, &arg);
    if (!fn) {
        emit(p, v, false);
    } else if (!strcmp(fn, "Fn::If") && arg.kind == RG_ARRAY && arg.len == 3) {
        with_condition(p, arg.u.items[0], true, arg.u.items[1], depth);
        with_condition(p, arg.u.items[0], false, arg.u.items[2], depth);
    } else if (!strcmp(fn, "Ref")) {
        walk_ref(p, v, arg, depth);
    } else if (!strcmp(fn, "Fn::FindInMap")) {
        walk_find_in_map(p, v, arg, depth);
    } else if (!strcmp(fn, "Fn::Join")) {
        walk_join(p, v, arg, depth);
    } else if (!strcmp(fn, "Fn::Sub")) {
        walk_sub(p, v, arg, depth);
    } else {
        emit(p, v, false);
    }
}

static int bi_possible_values(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    pv p = {ctx, args[0], RG_VEC_INIT, RG_VEC_INIT, false};
    walk(&p, args[1], 0);
    rg_vec_fini(&p.conds);
    if (p.overflow) {
        rg_vec_fini(&p.out);
        return rg_bi_error(ctx, "more than %d possible values", MAX_RESULTS);
    }
    *out = rg_vec_to_array(rg_bi_arena(ctx), &p.out);
    rg_vec_fini(&p.out);
    return RG_BI_OK;
}

/* cfn.expand(template): the template's variants (see src/cfn/variants.c),
 * as [{"conditions": {...}, "template": T}], the same expansion regent scan
 * evaluates controls on, so policy tests can exercise it. */
static int bi_expand(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    (void)nargs;
    if (args[0].kind != RG_OBJECT) return rg_bi_type_error(ctx, 1, "object", args[0]);
    rg_cfn_variant *vs;
    bool truncated;
    size_t n = rg_cfn_variants(rg_bi_arena(ctx), args[0], 256, &vs, &truncated);
    rg_vec items = RG_VEC_INIT;
    for (size_t i = 0; i < n; i++) {
        rg_value kv[4] = {str(ctx, "conditions"), vs[i].conditions, str(ctx, "template"), vs[i].template};
        rg_vec_push(&items, rg_object(rg_bi_arena(ctx), kv, 2));
    }
    *out = rg_vec_to_array(rg_bi_arena(ctx), &items);
    rg_vec_fini(&items);
    return RG_BI_OK;
}


/* ---- searching a value: the primitives of controls that look at every
 * node of a template (hard-coded secrets), in C because doing it node by
 * node in Rego costs a rule evaluation per node ---- */

enum { FIND_MAX_DEPTH = 1000 };

static void collect_keys_strings(rg_value v, rg_vec *keys, rg_vec *strings, int depth) {
    if (depth > FIND_MAX_DEPTH) return;
    if (v.kind == RG_STRING && strings) rg_vec_push(strings, v);
    if (v.kind == RG_OBJECT)
        for (size_t i = 0; i < v.len; i++) {
            if (keys && rg_obj_key(v, i).kind == RG_STRING) rg_vec_push(keys, rg_obj_key(v, i));
            collect_keys_strings(rg_obj_val(v, i), keys, strings, depth + 1);
        }
    else if (v.kind == RG_ARRAY || v.kind == RG_SET)
        for (size_t i = 0; i < v.len; i++) collect_keys_strings(v.u.items[i], keys, strings, depth + 1);
}

/* cfn.keys(x): every string key of every object in x, as a set. */
static int bi_keys(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    (void)nargs;
    rg_vec keys = RG_VEC_INIT;
    collect_keys_strings(args[0], &keys, NULL, 0);
    *out = rg_vec_to_set(rg_bi_arena(ctx), &keys);
    rg_vec_fini(&keys);
    return RG_BI_OK;
}

/* cfn.strings(x): every string value in x (not keys), as a set. */
static int bi_strings(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    (void)nargs;
    rg_vec strings = RG_VEC_INIT;
    collect_keys_strings(args[0], NULL, &strings, 0);
    *out = rg_vec_to_set(rg_bi_arena(ctx), &strings);
    rg_vec_fini(&strings);
    return RG_BI_OK;
}

typedef struct finder {
    rg_arena *a;
    rg_value keys, strings;
    rg_vec path, out;
} finder;

static void found(finder *f, rg_value v, rg_value parent) {
    rg_value triple[3] = {rg_vec_to_array(f->a, &f->path), v, parent};
    rg_vec_push(&f->out, rg_array(f->a, triple, 3));
}

static void find_rec(finder *f, rg_value v, rg_value parent, int depth) {
    if (depth > FIND_MAX_DEPTH) return;
    if (f->path.len) {
        rg_value last = f->path.items[f->path.len - 1];
        if (last.kind == RG_STRING && rg_set_contains(f->keys, last)) found(f, v, parent);
        else if (v.kind == RG_STRING && rg_set_contains(f->strings, v)) found(f, v, parent);
    }
    if (v.kind == RG_OBJECT)
        for (size_t i = 0; i < v.len; i++) {
            rg_vec_push(&f->path, rg_obj_key(v, i));
            find_rec(f, rg_obj_val(v, i), v, depth + 1);
            f->path.len--;
        }
    else if (v.kind == RG_ARRAY)
        for (size_t i = 0; i < v.len; i++) {
            rg_vec_push(&f->path, rg_int((int64_t)i));
            find_rec(f, v.u.items[i], v, depth + 1);
            f->path.len--;
        }
}

/* cfn.find(x, keys, strings): [path, value, parent] for every node of x
 * that is the value of a key in the set keys, or a string in the set
 * strings (paths relative to x, as walk gives them). */
static int bi_find(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    (void)nargs;
    if (args[1].kind != RG_SET) return rg_bi_type_error(ctx, 2, "set", args[1]);
    if (args[2].kind != RG_SET) return rg_bi_type_error(ctx, 3, "set", args[2]);
    finder f = {rg_bi_arena(ctx), args[1], args[2], RG_VEC_INIT, RG_VEC_INIT};
    if (args[1].len || args[2].len) find_rec(&f, args[0], rg_null(), 0);
    *out = rg_vec_to_array(f.a, &f.out);
    rg_vec_fini(&f.path);
    rg_vec_fini(&f.out);
    return RG_BI_OK;
}

/* cfn.matching(strings, pattern): the strings of a set or array that the
 * regular expression matches, as a set: one call instead of a rule
 * evaluation per string. */
static int bi_matching(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    (void)nargs;
    return rg_regex_filter(ctx, args[1], args[0], out);
}

const rg_builtin_def rg_builtins_cfn[] = {
    {"cfn.possible_values", bi_possible_values, 2, {RG_T_ANY, RG_T_ANY}, RG_T_ARR, 0},
    {"cfn.expand", bi_expand, 1, {RG_T_ANY}, RG_T_ARR, 0},
    {"cfn.keys", bi_keys, 1, {RG_T_ANY}, RG_T_SET, RG_BI_MEMO},
    {"cfn.strings", bi_strings, 1, {RG_T_ANY}, RG_T_SET, RG_BI_MEMO},
    {"cfn.find", bi_find, 3, {RG_T_ANY, RG_T_SET, RG_T_SET}, RG_T_ARR, 0},
    {"cfn.matching", bi_matching, 2, {RG_T_SET | RG_T_ARR, RG_T_STR}, RG_T_SET, 0},
    {0},
};
