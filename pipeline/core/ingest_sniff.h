/* ingest_sniff.h - what vp-ingest's row sources can tell from an input's
 * first bytes or first row, to name a wrong guess instead of reading
 * garbage (not a public API). */
#ifndef VOXPOP_INGEST_SNIFF_H
#define VOXPOP_INGEST_SNIFF_H

#include <stddef.h>

#include "voxpop/err.h"

/* p[0..n), the first bytes of path: UTF-16 (a byte order mark, or ASCII
 * with every other byte NUL) is EX_DATAERR, naming it and the iconv
 * command that converts it:
 *   "survey.txt: UTF-16 text (Excel 'Unicode Text'); convert with:
 *    iconv -f UTF-16 -t UTF-8 survey.txt > survey.csv"
 * Else 0. */
int vp_sniff_utf16(const unsigned char *p, size_t n, const char *path, vp_err *e);

/* A header that is one column holding ';', TAB or '|' (the most frequent
 * of them) was written with another separator: EX_USAGE,
 *   "s.csv:1: the header is one column, \"UserID;Name;Comment\"; try --delimiter ';'"
 * Else 0.  Only asked when no --delimiter was given. */
int vp_sniff_one_column(const char *cell, size_t len, const char *path, unsigned long line,
                        vp_err *e);

#endif
