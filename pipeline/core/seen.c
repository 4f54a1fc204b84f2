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
	/* vp_seen_add_key: ids that are plain numbers, held as ranges of
	 * consecutive numbers of one domain each, not in the table; how many
	 * of them the table holds too (overlap); the least and the greatest
	 * plain number given to the table (has_num 0: none) */
	struct range {
		uint64_t lo, hi, dom;
	} run[VP_SEEN_RANGES];
	size_t nrun, overlap;
	uint64_t nmin, nmax;
	int has_num;
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

/* The plain number x of domain dom with key k (unmixed): in a range, or
 * into one (one it goes on from or before, or a new one), else into the
 * table; as add. */
static int add_number(vp_seen *s, uint64_t k, uint64_t x, uint64_t dom)
{
	struct range *r = NULL;
	for (size_t i = 0; i < s->nrun; i++) {
		struct range *q = &s->run[i];
		if (q->dom != dom)
			continue;
		if (x >= q->lo && x <= q->hi)
			return 1;
		if (x == q->hi + 1 || x + 1 == q->lo)
			r = q;
	}
	if (!r && s->nrun == VP_SEEN_RANGES) {
		int a = add(s, vp_hash_mix64(k));
		if (a == 0) {
			if (!s->has_num || x < s->nmin)
				s->nmin = x;
			if (!s->has_num || x > s->nmax)
				s->nmax = x;
			s->has_num = 1;
		}
		return a;
	}
	/* the table holds it when it took it before a range reached it */
	uint64_t m = vp_hash_mix64(k);
	int had = s->has_num && x >= s->nmin && x <= s->nmax && s->cap &&
	          s->slot[vp_set64_probe(s->slot, s->cap, m)] == m;
	s->overlap += (size_t)had;
	if (!r) {
		s->run[s->nrun++] = (struct range){x, x, dom};
		return had;
	}
	if (x < r->lo)
		r->lo = x;
	else
		r->hi = x;
	for (size_t i = 0; i < s->nrun; i++) { /* it met another range: one now */
		struct range *q = &s->run[i];
		if (q != r && q->dom == dom && (q->lo == r->hi + 1 || q->hi + 1 == r->lo)) {
			if (q->lo < r->lo)
				r->lo = q->lo;
			if (q->hi > r->hi)
				r->hi = q->hi;
			*q = s->run[--s->nrun];
			break;
		}
	}
	return had;
}

static int add_key(vp_seen *s, uint64_t h, const char *id, size_t n, uint64_t dom)
{
	uint64_t x;
	if (id && plain_number(id, n, &x))
		return add_number(s, h, x, dom);
	return add(s, vp_hash_mix64(h));
}

int vp_seen_add_key(vp_seen *s, uint64_t h, const char *id, size_t n, uint64_t dom)
{
	if (!s->shared)
		return add_key(s, h, id, n, dom);
	pthread_mutex_lock(&s->mu);
	int r = add_key(s, h, id, n, dom);
	pthread_mutex_unlock(&s->mu);
	return r;
}

int vp_seen_add_id(vp_seen *s, const char *id, size_t n)
{
	return vp_seen_add_key(s, vp_hash64(id, n), id, n, 0);
}

vp_seen_id vp_seen_id_of(const char *id, size_t n, uint64_t dom)
{
	vp_seen_id r = {0, dom, 0};
	r.plain = id && plain_number(id, n, &r.num);
	return r;
}

int vp_seen_add_many(vp_seen *s, const uint64_t *h, const vp_seen_id *id, size_t n,
                     signed char *out)
{
	enum { AHEAD = 8 };
	int rc = 0;
	if (s->shared)
		pthread_mutex_lock(&s->mu);
	for (size_t i = 0; i < n; i++) {
		if (i + AHEAD < n && s->cap) /* where it goes, as long as the table does not grow */
			__builtin_prefetch(&s->slot[(size_t)vp_hash_mix64(h[i + AHEAD]) & (s->cap - 1)]);
		int r = id && id[i].plain ? add_number(s, h[i], id[i].num, id[i].dom)
		                          : add(s, vp_hash_mix64(h[i]));
		out[i] = (signed char)r;
		if (r < 0)
			rc = -1;
	}
	if (s->shared)
		pthread_mutex_unlock(&s->mu);
	return rc;
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
	size_t n = s->n - s->overlap;
	for (size_t i = 0; i < s->nrun; i++)
		n += (size_t)(s->run[i].hi - s->run[i].lo + 1);
	return n;
}

size_t vp_seen_left_out(const vp_seen *s)
{
	return s->left_out;
}
