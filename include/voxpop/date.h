/* date.h - normalising dates people and spreadsheets write to ISO 8601.
 *
 * Accepted, with surrounding spaces, an optional weekday in front
 * ("Tue 14 Mar 2026", "Tuesday, 14 March 2026") and an optional time part
 * after a space, a comma or 'T' ("14/03/2026 10:32", "03/04/2026 10:32:11 AM",
 * "2026-03-14T10:32:00Z", "14/03/2026 10:32 GMT+1"), which is dropped: the
 * date is the one the respondent wrote, not shifted to another zone.
 *   numeric, read in the declared order (vp_date_order):
 *     dmy (UK tools, the default):  dd/mm/yyyy d/m/yyyy dd-mm-yyyy dd.mm.yyyy dd/mm/yy
 *     mdy (SurveyMonkey, US):       mm/dd/yyyy m/d/yyyy mm-dd-yyyy mm/dd/yy
 *     ymd:                          yy/mm/dd (two-digit year first)
 *   whatever the order (they cannot be misread):
 *     yyyy-mm-dd yyyy/mm/dd yyyy.mm.dd
 *     14 March 2026, 14 Mar 2026, 14th March 2026, March 14, 2026, Mar 14th 2026
 *     Excel's 14-Mar-26, 14-Mar-2026 (or '/', '.' between), 14 Mar 26
 * A two-digit year is 20yy.  The day must exist in that month (leap years
 * counted).  A numeric date is never swapped to fit: "03/14/2026" in dmy
 * order is not 3 of month 14, nor 14 March -- it is VP_DATE_BAD, so the
 * caller can keep it as written, count it and suggest another order.
 */
#ifndef VOXPOP_DATE_H
#define VOXPOP_DATE_H

#include <stddef.h>

typedef enum vp_date_order { VP_DATE_DMY = 0, VP_DATE_MDY, VP_DATE_YMD } vp_date_order;

enum {
	VP_DATE_BAD = -1, /* shaped like a date, but not one in this order */
	VP_DATE_NONE = 0, /* not a date */
	VP_DATE_OK = 1,   /* iso holds "YYYY-MM-DD" */
};

/* Read s[0..n) in ORDER: VP_DATE_OK with "YYYY-MM-DD" and a NUL written to
 * iso (11 bytes), or VP_DATE_BAD / VP_DATE_NONE with iso left alone. */
int vp_date_read(const char *s, size_t n, vp_date_order order, char iso[11]);

/* vp_date_read in dmy order: 1 when it is a date, else 0. */
int vp_date_iso(const char *s, size_t n, char iso[11]);

/* "dmy", "mdy", "ymd" -> *order and 0; anything else -1. */
int vp_date_order_parse(const char *name, vp_date_order *order);
const char *vp_date_order_name(vp_date_order order);

/* The first order other than ORDER in which s[0..n) reads as a date, or -1:
 * for "try --date-order mdy" hints. */
int vp_date_other_order(const char *s, size_t n, vp_date_order order);
/* The month an ISO date falls in, for vp-count --by date:month: if s (a
 * NUL-terminated record "date") is "YYYY-MM-DD" of a day that exists
 * (optionally followed by a time part after 'T' or ' '), or "YYYY-MM" of a
 * real month, with a year 1000..9999, write "YYYY-MM" and a NUL to out and
 * return 1; otherwise (2026-13, 0000-00, 2026-02-30, 2026-1-5, a date as
 * written that vp_date_iso could not read) return 0: the record belongs
 * under Unassigned. */
int vp_date_month_key(const char *s, char out[8]);
/* The same for --by date:year ("YYYY"); "YYYY" alone is a year too. */
int vp_date_year_key(const char *s, char out[8]);

#endif
