/* count_line.c - vp_count_add_line, counting a record from its NDJSON line,
 * and vp-count as a record filter (see include/voxpop/count.h). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/buf.h"
#include "voxpop/count.h"
#include "voxpop/count_doc.h"
#include "voxpop/hash.h"
#include "voxpop/jscan.h"
#include "voxpop/record.h"
#include "voxpop/redact.h"
#include "count_impl.h"

/* ---- fast path: count straight from the NDJSON line -------------------
 *
 * Parsing every record into jansson objects costs several times more than
 * the counting itself, which needs a handful of members.  vp_jscan (the
 * validating scanner vp-normalise and vp-tag use too) picks them out; a line
 * it is unsure of, or a member of a type only the jansson path knows how to
 * name (numbers as ids or localities), makes this give up, and the caller
 * parses the line with jansson instead, so both paths always agree
 * (tests/unit/test_count.c checks that they do, on damaged lines too).
 */

enum { THEME_KEYS = 4, THEME_ELEMS = 64 }; /* a theme's members; themes noted by the scan */
enum { FK_THEMES, FK_TOKENS, FK_TEXT, FK_ID, FK_RESP, FK_SENT, FK_CAMP, FK_UNTAG, FK_LEXICON,
       FK_SOURCE, FK_GROUP,
       FK_LOCALITY,
       FK_PLACE, FK_SYSTEM, FK_N };
_Static_assert(FK_N <= sizeof ((struct line_keys *)0)->keys / sizeof (char *), "line_keys.keys");

/* Kind of a scanned value: 0 absent, 's' string, 'n' null, 'x' array or
 * object (named Unassigned), '?' number or boolean (left to jansson). */
static int span_kind(vp_jspan v)
{
	if (!v.p)
		return 0;
	switch (v.p[0]) {
	case '"': return 's';
	case 'n': return 'n';
	case '[': case '{': return 'x';
	default: return '?';
	}
}

/* Decode string span v into b, NUL-terminated.  1 ok, 0 if it holds a NUL
 * (left to jansson), -1 out of memory. */
static int span_cstr(vp_jspan v, vp_buf *b)
{
	const char *s;
	size_t n;
	vp_buf_clear(b);
	if (vp_jscan_string(v, b, &s, &n))
		return -1;
	if (s != b->data) {
		vp_buf_clear(b);
		if (vp_buf_append(b, s, n))
			return -1;
	}
	if (vp_buf_putc(b, 0))
		return -1;
	b->len--;
	return memchr(b->data, 0, n) ? 0 : 1;
}

/* The group name for a scanned value (kind 0, 's', 'n' or 'x'). */
static int span_name(vp_jspan v, vp_buf *b, const char *suffix, char *dbuf, const char **out)
{
	if (span_kind(v) != 's') {
		*out = suffix ? vpc_date_part(NULL, suffix, dbuf) : VP_UNASSIGNED;
		return 1;
	}
	int rc = span_cstr(v, b);
	if (rc == 1)
		*out = suffix ? vpc_date_part(b->data, suffix, dbuf) : vpc_string_name(b->data);
	return rc;
}

static size_t array_len(vp_jspan v)
{
	size_t n = 0;
	vp_jspan el;
	if (span_kind(v) == 'x' && v.p[0] == '[')
		while (vp_jscan_array_next(&v, &el))
			n++;
	return n;
}

/* A "sentiment" value v (kind 'x') as sentiment_of reads it: *out its
 * label, VP_SENT_*.  1, 0 when anything is odd (not an object, no plain
 * label, a label repeated or not one of the four: the jansson path says
 * so), -1 out of memory. */
static int span_sent(vp_count *c, vp_jspan v, int *out)
{
	static const char *const key[1] = {"label"};
	vp_jspan l;
	if (v.p[0] != '{' || vp_jscan_validated_members(v, key, 1, &l, 1) != VP_JSCAN_OK ||
	    span_kind(l) != 's')
		return 0;
	int rc = span_cstr(l, &c->fb[8]);
	if (rc != 1)
		return rc;
	*out = vpc_sent_parse(c->fb[8].data, c->fb[8].len);
	return *out >= 0;
}

