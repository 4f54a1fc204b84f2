/* str.h - the small string and line helpers that every module used to
 * write for itself: whitespace, trimming, blank values, reading a line.
 * None of them looks at the locale.
 */
#ifndef VOXPOP_STR_H
#define VOXPOP_STR_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <string.h>

#include "voxpop/buf.h"
#include "voxpop/err.h"

/* Are a[0..n) and b[0..n) the same bytes?  Inline, 8 or 4 bytes at a time
 * with overlapping loads, for the short keys of the stem cache and the
 * matcher's memo and index. */
static inline int vp_same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	uint32_t u, v;
	if (n >= 8) {
		for (size_t i = 0; i + 8 < n; i += 8) {
			memcpy(&x, a + i, 8);
			memcpy(&y, b + i, 8);
			if (x != y)
				return 0;
		}
		memcpy(&x, a + n - 8, 8);
		memcpy(&y, b + n - 8, 8);
		return x == y;
	}
	if (n >= 4) {
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		if (u != v)
			return 0;
		memcpy(&u, a + n - 4, 4);
		memcpy(&v, b + n - 4, 4);
		return u == v;
	}
	return !n || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
}

/* c is ' ', '\t', '\n', '\v', '\f' or '\r' (isspace in the C locale). */
static inline int vp_is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* s[0..n) holds nothing but JSON whitespace (' ', '\t', '\r', '\n'):
 * a value or line with nothing to read in it. */
int vp_blank(const char *s, size_t n);

/* Cut vp_is_space characters off both ends of the string s, in place;
 * returns the first character kept. */
char *vp_trim(char *s);

/* The same for the span s[0..n): *s and *n are moved to the part between
 * the vp_is_space characters at either end. */
void vp_trim_span(const char **s, size_t *n);

/* Read one line into b, without its end (LF, CRLF, or a lone CR as old Mac
 * files have); b->data is a string afterwards, also for an empty line.
 * At most max + 1 bytes are kept, so memory stays bounded whatever the
 * input (SIZE_MAX: no bound); *too_long (if too_long is not NULL) says
 * there were more.  Returns 1 for a line, 0 at the end of input,
 * EX_IOERR (errno says why) or EX_OSERR. */
int vp_read_line(FILE *fp, vp_buf *b, size_t max, int *too_long);

/* What the last answer of a vp_read_line loop over file name says: 0 (a
 * line, the loop left early; or the end of input), or the error with e
 * filled -- EX_OSERR "out of memory", EX_IOERR "NAME: read error: ..." --
 * the way every reader of a list or a dictionary words it. */
int vp_read_line_end(int got, const char *name, vp_err *e);

#endif
