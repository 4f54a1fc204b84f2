/* ingest_header.c - header names and which columns are what: names
 * trimmed and made unique, options matched to them, free-text columns
 * guessed from a sample.  Over any row source (rowsrc.h); see ingest.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest_impl.h"
#include "voxpop/hash.h"
#include "voxpop/str.h"

/* ------------------------------------------------------------------ */
/* header names */

void vp_header_free(vp_header *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->name[i]);
	free(h->name);
	free(h->first);
	h->name = NULL;
	h->first = NULL;
	h->n = 0;
}

/* Names made unique with " (2)", " (3)"...: each name tried goes into a
 * hash map whose value, for a repeated base name, is the next suffix to
 * try, so a header of n columns costs O(n) expected (issue 16 #9: 4,000
 * repeats or 100,000 distinct names were cubic / quadratic).  A made name
 * (a repeat's, or "column N" for an empty header) is never one a real
 * header has, before or after it: those are put in a map of their own
 * first and skipped, so a column option naming a real header takes it. */
int vp_header_init(vp_header *h, const char *const *raw, const size_t *len, size_t n)
{
	h->n = 0;
	h->name = calloc(n ? n : 1, sizeof *h->name);
	h->first = malloc((n ? n : 1) * sizeof *h->first);
	if (!h->name || !h->first) {
		vp_header_free(h);
		return -1;
	}
	/* seen: names taken; real: the headers' own names, each to 1 + the
	 * first column headed so; suffix: a repeated name's next suffix to try */
	vp_strmap seen = VP_STRMAP_INIT, real = VP_STRMAP_INIT, suffix = VP_STRMAP_INIT;
	vp_buf b = VP_BUF_INIT, base = VP_BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		const char *s = raw[i];
		size_t k = len[i];
		vp_trim_span(&s, &k);
		size_t *at = NULL;
		h->first[i] = i;
		if (k && vp_strmap_put(&real, s, k, i + 1, &at) < 0)
			rc = -1;
		else if (at)
			h->first[i] = *at - 1;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		const char *s = raw[i];
		size_t k = len[i];
		vp_trim_span(&s, &k);
		vp_buf_clear(&base);
		rc = k ? vp_buf_append(&base, s, k) : vp_buf_printf(&base, "column %zu", i + 1);
		if (rc)
			break;
		vp_buf_clear(&b);
		rc = vp_buf_append(&b, base.data, base.len);
		/* the name itself, unless taken already, or it is an empty
		 * header's "column N" that a real header has */
		if (rc == 0 && !vp_strmap_get(&seen, base.data, base.len) &&
		    !(!k && vp_strmap_get(&real, base.data, base.len))) {
			if (vp_strmap_put(&seen, base.data, base.len, 1, NULL) < 0)
				rc = -1;
		} else if (rc == 0) {
			/* a repeat: the first free "Name (k)" from where the last stopped */
			size_t *next;
			if (vp_strmap_put(&suffix, base.data, base.len, 2, &next) < 0) {
				rc = -1;
				break;
			}
			size_t dup = *next;
			for (;; dup++) {
				vp_buf_clear(&b);
				if ((rc = vp_buf_append(&b, base.data, base.len)) != 0 ||
				    (rc = vp_buf_printf(&b, " (%zu)", dup)) != 0)
					break;
				if (!vp_strmap_get(&seen, b.data, b.len) &&
				    !vp_strmap_get(&real, b.data, b.len))
					break;
			}
			size_t *at = vp_strmap_get(&suffix, base.data, base.len);
			if (at)
				*at = dup + 1;
			if (rc == 0 && vp_strmap_put(&seen, b.data, b.len, 1, NULL) < 0)
				rc = -1;
		}
		if (rc == 0) {
			h->name[h->n] = vp_buf_steal(&b);
			if (!h->name[h->n])
				rc = -1;
			else
				h->n++;
		}
	}
	vp_buf_free(&b);
	vp_buf_free(&base);
	vp_strmap_free(&seen);
	vp_strmap_free(&real);
	vp_strmap_free(&suffix);
	if (rc != 0) {
		vp_header_free(h);
		return -1;
	}
	return 0;
}

long vp_header_find(const vp_header *h, const char *want)
{
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->name[i], want) == 0)
			return (long)i;
	const char *w = want;
	size_t wn = strlen(want);
	vp_trim_span(&w, &wn);
	long found = VP_HDR_NONE;
	for (size_t i = 0; i < h->n; i++) {
		if (strlen(h->name[i]) == wn && strncasecmp(h->name[i], w, wn) == 0) {
			if (found != VP_HDR_NONE)
				return VP_HDR_AMBIGUOUS;
			found = (long)i;
		}
	}
	return found;
}

