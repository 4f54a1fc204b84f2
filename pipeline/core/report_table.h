/* report_table.h - vp-report's table model (report_table.c builds it from a
 * count document), shown by report.c (csv, markdown, html, svg) and
 * report_xlsx.c.  Not a public header. */
#ifndef VOXPOP_REPORT_TABLE_H
#define VOXPOP_REPORT_TABLE_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "voxpop/buf.h"
#include "voxpop/err.h"
#include "voxpop/lexicon.h"
#include "voxpop/report.h"
#include "voxpop/stats.h"

struct rcol {
	char *label;
	const json_t *group;  /* {"records", "themes", ...} */
	unsigned long n;      /* denominator: records or respondents */
	const char *key;      /* the group's name in the document (unmasked); NULL: Total */
};

struct rrow {
	const char *theme;    /* borrowed from the document */
	const char *label;    /* readable name (the theme when there is none) */
	const char *describe; /* or NULL */
	double share;         /* total share */
	size_t depth;         /* number of '/' */
	double *pshare;       /* total share of each prefix, depth + 1 of them */
};

/* One cell: a theme in a column. */
struct rcell {
	unsigned long k, n;   /* count, denominator */
	double share, lo, hi; /* k/n and its Wilson 95% interval */
	double padj;          /* Holm-adjusted p, group vs the rest (groups only) */
	int sup;              /* suppressed: shown as "<N", no number */
	int dir;              /* beyond chance: +1 higher, -1 lower than the rest, 0 */
};

/* Sentiment of one theme in one column: vp-count's positive, negative,
 * neutral and mixed, each maybe suppressed. */
enum { RSENT_POS, RSENT_NEG, RSENT_NEU, RSENT_MIX, RSENT_N };
extern const char *const vp_rsent_key[RSENT_N]; /* "positive", ... */
struct rsent {
	unsigned long v[RSENT_N];
	unsigned char sup[RSENT_N];
	unsigned long n;      /* comments with a label: the sum */
};

/* The rows below the themes: records = tagged + untagged + not tagged. */
enum { REXTRA_UNTAGGED, REXTRA_NOT_TAGGED, REXTRA_N };
extern const char *const vp_rextra_slug[REXTRA_N];  /* "(untagged)", ... */
extern const char *const vp_rextra_label[REXTRA_N]; /* "Untagged: no theme", ... */

enum { VP_RFELL_THIS = 1, VP_RFELL_BEFORE = 2 };

struct rtable {
	struct rcol *cols;    /* groups, then Total */
	size_t ncols;
	struct rrow *rows;
	size_t nrows;
	struct rcell *cells;  /* nrows * ncols */
	int quotes;           /* the document carries quotes */
	int months;           /* every group but Unassigned is YYYY-MM */
	const char *what;     /* "locality", "place", "system" or the --by field (in by) */
	int level;            /* VP_LEVEL_* of the columns, -1 for --by */
	size_t levels;        /* levels of one document suppressed together (vp_rtable_guard_levels) */
	unsigned long shared[2]; /* of those: localities filed under more than one place,
	                            places under more than one system */
	char by[256];         /* the document's --by spec, which what may point to */
	json_t *owned;        /* the document re-counted at another level */
	unsigned long records;  /* counted for themes: campaign copies left out */
	unsigned long copies;   /* campaign copies (vp-count --dedup "duplicates") */
	unsigned long rejected; /* records the count could not read ("rejected", --skip-bad) */
	unsigned long rejected_before; /* --compare: BEFORE's */
	unsigned long again;  /* respondents seen again, maybe counted twice ("respondents_not_adjacent") */
	unsigned long again_before; /* --compare: BEFORE's */
	const char *denom;    /* "answers" or "respondents" */
	int per_resp;         /* respondents are the denominator */
	int fell_back;        /* --per respondent, but the document has none: answers
	                       * (VP_RFELL_THIS; with --compare VP_RFELL_BEFORE: BEFORE's
	                       * has none, so AFTER's too is of answers) */
	int sentiment;        /* the document counts vp-sentiment's labels */
	struct rsent *sent;   /* nrows * ncols when sentiment, else NULL */
	int polarity;         /* quotes_positive / quotes_negative (vp-count --quote-polarity) */
	int not_tagged;       /* some group has "not_tagged" (records vp-tag could not read) */
	char lexicon[VP_LEXICON_FP_LEN + 1];   /* the document's "lexicon" (vp-tag's set), "": none */
	char lexicon_before[VP_LEXICON_FP_LEN + 1]; /* --compare: BEFORE's, "": none */
	struct rcell *extra;  /* REXTRA_N * ncols when nextra: counts of the column's
	                         records (answers, whatever the denominator) */
	size_t nextra;        /* rows of them shown after the themes: REXTRA_N when
	                       * not_tagged, else 1 (untagged) when any record is
	                       * untagged, else 0 */
};

