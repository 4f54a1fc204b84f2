/* gazetteer_impl.h - the gazetteer's insides, shared by gazetteer.c (the
 * object and its table of names), gazetteer_tokens.c (its tokeniser),
 * gazetteer_load.c (loading and finishing) and gazetteer_match.c
 * (matching and resolving).  Not a public header. */
#ifndef VOXPOP_GAZETTEER_IMPL_H
#define VOXPOP_GAZETTEER_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "voxpop/buf.h"
#include "voxpop/gazetteer.h"
#include "voxpop/hash.h"

enum ref_kind { REF_SYSTEM, REF_PLACE, REF_LOCALITY, REF_CELL, REF_OUTSIDE, REF_NO_ANSWER,
                REF_WITHIN };

/* One declaration of a name: "this name means that system/place/cell". */
struct ref {
	unsigned char kind;    /* enum ref_kind */
	unsigned char shared;  /* declared with `shared` */
	int id;                /* system, place, locality or cell index */
	size_t file;           /* index into g->files */
	unsigned long line;
};

struct entry {
	char *key;             /* normalised */
	char *name;            /* as first written, for messages */
	struct ref *refs;
	size_t nrefs, cap;
	uint64_t *bits;        /* candidate cells, built by finish */
	int outside;           /* declared `outside`: known, and in none of the systems */
	int specific;          /* names a locality or area, not just a place or system */
	int no_answer;         /* declared `no-answer`: "prefer not to say", "n/a" */
	int within;            /* declared `within`: a wider area holding (part of) a system
	                        * ("London"); bits are that system's cells */
	int site;              /* declared `site`: a hospital or other place of care; it
	                        * locates a field's value, but in free text it says where
	                        * care was, not where the person lives */
	int place_too;         /* declared as something else besides `site`: "Glenfield" is
	                        * the village and the hospital */
};

struct place {
	char *name;
	int system;
};

struct locality {
	char *name;
	int system;
};

struct cell {
	int place;
	int locality;
};

struct vp_gazetteer {
	char **systems;
	size_t nsystems, csystems;
	struct place *places;
	size_t nplaces, cplaces;
	struct locality *localities;
	size_t nlocalities, clocalities;
	struct cell *cells;
	size_t ncells, ccells;
	char **files;
	size_t nfiles, cfiles;
	struct entry *entries;
	size_t nentries, centries;
	vp_strmap names;       /* normalised name (entry key) -> index into entries */
	size_t max_tokens;     /* longest name, in words */
	char **vocab;          /* every word of every name, sorted, unique */
	size_t nvocab;
	size_t nwords;         /* uint64_t words per cell set */
	int finished;
	const struct vp_given_names *given; /* vp_gazetteer_given_names's, or NULL */
};


/* ---- gazetteer.c ---- */

/* A NUL-terminated copy of s[0..n), or NULL when out of memory. */
char *gz_dupn(const char *s, size_t n);

/* The entry named by the normalised key[0..n), or NULL. */
const struct entry *gz_lookup(const vp_gazetteer *g, const char *key, size_t n);

/* The entry for key[0..n), added (with name, as written, for messages)
 * when new; NULL when out of memory. */
struct entry *gz_intern(vp_gazetteer *g, const char *key, size_t n, const char *name);

/* ---- gazetteer_tokens.c: the gazetteer's own tokeniser (see gazetteer.h
 * for why it is not text.h's) ---- */

/* Words of a value, normalised, joined by single spaces in norm. */
struct gz_word {
	size_t start, end;      /* byte offsets of the word in norm */
	unsigned char capital;  /* it began with a capital letter or a digit; 2: an ASCII
	                         * capital then lowercase letters ("Sarah", not "NHS") */
	unsigned char brk;      /* a comma, semicolon, colon, slash or bracket came before it */
	unsigned char stop;     /* a full stop, '!' or '?' came before it (a sentence end,
	                         * or an abbreviation's dot: "Dr. Patel") */
	unsigned char poss;     /* it ended "'s", kept as "s" ("Oakham's": "oakhams") */
};

struct gz_toks {
	vp_buf norm;
	struct gz_word *w;
	size_t n, cap;
	int pending_brk, pending_stop; /* tokeniser state: the next word gets brk, stop */
};

#define GZ_TOKS_INIT {VP_BUF_INIT, NULL, 0, 0, 0, 0}

/* Word i of t: its text, and its length in *n. */
static inline const char *gz_word_text(const struct gz_toks *t, size_t i, size_t *n)
{
	*n = t->w[i].end - t->w[i].start;
	return t->norm.data + t->w[i].start;
}

/* Split s[0..n) into t (emptied first).  0, or -1 when out of memory. */
int gz_tokenise(const char *s, size_t n, struct gz_toks *t);
void gz_toks_free(struct gz_toks *t);

#endif
