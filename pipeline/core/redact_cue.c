/* redact_cue.c - the cue words that introduce a name, an id or NI number, a date
 * of birth, a phone number without its 0 or a flat, and what follows them,
 * for redact.c's pass; and the names that come with no cue word before
 * them (vpr_uncued_at: "Sarah here, I", "... -- Sarah").  See
 * redact_impl.h. */
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "redact_impl.h"

enum {
	CUE_NONE, CUE_TITLE, CUE_POSS, CUE_I, CUE_IM, CUE_NAME, CUE_CALLED, CUE_ID, CUE_IDNUM,
	CUE_DOB, CUE_DATE, CUE_BORN, CUE_D, CUE_FLAT, CUE_BIRTH, CUE_SIGN, CUE_FROM, CUE_TITLES,
	CUE_PHONE, CUE_THANKS, CUE_ADDR, CUE_THIS, CUE_NI, CUE_STAFF
};

/* cue_words[k] is a cue of kind cue_kinds[k]. */
static const char *const cue_words[] = {
	"address", "and", "apartment", "apt", "birth", "birthdate", "birthday", "born", "call", "called",
	"cheers", "chi", "d", "date", "dob", "doctors", "drs", "faithfully", "flat", "from",
	"hospital", "i", "im", "it", "landline", "live", "lives", "living", "love", "messrs",
	"midwives", "mobile", "mrn", "name", "named", "national", "nhs", "ni", "nino", "nurses",
	"patient", "phone", "profs", "regards", "signed", "sincerely", "tel", "telephone", "thank",
	"thanks", "thanku", "thankyou", "this", "thx", "unit", "wishes", "yours",
};
/* "and" is a possessive's kind: "my son Jack and daughter Grace"; "this"
 * and "it" introduce the writer: "This is Sarah Jones writing"; "ni",
 * "national" (insurance) and "nino" an NI number */
static const unsigned char cue_kinds[] = {
	CUE_ADDR, CUE_POSS, CUE_FLAT, CUE_FLAT, CUE_BIRTH, CUE_BORN, CUE_BORN, CUE_BORN,
	CUE_CALLED, CUE_CALLED, CUE_THANKS, CUE_IDNUM, CUE_D, CUE_DATE, CUE_DOB, CUE_TITLES, CUE_TITLES,
	CUE_SIGN, CUE_FLAT, CUE_FROM, CUE_IDNUM, CUE_I, CUE_IM, CUE_THIS, CUE_PHONE, CUE_ADDR,
	CUE_ADDR, CUE_ADDR, CUE_THANKS, CUE_TITLES, CUE_TITLES, CUE_PHONE, CUE_ID, CUE_NAME,
	CUE_CALLED, CUE_NI, CUE_IDNUM, CUE_NI, CUE_NI, CUE_TITLES, CUE_IDNUM, CUE_PHONE,
	CUE_TITLES, CUE_SIGN, CUE_SIGN, CUE_SIGN, CUE_PHONE, CUE_PHONE, CUE_THANKS, CUE_THANKS,
	CUE_THANKS, CUE_THANKS, CUE_THIS, CUE_THANKS, CUE_IDNUM, CUE_THANKS, CUE_THANKS,
};
_Static_assert(sizeof cue_words / sizeof cue_words[0] == sizeof cue_kinds,
               "one kind per cue word");

/* Jobs a patient names staff by that are no title ("the porter dave",
 * "the healthcare assistant, jo"): read as titles[] after them (CUE_TITLE),
 * but not titles[] themselves -- one ends no name ("Jane Porter"), nor
 * makes vp-locate's place a person's. */
static const char *const roles[] = {
	"assistant", "carer", "cleaner", "coordinator", "cpn", "dentist", "hv", "manager", "mw",
	"optician", "porter", "sonographer", "visitor", "worker",
};

/* Jobs after a name and "the" ("jo the nurse", "dave the porter", "jo
 * the student nurse").  Lowercase, sorted. */
static const char *const staff_jobs[] = {
	"anaesthetist", "assistant", "carer", "cleaner", "clerk", "consultant", "dentist",
	"doctor", "domestic", "dr", "gp", "hca", "housekeeper", "lady", "manager", "matron",
	"midwife", "nurse", "optician", "paramedic", "pharmacist", "phlebotomist", "physio",
	"physiotherapist", "porter", "practitioner", "radiographer", "receptionist", "registrar",
	"secretary", "sister", "sonographer", "surgeon", "therapist", "volunteer",
};

/* Where staff work, after a name and on, at, in, from ("jo on reception",
 * "sue from the ward", "kate at the front desk", "jo on nights").
 * Lowercase, sorted. */
static const char *const staff_places[] = {
	"desk", "helpline", "maternity", "nights", "outpatients", "pals", "pharmacy", "physio",
	"radiology", "reception", "recovery", "switchboard", "theatre", "theatres", "triage",
	"ward", "wards", "xray",
};

/* Jobs and workplaces that are no title nor role (those of staff_jobs[]
 * and staff_places[] above that titles[] and roles[] do not hold): cue
 * words only for a name before them ("jo the domestic", "jo on
 * reception", "sue from the ward": staff_before). */
static const char *const staff_cues[] = {
	"anaesthetist", "clerk", "desk", "domestic", "helpline", "housekeeper", "lady", "maternity",
	"nights", "outpatients", "pals", "pharmacy", "phlebotomist", "radiographer", "radiology",
	"reception", "recovery", "secretary", "switchboard", "theatre", "theatres",
	"triage", "volunteer", "ward", "wards", "xray",
};

/* For each first letter a-z and length 1 to 15, the bit of a last letter c
 * (E(c)) set: some word of cue_words[], titles[], roles[] or possessives[]
 * (redact_impl.h) with that first letter and length ends in c.  A word
 * outside this table is no cue, whatever the lists say, so keep it in step
 * with them (vpr_cue_ends_cover, which test_redact's cue-word test asks,
 * fails when a word is left out).  Most words of a comment stop here,
 * before any list is searched (vpr_maybe_cue, redact_impl.h). */
#define E(c) (1u << ((c) - 'a'))
const uint32_t vpr_cue_ends[26][16] = {
	['a' - 'a'] = {[3] = E('d') | E('t'), [7] = E('s'), [9] = E('t')},
	['b' - 'a'] = {[4] = E('n'), [5] = E('h'), [8] = E('y'), [9] = E('e')},
	['c' - 'a'] = {[3] = E('i') | E('n'), [4] = E('l'), [5] = E('r'), [6] = E('d') | E('s'), [7] = E('r'), [10] = E('t'), [11] = E('r')},
	['d' - 'a'] = {[1] = E('d'), [2] = E('r'), [3] = E('b') | E('s'), [4] = E('e'), [6] = E('r'), [7] = E('s') | E('t')},
	['f' - 'a'] = {[4] = E('m') | E('t'), [10] = E('y')},
	['g' - 'a'] = {[2] = E('p')},
	['h' - 'a'] = {[2] = E('v'), [3] = E('a') | E('r') | E('s'), [8] = E('l')},
	['i' - 'a'] = {[1] = E('i'), [2] = E('m') | E('t')},
	['l' - 'a'] = {[4] = E('d') | E('e'), [5] = E('s'), [6] = E('g'), [8] = E('e')},
	['m' - 'a'] = {[2] = E('r') | E('s') | E('w') | E('x') | E('y'), [3] = E('n') | E('s'), [4] = E('s'), [6] = E('e') | E('n') | E('s'), [7] = E('e') | E('r'), [8] = E('s')},
	['n' - 'a'] = {[2] = E('i'), [3] = E('s'), [4] = E('e') | E('o'), [5] = E('d') | E('e'), [6] = E('s'), [8] = E('l')},
	['o' - 'a'] = {[3] = E('r'), [8] = E('n')},
	['p' - 'a'] = {[4] = E('f'), [5] = E('e') | E('s'), [6] = E('o') | E('r'), [7] = E('t'), [9] = E('c') | E('r'), [10] = E('t'), [12] = E('r'), [15] = E('t')},
	['r' - 'a'] = {[3] = E('v'), [7] = E('s'), [8] = E('d'), [9] = E('r'), [12] = E('t')},
	['s' - 'a'] = {[3] = E('r'), [6] = E('d') | E('r'), [7] = E('n'), [9] = E('y'), [11] = E('r')},
	['t' - 'a'] = {[3] = E('l') | E('x'), [4] = E('s'), [5] = E('k') | E('r'), [6] = E('s') | E('u'), [8] = E('u'), [9] = E('e') | E('t')},
	['u' - 'a'] = {[4] = E('t')},
	['v' - 'a'] = {[7] = E('r')},
	['w' - 'a'] = {[6] = E('r') | E('s')},
	['y' - 'a'] = {[4] = E('r'), [5] = E('s')},
};

/* The same for the words of staff_cues[] (the scan reads the two tables
 * as one; cue_kind looks for a word in staff_cues[] only when this one
 * passes it, and in the other lists only when vpr_cue_ends does: a word
 * such as "probably" that passes for "pharmacy" is looked up once). */
const uint32_t vpr_staff_cue_ends[26][16] = {
	['a' - 'a'] = {[12] = E('t')},
	['c' - 'a'] = {[5] = E('k')},
	['d' - 'a'] = {[4] = E('k'), [8] = E('c')},
	['h' - 'a'] = {[8] = E('e'), [11] = E('r')},
	['l' - 'a'] = {[4] = E('y')},
	['m' - 'a'] = {[9] = E('y')},
	['n' - 'a'] = {[6] = E('s')},
	['o' - 'a'] = {[11] = E('s')},
	['p' - 'a'] = {[4] = E('s'), [8] = E('y'), [12] = E('t')},
	['r' - 'a'] = {[8] = E('y'), [9] = E('n') | E('y'), [12] = E('r')},
	['s' - 'a'] = {[9] = E('y'), [11] = E('d') | E('r')},
	['t' - 'a'] = {[6] = E('e'), [7] = E('e'), [8] = E('s')},
	['v' - 'a'] = {[9] = E('r')},
	['w' - 'a'] = {[4] = E('d'), [5] = E('s')},
	['x' - 'a'] = {[4] = E('y')},
};
#undef E

static int cue_kind(const char *w, size_t len);

int vpr_cue_ends_cover(void)
{
	static const char *const *const lists[] = {cue_words, titles, possessives, roles, staff_cues};
	static const size_t sizes[] = {sizeof cue_words / sizeof cue_words[0],
	                               sizeof titles / sizeof titles[0],
	                               sizeof possessives / sizeof possessives[0],
	                               sizeof roles / sizeof roles[0],
	                               sizeof staff_cues / sizeof staff_cues[0]};
	for (size_t l = 0; l < 5; l++)
		for (size_t k = 0; k < sizes[l]; k++) {
			const char *w = lists[l][k];
			size_t len = strlen(w);
			const uint32_t(*t)[16] = l < 4 ? vpr_cue_ends : vpr_staff_cue_ends;
			if (!vpr_maybe_cue(w, 0, len) || len >= 16 || !(t[w[0] - 'a'][len] >> (w[len - 1] - 'a') & 1))
				return 0;
		}
	/* a job or workplace the scan does not read as a cue never starts the
	 * look back for a name before it (staff_before): staff_cues[] holds
	 * those titles[] and roles[] do not */
	static const char *const *const staff[] = {staff_jobs, staff_places};
	static const size_t nstaff[] = {sizeof staff_jobs / sizeof staff_jobs[0],
	                                sizeof staff_places / sizeof staff_places[0]};
	for (size_t l = 0; l < 2; l++)
		for (size_t k = 0; k < nstaff[l]; k++)
			if (cue_kind(staff[l][k], strlen(staff[l][k])) == CUE_NONE)
				return 0;
	return 1;
}

