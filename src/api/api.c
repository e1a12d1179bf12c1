/* The public C API (include/regent/regent.h) over the internal policy and
 * evaluator.  Each evaluation gets its own arena, so threads share only the
 * read-only compiled policy and prepared query. */
#include <stdlib.h>
#include <string.h>

#include "read/read.h"
#include "regent/regent.h"
#include "rego/policy.h"

struct regent_policy {
    rg_policy *p;
    rg_buf errors;
};

struct regent_query {
    regent_policy *owner;
    rg_arena arena;
    rg_query *q;
};

static char *format_diags(const rg_diags *d) {
    rg_buf b = RG_BUF_INIT;
    for (size_t i = 0; i < d->len; i++) {
        rg_diag_format(&b, &d->items[i]);
        rg_buf_putc(&b, '\n');
    }
    return rg_buf_detach(&b);
}

static void note_errors(regent_policy *p, rg_diags *d) {
    char *s = format_diags(d);
    rg_buf_puts(&p->errors, s);
    free(s);
    rg_diags_fini(d);
}

regent_policy *regent_policy_new(const regent_policy_options *opts) {
    regent_policy *p = rg_xcalloc(1, sizeof *p);
    p->p = rg_policy_new();
    if (opts) p->p->v0_compatible = opts->v0_compatible != 0;
    return p;
}

void regent_policy_free(regent_policy *p) {
    if (!p) return;
    rg_policy_free(p->p);
    rg_buf_fini(&p->errors);
    free(p);
}

int regent_policy_add_module(regent_policy *p, const char *filename, const char *source, size_t len) {
    rg_diags d = RG_DIAGS_INIT;
    int r = rg_policy_add_module(p->p, filename ? filename : "module.rego", source, len, &d);
    note_errors(p, &d);
    return r;
}

int regent_policy_set_data_json(regent_policy *p, const char *json, size_t len) {
    rg_diags d = RG_DIAGS_INIT;
    rg_arena a;
    rg_arena_init(&a);
    rg_value v;
    int r = rg_json_parse(&a, "data", json, len, 0, NULL, &v, &d);
    if (r == 0) rg_policy_set_data(p->p, v);
    rg_arena_fini(&a);
    note_errors(p, &d);
    return r;
}

int regent_policy_compile(regent_policy *p) {
    rg_diags d = RG_DIAGS_INIT;
    int r = rg_policy_compile(p->p, &d);
    note_errors(p, &d);
    return r;
}

const char *regent_policy_errors(const regent_policy *p) { return p->errors.data ? p->errors.data : ""; }

regent_query *regent_query_prepare(regent_policy *p, const char *query, char **err) {
    if (!p->p->compiled) {
        if (err) *err = rg_xstrdup("policy is not compiled");
        return NULL;
    }
    regent_query *q = rg_xcalloc(1, sizeof *q);
    q->owner = p;
    rg_arena_init(&q->arena);
    rg_diags d = RG_DIAGS_INIT;
    if (rg_query_compile(p->p, &q->arena, query, &q->q, &d) != 0) {
        if (err) *err = format_diags(&d);
        rg_diags_fini(&d);
        regent_query_free(q);
        return NULL;
    }
    rg_diags_fini(&d);
    return q;
}

void regent_query_free(regent_query *q) {
    if (!q) return;
    rg_arena_fini(&q->arena);
    free(q);
}

int regent_query_eval(const regent_query *q, const char *input_json, size_t input_len, const regent_eval_options *opts,
                      char **out_json, char **err) {
    rg_arena a;
    rg_arena_init(&a);
    rg_diags d = RG_DIAGS_INIT;
    rg_eval_options eo = {.input = rg_undefined(), .strict_builtin_errors = opts && opts->strict_builtin_errors};
    int r = 0;
    if (input_json && rg_json_parse(&a, "input", input_json, input_len, 0, NULL, &eo.input, &d) != 0) r = -1;
    rg_vec results = RG_VEC_INIT;
    if (r == 0) r = rg_query_eval(q->owner->p, q->q, &a, &eo, &results, &d);
    if (r == 0) {
        rg_buf b = RG_BUF_INIT;
        if (!results.len) {
            rg_buf_puts(&b, "{}");
        } else {
            rg_buf_puts(&b, "{\"result\":[");
            for (size_t i = 0; i < results.len; i++) {
                rg_value res = results.items[i];
                rg_value exprs = rg_object_get_str(res, "expressions");
                if (i) rg_buf_putc(&b, ',');
                rg_buf_puts(&b, "{\"expressions\":[");
                for (size_t k = 0; k < exprs.len; k++) {
                    if (k) rg_buf_putc(&b, ',');
                    rg_buf_puts(&b, "{\"value\":");
                    rg_json_write(&b, exprs.u.items[k], 0);
                    rg_buf_putc(&b, '}');
                }
                rg_buf_putc(&b, ']');
                rg_value bind = rg_object_get_str(res, "bindings");
                if (bind.len) {
                    rg_buf_puts(&b, ",\"bindings\":");
                    rg_json_write(&b, bind, 0);
                }
                rg_buf_putc(&b, '}');
            }
            rg_buf_puts(&b, "]}");
        }
        *out_json = rg_buf_detach(&b);
    } else if (err) {
        *err = format_diags(&d);
    }
    rg_vec_fini(&results);
    rg_diags_fini(&d);
    rg_arena_fini(&a);
    return r;
}

void regent_string_free(char *s) { free(s); }

const char *regent_version(void) { return "0.1.0"; }
