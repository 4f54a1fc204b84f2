/* dedup.h - exact and near-duplicate texts, and campaigns (vp-dedup).
 *
 * A text is normalised as vp-normalise does it (NFKC, case folding, words
 * split on whitespace and punctuation; not stemmed), but symbols are
 * punctuation too (VP_TEXT_NOSYMBOL: no token for an emoji, a currency
 * sign or an emoticon; a text of them alone has no words), so two texts are
 * exact duplicates when their word sequences are equal (compared by a
 * 64-bit hash).  Texts of at least min_words words also get a MinHash
 * signature of VP_DEDUP_HASHES 32-bit values (kept as their low 16 bits)
 * over their shingles of `shingle` words -- one-permutation MinHash with
 * optimal densification:
 * one hash per shingle picks a bin and competes for its minimum, empty bins
 * borrow a filled bin's value -- indexed by LSH in VP_DEDUP_BANDS bands of
 * VP_DEDUP_ROWS bins: a later text sharing a whole band with a kept one is
 * a candidate, and is a near duplicate when the fraction of equal values
 * (the estimated Jaccard similarity of the shingle sets) is at least
 * `threshold` -- unless one text holds the three words another's negation
 * leaves when taken out ("i support the" for "i do not support the") and
 * does not negate them too: the opposite view is no copy (dedup.c,
 * polarity).
 *
 * Exact or near copies of a text of min_words words or more make a
 * campaign, identified by the id of its first record.  Shorter texts
 * ("No", "Nothing to add") are only ever exact duplicates: they get a
 * first id but never a campaign.
 *
 * Memory is bounded by max_items: each new text (and each copy different
 * enough to be worth keeping as a further example of its campaign) takes a
 * slot (and so does a copy whose matched example is in the older half of
 * the ring, renewing it: a campaign still receiving copies is not
 * forgotten); when all slots are taken the oldest is reused (FIFO), so a
 * copy coming more than max_items / 2 new texts after its campaign's last
 * copy may start a new one (more than max_items: always does).  The caller
 * sees this in stats.evicted.
 */
#ifndef VOXPOP_DEDUP_H
#define VOXPOP_DEDUP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "voxpop/err.h"
#include "voxpop/filter.h"

#define VP_DEDUP_HASHES 64
#define VP_DEDUP_BANDS 16
#define VP_DEDUP_ROWS (VP_DEDUP_HASHES / VP_DEDUP_BANDS)
/* The most of --max-items (slots are 32-bit indices; ~600-750 bytes each). */
#define VP_DEDUP_MAX_ITEMS (1u << 24)
/* Bytes of the first text kept for a campaign (cut at a word's end, before
 * any words with a digit or @ ending the part; redacted in the report). */
#define VP_DEDUP_FIRST_TEXT 200

typedef struct vp_dedup vp_dedup;

typedef struct vp_dedup_opts {
	size_t max_items;    /* slots (default 100000) */
	double threshold;    /* near duplicate from this estimated Jaccard on (default 0.5) */
	double keep_below;   /* a near copy this similar or more is not kept as an example (0.9) */
	unsigned min_words;  /* campaign texts have at least this many words (default 15) */
	unsigned shingle;    /* words per shingle (default 3) */
	const char *text_field; /* for vp_dedup_record (default "text") */
	FILE *report;        /* if set: the campaigns document is written here */
	const char *report_name; /* report's name in messages (NULL: "report") */
	/* vp-redact's list of given names (redact.h; not owned): the report's
	 * ids and texts are masked with it; NULL: names only after their cues */
	const struct vp_given_names *given_names;
} vp_dedup_opts;

void vp_dedup_opts_default(vp_dedup_opts *o);

enum {
	VP_DEDUP_NEW = 0,    /* first of its kind (or no text) */
	VP_DEDUP_EXACT = 1,  /* the same words as an earlier text */
	VP_DEDUP_NEAR = 2,   /* estimated Jaccard >= threshold with an earlier text */
};

/* What vp_dedup_add decided about one text.  Pointers are valid until the
 * next call. */
typedef struct vp_dedup_match {
	int kind;              /* VP_DEDUP_* */
	const char *first;     /* kind != NEW: id of the first record (duplicate_of) */
	int campaign;          /* 1: the text is in a campaign, whose id is first */
	size_t size;           /* campaign: its records so far, this one and the first included */
	double similarity;     /* NEAR: the estimated Jaccard; EXACT: 1 */
	size_t words;          /* words in the normalised text */
} vp_dedup_match;

typedef struct vp_dedup_stats {
	unsigned long records;     /* records through the stage (bad ones not counted) */
	unsigned long texts;       /* texts seen by vp_dedup_add */
	unsigned long exact, near; /* duplicates found (exact includes short answers) */
	unsigned long short_exact; /* exact duplicates too short for a campaign */
	unsigned long campaigns;   /* campaigns started */
	unsigned long campaign_records; /* records in campaigns, first records included */
	unsigned long evicted;     /* slots reused while still holding a text */
	unsigned long campaigns_forgotten; /* campaigns whose last slot was reused */
	unsigned long candidates;  /* signatures compared */
	size_t slots_used;         /* slots holding a text now */
} vp_dedup_stats;

/* 0, EX_USAGE (an option out of range, message in e) or EX_OSERR. */
int vp_dedup_open(vp_dedup **out, const vp_dedup_opts *o, vp_err *e);
void vp_dedup_close(vp_dedup *d);

/* Decide about one text: id[0..idlen) names its record, text[0..n) is
 * UTF-8.  0, EX_DATAERR (invalid UTF-8, or a NUL in the id: message in
 * e), EX_OSERR, or
 * EX_IOERR (writing a closed campaign to the report). */
int vp_dedup_add(vp_dedup *d, const char *id, size_t idlen, const char *text, size_t n,
                 vp_dedup_match *m, vp_err *e);

/* Fill st to run d (its ctx) through the record-filter driver
 * (vp_filter_run): each record is written with "duplicate_of" and
 * "campaign" added (replaced, or removed when it is not a duplicate), and a
 * record with a text but no "id" gets "id": "record:N", the name it is
 * known by; a text that is not a string, or not UTF-8, is a bad record;
 * after the last record the campaigns document is finished (its "rejected":
 * the records the driver skipped) by vp_dedup_finish. */
void vp_dedup_stage(vp_dedup *d, vp_filter_stage *st, const char *prog);

/* Write the end of the campaigns document to opts.report (if set) and
 * flush it.  0 or EX_IOERR.  (The stage's end: vp_dedup_stage calls it.) */
int vp_dedup_finish(vp_dedup *d, vp_err *e);

void vp_dedup_stats_get(const vp_dedup *d, vp_dedup_stats *st);

/* The signature of a text (for tests and tuning): sig gets
 * VP_DEDUP_HASHES minima.  Returns the number of words, or -1 with e set. */
long vp_dedup_signature(vp_dedup *d, const char *text, size_t n, uint32_t *sig, vp_err *e);
/* The estimated Jaccard similarity of two signatures. */
double vp_dedup_similarity(const uint32_t *a, const uint32_t *b);

#endif
