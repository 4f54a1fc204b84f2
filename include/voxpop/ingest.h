/* ingest.h - turning survey exports, event notes and form records into
 * voxpop records (the core of vp-ingest).
 *
 * One record per non-empty free-text answer, written as one NDJSON line:
 *   {"id","source","channel","locality","date","question","text","fields"}
 * See README.md "## vp-ingest" for the rules users rely on.
 */
#ifndef VOXPOP_INGEST_H
#define VOXPOP_INGEST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "voxpop/buf.h"
#include "voxpop/date.h"
#include "voxpop/err.h"
#include "voxpop/utf8.h"

#include "voxpop/rowsrc.h"
#include "voxpop/record_new.h"

struct vp_ingest_run; /* one input being read: options, stats, the emitter */

/* A row of the format table (ingest_format.c): what --format names, which
 * file names it is taken for, the default channel, and how it is read --
 * as rows through the shared header code (a table: CSV, event notes), or
 * as records of its own (NDJSON: objects whose other keys pass through). */
typedef struct vp_ingest_format {
	const char *name;              /* for --format, and in messages */
	const char *const *aliases;    /* other --format names; NULL-terminated */
	const char *const *exts;       /* ".txt"...; NULL-terminated */
	const char *channel;           /* "channel" unless --channel */
	vp_rowsrc_open_fn open_rows;   /* a table, or NULL and ... */
	int (*records)(struct vp_ingest_run *r, FILE *in); /* ... records */
} vp_ingest_format;

/* By --format name or alias, ignoring case; NULL if none. */
const vp_ingest_format *vp_format_parse(const char *s);
/* By file name extension (ignoring case); the default (CSV) otherwise. */
const vp_ingest_format *vp_format_of(const char *name);
/* The names for messages: "csv, ndjson or text".  0 or -1 (no memory). */
int vp_format_list(vp_buf *out);

/* ---- survey-tool layouts (ingest_preset.c): a table ----
 *
 * How a tool lays out its export: how many header rows and how they make
 * the column names, which columns are its metadata (never free text), which
 * column is the respondent and which the date, the date order it writes.
 * Recognised from the first header row (signature), or forced (--preset). */
typedef enum vp_preset_kind {
	VP_PRESET_PLAIN = 0,   /* one header row */
	VP_PRESET_SURVEYMONKEY, /* question row + sub-label row ("Response", option labels) */
	VP_PRESET_QUALTRICS,   /* export tags, question text, {"ImportId":...} */
} vp_preset_kind;

typedef struct vp_ingest_preset {
	const char *name;              /* --preset NAME */
	const char *tool;              /* for --help */
	vp_preset_kind kind;
	unsigned header_rows;          /* 1..3 */
	vp_date_order dates;           /* what the tool writes */
	const char *const *first;      /* recognised when column 1 is one of these ... */
	const char *const *signature;  /* ... and all these are in row 1; NULL
	                                * signature and first: never recognised */
	const char *const *meta;       /* never free text ("Recipient*": a prefix) */
	const char *const *respondent; /* the first of these present */
	const char *const *date;       /* the first of these present */
	const char *const *text_sub;   /* surveymonkey: sub-labels that are free text */
	const char *status;            /* qualtrics: the row 1 name of the column that
	                                * says what a row is (vp_qstatus): a response,
	                                * or the author's test or spam; NULL: none */
	const char *one_row;           /* surveymonkey: the layout read instead when
	                                * row 2 is data and row 1 names every column
	                                * (the tool's one-row, condensed export;
	                                * recognised only); NULL: none */
} vp_ingest_preset;

/* By name, ignoring case; NULL if none. */
const vp_ingest_preset *vp_preset_parse(const char *name);
/* The i-th row of the table, NULL past the end (for --help, messages). */
const vp_ingest_preset *vp_preset_at(size_t i);
/* The preset whose signature row 1 (names[0..n), trimmed) carries, or NULL. */
const vp_ingest_preset *vp_preset_detect(const char *const *names, size_t n);
/* "surveymonkey, qualtrics, ... or excel".  0 or -1 (no memory). */
int vp_preset_list(vp_buf *out);

