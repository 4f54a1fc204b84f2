/* test_date.c - vp_date_iso and the --by month/year keys (#14). */
#include <criterion/criterion.h>
#include <string.h>

#include "voxpop/date.h"

static const char *iso(const char *s)
{
	static char out[11];
	return vp_date_iso(s, strlen(s), out) ? out : "-";
}

static const char *month(const char *s)
{
	static char out[8];
	memset(out, 'X', sizeof out);
	return vp_date_month_key(s, out) ? out : "-";
}

static const char *year(const char *s)
{
	static char out[8];
	memset(out, 'X', sizeof out);
	return vp_date_year_key(s, out) ? out : "-";
}

Test(date, iso_forms)
{
	cr_assert_str_eq(iso("14/03/2026"), "2026-03-14");
	cr_assert_str_eq(iso("2026-03-14T10:32:00Z"), "2026-03-14");
	cr_assert_str_eq(iso("14th March 2026"), "2026-03-14");
	cr_assert_str_eq(iso("29/02/2024"), "2024-02-29");
	cr_assert_str_eq(iso("29/02/2026"), "-");
	cr_assert_str_eq(iso("2026-13-01"), "-");
	cr_assert_str_eq(iso("0000-00-00"), "-");
}

Test(date, month_key_of_real_dates)
{
	cr_assert_str_eq(month("2026-03-14"), "2026-03");
	cr_assert_str_eq(month("2026-12-31"), "2026-12");
	cr_assert_str_eq(month("2024-02-29"), "2024-02");
	cr_assert_str_eq(month("2026-03-14T10:32:00Z"), "2026-03");
	cr_assert_str_eq(month("2026-03-14 10:32"), "2026-03");
	cr_assert_str_eq(month("2026-03"), "2026-03");
}

/* #14: these were grouped as months of their own */
Test(date, month_key_refuses_impossible_dates)
{
	cr_assert_str_eq(month("2026-13"), "-");
	cr_assert_str_eq(month("2026-13-01"), "-");
	cr_assert_str_eq(month("0000-00"), "-");
	cr_assert_str_eq(month("0000-00-00"), "-");
	cr_assert_str_eq(month("2026-00-10"), "-");
	cr_assert_str_eq(month("2026-02-30"), "-");
	cr_assert_str_eq(month("2026-02-29"), "-");
	cr_assert_str_eq(month("2026-04-31"), "-");
	cr_assert_str_eq(month("2026-01-00"), "-");
	cr_assert_str_eq(month("2026-19-01"), "-");
}

Test(date, month_key_refuses_what_is_not_an_iso_date)
{
	cr_assert_str_eq(month(""), "-");
	cr_assert_str_eq(month("2026"), "-");
	cr_assert_str_eq(month("2026-1"), "-");
	cr_assert_str_eq(month("2026-1-05"), "-");
	cr_assert_str_eq(month("2026-03-5"), "-");
	cr_assert_str_eq(month("2026-03-145"), "-");
	cr_assert_str_eq(month("2026-03x"), "-");
	cr_assert_str_eq(month("2026-03-14x"), "-");
	cr_assert_str_eq(month("14/03/2026"), "-");
	cr_assert_str_eq(month("+2026-03-14"), "-");
	cr_assert_str_eq(month(" 2026-03-14"), "-");
	cr_assert_str_eq(month("２０２６-03-14"), "-");
}

Test(date, year_key)
{
	cr_assert_str_eq(year("2026-03-14"), "2026");
	cr_assert_str_eq(year("2026-03"), "2026");
	cr_assert_str_eq(year("2026"), "2026");
	cr_assert_str_eq(year("2026-13-01"), "-");
	cr_assert_str_eq(year("2026-02-30"), "-");
	cr_assert_str_eq(year("0000"), "-");
	cr_assert_str_eq(year("0999-01-01"), "-");
	cr_assert_str_eq(year("2026x"), "-");
	cr_assert_str_eq(year("20261"), "-");
}
