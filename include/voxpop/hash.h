/* hash.h - the FNV-1a hashes behind every hash table in the core (stem
 * cache, lexicon index, gazetteer, counters) and vp-eval's held-out split.
 * The 32-bit one is part of vp-eval's documented split, so it must not change.
 */
#ifndef VOXPOP_HASH_H
#define VOXPOP_HASH_H

#include <stddef.h>
#include <stdint.h>

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

/* 64-bit FNV-1a of s[0..n), for tables keyed by longer strings. */
uint64_t vp_hash64(const char *s, size_t n);

#endif
