/* fuzz_csv - the CSV reader (vp_csv_*): no crash, no overread; every field
 * returned has the length reported and is NUL-terminated; no field exceeds
 * max_field; line numbers never go back, also after a bad row or a stray
 * quote's lines read again.  First input byte picks the delimiter and the
 * field limit. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const int delims[] = {',', ';', '\t', '|'};
	vp_csv_opts o = {.delim = delims[data[0] & 3],
	                 .max_field = (data[0] & 4) ? 16 : 0};
	data++, size--;
	FILE *fp = fmemopen((void *)data, size ? size : 1, "rb");
	if (!fp)
		return 0;
	if (size == 0)
		fgetc(fp); /* fmemopen needs size >= 1: read the byte away */
	vp_csv *c = vp_csv_open(fp, "fuzz.csv", &o);
	vp_err e = {0};
	int rc;
	unsigned long last_line = 0;
	/* Read on after bad rows, as --skip-bad does: a row over the limit is
	 * read past, a stray quote's lines are read again (always progressing:
	 * a bound on the loop would hide a reader that does not). */
	for (;;) {
		rc = vp_csv_next(c, &e);
		if (rc == 0)
			break;
		if (rc != 1) {
			if (e.msg[0] == '\0')
				abort(); /* an error must say what */
			if (rc != EX_DATAERR || vp_csv_eof(c))
				break;
			continue;
		}
		size_t nf = vp_csv_nfields(c);
		if (nf == 0)
			abort();
		for (size_t i = 0; i < nf; i++) {
			size_t n;
			const char *f = vp_csv_field(c, i, &n);
			if (f[n] != '\0')
				abort();
			if (o.max_field && n > o.max_field)
				abort();
		}
		if (vp_csv_line(c) < last_line)
			abort();
		last_line = vp_csv_line(c);
	}
	vp_csv_close(c);
	fclose(fp);
	return 0;
}
