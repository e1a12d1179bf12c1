/* Canonical JSON writer: sorted object keys, sets as sorted arrays. */
#include <string.h>

#include "value/value.h"

void rg_json_write_string(rg_buf *out, const char *s, size_t len, int flags) {
    static const char hex[] = "0123456789abcdef";
    rg_buf_reserve(out, len + 2);
    rg_buf_putc(out, '"');
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char u[7];
        if (c == '"') esc = "\\\"";
        else if (c == '\\') esc = "\\\\";
        else if (c == '\n') esc = "\\n";
        else if (c == '\r') esc = "\\r";
        else if (c == '\t') esc = "\\t";
        else if (c < 0x20 || ((flags & RG_JSON_ESCAPE_HTML) && (c == '<' || c == '>' || c == '&'))) {
            u[0] = '\\', u[1] = 'u', u[2] = '0', u[3] = '0', u[4] = hex[c >> 4], u[5] = hex[c & 15], u[6] = 0;
            esc = u;
        }
        if (esc) {
            rg_buf_append(out, s + i - run, run);
            run = 0;
            rg_buf_puts(out, esc);
        } else {
            run++;
        }
    }
    rg_buf_append(out, s + len - run, run);
    rg_buf_putc(out, '"');
}

static void indent(rg_buf *out, int flags, int depth) {
    if (!(flags & RG_JSON_PRETTY)) return;
    rg_buf_putc(out, '\n');
    for (int i = 0; i < depth; i++) rg_buf_puts(out, "  ");
}

static void write_value(rg_buf *out, rg_value v, int flags, int depth) {
    switch ((rg_kind)v.kind) {
    case RG_UNDEFINED: rg_buf_puts(out, "null"); break; /* never valid output; be safe */
    case RG_NULL: rg_buf_puts(out, "null"); break;
    case RG_BOOL: rg_buf_puts(out, v.u.b ? "true" : "false"); break;
    case RG_NUMBER: rg_num_write(out, v); break;
    case RG_STRING: rg_json_write_string(out, v.u.s, v.len, flags); break;
    case RG_ARRAY:
    case RG_SET:
        rg_buf_putc(out, '[');
        for (size_t i = 0; i < v.len; i++) {
            if (i) rg_buf_putc(out, ',');
            indent(out, flags, depth + 1);
            write_value(out, v.u.items[i], flags, depth + 1);
        }
        if (v.len) indent(out, flags, depth);
        rg_buf_putc(out, ']');
        break;
    case RG_OBJECT:
        rg_buf_putc(out, '{');
        for (size_t i = 0; i < v.len; i++) {
            if (i) rg_buf_putc(out, ',');
            indent(out, flags, depth + 1);
            rg_value k = v.u.items[2 * i];
            if (k.kind == RG_STRING) {
                write_value(out, k, flags, depth + 1);
            } else {
                rg_buf kb = RG_BUF_INIT;
                write_value(&kb, k, flags & ~RG_JSON_PRETTY, 0);
                rg_json_write_string(out, rg_buf_cstr(&kb), kb.len, flags);
                rg_buf_fini(&kb);
            }
            rg_buf_puts(out, (flags & RG_JSON_PRETTY) ? ": " : ":");
            write_value(out, v.u.items[2 * i + 1], flags, depth + 1);
        }
        if (v.len) indent(out, flags, depth);
        rg_buf_putc(out, '}');
        break;
    }
}

void rg_json_write(rg_buf *out, rg_value v, int flags) { write_value(out, v, flags, 0); }

char *rg_json_dump(rg_value v, int flags) {
    rg_buf b = RG_BUF_INIT;
    rg_json_write(&b, v, flags);
    return rg_buf_detach(&b);
}
