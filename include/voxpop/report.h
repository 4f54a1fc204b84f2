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

enum vp_report_format { VP_REPORT_CSV, VP_REPORT_MARKDOWN, VP_REPORT_HTML, VP_REPORT_XLSX };

/* The denominator: the document's own "per" (vp-count --per), answers
 * (records), or respondents -- which need the document's "respondents";
 * without them answers, and the notes say so. */
enum vp_report_per { VP_REPORT_PER_DOC = 0, VP_REPORT_PER_ANSWER, VP_REPORT_PER_RESPONDENT };

typedef struct vp_report_opts {
	int format;          /* enum vp_report_format */
	int excel;           /* csv: UTF-8 BOM, CRLF (every csv defuses cells
	                        starting = + - @ TAB CR with a leading ') */
	const char *title;   /* html/markdown heading; NULL: a default */
	size_t top;          /* keep the N themes with the highest total share; 0: all */
	int level;           /* enum vp_level to report at, or -1: the document's own */
	const char *theme;   /* only this theme and its children: "access" (or "access/" + "*") */
	unsigned long suppress; /* counts below this shown as "<N" (and the subtraction
	                           rule, stats.h); 0: off (vp-report's default is 5) */
	int ci;              /* show Wilson 95% intervals of every share */
	int per;             /* enum vp_report_per: the denominator */
	const json_t *labels;   /* {"theme": {"label": L, "describe": D}} from the lexicon,
	                           or NULL; a document's own "labels" win */
	const char *source;  /* where the document came from, for the xlsx summary */
	const char *svg_dir; /* also write every chart as DIR/NN-kind-theme.svg */
	const char *output;  /* xlsx: the file to write (required) */
	/* vp-redact's list of given names (redact.h; not owned): group names
	 * are masked with it; NULL: names only after their cue words */
	const struct vp_given_names *given_names;
	/* --compare: BEFORE's total "themes" (not owned), rows too where the
	 * document has none of them (0 there); NULL: the document's themes */
	const json_t *more_themes;
} vp_report_opts;

/* Format name ("csv", "markdown"/"md", "html", "xlsx") -> enum, or -1. */
int vp_report_format_parse(const char *s);

/* Redact, with vp-redact's rules and its list of given names when given
 * (vp_redact_with; NULL: names only after their cues), the text of every quote in
 * doc ("quotes", "quotes_positive", "quotes_negative" at any depth): a
 * report publishes them, and a document not made by vp-count (hand-made,
 * or by an older tool) may hold them as written.  vp-count's own quotes
 * are redacted already and come out the same.  0, or -1 out of memory. */
int vp_report_redact_quotes(json_t *doc, const struct vp_given_names *given);

/* Render doc (a vp-count document) as o->format, appending to out.
 * Returns 0, EX_DATAERR for a document that is not a vp-count document or
 * cannot give the level asked for (message says why), EX_OSERR when out of
 * memory. */
int vp_report_render(vp_buf *out, const json_t *doc, const vp_report_opts *o, vp_err *e);

/* Two periods: per theme and group both shares, the change in points and
 * whether it is beyond chance (two-proportion test, Holm across the
 * themes of each group).  Rows and columns are AFTER's; a group or theme
 * missing from BEFORE counts 0 there.  Same returns as vp_report_render. */
int vp_report_compare(vp_buf *out, const json_t *before, const json_t *after,
                      const vp_report_opts *o, vp_err *e);

#endif
