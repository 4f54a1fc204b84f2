/* record.h - the one record type: a JSON object, read and written as NDJSON.
 *
 * Every stage reads records with vp_reader and writes them with
 * vp_record_write, so line numbers, --skip-bad accounting, truncated lines
 * and closed pipes are handled the same way everywhere.  Records are jansson
 * objects; a stage adds or replaces only the keys it owns and leaves every
 * other key (and the key order) untouched.
 */
#ifndef VOXPOP_RECORD_H
#define VOXPOP_RECORD_H

#include <stdio.h>
#include <jansson.h>

#include "voxpop/buf.h"
#include "voxpop/err.h"
#include "voxpop/jscan.h"

/* Call first in every stage main: ignores SIGPIPE so a closed pipe
 * downstream becomes EPIPE, reported as EX_IOERR (74), not a silent death;
 * gives stdin and stdout (unless a terminal) 64 KiB buffers, as system
 * calls per 4 KiB were a large share of a stage's time between pipes. */
void vp_io_init(void);

/* The name of an unknown locality, place or system: what vp-locate writes
 * and what vp-count groups records without one under. */
#define VP_UNASSIGNED "Unassigned"

/* Default longest NDJSON line a reader accepts (--max-line): a longer one
 * is a bad record, so memory per line is bounded whatever the input. */
#define VP_MAX_LINE ((size_t)16 << 20)

typedef struct vp_reader {
	FILE *fp;
	const char *name;        /* for messages: file name or "-" */
	const char *prog;        /* for --skip-bad messages on stderr */
	int skip_bad;            /* 1: report and skip bad lines instead of failing */
	unsigned long lineno;    /* line number of the last line read */
	unsigned long records;   /* good records returned */
	unsigned long rejected;  /* bad lines skipped (skip_bad only) */
	char *line;              /* the last line read (NUL-terminated, no '\n'):
	                          * in buf, or in fp's own buffer when it was
	                          * whole there; good until the next read */
	size_t len;              /* its length in bytes */
	char *buf;               /* the reader's own storage for lines */
	size_t cap;              /* buf's size */
	int terminated;          /* the last line ended in '\n' */
	size_t max_line;         /* longest line accepted, bytes ('\n' aside); 0: VP_MAX_LINE */
	int ingest;              /* 1: vp-ingest reads: a first line that is another kind
	                          * of input (CSV, a zip) points at --format, not vp-ingest */
	int quiet;               /* 1: bad lines skipped (skip_bad) are counted but not
	                          * reported (a first pass: the second reports them) */
} vp_reader;

void vp_reader_init(vp_reader *r, FILE *fp, const char *name, const char *prog);
void vp_reader_free(vp_reader *r);

/* Read the next record.  Returns 1 and sets *rec (caller json_decref()s it),
 * 0 at end of input, or an EX_* code with e filled ("name:line: message").
 * Blank lines are ignored.  A line that is not a JSON object is EX_DATAERR,
 * unless skip_bad, in which case the reason is printed to stderr (the first
 * few times), r->rejected is incremented and reading goes on. */
int vp_reader_next(vp_reader *r, json_t **rec, vp_err *e);

/* The two halves of vp_reader_next, for a stage with a fast path that looks
 * at the raw line first.  vp_reader_line reads the next non-blank line into
 * r->line / r->len: 1, 0 at end of input, or an EX_* code.  vp_reader_parse
 * parses that line exactly as vp_reader_next would: 1 with *rec set (and
 * r->records counted), 0 if it was bad and skip_bad (rejected, reported),
 * or EX_DATAERR.  A stage that accepts a line without vp_reader_parse counts
 * it in r->records itself. */
int vp_reader_line(vp_reader *r, vp_err *e);
/* A line longer than r->max_line is EX_DATAERR "name:line: line longer than
 * N bytes (--max-line)"; with skip_bad it is rejected (counted, reported)
 * and the rest of it skipped without being held: the buffer never grows
 * beyond max_line + 1 bytes. */
