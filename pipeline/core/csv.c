/* csv.c - see include/voxpop/csv.h
 *
 * A byte-at-a-time state machine over a block buffer (fread of 64 KiB), with
 * runs of ordinary bytes found 16 bytes at a time (find_any) and copied
 * with one memcpy.
 * The current row lives in one vp_buf: every field is stored followed by a
 * NUL, and located by offset (the buffer may move when it grows).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "voxpop/buf.h"
#include "voxpop/csv.h"

enum { IN_CAP = 64 * 1024 };
#define DEFAULT_MAX_FIELD ((size_t)64 * 1024 * 1024)

enum state {
	FIELD_START,  /* nothing of this field read yet */
	UNQUOTED,     /* inside a field that did not start with a quote */
	QUOTED,       /* inside "..." */
	QUOTE_SEEN,   /* a quote inside "...": doubled quote or closing quote */
	CR_SEEN,      /* a CR outside quotes: end of row, with the LF if one follows */
	QUOTED_CR,    /* a CR inside "...": data, and a line end unless an LF follows
	               * (which counts itself) */
};

enum { TOO_FIELD = 1, TOO_ROW, TOO_MANY };

struct vp_csv {
	FILE *fp;
	char *name;
	int delim;
	size_t max_field;
	size_t max_row;         /* a row's fields together: max_field, at least 64 MiB */

	unsigned char *in;
	size_t in_len, in_pos, in_cap; /* in_cap >= IN_CAP; more while replaying */
	int eof;
	int started;            /* BOM check done */
	unsigned long line;     /* physical line of the read position */
	unsigned long row_line; /* line where the current row starts */
	unsigned long field_line;

	vp_buf row;             /* fields, each NUL-terminated */
	size_t *fstart, *flen;
	size_t nf, fcap;
	size_t field_off;       /* where the field being read starts in row */
	int row_quoted;         /* some field of this row was quoted */
	int too_long;           /* TOO_*: a field of this row is over max_field, or
	                         * the row is, or has too many fields: the rest of
	                         * the row is read but not kept, then rejected */
	unsigned long too_long_line;
	size_t field_bytes;     /* of the field being read, kept or not */

	/* A quoted field that runs past a line end may be a stray quote: its
	 * bytes after the first line end are kept as read (raw), so that if it runs
	 * to the end of the input they can be read again as rows.  Bounded:
	 * nothing is kept once the field is over max_field. */
	int capturing;          /* in a quoted field, past its first line end */
	vp_buf raw;
	size_t header_nf;       /* fields of the first row (0: none yet) */
	unsigned long nrows;    /* rows returned */
};

vp_csv *vp_csv_open(FILE *fp, const char *name, const vp_csv_opts *opts)
{
	vp_csv *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->fp = fp;
	c->name = strdup(name ? name : "-");
	c->in = malloc(IN_CAP);
	c->in_cap = IN_CAP;
	c->fcap = 16;
	c->fstart = malloc(c->fcap * sizeof *c->fstart);
	c->flen = malloc(c->fcap * sizeof *c->flen);
	if (!c->name || !c->in || !c->fstart || !c->flen) {
		vp_csv_close(c);
		return NULL;
	}
	c->delim = opts && opts->delim ? opts->delim : ',';
	c->max_field = opts && opts->max_field ? opts->max_field : DEFAULT_MAX_FIELD;
	c->max_row = opts && opts->max_row ? opts->max_row
	           : c->max_field > DEFAULT_MAX_FIELD ? c->max_field : DEFAULT_MAX_FIELD;
	c->line = opts && opts->first_line ? opts->first_line : 1;
	return c;
}

void vp_csv_close(vp_csv *c)
{
	if (!c)
		return;
	free(c->name);
	free(c->in);
	free(c->fstart);
	free(c->flen);
	vp_buf_free(&c->row);
	vp_buf_free(&c->raw);
	free(c);
}

size_t vp_csv_nfields(const vp_csv *c)
{
	return c->nf;
}

const char *vp_csv_field(const vp_csv *c, size_t i, size_t *len)
{
	if (len)
		*len = c->flen[i];
	return c->row.data + c->fstart[i];
}

unsigned long vp_csv_line(const vp_csv *c)
{
	return c->row_line;
}

int vp_csv_eof(const vp_csv *c)
{
	return c->eof && c->in_pos >= c->in_len;
}

