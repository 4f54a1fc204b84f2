/* record.c - see include/voxpop/record.h */
#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "voxpop/jsonw.h"
#include "voxpop/hash.h"
#include "voxpop/lexicon.h"
#include "voxpop/record.h"
#include "voxpop/str.h"

enum { REPORT_FIRST = 10 }; /* bad lines described one by one before going quiet */
enum { VP_IO_BUFSIZE = 1 << 18 }; /* stdin/stdout buffers: a quarter of the pipe we ask for */
enum { VP_PIPE_SIZE = 1 << 20 };  /* what we ask of a pipe on stdout */

void vp_io_init(void)
{
	signal(SIGPIPE, SIG_IGN);
	/* stdio's default 4 KiB buffers on pipes cost a system call per 4 KiB
	 * between stages; 256 KiB into the 1 MiB pipe below: the chain 0.975x
	 * against 64 KiB, 1 MiB no better.  (Before any I/O, so legal; glibc
	 * ignores the size unless given the buffer.) */
	static char inbuf[VP_IO_BUFSIZE], outbuf[VP_IO_BUFSIZE];
	setvbuf(stdin, inbuf, _IOFBF, sizeof inbuf);
	if (!isatty(STDOUT_FILENO)) /* a terminal stays line-buffered */
		setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
#ifdef F_SETPIPE_SZ
	/* A pipe of 64 KiB between stages means a wake-up and a switch of
	 * process every 64 KiB; 1 MiB lets each side run on.  Best effort:
	 * the system's limit (pipe-max-size) may refuse it. */
	(void)fcntl(STDOUT_FILENO, F_SETPIPE_SZ, VP_PIPE_SIZE);
#endif
}

json_t *vp_record_loadb(const char *line, size_t len, size_t flags, json_error_t *je)
{
	json_t *j = json_loadb(line, len, flags, je);
	if (!j) {
		json_error_t je2;
		j = json_loadb(line, len, flags | JSON_DECODE_INT_AS_REAL, &je2);
	}
	return j;
}

void vp_reader_init(vp_reader *r, FILE *fp, const char *name, const char *prog)
{
	memset(r, 0, sizeof *r);
	r->fp = fp;
	r->name = name ? name : "-";
	r->prog = prog ? prog : "voxpop";
}

void vp_reader_free(vp_reader *r)
{
	free(r->buf);
	r->line = r->buf = NULL;
	r->cap = r->len = 0;
}

static int json_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Make r->line hold at least want bytes, never more than max + 2 ('\n' and
 * NUL).  0, or -1 with errno ENOMEM. */
static int line_room(vp_reader *r, size_t want, size_t max)
{
	if (r->cap >= want)
		return 0;
	size_t cap = r->cap ? r->cap * 2 : 4096;
	if (cap < want)
		cap = want;
	if (cap > max + 2)
		cap = max + 2;
	char *p = realloc(r->buf, cap);
	if (!p) {
		errno = ENOMEM;
		return -1;
	}
	r->buf = p;
	r->cap = cap;
	return 0;
}

/* Read one line into r->line (its '\n' kept; NUL-terminated unless it is
 * whole in the stream's buffer, see below), at most max
 * bytes before the newline: the length, -1 at end of input or on error
 * (errno ENOMEM when out of memory), or -2 when the line is longer, the
 * rest of it then read and dropped.  fgets does the scanning (fast); the
 * buffer is filled with '\n' first so that a line holding NUL bytes still
 * has a known length: fgets's NUL right after the first '\n' marks a whole
 * line, a NUL right before the first '\n' (a fill byte) the end of input,
 * no '\n' at all a full buffer.  Filled and read a piece at a time, a piece
 * about twice the last line: filling the whole buffer cost every line as
 * much as the longest line before it. */
