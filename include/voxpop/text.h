/* text.h - the one tokeniser: text -> normalised, stemmed words.
 *
 * Used by vp-normalise on record text AND by the lexicon loader on lexicon
 * entries, so that an entry and the text it should match go through exactly
 * the same code.
 *
 * Rules (README "vp-normalise" documents them for users):
 *   - NFKC + Unicode case folding (utf8proc); pure-ASCII stretches take a
 *     fast path (NFKC of ASCII is the identity, case folding is tolower);
 *   - a word is a run of letters, combining marks and digits;
 *   - a run of combining marks (non-starters, counted in each character's
 *     NFKC + case-fold decomposition) is cut to VP_TEXT_MAX_NON_STARTERS,
 *     the bound of Unicode's Stream-Safe Text Format (UAX #15), before
 *     normalising: the excess marks are dropped (not split off with U+034F
 *     CGJ, which NFKC's ignorable removal would take out again), so that
 *     normalising stays linear in the text (canonical ordering of a run is
 *     quadratic: 40,000 marks took minutes);
 *   - apostrophes (' U+2019 U+02BC, and U+2018 or the accent U+00B4
 *     typed for one) inside a word are kept together:
 *     a final "'s" is dropped (possessive: "patient's" -> "patient") and
 *     the other apostrophes removed ("don't" -> "dont");
 *   - a combining mark with no letter before it (NFKC makes a spacing
 *     accent a space and a mark) is dropped;
 *   - anything else (hyphens, punctuation, symbols) separates words, except
 *     '.' or ',' between two digits ("3.5" stays one token, "10,000" -> "10000");
 *   - in English, an ampersand standing alone between spaces is the word
 *     "and" ("kind & caring" meets the entry "kind and caring"; "A&E" is
 *     still "a e");
 *   - a whitespace-delimited chunk that is a URL (http://, https://, www.,
 *     or containing ://) becomes the token "<url>", one that looks like an
 *     e-mail address becomes "<email>", so such personal data never reaches
 *     tokens (or anything computed from them); the literal placeholders
 *     "<url>" and "<email>" in text (or in a lexicon) are kept as they are;
 *   - HTML a web form left in the text is read as a browser shows it
 *     (vp_text_unmarkup): a tag of a small known set separates words, a
 *     character reference is the character it names ("car <b>park</b>"
 *     -> "car park", "didn&#39;t" -> "didnt"); "<3", "a < b", "AT&T" stay
 *     text.  Only a '<' or '&' in a chunk costs anything;
 *   - each word is stemmed with libstemmer (Snowball) through a bounded
 *     memo cache; placeholders are not stemmed;
 *   - a pure-ASCII chunk between spaces met again gives the tokens it gave
 *     before, from a bounded memo of chunks (their stem cache ids): the
 *     same tokens, ids and counts as splitting it again (text.c,
 *     split_memo).
 */
#ifndef VOXPOP_TEXT_H
#define VOXPOP_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "voxpop/buf.h"
#include "voxpop/err.h"
#include "voxpop/hash.h"

/* ---- the stem cache: libstemmer behind a bounded hash table ---- */

typedef struct vp_stemcache vp_stemcache;

typedef struct vp_stemcache_stats {
	unsigned long hits, misses;  /* lookups answered from / not from the cache */
	unsigned long resets;        /* times the cache was full and emptied */
	size_t entries;              /* words held now (<= max_entries) */
} vp_stemcache_stats;

/* Words longer than this are stemmed every time, never cached. */
#define VP_STEMCACHE_MAX_WORD 64
/* Words longer than this are returned as they are: no language has such
 * words, and libstemmer takes a length as int, which cannot hold every
 * size_t. */
#define VP_STEM_MAX_WORD 4096

/* Open a stemmer for LANG (libstemmer name, e.g. "english", "french") with
 * room for max_entries cached words (0 = default 65536).  When the cache is
 * full it is emptied and refilled (cheap, keeps memory fixed; frequent words
 * come straight back).  Returns 0, EX_USAGE for an unknown language or more
 * than UINT32_MAX / 24 entries, or EX_OSERR when out of memory. */
int vp_stemcache_open(vp_stemcache **out, const char *lang, size_t max_entries,
                      vp_err *e);
/* Stem w[0..n) (lower-case UTF-8; longer than VP_STEM_MAX_WORD bytes: w
 * itself).  Returns the stem (NUL-terminated, valid until the next call) and
 * its length in *outlen, or NULL if out of memory. */
const char *vp_stemcache_stem(vp_stemcache *c, const char *w, size_t n,
                              size_t *outlen);
/* The same, and *en set to vp_lang_en_word(w, n), worked out once per
 * cached word (the tokeniser counts English marker words with it). */
const char *vp_stemcache_stem_en(vp_stemcache *c, const char *w, size_t n,
                                 size_t *outlen, int *en);
/* The same, and *id set to the word's entry in the cache (VP_TOKEN_NOID
 * when it is not cached: too long).  An id stands for one word, so one
 * stem, until the cache is emptied: ids are numbered afresh in each
 * epoch (vp_stemcache_epoch). */
const char *vp_stemcache_stem_id(vp_stemcache *c, const char *w, size_t n,
                                 size_t *outlen, int *en, uint32_t *id);
/* The cache's current epoch: it changes whenever the cache is emptied,
 * never goes back, and is never 0 (the monotonic clock in ns when the
 * cache was opened or last emptied, or one more than the last epoch). */
uint64_t vp_stemcache_epoch(const vp_stemcache *c);
void vp_stemcache_stats_get(const vp_stemcache *c, vp_stemcache_stats *st);
void vp_stemcache_close(vp_stemcache *c);