static int cue_kind(const char *w, size_t len)
{
	unsigned f = (unsigned)w[0] - 'a', l = (unsigned)w[len - 1] - 'a';
	if (f >= 26 || l >= 26 || len >= 16)
		return CUE_NONE;
	if (vpr_staff_cue_ends[f][len] >> l & 1 && IN(w, staff_cues))
		return CUE_STAFF;
	if (!(vpr_cue_ends[f][len] >> l & 1))
		return CUE_NONE; /* "probably": passed for "pharmacy" */
	long k = list_find(w, cue_words, sizeof cue_words / sizeof cue_words[0]);
	if (k >= 0)
		return cue_kinds[k];
	if (IN(w, titles))
		return CUE_TITLE;
	if (IN(w, possessives))
		return CUE_POSS;
	if (IN(w, roles)) /* last: the possessives are far more often read */
		return CUE_TITLE;
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

/* One word allowed between the possessive and the role: "my late husband",
 * "my best friend", "my upstairs neighbour" (and "next door": family_adj_end). */
static const char *const family_adj[] = {
	"baby", "best", "close", "closest", "dear", "disabled", "downstairs", "elderly",
	"eldest", "good", "late", "little", "lovely", "main", "new", "old", "older", "oldest",
	"poor", "step", "twin", "upstairs", "young", "younger", "youngest",
};

/* What may come between the possessive and the family word at s[j]: a
 * word of family_adj[], or "next door", "next-door" ("my next door
 * neighbour bob").  Its end, or 0. */
static size_t family_adj_end(const char *s, size_t n, size_t j)
{
	static const char *const next[] = {"next"}, *const door[] = {"door"};
	size_t t, k;
	if (WORD_IS(s, n, j, family_adj, &t))
		return t;
	if (j >= n || lower((unsigned char)s[j]) != 'n' || !WORD_IS(s, n, j, next, &t) || t >= n ||
	    (s[t] != ' ' && s[t] != '-'))
		return 0;
	k = s[t] == '-' ? t + 1 : skip_spaces(s, n, t);
	return WORD_IS(s, n, k, door, &t) ? t : 0;
}

/* Fiancé, fiancée written with the accent (U+00E9, U+00C9) at s[j] (*e
 * its end): family_at's, when no word of family[] is there. */
static int fiance_at(const char *s, size_t n, size_t j, size_t *e)
{
	size_t t = letters_end(s, n, j);
	if (t - j != 5 || !same_lower(s + j, "fianc", 5) || t + 1 >= n ||
	    (unsigned char)s[t] != 0xC3 || ((unsigned char)s[t + 1] != 0xA9 && (unsigned char)s[t + 1] != 0x89))
		return 0;
	t += 2;
	if (t < n && lower((unsigned char)s[t]) == 'e')
		t++;
	if (t < n && (is_alnum(s[t]) || (unsigned char)s[t] >= 0x80))
		return 0;
	*e = t;
	return 1;
}

/* A family word at s[j] (*e its end): one of family[] ("son", "lodger"),
 * one of them in law ("sister-in-law", "son-in-law"), or fiancé, fiancée
 * written with the accent (U+00E9, U+00C9). */
static inline int family_at(const char *s, size_t n, size_t j, size_t *e)
{
	size_t t;
	if (WORD_IS(s, n, j, family, &t)) {
		if (t + 7 <= n && s[t] == '-' && same_lower(s + t + 1, "in-law", 6) &&
		    (t + 7 == n || !is_alnum(s[t + 7])))
			t += 7;
		*e = t;
		return 1;
	}
	if (j + 7 > n || lower((unsigned char)s[j]) != 'f')
		return 0;
	return fiance_at(s, n, j, e);
}

/* Family words in the plural: a list of names may follow ("my kids tom
 * and amy", "our twin boys Alfie and Jack"). */
static const char *const family_plural[] = {
	"boys", "brothers", "children", "daughters", "girls", "grandchildren", "granddaughters",
	"grandkids", "grandsons", "kids", "parents", "sisters", "sons", "twins",
};

/* A word of family_plural[] at s[j] (*e its end): a quick look at its last
 * letter first, an 's' or 'n' ("kids", "children"), since most words after
 * a possessive are none. */
static int plural_family_at(const char *s, size_t n, size_t j, size_t *e)
{
	size_t k = letters_end(s, n, j);
	return k > j && (s[k - 1] == 's' || s[k - 1] == 'n' || s[k - 1] == 'S' || s[k - 1] == 'N') &&
	       WORD_IS(s, n, j, family_plural, e);
}

/* Nouns for a person before "called" / "named": "a nurse called Sandra". */
static const char *const persons[] = {
	"assistant", "boy", "carer", "chap", "cleaner", "consultant", "daughter", "dentist",
	"doctor", "dr", "friend", "gentleman", "girl", "gp", "guy", "hca", "lad", "lady", "man",
	"manager", "matron", "midwife", "nurse", "optician", "paramedic", "person", "pharmacist",
	"physio", "porter", "practitioner", "receptionist", "registrar", "sister", "somebody",
	"someone", "son", "student", "surgeon", "therapist", "woman", "worker",
};

/* The capitals and small letters of s[0..n) (ASCII), added to *up and
 * *low: 16 bytes at a time where SSE2 is (caps_of reads the whole of a
 * comment with a name cue, the most bytes any part of a pass reads). */
static void count_case(const char *s, size_t n, size_t *up, size_t *low)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, cu = 0, cl = 0;
#if defined(__SSE2__) && defined(__GNUC__)
	/* c - 'A' below 26 unsigned, as a signed compare: shifted by 0x80,
	 * 'A'..'Z' are the 26 smallest bytes */
	const __m128i to_a = _mm_set1_epi8((char)(0x80 - 'A')), to_la = _mm_set1_epi8((char)(0x80 - 'a'));
	const __m128i lim = _mm_set1_epi8((char)(0x80 + 26)), zero = _mm_setzero_si128();
	while (i + 16 <= n) {
		/* per byte lane a count (a match is -1: subtracted), at most
		 * 255 blocks before the lanes are summed */
		__m128i au = zero, al = zero;
		for (int k = 0; k < 255 && i + 16 <= n; k++, i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(u + i));
			au = _mm_sub_epi8(au, _mm_cmplt_epi8(_mm_add_epi8(v, to_a), lim));
			al = _mm_sub_epi8(al, _mm_cmplt_epi8(_mm_add_epi8(v, to_la), lim));
		}
		au = _mm_sad_epu8(au, zero);
		al = _mm_sad_epu8(al, zero);
		cu += (size_t)_mm_cvtsi128_si32(au) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(au, 8));
		cl += (size_t)_mm_cvtsi128_si32(al) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(al, 8));
	}
#endif
	for (; i < n; i++) {
		cu += is_upper(u[i]);
		cl += is_lower(u[i]);
	}
	*up += cu;
	*low += cl;
}

/* NM_CAPS when the comment s[0..n) is written in capitals (80% of 12
 * letters or more), else 0: worked out when a name cue first needs it,
 * once per comment (*memo is -1 until then).  The letters of a
 * placeholder ("[name]") do not count: a second run must see the comment
 * the first one saw. */