static ssize_t read_line(vp_reader *r, size_t max)
{
	/* Most lines are whole in the stream's buffer already: found there
	 * with one memchr and used where they lie (the caller puts the NUL
	 * over the '\n'; the bytes stay until the stream next refills, which
	 * is the next read), where fgets over a filled piece touched each
	 * byte five times (fill, scan, copy, scan again) and a copy once
	 * more: a wide export's stages 0.97x.  Anything else (a line across
	 * a refill, too long, the last without a newline, a C library other
	 * than glibc) takes the loop below. */
	size_t held;
	char *b = (char *)vp_stream_held(r->fp, &held);
	const char *q = b ? memchr(b, '\n', held) : NULL;
	if (q && (size_t)(q - b) <= max) {
		size_t len = (size_t)(q - b) + 1;
		r->line = b;
		vp_stream_took(r->fp, len);
		return (ssize_t)len;
	}
	size_t n = 0, piece = 2 * r->len > 512 ? 2 * r->len : 512;
	for (;;) {
		if (n + 2 > r->cap) {
			if (r->cap >= max + 2)
				goto too_long; /* max + 1 bytes and no newline yet */
			if (line_room(r, n + 2, max))
				return -1;
		}
		size_t room = r->cap - n;
		if (room > piece)
			room = piece;
		piece *= 2; /* a longer line: bigger pieces, so O(length) in all */
		if (room > INT_MAX)
			room = INT_MAX;
		char *p = r->buf + n;
		memset(p, '\n', room);
		if (!fgets(p, (int)room, r->fp)) {
			p[0] = '\0';
			if (n == 0 || ferror(r->fp))
				return -1;
			break; /* end of input after a full buffer */
		}
		char *q = memchr(p, '\n', room);
		if (q && (size_t)(q - p) + 1 < room && q[1] == '\0') {
			n += (size_t)(q - p) + 1; /* a whole line */
			break;
		}
		if (q) {
			n += (size_t)(q - p) - 1; /* the end of input, no newline */
			break;
		}
		n += room - 1; /* the buffer is full: read on */
	}
	r->line = r->buf;
	if (n > max && !(n == max + 1 && r->line[n - 1] == '\n'))
		return -2; /* ended without a newline, one byte too long */
	return (ssize_t)n;
too_long:;
	int ch;
	while ((ch = getc_unlocked(r->fp)) != EOF && ch != '\n')
		;
	return ferror(r->fp) ? -1 : -2;
}

/* The line just read is bad (why): EX_DATAERR at it, or with skip_bad
 * counted, its first few named on stderr, and 0. */
static int reader_reject(vp_reader *r, const char *why, vp_err *e)
{
	if (!r->skip_bad)
		return vp_errf_at(e, EX_DATAERR, r->name, r->lineno, "%s", why);
	r->rejected++;
	if (r->rejected <= REPORT_FIRST && !r->quiet)
		fprintf(stderr, "%s: %s:%lu: %s (skipped)\n", r->prog, r->name, r->lineno, why);
	return 0;
}

int vp_reader_line(vp_reader *r, vp_err *e)
{
	size_t max = r->max_line ? r->max_line : VP_MAX_LINE;
	for (;;) {
		errno = 0;
		ssize_t n = read_line(r, max);
		if (n == -2) {
			r->lineno++;
			r->terminated = 1;
			r->len = 0;
			r->line = r->buf;
			if (r->line)
				r->line[0] = '\0';
			char why[96];
			snprintf(why, sizeof why, "line longer than %zu bytes (--max-line)", max);
			if (reader_reject(r, why, e))
				return e->code;
			continue;
		}
		if (n < 0) {
			if (ferror(r->fp))
				return vp_errf_at(e, EX_IOERR, r->name, r->lineno + 1,
				                  "read error: %s", strerror(errno ? errno : EIO));
			if (errno == ENOMEM)
				return vp_errf_at(e, EX_OSERR, r->name, r->lineno + 1, "out of memory");
			return 0;
		}
		r->lineno++;
		if (r->lineno == 1 && n >= 3 && memcmp(r->line, "\xEF\xBB\xBF", 3) == 0) {
			/* a UTF-8 byte order mark, as Windows tools write */
			n -= 3;
			r->line += 3;
		}
		r->terminated = n > 0 && r->line[n - 1] == '\n';
		if (r->terminated)
			r->line[--n] = '\0';
		if (n > 0 && r->line[n - 1] == '\r')
			r->line[--n] = '\0';
		r->len = (size_t)n;
		if (!vp_blank(r->line, r->len)) /* not a line of JSON whitespace only */
			return 1;
	}
}

