/* ingest_table.c - rows of any row source (rowsrc.h) into records: the
 * header, the columns (named, guessed from the first rows, or the source's
 * own layout), then per row its cells checked (and converted), its other
 * columns rendered once as "fields", one record per non-empty answer. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest_impl.h"
#include "voxpop/input.h"
#include "voxpop/jsonw.h"
#include "voxpop/str.h"
#include "voxpop/xlsx.h"

struct table {
	struct vp_ingest_run *r;
	vp_rowsrc *src;
	const vp_layout *lay;
	vp_header hdr;
	size_t hdr_filled;   /* the header row's cells with something in them */
	int hdr_title;       /* the header row is blank, or only its first cell is
	                      * filled: a title above the header, or a blank row */
	unsigned long hdr_line;
	unsigned long u8_line;   /* --encoding: the first row with a value that is
	                          * valid UTF-8 beyond ASCII (vp_conv_note), or 0 */
	unsigned long header_at; /* a row below it that looks like the header, or 0 */
	vp_hplan plan;       /* the header rows combined (not for a source's own layout) */
	/* the row below a plain header, read to see if it is a second header
	 * row and not: what the source gave, for the next row read */
	int ahead, ahead_rc;
	vp_row ahead_row;
	vp_err ahead_err;
	vp_colguess *unmarked; /* a layout's text columns: the rest watched, first rows */
	size_t unmarked_rows, unmarked_max;
	char **hrow[3];      /* the header rows as written (trimmed), to know a copy of one */
	size_t hrow_n[3], nhrow;
	vp_columns col;
	long status;         /* the layout's status column (Qualtrics), or -1 */
	long consent;        /* the consent question's column (vp_header_is_consent), or -1 */
	size_t first_field;  /* "fields": the columns from this one on */
	vp_buf keys;         /* every header name as a JSON key "name": */
	size_t *key_off;     /* offsets into keys, n+1 entries */
	vp_buf fields;       /* {...} of the current row */
	unsigned char *keep; /* per column: goes into "fields" (--fields); NULL: not yet chosen */
	/* rendered once (the hot path): source, channel; every column's name as
	 * a question; the current row's date */
	vp_buf src_json, chan_json, questions, date_json;
	size_t *q_off;       /* offsets into questions, n+1 entries */
	vp_buf resp;         /* the current row's respondent when it is source:LINE */
	vp_buf conv;         /* converted cells of the current row */
	const char **vp;     /* the row's values, clean UTF-8, one per column */
	size_t *vl;
	size_t *voff;        /* offset of a converted value in conv, or SIZE_MAX */
	size_t cap;
};

/* The line ends in s[0..n) (a cell's quoted line breaks): LF, CRLF or a
 * lone CR, as the CSV reader counts lines. */
static unsigned long line_ends(const char *s, size_t n)
{
	unsigned long k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n'));
	return k;
}

static int grow(struct table *t, size_t n)
{
	if (n <= t->cap)
		return 0;
	size_t cap = t->cap ? t->cap : 16;
	while (cap < n)
		cap *= 2;
	const char **p = realloc(t->vp, cap * sizeof *p);
	if (!p)
		return vp_ingest_oom(t->r);
	t->vp = p;
	size_t *l = realloc(t->vl, cap * sizeof *l);
	if (!l)
		return vp_ingest_oom(t->r);
	t->vl = l;
	l = realloc(t->voff, cap * sizeof *l);
	if (!l)
		return vp_ingest_oom(t->r);
	t->voff = l;
	t->cap = cap;
	return 0;
}

/* ------------------------------------------------------------------ */
/* the header */

/* Cells h checked (and converted unless the source did), trimmed, as C
 * strings in *out (h->n of them; free with free_cells). */
static void free_cells(char **c, size_t n)
{
	for (size_t i = 0; c && i < n; i++)
		free(c[i]);
	free(c);
}

static int header_cells(struct table *t, const vp_row *h, int trimmed, char ***out)
{
	struct vp_ingest_run *r = t->r;
	size_t n = h->n;
	char **c = calloc(n ? n : 1, sizeof *c);
	int rc = c ? 0 : vp_ingest_oom(r);
	for (size_t i = 0; i < n && rc == 0; i++) {
		size_t bad_at = 0, off = SIZE_MAX, len = h->len[i];
		char why[300];
		const char *s = h->cell[i];
		if (!t->src->clean) {
			vp_buf_clear(&t->conv);
			int k = vp_cell_clean(r->conv, h->cell[i], h->len[i], &t->conv, &off, &len,
			                      why, sizeof why, &bad_at, "the header", NULL);
			if (k < 0) {
				rc = vp_ingest_oom(r);
				break;
			}
			if (k > 0) {
				rc = vp_errf_at(r->e, EX_DATAERR, r->path,
				                h->line + line_ends(h->cell[i], bad_at), "%s", why);
				break;
			}
			if (off != SIZE_MAX)
				s = t->conv.data + off;
		}
		if (trimmed)
			vp_trim_span(&s, &len);
		if (!(c[i] = strndup(s, len)))
			rc = vp_ingest_oom(r);
	}
	if (rc) {
		free_cells(c, n);
		return rc;
	}
	*out = c;
	return 0;
}

/* The next row from the source (the one read ahead first): as its next. */
static int pull(struct table *t, vp_row *row)
{
	if (t->ahead) {
		t->ahead = 0;
		*row = t->ahead_row;
		if (t->ahead_rc != 0 && t->ahead_rc != 1)
			*t->r->e = t->ahead_err;
		return t->ahead_rc;
	}
	row->bad = NULL;
	return t->src->ops->next(t->src, row, t->r->e);
}

enum { SPAN_MAX = 100 }; /* columns one question of a two-row header spans */

/* A short heading with a letter in it (no number, no date, no answer):
 * the cell c[0..l), trimmed. */
static int heading_cell(const char *c, size_t l)
{
	size_t alpha = 0;
	vp_trim_span(&c, &l);
	if (l > 100)
		return 0;
	for (size_t j = 0; j < l; j++)
		alpha += (c[j] >= 'A' && c[j] <= 'Z') || (c[j] >= 'a' && c[j] <= 'z') ||
		         (unsigned char)c[j] >= 0x80;
	return !l || alpha;
}

static size_t trimmed_len(const vp_row *row, size_t i, const char **c)
{
	size_t l = i < row->n ? row->len[i] : 0;
	*c = i < row->n ? row->cell[i] : "";
	vp_trim_span(c, &l);
	return l;
}

/* Is row, below a plain header h0[0..n0) (trimmed), the header's second
 * row: row 1 leaves cells empty right of a question (Excel's merged
 * cells), and row holds a sub-heading in every column of each such span
 * -- the question's and the empty ones -- and nothing anywhere else, each
 * a short heading with a letter in it, those under one question all
 * different?  Row 1 must also name a column alone (nothing below it): a
 * title above the header ("Patient survey 2026 export") spans them all. */
static int second_header_row(char *const *h0, size_t n0, const vp_row *row)
{
	size_t n = n0 > row->n ? n0 : row->n, spans = 0, alone = 0;
	if (row->bad)
		return 0;
	for (size_t i = 0; i < n;) {
		const char *c;
		size_t j = i + 1;
		if (i >= n0 || !*h0[i]) { /* left of every question: nothing below */
			if (trimmed_len(row, i, &c))
				return 0;
			i++;
			continue;
		}
		while (j < n && (j >= n0 || !*h0[j]))
			j++;
		if (j - i > SPAN_MAX)
			return 0;
		for (size_t k = i; k < j; k++) {
			size_t l = trimmed_len(row, k, &c);
			if (j - i > 1 ? !l || !heading_cell(c, l) : l != 0)
				return 0;
			for (size_t m = i; m < k; m++) {
				const char *d;
				size_t dl = trimmed_len(row, m, &d);
				if (dl == l && strncasecmp(c, d, l) == 0)
					return 0;
			}
		}
		spans += j - i > 1;
		alone += j - i == 1;
		i = j;
	}
	return spans > 0 && alone > 0;
}

