/* ingest_run.c - one input's run of vp-ingest (ingest_impl.h), shared by
 * every reader: where it is, and its reporting -- notes for the user, bad
 * rows (an error, or skipped and counted). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ingest_impl.h"
#include "voxpop/hash.h"
#include "voxpop/input.h"
#include "voxpop/record.h"
#include "voxpop/redact.h"

/* A record's "source" for an input named path: its last component. */
static const char *source_of(const char *path)
{
	if (strcmp(path, "-") == 0)
		return "stdin";
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

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
	r->records_before = st->records;
	r->source = source_of(path);
}

/* The input path, read again (the same file as earlier, or a copy of it),
 * wrote the records past records_before a second time: counted, and the
 * first such input remembered, for vp_ingest_dup_files. */
static void dup_file(vp_ingest_stats *st, const char *path, const char *earlier, int copy,
                     unsigned long records_before)
{
	if (st->records <= records_before)
		return;
	if (st->dup_files++ == 0) {
		snprintf(st->dup_file_at, sizeof st->dup_file_at, "%s", path);
		snprintf(st->dup_file_of, sizeof st->dup_file_of, "%s", earlier);
		st->dup_file_copy = copy;
	}
	st->dup_file_records += st->records - records_before;
}

int vp_ingest_check_input(vp_operands *in, const char *path, unsigned long records_before,
                         vp_ingest_stats *st, vp_err *e)
{
	const char *earlier = NULL;
	if (in->same_as)
		return 0; /* the same file: said already */
	if (st->input_whole && st->input_size &&
	    vp_operands_same_bytes(in, st->input_size, st->input_hash, &earlier) != 0)
		return vp_errf(e, EX_OSERR, "out of memory");
	if (earlier) {
		dup_file(st, path, earlier, 1, records_before);
		return 0;
	}
	/* another file of an earlier one's name: the ids are kept as they are
	 * (a file read alone gets the ids it gets among others; gold files and
	 * splits rely on it), so it is said */
	const char *source = source_of(path);
	for (int i = 0; i + 1 < in->next && st->records > records_before; i++) {
		const char *p = in->paths[i];
		if (strcmp(p, "-") != 0 && strcmp(source_of(p), source) == 0) {
			if (st->same_names++ == 0) {
				snprintf(st->same_name_at, sizeof st->same_name_at, "%s", path);
				snprintf(st->same_name_of, sizeof st->same_name_of, "%s", p);
			}
			break;
		}
	}
	return 0;
}

void vp_ingest_run_free(struct vp_ingest_run *r)
{
	vp_ingest_stats *st = r->st;
	if (r->ids && vp_seen_left_out(r->ids) && vp_seen_count(r->ids) > st->dup_id_checked)
		st->dup_id_checked = vp_seen_count(r->ids);
	vp_seen_free(r->ids);
	r->ids = NULL;
	if (r->o->same_as)
		dup_file(st, r->path, r->o->same_as, 0, r->records_before);
	vp_buf_free(&r->line);
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
static void shown_date(const struct vp_ingest_run *r, const char *s, size_t n, char *out)
{
	vp_redact_shown(r->o->given_names, s, n, out, 61);
}

int vp_ingest_bad_date(struct vp_ingest_run *r, const char *s, size_t n, unsigned long line,
                       vp_date_order order)
{
	vp_ingest_stats *st = r->st;
	int other = vp_date_other_order(s, n, order);
	if (r->o->strict_dates) {
		char why[300], shown[64];
		shown_date(r, s, n, shown);
		snprintf(why, sizeof why, "date \"%s\" is not a date in %s order%s%s",
		         shown, vp_date_order_name(order),
		         other >= 0 ? "; try --date-order " : "",
		         other >= 0 ? vp_date_order_name((vp_date_order)other) : "");
		int rc = vp_ingest_bad_row(r, line, why);
		return rc ? rc : -1; /* -1: the row is skipped */
	}
	if (st->bad_dates++ == 0) {
		snprintf(st->bad_date_at, sizeof st->bad_date_at, "%s:%lu", r->path, line);
		shown_date(r, s, n, st->bad_date_value);
		st->bad_date_order = order;
		st->bad_date_hint = other;
	}
	return 0;
}

/* s[0..n) is a number as Excel's General format writes a large one:
 * [-]D[.DDDD]E+DD -- the digits past the first 6 significant ones gone. */
static int excel_sci(const char *s, size_t n)
{
	size_t i = 0;
	if (i < n && s[i] == '-')
		i++;
	if (i >= n || s[i] < '0' || s[i] > '9')
		return 0;
	i++;
	if (i < n && s[i] == '.') {
		size_t d = ++i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == d)
			return 0;
	}
	if (i + 2 >= n || (s[i] != 'E' && s[i] != 'e') || s[i + 1] != '+')
		return 0;
	i += 2;
	size_t d = i;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return i == n && i > d;
}

void vp_ingest_check_id(struct vp_ingest_run *r, const char *col, const char *s, size_t n,
                        unsigned long line)
{
	if (!excel_sci(s, n))
		return;
	vp_ingest_stats *st = r->st;
	if (st->sci_ids++ == 0) {
		snprintf(st->sci_id_col, sizeof st->sci_id_col, "%s", col);
		snprintf(st->sci_id_at, sizeof st->sci_id_at, "%s:%lu", r->path, line);
		snprintf(st->sci_id_value, sizeof st->sci_id_value, "%.*s", (int)(n > 60 ? 60 : n), s);
	}
}

