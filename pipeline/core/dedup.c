/* dedup.c - see include/voxpop/dedup.h
 *
 * Slots live in one array used as a ring: slot k holds a text's exact hash,
 * its record id (and, for campaign-length texts, the first bytes of the
 * text, for the report), its campaign if any, and its MinHash signature.
 * Two indexes point into it, both hash tables of doubly linked chains of
 * slot numbers so that a reused slot is unlinked in O(1): one by exact
 * hash, and one per LSH band by the hash of that band's rows.  A band
 * bucket also keeps a 32-bit filter of the band values linked into it
 * since it was last empty (two bits a value, from hash bits the bucket
 * number does not use): a campaign's copies make chains thousands long of
 * one value, and a text whose band merely hashes to the same bucket would
 * walk all of them to find none equal; when its bits are not all set no
 * entry can be equal, and the walk is skipped.  Campaigns
 * (groups) count the slots that refer to them; one whose last slot is
 * reused is finished and written to the report then.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <utf8proc.h>

#include "voxpop/dedup.h"
#include "voxpop/hash.h"
#include "voxpop/jscan.h"
#include "voxpop/jsonw.h"
#include "voxpop/redact.h"
#include "voxpop/str.h"
#include "voxpop/text.h"

#define NH VP_DEDUP_HASHES
#define NB VP_DEDUP_BANDS
#define NR VP_DEDUP_ROWS
#define NONE UINT32_MAX
/* Signatures compared for one text at most (candidates beyond are ignored):
 * keeps the time per record bounded when many kept texts share bands. */
#define MAX_CANDIDATES 32
/* Once one is a match, this many more are compared for a better one. */
#define MATCH_MORE 4
/* Steps of each bin's densification probe sequence kept in a table. */
#define PROBES 32
/* A kept text's 3-word sequences, at most (a longer one is not compared
 * for polarity). */
#define MAX_TRI 8192

/* Negations, spelt out as "<aux> not" or "not <positive>", so that "do not
 * use", "don't use" and "dont use" are one, and "disagree" is "not agree";
 * "no" is "not" ("I have no concerns about ..."). */
static const char *const NEG[][3] = {
	{"not", NULL, NULL}, {"never", NULL, NULL}, {"no", NULL, NULL},
	{"dont", "do", NULL}, {"doesnt", "does", NULL}, {"didnt", "did", NULL},
	{"cant", "can", NULL}, {"cannot", "can", NULL}, {"couldnt", "could", NULL},
	{"wont", "will", NULL}, {"wouldnt", "would", NULL}, {"shouldnt", "should", NULL},
	{"isnt", "is", NULL}, {"arent", "are", NULL}, {"wasnt", "was", NULL},
	{"werent", "were", NULL}, {"hasnt", "has", NULL}, {"havent", "have", NULL},
	{"hadnt", "had", NULL}, {"mustnt", "must", NULL},
	{"disagree", NULL, "agree"}, {"disapprove", NULL, "approve"}, {"dislike", NULL, "like"},
	{"oppose", NULL, "support"}, {"unhappy", NULL, "happy"},
};
#define NNEG (sizeof NEG / sizeof *NEG)

struct slot {
	uint64_t xh;        /* exact hash of the normalised words */
	char *id;           /* id NUL [first text NUL]: one allocation */
	uint32_t group;     /* campaign, or NONE */
	uint32_t xnext, xprev;
	unsigned char live, has_sig;
};

struct group {
	char *first;        /* id NUL first text NUL */
	unsigned long size, exact, near;
	uint64_t seq;       /* order of creation */
	uint32_t refs;      /* slots naming this group; 0: free */
};

struct bucket {
	uint32_t head;      /* first slot of the chain, or NONE */
	uint32_t filter;    /* bits of every value linked in since the chain was empty */
};

struct vp_dedup {
	vp_dedup_opts o;
	vp_text *tx;
	vp_tokens toks;
	uint64_t *th;       /* hash of each word */
	size_t nw, thcap;   /* words in th */
	uint64_t probe_seed;  /* densification's probe sequences */
	unsigned char probe[NH][PROBES]; /* their first PROBES bins, for each bin */
	char simtext[NH + 1][8]; /* "%.2f" of k / NH */
	struct slot *slots;
	uint16_t *sigs;     /* max_items * NH: the low 16 bits of each value (two
	                     * different minima agree there once in 65,536) */
	uint32_t *stamps;   /* per slot: the last text compared with it */
	uint32_t *bnext, *bprev; /* max_items * NB */
	uint32_t *xheads;
	size_t xmask;
	struct bucket *bheads; /* NB tables of (bmask + 1) */
	size_t bmask;
	size_t ring;        /* next slot to take */
	uint32_t stamp;
	struct group *groups;
	size_t ngroups, gcap;
	uint32_t *gfree;
	size_t nfree, freecap;
	uint64_t gseq;
	uint32_t sig[NH];
	uint16_t sig16[NH]; /* sig as kept */
	/* polarity (see opposed): the current text's words with negations
	 * spelt out, its 3-word sequences and its negated sequences' keys */
	uint64_t neg_hash[NNEG][3]; /* each negation word's hash, aux, positive */
	uint64_t h_not, h_do, h_does, h_did, h_have, h_has, h_had;
	uint64_t *ch;
	unsigned char *chnot;
	size_t chcap, chnotcap;
	uint16_t *tri, *nkeys;
	size_t ntri, trilcap, nnkeys, nkcap;
	int pol_ready;
	size_t bidx[NB];    /* the bucket of each band of sig */
	uint32_t bbits[NB]; /* and its bits in the bucket's filter */
	vp_buf scratch, idbuf, app, rep, red; /* red: the report's text and id, redacted */
	int plain_field;
	const char *keys[4];      /* for the driver's fast path */
	int report_started;
	unsigned long records;
	unsigned long rejected; /* bad records the driver skipped (--skip-bad), for the report */
	vp_dedup_stats st;
};

