/* transcode.c - UTF-16 -> UTF-8 as a FILE* layer (fopencookie), and the
 * CSV delimiter sniffer.  See include/voxpop/transcode.h. */
#define _GNU_SOURCE 1   /* fopencookie (glibc) */
#include "voxpop/transcode.h"
#include "voxpop/csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#define BLK 16384
#define SNIFF 1024

enum mode { M_PASS, M_ICONV };

struct vp_transcode {
	FILE *in, *out;
	const char *name;
	char *name_copy;
	enum mode mode;
	int guessed;
	size_t bom;          /* bytes of byte order mark skipped */
	const char *source;
	iconv_t cd;
	char ib[BLK];        /* input bytes not yet converted: ib[ipos..ilen) */
	size_t ipos, ilen;
	unsigned long long consumed;  /* input bytes before ib[ipos] (after the BOM) */
	int in_eof;
	char ob[BLK];        /* converted bytes not yet read: ob[opos..olen) */
	size_t opos, olen;
	vp_err err;          /* the cause of a read error */
};

/* Refill ib (keeping the unconverted tail); 0, or -1 on read error. */
static int refill(vp_transcode *t)
{
	if (t->ipos) {
		memmove(t->ib, t->ib + t->ipos, t->ilen - t->ipos);
		t->ilen -= t->ipos;
		t->ipos = 0;
	}
	while (!t->in_eof && t->ilen < sizeof t->ib) {
		size_t n = fread(t->ib + t->ilen, 1, sizeof t->ib - t->ilen, t->in);
		t->ilen += n;
		if (n == 0) {
			if (ferror(t->in)) {
				vp_errf(&t->err, EX_IOERR, "%s: read error: %s", t->name, strerror(errno));
				return -1;
			}
			t->in_eof = 1;
		}
		if (n)
			break;
	}
	return 0;
}

static int bad(vp_transcode *t, const char *why)
{
	vp_errf(&t->err, EX_DATAERR, "%s: byte offset %llu: invalid %s (%s)", t->name,
	        t->consumed + t->bom, t->source[6] == 'l' ? "UTF-16LE" : "UTF-16BE", why);
	errno = EILSEQ;
	return -1;
}

/* Convert into ob; 0 (ob has bytes or the input is done) or -1. */
static int convert(vp_transcode *t)
{
	t->opos = t->olen = 0;
	for (;;) {
		if (t->ipos == t->ilen || (!t->in_eof && t->ilen - t->ipos < 4)) {
			if (refill(t))
				return -1;
		}
		if (t->mode == M_PASS) {
			size_t n = t->ilen - t->ipos;
			memcpy(t->ob, t->ib + t->ipos, n);
			t->olen = n;
			t->ipos += n;
			t->consumed += n;
			return 0;
		}
		char *ip = t->ib + t->ipos, *op = t->ob;
		size_t il = t->ilen - t->ipos, ol = sizeof t->ob;
		size_t r = iconv(t->cd, &ip, &il, &op, &ol);
		int err = r == (size_t)-1 ? errno : 0;
		size_t used = (size_t)(ip - (t->ib + t->ipos));
		t->ipos += used;
		t->consumed += used;
		t->olen = (size_t)(op - t->ob);
		if (err == EILSEQ) {
			if (t->olen)
				return 0;   /* hand out what converted; fail on the next call */
			return bad(t, "an unpaired surrogate");
		}
		if (err == EINVAL && t->in_eof) {
			if (t->olen)
				return 0;
			return bad(t, t->ilen - t->ipos == 1 ? "an odd byte at the end"
			                                     : "the input ends inside a character");
		}
		if (t->olen || (t->in_eof && t->ipos == t->ilen))
			return 0;
		/* EINVAL with more input to come, or nothing yet: read more */
	}
}

static ssize_t tc_read(void *cookie, char *buf, size_t size)
{
	vp_transcode *t = cookie;
	if (t->err.code) {
		errno = t->err.code == EX_DATAERR ? EILSEQ : EIO;
		return -1;
	}
	if (t->opos == t->olen) {
		if (convert(t)) {
			if (!errno)
				errno = EIO;
			return -1;
		}
		if (t->olen == 0)
			return 0;
	}
	size_t n = t->olen - t->opos;
	if (n > size)
		n = size;
	memcpy(buf, t->ob + t->opos, n);
	t->opos += n;
	return (ssize_t)n;
}

static int tc_close(void *cookie)
{
	(void)cookie;
	return 0;
}

/* Share of NUL bytes among the even and the odd positions of p[0..n). */
static void nul_shares(const unsigned char *p, size_t n, double *even, double *odd)
{
	size_t ne = 0, no = 0;
	for (size_t i = 0; i + 1 < n; i += 2) {
		ne += p[i] == 0;
		no += p[i + 1] == 0;
	}
	size_t pairs = n / 2;
	*even = pairs ? (double)ne / (double)pairs : 0;
	*odd = pairs ? (double)no / (double)pairs : 0;
}

