/* run_sent.c - see run_sent.h */
#include "voxpop/sentiment.h"
#include "run_sent.h"

int vp_run_sent_open(vp_sentiment **s, const char *sentdir, const char *themedir,
                     const char *lang, vp_err *e)
{
	return vp_sentiment_open(s, sentdir, themedir, lang, e);
}

void vp_run_sent_free(vp_sentiment *s)
{
	vp_sentiment_free(s);
}

int vp_run_sent_score(vp_sentiment *s, const char *text, size_t n, const char *q, size_t qn,
                      const char *const *tok, const size_t *len, size_t ntok, int has_themes,
                      vp_err *e)
{
	vp_sentiment_tokens(s, tok, len, ntok);
	return vp_sentiment_score_themes(s, text, n, q, qn, has_themes, e);
}

_Static_assert((int)VP_SENT_NEUTRAL >= 0 && (int)VP_SENT_POSITIVE < (int)VP_RUN_SENT_N &&
               (int)VP_SENT_NEGATIVE < (int)VP_RUN_SENT_N && (int)VP_SENT_MIXED < (int)VP_RUN_SENT_N,
               "vp_sent_label fits 0 .. VP_RUN_SENT_N-1");

int vp_run_sent_label(const vp_sentiment *s)
{
	return (int)vp_sentiment_label(s);
}

int vp_run_sent_theme(vp_sentiment *s, const char *theme, size_t n)
{
	vp_sent_label l;
	double score;
	vp_sentiment_theme(s, theme, n, &l, &score);
	return (int)l;
}

const char *vp_run_sent_name(int label)
{
	return vp_sent_label_name((vp_sent_label)label);
}

int vp_run_sent_record(vp_sentiment *s, const char *text, size_t n, const char *q, size_t qn,
                       const char *themes, size_t tlen, vp_buf *sent, vp_buf *themes_out,
                       vp_err *e)
{
	return vp_sentiment_record(s, text, n, q, qn, (vp_jspan){themes, themes ? tlen : 0}, 0, sent,
	                           themes_out, e);
}
