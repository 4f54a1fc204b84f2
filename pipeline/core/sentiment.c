/* sentiment.c - see include/voxpop/sentiment.h */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>

#include <jansson.h>

#include "voxpop/count.h"
#include "voxpop/hash.h"
#include "voxpop/input.h"
#include "voxpop/jsonw.h"
#include "voxpop/lexicon.h"
#include "voxpop/ingest.h"
#include "voxpop/sentiment.h"
#include "voxpop/str.h"
#include "voxpop/text.h"

enum role {
	R_NONE, R_POLAR, R_WISH, R_NEGATION, R_INTENS, R_DOWN, R_CONTRAST, R_CONCESSION,
	R_NOTHING, R_FILLER, R_UNSURE
};

/* Tuning constants, documented in lexicons/README.md. */
#define NEG_WINDOW 3      /* a negation reaches a polar entry starting this many tokens on */
#define NO_MARK SIZE_MAX   /* no such mark */
#define MOD_WINDOW 2      /* intensifiers and downtoners: this many */
#define W_INTENS 1.5
#define W_DOWN 0.5
#define W_BEFORE_CONTRAST 0.5
#define W_CONCESSION 0.5
#define W_NIL 1.5        /* a leading nil answer, as its question rule says */
enum { QCACHE = 8, QC_EMPTY = -2 };
#define MIXED_RATIO 0.45   /* mixed: the smaller mass more than this share of the larger */

static const struct {
	const char *name;
	int role;
	double w;
} roles[] = {
	{"positive", R_POLAR, 1}, {"positive/strong", R_POLAR, 2}, {"positive/weak", R_POLAR, 0.5},
	{"negative", R_POLAR, -1}, {"negative/strong", R_POLAR, -2}, {"negative/weak", R_POLAR, -0.5},
	{"wish", R_WISH, -1},
	{"negation", R_NEGATION, 0}, {"intensifier", R_INTENS, W_INTENS},
	{"downtoner", R_DOWN, W_DOWN}, {"contrast", R_CONTRAST, 0},
	{"concession", R_CONCESSION, 0}, {"nothing", R_NOTHING, 0}, {"filler", R_FILLER, 0},
	{"unsure", R_UNSURE, 0},
};

typedef struct qrule {
	char *words;                 /* as written */
	vp_tokens tok;               /* normalised */
	int any;                     /* "*" */
	vp_sent_label nothing, plain, mixed;
	unsigned long line;
} qrule;

typedef struct mark {           /* one sentiment-lexicon match */
	size_t start, end, entry;
	int role;
	double w;
	int drop;                   /* not counted: see drop_marks() */
} mark;

typedef struct hit {            /* one polar entry, weighed */
	size_t start, entry, clause;
	double w;
	size_t mods[4];             /* entries of the modifiers that applied */
	size_t nmods;
} hit;

typedef struct clause {
	size_t start;
	double w, p, n;
	size_t contrasts;           /* its sentence's contrasts before it opened */
} clause;

typedef struct tacc {
	unsigned gen;
	size_t last;                 /* the last clause added */
	double p, n;
} tacc;

struct vp_sentiment {
	vp_text *tx;
	vp_lexicon *slx, *tlx;
	vp_matcher *m;
	int *role;
	double *weight;
	size_t *tslot;               /* theme lexicon's themes by name: index + 1, 0 empty */
	size_t *tnamelen, tmask;
	qrule *rules;
	size_t nrules;
	char *qfile;
	/* per record */
	vp_tokens toks;
	vp_buf plain;                /* the text with its HTML read as shown */
	unsigned char *brk;          /* per token: 2 starts a sentence, 1 follows a comma */
	size_t capbrk;
	const char **tp;
	const size_t *tl;            /* token lengths: toks.len or rlen */
	const char *const *rtok;     /* the record's tokens, for the next score */
	const size_t *rlen;
	size_t rn;
	int rtok_used;
	size_t ntok;                 /* tokens of this record */
	int no_themes;                /* the record has no themes: skip matching them */
	size_t captp, *clause_of, capco, *sent_of, capso;
	mark *marks;
	size_t nmarks, capmarks;
	hit *hits;
	size_t nhits, caphits;
	size_t *negs;            /* the marks that are negations ("not", "nothing"), in order */
	size_t capnegs;
	size_t *tokcount, captokcount; /* tok_counts */
	int tokcount_ok, tokcount_oom; /* made for this record; no memory for it */
	clause *cl;
	size_t ncl, capcl;
	size_t contrasts;             /* contrasts so far in the sentence being read */
	vp_buf qcache[QCACHE];        /* recent questions and their rules */
	long qrule[QCACHE];
	size_t qnext;
	tacc *tacc;                   /* per theme of tlx: sums over its clauses */
	unsigned gen;                 /* this record's number (tacc entries of others are stale) */
	long rule;
	vp_tokens qtoks;
	double p, n;
	int nil, nilhit;
	vp_sent_label label;
	vp_buf scratch;
};

const char *const vp_sentiment_labels[VP_SENT_N] = {"positive", "negative", "neutral", "mixed"};

const char *vp_sent_label_name(vp_sent_label l)
{
	return (unsigned)l < VP_SENT_N ? vp_sentiment_labels[l] : "neutral";
}

static int label_parse(const char *s, size_t n, vp_sent_label *l)
{
	static const vp_sent_label all[] = {VP_SENT_NEUTRAL, VP_SENT_POSITIVE, VP_SENT_NEGATIVE,
	                                    VP_SENT_MIXED};
	for (size_t i = 0; i < 4; i++) {
		const char *name = vp_sent_label_name(all[i]);
		if (strlen(name) == n && memcmp(name, s, n) == 0) {
			*l = all[i];
			return 0;
		}
	}
	return -1;
}

const vp_lexicon *vp_sentiment_theme_lexicon(const vp_sentiment *s)
{
	return s->tlx;
}

void vp_sentiment_free(vp_sentiment *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nrules; i++) {
		free(s->rules[i].words);
		vp_tokens_free(&s->rules[i].tok);
	}
	free(s->rules);
	free(s->qfile);
	free(s->tslot);
	free(s->tnamelen);
	free(s->role);
	free(s->weight);
	vp_matcher_free(s->m);
	vp_lexicon_free(s->slx);
	vp_lexicon_free(s->tlx);
	vp_text_close(s->tx);
	vp_tokens_free(&s->toks);
	vp_tokens_free(&s->qtoks);
	vp_buf_free(&s->plain);
	free(s->brk);
	free(s->tp);
	free(s->clause_of);
	free(s->sent_of);
	free(s->marks);
	free(s->hits);
	free(s->negs);
	free(s->tokcount);
	free(s->cl);
	for (size_t c = 0; c < QCACHE; c++)
		vp_buf_free(&s->qcache[c]);
	free(s->tacc);
	vp_buf_free(&s->scratch);
	free(s);
}

