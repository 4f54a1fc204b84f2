/* report.h - tables, charts and quotes from a vp-count document.
 *
 * One table model serves every format: a row per theme (themes ordered by
 * total share, parents before their children), a column per group
 * (locality, place, system or --by value; "Unassigned" last) and a Total
 * column.  The renderers only differ in how they print it.
 */
#ifndef VOXPOP_REPORT_H
#define VOXPOP_REPORT_H

#include <stddef.h>
#include <jansson.h>

#include "voxpop/buf.h"
#include "voxpop/err.h"

enum vp_report_format { VP_REPORT_CSV, VP_REPORT_MARKDOWN, VP_REPORT_HTML };

typedef struct vp_report_opts {
	int format;          /* enum vp_report_format */
	int excel;           /* csv: UTF-8 BOM, CRLF (every csv defuses cells
	                        starting = + - @ TAB CR with a leading ') */
	const char *title;   /* html/markdown heading; NULL: a default */
	size_t top;          /* keep the N themes with the highest total share; 0: all */
	int level;           /* enum vp_level to report at, or -1: the document's own */
	const char *theme;   /* only this theme and its children: "access" (or "access/" + "*") */
} vp_report_opts;

/* Format name ("csv", "markdown"/"md", "html") -> enum, or -1. */
int vp_report_format_parse(const char *s);

/* Render doc (a vp-count document) as o->format, appending to out.
 * Returns 0, EX_DATAERR for a document that is not a vp-count document or
 * cannot give the level asked for (message says why), EX_OSERR when out of
 * memory. */
int vp_report_render(vp_buf *out, const json_t *doc, const vp_report_opts *o, vp_err *e);

#endif
