/* date.h - normalising dates people and spreadsheets write to ISO 8601.
 *
 * Accepted (UK convention: day before month), with surrounding spaces and
 * an optional time part after a space or 'T' ("14/03/2026 10:32",
 * "2026-03-14T10:32:00Z"), which is dropped:
 *   dd/mm/yyyy  d/m/yyyy  dd-mm-yyyy  dd.mm.yyyy  dd/mm/yy (20yy)
 *   yyyy-mm-dd  yyyy/mm/dd
 *   14 March 2026, 14 Mar 2026, 14th March 2026 (English month names)
 * The day must exist in that month (leap years counted).  US month-first
 * dates are read as UK ones when both could be valid (03/04/2026 is 3 April).
 */
#ifndef VOXPOP_DATE_H
#define VOXPOP_DATE_H

#include <stddef.h>

/* If s[0..n) is a recognised date, write "YYYY-MM-DD" and a NUL to iso
 * (11 bytes) and return 1; otherwise return 0 and leave iso alone. */
int vp_date_iso(const char *s, size_t n, char iso[11]);

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
