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
unsigned vp_hash_more(unsigned h, const char *s, size_t n);
unsigned vp_hash_bytes(const char *s, size_t n);

/* 64-bit FNV-1a of s[0..n), for tables keyed by longer strings. */
uint64_t vp_hash64(const char *s, size_t n);

#endif
