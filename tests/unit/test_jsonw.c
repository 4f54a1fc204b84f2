/* vp_json_str: the same text jansson writes for a string (but for the case
 * of \u00XX's hex digits, lower here, upper there), with every byte
 * that needs an escape (and UTF-8 that does not) at every offset of strings
 * long enough to cross the 8- and 16-byte blocks the writer skips by. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/jsonw.h"

Test(jsonw, escapes_as_jansson_at_every_offset)
{
	static const char *const specials[] = {"\"", "\\", "\n", "\r", "\t", "\b", "\f", "\x01",
	                                       "\x1f", "\x7f", "\xc3\xa9", "\xe2\x80\xa8", "/", " "};
	char body[64];
	vp_buf b = VP_BUF_INIT;
	for (size_t s = 0; s < sizeof specials / sizeof *specials; s++)
		for (size_t len = 0; len <= 40; len++)
			for (size_t at = 0; at <= len; at++) {
				size_t k = 0;
				for (size_t i = 0; i <= len; i++) {
					if (i == at) {
						memcpy(body + k, specials[s], strlen(specials[s]));
						k += strlen(specials[s]);
					}
					if (i < len)
						body[k++] = (char)('a' + i % 26);
				}
				json_t *j = json_stringn(body, k);
				cr_assert_not_null(j);
				char *want = json_dumps(j, JSON_ENCODE_ANY);
				for (char *p = want; *p; p++) /* \u001F -> \u001f; the rest is lower case */
					if (*p >= 'A' && *p <= 'F')
						*p = (char)(*p - 'A' + 'a');
				vp_buf_clear(&b);
				cr_assert_eq(vp_json_str(&b, body, k), 0);
				cr_assert(b.len == strlen(want) && memcmp(b.data, want, b.len) == 0,
				          "special %zu at %zu of %zu: %.*s, want %s", s, at, len, (int)b.len,
				          b.data, want);
				free(want);
				json_decref(j);
			}
	vp_buf_free(&b);
}
