/* Template variants: the concrete templates a CloudFormation template can
 * deploy as, one per choice of its free variables, so that policies written
 * against plain values hold on every branch of Fn::If and for every value a
 * parameter may take.
 *
 * Free variables are parameters with several AllowedValues and conditions
 * that cannot be decided from parameters (pseudo parameters, parameters
 * without a default).  Parameters with one possible value (a default, or a
 * single allowed value) are substituted everywhere.  A variant resolves
 * Fn::If, Ref to parameters, Fn::FindInMap, Fn::Join, Fn::Sub and Fn::Select
 * where their arguments are known, drops AWS::NoValue and resources and
 * outputs whose Condition is false, and keeps every other intrinsic as it is
 * (a resource reference stays {"Ref": id}).  Unchanged subtrees are shared
 * with the original, so a template without conditions costs no copy.
 *
 * The number of variants is capped: past the cap, a covering set is used in
 * which every choice of every variable appears in at least one variant. */
#include <stdlib.h>
#include <string.h>

#include "cfn/cfn.h"

enum { MAX_DEPTH = 64, MAX_VARS = 64, MAX_CHOICES = 64 };

typedef struct var {
    rg_value name;     /* parameter or condition name */
    bool is_condition;
    rg_value choices;  /* array of values (true/false for conditions) */
} var;

typedef struct expander {
    rg_arena *a;
    rg_value tpl, params, conds, maps;
    var vars[MAX_VARS];
    size_t n_vars;
    size_t choice[MAX_VARS];
    /* per variant: resolved condition values (name -> bool, or undefined) */
    rg_vec cond_cache;
    int cond_depth;
} expander;

/* ---- small helpers ---- */

static const char *intrinsic(rg_value v, rg_value *arg) {
    if (v.kind != RG_OBJECT || v.len != 1 || rg_obj_key(v, 0).kind != RG_STRING) return NULL;
    const char *k = rg_obj_key(v, 0).u.s;
    if (strcmp(k, "Ref") != 0 && strncmp(k, "Fn::", 4) != 0 && strcmp(k, "Condition") != 0) return NULL;
    *arg = rg_obj_val(v, 0);
    return k;
}

static bool is_str(rg_value v, const char *s) { return v.kind == RG_STRING && strcmp(v.u.s, s) == 0; }

static rg_value param_type(expander *e, rg_value name) {
    return rg_object_get_str(rg_object_get(e->params, name), "Type");
}

/* The values a parameter may take: AllowedValues, else its Default, else
 * none (undefined).  SSM-typed parameters are looked up at deploy time: their
 * Default is a parameter name, not the value. */
static rg_value param_choices(expander *e, rg_value name) {
    rg_value p = rg_object_get(e->params, name);
    if (p.kind != RG_OBJECT) return rg_undefined();
    rg_value type = param_type(e, name);
    if (type.kind == RG_STRING && strncmp(type.u.s, "AWS::SSM::Parameter::Value", 26) == 0) return rg_undefined();
    rg_value allowed = rg_object_get_str(p, "AllowedValues");
    if (allowed.kind == RG_ARRAY && allowed.len) return allowed;
    rg_value def = rg_object_get_str(p, "Default");
    if (rg_is_undef(def)) return rg_undefined();
    return rg_array(e->a, &def, 1);
}

static int var_index(const expander *e, rg_value name, bool is_condition) {
    for (size_t i = 0; i < e->n_vars; i++)
        if (e->vars[i].is_condition == is_condition && rg_value_equal(e->vars[i].name, name)) return (int)i;
    return -1;
}

/* The current value of a parameter, or undefined when unknown. */
static rg_value param_value(expander *e, rg_value name) {
    int i = var_index(e, name, false);
    if (i >= 0) return e->vars[i].choices.u.items[e->choice[i]];
    rg_value c = param_choices(e, name);
    return c.kind == RG_ARRAY && c.len == 1 ? c.u.items[0] : rg_undefined();
}

