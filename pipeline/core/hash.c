/* hash.c - see include/voxpop/hash.h */
#include "voxpop/hash.h"

unsigned vp_hash_more(unsigned h, const char *s, size_t n)
{
	uint32_t x = h;
	for (size_t i = 0; i < n; i++)
		x = (x ^ (unsigned char)s[i]) * 16777619u;
	return x;
}

unsigned vp_hash_bytes(const char *s, size_t n)
{
	return vp_hash_more(VP_HASH_INIT, s, n);
}

uint64_t vp_hash64(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}
