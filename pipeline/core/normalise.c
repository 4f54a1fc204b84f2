/* normalise.c - see include/voxpop/normalise.h */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/lang.h"
#include "voxpop/normalise.h"

int vp_normalise_init(vp_normalise *n, vp_text *tx, const char *field, int detect_lang)
{
	n->tx = tx;
	n->keys[0] = field;
	n->keys[1] = "tokens";
	n->keys[2] = "lang";
	n->detect_lang = detect_lang;
	n->toks = (vp_tokens)VP_TOKENS_INIT;
	n->json = (vp_buf)VP_BUF_INIT;
	n->scratch = (vp_buf)VP_BUF_INIT;
	return 0;
}

void vp_normalise_free(vp_normalise *n)
{
	vp_tokens_free(&n->toks);
	vp_buf_free(&n->json);
	vp_buf_free(&n->scratch);
}

size_t vp_normalise_len(size_t len, const vp_tokens *t, const char *lang)
{
	/* the line written is the line read with ,"tokens":[...] (and
	 * ,"lang":"xx") added */
	size_t add = sizeof ",\"tokens\":" - 1 + vp_tokens_json_len(t) +
	             (lang ? sizeof ",\"lang\":\"\"" - 1 + strlen(lang) : 0);
	return add > SIZE_MAX - len ? SIZE_MAX : len + add;
}

int vp_normalise_fits(size_t len, const vp_tokens *t, const char *lang, size_t max, char *why,
                      size_t whysz)
{
	if (vp_normalise_len(len, t, lang) <= max)
		return 1;
	vp_filter_too_long(why, whysz, "tokens", max);
	return 0;
}

/* Write the record read last with "tokens" (n->json) and "lang": both
 * spliced into the line when it has neither, else set in rec. */
static int write_both(vp_normalise *n, vp_filter *f, json_t *rec, const vp_jspan *drop,
                      const char *lang, vp_err *e)
{
	size_t tlen = n->json.len;
	if (vp_buf_puts(&n->json, ",\"lang\":\"") || vp_buf_puts(&n->json, lang) ||
	    vp_buf_putc(&n->json, '"'))
		return vp_errf(e, EX_OSERR, "out of memory");
	if (!rec) /* the old ones (drop) removed, the new ones appended */
		return vp_filter_write_spliced_dropping(f, drop, 2, "tokens", n->json.data,
		                                        n->json.len, e);
	json_error_t je;
	/* json_object_set_new takes the value, also when it fails */
	json_t *toks = json_loadb(n->json.data, tlen, JSON_ALLOW_NUL, &je);
	if (!toks || json_object_set_new(rec, "tokens", toks) ||
	    json_object_set_new(rec, "lang", json_string(lang)))
		return vp_errf(e, EX_OSERR, "out of memory");
	return vp_filter_write(f, rec, e);
}

/* Tokenise text[0..len) (NULL: no text) and write the record read last
 * with "tokens" (and "lang") added: spliced into the line, or into rec
 * when given.  A text that is not UTF-8 makes a bad record. */
static int normalise(vp_normalise *n, vp_filter *f, const char *text, size_t len, json_t *rec,
                     const vp_jspan *drop, vp_err *e)
{
	vp_tokens_clear(&n->toks);
	if (text) {
		int rc = vp_text_tokenise(n->tx, text, len, 0, &n->toks, e);
		if (rc == EX_DATAERR) {
			char why[sizeof e->msg];
			memcpy(why, e->msg, sizeof why);
			return vp_filter_reject(f, e, why);
		}
		if (rc)
			return rc;
	}
	vp_buf_clear(&n->json);
	if (vp_tokens_json(&n->toks, &n->json))
		return vp_errf(e, EX_OSERR, "out of memory");
	const char *lang = n->detect_lang ? text ? vp_lang_detect(text, len, &n->toks) : "und"
	                                  : NULL;
	/* a line longer than --max-line, which the next stage would refuse
	 * by default, is a bad record: the filter driver measures it */
	if (lang)
		return write_both(n, f, rec, drop, lang, e);
	if (!rec)
		return vp_filter_write_spliced_dropping(f, drop, 1, "tokens", n->json.data,
		                                        n->json.len, e);
	return vp_filter_write_with(f, rec, "tokens", n->json.data, n->json.len, e);
}

/* Fast path: the text read from the line, the tokens spliced in (tokens,
 * and lang when detected, already there are removed and the new ones
 * appended: a stage run again touches nothing else). */
static int normalise_scan(void *ctx, vp_filter *f, const vp_jspan *v, vp_err *e)
{
	vp_normalise *n = ctx;
	if (v[0].p && v[0].p[0] != '"' && v[0].p[0] != 'n') {
		char why[256];
		snprintf(why, sizeof why, "\"%s\" is not a string", n->keys[0]);
		return vp_filter_reject(f, e, why);
	}
	vp_jspan drop[2] = {v[1], n->detect_lang ? v[2] : (vp_jspan){NULL, 0}};
	const char *text = NULL;
	size_t len = 0;
	vp_buf_clear(&n->scratch);
	if (v[0].p && v[0].p[0] == '"' && vp_jscan_string(v[0], &n->scratch, &text, &len))
		return vp_errf(e, EX_OSERR, "out of memory");
	return normalise(n, f, text, len, NULL, drop, e);
}

/* The same for a record parsed by jansson (the unusual cases). */
static int normalise_record(void *ctx, vp_filter *f, json_t *rec, vp_err *e)
{
	vp_normalise *n = ctx;
	json_t *text = json_object_get(rec, n->keys[0]);
	if (text && !json_is_null(text) && !json_is_string(text)) {
		char why[256];
		snprintf(why, sizeof why, "\"%s\" is not a string", n->keys[0]);
		return vp_filter_reject(f, e, why);
	}
	return normalise(n, f, json_string_value(text), json_string_length(text), rec, NULL, e);
}

void vp_normalise_stage(vp_normalise *n, vp_filter_stage *st, const char *prog)
{
	*st = (vp_filter_stage){prog, n->keys, 3, normalise_scan, normalise_record, NULL, 0,
	                        NULL, 0, "tokens"};
}
