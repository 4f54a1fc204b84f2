/* ingest_impl.h - what vp-ingest's core files share (not a public API).
 *
 *   ingest.c          vp_ingest: choose the format, name the source, run it;
 *                     the run's reporting (notes, bad rows)
 *   ingest_format.c   the format table
 *   ingest_emit.c     the emitter: ids, and records written through
 *                     vp_record_build (record_new.c)
 *   ingest_header.c   header names, choosing and guessing columns
 *   ingest_table.c    rows of any row source -> records
 *   ingest_preset.c   survey tools' layouts (a table), header rows combined
 *   ingest_clean.c    checking / converting one cell
 *   ingest_csv.c, ingest_text.c   row sources; ingest_ndjson.c   records
 */
#ifndef VOXPOP_INGEST_IMPL_H
#define VOXPOP_INGEST_IMPL_H

#include <jansson.h>

#include "voxpop/ingest.h"
#include "voxpop/record_new.h"
#include "voxpop/seen.h"

#define VP_INGEST_MAX_FIELD ((size_t)64 * 1024 * 1024)
enum { VP_INGEST_SNIFF_ROWS = 200, VP_INGEST_NOTE_FIRST = 10 };
/* Guessing the text column holds at most this many bytes of rows (and at
 * least one row): the guess is made from the rows held so far. */
#define VP_INGEST_SNIFF_BYTES ((size_t)8 * 1024 * 1024)

struct vp_ingest_run {
	const vp_ingest_opts *o;
	vp_ingest_stats *st;
	vp_err *e;
	FILE *out;
	const char *path;    /* for messages */
	const char *source;  /* for records: the last path component, or "stdin" */
	const char *channel; /* --channel, else the format's */
	size_t max_field;
	size_t max_line;     /* o->max_line, or VP_MAX_LINE */
	vp_conv *conv;       /* o->conv, or NULL when the input proved to be UTF-8
	                      * (UTF-16 converted, a UTF-8 byte order mark) */
	vp_buf line;         /* emitter: the record being written */
	vp_buf id;           /* emitter: the id being made */
	vp_buf date;         /* NDJSON: the record's date, as JSON text */
	vp_jspan raw;        /* NDJSON: the line the record (base) was read from */
	/* this input had rows not read for their Status / Status values not
	 * known: counted once in the stats' files */
	int status_seen, status_unknown_seen;
	/* this input had rows not read for a refusal of consent / read with a
	 * blank or unclear consent answer: counted once in the stats' files */
	int declined_seen, consent_seen;
	/* the input had no bytes at all: a file of 0 bytes was said empty
	 * when it was opened (vp_open_records), so it is not said again */
	int no_bytes;
	vp_seen *ids;        /* the ids written so far (hashes), or NULL */
	unsigned long records_before; /* st->records when this input began */
};

/* ingest.c */
void vp_ingest_run_init(struct vp_ingest_run *r, const vp_ingest_opts *o, const char *path,
                        const char *channel, FILE *out, vp_ingest_stats *st, vp_err *e);
/* The end of the input: what its ids showed (the repeated-id bound, a
 * file read again) added to the stats; then r's memory freed. */
