/* match.c - match a lexicon against tokens; see include/voxpop/lexicon.h */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon_impl.h"
#include "voxpop/str.h"
#include "voxpop/jsonw.h"

/* An entry that matched at tokens [start, end), with what the later steps
 * read of the entry (so they need not go back to it). */
struct raw_match {
	size_t start, end, entry, theme;
	int exclude;
};

/* ---- the per-token memo ----
 *
 * Tokens repeat a great deal (a vocabulary of a few thousand stems over
 * millions of tokens), so what the lexicon says about a token -- the
 * number of its word (lx_word_find: terms and pair keys are then compared
 * as numbers, not bytes), the chains of entries that can
 * start a match at it (keyed by its word, by its wildcard prefixes) and
 * whether its word begins some pair key -- is worked out once per distinct
 * token and kept, by the token's bytes, in the matcher (per thread, like
 * the matcher; the lexicon stays read-only).  The memo's own key hash
 * reads the token 8 bytes at a time, not byte by byte like FNV.  Bounded
 * like the stem cache (text.c): when full it is emptied in one go, and its
 * generation counts up, so the per-token references vp_match keeps (m->tm)
 * can tell they are stale.  Tokens longer than MEMO_MAXLEN, or empty, are
 * looked up in the index directly.
 *
 * Tokens the tokeniser gave with stem cache ids (vp_tokens.id, vp-run)
 * are found by id: byid[id] is the token's entry as of stamp, one load
 * instead of a hash, a probe and a compare of bytes.  The stamp changes
 * when the memo is emptied or the ids come from another cache or epoch
 * (then the old ones may name other words); ids from MEMO_IDS up are
 * looked up by their bytes. */
enum {
	MEMO_MAX = 8192,             /* distinct tokens held before a reset */
	MEMO_SLOTS = 2 * MEMO_MAX,   /* hash table: at most half full */
	MEMO_MAXLEN = 64,
	MEMO_KEYBYTES = MEMO_MAX * 16,
	MEMO_VALS = MEMO_MAX * 2,    /* chains held before a reset */
	MEMO_LEXICONS = 2,           /* vp-sentiment matches two lexicons by turns */
	MEMO_IDS = 1 << 16           /* byid's bound: the stem cache's default size */
};

struct memo_ent {
	uint32_t key;       /* the memo's hash of the token (vp_hash_short) */
	uint32_t wid;       /* its word's number in the lexicon, or LX_NOWORD */
	uint32_t off;       /* its bytes at keys + off */
	uint32_t val;       /* its chains: vals[val .. val + nval) */
	uint8_t len;        /* 1..MEMO_MAXLEN */
	uint8_t nval;       /* at most 1 + MEMO_MAXLEN */
	uint8_t word;       /* vals[val] is the chain keyed by the word itself */
	uint8_t pairhead;   /* the word begins some LX_PAIR key */
};

/* A stem cache id's memo entry, valid while stamp is the memo's idstamp */
struct memo_id {
	uint32_t ent, stamp;
};

struct memo {
	const vp_lexicon *lx;        /* whose links the chains are */
	uint64_t loaded_ns;          /* lx->loaded_ns: the same lexicon */
	uint32_t *slot;              /* MEMO_SLOTS: 1 + entry number, 0 = empty */
	struct memo_ent *ent;        /* MEMO_MAX */
	char *keys;                  /* MEMO_KEYBYTES */
	struct lx_run *vals;         /* MEMO_VALS */
	size_t n, nkeys, nvals;
	uint32_t gen;                /* resets so far */
	struct memo_id *byid;        /* capbyid of them, grown as ids come */
	size_t capbyid;
	uint32_t idstamp;            /* byid[id] is valid when its stamp is this */
	const vp_stemcache *idcache; /* the cache and epoch byid's ids are from */
	uint64_t idepoch;
};

/* A token's memo entry as of generation gen; ent = UINT32_MAX: not memoised */
struct tok_memo {
	uint32_t ent, gen;
};

