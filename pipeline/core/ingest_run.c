/* ingest_run.c - one input's run of vp-ingest (ingest_impl.h), shared by
 * every reader: where it is, and its reporting -- notes for the user, bad
 * rows (an error, or skipped and counted). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ingest_impl.h"
#include "voxpop/record.h"
#include "voxpop/redact.h"

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
	r->max_line = o->max_line ? o->max_line : VP_MAX_LINE;
	r->conv = o->conv;
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
	vp_buf_free(&r->line_fields);
	vp_buf_free(&r->id);
	vp_buf_free(&r->date);
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

/* A date cell that is no date, as messages show it: people type anything
 * into a field ("call Mrs Jones on 07700 900123"), and stderr is mailed to
 * people, so as vp-redact would write it, at most 60 bytes (cut at a
 * character); into out (64 bytes). */
static void shown_date(const char *s, size_t n, char *out)
{
	vp_buf b = VP_BUF_INIT;
	if (vp_redact(s, n, &b) == 0) {
		s = b.data ? b.data : "";
		n = b.len;
	} else {
		n = 0; /* out of memory: show nothing rather than the cell */
	}
	size_t m = n > 60 ? 60 : n;
	while (m < n && m > 0 && ((unsigned char)s[m] & 0xC0) == 0x80)
		m--;
	memcpy(out, s, m);
	out[m] = '\0';
	vp_buf_free(&b);
}

int vp_ingest_bad_date(struct vp_ingest_run *r, const char *s, size_t n, unsigned long line,
                       vp_date_order order)
{
	vp_ingest_stats *st = r->st;
	int other = vp_date_other_order(s, n, order);
	if (r->o->strict_dates) {
		char why[300], shown[64];
		shown_date(s, n, shown);
		snprintf(why, sizeof why, "date \"%s\" is not a date in %s order%s%s",
		         shown, vp_date_order_name(order),
		         other >= 0 ? "; try --date-order " : "",
		         other >= 0 ? vp_date_order_name((vp_date_order)other) : "");
		int rc = vp_ingest_bad_row(r, line, why);
		return rc ? rc : -1; /* -1: the row is skipped */
	}
	if (st->bad_dates++ == 0) {
		snprintf(st->bad_date_at, sizeof st->bad_date_at, "%s:%lu", r->path, line);
		shown_date(s, n, st->bad_date_value);
		st->bad_date_order = order;
		st->bad_date_hint = other;
	}
	return 0;
}
