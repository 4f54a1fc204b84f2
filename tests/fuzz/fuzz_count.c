/* fuzz_count - vp-count's fast line path against the jansson path: each
 * input line is counted both ways (fast path first, jansson when it
 * declines) and the documents must be identical; the fast path must never
 * accept a line jansson rejects.  First byte picks the count options. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "voxpop/count.h"
#include "voxpop/count_doc.h"

static int slow_add(vp_count *c, const char *line, size_t len)
{
	json_t *rec = json_loadb(line, len, JSON_ALLOW_NUL, NULL);
	if (!json_is_object(rec)) {
		json_decref(rec);
		return 0;
	}
	vp_err e;
	int rc = vp_count_add(c, rec, &e);
	json_decref(rec);
	return rc == 0;
}

static char *dump(vp_count *c)
{
	json_t *doc = vp_count_json(c);
	char *s = json_dumps(doc, JSON_SORT_KEYS | JSON_REAL_PRECISION(10));
	json_decref(doc);
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const vp_count_opts optsets[] = {
		{0},
		{.quotes = 2},
		{.level = VP_LEVEL_PLACE, .nested = 1, .quotes = 1},
		{.by = "fields.Age"},
		{.by = "fields.When:month"},
		{.by = "date:year"},
		{.by = "channel"},
		{.by = "id"},
	};
	if (size < 1)
		return 0;
	const vp_count_opts *o = &optsets[data[0] % 8];
	data++, size--;
	vp_count *slow = vp_count_new(o), *fast = vp_count_new(o);
	const char *p = (const char *)data, *end = p + size;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		int s_ok = slow_add(slow, p, len);
		vp_err e;
		int f = vp_count_add_line(fast, p, len, &e);
		if (f != 0 && f != 1) {
			/* an error (e.g. data error) must be the jansson path's too */
			if (s_ok) {
				fprintf(stderr, "fast error %d (%s), jansson counted: %.*s\n", f, e.msg,
				        (int)len, p);
				abort();
			}
		} else if (f == 1) {
			if (!s_ok) {
				fprintf(stderr, "fast accepted, jansson rejected: %.*s\n", (int)len, p);
				abort();
			}
		} else {
			slow_add(fast, p, len);
		}
		p += len + 1;
	}
	char *a = dump(slow), *b = dump(fast);
	if (strcmp(a, b) != 0) {
		fprintf(stderr, "documents differ:\njansson %s\nfast    %s\n", a, b);
		abort();
	}
	free(a);
	free(b);
	vp_count_free(slow);
	vp_count_free(fast);
	return 0;
}