void vp_dedup_opts_default(vp_dedup_opts *o)
{
	memset(o, 0, sizeof *o);
	o->max_items = 100000;
	o->threshold = 0.5;
	o->keep_below = 0.9;
	o->min_words = 15;
	o->shingle = 3;
	o->text_field = "text";
}

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static inline uint64_t fmix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 33);
}

static inline uint64_t rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

/* Bin i's t-th probe (t from 1) in densification. */
static unsigned probe_bin(const vp_dedup *d, unsigned i, uint64_t t)
{
	return (unsigned)(fmix64(d->probe_seed ^ (t << 8 | i)) >> 58);
}

static size_t pow2_at_least(size_t n)
{
	size_t p = 16;
	while (p < n)
		p <<= 1;
	return p;
}

int vp_dedup_open(vp_dedup **out, const vp_dedup_opts *o, vp_err *e)
{
	*out = NULL;
	if (o->max_items < 1 || o->max_items > VP_DEDUP_MAX_ITEMS)
		return vp_errf(e, EX_USAGE, "max items must be 1 to %u", VP_DEDUP_MAX_ITEMS);
	if (!(o->threshold > 0 && o->threshold <= 1))
		return vp_errf(e, EX_USAGE, "threshold must be more than 0 and at most 1");
	if (o->shingle < 1 || o->shingle > 8)
		return vp_errf(e, EX_USAGE, "shingle must be 1 to 8 words");
	if (o->min_words < 1)
		return vp_errf(e, EX_USAGE, "min words must be at least 1");
	vp_dedup *d = calloc(1, sizeof *d);
	if (!d)
		return vp_errf(e, EX_OSERR, "out of memory");
	d->o = *o;
	if (!d->o.text_field)
		d->o.text_field = "text";
	d->plain_field = vp_jscan_plain_name(d->o.text_field);
	vp_tokens init = VP_TOKENS_INIT;
	d->toks = init;
	size_t n = o->max_items;
	d->xmask = pow2_at_least(2 * n) - 1;
	d->bmask = pow2_at_least(n / 2) - 1;
	/* calloc: pages never touched (slots never used) cost no memory. */
	d->slots = calloc(n, sizeof *d->slots);
	d->sigs = calloc(n, sizeof(uint16_t) * NH);
	d->stamps = calloc(n, sizeof *d->stamps);
	d->bnext = calloc(n, sizeof(uint32_t) * NB);
	d->bprev = calloc(n, sizeof(uint32_t) * NB);
	d->xheads = malloc((d->xmask + 1) * sizeof *d->xheads);
	d->bheads = malloc((d->bmask + 1) * NB * sizeof *d->bheads);
	if (!d->slots || !d->sigs || !d->stamps || !d->bnext || !d->bprev || !d->xheads || !d->bheads) {
		vp_dedup_close(d);
		return vp_errf(e, EX_OSERR, "out of memory");
	}
	memset(d->xheads, 0xff, (d->xmask + 1) * sizeof *d->xheads);
	for (size_t i = 0; i < (d->bmask + 1) * NB; i++)
		d->bheads[i] = (struct bucket){NONE, 0};
	/* Fixed seeds: the same input gives the same signatures, always. */
	uint64_t seed = 0x766f78706f702d64ULL; /* "voxpop-d" */
	d->probe_seed = splitmix(&seed);
	for (unsigned i = 0; i < NH; i++)
		for (uint64_t t = 1; t <= PROBES; t++)
			d->probe[i][t - 1] = probe_bin(d, i, t);
	for (int k = 0; k <= NH; k++)
		snprintf(d->simtext[k], sizeof d->simtext[k], "%.2f", (double)k / NH);
	for (size_t k = 0; k < NNEG; k++)
		for (int j = 0; j < 3; j++)
			d->neg_hash[k][j] = NEG[k][j] ? vp_hash64(NEG[k][j], strlen(NEG[k][j])) : 0;
	d->h_not = vp_hash64("not", 3);
	d->h_do = vp_hash64("do", 2);
	d->h_does = vp_hash64("does", 4);
	d->h_did = vp_hash64("did", 3);
	d->h_have = vp_hash64("have", 4);
	d->h_has = vp_hash64("has", 3);
	d->h_had = vp_hash64("had", 3);
	int rc = vp_text_open(&d->tx, "english", e);
	if (rc) {
		vp_dedup_close(d);
		return rc;
	}
	*out = d;
	return 0;
}

void vp_dedup_close(vp_dedup *d)
{
	if (!d)
		return;
	if (d->slots)
		for (size_t i = 0; i < d->o.max_items; i++)
			free(d->slots[i].id);
	for (size_t g = 0; g < d->ngroups; g++)
		free(d->groups[g].first);
	free(d->slots);
	free(d->sigs);
	free(d->stamps);
	free(d->bnext);
	free(d->bprev);
	free(d->xheads);
	free(d->bheads);
	free(d->groups);
	free(d->gfree);
	free(d->th);
	free(d->ch);
	free(d->chnot);
	free(d->tri);
	free(d->nkeys);
	vp_tokens_free(&d->toks);
	vp_buf_free(&d->scratch);
	vp_buf_free(&d->idbuf);
	vp_buf_free(&d->app);
	vp_buf_free(&d->rep);
	vp_buf_free(&d->red);
	if (d->tx)
		vp_text_close(d->tx);
	free(d);
}

void vp_dedup_stats_get(const vp_dedup *d, vp_dedup_stats *st)
{
	*st = d->st;
	st->records = d->records;
}

/* ---- signatures ---- */

/* Scripts written without spaces between words (Han, Hiragana, Katakana,
 * Thai, Lao, Khmer, Myanmar): the tokeniser gives a whole clause as one
 * word, so each of their characters counts as a word here. */