/* ---- conditions ---- */

static rg_value scalar_text(expander *e, rg_value v);

/* Evaluates a condition expression: 1 true, 0 false, -1 unknown. */
static int eval_cond_expr(expander *e, rg_value v, int depth);

static int eval_condition(expander *e, rg_value name, int depth) {
    int vi = var_index(e, name, true);
    if (vi >= 0) return rg_is_true(e->vars[vi].choices.u.items[e->choice[vi]]) ? 1 : 0;
    rg_value def = rg_object_get(e->conds, name);
    if (rg_is_undef(def) || depth > MAX_DEPTH) return -1;
    return eval_cond_expr(e, def, depth + 1);
}

static int eval_cond_expr(expander *e, rg_value v, int depth) {
    rg_value arg;
    const char *fn = intrinsic(v, &arg);
    if (!fn || depth > MAX_DEPTH) return v.kind == RG_BOOL ? (rg_is_true(v) ? 1 : 0) : -1;
    if (!strcmp(fn, "Condition")) return eval_condition(e, arg, depth + 1);
    if (arg.kind != RG_ARRAY) return -1;
    if (!strcmp(fn, "Fn::Equals") && arg.len == 2) {
        rg_value x = scalar_text(e, arg.u.items[0]), y = scalar_text(e, arg.u.items[1]);
        if (rg_is_undef(x) || rg_is_undef(y)) return -1;
        return rg_value_equal(x, y) ? 1 : 0;
    }
    if (!strcmp(fn, "Fn::Not") && arg.len == 1) {
        int r = eval_cond_expr(e, arg.u.items[0], depth + 1);
        return r < 0 ? -1 : !r;
    }
    bool is_and = !strcmp(fn, "Fn::And");
    if (!is_and && strcmp(fn, "Fn::Or") != 0) return -1;
    bool unknown = false;
    for (size_t i = 0; i < arg.len; i++) {
        int r = eval_cond_expr(e, arg.u.items[i], depth + 1);
        if (r < 0) unknown = true;
        else if (r == (is_and ? 0 : 1)) return r;
    }
    return unknown ? -1 : (is_and ? 1 : 0);
}

/* ---- resolution ---- */

static rg_value resolve(expander *e, rg_value v, int depth);

/* A value as the string CloudFormation would compare or substitute, or
 * undefined when it is not known. */
static rg_value scalar_text(expander *e, rg_value v) {
    rg_value r = resolve(e, v, 1);
    if (r.kind == RG_STRING) return r;
    if (r.kind == RG_NUMBER || r.kind == RG_BOOL) {
        rg_buf b = RG_BUF_INIT;
        rg_json_write(&b, r, 0);
        rg_value s = rg_string(e->a, b.data, b.len);
        rg_buf_fini(&b);
        return s;
    }
    return rg_undefined();
}

static rg_value no_value(void) { return rg_undefined(); } /* AWS::NoValue: dropped by the caller */

static rg_value resolve_ref(expander *e, rg_value v, rg_value name) {
    if (is_str(name, "AWS::NoValue")) return no_value();
    rg_value val = param_value(e, name);
    if (rg_is_undef(val)) return v;
    /* CommaDelimitedList and List<...> parameters are lists in the template. */
    rg_value type = param_type(e, name);
    if (val.kind == RG_STRING && type.kind == RG_STRING &&
        (!strcmp(type.u.s, "CommaDelimitedList") || !strncmp(type.u.s, "List<", 5))) {
        rg_vec parts = RG_VEC_INIT;
        const char *s = val.u.s;
        for (;;) {
            const char *comma = strchr(s, ',');
            size_t n = comma ? (size_t)(comma - s) : strlen(s);
            rg_vec_push(&parts, rg_string(e->a, s, n));
            if (!comma) break;
            s = comma + 1;
        }
        rg_value arr = rg_vec_to_array(e->a, &parts);
        rg_vec_fini(&parts);
        return arr;
    }
    return val;
}

