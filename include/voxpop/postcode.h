/* postcode.h - UK postcodes: recognise, normalise, reduce to the district.
 *
 * Shared by vp-locate (postcode -> district -> locality) and by the
 * redaction of personal data in vp-count quotes.
 */
#ifndef VOXPOP_POSTCODE_H
#define VOXPOP_POSTCODE_H

#include <stddef.h>

#include "voxpop/buf.h"

/* Parse s[0..n) as one UK postcode or district, ignoring case, spaces and
 * surrounding punctuation ("le13 0ab", "LE130AB", "LE13").  On success
 * writes the district ("LE13") to district (>= 8 bytes) and, for a full
 * postcode, the normalised full form ("LE13 0AB") to full (>= 9 bytes, may
 * be NULL); returns 2 for a full postcode, 1 for a district alone, 0 if s
 * is neither. */
int vp_postcode_parse(const char *s, size_t n, char *district, char *full);

/* Find the first full postcode in text[0..n) (word-bounded, with or without
 * the space).  Returns 1 and sets *start, *end (byte offsets, end
 * exclusive), or 0 if none. */
int vp_postcode_find(const char *text, size_t n, size_t *start, size_t *end);

/* Append text[0..n) to out with every full postcode replaced by its
 * district ("Melton LE13 0AB" -> "Melton LE13"), so that the value can be
 * written out without the personal part.  0, or -1 when out of memory. */
int vp_postcode_reduce(const char *text, size_t n, vp_buf *out);

#endif
