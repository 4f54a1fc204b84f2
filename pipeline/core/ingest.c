/* ingest.c - vp_ingest: one input, in the format its name or --format says;
 * see include/voxpop/ingest.h.  The run's reporting lives here too: notes
 * for the user and bad rows (an error, or skipped and counted). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_impl.h"

void vp_ingest_run_init(struct vp_ingest_run *r, const vp_ingest_opts *o, const char *path,
                        const char *channel, FILE *out, vp_ingest_stats *st, vp_err *e)
{
	memset(r, 0, sizeof *r);
	r->o = o;
	r->st = st;
	r->e = e;
	r->out = out;
	r->path = path;
	r->channel = channel;
	r->max_field = o->max_field ? o->max_field : VP_INGEST_MAX_FIELD;
	if (strcmp(path, "-") == 0) {
		r->source = "stdin";
	} else {
		const char *slash = strrchr(path, '/');
		r->source = slash && slash[1] ? slash + 1 : path;
	}
}

void vp_ingest_run_free(struct vp_ingest_run *r)
{
	vp_buf_free(&r->line);
	vp_buf_free(&r->id);
}

void vp_ingest_note(struct vp_ingest_run *r, const char *fmt, ...)
{
	if (!r->o->note)
		return;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	r->o->note(r->o->note_ctx, msg);
}

int vp_ingest_oom(struct vp_ingest_run *r)
{
	return vp_errf_at(r->e, EX_OSERR, r->path, 0, "out of memory");
}

int vp_ingest_bad_row(struct vp_ingest_run *r, unsigned long line, const char *msg)
{
	if (!r->o->skip_bad)
		return vp_errf_at(r->e, EX_DATAERR, r->path, line, "%s", msg);
	r->st->rejected++;
	if (r->st->rejected <= VP_INGEST_NOTE_FIRST)
		vp_ingest_note(r, "%s:%lu: %s (skipped)", r->path, line, msg);
	return 0;
}

int vp_ingest_rows(const vp_ingest_opts *o, vp_rowsrc *src, const char *path,
                   const char *channel, FILE *out, vp_ingest_stats *st, vp_err *e)
{
	struct vp_ingest_run r;
	vp_ingest_run_init(&r, o, path, channel, out, st, e);
	int rc = vp_ingest_table(&r, src);
	vp_ingest_run_free(&r);
	return rc;
}

int vp_ingest(const vp_ingest_opts *o, FILE *in, const char *path, FILE *out,
              vp_ingest_stats *st, vp_err *e)
{
	int is_stdin = strcmp(path, "-") == 0;
	const vp_ingest_format *fmt = o->format ? o->format
	                              : vp_format_of(is_stdin ? NULL : path);
	struct vp_ingest_run r;
	vp_ingest_run_init(&r, o, path, o->channel ? o->channel : fmt->channel, out, st, e);
	int rc;
	if (fmt->records) {
		rc = fmt->records(&r, in);
	} else {
		vp_rowsrc_args a = {.in = in, .path = path, .delim = o->delim,
		                    .skip_rows = o->skip_rows, .max_field = r.max_field,
		                    .conv = o->conv};
		vp_rowsrc *src = NULL;
		rc = fmt->open_rows(&a, &src, e);
		if (rc == 0)
			rc = vp_ingest_table(&r, src);
		vp_rowsrc_close(src);
	}
	vp_ingest_run_free(&r);
	return rc;
}
