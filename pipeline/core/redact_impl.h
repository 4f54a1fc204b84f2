/* redact_impl.h - what the parts of vp_redact share (core only; not
 * installed): redact.c (the types, what the detectors read, the pass over
 * a text, the public API), redact_email.c (e-mail addresses),
 * redact_digits.c (phone, NHS and National Insurance numbers, postcodes
 * split over a line, dates), redact_address.c (street addresses), redact_names.c (a name
 * after its cue), redact_cue.c (the cue words and what follows them) and
 * redact_given.c (the list of given names and surnames).
 * The detectors (vpr_*_at) read a text s[0..n) from s[i] and return the
 * end of what they found, or 0. */
#ifndef VOXPOP_REDACT_IMPL_H
#define VOXPOP_REDACT_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "voxpop/hash.h"
#include "voxpop/redact.h"

/* ---- characters ---------------------------------------------------------- */

static inline int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline int is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static inline int is_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

static inline int is_alpha(int c)
{
	return is_upper(c) || is_lower(c);
}

static inline int is_alnum(int c)
{
	return is_digit(c) || is_alpha(c);
}

static inline int lower(int c)
{
	return is_upper(c) ? c - 'A' + 'a' : c;
}

static inline int is_local(int c)
{
	return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
}

static inline int is_domain(int c)
{
	return is_alnum(c) || c == '-' || c == '.';
}

/* A right single quote (U+2019) at s[i]: 3, an ASCII apostrophe: 1, else 0. */
static inline size_t apostrophe(const char *s, size_t n, size_t i)
{
	if (i < n && s[i] == '\'')
		return 1;
	if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
	    (unsigned char)s[i + 2] == 0x99)
		return 3;
	return 0;
}

/* One blank between digit groups at s[i]: a space or tab or a line break
 * (\n, \r\n).  Its length, else 0; *brk says whether it was a line
 * break.  (No wide or zero-width space is there to read: the detectors'
 * view reads no-break, thin and narrow spaces as ' ' and a zero-width one
 * as nothing, vp_utf8_read_as.) */
