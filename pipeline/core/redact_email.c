/* redact_email.c - e-mail addresses, as written ("jane.smith@nhs.net", with
 * accented letters) and spelt out ("jane(at)nhs.net", "jane dot smith at nhs
 * dot net"), for redact.c's pass.  See redact_impl.h. */
#include <string.h>

#include "redact_impl.h"

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
 * also " dot ", with spaced also " . " -- followed by a letter or digit:
 * its length, else 0. */
static size_t spelt_dot(const char *s, size_t n, size_t j, int words, int spaced)
{
	size_t k = j, m;
	if (words && (m = bare_word(s, n, j, "dot")))
		return m;
	if (spaced && j + 3 < n && s[j] == ' ' && s[j + 1] == '.' && s[j + 2] == ' ' &&
	    is_alnum(s[j + 3]))
		return 3; /* "jo.bloggs @ gmail . com" */
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

/* email_domain_end's work; spaced: " . " is a dot too, *used: one was read. */
static size_t domain_end_(const char *s, size_t n, size_t d, int spelt, int words, int spaced,
                          int *used)
{
	size_t j = d, m, dot = 0, pdot = 0; /* after the last dot, the one before */
	for (;;) {
		if (j < n && is_domain(s[j])) {
			if (s[j] == '.')
				pdot = dot, dot = j + 1;
			j++;
		} else if (j > d && (m = spelt_dot(s, n, j, words, spaced))) {
			*used |= m == 3 && s[j + 1] == '.';
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

/* The end of an e-mail address's domain from s[d] (after the '@'), or 0;
 * spelt: the '@' was spelt out, and then the domain must end in one of
 * spelt_tlds[]; words: it was the word "at", and " dot " is a dot.  A
 * dot with a space either side ("gmail . com") is one if the domain read
 * so ends well, else the domain ends before it ("a@b.com . Thanks"). */
static size_t email_domain_end(const char *s, size_t n, size_t d, int spelt, int words)
{
	int used = 0;
	size_t e = domain_end_(s, n, d, spelt, words, 1, &used);
	return e || !used ? e : domain_end_(s, n, d, spelt, words, 0, &used);
}

/* The domains of mail providers (and NHSmail): after the word "at" one
 * plain word is an address's local part ("jobloggs at gmail.com"). */
static const char *const mail_providers[] = {
	"aol.co.uk", "aol.com", "blueyonder.co.uk", "btinternet.com", "btopenworld.com",
	"gmail.com", "googlemail.com", "hotmail.co.uk", "hotmail.com", "icloud.com",
	"live.co.uk", "live.com", "msn.com", "nhs.net", "ntlworld.com", "outlook.com",
	"protonmail.com", "sky.com", "talktalk.net", "tiscali.co.uk", "virginmedia.com",
	"yahoo.co.uk", "yahoo.com", "ymail.com",
};

/* Words that come before "at" in a sentence ("have a look at gmail.com",
 * "sign in at hotmail dot com"): no local part.  Lowercase, sorted. */
static const char *const before_at[] = {
	"a", "account", "accounts", "address", "all", "also", "am", "an", "and", "are", "as",
	"at", "be", "been", "booked", "but", "by", "check", "checked", "contact", "contacted",
	"details", "directly", "email", "emailed", "emails", "even", "find", "for", "found",
	"from", "go", "her", "here", "him", "his", "in", "inbox", "is", "it", "just", "log",
	"logged", "look", "looked", "looking", "mail", "mailed", "me", "message", "messaged",
	"my", "nhs", "of", "on", "online", "only", "or", "our", "out", "reach", "reached",
	"register", "registered", "sign", "signed", "still", "the", "their", "them", "there",
	"to", "up", "us", "via", "was", "were", "with", "write", "wrote", "you", "your",
};

/* An address whose '@' is spaced or spelt out and whose local part s[i..j)
 * is one plain word ("jo bloggs @ gmail . com", "jo bloggs at gmail dot
 * com"): the writer's name typed with its space.  The word before it goes
 * too unless a sentence puts it before "at" ("write to", "it is"): the
 * address's start, else i. */
static size_t spaced_local_start(const char *s, size_t n, size_t i, size_t j)
{
	char w[24];
	if (letters_end(s, n, i) != j || i < 2 || s[i - 1] != ' ')
		return i;
	size_t b = i - 1;
	while (b > 0 && is_alpha(s[b - 1]))
		b--;
	if (b == i - 1 || (b > 0 && !(s[b - 1] == ' ' || s[b - 1] == '\n' || s[b - 1] == ',' ||
	                             s[b - 1] == ':' || s[b - 1] == '(')) ||
	    !lower_word(s, b, i - 1, w) || IN(w, before_at))
		return i;
	return b;
}

/* The domain s[d..e) (dots as written or spelt, any case) is a mail
 * provider's. */
static int provider_domain(const char *s, size_t n, size_t d, size_t e)
{
	char w[24];
	size_t k = 0, m;
	for (size_t j = d; j < e && k + 1 < sizeof w;) {
		if (is_alnum(s[j]) || s[j] == '-' || s[j] == '.') {
			w[k++] = (char)lower((unsigned char)s[j++]);
		} else if ((m = spelt_dot(s, n, j, 1, 1))) {
			w[k++] = '.';
			j += m;
		} else {
			return 0;
		}
	}
	w[k] = '\0';
	return k + 1 < sizeof w && IN(w, mail_providers);
}

/* An e-mail address at the word start s[i]: its end, or 0; *start where
 * it begins (before i when accented letters come first: "Émile@").  Only
 * a letter or digit before it means it starts earlier: after a quote,
 * hyphen or dot the scan tries nowhere else ("'john.smith@nhs.net'"). */
size_t vpr_email_at(const char *s, size_t n, size_t i, size_t *start, size_t *no_at)
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
	else if (spelt && b == i)
		*start = spaced_local_start(s, n, i, j); /* "jo bloggs @ gmail . com" */
	return end;
}

/* An e-mail address spelt with bare words at the word start s[i] ("jane dot
 * smith at nhs dot net"): its end, or 0.  The part before "at" must hold a
 * " dot ", a '.', '_' or a digit ("I had a look at nhs dot uk" is no
 * address), and the domain end in one of spelt_tlds[].  *memo: no address
 * starts before it (a start inside a run already read finds the same end,
 * or none: one read of each run, "a dot a dot ..." stays linear).  *start:
 * where it begins, before i when the local part is one plain word after
 * another (spaced_local_start). */
size_t vpr_words_email_at(const char *s, size_t n, size_t i, size_t *start, size_t *memo)
{
	*start = i;
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
	/* not "e.g. at www.nhs.uk": a part ending in a dot, a web address */
	if (j > i && s[j - 1] != '.' && (m = bare_word(s, n, j, "at")) &&
	    !(j + m + 4 <= n && lower((unsigned char)s[j + m]) == 'w' &&
	      lower((unsigned char)s[j + m + 1]) == 'w' && lower((unsigned char)s[j + m + 2]) == 'w' &&
	      s[j + m + 3] == '.') &&
	    (end = email_domain_end(s, n, j + m, 1, 1)) != 0 && !sep) {
		/* one plain word: only before a provider's domain, and not a
		 * word that comes before "at" ("have a look at gmail.com") */
		char w[24];
		size_t le = letters_end(s, n, i);
		if (le != j || !lower_word(s, i, j, w) || IN(w, before_at) ||
		    !provider_domain(s, n, j + m, end))
			end = 0;
	}
	if (!end)
		*memo = j;
	else
		*start = spaced_local_start(s, n, i, j); /* "jo bloggs at gmail dot com" */
	return end;
}

/* The word "dot" (any case, a space before and after) somewhere in s[0..n). */
int vpr_has_dot_word(const char *s, size_t n)
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

/* The word "at" before a domain written with dots ("jo.bloggs at
 * gmail.com") somewhere in s[0..n): a '.' followed by an ending of
 * spelt_tlds[], in a run of domain characters that follows " at ".
 * Looked for from each '.', which few words hold. */
int vpr_has_at_domain(const char *s, size_t n)
{
	for (const char *p = s, *end = s + n; p < end && (p = memchr(p, '.', (size_t)(end - p))); p++) {
		size_t d = (size_t)(p - s), t = d + 1, b = d;
		while (t < n && is_alpha(s[t]))
			t++;
		char w[24];
		if (t - d < 3 || (t < n && is_alnum(s[t])) || !lower_word(s, d + 1, t, w) ||
		    !IN(w, spelt_tlds))
			continue;
		while (b > 0 && is_domain(s[b - 1]))
			b--;
		if (b >= 4 && bare_word(s, n, b - 4, "at"))
			return 1;
	}
	return 0;
}

/* "(at)", "[at]" or "{at}" somewhere in s[0..n). */
int vpr_has_spelt_at(const char *s, size_t n)
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
