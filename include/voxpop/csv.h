/* csv.h - streaming RFC 4180 reader (quoted fields, doubled quotes,
 * newlines inside quotes, CRLF or LF, a UTF-8 BOM at the start).
 *
 * One row is held in memory at a time, so memory is bounded by the longest
 * row, not the file.  Fields are returned as raw bytes (not validated as
 * UTF-8 here; that is the caller's policy).
 *
 * Leniencies, as spreadsheets behave: a quote inside an unquoted field is
 * data (5" screen); text after a closing quote is kept ("ab"cd -> abcd).
 * Outside quotes a lone CR ends the row like LF and CRLF do (old Mac
 * exports end lines so); inside quotes it is data.  A physical line that is
 * empty (outside quotes) is skipped, not returned as a row; a line holding
 * only "" is a row of one empty field.  Line numbers count line ends, as an
 * editor shows them: LF, CRLF (once) and a lone CR, inside quoted fields
 * too.
 */
#ifndef VOXPOP_CSV_H
#define VOXPOP_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "voxpop/err.h"

typedef struct vp_csv vp_csv;

/* Most fields a row may have (a 100,000-column header is read): a row
 * with more is a bad row ("row has more than 262,144 fields"), read to its
 * end without being kept, as is a row whose fields together are longer
 * than max_row ("row longer than N bytes"); so one row in memory is
 * bounded, whatever the line. */
#define VP_CSV_MAX_FIELDS 262144

/* A delimiter that is none: one column, each row's whole text its one
 * field (commas and all; quotes still honoured) -- a one-column export
 * whose answers were typed with unquoted commas. */
#define VP_CSV_NO_DELIM (-1)

typedef struct vp_csv_opts {
	int delim;          /* field separator, default ','; VP_CSV_NO_DELIM: none */
	size_t max_field;   /* longest field accepted, bytes; 0 = default 64 MiB */
	size_t max_row;     /* longest row (its fields together) accepted; 0 =
	                     * max_field, but at least 64 MiB */
	unsigned long first_line; /* number of the first line read; 0 = 1 (for
	                           * callers that consumed lines before) */
} vp_csv_opts;

/* Start reading fp (not closed by vp_csv_close).  name is used in messages.
 * opts may be NULL.  Returns NULL only when out of memory. */
vp_csv *vp_csv_open(FILE *fp, const char *name, const vp_csv_opts *opts);

/* Read the next row: 1 = a row, 0 = end of input, otherwise an EX_* code
 * with e filled, e.g. "survey.csv:17: unterminated quoted field"
 * (the line where the field started).  A row with a field over max_field is
 * read to its end and rejected (EX_DATAERR): calling vp_csv_next again reads
 * the row after it.
 *
 * A stray quote: a quoted field that runs past line ends to the end of the
 * input is an error (EX_DATAERR) naming the line where the quote opened and
 * how many lines it swallowed:
 *   "survey.csv:17: unterminated quoted field: stray quote swallowed 9,998
 *    lines; rows read again from line 18"
 * Its row is the bad one.  The lines after the one where it opened are
 * kept as read (at most max_field bytes of field: memory stays bounded) and
 * calling vp_csv_next again re-reads them, from the first line that reads
 * as a whole row on its own: its quotes close on it and it has as many
 * fields as the first row (the header).  Lines before it (continuation
 * lines, rows of another width) are part of the bad row.  If no line
 * qualifies ("...; no row after it has 4 fields"), or the field grew past
 * max_field ("..., more than 1000 bytes: the rest is lost"), nothing more
 * can be read (vp_csv_eof).  A quote that closes at a later stray quote
 * cannot be told from a long quoted field and is read as one. */
int vp_csv_next(vp_csv *c, vp_err *e);

size_t vp_csv_nfields(const vp_csv *c);
/* Field i of the current row, NUL-terminated; *len (if not NULL) gets its
 * length (fields may contain NUL bytes).  i must be < vp_csv_nfields(). */
const char *vp_csv_field(const vp_csv *c, size_t i, size_t *len);
/* Physical line number (1-based) where the current row starts. */
unsigned long vp_csv_line(const vp_csv *c);

/* 1 once all input has been consumed (e.g. after an unterminated quoted
 * field, which runs to the end): nothing more can be read. */
int vp_csv_eof(const vp_csv *c);

/* Before the first row: skip n physical lines (LF, CRLF or a lone CR),
 * e.g. banner lines above a header.  0, or 1 when the input ends before or
 * right after them (nothing left to read), with *seen the number of lines
 * there were (a last line without its end counts); EX_IOERR. */
int vp_csv_skip_lines(vp_csv *c, unsigned long n, unsigned long *seen, vp_err *e);

/* The rows of s[0..n) as the reader would read them with delimiter delim
 * (its quote rules: a quote opens a field only at its start, "" inside
 * quotes is a quote, a line end inside quotes is data), for guessing an
 * input's shape from its first bytes: the fields of each row that ends
 * within s (LF, CRLF or a lone CR outside quotes) into w, up to max rows;
 * a blank line (which the reader passes over) is a row of 0.  A row cut
 * by the end of s is not counted.  The number of rows. */
size_t vp_csv_widths(const char *s, size_t n, int delim, size_t *w, size_t max);

void vp_csv_close(vp_csv *c);

#endif
