/* regent eval: evaluate a Rego query, printing results as `opa eval` does. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "read/read.h"
#include "review/policy_load.h"

static const char eval_usage[] =
    "usage: regent eval [options] QUERY\n"
    "\n"
    "Evaluates QUERY against the policies and data under -d and prints the\n"
    "results in the shape `opa eval` prints them.\n"
    "\n"
    "options:\n"
    "  -d, --data PATH          load .rego policies and .json/.yaml data (file or folder, repeatable)\n"
    "  -i, --input FILE         input document (.json, .yaml or .yml; - for stdin)\n"
    "      --v0-compatible      parse policies as Rego v0 (modules importing rego.v1 stay v1)\n"
    "  -f, --format FORMAT      json (default) or pretty\n"
    "      --strict-builtin-errors  builtin errors fail the query instead of being undefined\n"
    "      --fail               exit 1 when the result is undefined\n"
    "  -h, --help               show this help\n"
    "\n"
    "exit status: 0 success, 1 undefined result with --fail, 2 errors\n";

typedef struct eval_args {
    const char **data;
    size_t n_data;
    const char *input, *query, *format;
    bool v0, strict, fail;
} eval_args;

static int parse_args(int argc, char **argv, eval_args *a) {
    a->format = "json";
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
            fputs(eval_usage, stdout);
            exit(RG_EXIT_OK);
        } else if (!strcmp(s, "-d") || !strcmp(s, "--data")) {
            if (!val) goto missing;
            a->data = rg_xrealloc(a->data, (a->n_data + 1) * sizeof *a->data);
            a->data[a->n_data++] = val;
            i++;
        } else if (!strcmp(s, "-i") || !strcmp(s, "--input")) {
            if (!val) goto missing;
            a->input = val;
            i++;
        } else if (!strcmp(s, "-f") || !strcmp(s, "--format")) {
            if (!val) goto missing;
            a->format = val;
            i++;
            if (strcmp(val, "json") && strcmp(val, "pretty")) {
                fprintf(stderr, "regent eval: unknown format '%s' (want json or pretty)\n", val);
                return -1;
            }
        } else if (!strcmp(s, "--v0-compatible")) {
            a->v0 = true;
        } else if (!strcmp(s, "--strict-builtin-errors")) {
            a->strict = true;
        } else if (!strcmp(s, "--fail")) {
            a->fail = true;
        } else if (s[0] == '-' && s[1]) {
            fprintf(stderr, "regent eval: unknown option '%s'\n%s", s, eval_usage);
            return -1;
        } else if (!a->query) {
            a->query = s;
        } else {
            fprintf(stderr, "regent eval: more than one query given ('%s')\n", s);
            return -1;
        }
        continue;
    missing:
        fprintf(stderr, "regent eval: option '%s' needs a value\n", s);
        return -1;
    }
    if (!a->query) {
        fputs(eval_usage, stderr);
        return -1;
    }
    return 0;
}

static int read_input(const char *path, rg_arena *a, rg_value *out, rg_diags *d) {
    char *src;
    size_t len;
    if (rg_read_file(path, &src, &len) != 0) {
        rg_diags_add(d, "load_error", path, 0, 0, "cannot read input: %s", strerror(errno));
        return -1;
    }
    size_t n = strlen(path);
    bool yaml = (n > 5 && !strcmp(path + n - 5, ".yaml")) || (n > 4 && !strcmp(path + n - 4, ".yml"));
    int r = yaml ? rg_yaml_parse(a, path, src, len, 0, NULL, out, d) : rg_json_parse(a, path, src, len, 0, NULL, out, d);
    free(src);
    return r;
}

/* Byte offset of a 1-based line/column in text. */
static size_t offset_of(const char *text, uint32_t line, uint32_t col) {
    size_t off = 0;
    for (uint32_t l = 1; l < line && text[off]; off++)
        if (text[off] == '\n') l++;
    return off + (col ? col - 1 : 0);
}

/* The source text of each written query expression: from its start to the
 * next one's, without separators. */
static rg_value expr_text(rg_arena *a, const rg_query *q, const char *text, size_t i) {
    size_t len = strlen(text);
    size_t start = offset_of(text, q->written[i]->loc.line, q->written[i]->loc.col);
    size_t end = i + 1 < q->body.n ? offset_of(text, q->written[i + 1]->loc.line, q->written[i + 1]->loc.col) : len;
    if (start > len) start = len;
    if (end > len || end < start) end = len;
    while (end > start && strchr(" \t\r\n;", text[end - 1])) end--;
    return rg_string(a, text + start, end - start);
}

