/* count.c - the vp_count accumulator: themes, groups, quotes, counting
 * one record (see include/voxpop/count.h). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <utf8proc.h>

#include "voxpop/buf.h"
#include "voxpop/count.h"
#include "voxpop/str.h"
#include "voxpop/count_doc.h"
#include "voxpop/date.h"
#include "voxpop/hash.h"
#include "voxpop/jscan.h"
#include "voxpop/record.h"
#include "voxpop/ingest.h"
#include "voxpop/redact.h"
#include "count_impl.h"

/* ---- themes ---------------------------------------------------------- */

/* (theme names hashed by vpc_tmap_hash, count_impl.h) */

static int tmap_grow(struct tmap *t)
{
	size_t cap = t->cap ? t->cap * 2 : 64;
	size_t *slot = calloc(cap, sizeof *slot);
	if (!slot)
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		size_t h = vpc_tmap_hash(t->name[i], t->len[i]) & (cap - 1);
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
size_t vpc_tmap_intern_n(struct tmap *t, const char *s, size_t n)
{
	size_t have = vpc_tmap_find_n(t, s, n);
	if (have != (size_t)-1)
		return have;
	if ((t->n + 1) * 2 > t->cap && tmap_grow(t) != 0)
		return (size_t)-1;
	size_t h = vpc_tmap_hash(s, n) & (t->cap - 1);
	while (t->slot[h])
		h = (h + 1) & (t->cap - 1);
	if (t->n == t->alloc) {
		size_t alloc = t->alloc ? t->alloc * 2 : 32;
		char **p = realloc(t->name, alloc * sizeof *p);
		if (!p)
			return (size_t)-1;
		t->name = p;
		size_t *l = realloc(t->len, alloc * sizeof *l);
		if (!l)
			return (size_t)-1;
		t->len = l;
		t->alloc = alloc;
	}
	char *copy = malloc(n + 1);
	if (!copy)
		return (size_t)-1;
	memcpy(copy, s, n);
	copy[n] = '\0';
	t->name[t->n] = copy;
	t->len[t->n] = n;
	t->slot[h] = ++t->n;
	return t->n - 1;
}

size_t vpc_tmap_intern(struct tmap *t, const char *name)
{
	return vpc_tmap_intern_n(t, name, strlen(name));
}

static void tmap_free(struct tmap *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->name[i]);
	free(t->name);
	free(t->len);
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
	for (size_t i = 0; i < g->ncells; i++)
		for (size_t k = 0; k < nquotes; k++) {
			struct qlist *l = &g->cells[i].ql[k];
			for (size_t j = 0; j < l->n; j++) {
				free(l->q[j].id);
				free(l->q[j].text);
			}
			free(l->q);
		}
	free(g->cells);
	free(g->cslot);
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

static size_t cell_hash(size_t idx, size_t cap)
{
	return (size_t)(((uint64_t)idx * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & (cap - 1);
}

/* g's cell for theme idx, or NULL when it has none. */
static inline struct tcell *cell_find(const struct group *g, size_t idx)
{
	if (g->ccap)
		for (size_t h = cell_hash(idx, g->ccap); g->cslot[h]; h = (h + 1) & (g->ccap - 1)) {
			struct tcell *t = &g->cells[g->cslot[h] - 1];
			if (t->idx == idx)
				return t;
		}
	return NULL;
}

struct tcell *vpc_cell(struct group *g, size_t idx)
{
	struct tcell *have = cell_find(g, idx);
	if (have)
		return have;
	size_t h = 0;
	if (g->ccap) {
		h = cell_hash(idx, g->ccap);
		while (g->cslot[h])
			h = (h + 1) & (g->ccap - 1);
	}
	if ((g->ncells + 1) * 2 > g->ccap) {
		size_t cap = g->ccap ? g->ccap * 2 : 16;
		size_t *slot = calloc(cap, sizeof *slot);
		if (!slot)
			return NULL;
		for (size_t i = 0; i < g->ncells; i++) {
			size_t j = cell_hash(g->cells[i].idx, cap);
			while (slot[j])
				j = (j + 1) & (cap - 1);
			slot[j] = i + 1;
		}
		free(g->cslot);
		g->cslot = slot;
		g->ccap = cap;
		h = cell_hash(idx, cap);
		while (slot[h])
			h = (h + 1) & (cap - 1);
	}
	if (g->ncells == g->cellalloc) {
		size_t alloc = g->cellalloc ? g->cellalloc * 2 : 4;
		struct tcell *cells = realloc(g->cells, alloc * sizeof *cells);
		if (!cells)
			return NULL;
		g->cells = cells;
		g->cellalloc = alloc;
	}
	struct tcell *t = &g->cells[g->ncells];
	memset(t, 0, sizeof *t);
	t->idx = idx;
	g->cslot[h] = ++g->ncells;
	return t;
}

/* vpc_cell's common case inline: the cell is there already (it is made
 * once per group and theme, then found for every record's every theme in
 * two groups or more; the call was a third of the finding). */
static inline struct tcell *cell_of(struct group *g, size_t idx)
{
	struct tcell *t = cell_find(g, idx);
	return t ? t : vpc_cell(g, idx);
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

/* Could a quote of this score enter list l?  Cheap test before redacting
 * the text and the id: a tie may (the masked id decides it). */
static int quote_may_enter(const vp_count *c, const struct qlist *l, double score)
{
	if (l->n < c->o.quotes)
		return 1;
	return score >= l->q[l->n - 1].score;
}

/* Do a and b read the same once case, spaces and punctuation are set
 * aside ("Save our bus!" and "save our bus")?  Non-ASCII bytes compare as they are. */
static int same_text(const char *a, const char *b)
{
	for (;;) {
		while (*a && (unsigned char)*a < 0x80 && !isalnum((unsigned char)*a))
			a++;
		while (*b && (unsigned char)*b < 0x80 && !isalnum((unsigned char)*b))
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++;
		b++;
	}
}

/* Insert a quote in best-first position, dropping the worst beyond N.  A
 * list never holds the same text twice (same_text): of two, the better
 * stays, so a list is the best N distinct texts, each by its best record --
 * which merging preserves.  Returns 0 or -1 (out of memory). */
int vpc_quote_offer(const vp_count *c, struct qlist *l, double score, const char *id,
                       const char *text)
{
	for (size_t j = 0; j < l->n; j++) {
		if (!same_text(text, l->q[j].text))
			continue;
		if (quote_cmp(score, id, text, &l->q[j]) >= 0)
			return 0; /* the one held is as good or better */
		free(l->q[j].id);
		free(l->q[j].text);
		memmove(&l->q[j], &l->q[j + 1], (l->n - j - 1) * sizeof *l->q);
		l->n--;
		break;
	}
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

int vp_count_per_parse(const char *unit)
{
	return strcmp(unit, "respondent") == 0 ? VP_PER_RESPONDENT
	       : strcmp(unit, "answer") == 0   ? VP_PER_ANSWER
	                                       : -1;
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
	if (strncmp(spec, "fields.", 7) == 0) {
		char name[256];
		snprintf(name, sizeof name, "%.*s", (int)(flen - 7), spec + 7);
		if (vp_header_is_personal(name))
			return VP_COUNT_BY_PERSONAL;
	}
	return 0;
}

void vp_count_by_usage(const char *spec, int rc, char *msg, size_t msgsz)
{
	if (rc == VP_COUNT_BY_PERSONAL) {
		const char *colon = strchr(spec, ':');
		size_t flen = colon ? (size_t)(colon - spec) : strlen(spec);
		snprintf(msg, msgsz, "--by '%s': \"%.*s\" names a personal detail (a name, address, "
		         "e-mail, phone number, postcode, location, cookie, date of birth, or an NHS, "
		         "hospital, patient or National Insurance number): its groups would publish each "
		         "person's; for postcodes, vp-locate --postcode-field gives localities",
		         spec, (int)(flen > 7 ? flen - 7 : 0), spec + 7);
	} else {
		snprintf(msg, msgsz, "bad --by '%s' (FIELD, fields.NAME, month, year, FIELD:month, "
		         "FIELD:year)", spec);
	}
}

vp_count *vp_count_new(const vp_count_opts *o)
{
	vp_count *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->o = *o;
	c->seen = o->seen;
	c->nql = o->quote_polarity ? 3 : 1;
	if (o->by) {
		snprintf(c->by, sizeof c->by, "%s", o->by);
		c->o.by = c->by;
	}
	if (o->lexicon) {
		snprintf(c->lexopt, sizeof c->lexopt, "%s", o->lexicon);
		c->o.lexicon = c->lexopt;
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
	group_free(&c->total, c->nql);
	gmap_free(&c->flat, c->nql);
	for (size_t i = 0; i < c->ncamps; i++) {
		free(c->camps[i].id);
		free(c->camps[i].first_id);
		free(c->camps[i].first_text);
	}
	free(c->camps);
	free(c->campslot);
	free(c->lexwhere);
	vp_seen_free(c->own_seen);
	vp_seen_free(c->ids);
	free(c->lxmap);
	tmap_free(&c->themes);
	free(c->rt);
	for (size_t i = 0; i < sizeof c->fb / sizeof c->fb[0]; i++)
		vp_buf_free(&c->fb[i]);
	free(c->elems.elem);
	free(c->elems.vals);
	vp_jscan_memo_free(&c->lk.memo);
	vp_buf_free(&c->redacted);
	vp_buf_free(&c->quote_id);
	vp_buf_free(&c->camp_id);
	vp_buf_free(&c->camp_ex);
	for (size_t i = 0; i < sizeof c->name_memo / sizeof *c->name_memo; i++) {
		free(c->name_memo[i].raw);
		free(c->name_memo[i].masked);
	}
	free(c);
}

void vp_count_rejected(vp_count *c, unsigned long n)
{
	c->rejected += n;
}

/* ---- lexicons -------------------------------------------------------- */

int vpc_lexicon_take(vp_count *c, const char *fp, int doc, vp_err *e)
{
	int lex = fp ? LEX_SOME : LEX_NONE;
	c->lexmixed = 0;
	if (c->lex == lex && (!fp || memcmp(c->lexfp, fp, VP_LEXICON_FP_LEN) == 0))
		return 0; /* every record but the first */
	if (c->lex == LEX_UNSET) {
		c->lex = lex;
		if (fp)
			memcpy(c->lexfp, fp, VP_LEXICON_FP_LEN);
		return 0;
	}
	const char *hint = doc ? "its records not tagged by vp-tag, or by an older one"
	                       : "not tagged by vp-tag, or by an older one";
	const char *where = c->lexwhere ? c->lexwhere : doc ? "the first document" : "the records before";
	char theirs[160], mine[160];
	if (fp)
		snprintf(theirs, sizeof theirs, "with lexicon %.*s", VP_LEXICON_FP_LEN, fp);
	else
		snprintf(theirs, sizeof theirs, "with no \"lexicon\" (%s)", hint);
	if (c->lex == LEX_SOME)
		snprintf(mine, sizeof mine, "with %.*s", VP_LEXICON_FP_LEN, c->lexfp);
	else
		snprintf(mine, sizeof mine, "with none (%s)", hint);
	c->lexmixed = 1;
	return vp_errf(e, EX_DATAERR, "%s %s; %s %s -- tag %s with the same lexicons",
	               doc ? "counted" : "tagged", theirs, where, mine, doc ? "both" : "them all");
}

int vp_count_lexicon_from(vp_count *c, const char *name, unsigned long line, vp_err *e)
{
	if (c->lex == LEX_UNSET || c->lexwhere)
		return 0;
	vp_buf b = VP_BUF_INIT;
	if (line ? vp_buf_printf(&b, "%s:%lu", name, line) : vp_buf_puts(&b, name)) {
		vp_buf_free(&b);
		return vp_oom(e);
	}
	c->lexwhere = vp_buf_steal(&b);
	return 0;
}

/* ---- grouping -------------------------------------------------------- */

/* The group name of a JSON value: a non-blank string as is (vpc_safe_name
 * trims and masks it), a number printed, anything else Unassigned. */
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
		/* the shortest form that reads back as the same number: "%g"
		 * keeps 6 digits, so 1234567.5 and 1234568.25 were one group */
		double d = json_real_value(v);
		for (int prec = 1; prec <= 17; prec++) {
			snprintf(buf, bufsz, "%.*g", prec, d);
			if (strtod(buf, NULL) == d)
				break;
		}
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
 * bytes), or Unassigned when s is no real date (vp_date_month_key and
 * vp_date_year_key say which: 2026-13, 0000-00 and 2026-02-30 are
 * Unassigned, not months of their own).  Spaces before it are skipped, as
 * a group name is trimmed. */
const char *vpc_date_part(const char *s, const char *colon, char *buf)
{
	if (!s)
		return VP_UNASSIGNED;
	while (*s == ' ' || *s == '\t')
		s++;
	int ok = strcmp(colon, ":month") == 0 ? vp_date_month_key(s, buf) : vp_date_year_key(s, buf);
	return ok ? buf : VP_UNASSIGNED;
}

static const char *level_value(const json_t *rec, int level, char *buf, size_t bufsz)
{
	return value_name(json_object_get(rec, vpc_level_names[level]), buf, bufsz);
}

/* ---- counting -------------------------------------------------------- */

int vpc_rt_push(vp_count *c, size_t idx, const char *name, double score, int sent)
{
	for (size_t i = 0; i < c->nrt; i++)
		if (c->rt[i].idx == idx) {
			if (score > c->rt[i].score)
				c->rt[i].score = score;
			if (c->rt[i].sent < 0)
				c->rt[i].sent = sent;
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
	c->rt[c->nrt++] = (struct rtheme){idx, name, score, sent};
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

/* VP_SENT_* of label[0..n), or -1. */
int vpc_sent_parse(const char *label, size_t n)
{
	for (int i = 0; i < VP_SENT_N; i++)
		if (strlen(vp_sentiment_labels[i]) == n && memcmp(vp_sentiment_labels[i], label, n) == 0)
			return i;
	return -1;
}

/* A "sentiment" value: absent or null -1, else {"label": one of the four}:
 * *out VP_SENT_*.  0, or EX_DATAERR naming what (where: "sentiment"). */
static int sentiment_of(vp_count *c, const json_t *v, const char *where, int *out, vp_err *e)
{
	*out = -1;
	if (!v || json_is_null(v))
		return 0;
	const json_t *l = json_object_get(v, "label");
	if (!json_is_string(l))
		return vp_errf(e, EX_DATAERR, "%s has no \"label\"", where);
	*out = vpc_sent_parse(json_string_value(l), json_string_length(l));
	if (*out < 0)
		return vp_errf(e, EX_DATAERR, "%s: label \"%.40s\" is not positive, negative, "
		               "neutral or mixed", where, json_string_value(l));
	c->has_sent = 1;
	return 0;
}

int vp_count_theme_check(const json_t *t, size_t i, const char **name, vp_err *e)
{
	const char *s = json_is_string(t) ? json_string_value(t)
	              : json_string_value(json_object_get(t, "theme"));
	if (name)
		*name = s;
	if (!s)
		return vp_errf(e, EX_DATAERR, "themes[%zu] has no \"theme\" name", i);
	if (!*s)
		return vp_errf(e, EX_DATAERR, "themes[%zu] has an empty theme name", i);
	if (vpc_nul_in(json_is_string(t) ? t : json_object_get(t, "theme")))
		return vp_errf(e, EX_DATAERR, "themes[%zu] \"theme\" contains a NUL character "
		               "(\\u0000)", i);
	return 0;
}

int vp_count_themes_check(const json_t *themes, vp_err *e)
{
	if (!json_is_array(themes))
		return vp_errf(e, EX_DATAERR, "\"themes\" is not an array");
	size_t i;
	const json_t *t;
	json_array_foreach(themes, i, t)
		if (vp_count_theme_check(t, i, NULL, e))
			return e->code;
	return 0;
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
		const char *name;
		if (vp_count_theme_check(t, i, &name, e))
			return e->code;
		size_t idx = vpc_tmap_intern(&c->themes, name);
		if (idx == (size_t)-1)
			return vp_errf(e, EX_OSERR, "out of memory");
		double score = c->o.quotes ? vp_count_score(rec, t) : 0;
		int sent = -1;
		char where[48];
		snprintf(where, sizeof where, "themes[%zu].sentiment", i);
		if (json_is_object(t) && sentiment_of(c, json_object_get(t, "sentiment"), where,
		                                      &sent, e))
			return e->code;
		if (vpc_rt_push(c, idx, c->themes.name[idx], score, sent) != 0)
			return vp_errf(e, EX_OSERR, "out of memory");
	}
	return 0;
}

/* cut, or where the placeholder it falls inside begins ("[pho…" reads as
 * masking gone wrong): the redactor's own placeholders, d[0..len). */
static size_t cut_outside_placeholder(const char *d, size_t len, size_t cut)
{
	for (int type = 0; type < VP_REDACT_NTYPES; type++) {
		const char *p = vp_redact_placeholder(type);
		size_t pl = strlen(p);
		for (size_t at = cut >= pl ? cut - pl + 1 : 0; at < cut; at++)
			if (at + pl <= len && memcmp(d + at, p, pl) == 0)
				return at;
	}
	return cut;
}

/* Redacted, cut text for a quote or a campaign's first text, in c->redacted. */
int vpc_redact_into(vp_count *c, const char *text)
{
	vp_buf_clear(&c->redacted);
	if (vp_redact_with(c->o.given_names, text, strlen(text), &c->redacted) != 0)
		return -1;
	if (c->redacted.len > VP_QUOTE_MAX_BYTES) {
		const char *d = c->redacted.data;
		size_t cut = VP_QUOTE_MAX_BYTES;
		while (cut > 0 && ((unsigned char)d[cut] & 0xC0) == 0x80)
			cut--;
		c->redacted.len = cut_outside_placeholder(d, c->redacted.len, cut);
		if (vp_buf_puts(&c->redacted, "\xE2\x80\xA6") != 0)
			return -1;
	}
	if (vp_buf_putc(&c->redacted, 0) != 0)
		return -1;
	c->redacted.len--;
	return 0;
}

/* s as vp-redact masks it, into b (cleared), NUL-terminated: an id shown
 * with a quote or a campaign (an id column can hold e-mails).  0 or -1. */
int vpc_mask_cstr(const vp_count *c, vp_buf *b, const char *s)
{
	vp_buf_clear(b);
	return vp_redact_with(c->o.given_names, s, strlen(s), b) != 0 || vp_buf_putc(b, 0) != 0 ? -1 : 0;
}

/* Offer the record as a quote for its home theme in g: that theme only, so
 * one comment is never shown under both a parent and its child (nor under
 * unrelated themes) in a group.  With --quote-polarity also to the list of
 * its polarity for that theme (the theme entry's sentiment, else the
 * record's): what people praised, what they want changed. */
static int quote_record(vp_count *c, struct group *g, const struct view *v, size_t home,
                        int *redacted)
{
	if (!v->text)
		return 0;
	struct rtheme *t = &c->rt[home];
	int sent = t->sent >= 0 ? t->sent : v->sent;
	for (size_t k = 0; k < c->nql; k++) {
		if (k == QL_POSITIVE && sent != VP_SENT_POSITIVE)
			continue;
		if (k == QL_NEGATIVE && sent != VP_SENT_NEGATIVE)
			continue;
		struct tcell *cell = vpc_cell(g, t->idx);
		if (!cell)
			return -1;
		struct qlist *l = &cell->ql[k];
		if (!quote_may_enter(c, l, t->score))
			continue;
		if (!*redacted) {
			/* the id is shown with the quote: an id column can be an
			 * e-mail or a phone number */
			if (vpc_mask_cstr(c, &c->quote_id, v->id) != 0 || vpc_redact_into(c, v->text) != 0)
				return -1;
			*redacted = 1;
		}
		if (vpc_quote_offer(c, l, t->score, c->quote_id.data, c->redacted.data) != 0)
			return -1;
	}
	return 0;
}

/* Count the record in g: records, respondents (a run of records with the
 * same "respondent" is one; a record without is its own), and -- unless it
 * is a copy in a campaign (--dedup: camp is its campaign index, (size_t)-1
 * for none), whose first record, unmarked by vp-dedup, was counted -- its
 * themes, sentiment and quotes. */
static int count_in(vp_count *c, struct group *g, const struct view *v,
                    size_t camp, size_t home, int *redacted)
{
	g->records++;
	if (camp != (size_t)-1) {
		/* a copy: not counted for themes, nor as a respondent (so that
		 * respondent shares, like shares, leave copies out) */
		g->duplicates++;
		return 0;
	}
	if (g->in_run != c->run) {
		g->in_run = c->run;
		g->run++;
		g->respondents++;
	}
	if (v->untaggable)
		g->not_tagged++; /* vp-tag gave it no themes for want of its language */
	else if (!c->nrt)
		g->untagged++;
	if (v->sent >= 0)
		g->sent[v->sent]++;
	for (size_t i = 0; i < c->nrt; i++) {
		struct tcell *t = cell_of(g, c->rt[i].idx);
		if (!t)
			return -1;
		t->records++;
		if (t->last != g->run) {
			t->last = g->run;
			t->resp++;
		}
		int sent = c->rt[i].sent >= 0 ? c->rt[i].sent : v->sent;
		if (sent >= 0)
			t->sent[sent]++;
	}
	if (c->o.quotes && home != (size_t)-1)
		return quote_record(c, g, v, home, redacted);
	return 0;
}

/* ---- respondents seen, campaigns ------------------------------------- */

/* Note that respondent resp[0..n) of the source with key srckey, whose
 * key is k, has begun a run of records; returns 1 if it had been seen
 * before, 0 if not, -1 out of memory. */
static int seen_before(vp_count *c, uint64_t k, const char *resp, size_t n, uint64_t srckey)
{
	if (!c->seen && !(c->seen = c->own_seen = vp_seen_new(0, 0)))
		return -1;
	return vp_seen_add_key(c->seen, k, resp, n, srckey);
}

void vp_count_break_run(vp_count *c)
{
	c->run_open = 0;
}

int vp_count_reappeared_now(const vp_count *c)
{
	return c->reappeared_now;
}

void vp_count_warn_reappeared(const char *prog, const char *where, FILE *err)
{
	fprintf(err, "%s: %s: warning: respondent seen again after other respondents' records; "
	        "respondents are counted per run of adjacent records, so may be counted twice\n",
	        prog, where);
}

int vp_count_check_by(const vp_count *c, vp_err *e)
{
	if (!c->o.by || c->has_by || !c->total.records || c->o.part)
		return 0;
	char field[256];
	const char *colon = strchr(c->o.by, ':');
	size_t flen = colon ? (size_t)(colon - c->o.by) : strlen(c->o.by);
	snprintf(field, sizeof field, "%.*s", (int)flen, c->o.by);
	if (strncmp(field, "fields.", 7) != 0)
		return vp_errf(e, EX_DATAERR, "--by %s: no record has \"%s\"", c->o.by, field);
	if (!(c->has_fields & 1) && (c->has_fields & 2))
		return vp_errf(e, EX_DATAERR, "--by %s: the records' \"fields\" is not an object "
		               "(of columns by name, as vp-ingest --fields writes it)", c->o.by);
	if (!c->has_fields)
		return vp_errf(e, EX_DATAERR, "--by %s: the records have no \"fields\": " VP_FIELDS_ASK_FMT,
		               c->o.by, field + 7);
	return vp_errf(e, EX_DATAERR, "--by %s: no record's \"fields\" has \"%s\" (a column "
	               "vp-ingest --fields did not keep, or not this name?)", c->o.by, field + 7);
}

void vp_count_warn_end(const vp_count *c, const char *prog, FILE *err)
{
	if (c->reappeared)
		fprintf(err, "%s: warning: %lu respondent%s not adjacent (in \"respondents_not_"
		        "adjacent\"): sort or group the records by respondent for exact counts "
		        "(vp-fetch output with edited responses: run vp-latest on it first)\n",
		        prog, c->reappeared, c->reappeared == 1 ? " was" : "s were");
	if (c->seen && vp_seen_left_out(c->seen))
		fprintf(err, "%s: warning: more than %zu respondents: whether records are adjacent "
		        "was checked for the first %zu only\n", prog, vp_seen_count(c->seen),
		        vp_seen_count(c->seen));
	/* without --dedup a campaign of forty letters is forty answers: the
	 * document is what it always was, but not without a word */
	if (c->marked_copies)
		fprintf(err, "%s: warning: %lu record%s %s vp-dedup marked (\"campaign\"), %s "
		        "as an answer of its own: vp-count --dedup counts a campaign once\n", prog,
		        c->marked_copies, c->marked_copies == 1 ? "" : "s",
		        c->marked_copies == 1 ? "is a copy" : "are copies",
		        c->marked_copies == 1 ? "counted" : "each counted");
	/* --dedup: campaigns whose first record (unmarked by vp-dedup, the one
	 * counted for them) is not among the records were counted 0 times */
	unsigned long missing = 0;
	const char *first = NULL;
	for (size_t i = 0; i < c->ncamps; i++) {
		const struct campaign *k = &c->camps[i];
		if (!k->keyed || k->first_seen || (c->ids && vp_seen_has(c->ids, k->first_key)))
			continue;
		missing++;
		if (!first || strcmp(k->id, first) < 0)
			first = k->id;
	}
	if (missing)
		fprintf(err, "%s: warning: %lu campaign%s counted 0 times: %s first record%s (the "
		        "one vp-dedup leaves unmarked, counted for it) %s not among the records "
		        "(\"%.80s\"%s); %s copies are only \"duplicates\": filter after vp-count, or "
		        "run vp-dedup after the filter%s\n", prog, missing, missing == 1 ? "" : "s",
		        missing == 1 ? "its" : "their", missing == 1 ? "" : "s",
		        missing == 1 ? "is" : "are", first, missing == 1 ? "" : ", ...",
		        missing == 1 ? "its" : "their",
		        c->ids && vp_seen_left_out(c->ids)
		                ? " (more records than the check holds: some may have been counted)"
		                : "");
}

static int camp_grow(vp_count *c)
{
	size_t cap = c->campcap ? c->campcap * 2 : 64;
	size_t *slot = calloc(cap, sizeof *slot);
	if (!slot)
		return -1;
	for (size_t i = 0; i < c->ncamps; i++) {
		size_t h = vp_hash64(c->camps[i].id, strlen(c->camps[i].id)) & (cap - 1);
		while (slot[h])
			h = (h + 1) & (cap - 1);
		slot[h] = i + 1;
	}
	free(c->campslot);
	c->campslot = slot;
	c->campcap = cap;
	return 0;
}

/* Index of campaign id, added if new: (size_t)-1 with e filled when there
 * would be more than --max-campaigns (EX_SOFTWARE) or out of memory. */
static size_t campaign_get(vp_count *c, const char *id, vp_err *e)
{
	if ((c->ncamps + 1) * 2 > c->campcap && camp_grow(c) != 0)
		goto oom;
	size_t h = vp_hash64(id, strlen(id)) & (c->campcap - 1);
	while (c->campslot[h]) {
		if (strcmp(c->camps[c->campslot[h] - 1].id, id) == 0)
			return c->campslot[h] - 1;
		h = (h + 1) & (c->campcap - 1);
	}
	size_t limit = c->o.max_campaigns ? c->o.max_campaigns : VP_COUNT_MAX_CAMPAIGNS;
	if (c->ncamps >= limit) {
		vp_errf(e, EX_SOFTWARE, "more than %zu campaigns (\"%.80s\"); --max-campaigns "
		        "raises the limit", limit, id);
		return (size_t)-1;
	}
	if (c->ncamps == c->campalloc) {
		size_t n = c->campalloc ? c->campalloc * 2 : 16;
		struct campaign *p = realloc(c->camps, n * sizeof *p);
		if (!p)
			goto oom;
		c->camps = p;
		c->campalloc = n;
	}
	struct campaign *k = &c->camps[c->ncamps];
	memset(k, 0, sizeof *k);
	if (!(k->id = strdup(id)))
		goto oom;
	c->campslot[h] = ++c->ncamps;
	return c->ncamps - 1;
oom:
	vp_errf(e, EX_OSERR, "out of memory");
	return (size_t)-1;
}

/* Add copies to campaign id, with a candidate example text: the copy
 * with the smallest id gives it (whatever the order of the records). */
int vpc_campaign_merge(vp_count *c, const char *id, unsigned long size, const char *first_id,
                       const char *first_text, vp_err *e)
{
	size_t i = campaign_get(c, id, e);
	if (i == (size_t)-1)
		return e->code;
	struct campaign *k = &c->camps[i];
	if (size > (unsigned long)INT64_MAX - k->size)
		return vp_errf(e, EX_DATAERR, "campaign \"%.80s\": size overflows", id);
	k->size += size;
	if (!first_id || !first_text)
		return 0;
	if (k->first_id && strcmp(k->first_id, first_id) <= 0)
		return 0;
	char *fi = strdup(first_id), *ft = strdup(first_text);
	if (!fi || !ft) {
		free(fi);
		free(ft);
		return vp_errf(e, EX_OSERR, "out of memory");
	}
	free(k->first_id);
	free(k->first_text);
	k->first_id = fi;
	k->first_text = ft;
	return 0;
}

/* A group name as it may appear in the output: without the spaces around
 * it ("Leicester City " is "Leicester City", not a second group that reads
 * the same), and masked: a raw locality or --by value can hold personal data -- a postcode, an e-mail (also spelt out:
 * "jane(at)nhs.net"), a phone number, a name after a title ("Dr Patel") --
 * masked as quotes are, by vp_redact_with (no shortcut on the bytes: what it
 * masks need have no digit nor @).  Returns the masked name, valid until
 * the next call; NULL when out of memory. */
enum { NAME_MEMO_MAX = 256 };
/* vpc_safe_name, and *memo the memo entry that now holds it (NULL when the
 * name is too long to memoise).  The memo's slot is chosen by
 * vp_hash_short: a slot is only where a name is looked for, never
 * written out. */
static const char *safe_name_memo(vp_count *c, const char *name, struct name_memo **memo)
{
	size_t n = strlen(name);
	struct name_memo *m = NULL;
	*memo = NULL;
	if (n <= NAME_MEMO_MAX) {
		m = &c->name_memo[(n ? vp_hash_short(name, n) : 0) %
		                  (sizeof c->name_memo / sizeof *c->name_memo)];
		if (m->raw && strcmp(m->raw, name) == 0) {
			*memo = m;
			return m->masked;
		}
	}
	size_t from = 0, to = n;
	while (from < to && isspace((unsigned char)name[from]))
		from++;
	while (to > from && isspace((unsigned char)name[to - 1]))
		to--;
	/* one name however its accents were encoded: "Ynys Môn" typed (U+00F4)
	 * and pasted from a Mac (o + U+0302) are one group, not two columns that
	 * read the same (Unicode NFC; invalid UTF-8 is left as it is) */
	const char *s = name + from;
	size_t len = to - from;
	utf8proc_uint8_t *nfc = NULL;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80) {
			utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s,
			                                  (utf8proc_ssize_t)len, &nfc,
			                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
			if (r == UTF8PROC_ERROR_NOMEM)
				return NULL;
			if (r >= 0)
				s = (const char *)nfc, len = (size_t)r;
			break;
		}
	vp_buf *b = &c->redacted;
	vp_buf_clear(b);
	int bad = vp_redact_with(c->o.given_names, s, len, b) || vp_buf_putc(b, 0);
	free(nfc);
	if (bad)
		return NULL;
	if (!m)
		return b->data;
	char *raw = strdup(name), *masked = strdup(b->data);
	if (!raw || !masked) {
		free(raw);
		free(masked);
		return NULL;
	}
	free(m->raw);
	free(m->masked);
	*m = (struct name_memo){raw, masked, NULL};
	*memo = m;
	return masked;
}

const char *vpc_safe_name(vp_count *c, const char *name)
{
	struct name_memo *m;
	return safe_name_memo(c, name, &m);
}

uint64_t vp_count_source_key(const char *src, size_t srclen)
{
	return src ? vp_hash64(src, srclen) : 0;
}

uint64_t vp_count_respondent_key_in(const char *resp, size_t n, uint64_t srckey)
{
	/* another source's "17" is another person */
	return vp_hash64(resp, n) ^ srckey * 0x9E3779B97F4A7C15ULL;
}

uint64_t vp_count_respondent_key(const char *resp, size_t n, const char *src, size_t srclen)
{
	return vp_count_respondent_key_in(resp, n, vp_count_source_key(src, srclen));
}

/* Count the record described by v, its themes being in c->rt. */
int vpc_count_view(vp_count *c, const struct view *v, vp_err *e)
{
	/* one count, one lexicon: refused before anything of it is counted */
	if (vpc_lexicon_take(c, v->lexicon, 0, e))
		return e->code;
	/* Find every group first, so a failure leaves no partial count. */
	struct group *gs[5];
	size_t ng = 0;
	const char *name;
	gs[ng++] = &c->total;
	struct name_memo *nm;
	if (!(name = safe_name_memo(c, v->flat, &nm)))
		return vp_errf(e, EX_OSERR, "out of memory");
	/* the group of the name the memo holds, looked up once: records of a
	 * respondent, and of a locality, come together */
	struct group *fg = nm && nm->flat ? nm->flat : vpc_gmap_get(c, &c->flat, name, e);
	if (!fg)
		return e->code;
	if (nm)
		nm->flat = fg;
	gs[ng++] = fg;
	if (c->o.nested && !c->o.by) {
		struct gmap *m = &c->total.children;
		for (int lv = VP_LEVEL_SYSTEM; lv >= VP_LEVEL_LOCALITY; lv--) {
			if (!(name = vpc_safe_name(c, v->level[lv])))
				return vp_errf(e, EX_OSERR, "out of memory");
			struct group *g = vpc_gmap_get(c, m, name, e);
			if (!g)
				return e->code;
			gs[ng++] = g;
			m = &g->children;
		}
	}
	size_t camp = (size_t)-1;
	if (c->o.dedup && v->campaign) {
		if (!v->id || !v->text)
			return vp_errf(e, EX_DATAERR, "a campaign record needs \"id\" and \"text\"");
		/* the ids are published with the campaign (an id column can
		 * hold e-mails): masked as its text is; ids that mask alike
		 * name one campaign, as equal ids do */
		if (vpc_mask_cstr(c, &c->camp_id, v->campaign) || vpc_mask_cstr(c, &c->camp_ex, v->id))
			return vp_errf(e, EX_OSERR, "out of memory");
		if ((camp = campaign_get(c, c->camp_id.data, e)) == (size_t)-1)
			return e->code;
		if (vpc_redact_into(c, v->text) ||
		    vpc_campaign_merge(c, c->camp_id.data, 1, c->camp_ex.data, c->redacted.data, e))
			return e->code ? e->code : vp_errf(e, EX_OSERR, "out of memory");
		/* is its first record among those counted?  (vp_count_warn_end
		 * asks again of those not found yet: it may come later) */
		struct campaign *k = &c->camps[camp];
		if (!k->first_seen && !c->o.part) {
			uint64_t key = vp_hash64(v->campaign, strlen(v->campaign));
			if (c->ids && vp_seen_has(c->ids, key))
				k->first_seen = 1;
			else if (!k->keyed)
				k->first_key = key;
			k->keyed = 1;
		}
	}
	size_t rlen = v->respondent ? strlen(v->respondent) : 0;
	uint64_t skey = v->respondent ? vp_count_source_key(v->source, v->source_len) : 0;
	uint64_t rkey = v->respondent ? vp_count_respondent_key_in(v->respondent, rlen, skey) : 0;
	c->reappeared_now = 0;
	if (v->respondent)
		c->has_resp = 1;
	if (v->untaggable)
		c->has_nt = 1;
	/* a campaign copy is no respondent's record (count_in): it neither
	 * begins a run nor interrupts one */
	if (camp == (size_t)-1 && (!v->respondent || !c->run_open || c->run_key != rkey)) {
		c->run++;
		c->run_open = v->respondent != NULL;
		c->run_key = rkey;
		int r = !v->respondent ? 0 : v->resp_seen ? v->resp_seen - 1
		                                   : seen_before(c, rkey, v->respondent, rlen, skey);
		if (r < 0)
			return vp_errf(e, EX_OSERR, "out of memory");
		if (r) {
			c->reappeared++;
			c->reappeared_now = 1;
		}
	}
	/* --dedup: the ids of the records that may be a campaign's first (no
	 * copy), so that a campaign whose first record is not among them --
	 * counted 0 times -- is said at the end (not with --part: it may be
	 * in another part) */
	if (c->o.dedup && !c->o.part && camp == (size_t)-1 && v->id &&
	    ((!c->ids && !(c->ids = vp_seen_new(0, 0))) ||
	     vp_seen_add(c->ids, vp_hash64(v->id, strlen(v->id))) < 0))
		return vp_errf(e, EX_OSERR, "out of memory");
	size_t home = c->o.quotes ? home_theme(c) : (size_t)-1;
	int redacted = 0;
	for (size_t i = 0; i < ng; i++)
		if (count_in(c, gs[i], v, camp, home, &redacted) != 0)
			return vp_errf(e, EX_OSERR, "out of memory");
	c->marked_copies += v->marked_copy != 0;
	return 0;
}

int vp_count_add(vp_count *c, const json_t *rec, vp_err *e)
{
	c->lexmixed = 0; /* whatever refuses this record, it is not its lexicon yet */
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
	if (!nul && vpc_nul_in(json_object_get(rec, "text")) && (c->o.quotes || c->o.dedup))
		nul = "text";
	const json_t *resp = json_object_get(rec, "respondent");
	if (resp && !json_is_null(resp) && !json_is_string(resp))
		return vp_errf(e, EX_DATAERR, "\"respondent\" is not a string");
	if (!nul && vpc_nul_in(resp))
		nul = "respondent";
	const json_t *camp = c->o.dedup ? json_object_get(json_object_get(rec, "campaign"), "id")
	                                : NULL;
	int marked_copy = !c->o.dedup && json_is_object(json_object_get(rec, "campaign"));
	if (camp && !json_is_string(camp))
		return vp_errf(e, EX_DATAERR, "\"campaign\" has no string \"id\"");
	if (!nul && vpc_nul_in(camp))
		nul = "campaign";
	if (nul)
		return vp_errf(e, EX_DATAERR, "\"%s\" contains a NUL character (\\u0000)", nul);
	struct view v = {0};
	v.marked_copy = marked_copy;
	if (vp_record_lexicon(rec, &v.lexicon))
		return vp_errf(e, EX_DATAERR, "\"lexicon\" is " VP_LEXICON_FP_NOT);
	char buf[5][64];
	if (c->o.by) {
		const json_t *bv = by_value(c, rec);
		const json_t *fv = json_object_get(rec, "fields");
		c->has_by |= bv != NULL; /* null too: the member is there, its value empty */
		c->has_fields |= json_is_object(fv) ? 1 : fv && !json_is_null(fv) ? 2 : 0;
	}
	v.flat = c->o.by ? by_name(c, rec, buf[3], sizeof buf[3])
	                 : level_value(rec, c->o.level, buf[3], sizeof buf[3]);
	if (c->o.nested && !c->o.by)
		for (int lv = VP_LEVEL_LOCALITY; lv <= VP_LEVEL_SYSTEM; lv++)
			v.level[lv] = level_value(rec, lv, buf[lv], sizeof buf[lv]);
	if (c->o.quotes || c->o.dedup) {
		v.id = value_name(json_object_get(rec, "id"), buf[4], sizeof buf[4]);
		v.text = json_string_value(json_object_get(rec, "text"));
	}
	v.respondent = json_string_value(resp);
	const json_t *src = json_object_get(rec, "source");
	v.source = json_string_value(src);
	v.source_len = json_string_length(src);
	if (v.respondent && !*v.respondent)
		v.respondent = NULL;
	if (sentiment_of(c, json_object_get(rec, "sentiment"), "\"sentiment\"", &v.sent, e))
		return e->code;
	v.campaign = json_string_value(camp);
	const json_t *untag = json_object_get(rec, "untaggable");
	if (untag && !json_is_null(untag)) {
		if (!json_is_string(untag))
			return vp_errf(e, EX_DATAERR, "\"untaggable\" is not a string");
		/* counted under a theme and as not tagged, the record would be
		 * two of records = tagged + untagged + not tagged */
		if (json_array_size(json_object_get(rec, "themes")))
			return vp_errf(e, EX_DATAERR, "\"untaggable\" record with themes (vp-tag "
			               "gives a record it could not read none)");
		v.untaggable = 1;
	}
	return vpc_count_view(c, &v, e);
}
