/* seen.c: the set of respondents behind "respondents_not_adjacent" */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "voxpop/hash.h"
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
			cr_assert_eq(vp_seen_add_many(many, h + at, NULL, n, got + at), 0);
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

/* Ids given as text (vp_seen_add_id) answer as their 64-bit hashes given to
 * vp_seen_add do: ids that are plain numbers one more than the last (held
 * as a range, not hashed) mixed with numbers out of order, repeats of
 * both, numbers spelt another way ("007" is not "7"), numbers too long for
 * the range, and words. */
Test(seen, ids_as_text_as_their_hashes)
{
	static const char *const ids[] = {
		"5", "6", "7", "7", "9", "8", "9", "10", "11", "007", "7", "+12", "12", "12 ", "13",
		"abc", "14", "4", "5", "3", "4", "0", "0", "1", "15", "16", "1", "99", "17", "18",
		"99", "98", "19", "20", "100", "21", "99999999999999999999", "22",
		"99999999999999999999", "999999999999999999", "1000000000000000000", "23", "24",
		"abc", "", "-5", "25", "26", "27", "10", "-5", "100", "28",
	};
	vp_seen *text = vp_seen_new(0, 0), *hash = vp_seen_new(0, 0);
	cr_assert(text && hash);
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
		cr_assert_eq(vp_seen_add_id(text, ids[i], strlen(ids[i])),
		             vp_seen_add(hash, vp_hash64(ids[i], strlen(ids[i]))), "id %zu \"%s\"", i,
		             ids[i]);
	cr_assert_eq(vp_seen_count(text), vp_seen_count(hash));
	vp_seen_free(text);
	vp_seen_free(hash);
}

/* The same on many ids: runs of consecutive numbers with gaps, a number
 * met again now and then, each gap's numbers later (some after the run has
 * passed them, some just before it reaches them), for a set shared or
 * not. */
Test(seen, many_ids_as_text_as_their_hashes)
{
	for (int shared = 0; shared < 2; shared++) {
		vp_seen *text = vp_seen_new(0, shared), *hash = vp_seen_new(0, shared);
		cr_assert(text && hash);
		uint64_t next = 1000, state = 12345;
		char id[32];
		for (size_t i = 0; i < 60000; i++) {
			state = state * 6364136223846793005u + 1442695040888963407u;
			unsigned r = (unsigned)(state >> 33) % 100;
			uint64_t v;
			if (r < 80)
				v = next++;
			else if (r < 85)
				v = next += 1 + (state >> 20) % 5; /* a gap */
			else if (r < 95)
				v = next - (state >> 24) % 50; /* a repeat, or one the gap left */
			else
				v = next + 1 + (state >> 24) % 3; /* ahead of the range */
			snprintf(id, sizeof id, "%llu", (unsigned long long)v);
			cr_assert_eq(vp_seen_add_id(text, id, strlen(id)),
			             vp_seen_add(hash, vp_hash64(id, strlen(id))), "id %zu %s", i, id);
		}
		cr_assert_eq(vp_seen_count(text), vp_seen_count(hash));
		vp_seen_free(text);
		vp_seen_free(hash);
	}
}

/* Consecutive numbers take no slot: past the bound of the table they are
 * still held, found again, and counted; the table's bound is for the
 * others. */
Test(seen, consecutive_ids_past_the_bound)
{
	vp_seen *s = vp_seen_new(4096, 0);
	cr_assert_not_null(s);
	char id[32];
	for (unsigned i = 1; i <= 100000; i++) {
		snprintf(id, sizeof id, "%u", i);
		cr_assert_eq(vp_seen_add_id(s, id, strlen(id)), 0, "%s new", id);
	}
	cr_assert_eq(vp_seen_count(s), 100000);
	cr_assert_eq(vp_seen_left_out(s), 0);
	cr_assert_eq(vp_seen_add_id(s, "1", 1), 1);
	cr_assert_eq(vp_seen_add_id(s, "100000", 6), 1);
	cr_assert_eq(vp_seen_add_id(s, "100001", 6), 0);
	cr_assert_eq(vp_seen_count(s), 100001);
	vp_seen_free(s);
}