int vp_header_list(const vp_header *h, vp_buf *out)
{
	for (size_t i = 0; i < h->n; i++)
		if (vp_buf_printf(out, "%s\"%s\"", i ? ", " : "", h->name[i]) != 0)
			return -1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* guessing free-text columns */

/* A header's words, lower-cased (ASCII letters, digits, '-' and '\''
 * within a word), and whether each ends a clause (',', '.', ':', ';', '?',
 * '!', '(' or ')' after it, or the end).  Parenthesised words ("(optional)",
 * "(2)") are left out. */
enum { PW_MAX = 48, PW_LEN = 24 };
struct pwords {
	size_t n;
	char w[PW_MAX][PW_LEN];
	unsigned char stop[PW_MAX]; /* a clause ends after word i */
	int question;               /* a '?' somewhere */
};

static void pwords_split(const char *s, struct pwords *p)
{
	memset(p, 0, sizeof *p);
	int depth = 0;
	size_t len = 0;
	int in_word = 0;
	for (const char *c = s;; c++) {
		unsigned char ch = (unsigned char)*c;
		int wordch = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		             (ch >= '0' && ch <= '9') || ch >= 0x80 ||
		             (in_word && (ch == '-' || ch == '\''));
		if (wordch && depth == 0) {
			if (!in_word) {
				if (p->n == PW_MAX)
					return;
				in_word = 1;
				len = 0;
				p->n++;
			}
			if (len + 1 < PW_LEN)
				p->w[p->n - 1][len++] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
			continue;
		}
		in_word = 0;
		if (ch == '?')
			p->question = 1;
		if (p->n && (ch == 0 || strchr(",.:;?!()", ch)))
			p->stop[p->n - 1] = 1;
		if (ch == '(')
			depth++;
		else if (ch == ')' && depth > 0)
			depth--;
		if (ch == 0)
			return;
	}
}

static int pw_is(const struct pwords *p, size_t i, const char *const *list)
{
	if (i >= p->n)
		return 0;
	for (; *list; list++)
		if (strcmp(p->w[i], *list) == 0)
			return 1;
	return 0;
}

/* The detail nouns: a phrase naming a personal detail ends in one of
 * these (alone, or after the word that makes it one: "phone number").
 * An identifier is one too: a date of birth ("DOB", "Birthdate"), a
 * hospital's record number ("MRN"), a National Insurance number ("NINO"). */
static const char *const detail_words[] = {"name", "surname", "forename", "forenames",
	"firstname", "lastname", "address", "email", "e-mail", "postcode", "phone",
	"telephone", "mobile", "tel", "latitude", "longitude", "cookie", "dob", "birthdate",
	"date-of-birth", "mrn", "nino", NULL};
static const char *const detail_qualifiers[] = {"phone", "telephone", "mobile", "contact",
	"tel", "post", "postal", "zip", "nhs", "your", "personal", "hospital", "patient",
	"insurance", "ni", "birth", NULL};
static const char *const detail_tails[] = {"number", "no", "details", "code", "id", "date",
	NULL};

/* Words i..j (inclusive) end in a detail noun: "name", "email address",
 * "phone number", "post code", "contact details", "NHS number", "date of
 * birth", "hospital number", "patient ID", "National Insurance number".
 * j is the last word. */
static int names_detail_at(const struct pwords *p, size_t j)
{
	if (pw_is(p, j, detail_words))
		return 1;
	/* "Date of birth", "D.O.B." (its letters are words here) -- not "Year
	 * of birth" or "Place of birth", a demographic's column */
	if (j >= 2 && ((!strcmp(p->w[j - 2], "date") && !strcmp(p->w[j - 1], "of") &&
	                !strcmp(p->w[j], "birth")) ||
	               (!strcmp(p->w[j - 2], "d") && !strcmp(p->w[j - 1], "o") &&
	                !strcmp(p->w[j], "b"))))
		return 1;
	if (j > 0 && pw_is(p, j, detail_tails) && pw_is(p, j - 1, detail_qualifiers)) {
		/* "post code", "postal code", "zip code" but not "your code" or
		 * "area code"; "your details" and "contact details"; "phone
		 * number" and "NHS number" but not "your number"; "hospital
		 * number", "patient ID", "National Insurance number", "NI no",
		 * "birth date" but not "patient details" (a form's heading),
		 * "phone ID" or "hospital code" */
		const char *q = p->w[j - 1], *tail = p->w[j];
		int num = !strcmp(tail, "number") || !strcmp(tail, "no");
		if (strcmp(tail, "code") == 0)
			return !strcmp(q, "post") || !strcmp(q, "postal") || !strcmp(q, "zip");
		if (strcmp(tail, "date") == 0)
			return strcmp(q, "birth") == 0;
		if (strcmp(q, "birth") == 0)
			return 0;
		if (strcmp(q, "hospital") == 0 || strcmp(q, "patient") == 0)
			return num || strcmp(tail, "id") == 0;
		if (strcmp(q, "insurance") == 0 || strcmp(q, "ni") == 0)
			return num;
		if (strcmp(tail, "id") == 0)
			return 0;
		if (strcmp(q, "your") == 0 || strcmp(q, "personal") == 0)
			return strcmp(tail, "details") == 0;
		if (strcmp(q, "nhs") == 0)
			return strcmp(tail, "details") != 0;
		return strcmp(q, "postal") != 0 && strcmp(q, "zip") != 0;
	}
	return 0;
}

int vp_header_is_personal(const char *name)
{
	struct pwords p;
	pwords_split(name, &p);
	size_t n = p.n;
	if (n == 0)
		return 0;
	/* "Address line 1", "Address 2": the detail is before the numbering */
	while (n > 1 && p.w[n - 1][0] >= '0' && p.w[n - 1][0] <= '9')
		n--;
	if (n > 1 && strcmp(p.w[n - 1], "line") == 0)
		n--;
	/* A short label, not a question, names a detail when it ends in one
	 * ("Phone number", "Your name", "E-mail address", "Contact details");
	 * "Mobile library service" ends in something else. */
	if (!p.question && n <= 6 && names_detail_at(&p, n - 1))
		return 1;
	/* A question or a long header is personal only when it asks for the
	 * detail: "What is your email address?", "please leave your details",
	 * "please give your phone number so ...": a request, then "your"
	 * and a phrase that names a detail and ends there (a clause's end, or
	 * a joining word). */
	static const char *const ends[] = {"and", "or", "so", "if", "below", "here", "in",
		"for", "to", "we", "please", "then", NULL};
	static const char *const asks[] = {"please", "enter", "give", "leave", "provide",
		"supply", "state", "write", "include", "add", NULL};
	int asked = 0;
	for (size_t i = 0; i < p.n; i++) {
		if (pw_is(&p, i, asks) || strcmp(p.w[i], "what's") == 0 ||
		    (strcmp(p.w[i], "what") == 0 && i + 1 < p.n && strcmp(p.w[i + 1], "is") == 0))
			asked = 1;
		if (!asked || strcmp(p.w[i], "your") != 0)
			continue;
		/* "your" + up to three words, the last a detail, then an end */
		for (size_t j = i + 1; j < p.n && j <= i + 3; j++) {
			if (names_detail_at(&p, j) && (p.stop[j] || j + 1 == p.n || pw_is(&p, j + 1, ends)))
				return 1;
			if (p.stop[j])
				break;
		}
	}
	return 0;
}

/* A consent question (ingest.h): who asks, what is done with the
 * answers, and which answers. */
static const char *const consent_asks[] = {"consent", "consents", "consenting", "permission",
	NULL};
static const char *const consent_agree[] = {"agree", "agrees", NULL};
static const char *const consent_agree_to[] = {"to", "that", "for", NULL};
static const char *const consent_can[] = {"can", "may", "could", NULL};
static const char *const consent_uses[] = {"use", "used", "using", "quote", "quoted",
	"quoting", "share", "shared", "sharing", "publish", "published", "publishing", "include",
	"included", NULL};
static const char *const consent_objects[] = {"answer", "answers", "comment", "comments",
	"feedback", "response", "responses", "views", "words", "story", "stories", "experience",
	"experiences", NULL};

int vp_header_is_consent(const char *name)
{
	struct pwords p;
	pwords_split(name, &p);
	if (p.n == 0)
		return 0;
	/* "Consent", "Consent given", "Consent (Y/N)" */
	if (!p.question && p.n <= 3 && (!strcmp(p.w[0], "consent") || !strcmp(p.w[0], "consented")))
		return 1;
	for (size_t i = 0; i < p.n; i++) {
		int asks = pw_is(&p, i, consent_asks) ||
		           (pw_is(&p, i, consent_agree) && pw_is(&p, i + 1, consent_agree_to)) ||
		           (pw_is(&p, i, consent_can) && i + 1 < p.n && !strcmp(p.w[i + 1], "we"));
		if (!asks)
			continue;
		int used = 0, object = 0;
		for (size_t j = i + 1; j < p.n; j++) {
			used |= pw_is(&p, j, consent_uses);
			object |= pw_is(&p, j, consent_objects);
		}
		if (used && object)
			return 1;
	}
	return 0;
}

int vp_consent_answer(const char *s, size_t n)
{
	static const char *const no[] = {"no", "n", "no thanks", "no thank you", "i do not agree",
		"i don't agree", "i dont agree", "do not agree", "don't agree", "i disagree",
		"disagree", "not agreed", "i do not consent", "i don't consent", "i dont consent",
		"do not consent", "don't consent", "no i do not agree", "no i don't agree",
		"no i do not consent", "no i don't consent", "i do not give consent",
		"i do not give permission", "no consent", "consent not given", "consent refused",
		"consent declined", "declined", "refused", NULL};
	static const char *const yes[] = {"yes", "y", "i agree", "agree", "agreed", "i consent",
		"consent", "consented", "consent given", "i give consent", "i give permission",
		"yes i agree", "yes i consent", "yes please", "ok", NULL};
	char b[48];
	size_t k = 0;
	int space = 0, ink = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		ink |= c != ' ' && c != '\t' && c != '\r' && c != '\n';
		if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x99) { /* ’ */
			c = '\'';
			i += 2;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == '-') {
			space = k > 0;
			continue;
		}
		if (k + 2 >= sizeof b)
			return VP_CONSENT_UNCLEAR; /* longer than any answer known */
		if (space)
			b[k++] = ' ';
		space = 0;
		b[k++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	while (k > 0 && (b[k - 1] == '.' || b[k - 1] == '!'))
		k--;
	b[k] = '\0';
	if (k == 0)
		return ink ? VP_CONSENT_UNCLEAR : VP_CONSENT_BLANK;
	for (const char *const *w = no; *w; w++)
		if (!strcmp(b, *w))
			return VP_CONSENT_NO;
	for (const char *const *w = yes; *w; w++)
		if (!strcmp(b, *w))
			return VP_CONSENT_YES;
	return VP_CONSENT_UNCLEAR;
}

/* The nouns a short label names free text with ("Comments", "Your
 * feedback", "Other comments", "Response"), and the words a question or a
 * longer header asks for it with ("What could we improve?", "Is there
 * anything else you would like to tell us?"). */
static const char *const text_nouns[] = {"comment", "comments", "feedback", "response",
	"responses", "answer", "answers", "remark", "remarks", "suggestion", "suggestions",
	"freetext", "free-text", "verbatim", NULL};
static const char *const text_asks[] = {"improve", "improved", "improvement",
	"improvements", "better", "comment", "comments", "feedback", "suggestion",
	"suggestions", "explain", "else", NULL};

/* 1 if a header names free text: a short label (no '?', at most 6 words)
 * ending in a text noun ("Comment 2": the numbering after it) or "free
 * text", or any header with "why" in it, or a question or a longer header
 * with one of text_asks in it, or a "What ...?" question about what was
 * good ("What went well?", "What did you like?").  "Response ID",
 * "Feedback date" and "Feedback type" end in something else. */
static int header_names_text(const char *name)
{
	struct pwords p;
	pwords_split(name, &p);
	size_t n = p.n;
	while (n > 1 && p.w[n - 1][0] >= '0' && p.w[n - 1][0] <= '9')
		n--;
	if (n == 0)
		return 0;
	if (!p.question && n <= 6 &&
	    (pw_is(&p, n - 1, text_nouns) ||
	     (n > 1 && strcmp(p.w[n - 1], "text") == 0 && strcmp(p.w[n - 2], "free") == 0)))
		return 1;
	static const char *const praise[] = {"good", "well", "like", "liked", NULL};
	int what = strcmp(p.w[0], "what") == 0;
	for (size_t i = 0; i < p.n; i++)
		if (strcmp(p.w[i], "why") == 0 ||
		    ((p.question || p.n > 6) && pw_is(&p, i, text_asks)) ||
		    (p.question && what && pw_is(&p, i, praise)))
			return 1;
	return 0;
}

#define MAX_OPTS 48   /* a checkbox question's options, at most */

struct colstat {
	unsigned long nonempty, words, bytes;
	unsigned long rated; /* values that are a number or a rating scale's answer */
	size_t nhash, hcap;
	uint64_t *hash; /* of the non-empty values, for distinctness: grown as
	                 * values come (up to max_rows), so a header of many
	                 * columns, mostly empty, costs no 200 slots a column */
	/* the values as lists, split at ',' and ';' (a checkbox question's
	 * "GP, Pharmacy", "GP;Pharmacy;"): items, values of two or more, and
	 * the distinct items while there are at most MAX_OPTS (opt NULL and
	 * opt_over set past that) */
	unsigned long items, lists;
	uint64_t *opt;
	size_t nopt;
	int opt_over;
};

struct vp_colguess {
	size_t ncols, max_rows;
	struct colstat *col;
};

vp_colguess *vp_colguess_new(size_t ncols, size_t max_rows)
{
	vp_colguess *g = calloc(1, sizeof *g);
	if (!g)
		return NULL;
	g->ncols = ncols;
	g->max_rows = max_rows;
	g->col = calloc(ncols ? ncols : 1, sizeof *g->col);
	if (!g->col) {
		free(g);
		return NULL;
	}
	return g;
}

void vp_colguess_free(vp_colguess *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->ncols; i++) {
		free(g->col[i].hash);
		free(g->col[i].opt);
	}
	free(g->col);
	free(g);
}

