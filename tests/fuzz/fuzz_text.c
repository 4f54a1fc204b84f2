/* fuzz_text - the tokeniser: no crash; the ASCII fast path gives the same
 * tokens as utf8proc for everything (VP_TEXT_NOFAST); tokens are non-empty
 * valid UTF-8 with no '@' (e-mails become <email>) and no run of more than
 * VP_TEXT_MAX_NON_STARTERS combining marks. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "voxpop/text.h"
#include "voxpop/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vp_err e;
	vp_text *tx;
	/* a fresh tokeniser each time: its scratch state starts empty, as in a
	 * new process (a shared one hid a crash on the first non-ASCII chunk) */
	if (vp_text_open(&tx, "english", &e) != 0)
		abort();
	vp_tokens a = VP_TOKENS_INIT, b = VP_TOKENS_INIT;
	int ra = vp_text_tokenise(tx, (const char *)data, size, 0, &a, &e);
	int rb = vp_text_tokenise(tx, (const char *)data, size, VP_TEXT_NOFAST, &b, &e);
	if (ra != rb)
		abort();
	if (ra == 0) {
		if (a.n != b.n) {
			fprintf(stderr, "fast %zu tokens, slow %zu\n", a.n, b.n);
			abort();
		}
		for (size_t i = 0; i < a.n; i++) {
			if (a.len[i] != b.len[i] || memcmp(vp_token(&a, i), vp_token(&b, i), a.len[i])) {
				fprintf(stderr, "token %zu: fast '%s' slow '%s'\n", i, vp_token(&a, i),
				        vp_token(&b, i));
				abort();
			}
			if (a.len[i] == 0 || vp_utf8_check(vp_token(&a, i), a.len[i]) != a.len[i])
				abort();
			if (memchr(vp_token(&a, i), '@', a.len[i]))
				abort();
			/* no run of combining marks longer than the stream-safe bound */
			const uint8_t *t = (const uint8_t *)vp_token(&a, i);
			size_t run = 0;
			for (size_t k = 0; k < a.len[i];) {
				utf8proc_int32_t cp;
				utf8proc_ssize_t m = utf8proc_iterate(t + k, (utf8proc_ssize_t)(a.len[i] - k), &cp);
				if (m <= 0)
					abort();
				run = utf8proc_get_property(cp)->combining_class ? run + 1 : 0;
				if (run > VP_TEXT_MAX_NON_STARTERS) {
					fprintf(stderr, "token %zu: %zu combining marks in a row\n", i, run);
					abort();
				}
				k += (size_t)m;
			}
		}
	}
	vp_tokens_free(&a);
	vp_tokens_free(&b);
	vp_text_close(tx);
	return 0;
}
