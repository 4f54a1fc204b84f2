/* fuzz_lexicon - the lexicon loader and matcher: the input (split at the
 * first 0xFF byte) becomes a.txt and a/b.txt of a lexicon set in a scratch
 * directory; load it (errors are fine but must say file:line), then match a
 * fixed token list and render the themes JSON; vp_lexicon_check (vp-tag
 * --check) writes one "file:line: ..." line per finding. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "voxpop/lexicon.h"

static vp_text *tx;
static char dir[64], fa[96], fb[96];

static void put(const char *path, const uint8_t *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vp_err e;
	if (!tx) {
		if (vp_text_open(&tx, "english", &e) != 0)
			abort();
		snprintf(dir, sizeof dir, "/tmp/vp-fuzzlex.%ld", (long)getpid());
		mkdir(dir, 0700);
		snprintf(fa, sizeof fa, "%s/a", dir);
		mkdir(fa, 0700);
		snprintf(fa, sizeof fa, "%s/a.txt", dir);
		snprintf(fb, sizeof fb, "%s/a/b.txt", dir);
	}
	const uint8_t *cut = memchr(data, 0xFF, size);
	size_t na = cut ? (size_t)(cut - data) : size;
	put(fa, data, na);
	put(fb, cut ? cut + 1 : data, cut ? size - na - 1 : 0);
	vp_lexicon *lx = NULL;
	int rc = vp_lexicon_load(&lx, dir, tx, &e);
	if (rc != 0) {
		if (lx || e.msg[0] == '\0')
			abort();
		return 0;
	}
	static const char *const words[] = {"the", "car", "park", "wait", "hour", "a",
		"b", "physio", "<email>", "x", "car", "park", "nhs", "10", "the"};
	size_t n = sizeof words / sizeof words[0];
	size_t len[sizeof words / sizeof words[0]];
	for (size_t i = 0; i < n; i++)
		len[i] = strlen(words[i]);
	vp_matcher *m = vp_matcher_new();
	const vp_theme_match *out;
	size_t nout;
	for (size_t k = 0; k <= n; k++) { /* every suffix of the sentence */
		if (vp_match(m, lx, words + k, len + k, n - k, &out, &nout, &e) != 0)
			abort();
		for (size_t i = 0; i < nout; i++)
			if (out[i].start >= out[i].end || out[i].end > n - k ||
			    out[i].theme >= vp_lexicon_nthemes(lx) ||
			    out[i].entry >= vp_lexicon_nentries(lx))
				abort();
		vp_buf j = VP_BUF_INIT;
		if (vp_themes_json(m, lx, 1, &j) != 0)
			abort();
		json_t *v = json_loadb(j.data, j.len, 0, NULL);
		if (!json_is_array(v)) {
			fprintf(stderr, "themes JSON does not parse: %s\n", j.data);
			abort();
		}
		json_decref(v);
		vp_buf_free(&j);
	}
	vp_matcher_free(m);
	/* vp-tag --check: one line per finding, each "DIR/a...:LINE: ..." */
	vp_buf chk = VP_BUF_INIT;
	long found = vp_lexicon_check(lx, tx, &chk);
	if (found < 0)
		abort();
	long lines = 0;
	for (const char *p = chk.data; p && *p; lines++) {
		const char *nl = strchr(p, '\n');
		if (!nl || strncmp(p, fa, strlen(dir) + 2) != 0) {
			fprintf(stderr, "--check finding not 'file:line: ...': %s\n", p);
			abort();
		}
		p = nl + 1;
	}
	if (lines != found || (chk.data && strlen(chk.data) != chk.len))
		abort();
	vp_buf_free(&chk);
	vp_lexicon_free(lx);
	return 0;
}
