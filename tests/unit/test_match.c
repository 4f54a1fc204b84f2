#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "voxpop/lexicon.h"
#include "words.h"

#define DATA "tests/data/lexicons/"

static vp_text *tx;
static vp_matcher *m;
static vp_tokens toks = VP_TOKENS_INIT;
static vp_buf json = VP_BUF_INIT;

static void setup(void)
{
	vp_err e;
	cr_assert_eq(vp_text_open(&tx, "english", &e), 0);
	m = vp_matcher_new();
	cr_assert_not_null(m);
}

static void teardown(void)
{
	vp_matcher_free(m);
	vp_text_close(tx);
	vp_tokens_free(&toks);
	vp_buf_free(&json);
}

TestSuite(match, .init = setup, .fini = teardown);

/* The "themes" JSON for text tagged with lexicon set dir. */
static const char *tag(const char *dir, const char *text, int explain)
{
	vp_lexicon *lx;
	vp_err e;
	cr_assert_eq(vp_lexicon_load(&lx, dir, tx, &e), 0, "%s", e.msg);
	vp_tokens_clear(&toks);
	cr_assert_eq(vp_text_tokenise(tx, text, strlen(text), 0, &toks, &e), 0);
	const char *ptr[64];
	cr_assert_leq(toks.n, 64);
	for (size_t i = 0; i < toks.n; i++)
		ptr[i] = vp_token(&toks, i);
	const vp_theme_match *tm;
	size_t n;
	cr_assert_eq(vp_match(m, lx, ptr, toks.len, toks.n, &tm, &n, &e), 0);
	cr_assert_eq(vp_themes_json(m, lx, explain, &json), 0);
	/* vp-run's themes without JSON say the same: names, order, hits */
	vp_theme_found *th;
	long nth = vp_themes_found(m, lx, 1, &th);
	json_t *arr = json_loadb(json.data, json.len, 0, NULL);
	cr_assert(json_is_array(arr));
	cr_assert_eq((size_t)nth, json_array_size(arr), "%s", json.data);
	for (long i = 0; i < nth; i++) {
		json_t *o = json_array_get(arr, (size_t)i);
		cr_assert_str_eq(th[i].theme, json_string_value(json_object_get(o, "theme")));
		cr_assert_eq(th[i].nhits, json_array_size(json_object_get(o, "hits")));
	}
	/* without hits: the same themes, every count 0 */
	long nth0 = vp_themes_found(m, lx, 0, &th);
	cr_assert_eq(nth0, nth);
	for (long i = 0; i < nth0; i++) {
		json_t *o = json_array_get(arr, (size_t)i);
		cr_assert_str_eq(th[i].theme, json_string_value(json_object_get(o, "theme")));
		cr_assert_eq(th[i].nhits, 0);
	}
	json_decref(arr);
	vp_lexicon_free(lx);
	return json.data;
}

#define TAG(dir, text, want) cr_assert_str_eq(tag(DATA dir, text, 0), want, "text: %s", text)

Test(match, words_and_phrases_with_stemming)
{
	TAG("basic", "The car parks were full",
	    "[{\"theme\":\"transport\",\"hits\":[\"car park\"]},"
	    "{\"theme\":\"transport/parking\",\"hits\":[\"car park\"]}]");
	TAG("basic", "We WAITED, waiting and waits", "[{\"theme\":\"access\",\"hits\":[\"wait\"]},"
	    "{\"theme\":\"access/waiting\",\"hits\":[\"wait\"]}]");
	TAG("basic", "nothing to see", "[]");
	TAG("basic", "", "[]");
	/* "car" alone is not "car park"; "business" is not "bus" */
	TAG("basic", "a car for business", "[]");
	/* "parking" is stemmed like the entry "parking": both "park" */
	TAG("basic", "a park", "[{\"theme\":\"transport\",\"hits\":[\"parking\"]},"
	    "{\"theme\":\"transport/parking\",\"hits\":[\"parking\"]}]");
}

