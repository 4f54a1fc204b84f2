/* fuzz_jscan - the NDJSON line scanner against jansson: OK only for what
 * jansson accepts as an object (but numbers: the scanner takes any size,
 * jansson neither integers beyond 64 bits nor reals beyond a double: OK
 * then when jansson accepts the line with each number made 0), BAD only
 * for what it rejects; each member
 * found is the value jansson keeps (last of duplicates); strings decode to
 * jansson's value; array walks see every element; names worked out once
 * (vp_jscan_names) give what names worked out per line give, also with a
 * memo of long flat values (vp_jscan_memo). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "voxpop/jscan.h"
#include "zero_numbers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = {"text", "tokens", "id", "themes"};
	enum { NK = 4 };
	vp_jspan v[NK];
	/* copy so that ASan sees any read past the end */
	char *s = malloc(size ? size : 1);
	memcpy(s, data, size);
	int r = vp_jscan_members(s, size, keys, NK, v);
	/* names worked out once: the same answer and members */
	vp_jscan_names nm;
	vp_jspan nv0[NK];
	if (vp_jscan_names_init(&nm, keys, NK) != 0 ||
	    vp_jscan_members_named(s, size, &nm, nv0, 0, NULL, NULL) != r)
		abort();
	for (int k = 0; r == VP_JSCAN_OK && k < NK; k++)
		if (nv0[k].p != v[k].p || nv0[k].n != v[k].n)
			abort();
	/* with a memo (kept from input to input, and this input's own long
	 * values in it after the first scan): the same answer and members */
	static vp_jscan_memo memo;
	nm.memo = &memo;
	for (int pass = 0; pass < 2; pass++) {
		if (vp_jscan_members_named(s, size, &nm, nv0, 0, NULL, NULL) != r)
			abort();
		for (int k = 0; r == VP_JSCAN_OK && k < NK; k++)
			if (nv0[k].p != v[k].p || nv0[k].n != v[k].n)
				abort();
	}
	json_t *j = json_loadb(s, size, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	int obj = json_is_object(j);
	int numbers = 0; /* rejected by jansson only for a number's size */
	if (r == VP_JSCAN_OK && !obj) {
		char *z = zero_numbers(s, size);
		json_t *jz = json_loadb(z, size, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
		numbers = json_is_object(jz);
		json_decref(jz);
		free(z);
	}
	if (r == VP_JSCAN_OK && !obj && !numbers) {
		fprintf(stderr, "jscan OK, jansson rejects: %.*s\n", (int)size, s);
		abort();
	}
	if (r == VP_JSCAN_BAD && obj) {
		fprintf(stderr, "jscan BAD, jansson accepts: %.*s\n", (int)size, s);
		abort();
	}
	if (r == VP_JSCAN_OK && obj) {
		for (int k = 0; k < NK; k++) {
			json_t *want = json_object_get(j, keys[k]);
			if (!v[k].p) {
				if (want)
					abort();
				continue;
			}
			if (v[k].p < s || v[k].p + v[k].n > s + size)
				abort();
			json_t *got = json_loadb(v[k].p, v[k].n, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
			if (!got || !json_equal(got, want)) {
				fprintf(stderr, "member %s: span '%.*s' is not jansson's value\n", keys[k],
				        (int)v[k].n, v[k].p);
				abort();
			}
			if (json_is_string(got)) {
				vp_buf scratch = VP_BUF_INIT;
				const char *d;
				size_t dn;
				if (vp_jscan_string(v[k], &scratch, &d, &dn) != 0)
					abort();
				if (dn != json_string_length(got) || memcmp(d, json_string_value(got), dn))
					abort();
				vp_buf_free(&scratch);
			}
			if (json_is_array(got)) {
				vp_jspan rest = v[k], el;
				size_t n = 0;
				while (vp_jscan_array_next(&rest, &el)) {
					json_t *e = json_loadb(el.p, el.n, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
					if (!e || n >= json_array_size(got) ||
					    !json_equal(e, json_array_get(got, n)))
						abort();
					json_decref(e);
					n++;
				}
				if (n != json_array_size(got))
					abort();
				/* noted in the validating pass: the same elements,
				 * plain exactly when all are strings without escapes,
				 * an object's members as walking finds them */
				static const char *const ek[] = {"theme", "hits"};
				size_t cap = size / 3 + 1;
				vp_jspan *elem = malloc(cap * sizeof *elem), nv[NK];
				vp_jspan *vals = malloc(2 * cap * sizeof *vals);
				vp_jscan_elems ne = {ek, 2, elem, vals, cap, 0, 0};
				int erc = vp_jscan_members_elems(s, size, keys, NK, nv, (size_t)k, &ne);
				/* unsure is right only for an escaped key in an element
				 * object (it might spell a wanted one) */
				int escaped_key = 0;
				for (rest = v[k]; vp_jscan_array_next(&rest, &el);)
					escaped_key |= el.p[0] == '{' && memchr(el.p, '\\', el.n) != NULL;
				if (erc == VP_JSCAN_UNSURE && escaped_key) {
					free(elem);
					free(vals);
					json_decref(got);
					continue;
				}
				if (erc != VP_JSCAN_OK || ne.n < 0 || (size_t)ne.n != json_array_size(got))
					abort();
				int plain = 1;
				for (size_t i = 0; i < json_array_size(got); i++) {
					json_t *e = json_array_get(got, i);
					json_t *ge = json_loadb(elem[i].p, elem[i].n, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
					if (!ge || !json_equal(ge, e))
						abort();
					json_decref(ge);
					plain &= elem[i].p[0] == '"' && !memchr(elem[i].p, '\\', elem[i].n);
					if (elem[i].p[0] == '{') {
						vp_jspan m[2];
						if (vp_jscan_validated_members(elem[i], ek, 2, m, 0) != VP_JSCAN_OK)
							abort();
						for (int q = 0; q < 2; q++)
							if (m[q].p != vals[2 * i + q].p || m[q].n != vals[2 * i + q].n)
								abort();
					}
				}
				if (plain != ne.plain)
					abort();
				free(elem);
				free(vals);
			}
			json_decref(got);
		}
	}
	json_decref(j);
	free(s);
	return 0;
}
