/* suggest.c - see include/voxpop/suggest.h */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "voxpop/buf.h"
#include "voxpop/csv.h"
#include "voxpop/hash.h"
#include "voxpop/redact.h"
#include "voxpop/str.h"
#include "voxpop/suggest.h"
#include "suggest_impl.h"

/* Common English words: a phrase of these alone is never proposed. */
static const char *const stopwords[] = {
	"a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at",
	"be", "been", "being", "but", "by", "can", "could", "did", "do", "does", "for",
	"from", "get", "got", "had", "has", "have", "he", "her", "him", "his", "i", "if",
	"in", "into", "is", "it", "its", "just", "me", "more", "my", "no", "not", "of",
	"on", "one", "or", "our", "out", "she", "so", "some", "than", "that", "the",
	"their", "them", "then", "there", "they", "this", "to", "too", "up", "us", "very",
	"was", "we", "were", "what", "when", "which", "who", "will", "with", "would",
	"you", "your", "really", "been", "im", "ive", "dont", "didnt", "its", "well",
	"much", "other", "over", "only", "way", "even", "every", "thing", "things",
	NULL
};

double vp_f1(double tp, double fp, double fn)
{
	double d = 2 * tp + fp + fn;
	return d > 0 ? 2 * tp / d : 0;
}

int vps_intern_stem(vp_suggest *s, const char *w, size_t n, size_t *out)
{
	size_t *at;
	int got = vp_strmap_put(&s->stemmap, w, n, s->nstem, &at);
	if (got < 0)
		return -1;
	if (got == 0) {
		*out = *at;
		return 0;
	}
	if (s->nstem == UINT32_MAX - 1 ||
	    vp_grow(&s->stem, &s->capstem, s->nstem + 1, sizeof *s->stem) < 0)
		return -1;
	size_t cap = s->capstem;
	unsigned char *st = realloc(s->stop, cap);
	if (!st)
		return -1;
	s->stop = st;
	unsigned char *ps = realloc(s->personal, cap);
	if (!ps)
		return -1;
	s->personal = ps;
	size_t *b = realloc(s->best, cap * sizeof *b);
	if (!b)
		return -1;
	s->best = b;
	if (!(s->stem[s->nstem] = strndup(w, n)))
		return -1;
	s->stop[s->nstem] = vp_strmap_get(&s->stopmap, w, n) != NULL;
	s->personal[s->nstem] = 0;
	s->best[s->nstem] = NONE;
	*out = s->nstem++;
	return 0;
}

vp_suggest *vp_suggest_new(const vp_suggest_opts *o, vp_text *tx, vp_err *e)
{
	vp_suggest *s = calloc(1, sizeof *s);
	if (!s) {
		vp_oom(e);
		return NULL;
	}
	s->o = *o;
	if (!s->o.min_support)
		s->o.min_support = 3;
	if (!s->o.top)
		s->o.top = 10;
	if (s->o.min_precision < 0)
		s->o.min_precision = 0.5;
	if (!s->o.max_n)
		s->o.max_n = 3;
	s->tx = tx;
	vp_tokens t = VP_TOKENS_INIT;
	for (size_t i = 0; stopwords[i]; i++) {
		vp_tokens_clear(&t);
		int rc = vp_text_tokenise(tx, stopwords[i], strlen(stopwords[i]), 0, &t, e);
		if (rc || (t.n == 1 && vp_strmap_put(&s->stopmap, vp_token(&t, 0), t.len[0], 1, NULL) < 0)) {
			if (!rc)
				vp_oom(e);
			vp_tokens_free(&t);
			vp_suggest_free(s);
			return NULL;
		}
	}
	vp_tokens_free(&t);
	return s;
}

static void free_picks(tres *r)
{
	for (size_t i = 0; i < r->npicks; i++)
		free(r->picks[i].entry);
	free(r->picks);
	free(r->members);
}

void vp_suggest_free(vp_suggest *s)
{
	if (!s)
		return;
	vp_tally_free(&s->not_coded);
	vp_tally_free(&s->repeated);
	free(s->pairs_note);
	vp_strmap_free(&s->stopmap);
	vp_strmap_free(&s->stemmap);
	for (size_t i = 0; i < s->nstem; i++)
		free(s->stem[i]);
	free(s->stem);
	free(s->stop);
	free(s->personal);
	free(s->best);
	vp_strmap_free(&s->surfmap);
	for (size_t i = 0; i < s->nsurf; i++)
		free(s->surf[i]);
	free(s->surf);
	free(s->surfstem);
	free(s->surfcount);
	for (size_t i = 0; i < s->nthemes; i++)
		free(s->themes[i]);
	free(s->themes);
	vp_strmap_free(&s->codedmap);
	for (size_t i = 0; i < s->ncoded; i++)
		free(s->coded[i].id);
	free(s->coded);
	free(s->gold);
	free(s->pred);
	for (size_t i = 0; i < s->nrecs; i++) {
		free(s->recs[i].id);
		free(s->recs[i].text);
		free(s->recs[i].tok);
		free(s->recs[i].spans);
	}
	free(s->recs);
	for (size_t i = 0; i < s->nres; i++)
		free_picks(&s->res[i]);
	free(s->res);
	for (size_t i = 0; i < s->nphr; i++)
		free(s->phr[i].text);
	free(s->phr);
	vp_tokens_free(&s->scratch);
	vp_tokens_free(&s->pscratch);
	vp_buf_free(&s->red);
	free(s->fr);
	free(s->fkeys);
	vp_strmap_free(&s->inlist);
	for (size_t i = 0; i < s->nwild; i++)
		free(s->wild[i].prefix);
	free(s->wild);
	free(s);
}

/* ---- the coded set ---- */

static int set_themes(vp_suggest *s, char **names, size_t n)
{
	s->themes = names;
	s->nthemes = n;
	return 0;
}

/* Add coded row id (or find it); its gold bytes are zeroed when new. */
static int add_coded(vp_suggest *s, const char *id, int held, size_t *out)
{
	size_t *at;
	int got = vp_strmap_put(&s->codedmap, id, strlen(id), s->ncoded, &at);
	if (got < 0)
		return -1;
	if (got == 0) {
		*out = *at;
		return 0;
	}
	size_t cap = s->capcoded;
	if (vp_grow(&s->coded, &s->capcoded, s->ncoded + 1, sizeof *s->coded) < 0)
		return -1;
	if (cap != s->capcoded) {
		unsigned char *g = realloc(s->gold, s->capcoded * (s->nthemes ? s->nthemes : 1));
		if (!g)
			return -1;
		s->gold = g;
		unsigned char *p = realloc(s->pred, s->capcoded * (s->nthemes ? s->nthemes : 1));
		if (!p)
			return -1;
		s->pred = p;
	}
	coded *c = &s->coded[s->ncoded];
	if (!(c->id = strdup(id)))
		return -1;
	c->rec = NONE;
	c->held = held;
	memset(s->gold + s->ncoded * s->nthemes, 0, s->nthemes);
	memset(s->pred + s->ncoded * s->nthemes, 0, s->nthemes);
	*out = s->ncoded++;
	return 0;
}

int vp_suggest_gold_eval(vp_suggest *s, const vp_eval *ev, int held, vp_err *e)
{
	size_t nt = vp_eval_nthemes(ev);
	if (!s->themes) {
		char **names = calloc(nt ? nt : 1, sizeof *names);
		if (!names)
			return vp_oom(e);
		for (size_t t = 0; t < nt; t++)
			if (!(names[t] = strdup(vp_eval_theme_name(ev, t)))) {
				for (size_t u = 0; u < t; u++)
					free(names[u]);
				free(names);
				return vp_oom(e);
			}
		set_themes(s, names, nt);
	} else if (nt != s->nthemes) {
		return vp_errf(e, EX_SOFTWARE, "the parts of the coded set have different themes");
	}
	s->have_gold = 1;
	for (size_t r = 0; r < vp_eval_nrows(ev); r++) {
		size_t c;
		if (add_coded(s, vp_eval_row_id(ev, r), held, &c) < 0)
			return vp_oom(e);
		memcpy(s->gold + c * nt, vp_eval_row_gold(ev, r), nt);
	}
	return 0;
}


