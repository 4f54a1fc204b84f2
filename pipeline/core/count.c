/* count.c - see include/voxpop/count.h */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/buf.h"
#include "voxpop/count.h"
#include "voxpop/redact.h"

struct quote {
	char *id;
	char *text;
	double score;
};

/* Best-first list of at most c->nquotes quotes for one theme in one group. */
struct qlist {
	size_t n;
	struct quote *q;
};

struct group;

/* Open-addressing map name -> group. */
struct gmap {
	struct group **slot;
	size_t cap, n;
};

struct group {
	char *name;
	unsigned long records, untagged;
	unsigned long *counts;  /* by theme index, ncounts long */
	struct qlist *quotes;   /* by theme index, ncounts long, when quoting */
	size_t ncounts;
	struct gmap children;   /* nested levels only */
};

/* Theme names interned to small indices. */
struct tmap {
	char **name;
	size_t n, alloc;
	size_t *slot;  /* index + 1, 0 = empty */
	size_t cap;
};

/* One theme of the record being counted. */
struct rtheme {
	size_t idx;
	const char *name;
	double score;
};

struct ftheme;

struct vp_count {
	vp_count_opts o;
	char by[256];
	unsigned long rejected;
	size_t ngroups;
	struct tmap themes;
	struct group total;
	struct gmap flat;  /* localities at the chosen level, or --by groups */
	/* scratch for one record */
	struct rtheme *rt;
	size_t nrt, rtalloc;
	vp_buf redacted;
	/* scratch for the fast path */
	struct ftheme *ft;
	size_t ftalloc;
	vp_buf fb[7];
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* ---- themes ---------------------------------------------------------- */

static int tmap_grow(struct tmap *t)
{
	size_t cap = t->cap ? t->cap * 2 : 64;
	size_t *slot = calloc(cap, sizeof *slot);
	if (!slot)
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		size_t h = hash_str(t->name[i]) & (cap - 1);
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
static size_t tmap_intern(struct tmap *t, const char *name)
{
	if ((t->n + 1) * 2 > t->cap && tmap_grow(t) != 0)
		return (size_t)-1;
	size_t h = hash_str(name) & (t->cap - 1);
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
		size_t h = hash_str(m->slot[i]->name) & (cap - 1);
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
static struct group *gmap_get(vp_count *c, struct gmap *m, const char *name, vp_err *e)
{
	if ((m->n + 1) * 2 > m->cap && gmap_grow(m) != 0) {
		vp_errf(e, EX_OSERR, "out of memory");
		return NULL;
	}
	size_t h = hash_str(name) & (m->cap - 1);
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
static int group_fit(vp_count *c, struct group *g)
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
static int quote_offer(const vp_count *c, struct qlist *l, double score, const char *id,
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

static double round_to(double x, double scale)
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
static double score_of(size_t spans, size_t hits, size_t tokens, const char *text)
{
	if (!spans)
		spans = hits ? hits : 1;
	if (!tokens)
		tokens = text ? count_words(text) : 0;
	if (!tokens)
		tokens = 1;
	return round_to((double)spans / (double)tokens, 1e6);
}

double vp_count_score(const json_t *rec, const json_t *theme_entry)
{
	size_t spans = 0, hits = 0;
	if (json_is_object(theme_entry)) {
		spans = json_array_size(json_object_get(theme_entry, "spans"));
		hits = json_array_size(json_object_get(theme_entry, "hits"));
	}
	return score_of(spans, hits, json_array_size(json_object_get(rec, "tokens")),
	                json_string_value(json_object_get(rec, "text")));
}

/* ---- options --------------------------------------------------------- */

static const char *const level_names[] = {"locality", "place", "system"};

int vp_level_parse(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(s, level_names[i]) == 0)
			return i;
	return -1;
}

const char *vp_level_name(int level)
{
	return level >= 0 && level < 3 ? level_names[level] : "?";
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
	free(c->ft);
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
static const char *string_name(const char *s)
{
	for (const char *p = s; *p; p++)
		if (!isspace((unsigned char)*p))
			return s;
	return VP_UNASSIGNED;
}

static const char *value_name(const json_t *v, char *buf, size_t bufsz)
{
	if (json_is_string(v))
		return string_name(json_string_value(v));
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

static const char *date_part(const char *s, const char *colon, char *buf);

/* Name of rec's group under the --by spec. */
static const char *by_name(const vp_count *c, const json_t *rec, char *buf, size_t bufsz)
{
	char field[256];
	const char *colon = strchr(c->by, ':');
	size_t flen = colon ? (size_t)(colon - c->by) : strlen(c->by);
	memcpy(field, c->by, flen);
	field[flen] = '\0';
	const json_t *v;
	if (strncmp(field, "fields.", 7) == 0)
		v = json_object_get(json_object_get(rec, "fields"), field + 7);
	else
		v = json_object_get(rec, field);
	if (!colon)
		return value_name(v, buf, bufsz);
	return date_part(json_string_value(v), colon, buf);
}

/* The ":month" (YYYY-MM) or ":year" part of an ISO date s, in buf (>= 8 bytes). */
static const char *date_part(const char *s, const char *colon, char *buf)
{
	size_t want = strcmp(colon, ":month") == 0 ? 7 : 4;
	if (!s || strlen(s) < want)
		return VP_UNASSIGNED;
	for (size_t i = 0; i < want; i++) {
		if (i == 4 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return VP_UNASSIGNED;
	}
	if (want == 7 && !(s[5] == '0' || s[5] == '1'))
		return VP_UNASSIGNED;
	memcpy(buf, s, want);
	buf[want] = '\0';
	return buf;
}

static const char *level_value(const json_t *rec, int level, char *buf, size_t bufsz)
{
	return value_name(json_object_get(rec, level_names[level]), buf, bufsz);
}

/* ---- counting -------------------------------------------------------- */

static int rt_push(vp_count *c, size_t idx, const char *name, double score)
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
		return 0;
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
		size_t idx = tmap_intern(&c->themes, name);
		if (idx == (size_t)-1)
			return vp_errf(e, EX_OSERR, "out of memory");
		double score = c->o.quotes ? vp_count_score(rec, t) : 0;
		if (rt_push(c, idx, c->themes.name[idx], score) != 0)
			return vp_errf(e, EX_OSERR, "out of memory");
	}
	return 0;
}

/* What counting needs from one record, whichever way it was read. */
struct view {
	const char *flat;      /* its group under --by / --level */
	const char *level[3];  /* locality, place, system names (nested only) */
	const char *id;        /* for quotes */
	const char *text;      /* for quotes; NULL: none */
};

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
		if (quote_offer(c, l, t->score, v->id, c->redacted.data) != 0)
			return -1;
	}
	return 0;
}

static int count_in(vp_count *c, struct group *g, const struct view *v, size_t home,
                    int *redacted)
{
	if (group_fit(c, g) != 0)
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
static int count_view(vp_count *c, const struct view *v, vp_err *e)
{
	/* Find every group first, so a failure leaves no partial count. */
	struct group *gs[5];
	size_t ng = 0;
	gs[ng++] = &c->total;
	if (!(gs[ng++] = gmap_get(c, &c->flat, v->flat, e)))
		return e->code;
	if (c->o.nested && !c->o.by) {
		struct gmap *m = &c->total.children;
		for (int lv = VP_LEVEL_SYSTEM; lv >= VP_LEVEL_LOCALITY; lv--) {
			struct group *g = gmap_get(c, m, v->level[lv], e);
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
	return count_view(c, &v, e);
}

/* ---- fast path: count straight from the NDJSON line -------------------
 *
 * Parsing every record into jansson objects costs ten times more than the
 * counting itself, and counting needs a handful of members.  The scanner
 * below validates the whole line as JSON and notes where those members are;
 * anything it is not sure jansson would read the same way (escaped keys,
 * \u0000, surrogate escapes, huge numbers, deep nesting, unexpected types)
 * makes it give up, and the caller parses the line with jansson instead, so
 * both paths always agree (tests/unit/test_count.c checks that they do).
 */

struct span {
	const char *p;  /* string contents (without quotes), or the value */
	size_t n;
	int kind;       /* 0 absent, 's' string, 'n' null, 'x' array/object */
	int esc;        /* string has escapes */
};

struct ftheme {
	struct span name;
	size_t hits, spans;
};

struct fscan {
	const char *p, *end;
	int depth;
};

enum { SCAN_MAX_DEPTH = 64 };

static void sc_ws(struct fscan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

static int sc_peek(struct fscan *s)
{
	return s->p < s->end ? (unsigned char)*s->p : -1;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Length of the valid UTF-8 sequence at p (lead byte >= 0x80), or 0. */
static size_t utf8_seq(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0];
	size_t n;
	unsigned lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if ((size_t)(end - p) < n || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	return n;
}

/* A string at s->p (which is '"'). */
static int sc_string(struct fscan *s, struct span *out)
{
	const unsigned char *p = (const unsigned char *)s->p + 1;
	const unsigned char *end = (const unsigned char *)s->end;
	int esc = 0;
	for (;;) {
		while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
			p++;
		if (p >= end || *p < 0x20)
			return -1;
		if (*p == '"')
			break;
		if (*p == '\\') {
			esc = 1;
			if (p + 1 >= end)
				return -1;
			switch (p[1]) {
			case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
				p += 2;
				continue;
			case 'u': {
				if (end - p < 6)
					return -1;
				int v = 0;
				for (int i = 2; i < 6; i++) {
					int h = hexval(p[i]);
					if (h < 0)
						return -1;
					v = v * 16 + h;
				}
				if (v == 0 || (v >= 0xD800 && v <= 0xDFFF))
					return -1; /* NUL or surrogates: leave to jansson */
				p += 6;
				continue;
			}
			default:
				return -1;
			}
		}
		size_t n = utf8_seq(p, end);
		if (!n)
			return -1;
		p += n;
	}
	if (out)
		*out = (struct span){s->p + 1, (size_t)((const char *)p - s->p - 1), 's', esc};
	s->p = (const char *)p + 1;
	return 0;
}

static int sc_number(struct fscan *s)
{
	const char *p = s->p;
	if (p < s->end && *p == '-')
		p++;
	const char *d = p;
	while (p < s->end && isdigit((unsigned char)*p))
		p++;
	size_t nd = (size_t)(p - d);
	if (nd == 0 || nd > 18 || (nd > 1 && *d == '0'))
		return -1; /* big numbers: jansson decides whether they overflow */
	if (p < s->end && *p == '.') {
		const char *f = ++p;
		while (p < s->end && isdigit((unsigned char)*p))
			p++;
		if (p == f)
			return -1;
	}
	if (p < s->end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < s->end && (*p == '+' || *p == '-'))
			p++;
		const char *x = p;
		while (p < s->end && isdigit((unsigned char)*p))
			p++;
		if (p == x || p - x > 2)
			return -1;
	}
	s->p = p;
	return 0;
}

static int sc_literal(struct fscan *s, const char *lit)
{
	size_t n = strlen(lit);
	if ((size_t)(s->end - s->p) < n || memcmp(s->p, lit, n) != 0)
		return -1;
	s->p += n;
	return 0;
}

static int sc_value(struct fscan *s);

/* Walk an array at s->p ('['), calling each element through sc_value; *n gets the count. */
static int sc_array(struct fscan *s, size_t *n)
{
	size_t k = 0;
	if (++s->depth > SCAN_MAX_DEPTH)
		return -1;
	s->p++;
	sc_ws(s);
	if (sc_peek(s) == ']') {
		s->p++;
	} else {
		for (;;) {
			if (sc_value(s))
				return -1;
			k++;
			sc_ws(s);
			int c = sc_peek(s);
			if (c < 0)
				return -1;
			s->p++;
			if (c == ']')
				break;
			if (c != ',')
				return -1;
			sc_ws(s);
		}
	}
	s->depth--;
	if (n)
		*n = k;
	return 0;
}

/* One member key and the ':' after it; *key gets the key. */
static int sc_key(struct fscan *s, struct span *key)
{
	if (sc_peek(s) != '"' || sc_string(s, key))
		return -1;
	sc_ws(s);
	if (sc_peek(s) != ':')
		return -1;
	s->p++;
	sc_ws(s);
	return 0;
}

/* After a member: ',' (returns 1, more follow) or '}' (returns 0). */
static int sc_next_member(struct fscan *s)
{
	sc_ws(s);
	int c = sc_peek(s);
	if (c < 0)
		return -1;
	s->p++;
	if (c == ',') {
		sc_ws(s);
		return 1;
	}
	return c == '}' ? 0 : -1;
}

static int sc_object(struct fscan *s)
{
	if (++s->depth > SCAN_MAX_DEPTH)
		return -1;
	s->p++;
	sc_ws(s);
	if (sc_peek(s) == '}') {
		s->p++;
	} else {
		int more;
		do {
			if (sc_key(s, NULL) || sc_value(s))
				return -1;
		} while ((more = sc_next_member(s)) == 1);
		if (more < 0)
			return -1;
	}
	s->depth--;
	return 0;
}

static int sc_value(struct fscan *s)
{
	switch (sc_peek(s)) {
	case '"': return sc_string(s, NULL);
	case '{': return sc_object(s);
	case '[': return sc_array(s, NULL);
	case 't': return sc_literal(s, "true");
	case 'f': return sc_literal(s, "false");
	case 'n': return sc_literal(s, "null");
	default: return sc_number(s);
	}
}

static int key_is(const struct span *k, const char *name, size_t n)
{
	return k->n == n && memcmp(k->p, name, n) == 0;
}

/* A value counting needs as a name: string or null; other scalars are left
 * to jansson (they are printed), arrays and objects give Unassigned. */
static int sc_name_value(struct fscan *s, struct span *out)
{
	int c = sc_peek(s);
	if (c == '"')
		return sc_string(s, out);
	if (c == 'n') {
		*out = (struct span){0, 0, 'n', 0};
		return sc_literal(s, "null");
	}
	if (c == '[' || c == '{') {
		*out = (struct span){0, 0, 'x', 0};
		return sc_value(s);
	}
	return -1;
}

/* The "themes" array: [{"theme": "...", "hits": [...], "spans": [...]}, "name", ...] */
static int sc_themes(vp_count *c, struct fscan *s, size_t *nthemes)
{
	*nthemes = 0;
	if (sc_peek(s) == 'n')
		return sc_literal(s, "null");
	if (sc_peek(s) != '[')
		return -1;
	s->p++;
	sc_ws(s);
	if (sc_peek(s) == ']') {
		s->p++;
		return 0;
	}
	for (;;) {
		if (*nthemes == c->ftalloc) {
			size_t n = c->ftalloc ? c->ftalloc * 2 : 16;
			struct ftheme *p = realloc(c->ft, n * sizeof *p);
			if (!p)
				return -1;
			c->ft = p;
			c->ftalloc = n;
		}
		struct ftheme *t = &c->ft[(*nthemes)++];
		memset(t, 0, sizeof *t);
		int ch = sc_peek(s);
		if (ch == '"') {
			if (sc_string(s, &t->name))
				return -1;
		} else if (ch == '{') {
			s->p++;
			sc_ws(s);
			if (sc_peek(s) == '}')
				return -1; /* no theme name: jansson path reports it */
			int more;
			do {
				struct span k;
				if (sc_key(s, &k) || k.esc)
					return -1;
				if (key_is(&k, "theme", 5)) {
					if (sc_peek(s) != '"' || sc_string(s, &t->name))
						return -1;
				} else if (key_is(&k, "hits", 4) || key_is(&k, "spans", 5)) {
					size_t n = 0;
					if (sc_peek(s) == '[' ? sc_array(s, &n) : sc_value(s))
						return -1;
					*(k.n == 4 ? &t->hits : &t->spans) = n;
				} else if (sc_value(s)) {
					return -1;
				}
			} while ((more = sc_next_member(s)) == 1);
			if (more < 0 || t->name.kind != 's')
				return -1;
		} else {
			return -1;
		}
		if (t->name.n == 0)
			return -1;
		sc_ws(s);
		ch = sc_peek(s);
		if (ch < 0)
			return -1;
		s->p++;
		if (ch == ']')
			return 0;
		if (ch != ',')
			return -1;
		sc_ws(s);
	}
}

/* Decode a scanned string span into b (NUL-terminated).  0 or -1 (OOM). */
static int span_decode(const struct span *sp, vp_buf *b)
{
	vp_buf_clear(b);
	if (!sp->esc)
		return vp_buf_append(b, sp->p, sp->n) || vp_buf_putc(b, 0) ? -1 : 0;
	const char *p = sp->p, *end = sp->p + sp->n;
	while (p < end) {
		if (*p != '\\') {
			if (vp_buf_putc(b, *p++))
				return -1;
			continue;
		}
		char ch = p[1];
		p += 2;
		int rc = 0;
		switch (ch) {
		case 'b': rc = vp_buf_putc(b, '\b'); break;
		case 'f': rc = vp_buf_putc(b, '\f'); break;
		case 'n': rc = vp_buf_putc(b, '\n'); break;
		case 'r': rc = vp_buf_putc(b, '\r'); break;
		case 't': rc = vp_buf_putc(b, '\t'); break;
		case 'u': {
			unsigned v = 0;
			for (int i = 0; i < 4; i++)
				v = v * 16 + (unsigned)hexval(p[i]);
			p += 4;
			char u[3];
			size_t n;
			if (v < 0x80) {
				u[0] = (char)v;
				n = 1;
			} else if (v < 0x800) {
				u[0] = (char)(0xC0 | (v >> 6));
				u[1] = (char)(0x80 | (v & 0x3F));
				n = 2;
			} else {
				u[0] = (char)(0xE0 | (v >> 12));
				u[1] = (char)(0x80 | ((v >> 6) & 0x3F));
				u[2] = (char)(0x80 | (v & 0x3F));
				n = 3;
			}
			rc = vp_buf_append(b, u, n);
			break;
		}
		default: rc = vp_buf_putc(b, ch); break; /* " \ / */
		}
		if (rc)
			return -1;
	}
	return vp_buf_putc(b, 0);
}

/* The group name for a scanned name value; sp decoded into b when a string. */
static int span_name(const struct span *sp, vp_buf *b, const char *suffix, char *dbuf,
                     const char **out)
{
	if (sp->kind != 's') {
		*out = VP_UNASSIGNED;
		return 0;
	}
	if (span_decode(sp, b))
		return -1;
	*out = suffix ? date_part(b->data, suffix, dbuf) : string_name(b->data);
	return 0;
}

int vp_count_add_line(vp_count *c, const char *line, size_t len, vp_err *e)
{
	struct fscan s = {line, line + len, 0};
	/* what to pick out: the grouping field(s), themes, tokens, text, id */
	char field[256];
	const char *suffix = NULL, *sub = NULL;
	size_t flen, sublen = 0;
	if (c->o.by) {
		suffix = strchr(c->o.by, ':');
		flen = suffix ? (size_t)(suffix - c->o.by) : strlen(c->o.by);
		memcpy(field, c->o.by, flen);
		field[flen] = '\0';
		if (strncmp(field, "fields.", 7) == 0) {
			sub = field + 7;
			sublen = flen - 7;
			memcpy(field, "fields", 7);
			flen = 6;
		}
	} else {
		flen = strlen(level_names[c->o.level]);
		memcpy(field, level_names[c->o.level], flen + 1);
	}
	if (!sub && (strcmp(field, "themes") == 0 || strcmp(field, "tokens") == 0 ||
	             strcmp(field, "text") == 0 || strcmp(field, "id") == 0))
		return 0; /* grouping by a member read for another purpose: rare, use jansson */
	int nested = c->o.nested && !c->o.by;
	struct span group = {0}, lv[3] = {{0}}, text = {0}, id = {0};
	size_t nthemes = 0, ntokens = 0;
	int have_themes = 0;

	sc_ws(&s);
	if (sc_peek(&s) != '{')
		return 0;
	s.p++;
	sc_ws(&s);
	if (sc_peek(&s) == '}') {
		s.p++;
	} else {
		int more;
		do {
			struct span k;
			if (sc_key(&s, &k) || k.esc)
				return 0;
			int rc;
			if (key_is(&k, "themes", 6)) {
				rc = sc_themes(c, &s, &nthemes);
				have_themes = 1;
			} else if (key_is(&k, "tokens", 6)) {
				ntokens = 0;
				rc = sc_peek(&s) == '[' ? sc_array(&s, &ntokens) : sc_value(&s);
			} else if (key_is(&k, "text", 4)) {
				text = (struct span){0};
				rc = sc_peek(&s) == '"' ? sc_string(&s, &text) : sc_value(&s);
			} else if (key_is(&k, "id", 2)) {
				rc = sc_name_value(&s, &id);
			} else if (sub && key_is(&k, field, flen)) {
				/* "fields": {... NAME: value ...} */
				group = (struct span){0};
				if (sc_peek(&s) != '{') {
					rc = sc_value(&s);
				} else {
					s.p++;
					sc_ws(&s);
					rc = 0;
					if (sc_peek(&s) == '}') {
						s.p++;
					} else {
						int m;
						do {
							struct span fk;
							if (sc_key(&s, &fk) || fk.esc)
								return 0;
							if (key_is(&fk, sub, sublen))
								rc = sc_name_value(&s, &group);
							else
								rc = sc_value(&s);
						} while (!rc && (m = sc_next_member(&s)) == 1);
						if (!rc && m < 0)
							rc = -1;
					}
				}
			} else if (!sub && key_is(&k, field, flen)) {
				rc = sc_name_value(&s, &group);
				if (!rc && nested)
					lv[c->o.level] = group;
			} else if (nested && key_is(&k, "locality", 8)) {
				rc = sc_name_value(&s, &lv[VP_LEVEL_LOCALITY]);
			} else if (nested && key_is(&k, "place", 5)) {
				rc = sc_name_value(&s, &lv[VP_LEVEL_PLACE]);
			} else if (nested && key_is(&k, "system", 6)) {
				rc = sc_name_value(&s, &lv[VP_LEVEL_SYSTEM]);
			} else {
				rc = sc_value(&s);
			}
			if (rc)
				return 0;
		} while ((more = sc_next_member(&s)) == 1);
		if (more < 0)
			return 0;
	}
	sc_ws(&s);
	if (s.p != s.end)
		return 0;
	if (!have_themes)
		nthemes = 0;

	/* A valid record: decode what is needed and count it. */
	struct view v = {0};
	char dbuf[16];
	if (span_name(&group, &c->fb[0], suffix, dbuf, &v.flat))
		return vp_errf(e, EX_OSERR, "out of memory");
	if (nested)
		for (int l = 0; l < 3; l++)
			if (span_name(&lv[l], &c->fb[1 + l], NULL, NULL, &v.level[l]))
				return vp_errf(e, EX_OSERR, "out of memory");
	if (c->o.quotes) {
		if (span_name(&id, &c->fb[4], NULL, NULL, &v.id) ||
		    (text.kind == 's' && span_decode(&text, &c->fb[5])))
			return vp_errf(e, EX_OSERR, "out of memory");
		v.text = text.kind == 's' ? c->fb[5].data : NULL;
	}
	c->nrt = 0;
	for (size_t i = 0; i < nthemes; i++) {
		struct ftheme *t = &c->ft[i];
		if (span_decode(&t->name, &c->fb[6]))
			return vp_errf(e, EX_OSERR, "out of memory");
		if (strlen(c->fb[6].data) != c->fb[6].len - 1)
			return 0; /* cannot happen (\u0000 left to jansson), but be sure */
		size_t idx = tmap_intern(&c->themes, c->fb[6].data);
		if (idx == (size_t)-1)
			return vp_errf(e, EX_OSERR, "out of memory");
		double score = c->o.quotes ? score_of(t->spans, t->hits, ntokens, v.text) : 0;
		if (rt_push(c, idx, c->themes.name[idx], score) != 0)
			return vp_errf(e, EX_OSERR, "out of memory");
	}
	int rc = count_view(c, &v, e);
	return rc ? rc : 1;
}

/* ---- output ---------------------------------------------------------- */

static const char *const child_key[] = {"systems", "places", "localities"};

static int set_new(json_t *obj, const char *key, json_t *v)
{
	return v ? json_object_set_new(obj, key, v) : -1;
}

static json_t *group_json(const vp_count *c, const struct group *g, int depth)
{
	json_t *o = json_object(), *themes = json_object();
	if (!o || !themes)
		goto fail;
	if (set_new(o, "records", json_integer((json_int_t)g->records)) ||
	    set_new(o, "untagged", json_integer((json_int_t)g->untagged)))
		goto fail;
	for (size_t t = 0; t < g->ncounts && t < c->themes.n; t++) {
		if (!g->counts[t])
			continue;
		json_t *te = json_object();
		if (set_new(themes, c->themes.name[t], te) ||
		    set_new(te, "records", json_integer((json_int_t)g->counts[t])) ||
		    set_new(te, "share", json_real(round_to((double)g->counts[t] /
		                                             (double)g->records, 1e4))))
			goto fail;
		if (!c->o.quotes)
			continue;
		json_t *qs = json_array();
		if (set_new(te, "quotes", qs))
			goto fail;
		for (size_t i = 0; i < g->quotes[t].n; i++) {
			const struct quote *q = &g->quotes[t].q[i];
			json_t *qo = json_object();
			if (json_array_append_new(qs, qo) || !qo ||
			    set_new(qo, "id", json_string(q->id)) ||
			    set_new(qo, "score", json_real(q->score)) ||
			    set_new(qo, "text", json_string(q->text)))
				goto fail;
		}
	}
	if (json_object_set_new(o, "themes", themes)) {
		themes = NULL;
		goto fail;
	}
	themes = NULL;
	if (depth >= 0 && depth < 3 && c->o.nested) {
		json_t *kids = json_object();
		if (set_new(o, child_key[depth], kids))
			goto fail;
		for (size_t i = 0; i < g->children.cap; i++) {
			const struct group *k = g->children.slot[i];
			if (k && set_new(kids, k->name, group_json(c, k, depth + 1)))
				goto fail;
		}
	}
	return o;
fail:
	json_decref(themes);
	json_decref(o);
	return NULL;
}

json_t *vp_count_json(const vp_count *c)
{
	json_t *doc = json_object(), *groups = json_object();
	if (!doc || !groups)
		goto fail;
	if (set_new(doc, "records", json_integer((json_int_t)c->total.records)) ||
	    set_new(doc, "rejected", json_integer((json_int_t)c->rejected)))
		goto fail;
	if (c->o.by) {
		if (set_new(doc, "by", json_string(c->o.by)))
			goto fail;
	} else if (set_new(doc, "level", json_string(vp_level_name(c->o.level)))) {
		goto fail;
	}
	if (c->o.quotes &&
	    set_new(doc, "quotes_per_theme", json_integer((json_int_t)c->o.quotes)))
		goto fail;
	for (size_t i = 0; i < c->flat.cap; i++) {
		const struct group *g = c->flat.slot[i];
		if (g && set_new(groups, g->name, group_json(c, g, -1)))
			goto fail;
	}
	if (json_object_set_new(doc, c->o.by ? "groups" : "localities", groups)) {
		groups = NULL;
		goto fail;
	}
	groups = NULL;
	json_t *total = group_json(c, &c->total, c->o.nested && !c->o.by ? 0 : -1);
	if (!total)
		goto fail;
	json_t *systems = json_object_get(total, "systems");
	if (systems) {
		/* the tree hangs off the document, not off "total" */
		if (json_object_set(doc, "systems", systems) ||
		    json_object_del(total, "systems")) {
			json_decref(total);
			goto fail;
		}
	}
	if (set_new(doc, "total", total))
		goto fail;
	return doc;
fail:
	json_decref(groups);
	json_decref(doc);
	return NULL;
}

struct dump_ctx {
	FILE *out;
	int failed;
};

static int dump_cb(const char *buf, size_t size, void *data)
{
	struct dump_ctx *d = data;
	if (fwrite(buf, 1, size, d->out) != size) {
		d->failed = 1;
		return -1;
	}
	return 0;
}

int vp_count_write(FILE *out, const json_t *doc, vp_err *e)
{
	struct dump_ctx d = {out, 0};
	errno = 0;
	if (json_dump_callback(doc, dump_cb, &d,
	                       JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(10)) != 0 ||
	    d.failed || putc('\n', out) == EOF) {
		if (d.failed || ferror(out))
			return vp_errf(e, EX_IOERR, "write error: %s", strerror(errno ? errno : EIO));
		return vp_errf(e, EX_SOFTWARE, "cannot encode the counts as JSON");
	}
	return 0;
}

/* ---- merging --------------------------------------------------------- */

int vp_count_doc_opts(const json_t *doc, vp_count_opts *o, char *bybuf, size_t bysz,
                      vp_err *e)
{
	memset(o, 0, sizeof *o);
	if (!json_is_object(doc))
		return vp_errf(e, EX_DATAERR, "not a vp-count document (not a JSON object)");
	const char *by = json_string_value(json_object_get(doc, "by"));
	const char *level = json_string_value(json_object_get(doc, "level"));
	if (by) {
		if (vp_count_by_parse(by, bybuf, bysz) != 0)
			return vp_errf(e, EX_DATAERR, "bad \"by\": \"%s\"", by);
		o->by = bybuf;
		if (!json_is_object(json_object_get(doc, "groups")))
			return vp_errf(e, EX_DATAERR, "not a vp-count document (no \"groups\")");
	} else if (level) {
		o->level = vp_level_parse(level);
		if (o->level < 0)
			return vp_errf(e, EX_DATAERR, "bad \"level\": \"%s\"", level);
		if (!json_is_object(json_object_get(doc, "localities")))
			return vp_errf(e, EX_DATAERR, "not a vp-count document (no \"localities\")");
	} else {
		return vp_errf(e, EX_DATAERR,
		               "not a vp-count document (neither \"level\" nor \"by\")");
	}
	if (!json_is_object(json_object_get(doc, "total")))
		return vp_errf(e, EX_DATAERR, "not a vp-count document (no \"total\")");
	o->nested = json_is_object(json_object_get(doc, "systems"));
	json_t *q = json_object_get(doc, "quotes_per_theme");
	if (q && (!json_is_integer(q) || json_integer_value(q) < 0))
		return vp_errf(e, EX_DATAERR, "bad \"quotes_per_theme\"");
	o->quotes = q ? (size_t)json_integer_value(q) : 0;
	return 0;
}

static int get_count(const json_t *o, const char *key, unsigned long *out, const char *where,
                     vp_err *e)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return vp_errf(e, EX_DATAERR, "%s: \"%s\" is not a count", where, key);
	*out = (unsigned long)json_integer_value(v);
	return 0;
}

static int merge_group(vp_count *c, struct group *g, const json_t *src, int depth,
                       const char *where, vp_err *e)
{
	unsigned long n, u;
	if (!json_is_object(src))
		return vp_errf(e, EX_DATAERR, "%s: not an object", where);
	if (get_count(src, "records", &n, where, e) || get_count(src, "untagged", &u, where, e))
		return e->code;
	const json_t *themes = json_object_get(src, "themes");
	if (!json_is_object(themes))
		return vp_errf(e, EX_DATAERR, "%s: no \"themes\" object", where);
	const char *name;
	const json_t *te;
	json_object_foreach((json_t *)themes, name, te) {
		unsigned long k;
		if (!json_is_object(te) || get_count(te, "records", &k, where, e))
			return vp_errf(e, EX_DATAERR, "%s: theme \"%s\" has no record count",
			               where, name);
		size_t idx = tmap_intern(&c->themes, name);
		if (idx == (size_t)-1 || group_fit(c, g) != 0)
			return vp_errf(e, EX_OSERR, "out of memory");
		g->counts[idx] += k;
		if (!c->o.quotes)
			continue;
		const json_t *qs = json_object_get(te, "quotes");
		size_t i;
		const json_t *q;
		if (!json_is_array(qs))
			return vp_errf(e, EX_DATAERR, "%s: theme \"%s\" has no quotes list",
			               where, name);
		json_array_foreach(qs, i, q) {
			const char *id = json_string_value(json_object_get(q, "id"));
			const char *text = json_string_value(json_object_get(q, "text"));
			json_t *score = json_object_get(q, "score");
			if (!id || !text || !json_is_number(score))
				return vp_errf(e, EX_DATAERR, "%s: theme \"%s\": malformed quote",
				               where, name);
			if (quote_offer(c, &g->quotes[idx], json_number_value(score), id, text))
				return vp_errf(e, EX_OSERR, "out of memory");
		}
	}
	if (group_fit(c, g) != 0)
		return vp_errf(e, EX_OSERR, "out of memory");
	g->records += n;
	g->untagged += u;
	if (depth < 0 || depth >= 3)
		return 0;
	const json_t *kids = json_object_get(src, child_key[depth]);
	if (!json_is_object(kids))
		return vp_errf(e, EX_DATAERR, "%s: no \"%s\" object", where, child_key[depth]);
	const json_t *k;
	json_object_foreach((json_t *)kids, name, k) {
		struct group *kg = gmap_get(c, &g->children, name, e);
		if (!kg)
			return e->code;
		char sub[256];
		snprintf(sub, sizeof sub, "%s/%s", where, name);
		if (merge_group(c, kg, k, depth + 1, sub, e))
			return e->code;
	}
	return 0;
}

/* Add every node at depth want of a nested tree to the flat group of its
 * name: the same records a flat count at that level puts there. */
static int merge_tree_level(vp_count *c, const json_t *tree, int depth, int want, vp_err *e)
{
	static const char *const kids[] = {"places", "localities"};
	const char *name;
	const json_t *g;
	if (!json_is_object(tree))
		return vp_errf(e, EX_DATAERR, "malformed \"systems\" tree");
	json_object_foreach((json_t *)tree, name, g) {
		if (depth == want) {
			struct group *dst = gmap_get(c, &c->flat, name, e);
			if (!dst || merge_group(c, dst, g, -1, name, e))
				return e->code;
		} else if (merge_tree_level(c, json_object_get(g, kids[depth]), depth + 1, want, e)) {
			return e->code;
		}
	}
	return 0;
}

json_t *vp_count_relevel(const json_t *doc, int level, vp_err *e)
{
	vp_count_opts o;
	char by[256];
	if (vp_count_doc_opts(doc, &o, by, sizeof by, e))
		return NULL;
	if (o.by) {
		vp_errf(e, EX_DATAERR, "--level %s: the counts are by %s, not by locality level",
		        vp_level_name(level), o.by);
		return NULL;
	}
	if (!o.nested && o.level != level) {
		vp_errf(e, EX_DATAERR, "--level %s: the counts are at level %s and have no nested "
		        "levels (count with vp-count --nested)", vp_level_name(level),
		        vp_level_name(o.level));
		return NULL;
	}
	o.level = level;
	vp_count *c = vp_count_new(&o);
	json_t *out = NULL;
	if (!c)
		vp_errf(e, EX_OSERR, "out of memory");
	else if (vp_count_merge(c, doc, e) == 0 && !(out = vp_count_json(c)))
		vp_errf(e, EX_OSERR, "out of memory");
	vp_count_free(c);
	return out;
}

int vp_count_merge(vp_count *c, const json_t *doc, vp_err *e)
{
	vp_count_opts o;
	char by[256];
	int rc = vp_count_doc_opts(doc, &o, by, sizeof by, e);
	if (rc)
		return rc;
	/* Both nested: the flat groups at c's level can be rebuilt from the tree,
	 * so the level counted at does not have to match. */
	int relevel = !o.by && !c->o.by && o.nested && c->o.nested && o.level != c->o.level;
	if (!!o.by != !!c->o.by || (o.by && strcmp(o.by, c->o.by) != 0) ||
	    (!o.by && o.level != c->o.level && !relevel)) {
		char mine[300], theirs[300];
		snprintf(mine, sizeof mine, "%s %s", c->o.by ? "--by" : "--level",
		         c->o.by ? c->o.by : vp_level_name(c->o.level));
		snprintf(theirs, sizeof theirs, "%s %s", o.by ? "--by" : "--level",
		         o.by ? o.by : vp_level_name(o.level));
		return vp_errf(e, EX_DATAERR, "counted with %s, not %s as the first document",
		               theirs, mine);
	}
	if (o.nested != c->o.nested)
		return vp_errf(e, EX_DATAERR, "counted %s --nested, unlike the first document",
		               o.nested ? "with" : "without");
	if (o.quotes != c->o.quotes)
		return vp_errf(e, EX_DATAERR, "counted with --quotes %zu, not %zu as the first "
		               "document", o.quotes, c->o.quotes);
	unsigned long rejected = 0;
	json_t *rj = json_object_get(doc, "rejected");
	if (rj && get_count(doc, "rejected", &rejected, "document", e))
		return e->code;
	const json_t *groups = json_object_get(doc, c->o.by ? "groups" : "localities");
	const char *name;
	const json_t *g;
	if (relevel) {
		/* system nodes are at tree depth 0, places 1, localities 2 */
		int want = c->o.level == VP_LEVEL_SYSTEM ? 0 : c->o.level == VP_LEVEL_PLACE ? 1 : 2;
		if (merge_tree_level(c, json_object_get(doc, "systems"), 0, want, e))
			return e->code;
		groups = NULL;
	}
	json_object_foreach((json_t *)groups, name, g) {
		struct group *dst = gmap_get(c, &c->flat, name, e);
		if (!dst)
			return e->code;
		if (merge_group(c, dst, g, -1, name, e))
			return e->code;
	}
	if (merge_group(c, &c->total, json_object_get(doc, "total"), -1, "total", e))
		return e->code;
	if (c->o.nested) {
		const json_t *systems = json_object_get(doc, "systems");
		json_object_foreach((json_t *)systems, name, g) {
			struct group *dst = gmap_get(c, &c->total.children, name, e);
			if (!dst)
				return e->code;
			if (merge_group(c, dst, g, 1, name, e))
				return e->code;
		}
	}
	c->rejected += rejected;
	return 0;
}
