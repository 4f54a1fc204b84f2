/* ingest.c - see include/voxpop/ingest.h
 *
 * CSV rows are turned into NDJSON text directly (jsonw.h) rather than
 * through jansson objects: the row's "fields" object is rendered once and
 * shared by every answer of that row.  NDJSON input goes through jansson
 * (record.h), since its records are arbitrary objects to be completed.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "voxpop/csv.h"
#include "voxpop/date.h"
#include "voxpop/ingest.h"
#include "voxpop/jsonw.h"
#include "voxpop/record.h"

#define DEFAULT_MAX_FIELD ((size_t)64 * 1024 * 1024)
enum { DEFAULT_SNIFF_ROWS = 200, NOTE_FIRST = 10, TEXT_HEADER_MAX_LINES = 50 };

/* ------------------------------------------------------------------ */
/* formats */

int vp_format_parse(const char *s)
{
	if (!strcasecmp(s, "csv"))
		return VP_FMT_CSV;
	if (!strcasecmp(s, "ndjson") || !strcasecmp(s, "jsonl"))
		return VP_FMT_NDJSON;
	if (!strcasecmp(s, "text") || !strcasecmp(s, "txt"))
		return VP_FMT_TEXT;
	return -1;
}

enum vp_format vp_format_of(const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;
	if (dot && strchr(dot, '/') == NULL) {
		if (!strcasecmp(dot, ".ndjson") || !strcasecmp(dot, ".jsonl"))
			return VP_FMT_NDJSON;
		if (!strcasecmp(dot, ".txt"))
			return VP_FMT_TEXT;
	}
	return VP_FMT_CSV;
}

/* ------------------------------------------------------------------ */
/* small helpers */

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

/* ------------------------------------------------------------------ */
/* header */

void vp_header_free(vp_header *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->name[i]);
	free(h->name);
	h->name = NULL;
	h->n = 0;
}

int vp_header_init(vp_header *h, const char *const *raw, const size_t *len, size_t n)
{
	h->n = 0;
	h->name = calloc(n ? n : 1, sizeof *h->name);
	if (!h->name)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *s = raw[i];
		size_t k = len[i];
		trim(&s, &k);
		vp_buf b = VP_BUF_INIT;
		int rc = k ? vp_buf_append(&b, s, k) : vp_buf_printf(&b, "column %zu", i + 1);
		/* A repeated name gets " (2)", " (3)"... until it is unique. */
		for (int dup = 2; rc == 0; dup++) {
			size_t j;
			for (j = 0; j < h->n; j++)
				if (strcmp(h->name[j], b.data) == 0)
					break;
			if (j == h->n)
				break;
			vp_buf_clear(&b);
			rc = k ? vp_buf_append(&b, s, k) : vp_buf_printf(&b, "column %zu", i + 1);
			if (rc == 0)
				rc = vp_buf_printf(&b, " (%d)", dup);
		}
		if (rc != 0) {
			vp_buf_free(&b);
			vp_header_free(h);
			return -1;
		}
		h->name[h->n++] = vp_buf_steal(&b);
	}
	return 0;
}

long vp_header_find(const vp_header *h, const char *want)
{
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->name[i], want) == 0)
			return (long)i;
	const char *w = want;
	size_t wn = strlen(want);
	trim(&w, &wn);
	long found = VP_HDR_NONE;
	for (size_t i = 0; i < h->n; i++) {
		if (strlen(h->name[i]) == wn && strncasecmp(h->name[i], w, wn) == 0) {
			if (found != VP_HDR_NONE)
				return VP_HDR_AMBIGUOUS;
			found = (long)i;
		}
	}
	return found;
}

int vp_header_list(const vp_header *h, vp_buf *out)
{
	for (size_t i = 0; i < h->n; i++)
		if (vp_buf_printf(out, "%s\"%s\"", i ? ", " : "", h->name[i]) != 0)
			return -1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* guessing free-text columns */

static int contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return 0;
}

int vp_header_is_personal(const char *name)
{
	static const char *const words[] = {"address", "email", "e-mail", "postcode",
		"post code", "phone", "telephone", "mobile", "name", NULL};
	for (const char *const *w = words; *w; w++)
		if (contains_nocase(name, *w))
			return 1;
	return 0;
}

struct colstat {
	unsigned long nonempty, words, bytes;
	size_t nhash;
	uint64_t *hash; /* of the non-empty values, for distinctness */
};

struct vp_colguess {
	size_t ncols, max_rows;
	struct colstat *col;
};

vp_colguess *vp_colguess_new(size_t ncols, size_t max_rows)
{
	vp_colguess *g = calloc(1, sizeof *g);
	if (!g)
		return NULL;
	g->ncols = ncols;
	g->max_rows = max_rows;
	g->col = calloc(ncols ? ncols : 1, sizeof *g->col);
	if (!g->col) {
		free(g);
		return NULL;
	}
	for (size_t i = 0; i < ncols; i++) {
		g->col[i].hash = malloc((max_rows ? max_rows : 1) * sizeof(uint64_t));
		if (!g->col[i].hash) {
			vp_colguess_free(g);
			return NULL;
		}
	}
	return g;
}

void vp_colguess_free(vp_colguess *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->ncols; i++)
		free(g->col[i].hash);
	free(g->col);
	free(g);
}

void vp_colguess_add(vp_colguess *g, size_t col, const char *s, size_t n)
{
	if (col >= g->ncols)
		return;
	trim(&s, &n);
	if (n == 0)
		return;
	struct colstat *c = &g->col[col];
	c->nonempty++;
	c->bytes += n;
	int in_word = 0;
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (is_ws(ch)) {
			in_word = 0;
		} else if (!in_word) {
			in_word = 1;
			c->words++;
		}
		h = (h ^ ch) * 1099511628211ull;
	}
	if (c->nhash < g->max_rows)
		c->hash[c->nhash++] = h;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