static void print_results(rg_arena *a, const rg_query *q, const char *query, const rg_vec *results, const char *format) {
    rg_buf b = RG_BUF_INIT;
    if (!strcmp(format, "pretty")) {
        /* Without bindings, the expressions' values (one result: the value
         * itself; several: an array of them); otherwise the bindings. */
        bool any_bindings = false;
        for (size_t i = 0; i < results->len; i++)
            if (rg_object_get_str(results->items[i], "bindings").len) any_bindings = true;
        if (!results->len) {
            rg_buf_puts(&b, "undefined");
        } else {
            rg_vec all = RG_VEC_INIT;
            for (size_t i = 0; i < results->len; i++) {
                rg_value ex = rg_object_get_str(results->items[i], "expressions");
                rg_vec_push(&all, any_bindings ? rg_object_get_str(results->items[i], "bindings")
                                               : ex.len == 1 ? ex.u.items[0] : ex);
            }
            rg_json_write(&b, !any_bindings && all.len == 1 ? all.items[0] : rg_vec_to_array(a, &all), RG_JSON_PRETTY);
            rg_vec_fini(&all);
        }
        printf("%s\n", rg_buf_cstr(&b));
        rg_buf_fini(&b);
        return;
    }
    rg_vec out = RG_VEC_INIT;
    for (size_t i = 0; i < results->len; i++) {
        rg_value exprs = rg_object_get_str(results->items[i], "expressions");
        rg_value bind = rg_object_get_str(results->items[i], "bindings");
        rg_vec ex = RG_VEC_INIT;
        for (size_t k = 0; k < exprs.len; k++) {
            rg_value loc[4] = {rg_cstring(a, "row"), rg_int(q->written[k]->loc.line), rg_cstring(a, "col"),
                               rg_int(q->written[k]->loc.col)};
            rg_value e[6] = {rg_cstring(a, "value"), exprs.u.items[k], rg_cstring(a, "text"), expr_text(a, q, query, k),
                             rg_cstring(a, "location"), rg_object(a, loc, 2)};
            rg_vec_push(&ex, rg_object(a, e, 3));
        }
        rg_value r[4] = {rg_cstring(a, "expressions"), rg_vec_to_array(a, &ex), rg_cstring(a, "bindings"), bind};
        rg_vec_push(&out, rg_object(a, r, bind.len ? 2 : 1));
        rg_vec_fini(&ex);
    }
    if (out.len) {
        rg_value top[2] = {rg_cstring(a, "result"), rg_vec_to_array(a, &out)};
        rg_json_write(&b, rg_object(a, top, 1), RG_JSON_PRETTY);
    } else {
        rg_buf_puts(&b, "{}");
    }
    printf("%s\n", rg_buf_cstr(&b));
    rg_vec_fini(&out);
    rg_buf_fini(&b);
}

int rg_cmd_eval(int argc, char **argv) {
    eval_args args = {0};
    if (parse_args(argc, argv, &args) != 0) {
        free(args.data);
        return RG_EXIT_ERROR;
    }
    rg_policy *p = rg_policy_new();
    p->v0_compatible = args.v0;
    rg_diags d = RG_DIAGS_INIT;
    rg_arena a;
    rg_arena_init(&a);
    int status = RG_EXIT_OK;
    int errs = 0;
    for (size_t i = 0; i < args.n_data; i++) errs += rg_policy_load_path(p, args.data[i], &d);
    rg_eval_options opts = {.input = rg_undefined(), .strict_builtin_errors = args.strict};
    rg_buf printed = RG_BUF_INIT;
    opts.print_out = &printed;
    if (args.input && read_input(args.input, &a, &opts.input, &d) != 0) errs++;
    if (errs || rg_policy_compile(p, &d) != 0) {
        status = RG_EXIT_ERROR;
        goto out;
    }
    rg_query *q;
    if (rg_query_compile(p, &a, args.query, &q, &d) != 0) {
        status = RG_EXIT_ERROR;
        goto out;
    }
    rg_vec results = RG_VEC_INIT;
    int r = rg_query_eval(p, q, &a, &opts, &results, &d);
    if (printed.len) fputs(rg_buf_cstr(&printed), stderr);
    if (r != 0) status = RG_EXIT_ERROR;
    else {
        print_results(&a, q, args.query, &results, args.format);
        if (args.fail && !results.len) status = RG_EXIT_FINDINGS;
    }
    rg_vec_fini(&results);
out:
    rg_cli_print_diags(stderr, &d);
    rg_buf_fini(&printed);
    rg_diags_fini(&d);
    rg_arena_fini(&a);
    rg_policy_free(p);
    free(args.data);
    return status;
}