/* The header's names that the second header row made, on stderr. */
static int say_second_row(struct table *t, unsigned long first, unsigned long second)
{
	struct vp_ingest_run *r = t->r;
	vp_buf names = VP_BUF_INIT;
	size_t k = 0;
	for (size_t i = 0; i < t->hdr.n && i < t->plan.n; i++) {
		if (!t->plan.question[i])
			continue;
		if (++k <= 8 && vp_buf_printf(&names, "%s\"%s\"", k > 1 ? ", " : "",
		                              t->hdr.name[i]) != 0) {
			vp_buf_free(&names);
			return vp_ingest_oom(r);
		}
	}
	if (k > 8 && vp_buf_printf(&names, ", ... (%zu columns)", k) != 0) {
		vp_buf_free(&names);
		return vp_ingest_oom(r);
	}
	vp_ingest_note(r, "%s: read rows %lu-%lu as the header: %s (a question over several "
	               "columns, its sub-headings below it); to read row %lu as a response, "
	               "give --preset excel", r->path, first, second, names.len ? names.data : "",
	               second);
	vp_buf_free(&names);
	return 0;
}

/* The header rows (the first is h; a layout may read more), combined by
 * the layout recognised or named into the plan and the header's names.  A
 * plain table (no layout named or recognised) may have a second header
 * row (second_header_row); the row read to know is read again as data
 * when it is not. */
static int plan_header(struct table *t, const vp_row *h)
{
	struct vp_ingest_run *r = t->r;
	char **rows[3] = {NULL, NULL, NULL};
	size_t nc[3] = {0, 0, 0}, nrows = 0, n = h->n;
	unsigned long line[3] = {h->line, h->line, h->line};
	int rc = header_cells(t, h, 1, &rows[0]);
	if (rc)
		return rc;
	nc[0] = h->n;
	nrows = 1;
	const vp_ingest_preset *p = r->o->preset;
	int recognised = 0;
	if (!p) {
		p = vp_preset_detect((const char *const *)rows[0], nc[0]);
		recognised = p != NULL;
		if (!p)
			p = vp_preset_parse("excel");
	}
	if (!r->o->preset && !recognised && p->kind == VP_PRESET_PLAIN && p->header_rows == 1) {
		vp_row row;
		int k = pull(t, &row);
		if (k == 1 && second_header_row(rows[0], nc[0], &row)) {
			line[1] = row.line;
			if ((rc = header_cells(t, &row, 1, &rows[1])) == 0) {
				nc[1] = row.n;
				nrows = 2;
				if (row.n > n)
					n = row.n;
			}
		} else {
			t->ahead = 1;
			t->ahead_rc = k;
			t->ahead_row = row;
			if (k != 0 && k != 1)
				t->ahead_err = *r->e;
		}
	}
	vp_row last; /* the last header row read, as the source gave it */
	while (rc == 0 && nrows < p->header_rows && nrows < 3) {
		vp_row row;
		row.bad = NULL;
		int k = t->src->ops->next(t->src, &row, r->e);
		if (k == 0)
			break; /* header rows only */
		if (k != 1) {
			rc = k;
			break;
		}
		if (row.bad) {
			rc = vp_errf_at(r->e, EX_DATAERR, r->path, row.bad_line, "%s", row.bad);
			break;
		}
		line[nrows] = row.line;
		if ((rc = header_cells(t, &row, 1, &rows[nrows])) != 0)
			break;
		last = row;
		nc[nrows++] = row.n;
		if (row.n > n)
			n = row.n;
	}
	if (rc == 0) {
		char why[300];
		size_t bad_row = 1;
		int k = vp_hplan_build(&t->plan, p, rows, nc, nrows, n, why, sizeof why, &bad_row);
		/* a tool's export recognised, whose row 2 is data under a row 1
		 * naming every column: its one-row layout (SurveyMonkey's
		 * condensed export), row 2 read again as the first response */
		const vp_ingest_preset *one = k > 0 && recognised && bad_row == 2 && nrows == 2 &&
		                              p->one_row && vp_hplan_names_all(rows, nc, n)
		                                  ? vp_preset_parse(p->one_row) : NULL;
		if (one) {
			free_cells(rows[1], nc[1]);
			rows[1] = NULL;
			nc[1] = 0;
			nrows = 1;
			n = nc[0];
			t->ahead = 1;
			t->ahead_rc = 1;
			t->ahead_row = last;
			p = one;
			k = vp_hplan_build(&t->plan, p, rows, nc, nrows, n, why, sizeof why, &bad_row);
		}
		if (k < 0)
			rc = vp_ingest_oom(r);
		else if (k > 0) /* the line of the header row that is not the layout's */
			rc = vp_errf_at(r->e, EX_DATAERR, r->path,
			                line[bad_row - 1 < nrows ? bad_row - 1 : 0], "%s", why);
		else
			t->plan.recognised = recognised;
	}
	if (rc) {
		for (size_t k = 0; k < nrows; k++)
			free_cells(rows[k], nc[k]);
		return rc;
	}
	/* kept: a row below that repeats one is a pasted header, not data */
	for (size_t k = 0; k < nrows; k++) {
		t->hrow[k] = rows[k];
		t->hrow_n[k] = nc[k];
	}
	t->nhrow = nrows;
	size_t *len = malloc((n ? n : 1) * sizeof *len);
	if (!len)
		return vp_ingest_oom(r);
	for (size_t i = 0; i < n; i++)
		len[i] = strlen(t->plan.name[i]);
	rc = vp_header_init(&t->hdr, (const char *const *)t->plan.name, len, n);
	free(len);
	if (rc)
		return vp_ingest_oom(r);
	return nrows > p->header_rows ? say_second_row(t, line[0], line[1]) : 0;
}

/* The header: names (a source's own, or the layout's), then the columns:
 * the source's layout, or the options and the layout's plan. */
static int set_header(struct table *t, const vp_row *h)
{
	struct vp_ingest_run *r = t->r;
	size_t n;
	int rc;
	if (t->lay) {
		char **c = NULL;
		size_t *len = malloc((h->n ? h->n : 1) * sizeof *len);
		if (!len)
			return vp_ingest_oom(r);
		if ((rc = header_cells(t, h, 0, &c)) != 0) {
			free(len);
			return rc;
		}
		for (size_t i = 0; i < h->n; i++)
			len[i] = strlen(c[i]);
		rc = vp_header_init_as_is(&t->hdr, (const char *const *)c, len, h->n);
		free_cells(c, h->n);
		free(len);
		if (rc)
			return vp_ingest_oom(r);
	} else if ((rc = plan_header(t, h)) != 0) {
		return rc;
	}

	n = t->hdr.n;
	t->key_off = malloc((n + 1) * sizeof *t->key_off);
	t->q_off = malloc((n + 1) * sizeof *t->q_off);
	if (!t->key_off || !t->q_off)
		return vp_ingest_oom(r);
	for (size_t i = 0; i < n; i++) {
		const char *name = t->lay && t->lay->no_question ? "" : t->hdr.name[i];
		if (!t->lay && i < t->plan.n && t->plan.question[i])
			name = t->plan.question[i];
		t->key_off[i] = t->keys.len;
		t->q_off[i] = t->questions.len;
		if (vp_json_key(&t->keys, t->hdr.name[i], strlen(t->hdr.name[i])) != 0 ||
		    vp_record_json_str(&t->questions, name, strlen(name)) != 0)
			return vp_ingest_oom(r);
	}
	t->key_off[n] = t->keys.len;
	t->q_off[n] = t->questions.len;
	if (vp_record_json_str(&t->src_json, r->source, strlen(r->source)) != 0 ||
	    vp_record_json_str(&t->chan_json, r->channel, strlen(r->channel)) != 0)
		return vp_ingest_oom(r);

	if ((rc = vp_columns_init(r, &t->col, n)) != 0)
		return rc;
	if (!t->lay) {
		if (!r->o->keep_status && t->plan.status >= 0 && (size_t)t->plan.status < n)
			t->status = t->plan.status;
		for (size_t i = 0; i < n && t->consent < 0 && !r->o->keep_declined; i++)
			if (vp_header_is_consent(t->hdr.name[i]))
				t->consent = (long)i;
		return vp_columns_resolve(r, &t->hdr, &t->plan, &t->col);
	}
	const vp_layout *l = t->lay;
	if (l->text < 0 || (size_t)l->text >= n)
		return vp_errf_at(r->e, EX_SOFTWARE, r->path, 0, "layout: no text column");
	t->col.text[t->col.ntext++] = l->text;
	t->col.is_text[l->text] = 1;
	t->col.id = l->id;
	t->col.resp = l->id;
	t->col.loc = l->locality;
	t->col.date = l->date;
	t->col.order = r->o->date_order_given ? r->o->date_order : VP_DATE_DMY;
	t->first_field = l->first_field;
	return 0;
}

