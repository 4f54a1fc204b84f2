/* fuzz_gazetteer - the gazetteer loader and matcher: load the input as a
 * gazetteer file (errors must say where), then match fixed values and the
 * input itself in both modes; resolved names are never NULL. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/gazetteer.h"

static void try(const vp_gazetteer *g, const char *s, size_t n)
{
	vp_locus l;
	vp_resolved r;
	for (int mode = 0; mode < 2; mode++) {
		if (vp_gazetteer_match(g, s, n, (enum vp_match_mode)mode, &l) < 0)
			abort();
		vp_gazetteer_resolve(g, &l, &r);
		if (!r.system || !r.place || !r.locality)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vp_gazetteer *g = vp_gazetteer_new();
	vp_err e;
	int rc = vp_gazetteer_load_text(g, "fuzz.txt", (const char *)data, size, &e);
	if (rc == 0)
		rc = vp_gazetteer_finish(g, &e);
	if (rc != 0 && e.msg[0] == '\0')
		abort();
	if (rc == 0) {
		static const char *const vals[] = {"Leicester", "LE1 5WW", "le13", "St Mary's",
			"Melton Mowbray & Oakham", "", "  ", "North West London NW1"};
		for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
			try(g, vals[i], strlen(vals[i]));
		try(g, (const char *)data, size);
	}
	vp_gazetteer_free(g);
	return 0;
}
