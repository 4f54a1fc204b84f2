/* filter.h - the one record-filter driver: every stage that reads NDJSON
 * records (vp-normalise, vp-tag, vp-count, vp-locate, ...) is a table and
 * one or two callbacks; the driver owns everything else.
 *
 * The driver (vp_filter_run) owns:
 *   - the operands: [FILE]...; none or "-" is stdin; each opened with
 *     vp_open_records (so "vp-x: path: No such file or directory", 66), the
 *     records read in order across files;
 *   - one vp_reader per file, so messages say "file:line: ...";
 *   - a record repeating a member the stage reads or owns (keys,
 *     dupkeys) is bad: "duplicate key \"text\"" (the earlier one's bytes
 *     would pass through untouched);
 *   - the fast path: vp_jscan_members over the keys the stage declares,
 *     handing the values' spans to on_scan; a line the scanner is unsure of
 *     or finds bad, or one on_scan declines (VP_FILTER_FALLBACK), is parsed
 *     by jansson (vp_reader_parse, which words the errors) and given to
 *     on_record;
 *   - a file whose first line is a vp-count document (no "id", no
 *     "text", a count document's members): "this is a count document (from
 *     vp-count), not a record", a bad record;
 *   - --max-line on the way out too: a callback writes its record with
 *     the vp_filter_write* functions below, which measure the line before
 *     writing a byte of it (record.h's writers, VP_WRITE_TOO_LONG) against
 *     the limit (vp_filter_max_line: the line read's, the next stage's
 *     default); a longer one is a bad record, "record with its themes
 *     longer than N bytes (--max-line)" (stage->adds; rejected and counted
 *     with --skip-bad), never written for the next stage to refuse;
 *   - --skip-bad accounting: per file, records in = records + rejected, the
 *     first few bad lines and "prog: file: skipped N bad records of M" on
 *     stderr; f->records and f->rejected total the files done;
 *   - the finish: on_end (after the last file, if all went well), flush and
 *     check the output, print the error once as "prog: message".
 *
 * A new stage fills in the blanks (vp-shout: upper-case "text" into "loud"):
 *
 *   static int shout_scan(void *ctx, vp_filter *f, const vp_jspan *v, vp_err *e)
 *   {
 *       struct shout *s = ctx;
 *       if (!v[0].p || v[0].p[0] != '"' || v[1].p)
 *           return VP_FILTER_FALLBACK;      // unusual: let jansson decide
 *       ...build s->json from the string v[0] (vp_jscan_string)...
 *       return vp_filter_write_with(f, NULL, "loud", s->json.data, s->json.len, e);
 *   }
 *   static int shout_record(void *ctx, vp_filter *f, json_t *rec, vp_err *e)
 *   {
 *       const char *t = vp_record_str(rec, "text");
 *       if (!t)
 *           return vp_filter_reject(f, e, "\"text\" is not a string");
 *       ...build s->json from t...
 *       return vp_filter_write_with(f, rec, "loud", s->json.data, s->json.len, e);
 *   }
 *   static const char *const keys[] = {"text", "loud"};
 *   static const vp_filter_stage stage = {"vp-shout", keys, 2, shout_scan,
 *                                         shout_record, NULL, 0};
 *   ...in main, after vp_cli_next:
 *   return vp_filter_run(&stage, &s, skip_bad, argc - optind, argv + optind);
 *
 * Callbacks write records with the vp_filter_write* functions only (a
 * record.h writer given vp_filter_max_line, its result through
 * vp_filter_written, when the line is not f->r.line), never to f->out
 * directly: those measure the line.
 *
 * Callbacks return 0 (done: written, counted or rejected), an EX_* code
 * with e filled (stops the run; use vp_filter_fail to name file:line), or,
 * from on_scan only, VP_FILTER_FALLBACK.  A record is counted as read when
 * its callback is called; vp_filter_reject uncounts it (--skip-bad) or
 * fails.
 */
#ifndef VOXPOP_FILTER_H
#define VOXPOP_FILTER_H

#include <stdio.h>
#include <jansson.h>

#include "voxpop/cli.h"
#include "voxpop/err.h"
#include "voxpop/input.h"
#include "voxpop/jscan.h"
#include "voxpop/record.h"

