/* redact_digits.c - what reads digit groups, for redact.c's pass: phone
 * numbers, NHS numbers (and their Modulus 11 check), postcodes with wide
 * spaces between the halves, and dates (for a date of birth after its
 * cue).  See redact_impl.h. */
#include <string.h>

#include "voxpop/postcode.h"
#include "redact_impl.h"

/* ---- phone, NHS number ---------------------------------------------------- */

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
size_t vpr_phone_at_(const char *s, size_t n, size_t i, int lead0)
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
	if (plus)
		lead0 = 0; /* "tel: +44 (0) 7700 900 123" has its country code, no 0 to restore */
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

size_t vpr_phone_at(const char *s, size_t n, size_t i)
{
	return vpr_phone_at_(s, n, i, 0);
}

/* d[0..10) passes the NHS Modulus 11 check. */
int vpr_nhs_valid(const char *d)
{
	int sum = 0;
	for (int k = 0; k < 9; k++)
		sum += (d[k] - '0') * (10 - k);
	int check = 11 - sum % 11;
	if (check == 11)
		check = 0;
	return check != 10 && check == d[9] - '0';
}

/* Ten digits at s[i], word-bounded: the end, digits in d.  Run together,
 * or as 3-3-4, 4-3-3, 3-4-3, 5-5, 3-3-2-2 ("943 476 59 19") or a digit at
 * a time ("9 4 3 4 7 6 5 9 1 9") with the same separator throughout: a hyphen, a
 * dot, a slash, an underscore, a gap of blanks (gap_end: "943  476  5919",
 * a no-break space, a line break) or a hyphen with blanks round it ("943 -
 * 476 - 5919"); or as "(943) 476-5919", the first group in brackets, then
 * a hyphen, a dot or a gap. */
size_t vpr_ten_digits_at(const char *s, size_t n, size_t i, char *d)
{
	if (i >= n || (i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '+')))
		return 0; /* i == n: an id cue ends the text ("MRN: ") */
	size_t j = i, nd = 0, len[10], ng = 0;
	int sep[9], paren = s[j] == '(';
	if (paren)
		j++;
	for (;;) {
		size_t g = j;
		while (j < n && nd < 10 && is_digit(s[j]))
			d[nd++] = s[j++];
		if (j == g)
			return 0;
		len[ng++] = j - g;
		if (nd == 10 || ng == 10 || (paren && ng == 3) || j >= n)
			break;
		int k = s[j];
		if (paren && ng == 1) { /* "(943) 476" */
			if (k != ')')
				return 0;
			g = gap_end(s, n, j + 1);
			k = '(';
		} else if (k == '-' || k == '.' || k == '/' || k == '_') {
			g = j + 1;
		} else {
			g = gap_end(s, n, j);
			k = ' ';
			if (g > j && g < n && s[g] == '-') /* "943 - 476" */
				g = gap_end(s, n, g + 1), k = 'h';
			else if (g == j)
				return 0;
		}
		if (g >= n || !is_digit(s[g]))
			return 0;
		sep[ng - 1] = k;
		j = g;
	}
	if (nd != 10 || (j < n && (is_alnum(s[j]) || ((s[j] == '.' || s[j] == ',' || s[j] == '-' ||
	                                                s[j] == '_') &&
	                                               j + 1 < n && is_digit(s[j + 1])))))
		return 0;
	if (ng == 1)
		return paren ? 0 : j;
	for (size_t g = 1; g + 1 < ng; g++)
		if (sep[g] != sep[0] && !paren)
			return 0; /* one separator throughout */
	if (ng == 2) /* "94347 65919" */
		return !paren && len[0] == 5 ? j : 0;
	if (ng == 10) /* "9 4 3 4 7 6 5 9 1 9": a digit at a time */
		return !paren ? j : 0;
	if (ng == 4) /* "943 476 59 19": the last four read out in pairs */
		return !paren && len[0] == 3 && len[1] == 3 && len[2] == 2 ? j : 0;
	if (ng != 3 || !((len[0] == 3 && len[1] == 3 && len[2] == 4) ||
	                 (len[0] == 4 && len[1] == 3 && len[2] == 3) ||
	                 (len[0] == 3 && len[1] == 4 && len[2] == 3)))
		return 0;
	if (paren) /* "(943) 476-5919": the second gap a hyphen, a dot or blanks */
		return len[0] == 3 && len[1] == 3 && (sep[1] == '-' || sep[1] == '.' || sep[1] == ' ') ? j : 0;
	return j;
}

size_t vpr_nhs_at(const char *s, size_t n, size_t i)
{
	char d[10];
	size_t e = vpr_ten_digits_at(s, n, i, d);
	return e && d[0] != '0' && vpr_nhs_valid(d) ? e : 0;
}

