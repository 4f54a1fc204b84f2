/* rowsrc_more.h - the xlsx row source for vp-ingest's format table
 * (rowsrc.h) on top of the xlsx reader (xlsx.h): one row in
 * ingest_format.c.  (UTF-16 text is read by vp_ingest through the UTF-16
 * layer, transcode.h, under whichever source reads the text.) */
#ifndef VOXPOP_ROWSRC_MORE_H
#define VOXPOP_ROWSRC_MORE_H

#include "voxpop/rowsrc.h"

/* The sheet a->sheet (NULL: the first worksheet) of the .xlsx workbook a->in (a seekable file; a pipe
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

#endif
