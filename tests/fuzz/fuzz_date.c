/* fuzz_date - vp_date_iso: no crash or overread; a date it accepts is a
 * real calendar date written YYYY-MM-DD. */
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
	}
	free(s);
	return 0;
}
