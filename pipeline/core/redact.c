/* redact.c - see include/voxpop/redact.h
 *
 * A single left-to-right pass.  At every word start the detectors are tried
 * in order (e-mail, NHS number, phone, address, postcode, then the cue words
 * that introduce a name, an id number or a date of birth); the first to
 * match wins and the scan goes on after its span.  Cue detectors return a
 * span that starts after the cue, which stays.
 *
 * Numeric patterns err on the side of masking (a missed phone number in a
 * published quote costs more than a masked reference number); the word
 * patterns need a cue (a title, a family role, "I'm", a street type) so
 * that place and service names ("Glenfield Hospital") are left alone.
 * All tables below are constant (there is no state outside the call) and
 * sorted in strcmp order, for bsearch.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "voxpop/postcode.h"
#include "voxpop/redact.h"

static const struct {
	const char *name, *placeholder, *help;
} types[VP_REDACT_NTYPES] = {
	{"nhs_number", "[NHS number]",
	 "10 digits (943 476 5919, 943-476-5919, 943.476.5919, 943/476/5919, 9434765919) passing the Modulus 11 check"},
	{"phone", "[phone]",
	 "UK phone numbers (07700 900123, (0116) 496 0123, 0116/496/0123, +44 20 7946 0018; after mobile, phone, tel also without the 0: 7700 900123), other +numbers"},
	{"email", "[email]",
	 "e-mail addresses, also spelt out (jane(at)nhs.net, jane dot smith at nhs dot net); URLs stay"},
	{"postcode", "[postcode]",
	 "full UK postcodes (LE1 6EJ, le16ej, LE1-6EJ, LE1.6EJ, with a no-break, thin or zero-width space or a line break); a district alone stays"},
	{"address", "[address]",
	 "house or flat number + street name + street type (12 Gwendolen Road, 12-14 High Street, Flat 3, 22 Bond St); not a surgery's (3 High Street Surgery)"},
	{"name", "[name]",
	 "names after a title or role (Dr, Mrs, Nurse; Drs Patel and Khan), a family role (my son), I'm, my name is, called, a sign-off (Regards,), From: at a line start"},
	{"date_of_birth", "[date of birth]", "a date after DOB, date of birth, birth date, born, birthday"},
	{"id_number", "[id number]",
	 "a number after hospital number, MRN, patient ID, unit number, NHS number (failing the check)"},
};

const char *vp_redact_type_name(int t)
{
	return t >= 0 && t < VP_REDACT_NTYPES ? types[t].name : NULL;
}

const char *vp_redact_placeholder(int t)
{
	return t >= 0 && t < VP_REDACT_NTYPES ? types[t].placeholder : NULL;
}

const char *vp_redact_type_help(int t)
{
	return t >= 0 && t < VP_REDACT_NTYPES ? types[t].help : NULL;
}

int vp_redact_type_parse(const char *name)
{
	for (int t = 0; t < VP_REDACT_NTYPES; t++)
		if (strcmp(name, types[t].name) == 0)
			return t;
	return -1;
}

/* ---- characters ---------------------------------------------------------- */

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

static int is_alpha(int c)
{
	return is_upper(c) || is_lower(c);
}

static int is_alnum(int c)
{
	return is_digit(c) || is_alpha(c);
}

static int lower(int c)
{
	return is_upper(c) ? c - 'A' + 'a' : c;
}

static int is_local(int c)
{
	return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
}

static int is_domain(int c)
{
	return is_alnum(c) || c == '-' || c == '.';
}

/* A right single quote (U+2019) at s[i]: 3, an ASCII apostrophe: 1, else 0. */
static size_t apostrophe(const char *s, size_t n, size_t i)
{
	if (i < n && s[i] == '\'')
		return 1;
	if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
	    (unsigned char)s[i + 2] == 0x99)
		return 3;
	return 0;
}

/* A no-break space (U+00A0), thin space (U+2009) or narrow no-break space
 * (U+202F) at s[i]: its length, else 0. */
static size_t wide_space(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
	if (i + 1 < n && u[i] == 0xC2 && u[i + 1] == 0xA0)
		return 2;
	if (i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] == 0x89 || u[i + 2] == 0xAF))
		return 3;
	return 0;
}

/* One blank between digit groups at s[i]: a space or tab, a wide space, a
 * zero-width space (U+200B) or a line break (\n, \r\n).  Its length, else
 * 0; *brk says whether it was a line break. */
static size_t blank_at(const char *s, size_t n, size_t i, int *brk)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t w;
	*brk = 0;
	if (i >= n)
		return 0;
	if (s[i] == ' ' || s[i] == '\t')
		return 1;
	if ((w = wide_space(s, n, i)))
		return w;
	if (i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x80 && u[i + 2] == 0x8B)
		return 3;
	*brk = 1;
	if (s[i] == '\n')
		return 1;
	if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
		return 2;
	*brk = 0;
	return 0;
}

/* The gap between two digit groups (or postcode halves) from s[i]: up to
 * three blanks, one line break at most -- a number wrapped at the end of a
 * line is still one number, a blank line between two is not.  Its end. */
static size_t gap_end(const char *s, size_t n, size_t i)
{
	int brk, had = 0;
	for (int k = 0; k < 3; k++) {
		size_t g = blank_at(s, n, i, &brk);
		if (!g || (brk && had))
			break;
		had |= brk;
		i += g;
	}
	return i;
}