int vp_reader_parse(vp_reader *r, json_t **rec, vp_err *e)
{
	json_error_t je;
	json_t *j = json_loadb(r->line, r->len, JSON_ALLOW_NUL, &je);
	const char *why = NULL;
	char whybuf[256];
	*rec = NULL;
	if (!j) {
		/* the first line tells a wrong kind of input apart: say what it is */
		int first = r->records == 0 && r->rejected == 0;
		const char *p = r->line, *end = r->line + r->len;
		while (p < end && json_ws(*p))
			p++;
		size_t rest = (size_t)(end - p);
		if (first && r->len >= 4 && memcmp(r->line, "PK\3\4", 4) == 0)
			why = r->ingest ? "not NDJSON: a zip file (an xlsx workbook?); try --format xlsx"
			                : "not NDJSON: a zip file (an xlsx workbook?); vp-ingest reads it";
		else if (!r->terminated && feof(r->fp))
			snprintf(whybuf, sizeof whybuf, "truncated JSON line (%s)", je.text);
		else if (first && rest == 1 && (*p == '{' || *p == '['))
			why = "not NDJSON: a JSON document over several lines (vp-count output?); "
			      "records are one JSON object a line";
		else if (memchr(r->line, '\0', r->len))
			snprintf(whybuf, sizeof whybuf, "NUL byte in JSON line");
		else
			snprintf(whybuf, sizeof whybuf, "bad JSON at column %d: %s%s", je.column,
			         je.text, !first || !rest || *p == '{' || *p == '[' ? ""
			         : r->ingest ? " (CSV or text? try --format csv or text)"
			                     : " (CSV or text? vp-ingest reads it)");
		if (!why)
			why = whybuf;
	} else if (!json_is_object(j)) {
		json_decref(j);
		j = NULL;
		why = "record is not a JSON object";
	}
	if (j) {
		r->records++;
		*rec = j;
		return 1;
	}
	return reader_reject(r, why, e);
}

int vp_reader_next(vp_reader *r, json_t **rec, vp_err *e)
{
	*rec = NULL;
	for (;;) {
		int rc = vp_reader_line(r, e);
		if (rc != 1)
			return rc;
		rc = vp_reader_parse(r, rec, e);
		if (rc != 0)
			return rc;
	}
}

void vp_reader_report(const vp_reader *r)
{
	if (r->rejected && !r->quiet)
		fprintf(stderr, "%s: %s: skipped %lu bad record%s of %lu\n", r->prog,
		        r->name, r->rejected, r->rejected == 1 ? "" : "s",
		        r->rejected + r->records);
}

struct dump_ctx {
	FILE *out;
	int failed;
};

static int dump_cb(const char *buf, size_t size, void *data)
{
	struct dump_ctx *c = data;
	if (fwrite(buf, 1, size, c->out) != size) {
		c->failed = 1;
		return -1;
	}
	return 0;
}

int vp_json_write(FILE *out, const json_t *j, size_t flags, vp_err *e)
{
	struct dump_ctx c = {out, 0};
	errno = 0;
	if (json_dump_callback(j, dump_cb, &c, flags) != 0 || c.failed || putc('\n', out) == EOF) {
		if (c.failed || ferror(out))
			return vp_errf(e, EX_IOERR, "write error: %s", strerror(errno ? errno : EIO));
		return vp_errf(e, EX_SOFTWARE, "cannot encode JSON");
	}
	return 0;
}