static rg_value resolve_find_in_map(expander *e, rg_value v, rg_value arg) {
    if (arg.kind != RG_ARRAY || arg.len != 3) return v;
    rg_value keys[3];
    for (int i = 0; i < 3; i++) {
        keys[i] = scalar_text(e, arg.u.items[i]);
        if (rg_is_undef(keys[i])) return v;
    }
    rg_value r = rg_object_get(rg_object_get(rg_object_get(e->maps, keys[0]), keys[1]), keys[2]);
    return rg_is_undef(r) ? v : r;
}

static rg_value resolve_join(expander *e, rg_value v, rg_value arg, int depth) {
    if (arg.kind != RG_ARRAY || arg.len != 2 || arg.u.items[0].kind != RG_STRING) return v;
    rg_value parts = resolve(e, arg.u.items[1], depth + 1);
    if (parts.kind != RG_ARRAY) return v;
    rg_buf b = RG_BUF_INIT;
    for (size_t i = 0; i < parts.len; i++) {
        rg_value t = scalar_text(e, parts.u.items[i]);
        if (rg_is_undef(t)) {
            rg_buf_fini(&b);
            rg_value pair[2] = {rg_obj_key(v, 0), rg_array(e->a, (rg_value[2]){arg.u.items[0], parts}, 2)};
            return rg_object(e->a, pair, 1);
        }
        if (i) rg_buf_append(&b, arg.u.items[0].u.s, arg.u.items[0].len);
        rg_buf_append(&b, t.u.s, t.len);
    }
    rg_value s = rg_string(e->a, b.data ? b.data : "", b.len);
    rg_buf_fini(&b);
    return s;
}

/* Fn::Sub: known variables are substituted into the text; the others stay
 * as ${Name}, so that a partly known ARN is still visible to policies. */
static rg_value resolve_sub(expander *e, rg_value v, rg_value arg, int depth) {
    rg_value text = arg.kind == RG_ARRAY && arg.len ? arg.u.items[0] : arg;
    rg_value vars = arg.kind == RG_ARRAY && arg.len == 2 ? resolve(e, arg.u.items[1], depth + 1) : rg_empty_object();
    if (text.kind != RG_STRING) return v;
    rg_buf b = RG_BUF_INIT;
    bool unknown = false;
    const char *s = text.u.s;
    for (;;) {
        const char *open = strstr(s, "${");
        if (!open) {
            rg_buf_puts(&b, s);
            break;
        }
        rg_buf_append(&b, s, (size_t)(open - s));
        const char *close = strchr(open, '}');
        if (!close) {
            rg_buf_puts(&b, open);
            break;
        }
        if (open[2] == '!') {
            rg_buf_append(&b, open, (size_t)(close + 1 - open));
            unknown = true; /* keep the literal form: Fn::Sub would print it without '!' */
            s = close + 1;
            continue;
        }
        rg_value name = rg_string(e->a, open + 2, (size_t)(close - open - 2));
        rg_value local = rg_object_get(vars, name);
        rg_value t = rg_undefined();
        if (!rg_is_undef(local)) t = scalar_text(e, local);
        else if (!strchr(name.u.s, '.')) t = scalar_text(e, rg_object(e->a, (rg_value[2]){rg_string_static("Ref", 3), name}, 1));
        if (rg_is_undef(t)) {
            rg_buf_append(&b, open, (size_t)(close + 1 - open));
            unknown = true;
        } else {
            rg_buf_append(&b, t.u.s, t.len);
        }
        s = close + 1;
    }
    rg_value out = rg_string(e->a, b.data ? b.data : "", b.len);
    rg_buf_fini(&b);
    if (!unknown) return out;
    if (rg_value_equal(out, text) && (arg.kind != RG_ARRAY || rg_value_equal(vars, arg.u.items[1]))) return v;
    rg_value newarg = arg.kind == RG_ARRAY && arg.len == 2 ? rg_array(e->a, (rg_value[2]){out, vars}, 2) : out;
    return rg_object(e->a, (rg_value[2]){rg_obj_key(v, 0), newarg}, 1);
}

