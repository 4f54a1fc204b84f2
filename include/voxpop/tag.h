/* tag.h - vp-tag's record logic: add "themes", the lexicon themes whose
 * entries match the record's "tokens" (vp-normalise's output).
 *
 * A vp_tag is the stage's context for the record-filter driver:
 *
 *   vp_tag t;
 *   vp_filter_stage st;
 *   if ((rc = vp_tag_init(&t, lx, explain, &e)) == 0) {
 *       vp_tag_stage(&t, &st, "vp-tag");
 *       rc = vp_filter_run(&st, &t, skip_bad, nfiles, files);
 *   }
 *   vp_tag_free(&t);
 *
 * The fast path reads plain tokens straight from the line and splices
 * "themes" in; a record without usable "tokens" is a bad record.
 */
#ifndef VOXPOP_TAG_H
#define VOXPOP_TAG_H

#include "voxpop/buf.h"
#include "voxpop/filter.h"
#include "voxpop/lexicon.h"

typedef struct vp_tag {
	const vp_lexicon *lx;  /* not owned */
	vp_matcher *m;
	int explain;           /* add "spans" and "entries" to each theme */
	const char **tok;      /* the record's tokens (pointing into it) */
	size_t *toklen, tokcap;
	vp_buf json;           /* the "themes" value being written */
} vp_tag;

/* 0, or EX_OSERR with e filled (then vp_tag_free all the same). */
int vp_tag_init(vp_tag *t, const vp_lexicon *lx, int explain, vp_err *e);
void vp_tag_free(vp_tag *t);

/* Fill st to run t (its ctx) through vp_filter_run. */
void vp_tag_stage(vp_tag *t, vp_filter_stage *st, const char *prog);

#endif