/* The whole of fp in b (a coded set is small): the separator is chosen
 * from its first line before the CSV reader starts. */
static int read_all(FILE *fp, vp_buf *b, const char *name, vp_err *e)
{
	size_t got;
	do {
		if (vp_buf_reserve(b, 65536) < 0)
			return vp_oom(e);
		got = fread(b->data + b->len, 1, 65536, fp);
		b->len += got;
	} while (got == 65536);
	if (ferror(fp))
		return vp_errf(e, EX_IOERR, "%s: read error: %s", name, strerror(errno));
	b->data[b->len] = '\0';
	return 0;
}

/* TAB when the first line that is not blank or a '#' comment has one. */
static int pairs_delim(const vp_buf *b)
{
	const char *p = b->data, *end = b->data + b->len;
	if (b->len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *q = p;
		size_t n = (nl ? nl : end) - p;
		while (q < p + n && vp_is_space((unsigned char)*q))
			q++;
		if (q < p + n && *q != '#')
			return memchr(p, '\t', n) ? '\t' : ',';
		p += n + 1;
	}
	return ',';
}

/* Theme t and its ancestors into names (keyed in lower case: "Access" and
 * "access" are one theme, spelt as first seen) and tnames. */
static int add_theme_names(vp_strmap *names, char ***tnames, size_t *ntn, size_t *cap,
                           const char *t, vp_buf *key)
{
	for (const char *p = strchr(t, '/');; p = strchr(p + 1, '/')) {
		size_t len = p ? (size_t)(p - t) : strlen(t);
		vp_buf_clear(key);
		for (size_t i = 0; i < len; i++)
			if (vp_buf_putc(key, tolower((unsigned char)t[i])) < 0)
				return -1;
		int put = vp_strmap_put(names, key->data, len, *ntn, NULL);
		if (put < 0)
			return -1;
		if (put == 1) {
			if (vp_grow(tnames, cap, *ntn + 1, sizeof **tnames) < 0 ||
			    !((*tnames)[*ntn] = strndup(t, len)))
				return -1;
			++*ntn;
		}
		if (!p)
			return 0;
	}
}

/* Does the first row's theme cell name its column ("Theme", "Codes")?
 * Then the row is the export's header, whatever the id column is called
 * ("Comment ID"), not a comment coded with a theme of that name. */
static int names_theme_column(const char *cell)
{
	static const char *const names[] = {"theme", "themes", "code", "codes", "label", "labels",
	                                     "category", "categories"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcasecmp(cell, names[i]) == 0)
			return 1;
	return 0;
}

/* Field i of the row, trimmed, malloc'd; NULL when out of memory. */
static char *trimmed_field(vp_csv *c, size_t i)
{
	char *f = strdup(vp_csv_field(c, i, NULL));
	if (!f)
		return NULL;
	char *t = vp_trim(f);
	memmove(f, t, strlen(t) + 1);
	return f;
}

/* The coded rows from first on, coded in the file both "id," (no theme),
 * first at line blank_at[row - first], and with a theme, at theme_at (0:
 * not so coded): the theme is kept, and s->pairs_note names the first such
 * id's two lines and how many more there are.  -1 when out of memory. */
static int note_blank_and_themed(vp_suggest *s, const char *name, const unsigned long *blank_at,
                                 const unsigned long *theme_at, size_t first)
{
	size_t n = 0, at = 0;
	for (size_t c = first; c < s->ncoded; c++)
		if (blank_at[c - first] && theme_at[c - first] && !n++)
			at = c - first;
	if (!n)
		return 0;
	vp_buf b = VP_BUF_INIT;
	unsigned long bl = blank_at[at], tl = theme_at[at];
	int rc = vp_buf_printf(&b, "%s:%lu: id '%s' is coded with %s, and with %s at line %lu: the "
	                       "theme is kept", name, bl < tl ? bl : tl, s->coded[at + first].id,
	                       bl < tl ? "no theme" : "a theme", bl < tl ? "a theme" : "no theme",
	                       bl < tl ? tl : bl);
	if (!rc && n > 1)
		rc = vp_buf_printf(&b, " (so are %zu more id%s)", n - 1, n == 2 ? "" : "s");
	if (rc < 0) {
		vp_buf_free(&b);
		return -1;
	}
	free(s->pairs_note);
	s->pairs_note = vp_buf_steal(&b);
	return 0;
}

int vp_suggest_gold_pairs(vp_suggest *s, FILE *fp, const char *name, vp_err *e)
{
	vp_buf all = VP_BUF_INIT, key = VP_BUF_INIT;
	char **ids = NULL, **th = NULL, *id = NULL, *cell = NULL;
	unsigned long *lines = NULL;   /* the line of each pair */
	unsigned long *blank_at = NULL, *theme_at = NULL; /* per coded row: first such line */
	size_t n = 0, cap = 0, capth = 0, caplines = 0;
	vp_strmap names = VP_STRMAP_INIT;
	char **tnames = NULL;
	size_t ntn = 0, captn = 0;
	int rc, got, rows = 0;
	FILE *mem = NULL;
	vp_csv *c = NULL;

	if ((rc = read_all(fp, &all, name, e)))
		goto out;
	if (all.len) {
		/* as spreadsheets write CSV: quoted fields, CRLF, a BOM */
		vp_csv_opts co = {0};
		co.delim = pairs_delim(&all);
		if (!(mem = fmemopen(all.data, all.len, "r"))) {
			rc = vp_errf(e, EX_OSERR, "%s: %s", name, strerror(errno));
			goto out;
		}
		if (!(c = vp_csv_open(mem, name, &co)))
			goto oom;
	}
	while (c && (got = vp_csv_next(c, e)) == 1) {
		unsigned long lineno = vp_csv_line(c);
		size_t nf = vp_csv_nfields(c), len;
		for (size_t i = 0; i < nf; i++)
			if (strlen(vp_csv_field(c, i, &len)) != len) {
				rc = vp_errf_at(e, EX_DATAERR, name, lineno, "NUL byte");
				goto out;
			}
		free(id);
		free(cell);
		cell = NULL;
		if (!(id = trimmed_field(c, 0)))
			goto oom;
		if ((nf == 1 && !*id) || *id == '#')
			continue;
		/* an export's empty columns after the two */
		while (nf > 2 && vp_blank(vp_csv_field(c, nf - 1, &len), len))
			nf--;
		if (nf == 1) {
			rc = vp_errf_at(e, EX_DATAERR, name, lineno, "expected id,theme");
			goto out;
		}
		/* a third field is an error, not part of the id or another theme */
		if (nf > 2) {
			rc = vp_errf_at(e, EX_DATAERR, name, lineno,
			                "expected id,theme (one theme a line, or \"a; b\"), not %zu fields", nf);
			goto out;
		}
		if (!(cell = trimmed_field(c, 1)))
			goto oom;
		if (!rows++ && names_theme_column(cell))
			continue;
		if (!*id) {
			rc = vp_errf_at(e, EX_DATAERR, name, lineno, "empty id");
			goto out;
		}
		/* "a; b" (or "a, b" quoted, "a|b"): themes of one comment */
		char *save = NULL, *t = strtok_r(cell, ";,|", &save);
		do {
			t = t ? vp_trim(t) : cell;
			if (*t && !vp_eval_theme_name_ok(t)) {
				rc = vp_errf_at(e, EX_DATAERR, name, lineno, "bad theme name '%s'", t);
				goto out;
			}
			if (t != cell && !*t)
				continue;
			if (vp_grow(&ids, &cap, n + 1, sizeof *ids) < 0 ||
			    vp_grow(&th, &capth, n + 1, sizeof *th) < 0 ||
			    vp_grow(&lines, &caplines, n + 1, sizeof *lines) < 0)
				goto oom;
			lines[n] = lineno;
			if (!(ids[n] = strdup(id)))
				goto oom;
			if (!(th[n] = strdup(t))) {
				free(ids[n]);
				goto oom;
			}
			n++;
			if (*t && add_theme_names(&names, &tnames, &ntn, &captn, t, &key) < 0)
				goto oom;
		} while ((t = strtok_r(NULL, ";,|", &save)));
	}
	if (c && got != 0) {
		rc = got;
		goto out;
	}
	if (!n) {
		rc = vp_errf_at(e, EX_DATAERR, name, 0, "no coded comments");
		goto out;
	}
	if (!ntn) {
		rc = vp_errf_at(e, EX_DATAERR, name, 0, "no comment is coded with a theme (only \"id,\" lines)");
		goto out;
	}
	if (s->themes) {
		rc = vp_errf(e, EX_USAGE, "%s: only one coded set", name);
		goto out;
	}
	set_themes(s, tnames, ntn);
	tnames = NULL;
	s->have_gold = 1;
	/* each pair adds at most one coded row: n of each suffice */
	if (!(blank_at = calloc(n, sizeof *blank_at)) || !(theme_at = calloc(n, sizeof *theme_at)))
		goto oom;
	size_t first_coded = s->ncoded;
	for (size_t i = 0; i < n; i++) {
		int held = s->o.split_n && vp_eval_hash(ids[i], strlen(ids[i])) % s->o.split_n == 0;
		size_t cr;
		if (add_coded(s, ids[i], held, &cr) < 0)
			goto oom;
		unsigned long *at = *th[i] ? &theme_at[cr - first_coded] : &blank_at[cr - first_coded];
		if (!*at)
			*at = lines[i];
		for (size_t t = 0; t < s->nthemes; t++)
			if (*th[i] && vp_eval_theme_covers(s->themes[t], th[i]))
				s->gold[cr * s->nthemes + t] = 1;
	}
	if (note_blank_and_themed(s, name, blank_at, theme_at, first_coded) < 0)
		goto oom;
	goto out;
oom:
	rc = vp_oom(e);
out:
	vp_csv_close(c);
	if (mem)
		fclose(mem);
	for (size_t i = 0; i < n; i++) {
		free(ids[i]);
		free(th[i]);
	}
	free(ids);
	free(th);
	free(lines);
	free(blank_at);
	free(theme_at);
	free(id);
	free(cell);
	if (tnames) {
		for (size_t i = 0; i < ntn; i++)
			free(tnames[i]);
		free(tnames);
	}
	vp_strmap_free(&names);
	vp_buf_free(&key);
	vp_buf_free(&all);
	return rc;
}

