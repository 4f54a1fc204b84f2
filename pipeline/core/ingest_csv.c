/* ingest_csv.c - CSV as a row source (rowsrc.h): banner lines skipped,
 * then the rows of the RFC 4180 reader (csv.c) as they are.  What the
 * first bytes and the header show is checked first: UTF-16 input, and a
 * header of one column that was written with another separator, are named
 * rather than read as garbage (ingest_sniff.c). */
#include <stdlib.h>
#include <string.h>

#include "ingest_sniff.h"
#include "voxpop/csv.h"
#include "voxpop/rowsrc.h"

struct csv_src {
	vp_rowsrc base;      /* first: a vp_rowsrc * is a struct csv_src * */
	vp_csv *csv;
	const char *path;
	int delim_given;     /* --delimiter: the header is not second-guessed */
	int header_seen;
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
	if (!c->header_seen) {
		c->header_seen = 1;
		size_t len;
		const char *h = vp_csv_field(c->csv, 0, &len);
		if (n == 1 && !c->delim_given &&
		    (rc = vp_sniff_one_column(h, len, c->path, vp_csv_line(c->csv), e)) != 0)
			return rc;
	}
	if (n > c->cap) {
		size_t cap = c->cap ? c->cap : 16;
		while (cap < n)
			cap *= 2;
		const char **p = realloc(c->cell, cap * sizeof *p);
		if (!p)
			return vp_oom(e);
		c->cell = p;
		size_t *l = realloc(c->len, cap * sizeof *l);
		if (!l)
			return vp_oom(e);
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
	if (!c)
		return;
	vp_csv_close(c->csv);
	free(c->cell);
	free(c->len);
	free(c);
}

static const vp_rowsrc_ops csv_ops = {csv_next, csv_lost_rest, NULL, csv_close, NULL};

/* The banner lines: all of them there, and something after them.  (UTF-16
 * never gets here: vp_ingest reads it through the UTF-16 layer.) */
static int start(struct csv_src *c, const vp_rowsrc_args *a, vp_err *e)
{
	if (a->skip_rows == 0)
		return 0;
	int rc;
	unsigned long seen = 0;
	rc = vp_csv_skip_lines(c->csv, a->skip_rows, &seen, e);
	if (rc == 1 && a->sep_line)
		return 0; /* "sep=," and nothing below it: no rows, an empty input */
	if (rc == 1)
		return vp_errf(e, EX_DATAERR, "--skip-rows %lu is past the end of %s (%lu line%s)",
		               a->skip_rows, strcmp(a->path, "-") ? a->path : "stdin", seen,
		               seen == 1 ? "" : "s");
	return rc;
}

int vp_rowsrc_csv_open(const vp_rowsrc_args *a, vp_rowsrc **out, vp_err *e)
{
	*out = NULL;
	struct csv_src *c = calloc(1, sizeof *c);
	vp_csv_opts co = {.delim = a->delim, .max_field = a->max_field};
	if (!c || !(c->csv = vp_csv_open(a->in, a->path, &co))) {
		free(c);
		return vp_oom(e);
	}
	c->base.ops = &csv_ops;
	c->path = a->path;
	c->delim_given = a->delim != 0;
	int rc = start(c, a, e);
	if (rc) {
		csv_close(&c->base);
		return rc;
	}
	*out = &c->base;
	return 0;
}
