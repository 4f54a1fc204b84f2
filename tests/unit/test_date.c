/* test_date - reading dates in a declared order, never swapped to fit; the --by month/year keys (#14). */
#include <criterion/criterion.h>
#include <string.h>

#include "voxpop/date.h"

static const char *rd(const char *s, vp_date_order o)
{
	static char iso[11];
	strcpy(iso, "unchanged");
	int r = vp_date_read(s, strlen(s), o, iso);
	if (r == VP_DATE_BAD)
		return strcmp(iso, "unchanged") == 0 ? "bad" : "bad-but-written";
	if (r == VP_DATE_NONE)
		return strcmp(iso, "unchanged") == 0 ? "none" : "none-but-written";
	return iso;
}

Test(date_order, dmy_is_the_default_and_the_uk_reading)
{
	cr_assert_str_eq(rd("03/04/2026", VP_DATE_DMY), "2026-04-03");
	char iso[11];
	cr_assert_eq(vp_date_iso("03/04/2026", 10, iso), 1);
	cr_assert_str_eq(iso, "2026-04-03");
}

Test(date_order, mdy_reads_surveymonkey_dates)
{
	cr_assert_str_eq(rd("03/04/2026 10:32:11 AM", VP_DATE_MDY), "2026-03-04");
	cr_assert_str_eq(rd("03/14/2026 10:32:11 PM", VP_DATE_MDY), "2026-03-14");
	cr_assert_str_eq(rd("3/4/26", VP_DATE_MDY), "2026-03-04");
	cr_assert_str_eq(rd("12-25-2026", VP_DATE_MDY), "2026-12-25");
}

Test(date_order, never_swapped_to_fit)
{
	/* month 14 in dmy: not a date, and not silently read as 14 March */
	cr_assert_str_eq(rd("03/14/2026", VP_DATE_DMY), "bad");
	cr_assert_str_eq(rd("14/03/2026", VP_DATE_MDY), "bad");
	cr_assert_str_eq(rd("31/02/2026", VP_DATE_DMY), "bad");
	cr_assert_str_eq(rd("2026-13-01", VP_DATE_DMY), "bad");
	cr_assert_str_eq(rd("31 February 2026", VP_DATE_DMY), "bad");
}

Test(date_order, ymd_two_digit_year_first)
{
	cr_assert_str_eq(rd("26/03/14", VP_DATE_YMD), "2026-03-14");
	cr_assert_str_eq(rd("26.3.4", VP_DATE_YMD), "2026-03-04");
	cr_assert_str_eq(rd("14/03/2026", VP_DATE_YMD), "bad");
}

Test(date_order, unambiguous_forms_in_every_order)
{
	for (int o = 0; o < 3; o++) {
		cr_assert_str_eq(rd("2026-03-14", (vp_date_order)o), "2026-03-14");
		cr_assert_str_eq(rd("2026.03.14", (vp_date_order)o), "2026-03-14");
		cr_assert_str_eq(rd("14 March 2026", (vp_date_order)o), "2026-03-14");
		cr_assert_str_eq(rd("March 14, 2026", (vp_date_order)o), "2026-03-14");
		cr_assert_str_eq(rd("Mar 14th 2026", (vp_date_order)o), "2026-03-14");
		cr_assert_str_eq(rd("Saturday, 14 March 2026", (vp_date_order)o), "2026-03-14");
		cr_assert_str_eq(rd("Sat 14 Mar 2026 10:00", (vp_date_order)o), "2026-03-14");
	}
}

Test(date_order, times_and_zones_are_dropped)
{
	cr_assert_str_eq(rd("14/03/2026 10:32 GMT+1", VP_DATE_DMY), "2026-03-14");
	cr_assert_str_eq(rd("14/03/2026, 10:32", VP_DATE_DMY), "2026-03-14");
	cr_assert_str_eq(rd("2026-03-14T23:30:00-05:00", VP_DATE_DMY), "2026-03-14");
	cr_assert_str_eq(rd("2026-03-14T10:32:00.123Z", VP_DATE_DMY), "2026-03-14");
}

/* Excel's ordinary month-name forms (d-mmm-yy, d-mmm-yyyy, "14 Mar 26")
 * read in every order: the month is spelled out. */
