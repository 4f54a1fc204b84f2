/* lexicon_impl.h - the lexicon's insides, shared by lexicon.c (loading)
 * and match.c (matching).  Not a public header. */
#ifndef VOXPOP_LEXICON_IMPL_H
#define VOXPOP_LEXICON_IMPL_H

#include <stdint.h>

#include "voxpop/lexicon.h"

#define LX_NONE SIZE_MAX

/* LX_PAIR and LX_PAIRHEAD are index keys only.  An LX_PAIRHEAD key (the
 * first word of some LX_PAIR key) marks a word that can begin a pair: the
 * matcher's per-token memo asks for it once per distinct token, to skip the
 * pair probe at every other token.  It is not in the bit filter, and its
 * slot's head is just some entry keyed by a pair starting with that word:
 * the matcher never tries its chain. */
enum { LX_WORD, LX_PREFIX, LX_ANY, LX_PAIR, LX_PAIRHEAD };
enum { LX_FILTER_BITS = 1 << 16 };
/* The pair keys' filter: 64-bit words, two bits of one word per key */
enum { LX_PFILTER_WORDS = 1 << 10 };

struct lx_term {
	size_t off, len;     /* the stem or prefix at pool.data + off */
	int kind;            /* LX_WORD, LX_PREFIX or LX_ANY */
	uint32_t hash;       /* vp_hash_bytes of the word */
	uint32_t wid;        /* LX_WORD: the word's number (lx_word_find) */
};

/* Every distinct word of the lexicon's terms has a number (that of its
 * first term): the matcher looks a token's up once per distinct token
 * (its memo), then compares words -- and finds pair keys -- as numbers,
 * not bytes.  LX_NOWORD: a token that is no word of the lexicon. */
#define LX_NOWORD UINT32_MAX

/* A pair key (the numbers of its two words, first << 32 | second) and the
 * run of links its index slot's chain is (lx_run's, held here: the matcher
 * reads it with the key, not from runs[] at another cache miss); nlinks 0:
 * empty (a pair key's chain has at least one entry). */
struct lx_pairslot {
	uint64_t key;
	uint32_t link0, nlinks;
};

struct lx_entry {
	vp_lexicon_entry pub;
	size_t term0;        /* first term in terms[] (pub.nterms of them) */
	size_t lead;         /* leading '?' terms: indexed by the term after them */
	size_t next;         /* next entry with the same first term, or LX_NONE */
	size_t jtext, jtextlen;    /* "text" as JSON, in json */
	size_t textid;       /* the first entry with the same text: equal
	                      * texts, equal ids (theme hits are unique texts) */
};

struct lx_theme {
	char *name;
	long parent;
	size_t nentries;
	size_t jhead, jheadlen;    /* {"theme":"name","hits":[ in json */
	int keep;                  /* @keep: longer entries of other themes
	                            * do not take this theme's words */
	char *label;               /* @label: readable name, or NULL */
	char *describe;            /* @describe: one line about it, or NULL */
};

/* The index is its own table, not the core's vp_strmap (hash.h): its key is
 * (kind, term [, next term]) with the 32-bit hash the matcher already has
 * for every token, pair and wildcard prefix (vp_hash_more, incrementally),
 * so a lookup hashes nothing and copies nothing.  Measured: vp_strmap
 * behind the same bit filter, keyed by kind + term(s) copied into one
 * string, made vp-tag 7% slower (farm-bench, median CPU ratio 1.071 over
 * 11 paired runs on 120,276 normalised records from bench/gen-survey.awk). */
struct lx_slot {
	size_t head;         /* first entry of the chain, LX_NONE = empty slot */
	uint32_t hash;
	int kind;            /* LX_WORD, LX_PREFIX or LX_PAIR */
};

/* An entry as the matcher tries it: each index slot's chain of entries
 * (file order) is also laid out as a run of these in one array, so trying
 * a chain reads consecutive memory, not entries[] (large, linked by next).
 * The terms the index key stands for are not checked again (j0), and the
 * first word after them (jq: the entries of a word's chain go on with a
 * wildcard, or end) rejects most entries by its number alone (wq). */
struct lx_link {
	uint32_t entry;      /* in entries[] */
	uint32_t term0;      /* its first term in terms[] */
	uint32_t theme;      /* its theme (entries[entry].pub.theme: a match
	                      * reads it here, not from the large entries[]) */
	uint32_t wq;         /* the number of term jq's word */
	uint8_t nterms, lead, exclude;
	uint8_t j0;          /* first term the key does not stand for: lead + 1,
	                      * lead + 2 for an LX_PAIR key */
	uint8_t jq;          /* first LX_WORD term from j0 on; LX_NOQUICK: none */
	uint8_t q;           /* jq - lead: term jq is the token that many on from
	                      * the one the chain is tried at (>= 1) */
};
enum { LX_NOQUICK = 0xFF };

struct lx_run {
	size_t link0, nlinks;      /* links[link0 .. link0 + nlinks) */
};

struct strvec {
	char **v;
	size_t n, cap;
};

/* A word list, DIR/.../NAME.list: "{NAME}" in an entry stands for each
 * member in turn (lexicon.c expands the entry when loading it). */
struct lx_list {
	char *name;                /* the file's name before .list */
	const char *file;          /* DIR/.../NAME.list, owned by listfiles */
	struct strvec member;      /* as written, comment and spaces trimmed */
	unsigned long *line;       /* each member's line in file */
	size_t capline;
};

