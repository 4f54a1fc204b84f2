/* count_doc.h - the vp-count document: what a vp_count renders and what
 * vp-merge and vp-report read (shape in count.h and README "vp-count").
 *
 * Because a document carries everything the accumulator holds (counts and
 * the candidate quotes with their scores), merging documents gives exactly
 * what counting all their records together would have given.
 */
#ifndef VOXPOP_COUNT_DOC_H
#define VOXPOP_COUNT_DOC_H

#include <stddef.h>
#include <stdio.h>
#include <jansson.h>

#include "voxpop/count.h"
#include "voxpop/err.h"

struct vp_given_names;

/* Read the options a vp-count document was made with (by/level, nested, quotes). */
int vp_count_doc_opts(const json_t *doc, vp_count_opts *o, char *bybuf, size_t bysz,
                      vp_err *e);

/* Add a whole vp-count document.  Its options must equal c's: different
 * level, --by, nesting or quote count is EX_DATAERR with a message saying
 * which (a different level is fine when both are nested: the groups at c's
 * level are rebuilt from the tree).  A malformed document is EX_DATAERR too. */
int vp_count_merge(vp_count *c, const json_t *doc, vp_err *e);

/* vp_count_merge(c, vp_count_json(src)), the same in every way, but with
 * one group's JSON in memory at a time, not src's whole document (vp-run
 * adding up its workers). */
int vp_count_absorb(vp_count *c, const vp_count *src, vp_err *e);

/* 0 if doc is a vp-count document vp-merge takes as the whole result: the
 * very checks vp_count_merge makes (counts whole and not negative, no theme
 * with more records than its group, ...) and vp_count_check_by's (a
 * vp-count --part document that says "by_absent": no record had the --by
 * member), else EX_DATAERR with vp-merge's message, a group named in it
 * masked as vp-count masks it, with given (vp-redact's list of given
 * names, or NULL).  vp-report checks every document with it before reading
 * numbers from it. */
int vp_count_doc_check(const json_t *doc, const struct vp_given_names *given, vp_err *e);

/* doc at another level: exactly what vp-count --level LEVEL (with the
 * same other options) would have written.  doc must be nested, or already
 * at that level.  NULL with e filled otherwise. */
json_t *vp_count_relevel(const json_t *doc, int level, vp_err *e);

/* The document.  NULL if out of memory. */
json_t *vp_count_json(const vp_count *c);

/* The one canonical way to write a document: sorted keys, indent 2 (else
 * JSON_COMPACT: vp-count --compact), reals to 10 digits. */
#define VP_COUNT_JSON_FLAGS (JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(10))
#define VP_COUNT_JSON_COMPACT (JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(10))

/* Write a document the one canonical way (VP_COUNT_JSON_FLAGS, newline). */
int vp_count_write(FILE *out, const json_t *doc, vp_err *e);

/* The counts so far, written to out as vp_count_write(vp_count_json(c))
 * would with flags (VP_COUNT_JSON_FLAGS or VP_COUNT_JSON_COMPACT), and a
 * newline, but a group at a time: memory holds one group's JSON, not the
 * document.  EX_OSERR out of memory, EX_IOERR a write error. */
int vp_count_write_flags(const vp_count *c, FILE *out, size_t flags, vp_err *e);
/* vp_count_write_flags with VP_COUNT_JSON_FLAGS. */
int vp_count_emit(const vp_count *c, FILE *out, vp_err *e);

#endif