/* ---- records ---- */

static int add_surface(vp_suggest *s, const char *w, size_t n, size_t sid)
{
	size_t *at;
	int got = vp_strmap_put(&s->surfmap, w, n, s->nsurf, &at);
	if (got < 0)
		return -1;
	if (got == 0) {
		s->surfcount[*at]++;
		return 0;
	}
	size_t cap = s->capsurf;
	if (vp_grow(&s->surf, &s->capsurf, s->nsurf + 1, sizeof *s->surf) < 0)
		return -1;
	if (cap != s->capsurf) {
		size_t *a = realloc(s->surfstem, s->capsurf * sizeof *a);
		if (!a)
			return -1;
		s->surfstem = a;
		size_t *b = realloc(s->surfcount, s->capsurf * sizeof *b);
		if (!b)
			return -1;
		s->surfcount = b;
	}
	if (!(s->surf[s->nsurf] = strndup(w, n)))
		return -1;
	s->surfstem[s->nsurf] = sid;
	s->surfcount[s->nsurf++] = 1;
	return 0;
}

static long theme_index(const vp_suggest *s, const char *name)
{
	for (size_t t = 0; t < s->nthemes; t++)
		if (strcasecmp(s->themes[t], name) == 0)
			return (long)t;
	return -1;
}

static int add_spans(rec *r, size_t t, const json_t *spans)
{
	size_t i;
	json_t *sp;
	json_array_foreach(spans, i, sp) {
		json_t *a = json_array_get(sp, 0), *b = json_array_get(sp, 1);
		if (!json_is_integer(a) || !json_is_integer(b) || json_integer_value(a) < 0 ||
		    json_integer_value(b) <= json_integer_value(a) ||
		    (size_t)json_integer_value(b) > r->ntok)
			continue;
		if (vp_grow(&r->spans, &r->capspans, r->nspans + 1, sizeof *r->spans) < 0)
			return -1;
		r->spans[r->nspans++] = (span){t, (size_t)json_integer_value(a),
		                               (size_t)json_integer_value(b)};
	}
	return 0;
}

/* vp-redact's audit: the stems of a span it removed (a name, an e-mail, an
 * address, a number; not a date of birth's month) are personal data, never
 * an entry or a phrase (vp_suggest_add).  0, or -1 when out of memory. */
static int mark_personal(void *ctx, int type, const char *text, size_t start, size_t end)
{
	vp_suggest *s = ctx;
	if (type == VP_REDACT_DOB)
		return 0;
	vp_err ignore = {0};
	vp_tokens_clear(&s->pscratch);
	int rc = vp_text_tokenise(s->tx, text + start, end - start, 0, &s->pscratch, &ignore);
	if (rc == EX_OSERR)
		return -1;
	for (size_t i = 0; !rc && i < s->pscratch.n; i++) {
		size_t sid;
		if (vps_intern_stem(s, vp_token(&s->pscratch, i), s->pscratch.len[i], &sid) < 0)
			return -1;
		s->personal[sid] = 1;
	}
	return 0;
}

