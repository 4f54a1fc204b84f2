/* normalise.h - vp-normalise's record logic: add "tokens", the record's
 * text (field "text" or another) normalised, split and stemmed by vp_text,
 * and "lang", the language the text is written in (vp_lang_detect; "und"
 * when unsure or no text), unless detect_lang is 0.
 *
 * A vp_normalise is the stage's context for the record-filter driver:
 *
 *   vp_normalise n;
 *   vp_filter_stage st;
 *   if (vp_normalise_init(&n, tx, "text") == 0) {
 *       vp_normalise_stage(&n, &st, "vp-normalise");
 *       rc = vp_filter_run(&st, &n, skip_bad, nfiles, files);
 *   }
 *   vp_normalise_free(&n);
 *
 * The fast path splices "tokens" into the line; a record whose text is not
 * a string (or not UTF-8) is a bad record; no text (absent, null, "") gives
 * "tokens": [] (and "lang": "und").  "tokens" and "lang" are spliced in
 * together, "lang" last; a record that has either already goes through
 * jansson and has both replaced.
 */
#ifndef VOXPOP_NORMALISE_H
#define VOXPOP_NORMALISE_H

#include "voxpop/buf.h"
#include "voxpop/filter.h"
#include "voxpop/text.h"

typedef struct vp_normalise {
	vp_text *tx;           /* not owned */
	const char *keys[3];   /* the text field, "tokens", "lang" */
	int detect_lang;       /* write "lang" too */
	vp_tokens toks;
	vp_buf json;           /* the "tokens" value being written (and ,"lang":"xx") */
	vp_buf scratch;        /* decoded text, when it had escapes */
} vp_normalise;

/* field: the member holding the text (not owned; kept); detect_lang: write
 * "lang".  Always 0. */
int vp_normalise_init(vp_normalise *n, vp_text *tx, const char *field, int detect_lang);
void vp_normalise_free(vp_normalise *n);

/* Whether a record line of len bytes ('\n' aside) with the tokens t (and
 * "lang": lang, when not NULL) added as vp-normalise adds them is at most
 * max bytes: 1, or 0 with why filled ("record with its tokens longer than
 * N bytes (--max-line)", vp_filter_too_long).  vp-run's measure (the line
 * counted: the chain's, whatever vp-run builds): vp-normalise itself has
 * the filter driver measure the line it writes, which for a line without
 * "tokens" and "lang" is this. */
int vp_normalise_fits(size_t len, const vp_tokens *t, const char *lang, size_t max, char *why,
                      size_t whysz);

/* The length of that line with them added (SIZE_MAX: longer). */
size_t vp_normalise_len(size_t len, const vp_tokens *t, const char *lang);

/* Fill st to run n (its ctx) through vp_filter_run. */
void vp_normalise_stage(vp_normalise *n, vp_filter_stage *st, const char *prog);

#endif