static unsigned caps_of(const char *s, size_t n, int *memo)
{
	if (*memo < 0) {
		size_t up = 0, low = 0, i = 0;
		/* the letters outside [ ... ] (a '[' inside one changes
		 * nothing, a ']' outside none) */
		while (i < n) {
			const char *open = memchr(s + i, '[', n - i);
			size_t o = open ? (size_t)(open - s) : n;
			count_case(s + i, o - i, &up, &low);
			if (o == n)
				break;
			const char *close = memchr(s + o, ']', n - o);
			if (!close)
				break;
			i = (size_t)(close - s) + 1;
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
	if (e - i >= 2) {
		/* a role written so as an acronym ("the GP khan", "my GP, khan",
		 * "the HCA sarah"): a sentence in capitals goes on in them */
		size_t j = skip_spaces(s, n, e);
		if (j < n && (s[j] == ',' || s[j] == '('))
			j = skip_spaces(s, n, j + 1);
		return j < n && is_lower(s[j]) ? 0 : NM_CAPS;
	}
	size_t j = skip_spaces(s, n, e);
	return j > e && vpr_caps_word_at(s, n, j) ? NM_CAPS : 0;
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

/* Words that sign for no one after a sign-off ("Regards, All", "Kind
 * regards, Mum", "Thanks, Everyone", "Thank you, Leicester Royal"): a
 * family word, or one of these.  Lowercase, sorted. */
static const char *const sign_no_names[] = {
	"again", "all", "anonymous", "anyone", "both", "everybody", "everyone", "folks", "general",
	"guys", "patient", "royal", "staff", "team",
};

/* A word of s[i..e) signs for no one. */
static int signs_for_no_one(const char *s, size_t n, size_t i, size_t e)
{
	for (size_t j = i; j < e;) {
		if (!is_alpha(s[j])) {
			j++;
			continue;
		}
		if (WORD_IS(s, n, j, sign_no_names, NULL) || WORD_IS(s, n, j, family, NULL))
			return 1;
		j = letters_end(s, n, j);
	}
	return 0;
}

/* c ends a sentence or a line: a signature or an introduction may follow. */
/* s[i] starts a sentence: the start of the text, or spaces after a stop,
 * '!', '?' or a line break. */
static int sentence_start(const char *s, size_t i)
{
	i = spaces_back(s, i);
	return i == 0 || ends_sentence((unsigned char)s[i - 1]);
}

/* Where a writer introduces themselves: s[i] follows a greeting that
 * starts a sentence ("Hi, this is Sarah", "Hello it's Jo", "Morning!
 * Dave here": 2) or starts a sentence itself (1); else 0. */
static int intro_start(const char *s, size_t n, size_t i)
{
	static const char *const greetings[] = {"afternoon", "evening", "hello", "hey", "hi",
	                                        "hiya", "morning"};
	size_t j = spaces_back(s, i), b;
	if (j > 0 && s[j - 1] == '!')
		j--;
	if (prev_word_is(s, n, j, greetings, sizeof greetings / sizeof greetings[0], &b) &&
	    sentence_start(s, b))
		return 2;
	return sentence_start(s, i);
}

/* After a name ending at s[t], ", ", " and " or " & " before another
 * ("Drs Patel and Khan", "Love from Jo, Tom and Amy"): the end of the
 * separator, or 0. */
static size_t list_sep_end(const char *s, size_t n, size_t t)
{
	static const char *const and[] = {"and"};
	size_t k = t < n && s[t] == ',' ? t + 1 : t, a = skip_spaces(s, n, k), b;
	if (a < n && s[a] == '&')
		return a + 1;
	if (a > k && WORD_IS(s, n, a, and, &b) && is_lower(s[a]))
		return b;
	return k > t ? k : 0;
}

/* What ends_signature saw after a name. */
enum { SIGNED = 1, SIGNED_KISSES = 2, SIGNED_RELATION = 4 };

/* Nothing but what may follow a signature from s[t] to the end of the
 * text: spaces, '.', '!', a relation in brackets ("(daughter)",
 * "(patient's son)": letters, spaces, apostrophes) and kisses ("x",
 * "xx").  0 if something else follows, else SIGNED and what it saw. */
static int ends_signature(const char *s, size_t n, size_t t)
{
	int bracket = 0, kisses = 0;
	size_t q = t;
	while (q < n) {
		unsigned char c = (unsigned char)s[q];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '.' || c == '!') {
			q++;
		} else if (c == '(' && !bracket++) {
			size_t r = q + 1, a;
			while (r < n && r - q < 40) {
				if (is_alpha(s[r]) || s[r] == ' ')
					r++;
				else if ((a = apostrophe(s, n, r)))
					r += a;
				else
					break;
			}
			if (r >= n || s[r] != ')' || r == q + 1)
				return 0;
			q = r + 1;
		} else if ((c == 'x' || c == 'X') && !kisses++ && q > 0 && !is_alnum(s[q - 1])) {
			size_t r = q;
			while (r < n && r - q < 5 && (s[r] == 'x' || s[r] == 'X'))
				r++;
			if (r < n && is_alnum(s[r]))
				return 0;
			q = r;
		} else {
			return 0;
		}
	}
	return SIGNED | (kisses ? SIGNED_KISSES : 0) | (bracket ? SIGNED_RELATION : 0);
}

/* Words that a closing thanks with no comma goes on with in Title Case
 * ("Thank you God Bless", "Thanks Keep Going", "Thank you East
 * Midlands", "Thank you Ward Seven"): no name.  Lowercase, sorted. */
static const char *const thanks_phrase_words[] = {
	"accident", "again", "bless", "city", "county", "done", "eight", "eleven", "emergency",
	"everything", "five", "four", "going", "keep", "lot", "lots", "luck", "midlands", "much",
	"nine", "one", "seven", "six", "so", "ten", "three", "twelve", "two", "very", "well",
};

/* A closing thanks (thanks, thank you, cheers, wishes, love, yours, from:
 * s[i..e) the cue word, w lowercased) signed with a name, or names joined
 * by ",", "and", "&", that end the comment: "... Many thanks, Jo Bloggs",
 * "Best wishes,\nJ. Smith", "Love from Jo", "... From Sarah and Tom",
 * "... Yours, John".  Only as a signature: the cue (or, but for from, the
 * one word before it, "Many", "Best") follows the end of a sentence or a
 * line, a comma, colon, '!', dash or line break comes before the name --
 * or "from" after love, or nothing before a name of two words or more (or
 * two names, or one with kisses after it: "Thanks Sarah x") after a thanks
 * ("Thanks Jo Bloggs") --, the name holds a lower-case letter (not "LRI")
 * and nothing but ends_signature's comes after it.  The first name's end
 * (a second's start and the last's end in *list_end), its start in *ns; 0
 * if none. */
static size_t thanks_signed(const char *s, size_t n, size_t i, size_t e, const char *w,
                            size_t *ns, size_t *list_end)
{
	size_t j = e, b = i, t;
	int love = strcmp(w, "love") == 0, from = 0;
	if (love) { /* "Love from Jo" */
		static const char *const from_word[] = {"from"};
		size_t k = skip_spaces(s, n, e), f;
		if (k > e && WORD_IS(s, n, k, from_word, &f))
			j = f, from = 1;
	}
	if (strcmp(w, "thank") == 0) { /* "thank you" */
		j = skip_spaces(s, n, e);
		if (j == e || j + 3 > n || lower((unsigned char)s[j]) != 'y' ||
		    lower((unsigned char)s[j + 1]) != 'o' || lower((unsigned char)s[j + 2]) != 'u' ||
		    (j + 3 < n && is_alpha(s[j + 3])))
			return 0;
		j += 3;
	}
	/* after a sentence: back over spaces, one word ("Many thanks"; not
	 * before from: "Travelled from Market Harborough"), spaces */
	b = spaces_back(s, b);
	if (b > 0 && is_alpha(s[b - 1]) && strcmp(w, "from") != 0) {
		while (b > 0 && is_alpha(s[b - 1]))
			b--;
		b = spaces_back(s, b);
	}
	if (b == 0 || !ends_sentence((unsigned char)s[b - 1]))
		return 0;
	/* the separator: , : ! - or a line break */
	size_t k = skip_spaces(s, n, j);
	int sep = 0;
	if (k < n && (s[k] == ',' || s[k] == ':' || s[k] == '!' || s[k] == '-'))
		k = skip_spaces(s, n, k + 1), sep = 1;
	if (k + 1 < n && s[k] == '\r' && s[k + 1] == '\n')
		k += 2, sep = 1;
	else if (k < n && (s[k] == '\n' || s[k] == '\r'))
		k++, sep = 1;
	if (!sep && love && !from)
		return 0; /* "Love the new car park" */
	k = skip_spaces(s, n, k);
	if (k == j || k >= n || WORD_IS(s, n, k, titles, NULL))
		return 0; /* "Thanks, Dr Smith": the title will take it */
	size_t f = vpr_initials_end(s, n, k);
	if ((f == k || (t = vpr_name_at(s, n, f, 0)) == 0) && (t = vpr_name_at(s, n, k, 0)) == 0)
		return 0;
	size_t first = t, p, q;
	while ((p = list_sep_end(s, n, t)) != 0 && (q = skip_spaces(s, n, p)) > p && q - p <= 2 &&
	       (f = vpr_name_at(s, n, q, 0)) != 0)
		t = f; /* "Sarah and Tom", "Jo, Tom and Amy" */
	int lc = 0, words = 1, end = ends_signature(s, n, t);
	for (q = k; q < t; q++)
		lc |= q < first && is_lower(s[q]), words += s[q] == ' ';
	if (!sep && !from) { /* "Thanks Jo Bloggs": two words, none of a phrase */
		if (words < 2 && !(end & SIGNED_KISSES))
			return 0;
		for (q = k; q < t; q = letters_end(s, n, q) + 1)
			if (WORD_IS(s, n, q, thanks_phrase_words, NULL))
				return 0;
	}
	if (!end || !lc || vpr_org_words_in(s, n, k, t) || signs_for_no_one(s, n, k, t))
		return 0;
	*ns = k;
	*list_end = t;
	return first;
}

/* A lowercase given name on the list (given) thanked: after thanks, thank
 * you, cheers (s[..e) the cue word, w lowercased), a comma or not -- "thanks
 * sue you were great", "cheers dave, you were a star", "thank you kate!" --
 * or after thanks to, thank you to one not a word too ("thanks to jo and
 * the team", not "thanks to hope").  A name that is a word too as after a
 * family word (vpr_cued_name_at's NM_FAMILY: "thanks will be given"
 * stays).  "thanks all", "thanks so much": no name on the list.  The
 * name's end, its start in *ns; 0 if none. */
static size_t thanked_lower(const char *s, size_t n, size_t e, const char *w,
                            const vp_given_names *given, size_t *ns)
{
	static const char *const you[] = {"u", "you"}, *const to[] = {"to"};
	size_t j = e, k, t;
	int after_to = 0;
	if (!given || (strcmp(w, "thanks") && strcmp(w, "thank") && strcmp(w, "cheers") &&
	               strcmp(w, "thx") && strcmp(w, "thanku") && strcmp(w, "thankyou")))
		return 0;
	if (strcmp(w, "thank") == 0 && ((j = skip_spaces(s, n, e)) == e || !WORD_IS(s, n, j, you, &j)))
		return 0; /* "thank" without "you", "u" */
	k = skip_spaces(s, n, j);
	if (k < n && s[k] == ',')
		k = skip_spaces(s, n, k + 1);
	else if (k > j && w[0] == 't' && WORD_IS(s, n, k, to, &t) && (t = skip_spaces(s, n, t)) > k + 2)
		k = t, after_to = 1;
	if (k == j || k >= n || !is_lower(s[k]) || (t = letters_end(s, n, k)) == k ||
	    (t < n && is_digit(s[t])))
		return 0;
	int kind = vp_given_name(given, s + k, t - k);
	if (!kind || (after_to && kind != VP_GIVEN_NAME) ||
	    (t = vpr_cued_name_at(s, n, k, NM_FAMILY, given)) == 0)
		return 0;
	*ns = k;
	return t;
}

/* Given names that are words too and end a sentence after a comma as
 * words: months and a season ending a list ("in march, april, may"),
 * praise and feelings ("when i struggled, angel", "no news, no hope"). */
static const char *const end_no_names[] = {"angel", "april", "blessing", "faith", "hope",
                                           "joy", "june", "may", "patience", "precious",
                                           "summer"};

/* The name s[i..t), one that is a word too, is addressed to its bearer:
 * after a comma, ending its sentence ("call me back on 07700 900123,
 * sue"; not end_no_names[]: "in march, april, may"), or starting a
 * sentence before a comma and you, thank, thanks ("Sue, you were
 * amazing"; not "Grace, we said"). */
static int addressed(const char *s, size_t n, size_t i, size_t t)
{
	static const char *const you_thanks[] = {"thank", "thanks", "you"};
	size_t k;
	if (t < n && s[t] == ',')
		return sentence_start(s, i) && (k = skip_spaces(s, n, t + 1)) > t + 1 &&
		       WORD_IS(s, n, k, you_thanks, NULL);
	if ((k = spaces_back(s, i)) == 0 || s[k - 1] != ',')
		return 0;
	k = skip_spaces(s, n, t);
	return (k >= n || ends_sentence((unsigned char)s[k])) && !WORD_IS(s, n, i, end_no_names, NULL);
}

int vpr_addressed_at(const char *s, size_t n, size_t i, size_t e, struct scan *sc, struct hit *h)
{
	int kind;
	/* the scan has asked vpr_maybe_lower_name (redact.c's detect): a name
	 * not a word too needs no more */
	if (!sc->given || e == i || !name_ends_at(s, n, e) ||
	    !(kind = vp_given_name(sc->given, s + i, e - i)) ||
	    (kind != VP_GIVEN_NAME && !addressed(s, n, i, e)))
		return 0;
	if (caps_of(s, n, &sc->caps))
		return 0; /* in capitals every word looks like a name */
	*h = (struct hit){VP_REDACT_NAME, i, e};
	return 1;
}

/* Is the word before s[i] one's own "I'm" / "Im" / "I am" ("I'm called
 * Priya")? */
static int i_am_before(const char *s, size_t n, size_t i)
{
	static const char *const am[] = {"am", "im", "m"}, *const i_[] = {"i"};
	size_t b, c, t;
	if (!prev_word_is(s, n, i, am, 3, &b))
		return 0;
	switch (lower((unsigned char)s[b])) {
	case 'i': /* "Im" */
		return 1;
	case 'a': /* "I am" */
		return prev_word_is(s, n, b, i_, 1, &c);
	default: /* "I'm": "m" after an apostrophe after "I" */
		for (t = 1; t <= 3 && t < b; t++)
			if (apostrophe(s, n, b - t) == t)
				return prev_word_is(s, n, b - t, i_, 1, &c) && c + 1 == b - t;
		return 0;
	}
}

/* " here" after a name ending at s[t], then a stop, comma, colon, dash or
 * the end: "Sarah here, I wanted", "Hi, Jo Bloggs here." (not "Sarah
 * here all night").  The end of "here", or 0. */
static size_t here_after(const char *s, size_t n, size_t t)
{
	static const char *const here[] = {"here"};
	size_t j = skip_spaces(s, n, t), e;
	if (j == t || !WORD_IS(s, n, j, here, &e))
		return 0;
	j = skip_spaces(s, n, e);
	return j >= n || ends_sentence((unsigned char)s[j]) || s[j] == ',' || s[j] == ':' ||
	               s[j] == '-'
	           ? e
	           : 0;
}

/* A comma at s[t] and then I or my: the writer goes on about themselves
 * ("this is Sarah, I had", "Sarah here, I wanted"). */
static int comma_then_i(const char *s, size_t n, size_t t)
{
	static const char *const i_my[] = {"i", "my"};
	size_t a;
	return t < n && s[t] == ',' && (a = skip_spaces(s, n, t + 1)) > t + 1 &&
	       WORD_IS(s, n, a, i_my, NULL);
}

/* A writer's own name from s[k] (initials first or not), in a sentence
 * that starts there or at an introduction: 1 to 3 capitalised words, no
 * title's ("This is Dr Patel": the title takes it), none of an
 * organisation, place, family or no one ("This is Glenfield Hospital",
 * "This is Leicester Royal").  Its end, or 0. */
static size_t own_name_at(const char *s, size_t n, size_t k)
{
	size_t f = vpr_initials_end(s, n, k), t;
	if (WORD_IS(s, n, k, titles, NULL) ||
	    ((f == k || (t = vpr_name_at(s, n, f, 0)) == 0) && (t = vpr_name_at(s, n, k, 0)) == 0))
		return 0;
	return vpr_org_words_in(s, n, k, t) || signs_for_no_one(s, n, k, t) ? 0 : t;
}

/* A writer introducing themselves (this, it: s[i..e) the cue word, w
 * lowercased): "This is Sarah Jones writing", "Hi, this is Margaret Brown,
 * I was", "Hello it's Janet from flat 3".  "this is", "it is", "it's" at
 * the start of a sentence or after a greeting, then own_name_at's name
 * and what shows it is one's own: writing or speaking after it; from, or
 * here and a stop, after "this is" or after a greeting ("It's Sunday
 * here, and", "It's Christmas from tomorrow" stay); a comma and I or my
 * when the name is two words or more, or after "this is" and a greeting
 * ("this is Leicester, I expected better", "Hello, it's Monday, I rang"
 * stay).  The name's end, its start in *ns; 0 if none. */
static size_t introduced(const char *s, size_t n, size_t i, size_t e, const char *w, size_t *ns)
{
	static const char *const is[] = {"is"}, *const writing[] = {"speaking", "writing"},
	                         *const from[] = {"from"};
	size_t j, k, t, a;
	int start, it = w[0] == 'i';
	if (it && (a = apostrophe(s, n, e)) && e + a < n && lower((unsigned char)s[e + a]) == 's' &&
	    (e + a + 1 >= n || !is_alpha(s[e + a + 1])))
		j = e + a + 1; /* "it's" */
	else if ((j = skip_spaces(s, n, e)) == e || !WORD_IS(s, n, j, is, &j))
		return 0;
	if ((k = skip_spaces(s, n, j)) == j || k - j > 2 || !is_upper(s[k]) ||
	    (start = intro_start(s, n, i)) == 0 || (t = own_name_at(s, n, k)) == 0)
		return 0;
	a = skip_spaces(s, n, t);
	int many = memchr(s + k, ' ', t - k) != NULL, sure = !it || start == 2;
	if ((a > t && WORD_IS(s, n, a, writing, NULL)) ||
	    (sure && ((a > t && WORD_IS(s, n, a, from, NULL)) || here_after(s, n, t))) ||
	    ((many || (!it && start == 2)) && comma_then_i(s, n, t))) {
		*ns = k;
		return t;
	}
	return 0;
}

/* A name signed after a dash that ends the comment: "The doctor was rude.
 * - Paul Smith", "...\n-- Sarah (daughter)" (a dash of another kind is
 * read as '-').  The dash follows the end of a sentence or a line -- and
 * a line that is not itself dashed or bulleted ("- Parking\n- Food" is a
 * list) --, the name holds a lower-case letter, none of its words is a
 * phrase's ("- Keep Going") and only ends_signature's follows it.  One
 * word signs only after "--" or with a relation or kisses after it: after
 * one dash it is as often a verdict ("Seen at once. - Excellent").  Its
 * end, or 0. */
static size_t dash_signed(const char *s, size_t n, size_t i)
{
	size_t b = spaces_back(s, i), d, t;
	for (d = b; d > 0 && s[d - 1] == '-' && b - d < 2; d--)
		;
	if (d == b || d == 0 || !sentence_start(s, d))
		return 0;
	size_t c = d;
	while (c > 1 && (s[c - 1] == ' ' || s[c - 1] == '\t'))
		c--;
	if (s[c - 1] == '\n' || s[c - 1] == '\r') { /* the line before: dashed or bulleted? */
		size_t l = c - 1;
		while (l > 0 && s[l - 1] != '\n' && s[l - 1] != '\r')
			l--;
		l = skip_spaces(s, n, l);
		if (s[l] == '-' || s[l] == '*' ||
		    (l + 2 < n && (unsigned char)s[l] == 0xE2 && (unsigned char)s[l + 1] == 0x80 &&
		     (unsigned char)s[l + 2] == 0xA2)) /* U+2022 bullet */
			return 0;
	}
	int end;
	if ((t = own_name_at(s, n, i)) == 0 || !(end = ends_signature(s, n, t)) ||
	    (b - d < 2 && !(end & (SIGNED_KISSES | SIGNED_RELATION)) && !memchr(s + i, ' ', t - i)))
		return 0;
	int lc = 0;
	for (size_t q = i; q < t; q = letters_end(s, n, q) + 1) {
		if (WORD_IS(s, n, q, thanks_phrase_words, NULL))
			return 0;
		for (size_t r = q; r < t && is_alpha(s[r]); r++)
			lc |= is_lower(s[r]);
	}
	return lc ? t : 0;
}

/* "here" after the capitalised word at s[i] and up to two more ("Sarah
 * here", "Jo Bloggs here", "J. Smith here"): a quick look, before
 * here_after's. */
static int here_soon(const char *s, size_t n, size_t i)
{
	for (int k = 0; k < 3; k++) {
		size_t word_end = i + 32; /* a name word is shorter: no scan to a far space */
		while (i < n && i < word_end && s[i] != ' ')
			i++;
		if (i == word_end || ++i + 4 > n)
			return 0;
		if (s[i] == 'h' && s[i + 1] == 'e' && s[i + 2] == 'r' && s[i + 3] == 'e')
			return 1;
		if (!is_upper(s[i]))
			return 0;
	}
	return 0;
}

/* A capitalised word before s[i] that makes a given name part of a
 * place's: "St Mary's", "St. John", "Queen Victoria", "King George". */
static int place_before(const char *s, size_t i)
{
	static const char *const place_words[] = {"fort", "king", "lady", "lake", "mount", "port",
	                                          "prince", "princess", "queen", "saint", "st"};
	size_t j = i, b;
	while (j > 0 && s[j - 1] == ' ')
		j--;
	if (j == i)
		return 0;
	if (j > 0 && s[j - 1] == '.')
		j--;
	for (b = j; b > 0 && is_alpha(s[b - 1]); b--)
		;
	return b < j && is_upper(s[b]) &&
	       word_is(s, j, b, place_words, sizeof place_words / sizeof place_words[0], NULL);
}

/* The two words before s[i] ask for a person: "ask for", "asked for",
 * "asking for", "speak to", "talk to", "speaking with" ... */
static int asked_before(const char *s, size_t n, size_t i)
{
	static const char *const for_to[] = {"for", "to", "with"};
	static const char *const ask[] = {"ask",   "asked",    "asking",  "speak",
	                                  "speaking", "talk", "talking"};
	size_t b, c;
	return prev_word_is(s, n, i, for_to, sizeof for_to / sizeof for_to[0], &b) &&
	       prev_word_is(s, n, b, ask, sizeof ask / sizeof ask[0], &c) &&
	       (lower((unsigned char)s[c]) == 'a') == (lower((unsigned char)s[b]) == 'f');
}

/* Where a name is signed or thanked, before the name s[i..t): after
 * thanks, thank you (to), cheers, love (from), yours, regards, wishes,
 * dear, hi, hello, hiya; after a dash that starts a sentence or a line;
 * alone at the end of the comment, after a sentence ("...team.\nJack
 * Smith"); or addressed ("Call me back, Sue", "Sue, you were great"). */
static int signed_or_thanked(const char *s, size_t n, size_t i, size_t t)
{
	static const char *const before[] = {"cheers", "dear", "hello", "hi", "hiya", "love",
	                                     "regards", "thanks", "wishes", "yours"};
	static const char *const to_from[] = {"from", "to", "you"};
	static const char *const thank[] = {"love", "thank", "thanks", "you"};
	size_t b, c;
	if (prev_word_is(s, n, i, before, sizeof before / sizeof before[0], &b))
		return 1;
	if (prev_word_is(s, n, i, to_from, 3, &b) && prev_word_is(s, n, b, thank, 4, &c)) {
		char w[24], v[24]; /* "thank you", "thanks to", "thank you to", "love from" */
		if (!lower_word(s, b, letters_end(s, n, b), w) || !lower_word(s, c, letters_end(s, n, c), v))
			return 0;
		return (strcmp(w, "you") == 0 && strcmp(v, "thank") == 0) ||
		       (strcmp(w, "to") == 0 && strcmp(v, "love") != 0) ||
		       (strcmp(w, "from") == 0 && strcmp(v, "love") == 0);
	}
	if (asked_before(s, n, i))
		return 1; /* "ask for Grace", "I asked for Faith" */
	size_t d = spaces_back(s, i);
	if (d < i && d > 0 && s[d - 1] == '-') {
		while (d > 0 && s[d - 1] == '-')
			d--;
		return sentence_start(s, d);
	}
	return (i > 0 && sentence_start(s, i) && ends_signature(s, n, t)) || addressed(s, n, i, t);
}

/* A name whose first word, at s[i], is on the list of given names (see
 * vpr_uncued_at), and a lowercase surname on the list after it alone
 * ("Sarah jones") -- or that word run together with a capitalised surname,
 * not a place or service word ("SarahJones"), or a lowercase one on the
 * list ("Sarahjones") --: capitalised, not part of a place's name, and the name
 * read on from it holds no organisation or place word, surname-like ones
 * too ("Alexandra House", "Ronald McDonald House") -- unless what follows
 * is said only of a person ("Sarah Ward was kind", "John Street helped":
 * vpr_name_at).  Its end, or 0. */
static size_t given_at(const char *s, size_t n, size_t i, const vp_given_names *given)
{
	size_t e = i + 1;
	while (e < n && (is_lower(s[e]) || ((unsigned char)s[e] >= 0xC3 && (unsigned char)s[e] <= 0xC5 &&
	                                    e + 1 < n && ((unsigned char)s[e + 1] & 0xC0) == 0x80)))
		e += is_lower(s[e]) ? 1 : 2;
	if (e == i + 1)
		return 0; /* one capital: not looked up */
	size_t camel = 0; /* "SarahJones": a surname run on to the given name */
	if (e < n && is_upper(s[e])) {
		size_t c = e + 1;
		while (c < n && is_lower(s[c]))
			c++;
		if (c - e < 3 || (c < n && is_alnum(s[c])) || vp_redact_not_name(s + e, c - e))
			return 0; /* "McDonald" (no given name), "SarahJ", "AmyWard" */
		camel = c;
	} else if (e < n && is_alnum(s[e])) {
		return 0; /* "Tom2": not looked up */
	}
	int kind = vp_given_name(given, s + i, e - i);
	size_t t;
	if (!kind && !camel) { /* "Sarahjones": a surname on the list run on */
		t = vpr_run_together_at(s, n, i, letters_end(s, n, i), given);
		return t && !place_before(s, i) ? t : 0;
	}
	if (camel) {
		if (!kind || place_before(s, i))
			return 0;
		return kind == VP_GIVEN_NAME || signed_or_thanked(s, n, i, camel) ? camel : 0;
	}
	/* NM_PEER: with no cue "House", "Road", "Ward" after it make a place
	 * ("Alexandra House"), as after Sir -- not before "helped", "was kind" */
	if (!kind || place_before(s, i) || (t = vpr_name_at(s, n, i, NM_PEER)) == 0 ||
	    vpr_org_words_in(s, n, i, t) || signs_for_no_one(s, n, i, t))
		return 0;
	if (kind != VP_GIVEN_NAME && !signed_or_thanked(s, n, i, t))
		return 0;
	/* "Sarah jones was lovely": a lowercase surname on the list after the
	 * given name alone -- one that is a word too only before was, is,
	 * has, had, did or what is said of a person ("Sarah white was kind",
	 * not "Sarah long may you") */
	static const char *const person_next[] = {"did", "had", "has", "is", "said", "was"};
	size_t f, k;
	if (t == e && t + 1 < n && s[t] == ' ' &&
	    ((f = vpr_lower_surname_at(s, n, t + 1, given, 0)) ||
	     ((f = vpr_lower_surname_at(s, n, t + 1, given, 1)) && (k = skip_spaces(s, n, f)) > f &&
	      WORD_IS(s, n, k, person_next, NULL))))
		t = f;
	return t;
}

/* ---- who is called what ("a nurse called mo", "she was called kate") ---- */

/* The two words before s[i] are "by the" ("a nurse by the name of jo"). */
static int by_the_before(const char *s, size_t n, size_t i)
{
	static const char *const the_[] = {"the"}, *const by[] = {"by"};
	size_t b, c;
	return prev_word_is(s, n, i, the_, 1, &b) && prev_word_is(s, n, b, by, 1, &c);
}

/* "is", "was" or "'s" right before s[i] ("was called", "my son's
 * called"): where it starts (its apostrophe for 's), else 0. */
static size_t be_before(const char *s, size_t n, size_t i)
{
	static const char *const be[] = {"is", "was"}, *const s_[] = {"s"};
	size_t b, a;
	if (prev_word_is(s, n, i, be, 2, &b))
		return b;
	if (!prev_word_is(s, n, i, s_, 1, &b))
		return 0;
	for (a = 1; a <= 3 && a <= b; a++)
		if (apostrophe(s, n, b - a) == a)
			return b - a > 0 && is_alpha(s[b - a - 1]) ? b - a : 0;
	return 0;
}

/* The word before s[i] is a person ("a nurse", "the midwife") or a
 * family word ("my son's", "the baby"). */
static int person_before(const char *s, size_t n, size_t i)
{
	size_t b, e;
	return prev_word_is(s, n, i, persons, sizeof persons / sizeof persons[0], &b) ||
	       (prev_word(s, i, &b, &e) && family_at(s, e, b, &e));
}

/* Before the person word at s[i], within three words: a (an: 1) or the
 * (2) -- "a student nurse called", "the healthcare assistant named" --,
 * else 0. */
static int det_before(const char *s, size_t i)
{
	static const char *const dets[] = {"a", "an", "the"};
	size_t b, e;
	for (int k = 0; k < 3 && prev_word(s, i, &b, &e); k++, i = b) {
		if (e < i && s[e] == ',')
			return 0;
		if (word_is(s, e, b, dets, 3, NULL))
			return lower((unsigned char)s[b]) == 't' ? 2 : 1;
	}
	return 0;
}

/* The sentence before s[i] ("... was called") has its subject a person,
 * within twelve words: a person, family, title or role word, he or she
 * ("the nurse who looked after me was", "the lady on reception was", "she
 * was"); not when I, it, we, they, you, this, that, there, which or what
 * come first ("i was called back", "it was called the discharge lounge"). */
static int subject_before(const char *s, size_t i)
{
	static const char *const he_she[] = {"he", "she"};
	static const char *const not_person[] = {"i", "it", "that", "there", "they", "this",
	                                         "we", "what", "which", "you"};
	size_t b, e;
	for (int k = 0; k < 12; k++, i = b) {
		for (e = i; e > 0 && !is_alpha(s[e - 1]); e--)
			if (strchr(".!?;\n\r", s[e - 1]))
				return 0;
		for (b = e; b > 0 && is_alpha(s[b - 1]); b--)
			;
		if (b == e)
			return 0;
		size_t f;
		if (word_is(s, e, b, persons, sizeof persons / sizeof persons[0], NULL) ||
		    family_at(s, e, b, &f) || word_is(s, e, b, titles, sizeof titles / sizeof titles[0], NULL) ||
		    word_is(s, e, b, roles, sizeof roles / sizeof roles[0], NULL) ||
		    word_is(s, e, b, he_she, 2, NULL))
			return 1;
		if (word_is(s, e, b, not_person, sizeof not_person / sizeof not_person[0], NULL))
			return 0;
	}
	return 0;
}

/* Words that follow "a nurse called", "the doctor called" and are no
 * name: where, when, whom or what was called ("a doctor called round",
 * "the nurse called security"), beside vpr_no_name_after_title's.
 * Lowercase, sorted. */
static const char *const called_no_names[] = {
	"aggressive", "ahead", "ambulance", "ambulances", "bed", "beds", "control", "crash",
	"crazy", "difficult", "doctors", "downstairs", "early", "emergency", "estates",
	"everybody", "facilities", "fat", "forward", "housekeeping", "hysterical", "incompetent",
	"late", "lazy", "liar", "mad", "management", "maternity", "names", "nobody", "nurses",
	"outpatients", "outreach", "pals", "pharmacy", "police", "porters", "racist",
	"reception", "resus", "round", "rude", "security", "selfish", "sick", "somebody",
	"stupid", "switchboard", "theatre", "theatres", "transport", "ugly", "upstairs",
	"useless", "ward", "wards", "xray",
};

/* The word s[j..e) (letters, any case) may be a name no list holds (after
 * "a nurse called", in a list of names: "jo and ami"): two to fifteen
 * letters, no function word nor one a title is followed by as a noun
 * (vpr_no_name_after_title: "back", "in", "me", "today"), nor a plural
 * (an -s, a few names too), nor a person, family, title or role word, nor
 * one of called_no_names[], nor an adverb, a past or participle, a
 * department or quality (-ly, -ed, -ing, -ogy, -ics; -ity only in lower
 * case: "Felicity"), nor, capitalised, a word no name is
 * (vp_redact_not_name: "Reception", "Monday"). */
static int plain_name_word(const char *s, size_t n, size_t j, size_t e)
{
	static const char *const suffixes[] = {"ly", "ed", "ing", "ogy", "ics", "ity"};
	char w[24];
	size_t len = e - j, f;
	if (len < 2 || len > 15 || lower((unsigned char)s[e - 1]) == 's' || !lower_word(s, j, e, w) ||
	    vpr_no_name_after_title(w) || IN(w, called_no_names) || IN(w, persons) || IN(w, titles) ||
	    IN(w, roles) || family_at(s, n, j, &f) || (is_upper(s[j]) && vp_redact_not_name(s + j, len)))
		return 0;
	for (size_t x = 0; x < sizeof suffixes / sizeof suffixes[0]; x++) {
		size_t sl = strlen(suffixes[x]);
		if (len >= sl + 2 && memcmp(w + len - sl, suffixes[x], sl) == 0 &&
		    (is_lower(s[j]) || x < 5))
			return 0;
	}
	return 1;
}

/* The word at s[j] after "called" or "named" names a department or what
 * is called, not a person, in any case: one of called_no_names[] or a
 * word in -ogy or -ics ("the nurse called Security", "the doctor called
 * Cardiology", "she called Bed Management"). */
static int called_department(const char *s, size_t n, size_t j)
{
	char w[24];
	size_t e = letters_end(s, n, j), len = e - j, f;
	if (len < 2 || !lower_word(s, j, e, w))
		return 0;
	if (is_upper(s[j]) && (!strcmp(w, "ward") || !strcmp(w, "wards")) &&
	    !((f = skip_spaces(s, n, e)) > e && f < n && is_digit(s[f])))
		return 0; /* "a man called Ward", not "the nurse called Ward 7" */
	return IN(w, called_no_names) ||
	       (len >= 6 && (memcmp(w + len - 3, "ogy", 3) == 0 || memcmp(w + len - 3, "ics", 3) == 0));
}

/* A name not on the list after "a nurse called", "the doctor named" (the:
 * det_before's), "the nurse was called" (2): one lowercase word that
 * plain_name_word takes, no more letters, hyphen or apostrophe after it;
 * after "the" or "was called" (2), where called may be a phone call or a
 * verb's, only before a stop, comma, the end, and, who, is, was, has,
 * had, from or a past in -ed ("the nurse called ade was lovely", "the
 * nurse was called tiwa").  Its end, or 0. */
static size_t called_word_at(const char *s, size_t n, size_t j, int the)
{
	size_t e = letters_end(s, n, j), k, f;
	if (j >= n || !is_lower(s[j]) ||
	    (e < n && (is_alnum(s[e]) || s[e] == '-' || apostrophe(s, n, e) || (unsigned char)s[e] >= 0x80)) ||
	    !plain_name_word(s, n, j, e))
		return 0;
	if (the != 2)
		return e;
	static const char *const then[] = {"and", "from", "had", "has", "is", "was", "who"};
	k = skip_spaces(s, n, e);
	if (k >= n || strchr(".,;:!?)\n\r", s[k]))
		return e;
	f = letters_end(s, n, k);
	if (k > e && (WORD_IS(s, n, k, then, NULL) ||
	              (f - k >= 4 && lower((unsigned char)s[f - 2]) == 'e' && lower((unsigned char)s[f - 1]) == 'd')))
		return e;
	return 0;
}

/* ---- staff named by their job or workplace ("jo the nurse", "jo on reception") ---- */

/* A job or workplace after a name ending at s[k] (an emoji between):
 * "[,] the [word] JOB" or "on|at|in|from [the] [front] PLACE [number]"
 * ("jo the nurse", "jo, the student nurse", "jo on ward 7", "kate at the
 * front desk").  Its end, or 0. */
static size_t staff_phrase_end(const char *s, size_t n, size_t k)
{
	static const char *const the_[] = {"the"}, *const preps[] = {"at", "from", "in", "on"},
	                         *const front[] = {"front"};
	size_t j = k, t, q;
	int comma = 0;
	if (j < n && (unsigned char)s[j] >= 0xE2)
		j = symbols_end(s, n, j);
	if (j < n && s[j] == ',')
		j++, comma = 1;
	if ((t = skip_spaces(s, n, j)) == j || t - j > 2)
		return 0;
	j = t;
	if (WORD_IS(s, n, j, the_, &t)) { /* "the nurse", "the student nurse" */
		for (int w = 0; w < 2; w++) {
			if ((q = skip_spaces(s, n, t)) == t)
				return 0;
			if (WORD_IS(s, n, q, staff_jobs, &t))
				return t;
			if ((t = letters_end(s, n, q)) == q)
				return 0;
		}
		return 0;
	}
	if (comma || !WORD_IS(s, n, j, preps, &t))
		return 0;
	for (int w = 0; w < 3; w++) {
		if ((q = skip_spaces(s, n, t)) == t)
			return 0;
		if (WORD_IS(s, n, q, staff_places, &t)) {
			size_t d = skip_spaces(s, n, t), de = digits_end(s, n, d, 3); /* "ward 7" */
			return d > t && de > d && (de >= n || !is_alnum(s[de])) ? de : t;
		}
		if (!WORD_IS(s, n, q, the_, &t) && !WORD_IS(s, n, q, front, &t))
			return 0;
	}
	return 0;
}

/* A word of a list of names joined to a given name at s[j] ("jo and
 * ami", "Jo and Ami"): one on the list of given names (*kind: its kind) or
 * a word that may be a name (plain_name_word).  Its end, or 0. */
static size_t list_name_at(const char *s, size_t n, size_t j, const vp_given_names *given,
                           int *kind)
{
	size_t e = letters_end(s, n, j);
	*kind = 0;
	if (e == j || e - j > 15 || !name_ends_at(s, n, e))
		return 0;
	if ((*kind = vp_given_name(given, s + j, e - j)) != 0)
		return e;
	return plain_name_word(s, n, j, e) ? e : 0;
}

/* Given names that are words too that are asked for as words ("ask for
 * patience", "ask for grace"). */
static const char *const asked_no_names[] = {"blessing", "faith", "grace", "hope", "joy",
                                             "patience"};

/* Praise that, after is or was, is said of the person a name that is a
 * word too names before a job or workplace ("sue from the ward was
 * lovely"; not one of asked_no_names[]: "hope on the ward was great"). */
static const char *const staff_praise[] = {"amazing", "brilliant", "excellent", "fab",
                                           "fantastic", "great", "lovely", "superb",
                                           "wonderful"};

/* After a job or workplace ending at s[t], what is said of a person:
 * vpr_said_of_person's, or is, was and staff_praise[]. */
static int staff_said_of_person(const char *s, size_t n, size_t t)
{
	static const char *const be[] = {"is", "was"};
	size_t j = skip_spaces(s, n, t), f;
	if (vpr_said_of_person(s, n, t))
		return 1;
	return j > t && WORD_IS(s, n, j, be, &f) && (j = skip_spaces(s, n, f)) > f &&
	       WORD_IS(s, n, j, staff_praise, NULL);
}

/* The names ns[k]..ne[k] (k < m, in the order written) before a job or
 * workplace that ends at end, or (end 0) starting a sentence before were,
 * are, is, was ... (staff_before, vpr_staff_named_at): the first on the
 * list of given names (those before it that are not dropped: "ami and
 * [name] on ward 7"), not after a word that makes it a verb or a noun
 * ("i will sue the nurse", "a nick on the ward"); the others names too,
 * but for one word last ("[name] and everyone on ward 7" keeps
 * everyone); one a name is plain on the list, or what follows is said of
 * a person ("sue from the ward rang me", not "bill from the pharmacy",
 * "may the nurse"), and with no job or workplace the first is plain.  The
 * first into *h, the rest left in sc for detect: 1; else 0. */
static int staff_names(const char *s, size_t n, size_t *ns, size_t *ne, int m, size_t end,
                       struct scan *sc, struct hit *h)
{
	static const char *const not_before[] = {
		"a", "an", "can", "could", "did", "do", "i", "might", "must", "my", "not", "our",
		"shall", "should", "the", "their", "they", "this", "we", "will", "would", "you",
		"your",
	};
	/* the words a list of names not on the list starts after ("thanks to
	 * ami and jo on reception"), beside a sentence's start */
	static const char *const list_after[] = {"by",     "cheers", "especially", "for", "from",
	                                         "thanks", "thx",    "to",         "with", "you"};
	int kinds[4] = {0}, k, f = 0, plain = 0;
	size_t b;
	while (f < m && (kinds[f] = vp_given_name(sc->given, s + ns[f], ne[f] - ns[f])) == 0)
		f++;
	if (f == m || (end == 0 && f > 0))
		return 0;
	if (f > 0) { /* "ami and [jo] on ward 7": ami too where a list of names
	              * starts, or capitalised ("we saw Ami and Jo on ward 7") */
		for (k = 0; k < f && list_name_at(s, n, ns[k], sc->given, &kinds[k]) == ne[k]; k++)
			;
		if (k == f && (sentence_start(s, ns[0]) || is_upper(s[ns[0]]) ||
		               prev_word_is(s, n, ns[0], list_after,
		                            sizeof list_after / sizeof list_after[0], &b)))
			f = 0;
	}
	if (prev_word_is(s, n, ns[f], not_before, sizeof not_before / sizeof not_before[0], &b))
		return 0;
	for (k = f + 1; k < m; k++)
		if (list_name_at(s, n, ns[k], sc->given, &kinds[k]) == 0) {
			if (k < m - 1)
				return 0;
			m--; /* "everyone" */
		}
	for (k = f; k < m; k++)
		plain |= kinds[k] == VP_GIVEN_NAME;
	if (end ? !plain && (WORD_IS(s, n, ns[f], asked_no_names, NULL) ||
	                     !staff_said_of_person(s, n, end))
	        : kinds[f] != VP_GIVEN_NAME)
		return 0;
	if (caps_of(s, n, &sc->caps))
		return 0; /* in capitals every word looks like a name */
	for (k = f; k < m; k++) /* "mary-jane on reception": the whole name */
		while (ns[k] >= 2 && s[ns[k] - 1] == '-' && is_alpha(s[ns[k] - 2]))
			for (ns[k]--; ns[k] > 0 && is_alpha(s[ns[k] - 1]);)
				ns[k]--;
	for (k = f + 1; k < m; k++)
		sc->pend_s[k - f - 1] = ns[k], sc->pend_e[k - f - 1] = ne[k];
	if (m - f > 1) {
		sc->npend = (unsigned)(m - f - 1);
		sc->ipend = 0;
		sc->list_end = ne[m - 1];
	}
	*h = (struct hit){VP_REDACT_NAME, ns[f], ne[f]};
	return 1;
}

/* The word s[b..e) is one that comes right before a job or workplace,
 * as staff_phrase_end reads them: the, front, on, at, in, from ("the
 * nurse", "on the front desk", "from the ward"; staff_before's first
 * look, bytes only). */
static int staff_link(const char *s, size_t b, size_t e)
{
	switch (e - b) {
	case 2:
		return same_lower(s + b, "on", 2) || same_lower(s + b, "at", 2) ||
		       same_lower(s + b, "in", 2);
	case 3:
		return same_lower(s + b, "the", 3);
	case 4:
		return same_lower(s + b, "from", 4);
	case 5:
		return same_lower(s + b, "front", 5);
	default:
		return 0;
	}
}

/* Back from s[j] over spaces, a comma and emoji (staff_before): the end
 * of the word before, *b its start; 0 if none. */
static int word_back(const char *s, size_t j, size_t *b, size_t *e)
{
	while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == ','))
		j--;
	if (j > 0 && (unsigned char)s[j - 1] >= 0x80) /* an emoji: "jo\u2764 on" */
		for (int m = 0; m < 8 && j > 0 && (unsigned char)s[j - 1] >= 0x80; m++) {
			size_t l = j - 1; /* to its lead byte: 0xE2, 0xEF, 0xF0 */
			while (l > 0 && l + 4 > j && ((unsigned char)s[l] & 0xC0) == 0x80)
				l--;
			unsigned char c = (unsigned char)s[l];
			if (c != 0xE2 && c != 0xEF && c != 0xF0)
				return 0;
			j = l;
		}
	size_t k = j;
	while (k > 0 && is_alpha(s[k - 1]))
		k--;
	*b = k, *e = j;
	return k < j;
}

