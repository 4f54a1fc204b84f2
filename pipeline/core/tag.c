/* tag.c - see include/voxpop/tag.h */
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
	if (!(t->m = vp_matcher_new()))
		return vp_errf(e, EX_OSERR, "out of memory");
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

/* Match n tokens and write the record read last with "themes": spliced
 * into the line, or into rec when given. */
static int tag(vp_tag *t, vp_filter *f, size_t n, json_t *rec, vp_err *e)
{
	const vp_theme_match *tm;
	size_t ntm;
	int rc = vp_match(t->m, t->lx, t->tok, t->toklen, n, &tm, &ntm, e);
	if (rc)
		return rc;
	if (vp_themes_json(t->m, t->lx, t->explain, &t->json))
		return vp_errf(e, EX_OSERR, "out of memory");
	return vp_filter_write_with(f, rec, "themes", t->json.data, t->json.len, e);
}

/* Fast path: tokens read straight from the line (vp-normalise writes them
 * without escapes), themes spliced in.  Anything else goes through
 * jansson, which decides and words errors. */
static int tag_scan(void *ctx, vp_filter *f, const vp_jspan *v, vp_err *e)
{
	vp_tag *t = ctx;
	if (v[1].p || !v[0].p || v[0].p[0] != '[')
		return VP_FILTER_FALLBACK;
	size_t max = v[0].n / 3 + 1; /* each token takes 3 bytes at least: "", */
	if (tok_reserve(t, max))
		return vp_errf(e, EX_OSERR, "out of memory");
	long k = vp_jscan_plain_strings(v[0], t->tok, t->toklen, max);
	if (k < 0)
		return VP_FILTER_FALLBACK;
	return tag(t, f, (size_t)k, NULL, e);
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
	return tag(t, f, n, rec, e);
}

void vp_tag_stage(vp_tag *t, vp_filter_stage *st, const char *prog)
{
	static const char *const keys[] = {"tokens", "themes"};
	(void)t;
	*st = (vp_filter_stage){prog, keys, 2, tag_scan, tag_record, NULL};
}
