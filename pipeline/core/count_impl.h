/* count_impl.h - what the three parts of vp_count share (core only; not
 * installed): the accumulator (count.c), the line fast path (count_line.c)
 * and the document (count_doc.c). */
#ifndef VOXPOP_COUNT_IMPL_H
#define VOXPOP_COUNT_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

#include "voxpop/buf.h"
#include "voxpop/count.h"
#include "voxpop/hash.h"
#include "voxpop/seen.h"
#include "voxpop/str.h"

struct quote {
	char *id;
	char *text;
	double score;
};

/* Best-first list of at most c->nquotes quotes for one theme in one group. */
struct qlist {
	size_t n;
	struct quote *q;
};

struct group;

/* Open-addressing map name -> group. */
struct gmap {
	struct group **slot;
	size_t cap, n;
};

/* Quote lists per theme: all, then (--quote-polarity) positive, negative. */
enum { QL_ALL = 0, QL_POSITIVE, QL_NEGATIVE };

/* One theme's counts in one group.  A group holds a cell for each theme
 * it met, not for every theme interned: a record names its themes, so a
 * group's cells are at most its records' themes and all the cells of all
 * groups at most the (group, theme) pairs that occur -- one group meeting
 * 1000 themes does not give 5000 other groups 1000 counters each. */
struct tcell {
	size_t idx;             /* the theme (index into vp_count.themes) */
	unsigned long records;
	unsigned long resp;     /* respondents */
	unsigned long last;     /* the respondent run it was last counted in */
	unsigned long sent[VP_SENT_N];
	struct qlist ql[3];     /* QL_*, when quoting (the first c->nql) */
};

struct group {
	char *name;
	unsigned long records, untagged;
	unsigned long not_tagged;   /* "untaggable" records (another language): not untagged */
	unsigned long respondents;  /* runs of equal "respondent" (a record without: its own) */
	unsigned long duplicates;   /* --dedup: campaign records after the first in this group */
	unsigned long sent[VP_SENT_N];
	struct tcell *cells;    /* the themes met here, in the order met */
	size_t ncells, cellalloc;
	size_t *cslot;          /* open addressing by theme index: cell index + 1, 0 empty */
	size_t ccap;
	unsigned long run;      /* respondent runs begun in this group (1-based) */
	unsigned long in_run;   /* the counter's run (vp_count.run) last counted here */
	struct gmap children;   /* nested levels only */
};

/* --dedup: one campaign: vp-dedup marks every copy with "campaign":
 * {"id": <the id of its first record>}; the first record is unmarked. */
struct campaign {
	char *id;
	unsigned long size;      /* copies counted (the campaign is 1 + size records) */
	char *first_id;          /* the copy with the smallest id, for its text: */
	char *first_text;        /* redacted and cut as quotes are */
	/* --dedup over records: whether the campaign's first record (unmarked,
	 * its id the campaign's) was among those counted -- first_key the hash
	 * of its id as a copy named it (keyed: a copy was counted, not only a
	 * document merged), first_seen once found in vp_count.ids */
	uint64_t first_key;
	int keyed, first_seen;
};

/* Theme names interned to small indices. */
struct tmap {
	char **name;
	size_t *len;   /* strlen(name[i]) */
	size_t n, alloc;
	size_t *slot;  /* index + 1, 0 = empty */
	size_t cap;
};

/* One theme of the record being counted. */
struct rtheme {
	size_t idx;
	const char *name;
	double score;
	int sent;               /* VP_SENT_*, or -1: none */
};