/* The stemmer languages available (NULL-terminated, from libstemmer). */
const char **vp_text_languages(void);

/* ---- a list of tokens ---- */

/* A token that has no stem cache entry (vp_tokens.id) */
#define VP_TOKEN_NOID UINT32_MAX
/* vp_tokens.idepoch when the ids came from more than one cache or epoch */
#define VP_TOKENS_MIXED UINT64_MAX

typedef struct vp_tokens {
	vp_buf chars;   /* the tokens back to back, each NUL-terminated */
	size_t *off;    /* token i starts at chars.data + off[i] */
	size_t *len;    /* and is len[i] bytes long */
	/* with keep_ids set (vp_tokens_keep_ids), token i's stem
	 * cache entry (vp_stemcache_stem_id) or VP_TOKEN_NOID: equal ids,
	 * equal tokens, so a caller with a memo of its own per token (the
	 * matcher) can find its entry without hashing the bytes; else NULL
	 * (the ids cost the tokeniser a few per cent: only vp-run uses them) */
	uint32_t *id;
	int keep_ids;
	size_t n, cap;
	/* what vp_text_tokenise saw, for vp_lang_detect: words that are not
	 * numbers, and of them English marker words (vp_lang_en_word) */
	size_t words, en_words;
	/* the cache and epoch every id is from (idepoch 0: no token has an
	 * id; VP_TOKENS_MIXED: ids from more than one, not to be used) */
	const vp_stemcache *idcache;
	uint64_t idepoch;
} vp_tokens;

#define VP_TOKENS_INIT {VP_BUF_INIT, NULL, NULL, NULL, 0, 0, 0, 0, 0, NULL, 0}

static inline const char *vp_token(const vp_tokens *t, size_t i)
{
	return t->chars.data + t->off[i];
}
/* From now on keep each token's stem cache id in t->id.  0 or -1 (OOM). */
int vp_tokens_keep_ids(vp_tokens *t);
/* Push a token with no id.  0 or -1 (OOM). */
int vp_tokens_push(vp_tokens *t, const char *s, size_t n);
void vp_tokens_clear(vp_tokens *t);
/* Append the tokens as a JSON array of strings to out.  0 or -1 (OOM). */
int vp_tokens_json(const vp_tokens *t, vp_buf *out);
/* The length of what vp_tokens_json appends. */
size_t vp_tokens_json_len(const vp_tokens *t);
void vp_tokens_free(vp_tokens *t);

/* ---- the tokeniser ---- */

typedef struct vp_text vp_text;

/* Longest run of combining marks kept (see the rules above). */
#define VP_TEXT_MAX_NON_STARTERS 30

enum {
	VP_TEXT_NOSTEM = 1,  /* normalise and split, but do not stem */
	VP_TEXT_NOFAST = 2,  /* send ASCII through utf8proc too (tests compare) */
	VP_TEXT_PLAIN = 4,   /* the text was read through vp_text_unmarkup already:
	                      * a '<' or '&' left in it is text ("&amp;lt;" read once) */
	VP_TEXT_NOSYMBOL = 8, /* symbols are punctuation: no token for a currency
	                      * sign, a pictograph or an emoticon, and an enclosing
	                      * mark (an emoji keycap) ends a word; for comparing
	                      * texts (vp-dedup), where "Nothing to add <thumbs up>"
	                      * is "Nothing to add" */
};

/* Read the HTML that web-form exports leave in answers as a browser shows
 * it: a tag of the known set (br p div li ul ol span b i u em strong a
 * font, any case, attributes written name=value, within 1024 bytes of its
 * '<') becomes a space, or a newline -- a sentence break -- for the block
 * ones (br p div li ul ol); a character reference (&#NN; &#xHH; and the
 * names amp nbsp quot apos lt gt rsquo lsquo rdquo ldquo ndash mdash
 * hellip pound euro, each ended by ';') becomes the character it names.
 * Anything else ("<3", "a < b > c", "<url>", "AT&T", "&nope;") is text.
 * Appends the text read to out and returns 1; 0 when s[0..n) holds no
 * markup (out untouched: s reads as it is); -1 when out of memory. */
int vp_text_unmarkup(const char *s, size_t n, vp_buf *out);

/* The markup vp_text_unmarkup reads at s[0..n) (a tag or a character
 * reference starting at s[0]): its length, and in u[0..*un) what it reads
 * as (a space, a newline, or the character named, UTF-8); 0 when none
 * starts there.  vp-redact's detectors and vp-locate's tokeniser
 * (gazetteer_tokens.c) read through it too. */
size_t vp_text_markup_at(const char *s, size_t n, char u[4], size_t *un);

/* Open a tokeniser stemming in LANG (NULL = "english").  Codes as
 * vp_stemcache_open. */
int vp_text_open(vp_text **out, const char *lang, vp_err *e);
/* Its stemmer, by the name libstemmer lists ("english" when opened with
 * "en" or "eng"): one name, whichever spelling opened it. */
const char *vp_text_stemmer(const vp_text *t);
/* Append the tokens of s[0..n) (UTF-8) to out.  Returns 0, EX_DATAERR for
 * invalid UTF-8, or EX_OSERR when out of memory. */
int vp_text_tokenise(vp_text *t, const char *s, size_t n, unsigned flags,
                     vp_tokens *out, vp_err *e);
/* The tokeniser's stem cache (for statistics). */
vp_stemcache *vp_text_stemcache(vp_text *t);
void vp_text_close(vp_text *t);

#endif
