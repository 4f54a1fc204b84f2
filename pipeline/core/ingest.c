/* ingest.c - vp_ingest: one input, in the format its name, --format or its
 * first bytes say; see include/voxpop/ingest.h. */
#define _GNU_SOURCE 1 /* fopencookie (glibc) */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest_impl.h"
#include "voxpop/csv.h"
#include "voxpop/hash.h"
#include "voxpop/input.h"
#include "voxpop/transcode.h"

int vp_ingest_rows(const vp_ingest_opts *o, vp_rowsrc *src, const char *path,
                   const char *channel, FILE *out, vp_ingest_stats *st, vp_err *e)
{
	struct vp_ingest_run r;
	vp_ingest_run_init(&r, o, path, channel, out, st, e);
	int rc = vp_ingest_table(&r, src);
	vp_ingest_run_free(&r);
	return rc;
}

/* A .txt whose first rows (up to 5, read as the CSV reader reads them: a
 * quoted cell may hold line breaks) all hold the same number (> 0) of TABs
 * is a tab-separated table (Excel's "Text (Tab delimited)"), not event
 * notes; a blank line among them (paragraphs of notes) says it is not. */
static int tab_table(const char *p, size_t n)
{
	size_t w[5], rows = vp_csv_widths(p, n, '\t', w, 5);
	for (size_t i = 0; i < rows; i++)
		if (w[i] != w[0])
			return 0;
	return rows > 0 && w[0] > 1;
}

/* A delimiter as --delimiter takes it, for messages: tab, or ';' quoted
 * (into b, which it returns). */
static const char *delim_arg(int c, char b[4])
{
	if (c == '\t')
		return strcpy(b, "tab");
	b[0] = '\'', b[1] = (char)c, b[2] = '\'', b[3] = '\0';
	return b;
}

/* Excel's separator line: a first line "sep=;" names the separator of the
 * lines below it (European exports, tools writing for Excel).  The
 * separator, or 0. */
static int sep_line(const char *p, size_t n)
{
	if (n < 6 || memcmp(p, "sep=", 4) != 0)
		return 0;
	unsigned char d = (unsigned char)p[4];
	if (d < 0x20 && d != '\t')
		return 0;
	if (d == '"' || d >= 0x80)
		return 0;
	return p[5] == '\n' || p[5] == '\r' ? d : 0; /* LF, CRLF or a lone CR */
}

/* p[0..n) holds a row below its first that is not blank (of those that
 * end within it, as the CSV reader reads them). */
static int has_rows(const char *p, size_t n)
{
	enum { LOOK = 50 };
	size_t w[LOOK], rows = vp_csv_widths(p, n, VP_CSV_NO_DELIM, w, LOOK);
	for (size_t i = 1; i < rows; i++)
		if (w[i])
			return 1;
	return 0;
}

/* A zip (.xlsx) or OLE2 (.xls, encrypted .xlsx) container. */
static int workbook_magic(const char *p, size_t n)
{
	return n >= 4 && (memcmp(p, "PK\3\4", 4) == 0 || memcmp(p, "\xD0\xCF\x11\xE0", 4) == 0);
}

/* p[0..n) starts as a JSON object does ("{" and a key or "}", after
 * blanks): NDJSON. No table's header starts so, and read as one a record
 * was a header with no rows (nothing written, nothing said). */
static int json_object_start(const char *p, size_t n)
{
	size_t i = 0;
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (i >= n || p[i++] != '{')
		return 0;
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	return i < n && (p[i] == '"' || p[i] == '}');
}

/* A table or event notes: every row format but xlsx reads UTF-8 through
 * the UTF-16 layer (transcode.h), and when the format was not given the
 * first bytes may change it: a workbook is read as one whatever its name;
 * a .txt in UTF-16 (Excel's "Unicode Text") or with the same TABs on its
 * first lines is a tab-separated table. */
