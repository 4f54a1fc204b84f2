/* xlsx.h - streaming row reader for Excel .xlsx workbooks (Office Open XML).
 *
 * The zip container is read with libzip and the worksheet XML is streamed
 * through expat in 64 KiB chunks (zip_fread -> XML_ParseBuffer), suspending
 * the parser at each </row>, so memory is bounded by the longest row, not
 * the workbook.  The shared-string table, which cells index into from
 * anywhere in the sheet, is read whole when the workbook is opened: a small
 * one (up to opts.shared_mem, 4 MiB) is held in memory, one arena (strings
 * back to back, NUL-terminated, plus a 4-byte offset each); a larger one
 * goes to two unlinked temporary files in $TMPDIR (else /tmp) -- the strings,
 * and an 8-byte end offset each -- and a cell's string is read back with
 * pread: strings taken in the order of the table (as Excel writes it, in
 * the order of first use) through a 64 KiB read-ahead window, short ones
 * (repeated answers) from a cache of 4096, others with two small reads; so
 * memory stays flat (under 1 MB for the table) whatever its size.  The
 * table is capped by opts.max_shared (bytes held, in memory or on disk).
 * While a string of the table is read, its bytes are held; one longer than
 * max_field is not kept once it is on disk (a cell using it is rejected, as
 * one over max_field always is).
 *
 * Rows and cells, as decided here:
 *  - A cell's column comes from its reference (r="C5"); a cell without one
 *    follows the previous cell.  Missing cells in between are "" (sparse
 *    rows are filled), so cells[i] is always column i+1 (A = 0).
 *  - ncells is 1 + the last column holding a value: trailing cells that are
 *    only styled (no value) are dropped, as are rows with no value at all.
 *    Rows absent from the sheet are not emitted as blanks; rowno (the
 *    row's r attribute, or the previous row + 1) says where a row is, and
 *    serves as the "line" of messages and ids.  A column given twice in a
 *    row: the last value wins (more cells than max_cols is an error).
 *  - Values, as text: shared strings (t="s", rich-text runs <r><t>
 *    concatenated, phonetic <rPh> runs dropped), inline strings
 *    (t="inlineStr"), text formula results (t="str") and ISO dates (t="d")
 *    as written; booleans as TRUE / FALSE.  The _xHHHH_ escapes of OOXML
 *    strings are decoded (_x000D_ -> CR).
 *  - A number is read as Excel shows it, not as stored (a computed 0.1+0.2
 *    is stored 0.30000000000000004; Excel shows 0.3), by its cell style's
 *    number format (vp_xlsx_show): percentages ("0%", "0.00%": 0.125 ->
 *    12.50%), fixed decimals ("0.00": 3.5 -> 3.50), thousands ("#,##0":
 *    1234 -> 1,234), zero padding ("00000": 123 -> 00123, as practice and
 *    ward codes are), scientific ("0.00E+00": 1.23E+03), currency and text
 *    ("£#,##0.00": £1,234.50; "0\" days\"": 5 days), accounting's sections
 *    (vp_xlsx_fmt_parse); any other format, and General, as General shows it
 *    in a column wide enough: to 15 significant digits, whole numbers of
 *    up to 15 digits in full (an id 123456789012 stays so; a narrow column
 *    would show 1.23457E+11), exponent form from 1E+15 and for small values
 *    (1E-10; 0.00000015 written out).
 *  - A merged cell (<mergeCell>) is read as the sheet holds it: its value
 *    in its top-left cell, the others empty.  Those merged down over rows
 *    (below a floor the caller sets: the header) are counted
 *    (vp_xlsx_merged_down) so the caller can say so.
 *  - A cell holding an error value (t="e": #N/A from a failed lookup,
 *    #DIV/0!, #REF!, #VALUE!, #NAME?, #NUM!, #NULL!) has no value: it is
 *    read as an empty cell, never as the text "#N/A", and counted
 *    (vp_xlsx_error_cells) so the caller can say so.
 *  - A formula cell with no saved value (no <v>, or openpyxl's empty <v>
 *    in a cell that is not text: the writer did not calculate it) cannot
 *    be read: its row is rejected (EX_DATAERR naming the cell, the reader
 *    goes on with the next row), never read as an empty cell.
 *  - A number whose cell style is a date format (xl/styles.xml numFmtId
 *    14-22, 45-47, or a custom format with d/m/y/h/s tokens outside quotes
 *    and brackets) becomes ISO 8601: "2026-03-04" for date formats,
 *    "2026-03-04T10:32:11" when the format also shows a time, "10:32:11" for
 *    time-only formats, "36:00:00" for elapsed-time ones ([h]:mm); seconds
 *    are rounded, but a date format gives the day the serial is in, as
 *    Excel shows it (23:59:59.6 is that day, not the next).  Both the 1900 system (serial 1
 *    = 1900-01-01, with Lotus's phantom 1900-02-29 = serial 60, written as
 *    such because Excel shows it) and the 1904 system (workbookPr date1904)
 *    are handled.  Serials below 1 in a date-only format, negative ones and
 *    those past 9999-12-31 are shown as General.
 *
 * Cells are NUL-terminated UTF-8 (XML cannot carry NUL) and stay valid until
 * the next vp_xlsx_next_row or vp_xlsx_close.
 */
