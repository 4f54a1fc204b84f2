/* tag.c - see include/voxpop/tag.h */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/tag.h"

int vp_tag_init(vp_tag *t, const vp_lexicon *lx, int explain, vp_err *e)
{
	memset(t, 0, sizeof *t);
	t->lx = lx;
	t->explain = explain;
	t->json = (vp_buf)VP_BUF_INIT;
	vp_lexicon_fingerprint_hex(lx, t->fp);
	t->lexlen = (size_t)snprintf(t->lexicon, sizeof t->lexicon, ",\"lexicon\":\"%s\"", t->fp);
	t->untaglen = (size_t)snprintf(t->untagged, sizeof t->untagged,
	                               "[],\"untaggable\":\"language\"%s", t->lexicon);
	if (!(t->m = vp_matcher_new()))
		return vp_errf(e, EX_OSERR, "out of memory");
	return 0;
}

int vp_tag_set_lang(vp_tag *t, const char *code, vp_err *e)
{
	t->lang[0] = '\0';
	if (!code || strcmp(code, "any") == 0)
		return 0;
	if (!vp_lang_primary(code, strlen(code), t->lang))
		return vp_errf(e, EX_USAGE, "--lexicon-lang wants a language code like en or cy (or any), not '%s'",
		               code);
	return 0;
}

/* Is a record in language code[0..n) (its "lang") to be left untagged?
 * Counts it if so. */
int vp_tag_language(vp_tag *t, const char *code, size_t n)
{
	char primary[VP_LANG_CODE_MAX];
	/* the usual answers first: the lexicon's own code as it is, or "und" */
	if (!t->lang[0] || !code || (n == 3 && memcmp(code, "und", 3) == 0) ||
	    (n == strlen(t->lang) && memcmp(code, t->lang, n) == 0))
		return 0;
	if (n == 8 && memcmp(code, "und-", 4) == 0) {
		/* only the script known: not the lexicon's language when the
		 * lexicon's is written in another script */
		if (memcmp(code + 4, vp_lang_script_of(t->lang), 4) == 0)
			return 0;
		memcpy(primary, code, 8);
		primary[8] = '\0';
	} else if (!vp_lang_primary(code, n, primary) || strcmp(primary, t->lang) == 0) {
		return 0;
	}
	t->untaggable++;
	for (size_t i = 0; i < t->nlangs; i++)
		if (strcmp(t->langs[i].code, primary) == 0) {
			t->langs[i].n++;
			return 1;
		}
	if (t->nlangs == VP_TAG_MAX_LANGS) {
		t->other++;
		return 1;
	}
	memcpy(t->langs[t->nlangs].code, primary, sizeof primary);
	t->langs[t->nlangs++].n = 1;
	return 1;
}

void vp_tag_langs_add(vp_tag *dst, const vp_tag *src)
{
	dst->untaggable += src->untaggable;
	dst->other += src->other;
	for (size_t i = 0; i < src->nlangs; i++) {
		size_t j = 0;
		while (j < dst->nlangs && strcmp(dst->langs[j].code, src->langs[i].code) != 0)
			j++;
		if (j == dst->nlangs) {
			if (j == VP_TAG_MAX_LANGS) {
				dst->other += src->langs[i].n;
				continue;
			}
			dst->langs[dst->nlangs++] = (vp_tag_langcount){{0}, 0};
			memcpy(dst->langs[j].code, src->langs[i].code, sizeof dst->langs[j].code);
		}
		dst->langs[j].n += src->langs[i].n;
	}
}

static int by_count(const void *a, const void *b)
{
	const vp_tag_langcount *x = a, *y = b;
	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->code, y->code);
}