/* The members of a theme object, in c->elems.keys order. */
static const char *const theme_keys[THEME_KEYS] = {"theme", "hits", "spans", "sentiment"};

/* Read the themes array into c->rt, as read_themes does from jansson
 * (*has_sent: a theme had a label): from c->elems when the scan noted
 * them, else walked here. */
static int span_themes(vp_count *c, vp_jspan themes, size_t ntokens, const char *text,
                       int *has_sent, vp_err *e)
{
	c->nrt = 0;
	int kind = span_kind(themes);
	if (kind == 0 || kind == 'n')
		return 0; /* not tagged, an error: the jansson path words it */
	if (themes.p[0] != '[')
		return 0; /* an error: the jansson path words it */
	const vp_jscan_elems *ce = c->elems.n >= 0 ? &c->elems : NULL;
	vp_jspan el;
	for (long k = 0; ce ? k < ce->n : vp_jscan_array_next(&themes, &el); k++) {
		vp_jspan m[THEME_KEYS] = {{0}};
		if (ce) {
			el = ce->elem[k];
			memcpy(m, ce->vals + (size_t)k * THEME_KEYS, sizeof m);
		}
		vp_jspan name = el;
		int sent = -1;
		if (el.p[0] == '{') {
			if (!ce && vp_jscan_validated_members(el, theme_keys, THEME_KEYS, m, 0) != VP_JSCAN_OK)
				return 0;
			int sk = span_kind(m[3]);
			if (sk && sk != 'n') {
				int rc = sk == 'x' ? span_sent(c, m[3], &sent) : 0;
				if (rc != 1)
					return rc < 0 ? vp_errf(e, EX_OSERR, "out of memory") : 0;
				*has_sent = 1;
			}
			name = m[0];
		}
		if (span_kind(name) != 's' || name.n <= 2)
			return 0; /* no name, empty name, not a string: errors */
		/* a name without escapes is its own bytes (validated: no NUL) */
		size_t idx;
		if (!memchr(name.p + 1, '\\', name.n - 2)) {
			idx = vpc_tmap_find_n(&c->themes, name.p + 1, name.n - 2);
			if (idx == (size_t)-1) /* new: added */
				idx = vpc_tmap_intern_n(&c->themes, name.p + 1, name.n - 2);
		} else {
			int rc = span_cstr(name, &c->fb[6]);
			if (rc != 1)
				return rc < 0 ? vp_errf(e, EX_OSERR, "out of memory") : 0;
			idx = vpc_tmap_intern(&c->themes, c->fb[6].data);
		}
		if (idx == (size_t)-1)
			return vp_errf(e, EX_OSERR, "out of memory");
		double score = c->o.quotes ? vpc_score_of(array_len(m[2]), array_len(m[1]), ntokens,
		                                      text) : 0;
		if (vpc_rt_push(c, idx, c->themes.name[idx], score, sent) != 0)
			return vp_errf(e, EX_OSERR, "out of memory");
	}
	return 1;
}

/* Themes given, not read from the line (vp_count_add_found). */
struct found {
	const vp_theme_found *th;
	size_t n, ntokens;
	int untaggable;
	int sent;                 /* the record's sentiment, VP_SENT_* or -1 */
	const signed char *tsent; /* each theme's, or NULL */
};