static inline size_t blank_at(const char *s, size_t n, size_t i, int *brk)
{
	*brk = 0;
	if (i >= n)
		return 0;
	if (s[i] == ' ' || s[i] == '\t')
		return 1;
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
static inline size_t gap_end(const char *s, size_t n, size_t i)
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

/* Spaces from s[i] (the view's: a wide space reads as ' '): the end of
 * the run. */
static inline size_t skip_spaces(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* End of the ASCII letters from s[i]. */
static inline size_t letters_end(const char *s, size_t n, size_t i)
{
	while (i < n && is_alpha(s[i]))
		i++;
	return i;
}

/* Digits from s[i], at most max: the end (i if none). */
static inline size_t digits_end(const char *s, size_t n, size_t i, size_t max)
{
	size_t j = i;
	while (j < n && j - i < max && is_digit(s[j]))
		j++;
	return j;
}

/* Back from s[i] over spaces and tabs: where they start. */
static inline size_t spaces_back(const char *s, size_t i)
{
	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
		i--;
	return i;
}

/* s[i..e) lowercased into w (size 24); 0 if too long. */
static inline int lower_word(const char *s, size_t i, size_t e, char *w)
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
static inline int in_list(const char *w, const char *const *list, size_t n)
{
	return list_find(w, list, n) >= 0;
}

#define IN(w, list) in_list((w), (list), sizeof(list) / sizeof(list)[0])

/* The word at s[i..) (ASCII letters), lowercased, is in list. */
static inline int word_is(const char *s, size_t n, size_t i, const char *const *list,
                          size_t ln, size_t *end)
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

/* The word before s[i] (skipping spaces and one comma): its start, *e its end. */
static inline int prev_word(const char *s, size_t i, size_t *b, size_t *e)
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

/* The word before s[i] is in list (*b: its start). */
static inline int prev_word_is(const char *s, size_t n, size_t i, const char *const *list,
                               size_t ln, size_t *b)
{
	size_t e;
	return prev_word(s, i, b, &e) && e <= n && word_is(s, e, *b, list, ln, NULL);
}

/* ---- word lists more than one part reads ---------------------------------- */

/* Titles and roles that may come before a name: "Dr Patel", "nurse Kelly". */
static const char *const titles[] = {
	"consultant", "dame", "doctor", "dr", "gp", "hca", "lord", "matron", "midwife", "miss", "mr",
	"mrs", "ms", "mx", "nurse", "paramedic", "pharmacist", "physio", "physiotherapist",
	"practitioner", "prof", "professor", "receptionist", "registrar", "rev", "reverend",
	"sir", "sister", "surgeon", "therapist",
};

/* Possessives and family roles: "my son Jack", "our daughter Grace"; and
 * the people a patient names as family ("my neighbour bob", "my mate dave",
 * "my lodger tom"; "fiancé" with its accent: redact_cue.c's family_at). */
static const char *const possessives[] = {"her", "his", "my", "our", "their", "your"};
static const char *const family[] = {
	"aunt", "auntie", "aunty", "baby", "boy", "boyfriend", "brother", "carer", "child",
	"cousin", "dad", "daddy", "daughter", "father", "fiance", "fiancee", "flatmate", "friend",
	"girl", "girlfriend", "gran", "grandad", "granddad", "granddaughter", "grandfather",
	"grandma", "grandmother", "grandpa", "grandson", "granny", "housemate", "husband",
	"lodger", "mam", "mate", "mom", "mother", "mum", "mummy", "nan", "nana", "nanna",
	"neighbor", "neighbour", "nephew", "niece", "partner", "sister", "son", "stepdad",
	"stepdaughter", "stepmum", "stepson", "twin", "uncle", "wife",
};

/* Units of time and distance: "a 40 minute walk" is no address, "3rd May
 * 12 weeks early" no two-digit year. */
static const char *const units[] = {
	"day", "days", "hour", "hours", "hr", "hrs", "km", "mile", "miles", "min", "mins",
	"minute", "minutes", "month", "months", "week", "weeks", "year", "years", "yr", "yrs",
};

/* How a name is read (vpr_name_at's how). */
enum {
	NM_LOWER = 1,  /* the first word may be lowercase ("mr smith", "my name is jane") */
	NM_LOWER2 = 2, /* and the second ("my name is jane smith") */
	NM_STRONG = 4, /* after a strong title: words of not_names[] may be names */
	NM_PEER = 8,   /* after sir, dame, lord: surname_places[] make a place */
	NM_ABBR = 32,  /* after Dr, Mr, Mrs, Ms, Mx, Miss, Prof, Rev, Sir, Dame, Lord */
	NM_CAPS = 16,  /* the comment is written in capitals (caps_name_at) */
	NM_AND = 64,   /* in capitals, the cue comes after AND or & ("JONES AND NURSE
	                * KELLY WERE"): a plural verb may follow the name */
	NM_LTITLE = 128, /* after dr, mr, mrs, ms, mx, prof (drs, messrs, profs) in any
	                  * case: a lowercase first word is a name unless a word
	                  * that follows those titles as nouns ("dr smith", not "dr
	                  * appointment"; redact_names.c's after_title_words[]) */
	NM_FAMILY = 256, /* after a family cue ("my son"): a lowercase given name
	                  * that is a word too is one before on, at, and, is,
	                  * was, has, had, 's, a stop or the end ("my son will on
	                  * 0770...", not "my son will be fine") */
	NM_ROLE = 512,   /* after a title or role ("the receptionist"): such a
	                  * name is one before is, was, has, had, 's ("the
	                  * receptionist sue was rude", not "the nurse will ring") */
};

/* A detection: type and span. */
struct hit {
	int type;
	size_t start, end;
};

/* What one comment's scan remembers (redact_view's; all zero but caps). */
struct scan {
	int caps;        /* caps_of's memo, -1 until worked out */
	size_t no_at;    /* vpr_email_at's */
	size_t no_words; /* vpr_words_email_at's: no address starts before this */
	size_t list_end; /* a plural title's or a sign-off's names ("Drs Patel and
	                  * Khan", "From Sarah and Tom") run to here */
	unsigned list_how; /* and are read so (vpr_name_at's how) */
	/* or, when npend is not 0, the names found with the one before
	 * them ("jo and [ami] on ward 7": staff_names) are pend_s[k] ..
	 * pend_e[k] for k from ipend to npend, all before list_end (detect
	 * reads them at their starts) */
	size_t pend_s[3], pend_e[3];
	unsigned npend, ipend;
	size_t back_at; /* a job or workplace word's start whose names before it
	                 * were found (vpr_cue_at): the scan goes back to them,
	                 * and at it again looks back no more */
	const vp_given_names *given; /* the redactor's list of given names, or NULL */
};

/* ---- redact_email.c: e-mail addresses, as written and spelt out ------------ */

/* vpr_email_at: *start where it begins; *no_at and vpr_words_email_at's
 * *memo are struct scan's.  vpr_has_dot_word, vpr_has_at_domain,
 * vpr_has_spelt_at: whether a text holds the word " dot ", " at " before
 * a dotted domain ("at gmail.com") or "(at)" at all (redact.c's text_has). */
size_t vpr_email_at(const char *s, size_t n, size_t i, size_t *start, size_t *no_at);
size_t vpr_words_email_at(const char *s, size_t n, size_t i, size_t *start, size_t *memo);
int vpr_has_dot_word(const char *s, size_t n);
int vpr_has_at_domain(const char *s, size_t n);
int vpr_has_spelt_at(const char *s, size_t n);

/* ---- redact_digits.c: phone and NHS numbers, postcodes, dates ------------- */

/* vpr_phone_at_'s lead0: the number is written without its 0 (after a
 * phone cue); vpr_ten_digits_at puts the digits in d[0..10). */
size_t vpr_phone_at_(const char *s, size_t n, size_t i, int lead0);
size_t vpr_phone_at(const char *s, size_t n, size_t i);
int vpr_nhs_valid(const char *d);
/* A number read out in words at s[i] -- digit words (zero, oh, o, nought,
 * nil, one .. nine), "double" and "triple" before one, digit groups, apart
 * by blanks, a comma or a hyphen, a digit word at least -- of ten
 * digits or more: a phone number (a 0 first, or 44; or ten digits from a
 * 7, a mobile without its 0) or an NHS number (ten passing its check),
 * *type which.  Its end, or 0. */
size_t vpr_number_words_at(const char *s, size_t n, size_t i, int *type);
/* w[0..len) in any case is the lowercase word[0..len)? */
static inline int same_lower(const char *w, const char *word, size_t len)
{
	for (size_t k = 0; k < len; k++)
		if (lower((unsigned char)w[k]) != word[k])
			return 0;
	return 1;
}

/* IS(word): w[0..len) is word, in any case (vpr_digit_word's and
 * vpr_times_word's). */
#define IS(word) (len == sizeof word - 1 && same_lower(w, word, len))

/* The letters w[0..len) (any case) are a digit word (zero, oh, o, nought,
 * nil, one .. nine): its digit, else 0.  Asked at every short word, so by
 * first letter and length, nothing copied, no list searched. */
static inline char vpr_digit_word(const char *w, size_t len)
{
	switch (lower((unsigned char)w[0])) {
	case 'e':
		return IS("eight") ? '8' : 0;
	case 'f':
		return IS("five") ? '5' : IS("four") ? '4' : 0;
	case 'n':
		return IS("nine") ? '9' : IS("nil") || IS("nought") ? '0' : 0;
	case 'o':
		return IS("o") || IS("oh") ? '0' : IS("one") ? '1' : 0;
	case 's':
		return IS("seven") ? '7' : IS("six") ? '6' : 0;
	case 't':
		return IS("three") ? '3' : IS("two") ? '2' : 0;
	case 'z':
		return IS("zero") ? '0' : 0;
	default:
		return 0;
	}
}

/* The letters w[0..len) (any case) are "double" (2) or "triple" (3), else 0. */
static inline int vpr_times_word(const char *w, size_t len)
{
	return IS("double") ? 2 : IS("triple") ? 3 : 0;
}
#undef IS

/* The word s[i..e) (letters_end's) may start such a number: it is a digit
 * word, "double" or "triple" -- asked before the call at every short word,
 * so first by a table of the lengths those words have for each first
 * letter (bit l: l letters), no branch on the letter. */
static inline int vpr_maybe_number_word(const char *s, size_t i, size_t e)
{
	static const unsigned char lengths[26] = {
		['d' - 'a'] = 1 << 6,                     /* double */
		['e' - 'a'] = 1 << 5,                     /* eight */
		['f' - 'a'] = 1 << 4,                     /* five, four */
		['n' - 'a'] = 1 << 3 | 1 << 4 | 1 << 6,   /* nil, nine, nought */
		['o' - 'a'] = 1 << 1 | 1 << 2 | 1 << 3,   /* o, oh, one */
		['s' - 'a'] = 1 << 3 | 1 << 5,            /* six, seven */
		['t' - 'a'] = 1 << 3 | 1 << 5 | 1 << 6,   /* two, three, triple */
		['z' - 'a'] = 1 << 4,                     /* zero */
	};
	if (e <= i || e - i > 6)
		return 0;
	unsigned f = (unsigned)lower((unsigned char)s[i]) - 'a';
	return f < 26 && (lengths[f] >> (e - i) & 1) &&
	       (vpr_digit_word(s + i, e - i) || vpr_times_word(s + i, e - i));
}
size_t vpr_ten_digits_at(const char *s, size_t n, size_t i, char *d);
size_t vpr_nhs_at(const char *s, size_t n, size_t i);
size_t vpr_postcode_wide_at(const char *s, size_t n, size_t i);
size_t vpr_postcode_split_at(const char *s, size_t n, size_t i);
/* A postcode spelt out a character at a time: "L E 1 5 W W". */
size_t vpr_postcode_spelt_at(const char *s, size_t n, size_t i);
size_t vpr_run_date_at(const char *s, size_t n, size_t i);
/* A National Insurance number at s[i] ("QQ 12 34 56 C", "qq123456c"); with
 * cued (after "NI number") also without its letter, and after a word. */
size_t vpr_ni_at(const char *s, size_t n, size_t i, int cued);
size_t vpr_date_at(const char *s, size_t n, size_t i, int spaced_yy);

/* ---- redact_address.c: a street address from its house number ------------- */

size_t vpr_address_at(const char *s, size_t n, size_t i);
/* The same in any case ("14 acacia avenue"): only after an address cue. */
size_t vpr_address_any_case_at(const char *s, size_t n, size_t i);
/* The same in any case with no cue (redact_address.c says where): "12
 * acacia avenue, oakham", "at 7 church lane". */
size_t vpr_address_lower_at(const char *s, size_t n, size_t i);
/* A building's name after a flat's number: "the maltings", "Oak House". */
size_t vpr_building_at(const char *s, size_t n, size_t i);

/* ---- redact_names.c: a name after its cue (how: NM_*) ---------------------- */

size_t vpr_caps_word_at(const char *s, size_t n, size_t i);
size_t vpr_name_at(const char *s, size_t n, size_t i, unsigned how);
size_t vpr_initials_end(const char *s, size_t n, size_t i);
size_t vpr_after_title(const char *s, size_t n, size_t i, size_t e, const char *w,
                       unsigned caps, const vp_given_names *given, size_t *ns);
/* A lowercase word at s[j] on the list of given names (given; not one that
 * is a word too; "sarah-jane" by its whole or first part), after a role or
 * family cue ("nurse jane", "my daughter sarah"): its end, or 0.  Not in a comment in capitals (how: NM_CAPS). */
size_t vpr_lower_given_at(const char *s, size_t n, size_t j, unsigned how,
                          const vp_given_names *given);
/* A name after a role, family or other cue at s[j]: vpr_name_at's, else
 * vpr_lower_given_at's; after a given name on the list (given) a
 * lowercase surname too ("nurse jane smith", "Nurse Jane smith").  Its
 * end, or 0. */
size_t vpr_cued_name_at(const char *s, size_t n, size_t j, unsigned how,
                        const vp_given_names *given);
int vpr_org_words_in(const char *s, size_t n, size_t i, size_t e);
/* The words from s[e] (after a name) say what only a person does or is:
 * "helped", "rang", "was kind" ("Sarah Ward was kind", "sue from the
 * ward rang me"). */
int vpr_said_of_person(const char *s, size_t n, size_t e);
/* After a lowercase given name that is a word too, s[j..w), after a cue
 * (how: NM_FAMILY, NM_ROLE), what shows it is the name: is, was, has,
 * had, 's, a past (and after a family cue more: redact_names.c). */
int vpr_word_name_follows(const char *s, size_t n, size_t j, size_t w, unsigned how);
/* The lowercase word w (letters, apostrophes, hyphens) is no name after a
 * lowercase title: a function word, one of the words that follow dr, mr,
 * ms as nouns, verbs or adverbs ("appointment", "rang", "back", "today"),
 * or one ending n't.  For "a nurse called mo" (redact_cue.c) too. */
int vpr_no_name_after_title(const char *w);
/* A lowercase surname on the list (given's "surname" lines; with words
 * also one that is a word too) at s[j]: its end, or 0. */
size_t vpr_lower_surname_at(const char *s, size_t n, size_t j, const vp_given_names *given,
                            int words);
/* A given name run together with its surname, both on the list, at s[i]
 * ("sarahjones", "Sarahjones"; e: letters_end's, the end of its letters):
 * the word's end, or 0. */
size_t vpr_run_together_at(const char *s, size_t n, size_t i, size_t e,
                           const vp_given_names *given);

/* ---- redact_given.c: the list of given names and surnames ------------------ */

/* w[0..n) (any case) is on the list g at all, as a given name or a
 * surname of any kind: one lookup, where vp_given_name and vp_surname
 * would take two. */
int vpr_name_listed(const vp_given_names *g, const char *w, size_t n);

/* Three lowercase letters as a number below 26^3 (tri_of). */
#define TRI (26 * 26 * 26)

struct vp_given_names {
	vp_strmap names; /* each name lowercased -> its kinds: VP_GIVEN_NAME or
	                  * VP_GIVEN_WORD, and as a surname (SURNAME_SHIFT) */
	/* by a name's first three letters (tri_of) the lengths (bit l: l
	 * letters, below 16) of the given names (of either kind) that start
	 * with them, by its last three those of the surnames that end with
	 * them: where a word run together (vpr_run_together_at) may split */
	uint16_t given_len[TRI];
	uint32_t surname_len[TRI];
	/* the given names of two letters ("Jo", "Mo"): bit b of given2[a]
	 * for the letters a, b (0-25) */
	uint32_t given2[26];
};

/* w[0..3) (ASCII letters, any case) as a number below TRI, or -1 when
 * one is no letter. */
static inline long tri_of(const char *w)
{
	unsigned a = (unsigned)lower((unsigned char)w[0]) - 'a',
	         b = (unsigned)lower((unsigned char)w[1]) - 'a',
	         c = (unsigned)lower((unsigned char)w[2]) - 'a';
	return a < 26 && b < 26 && c < 26 ? (long)((a * 26 + b) * 26 + c) : -1;
}

/* The letters w[0..n) (any case) may be a given name on the list g: a
 * name of two letters with them, or one of n letters (3 to 15) starting
 * with their first three -- a look at one table, no lookup, before the
 * scan asks the list at a word no cue comes before (vpr_staff_named_at).
 * 0: it is not. */
static inline int vpr_given_maybe(const vp_given_names *g, const char *w, size_t n)
{
	long f;
	if (n == 2) {
		unsigned a = (unsigned)lower((unsigned char)w[0]) - 'a',
		         b = (unsigned)lower((unsigned char)w[1]) - 'a';
		return a < 26 && b < 26 && (g->given2[a] >> b & 1);
	}
	return n >= 16 || (n >= 3 && (f = tri_of(w)) >= 0 && (g->given_len[f] >> n & 1));
}

/* Where the letters w[0..n) (any case) might split into a given name on
 * the list, three to ten letters, and a surname on it, three letters at
 * least: bit k set when some given name of k letters starts with w's
 * first three letters and some surname of n - k letters ends with its
 * last three.  0: no split can (vpr_run_together_at looks up only these;
 * the scan asks at every long lowercase word, before the call). */
static inline unsigned vpr_run_together_splits(const vp_given_names *g, const char *w, size_t n)
{
	long f, l;
	unsigned gl;
	uint32_t sl, splits = 0;
	if (!g || n < 6 || n >= 32 || (f = tri_of(w)) < 0 ||
	    (gl = g->given_len[f] & 0x7f8u) == 0 || /* three to ten letters */
	    (l = tri_of(w + n - 3)) < 0 || (sl = g->surname_len[l]) == 0)
		return 0;
	for (unsigned k = 3; gl >> k && k + 3 <= n; k++)
		if ((gl >> k & 1) && (sl >> (n - k) & 1))
			splits |= 1u << k;
	return splits;
}

/* ---- redact_cue.c: the cue words and what follows them --------------------- */

/* vpr_maybe_cue: the word s[i..e) (letters, any case) might be a cue
 * word -- by its first letter, length and last letter; asked of every
 * word, so inline, before the word is copied (vpr_cue_ends_cover: 1 when
 * every cue word passes, for test_redact); vpr_cue_at: what follows the
 * cue word s[i..e) (w), into *h. */
extern const uint32_t vpr_cue_ends[26][16], vpr_staff_cue_ends[26][16];
static inline int vpr_maybe_cue(const char *s, size_t i, size_t e)
{
	if (e <= i || e - i >= 16)
		return 0;
	unsigned f = (unsigned)lower((unsigned char)s[i]) - 'a';
	unsigned l = (unsigned)lower((unsigned char)s[e - 1]) - 'a';
	return f < 26 && l < 26 &&
	       ((vpr_cue_ends[f][e - i] | vpr_staff_cue_ends[f][e - i]) >> l & 1);
}
int vpr_cue_ends_cover(void);
int vpr_cue_at(const char *s, size_t n, size_t i, size_t e, const char *w, struct scan *sc,
               struct hit *h);
/* vpr_uncued_at: a name no cue word comes before, at the capitalised word
 * s[i]: a writer's own at the start of a sentence before "here" ("Sarah
 * here, I wanted"), a signature after a dash ("... - Jo Bloggs"), or with
 * sc->given a name whose first word is on the list ("Thanks [name] and
 * all the team"; one that is a word too where a name is signed or
 * thanked: "Thanks, [name]" for Grace, not "Grace period"). */
int vpr_uncued_at(const char *s, size_t n, size_t i, struct scan *sc, struct hit *h);
/* vpr_asked_for_at: with sc->given, a name after "ask for", "asked for",
 * "speak to", "talk to" (with) at s[i], a lowercase given name on the
 * list among them ("call me back and ask for jane"; one that is a word
 * too before the end of a sentence, "or" or a workplace: "ask for sue",
 * "ask for mo at the desk"); only where vpr_maybe_lower_name (below),
 * which the scan asks first, says MAYBE_ASKED. */
int vpr_asked_for_at(const char *s, size_t n, size_t i, struct scan *sc, struct hit *h);

/* vpr_staff_named_at: with sc->given, a lowercase given name on the list
 * at s[i..e) (letters) starting a sentence, where vpr_maybe_lower_name
 * says MAYBE_START, before is, was, has, had or a past ("[name] was
 * great", "[name] helped me"), or names joined to it before were, are
 * ("[name] and [name] were great": the others left in sc for detect).
 * (A name before its job or workplace, "[name] the nurse", "[name] on
 * reception", is found at the job or place word: vpr_cue_at.) */
int vpr_staff_named_at(const char *s, size_t n, size_t i, size_t e, struct scan *sc,
                       struct hit *h);

/* vpr_praised_at: with sc->given, a lowercase given name on the list at
 * s[i..e) (letters) praised by name with no thanks: after well done (to),
 * credit to, (special) mention (to), shout out to, kudos (to) ("well done
 * [name]", "credit to [name]"); one that is a word too only before the
 * end of a sentence, a comma, and or for, and not grace, hope, faith, joy,
 * patience ("credit to hope" stays).  Only where the scan's look at
 * the bytes before it (redact.c's detect: to, done, mention, kudos) finds
 * such a word. */
int vpr_praised_at(const char *s, size_t n, size_t i, size_t e, struct scan *sc, struct hit *h);

/* vpr_addressed_at: with sc->given, a lowercase given name on the list
 * s[i..e) (e: letters_end's) addressed to its bearer: after a comma at
 * the end of a sentence ("call me back on 07700 900123, sue"; one that is
 * a word too, not a month or praise: "in march, april, may", "when i
 * struggled, angel" stay), or at a
 * sentence's start before a comma ("jo, thank you for everything"; one
 * that is a word too only before you, thank, thanks).  Only where
 * vpr_maybe_lower_name (below), which the scan asks first, says
 * MAYBE_ADDRESSED. */
int vpr_addressed_at(const char *s, size_t n, size_t i, size_t e, struct scan *sc, struct hit *h);

/* What a lowercase name read on the list ends at, s[e]: no letter or
 * digit, nor a byte that may start one beyond ASCII ("josé" is not
 * looked up as "jos") -- but an emoji, a symbol or a curly quote (a lead
 * byte 0xE2, 0xEF, 0xF0: "thanks jo\U0001F60A", "jo\u2764 on reception",
 * "jo\u2019s") ends it as a space does. */
static inline int name_ends_at(const char *s, size_t n, size_t e)
{
	unsigned char c = e < n ? (unsigned char)s[e] : 0;
	return e >= n || (!is_alnum(c) && (c < 0x80 || c == 0xE2 || c == 0xEF || c == 0xF0));
}

/* The emoji and symbols from s[k] (characters whose lead byte is 0xE2,
 * 0xEF or 0xF0: "jo\u2764\uFE0F on reception"), eight at most: their end. */
static inline size_t symbols_end(const char *s, size_t n, size_t k)
{
	for (int m = 0; m < 8 && k < n; m++) {
		unsigned char c = (unsigned char)s[k];
		size_t len = c == 0xF0 ? 4 : c == 0xE2 || c == 0xEF ? 3 : 0;
		if (!len || k + len > n)
			break;
		k += len;
	}
	return k;
}

/* c ends a sentence: a stop, '!', '?' or a line break. */
static inline int ends_sentence(int c)
{
	/* one test: the five are below 64 (asked at every lowercase word) */
	return (unsigned)c < 64 &&
	       ((1ull << '.' | 1ull << '!' | 1ull << '?' | 1ull << '\n' | 1ull << '\r') >> c & 1);
}

/* A letter's bit in prev_word_ends's last. */
#define LETTER(c) (1u << ((c) - 'a'))

/* The word before the spaces and commas that start at s[j] (prev_word's)
 * ends in a letter of last (LETTER's bits, in any case) and is min to max
 * letters long: 1, *b its start.  At most max + 1 letters are read. */
static inline int prev_word_ends_from(const char *s, size_t j, unsigned last, size_t min,
                                      size_t max, size_t *b)
{
	if (j == 0 || !is_alpha(s[j - 1]) || !(last >> (lower((unsigned char)s[j - 1]) - 'a') & 1))
		return 0;
	size_t k = j - 1;
	while (k > 0 && j - k <= max && is_alpha(s[k - 1]))
		k--;
	if (j - k < min || j - k > max)
		return 0;
	*b = k;
	return 1;
}

/* The same from s[i], the spaces and the comma before it read first. */
static inline int prev_word_ends(const char *s, size_t i, unsigned last, size_t min, size_t max,
                          size_t *b)
{
	size_t j = i;
	while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == ','))
		j--;
	return prev_word_ends_from(s, j, last, min, max, b);
}