/* questions.tsv: "words<TAB>nothing=LABEL plain=LABEL" lines. */
static int load_rules(vp_sentiment *s, const char *path, vp_err *e)
{
	FILE *fp;
	int rc = vp_open_in(&fp, path, VP_IN_NOSTDIN, e);
	if (rc)
		return rc;
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	unsigned long lineno = 0;
	size_t caprules = 0;
	while ((got = getline(&line, &cap, fp)) >= 0) {
		lineno++;
		while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
			line[--got] = '\0';
		const char *p = line + strspn(line, " ");
		if (!*p || *p == '#')
			continue;
		char *tab = strchr(line, '\t');
		if (!tab) {
			rc = vp_errf_at(e, EX_CONFIG, path, lineno,
			                "want 'question words<TAB>nothing=LABEL plain=LABEL'");
			break;
		}
		*tab = '\0';
		if (vp_grow(&s->rules, &caprules, s->nrules + 1, sizeof *s->rules)) {
			rc = vp_errf(e, EX_OSERR, "out of memory");
			break;
		}
		qrule *q = &s->rules[s->nrules];
		memset(q, 0, sizeof *q);
		q->line = lineno;
		q->nothing = q->plain = VP_SENT_NEUTRAL;
		q->mixed = VP_SENT_MIXED;
		if (!(q->words = strdup(p))) {
			rc = vp_errf(e, EX_OSERR, "out of memory");
			break;
		}
		s->nrules++;
		q->any = strcmp(p, "*") == 0;
		if (!q->any && (rc = vp_text_tokenise(s->tx, p, strlen(p), 0, &q->tok, e)))
			break;
		if (!q->any && q->tok.n == 0) {
			rc = vp_errf_at(e, EX_CONFIG, path, lineno, "no words before the tab");
			break;
		}
		for (char *t = strtok(tab + 1, " \t"); t; t = strtok(NULL, " \t")) {
			char *eq = strchr(t, '=');
			vp_sent_label *dst = NULL;
			if (eq && eq - t == 7 && strncmp(t, "nothing", 7) == 0)
				dst = &q->nothing;
			else if (eq && eq - t == 5 && strncmp(t, "plain", 5) == 0)
				dst = &q->plain;
			else if (eq && eq - t == 5 && strncmp(t, "mixed", 5) == 0)
				dst = &q->mixed;
			if (!dst || label_parse(eq + 1, strlen(eq + 1), dst)) {
				rc = vp_errf_at(e, EX_CONFIG, path, lineno,
				                "'%s': want nothing=, plain= or mixed=LABEL, LABEL one of "
				                "positive, negative, neutral, mixed", t);
				break;
			}
		}
		if (rc)
			break;
	}
	if (!rc && ferror(fp))
		rc = vp_errf(e, EX_IOERR, "%s: read error: %s", path, strerror(errno));
	free(line);
	vp_close_in(fp);
	return rc;
}

int vp_sentiment_open(vp_sentiment **out, const char *sentdir, const char *themedir,
                      const char *lang, vp_err *e)
{
	vp_sentiment *s = calloc(1, sizeof *s);
	int rc;
	*out = NULL;
	if (!s)
		return vp_errf(e, EX_OSERR, "out of memory");
	s->rule = -1;
	for (size_t c = 0; c < QCACHE; c++)
		s->qrule[c] = QC_EMPTY;
	if ((rc = vp_text_open(&s->tx, lang, e)) || (rc = vp_lexicon_load(&s->slx, sentdir, s->tx, e)))
		goto fail;
	if (themedir && (rc = vp_lexicon_load(&s->tlx, themedir, s->tx, e)))
		goto fail;
	size_t nt = vp_lexicon_nthemes(s->slx);
	s->role = calloc(nt, sizeof *s->role);
	s->weight = calloc(nt, sizeof *s->weight);
	if (!s->role || !s->weight || !(s->m = vp_matcher_new())) {
		rc = vp_errf(e, EX_OSERR, "out of memory");
		goto fail;
	}
	for (size_t t = 0; t < nt; t++) {
		const char *name = vp_lexicon_theme_name(s->slx, t);
		size_t k;
		for (k = 0; k < sizeof roles / sizeof roles[0]; k++)
			if (strcmp(roles[k].name, name) == 0)
				break;
		if (k == sizeof roles / sizeof roles[0]) {
			rc = vp_errf(e, EX_CONFIG, "%s: '%s' is not a sentiment file (want positive, "
			             "positive/strong, positive/weak, negative..., wish, negation, "
			             "intensifier, downtoner, contrast, concession, nothing, filler, unsure)",
			             sentdir, name);
			goto fail;
		}
		s->role[t] = roles[k].role;
		s->weight[t] = roles[k].w;
	}
	if (s->tlx) {
		size_t n = vp_lexicon_nthemes(s->tlx);
		size_t cap = 16;
		while (cap < 2 * n)
			cap *= 2;
		s->tslot = calloc(cap, sizeof *s->tslot);
		s->tnamelen = calloc(n + 1, sizeof *s->tnamelen);
		s->tacc = calloc(n + 1, sizeof *s->tacc);
		if (!s->tslot || !s->tnamelen || !s->tacc) {
			rc = vp_errf(e, EX_OSERR, "out of memory");
			goto fail;
		}
		s->tmask = cap - 1;
		for (size_t i = 0; i < n; i++) {
			const char *name = vp_lexicon_theme_name(s->tlx, i);
			s->tnamelen[i] = strlen(name);
			size_t h = vp_hash_bytes(name, s->tnamelen[i]) & s->tmask;
			while (s->tslot[h])
				h = (h + 1) & s->tmask;
			s->tslot[h] = i + 1;
		}
	}
	size_t plen = strlen(sentdir) + sizeof "/questions.tsv";
	if (!(s->qfile = malloc(plen))) {
		rc = vp_errf(e, EX_OSERR, "out of memory");
		goto fail;
	}
	snprintf(s->qfile, plen, "%s/questions.tsv", sentdir);
	struct stat st;
	if (stat(s->qfile, &st) == 0 && (rc = load_rules(s, s->qfile, e)))
		goto fail;
	*out = s;
	return 0;
fail:
	vp_sentiment_free(s);
	return rc;
}

long vp_sentiment_check(const vp_sentiment *s, vp_buf *out)
{
	long found = 0;
	size_t n = vp_lexicon_nentries(s->slx);
	for (size_t k = 0; k < n; k++) {
		const vp_lexicon_entry *en = vp_lexicon_entry_at(s->slx, k);
		int r = s->role[en->theme];
		if (en->exclude || (r != R_POLAR && r != R_WISH))
			continue;
		for (size_t j = 0; j < k; j++) {
			const vp_lexicon_entry *o = vp_lexicon_entry_at(s->slx, j);
			int ro = s->role[o->theme];
			/* the same way round: counted twice without the rule in drop_marks
			 * ("improve" in wish.txt and "improved" in positive.txt cancel out) */
			if (o->exclude || o->theme == en->theme || (ro != R_POLAR && ro != R_WISH) ||
			    (s->weight[o->theme] < 0) != (s->weight[en->theme] < 0) ||
			    o->nterms != en->nterms || !vp_lexicon_same_terms(s->slx, j, k))
				continue;
			found++;
			if (vp_buf_printf(out, "%s:%lu: '%s' is also in %s:%lu ('%s'); the words count "
			                  "once, at the stronger weight: keep one\n", en->file, en->line,
			                  en->text, o->file, o->line, o->text))
				return -1;
			break;
		}
	}
	return found;
}

/* ---- scoring ---- */

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alnum(int c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* 2: c at text[i] ends a sentence, 1: a comma, 0: neither. */
static int break_at(const char *t, size_t n, size_t i)
{
	int c = (unsigned char)t[i];
	int next = i + 1 < n ? (unsigned char)t[i + 1] : ' ';
	int prev = i ? (unsigned char)t[i - 1] : ' ';
	switch (c) {
	case '!': case '?': case ';': case '\n': case '\r':
		return 2;
	case '.':
		return is_alnum(next) ? 0 : 2;  /* "3.5", "nhs.uk", "e.g" */
	case ',':
		return is_digit(prev) && is_digit(next) ? 0 : 1;
	default:
		return 0;
	}
}

/* Whether the '&' at p[i] stands alone in its piece p[from..n) of a text
 * cut at sentence ends and commas -- between the piece's edges or
 * whitespace -- so that the tokeniser, given the piece, makes it the word
 * "and" (English).  The piece is what split() tokenises; the ASCII counts
 * below leave such a text to it. */
static int lone_amp(const unsigned char *p, size_t from, size_t n, size_t i)
{
	return (i == from || vp_is_space(p[i - 1])) &&
	       (i + 1 == n || vp_is_space(p[i + 1]) || break_at((const char *)p, n, i + 1));
}

/* How many tokens vp_text_tokenise makes of p[0..n), for plain ASCII
 * pieces: runs of letters and digits, an apostrophe between two of them
 * and a comma between two digits joining; -1 when the piece holds anything
 * the tokeniser treats specially ('.', ':', '@', '<', '$', '=' of "=)",
 * non-ASCII). */
static long ascii_count(const unsigned char *p, size_t n)
{
	enum { SEP, ALNUM, APOS, COMMA, SPECIAL };
	static const unsigned char cls[256] = {
		['0' ... '9'] = ALNUM, ['a' ... 'z'] = ALNUM, ['A' ... 'Z'] = ALNUM,
		['\''] = APOS, [','] = COMMA,
		['.'] = SPECIAL, [':'] = SPECIAL, ['@'] = SPECIAL, ['<'] = SPECIAL, ['$'] = SPECIAL,
		['='] = SPECIAL,
		[0x80 ... 0xFF] = SPECIAL,
	};
	long count = 0;
	int inword = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '&' && lone_amp(p, 0, n, i))
			return -1;
		switch (cls[p[i]]) {
		case ALNUM:
			count += !inword;
			inword = 1;
			continue;
		case APOS:
			if (inword && i + 1 < n && cls[p[i + 1]] == ALNUM)
				continue;
			break;
		case COMMA:
			if (inword && is_digit(p[i - 1]) && i + 1 < n && is_digit(p[i + 1]))
				continue;
			break;
		case SPECIAL:
			return -1;
		}
		inword = 0;
	}
	return count;
}

