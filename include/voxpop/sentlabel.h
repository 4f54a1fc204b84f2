/* sentlabel.h - the four sentiment labels: what vp-sentiment gives a record
 * and a theme, and what vp-count counts (in this order in its documents). */
#ifndef VOXPOP_SENTLABEL_H
#define VOXPOP_SENTLABEL_H

typedef enum vp_sent_label {
	VP_SENT_POSITIVE = 0, VP_SENT_NEGATIVE, VP_SENT_NEUTRAL, VP_SENT_MIXED, VP_SENT_N
} vp_sent_label;

/* Their names, "positive" ... "mixed", by label. */
extern const char *const vp_sentiment_labels[VP_SENT_N];

/* The name of l ("neutral" for anything out of range). */
const char *vp_sent_label_name(vp_sent_label l);

#endif
