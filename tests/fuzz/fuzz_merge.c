/* fuzz_merge - two (damaged) vp-count documents A 0xFF B through the merge
 * code as vp-merge drives it (vp_count_doc_opts of the first, vp_count_new,
 * vp_count_merge of each): merge(A,B) is accepted or rejected with a
 * message, never a crash, leak or UB.  When A alone merges, its document M
 * is valid: merging M with an empty document (a fresh count with M's
 * options, either order) must give M back, and M must merge into a count
 * made from its own options.  Byte 0: the --level given to vp-merge (0-2,
 * 3: none). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "voxpop/count.h"
#include "voxpop/count_doc.h"

/* vp-merge's setup: a count made from doc's options (and --level). */
static vp_count *count_for(const json_t *doc, int level, vp_err *e)
{
	vp_count_opts o;
	char by[256];
	if (vp_count_doc_opts(doc, &o, by, sizeof by, e) != 0)
		return NULL;
	if (level >= 0 && (o.by || (!o.nested && o.level != level)))
		return NULL;
	if (level >= 0)
		o.level = level;
	vp_count *c = vp_count_new(&o);
	if (!c)
		abort();
	return c;
}

static void check_err(int rc, const vp_err *e)
{
	if (rc != 0 && e->msg[0] == '\0')
		abort();
}

/* M merged with an empty document (first or second) gives M back. */
static void check_identity(const json_t *m)
{
	vp_err e;
	vp_err_clear(&e);
	for (int emptyfirst = 0; emptyfirst < 2; emptyfirst++) {
		vp_count *c = count_for(m, -1, &e);
		if (!c) {
			fprintf(stderr, "a merged document's options do not read back: %s\n", e.msg);
			abort();
		}
		vp_count *z = count_for(m, -1, &e);
		json_t *empty = vp_count_json(z);
		if (!empty)
			abort();
		const json_t *first = emptyfirst ? empty : m, *second = emptyfirst ? m : empty;
		if (vp_count_merge(c, first, &e) != 0 || vp_count_merge(c, second, &e) != 0) {
			fprintf(stderr, "merge with an empty document refused: %s\n", e.msg);
			abort();
		}
		json_t *back = vp_count_json(c);
		if (!back)
			abort();
		if (!json_equal(back, m)) {
			char *a = json_dumps(m, JSON_SORT_KEYS), *b = json_dumps(back, JSON_SORT_KEYS);
			fprintf(stderr, "merge with empty changed the document:\n%s\n%s\n", a, b);
			abort();
		}
		json_decref(back);
		json_decref(empty);
		vp_count_free(z);
		vp_count_free(c);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int level = data[0] % 4 == 3 ? -1 : data[0] % 4;
	data++, size--;
	const uint8_t *sep = memchr(data, 0xFF, size);
	size_t alen = sep ? (size_t)(sep - data) : size;
	json_t *a = json_loadb((const char *)data, alen, 0, NULL);
	json_t *b = sep ? json_loadb((const char *)sep + 1, size - alen - 1, 0, NULL) : NULL;
	vp_err e;
	vp_err_clear(&e);
	if (a) {
		vp_count *c = count_for(a, level, &e);
		if (c) {
			int rc = vp_count_merge(c, a, &e);
			check_err(rc, &e);
			if (rc == 0) {
				json_t *m = vp_count_json(c);
				if (!m)
					abort();
				check_identity(m);
				json_decref(m);
				if (b) {
					rc = vp_count_merge(c, b, &e);
					check_err(rc, &e);
					if (rc == 0) {
						json_t *mm = vp_count_json(c);
						if (!mm)
							abort();
						check_identity(mm);
						json_decref(mm);
					}
				}
			}
			vp_count_free(c);
		}
	}
	json_decref(a);
	json_decref(b);
	return 0;
}