/* Cut text into pieces at sentence ends and commas and mark in brk[] where
 * sentences (2) and comma pieces (1) start.  count_only: only count each
 * piece's tokens into *ntok (unstemmed, for the record's own tokens);
 * else tokenise (and stem) them into s->toks. */
static int split(vp_sentiment *s, const char *text, size_t n, int count_only, size_t *ntok,
                 vp_err *e)
{
	static const unsigned char cand[256] = {
		['!'] = 1, ['?'] = 1, [';'] = 1, ['\n'] = 1, ['\r'] = 1, ['.'] = 1, [','] = 1,
	};
	size_t from = 0, total = 0;
	int pending = 2;
	vp_tokens_clear(&s->toks);
	for (size_t i = 0; i <= n; i++) {
		while (i < n && !cand[(unsigned char)text[i]])
			i++;
		int b = i < n ? break_at(text, n, i) : 2;
		if (!b)
			continue;
		size_t before = total;
		if (i > from) {
			long k = count_only ? ascii_count((const unsigned char *)text + from, i - from) : -1;
			if (k < 0) {
				if (count_only)
					vp_tokens_clear(&s->toks);
				size_t had = s->toks.n;
				int rc = vp_text_tokenise(s->tx, text + from, i - from,
				                          VP_TEXT_PLAIN | (count_only ? VP_TEXT_NOSTEM : 0),
				                          &s->toks, e);
				if (rc)
					return rc;
				k = (long)(s->toks.n - had);
			}
			total += (size_t)k;
		}
		if (vp_grow(&s->brk, &s->capbrk, total + 1, 1))
			return vp_errf(e, EX_OSERR, "out of memory");
		for (size_t k = before; k < total; k++)
			s->brk[k] = 0;
		if (total > before) {
			s->brk[before] = (unsigned char)pending;
			pending = 0;
		}
		if (b > pending)
			pending = b;
		from = i + 1;
	}
	*ntok = total;
	return 0;
}

/* split() in count_only mode in one pass, for text of plain ASCII words,
 * spaces and sentence punctuation: 0 with *ntok, or -1 when the text holds
 * anything the tokeniser treats specially ('.' before a letter or digit,
 * ':', '@', '<', '$', '=', non-ASCII) -- then split() does it.  Or EX_OSERR. */
static int split_fast(vp_sentiment *s, const unsigned char *t, size_t n, size_t *ntok, vp_err *e)
{
	enum { SEP, ALNUM, APOS, COMMA, DOT, END, SPECIAL };
	static const unsigned char cls[256] = {
		['0' ... '9'] = ALNUM, ['a' ... 'z'] = ALNUM, ['A' ... 'Z'] = ALNUM,
		['\''] = APOS, [','] = COMMA, ['.'] = DOT,
		['!'] = END, ['?'] = END, [';'] = END, ['\n'] = END, ['\r'] = END,
		[':'] = SPECIAL, ['@'] = SPECIAL, ['<'] = SPECIAL, ['$'] = SPECIAL,
		['='] = SPECIAL, [0x80 ... 0xFF] = SPECIAL,
	};
	if (vp_grow(&s->brk, &s->capbrk, n / 2 + 2, 1))
		return vp_errf(e, EX_OSERR, "out of memory");
	size_t total = 0, piece = 0;
	int inword = 0, pending = 2;
	for (size_t i = 0; i < n; i++) {
		if (t[i] == '&' && lone_amp(t, piece, n, i))
			return -1;
		switch (cls[t[i]]) {
		case ALNUM:
			if (!inword) {
				s->brk[total++] = (unsigned char)pending;
				pending = 0;
				inword = 1;
			}
			while (i + 1 < n && cls[t[i + 1]] == ALNUM)
				i++;
			continue;
		case APOS:
			if (inword && i + 1 < n && cls[t[i + 1]] == ALNUM)
				continue;
			break;
		case COMMA:
			if (inword && is_digit(t[i - 1]) && i + 1 < n && is_digit(t[i + 1]))
				continue;
			if (pending < 1)
				pending = 1;
			piece = i + 1;
			break;
		case DOT:
			if (i + 1 < n && is_alnum(t[i + 1]))
				return -1;
			pending = 2;
			piece = i + 1;
			break;
		case END:
			pending = 2;
			piece = i + 1;
			break;
		case SPECIAL:
			return -1;
		}
		inword = 0;
	}
	*ntok = total;
	return 0;
}

/* Tokens of text, piece by piece, with brk[] saying where sentences and
 * commas start.  With the record's own tokens (vp_sentiment_tokens) the
 * pieces are only counted, not stemmed -- stemming was a tenth of the
 * time -- and the record's tokens are used when there are as many. */
static int tokenise(vp_sentiment *s, const char *text, size_t n, vp_err *e)
{
	int rc;
	size_t nt = 0;
	int use = s->rtok != NULL;
	s->rtok_used = 0;
	/* HTML read as shown before the text is cut: an entity's ';' ends no
	 * sentence, a <br> or <p> ends one (a newline); the pieces are then
	 * plain text (VP_TEXT_PLAIN), the text the record's tokens were made of */
	vp_buf_clear(&s->plain);
	int m = vp_text_unmarkup(text, n, &s->plain);
	if (m < 0)
		return vp_errf(e, EX_OSERR, "out of memory");
	if (m) {
		text = s->plain.data;
		n = s->plain.len;
	}
	rc = use ? split_fast(s, (const unsigned char *)text, n, &nt, e) : -1;
	if (rc > 0)
		return rc;
	if (rc < 0 && (rc = split(s, text, n, use, &nt, e)))
		return rc;
	if (use && nt != s->rn) {
		use = 0;
		if ((rc = split(s, text, n, 0, &nt, e)))
			return rc;
	}
	if (vp_grow(&s->tp, &s->captp, nt + 1, sizeof *s->tp))
		return vp_errf(e, EX_OSERR, "out of memory");
	if (vp_grow(&s->clause_of, &s->capco, nt + 1, sizeof *s->clause_of) ||
	    vp_grow(&s->sent_of, &s->capso, nt + 1, sizeof *s->sent_of))
		return vp_errf(e, EX_OSERR, "out of memory");
	if (use) {
		for (size_t k = 0; k < nt; k++)
			s->tp[k] = s->rtok[k];
		s->tl = s->rlen;
		s->rtok_used = 1;
	} else {
		for (size_t k = 0; k < nt; k++)
			s->tp[k] = vp_token(&s->toks, k);
		s->tl = s->toks.len;
	}
	s->ntok = nt;
	s->rtok = NULL;
	return 0;
}

