/* ingest_csv.c - CSV as a row source (rowsrc.h): banner lines skipped,
 * then the rows of the RFC 4180 reader (csv.c) as they are. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/csv.h"
#include "voxpop/rowsrc.h"

struct csv_src {
	vp_rowsrc base;      /* first: a vp_rowsrc * is a struct csv_src * */
	vp_csv *csv;
	const char **cell;
	size_t *len;
	size_t cap;
};

static int csv_next(vp_rowsrc *s, vp_row *row, vp_err *e)
{
	struct csv_src *c = (struct csv_src *)s;
	int rc = vp_csv_next(c->csv, e);
	if (rc != 1)
		return rc;
	size_t n = vp_csv_nfields(c->csv);
	if (n > c->cap) {
		size_t cap = c->cap ? c->cap : 16;
		while (cap < n)
			cap *= 2;
		const char **p = realloc(c->cell, cap * sizeof *p);
		if (!p)
			return vp_errf(e, EX_OSERR, "out of memory");
		c->cell = p;
		size_t *l = realloc(c->len, cap * sizeof *l);
		if (!l)
			return vp_errf(e, EX_OSERR, "out of memory");
		c->len = l;
		c->cap = cap;
	}
	for (size_t i = 0; i < n; i++)
		c->cell[i] = vp_csv_field(c->csv, i, &c->len[i]);
	row->n = n;
	row->cell = c->cell;
	row->len = c->len;
	row->line = vp_csv_line(c->csv);
	return 1;
}

static int csv_lost_rest(const vp_rowsrc *s)
{
	return vp_csv_eof(((const struct csv_src *)s)->csv);
}

static void csv_close(vp_rowsrc *s)
{
	struct csv_src *c = (struct csv_src *)s;
	vp_csv_close(c->csv);
	free(c->cell);
	free(c->len);
	free(c);
}

static const vp_rowsrc_ops csv_ops = {csv_next, csv_lost_rest, NULL, csv_close};

static int skip_lines(const vp_rowsrc_args *a, vp_err *e)
{
	for (unsigned long k = 0; k < a->skip_rows; k++) {
		int ch;
		while ((ch = getc_unlocked(a->in)) != EOF && ch != '\n')
			;
		if (ch == EOF) {
			if (ferror(a->in))
				return vp_errf_at(e, EX_IOERR, a->path, k + 1, "read error: %s",
				                  strerror(errno ? errno : EIO));
			return 0;
		}
	}
	return 0;
}

int vp_rowsrc_csv_open(const vp_rowsrc_args *a, vp_rowsrc **out, vp_err *e)
{
	*out = NULL;
	int rc = skip_lines(a, e);
	if (rc)
		return rc;
	struct csv_src *c = calloc(1, sizeof *c);
	vp_csv_opts co = {.delim = a->delim, .max_field = a->max_field,
	                  .first_line = a->skip_rows + 1};
	if (!c || !(c->csv = vp_csv_open(a->in, a->path, &co))) {
		free(c);
		return vp_errf_at(e, EX_OSERR, a->path, 0, "out of memory");
	}
	c->base.ops = &csv_ops;
	*out = &c->base;
	return 0;
}