/* ---- Qualtrics' Status column (ingest_preset.c): a table ----
 *
 * What a row of a Qualtrics export is, as its Status says: a response
 * ("IP Address", "Imported", "Offline", "EX"...) or not one -- the survey
 * author's own test run ("Survey Preview"), a generated test response
 * ("Survey Test"), spam ("Spam", "Survey Preview Spam"...).  A choice-text
 * export writes the name, a numeric-values export the number. */
typedef struct vp_qstatus {
	const char *name; /* "Survey Preview" */
	int code;         /* 1 */
	int response;     /* 1: a response, read; 0: not one, not read */
} vp_qstatus;
/* the table's values; the unknown values a run remembers */
enum { VP_QSTATUS_N = 12, VP_QSTATUS_UNKNOWN = 8 };
/* The value s[0..n) (trimmed): its index in the table, by name (ignoring
 * ASCII case) or by number (digits only, as written: "1", not "1.0" or
 * "01"), *numeric saying which; -1 when it is no value Qualtrics is known to
 * write (then the row is read, and the value said). */
int vp_qstatus_find(const char *s, size_t n, int *numeric);
/* The i-th value of the table (0 <= i < VP_QSTATUS_N), else NULL. */
const vp_qstatus *vp_qstatus_at(int i);

/* A consent question's answers: how many refusals are told apart, by
 * answer, in vp_ingest_stats */
enum { VP_DECLINED_KINDS = 4 };
/* What an answer s[0..n) to a consent question says: nothing (blank), yes
 * ("Yes", "Y", "I agree", "I consent"), a clear refusal ("No", "N", "I do
 * not agree", "I don't consent", "No, I do not consent"), or neither
 * ("Maybe", "1", anything else).  Ignores case, surrounding spaces, a
 * final '.' or '!', and takes ’ as '. */
enum { VP_CONSENT_BLANK = 0, VP_CONSENT_YES, VP_CONSENT_NO, VP_CONSENT_UNCLEAR };
int vp_consent_answer(const char *s, size_t n);

/* Called with one line of information for the user (no program name, no
 * newline): guessed columns, rows skipped under skip_bad. */
typedef void (*vp_note_fn)(void *ctx, const char *msg);

enum vp_fields_mode { VP_FIELDS_NONE = 0, VP_FIELDS_ALL, VP_FIELDS_LIST };

