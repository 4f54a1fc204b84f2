/* fuzz_date - vp_date_iso: no crash or overread; a date it accepts is a
 * real calendar date written YYYY-MM-DD, whose month and year keys
 * (vp_date_month_key, vp_date_year_key) are its first 7 and 4 bytes; the
 * keys of the raw input, when given, are a real month and year. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char iso[11];
	/* copy so that ASan sees a read past the end */
	char *s = malloc(size ? size : 1);
	memcpy(s, data, size);
	if (vp_date_iso(s, size, iso)) {
		int y, m, d;
		char tail;
		if (strlen(iso) != 10 || sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
		    m < 1 || m > 12 || d < 1 || d > 31)
			abort();
		char key[8];
		if (!vp_date_month_key(iso, key) || strlen(key) != 7 || memcmp(key, iso, 7) ||
		    !vp_date_year_key(iso, key) || strlen(key) != 4 || memcmp(key, iso, 4))
			abort();
	}
	char *z = malloc(size + 1);
	if (!z)
		abort();
	memcpy(z, data, size);
	z[size] = '\0';
	char key[8];
	if (vp_date_month_key(z, key)) {
		int y, m;
		if (strlen(key) != 7 || sscanf(key, "%4d-%2d", &y, &m) != 2 || y < 1000 ||
		    m < 1 || m > 12)
			abort();
	}
	if (vp_date_year_key(z, key) && (strlen(key) != 4 || key[0] < '1' || key[0] > '9'))
		abort();
	free(z);
	free(s);
	return 0;
}
