/* count.h - theme counts per group (locality, place, system or any field):
 * the accumulator.  The document it renders, and merging documents, are
 * count_doc.h's.
 *
 * A vp_count accumulates tagged records (vp_count_add) or whole vp-count
 * documents (vp_count_merge) and renders one JSON document
 * (vp_count_json).  Memory is bounded by the (group, theme) pairs that
 * occur (x quotes), never by the number of records: each group holds
 * counters for each theme it met and, with quotes on, a best-first list of
 * at most N quotes per theme.
 *
 * Because a document carries everything the accumulator holds (counts and
 * the candidate quotes with their scores), merging documents gives exactly
 * what counting all their records together would have given.
 *
 * Document shape (keys sorted, indent 2; see README "vp-count"):
 *   {"records": N, "rejected": R, "level": "locality",
 *    "localities": {"Leicester City": GROUP, ..., "Unassigned": GROUP},
 *    "total": GROUP}
 *   GROUP = {"records": n, "untagged": u,
 *            "themes": {"transport": {"records": k, "share": 0.1234,
 *                                     "quotes": [{"id":..,"score":..,"text":..}]}}}
 * With --by FIELD: "by": FIELD and "groups" instead of "level"/"localities".
 * With nested: also "systems": {S: GROUP + "places": {P: GROUP + "localities": {...}}}.
 * With quotes: also "quotes_per_theme": N (and with quote_polarity
 * "quote_polarity": true and per theme "quotes_positive"/"quotes_negative").
 * When a record has "respondent" (or per == VP_PER_RESPONDENT): "per",
 * "respondents" in the document and every GROUP, per theme "respondents" and
 * "respondent_share" (respondent = a run of adjacent records with the same
 * "respondent"; "respondents_not_adjacent": N when one reappeared).  When a
 * record has "sentiment": "sentiment": {positive, negative, neutral, mixed}
 * per GROUP and theme.  With dedup: "campaigns": [{id, size, copies,
 * example_id, first_text}], "duplicates" in the document and every GROUP.
 * When the records carry vp-tag's "lexicon" (its set's fingerprint,
 * lexicon.h): "lexicon" in the document.
 * Without those the document is byte for byte what it was before them.
 *
 * One count, one lexicon set: every record counted must carry the same
 * "lexicon", or all none (null is none); every document merged that has
 * records likewise (one of no records, an empty split, has none and takes
 * any).  The first record (document) with records fixes which; one that
 * differs is refused with EX_DATAERR naming both fingerprints, before
 * anything of it is counted -- "tagged with lexicon B; in.ndjson:1 with A
 * -- tag them all with the same lexicons" (documents: "counted with
 * lexicon B; jan.json with A -- tag both with the same lexicons") -- where
 * the first came from being what vp_count_lexicon_from was told.  vp-count
 * fails on it even with --skip-bad: which of the two is the bad one is not
 * the records' to say.  A "lexicon" that is no fingerprint (16 lower-case
 * hex digits) is a bad record (a document: malformed).
 */
#ifndef VOXPOP_COUNT_H
#define VOXPOP_COUNT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <jansson.h>

#include "voxpop/err.h"
#include "voxpop/filter.h"
#include "voxpop/lexicon.h" /* vp_theme_found */
#include "voxpop/record.h" /* VP_UNASSIGNED */
#include "voxpop/sentlabel.h"

enum vp_level { VP_LEVEL_LOCALITY = 0, VP_LEVEL_PLACE, VP_LEVEL_SYSTEM };

#define VP_COUNT_MAX_GROUPS 100000  /* default limit on distinct groups */
#define VP_QUOTE_MAX_BYTES 1000     /* longer quotes are cut (after redaction) */