/* A list member that is an earlier one once stemmed ("doctors" after
 * "doctor"): left out of the expansions, named by vp_lexicon_check. */
struct lx_listdup {
	const char *file;
	unsigned long line, first;
	char *text;
};

struct vp_lexicon {
	struct lx_theme *themes;
	size_t nthemes;
	struct lx_entry *entries;
	size_t nentries, capentries;
	struct lx_term *terms;
	size_t nterms, capterms;
	vp_buf pool;
	struct strvec files;       /* DIR/path.txt, entries point into these */
	struct strvec listfiles;   /* DIR/path.list, lists point into these */
	struct lx_list *lists;
	size_t nlists;
	struct lx_listdup *dups;
	size_t ndups, capdups;
	struct strvec patterns;    /* lines written with lists, as entries' pattern */
	struct lx_slot *index;     /* first term (kind, string) -> chain of entries */
	size_t imask;
	struct lx_run *runs;       /* per index slot: its chain in links[] */
	struct lx_link *links;     /* nentries of them, chain by chain */
	/* One bit per key hash (mod LX_FILTER_BITS) in the index: most
	 * lookups -- every token, every pair, every wildcard prefix length --
	 * find nothing, and this answers them from L1 cache. */
	uint64_t filter[LX_FILTER_BITS / 64];
	uint32_t *words;           /* the words: 1 + term number by hash, 0 = empty */
	size_t wmask;
	struct lx_pairslot *pairs; /* the LX_PAIR keys by their words' numbers */
	size_t pmask;
	/* Two bits per pair key (lx_pair_bits): most pairs of words a text
	 * holds, even after a word that begins some pair key, are no key, and
	 * this answers them from 8 KiB, not a probe of pairs[] */
	uint64_t pfilter[LX_PFILTER_WORDS];
	size_t *plens;             /* distinct wildcard prefix lengths, ascending */
	size_t nplens, capplens;
	vp_buf json;               /* JSON fragments rendered once, for output */
	/* Load time on the monotonic clock, in ns: with the lexicon's address
	 * it tells a matcher's per-lexicon memo (match.c) that the lexicon it
	 * memoised is this one, not a new one loaded at a freed one's address
	 * (two lexicons at one address cannot have been loaded at one time). */
	uint64_t loaded_ns;
	uint64_t fingerprint;      /* vp_lexicon_fingerprint */
};

/* The index key hash for (kind, term hash(es)); h2 is used for LX_PAIR. */
static inline uint32_t lx_key_hash(int kind, uint32_t h1, uint32_t h2)
{
	uint32_t h = kind == LX_PAIR ? h1 * 0x9e3779b1u ^ h2 : h1;
	return h ^ (uint32_t)kind * 0x85ebca6bu;
}

/* Is theme a the same as b or one of b's ancestors? */
static inline int lx_theme_covers(const struct vp_lexicon *lx, size_t a, size_t b)
{
	for (long t = (long)b; t >= 0; t = lx->themes[t].parent)
		if ((size_t)t == a)
			return 1;
	return 0;
}

/* Might the index hold a key with hash h?  0 means certainly not. */
static inline int lx_maybe(const struct vp_lexicon *lx, uint32_t h)
{
	uint32_t bit = h & (LX_FILTER_BITS - 1);
	return (int)(lx->filter[bit / 64] >> (bit % 64) & 1);
}
/* The number of the word s[0..n) with vp_hash_bytes h, or LX_NOWORD. */
uint32_t lx_word_find(const vp_lexicon *lx, const char *s, size_t n, uint32_t h);

/* A pair key's hash: its slot in pairs[] from bits 32 up (& pmask), its
 * filter word from the top 10 bits, its two filter bits from the 12 below. */
static inline uint64_t lx_pair_hash(uint64_t key)
{
	return key * 0x9E3779B97F4A7C15u;
}

static inline uint64_t lx_pair_bits(uint64_t h)
{
	return (uint64_t)1 << (h >> 48 & 63) | (uint64_t)1 << (h >> 42 & 63);
}

/* The pair slot of the LX_PAIR key of words w1 w2 (numbers), or NULL. */
static inline const struct lx_pairslot *lx_pair_find(const struct vp_lexicon *lx, uint32_t w1,
                                                     uint32_t w2)
{
	uint64_t key = (uint64_t)w1 << 32 | w2, h = lx_pair_hash(key), bits = lx_pair_bits(h);
	if ((lx->pfilter[h >> 54] & bits) != bits)
		return NULL;
	for (size_t i = (size_t)(h >> 32) & lx->pmask; lx->pairs[i].nlinks; i = (i + 1) & lx->pmask)
		if (lx->pairs[i].key == key)
			return &lx->pairs[i];
	return NULL;
}

/* The index slot for key (kind, s1[0..n1) [, s2[0..n2) for LX_PAIR]) with
 * hash h from lx_key_hash, or LX_NONE; lx->index[slot].head starts its
 * chain of entries (linked by next).  The matcher asks lx_maybe first,
 * inline, so most lookups never make this call. */
size_t lx_index_find(const vp_lexicon *lx, int kind, uint32_t h, const char *s1, size_t n1,
                     const char *s2, size_t n2);

#endif