static int unspaced(uint32_t c)
{
	return (c >= 0x0E00 && c <= 0x0EFF) || (c >= 0x1000 && c <= 0x109F) ||
	       (c >= 0x1780 && c <= 0x17FF) || (c >= 0x3040 && c <= 0x30FF) ||
	       (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

/* One word's hash into d->th[d->nw]. */
static int push_word(vp_dedup *d, const char *w, size_t n)
{
	if (d->nw >= d->thcap && vp_grow(&d->th, &d->thcap, d->nw + 1, sizeof *d->th))
		return -1;
	d->th[d->nw++] = vp_hash64(w, n);
	return 0;
}

/* Tokenise text and hash its words into d->th (d->nw of them: a character
 * of an unspaced script is a word of its own); returns 0 or an EX_* code. */
static int words(vp_dedup *d, const char *text, size_t n, vp_err *e)
{
	vp_tokens_clear(&d->toks);
	/* symbols are punctuation here: an emoji, a currency sign or an
	 * emoticon makes no text new ("Nothing to add <thumbs up>") */
	int rc = vp_text_tokenise(d->tx, text, n, VP_TEXT_NOSTEM | VP_TEXT_NOSYMBOL, &d->toks, e);
	if (rc)
		return rc;
	d->nw = 0;
	d->pol_ready = 0;
	for (size_t i = 0; i < d->toks.n; i++) {
		const unsigned char *w = (const unsigned char *)vp_token(&d->toks, i);
		size_t len = d->toks.len[i], k = 0;
		while (k < len && w[k] < 0xE0) /* every unspaced script is 3 or 4 bytes */
			k++;
		if (k == len) {
			if (push_word(d, (const char *)w, len))
				return vp_errf(e, EX_OSERR, "out of memory");
			continue;
		}
		size_t run = 0; /* start of the run of other characters */
		for (k = 0; k < len;) {
			utf8proc_int32_t c;
			utf8proc_ssize_t got = utf8proc_iterate(w + k, (utf8proc_ssize_t)(len - k), &c);
			size_t cl = got > 0 ? (size_t)got : 1; /* the tokeniser's output is valid */
			if (got > 0 && unspaced((uint32_t)c)) {
				if ((k > run && push_word(d, (const char *)w + run, k - run)) ||
				    push_word(d, (const char *)w + k, cl))
					return vp_errf(e, EX_OSERR, "out of memory");
				run = k + cl;
			}
			k += cl;
		}
		if (len > run && push_word(d, (const char *)w + run, len - run))
			return vp_errf(e, EX_OSERR, "out of memory");
	}
	return 0;
}

static uint64_t exact_hash(const vp_dedup *d)
{
	uint64_t h = 0x6578616374ULL ^ d->nw;
	for (size_t i = 0; i < d->nw; i++)
		h = (rotl(h, 27) ^ d->th[i]) * 0x9E3779B97F4A7C15ULL;
	return fmix64(h);
}

/* One-permutation MinHash with optimal densification (Shrivastava, ICML
 * 2017): each shingle is hashed once; the top 6 bits of the hash choose one
 * of the 64 bins and the low 32 bits compete for that bin's minimum.  An
 * empty bin (a text has fewer shingles than bins, or they fell unevenly)
 * takes the value of the first filled bin on its own fixed pseudo-random
 * probe sequence, so that two texts agree in a bin with probability equal
 * to the Jaccard similarity of their shingle sets, as with 64 separate
 * hash functions -- at a 64th of the cost. */
static void signature(const vp_dedup *d, uint32_t *sig)
{
	size_t nw = d->nw, k = d->o.shingle;
	uint64_t filled = 0;
	for (int i = 0; i < NH; i++)
		sig[i] = UINT32_MAX;
	size_t nsh = nw >= k ? nw - k + 1 : 1;
	if (nw < k)
		k = nw;
	for (size_t j = 0; j < nsh; j++) {
		uint64_t h = d->th[j];
		for (size_t m = 1; m < k; m++)
			h = (rotl(h, 23) ^ d->th[j + m]) * 0x9E3779B97F4A7C15ULL;
		h = fmix64(h);
		unsigned bin = (unsigned)(h >> 58);
		uint32_t v = (uint32_t)h;
		filled |= 1ULL << bin;
		sig[bin] = v < sig[bin] ? v : sig[bin];
	}
	if (filled == UINT64_MAX || !filled)
		return;
	uint32_t dense[NH];
	for (unsigned i = 0; i < NH; i++) {
		dense[i] = sig[i];
		if (filled >> i & 1)
			continue;
		for (uint64_t t = 1;; t++) {
			unsigned b = t <= PROBES ? d->probe[i][t - 1] : probe_bin(d, i, t);
			if (filled >> b & 1) {
				dense[i] = sig[b];
				break;
			}
		}
	}
	memcpy(sig, dense, sizeof dense);
}

long vp_dedup_signature(vp_dedup *d, const char *text, size_t n, uint32_t *sig, vp_err *e)
{
	if (words(d, text, n, e))
		return -1;
	signature(d, sig);
	return (long)d->nw;
}

double vp_dedup_similarity(const uint32_t *a, const uint32_t *b)
{
	int same = 0;
	for (int i = 0; i < NH; i++)
		same += a[i] == b[i];
	return (double)same / NH;
}

/* The bucket of band's rows of sig; *bits: the value's two bits in the
 * bucket filter (from the top 10 hash bits; bmask has at most 23). */
static inline size_t band_bucket(const vp_dedup *d, const uint16_t *sig, int band, uint32_t *bits)
{
	uint64_t h = (uint64_t)band * 0x9E3779B97F4A7C15ULL;
	for (int r = 0; r < NR; r++)
		h = (rotl(h, 29) ^ sig[band * NR + r]) * 0xff51afd7ed558ccdULL;
	h = fmix64(h);
	*bits = 1u << (h >> 59) | 1u << (h >> 54 & 31);
	return (size_t)band * (d->bmask + 1) + (h & d->bmask);
}

static inline double similarity16(const uint16_t *a, const uint16_t *b)
{
	int same = 0;
	for (int i = 0; i < NH; i++)
		same += a[i] == b[i];
	return (double)same / NH;
}

/* ---- polarity ---- */

/* The opposite view in almost the same words ("I do not support the
 * proposal to close ..." after "I support the proposal to close ...") has
 * most of its shingles in common with it, but is no copy.  Each text's
 * words are read with its negations spelt out (NEG); a negation's key is
 * the 3-word sequence its removal leaves ("i support the" for "i do not
 * support the": a "do" before "not" goes with it), and after "have not had"
 * also the one left without "had" ("i have never had concerns about" says
 * the opposite of "i have concerns about").  Two texts are opposed
 * when one's key is a sequence of the other that the other does not negate
 * too.  A copy that drops or adds a sentence holding a negation is not
 * opposed: the sequence left is in neither text.  Kept per slot: every
 * 3-word sequence and every key, as sorted 16-bit hashes. */

static inline uint16_t tri_hash(uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t h = (rotl(a, 17) ^ b) * 0x9E3779B97F4A7C15ULL;
	h = (rotl(h, 29) ^ c) * 0xff51afd7ed558ccdULL;
	return (uint16_t)(fmix64(h) >> 48);
}

static int cmp_u16(const void *a, const void *b)
{
	uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;
	return (x > y) - (x < y);
}

/* Sort and make unique; the new length. */
static size_t sort_unique(uint16_t *v, size_t n)
{
	if (n < 2)
		return n;
	qsort(v, n, sizeof *v, cmp_u16);
	size_t m = 1;
	for (size_t i = 1; i < n; i++)
		if (v[i] != v[m - 1])
			v[m++] = v[i];
	return m;
}

static int has_u16(const uint16_t *v, size_t n, uint16_t x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo] == x;
}

/* d->tri and d->nkeys for the current text (once per text). */
static int polarity(vp_dedup *d, vp_err *e)
{
	if (d->pol_ready)
		return 0;
	size_t n = d->nw, m = 0;
	if (vp_grow(&d->ch, &d->chcap, 2 * n + 1, sizeof *d->ch) ||
	    vp_grow(&d->chnot, &d->chnotcap, 2 * n + 1, 1))
		return vp_errf(e, EX_OSERR, "out of memory");
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		while (k < NNEG && d->neg_hash[k][0] != d->th[i])
			k++;
		if (k == NNEG) {
			d->ch[m] = d->th[i];
			d->chnot[m++] = 0;
			continue;
		}
		if (d->neg_hash[k][1]) {
			d->ch[m] = d->neg_hash[k][1];
			d->chnot[m++] = 0;
		}
		d->ch[m] = d->h_not;
		d->chnot[m++] = 1;
		if (d->neg_hash[k][2]) {
			d->ch[m] = d->neg_hash[k][2];
			d->chnot[m++] = 0;
		}
	}
	size_t nt = m >= 3 ? m - 2 : 0, nk = 0;
	if (nt > MAX_TRI)
		nt = 0; /* too long to keep: never found opposed */
	if (vp_grow(&d->tri, &d->trilcap, nt + 1, sizeof *d->tri) ||
	    vp_grow(&d->nkeys, &d->nkcap, 2 * m + 1, sizeof *d->nkeys))
		return vp_errf(e, EX_OSERR, "out of memory");
	for (size_t i = 0; i < nt; i++)
		d->tri[i] = tri_hash(d->ch[i], d->ch[i + 1], d->ch[i + 2]);
	for (size_t k = 1; nt && k + 2 < m; k++) {
		if (!d->chnot[k] || d->chnot[k + 1] || d->chnot[k + 2])
			continue;
		size_t j = k - 1;
		if (d->ch[j] == d->h_do || d->ch[j] == d->h_does || d->ch[j] == d->h_did) {
			if (j == 0)
				continue;
			j--;
		}
		if (d->chnot[j])
			continue;
		d->nkeys[nk++] = tri_hash(d->ch[j], d->ch[k + 1], d->ch[k + 2]);
		int have = d->ch[j] == d->h_have || d->ch[j] == d->h_has || d->ch[j] == d->h_had;
		if (have && d->ch[k + 1] == d->h_had && k + 3 < m && !d->chnot[k + 3])
			d->nkeys[nk++] = tri_hash(d->ch[j], d->ch[k + 2], d->ch[k + 3]);
	}
	d->ntri = sort_unique(d->tri, nt);
	d->nnkeys = sort_unique(d->nkeys, nk);
	d->pol_ready = 1;
	return 0;
}