struct vp_count {
	vp_count_opts o;
	char by[256];
	unsigned long rejected;
	size_t ngroups;
	struct tmap themes;
	struct group total;
	struct gmap flat;  /* localities at the chosen level, or --by groups */
	/* scratch for one record */
	struct rtheme *rt;
	size_t nrt, rtalloc;
	vp_buf redacted;
	/* group names as masked (safe_name), the last few: a direct-mapped
	 * memo by the raw name's hash, so vp_redact runs once per distinct
	 * name rather than once per record; names up to NAME_MEMO_MAX bytes.
	 * flat: the group of c->flat named masked, once looked up (groups
	 * are freed only with the counter) */
	struct name_memo { char *raw, *masked; struct group *flat; } name_memo[64];
	vp_buf quote_id;   /* the record's id as a quote shows it: masked as its text is */
	vp_buf camp_id, camp_ex; /* a campaign copy's campaign id and own id, masked */
	vp_buf fb[10]; /* scratch strings for the fast path */
	vp_jscan_elems elems; /* the fast path: the themes' members, noted by the scan */
	size_t nql;    /* quote lists per theme: 1, or 3 with --quote-polarity */
	int has_resp;  /* some record carried "respondent" */
	int has_sent;  /* some record or theme entry carried "sentiment" */
	int has_nt;    /* some record was "untaggable" (vp-tag: not in the lexicon's language) */
	/* The lexicon of what was counted (count.h): LEX_UNSET until a record
	 * (or a document with records) fixes it, then LEX_SOME (the
	 * fingerprint in lexfp) or LEX_NONE.  lexwhere: where the one that
	 * fixed it came from (vp_count_lexicon_from), or NULL; lexmixed: the
	 * last add was refused for a lexicon that differs (each add clears it). */
	int lex;
	char lexfp[VP_LEXICON_FP_LEN];
	char *lexwhere;
	int lexmixed;
	char lexopt[VP_LEXICON_FP_LEN + 1];  /* o.lexicon points here */
	/* --by: some record had the member (null too: there, but empty), and
	 * for fields.NAME what "fields" some had (1: an object, 2: another
	 * value): a member no record has is a mistake, not one group */
	int has_by, has_fields;
	/* respondents seen before, for the warning when one reappears after
	 * others (its records not adjacent): o.seen, or this one's own */
	vp_seen *seen, *own_seen;
	/* runs of adjacent records of one respondent, over all records: a
	 * group counts a respondent once per run that reached it */
	unsigned long run;           /* runs begun (1-based) */
	uint64_t run_key;            /* the current run's respondent hash */
	int run_open;                /* the current run has a "respondent" (may continue) */
	unsigned long reappeared;    /* respondents that reappeared */
	unsigned long marked_copies; /* records counted that vp-dedup marked as copies,
	                              * without --dedup (vp_count_warn_end says it) */
	int reappeared_now;          /* the record just counted was one */
	/* vp_count_add_line's grouping member, worked out once (count_line.c) */
	struct line_keys {
		int ready, fast;
		char field[256];
		const char *suffix;  /* into o.by, or NULL */
		size_t sub;          /* fields.NAME: NAME at field + sub; 0: none */
		const char *keys[16];        /* what add_line picks out (FK_N) */
		vp_jscan_names names;        /* keys, worked out once */
		vp_jscan_names enames;       /* a theme's members' */
		vp_jscan_memo memo;          /* names' memo: "fields" of a row's records */
	} lk;
	/* vp_count_add_found: a lexicon theme (by index) -> its theme here,
	 * valid while the name pointer is the same */
	struct { const char *name; size_t idx; } *lxmap;
	size_t nlxmap;
	/* --dedup */
	struct vp_seen *ids;         /* hashes of the ids of the records counted that are
	                              * no copy: is a campaign's first record among them? */
	struct campaign *camps;
	size_t ncamps, campalloc;
	size_t *campslot;            /* index + 1, 0 empty */
	size_t campcap;
};

/* What counting needs from one record, whichever way it was read. */
struct view {
	const char *flat;      /* its group under --by / --level */
	const char *level[3];  /* locality, place, system names (nested only) */
	const char *id;        /* for quotes and campaigns */
	const char *text;      /* for quotes; NULL: none */
	const char *respondent; /* NULL: the record is its own respondent */
	const char *source;    /* the respondent's source ("source"; NULL: none): the
	                        * same id in two sources is two people */
	size_t source_len;     /* (source need not end in NUL) */
	int sent;              /* the record's sentiment, VP_SENT_* or -1 */
	const char *campaign;  /* --dedup: its campaign id, NULL: none */
	int marked_copy;       /* without --dedup: a copy vp-dedup marked ("campaign"),
	                        * counted as an answer (said at the end) */
	int untaggable;        /* vp-tag could not read it ("untaggable": "language") */
	const char *lexicon;   /* its "lexicon" (VP_LEXICON_FP_LEN bytes), NULL: none */
	int resp_seen;         /* vp_count_parts.resp_seen (0: ask the set) */
};

