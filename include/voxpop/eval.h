/* eval.h - score tagged records against human labels (precision, recall, F1).
 *
 * Gold labels come from a one-hot CSV: one row per item, an id column, and
 * one column per label holding 1 when the coder applied it.  A map file says
 * which labels make a row gold for which theme:
 *
 *     # comment
 *     access/waiting<TAB>Timeliness of care
 *     access<TAB>Contacting services|Timeliness of care
 *
 * Scoring rules (the same as the shared corpus README):
 * - a record predicts theme T when it lists T or any child of T ("T/...");
 * - every gold row in the scored part is scored; a row with no prediction
 *   record counts as predicting no themes;
 * - micro-F1 sums tp/fp/fn over the themes with at least VP_EVAL_MIN_SUPPORT
 *   gold rows in the scored part; macro-F1 is the mean F1 over those themes.
 *
 * Usage: vp_eval_new, vp_eval_load_map, (optionally restrict the scored part)
 * vp_eval_load_gold, then vp_eval_add for each tagged record, then
 * vp_eval_report / vp_eval_write_table.  Gold rows are held in memory (the
 * join needs them); predictions are streamed.
 */
#ifndef VOXPOP_EVAL_H
#define VOXPOP_EVAL_H

#include <stdio.h>
#include <jansson.h>

#include "voxpop/buf.h"
#include "voxpop/err.h"

#define VP_EVAL_MIN_SUPPORT 20

typedef struct vp_eval vp_eval;

typedef struct vp_eval_opts {
	const char *id_col;     /* gold column joined to the record "id" */
	const char *hash_col;   /* column hashed for a split (NULL: id_col) */
	unsigned long split_n;  /* 0: score every row; else split into N parts */
	int split_held;         /* 1: score only part 0 of N (held back), 0: the rest */
	const char *errors;     /* theme whose false positives/negatives are kept, or NULL */
	/* vp-redact's list of given names (redact.h; not owned): the texts kept
	 * for --errors are masked with it; NULL: names only after their cues */
	const struct vp_given_names *given_names;
} vp_eval_opts;

/* NULL only when out of memory.  opts is copied (strings are not). */
vp_eval *vp_eval_new(const vp_eval_opts *opts);
void vp_eval_free(vp_eval *ev);

/* Read the theme map.  Errors name "file:line". */
int vp_eval_load_map(vp_eval *ev, FILE *fp, const char *name, vp_err *e);

/* Only score gold rows whose id is listed in fp (one id per line, blank lines
 * and lines starting with # ignored).  Call before vp_eval_load_gold. */
int vp_eval_load_ids(vp_eval *ev, FILE *fp, const char *name, vp_err *e);

/* Read the one-hot gold CSV.  A label cell is 1, TRUE, x, yes or y (the
 * label applies), empty, 0, FALSE, no or n (it does not), in any case and
 * with spaces around.  A label named in the map but missing from the
 * header is an error at the map's line; a duplicate id, a missing id or
 * any other label cell is an error at the CSV's line; a file with no row
 * after the header is an error.  Ids and header names are trimmed. */
int vp_eval_load_gold(vp_eval *ev, FILE *fp, const char *name, vp_err *e);

/* Add one tagged record ("id", "themes": [{"theme": ...,"hits": [...]}]
 * or plain strings).  A record without a string or integer id is
 * EX_DATAERR; an id not in the gold file is counted (vp_eval_unknown). */
int vp_eval_add(vp_eval *ev, const json_t *rec, vp_err *e);

/* EX_DATAERR when no record was read, or records were read but not one
 * has an id of the gold file (ids a spreadsheet rewrote?): every score
 * would be 0.  Call after the records. */
int vp_eval_check_ids(const vp_eval *ev, vp_err *e);

/* The map's themes that no record read lists, nor a theme under them, as
 * "a, b" appended to names: they score 0, rightly, but are most likely not
 * themes of the lexicon (or spelt otherwise).  How many (none when no
 * record was read), or -1 when out of memory. */
