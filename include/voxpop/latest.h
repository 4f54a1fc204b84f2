/* latest.h - the latest version of each response (vp-latest).
 *
 * vp-fetch appends a response edited after it was fetched (same response
 * id, a newer date: SurveyMonkey's date_modified, Graph's
 * lastModifiedDateTime...) as a new version: its records again, with the
 * same "respondent" and record ids.  Counted as they are, an edited
 * response counts twice.  This keeps, of each response, the records of its
 * latest version only, and passes every other record through untouched, in
 * the file's order, as the bytes it came as.
 *
 * A response is a record's "source" with its "respondent" (a string), or,
 * without a respondent (absent, null or empty), with its "id" (a string or
 * a number; "" is none).  A record with neither is no response's: it is
 * passed through.
 * A version is a run of adjacent records of one response with one date
 * (the "timestamp" in "fields" that vp-fetch writes, else "date"), no
 * record id repeated in it (records of no response between them aside):
 * what one vp-fetch run writes of a response.  A run of a response's records
 * apart from the rest, at the date of the version of it read last but not
 * starting with that version's first record id (which would be the version
 * written again), is a piece of that version, kept or dropped with it:
 * vp-fetch writes a response's records together, but vp-ingest writes a
 * respondent's rows where they are (a long export, one row an answer).
 * A run that repeats an id of the run next before it is the response
 * written again, never a piece.
 * The latest version of a response is the one with the latest date, read
 * as a time (vp_fetch_date_time: ISO 8601, no zone as UTC, a day as its
 * start; Unix seconds); a date that cannot be read so never beats one that
 * can, whatever the order; of equal dates, or of dates none of which can
 * be read, the one later in the input.  So an
 * answer blanked in an edit (no record in the new version) goes with the
 * old version, and a response written twice at one date (an interrupted
 * run's records sent on through a pipe and sent again) is kept once.
 *
 * A later version cannot be known before it is read, so the input is read
 * twice: the first pass notes, for each response, which version is its
 * latest (one entry of 56 bytes a response, in a table that doubles when
 * half full, up to max_responses: beyond, EX_SOFTWARE, an internal limit as
 * vp-count's --max-groups, nothing written); the
 * second writes the records of those versions.  Both passes go through
 * the record-filter driver (filter.h): --skip-bad and --max-line as in
 * every stage, a bad record reported once (by the second pass).  Standard
 * input cannot be read twice: the operands must be regular files, and one
 * that changes between or during the passes (size, modification time,
 * inode) is EX_IOERR, whatever was written being incomplete.
 *
 * A "respondent" that is not a string (nor null) is a bad record, as in
 * vp-count.
 */
#ifndef VOXPOP_LATEST_H
#define VOXPOP_LATEST_H

#include <stddef.h>
#include <stdio.h>

#include "voxpop/err.h"
#include "voxpop/filter.h"

/* The default and the most of max_responses. */
#define VP_LATEST_MAX_RESPONSES 1000000UL
#define VP_LATEST_MAX_RESPONSES_LIMIT (1UL << 30)

typedef struct vp_latest vp_latest;

typedef struct vp_latest_stats {
	unsigned long records;     /* good records read (by the second pass) */
	unsigned long written;     /* and written */
	unsigned long dropped;     /* records of older versions, not written */
	unsigned long versions_dropped; /* older versions they made up */
	unsigned long responses;   /* responses (source with respondent, or id) */
	unsigned long edited;      /* responses of more than one version */
	unsigned long unkeyed;     /* records with neither respondent nor id (written) */
	unsigned long apart;       /* records written in pieces of a version apart from its
	                            * start (not adjacent to the rest of their response) */
} vp_latest_stats;

/* max_responses: 0 for VP_LATEST_MAX_RESPONSES.  0, EX_USAGE (more than
 * VP_LATEST_MAX_RESPONSES_LIMIT) or EX_OSERR, message in e. */
int vp_latest_open(vp_latest **out, size_t max_responses, vp_err *e);
void vp_latest_close(vp_latest *l);

/* The operands paths[0..npaths), before anything is read: each must be a
 * regular file that can be read twice.  None, "-" (standard input) or a
 * pipe, device or directory is EX_USAGE ("... give the file"); a path that
 * cannot be stat'ed is EX_NOINPUT "path: reason".  Notes each file's
 * identity (device, inode, size, modification time) for the passes. */
int vp_latest_files(vp_latest *l, int npaths, char **paths, vp_err *e);

/* The two passes over the files vp_latest_files noted (the same paths),
 * each through vp_filter_run_opts_to with o (--skip-bad, --max-line): the
 * first notes each response's latest version and writes nothing, reporting
 * nothing of records it skips as bad (the second does); the second writes
 * the records of the latest versions to out.  Each checks that no file
 * changed since it was noted (EX_IOERR "path: changed while it was read
 * ...").  Like the driver, they print any error as "prog: message" and
 * return the exit code. */
int vp_latest_scan(vp_latest *l, const char *prog, const vp_filter_opts *o, FILE *out);
int vp_latest_write(vp_latest *l, const char *prog, const vp_filter_opts *o, FILE *out);

/* vp_latest_files (its error printed), then both passes. */
int vp_latest_run(vp_latest *l, const char *prog, const vp_filter_opts *o, int npaths,
                  char **paths, FILE *out);

void vp_latest_stats_get(const vp_latest *l, vp_latest_stats *st);

#endif