static int ingest_rows(const vp_ingest_opts *o, const vp_ingest_format *fmt, FILE *in,
                       FILE *raw, const char *path, FILE *out, vp_ingest_stats *st, vp_err *e)
{
	const vp_ingest_format *csv = vp_format_parse("csv"), *xlsx = vp_format_parse("xlsx");
	/* in: the bytes hashed on the way (hashed_in), but a workbook is read
	 * by seeking in raw */
	vp_rowsrc_args a = {.in = raw, .path = path, .delim = o->delim, .skip_rows = o->skip_rows,
	                    .conv = o->conv, .sheet = o->sheet, .progress = o->progress,
	                    .progress_ctx = o->progress_ctx};
	const char *why = NULL, *bom_over = NULL;
	int sniffed = 0, by_rows = 0, sep = 0, one_col = 0;
	int one_col_hd = 0;   /* with one_col: the separator its header holds, or ',' for none */
	size_t one_col_w = 0; /* the header's fields with it */
	int no_bytes = 0, sep_quiet = 0, utf16 = 0;
	vp_transcode *t = NULL;
	int rc = 0;
	if (fmt == xlsx && vp_is_empty_file(raw))
		return 0; /* a workbook of 0 bytes: an empty file, said when it was opened */
	if (fmt != xlsx) {
		if ((rc = vp_transcode_open(&t, in, path, 0, e)) != 0)
			return rc;
		const char *p;
		size_t n;
		if (vp_transcode_peek(t, &p, &n)) {
			rc = vp_transcode_error(t, e);
			vp_transcode_close(t);
			return rc;
		}
		utf16 = strncmp(vp_transcode_source(t), "utf-16", 6) == 0;
		/* nothing, not even a byte order mark: said when it was opened */
		no_bytes = n == 0 && strcmp(vp_transcode_source(t), "utf-8") == 0;
		if (!o->format && fmt == csv && json_object_start(p, n)) {
			const vp_ingest_format *nd = vp_format_parse("ndjson");
			struct vp_ingest_run r;
			vp_ingest_run_init(&r, o, path, o->channel ? o->channel : nd->channel, out, st, e);
			vp_ingest_note(&r, "%s: read as NDJSON (its first line is a JSON object; "
			               "--format csv to read it as a table)", path);
			rc = nd->records(&r, vp_transcode_fp(t));
			vp_ingest_run_free(&r);
			vp_transcode_close(t);
			return rc;
		}
		if (!o->format && !utf16 && workbook_magic(p, n)) {
			vp_transcode_close(t);
			t = NULL;
			if (fseek(raw, 0, SEEK_SET) != 0)
				return vp_errf(e, EX_USAGE, "%s: an Excel workbook cannot be read from a "
				               "pipe; name the file", strcmp(path, "-") ? path : "stdin");
			fmt = xlsx;
			why = "a workbook (by its first bytes)";
		} else {
			if (!o->format && fmt == vp_format_parse("text") && (utf16 || tab_table(p, n))) {
				fmt = csv;
				if (!a.delim)
					a.delim = '\t';
				/* (a byte order mark alone is no table to speak of) */
				why = n == 0 ? NULL
				      : utf16 ? "a tab-separated table (UTF-16: Excel's Unicode Text)"
				              : "a tab-separated table (TABs on its first lines)";
			}
			if (fmt == csv && (sep = sep_line(p, n)) != 0) {
				/* the line is no header: skipped (a --skip-rows given
				 * counts it), its separator taken unless one is given */
				if (!o->skip_rows) {
					a.skip_rows = 1;
					a.sep_line = 1;
				}
				/* nothing but line ends below it: an empty input, said
				 * so alone (the separator of no rows is no news) */
				size_t k = 5;
				while (k < n && (p[k] == '\n' || p[k] == '\r'))
					k++;
				if (k == n)
					sep_quiet = 1;
				if (!a.delim)
					a.delim = sep;
				else
					sep = 0;
			} else if (fmt == csv && !a.delim && !o->skip_rows) {
				/* "UserID;Name;Comment": a header with no comma was
				 * written with another separator, when its rows (if
				 * any) agree -- "Any other comments? (e.g. parking;
				 * buses)" over answers is one column; a header with one
				 * (a question "..., if anything?") is, when its rows
				 * say so */
				int hd, d = vp_sniff_rows_delimiter(p, n, &hd);
				if (d == VP_CSV_NO_DELIM) {
					/* one column: a row's whole text is its answer,
					 * commas and all (checked: no "the header is one
					 * column"); said when there are rows to say it of */
					a.delim = d;
					one_col = hd != ',' || has_rows(p, n);
					one_col_hd = hd;
					vp_csv_widths(p, n, hd, &one_col_w, 1);
				} else if (d != ',') {
					a.delim = d;
					sniffed = d;
					by_rows = hd != d;
				}
			}
			if (utf16 && a.conv) {
				/* UTF-8 by now: --encoding is for 8-bit input (said) */
				bom_over = vp_conv_name(a.conv);
				a.conv = NULL;
			}
			if (a.conv && strcmp(vp_transcode_source(t), "utf-8-bom") == 0) {
				/* a UTF-8 byte order mark is proof of UTF-8: decoding it as
				 * cp1252 would garble every accented letter */
				bom_over = vp_conv_name(a.conv);
				a.conv = NULL;
			}
			a.in = vp_transcode_fp(t);
		}
	}
	struct vp_ingest_run r;
	vp_ingest_run_init(&r, o, path, o->channel ? o->channel : fmt->channel, out, st, e);
	a.max_field = r.max_field;
	r.conv = a.conv;
	r.no_bytes = no_bytes;
	if (why)
		vp_ingest_note(&r, "%s: read as %s", path, why);
	if (bom_over && utf16)
		vp_ingest_note(&r, "%s: read as UTF-16, not --encoding %s (%s)", path, bom_over,
		               vp_transcode_guessed(t) ? "NUL in every other byte"
		                                       : "it starts with a UTF-16 byte order mark");
	else if (bom_over)
		vp_ingest_note(&r, "%s: read as UTF-8, not --encoding %s: it starts with a UTF-8 "
		               "byte order mark", path, bom_over);
	char darg[4];
	if (sniffed && by_rows)
		vp_ingest_note(&r, "%s: read with --delimiter %s (its rows have as many %s-separated "
		               "fields as its header, not ','-separated; give --delimiter to choose)",
		               path, delim_arg(sniffed, darg), darg);
	else if (sniffed)
		vp_ingest_note(&r, "%s: read with --delimiter %s (its header has no comma; give "
		               "--delimiter to choose)", path, delim_arg(sniffed, darg));
	if (one_col) {
		char cause[160];
		if (one_col_hd != ',')
			snprintf(cause, sizeof cause, "not with --delimiter %s (its rows do not all "
			         "have its header's %zu %s-separated fields", delim_arg(one_col_hd, darg),
			         one_col_w, darg);
		else
			snprintf(cause, sizeof cause, "commas and all (its header has no ',', ';', TAB "
			         "or '|'");
		vp_ingest_note(&r, "%s: read as one column, %s; give --delimiter to choose)", path,
		               cause);
	}
	if (sep && !sep_quiet)
		vp_ingest_note(&r, "%s: read with --delimiter %s (its first line says sep=%s)", path,
		               delim_arg(sep, darg), sep == '\t' ? "TAB" : (char[]){(char)sep, 0});
	if (t && vp_transcode_guessed(t))
		vp_ingest_note(&r, "%s: read as %s (no byte order mark)", path,
		               vp_transcode_source(t));
	vp_rowsrc *src = NULL;
	rc = fmt->open_rows(&a, &src, e);
	if (rc == 0)
		rc = vp_ingest_table(&r, src);
	vp_rowsrc_close(src);
	if (rc && t) {
		/* a "read error" of the UTF-8 stream: say its cause (bad UTF-16) */
		vp_err cause;
		int crc = vp_transcode_error(t, &cause);
		if (crc) {
			*e = cause;
			rc = crc;
		}
	}
	vp_transcode_close(t);
	vp_ingest_run_free(&r);
	return rc;
}