/* The plan on stderr (-v) or, for --list-columns, on the output. */
static int show_plan(struct table *t)
{
	struct vp_ingest_run *r = t->r;
	/* -v: for tables read through the header code (a source's own
	 * layout is fixed: --list-columns only) */
	if (!r->o->list_columns && !(r->o->verbose && t->col.plan))
		return 0;
	vp_buf b = VP_BUF_INIT;
	int rc = 0;
	if (vp_columns_describe(r, &t->hdr, &t->col, &b) != 0 ||
	    (t->consent >= 0 &&
	     vp_buf_printf(&b, "\n  consent: \"%s\" (a row refusing is not read; --keep-declined)",
	                   t->hdr.name[t->consent]) != 0) ||
	    vp_buf_putc(&b, '\n') != 0) {
		rc = vp_ingest_oom(r);
	} else if (r->o->list_columns) {
		if (fwrite(b.data, 1, b.len, r->out) != b.len)
			rc = vp_errf(r->e, EX_IOERR, "write error: %s", strerror(errno ? errno : EIO));
	} else if (r->o->note) {
		b.data[--b.len] = '\0';
		r->o->note(r->o->note_ctx, b.data);
	}
	vp_buf_free(&b);
	return rc;
}

/* ------------------------------------------------------------------ */
/* rows */

/* One data row: cells f[0..nf) with lengths fl, starting on line. */
/* Under --fields all, the columns whose header names a personal detail
 * (an export's "Email", "Name", "IP Address", "What is your postcode?")
 * are left out, and said: "all" means the columns a team may analyse, not
 * its respondents' details; named in a list, one is kept. */
static int leave_out_personal(struct table *t)
{
	struct vp_ingest_run *r = t->r;
	vp_buf names = VP_BUF_INIT;
	int rc = 0;
	for (size_t i = t->first_field; i < t->hdr.n && rc == 0; i++)
		if (!t->col.is_text[i] && vp_ingest_left_out_personal(r, &names, t->hdr.name[i], &rc))
			t->keep[i] = 0;
	if (rc) {
		vp_buf_free(&names);
		return rc;
	}
	if (names.len)
		vp_ingest_note(r, "%s: --fields all: left out as personal details: %s; name a column "
		               "in --fields to keep it", r->path, names.data);
	vp_buf_free(&names);
	return 0;
}

/* Which columns go into "fields" (--fields): all but the text columns
 * (and personal details), none, or the columns named.  Chosen once the
 * columns are known. */
static int choose_fields(struct table *t)
{
	struct vp_ingest_run *r = t->r;
	size_t n = t->hdr.n;
	if (!(t->keep = calloc(n ? n : 1, 1)))
		return vp_ingest_oom(r);
	if (r->o->fields_mode != VP_FIELDS_LIST) {
		memset(t->keep, r->o->fields_mode == VP_FIELDS_ALL, n);
		return r->o->fields_mode == VP_FIELDS_ALL && !r->o->fields_personal
		           ? leave_out_personal(t) : 0;
	}
	for (size_t k = 0; k < r->o->nkeep; k++) {
		long i = vp_header_find(&t->hdr, r->o->keep_fields[k]);
		if (i < 0) {
			int comma = 0; /* a header with a comma: say how to name it */
			for (size_t j = 0; j < t->hdr.n && !comma; j++)
				comma = strchr(t->hdr.name[j], ',') != NULL;
			vp_buf cols = VP_BUF_INIT; /* as the other column options list them */
			if (vp_header_list(&t->hdr, &cols) != 0) {
				vp_buf_free(&cols);
				return vp_ingest_oom(r);
			}
			vp_errf(r->e, EX_USAGE, "%s: --fields: %s column '%s'%s (columns: %s)", r->path,
			        i == VP_HDR_AMBIGUOUS ? "more than one" : "no", r->o->keep_fields[k],
			        comma ? " (write a comma in a name as '\\,': --fields 'Age\\, in years')"
			              : "",
			        cols.data ? cols.data : "");
			vp_buf_free(&cols);
			return EX_USAGE;
		}
		t->keep[i] = 1;
	}
	return 0;
}

/* The current row's "fields" object into b (cleared): the columns keep
 * says (every column but the text ones under --fields all).  0, or
 * -1 when out of memory. */
static int put_fields(struct table *t, vp_buf *b)
{
	vp_buf_clear(b);
	int rc = vp_buf_putc(b, '{');
	int first = 1;
	for (size_t i = t->first_field; i < t->hdr.n && rc == 0; i++) {
		if (t->col.is_text[i] || !t->keep[i])
			continue;
		if (!first)
			rc |= vp_buf_putc(b, ',');
		first = 0;
		rc |= vp_buf_append(b, t->keys.data + t->key_off[i], t->key_off[i + 1] - t->key_off[i]);
		rc |= vp_json_str(b, t->vp[i], t->vl[i]);
	}
	return rc | vp_buf_putc(b, '}');
}

/* s[0..n) is the label of a summary row that a spreadsheet user put below
 * the responses ("Total", "Grand total:", "Average"). */
static int summary_label(const char *s, size_t n)
{
	static const char *const words[] = {"total", "totals", "grand total", "subtotal", "sub-total",
	                                    "total responses", "sum", "count", "average", "mean",
	                                    "summary"};
	vp_trim_span(&s, &n);
	if (n && s[n - 1] == ':') {
		n--;
		vp_trim_span(&s, &n);
	}
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strlen(words[i]) == n && strncasecmp(s, words[i], n) == 0)
			return 1;
	return 0;
}

/* s[0..n) (trimmed, not empty) is a figure a summary row holds: a number,
 * perhaps signed, with thousands commas, a decimal point, a currency sign
 * before it or a '%' after it ("1,204", "-3.5", "62%", "£120"). */
static int figure(const char *s, size_t n)
{
	size_t i = 0, digits = 0;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	if (i < n && s[i] == '$')
		i++;
	else if (n - i >= 2 && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA3)
		i += 2; /* a pound sign */
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (!(s[i] == ',' || s[i] == '.' || (s[i] == '%' && i + 1 == n)))
			return 0;
	}
	return digits > 0;
}

/* The column of the current row's summary label ("Total" and the like:
 * summary_label), or -1 when the row is no summary row.  The label is the
 * row's first cell that is not empty, wherever it stands -- in the first
 * column, or after cells left empty (a totals row leaves the respondent id
 * blank and puts "Total" under the second or third column) -- and the row
 * holds no answer: every free-text cell but the label is empty or a
 * figure.  A label in a free-text column (not the first) is one only when
 * the rest of the row is figures, one at least.  So "Total" answered by a
 * respondent (an id before it) or alone in a free-text column, "Average"
 * rating a visit whose comment is beside it, and an answer that merely
 * holds the word ("total waste of time") stay responses. */