int vp_reader_parse(vp_reader *r, json_t **rec, vp_err *e);

/* line[0..len) parsed by jansson with flags; a number jansson cannot hold
 * as an integer (beyond 64 bits) is read as a real rather than making the
 * record bad (what a stage does not change is written as the bytes it came
 * as).  NULL with *je filled (je may be NULL) when it is not JSON. */
json_t *vp_record_loadb(const char *line, size_t len, size_t flags, json_error_t *je);

/* If lines were skipped, print "prog: name: skipped N bad records of M". */
void vp_reader_report(const vp_reader *r);

/* Write rec as one compact line of JSON.  Returns 0 or EX_IOERR / EX_SOFTWARE. */
int vp_record_write(FILE *out, const json_t *rec, vp_err *e);

/* Write any JSON value with jansson's dump flags, then a newline.  0 or
 * EX_IOERR / EX_SOFTWARE.  (vp_record_write is this, compact.) */
int vp_json_write(FILE *out, const json_t *j, size_t flags, vp_err *e);

/* Flush and check out for write errors (EPIPE etc).  0 or EX_IOERR. */
int vp_output_close(FILE *out, vp_err *e);

/* A stage found the record just read unusable (e.g. "text" not a string):
 * with skip_bad, count it as rejected instead of read, say why on stderr
 * (the first few times, like bad JSON) and return 0 so the caller goes on;
 * without, fill e ("name:line: why") and return EX_DATAERR. */
int vp_reader_reject(vp_reader *r, vp_err *e, const char *why);

/* What the record writers below that take max (the longest line to write,
 * '\n' aside; 0: no limit) return for a line longer than it, having written
 * nothing: the line's length is known before its first byte is.  Not an
 * EX_* code: the caller decides (the filter driver's vp_filter_write_*
 * make it a bad record, "record with its themes longer than N bytes
 * (--max-line)"). */
enum { VP_WRITE_TOO_LONG = -2 };

/* Write the record just read by r (rec is its parsed form) with one member
 * added at the end: KEY with VALUE, VALUE being ready-made JSON text.  When
 * rec has no member KEY the original line is copied with ,"KEY":VALUE put
 * before its closing brace -- no re-serialisation, which dominates the cost
 * of a stage otherwise.  When KEY is already there its value is replaced in
 * rec (in place, keeping key order) and rec is written as by
 * vp_record_write.  Returns 0, EX_IOERR, or EX_SOFTWARE if VALUE is not JSON.
 * No length limit. */
int vp_record_write_with(FILE *out, const vp_reader *r, json_t *rec, const char *key,
                         const char *value, size_t vlen, vp_err *e);
/* rec's member KEY set to VALUE, ready-made JSON text (replaced in place
 * when there, keeping key order): 0, or EX_SOFTWARE if VALUE is not JSON
 * or cannot be set. */
int vp_record_set_json(json_t *rec, const char *key, const char *value, size_t vlen, vp_err *e);
/* The splice alone: line[0..n) is a JSON object known to have no member
 * KEY; write it with ,"KEY":VALUE before its closing brace, and a newline.
 * KEY is a plain name (nothing to escape).  0, EX_IOERR, EX_SOFTWARE or
 * VP_WRITE_TOO_LONG (longer than max; 0: no limit).
 * (vp_record_write_edited with one member appended and no edits.) */
int vp_record_write_spliced(FILE *out, size_t max, const char *line, size_t n, const char *key,
                            const char *value, size_t vlen, vp_err *e);

/* One value of a record line replaced: the span `at` (a value inside the
 * line, as vp_jscan_members gives it, at any depth) becomes the JSON text
 * text[0..len). */
typedef struct vp_jedit {
	vp_jspan at;
	const char *text;
	size_t len;
} vp_jedit;