int vp_tag_untaggable_message(const vp_tag *t, vp_buf *out)
{
	vp_buf_clear(out);
	if (!t->untaggable)
		return 0;
	vp_tag_langcount sorted[VP_TAG_MAX_LANGS];
	memcpy(sorted, t->langs, t->nlangs * sizeof sorted[0]);
	qsort(sorted, t->nlangs, sizeof sorted[0], by_count);
	const char *name = vp_lang_name(t->lang);
	if (vp_buf_printf(out, "%lu record%s not tagged: language not %s (", t->untaggable,
	                  t->untaggable == 1 ? "" : "s", name ? name : t->lang))
		return -1;
	/* the name beside the code: "(id 1)" alone reads as a record id */
	for (size_t i = 0; i < t->nlangs; i++) {
		const char *lname = vp_lang_name(sorted[i].code);
		if (vp_buf_printf(out, "%s%s%s%s %lu", i ? ", " : "", sorted[i].code, lname ? " " : "",
		                  lname ? lname : "", sorted[i].n))
			return -1;
	}
	if (t->other && vp_buf_printf(out, ", other %lu", t->other))
		return -1;
	return vp_buf_putc(out, ')');
}

static int tag_end(void *ctx, vp_filter *f, vp_err *e)
{
	vp_tag *t = ctx;
	if (vp_tag_untaggable_message(t, &t->json))
		return vp_errf(e, EX_OSERR, "out of memory");
	if (t->json.len)
		vp_warnf(f->stage->prog, "%s", t->json.data);
	return 0;
}

void vp_tag_free(vp_tag *t)
{
	free(t->tok);
	free(t->toklen);
	vp_buf_free(&t->json);
	vp_matcher_free(t->m);
	memset(t, 0, sizeof *t);
}

static int tok_reserve(vp_tag *t, size_t n)
{
	if (n <= t->tokcap)
		return 0;
	/* n is already a bound (scan_tokens asks for the most a line can
	 * hold): double only to amortise lines that keep getting longer */
	size_t cap = t->tokcap * 2 > n ? t->tokcap * 2 : n;
	const char **s = realloc(t->tok, cap * sizeof *s);
	if (!s)
		return -1;
	t->tok = s;
	size_t *len = realloc(t->toklen, cap * sizeof *len);
	if (!len)
		return -1;
	t->toklen = len;
	t->tokcap = cap;
	return 0;
}

/* Point t at the record's tokens; NULL or a reason why they are unusable. */
static const char *get_tokens(vp_tag *t, const json_t *rec, size_t *n)
{
	json_t *arr = json_object_get(rec, "tokens");
	if (!arr)
		return "record has no \"tokens\" (run vp-normalise before vp-tag)";
	if (!json_is_array(arr))
		return "\"tokens\" is not an array";
	*n = json_array_size(arr);
	if (tok_reserve(t, *n))
		return "out of memory";
	for (size_t i = 0; i < *n; i++) {
		json_t *s = json_array_get(arr, i);
		if (!json_is_string(s))
			return "\"tokens\" holds something other than strings";
		t->tok[i] = json_string_value(s);
		t->toklen[i] = json_string_length(s);
	}
	return NULL;
}

int vp_tag_added(vp_tag *t, int untaggable, size_t *n)
{
	if (untaggable) {
		*n = sizeof ",\"themes\":" - 1 + t->untaglen;
		return 0;
	}
	if (vp_themes_json(t->m, t->lx, t->explain, &t->json))
		return -1;
	*n = sizeof ",\"themes\":" - 1 + t->json.len + t->lexlen;
	return 0;
}

/* The members vp-tag drops from a line on the fast path (its scan's
 * values of "themes", "untaggable" and "lexicon"): they are appended anew. */
enum { TAG_DROPS = 3 };

/* rec's "lexicon" set to the set's fingerprint (after "themes" when
 * neither was there): the jansson path's. */
static int set_lexicon(const vp_tag *t, json_t *rec, vp_err *e)
{
	/* json_object_set_new takes the value, also when it fails */
	return json_object_set_new(rec, "lexicon", json_string(t->fp))
	       ? vp_errf(e, EX_OSERR, "out of memory") : 0;
}

/* Write the record read last with "themes": [], "untaggable": "language"
 * and "lexicon": spliced into the line when rec is NULL, else set in rec. */
static int write_untaggable(vp_tag *t, vp_filter *f, json_t *rec, const vp_jspan *drop,
                            vp_err *e)
{
	if (!rec) /* the old ones (drop) removed, the new ones appended */
		return vp_filter_write_spliced_dropping(f, drop, TAG_DROPS, "themes", t->untagged,
		                                        t->untaglen, e);
	if (json_object_set_new(rec, "themes", json_array()) ||
	    json_object_set_new(rec, "untaggable", json_string("language")))
		return vp_errf(e, EX_OSERR, "out of memory");
	int rc = set_lexicon(t, rec, e);
	return rc ? rc : vp_filter_write(f, rec, e);
}