struct vp_matcher {
	struct memo memo[MEMO_LEXICONS];
	size_t nextmemo;             /* the memo to take for a new lexicon */
	struct lx_run *chains;       /* chains of a token not memoised */
	size_t capchains;
	struct tok_memo *tm;         /* per token: its memo entry */
	size_t captm;
	struct raw_match *raw;       /* every entry that matched somewhere */
	size_t nraw, capraw;
	struct raw_match **cand;     /* exclusions, then theme matches not excluded */
	size_t capcand;
	size_t *ord;                 /* raw indices of the candidates, then the same
	                              * by length, longest first (2 * nraw) */
	size_t capord;
	size_t *taken;               /* per token: longest kept match covering it */
	size_t captaken;
	vp_theme_match *out;
	size_t nout, capout;
	uint32_t *wid;               /* per token: its word's number (lx_word_find),
	                              * then WID_PAD of LX_NOWORD (see try_chain_at) */
	size_t capwid;
	size_t *seen;                /* per text id: stamp of the last theme using it */
	size_t capseen, stamp;
	size_t *hits;                /* entries listed as hits of the current theme */
	size_t caphits;
	vp_theme_found *found;       /* vp_themes_found's answer */
	size_t capfound;
	int unsorted;                /* out is not yet in order (vp_match_ids without out) */
	uint64_t *themebits;         /* a bit per theme, all 0 between calls */
	size_t capthemebits;
	int logtaken;                /* keep lost[] (vp_matcher_log_taken) */
	size_t *taker;               /* per token: the raw match taken[] is of */
	size_t captaker;
	vp_taken_match *lost;        /* matches a longer one took words from */
	size_t nlost, caplost;
};


vp_matcher *vp_matcher_new(void)
{
	return calloc(1, sizeof(vp_matcher));
}

void vp_matcher_free(vp_matcher *m)
{
	if (!m)
		return;
	free(m->raw);
	free(m->cand);
	free(m->ord);
	free(m->taken);
	free(m->taker);
	free(m->lost);
	free(m->out);
	free(m->seen);
	free(m->hits);
	free(m->found);
	free(m->themebits);
	free(m->wid);
	free(m->chains);
	free(m->tm);
	for (size_t i = 0; i < MEMO_LEXICONS; i++) {
		free(m->memo[i].slot);
		free(m->memo[i].ent);
		free(m->memo[i].keys);
		free(m->memo[i].vals);
		free(m->memo[i].byid);
	}
	free(m);
}

void vp_matcher_log_taken(vp_matcher *m, int on)
{
	m->logtaken = on;
	m->nlost = 0;
}

size_t vp_matcher_taken(const vp_matcher *m, const vp_taken_match **out)
{
	*out = m->lost;
	return m->nlost;
}

/* The chains of entries that can start a match at token tok[0..len) with
 * hash th, into hd: the chain keyed by the word first (*word = 1 if there
 * is one), then those keyed by its wildcard prefixes, shortest first
 * (hashing each byte once); how many (at most 1 + min(len, lx->nplens)).
 * *pairhead, when pairhead is not NULL: does the word begin some LX_PAIR
 * key? */
static size_t token_chains(const vp_lexicon *lx, const char *tok, size_t len, uint32_t th,
                           struct lx_run *hd, int *word, int *pairhead)
{
	size_t nh = 0;
	uint32_t kh = lx_key_hash(LX_WORD, th, 0);
	size_t slot = lx_maybe(lx, kh) ? lx_index_find(lx, LX_WORD, kh, tok, len, NULL, 0) : LX_NONE;
	*word = slot != LX_NONE;
	if (slot != LX_NONE)
		hd[nh++] = lx->runs[slot];
	if (pairhead)
		*pairhead = lx_index_find(lx, LX_PAIRHEAD, lx_key_hash(LX_PAIRHEAD, th, 0), tok, len,
		                          NULL, 0) != LX_NONE;
	uint32_t h = VP_HASH_INIT;
	size_t hashed = 0;
	for (size_t p = 0; p < lx->nplens && lx->plens[p] <= len; p++) {
		h = vp_hash_more(h, tok + hashed, lx->plens[p] - hashed);
		hashed = lx->plens[p];
		kh = lx_key_hash(LX_PREFIX, h, 0);
		if (lx_maybe(lx, kh) &&
		    (slot = lx_index_find(lx, LX_PREFIX, kh, tok, hashed, NULL, 0)) != LX_NONE)
			hd[nh++] = lx->runs[slot];
	}
	return nh;
}

/* Every byid entry stale (stamp 0 is never current). */
static void memo_ids_forget(struct memo *mm)
{
	if (++mm->idstamp == 0) {
		if (mm->byid)
			memset(mm->byid, 0, mm->capbyid * sizeof *mm->byid);
		mm->idstamp = 1;
	}
}

