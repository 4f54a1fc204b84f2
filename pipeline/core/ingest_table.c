/* ingest_table.c - rows of any row source (rowsrc.h) into records: the
 * header, the columns (named, guessed from the first rows, or the source's
 * own layout), then per row its cells checked (and converted), its other
 * columns rendered once as "fields", one record per non-empty answer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_impl.h"
#include "voxpop/jsonw.h"

struct table {
	struct vp_ingest_run *r;
	vp_rowsrc *src;
	const vp_layout *lay;
	vp_header hdr;
	vp_columns col;
	size_t first_field;  /* "fields": the columns from this one on */
	vp_buf keys;         /* every header name as a JSON key "name": */
	size_t *key_off;     /* offsets into keys, n+1 entries */
	vp_buf fields;       /* {...} of the current row */
	/* rendered once (the hot path): source, channel; every column's name as
	 * a question; the current row's date */
	vp_buf src_json, chan_json, questions, date_json;
	size_t *q_off;       /* offsets into questions, n+1 entries */
	vp_buf conv;         /* converted cells of the current row */
	const char **vp;     /* the row's values, clean UTF-8, one per column */
	size_t *vl;
	size_t *voff;        /* offset of a converted value in conv, or SIZE_MAX */
	size_t cap;
};

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static void trim(const char **s, size_t *n)
{
	const char *p = *s;
	size_t k = *n;
	while (k && is_ws((unsigned char)*p)) {
		p++;
		k--;
	}
	while (k && is_ws((unsigned char)p[k - 1]))
		k--;
	*s = p;
	*n = k;
}