/* Match n tokens and write the record read last with "themes": spliced
 * into the line, or into rec when given (which loses any "untaggable"). */
static int tag(vp_tag *t, vp_filter *f, size_t n, json_t *rec, const vp_jspan *drop, vp_err *e)
{
	/* tagged now: an "untaggable" it had goes (the fast path drops it) */
	if (rec && json_object_get(rec, "untaggable"))
		json_object_del(rec, "untaggable");
	const vp_theme_match *tm;
	size_t ntm;
	int rc = vp_match(t->m, t->lx, t->tok, t->toklen, n, &tm, &ntm, e);
	if (rc)
		return rc;
	if (vp_themes_json(t->m, t->lx, t->explain, &t->json))
		return vp_errf(e, EX_OSERR, "out of memory");
	if (!rec) { /* "themes", then ,"lexicon":"..." in the one splice */
		if (vp_buf_append(&t->json, t->lexicon, t->lexlen))
			return vp_errf(e, EX_OSERR, "out of memory");
		return vp_filter_write_spliced_dropping(f, drop, TAG_DROPS, "themes", t->json.data,
		                                        t->json.len, e);
	}
	if ((rc = vp_record_set_json(rec, "themes", t->json.data, t->json.len, e)) != 0 ||
	    (rc = set_lexicon(t, rec, e)) != 0)
		return rc;
	return vp_filter_write(f, rec, e);
}

/* Fast path: tokens read straight from the line (vp-normalise writes them
 * without escapes), themes spliced in.  Anything else goes through
 * jansson, which decides and words errors. */
static int tag_scan(void *ctx, vp_filter *f, const vp_jspan *v, vp_err *e)
{
	vp_tag *t = ctx;
	if (!v[0].p || v[0].p[0] != '[')
		return VP_FILTER_FALLBACK;
	/* themes, untaggable and lexicon already there: removed, the new ones appended */
	vp_jspan drop[TAG_DROPS] = {v[1], v[3], v[4]};
	/* "lang": a plain string is read here; with escapes, jansson reads it */
	const char *code = NULL;
	size_t codelen = 0;
	if (v[2].p && v[2].p[0] == '"') {
		if (v[2].n < 2 || memchr(v[2].p, '\\', v[2].n))
			return VP_FILTER_FALLBACK;
		code = v[2].p + 1;
		codelen = v[2].n - 2;
	}
	/* split as the driver's scan validated the line (elems_of); an
	 * element with escapes, or not a string, goes to jansson */
	const vp_jscan_elems *te = &f->elems;
	if (te->n < 0 || !te->plain)
		return VP_FILTER_FALLBACK;
	size_t k = (size_t)te->n;
	if (tok_reserve(t, k))
		return vp_errf(e, EX_OSERR, "out of memory");
	vp_jscan_elems_strings(te, t->tok, t->toklen);
	if (vp_tag_language(t, code, codelen))
		return write_untaggable(t, f, NULL, drop, e);
	return tag(t, f, (size_t)k, NULL, drop, e);
}

static int tag_record(void *ctx, vp_filter *f, json_t *rec, vp_err *e)
{
	vp_tag *t = ctx;
	size_t n = 0;
	const char *why = get_tokens(t, rec, &n);
	if (why && strcmp(why, "out of memory") == 0)
		return vp_errf(e, EX_OSERR, "out of memory");
	if (why)
		return vp_filter_reject(f, e, why);
	json_t *lang = json_object_get(rec, "lang");
	if (vp_tag_language(t, json_string_value(lang), json_string_length(lang)))
		return write_untaggable(t, f, rec, NULL, e);
	return tag(t, f, n, rec, NULL, e);
}

void vp_tag_stage(vp_tag *t, vp_filter_stage *st, const char *prog)
{
	static const char *const keys[] = {"tokens", "themes", "lang", "untaggable", "lexicon"};
	(void)t;
	*st = (vp_filter_stage){prog, keys, 5, tag_scan, tag_record, tag_end, 1, NULL, 0,
	                        "themes"};
}