int vp_record_write(FILE *out, const json_t *rec, vp_err *e)
{
	return vp_json_write(out, rec, JSON_COMPACT | JSON_ENCODE_ANY, e);
}

static int write_error(vp_err *e)
{
	return vp_errf(e, EX_IOERR, "write error: %s", strerror(errno ? errno : EIO));
}

int vp_output_close(FILE *out, vp_err *e)
{
	errno = 0;
	if (fflush(out) != 0 || ferror(out))
		return write_error(e);
	return 0;
}

int vp_reader_reject(vp_reader *r, vp_err *e, const char *why)
{
	if (r->skip_bad && r->records)
		r->records--; /* counted when it was parsed */
	return reader_reject(r, why, e);
}

/* The one writer behind vp_record_write_edited and _spliced: the appended
 * members come in pieces (apps[0..napps), written one after the other).
 * The line's length is known before a byte is written: one longer than
 * max (0: no limit) is VP_WRITE_TOO_LONG, nothing written. */
/* line[0..n) with its trailing whitespace cut: *end at its closing brace,
 * the edits checked.  0, or EX_SOFTWARE with e filled. */
static int edited_check(const char *line, size_t n, const vp_jedit *edits, size_t nedits,
                        const char **end, vp_err *e)
{
	while (n && json_ws(line[n - 1]))
		n--;
	if (!n || line[n - 1] != '}')
		return vp_errf(e, EX_SOFTWARE, "record line does not end with '}'");
	const char *p = line;
	*end = line + n - 1;
	for (size_t i = 0; i < nedits; i++)
		if (edits[i].at.p < p || edits[i].at.p + edits[i].at.n > *end)
			return vp_errf(e, EX_SOFTWARE, "record edit out of place");
		else
			p = edits[i].at.p + edits[i].at.n;
	return 0;
}

/* The bytes write_edited writes, '}' and '\n' included (edited_check
 * passed: end at the closing brace); *empty: the object is empty but for
 * what is appended. */
static size_t edited_total(const char *line, const char *end, const vp_jedit *edits,
                           size_t nedits, size_t nappend, int *empty)
{
	/* An object's last value never ends in '{', so '{' before the final
	 * '}' (spaces aside) means the object is empty. */
	const char *k = end;
	for (size_t i = nedits;;) {
		while (k > line && json_ws(k[-1]))
			k--;
		/* members removed up to here: what came before them */
		if (!i || edits[i - 1].len || edits[i - 1].at.p + edits[i - 1].at.n != k)
			break;
		k = edits[--i].at.p;
	}
	*empty = k > line && k[-1] == '{';
	size_t total = (size_t)(end - line) + (nappend ? nappend + !*empty : 0) + 2;
	for (size_t i = 0; i < nedits; i++)
		total += edits[i].len - edits[i].at.n;
	return total;
}

size_t vp_record_edited_len(const char *line, size_t n, const vp_jedit *edits, size_t nedits,
                            size_t nappend)
{
	const char *end;
	vp_err e;
	int empty;
	vp_err_clear(&e);
	if (edited_check(line, n, edits, nedits, &end, &e))
		return 0;
	return edited_total(line, end, edits, nedits, nappend, &empty) - 1;
}

