/* text.c - see include/voxpop/text.h */
#include <libstemmer.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

#include "voxpop/lang.h"
#include "voxpop/str.h"
#include "voxpop/text.h"

/* ---- stem cache ----
 *
 * Its own table, not the core's vp_strmap (hash.h): a bounded memo whose
 * memory is allocated once (4-byte slots, 12-byte entries, one arena for
 * words and stems) and emptied in one memset when full.  Measured with
 * farm-bench against the same memo on vp_strmap (a malloc'd key per word,
 * every key freed on a reset): 1.7x the CPU time and 13.9 MB instead of
 * 4.6 MB peak RSS on 40,000 records of 30 random words (the cache fills
 * and resets), and level (ratio 1.007) on the bench corpus, where it never
 * fills.  The slot table starts small and doubles as entries come (up
 * to twice the maximum): a few thousand distinct words then probe a table
 * that stays in the first-level cache, not one of 512 KiB spread over
 * every page (the probe's load was a third of the cache's time). */

enum { STEMCACHE_DEFAULT = 65536, STEM_ARENA_PER_ENTRY = 24, STEMCACHE_MIN_SLOTS = 1024 };

struct stem_entry {
	uint32_t hash;
	uint32_t off;     /* key at arena + off, NUL, then the stem, NUL */
	uint16_t klen, vlen;
	unsigned char en; /* vp_lang_en_word(key) */
};

struct vp_stemcache {
	struct sb_stemmer *sb;
	uint32_t *slots;          /* 0 = empty, else entry index + 1 */
	size_t mask;              /* slots - 1 (a power of two, >= 2 * nents) */
	size_t max_slots;         /* what the table may grow to (>= 2 * max) */
	struct stem_entry *ents;
	size_t nents, max;
	char *arena;
	size_t used, arena_cap;
	vp_buf scratch;           /* stems of words too long to cache */
	vp_stemcache_stats st;
	uint64_t epoch;           /* vp_stemcache_epoch: entry ids are numbered in it */
};

/* The next epoch: the monotonic clock in ns, or last + 1 if that is not
 * later (so a cache opened later at a freed cache's address does not
 * reuse its epochs, and ids from the two are never taken for each other). */
static uint64_t next_epoch(uint64_t last)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	uint64_t now = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	return now > last ? now : last + 1;
}

uint64_t vp_stemcache_epoch(const vp_stemcache *c)
{
	return c->epoch;
}

const char **vp_text_languages(void)
{
	return sb_stemmer_list();
}

int vp_stemcache_open(vp_stemcache **out, const char *lang, size_t max_entries,
                      vp_err *e)
{
	*out = NULL;
	if (!lang)
		lang = "english";
	if (!max_entries)
		max_entries = STEMCACHE_DEFAULT;
	/* slots and entries are numbered, and arena offsets held, in 32 bits */
	if (max_entries > UINT32_MAX / STEM_ARENA_PER_ENTRY)
		return vp_errf(e, EX_USAGE, "stem cache of %zu entries is too big", max_entries);
	vp_stemcache *c = calloc(1, sizeof *c);
	if (!c)
		return vp_oom(e);
	c->sb = sb_stemmer_new(lang, "UTF_8");
	if (!c->sb) {
		free(c);
		/* sb_stemmer_new also fails on OOM, but an unknown name is
		 * what a user can fix. */
		return vp_errf(e, EX_USAGE, "unknown stemmer language '%s' "
		               "(vp-normalise --lang help lists them)", lang);
	}
	size_t nslots = 1;
	while (nslots < 2 * max_entries)
		nslots <<= 1;
	c->max_slots = nslots;
	if (nslots > STEMCACHE_MIN_SLOTS)
		nslots = STEMCACHE_MIN_SLOTS;
	c->mask = nslots - 1;
	c->max = max_entries;
	c->epoch = next_epoch(0);
	c->arena_cap = max_entries * STEM_ARENA_PER_ENTRY;
	c->slots = calloc(nslots, sizeof *c->slots);
	c->ents = malloc(max_entries * sizeof *c->ents);
	c->arena = malloc(c->arena_cap);
	if (!c->slots || !c->ents || !c->arena) {
		vp_stemcache_close(c);
		return vp_oom(e);
	}
	*out = c;
	return 0;
}

void vp_stemcache_close(vp_stemcache *c)
{
	if (!c)
		return;
	if (c->sb)
		sb_stemmer_delete(c->sb);
	free(c->slots);
	free(c->ents);
	free(c->arena);
	vp_buf_free(&c->scratch);
	free(c);
}

/* Double the slot table (keeping it at most half full): 0, or -1 when out
 * of memory (the table stays as it was, and full entries reset it). */
static int stemcache_grow(vp_stemcache *c)
{
	size_t n = 2 * (c->mask + 1);
	uint32_t *slots = calloc(n, sizeof *slots);
	if (!slots)
		return -1;
	for (size_t e = 0; e < c->nents; e++) {
		size_t i = c->ents[e].hash & (n - 1);
		while (slots[i])
			i = (i + 1) & (n - 1);
		slots[i] = (uint32_t)e + 1;
	}
	free(c->slots);
	c->slots = slots;
	c->mask = n - 1;
	return 0;
}

static void stemcache_reset(vp_stemcache *c)
{
	memset(c->slots, 0, (c->mask + 1) * sizeof *c->slots);
	c->nents = 0;
	c->used = 0;
	c->st.resets++;
	c->epoch = next_epoch(c->epoch); /* ids are numbered afresh */
}

const char *vp_stemcache_stem(vp_stemcache *c, const char *w, size_t n,
                              size_t *outlen)
{
	int en;
	return vp_stemcache_stem_en(c, w, n, outlen, &en);
}

/* vp_stemcache_stem_id and vp_stemcache_stem_en; inline in both and in
 * the tokeniser (finish_word), which calls it rather than them: gcc does
 * not inline an exported function, and a call per word counts. */
