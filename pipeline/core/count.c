/* count.c - see include/voxpop/count.h */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/buf.h"
#include "voxpop/count.h"
#include "voxpop/hash.h"
#include "voxpop/jscan.h"
#include "voxpop/record.h"
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
	vp_buf fb[7];  /* scratch strings for the fast path */
};

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
static size_t tmap_intern(struct tmap *t, const char *name)
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
static struct group *gmap_get(vp_count *c, struct gmap *m, const char *name, vp_err *e)
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

static int count_view(vp_count *c, const struct view *v, vp_err *e)
{
	/* Find every group first, so a failure leaves no partial count. */
	struct group *gs[5];
	size_t ng = 0;
	const char *name;
	gs[ng++] = &c->total;
	if (!(name = safe_name(v->flat, &c->redacted)))
		return vp_errf(e, EX_OSERR, "out of memory");
	if (!(gs[ng++] = gmap_get(c, &c->flat, name, e)))
		return e->code;
	if (c->o.nested && !c->o.by) {
		struct gmap *m = &c->total.children;
		for (int lv = VP_LEVEL_SYSTEM; lv >= VP_LEVEL_LOCALITY; lv--) {
			if (!(name = safe_name(v->level[lv], &c->redacted)))
				return vp_errf(e, EX_OSERR, "out of memory");
			struct group *g = gmap_get(c, m, name, e);
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
 * Parsing every record into jansson objects costs several times more than
 * the counting itself, which needs a handful of members.  vp_jscan (the
 * validating scanner vp-normalise and vp-tag use too) picks them out; a line
 * it is unsure of, or a member of a type only the jansson path knows how to
 * name (numbers as ids or localities), makes this give up, and the caller
 * parses the line with jansson instead, so both paths always agree
 * (tests/unit/test_count.c checks that they do, on damaged lines too).
 */

enum { FK_THEMES, FK_TOKENS, FK_TEXT, FK_ID, FK_GROUP, FK_LOCALITY, FK_PLACE, FK_SYSTEM, FK_N };

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
		*out = suffix ? date_part(NULL, suffix, dbuf) : VP_UNASSIGNED;
		return 1;
	}
	int rc = span_cstr(v, b);
	if (rc == 1)
		*out = suffix ? date_part(b->data, suffix, dbuf) : string_name(b->data);
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

/* Read the themes array into c->rt, as read_themes does from jansson. */
static int span_themes(vp_count *c, vp_jspan themes, size_t ntokens, const char *text,
                       vp_err *e)
{
	static const char *const keys[] = {"theme", "hits", "spans"};
	c->nrt = 0;
	int kind = span_kind(themes);
	if (kind == 0 || kind == 'n')
		return 1;
	if (themes.p[0] != '[')
		return 0; /* an error: the jansson path words it */
	vp_jspan el;
	while (vp_jscan_array_next(&themes, &el)) {
		vp_jspan name = el, m[3] = {{0}};
		if (el.p[0] == '{') {
			if (vp_jscan_members(el.p, el.n, keys, 3, m) != VP_JSCAN_OK)
				return 0;
			name = m[0];
		}
		if (span_kind(name) != 's' || name.n <= 2)
			return 0; /* no name, empty name, not a string: errors */
		int rc = span_cstr(name, &c->fb[6]);
		if (rc != 1)
			return rc < 0 ? vp_errf(e, EX_OSERR, "out of memory") : 0;
		size_t idx = tmap_intern(&c->themes, c->fb[6].data);
		if (idx == (size_t)-1)
			return vp_errf(e, EX_OSERR, "out of memory");
		double score = c->o.quotes ? score_of(array_len(m[2]), array_len(m[1]), ntokens,
		                                      text) : 0;
		if (rt_push(c, idx, c->themes.name[idx], score) != 0)
			return vp_errf(e, EX_OSERR, "out of memory");
	}
	return 1;
}

int vp_count_add_line(vp_count *c, const char *line, size_t len, vp_err *e)
{
	/* what to pick out: the grouping member, themes, tokens, text, id */
	const char *keys[FK_N] = {"themes", "tokens", "text", "id", NULL,
	                          "locality", "place", "system"};
	char field[256];
	const char *suffix = NULL, *sub = NULL;
	if (c->o.by) {
		suffix = strchr(c->o.by, ':');
		size_t flen = suffix ? (size_t)(suffix - c->o.by) : strlen(c->o.by);
		memcpy(field, c->o.by, flen);
		field[flen] = '\0';
		if (strncmp(field, "fields.", 7) == 0) {
			sub = field + 7;
			field[6] = '\0';
		}
	} else {
		snprintf(field, sizeof field, "%s", level_names[c->o.level]);
	}
	if (!vp_jscan_plain_name(field) || (sub && !vp_jscan_plain_name(sub)))
		return 0; /* names that would need escaping: use jansson */
	int nested = c->o.nested && !c->o.by;
	size_t nkeys = nested ? FK_N : FK_GROUP + 1;
	keys[FK_GROUP] = field;
	vp_jspan v[FK_N];
	for (size_t i = 0; i < FK_GROUP; i++)
		if (strcmp(keys[i], field) == 0)
			return 0; /* grouping by a member read for another purpose: rare */
	if (vp_jscan_members(line, len, keys, nkeys, v) != VP_JSCAN_OK)
		return 0;
	vp_jspan group = v[FK_GROUP];
	if (sub) {
		const char *const subkey[1] = {sub};
		if (span_kind(group) != 'x' || group.p[0] != '{')
			group = (vp_jspan){NULL, 0};
		else if (vp_jscan_members(group.p, group.n, subkey, 1, &group) != VP_JSCAN_OK)
			return 0;
	}
	if (span_kind(group) == '?' || span_kind(v[FK_ID]) == '?')
		return 0; /* numbers and booleans are printed by the jansson path */
	if (nested)
		for (int l = FK_LOCALITY; l <= FK_SYSTEM; l++)
			if (span_kind(v[l]) == '?')
				return 0;

	struct view vw = {0};
	char dbuf[16];
	int rc = span_name(group, &c->fb[0], suffix, dbuf, &vw.flat);
	if (nested) {
		/* level fields are also the grouping member when it is one of them */
		vp_jspan lv[3] = {v[FK_LOCALITY], v[FK_PLACE], v[FK_SYSTEM]};
		lv[c->o.level] = v[FK_GROUP];
		for (int l = 0; l < 3 && rc == 1; l++)
			rc = span_name(lv[l], &c->fb[1 + l], NULL, NULL, &vw.level[l]);
	}
	size_t ntokens = 0;
	if (c->o.quotes && rc == 1) {
		rc = span_name(v[FK_ID], &c->fb[4], NULL, NULL, &vw.id);
		if (rc == 1 && span_kind(v[FK_TEXT]) == 's') {
			rc = span_cstr(v[FK_TEXT], &c->fb[5]);
			vw.text = c->fb[5].data;
		}
		ntokens = array_len(v[FK_TOKENS]);
	}
	if (rc != 1)
		return rc < 0 ? vp_errf(e, EX_OSERR, "out of memory") : 0;
	if ((rc = span_themes(c, v[FK_THEMES], ntokens, vw.text, e)) != 1)
		return rc;
	rc = count_view(c, &vw, e);
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

int vp_count_write(FILE *out, const json_t *doc, vp_err *e)
{
	return vp_json_write(out, doc, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(10), e);
}

int vp_count_emit(const vp_count *c, FILE *out, vp_err *e)
{
	json_t *doc = vp_count_json(c);
	if (!doc)
		return vp_errf(e, EX_OSERR, "out of memory");
	int rc = vp_count_write(out, doc, e);
	json_decref(doc);
	return rc;
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

/* ---- the record filter ------------------------------------------------ */

static int count_scan(void *ctx, vp_filter *f, const vp_jspan *v, vp_err *e)
{
	vp_err ce;
	(void)v;
	vp_err_clear(&ce);
	int rc = vp_count_add_line(ctx, f->r.line, f->r.len, &ce);
	if (rc == 1)
		return 0;
	if (rc == 0)
		return VP_FILTER_FALLBACK; /* not plainly valid: jansson decides */
	if (rc == EX_DATAERR)
		return vp_filter_reject(f, e, ce.msg);
	return vp_filter_fail(f, e, rc, ce.msg);
}

static int count_record(void *ctx, vp_filter *f, json_t *rec, vp_err *e)
{
	vp_err ce;
	vp_err_clear(&ce);
	int rc = vp_count_add(ctx, rec, &ce);
	if (rc == EX_DATAERR) /* e.g. "themes" not a list */
		return vp_filter_reject(f, e, ce.msg);
	return rc ? vp_filter_fail(f, e, rc, ce.msg) : 0;
}

static int count_end(void *ctx, vp_filter *f, vp_err *e)
{
	vp_count_rejected(ctx, f->rejected);
	return vp_count_emit(ctx, f->out, e);
}

void vp_count_stage(vp_count *c, vp_filter_stage *st, const char *prog)
{
	(void)c;
	*st = (vp_filter_stage){prog, NULL, 0, count_scan, count_record, count_end};
}
