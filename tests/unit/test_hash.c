#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "voxpop/hash.h"

static int put(vp_strmap *m, const char *k, size_t v)
{
	return vp_strmap_put(m, k, strlen(k), v, NULL);
}

static size_t *get(const vp_strmap *m, const char *k)
{
	return vp_strmap_get(m, k, strlen(k));
}

Test(hash, fnv1a_known_values)
{
	cr_assert_eq(vp_hash_bytes("", 0), 2166136261u);
	cr_assert_eq(vp_hash_bytes("a", 1), 0xe40c292cu);
	/* vp_hash64 starts from 1469598103934665603, one digit short of FNV's
	 * 64-bit offset basis (14695981039346656037); kept, as vp-count's tables
	 * use it.  What matters here: it is FNV-1a's step on that start. */
	cr_assert_eq(vp_hash64("", 0), 1469598103934665603ULL);
	cr_assert_eq(vp_hash64("a", 1), (1469598103934665603ULL ^ 'a') * 1099511628211ULL);
}

/* The stream hash is the bytes', however they are cut; other bytes, or
 * the same with a byte more, hash otherwise. */
Test(hash, stream_is_of_the_bytes_not_the_pieces)
{
	char b[1000];
	for (size_t i = 0; i < sizeof b; i++)
		b[i] = (char)(i * 7 + i / 13);
	vp_hash_stream whole = VP_HASH_STREAM_INIT;
	vp_hash_stream_add(&whole, b, sizeof b);
	uint64_t h = vp_hash_stream_end(&whole);
	static const size_t cuts[] = {1, 3, 7, 8, 9, 64, 333};
	for (size_t c = 0; c < sizeof cuts / sizeof *cuts; c++) {
		vp_hash_stream s = VP_HASH_STREAM_INIT;
		for (size_t i = 0; i < sizeof b; i += cuts[c])
			vp_hash_stream_add(&s, b + i, sizeof b - i < cuts[c] ? sizeof b - i : cuts[c]);
		cr_assert_eq(vp_hash_stream_end(&s), h, "cut every %zu bytes", cuts[c]);
	}
	vp_hash_stream shorter = VP_HASH_STREAM_INIT, zero = VP_HASH_STREAM_INIT;
	vp_hash_stream_add(&shorter, b, sizeof b - 1);
	cr_assert_neq(vp_hash_stream_end(&shorter), h);
	vp_hash_stream_add(&zero, "\0", 1); /* a NUL byte is not no byte */
	vp_hash_stream none = VP_HASH_STREAM_INIT;
	cr_assert_neq(vp_hash_stream_end(&zero), vp_hash_stream_end(&none));
	b[500] ^= (char)0x80; /* one high bit, mid-word */
	vp_hash_stream other = VP_HASH_STREAM_INIT;
	vp_hash_stream_add(&other, b, sizeof b);
	cr_assert_neq(vp_hash_stream_end(&other), h);
}

Test(strmap, empty_map_finds_nothing)
{
	vp_strmap m = VP_STRMAP_INIT;
	cr_assert_null(get(&m, "x"));
	cr_assert_null(vp_strmap_get(&m, "", 0));
	size_t i = 0;
	cr_assert_null(vp_strmap_next(&m, &i));
	vp_strmap_free(&m);
	vp_strmap_free(&m); /* twice is fine */
}

Test(strmap, insert_and_lookup)
{
	vp_strmap m = VP_STRMAP_INIT;
	cr_assert_eq(put(&m, "melton", 1), 1);
	cr_assert_eq(put(&m, "oadby", 2), 1);
	cr_assert_eq(put(&m, "", 3), 1);
	cr_assert_eq(m.n, 3);
	cr_assert_eq(*get(&m, "melton"), 1);
	cr_assert_eq(*get(&m, "oadby"), 2);
	cr_assert_eq(*get(&m, ""), 3);
	cr_assert_null(get(&m, "melto"));
	cr_assert_null(get(&m, "meltonx"));
	vp_strmap_free(&m);
	cr_assert_null(m.slots);
	cr_assert_eq(m.n, 0);
}