/* A count as a cell shows it: the number, "<N" when it is below the
 * suppression minimum N, "[c]" when it is hidden only to guard one that
 * is (VP_SUP_GUARD: "<N" would say something false of it). */
static inline const char *vp_rcell_text(char *buf, size_t sz, int sup, unsigned long k,
                                        unsigned long min)
{
	if (sup == VP_SUP_GUARD)
		snprintf(buf, sz, "[c]");
	else if (sup)
		snprintf(buf, sz, "<%lu", min);
	else
		snprintf(buf, sz, "%lu", k);
	return buf;
}

/* A cell's share (of n > 0) as a percentage with one decimal, "37.5%",
 * rounded as vp_share_scaled rounds (a share half-way up, as the xlsx
 * cell shows it).  Rounding never states what is not so: a share of k > 0
 * that would read "0.0%" is "<0.1%", one of k < n that would read
 * "100.0%" is ">99.9%". */
static inline const char *vp_rshare_pct(char *buf, size_t sz, const struct rcell *x)
{
	unsigned long long q = vp_share_scaled(x->k, x->n, 3);
	if (x->k && q == 0)
		snprintf(buf, sz, "<0.1%%");
	else if (x->k < x->n && q == 1000)
		snprintf(buf, sz, ">99.9%%");
	else
		snprintf(buf, sz, "%llu.%llu%%", q / 10, q % 10);
	return buf;
}

/* The same share as a number 0-1 for csv: 4 decimals, or as many more as
 * it takes not to read 0 for k > 0 or 1 for k < n (29999 of 30000 is
 * 0.99997, 1 of 30000 is 0.00003). */
static inline const char *vp_rshare_dec(char *buf, size_t sz, const struct rcell *x)
{
	unsigned long long one = 10000, q;
	int prec = 4;
	for (;; prec++, one *= 10) {
		q = vp_share_scaled(x->k, x->n, prec);
		if (prec >= 17 || !((x->k && q == 0) || (x->k < x->n && q == one)))
			break;
	}
	int w = snprintf(buf, sz, "%llu.", q / one);
	if (w < 0 || (size_t)w + (size_t)prec >= sz)
		return buf;
	for (int i = prec; i-- > 0; q /= 10) /* the decimals: q's last prec digits */
		buf[w + i] = (char)('0' + q % 10);
	buf[w + prec] = '\0';
	return buf;
}

/* A change in percentage points with one decimal, rounded as the shares
 * are (vp_change_scaled): "+6.3" with plus, "6.3" without. */
static inline const char *vp_rchange_text(char *buf, size_t sz, const struct rcell *a,
                                          const struct rcell *b, int plus)
{
	long long q = vp_change_scaled(a->k, a->n, b->k, b->n, 3);
	unsigned long long m = q < 0 ? (unsigned long long)-q : (unsigned long long)q;
	snprintf(buf, sz, "%s%llu.%llu", q < 0 ? "-" : plus ? "+" : "", m / 10, m % 10);
	return buf;
}

static inline struct rsent *rt_sent(const struct rtable *t, size_t r, size_t c)
{
	return &t->sent[r * t->ncols + c];
}

static inline struct rcell *rt_extra(const struct rtable *t, size_t x, size_t c)
{
	return &t->extra[x * t->ncols + c];
}

static inline struct rcell *rt_cell(const struct rtable *t, size_t r, size_t c)
{
	return &t->cells[r * t->ncols + c];
}

/* Build t from doc (everything above: columns, rows, cells, statistics). */
int vp_rtable_build(struct rtable *t, const json_t *doc, const vp_report_opts *o, vp_err *e);
void vp_rtable_free(struct rtable *t);

/* Tables of the levels of one nested document shown in one report (xlsx's
 * Counts sheets): a place's count is the sum of its localities', a
 * system's of its places', and the Totals are one count, so a count hidden
 * on one level could be worked out from another.  Guards the hidden cells
 * of every theme (and untagged) row against those sums as vp_suppress_row
 * does against the Total (vp_suppress_sums), where the children partition
 * the parent: a locality filed under two places is no part of either's
 * sum (counted in shared, for the notes).  doc: the nested document. */
int vp_rtable_guard_levels(struct rtable *const *ts, size_t nt, const json_t *doc,
                           const vp_report_opts *o, vp_err *e);

