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

/* One 8-byte word into h: the rotation brings the multiply's high bits
 * back down, so that a change in any bit reaches every bit by the end. */
static inline uint64_t stream_mix(uint64_t h, uint64_t x)
{
	h = (h ^ x) * 0xbf58476d1ce4e5b9u;
	return h << 31 | h >> 33;
}

/* 32 bytes at b into the four lanes. */
static inline void stream_block(uint64_t h[4], const unsigned char *b)
{
	for (int i = 0; i < 4; i++) {
		uint64_t x;
		memcpy(&x, b + 8 * i, 8);
		h[i] = stream_mix(h[i], x);
	}
}

void vp_hash_stream_add(vp_hash_stream *s, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t have = (size_t)(s->n % 32);
	s->n += n;
	if (have) {
		size_t k = 32 - have < n ? 32 - have : n;
		memcpy(s->tail + have, b, k);
		b += k;
		n -= k;
		if (have + k < 32)
			return;
		stream_block(s->h, s->tail);
	}
	uint64_t h[4] = {s->h[0], s->h[1], s->h[2], s->h[3]};
	for (; n >= 32; b += 32, n -= 32)
		stream_block(h, b);
	memcpy(s->h, h, sizeof h);
	memcpy(s->tail, b, n);
}

uint64_t vp_hash_stream_end(const vp_hash_stream *s)
{
	unsigned char last[32] = {0}; /* zeros past the tail; the length tells */
	memcpy(last, s->tail, (size_t)(s->n % 32));
	uint64_t h[4] = {s->h[0], s->h[1], s->h[2], s->h[3]};
	stream_block(h, last);
	uint64_t x = s->n;
	for (int i = 0; i < 4; i++)
		x = stream_mix(x, h[i]);
	x = (x ^ x >> 31) * 0x94d049bb133111ebu;
	return x ^ x >> 29 ^ x >> 47;
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