static int write_edited(FILE *out, size_t max, const char *line, size_t n,
                        const vp_jedit *edits, size_t nedits, const vp_jspan *apps, size_t napps,
                        vp_err *e)
{
	const char *end, *p;
	int rc = edited_check(line, n, edits, nedits, &end, e), empty;
	if (rc)
		return rc;
	size_t nappend = 0;
	for (size_t i = 0; i < napps; i++)
		nappend += apps[i].n;
	size_t total = edited_total(line, end, edits, nedits, nappend, &empty);
	if (max && total - 1 > max)
		return VP_WRITE_TOO_LONG;
	/* the whole line copied into the stream's buffer when it has room */
	char *w = vp_stream_room(out, total);
	if (w) {
		char *w0 = w;
		p = line;
		for (size_t i = 0; i < nedits; i++) {
			memcpy(w, p, (size_t)(edits[i].at.p - p));
			w += edits[i].at.p - p;
			memcpy(w, edits[i].text, edits[i].len);
			w += edits[i].len;
			p = edits[i].at.p + edits[i].at.n;
		}
		memcpy(w, p, (size_t)(end - p));
		w += end - p;
		if (nappend) {
			if (!empty)
				*w++ = ',';
			for (size_t i = 0; i < napps; i++) {
				memcpy(w, apps[i].p, apps[i].n);
				w += apps[i].n;
			}
		}
		*w++ = '}';
		*w++ = '\n';
		vp_stream_wrote(out, (size_t)(w - w0));
		return 0;
	}
	errno = 0;
	p = line;
	for (size_t i = 0; i < nedits; i++) {
		size_t m = (size_t)(edits[i].at.p - p);
		if (fwrite(p, 1, m, out) != m ||
		    fwrite(edits[i].text, 1, edits[i].len, out) != edits[i].len)
			return write_error(e);
		p = edits[i].at.p + edits[i].at.n;
	}
	size_t m = (size_t)(end - p);
	if (fwrite(p, 1, m, out) != m)
		return write_error(e);
	if (nappend) {
		if (!empty && putc(',', out) == EOF)
			return write_error(e);
		for (size_t i = 0; i < napps; i++)
			if (fwrite(apps[i].p, 1, apps[i].n, out) != apps[i].n)
				return write_error(e);
	}
	if (fputs("}\n", out) == EOF)
		return write_error(e);
	return 0;
}

int vp_record_write_edited(FILE *out, size_t max, const char *line, size_t n,
                           const vp_jedit *edits, size_t nedits, const char *append,
                           size_t nappend, vp_err *e)
{
	vp_jspan app = {append, nappend};
	return write_edited(out, max, line, n, edits, nedits, &app, 1, e);
}

int vp_record_write_spliced(FILE *out, size_t max, const char *line, size_t n, const char *key,
                            const char *value, size_t vlen, vp_err *e)
{
	vp_jspan apps[] = {{"\"", 1}, {key, strlen(key)}, {"\":", 2}, {value, vlen}};
	return write_edited(out, max, line, n, NULL, 0, apps, 4, e);
}

int vp_record_write_with(FILE *out, const vp_reader *r, json_t *rec, const char *key,
                         const char *value, size_t vlen, vp_err *e)
{
	size_t n = r->len;
	while (n && json_ws(r->line[n - 1]))
		n--;
	if (!json_object_get(rec, key) && n && r->line[n - 1] == '}')
		return vp_record_write_spliced(out, 0, r->line, n, key, value, vlen, e);
	int rc = vp_record_set_json(rec, key, value, vlen, e);
	return rc ? rc : vp_record_write_kept(out, 0, r->line, r->len, rec, NULL, 0, e);
}

int vp_record_set_json(json_t *rec, const char *key, const char *value, size_t vlen, vp_err *e)
{
	json_error_t je;
	json_t *v = json_loadb(value, vlen, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
	if (!v)
		return vp_errf(e, EX_SOFTWARE, "bad JSON for \"%s\": %s", key, je.text);
	if (json_object_set_new(rec, key, v) != 0)
		return vp_errf(e, EX_SOFTWARE, "cannot set \"%s\"", key);
	return 0;
}

const char *vp_record_str(const json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}

int vp_record_lexicon(const json_t *rec, const char **fp)
{
	const json_t *v = json_object_get(rec, "lexicon");
	*fp = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v) || !vp_lexicon_fingerprint_valid(json_string_value(v), json_string_length(v)))
		return -1;
	*fp = json_string_value(v);
	return 0;
}