Test(match, longest_match_wins_across_themes)
{
	/* "car park charges" (y, 3 words) beats "car park", "car", "park" */
	TAG("longest", "car park charges", "[{\"theme\":\"y\",\"hits\":[\"car park charges\"]}]");
	/* "car park" (x/a, 2 words) beats "car" (y) and "park" (x/a, x/b) */
	TAG("longest", "the car park", "[{\"theme\":\"x\",\"hits\":[\"car park\"]},"
	    "{\"theme\":\"x/a\",\"hits\":[\"car park\"]}]");
	/* equal lengths both fire; the parent lists the hit once */
	TAG("longest", "park here", "[{\"theme\":\"x\",\"hits\":[\"park\"]},"
	    "{\"theme\":\"x/a\",\"hits\":[\"park\"]},{\"theme\":\"x/b\",\"hits\":[\"park\"]}]");
}

/* What the longest match took, for vp-lexicon check: nothing kept unless
 * asked for; asked, each lost match with the entry that took its words. */
Test(match, taken_matches_are_logged_only_when_asked)
{
	vp_lexicon *lx;
	vp_err e;
	cr_assert_eq(vp_lexicon_load(&lx, DATA "longest", tx, &e), 0, "%s", e.msg);
	vp_tokens_clear(&toks);
	const char *text = "the car park charges";
	cr_assert_eq(vp_text_tokenise(tx, text, strlen(text), 0, &toks, &e), 0);
	const char *ptr[8];
	for (size_t i = 0; i < toks.n; i++)
		ptr[i] = vp_token(&toks, i);
	const vp_theme_match *tm;
	const vp_taken_match *tk;
	size_t n;
	cr_assert_eq(vp_match(m, lx, ptr, toks.len, toks.n, &tm, &n, &e), 0);
	cr_assert_eq(vp_matcher_taken(m, &tk), 0);
	vp_matcher_log_taken(m, 1);
	cr_assert_eq(vp_match(m, lx, ptr, toks.len, toks.n, &tm, &n, &e), 0);
	size_t nt = vp_matcher_taken(m, &tk);
	/* "car park" (x/a), "car" (y), "park" (x/a), "park" (x/b) */
	cr_assert_eq(nt, 4);
	int car_park = 0;
	for (size_t i = 0; i < nt; i++) {
		cr_assert_str_eq(vp_lexicon_entry_at(lx, tk[i].by)->text, "car park charges");
		cr_assert(tk[i].start >= 1 && tk[i].end <= 4 && tk[i].start < tk[i].end);
		car_park += strcmp(vp_lexicon_entry_at(lx, tk[i].entry)->text, "car park") == 0;
	}
	cr_assert_eq(car_park, 1);
	/* a match that loses nothing logs nothing; the log is per call */
	vp_tokens_clear(&toks);
	cr_assert_eq(vp_text_tokenise(tx, "park here", 9, 0, &toks, &e), 0);
	for (size_t i = 0; i < toks.n; i++)
		ptr[i] = vp_token(&toks, i);
	cr_assert_eq(vp_match(m, lx, ptr, toks.len, toks.n, &tm, &n, &e), 0);
	cr_assert_eq(vp_matcher_taken(m, &tk), 0);
	vp_lexicon_free(lx);
}

/* @keep: a theme naming a setting (maternity) keeps its words inside a
 * longer entry of another theme, and still claims shorter ones itself;
 * its exclusions still apply. */
Test(match, keep_themes_are_not_claimed)
{
	/* without @keep "midwife ? brilliant" would take "midwife" */
	TAG("keep", "the midwife was brilliant",
	    "[{\"theme\":\"maternity\",\"hits\":[\"midwife\"]},"
	    "{\"theme\":\"staff\",\"hits\":[\"midwife ? brilliant\"]},"
	    "{\"theme\":\"staff/attitude\",\"hits\":[\"midwife ? brilliant\"]}]");
	TAG("keep", "my birth partner",
	    "[{\"theme\":\"carers\",\"hits\":[\"birth partner\"]},"
	    "{\"theme\":\"maternity\",\"hits\":[\"birth\"]}]");
	/* a longer maternity entry still takes "scan" from diagnosis */
	TAG("keep", "a scan at 20 weeks",
	    "[{\"theme\":\"maternity\",\"hits\":[\"scan at ? weeks\"]}]");
	TAG("keep", "a scan", "[{\"theme\":\"diagnosis\",\"hits\":[\"scan\"]}]");
	TAG("keep", "date of birth", "[]");
}

