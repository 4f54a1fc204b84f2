/* fuzz_xlsx - the xlsx reader on workbooks whose parts are the input: split
 * at 0xFF bytes into sheet XML (<sheetData> content), shared strings (<sst>
 * content) and styles (<styleSheet> content), zipped with libzip into a
 * temporary file (flag 16: the shared strings go to disk past 16 bytes).
 * Checks: no crash, leak or UB; every row has cells, each valid UTF-8 with
 * the length reported; ncells within max_cols; no cell over max_field; an
 * error says what. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "voxpop/utf8.h"
#include "voxpop/xlsx.h"
#include "../unit/xlsx_fixtures.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 1 << 16)
		return 0;
	int flags = data[0];
	data++, size--;
	char *parts[3] = {NULL, NULL, NULL};
	size_t start = 0, k = 0;
	for (size_t i = 0; i <= size && k < 3; i++) {
		if (i == size || data[i] == 0xFF) {
			parts[k] = malloc(i - start + 1);
			if (!parts[k])
				abort();
			memcpy(parts[k], data + start, i - start);
			parts[k][i - start] = '\0';  /* a NUL inside cuts the part short */
			k++;
			start = i + 1;
		}
	}
	char path[64];
	snprintf(path, sizeof path, "/tmp/fuzz_xlsx.%ld.xlsx", (long)getpid());
	xf_sheet s[] = {{"S", parts[0] ? parts[0] : "", 0, NULL}};
	xf_book b = {flags & 1, parts[1], parts[2], 1, s};
	if (xf_write(path, &b) == 0) {
		vp_xlsx_opts o = {.max_field = (flags & 2) ? 8 : 0, .max_cols = (flags & 4) ? 3 : 0,
		                  .max_shared = (flags & 8) ? 64 : 0, .shared_mem = (flags & 16) ? 16 : 0};
		size_t max_cols = o.max_cols ? o.max_cols : 16384;
		vp_xlsx *x;
		vp_err e = {0};
		int rc = vp_xlsx_open(&x, path, NULL, &o, &e);
		if (rc == 0) {
			const char *const *c;
			size_t n;
			unsigned long r;
			while ((rc = vp_xlsx_next_row(x, &c, &n, &r, &e)) == 1) {
				const size_t *len = vp_xlsx_lens(x);
				if (n == 0 || n > max_cols || r == 0)
					abort();
				for (size_t i = 0; i < n; i++) {
					if (strlen(c[i]) != len[i] || vp_utf8_check(c[i], len[i]) != len[i])
						abort();
					if (o.max_field && len[i] > o.max_field &&
					    !strchr(c[i], '-') && !strchr(c[i], ':'))
						abort();  /* (dates are written whole, TRUE/FALSE too) */
				}
			}
			vp_xlsx_close(x);
		}
		if (rc && e.msg[0] == '\0')
			abort();
	}
	unlink(path);
	for (int i = 0; i < 3; i++)
		free(parts[i]);
	return 0;
}