int vp_ingest_check_dup_id(struct vp_ingest_run *r, const char *col, const char *idv,
                           size_t idn, unsigned long line)
{
	if (idn == 0 || r->o->same_as)
		return 0;
	if (!r->ids && !(r->ids = vp_seen_new(0, 0)))
		return vp_ingest_oom(r);
	int k = vp_seen_add_id(r->ids, idv, idn);
	if (k < 0)
		return vp_ingest_oom(r);
	vp_ingest_stats *st = r->st;
	if (k == 1 && st->dup_ids++ == 0) {
		snprintf(st->dup_id_col, sizeof st->dup_id_col, "%s", col);
		snprintf(st->dup_id_at, sizeof st->dup_id_at, "%s:%lu", r->path, line);
		size_t m = idn > 60 ? 60 : idn;
		while (m < idn && m > 0 && ((unsigned char)idv[m] & 0xC0) == 0x80)
			m--; /* cut at a character */
		char *o = st->dup_id_value;
		for (size_t j = 0; j < m; j++) /* one line on stderr */
			o[j] = (unsigned char)idv[j] < 0x20 || idv[j] == 0x7f ? '?' : idv[j];
		o[m] = '\0';
	}
	return 0;
}

/* s[0..n) into dst (cut at a character to fit, control bytes as '?': one
 * line on stderr) */
static void copy_cut(char *dst, size_t size, const char *s, size_t n)
{
	size_t cut = n;
	if (cut >= size) {
		cut = size - 1;
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
	}
	for (size_t j = 0; j < cut; j++)
		dst[j] = (unsigned char)s[j] < 0x20 || s[j] == 0x7f ? '?' : s[j];
	dst[cut] = '\0';
}

int vp_ingest_check_status(struct vp_ingest_run *r, const char *s, size_t n)
{
	vp_ingest_stats *st = r->st;
	int numeric = 0;
	int i = vp_qstatus_find(s, n, &numeric);
	if (i >= 0 && vp_qstatus_at(i)->response)
		return 0;
	if (i >= 0) {
		st->status_skipped++;
		st->status_count[i][numeric]++;
		if (!r->status_seen) {
			r->status_seen = 1;
			if (st->status_files++ == 0)
				snprintf(st->status_src, sizeof st->status_src, "%s", r->path);
		}
		return 1;
	}
	/* not known: read, and the value remembered (cut, at a character) */
	st->status_unknown++;
	if (!r->status_unknown_seen) {
		r->status_unknown_seen = 1;
		if (st->status_unknown_files++ == 0)
			snprintf(st->status_unknown_src, sizeof st->status_unknown_src, "%s", r->path);
	}
	char v[sizeof st->status_unknown_value[0]];
	copy_cut(v, sizeof v, s, n);
	for (size_t k = 0; k < st->status_unknown_kinds; k++)
		if (strcmp(st->status_unknown_value[k], v) == 0) {
			st->status_unknown_rows[k]++;
			return 0;
		}
	if (st->status_unknown_kinds < VP_QSTATUS_UNKNOWN) {
		size_t k = st->status_unknown_kinds++;
		memcpy(st->status_unknown_value[k], v, strlen(v) + 1);
		st->status_unknown_rows[k] = 1;
	} else {
		st->status_unknown_other++;
	}
	return 0;
}

int vp_ingest_check_consent(struct vp_ingest_run *r, const char *q, size_t col, const char *s,
                            size_t n)
{
	vp_ingest_stats *st = r->st;
	int k = vp_consent_answer(s, n);
	if (k == VP_CONSENT_YES)
		return 0;
	if (k != VP_CONSENT_NO) {
		if (k == VP_CONSENT_BLANK)
			st->consent_blank++;
		else if (st->consent_unclear++ == 0)
			copy_cut(st->consent_unclear_first, sizeof st->consent_unclear_first, s, n);
		if (!r->consent_seen) {
			r->consent_seen = 1;
			if (st->consent_files++ == 0) {
				snprintf(st->consent_src, sizeof st->consent_src, "%s", r->path);
				copy_cut(st->consent_q, sizeof st->consent_q, q, strlen(q));
				st->consent_col = col;
			}
		}
		return 0;
	}
	st->declined++;
	if (!r->declined_seen) {
		r->declined_seen = 1;
		if (st->declined_files++ == 0) {
			snprintf(st->declined_src, sizeof st->declined_src, "%s", r->path);
			copy_cut(st->declined_q, sizeof st->declined_q, q, strlen(q));
			st->declined_col = col;
		}
	}
	char v[sizeof st->declined_value[0]];
	copy_cut(v, sizeof v, s, n);
	for (size_t i = 0; i < st->declined_kinds; i++)
		if (strcasecmp(st->declined_value[i], v) == 0) {
			st->declined_rows[i]++;
			return 1;
		}
	if (st->declined_kinds < VP_DECLINED_KINDS) {
		size_t i = st->declined_kinds++;
		memcpy(st->declined_value[i], v, sizeof v);
		st->declined_rows[i] = 1;
	} else {
		st->declined_other++;
	}
	return 1;
}