void vp_sentiment_tokens(vp_sentiment *s, const char *const *tok, const size_t *len, size_t n)
{
	s->rtok = tok;
	s->rlen = len;
	s->rn = n;
}

static int mark_cmp(const void *a, const void *b)
{
	const mark *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->entry < y->entry ? -1 : x->entry > y->entry;
}

static int add_clause(vp_sentiment *s, size_t start, double w)
{
	if (s->ncl && s->cl[s->ncl - 1].start == start) {
		if (w < s->cl[s->ncl - 1].w)
			s->cl[s->ncl - 1].w = w;
		return 0;
	}
	if (vp_grow(&s->cl, &s->capcl, s->ncl + 1, sizeof *s->cl))
		return -1;
	s->cl[s->ncl++] = (clause){start, w, 0, 0, s->contrasts};
	return 0;
}

/* Match the sentiment lexicon in sentence [a, b) and append its marks. */
static int match_sentence(vp_sentiment *s, size_t a, size_t b, vp_err *e)
{
	const vp_theme_match *tm;
	size_t ntm;
	int rc = vp_match(s->m, s->slx, s->tp + a, s->tl + a, b - a, &tm, &ntm, e);
	if (rc)
		return rc;
	for (size_t i = 0; i < ntm; i++) {
		const vp_lexicon_entry *en = vp_lexicon_entry_at(s->slx, tm[i].entry);
		if (en->theme != tm[i].theme || en->exclude || s->role[en->theme] == R_NONE)
			continue;
		if (vp_grow(&s->marks, &s->capmarks, s->nmarks + 1, sizeof *s->marks))
			return vp_errf(e, EX_OSERR, "out of memory");
		s->marks[s->nmarks++] = (mark){a + tm[i].start, a + tm[i].end, tm[i].entry,
		                               s->role[en->theme], s->weight[en->theme], 0};
	}
	return 0;
}

static vp_sent_label decide(double p, double n)
{
	if (p <= 0 && n <= 0)
		return VP_SENT_NEUTRAL;
	double lo = p < n ? p : n, hi = p < n ? n : p;
	if (lo > 0 && lo > MIXED_RATIO * hi)
		return VP_SENT_MIXED;
	return p > n ? VP_SENT_POSITIVE : VP_SENT_NEGATIVE;
}

/* The rule for question q: a survey asks a few questions over and over, so
 * the last QCACHE questions are remembered (round robin). */
static void find_rule(vp_sentiment *s, const char *q, size_t qn, vp_err *e)
{
	for (size_t c = 0; c < QCACHE; c++) {
		const vp_buf *b = &s->qcache[c];
		if (s->qrule[c] != QC_EMPTY && b->len == qn && (qn == 0 || memcmp(b->data, q, qn) == 0)) {
			s->rule = s->qrule[c];
			return;
		}
	}
	s->rule = -1;
	vp_tokens_clear(&s->qtoks);
	if (qn && vp_text_tokenise(s->tx, q, qn, 0, &s->qtoks, e))
		vp_err_clear(e); /* a question that does not tokenise matches no rule */
	for (size_t r = 0; r < s->nrules && s->rule < 0; r++) {
		const qrule *ru = &s->rules[r];
		if (ru->any) {
			s->rule = (long)r;
			break;
		}
		for (size_t i = 0; i + ru->tok.n <= s->qtoks.n; i++) {
			size_t k = 0;
			while (k < ru->tok.n && ru->tok.len[k] == s->qtoks.len[i + k] &&
			       memcmp(vp_token(&ru->tok, k), vp_token(&s->qtoks, i + k),
			              ru->tok.len[k]) == 0)
				k++;
			if (k == ru->tok.n) {
				s->rule = (long)r;
				break;
			}
		}
	}
	size_t c = s->qnext;
	s->qnext = (s->qnext + 1) % QCACHE;
	vp_buf_clear(&s->qcache[c]);
	s->qrule[c] = vp_buf_append(&s->qcache[c], q ? q : "", qn) == 0 ? s->rule : QC_EMPTY;
}

static int weighs(int role)
{
	return role == R_POLAR || role == R_WISH;
}

static double mag(double w)
{
	return w < 0 ? -w : w;
}

/* Marks [m0, m1) of one sentence, sorted by start: which are not counted.
 * - The same words matched, the same way round, by entries of two weight
 *   files ("worst" in negative.txt and negative/strong.txt) count once, at
 *   the stronger weight (vp_sentiment_check lists such entries).  Entries
 *   pulling opposite ways on the same words still cancel out.
 * - Praise that begins inside a complaint ("not very good" + "very good" in
 *   "not very good") is cancelled by it: the complaint counts alone; so
 *   is a complaint beginning inside praise ("no wait" + "waiting time" in
 *   "no waiting time"). */
static void drop_marks(vp_sentiment *s, size_t m0, size_t m1)
{
	for (size_t i = m0; i < m1; i++) {
		mark *a = &s->marks[i];
		if (!weighs(a->role))
			continue;
		for (size_t j = i + 1; j < m1 && s->marks[j].start < a->end; j++) {
			mark *b = &s->marks[j];
			if (!weighs(b->role) || b->drop || a->drop)
				continue;
			if (b->start == a->start && b->end == a->end && (a->w < 0) == (b->w < 0)) {
				if (mag(b->w) > mag(a->w))
					a->drop = 1;
				else
					b->drop = 1;
			} else if (b->start > a->start && (a->w < 0) != (b->w < 0)) {
				b->drop = 1;
			}
		}
	}
}

/* A new clause starts at "and" followed by a new subject ("nobody
 * listened and the food was lovely"): a theme takes only its clause's
 * sentiment, and a negation does not reach across it ("I could hardly
 * breathe and nobody came"). */
static int and_clause(const vp_sentiment *s, size_t k, size_t b)
{
	static const char *const subj[] = {
		"the", "my", "i", "we", "they", "he", "she", "it", "you", "our", "their", "his",
		"her", "nobodi", "everyon", "everyth", "noth", "no", "there", "this", "that",
	};
	if (k + 1 >= b || s->tl[k] != 3 || memcmp(s->tp[k], "and", 3) != 0)
		return 0;
	for (size_t i = 0; i < sizeof subj / sizeof *subj; i++)
		if (s->tl[k + 1] == strlen(subj[i]) && memcmp(s->tp[k + 1], subj[i], s->tl[k + 1]) == 0)
			return 1;
	return 0;
}

static int tok_is(const vp_sentiment *s, size_t k, const char *w)
{
	return k < s->ntok && s->tl[k] == strlen(w) && memcmp(s->tp[k], w, s->tl[k]) == 0;
}

/* Counts of some words in the tokens before each token (tokcount): so
 * "is there an 'enough' between" is a subtraction, not a walk over a long
 * sentence for every polar entry in it. */
enum { TC_ENOUGH, TC_IFWISH, TC_KINDS };

static int tok_counts(vp_sentiment *s)
{
	size_t n = s->ntok + 1;
	if (n > SIZE_MAX / TC_KINDS ||
	    vp_grow((void **)&s->tokcount, &s->captokcount, TC_KINDS * n, sizeof *s->tokcount))
		return -1;
	size_t *en = s->tokcount, *iw = s->tokcount + n;
	en[0] = iw[0] = 0;
	for (size_t k = 0; k < s->ntok; k++) {
		size_t l = s->tl[k]; /* (only the lengths of these words compared) */
		en[k + 1] = en[k] + (l == 6 && tok_is(s, k, "enough"));
		iw[k + 1] = iw[k] + ((l == 2 && tok_is(s, k, "if")) || (l == 4 && tok_is(s, k, "wish")));
	}
	s->tokcount_ok = 1;
	return 0;
}

/* Is a word of kind tc among tokens [a, b)?  The counts made on the first
 * question of a record (most records never ask); with no memory for them,
 * no, and tokcount_oom set for the caller. */
