/* Builtin call context; see bi_ctx.h and builtin.h. */
#include "rego/bi_ctx.h"

#include <stdarg.h>
#include <time.h>

void rg_bi_ctx_init(rg_bi_ctx *c, rg_arena *a) {
    *c = (rg_bi_ctx){.arena = a, .meta_rule = rg_empty_object(), .meta_chain = rg_empty_array()};
}

void rg_bi_ctx_fini(rg_bi_ctx *c) {
    rg_buf_fini(&c->err);
    rg_vec_fini(&c->cache);
}

void rg_bi_ctx_clear_error(rg_bi_ctx *c) {
    c->err_code = NULL;
    c->err.len = 0;
    if (c->err.data) c->err.data[0] = 0;
}

rg_arena *rg_bi_arena(rg_bi_ctx *ctx) { return ctx->arena; }
const char *rg_bi_name(rg_bi_ctx *ctx) { return ctx->name ? ctx->name : "builtin"; }

int rg_bi_type_error(rg_bi_ctx *ctx, int argn, const char *want, rg_value got) {
    rg_bi_ctx_clear_error(ctx);
    ctx->err_code = "eval_type_error";
    rg_buf_printf(&ctx->err, "%s: operand %d must be %s but got %s", rg_bi_name(ctx), argn, want,
                  rg_type_name(got));
    return RG_BI_ERROR;
}

int rg_bi_operand_error(rg_bi_ctx *ctx, const char *fmt, ...) {
    rg_bi_ctx_clear_error(ctx);
    ctx->err_code = "eval_type_error";
    rg_buf_printf(&ctx->err, "%s: ", rg_bi_name(ctx));
    va_list ap;
    va_start(ap, fmt);
    rg_buf_vprintf(&ctx->err, fmt, ap);
    va_end(ap);
    return RG_BI_ERROR;
}

int rg_bi_error(rg_bi_ctx *ctx, const char *fmt, ...) {
    rg_bi_ctx_clear_error(ctx);
    ctx->err_code = "eval_builtin_error";
    rg_buf_printf(&ctx->err, "%s: ", rg_bi_name(ctx));
    va_list ap;
    va_start(ap, fmt);
    rg_buf_vprintf(&ctx->err, fmt, ap);
    va_end(ap);
    return RG_BI_ERROR;
}

int64_t rg_bi_now_ns(rg_bi_ctx *ctx) {
    if (!ctx->now_ns) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ctx->now_ns = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
    }
    return ctx->now_ns;
}

rg_value rg_bi_cache_get(rg_bi_ctx *ctx, rg_value key) {
    for (size_t i = 0; i + 1 < ctx->cache.len; i += 2)
        if (rg_value_equal(ctx->cache.items[i], key)) return ctx->cache.items[i + 1];
    return rg_undefined();
}

void rg_bi_cache_put(rg_bi_ctx *ctx, rg_value key, rg_value val) {
    rg_vec_push(&ctx->cache, key);
    rg_vec_push(&ctx->cache, val);
}

void rg_bi_print(rg_bi_ctx *ctx, const char *text, size_t len) {
    if (!ctx->print_out) return;
    rg_buf_append(ctx->print_out, text, len);
    rg_buf_putc(ctx->print_out, '\n');
}

rg_value rg_bi_metadata_rule(rg_bi_ctx *ctx) { return ctx->meta_rule; }
rg_value rg_bi_metadata_chain(rg_bi_ctx *ctx) { return ctx->meta_chain; }

int rg_bi_call(rg_bi_ctx *c, const char *name, const rg_value *args, int nargs, rg_value *out) {
    const rg_builtin_def *d = rg_builtin_lookup(name);
    c->name = name;
    if (!d) return rg_bi_error(c, "unknown builtin");
    if ((d->flags & RG_BI_VARIADIC) ? nargs < d->arity : nargs != d->arity)
        return rg_bi_error(c, "wrong number of arguments");
    *out = rg_undefined();
    return d->fn(c, args, nargs, out);
}