int vp_colguess_is_text(const vp_colguess *g, size_t col)
{
	if (col >= g->ncols)
		return 0;
	struct colstat *c = &g->col[col];
	if (c->nonempty == 0 || c->words < 4 * c->nonempty || c->bytes < 20 * c->nonempty)
		return 0;
	if (c->nhash >= 5) {
		qsort(c->hash, c->nhash, sizeof *c->hash, cmp_u64);
		size_t distinct = 1;
		for (size_t i = 1; i < c->nhash; i++)
			distinct += c->hash[i] != c->hash[i - 1];
		if (2 * distinct < c->nhash)
			return 0;
	}
	return 1;
}

/* ------------------------------------------------------------------ */
/* the ingest context */

struct ctx {
	const vp_ingest_opts *o;
	vp_ingest_stats *st;
	vp_err *e;
	FILE *out;
	const char *path;    /* for messages */
	const char *source;  /* for records */
	const char *channel;
	size_t max_field;

	vp_buf head;         /* "{"  ... up to "id": for nothing: fixed part after id */
	vp_buf line;         /* the record being written */
	vp_buf fields;       /* ,"fields":{...} of the current row */
	vp_buf conv;         /* converted field bytes of the current row */
	vp_buf tmp;

	/* CSV */
	vp_header hdr;
	vp_buf keys;         /* every header name as a JSON key "name": */
	size_t *key_off;     /* offsets into keys, n+1 entries */
	vp_buf questions;    /* every header name as a JSON string */
	size_t *q_off;
	long *text_col;      /* selected text columns */
	size_t ntext;
	unsigned char *is_text;
	long id_col, loc_col, date_col;
	const char **fp;     /* raw fields of the row being read */
	size_t *fl;
	const char **vp;     /* its values, clean UTF-8, one per header column */
	size_t *vl;
	size_t *voff;        /* offset of a converted value in conv, or SIZE_MAX */
	size_t fcap;
};

static void note(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct ctx *c, const char *fmt, ...)
{
	if (!c->o->note)
		return;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	c->o->note(c->o->note_ctx, msg);
}

static int oom(struct ctx *c)
{
	return vp_errf_at(c->e, EX_OSERR, c->path, 0, "out of memory");
}

/* A bad row: the error, or under skip_bad a note and a count.  msg is the
 * reason.  Returns 0 to go on (row skipped) or the error code. */
static int bad_row(struct ctx *c, unsigned long line, const char *msg)
{
	if (!c->o->skip_bad)
		return vp_errf_at(c->e, EX_DATAERR, c->path, line, "%s", msg);
	c->st->rejected++;
	if (c->st->rejected <= NOTE_FIRST)
		note(c, "%s:%lu: %s (skipped)", c->path, line, msg);
	return 0;
}

static int write_line(struct ctx *c)
{
	errno = 0;
	if (fwrite(c->line.data, 1, c->line.len, c->out) != c->line.len)
		return vp_errf(c->e, EX_IOERR, "write error: %s", strerror(errno ? errno : EIO));
	c->st->records++;
	return 0;
}

/* Write one record.  fields_json is ,"fields":{...} (or empty). */
static int emit(struct ctx *c, const char *id, size_t idn, const char *loc, size_t locn,
                const char *date, size_t daten, const char *qjson, size_t qjn,
                const char *text, size_t textn)
{
	vp_buf *b = &c->line;
	vp_buf_clear(b);
	int r = vp_buf_puts(b, "{\"id\":") | vp_json_str(b, id, idn) |
	        vp_buf_append(b, c->head.data, c->head.len) |
	        vp_json_str(b, loc, locn) | vp_buf_puts(b, ",\"date\":") |
	        vp_json_str(b, date, daten) | vp_buf_puts(b, ",\"question\":") |
	        vp_buf_append(b, qjson, qjn) | vp_buf_puts(b, ",\"text\":") |
	        vp_json_str(b, text, textn) |
	        vp_buf_append(b, c->fields.data ? c->fields.data : "", c->fields.len) |
	        vp_buf_puts(b, "}\n");
	if (r != 0)
		return oom(c);
	return write_line(c);
}

/* Decimal digits of v into out (no NUL); returns their count. */
static size_t utoa(unsigned long v, char out[32])
{
	char tmp[32];
	size_t n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (size_t i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	return n;
}

/* The id of answer q (0-based) of a row: the id column's value if any, else
 * source:line; with several questions, ":qN" (1-based) appended. */
static int make_id(struct ctx *c, const char *idv, size_t idn, unsigned long line,
                   size_t q, size_t nq)
{
	/* on the hot path: no printf */
	char num[32];
	vp_buf_clear(&c->tmp);
	int r;
	if (idn)
		r = vp_buf_append(&c->tmp, idv, idn);
	else
		r = vp_buf_puts(&c->tmp, c->source) | vp_buf_putc(&c->tmp, ':') |
		    vp_buf_append(&c->tmp, num, utoa(line, num));
	if (r == 0 && nq > 1)
		r = vp_buf_append(&c->tmp, ":q", 2) |
		    vp_buf_append(&c->tmp, num, utoa(q + 1, num));
	return r ? oom(c) : 0;
}

/* Normalised date into iso, or the trimmed value as written. */
static void date_of(const char **d, size_t *dn, char iso[11])
{
	trim(d, dn);
	if (*dn && vp_date_iso(*d, *dn, iso)) {
		*d = iso;
		*dn = 10;
	}
}

/* Check a value is clean UTF-8 without NUL (converting it first when an
 * encoding was given; the converted bytes are appended to c->conv and the
 * offset returned in *off, else *off is SIZE_MAX).  Returns 0 ok, 1 bad
 * (the reason in why, naming the value as what and name say: 'field "Age"'),
 * -1 out of memory.  The message is only formatted on error: hot path. */
static int clean_value(struct ctx *c, const char *s, size_t n, size_t *off,
                       size_t *outn, char *why, size_t whysz, size_t *bad_at,
                       const char *what, const char *name)
{
	char where[200];
#define WHERE() (name ? snprintf(where, sizeof where, "%s \"%.160s\"", what, name) \
	              : snprintf(where, sizeof where, "%s", what))
	if (memchr(s, '\0', n)) {
		WHERE();
		*bad_at = (size_t)((const char *)memchr(s, '\0', n) - s);
		snprintf(why, whysz, "NUL byte in %s", where);
		return 1;
	}
	if (c->o->conv) {
		*off = c->conv.len;
		int r = vp_conv_append(c->o->conv, s, n, &c->conv, bad_at);
		if (r == -2)
			return -1;
		if (r == -1) {
			WHERE();
			snprintf(why, whysz, "byte 0x%02X in %s is not %s text",
			         (unsigned char)s[*bad_at], where, vp_conv_name(c->o->conv));
			return 1;
		}
		*outn = c->conv.len - *off;
		/* keep converted values NUL-separated for readability in a debugger */
		if (vp_buf_putc(&c->conv, '\0') != 0)
			return -1;
		return 0;
	}
	size_t k = vp_utf8_check(s, n);
	if (k != n) {
		*bad_at = k;
		WHERE();
		snprintf(why, whysz, "invalid UTF-8 (byte 0x%02X) in %s; try --encoding cp1252",
		         (unsigned char)s[k], where);
		return 1;
	}
	*off = SIZE_MAX;
	*outn = n;
	return 0;
#undef WHERE
}

