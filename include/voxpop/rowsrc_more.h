/* rowsrc_more.h - row sources for vp-ingest's format table (rowsrc.h) on
 * top of the xlsx reader (xlsx.h) and the UTF-16 layer (transcode.h).
 * Plugging them in is one row each in ingest_format.c, e.g.
 *     {"xlsx", NULL, xlsx_ext, "survey", vp_rowsrc_xlsx_open, NULL},
 * and, for CSV that may be UTF-16, vp_rowsrc_csv_any_open in place of
 * vp_rowsrc_csv_open.  (--sheet needs a field in vp_rowsrc_args; until
 * then vp_rowsrc_xlsx_open_sheet takes it.) */
#ifndef VOXPOP_ROWSRC_MORE_H
#define VOXPOP_ROWSRC_MORE_H

#include "voxpop/rowsrc.h"

/* The first worksheet of the .xlsx workbook a->in (a seekable file; a pipe
 * is EX_USAGE), named a->path in messages.  Rows: the sheet's rows that
 * hold a value (xlsx.h), the header first; row->line is the sheet row
 * number, so messages and ids say "book.xlsx:7".  a->skip_rows skips the
 * sheet rows 1..N (banners above the header).  a->max_field as for CSV;
 * a->delim and a->conv do not apply (cells are UTF-8: the source is clean).
 * next: EX_DATAERR for a row with a cell over max_field (the caller may go
 * on), other errors end the sheet (lost_rest says 1). */
int vp_rowsrc_xlsx_open(const vp_rowsrc_args *a, vp_rowsrc **out, vp_err *e);

/* The same for a chosen sheet: a name or a 1-based number (xlsx.h);
 * NULL = the first worksheet.  max_cols 0 = 16384. */
int vp_rowsrc_xlsx_open_sheet(const vp_rowsrc_args *a, const char *sheet, size_t max_cols,
                              vp_rowsrc **out, vp_err *e);

/* CSV in UTF-8 or UTF-16 (BOM, or guessed from NUL bytes): the CSV source
 * on vp_transcode's UTF-8 stream.  For UTF-16 input a->conv is not applied
 * (the bytes are UTF-8 by then).  Bad UTF-16 ends the input with its
 * cause, EX_DATAERR "survey.csv: byte offset N: invalid UTF-16LE (...)". */
int vp_rowsrc_csv_any_open(const vp_rowsrc_args *a, vp_rowsrc **out, vp_err *e);

#endif