/* 1 = bytes available, 0 = end of input, else EX_IOERR. */
static int refill(vp_csv *c, vp_err *e)
{
	if (c->in_pos < c->in_len)
		return 1;
	if (c->eof)
		return 0;
	if (c->in_cap > IN_CAP) { /* a replay is over: back to one block */
		unsigned char *small = realloc(c->in, IN_CAP);
		if (small) {
			c->in = small;
			c->in_cap = IN_CAP;
		}
	}
	errno = 0;
	size_t n = fread(c->in, 1, IN_CAP, c->fp);
	c->in_pos = 0;
	c->in_len = n;
	if (n == 0) {
		if (ferror(c->fp))
			return vp_errf_at(e, EX_IOERR, c->name, c->line, "read error: %s",
			                  strerror(errno ? errno : EIO));
		c->eof = 1;
		return 0;
	}
	return 1;
}

int vp_csv_skip_lines(vp_csv *c, unsigned long n, unsigned long *seen, vp_err *e)
{
	unsigned long k = 0;
	int partial = 0, rc;
	while (k < n) {
		if ((rc = refill(c, e)) != 1) {
			if (rc)
				return rc;
			break;
		}
		unsigned char *p = c->in + c->in_pos, *end = c->in + c->in_len, *q = p;
		while (q < end && *q != '\n' && *q != '\r')
			q++;
		c->in_pos += (size_t)(q - p);
		partial |= q > p;
		if (q == end)
			continue;
		c->in_pos++;
		k++;
		c->line++;
		partial = 0;
		if (*q == '\r') { /* CRLF, or a lone CR */
			if ((rc = refill(c, e)) > 1)
				return rc;
			if (rc == 1 && c->in[c->in_pos] == '\n')
				c->in_pos++;
		}
	}
	*seen = k + (unsigned long)partial;
	if (k < n)
		return 1;
	if ((rc = refill(c, e)) > 1)
		return rc;
	return rc == 0; /* nothing after them */
}

static int oom(vp_csv *c, vp_err *e)
{
	return vp_errf_at(e, EX_OSERR, c->name, c->row_line, "out of memory");
}

static int append(vp_csv *c, const void *p, size_t n, vp_err *e)
{
	c->field_bytes += n < SIZE_MAX - c->field_bytes ? n : SIZE_MAX - c->field_bytes;
	if (c->too_long)
		return 0;
	if (c->row.len - c->field_off + n > c->max_field) {
		/* Not an error yet: the row is read to its end (memory stays
		 * bounded) so that the next row can be read after it. */
		c->too_long = TOO_FIELD;
		c->too_long_line = c->field_line;
		return 0;
	}
	if (c->row.len + n > c->max_row) {
		/* fields each within the limit, the row not */
		c->too_long = TOO_ROW;
		c->too_long_line = c->row_line;
		return 0;
	}
	if (vp_buf_append(&c->row, p, n) != 0)
		return oom(c, e);
	return 0;
}

/* Keep bytes of a quoted field past its first line end, as read (raw holds
 * at most twice max_field: every byte, or a doubled quote for one). */
static int capture(vp_csv *c, const void *p, size_t n, vp_err *e)
{
	if (!c->capturing || c->field_bytes > c->max_field)
		return 0;
	if (vp_buf_append(&c->raw, p, n) != 0)
		return oom(c, e);
	return 0;
}

static void capture_end(vp_csv *c)
{
	c->capturing = 0;
	if (c->raw.cap > IN_CAP)
		vp_buf_free(&c->raw); /* a long field's copy is not kept */
	else
		vp_buf_clear(&c->raw);
}

/* A line end inside a quoted field was read: the next line, and from it
 * the field's bytes kept in case it is a stray quote. */
static void start_line_in_quotes(vp_csv *c)
{
	c->line++;
	if (!c->capturing) {
		vp_buf_clear(&c->raw);
		c->capturing = 1;
	}
}

static int begin_field(vp_csv *c)
{
	c->field_bytes = 0;
	c->field_off = c->row.len;
	c->field_line = c->line;
	return 0;
}

static int end_field(vp_csv *c, vp_err *e)
{
	if (c->too_long)
		return 0; /* a bad row: its fields are not kept */
	if (c->nf == VP_CSV_MAX_FIELDS) {
		c->too_long = TOO_MANY;
		c->too_long_line = c->row_line;
		return 0;
	}
	if (c->nf == c->fcap) {
		size_t ncap = c->fcap * 2;
		size_t *s = realloc(c->fstart, ncap * sizeof *s);
		if (!s)
			return oom(c, e);
		c->fstart = s;
		size_t *l = realloc(c->flen, ncap * sizeof *l);
		if (!l)
			return oom(c, e);
		c->flen = l;
		c->fcap = ncap;
	}
	c->fstart[c->nf] = c->field_off;
	c->flen[c->nf] = c->row.len - c->field_off;
	c->nf++;
	if (vp_buf_putc(&c->row, '\0') != 0)
		return oom(c, e);
	return 0;
}