extern const char *const vpc_level_names[3];

size_t vpc_tmap_intern(struct tmap *t, const char *name);
/* The same for s[0..n), which holds no NUL and need not end in one. */
size_t vpc_tmap_intern_n(struct tmap *t, const char *s, size_t n);

/* Theme names are short and looked up a few times a record: hashed 8
 * bytes at a time and compared inline, not FNV byte by byte and a memcmp
 * call (vp-count 0.986x).  Only for this table: never written anywhere. */
static inline size_t vpc_tmap_hash(const char *s, size_t n)
{
	return n ? vp_hash_short(s, n) : 0;
}

/* The index of theme name s[0..n) when it is interned, else (size_t)-1:
 * vpc_tmap_intern_n's common case, inline for the line fast path (a
 * record's every theme is one of the few dozen met before). */
static inline size_t vpc_tmap_find_n(const struct tmap *t, const char *s, size_t n)
{
	if (!t->cap)
		return (size_t)-1;
	for (size_t h = vpc_tmap_hash(s, n) & (t->cap - 1); t->slot[h]; h = (h + 1) & (t->cap - 1)) {
		size_t i = t->slot[h] - 1;
		if (t->len[i] == n && vp_same_bytes(t->name[i], s, n))
			return i;
	}
	return (size_t)-1;
}
struct group *vpc_gmap_get(vp_count *c, struct gmap *m, const char *name, vp_err *e);
/* g's cell for theme idx, added (zero) if g has none; NULL: out of memory.
 * The pointer holds until the next cell is added to g. */
struct tcell *vpc_cell(struct group *g, size_t idx);
int vpc_quote_offer(const vp_count *c, struct qlist *l, double score, const char *id,
                    const char *text);
double vpc_round_to(double x, double scale);
double vpc_score_of(size_t spans, size_t hits, size_t tokens, const char *text);
const char *vpc_string_name(const char *s);
int vpc_nul_in(const json_t *v);
const char *vpc_date_part(const char *s, const char *colon, char *buf);
int vpc_rt_push(vp_count *c, size_t idx, const char *name, double score, int sent);
int vpc_sent_parse(const char *label, size_t n);
/* What vp-count publishes, masked by vp_redact_with with c->o.given_names
 * (count.c; vp_count_merge masks a document's with them too):
 * vpc_redact_into: a quote's or a campaign's first text, masked and cut,
 * into c->redacted; vpc_mask_cstr: an id shown with them, into b;
 * vpc_safe_name: a group name, trimmed and masked, valid until the next
 * call (NULL: out of memory). */
int vpc_redact_into(vp_count *c, const char *text);
int vpc_mask_cstr(const vp_count *c, vp_buf *b, const char *s);
const char *vpc_safe_name(vp_count *c, const char *name);
int vpc_campaign_merge(vp_count *c, const char *id, unsigned long size, const char *first_id,
                       const char *first_text, vp_err *e);
enum { LEX_UNSET = 0, LEX_SOME, LEX_NONE };
/* A record (doc 0) or a document with records (doc 1) tagged with lexicon
 * fp (VP_LEXICON_FP_LEN bytes; NULL: none) is about to be counted: 0 when
 * it may (the counter's lexicon fixed by the first), else EX_DATAERR with
 * count.h's message and c->lexmixed set. */
int vpc_lexicon_take(vp_count *c, const char *fp, int doc, vp_err *e);

/* Count the record described by v, its themes being in c->rt. */
int vpc_count_view(vp_count *c, const struct view *v, vp_err *e);

#endif