/* ------------------------------------------------------------------ */
/* CSV */

static int head_init(struct ctx *c)
{
	vp_buf_clear(&c->head);
	int r = vp_buf_puts(&c->head, ",\"source\":") |
	        vp_json_str(&c->head, c->source, strlen(c->source)) |
	        vp_buf_puts(&c->head, ",\"channel\":") |
	        vp_json_str(&c->head, c->channel, strlen(c->channel)) |
	        vp_buf_puts(&c->head, ",\"locality\":");
	return r ? oom(c) : 0;
}

static int resolve(struct ctx *c, const char *opt, const char *name, long *idx)
{
	*idx = -1;
	if (!name)
		return 0;
	long i = vp_header_find(&c->hdr, name);
	if (i >= 0) {
		*idx = i;
		return 0;
	}
	vp_buf_clear(&c->tmp);
	if (vp_header_list(&c->hdr, &c->tmp) != 0)
		return oom(c);
	return vp_errf_at(c->e, EX_USAGE, c->path, 0, "%s \"%s\": %s (columns: %s)", opt, name,
	                  i == VP_HDR_AMBIGUOUS ? "several columns match" : "no such column",
	                  c->tmp.data);
}

static int set_header(struct ctx *c, vp_csv *csv)
{
	size_t n = vp_csv_nfields(csv);
	const char **raw = malloc((n ? n : 1) * sizeof *raw);
	size_t *len = malloc((n ? n : 1) * sizeof *len);
	if (!raw || !len) {
		free(raw);
		free(len);
		return oom(c);
	}
	vp_buf_clear(&c->conv);
	size_t *off = malloc((n ? n : 1) * sizeof *off);
	int rc = 0;
	if (!off)
		rc = oom(c);
	for (size_t i = 0; i < n && rc == 0; i++) {
		size_t flen, bad_at = 0;
		const char *f = vp_csv_field(csv, i, &flen);
		char why[300];
		int r = clean_value(c, f, flen, &off[i], &len[i], why, sizeof why, &bad_at,
		                    "the header", NULL);
		if (r < 0)
			rc = oom(c);
		else if (r > 0)
			rc = vp_errf_at(c->e, EX_DATAERR, c->path,
			                vp_csv_line(csv) + count_nl(f, bad_at), "%s", why);
		else if (off[i] == SIZE_MAX)
			raw[i] = f;
	}
	for (size_t i = 0; i < n && rc == 0; i++)
		if (off[i] != SIZE_MAX)
			raw[i] = c->conv.data + off[i];
	if (rc == 0 && vp_header_init(&c->hdr, raw, len, n) != 0)
		rc = oom(c);
	free(raw);
	free(len);
	free(off);
	if (rc)
		return rc;

	n = c->hdr.n;
	c->key_off = malloc((n + 1) * sizeof *c->key_off);
	c->q_off = malloc((n + 1) * sizeof *c->q_off);
	c->is_text = calloc(n ? n : 1, 1);
	c->text_col = malloc((n ? n : 1) * sizeof *c->text_col);
	if (!c->key_off || !c->q_off || !c->is_text || !c->text_col)
		return oom(c);
	for (size_t i = 0; i < n; i++) {
		c->key_off[i] = c->keys.len;
		c->q_off[i] = c->questions.len;
		if (vp_json_key(&c->keys, c->hdr.name[i], strlen(c->hdr.name[i])) != 0 ||
		    vp_json_str(&c->questions, c->hdr.name[i], strlen(c->hdr.name[i])) != 0)
			return oom(c);
	}
	c->key_off[n] = c->keys.len;
	c->q_off[n] = c->questions.len;

	if ((rc = resolve(c, "--id-col", c->o->id_col, &c->id_col)) ||
	    (rc = resolve(c, "--locality-col", c->o->locality_col, &c->loc_col)) ||
	    (rc = resolve(c, "--date-col", c->o->date_col, &c->date_col)))
		return rc;
	c->ntext = 0;
	for (size_t i = 0; i < c->o->ntext; i++) {
		long k;
		if ((rc = resolve(c, "--text-col", c->o->text_cols[i], &k)) != 0)
			return rc;
		if (!c->is_text[k]) {
			c->is_text[k] = 1;
			c->text_col[c->ntext++] = k;
		}
	}
	return 0;
}