static long summary_row(const struct table *t)
{
	size_t n = t->hdr.n, i;
	if (n < 2)
		return -1;
	for (i = 0; i < n; i++) {
		const char *s = t->vp[i];
		size_t k = t->vl[i];
		vp_trim_span(&s, &k);
		if (k)
			break;
	}
	if (i == n || !summary_label(t->vp[i], t->vl[i]))
		return -1;
	int in_text = t->col.is_text[i];
	if (in_text && i == 0)
		return -1;
	size_t figures = 0;
	for (size_t j = 0; j < n; j++) {
		const char *s = t->vp[j];
		size_t k = t->vl[j];
		vp_trim_span(&s, &k);
		if (j == i || !k)
			continue;
		int fig = figure(s, k);
		if (!fig && (t->col.is_text[j] || in_text))
			return -1;
		figures += fig;
	}
	return !in_text || figures ? (long)i : -1;
}

/* The current row (t->vp, every column) repeats header row K as written
 * (cell for cell, trimmed; two of its cells at least not empty): K (1..),
 * else 0.  Rows pasted below other rows bring their header with them. */
static size_t header_copy(const struct table *t)
{
	for (size_t k = 0; k < t->nhrow; k++) {
		size_t filled = 0, i;
		for (i = 0; i < t->hdr.n; i++) {
			const char *h = i < t->hrow_n[k] ? t->hrow[k][i] : "";
			const char *v = t->vp[i];
			size_t hn = strlen(h), vn = t->vl[i];
			vp_trim_span(&v, &vn);
			if (hn != vn || memcmp(h, v, hn) != 0)
				break;
			filled += hn != 0;
		}
		if (i == t->hdr.n && filled >= 2)
			return k + 1;
	}
	return 0;
}

static int table_row(struct table *t, const char *const *f, const size_t *fl, size_t nf,
                     unsigned long line)
{
	struct vp_ingest_run *r = t->r;
	size_t ncols = t->hdr.n;
	char why[400];
	r->st->rows++;

	for (size_t i = ncols; i < nf; i++) {
		if (fl[i]) {
			snprintf(why, sizeof why, "row has %zu fields, header has %zu", nf, ncols);
			return vp_ingest_bad_row(r, line, why);
		}
	}
	if (nf > ncols)
		nf = ncols;
	if (t->src->clean) {
		for (size_t i = 0; i < nf; i++) {
			t->vp[i] = f[i];
			t->vl[i] = fl[i];
		}
	} else {
		vp_buf_clear(&t->conv);
		for (size_t i = 0; i < nf; i++) {
			size_t bad_at = 0;
			int k = vp_cell_clean(r->conv, f[i], fl[i], &t->conv, &t->voff[i], &t->vl[i],
			                      why, sizeof why, &bad_at, "field", t->hdr.name[i]);
			if (k < 0)
				return vp_ingest_oom(r);
			if (k > 0) {
				unsigned long l = line + line_ends(f[i], bad_at);
				for (size_t j = 0; j < i; j++)
					l += line_ends(f[j], fl[j]);
				return vp_ingest_bad_row(r, l, why);
			}
		}
		for (size_t i = 0; i < nf; i++)
			t->vp[i] = t->voff[i] == SIZE_MAX ? f[i] : t->conv.data + t->voff[i];
	}
	/* (a text source's rows were cleaned as they were read) */
	if (r->conv && !t->u8_line && vp_conv_utf8_seen(r->conv))
		t->u8_line = line;
	for (size_t i = nf; i < ncols; i++) {
		t->vp[i] = "";  /* a short row: missing fields are empty */
		t->vl[i] = 0;
	}
	size_t hk = header_copy(t);
	if (hk) {
		if (t->nhrow == 1)
			snprintf(why, sizeof why, "a copy of the header row (pasted with the rows below "
			         "it?), not a response (--skip-bad passes over it)");
		else
			snprintf(why, sizeof why, "a copy of header row %zu (pasted with the rows below "
			         "it?), not a response (--skip-bad passes over it)", hk);
		return vp_ingest_bad_row(r, line, why);
	}
	/* "Total" as the row's first cell (not an answer): a row of sums,
	 * not a response -- its count, or the label, would be read as an
	 * answer */
	long sk = summary_row(t);
	if (sk >= 0) {
		const char *lab = t->vp[sk];
		size_t ln = t->vl[sk];
		vp_trim_span(&lab, &ln);
		snprintf(why, sizeof why, "\"%.*s\" in column \"%.*s\": a summary row, not a response "
		         "(--skip-bad passes over it)", (int)ln, lab, 80, t->hdr.name[sk]);
		return vp_ingest_bad_row(r, line, why);
	}
	/* a Qualtrics preview, test or spam: not a response (counted) */
	if (t->status >= 0) {
		const char *st = t->vp[t->status];
		size_t sn = t->vl[t->status];
		vp_trim_span(&st, &sn);
		if (vp_ingest_check_status(r, st, sn))
			return 0;
	}
	/* a refusal of consent to use the answers: not read (counted) */
	if (t->consent >= 0 && !t->col.is_text[t->consent]) {
		const char *cs = t->vp[t->consent];
		size_t cn = t->vl[t->consent];
		vp_trim_span(&cs, &cn);
		if (vp_ingest_check_consent(r, t->hdr.name[t->consent], (size_t)t->consent, cs, cn))
			return 0;
	}

	if (!t->keep) {
		int krc = choose_fields(t);
		if (krc)
			return krc;
	}
	vp_buf *fb = &t->fields;
	int rc = 0;
	if (r->o->fields_mode != VP_FIELDS_NONE && put_fields(t, fb) != 0) /* none: not built */
		return vp_ingest_oom(r);

	vp_record_parts p = {
		.source = {t->src_json.data, t->src_json.len, 1},
		.channel = {t->chan_json.data, t->chan_json.len, 1},
		.locality = {"", 0, 0},
		.date = {"\"\"", 2, 1},
		.respondent = {"", 0, 0},
		.fields = {r->o->fields_mode == VP_FIELDS_NONE ? NULL : fb->data, fb->len, 1},
	};
	const char *idv = "";
	size_t idn = 0;
	if (t->col.loc >= 0) {
		p.locality.s = t->vp[t->col.loc];
		p.locality.n = t->vl[t->col.loc];
		vp_trim_span(&p.locality.s, &p.locality.n);
	}
	if (t->col.date >= 0) {
		const char *ds = t->vp[t->col.date];
		size_t dn = t->vl[t->col.date];
		char iso[11];
		vp_trim_span(&ds, &dn);
		int k = dn ? vp_date_read(ds, dn, t->col.order, iso) : VP_DATE_NONE;
		vp_buf_clear(&t->date_json);
		if (k == VP_DATE_OK ? vp_record_json_str(&t->date_json, iso, 10)
		                    : vp_record_json_str(&t->date_json, ds, dn))
			return vp_ingest_oom(r);
		/* shaped like a date but not one in the order (VP_DATE_BAD), or
		 * no date at all ("soon", a serial number): unreadable alike */
		if (dn && k != VP_DATE_OK && (rc = vp_ingest_bad_date(r, ds, dn, line, t->col.order)) != 0)
			return rc < 0 ? 0 : rc;
		p.date.s = t->date_json.data;
		p.date.n = t->date_json.len;
	}
	if (t->col.resp >= 0) {
		p.respondent.s = t->vp[t->col.resp];
		p.respondent.n = t->vl[t->col.resp];
		vp_trim_span(&p.respondent.s, &p.respondent.n);
		vp_ingest_check_id(r, t->hdr.name[t->col.resp], p.respondent.s, p.respondent.n, line);
	}
	if (!p.respondent.n) {
		/* no respondent column, or no value: the row is the respondent */
		char num[32];
		vp_buf_clear(&t->resp);
		if (vp_buf_puts(&t->resp, r->source) != 0 ||
		    vp_buf_append(&t->resp, num, (size_t)snprintf(num, sizeof num, ":%lu", line)))
			return vp_ingest_oom(r);
		p.respondent.s = t->resp.data;
		p.respondent.n = t->resp.len;
	}
	if (t->col.id >= 0) {
		idv = t->vp[t->col.id];
		idn = t->vl[t->col.id];
		vp_trim_span(&idv, &idn);
		if (t->col.id != t->col.resp)
			vp_ingest_check_id(r, t->hdr.name[t->col.id], idv, idn, line);
	}
	/* two passes: every answer's record is checked against --max-line
	 * before any is written, so a row is taken whole or not at all */
	int id_checked = 0; /* at the row's first record written */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t q = 0; q < t->col.ntext; q++) {
			long k = t->col.text[q];
			p.text.s = t->vp[k];
			p.text.n = t->vl[k];
			vp_trim_span(&p.text.s, &p.text.n);
			if (p.text.n == 0) {
				r->st->empty += (unsigned long)pass;
				continue;
			}
			p.question.s = t->questions.data + t->q_off[k];
			p.question.n = t->q_off[k + 1] - t->q_off[k];
			p.question.json = 1;
			if ((rc = vp_ingest_make_id(r, idv, idn, line, q, t->col.ntext, &p.id)) != 0)
				return rc;
			if (pass == 1) {
				const char *idcol = t->col.id >= 0 ? t->hdr.name[t->col.id] : "";
				if (!id_checked && (rc = vp_ingest_check_dup_id(r, idcol, idv, idn, line)))
					return rc;
				id_checked = 1;
				if ((rc = vp_ingest_emit(r, &p, NULL, NULL)) != 0)
					return rc;
				continue;
			}
			char why[128];
			rc = vp_ingest_fits(r, &p, NULL, NULL, why, sizeof why);
			if (rc == 0)
				return vp_ingest_bad_row(r, line, why);
			if (rc != 1)
				return rc;
		}
	}
	return 0;
}