/* Spaces (ASCII or wide) from s[i]: the end of the run. */
static size_t skip_spaces(const char *s, size_t n, size_t i)
{
	for (;;) {
		size_t w;
		if (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		else if ((w = wide_space(s, n, i)))
			i += w;
		else
			return i;
	}
}

/* End of the ASCII letters from s[i]. */
static size_t letters_end(const char *s, size_t n, size_t i)
{
	while (i < n && is_alpha(s[i]))
		i++;
	return i;
}

/* s[i..e) lowercased into w (size 24); 0 if too long. */
static int lower_word(const char *s, size_t i, size_t e, char *w)
{
	if (e - i >= 24) /* w is always char[24] */
		return 0;
	for (size_t k = i; k < e; k++)
		w[k - i] = (char)lower((unsigned char)s[k]);
	w[e - i] = '\0';
	return 1;
}

/* strcmp, inline: the words compared are short and most differ at once. */
static inline int word_cmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

/* The index of w in the sorted list[0..n), or -1. */
static inline long list_find(const char *w, const char *const *list, size_t n)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = word_cmp(w, list[mid]);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* w in the sorted list? */
static int in_list(const char *w, const char *const *list, size_t n)
{
	return list_find(w, list, n) >= 0;
}

#define IN(w, list) in_list((w), (list), sizeof(list) / sizeof(list)[0])

/* The word at s[i..) (ASCII letters), lowercased, is in list. */
static int word_is(const char *s, size_t n, size_t i, const char *const *list, size_t ln,
                   size_t *end)
{
	char w[24];
	size_t e = letters_end(s, n, i);
	if (e == i || (e < n && is_digit(s[e])) || !lower_word(s, i, e, w) || !in_list(w, list, ln))
		return 0;
	if (end)
		*end = e;
	return 1;
}

#define WORD_IS(s, n, i, list, end) word_is((s), (n), (i), (list), sizeof(list) / sizeof(list)[0], (end))

/* ---- e-mail, phone, NHS number -------------------------------------------- */

/* A non-ASCII character at s[i] that may be part of an address's local
 * part ("josé"): its length, else 0.  Not U+0080..U+00BF (C2: no-break
 * space, Latin-1 punctuation) nor U+2000..U+2FFF (E2: quotes, dashes,
 * spaces, symbols), which end it. */
static size_t local_utf8(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
	if (i >= n || u[i] < 0xC3 || u[i] == 0xE2 || u[i] > 0xF4)
		return 0;
	size_t len = u[i] >= 0xF0 ? 4 : u[i] >= 0xE0 ? 3 : 2;
	if (i + len > n)
		return 0;
	for (size_t k = 1; k < len; k++)
		if ((u[i + k] & 0xC0) != 0x80)
			return 0;
	return len;
}

/* An e-mail address at the word start s[i]: its end, or 0; *start where
 * it begins (before i when accented letters come first: "Émile@").  Only
 * a letter or digit before it means it starts earlier: after a quote,
 * hyphen or dot the scan tries nowhere else ("'john.smith@nhs.net'"). */
/* "(at)", "[at]", "{at}" or "(dot)" ... at s[i], case-insensitive (word:
 * "at" or "dot"): its length, else 0. */
static size_t spelt_at(const char *s, size_t n, size_t i, const char *word)
{
	static const char open[] = "([{", close[] = ")]}";
	size_t len = strlen(word);
	const char *o = i < n && s[i] ? strchr(open, s[i]) : NULL;
	if (!o || i + len + 2 > n || s[i + len + 1] != close[o - open])
		return 0;
	for (size_t k = 0; k < len; k++)
		if (lower((unsigned char)s[i + 1 + k]) != word[k])
			return 0;
	return len + 2;
}

/* The '@' of an address at s[j], as written or spelt out -- '@', "(at)",
 * "[at]", a space either side ("jane @ nhs.net"): its length, 0 if none;
 * *spelt set when not a bare '@'. */
static size_t at_sign(const char *s, size_t n, size_t j, int *spelt)
{
	size_t k = j, m;
	if (k < n && s[k] == ' ')
		k++;
	if (k < n && s[k] == '@')
		m = 1;
	else if (!(m = spelt_at(s, n, k, "at")))
		return 0;
	k += m;
	if (k < n && s[k] == ' ')
		k++;
	*spelt = k - j != 1;
	return k - j;
}

/* The word " at " or " dot " (word: "at", "dot"), any case, at s[j] and a
 * letter or digit after it: its length, else 0. */
static size_t bare_word(const char *s, size_t n, size_t j, const char *word)
{
	size_t len = strlen(word);
	if (j + len + 3 > n || s[j] != ' ' || s[j + len + 1] != ' ' || !is_alnum(s[j + len + 2]))
		return 0;
	for (size_t k = 0; k < len; k++)
		if (lower((unsigned char)s[j + 1 + k]) != word[k])
			return 0;
	return len + 2;
}

/* A dot of a domain spelt out at s[j] -- "(dot)", " [dot] ", with words
 * also " dot " -- followed by a letter or digit: its length, else 0. */
static size_t spelt_dot(const char *s, size_t n, size_t j, int words)
{
	size_t k = j, m;
	if (words && (m = bare_word(s, n, j, "dot")))
		return m;
	if (k < n && s[k] == ' ')
		k++;
	if (!(m = spelt_at(s, n, k, "dot")))
		return 0;
	k += m;
	if (k < n && s[k] == ' ')
		k++;
	return k < n && is_alnum(s[k]) ? k - j : 0;
}

/* Top-level domains an address spelt out must end in ("see you @
 * Glenfield.Thanks" is no address). */
static const char *const spelt_tlds[] = {
	"biz", "co", "com", "edu", "email", "eu", "gov", "ie", "info", "io", "me", "net", "org",
	"uk", "wales",
};

/* The end of an e-mail address's domain from s[d] (after the '@'), or 0;
 * spelt: the '@' was spelt out, and then the domain must end in one of
 * spelt_tlds[]; words: it was the word "at", and " dot " is a dot. */
static size_t email_domain_end(const char *s, size_t n, size_t d, int spelt, int words)
{
	size_t j = d, m, dot = 0, pdot = 0; /* after the last dot, the one before */
	for (;;) {
		if (j < n && is_domain(s[j])) {
			if (s[j] == '.')
				pdot = dot, dot = j + 1;
			j++;
		} else if (j > d && (m = spelt_dot(s, n, j, words))) {
			j += m;
			pdot = dot, dot = j;
			spelt = 1;
		} else {
			break;
		}
	}
	while (j > d && (s[j - 1] == '.' || s[j - 1] == '-'))
		j--; /* "mail me at a@b.com." */
	if (dot > j) /* that dot was cut: the one before it */
		dot = pdot;
	if (dot > j) {
		dot = j;
		while (dot > d && s[dot - 1] != '.')
			dot--;
	}
	/* the domain needs a dot followed by at least two letters */
	if (dot <= d + 1 || j < dot + 2)
		return 0;
	for (size_t k = dot; k < j; k++)
		if (!is_alpha(s[k]))
			return 0;
	char w[24];
	if (spelt && !(lower_word(s, dot, j, w) && IN(w, spelt_tlds)))
		return 0;
	return j;
}

static size_t email_at(const char *s, size_t n, size_t i, size_t *start, size_t *no_at)
{
	/* *no_at: the end of a run of address characters already scanned with
	 * no '@' after it -- a start inside it would find the same (without
	 * this, "a-a-a-...", 1 MB, took minutes: a scan from every hyphen) */
	if (i < *no_at)
		return 0;
	size_t b = i;
	while (b >= 2 && local_utf8(s, n, b - 2) == 2)
		b -= 2;
	if (!is_alnum(s[i]) || (b > 0 && is_alnum(s[b - 1])))
		return 0;
	*start = b;
	size_t j = i, u;
	for (;;) {
		if (j < n && is_local(s[j]))
			j++;
		else if ((u = local_utf8(s, n, j)))
			j += u;
		else
			break;
	}
	int spelt = 0;
	size_t at = at_sign(s, n, j, &spelt);
	if (!at || j == i) {
		*no_at = j;
		return 0;
	}
	/* from here the answer is the same for every start in the run: */
	size_t end = email_domain_end(s, n, j + at, spelt, 0);
	if (!end)
		*no_at = j;
	return end;
}

/* An e-mail address spelt with bare words at the word start s[i] ("jane dot
 * smith at nhs dot net"): its end, or 0.  The part before "at" must hold a
 * " dot ", a '.', '_' or a digit ("I had a look at nhs dot uk" is no
 * address), and the domain end in one of spelt_tlds[].  *memo: no address
 * starts before it (a start inside a run already read finds the same end,
 * or none: one read of each run, "a dot a dot ..." stays linear). */
static size_t words_email_at(const char *s, size_t n, size_t i, size_t *memo)
{
	if (i < *memo || !is_alnum(s[i]) || (i > 0 && is_local(s[i - 1])))
		return 0;
	size_t j = i, m;
	int sep = 0;
	for (;;) {
		while (j < n && is_local(s[j]) && s[j] != '\'') {
			sep |= s[j] == '.' || s[j] == '_' || is_digit(s[j]);
			j++;
		}
		if ((m = bare_word(s, n, j, "dot")) == 0)
			break;
		sep = 1;
		j += m;
	}
	size_t end = 0;
	if (sep && (m = bare_word(s, n, j, "at")))
		end = email_domain_end(s, n, j + m, 1, 1);
	if (!end)
		*memo = j;
	return end;
}

static int is_phone_sep(int c)
{
	return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
}

/* digits[0..nd) read as a phone number (plus: after a '+'): UK numbers 0
 * and 9 or 10 more digits, or +44 / 0044 and 9 or 10 digits (an optional
 * "(0)"); other international numbers: + and 9 to 13 digits. */
static int phone_digits_ok(const char *digits, size_t nd, int plus)
{
	size_t national; /* digits after the country code, leading 0 dropped */
	if (plus || (nd > 2 && digits[0] == '0' && digits[1] == '0')) {
		size_t cc = plus ? 0 : 2;
		if (nd >= cc + 2 && digits[cc] == '4' && digits[cc + 1] == '4') {
			national = nd - cc - 2;
			if (national > 0 && digits[cc + 2] == '0') /* +44 (0)116 ... */
				national--;
			return national == 9 || national == 10;
		}
		national = nd - cc;
		return national >= 9 && national <= 13;
	}
	national = nd - 1;
	return national == 9 || national == 10;
}

/* A phone number starting at s[i]: its end, or 0.  Digit groups may be
 * separated by up to three of " -.()" and blanks (blank_at, one line break
 * at most), or by a single '/' -- then every gap is one and every group
 * three digits or more ("0116/496/0123"; "01/02/2026 10" is a date and a
 * number).  When the digits read on into another number ("0116 496 0123
 * 9am", "07700 900123 15 times") the longest valid number ending at a
 * group boundary is taken, not none.  lead0: the number is written without
 * its leading 0 (after a phone cue: "mobile 7700 900123"), so the digits
 * start with 1, 2, 3 or 7, and a mobile has ten after the 0. */
static size_t phone_at_(const char *s, size_t n, size_t i, int lead0)
{
	if (i >= n) /* a cue at the end: "my mobile is" */
		return 0;
	/* not inside a word or after a sign -- but a '+' or '(' may follow a
	 * word ("call me on x+07700 900123": the number is still personal) */
	if (i > 0 && ((is_alnum(s[i - 1]) && s[i] != '+' && s[i] != '(') || s[i - 1] == '+'))
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
	if (!plus && (lead0 ? !strchr("1237", s[j]) : s[j] != '0'))
		return 0;
	char digits[24];
	size_t nd = 0, ng = 0, gend[sizeof digits], gnd[sizeof digits];
	int slash[sizeof digits]; /* slash[g]: the gap before group g was a '/' */
	if (lead0)
		digits[nd++] = '0';
	while (j < n && nd < sizeof digits) {
		if (is_digit(s[j])) {
			digits[nd++] = s[j++];
			if (j >= n || !is_digit(s[j])) { /* a group ends */
				gend[ng] = j;
				gnd[ng++] = nd;
				if (ng < sizeof digits)
					slash[ng] = 0;
			}
			continue;
		}
		size_t k = j;
		if (s[j] == '/') {
			if (ng == 0 || ng >= sizeof digits || j + 1 >= n || !is_digit(s[j + 1]))
				break;
			slash[ng] = 1;
			j++;
			continue;
		}
		int brk = 0, had = 0;
		for (int units = 0; units < 3 && k < n; units++) {
			size_t g = is_phone_sep(s[k]) ? (brk = 0, 1) : blank_at(s, n, k, &brk);
			if (!g || (brk && had))
				break;
			had |= brk;
			k += g;
		}
		if (k == j || k >= n || !is_digit(s[k]))
			break;
		j = k;
	}
	for (size_t g = ng; g-- > 0;) {
		size_t end = gend[g];
		/* the last group must end the number: not "0116 496 0123abc", "...5.5" */
		if (g == ng - 1 && end < n &&
		    (is_alnum(s[end]) || (s[end] == '.' && end + 1 < n && is_digit(s[end + 1]))))
			continue;
		if (!phone_digits_ok(digits, gnd[g], plus))
			continue;
		if (lead0 && digits[1] == '7' && gnd[g] != 11)
			continue; /* a mobile: 07 and nine more */
		int sl = 0, mixed = 0;
		for (size_t k = 1; k <= g; k++)
			sl |= slash[k], mixed |= !slash[k];
		if (sl) {
			for (size_t k = 0; k <= g && !mixed; k++)
				mixed = gnd[k] - (k ? gnd[k - 1] : 0) < 3;
			if (mixed)
				continue;
		}
		if (end < n && s[end] == ')')
			end++; /* "(0116 234 5678)" keeps its bracket balanced */
		return end;
	}
	return 0;
}

static size_t phone_at(const char *s, size_t n, size_t i)
{
	return phone_at_(s, n, i, 0);
}

/* d[0..10) passes the NHS Modulus 11 check. */
static int nhs_valid(const char *d)
{
	int sum = 0;
	for (int k = 0; k < 9; k++)
		sum += (d[k] - '0') * (10 - k);
	int check = 11 - sum % 11;
	if (check == 11)
		check = 0;
	return check != 10 && check == d[9] - '0';
}

/* Ten digits at s[i] as 3-3-4 or run together, word-bounded: the end,
 * digits in d.  Between the groups the same separator both times: a
 * hyphen, a dot, a slash, or a gap of blanks (gap_end: "943  476  5919", a no-break
 * space, a line break). */
static size_t ten_digits_at(const char *s, size_t n, size_t i, char *d)
{
	if (i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '+'))
		return 0;
	size_t j = i, nd = 0;
	int sep = 0, nsep = 0; /* sep: '-', '.', or ' ' for any gap */
	while (j < n && nd < 10) {
		if (is_digit(s[j])) {
			d[nd++] = s[j++];
			continue;
		}
		if (nd != 3 && nd != 6)
			break;
		size_t g = j + 1;
		int k = s[j];
		if (k != '-' && k != '.' && k != '/') {
			g = gap_end(s, n, j);
			k = ' ';
		}
		if (g == j || g >= n || !is_digit(s[g]))
			break;
		if ((sep && sep != k) || (nd == 6 && !sep))
			return 0;
		sep = k;
		nsep++;
		j = g;
	}
	if (nd != 10 || (j < n && (is_alnum(s[j]) || ((s[j] == '.' || s[j] == ',' || s[j] == '-') &&
	                                              j + 1 < n && is_digit(s[j + 1])))))
		return 0;
	return nsep == 0 || nsep == 2 ? j : 0; /* 3 sep 3 sep 4, or run together */
}

static size_t nhs_at(const char *s, size_t n, size_t i)
{
	char d[10];
	size_t e = ten_digits_at(s, n, i, d);
	return e && d[0] != '0' && nhs_valid(d) ? e : 0;
}

/* ---- postcodes ------------------------------------------------------------ */

/* A full postcode at s[i] with a no-break, thin or zero-width space, a
 * line break or a dot between the halves (vp_postcode_find takes ASCII
 * blanks and a hyphen). */
static size_t postcode_wide_at(const char *s, size_t n, size_t i)
{
	/* an outward code has a digit second or third: most words stop here */
	if (i + 2 >= n || !(is_digit(s[i + 1]) || is_digit(s[i + 2])))
		return 0;
	size_t o = i;
	while (o < n && o - i < 5 && is_alnum(s[o]))
		o++;
	if (o - i < 2 || o - i > 4)
		return 0;
	size_t k = gap_end(s, n, o);
	if (k == o && o < n && s[o] == '.')
		k = o + 1; /* "LE1.1AB" */
	if (k == o || k + 3 > n || (k + 3 < n && is_alnum(s[k + 3])))
		return 0;
	char buf[12], district[16], full[16];
	memcpy(buf, s + i, o - i);
	buf[o - i] = ' ';
	memcpy(buf + (o - i) + 1, s + k, 3);
	return vp_postcode_parse(buf, o - i + 4, district, full) == 2 ? k + 3 : 0;
}

/* ---- dates ---------------------------------------------------------------- */

static const char *const months[] = {
	"apr", "april", "aug", "august", "dec", "december", "feb", "february", "jan",
	"january", "jul", "july", "jun", "june", "mar", "march", "may", "nov",
	"november", "oct", "october", "sep", "sept", "september",
};

/* Digits from s[i], at most max: the end (i if none). */
static size_t digits_end(const char *s, size_t n, size_t i, size_t max)
{
	size_t j = i;
	while (j < n && j - i < max && is_digit(s[j]))
		j++;
	return j;
}