/* The word before the list separator before s[j] ("jo and |ami", "jo,
 * |ami", "jo & |ami"): 1, *b and *e its start and end; else 0. */
static int list_word_before(const char *s, size_t j, size_t *b, size_t *e)
{
	size_t q = spaces_back(s, j);
	if (q == j || q == 0)
		return 0;
	if (s[q - 1] == '&')
		q--;
	else if (q >= 4 && s[q - 1] == 'd' && s[q - 2] == 'n' && s[q - 3] == 'a' && s[q - 4] == ' ')
		q -= 3;
	else if (s[q - 1] != ',')
		return 0;
	return word_back(s, q, b, e);
}

/* A name before the job or workplace s[i..e) (a title, role or one of
 * staff_cues[]): "[name] the nurse", "[name], the student nurse", "[name]
 * on reception", "[name] at the front desk", "[name] from the ward rang
 * me", "[name] and [name] on ward 7" (staff_phrase_end's, read forward
 * from the name).  The scan goes back to it; at s[i] again (sc->back_at)
 * it looks back no more.  1 and *h, else 0. */
static int staff_before(const char *s, size_t n, size_t i, size_t e, struct scan *sc,
                        struct hit *h)
{
	size_t ns[4], ne[4], b, t, lb, le, j = i, end, p;
	int links = 0, m;
	if (!sc->given || i <= sc->back_at)
		return 0;
	/* back over "the", "front", on, at, in, from ("on the front desk"),
	 * or "the" and one word ("the student nurse"), to the word before
	 * them: most job and place words stop at the first */
	for (;;) {
		if (!word_back(s, j, &b, &t))
			return 0;
		if (staff_link(s, b, t)) {
			links++;
		} else if (links == 0 && j == i) {
			size_t b2, t2; /* "the student nurse" */
			if (!word_back(s, b, &b2, &t2) || t2 - b2 != 3 || !same_lower(s + b2, "the", 3))
				return 0;
			b = b2, links++;
		} else {
			break;
		}
		if (links > 3)
			return 0;
		j = b;
	}
	/* a name there, or one before "and", "&" or a comma and a word there
	 * ("jo and ami on"): a look at the list's table first */
	if ((!vpr_given_maybe(sc->given, s + b, t - b) &&
	     !(list_word_before(s, b, &lb, &le) && vpr_given_maybe(sc->given, s + lb, le - lb))) ||
	    (end = staff_phrase_end(s, n, t)) < e)
		return 0;
	/* the names before it: "jo and ami", "jo, kate and ami", "jo & ami"
	 * (ns[4 - m] the first so far) */
	ns[3] = b, ne[3] = t, m = 1;
	while (m < 4) {
		size_t q = spaces_back(s, ns[4 - m]);
		if (q > 0 && (s[q - 1] == ',' || (s[q - 1] == '&' && q < ns[4 - m])))
			p = q - 1;
		else if (q >= 4 && q < ns[4 - m] && s[q - 1] == 'd' && s[q - 2] == 'n' &&
		         s[q - 3] == 'a' && s[q - 4] == ' ')
			p = q - 3;
		else
			break;
		if (!word_back(s, p, &ns[3 - m], &ne[3 - m]))
			break;
		m++;
	}
	if (!staff_names(s, n, ns + 4 - m, ne + 4 - m, m, end, sc, h))
		return 0;
	sc->back_at = i;
	return 1;
}

