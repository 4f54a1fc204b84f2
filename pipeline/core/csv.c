/* csv.c - see include/voxpop/csv.h
 *
 * A byte-at-a-time state machine over a block buffer (fread of 64 KiB), with
 * runs of ordinary bytes found by a table scan and copied with one memcpy.
 * The current row lives in one vp_buf: every field is stored followed by a
 * NUL, and located by offset (the buffer may move when it grows).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

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
};

struct vp_csv {
	FILE *fp;
	char *name;
	int delim;
	size_t max_field;
	unsigned char special[256]; /* ends a run of unquoted bytes */

	unsigned char *in;
	size_t in_len, in_pos;
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
	int too_long;           /* a field of this row is over max_field: the rest of
	                         * the row is read but not kept, then rejected */
	unsigned long too_long_line;
};

vp_csv *vp_csv_open(FILE *fp, const char *name, const vp_csv_opts *opts)
{
	vp_csv *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->fp = fp;
	c->name = strdup(name ? name : "-");
	c->in = malloc(IN_CAP);
	c->fcap = 16;
	c->fstart = malloc(c->fcap * sizeof *c->fstart);
	c->flen = malloc(c->fcap * sizeof *c->flen);
	if (!c->name || !c->in || !c->fstart || !c->flen) {
		vp_csv_close(c);
		return NULL;
	}
	c->delim = opts && opts->delim ? opts->delim : ',';
	c->max_field = opts && opts->max_field ? opts->max_field : DEFAULT_MAX_FIELD;
	c->special[(unsigned char)c->delim] = 1;
	c->special['\n'] = 1;
	c->special['\r'] = 1;
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

static int oom(vp_csv *c, vp_err *e)
{
	return vp_errf_at(e, EX_OSERR, c->name, c->row_line, "out of memory");
}

static int append(vp_csv *c, const void *p, size_t n, vp_err *e)
{
	if (c->too_long)
		return 0;
	if (c->row.len - c->field_off + n > c->max_field) {
		/* Not an error yet: the row is read to its end (memory stays
		 * bounded) so that the next row can be read after it. */
		c->too_long = 1;
		c->too_long_line = c->field_line;
		return 0;
	}
	if (vp_buf_append(&c->row, p, n) != 0)
		return oom(c, e);
	return 0;
}

static int begin_field(vp_csv *c)
{
	c->field_off = c->row.len;
	c->field_line = c->line;
	return 0;
}

static int end_field(vp_csv *c, vp_err *e)
{
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

/* A complete row: 1, or the error for a field over the limit in it. */
static int row_done(vp_csv *c, vp_err *e)
{
	if (c->too_long)
		return vp_errf_at(e, EX_DATAERR, c->name, c->too_long_line,
		                  "field longer than %zu bytes", c->max_field);
	return 1;
}

/* A row that is one empty unquoted field is a blank line: skipped. */
static int blank_row(const vp_csv *c)
{
	return c->nf == 1 && c->flen[0] == 0 && !c->row_quoted && !c->too_long;
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
			unsigned char *q = p;
			while (q < end && !c->special[*q])
				q++;
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
			unsigned char *q = p;
			while (q < end && *q != '"') {
				if (*q == '\n')
					c->line++;
				q++;
			}
			if (q > p && (rc = append(c, p, (size_t)(q - p), e)) != 0)
				return rc;
			c->in_pos += (size_t)(q - p);
			if (q < end) {
				c->in_pos++;
				st = QUOTE_SEEN;
			}
			continue;
		}
		case QUOTE_SEEN:
			if (ch == '"') {
				/* a doubled quote stands for one */
				if ((rc = append(c, "\"", 1, e)) != 0)
					return rc;
				c->in_pos++;
				st = QUOTED;
				continue;
			}
			/* The closing quote.  Text after it before the delimiter
			 * ("ab"cd) is kept, as spreadsheets do. */
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
	case QUOTED:
		return vp_errf_at(e, EX_DATAERR, c->name, c->field_line,
		                  "unterminated quoted field");
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