/* An input's bytes as its reader takes them, hashed on the way: a copy of
 * a file given under another name is found without reading it twice
 * (vp_ingest_copy_check).  read(2) where there is a descriptor, as the
 * bytes come (a pipe's records flow as they did), else (a memory stream)
 * fread; and counted for --progress. */
struct hashed_in {
	FILE *raw;
	int fd;
	vp_hash_stream h;
	int eof; /* raw read to its end */
	const vp_ingest_opts *o;
};

static ssize_t hashed_read(void *cookie, char *buf, size_t n)
{
	struct hashed_in *hi = cookie;
	ssize_t k;
	if (hi->fd >= 0) {
		do
			k = read(hi->fd, buf, n);
		while (k < 0 && errno == EINTR);
	} else {
		k = (ssize_t)fread(buf, 1, n, hi->raw);
		if (k == 0 && ferror(hi->raw))
			k = -1;
	}
	if (k < 0)
		return -1;
	hi->eof |= k == 0;
	vp_hash_stream_add(&hi->h, buf, (size_t)k);
	if (hi->o->progress)
		hi->o->progress(hi->o->progress_ctx, hi->h.n);
	return k;
}

int vp_ingest(const vp_ingest_opts *o, FILE *raw, const char *path, FILE *out,
              vp_ingest_stats *st, vp_err *e)
{
	int is_stdin = strcmp(path, "-") == 0;
	const vp_ingest_format *fmt = o->format ? o->format
	                              : vp_format_of(is_stdin ? NULL : path);
	st->input_whole = 0;
	if (fmt == vp_format_parse("xlsx"))
		return ingest_rows(o, fmt, raw, raw, path, out, st, e);
	struct hashed_in hi = {raw, fileno(raw), VP_HASH_STREAM_INIT, 0, o};
	static const cookie_io_functions_t io = {hashed_read, NULL, NULL, NULL};
	char *buf = malloc(VP_IN_BUFSIZE);
	FILE *in = buf ? fopencookie(&hi, "r", io) : NULL;
	if (!in) {
		free(buf);
		return vp_errf(e, EX_OSERR, "out of memory");
	}
	if (setvbuf(in, buf, _IOFBF, VP_IN_BUFSIZE) != 0) {
		fclose(in);
		free(buf);
		return vp_errf(e, EX_OSERR, "out of memory");
	}
	int rc;
	if (!fmt->records) {
		rc = ingest_rows(o, fmt, in, raw, path, out, st, e);
	} else {
		struct vp_ingest_run r;
		vp_ingest_run_init(&r, o, path, o->channel ? o->channel : fmt->channel, out, st, e);
		rc = fmt->records(&r, in);
		vp_ingest_run_free(&r);
	}
	fclose(in);
	free(buf); /* after the fclose that last used it */
	st->input_whole = hi.eof;
	st->input_size = hi.h.n;
	st->input_hash = vp_hash_stream_end(&hi.h);
	return rc;
}

