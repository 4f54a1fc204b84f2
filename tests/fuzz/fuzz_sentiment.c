/* fuzz_sentiment - the sentiment scorer: byte 0 picks a question (or none)
 * and --explain; the rest, split at the first 0xFF byte, is the text and a
 * "themes" value.  Loads the test sets in tests/data/sentiment (run from the
 * source tree).  Checks: nothing fails but invalid UTF-8 (EX_DATAERR);
 * the record's sentiment JSON parses with a known label and a finite score,
 * and is the same when the text's own tokens (as vp-normalise makes them) are
 * offered with vp_sentiment_tokens;
 * when the themes value is a JSON array, the rewritten one parses, has the
 * same length, and every object element has a "sentiment" with a label. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <jansson.h>

#include "voxpop/sentiment.h"
#include "voxpop/text.h"

static vp_sentiment *s;
static vp_text *tx;

static int known(const char *l)
{
	return l && (!strcmp(l, "positive") || !strcmp(l, "negative") || !strcmp(l, "neutral") ||
	             !strcmp(l, "mixed"));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const qs[] = {NULL, "How could we improve?", "What was good?", "Why?"};
	vp_err e;
	if (!s && (vp_sentiment_open(&s, "tests/data/sentiment/lex", "tests/data/sentiment/themes",
	                             NULL, &e) != 0 || vp_text_open(&tx, NULL, &e) != 0))
		abort();
	if (size < 1)
		return 0;
	const char *q = qs[data[0] & 3];
	int explain = (data[0] >> 2) & 1;
	const char *text = (const char *)data + 1;
	size_t n = size - 1, tn = 0;
	const char *th = memchr(text, 0xFF, n);
	json_t *tj = NULL;
	if (th) {
		tn = n - (size_t)(th - text) - 1;
		n = (size_t)(th - text);
		th++;
		/* the stage only passes validated JSON */
		tj = json_loadb(th, tn, JSON_DECODE_ANY, NULL);
		if (!tj)
			th = NULL;
	}
	vp_buf sent = VP_BUF_INIT, themes = VP_BUF_INIT;
	vp_jspan span = {NULL, 0};
	char *canon = NULL;
	if (th) {
		canon = json_dumps(tj, JSON_COMPACT | JSON_ENCODE_ANY);
		if (!canon)
			abort();
		span = (vp_jspan){canon, strlen(canon)};
	}
	int rc = vp_sentiment_record(s, text, n, q, q ? strlen(q) : 0, span, explain, &sent,
	                             &themes, &e);
	if (rc && rc != EX_DATAERR)
		abort();
	if (!rc) {
		json_t *j = json_loadb(sent.data, sent.len, 0, NULL);
		json_t *sc = json_object_get(j, "score");
		if (!j || !known(json_string_value(json_object_get(j, "label"))) ||
		    !json_is_number(sc) || !isfinite(json_number_value(sc)))
			abort();
		json_decref(j);
		/* the same with the record's tokens offered */
		vp_tokens toks = VP_TOKENS_INIT;
		vp_buf sent2 = VP_BUF_INIT, themes2 = VP_BUF_INIT;
		/* records hold valid UTF-8 (JSON), which the whole text
		 * may not be: pieces that became <email> were not looked into */
		if (vp_text_tokenise(tx, text, n, 0, &toks, &e) != 0)
			goto skip;
		/* where a URL or e-mail placeholder spans a sentence break the
		 * two readings may differ (both fine); elsewhere they must not */
		int placeholders = memchr(text, ':', n) || memchr(text, '@', n) || memchr(text, '<', n);
		for (size_t i = 0; i + 3 <= n && !placeholders; i++)
			placeholders = (text[i] | 0x20) == 'w' && (text[i + 1] | 0x20) == 'w' &&
			               (text[i + 2] | 0x20) == 'w';
		const char **tp = malloc((toks.n + 1) * sizeof *tp);
		if (!tp)
			abort();
		for (size_t i = 0; i < toks.n; i++)
			tp[i] = vp_token(&toks, i);
		vp_sentiment_tokens(s, tp, toks.len, toks.n);
		if (vp_sentiment_record(s, text, n, q, q ? strlen(q) : 0, span, explain, &sent2,
		                        &themes2, &e) != 0)
			abort();
		if (!placeholders && (sent2.len != sent.len || memcmp(sent2.data, sent.data, sent.len) != 0 ||
		    themes2.len != themes.len || (themes.len && memcmp(themes2.data, themes.data, themes.len))))
			abort();
		free(tp);
		vp_buf_free(&sent2);
		vp_buf_free(&themes2);
	skip:
		vp_tokens_free(&toks);
		if (json_is_array(tj)) {
			json_t *out = json_loadb(themes.data, themes.len, 0, NULL);
			if (!json_is_array(out) || json_array_size(out) != json_array_size(tj))
				abort();
			size_t i;
			json_t *el;
			json_array_foreach(out, i, el) {
				if (json_is_object(el) && json_is_string(json_object_get(json_array_get(tj, i), "theme")) &&
				    !known(json_string_value(json_object_get(json_object_get(el, "sentiment"), "label"))))
					abort();
			}
			json_decref(out);
		}
	}
	free(canon);
	json_decref(tj);
	vp_buf_free(&sent);
	vp_buf_free(&themes);
	return 0;
}