/* One data row: fields f[0..nf) with lengths fl (raw bytes). */
static int csv_row(struct ctx *c, const char *const *f, const size_t *fl, size_t nf,
                   unsigned long line)
{
	size_t ncols = c->hdr.n;
	char why[400];
	c->st->rows++;

	for (size_t i = ncols; i < nf; i++) {
		if (fl[i]) {
			snprintf(why, sizeof why, "row has %zu fields, header has %zu", nf, ncols);
			return bad_row(c, line, why);
		}
	}
	if (nf > ncols)
		nf = ncols;
	vp_buf_clear(&c->conv);
	for (size_t i = 0; i < nf; i++) {
		size_t bad_at = 0;
		int r = clean_value(c, f[i], fl[i], &c->voff[i], &c->vl[i], why, sizeof why,
		                    &bad_at, "field", c->hdr.name[i]);
		if (r < 0)
			return oom(c);
		if (r > 0) {
			unsigned long l = line + count_nl(f[i], bad_at);
			for (size_t k = 0; k < i; k++)
				l += count_nl(f[k], fl[k]);
			return bad_row(c, l, why);
		}
	}
	for (size_t i = 0; i < nf; i++)
		c->vp[i] = c->voff[i] == SIZE_MAX ? f[i] : c->conv.data + c->voff[i];
	for (size_t i = nf; i < ncols; i++) {
		c->vp[i] = "";  /* a short row: missing fields are empty */
		c->vl[i] = 0;
	}

	vp_buf *fb = &c->fields;
	vp_buf_clear(fb);
	int r = vp_buf_puts(fb, ",\"fields\":{");
	int first = 1;
	for (size_t i = 0; i < ncols && r == 0; i++) {
		if (c->is_text[i])
			continue;
		if (!first)
			r |= vp_buf_putc(fb, ',');
		first = 0;
		r |= vp_buf_append(fb, c->keys.data + c->key_off[i], c->key_off[i + 1] - c->key_off[i]);
		r |= vp_json_str(fb, c->vp[i], c->vl[i]);
	}
	r |= vp_buf_putc(fb, '}');
	if (r)
		return oom(c);

	const char *loc = "", *date = "", *idv = "";
	size_t locn = 0, daten = 0, idn = 0;
	char iso[11];
	if (c->loc_col >= 0) {
		loc = c->vp[c->loc_col];
		locn = c->vl[c->loc_col];
		trim(&loc, &locn);
	}
	if (c->date_col >= 0) {
		date = c->vp[c->date_col];
		daten = c->vl[c->date_col];
		date_of(&date, &daten, iso);
	}
	if (c->id_col >= 0) {
		idv = c->vp[c->id_col];
		idn = c->vl[c->id_col];
		trim(&idv, &idn);
	}
	for (size_t q = 0; q < c->ntext; q++) {
		long k = c->text_col[q];
		const char *t = c->vp[k];
		size_t tn = c->vl[k];
		trim(&t, &tn);
		if (tn == 0) {
			c->st->empty++;
			continue;
		}
		int rc = make_id(c, idv, idn, line, q, c->ntext);
		if (rc == 0)
			rc = emit(c, c->tmp.data, c->tmp.len, loc, locn, date, daten,
			          c->questions.data + c->q_off[k], c->q_off[k + 1] - c->q_off[k],
			          t, tn);
		if (rc)
			return rc;
	}
	return 0;
}

static int grow_row_arrays(struct ctx *c, size_t n)
{
	if (n <= c->fcap)
		return 0;
	size_t cap = c->fcap ? c->fcap : 16;
	while (cap < n)
		cap *= 2;
	const char **p = realloc(c->fp, cap * sizeof *p);
	if (!p)
		return oom(c);
	c->fp = p;
	size_t *l = realloc(c->fl, cap * sizeof *l);
	if (!l)
		return oom(c);
	c->fl = l;
	p = realloc(c->vp, cap * sizeof *p);
	if (!p)
		return oom(c);
	c->vp = p;
	l = realloc(c->vl, cap * sizeof *l);
	if (!l)
		return oom(c);
	c->vl = l;
	l = realloc(c->voff, cap * sizeof *l);
	if (!l)
		return oom(c);
	c->voff = l;
	c->fcap = cap;
	return 0;
}

/* Rows read while guessing the text columns, kept to be processed after. */
struct saved_row {
	unsigned long line;
	size_t nf;
	vp_buf data; /* per field: size_t length, then the bytes */
};

static int save_row(struct saved_row *s, vp_csv *csv)
{
	s->line = vp_csv_line(csv);
	s->nf = vp_csv_nfields(csv);
	s->data = (vp_buf)VP_BUF_INIT;
	for (size_t i = 0; i < s->nf; i++) {
		size_t n;
		const char *f = vp_csv_field(csv, i, &n);
		if (vp_buf_append(&s->data, &n, sizeof n) || vp_buf_append(&s->data, f, n))
			return -1;
	}
	return 0;
}

static int replay_row(struct ctx *c, struct saved_row *s)
{
	int rc = grow_row_arrays(c, s->nf > c->hdr.n ? s->nf : c->hdr.n);
	if (rc)
		return rc;
	const char **f = malloc((s->nf ? s->nf : 1) * sizeof *f);
	size_t *fl = malloc((s->nf ? s->nf : 1) * sizeof *fl);
	if (!f || !fl) {
		free(f);
		free(fl);
		return oom(c);
	}
	const char *p = s->data.data;
	for (size_t i = 0; i < s->nf; i++) {
		memcpy(&fl[i], p, sizeof fl[i]);
		f[i] = p + sizeof fl[i];
		p += sizeof fl[i] + fl[i];
	}
	rc = csv_row(c, f, fl, s->nf, s->line);
	free(f);
	free(fl);
	return rc;
}