/* A day number with an optional ordinal suffix at s[i]: the end, or 0. */
static size_t day_at(const char *s, size_t n, size_t i)
{
	size_t j = digits_end(s, n, i, 2);
	if (j == i || (j < n && is_digit(s[j])))
		return 0;
	size_t e = letters_end(s, n, j);
	if (e == j + 2) {
		char w[3] = {(char)lower((unsigned char)s[j]), (char)lower((unsigned char)s[j + 1]), 0};
		if (strcmp(w, "st") && strcmp(w, "nd") && strcmp(w, "rd") && strcmp(w, "th"))
			return 0;
		j = e;
	} else if (e != j) {
		return 0;
	}
	return j;
}

/* A month name at s[i] (optional '.'): the end, or 0. */
static size_t month_at(const char *s, size_t n, size_t i)
{
	size_t e;
	if (!WORD_IS(s, n, i, months, &e))
		return 0;
	if (e < n && s[e] == '.')
		e++;
	return e;
}

/* Units of time and distance: "a 40 minute walk" is no address, "3rd May
 * 12 weeks early" no two-digit year. */
static const char *const units[] = {
	"day", "days", "hour", "hours", "hr", "hrs", "km", "mile", "miles", "min", "mins",
	"minute", "minutes", "month", "months", "week", "weeks", "year", "years", "yr", "yrs",
};

/* ", 1948" or " 1948" after a day and month, " '48" (an ASCII or right
 * single quote), or " 48" (no comma, and not "12 weeks"): its end, or e. */
static size_t year_after(const char *s, size_t n, size_t e)
{
	size_t j = e, q;
	if (j < n && s[j] == ',')
		j++;
	j = skip_spaces(s, n, j);
	if (j > e && (q = apostrophe(s, n, j)) != 0) {
		size_t y = digits_end(s, n, j + q, 3);
		return y - j - q == 2 && (y >= n || !is_alnum(s[y])) ? y : e;
	}
	size_t y = digits_end(s, n, j, 4);
	if (y < n && is_alnum(s[y]))
		return e;
	if (y - j == 4)
		return y;
	if (y - j == 2 && j > e && s[e] != ',') {
		size_t k = skip_spaces(s, n, y);
		if (k == y || !WORD_IS(s, n, k, units, NULL))
			return y;
	}
	return e;
}

/* A numeric date at s[i]: 12/03/1956, 4.11.48, 30-09-1975, 12-Mar-1956,
 * 1956-03-12, and with single spaces only with a four-digit year
 * (12 03 1956) -- or, spaced_yy (after a date-of-birth cue, not "born"),
 * with a two-digit one when the day and month are 1-31 and 1-12 ("dob 1 2
 * 56").  Its end, or 0. */
static size_t numeric_date_at(const char *s, size_t n, size_t i, int spaced_yy)
{
	size_t a = digits_end(s, n, i, 4);
	if (a >= n)
		return 0;
	char sep = s[a];
	if (sep != '/' && sep != '.' && sep != '-' && sep != ' ')
		return 0;
	if (a - i == 4) { /* year first: 1956-03-12 */
		size_t b = digits_end(s, n, a + 1, 2), c;
		if (b == a + 1 || b >= n || s[b] != sep || sep == ' ')
			return 0;
		c = digits_end(s, n, b + 1, 2);
		return c > b + 1 && (c >= n || !is_alnum(s[c])) ? c : 0;
	}
	if (a - i > 2)
		return 0;
	size_t b = digits_end(s, n, a + 1, 2);
	if (b == a + 1 && sep != '.' && sep != ' ') /* 12-Mar-1956 */
		b = month_at(s, n, a + 1);
	if (b <= a + 1 || b >= n || s[b] != sep)
		return 0;
	size_t c = digits_end(s, n, b + 1, 4);
	if ((c - b - 1 != 2 && c - b - 1 != 4) || (c < n && is_alnum(s[c])))
		return 0;
	if (sep == ' ' && c - b - 1 != 4) {
		int d = 0, m = 0;
		for (size_t k = i; k < a; k++)
			d = d * 10 + (s[k] - '0');
		for (size_t k = a + 1; k < b; k++)
			m = m * 10 + (s[k] - '0');
		if (!spaced_yy || d < 1 || d > 31 || m < 1 || m > 12)
			return 0;
	}
	return c;
}

/* A date written as digits run together at s[i], word-bounded: ddmmyy,
 * ddmmyyyy or yyyymmdd with a day 1-31, a month 1-12 and a four-digit year
 * 1880-2099 (after a date of birth cue: "dob 01021956").  Its end, or 0. */
static size_t run_date_at(const char *s, size_t n, size_t i)
{
	size_t e = digits_end(s, n, i, 9);
	if ((e - i != 6 && e - i != 8) || (e < n && is_alnum(s[e])))
		return 0;
	int v[8];
	for (size_t k = 0; k < e - i; k++)
		v[k] = s[i + k] - '0';
	int d = v[0] * 10 + v[1], m = v[2] * 10 + v[3];
	if (e - i == 8) {
		int y = v[4] * 1000 + v[5] * 100 + v[6] * 10 + v[7];
		if (y < 1880 || y > 2099) { /* yyyymmdd */
			y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
			m = v[4] * 10 + v[5];
			d = v[6] * 10 + v[7];
			if (y < 1880 || y > 2099)
				return 0;
		}
	}
	return d >= 1 && d <= 31 && m >= 1 && m <= 12 ? e : 0;
}

/* A date at s[i]: numeric_date_at's, 3rd May 1948, 3 of May, May 3rd,
 * 1948.  Its end, or 0. */
static size_t date_at(const char *s, size_t n, size_t i, int spaced_yy)
{
	if (i >= n)
		return 0;
	if (is_digit(s[i])) {
		size_t c = numeric_date_at(s, n, i, spaced_yy);
		if (c)
			return c;
		size_t a = digits_end(s, n, i, 2);
		if (a < n && (s[a] == '/' || s[a] == '.' || s[a] == '-'))
			return 0;
		size_t d = day_at(s, n, i);
		if (!d)
			return 0;
		size_t j = skip_spaces(s, n, d);
		if (j == d)
			return 0;
		size_t of;
		if (j + 3 < n && lower((unsigned char)s[j]) == 'o' && lower((unsigned char)s[j + 1]) == 'f' &&
		    s[j + 2] == ' ')
			of = j + 3;
		else
			of = j;
		size_t m = month_at(s, n, of);
		return m ? year_after(s, n, m) : 0;
	}
	size_t m = month_at(s, n, i);
	if (!m)
		return 0;
	size_t j = skip_spaces(s, n, m);
	size_t d = j > m ? day_at(s, n, j) : 0;
	return d ? year_after(s, n, d) : 0;
}

/* ---- names ---------------------------------------------------------------- */

/* Titles and roles that may come before a name: "Dr Patel", "nurse Kelly". */
static const char *const titles[] = {
	"consultant", "dame", "doctor", "dr", "gp", "hca", "lord", "matron", "midwife", "miss", "mr",
	"mrs", "ms", "mx", "nurse", "paramedic", "pharmacist", "physio", "physiotherapist",
	"practitioner", "prof", "professor", "receptionist", "registrar", "rev", "reverend",
	"sir", "sister", "surgeon", "therapist",
};

int vp_redact_title(const char *w, size_t n)
{
	char low[24];
	return n > 0 && lower_word(w, 0, n, low) && IN(low, titles);
}

/* Titles after which a lowercase word is a name too ("mr smith"). */
static const char *const honorifics[] = {"mr", "mrs", "ms", "mx"};

/* Possessives and family roles: "my son Jack", "our daughter Grace". */
static const char *const possessives[] = {"her", "his", "my", "our", "their", "your"};
static const char *const family[] = {
	"aunt", "auntie", "aunty", "baby", "boy", "boyfriend", "brother", "carer", "child",
	"cousin", "dad", "daddy", "daughter", "father", "fiance", "fiancee", "friend", "girl",
	"girlfriend", "gran", "grandad", "granddad", "granddaughter", "grandfather", "grandma",
	"grandmother", "grandpa", "grandson", "granny", "husband", "mam", "mom", "mother",
	"mum", "mummy", "nan", "nana", "nanna", "neighbor", "neighbour", "nephew", "niece",
	"partner", "sister", "son", "stepdad", "stepdaughter", "stepmum", "stepson", "twin",
	"uncle", "wife",
};
/* One word allowed between the possessive and the role: "my late husband". */
static const char *const family_adj[] = {
	"baby", "dear", "disabled", "elderly", "eldest", "late", "little", "new", "old",
	"older", "oldest", "poor", "step", "twin", "young", "younger", "youngest",
};

/* Nouns for a person before "called" / "named": "a nurse called Sandra". */
static const char *const persons[] = {
	"assistant", "boy", "chap", "consultant", "daughter", "dentist", "doctor", "dr", "friend",
	"gentleman", "girl", "gp", "guy", "hca", "lad", "lady", "man", "manager", "matron",
	"midwife", "nurse", "paramedic", "person", "pharmacist", "physio", "porter",
	"practitioner", "receptionist", "registrar", "sister", "somebody", "someone", "son",
	"student", "surgeon", "therapist", "woman", "worker",
};

/* Titles after which a capitalised word is a name even when it is a word
 * too ("Mrs White", "Dr Still") -- unless a function or role word. */
static const char *const strong_titles[] = {
	"dame", "doctor", "dr", "lord", "miss", "mr", "mrs", "ms", "mx", "prof", "professor",
	"rev", "reverend", "sir",
};
/* Titles after which a place word ends the name as a place: "Sir Robert
 * Peel Hospital", "Sir John Lane" (a school); after others "Lane" and
 * "Ward" are surnames too ("Nurse Sarah Ward"). */
static const char *const peer_titles[] = {"dame", "lord", "sir"};

/* Capitalised words that are not names after a cue ("I'm Deaf", "my mum
 * Was ...") -- but after a strong title they are, unless function words
 * ("Mrs White", not "Dr The").  Case-sensitive. */
static const char *const not_names[] = {
	"A", "African", "Age", "Also", "Always", "An", "And", "Anyway", "Arab", "Are", "As", "Asian",
	"At", "Autistic", "Bangladeshi", "Being", "Black", "Blind", "British", "But",
	"Caribbean", "Chinese", "Christian", "Currently", "Deaf", "Diabetic", "Disabled", "Do",
	"English", "European", "Every", "Finally", "Fine", "For", "From", "Gay", "Gujarati",
	"Had", "Happy", "Has", "He", "Her", "Here", "Hi", "Hindu", "His", "How", "I", "If", "In", "Indian",
	"Irish", "Is", "It", "Its", "Jewish", "Just", "Led", "Lesbian", "Muslim", "My", "No", "Not",
	"Now", "Of", "On", "Or", "Our", "Pakistani", "Please", "Polish", "Pregnant", "Punjabi",
	"Really", "Retired", "Romanian", "Said", "Scottish", "She", "Sikh", "So", "Somali",
	"Sorry", "Still", "Thank", "Thanks", "That", "The", "Their", "Then", "There", "They",
	"This", "To", "Trans", "Type", "Very", "Was", "We", "Well", "Welsh", "Were", "What", "When",
	"White", "Who", "With", "Yes", "You", "Your",
};

/* Role words, services and clinical acronyms (and OK): never a name, after
 * any cue ("Nurse Practitioner", "Consultant Psychiatrist", "my son ADHD
 * assessment", "I'm OK").  Case-sensitive: "Ot", "Ct" may be names. */