int vp_suggest_add(vp_suggest *s, const json_t *j, vp_err *e)
{
	char idbuf[32];
	const char *id = NULL;
	json_t *jid = json_object_get(j, "id");
	if (json_is_string(jid))
		id = json_string_value(jid);
	else if (json_is_integer(jid)) {
		snprintf(idbuf, sizeof idbuf, "%" JSON_INTEGER_FORMAT, json_integer_value(jid));
		id = idbuf;
	}
	if (!id)
		return vp_errf(e, EX_DATAERR, "record without a string or integer \"id\"");
	json_t *toks = json_object_get(j, "tokens");
	if (!json_is_array(toks))
		return vp_errf(e, EX_DATAERR, "record '%.60s' has no \"tokens\" (run vp-normalise and vp-tag first)", id);
	size_t *cp = vp_strmap_get(&s->codedmap, id, strlen(id));
	size_t c = cp ? *cp : NONE;
	if (c != NONE && s->coded[c].rec != NONE) {
		/* a second record for the same coded id: the first counts, and
		 * the rest are counted (two exports whose ids begin again) */
		return vp_tally_add(&s->repeated, id) ? vp_oom(e) : 0;
	}
	if (c == NONE && !s->o.untagged) {
		return vp_tally_add(&s->not_coded, id) ? vp_oom(e) : 0;
	}
	/* another language than the lexicon's: no entry would tag it, so none
	 * is learnt from its words; nor is it a comment no theme caught */
	int untaggable = json_is_string(json_object_get(j, "untaggable"));
	if (untaggable) {
		s->untaggable++;
		if (s->o.untagged)
			return 0;
	}
	if (vp_grow(&s->recs, &s->caprecs, s->nrecs + 1, sizeof *s->recs) < 0)
		return vp_oom(e);
	rec *r = &s->recs[s->nrecs];
	memset(r, 0, sizeof *r);
	r->coded = c;
	size_t nt = untaggable ? 0 : json_array_size(toks);
	if (!(r->id = strdup(id)) || !(r->tok = malloc((nt ? nt : 1) * sizeof *r->tok)))
		goto oom;
	for (size_t i = 0; i < nt; i++) {
		const char *w = json_string_value(json_array_get(toks, i));
		size_t sid;
		if (!w) {
			free(r->id);
			free(r->tok);
			return vp_errf(e, EX_DATAERR, "record '%.60s': a token is not a string", id);
		}
		if (vps_intern_stem(s, w, strlen(w), &sid) < 0)
			goto oom;
		r->tok[i] = (uint32_t)sid;
	}
	r->ntok = nt;
	const char *text = json_string_value(json_object_get(j, "text"));
	/* the comment as vp-redact writes it: the examples are read by people */
	vp_redactor rd = {0, mark_personal, s, NULL};
	vp_buf_clear(&s->red);
	if (text && vp_redact_record(&rd, text, strlen(text), &s->red, NULL) < 0)
		goto oom;
	if (!(r->text = text ? strndup(s->red.data ? s->red.data : "", s->red.len) : strdup("")))
		goto oom;
	if (text) {
		vp_err ignore = {0};
		vp_tokens_clear(&s->scratch);
		int rc = vp_text_tokenise(s->tx, text, strlen(text), VP_TEXT_NOSTEM, &s->scratch, &ignore);
		if (rc == EX_OSERR)
			goto oom;
		if (!rc && s->scratch.n == nt)
			for (size_t i = 0; i < nt; i++)
				if (add_surface(s, vp_token(&s->scratch, i), s->scratch.len[i], r->tok[i]) < 0)
					goto oom;
	}
	json_t *themes = json_object_get(j, "themes"), *it;
	size_t i;
	int fired = 0, spanned = 0;
	json_array_foreach(themes, i, it) {
		const char *name = json_is_string(it) ? json_string_value(it)
		                                      : json_string_value(json_object_get(it, "theme"));
		if (!name)
			continue;
		r->any = fired = 1;
		if (c == NONE)
			continue;
		for (size_t t = 0; t < s->nthemes; t++)
			if (vp_eval_theme_covers(s->themes[t], name))
				s->pred[c * s->nthemes + t] = 1;
		long t = theme_index(s, name);
		json_t *spans = json_object_get(it, "spans");
		if (json_is_array(spans)) {
			spanned = 1;
			/* other themes' spans too: a longer match takes the words */
			if (add_spans(r, t >= 0 ? (size_t)t : NONE, spans) < 0)
				goto oom;
		}
	}
	if (fired && !spanned && c != NONE)
		s->without_spans++;
	if (c != NONE)
		s->coded[c].rec = s->nrecs;
	s->nrecs++;
	return 0;
oom:
	free(r->id);
	free(r->tok);
	free(r->text);
	free(r->spans);
	return vp_oom(e);
}

/* ---- candidates ---- */

static void cset_free(cset *cs)
{
	vp_strmap_free(&cs->map);
	for (size_t i = 0; i < cs->n; i++)
		free(cs->c[i].post);
	free(cs->c);
	free(cs->keys);
	memset(cs, 0, sizeof *cs);
}

/* Post row (with flag) to the candidate keyed by key[0..n) (created when
 * create), once per record rno.  0 or -1. */
static int post(cset *cs, const uint32_t *key, unsigned n, int excl, int create, size_t rno,
                size_t val, int fit)
{
	uint32_t k[16];
	k[0] = (uint32_t)excl;
	memcpy(k + 1, key, n * sizeof *key);
	size_t *at = vp_strmap_get(&cs->map, (const char *)k, (n + 1) * sizeof *k);
	size_t ci;
	if (at) {
		ci = *at;
	} else {
		if (!create)
			return 0;
		if (vp_strmap_put(&cs->map, (const char *)k, (n + 1) * sizeof *k, cs->n, NULL) < 0 ||
		    vp_grow(&cs->c, &cs->cap, cs->n + 1, sizeof *cs->c) < 0 ||
		    vp_grow(&cs->keys, &cs->capkeys, cs->nkeys + n, sizeof *cs->keys) < 0)
			return -1;
		ci = cs->n++;
		memset(&cs->c[ci], 0, sizeof cs->c[ci]);
		cs->c[ci].key = cs->nkeys;
		cs->c[ci].n = n;
		cs->c[ci].excl = excl;
		memcpy(cs->keys + cs->nkeys, key, n * sizeof *key);
		cs->nkeys += n;
	}
	cand *c = &cs->c[ci];
	if (c->last == rno + 1) {
		/* an exclusion that drops the record in one place drops it */
		if (c->npost && val & 1)
			c->post[c->npost - 1] |= 1;
		return 0;
	}
	c->last = rno + 1;
	if (vp_grow(&c->post, &c->cap, c->npost + 1, sizeof *c->post) < 0)
		return -1;
	c->post[c->npost++] = val;
	if (fit)
		c->nfit++;
	return 0;
}

static int all_stop(const vp_suggest *s, const uint32_t *k, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (k[i] != GAP && !s->stop[k[i]])
			return 0;
	return 1;
}

/* A phrase never to propose or list: all stopwords, or a word that was
 * personal data in some comment (a name: an entry of it would be matched,
 * and listed in "hits", from then on). */
static int no_phrase(const vp_suggest *s, const uint32_t *k, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (k[i] != GAP && s->personal[k[i]])
			return 1;
	return all_stop(s, k, n);
}

/* Does a span of r longer than n tokens overlap [i, i + n)?  Then an
 * entry matching there loses those words (longest match wins). */
static int taken_longer(const rec *r, size_t i, unsigned n)
{
	for (size_t sp = 0; sp < r->nspans; sp++) {
		const span *x = &r->spans[sp];
		if (x->end - x->start > n && x->start < i + n && i < x->end)
			return 1;
	}
	return 0;
}

/* Additions: n-grams and gap phrases of every coded record, posted with
 * bit 0 set where some place they match is not taken by a longer match. */
static int gen_adds(vp_suggest *s, cset *cs, int fit)
{
	for (size_t ri = 0; ri < s->nrecs; ri++) {
		const rec *r = &s->recs[ri];
		if (r->coded == NONE || s->coded[r->coded].held == fit)
			continue;
		for (size_t i = 0; i < r->ntok; i++)
			for (unsigned n = 1; n <= s->o.max_n && i + n <= r->ntok; n++) {
				uint32_t k[16];
				memcpy(k, r->tok + i, n * sizeof *k);
				if (no_phrase(s, k, n))
					continue;
				size_t v = r->coded << 1 | (size_t)!taken_longer(r, i, n);
				if (post(cs, k, n, 0, fit, ri, v, fit) < 0)
					return -1;
				if (n == 3) {
					k[1] = GAP;
					if (!s->stop[k[0]] && !s->stop[k[2]] &&
					    post(cs, k, n, 0, fit, ri, v, fit) < 0)
						return -1;
				}
			}
	}
	return 0;
}

int vps_matches_at(const rec *r, size_t i, const uint32_t *k, unsigned n)
{
	if (i + n > r->ntok)
		return 0;
	for (unsigned j = 0; j < n; j++)
		if (k[j] != GAP && r->tok[i + j] != k[j])
			return 0;
	return 1;
}

/* Does k[0..n) match r somewhere overlapping [a, b)? */
static int match_overlaps(const rec *r, const uint32_t *k, unsigned n, size_t a, size_t b)
{
	for (size_t i = a >= n ? a - n + 1 : 0; i < b; i++)
		if (vps_matches_at(r, i, k, n))
			return 1;
	return 0;
}

/* Is token j inside a match of k[0..n) in r? */
static int covers_token(const rec *r, const uint32_t *k, unsigned n, size_t j)
{
	for (size_t i = j >= n ? j - n + 1 : 0; i <= j; i++)
		if (vps_matches_at(r, i, k, n))
			return 1;
	return 0;
}

/* Does an exclusion k[0..n) cover every span of theme t in r, every token?
 * Overlapping a span blocks that match, but a shorter entry of t under it
 * (the longer match hid it: "safe" under "feel safe") then fires unless it
 * is blocked too, and the record cannot show one: only an exclusion over
 * all of the span's tokens is sure to block every match inside it. */
