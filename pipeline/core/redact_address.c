/* redact_address.c - street addresses ("12 Gwendolen Road", "12-14 High
 * Street"; in lower case where an address is written, "at 7 church
 * lane"), from the house number, for redact.c's pass and the flat cue
 * (redact_cue.c), and a building's name after a flat's number ("flat 3
 * the maltings").  See redact_impl.h. */
#include <string.h>

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

/* How address_at reads the words after the number. */
enum {
	ADDR_CAPS,    /* capitalised words, no cue needed ("12 Gwendolen Road") */
	ADDR_ANY,     /* any case, after an address cue ("I live at 14 acacia avenue") */
	ADDR_UNCUED,  /* any case with no cue (vpr_address_lower_at's rules) */
};

/* With no cue a lowercase street ends in one of these, seldom anything
 * else in feedback ("the lane was blocked" has no number before it) ... */
static const char *const strong_types[] = {
	"avenue", "crescent", "gardens", "grove", "lane", "road", "street", "terrace",
};
/* ... or in one of these, which are verbs and nouns too ("3 wards close at
 * 8", "5 kids drive me mad", "2 nurses on the way"): only before a stop,
 * a comma or the end, and not after a plural ("3 wards close."). */
static const char *const weak_types[] = {"close", "drive", "way"};

/* Words that make no street's name with no cue: function words, and am, pm
 * ("at 10 pm street lights"). */
static const char *const not_street_words[] = {
	"a", "all", "am", "an", "and", "any", "are", "as", "at", "be", "both", "but", "by",
	"each", "either", "every", "for", "from", "had", "has", "have", "he", "her", "his",
	"in", "is", "it", "its", "my", "no", "not", "of", "on", "or", "our", "pm", "she", "so",
	"some", "than", "that", "the", "their", "them", "then", "there", "they", "this", "to",
	"too", "very", "was", "we", "were", "with", "you", "your",
};

/* Words after which a house number starts an address with no cue ("at 7
 * church lane", "send it to 22 bond street", "we live 12 oak road"). */
static const char *const address_before[] = {
	"at", "from", "in", "is", "live", "lives", "living", "near", "number", "of", "off", "on",
	"opposite", "outside", "s", "to", "was",
};
/* ("is", "was": "our house is 12 oak road"; "s": "it's 3 mill lane".) */

/* Street types that name a street with "the" and no other word ("7 the
 * crescent", "4 the green"). */
static const char *const the_types[] = {
	"avenue", "chase", "close", "court", "crescent", "croft", "drive", "gardens", "green",
	"grove", "mews", "parade", "rise", "square", "terrace", "vale", "walk",
};

/* Forms of be before "at" ("i'm at", "we're at", "she's at", "we are at"). */
static const char *const be_forms[] = {"am", "are", "is", "m", "re", "s", "was", "were"};

/* "7 the crescent" at s[i], b the start of the spaces before it: a house
 * number and "the" and a street type of the_types[], at the end of a
 * clause ("send it to 4 the green, oakham") or after "at" after a form of
 * be ("i'm at 7 the crescent most days") -- not a time ("at 7 the road was
 * closed", "at 7 the drive was icy"): its end, or 0. */
static size_t the_street_at(const char *s, size_t n, size_t i, size_t b)
{
	static const char *const the[] = {"the"}, *const at[] = {"at"};
	size_t j = digits_end(s, n, i, 4), e, k;
	if (j < n && is_alpha(s[j]) && (j + 1 >= n || !is_alnum(s[j + 1])))
		j++; /* "7a" */
	if (j + 1 >= n || s[j] != ' ' || !WORD_IS(s, n, j + 1, the, &e) || e + 1 >= n || s[e] != ' ' ||
	    !WORD_IS(s, n, e + 1, the_types, &e))
		return 0;
	k = skip_spaces(s, n, e);
	if (k >= n || strchr(".,;:!?)\n\r", s[k]))
		return e;
	return b > 0 && prev_word_is(s, n, i, at, 1, &j) &&
	               prev_word_is(s, n, j, be_forms, sizeof be_forms / sizeof be_forms[0], &k)
	           ? e
	           : 0;
}