static const char *const never_names[] = {
	"A&E", "ADHD", "AE", "ASD", "Advanced", "Anaesthetist", "Assistant", "CAMHS", "COPD",
	"CPN", "CT", "Cardiologist", "Clinical", "Community", "Consultant", "Counsellor",
	"Dentist", "Dietician", "Dietitian", "District", "Doctor", "ECG", "ED", "GP", "HDU",
	"Health", "IBS", "ICU", "ITU", "MRI", "Manager", "Mental", "Midwife", "NHS", "NICU",
	"Neurologist", "Nurse", "OCD", "OK", "OT", "Obstetrician", "Occupational", "PTSD",
	"Paediatrician", "Paramedic", "Pharmacist", "Physio", "Physiotherapist", "Podiatrist",
	"Practice", "Practitioner", "Practitioners", "Psychiatric", "Psychiatrist",
	"Psychologist", "Radiographer", "Receptionist", "Registrar", "SCBU", "Sonographer",
	"Specialist", "Support", "Surgeon", "Therapist", "UK", "UTI", "Visitor", "Worker",
};

/* Lowercase words that are not names after "mr", "my name is"; and the
 * words of not_names[] that stay no name even after a strong title. */
static const char *const function_words[] = {
	"a", "also", "always", "an", "and", "anyway", "are", "as", "at", "being", "but", "by",
	"currently", "did", "do", "every", "finally", "for", "from", "had", "has", "have", "he",
	"her", "here", "hi", "his", "how", "i", "if", "in", "is", "it", "its", "just", "my", "no",
	"not", "now", "of", "on", "or", "our", "please", "really", "said", "she", "so", "sorry",
	"thank", "thanks", "that", "the", "their", "then", "there", "they", "this", "to", "told",
	"very", "was", "we", "well", "were", "what", "when", "who", "with", "yes", "you", "your",
};

/* Lowercase particles inside a surname: "Dr de Souza", "van der Berg". */
static const char *const particles[] = {
	"al", "ap", "bin", "binti", "da", "das", "de", "del", "della", "den", "der", "di", "dos",
	"du", "el", "ferch", "la", "le", "mac", "ten", "ter", "van", "verch", "von",
};

/* After a name, words that make it a place, service or publication:
 * "Dr Foster's report", "Sir Robert Peel Hospital". */
static const char *const publications[] = {
	"award", "awards", "guide", "intelligence", "league", "rating", "ratings", "report",
	"reports", "review",
};
static const char *const places[] = {
	"Building", "Center", "Centre", "Clinic", "College", "Court", "Foundation", "Health",
	"Hospice", "Hospital", "House", "Institute", "Lane", "Medical", "Practice", "Road",
	"School", "Street", "Suite", "Surgery", "Trust", "Unit", "Ward", "Wing",
};
/* Places that are surnames too: a place only after sir, dame, lord. */
static const char *const surname_places[] = {"Court", "House", "Lane", "Road", "Street", "Ward"};

/* How a name is read (name_at's how). */
enum {
	NM_LOWER = 1,  /* the first word may be lowercase ("mr smith", "my name is jane") */
	NM_LOWER2 = 2, /* and the second ("my name is jane smith") */
	NM_STRONG = 4, /* after a strong title: words of not_names[] may be names */
	NM_PEER = 8,   /* after sir, dame, lord: surname_places[] make a place */
	NM_ABBR = 32,  /* after Dr, Mr, Mrs, Ms, Mx, Miss, Prof, Rev, Sir, Dame, Lord */
	NM_CAPS = 16,  /* the comment is written in capitals (caps_name_at) */
	NM_AND = 64,   /* in capitals, the cue comes after AND or & ("JONES AND NURSE
	                * KELLY WERE"): a plural verb may follow the name */
};

/* An upper-case Latin letter of U+00C0..U+017F at s[i] ("Ö", "Ł"): 2, else 0. */
static size_t utf8_upper(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
	if (i + 1 >= n || u[i] < 0xC3 || u[i] > 0xC5 || (u[i + 1] & 0xC0) != 0x80)
		return 0;
	unsigned cp = (unsigned)(u[i] & 0x1F) << 6 | (u[i + 1] & 0x3F);
	if (cp < 0x100) /* Latin-1: À..Þ but not × */
		return cp >= 0xC0 && cp <= 0xDE && cp != 0xD7 ? 2 : 0;
	/* Extended-A pairs: upper first (even) to U+0137, then odd to U+0148,
	 * even again to U+0177, then Ÿ and odd to U+017E */
	if (cp <= 0x137 || (cp >= 0x14A && cp <= 0x177))
		return cp % 2 == 0 ? 2 : 0;
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
		return cp % 2 == 1 ? 2 : 0;
	return cp == 0x178 ? 2 : 0;
}

/* w (ASCII) lowercased is a function word. */
static int is_function_word(const char *w)
{
	char l[24];
	size_t len = strlen(w);
	return len < sizeof l && lower_word(w, 0, len, l) && IN(l, function_words);
}

/* A name word at s[i]: a capital (or, with NM_LOWER, any letter) then
 * letters, inner apostrophes and hyphens, Latin letters beyond ASCII.  Its
 * end (not counting a possessive 's), *poss set if one follows; 0 if none. */
static size_t name_word_at(const char *s, size_t n, size_t i, unsigned how, int *poss)
{
	*poss = 0;
	size_t j, u;
	if (i < n && (is_upper(s[i]) || ((how & NM_LOWER) && is_lower(s[i]))))
		j = i + 1;
	else if ((u = utf8_upper(s, n, i)))
		j = i + u;
	else
		return 0;
	for (;;) {
		unsigned char c = j < n ? (unsigned char)s[j] : 0;
		size_t a;
		if (is_alpha(c)) {
			j++;
		} else if (c >= 0xC3 && c <= 0xC5 && j + 1 < n &&
		           ((unsigned char)s[j + 1] & 0xC0) == 0x80) {
			j += 2; /* Latin-1 supplement / Extended-A letter */
		} else if ((a = apostrophe(s, n, j)) && j + a < n && is_alpha(s[j + a])) {
			size_t e = letters_end(s, n, j + a);
			if (e == j + a + 1 && lower((unsigned char)s[j + a]) == 's') {
				*poss = 1; /* Patel's */
				break;
			}
			j += a;
		} else if (c == '-' && j + 1 < n && is_alpha(s[j + 1])) {
			j++;
		} else {
			break;
		}
	}
	if (j - i < 2 || (j < n && is_digit(s[j])))
		return 0;
	/* "Jane.Doe@nhs.net", "Patel@nhs.net": an e-mail address, not a name */
	size_t at = j;
	while (at < n && is_local(s[at]))
		at++;
	if (at < n && s[at] == '@')
		return 0;
	char w[24];
	if (j - i < sizeof w) {
		memcpy(w, s + i, j - i);
		w[j - i] = '\0';
		if (IN(w, never_names))
			return 0;
		if (IN(w, not_names) && (!(how & NM_STRONG) || is_function_word(w)))
			return 0;
		if ((how & NM_LOWER) && is_lower(s[i]) && IN(w, function_words))
			return 0;
	}
	return j;
}

/* A name word at s[i] after up to two lowercase surname particles ("de
 * Souza", "van der Berg"; then the word must be capitalised): its end. */
static size_t name_part_at(const char *s, size_t n, size_t i, unsigned how, int *poss)
{
	size_t j = i, e;
	for (int k = 0; k < 2 && j < n && is_lower(s[j]); k++) {
		if (!WORD_IS(s, n, j, particles, &e) || e >= n || s[e] != ' ')
			break;
		j = e + 1;
	}
	if (j > i && (e = name_word_at(s, n, j, how & ~NM_LOWER, poss)))
		return e;
	return name_word_at(s, n, i, how, poss);
}

/* The end of the all-capitals word at s[i] (two letters or more), or 0. */
static size_t caps_word_at(const char *s, size_t n, size_t i)
{
	size_t j = i;
	while (j < n && is_upper(s[j]))
		j++;
	return j - i >= 2 && (j >= n || !is_alnum(s[j])) ? j : 0;
}

/* Common nouns that follow a cue in a comment in capitals without a
 * possessive's 's ("MY DAUGHTER APPOINTMENT WAS CANCELLED"): no name. */
static const char *const caps_nouns[] = {
	"ambulance", "appointment", "appointments", "assessment", "bed", "blood", "bloods",
	"care", "check", "chemo", "chemotherapy", "condition", "dementia", "diagnosis",
	"dialysis", "discharge", "dressing", "dressings", "infusion", "injection", "injections",
	"insulin", "letter", "letters", "medication", "medicine", "medicines", "notes",
	"operation", "pain", "physiotherapy", "prescription", "procedure", "radiotherapy",
	"records", "referral", "rehab", "results", "room", "scan", "scans", "shift", "staff",
	"surgery", "tablets", "team", "test", "tests", "therapy", "transfusion", "transport",
	"treatment", "visit", "visits", "waiting", "wheelchair", "xray",
};

/* The all-capitals word s[i..e) (e - i < 24) is a place or service word
 * ("SURGERY"; "WARD", "LANE" only after SIR, DAME, LORD). */
static int caps_place(const char *s, size_t i, size_t e, unsigned how)
{
	char w[24];
	w[0] = s[i];
	for (size_t k = 1; k < e - i; k++)
		w[k] = (char)lower((unsigned char)s[i + k]);
	w[e - i] = '\0';
	return IN(w, places) && ((how & NM_PEER) || !IN(w, surname_places));
}

/* The all-capitals word s[i..e) (e - i < 24) is a word no name is: a
 * function word, a common noun of caps_nouns[], a role word, acronym,
 * place or service word ("GP SURGERY", "NURSE MANAGER"; "WARD", "LANE" only
 * after SIR, DAME, LORD), or a word of not_names[] unless after a strong
 * title ("MRS WHITE"). */
static int caps_no_name(const char *s, size_t i, size_t e, unsigned how)
{
	char w[24];
	if (!lower_word(s, i, e, w) || IN(w, function_words) || IN(w, caps_nouns))
		return 1;
	memcpy(w, s + i, e - i); /* the tables are case-sensitive: "ADHD", then "Manager" */
	w[e - i] = '\0';
	if (IN(w, never_names))
		return 1;
	for (size_t k = 1; k < e - i; k++)
		w[k] = (char)lower((unsigned char)w[k]);
	return IN(w, never_names) || caps_place(s, i, e, how) ||
	       (IN(w, not_names) && !(how & NM_STRONG));
}

/* A cue after the word "and" or "&" at s[i]: a title ("AND NURSE"), a
 * family role, with its possessive or not ("AND (MY) DAUGHTER"). */
static int and_cue_at(const char *s, size_t n, size_t i)
{
	size_t j;
	static const char *const and[] = {"and"};
	if (i < n && s[i] == '&')
		j = i + 1;
	else if (!WORD_IS(s, n, i, and, &j))
		return 0;
	size_t k = skip_spaces(s, n, j);
	if (k == j)
		return 0;
	if (WORD_IS(s, n, k, titles, NULL) || WORD_IS(s, n, k, family, NULL))
		return 1;
	if (!WORD_IS(s, n, k, possessives, &j) || (k = skip_spaces(s, n, j)) == j)
		return 0;
	return WORD_IS(s, n, k, family, NULL);
}

/* In a comment written in capitals every word looks like a name: an
 * all-capitals name after a cue is one to three words (not function
 * words, nor caps_no_name's) followed by a singular verb or WHO ("MY SON
 * JACK WAS ILL", "DR RAJ PATEL SAID"), by 's ("DR PATEL'S"), by AND and
 * another cue ("SISTER JONES AND NURSE KELLY"), by a plural verb when the
 * cue came after AND (NM_AND: "... AND NURSE KELLY WERE"), or one word at
 * the end of a clause ("NURSE KELLY.") -- after "my name is" (NM_LOWER2)
 * two, and before a function word too ("MY NAME IS JANE SMITH AND I").
 * Its end, or 0. */