static inline __attribute__((always_inline)) const char *
stem_lookup(vp_stemcache *c, const char *w, size_t n, size_t *outlen, int *en_out, uint32_t *id)
{
	uint32_t h = 0;
	size_t i = 0;
	if (n <= VP_STEMCACHE_MAX_WORD) {
		h = n ? vp_hash_short(w, n) : 0;
		for (i = h & c->mask; c->slots[i]; i = (i + 1) & c->mask) {
			const struct stem_entry *en = &c->ents[c->slots[i] - 1];
			if (en->hash == h && en->klen == n &&
			    vp_same_bytes(c->arena + en->off, w, n)) {
				c->st.hits++;
				*outlen = en->vlen;
				*en_out = en->en;
				*id = c->slots[i] - 1;
				return c->arena + en->off + en->klen + 1;
			}
		}
	}
	c->st.misses++;
	*id = VP_TOKEN_NOID;
	*en_out = vp_lang_en_word(w, n);
	const sb_symbol *s = (const sb_symbol *)w;
	size_t slen = n;
	if (n <= VP_STEM_MAX_WORD) {
		if (!(s = sb_stemmer_stem(c->sb, s, (int)n)))
			return NULL;
		slen = (size_t)sb_stemmer_length(c->sb);
	}
	size_t need = n + slen + 2;
	/* not cached: too long, or more than the whole arena of a tiny cache */
	if (n > VP_STEMCACHE_MAX_WORD || slen > UINT16_MAX || need > c->arena_cap) {
		vp_buf_clear(&c->scratch);
		if (vp_buf_append(&c->scratch, s, slen) != 0)
			return NULL;
		*outlen = slen;
		return c->scratch.data;
	}
	int full = c->nents == c->max || c->used + need > c->arena_cap;
	int grow = !full && 2 * (c->nents + 1) > c->mask + 1;
	if (grow && stemcache_grow(c) != 0)
		full = 1; /* no memory for a bigger table: start again in this one */
	if (full)
		stemcache_reset(c);
	if (full || grow) /* where the word goes has moved */
		for (i = h & c->mask; c->slots[i]; i = (i + 1) & c->mask)
			;
	struct stem_entry *en = &c->ents[c->nents];
	en->hash = h;
	en->off = (uint32_t)c->used;
	en->klen = (uint16_t)n;
	en->vlen = (uint16_t)slen;
	en->en = (unsigned char)*en_out;
	char *p = c->arena + c->used;
	memcpy(p, w, n);
	p[n] = '\0';
	memcpy(p + n + 1, s, slen);
	p[n + 1 + slen] = '\0';
	c->used += need;
	*id = (uint32_t)c->nents;
	c->slots[i] = (uint32_t)++c->nents;
	*outlen = slen;
	return p + n + 1;
}

const char *vp_stemcache_stem_en(vp_stemcache *c, const char *w, size_t n,
                                 size_t *outlen, int *en_out)
{
	uint32_t id;
	return stem_lookup(c, w, n, outlen, en_out, &id);
}

const char *vp_stemcache_stem_id(vp_stemcache *c, const char *w, size_t n,
                                 size_t *outlen, int *en_out, uint32_t *id)
{
	return stem_lookup(c, w, n, outlen, en_out, id);
}

void vp_stemcache_stats_get(const vp_stemcache *c, vp_stemcache_stats *st)
{
	*st = c->st;
	st->entries = c->nents;
}

/* ---- token lists ---- */

/* Room in t for one more token of n bytes: the arrays grown (doubling)
 * and the characters reserved.  0, or -1 out of memory. */
static int tokens_grow(vp_tokens *t, size_t n)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 32;
		size_t *off = realloc(t->off, cap * sizeof *off);
		if (!off)
			return -1;
		t->off = off;
		size_t *len = realloc(t->len, cap * sizeof *len);
		if (!len)
			return -1;
		t->len = len;
		if (t->keep_ids) {
			uint32_t *ids = realloc(t->id, cap * sizeof *ids);
			if (!ids)
				return -1;
			t->id = ids;
		}
		t->cap = cap;
	}
	return vp_buf_reserve(&t->chars, n + 1);
}

int vp_tokens_keep_ids(vp_tokens *t)
{
	if (t->keep_ids)
		return 0;
	uint32_t *ids = realloc(t->id, (t->cap ? t->cap : 1) * sizeof *ids);
	if (!ids)
		return -1;
	for (size_t i = 0; i < t->n; i++)
		ids[i] = VP_TOKEN_NOID;
	t->id = ids;
	t->keep_ids = 1;
	return 0;
}

/* Push token s[0..n) with stem cache id id (VP_TOKEN_NOID: none); the
 * tokeniser notes which cache and epoch the ids are from (ids_from).
 * Inline, the growing apart: a call per word was 5% of vp-run's work. */
static inline int tokens_push(vp_tokens *t, const char *s, size_t n, uint32_t id)
{
	vp_buf *c = &t->chars;
	/* a free slot, and vp_buf_reserve(c, n + 1)'s test, spelt out: the
	 * two calls instead, tokens_grow only growing the arrays, cost vp-run
	 * 2% more instructions (callgrind, 1,451 M -> 1,480 M) */
	if ((t->n == t->cap || !(n + 1 < c->cap - c->len && c->len < c->cap)) &&
	    tokens_grow(t, n))
		return -1;
	size_t at = c->len;
	memcpy(c->data + at, s, n);
	c->data[at + n] = '\0';
	c->len += n + 1;
	t->off[t->n] = at;
	t->len[t->n] = n;
	if (t->keep_ids)
		t->id[t->n] = id;
	t->n++;
	return 0;
}

int vp_tokens_push(vp_tokens *t, const char *s, size_t n)
{
	return tokens_push(t, s, n, VP_TOKEN_NOID);
}