Test(date_order, excel_month_name_forms)
{
	for (int o = 0; o < 3; o++) {
		cr_assert_str_eq(rd("14-Mar-26", (vp_date_order)o), "2026-03-14");
		cr_assert_str_eq(rd("3-Apr-26", (vp_date_order)o), "2026-04-03");
		cr_assert_str_eq(rd("14-Mar-2026", (vp_date_order)o), "2026-03-14");
		cr_assert_str_eq(rd("14 Mar 26", (vp_date_order)o), "2026-03-14");
		cr_assert_str_eq(rd("14 March 2026", (vp_date_order)o), "2026-03-14");
		cr_assert_str_eq(rd("14/Mar/2026 10:32", (vp_date_order)o), "2026-03-14");
		cr_assert_str_eq(rd("14-Sept-2026", (vp_date_order)o), "2026-09-14");
	}
	cr_assert_str_eq(rd("31-Feb-26", VP_DATE_DMY), "bad");
	cr_assert_str_eq(rd("14-Mar/26", VP_DATE_DMY), "none");
	cr_assert_str_eq(rd("14-Mar-262", VP_DATE_DMY), "none");
	cr_assert_str_eq(rd("14-Mar-", VP_DATE_DMY), "none");
}

Test(date_order, not_dates)
{
	cr_assert_str_eq(rd("spring 2026", VP_DATE_DMY), "none");
	cr_assert_str_eq(rd("Monday", VP_DATE_DMY), "none");
	cr_assert_str_eq(rd("March", VP_DATE_DMY), "none");
	cr_assert_str_eq(rd("4/3/5", VP_DATE_DMY), "none");
	cr_assert_str_eq(rd("", VP_DATE_MDY), "none");
	cr_assert_str_eq(rd("14/03/2026x", VP_DATE_DMY), "none");
}

Test(date_order, names_and_hints)
{
	vp_date_order o;
	cr_assert_eq(vp_date_order_parse("mdy", &o), 0);
	cr_assert_eq(o, VP_DATE_MDY);
	cr_assert_eq(vp_date_order_parse("MDY", &o), -1);
	cr_assert_eq(vp_date_order_parse("us", &o), -1);
	cr_assert_str_eq(vp_date_order_name(VP_DATE_YMD), "ymd");
	cr_assert_eq(vp_date_other_order("03/14/2026", 10, VP_DATE_DMY), VP_DATE_MDY);
	cr_assert_eq(vp_date_other_order("31/02/2026", 10, VP_DATE_DMY), -1);
	cr_assert_eq(vp_date_other_order("26/03/31", 8, VP_DATE_DMY), VP_DATE_YMD);
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

static const char *iso_of(const char *s)
{
	static char iso[11];
	strcpy(iso, "unchanged");
	if (!vp_date_iso(s, strlen(s), iso))
		return "no";
	return iso;
}

Test(date, uk_and_iso_forms)
{
	cr_assert_str_eq(iso_of("14/03/2026"), "2026-03-14");
	cr_assert_str_eq(iso_of("4/3/2026"), "2026-03-04");
	cr_assert_str_eq(iso_of("03/04/2026"), "2026-04-03"); /* day first */
	cr_assert_str_eq(iso_of("14-03-2026"), "2026-03-14");
	cr_assert_str_eq(iso_of("14.03.2026"), "2026-03-14");
	cr_assert_str_eq(iso_of("14/03/26"), "2026-03-14");
	cr_assert_str_eq(iso_of("2026-03-14"), "2026-03-14");
	cr_assert_str_eq(iso_of("2026/3/14"), "2026-03-14");
	cr_assert_str_eq(iso_of(" 14 March 2026 "), "2026-03-14");
	cr_assert_str_eq(iso_of("14th Mar 2026"), "2026-03-14");
	cr_assert_str_eq(iso_of("1 Sept 2026"), "2026-09-01");
}

Test(date, time_part_dropped)
{
	cr_assert_str_eq(iso_of("14/03/2026 10:32"), "2026-03-14");
	cr_assert_str_eq(iso_of("2026-03-14T10:32:00Z"), "2026-03-14");
	cr_assert_str_eq(iso_of("2026-03-14 10:32:05"), "2026-03-14");
}

Test(date, impossible_or_unknown_left_alone)
{
	cr_assert_str_eq(iso_of("31/02/2026"), "no");
	cr_assert_str_eq(iso_of("29/02/2025"), "no");
	cr_assert_str_eq(iso_of("29/02/2024"), "2024-02-29");
	cr_assert_str_eq(iso_of("13/13/2026"), "no");
	cr_assert_str_eq(iso_of("spring 2026"), "no");
	cr_assert_str_eq(iso_of("2026"), "no");
	cr_assert_str_eq(iso_of("14/03/2026x"), "no");
	cr_assert_str_eq(iso_of("14/03/20266"), "no");
	cr_assert_str_eq(iso_of(""), "no");
	cr_assert_str_eq(iso_of("14 Marchy 2026"), "no");
	cr_assert_str_eq(iso_of("0000-00-00"), "no");
	cr_assert_str_eq(iso_of("2026-13-01"), "no");
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
