/* fuzz_fetch_page - vp-fetch's page parser (vp_fetch_page_parse) and the
 * scrubbing of secrets from text taken from a response (vp_fetch_scrub).
 * Checks besides crashes/UB/leaks: a page is repaired only when jansson
 * refuses it; a repaired page holds no NUL escape and only valid UTF-8 in
 * strings (it dumps and loads again); after scrubbing, text holds no copy
 * of the secret (the input before the first 0xFF byte, when there is one;
 * tests/unit/test_fetch_page.c replays what this found). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/fetch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size ? size : 1); /* a copy: ASan sees reads past the end */
	if (!s)
		return 0;
	memcpy(s, data, size);
	json_t *page = NULL;
	unsigned long fixed = 0;
	char ex[160];
	vp_err e = {0};
	int rc = vp_fetch_page_parse(s, size, &page, &fixed, ex, sizeof ex, &e);
	if (rc == 0) {
		if (!page)
			abort();
		json_error_t je;
		json_t *strict = json_loadb(s, size, 0, &je);
		if ((strict != NULL) != (fixed == 0))
			abort(); /* repaired although valid, or parsed without repairs although invalid */
		if (fixed && !ex[0])
			abort();
		json_decref(strict);
		char *dump = json_dumps(page, JSON_ENCODE_ANY);
		if (!dump)
			abort();
		json_t *again = json_loads(dump, JSON_DECODE_ANY, &je);
		if (!again || !json_equal(again, page))
			abort();
		json_decref(again);
		free(dump);
		json_decref(page);
	} else if (rc != EX_DATAERR || page || !strstr(e.msg, "not valid JSON")) {
		abort();
	}

	/* scrubbing: SECRET 0xFF TEXT */
	const uint8_t *ff = memchr(data, 0xFF, size);
	if (ff) {
		size_t sl = (size_t)(ff - data), tl = size - sl - 1;
		char *secret = malloc(sl + 1), *text = malloc(tl + 1 < 64 ? 64 : tl + 1);
		if (secret && text) {
			memcpy(secret, data, sl);
			secret[sl] = '\0';
			memcpy(text, ff + 1, tl);
			text[tl] = '\0';
			size_t cap = tl + 1 < 64 ? 64 : tl + 1;
			vp_fetch_scrub(text, cap, secret);
			if (strlen(text) >= cap)
				abort();
			/* (a secret made of the letters of the replacement can
			 * reappear around it: "A" in "REDACTED") */
			if (*secret && strlen(secret) == sl && !strpbrk(secret, "REDACT") &&
			    strstr(text, secret))
				abort();
		}
		free(secret);
		free(text);
	}
	free(s);
	return 0;
}