static size_t caps_name_at(const char *s, size_t n, size_t i, unsigned how)
{
	/* singular verbs and common past tenses a person's name comes before */
	static const char *const verbs[] = {
		"brought", "came", "could", "did", "does", "felt", "gave", "got", "had", "has",
		"is", "kept", "knew", "left", "made", "rang", "said", "saw", "seemed", "sent",
		"spoke", "took", "told", "was", "went", "who", "will", "would",
	};
	static const char *const plural[] = {"are", "were"};
	/* after DR, MR, MRS ... (NM_ABBR) a word is a name whatever follows it:
	 * no ordinary word comes after them ("DR PATEL SEEMED RUDE") */
	size_t j = i, first = 0;
	for (int k = 1; k <= 3; k++) {
		size_t e = caps_word_at(s, n, j);
		char w[24];
		if (!e || e - j >= sizeof w || caps_no_name(s, j, e, how))
			/* "SIR ROBERT PEEL HOSPITAL": a place */
			return e && k > 1 && e - j < sizeof w && caps_place(s, j, e, how) ? 0 : first;
		if (k == 1 && (how & NM_ABBR))
			first = e;
		if (e >= n || strchr(",.!?;:)\n\r", s[e]))
			return k == 1 || (k == 2 && (how & NM_LOWER2)) ? e : first;
		size_t a = apostrophe(s, n, e);
		if (a && e + a < n && lower((unsigned char)s[e + a]) == 's' &&
		    (e + a + 1 >= n || !is_alnum(s[e + a + 1])))
			return e; /* "DR PATEL'S CLINIC" */
		size_t v = skip_spaces(s, n, e);
		if (v == e)
			return first;
		if (and_cue_at(s, n, v))
			return e; /* "SISTER JONES AND NURSE KELLY" */
		size_t ve = caps_word_at(s, n, v);
		if (ve && lower_word(s, v, ve, w) &&
		    (IN(w, verbs) || (ve - v >= 5 && w[ve - v - 2] == 'e' && w[ve - v - 1] == 'd') ||
		     ((how & NM_AND) && IN(w, plural)) ||
		     ((((how & NM_LOWER2) && k <= 2) || (how & NM_ABBR)) && IN(w, function_words))))
			return e; /* "GRACE NEEDED HELP", "MY NAME IS JANE SMITH AND", "DR RAJ
			           * PATEL TODAY AND" (a word too many rather than a surname) */
		j = v;
	}
	return first;
}

/* After a place word ending at s[e], a role word ("Practice Manager",
 * "Surgery Receptionist"): the place is the person's job, not the name's. */
static int role_after(const char *s, size_t n, size_t e)
{
	size_t r = skip_spaces(s, n, e), re = letters_end(s, n, r);
	char w[24];
	if (r == e || re == r || re - r >= sizeof w)
		return 0;
	memcpy(w, s + r, re - r);
	w[re - r] = '\0';
	return IN(w, never_names);
}

/* Up to three name words from s[i] (how: NM_*): the end of the name, or 0;
 * a name followed by a place or publication word is not a person's. */
static size_t name_at(const char *s, size_t n, size_t i, unsigned how)
{
	if ((how & NM_CAPS) && caps_word_at(s, n, i))
		return caps_name_at(s, n, i, how);
	int poss = 0;
	size_t e = name_part_at(s, n, i, how, &poss);
	if (!e)
		return 0;
	for (int k = 1; k < 3 && !poss && e + 1 < n && s[e] == ' '; k++) {
		unsigned next = (how & ~(NM_LOWER | NM_LOWER2)) | (k == 1 && (how & NM_LOWER2) ? NM_LOWER : 0);
		size_t f = name_part_at(s, n, e + 1, next, &poss);
		if (!f)
			break;
		char w[24];
		if (f - e - 1 < sizeof w) {
			memcpy(w, s + e + 1, f - e - 1);
			w[f - e - 1] = '\0';
			if (IN(w, places) && ((how & NM_PEER) || !IN(w, surname_places))) {
				if (role_after(s, n, f))
					break; /* "Dr Patel Surgery Manager" */
				return 0; /* "Sir Robert Peel Hospital" */
			}
		}
		/* a title word ends the name: "Sister Jones Nurse Kelly" */
		if (WORD_IS(s, n, e + 1, titles, NULL) && is_upper(s[e + 1]) && f == letters_end(s, n, e + 1))
			break;
		e = f;
	}
	size_t j = e;
	if (poss)
		j += apostrophe(s, n, j) + 1;
	j = skip_spaces(s, n, j);
	if (j > e || poss) {
		size_t we = letters_end(s, n, j);
		char w[24];
		/* "the Dr Foster report" is a publication; "Dr Patel's report"
		 * is a person's */
		if (!poss && we > j && lower_word(s, j, we, w) && IN(w, publications))
			return 0;
		if (we > j && we - j < sizeof w) {
			memcpy(w, s + j, we - j);
			w[we - j] = '\0';
			if (IN(w, places) && !role_after(s, n, we))
				return 0;
		}
	}
	return e;
}

/* The word before s[i] (skipping spaces and one comma): its start, *e its end. */
static int prev_word(const char *s, size_t i, size_t *b, size_t *e)
{
	size_t j = i;
	while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == ','))
		j--;
	size_t k = j;
	while (k > 0 && is_alpha(s[k - 1]))
		k--;
	if (k == j)
		return 0;
	*b = k;
	*e = j;
	return 1;
}

static int prev_word_is(const char *s, size_t n, size_t i, const char *const *list, size_t ln,
                        size_t *b)
{
	size_t e;
	return prev_word(s, i, b, &e) && e <= n && word_is(s, e, *b, list, ln, NULL);
}

/* Initials from s[i] ("A ", "J. ", "J.", two at most) before a word: the
 * start of that word, or i. */
static size_t initials_end(const char *s, size_t n, size_t i)
{
	size_t j = i;
	for (int k = 0; k < 2 && j + 1 < n && is_upper(s[j]); k++) {
		size_t e = j + 1;
		if (s[e] == '.')
			e++;
		if (e < n && s[e] == ' ')
			e++;
		if (e == j + 1 || e >= n || !is_alpha(s[e]))
			break;
		j = e;
	}
	return j;
}

/* The name after a title, the title s[..e) (w: lowercased): the name's
 * span in *ns, its end returned; 0 if none.  Right after the title a
 * comma or bracket may come between ("the receptionist, Karen, was",
 * "the receptionist (Karen)") when it closes after the name. */
static size_t after_title(const char *s, size_t n, size_t e, const char *w, unsigned caps,
                          size_t *ns)
{
	char w2[24];
	char close = 0;
	for (int k = 0; k < 3; k++) {
		/* "Dr. Lee", but "the doctor. Online booking" ends a sentence */
		static const char *const abbrevs[] = {"dr", "mr", "mrs", "ms", "mx", "prof", "rev"};
		int dot = 0;
		if (e < n && s[e] == '.' && IN(w, abbrevs))
			e++, dot = 1;
		else if (k == 0 && e < n && s[e] == ',')
			close = s[e++];
		size_t j = skip_spaces(s, n, e);
		if (k == 0 && !close && j < n && s[j] == '(') {
			close = ')';
			e = j = j + 1;
		} else if ((j == e && !(dot && j < n && is_upper(s[j]))) || j - e > 4) {
			return 0; /* but "Dr.Patel" */
		}
		/* role words in a row: "Nurse practitioner Julie", "consultant Mr Khan" */
		size_t t;
		if (WORD_IS(s, n, j, titles, &t)) {
			lower_word(s, j, t, w2);
			w = w2;
			e = t;
			continue;
		}
		static const char *const name_titles[] = {"dame", "dr", "lord", "miss", "mr", "mrs",
		                                          "ms", "mx", "prof", "rev", "sir"};
		unsigned how = (IN(w, honorifics) ? NM_LOWER : 0) | (IN(w, strong_titles) ? NM_STRONG : 0) |
		               (IN(w, peer_titles) ? NM_PEER : 0) | (IN(w, name_titles) ? NM_ABBR : 0) |
		               caps;
		size_t end = 0, i0 = initials_end(s, n, j);
		if (i0 > j) /* "Dr A Patel", "Mr J. Smith" */
			end = name_at(s, n, i0, how & ~NM_LOWER);
		if (!end)
			end = name_at(s, n, j, how);
		if (!end || (close && (end >= n || s[end] != close)))
			return 0;
		*ns = j;
		return end;
	}
	return 0;
}

/* Organisation, service and place words: a "name" holding one after a
 * sign-off, "From:" or a plural title is no person's ("Regards,
 * Healthwatch", "Kind regards, Patient Experience Team", "Nurses
 * Station").  Lowercase; places[] count too.  Only the name's own words:
 * one after it may be a role ("Regards, Jane Smith Practice Manager"). */
static const char *const org_words[] = {
	"association", "bay", "board", "ccg", "centre", "charity", "clinic", "committee",
	"council", "department", "desk", "forum", "group", "healthwatch", "home", "icb",
	"infirmary", "network", "office", "pals", "partnership", "pharmacy", "practice", "room",
	"service", "services", "society", "station", "surgery", "team", "trust", "unit",
};

/* The word at s[j] is an organisation word or a place word (not one that
 * is a surname too: "Jane Lane"); *we its end. */
static int org_word_at(const char *s, size_t n, size_t j, size_t *we)
{
	char w[24];
	*we = letters_end(s, n, j);
	if (*we == j || !lower_word(s, j, *we, w))
		return 0;
	if (IN(w, org_words))
		return 1;
	w[0] = (char)(w[0] - 'a' + 'A');
	return IN(w, places) && !IN(w, surname_places);
}

/* A word of s[i..e) is an organisation or place word. */
static int org_words_in(const char *s, size_t n, size_t i, size_t e)
{
	size_t j = i, we;
	while (j < e) {
		if (!is_alpha(s[j])) {
			j++;
			continue;
		}
		if (org_word_at(s, n, j, &we))
			return 1;
		j = we;
	}
	return 0;
}

/* ---- addresses ------------------------------------------------------------ */

static const char *const street_types[] = {
	"ave", "avenue", "boulevard", "chase", "close", "court", "crescent", "croft", "drive",
	"gardens", "gate", "green", "grove", "hill", "lane", "mews", "parade", "place", "rd",
	"rise", "road", "row", "square", "st", "street", "terrace", "vale", "view", "walk",
	"way", "yard",
};

/* A capitalised word at s[i] (letters, inner apostrophes and hyphens): its end, or 0. */
static size_t cap_word_at(const char *s, size_t n, size_t i)
{
	if (i >= n || !is_upper(s[i]))
		return 0;
	size_t j = i + 1, a;
	for (;;) {
		if (j < n && is_alpha(s[j]))
			j++;
		else if ((a = apostrophe(s, n, j)) && j + a < n && is_alpha(s[j + a]))
			j += a;
		else if (j + 1 < n && s[j] == '-' && is_alpha(s[j + 1]))
			j++;
		else
			break;
	}
	return j < n && is_digit(s[j]) ? 0 : j;
}

/* After a street address, words that make it the name of a surgery,
 * practice, health centre or pharmacy ("3 High Street Surgery", "40 London
 * Road Health Centre"): a public place, not a home address. */
static const char *const practice_words[] = {
	"clinic", "dental", "dentist", "dentists", "health", "hospice", "hospital", "medical",
	"pharmacy", "practice", "surgery",
};

/* A street address at s[i]: house number (12, 5a; a comma may follow) and
 * one to three capitalised words ("St." among them), the last of which
 * (not the first) is a street type: the end, or 0.  Two street types in a
 * row are both taken ("Court Road").  A number and a unit is a distance or
 * a time ("a 40 MINUTE WALK", "24 Hour Walk In Centre"), and "Walk In" no
 * street. */