Test(match, exclusions_block_theme_and_children_only)
{
	TAG("excl", "the patient transport service was late",
	    "[{\"theme\":\"coordination\",\"hits\":[\"patient transport\"]}]");
	TAG("excl", "transport was late", "[{\"theme\":\"transport\",\"hits\":[\"transport\"]}]");
	TAG("excl", "a transport service", "[{\"theme\":\"transport\",\"hits\":[\"transport service\"]},"
	    "{\"theme\":\"transport/travel\",\"hits\":[\"transport service\"]}]");
}

Test(match, wildcards_and_any_token)
{
	TAG("longest", "physiotherapy helped", "[{\"theme\":\"z\",\"hits\":[\"physio*\"]}]");
	TAG("longest", "Physios", "[{\"theme\":\"z\",\"hits\":[\"physio*\"]}]");
	TAG("longest", "appointments today", "[{\"theme\":\"z\",\"hits\":[\"appoint* ?\"]}]");
	TAG("longest", "no appointments", "[]"); /* '?' needs a token to match */
	TAG("longest", "waited 3 hours", "[{\"theme\":\"z\",\"hits\":[\"wait ? hour\"]}]");
	TAG("longest", "3 miles away", "[{\"theme\":\"z\",\"hits\":[\"? mile\"]}]");
	TAG("longest", "miles away", "[]");
}

Test(match, parent_hits_are_union_in_order_of_occurrence)
{
	TAG("basic", "Appointment first, then the wait, then physio and another appointment",
	    "[{\"theme\":\"access\",\"hits\":[\"appointment\",\"wait\",\"physio*\"]},"
	    "{\"theme\":\"access/appointments\",\"hits\":[\"appointment\",\"physio*\"]},"
	    "{\"theme\":\"access/waiting\",\"hits\":[\"wait\"]}]");
}

Test(match, explain_gives_spans_and_entries)
{
	cr_assert_str_eq(tag(DATA "basic", "rude staff at the car park", 1),
	    "[{\"theme\":\"staff\",\"hits\":[\"rude\",\"staff\"],\"spans\":[[0,1],[1,2]],"
	    "\"entries\":[\"" DATA "basic/staff.txt:2\",\"" DATA "basic/staff.txt:1\"]},"
	    "{\"theme\":\"transport\",\"hits\":[\"car park\"],\"spans\":[[4,6]],"
	    "\"entries\":[\"" DATA "basic/transport/parking.txt:1\"]},"
	    "{\"theme\":\"transport/parking\",\"hits\":[\"car park\"],\"spans\":[[4,6]],"
	    "\"entries\":[\"" DATA "basic/transport/parking.txt:1\"]}]");
}

/* Phrases are indexed by their first two words when both are words; a
 * word followed by a wildcard or '?' by the first word alone. */
Test(match, phrases_sharing_first_words)
{
	TAG("pairs", "not enough staff here", "[{\"theme\":\"a\",\"hits\":[\"not enough staff\"]}]");
	TAG("pairs", "not enough", "[{\"theme\":\"a\",\"hits\":[\"not enough\"]}]");
	TAG("pairs", "not now, enough", "[{\"theme\":\"b\",\"hits\":[\"not\",\"enough\"]}]");
	TAG("pairs", "there is no physiotherapist", "[{\"theme\":\"a\",\"hits\":[\"no physio*\"]}]");
	TAG("pairs", "no GP appointments", "[{\"theme\":\"a\",\"hits\":[\"no ? appointment\"]}]");
	TAG("pairs", "staff not enough", "[{\"theme\":\"a\",\"hits\":[\"not enough\"]},"
	    "{\"theme\":\"b\",\"hits\":[\"staff\"]}]");
}

