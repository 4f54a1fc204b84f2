/* seen.c: the set of respondents behind "respondents_not_adjacent" */
#include <criterion/criterion.h>
#include <stdint.h>

#include "voxpop/seen.h"

Test(seen, exact_while_it_grows)
{
	vp_seen *s = vp_seen_new(0, 0);
	cr_assert_not_null(s);
	for (uint64_t i = 1; i <= 100000; i++)
		cr_assert_eq(vp_seen_add(s, i), 0, "%llu new", (unsigned long long)i);
	for (uint64_t i = 1; i <= 100000; i += 7)
		cr_assert_eq(vp_seen_add(s, i), 1, "%llu seen", (unsigned long long)i);
	cr_assert_eq(vp_seen_count(s), 100000);
	cr_assert_eq(vp_seen_left_out(s), 0);
	vp_seen_free(s);
}

/* At its bound the set stops adding and says how many it left out; those
 * it holds are still found. */
Test(seen, full_set_says_what_it_left_out)
{
	vp_seen *s = vp_seen_new(4096, 1);
	cr_assert_not_null(s);
	for (uint64_t i = 1; i <= 5000; i++)
		cr_assert_eq(vp_seen_add(s, i * 977), 0);
	cr_assert_eq(vp_seen_count(s), 3072);
	cr_assert_eq(vp_seen_left_out(s), 5000 - 3072);
	cr_assert_eq(vp_seen_add(s, 977), 1);
	cr_assert_eq(vp_seen_add(s, 5000 * 977), 0); /* left out: not known */
	vp_seen_free(s);
}

/* Many at once (vp-run's workers ask about a batch's runs together) gives
 * what one at a time gives: repeats within the same call, a table that
 * grows in the middle of it, and a set that fills up in the middle. */
Test(seen, many_at_once_as_one_at_a_time)
{
	enum { N = 6000 };
	static uint64_t h[N];
	static signed char got[N];
	for (size_t i = 0; i < N; i++)
		h[i] = (i % 5 == 4 ? i / 3 : i) * 2654435761u + 1; /* every fifth a repeat */
	for (int shared = 0; shared < 2; shared++) {
		vp_seen *one = vp_seen_new(4096, shared), *many = vp_seen_new(4096, shared);
		cr_assert(one && many);
		size_t at = 0;
		for (size_t step = 1; at < N; step = step * 3 + 1) { /* calls of 1, 4, 13, ... keys */
			size_t n = at + step > N ? N - at : step;
			cr_assert_eq(vp_seen_add_many(many, h + at, n, got + at), 0);
			for (size_t i = at; i < at + n; i++)
				cr_assert_eq(got[i], vp_seen_add(one, h[i]), "key %zu", i);
			at += n;
		}
		cr_assert_eq(vp_seen_count(many), vp_seen_count(one));
		cr_assert_eq(vp_seen_left_out(many), vp_seen_left_out(one));
		cr_assert_gt(vp_seen_left_out(many), 0, "it filled up on the way");
		vp_seen_free(one);
		vp_seen_free(many);
	}
}