/* The next data row: 1, 0 at the end, or an EX_* code.  A bad row is
 * counted and is an error or (skip_bad) noted and passed over; so is, under
 * skip_bad, a row the source rejects (a field over the limit, a bad paragraph; an
 * unterminated quote, which loses the rest of the input) is counted,
 * noted and passed over. */
static int next_row(struct table *t, vp_row *row)
{
	struct vp_ingest_run *r = t->r;
	for (;;) {
		int rc = pull(t, row);
		if (rc == 1 && row->bad) {
			r->st->rows++;
			if ((rc = vp_ingest_bad_row(r, row->bad_line, row->bad)) != 0)
				return rc;
			continue;
		}
		if (rc == EX_DATAERR)
			r->st->rows++; /* a row read, skipped or stopped at */
		if (rc != EX_DATAERR || !r->o->skip_bad)
			return rc;
		r->st->rejected++;
		/* losing the rest of the file is always said */
		if (t->src->ops->lost_rest && t->src->ops->lost_rest(t->src))
			vp_ingest_note(r, "%s (rest of file skipped)", r->e->msg);
		else if (r->st->rejected <= VP_INGEST_NOTE_FIRST)
			vp_ingest_note(r, "%s (skipped)", r->e->msg);
		vp_err_clear(r->e);
	}
}

/* ------------------------------------------------------------------ */
/* a title above the header ("Patient survey 2026 export"): the rows just
 * below the header read, one that looks like the header is suggested to
 * --skip-rows to in the error that the header gave */

enum { HEADER_HINT_ROWS = 4 };  /* rows below the header looked at */

/* Cells of row[0..n) with something in them. */
static size_t filled_cells(const char *const *cell, const size_t *len, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const char *c = cell[i];
		size_t l = len[i];
		vp_trim_span(&c, &l);
		k += l > 0;
	}
	return k;
}

static int has_cell(const char *const *cell, const size_t *len, size_t n, const char *name)
{
	const char *w = name;
	size_t wn = strlen(name);
	vp_trim_span(&w, &wn);
	for (size_t i = 0; i < n; i++) {
		const char *c = cell[i];
		size_t l = len[i];
		vp_trim_span(&c, &l);
		if (l == wn && strncasecmp(c, w, wn) == 0)
			return 1;
	}
	return 0;
}

/* Does the row look like the header the one read as it was not: each
 * column an option names among its cells, or (none named) more cells
 * with something in them than that one's one or none, each a short name
 * with a letter in it (no number, no date, no answer)? */
static int header_like(const struct table *t, const char *const *cell, const size_t *len,
                       size_t n)
{
	const vp_ingest_opts *o = t->r->o;
	const char *named[] = {o->id_col, o->locality_col, o->date_col, o->respondent_col};
	int any = 0;
	if (filled_cells(cell, len, n) < 2)
		return 0;
	for (size_t i = 0; i < o->ntext; i++, any = 1)
		if (!has_cell(cell, len, n, o->text_cols[i]))
			return 0;
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (named[i] && (any = 1) && !has_cell(cell, len, n, named[i]))
			return 0;
	if (any)
		return 1;
	if (t->hdr_filled > 1)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!heading_cell(cell[i], len[i]))
			return 0;
	return 1;
}

/* Note the row as the header's place if it is the first that looks like it. */
static void note_header_like(struct table *t, const vp_row *row)
{
	if (!t->header_at && header_like(t, row->cell, row->len, row->n))
		t->header_at = row->line;
}

/* The error (EX_USAGE, in r->e) with "; row N looks like the header: try
 * --skip-rows N-1" added when a row below the header did. */
static int hint_header(struct table *t, int rc)
{
	if (rc != EX_USAGE || !t->header_at || t->header_at < 2)
		return rc;
	vp_err *e = t->r->e;
	char hint[128];
	int h = snprintf(hint, sizeof hint, "; row %lu looks like the header: try --skip-rows %lu",
	                 t->header_at, t->header_at - 1);
	size_t m = strlen(e->msg);
	if (h < 0 || (size_t)h >= sizeof e->msg)
		return rc;
	if (m + (size_t)h >= sizeof e->msg) { /* the hint before the end of a long list */
		m = sizeof e->msg - 1 - (size_t)h;
		while (m > 0 && ((unsigned char)e->msg[m] & 0xC0) == 0x80)
			m--; /* not inside a character */
	}
	memcpy(e->msg + m, hint, (size_t)h + 1);
	return rc;
}

/* set_header's EX_USAGE (a column named that the header lacks): the next
 * few rows read to look for the header among them. */
static int header_rows_below(struct table *t, int rc)
{
	if (rc != EX_USAGE || t->lay)
		return rc;
	vp_err saved = *t->r->e;
	vp_row row;
	for (int i = 0; i < HEADER_HINT_ROWS && !t->header_at; i++) {
		if (pull(t, &row) != 1 || row.bad)
			break;
		note_header_like(t, &row);
	}
	*t->r->e = saved;
	return hint_header(t, rc);
}

/* ------------------------------------------------------------------ */
/* guessing the text columns from the first rows */

/* A raw row that its Status marks as no response (Qualtrics), or whose
 * consent answer refuses: its answers guide no guess (the row is counted
 * when it is read). */
static int no_response(const struct table *t, const vp_row *row)
{
	if (t->consent >= 0 && (size_t)t->consent < row->n &&
	    vp_consent_answer(row->cell[t->consent], row->len[t->consent]) == VP_CONSENT_NO)
		return 1;
	if (t->status < 0 || (size_t)t->status >= row->n)
		return 0;
	int numeric;
	int i = vp_qstatus_find(row->cell[t->status], row->len[t->status], &numeric);
	return i >= 0 && !vp_qstatus_at(i)->response;
}

/* Rows read while guessing, kept to be processed after. */
struct saved_row {
	unsigned long line;
	size_t nf;
	vp_buf data; /* per cell: size_t length, then the bytes */
};

