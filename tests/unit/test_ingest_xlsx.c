/* The xlsx row source (rowsrc.h, ingest_xlsx.c), driven through the
 * shared header and record code (vp_ingest_rows) as vp-ingest will. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "voxpop/ingest.h"
#include "voxpop/rowsrc.h"
#include "xlsx_fixtures.h"

static char dir[64];

static void setup(void)
{
	strcpy(dir, "/tmp/vp-rowsrc-more.XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
	char p[128];
	for (size_t i = 0; i < sizeof xf_names / sizeof *xf_names; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, xf_names[i]);
		unlink(p);
	}
	rmdir(dir);
}

TestSuite(ingest_xlsx, .init = setup, .fini = teardown);

typedef int (*open_fn)(const vp_rowsrc_args *, vp_rowsrc **, vp_err *);

/* Records from in (through open) as one string; the code. */
static int run(FILE *in, const char *path, open_fn open, unsigned long skip, vp_ingest_opts *o,
               char **recs, vp_ingest_stats *st, vp_err *e)
{
	vp_rowsrc_args a = {.in = in, .path = path, .skip_rows = skip};
	vp_rowsrc *src;
	int rc = open(&a, &src, e);
	if (rc)
		return rc;
	size_t len;
	FILE *out = open_memstream(recs, &len);
	cr_assert_not_null(out);
	rc = vp_ingest_rows(o, src, path, "survey", out, st, e);
	fclose(out);
	vp_rowsrc_close(src);
	return rc;
}

Test(ingest_xlsx, xlsx_records)
{
	cr_assert_eq(xf_make(dir, "basic.xlsx"), 0);
	char p[128];
	snprintf(p, sizeof p, "%s/basic.xlsx", dir);
	FILE *in = fopen(p, "rb");
	cr_assert_not_null(in);
	static const char *const text[] = {"What could we do better?"};
	/* rows wider than the header are bad rows, as in CSV */
	vp_ingest_opts o = {.text_cols = text, .ntext = 1, .id_col = "Response ID", .skip_bad = 1};
	char *recs = NULL;
	vp_ingest_stats st = {0};
	vp_err e = {0};
	cr_assert_eq(run(in, "book.xlsx", vp_rowsrc_xlsx_open, 0, &o, &recs, &st, &e), 0, "%s", e.msg);
	cr_assert_eq(st.rows, 5);
	cr_assert_eq(st.rejected, 3);   /* rows 3, 6 and 7 */
	cr_assert_eq(st.records, 1, "%s", recs);
	cr_assert(strstr(recs, "{\"id\":\"101\",\"source\":\"book.xlsx\""), "%s", recs);
	cr_assert(strstr(recs, "\"text\":\"Rich text runs\""), "%s", recs);
	free(recs);
	fclose(in);
}

/* Error cells are no answer and no locality: no record "#N/A", no group
 * "#N/A"; they are counted for the report at the end. */
Test(ingest_xlsx, error_cells_no_answer_no_locality)
{
	cr_assert_eq(xf_make(dir, "errors.xlsx"), 0);
	char p[128];
	snprintf(p, sizeof p, "%s/errors.xlsx", dir);
	FILE *in = fopen(p, "rb");
	cr_assert_not_null(in);
	static const char *const text[] = {"Comment"};
	vp_ingest_opts o = {.text_cols = text, .ntext = 1, .id_col = "ID", .locality_col = "Area"};
	char *recs = NULL;
	vp_ingest_stats st = {0};
	vp_err e = {0};
	cr_assert_eq(run(in, "book.xlsx", vp_rowsrc_xlsx_open, 0, &o, &recs, &st, &e), 0, "%s", e.msg);
	cr_assert(!strstr(recs, "#N/A"), "%s", recs);
	cr_assert(!strstr(recs, "#DIV/0!"), "%s", recs);
	cr_assert_eq(st.records, 2, "%s", recs);
	cr_assert_eq(st.empty, 1);
	cr_assert_eq(st.error_cells, 3);
	cr_assert_str_eq(st.error_cell_src, "book.xlsx");
	cr_assert_str_eq(st.error_cell_at, "sheet \"Responses\" cell C2");
	cr_assert_str_eq(st.error_cell_kinds, "#N/A, #DIV/0!");
	vp_buf b = VP_BUF_INIT;
	cr_assert_eq(vp_ingest_error_cells(&st, &b), 0);
	cr_assert_str_eq(b.data, "book.xlsx: 3 error cells (#N/A, #DIV/0!) read as empty: first at "
	                 "sheet \"Responses\" cell C2");
	vp_buf_free(&b);
	free(recs);
	fclose(in);
}

Test(ingest_xlsx, xlsx_skip_rows_and_sheet)
{
	cr_assert_eq(xf_make(dir, "sheets.xlsx"), 0);
	char p[128];
	snprintf(p, sizeof p, "%s/sheets.xlsx", dir);
	FILE *in = fopen(p, "rb");
	cr_assert_not_null(in);
	vp_rowsrc_args a = {.in = in, .path = "sheets.xlsx", .skip_rows = 1};
	vp_rowsrc *src;
	vp_err e = {0};
	cr_assert_eq(vp_rowsrc_xlsx_open_sheet(&a, "Lookup & codes", 0, &src, &e), 0, "%s", e.msg);
	vp_row row;
	cr_assert_eq(src->ops->next(src, &row, &e), 1);
	cr_assert_eq(row.line, 2);
	cr_assert_eq(row.n, 2);
	cr_assert_str_eq(row.cell[1], "second");
	cr_assert_eq(row.len[1], 6);
	cr_assert_eq(src->ops->next(src, &row, &e), 0);
	vp_rowsrc_close(src);
	a.skip_rows = 2;
	cr_assert_eq(vp_rowsrc_xlsx_open_sheet(&a, "Lookup & codes", 0, &src, &e), 0, "%s", e.msg);
	cr_assert_eq(src->ops->next(src, &row, &e), 0);
	vp_rowsrc_close(src);
	cr_assert_eq(vp_rowsrc_xlsx_open_sheet(&a, "Nope", 0, &src, &e), EX_USAGE);
	cr_assert_null(src);
	fclose(in);
}