static int tok_between(vp_sentiment *s, int tc, size_t a, size_t b)
{
	if (b <= a)
		return 0;
	if (!s->tokcount_ok && tok_counts(s)) {
		s->tokcount_oom = 1;
		return 0;
	}
	const size_t *c = s->tokcount + (size_t)tc * (s->ntok + 1);
	return c[b] > c[a];
}

/* "can't thank them enough", "couldn't do enough for us", "cannot say enough
 * good things": a can/could negation of md right before mk, with "enough"
 * later in its clause, or with "enough" between them, is praise, not the
 * negation of it.  Not "not kind enough", "can't call it good enough". */
static int cant_enough(vp_sentiment *s, const mark *md, const mark *mk)
{
	size_t k = md->start;
	if (md->end - k != 1 ||
	    !(tok_is(s, k, "cant") || tok_is(s, k, "cannot") || tok_is(s, k, "couldnt") ||
	      (tok_is(s, k, "not") && k > 0 && s->clause_of[k - 1] == s->clause_of[k] &&
	       (tok_is(s, k - 1, "can") || tok_is(s, k - 1, "could")))))
		return 0;
	if (tok_between(s, TC_ENOUGH, md->end, mk->start))
		return 1;
	if (mk->start != md->end)
		return 0;
	size_t c = s->clause_of[mk->start];
	return tok_between(s, TC_ENOUGH, mk->start, c + 1 < s->ncl ? s->cl[c + 1].start : s->ntok);
}

static int wished_if(vp_sentiment *s, const mark *md, const mark *mk)
{
	return tok_between(s, TC_IFWISH, md->start, mk->start);
}

int vp_sentiment_score(vp_sentiment *s, const char *text, size_t n, const char *q,
                       size_t qn, vp_err *e)
{
	int rc;
	s->nmarks = s->nhits = s->ncl = 0;
	s->p = s->n = 0;
	s->nil = 0;
	s->label = VP_SENT_NEUTRAL;
	find_rule(s, q, q ? qn : 0, e);
	if ((rc = tokenise(s, text, n, e)))
		return rc;
	size_t nt = s->ntok;

	/* sentences: marks and clauses */
	for (size_t a = 0; a < nt;) {
		size_t b = a + 1;
		while (b < nt && s->brk[b] != 2)
			b++;
		size_t m0 = s->nmarks;
		if ((rc = match_sentence(s, a, b, e)))
			return rc;
		if (s->nmarks > m0) {
			qsort(s->marks + m0, s->nmarks - m0, sizeof *s->marks, mark_cmp);
			drop_marks(s, m0, s->nmarks);
		}
		size_t c0 = s->ncl;
		s->contrasts = 0;
		if (add_clause(s, a, 1))
			return vp_errf(e, EX_OSERR, "out of memory");
		size_t mi = m0;
		int in_concession = 0;
		for (size_t k = a; k < b; k++) {
			int starts = k > a && s->brk[k] == 1;
			int and_at = k > a && !starts && and_clause(s, k, b);
			int contrast = 0, conc = 0;
			for (; mi < s->nmarks && s->marks[mi].start <= k; mi++) {
				if (s->marks[mi].start != k)
					continue;
				contrast |= s->marks[mi].role == R_CONTRAST;
				conc |= s->marks[mi].role == R_CONCESSION;
			}
			/* a contrast opening the sentence has nothing before it
			 * to weigh half ("But the wait was awful."); the others
			 * halve the clauses before them when the sentence ends */
			if (contrast && k > a)
				s->contrasts++;
			if (conc)
				in_concession = 1;
			else if (contrast || starts)
				in_concession = 0;
			if (starts || contrast || conc || and_at) {
				if (add_clause(s, k, in_concession ? W_CONCESSION : 1))
					return vp_errf(e, EX_OSERR, "out of memory");
			}
			s->clause_of[k] = s->ncl - 1;
			s->sent_of[k] = a;
		}
		/* each clause weighs half for every contrast after it, applied
		 * once here from the last clause back: halving every clause
		 * before it at each contrast was quadratic in a sentence's
		 * length (a 6 MB letter with "but" every few words took 12 s) */
		double before_contrast = 1;
		for (size_t c = s->ncl, seen = s->contrasts; c-- > c0;) {
			for (; seen > s->cl[c].contrasts; seen--)
				before_contrast *= W_BEFORE_CONTRAST;
			s->cl[c].w *= before_contrast;
		}
		a = b;
	}

	/* polar hits with their modifiers */
	const qrule *ru = s->rule >= 0 ? &s->rules[s->rule] : NULL;
	/* a nil answer starts with a nothing.txt entry, maybe after fillers
	 * and intensifiers ("Absolutely nothing!") */
	s->nil = 0;
	size_t nilmark = 0;
	for (size_t i = 0, at = 0; i < s->nmarks && s->marks[i].start <= at && !s->nil; i++) {
		int r = s->marks[i].role;
		if (r == R_NOTHING) {
			s->nil = 1;
			nilmark = i;
		} else if ((r == R_FILLER || r == R_INTENS) && s->marks[i].start == at) {
			at = s->marks[i].end;
		}
	}
	/* A polar entry's modifiers end at most NEG_WINDOW tokens before it,
	 * except a wish's negations, which reach across its sentence: so a hit
	 * looks at the marks that start near it and, for a wish, at the
	 * sentence's negations before those -- not at every mark of its
	 * sentence before it, which was quadratic in a sentence's length. */
	size_t nnegs = 0, longest = 0;
	for (size_t i = 0; i < s->nmarks; i++) {
		const mark *mk = &s->marks[i];
		if (mk->end - mk->start > longest)
			longest = mk->end - mk->start;
		if (mk->role != R_NEGATION && mk->role != R_NOTHING)
			continue;
		if (vp_grow(&s->negs, &s->capnegs, nnegs + 1, sizeof *s->negs))
			return vp_errf(e, EX_OSERR, "out of memory");
		s->negs[nnegs++] = i;
	}
	s->tokcount_ok = s->tokcount_oom = 0; /* tok_between makes them if asked */
	size_t j0 = 0, neg0 = 0, sent_at = (size_t)-1; /* the sentence's first mark, negation */
	size_t wish1 = NO_MARK, clause_at = (size_t)-1;  /* the clause's first wish mark */
	for (size_t i = 0; i < s->nmarks; i++) {
		const mark *mk = &s->marks[i];
		if (s->sent_of[mk->start] != sent_at) {
			sent_at = s->sent_of[mk->start];
			j0 = i;
			while (neg0 < nnegs && s->negs[neg0] < i)
				neg0++;
		}
		if (s->clause_of[mk->start] != clause_at) {
			clause_at = s->clause_of[mk->start];
			wish1 = NO_MARK;
		}
		size_t wish_before = wish1;
		if (mk->role == R_WISH && wish1 == NO_MARK)
			wish1 = i;
		if ((mk->role != R_POLAR && mk->role != R_WISH) || mk->drop)
			continue;
		if (vp_grow(&s->hits, &s->caphits, s->nhits + 1, sizeof *s->hits))
			return vp_errf(e, EX_OSERR, "out of memory");
		hit *h = &s->hits[s->nhits++];
		h->start = mk->start;
		h->entry = mk->entry;
		h->clause = s->clause_of[mk->start];
		h->w = mk->w;
		h->nmods = 0;
		size_t cstart = s->cl[h->clause].start;
		/* modifiers: the marks of the sentence before this one (sorted by
		 * start), in order, up to 4.  Those starting before near end more
		 * than NEG_WINDOW tokens before it: only a wish's negations there
		 * can count, and the clause's first wish (fw) for praise it may
		 * want ("would be nice if ... polite": the first wanting it if
		 * any does, wished_if's span being the widest). */
		size_t near = mk->start > NEG_WINDOW + longest ? mk->start - NEG_WINDOW - longest : 0;
		size_t jn = i;
		while (jn > j0 && s->marks[jn - 1].start >= near)
			jn--;
		size_t ni = neg0, j = jn, fw = mk->w > 0 && wish_before < jn ? wish_before : NO_MARK;
		/* the words of the last negation or nil word that turned it round:
		 * "no" is both, and turns it round once ("no delays") */
		size_t turn_s = (size_t)-1, turn_e = 0;
		int wanted = 0;  /* turned round by a wish: once ("I wish they were more friendly") */
		while (h->nmods < 4) {
			const mark *md;
			size_t nn = mk->role == R_WISH && ni < nnegs && s->negs[ni] < jn ? s->negs[ni]
			                                                                : NO_MARK;
			if (fw != NO_MARK && fw < nn)
				md = &s->marks[fw], fw = NO_MARK;
			else if (nn != NO_MARK)
				md = &s->marks[nn], ni++;
			else if (j < i)
				md = &s->marks[j++];
			else
				break;
			if (md->end > mk->start)
				continue;
			int turner = md->role == R_NEGATION || md->role == R_NOTHING;
			if (turner && md->start == turn_s && md->end == turn_e)
				continue;
			if (md->start < cstart) {  /* earlier clauses: only a wish's negation reaches */
				if (turner && mk->role == R_WISH) {
					h->w = -h->w;
					h->mods[h->nmods++] = md->entry;
					turn_s = md->start, turn_e = md->end;
				}
				continue;
			}
			if (md->role == R_NEGATION && cant_enough(s, md, mk))
				continue;  /* "can't thank them enough" */
			size_t gap = mk->start - md->end;
			double w0 = h->w;
			if (md->role == R_NEGATION && gap < NEG_WINDOW)
				h->w = -h->w;
			else if ((md->role == R_NEGATION || md->role == R_NOTHING) && mk->role == R_WISH)
				h->w = -h->w;  /* "I don't think you could do any better" */
			else if (md->role == R_NOTHING && gap < NEG_WINDOW && mk->w < 0)
				h->w = -h->w;  /* "nothing better", "nothing bad to say" */
			else if (md->role == R_WISH && mk->w > 0 && !wanted &&
			         (gap < MOD_WINDOW || wished_if(s, md, mk)))
				h->w = -h->w, wanted = 1;  /* "more helpful", "nice if they were kind": wanted, so missing */
			else if ((md->role == R_INTENS || md->role == R_DOWN) && gap < MOD_WINDOW)
				h->w *= md->w;
			else
				continue;
			if (turner && h->w == -w0)
				turn_s = md->start, turn_e = md->end;
			h->mods[h->nmods++] = md->entry;
		}
		h->w *= s->cl[h->clause].w;
	}
	if (s->tokcount_oom)
		return vp_errf(e, EX_OSERR, "out of memory");
	/* a leading "Nothing": what the question rule says it means */
	if (s->nil && ru && ru->nothing != VP_SENT_NEUTRAL && ru->nothing != VP_SENT_MIXED) {
		if (vp_grow(&s->hits, &s->caphits, s->nhits + 1, sizeof *s->hits))
			return vp_errf(e, EX_OSERR, "out of memory");
		s->hits[s->nhits++] = (hit){0, s->marks[nilmark].entry, 0,
		                            ru->nothing == VP_SENT_POSITIVE ? W_NIL : -W_NIL, {0}, 0};
		s->nilhit = 1;
	} else {
		s->nilhit = 0;
	}
	for (size_t i = 0; i < s->nhits; i++) {
		hit *h = &s->hits[i];
		if (h->w > 0) {
			s->p += h->w;
			s->cl[h->clause].p += h->w;
		} else {
			s->n -= h->w;
			s->cl[h->clause].n -= h->w;
		}
	}
	/* an answer of only unsure.txt (and filler.txt) words */
	size_t cover = 0;
	int unsure = 0;
	for (size_t i = 0; i < s->nmarks && s->marks[i].start <= cover; i++) {
		if (s->marks[i].role != R_UNSURE && s->marks[i].role != R_FILLER)
			continue;
		unsure |= s->marks[i].role == R_UNSURE;
		if (s->marks[i].end > cover)
			cover = s->marks[i].end;
	}
	/* no word at all ("-", "...": typed past a required question) says
	 * nothing, whatever the question: plain= is for an answer that named
	 * something */
	if (nt == 0 || (unsure && cover == nt && s->nhits == 0))
		s->label = VP_SENT_NEUTRAL;
	else if (s->nhits == 0 || (s->nilhit && s->nhits == 1))
		s->label = !ru ? VP_SENT_NEUTRAL : s->nil ? ru->nothing : ru->plain;
	else if ((s->label = decide(s->p, s->n)) == VP_SENT_MIXED && ru)
		s->label = ru->mixed;

	if (++s->gen == 0) {  /* wrapped: forget every theme's sums */
		memset(s->tacc, 0, (s->tlx ? vp_lexicon_nthemes(s->tlx) : 0) * sizeof *s->tacc);
		s->gen = 1;
	}

	/* the theme lexicon, sentence by sentence (vp-tag matches across
	 * sentences: a theme found only that way takes the record's label) */
	for (size_t a = 0; s->tlx && !s->no_themes && a < nt;) {
		size_t b = a + 1;
		while (b < nt && s->brk[b] != 2)
			b++;
		const vp_theme_match *tm;
		size_t ntm;
		if ((rc = vp_match(s->m, s->tlx, s->tp + a, s->tl + a, b - a, &tm, &ntm, e)))
			return rc;
		for (size_t i = 0; i < ntm; i++) {
			/* each theme's clauses, once each: a theme's matches come
			 * sorted by start, sentence after sentence */
			tacc *ta = &s->tacc[tm[i].theme];
			size_t c = s->clause_of[a + tm[i].start];
			if (ta->gen != s->gen)
				*ta = (tacc){s->gen, (size_t)-1, 0, 0};
			if (ta->last == c)
				continue;
			ta->last = c;
			ta->p += s->cl[c].p;
			ta->n += s->cl[c].n;
		}
		a = b;
	}
	return 0;
}