static int drops(const rec *r, size_t t, const uint32_t *k, unsigned n)
{
	for (size_t sp = 0; sp < r->nspans; sp++) {
		const span *x = &r->spans[sp];
		if (x->theme != t)
			continue;
		for (size_t j = x->start; j < x->end; j++)
			if (!covers_token(r, k, n, j))
				return 0;
	}
	return 1;
}

/* Exclusions of theme t: phrases overlapping a span of t, reaching out. */
static int gen_excls(vp_suggest *s, cset *cs, size_t t, int fit)
{
	for (size_t ri = 0; ri < s->nrecs; ri++) {
		const rec *r = &s->recs[ri];
		if (r->coded == NONE || s->coded[r->coded].held == fit ||
		    !s->pred[r->coded * s->nthemes + t])
			continue;
		for (size_t sp = 0; sp < r->nspans; sp++) {
			const span *x = &r->spans[sp];
			if (x->theme != t)
				continue;
			for (unsigned n = 2; n <= s->o.max_n; n++) {
				size_t from = x->start >= n - 1 ? x->start - (n - 1) : 0;
				for (size_t i = from; i < x->end && i + n <= r->ntok; i++) {
					if (i >= x->start && i + n <= x->end)
						continue; /* inside the match: the entry itself */
					const uint32_t *k = r->tok + i;
					if (no_phrase(s, k, n))
						continue;
					size_t v = r->coded << 1 | (size_t)drops(r, t, k, n);
					if (post(cs, k, n, 1, fit, ri, v, fit) < 0)
						return -1;
				}
			}
		}
	}
	return 0;
}

/* ---- choosing ---- */

static int blocked_by(const rec *r, const picked *pk, size_t npk, size_t a, size_t b)
{
	for (size_t x = 0; x < npk; x++)
		if (pk[x].excl && match_overlaps(r, pk[x].key, pk[x].n, a, b))
			return 1;
	return 0;
}

/* Is every token of the record's span [a, b) inside some exclusion's match?
 * (The span's match is then blocked, and every shorter one the record
 * cannot show: drops.) */
static int span_blocked(const rec *r, const picked *pk, size_t npk, size_t a, size_t b)
{
	for (size_t j = a; j < b; j++) {
		size_t x = 0;
		while (x < npk && !(pk[x].excl && covers_token(r, pk[x].key, pk[x].n, j)))
			x++;
		if (x == npk)
			return 0;
	}
	return 1;
}

/* Is coded row `row` tagged with theme t once pk[0..npk) are entries of
 * t, as vp-tag would tag it?  Exclusions knock out the added entries'
 * matches they overlap and the record's spans of t they cover (drops:
 * what a span hid may fire once it is blocked); an added entry
 * fires where its words are not taken by a longer match (the record's
 * spans) and no exclusion overlaps it.  A record without spans is tagged
 * as it came (its matches are unknown). */
int vps_row_tagged(const vp_suggest *s, size_t t, size_t row, const picked *pk, size_t npk)
{
	size_t ri = s->coded[row].rec;
	int pred = s->pred[row * s->nthemes + t];
	if (ri == NONE)
		return pred;
	const rec *r = &s->recs[ri];
	int spanned = 0;
	for (size_t sp = 0; sp < r->nspans; sp++) {
		const span *x = &r->spans[sp];
		if (x->theme != t)
			continue;
		spanned = 1;
		if (!span_blocked(r, pk, npk, x->start, x->end))
			return 1;
	}
	if (pred && !spanned)
		return 1;
	for (size_t a = 0; a < npk; a++) {
		if (pk[a].excl)
			continue;
		for (size_t i = 0; i + pk[a].n <= r->ntok; i++)
			if (vps_matches_at(r, i, pk[a].key, pk[a].n) && !taken_longer(r, i, pk[a].n) &&
			    !blocked_by(r, pk, npk, i, i + pk[a].n))
				return 1;
	}
	return 0;
}

/* What candidate c (pk[npk], after the picks pk[0..npk)) would change:
 * rows it would tag (additions) or untag (exclusions), rightly or not. */
static void eval_cand(const vp_suggest *s, const cand *c, size_t t, const unsigned char *src,
                      picked *pk, size_t npk, long d_right[2], long d_wrong[2])
{
	d_right[0] = d_right[1] = d_wrong[0] = d_wrong[1] = 0;
	int excls = 0;
	for (size_t x = 0; x < npk; x++)
		excls |= pk[x].excl;
	for (size_t p = 0; p < c->npost; p++) {
		size_t row = c->post[p] >> 1;
		int part = s->coded[row].held;
		int g = s->gold[row * s->nthemes + t];
		if (!c->excl) {
			/* bit 0: it matches somewhere no longer match takes */
			if (src[row] || !(c->post[p] & 1) ||
			    (excls && !vps_row_tagged(s, t, row, pk, npk + 1)))
				continue;
			if (g)
				d_right[part]++;
			else
				d_wrong[part]++;
		} else if (src[row] && !vps_row_tagged(s, t, row, pk, npk + 1)) {
			if (g)
				d_wrong[part]++;  /* a right tag lost */
			else
				d_right[part]++;  /* a wrong tag removed */
		}
	}
}

double vps_gain_of(const counts *k, int excl, long right, long wrong, long *dtp, long *dfp)
{
	if (!excl) {
		*dtp = right;
		*dfp = wrong;
	} else {
		*dtp = -wrong;
		*dfp = -right;
	}
	return vp_f1((double)(k->tp + *dtp), (double)(k->fp + *dfp), (double)(k->fn - *dtp)) -
	       vp_f1((double)k->tp, (double)k->fp, (double)k->fn);
}

static int key_text(const vp_suggest *s, const cset *cs, const cand *c, vp_buf *b)
{
	vp_buf_clear(b);
	if (c->excl && vp_buf_putc(b, '!') < 0)
		return -1;
	for (unsigned i = 0; i < c->n; i++) {
		uint32_t k = cs->keys[c->key + i];
		const char *w = k == GAP ? "?" : s->best[k] != NONE ? s->surf[s->best[k]] : s->stem[k];
		if ((i && vp_buf_putc(b, ' ') < 0) || vp_buf_puts(b, w) < 0)
			return -1;
	}
	return 0;
}

/* Compare candidate keys for a stable order (shorter first, then ids). */
/* Shorter first, then by the words' stems ("?" first): not by their ids,
 * which follow the order the records came in. */
static int key_before(const vp_suggest *s, const cset *cs, const cand *a, const cand *b)
{
	if (a->n != b->n)
		return a->n < b->n;
	for (unsigned i = 0; i < a->n; i++) {
		uint32_t ka = cs->keys[a->key + i], kb = cs->keys[b->key + i];
		if (ka == kb)
			continue;
		if (ka == GAP || kb == GAP)
			return ka == GAP;
		return strcmp(s->stem[ka], s->stem[kb]) < 0;
	}
	return 0;
}

static unsigned nstop(const vp_suggest *s, const cset *cs, const cand *c)
{
	unsigned n = 0;
	for (unsigned i = 0; i < c->n; i++) {
		uint32_t k = cs->keys[c->key + i];
		n += k == GAP || s->stop[k];
	}
	return n;
}

/* Equal gains: more support, then fewer stopwords ("ambulance driver"
 * before "driver was"), then shorter, then by the stems' spelling. */
static int tie_before(const vp_suggest *s, const cset *cs, const cand *a, const cand *b)
{
	if (a->nfit != b->nfit)
		return a->nfit > b->nfit;
	unsigned sa = nstop(s, cs, a), sb = nstop(s, cs, b);
	if (sa != sb)
		return sa < sb;
	return key_before(s, cs, a, b);
}

