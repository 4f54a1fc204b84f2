/* hash.c - see include/voxpop/hash.h */
#include <stdlib.h>
#include <string.h>

#include "voxpop/hash.h"

uint64_t vp_hash64_more(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

uint64_t vp_hash64(const char *s, size_t n)
{
	return vp_hash64_more(VP_HASH64_INIT, s, n);
}

enum { STRMAP_MIN = 16 };

/* The slot holding key (hash h), or the empty slot where it would go. */
static vp_strmap_slot *strmap_find(const vp_strmap *m, const char *key, size_t n, uint64_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		vp_strmap_slot *s = &m->slots[i];
		if (!s->key || (s->hash == h && s->len == n && memcmp(s->key, key, n) == 0))
			return s;
	}
}

size_t *vp_strmap_get(const vp_strmap *m, const char *key, size_t n)
{
	if (!m->n)
		return NULL;
	vp_strmap_slot *s = strmap_find(m, key, n, vp_hash64(key, n));
	return s->key ? &s->val : NULL;
}

static int strmap_grow(vp_strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : STRMAP_MIN;
	if (cap < m->cap || cap > SIZE_MAX / sizeof *m->slots)
		return -1;
	vp_strmap_slot *slots = calloc(cap, sizeof *slots);
	if (!slots)
		return -1;
	vp_strmap big = {slots, cap, m->n};
	for (size_t i = 0; i < m->cap; i++) {
		const vp_strmap_slot *s = &m->slots[i];
		if (s->key)
			*strmap_find(&big, s->key, s->len, s->hash) = *s;
	}
	free(m->slots);
	*m = big;
	return 0;
}

int vp_strmap_put(vp_strmap *m, const char *key, size_t n, size_t val, size_t **at)
{
	uint64_t h = vp_hash64(key, n);
	vp_strmap_slot *s;
	if (m->cap) {
		s = strmap_find(m, key, n, h);
		if (s->key) {
			if (at)
				*at = &s->val;
			return 0;
		}
	}
	if ((m->n + 1) > m->cap / 2) {
		if (strmap_grow(m) < 0)
			return -1;
	}
	s = strmap_find(m, key, n, h);
	char *copy = malloc(n + 1);
	if (!copy)
		return -1;
	memcpy(copy, key, n);
	copy[n] = '\0';
	*s = (vp_strmap_slot){copy, n, h, val};
	m->n++;
	if (at)
		*at = &s->val;
	return 1;
}

const vp_strmap_slot *vp_strmap_next(const vp_strmap *m, size_t *i)
{
	for (; *i < m->cap; (*i)++)
		if (m->slots[*i].key)
			return &m->slots[(*i)++];
	return NULL;
}

void vp_strmap_free(vp_strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	m->slots = NULL;
	m->cap = m->n = 0;
}