static int save_row(struct saved_row *s, const vp_row *row)
{
	s->line = row->line;
	s->nf = row->n;
	s->data = (vp_buf)VP_BUF_INIT;
	for (size_t i = 0; i < s->nf; i++) {
		size_t n = row->len[i];
		if (vp_buf_append(&s->data, &n, sizeof n) || vp_buf_append(&s->data, row->cell[i], n))
			return -1;
	}
	return 0;
}

static int replay_row(struct table *t, struct saved_row *s)
{
	int rc = grow(t, s->nf > t->hdr.n ? s->nf : t->hdr.n);
	if (rc)
		return rc;
	const char **f = malloc((s->nf ? s->nf : 1) * sizeof *f);
	size_t *fl = malloc((s->nf ? s->nf : 1) * sizeof *fl);
	if (!f || !fl) {
		free(f);
		free(fl);
		return vp_ingest_oom(t->r);
	}
	const char *p = s->data.data;
	for (size_t i = 0; i < s->nf; i++) {
		memcpy(&fl[i], p, sizeof fl[i]);
		f[i] = p + sizeof fl[i];
		p += sizeof fl[i] + fl[i];
	}
	rc = table_row(t, f, fl, s->nf, s->line);
	free(f);
	free(fl);
	return rc;
}

/* Read up to max rows into saved and choose the text columns from them.  A
 * read error while sampling ends the sample: the columns are still guessed
 * from the rows before it (so that they are written, as they would be with
 * named columns) and the error is returned in *pending / *perr. */
static int sample(struct table *t, struct saved_row *saved, size_t max, size_t *nsaved,
                  int *eof, int *pending, vp_err *perr)
{
	struct vp_ingest_run *r = t->r;
	vp_colguess *g = vp_colguess_new(t->hdr.n, max);
	if (!g)
		return vp_ingest_oom(r);
	int rc = 0;
	size_t held = 0; /* bytes of the rows saved: at most VP_INGEST_SNIFF_BYTES */
	*nsaved = 0;
	*eof = 0;
	*pending = 0;
	while (*nsaved < max && held < VP_INGEST_SNIFF_BYTES) {
		vp_row row;
		int k = next_row(t, &row);
		if (k == 0) {
			*eof = 1;
			break;
		}
		if (k != 1) {
			*pending = k;
			*perr = *r->e;
			break;
		}
		if (save_row(&saved[*nsaved], &row) != 0) {
			vp_buf_free(&saved[*nsaved].data);
			rc = vp_ingest_oom(r);
			break;
		}
		held += saved[*nsaved].data.len;
		if (*nsaved < HEADER_HINT_ROWS)
			note_header_like(t, &row);
		(*nsaved)++;
		if (no_response(t, &row))
			continue;
		for (size_t i = 0; i < row.n && i < t->hdr.n && rc == 0; i++)
			if (vp_colguess_add(g, i, row.cell[i], row.len[i]) != 0)
				rc = vp_ingest_oom(r);
		if (rc)
			break;
	}
	/* a title or a blank row read as the header, the header below it
	 * (Excel writes both as wide as the sheet: "Title,,", ",,"): its
	 * empty cells would be columns "column 2", ... and the header a
	 * response */
	if (rc == 0 && *nsaved > 0 && t->hdr_title && t->header_at > t->hdr_line)
		rc = hint_header(t, vp_errf_at(r->e, EX_USAGE, r->path, 0,
		                               "row %lu is not the header: %s", t->hdr_line,
		                               t->hdr_filled ? "it has one cell (a title?)"
		                                             : "it is blank"));
	else if (rc == 0 && *nsaved > 0)
		rc = hint_header(t, vp_columns_guess(r, &t->hdr, &t->col, g));
	vp_colguess_free(g);
	return rc;
}

/* A layout marked the text columns: the others' first rows are watched,
 * and those whose answers look like free text named (not read). */
static int watch_unmarked(struct table *t, const vp_row *row)
{
	vp_colguess *g = t->unmarked;
	if (!g)
		return 0;
	int rc = 0;
	if (row && no_response(t, row))
		return 0;
	if (row) {
		for (size_t i = 0; i < row->n && i < t->hdr.n; i++)
			if (vp_colguess_add(g, i, row->cell[i], row->len[i]) != 0)
				return vp_ingest_oom(t->r);
		if (++t->unmarked_rows < t->unmarked_max)
			return 0;
	}
	if (t->unmarked_rows)
		rc = vp_columns_note_unmarked(t->r, &t->hdr, &t->col, g);
	vp_colguess_free(g);
	t->unmarked = NULL;
	return rc;
}

/* ------------------------------------------------------------------ */

static int run(struct table *t)
{
	struct vp_ingest_run *r = t->r;
	vp_rowsrc *src = t->src;
	vp_row row;
	int rc = src->ops->header ? src->ops->header(src, &row, r->e)
	                          : src->ops->next(src, &row, r->e);
	if (rc != 1)
		return rc; /* 0: empty input, no header, no records */
	t->hdr_filled = filled_cells(row.cell, row.len, row.n);
	t->hdr_title = t->hdr_filled == 0 ||
	               (t->hdr_filled == 1 && filled_cells(row.cell, row.len, 1) == 1);
	t->hdr_line = row.line;
	if ((rc = set_header(t, &row)) != 0)
		return header_rows_below(t, rc);
	if ((rc = grow(t, t->hdr.n)) != 0)
		return rc;
	if (t->col.ntext > 0 && ((rc = show_plan(t)) != 0 || r->o->list_columns))
		return rc;
	if (t->col.ntext > 0 && r->o->ntext == 0 && !t->lay) {
		/* the layout's text columns: are there others? */
		t->unmarked_max = r->o->sniff_rows ? r->o->sniff_rows : VP_INGEST_SNIFF_ROWS;
		if (!(t->unmarked = vp_colguess_new(t->hdr.n, t->unmarked_max)))
			return vp_ingest_oom(r);
	}

	if (t->col.ntext == 0) {
		size_t max = r->o->sniff_rows ? r->o->sniff_rows : VP_INGEST_SNIFF_ROWS;
		size_t nsaved = 0;
		int eof = 0, pending = 0;
		vp_err perr;
		struct saved_row *saved = calloc(max, sizeof *saved);
		if (!saved)
			return vp_ingest_oom(r);
		rc = sample(t, saved, max, &nsaved, &eof, &pending, &perr);
		if (rc == 0 && (nsaved > 0 || r->o->list_columns))
			rc = show_plan(t);
		/* --list-columns: the plan only */
		for (size_t i = 0; i < nsaved && rc == 0 && !r->o->list_columns; i++)
			rc = replay_row(t, &saved[i]);
		for (size_t i = 0; i < nsaved; i++)
			vp_buf_free(&saved[i].data);
		free(saved);
		if (pending && (rc == 0 || rc == EX_USAGE)) {
			/* the bad row, not a guess from the rows before it */
			*r->e = perr;
			rc = pending;
		}
		if (rc || eof || r->o->list_columns)
			return rc;
	}
	while ((rc = next_row(t, &row)) == 1) {
		if ((rc = watch_unmarked(t, &row)) != 0 || (rc = grow(t, row.n)) != 0 ||
		    (rc = table_row(t, row.cell, row.len, row.n, row.line)) != 0)
			break;
	}
	if (rc == 0)
		rc = watch_unmarked(t, NULL);
	return rc;
}

/* --encoding cp1252 (latin1, macroman) given for a file that is UTF-8:
 * every value with a byte beyond ASCII was valid UTF-8, which an 8-bit
 * file's almost never are, and each was converted into a garbled one
 * ("é" read as "Ã©") without a word -- a Google Forms export read beside
 * an Excel one that needs --encoding.  Said at the end of the file (the
 * records are written as they come: the option is followed). */
