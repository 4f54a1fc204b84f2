/* count.c - the vp_count accumulator: themes, groups, quotes, counting
 * one record (see include/voxpop/count.h). */
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
#include "voxpop/date.h"
#include "voxpop/hash.h"
#include "voxpop/jscan.h"
#include "voxpop/record.h"
#include "voxpop/redact.h"
#include "count_impl.h"

/* ---- themes ---------------------------------------------------------- */

static int tmap_grow(struct tmap *t)
{
	size_t cap = t->cap ? t->cap * 2 : 64;
	size_t *slot = calloc(cap, sizeof *slot);
	if (!slot)
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		size_t h = vp_hash64(t->name[i], strlen(t->name[i])) & (cap - 1);
		while (slot[h])
			h = (h + 1) & (cap - 1);
		slot[h] = i + 1;
	}
	free(t->slot);
	t->slot = slot;
	t->cap = cap;
	return 0;
}

/* Index of theme name, adding it if new; (size_t)-1 when out of memory. */
size_t vpc_tmap_intern(struct tmap *t, const char *name)
{
	if ((t->n + 1) * 2 > t->cap && tmap_grow(t) != 0)
		return (size_t)-1;
	size_t h = vp_hash64(name, strlen(name)) & (t->cap - 1);
	while (t->slot[h]) {
		if (strcmp(t->name[t->slot[h] - 1], name) == 0)
			return t->slot[h] - 1;
		h = (h + 1) & (t->cap - 1);
	}
	if (t->n == t->alloc) {
		size_t alloc = t->alloc ? t->alloc * 2 : 32;
		char **p = realloc(t->name, alloc * sizeof *p);
		if (!p)
			return (size_t)-1;
		t->name = p;
		t->alloc = alloc;
	}
	char *copy = strdup(name);
	if (!copy)
		return (size_t)-1;
	t->name[t->n] = copy;
	t->slot[h] = ++t->n;
	return t->n - 1;
}

static void tmap_free(struct tmap *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->name[i]);
	free(t->name);
	free(t->slot);
}

/* ---- groups ---------------------------------------------------------- */

static void group_free(struct group *g, size_t nquotes);

static void gmap_free(struct gmap *m, size_t nquotes)
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->slot[i]) {
			group_free(m->slot[i], nquotes);
			free(m->slot[i]);
		}
	free(m->slot);
	memset(m, 0, sizeof *m);
}

static void group_free(struct group *g, size_t nquotes)
{
	if (g->quotes) {
		for (size_t t = 0; t < g->ncounts; t++) {
			for (size_t i = 0; i < g->quotes[t].n; i++) {
				free(g->quotes[t].q[i].id);
				free(g->quotes[t].q[i].text);
			}
			free(g->quotes[t].q);
		}
	}
	(void)nquotes;
	free(g->quotes);
	free(g->counts);
	free(g->name);
	gmap_free(&g->children, nquotes);
}

static int gmap_grow(struct gmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 16;
	struct group **slot = calloc(cap, sizeof *slot);
	if (!slot)
		return -1;
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->slot[i])
			continue;
		size_t h = vp_hash64(m->slot[i]->name, strlen(m->slot[i]->name)) & (cap - 1);
		while (slot[h])
			h = (h + 1) & (cap - 1);
		slot[h] = m->slot[i];
	}
	free(m->slot);
	m->slot = slot;
	m->cap = cap;
	return 0;
}

