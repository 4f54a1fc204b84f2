/* ingest_sniff.h - what vp-ingest's row sources can tell from an input's
 * first row, to name a wrong guess instead of reading garbage (not a
 * public API).  UTF-16 is not guessed here: vp_ingest reads it (transcode.h). */
#ifndef VOXPOP_INGEST_SNIFF_H
#define VOXPOP_INGEST_SNIFF_H

#include <stddef.h>

#include "voxpop/err.h"

/* A header that is one column holding ';', TAB or '|' (the most frequent
 * of them) was written with another separator: EX_USAGE,
 *   "s.csv:1: the header is one column, \"UserID;Name;Comment\"; try --delimiter ';'"
 * Else 0.  Only asked when no --delimiter was given. */
int vp_sniff_one_column(const char *cell, size_t len, const char *path, unsigned long line,
                        vp_err *e);

#endif
