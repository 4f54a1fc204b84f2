/* redact.c - see include/voxpop/redact.h
 *
 * A single left-to-right pass.  At every word start the detectors are tried
 * in order (e-mail, NHS number, phone, address, postcode, then the cue words
 * that introduce a name, an id number or a date of birth, then at a
 * capitalised word a name with no cue word before it: "-- Sarah", "Sarah
 * here, I", a given name on the redactor's list); the first to match wins and the scan goes on after its span.  Cue detectors return a
 * span that starts after the cue, which stays.
 *
 * Numeric patterns err on the side of masking (a missed phone number in a
 * published quote costs more than a masked reference number); the word
 * patterns need a cue (a title, a family role, "I'm", a street type) so
 * that place and service names ("Glenfield Hospital") are left alone.
 * All tables are constant (there is no state outside the call but the
 * redactor's read-only list of given names) and sorted in strcmp order,
 * for bsearch.
 *
 * Here: the types, the pass, what the detectors read (a text's digits and
 * dashes of other scripts as ASCII) and the public API; the detectors are
 * in redact_email.c, redact_digits.c, redact_address.c, redact_names.c and
 * redact_cue.c, what they share in redact_impl.h.
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
#include "voxpop/text.h"
#include "voxpop/utf8.h"
#include "redact_impl.h"

static const struct {
	const char *name, *placeholder, *help;
} types[VP_REDACT_NTYPES] = {
	{"nhs_number", "[NHS number]",
	 "10 digits (943 476 5919, 943-476-5919, 943.476.5919, 943/476/5919, 943_476_5919, 943 - 476 - 5919, 9434 765 919, 943 4765 919, 94347 65919, 943 476 59 19, 9 4 3 4 7 6 5 9 1 9, (943) 476-5919, 9434765919; read out: nine four three ...) passing the Modulus 11 check"},
	{"phone", "[phone]",
	 "UK phone numbers (07700 900123, (0116) 496 0123, 0116/496/0123, +44 20 7946 0018; after mobile, phone, tel also without the 0: 7700 900123; read out: oh seven seven double oh nine ...), other +numbers"},
	{"email", "[email]",
	 "e-mail addresses, also spelt out (jane(at)nhs.net, jane dot smith at nhs dot net, jo.bloggs @ gmail . com, jo bloggs @ gmail . com; one plain word before at only with a mail provider's domain: jobloggs at gmail.com); URLs stay"},
	{"postcode", "[postcode]",
	 "full UK postcodes (LE1 6EJ, le16ej, LE1-6EJ, LE1.6EJ, with a no-break, thin or zero-width space or a line break; the space one place early, LE16 EJ, le16 ej, not before a word: LE16 at; spelt out, L E 1 5 W W, LE1 5 W W); a district alone stays"},
	{"address", "[address]",
	 "house or flat number + street name + street type (12 Gwendolen Road, 12-14 High Street, Flat 3, 22 Bond St; in lower case after I live at, my address is, and where an address is written: 12 acacia avenue, oakham; at 7 church lane; we live 12 oak road; our house is 12 oak road; it's 3 mill lane; a number and the crescent, the green ... at a clause's end or after i'm at, we're at: i'm at 7 the crescent; 4 way street, at 7 the road was closed stay), a flat in a named building (flat 3 the maltings, Flat 3 Oak House); not a surgery's (3 High Street Surgery)"},
	{"name", "[name]",
	 "names after a title or role (Dr, Mrs, Nurse; dr patel, mrs jones; nurse jane, my daughter sarah, a nurse called jane with a given name on vp-redact's list, and its lowercase surname: nurse jane smith, mr john smith; Drs Patel and Khan), a family role (my son; in lower case a given name that is a word too: my son jack, my husband frank; will, may, rose, frank only before on, at, and, is, was, has, had, a past or the end: my son will on 07700 900123, my son will be fine stays), names after a family word in the plural (my kids tom and amy), after a neighbour, friend, mate, lodger, fiancé or in-law (my next door neighbour bob, my best friend dave, my sister-in-law kate), a role written as an acronym (the GP khan, the HCA sarah) or a job (porter, cleaner, carer, dentist, optician, manager, assistant, sonographer, health visitor, key worker, care coordinator, mw, hv, cpn: the porter dave, my mw kayleigh), I'm, my name is, by the name of, called (a nurse called mo, a man called bob, the nurse was called tiwa; the nurse who looked after me was called jo, she was called kate, my son's called jack; i was called back, a nurse called back, the nurse called Security stay), a sign-off (Regards,), a closing thanks signed at the end (... Many thanks, Jo Bloggs; ... Thanks Jo Bloggs; ... Love, Jo; ... Love from Jo; ... From Sarah and Tom; ... Yours, John; ... -- Sarah (daughter)), From: at a line start, a writer introducing themselves (This is Sarah Jones writing; Hi, this is Sarah, I; Sarah here, I); with no cue a given name on vp-redact's list (Thanks Kevin and all the team; It's Tom, room 4; SarahJones; Grace, May, Will only where signed or thanked), a lowercase surname on its list after a given name, run on to one or after a role (Sarah jones, sarahjones, my son will smith, Doctor patel), a name after ask for, asked for, speak to (ask for jane, ask for sue, ask for mo at the desk, ask for grace on reception, ask for Grace; ask for hope stays), a lowercase given name on the list before its job or workplace (jo the nurse, jo the GP, mary-jane on reception, jo on reception, sue from the ward rang me, jo and ami on ward 7, ami and jo on ward 7; may the nurse, bill from the pharmacy stay) or starting a sentence (jo was great, jo and the team were great, kayleigh deserves a medal), praised (well done kayleigh, credit to kayleigh, special mention to kayleigh; credit to hope stays), a given name on the list addressed (thanks sue you were great; thx jo; thank you to sarah and kate; call me back on 07700 900123, sue; jo, thank you; thanks all stays)"},
	{"date_of_birth", "[date of birth]", "a date after DOB, date of birth, birth date, born, birthday"},
	{"id_number", "[id number]",
	 "a number after hospital number, MRN, patient ID, unit number, NHS number (failing the check)"},
	{"ni_number", "[NI number]",
	 "National Insurance numbers: two letters, six digits, a letter A-D (QQ 12 34 56 C, QQ123456C, qq 123456 c, QQ-12-34-56-C); without the letter only after NI number, National Insurance, NINO (NI number AB 12 34 56); AB 12 34 56 alone and a word before the digits (on 12 34 56 a) stay"},
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
	HAS_DOT_WORD = 8, /* the word "dot", or "at" before a dotted domain: e-mail addresses spelt with words */
	HAS_MARKUP = 16, /* '<' or '&': HTML a web form left, read as shown */
};