enum { VP_FILTER_FALLBACK = -1 };

typedef struct vp_filter vp_filter;

typedef struct vp_filter_stage {
	const char *prog;          /* "vp-tag": messages start with it */
	const char *const *keys;   /* top-level members on_scan wants (plain names) */
	size_t nkeys;              /* 0: on_scan gets v == NULL and reads f->r.line itself */
	/* The fast path (NULL: none): v[i] is keys[i]'s value in the line
	 * f->r.line / f->r.len (v[i].p NULL: absent).  0, EX_*, or
	 * VP_FILTER_FALLBACK to have the line parsed and given to on_record. */
	int (*on_scan)(void *ctx, vp_filter *f, const vp_jspan *v, vp_err *e);
	/* The tree path: rec is the line parsed (the driver decrefs it). */
	int (*on_record)(void *ctx, vp_filter *f, json_t *rec, vp_err *e);
	/* After the last file when all went well (NULL: nothing), e.g. write
	 * a document made of all the records. */
	int (*on_end)(void *ctx, vp_filter *f, vp_err *e);
	/* 1 + the index of the key whose array elements the scan notes into
	 * f->elems for on_scan (vp-tag's tokens: split as the line is
	 * validated, not walked again); 0: none. */
	size_t elems_of;
	/* Members besides keys that the stage reads or owns (a stage with
	 * no keys, that scans the line itself): a record with any of them,
	 * or of keys, more than once is bad ("duplicate key \"text\""). */
	const char *const *dupkeys;
	size_t ndupkeys;
	/* What the stage adds to a record ("themes"), for the message of one
	 * it would write past --max-line: "record with its themes longer than
	 * N bytes (--max-line)"; NULL: "record written longer than ...". */
	const char *adds;
} vp_filter_stage;

struct vp_filter {
	const vp_filter_stage *stage;
	vp_reader r;              /* the current file's: r.line, r.len, r.name, r.lineno */
	FILE *out;                /* where records go: stdout (write with vp_filter_write*) */
	unsigned long records;    /* good records in the files done so far */
	unsigned long rejected;   /* and bad ones skipped (--skip-bad) */
	vp_jscan_elems elems;     /* stage->elems_of's elements in the current line
	                           * (n -1: not noted; no member keys) */
	vp_jscan_names names;     /* stage->keys, worked out once */
	vp_jscan_memo memo;       /* the scans' last long flat value (names.memo) */
	vp_buf tmp;               /* the driver's scratch */
};

/* The options every record filter shares, given to vp_filter_run_opts. */
typedef struct vp_filter_opts {
	int skip_bad;         /* --skip-bad */
	size_t max_line;      /* --max-line BYTES; 0: VP_MAX_LINE (16 MiB) */
} vp_filter_opts;

/* --max-line in a stage's option table, and its parsing:
 *   VP_FILTER_OPT_MAX_LINE,          (in opts[])
 *   case VP_OPT_MAX_LINE: fo.max_line = vp_filter_max_line_arg(&cli, arg); break;
 * (exits 64 on a bad or zero value, like vp_cli_ulong). */
enum { VP_OPT_MAX_LINE = 0x4d4c };
#define VP_FILTER_OPT_MAX_LINE                                                    \
	{"max-line", VP_OPT_MAX_LINE, VP_ARG, "BYTES",                            \
	 "a longer NDJSON line, read or written, is a bad record (default 16777216)"}
size_t vp_filter_max_line_arg(const vp_cli *cli, const char *arg);

/* why = "record with its ADDS longer than MAX bytes (--max-line)" (adds
 * NULL: "record written longer than ..."): the driver's message for a
 * record a stage would write past its limit, and vp-run's for the same. */
void vp_filter_too_long(char *why, size_t whysz, const char *adds, size_t max);

/* Run stage over the operands paths[0..npaths) (none: stdin; "-": stdin),
 * writing to stdout; skip_bad as --skip-bad.  Prints any error and returns
 * the exit code: 0, or 65 bad record, 66 cannot open, 74 I/O, ... */
int vp_filter_run(const vp_filter_stage *stage, void *ctx, int skip_bad, int npaths,
                  char **paths);