/* line[0..n) is one JSON object (validated; whitespace around it allowed).
 * Write it with edits[0..nedits) applied (sorted by position, not
 * overlapping) and append[0..nappend) -- members "k":v joined by commas,
 * or nothing when nappend is 0 -- put before its closing brace (after a
 * comma unless the object is empty), then a newline.  Every other byte is
 * copied as it was, except whitespace after the closing brace.  0, EX_IOERR,
 * EX_SOFTWARE when the line does not end with '}' or an edit lies outside
 * it or out of order, or VP_WRITE_TOO_LONG when the line (its '\n' aside)
 * would be longer than max bytes (0: no limit): nothing written.  This
 * and the writers below are one writer, the one place a record line's
 * length is known before it is written. */
int vp_record_write_edited(FILE *out, size_t max, const char *line, size_t n,
                           const vp_jedit *edits, size_t nedits, const char *append,
                           size_t nappend, vp_err *e);

/* The length ('\n' aside) of the line vp_record_write_edited would write
 * with these edits and nappend bytes appended (0: it would refuse them). */
size_t vp_record_edited_len(const char *line, size_t n, const vp_jedit *edits, size_t nedits,
                            size_t nappend);

/* vp_record_write_edited, with the members whose values are at
 * drop[0..ndrop) (top-level members of line; p NULL: none) removed, each
 * with the comma that joined it: how a stage replaces a member it owns
 * (the old one dropped, the new one appended) without touching any byte
 * of the others. */
int vp_record_write_dropping(FILE *out, size_t max, const char *line, size_t n,
                             const vp_jspan *drop, size_t ndrop, const vp_jedit *edits,
                             size_t nedits, const char *append, size_t nappend, vp_err *e);

/* vp_record_write_spliced, with the members at drop[0..ndrop) removed as
 * vp_record_write_dropping removes them (KEY's old value among them). */
int vp_record_write_spliced_dropping(FILE *out, size_t max, const char *line, size_t n,
                                     const vp_jspan *drop, size_t ndrop, const char *key,
                                     const char *value, size_t vlen, vp_err *e);

/* The tree path's writer: rec is line[0..n) parsed (by jansson) and then
 * changed by a stage.  Each member of the line is written as the bytes it
 * came as when rec holds the same value under its name (an earlier member
 * of a repeated name always), with rec's value (compact) when it differs,
 * and is left out when rec no longer has it; rec's new members, then
 * append[0..nappend) ("k":v,...), are added at the end.  jansson never
 * rewrites what a stage did not change: 1.10, "\u00e9", [ 1 , 2 ] stay.
 * 0, EX_*, or VP_WRITE_TOO_LONG (max as vp_record_write_edited). */
int vp_record_write_kept(FILE *out, size_t max, const char *line, size_t n, json_t *rec,
                         const char *append, size_t nappend, vp_err *e);

/* The end of a filter stage's main: on success flush stdout (vp_output_close);
 * print the error if there is one; report skipped records; free the reader.
 * Returns the final exit code. */
int vp_stage_finish(const char *prog, int rc, vp_err *e, vp_reader *r);

/* Convenience accessors: the string value of key, or NULL if absent / not a string. */
const char *vp_record_str(const json_t *rec, const char *key);

/* A record's "lexicon", the fingerprint vp-tag writes of the set that
 * tagged it (lexicon.h): 0 with *fp its VP_LEXICON_FP_LEN hex digits, or
 * NULL when it has none (absent or null); -1 when it is something else (a
 * bad record: "\"lexicon\" is " VP_LEXICON_FP_NOT). */
int vp_record_lexicon(const json_t *rec, const char **fp);
/* The same from its value's span in the line: 0 with *fp in the line (or
 * NULL: none), -1 for anything not as vp-tag writes it (escapes, another
 * kind): the caller reads the line with jansson (vp_record_lexicon). */
int vp_record_lexicon_span(vp_jspan v, const char **fp);

#endif