static void memo_reset(struct memo *mm)
{
	memset(mm->slot, 0, MEMO_SLOTS * sizeof *mm->slot);
	mm->n = mm->nkeys = mm->nvals = 0;
	mm->gen++;
	memo_ids_forget(mm);
}

/* byid with room for id (< MEMO_IDS); 0, or -1 when out of memory (then
 * the token is found by its bytes). */
static int memo_ids_room(struct memo *mm, uint32_t id)
{
	if (id < mm->capbyid)
		return 0;
	size_t cap = mm->capbyid ? mm->capbyid : 1024;
	while (cap <= id)
		cap *= 2;
	struct memo_id *b = realloc(mm->byid, cap * sizeof *b);
	if (!b)
		return -1;
	memset(b + mm->capbyid, 0, (cap - mm->capbyid) * sizeof *b);
	mm->byid = b;
	mm->capbyid = cap;
	return 0;
}

/* The memo of lexicon lx: the one kept for it, or the next one in turn,
 * emptied; NULL when out of memory. */
static struct memo *memo_for(vp_matcher *m, const vp_lexicon *lx)
{
	for (size_t i = 0; i < MEMO_LEXICONS; i++)
		if (m->memo[i].lx == lx && m->memo[i].loaded_ns == lx->loaded_ns)
			return &m->memo[i];
	struct memo *mm = &m->memo[m->nextmemo];
	if (!mm->slot) {
		mm->slot = malloc(MEMO_SLOTS * sizeof *mm->slot);
		mm->ent = malloc(MEMO_MAX * sizeof *mm->ent);
		mm->keys = malloc(MEMO_KEYBYTES);
		mm->vals = malloc(MEMO_VALS * sizeof *mm->vals);
		if (!mm->slot || !mm->ent || !mm->keys || !mm->vals) {
			free(mm->slot);
			free(mm->ent);
			free(mm->keys);
			free(mm->vals);
			*mm = (struct memo){0};
			return NULL;
		}
	}
	m->nextmemo = (m->nextmemo + 1) % MEMO_LEXICONS;
	memo_reset(mm);
	mm->lx = lx;
	mm->loaded_ns = lx->loaded_ns;
	return mm;
}

/* memo_get's miss: add token tok[0..len) (hash key; slot i is the empty
 * one its probe ended on) and return its entry's number.  Kept out of line
 * (see memo_get). */
static __attribute__((noinline)) uint32_t memo_add(struct memo *mm, const vp_lexicon *lx,
                                                   const char *tok, size_t len, uint32_t key,
                                                   size_t i)
{
	if (mm->n == MEMO_MAX || mm->nkeys + len > MEMO_KEYBYTES ||
	    mm->nvals + 1 + len > MEMO_VALS) {
		memo_reset(mm);
		for (i = key & (MEMO_SLOTS - 1); mm->slot[i]; i = (i + 1) & (MEMO_SLOTS - 1))
			;
	}
	int word, pairhead;
	uint32_t th = vp_hash_bytes(tok, len);
	size_t nv = token_chains(lx, tok, len, th, mm->vals + mm->nvals, &word, &pairhead);
	mm->ent[mm->n] = (struct memo_ent){key, lx_word_find(lx, tok, len, th),
	                                   (uint32_t)mm->nkeys, (uint32_t)mm->nvals,
	                                   (uint8_t)len, (uint8_t)nv, (uint8_t)word,
	                                   (uint8_t)pairhead};
	memcpy(mm->keys + mm->nkeys, tok, len);
	mm->nkeys += len;
	mm->nvals += nv;
	mm->slot[i] = (uint32_t)++mm->n;
	return (uint32_t)(mm->n - 1);
}

/* The number of the memo entry of token tok[0..len) (1 <= len <=
 * MEMO_MAXLEN), made now if it is not there yet (which may empty the memo
 * first: mm->gen tells).  Inline, the miss in memo_add: nearly every token
 * is a hit (vp-tag looks up every token by its bytes), and as one function
 * with the miss the call saved and restored every register the miss uses
 * (vp-tag -4.4% instructions). */
