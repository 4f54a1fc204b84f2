/* redact_address.c - street addresses ("12 Gwendolen Road", "12-14 High
 * Street"), from the house number, for redact.c's pass and the flat cue
 * (redact_cue.c).  See redact_impl.h. */
#include "redact_impl.h"

static const char *const street_types[] = {
	"ave", "avenue", "boulevard", "chase", "close", "court", "crescent", "croft", "drive",
	"gardens", "gate", "green", "grove", "hill", "lane", "mews", "parade", "place", "rd",
	"rise", "road", "row", "square", "st", "street", "terrace", "vale", "view", "walk",
	"way", "yard",
};

/* A capitalised word at s[i] (letters, inner apostrophes and hyphens), or
 * with any_case any word: its end, or 0. */
static size_t word_at(const char *s, size_t n, size_t i, int any_case)
{
	if (i >= n || !(any_case ? is_alpha(s[i]) : is_upper(s[i])))
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
 * one to three capitalised words (any_case: any words, after "I live at",
 * "my address is") ("St." among them), the last of which
 * (not the first) is a street type: the end, or 0.  Two street types in a
 * row are both taken ("Court Road").  A number and a unit is a distance or
 * a time ("a 40 MINUTE WALK", "24 Hour Walk In Centre"), and "Walk In" no
 * street. */
static size_t address_at(const char *s, size_t n, size_t i, int any_case)
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
		size_t e = word_at(s, n, j, any_case);
		if (!e)
			return 0;
		size_t te;
		if (words > 0 && WORD_IS(s, n, j, street_types, &te) && te == e &&
		    !(e + 3 <= n && s[e] == ' ' && lower((unsigned char)s[e + 1]) == 'i' &&
		      lower((unsigned char)s[e + 2]) == 'n' && (e + 3 == n || !is_alnum(s[e + 3])))) {
			size_t k = e + 1;
			if (e + 1 < n && s[e] == ' ' && (te = word_at(s, n, k, any_case)) &&
			    WORD_IS(s, n, k, street_types, &k) && k == te)
				e = te;
			if (e < n && s[e] == '.' && e - j <= 3)
				e++; /* Rd. */
			/* "3 High Street Surgery": a practice named by its address */
			if (e + 1 < n && s[e] == ' ' && (te = word_at(s, n, e + 1, any_case)) &&
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

size_t vpr_address_at(const char *s, size_t n, size_t i)
{
	return address_at(s, n, i, 0);
}

size_t vpr_address_any_case_at(const char *s, size_t n, size_t i)
{
	return address_at(s, n, i, 1);
}