/* Batches of consecutive ids taken out of their order (vp-run's workers
 * ask about a batch's respondents at once, in whichever order the workers
 * go), ids of two domains (two sources: another source's 17 is another
 * respondent, with another hash), given one at a time and many at once,
 * answer as their hashes do; the ranges meet and become one, so that past
 * the table's bound the ids are still held. */
Test(seen, batches_out_of_order_and_domains)
{
	enum { BATCH = 100, NB = 400 };
	static uint64_t h[BATCH];
	static vp_seen_id t[BATCH];
	static char txt[BATCH][24];
	static signed char got[BATCH];
	for (int many = 0; many < 2; many++) {
		vp_seen *s = vp_seen_new(4096, 1), *hash = vp_seen_new(0, 0);
		cr_assert(s && hash);
		for (unsigned b = 0; b < NB; b++) {
			/* every 5th batch of domain 1 (another source), its ids
			 * 1-100, 101-200, ... in order: the same texts as domain
			 * 0's; the others of domain 0, batches 1, 0, 3, 2, 5, 4, ...
			 * and after every 6th one of them, the one before last
			 * again */
			uint64_t dom = b % 5 == 4 ? 0x1234567u : 0;
			unsigned c = b - b / 5;          /* domain 0's batches before this one */
			unsigned j = c - c / 7;          /* ... not counting repeats */
			unsigned k = dom ? b / 5 : c % 7 == 6 ? (j - 2) ^ 1 : j ^ 1;
			unsigned first = k * BATCH + 1;
			for (unsigned i = 0; i < BATCH; i++) {
				snprintf(txt[i], sizeof txt[i], "%u", first + i);
				h[i] = vp_hash64(txt[i], strlen(txt[i])) ^ dom * 0x9E3779B97F4A7C15ULL;
				t[i] = vp_seen_id_of(txt[i], strlen(txt[i]), dom);
			}
			if (many)
				cr_assert_eq(vp_seen_add_many(s, h, t, BATCH, got), 0);
			else
				for (unsigned i = 0; i < BATCH; i++)
					got[i] = (signed char)vp_seen_add_key(s, h[i], txt[i], strlen(txt[i]), dom);
			for (unsigned i = 0; i < BATCH; i++)
				{ int want = vp_seen_add(hash, h[i]); cr_assert_eq(got[i], want, "batch %u id %s got %d want %d many %d", b, txt[i], got[i], want, many); }
		}
		cr_assert_eq(vp_seen_count(s), vp_seen_count(hash));
		cr_assert_eq(vp_seen_left_out(s), 0, "the ranges took the consecutive ids");
		vp_seen_free(s);
		vp_seen_free(hash);
	}
}

/* With every range taken, a number goes to the table; a range that later
 * reaches it finds it there (seen before), and it is counted once. */
Test(seen, range_reaching_a_number_in_the_table)
{
	vp_seen *text = vp_seen_new(0, 0), *hash = vp_seen_new(0, 0);
	cr_assert(text && hash);
	char id[32];
	unsigned ids[VP_SEEN_RANGES + 40], n = 0;
	for (unsigned r = 0; r < VP_SEEN_RANGES; r++)
		ids[n++] = 10 * (r + 1); /* 10, 20, ...: a range each */
	ids[n++] = 35;                   /* into the table */
	for (unsigned x = 21; x <= 40; x++)
		ids[n++] = x;                /* 20's range goes on to 35, met before */
	for (unsigned i = 0; i < n; i++) {
		snprintf(id, sizeof id, "%u", ids[i]);
		cr_assert_eq(vp_seen_add_id(text, id, strlen(id)),
		             vp_seen_add(hash, vp_hash64(id, strlen(id))), "id %u: %s", i, id);
	}
	cr_assert_eq(vp_seen_count(text), vp_seen_count(hash));
	vp_seen_free(text);
	vp_seen_free(hash);
}
