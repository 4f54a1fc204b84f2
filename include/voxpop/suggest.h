/* suggest.h - vp-suggest: lexicon entries proposed from a team's own coding.
 *
 * Input: tagged records (vp-tag output: "id", "text", "tokens", "themes";
 * with vp-tag --explain also the token "spans" each theme fired on) and the
 * coded set: per coded comment, which themes a person gave it.  The coded
 * set is split into a fit part and a held-back part (hash of the id, or of
 * vp-eval's --hash-col, % N == 0 is held back); only the fit part chooses.
 *
 * Per theme T, candidates are
 *   - additions: runs of 1..max_n stemmed tokens, and "a ? c" gap phrases,
 *     found in fit-part comments (not runs of stopwords only);
 *   - exclusions ("!phrase"): runs of 2..max_n tokens overlapping a span T
 *     fired on and reaching outside it (needs --explain records).
 * An addition tags the comments it occurs in that T did not tag; an
 * exclusion untags a comment when it overlaps every span T fired on.
 * Guards: an entry must fire on at least min_support fit-part comments,
 * and the tags it adds (or removes) must be right at least min_precision of
 * the time.  Entries are chosen greedily by F1 gain on the fit part (each
 * gain given the entries chosen before it), up to top per theme, while the
 * gain is positive; each is also scored on the held-back part, which never
 * chooses.  The counts ignore interactions with other themes' entries
 * (longest match wins): re-tag and vp-eval to confirm.
 *
 * With the lexicon set that tagged the records (opts.lexicon), also word-list
 * members: a word that, put in a list {NAME}, would make the theme's
 * entries written with {NAME} catch coded comments ("surgeon" for roles.list,
 * through "{roles} was {praise}").  Candidates are the words standing in a
 * list's place where such an entry matches otherwise, not in the list
 * already (nor under a member's wildcard), not stopwords; each is weighed
 * alone against the comments as tagged (not with the entries chosen), with
 * the same guards, and the best up to top per theme are listed.
 *
 * --untagged: stemmed n-grams of the comments no theme caught, ranked by
 * keyness (log-likelihood G2 of comment counts against the tagged comments).
 *
 * Memory: the records read are held (tokens as interned ids, text for the
 * examples) -- this is an analysis of a coded sample, not a stream filter.
 */
#ifndef VOXPOP_SUGGEST_H
#define VOXPOP_SUGGEST_H

#include <stdio.h>
#include <jansson.h>

#include "voxpop/err.h"
#include "voxpop/eval.h"
#include "voxpop/lexicon.h"
#include "voxpop/text.h"

typedef struct vp_suggest vp_suggest;

typedef struct vp_suggest_opts {
	const char *theme;          /* only this theme (NULL: every coded theme) */
	unsigned long min_support;  /* 0 means the default, 3 */
	unsigned long split_n;      /* pairs file: hash(id) % N == 0 held back; 0: none */
	unsigned long top;          /* entries (or phrases) per theme; 0: 10 */
	double min_precision;       /* < 0: the default, 0.5 */
	unsigned max_n;             /* longest phrase in tokens; 0: 3 */
	int untagged;               /* emerging themes instead of entries */
	const vp_lexicon *lexicon;  /* the set that tagged the records, loaded
	                             * with tx: members for its word lists
	                             * (NULL: none); borrowed */
} vp_suggest_opts;

/* tx (english) gives surface words for stems and the stopwords; borrowed. */
vp_suggest *vp_suggest_new(const vp_suggest_opts *o, vp_text *tx, vp_err *e);
void vp_suggest_free(vp_suggest *s);

/* Add the coded rows of a loaded vp_eval (its scored part); held: they are
 * the held-back part.  Call for every part before vp_suggest_add. */
int vp_suggest_gold_eval(vp_suggest *s, const vp_eval *ev, int held, vp_err *e);

/* Read a two-column coded file, CSV as spreadsheets write it (quoted
 * fields, BOM, CRLF; TAB-separated when its first line has a TAB): "id,theme"
 * per theme given, or "id,a; b" (also ',' or '|' inside the cell), "id," for
 * a comment coded with no theme; '#' lines, blank lines, empty fields after
 * the two and a header "id,theme" (any case) are skipped; a third field or a
 * theme name that cannot be one is an error at its line.  A theme counts
 * for its parents too; names differing only in case are one theme. */
int vp_suggest_gold_pairs(vp_suggest *s, FILE *fp, const char *name, vp_err *e);
/* After vp_suggest_gold_pairs: a note (FILE:LINE: ...) when an id was coded
 * both with no theme and with a theme (the theme is kept), or NULL. */
const char *vp_suggest_pairs_note(const vp_suggest *s);

/* One tagged record.  EX_DATAERR for a record without id or tokens. */
int vp_suggest_add(vp_suggest *s, const json_t *rec, vp_err *e);

/* Choose the entries (or the emerging phrases). */
int vp_suggest_run(vp_suggest *s, vp_err *e);

/* Results: readable text, JSON, or the chosen entries of one theme in
 * lexicon syntax with their evidence in comments. */
int vp_suggest_write_text(const vp_suggest *s, FILE *out, vp_err *e);
json_t *vp_suggest_report(const vp_suggest *s);          /* NULL: OOM */
int vp_suggest_write_lexicon(const vp_suggest *s, FILE *out, vp_err *e);
/* Themes analysed (after run): for --write, which wants exactly one. */
size_t vp_suggest_nthemes_run(const vp_suggest *s);
/* Records read that had no spans although a theme fired (no exclusions
 * can be proposed for them). */
unsigned long vp_suggest_without_spans(const vp_suggest *s);
/* Records vp-tag could not read ("untaggable": another language than the
 * lexicon's): coded, they are scored with no tokens (no entry can tag
 * them); with --untagged they are left out. */
unsigned long vp_suggest_untaggable(const vp_suggest *s);
/* Coded ids no record read had (they score as untagged); *first: the
 * first of them, or NULL. */
unsigned long vp_suggest_without_record(const vp_suggest *s, const char **first);
/* Records read whose id is not coded (they are not used; with --untagged
 * every record is) and the first of them, or NULL. */
unsigned long vp_suggest_not_coded(const vp_suggest *s, const char **first);
/* Records left out because a record read before had their coded id (the
 * first counts) and the first such id, or NULL. */
unsigned long vp_suggest_repeated(const vp_suggest *s, const char **first);
/* EX_DATAERR, naming name (the coded set's file), when not one coded id is
 * a record's -- records were read but none has a coded id, or none was
 * read at all: nothing could be learnt, every figure would be 0.  Call
 * after the records. */
int vp_suggest_check_ids(const vp_suggest *s, const char *name, vp_err *e);

/* F1 of tp, fp, fn (0 when all are 0). */
double vp_f1(double tp, double fp, double fn);

#endif
