/* ingest_text.c - event notes as a row source (rowsrc.h): one row per
 * paragraph.  An optional header block at the top ("Key: value" lines
 * ended by a line "---") gives the locality, the date and other fields of
 * every row; the source has its own layout:
 *   columns  text | locality | date | <other keys, lower-cased>...
 * Lines are checked (and converted) as they are read, so a bad line makes
 * its paragraph a bad row, and a line longer than the limit is never held. */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest_sniff.h"
#include "voxpop/rowsrc.h"
#include "voxpop/str.h"

enum { TEXT_HEADER_MAX_LINES = 50, FIXED_COLS = 3 };

static const vp_layout text_layout = {
	.text = 0, .locality = 1, .date = 2, .id = -1, .first_field = FIXED_COLS,
	.no_question = 1,
};

struct text_src {
	vp_rowsrc base;          /* first: a vp_rowsrc * is a struct text_src * */
	FILE *in;
	const char *path;
	size_t max_field;
	vp_conv *conv;
	vp_err *e;               /* of the call in progress */

	vp_buf buf;              /* the line being read */
	unsigned long lineno;
	int at_eof;
	vp_buf conv_buf;         /* a converted line */
	vp_buf tmp;

	vp_buf text;             /* the paragraph being read */
	unsigned long line;      /* where it started */
	int bad;                 /* it holds a bad line: rejected at its end */
	char why[200];
	unsigned long bad_line;

	int body;                /* 0 while the header block may still come */
	int seen;                /* a line that is not blank was read */
	vp_buf hdr;              /* candidate header lines, each ending '\n' */
	unsigned long hdr_first, hdr_lines;

	/* the header block: locality, date, other keys and their values, each
	 * NUL-terminated in names / values */
	vp_buf loc, date, names, values;
	size_t nextra;

	/* a finished paragraph, waiting to be returned */
	int ready;
	vp_buf out;
	unsigned long out_line;
	int out_bad;
	char out_why[200];
	unsigned long out_bad_line;

	const char **cell;       /* header names, then the row's cells */
	size_t *len;
	const char **hcell;
	size_t *hlen;
	size_t ncells;
};

/* The paragraph is complete: hand it over (a bad one as a bad row). */
static void para_done(struct text_src *t)
{
	if (t->text.len == 0 && !t->bad)
		return;
	vp_buf swap = t->out;
	t->out = t->text;
	t->text = swap;
	vp_buf_clear(&t->text);
	t->ready = 1;
	t->out_line = t->line;
	t->out_bad = t->bad;
	if (t->bad) {
		memcpy(t->out_why, t->why, sizeof t->why);
		t->out_bad_line = t->bad_line;
	}
	t->bad = 0;
}

/* "Key: value" -> key and value, trimmed; 0 if the line is not like that. */
static int header_line(const char *s, size_t n, const char **k, size_t *kn, const char **v,
                       size_t *vn)
{
	const char *colon = memchr(s, ':', n);
	if (!colon || colon == s || !isalpha((unsigned char)s[0]))
		return 0;
	for (const char *p = s; p < colon; p++)
		if (!isalnum((unsigned char)*p) && *p != ' ' && *p != '_' && *p != '-')
			return 0;
	*k = s;
	*kn = (size_t)(colon - s);
	vp_trim_span(k, kn);
	*v = colon + 1;
	*vn = n - (size_t)(colon + 1 - s);
	vp_trim_span(v, vn);
	return 1;
}

static int is_rule(const char *s, size_t n)
{
	vp_trim_span(&s, &n);
	return n == 3 && memcmp(s, "---", 3) == 0;
}

static int blank_line(const char *s, size_t n)
{
	vp_trim_span(&s, &n);
	return n == 0;
}

/* Clean one line (NUL, encoding, UTF-8).  *out is NULL if it is bad: the
 * reason is kept and the paragraph will be rejected. */
static int line_clean(struct text_src *t, const char *s, size_t n, unsigned long lineno,
                      const char **out, size_t *outn)
{
	size_t off, bad_at = 0;
	char why[200];
	vp_buf_clear(&t->conv_buf);
	int r = vp_cell_clean(t->conv, s, n, &t->conv_buf, &off, outn, why, sizeof why, &bad_at,
	                      "text", NULL);
	if (r < 0)
		return vp_oom(t->e);
	*out = NULL;
	if (r > 0) {
		if (!t->bad) {
			t->bad = 1;
			snprintf(t->why, sizeof t->why, "%s", why);
			t->bad_line = lineno;
		}
		return 0;
	}
	*out = off == SIZE_MAX ? s : t->conv_buf.data + off;
	return 0;
}

