/* record_new.h - the one record constructor: every path that makes voxpop
 * records from something else (vp-ingest's CSV, text and NDJSON readers,
 * vp-fetch) builds the NDJSON line here, so the key order, the date rule
 * and the escaping are the same everywhere.
 *
 * A record is written as one line of JSON text directly (jsonw.h), not
 * through a jansson tree: on vp-ingest's hot path that is most of the cost.
 */
#ifndef VOXPOP_RECORD_NEW_H
#define VOXPOP_RECORD_NEW_H

#include <stddef.h>
#include <stdio.h>
#include <jansson.h>

#include "voxpop/jscan.h"

#include "voxpop/buf.h"
#include "voxpop/err.h"

/* A string part: s[0..n), valid UTF-8.  s NULL: the part is not written.
 * json 1: s is the value's JSON text already (rendered once, by
 * vp_record_json_str or vp_record_json_date, for many records). */
typedef struct vp_rpart {
	const char *s;
	size_t n;
	int json;
} vp_rpart;

/* The parts of a record, in the order they are written. */
typedef struct vp_record_parts {
	vp_rpart id, source, channel, locality;
	vp_rpart date;         /* as written: YYYY-MM-DD when vp_date_iso (date.h)
	                        * can read it, else trimmed, as written */
	vp_rpart respondent;   /* who answered (vp-ingest tables, vp-fetch's response id); s NULL: not written */
	vp_rpart question, text;
	vp_rpart fields;       /* JSON text of an object, or s NULL: no "fields" */
} vp_record_parts;

/* Replace out with the record's line, ending '\n'.  base (NULL, or a JSON
 * object, e.g. an NDJSON record being completed) gives members written
 * first, in its order: a member with a part's name is replaced by that part
 * (when given), a member named drop (may be NULL) is left out, and so is
 * the part of that name; every other member is written as it was.  The
 * parts not in base follow, in the order of vp_record_parts.  0, or -1
 * when out of memory (or a base value jansson cannot encode). */
int vp_record_build(vp_buf *out, const vp_record_parts *p, const json_t *base,
                    const char *drop);

/* The same, raw (p NULL: none) the line base was parsed from: each member
 * of base not replaced by a part is written as the bytes it has there
 * (1.10, "\u00e9" and [ 1 , 2 ] stay as they came), not as jansson
 * would write it. */
int vp_record_build_raw(vp_buf *out, const vp_record_parts *p, const json_t *base, vp_jspan raw,
                        const char *drop);

/* Append the JSON text of a string part; of a date part (the date rule
 * applied).  0 or -1 (no memory).  For parts rendered once (json = 1). */
int vp_record_json_str(vp_buf *b, const char *s, size_t n);
int vp_record_json_date(vp_buf *b, const char *s, size_t n);

/* A C string as a part (NULL stays NULL: not written). */
vp_rpart vp_rpart_str(const char *s);

/* Write the line built (fwrite).  0 or EX_IOERR ("write error: ..."). */
int vp_record_put(FILE *out, const vp_buf *line, vp_err *e);

#endif
