/* str.h - the small string and line helpers that every module used to
 * write for itself: whitespace, trimming, blank values, reading a line.
 * None of them looks at the locale.
 */
#ifndef VOXPOP_STR_H
#define VOXPOP_STR_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "voxpop/buf.h"

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

#endif