int vp_record_lexicon_span(vp_jspan v, const char **fp)
{
	*fp = NULL;
	if (!v.p || v.p[0] == 'n')
		return 0;
	if (v.p[0] != '"' || v.n != VP_LEXICON_FP_LEN + 2 ||
	    !vp_lexicon_fingerprint_valid(v.p + 1, VP_LEXICON_FP_LEN))
		return -1;
	*fp = v.p + 1;
	return 0;
}

int vp_stage_finish(const char *prog, int rc, vp_err *e, vp_reader *r)
{
	if (!rc)
		rc = vp_output_close(stdout, e);
	if (rc)
		vp_err_print(prog, e);
	vp_reader_report(r);
	vp_reader_free(r);
	return rc;
}

/* ---- members removed, and the tree path written as the line was ---- */

/* A member to remove: its key's opening quote (NULL: found from the value)
 * and its value. */
struct drop {
	const char *key;
	vp_jspan val;
};

static int by_position(const void *a, const void *b)
{
	const vp_jedit *x = a, *y = b;
	return x->at.p < y->at.p ? -1 : x->at.p > y->at.p;
}

/* The key's opening quote of the member whose value is v, in a validated
 * line: back over the ':' and the key (keys found by the scanner are
 * written without escapes, so the first '"' back is its opening quote);
 * NULL when the bytes are not that. */
static const char *key_of(const char *line, vp_jspan v)
{
	const char *p = v.p;
	while (p > line && json_ws(p[-1]))
		p--;
	if (p <= line || p[-1] != ':')
		return NULL;
	p--;
	while (p > line && json_ws(p[-1]))
		p--;
	if (p <= line || p[-1] != '"')
		return NULL;
	p--;
	while (p > line && p[-1] != '"')
		p--;
	return p > line ? p - 1 : NULL;
}

/* Write line[0..n) with drops[0..ndrop) removed (each with the comma that
 * joined it to the others), edits[0..nedits) applied and apps appended:
 * the bytes of every other member as they were. */
static int write_members(FILE *out, size_t max, const char *line, size_t n,
                         const struct drop *drops, size_t ndrop, const vp_jedit *edits,
                         size_t nedits, const vp_jspan *apps, size_t napps, vp_err *e)
{
	if (!ndrop) /* the common case: nothing to remove */
		return write_edited(out, max, line, n, edits, nedits, apps, napps, e);
	vp_jedit stack[32], *all = stack;
	size_t cap = ndrop + nedits, k = 0;
	if (cap > sizeof stack / sizeof *stack && !(all = malloc(cap * sizeof *all)))
		return vp_errf(e, EX_OSERR, "out of memory");
	for (size_t i = 0; i < ndrop; i++) {
		const char *key = drops[i].key ? drops[i].key : key_of(line, drops[i].val);
		if (!key) {
			if (all != stack)
				free(all);
			return vp_errf(e, EX_SOFTWARE, "record member out of place");
		}
		/* from the comma before it, or (the first member) from the '{' */
		const char *p = key;
		while (p > line && json_ws(p[-1]))
			p--;
		if (p > line && p[-1] == ',')
			p--;
		const char *end = drops[i].val.p + drops[i].val.n;
		all[k++] = (vp_jedit){{p, (size_t)(end - p)}, "", 0};
	}
	if (k > 1)
		qsort(all, k, sizeof *all, by_position);
	/* removals only whitespace apart are one; one that starts the object
	 * takes the comma after it (the next member's) with it */
	size_t m = 0;
	for (size_t i = 0; i < k; i++) {
		if (m) {
			vp_jedit *last = &all[m - 1];
			const char *q = last->at.p + last->at.n;
			while (q < all[i].at.p && json_ws(*q))
				q++;
			if (q >= all[i].at.p) {
				const char *end = all[i].at.p + all[i].at.n;
				if (end > last->at.p + last->at.n)
					last->at.n = (size_t)(end - last->at.p);
				continue;
			}
		}
		all[m++] = all[i];
	}
	for (size_t i = 0; i < m; i++) {
		if (all[i].at.p[0] == ',')
			continue;
		const char *q = all[i].at.p + all[i].at.n, *end = line + n;
		while (q < end && json_ws(*q))
			q++;
		if (q < end && *q == ',')
			all[i].at.n = (size_t)(q + 1 - all[i].at.p);
	}
	for (size_t i = 0; i < nedits; i++)
		all[m + i] = edits[i];
	m += nedits;
	if (m > 1)
		qsort(all, m, sizeof *all, by_position);
	int rc = write_edited(out, max, line, n, all, m, apps, napps, e);
	if (all != stack)
		free(all);
	return rc;
}