/* After a name ending at s[e], "and", "&" or "n", then the people it
 * works with: "[all] [the|her|his|their] team" ("jo and the team were
 * great", "jo and all the staff", "kate n the girls").  1 if so. */
static int and_the_team(const char *s, size_t n, size_t e)
{
	static const char *const and_[] = {"and", "n"}, *const all[] = {"all"},
	                         *const the_[] = {"her", "his", "the", "their"};
	static const char *const team[] = {"colleagues", "crew",  "everybody", "everyone",
	                                   "gang",       "girls", "lads",      "staff",
	                                   "team",       "teams"};
	size_t j = skip_spaces(s, n, e), t;
	if (j == e || j >= n)
		return 0;
	if (s[j] == '&')
		t = j + 1;
	else if (!WORD_IS(s, n, j, and_, &t))
		return 0;
	if ((j = skip_spaces(s, n, t)) == t)
		return 0;
	if (WORD_IS(s, n, j, all, &t) && (j = skip_spaces(s, n, t)) == t)
		return 0;
	if (WORD_IS(s, n, j, the_, &t) && (j = skip_spaces(s, n, t)) == t)
		return 0;
	return WORD_IS(s, n, j, team, &t) && name_ends_at(s, n, t);
}

int vpr_staff_named_at(const char *s, size_t n, size_t i, size_t e, struct scan *sc,
                       struct hit *h)
{
	static const char *const were[] = {"are", "were"};
	size_t ns[4], ne[4], p, q, t;
	int m = 1;
	if (!sc->given || !name_ends_at(s, n, e))
		return 0;
	ns[0] = i, ne[0] = e;
	/* "jo and kate were great", "jo, kate and ami were" */
	while (m < 4 && (p = list_sep_end(s, n, ne[m - 1])) != 0 && (q = skip_spaces(s, n, p)) > p &&
	       q - p <= 2 && (t = letters_end(s, n, q)) > q && name_ends_at(s, n, t))
		ns[m] = q, ne[m++] = t;
	while (m > 1 && ((q = skip_spaces(s, n, ne[m - 1])) == ne[m - 1] || !WORD_IS(s, n, q, were, NULL)))
		m--;
	static const char *const praised[] = {"deserves"};
	if (m == 1 && !vpr_word_name_follows(s, n, i, e, NM_ROLE) && !and_the_team(s, n, e) &&
	    !((q = skip_spaces(s, n, e)) > e && WORD_IS(s, n, q, praised, NULL)))
		return 0; /* "jo was great", "tom helped me", "jo and the team", "jo deserves a medal" */
	return staff_names(s, n, ns, ne, m, 0, sc, h);
}