int vp_sentiment_score_themes(vp_sentiment *s, const char *text, size_t n, const char *q,
                              size_t qn, int has_themes, vp_err *e)
{
	s->no_themes = !has_themes;
	int rc = vp_sentiment_score(s, text, n, q, qn, e);
	s->no_themes = 0;
	return rc;
}

vp_sent_label vp_sentiment_label(const vp_sentiment *s)
{
	return s->label;
}

double vp_sentiment_value(const vp_sentiment *s)
{
	return s->p - s->n;
}

int vp_sentiment_theme(vp_sentiment *s, const char *theme, size_t n,
                       vp_sent_label *label, double *score)
{
	*label = s->label;
	*score = s->p - s->n;
	if (!s->tlx)
		return 0;
	long t = -1;
	for (size_t h = vp_hash_bytes(theme, n) & s->tmask; s->tslot[h] && t < 0;
	     h = (h + 1) & s->tmask) {
		size_t i = s->tslot[h] - 1;
		if (s->tnamelen[i] == n && memcmp(vp_lexicon_theme_name(s->tlx, i), theme, n) == 0)
			t = (long)i;
	}
	if (t < 0)
		return 0;
	if (s->tacc[t].gen != s->gen)
		return 0;  /* not found again: the record's label */
	double p = s->tacc[t].p, neg = s->tacc[t].n;
	*score = p - neg;
	if (p == 0 && neg == 0)
		*label = s->nhits ? VP_SENT_NEUTRAL : s->label;
	else
		*label = decide(p, neg);
	return 0;
}

/* x to 3 decimals, trailing zeros dropped ("2", "-0.5", "1.125"); no printf:
 * it was a tenth of the stage's time. */