void vp_ingest_run_free(struct vp_ingest_run *r);
void vp_ingest_note(struct vp_ingest_run *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int vp_ingest_oom(struct vp_ingest_run *r);
/* Whether the record of p (base, drop: as vp_ingest_emit) is a line of at
 * most r->max_line bytes ('\n' aside): 1 yes, 0 no (why filled: "record
 * longer than N bytes (--max-line)"), or an EX_* code (no memory).  Only a
 * record whose parts could escape to more than that is built to see. */
int vp_ingest_fits(struct vp_ingest_run *r, const vp_record_parts *p, const json_t *base,
                   const char *drop, char *why, size_t whysz);
/* A bad row: the error, or under skip_bad a note and a count.  0 to go on. */
int vp_ingest_bad_row(struct vp_ingest_run *r, unsigned long line, const char *msg);
/* A date value s[0..n) that cannot be read in order (not a date in it, or
 * no date at all): under strict_dates a bad row (EX_DATAERR, or -1: the
 * row is skipped), else 0: kept as written, counted, the first remembered
 * for the report (vp_ingest_bad_dates). */
int vp_ingest_bad_date(struct vp_ingest_run *r, const char *s, size_t n, unsigned long line,
                       vp_date_order order);

/* A respondent or id value s[0..n) (trimmed) of column col: when it is
 * Excel's scientific notation ("1.14368E+11", "-1.2E+11"), whose digits
 * are lost, counted and the first remembered (vp_ingest_sci_ids). */
void vp_ingest_check_id(struct vp_ingest_run *r, const char *col, const char *s, size_t n,
                        unsigned long line);

/* A row (table) or record (NDJSON) about to write its first record, whose
 * id is idv[0..idn) from column or key col (trimmed; none, idn 0, when the
 * ids are source:LINE, which do not repeat): a value an earlier row of the
 * input had is counted, the first remembered (vp_ingest_dup_ids).  Held as
 * 64-bit hashes in a bounded set (seen.h: VP_SEEN_MAX_SLOTS, 786,432 ids),
 * but for ids that are row numbers, each one more than the last, held as a
 * range (vp_seen_add_id); past the bound new ones are not checked, and
 * that is said.  Not checked in a
 * file read again (opts same_as): every record of it repeats, said as such.
 * 0, or EX_OSERR. */
int vp_ingest_check_dup_id(struct vp_ingest_run *r, const char *col, const char *idv,
                           size_t idn, unsigned long line);

/* A Qualtrics row's Status value s[0..n) (trimmed): 1 when it marks no
 * response (a preview, a test, spam: counted, the row not to be read), 0
 * when the row is read (a value not known counted and remembered for
 * vp_ingest_status_notes). */
int vp_ingest_check_status(struct vp_ingest_run *r, const char *s, size_t n);

/* A row's answer s[0..n) (trimmed) to the consent question q, column col
 * (0-based): 1 when it is a refusal (vp_consent_answer: counted, the row
 * not to be read), 0 when the row is read (a blank or unclear answer
 * counted, for vp_ingest_consent_notes). */
int vp_ingest_check_consent(struct vp_ingest_run *r, const char *q, size_t col, const char *s,
                            size_t n);

/* ingest_emit.c */
/* The id of answer q (0-based) of nq: idv[0..idn) if not empty, else
 * source:line; ":qN" (1-based) added when nq > 1.  Valid until the next call. */
int vp_ingest_make_id(struct vp_ingest_run *r, const char *idv, size_t idn,
                      unsigned long line, size_t q, size_t nq, vp_rpart *id);
/* Build the record (vp_record_build) and write it; counts it. */
int vp_ingest_emit(struct vp_ingest_run *r, const vp_record_parts *p, const json_t *base,
                   const char *drop);

/* ingest_preset.c: the header rows of a layout, combined */
enum { VP_ROLE_ANY = 0, VP_ROLE_TEXT = 1, VP_ROLE_META = 2 };
typedef struct vp_hplan {
	const vp_ingest_preset *preset; /* never NULL once built */
	int recognised;                 /* 1: from the header, 0: --preset or plain */
	size_t n;
	char **name;            /* combined, before de-duplication */
	char **tag;             /* row 1 as written (trimmed): Qualtrics' export tags */
	char **question;        /* "question" of a text column; NULL: its name */
	unsigned char *role;    /* VP_ROLE_*: what the layout says a column is */
	long status;            /* the layout's status column (row 1 named as
	                         * preset->status; Qualtrics), or -1 */
} vp_hplan;
/* rows[k][i]: header row k's cell i, trimmed (nc[k] cells).  0, -1 (no
 * memory), or 1: the rows are not that layout (why says so, and *bad_row
 * which header row, 1-based, is not as the layout has it).  Every layout
 * with a first column or a signature is checked, forced or recognised. */
int vp_hplan_build(vp_hplan *pl, const vp_ingest_preset *p, char **const *rows,
                   const size_t *nc, size_t nrows, size_t n, char *why, size_t whysz,
                   size_t *bad_row);
void vp_hplan_free(vp_hplan *pl);
/* Header row 1 (rows[0], nc[0] cells of n) names every column: no empty
 * cell but at its end, and one at least. */
int vp_hplan_names_all(char **const *rows, const size_t *nc, size_t n);
/* name equals pattern ignoring case, or pattern "Abc*" is a prefix of it */
int vp_preset_match(const char *pattern, const char *name);
int vp_preset_in(const char *const *list, const char *name);

/* ingest_header.c: which columns are what */
typedef struct vp_columns {
	long *text;              /* the text columns, in order */
	size_t ntext;
	unsigned char *is_text;  /* per column */
	long id, loc, date;      /* -1: none */
	long resp;               /* the respondent column, -1: source:LINE */
	int date_guessed;        /* 0 named (or none), 1 the layout's, 2 by its name */
	vp_date_order order;     /* the dates' order */
	const vp_hplan *plan;    /* NULL: a source's own layout */
} vp_columns;
/* Column name names a personal detail (vp_header_is_personal): add it
 * to personal, the list of those left out ("A", "B") for a note, and
 * answer 1; else 0.  *rc: EX_OSERR when out of memory. */
int vp_ingest_left_out_personal(struct vp_ingest_run *r, vp_buf *personal, const char *name,
                                int *rc);
/* Names as the source gave them (a source with a layout of its own). */
int vp_header_init_as_is(vp_header *h, const char *const *raw, const size_t *len, size_t n);
int vp_columns_init(struct vp_ingest_run *r, vp_columns *c, size_t ncols);
void vp_columns_free(vp_columns *c);
/* From --text-col, --id-col... (EX_USAGE naming a missing column), then
 * what plan's layout says, then guesses by name (date, respondent). */
int vp_columns_resolve(struct vp_ingest_run *r, const vp_header *h, const vp_hplan *plan,
                       vp_columns *c);
/* The plan: layout, id, respondent, date, locality, free text; one line
 * each (indented after the first), into out.  0 or -1 (no memory). */
int vp_columns_describe(struct vp_ingest_run *r, const vp_header *h, const vp_columns *c,
                        vp_buf *out);
/* Text columns from a sample (g), when none was named: those whose answers
 * look like free text, else those whose header names it (short answers);
 * EX_USAGE if none. */
int vp_columns_guess(struct vp_ingest_run *r, const vp_header *h, vp_columns *c,
                     const vp_colguess *g);
/* A layout that marks its free-text columns (SurveyMonkey, Qualtrics): the
 * columns it did not mark whose answers in g look like free text (a
 * SurveyMonkey "Multiple Textboxes" question's boxes, labelled like options)
 * named on stderr, not read.  0 or an EX_* code (no memory). */
int vp_columns_note_unmarked(struct vp_ingest_run *r, const vp_header *h, const vp_columns *c,
                             const vp_colguess *g);

/* ingest_table.c */
int vp_ingest_table(struct vp_ingest_run *r, vp_rowsrc *src);

/* ingest_ndjson.c */
int vp_ingest_ndjson(struct vp_ingest_run *r, FILE *in);

#endif
