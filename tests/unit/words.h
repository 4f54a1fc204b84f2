/* words.h - for the unit tests: a text of n different words, to fill or
 * empty a stem cache.
 *
 *	size_t len;
 *	char *big = distinct_words("w", 70000, &len);   ("w0 w1 w2 ... "; free(big))
 */
#ifndef VP_TEST_WORDS_H
#define VP_TEST_WORDS_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

/* prefix (at most 4 bytes) and a number, each followed by a space */
static inline char *distinct_words(const char *prefix, int n, size_t *len)
{
	char *big = malloc((size_t)n * 12 + 1);
	cr_assert_not_null(big);
	size_t at = 0;
	for (int i = 0; i < n; i++)
		at += (size_t)sprintf(big + at, "%s%d ", prefix, i);
	*len = at;
	return big;
}

#endif