static void reset_row(vp_csv *c)
{
	vp_buf_clear(&c->row);
	c->nf = 0;
	c->row_quoted = 0;
	c->too_long = 0;
	c->row_line = c->line;
	begin_field(c);
}

static const char *commas(unsigned long long v, char out[40]);

/* A complete row: 1, or the error for a field over the limit in it (or
 * the row over it, or too many fields). */
static int row_done(vp_csv *c, vp_err *e)
{
	char num[40];
	if (c->too_long == TOO_MANY)
		return vp_errf_at(e, EX_DATAERR, c->name, c->too_long_line,
		                  "row has more than %s fields", commas(VP_CSV_MAX_FIELDS, num));
	if (c->too_long)
		return vp_errf_at(e, EX_DATAERR, c->name, c->too_long_line, "%s longer than %zu bytes",
		                  c->too_long == TOO_ROW ? "row" : "field",
		                  c->too_long == TOO_ROW ? c->max_row : c->max_field);
	if (c->nrows++ == 0)
		c->header_nf = c->nf;
	return 1;
}

/* v with thousands separators: 9,998. */
static const char *commas(unsigned long long v, char out[40])
{
	char tmp[40];
	size_t n = 0, k = 0;
	do {
		if (n && n % 3 == 0)
			tmp[k++] = ',';
		tmp[k++] = (char)('0' + v % 10);
		v /= 10;
		n++;
	} while (v);
	for (size_t i = 0; i < k; i++)
		out[i] = tmp[k - 1 - i];
	out[k] = '\0';
	return out;
}

/* The reader's quote rules for one byte ch (not a line end) in state st:
 * a quote opens a field only at its start, "" inside quotes is a quote,
 * text after a closing quote is kept; *nf counts the fields the delimiter
 * separates.  The state after ch (FIELD_START, UNQUOTED, QUOTED, QUOTE_SEEN). */
static enum state quote_step(enum state st, unsigned char ch, int delim, size_t *nf)
{
	if (st == QUOTED)
		return ch == '"' ? QUOTE_SEEN : QUOTED;
	if (st == QUOTE_SEEN && ch == '"')
		return QUOTED; /* a doubled quote */
	if (delim != VP_CSV_NO_DELIM && ch == (unsigned char)delim) {
		++*nf;
		return FIELD_START;
	}
	return st == FIELD_START && ch == '"' ? QUOTED : UNQUOTED;
}

/* The physical line at s[0..n): its length before its end (LF, CRLF or a
 * lone CR), *end_len the end's bytes (0: s ends first). */
static size_t line_span(const unsigned char *s, size_t n, size_t *end_len)
{
	size_t k = 0;
	while (k < n && s[k] != '\n' && s[k] != '\r')
		k++;
	*end_len = k == n ? 0 : s[k] == '\r' && k + 1 < n && s[k + 1] == '\n' ? 2 : 1;
	return k;
}

/* One physical line s[0..n) (its end not in it) read as a row on its own:
 * 1 if its quotes close on it and it has want fields (want 0: any number). */
static int whole_row(const unsigned char *s, size_t n, int delim, size_t want)
{
	size_t nf = 1;
	enum state st = FIELD_START;
	if (n == 0)
		return 0; /* a blank line starts no row */
	for (size_t i = 0; i < n; i++)
		st = quote_step(st, s[i], delim, &nf);
	return st != QUOTED && (want == 0 || nf == want);
}

size_t vp_csv_widths(const char *s, size_t n, int delim, size_t *w, size_t max)
{
	size_t rows = 0, nf = 1;
	int blank = 1;
	enum state st = FIELD_START;
	for (size_t i = 0; i < n && rows < max; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (st != QUOTED && (ch == '\n' || ch == '\r')) {
			if (ch == '\r') {
				if (i + 1 == n)
					break; /* a CR, or a CRLF cut after it: not known to end */
				i += s[i + 1] == '\n';
			}
			w[rows++] = blank ? 0 : nf;
			nf = 1;
			blank = 1;
			st = FIELD_START;
			continue;
		}
		blank = 0;
		st = quote_step(st, ch, delim, &nf);
	}
	return rows;
}

