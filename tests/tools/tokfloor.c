/* tokfloor - the speed floor for `make bench`: read a CSV (stdin) with the
 * shared reader and tokenise + stem the text columns with the shared
 * tokeniser, nothing else -- no records, no JSON, no matching, no counting.
 * Whatever the pipeline does costs at least this much.
 *     tokfloor COLUMN... < survey.csv     (COLUMN: header names)
 * Prints "tokfloor: ROWS rows, TEXTS texts, TOKENS tokens" on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/csv.h"
#include "voxpop/err.h"
#include "voxpop/text.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: tokfloor COLUMN... < file.csv\n");
		return EX_USAGE;
	}
	vp_err e;
	vp_err_clear(&e);
	vp_text *tx = NULL;
	vp_tokens toks = VP_TOKENS_INIT;
	vp_csv *c = vp_csv_open(stdin, "-", NULL);
	size_t ncol = (size_t)argc - 1, *col = calloc(ncol, sizeof *col);
	int rc = !c || !col ? vp_errf(&e, EX_OSERR, "out of memory") : vp_text_open(&tx, "english", &e);
	if (rc == 0 && (rc = vp_csv_next(c, &e)) == 1) {
		rc = 0;
		for (size_t k = 0; k < ncol && rc == 0; k++) {
			size_t i, n, len = strlen(argv[k + 1]);
			for (i = 0, n = vp_csv_nfields(c); i < n; i++) {
				size_t fl;
				const char *f = vp_csv_field(c, i, &fl);
				if (fl == len && memcmp(f, argv[k + 1], len) == 0)
					break;
			}
			col[k] = i;
			if (i == n)
				rc = vp_errf(&e, EX_USAGE, "no column '%s'", argv[k + 1]);
		}
	} else if (rc == 1 || rc == 0) {
		rc = rc == 0 ? vp_errf(&e, EX_DATAERR, "no header") : rc;
	}
	unsigned long rows = 0, texts = 0, tokens = 0;
	while (rc == 0 && (rc = vp_csv_next(c, &e)) == 1) {
		rc = 0;
		rows++;
		for (size_t k = 0; k < ncol && rc == 0; k++) {
			size_t fl = 0;
			const char *f = col[k] < vp_csv_nfields(c) ? vp_csv_field(c, col[k], &fl) : "";
			if (!fl)
				continue;
			vp_tokens_clear(&toks);
			rc = vp_text_tokenise(tx, f, fl, 0, &toks, &e);
			texts++;
			tokens += toks.n;
		}
	}
	if (rc)
		vp_err_print("tokfloor", &e);
	else
		fprintf(stderr, "tokfloor: %lu rows, %lu texts, %lu tokens\n", rows, texts, tokens);
	vp_tokens_free(&toks);
	vp_text_close(tx);
	vp_csv_close(c);
	free(col);
	return rc;
}