/* ---- numbers read out in words -------------------------------------------- */

/* The digit word at s[i] (any case, a whole word): its digit, *e its end;
 * else 0. */
static char digit_word_at(const char *s, size_t n, size_t i, size_t *e)
{
	size_t t = i;
	while (t < n && t - i < 7 && is_alpha(s[t])) /* a seventh letter: no digit word */
		t++;
	if (t == i || t - i > 6 || (t < n && is_digit(s[t])))
		return 0;
	char c = vpr_digit_word(s + i, t - i);
	if (c)
		*e = t;
	return c;
}

/* "double" or "triple" at s[j] (any case, a whole word): 2 or 3, *e its
 * end; else 0. */
static int times_word_at(const char *s, size_t n, size_t j, size_t *e)
{
	if (j + 6 > n || (j + 6 < n && (is_alpha(s[j + 6]) || is_digit(s[j + 6]))))
		return 0;
	int r = vpr_times_word(s + j, 6);
	if (r)
		*e = j + 6;
	return r;
}

size_t vpr_number_words_at(const char *s, size_t n, size_t i, int *type)
{
	char d[16];
	size_t nd = 0, j = i, end = 0, e;
	int words = 0;
	if (i > 0 && is_alnum(s[i - 1]))
		return 0;
	while (j < n) {
		int rep = 1, r;
		size_t t, u;
		if ((r = times_word_at(s, n, j, &t)) && (u = skip_spaces(s, n, t)) > t) {
			rep = r; /* "double oh" */
			j = u;
		}
		char c;
		if ((c = digit_word_at(s, n, j, &e)) != 0) {
			words++;
		} else if (is_digit(s[j])) {
			e = digits_end(s, n, j, 12);
			if ((e < n && is_alnum(s[e])) || (rep > 1 && e != j + 1))
				break;
		} else {
			break;
		}
		size_t len = c ? 1 : e - j;
		if (nd + len * (size_t)rep > sizeof d)
			return 0; /* too long for a phone number */
		for (int copy = 0; copy < rep; copy++) /* "double oh": two */
			for (size_t k = 0; k < len; k++)
				d[nd++] = c ? c : s[j + k];
		end = e;
		/* on over spaces, a comma or a hyphen, one line break at most */
		size_t g = e;
		if (g < n && (s[g] == ',' || s[g] == '-'))
			g++;
		g = gap_end(s, n, g);
		if (g == e)
			break;
		j = g;
	}
	/* a digit word at least: digits alone are the other detectors' */
	if (words < 1 || nd < 10 || nd > 13)
		return 0;
	if (d[0] == '0' || (d[0] == '7' && nd == 10) || (d[0] == '4' && d[1] == '4')) {
		*type = VP_REDACT_PHONE;
		return end;
	}
	if (nd == 10 && vpr_nhs_valid(d)) {
		*type = VP_REDACT_NHS;
		return end;
	}
	return 0;
}

/* ---- postcodes ------------------------------------------------------------ */

/* A full postcode at s[i] with a line break or a dot between the halves
 * (vp_postcode_find takes blanks and a hyphen on one line; a wide space is
 * a blank in the detectors' view). */
size_t vpr_postcode_wide_at(const char *s, size_t n, size_t i)
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

/* The areas of UK postcodes (the letters of an outward code): "A14" is a
 * road, "LE16" may be a postcode.  Lowercase, sorted. */
static const char *const postcode_areas[] = {
	"ab", "al", "b", "ba", "bb", "bd", "bh", "bl", "bn", "br", "bs", "bt", "ca", "cb", "cf",
	"ch", "cm", "co", "cr", "ct", "cv", "cw", "da", "dd", "de", "dg", "dh", "dl", "dn", "dt",
	"dy", "e", "ec", "eh", "en", "ex", "fk", "fy", "g", "gl", "gu", "gy", "ha", "hd", "hg",
	"hp", "hr", "hs", "hu", "hx", "ig", "im", "ip", "iv", "je", "ka", "kt", "kw", "ky", "l",
	"la", "ld", "le", "ll", "ln", "ls", "lu", "m", "me", "mk", "ml", "n", "ne", "ng", "nn",
	"np", "nr", "nw", "ol", "ox", "pa", "pe", "ph", "pl", "po", "pr", "rg", "rh", "rm", "s",
	"sa", "se", "sg", "sk", "sl", "sm", "sn", "so", "sp", "sr", "ss", "st", "sw", "sy", "ta",
	"td", "tf", "tn", "tq", "tr", "ts", "tw", "ub", "w", "wa", "wc", "wd", "wf", "wn", "wr",
	"ws", "wv", "yo", "ze",
};

