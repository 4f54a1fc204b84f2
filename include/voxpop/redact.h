/* redact.h - mask personal data in comment text before it is quoted.
 *
 * E-mail addresses become "[email]", UK phone numbers (07xxx xxxxxx,
 * +44 7xxx xxxxxx, (0116) 234 5678, 020 7946 0018, ...) become "[phone]",
 * full UK postcodes (LE13 0AB, le130ab) become "[postcode]".  A postcode
 * district on its own ("LE13") is not personal and is left alone.
 */
#ifndef VOXPOP_REDACT_H
#define VOXPOP_REDACT_H

#include <stddef.h>

#include "voxpop/buf.h"

/* Append text[0..n) to out, masked.  Returns 0, or -1 when out of memory. */
int vp_redact(const char *text, size_t n, vp_buf *out);

#endif