/* Note the items of the value s[0..n) as a list (colstat). */
static void list_items(struct colstat *c, const char *s, size_t n)
{
	unsigned long k = 0;
	for (size_t i = 0; i <= n;) {
		size_t j = i;
		while (j < n && s[j] != ',' && s[j] != ';')
			j++;
		const char *it = s + i;
		size_t in = j - i;
		vp_trim_span(&it, &in);
		i = j + 1;
		if (in == 0)
			continue;   /* ("GP;Pharmacy;": the empty last one) */
		k++;
		if (c->opt_over)
			continue;
		uint64_t h = 1469598103934665603ull;
		for (size_t m = 0; m < in; m++)
			h = (h ^ (unsigned char)it[m]) * 1099511628211ull;
		size_t m = 0;
		while (m < c->nopt && c->opt[m] != h)
			m++;
		if (m < c->nopt)
			continue;
		if (c->nopt == MAX_OPTS || (!c->opt && !(c->opt = malloc(MAX_OPTS * sizeof *c->opt)))) {
			free(c->opt);   /* (a column of free text; or no memory: no verdict) */
			c->opt = NULL;
			c->opt_over = 1;
			continue;
		}
		c->opt[c->nopt++] = h;
	}
	c->items += k;
	c->lists += k >= 2;
}

