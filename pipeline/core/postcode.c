/* postcode.c - see include/voxpop/postcode.h
 *
 * UK postcode = outward code (the district: A9, A99, AA9, AA99, A9A, AA9A)
 * + inward code (9AA).  Letter rules per position are NOT enforced: the
 * same matcher redacts personal data, where a missed postcode costs more
 * than a rare false positive -- except that the inward code's letters are
 * never C I K M O V, so "B12 1mg" and "A1 2pm" are a dose and a time.  A
 * letter O typed for the zero that starts the inward code ("LE13 OAB") is
 * accepted and normalised to 0.
 */
#include <string.h>

#include <utf8proc.h>

#include "voxpop/postcode.h"
#include "voxpop/utf8.h"

static int is_alpha(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_alnum(int c)
{
	return is_alpha(c) || is_digit(c);
}

static int upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

/* s[0..n) is an outward code (a district). */
static int valid_outward(const char *s, size_t n)
{
	if (n < 2 || n > 4 || !is_alpha(s[0]))
		return 0;
	switch (n) {
	case 2:
		return is_digit(s[1]);
	case 3: /* A99, AA9, A9A */
		return (is_digit(s[1]) && is_alnum(s[2])) ||
		       (is_alpha(s[1]) && is_digit(s[2]));
	default: /* AA99, AA9A */
		return is_alpha(s[1]) && is_digit(s[2]) && is_alnum(s[3]);
	}
}

/* c is a letter an inward code may end with (not C I K M O V). */
static int inward_letter(int c)
{
	return is_alpha(c) && !strchr("CIKMOV", upper(c));
}

/* s[0..3) is an inward code. */
static int valid_inward(const char *s)
{
	return (is_digit(s[0]) || s[0] == 'O' || s[0] == 'o') &&
	       inward_letter(s[1]) && inward_letter(s[2]);
}

static int is_blank(int c)
{
	return c == ' ' || c == '\t';
}

/* How vp-redact's view reads the character at s[0..n) when it is not
 * ASCII (vp_utf8_read_as's answer into a, its length in bytes in *len); 0
 * for ASCII or bytes that are not UTF-8. */
static size_t read_as_here(const char *s, size_t n, char a[4], size_t *len)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t l;
	if (!n || (unsigned char)s[0] < 0x80 ||
	    (l = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)(n < 4 ? n : 4),
	                          &cp)) <= 0)
		return 0;
	*len = (size_t)l;
	return vp_utf8_read_as(cp, a);
}

/* The separator character at s[k]: its length in bytes, and *hyphen set
 * if it is a hyphen; 0 if none.  Blanks and hyphens as vp-redact's view
 * reads them (vp_utf8_read_as): a no-break, narrow or thin space is a
 * space, U+2011 a hyphen, a character no reader sees (a zero-width space)
 * nothing, so part of the separator. */
static size_t separator_at(const char *s, size_t n, size_t k, int *hyphen)
{
	*hyphen = s[k] == '-';
	if (is_blank(s[k]) || *hyphen)
		return 1;
	char a[4];
	size_t len, m = read_as_here(s + k, n - k, a, &len);
	if (m == VP_UTF8_READ_NOTHING)
		return len;
	if (m != 1 || !(is_blank(a[0]) || a[0] == '-'))
		return 0;
	*hyphen = a[0] == '-';
	return len;
}

/* End of the separator between outward and inward code starting at s[j]:
 * up to three blanks with at most one hyphen among them ("LE1 5WW",
 * "LE1-5WW", "LE1 - 5WW"); j itself when there is none. */
static size_t separator_end(const char *s, size_t n, size_t j)
{
	size_t k = j, m;
	int hyphens = 0, hyphen;
	for (int chars = 0; k < n && chars < 3 && (m = separator_at(s, n, k, &hyphen)) &&
	                    !(hyphen && hyphens); chars++) {
		hyphens += hyphen;
		k += m;
	}
	return k;
}

/* Surrounding punctuation/space: any ASCII byte that is not alphanumeric. */
static int is_trim(int c)
{
	return (unsigned char)c < 0x80 && !is_alnum(c);
}

static void put_district(char *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (char)upper((unsigned char)s[i]);
	out[n] = '\0';
}

static void put_full(char *out, const char *outward, size_t n, const char *inward)
{
	put_district(out, outward, n);
	out[n] = ' ';
	out[n + 1] = is_digit(inward[0]) ? inward[0] : '0';
	out[n + 2] = (char)upper((unsigned char)inward[1]);
	out[n + 3] = (char)upper((unsigned char)inward[2]);
	out[n + 4] = '\0';
}

