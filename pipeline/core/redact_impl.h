/* redact_impl.h - what the parts of vp_redact share (core only; not
 * installed): redact.c (the types, what the detectors read, the pass over
 * a text, the public API), redact_email.c (e-mail addresses),
 * redact_digits.c (phone, NHS and National Insurance numbers, postcodes
 * split over a line, dates), redact_address.c (street addresses), redact_names.c (a name
 * after its cue) and redact_cue.c (the cue words and what follows them).
 * The detectors (vpr_*_at) read a text s[0..n) from s[i] and return the
 * end of what they found, or 0. */
#ifndef VOXPOP_REDACT_IMPL_H
#define VOXPOP_REDACT_IMPL_H

#include <stddef.h>

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
/* A lowercase surname on the list (given's "surname" lines; with words
 * also one that is a word too) at s[j]: its end, or 0. */
size_t vpr_lower_surname_at(const char *s, size_t n, size_t j, const vp_given_names *given,
                            int words);
/* A given name run together with its surname, both on the list, at s[i]
 * ("sarahjones", "Sarahjones"): the word's end, or 0. */
size_t vpr_run_together_at(const char *s, size_t n, size_t i, const vp_given_names *given);

/* ---- redact_cue.c: the cue words and what follows them --------------------- */

/* vpr_maybe_cue: a word of len letters starting with c (any case) might
 * be a cue word -- asked of every word, so inline, before the word is
 * copied; vpr_cue_at: what follows the cue word s[i..e) (w), into *h. */
extern const unsigned short vpr_cue_lengths[26];
static inline int vpr_maybe_cue(int c, size_t len)
{
	unsigned f = (unsigned)lower((unsigned char)c) - 'a';
	return f < 26 && len < 16 && (vpr_cue_lengths[f] >> len & 1);
}
int vpr_cue_at(const char *s, size_t n, size_t i, size_t e, const char *w, struct scan *sc,
               struct hit *h);
/* vpr_uncued_at: a name no cue word comes before, at the capitalised word
 * s[i]: a writer's own at the start of a sentence before "here" ("Sarah
 * here, I wanted"), a signature after a dash ("... - Jo Bloggs"), or with
 * sc->given a name whose first word is on the list ("Thanks [name] and
 * all the team"; one that is a word too where a name is signed or
 * thanked: "Thanks, [name]" for Grace, not "Grace period"). */
int vpr_uncued_at(const char *s, size_t n, size_t i, struct scan *sc, struct hit *h);
/* vpr_asked_for_at: with sc->given, a name after "ask for", "speak to",
 * "talk to" (with) at s[i], a lowercase given name on the list among
 * them ("call me back and ask for jane"). */
int vpr_asked_for_at(const char *s, size_t n, size_t i, struct scan *sc, struct hit *h);

#endif