/* The ids just pushed to t were numbered in cache c's epoch ep, if it is
 * still c's epoch (it changes when c is emptied, maybe in the middle of a
 * text): noted once per text, not per token. */
static void ids_from(vp_tokens *t, const vp_stemcache *c, uint64_t ep)
{
	if (c->epoch != ep)
		t->idepoch = VP_TOKENS_MIXED;
	else if (!t->idepoch) {
		t->idcache = c;
		t->idepoch = ep;
	} else if (t->idcache != c || t->idepoch != ep)
		t->idepoch = VP_TOKENS_MIXED;
}

size_t vp_tokens_json_len(const vp_tokens *t)
{
	/* '[', each token quoted, ',' between, ']' (tokens need no escapes) */
	size_t n = 2 + (t->n ? 3 * t->n - 1 : 0);
	for (size_t i = 0; i < t->n; i++)
		n += t->len[i];
	return n;
}

int vp_tokens_json(const vp_tokens *t, vp_buf *out)
{
	/* Tokens are letters, marks, digits, '.' and the placeholders: never a
	 * quote, backslash or control character, so they are copied as is. */
	if (vp_buf_reserve(out, t->chars.len + 2 * t->n + 2 + 16))
		return -1;
	char *d = out->data + out->len;
	*d++ = '[';
	for (size_t i = 0; i < t->n; i++) {
		if (i)
			*d++ = ',';
		*d++ = '"';
		/* most tokens are short: 16 bytes copied at once (the 16 more
		 * reserved; chars has room past any token that short), not a
		 * memcpy call per token */
		const char *s = t->chars.data + t->off[i];
		if (t->len[i] <= 16 && t->off[i] + 16 <= t->chars.cap)
			memcpy(d, s, 16);
		else
			memcpy(d, s, t->len[i]);
		d += t->len[i];
		*d++ = '"';
	}
	*d++ = ']';
	*d = '\0';
	out->len = (size_t)(d - out->data);
	return 0;
}

void vp_tokens_clear(vp_tokens *t)
{
	vp_buf_clear(&t->chars);
	t->n = 0;
	t->words = t->en_words = 0;
	t->idcache = NULL;
	t->idepoch = 0;
}

void vp_tokens_free(vp_tokens *t)
{
	vp_buf_free(&t->chars);
	free(t->off);
	free(t->len);
	free(t->id);
	t->off = t->len = NULL;
	t->id = NULL;
	t->n = t->cap = 0;
	t->idcache = NULL;
	t->idepoch = 0;
}

/* ---- the tokeniser ---- */

/* The chunk memo (split_memo): a chunk of at most CHUNK_MAX_LEN bytes
 * making at most CHUNK_MAX_TOKS tokens is kept; at most CHUNK_MAX_ENTS
 * chunks, CHUNK_KEY_BYTES of their bytes and CHUNK_ID_SLOTS of their
 * tokens' ids at once (about 180 KiB when full). */
enum { CHUNK_MAX_LEN = 64, CHUNK_MAX_TOKS = 16, CHUNK_MAX_ENTS = 4096,
       CHUNK_KEY_BYTES = CHUNK_MAX_ENTS * 12, CHUNK_ID_SLOTS = CHUNK_MAX_ENTS * 2,
       CHUNK_MIN_SLOTS = 1024 };

struct chunk_memo;
static void chunk_memo_free(struct chunk_memo *m);

struct vp_text {
	vp_stemcache *stem;
	vp_buf word;              /* the word being assembled */
	vp_buf plain;             /* the text read through vp_text_unmarkup */
	utf8proc_int32_t *cps;    /* scratch for utf8proc */
	size_t ncps;
	int apos;                 /* the word holds an apostrophe */
	int amp_is_and;           /* English: a lone '&' is the word "and" */
	/* the stem cache ids push_word gave since the tokeniser last cleared
	 * nrec (the first CHUNK_MAX_TOKS of them; nrec counts all) */
	uint32_t rec[CHUNK_MAX_TOKS];
	size_t nrec;
	struct chunk_memo *memo;  /* NULL until the first chunk it may keep */
	int nomemo;               /* no memory for one: chunks are split every time */
	const char *stemmer;      /* its name as libstemmer lists it */
	char own[64];             /* ... or as given, when not known (below) */
};

int vp_text_open(vp_text **out, const char *lang, vp_err *e)
{
	*out = NULL;
	vp_text *t = calloc(1, sizeof *t);
	if (!t)
		return vp_oom(e);
	int rc = vp_stemcache_open(&t->stem, lang, 0, e);
	if (rc) {
		free(t);
		return rc;
	}
	/* a name libstemmer takes that the table does not know (a newer
	 * libstemmer's) stands for itself */
	const char *name = lang ? vp_lang_stemmer_name(lang) : "english";
	if (!name) {
		snprintf(t->own, sizeof t->own, "%s", lang);
		name = t->own;
	}
	t->stemmer = name;
	t->amp_is_and = !strcmp(t->stemmer, "english") || !strcmp(t->stemmer, "porter");
	*out = t;
	return 0;
}

const char *vp_text_stemmer(const vp_text *t)
{
	return t->stemmer;
}

void vp_text_close(vp_text *t)
{
	if (!t)
		return;
	vp_stemcache_close(t->stem);
	chunk_memo_free(t->memo);
	vp_buf_free(&t->word);
	vp_buf_free(&t->plain);
	free(t->cps);
	free(t);
}