/* The same with the shared options (vp_filter_run is this with only skip_bad). */
int vp_filter_run_opts(const vp_filter_stage *stage, void *ctx, const vp_filter_opts *o,
                       int npaths, char **paths);

/* The same writing to out, for tests (out is flushed, not closed). */
int vp_filter_run_to(const vp_filter_stage *stage, void *ctx, int skip_bad, int npaths,
                     char **paths, FILE *out);
int vp_filter_run_opts_to(const vp_filter_stage *stage, void *ctx, const vp_filter_opts *o,
                          int npaths, char **paths, FILE *out);

/* A first pass for a stage that reads its operands twice (vp-latest: the
 * second pass writes what the first decided): vp_filter_run_opts_to, but
 * saying nothing the second pass will say -- bad records skipped with
 * --skip-bad are counted, not reported, and an empty file is not warned
 * about.  An error that stops the run is printed as ever. */
int vp_filter_first_pass_to(const vp_filter_stage *stage, void *ctx, const vp_filter_opts *o,
                            int npaths, char **paths, FILE *out);

/* For stages that gather records rather than write them (vp-eval,
 * vp-suggest): every record of the operands paths[0..npaths) (none or "-":
 * stdin), parsed, given to add in order; an error add returns gets the
 * record's "file:line: " in front.  0 or an EX_* code with e filled; prints
 * nothing. */
typedef int (*vp_record_fn)(void *ctx, const json_t *rec, vp_err *e);
int vp_records_each(const char *prog, int npaths, char **paths, vp_record_fn add, void *ctx,
                    vp_err *e);

/* The record just read is unusable (why: "\"text\" is not a string"): with
 * --skip-bad it is counted as rejected and 0 returned, else EX_DATAERR
 * "file:line: why". */
int vp_filter_reject(vp_filter *f, vp_err *e, const char *why);

/* e = "file:line: msg" of the record just read; returns code. */
int vp_filter_fail(vp_filter *f, vp_err *e, int code, const char *msg);

/* Write the record just read with member KEY: VALUE (ready-made JSON)
 * added: spliced into the line when rec is NULL (the fast path; the line
 * must not have KEY), else set in rec and written by vp_filter_write. */
int vp_filter_write_with(vp_filter *f, json_t *rec, const char *key, const char *value,
                         size_t vlen, vp_err *e);

/* Write rec, the record read last as parsed and changed by on_record: the
 * members it did not change as the bytes they came as
 * (vp_record_write_kept).  Never vp_record_write, which rewrites them. */
int vp_filter_write(vp_filter *f, json_t *rec, vp_err *e);

/* record.h's writers on the line just read (f->r.line, f->r.len), to
 * f->out, with the limit: a line longer than vp_filter_max_line is not
 * written but a bad record (vp_filter_written).  0 or an EX_* code, as
 * a callback returns. */
int vp_filter_write_kept(vp_filter *f, json_t *rec, const char *append, size_t nappend,
                         vp_err *e);
int vp_filter_write_edited(vp_filter *f, const vp_jedit *edits, size_t nedits,
                           const char *append, size_t nappend, vp_err *e);
int vp_filter_write_dropping(vp_filter *f, const vp_jspan *drop, size_t ndrop,
                             const vp_jedit *edits, size_t nedits, const char *append,
                             size_t nappend, vp_err *e);
int vp_filter_write_spliced_dropping(vp_filter *f, const vp_jspan *drop, size_t ndrop,
                                     const char *key, const char *value, size_t vlen,
                                     vp_err *e);

/* The longest line a stage writes ('\n' aside): --max-line, the one
 * limit of lines read and written (0 given: VP_MAX_LINE). */
size_t vp_filter_max_line(const vp_filter *f);

/* rc, what a record.h writer given vp_filter_max_line(f) returned (or a
 * function passing its result on, vp_locate_line): VP_WRITE_TOO_LONG
 * becomes the record's rejection ("record with its ADDS longer than N
 * bytes (--max-line)", vp_filter_reject); anything else is returned. */
int vp_filter_written(vp_filter *f, int rc, vp_err *e);

#endif
