/* fetch_state.h - the incremental state file of vp-fetch (high-water mark, ids at
 * the mark, committed output offset), replaced atomically.
 * Part of vp-fetch (fetch.h), usable and tested on its own.
 */
#ifndef VOXPOP_FETCH_STATE_H
#define VOXPOP_FETCH_STATE_H

#include <sys/types.h>
#include <jansson.h>

#include "voxpop/err.h"

/* ---- incremental state ---------------------------------------------- */

typedef struct vp_fetch_state {
	char *source;          /* what the state belongs to, e.g. "surveymonkey:123" */
	char *mark;            /* largest date fetched so far, NULL before the first run */
	json_t *ids;           /* object used as a set: ids emitted at exactly mark */
	int has_output;        /* the output below is a regular file we committed to */
	dev_t out_dev;
	ino_t out_ino;
	off_t out_offset;      /* its size after the last committed run */
} vp_fetch_state;

void vp_fetch_state_init(vp_fetch_state *s);
void vp_fetch_state_free(vp_fetch_state *s);

/* Load path into s.  A missing file is a fresh state (returns 0); an
 * unreadable one is EX_NOINPUT/EX_IOERR; one that is not a state file we
 * wrote is EX_DATAERR ("state.json: corrupt state file: ..."). */
int vp_fetch_state_load(vp_fetch_state *s, const char *path, vp_err *e);

/* Replace path atomically with s: write path.tmp, fsync, rename, fsync the
 * directory.  0 or EX_IOERR / EX_CANTCREAT. */
int vp_fetch_state_save(const vp_fetch_state *s, const char *path, vp_err *e);

/* Order two dates: ISO 8601 timestamps with offsets are compared as
 * instants, whole numbers numerically, anything else bytewise. <0, 0, >0. */
int vp_fetch_date_cmp(const char *a, const char *b);

/* Has a response (id, date) already been emitted according to s?
 * 1 if date is before the mark, or at the mark with id in ids. */
int vp_fetch_state_seen(const vp_fetch_state *s, const char *id, const char *date);

/* Note that (id, date) was emitted: advances mark and ids.  0 or -1 (OOM). */
int vp_fetch_state_note(vp_fetch_state *s, const char *id, const char *date);

#endif