static int found_themes(vp_count *c, const struct found *fd, const char *text, vp_err *e)
{
	c->nrt = 0;
	for (size_t i = 0; i < fd->n; i++) {
		const vp_theme_found *t = &fd->th[i];
		if (t->index >= c->nlxmap) { /* the name's index, remembered */
			size_t n = t->index + 16;
			void *p = realloc(c->lxmap, n * sizeof *c->lxmap);
			if (!p)
				return vp_errf(e, EX_OSERR, "out of memory");
			c->lxmap = p;
			memset(c->lxmap + c->nlxmap, 0, (n - c->nlxmap) * sizeof *c->lxmap);
			c->nlxmap = n;
		}
		size_t idx = c->lxmap[t->index].idx;
		if (c->lxmap[t->index].name != t->theme) {
			if ((idx = vpc_tmap_intern(&c->themes, t->theme)) == (size_t)-1)
				return vp_errf(e, EX_OSERR, "out of memory");
			c->lxmap[t->index].name = t->theme;
			c->lxmap[t->index].idx = idx;
		}
		double score = c->o.quotes ? vpc_score_of(0, fd->th[i].nhits, fd->ntokens, text) : 0;
		if (vpc_rt_push(c, idx, c->themes.name[idx], score, fd->tsent ? fd->tsent[i] : -1) != 0)
			return vp_errf(e, EX_OSERR, "out of memory");
	}
	return 1;
}

/* c->lk from the options: the member to group by ("fields" for fields.NAME,
 * then NAME in sub), a date suffix, and whether the fast path can read it
 * (names that need escaping, or a member read for another purpose: rare,
 * the jansson path). */
static void line_keys_init(vp_count *c, const char *const *keys)
{
	struct line_keys *lk = &c->lk;
	char *field = lk->field;
	lk->ready = 1;
	lk->suffix = NULL;
	lk->sub = 0;
	if (c->o.by) {
		lk->suffix = strchr(c->o.by, ':');
		size_t flen = lk->suffix ? (size_t)(lk->suffix - c->o.by) : strlen(c->o.by);
		if (flen >= sizeof lk->field)
			flen = sizeof lk->field - 1; /* a spec is at most 255 bytes (vp_count_by_parse) */
		memcpy(field, c->o.by, flen);
		field[flen] = '\0';
		if (strncmp(field, "fields.", 7) == 0) {
			lk->sub = 7;
			field[6] = '\0';
		}
	} else {
		snprintf(field, sizeof lk->field, "%s", vpc_level_names[c->o.level]);
	}
	lk->fast = vp_jscan_plain_name(field) && (!lk->sub || vp_jscan_plain_name(field + lk->sub));
	for (size_t i = 0; i < FK_GROUP && lk->fast; i++)
		if (i != FK_SOURCE && strcmp(keys[i], field) == 0)
			lk->fast = 0;
}

/* The members a record is counted by (the grouping member, themes, tokens,
 * text, id, ...), worked out once: the options do not change.  The number
 * of them in lk->keys. */
static size_t line_keys_ready(vp_count *c)
{
	static const char *const keys[FK_N] = {
		"themes", "tokens", "text", "id", "respondent", "sentiment", "campaign",
		"untaggable", "lexicon", "source", NULL, "locality", "place", "system"};
	struct line_keys *lk = &c->lk;
	size_t nkeys = c->o.nested && !c->o.by ? FK_N : FK_GROUP + 1;
	if (!lk->ready) {
		line_keys_init(c, keys);
		memcpy(lk->keys, keys, sizeof keys);
		lk->keys[FK_GROUP] = lk->field;
		if (vp_jscan_names_init(&lk->names, lk->keys, nkeys) ||
		    vp_jscan_names_init(&lk->enames, theme_keys, THEME_KEYS))
			lk->fast = 0;
		lk->names.memo = &lk->memo; /* the counter is never moved (vp_count_new) */
	}
	return nkeys;
}