/* Find or add group name in m.  NULL with e filled on error. */
struct group *vpc_gmap_get(vp_count *c, struct gmap *m, const char *name, vp_err *e)
{
	if ((m->n + 1) * 2 > m->cap && gmap_grow(m) != 0) {
		vp_errf(e, EX_OSERR, "out of memory");
		return NULL;
	}
	size_t h = vp_hash64(name, strlen(name)) & (m->cap - 1);
	while (m->slot[h]) {
		if (strcmp(m->slot[h]->name, name) == 0)
			return m->slot[h];
		h = (h + 1) & (m->cap - 1);
	}
	size_t limit = c->o.max_groups ? c->o.max_groups : VP_COUNT_MAX_GROUPS;
	if (c->ngroups >= limit) {
		vp_errf(e, EX_SOFTWARE, "more than %zu groups (\"%.80s\"); is this the field "
		        "you meant to group by? (--max-groups raises the limit)", limit, name);
		return NULL;
	}
	struct group *g = calloc(1, sizeof *g);
	if (!g || !(g->name = strdup(name))) {
		free(g);
		vp_errf(e, EX_OSERR, "out of memory");
		return NULL;
	}
	m->slot[h] = g;
	m->n++;
	c->ngroups++;
	return g;
}

/* Make room for every theme interned so far. */
int vpc_group_fit(vp_count *c, struct group *g)
{
	size_t n = c->themes.n;
	if (g->ncounts >= n)
		return 0;
	size_t alloc = n < 16 ? 16 : n + n / 2;
	unsigned long *counts = realloc(g->counts, alloc * sizeof *counts);
	if (!counts)
		return -1;
	memset(counts + g->ncounts, 0, (alloc - g->ncounts) * sizeof *counts);
	g->counts = counts;
	if (c->o.quotes) {
		struct qlist *q = realloc(g->quotes, alloc * sizeof *q);
		if (!q)
			return -1;
		memset(q + g->ncounts, 0, (alloc - g->ncounts) * sizeof *q);
		g->quotes = q;
	}
	g->ncounts = alloc;
	return 0;
}

/* ---- quotes ---------------------------------------------------------- */

/* Total order on quotes: higher score first, then id, then text. */
static int quote_cmp(double score_a, const char *id_a, const char *text_a,
                     const struct quote *b)
{
	if (score_a != b->score)
		return score_a > b->score ? -1 : 1;
	int r = strcmp(id_a, b->id);
	if (r || !text_a)
		return r;
	return strcmp(text_a, b->text);
}

/* Could (score, id) enter list l?  Cheap test before redacting the text. */
static int quote_may_enter(const vp_count *c, const struct qlist *l, double score,
                           const char *id)
{
	if (l->n < c->o.quotes)
		return 1;
	return quote_cmp(score, id, NULL, &l->q[l->n - 1]) <= 0;
}

/* Insert a quote in best-first position, dropping the worst beyond N.
 * Returns 0 or -1 (out of memory). */
int vpc_quote_offer(const vp_count *c, struct qlist *l, double score, const char *id,
                       const char *text)
{
	size_t n = c->o.quotes, pos = l->n;
	while (pos > 0 && quote_cmp(score, id, text, &l->q[pos - 1]) < 0)
		pos--;
	if (pos >= n)
		return 0;
	if (!l->q) {
		l->q = calloc(n, sizeof *l->q);
		if (!l->q)
			return -1;
	}
	struct quote nq = {strdup(id), strdup(text), score};
	if (!nq.id || !nq.text) {
		free(nq.id);
		free(nq.text);
		return -1;
	}
	if (l->n == n) {
		free(l->q[n - 1].id);
		free(l->q[n - 1].text);
		l->n--;
	}
	memmove(&l->q[pos + 1], &l->q[pos], (l->n - pos) * sizeof *l->q);
	l->q[pos] = nq;
	l->n++;
	return 0;
}

double vpc_round_to(double x, double scale)
{
	return round(x * scale) / scale;
}

