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
#include <stdint.h>
#include <string.h>

typedef struct vp_buf {
	char *data;
	size_t len;
	size_t cap;
} vp_buf;

#define VP_BUF_INIT {NULL, 0, 0}

/* The slow path of vp_buf_reserve: reallocate (doubling).  0 or -1. */
int vp_buf_grow(vp_buf *b, size_t extra);

/* The fast paths are inline: on every hot loop (records, JSON text) the
 * common case is "it fits", a compare and a memcpy. */
static inline int vp_buf_reserve(vp_buf *b, size_t extra)
{
	if (extra < b->cap - b->len && b->len < b->cap)
		return 0; /* len + extra + 1 <= cap, without overflow */
	return vp_buf_grow(b, extra);
}

static inline int vp_buf_append(vp_buf *b, const void *p, size_t n)
{
	if (vp_buf_reserve(b, n) != 0)
		return -1;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

static inline int vp_buf_puts(vp_buf *b, const char *s)
{
	return vp_buf_append(b, s, strlen(s));
}

static inline int vp_buf_putc(vp_buf *b, int c)
{
	if (vp_buf_reserve(b, 1) != 0)
		return -1;
	b->data[b->len++] = (char)c;
	b->data[b->len] = '\0';
	return 0;
}
int vp_buf_printf(vp_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static inline void vp_buf_clear(vp_buf *b)   /* len = 0, keeps the allocation */
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}
void vp_buf_free(vp_buf *b);    /* releases memory, back to VP_BUF_INIT */
/* Detach the string: caller owns the returned pointer ("" if empty, NULL on OOM). */
char *vp_buf_steal(vp_buf *b);
/* A new string formatted as printf does, however long (never cut short,
 * so never cut inside a UTF-8 character): the caller frees it; NULL on OOM. */
char *vp_strf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow the array *pp (cap elements of size bytes) to hold at least need
 * elements, doubling.  pp is the address of the array pointer.  0 or -1.
 * Inline when there is room already (the matcher asks per match). */
int vp_grow_slow(void *pp, size_t *cap, size_t need, size_t size);
static inline int vp_grow(void *pp, size_t *cap, size_t need, size_t size)
{
	return need <= *cap ? 0 : vp_grow_slow(pp, cap, need, size);
}

#endif