/* Quotes in a report.  The lists of a theme in a group: "quotes", and with
 * vp-count --quote-polarity "quotes_positive" and "quotes_negative". */
enum { RQUOTES, RQUOTES_POS, RQUOTES_NEG, RQUOTES_N };
extern const char *const vp_rquotes_key[RQUOTES_N];

/* A quote's text (NULL when it has none: skip it) and id ("" for none). */
const char *vp_rquote_fields(const json_t *q, const char **id);

/* Whether list holds a quote with this id ("" for none) and text. */
int vp_rquote_in(const json_t *list, const char *id, const char *text);

/* Whether the quotes of list (RQUOTES_*) of row r in column c may be
 * published: not when that count is suppressed (<N or [c]) -- the comments
 * behind a count of one or two, named with their group, would give away
 * what suppressing it hides, and who wrote them -- nor, for a polarity
 * list, when the theme's positive (negative) count there is. */
int vp_rquotes_shown(const struct rtable *t, size_t r, size_t c, int list);

/* The quoted comments a report leaves out so (vp_rquotes_shown), each
 * counted once however many of the lists shown hold it; with_all: the
 * "quotes" lists are shown too (html, xlsx), else only the polarity ones
 * (markdown).  For the notes: nothing withheld is withheld silently. */
unsigned long vp_rquotes_withheld(const struct rtable *t, int with_all);

/* Footnotes: the method and the suppression rule, as plain sentences
 * (one per line). */
int vp_report_notes(vp_buf *b, const struct rtable *t, const vp_report_opts *o, int compare);

/* A compared cell: BEFORE and AFTER for one theme and group. */
struct rcmp {
	struct rcell a, b;    /* before, after */
	double points;        /* 100 * (after - before) */
	double padj;          /* Holm across the themes of the group */
	int sup;              /* either side suppressed */
	int dir;              /* beyond chance: +1 up, -1 down, 0 */
};

/* --compare: the change where either period's count is suppressed, in
 * every format: it cannot be given without giving the count away, and
 * "<N" there read as "a change of under N points" */
#define VP_RCHANGE_SUPPRESSED "suppressed"

/* Shown beside a share that differs beyond chance (U+25B2, U+25BC). */
#define UP "\xE2\x96\xB2"
#define DOWN "\xE2\x96\xBC"
/* a share of a column with no records (denominator 0): an en dash */
#define NO_SHARE "\xE2\x80\x93"

/* A group's entry for theme (NULL: none). */
static inline const json_t *theme_of(const json_t *group, const char *theme)
{
	return json_object_get(json_object_get(group, "themes"), theme);
}

/* Is s a month, YYYY-MM (vp-count --by month's groups)? */
static inline int is_month(const char *s)
{
	return strlen(s) == 7 && s[4] == '-' && strspn(s, "0123456789-") == 7 &&
	       strchr(s, '-') == s + 4;
}

/* The trend by month on a calendar axis, the html's and the xlsx's: a
 * month's place in the calendar (YYYY-MM as months since year 0), and back */
static inline long vp_rmonth_index(const char *s)
{
	return strtol(s, NULL, 10) * 12 + strtol(s + 5, NULL, 10) - 1;
}

static inline const char *vp_rmonth_label(char *buf, size_t sz, long mi)
{
	snprintf(buf, sz, "%04ld-%02ld", mi / 12, mi % 12 + 1);
	return buf;
}

/* The calendar months from t's first month column to its last (the
 * columns YYYY-MM, in order, before Unassigned and the Total): *first the
 * first's index; 0 when there is none.  A month between them that no
 * record has is no column (vp_rmonth_col: -1): a gap in the trend, not a
 * month left off the axis. */
static inline size_t vp_rmonth_span(const struct rtable *t, long *first)
{
	long last = -1;
	*first = -1;
	for (size_t c = 0; c + 1 < t->ncols; c++)
		if (is_month(t->cols[c].label)) {
			last = vp_rmonth_index(t->cols[c].label);
			if (*first < 0)
				*first = last;
		}
	return *first < 0 ? 0 : (size_t)(last - *first) + 1;
}

/* The column of calendar month mi, or -1 when no record has it; *from
 * (start at 0) is where to look next, the months being asked in order. */
static inline long vp_rmonth_col(const struct rtable *t, long mi, size_t *from)
{
	for (; *from + 1 < t->ncols; ++*from) {
		if (!is_month(t->cols[*from].label))
			continue;
		long ci = vp_rmonth_index(t->cols[*from].label);
		if (ci == mi)
			return (long)(*from)++;
		if (ci > mi)
			break;
	}
	return -1;
}

#endif