int vp_record_write_dropping(FILE *out, size_t max, const char *line, size_t n,
                             const vp_jspan *drop, size_t ndrop, const vp_jedit *edits,
                             size_t nedits, const char *append, size_t nappend, vp_err *e)
{
	struct drop d[VP_JSCAN_MAX_KEYS];
	size_t k = 0;
	for (size_t i = 0; i < ndrop && k < VP_JSCAN_MAX_KEYS; i++)
		if (drop[i].p)
			d[k++] = (struct drop){NULL, drop[i]};
	vp_jspan app = {append, nappend};
	return write_members(out, max, line, n, d, k, edits, nedits, &app, 1, e);
}

int vp_record_write_spliced_dropping(FILE *out, size_t max, const char *line, size_t n,
                                     const vp_jspan *drop, size_t ndrop, const char *key,
                                     const char *value, size_t vlen, vp_err *e)
{
	vp_jspan apps[] = {{"\"", 1}, {key, strlen(key)}, {"\":", 2}, {value, vlen}};
	size_t i = 0;
	while (i < ndrop && !drop[i].p)
		i++;
	if (i == ndrop) /* the common case: nothing there to remove */
		return write_edited(out, max, line, n, NULL, 0, apps, 4, e);
	struct drop d[VP_JSCAN_MAX_KEYS];
	size_t k = 0;
	for (; i < ndrop && k < VP_JSCAN_MAX_KEYS; i++)
		if (drop[i].p)
			d[k++] = (struct drop){NULL, drop[i]};
	return write_members(out, max, line, n, d, k, NULL, 0, apps, 4, e);
}

/* A value as JSON text (compact), appended to b. */
static int dump_to_buf(const char *s, size_t n, void *data)
{
	return vp_buf_append(data, s, n) ? -1 : 0;
}

/* Does the JSON text v hold the value j?  jansson reads it as it read the
 * line: a number beyond 64 bits only as a real. */