static size_t fmt_num(char out[static 32], double x)
{
	char tmp[32], *p = tmp + sizeof tmp;
	int neg = x < 0;
	double ax = neg ? -x : x;
	if (!(ax < 1e15))
		ax = 1e15;  /* never reached by sums of lexicon weights; keeps it finite */
	unsigned long long v = (unsigned long long)(ax * 1000 + 0.5);
	if (v == 0)
		neg = 0;  /* no "-0" */
	unsigned frac = (unsigned)(v % 1000);
	v /= 1000;
	if (frac) {
		int digits = 3;
		while (frac % 10 == 0) {
			frac /= 10;
			digits--;
		}
		while (digits--) {
			*--p = (char)('0' + frac % 10);
			frac /= 10;
		}
		*--p = '.';
	}
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (neg)
		*--p = '-';
	size_t n = (size_t)(tmp + sizeof tmp - p);
	memcpy(out, p, n);
	return n;
}

static int put_num(vp_buf *b, double x)
{
	char tmp[32];
	return vp_buf_append(b, tmp, fmt_num(tmp, x));
}

static int put_entry_ref(vp_buf *b, const vp_lexicon *lx, size_t entry)
{
	const vp_lexicon_entry *en = vp_lexicon_entry_at(lx, entry);
	return vp_buf_printf(b, "%s:%lu", en->file, en->line);
}

static int put_hit_name(vp_sentiment *s, vp_buf *b, const hit *h)
{
	int nil = s->nilhit && h == &s->hits[s->nhits - 1];
	if (!h->nmods && !nil) {
		const char *text = vp_lexicon_entry_at(s->slx, h->entry)->text;
		return vp_json_str(b, text, strlen(text));
	}
	vp_buf *t = &s->scratch;
	vp_buf_clear(t);
	for (size_t k = 0; k < h->nmods; k++)
		if (vp_buf_puts(t, vp_lexicon_entry_at(s->slx, h->mods[k])->text) ||
		    vp_buf_putc(t, '+'))
			return -1;
	if (vp_buf_puts(t, vp_lexicon_entry_at(s->slx, h->entry)->text))
		return -1;
	if (nil && vp_buf_printf(t, " (nothing=%s)", vp_sent_label_name(s->rules[s->rule].nothing)))
		return -1;
	return vp_json_str(b, t->data, t->len);
}

int vp_sentiment_json(const vp_sentiment *cs, int explain, vp_buf *out)
{
	vp_sentiment *s = (vp_sentiment *)cs; /* scratch only */
	if (vp_buf_puts(out, "{\"label\":\"") || vp_buf_puts(out, vp_sent_label_name(s->label)) ||
	    vp_buf_puts(out, "\",\"score\":") ||
	    put_num(out, s->p - s->n) || vp_buf_puts(out, ",\"hits\":["))
		return -1;
	for (size_t i = 0; i < s->nhits; i++)
		if ((i && vp_buf_putc(out, ',')) || put_hit_name(s, out, &s->hits[i]))
			return -1;
	if (vp_buf_putc(out, ']'))
		return -1;
	if (explain) {
		if (vp_buf_puts(out, ",\"rule\":"))
			return -1;
		if (s->rule >= 0) {
			const qrule *r = &s->rules[s->rule];
			vp_buf *t = &s->scratch;
			vp_buf_clear(t);
			if (vp_buf_printf(t, "%s:%lu: %s -> nothing=%s plain=%s mixed=%s", s->qfile,
			                  r->line, r->words, vp_sent_label_name(r->nothing),
			                  vp_sent_label_name(r->plain), vp_sent_label_name(r->mixed)) ||
			    vp_json_str(out, t->data, t->len))
				return -1;
		} else if (vp_buf_puts(out, "null")) {
			return -1;
		}
		if (vp_buf_printf(out, ",\"nil\":%s,\"explain\":[", s->nil ? "true" : "false"))
			return -1;
		for (size_t i = 0; i < s->nhits; i++) {
			const hit *h = &s->hits[i];
			if ((i && vp_buf_putc(out, ',')) || vp_buf_puts(out, "{\"hit\":") ||
			    put_hit_name(s, out, h) || vp_buf_puts(out, ",\"weight\":") ||
			    put_num(out, h->w) || vp_buf_printf(out, ",\"clause\":%zu,\"entries\":[\"", h->clause) ||
			    put_entry_ref(out, s->slx, h->entry))
				return -1;
			for (size_t k = 0; k < h->nmods; k++)
				if (vp_buf_puts(out, "\",\"") || put_entry_ref(out, s->slx, h->mods[k]))
					return -1;
			if (vp_buf_puts(out, "\"]}"))
				return -1;
		}
		if (vp_buf_putc(out, ']'))
			return -1;
	}
	return vp_buf_putc(out, '}');
}

/* The same through jansson, for objects vp_jscan is unsure of. */
static int theme_elem_jansson(vp_sentiment *s, vp_jspan el, vp_buf *out, vp_err *e)
{
	json_t *o = json_loadb(el.p, el.n, 0, NULL);
	json_t *name = json_object_get(o, "theme");
	int rc = 0;
	if (!json_is_string(name)) {
		json_decref(o);
		return vp_buf_append(out, el.p, el.n) ? vp_errf(e, EX_OSERR, "out of memory") : 0;
	}
	vp_sent_label l;
	double sc;
	vp_sentiment_theme(s, json_string_value(name), json_string_length(name), &l, &sc);
	char *txt = NULL;
	if (json_object_set_new(o, "sentiment", json_pack("{s:s, s:f}", "label",
	                        vp_sent_label_name(l), "score", sc)) ||
	    !(txt = json_dumps(o, JSON_COMPACT)) || vp_buf_puts(out, txt))
		rc = vp_errf(e, EX_OSERR, "out of memory");
	free(txt);
	json_decref(o);
	return rc;
}

static int theme_elem_put(vp_sentiment *s, vp_jspan el, const vp_jspan *v, vp_buf *out,
                          vp_err *e);

/* Append one theme object with "sentiment" added or replaced. */
static int theme_elem(vp_sentiment *s, vp_jspan el, int has_sent, vp_buf *out, vp_err *e)
{
	static const char *const keys[] = {"theme", "sentiment"};
	vp_jspan v[2];
	if (el.n < 2 || el.p[0] != '{')
		return vp_buf_append(out, el.p, el.n) ? vp_errf(e, EX_OSERR, "out of memory") : 0;
	/* vp-tag's objects start {"theme":"name", -- take the name from there
	 * when it has no escapes and the object has no "sentiment" yet
	 * (next_elem looked at its keys).  Anything else is scanned properly. */
	static const char head[] = "{\"theme\":\"";
	const char *q;
	if (el.n > sizeof head && memcmp(el.p, head, sizeof head - 1) == 0 &&
	    (q = memchr(el.p + sizeof head - 1, '"', el.n - (sizeof head - 1))) != NULL &&
	    !memchr(el.p + sizeof head - 1, '\\', (size_t)(q - el.p) - (sizeof head - 1)) &&
	    !has_sent) {
		v[0] = (vp_jspan){el.p + sizeof head - 2, (size_t)(q - el.p) - (sizeof head - 2) + 1};
		v[1] = (vp_jspan){NULL, 0};
		return theme_elem_put(s, el, v, out, e);
	}
	int sc_rc = vp_jscan_validated_members(el, keys, 2, v, 0);
	if (sc_rc == VP_JSCAN_UNSURE)
		return theme_elem_jansson(s, el, out, e);
	if (sc_rc != VP_JSCAN_OK || !v[0].p || v[0].p[0] != '"')
		return vp_buf_append(out, el.p, el.n) ? vp_errf(e, EX_OSERR, "out of memory") : 0;
	return theme_elem_put(s, el, v, out, e);
}