static inline __attribute__((always_inline)) uint32_t
memo_get(struct memo *mm, const vp_lexicon *lx, const char *tok, size_t len)
{
	uint32_t key = vp_hash_short(tok, len);
	size_t i = key & (MEMO_SLOTS - 1);
	for (; mm->slot[i]; i = (i + 1) & (MEMO_SLOTS - 1)) {
		const struct memo_ent *me = &mm->ent[mm->slot[i] - 1];
		if (me->key == key && me->len == len && vp_same_bytes(mm->keys + me->off, tok, len))
			return mm->slot[i] - 1;
	}
	return memo_add(mm, lx, tok, len, key, i);
}

/* ---- matching ---- */

/* m->wid holds this many LX_NOWORD past the last token: a link's first
 * check reads a word up to VP_LEXICON_MAX_TERMS - 1 tokens on from the one
 * its chain is tried at, before its bounds are checked. */
enum { WID_PAD = VP_LEXICON_MAX_TERMS };

/* Does term t match token k?  wid[] holds the tokens' word numbers. */
static int term_matches(const vp_lexicon *lx, const struct lx_term *t, const char *const *tok,
                        const size_t *len, const uint32_t *wid, size_t k)
{
	switch (t->kind) {
	case LX_ANY:
		return 1;
	case LX_PREFIX:
		return len[k] >= t->len && vp_same_bytes(tok[k], lx->pool.data + t->off, t->len);
	default:
		return wid[k] == t->wid;
	}
}

/* Try every entry of chain c, whose key term is token i (and, for a
 * pair's chain, whose second term is token i + 1: the index compared both).
 * Inline for a word's and a pair's chain, met every few tokens (the call
 * was a fifth of its cost); try_chain for the rarer prefixes'. */
static inline __attribute__((always_inline)) int
try_chain_at(vp_matcher *m, const vp_lexicon *lx, struct lx_run c, const char *const *tok,
             const size_t *len, size_t n, size_t i)
{
	const struct lx_link *l = lx->links + c.link0, *end = l + c.nlinks;
	const uint32_t *wid = m->wid;
	for (; l < end; l++) {
		/* most links are turned away by their first word after the key
		 * (jq, token i + q: never before i, and at most WID_PAD past
		 * the last token, where no word is), so that is asked first;
		 * then whether the entry fits around token i */
		if (l->jq != LX_NOQUICK && wid[i + l->q] != l->wq)
			continue;
		size_t nt = l->nterms, lead = l->lead;
		if (lead > i || nt - lead > n - i)
			continue;
		size_t start = i - lead, j = l->j0;
		const struct lx_term *t = &lx->terms[l->term0];
		while (j < nt && term_matches(lx, &t[j], tok, len, m->wid, start + j))
			j++;
		if (j < nt)
			continue;
		if (vp_grow((void **)&m->raw, &m->capraw, m->nraw + 1, sizeof *m->raw))
			return -1;
		m->raw[m->nraw++] = (struct raw_match){start, start + nt, l->entry, l->theme,
		                                       l->exclude};
	}
	return 0;
}

static int try_chain(vp_matcher *m, const vp_lexicon *lx, struct lx_run c,
                     const char *const *tok, const size_t *len, size_t n, size_t i)
{
	return try_chain_at(m, lx, c, tok, len, n, i);
}

static int by_start(const void *a, const void *b)
{
	const struct raw_match *x = *(struct raw_match *const *)a, *y = *(struct raw_match *const *)b;
	return (x->start > y->start) - (x->start < y->start);
}

static int by_theme(const void *pa, const void *pb)
{
	const vp_theme_match *a = pa, *b = pb;
	if (a->theme != b->theme)
		return a->theme < b->theme ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return a->entry < b->entry ? -1 : a->entry > b->entry;
}

/* Sort a comment's few matches (n <= 32) as by_theme does, each packed
 * into one 64-bit key -- theme, start, length, entry, in that order of
 * significance (end follows start and length) -- so that the insertion
 * sort compares integers, not four fields through a call.  0 when a value
 * does not fit its bits (then qsort with by_theme). */
static int sort_packed(vp_theme_match *out, size_t n)
{
	uint64_t key[32];
	for (size_t i = 0; i < n; i++) {
		const vp_theme_match *t = &out[i];
		size_t len = t->end - t->start;
		if (t->theme >= 1u << 16 || t->start >= 1u << 20 || len >= 1u << 8 ||
		    t->entry >= 1u << 20)
			return 0;
		uint64_t k = (uint64_t)t->theme << 48 | (uint64_t)t->start << 28 |
		             (uint64_t)len << 20 | t->entry;
		size_t j = i;
		for (; j > 0 && key[j - 1] > k; j--)
			key[j] = key[j - 1];
		key[j] = k;
	}
	for (size_t i = 0; i < n; i++) {
		size_t start = (size_t)(key[i] >> 28 & 0xFFFFF);
		out[i] = (vp_theme_match){(size_t)(key[i] >> 48), start,
		                          start + (size_t)(key[i] >> 20 & 0xFF),
		                          (size_t)(key[i] & 0xFFFFF)};
	}
	return 1;
}