static size_t count_words(const char *s)
{
	size_t n = 0;
	int in = 0;
	for (; *s; s++) {
		int sp = isspace((unsigned char)*s);
		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/* spans (else hits, else 1) per token (else word of text, else 1). */
double vpc_score_of(size_t spans, size_t hits, size_t tokens, const char *text)
{
	if (!spans)
		spans = hits ? hits : 1;
	if (!tokens)
		tokens = text ? count_words(text) : 0;
	if (!tokens)
		tokens = 1;
	return vpc_round_to((double)spans / (double)tokens, 1e6);
}

double vp_count_score(const json_t *rec, const json_t *theme_entry)
{
	size_t spans = 0, hits = 0;
	if (json_is_object(theme_entry)) {
		spans = json_array_size(json_object_get(theme_entry, "spans"));
		hits = json_array_size(json_object_get(theme_entry, "hits"));
	}
	return vpc_score_of(spans, hits, json_array_size(json_object_get(rec, "tokens")),
	                json_string_value(json_object_get(rec, "text")));
}

/* ---- options --------------------------------------------------------- */

const char *const vpc_level_names[] = {"locality", "place", "system"};

int vp_level_parse(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(s, vpc_level_names[i]) == 0)
			return i;
	return -1;
}

const char *vp_level_name(int level)
{
	return level >= 0 && level < 3 ? vpc_level_names[level] : "?";
}

int vp_count_by_parse(const char *spec, char *out, size_t outsz)
{
	if (strcmp(spec, "month") == 0 || strcmp(spec, "year") == 0) {
		snprintf(out, outsz, "date:%s", spec);
		return 0;
	}
	const char *colon = strchr(spec, ':');
	size_t flen = colon ? (size_t)(colon - spec) : strlen(spec);
	if (flen == 0 || flen + 8 >= outsz)
		return -1;
	if (colon && strcmp(colon, ":month") != 0 && strcmp(colon, ":year") != 0)
		return -1;
	if (strncmp(spec, "fields.", 7) == 0 && flen == 7)
		return -1;
	snprintf(out, outsz, "%s", spec);
	return 0;
}

vp_count *vp_count_new(const vp_count_opts *o)
{
	vp_count *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->o = *o;
	if (o->by) {
		snprintf(c->by, sizeof c->by, "%s", o->by);
		c->o.by = c->by;
	}
	c->total.name = strdup("total");
	if (!c->total.name) {
		free(c);
		return NULL;
	}
	return c;
}

void vp_count_free(vp_count *c)
{
	if (!c)
		return;
	group_free(&c->total, c->o.quotes);
	gmap_free(&c->flat, c->o.quotes);
	tmap_free(&c->themes);
	free(c->rt);
	for (size_t i = 0; i < sizeof c->fb / sizeof c->fb[0]; i++)
		vp_buf_free(&c->fb[i]);
	vp_buf_free(&c->redacted);
	free(c);
}

void vp_count_rejected(vp_count *c, unsigned long n)
{
	c->rejected += n;
}

/* ---- grouping -------------------------------------------------------- */

/* The group name of a JSON value: a non-blank string as is, a number
 * printed, anything else Unassigned. */
const char *vpc_string_name(const char *s)
{
	for (const char *p = s; *p; p++)
		if (!isspace((unsigned char)*p))
			return s;
	return VP_UNASSIGNED;
}

/* Is v a string holding a NUL (\u0000), which C strings would cut? */
int vpc_nul_in(const json_t *v)
{
	return json_is_string(v) && strlen(json_string_value(v)) != json_string_length(v);
}

static const char *value_name(const json_t *v, char *buf, size_t bufsz)
{
	if (json_is_string(v))
		return vpc_string_name(json_string_value(v));
	if (json_is_integer(v)) {
		snprintf(buf, bufsz, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return buf;
	}
	if (json_is_real(v)) {
		snprintf(buf, bufsz, "%g", json_real_value(v));
		return buf;
	}
	if (json_is_boolean(v))
		return json_is_true(v) ? "true" : "false";
	return VP_UNASSIGNED;
}


/* The value rec's group is named from under the --by spec. */
static const json_t *by_value(const vp_count *c, const json_t *rec)
{
	char field[256];
	const char *colon = strchr(c->by, ':');
	size_t flen = colon ? (size_t)(colon - c->by) : strlen(c->by);
	memcpy(field, c->by, flen);
	field[flen] = '\0';
	if (strncmp(field, "fields.", 7) == 0)
		return json_object_get(json_object_get(rec, "fields"), field + 7);
	return json_object_get(rec, field);
}

/* Name of rec's group under the --by spec. */
static const char *by_name(const vp_count *c, const json_t *rec, char *buf, size_t bufsz)
{
	const json_t *v = by_value(c, rec);
	const char *colon = strchr(c->by, ':');
	if (!colon)
		return value_name(v, buf, bufsz);
	return vpc_date_part(json_string_value(v), colon, buf);
}

/* The ":month" (YYYY-MM) or ":year" part of an ISO date s, in buf (>= 8
 * bytes), or Unassigned when s does not start with a real date: YYYY-MM-DD
 * (checked with vp_date_read: month 1-12, the day exists), YYYY-MM, or
 * for ":year" YYYY; the year 1000-9999 (so 2026-13, 0000-00 and 2026-02-30
 * are Unassigned, not months of their own). */
const char *vpc_date_part(const char *s, const char *colon, char *buf)
{
	size_t want = strcmp(colon, ":month") == 0 ? 7 : 4;
	if (!s)
		return VP_UNASSIGNED;
	size_t n = strlen(s);
	for (size_t i = 0; i < 4; i++)
		if (i >= n || !isdigit((unsigned char)s[i]))
			return VP_UNASSIGNED;
	if (s[0] == '0')
		return VP_UNASSIGNED; /* year 0000-0999 */
	if (n > 4 && s[4] == '-') {
		if (n < 7 || !isdigit((unsigned char)s[5]) || !isdigit((unsigned char)s[6]))
			return VP_UNASSIGNED;
		int m = (s[5] - '0') * 10 + (s[6] - '0');
		if (m < 1 || m > 12)
			return VP_UNASSIGNED;
		if (n > 7 && s[7] == '-') {
			char iso[11];
			if (n < 10 || vp_date_read(s, 10, VP_DATE_YMD, iso) != VP_DATE_OK)
				return VP_UNASSIGNED;
		}
	} else if (want == 7 || (n > 4 && isdigit((unsigned char)s[4]))) {
		return VP_UNASSIGNED;
	}
	memcpy(buf, s, want);
	buf[want] = '\0';
	return buf;
}

static const char *level_value(const json_t *rec, int level, char *buf, size_t bufsz)
{
	return value_name(json_object_get(rec, vpc_level_names[level]), buf, bufsz);
}

/* ---- counting -------------------------------------------------------- */

int vpc_rt_push(vp_count *c, size_t idx, const char *name, double score)
{
	for (size_t i = 0; i < c->nrt; i++)
		if (c->rt[i].idx == idx) {
			if (score > c->rt[i].score)
				c->rt[i].score = score;
			return 0;
		}
	if (c->nrt == c->rtalloc) {
		size_t alloc = c->rtalloc ? c->rtalloc * 2 : 16;
		struct rtheme *p = realloc(c->rt, alloc * sizeof *p);
		if (!p)
			return -1;
		c->rt = p;
		c->rtalloc = alloc;
	}
	c->rt[c->nrt++] = (struct rtheme){idx, name, score};
	return 0;
}

/* Is a a proper ancestor of b ("transport" of "transport/parking")? */
static int is_ancestor(const char *a, const char *b)
{
	size_t n = strlen(a);
	return strncmp(a, b, n) == 0 && b[n] == '/';
}

/* The record's home theme for quoting: among its most specific themes
 * (those with no child theme in the record), the highest score, then the
 * first name.  The record is quoted only for that theme and the ancestors
 * of it the record carries, so one comment never stands for unrelated
 * themes in the same group.  Returns an index into c->rt. */
static size_t home_theme(const vp_count *c)
{
	size_t best = (size_t)-1;
	for (size_t i = 0; i < c->nrt; i++) {
		int specific = 1;
		for (size_t j = 0; j < c->nrt && specific; j++)
			if (j != i && is_ancestor(c->rt[i].name, c->rt[j].name))
				specific = 0;
		if (!specific)
			continue;
		if (best == (size_t)-1 || c->rt[i].score > c->rt[best].score ||
		    (c->rt[i].score == c->rt[best].score &&
		     strcmp(c->rt[i].name, c->rt[best].name) < 0))
			best = i;
	}
	return best;
}

/* Read the record's themes into c->rt (deduplicated). */
static int read_themes(vp_count *c, const json_t *rec, vp_err *e)
{
	c->nrt = 0;
	const json_t *themes = json_object_get(rec, "themes");
	if (!themes || json_is_null(themes))
		return vp_errf(e, EX_DATAERR, "no \"themes\": run vp-tag first");
	if (!json_is_array(themes))
		return vp_errf(e, EX_DATAERR, "\"themes\" is not an array");
	size_t i;
	const json_t *t;
	json_array_foreach(themes, i, t) {
		const char *name = json_is_string(t) ? json_string_value(t)
		                 : json_string_value(json_object_get(t, "theme"));
		if (!name)
			return vp_errf(e, EX_DATAERR, "themes[%zu] has no \"theme\" name", i);
		if (!*name)
			return vp_errf(e, EX_DATAERR, "themes[%zu] has an empty theme name", i);
		if (vpc_nul_in(json_is_string(t) ? t : json_object_get(t, "theme")))
			return vp_errf(e, EX_DATAERR, "themes[%zu]: NUL (\\u0000) in the theme name", i);
		size_t idx = vpc_tmap_intern(&c->themes, name);
		if (idx == (size_t)-1)
			return vp_errf(e, EX_OSERR, "out of memory");
		double score = c->o.quotes ? vp_count_score(rec, t) : 0;
		if (vpc_rt_push(c, idx, c->themes.name[idx], score) != 0)
			return vp_errf(e, EX_OSERR, "out of memory");
	}
	return 0;
}


/* Offer the record as a quote for its home theme and that theme's ancestors in g. */
static int quote_record(vp_count *c, struct group *g, const struct view *v, size_t home,
                        int *redacted)
{
	if (!v->text)
		return 0;
	const char *home_name = c->rt[home].name;
	for (size_t i = 0; i < c->nrt; i++) {
		struct rtheme *t = &c->rt[i];
		if (i != home && !is_ancestor(t->name, home_name))
			continue;
		struct qlist *l = &g->quotes[t->idx];
		if (!quote_may_enter(c, l, t->score, v->id))
			continue;
		if (!*redacted) {
			vp_buf_clear(&c->redacted);
			if (vp_redact(v->text, strlen(v->text), &c->redacted) != 0 ||
			    vp_buf_putc(&c->redacted, 0) != 0)
				return -1;
			c->redacted.len--;
			if (c->redacted.len > VP_QUOTE_MAX_BYTES) {
				/* cut at a UTF-8 character boundary, mark the cut */
				size_t cut = VP_QUOTE_MAX_BYTES;
				while (cut > 0 && ((unsigned char)c->redacted.data[cut] & 0xC0) == 0x80)
					cut--;
				c->redacted.len = cut;
				if (vp_buf_puts(&c->redacted, "\xE2\x80\xA6") != 0)
					return -1;
			}
			*redacted = 1;
		}
		if (vpc_quote_offer(c, l, t->score, v->id, c->redacted.data) != 0)
			return -1;
	}
	return 0;
}

static int count_in(vp_count *c, struct group *g, const struct view *v, size_t home,
                    int *redacted)
{
	if (vpc_group_fit(c, g) != 0)
		return -1;
	g->records++;
	if (!c->nrt)
		g->untagged++;
	for (size_t i = 0; i < c->nrt; i++)
		g->counts[c->rt[i].idx]++;
	if (c->o.quotes && home != (size_t)-1)
		return quote_record(c, g, v, home, redacted);
	return 0;
}

/* Count the record described by v, its themes being in c->rt. */
/* A group name as it may appear in the output: a raw locality or --by value
 * can hold a full postcode, e-mail or phone number, which are masked like
 * quotes.  Returns name itself, or the masked copy in b; NULL when out of memory. */
static const char *safe_name(const char *name, vp_buf *b)
{
	if (!strpbrk(name, "0123456789@"))
		return name; /* nothing to mask without a digit or an @ */
	vp_buf_clear(b);
	if (vp_redact(name, strlen(name), b) || vp_buf_putc(b, 0))
		return NULL;
	return b->data;
}

int vpc_count_view(vp_count *c, const struct view *v, vp_err *e)
{
	/* Find every group first, so a failure leaves no partial count. */
	struct group *gs[5];
	size_t ng = 0;
	const char *name;
	gs[ng++] = &c->total;
	if (!(name = safe_name(v->flat, &c->redacted)))
		return vp_errf(e, EX_OSERR, "out of memory");
	if (!(gs[ng++] = vpc_gmap_get(c, &c->flat, name, e)))
		return e->code;
	if (c->o.nested && !c->o.by) {
		struct gmap *m = &c->total.children;
		for (int lv = VP_LEVEL_SYSTEM; lv >= VP_LEVEL_LOCALITY; lv--) {
			if (!(name = safe_name(v->level[lv], &c->redacted)))
				return vp_errf(e, EX_OSERR, "out of memory");
			struct group *g = vpc_gmap_get(c, m, name, e);
			if (!g)
				return e->code;
			gs[ng++] = g;
			m = &g->children;
		}
	}
	size_t home = c->o.quotes ? home_theme(c) : (size_t)-1;
	int redacted = 0;
	for (size_t i = 0; i < ng; i++)
		if (count_in(c, gs[i], v, home, &redacted) != 0)
			return vp_errf(e, EX_OSERR, "out of memory");
	return 0;
}

int vp_count_add(vp_count *c, const json_t *rec, vp_err *e)
{
	int rc = read_themes(c, rec, e);
	if (rc)
		return rc;
	/* a NUL would cut a name short: refuse the record rather than count
	 * it under another name */
	const char *nul = NULL;
	if (c->o.by ? vpc_nul_in(by_value(c, rec))
	            : vpc_nul_in(json_object_get(rec, vpc_level_names[c->o.level])))
		nul = c->o.by ? c->o.by : vpc_level_names[c->o.level];
	for (int lv = 0; !nul && c->o.nested && !c->o.by && lv < 3; lv++)
		if (vpc_nul_in(json_object_get(rec, vpc_level_names[lv])))
			nul = vpc_level_names[lv];
	if (!nul && vpc_nul_in(json_object_get(rec, "id")) && c->o.quotes)
		nul = "id";
	if (!nul && vpc_nul_in(json_object_get(rec, "text")) && c->o.quotes)
		nul = "text";
	if (nul)
		return vp_errf(e, EX_DATAERR, "NUL (\\u0000) in \"%s\"", nul);
	struct view v = {0};
	char buf[5][64];
	v.flat = c->o.by ? by_name(c, rec, buf[3], sizeof buf[3])
	                 : level_value(rec, c->o.level, buf[3], sizeof buf[3]);
	if (c->o.nested && !c->o.by)
		for (int lv = VP_LEVEL_LOCALITY; lv <= VP_LEVEL_SYSTEM; lv++)
			v.level[lv] = level_value(rec, lv, buf[lv], sizeof buf[lv]);
	if (c->o.quotes) {
		v.id = value_name(json_object_get(rec, "id"), buf[4], sizeof buf[4]);
		v.text = json_string_value(json_object_get(rec, "text"));
	}
	return vpc_count_view(c, &v, e);
}