int vp_postcode_parse(const char *s, size_t n, char *district, char *full)
{
	while (n > 0 && is_trim(s[0]))
		s++, n--;
	while (n > 0 && is_trim(s[n - 1]))
		n--;
	if (n == 0)
		return 0;

	/* The outward code is the leading run of alphanumerics. */
	size_t out_len = 0;
	while (out_len < n && is_alnum(s[out_len]))
		out_len++;
	if (out_len == n) {
		if (valid_outward(s, n)) {
			put_district(district, s, n);
			return 1;
		}
		/* Without the space: the inward code is always the last three. */
		if (n >= 5 && valid_outward(s, n - 3) && valid_inward(s + n - 3)) {
			put_district(district, s, n - 3);
			if (full)
				put_full(full, s, n - 3, s + n - 3);
			return 2;
		}
		return 0;
	}
	size_t in_start = separator_end(s, n, out_len);
	if (in_start == out_len || n - in_start != 3 || !valid_outward(s, out_len) ||
	    !valid_inward(s + in_start))
		return 0;
	put_district(district, s, out_len);
	if (full)
		put_full(full, s, out_len, s + in_start);
	return 2;
}

/* Is the character at s[0..n) (not ASCII) read as a letter or digit by
 * vp-redact -- at its end (last) or its start?  The word bounds below
 * must be vp-redact's: a digit of another script ("\u06F2", a full-width
 * 2), a full-width letter or a ligature ("\u0132" is "IJ") continue a
 * word for both, so "LE1 1AB\u0132" is no postcode to either.  Other
 * non-ASCII characters (quotes, accented letters) bound a postcode as
 * punctuation does. */
static int other_alnum(const char *s, size_t n, int last)
{
	char a[4];
	size_t len, m = read_as_here(s, n, a, &len);
	return m > 0 && m != VP_UTF8_READ_NOTHING && is_alnum(a[last ? m - 1 : 0]);
}

/* Does a letter or digit end text[0..i)? */
static int word_before(const char *text, size_t i)
{
	if (is_alnum(text[i - 1]))
		return 1;
	size_t k = i - 1;
	while (k > 0 && i - k < 4 && ((unsigned char)text[k] & 0xC0) == 0x80)
		k--;
	return other_alnum(text + k, i - k, 1);
}

/* Separator + inward code at text[j], word-bounded: returns its end, or 0. */
static size_t inward_end(const char *text, size_t n, size_t j)
{
	j = separator_end(text, n, j);
	if (j + 3 > n || !valid_inward(text + j))
		return 0;
	if (j + 3 < n && (is_alnum(text[j + 3]) || other_alnum(text + j + 3, n - j - 3, 0)))
		return 0;
	return j + 3;
}

/* A full postcode starting exactly at text[i]: returns its end and sets
 * *outward to the length of its outward code, or returns 0. */
static size_t match_at(const char *text, size_t n, size_t i, size_t *outward)
{
	for (size_t out_len = 4; out_len >= 2; out_len--) {
		if (i + out_len > n || !valid_outward(text + i, out_len))
			continue;
		size_t end = inward_end(text, n, i + out_len);
		if (end) {
			*outward = out_len;
			return end;
		}
	}
	return 0;
}

/* vp_postcode_find, also giving the outward code's length. */
static int find(const char *text, size_t n, size_t *start, size_t *end, size_t *outward)
{
	for (size_t i = 0; i < n; i++) {
		if (!is_alpha(text[i]) || (i > 0 && word_before(text, i)))
			continue;
		size_t e = match_at(text, n, i, outward);
		if (e) {
			*start = i;
			*end = e;
			return 1;
		}
	}
	return 0;
}

int vp_postcode_find(const char *text, size_t n, size_t *start, size_t *end)
{
	size_t outward;
	return find(text, n, start, end, &outward);
}

int vp_postcode_reduce(const char *text, size_t n, vp_buf *out)
{
	size_t at = 0, s, e, outward;
	while (at < n && find(text + at, n - at, &s, &e, &outward)) {
		char district[8];
		put_district(district, text + at + s, outward);
		/* The district followed by another inward code ("LE13 0AB 0AB")
		 * would be a full postcode again: drop those too, so that no
		 * full postcode is ever written. */
		size_t more;
		while ((more = inward_end(text + at, n - at, e)))
			e = more;
		if (vp_buf_append(out, text + at, s) < 0 || vp_buf_puts(out, district) < 0)
			return -1;
		at += e;
	}
	return vp_buf_append(out, text + at, n - at);
}