/* The matches in by_theme's order, if they are not yet. */
static void sort_out(vp_matcher *m)
{
	if (m->nout > 32 || !sort_packed(m->out, m->nout))
		qsort(m->out, m->nout, sizeof *m->out, by_theme);
	m->unsorted = 0;
}

int vp_match(vp_matcher *m, const vp_lexicon *lx, const char *const *tok,
             const size_t *len, size_t n, const vp_theme_match **out, size_t *nout,
             vp_err *e)
{
	return vp_match_ids(m, lx, tok, len, NULL, n, out, nout, e);
}

int vp_match_ids(vp_matcher *m, const vp_lexicon *lx, const char *const *tok,
                 const size_t *len, const vp_tokens *ids, size_t n,
                 const vp_theme_match **out, size_t *nout, vp_err *e)
{
	m->nraw = m->nout = m->nlost = 0;
	m->unsorted = 0;
	if (out) {
		*out = m->out;
		*nout = 0;
	}
	struct memo *mm = memo_for(m, lx);
	if (!mm || vp_grow((void **)&m->wid, &m->capwid, n + WID_PAD, sizeof *m->wid) ||
	    vp_grow((void **)&m->tm, &m->captm, n, sizeof *m->tm))
		return vp_oom(e);
	memset(m->wid + n, 0xFF, WID_PAD * sizeof *m->wid); /* LX_NOWORD */
	const uint32_t *id = NULL;
	if (ids && ids->idepoch && ids->idepoch != VP_TOKENS_MIXED) {
		id = ids->id;
		if (mm->idcache != ids->idcache || mm->idepoch != ids->idepoch) {
			memo_ids_forget(mm);
			mm->idcache = ids->idcache;
			mm->idepoch = ids->idepoch;
		}
	}
	/* every token's word number first (try_chain and the pair keys read
	 * ahead).  The memo's fields in locals, read again after a token not
	 * found by its id (memo_get may empty the memo, byid may move): the
	 * compiler cannot keep them in registers across the stores to
	 * m->tm and m->wid, which might alias them. */
	uint32_t *wid = m->wid;
	struct tok_memo *tm = m->tm;
	const struct memo_ent *ent = mm->ent;
	const struct memo_id *byid = mm->byid;
	size_t capbyid = mm->capbyid;
	uint32_t idstamp = mm->idstamp, gen = mm->gen;
	for (size_t i = 0; i < n; i++) {
		if (len[i] - 1 < MEMO_MAXLEN) { /* 1..MEMO_MAXLEN */
			uint32_t d = id ? id[i] : VP_TOKEN_NOID, k;
			if (d < capbyid && byid[d].stamp == idstamp) {
				k = byid[d].ent;
			} else {
				k = memo_get(mm, lx, tok[i], len[i]);
				/* (after memo_get: it may have emptied the memo) */
				if (d < MEMO_IDS && memo_ids_room(mm, d) == 0)
					mm->byid[d] = (struct memo_id){k, mm->idstamp};
				byid = mm->byid;
				capbyid = mm->capbyid;
				idstamp = mm->idstamp;
				gen = mm->gen;
			}
			tm[i] = (struct tok_memo){k, gen};
			wid[i] = ent[k].wid;
		} else {
			m->tm[i] = (struct tok_memo){UINT32_MAX, 0};
			m->wid[i] = lx_word_find(lx, tok[i], len[i], vp_hash_bytes(tok[i], len[i]));
		}
	}
	for (size_t i = 0; i < n; i++) {
		/* entries keyed by this word alone, by it and the next word,
		 * and by each wildcard prefix of it: from the memo, or for an
		 * empty or long token from the index */
		const struct lx_run *hd;
		size_t nh;
		int word, pairhead = 1;
		if (m->tm[i].ent != UINT32_MAX) {
			uint32_t k = m->tm[i].ent;
			if (m->tm[i].gen != mm->gen) /* the memo was emptied since */
				k = memo_get(mm, lx, tok[i], len[i]);
			const struct memo_ent *me = &mm->ent[k];
			hd = mm->vals + me->val;
			nh = me->nval;
			word = me->word;
			pairhead = me->pairhead;
		} else {
			size_t need = 1 + (len[i] < lx->nplens ? len[i] : lx->nplens);
			if (vp_grow((void **)&m->chains, &m->capchains, need, sizeof *m->chains))
				return vp_oom(e);
			nh = token_chains(lx, tok[i], len[i], vp_hash_bytes(tok[i], len[i]), m->chains,
			                  &word, NULL);
			hd = m->chains;
		}
		size_t h = 0;
		if (word && try_chain_at(m, lx, hd[h++], tok, len, n, i))
			return vp_oom(e);
		/* a pair key: both words' numbers, one probe, no bytes compared */
		/* (past the last token m->wid holds LX_NOWORD) */
		if (pairhead && m->wid[i] != LX_NOWORD && m->wid[i + 1] != LX_NOWORD) {
			const struct lx_pairslot *ps = lx_pair_find(lx, m->wid[i], m->wid[i + 1]);
			if (ps && try_chain_at(m, lx, (struct lx_run){ps->link0, ps->nlinks}, tok, len, n, i))
				return vp_oom(e);
		}
		for (; h < nh; h++)
			if (try_chain(m, lx, hd[h], tok, len, n, i))
				return vp_oom(e);
	}
	if (!m->nraw)
		return 0;
	if (vp_grow((void **)&m->cand, &m->capcand, m->nraw, sizeof *m->cand) ||
	    vp_grow((void **)&m->ord, &m->capord, 2 * m->nraw, sizeof *m->ord) ||
	    vp_grow((void **)&m->taken, &m->captaken, n, sizeof *m->taken) ||
	    (m->logtaken && vp_grow((void **)&m->taker, &m->captaker, n, sizeof *m->taker)))
		return vp_oom(e);

	/* 1. exclusions knock out overlapping matches of their theme's subtree.
	 * With the exclusions sorted by start, and none longer than xlen, only
	 * those starting in (r->start - xlen, r->end) can overlap a match r:
	 * found by binary search, so a long comment costs n log n, not n^2. */
	size_t nx = 0, xlen = 0;
	for (size_t i = 0; i < m->nraw; i++)
		if (m->raw[i].exclude) {
			m->cand[nx++] = &m->raw[i]; /* cand[0..nx): the exclusions */
			if (m->raw[i].end - m->raw[i].start > xlen)
				xlen = m->raw[i].end - m->raw[i].start;
		}
	if (nx > 1)
		qsort(m->cand, nx, sizeof *m->cand, by_start);
	/* 2. longest match wins; equal lengths share -- so only the order of
	 * lengths matters below (equal lengths never take from each other):
	 * the candidates are put in order of length by counting. */
	size_t nc = 0, nlen[VP_LEXICON_MAX_TERMS + 1] = {0};
	for (size_t i = 0; i < m->nraw; i++) {
		const struct raw_match *r = &m->raw[i];
		if (r->exclude)
			continue;
		int blocked = 0;
		if (nx) {
			size_t lo = 0, hi = nx; /* first exclusion with start + xlen > r->start */
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (m->cand[mid]->start + xlen <= r->start)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (size_t x = lo; x < nx && m->cand[x]->start < r->end && !blocked; x++) {
				const struct raw_match *xr = m->cand[x];
				blocked = r->start < xr->end && lx_theme_covers(lx, xr->theme, r->theme);
			}
		}
		if (!blocked) {
			m->ord[nc++] = i;
			nlen[r->end - r->start]++;
		}
	}
	size_t *by_len = m->ord + nc;
	for (size_t l = VP_LEXICON_MAX_TERMS + 1, at = 0; l-- > 0;) {
		size_t c = nlen[l];
		nlen[l] = at; /* where the matches of length l start in by_len */
		at += c;
	}
	for (size_t i = 0; i < nc; i++)
		by_len[nlen[m->raw[m->ord[i]].end - m->raw[m->ord[i]].start]++] = m->ord[i];

	/* A match of an @keep theme is never taken: it fires inside a longer
	 * match too (and still takes the words of shorter ones). */
	memset(m->taken, 0, n * sizeof *m->taken);
	for (size_t i = 0; i < nc; i++) {
		const struct raw_match *r = &m->raw[by_len[i]];
		size_t l = r->end - r->start;
		size_t lost = SIZE_MAX; /* the first token a longer match holds */
		if (!lx->themes[r->theme].keep)
			for (size_t t = r->start; t < r->end && lost == SIZE_MAX; t++)
				if (m->taken[t] > l)
					lost = t;
		if (lost != SIZE_MAX) {
			if (m->logtaken) {
				if (vp_grow((void **)&m->lost, &m->caplost, m->nlost + 1, sizeof *m->lost))
					return vp_oom(e);
				m->lost[m->nlost++] = (vp_taken_match){r->entry, m->raw[m->taker[lost]].entry,
				                                       r->start, r->end};
			}
			continue;
		}
		for (size_t t = r->start; t < r->end; t++)
			if (m->taken[t] < l) {
				m->taken[t] = l;
				if (m->logtaken)
					m->taker[t] = by_len[i];
			}
		/* 3. credited to its theme and every ancestor */
		for (long th = (long)r->theme; th >= 0; th = lx->themes[th].parent) {
			if (vp_grow((void **)&m->out, &m->capout, m->nout + 1, sizeof *m->out))
				return vp_oom(e);
			m->out[m->nout++] = (vp_theme_match){(size_t)th, r->start, r->end, r->entry};
		}
	}
	if (!out) {
		m->unsorted = 1; /* sorted when something needs the order */
		return 0;
	}
	sort_out(m);
	*out = m->out;
	*nout = m->nout;
	return 0;
}

