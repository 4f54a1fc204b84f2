/* ingest_xlsx.c - an .xlsx sheet as a row source (rowsrc.h), over the
 * streaming reader in xlsx.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "voxpop/ingest.h"
#include "voxpop/rowsrc.h"
#include "voxpop/xlsx.h"

/* ---- xlsx ---- */

struct xlsx_src {
	vp_rowsrc base;      /* first: a vp_rowsrc * is a struct xlsx_src * */
	vp_xlsx *x;
	unsigned long skip_rows;
	unsigned long rows;  /* rows given so far */
	const char *path;
	int wrong_sheet;     /* the error below was given: nothing more to read */
	int fd;              /* the workbook's: its offset is where the zip reader
	                      * is (it reads through a dup of it) */
	vp_progress_fn progress;
	void *progress_ctx;
};

static int xlsx_next(vp_rowsrc *s, vp_row *row, vp_err *e)
{
	struct xlsx_src *xs = (struct xlsx_src *)s;
	const char *const *cells;
	size_t n;
	unsigned long rowno;
	int rc;
	while ((rc = vp_xlsx_next_row(xs->x, &cells, &n, &rowno, e)) == 1) {
		if (rowno <= xs->skip_rows)
			continue;
		if (!xs->rows) /* the header: merges below it are counted */
			vp_xlsx_merge_floor(xs->x, rowno);
		memset(row, 0, sizeof *row);
		row->n = n;
		row->cell = cells;
		row->len = vp_xlsx_lens(xs->x);
		row->line = rowno;
		xs->rows++;
		if (xs->progress) {
			off_t at = lseek(xs->fd, 0, SEEK_CUR);
			xs->progress(xs->progress_ctx, at > 0 ? (unsigned long long)at : 0);
		}
		return 1;
	}
	/* the first of several sheets, taken by default, with nothing below
	 * its header: the responses are on another ("Intro", "Responses") --
	 * say so, not a silent run of no records */
	if (rc == 0 && xs->rows <= 1 && vp_xlsx_sheet_list(xs->x) && !xs->wrong_sheet++)
		return vp_errf(e, EX_DATAERR, "%s: sheet \"%s\" has no rows below its header; the "
		               "sheets are %s: choose one with --sheet", xs->path,
		               vp_xlsx_sheet_name(xs->x), vp_xlsx_sheet_list(xs->x));
	return rc;
}

static int xlsx_lost_rest(const vp_rowsrc *s)
{
	const struct xlsx_src *xs = (const struct xlsx_src *)s;
	return vp_xlsx_spent(xs->x) || xs->wrong_sheet;
}

static void xlsx_close(vp_rowsrc *s)
{
	struct xlsx_src *xs = (struct xlsx_src *)s;
	vp_xlsx_close(xs->x);
	free(xs);
}

/* Error cells (#N/A...) read as empty and cells merged down below the
 * header: counted into st, the first file's first one (and the error
 * kinds) kept, for the report at the end; and the sheet taken by default
 * from several shown. */
static void xlsx_tell(const vp_rowsrc *s, vp_ingest_stats *st)
{
	const struct xlsx_src *xs = (const struct xlsx_src *)s;
	const char *first, *kinds;
	/* the first of several sheets shown, read by default: said, for the
	 * responses may be on another (a "Notes" sheet first) -- unless it was
	 * already the error above */
	if (vp_xlsx_shown(xs->x) > 1 && !xs->wrong_sheet && !st->sheet_default++) {
		snprintf(st->sheet_default_src, sizeof st->sheet_default_src, "%s", xs->path);
		snprintf(st->sheet_default_name, sizeof st->sheet_default_name, "%s",
		         vp_xlsx_sheet_name(xs->x));
		const char *l = vp_xlsx_sheet_list(xs->x);
		size_t n = strlen(l), max = sizeof st->sheet_default_list - 1;
		if (n > max) {   /* cut after a whole name, else where it fits */
			size_t k = max - 5;
			while (k && memcmp(l + k, ", \"", 3) != 0)
				k--;
			snprintf(st->sheet_default_list, sizeof st->sheet_default_list, "%.*s, ...",
			         (int)(k ? k : max - 5), l);
		} else {
			memcpy(st->sheet_default_list, l, n + 1);
		}
	}
	unsigned long cells, m = vp_xlsx_merged_down(xs->x, &cells, &first);
	if (m) {
		if (!st->merged_down) {
			snprintf(st->merged_src, sizeof st->merged_src, "%s", xs->path);
			snprintf(st->merged_first, sizeof st->merged_first, "%s", first);
		}
		st->merged_down += m;
		st->merged_cells += cells;
	}
	unsigned long n = vp_xlsx_error_cells(xs->x, &first, &kinds);
	if (!n)
		return;
	if (!st->error_cells) {
		snprintf(st->error_cell_src, sizeof st->error_cell_src, "%s", xs->path);
		snprintf(st->error_cell_at, sizeof st->error_cell_at, "%s", first);
		snprintf(st->error_cell_kinds, sizeof st->error_cell_kinds, "%s", kinds);
	}
	st->error_cells += n;
}

static const vp_rowsrc_ops xlsx_ops = {xlsx_next, xlsx_lost_rest, NULL, xlsx_close, xlsx_tell};

int vp_rowsrc_xlsx_open_sheet(const vp_rowsrc_args *a, const char *sheet, size_t max_cols,
                              vp_rowsrc **out, vp_err *e)
{
	*out = NULL;
	struct xlsx_src *xs = calloc(1, sizeof *xs);
	if (!xs)
		return vp_errf_at(e, EX_OSERR, a->path, 0, "out of memory");
	vp_xlsx_opts o = {.max_field = a->max_field, .max_cols = max_cols};
	int rc = vp_xlsx_open_fp(&xs->x, a->in, a->path, sheet, &o, e);
	if (rc) {
		free(xs);
		return rc;
	}
	xs->base.ops = &xlsx_ops;
	xs->base.clean = 1;
	xs->skip_rows = a->skip_rows;
	xs->path = a->path;
	xs->fd = fileno(a->in);
	xs->progress = a->progress;
	xs->progress_ctx = a->progress_ctx;
	*out = &xs->base;
	return 0;
}

int vp_rowsrc_xlsx_open(const vp_rowsrc_args *a, vp_rowsrc **out, vp_err *e)
{
	return vp_rowsrc_xlsx_open_sheet(a, a->sheet, 0, out, e);
}