/* The answers of the rating scales surveys use (the FFT's, Likert's, yes
 * and no), and the states of a response, lower-case. */
static const char *const scale_answers[] = {"very good", "good", "neither good nor poor",
	"poor", "very poor", "extremely likely", "likely", "neither likely nor unlikely",
	"unlikely", "extremely unlikely", "don't know", "dont know", "don\xE2\x80\x99t know",
	"strongly agree", "agree", "neither agree nor disagree", "disagree", "strongly disagree",
	"very satisfied", "satisfied", "neither satisfied nor dissatisfied", "dissatisfied",
	"very dissatisfied", "excellent", "fair", "average", "bad", "very bad", "yes", "no",
	"not sure", "true", "false",
	/* and what a tool's "Response" or "Status" column says of the
	 * response itself: no answer, under a header that names one */
	"complete", "completed", "partial", "incomplete", "in progress", "disqualified",
	"finished", "unfinished", "not finished", NULL};

/* s[0..n) (trimmed, not empty) is a number ("7", "-2", "4.5", "80%",
 * "7/10") or one of scale_answers (ignoring case and a final '.'). */
static int is_rating(const char *s, size_t n)
{
	size_t i = s[0] == '-' || s[0] == '+', digits = 0;
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] != '.' && s[i] != '/' && !(s[i] == '%' && i + 1 == n))
			break;
	}
	if (i == n && digits)
		return 1;
	if (n > 1 && s[n - 1] == '.')
		n--;
	for (const char *const *a = scale_answers; *a; a++)
		if (strlen(*a) == n && strncasecmp(*a, s, n) == 0)
			return 1;
	return 0;
}