int vpr_asked_for_at(const char *s, size_t n, size_t i, struct scan *sc, struct hit *h)
{
	/* a virtue asked for at a desk as a word still ("ask for patience at
	 * the desk"), where grace, hope, faith are names there */
	static const char *const staff_no_names[] = {"patience"};
	size_t t, w, k;
	/* the scan has asked vpr_maybe_lower_name (redact.c's detect) */
	if (!sc->given || !asked_before(s, n, i))
		return 0;
	if ((t = vpr_cued_name_at(s, n, i, 0, sc->given)) == 0) {
		/* a name that is a word too: before the end of a sentence, or,
		 * or where staff work ("ask for sue", "ask for mo at the desk";
		 * one of asked_no_names[] only before a workplace: "ask for
		 * grace on reception"; "ask for hope", "ask for patience at
		 * the desk" stay) */
		w = letters_end(s, n, i);
		if (w == i || !name_ends_at(s, n, w) ||
		    vp_given_name(sc->given, s + i, w - i) != VP_GIVEN_WORD)
			return 0;
		int staff = staff_phrase_end(s, n, w) != 0;
		if (WORD_IS(s, n, i, asked_no_names, NULL) &&
		    (!staff || WORD_IS(s, n, i, staff_no_names, NULL)))
			return 0;
		static const char *const or[] = {"or"};
		k = skip_spaces(s, n, w);
		if (k < n && !strchr(".,;:!?)\n\r", s[k]) && !(k > w && WORD_IS(s, n, k, or, NULL)) &&
		    !staff)
			return 0; /* "ask for sue or mo"; "talk to will and see" stays */
		t = w;
	}
	if (caps_of(s, n, &sc->caps))
		return 0;
	*h = (struct hit){VP_REDACT_NAME, i, t};
	return 1;
}