static int choose(vp_suggest *s, cset *cs, size_t t, unsigned char *src, counts k[2], tres *res,
                  vp_buf *b)
{
	picked *pk = malloc((s->o.top + 1) * sizeof *pk);
	unsigned char *nsrc = malloc(s->ncoded ? s->ncoded : 1);
	int rc = 0;
	if (!pk || !nsrc) {
		free(pk);
		free(nsrc);
		return -1;
	}
	size_t npk = 0;
	while (res->npicks < s->o.top) {
		size_t best = NONE;
		double bestgain = 0;
		for (size_t i = 0; i < cs->n; i++) {
			cand *c = &cs->c[i];
			if (c->used || c->nfit < s->o.min_support)
				continue;
			long r[2], w[2], dtp, dfp;
			pk[npk] = (picked){cs->keys + c->key, c->n, c->excl};
			eval_cand(s, c, t, src, pk, npk, r, w);
			if (r[0] == 0 || (double)r[0] < s->o.min_precision * (double)(r[0] + w[0]))
				continue;
			double g = vps_gain_of(&k[0], c->excl, r[0], w[0], &dtp, &dfp);
			if (g > bestgain + 1e-12 ||
			    (best != NONE && fabs(g - bestgain) <= 1e-12 && tie_before(s, cs, c, &cs->c[best]))) {
				best = i;
				bestgain = g;
			}
		}
		if (best == NONE || bestgain <= 1e-12)
			break;
		cand *c = &cs->c[best];
		c->used = 1;
		/* Its exact effect, on every row: an exclusion also knocks out
		 * matches of additions chosen before it in rows it was not seen
		 * with.  Not taken when that leaves no gain on the fit part. */
		pk[npk] = (picked){cs->keys + c->key, c->n, c->excl};
		counts nk[2] = {{0, 0, 0}, {0, 0, 0}};
		for (size_t row = 0; row < s->ncoded; row++) {
			int part = s->coded[row].held, g = s->gold[row * s->nthemes + t];
			nsrc[row] = (unsigned char)vps_row_tagged(s, t, row, pk, npk + 1);
			nk[part].tp += g && nsrc[row];
			nk[part].fp += !g && nsrc[row];
			nk[part].fn += g && !nsrc[row];
		}
		double fit_gain = vp_f1((double)nk[0].tp, (double)nk[0].fp, (double)nk[0].fn) -
		                  vp_f1((double)k[0].tp, (double)k[0].fp, (double)k[0].fn);
		if (fit_gain <= 1e-12)
			continue;
		if (vp_grow(&res->picks, &res->cappicks, res->npicks + 1, sizeof *res->picks) < 0) {
			rc = -1;
			break;
		}
		pick *p = &res->picks[res->npicks];
		memset(p, 0, sizeof *p);
		if (key_text(s, cs, c, b) < 0 || !(p->entry = strdup(b->data))) {
			rc = -1;
			break;
		}
		res->npicks++;
		npk++;
		p->excl = c->excl;
		p->support = c->nfit;
		for (int part = 0; part < 2; part++) {
			p->dtp[part] = nk[part].tp - k[part].tp;
			p->dfp[part] = nk[part].fp - k[part].fp;
			p->gain[part] = vp_f1((double)nk[part].tp, (double)nk[part].fp, (double)nk[part].fn) -
			                vp_f1((double)k[part].tp, (double)k[part].fp, (double)k[part].fn);
		}
		/* examples: rows of the fit part it changes, right changes first */
		for (int pass = 0; pass < 2; pass++)
			for (size_t q = 0; q < c->npost && p->nex < 2; q++) {
				size_t row = c->post[q] >> 1;
				if (s->coded[row].held || nsrc[row] == src[row])
					continue;
				int good = nsrc[row] == s->gold[row * s->nthemes + t];
				if ((good || pass == 1) && (p->nex == 0 || p->ex[0] != s->coded[row].rec))
					p->ex[p->nex++] = s->coded[row].rec;
			}
		memcpy(src, nsrc, s->ncoded);
		k[0] = nk[0];
		k[1] = nk[1];
	}
	free(pk);
	free(nsrc);
	return rc;
}

static int run_theme(vp_suggest *s, cset *adds, size_t t, tres *res, vp_buf *b)
{
	unsigned char *src = malloc(s->ncoded ? s->ncoded : 1);
	counts k[2] = {{0, 0, 0}, {0, 0, 0}};
	int rc = 0;
	if (!src)
		return -1;
	res->theme = t;
	for (size_t row = 0; row < s->ncoded; row++) {
		int part = s->coded[row].held;
		int g = s->gold[row * s->nthemes + t], p = s->pred[row * s->nthemes + t];
		src[row] = (unsigned char)p;
		res->rows[part]++;
		res->gold[part] += (unsigned long)g;
		k[part].tp += g && p;
		k[part].fp += !g && p;
		k[part].fn += g && !p;
	}
	for (int part = 0; part < 2; part++)
		res->before[part] = vp_f1((double)k[part].tp, (double)k[part].fp, (double)k[part].fn);
	for (size_t i = 0; i < adds->n; i++)
		adds->c[i].used = 0;
	cset ex = {0};
	if (gen_excls(s, &ex, t, 1) < 0 || gen_excls(s, &ex, t, 0) < 0)
		rc = -1;
	/* one pool: additions and this theme's exclusions compete */
	if (!rc) {
		cset *both = &ex;
		size_t base = ex.n;
		/* append the additions' candidates to ex by reference: copy structs */
		if (vp_grow(&ex.c, &ex.cap, ex.n + adds->n, sizeof *ex.c) < 0 ||
		    vp_grow(&ex.keys, &ex.capkeys, ex.nkeys + adds->nkeys, sizeof *ex.keys) < 0) {
			rc = -1;
		} else {
			memcpy(ex.keys + ex.nkeys, adds->keys, adds->nkeys * sizeof *ex.keys);
			for (size_t i = 0; i < adds->n; i++) {
				ex.c[base + i] = adds->c[i];
				ex.c[base + i].key += ex.nkeys;
			}
			ex.n += adds->n;
			ex.nkeys += adds->nkeys;
			rc = choose(s, both, t, src, k, res, b);
			/* the postings belong to adds: do not free them twice */
			for (size_t i = 0; i < adds->n; i++)
				ex.c[base + i].post = NULL;
		}
	}
	for (int part = 0; part < 2; part++)
		res->after[part] = vp_f1((double)k[part].tp, (double)k[part].fp, (double)k[part].fn);
	cset_free(&ex);
	free(src);
	return rc;
}

/* ---- emerging phrases of untagged comments ---- */

static double xlx(double o, double ex) { return o > 0 && ex > 0 ? o * log(o / ex) : 0; }

static double g2(double a, double b, double c, double d)
{
	double n = c + d;
	if (n <= 0)
		return 0;
	double e11 = (a + b) * c / n, e12 = (a + b) * d / n;
	double e21 = (n - a - b) * c / n, e22 = (n - a - b) * d / n;
	return 2 * (xlx(a, e11) + xlx(b, e12) + xlx(c - a, e21) + xlx(d - b, e22));
}

static int cmp_phrase(const void *x, const void *y)
{
	const phrase *p = x, *q = y;
	if (p->g2 != q->g2)
		return p->g2 < q->g2 ? 1 : -1;
	if (p->a != q->a) /* all 0 with nothing tagged to weigh against */
		return p->a < q->a ? 1 : -1;
	return strcmp(p->text, q->text);
}

