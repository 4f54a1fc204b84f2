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