static rg_value resolve_select(expander *e, rg_value v, rg_value arg, int depth) {
    if (arg.kind != RG_ARRAY || arg.len != 2) return v;
    rg_value idx = scalar_text(e, arg.u.items[0]);
    rg_value list = resolve(e, arg.u.items[1], depth + 1);
    if (idx.kind != RG_STRING || list.kind != RG_ARRAY) return v;
    char *end;
    long i = strtol(idx.u.s, &end, 10);
    if (*end || i < 0 || (size_t)i >= list.len) return v;
    return list.u.items[i];
}

static rg_value resolve_if(expander *e, rg_value v, rg_value arg, int depth) {
    if (arg.kind != RG_ARRAY || arg.len != 3) return v;
    int c = eval_condition(e, arg.u.items[0], 0);
    if (c < 0) return v;
    return resolve(e, arg.u.items[c ? 1 : 2], depth + 1);
}

static rg_value resolve_object(expander *e, rg_value v, int depth) {
    rg_vec pairs = RG_VEC_INIT;
    bool changed = false;
    for (size_t i = 0; i < v.len; i++) {
        rg_value val = rg_obj_val(v, i), r = resolve(e, val, depth + 1);
        if (rg_is_undef(r)) {
            changed = true;
            continue;
        }
        if (r.kind != val.kind || r.u.items != val.u.items || r.len != val.len) changed = true;
        rg_vec_push(&pairs, rg_obj_key(v, i));
        rg_vec_push(&pairs, r);
    }
    rg_value out = changed ? rg_vec_to_object(e->a, &pairs) : v;
    rg_vec_fini(&pairs);
    return out;
}

static rg_value resolve_array(expander *e, rg_value v, int depth) {
    rg_vec items = RG_VEC_INIT;
    bool changed = false;
    for (size_t i = 0; i < v.len; i++) {
        rg_value r = resolve(e, v.u.items[i], depth + 1);
        if (rg_is_undef(r)) {
            changed = true;
            continue;
        }
        if (r.kind != v.u.items[i].kind || r.u.items != v.u.items[i].u.items || r.len != v.u.items[i].len) changed = true;
        rg_vec_push(&items, r);
    }
    rg_value out = changed ? rg_vec_to_array(e->a, &items) : v;
    rg_vec_fini(&items);
    return out;
}

static rg_value resolve(expander *e, rg_value v, int depth) {
    if (depth > MAX_DEPTH) return v;
    rg_value arg;
    const char *fn = intrinsic(v, &arg);
    if (fn) {
        if (!strcmp(fn, "Ref")) return resolve_ref(e, v, arg);
        if (!strcmp(fn, "Fn::If")) return resolve_if(e, v, arg, depth);
        if (!strcmp(fn, "Fn::FindInMap")) return resolve_find_in_map(e, v, arg);
        if (!strcmp(fn, "Fn::Join")) return resolve_join(e, v, arg, depth);
        if (!strcmp(fn, "Fn::Sub")) return resolve_sub(e, v, arg, depth);
        if (!strcmp(fn, "Fn::Select")) return resolve_select(e, v, arg, depth);
    }
    if (v.kind == RG_OBJECT) return resolve_object(e, v, depth);
    if (v.kind == RG_ARRAY) return resolve_array(e, v, depth);
    return v;
}

/* Resources and Outputs of the current variant (those whose Condition is
 * false are dropped); the other sections stay as written. */
