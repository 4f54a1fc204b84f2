/* date.c - see include/voxpop/date.h */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "voxpop/date.h"

static int days_in(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* Read 1..maxd digits at *p; returns the count read (0 if none). */
static int digits(const char **p, const char *end, int maxd, int *val)
{
	int k = 0, v = 0;
	while (*p < end && k < maxd && isdigit((unsigned char)**p)) {
		v = v * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	if (*p < end && isdigit((unsigned char)**p))
		return 0; /* too many digits */
	*val = v;
	return k;
}

static int month_name(const char **p, const char *end)
{
	static const char *names[] = {"january", "february", "march", "april", "may",
		"june", "july", "august", "september", "october", "november", "december"};
	const char *s = *p;
	size_t n = 0;
	while (s + n < end && isalpha((unsigned char)s[n]))
		n++;
	if (n < 3)
		return 0;
	for (int m = 0; m < 12; m++) {
		size_t full = strlen(names[m]);
		/* "Mar", "March", and "Sept" */
		if ((n == 3 || n == full || (m == 8 && n == 4)) && n <= full &&
		    strncasecmp(s, names[m], n) == 0) {
			*p = s + n;
			return m + 1;
		}
	}
	return 0;
}

/* What may follow the date: nothing, or a time part. */
static int rest_ok(const char *p, const char *end)
{
	if (p == end)
		return 1;
	if (*p != ' ' && *p != 'T')
		return 0;
	p++;
	while (p < end && *p == ' ')
		p++;
	return p < end && isdigit((unsigned char)*p);
}

static int emit(int y, int m, int d, char iso[11])
{
	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in(y, m))
		return 0;
	iso[0] = (char)('0' + y / 1000);
	iso[1] = (char)('0' + y / 100 % 10);
	iso[2] = (char)('0' + y / 10 % 10);
	iso[3] = (char)('0' + y % 10);
	iso[4] = '-';
	iso[5] = (char)('0' + m / 10);
	iso[6] = (char)('0' + m % 10);
	iso[7] = '-';
	iso[8] = (char)('0' + d / 10);
	iso[9] = (char)('0' + d % 10);
	iso[10] = '\0';
	return 1;
}

int vp_date_iso(const char *s, size_t n, char iso[11])
{
	const char *p = s, *end = s + n;
	while (p < end && isspace((unsigned char)*p))
		p++;
	while (end > p && isspace((unsigned char)end[-1]))
		end--;

	int a, b, c, k;
	const char *q = p;
	k = digits(&q, end, 4, &a);
	if (k == 0)
		return 0;
	if (q == end)
		return 0;
	if (k <= 2 && end - q >= 3 && (!strncasecmp(q, "st", 2) || !strncasecmp(q, "nd", 2) ||
	                               !strncasecmp(q, "rd", 2) || !strncasecmp(q, "th", 2)) &&
	    q[2] == ' ')
		q += 2; /* 14th March */
	char sep = *q;
	if (k == 4 && (sep == '-' || sep == '/')) {
		/* yyyy-mm-dd */
		q++;
		if (!digits(&q, end, 2, &b) || q == end || *q != sep)
			return 0;
		q++;
		if (!digits(&q, end, 2, &c) || !rest_ok(q, end))
			return 0;
		return emit(a, b, c, iso);
	}
	if (k <= 2 && (sep == '/' || sep == '-' || sep == '.')) {
		/* dd/mm/yyyy or dd/mm/yy */
		q++;
		if (!digits(&q, end, 2, &b) || q == end || *q != sep)
			return 0;
		q++;
		const char *ys = q;
		if (!digits(&q, end, 4, &c) || !rest_ok(q, end))
			return 0;
		if (q - ys == 2)
			c += 2000;
		else if (q - ys != 4)
			return 0;
		return emit(c, b, a, iso);
	}
	if (k <= 2 && sep == ' ') {
		/* 14 March 2026, 14th Mar 2026 */
		while (q < end && *q == ' ')
			q++;
		int m = month_name(&q, end);
		if (!m)
			return 0;
		if (q < end && *q == ',')
			q++;
		if (q == end || *q != ' ')
			return 0;
		while (q < end && *q == ' ')
			q++;
		if (digits(&q, end, 4, &c) != 4 || !rest_ok(q, end))
			return 0;
		return emit(c, m, a, iso);
	}
	return 0;
}

/* n digits at s, as a number; -1 if any is not an ASCII digit. */
static int fixed_digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Check s as "YYYY", "YYYY-MM" or "YYYY-MM-DD[(T| )...]"; 1 if it names a
 * real year (1000..9999), month and day, with *has_month set; 0 if not. */
static int iso_key(const char *s, int year_alone, int *has_month)
{
	int y = fixed_digits(s, 4);
	if (y < 1000)
		return 0;
	*has_month = 0;
	if (s[4] == '\0')
		return year_alone;
	if (s[4] != '-')
		return 0;
	int m = fixed_digits(s + 5, 2);
	if (m < 1 || m > 12)
		return 0;
	*has_month = 1;
	if (s[7] == '\0')
		return 1;
	if (s[7] != '-')
		return 0;
	int d = fixed_digits(s + 8, 2);
	if (d < 1 || d > days_in(y, m))
		return 0;
	return s[10] == '\0' || s[10] == 'T' || s[10] == ' ';
}

int vp_date_month_key(const char *s, char out[8])
{
	int has_month;
	if (!s || !iso_key(s, 0, &has_month) || !has_month)
		return 0;
	memcpy(out, s, 7);
	out[7] = '\0';
	return 1;
}

int vp_date_year_key(const char *s, char out[8])
{
	int has_month;
	if (!s || !iso_key(s, 1, &has_month))
		return 0;
	memcpy(out, s, 4);
	out[4] = '\0';
	return 1;
}