/* A line of the paragraph.  too_long: the line was longer than max_field
 * (and s holds only its start). */
static int body_line(struct text_src *t, const char *s, size_t n, unsigned long lineno,
                     int too_long)
{
	if (!too_long && blank_line(s, n)) {
		para_done(t);
		return 0;
	}
	if (t->text.len == 0 && !t->bad)
		t->line = lineno;
	const char *cl = s;
	size_t cn = n;
	int rc = too_long ? 0 : line_clean(t, s, n, lineno, &cl, &cn);
	if (rc || !cl || t->bad)
		return rc;
	if (too_long || t->text.len + cn + 1 > t->max_field) {
		t->bad = 1;
		snprintf(t->why, sizeof t->why, "paragraph longer than %zu bytes", t->max_field);
		t->bad_line = t->line;
		vp_buf_clear(&t->text);
		return 0;
	}
	if ((t->text.len && vp_buf_putc(&t->text, '\n')) || vp_buf_append(&t->text, cl, cn))
		return vp_oom(t->e);
	return 0;
}

/* The lines held as a possible header were ordinary text after all. */
static int header_was_text(struct text_src *t)
{
	int rc = 0;
	t->body = 1;
	if (t->hdr.len == 0)
		return 0; /* nothing held (hdr.data may be NULL) */
	const char *s = t->hdr.data, *end = t->hdr.data + t->hdr.len;
	for (unsigned long ln = t->hdr_first; s < end && rc == 0; ln++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		rc = body_line(t, s, (size_t)(nl - s), ln, 0);
		s = nl + 1;
	}
	vp_buf_clear(&t->hdr);
	return rc;
}

/* The lines held are a header block: Date and Locality set the rows' date
 * and locality, every other key is a column (its name lower-cased). */
static int header_accept(struct text_src *t)
{
	const char *s = t->hdr.data, *end = t->hdr.data + t->hdr.len;
	t->body = 1;
	for (unsigned long ln = t->hdr_first; s < end; ln++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *cl, *k, *v;
		size_t cn, kn, vn;
		int rc = line_clean(t, s, (size_t)(nl - s), ln, &cl, &cn);
		if (rc)
			return rc;
		if (!cl)
			return vp_errf_at(t->e, EX_DATAERR, t->path, ln, "header block: %s", t->why);
		header_line(cl, cn, &k, &kn, &v, &vn);
		int r = 0;
		if (kn == 8 && !strncasecmp(k, "locality", 8)) {
			vp_buf_clear(&t->loc);
			r = vp_buf_append(&t->loc, v, vn);
		} else if (kn == 4 && !strncasecmp(k, "date", 4)) {
			vp_buf_clear(&t->date);
			r = vp_buf_append(&t->date, v, vn);
		} else {
			for (size_t i = 0; i < kn && r == 0; i++)
				r = vp_buf_putc(&t->names, tolower((unsigned char)k[i]));
			r = r || vp_buf_putc(&t->names, '\0') || vp_buf_append(&t->values, v, vn) ||
			    vp_buf_putc(&t->values, '\0');
			t->nextra++;
		}
		if (r)
			return vp_oom(t->e);
		s = nl + 1;
	}
	vp_buf_clear(&t->hdr);
	return 0;
}

static int text_line(struct text_src *t, const char *s, size_t n, unsigned long lineno,
                     int too_long)
{
	if (too_long || !blank_line(s, n))
		t->seen = 1;
	if (!t->body && !too_long) {
		const char *k, *v;
		size_t kn, vn;
		if (t->hdr_lines == 0 && blank_line(s, n))
			return 0;
		if (t->hdr_lines > 0 && is_rule(s, n))
			return header_accept(t);
		if (t->hdr_lines < TEXT_HEADER_MAX_LINES && !memchr(s, '\0', n) &&
		    header_line(s, n, &k, &kn, &v, &vn)) {
			if (t->hdr_lines++ == 0)
				t->hdr_first = lineno;
			if (vp_buf_append(&t->hdr, s, n) || vp_buf_putc(&t->hdr, '\n'))
				return vp_oom(t->e);
			return 0;
		}
	}
	if (!t->body) { /* the lines held were not a header block */
		int rc = header_was_text(t);
		if (rc)
			return rc;
	}
	return body_line(t, s, n, lineno, too_long);
}