static rg_value resolve_section(expander *e, rg_value section) {
    if (section.kind != RG_OBJECT) return section;
    rg_vec pairs = RG_VEC_INIT;
    bool changed = false;
    for (size_t i = 0; i < section.len; i++) {
        rg_value item = rg_obj_val(section, i);
        rg_value cond = rg_object_get_str(item, "Condition");
        if (cond.kind == RG_STRING && eval_condition(e, cond, 0) == 0) {
            changed = true;
            continue;
        }
        rg_value r = resolve(e, item, 1);
        if (rg_is_undef(r)) r = item;
        if (r.u.items != item.u.items || r.len != item.len || r.kind != item.kind) changed = true;
        rg_vec_push(&pairs, rg_obj_key(section, i));
        rg_vec_push(&pairs, r);
    }
    rg_value out = changed ? rg_vec_to_object(e->a, &pairs) : section;
    rg_vec_fini(&pairs);
    return out;
}

/* ---- finding the free variables ---- */

static void add_var(expander *e, rg_value name, bool is_condition, rg_value choices) {
    if (var_index(e, name, is_condition) >= 0 || e->n_vars >= MAX_VARS) return;
    if (choices.len > MAX_CHOICES) choices = rg_array(e->a, choices.u.items, MAX_CHOICES);
    e->vars[e->n_vars++] = (var){name, is_condition, choices};
}

static void note_param(expander *e, rg_value name) {
    if (name.kind != RG_STRING) return;
    rg_value c = param_choices(e, name);
    if (c.kind == RG_ARRAY && c.len > 1) add_var(e, name, false, c);
}

/* Parameters named in ${...} of an Fn::Sub text. */
static void note_sub_params(expander *e, rg_value text) {
    if (text.kind != RG_STRING) return;
    for (const char *s = text.u.s; (s = strstr(s, "${")) != NULL;) {
        const char *close = strchr(s, '}');
        if (!close) break;
        if (s[2] != '!') note_param(e, rg_string(e->a, s + 2, (size_t)(close - s - 2)));
        s = close + 1;
    }
}

static void note_condition(expander *e, rg_value name, int depth);

/* Walks a value for parameters and conditions it uses. */
static void scan_uses(expander *e, rg_value v, int depth) {
    if (depth > MAX_DEPTH) return;
    rg_value arg;
    const char *fn = intrinsic(v, &arg);
    if (fn && !strcmp(fn, "Ref")) note_param(e, arg);
    else if (fn && !strcmp(fn, "Condition")) note_condition(e, arg, depth + 1);
    else if (fn && !strcmp(fn, "Fn::If") && arg.kind == RG_ARRAY && arg.len == 3) note_condition(e, arg.u.items[0], depth + 1);
    else if (fn && !strcmp(fn, "Fn::Sub")) note_sub_params(e, arg.kind == RG_ARRAY && arg.len ? arg.u.items[0] : arg);
    if (v.kind == RG_OBJECT)
        for (size_t i = 0; i < v.len; i++) scan_uses(e, rg_obj_val(v, i), depth + 1);
    else if (v.kind == RG_ARRAY)
        for (size_t i = 0; i < v.len; i++) scan_uses(e, v.u.items[i], depth + 1);
}

/* A condition becomes a free variable when, with every parameter it reads
 * fixed, it still cannot be decided. */
static void note_condition(expander *e, rg_value name, int depth) {
    if (name.kind != RG_STRING || depth > MAX_DEPTH || var_index(e, name, true) >= 0) return;
    rg_value def = rg_object_get(e->conds, name);
    if (rg_is_undef(def)) return;
    scan_uses(e, def, depth + 1); /* parameters first */
    size_t saved[MAX_VARS];
    memcpy(saved, e->choice, sizeof saved);
    memset(e->choice, 0, sizeof e->choice);
    int r = eval_cond_expr(e, def, 0);
    memcpy(e->choice, saved, sizeof saved);
    if (r < 0) add_var(e, name, true, rg_array(e->a, (rg_value[2]){rg_bool(true), rg_bool(false)}, 2));
}

