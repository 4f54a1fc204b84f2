/* date.c - see include/voxpop/date.h */
#include <ctype.h>
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

/* Read 1..maxd digits at *p; returns the count read (0 if none, or if more
 * than maxd digits follow). */
static int digits(const char **p, const char *end, int maxd, int *val)
{
	int k = 0, v = 0;
	while (*p < end && k < maxd && isdigit((unsigned char)**p)) {
		v = v * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	if (*p < end && isdigit((unsigned char)**p))
		return 0;
	*val = v;
	return k;
}

static size_t word_len(const char *s, const char *end)
{
	size_t n = 0;
	while (s + n < end && isalpha((unsigned char)s[n]))
		n++;
	return n;
}

/* A month name at *p ("Mar", "March", "Sept"): 1-12 with *p moved past it,
 * else 0. */
static int month_name(const char **p, const char *end)
{
	static const char *names[] = {"january", "february", "march", "april", "may",
		"june", "july", "august", "september", "october", "november", "december"};
	const char *s = *p;
	size_t n = word_len(s, end);
	if (n < 3)
		return 0;
	for (int m = 0; m < 12; m++) {
		size_t full = strlen(names[m]);
		if ((n == 3 || n == full || (m == 8 && n == 4)) && n <= full &&
		    strncasecmp(s, names[m], n) == 0) {
			*p = s + n;
			return m + 1;
		}
	}
	return 0;
}

/* Skip a weekday in front ("Tue ", "Tuesday, "), as Excel's long date
 * format and e-mail headers write it. */
static const char *skip_weekday(const char *p, const char *end)
{
	static const char *names[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday"};
	size_t n = word_len(p, end);
	if (n < 3)
		return p;
	for (int i = 0; i < 7; i++) {
		if (n <= strlen(names[i]) && strncasecmp(p, names[i], n) == 0) {
			const char *q = p + n;
			if (q < end && *q == ',')
				q++;
			if (q == end || *q != ' ')
				return p;
			while (q < end && *q == ' ')
				q++;
			return q;
		}
	}
	return p;
}

/* "st", "nd", "rd", "th" after a day number. */
static const char *skip_ordinal(const char *q, const char *end)
{
	if (end - q >= 2 && (!strncasecmp(q, "st", 2) || !strncasecmp(q, "nd", 2) ||
	                     !strncasecmp(q, "rd", 2) || !strncasecmp(q, "th", 2)) &&
	    (q + 2 == end || !isalpha((unsigned char)q[2])))
		return q + 2;
	return q;
}

/* What may follow the date: nothing, or a time part ("10:32", "10:32:11 AM",
 * "T10:32:00Z", ", 10:32 GMT+1"), which is not interpreted. */
static int rest_ok(const char *p, const char *end)
{
	if (p == end)
		return 1;
	if (*p != ' ' && *p != 'T' && *p != ',')
		return 0;
	p++;
	while (p < end && *p == ' ')
		p++;
	return p < end && isdigit((unsigned char)*p);
}

/* The date's last part at *q, up to 4 digits, with only what rest_ok
 * allows after it: how many digits (*q past them, *val their value), or
 * 0 when it is not that. */
static int last_part(const char **q, const char *end, int *val)
{
	const char *start = *q;
	if (!digits(q, end, 4, val) || !rest_ok(*q, end))
		return 0;
	return (int)(*q - start);
}

static int emit(int y, int m, int d, char iso[11])
{
	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in(y, m))
		return VP_DATE_BAD;
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
	return VP_DATE_OK;
}

/* "March 14, 2026", "Mar 14th 2026" at p. */
static int month_first(const char *p, const char *end, char iso[11])
{
	int m = month_name(&p, end), d, y;
	if (!m || p == end || *p != ' ')
		return VP_DATE_NONE;
	while (p < end && *p == ' ')
		p++;
	if (!digits(&p, end, 2, &d))
		return VP_DATE_NONE;
	p = skip_ordinal(p, end);
	if (p < end && *p == ',')
		p++;
	if (p == end || *p != ' ')
		return VP_DATE_NONE;
	while (p < end && *p == ' ')
		p++;
	if (digits(&p, end, 4, &y) != 4 || !rest_ok(p, end))
		return VP_DATE_NONE;
	return emit(y, m, d, iso);
}

int vp_date_read(const char *s, size_t n, vp_date_order order, char iso[11])
{
	const char *p = s, *end = s + n;
	while (p < end && isspace((unsigned char)*p))
		p++;
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	p = skip_weekday(p, end);
	if (p < end && isalpha((unsigned char)*p))
		return month_first(p, end, iso);

	int a, b, c, k;
	const char *q = p;
	k = digits(&q, end, 4, &a);
	if (k == 0 || q == end)
		return VP_DATE_NONE;
	if (k <= 2) {
		const char *o = skip_ordinal(q, end);
		if (o != q && o < end && *o == ' ')
			q = o; /* 14th March */
	}
	char sep = *q;
	if (k == 4 && (sep == '-' || sep == '/' || sep == '.')) {
		/* yyyy-mm-dd: unambiguous in every order */
		q++;
		if (!digits(&q, end, 2, &b) || q == end || *q != sep)
			return VP_DATE_NONE;
		q++;
		if (!digits(&q, end, 2, &c) || !rest_ok(q, end))
			return VP_DATE_NONE;
		return emit(a, b, c, iso);
	}
	if (k <= 2 && (sep == '/' || sep == '-' || sep == '.') && q + 1 < end &&
	    isalpha((unsigned char)q[1])) {
		/* Excel's d-mmm-yy, d-mmm-yyyy (and / or . between) */
		q++;
		int m = month_name(&q, end);
		if (!m || q == end || *q != sep)
			return VP_DATE_NONE;
		q++;
		int cd = last_part(&q, end, &c);
		if (cd != 2 && cd != 4)
			return VP_DATE_NONE;
		return emit(cd == 2 ? 2000 + c : c, m, a, iso);
	}
	if (k <= 2 && (sep == '/' || sep == '-' || sep == '.')) {
		q++;
		if (!digits(&q, end, 2, &b) || q == end || *q != sep)
			return VP_DATE_NONE;
		q++;
		int cd = last_part(&q, end, &c);
		if (cd != 2 && cd != 4 && !(order == VP_DATE_YMD && cd == 1))
			return VP_DATE_NONE;
		switch (order) {
		case VP_DATE_DMY:
			return emit(cd == 2 ? 2000 + c : c, b, a, iso);
		case VP_DATE_MDY:
			return emit(cd == 2 ? 2000 + c : c, a, b, iso);
		case VP_DATE_YMD:
			return cd == 4 ? VP_DATE_BAD : emit(2000 + a, b, c, iso);
		}
		return VP_DATE_NONE;
	}
	if (k <= 2 && sep == ' ') {
		/* 14 March 2026, 14th Mar 2026, 14 Mar 26 */
		while (q < end && *q == ' ')
			q++;
		int m = month_name(&q, end);
		if (!m)
			return VP_DATE_NONE;
		if (q < end && *q == ',')
			q++;
		if (q == end || *q != ' ')
			return VP_DATE_NONE;
		while (q < end && *q == ' ')
			q++;
		int cd = digits(&q, end, 4, &c);
		if ((cd != 4 && cd != 2) || !rest_ok(q, end))
			return VP_DATE_NONE;
		return emit(cd == 2 ? 2000 + c : c, m, a, iso);
	}
	return VP_DATE_NONE;
}

int vp_date_iso(const char *s, size_t n, char iso[11])
{
	return vp_date_read(s, n, VP_DATE_DMY, iso) == VP_DATE_OK;
}

static const char *const order_names[] = {"dmy", "mdy", "ymd"};

int vp_date_order_parse(const char *name, vp_date_order *order)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(name, order_names[i]) == 0) {
			*order = (vp_date_order)i;
			return 0;
		}
	return -1;
}

const char *vp_date_order_name(vp_date_order order)
{
	return (unsigned)order < 3 ? order_names[order] : "?";
}

int vp_date_other_order(const char *s, size_t n, vp_date_order order)
{
	char iso[11];
	for (int i = 0; i < 3; i++)
		if (i != (int)order && vp_date_read(s, n, (vp_date_order)i, iso) == VP_DATE_OK)
			return i;
	return -1;
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
