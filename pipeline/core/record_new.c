/* record_new.c - the one record constructor; see include/voxpop/record_new.h */
#include <errno.h>
#include <string.h>

#include "voxpop/date.h"
#include "voxpop/jsonw.h"
#include "voxpop/record_new.h"
#include "voxpop/str.h"

enum { P_ID, P_SOURCE, P_CHANNEL, P_LOCALITY, P_DATE, P_RESPONDENT, P_QUESTION, P_TEXT, P_FIELDS,
       NPARTS };
static const char *const part_key[NPARTS] = {
	"id", "source", "channel", "locality", "date", "respondent", "question", "text", "fields",
};
/* ,"key": as written (the keys are plain names: nothing to escape), and
 * its length; the first member is written without the comma */
static const char *const part_lead[NPARTS] = {
	",\"id\":", ",\"source\":", ",\"channel\":", ",\"locality\":", ",\"date\":",
	",\"respondent\":", ",\"question\":", ",\"text\":", ",\"fields\":",
};
static const unsigned char lead_len[NPARTS] = {6, 10, 11, 12, 8, 14, 12, 8, 10};

vp_rpart vp_rpart_str(const char *s)
{
	vp_rpart p = {s, s ? strlen(s) : 0, 0};
	return p;
}

int vp_record_json_str(vp_buf *b, const char *s, size_t n)
{
	return vp_json_str(b, s, n);
}

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* The date rule: YYYY-MM-DD when vp_date_iso can read it, else the value
 * trimmed, as written. */
int vp_record_json_date(vp_buf *b, const char *s, size_t n)
{
	char iso[11];
	while (n && is_ws((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && is_ws((unsigned char)s[n - 1]))
		n--;
	if (n && vp_date_iso(s, n, iso))
		return vp_json_str(b, iso, 10);
	return vp_json_str(b, s, n);
}

/* vp_buf_append, with the common case (room enough) inline: the hot path
 * appends many short pieces per record. */
static inline int put_raw(vp_buf *b, const void *s, size_t n)
{
	if (b->cap - b->len <= n)
		return vp_buf_append(b, s, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

static int put_part(vp_buf *b, int k, const vp_rpart *v, int first)
{
	int r = put_raw(b, part_lead[k] + first, lead_len[k] - (size_t)first);
	if (v->json || k == P_FIELDS)
		r |= put_raw(b, v->s, v->n);
	else if (k == P_DATE)
		r |= vp_record_json_date(b, v->s, v->n);
	else
		r |= vp_json_str(b, v->s, v->n);
	return r ? -1 : 0;
}

static int dump_cb(const char *s, size_t n, void *data)
{
	return vp_buf_append(data, s, n) ? -1 : 0;
}

/* The member named key in raw (a validated JSON object), the last so
 * named as jansson keeps it: its key and value as written.  0 when none. */
static int raw_member(vp_jspan raw, const char *key, vp_buf *tmp, vp_jspan *k, vp_jspan *v)
{
	size_t kl = strlen(key);
	int found = 0;
	while (raw.n && *raw.p != '{') {
		raw.p++;
		raw.n--;
	}
	vp_jspan rest = raw, mk, mv;
	while (vp_jscan_object_next(&rest, &mk, &mv)) {
		const char *s;
		size_t len;
		vp_buf_clear(tmp);
		if (vp_jscan_string(mk, tmp, &s, &len))
			return 0;
		if (len == kl && memcmp(s, key, kl) == 0) {
			*k = mk;
			*v = mv;
			found = 1;
		}
	}
	return found;
}

int vp_record_build(vp_buf *out, const vp_record_parts *p, const json_t *base,
                    const char *drop)
{
	return vp_record_build_raw(out, p, base, (vp_jspan){NULL, 0}, drop);
}

int vp_record_build_raw(vp_buf *out, const vp_record_parts *p, const json_t *base, vp_jspan raw,
                        const char *drop)
{
	vp_buf tmp = VP_BUF_INIT;
	const vp_rpart *part[NPARTS] = {&p->id, &p->source, &p->channel, &p->locality,
	                                &p->date, &p->respondent, &p->question, &p->text, &p->fields};
	int done[NPARTS] = {0};
	int first = 1, r = 0;
	/* dropping a member drops the part of that name too */
	for (int k = 0; k < NPARTS; k++)
		if (drop && strcmp(drop, part_key[k]) == 0)
			done[k] = 1;
	vp_buf_clear(out);
	size_t est = 96;
	for (int k = 0; k < NPARTS; k++)
		est += part[k]->n + 2;
	r |= vp_buf_reserve(out, est) | put_raw(out, "{", 1);
	if (base) {
		const char *key;
		json_t *v;
		json_object_foreach((json_t *)base, key, v) {
			if (drop && strcmp(key, drop) == 0)
				continue;
			int k;
			for (k = 0; k < NPARTS; k++)
				if (part[k]->s && !done[k] && strcmp(key, part_key[k]) == 0)
					break;
			if (k < NPARTS) {
				r |= put_part(out, k, part[k], first);
				done[k] = 1;
			} else {
				vp_jspan rk, rv;
				if (!first)
					r |= vp_buf_putc(out, ',');
				if (raw.p && raw_member(raw, key, &tmp, &rk, &rv)) {
					/* the member as it came: its bytes */
					r |= put_raw(out, rk.p, (size_t)(rv.p + rv.n - rk.p));
					first = 0;
					continue;
				}
				r |= vp_json_key(out, key, strlen(key));
				if (r == 0 && json_dump_callback(v, dump_cb, out,
				                                 JSON_COMPACT | JSON_ENCODE_ANY) != 0)
					r = -1;
			}
			first = 0;
		}
	}
	for (int k = 0; k < NPARTS && r == 0; k++) {
		if (!part[k]->s || done[k])
			continue;
		r |= put_part(out, k, part[k], first);
		first = 0;
	}
	r |= put_raw(out, "}\n", 2);
	vp_buf_free(&tmp);
	return r ? -1 : 0;
}

int vp_record_put(FILE *out, const vp_buf *line, vp_err *e)
{
	errno = 0;
	if (!vp_fwrite_all(line->data, line->len, out))
		return vp_errf(e, EX_IOERR, "write error: %s", strerror(errno ? errno : EIO));
	return 0;
}