int vp_colguess_add(vp_colguess *g, size_t col, const char *s, size_t n)
{
	if (col >= g->ncols)
		return 0;
	vp_trim_span(&s, &n);
	if (n == 0)
		return 0;
	struct colstat *c = &g->col[col];
	c->nonempty++;
	c->bytes += n;
	c->rated += is_rating(s, n);
	int in_word = 0;
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (vp_is_space(ch)) {
			in_word = 0;
		} else if (!in_word) {
			in_word = 1;
			c->words++;
		}
		h = (h ^ ch) * 1099511628211ull;
	}
	if (c->nhash < g->max_rows) {
		if (c->nhash == c->hcap) {
			size_t cap = c->hcap ? c->hcap * 2 : 4;
			if (cap > g->max_rows)
				cap = g->max_rows;
			uint64_t *p = realloc(c->hash, cap * sizeof *p);
			if (!p)
				return -1;
			c->hash = p;
			c->hcap = cap;
		}
		c->hash[c->nhash++] = h;
	}
	list_items(c, s, n);
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* How many of the values hashed are different (sorting the hashes). */
static size_t distinct_values(struct colstat *c)
{
	if (c->nhash == 0)
		return 0;
	qsort(c->hash, c->nhash, sizeof *c->hash, cmp_u64);
	size_t distinct = 1;
	for (size_t i = 1; i < c->nhash; i++)
		distinct += c->hash[i] != c->hash[i - 1];
	return distinct;
}

int vp_colguess_is_text(const vp_colguess *g, size_t col)
{
	if (col >= g->ncols)
		return 0;
	struct colstat *c = &g->col[col];
	if (c->nonempty == 0 || c->words < 4 * c->nonempty || c->bytes < 20 * c->nonempty)
		return 0;
	if (c->nhash >= 5 && 2 * distinct_values(c) < c->nhash)
		return 0;
	/* lists of the same few options: a checkbox question's column */
	if (!c->opt_over && c->items >= 10 && 4 * c->lists >= c->nonempty &&
	    3 * c->nopt <= c->items)
		return 0;
	return 1;
}

/* Column col has answers that may be short free text ("ok", "n/a", "The
 * nurse was kind"): some, not mostly numbers or a rating scale's answers,
 * and not (4 or more) a few used again and again -- at most 11 different
 * (a 0-10 scale), each twice or more on average: a scale of the survey's
 * own ("Brilliant", "Fine"). */
static int answers_may_be_text(const vp_colguess *g, size_t col)
{
	if (col >= g->ncols)
		return 0;
	struct colstat *c = &g->col[col];
	if (c->nonempty == 0 || 2 * c->rated > c->nonempty)
		return 0;
	if (c->nhash >= 4) {
		size_t distinct = distinct_values(c);
		if (distinct <= 11 && c->nhash >= 2 * distinct)
			return 0;
	}
	return 1;
}

/* ------------------------------------------------------------------ */
/* which columns are what */

int vp_columns_init(struct vp_ingest_run *r, vp_columns *c, size_t ncols)
{
	memset(c, 0, sizeof *c);
	c->id = c->loc = c->date = c->resp = -1;
	c->is_text = calloc(ncols ? ncols : 1, 1);
	c->text = malloc((ncols ? ncols : 1) * sizeof *c->text);
	if (!c->is_text || !c->text)
		return vp_ingest_oom(r);
	return 0;
}

void vp_columns_free(vp_columns *c)
{
	free(c->is_text);
	free(c->text);
	c->is_text = NULL;
	c->text = NULL;
}

/* A column by name: vp_header_find, else (a layout with export tags, as
 * Qualtrics writes) the only column whose row-1 tag matches. */