/* What the lowercase word s[i..e) (letters_end's) may be, read from the
 * bytes around it alone -- asked at every lowercase word, so no word is
 * copied or looked up and the spaces and commas before it are read once:
 * MAYBE_ASKED, vpr_asked_for_at may find a name there (the word before is
 * two to four letters ending in r, o or h: for, to, with; the one before
 * that three to eight ending in k, g or d: ask, speak, talk, asking,
 * asked ...); MAYBE_ADDRESSED, vpr_addressed_at may (a comma follows the
 * word and a sentence starts at it, or a comma comes before it and the
 * sentence ends after it); MAYBE_START, vpr_staff_named_at may (it
 * starts a sentence: "jo was great"). */
enum { MAYBE_ASKED = 1, MAYBE_ADDRESSED = 2, MAYBE_START = 4 };


static inline unsigned vpr_maybe_lower_name(const char *s, size_t n, size_t i, size_t e)
{
	size_t j = i, b, c, k;
	unsigned r = 0;
	while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == ','))
		j--;
	int start = j == 0 || ends_sentence((unsigned char)s[j - 1]);
	if (start) {
		if (j == i || s[j] != ',')
			r = MAYBE_START; /* "jo was great" */
	} else if (prev_word_ends_from(s, j, LETTER('r') | LETTER('o') | LETTER('h'), 2, 4, &b) &&
	           prev_word_ends(s, b, LETTER('k') | LETTER('g') | LETTER('d'), 3, 8, &c)) {
		r = MAYBE_ASKED;
	}
	if (e < n && s[e] == ',') {
		if (start)
			r |= MAYBE_ADDRESSED;
	} else if (j < i && s[j] == ',') { /* ", sue", ",sue" */
		for (k = e; k < n && s[k] == ' '; k++)
			;
		if (k >= n || ends_sentence((unsigned char)s[k]))
			r |= MAYBE_ADDRESSED;
	}
	return r;
}

#endif
