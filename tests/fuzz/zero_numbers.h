/* zero_numbers.h - for the harnesses that compare with jansson (fuzz_jscan,
 * fuzz_locate): a line with each number made 0, so that what jansson says
 * of it is what it would say of the numbers' shape, not their size.  Not a
 * public header. */
#ifndef VP_FUZZ_ZERO_NUMBERS_H
#define VP_FUZZ_ZERO_NUMBERS_H

#include <stdlib.h>
#include <string.h>

/* A malloc'd copy of s[0..n) with each number outside strings made 0
 * (and spaces, so the length stays n). */
static char *zero_numbers(const char *s, size_t n)
{
	char *z = malloc(n ? n : 1);
	if (!z)
		abort();
	memcpy(z, s, n);
	int in_str = 0;
	for (size_t i = 0; i < n; i++) {
		if (in_str) {
			if (z[i] == '\\')
				i++;
			else if (z[i] == '"')
				in_str = 0;
		} else if (z[i] == '"') {
			in_str = 1;
		} else if (z[i] == '-' || (z[i] >= '0' && z[i] <= '9')) {
			size_t k = i;
			while (k < n && z[k] && strchr("0123456789.eE+-", z[k]))
				k++;
			z[i] = '0';
			memset(z + i + 1, ' ', k - i - 1);
			i = k - 1;
		}
	}
	return z;
}

#endif