static unsigned text_has(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned digit = 0, high = 0, markup = 0;
	size_t i = 0;
#if defined(__SSE2__) && defined(__GNUC__)
	/* 16 bytes at a time (gcc -O2 does not vectorise the loop below): a
	 * byte from 0x80 is negative as a signed char, so never a digit */
	const __m128i below = _mm_set1_epi8('0' - 1), above = _mm_set1_epi8('9' + 1);
	const __m128i lt = _mm_set1_epi8('<'), amp = _mm_set1_epi8('&');
	__m128i dig = _mm_setzero_si128(), hi = _mm_setzero_si128(), mk = _mm_setzero_si128();
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(u + i));
		dig = _mm_or_si128(dig, _mm_and_si128(_mm_cmpgt_epi8(v, below), _mm_cmplt_epi8(v, above)));
		hi = _mm_or_si128(hi, v);
		mk = _mm_or_si128(mk, _mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, amp)));
	}
	digit = _mm_movemask_epi8(dig) != 0;
	high = _mm_movemask_epi8(hi) != 0;
	markup = _mm_movemask_epi8(mk) != 0;
#endif
	for (; i < n; i++) {
		digit |= (unsigned)(u[i] - '0') < 10;
		high |= u[i] >> 7;
		markup |= u[i] == '<' || u[i] == '&';
	}
	return (memchr(s, '@', n) || vpr_has_spelt_at(s, n) ? HAS_AT : 0) | (digit ? HAS_DIGIT : 0) |
	       (high ? HAS_WIDE : 0) | (markup ? HAS_MARKUP : 0) |
	       (vpr_has_dot_word(s, n) || vpr_has_at_domain(s, n) ? HAS_DOT_WORD : 0);
}

