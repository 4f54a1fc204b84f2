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
	json_t *odd;           /* ids emitted whose date could not be a mark: id ->
	                        * the date (a string) when it was only ahead of the
	                        * clock (it may become one), else true */
	char *pending;         /* an asynchronous export started, not finished, or NULL */
	int has_output;        /* the output below is a regular file we committed to */
	dev_t out_dev;
	ino_t out_ino;
	off_t out_offset;      /* its size after the last committed run */
	char *out_path;        /* its absolute path when bound, or NULL (a run on
	                        * another output cuts this one's tail first) */
	off_t out_run;         /* where a run that has not committed began writing
	                        * to it (>= out_offset; what it wrote is after it,
	                        * what lies between was other writers'), -1 when
	                        * the last run committed, VP_FETCH_RUN_UNKNOWN in a
	                        * state of an older vp-fetch that did not say */
} vp_fetch_state;

enum { VP_FETCH_RUN_UNKNOWN = -2 };

void vp_fetch_state_init(vp_fetch_state *s);
void vp_fetch_state_free(vp_fetch_state *s);

/* Load path into s.  A missing file is a fresh state (returns 0); an
 * unreadable one is EX_NOINPUT/EX_IOERR; one that is not a state file we
 * wrote is EX_DATAERR ("state.json: corrupt state file: ..."). */
int vp_fetch_state_load(vp_fetch_state *s, const char *path, vp_err *e);

/* The same from a buffer (name is for messages); what the fuzzer drives. */
int vp_fetch_state_loadb(vp_fetch_state *s, const char *buf, size_t n, const char *name,
                         vp_err *e);

/* Replace path atomically with s: write path.tmp, fsync, rename, fsync the
 * directory.  0 or EX_IOERR / EX_CANTCREAT. */
int vp_fetch_state_save(const vp_fetch_state *s, const char *path, vp_err *e);

/* Order two dates: ISO 8601 timestamps with offsets are compared as
 * instants, whole numbers numerically, anything else bytewise. <0, 0, >0. */
int vp_fetch_date_cmp(const char *a, const char *b);

/* An ISO 8601 date or timestamp (YYYY-MM-DD[(T| )HH:MM[:SS[.frac]]][Z|+-HH[:MM]])
 * as seconds since the epoch (no zone: UTC) and nanoseconds.  0 or -1. */
int vp_fetch_date_instant(const char *s, long long *secs, long *nanos);

/* A date as a time, to order dates by: Unix seconds (a whole number of at
 * most 15 digits), or an ISO 8601 date or timestamp of a real calendar day
 * and time (no zone: UTC; a day: its start, UTC), as seconds since the
 * epoch and nanoseconds.  0, or -1 for anything else (empty, garbage, an
 * impossible day such as 2024-02-30). */
int vp_fetch_date_time(const char *s, long long *secs, long *nanos);

/* How far after the run's clock a date may be and still advance the mark. */
enum { VP_FETCH_CLOCK_TOLERANCE = 3600 };

/* May date advance the high-water mark of a run whose clock reads now?
 * Yes (1) for a real calendar date YYYY-MM-DD, for a timestamp with a time
 * and a zone (Z or an offset; without a zone only if zoneless_utc, for
 * services documented to give UTC without one), and for a whole number
 * (Unix seconds), when it is not after now + VP_FETCH_CLOCK_TOLERANCE.
 * Otherwise 0 and *why says why. */
int vp_fetch_date_markable(const char *date, int zoneless_utc, long long now,
                           const char **why);

/* The clock of a run from text (VP_FETCH_NOW): an ISO 8601 timestamp with
 * a zone, or Unix seconds.  0 or -1. */
int vp_fetch_parse_now(const char *s, long long *now);

/* Has a response (id, date) already been emitted according to s?
 * 1 if date is before the mark, or at the mark with id in ids. */
int vp_fetch_state_seen(const vp_fetch_state *s, const char *id, const char *date);

/* Note that (id, date) was emitted: advances mark and ids.  0 or -1 (OOM).
 * Only for dates vp_fetch_date_markable accepts. */
int vp_fetch_state_note(vp_fetch_state *s, const char *id, const char *date);

/* Responses whose date cannot be a mark are remembered by id (s->odd).
 * note_odd's date (or NULL) is kept with the id (the state's "odd_dates"):
 * give it when it could be a mark but for the clock (ahead of it), so that
 * prune_odd can drop the id once it is usable.  0 or -1 (OOM). */
int vp_fetch_state_seen_odd(const vp_fetch_state *s, const char *id);
int vp_fetch_state_note_odd(vp_fetch_state *s, const char *id, const char *date);

/* Drop the odd ids the mark now covers: those with a date that is usable
 * as a mark at now (vp_fetch_date_markable) and before the mark, so that a
 * response coming back with that date is seen by vp_fetch_state_seen.  A
 * later run's clock cannot make it unusable again: a mark after that
 * run's clock + tolerance stops the run.  Returns how many were dropped. */
size_t vp_fetch_state_prune_odd(vp_fetch_state *s, int zoneless_utc, long long now);

#endif