/* The bytes polarity keeps in a slot after its id and text. */
static size_t polarity_size(const vp_dedup *d)
{
	return 2 * sizeof(uint16_t) + (d->ntri + d->nnkeys) * sizeof(uint16_t);
}

static void polarity_put(const vp_dedup *d, char *p)
{
	uint16_t nt = (uint16_t)d->ntri, nk = (uint16_t)d->nnkeys;
	memcpy(p, &nt, sizeof nt);
	memcpy(p + 2, &nk, sizeof nk);
	memcpy(p + 4, d->tri, d->ntri * sizeof *d->tri);
	memcpy(p + 4 + d->ntri * 2, d->nkeys, d->nnkeys * sizeof *d->nkeys);
}

/* In p's (unaligned) list of n sorted values. */
static int has_at(const char *p, size_t n, uint16_t x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint16_t v;
		memcpy(&v, p + 2 * mid, 2);
		if (v < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == n)
		return 0;
	uint16_t v;
	memcpy(&v, p + 2 * lo, 2);
	return v == x;
}

/* Is the current text (polarity done) opposed to the text kept in slot s? */
static int opposed(const vp_dedup *d, uint32_t s)
{
	const char *p = d->slots[s].id;
	p += strlen(p) + 1;
	p += strlen(p) + 1;
	uint16_t nt, nk;
	memcpy(&nt, p, 2);
	memcpy(&nk, p + 2, 2);
	const char *tri = p + 4, *keys = tri + 2 * (size_t)nt;
	if (!nt || !d->ntri)
		return 0;
	for (size_t i = 0; i < d->nnkeys; i++)
		if (has_at(tri, nt, d->nkeys[i]) && !has_at(keys, nk, d->nkeys[i]))
			return 1;
	for (size_t i = 0; i < nk; i++) {
		uint16_t k;
		memcpy(&k, keys + 2 * i, 2);
		if (has_u16(d->tri, d->ntri, k) && !has_u16(d->nkeys, d->nnkeys, k))
			return 1;
	}
	return 0;
}

/* ---- campaigns and the report ---- */