typedef struct vp_ingest_opts {
	const char *const *text_cols; /* header names (CSV) or keys (NDJSON) */
	size_t ntext;                 /* 0: guess (CSV), "text" (NDJSON) */
	const char *id_col, *locality_col, *date_col; /* NULL: none */
	const char *respondent_col;   /* NULL: the preset's, guessed by name, the id column, else source:LINE */
	const vp_ingest_preset *preset; /* NULL: recognised from the header, else plain */
	vp_date_order date_order;     /* when date_order_given, else the preset's (dmy) */
	int date_order_given;
	int strict_dates;             /* a date not read in the order is bad data */
	int keep_status;              /* read the rows a layout's status column marks
	                               * as no response (Qualtrics previews, tests,
	                               * spam), as responses */
	int keep_declined;            /* read the rows whose answer to a consent
	                               * question (vp_header_is_consent) refuses
	                               * (vp_consent_answer: VP_CONSENT_NO) */
	int verbose;                  /* note the column plan (layout, id, date, text...) */
	int list_columns;             /* write the plan to out instead of records */
	const char *channel;          /* NULL: survey / event / form by format */
	unsigned long skip_rows;      /* physical lines above the CSV header */
	const vp_ingest_format *format; /* NULL: by the source name's extension (and content) */
	const char *sheet;            /* xlsx: sheet name or 1-based number; NULL: the first */
	vp_conv *conv;                /* NULL: input must be UTF-8 */
	int skip_bad;                 /* skip bad rows (reported) instead of stopping */
	int delim;                    /* CSV delimiter; 0 = ',' */
	size_t max_field;             /* bytes; 0 = 64 MiB */
	/* --max-line: the longest NDJSON line read, and the longest record
	 * line written, bytes ('\n' aside); 0 = VP_MAX_LINE (16 MiB), the
	 * default of the stage that reads the records next.  A longer record
	 * is a bad row (whole: none of its answers is written). */
	size_t max_line;
	size_t sniff_rows;            /* rows sampled to guess text columns; 0 = 200 */
	/* "fields" of table rows (CSV, xlsx, text notes; not NDJSON, whose
	 * keys are its own): none (no "fields" member at all: VP_FIELDS_NONE,
	 * the default), every other column (VP_FIELDS_ALL), or only the columns named in
	 * keep_fields[0..nkeep) (matched as --id-col is; a name that is not a
	 * column is a usage error) */
	int fields_mode;              /* enum vp_fields_mode */
	/* VP_FIELDS_ALL keeps the columns whose header names a personal
	 * detail (vp_header_is_personal) too: only for a caller whose records
	 * never leave it (vp-run's own "fields"); otherwise they are left out
	 * and said, and kept only when named */
	int fields_personal;
	const char *const *keep_fields;
	size_t nkeep;
	/* NULL, or (vp-run) where table rows' records go, as their parts
	 * (record_new.h) instead of a line written to out: 0 or EX_* with e
	 * filled.  NDJSON records are still written to out.  line_len: the
	 * length of the line vp-ingest would write for the record ('\n'
	 * aside), or 0 when that line is so
	 * far within max_line that VP_INGEST_SLACK(text's length) bytes more
	 * would not take it past (then it is not built to measure). */
	int (*sink)(void *ctx, const vp_record_parts *p, size_t line_len, vp_err *e);
	void *sink_ctx;
	/* the input is the same file as the one read before under this name
	 * (vp_operands' VP_IN_AGAIN: a path given twice, a link, stdin
	 * redirected from it), or NULL: its records are written again, and
	 * said (vp_ingest_dup_files) */
	const char *same_as;
	const char *prog;             /* for messages the NDJSON reader prints */
	vp_note_fn note;              /* may be NULL */
	void *note_ctx;
	/* NULL, or told as the input is read (vp-ingest --progress): counted
	 * here, not by a layer around the input, for a workbook is read by
	 * seeking in the file itself, which such a layer hides */
	vp_progress_fn progress;
	void *progress_ctx;
	/* vp-redact's list of given names (redact.h; not owned): a cell shown
	 * in a message is masked with it; NULL: names only after their cues */
	const struct vp_given_names *given_names;
} vp_ingest_opts;

/* The bytes a later stage may add to a record with a text of n bytes
 * (vp-normalise's tokens and "lang", vp-redact's placeholders and
 * "redacted", each far less): the margin within which vp-run is told
 * the record's length (vp_ingest_opts.sink). */
#define VP_INGEST_SLACK(n) ((n) > (SIZE_MAX - 1024) / 64 ? SIZE_MAX : 64 * (n) + 1024)