static size_t address_at(const char *s, size_t n, size_t i)
{
	if (i > 0 && is_alnum(s[i - 1]))
		return 0;
	size_t j = digits_end(s, n, i, 4);
	if (j == i)
		return 0;
	if (j < n && is_alpha(s[j]) && (j + 1 >= n || !is_alnum(s[j + 1])))
		j++;
	if (j + 1 < n && s[j] == '-' && is_digit(s[j + 1])) { /* a range: "12-14", "3a-5b" */
		size_t k = digits_end(s, n, j + 1, 4);
		if (k < n && is_alpha(s[k]) && (k + 1 >= n || !is_alnum(s[k + 1])))
			k++;
		j = k;
	}
	if (j < n && s[j] == ',')
		j++;
	if (j >= n || s[j] != ' ')
		return 0;
	j++;
	if (WORD_IS(s, n, j, units, NULL))
		return 0;
	static const char *const saint[] = {"st"};
	for (int words = 0; words < 4; words++) {
		size_t e = cap_word_at(s, n, j);
		if (!e)
			return 0;
		size_t te;
		if (words > 0 && WORD_IS(s, n, j, street_types, &te) && te == e &&
		    !(e + 3 <= n && s[e] == ' ' && lower((unsigned char)s[e + 1]) == 'i' &&
		      lower((unsigned char)s[e + 2]) == 'n' && (e + 3 == n || !is_alnum(s[e + 3])))) {
			size_t k = e + 1;
			if (e + 1 < n && s[e] == ' ' && (te = cap_word_at(s, n, k)) &&
			    WORD_IS(s, n, k, street_types, &k) && k == te)
				e = te;
			if (e < n && s[e] == '.' && e - j <= 3)
				e++; /* Rd. */
			/* "3 High Street Surgery": a practice named by its address */
			if (e + 1 < n && s[e] == ' ' && (te = cap_word_at(s, n, e + 1)) &&
			    WORD_IS(s, n, e + 1, practice_words, &k) && k == te)
				return 0;
			return e;
		}
		if (e < n && s[e] == '.' && WORD_IS(s, n, j, saint, &te) && te == e)
			e++; /* "12 St. Mary's Road" */
		if (e >= n || s[e] != ' ')
			return 0;
		j = e + 1;
	}
	return 0;
}

/* ---- cue words ------------------------------------------------------------ */

enum {
	CUE_NONE, CUE_TITLE, CUE_POSS, CUE_I, CUE_IM, CUE_NAME, CUE_CALLED, CUE_ID, CUE_IDNUM,
	CUE_DOB, CUE_DATE, CUE_BORN, CUE_D, CUE_FLAT, CUE_BIRTH, CUE_SIGN, CUE_FROM, CUE_TITLES,
	CUE_PHONE
};

/* cue_words[k] is a cue of kind cue_kinds[k]. */
static const char *const cue_words[] = {
	"and", "apartment", "apt", "birth", "birthdate", "birthday", "born", "called", "chi",
	"d", "date", "dob", "doctors", "drs", "faithfully", "flat", "from", "hospital", "i",
	"im", "landline", "messrs", "midwives", "mobile", "mrn", "name", "named", "nhs",
	"nurses", "patient", "phone", "profs", "regards", "signed", "sincerely", "tel",
	"telephone", "unit",
};
/* "and" is a possessive's kind: "my son Jack and daughter Grace" */
static const unsigned char cue_kinds[] = {
	CUE_POSS, CUE_FLAT, CUE_FLAT, CUE_BIRTH, CUE_BORN, CUE_BORN, CUE_BORN, CUE_CALLED,
	CUE_IDNUM, CUE_D, CUE_DATE, CUE_DOB, CUE_TITLES, CUE_TITLES, CUE_SIGN, CUE_FLAT,
	CUE_FROM, CUE_IDNUM, CUE_I, CUE_IM, CUE_PHONE, CUE_TITLES, CUE_TITLES, CUE_PHONE,
	CUE_ID, CUE_NAME, CUE_CALLED, CUE_IDNUM, CUE_TITLES, CUE_IDNUM, CUE_PHONE, CUE_TITLES,
	CUE_SIGN, CUE_SIGN, CUE_SIGN, CUE_PHONE, CUE_PHONE, CUE_IDNUM,
};
_Static_assert(sizeof cue_words / sizeof cue_words[0] == sizeof cue_kinds,
               "one kind per cue word");

/* For each first letter a-z, bit k set: some word of cue_words[], titles[] or
 * possessives[] with that letter has k letters (all have 1 to 15).  A word
 * outside this mask is no cue, whatever the tables say, so keep it in step
 * with them (test_redact's cue-word test fails when a word is left out).
 * Most words of a comment stop here, before any table lookup. */
static const unsigned short cue_lengths[26] = {
	0x0208, 0x0330, 0x0448, 0x00de, 0x0000, 0x0410, 0x0004, 0x0108, 0x0006,
	0x0000, 0x0000, 0x0110, 0x01dc, 0x0078, 0x0008, 0x96f0, 0x0000, 0x1388,
	0x02c8, 0x0228, 0x0010, 0x0000, 0x0000, 0x0000, 0x0010, 0x0000,
};

/* w (lowercase ASCII letters, len of them) might be a cue word. */
static int maybe_cue(const char *w, size_t len)
{
	unsigned f = (unsigned char)w[0] - 'a';
	return f < 26 && len < 16 && (cue_lengths[f] >> len & 1);
}

static int cue_kind(const char *w)
{
	long k = list_find(w, cue_words, sizeof cue_words / sizeof cue_words[0]);
	if (k >= 0)
		return cue_kinds[k];
	if (IN(w, titles))
		return CUE_TITLE;
	if (IN(w, possessives))
		return CUE_POSS;
	return CUE_NONE;
}

/* Separators between a cue and its value: spaces, ':', '#', '-', '.', '=',
 * '(', ',', and
 * "is", "was", "on", "of", "the": the start of the value. */
static size_t skip_cue_sep(const char *s, size_t n, size_t j)
{
	for (int k = 0; k < 6; k++) {
		size_t o = j;
		j = skip_spaces(s, n, j);
		if (j < n && (s[j] == ':' || s[j] == '#' || s[j] == '-' || s[j] == '.' || s[j] == '=' ||
		              s[j] == '(' || s[j] == ','))
			j++;
		j = skip_spaces(s, n, j);
		size_t e = letters_end(s, n, j);
		char w[24];
		if (e > j && e < n && !is_alnum(s[e]) && lower_word(s, j, e, w) &&
		    (!strcmp(w, "is") || !strcmp(w, "was") || !strcmp(w, "on") || !strcmp(w, "of") ||
		     !strcmp(w, "the")))
			j = e;
		if (j == o)
			break;
	}
	return j;
}

/* An id value at s[i]: groups of letters and digits joined by single
 * spaces, hyphens or slashes, the first holding a digit, later ones all
 * digits; at least 4 digits.  Its end, or 0. */
static size_t id_value_at(const char *s, size_t n, size_t i)
{
	size_t j = i, end = 0, nd = 0;
	int group = 0;
	while (j < n) {
		size_t g = j, gd = 0;
		while (j < n && is_alnum(s[j])) {
			gd += is_digit(s[j]);
			j++;
		}
		if (j == g || gd == 0 || (group > 0 && gd != j - g) || j - g > 16)
			break;
		nd += gd;
		end = j;
		group++;
		if (j + 1 < n && (s[j] == ' ' || s[j] == '-' || s[j] == '/') && is_digit(s[j + 1]))
			j++;
		else
			break;
	}
	return nd >= 4 && end && (end >= n || !is_alnum(s[end])) ? end : 0;
}

/* A detection: type and span. */
struct hit {
	int type;
	size_t start, end;
};

/* What one comment's scan remembers (redact_view's; all zero but caps). */
struct scan {
	int caps;        /* caps_of's memo, -1 until worked out */
	size_t no_at;    /* email_at's */
	size_t no_words; /* words_email_at's: no address starts before this */
	size_t list_end; /* a plural title's names ("Drs Patel and Khan") run to here */
	unsigned list_how; /* and are read so (name_at's how) */
};

/* NM_CAPS when the comment s[0..n) is written in capitals (80% of 12
 * letters or more), else 0: worked out when a name cue first needs it,
 * once per comment (*memo is -1 until then).  The letters of a
 * placeholder ("[name]") do not count: a second run must see the comment
 * the first one saw. */
static unsigned caps_of(const char *s, size_t n, int *memo)
{
	if (*memo < 0) {
		size_t up = 0, low = 0;
		int in_ph = 0;
		for (size_t i = 0; i < n; i++) {
			if (s[i] == '[')
				in_ph = 1;
			else if (s[i] == ']')
				in_ph = 0;
			else if (!in_ph) {
				up += is_upper(s[i]);
				low += is_lower(s[i]);
			}
		}
		*memo = up + low >= 12 && up * 5 >= (up + low) * 4 ? NM_CAPS : 0;
	}
	return (unsigned)*memo;
}

/* NM_CAPS when the cue word s[i..e) is itself in capitals -- two letters
 * or more, or "I" before a word in capitals ("I AM") -- in a comment that
 * is not: a sentence shouted inside a mixed one ("Honestly, THE DOCTOR
 * WAS RUDE TO ME.") is read as the capitals rule reads a shouted comment. */
static unsigned caps_cue(const char *s, size_t n, size_t i, size_t e)
{
	for (size_t k = i; k < e; k++)
		if (!is_upper(s[k]))
			return 0;
	if (e - i >= 2)
		return NM_CAPS;
	size_t j = skip_spaces(s, n, e);
	return j > e && caps_word_at(s, n, j) ? NM_CAPS : 0;
}

/* The word before s[i] is "and" or "&" (spaces between). */
static int after_and(const char *s, size_t i)
{
	size_t j = i;
	while (j > 0 && s[j - 1] == ' ')
		j--;
	if (j == i)
		return 0;
	if (j > 0 && s[j - 1] == '&')
		return 1;
	return j >= 3 && lower((unsigned char)s[j - 1]) == 'd' && lower((unsigned char)s[j - 2]) == 'n' &&
	       lower((unsigned char)s[j - 3]) == 'a' && (j == 3 || !is_alnum(s[j - 4]));
}

