/* seen.c - see include/voxpop/seen.h */
#include "voxpop/seen.h"

#include <pthread.h>
#include <stdlib.h>

#include "voxpop/hash.h"

#define FIRST_SLOTS ((size_t)1 << 10)

struct vp_seen {
	uint64_t *slot; /* mixed hash, 0 empty */
	size_t cap, n, max, left_out;
	int shared;
	pthread_mutex_t mu;
	/* vp_seen_add_id: the ids that are plain numbers each one more than
	 * the last, lo..hi (has_run 0: none yet), not in the table; how many
	 * of them the table holds too (overlap); the least and the greatest
	 * plain number given to the table (has_num 0: none) */
	uint64_t lo, hi, nmin, nmax;
	size_t overlap;
	int has_run, has_num;
};

vp_seen *vp_seen_new(size_t max_slots, int shared)
{
	vp_seen *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->max = max_slots ? max_slots : VP_SEEN_MAX_SLOTS;
	if (s->max < FIRST_SLOTS)
		s->max = FIRST_SLOTS;
	s->shared = shared;
	if (shared && pthread_mutex_init(&s->mu, NULL) != 0) {
		free(s);
		return NULL;
	}
	return s;
}

void vp_seen_free(vp_seen *s)
{
	if (!s)
		return;
	if (s->shared)
		pthread_mutex_destroy(&s->mu);
	free(s->slot);
	free(s);
}

static int grow(vp_seen *s)
{
	size_t cap = s->cap ? s->cap * 2 : FIRST_SLOTS;
	uint64_t *slot = calloc(cap, sizeof *slot);
	if (!slot)
		return -1;
	for (size_t i = 0; i < s->cap; i++)
		if (s->slot[i])
			slot[vp_set64_probe(slot, cap, s->slot[i])] = s->slot[i];
	free(s->slot);
	s->slot = slot;
	s->cap = cap;
	return 0;
}

static int add(vp_seen *s, uint64_t k)
{
	/* at most half full while it may grow, three quarters at the bound */
	if (!s->cap || (s->n + 1 > s->cap / 2 && s->cap < s->max))
		if (grow(s) != 0)
			return -1;
	size_t i = vp_set64_probe(s->slot, s->cap, k);
	if (s->slot[i])
		return 1;
	if (s->n + 1 > s->cap / 4 * 3) {
		s->left_out++;
		return 0;
	}
	s->slot[i] = k;
	s->n++;
	return 0;
}

int vp_seen_add(vp_seen *s, uint64_t h)
{
	uint64_t k = vp_hash_mix64(h);
	if (!s->shared)
		return add(s, k);
	pthread_mutex_lock(&s->mu);
	int r = add(s, k);
	pthread_mutex_unlock(&s->mu);
	return r;
}

int vp_seen_add_many(vp_seen *s, const uint64_t *h, size_t n, signed char *out)
{
	enum { AHEAD = 8 };
	int rc = 0;
	if (s->shared)
		pthread_mutex_lock(&s->mu);
	for (size_t i = 0; i < n; i++) {
		if (i + AHEAD < n && s->cap) /* where it goes, as long as the table does not grow */
			__builtin_prefetch(&s->slot[(size_t)vp_hash_mix64(h[i + AHEAD]) & (s->cap - 1)]);
		int r = add(s, vp_hash_mix64(h[i]));
		out[i] = (signed char)r;
		if (r < 0)
			rc = -1;
	}
	if (s->shared)
		pthread_mutex_unlock(&s->mu);
	return rc;
}

/* s[0..n) as the number it is when it is written as the one way to write
 * it: "0", or 1 to 18 digits not beginning with 0 (so two such ids are the
 * same text exactly when they are the same number). */
static int plain_number(const char *s, size_t n, uint64_t *v)
{
	if (n == 0 || n > 18 || (s[0] == '0' && n > 1))
		return 0;
	uint64_t x = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned char)s[i] - (unsigned)'0';
		if (d > 9)
			return 0;
		x = x * 10 + d;
	}
	*v = x;
	return 1;
}

static int add_id(vp_seen *s, const char *id, size_t n)
{
	uint64_t x;
	if (!plain_number(id, n, &x))
		return add(s, vp_hash_mix64(vp_hash64(id, n)));
	if (s->has_run && x >= s->lo && x <= s->hi)
		return 1;
	if (!s->has_run || x == s->hi + 1) { /* it begins the range, or goes on with it */
		uint64_t k = vp_hash_mix64(vp_hash64(id, n));
		int had = s->has_num && x >= s->nmin && x <= s->nmax && s->cap &&
		          s->slot[vp_set64_probe(s->slot, s->cap, k)] == k;
		if (!s->has_run)
			s->lo = x;
		s->hi = x;
		s->has_run = 1;
		s->overlap += (size_t)had;
		return had;
	}
	int r = add(s, vp_hash_mix64(vp_hash64(id, n)));
	if (r == 0) {
		if (!s->has_num || x < s->nmin)
			s->nmin = x;
		if (!s->has_num || x > s->nmax)
			s->nmax = x;
		s->has_num = 1;
	}
	return r;
}

int vp_seen_add_id(vp_seen *s, const char *id, size_t n)
{
	if (!s->shared)
		return add_id(s, id, n);
	pthread_mutex_lock(&s->mu);
	int r = add_id(s, id, n);
	pthread_mutex_unlock(&s->mu);
	return r;
}

int vp_seen_has(vp_seen *s, uint64_t h)
{
	uint64_t k = vp_hash_mix64(h);
	if (s->shared)
		pthread_mutex_lock(&s->mu);
	int r = s->cap && s->slot[vp_set64_probe(s->slot, s->cap, k)] == k;
	if (s->shared)
		pthread_mutex_unlock(&s->mu);
	return r;
}

size_t vp_seen_count(const vp_seen *s)
{
	return s->n + (s->has_run ? (size_t)(s->hi - s->lo + 1) - s->overlap : 0);
}

size_t vp_seen_left_out(const vp_seen *s)
{
	return s->left_out;
}