typedef struct vp_ingest_stats {
	unsigned long rows;     /* data rows, paragraphs or input records */
	unsigned long records;  /* records written */
	unsigned long empty;    /* empty answers (no record) */
	unsigned long rejected; /* bad rows skipped (skip_bad) */
	unsigned long bad_dates; /* date values kept as written: not dates in the order */
	/* the first of them: "path:line", the value (cut), its order, an order
	 * it reads in (-1: none) */
	char bad_date_at[256], bad_date_value[64];
	vp_date_order bad_date_order;
	int bad_date_hint;
	/* workbook cells holding an error (#N/A, #DIV/0!...), read as empty:
	 * how many, and of the first file with any: its path, where the first
	 * was ("sheet \"Responses\" cell C7"), the kinds ("#N/A, #REF!") */
	unsigned long error_cells;
	char error_cell_src[256], error_cell_at[320], error_cell_kinds[96];
	/* workbook cells merged down over rows below the header (only the
	 * first row holds the value; the cells below read empty): how many
	 * merges, the cells below their first rows, and of the first file
	 * with any: its path and the first merge ("A3:A5") */
	unsigned long merged_down, merged_cells;
	char merged_src[256], merged_first[48];
	/* workbooks read from the first of several worksheets shown, none
	 * named with --sheet: how many; the first's path, sheet read, and its
	 * sheets ("\"Notes\", \"Responses\"", cut) */
	unsigned long sheet_default;
	char sheet_default_src[256], sheet_default_name[128], sheet_default_list[320];
	/* respondent or id values Excel wrote in scientific notation
	 * ("1.14368E+11": digits lost): how many; the first's column, where
	 * ("path:line") and value */
	unsigned long sci_ids;
	char sci_id_col[128], sci_id_at[256], sci_id_value[64];
	/* rows whose id (a table's id column value, an NDJSON record's id)
	 * an earlier row of the same file had (their records written with
	 * that id again): how many; the first's column or key, where
	 * ("path:line") and value; and the most different ids a file was
	 * checked for when one held more (0: none did) */
	unsigned long dup_ids;
	char dup_id_col[128], dup_id_at[256], dup_id_value[64];
	size_t dup_id_checked;
	/* inputs that were a file read before (vp_ingest_opts.same_as) and
	 * wrote records: how many; the first's path and the earlier name; the
	 * records they wrote (each a second time).  Ids repeat lawfully across
	 * different files (two forms both numbering from 1; source tells their
	 * records apart), so across files only the same file read twice is a
	 * repeat. */
	unsigned long dup_files, dup_file_records;
	char dup_file_at[256], dup_file_of[256];
	int dup_file_copy; /* the first was a copy of the earlier (the same
	                    * bytes under another name), not the same file */
	/* inputs that wrote records and are other files of an earlier input's
	 * name in another folder (their source, and so their source:LINE ids
	 * and respondents, the same): how many; the first's path and the
	 * earlier one's */
	unsigned long same_names;
	char same_name_at[256], same_name_of[256];
	/* the input vp_ingest read last: input_whole when it read every byte
	 * of it (0: a workbook, read by seeking in it; an input given up on),
	 * then how many and their vp_hash_stream (vp_ingest_check_input) */
	int input_whole;
	unsigned long long input_size;
	uint64_t input_hash;
	/* rows of a Qualtrics export whose Status marks no response (a preview,
	 * a test, spam): not read (unless keep_status), counted in rows.  How
	 * many; per value of vp_qstatus, written as its name [0] or number [1];
	 * how many files had any, and the first of them */
	unsigned long status_skipped;
	unsigned long status_count[VP_QSTATUS_N][2];
	unsigned long status_files;
	char status_src[256];
	/* rows whose Status is no value known (read as responses): how many;
	 * the first VP_QSTATUS_UNKNOWN different values (cut) and the rows of
	 * each (status_unknown_other: rows of values past those); how many
	 * files had any, and the first of them */
	unsigned long status_unknown;
	char status_unknown_value[VP_QSTATUS_UNKNOWN][48];
	unsigned long status_unknown_rows[VP_QSTATUS_UNKNOWN];
	size_t status_unknown_kinds;
	unsigned long status_unknown_other;
	unsigned long status_unknown_files;
	char status_unknown_src[256];
	/* rows whose answer to a consent question (vp_header_is_consent) is a
	 * refusal: not read (unless keep_declined), counted in rows.  How
	 * many; the first VP_DECLINED_KINDS different answers (as first
	 * written, cut; told apart ignoring case) and the rows of each
	 * (declined_other: rows of answers past those); how many files had
	 * any, the first of them, its question (cut) and column (0-based) */
	unsigned long declined;
	char declined_value[VP_DECLINED_KINDS][48];
	unsigned long declined_rows[VP_DECLINED_KINDS];
	size_t declined_kinds;
	unsigned long declined_other;
	unsigned long declined_files;
	char declined_src[256], declined_q[160];
	size_t declined_col;
	/* rows read whose consent answer is blank, or neither yes nor no:
	 * how many of each, the first unclear answer (cut); how many files
	 * had any, the first of them, its question (cut) and column */
	unsigned long consent_blank, consent_unclear;
	char consent_unclear_first[48];
	unsigned long consent_files;
	char consent_src[256], consent_q[160];
	size_t consent_col;
} vp_ingest_stats;

