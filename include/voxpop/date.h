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

#endif