/* Regression (QA F2): exclusions are checked against the matches they
 * overlap, not against every match of the record (that was quadratic in a
 * long comment).  Many alternating excluded and free occurrences must still
 * give exactly the free ones. */
Test(match, exclusions_in_a_long_record)
{
	vp_lexicon *lx;
	vp_err e;
	cr_assert_eq(vp_lexicon_load(&lx, DATA "excl", tx, &e), 0, "%s", e.msg);
	enum { REPS = 500 };
	static const char *unit[] = {"patient", "transport", "servic", "then", "transport"};
	static const char *ptr[REPS * 5];
	size_t len[REPS * 5];
	for (size_t i = 0; i < REPS * 5; i++) {
		ptr[i] = unit[i % 5];
		len[i] = strlen(ptr[i]);
	}
	const vp_theme_match *tm;
	size_t n, transport = 0, other = 0;
	cr_assert_eq(vp_match(m, lx, ptr, len, REPS * 5, &tm, &n, &e), 0);
	for (size_t i = 0; i < n; i++) {
		const char *th = vp_lexicon_theme_name(lx, tm[i].theme);
		if (strcmp(th, "transport") == 0) {
			cr_assert_eq(tm[i].start % 5, 4, "transport at %zu", tm[i].start);
			transport++;
		} else if (strcmp(th, "coordination") != 0) {
			other++;
		}
	}
	cr_assert_eq(transport, REPS);
	cr_assert_eq(other, 0);
	vp_lexicon_free(lx);
}

/* A chain's entries are tried from the first term their index key does
 * not stand for, and most are turned away by their first word after it:
 * every term after the key must still decide. */
Test(match, terms_after_the_key_decide)
{
	TAG("pairs", "not enough nurses", "[{\"theme\":\"a\",\"hits\":[\"not enough\"]}]");
	TAG("pairs", "no x", "[]");
	TAG("pairs", "no GP visits", "[]");
	TAG("pairs", "no physio", "[{\"theme\":\"a\",\"hits\":[\"no physio*\"]}]");
	TAG("basic", "waited 3 days", "[{\"theme\":\"access\",\"hits\":[\"wait\"]},"
	                              "{\"theme\":\"access/waiting\",\"hits\":[\"wait\"]}]");
	TAG("basic", "waited 3 hours", "[{\"theme\":\"access\",\"hits\":[\"waited ? hours\"]},"
	                               "{\"theme\":\"access/waiting\",\"hits\":[\"waited ? hours\"]}]");
	TAG("basic", "park and walk", "[{\"theme\":\"transport\",\"hits\":[\"parking\"]},"
	                              "{\"theme\":\"transport/parking\",\"hits\":[\"parking\"]}]");
	TAG("basic", "park and ride", "[{\"theme\":\"transport\",\"hits\":[\"park and ride\"]},"
	                              "{\"theme\":\"transport/travel\",\"hits\":[\"park and ride\"]}]");
}

/* The matcher keeps what the index says about each distinct token (a memo,
 * emptied when full, one per lexicon for the last two it saw).  A record
 * with more distinct tokens than it holds empties it in the middle of the
 * record; tokens too long for it are looked up directly; two lexicons by
 * turns on one matcher (as vp-sentiment does) must not see each other's.
 * Every case must match exactly as a fresh text would. */