static int add_line(vp_count *c, const char *line, size_t len, const struct found *fd, vp_err *e)
{
	struct line_keys *lk = &c->lk;
	int nested = c->o.nested && !c->o.by;
	c->lexmixed = 0; /* whatever refuses this record, it is not its lexicon yet */
	line_keys_ready(c);
	if (!lk->fast)
		return 0;
	const char *suffix = lk->suffix, *sub = lk->sub ? lk->field + lk->sub : NULL;
	vp_jspan v[FK_N];
	vp_jscan_elems *ce = NULL;
	if (!fd) { /* the themes are read from the line: noted as it is scanned */
		ce = &c->elems;
		if (!ce->elem) {
			ce->keys = theme_keys;
			ce->nkeys = THEME_KEYS;
			ce->cap = THEME_ELEMS;
			ce->elem = malloc(THEME_ELEMS * sizeof *ce->elem);
			ce->vals = malloc(THEME_ELEMS * THEME_KEYS * sizeof *ce->vals);
			if (!ce->elem || !ce->vals) {
				free(ce->elem);
				free(ce->vals);
				*ce = (vp_jscan_elems){0};
				return vp_errf(e, EX_OSERR, "out of memory");
			}
		}
	}
	/* a member named twice: the jansson path, where the driver refuses it */
	if (vp_jscan_members_named_once(line, len, &lk->names, v, FK_THEMES, ce, &lk->enames) !=
	    VP_JSCAN_OK)
		return 0;
	vp_jspan group = v[FK_GROUP];
	if (sub && span_kind(group) && span_kind(group) != 'n')
		c->has_fields |= span_kind(group) == 'x' && group.p[0] == '{' ? 1 : 2;
	if (sub) {
		const char *const subkey[1] = {sub};
		if (span_kind(group) != 'x' || group.p[0] != '{')
			group = (vp_jspan){NULL, 0};
		else if (vp_jscan_validated_members(group, subkey, 1, &group, 0) != VP_JSCAN_OK)
			return 0;
	}
	if (span_kind(group) == '?' || span_kind(v[FK_ID]) == '?')
		return 0; /* numbers and booleans are printed by the jansson path */
	c->has_by |= c->o.by && span_kind(group); /* null too, as vp_count_add */
	int rk = span_kind(v[FK_RESP]), sk = span_kind(v[FK_SENT]), ok = span_kind(v[FK_SOURCE]);
	if ((rk && rk != 's' && rk != 'n') || (ok && ok != 's' && ok != 'n') || (sk && sk != 'n' && (fd || sk != 'x')) ||
	    (c->o.dedup && span_kind(v[FK_CAMP]) && span_kind(v[FK_CAMP]) != 'n'))
		return 0; /* odd respondents, sentiment and campaigns: the jansson path */
	if (!fd && span_kind(v[FK_UNTAG]) && span_kind(v[FK_UNTAG]) != 'n')
		return 0; /* not tagged for its language: rare, the jansson path */
	if (nested)
		for (int l = FK_LOCALITY; l <= FK_SYSTEM; l++)
			if (span_kind(v[l]) == '?')
				return 0;

	struct view vw = {0};
	vw.untaggable = fd && fd->untaggable;
	vw.marked_copy = !c->o.dedup && span_kind(v[FK_CAMP]) == 'x' && v[FK_CAMP].p[0] == '{';
	/* vp-tag's fingerprint, as it writes it; anything else (escapes, a
	 * value that is none): the jansson path.  vp-run's own (fd): its
	 * counter's, whatever the line had (vp-tag replaces it) */
	if (fd)
		vw.lexicon = c->o.lexicon;
	else if (vp_record_lexicon_span(v[FK_LEXICON], &vw.lexicon))
		return 0;
	char dbuf[16];
	int rc = span_name(group, &c->fb[0], suffix, dbuf, &vw.flat);
	if (nested) {
		/* level fields are also the grouping member when it is one of them */
		vp_jspan lv[3] = {v[FK_LOCALITY], v[FK_PLACE], v[FK_SYSTEM]};
		lv[c->o.level] = v[FK_GROUP];
		for (int l = 0; l < 3 && rc == 1; l++)
			rc = span_name(lv[l], &c->fb[1 + l], NULL, NULL, &vw.level[l]);
	}
	if (rc == 1 && rk == 's') {
		rc = span_cstr(v[FK_RESP], &c->fb[7]);
		vw.respondent = c->fb[7].len ? c->fb[7].data : NULL;
		if (rc == 1 && ok == 's') { /* a respondent is one of its source's */
			vp_jspan src = v[FK_SOURCE];
			if (!memchr(src.p, '\\', src.n)) { /* as it is: no copy */
				vw.source = src.p + 1;
				vw.source_len = src.n - 2;
			} else if ((rc = span_cstr(src, &c->fb[9])) == 1) {
				vw.source = c->fb[9].data;
				vw.source_len = c->fb[9].len;
			}
		}
	}
	vw.sent = fd ? fd->sent : -1;
	if (rc == 1 && sk == 'x') /* vp-sentiment's label (never with fd: vp-run gives it) */
		rc = span_sent(c, v[FK_SENT], &vw.sent);
	size_t ntokens = 0;
	if ((c->o.quotes || c->o.dedup) && rc == 1) /* --dedup: a campaign's first? */
		rc = span_name(v[FK_ID], &c->fb[4], NULL, NULL, &vw.id);
	if (c->o.quotes && rc == 1) {
		if (span_kind(v[FK_TEXT]) == 's') {
			rc = span_cstr(v[FK_TEXT], &c->fb[5]);
			vw.text = c->fb[5].data;
		}
		ntokens = array_len(v[FK_TOKENS]);
	}
	if (rc != 1)
		return rc < 0 ? vp_errf(e, EX_OSERR, "out of memory") : 0;
	int theme_sent = 0;
	rc = fd ? found_themes(c, fd, vw.text, e)
	        : span_themes(c, v[FK_THEMES], ntokens, vw.text, &theme_sent, e);
	if (rc != 1)
		return rc;
	if (vw.sent >= 0 || theme_sent)
		c->has_sent = 1; /* as sentiment_of says for a "sentiment" read */
	rc = vpc_count_view(c, &vw, e);
	return rc ? rc : 1;
}

