/* jsonw.h - writing JSON text directly into a vp_buf.
 *
 * jansson builds a tree per record; on a hot path that writes many flat
 * records it is cheaper to append the text directly.  Input strings must be
 * valid UTF-8 (validate first, see utf8.h); they are copied through, with
 * only '"', '\\' and control characters escaped.
 */
#ifndef VOXPOP_JSONW_H
#define VOXPOP_JSONW_H

#include <stddef.h>

#include "voxpop/buf.h"

/* Append s[0..n) as a quoted JSON string.  0, or -1 when out of memory. */
int vp_json_str(vp_buf *b, const char *s, size_t n);

/* Append "key": as in an object (the key quoted and escaped, then ':').
 * 0, or -1 when out of memory. */
int vp_json_key(vp_buf *b, const char *key, size_t n);

#endif
