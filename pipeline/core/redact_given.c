/* redact_given.c - the list of given names (see include/voxpop/redact.h):
 * read once, then looked up for every capitalised word the redactor
 * passes with no cue before it, so a lookup is the word lowercased on the
 * stack and a probe of the core's string table (vp_strmap).  The struct is
 * in redact_impl.h: the scan reads its tables of names' first and last
 * three letters inline (vpr_run_together_splits). */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
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

/* A surname's kind (VP_SURNAME, VP_SURNAME_WORD) is kept this far up. */
#define SURNAME_SHIFT 2

/* w[0..n) lowercased (ASCII letters; other bytes as written) into low. */
static void given_lower(const char *w, size_t n, char *low)
{
	for (size_t k = 0; k < n; k++)
		low[k] = (char)lower((unsigned char)w[k]);
}

int vp_given_name(const vp_given_names *g, const char *w, size_t n)
{
	char low[GIVEN_MAX];
	if (!g || n == 0 || n >= GIVEN_MAX)
		return 0;
	given_lower(w, n, low);
	const size_t *kind = vp_strmap_get(&g->names, low, n);
	return kind ? (int)(*kind & 3) : 0;
}

int vp_surname(const vp_given_names *g, const char *w, size_t n)
{
	char low[GIVEN_MAX];
	if (!g || n == 0 || n >= GIVEN_MAX)
		return 0;
	given_lower(w, n, low);
	const size_t *kind = vp_strmap_get(&g->names, low, n);
	return kind ? (int)(*kind >> SURNAME_SHIFT & 3) : 0;
}

int vpr_name_listed(const vp_given_names *g, const char *w, size_t n)
{
	char low[GIVEN_MAX];
	if (!g || n == 0 || n >= GIVEN_MAX)
		return 0;
	given_lower(w, n, low);
	return vp_strmap_get(&g->names, low, n) != NULL;
}

/* Add the name w[0..n) of kind (as a given name or, shifted, a surname);
 * a given name twice keeps its first kind, and so does a surname. */
static int given_add(vp_given_names *g, const char *w, size_t n, size_t kind)
{
	char low[GIVEN_MAX];
	size_t *at;
	given_lower(w, n, low);
	int r = vp_strmap_put(&g->names, low, n, kind, &at);
	if (r < 0)
		return -1;
	size_t given_bits = 3, surname_bits = (size_t)3 << SURNAME_SHIFT;
	long t;
	if (n >= 3 && n < 16 && (kind & given_bits) && (t = tri_of(low)) >= 0)
		g->given_len[t] |= (uint16_t)(1u << n);
	if (n == 2 && (kind & given_bits) && is_lower(low[0]) && is_lower(low[1]))
		g->given2[low[0] - 'a'] |= 1u << (low[1] - 'a');
	if (n >= 3 && (kind & surname_bits) && (t = tri_of(low + n - 3)) >= 0)
		g->surname_len[t] |= (uint32_t)1 << n;
	if (r == 0 && ((kind & given_bits && !(*at & given_bits)) ||
	               (kind & surname_bits && !(*at & surname_bits))))
		*at |= kind; /* "Thomas" and "Thomas surname word" */
	return 0;
}

/* One line (its newline gone): '#' or blank, "Name", "Name word", "Name
 * surname" or "Name surname word". */
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
	size_t kind = VP_GIVEN_NAME;
	if (*rest) {
		if (strcmp(rest, "word") == 0)
			kind = VP_GIVEN_WORD;
		else if (strcmp(rest, "surname") == 0)
			kind = (size_t)VP_SURNAME << SURNAME_SHIFT;
		else if (strncmp(rest, "surname", 7) == 0 && (rest[7] == ' ' || rest[7] == '\t') &&
		         strcmp(rest + 8 + strspn(rest + 8, " \t"), "word") == 0)
			kind = (size_t)VP_SURNAME_WORD << SURNAME_SHIFT;
		else
			return vp_errf_at(e, EX_CONFIG, path, line,
			                  "'%s' after a name: want nothing, \"word\", \"surname\" or "
			                  "\"surname word\"",
			                  rest);
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
	if (rc == 0 && g->names.n == 0)
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
	vp_strmap_free(&g->names);
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