/* "survey.csv: 3 rows whose answer to 'Do you consent to us using your
 * answers?' (column D) is No (2) or I do not agree (1) were not read;
 * --keep-declined reads them" into out, and "survey.csv: 2 rows whose
 * answer to '...' (column D) is blank (1) or neither yes nor no (1, first
 * \"Maybe\") were read" into unclear (nothing when there are none;
 * "survey.csv and 1 other file: ..." for several files, the first's
 * question named).  0 or -1. */
int vp_ingest_consent_notes(const vp_ingest_stats *st, vp_buf *out, vp_buf *unclear);
/* The refusals (declined) or the blank and unclear answers read (0):
 * "answer to 'Do you consent...?' (column D) is No (2) or I do not agree
 * (1)" appended to out (vp_ingest_consent_notes's words; vp-fetch words
 * its own sentence round it).  0 or -1. */
int vp_ingest_consent_list(const vp_ingest_stats *st, vp_buf *out, int declined);

/* "survey.csv: 3 rows not read: Qualtrics Status \"Survey Preview\" 2, \"Spam\"
 * 1 (the author's tests and spam, not responses; --keep-status to read
 * them)" into out, and "survey.csv: 2 rows with a Qualtrics Status not known,
 * read as responses: \"Synthetic\" 2" into unknown (nothing when there are
 * none; "survey.csv and 1 other file: ..." for several files).  0 or -1. */
int vp_ingest_status_notes(const vp_ingest_stats *st, vp_buf *out, vp_buf *unknown);

/* The rows not read, by Status value: "Qualtrics Status \"Survey Preview\" 2,
 * 8 (Spam) 1" appended to out (vp_ingest_status_notes's list; vp-fetch words
 * its own sentence round it).  0 or -1. */
int vp_ingest_status_list(const vp_ingest_stats *st, vp_buf *out);

/* The Status values not known, with their rows: " \"Synthetic\" 2,
 * \"Other\" 1, other values 3" appended to out.  0 or -1. */
int vp_ingest_status_unknown_list(const vp_ingest_stats *st, vp_buf *out);

/* "date: 3 values not read in dmy order, first at survey.csv:14: 03/14/2026;
 * try --date-order mdy" into out (nothing when there are none).  0 or -1. */
int vp_ingest_bad_dates(const vp_ingest_stats *st, vp_buf *out);

/* "book.xlsx: 3 error cells (#N/A, #DIV/0!) read as empty: first at sheet
 * \"Responses\" cell C7" into out (nothing when there are none; the count is
 * of every file, the rest of the first with any).  0 or -1. */
int vp_ingest_error_cells(const vp_ingest_stats *st, vp_buf *out);

/* "book.xlsx: 3 cells merged down over rows below the header, first
 * A3:A5: a merged cell's value is in its first row only (...), so 5 cells
 * below those first rows were read empty; unmerge them and fill the values
 * down in Excel, then save again" into out (nothing when there are none;
 * the counts are of every file, the rest of the first with any).  0 or -1. */
int vp_ingest_merged_down(const vp_ingest_stats *st, vp_buf *out);

/* "book.xlsx: read sheet \"Notes\", the first of the sheets \"Notes\",
 * \"Responses\"; to read another, name it with --sheet" into out (nothing
 * when every workbook had one worksheet shown or --sheet named it; "and 2
 * other workbooks" when more did).  0 or -1. */
int vp_ingest_sheet_default(const vp_ingest_stats *st, vp_buf *out);

/* "\"Respondent ID\": 3 values in Excel's scientific notation (...), first at
 * survey.csv:2: 1.14368E+11; ..." into out (nothing when there are none).
 * 0 or -1. */
int vp_ingest_sci_ids(const vp_ingest_stats *st, vp_buf *out);

/* "\"Ref\": 2 rows with an id an earlier row of the file has (their
 * records written with the same id), first at survey.csv:3: A1" into out
 * (nothing when there are none; "; ids were checked for the first N
 * different ones of a file only" when a file held more).  0 or -1. */
