/* transcode.h - reading UTF-16 text files as UTF-8, and guessing a CSV
 * delimiter.
 *
 * Excel's "Unicode text" export and many Windows tools write UTF-16 with a
 * byte order mark.  vp_transcode_open looks at the start of a stream and
 * gives back a FILE* (fopencookie) that reads UTF-8 whatever the input was,
 * so the CSV reader sits on it unchanged:
 *
 *     vp_transcode *t;
 *     if ((rc = vp_transcode_open(&t, fp, "survey.csv", 0, &e)) != 0) ...
 *     vp_csv *c = vp_csv_open(vp_transcode_fp(t), "survey.csv", &opts);
 *     while ((rc = vp_csv_next(c, &e)) == 1) ...
 *     if (rc == EX_IOERR) vp_transcode_error(t, &e);  (the real cause)
 *     vp_csv_close(c); vp_transcode_close(t);  (then close fp yourself)
 *
 * Detection, on the first 1 KiB:
 *   EF BB BF  UTF-8 BOM: removed, the rest passed through unchanged;
 *   FF FE     UTF-16LE BOM; FE FF  UTF-16BE BOM: removed, the rest converted
 *             with iconv (glibc), streamed in 16 KiB blocks;
 *   no BOM but NUL bytes in every other position (at least 3 in 4 of the
 *   odd - or even - bytes NUL, almost none of the others): UTF-16LE (BE),
 *   converted like the above; vp_transcode_guessed() says so, so that the
 *   stage can say "read as UTF-16LE (no byte order mark)" on stderr.  With
 *   VP_TC_NO_GUESS it is an error instead (65).
 *   anything else: passed through unchanged (the caller's UTF-8 or
 *   --encoding policy applies).
 * A UTF-32 BOM (FF FE 00 00) is refused (65): no spreadsheet writes it.
 *
 * Errors while reading (an unpaired surrogate, an odd byte at the end) make
 * the FILE* report a read error (errno EILSEQ); vp_transcode_error then gives
 * "survey.csv: byte offset 1234: invalid UTF-16LE (an unpaired surrogate)" (65).
 * Memory: two fixed 16 KiB buffers.
 */
#ifndef VOXPOP_TRANSCODE_H
#define VOXPOP_TRANSCODE_H

#include <stddef.h>
#include <stdio.h>

#include "voxpop/err.h"

typedef struct vp_transcode vp_transcode;

enum { VP_TC_NO_GUESS = 1 };

/* Start reading in (not closed by vp_transcode_close); name for messages.
 * 0 with *t set; EX_DATAERR (UTF-32, or UTF-16 without BOM under
 * VP_TC_NO_GUESS), EX_IOERR (read error), EX_OSERR (no iconv for UTF-16,
 * out of memory), with e filled. */
int vp_transcode_open(vp_transcode **t, FILE *in, const char *name, int flags, vp_err *e);

/* The stream to read UTF-8 from; valid until vp_transcode_close. */
FILE *vp_transcode_fp(vp_transcode *t);

/* What was found: "utf-8" (no BOM: passed through), "utf-8-bom",
 * "utf-16le", "utf-16be". */
const char *vp_transcode_source(const vp_transcode *t);

/* 1 if UTF-16 was guessed from NUL bytes (no BOM). */
int vp_transcode_guessed(const vp_transcode *t);

/* After the stream reported a read error: its cause in e and the code
 * (EX_DATAERR for bad UTF-16, EX_IOERR for the input's own error); 0 if
 * there was none. */
int vp_transcode_error(const vp_transcode *t, vp_err *e);

/* The first UTF-8 bytes the stream will give (converted, nothing consumed):
 * *p and *n (up to 16 KiB; fewer at the end of the input).  0, or the
 * code of a read or conversion error (then vp_transcode_error says it). */
int vp_transcode_peek(vp_transcode *t, const char **p, size_t *n);

/* Close the UTF-8 stream and free t; the input stream stays open. */
void vp_transcode_close(vp_transcode *t);

/* Guess the delimiter of a CSV header line s[0..n): the one of , ; TAB |
 * found most often outside double quotes (a newline outside quotes ends
 * the line); ties and none at all give ','. */
int vp_sniff_delimiter(const char *s, size_t n);

/* The delimiter to read a CSV with, from its header line (the first of
 * s[0..n), complete) and the rows after it that end within s (up to 49;
 * quoted newlines inside a field; as the CSV reader reads them).
 *
 * A header with no comma but ; TAB or | (*header_delim, if not NULL, gets
 * the one vp_sniff_delimiter finds; else ','): that one, unless there are
 * rows and they do not all have the header's number of fields with it --
 * then VP_CSV_NO_DELIM (one column: "Any other comments? (e.g. parking;
 * buses)" above answers holding a ';', a ',' or none).
 *
 * A header with no separator at all ("comment"): VP_CSV_NO_DELIM, one
 * column whose answers may hold commas typed by hand -- unless the rows
 * below it are a table, two or more with the same width (above 1) with
 * one of , ; TAB |: then ',' (a title above the header, named when the
 * columns are not found).
 *
 * A header with a comma: ',' unless the rows all have the header's width
 * (above 1) with one of ; TAB | (the first such) and do not all have it
 * with commas -- or they do (a decimal comma in each), there are two rows
 * or more and the other makes the header wider: a ';' export whose question
 * text holds a comma ("What could we do better, if anything?").  No
 * complete row: ','. */
int vp_sniff_rows_delimiter(const char *s, size_t n, int *header_delim);

/* For a header that parsed (with delimiter delim) as a single column whose
 * text is s[0..n): if another delimiter appears in it, write a hint such as
 * "try --delimiter ';'" or "try --delimiter tab" to hint (hsz bytes, 32 is
 * enough) and return 1; else 0. */
int vp_delimiter_hint(const char *s, size_t n, int delim, char *hint, size_t hsz);

#endif