/* End of input inside a quoted field.  If it ran past line ends it is
 * taken for a stray quote: the row it is in is bad, and the lines it
 * swallowed (kept in raw) are read again, from the first that reads as a
 * whole row as wide as the first row.  Returns EX_DATAERR. */
static int stray_quote(vp_csv *c, vp_err *e)
{
	unsigned long open = c->field_line;
	char num[40], num2[40];
	if (!c->capturing)
		return vp_errf_at(e, EX_DATAERR, c->name, open, "unterminated quoted field");
	char last = c->raw.len ? c->raw.data[c->raw.len - 1] : '\n';
	unsigned long swallowed = c->line - open - (last == '\n' || last == '\r' ? 1 : 0);
	const char *ls = swallowed == 1 ? "" : "s";
	int rc;
	if (swallowed == 0) {
		rc = vp_errf_at(e, EX_DATAERR, c->name, open, "unterminated quoted field");
	} else if (c->field_bytes > c->max_field) {
		rc = vp_errf_at(e, EX_DATAERR, c->name, open,
		                "unterminated quoted field: stray quote swallowed %s line%s, more "
		                "than %s bytes: the rest is lost", commas(swallowed, num), ls,
		                commas(c->max_field, num2));
	} else if (c->nrows == 0) {
		/* the first row (the header) is what the quote broke: with no
		 * header, no row can be checked or read again */
		rc = vp_errf_at(e, EX_DATAERR, c->name, open,
		                "unterminated quoted field in the header: stray quote swallowed %s "
		                "line%s; nothing after it can be read (fix the quote)",
		                commas(swallowed, num), ls);
	} else {
		const unsigned char *s = (const unsigned char *)c->raw.data;
		size_t len = c->raw.len, off = 0;
		unsigned long ln = open + 1;
		while (off < len) {
			size_t end, k = line_span(s + off, len - off, &end);
			if (whole_row(s + off, k, c->delim, c->header_nf))
				break;
			off += k + end;
			ln++;
		}
		if (off < len) {
			size_t n = len - off, cap = n > IN_CAP ? n : IN_CAP;
			unsigned char *in = malloc(cap);
			if (!in)
				return oom(c, e);
			memcpy(in, s + off, n);
			free(c->in);
			c->in = in;
			c->in_cap = cap;
			c->in_pos = 0;
			c->in_len = n;
			c->line = ln;
			rc = vp_errf_at(e, EX_DATAERR, c->name, open,
			                "unterminated quoted field: stray quote swallowed %s line%s; "
			                "rows read again from line %lu", commas(swallowed, num), ls, ln);
		} else if (c->header_nf) {
			rc = vp_errf_at(e, EX_DATAERR, c->name, open,
			                "unterminated quoted field: stray quote swallowed %s line%s; no "
			                "row after it has %zu field%s", commas(swallowed, num), ls,
			                c->header_nf, c->header_nf == 1 ? "" : "s");
		} else {
			rc = vp_errf_at(e, EX_DATAERR, c->name, open,
			                "unterminated quoted field: stray quote swallowed %s line%s",
			                commas(swallowed, num), ls);
		}
	}
	capture_end(c);
	return rc;
}

/* A row that is one empty unquoted field is a blank line: skipped. */
static int blank_row(const vp_csv *c)
{
	return c->nf == 1 && c->flen[0] == 0 && !c->row_quoted && !c->too_long;
}

/* The first byte at or after p that is a, b or c (end if none): with SSE2
 * 16 bytes at a time (comment texts are long runs), else one by one. */
static inline unsigned char *find_any(unsigned char *p, unsigned char *end, unsigned char a,
                                      unsigned char b, unsigned char c)
{
#if defined(__SSE2__) && defined(__GNUC__)
	const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b);
	const __m128i vc = _mm_set1_epi8((char)c);
	while (end - p >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)),
		                         _mm_cmpeq_epi8(x, vc));
		unsigned bits = (unsigned)_mm_movemask_epi8(m);
		if (bits)
			return p + __builtin_ctz(bits);
		p += 16;
	}
#endif
	while (p < end && *p != a && *p != b && *p != c)
		p++;
	return p;
}