vp_stemcache *vp_text_stemcache(vp_text *t)
{
	return t->stem;
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int is_ascii_word(unsigned char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

enum cls { C_OTHER, C_WORD, C_MARK, C_APOS, C_DOT, C_COMMA, C_MONEY, C_PICTO, C_ENCLOSE };

/* An emoji or other pictograph (a "Symbol, other" in the blocks emoji come
 * from): a token of its own, for the sentiment lexicon.  Other symbols --
 * degrees, box drawing, arrows -- separate words as punctuation does. */
static int is_pictograph(utf8proc_int32_t cp)
{
	return (cp >= 0x2600 && cp <= 0x27BF) || cp == 0x2B50 || cp == 0x2B55 ||
	       (cp >= 0x1F000 && cp <= 0x1FAFF);
}

/* Class of the character at s[i..n), its length in *len. */
static enum cls classify(const unsigned char *s, size_t i, size_t n, size_t *len)
{
	unsigned char c = s[i];
	*len = 1;
	if (c < 0x80) {
		if (is_ascii_word(c))
			return C_WORD;
		/* so is the acute accent U+00B4, which NFKC makes a space and
		 * U+0301 ("didn<U+00B4>t"); no other space is left in a chunk */
		if (c == ' ' && i + 2 < n && s[i + 1] == 0xCC && s[i + 2] == 0x81) {
			*len = 3;
			return C_APOS;
		}
		/* the backtick is typed for an apostrophe too ("didn`t") */
		return c == '\'' || c == '`' ? C_APOS : c == '.' ? C_DOT : c == ',' ? C_COMMA :
		       c == '$' ? C_MONEY : C_OTHER;
	}
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
	if (k <= 0)
		return C_OTHER; /* cannot happen: input was validated */
	*len = (size_t)k;
	/* the left single quote and the prime are typed for an apostrophe too
	 * ("didn<U+2018>t", "didn<U+2032>t") */
	if (cp == 0x2019 || cp == 0x02BC || cp == 0x2018 || cp == 0x2032)
		return C_APOS;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return C_WORD;
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
		return C_MARK;
	case UTF8PROC_CATEGORY_ME: /* the keycap of "1<U+FE0F><U+20E3>", a circle */
		return C_ENCLOSE;
	case UTF8PROC_CATEGORY_SC:
		return C_MONEY;
	case UTF8PROC_CATEGORY_SO:
		return is_pictograph(cp) ? C_PICTO : C_OTHER;
	default:
		return C_OTHER;
	}
}

/* Cut every run of combining marks in the normalised word w[0..n) to
 * VP_TEXT_MAX_NON_STARTERS, as fold() cuts them in the text; the new
 * length.  Taking an apostrophe out of a word ("x'y" -> "xy") can join two
 * runs that were each under the bound. */
static size_t cut_mark_runs(char *w, size_t n)
{
	size_t o = 0, run = 0;
	for (size_t i = 0; i < n;) {
		size_t k = 1;
		int mark = 0;
		if ((unsigned char)w[i] >= 0x80) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)w + i,
			                                      (utf8proc_ssize_t)(n - i), &cp);
			if (m > 0) {
				k = (size_t)m;
				mark = utf8proc_get_property(cp)->combining_class != 0;
			}
		}
		run = mark ? run + 1 : 0;
		if (run <= VP_TEXT_MAX_NON_STARTERS) {
			memmove(w + o, w + i, k);
			o += k;
		}
		i += k;
	}
	return o;
}

/* A unit of time written glued to its number ("3hrs", "40mins", "2wks"):
 * the number and the unit are two words, as when written apart.  Times of
 * day ("8am"), ordinals and prices are not units here and stay whole. */
static int is_time_unit(const char *u, size_t n)
{
	static const char *const units[] = {
		"hr", "hrs", "hour", "hours", "min", "mins", "minute", "minutes",
		"sec", "secs", "day", "days", "wk", "wks", "week", "weeks",
		"mth", "mths", "month", "months", "yr", "yrs", "year", "years",
	};
	for (size_t i = 0; i < sizeof units / sizeof *units; i++)
		if (strlen(units[i]) == n && !memcmp(units[i], u, n))
			return 1;
	return 0;
}

static inline __attribute__((always_inline)) int
push_word(vp_text *t, unsigned flags, vp_tokens *out, char *w, size_t n, int word, vp_err *e);

/* The number of a number glued to its unit ("3" of "3hrs"): the rare
 * path, kept out of finish_word's. */
static __attribute__((noinline)) int push_number(vp_text *t, unsigned flags, vp_tokens *out,
                                                 char *w, size_t n, vp_err *e)
{
	return push_word(t, flags, out, w, n, 0, e);
}

/* The word in t->word is complete: possessive and apostrophes, stem, push. */
static int finish_word(vp_text *t, unsigned flags, vp_tokens *out, vp_err *e)
{
	char *w = t->word.data;
	size_t n = t->word.len;
	if (!n)
		return 0;
	t->word.len = 0;
	if (t->apos) {
		t->apos = 0;
		if (n >= 2 && w[n - 2] == '\'' && w[n - 1] == 's')
			n -= 2;
		size_t k = 0;
		int high = 0;
		for (size_t i = 0; i < n; i++) {
			high |= (unsigned char)w[i] >= 0x80;
			if (w[i] != '\'')
				w[k++] = w[i];
		}
		n = high ? cut_mark_runs(w, k) : k;
	}
	if (!n)
		return 0;
	/* a word, not a number ("3.5", "111"), for language detection */
	size_t k = 0;
	while (k < n && ((w[k] >= '0' && w[k] <= '9') || w[k] == '.'))
		k++;
	if (k && k < n && is_time_unit(w + k, n - k)) {
		int rc = push_number(t, flags, out, w, k, e);
		if (rc)
			return rc;
		w += k;
		n -= k;
		k = 0;
	}
	return push_word(t, flags, out, w, n, k < n, e);
}

/* Stem w[0..n) (t->word or its tail) and push it; word: not a number.
 * Inlined: a call here cost 8% of vp-normalise's instructions. */