/* The hits of the theme whose matches are m->out[i..j): unique entry texts
 * in order of first occurrence (the first entry with each text), into
 * m->hits; how many, or -1 when out of memory.  Entries with the same text
 * have the same textid, so one stamp per text id does both: the same entry
 * again, another entry with the same text.  (m->seen must hold
 * lx->nentries: see seen_reserve.)  Inline: once per theme of every
 * record vp-tag writes. */
static inline long theme_hits(vp_matcher *m, const vp_lexicon *lx, size_t i, size_t j)
{
	const vp_theme_match *tm = m->out;
	if (++m->stamp == SIZE_MAX) {
		memset(m->seen, 0, m->capseen * sizeof *m->seen);
		m->stamp = 1;
	}
	size_t nh = 0;
	for (size_t k = i; k < j; k++) {
		size_t en = tm[k].entry, text = lx->entries[en].textid;
		if (m->seen[text] == m->stamp)
			continue;
		m->seen[text] = m->stamp;
		if (vp_grow((void **)&m->hits, &m->caphits, nh + 1, sizeof *m->hits))
			return -1;
		m->hits[nh++] = en;
	}
	return (long)nh;
}

/* The end of the matches of tm[i]'s theme (they are sorted by theme). */
static size_t theme_end(const vp_theme_match *tm, size_t n, size_t i)
{
	size_t j = i;
	while (j < n && tm[j].theme == tm[i].theme)
		j++;
	return j;
}