static long find_col(const vp_header *h, const vp_hplan *pl, const char *want)
{
	long i = vp_header_find(h, want);
	if (i != VP_HDR_NONE || !pl || pl->preset->kind != VP_PRESET_QUALTRICS)
		return i;
	const char *w = want;
	size_t wn = strlen(want);
	vp_trim_span(&w, &wn);
	for (size_t k = 0; k < pl->n && k < h->n; k++)
		if (strlen(pl->tag[k]) == wn && strncasecmp(pl->tag[k], w, wn) == 0) {
			if (i != VP_HDR_NONE)
				return VP_HDR_AMBIGUOUS;
			i = (long)k;
		}
	return i;
}

int vp_ingest_left_out_personal(struct vp_ingest_run *r, vp_buf *personal, const char *name,
                                int *rc)
{
	if (!vp_header_is_personal(name))
		return 0;
	if (vp_buf_printf(personal, "%s\"%s\"", personal->len ? ", " : "", name) != 0)
		*rc = vp_ingest_oom(r);
	return 1;
}

/* Say which columns (names: "A", "B"; empty: none) were left out as
 * personal details, not how (read or guessed) as free text. */
static void note_personal(struct vp_ingest_run *r, const vp_buf *names, const char *how)
{
	if (names->len)
		vp_ingest_note(r, "%s: left out as personal details (not %s as free text): %s; "
		               "name a column with --text-col to read it", r->path, how, names->data);
}

static int resolve(struct vp_ingest_run *r, const vp_header *h, const vp_hplan *pl,
                   const char *opt, const char *name, long *idx)
{
	*idx = -1;
	if (!name)
		return 0;
	long i = find_col(h, pl, name);
	if (i >= 0) {
		*idx = i;
		return 0;
	}
	vp_buf list = VP_BUF_INIT;
	int rc;
	if (vp_header_list(h, &list) != 0)
		rc = vp_ingest_oom(r);
	else
		rc = vp_errf_at(r->e, EX_USAGE, r->path, 0, "%s \"%s\": %s (columns: %s)", opt,
		                name, i == VP_HDR_AMBIGUOUS ? "several columns match"
		                                            : "no such column",
		                list.data ? list.data : "");
	vp_buf_free(&list);
	return rc;
}

/* Column i, taken for opt "name", is the first of columns headed alike
 * (Google Forms repeats "Please explain your answer" under each question):
 * say so, naming the others by the names they are read as -- but not those
 * taken as free text too (c, for --text-col: all of them named, nothing to
 * say).  0 or an EX_* code (no memory). */
static int note_repeats(struct vp_ingest_run *r, const vp_header *h, const vp_columns *c,
                        const char *opt, const char *name, long i)
{
	if (i < 0 || !h->first || h->first[i] != (size_t)i)
		return 0;
	vp_buf others = VP_BUF_INIT;
	size_t alike = 1, left = 0;
	for (size_t j = (size_t)i + 1; j < h->n; j++) {
		if (h->first[j] != (size_t)i)
			continue;
		alike++;
		if (c && c->is_text[j])
			continue;
		if (vp_buf_printf(&others, "%s\"%s\"", left ? ", " : "", h->name[j]) != 0) {
			vp_buf_free(&others);
			return vp_ingest_oom(r);
		}
		left++;
	}
	if (left && c)
		vp_ingest_note(r, "%s: %s \"%s\" reads the first of %zu columns headed so; the %s %s: "
		               "name %s with %s too to read %s answers", r->path, opt, name, alike,
		               left == 1 ? "other is" : "others are", others.data,
		               left == 1 ? "it" : "them", opt, left == 1 ? "its" : "their");
	else if (left)
		vp_ingest_note(r, "%s: %s \"%s\" reads the first of %zu columns headed so; the %s %s: "
		               "name %s with %s to take it instead", r->path, opt, name, alike,
		               left == 1 ? "other is" : "others are", others.data,
		               left == 1 ? "it" : "one", opt);
	vp_buf_free(&others);
	return 0;
}

/* The first of list (in its order) that a column's tag (or name) matches. */
static long first_of(const vp_header *h, const vp_hplan *pl, const char *const *list)
{
	for (; list && *list; list++)
		for (size_t i = 0; i < h->n; i++)
			if (vp_preset_match(*list, pl && i < pl->n ? pl->tag[i] : h->name[i]) ||
			    vp_preset_match(*list, h->name[i]))
				return (long)i;
	return -1;
}

/* Names that say "respondent" / "date" / "locality" in a table of any kind. */
static const char *const respondent_names[] = {"Respondent ID", "Response ID", "ResponseId",
	"Respondent", "Respondent number", "ID", "UserID", "User ID", NULL};
static const char *const date_names[] = {"Date", "Submitted", "Submitted on", "Date submitted",
	"Submission date", "Submitted at", "Timestamp", "Started", "Start date", "Start time",
	"Ended", "End date", "Completed", "Completion time", "Completed at", "Response date",
	"Created", "Created at", NULL};
static const char *const locality_names[] = {"Locality", "Area", "Local area", "Your area",
	"CCG area", "Town", "District", "Borough", "Ward", "Where do you live?",
	"Which area do you live in?", "What area do you live in?", "Where do you live", NULL};

/* The only column named like a date, or -1 (none, or several). */
static long obvious_date(const vp_header *h)
{
	long found = -1;
	for (size_t i = 0; i < h->n; i++)
		if (vp_preset_in(date_names, h->name[i])) {
			if (found >= 0)
				return -1;
			found = (long)i;
		}
	return found;
}