static inline __attribute__((always_inline)) int
push_word(vp_text *t, unsigned flags, vp_tokens *out, char *w, size_t n, int word, vp_err *e)
{
	int en = 0;
	uint32_t id = VP_TOKEN_NOID;
	if (!(flags & VP_TEXT_NOSTEM)) {
		/* the lookup itself, not the exported wrapper: gcc does not
		 * inline that, and the call was 1 in 20 of vp-run's instructions */
		const char *s = stem_lookup(t->stem, w, n, &n, &en, &id);
		if (!s)
			return vp_oom(e);
		w = (char *)s;
	} else {
		en = vp_lang_en_word(w, n);
	}
	out->words += (size_t)word;
	out->en_words += (size_t)en;
	if (t->nrec < sizeof t->rec / sizeof *t->rec)
		t->rec[t->nrec] = id;
	t->nrec++;
	return tokens_push(out, w, n, id) ? vp_oom(e) : 0;
}

/* Split normalised text s[0..n) into words (ASCII letters are folded
 * here: the fast path skips utf8proc for pure-ASCII chunks). */
/* ASCII letters and digits -> their lower case; 0 for every other byte. */
static const unsigned char ascii_word[256] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
	['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f',
	['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l',
	['m'] = 'm', ['n'] = 'n', ['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r',
	['s'] = 's', ['t'] = 't', ['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x',
	['y'] = 'y', ['z'] = 'z',
	['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e', ['F'] = 'f',
	['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k', ['L'] = 'l',
	['M'] = 'm', ['N'] = 'n', ['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r',
	['S'] = 's', ['T'] = 't', ['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x',
	['Y'] = 'y', ['Z'] = 'z',
};

/* An enclosing mark is a combining mark, but with VP_TEXT_NOSYMBOL it, a
 * currency sign and a pictograph separate words as punctuation does. */
static inline enum cls symbol_as(enum cls c, unsigned flags)
{
	if (c == C_ENCLOSE)
		return flags & VP_TEXT_NOSYMBOL ? C_OTHER : C_MARK;
	if ((c == C_MONEY || c == C_PICTO) && (flags & VP_TEXT_NOSYMBOL))
		return C_OTHER;
	return c;
}

static int split_words(vp_text *t, const unsigned char *s, size_t n, unsigned flags,
                       vp_tokens *out, vp_err *e)
{
	vp_buf *w = &t->word;
	/* A word never holds more bytes than its text, so after this one
	 * reservation bytes are stored directly. */
	if (vp_buf_reserve(w, n + 1))
		return vp_oom(e);
	char *d = w->data;
	size_t len;
	for (size_t i = 0; i < n; i += len) {
		if (ascii_word[s[i]]) {
			/* a run of ASCII letters and digits, folded as copied
			 * (a no-op after utf8proc) */
			size_t k = w->len;
			do
				d[k++] = (char)ascii_word[s[i++]];
			while (i < n && ascii_word[s[i]]);
			w->len = k;
			len = 0;
			continue;
		}
		enum cls c = symbol_as(classify(s, i, n, &len), flags);
		if (c == C_WORD || (c == C_MARK && w->len)) {
			memcpy(d + w->len, s + i, len);
			w->len += len;
			continue;
		}
		/* a mark with no letter before it (what NFKC leaves of a
		 * spacing accent: U+00A8 is a space and U+0308) is no word */
		if (c == C_MARK)
			continue;
		if (w->len && i + len < n) {
			size_t nlen;
			enum cls next = symbol_as(classify(s, i + len, n, &nlen), flags);
			unsigned char last = (unsigned char)d[w->len - 1];
			if (c == C_APOS && (next == C_WORD || next == C_MARK)) {
				d[w->len++] = '\'';
				t->apos = 1;
				continue;
			}
			if ((c == C_DOT || c == C_COMMA) && is_digit(last) &&
			    is_digit(s[i + len])) {
				if (c == C_DOT)
					d[w->len++] = '.';
				continue;
			}
		}
		int rc = finish_word(t, flags, out, e);
		if (rc)
			return rc;
		/* a currency symbol is a token of its own: "£ ? an hour" is a
		 * price, "waited an hour" a time; so is a pictograph */
		if ((c == C_MONEY || c == C_PICTO) && vp_tokens_push(out, (const char *)s + i, len))
			return vp_oom(e);
	}
	return finish_word(t, flags, out, e);
}

static int has_prefix_ci(const unsigned char *s, size_t n, const char *p)
{
	size_t k = strlen(p);
	if (n < k)
		return 0;
	for (size_t i = 0; i < k; i++) {
		unsigned char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (c != (unsigned char)p[i])
			return 0;
	}
	return 1;
}

static int looks_like_url(const unsigned char *s, size_t n)
{
	if (has_prefix_ci(s, n, "http://") || has_prefix_ci(s, n, "https://") ||
	    has_prefix_ci(s, n, "www."))
		return 1;
	for (size_t i = 0; i + 3 <= n; i++)
		if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/' && i > 0)
			return 1;
	return 0;
}

/* name@domain.tld: a word character each side of the '@' and a dot, with
 * something after it, in the domain. */
static int looks_like_email(const unsigned char *s, size_t n)
{
	const unsigned char *at = memchr(s, '@', n);
	if (!at || at == s || at + 1 == s + n)
		return 0;
	size_t a = (size_t)(at - s);
	if (!(is_ascii_word(s[a - 1]) || s[a - 1] >= 0x80) ||
	    !(is_ascii_word(s[a + 1]) || s[a + 1] >= 0x80))
		return 0;
	for (size_t i = a + 2; i + 1 < n; i++)
		if (s[i] == '.' && (is_ascii_word(s[i + 1]) || s[i + 1] >= 0x80))
			return 1;
	return 0;
}

/* NFKC + case fold s[0..n) into t->cps (reused); returns the UTF-8 length
 * written there, or a negative utf8proc error.
 *
 * Canonical ordering sorts each run of non-starters (combining class != 0)
 * by insertion, quadratic in the run's length: 40,000 marks on one letter
 * took minutes.  So, as Unicode's Stream-Safe Text Format (UAX #15) bounds
 * them, a run is cut to VP_TEXT_MAX_NON_STARTERS non-starters, counted in
 * each character's own NFKC + case-fold decomposition (U+0F73 counts two);
 * the excess is dropped (text.h).  Runs longer than that bound of
 * characters that might decompose to non-starters are rare, so the exact
 * count (and a filtered copy) is made only for them. */
/* The run of non-starters the text s[0..n) has reached after each
 * character, counted in each character's own NFKC + case-fold
 * decomposition (U+0F73 counts two); with copy, the characters are copied
 * there (*m bytes) but those that would take a run past
 * VP_TEXT_MAX_NON_STARTERS (also the rare character with non-starters
 * before a starter in its decomposition).  Returns the longest run seen,
 * or -1 on invalid UTF-8 (utf8proc_decompose then says so).  One count for
 * the look (is any run too long?) and the cut, so they cannot disagree --
 * but for the look, a Latin letter below U+0300 with a decomposition
 * (é, ǖ) is taken to be a starter and two marks without decomposing it
 * (none has more, none starts with a mark): an upper bound, cheap for
 * accented text. */
static long mark_runs(const unsigned char *s, size_t n, unsigned char *copy, size_t *m)
{
	size_t run = 0, longest = 0;
	for (size_t i = 0; i < n;) {
		if (s[i] < 0x80) { /* ASCII: a starter without a decomposition */
			run = 0;
			if (copy)
				copy[(*m)++] = s[i];
			i++;
			continue;
		}
		utf8proc_int32_t cp, d[32];
		utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0)
			return -1;
		const utf8proc_property_t *pr = utf8proc_get_property(cp);
		size_t lead = 0, trail = 0, nd = 1;
		if (pr->decomp_seqindex != UINT16_MAX && !copy && cp < 0x300) {
			trail = 2;
			nd = 3;
		} else if (pr->decomp_seqindex != UINT16_MAX) {
			int last = 0;
			utf8proc_ssize_t r = utf8proc_decompose_char(cp, d, 32,
				UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE,
				&last);
			nd = r < 0 || r > 32 ? 0 : (size_t)r; /* cannot fail for a valid code point */
			while (lead < nd && utf8proc_get_property(d[lead])->combining_class)
				lead++;
			while (trail < nd && utf8proc_get_property(d[nd - 1 - trail])->combining_class)
				trail++;
		} else if (pr->combining_class) {
			lead = trail = 1;
		}
		int keep = !copy || run + lead <= VP_TEXT_MAX_NON_STARTERS;
		if (keep) {
			if (run + lead > longest)
				longest = run + lead;
			run = lead == nd ? run + lead : trail;
			if (run > longest)
				longest = run;
			if (copy) {
				memcpy(copy + *m, s + i, (size_t)k);
				*m += (size_t)k;
			}
		}
		i += (size_t)k;
	}
	return (long)longest;
}

/* A symbol that NFKC spells with letters (the trade mark sign is "TM",
 * the circled a "a", the square kg "kg") is read as a space: glued to a
 * word it became part of it ("Parking\u2122" was "parkingtm", which no
 * lexicon entry matches).  Letters and numbers with such forms (fullwidth
 * letters, ligatures, circled digits) are not symbols and keep them. */
static utf8proc_int32_t symbol_apart(utf8proc_int32_t cp, void *data)
{
	(void)data;
	if (cp < 0x2100) /* no such symbol below the letterlike symbols */
		return cp;
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	return p->category == UTF8PROC_CATEGORY_SO && p->decomp_seqindex != UINT16_MAX ? ' ' : cp;
}

static utf8proc_ssize_t fold(vp_text *t, const unsigned char *s, size_t n)
{
	const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPAT |
		UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE;
	unsigned char *copy = NULL;
	if (mark_runs(s, n, NULL, NULL) > VP_TEXT_MAX_NON_STARTERS) {
		size_t m = 0;
		if (!(copy = malloc(n)))
			return UTF8PROC_ERROR_NOMEM;
		mark_runs(s, n, copy, &m);
		s = copy;
		n = m;
	}
	utf8proc_ssize_t out;
	for (;;) {
		utf8proc_ssize_t r = utf8proc_decompose_custom(s, (utf8proc_ssize_t)n, t->cps,
		                                               (utf8proc_ssize_t)t->ncps, opts,
		                                               symbol_apart, NULL);
		if (r <= 0) { /* an error, or only ignorable characters */
			out = r;
			break;
		}
		if ((size_t)r <= t->ncps) {
			out = utf8proc_reencode(t->cps, r, opts);
			break;
		}
		size_t want = (size_t)r + 16;
		utf8proc_int32_t *p = realloc(t->cps, want * sizeof *p);
		if (!p) {
			out = UTF8PROC_ERROR_NOMEM;
			break;
		}
		t->cps = p;
		t->ncps = want;
	}
	free(copy);
	return out;
}

/* What a byte tells the chunk scanner: whitespace ends a chunk; the
 * others say which slower checks the chunk needs. */
enum { CH_SPACE = 1, CH_HIGH = 2, CH_URL = 4, CH_AT = 8, CH_MARKUP = 16 };
static const unsigned char chunk_class[256] = {
	['\t'] = CH_SPACE, ['\n'] = CH_SPACE, ['\v'] = CH_SPACE, ['\f'] = CH_SPACE,
	['\r'] = CH_SPACE, [' '] = CH_SPACE,
	[':'] = CH_URL, ['.'] = CH_URL, ['@'] = CH_AT, ['<'] = CH_MARKUP, ['&'] = CH_MARKUP,
	[0x80 ... 0xFF] = CH_HIGH,
};

/* The pictograph a chunk that is a whole emoticon draws, or NULL: ":)" is
 * read as the slightly smiling face, ":(" as the slightly frowning one.
 * No winks: vp-sentiment ends a sentence at ';'. */
static const char *emoticon(const unsigned char *c, size_t n)
{
	static const struct {
		const char *face, *emoji;
	} faces[] = {
		{":)", "\U0001F642"}, {":-)", "\U0001F642"}, {":]", "\U0001F642"},
		{":D", "\U0001F642"}, {":-D", "\U0001F642"}, {"=)", "\U0001F642"},
		{"(:", "\U0001F642"},
		{":(", "\U0001F641"}, {":-(", "\U0001F641"}, {":[", "\U0001F641"},
		{":'(", "\U0001F641"}, {"=(", "\U0001F641"}, {"):", "\U0001F641"},
	};
	if (n < 2 || n > 3 || (c[0] != ':' && c[0] != '=' && c[1] != ':'))
		return NULL;
	for (size_t k = 0; k < sizeof faces / sizeof *faces; k++)
		if (strlen(faces[k].face) == n && !memcmp(c, faces[k].face, n))
			return faces[k].emoji;
	return NULL;
}

/* ---- the chunk memo ----
 *
 * An ASCII chunk of text between spaces ("appointment.", "didn't",
 * "3hrs") always splits into the same words, and while those words are in
 * the stem cache (in one epoch) into the same tokens.  The memo keeps each
 * chunk's tokens as their stem cache ids, so a chunk met again is pushed
 * from the cache's entries: not copied and folded byte by byte, cut into
 * words, each word hashed and looked up again (the split and the lookups
 * were a third of vp-run's instructions on the bench export, where a chunk
 * is one word or two).  Bounded, allocated once and emptied in one memset
 * when full, as the stem cache is; emptied too whenever the stem cache's
 * epoch moves (its ids are then numbered afresh).  A chunk with a token
 * the stem cache does not hold (a word too long for it, a currency sign)
 * is not kept. */

struct chunk_ent {
	uint32_t hash;
	uint32_t key;  /* its bytes at keys + key */
	uint32_t ids;  /* its tokens' stem cache ids at ids + ids */
	uint8_t klen, ntok;
	uint8_t words, en; /* what it adds to vp_tokens' words and en_words */
};

struct chunk_memo {
	uint32_t *slots; /* 0 empty, else entry index + 1 */
	size_t mask;     /* slots - 1 (a power of two, >= 2 * nents) */
	struct chunk_ent *ents;
	size_t nents;
	char *keys;
	size_t kused;
	uint32_t *ids;
	size_t iused;
	uint64_t epoch;  /* the stem cache's epoch its ids are from */
};

static void chunk_memo_free(struct chunk_memo *m)
{
	if (!m)
		return;
	free(m->slots);
	free(m->ents);
	free(m->keys);
	free(m->ids);
	free(m);
}

static struct chunk_memo *chunk_memo_new(uint64_t epoch)
{
	struct chunk_memo *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->mask = CHUNK_MIN_SLOTS - 1;
	m->epoch = epoch;
	m->slots = calloc(CHUNK_MIN_SLOTS, sizeof *m->slots);
	m->ents = malloc(CHUNK_MAX_ENTS * sizeof *m->ents);
	m->keys = malloc(CHUNK_KEY_BYTES);
	m->ids = malloc(CHUNK_ID_SLOTS * sizeof *m->ids);
	if (!m->slots || !m->ents || !m->keys || !m->ids) {
		chunk_memo_free(m);
		return NULL;
	}
	return m;
}

static void chunk_memo_empty(struct chunk_memo *m, uint64_t epoch)
{
	memset(m->slots, 0, (m->mask + 1) * sizeof *m->slots);
	m->nents = m->kused = m->iused = 0;
	m->epoch = epoch;
}

/* The first empty slot for hash h, probing on from h & mask. */
static size_t chunk_free_slot(const uint32_t *slots, size_t mask, uint32_t h)
{
	size_t i = h & mask;
	while (slots[i])
		i = (i + 1) & mask;
	return i;
}

/* Double the slot table: 0, or -1 when out of memory (it stays as it
 * was, and a full one is emptied). */
static int chunk_memo_grow(struct chunk_memo *m)
{
	size_t n = 2 * (m->mask + 1);
	uint32_t *slots = calloc(n, sizeof *slots);
	if (!slots)
		return -1;
	for (size_t k = 0; k < m->nents; k++)
		slots[chunk_free_slot(slots, n - 1, m->ents[k].hash)] = (uint32_t)k + 1;
	free(m->slots);
	m->slots = slots;
	m->mask = n - 1;
	return 0;
}

/* Keep chunk c[0..n) (hash h; not found at slot) with its ntok tokens'
 * ids, and the words and English words it counted. */
static void chunk_memo_put(struct chunk_memo *m, const unsigned char *c, size_t n, uint32_t h,
                           size_t slot, const uint32_t *ids, size_t ntok, size_t words,
                           size_t en)
{
	int full = m->nents == CHUNK_MAX_ENTS || m->kused + n > CHUNK_KEY_BYTES ||
	           m->iused + ntok > CHUNK_ID_SLOTS;
	int grow = !full && 2 * (m->nents + 1) > m->mask + 1;
	if (grow && chunk_memo_grow(m) != 0)
		full = 1;
	if (full)
		chunk_memo_empty(m, m->epoch);
	if (full || grow) /* where it goes has moved */
		slot = chunk_free_slot(m->slots, m->mask, h);
	m->ents[m->nents] = (struct chunk_ent){h, (uint32_t)m->kused, (uint32_t)m->iused,
	                                       (uint8_t)n, (uint8_t)ntok, (uint8_t)words,
	                                       (uint8_t)en};
	memcpy(m->keys + m->kused, c, n);
	m->kused += n;
	memcpy(m->ids + m->iused, ids, ntok * sizeof *ids);
	m->iused += ntok;
	m->slots[slot] = (uint32_t)++m->nents;
}

/* split_words for an ASCII chunk c[0..cn) (cn <= CHUNK_MAX_LEN) through
 * the chunk memo: the same tokens, counts and stem cache statistics. */
static int split_memo(vp_text *t, const unsigned char *c, size_t cn, unsigned flags,
                      vp_tokens *out, vp_err *e)
{
	struct chunk_memo *m = t->memo;
	vp_stemcache *sc = t->stem;
	if (!m) {
		if (t->nomemo || !(m = t->memo = chunk_memo_new(sc->epoch))) {
			t->nomemo = 1; /* a memo only saves time: without one, split */
			return split_words(t, c, cn, flags, out, e);
		}
	}
	if (m->epoch != sc->epoch)
		chunk_memo_empty(m, sc->epoch);
	uint32_t h = vp_hash_short((const char *)c, cn);
	size_t i;
	for (i = h & m->mask; m->slots[i]; i = (i + 1) & m->mask) {
		const struct chunk_ent *en = &m->ents[m->slots[i] - 1];
		if (en->hash != h || en->klen != cn || !vp_same_bytes(m->keys + en->key, (const char *)c, cn))
			continue;
		const uint32_t *id = m->ids + en->ids;
		for (size_t k = 0; k < en->ntok; k++) {
			const struct stem_entry *se = &sc->ents[id[k]];
			if (tokens_push(out, sc->arena + se->off + se->klen + 1, se->vlen, id[k]))
				return vp_oom(e);
		}
		sc->st.hits += en->ntok; /* each a stem cache hit, as when split */
		out->words += en->words;
		out->en_words += en->en;
		return 0;
	}
	size_t n0 = out->n, w0 = out->words, e0 = out->en_words;
	t->nrec = 0;
	int rc = split_words(t, c, cn, flags, out, e);
	size_t ntok = out->n - n0;
	/* every token from push_word (none pushed apart, as a currency sign
	 * is), each with an id of this epoch */
	if (rc || sc->epoch != m->epoch || ntok != t->nrec || ntok > CHUNK_MAX_TOKS)
		return rc;
	for (size_t k = 0; k < ntok; k++)
		if (t->rec[k] == VP_TOKEN_NOID)
			return 0;
	chunk_memo_put(m, c, cn, h, i, t->rec, ntok, out->words - w0, out->en_words - e0);
	return 0;
}

static int tokenise(vp_text *t, const char *text, size_t n, unsigned flags, vp_tokens *out,
                    vp_err *e)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	t->word.len = 0;
	t->apos = 0;
	while (i < n) {
		if (chunk_class[s[i]] & CH_SPACE) {
			i++;
			continue;
		}
		/* One whitespace-delimited chunk: placeholders, then words. */
		size_t end = i;
		unsigned seen = 0;
		while (end < n && !(chunk_class[s[end]] & CH_SPACE))
			seen |= chunk_class[s[end++]];
		/* HTML from here on is read as shown (a tag may hold spaces,
		 * so the rest of the text, not the chunk); none: nothing left
		 * need be looked at again */
		if ((seen & CH_MARKUP) && !(flags & VP_TEXT_PLAIN)) {
			vp_buf_clear(&t->plain);
			int r = vp_text_unmarkup(text + i, n - i, &t->plain);
			if (r < 0)
				return vp_oom(e);
			if (r)
				return tokenise(t, t->plain.data, t->plain.len, flags | VP_TEXT_PLAIN,
				                out, e);
			flags |= VP_TEXT_PLAIN;
		}
		const unsigned char *c = s + i;
		size_t cn = end - i;
		const char *ph = NULL;
		size_t skip = cn;
		int high = seen & CH_HIGH;
		if (c[0] == '<' && has_prefix_ci(c, cn, "<url>")) {
			ph = "<url>";
			skip = 5;
		} else if (c[0] == '<' && has_prefix_ci(c, cn, "<email>")) {
			ph = "<email>";
			skip = 7;
		} else if ((seen & CH_URL) && looks_like_url(c, cn)) {
			ph = "<url>";
		} else if ((seen & CH_AT) && looks_like_email(c, cn)) {
			ph = "<email>";
		}
		/* a lone ampersand, or the fullwidth one NFKC makes '&' */
		if (t->amp_is_and && ((cn == 1 && c[0] == '&') ||
		                      (cn == 3 && !memcmp(c, "\xef\xbc\x86", 3))))
			ph = "and";
		else if (!ph && !high && cn - 2 <= 1 && ((seen & CH_URL) || c[0] == '=') &&
		         !(flags & VP_TEXT_NOSYMBOL))
			ph = emoticon(c, cn);
		if (ph) {
			if (vp_tokens_push(out, ph, strlen(ph)))
				return vp_oom(e);
			i += skip;
			continue;
		}
		int rc;
		if (high || (flags & VP_TEXT_NOFAST)) {
			utf8proc_ssize_t r = fold(t, c, cn);
			if (r == UTF8PROC_ERROR_NOMEM)
				return vp_oom(e);
			if (r < 0)
				return vp_errf(e, EX_DATAERR, "invalid UTF-8 in text");
			rc = r == 0 ? 0 : split_words(t, (const unsigned char *)t->cps,
			                              (size_t)r, flags, out, e);
		} else if (cn <= CHUNK_MAX_LEN && !(flags & (VP_TEXT_NOSTEM | VP_TEXT_NOSYMBOL))) {
			rc = split_memo(t, c, cn, flags, out, e);
		} else {
			rc = split_words(t, c, cn, flags, out, e);
		}
		if (rc)
			return rc;
		i = end;
	}
	return 0;
}

int vp_text_tokenise(vp_text *t, const char *text, size_t n, unsigned flags,
                     vp_tokens *out, vp_err *e)
{
	uint64_t ep = t->stem->epoch;
	int rc = tokenise(t, text, n, flags, out, e);
	if (out->keep_ids)
		ids_from(out, t->stem, ep);
	return rc;
}
