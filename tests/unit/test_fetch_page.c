/* test_fetch_page - vp-fetch's pieces for issue 16/17: the page parser that
 * repairs what jansson refuses, scrubbing secrets, which dates may be the
 * high-water mark, the clock. */
#include <criterion/criterion.h>
#include <string.h>

#include "voxpop/fetch.h"

static json_t *parse(const char *s, unsigned long *fixed, char *ex, size_t n)
{
	json_t *page = NULL;
	vp_err e = {0};
	int rc = vp_fetch_page_parse(s, strlen(s), &page, fixed, ex, n, &e);
	cr_assert_eq(rc, 0, "%s: %s", s, e.msg);
	return page;
}

Test(fetch_page, valid_pages_are_not_touched)
{
	unsigned long fixed = 7;
	char ex[80];
	json_t *p = parse("{\"a\": \"\\ud83d\\ude00 ok\", \"n\": 9223372036854775807}", &fixed, ex,
	                  sizeof ex);
	cr_assert_eq(fixed, 0);
	cr_assert_eq(json_integer_value(json_object_get(p, "n")), 9223372036854775807LL);
	json_decref(p);
}

Test(fetch_page, bad_values_are_repaired_and_counted)
{
	unsigned long fixed = 0;
	char ex[80];
	json_t *p = parse("[\"a\\ud800b\", \"\\u0000\", \"\\udc00\\ud800\", 18446744073709551616,"
	                  " -9223372036854775809, 1e400, \"x\xff\", \"t\tab\"]", &fixed, ex, sizeof ex);
	cr_assert_eq(fixed, 9);
	cr_assert_str_eq(ex, "a lone surrogate, made U+FFFD: '\\ud800'");
	cr_assert_str_eq(json_string_value(json_array_get(p, 0)), "a\xEF\xBF\xBD" "b");
	cr_assert_str_eq(json_string_value(json_array_get(p, 1)), "\xEF\xBF\xBD");
	cr_assert_str_eq(json_string_value(json_array_get(p, 3)), "18446744073709551616");
	cr_assert_str_eq(json_string_value(json_array_get(p, 4)), "-9223372036854775809");
	cr_assert_str_eq(json_string_value(json_array_get(p, 5)), "1e400");
	cr_assert_str_eq(json_string_value(json_array_get(p, 6)), "x\xEF\xBF\xBD");
	cr_assert_str_eq(json_string_value(json_array_get(p, 7)), "t\tab");
	json_decref(p);
}

Test(fetch_page, a_broken_page_is_still_an_error)
{
	json_t *page = NULL;
	vp_err e = {0};
	const char *s = "{\"results\": [\"\\ud800\"";
	cr_assert_eq(vp_fetch_page_parse(s, strlen(s), &page, NULL, NULL, 0, &e), EX_DATAERR);
	cr_assert_null(page);
	cr_assert(strstr(e.msg, "page is not valid JSON"), "%s", e.msg);
}

Test(fetch_page, scrub_removes_the_secret_and_long_parts_of_it)
{
	char m[128] = "near '\"tok-SECRET-5f3a9c\"' and 'tok-SECRET' cut";
	vp_fetch_scrub(m, sizeof m, "tok-SECRET-5f3a9c");
	cr_assert_str_eq(m, "near '\"REDACTED\"' and 'REDACTED' cut");
	char s[16] = "a tok b tok";
	vp_fetch_scrub(s, sizeof s, "tok");
	cr_assert_str_eq(s, "a REDACTED b RE"); /* cut to the buffer, never overrun */
	char n[8] = "abc";
	vp_fetch_scrub(n, sizeof n, NULL);
	vp_fetch_scrub(n, sizeof n, "");
	cr_assert_str_eq(n, "abc");
}

/* found by fuzz_fetch_page: a one-letter secret that the replacement word
 * itself contains (the check was wrong, not the scrubbing) */
Test(fetch_page, fuzz_one_letter_secret)
{
	char m[64] = "\xc8\\\\\\?\\id\\ \xff\xff" "A\xff\xc8";
	vp_fetch_scrub(m, sizeof m, "A");
	cr_assert(strstr(m, "REDACTED"));
	cr_assert_lt(strlen(m), sizeof m);
}

Test(fetch_page, which_dates_may_be_the_mark)
{
	long long now = 0;
	const char *why;
	cr_assert_eq(vp_fetch_parse_now("2026-06-01T00:00:00Z", &now), 0);
	cr_assert(vp_fetch_date_markable("2026-05-01T10:00:00Z", 0, now, &why));
	cr_assert(vp_fetch_date_markable("2026-05-01T10:00:00.123+02:00", 0, now, &why));
	cr_assert(vp_fetch_date_markable("2026-05-01", 0, now, &why));
	cr_assert(vp_fetch_date_markable("2026-06-01T00:59:59Z", 0, now, &why));
	cr_assert(vp_fetch_date_markable("1780000000", 0, now, &why));
	cr_assert(!vp_fetch_date_markable("2026-06-01T01:00:01Z", 0, now, &why));
	cr_assert_str_eq(why, "after this run's clock + 1 hour");
	cr_assert(!vp_fetch_date_markable("2099-01-01T00:00:00Z", 0, now, &why));
	cr_assert(!vp_fetch_date_markable("03/04/2026", 0, now, &why));
	cr_assert_str_eq(why, "not an ISO 8601 date");
	cr_assert(!vp_fetch_date_markable("2026-02-30", 0, now, &why));
	cr_assert(!vp_fetch_date_markable("2026-05-01T24:00:00Z", 0, now, &why));
	cr_assert(!vp_fetch_date_markable("2026-05-01T10:00:00", 0, now, &why));
	cr_assert_str_eq(why, "a time without a zone");
	cr_assert(vp_fetch_date_markable("2026-05-01T10:00:00", 1, now, &why));
	cr_assert(!vp_fetch_date_markable("", 0, now, &why));
	cr_assert(!vp_fetch_date_markable(NULL, 0, now, &why));
	cr_assert_neq(vp_fetch_parse_now("yesterday", &now), 0);
	cr_assert_neq(vp_fetch_parse_now("2026-06-01T00:00:00", &now), 0);
}