static int seen_reserve(vp_matcher *m, const vp_lexicon *lx)
{
	size_t oldcap = m->capseen;
	if (vp_grow((void **)&m->seen, &m->capseen, lx->nentries, sizeof *m->seen))
		return -1;
	if (m->capseen != oldcap) {
		memset(m->seen, 0, m->capseen * sizeof *m->seen);
		m->stamp = 0;
	}
	return 0;
}

/* vp_themes_found without hits on matches not yet sorted: the themes in
 * order from a bit per theme, set and cleared again (a comment's few
 * themes; sorting every match, ancestors' too, was most of the work
 * after the tokens).  -1 when out of memory. */
static long themes_by_bits(vp_matcher *m, const vp_lexicon *lx, vp_theme_found **out)
{
	const vp_theme_match *tm = m->out;
	size_t n = m->nout, nf = 0, lo = SIZE_MAX, hi = 0;
	size_t words = (lx->nthemes + 63) / 64, oldcap = m->capthemebits;
	if (vp_grow((void **)&m->themebits, &m->capthemebits, words, sizeof *m->themebits) ||
	    vp_grow((void **)&m->found, &m->capfound, n, sizeof *m->found))
		return -1;
	if (m->capthemebits != oldcap)
		memset(m->themebits, 0, m->capthemebits * sizeof *m->themebits);
	for (size_t i = 0; i < n; i++) {
		size_t w = tm[i].theme / 64;
		m->themebits[w] |= (uint64_t)1 << (tm[i].theme % 64);
		lo = w < lo ? w : lo;
		hi = w > hi ? w : hi;
	}
	for (size_t w = lo; w <= hi && n; w++)
		for (uint64_t b = m->themebits[w]; b; b &= b - 1) {
			size_t t = w * 64 + (size_t)__builtin_ctzll(b);
			m->found[nf++] = (vp_theme_found){lx->themes[t].name, t, 0};
		}
	for (size_t w = lo; w <= hi && n; w++)
		m->themebits[w] = 0;
	*out = m->found;
	return (long)nf;
}

