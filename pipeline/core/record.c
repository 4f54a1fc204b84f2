/* record.c - see include/voxpop/record.h */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/record.h"

enum { REPORT_FIRST = 10 }; /* bad lines described one by one before going quiet */

void vp_io_init(void)
{
	signal(SIGPIPE, SIG_IGN);
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
	free(r->line);
	r->line = NULL;
	r->cap = r->len = 0;
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

int vp_reader_next(vp_reader *r, json_t **rec, vp_err *e)
{
	*rec = NULL;
	for (;;) {
		errno = 0;
		ssize_t n = getline(&r->line, &r->cap, r->fp);
		if (n < 0) {
			if (ferror(r->fp))
				return vp_errf_at(e, EX_IOERR, r->name, r->lineno + 1,
				                  "read error: %s", strerror(errno ? errno : EIO));
			if (errno == ENOMEM)
				return vp_errf_at(e, EX_OSERR, r->name, r->lineno + 1, "out of memory");
			return 0;
		}
		r->lineno++;
		int terminated = n > 0 && r->line[n - 1] == '\n';
		if (terminated)
			r->line[--n] = '\0';
		if (n > 0 && r->line[n - 1] == '\r')
			r->line[--n] = '\0';
		r->len = (size_t)n;
		if (blank(r->line, r->len))
			continue;

		json_error_t je;
		json_t *j = json_loadb(r->line, r->len, JSON_ALLOW_NUL, &je);
		const char *why = NULL;
		char whybuf[256];
		if (!j) {
			if (!terminated && feof(r->fp))
				snprintf(whybuf, sizeof whybuf, "truncated JSON line (%s)", je.text);
			else if (memchr(r->line, '\0', r->len))
				snprintf(whybuf, sizeof whybuf, "NUL byte in JSON line");
			else
				snprintf(whybuf, sizeof whybuf, "bad JSON at column %d: %s",
				         je.column, je.text);
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
		if (!r->skip_bad)
			return vp_errf_at(e, EX_DATAERR, r->name, r->lineno, "%s", why);
		r->rejected++;
		if (r->rejected <= REPORT_FIRST)
			fprintf(stderr, "%s: %s:%lu: %s (skipped)\n", r->prog, r->name,
			        r->lineno, why);
	}
}

void vp_reader_report(const vp_reader *r)
{
	if (r->rejected)
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

int vp_record_write(FILE *out, const json_t *rec, vp_err *e)
{
	struct dump_ctx c = {out, 0};
	if (json_dump_callback(rec, dump_cb, &c, JSON_COMPACT | JSON_ENCODE_ANY) != 0 ||
	    c.failed || putc('\n', out) == EOF) {
		if (c.failed || ferror(out))
			return vp_errf(e, EX_IOERR, "write error: %s", strerror(errno ? errno : EIO));
		return vp_errf(e, EX_SOFTWARE, "cannot encode record as JSON");
	}
	return 0;
}

int vp_output_close(FILE *out, vp_err *e)
{
	errno = 0;
	if (fflush(out) != 0 || ferror(out))
		return vp_errf(e, EX_IOERR, "write error: %s", strerror(errno ? errno : EIO));
	return 0;
}

const char *vp_record_str(const json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}
