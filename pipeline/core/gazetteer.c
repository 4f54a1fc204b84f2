/* gazetteer.c - the gazetteer object and its table of names; see
 * include/voxpop/gazetteer.h.  Loading is in gazetteer_load.c, matching in
 * gazetteer_match.c, the tokeniser both use in gazetteer_tokens.c. */
#include <stdlib.h>
#include <string.h>

#include "gazetteer_impl.h"

char *gz_dupn(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

vp_gazetteer *vp_gazetteer_new(void)
{
	return calloc(1, sizeof(vp_gazetteer));
}

void vp_gazetteer_given_names(vp_gazetteer *g, const struct vp_given_names *names)
{
	g->given = names;
}

const struct vp_given_names *vp_gazetteer_given(const vp_gazetteer *g)
{
	return g->given;
}

void vp_gazetteer_free(vp_gazetteer *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->nsystems; i++)
		free(g->systems[i]);
	for (size_t i = 0; i < g->nplaces; i++)
		free(g->places[i].name);
	for (size_t i = 0; i < g->nlocalities; i++)
		free(g->localities[i].name);
	for (size_t i = 0; i < g->nfiles; i++)
		free(g->files[i]);
	for (size_t i = 0; i < g->nentries; i++) {
		free(g->entries[i].key);
		free(g->entries[i].name);
		free(g->entries[i].refs);
		free(g->entries[i].bits);
	}
	free(g->systems);
	free(g->places);
	free(g->localities);
	free(g->cells);
	free(g->files);
	free(g->entries);
	vp_strmap_free(&g->names);
	for (size_t i = 0; i < g->nvocab; i++)
		free(g->vocab[i]);
	free(g->vocab);
	free(g);
}

size_t vp_gazetteer_systems(const vp_gazetteer *g)
{
	return g->nsystems;
}

size_t vp_gazetteer_localities(const vp_gazetteer *g)
{
	return g->nlocalities;
}

/* ---- the table of names ------------------------------------------------- */

const struct entry *gz_lookup(const vp_gazetteer *g, const char *key, size_t n)
{
	const size_t *at = vp_strmap_get(&g->names, key, n);
	return at ? &g->entries[*at] : NULL;
}

struct entry *gz_intern(vp_gazetteer *g, const char *key, size_t n, const char *name)
{
	const size_t *at = vp_strmap_get(&g->names, key, n);
	if (at)
		return &g->entries[*at];
	if (vp_grow(&g->entries, &g->centries, g->nentries + 1, sizeof *g->entries) < 0)
		return NULL;
	struct entry *en = &g->entries[g->nentries];
	memset(en, 0, sizeof *en);
	en->key = gz_dupn(key, n);
	en->name = gz_dupn(name, strlen(name));
	if (!en->key || !en->name ||
	    vp_strmap_put(&g->names, key, n, g->nentries, NULL) < 0) {
		free(en->key);
		free(en->name);
		return NULL;
	}
	g->nentries++;
	size_t words = 1;
	for (size_t k = 0; k < n; k++)
		words += key[k] == ' ';
	if (words > g->max_tokens)
		g->max_tokens = words;
	return en;
}