/* The cue word s[i..e) (w, lowercased) and what follows it (sc: the scan's memos). */
static int cue_at(const char *s, size_t n, size_t i, size_t e, const char *w, struct scan *sc,
                  struct hit *h)
{
	size_t j, t, b;
	int kind = cue_kind(w);
	unsigned caps = (kind >= CUE_TITLE && kind <= CUE_CALLED) || kind == CUE_SIGN ||
	                        kind == CUE_FROM
	                    ? caps_of(s, n, &sc->caps) | caps_cue(s, n, i, e)
	                    : 0;
	if (caps && (after_and(s, i) || strcmp(w, "and") == 0))
		caps |= NM_AND;
	switch (kind) {
	case CUE_TITLE:
		if (strcmp(w, "miss") == 0 && !is_upper(s[i]))
			return 0; /* "I miss Leicester" */
		if ((t = after_title(s, n, e, w, caps, &h->start)) == 0)
			return 0;
		h->type = VP_REDACT_NAME;
		h->end = t;
		return 1;
	case CUE_POSS:
		j = skip_spaces(s, n, e);
		if (j == e)
			return 0;
		if (WORD_IS(s, n, j, family_adj, &t)) {
			size_t k = skip_spaces(s, n, t);
			if (k > t && WORD_IS(s, n, k, family, NULL))
				j = k;
		}
		if (!WORD_IS(s, n, j, family, &t))
			return 0;
		j = t;
		{
			/* "my son, Jack", "my son: Jack", "my son - Jack", "my son (Jack)" */
			char close = 0;
			size_t k = skip_spaces(s, n, j);
			if (j < n && (s[j] == ',' || s[j] == ':'))
				j++;
			else if (k < n && s[k] == '(')
				close = ')', j = k + 1;
			else if (k > j && k + 1 < n && s[k] == '-' && s[k + 1] == ' ')
				j = k + 1;
			if ((t = skip_spaces(s, n, j)) == j && !close)
				return 0;
			if (WORD_IS(s, n, t, titles, NULL))
				return 0; /* "my GP Dr Smith": the title will take it */
			if ((e = name_at(s, n, t, caps)) == 0 || (close && (e >= n || s[e] != close)))
				return 0;
		}
		*h = (struct hit){VP_REDACT_NAME, t, e};
		return 1;
	case CUE_I: /* I'm, I’m, I am -- not in capitals: "I AM WAITING" */
		if (caps)
			return 0;
		j = e;
		if ((t = apostrophe(s, n, j)) && j + t < n && lower((unsigned char)s[j + t]) == 'm' &&
		    (j + t + 1 >= n || !is_alpha(s[j + t + 1]))) {
			j += t + 1;
		} else {
			j = skip_spaces(s, n, j);
			if (j + 2 > n || lower((unsigned char)s[j]) != 'a' ||
			    lower((unsigned char)s[j + 1]) != 'm' || (j + 2 < n && is_alpha(s[j + 2])))
				return 0;
			j += 2;
		}
		goto im_name;
	case CUE_IM:
		if (caps)
			return 0;
		j = e;
	im_name:
		if ((t = skip_spaces(s, n, j)) == j || t - j > 2)
			return 0;
		if ((e = name_at(s, n, t, caps)) == 0)
			return 0;
		*h = (struct hit){VP_REDACT_NAME, t, e};
		return 1;
	case CUE_NAME: /* name is / name was / name's / name: */
		j = e;
		if ((t = apostrophe(s, n, j)) && j + t < n && lower((unsigned char)s[j + t]) == 's' &&
		    (j + t + 1 >= n || !is_alpha(s[j + t + 1]))) {
			j += t + 1;
		} else if (j < n && s[j] == ':') {
			j++;
		} else {
			size_t k = skip_spaces(s, n, j);
			size_t ke = letters_end(s, n, k);
			char v[8];
			if (ke == k || ke - k > 3 || !lower_word(s, k, ke, v) ||
			    (strcmp(v, "is") && strcmp(v, "was")))
				return 0;
			j = ke;
		}
		if ((t = skip_spaces(s, n, j)) == j)
			return 0;
		if (WORD_IS(s, n, t, titles, NULL))
			return 0;
		if ((e = name_at(s, n, t, NM_LOWER | NM_LOWER2 | caps)) == 0)
			return 0;
		*h = (struct hit){VP_REDACT_NAME, t, e};
		return 1;
	case CUE_CALLED: /* a nurse called Sandra; the midwife was called Kate */
		if (!prev_word_is(s, n, i, persons, sizeof persons / sizeof persons[0], &b)) {
			static const char *const be[] = {"is", "was"};
			if (!prev_word_is(s, n, i, be, 2, &b) ||
			    !prev_word_is(s, n, b, persons, sizeof persons / sizeof persons[0], &b))
				return 0;
		}
		if ((t = skip_spaces(s, n, e)) == e)
			return 0;
		if (WORD_IS(s, n, t, titles, NULL))
			return 0;
		if ((e = name_at(s, n, t, caps)) == 0)
			return 0;
		*h = (struct hit){VP_REDACT_NAME, t, e};
		return 1;
	case CUE_IDNUM: { /* hospital number, patient ID, NHS no., unit number, CHI number */
		static const char *const nums[] = {"id", "no", "num", "number"};
		j = skip_spaces(s, n, e);
		if (j == e || !WORD_IS(s, n, j, nums, &t))
			return 0;
		e = t;
	}
		/* fall through */
	case CUE_ID:
		j = skip_cue_sep(s, n, e);
		if (j == e && !(j < n && s[j] == ':'))
			return 0;
		{
			/* ten digits first: their groups may be apart in ways an id's
			 * are not ("943.476.5919", "943 476\n5919") */
			char d[10];
			size_t te = ten_digits_at(s, n, j, d);
			if (te) {
				t = te;
				h->type = d[0] != '0' && nhs_valid(d) ? VP_REDACT_NHS : VP_REDACT_ID;
			} else if ((t = id_value_at(s, n, j)) != 0) {
				h->type = VP_REDACT_ID;
			} else {
				return 0;
			}
		}
		h->start = j;
		h->end = t;
		return 1;
	case CUE_BIRTH: /* birth date */
		j = skip_spaces(s, n, e);
		{
			static const char *const date[] = {"date"};
			if (j == e || !WORD_IS(s, n, j, date, &e))
				return 0;
		}
		goto dob;
	case CUE_DATE: /* date of birth, date-of-birth */
		j = e < n && s[e] == '-' ? e + 1 : skip_spaces(s, n, e);
		if (j + 2 > n || lower((unsigned char)s[j]) != 'o' || lower((unsigned char)s[j + 1]) != 'f')
			return 0;
		j = j + 2 < n && s[j + 2] == '-' ? j + 3 : skip_spaces(s, n, j + 2);
		{
			static const char *const birth[] = {"birth"};
			if (!WORD_IS(s, n, j, birth, &e))
				return 0;
		}
		goto dob;
	case CUE_D: /* d.o.b */
		if (e + 4 > n || s[e] != '.' || lower((unsigned char)s[e + 1]) != 'o' || s[e + 2] != '.' ||
		    lower((unsigned char)s[e + 3]) != 'b' || (e + 4 < n && is_alpha(s[e + 4])))
			return 0;
		e += 4;
		goto dob;
	case CUE_DOB:
	case CUE_BORN:
	dob:
		j = skip_cue_sep(s, n, e);
		if (j == e || ((t = date_at(s, n, j, kind != CUE_BORN)) == 0 &&
		               (t = run_date_at(s, n, j)) == 0))
			return 0;
		*h = (struct hit){VP_REDACT_DOB, j, t};
		return 1;
	case CUE_FROM: /* "From: Jane Smith" at the start of a line, as in a header */
		if (e >= n || s[e] != ':')
			return 0;
		for (b = i; b > 0 && (s[b - 1] == ' ' || s[b - 1] == '\t'); b--)
			;
		if (b > 0 && s[b - 1] != '\n' && s[b - 1] != '\r')
			return 0;
		/* fall through */
	case CUE_SIGN: /* a sign-off: "Regards, Jane Smith", "Yours sincerely,\nJ Smith" */
		j = e < n && (s[e] == ',' || s[e] == ':') ? e + 1 : e;
		j = skip_spaces(s, n, j);
		if (j + 1 < n && s[j] == '\r' && s[j + 1] == '\n')
			j += 2;
		else if (j < n && s[j] == '\n')
			j++;
		if ((j = skip_spaces(s, n, j)) == e || WORD_IS(s, n, j, titles, NULL))
			return 0; /* "Regards, Dr Smith": the title will take it */
		b = initials_end(s, n, j);
		if ((b == j || (t = name_at(s, n, b, caps | (caps ? NM_LOWER2 : 0))) == 0) &&
		    (t = name_at(s, n, j, caps | (caps ? NM_LOWER2 : 0))) == 0)
			return 0;
		if (org_words_in(s, n, j, t)) /* "Regards, Healthwatch" */
			return 0;
		*h = (struct hit){VP_REDACT_NAME, j, t};
		return 1;
	case CUE_TITLES: { /* "Drs Patel and Khan", "Nurses Kelly, Jones and Lee" */
		static const char *const strong_plurals[] = {"doctors", "drs", "messrs", "profs"};
		/* "Nurses Day and Night", "Doctors Without Borders and ..." */
		static const char *const not_listed[] = {"day", "days", "night", "nights", "shift",
		                                         "shifts", "strike", "strikes", "week",
		                                         "without"};
		unsigned how = IN(w, strong_plurals) ? NM_STRONG : 0;
		size_t p = e, first = 0, last = 0;
		int names = 0;
		if (caps_cue(s, n, i, e))
			return 0; /* in capitals every word looks like a name */
		for (;;) {
			size_t q = skip_spaces(s, n, p);
			if (q == p || q - p > 2 || (t = name_at(s, n, q, how)) == 0 ||
			    org_words_in(s, n, q, t) || WORD_IS(s, n, q, not_listed, NULL))
				break;
			if (names++ == 0)
				h->start = q, first = t;
			last = t;
			/* then ", ", " and ", " & " and another name */
			size_t k = t < n && s[t] == ',' ? t + 1 : t, a = skip_spaces(s, n, k);
			static const char *const and[] = {"and"};
			if (a < n && s[a] == '&')
				k = a + 1;
			else if (a > k && WORD_IS(s, n, a, and, &b) && is_lower(s[a]))
				k = b;
			else if (k == t)
				break;
			p = k;
		}
		if (names < 2)
			return 0;
		sc->list_end = last;
		sc->list_how = how;
		h->type = VP_REDACT_NAME;
		h->end = first;
		return 1;
	}
	case CUE_PHONE: { /* "my mobile is 7700 900123": no leading 0 */
		static const char *const nums[] = {"no", "num", "number"};
		j = skip_spaces(s, n, e);
		if (j > e && WORD_IS(s, n, j, nums, &t))
			e = t;
		j = skip_cue_sep(s, n, e);
		if (j == e || (t = phone_at_(s, n, j, 1)) == 0)
			return 0;
		*h = (struct hit){VP_REDACT_PHONE, j, t};
		return 1;
	}
	case CUE_FLAT: /* Flat 3, 22 Bond Street; Flat 2 Oak Court */
		j = skip_spaces(s, n, e);
		if (j == e)
			return 0;
		t = digits_end(s, n, j, 4);
		if (t == j)
			return 0;
		if (t < n && is_alpha(s[t]) && (t + 1 >= n || !is_alnum(s[t + 1])))
			t++;
		if (t < n && is_alnum(s[t]))
			return 0;
		b = t;
		if (b < n && s[b] == ',')
			b++;
		b = skip_spaces(s, n, b);
		if ((t = address_at(s, n, b)) == 0)
			return 0;
		*h = (struct hit){VP_REDACT_ADDRESS, i, t};
		return 1;
	default:
		return 0;
	}
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

/* What a text holds at all (vp_redact_record looks once): detectors that
 * cannot match without it are not tried. */
enum {
	HAS_AT = 1,      /* '@' or "(at)": e-mail addresses */
	HAS_DIGIT = 2,   /* an ASCII digit: postcodes (their outward code has one) */
	HAS_WIDE = 4,    /* a byte >= 0x80: no-break, thin and zero-width spaces */
	HAS_DOT_WORD = 8, /* the word "dot": e-mail addresses spelt with words */
};

/* The word "dot" (any case, a space before and after) somewhere in s[0..n). */
static int has_dot_word(const char *s, size_t n)
{
	/* looked for from its d (a few in a hundred letters), not from every
	 * space: memchr runs through the rest */
	for (int k = 0; k < 2; k++)
		for (const char *p = s + 1, *end = s + n;
		     p < end && (p = memchr(p, "dD"[k], (size_t)(end - p))) != NULL; p++)
			if (bare_word(s, n, (size_t)(p - 1 - s), "dot"))
				return 1;
	return 0;
}

/* "(at)", "[at]" or "{at}" somewhere in s[0..n). */
static int has_spelt_at(const char *s, size_t n)
{
	static const char open[] = "([{";
	for (int k = 0; k < 3; k++) {
		const char *p = s, *end = s + n;
		while ((p = memchr(p, open[k], (size_t)(end - p))) != NULL) {
			if (spelt_at(s, n, (size_t)(p - s), "at"))
				return 1;
			p++;
		}
	}
	return 0;
}

static unsigned text_has(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned digit = 0, high = 0;
	size_t i = 0;
#if defined(__SSE2__) && defined(__GNUC__)
	/* 16 bytes at a time (gcc -O2 does not vectorise the loop below): a
	 * byte from 0x80 is negative as a signed char, so never a digit */
	const __m128i below = _mm_set1_epi8('0' - 1), above = _mm_set1_epi8('9' + 1);
	__m128i dig = _mm_setzero_si128(), hi = _mm_setzero_si128();
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(u + i));
		dig = _mm_or_si128(dig, _mm_and_si128(_mm_cmpgt_epi8(v, below), _mm_cmplt_epi8(v, above)));
		hi = _mm_or_si128(hi, v);
	}
	digit = _mm_movemask_epi8(dig) != 0;
	high = _mm_movemask_epi8(hi) != 0;