/* One line through the machine; at the end of input, the last paragraph. */
static int step(struct text_src *t)
{
	int too_long;
	int got = vp_read_line(t->in, &t->buf, t->max_field, &too_long);
	if (got == 0) {
		t->at_eof = 1;
		int rc = t->body ? 0 : header_was_text(t);
		if (rc == 0)
			para_done(t);
		return rc;
	}
	if (got == EX_OSERR)
		return vp_oom(t->e);
	if (got != 1)
		return vp_errf_at(t->e, EX_IOERR, t->path, t->lineno + 1, "read error: %s",
		                  strerror(errno ? errno : EIO));
	t->lineno++;
	const char *s = t->buf.data ? t->buf.data : "";
	size_t n = t->buf.len;
	if (t->lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
	}
	return text_line(t, s, n, t->lineno, too_long);
}

static int text_header(vp_rowsrc *s, vp_row *hdr, vp_err *e)
{
	struct text_src *t = (struct text_src *)s;
	t->e = e;
	while (!t->body && !t->at_eof) {
		int rc = step(t);
		if (rc)
			return rc;
	}
	if (t->at_eof && !t->seen)
		return 0; /* nothing but blank lines: no input */
	size_t n = FIXED_COLS + t->nextra;
	t->ncells = n;
	t->cell = malloc(n * sizeof *t->cell);
	t->len = malloc(n * sizeof *t->len);
	t->hcell = malloc(n * sizeof *t->hcell);
	t->hlen = malloc(n * sizeof *t->hlen);
	if (!t->cell || !t->len || !t->hcell || !t->hlen)
		return vp_oom(t->e);
	static const char *const fixed[FIXED_COLS] = {"text", "locality", "date"};
	for (size_t i = 0; i < FIXED_COLS; i++) {
		t->hcell[i] = fixed[i];
		t->hlen[i] = strlen(fixed[i]);
	}
	t->cell[0] = "";
	t->len[0] = 0;
	t->cell[1] = t->loc.data ? t->loc.data : "";
	t->len[1] = t->loc.len;
	t->cell[2] = t->date.data ? t->date.data : "";
	t->len[2] = t->date.len;
	const char *k = t->names.data, *v = t->values.data;
	for (size_t i = FIXED_COLS; i < n; i++) {
		t->hcell[i] = k;
		t->hlen[i] = strlen(k);
		t->cell[i] = v;
		t->len[i] = strlen(v);
		k += t->hlen[i] + 1;
		v += t->len[i] + 1;
	}
	hdr->n = n;
	hdr->cell = t->hcell;
	hdr->len = t->hlen;
	hdr->line = 1;
	return 1;
}

static int text_next(vp_rowsrc *s, vp_row *row, vp_err *e)
{
	struct text_src *t = (struct text_src *)s;
	t->e = e;
	if (!t->cell)
		return vp_errf_at(e, EX_SOFTWARE, t->path, 0, "text rows read before the header");
	for (;;) {
		if (t->ready) {
			t->ready = 0;
			row->bad = t->out_bad ? t->out_why : NULL;
			row->bad_line = t->out_bad_line;
			t->cell[0] = t->out.data ? t->out.data : "";
			t->len[0] = t->out.len;
			row->n = t->ncells;
			row->cell = t->cell;
			row->len = t->len;
			row->line = t->out_line;
			return 1;
		}
		if (t->at_eof)
			return 0;
		int rc = step(t);
		if (rc)
			return rc;
	}
}

static void text_close(vp_rowsrc *s)
{
	struct text_src *t = (struct text_src *)s;
	vp_buf *bufs[] = {&t->buf, &t->conv_buf, &t->tmp, &t->text, &t->hdr, &t->loc,
	                  &t->date, &t->names, &t->values, &t->out};
	for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
		vp_buf_free(bufs[i]);
	free(t->cell);
	free(t->len);
	free(t->hcell);
	free(t->hlen);
	free(t);
}

static const vp_rowsrc_ops text_ops = {text_next, NULL, text_header, text_close, NULL};

int vp_rowsrc_text_open(const vp_rowsrc_args *a, vp_rowsrc **out, vp_err *e)
{
	struct text_src *t = calloc(1, sizeof *t);
	*out = NULL;
	if (!t)
		return vp_oom(e);
	t->base.ops = &text_ops;
	t->base.clean = 1;
	t->base.layout = &text_layout;
	t->in = a->in;
	t->path = a->path;
	t->max_field = a->max_field;
	t->conv = a->conv;
	*out = &t->base;
	return 0;
}