/* A part as a C string in b (1), or 0 when it holds a NUL, -1 out of memory. */
static int part_cstr(const vp_count_part *p, vp_buf *b)
{
	vp_buf_clear(b);
	if (memchr(p->s, '\0', p->n))
		return 0;
	if (vp_buf_append(b, p->s, p->n) || vp_buf_putc(b, '\0'))
		return -1;
	b->len--;
	return 1;
}

/* A part as a group name, as span_name names a scanned string (absent:
 * VP_UNASSIGNED). */
static int part_name(const vp_count_part *p, vp_buf *b, const char **out)
{
	if (!p->s) {
		*out = VP_UNASSIGNED;
		return 1;
	}
	int rc = part_cstr(p, b);
	if (rc == 1)
		*out = vpc_string_name(b->data);
	return rc;
}

int vp_count_add_parts(vp_count *c, const vp_count_parts *p, const vp_theme_found *th,
                       size_t nth, size_t ntokens, int untaggable, vp_err *e)
{
	if (c->o.by)
		return vp_errf(e, EX_SOFTWARE, "vp_count_add_parts: a counter grouping by a member");
	struct found fd = {th, nth, ntokens, untaggable, -1, NULL};
	struct view vw = {0};
	vw.untaggable = untaggable;
	vw.lexicon = c->o.lexicon;
	vw.sent = -1;
	vw.resp_seen = p->resp_seen;
	/* the grouping member is a level; table rows have only "locality" */
	const vp_count_part none = {NULL, 0};
	const vp_count_part *lv[3] = {&p->locality, &none, &none};
	int rc = part_name(lv[c->o.level], &c->fb[0], &vw.flat);
	if (c->o.nested)
		for (int l = 0; l < 3 && rc == 1; l++)
			rc = part_name(lv[l], &c->fb[1 + l], &vw.level[l]);
	if (rc == 1 && p->respondent.s) {
		rc = part_cstr(&p->respondent, &c->fb[7]);
		vw.respondent = c->fb[7].len ? c->fb[7].data : NULL;
		if (rc == 1 && p->source.s) {
			vw.source = p->source.s;
			vw.source_len = p->source.n;
		}
	}
	if (c->o.quotes && rc == 1) {
		rc = part_name(&p->id, &c->fb[4], &vw.id);
		if (rc == 1 && p->text.s && (rc = part_cstr(&p->text, &c->fb[5])) == 1)
			vw.text = c->fb[5].data;
	}
	if (rc == 0)
		return vp_errf(e, EX_SOFTWARE, "vp_count_add_parts: a NUL byte in a part");
	if (rc < 0)
		return vp_errf(e, EX_OSERR, "out of memory");
	if ((rc = found_themes(c, &fd, vw.text, e)) != 1)
		return rc;
	rc = vpc_count_view(c, &vw, e);
	return rc ? rc : 1;
}