Test(match, memo_emptied_long_tokens_two_lexicons)
{
	vp_lexicon *basic, *pairs;
	vp_err e;
	cr_assert_eq(vp_lexicon_load(&basic, DATA "basic", tx, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_lexicon_load(&pairs, DATA "pairs", tx, &e), 0, "%s", e.msg);
	enum { N = 30000 };
	static char filler[N][12];
	static const char *ptr[N];
	static size_t len[N];
	/* "physio" + 80 more letters: a prefix entry's token, too long to keep */
	static char longtok[90];
	memcpy(longtok, "physio", 6);
	memset(longtok + 6, 'x', 80);
	for (size_t i = 0; i < N; i++) {
		snprintf(filler[i], sizeof filler[i], "f%zu", i);
		ptr[i] = filler[i];
	}
	/* "car park" at 7, 15007 and 29990; the long token at 20000 */
	static const size_t at[] = {7, 15007, 29990};
	for (size_t k = 0; k < 3; k++) {
		ptr[at[k]] = "car";
		ptr[at[k] + 1] = "park";
	}
	ptr[20000] = longtok;
	for (size_t i = 0; i < N; i++)
		len[i] = i == 20000 ? 86 : strlen(ptr[i]);
	for (int round = 0; round < 3; round++) {
		const vp_theme_match *tm;
		size_t n, parking = 0, physio = 0;
		cr_assert_eq(vp_match(m, basic, ptr, len, N, &tm, &n, &e), 0);
		for (size_t i = 0; i < n; i++) {
			const char *th = vp_lexicon_theme_name(basic, tm[i].theme);
			if (strcmp(th, "transport/parking") == 0) {
				cr_assert_lt(parking, 3);
				cr_assert_eq(tm[i].start, at[parking]);
				cr_assert_eq(tm[i].end, at[parking] + 2);
				parking++;
			} else if (strcmp(th, "access/appointments") == 0) {
				cr_assert_eq(tm[i].start, 20000);
				physio++;
			}
		}
		cr_assert_eq(parking, 3, "round %d", round);
		cr_assert_eq(physio, 1, "round %d", round);
		/* the other lexicon on the same matcher: "no physio*" after "no",
		 * "not enough staff", nothing of basic's */
		static const char *const words[] = {"car", "park", "no", longtok, "not", "enough",
		                                    "staff"};
		size_t wl[7];
		for (size_t i = 0; i < 7; i++)
			wl[i] = words[i] == longtok ? 86 : strlen(words[i]);
		cr_assert_eq(vp_match(m, pairs, words, wl, 7, &tm, &n, &e), 0);
		cr_assert_eq(vp_themes_json(m, pairs, 0, &json), 0);
		cr_assert_str_eq(json.data, "[{\"theme\":\"a\",\"hits\":[\"no physio*\","
		                            "\"not enough staff\"]}]");
	}
	vp_lexicon_free(basic);
	vp_lexicon_free(pairs);
}

/* vp_match_ids on t (whose ids it may use) must give what vp_match gives
 * on the same bytes with a matcher of its own: the matches, as a string. */
static void match_both(vp_matcher *withids, const vp_lexicon *lx, const vp_tokens *t,
                       char *got, char *want, size_t cap)
{
	static const char *ptr[100000];
	vp_err e;
	cr_assert_leq(t->n, 100000);
	for (size_t i = 0; i < t->n; i++)
		ptr[i] = vp_token(t, i);
	vp_matcher *plain = vp_matcher_new();
	cr_assert_not_null(plain);
	for (int k = 0; k < 2; k++) {
		const vp_theme_match *tm;
		size_t n, at = 0;
		char *out = k ? want : got;
		if (k)
			cr_assert_eq(vp_match(plain, lx, ptr, t->len, t->n, &tm, &n, &e), 0);
		else
			cr_assert_eq(vp_match_ids(withids, lx, ptr, t->len, t, t->n, &tm, &n, &e), 0);
		out[0] = '\0';
		for (size_t i = 0; i < n && at + 64 < cap; i++)
			at += (size_t)snprintf(out + at, cap - at, "%s[%zu,%zu) ",
			                       vp_lexicon_theme_name(lx, tm[i].theme), tm[i].start,
			                       tm[i].end);
	}
	vp_matcher_free(plain);
}

/* Tokens with stem cache ids are found in the memo by id.  An id names
 * another word once the cache has been emptied (a new epoch), and the
 * memo's entries are gone once it empties itself: the matches must be
 * what the bytes say in every case. */
Test(match, ids_match_as_bytes_do)
{
	vp_lexicon *lx;
	vp_err e;
	cr_assert_eq(vp_lexicon_load(&lx, DATA "basic", tx, &e), 0, "%s", e.msg);
	vp_text *t2; /* a tokeniser of its own: its ids are numbered from 0 */
	cr_assert_eq(vp_text_open(&t2, "english", &e), 0);
	vp_tokens t = VP_TOKENS_INIT;
	cr_assert_eq(vp_tokens_keep_ids(&t), 0);
	static char got[8192], want[8192];

	/* "car" and "park" take ids 0 and 1, memoised by id */
	cr_assert_eq(vp_text_tokenise(t2, "car park", 8, 0, &t, &e), 0);
	cr_assert_eq(t.id[0], 0);
	cr_assert_eq(t.id[1], 1);
	match_both(m, lx, &t, got, want, sizeof got);
	cr_assert_str_eq(got, "transport[0,2) transport/parking[0,2) ");
	cr_assert_str_eq(got, want);

	/* fill the cache (65536 words) without matching, so the next words
	 * empty it and take ids 0 and 1 in a new epoch */
	enum { FILL = 65536 - 2 };
	size_t at;
	char *big = distinct_words("f", FILL, &at);
	vp_tokens_clear(&t);
	cr_assert_eq(vp_text_tokenise(t2, big, at, 0, &t, &e), 0);
	uint64_t ep = t.idepoch;
	vp_tokens_clear(&t);
	cr_assert_eq(vp_text_tokenise(t2, "waiting list", 12, 0, &t, &e), 0);
	cr_assert_neq(t.idepoch, ep);
	cr_assert_eq(t.id[0], 0);
	cr_assert_eq(t.id[1], 1);
	match_both(m, lx, &t, got, want, sizeof got);
	cr_assert_str_eq(got, "access[0,2) access/waiting[0,2) ");
	cr_assert_str_eq(got, want);

	/* more distinct tokens than the memo holds, with "car park" and
	 * "waiting list" before, between and after its resets, twice: the
	 * second time the ids are memoised but the entries have gone */
	at = 0;
	for (int i = 0; i < 30000; i++)
		at += (size_t)sprintf(big + at, "%s g%d ",
		                      i % 7000 == 0 ? "car park" : i % 7000 == 3500 ? "waiting list" : "",
		                      i);
	for (int round = 0; round < 2; round++) {
		vp_tokens_clear(&t);
		cr_assert_eq(vp_text_tokenise(t2, big, at, 0, &t, &e), 0);
		cr_assert_neq(t.idepoch, VP_TOKENS_MIXED);
		match_both(m, lx, &t, got, want, sizeof got);
		cr_assert_str_eq(got, want, "round %d", round);
		cr_assert(strstr(got, "transport/parking[28016,28018)"), "%s", got);
	}

	/* mixed ids are not used */
	vp_tokens_clear(&t);
	cr_assert_eq(vp_text_tokenise(t2, "car", 3, 0, &t, &e), 0);
	cr_assert_eq(vp_text_tokenise(tx, "park", 4, 0, &t, &e), 0);
	cr_assert_eq(t.idepoch, VP_TOKENS_MIXED);
	match_both(m, lx, &t, got, want, sizeof got);
	cr_assert_str_eq(got, "transport[0,2) transport/parking[0,2) ");
	free(big);
	vp_tokens_free(&t);
	vp_text_close(t2);
	vp_lexicon_free(lx);
}

/* A lexicon of 150 themes t000..t149 (tNNN.txt: "wNNN"), and t010/child
 * ("w10 x"), written under a new temporary directory. */
static char *many_themes_lexicon(void)
{
	static char dir[] = "/tmp/vp-match-themes-XXXXXX";
	cr_assert_not_null(mkdtemp(dir));
	char path[256];
	for (int i = 0; i < 150; i++) {
		snprintf(path, sizeof path, "%s/t%03d.txt", dir, i);
		FILE *f = fopen(path, "w");
		cr_assert_not_null(f);
		fprintf(f, "w%d\n", i);
		fclose(f);
	}
	snprintf(path, sizeof path, "%s/t010", dir);
	cr_assert_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/t010/child.txt", dir);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fprintf(f, "w10 x\n");
	fclose(f);
	return dir;
}

/* Matches left unsorted (vp_match_ids without out) give the themes, hits
 * and JSON that sorted ones give: themes in order across several words of
 * the bit set, ancestors included, and nothing left over for the next
 * record. */
Test(match, unsorted_matches_found_in_theme_order)
{
	char *dir = many_themes_lexicon();
	vp_lexicon *lx;
	vp_err e;
	cr_assert_eq(vp_lexicon_load(&lx, dir, tx, &e), 0, "%s", e.msg);
	static const char *const texts[] = {
		"w149 w3 w70 w3 w64 w10 x w0 w127 w128 w63 w10 w62", "w1", "", "nothing here",
		"w63 w64 w65 w64 w63",
	};
	vp_matcher *sorted = vp_matcher_new();
	cr_assert_not_null(sorted);
	vp_buf j1 = VP_BUF_INIT, j2 = VP_BUF_INIT;
	for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
		vp_tokens_clear(&toks);
		cr_assert_eq(vp_text_tokenise(tx, texts[k], strlen(texts[k]), 0, &toks, &e), 0);
		const char *ptr[64];
		for (size_t i = 0; i < toks.n; i++)
			ptr[i] = vp_token(&toks, i);
		const vp_theme_match *tm;
		size_t n;
		for (int hits = 0; hits < 3; hits++) {
			cr_assert_eq(vp_match(sorted, lx, ptr, toks.len, toks.n, &tm, &n, &e), 0);
			cr_assert_eq(vp_match_ids(m, lx, ptr, toks.len, NULL, toks.n, NULL, NULL, &e), 0);
			if (hits == 2) { /* the JSON */
				cr_assert_eq(vp_themes_json(sorted, lx, 1, &j1), 0);
				cr_assert_eq(vp_themes_json(m, lx, 1, &j2), 0);
				cr_assert_str_eq(j2.data, j1.data);
				continue;
			}
			vp_theme_found *a, *b;
			long na = vp_themes_found(sorted, lx, hits, &a);
			static vp_theme_found want[200];
			cr_assert_lt(na, 200);
			memcpy(want, a, (size_t)na * sizeof *a);
			long nb = vp_themes_found(m, lx, hits, &b);
			cr_assert_eq(nb, na, "text %zu hits %d", k, hits);
			for (long i = 0; i < na; i++) {
				cr_assert_str_eq(b[i].theme, want[i].theme);
				cr_assert_eq(b[i].index, want[i].index);
				cr_assert_eq(b[i].nhits, want[i].nhits);
			}
			if (k == 0)
				cr_assert_eq(na, 11, "t000 t003 t010 t010/child t062 t063 t064 t070 "
				                     "t127 t128 t149 (theme numbers 0-151: 3 words of bits)");
		}
	}
	vp_buf_free(&j1);
	vp_buf_free(&j2);
	vp_matcher_free(sorted);
	vp_lexicon_free(lx);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -r %s", dir);
	cr_assert_eq(system(cmd), 0);
}

/* An entry written with a word list fires as the member it matched, and
 * --explain names the line the list was used on. */
Test(match, word_list_entries)
{
	cr_assert_str_eq(tag(DATA "lists", "the health visitor was a star", 1),
	    "[{\"theme\":\"staff\",\"hits\":[\"health visitor ? a star\"],\"spans\":[[1,6]],"
	    "\"entries\":[\"" DATA "lists/staff.txt:2\"]}]");
	TAG("lists", "my physiotherapist is brilliant", "[{\"theme\":\"staff\",\"hits\":[\"physio* ? brilliant\"]}]");
	TAG("lists", "the doctors were brilliant", "[{\"theme\":\"staff\",\"hits\":[\"doctor ? brilliant\"]}]");
	TAG("lists", "a nice nurse", "[{\"theme\":\"staff\",\"hits\":[\"nice nurse\"]}]");
	/* the exclusion, written once with the list, blocks each role */
	TAG("lists", "nice nurse is rubbish", "[]");
	TAG("lists", "the porter was brilliant", "[]");
}