long vp_themes_found(vp_matcher *m, const vp_lexicon *lx, int hits, vp_theme_found **out)
{
	if (!hits && m->unsorted)
		return themes_by_bits(m, lx, out);
	if (m->unsorted)
		sort_out(m);
	const vp_theme_match *tm = m->out;
	size_t n = m->nout, nf = 0;
	if (hits && seen_reserve(m, lx))
		return -1;
	for (size_t i = 0, j; i < n; i = j) {
		j = theme_end(tm, n, i);
		long nh = hits ? theme_hits(m, lx, i, j) : 0;
		if (nh < 0 || vp_grow((void **)&m->found, &m->capfound, nf + 1, sizeof *m->found))
			return -1;
		m->found[nf++] = (vp_theme_found){lx->themes[tm[i].theme].name, tm[i].theme, (size_t)nh};
	}
	*out = m->found;
	return (long)nf;
}

int vp_themes_json(vp_matcher *m, const vp_lexicon *lx, int explain, vp_buf *out)
{
	if (m->unsorted)
		sort_out(m);
	const vp_theme_match *tm = m->out;
	size_t n = m->nout;
	vp_buf_clear(out);
	if (seen_reserve(m, lx) || vp_buf_putc(out, '['))
		return -1;
	for (size_t i = 0, j; i < n; i = j) {
		j = theme_end(tm, n, i);
		long lnh = theme_hits(m, lx, i, j);
		if (lnh < 0)
			return -1;
		size_t nh = (size_t)lnh;
		const char *js = lx->json.data;
		const struct lx_theme *th = &lx->themes[tm[i].theme];
		/* ,{"theme":"name","hits":["hit","hit"]} -- room made once, then
		 * copied in without a check (and a NUL) per piece: a record's
		 * themes were a tenth of vp-tag */
		size_t need = 1 + th->jheadlen + 2;
		for (size_t h = 0; h < nh; h++)
			need += 1 + lx->entries[m->hits[h]].jtextlen;
		if (vp_buf_reserve(out, need))
			return -1;
		char *w = out->data + out->len;
		if (i)
			*w++ = ',';
		memcpy(w, js + th->jhead, th->jheadlen);
		w += th->jheadlen;
		for (size_t h = 0; h < nh; h++) {
			const struct lx_entry *en = &lx->entries[m->hits[h]];
			if (h)
				*w++ = ',';
			memcpy(w, js + en->jtext, en->jtextlen);
			w += en->jtextlen;
		}
		*w++ = ']';
		if (!explain)
			*w++ = '}';
		out->len = (size_t)(w - out->data);
		out->data[out->len] = '\0';
		if (explain) {
			if (vp_buf_puts(out, ",\"spans\":["))
				return -1;
			for (size_t k = i; k < j; k++)
				if (vp_buf_printf(out, "%s[%zu,%zu]", k > i ? "," : "", tm[k].start,
				                  tm[k].end))
					return -1;
			if (vp_buf_puts(out, "],\"entries\":["))
				return -1;
			for (size_t k = i; k < j; k++) {
				const struct lx_entry *en = &lx->entries[tm[k].entry];
				/* "file:line", written only here (--explain) */
				if ((k > i && vp_buf_putc(out, ',')) ||
				    vp_json_str(out, en->pub.file, strlen(en->pub.file)))
					return -1;
				out->len--; /* the closing quote: the line number goes inside */
				if (vp_buf_printf(out, ":%lu\"", en->pub.line))
					return -1;
			}
			if (vp_buf_putc(out, ']') || vp_buf_putc(out, '}'))
				return -1;
		}
	}
	return vp_buf_putc(out, ']');
}