int vp_columns_resolve(struct vp_ingest_run *r, const vp_header *h, const vp_hplan *pl,
                       vp_columns *c)
{
	const vp_ingest_opts *o = r->o;
	int rc;
	c->plan = pl;
	if ((rc = resolve(r, h, pl, "--id-col", o->id_col, &c->id)) ||
	    (rc = resolve(r, h, pl, "--locality-col", o->locality_col, &c->loc)) ||
	    (rc = resolve(r, h, pl, "--date-col", o->date_col, &c->date)) ||
	    (rc = resolve(r, h, pl, "--respondent-col", o->respondent_col, &c->resp)) ||
	    (rc = note_repeats(r, h, NULL, "--id-col", o->id_col, c->id)) ||
	    (rc = note_repeats(r, h, NULL, "--locality-col", o->locality_col, c->loc)) ||
	    (rc = note_repeats(r, h, NULL, "--date-col", o->date_col, c->date)) ||
	    (rc = note_repeats(r, h, NULL, "--respondent-col", o->respondent_col, c->resp)))
		return rc;
	const vp_ingest_preset *p = pl ? pl->preset : NULL;
	c->order = o->date_order_given ? o->date_order : p ? p->dates : VP_DATE_DMY;
	if (pl) {
		int tool = p->signature || p->first; /* a survey tool's layout */
		if (c->date < 0) {
			c->date = p->date ? first_of(h, pl, p->date) : obvious_date(h);
			if (c->date >= 0)
				c->date_guessed = p->date ? 1 : 2;
		}
		/* a tool's response id is the records' id too (unless named) */
		long tool_resp = p->respondent ? first_of(h, pl, p->respondent) : -1;
		if (c->resp < 0)
			c->resp = tool_resp >= 0 ? tool_resp : first_of(h, pl, respondent_names);
		if (c->id < 0 && tool)
			c->id = tool_resp;
		if (c->loc < 0 && tool) {
			c->loc = first_of(h, NULL, locality_names);
			if (c->loc >= 0 && pl->role[c->loc] == VP_ROLE_META)
				c->loc = -1;
		}
	}
	if (c->resp < 0)
		c->resp = c->id;
	c->ntext = 0;
	for (size_t i = 0; i < o->ntext; i++) {
		long k;
		if ((rc = resolve(r, h, pl, "--text-col", o->text_cols[i], &k)) != 0)
			return rc;
		if (!c->is_text[k]) {
			c->is_text[k] = 1;
			c->text[c->ntext++] = k;
		}
	}
	/* each text column once, after all are known (naming every column
	 * headed alike is said nothing of) */
	for (size_t i = 0; i < o->ntext; i++) {
		long k = find_col(h, pl, o->text_cols[i]), k0 = -1;
		for (size_t j = 0; j < i && k0 != k; j++)
			k0 = find_col(h, pl, o->text_cols[j]);
		if (k0 != k && (rc = note_repeats(r, h, c, "--text-col", o->text_cols[i], k)) != 0)
			return rc;
	}
	if (o->ntext == 0 && pl && p->kind != VP_PRESET_PLAIN) {
		/* the layout says which columns are free text; a text box that
		 * asks for a personal detail ("What is your postcode?") is no
		 * comment, as a guessed column is not */
		vp_buf personal = VP_BUF_INIT;
		for (size_t i = 0; i < h->n && i < pl->n && rc == 0; i++) {
			if (pl->role[i] != VP_ROLE_TEXT || (long)i == c->id || (long)i == c->loc ||
			    (long)i == c->date || (long)i == c->resp)
				continue;
			if (vp_ingest_left_out_personal(r, &personal, h->name[i], &rc))
				continue;
			c->is_text[i] = 1;
			c->text[c->ntext++] = (long)i;
		}
		if (rc == 0)
			note_personal(r, &personal, "read");
		vp_buf_free(&personal);
		if (rc)
			return rc;
		if (c->ntext == 0) {
			vp_buf names = VP_BUF_INIT;
			if (vp_header_list(h, &names) != 0)
				rc = vp_ingest_oom(r);
			else
				rc = vp_errf_at(r->e, EX_USAGE, r->path, 0,
				                "%s layout: no free-text column; name it with --text-col "
				                "(columns: %s)", p->name, names.data ? names.data : "");
			vp_buf_free(&names);
			return rc;
		}
	}
	return 0;
}

static int put_col(vp_buf *out, const char *what, const vp_header *h, long i, const char *none)
{
	if (i < 0)
		return vp_buf_printf(out, "\n  %s: %s", what, none);
	return vp_buf_printf(out, "\n  %s: \"%s\"", what, h->name[i]);
}