/* "FILE: write error: reason" for the report just failed to write. */
static int report_error(const vp_dedup *d, vp_err *e)
{
	return vp_errf(e, EX_IOERR, "%s: write error: %s",
	               d->o.report_name ? d->o.report_name : "report", strerror(errno ? errno : EIO));
}

static int report_group(vp_dedup *d, const struct group *g, vp_err *e)
{
	if (!d->o.report)
		return 0;
	vp_buf *b = &d->rep;
	vp_buf_clear(b);
	const char *id = g->first, *text = id + strlen(id) + 1;
	/* the report is read by people: the id and text as vp-redact would
	 * write them (the records are left as they came) */
	vp_buf *r = &d->red;
	vp_buf_clear(r);
	if (vp_buf_puts(b, d->report_started ? ",\n" : "{\"campaigns\":[\n") ||
	    vp_buf_puts(b, "{\"id\":") || vp_redact_with(d->o.given_names, id, strlen(id), r) ||
	    vp_json_str(b, r->data ? r->data : "", r->len) ||
	    vp_buf_printf(b, ",\"size\":%lu,\"exact\":%lu,\"near\":%lu,\"first_text\":", g->size,
	                  g->exact, g->near) ||
	    (vp_buf_clear(r), vp_redact_with(d->o.given_names, text, strlen(text), r)) ||
	    vp_json_str(b, r->data ? r->data : "", r->len) || vp_buf_putc(b, '}'))
		return vp_errf(e, EX_OSERR, "out of memory");
	d->report_started = 1;
	errno = 0;
	if (fwrite(b->data, 1, b->len, d->o.report) != b->len)
		return report_error(d, e);
	return 0;
}

static int group_release(vp_dedup *d, uint32_t gi, vp_err *e)
{
	struct group *g = &d->groups[gi];
	if (--g->refs)
		return 0;
	int rc = report_group(d, g, e);
	free(g->first);
	g->first = NULL;
	if (rc)
		return rc;
	if (d->nfree >= d->freecap && vp_grow(&d->gfree, &d->freecap, d->nfree + 1, sizeof *d->gfree))
		return vp_errf(e, EX_OSERR, "out of memory");
	d->gfree[d->nfree++] = gi;
	return 0;
}

/* The campaign of slot s, started (with s as its first record) if none. */
static int group_of(vp_dedup *d, uint32_t s, uint32_t *out, vp_err *e)
{
	struct slot *sl = &d->slots[s];
	if (sl->group != NONE) {
		*out = sl->group;
		return 0;
	}
	uint32_t gi;
	if (d->nfree) {
		gi = d->gfree[--d->nfree];
	} else {
		if (d->ngroups >= d->gcap && vp_grow(&d->groups, &d->gcap, d->ngroups + 1, sizeof *d->groups))
			return vp_errf(e, EX_OSERR, "out of memory");
		gi = (uint32_t)d->ngroups++;
	}
	struct group *g = &d->groups[gi];
	size_t idn = strlen(sl->id), tn = strlen(sl->id + idn + 1);
	g->first = malloc(idn + tn + 2);
	if (!g->first) {
		g->refs = 0;
		if (d->nfree < d->freecap)
			d->gfree[d->nfree++] = gi;
		else
			d->ngroups--; /* it was the last one, just added */
		return vp_errf(e, EX_OSERR, "out of memory");
	}
	memcpy(g->first, sl->id, idn + tn + 2);
	g->size = 1;
	g->exact = g->near = 0;
	g->seq = d->gseq++;
	g->refs = 1;
	sl->group = gi;
	d->st.campaigns++;
	d->st.campaign_records++;
	*out = gi;
	return 0;
}

/* ---- slots ---- */

static void unlink_x(vp_dedup *d, uint32_t s)
{
	struct slot *sl = &d->slots[s];
	if (sl->xprev != NONE)
		d->slots[sl->xprev].xnext = sl->xnext;
	else
		d->xheads[sl->xh & d->xmask] = sl->xnext;
	if (sl->xnext != NONE)
		d->slots[sl->xnext].xprev = sl->xprev;
}

static void unlink_bands(vp_dedup *d, uint32_t s)
{
	const uint16_t *sig = d->sigs + (size_t)s * NH;
	for (int b = 0; b < NB; b++) {
		uint32_t nx = d->bnext[(size_t)s * NB + b], pv = d->bprev[(size_t)s * NB + b];
		if (pv != NONE) {
			d->bnext[(size_t)pv * NB + b] = nx;
		} else {
			uint32_t bits;
			struct bucket *bk = &d->bheads[band_bucket(d, sig, b, &bits)];
			bk->head = nx;
			if (nx == NONE)
				bk->filter = 0; /* empty: forget the values */
		}
		if (nx != NONE)
			d->bprev[(size_t)nx * NB + b] = pv;
	}
}

static int evict(vp_dedup *d, uint32_t s, vp_err *e)
{
	struct slot *sl = &d->slots[s];
	unlink_x(d, s);
	if (sl->has_sig)
		unlink_bands(d, s);
	free(sl->id);
	sl->id = NULL;
	sl->live = 0;
	d->st.evicted++;
	d->st.slots_used--;
	if (sl->group == NONE)
		return 0;
	if (d->groups[sl->group].refs == 1)
		d->st.campaigns_forgotten++;
	return group_release(d, sl->group, e);
}

/* Where to cut a text kept in part (the report's first_text) that goes on
 * past t[tn]: at a word's end, never inside a word or a UTF-8 sequence,
 * and before the words with a digit or an @ that end the part, which the
 * cut may have split (`943 476 59|19`, `07700 9|00123`: a part no
 * detector would know at report time, and still personal). */
static size_t cut_at_word(const char *t, size_t tn)
{
	size_t k = tn;
	if (!vp_is_space((unsigned char)t[k]))
		while (k > 0 && !vp_is_space((unsigned char)t[k - 1]))
			k--;
	for (;;) {
		while (k > 0 && vp_is_space((unsigned char)t[k - 1]))
			k--;
		size_t w = k;
		int data = 0;
		while (w > 0 && !vp_is_space((unsigned char)t[w - 1])) {
			w--;
			data |= (t[w] >= '0' && t[w] <= '9') || t[w] == '@';
		}
		if (w == k || !data)
			return k;
		k = w;
	}
}