/* The next CSV data row: 1, 0 at the end, or an EX_* code.  Under skip_bad
 * a row the reader rejects (a field over the limit; an unterminated quote,
 * which runs to the end of the input) is counted, noted and passed over. */
static int next_row(struct ctx *c, vp_csv *csv)
{
	for (;;) {
		int r = vp_csv_next(csv, c->e);
		if (r != EX_DATAERR || !c->o->skip_bad)
			return r;
		c->st->rows++;
		c->st->rejected++;
		/* losing the rest of the file is always said */
		if (vp_csv_eof(csv))
			note(c, "%s (rest of file skipped)", c->e->msg);
		else if (c->st->rejected <= NOTE_FIRST)
			note(c, "%s (skipped)", c->e->msg);
		vp_err_clear(c->e);
	}
}

/* Read up to sniff_rows rows into saved and choose the text columns from
 * them.  A read error while sampling ends the sample: the columns are still
 * guessed from the rows before it (so that they are written, as they would
 * be with named columns) and the error is returned in *pending / *perr. */
static int guess_text_cols(struct ctx *c, vp_csv *csv, struct saved_row *saved,
                           size_t *nsaved, int *eof, int *pending, vp_err *perr)
{
	size_t max = c->o->sniff_rows ? c->o->sniff_rows : DEFAULT_SNIFF_ROWS;
	vp_colguess *g = vp_colguess_new(c->hdr.n, max);
	if (!g)
		return oom(c);
	int rc = 0;
	*nsaved = 0;
	*eof = 0;
	*pending = 0;
	while (*nsaved < max) {
		int r = next_row(c, csv);
		if (r == 0) {
			*eof = 1;
			break;
		}
		if (r != 1) {
			*pending = r;
			*perr = *c->e;
			break;
		}
		if (save_row(&saved[*nsaved], csv) != 0) {
			vp_buf_free(&saved[*nsaved].data);
			rc = oom(c);
			break;
		}
		(*nsaved)++;
		for (size_t i = 0; i < vp_csv_nfields(csv) && i < c->hdr.n; i++) {
			size_t n;
			const char *f = vp_csv_field(csv, i, &n);
			vp_colguess_add(g, i, f, n);
		}
	}
	if (rc == 0 && *nsaved > 0) {
		vp_buf_clear(&c->tmp);
		for (size_t i = 0; i < c->hdr.n; i++) {
			if ((long)i == c->id_col || (long)i == c->loc_col || (long)i == c->date_col ||
			    vp_header_is_personal(c->hdr.name[i]) || !vp_colguess_is_text(g, i))
				continue;
			c->is_text[i] = 1;
			c->text_col[c->ntext++] = (long)i;
			if (vp_buf_printf(&c->tmp, "%s\"%s\"", c->ntext > 1 ? ", " : "",
			                  c->hdr.name[i]) != 0)
				rc = oom(c);
		}
		if (rc == 0 && c->ntext == 0) {
			vp_buf_clear(&c->tmp);
			if (vp_header_list(&c->hdr, &c->tmp) != 0)
				rc = oom(c);
			else
				rc = vp_errf_at(c->e, EX_USAGE, c->path, 0,
				                "no column looks like free text; name it with "
				                "--text-col (columns: %s)", c->tmp.data);
		} else if (rc == 0) {
			note(c, "%s: free-text column%s (guessed): %s; choose with --text-col",
			     c->path, c->ntext > 1 ? "s" : "", c->tmp.data);
		}
	}
	vp_colguess_free(g);
	return rc;
}

static int skip_lines(struct ctx *c, FILE *in, unsigned long n)
{
	for (unsigned long k = 0; k < n; k++) {
		int ch;
		while ((ch = getc_unlocked(in)) != EOF && ch != '\n')
			;
		if (ch == EOF) {
			if (ferror(in))
				return vp_errf_at(c->e, EX_IOERR, c->path, k + 1, "read error: %s",
				                  strerror(errno ? errno : EIO));
			return 0;
		}
	}
	return 0;
}

static int ingest_csv(struct ctx *c, FILE *in)
{
	int rc;
	if ((rc = skip_lines(c, in, c->o->skip_rows)) != 0)
		return rc;
	vp_csv_opts co = {.delim = c->o->delim, .max_field = c->max_field,
	                  .first_line = c->o->skip_rows + 1};
	vp_csv *csv = vp_csv_open(in, c->path, &co);
	if (!csv)
		return oom(c);
	struct saved_row *saved = NULL;
	size_t nsaved = 0;

	rc = vp_csv_next(csv, c->e);
	if (rc == 0)
		goto done; /* empty file: no header, no records */
	if (rc != 1)
		goto done;
	if ((rc = set_header(c, csv)) != 0 || (rc = head_init(c)) != 0)
		goto done;
	if ((rc = grow_row_arrays(c, c->hdr.n)) != 0)
		goto done;

	if (c->ntext == 0) {
		size_t max = c->o->sniff_rows ? c->o->sniff_rows : DEFAULT_SNIFF_ROWS;
		int eof = 0, pending = 0;
		vp_err perr;
		saved = calloc(max, sizeof *saved);
		if (!saved) {
			rc = oom(c);
			goto done;
		}
		rc = guess_text_cols(c, csv, saved, &nsaved, &eof, &pending, &perr);
		for (size_t i = 0; i < nsaved && rc == 0; i++) {
			rc = replay_row(c, &saved[i]);
			vp_buf_free(&saved[i].data);
		}
		if (pending && (rc == 0 || rc == EX_USAGE)) {
			/* the bad row, not a guess from the rows before it */
			*c->e = perr;
			rc = pending;
		}
		if (rc || eof)
			goto done;
	}
	while ((rc = next_row(c, csv)) == 1) {
		size_t nf = vp_csv_nfields(csv);
		if ((rc = grow_row_arrays(c, nf)) != 0)
			break;
		for (size_t i = 0; i < nf; i++)
			c->fp[i] = vp_csv_field(csv, i, &c->fl[i]);
		if ((rc = csv_row(c, c->fp, c->fl, nf, vp_csv_line(csv))) != 0)
			break;
	}
done:
	for (size_t i = 0; saved && i < nsaved; i++)
		vp_buf_free(&saved[i].data);
	free(saved);
	vp_csv_close(csv);
	return rc;
}

