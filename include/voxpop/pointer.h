/* pointer.h - RFC 6901 JSON Pointer evaluation over jansson values.
 *
 * "" is the whole document; "/a/0/b~1c" walks object member "a", array
 * element 0, member "b/c".  "~0" stands for '~' and "~1" for '/'; any other
 * '~' is a syntax error.  Array indices are "0" or digits without a leading
 * zero; "-" (one past the end) never resolves to a value.
 */
#ifndef VOXPOP_POINTER_H
#define VOXPOP_POINTER_H

#include <jansson.h>

#include "voxpop/buf.h"
#include "voxpop/err.h"

/* Check that ptr is a syntactically valid pointer.  0, or EX_USAGE with e
 * filled ("JSON pointer 'x': must be empty or start with '/'"). */
int vp_pointer_check(const char *ptr, vp_err *e);

/* The value ptr refers to inside doc (borrowed reference), or NULL if it
 * refers to nothing there (or ptr is invalid: check it first). */
json_t *vp_pointer_get(json_t *doc, const char *ptr);

/* The last reference token of ptr, unescaped, into out (cleared first):
 * "/answers/q~1two" -> "q/two"; "" -> "".  0, or -1 when out of memory. */
int vp_pointer_last(const char *ptr, vp_buf *out);

#endif