/* Keep the current text in the next slot: exact hash xh, signature d->sig
 * when with_sig (then the text's first bytes are kept too; find_near must
 * have run on d->sig, which leaves its band buckets in d->bidx), campaign
 * gi. */
static int keep(vp_dedup *d, uint64_t xh, const char *id, size_t idlen, const char *text,
                size_t n, int with_sig, uint32_t gi, vp_err *e)
{
	uint32_t s = (uint32_t)d->ring;
	d->ring = (d->ring + 1) % d->o.max_items;
	struct slot *sl = &d->slots[s];
	/* the campaign's reference first, so that reusing the slot cannot end it */
	if (gi != NONE)
		d->groups[gi].refs++;
	if (sl->live) {
		int rc = evict(d, s, e);
		if (rc) {
			if (gi != NONE)
				d->groups[gi].refs--;
			return rc;
		}
	}
	size_t tn = 0;
	if (with_sig) {
		tn = n < VP_DEDUP_FIRST_TEXT ? n : VP_DEDUP_FIRST_TEXT;
		/* nor with a NUL in it (a JSON string may hold \u0000) */
		const char *z = memchr(text, '\0', tn);
		if (z)
			tn = (size_t)(z - text);
		if (tn < n)
			tn = cut_at_word(text, tn);
	}
	size_t pn = with_sig ? polarity_size(d) : 0;
	sl->id = malloc(idlen + tn + 2 + pn);
	if (!sl->id) {
		sl->group = NONE;
		return gi != NONE ? (group_release(d, gi, e), vp_errf(e, EX_OSERR, "out of memory"))
		                  : vp_errf(e, EX_OSERR, "out of memory");
	}
	memcpy(sl->id, id, idlen);
	sl->id[idlen] = '\0';
	memcpy(sl->id + idlen + 1, text, tn);
	sl->id[idlen + 1 + tn] = '\0';
	if (with_sig)
		polarity_put(d, sl->id + idlen + tn + 2);
	sl->xh = xh;
	sl->live = 1;
	sl->has_sig = (unsigned char)with_sig;
	d->stamps[s] = 0;
	sl->group = gi;
	uint32_t *head = &d->xheads[xh & d->xmask];
	sl->xprev = NONE;
	sl->xnext = *head;
	if (*head != NONE)
		d->slots[*head].xprev = s;
	*head = s;
	if (with_sig) {
		memcpy(d->sigs + (size_t)s * NH, d->sig16, sizeof d->sig16);
		for (int b = 0; b < NB; b++) { /* find_near computed the buckets */
			struct bucket *bk = &d->bheads[d->bidx[b]];
			uint32_t *bh = &bk->head;
			bk->filter |= d->bbits[b];
			d->bprev[(size_t)s * NB + b] = NONE;
			d->bnext[(size_t)s * NB + b] = *bh;
			if (*bh != NONE)
				d->bprev[(size_t)*bh * NB + b] = s;
			*bh = s;
		}
	}
	d->st.slots_used++;
	return 0;
}

static uint32_t find_exact(const vp_dedup *d, uint64_t xh)
{
	for (uint32_t s = d->xheads[xh & d->xmask]; s != NONE; s = d->slots[s].xnext)
		if (d->slots[s].xh == xh)
			return s;
	return NONE;
}

/* d->sig16's bucket in every band (d->bidx, d->bbits), fetched together
 * rather than one miss after another. */
static void band_buckets(vp_dedup *d)
{
	for (int b = 0; b < NB; b++) {
		d->bidx[b] = band_bucket(d, d->sig16, b, &d->bbits[b]);
		__builtin_prefetch(&d->bheads[d->bidx[b]]);
	}
}

/* Slot s is in the older half of the ring: fewer than max_items / 2 new
 * slots will be taken before it is reused. */
static int slot_is_old(const vp_dedup *d, uint32_t s)
{
	size_t max = d->o.max_items;
	return (s + max - d->ring) % max * 2 < max;
}

/* The current text's signature into d->sig and d->sig16. */
static void sign(vp_dedup *d)
{
	signature(d, d->sig);
	for (int i = 0; i < NH; i++)
		d->sig16[i] = (uint16_t)d->sig[i];
}

/* The kept text most similar to d->sig among the LSH candidates. */
static uint32_t find_near(vp_dedup *d, double *best_sim)
{
	if (++d->stamp == 0) { /* wrapped: forget every stamp */
		for (size_t i = 0; i < d->o.max_items; i++)
			d->stamps[i] = 0;
		d->stamp = 1;
	}
	band_buckets(d);
	uint32_t best = NONE;
	double bs = -1;
	int compared = 0, limit = MAX_CANDIDATES;
	for (int b = 0; b < NB && compared < limit; b++) {
		const uint16_t *band = d->sig16 + b * NR;
		const struct bucket *bk = &d->bheads[d->bidx[b]];
		if ((bk->filter & d->bbits[b]) != d->bbits[b])
			continue; /* no entry has this band's value */
		for (uint32_t c = bk->head;
		     c != NONE && compared < limit; c = d->bnext[(size_t)c * NB + b]) {
			const uint16_t *cs = d->sigs + (size_t)c * NH;
			if (d->stamps[c] == d->stamp || memcmp(cs + b * NR, band, sizeof *band * NR))
				continue;
			d->stamps[c] = d->stamp;
			compared++;
			double sim = similarity16(cs, d->sig16);
			if (sim > bs && sim >= d->o.threshold && opposed(d, c))
				continue; /* the opposite view: no copy */
			if (sim > bs) {
				bs = sim;
				best = c;
				if (sim >= d->o.keep_below)
					goto done; /* as good as the same text */
				/* a match: a few more tries for a better one */
				if (sim >= d->o.threshold && limit > compared + MATCH_MORE)
					limit = compared + MATCH_MORE;
			}
		}
	}
done:
	d->st.candidates += (unsigned long)compared;
	*best_sim = bs;
	return best;
}