int vpr_praised_at(const char *s, size_t n, size_t i, size_t e, struct scan *sc, struct hit *h)
{
	static const char *const to[] = {"to"}, *const well[] = {"well"}, *const shout[] = {"shout"};
	static const char *const before_to[] = {"credit", "done", "kudos", "mention", "out"};
	static const char *const before_name[] = {"done", "kudos", "mention"};
	static const char *const word_then[] = {"and", "for"};
	size_t b, c, d, k, t;
	int kind;
	if (!name_ends_at(s, n, e))
		return 0;
	if (prev_word_is(s, n, i, to, 1, &b)) { /* "credit to jo", "well done to jo" */
		if (!prev_word_is(s, n, b, before_to, sizeof before_to / sizeof before_to[0], &c))
			return 0;
	} else if (!prev_word_is(s, n, i, before_name, sizeof before_name / sizeof before_name[0], &c)) {
		return 0; /* "special mention jo", "well done jo" */
	}
	/* "done" after well, "out" after shout: not "had it done jo" */
	if ((lower((unsigned char)s[c]) == 'd' && !prev_word_is(s, n, c, well, 1, &d)) ||
	    (lower((unsigned char)s[c]) == 'o' && !prev_word_is(s, n, c, shout, 1, &d)))
		return 0;
	if (!(kind = vp_given_name(sc->given, s + i, e - i)))
		return 0;
	if (kind == VP_GIVEN_NAME) {
		t = vpr_cued_name_at(s, n, i, 0, sc->given);
		if (t < e)
			t = e;
	} else { /* "well done sue!", not "credit to hope" */
		k = skip_spaces(s, n, e);
		if (WORD_IS(s, n, i, asked_no_names, NULL) ||
		    !(k >= n || strchr(".,;:!?)\n\r", s[k]) || (k > e && WORD_IS(s, n, k, word_then, NULL))))
			return 0;
		t = e;
	}
	if (caps_of(s, n, &sc->caps))
		return 0;
	*h = (struct hit){VP_REDACT_NAME, i, t};
	return 1;
}

static int staff_list_ahead(const char *s, size_t n, size_t i, struct scan *sc, struct hit *h);

int vpr_uncued_at(const char *s, size_t n, size_t i, struct scan *sc, struct hit *h)
{
	size_t t;
	int dash = 0, start = 0;
	for (size_t b = i; b > 0 && b + 3 > i; b--) /* a dash right before: "- Paul", "-Paul" */
		if (s[b - 1] == '-') {
			dash = 1;
			break;
		} else if (s[b - 1] != ' ') {
			break;
		}
	if (dash) {
		t = dash_signed(s, n, i);
	} else if (here_soon(s, n, i) && (start = intro_start(s, n, i)) != 0) {
		/* one word only after a greeting or before ", I": "Hi, Sarah
		 * here", "Sarah here, I wanted" -- not "Food here, terrible" */
		size_t he;
		if ((t = own_name_at(s, n, i)) != 0 &&
		    ((he = here_after(s, n, t)) == 0 ||
		     (!memchr(s + i, ' ', t - i) && start != 2 && !comma_then_i(s, n, he))))
			t = 0;
	} else {
		t = 0;
	}
	if (t == 0 && (!sc->given || (t = given_at(s, n, i, sc->given)) == 0))
		return sc->given && staff_list_ahead(s, n, i, sc, h); /* most words stop here */
	if (caps_of(s, n, &sc->caps))
		return 0; /* in capitals every word looks like a name */
	*h = (struct hit){VP_REDACT_NAME, i, t};
	return 1;
}

/* A capitalised word not on the list at s[i] that starts names joined
 * to one on it before a job or workplace ("Ami and Jo on ward 7": Jo,
 * found by itself, would be masked before the look back from the place
 * reached Ami).  staff_names' 1 and *h, else 0. */
static int staff_list_ahead(const char *s, size_t n, size_t i, struct scan *sc, struct hit *h)
{
	size_t ns[4], ne[4], e = letters_end(s, n, i), p, q, t, end;
	int m = 1;
	/* ", ", " and ", " & " after it: most words stop here, bytes only */
	if (e + 2 >= n ||
	    (s[e] != ',' && !(s[e] == ' ' && (s[e + 1] == '&' ||
	                                      (e + 5 < n && s[e + 1] == 'a' && s[e + 2] == 'n' &&
	                                       s[e + 3] == 'd' && s[e + 4] == ' ')))))
		return 0;
	ns[0] = i, ne[0] = e;
	while (m < 4 && (p = list_sep_end(s, n, ne[m - 1])) != 0 && (q = skip_spaces(s, n, p)) > p &&
	       q - p <= 2 && (t = letters_end(s, n, q)) > q && name_ends_at(s, n, t))
		ns[m] = q, ne[m++] = t;
	int k = 1; /* one after it may be on the list: a look at its table */
	while (k < m && !vpr_given_maybe(sc->given, s + ns[k], ne[k] - ns[k]))
		k++;
	if (k >= m || (end = staff_phrase_end(s, n, ne[m - 1])) == 0 ||
	    !staff_names(s, n, ns, ne, m, end, sc, h))
		return 0;
	sc->back_at = end - 1; /* the job or place word looks back no more */
	return 1;
}