/* A street address at s[i]: house number (12, 5a; a comma may follow) and
 * one to three capitalised words (any_case: any words, after "I live at",
 * "my address is") ("St." among them), the last of which
 * (not the first) is a street type: the end, or 0.  Two street types in a
 * row are both taken ("Court Road").  A number and a unit is a distance or
 * a time ("a 40 MINUTE WALK", "24 Hour Walk In Centre"), and "Walk In" no
 * street. */
static size_t address_at(const char *s, size_t n, size_t i, int how)
{
	int any_case = how != ADDR_CAPS, uncued = how == ADDR_UNCUED;
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
		if (uncued) {
			if (words > 2 || WORD_IS(s, n, j, not_street_words, &te))
				return 0; /* "2 buses along the main road", "on the way" */
			static const char *const lanes[] = {"lane", "way"};
			if (words == 0 && WORD_IS(s, n, j, lanes, &te) && te == e)
				return 0; /* "it's 2 way street", "a 4 lane road" */
			if (words > 0 && WORD_IS(s, n, j, weak_types, &te) && te == e) {
				/* "oak close." -- not "3 wards close.", "close by" */
				static const char *const saint[] = {"saint", "st"};
				size_t pe = j - 1, pb = pe, k;
				while (pb > 0 && is_alpha(s[pb - 1]))
					pb--;
				int plural = pe - pb > 2 && lower((unsigned char)s[pe - 1]) == 's' &&
				             lower((unsigned char)s[pe - 2]) != 's' &&
				             !(pb > 0 && prev_word_is(s, n, pb, saint, 2, &k)); /* "st johns close" */
				if (plural || (e < n && !strchr(".,;!?\n\r", s[e])))
					return 0;
				return e;
			}
			if (words > 0 && WORD_IS(s, n, j, street_types, &te) && te == e &&
			    !WORD_IS(s, n, j, strong_types, NULL))
				return 0; /* "2 nurses walk", "3 beds view" */
		}
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
	return address_at(s, n, i, ADDR_CAPS);
}

size_t vpr_address_any_case_at(const char *s, size_t n, size_t i)
{
	return address_at(s, n, i, ADDR_ANY);
}

size_t vpr_address_lower_at(const char *s, size_t n, size_t i)
{
	size_t b = spaces_back(s, i), k;
	if (b > 0 && !strchr(",.;:!?(\n\r", s[b - 1]) &&
	    !(b < i && prev_word_is(s, n, i, address_before,
	                            sizeof address_before / sizeof address_before[0], &k) &&
	      letters_end(s, n, k) == b))
		return 0; /* "waited 2 ...", "a 2 lane road", "the 47 bus" */
	size_t e = address_at(s, n, i, ADDR_UNCUED);
	return e ? e : the_street_at(s, n, i, b);
}

/* Words that end a building's name after "flat 3 the ...": "the maltings"
 * is one word, "the old mill" two. */
static const char *const building_words[] = {
	"apartments", "building", "buildings", "court", "cottages", "flats", "hall", "heights",
	"house", "lodge", "mansions", "mill", "place", "tower", "towers", "wharf", "yard",
};

size_t vpr_building_at(const char *s, size_t n, size_t i)
{
	static const char *const the[] = {"the"};
	size_t j = i, e, k, end = 0;
	if (WORD_IS(s, n, j, the, &e) && e + 1 < n && s[e] == ' ') {
		/* "the maltings", "the old mill": one word, and building words */
		j = e + 1;
		for (int words = 0; words < 3; words++) {
			if ((e = word_at(s, n, j, 1)) == 0 || WORD_IS(s, n, j, not_street_words, &k) ||
			    WORD_IS(s, n, j, units, &k) ||
			    (words > 0 && !(WORD_IS(s, n, j, building_words, &k) && k == e)))
				break;
			end = e;
			if (e + 1 >= n || s[e] != ' ')
				break;
			j = e + 1;
		}
		return end;
	}
	/* "Oak House", "Riverside Court Apartments": capitalised, ending in a
	 * building word */
	for (int words = 0; words < 3; words++) {
		if ((e = word_at(s, n, j, 0)) == 0 || WORD_IS(s, n, j, not_street_words, &k))
			break;
		if (words > 0 && WORD_IS(s, n, j, building_words, &k) && k == e)
			end = e;
		if (e + 1 >= n || s[e] != ' ')
			break;
		j = e + 1;
	}
	return end;
}
