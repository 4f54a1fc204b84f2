/* hash.c - see include/voxpop/hash.h */
#include "voxpop/hash.h"

uint64_t vp_hash64(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}
