/* locate.h - vp-locate's work on one record, and its --report table.
 *
 * Reads the locality field (and optionally a postcode field and the text),
 * resolves them through a gazetteer and writes "locality", "place",
 * "system", "locality_source", "locality_ambiguous" and "locality_raw".
 * Full postcodes in the fields it reads are cut down to their district
 * before anything is written: a full postcode never leaves this stage.
 */
#ifndef VOXPOP_LOCATE_H
#define VOXPOP_LOCATE_H

#include <stdio.h>
#include <jansson.h>

#include "voxpop/buf.h"
#include "voxpop/err.h"
#include "voxpop/filter.h"
#include "voxpop/gazetteer.h"
#include "voxpop/hash.h"

typedef struct vp_locate_opts {
	const char *field;          /* locality input field; NULL = "locality" */
	const char *postcode_field; /* NULL = none */
	const char *text_field;     /* NULL = don't look in the text */
	/* vp_locate_line: the members written (VP_LOCATE_W_*) that no later
	 * step reads (vp-run) and so are left out of the line written; the
	 * line is measured with them all (vp_locate_work.len).  0: all. */
	unsigned unread;
} vp_locate_opts;

/* The members vp-locate writes, as bits of vp_locate_opts.unread. */
enum {
	VP_LOCATE_W_RAW = 1 << 0,       /* locality_raw */
	VP_LOCATE_W_LOCALITY = 1 << 1,  /* locality */
	VP_LOCATE_W_PLACE = 1 << 2,     /* place */
	VP_LOCATE_W_SYSTEM = 1 << 3,    /* system */
	VP_LOCATE_W_SOURCE = 1 << 4,    /* locality_source */
	VP_LOCATE_W_AMBIGUOUS = 1 << 5, /* locality_ambiguous */
	VP_LOCATE_W_ALL = (1 << 6) - 1
};
/* The VP_LOCATE_W_* bit of the member name, or 0 when vp-locate does not
 * write it. */
unsigned vp_locate_written_bit(const char *name);

struct vp_tally_entry;

/* Counts for --report, with a bounded table of unresolved values: the
 * first `limit` distinct values are counted one by one, later new ones
 * only as "other", so memory does not grow with the input. */
typedef struct vp_locate_report {
	unsigned long records;    /* all records seen */
	unsigned long located;    /* certain down to the locality and place */
	unsigned long ambiguous;  /* matched, but only partly certain */
	unsigned long unresolved; /* a value that matched nothing */
	unsigned long outside;    /* a place declared `outside` (no action needed) */
	unsigned long no_value;   /* nothing to go on, or a `no-answer` value */
	unsigned long corrected;  /* resolved only after correcting a spelling */
	unsigned long field_found;    /* records that had the place field (in "fields" or not;
	                               * also one then refused for its value, not a string) */
	unsigned long postcode_found; /* records that had the postcode field (likewise) */
	unsigned long fields_seen;    /* records (likewise) with a "fields" object */
	unsigned long text_home, text_set_aside, text_undecided; /* --from-text records whose
	                          * text named places that disagree, by enum vp_text_rule */
	unsigned long text_journey; /* --from-text records whose text named only places
	                          * travelled to (VP_TEXT_JOURNEY): not located */
	struct vp_tally_entry *tab; /* the values counted, in order of first sight */
	size_t used, cap, limit;
	vp_strmap index;          /* normalised value -> its entry in tab */
	unsigned long other;      /* unresolved records whose value is not in tab */
} vp_locate_report;

/* limit: distinct unresolved values kept (0 = 1000). */
void vp_locate_report_init(vp_locate_report *r, size_t limit);
void vp_locate_report_free(vp_locate_report *r);

/* Add from's counts to to's (vp-run: its workers' reports made one, as if
 * one vp-locate had seen every record).  A value new to `to` once its
 * table holds `limit` values counts as "other", as in one report.
 * 0, or -1 when out of memory. */
int vp_locate_report_add(vp_locate_report *to, const vp_locate_report *from);

/* Print the report on err, its first line after "prog: " (vp-locate
 * --report, vp-run --locate-report).  0, or -1 when out of memory. */
int vp_locate_report_print(const vp_locate_report *r, size_t top, const char *prog, FILE *err);

/* Append the human-readable report (summary line, then up to `top` most
 * frequent unresolved values, one "count<TAB>value" line each) to out. */
int vp_locate_report_format(const vp_locate_report *r, size_t top, vp_buf *out);

/* Warn on err when records were read but none had the place field o named
 * (--field; "locality" is always written by vp-ingest) or the postcode
 * field: each record was then "none" -- most often a column vp-ingest was
 * not asked to keep in "fields" (none at all: vp-ingest's default), or a
 * name not as "fields" spells it (vp_ingest_fields_hint). */
void vp_locate_warn_missing(const vp_locate_report *r, const vp_locate_opts *o,
                            const char *prog, FILE *err);

/* Locate one record in place.  rep may be NULL.  Returns 0; EX_DATAERR
 * when an input field holds something other than a string or null (e
 * says which); EX_OSERR when out of memory. */
int vp_locate_record(const vp_gazetteer *g, const vp_locate_opts *o, json_t *rec,
                     vp_locate_report *rep, vp_err *e);

/* Buffers vp_locate_line keeps from one record to the next; start zeroed,
 * release with vp_locate_work_free. */
typedef struct vp_locate_work {
	vp_buf in[3];           /* input strings that had escapes, decoded */
	vp_buf loc, pc, source; /* the values written back, what resolved them */
	vp_buf json, append;    /* new values; members added at the end */
	size_t len;             /* vp_locate_line's line ('\n' aside) with every
	                         * member written, whatever o->unread leaves out */
} vp_locate_work;

void vp_locate_work_free(vp_locate_work *w);

enum { VP_LOCATE_UNSURE = -1 };

/* vp_locate_record without a tree: the record line[0..n) (a line as
 * vp_reader_line reads it) is scanned, located, and written to out with
 * the same changes -- members already there replaced in place, new ones
 * added at the end in the same order -- and every other byte as it was.
 * Returns 0 (written, rep counted); VP_LOCATE_UNSURE when the line needs
 * jansson and vp_locate_record (bad JSON, escaped or repeated keys, a field
 * that is not a string, ...): nothing written, rep untouched;
 * VP_WRITE_TOO_LONG when the line written would be longer than max bytes
 * (0: no limit; vp_record_write_edited): nothing written, rep counted;
 * EX_OSERR or EX_IOERR with e set. */
int vp_locate_line(const vp_gazetteer *g, const vp_locate_opts *o, const char *line, size_t n,
                   FILE *out, size_t max, vp_locate_report *rep, vp_locate_work *w, vp_err *e);

/* vp-locate as a record filter (see filter.h): every record located and
 * written, by vp_locate_line or, when it is unsure, vp_locate_record;
 * a field that cannot be read is a bad record.  Nothing is owned. */
typedef struct vp_locate_filter {
	const vp_gazetteer *g;
	const vp_locate_opts *o;
	vp_locate_report *rep;
	vp_locate_work *w;
	const char *keys[10]; /* the members read and written (vp_locate_stage) */
} vp_locate_filter;

/* Fill st to run l (its ctx) through vp_filter_run. */
void vp_locate_stage(vp_locate_filter *l, vp_filter_stage *st, const char *prog);

#endif