/* ------------------------------------------------------------------ */
/* plain-text event notes */

struct textin {
	vp_buf text;            /* the paragraph being read */
	unsigned long line;     /* where it started */
	int bad;                /* it holds a bad line: rejected at its end */
	char why[200];
	unsigned long bad_line;
	int body;               /* 0 while the header block may still come */
	vp_buf hdr;             /* candidate header lines, each ending '\n' */
	unsigned long hdr_first, hdr_lines;
	vp_buf loc, date, extra; /* from the header; extra: JSON members */
};

static int text_emit(struct ctx *c, struct textin *t)
{
	int rc = 0;
	if (t->text.len == 0 && !t->bad)
		return 0;
	c->st->rows++;
	if (t->bad) {
		rc = bad_row(c, t->bad_line, t->why);
	} else {
		const char *s = t->text.data;
		size_t n = t->text.len;
		trim(&s, &n);
		rc = make_id(c, "", 0, t->line, 0, 1);
		if (rc == 0)
			rc = emit(c, c->tmp.data, c->tmp.len, t->loc.data ? t->loc.data : "",
			          t->loc.len, t->date.data ? t->date.data : "", t->date.len,
			          "\"\"", 2, s, n);
	}
	vp_buf_clear(&t->text);
	t->bad = 0;
	return rc;
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
	trim(k, kn);
	*v = colon + 1;
	*vn = n - (size_t)(colon + 1 - s);
	trim(v, vn);
	return 1;
}

static int is_rule(const char *s, size_t n)
{
	trim(&s, &n);
	return n == 3 && memcmp(s, "---", 3) == 0;
}

static int blank_line(const char *s, size_t n)
{
	trim(&s, &n);
	return n == 0;
}

/* Clean one line (NUL, encoding, UTF-8).  *out is NULL if it is bad: the
 * reason is kept in t and the paragraph will be rejected. */
static int text_clean(struct ctx *c, struct textin *t, const char *s, size_t n,
                      unsigned long lineno, const char **out, size_t *outn)
{
	size_t off, bad_at = 0;
	char why[200];
	vp_buf_clear(&c->conv);
	int r = clean_value(c, s, n, &off, outn, why, sizeof why, &bad_at, "text", NULL);
	if (r < 0)
		return oom(c);
	*out = NULL;
	if (r > 0) {
		if (!t->bad) {
			t->bad = 1;
			snprintf(t->why, sizeof t->why, "%s", why);
			t->bad_line = lineno;
		}
		return 0;
	}
	*out = off == SIZE_MAX ? s : c->conv.data + off;
	return 0;
}

/* A line of the paragraph.  too_long: the line was longer than max_field
 * (and s holds only its start). */
static int body_line(struct ctx *c, struct textin *t, const char *s, size_t n,
                     unsigned long lineno, int too_long)
{
	if (!too_long && blank_line(s, n))
		return text_emit(c, t);
	if (t->text.len == 0 && !t->bad)
		t->line = lineno;
	const char *cl = s;
	size_t cn = n;
	int rc = too_long ? 0 : text_clean(c, t, s, n, lineno, &cl, &cn);
	if (rc || !cl || t->bad)
		return rc;
	if (too_long || t->text.len + cn + 1 > c->max_field) {
		t->bad = 1;
		snprintf(t->why, sizeof t->why, "paragraph longer than %zu bytes", c->max_field);
		t->bad_line = t->line;
		vp_buf_clear(&t->text);
		return 0;
	}
	if ((t->text.len && vp_buf_putc(&t->text, '\n')) || vp_buf_append(&t->text, cl, cn))
		return oom(c);
	return 0;
}

/* The lines held as a possible header were ordinary text after all. */
static int header_was_text(struct ctx *c, struct textin *t)
{
	int rc = 0;
	t->body = 1;
	if (vp_buf_puts(&c->fields, ",\"fields\":{}"))
		return oom(c);
	if (t->hdr.len == 0)
		return 0; /* nothing held (hdr.data may be NULL) */
	const char *s = t->hdr.data, *end = t->hdr.data + t->hdr.len;
	for (unsigned long ln = t->hdr_first; s < end && rc == 0; ln++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		rc = body_line(c, t, s, (size_t)(nl - s), ln, 0);
		s = nl + 1;
	}
	vp_buf_clear(&t->hdr);
	return rc;
}

/* The lines held are a header block: Date and Locality set the records'
 * date and locality, every other key goes into fields (key lower-cased). */