int vp_dedup_add(vp_dedup *d, const char *id, size_t idlen, const char *text, size_t n,
                 vp_dedup_match *m, vp_err *e)
{
	memset(m, 0, sizeof *m);
	/* an id names a record: one holding a NUL is refused, never cut there */
	if (memchr(id, '\0', idlen))
		return vp_errf(e, EX_DATAERR, "\"id\" contains a NUL character (\\u0000)");
	int rc = words(d, text, n, e);
	if (rc)
		return rc;
	d->st.texts++;
	size_t nw = d->nw;
	m->words = nw;
	if (nw == 0)
		return 0;
	int campaign_length = nw >= d->o.min_words;
	uint64_t xh = exact_hash(d);
	uint32_t s = find_exact(d, xh);
	if (s != NONE) {
		m->kind = VP_DEDUP_EXACT;
		m->similarity = 1;
		d->st.exact++;
		if (!d->slots[s].has_sig) { /* a short answer: never a campaign */
			d->st.short_exact++;
			m->first = d->slots[s].id;
			return 0;
		}
		uint32_t gi;
		if ((rc = group_of(d, s, &gi, e)))
			return rc;
		struct group *g = &d->groups[gi];
		g->size++;
		g->exact++;
		d->st.campaign_records++;
		m->first = g->first;
		m->campaign = 1;
		m->size = g->size;
		/* a copy takes no slot, so a campaign still receiving copies would
		 * be forgotten max_items new texts after its example was kept: one
		 * in the older half of the ring is renewed by this copy */
		if (!slot_is_old(d, s))
			return 0;
		if ((rc = polarity(d, e)))
			return rc;
		sign(d);
		band_buckets(d);
		return keep(d, xh, id, idlen, text, n, 1, gi, e);
	}
	if (!campaign_length)
		return keep(d, xh, id, idlen, text, n, 0, NONE, e);
	if ((rc = polarity(d, e)))
		return rc;
	sign(d);
	double sim;
	s = find_near(d, &sim);
	if (s == NONE || sim < d->o.threshold)
		return keep(d, xh, id, idlen, text, n, 1, NONE, e);
	uint32_t gi;
	if ((rc = group_of(d, s, &gi, e)))
		return rc;
	struct group *g = &d->groups[gi];
	g->size++;
	g->near++;
	d->st.near++;
	d->st.campaign_records++;
	m->kind = VP_DEDUP_NEAR;
	m->similarity = sim;
	m->campaign = 1;
	m->size = g->size;
	/* keep a copy that differs enough as a further example of its campaign,
	 * or that renews an example about to be forgotten (as above) */
	m->first = g->first;
	if (sim < d->o.keep_below || slot_is_old(d, s))
		return keep(d, xh, id, idlen, text, n, 1, gi, e);
	return 0;
}

/* ---- the end of the report ---- */

