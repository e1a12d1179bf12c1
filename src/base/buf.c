/* Growable byte buffer; see buf.h. */
#include "base/buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

void rg_buf_fini(rg_buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void rg_buf_reserve(rg_buf *b, size_t extra) {
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) cap *= 2;
    b->data = rg_xrealloc(b->data, cap);
    b->cap = cap;
}

void rg_buf_append(rg_buf *b, const char *s, size_t n) {
    rg_buf_reserve(b, n);
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

void rg_buf_puts(rg_buf *b, const char *s) { rg_buf_append(b, s, strlen(s)); }

void rg_buf_putc(rg_buf *b, char c) {
    rg_buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = 0;
}

void rg_buf_vprintf(rg_buf *b, const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n < 0) {
        va_end(ap2);
        return;
    }
    if ((size_t)n < sizeof small) {
        rg_buf_append(b, small, (size_t)n);
    } else {
        rg_buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

void rg_buf_printf(rg_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    rg_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

const char *rg_buf_cstr(rg_buf *b) { return b->data ? b->data : ""; }

char *rg_buf_detach(rg_buf *b) {
    char *s = b->data ? b->data : rg_xstrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

int rg_read_file(const char *path, char **out, size_t *out_len) {
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) return -1;
    rg_buf b = RG_BUF_INIT;
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) rg_buf_append(&b, tmp, n);
    int err = ferror(f);
    if (f != stdin) fclose(f);
    if (err) {
        rg_buf_fini(&b);
        errno = EIO;
        return -1;
    }
    *out_len = b.len;
    *out = rg_buf_detach(&b);
    return 0;
}