int vp_ingest_dup_ids(const vp_ingest_stats *st, vp_buf *out);

/* "./a.csv: the same file as a.csv, read again: its 2 records written
 * twice (counted twice by what reads them; give each file once)" into out
 * ("b.csv: the same bytes as a.csv (a copy), read again: ..." when the first
 * was a copy; nothing when no input was a file read before; "(as was 1
 * other file): their 5 records" for several).  0 or -1. */
int vp_ingest_dup_files(const vp_ingest_stats *st, vp_buf *out);

/* After vp_ingest read the current operand of in (under the name path),
 * records_before being st->records before it: when it was read whole and
 * is a copy of an earlier operand (the same bytes, another file:
 * vp_operands_same_bytes), its records were written twice, counted and said
 * as a file read again (vp_ingest_dup_files); else when it is another file
 * of an earlier operand's name (2025/survey.csv, 2026/survey.csv), their
 * records share a source, counted and said (vp_ingest_same_names).  0, or
 * EX_OSERR with e (out of memory). */
struct vp_operands;
int vp_ingest_check_input(struct vp_operands *in, const char *path,
                         unsigned long records_before, vp_ingest_stats *st, vp_err *e);

/* "2026/survey.csv: the same name as 2025/survey.csv: the records of both
 * have source \"survey.csv\", so their source:LINE ids and respondents can
 * be the same (ids leave out the folder); give each file a name of its
 * own" into out (nothing when there were none; "(as had 1 other file)"
 * for several).  0 or -1. */
int vp_ingest_same_names(const vp_ingest_stats *st, vp_buf *out);

/* The end of a run that ingested, on stderr as "prog: ...": the bad rows
 * rejected, the dates not read (vp_ingest_bad_dates), the error cells read as
 * empty (vp_ingest_error_cells), the cells merged down (vp_ingest_merged_down),
 * the sheet taken by default of several
 * (vp_ingest_sheet_default), the ids in scientific notation
 * (vp_ingest_sci_ids), the repeated ids (vp_ingest_dup_ids), the files read
 * twice (vp_ingest_dup_files), the files of one name (vp_ingest_same_names), the rows not read for their Qualtrics Status and the
 * Status values not known (vp_ingest_status_notes), and with verbose the
 * counts of rows, records, empty answers, rejected rows and (when any) rows
 * not read for their Status (vp-ingest and vp-run say the same); stopped: the
 * run stopped at an error (a bad row is counted in rows), said after them. */
void vp_ingest_say_end(const char *prog, const vp_ingest_stats *st, int verbose, int stopped);

/* One --fields WHICH, as vp-ingest and vp-run take it: "all" or "none"
 * (sets *mode, drops the names so far), else column names split at commas
 * ("\\," is a comma in a name, "\\\\" a backslash), appended to *names
 * NUL-terminated and counted in *n (*mode VP_FIELDS_LIST).  0, or -1 out of
 * memory. */
int vp_ingest_fields_arg(const char *arg, int *mode, vp_buf *names, size_t *n);
/* The n names vp_ingest_fields_arg gathered, as keep_fields (pointing into
 * names; free() the array).  NULL when out of memory. */
const char **vp_ingest_fields_list(const vp_buf *names, size_t n);

/* What to do when a stage was asked for a column, name, that no record
 * carried (vp-count --by fields.NAME, vp-locate --field, vp-sentiment
 * --question-field): VP_FIELDS_ASK_FMT (a format taking the name) when no
 * record had "fields" at all -- vp-ingest's default keeps none -- and, on
 * err, vp_ingest_fields_hint the same or, when some record had "fields"
 * (fields_seen), that this name is not among them.  No newline. */
#define VP_FIELDS_ASK_FMT \
	"vp-ingest keeps the other columns only when asked (vp-ingest --fields '%s', or --fields all)"
void vp_ingest_fields_hint(FILE *err, const char *name, int fields_seen);