/* The cue word s[i..e) (w, lowercased) and what follows it (sc: the scan's memos). */
int vpr_cue_at(const char *s, size_t n, size_t i, size_t e, const char *w, struct scan *sc,
               struct hit *h)
{
	size_t j, t, b;
	int kind = cue_kind(w, e - i), the = 0, by_name = 0;
	unsigned caps = (kind >= CUE_TITLE && kind <= CUE_CALLED) || kind == CUE_SIGN ||
	                        kind == CUE_FROM
	                    ? caps_of(s, n, &sc->caps) | caps_cue(s, n, i, e)
	                    : 0;
	if (caps && (after_and(s, i) || strcmp(w, "and") == 0))
		caps |= NM_AND;
	switch (kind) {
	case CUE_STAFF: /* "jo on reception", "sue from the ward" */
		return staff_before(s, n, i, e, sc, h);
	case CUE_TITLE:
		/* "jo the nurse", "dave the porter", "jo the GP" (a short
		 * title in capitals too: staff_before's first look is at the
		 * bytes of the word before) */
		if (staff_before(s, n, i, e, sc, h))
			return 1;
		if (strcmp(w, "miss") == 0 && !is_upper(s[i]))
			return 0; /* "I miss Leicester" */
		if ((t = vpr_after_title(s, n, i, e, w, caps, sc->given, &h->start)) == 0)
			return 0;
		h->type = VP_REDACT_NAME;
		h->end = t;
		return 1;
	case CUE_POSS:
		j = skip_spaces(s, n, e);
		if (j == e)
			return 0;
		if ((t = family_adj_end(s, n, j)) != 0) {
			size_t k = skip_spaces(s, n, t), f;
			if (k > t && (family_at(s, n, k, &f) || WORD_IS(s, n, k, family_plural, NULL)))
				j = k;
		}
		int plural = 0;
		if (!family_at(s, n, j, &t) &&
		    (w[0] == 'a' || !(plural = plural_family_at(s, n, j, &t))))
			return 0; /* not after "and": "my son jack and kids" */
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
			/* "my mum (Joan Harris, 87)": more after a comma in the bracket */
			/* "my daughter sarah": a lowercase listed name too */
			/* after a plural a name that is a word too only after
			 * another ("my kids tom and jack", not "my kids hope and") */
			if ((e = vpr_cued_name_at(s, n, t, caps | (plural ? 0 : NM_FAMILY), sc->given)) == 0)
				return 0;
			if (close && (e >= n || (s[e] != close && s[e] != ',')))
				return 0;
			if (plural && !close) { /* "my kids tom, amy and jack": detect reads the rest */
				size_t p = e, q, f, last = 0;
				while ((p = list_sep_end(s, n, p)) != 0 && (q = skip_spaces(s, n, p)) > p &&
				       q - p <= 2 && (f = vpr_cued_name_at(s, n, q, caps | NM_FAMILY, sc->given)))
					last = p = f;
				if (last)
					sc->list_end = last, sc->list_how = NM_LOWER | caps, sc->npend = 0;
			}
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
		if ((e = vpr_cued_name_at(s, n, t, caps, sc->given)) == 0)
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
		} else if ((t = skip_spaces(s, n, j)) > j && t + 1 < n && s[t] == '-' && s[t + 1] == ' ') {
			j = t + 1; /* "Name - Sarah Jones" */
		} else {
			size_t k = skip_spaces(s, n, j);
			size_t ke = letters_end(s, n, k);
			char v[8];
			if (ke == k || ke - k > 3 || !lower_word(s, k, ke, v) ||
			    (strcmp(v, "is") && strcmp(v, "was") && (strcmp(v, "of") || !by_the_before(s, n, i))))
				return 0;
			j = ke;
			by_name = v[0] == 'o';
		}
		if ((t = skip_spaces(s, n, j)) == j)
			return 0;
		if (WORD_IS(s, n, t, titles, NULL))
			return 0;
		/* "a nurse by the name of jo": one lowercase word, then a
		 * surname as after a role ("... of tiwa helped" keeps helped) */
		if ((e = by_name ? vpr_cued_name_at(s, n, t, NM_LOWER | caps, sc->given)
		             : vpr_name_at(s, n, t, NM_LOWER | NM_LOWER2 | caps)) == 0)
			return 0;
		*h = (struct hit){VP_REDACT_NAME, t, e};
		return 1;
	case CUE_CALLED: /* a nurse called Sandra; the midwife was called Kate; I'm called
	                  * Priya; they call me Priya */
		if (w[4] == '\0') { /* "call": "they/people/friends call me" */
			static const char *const who[] = {"can", "everybody", "everyone", "folk", "folks",
			                                  "friends", "people", "they"};
			static const char *const me[] = {"me"};
			if (!prev_word_is(s, n, i, who, sizeof who / sizeof who[0], &b) ||
			    (t = skip_spaces(s, n, e)) == e || !WORD_IS(s, n, t, me, &e))
				return 0;
		} else if (i_am_before(s, n, i)) {
			/* one's own name */
		} else if (prev_word_is(s, n, i, persons, sizeof persons / sizeof persons[0], &b)) {
			/* "a nurse called", "the doctor named": a name not on the
			 * list too after a, an, the and the person */
			the = det_before(s, b);
		} else if ((b = be_before(s, n, i)) == 0) {
			return 0;
		} else if (person_before(s, n, b)) {
			/* "the nurse was called tiwa": a name not on the list
			 * too, before the end of the clause ("the nurse was
			 * called away" stays) */
			the = 2;
		} else {
			/* "the nurse who looked after me was called jo", "she
			 * was called tiwa": the same; in capitals only a name on
			 * the list ("SHE WAS CALLED BACK") */
			if (!subject_before(s, b) ||
			    (caps && (!sc->given || (t = skip_spaces(s, n, e)) == e ||
			              (b = letters_end(s, n, t)) == t || (b < n && is_digit(s[b])) ||
			              !vp_given_name(sc->given, s + t, b - t))))
				return 0;
			the = 2;
		}
		if ((t = skip_spaces(s, n, e)) == e)
			return 0;
		if (WORD_IS(s, n, t, titles, NULL) || called_department(s, n, t))
			return 0; /* "the nurse called Security" */
		/* a name that is a word too after called: "a man called bob" */
		if ((e = vpr_cued_name_at(s, n, t, caps | NM_FAMILY, sc->given)) == 0 &&
		    (!the || caps || (e = called_word_at(s, n, t, the)) == 0))
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
			size_t te = vpr_ten_digits_at(s, n, j, d);
			if (te) {
				t = te;
				h->type = d[0] != '0' && vpr_nhs_valid(d) ? VP_REDACT_NHS : VP_REDACT_ID;
			} else if ((t = id_value_at(s, n, j)) != 0) {
				h->type = VP_REDACT_ID;
			} else {
				return 0;
			}
		}
		h->start = j;
		h->end = t;
		return 1;
	case CUE_NI: /* NI number, NI no., National Insurance (number), NINO: an NI
	              * number, also without its letter ("NI number AB 12 34 56") */
		if (w[1] == 'a') { /* national */
			static const char *const ins[] = {"insurance"};
			if ((j = skip_spaces(s, n, e)) == e || !WORD_IS(s, n, j, ins, &e))
				return 0;
		}
		if (w[2] == '\0' || w[1] == 'a') { /* ni, national insurance: "number" may follow */
			static const char *const nums[] = {"no", "num", "number"};
			if ((j = skip_spaces(s, n, e)) > e && WORD_IS(s, n, j, nums, &t))
				e = t;
		}
		j = skip_cue_sep(s, n, e);
		if (j == e || (t = vpr_ni_at(s, n, j, 1)) == 0)
			return 0;
		*h = (struct hit){VP_REDACT_NI, j, t};
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
		if (j == e || ((t = vpr_date_at(s, n, j, kind != CUE_BORN)) == 0 &&
		               (t = vpr_run_date_at(s, n, j)) == 0))
			return 0;
		*h = (struct hit){VP_REDACT_DOB, j, t};
		return 1;
	case CUE_FROM: /* "From: Jane Smith" at the start of a line, as in a header;
	                * else signing as a closing thanks: "... From Sarah and Tom" */
		b = spaces_back(s, i);
		if (e >= n || s[e] != ':' || (b > 0 && s[b - 1] != '\n' && s[b - 1] != '\r'))
			goto thanks;
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
		b = vpr_initials_end(s, n, j);
		if ((b == j || (t = vpr_name_at(s, n, b, caps | (caps ? NM_LOWER2 : 0))) == 0) &&
		    (t = vpr_name_at(s, n, j, caps | (caps ? NM_LOWER2 : 0))) == 0)
			return 0;
		if (vpr_org_words_in(s, n, j, t) || signs_for_no_one(s, n, j, t))
			return 0; /* "Regards, Healthwatch", "Regards, All" */
		*h = (struct hit){VP_REDACT_NAME, j, t};
		return 1;
	case CUE_THANKS:
	thanks:
		if (caps_of(s, n, &sc->caps))
			return 0; /* in capitals every word looks like a name */
		if ((t = thanks_signed(s, n, i, e, w, &j, &b)) == 0) {
			/* "thanks sue you were great", "thank you to jo" */
			if ((t = thanked_lower(s, n, e, w, sc->given, &j)) == 0)
				return 0;
			b = 0;
			/* "thank you to sarah and [kate]": more names on the
			 * list joined to it, detect reads them */
			size_t p = t, q, f;
			unsigned np = 0;
			while (np < 3 && (p = list_sep_end(s, n, p)) != 0 && (q = skip_spaces(s, n, p)) > p &&
			       q - p <= 2 && is_lower(s[q]) && (f = letters_end(s, n, q)) > q &&
			       name_ends_at(s, n, f) &&
			       vp_given_name(sc->given, s + q, f - q) == VP_GIVEN_NAME)
				sc->pend_s[np] = q, sc->pend_e[np++] = f, p = f;
			if (np) {
				*h = (struct hit){VP_REDACT_NAME, j, t};
				sc->npend = np, sc->ipend = 0, sc->list_end = sc->pend_e[np - 1];
				return 1;
			}
		}
		*h = (struct hit){VP_REDACT_NAME, j, t};
		if (b > t) /* "From Sarah and [Tom]": detect reads the rest */
			sc->list_end = b, sc->list_how = 0, sc->npend = 0;
		return 1;
	case CUE_THIS: /* "This is Sarah Jones writing", "Hi, it's Jo from flat 3" */
		if ((t = introduced(s, n, i, e, w, &j)) == 0 || caps_of(s, n, &sc->caps))
			return 0;
		*h = (struct hit){VP_REDACT_NAME, j, t};
		return 1;
	case CUE_TITLES: { /* "Drs Patel and Khan", "Nurses Kelly, Jones and Lee" */
		static const char *const strong_plurals[] = {"doctors", "drs", "messrs", "profs"};
		/* "Nurses Day and Night", "Doctors Without Borders and ..." */
		static const char *const not_listed[] = {"day", "days", "night", "nights", "shift",
		                                         "shifts", "strike", "strikes", "week",
		                                         "without"};
		/* lowercase names too after these ("drs patel and khan"; not
		 * "the drs surgery": NM_LTITLE) */
		static const char *const lower_plurals[] = {"drs", "messrs", "profs"};
		unsigned how = (IN(w, strong_plurals) ? NM_STRONG : 0) |
		               (IN(w, lower_plurals) ? NM_LOWER | NM_LTITLE : 0);
		size_t p = e, first = 0, last = 0;
		int names = 0;
		if (caps_cue(s, n, i, e))
			return 0; /* in capitals every word looks like a name */
		for (;;) {
			size_t q = skip_spaces(s, n, p);
			if (q == p || q - p > 2 || (t = vpr_name_at(s, n, q, how)) == 0 ||
			    vpr_org_words_in(s, n, q, t) || WORD_IS(s, n, q, not_listed, NULL))
				break;
			if (names++ == 0)
				h->start = q, first = t;
			last = t;
			if ((p = list_sep_end(s, n, t)) == 0)
				break;
		}
		if (names < 2)
			return 0;
		sc->list_end = last;
		sc->list_how = how;
		sc->npend = 0;
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
		if (j == e || (t = vpr_phone_at_(s, n, j, 1)) == 0)
			return 0;
		*h = (struct hit){VP_REDACT_PHONE, j, t};
		return 1;
	}
	case CUE_ADDR: /* "I live at 14 acacia avenue", "my address is 22 bond street" */
		if (w[0] == 'l') { /* live, lives, living: "at" */
			j = skip_spaces(s, n, e);
			if (j == e || j + 2 >= n || lower((unsigned char)s[j]) != 'a' ||
			    lower((unsigned char)s[j + 1]) != 't' || s[j + 2] != ' ')
				return 0;
			j = skip_spaces(s, n, j + 2);
		} else {
			j = skip_cue_sep(s, n, e);
		}
		if (j == e || (t = vpr_address_any_case_at(s, n, j)) == 0)
			return 0;
		*h = (struct hit){VP_REDACT_ADDRESS, j, t};
		return 1;
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
		/* "Flat 3, 22 Bond Street", "flat 3, 22 bond street", "flat 3
		 * the maltings", "Flat 3 Oak House" */
		if (b == t || ((t = vpr_address_any_case_at(s, n, b)) == 0 &&
		               (t = vpr_building_at(s, n, b)) == 0))
			return 0;
		*h = (struct hit){VP_REDACT_ADDRESS, i, t};
		return 1;
	default:
		return 0;
	}
}