/* Is phrase small a run of whole words of the longer phrase big? */
static int contains_words(const char *big, const char *small)
{
	size_t n = strlen(small);
	if (strlen(big) <= n)
		return 0;
	for (const char *p = strstr(big, small); p; p = strstr(p + 1, small))
		if ((p == big || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
	return 0;
}

static int run_untagged(vp_suggest *s, vp_buf *b)
{
	cset cs = {0};
	int rc = 0;
	for (size_t ri = 0; ri < s->nrecs && !rc; ri++) {
		const rec *r = &s->recs[ri];
		if (r->any)
			s->tagged_docs++;
		else
			s->untagged_docs++;
		for (size_t i = 0; i < r->ntok && !rc; i++)
			for (unsigned n = 1; n <= s->o.max_n && i + n <= r->ntok; n++) {
				const uint32_t *k = r->tok + i;
				if (no_phrase(s, k, n))
					continue;
				if (post(&cs, k, n, 0, 1, ri, ri << 1 | (size_t)!r->any, 1) < 0) {
					rc = -1;
					break;
				}
			}
	}
	size_t cap = 0;
	double c = (double)s->untagged_docs, d = (double)s->tagged_docs;
	for (size_t i = 0; i < cs.n && !rc; i++) {
		cand *x = &cs.c[i];
		phrase p = {0};
		for (size_t q = 0; q < x->npost; q++) {
			if (x->post[q] & 1) {
				p.a++;
				if (p.nex < 2)
					p.ex[p.nex++] = x->post[q] >> 1;
			} else {
				p.b++;
			}
		}
		/* key to the untagged comments: more common there than in the
		 * tagged (when there are some: else every phrase is theirs) */
		if (p.a < s->o.min_support || (d > 0 && (double)p.a * d <= (double)p.b * c))
			continue;
		p.g2 = g2((double)p.a, (double)p.b, c, d);
		if (key_text(s, &cs, x, b) < 0 || vp_grow(&s->phr, &cap, s->nphr + 1, sizeof *s->phr) < 0 ||
		    !(p.text = strdup(b->data))) {
			rc = -1;
			break;
		}
		s->phr[s->nphr++] = p;
	}
	if (!rc && s->nphr) {
		qsort(s->phr, s->nphr, sizeof *s->phr, cmp_phrase);
		/* a phrase inside a longer one found in the same comments says
		 * nothing more ("not answer" in "did not answer"): drop it */
		size_t win = s->nphr < 20 * s->o.top ? s->nphr : 20 * s->o.top, kept = 0;
		unsigned char *drop = calloc(win ? win : 1, 1);
		if (!drop) {
			rc = -1;
		} else {
			for (size_t i = 0; i < win; i++)
				for (size_t j = 0; j < win && !drop[i]; j++)
					drop[i] = j != i && s->phr[j].a == s->phr[i].a &&
					          contains_words(s->phr[j].text, s->phr[i].text);
			for (size_t i = 0; i < s->nphr; i++) {
				if ((i < win && drop[i]) || kept >= s->o.top)
					free(s->phr[i].text);
				else
					s->phr[kept++] = s->phr[i];
			}
			s->nphr = kept;
			free(drop);
		}
	}
	cset_free(&cs);
	return rc;
}

int vp_suggest_run(vp_suggest *s, vp_err *e)
{
	vp_buf b = VP_BUF_INIT;
	int rc = 0;
	/* the commonest surface word of each stem names it in entries */
	for (size_t i = 0; i < s->nsurf; i++) {
		size_t st = s->surfstem[i];
		if (s->best[st] == NONE || s->surfcount[i] > s->surfcount[s->best[st]] ||
		    (s->surfcount[i] == s->surfcount[s->best[st]] && strcmp(s->surf[i], s->surf[s->best[st]]) < 0))
			s->best[st] = i;
	}
	if (s->o.untagged) {
		if (run_untagged(s, &b) < 0)
			rc = vp_oom(e);
		vp_buf_free(&b);
		return rc;
	}
	if (!s->have_gold) {
		vp_buf_free(&b);
		return vp_errf(e, EX_USAGE, "no coded comments (--gold/--map or --labels)");
	}
	long only = -1;
	if (s->o.theme && (only = theme_index(s, s->o.theme)) < 0) {
		vp_buf_free(&b);
		return vp_errf(e, EX_USAGE, "theme '%s' is not in the coded set", s->o.theme);
	}
	cset adds = {0};
	if (gen_adds(s, &adds, 1) < 0 || gen_adds(s, &adds, 0) < 0)
		goto oom;
	if (s->o.lexicon && vps_lists_prepare(s) < 0)
		goto oom;
	if (!(s->res = calloc(s->nthemes ? s->nthemes : 1, sizeof *s->res)))
		goto oom;
	for (size_t t = 0; t < s->nthemes; t++) {
		if (only >= 0 && (size_t)only != t)
			continue;
		tres *r = &s->res[s->nres++];
		if (run_theme(s, &adds, t, r, &b) < 0 || (s->o.lexicon && vps_run_members(s, t, r) < 0))
			goto oom;
	}
	goto out;
oom:
	rc = vp_oom(e);
out:
	cset_free(&adds);
	vp_buf_free(&b);
	return rc;
}

/* ---- output ---- */

size_t vp_suggest_nthemes_run(const vp_suggest *s) { return s->nres; }
unsigned long vp_suggest_without_spans(const vp_suggest *s) { return s->without_spans; }
unsigned long vp_suggest_untaggable(const vp_suggest *s) { return s->untaggable; }

unsigned long vp_suggest_without_record(const vp_suggest *s, const char **first)
{
	unsigned long n = 0;
	*first = NULL;
	for (size_t c = 0; c < s->ncoded; c++)
		if (s->coded[c].rec == NONE && n++ == 0)
			*first = s->coded[c].id;
	return n;
}

const char *vp_suggest_pairs_note(const vp_suggest *s)
{
	return s->pairs_note;
}

unsigned long vp_suggest_not_coded(const vp_suggest *s, const char **first)
{
	return vp_tally_count(&s->not_coded, first);
}

unsigned long vp_suggest_repeated(const vp_suggest *s, const char **first)
{
	return vp_tally_count(&s->repeated, first);
}

int vp_suggest_check_ids(const vp_suggest *s, const char *name, vp_err *e)
{
	const char *first;
	if (s->o.untagged || vp_suggest_without_record(s, &first) < s->ncoded)
		return 0;
	if (!s->not_coded.n) /* an empty input: every figure would be 0 */
		return vp_errf(e, EX_DATAERR, "no record read: nothing to weigh the coded comments "
		               "of %s against (an empty input?)", name);
	return vp_errf(e, EX_DATAERR, "no coded id in %s is the id of a record read (coded: '%s'; "
	               "read: '%s') -- the same ids on both sides? (a spreadsheet may have "
	               "written 1 as 1.0 or 1E+05, or dropped leading zeros)", name, first,
	               s->not_coded.first);
}

/* The comment on one line, cut to about max bytes at a character. */
static int quote(vp_buf *b, const char *text, size_t max)
{
	vp_buf_clear(b);
	size_t n = 0;
	int space = 0;
	for (const char *p = text; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (n >= max && (ch & 0xC0) != 0x80)
			return vp_buf_puts(b, "...");
		if (ch == '\n' || ch == '\r' || ch == '\t')
			ch = ' ';
		if (ch == ' ' && (space || n == 0))
			continue;
		space = ch == ' ';
		if (vp_buf_putc(b, ch) < 0)
			return -1;
		n++;
	}
	return 0;
}

/* "   F1 WHAT: 0.300 fit part, 0.250 held back": the held-back figure only
 * when comments were held back (0.000 would read as a score).  -1 on an
 * output error. */
static int put_f1(FILE *out, const char *what, const double f1[2], unsigned long held)
{
	if (fprintf(out, "   F1 %s: %.3f fit part", what, f1[0]) < 0 ||
	    (held && fprintf(out, ", %.3f held back", f1[1]) < 0) || fputc('\n', out) == EOF)
		return -1;
	return 0;
}

int vps_put_ranks_head(FILE *out, const char *what, unsigned long held)
{
	if (fprintf(out, "rank  %-30s  support   dTP   dFP  F1 gain", what) < 0 ||
	    (held && fputs(" | held back: dTP  dFP  F1 gain", out) == EOF) || fputc('\n', out) == EOF)
		return -1;
	return 0;
}

int vps_put_rank(FILE *out, size_t rank, const char *what, unsigned long support, const long dtp[2],
                 const long dfp[2], const double gain[2], unsigned long held)
{
	if (fprintf(out, "%4zu  %-30s %8lu %5ld %5ld  %+.4f", rank, what, support, dtp[0], dfp[0],
	            gain[0]) < 0 ||
	    (held && fprintf(out, " |          %4ld %4ld  %+.4f", dtp[1], dfp[1], gain[1]) < 0) ||
	    fputc('\n', out) == EOF)
		return -1;
	return 0;
}

int vps_write_examples(const vp_suggest *s, FILE *out, const size_t *ex, size_t nex, vp_buf *b)
{
	for (size_t i = 0; i < nex; i++) {
		const rec *r = &s->recs[ex[i]];
		if (quote(b, r->text, 110) < 0)
			return -1;
		if (fprintf(out, "        e.g. %s: \"%s\"\n", r->id, b->data) < 0)
			return -2;
	}
	return 0;
}

int vp_suggest_write_text(const vp_suggest *s, FILE *out, vp_err *e)
{
	vp_buf b = VP_BUF_INIT;
	int rc = 0;
	if (s->o.untagged) {
		if (fprintf(out, "== emerging: phrases of the %lu comments no theme caught, against the %lu tagged\n"
		            "rank  phrase                          untagged  tagged      G2\n",
		            s->untagged_docs, s->tagged_docs) < 0)
			goto io;
		for (size_t i = 0; i < s->nphr; i++) {
			const phrase *p = &s->phr[i];
			if (fprintf(out, "%4zu  %-30s %9lu %7lu %7.1f\n", i + 1, p->text, p->a, p->b, p->g2) < 0)
				goto io;
			if ((rc = vps_write_examples(s, out, p->ex, p->nex, &b)))
				goto err;
		}
		goto out;
	}
	for (size_t i = 0; i < s->nres; i++) {
		const tres *r = &s->res[i];
		if (fprintf(out, "== %s: %lu coded comments (%lu of the theme)", s->themes[r->theme],
		            r->rows[0], r->gold[0]) < 0 ||
		    (r->rows[1] && fprintf(out, ", %lu held back (%lu)", r->rows[1], r->gold[1]) < 0) ||
		    fputc('\n', out) == EOF || put_f1(out, "now", r->before, r->rows[1]))
			goto io;
		if (!r->npicks) {
			if (fprintf(out, "   no entry gains F1 with support >= %lu and precision >= %.2f\n",
			            s->o.min_support, s->o.min_precision) < 0)
				goto io;
		} else if (vps_put_ranks_head(out, "entry", r->rows[1]))
			goto io;
		for (size_t j = 0; j < r->npicks; j++) {
			const pick *p = &r->picks[j];
			if (vps_put_rank(out, j + 1, p->entry, p->support, p->dtp, p->dfp, p->gain, r->rows[1]))
				goto io;
			if ((rc = vps_write_examples(s, out, p->ex, p->nex, &b)))
				goto err;
		}
		if (r->npicks && put_f1(out, "with these", r->after, r->rows[1]))
			goto io;
		if (s->o.lexicon && (rc = vps_members_text(s, r, out, &b)))
			goto err;
		if (fputc('\n', out) == EOF)
			goto io;
	}
	goto out;
err:
	if (rc == -1) {
		rc = vp_oom(e);
		goto out;
	}
io:
	rc = vp_errf(e, EX_IOERR, "write error: %s", strerror(errno));
out:
	vp_buf_free(&b);
	return rc;
}

json_t *vps_examples_json(const vp_suggest *s, const size_t *ex, size_t nex)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < nex; i++) {
		const rec *r = &s->recs[ex[i]];
		if (json_array_append_new(a, json_pack("{s:s,s:s}", "id", r->id, "text", r->text)) < 0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

json_t *vp_suggest_report(const vp_suggest *s)
{
	json_t *root = json_object(), *arr = json_array();
	if (!root || !arr || json_object_set_new(root, s->o.untagged ? "emerging" : "themes", arr) < 0) {
		json_decref(root);
		json_decref(arr);
		return NULL;
	}
	if (s->o.untagged) {
		if (json_object_set_new(root, "untagged", json_integer((json_int_t)s->untagged_docs)) < 0 ||
		    json_object_set_new(root, "tagged", json_integer((json_int_t)s->tagged_docs)) < 0)
			goto oom;
		for (size_t i = 0; i < s->nphr; i++) {
			const phrase *p = &s->phr[i];
			if (json_array_append_new(arr, json_pack("{s:s,s:I,s:I,s:f,s:o*}", "phrase", p->text,
			                          "untagged", (json_int_t)p->a, "tagged", (json_int_t)p->b,
			                          "g2", p->g2, "examples", vps_examples_json(s, p->ex, p->nex))) < 0)
				goto oom;
		}
		return root;
	}
	for (size_t i = 0; i < s->nres; i++) {
		const tres *r = &s->res[i];
		json_t *picks = json_array();
		if (!picks || json_array_append_new(arr, json_pack("{s:s,s:I,s:I,s:I,s:I,s:f,s:f,s:f,s:f,s:o}",
		             "theme", s->themes[r->theme], "rows", (json_int_t)r->rows[0],
		             "gold", (json_int_t)r->gold[0], "held_rows", (json_int_t)r->rows[1],
		             "held_gold", (json_int_t)r->gold[1], "f1_before", r->before[0],
		             "f1_after", r->after[0], "held_f1_before", r->before[1],
		             "held_f1_after", r->after[1], "entries", picks)) < 0)
			goto oom;
		for (size_t j = 0; j < r->npicks; j++) {
			const pick *p = &r->picks[j];
			if (json_array_append_new(picks, json_pack("{s:s,s:I,s:I,s:I,s:f,s:I,s:I,s:f,s:o*}",
			             "entry", p->entry, "support", (json_int_t)p->support,
			             "tp", (json_int_t)p->dtp[0], "fp", (json_int_t)p->dfp[0], "gain", p->gain[0],
			             "held_tp", (json_int_t)p->dtp[1], "held_fp", (json_int_t)p->dfp[1],
			             "held_gain", p->gain[1], "examples", vps_examples_json(s, p->ex, p->nex))) < 0)
				goto oom;
		}
		if (s->o.lexicon && vps_members_json(s, r, json_array_get(arr, i)) < 0)
			goto oom;
	}
	return root;
oom:
	json_decref(root);
	return NULL;
}

int vp_suggest_write_lexicon(const vp_suggest *s, FILE *out, vp_err *e)
{
	for (size_t i = 0; i < s->nres; i++) {
		const tres *r = &s->res[i];
		/* held-back figures only when --tuning held some back (as put_f1) */
		int held = r->rows[1] > 0;
		if (fprintf(out, "# %s: entries proposed by vp-suggest from %lu coded comments (%lu of the theme);\n"
		            "# F1 on them %.3f -> %.3f", s->themes[r->theme], r->rows[0], r->gold[0],
		            r->before[0], r->after[0]) < 0 ||
		    (held && fprintf(out, "; on %lu held back %.3f -> %.3f", r->rows[1], r->before[1],
		                     r->after[1]) < 0) ||
		    fputs(".  dTP/dFP: tags gained\n"
		          "# (an exclusion: lost) that were right / wrong.  Check each before keeping it.\n"
		          "# Append the lines you keep to the theme's file (a file of its own is a theme\n"
		          "# of its own).\n",
		          out) < 0)
			goto io;
		for (size_t j = 0; j < r->npicks; j++) {
			const pick *p = &r->picks[j];
			if (fprintf(out, "%-30s # fires on %lu coded, dTP %+ld dFP %+ld, F1 %+.3f", p->entry,
			            p->support, p->dtp[0], p->dfp[0], p->gain[0]) < 0 ||
			    (held && fprintf(out, "; held back dTP %+ld dFP %+ld", p->dtp[1], p->dfp[1]) < 0) ||
			    fputc('\n', out) == EOF)
				goto io;
		}
		if (vps_members_lexicon(s, r, held, out) < 0)
			goto io;
	}
	return 0;
io:
	return vp_errf(e, EX_IOERR, "write error: %s", strerror(errno));
}