/* Read all of in (named path in messages; the record "source" is its last
 * path component, or "stdin" for "-") and write records to out.  Adds to
 * *st.  Returns 0 or an EX_* code with e filled: EX_DATAERR for bad data,
 * EX_USAGE when a named column is missing or no text column can be
 * guessed, EX_IOERR for read/write errors (a closed pipe included). */
int vp_ingest(const vp_ingest_opts *o, FILE *in, const char *path, FILE *out,
              vp_ingest_stats *st, vp_err *e);

/* vp_ingest on rows from src (its format's table part alone): the header,
 * the columns, every row's records.  src stays the caller's to close.
 * channel: the records' channel.  For tests and for formats read as rows. */
int vp_ingest_rows(const vp_ingest_opts *o, vp_rowsrc *src, const char *path,
                   const char *channel, FILE *out, vp_ingest_stats *st, vp_err *e);

/* ---- header handling, exposed for tests ---- */

typedef struct vp_header {
	size_t n;
	char **name; /* trimmed; empty -> "column N"; repeats -> "Name (2)",
	              * never a name another header has */
	size_t *first; /* the first column headed as column i is (trimmed;
	                * i itself when none before it, or its header is
	                * empty), so a column option naming a repeated header
	                * can say which others it is not; NULL: not known */
} vp_header;

/* 0, or -1 when out of memory (h is then empty). */
int vp_header_init(vp_header *h, const char *const *raw, const size_t *len, size_t n);
void vp_header_free(vp_header *h);

enum { VP_HDR_NONE = -1, VP_HDR_AMBIGUOUS = -2 };
/* Index of the column called want: an exact match first, else the only one
 * equal ignoring ASCII case and surrounding whitespace.  VP_HDR_NONE or
 * VP_HDR_AMBIGUOUS if there is no single such column. */
long vp_header_find(const vp_header *h, const char *want);
/* Append the names as "\"a\", \"b\"" for messages. 0 or -1 (no memory). */
int vp_header_list(const vp_header *h, vp_buf *out);

/* ---- guessing free-text columns, exposed for tests ---- */

/* 1 if a header names a personal detail (a short label ending in one:
 * "Home address", "E-mail", "Postcode", "Phone number", "Your name",
 * "Contact details"; an identifier: "NHS number", "Date of birth", "DOB",
 * "Hospital number", "MRN", "Patient ID", "National Insurance number", "NI
 * number" -- not "Date of visit", "Year of birth", "Number of visits",
 * "Response ID", "ID"), or asks for one ("What is your email address?",
 * "... please leave your details"); a question that merely mentions such
 * a word ("... on the phone? Please explain") is not.  Such columns are
 * never guessed as free text, since long distinct values (an address)
 * would otherwise look like comments. */
int vp_header_is_personal(const char *name);

/* 1 if a header asks for consent to use the answers: a short label
 * beginning "Consent" ("Consent", "Consent given"), or a header with
 * "consent", "permission", "agree to/that/for" or "can/may we" and then
 * both a use ("use", "quote", "share", "publish", "include") and what is
 * used ("answers", "comments", "feedback", "responses", "views"): "Do you
 * consent to us using your answers?", "I consent to my comments being
 * used", "Can we use your feedback in our report?".  Not "Did you agree
 * with the decision?", "Were you asked for your consent before
 * treatment?", "Can we use the car park?". */
int vp_header_is_consent(const char *name);

typedef struct vp_colguess vp_colguess;
vp_colguess *vp_colguess_new(size_t ncols, size_t max_rows);
/* Note value s[0..n) of column col.  0, or -1 out of memory. */
int vp_colguess_add(vp_colguess *g, size_t col, const char *s, size_t n);
/* A column is free text when, over the values added, at least one is
 * non-empty, non-empty values average at least 4 words and 20 bytes, (with
 * 5 or more) at least half of them are different, and they are not lists of
 * the same few options -- a checkbox question's answers ("GP surgery,
 * Pharmacy", "GP surgery;Pharmacy;"): split at ',' and ';', a quarter of
 * the values or more of two items or more, 10 items or more, at most 48
 * different and each one used three times on average. */
int vp_colguess_is_text(const vp_colguess *g, size_t col);
void vp_colguess_free(vp_colguess *g);

#endif