#ifndef VOXPOP_XLSX_H
#define VOXPOP_XLSX_H

#include <stddef.h>
#include <stdio.h>

#include "voxpop/err.h"

typedef struct vp_xlsx vp_xlsx;

typedef struct vp_xlsx_opts {
	size_t max_field;   /* longest cell value, bytes; 0 = 64 MiB (as vp_csv) */
	size_t max_cols;    /* highest column accepted; 0 = 16384 (XFD, Excel's own) */
	size_t max_shared;  /* bytes of shared strings held, with their offsets, in
	                     * memory or on disk; 0 = 4 GiB */
	size_t shared_mem;  /* shared strings held in memory, bytes; past it they go
	                     * to temporary files; 0 = 4 MiB */
} vp_xlsx_opts;

/* Open the workbook at path and select a sheet: NULL = the first worksheet
 * in tab order that is not hidden (chart sheets and hidden sheets -- a
 * lookup table, an old copy -- passed over, as Excel never shows them
 * first; a hidden one only when every worksheet is);
 * otherwise a sheet name (exact, then ignoring ASCII case), else a 1-based
 * position in the workbook's tab order ("2").  opts may be NULL.
 * Returns 0 with *x set, or an EX_* code with e filled (and *x NULL):
 *   66  the path cannot be opened ("book.xlsx: No such file or directory")
 *   65  not a workbook: an old binary .xls, a password-protected workbook,
 *       an .ods, not a zip, a truncated or corrupt zip, missing or malformed
 *       parts, shared strings over max_shared
 *   64  no such sheet (the message lists the sheets), or a chart sheet
 *   71  out of memory (EX_OSERR, as elsewhere in voxpop)
 *   74  the shared strings' temporary file cannot be created or written
 *       (the message names the directory: set TMPDIR to another) */
int vp_xlsx_open(vp_xlsx **x, const char *path, const char *sheet,
                 const vp_xlsx_opts *opts, vp_err *e);

/* The same on a stream already open (a row source's FILE*; it is read
 * through its own descriptor, dup'ed, and stays the caller's to close).
 * name is used in messages.  It must be seekable: a pipe is EX_USAGE
 * ("book.xlsx: an .xlsx workbook cannot be read from a pipe (Illegal seek);
 * name the file"); standard input redirected from a file is fine. */
int vp_xlsx_open_fp(vp_xlsx **x, FILE *fp, const char *name, const char *sheet,
                    const vp_xlsx_opts *opts, vp_err *e);

/* The next row that holds a value: 1 with *cells[0..*ncells) and *rowno
 * (1-based sheet row) set; 0 at the end of the sheet; otherwise an EX_*
 * code with e filled.  A row with a cell over max_field is read to its end
 * and rejected (65), e.g. "book.xlsx: sheet \"Responses\": cell B7: value
 * longer than 65536 bytes (max field)": calling again reads the row after
 * it, as vp_csv_next does.  Every other error is final (vp_xlsx_spent then
 * says 1, and further calls return the same code): malformed XML with its
 * line (65), a corrupt zip entry (65), a bad cell reference or shared
 * string index (65), a column past max_cols (65), a read error, of the
 * shared strings' temporary file too (74). */
int vp_xlsx_next_row(vp_xlsx *x, const char *const **cells, size_t *ncells,
                     unsigned long *rowno, vp_err *e);

/* 1 once nothing more can be read (after an error other than max_field). */
int vp_xlsx_spent(const vp_xlsx *x);

/* Byte lengths of the current row's cells (lens[i] == strlen(cells[i])),
 * valid as long as the cells. */
const size_t *vp_xlsx_lens(const vp_xlsx *x);

/* Name of the selected sheet, as in the workbook. */
const char *vp_xlsx_sheet_name(const vp_xlsx *x);
/* The workbook's sheets' names, quoted and comma-separated, when the sheet
 * read was taken by default from several; else NULL. */
const char *vp_xlsx_sheet_list(const vp_xlsx *x);
/* When the sheet read was taken by default from several: how many
 * worksheets are not hidden (the one taken among them; more than 1: a
 * "Notes" sheet first may hide the responses on another); else 0. */
size_t vp_xlsx_shown(const vp_xlsx *x);

/* Error cells read as empty so far (see above); *first (if not NULL) is
 * set to where the first was, "sheet \"Responses\" cell C7", and *kinds to
 * the error values seen, "#N/A, #DIV/0!" (both NULL when there are none;
 * valid until vp_xlsx_close). */
unsigned long vp_xlsx_error_cells(const vp_xlsx *x, const char **first, const char **kinds);