#endif
	for (; i < n; i++) {
		digit |= (unsigned)(u[i] - '0') < 10;
		high |= u[i] >> 7;
	}
	return (memchr(s, '@', n) || has_spelt_at(s, n) ? HAS_AT : 0) | (digit ? HAS_DIGIT : 0) |
	       (high ? HAS_WIDE : 0) | (has_dot_word(s, n) ? HAS_DOT_WORD : 0);
}

/* The detection starting at the word start s[i], if any (has: text_has). */
static int detect(const char *s, size_t n, size_t i, unsigned has, struct scan *sc,
                  int pc_here, size_t pc_e, struct hit *h)
{
	unsigned char c = (unsigned char)s[i];
	size_t e;
	*h = (struct hit){0, i, 0};
	if (i < sc->list_end && (e = name_at(s, n, i, sc->list_how)))
		return *h = (struct hit){VP_REDACT_NAME, i, e}, 1; /* "Drs Patel and [Khan]" */
	if (c == '+' || c == '(') {
		if ((e = phone_at(s, n, i)))
			return *h = (struct hit){VP_REDACT_PHONE, i, e}, 1;
		return 0;
	}
	size_t b;
	if ((has & HAS_AT) && (e = email_at(s, n, i, &b, &sc->no_at)))
		return *h = (struct hit){VP_REDACT_EMAIL, b, e}, 1;
	if ((has & HAS_DOT_WORD) && (e = words_email_at(s, n, i, &sc->no_words)))
		return *h = (struct hit){VP_REDACT_EMAIL, i, e}, 1;
	if (is_digit(c)) {
		if ((e = nhs_at(s, n, i)))
			return *h = (struct hit){VP_REDACT_NHS, i, e}, 1;
		if (c == '0' && (e = phone_at(s, n, i)))
			return *h = (struct hit){VP_REDACT_PHONE, i, e}, 1;
		if ((e = address_at(s, n, i)))
			return *h = (struct hit){VP_REDACT_ADDRESS, i, e}, 1;
		return 0;
	}
	if (pc_here)
		return *h = (struct hit){VP_REDACT_POSTCODE, i, pc_e}, 1;
	if ((has & HAS_DIGIT) && (e = postcode_wide_at(s, n, i)))
		return *h = (struct hit){VP_REDACT_POSTCODE, i, e}, 1;
	char w[24];
	e = letters_end(s, n, i);
	if (e - i > 15 || !lower_word(s, i, e, w) || !maybe_cue(w, e - i))
		return 0;
	return cue_at(s, n, i, e, w, sc, h);
}

/* ---- what the detectors read ---------------------------------------------- */

/* The ASCII that the character cp (not ASCII) is read as, into a[0..4):
 * its length, or 0 if it is read as written.  A decimal digit of any
 * script is its value ("\u0663" is a 3 to a reader, though NFKC leaves
 * it), a dash or minus sign a hyphen; otherwise NFKC's compatibility
 * decomposition when that is all ASCII -- full-width forms ("\uFF19",
 * "\uFF21", "\uFF20"), the ideographic, no-break and thin spaces -- as
 * vp-normalise will read it. */
static size_t read_as(utf8proc_int32_t cp, char a[4])
{
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	if (p->category == UTF8PROC_CATEGORY_PD || cp == 0x2212) {
		/* a dash (en, em, non-breaking hyphen ...) or minus sign: a hyphen
		 * between digit groups and in a surname; vp-normalise drops it */
		a[0] = '-';
		return 1;
	}
	if (p->category == UTF8PROC_CATEGORY_ND) {
		/* decimal digits come in runs of ten, 0 to 9 (a Unicode
		 * stability policy), some runs back to back: the value is the
		 * place in the run of digits, modulo 10 */
		int k = 0;
		while (k < 100 && utf8proc_category(cp - 1 - k) == UTF8PROC_CATEGORY_ND)
			k++;
		a[0] = (char)('0' + k % 10);
		return 1;
	}
	if (p->decomp_seqindex == UINT16_MAX)
		return 0;
	utf8proc_int32_t d[4];
	int last = 0;
	utf8proc_ssize_t r =
		utf8proc_decompose_char(cp, d, 4, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &last);
	if (r <= 0 || r > 4)
		return 0;
	for (utf8proc_ssize_t k = 0; k < r; k++) {
		if (d[k] <= 0 || d[k] >= 0x80)
			return 0;
		a[k] = (char)d[k];
	}
	return (size_t)r;
}

/* The text as the detectors read it: s[0..n), and at[k] the offset in the
 * text as written of the character that gave s[k] (at[n]: the text's
 * length).  When nothing is read differently, s is the text and at NULL. */
struct view {
	const char *s;
	size_t n;
	char *own;
	size_t *at;
};

/* The view of text[0..n) (has_high: a byte >= 0x80 in it): 0, or -1 when
 * out of memory. */
static int view_make(struct view *v, const char *text, size_t n, int has_high)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)text;
	*v = (struct view){text, n, NULL, NULL};
	if (!has_high)
		return 0;
	size_t i = 0, o = 0;
	char a[4];
	for (; i < n; i++) { /* the first character read differently */
		utf8proc_int32_t cp;
		if (u[i] < 0x80 || (u[i] & 0xC0) == 0x80)
			continue;
		if (utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp) > 0 && read_as(cp, a))
			break;
	}
	if (i == n)
		return 0;
	/* each character of two bytes or more becomes four at most */
	if (n > (SIZE_MAX - 1) / 2 / sizeof *v->at)
		return -1;
	size_t cap = 2 * n + 1;
	if (!(v->own = malloc(cap)) || !(v->at = malloc(cap * sizeof *v->at))) {
		free(v->own);
		return -1;
	}
	for (size_t k = 0; k < i; k++) {
		v->own[o] = text[k];
		v->at[o++] = k;
	}
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = 1;
		size_t m = 0;
		if (u[i] >= 0x80 && (len = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp)) > 0)
			m = read_as(cp, a);
		else
			len = 1; /* ASCII, or not UTF-8: as written */
		if (m) {
			for (size_t k = 0; k < m; k++) {
				v->own[o] = a[k];
				v->at[o++] = i;
			}
		} else {
			for (utf8proc_ssize_t k = 0; k < len; k++) {
				v->own[o] = text[i + (size_t)k];
				v->at[o++] = i + (size_t)k;
			}
		}
		i += (size_t)len;
	}
	v->at[o] = n;
	v->s = v->own;
	v->n = o;
	return 0;
}

/* Where the view's offset k is in the text as written: a start (k a
 * view offset, the character it comes from) or an end (after the last
 * character any of s[..k) comes from). */
static size_t view_start(const struct view *v, size_t k)
{
	return v->at ? v->at[k] : k;
}

static size_t view_end(const struct view *v, size_t k)
{
	if (!v->at || k == 0)
		return k;
	size_t j = k;
	while (j < v->n && v->at[j] == v->at[k - 1])
		j++; /* the rest of a character read as several */
	return v->at[j];
}

static void view_free(struct view *v)
{
	free(v->own);
	free(v->at);
}

/* vp_redact_record over the view v of text: the detectors read v, what is
 * copied and audited is the text as written. */
static long redact_view(const vp_redactor *rd, const struct view *v, unsigned has,
                        const char *text, size_t tn, vp_buf *out,
                        unsigned long counts[VP_REDACT_NTYPES])
{
	const char *s = v->s;
	size_t n = v->n, pc_s = 0, pc_e = 0;
	struct scan sc = {.caps = -1};
	int have_pc = (has & HAS_DIGIT) && next_postcode(s, n, 0, &pc_s, &pc_e);
	size_t copied = 0, i = 0; /* copied: in the text as written */
	long spans = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (!is_alnum(c) && c != '+' && c != '(') {
			i++;
			continue;
		}
		if (i > 0 && is_alnum(s[i - 1]) && is_alnum(c)) {
			do /* not a word start: on to the end of the word */
				i++;
			while (i < n && is_alnum(s[i]));
			continue;
		}
		/* a '+' or '(' ends a word: a phone may start there, and after
		 * it anything may ("x+LE1 6EJ": vp_postcode_find, and a reader,
		 * see the postcode) */
		if (have_pc && pc_s < i)
			have_pc = next_postcode(s, n, i, &pc_s, &pc_e);
		struct hit h;
		if (!detect(s, n, i, has, &sc, have_pc && pc_s == i, pc_e, &h)) {
			i++;
			continue;
		}
		i = h.end;
		if (rd && (rd->keep & (1u << h.type)))
			continue;
		size_t start = view_start(v, h.start), end = view_end(v, h.end);
		if (start < copied) /* never back into the last span */
			start = copied;
		if (end <= start)
			continue; /* inside a character the last span took whole */
		if (vp_buf_append(out, text + copied, start - copied) != 0 ||
		    vp_buf_puts(out, types[h.type].placeholder) != 0)
			return -1;
		if (rd && rd->audit && rd->audit(rd->audit_ctx, h.type, text, start, end) != 0)
			return -2;
		if (counts)
			counts[h.type]++;
		spans++;
		copied = end;
	}
	if (vp_buf_append(out, text + copied, tn - copied) != 0)
		return -1;
	return spans;
}

long vp_redact_record(const vp_redactor *rd, const char *text, size_t n, vp_buf *out,
                      unsigned long counts[VP_REDACT_NTYPES])
{
	unsigned has = text_has(text, n);
	struct view v;
	if (view_make(&v, text, n, (has & HAS_WIDE) != 0) != 0)
		return -1;
	if (v.at)
		has = text_has(v.s, v.n);
	long r = redact_view(rd, &v, has, text, n, out, counts);
	view_free(&v);
	return r;
}

int vp_redact_counts_json(vp_buf *b, const unsigned long counts[VP_REDACT_NTYPES])
{
	if (vp_buf_putc(b, '{'))
		return -1;
	int first = 1;
	for (int t = 0; t < VP_REDACT_NTYPES; t++) {
		if (!counts[t])
			continue;
		if (vp_buf_printf(b, "%s\"%s\":%lu", first ? "" : ",", types[t].name, counts[t]))
			return -1;
		first = 0;
	}
	return vp_buf_putc(b, '}');
}

int vp_redact(const char *text, size_t n, vp_buf *out)
{
	return vp_redact_record(NULL, text, n, out, NULL) < 0 ? -1 : 0;
}