/* el with v[0] its "theme" string and v[1] its "sentiment" value (p NULL: none). */
static int theme_elem_put(vp_sentiment *s, vp_jspan el, const vp_jspan *v, vp_buf *out, vp_err *e)
{
	const char *name;
	size_t nlen;
	vp_buf_clear(&s->scratch);
	if (vp_jscan_string(v[0], &s->scratch, &name, &nlen))
		return vp_errf(e, EX_OSERR, "out of memory");
	vp_sent_label l;
	double sc;
	vp_sentiment_theme(s, name, nlen, &l, &sc);
	/* {"label":"positive","score":-123.456}: written straight into out,
	 * after one reservation (small appends were a tenth of the time) */
	char val[80], *d = val;
	const char *ln = vp_sent_label_name(l);
	size_t lnl = strlen(ln);
	memcpy(d, "{\"label\":\"", 10);
	d += 10;
	memcpy(d, ln, lnl);
	d += lnl;
	memcpy(d, "\",\"score\":", 10);
	d += 10;
	d += fmt_num(d, sc);  /* at most 20 bytes: 80 is room enough */
	*d++ = '}';
	size_t vlen = (size_t)(d - val);
	if (vp_buf_reserve(out, el.n + vlen + 16))
		return vp_errf(e, EX_OSERR, "out of memory");
	char *o = out->data + out->len;
	if (v[1].p) {
		size_t a = (size_t)(v[1].p - el.p), rest = el.n - a - v[1].n;
		memcpy(o, el.p, a);
		memcpy(o + a, val, vlen);
		memcpy(o + a + vlen, v[1].p + v[1].n, rest);
		out->len += a + vlen + rest;
	} else {
		size_t k = el.n - 1; /* the '}' */
		while (k > 1 && (el.p[k - 1] == ' ' || el.p[k - 1] == '\t' || el.p[k - 1] == '\n' ||
		                 el.p[k - 1] == '\r'))
			k--;
		memcpy(o, el.p, k);
		o += k;
		if (k > 1)
			*o++ = ',';
		memcpy(o, "\"sentiment\":", 12);
		o += 12;
		memcpy(o, val, vlen);
		o += vlen;
		*o++ = '}';
		out->len = (size_t)(o - out->data);
	}
	return 0;
}

/* The next element of a validated JSON array (rest starts at its '[' and
 * is left on the ',' or ']' after the element): 1, or 0 at the end.  Only
 * strings and brackets are tracked -- the array was validated with the line,
 * and vp_jscan_array_next validating each element again was a twentieth
 * of the stage's time. */
static int next_elem(vp_jspan *rest, vp_jspan *el, int *has_sent)
{
	const char *p = rest->p, *end = rest->p + rest->n;
	if (p >= end || *p == ']')
		return 0;
	p++;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	if (p >= end || *p == ']')
		return 0;
	const char *start = p;
	int depth = 0;
	*has_sent = 0;
	static const unsigned char structural[256] = {
		['"'] = 1, ['['] = 1, [']'] = 1, ['{'] = 1, ['}'] = 1, [','] = 1,
	};
	for (; p < end; p++) {
		while (p < end && !structural[(unsigned char)*p])
			p++;
		if (p >= end)
			break;
		char c = *p;
		if (c == '"') {
			const char *q = p + 1;
			for (p++; p < end; p++) {  /* to the closing quote: one not escaped */
				p = memchr(p, '"', (size_t)(end - p));
				if (!p) {
					p = end;
					break;
				}
				size_t bs = 0;
				while (p - bs > q && p[-1 - (ptrdiff_t)bs] == '\\')
					bs++;
				if (bs % 2 == 0)
					break;
			}
			/* a key of the element object: "sentiment", or spaced out
			 * (say so: the caller then scans properly) */
			if (depth == 1 && p + 1 < end && p[1] != ',' && p[1] != '}' && p[1] != ']' &&
			    (p[1] != ':' || (p - q == 9 && memcmp(q, "sentiment", 9) == 0)))
				*has_sent = 1;
		} else if (c == '[' || c == '{') {
			depth++;
		} else if (c == ']' || c == '}') {
			if (depth-- == 0)
				break;
		} else if (c == ',' && depth == 0) {
			break;
		}
	}
	const char *stop = p;
	while (stop > start && (stop[-1] == ' ' || stop[-1] == '\t' || stop[-1] == '\n' ||
	                        stop[-1] == '\r'))
		stop--;
	el->p = start;
	el->n = (size_t)(stop - start);
	rest->n -= (size_t)(p - rest->p);
	rest->p = p;
	return p < end;
}

/* vp-count's check of "themes" (vp_count_themes_check) on its JSON text,
 * or of its entry i (i (size_t)-1: the whole).  vp-tag's entries,
 * {"theme":"name" with no escape in a name not empty, pass at once. */
static int themes_check(vp_jspan el, size_t i, vp_err *e)
{
	static const char head[] = "{\"theme\":\"";
	const char *q;
	if (i != (size_t)-1 && el.n > sizeof head && memcmp(el.p, head, sizeof head - 1) == 0 &&
	    (q = memchr(el.p + sizeof head - 1, '"', el.n - (sizeof head - 1))) != NULL &&
	    q > el.p + sizeof head - 1 &&
	    !memchr(el.p + sizeof head - 1, '\\', (size_t)(q - el.p) - (sizeof head - 1)))
		return 0;
	json_error_t je;
	json_t *t = json_loadb(el.p, el.n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
	if (!t)
		return vp_errf(e, EX_DATAERR, "\"themes\" is not JSON: %s", je.text);
	int rc = i == (size_t)-1 ? vp_count_themes_check(t, e) : vp_count_theme_check(t, i, NULL, e);
	json_decref(t);
	return rc;
}

int vp_sentiment_record(vp_sentiment *s, const char *text, size_t n, const char *q,
                        size_t qn, vp_jspan themes, int explain, vp_buf *sent,
                        vp_buf *themes_out, vp_err *e)
{
	/* themes malformed: a bad record, as vp-count says (null: none) */
	if (themes.p && themes.p[0] != '[' && themes.p[0] != 'n')
		return themes_check(themes, (size_t)-1, e);
	s->no_themes = !themes.p || themes.p[0] != '[' || themes.n <= 2 ||
	               themes.p[1 + strspn(themes.p + 1, " \t\r\n")] == ']';
	int rc = vp_sentiment_score(s, text, n, q, qn, e);
	s->no_themes = 0;
	if (rc)
		return rc;
	return vp_sentiment_render(s, themes, explain, sent, themes_out, e);
}

int vp_sentiment_render(vp_sentiment *s, vp_jspan themes, int explain, vp_buf *sent,
                        vp_buf *themes_out, vp_err *e)
{
	int rc;
	if (themes.p && themes.p[0] != '[' && themes.p[0] != 'n')
		return themes_check(themes, (size_t)-1, e);
	if (vp_sentiment_json(s, explain, sent))
		return vp_errf(e, EX_OSERR, "out of memory");
	if (!themes.p)
		return 0;
	if (themes.p[0] != '[')
		return vp_buf_append(themes_out, themes.p, themes.n) ? vp_errf(e, EX_OSERR, "out of memory") : 0;
	vp_jspan rest = themes, el;
	int first = 1;
	if (vp_buf_putc(themes_out, '['))
		return vp_errf(e, EX_OSERR, "out of memory");
	int has_sent;
	for (size_t i = 0; next_elem(&rest, &el, &has_sent) == 1; i++) {
		if ((rc = themes_check(el, i, e)))
			return rc;
		if (!first && vp_buf_putc(themes_out, ','))
			return vp_errf(e, EX_OSERR, "out of memory");
		first = 0;
		if ((rc = theme_elem(s, el, has_sent, themes_out, e)))
			return rc;
	}
	return vp_buf_putc(themes_out, ']') ? vp_errf(e, EX_OSERR, "out of memory") : 0;
}

void vp_sentiment_warn_question(const char *qfield, int fields_seen, const char *prog,
                                FILE *err)
{
	fprintf(err, "%s: warning: no record's \"fields\" has \"%s\", so every record was "
	        "read without its question: ", prog, qfield);
	vp_ingest_fields_hint(err, qfield, fields_seen);
	fputc('\n', err);
}