int vp_columns_describe(struct vp_ingest_run *r, const vp_header *h, const vp_columns *c,
                        vp_buf *out)
{
	const vp_hplan *pl = c->plan;
	const vp_ingest_preset *p = pl ? pl->preset : NULL;
	int rc = vp_buf_printf(out, "%s: layout %s (%s)", r->path, p ? p->name : "fixed",
	                       !p ? "the format's" : pl->recognised ? "recognised from the header"
	                       : r->o->preset ? "--preset" : "no survey tool recognised");
	rc |= put_col(out, "id", h, c->id, "source:LINE");
	rc |= put_col(out, "respondent", h, c->resp, "source:LINE (no respondent column)");
	rc |= put_col(out, "date", h, c->date, "none");
	if (c->date >= 0)
		rc |= vp_buf_printf(out, " (%s order%s)", vp_date_order_name(c->order),
		                    c->date_guessed == 1 ? ", the layout's"
		                    : c->date_guessed == 2 ? ", the only column named like a date" : "");
	rc |= put_col(out, "locality", h, c->loc, "none");
	for (size_t q = 0; q < c->ntext && rc == 0; q++) {
		long k = c->text[q];
		rc |= vp_buf_printf(out, "\n  text q%zu: \"%s\"", q + 1, h->name[k]);
		if (pl && (size_t)k < pl->n && pl->question[k])
			rc |= vp_buf_printf(out, " (question \"%s\")", pl->question[k]);
	}
	return rc ? -1 : 0;
}

/* Column i is none of the columns taken (text, id, locality, date,
 * respondent) nor the layout's metadata. */
static int column_open(const vp_columns *c, size_t i)
{
	return !c->is_text[i] && (long)i != c->id && (long)i != c->loc && (long)i != c->date &&
	       (long)i != c->resp &&
	       !(c->plan && i < c->plan->n && c->plan->role[i] == VP_ROLE_META);
}

/* Column i is open and its answers look like free text. */
static int looks_free(const vp_columns *c, const vp_colguess *g, size_t i)
{
	return column_open(c, i) && vp_colguess_is_text(g, i);
}

/* Column i taken as free text, its name added to names.  0 or -1. */
static int take_text(vp_columns *c, const vp_header *h, size_t i, vp_buf *names)
{
	c->is_text[i] = 1;
	c->text[c->ntext++] = (long)i;
	return vp_buf_printf(names, "%s\"%s\"", c->ntext > 1 ? ", " : "", h->name[i]);
}

int vp_columns_note_unmarked(struct vp_ingest_run *r, const vp_header *h, const vp_columns *c,
                             const vp_colguess *g)
{
	vp_buf names = VP_BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < h->n && rc == 0; i++)
		if (looks_free(c, g, i) && !vp_header_is_personal(h->name[i]) &&
		    vp_buf_printf(&names, "%s\"%s\"", names.len ? ", " : "", h->name[i]) != 0)
			rc = vp_ingest_oom(r);
	if (rc == 0 && names.len)
		vp_ingest_note(r, "%s: %s layout: not read as free text, though their answers look "
		               "like it: %s; to read them, name every free-text column with --text-col",
		               r->path, c->plan->preset->name, names.data);
	vp_buf_free(&names);
	return rc;
}

int vp_columns_guess(struct vp_ingest_run *r, const vp_header *h, vp_columns *c,
                     const vp_colguess *g)
{
	vp_buf names = VP_BUF_INIT, personal = VP_BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < h->n && rc == 0; i++) {
		if (!looks_free(c, g, i))
			continue;
		/* it looks like free text: say it was left out, and why */
		if (vp_ingest_left_out_personal(r, &personal, h->name[i], &rc))
			continue;
		if (take_text(c, h, i, &names) != 0)
			rc = vp_ingest_oom(r);
	}
	/* No column's answers look like free text: short answers ("ok",
	 * "good") are, under a header that names free text ("Comments", "Why
	 * did you give this rating?"), unless they are a rating's. */
	int by_name = rc == 0 && c->ntext == 0;
	for (size_t i = 0; by_name && i < h->n && rc == 0; i++)
		if (column_open(c, i) && header_names_text(h->name[i]) &&
		    !vp_header_is_personal(h->name[i]) && answers_may_be_text(g, i) &&
		    take_text(c, h, i, &names) != 0)
			rc = vp_ingest_oom(r);
	if (rc == 0)
		note_personal(r, &personal, "guessed");
	vp_buf_free(&personal);
	if (rc == 0 && c->ntext == 0) {
		vp_buf_clear(&names);
		if (vp_header_list(h, &names) != 0)
			rc = vp_ingest_oom(r);
		else
			rc = vp_errf_at(r->e, EX_USAGE, r->path, 0,
			                "no column looks like free text; name it with "
			                "--text-col (columns: %s)", names.data ? names.data : "");
	} else if (rc == 0) {
		vp_ingest_note(r, "%s: free-text column%s (guessed%s): %s; choose with --text-col",
		               r->path, c->ntext > 1 ? "s" : "",
		               !by_name ? "" : c->ntext > 1 ? " from their names" : " from its name",
		               names.data);
	}
	vp_buf_free(&names);
	return rc;
}

int vp_header_init_as_is(vp_header *h, const char *const *raw, const size_t *len, size_t n)
{
	h->n = 0;
	h->first = NULL;
	h->name = calloc(n ? n : 1, sizeof *h->name);
	if (!h->name)
		return -1;
	for (size_t i = 0; i < n; i++) {
		h->name[i] = strndup(raw[i], len[i]);
		if (!h->name[i]) {
			vp_header_free(h);
			return -1;
		}
		h->n++;
	}
	return 0;
}
