/* buf.h - the one growable byte string used everywhere (in the spirit of sds).
 *
 * A zero-initialised vp_buf is an empty string.  data is always
 * NUL-terminated once anything has been appended, and may also contain NUL
 * bytes (len is authoritative).  Every function that can allocate returns 0
 * on success and -1 when memory runs out, leaving the buffer unchanged.
 */
#ifndef VOXPOP_BUF_H
#define VOXPOP_BUF_H

#include <stddef.h>

typedef struct vp_buf {
	char *data;
	size_t len;
	size_t cap;
} vp_buf;

#define VP_BUF_INIT {NULL, 0, 0}

int vp_buf_reserve(vp_buf *b, size_t extra);
int vp_buf_append(vp_buf *b, const void *p, size_t n);
int vp_buf_puts(vp_buf *b, const char *s);
int vp_buf_putc(vp_buf *b, int c);
int vp_buf_printf(vp_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void vp_buf_clear(vp_buf *b);   /* len = 0, keeps the allocation */
void vp_buf_free(vp_buf *b);    /* releases memory, back to VP_BUF_INIT */
/* Detach the string: caller owns the returned pointer ("" if empty, NULL on OOM). */
char *vp_buf_steal(vp_buf *b);

/* Grow the array *pp (cap elements of size bytes) to hold at least need
 * elements, doubling.  pp is the address of the array pointer.  0 or -1. */
int vp_grow(void *pp, size_t *cap, size_t need, size_t size);

#endif
