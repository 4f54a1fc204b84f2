/* hash.h - the FNV-1a hashes behind every hash table in the core (stem
 * cache, lexicon index, gazetteer, counters) and vp-eval's held-out split,
 * and vp_strmap, the core's one string-keyed hash table.
 * The 32-bit hash is part of vp-eval's documented split, so it must not change.
 */
#ifndef VOXPOP_HASH_H
#define VOXPOP_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* 32-bit FNV-1a of s[0..n).  vp_hash_more continues a hash over more bytes,
 * so the hashes of a word's prefixes come one from another. */
#define VP_HASH_INIT 2166136261u
/* Inline: called once per token in the stem cache and the matcher. */
static inline unsigned vp_hash_more(unsigned h, const char *s, size_t n)
{
	uint32_t x = h;
	for (size_t i = 0; i < n; i++)
		x = (x ^ (unsigned char)s[i]) * 16777619u;
	return x;
}

static inline unsigned vp_hash_bytes(const char *s, size_t n)
{
	return vp_hash_more(VP_HASH_INIT, s, n);
}

/* A hash of a short key s[0..n), 1 <= n, read 8 bytes at a time (the last
 * load overlapping the one before), never past s + n: for the per-token
 * memos (stem cache, matcher), where FNV's multiply per byte was a third
 * of the lookup.  Not stable across versions: keep it out of files. */
static inline uint32_t vp_hash_short(const char *s, size_t n)
{
	uint64_t h = n * 0x9e3779b97f4a7c15u, x;
	if (n >= 8) {
		size_t i = 0;
		for (; i + 8 < n; i += 8) {
			memcpy(&x, s + i, 8);
			h = (h ^ x) * 0xbf58476d1ce4e5b9u;
		}
		memcpy(&x, s + n - 8, 8);
	} else if (n >= 4) {
		uint32_t lo, hi;
		memcpy(&lo, s, 4);
		memcpy(&hi, s + n - 4, 4);
		x = lo | (uint64_t)hi << 32;
	} else {
		x = (unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
		    (uint64_t)(unsigned char)s[n - 1] << 16;
	}
	h = (h ^ x) * 0x94d049bb133111ebu;
	return (uint32_t)(h ^ h >> 29 ^ h >> 47);
}

/* splitmix64's finaliser, never 0: the key of the open-addressed sets of
 * 64-bit hashes (0 marks an empty slot; FNV-1a's low bits, which pick the
 * slot, are poor for ids a digit apart). */
static inline uint64_t vp_hash_mix64(uint64_t k)
{
	k ^= k >> 30;
	k *= 0xbf58476d1ce4e5b9ULL;
	k ^= k >> 27;
	k *= 0x94d049bb133111ebULL;
	k ^= k >> 31;
	return k ? k : 1;
}

/* In such a set of cap (a power of two) slots: the slot holding k, or the
 * empty one where it would go (linear probing). */
static inline size_t vp_set64_probe(const uint64_t *slot, size_t cap, uint64_t k)
{
	size_t i = (size_t)k & (cap - 1);
	while (slot[i] && slot[i] != k)
		i = (i + 1) & (cap - 1);
	return i;
}

/* 64-bit FNV-1a of s[0..n), for tables keyed by longer strings;
 * vp_hash64_more continues one over more bytes (vp_hash64 is
 * vp_hash64_more(VP_HASH64_INIT, ...)).  Stable: the lexicon fingerprint
 * (lexicon.h), which documents carry, is one. */
#define VP_HASH64_INIT 1469598103934665603ULL
uint64_t vp_hash64_more(uint64_t h, const char *s, size_t n);
uint64_t vp_hash64(const char *s, size_t n);

/* A hash of a stream of bytes given in pieces of any size (vp-ingest's
 * inputs, to find a copy of one under another name without reading it
 * again): 8 bytes a multiply, four at a time, so that it costs little
 * beside parsing them, where FNV-1a's multiply a byte would not; the same
 * bytes hash the same however they are cut.  Not stable across versions:
 * keep it out of files. */
typedef struct vp_hash_stream {
	uint64_t h[4];          /* four lanes, 8 bytes each a turn: multiplies overlap */
	unsigned long long n;   /* bytes so far */
	unsigned char tail[32]; /* the last n % 32 of them, not yet mixed in */
} vp_hash_stream;
#define VP_HASH_STREAM_INIT \
	{{0x9e3779b97f4a7c15u, 0xc2b2ae3d27d4eb4fu, 0x165667b19e3779f9u, 0x27d4eb2f165667c5u}, 0, {0}}
void vp_hash_stream_add(vp_hash_stream *s, const void *p, size_t n);
/* The hash of the bytes so far (s is left as it is). */
uint64_t vp_hash_stream_end(const vp_hash_stream *s);

/* ---- vp_strmap: byte string -> size_t ----
 *
 * The one string-keyed table of the core (gold ids, gazetteer names,
 * vp-locate's unresolved values, ...).  Keys are copied (they may hold NUL
 * bytes; the copy is NUL-terminated too); the value is a size_t, usually an
 * index into the caller's own array.  Open addressing with linear probing
 * on vp_hash64, at most half full, doubling when it would be more; keys are
 * never removed.  A zeroed map (VP_STRMAP_INIT) is empty and allocates
 * nothing until the first put.
 *
 * Two tables stay specialised, for speed (figures in their comments): the
 * stem cache (text.c: bounded, arena-backed, reset when full) and the
 * lexicon index (lexicon.c / match.c: composite keys, a bit filter, hashes
 * computed incrementally per token). */
typedef struct vp_strmap_slot {
	char *key;       /* NULL: empty slot */
	size_t len;
	uint64_t hash;
	size_t val;
} vp_strmap_slot;

typedef struct vp_strmap {
	vp_strmap_slot *slots;
	size_t cap;      /* 0 or a power of two */
	size_t n;        /* keys held */
} vp_strmap;

#define VP_STRMAP_INIT {NULL, 0, 0}

/* The value of key[0..n), or NULL when it is absent.  The pointer is valid
 * (and may be written through) until the next put. */
size_t *vp_strmap_get(const vp_strmap *m, const char *key, size_t n);

/* Add key[0..n) -> val unless the key is there already.  Returns 1 when
 * added, 0 when present (its value unchanged), -1 when out of memory (the
 * map unchanged).  *at, when at is not NULL, points at the key's value
 * (1 and 0), valid until the next put. */
int vp_strmap_put(vp_strmap *m, const char *key, size_t n, size_t val, size_t **at);

/* The slots holding keys, in table order (not insertion order):
 *   for (size_t i = 0; (s = vp_strmap_next(m, &i));) ... */
const vp_strmap_slot *vp_strmap_next(const vp_strmap *m, size_t *i);

/* Free the keys and the table; back to VP_STRMAP_INIT. */
void vp_strmap_free(vp_strmap *m);

#endif