/* The detection starting at the word start s[i], if any (has: text_has). */
static int detect(const char *s, size_t n, size_t i, unsigned has, struct scan *sc,
                  int pc_here, size_t pc_e, struct hit *h)
{
	unsigned char c = (unsigned char)s[i];
	size_t e;
	*h = (struct hit){0, i, 0};
	if (i < sc->list_end) {
		if (sc->npend) { /* "jo and [ami] on ward 7": where they start */
			while (sc->ipend < sc->npend && sc->pend_s[sc->ipend] < i)
				sc->ipend++;
			if (sc->ipend < sc->npend && sc->pend_s[sc->ipend] == i)
				return *h = (struct hit){VP_REDACT_NAME, i, sc->pend_e[sc->ipend++]}, 1;
		} else if ((e = vpr_name_at(s, n, i, sc->list_how))) {
			return *h = (struct hit){VP_REDACT_NAME, i, e}, 1; /* "Drs Patel and [Khan]" */
		}
	}
	if (c == '+' || c == '(') {
		if (c == '(' && (e = vpr_nhs_at(s, n, i))) /* "(943) 476-5919" */
			return *h = (struct hit){VP_REDACT_NHS, i, e}, 1;
		if ((e = vpr_phone_at(s, n, i)))
			return *h = (struct hit){VP_REDACT_PHONE, i, e}, 1;
		return 0;
	}
	size_t b;
	if ((has & HAS_AT) && (e = vpr_email_at(s, n, i, &b, &sc->no_at)))
		return *h = (struct hit){VP_REDACT_EMAIL, b, e}, 1;
	if ((has & HAS_DOT_WORD) && (e = vpr_words_email_at(s, n, i, &b, &sc->no_words)))
		return *h = (struct hit){VP_REDACT_EMAIL, b, e}, 1;
	if (is_digit(c)) {
		if ((e = vpr_nhs_at(s, n, i)))
			return *h = (struct hit){VP_REDACT_NHS, i, e}, 1;
		if (c == '0' && (e = vpr_phone_at(s, n, i)))
			return *h = (struct hit){VP_REDACT_PHONE, i, e}, 1;
		int t;
		if (c == '0' && (e = vpr_number_words_at(s, n, i, &t))) /* "0 seven seven ..." */
			return *h = (struct hit){t, i, e}, 1;
		if ((e = vpr_address_at(s, n, i)) || (e = vpr_address_lower_at(s, n, i)))
			return *h = (struct hit){VP_REDACT_ADDRESS, i, e}, 1;
		return 0;
	}
	if (pc_here)
		return *h = (struct hit){VP_REDACT_POSTCODE, i, pc_e}, 1;
	/* two letters, then the digits of an NI number ("QQ 12 34 56 C") */
	if ((has & HAS_DIGIT) && i + 2 < n && is_alpha(s[i + 1]) && !is_alpha(s[i + 2]) &&
	    (e = vpr_ni_at(s, n, i, 0)))
		return *h = (struct hit){VP_REDACT_NI, i, e}, 1;
	/* one character and a blank: a postcode spelt out ("L E 1 5 W W") */
	if ((has & HAS_DIGIT) && i + 2 < n && (s[i + 1] == ' ' || s[i + 1] == '\t') &&
	    (e = vpr_postcode_spelt_at(s, n, i)))
		return *h = (struct hit){VP_REDACT_POSTCODE, i, e}, 1;
	/* an outward code has a digit second or third: most words stop here,
	 * before the call */
	if ((has & HAS_DIGIT) && i + 2 < n && (is_digit(s[i + 1]) || is_digit(s[i + 2])) &&
	    ((e = vpr_postcode_wide_at(s, n, i)) || (e = vpr_postcode_split_at(s, n, i)) ||
	     (e = vpr_postcode_spelt_at(s, n, i)))) /* "LE1 5 W W" */
		return *h = (struct hit){VP_REDACT_POSTCODE, i, e}, 1;
	char w[24];
	e = letters_end(s, n, i);
	int t;
	size_t r;
	if (vpr_maybe_number_word(s, i, e) &&
	    (r = vpr_number_words_at(s, n, i, &t))) /* "oh seven seven double oh ..." */
		return *h = (struct hit){t, i, r}, 1;
	if (sc->given && e - i >= 6 && is_lower(c) && vpr_run_together_splits(sc->given, s + i, e - i) &&
	    (r = vpr_run_together_at(s, n, i, e, sc->given)))
		return *h = (struct hit){VP_REDACT_NAME, i, r}, 1; /* "sarahjones" */
	if (vpr_maybe_cue(s, i, e) && lower_word(s, i, e, w) &&
	    vpr_cue_at(s, n, i, e, w, sc, h))
		return 1;
	if (is_lower(c)) {
		unsigned maybe = sc->given ? vpr_maybe_lower_name(s, n, i, e) : 0;
		return (maybe && (((maybe & MAYBE_ASKED) && vpr_asked_for_at(s, n, i, sc, h)) || /* "ask for jane" */
		                 ((maybe & MAYBE_ADDRESSED) && vpr_addressed_at(s, n, i, e, sc, h)) || /* ", sue" */
		                 ((maybe & MAYBE_START) && vpr_given_maybe(sc->given, s + i, e - i) &&
		                  vpr_staff_named_at(s, n, i, e, sc, h)))) || /* "jo was great" */
		       /* "well done jo", "credit to jo", "special mention jo": to,
		        * done, mention, kudos before it, by their last two letters */
		       (sc->given && i >= 4 && s[i - 1] == ' ' &&
		        ((s[i - 2] == 'o' && s[i - 3] == 't') || (s[i - 2] == 'e' && s[i - 3] == 'n') ||
		         ((s[i - 2] == 'n' || s[i - 2] == 's') && s[i - 3] == 'o')) &&
		        vpr_given_maybe(sc->given, s + i, e - i) && vpr_praised_at(s, n, i, e, sc, h));
	}
	return is_upper(c) && vpr_uncued_at(s, n, i, sc, h); /* "Sarah here, I", "... - Jo Bloggs" */
}

