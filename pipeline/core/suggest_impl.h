/* suggest_impl.h - what the parts of vp_suggest share (core only; not
 * installed): the records, the coded set and the choosing (suggest.c), and
 * the words proposed for word lists (suggest_lists.c). */
#ifndef VOXPOP_SUGGEST_IMPL_H
#define VOXPOP_SUGGEST_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <jansson.h>

#include "voxpop/buf.h"
#include "voxpop/hash.h"
#include "voxpop/lexicon.h"
#include "voxpop/str.h"
#include "voxpop/suggest.h"
#include "voxpop/text.h"

#define GAP UINT32_MAX   /* a "?" in a phrase's stems: any one token */
#define NONE SIZE_MAX    /* no index */

typedef struct span { size_t theme, start, end; } span;

typedef struct rec {
	char *id, *text;
	uint32_t *tok;
	size_t ntok;
	size_t coded;        /* index of its coded row, or NONE */
	int any;             /* some theme fired */
	span *spans;
	size_t nspans, capspans;
} rec;

typedef struct coded {
	char *id;
	size_t rec;          /* NONE until its record is read */
	int held;
} coded;

typedef struct cand {
	size_t key;          /* offset into keys (uint32 units) */
	unsigned n;          /* length in tokens */
	int excl;
	size_t *post;        /* coded rows (<< 1 | drops, for exclusions) */
	size_t npost, cap;
	size_t nfit;         /* postings in the fit part: the support */
	size_t last;         /* last record posted + 1 (dedupe) */
	int used;
} cand;

typedef struct cset {
	vp_strmap map;
	cand *c;
	size_t n, cap;
	uint32_t *keys;
	size_t nkeys, capkeys;
} cset;

typedef struct pick {
	char *entry;         /* as written in a lexicon ("!" for exclusions) */
	int excl;
	unsigned long support;
	long dtp[2], dfp[2]; /* fit, held back */
	double gain[2];
	size_t ex[2], nex;   /* example records */
} pick;

/* A word proposed for a word list (--lexicon). */
typedef struct mpick {
	size_t list;
	uint32_t stem;
	unsigned long support;
	long dtp[2], dfp[2];
	double gain[2];
	size_t via;          /* the first entry of a line it fires through */
	size_t ex[2], nex;
} mpick;

typedef struct tres {
	size_t theme;
	unsigned long rows[2], gold[2];
	double before[2], after[2];
	pick *picks;
	size_t npicks, cappicks;
	mpick *members;
	size_t nmembers, capmembers;
} tres;

/* A lexicon line written with a word list, as a phrase with that list's
 * place open: "{roles} was {praise}" gives "? was brilliant", "? was
 * great" for roles (slot 0), "doctor was ?", "nurse was ?" for praise. */
typedef struct frame {
	size_t list;         /* the list whose place slot is */
	size_t entry;        /* the line's first entry */
	size_t key;          /* its stems: offset into fkeys (GAP for "?" and the slot) */
	unsigned n, slot;
} frame;

typedef struct phrase {
	char *text;
	unsigned long a, b;
	double g2;
	size_t ex[2], nex;
} phrase;

struct vp_suggest {
	vp_suggest_opts o;
	vp_text *tx;
	vp_strmap stopmap;      /* stems of the stopwords */
	/* stems */
	vp_strmap stemmap;
	char **stem;
	unsigned char *stop;
	unsigned char *personal; /* the stem was personal data in some comment (vp-redact) */
	size_t *best;           /* surface index per stem, NONE */
	size_t nstem, capstem;
	vp_strmap surfmap;      /* surface word -> index */
	char **surf;
	size_t *surfstem, *surfcount;
	size_t nsurf, capsurf;
	/* themes and the coded set */
	char **themes;
	size_t nthemes;
	vp_strmap codedmap;
	coded *coded;
	size_t ncoded, capcoded;
	unsigned char *gold;    /* ncoded * nthemes */
	unsigned char *pred;
	int have_gold;
	char *pairs_note;       /* what --labels said twice, or NULL */
	/* records */
	rec *recs;
	size_t nrecs, caprecs;
	unsigned long without_spans;
	unsigned long untaggable; /* records used that vp-tag could not read */
	vp_tally not_coded;     /* records read whose id was not coded */
	vp_tally repeated;      /* records whose coded id a record read before had */
	/* results */
	tres *res;
	size_t nres;
	phrase *phr;
	size_t nphr;
	unsigned long untagged_docs, tagged_docs;
	vp_tokens scratch, pscratch; /* pscratch: a span vp-redact removed */
	vp_buf red;                  /* a comment as vp-redact writes it */
	/* word-list members (o.lexicon) */
	frame *fr;
	size_t nfr, capfr;
	uint32_t *fkeys;
	size_t nfkeys, capfkeys;
	vp_strmap inlist;            /* list + stem: a one-word member already */
	struct wildm { size_t list; char *prefix; } *wild; /* "port*": list, "port" */
	size_t nwild, capwild;
};

/* A theme's tags against the coding: right, wrong, missed. */
typedef struct counts { long tp, fp, fn; } counts;

/* An entry chosen for theme t (or being weighed). */
typedef struct picked { const uint32_t *key; unsigned n; int excl; } picked;

/* Intern stem w[0..n): its id in *out.  0 or -1 (out of memory). */
int vps_intern_stem(vp_suggest *s, const char *w, size_t n, size_t *out);
/* Does k[0..n) (GAP: any token) match r's tokens from i? */
int vps_matches_at(const rec *r, size_t i, const uint32_t *k, unsigned n);
/* Is coded row tagged with theme t once pk[0..npk) are entries of t? */
int vps_row_tagged(const vp_suggest *s, size_t t, size_t row, const picked *pk, size_t npk);
/* F1 gained on k by tags right and wrong (an addition's, or with excl an
 * exclusion's); *dtp, *dfp: the tags gained (negative: lost). */
double vps_gain_of(const counts *k, int excl, long right, long wrong, long *dtp, long *dfp);
/* The example records ex[0..nex): in the listing (0, -1 out of memory,
 * -2 I/O), and as JSON (NULL: out of memory). */
int vps_write_examples(const vp_suggest *s, FILE *out, const size_t *ex, size_t nex, vp_buf *b);
/* The listing's ranked table, its head and one row of it (what: "entry",
 * its text): the held-back columns only when comments were held back
 * (a column of +0.0000 would read as gains that came to nothing).  -1 on
 * an output error. */
int vps_put_ranks_head(FILE *out, const char *what, unsigned long held);
int vps_put_rank(FILE *out, size_t rank, const char *what, unsigned long support, const long dtp[2],
                 const long dfp[2], const double gain[2], unsigned long held);
json_t *vps_examples_json(const vp_suggest *s, const size_t *ex, size_t nex);

/* ---- suggest_lists.c: words for the word lists (opts.lexicon) ---- */

/* What the set's lists hold, and its lines written with lists as phrases
 * with a list's place open.  0 or -1. */
int vps_lists_prepare(vp_suggest *s);
/* The words proposed for the lists of theme t's lines into res->members. */
int vps_run_members(vp_suggest *s, size_t t, tres *res);
/* r's members: in the listing (0, -1, -2 as vps_write_examples), as
 * "members" of the theme's JSON object (0 or -1), and as comments after
 * the entries --write writes (held: give the held-back figures; 0 or -1,
 * an output error). */
int vps_members_text(const vp_suggest *s, const tres *r, FILE *out, vp_buf *b);
int vps_members_json(const vp_suggest *s, const tres *r, json_t *theme);
int vps_members_lexicon(const vp_suggest *s, const tres *r, int held, FILE *out);

#endif