/* Two letters that are a word or an abbreviation, after a district as
 * much as anywhere ("LE16 at the moment", "our LE16 GP", "the M62 EB", "G12
 * St Andrews"): no inward code.  Lowercase, sorted. */
static const char *const two_letter_words[] = {
	"ab", "ad", "ae", "ah", "al", "an", "ar", "as", "at", "aw", "ax", "ay", "ba", "be", "bp",
	"by", "da", "de", "dr", "eb", "ed", "eh", "el", "en", "er", "es", "ex", "fa", "ft", "gb",
	"gp", "gt", "ha", "he", "hq", "hr", "jr", "la", "lb", "ln", "na", "nb", "nd", "ne", "nu",
	"pa", "pe", "ph", "pr", "pt", "qu", "ra", "rd", "re", "sb", "sh", "sr", "st", "ta", "te",
	"th", "tx", "ty", "uh", "un", "up", "us", "wb", "we", "ya", "ye", "yr",
};

/* A full postcode at s[i] with its space one place early: "LE16 EJ" for
 * LE1 6EJ (the inward code is a digit and two letters).  Only when the
 * outward code's letters are a postcode area, the two letters are of
 * their case (both capitals, or both lower case) and are no word or
 * abbreviation.  Its end, or 0. */
size_t vpr_postcode_split_at(const char *s, size_t n, size_t i)
{
	size_t a = letters_end(s, n, i), o = a;
	while (o < n && o - i < 5 && is_alnum(s[o]))
		o++;
	if (a == i || a - i > 2 || o - i < 3 || o - i > 5 || !is_digit(s[o - 1]) || o + 3 > n ||
	    s[o] != ' ' || !is_alpha(s[o + 1]) || !is_alpha(s[o + 2]) ||
	    (o + 3 < n && is_alnum(s[o + 3])))
		return 0;
	int up = is_upper(s[i]);
	for (size_t k = i; k < o; k++)
		if (is_alpha(s[k]) && is_upper(s[k]) != up)
			return 0;
	if (is_upper(s[o + 1]) != up || is_upper(s[o + 2]) != up)
		return 0;
	char w[24], buf[12], district[16], full[16];
	if (!lower_word(s, i, a, w) || !IN(w, postcode_areas) || !lower_word(s, o + 1, o + 3, w) ||
	    IN(w, two_letter_words))
		return 0;
	size_t L = o - 1 - i; /* the outward code, then the digit that starts the inward */
	memcpy(buf, s + i, L);
	buf[L] = ' ';
	buf[L + 1] = s[o - 1];
	buf[L + 2] = s[o + 1];
	buf[L + 3] = s[o + 2];
	return vp_postcode_parse(buf, L + 4, district, full) == 2 ? o + 3 : 0;
}

/* A full postcode spelt out a character at a time at s[i]: "L E 1 5 W W",
 * "l e 1 3  0 a b" -- single letters and digits, each apart from the next
 * by one to three spaces or tabs, five to seven of them, the whole run of
 * such characters (not "L E 1 5 W W 7") read together as a full postcode,
 * its letters of one case and the outward code's those of a postcode area.
 * Or the outward code written whole and the inward code spelt out, its
 * last two letters together or not: "LE1 5 W W", "le13 0 a b", "LE1 5 WW".
 * Its end, or 0. */
size_t vpr_postcode_spelt_at(const char *s, size_t n, size_t i)
{
	if (i > 0 && is_alnum(s[i - 1]))
		return 0;
	char buf[8];
	size_t k = 0, j = i, end = 0, first = 0, tokens = 0;
	while (j < n && is_alnum(s[j])) {
		size_t t = j;
		while (t < n && is_alnum(s[t]))
			t++;
		/* the first may be an outward code (two to four characters, a
		 * digit second or third), the last two letters; else one */
		if (t - j > 1 && !(tokens == 0 && t - j <= 4 && (is_digit(s[j + 1]) || (t - j > 2 && is_digit(s[j + 2])))) &&
		    !(tokens > 0 && t - j == 2 && is_alpha(s[j]) && is_alpha(s[j + 1]) && k == first + 1))
			break;
		if (k + (t - j) > sizeof buf)
			return 0; /* a longer run: no postcode */
		if (tokens++ == 0)
			first = t - j;
		memcpy(buf + k, s + j, t - j);
		k += t - j;
		end = t;
		size_t g = end;
		while (g < n && g - end < 3 && (s[g] == ' ' || s[g] == '\t'))
			g++;
		if (g == end || (t - j == 2 && tokens > 1))
			break;
		j = g;
	}
	if (k < 5 || k > 7 || (first > 1 && (first != k - 3 || tokens < 3)))
		return 0;
	if (end < n && is_alnum(s[end]))
		return 0;
	/* the whole run: no single character after a pair ("LE1 5 WW 7") */
	size_t g = skip_spaces(s, n, end);
	if (g > end && g < n && is_alnum(s[g]) && (g + 1 >= n || !is_alnum(s[g + 1])))
		return 0;
	/* the letters of one case, the outward code's a postcode area's ("I 1
	 * 2 3 a b" is none) */
	int up = -1;
	for (size_t q = 0; q < k; q++)
		if (is_alpha(buf[q])) {
			if (up >= 0 && is_upper(buf[q]) != up)
				return 0;
			up = is_upper(buf[q]);
		}
	size_t a = is_alpha(buf[1]) ? 2 : 1;
	char w[24], district[16], full[16];
	if (!lower_word(buf, 0, a, w) || !IN(w, postcode_areas))
		return 0;
	return vp_postcode_parse(buf, k, district, full) == 2 ? end : 0;
}

