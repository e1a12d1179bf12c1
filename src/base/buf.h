/* Growable byte buffer (malloc-backed), for building strings and output. */
#ifndef RG_BASE_BUF_H
#define RG_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct rg_buf {
    char *data; /* always NUL-terminated when len > 0 or after any append */
    size_t len, cap;
} rg_buf;

#define RG_BUF_INIT {NULL, 0, 0}

void rg_buf_fini(rg_buf *b);
void rg_buf_reserve(rg_buf *b, size_t extra);
void rg_buf_append(rg_buf *b, const char *s, size_t n);
void rg_buf_puts(rg_buf *b, const char *s);
void rg_buf_putc(rg_buf *b, char c);
void rg_buf_printf(rg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rg_buf_vprintf(rg_buf *b, const char *fmt, va_list ap);
/* Returns the content as a NUL-terminated string ("" when empty). */
const char *rg_buf_cstr(rg_buf *b);
/* Hands the malloc'd string to the caller and resets the buffer. */
char *rg_buf_detach(rg_buf *b);

/* Reads a whole file; returns 0, or -1 with errno set. */
int rg_read_file(const char *path, char **out, size_t *out_len);

#endif