static int utf8_read_as_8bit(struct table *t)
{
	struct vp_ingest_run *r = t->r;
	const char *c = vp_conv_utf8_only(r->conv);
	if (!c)
		return 0;
	vp_buf as = VP_BUF_INIT;
	if (vp_conv_append(r->conv, c, strlen(c), &as, NULL) == -2) {
		vp_buf_free(&as);
		return vp_ingest_oom(r);
	}
	const char *name = vp_conv_name(r->conv);
	vp_ingest_note(r, "%s: read as %s (--encoding %s), but every value in it with a byte "
	               "beyond ASCII is valid UTF-8 (first at line %lu: '%s' read as '%s'): the "
	               "file is UTF-8, its accented letters and dashes garbled; read it without "
	               "--encoding (in a vp-ingest of its own beside files that need it)",
	               r->path, name, name, t->u8_line ? t->u8_line : t->hdr_line, c,
	               as.data ? as.data : "");
	vp_buf_free(&as);
	return 0;
}

int vp_ingest_table(struct vp_ingest_run *r, vp_rowsrc *src)
{
	struct table t;
	memset(&t, 0, sizeof t);
	t.r = r;
	t.src = src;
	t.lay = src->layout;
	t.status = -1;
	t.consent = -1;
	unsigned long rows_before = r->st->rows; /* of the files before this one */
	if (r->conv)
		vp_conv_seen_reset(r->conv);
	int rc = run(&t);
	if (rc == 0 && r->conv && !r->o->list_columns)
		rc = utf8_read_as_8bit(&t);
	/* nothing at all (a byte order mark, blank lines, a sep= line, a
	 * blank sheet): said as a file of 0 bytes is when it is opened; a
	 * header and nothing below it: no records, said (a survey with no
	 * responses yet, or the wrong file) rather than a silent empty run */
	if (rc == 0 && t.hdr.n == 0 && !r->no_bytes)
		vp_ingest_note(r, "%s: " VP_EMPTY_NO_RECORDS, r->path);
	else if (rc == 0 && t.hdr.n > 0 && r->st->rows == rows_before && !r->o->list_columns)
		vp_ingest_note(r, "%s: a header and no rows below it: no records", r->path);
	if (src->ops->tell)
		src->ops->tell(src, r->st);
	vp_header_free(&t.hdr);
	vp_hplan_free(&t.plan);
	vp_colguess_free(t.unmarked);
	for (size_t k = 0; k < t.nhrow; k++)
		free_cells(t.hrow[k], t.hrow_n[k]);
	vp_buf_free(&t.resp);
	vp_columns_free(&t.col);
	vp_buf_free(&t.keys);
	vp_buf_free(&t.fields);
	vp_buf_free(&t.src_json);
	vp_buf_free(&t.chan_json);
	vp_buf_free(&t.questions);
	vp_buf_free(&t.date_json);
	free(t.q_off);
	vp_buf_free(&t.conv);
	free(t.key_off);
	free(t.vp);
	free(t.vl);
	free(t.voff);
	free(t.keep);
	return rc;
}

int vp_ingest_bad_dates(const vp_ingest_stats *st, vp_buf *out)
{
	if (!st->bad_dates)
		return 0;
	int rc = vp_buf_printf(out, "date: %lu value%s not read in %s order, first at %s: %s",
	                       st->bad_dates, st->bad_dates == 1 ? "" : "s",
	                       vp_date_order_name(st->bad_date_order), st->bad_date_at,
	                       st->bad_date_value);
	if (rc == 0 && st->bad_date_hint >= 0)
		rc = vp_buf_printf(out, "; try --date-order %s",
		                   vp_date_order_name((vp_date_order)st->bad_date_hint));
	return rc ? -1 : 0;
}

int vp_ingest_sci_ids(const vp_ingest_stats *st, vp_buf *out)
{
	if (!st->sci_ids)
		return 0;
	return vp_buf_printf(out, "\"%s\": %lu value%s in Excel's scientific notation (digits "
	                     "lost: respondents told apart by them may read as one), first at "
	                     "%s: %s; in Excel format the column as a number with no decimal "
	                     "places, then save again", st->sci_id_col, st->sci_ids,
	                     st->sci_ids == 1 ? "" : "s", st->sci_id_at, st->sci_id_value)
	       ? -1 : 0;
}

int vp_ingest_dup_ids(const vp_ingest_stats *st, vp_buf *out)
{
	if (!st->dup_ids)
		return 0;
	int rc = vp_buf_printf(out, "\"%s\": %lu row%s with an id an earlier row of the file has "
	                       "(their records written with the same id), first at %s: %s",
	                       st->dup_id_col, st->dup_ids, st->dup_ids == 1 ? "" : "s",
	                       st->dup_id_at, st->dup_id_value);
	if (rc == 0 && st->dup_id_checked)
		rc = vp_buf_printf(out, "; ids were checked for the first %zu different ones of a "
		                   "file only", st->dup_id_checked);
	return rc ? -1 : 0;
}

int vp_ingest_dup_files(const vp_ingest_stats *st, vp_buf *out)
{
	if (!st->dup_files)
		return 0;
	int rc = vp_buf_printf(out, st->dup_file_copy ? "%s: the same bytes as %s (a copy), read again"
	                                              : "%s: the same file as %s, read again",
	                       st->dup_file_at, st->dup_file_of);
	if (rc == 0 && st->dup_files > 1)
		rc = vp_buf_printf(out, " (as was %lu other file%s)", st->dup_files - 1,
		                   st->dup_files == 2 ? "" : "s");
	if (rc == 0)
		rc = vp_buf_printf(out, ": %s %lu record%s written twice (counted twice by what reads "
		                   "them; give each file once)", st->dup_files > 1 ? "their" : "its",
		                   st->dup_file_records, st->dup_file_records == 1 ? "" : "s");
	return rc ? -1 : 0;
}

int vp_ingest_same_names(const vp_ingest_stats *st, vp_buf *out)
{
	if (!st->same_names)
		return 0;
	const char *slash = strrchr(st->same_name_at, '/');
	int rc = vp_buf_printf(out, "%s: the same name as %s", st->same_name_at, st->same_name_of);
	if (rc == 0 && st->same_names > 1)
		rc = vp_buf_printf(out, " (as had %lu other file%s)", st->same_names - 1,
		                   st->same_names == 2 ? "" : "s");
	if (rc == 0)
		rc = vp_buf_printf(out, ": the records of both have source \"%s\", so their "
		                   "source:LINE ids and respondents can be the same (ids leave out the "
		                   "folder); give each file a name of its own",
		                   slash ? slash + 1 : st->same_name_at);
	return rc ? -1 : 0;
}

int vp_ingest_error_cells(const vp_ingest_stats *st, vp_buf *out)
{
	if (!st->error_cells)
		return 0;
	return vp_buf_printf(out, "%s: %lu error cell%s (%s) read as empty: first at %s",
	                     st->error_cell_src, st->error_cells, st->error_cells == 1 ? "" : "s",
	                     st->error_cell_kinds, st->error_cell_at) ? -1 : 0;
}

int vp_ingest_merged_down(const vp_ingest_stats *st, vp_buf *out)
{
	if (!st->merged_down)
		return 0;
	return vp_buf_printf(out, "%s: %lu cell%s merged down over rows below the header, first "
	                     "%s: a merged cell's value is in its first row only (Excel shows it "
	                     "beside every row it spans), so %lu cell%s below those first rows %s "
	                     "read empty; unmerge them and fill the values down in Excel, then "
	                     "save again", st->merged_src, st->merged_down,
	                     st->merged_down == 1 ? "" : "s", st->merged_first, st->merged_cells,
	                     st->merged_cells == 1 ? "" : "s",
	                     st->merged_cells == 1 ? "was" : "were") ? -1 : 0;
}

int vp_ingest_sheet_default(const vp_ingest_stats *st, vp_buf *out)
{
	if (!st->sheet_default)
		return 0;
	int rc = vp_buf_printf(out, "%s", st->sheet_default_src);
	if (st->sheet_default > 1)
		rc |= vp_buf_printf(out, " and %lu other workbook%s", st->sheet_default - 1,
		                    st->sheet_default == 2 ? "" : "s");
	rc |= vp_buf_printf(out, ": read sheet \"%s\", the first of the sheets %s; to read "
	                    "another, name it with --sheet", st->sheet_default_name,
	                    st->sheet_default_list);
	return rc ? -1 : 0;
}