/* ---- National Insurance numbers ------------------------------------------- */

/* Two letters that are an everyday word or abbreviation: spaced from the
 * digits and not in capitals ("on 12 34 56 a", "At 12 34 56 b"), no NI
 * number's prefix.  Lowercase, sorted. */
static const char *const ni_words[] = {
	"ah", "am", "an", "as", "at", "aw", "be", "by", "do", "dr", "eg", "eh", "ex", "go", "gp",
	"ha", "he", "hi", "hm", "ie", "if", "in", "is", "it", "me", "mr", "ms", "my", "no", "of",
	"oh", "ok", "on", "or", "ow", "pm", "ps", "re", "so", "st", "to", "uh", "um", "up", "us",
	"vs", "we", "ye", "yo",
};

/* A separator in an NI number from s[i]: one hyphen, or blanks (gap_end:
 * one line break at most).  Its end, i if none. */
static size_t ni_sep_end(const char *s, size_t n, size_t i)
{
	if (i < n && s[i] == '-')
		return i + 1;
	return gap_end(s, n, i);
}

/* A National Insurance number at s[i]: two letters (any two: a mistyped
 * or HMRC's example prefix, QQ, is masked too), six digits in groups of two
 * or more ("12 34 56", "123456", "123 456"), a letter A-D, each part
 * apart by a space, a hyphen or nothing, and nothing alphanumeric glued on
 * either side.  Not without the letter ("AB 12 34 56", "AB123456": a
 * reference, a bed) unless cued, and not when the letters are spaced from
 * the digits and are a word not in capitals ("on 12 34 56 a list").  Its
 * end, or 0. */
size_t vpr_ni_at(const char *s, size_t n, size_t i, int cued)
{
	if (i + 8 > n || !is_alpha(s[i]) || !is_alpha(s[i + 1]) || (i > 0 && is_alnum(s[i - 1])))
		return 0;
	size_t j = ni_sep_end(s, n, i + 2);
	if (j >= n || !is_digit(s[j]))
		return 0;
	char w[24];
	if (!cued && j > i + 2 && !(is_upper(s[i]) && is_upper(s[i + 1])) &&
	    lower_word(s, i, i + 2, w) && IN(w, ni_words))
		return 0;
	size_t nd = 0, e = j;
	for (;;) {
		size_t g = digits_end(s, n, e, 7);
		if (g - e < 2)
			return 0;
		nd += g - e;
		e = g;
		if (nd >= 6)
			break;
		size_t k = ni_sep_end(s, n, e);
		if (k == e || k >= n || !is_digit(s[k]))
			return 0;
		e = k;
	}
	if (nd != 6 || (e < n && is_digit(s[e])))
		return 0;
	size_t k = ni_sep_end(s, n, e);
	if (k < n && lower((unsigned char)s[k]) >= 'a' && lower((unsigned char)s[k]) <= 'd' &&
	    (k + 1 >= n || !is_alnum(s[k + 1])))
		return k + 1;
	return cued && (e >= n || !is_alnum(s[e])) ? e : 0;
}

/* ---- dates ---------------------------------------------------------------- */

static const char *const months[] = {
	"apr", "april", "aug", "august", "dec", "december", "feb", "february", "jan",
	"january", "jul", "july", "jun", "june", "mar", "march", "may", "nov",
	"november", "oct", "october", "sep", "sept", "september",
};

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
size_t vpr_run_date_at(const char *s, size_t n, size_t i)
{
	size_t e = digits_end(s, n, i, 9);
	if ((e - i != 6 && e - i != 8) || (e < n && is_alnum(s[e])))
		return 0;
	int v[8] = {0}; /* each one read is set (6 or 8 digits), which gcc -O1 cannot
	                 * see once this is not inlined into its one caller */
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
size_t vpr_date_at(const char *s, size_t n, size_t i, int spaced_yy)
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