static void find_vars(expander *e) {
    rg_value sections[2] = {rg_object_get_str(e->tpl, "Resources"), rg_object_get_str(e->tpl, "Outputs")};
    for (int s = 0; s < 2; s++) {
        if (sections[s].kind != RG_OBJECT) continue;
        for (size_t i = 0; i < sections[s].len; i++) {
            rg_value item = rg_obj_val(sections[s], i);
            /* CDK's version-reporting resource carries no configuration: its
             * region condition would only double the variants. */
            if (is_str(rg_object_get_str(item, "Type"), "AWS::CDK::Metadata")) continue;
            note_condition(e, rg_object_get_str(item, "Condition"), 0);
            scan_uses(e, item, 0);
        }
    }
}

/* ---- variants ---- */

static rg_value variant_conditions(expander *e) {
    rg_vec pairs = RG_VEC_INIT;
    for (size_t i = 0; i < e->n_vars; i++) {
        rg_vec_push(&pairs, e->vars[i].name);
        rg_vec_push(&pairs, e->vars[i].choices.u.items[e->choice[i]]);
    }
    /* Conditions decided by the chosen parameters are named too, so that a
     * finding can say "when IsProd=false" rather than "when Env=dev". */
    for (size_t i = 0; e->conds.kind == RG_OBJECT && i < e->conds.len; i++) {
        rg_value name = rg_obj_key(e->conds, i);
        if (var_index(e, name, true) >= 0) continue;
        int r = eval_condition(e, name, 0);
        if (r < 0) continue;
        rg_vec_push(&pairs, name);
        rg_vec_push(&pairs, rg_bool(r == 1));
    }
    rg_value out = rg_vec_to_object(e->a, &pairs);
    rg_vec_fini(&pairs);
    return out;
}

static rg_value variant_template(expander *e) {
    rg_value t = e->tpl;
    rg_value res = rg_object_get_str(t, "Resources"), outs = rg_object_get_str(t, "Outputs");
    rg_value r2 = resolve_section(e, res), o2 = resolve_section(e, outs);
    if (!rg_is_undef(res) && (r2.u.items != res.u.items || r2.len != res.len))
        t = rg_object_put(e->a, t, rg_string_static("Resources", 9), r2);
    if (!rg_is_undef(outs) && (o2.u.items != outs.u.items || o2.len != outs.len))
        t = rg_object_put(e->a, t, rg_string_static("Outputs", 7), o2);
    return t;
}

size_t rg_cfn_variants(rg_arena *a, rg_value tpl, size_t max, rg_cfn_variant **out, bool *truncated) {
    expander e = {.a = a, .tpl = tpl};
    e.params = rg_object_get_str(tpl, "Parameters");
    e.conds = rg_object_get_str(tpl, "Conditions");
    e.maps = rg_object_get_str(tpl, "Mappings");
    if (max < 1) max = 1;
    find_vars(&e);
    /* Full product when it fits, else "lockstep": variant k takes choice
     * k mod n of every variable, which covers every choice of each. */
    size_t total = 1, widest = 1;
    bool full = true;
    for (size_t i = 0; i < e.n_vars; i++) {
        size_t n = e.vars[i].choices.len;
        if (n > widest) widest = n;
        if (full && total > max / n) full = false;
        else if (full) total *= n;
    }
    if (!full) total = widest < max ? widest : max;
    *truncated = !full;
    rg_cfn_variant *vs = rg_arena_alloc(a, total * sizeof *vs);
    for (size_t k = 0; k < total; k++) {
        size_t rest = k;
        for (size_t i = 0; i < e.n_vars; i++) {
            size_t n = e.vars[i].choices.len;
            e.choice[i] = full ? rest % n : k % n;
            if (full) rest /= n;
        }
        vs[k].conditions = variant_conditions(&e);
        vs[k].template = variant_template(&e);
    }
    *out = vs;
    return total;
}
