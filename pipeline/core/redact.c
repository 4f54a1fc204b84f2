/* redact.c - see include/voxpop/redact.h
 *
 * Patterns err on the side of masking: a missed phone number in a published
 * quote costs more than a masked reference number.
 */
#include <string.h>

#include "voxpop/postcode.h"
#include "voxpop/redact.h"

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_alnum(int c)
{
	return is_digit(c) || is_alpha(c);
}

static int is_local(int c)
{
	return is_alnum(c) || (c && strchr("._%+-'", c));
}

static int is_domain(int c)
{
	return is_alnum(c) || c == '-' || c == '.';
}

/* An e-mail address starting at s[i]: its end, or 0. */
static size_t email_at(const char *s, size_t n, size_t i)
{
	if (!is_alnum(s[i]) || (i > 0 && is_local(s[i - 1])))
		return 0;
	size_t j = i;
	while (j < n && is_local(s[j]))
		j++;
	if (j >= n || s[j] != '@' || j == i)
		return 0;
	size_t d = ++j;
	while (j < n && is_domain(s[j]))
		j++;
	while (j > d && (s[j - 1] == '.' || s[j - 1] == '-'))
		j--; /* "mail me at a@b.com." */
	/* the domain needs a dot followed by at least two letters */
	size_t dot = j;
	while (dot > d && s[dot - 1] != '.')
		dot--;
	if (dot <= d + 1 || j - dot < 2)
		return 0;
	for (size_t k = dot; k < j; k++)
		if (!is_alpha(s[k]))
			return 0;
	return j;
}

/* A phone number starting at s[i]: its end, or 0.  UK numbers: 0 and 9 or
 * 10 more digits, or +44 / 0044 and 9 or 10 digits (an optional "(0)");
 * other international numbers: + and 9 to 13 digits.  Digit groups may be
 * separated by one or two of " -.()". */
static size_t phone_at(const char *s, size_t n, size_t i)
{
	if (i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '+'))
		return 0;
	size_t j = i;
	int plus = 0;
	if (s[j] == '+') {
		plus = 1;
		j++;
	} else if (s[j] == '(') {
		j++;
	}
	if (j >= n || !is_digit(s[j]))
		return 0;
	if (!plus && s[j] != '0')
		return 0;
	char digits[24];
	size_t nd = 0, end = 0;
	while (j < n && nd < sizeof digits) {
		if (is_digit(s[j])) {
			digits[nd++] = s[j++];
			end = j;
			continue;
		}
		size_t sep = 0;
		while (j + sep < n && sep < 3 && s[j + sep] && strchr(" -.()", s[j + sep]))
			sep++;
		if (sep == 0 || j + sep >= n || !is_digit(s[j + sep]))
			break;
		j += sep;
	}
	if (end < n && (is_alnum(s[end]) || (s[end] == '.' && end + 1 < n &&
	                                      is_digit(s[end + 1]))))
		return 0;
	if (end < n && s[end] == ')')
		end++; /* "(0116 234 5678)" keeps its bracket balanced */
	size_t national = nd; /* digits after the country code, leading 0 dropped */
	if (plus || (nd > 2 && digits[0] == '0' && digits[1] == '0')) {
		size_t cc = plus ? 0 : 2;
		if (nd >= cc + 2 && digits[cc] == '4' && digits[cc + 1] == '4') {
			national = nd - cc - 2;
			if (national > 0 && digits[cc + 2] == '0') /* +44 (0)116 ... */
				national--;
			return national == 9 || national == 10 ? end : 0;
		}
		national = nd - cc;
		return national >= 9 && national <= 13 ? end : 0;
	}
	national = nd - 1;
	return national == 9 || national == 10 ? end : 0;
}

/* Next full postcode at or after from, word-bounded; sets *ps, *pe or returns 0. */
static int next_postcode(const char *s, size_t n, size_t from, size_t *ps, size_t *pe)
{
	/* never start inside a word: vp_postcode_find treats its start as a boundary */
	while (from > 0 && from < n && is_alnum(s[from - 1]))
		from++;
	if (from >= n || !vp_postcode_find(s + from, n - from, ps, pe))
		return 0;
	*ps += from;
	*pe += from;
	return 1;
}

int vp_redact(const char *text, size_t n, vp_buf *out)
{
	size_t pc_s = 0, pc_e = 0;
	int have_pc = next_postcode(text, n, 0, &pc_s, &pc_e);
	size_t copied = 0, i = 0;
	while (i < n) {
		const char *mask = NULL;
		size_t end = 0;
		if (have_pc && pc_s < i)
			have_pc = next_postcode(text, n, i, &pc_s, &pc_e);
		if ((end = email_at(text, n, i)))
			mask = "[email]";
		else if ((end = phone_at(text, n, i)))
			mask = "[phone]";
		else if (have_pc && pc_s == i)
			end = pc_e, mask = "[postcode]";
		if (!mask) {
			i++;
			continue;
		}
		if (vp_buf_append(out, text + copied, i - copied) != 0 || vp_buf_puts(out, mask) != 0)
			return -1;
		i = copied = end;
	}
	return vp_buf_append(out, text + copied, n - copied);
}