static int header_accept(struct ctx *c, struct textin *t)
{
	const char *s = t->hdr.data, *end = t->hdr.data + t->hdr.len;
	t->body = 1;
	for (unsigned long ln = t->hdr_first; s < end; ln++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *cl, *k, *v;
		size_t cn, kn, vn;
		int rc = text_clean(c, t, s, (size_t)(nl - s), ln, &cl, &cn);
		if (rc)
			return rc;
		if (!cl)
			return vp_errf_at(c->e, EX_DATAERR, c->path, ln, "header block: %s", t->why);
		header_line(cl, cn, &k, &kn, &v, &vn);
		int r = 0;
		if (kn == 8 && !strncasecmp(k, "locality", 8)) {
			vp_buf_clear(&t->loc);
			r = vp_buf_append(&t->loc, v, vn);
		} else if (kn == 4 && !strncasecmp(k, "date", 4)) {
			char iso[11];
			date_of(&v, &vn, iso);
			vp_buf_clear(&t->date);
			r = vp_buf_append(&t->date, v, vn);
		} else {
			vp_buf_clear(&c->tmp);
			for (size_t i = 0; i < kn && r == 0; i++)
				r = vp_buf_putc(&c->tmp, tolower((unsigned char)k[i]));
			if (r == 0 && t->extra.len)
				r = vp_buf_putc(&t->extra, ',');
			if (r == 0)
				r = vp_json_key(&t->extra, c->tmp.data, c->tmp.len);
			if (r == 0)
				r = vp_json_str(&t->extra, v, vn);
		}
		if (r)
			return oom(c);
		s = nl + 1;
	}
	vp_buf_clear(&t->hdr);
	if (vp_buf_puts(&c->fields, ",\"fields\":{") ||
	    vp_buf_append(&c->fields, t->extra.data ? t->extra.data : "", t->extra.len) ||
	    vp_buf_putc(&c->fields, '}'))
		return oom(c);
	return 0;
}

static int text_line(struct ctx *c, struct textin *t, const char *s, size_t n,
                     unsigned long lineno, int too_long)
{
	if (!t->body && !too_long) {
		const char *k, *v;
		size_t kn, vn;
		if (t->hdr_lines == 0 && blank_line(s, n))
			return 0;
		if (t->hdr_lines > 0 && is_rule(s, n))
			return header_accept(c, t);
		if (t->hdr_lines < TEXT_HEADER_MAX_LINES && !memchr(s, '\0', n) &&
		    header_line(s, n, &k, &kn, &v, &vn)) {
			if (t->hdr_lines++ == 0)
				t->hdr_first = lineno;
			if (vp_buf_append(&t->hdr, s, n) || vp_buf_putc(&t->hdr, '\n'))
				return oom(c);
			return 0;
		}
	}
	if (!t->body) { /* the lines held were not a header block */
		int rc = header_was_text(c, t);
		if (rc)
			return rc;
	}
	return body_line(c, t, s, n, lineno, too_long);
}

/* Read one line into b, without its end (LF, CRLF, or a lone CR as old Mac
 * files have).  At most max + 1 bytes are kept, so memory stays bounded
 * whatever the input; *too_long says there were more.  1 = a line, 0 = end
 * of input, EX_IOERR, or EX_OSERR. */
static int read_line(FILE *in, vp_buf *b, size_t max, int *too_long)
{
	int ch;
	vp_buf_clear(b);
	*too_long = 0;
	errno = 0;
	while ((ch = getc_unlocked(in)) != EOF) {
		if (ch == '\n')
			return 1;
		if (ch == '\r') {
			int next = getc_unlocked(in);
			if (next != '\n' && next != EOF && ungetc(next, in) == EOF)
				return EX_IOERR;
			return 1;
		}
		if (b->len > max) {
			*too_long = 1;
			continue;
		}
		if (vp_buf_putc(b, ch) != 0)
			return EX_OSERR;
	}
	if (ferror(in))
		return EX_IOERR;
	return b->len || *too_long;
}

static int ingest_text(struct ctx *c, FILE *in)
{
	vp_buf buf = VP_BUF_INIT;
	unsigned long lineno = 0;
	int rc = 0;
	struct textin t;
	memset(&t, 0, sizeof t);

	vp_buf_clear(&c->fields);
	if ((rc = head_init(c)) != 0)
		return rc;
	for (;;) {
		int too_long;
		int got = read_line(in, &buf, c->max_field, &too_long);
		if (got == 0)
			break;
		if (got == EX_OSERR) {
			rc = oom(c);
			break;
		}
		if (got != 1) {
			rc = vp_errf_at(c->e, EX_IOERR, c->path, lineno + 1, "read error: %s",
			                strerror(errno ? errno : EIO));
			break;
		}
		lineno++;
		const char *s = buf.data ? buf.data : "";
		size_t n = buf.len;
		if (lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;
			n -= 3;
		}
		if ((rc = text_line(c, &t, s, n, lineno, too_long)) != 0)
			break;
	}
	if (rc == 0 && !t.body)
		rc = header_was_text(c, &t);
	if (rc == 0)
		rc = text_emit(c, &t);
	vp_buf_free(&buf);
	vp_buf_free(&t.text);
	vp_buf_free(&t.hdr);
	vp_buf_free(&t.loc);
	vp_buf_free(&t.date);
	vp_buf_free(&t.extra);
	return rc;
}

/* ------------------------------------------------------------------ */
/* NDJSON records from another tool */

static int set_str(json_t *o, const char *k, const char *v)
{
	return json_object_set_new(o, k, json_string(v));
}

/* rec[key] for id, locality and date: a string as it is, a number as
 * written (into buf), NULL when absent or null.  1 for any other type. */
static int scalar_str(const json_t *rec, const char *key, const char **out, char buf[64])
{
	const json_t *v = json_object_get(rec, key);
	*out = NULL;
	if (json_is_string(v))
		*out = json_string_value(v);
	else if (json_is_integer(v))
		snprintf(buf, 64, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_real(v))
		snprintf(buf, 64, "%.15g", json_real_value(v));
	else
		return v && !json_is_null(v);
	if (!*out)
		*out = buf;
	return 0;
}