int vp_transcode_open(vp_transcode **tp, FILE *in, const char *name, int flags, vp_err *e)
{
	*tp = NULL;
	vp_transcode *t = calloc(1, sizeof *t);
	if (!t)
		return vp_errf(e, EX_OSERR, "%s: out of memory", name);
	t->cd = (iconv_t)-1;
	t->in = in;
	t->name_copy = strdup(name);
	if (!t->name_copy) {
		free(t);
		return vp_errf(e, EX_OSERR, "%s: out of memory", name);
	}
	t->name = t->name_copy;
	int rc = 0;
	/* the first KiB */
	while (!t->in_eof && t->ilen < SNIFF) {
		size_t n = fread(t->ib + t->ilen, 1, SNIFF - t->ilen, in);
		t->ilen += n;
		if (n == 0) {
			if (ferror(in)) {
				rc = vp_errf(e, EX_IOERR, "%s: read error: %s", name, strerror(errno));
				goto fail;
			}
			t->in_eof = 1;
		}
	}
	const unsigned char *p = (const unsigned char *)t->ib;
	size_t n = t->ilen;
	const char *from = NULL;
	size_t bom = 0;
	if (n >= 4 && ((p[0] == 0xFF && p[1] == 0xFE && p[2] == 0 && p[3] == 0) ||
	               (p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF))) {
		rc = vp_errf(e, EX_DATAERR, "%s: UTF-32 text is not supported; save it as UTF-8 "
		             "(or CSV UTF-8 in Excel)", name);
		goto fail;
	} else if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		bom = 3;
		t->source = "utf-8-bom";
	} else if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
		bom = 2;
		from = "UTF-16LE";
		t->source = "utf-16le";
	} else if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
		bom = 2;
		from = "UTF-16BE";
		t->source = "utf-16be";
	} else {
		double ev, od;
		nul_shares(p, n, &ev, &od);
		t->source = "utf-8";
		if (n >= 8 && od >= 0.75 && ev <= 0.05) {
			from = "UTF-16LE";
			t->source = "utf-16le";
		} else if (n >= 8 && ev >= 0.75 && od <= 0.05) {
			from = "UTF-16BE";
			t->source = "utf-16be";
		}
		if (from) {
			t->guessed = 1;
			if (flags & VP_TC_NO_GUESS) {
				rc = vp_errf(e, EX_DATAERR, "%s: looks like %s without a byte order mark "
				             "(NUL in every other byte); save it as UTF-8", name,
				             from[6] == 'L' ? "UTF-16LE" : "UTF-16BE");
				goto fail;
			}
		}
	}
	t->ipos = t->bom = bom;
	if (from) {
		t->mode = M_ICONV;
		t->cd = iconv_open("UTF-8", from);
		if (t->cd == (iconv_t)-1) {
			rc = vp_errf(e, EX_OSERR, "%s: iconv cannot convert from %s: %s", name, from,
			             strerror(errno));
			goto fail;
		}
	}
	cookie_io_functions_t io = {.read = tc_read, .close = tc_close};
	t->out = fopencookie(t, "r", io);
	if (!t->out) {
		rc = vp_errf(e, EX_OSERR, "%s: out of memory", name);
		goto fail;
	}
	*tp = t;
	return 0;
fail:
	vp_transcode_close(t);
	return rc;
}

int vp_transcode_peek(vp_transcode *t, const char **p, size_t *n)
{
	/* tc_read hands out ob[opos..olen) before converting more, so what is
	 * converted here is read later: nothing is lost */
	if (!t->err.code && t->opos == t->olen && convert(t) && !t->err.code)
		vp_errf(&t->err, EX_IOERR, "%s: read error", t->name);
	*p = t->ob + t->opos;
	*n = t->olen - t->opos;
	return t->err.code;
}

FILE *vp_transcode_fp(vp_transcode *t)
{
	return t->out;
}

const char *vp_transcode_source(const vp_transcode *t)
{
	return t->source;
}

int vp_transcode_guessed(const vp_transcode *t)
{
	return t->guessed;
}

int vp_transcode_error(const vp_transcode *t, vp_err *e)
{
	if (!t->err.code)
		return 0;
	*e = t->err;
	return e->code;
}

void vp_transcode_close(vp_transcode *t)
{
	if (!t)
		return;
	if (t->out)
		fclose(t->out);
	if (t->cd != (iconv_t)-1)
		iconv_close(t->cd);
	free(t->name_copy);
	free(t);
}

/* ---- delimiters ---- */

static const char delims[] = {',', ';', '\t', '|'};

static void count_delims(const char *s, size_t n, size_t cnt[4])
{
	int q = 0;
	memset(cnt, 0, 4 * sizeof *cnt);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '"') {
			q = !q;
		} else if (!q) {
			if (c == '\n' || c == '\r')
				break;
			for (int k = 0; k < 4; k++)
				if (c == delims[k])
					cnt[k]++;
		}
	}
}

