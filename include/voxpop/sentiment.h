/* sentiment.h - explainable sentiment per record and per theme (vp-sentiment).
 *
 * A sentiment set is a lexicon directory loaded with vp_lexicon_load (same
 * syntax as the theme lexicons); each file's theme names its role:
 *   positive.txt  negative.txt        polar entries, weight 1
 *   positive/strong.txt, negative/strong.txt   weight 2
 *   positive/weak.txt,   negative/weak.txt     weight 0.5
 *   wish.txt        "more", "should", "would be nice": negative, weight 1
 *   negation.txt    flips a polar entry starting within 3 tokens after it
 *   intensifier.txt x1.5, downtoner.txt x0.5 on a polar entry within 2 tokens
 *   contrast.txt    "but", "however": starts a new clause; the clauses of
 *                   the sentence before it weigh half
 *   concession.txt  "although", "apart from": the clause it opens (to the
 *                   next comma or the sentence end) weighs half
 *   nothing.txt     "nothing", "none", "no": an answer made only of these
 *                   (and filler.txt words) is a nil answer
 *   filler.txt      "thank you", "really": ignored when testing for a nil answer
 *   unsure.txt      "not sure", "as above": an answer of only these is neutral
 * A wish before a positive entry (2 tokens) turns it negative ("more
 * helpful"); a nothing.txt entry before a wish or negative entry (3 tokens)
 * turns it positive ("nothing better").
 * plus questions.tsv (not a lexicon: read by this module): lines
 *   question words<TAB>nothing=LABEL plain=LABEL [mixed=LABEL]
 * the first line whose words occur in a record's question (normalised like
 * the text) decides what an answer starting with a nothing.txt entry
 * means (a hit of weight 1.5 either way, or the label itself if there is no
 * other hit), what an answer with no polar entry at all is, and what a
 * mixed one leans to; a line with "*" as its words is the default (else
 * all are neutral / mixed).
 *
 * Text is cut into sentences at . ! ? ; and line breaks (not inside numbers:
 * "3.5"), sentences into clauses at commas and contrast words.  A record's
 * positive mass P and negative mass N are the summed weights of its polar
 * hits (times modifier and clause weights); label: nil answer / no hit ->
 * the question rule; both P and N and the smaller more than 0.45 of the
 * larger -> mixed (or the rule's lean); else the sign of P - N.  score =
 * P - N.  A theme gets the same computed over the clauses where its lexicon
 * matches start (re-matched here sentence by sentence with the theme
 * lexicon); a theme whose clauses have no polar hit takes the record's
 * label when the record has none either, else neutral; a theme not found
 * again takes the record's label.
 */
#ifndef VOXPOP_SENTIMENT_H
#define VOXPOP_SENTIMENT_H

#include <stddef.h>
#include <stdio.h>

#include "voxpop/buf.h"
#include "voxpop/err.h"
#include "voxpop/jscan.h"
#include "voxpop/lexicon.h"
#include "voxpop/sentlabel.h"

typedef struct vp_sentiment vp_sentiment;

/* Load the sentiment set SENTDIR (and SENTDIR/questions.tsv if present) and
 * the theme set THEMEDIR (NULL: no per-theme sentiment), stemming in LANG
 * (NULL: english).  Returns 0, EX_NOINPUT, EX_CONFIG (file:line) or
 * EX_OSERR. */
int vp_sentiment_open(vp_sentiment **out, const char *sentdir, const char *themedir,
                      const char *lang, vp_err *e);
void vp_sentiment_free(vp_sentiment *s);
/* The theme set opened with it (NULL: none), whose fingerprint records
 * tagged for it carry. */
const vp_lexicon *vp_sentiment_theme_lexicon(const vp_sentiment *s);

/* Entries of the weight files (positive*, negative*, wish) that match the
 * same words as an entry of another one pulling the same way (negative and
 * wish are both negative): one "file:line: message" line
 * each appended to out.  Scoring counts such words once, at the stronger
 * weight.  Returns how many, or -1 when out of memory. */
long vp_sentiment_check(const vp_sentiment *s, vp_buf *out);

/* Score one text answering question (q may be NULL / empty).  Results are
 * valid until the next call.  0, EX_DATAERR (invalid UTF-8 seen by the
 * tokeniser: records hold valid UTF-8) or EX_OSERR. */
int vp_sentiment_score(vp_sentiment *s, const char *text, size_t n, const char *q,
                       size_t qn, vp_err *e);
/* Offer the record's own stemmed tokens (vp-normalise's "tokens", n of
 * them) to the next vp_sentiment_score / _record call: the text is then only
 * split, not stemmed again, and these are matched when the split gives as
 * many tokens (else the text is stemmed as usual).  They must stay valid
 * until that call returns; the offer is used once. */
void vp_sentiment_tokens(vp_sentiment *s, const char *const *tok, const size_t *len, size_t n);
/* vp_sentiment_score for a record whose themes are known (vp-run): with
 * has_themes 0 the theme lexicon is not matched again, as
 * vp_sentiment_record skips it for a record without themes (no theme's
 * clauses will be asked for).  The same label and theme answers. */
int vp_sentiment_score_themes(vp_sentiment *s, const char *text, size_t n, const char *q,
                              size_t qn, int has_themes, vp_err *e);
vp_sent_label vp_sentiment_label(const vp_sentiment *s);
double vp_sentiment_value(const vp_sentiment *s);

/* The record's "sentiment" value, as JSON text appended to out:
 * {"label":"positive","score":2,"hits":["very+kind","not+helpful"]};
 * explain adds "rule" (the question rule, file:line) and "explain": one
 * object per hit with its weight, clause and the entries (file:line) that
 * made it.  0 or -1 (out of memory). */
int vp_sentiment_json(const vp_sentiment *s, int explain, vp_buf *out);

/* Label and score of a theme (by name) over the clauses it matched in. */
int vp_sentiment_theme(vp_sentiment *s, const char *theme, size_t n,
                       vp_sent_label *label, double *score);

/* One record line, the core of the stage: themes is the record's "themes"
 * value (validated JSON, p NULL if absent).  Scores text (decoded) and q,
 * appends the record's "sentiment" JSON to sent and the "themes" value with
 * "sentiment":{"label":..,"score":..} added to (or replaced in) each theme
 * object to themes_out.  0, EX_DATAERR, or EX_OSERR. */
int vp_sentiment_record(vp_sentiment *s, const char *text, size_t n, const char *q,
                        size_t qn, vp_jspan themes, int explain, vp_buf *sent,
                        vp_buf *themes_out, vp_err *e);
/* The second half of vp_sentiment_record, for a text scored already
 * (vp_sentiment_score or _score_themes): sent and themes_out as it
 * appends them (vp-run measures the record vp-sentiment would write). */
int vp_sentiment_render(vp_sentiment *s, vp_jspan themes, int explain, vp_buf *sent,
                        vp_buf *themes_out, vp_err *e);
/* The warning at the end of vp-sentiment (and vp-run) --question-field
 * qfield when records were read for their text but none had the field in
 * its "fields": most often a column vp-ingest was not asked to keep
 * (fields_seen 0: no record had "fields" at all), else a name not as
 * "fields" spells it. */
void vp_sentiment_warn_question(const char *qfield, int fields_seen, const char *prog,
                                FILE *err);

#endif