static int same_value(vp_jspan v, const json_t *j)
{
	json_t *o = json_loadb(v.p, v.n, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	int same = o && json_equal(o, (json_t *)j);
	if (!same) {
		json_decref(o);
		o = json_loadb(v.p, v.n, JSON_DECODE_ANY | JSON_ALLOW_NUL | JSON_DECODE_INT_AS_REAL,
		               NULL);
		same = o && json_equal(o, (json_t *)j);
	}
	json_decref(o);
	return same;
}

int vp_record_write_kept(FILE *out, size_t max, const char *line, size_t n, json_t *rec,
                         const char *append, size_t nappend, vp_err *e)
{
	struct member {
		vp_jspan key, val;
		size_t name, namelen; /* the key decoded, in names */
	} *mem = NULL;
	size_t nmem = 0, cap = 0;
	vp_buf names = VP_BUF_INIT, vals = VP_BUF_INIT, app = VP_BUF_INIT;
	vp_strmap last = VP_STRMAP_INIT;
	struct drop *drops = NULL;
	vp_jedit *edits = NULL;
	size_t ndrop = 0, nedits = 0;
	int rc = 0;
	const char *p = line, *end = line + n;
	while (p < end && json_ws(*p))
		p++;
	vp_jspan rest = {p, (size_t)(end - p)}, key, val;
	if (p >= end || *p != '{') {
		rc = vp_errf(e, EX_SOFTWARE, "record line does not start with '{'");
		goto out;
	}
	while (vp_jscan_object_next(&rest, &key, &val)) {
		if (nmem == cap && vp_grow((void **)&mem, &cap, nmem + 1, sizeof *mem)) {
			rc = vp_errf(e, EX_OSERR, "out of memory");
			goto out;
		}
		const char *s;
		size_t len, at = names.len;
		if (vp_jscan_string(key, &names, &s, &len) ||
		    (s != names.data + at && vp_buf_append(&names, s, len)) || vp_buf_putc(&names, 0)) {
			rc = vp_errf(e, EX_OSERR, "out of memory");
			goto out;
		}
		mem[nmem++] = (struct member){key, val, at, len};
	}
	drops = malloc((nmem + 1) * sizeof *drops);
	edits = malloc((nmem + 1) * sizeof *edits);
	size_t *voff = malloc((nmem + 1) * sizeof *voff);
	if (!drops || !edits || !voff) {
		free(voff);
		rc = vp_errf(e, EX_OSERR, "out of memory");
		goto out;
	}
	/* each name -> its last member (1-based): found in one probe, not by
	 * a scan of the members (review: 80,000 members took 13 s) */
	for (size_t i = 0; i < nmem; i++) {
		size_t *at;
		int put = vp_strmap_put(&last, names.data + mem[i].name, mem[i].namelen, i + 1, &at);
		if (put < 0) {
			free(voff);
			rc = vp_errf(e, EX_OSERR, "out of memory");
			goto out;
		}
		*at = i + 1;
	}
	for (size_t i = 0; i < nmem; i++) {
		const char *name = names.data + mem[i].name;
		/* an earlier one of a repeated name: as it is */
		if (*vp_strmap_get(&last, name, mem[i].namelen) != i + 1)
			continue;
		json_t *v = json_object_get(rec, name);
		if (!v) {
			drops[ndrop++] = (struct drop){mem[i].key.p, mem[i].val};
		} else if (!same_value(mem[i].val, v)) {
			voff[nedits] = vals.len;
			if (json_dump_callback(v, dump_to_buf, &vals, JSON_COMPACT | JSON_ENCODE_ANY)) {
				free(voff);
				rc = vp_errf(e, EX_OSERR, "out of memory");
				goto out;
			}
			edits[nedits] = (vp_jedit){mem[i].val, NULL, vals.len - voff[nedits]};
			nedits++;
		}
	}
	for (size_t i = 0; i < nedits; i++)
		edits[i].text = vals.data + voff[i];
	free(voff);
	/* members the record did not have: after the others, as jansson keeps them */
	const char *k;
	json_t *v;
	json_object_foreach(rec, k, v) {
		size_t kl = strlen(k);
		if (vp_strmap_get(&last, k, kl))
			continue;
		if ((app.len && vp_buf_putc(&app, ',')) || vp_json_key(&app, k, kl) ||
		    json_dump_callback(v, dump_to_buf, &app, JSON_COMPACT | JSON_ENCODE_ANY)) {
			rc = vp_errf(e, EX_OSERR, "out of memory");
			goto out;
		}
	}
	if (nappend && ((app.len && vp_buf_putc(&app, ',')) || vp_buf_append(&app, append, nappend))) {
		rc = vp_errf(e, EX_OSERR, "out of memory");
		goto out;
	}
	vp_jspan apps = {app.data, app.len};
	rc = write_members(out, max, line, n, drops, ndrop, edits, nedits, &apps, 1, e);
out:
	free(mem);
	free(drops);
	free(edits);
	vp_buf_free(&names);
	vp_buf_free(&vals);
	vp_buf_free(&app);
	vp_strmap_free(&last);
	return rc;
}
