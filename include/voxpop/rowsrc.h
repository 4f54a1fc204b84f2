/* rowsrc.h - the row-source interface vp-ingest reads tables through.
 *
 * A row source turns one input format into rows: arrays of cells with the
 * physical line where the row starts.  Everything after that -- header
 * names, choosing and guessing columns, checking and converting cells, the
 * records -- is shared (ingest_header.c, ingest_table.c), so a new tabular
 * format (xlsx, a UTF-16 layer under CSV) is one file with one constructor
 * and one row in the format table (ingest_format.c).
 *
 * By default a source is a plain table: its first row is the header (or the
 * first rows: several header rows, as survey tools write, are combined by
 * the shared header code) and its cells are raw bytes in the input
 * encoding, checked and converted by the shared code.  A source with a
 * shape of its own (event notes: one paragraph per row, the header block's
 * values in every row) gives its header itself and a fixed layout.
 */
#ifndef VOXPOP_ROWSRC_H
#define VOXPOP_ROWSRC_H

#include <stddef.h>
#include <stdio.h>

#include "voxpop/buf.h"
#include "voxpop/err.h"
#include "voxpop/utf8.h"

typedef struct vp_row {
	size_t n;                  /* cells */
	const char *const *cell;   /* bytes (may hold NUL), valid until the next call */
	const size_t *len;
	unsigned long line;        /* physical line (1-based) where the row starts */
	const char *bad;           /* NULL, or why the row is bad: it counts as a
	                            * row, and is an error or skipped (--skip-bad) */
	unsigned long bad_line;    /* where it is bad */
} vp_row;

/* Which column is what, for a source that decides it itself. */
typedef struct vp_layout {
	long text, id, locality, date; /* column, or -1 */
	size_t first_field;            /* "fields": the columns from this one on */
	int no_question;               /* "question" is "" rather than the header name */
} vp_layout;

typedef struct vp_rowsrc vp_rowsrc;

/* Told how far reading an input has come: its bytes read so far (a
 * workbook: how far into the file its reader is).  vp-ingest --progress. */
typedef void (*vp_progress_fn)(void *ctx, unsigned long long bytes);
struct vp_ingest_stats;

typedef struct vp_rowsrc_ops {
	/* The next row: 1, 0 at the end, or an EX_* code with e filled
	 * ("path:line: why").  EX_DATAERR is a row the source could not read
	 * but has read past: the caller may go on (--skip-bad).  A row read
	 * but found bad is returned (1) with row->bad set. */
	int (*next)(vp_rowsrc *s, vp_row *row, vp_err *e);
	/* After EX_DATAERR from next: 1 if nothing more can be read (an
	 * unterminated quote ran to the end).  NULL: never. */
	int (*lost_rest)(const vp_rowsrc *s);
	/* The header, for a source that has it apart from its rows: 1 (the
	 * cells valid until the source is closed), 0 no input, or an EX_* code
	 * (a bad header is never skipped).  NULL: the first row is the header. */
	int (*header)(vp_rowsrc *s, vp_row *hdr, vp_err *e);
	void (*close)(vp_rowsrc *s);
	/* After the last row (or an error): add what the source read in a way
	 * the user must be told of to st (xlsx: error cells read as empty).
	 * NULL: nothing. */
	void (*tell)(const vp_rowsrc *s, struct vp_ingest_stats *st);
} vp_rowsrc_ops;

struct vp_rowsrc {
	const vp_rowsrc_ops *ops;
	int clean;                 /* 1: cells are valid UTF-8 already, converted */
	const vp_layout *layout;   /* NULL: columns chosen from the header by options */
};

/* What a source's constructor is given. */
typedef struct vp_rowsrc_args {
	FILE *in;
	const char *path;          /* for messages */
	int delim;                 /* CSV: separator, 0 = ',' */
	unsigned long skip_rows;   /* physical lines above the header */
	int sep_line;              /* CSV: skip_rows is 1 for Excel's "sep=;" line, not
	                            * given: nothing after it is an empty input */
	size_t max_field;          /* longest field / paragraph, bytes */
	vp_conv *conv;             /* NULL: input is UTF-8 */
	const char *sheet;         /* xlsx: a sheet name or 1-based number; NULL: the first */
	vp_progress_fn progress;   /* xlsx: NULL, or called after each row (the other
	                            * formats' bytes are counted as they are read) */
	void *progress_ctx;
} vp_rowsrc_args;

/* A constructor: 0 with *out set, or an EX_* code with e filled. */
typedef int (*vp_rowsrc_open_fn)(const vp_rowsrc_args *a, vp_rowsrc **out, vp_err *e);

int vp_rowsrc_csv_open(const vp_rowsrc_args *a, vp_rowsrc **out, vp_err *e);
int vp_rowsrc_text_open(const vp_rowsrc_args *a, vp_rowsrc **out, vp_err *e);

/* ingest_xlsx.c: the sheet a->sheet (NULL: the first worksheet not hidden) of the
 * .xlsx workbook a->in (a seekable file; a pipe is EX_USAGE), named
 * a->path in messages.  Rows: the sheet's rows that hold a value (xlsx.h),
 * the header first; row->line is the sheet row number, so messages and ids
 * say "book.xlsx:7".  a->skip_rows skips the sheet rows 1..N (banners above
 * the header).  a->max_field as for CSV; a->delim and a->conv do not apply
 * (cells are UTF-8: the source is clean).  next: EX_DATAERR for a row with
 * a cell over max_field (the caller may go on), other errors end the sheet
 * (lost_rest says 1). */
int vp_rowsrc_xlsx_open(const vp_rowsrc_args *a, vp_rowsrc **out, vp_err *e);
/* The same with a column limit (max_cols 0 = 16384), for tests. */
int vp_rowsrc_xlsx_open_sheet(const vp_rowsrc_args *a, const char *sheet, size_t max_cols,
                              vp_rowsrc **out, vp_err *e);

static inline void vp_rowsrc_close(vp_rowsrc *s)
{
	if (s)
		s->ops->close(s);
}

/* Checking one value: no NUL, and clean UTF-8 -- or, with conv, converted
 * (the UTF-8 appended to *conv_out, its offset in *off; else *off is
 * SIZE_MAX and the value is used as it is).  Returns 0 ok, 1 bad (the
 * reason in why, naming the value as what and name say: 'field "Age"';
 * *bad_at the offset of the bad byte), -1 out of memory.  The message is
 * only formatted on error (hot path). */
int vp_cell_clean(vp_conv *conv, const char *s, size_t n, vp_buf *conv_out, size_t *off,
                  size_t *outn, char *why, size_t whysz, size_t *bad_at, const char *what,
                  const char *name);

#endif