typedef struct vp_count_opts {
	const char *by;     /* NULL: group by level; else a field spec, see vp_count_by_parse */
	int level;          /* enum vp_level, used when by == NULL */
	int nested;         /* also count system -> place -> locality */
	size_t quotes;      /* keep up to this many quotes per theme per group (0: none) */
	size_t max_groups;  /* 0: VP_COUNT_MAX_GROUPS */
	int per;            /* enum vp_per: the headline denominator (--per) */
	int dedup;          /* --dedup: a campaign counts once per group for themes */
	size_t max_campaigns; /* 0: VP_COUNT_MAX_CAMPAIGNS */
	int quote_polarity; /* --quote-polarity: also quotes per positive / negative */
	/* --part (vp-count, vp-merge): the count is one part of a split input,
	 * for vp-merge: a --by member that no record of the part had is no
	 * error (vp_count_check_by) but "by_absent": true in the document, and
	 * vp-merge without --part checks the parts together */
	int part;
	int compact;        /* --compact: vp_count_stage writes the document on one line */
	/* vp-run: the fingerprint of the lexicon that tagged the records given
	 * as found (vp_count_add_found, vp_count_add_parts), which count as
	 * carrying it whatever their line has (vp-tag replaces it); NULL: none */
	const char *lexicon;
	struct vp_seen *seen; /* respondents seen (seen.h), shared by vp-run's workers;
	                       * NULL: the accumulator keeps its own */
	/* vp-redact's list of given names (redact.h; not owned), so quotes, ids
	 * and group names are masked as vp-redact masks them; NULL: names only
	 * after their cue words */
	const struct vp_given_names *given_names;
} vp_count_opts;

/* --per: what a share is out of.  Answers (records) is the default; with
 * respondent the document says "per": "respondent" and vp-report shows
 * respondent counts and respondent_share. */
enum vp_per { VP_PER_ANSWER = 0, VP_PER_RESPONDENT };
#define VP_COUNT_MAX_CAMPAIGNS 10000  /* default limit on distinct campaigns (--dedup) */
/* The four sentiment labels vp-sentiment writes, in this order. */

typedef struct vp_count vp_count;

/* Level name ("locality", "place", "system") -> enum vp_level, or -1. */
int vp_level_parse(const char *s);
const char *vp_level_name(int level);

/* Check a --by spec and write its canonical form to out (>= 256 bytes):
 * "FIELD", "fields.NAME" (a key of the record's "fields" object), either of
 * those followed by ":month" (YYYY-MM) or ":year" (YYYY) taken from an ISO
 * date; "month"/"year" alone mean "date:month"/"date:year".
 * Returns 0, -1 if the spec is malformed, or VP_COUNT_BY_PERSONAL (out is
 * still written) for fields.NAME where NAME names a personal detail
 * (vp_header_is_personal: "Your name", "Email", "Postcode", ...): grouping
 * by it would publish each value, so the stages refuse it; a document
 * already made that way is read. */
#define VP_COUNT_BY_PERSONAL (-2)
int vp_count_by_parse(const char *spec, char *out, size_t outsz);
/* The usage message for vp_count_by_parse's refusal rc of spec, into msg. */
void vp_count_by_usage(const char *spec, int rc, char *msg, size_t msgsz);

/* --per UNIT: "answer" or "respondent" as enum vp_per, or -1. */
int vp_count_per_parse(const char *unit);

/* A new, empty accumulator; o->by must already be canonical.  NULL if out of memory. */
vp_count *vp_count_new(const vp_count_opts *o);
void vp_count_free(vp_count *c);

/* Count one tagged record.  0, or EX_DATAERR (e.g. "themes" is not an array;
 * e->msg has no location, the caller adds it), EX_SOFTWARE when there are
 * more groups than max_groups, EX_OSERR when out of memory.  On error the
 * record has not been counted at all. */
int vp_count_add(vp_count *c, const json_t *rec, vp_err *e);

/* Count one record given as its NDJSON line, without building a jansson
 * object (much faster).  Returns 1 when counted, or an EX_* code as
 * vp_count_add; returns 0, having counted nothing, when the line is not
 * plainly a valid record (bad JSON, odd types, escapes it does not decode):
 * then parse it with jansson (vp_reader_parse) and use vp_count_add, which
 * gives the same result or the proper error message. */
int vp_count_add_line(vp_count *c, const char *line, size_t len, vp_err *e);

/* Respondents are counted per run of adjacent records with the same
 * "respondent" (over all records; a group counts each run that reached it).
 * The next record begins a new run whatever its respondent: vp-run's workers
 * call it at the start of each batch, as records of other batches came
 * between. */
void vp_count_break_run(vp_count *c);

/* The warnings at the end of a count, on err: respondents whose records were
 * not adjacent, and respondents the check could not hold (seen.h). */
void vp_count_warn_end(const vp_count *c, const char *prog, FILE *err);
/* 0, or EX_DATAERR with e filled when --by names a member that no counted
 * record had, not even as null (records without "fields" for fields.NAME:
 * vp-ingest's default; or whose "fields" is not an object): every record
 * would be Unassigned, a figure wrong without a word. */
int vp_count_check_by(const vp_count *c, vp_err *e); /* 0 with o.part */

/* 1 if the record just counted began a run of a respondent seen before,
 * after other respondents' records (counted in "respondents_not_adjacent"). */