static int by_seq(const void *a, const void *b)
{
	const struct group *x = *(struct group *const *)a, *y = *(struct group *const *)b;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int vp_dedup_finish(vp_dedup *d, vp_err *e)
{
	if (!d->o.report)
		return 0;
	size_t live = 0;
	for (size_t i = 0; i < d->ngroups; i++)
		live += d->groups[i].refs > 0;
	struct group **order = malloc((live ? live : 1) * sizeof *order);
	if (!order)
		return vp_errf(e, EX_OSERR, "out of memory");
	live = 0;
	for (size_t i = 0; i < d->ngroups; i++)
		if (d->groups[i].refs)
			order[live++] = &d->groups[i];
	qsort(order, live, sizeof *order, by_seq);
	int rc = 0;
	for (size_t i = 0; i < live && !rc; i++)
		rc = report_group(d, order[i], e);
	free(order);
	if (rc)
		return rc;
	const vp_dedup_stats *st = &d->st;
	errno = 0;
	if (fprintf(d->o.report,
	            "%s],\"records\":%lu,\"rejected\":%lu,\"texts\":%lu,\"campaign_count\":%lu,"
	            "\"campaign_records\":%lu,\"exact\":%lu,\"near\":%lu,\"short_exact\":%lu,"
	            "\"evicted\":%lu,\"campaigns_forgotten\":%lu,\"max_items\":%zu,\"threshold\":%g,"
	            "\"min_words\":%u}\n",
	            d->report_started ? "\n" : "{\"campaigns\":[", d->records ? d->records : st->texts,
	            d->rejected, st->texts, st->campaigns, st->campaign_records, st->exact, st->near,
	            st->short_exact, st->evicted, st->campaigns_forgotten, d->o.max_items, d->o.threshold,
	            d->o.min_words) < 0 ||
	    fflush(d->o.report) != 0 || ferror(d->o.report))
		return report_error(d, e);
	return 0;
}

/* ---- one record ---- */

/* The members to append for match m (nothing when not a duplicate), after
 * "id": newid when not NULL (the name given to a record without one). */
static int members(vp_dedup *d, const vp_dedup_match *m, const char *newid, vp_err *e)
{
	vp_buf *b = &d->app;
	vp_buf_clear(b);
	if (newid && (vp_buf_puts(b, "\"id\":") || vp_json_str(b, newid, strlen(newid)) ||
	              (m->kind != VP_DEDUP_NEW && vp_buf_putc(b, ','))))
		return vp_errf(e, EX_OSERR, "out of memory");
	if (m->kind == VP_DEDUP_NEW)
		return 0;
	size_t fl = strlen(m->first);
	int bad = vp_buf_puts(b, "\"duplicate_of\":") || vp_json_str(b, m->first, fl);
	if (!bad && m->campaign) {
		/* as ",\"size\":%zu,\"match\":\"%s\",\"similarity\":%.2f}" writes it: the
		 * similarity is a count of equal values over NH (1 for exact) */
		char num[24], *p = num + sizeof num;
		size_t v = m->size;
		do
			*--p = (char)('0' + v % 10);
		while (v /= 10);
		double k = m->similarity * NH;
		bad = vp_buf_puts(b, ",\"campaign\":{\"id\":") || vp_json_str(b, m->first, fl) ||
		      vp_buf_puts(b, ",\"size\":") || vp_buf_append(b, p, (size_t)(num + sizeof num - p)) ||
		      vp_buf_puts(b, m->kind == VP_DEDUP_EXACT ? ",\"match\":\"exact\",\"similarity\":"
		                                               : ",\"match\":\"near\",\"similarity\":");
		if (!bad && k >= 0 && k <= NH && k == (double)(int)k)
			bad = vp_buf_puts(b, d->simtext[(int)k]) || vp_buf_putc(b, '}');
		else if (!bad)
			bad = vp_buf_printf(b, "%.2f}", m->similarity);
	}
	return bad ? vp_errf(e, EX_OSERR, "out of memory") : 0;
}

/* vp_dedup_add, with an invalid text made a rejected record. */
static int decide(vp_dedup *d, vp_filter *f, const char *id, size_t idlen, const char *text,
                  size_t n, vp_dedup_match *m, vp_err *e)
{
	int rc = vp_dedup_add(d, id, idlen, text, n, m, e);
	if (rc == EX_DATAERR) {
		char why[sizeof e->msg];
		memcpy(why, e->msg, sizeof why);
		d->records--; /* rejected, not read */
		rc = vp_filter_reject(f, e, why);
		return rc ? rc : -1;
	}
	return rc;
}

/* A record the scanner is unsure of, or with fields of ours already:
 * parsed by the driver (jansson). */
static int dedup_record(void *ctx, vp_filter *f, json_t *rec, vp_err *e)
{
	vp_dedup *d = ctx;
	int rc;
	json_t *text = json_object_get(rec, d->o.text_field);
	if (text && !json_is_null(text) && !json_is_string(text)) {
		char why[256];
		snprintf(why, sizeof why, "\"%s\" is not a string", d->o.text_field);
		return vp_filter_reject(f, e, why);
	}
	d->records++;
	vp_dedup_match m = {0};
	const char *newid = NULL;
	if (json_is_string(text)) { /* null: no text, as on the fast path */
		json_t *jid = json_object_get(rec, "id");
		vp_buf_clear(&d->idbuf);
		int bad;
		if (json_is_string(jid))
			bad = vp_buf_append(&d->idbuf, json_string_value(jid), json_string_length(jid));
		else if (json_is_integer(jid))
			bad = vp_buf_printf(&d->idbuf, "%" JSON_INTEGER_FORMAT, json_integer_value(jid));
		else if (jid) {
			char *s = json_dumps(jid, JSON_COMPACT | JSON_ENCODE_ANY);
			bad = !s || vp_buf_puts(&d->idbuf, s);
			free(s);
		} else {
			bad = vp_buf_printf(&d->idbuf, "record:%lu", d->records);
			newid = d->idbuf.data;
		}
		if (bad)
			return vp_errf(e, EX_OSERR, "out of memory");
		rc = decide(d, f, d->idbuf.data, d->idbuf.len, json_string_value(text),
		            json_string_length(text), &m, e);
		if (rc)
			return rc < 0 ? 0 : rc;
	}
	/* ours are replaced (or removed: not a duplicate this time); the rest
	 * as the bytes it came as, with ours appended as on the fast path */
	json_object_del(rec, "duplicate_of");
	json_object_del(rec, "campaign");
	rc = members(d, &m, newid, e);
	if (rc)
		return rc;
	return vp_filter_write_kept(f, rec, d->app.data, d->app.len, e);
}

static int is_number_start(char c)
{
	return c == '-' || (c >= '0' && c <= '9');
}

/* The fast path: v holds text, id, duplicate_of, campaign. */
static int dedup_scan(void *ctx, vp_filter *f, const vp_jspan *v, vp_err *e)
{
	vp_dedup *d = ctx;
	if ((v[0].p && v[0].p[0] != '"' && v[0].p[0] != 'n') ||
	    (v[1].p && v[1].p[0] != '"' && !is_number_start(v[1].p[0])))
		return VP_FILTER_FALLBACK;
	d->records++;
	vp_dedup_match m = {0};
	const char *newid = NULL;
	if (v[0].p && v[0].p[0] == '"') {
		const char *text, *id;
		size_t n, idlen;
		vp_buf_clear(&d->scratch);
		vp_buf_clear(&d->idbuf);
		if (vp_jscan_string(v[0], &d->scratch, &text, &n))
			return vp_errf(e, EX_OSERR, "out of memory");
		if (!v[1].p) {
			if (vp_buf_printf(&d->idbuf, "record:%lu", d->records))
				return vp_errf(e, EX_OSERR, "out of memory");
			id = newid = d->idbuf.data;
			idlen = d->idbuf.len;
		} else if (v[1].p[0] == '"') {
			if (vp_jscan_string(v[1], &d->idbuf, &id, &idlen))
				return vp_errf(e, EX_OSERR, "out of memory");
		} else { /* a number: as written */
			id = v[1].p;
			idlen = v[1].n;
		}
		int rc = decide(d, f, id, idlen, text, n, &m, e);
		if (rc)
			return rc < 0 ? 0 : rc;
	}
	int rc = members(d, &m, newid, e);
	if (rc)
		return rc;
	/* ours already there (a run again) removed, the new ones appended */
	return vp_filter_write_dropping(f, v + 2, 2, NULL, 0, d->app.data, d->app.len, e);
}

static int dedup_end(void *ctx, vp_filter *f, vp_err *e)
{
	vp_dedup *d = ctx;
	d->rejected = f->rejected;
	return vp_dedup_finish(d, e);
}

void vp_dedup_stage(vp_dedup *d, vp_filter_stage *st, const char *prog)
{
	d->keys[0] = d->o.text_field;
	d->keys[1] = "id";
	d->keys[2] = "duplicate_of";
	d->keys[3] = "campaign";
	/* a text field that needs escaping in JSON has no fast path */
	*st = (vp_filter_stage){prog, d->keys, d->plain_field ? 4 : 0,
	                        d->plain_field ? dedup_scan : NULL, dedup_record, dedup_end, 0,
	                        d->plain_field ? NULL : d->keys, d->plain_field ? 0 : 4, NULL};
}