static unsigned long count_nl(const char *s, size_t n)
{
	unsigned long k = 0;
	for (const char *p = s; (p = memchr(p, '\n', n - (size_t)(p - s))) != NULL; p++)
		k++;
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

/* The header's names from cells h (checked and converted unless the
 * source did), then the columns: the source's layout, or the options. */
static int set_header(struct table *t, const vp_row *h)
{
	struct vp_ingest_run *r = t->r;
	size_t n = h->n, m = n ? n : 1;
	const char **raw = malloc(m * sizeof *raw);
	size_t *len = malloc(m * sizeof *len), *off = malloc(m * sizeof *off);
	int rc = 0;
	if (!raw || !len || !off)
		rc = vp_ingest_oom(r);
	vp_buf_clear(&t->conv);
	for (size_t i = 0; i < n && rc == 0; i++) {
		size_t bad_at = 0;
		char why[300];
		raw[i] = h->cell[i];
		len[i] = h->len[i];
		off[i] = SIZE_MAX;
		if (t->src->clean)
			continue;
		int k = vp_cell_clean(r->o->conv, h->cell[i], h->len[i], &t->conv, &off[i], &len[i],
		                      why, sizeof why, &bad_at, "the header", NULL);
		if (k < 0)
			rc = vp_ingest_oom(r);
		else if (k > 0)
			rc = vp_errf_at(r->e, EX_DATAERR, r->path,
			                h->line + count_nl(h->cell[i], bad_at), "%s", why);
	}
	for (size_t i = 0; i < n && rc == 0; i++)
		if (off[i] != SIZE_MAX)
			raw[i] = t->conv.data + off[i];
	if (rc == 0 && (t->lay ? vp_header_init_as_is(&t->hdr, raw, len, n)
	                       : vp_header_init(&t->hdr, raw, len, n)) != 0)
		rc = vp_ingest_oom(r);
	free(raw);
	free(len);
	free(off);
	if (rc)
		return rc;

	n = t->hdr.n;
	t->key_off = malloc((n + 1) * sizeof *t->key_off);
	t->q_off = malloc((n + 1) * sizeof *t->q_off);
	if (!t->key_off || !t->q_off)
		return vp_ingest_oom(r);
	for (size_t i = 0; i < n; i++) {
		const char *name = t->lay && t->lay->no_question ? "" : t->hdr.name[i];
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
	if (!t->lay)
		return vp_columns_resolve(r, &t->hdr, &t->col);
	const vp_layout *l = t->lay;
	if (l->text < 0 || (size_t)l->text >= n)
		return vp_errf_at(r->e, EX_SOFTWARE, r->path, 0, "layout: no text column");
	t->col.text[t->col.ntext++] = l->text;
	t->col.is_text[l->text] = 1;
	t->col.id = l->id;
	t->col.loc = l->locality;
	t->col.date = l->date;
	t->first_field = l->first_field;
	return 0;
}

/* ------------------------------------------------------------------ */
/* rows */

/* One data row: cells f[0..nf) with lengths fl, starting on line. */
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
			int k = vp_cell_clean(r->o->conv, f[i], fl[i], &t->conv, &t->voff[i], &t->vl[i],
			                      why, sizeof why, &bad_at, "field", t->hdr.name[i]);
			if (k < 0)
				return vp_ingest_oom(r);
			if (k > 0) {
				unsigned long l = line + count_nl(f[i], bad_at);
				for (size_t j = 0; j < i; j++)
					l += count_nl(f[j], fl[j]);
				return vp_ingest_bad_row(r, l, why);
			}
		}
		for (size_t i = 0; i < nf; i++)
			t->vp[i] = t->voff[i] == SIZE_MAX ? f[i] : t->conv.data + t->voff[i];
	}
	for (size_t i = nf; i < ncols; i++) {
		t->vp[i] = "";  /* a short row: missing fields are empty */
		t->vl[i] = 0;
	}

	vp_buf *fb = &t->fields;
	vp_buf_clear(fb);
	int rc = vp_buf_putc(fb, '{');
	int first = 1;
	for (size_t i = t->first_field; i < ncols && rc == 0; i++) {
		if (t->col.is_text[i])
			continue;
		if (!first)
			rc |= vp_buf_putc(fb, ',');
		first = 0;
		rc |= vp_buf_append(fb, t->keys.data + t->key_off[i], t->key_off[i + 1] - t->key_off[i]);
		rc |= vp_json_str(fb, t->vp[i], t->vl[i]);
	}
	rc |= vp_buf_putc(fb, '}');
	if (rc)
		return vp_ingest_oom(r);

	vp_record_parts p = {
		.source = {t->src_json.data, t->src_json.len, 1},
		.channel = {t->chan_json.data, t->chan_json.len, 1},
		.locality = {"", 0, 0},
		.date = {"\"\"", 2, 1},
		.fields = {fb->data, fb->len, 1},
	};
	const char *idv = "";
	size_t idn = 0;
	if (t->col.loc >= 0) {
		p.locality.s = t->vp[t->col.loc];
		p.locality.n = t->vl[t->col.loc];
		trim(&p.locality.s, &p.locality.n);
	}
	if (t->col.date >= 0) {
		vp_buf_clear(&t->date_json);
		if (vp_record_json_date(&t->date_json, t->vp[t->col.date], t->vl[t->col.date]))
			return vp_ingest_oom(r);
		p.date.s = t->date_json.data;
		p.date.n = t->date_json.len;
	}
	if (t->col.id >= 0) {
		idv = t->vp[t->col.id];
		idn = t->vl[t->col.id];
		trim(&idv, &idn);
	}
	for (size_t q = 0; q < t->col.ntext; q++) {
		long k = t->col.text[q];
		p.text.s = t->vp[k];
		p.text.n = t->vl[k];
		trim(&p.text.s, &p.text.n);
		if (p.text.n == 0) {
			r->st->empty++;
			continue;
		}
		p.question.s = t->questions.data + t->q_off[k];
		p.question.n = t->q_off[k + 1] - t->q_off[k];
		p.question.json = 1;
		if ((rc = vp_ingest_make_id(r, idv, idn, line, q, t->col.ntext, &p.id)) != 0 ||
		    (rc = vp_ingest_emit(r, &p, NULL, NULL)) != 0)
			return rc;
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
		row->bad = NULL;
		int rc = t->src->ops->next(t->src, row, r->e);
		if (rc == 1 && row->bad) {
			r->st->rows++;
			if ((rc = vp_ingest_bad_row(r, row->bad_line, row->bad)) != 0)
				return rc;
			continue;
		}
		if (rc != EX_DATAERR || !r->o->skip_bad)
			return rc;
		r->st->rows++;
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
/* guessing the text columns from the first rows */

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
	*nsaved = 0;
	*eof = 0;
	*pending = 0;
	while (*nsaved < max) {
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
		(*nsaved)++;
		for (size_t i = 0; i < row.n && i < t->hdr.n; i++)
			vp_colguess_add(g, i, row.cell[i], row.len[i]);
	}
	if (rc == 0 && *nsaved > 0)
		rc = vp_columns_guess(r, &t->hdr, &t->col, g);
	vp_colguess_free(g);
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
	if ((rc = set_header(t, &row)) != 0 || (rc = grow(t, t->hdr.n)) != 0)
		return rc;

	if (t->col.ntext == 0) {
		size_t max = r->o->sniff_rows ? r->o->sniff_rows : VP_INGEST_SNIFF_ROWS;
		size_t nsaved = 0;
		int eof = 0, pending = 0;
		vp_err perr;
		struct saved_row *saved = calloc(max, sizeof *saved);
		if (!saved)
			return vp_ingest_oom(r);
		rc = sample(t, saved, max, &nsaved, &eof, &pending, &perr);
		for (size_t i = 0; i < nsaved && rc == 0; i++)
			rc = replay_row(t, &saved[i]);
		for (size_t i = 0; i < nsaved; i++)
			vp_buf_free(&saved[i].data);
		free(saved);
		if (pending && (rc == 0 || rc == EX_USAGE)) {
			/* the bad row, not a guess from the rows before it */
			*r->e = perr;
			rc = pending;
		}
		if (rc || eof)
			return rc;
	}
	while ((rc = next_row(t, &row)) == 1) {
		if ((rc = grow(t, row.n)) != 0 ||
		    (rc = table_row(t, row.cell, row.len, row.n, row.line)) != 0)
			break;
	}
	return rc;
}

int vp_ingest_table(struct vp_ingest_run *r, vp_rowsrc *src)
{
	struct table t;
	memset(&t, 0, sizeof t);
	t.r = r;
	t.src = src;
	t.lay = src->layout;
	int rc = run(&t);
	vp_header_free(&t.hdr);
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
	return rc;
}
