/* run_sent.h - vp-run's calls into vp-sentiment's code (sentiment.h), its
 * labels as numbers 0 .. VP_RUN_SENT_N-1 whose names ("positive", ...:
 * vp-count's vp_sentiment_labels) vp_run_sent_name gives.
 * sentiment.h and count.h name their label enums alike, so run.c includes
 * only count.h and run_sent.c only sentiment.h. */
#ifndef VOXPOP_RUN_SENT_H
#define VOXPOP_RUN_SENT_H

#include <stddef.h>

#include "voxpop/buf.h"
#include "voxpop/err.h"

typedef struct vp_sentiment vp_sentiment;

/* vp_sentiment_open: one per worker (it keeps each record's state). */
int vp_run_sent_open(vp_sentiment **s, const char *sentdir, const char *themedir,
                     const char *lang, vp_err *e);
void vp_run_sent_free(vp_sentiment *s);

/* vp-sentiment's fast path on a record: text[0..n) against question
 * q[0..qn) (q NULL: none), the record's tokens tok[0..ntok) offered as
 * vp-sentiment is offered vp-normalise's, has_themes: vp-tag found any.
 * 0, or an EX_* code (e filled). */
int vp_run_sent_score(vp_sentiment *s, const char *text, size_t n, const char *q, size_t qn,
                      const char *const *tok, const size_t *len, size_t ntok, int has_themes,
                      vp_err *e);
enum { VP_RUN_SENT_N = 4 };
/* The last record's label, and a theme's (by name). */
int vp_run_sent_label(const vp_sentiment *s);
int vp_run_sent_theme(vp_sentiment *s, const char *theme, size_t n);
/* A label's name. */
const char *vp_run_sent_name(int label);

/* vp-sentiment's jansson path: vp_sentiment_record (no tokens offered, no
 * explain): the record's "sentiment" JSON appended to sent, its themes
 * value with each theme's to themes_out. */
int vp_run_sent_record(vp_sentiment *s, const char *text, size_t n, const char *q, size_t qn,
                       const char *themes, size_t tlen, vp_buf *sent, vp_buf *themes_out,
                       vp_err *e);

#endif
