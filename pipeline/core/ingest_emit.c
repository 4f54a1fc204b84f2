/* ingest_emit.c - vp-ingest's one emitter: ids, and every record (table
 * rows and NDJSON alike) built by vp_record_build and written. */
#include <stdio.h>
#include <string.h>

#include "ingest_impl.h"

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

int vp_ingest_make_id(struct vp_ingest_run *r, const char *idv, size_t idn,
                      unsigned long line, size_t q, size_t nq, vp_rpart *id)
{
	/* on the hot path: no printf */
	char num[32];
	vp_buf *b = &r->id;
	vp_buf_clear(b);
	int rc;
	if (idn)
		rc = vp_buf_append(b, idv, idn);
	else
		rc = vp_buf_puts(b, r->source) | vp_buf_putc(b, ':') |
		     vp_buf_append(b, num, utoa(line, num));
	if (rc == 0 && nq > 1)
		rc = vp_buf_append(b, ":q", 2) | vp_buf_append(b, num, utoa(q + 1, num));
	if (rc)
		return vp_ingest_oom(r);
	id->s = b->data;
	id->n = b->len;
	return 0;
}

/* The length of the line ('\n' aside) vp-ingest writes for p (base, drop:
 * as vp_ingest_emit), in *len; 0 there when the line
 * is so far within r->max_line that slack bytes more would not take it
 * past (then it is not built).  0, or an EX_* code (no memory). */
static int line_len(struct vp_ingest_run *r, const vp_record_parts *p, const json_t *base,
                    const char *drop, size_t slack, size_t *len)
{
	/* every byte of a part escapes to at most 6 ("\u001f"); the keys and
	 * punctuation of the parts take well under 256 */
	const vp_rpart *v[] = {&p->id, &p->source, &p->channel, &p->locality, &p->date,
	                       &p->respondent, &p->question, &p->text};
	size_t sum = p->fields.s ? p->fields.n : 0;
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		sum += v[i]->s ? v[i]->n : 0;
	*len = 0;
	if (!base && r->max_line > 256 && sum <= (r->max_line - 256) / 6 &&
	    slack <= r->max_line - 256 - 6 * sum)
		return 0;
	if (vp_record_build(&r->line, p, base, drop) != 0)
		return vp_ingest_oom(r);
	*len = r->line.len - 1; /* the line ends in '\n' */
	return 0;
}

int vp_ingest_fits(struct vp_ingest_run *r, const vp_record_parts *p, const json_t *base,
                   const char *drop, char *why, size_t whysz)
{
	size_t len;
	int rc = line_len(r, p, base, drop, 0, &len);
	if (rc)
		return rc;
	if (len <= r->max_line)
		return 1;
	snprintf(why, whysz, "record longer than %zu bytes (--max-line)", r->max_line);
	return 0;
}

int vp_ingest_emit(struct vp_ingest_run *r, const vp_record_parts *p, const json_t *base,
                   const char *drop)
{
	if (r->o->sink && !base && !drop) {
		size_t len;
		int rc = line_len(r, p, base, drop, VP_INGEST_SLACK(p->text.s ? p->text.n : 0), &len);
		if (rc == 0)
			rc = r->o->sink(r->o->sink_ctx, p, len, r->e);
		if (rc == 0)
			r->st->records++;
		return rc;
	}
	if (vp_record_build_raw(&r->line, p, base, base ? r->raw : (vp_jspan){NULL, 0}, drop) != 0)
		return vp_ingest_oom(r);
	int rc = vp_record_put(r->out, &r->line, r->e);
	if (rc == 0)
		r->st->records++;
	return rc;
}