int vp_sniff_delimiter(const char *s, size_t n)
{
	size_t cnt[4];
	count_delims(s, n, cnt);
	int best = 0;
	for (int k = 1; k < 4; k++)
		if (cnt[k] > cnt[best])
			best = k;
	return delims[best];
}

/* The width (fields) with delimiter d of each row of s[0..n) that ends
 * there, as the CSV reader reads it (blank lines passed over), up to max
 * rows, into w; the number of rows. */
static size_t row_widths(const char *s, size_t n, char d, size_t *w, size_t max)
{
	size_t k = 0, got = vp_csv_widths(s, n, d, w, max);
	for (size_t i = 0; i < got; i++)
		if (w[i])
			w[k++] = w[i];
	return k;
}

enum { MAXROWS = 50, TITLE_ROWS = 4 };

/* The rows of s[0..n) from the from-th on (counted as row_widths counts
 * them: blank lines passed over; those that end within s) read as typed
 * text, not an export's: in each, every separator d (outside quotes) is
 * followed by a space, as a person types a comma, and some part between
 * them holds two words ("Good service, fast and friendly staff"). */
static int typed_rows(const char *s, size_t n, char d, size_t from)
{
	size_t row = 0;
	int q = 0, blank = 1, typed = 1, words = 0, word = 0, gap = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '"') {
			q = !q;
		} else if (!q && (c == '\n' || c == '\r')) {
			if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
				i++;
			if (!blank) {
				if (row >= from && (!typed || !words))
					return 0;
				row++;
			}
			blank = 1;
			typed = 1;
			words = word = gap = 0;
			continue;
		}
		blank = 0;
		if (q) {
			word = 1;   /* a quoted part is a word at least */
		} else if (c == d) {
			typed &= i + 1 < n && s[i + 1] == ' ';
			word = gap = 0;
		} else if (c == ' ' || c == '\t') {
			gap = word;
		} else {
			words |= word && gap;
			word = 1;
			gap = 0;
		}
	}
	return row > from;
}

/* Rows w[k][0..rows[k]) (widths with delims[k]) of s[0..n) are a table
 * below a title (w[k][0]) and its banner lines: from one of the
 * TITLE_ROWS rows below it on, every row (three or more: a header and two
 * rows) has the same width, above 1, with one separator -- and is not
 * typed text (typed_rows): answers typed with as many commas in each are
 * answers. */
static int table_below(const char *s, size_t n, size_t w[4][MAXROWS], const size_t rows[4])
{
	for (int k = 0; k < 4; k++)
		for (size_t j = 1; j <= TITLE_ROWS && j + 3 <= rows[k]; j++) {
			size_t i = j + 1;
			while (i < rows[k] && w[k][i] == w[k][j])
				i++;
			if (i == rows[k] && w[k][j] > 1 && !typed_rows(s, n, delims[k], j))
				return 1;
		}
	return 0;
}

int vp_sniff_rows_delimiter(const char *s, size_t n, int *header_delim)
{
	size_t w[4][MAXROWS], rows[4];
	int consistent[4];
	for (int k = 0; k < 4; k++) {
		rows[k] = row_widths(s, n, delims[k], w[k], MAXROWS);
		consistent[k] = rows[k] >= 2;
		for (size_t i = 1; i < rows[k]; i++)
			consistent[k] &= w[k][i] == w[k][0];
	}
	int hd = rows[0] && w[0][0] == 1 ? vp_sniff_delimiter(s, n) : ',';
	if (header_delim)
		*header_delim = hd;
	if (hd != ',') {
		/* no comma in the header: its own separator, unless its rows
		 * (when there are any) do not have its number of fields: one
		 * column, no separator */
		int k = hd == ';' ? 1 : hd == '\t' ? 2 : 3;
		return rows[k] < 2 || consistent[k] ? hd : VP_CSV_NO_DELIM;
	}
	if (rows[0] && w[0][0] == 1)
		/* no separator at all in the header: one column (an answer's
		 * commas its own), unless a table is below it -- a title above
		 * the header, which the reader names */
		return table_below(s, n, w, rows) ? ',' : VP_CSV_NO_DELIM;
	if (rows[0] < 2)
		return ',';
	/* rows as wide as the header with commas too (a decimal comma in each)
	 * need two of them to say another separator is wider */
	for (int k = 1; k < 4; k++)
		if (consistent[k] && w[k][0] > 1 &&
		    (!consistent[0] || (w[k][0] > w[0][0] && rows[k] >= 3)))
			return delims[k];
	return ',';
}

int vp_delimiter_hint(const char *s, size_t n, int delim, char *hint, size_t hsz)
{
	size_t cnt[4];
	count_delims(s, n, cnt);
	int best = -1;
	for (int k = 0; k < 4; k++)
		if (delims[k] != delim && cnt[k] && (best < 0 || cnt[k] > cnt[best]))
			best = k;
	if (best < 0 || !hsz)
		return 0;
	if (delims[best] == '\t')
		snprintf(hint, hsz, "try --delimiter tab");
	else
		snprintf(hint, hsz, "try --delimiter '%c'", delims[best]);
	return 1;
}