int vp_csv_next(vp_csv *c, vp_err *e)
{
	int rc;
	enum state st = FIELD_START;

	if (!c->started) {
		c->started = 1;
		/* Skip a UTF-8 byte order mark (Excel writes one). */
		while (c->in_len - c->in_pos < 3 && !c->eof) {
			size_t have = c->in_len - c->in_pos;
			memmove(c->in, c->in + c->in_pos, have);
			c->in_pos = 0;
			c->in_len = have;
			errno = 0;
			size_t n = fread(c->in + have, 1, IN_CAP - have, c->fp);
			if (n == 0) {
				if (ferror(c->fp))
					return vp_errf_at(e, EX_IOERR, c->name, 1, "read error: %s",
					                  strerror(errno ? errno : EIO));
				c->eof = 1;
			}
			c->in_len += n;
		}
		if (c->in_len - c->in_pos >= 3 && memcmp(c->in + c->in_pos, "\xEF\xBB\xBF", 3) == 0)
			c->in_pos += 3;
	}
	reset_row(c);

	for (;;) {
		rc = refill(c, e);
		if (rc == 0)
			break;
		if (rc != 1)
			return rc;
		unsigned char *p = c->in + c->in_pos, *end = c->in + c->in_len;
		unsigned char ch = *p;

		switch (st) {
		case FIELD_START:
			if (ch == '"') {
				c->in_pos++;
				c->row_quoted = 1;
				c->field_line = c->line;
				st = QUOTED;
				continue;
			}
			st = UNQUOTED;
			/* fall through */
		case UNQUOTED: {
			/* a run ends at the delimiter or a line end (with none,
			 * at a line end only) */
			unsigned char sep = c->delim == VP_CSV_NO_DELIM ? '\n' : (unsigned char)c->delim;
			unsigned char *q = find_any(p, end, sep, '\n', '\r');
			if (q > p && (rc = append(c, p, (size_t)(q - p), e)) != 0)
				return rc;
			c->in_pos += (size_t)(q - p);
			if (q == end)
				continue;
			c->in_pos++;
			if (*q == '\r') {
				st = CR_SEEN;
				continue;
			}
			if ((rc = end_field(c, e)) != 0)
				return rc;
			if (*q == '\n') {
				c->line++;
				if (blank_row(c)) {
					reset_row(c);
					st = FIELD_START;
					continue;
				}
				return row_done(c, e);
			}
			begin_field(c); /* after a delimiter */
			st = FIELD_START;
			continue;
		}
		case QUOTED: {
			unsigned char *q = find_any(p, end, '"', '\n', '\r');
			int lf = q < end && *q == '\n', cr = q < end && *q == '\r';
			int quote = q < end && *q == '"';
			q += lf || cr; /* a line end inside quotes is data */
			size_t k = (size_t)(q - p);
			if (k && ((rc = append(c, p, k, e)) != 0 || (rc = capture(c, p, k, e)) != 0))
				return rc;
			c->in_pos += k;
			if (lf)
				start_line_in_quotes(c);
			if (cr)
				st = QUOTED_CR;
			if (quote) {
				c->in_pos++;
				if ((rc = capture(c, "\"", 1, e)) != 0)
					return rc;
				st = QUOTE_SEEN;
			}
			continue;
		}
		case QUOTED_CR:
			/* a lone CR ends a line (old Mac exports), as outside
			 * quotes; a CRLF's LF counts itself */
			if (ch != '\n')
				start_line_in_quotes(c);
			st = QUOTED;
			continue;
		case QUOTE_SEEN:
			if (ch == '"') {
				/* a doubled quote stands for one */
				if ((rc = append(c, "\"", 1, e)) != 0 ||
				    (rc = capture(c, "\"", 1, e)) != 0)
					return rc;
				c->in_pos++;
				st = QUOTED;
				continue;
			}
			/* The closing quote.  Text after it before the delimiter
			 * ("ab"cd) is kept, as spreadsheets do. */
			if (c->capturing)
				capture_end(c);
			st = UNQUOTED;
			continue;
		case CR_SEEN:
			/* CRLF, or a lone CR (old Mac exports): the end of the row;
			 * the byte after a lone CR starts the next one. */
			if (ch == '\n')
				c->in_pos++;
			c->line++;
			if ((rc = end_field(c, e)) != 0)
				return rc;
			if (blank_row(c)) {
				reset_row(c);
				st = FIELD_START;
				continue;
			}
			return row_done(c, e);
		}
	}

	/* End of input. */
	switch (st) {
	case QUOTED_CR:
		start_line_in_quotes(c); /* the CR ended a line */
		/* fall through */
	case QUOTED:
		return stray_quote(c, e);
	case FIELD_START:
		if (c->nf == 0)
			return 0; /* nothing after the last row */
		break;
	default: /* the last row had no newline; a final CR is dropped */
		break;
	}
	if ((rc = end_field(c, e)) != 0)
		return rc;
	if (blank_row(c))
		return 0;
	return row_done(c, e);
}