/* ---- what the detectors read ---------------------------------------------- */

/* The text as the detectors read it: s[0..n), and at[k] the offset in the
 * text as written of the character that gave s[k] (at[n]: the text's
 * length).  When nothing is read differently, s is the text and at NULL. */
struct view {
	const char *s;
	size_t n;
	char *own;
	size_t *at;
	const char *text; /* the text as written */
};

/* How the detectors read the character (or markup) at text[i..n): its
 * length in *len and what it reads as in a[0..return) (0: as written,
 * VP_UTF8_READ_NOTHING: not at all, a character no reader sees).
 * HTML a web form left in the text reads as a browser shows it ("Dr&nbsp;
 * Patel", "07700&nbsp;900123", "jo&#64;x.com" are a name, a phone, an
 * e-mail), a character of vp_utf8_read_as as it says. */
static size_t read_as_at(const char *text, size_t i, size_t n, size_t *len, char a[4])
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)text;
	*len = 1;
	if (text[i] == '<' || text[i] == '&') {
		size_t un, k = vp_text_markup_at(text + i, n - i, a, &un);
		if (k) {
			*len = k;
			utf8proc_int32_t cp;
			char b[4];
			size_t m;
			/* the character named, itself read as (&nbsp; is a space) */
			if ((unsigned char)a[0] >= 0x80 &&
			    utf8proc_iterate((const utf8proc_uint8_t *)a, (utf8proc_ssize_t)un, &cp) > 0 &&
			    (m = vp_utf8_read_as(cp, b)) > 0) {
				if (m == VP_UTF8_READ_NOTHING) /* &#173; */
					return m;
				memcpy(a, b, m);
				return m;
			}
			return un;
		}
		return 0;
	}
	if (u[i] < 0x80)
		return 0;
	utf8proc_int32_t cp;
	utf8proc_ssize_t l = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
	if (l <= 0)
		return 0; /* not UTF-8: as written */
	*len = (size_t)l;
	return vp_utf8_read_as(cp, a);
}