/* "survey.csv" or "survey.csv and 2 other files" */
static int files(vp_buf *out, const char *first, unsigned long n)
{
	if (vp_buf_puts(out, first) != 0)
		return -1;
	return n > 1 ? vp_buf_printf(out, " and %lu other file%s", n - 1, n == 2 ? "" : "s") : 0;
}

int vp_ingest_status_list(const vp_ingest_stats *st, vp_buf *out)
{
	int rc = vp_buf_puts(out, "Qualtrics Status");
	const char *sep = " ";
	for (int i = 0; i < VP_QSTATUS_N; i++) {
		const vp_qstatus *q = vp_qstatus_at(i);
		if (st->status_count[i][0]) {
			rc |= vp_buf_printf(out, "%s\"%s\" %lu", sep, q->name, st->status_count[i][0]);
			sep = ", ";
		}
		if (st->status_count[i][1]) {
			rc |= vp_buf_printf(out, "%s%d (%s) %lu", sep, q->code, q->name,
			                    st->status_count[i][1]);
			sep = ", ";
		}
	}
	return rc ? -1 : 0;
}

int vp_ingest_status_notes(const vp_ingest_stats *st, vp_buf *out, vp_buf *unknown)
{
	int rc = 0;
	if (st->status_skipped) {
		rc |= files(out, st->status_src, st->status_files);
		rc |= vp_buf_printf(out, ": %lu row%s not read: ", st->status_skipped,
		                    st->status_skipped == 1 ? "" : "s");
		rc |= vp_ingest_status_list(st, out);
		rc |= vp_buf_puts(out, " (the author's tests and spam, not responses; --keep-status "
		                       "to read them)");
	}
	if (st->status_unknown) {
		rc |= files(unknown, st->status_unknown_src, st->status_unknown_files);
		rc |= vp_buf_printf(unknown, ": %lu row%s with a Qualtrics Status not known, read as %s:",
		                    st->status_unknown, st->status_unknown == 1 ? "" : "s",
		                    st->status_unknown == 1 ? "a response" : "responses");
		rc |= vp_ingest_status_unknown_list(st, unknown);
	}
	return rc ? -1 : 0;
}

/* "column D" for column i (0-based), as a spreadsheet names it */
static int column_letters(vp_buf *out, size_t i)
{
	char b[16];
	vp_xlsx_col_letters((unsigned long)i + 1, b, sizeof b);
	return vp_buf_printf(out, "column %s", b);
}

int vp_ingest_consent_list(const vp_ingest_stats *st, vp_buf *out, int declined)
{
	int rc = vp_buf_printf(out, "answer to '%s' (", declined ? st->declined_q : st->consent_q);
	rc |= column_letters(out, declined ? st->declined_col : st->consent_col);
	rc |= vp_buf_puts(out, ") is ");
	if (declined) {
		size_t kinds = st->declined_kinds + (st->declined_other > 0);
		for (size_t k = 0; k < st->declined_kinds; k++) {
			rc |= vp_buf_puts(out, k == 0 ? "" : k + 1 == kinds ? " or " : ", ");
			rc |= vp_buf_puts(out, st->declined_value[k]);
			if (kinds > 1)
				rc |= vp_buf_printf(out, " (%lu)", st->declined_rows[k]);
		}
		if (st->declined_other)
			rc |= vp_buf_printf(out, " or another refusal (%lu)", st->declined_other);
	} else {
		if (st->consent_blank)
			rc |= vp_buf_printf(out, "blank (%lu)", st->consent_blank);
		if (st->consent_unclear)
			rc |= vp_buf_printf(out, "%sneither yes nor no (%lu, first \"%s\")",
			                    st->consent_blank ? " or " : "", st->consent_unclear,
			                    st->consent_unclear_first);
	}
	return rc ? -1 : 0;
}

int vp_ingest_consent_notes(const vp_ingest_stats *st, vp_buf *out, vp_buf *unclear)
{
	int rc = 0;
	if (st->declined) {
		int one = st->declined == 1;
		rc |= files(out, st->declined_src, st->declined_files);
		rc |= vp_buf_printf(out, ": %lu row%s whose ", st->declined, one ? "" : "s");
		rc |= vp_ingest_consent_list(st, out, 1);
		rc |= vp_buf_printf(out, " %s not read; --keep-declined reads %s", one ? "was" : "were",
		                    one ? "it" : "them");
	}
	unsigned long n = st->consent_blank + st->consent_unclear;
	if (n) {
		rc |= files(unclear, st->consent_src, st->consent_files);
		rc |= vp_buf_printf(unclear, ": %lu row%s whose ", n, n == 1 ? "" : "s");
		rc |= vp_ingest_consent_list(st, unclear, 0);
		rc |= vp_buf_printf(unclear, " %s read", n == 1 ? "was" : "were");
	}
	return rc ? -1 : 0;
}

int vp_ingest_status_unknown_list(const vp_ingest_stats *st, vp_buf *out)
{
	int rc = 0;
	for (size_t k = 0; k < st->status_unknown_kinds; k++)
		rc |= vp_buf_printf(out, "%s \"%s\" %lu", k ? "," : "", st->status_unknown_value[k],
		                    st->status_unknown_rows[k]);
	if (st->status_unknown_other)
		rc |= vp_buf_printf(out, ", other values %lu", st->status_unknown_other);
	return rc ? -1 : 0;
}

void vp_ingest_say_end(const char *prog, const vp_ingest_stats *st, int verbose, int stopped)
{
	if (st->rejected)
		vp_warnf(prog, "rejected %lu bad row%s of %lu", st->rejected,
		         st->rejected == 1 ? "" : "s", st->rows);
	/* the end-of-input notes, in this order, each a line of its own */
	static int (*const note[])(const vp_ingest_stats *, vp_buf *) = {
		vp_ingest_bad_dates, vp_ingest_sci_ids, vp_ingest_dup_ids, vp_ingest_dup_files,
		vp_ingest_same_names, vp_ingest_error_cells, vp_ingest_merged_down,
		vp_ingest_sheet_default};
	vp_buf notes = VP_BUF_INIT;
	for (size_t i = 0; i < sizeof note / sizeof *note; i++) {
		if (note[i](st, &notes) != 0)
			vp_warnf(prog, "out of memory");
		else if (notes.len)
			vp_warnf(prog, "%s", notes.data);
		vp_buf_clear(&notes);
	}
	/* rows not read for a column's answer (a Qualtrics Status, a refusal of
	 * consent), and the answers read that were not known: two notes each */
	static int (*const left_out[])(const vp_ingest_stats *, vp_buf *, vp_buf *) = {
		vp_ingest_status_notes, vp_ingest_consent_notes};
	vp_buf unknown = VP_BUF_INIT;
	for (size_t i = 0; i < sizeof left_out / sizeof *left_out; i++) {
		if (left_out[i](st, &notes, &unknown) != 0) {
			vp_warnf(prog, "out of memory");
		} else {
			if (notes.len)
				vp_warnf(prog, "%s", notes.data);
			if (unknown.len)
				vp_warnf(prog, "%s", unknown.data);
		}
		vp_buf_clear(&notes);
		vp_buf_clear(&unknown);
	}
	vp_buf_free(&unknown);
	vp_buf_free(&notes);
	if (verbose) /* %.0lu: nothing for 0 */
		vp_warnf(prog, "rows %lu, records %lu, empty answers %lu, rejected %lu%s%.0lu%s%.0lu%s",
		         st->rows, st->records, st->empty, st->rejected,
		         st->status_skipped ? ", not read (Qualtrics Status) " : "", st->status_skipped,
		         st->declined ? ", not read (consent declined) " : "", st->declined,
		         stopped ? "; stopped at the error above: the rest of the input was not read"
		                 : "");
}
