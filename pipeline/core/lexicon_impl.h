/* lexicon_impl.h - the lexicon's insides, shared by lexicon.c (loading)
 * and match.c (matching).  Not a public header. */
#ifndef VOXPOP_LEXICON_IMPL_H
#define VOXPOP_LEXICON_IMPL_H

#include <stdint.h>

#include "voxpop/lexicon.h"

#define LX_NONE SIZE_MAX

enum { LX_WORD, LX_PREFIX, LX_ANY };

struct lx_term {
	size_t off, len;     /* the stem or prefix at pool.data + off */
	int kind;            /* LX_WORD, LX_PREFIX or LX_ANY */
};

struct lx_entry {
	vp_lexicon_entry pub;
	size_t term0;        /* first term in terms[] (pub.nterms of them) */
	size_t lead;         /* leading '?' terms: indexed by the term after them */
	size_t next;         /* next entry with the same first term, or LX_NONE */
};

struct lx_theme {
	char *name;
	long parent;
	size_t nentries;
};

struct lx_slot {
	size_t head;         /* first entry of the chain, LX_NONE = empty slot */
	uint32_t hash;
};

struct strvec {
	char **v;
	size_t n, cap;
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
	struct lx_slot *index;     /* first term (kind, string) -> chain of entries */
	size_t imask;
	size_t *plens;             /* distinct wildcard prefix lengths, ascending */
	size_t nplens, capplens;
};

/* The chain of entries whose first term is (kind, s[0..n)), or LX_NONE.
 * The _h form takes vp_hash_bytes(s, n) already computed. */
size_t lx_index_find(const vp_lexicon *lx, int kind, const char *s, size_t n);
size_t lx_index_find_h(const vp_lexicon *lx, int kind, const char *s, size_t n, uint32_t h);

#endif