int vp_eval_untagged(const vp_eval *ev, vp_buf *names);

/* Predictions whose id is not in the gold file at all (not just outside the
 * scored part), and the first such id (NULL if none). */
unsigned long vp_eval_unknown(const vp_eval *ev, const char **first);
/* Records left out because a record read before had their gold id (the
 * first is scored) and the first such id, or NULL. */
unsigned long vp_eval_repeated(const vp_eval *ev, const char **first);

/* Per-theme and overall scores as JSON:
 * {"rows": n, "predicted_rows": n, "missing": n, "unknown_ids": n,
 *  "min_support": 20, "themes": {"access": {"support": s, "predicted": p,
 *  "tp": .., "fp": .., "fn": .., "precision": .., "recall": .., "f1": ..,
 *  "averaged": true}, ...}, "micro": {"precision", "recall", "f1",
 *  "themes": k}, "macro": {"f1", "themes": k},
 *  "errors": {"theme": T, "false_positives": [{"id","text","hits"}...],
 *             "false_negatives": [{"id","text","themes"}...]}  (if asked)}
 * NULL when out of memory. */
json_t *vp_eval_report(const vp_eval *ev);

/* The same as a readable table (and the error listing, if asked). */
int vp_eval_write_table(const vp_eval *ev, FILE *out, vp_err *e);

/* The loaded gold, for other tools (vp-suggest): the map's themes in map
 * order, and the rows of the scored part with nthemes bytes of 0/1 each. */
size_t vp_eval_nthemes(const vp_eval *ev);
const char *vp_eval_theme_name(const vp_eval *ev, size_t t);
size_t vp_eval_nrows(const vp_eval *ev);
const char *vp_eval_row_id(const vp_eval *ev, size_t r);
const unsigned char *vp_eval_row_gold(const vp_eval *ev, size_t r);

/* Is theme b theme t or a child of it ("access/waiting" is access)?  Case
 * is not compared (ASCII): a team's coding spells "Access", vp-tag writes
 * the lexicon's "access" -- the same theme. */
int vp_eval_theme_covers(const char *t, const char *b);

/* Can s name a theme: not empty, no space, TAB or '|', no empty part
 * between '/'s? */
int vp_eval_theme_name_ok(const char *s);

/* FNV-1a 32-bit hash of s: the split is hash % N == 0 for the held part. */
unsigned long vp_eval_hash(const char *s, size_t n);

/* ---- record-level sentiment (vp-eval --sentiment COLUMN) ----
 *
 * Gold: COLUMN of the same CSV holds 1-5 (1-2 positive, 3 neutral, 4-5
 * negative); blank rows are not scored, anything else is an error at its
 * line.  Prediction: the record's "sentiment":{"label": ...}; "mixed" counts
 * as neutral.  Every coded row in the scored part counts; one without a
 * prediction is wrong.  Accuracy, per-class precision/recall/F1, macro-F1
 * over the three classes and a confusion matrix (rows gold, columns
 * predicted, plus "none").  opts: id_col, hash_col, split_n, split_held as
 * above; opts->errors, if set, is a gold class ("positive", "neutral",
 * "negative" or "all") whose misread rows are listed with their hits. */
typedef struct vp_senteval vp_senteval;

vp_senteval *vp_senteval_new(const vp_eval_opts *opts, const char *column);
void vp_senteval_free(vp_senteval *se);
int vp_senteval_load_gold(vp_senteval *se, FILE *fp, const char *name, vp_err *e);
int vp_senteval_add(vp_senteval *se, const json_t *rec, vp_err *e);
/* As vp_eval_check_ids: EX_DATAERR when no record read has a gold id. */
int vp_senteval_check_ids(const vp_senteval *se, vp_err *e);
unsigned long vp_senteval_unknown(const vp_senteval *se, const char **first);
unsigned long vp_senteval_repeated(const vp_senteval *se, const char **first);
json_t *vp_senteval_report(const vp_senteval *se);
int vp_senteval_write_table(const vp_senteval *se, FILE *out, vp_err *e);

#endif
