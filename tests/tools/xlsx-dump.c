/* xlsx-dump - print a sheet's rows through vp_xlsx, for tests and the bench:
 *   xlsx-dump [--sheet S] [--max-cols N] [--max-field N] [--max-shared N] [--shared-mem N] [-q] FILE
 * One line per row: the row number, then each cell, TAB-separated, with
 * backslash, TAB, LF and CR escaped as \\ \t \n \r.  -q prints only
 * "rows N cells M" (the bench).  Errors: "xlsx-dump: message", exit code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/xlsx.h"

int main(int argc, char **argv)
{
	vp_xlsx_opts o = {0};
	const char *sheet = NULL;
	int quiet = 0, i = 1;
	for (; i < argc - 1; i++) {
		if (strcmp(argv[i], "--sheet") == 0)
			sheet = argv[++i];
		else if (strcmp(argv[i], "--max-cols") == 0)
			o.max_cols = strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--max-field") == 0)
			o.max_field = strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--max-shared") == 0)
			o.max_shared = strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--shared-mem") == 0)
			o.shared_mem = strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-q") == 0)
			quiet = 1;
		else
			break;
	}
	if (i != argc - 1) {
		fprintf(stderr, "usage: xlsx-dump [--sheet S] [--max-cols N] [--max-field N] [--max-shared N] [--shared-mem N] [-q] FILE\n");
		return EX_USAGE;
	}
	vp_err e = {0};
	vp_xlsx *x;
	int rc = vp_xlsx_open(&x, argv[i], sheet, &o, &e);
	if (rc) {
		vp_err_print("xlsx-dump", &e);
		return rc;
	}
	const char *const *cells;
	size_t n;
	unsigned long rowno, rows = 0, ncells = 0;
	while ((rc = vp_xlsx_next_row(x, &cells, &n, &rowno, &e)) == 1) {
		rows++;
		ncells += n;
		if (quiet)
			continue;
		printf("%lu", rowno);
		for (size_t k = 0; k < n; k++) {
			putchar('\t');
			for (const char *p = cells[k]; *p; p++) {
				switch (*p) {
				case '\\': fputs("\\\\", stdout); break;
				case '\t': fputs("\\t", stdout); break;
				case '\n': fputs("\\n", stdout); break;
				case '\r': fputs("\\r", stdout); break;
				default: putchar(*p);
				}
			}
		}
		putchar('\n');
	}
	if (quiet && rc == 0)
		printf("rows %lu cells %lu\n", rows, ncells);
	vp_xlsx_close(x);
	if (rc) {
		vp_err_print("xlsx-dump", &e);
		return rc;
	}
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "xlsx-dump: write error\n");
		return EX_IOERR;
	}
	return 0;
}
