/* redact_given.c - the list of given names (see include/voxpop/redact.h):
 * read once, then looked up for every capitalised word the redactor
 * passes with no cue before it, so a lookup is a hash of the word
 * lowercased on the stack and a probe of an open-addressed table. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/hash.h"
#include "voxpop/paths.h"
#include "voxpop/redact.h"
#include "redact_impl.h"

/* Longer names are not looked up (nor read). */
#define GIVEN_MAX 32

struct vp_given_names {
	char *words;       /* the names lowercased, NUL after each */
	size_t words_len, words_cap;
	unsigned *slot;    /* 1 + offset into words, 0 empty; nslot a power of 2 */
	unsigned char *kind; /* VP_GIVEN_NAME or VP_GIVEN_WORD, per slot */
	size_t nslot, count;
};

/* w[0..n) lowercased (ASCII letters; other bytes as written) into low. */
static void given_lower(const char *w, size_t n, char *low)
{
	for (size_t k = 0; k < n; k++)
		low[k] = (char)lower((unsigned char)w[k]);
}

/* The slot of low[0..n), or of the empty slot where it would go. */
static size_t given_slot(const vp_given_names *g, const char *low, size_t n)
{
	size_t mask = g->nslot - 1, i = vp_hash_bytes(low, n) & mask;
	while (g->slot[i]) {
		const char *w = g->words + g->slot[i] - 1;
		if (strncmp(w, low, n) == 0 && w[n] == '\0')
			return i;
		i = (i + 1) & mask;
	}
	return i;
}

int vp_given_name(const vp_given_names *g, const char *w, size_t n)
{
	char low[GIVEN_MAX];
	if (!g || n == 0 || n >= GIVEN_MAX)
		return 0;
	given_lower(w, n, low);
	size_t i = given_slot(g, low, n);
	return g->slot[i] ? g->kind[i] : 0;
}

/* Room for one more name in the table (kept at most half full). */
static int given_grow(vp_given_names *g)
{
	if ((g->count + 1) * 2 <= g->nslot)
		return 0;
	size_t nslot = g->nslot ? g->nslot * 2 : 1024;
	unsigned *slot = calloc(nslot, sizeof *slot);
	unsigned char *kind = calloc(nslot, 1);
	if (!slot || !kind) {
		free(slot);
		free(kind);
		return -1;
	}
	vp_given_names old = *g;
	g->slot = slot;
	g->kind = kind;
	g->nslot = nslot;
	for (size_t i = 0; i < old.nslot; i++) {
		if (!old.slot[i])
			continue;
		const char *w = g->words + old.slot[i] - 1;
		size_t j = given_slot(g, w, strlen(w));
		g->slot[j] = old.slot[i];
		g->kind[j] = old.kind[i];
	}
	free(old.slot);
	free(old.kind);
	return 0;
}

/* Add the name w[0..n) of kind; a name twice keeps its first kind. */
static int given_add(vp_given_names *g, const char *w, size_t n, int kind)
{
	char low[GIVEN_MAX];
	given_lower(w, n, low);
	if (given_grow(g))
		return -1;
	size_t i = given_slot(g, low, n);
	if (g->slot[i])
		return 0;
	if (g->words_len + n + 1 > g->words_cap) {
		size_t cap = g->words_cap ? g->words_cap * 2 : 16384;
		char *p = realloc(g->words, cap);
		if (!p)
			return -1;
		g->words = p;
		g->words_cap = cap;
	}
	memcpy(g->words + g->words_len, low, n);
	g->words[g->words_len + n] = '\0';
	g->slot[i] = (unsigned)g->words_len + 1;
	g->kind[i] = (unsigned char)kind;
	g->words_len += n + 1;
	g->count++;
	return 0;
}

/* One line (its newline gone): '#' or blank, "Name" or "Name word". */
static int given_line(vp_given_names *g, char *s, const char *path, unsigned long line,
                      vp_err *e)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	if (n == 0 || s[0] == '#')
		return 0;
	size_t w = 0;
	while (w < n && s[w] != ' ' && s[w] != '\t')
		w++;
	const char *rest = s + w + strspn(s + w, " \t");
	int kind = VP_GIVEN_NAME;
	if (*rest) {
		if (strcmp(rest, "word") != 0)
			return vp_errf_at(e, EX_CONFIG, path, line,
			                  "'%s' after a name: want nothing or \"word\"", rest);
		kind = VP_GIVEN_WORD;
	}
	if (w >= GIVEN_MAX)
		return vp_errf_at(e, EX_CONFIG, path, line, "a name of %d bytes or more", GIVEN_MAX);
	for (size_t k = 0; k < w; k++)
		if (!is_alpha(s[k]) && (unsigned char)s[k] < 0x80 && s[k] != '-' && s[k] != '\'')
			return vp_errf_at(e, EX_CONFIG, path, line, "'%.*s' is not a name", (int)w, s);
	return given_add(g, s, w, kind) ? vp_oom(e) : 0;
}

int vp_given_names_load(const char *path, vp_given_names **out, vp_err *e)
{
	*out = NULL;
	FILE *f = fopen(path, "r");
	if (!f)
		return vp_errf(e, EX_NOINPUT, "%s: %s", path, strerror(errno));
	vp_given_names *g = calloc(1, sizeof *g);
	char *buf = NULL;
	size_t cap = 0;
	unsigned long line = 0;
	int rc = g ? 0 : vp_oom(e);
	while (rc == 0 && getline(&buf, &cap, f) != -1) {
		line++;
		buf[strcspn(buf, "\n")] = '\0';
		rc = given_line(g, buf, path, line, e);
	}
	if (rc == 0 && ferror(f))
		rc = vp_errf(e, EX_IOERR, "%s: read error: %s", path, strerror(errno));
	if (rc == 0 && g->count == 0)
		rc = vp_errf(e, EX_CONFIG, "%s: no names", path);
	free(buf);
	fclose(f);
	if (rc) {
		vp_given_names_free(g);
		return rc;
	}
	*out = g;
	return 0;
}

void vp_given_names_free(vp_given_names *g)
{
	if (!g)
		return;
	free(g->words);
	free(g->slot);
	free(g->kind);
	free(g);
}

int vp_given_names_default(vp_given_names **out, vp_err *e)
{
	char path[PATH_MAX];
	*out = NULL;
	if (vp_data_path("lexicons/names/given.txt", path, sizeof path) != 0)
		return 0;
	return vp_given_names_load(path, out, e);
}