int vp_count_reappeared_now(const vp_count *c);

/* Name the first such record on err: "prog: WHERE: warning: respondent seen
 * again ..." (WHERE: vp-count's "file:line", vp-run's 'record "ID"'). */
void vp_count_warn_reappeared(const char *prog, const char *where, FILE *err);

/* vp-run: vp_count_add_line for a line without "themes", "tokens",
 * "untaggable" and "sentiment", its themes given as the matcher found them
 * (vp_themes_found), its number of tokens, whether vp-tag left it untagged
 * for its language, and vp-sentiment's labels (VP_SENT_*): the record's
 * sent (-1: it has no "sentiment") and each theme's, tsent[0..nth) (NULL:
 * none): the same count as the line with those members, without writing
 * and scanning them.  Returns as vp_count_add_line (0: unsure, use the
 * jansson path). */
int vp_count_add_found(vp_count *c, const char *line, size_t len, const vp_theme_found *th,
                       size_t nth, size_t ntokens, int untaggable, int sent,
                       const signed char *tsent, vp_err *e);

/* vp-run: a table row's record given as its parts, raw UTF-8 without NUL
 * bytes (s NULL: the record has no such member), counted as the same
 * record's line would be by vp_count_add_found -- without writing the
 * parts as JSON and scanning them again.  For counters grouping by a level
 * (o->by NULL) whose records carry no sentiment.  Returns 1 when counted,
 * or an EX_* code. */
typedef struct vp_count_part {
	const char *s;
	size_t n;
} vp_count_part;
typedef struct vp_count_parts {
	vp_count_part id, source, locality, respondent, text;
	/* When the record begins a run of its respondent's records: 0, the
	 * counter asks its set of respondents (vp_count_opts.seen); 1, the
	 * caller asked that set for it, and the respondent was not in it; 2,
	 * it was (vp-run's reader asks, in the records' order). */
	int resp_seen;
} vp_count_parts;
int vp_count_add_parts(vp_count *c, const vp_count_parts *p, const vp_theme_found *th,
                       size_t nth, size_t ntokens, int untaggable, vp_err *e);
/* The key a counter knows respondent resp[0..n) of source src[0..srclen)
 * by (src NULL: no source), in its runs and its set of respondents: the
 * one a caller asking the set for it (resp_seen) must use. */
uint64_t vp_count_respondent_key(const char *resp, size_t n, const char *src, size_t srclen);
/* The same from the key of its source (vp_count_source_key: 0 for none),
 * which is the domain the counter's set of respondents holds it in
 * (vp_seen_add_key): a caller asking the set gives it both. */
uint64_t vp_count_source_key(const char *src, size_t srclen);
uint64_t vp_count_respondent_key_in(const char *resp, size_t n, uint64_t srckey);

/* Where the record or document just added came from (name, and line when
 * not 0: "in.ndjson:7", "jan.json"), kept when it was the first to fix the
 * counter's lexicon (or its having none), for the message about one that
 * differs; else nothing.  Call it after each add.  0, or EX_OSERR. */
int vp_count_lexicon_from(vp_count *c, const char *name, unsigned long line, vp_err *e);

/* Note n records that were rejected before counting (--skip-bad). */
void vp_count_rejected(vp_count *c, unsigned long n);

/* The check vp-count makes of a record's "themes" (not absent or null:
 * that is the caller's to say): an array whose every entry is a theme name
 * or an object with one ({"theme": "name"}), not empty, holding no NUL.
 * 0, or EX_DATAERR with vp-count's message ("\"themes\" is not an array",
 * "themes[2] has no \"theme\" name", ...).  vp-sentiment checks with it. */
int vp_count_themes_check(const json_t *themes, vp_err *e);
/* The same for entry i alone; *name (name may be NULL) its name or NULL. */
int vp_count_theme_check(const json_t *t, size_t i, const char **name, vp_err *e);

/* Score of a theme for a record: hits for it (spans if present, else hits
 * entries, at least 1) per token (tokens array, else words in text), rounded
 * to 6 decimals so it survives a round trip through the JSON unchanged. */
double vp_count_score(const json_t *rec, const json_t *theme_entry);

/* vp-count as a record filter (see filter.h): every record counted into c
 * (vp_count_add_line, else vp_count_add), a record that cannot be counted
 * is a bad record; at the end the rejected are noted and the document
 * written (vp_count_emit). */
void vp_count_stage(vp_count *c, vp_filter_stage *st, const char *prog);

#endif
