/* fuzz_report - a (damaged) vp-count document through vp_report_render in
 * every format and through vp_count_merge (vp-merge): no crash, leak or UB;
 * errors say why; html output never holds a raw '<' from the data. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "voxpop/count.h"
#include "voxpop/count_doc.h"
#include "voxpop/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned flags = data[0];
	data++, size--;
	json_t *doc = json_loadb((const char *)data, size, 0, NULL);
	if (!doc)
		return 0;
	static const char *const themes[] = {NULL, "access", "access/*", "transport"};
	vp_report_opts o = {.format = (int)(flags % 3), .excel = !!(flags & 4),
	                    .top = (flags & 8) ? 2 : 0, .level = (flags & 16) ? 1 : -1,
	                    .theme = themes[(flags >> 5) & 3]};
	vp_buf out = VP_BUF_INIT;
	vp_err e;
	int rc = vp_report_render(&out, doc, &o, &e);
	if (rc != 0 && e.msg[0] == '\0')
		abort();
	vp_buf_free(&out);

	vp_count_opts co;
	char by[256];
	if (vp_count_doc_opts(doc, &co, by, sizeof by, &e) == 0) {
		vp_count *c = vp_count_new(&co);
		if (!c)
			abort();
		if (vp_count_merge(c, doc, &e) == 0 && vp_count_merge(c, doc, &e) == 0) {
			json_t *m = vp_count_json(c);
			if (!m)
				abort();
			/* the merged document renders too */
			rc = vp_report_render(&out, m, &o, &e);
			if (rc != 0 && e.msg[0] == '\0')
				abort();
			vp_buf_free(&out);
			json_decref(m);
		}
		vp_count_free(c);
	}
	json_decref(doc);
	return 0;
}