void vp_ingest_fields_hint(FILE *err, const char *name, int fields_seen)
{
	if (fields_seen)
		fputs("the records' \"fields\" do not have it (a column vp-ingest --fields did not "
		      "keep, or not this name? text notes' keys are lower-cased)", err);
	else
		fprintf(err, VP_FIELDS_ASK_FMT, name);
}

int vp_ingest_fields_arg(const char *arg, int *mode, vp_buf *names, size_t *n)
{
	if (!strcmp(arg, "all") || !strcmp(arg, "none")) {
		*mode = arg[0] == 'a' ? VP_FIELDS_ALL : VP_FIELDS_NONE;
		vp_buf_clear(names);
		*n = 0;
		return 0;
	}
	*mode = VP_FIELDS_LIST;
	for (const char *p = arg;;) {
		size_t len = 0;
		for (; *p && *p != ','; p++, len++) {
			if (*p == '\\' && (p[1] == ',' || p[1] == '\\'))
				p++;
			if (vp_buf_putc(names, *p))
				return -1;
		}
		if (len && vp_buf_putc(names, 0))
			return -1;
		*n += len > 0;
		if (!*p)
			return 0;
		p++;
	}
}

const char **vp_ingest_fields_list(const vp_buf *names, size_t n)
{
	const char **keep = calloc(n ? n : 1, sizeof *keep);
	if (!keep)
		return NULL;
	const char *p = names->data;
	for (size_t i = 0; i < n; p += strlen(p) + 1)
		keep[i++] = p;
	return keep;
}