/* An ASCII byte read as written: neither markup's '<' nor '&'. */
#define PLAIN_ASCII(c) ((unsigned char)(c) < 0x80 && (c) != '<' && (c) != '&')

/* The view of text[0..n) (has: text_has's HAS_WIDE, a byte >= 0x80, and
 * HAS_MARKUP): 0, or -1 when out of memory. */
static int view_make(struct view *v, const char *text, size_t n, unsigned has)
{
	*v = (struct view){text, n, NULL, NULL, text};
	if (!(has & (HAS_WIDE | HAS_MARKUP)))
		return 0;
	size_t i = 0, o = 0, len = 1;
	char a[4];
	for (; i < n; i += len) { /* the first character read differently */
		if (PLAIN_ASCII(text[i])) {
			len = 1;
			continue;
		}
		if (read_as_at(text, i, n, &len, a))
			break;
	}
	if (i == n)
		return 0;
	/* each character of two bytes or more becomes four at most, markup
	 * no more than it was */
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
		if (PLAIN_ASCII(text[i])) { /* most bytes: as written, no call */
			v->own[o] = text[i];
			v->at[o++] = i++;
			continue;
		}
		size_t m = read_as_at(text, i, n, &len, a);
		if (m == VP_UTF8_READ_NOTHING) {
			/* in no detector's way ("Pat\u00ADel" is a name), but
			 * a capital after a small letter starts a word, as a
			 * reader takes "Sarah\u200BJones" */
			if (o && is_lower(v->own[o - 1]) && i + len < n && is_upper(text[i + len])) {
				v->own[o] = ' ';
				v->at[o++] = i;
			}
		} else if (m) {
			for (size_t k = 0; k < m; k++) {
				v->own[o] = a[k];
				v->at[o++] = i;
			}
		} else {
			for (size_t k = 0; k < len; k++) {
				v->own[o] = text[i + k];
				v->at[o++] = i + k;
			}
		}
		i += len;
	}
	v->at[o] = n;
	v->s = v->own;
	v->n = o;
	return 0;
}

/* Where the view's offset k is in the text as written: a start (k a
 * view offset, the character it comes from) or an end (after the last
 * character any of s[..k) comes from, not after the characters read as
 * nothing that follow it: they are not what a mask masks). */
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
	size_t end = v->at[j];
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)v->text;
	while (end > v->at[k - 1] && u[end - 1] >= 0x80) {
		size_t c = end - 1; /* the character before end */
		while (c > v->at[k - 1] && (u[c] & 0xC0) == 0x80)
			c--;
		utf8proc_int32_t cp;
		char a[4];
		if (utf8proc_iterate(u + c, (utf8proc_ssize_t)(end - c), &cp) != (utf8proc_ssize_t)(end - c) ||
		    vp_utf8_read_as(cp, a) != VP_UTF8_READ_NOTHING)
			break;
		end = c;
	}
	return end;
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
	struct scan sc = {.caps = -1, .given = rd ? rd->given : NULL};
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
	if (view_make(&v, text, n, has) != 0)
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

int vp_redact_with(const vp_given_names *given, const char *text, size_t n, vp_buf *out)
{
	vp_redactor rd = VP_REDACTOR_INIT;
	rd.given = given;
	return vp_redact_record(&rd, text, n, out, NULL) < 0 ? -1 : 0;
}

int vp_redact(const char *text, size_t n, vp_buf *out)
{
	return vp_redact_with(NULL, text, n, out);
}

void vp_redact_shown(const vp_given_names *given, const char *text, size_t n, char *out,
                     size_t cap)
{
	vp_buf b = VP_BUF_INIT;
	if (vp_redact_with(given, text, n, &b) == 0) {
		text = b.data ? b.data : "";
		n = b.len;
	} else {
		n = 0; /* out of memory: show nothing rather than the text */
	}
	size_t m = n > cap - 1 ? cap - 1 : n;
	while (m < n && m > 0 && ((unsigned char)text[m] & 0xC0) == 0x80)
		m--;
	memcpy(out, text, m);
	out[m] = '\0';
	vp_buf_free(&b);
}