/* Cells merged down (a <mergeCell> over two rows or more: Excel shows its
 * value beside every row it spans, but only its first row holds it; the
 * cells below are read empty, as the sheet holds them) whose first row is
 * below row floor (0, the default: any).  The merges follow the rows in
 * the sheet, so they are known once its last row was read: set the floor
 * before (the header's row). */
void vp_xlsx_merge_floor(vp_xlsx *x, unsigned long floor);

/* Such merges seen: how many; *cells (if not NULL) the cells below their
 * first rows, *first (if not NULL) the top-most, then left-most, "A3:A5"
 * (NULL when none; valid until vp_xlsx_close). */
unsigned long vp_xlsx_merged_down(const vp_xlsx *x, unsigned long *cells, const char **first);

/* 1 if the workbook uses the 1904 date system. */
int vp_xlsx_date1904(const vp_xlsx *x);

/* Number of shared strings held and the bytes they take (NUL-terminated,
 * in memory or in the temporary file; offsets not counted). */
size_t vp_xlsx_nshared(const vp_xlsx *x, size_t *bytes);

/* 1 if the shared strings went to temporary files (past shared_mem). */
int vp_xlsx_shared_on_disk(const vp_xlsx *x);

void vp_xlsx_close(vp_xlsx *x);

/* Helpers, exposed for tests.  Column letters ("C", "AA") from the front of
 * a cell reference: 1-based column, 0 if s does not start with A-Z letters
 * or the column is past 16384*1024. */
unsigned long vp_xlsx_col(const char *ref);
/* And back: the letters of 1-based column col into out (size >= 2), NUL
 * ended; their length. */
size_t vp_xlsx_col_letters(unsigned long col, char *out, size_t size);
/* Serial number -> ISO text in out (at least 20 bytes): kind 1 date,
 * 2 date and time, 3 time of day, 4 elapsed time.  0 if the serial cannot
 * be shown so (then the number is shown as General). */
int vp_xlsx_serial_iso(double serial, int date1904, int kind, char out[20]);

/* A number format, read once from its code (xl/styles.xml) and applied to
 * each number so formatted. */
enum {
	VP_XLSX_GENERAL = 0,   /* General, or a format not understood */
	/* 1-4: the kinds of vp_xlsx_serial_iso: date, date and time, time of
	 * day, elapsed time ([h], [mm], [ss]) */
	VP_XLSX_FIXED = 5,     /* digit placeholders: "0.00", "#,##0", "0%", "00000",
	                        * "0.00E+00", with text: "£#,##0.00", "0\" days\"" */
	VP_XLSX_SHOWN = 512    /* room for a number as shown, its NUL too */
};
/* One section of a VP_XLSX_FIXED format: text, the number, text. */
typedef struct vp_xlsx_section {
	/* digits before the point at least ("00000": 5; "#.00": 0), decimals
	 * at least and at most ("0.00": 2, 2; "0.0#": 1, 2), thousands
	 * separated by ',', the value times 100 ('%', shown where written) */
	unsigned char int_min, dec_min, dec_max, group, percent;
	/* exponent form ("0.00E+00": 2): the exponent's digits at least, 0 none;
	 * exp_plus: '+' shown for a positive exponent (E+), not only '-' (E-) */
	unsigned char exp_min, exp_plus;
	unsigned char number;  /* 0: the text alone, no number ("-" for zero) */
	char pre[16], post[16]; /* the text before and after the number (UTF-8) */
} vp_xlsx_section;
typedef struct vp_xlsx_numfmt {
	unsigned char kind;
	/* VP_XLSX_FIXED: 1 section for every number (a negative with '-' before
	 * it); 2: the second for negatives, shown without their minus; 3: the
	 * third for zero */
	unsigned char nsec;
	vp_xlsx_section sec[3];
} vp_xlsx_numfmt;

/* Read a format code into f; f->kind.  Understood as VP_XLSX_FIXED: up to
 * three sections (positive;negative;zero, and a fourth for text, unused) of
 * 0 # ? , placeholders with an optional point, '%' and exponent (E+00),
 * text before and after them -- in quotes, after a backslash, a currency's
 * locale ([$£-809]: "£"), or $ £ € - + ( ) : / and spaces bare -- with colours,
 * locales, _x padding and *x fills left out (spacing, not text).  A negative
 * section that shows no sign (neither '-' nor '('), letters not quoted,
 * scaling commas, fractions, engineering exponents (##0.0E+0) and conditions
 * are not understood: General. */
int vp_xlsx_fmt_parse(const char *code, vp_xlsx_numfmt *f);

/* The number num (as a sheet stores it, "0.30000000000000004") as Excel
 * shows it in a cell of format f, in out: its length, or -1 if num is not
 * a number (the cell is then read as written). */
int vp_xlsx_show(const char *num, const vp_xlsx_numfmt *f, int date1904, char out[VP_XLSX_SHOWN]);

#endif