static int ndjson_record(struct ctx *c, json_t *rec, unsigned long line)
{
	static const char *const def_key[] = {"text"};
	const char *const *keys = c->o->ntext ? c->o->text_cols : def_key;
	size_t nk = c->o->ntext ? c->o->ntext : 1;
	char why[256];
	const char *id_key = c->o->id_col ? c->o->id_col : "id";
	const char *loc_key = c->o->locality_col ? c->o->locality_col : "locality";
	const char *date_key = c->o->date_col ? c->o->date_col : "date";
	char idbuf[64], locbuf[64], datebuf[64];
	const char *idv, *loc, *date;
	const char *bad = scalar_str(rec, id_key, &idv, idbuf) ? id_key
	                : scalar_str(rec, loc_key, &loc, locbuf) ? loc_key
	                : scalar_str(rec, date_key, &date, datebuf) ? date_key : NULL;
	if (bad) {
		snprintf(why, sizeof why, "\"%.200s\" is not a string or a number", bad);
		return bad_row(c, line, why);
	}
	/* copied: the record is changed below while they are in use */
	char *idc = idv ? strdup(idv) : NULL, *locc = loc ? strdup(loc) : NULL,
	     *datec = date ? strdup(date) : NULL;
	if ((idv && !idc) || (loc && !locc) || (date && !datec)) {
		free(idc);
		free(locc);
		free(datec);
		return oom(c);
	}
	int rc = 0;
	for (size_t q = 0; q < nk && rc == 0; q++) {
		const char *key = keys[q];
		json_t *v = json_object_get(rec, key);
		if (!v || json_is_null(v)) {
			c->st->empty++;
			continue;
		}
		if (!json_is_string(v)) {
			snprintf(why, sizeof why, "\"%.200s\" is not a string", key);
			rc = bad_row(c, line, why);
			break;
		}
		const char *s = json_string_value(v);
		size_t n = json_string_length(v);
		if (memchr(s, '\0', n)) {
			snprintf(why, sizeof why, "NUL byte in \"%.200s\"", key);
			rc = bad_row(c, line, why);
			break;
		}
		trim(&s, &n);
		if (n == 0) {
			c->st->empty++;
			continue;
		}
		json_t *out = nk == 1 ? json_incref(rec) : json_copy(rec);
		json_t *text = json_stringn(s, n);
		if (!out || !text) {
			json_decref(out);
			json_decref(text);
			rc = oom(c);
			break;
		}
		int r = make_id(c, idc ? idc : "", idc ? strlen(idc) : 0, line, q, nk);
		r |= set_str(out, "id", c->tmp.data);
		if (!json_is_string(json_object_get(out, "source")))
			r |= set_str(out, "source", c->source);
		if (c->o->channel || !json_is_string(json_object_get(out, "channel")))
			r |= set_str(out, "channel", c->o->channel ? c->o->channel : "form");
		r |= set_str(out, "locality", locc ? locc : "");
		if (datec) {
			const char *d = datec;
			size_t dn = strlen(d);
			char iso[11];
			date_of(&d, &dn, iso);
			r |= json_object_set_new(out, "date", json_stringn(d, dn));
		} else {
			r |= set_str(out, "date", "");
		}
		if (!json_is_string(json_object_get(out, "question")))
			r |= set_str(out, "question", strcmp(key, "text") ? key : "");
		if (strcmp(key, "text") != 0)
			json_object_del(out, key);
		r |= json_object_set_new(out, "text", text);
		if (r) {
			json_decref(out);
			rc = oom(c);
			break;
		}
		rc = vp_record_write(c->out, out, c->e);
		json_decref(out);
		if (rc == 0)
			c->st->records++;
	}
	free(idc);
	free(locc);
	free(datec);
	return rc;
}

static int ingest_ndjson(struct ctx *c, FILE *in)
{
	if (c->o->conv)
		return vp_errf_at(c->e, EX_USAGE, c->path, 0,
		                  "--encoding does not apply to NDJSON input (JSON is UTF-8)");
	vp_reader r;
	json_t *rec;
	int rc;
	vp_reader_init(&r, in, c->path, c->o->prog);
	r.skip_bad = c->o->skip_bad;
	while ((rc = vp_reader_next(&r, &rec, c->e)) == 1) {
		c->st->rows++;
		rc = ndjson_record(c, rec, r.lineno);
		json_decref(rec);
		if (rc)
			break;
	}
	c->st->rows += r.rejected;
	c->st->rejected += r.rejected;
	vp_reader_free(&r);
	return rc;
}

/* ------------------------------------------------------------------ */

int vp_ingest(const vp_ingest_opts *o, FILE *in, const char *path, FILE *out,
              vp_ingest_stats *st, vp_err *e)
{
	struct ctx c;
	memset(&c, 0, sizeof c);
	c.o = o;
	c.st = st;
	c.e = e;
	c.out = out;
	c.path = path;
	c.id_col = c.loc_col = c.date_col = -1;
	c.max_field = o->max_field ? o->max_field : DEFAULT_MAX_FIELD;
	int is_stdin = strcmp(path, "-") == 0;
	if (is_stdin) {
		c.source = "stdin";
	} else {
		const char *slash = strrchr(path, '/');
		c.source = slash && slash[1] ? slash + 1 : path;
	}
	enum vp_format fmt = o->format != VP_FMT_AUTO ? o->format
	                     : is_stdin ? VP_FMT_CSV : vp_format_of(path);
	c.channel = o->channel ? o->channel : fmt == VP_FMT_TEXT ? "event" : "survey";

	int rc;
	switch (fmt) {
	case VP_FMT_NDJSON:
		rc = ingest_ndjson(&c, in);
		break;
	case VP_FMT_TEXT:
		rc = ingest_text(&c, in);
		break;
	default:
		rc = ingest_csv(&c, in);
		break;
	}
	vp_buf_free(&c.head);
	vp_buf_free(&c.line);
	vp_buf_free(&c.fields);
	vp_buf_free(&c.conv);
	vp_buf_free(&c.tmp);
	vp_buf_free(&c.keys);
	vp_buf_free(&c.questions);
	vp_header_free(&c.hdr);
	free(c.key_off);
	free(c.q_off);
	free(c.is_text);
	free(c.text_col);
	free(c.fp);
	free(c.fl);
	free(c.vp);
	free(c.vl);
	free(c.voff);
	return rc;
}