int vp_count_add_line(vp_count *c, const char *line, size_t len, vp_err *e)
{
	return add_line(c, line, len, NULL, e);
}

int vp_count_add_found(vp_count *c, const char *line, size_t len, const vp_theme_found *th,
                       size_t nth, size_t ntokens, int untaggable, int sent,
                       const signed char *tsent, vp_err *e)
{
	struct found fd = {th, nth, ntokens, untaggable, sent, tsent};
	return add_line(c, line, len, &fd, e);
}

/* ---- the record filter ------------------------------------------------ */

/* The first respondent seen again after other respondents' records is
 * named on stderr (file:line); the end says how many. */
static void note_reappeared(vp_count *c, vp_filter *f)
{
	if (c->reappeared_now && c->reappeared == 1) {
		char where[4200]; /* a path, a colon, a line number */
		snprintf(where, sizeof where, "%s:%lu", f->r.name, f->r.lineno);
		vp_count_warn_reappeared(f->stage->prog, where, stderr);
	}
}

/* After vp_count_add_line (1: counted) or vp_count_add (0: counted): the
 * record's notes, or its error -- a bad record rejected (--skip-bad), one
 * whose lexicon differs from the records' before it failing the count. */
static int counted(vp_count *c, vp_filter *f, int rc, vp_err *ce, vp_err *e)
{
	if (rc == 0) {
		note_reappeared(c, f);
		return vp_count_lexicon_from(c, f->r.name, f->r.lineno, e);
	}
	if (rc == EX_DATAERR && !c->lexmixed) /* e.g. "themes" not a list */
		return vp_filter_reject(f, e, ce->msg);
	return vp_filter_fail(f, e, rc, ce->msg);
}

static int count_scan(void *ctx, vp_filter *f, const vp_jspan *v, vp_err *e)
{
	vp_err ce;
	(void)v;
	vp_err_clear(&ce);
	int rc = vp_count_add_line(ctx, f->r.line, f->r.len, &ce);
	if (rc == 0)
		return VP_FILTER_FALLBACK; /* not plainly valid: jansson decides */
	return counted(ctx, f, rc == 1 ? 0 : rc, &ce, e);
}

static int count_record(void *ctx, vp_filter *f, json_t *rec, vp_err *e)
{
	vp_err ce;
	vp_err_clear(&ce);
	return counted(ctx, f, vp_count_add(ctx, rec, &ce), &ce, e);
}

static int count_end(void *ctx, vp_filter *f, vp_err *e)
{
	vp_count *c = ctx;
	vp_count_rejected(c, f->rejected);
	vp_count_warn_end(c, f->stage->prog, stderr);
	int rc = vp_count_check_by(c, e);
	if (rc)
		return rc;
	return c->o.compact ? vp_count_write_flags(c, f->out, VP_COUNT_JSON_COMPACT, e)
	                    : vp_count_emit(c, f->out, e);
}

void vp_count_stage(vp_count *c, vp_filter_stage *st, const char *prog)
{
	/* a record naming a member counted by twice is bad, as in every stage:
	 * jansson would count it under the last copy */
	size_t nkeys = line_keys_ready(c);
	*st = (vp_filter_stage){prog, NULL, 0, count_scan, count_record, count_end, 0,
	                        c->lk.keys, nkeys, NULL};
}