Test(strmap, put_keeps_the_first_value_and_points_at_it)
{
	vp_strmap m = VP_STRMAP_INIT;
	size_t *at = NULL;
	cr_assert_eq(vp_strmap_put(&m, "id7", 3, 10, &at), 1);
	cr_assert_eq(*at, 10);
	cr_assert_eq(vp_strmap_put(&m, "id7", 3, 99, &at), 0);
	cr_assert_eq(*at, 10);
	*at = 11; /* written through */
	cr_assert_eq(*get(&m, "id7"), 11);
	cr_assert_eq(m.n, 1);
	vp_strmap_free(&m);
}

Test(strmap, keys_are_byte_strings_and_copied)
{
	vp_strmap m = VP_STRMAP_INIT;
	char k[] = "ab\0cd";
	cr_assert_eq(vp_strmap_put(&m, k, 5, 1, NULL), 1);
	cr_assert_eq(vp_strmap_put(&m, k, 2, 2, NULL), 1);
	k[0] = 'X'; /* the map holds its own copy */
	cr_assert_eq(*vp_strmap_get(&m, "ab\0cd", 5), 1);
	cr_assert_eq(*vp_strmap_get(&m, "ab", 2), 2);
	cr_assert_null(vp_strmap_get(&m, "ab\0c", 4));
	size_t i = 0, seen = 0;
	const vp_strmap_slot *s;
	while ((s = vp_strmap_next(&m, &i))) {
		cr_assert_eq(s->key[s->len], '\0');
		cr_assert_eq(s->key[0], 'a');
		seen++;
	}
	cr_assert_eq(seen, 2);
	vp_strmap_free(&m);
}

Test(strmap, grows_and_keeps_everything)
{
	vp_strmap m = VP_STRMAP_INIT;
	char k[32];
	for (size_t i = 0; i < 10000; i++) {
		snprintf(k, sizeof k, "key-%zu", i);
		cr_assert_eq(put(&m, k, i), 1);
		cr_assert_leq(m.n * 2, m.cap, "more than half full");
	}
	cr_assert_eq(m.n, 10000);
	cr_assert_eq(m.cap & (m.cap - 1), 0, "a power of two");
	for (size_t i = 0; i < 10000; i++) {
		snprintf(k, sizeof k, "key-%zu", i);
		size_t *v = get(&m, k);
		cr_assert_not_null(v, "%s lost", k);
		cr_assert_eq(*v, i);
	}
	cr_assert_null(get(&m, "key-10000"));
	size_t i = 0, seen = 0, sum = 0;
	const vp_strmap_slot *s;
	while ((s = vp_strmap_next(&m, &i))) {
		seen++;
		sum += s->val;
	}
	cr_assert_eq(seen, 10000);
	cr_assert_eq(sum, 10000 * 9999 / 2);
	vp_strmap_free(&m);
}

/* Keys that land on the same slot of a 16-slot table are all kept, and a
 * third key of that slot is told apart from them. */
Test(strmap, collisions)
{
	char keys[3][16];
	size_t found = 0;
	uint64_t slot = vp_hash64("c0", 2) & 15;
	snprintf(keys[found++], sizeof keys[0], "c0");
	for (int i = 1; found < 3 && i < 100000; i++) {
		char k[16];
		int n = snprintf(k, sizeof k, "c%d", i);
		if ((vp_hash64(k, (size_t)n) & 15) == slot)
			snprintf(keys[found++], sizeof keys[0], "%s", k);
	}
	cr_assert_eq(found, 3);
	vp_strmap m = VP_STRMAP_INIT;
	cr_assert_eq(put(&m, keys[0], 0), 1);
	cr_assert_eq(put(&m, keys[1], 1), 1);
	cr_assert_eq(m.cap, 16, "still the first table");
	cr_assert_eq(*get(&m, keys[0]), 0);
	cr_assert_eq(*get(&m, keys[1]), 1);
	cr_assert_null(get(&m, keys[2]));
	cr_assert_eq(put(&m, keys[2], 2), 1);
	cr_assert_eq(put(&m, keys[1], 7), 0);
	for (size_t i = 0; i < 3; i++)
		cr_assert_eq(*get(&m, keys[i]), i);
	vp_strmap_free(&m);
}
