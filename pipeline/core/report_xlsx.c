/* report_xlsx.c - vp-report --format xlsx, written with libxlsxwriter.
 *
 * Sheets: Summary (title, source, denominators, method, suppression rule);
 * Counts (one per level: "Counts" or "Counts locality"/"Counts place"/
 * "Counts system" for a nested document) with counts as numbers and shares
 * as percentages, header frozen; Data, the tidy long table for pivot
 * tables; Quotes when the document has them; Compare for --compare; and
 * Charts: the share matrix the native charts read, a bar chart per theme
 * across groups and one of the top themes per group.  A suppressed cell is
 * the text "<N", never a number.  Strings are written as strings (never
 * formulas), so a name starting with = stays text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "voxpop/stats.h"
#include "voxpop/utf8.h"
#include "report_xlsx.h"

enum { TOP_PER_GROUP = 5, XL_MAX_CHARS = 32767 };

/* Text as Excel takes it, in a cell and in a chart.  A character XML 1.0
 * cannot hold (vp_utf8_xml_bad: a C0 control other than TAB, LF and CR,
 * U+FFFE, U+FFFF): libxlsxwriter escapes a C0 control in a cell (_x0001_)
 * but writes chart titles and the charts' copies of the cells they show
 * raw, and U+FFFE/U+FFFF raw everywhere, and Excel then "repairs" the
 * workbook, dropping the charts or the strings; such a character becomes
 * U+FFFD.  A cell holds at most 32,767
 * characters (libxlsxwriter leaves a longer one empty): a longer text is cut
 * at a character and ends in "\u2026".  Returns s when it needs no change,
 * else a new string in *tmp for the caller to free ("" when out of memory). */
static const char *xl_text(const char *s, char **tmp)
{
	*tmp = NULL;
	size_t nch = 0, bad = 0, len = 0;
	for (const char *p = s; *p; p++, len++) {
		nch += (*p & 0xC0) != 0x80;
		bad += vp_utf8_xml_bad(p) != 0;
	}
	if (!bad && nch <= XL_MAX_CHARS)
		return s;
	/* a bad character (1 or 3 bytes) becomes 3 bytes */
	char *out = malloc(len + 2 * bad + 4), *q = out;
	if (!out)
		return "";
	nch = 0;
	for (const char *p = s; *p; p++) {
		if ((*p & 0xC0) != 0x80 && ++nch == XL_MAX_CHARS) {
			size_t rest = 0; /* characters from here on */
			for (const char *r = p; *r; r++)
				rest += (*r & 0xC0) != 0x80;
			if (rest > 1) {
				q = memcpy(q, "\xE2\x80\xA6", 3), q += 3;
				break;
			}
		}
		size_t n = vp_utf8_xml_bad(p);
		if (n) {
			q = memcpy(q, "\xEF\xBF\xBD", 3), q += 3;
			p += n - 1;
		} else
			*q++ = *p;
	}
	*q = '\0';
	return *tmp = out;
}

/* A text cell: always a string, never a formula (see xl_text). */
static void put_str(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
	char *tmp;
	worksheet_write_string(ws, r, c, xl_text(s, &tmp), f);
	free(tmp);
}

/* A chart's title, given as text (libxlsxwriter reads a title starting
 * '=' as a formula: callers never pass a name first). */
static void set_title(lxw_chart *ch, const char *s)
{
	char *tmp;
	chart_title_set_name(ch, xl_text(s, &tmp));
	free(tmp);
}

struct fmts {
	lxw_format *bold, *title, *count, *pct, *pct_lo, *pct_hi, *sup, *wrap, *head;
};

static void fmts_init(lxw_workbook *wb, struct fmts *f)
{
	f->bold = workbook_add_format(wb);
	format_set_bold(f->bold);
	f->title = workbook_add_format(wb);
	format_set_bold(f->title);
	format_set_font_size(f->title, 14);
	f->count = workbook_add_format(wb);
	format_set_num_format(f->count, "#,##0");
	f->pct = workbook_add_format(wb);
	format_set_num_format(f->pct, "0.0%");
	/* a share that 0.0% would show as none or 100.0% as all: the number
	 * kept, shown as the other formats write it (vp_rshare_pct) */
	f->pct_lo = workbook_add_format(wb);
	format_set_num_format(f->pct_lo, "\"<0.1%\"");
	format_set_align(f->pct_lo, LXW_ALIGN_RIGHT);
	f->pct_hi = workbook_add_format(wb);
	format_set_num_format(f->pct_hi, "\">99.9%\"");
	format_set_align(f->pct_hi, LXW_ALIGN_RIGHT);
	f->sup = workbook_add_format(wb);
	format_set_align(f->sup, LXW_ALIGN_RIGHT);
	format_set_font_color(f->sup, 0x808080);
	f->wrap = workbook_add_format(wb);
	format_set_text_wrap(f->wrap);
	format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
	f->head = workbook_add_format(wb);
	format_set_bold(f->head);
	format_set_text_wrap(f->head);
	format_set_bottom(f->head, LXW_BORDER_THIN);
	format_set_align(f->head, LXW_ALIGN_VERTICAL_TOP);
}

/* A number, or "<N" / "[c]" when suppressed. */
static void put_num(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const struct rcell *x,
                    double v, lxw_format *fmt, const struct fmts *f, const vp_report_opts *o)
{
	if (x->sup) {
		char s[32];
		vp_rcell_text(s, sizeof s, x->sup, x->k, o->suppress);
		put_str(ws, r, c, s, f->sup);
	} else if (!x->n && fmt == f->pct) {
		worksheet_write_blank(ws, r, c, fmt);   /* a share of nothing: no number */
	} else {
		worksheet_write_number(ws, r, c, v, fmt);
	}
}

/* A cell's share, formatted as vp_rshare_pct writes it. */
static void put_share(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const struct rcell *x,
                      const struct fmts *f, const vp_report_opts *o)
{
	char s[32];
	const char *p = x->n ? vp_rshare_pct(s, sizeof s, x) : "";
	lxw_format *fmt = p[0] == '<' ? f->pct_lo : p[0] == '>' ? f->pct_hi : f->pct;
	put_num(ws, r, c, x, x->share, fmt, f, o);
}

static void summary(lxw_workbook *wb, const struct fmts *f, const struct rtable *const *ts,
                    size_t nt, int compare, const vp_report_opts *o, const char *notes)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Summary");
	worksheet_set_column(ws, 0, 0, 24, NULL);
	worksheet_set_column(ws, 1, 1, 100, f->wrap);
	lxw_row_t r = 0;
	const char *title = o->title ? o->title : compare ? "Change between periods" : "Theme counts";
	put_str(ws, r++, 0, title, f->title);
	r++;
	put_str(ws, r, 0, "Source", f->bold);
	put_str(ws, r++, 1, o->source ? o->source : "-", NULL);
	const struct rtable *t = ts[0];
	put_str(ws, r, 0, "Denominator", f->bold);
	put_str(ws, r++, 1, t->denom, NULL);
	put_str(ws, r, 0, "Columns", f->bold);
	put_str(ws, r++, 1, t->what, NULL);
	put_str(ws, r, 0, "Records", f->bold);
	worksheet_write_number(ws, r++, 1, (double)t->records, f->count);
	if (t->rejected) { /* --skip-bad: in no count */
		put_str(ws, r, 0, "Records not read (rejected)", f->bold);
		worksheet_write_number(ws, r++, 1, (double)t->rejected, f->count);
	}
	if (t->per_resp && (t->again || t->again_before)) { /* respondents_not_adjacent */
		put_str(ws, r, 0, "Respondents seen again (may be counted twice)", f->bold);
		worksheet_write_number(ws, r++, 1, (double)t->again, f->count);
	}
	if (t->copies) { /* vp-count --dedup: left out of every count and share */
		put_str(ws, r, 0, "Campaign copies left out", f->bold);
		worksheet_write_number(ws, r++, 1, (double)t->copies, f->count);
	}
	if (t->not_tagged) {
		const struct rcell *l = rt_extra(t, REXTRA_NOT_TAGGED, t->ncols - 1);
		put_str(ws, r, 0, "Not tagged: other language", f->bold);
		put_num(ws, r++, 1, l, (double)l->k, f->count, f, o);
	}
	put_str(ws, r, 0, "Suppression", f->bold);
	char s[256];
	if (o->suppress)
		snprintf(s, sizeof s, "counts below %lu shown as <%lu; [c]: a count of %lu or more "
		         "hidden so that a smaller one cannot be worked out", o->suppress, o->suppress,
		         o->suppress);
	else
		snprintf(s, sizeof s, "off");
	put_str(ws, r++, 1, s, NULL);
	r++;
	put_str(ws, r++, 0, "Denominators", f->bold);
	for (size_t i = 0; i < nt; i++)
		for (size_t c = 0; c < ts[i]->ncols; c++) {
			char *name = vp_strf("%s%s%s", ts[i]->cols[c].label, nt > 1 ? " / " : "",
			                     nt > 1 ? ts[i]->what : "");
			put_str(ws, r, 0, name ? name : "", NULL);
			free(name);
			worksheet_write_number(ws, r++, 1, (double)ts[i]->cols[c].n, f->count);
		}
	r++;
	put_str(ws, r++, 0, "Notes on method", f->bold);
	char *copy = strdup(notes);
	for (char *line = copy, *nl; line && *line; line = nl ? nl + 1 : NULL) {
		if ((nl = strchr(line, '\n')))
			*nl = '\0';
		put_str(ws, r++, 1, line, f->wrap);
	}
	free(copy);
}

static void counts_sheet(lxw_workbook *wb, const struct fmts *f, const struct rtable *t,
                         const char *name, const vp_report_opts *o)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	char *cap = vp_strf("Themes by %s; denominator: %s; counts and share%s", t->what, t->denom,
	                    o->ci ? ", 95% interval" : "");
	put_str(ws, 0, 0, cap ? cap : "", f->bold);
	free(cap);
	put_str(ws, 1, 0, "theme", f->head);
	put_str(ws, 1, 1, "label", f->head);
	lxw_col_t per = o->ci ? 4 : 2;
	for (size_t c = 0; c < t->ncols; c++) {
		static const char *const w[] = {"records", "share", "ci low", "ci high"};
		for (lxw_col_t k = 0; k < per; k++) {
			char *h = vp_strf("%s %s", t->cols[c].label,
			                  k == 0 && t->per_resp ? "respondents" : w[k]);
			put_str(ws, 1, (lxw_col_t)(2 + c * per + k), h ? h : "", f->head);
			free(h);
		}
	}
	put_str(ws, 2, 0, "(all)", f->bold);
	put_str(ws, 2, 1, t->per_resp ? "All respondents" : "All records",
	                       f->bold);
	for (size_t c = 0; c < t->ncols; c++)
		worksheet_write_number(ws, 2, (lxw_col_t)(2 + c * per), (double)t->cols[c].n, f->count);
	for (size_t r = 0; r < t->nrows; r++) {
		lxw_row_t row = (lxw_row_t)(3 + r);
		put_str(ws, row, 0, t->rows[r].theme, NULL);
		put_str(ws, row, 1, t->rows[r].label, NULL);
		for (size_t c = 0; c < t->ncols; c++) {
			const struct rcell *x = rt_cell(t, r, c);
			lxw_col_t col = (lxw_col_t)(2 + c * per);
			put_num(ws, row, col, x, (double)x->k, f->count, f, o);
			put_share(ws, row, col + 1, x, f, o);
			if (o->ci) {
				put_num(ws, row, col + 2, x, x->lo, f->pct, f, o);
				put_num(ws, row, col + 3, x, x->hi, f->pct, f, o);
			}
			if (x->dir && !x->sup)
				worksheet_write_comment(ws, row, col + 1, x->dir > 0
				                        ? "Higher than the other groups beyond chance"
				                        : "Lower than the other groups beyond chance");
		}
	}
	for (size_t x = 0; x < t->nextra; x++) {
		lxw_row_t row = (lxw_row_t)(3 + t->nrows + x);
		put_str(ws, row, 0, vp_rextra_slug[x], NULL);
		put_str(ws, row, 1, vp_rextra_label[x], NULL);
		for (size_t c = 0; c < t->ncols; c++) {
			const struct rcell *cl = rt_extra(t, x, c);
			lxw_col_t col = (lxw_col_t)(2 + c * per);
			put_num(ws, row, col, cl, (double)cl->k, f->count, f, o);
			put_share(ws, row, col + 1, cl, f, o);
		}
	}
	worksheet_set_row(ws, 1, 45, NULL);
	worksheet_set_column(ws, 0, 0, 24, NULL);
	worksheet_set_column(ws, 1, 1, 28, NULL);
	worksheet_set_column(ws, 2, (lxw_col_t)(2 + t->ncols * per - 1), 11, NULL);
	worksheet_freeze_panes(ws, 2, 2);
	char note[192];
	if (o->suppress)
		snprintf(note, sizeof note, "<%lu: suppressed; [c]: %lu or more, hidden to guard a "
		         "smaller one (see Summary)", o->suppress, o->suppress);
	else
		snprintf(note, sizeof note, "See Summary for the method.");
	put_str(ws, (lxw_row_t)(4 + t->nrows + t->nextra), 0,
	                       note, NULL);
}

static void data_sheet(lxw_workbook *wb, const struct fmts *f, const struct rtable *const *ts,
                       size_t nt, const vp_report_opts *o)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Data");
	static const char *const head[] = {"group", "level", "theme", "label", "records",
	                                   "denominator", "share", "ci_low", "ci_high",
	                                   "p_holm", "vs_rest", "suppressed"};
	for (lxw_col_t c = 0; c < 12; c++) /* the count: respondents with --per respondent */
		put_str(ws, 0, c, c == 4 && nt && ts[0]->per_resp ? "respondents" : head[c], f->head);
	lxw_row_t row = 1;
	for (size_t i = 0; i < nt; i++) {
		const struct rtable *t = ts[i];
		for (size_t c = 0; c < t->ncols; c++)
			for (size_t r = 0; r < t->nrows; r++) {
				const struct rcell *x = rt_cell(t, r, c);
				int total = c + 1 == t->ncols;
				put_str(ws, row, 0, t->cols[c].label, NULL);
				put_str(ws, row, 1, t->what, NULL);
				put_str(ws, row, 2, t->rows[r].theme, NULL);
				put_str(ws, row, 3, t->rows[r].label, NULL);
				put_num(ws, row, 4, x, (double)x->k, f->count, f, o);
				worksheet_write_number(ws, row, 5, (double)x->n, f->count);
				put_share(ws, row, 6, x, f, o);
				put_num(ws, row, 7, x, x->lo, f->pct, f, o);
				put_num(ws, row, 8, x, x->hi, f->pct, f, o);
				if (!total && !x->sup && x->n)
					worksheet_write_number(ws, row, 9, x->padj, NULL);
				put_str(ws, row, 10, total || x->sup || !x->n ? "" : x->dir > 0
				                       ? "higher" : x->dir < 0 ? "lower" : "no", NULL);
				worksheet_write_boolean(ws, row, 11, x->sup, NULL);
				row++;
			}
	}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_autofilter(ws, 0, 0, row > 1 ? row - 1 : 0, 11);
	worksheet_set_column(ws, 0, 0, 28, NULL);
	worksheet_set_column(ws, 1, 1, 10, NULL);
	worksheet_set_column(ws, 2, 3, 26, NULL);
	worksheet_set_column(ws, 4, 11, 11, NULL);
}

/* theme, label, group, id, quote and, with vp-count --quote-polarity,
 * polarity: "praised" / "want changed" (a quote of quotes_positive /
 * quotes_negative; those not among the quotes get a row of their own). */
static void quotes_sheet(lxw_workbook *wb, const struct fmts *f, const struct rtable *t)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Quotes");
	static const char *const head[] = {"theme", "label", "group", "id", "quote", "polarity"};
	static const char *const pol[2] = {"praised", "want changed"};
	static const char *const key[3] = {"quotes", "quotes_positive", "quotes_negative"};
	lxw_col_t nh = t->polarity ? 6 : 5;
	for (lxw_col_t c = 0; c < nh; c++)
		put_str(ws, 0, c, head[c], f->head);
	lxw_row_t row = 1;
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c + 1 < t->ncols; c++) {
			const json_t *te = json_object_get(json_object_get(t->cols[c].group, "themes"),
			                                   t->rows[r].theme);
			/* none of a suppressed count (vp_rquotes_shown), and no polarity
			 * of a suppressed positive or negative count */
			const json_t *qs = vp_rquotes_shown(t, r, c, RQUOTES)
			                       ? json_object_get(te, key[0]) : NULL;
			const json_t *lists[2] = {
				vp_rquotes_shown(t, r, c, RQUOTES_POS) ? json_object_get(te, key[1]) : NULL,
				vp_rquotes_shown(t, r, c, RQUOTES_NEG) ? json_object_get(te, key[2]) : NULL};
			for (int k = 0; k < (t->polarity ? 3 : 1); k++) {
				size_t i;
				const json_t *q;
				json_array_foreach(k ? lists[k - 1] : qs, i, q) {
					const char *id;
					const char *text = vp_rquote_fields(q, &id);
					if (!text)
						continue;
					if (k && vp_rquote_in(qs, id, text))
						continue; /* already a row, with its polarity */
					const char *p = k ? pol[k - 1] : vp_rquote_in(lists[0], id, text) ? pol[0]
					              : vp_rquote_in(lists[1], id, text) ? pol[1] : "";
					put_str(ws, row, 0, t->rows[r].theme, NULL);
					put_str(ws, row, 1, t->rows[r].label, NULL);
					put_str(ws, row, 2, t->cols[c].label, NULL);
					put_str(ws, row, 3, id, NULL);
					put_str(ws, row, 4, text, f->wrap);
					if (t->polarity)
						put_str(ws, row, 5, p, NULL);
					row++;
				}
			}
		}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_set_column(ws, 0, 2, 22, NULL);
	worksheet_set_column(ws, 3, 3, 12, NULL);
	worksheet_set_column(ws, 4, 4, 90, f->wrap);
	if (t->polarity)
		worksheet_set_column(ws, 5, 5, 14, NULL);
}

/* Sentiment (the Total column): the counts, and a native stacked bar
 * chart with negative to the left of the axis and positive to the right
 * (shares of the theme's labelled answers; a suppressed count is no bar). */
static void sentiment_sheet(lxw_workbook *wb, const struct fmts *f, const struct rtable *t,
                            const vp_report_opts *o)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Sentiment");
	static const char *const head[] = {"theme", "label", "negative", "positive", "neutral",
	                                   "mixed", "labelled", "negative share (chart)",
	                                   "positive share (chart)"};
	static const int order[RSENT_N] = {RSENT_NEG, RSENT_POS, RSENT_NEU, RSENT_MIX};
	put_str(ws, 0, 0, "Sentiment by theme, Total column (answers); negative "
	                       "shares are written below zero for the chart", f->bold);
	for (lxw_col_t c = 0; c < 9; c++)
		put_str(ws, 1, c, head[c], f->head);
	size_t tot = t->ncols - 1;
	for (size_t r = 0; r < t->nrows; r++) {
		const struct rsent *x = rt_sent(t, r, tot);
		lxw_row_t row = (lxw_row_t)(2 + r);
		put_str(ws, row, 0, t->rows[r].theme, NULL);
		put_str(ws, row, 1, t->rows[r].label, NULL);
		for (int l = 0; l < RSENT_N; l++) {
			struct rcell sc = {0};
			sc.sup = x->sup[order[l]];
			put_num(ws, row, (lxw_col_t)(2 + l), &sc, (double)x->v[order[l]], f->count, f, o);
		}
		int any = 0;
		for (int l = 0; l < RSENT_N; l++)
			any |= x->sup[l];
		struct rcell sc = {0};
		sc.sup = any && o->suppress && x->n < o->suppress;
		put_num(ws, row, 6, &sc, (double)x->n, f->count, f, o);
		if (!x->sup[RSENT_NEG] && x->n)
			worksheet_write_number(ws, row, 7, -(double)x->v[RSENT_NEG] / (double)x->n,
			                       f->pct);
		if (!x->sup[RSENT_POS] && x->n)
			worksheet_write_number(ws, row, 8, (double)x->v[RSENT_POS] / (double)x->n,
			                       f->pct);
	}
	worksheet_freeze_panes(ws, 2, 2);
	worksheet_set_column(ws, 0, 1, 26, NULL);
	worksheet_set_column(ws, 2, 8, 12, NULL);
	if (!t->nrows)
		return;
	lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_BAR_STACKED);
	static const char *const name[2] = {"Want changed (negative)", "Praised (positive)"};
	static const unsigned fill[2] = {0xD95F02, 0x1B9E77};
	for (int s = 0; s < 2; s++) {
		lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(se, "Sentiment", 2, 1, (lxw_row_t)(1 + t->nrows), 1);
		chart_series_set_values(se, "Sentiment", 2, (lxw_col_t)(7 + s),
		                        (lxw_row_t)(1 + t->nrows), (lxw_col_t)(7 + s));
		chart_series_set_name(se, name[s]);
		lxw_chart_fill cf = {.color = fill[s]};
		chart_series_set_fill(se, &cf);
	}
	chart_set_series_overlap(ch, 100);
	chart_set_series_gap(ch, 50);
	chart_title_set_name(ch, "Sentiment by theme");
	chart_axis_set_num_format(ch->x_axis, "0%;0%");
	chart_axis_set_reverse(ch->y_axis);
	chart_axis_set_label_position(ch->y_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	lxw_chart_options co = {.x_scale = 1.6, .y_scale = 1 + (double)t->nrows / 12};
	worksheet_insert_chart_opt(ws, 1, 10, ch, &co);
}

static void compare_sheet(lxw_workbook *wb, const struct fmts *f, const struct rtable *t,
                          const struct rcmp *cmp, const vp_report_opts *o)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Compare");
	static const char *const head[] = {"theme", "label", "group", "before denominator",
	                                   "before records", "before share", "after denominator",
	                                   "after records", "after share", "change (points)",
	                                   "p_holm", "beyond chance"};
	for (lxw_col_t c = 0; c < 12; c++) /* the counts: respondents with --per respondent */
		put_str(ws, 0, c, !t->per_resp ? head[c] : c == 4 ? "before respondents"
		                  : c == 7 ? "after respondents" : head[c], f->head);
	lxw_format *pts = f->count;
	lxw_row_t row = 1;
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			const struct rcmp *x = &cmp[r * t->ncols + c];
			put_str(ws, row, 0, t->rows[r].theme, NULL);
			put_str(ws, row, 1, t->rows[r].label, NULL);
			put_str(ws, row, 2, t->cols[c].label, NULL);
			worksheet_write_number(ws, row, 3, (double)x->a.n, f->count);
			put_num(ws, row, 4, &x->a, (double)x->a.k, f->count, f, o);
			put_share(ws, row, 5, &x->a, f, o);
			worksheet_write_number(ws, row, 6, (double)x->b.n, f->count);
			put_num(ws, row, 7, &x->b, (double)x->b.k, f->count, f, o);
			put_share(ws, row, 8, &x->b, f, o);
			if (x->sup) /* not "<N": a change of under N points */
				put_str(ws, row, 9, VP_RCHANGE_SUPPRESSED, f->sup);
			else
				worksheet_write_number(ws, row, 9, x->points, NULL);
			if (!x->sup)
				worksheet_write_number(ws, row, 10, x->padj, NULL);
			put_str(ws, row, 11, x->sup ? "" : x->dir > 0 ? "up"
			                       : x->dir < 0 ? "down" : "no", NULL);
			row++;
		}
	(void)pts;
	worksheet_freeze_panes(ws, 1, 3);
	worksheet_autofilter(ws, 0, 0, row > 1 ? row - 1 : 0, 11);
	worksheet_set_column(ws, 0, 2, 24, NULL);
	worksheet_set_column(ws, 3, 11, 12, NULL);
}

struct topi {
	double share;
	size_t row;
};

static int top_cmp(const void *a, const void *b)
{
	const struct topi *x = a, *y = b;
	if (x->share != y->share)
		return x->share > y->share ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* The share matrix (themes x groups, suppressed cells "<N"), then a bar
 * chart per theme across groups, then the top themes per group. */
static int charts_sheet(lxw_workbook *wb, const struct fmts *f, const struct rtable *t,
                        const vp_report_opts *o)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Charts");
	size_t ng = t->ncols - 1;
	if (!ng || !t->nrows)
		return 0;
	put_str(ws, 0, 0, "Share by theme and group (the charts' data)", f->bold);
	for (size_t c = 0; c < ng; c++)
		put_str(ws, 1, (lxw_col_t)(1 + c), t->cols[c].label, f->head);
	/* a suppressed share, or one of no answers, is no cell here: Excel
	 * charts the text "<5" or "[c]" as 0 (a trend falling to 0% in the
	 * month suppressed, a bar of 0%), and libxlsxwriter caches a blank
	 * cell as 0 too; no cell is no bar and a gap in the line, as the html
	 * draws */
	for (size_t r = 0; r < t->nrows; r++) {
		put_str(ws, (lxw_row_t)(2 + r), 0, t->rows[r].label, NULL);
		for (size_t c = 0; c < ng; c++) {
			const struct rcell *x = rt_cell(t, r, c);
			if (!x->sup && x->n)
				put_share(ws, (lxw_row_t)(2 + r), (lxw_col_t)(1 + c), x, f, o);
		}
	}
	put_str(ws, (lxw_row_t)(2 + t->nrows), 0,
	        "A blank share: suppressed (<N or [c] on Counts) or of no answers; charted as no "
	        "bar, a gap in a line", NULL);
	worksheet_set_column(ws, 0, 0, 28, NULL);
	/* the top themes per group, each a small block to the right */
	size_t topn = t->nrows < TOP_PER_GROUP ? t->nrows : TOP_PER_GROUP;
	lxw_col_t tc = (lxw_col_t)(ng + 3);
	lxw_row_t place = (lxw_row_t)(4 + t->nrows);
	struct topi *ti = calloc(t->nrows, sizeof *ti);
	if (!ti)
		return -1;
	for (size_t c = 0; c < ng; c++) {
		lxw_row_t r0 = (lxw_row_t)(1 + c * (topn + 2));
		put_str(ws, r0, tc, t->cols[c].label, f->bold);
		size_t n = 0;
		for (size_t r = 0; r < t->nrows; r++)
			if (!rt_cell(t, r, c)->sup && !t->rows[r].depth) /* top-level themes */
				ti[n++] = (struct topi){rt_cell(t, r, c)->share, t->rows[r].theme ? r : r};
		qsort(ti, n, sizeof *ti, top_cmp);
		if (n > topn)
			n = topn;
		for (size_t i = 0; i < n; i++) {
			put_str(ws, (lxw_row_t)(r0 + 1 + i), tc, t->rows[ti[i].row].label,
			                       NULL);
			put_share(ws, (lxw_row_t)(r0 + 1 + i), tc + 1, rt_cell(t, ti[i].row, c), f, o);
		}
		if (!n)
			continue;
		lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_BAR);
		lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(s, "Charts", r0 + 1, tc, (lxw_row_t)(r0 + n), tc);
		chart_series_set_values(s, "Charts", r0 + 1, tc + 1, (lxw_row_t)(r0 + n), tc + 1);
		char *title = vp_strf("Top themes: %s", t->cols[c].label);
		set_title(ch, title ? title : "Top themes");
		free(title);
		chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
		chart_axis_set_num_format(ch->x_axis, "0%");
		chart_axis_set_reverse(ch->y_axis);
		worksheet_insert_chart(ws, place, (lxw_col_t)((c % 2) * 8), ch);
		if (c % 2)
			place += 16;
	}
	free(ti);
	if (ng % 2)
		place += 16;
	/* a chart per theme across the groups */
	for (size_t r = 0; r < t->nrows; r++) {
		lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_BAR);
		lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(s, "Charts", 1, 1, 1, (lxw_col_t)ng);
		chart_series_set_values(s, "Charts", (lxw_row_t)(2 + r), 1, (lxw_row_t)(2 + r),
		                        (lxw_col_t)ng);
		/* the label's cell: a theme labelled "=cmd|..." is a title, not a formula */
		chart_title_set_name_range(ch, "Charts", (lxw_row_t)(2 + r), 0);
		chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
		chart_axis_set_num_format(ch->x_axis, "0%");
		chart_axis_set_reverse(ch->y_axis);
		worksheet_insert_chart(ws, place, (lxw_col_t)((r % 2) * 8), ch);
		if (r % 2)
			place += 16;
	}
	if (t->nrows % 2)
		place += 16;
	/* counted by month: a trend line per theme over every calendar month
	 * from the first to the last, as the html's (vp_rmonth_span): the
	 * share matrix has only the months some record has, and a line over
	 * its columns put 2026-03 next to 2026-01.  Its data: a month a row,
	 * a theme a column, to the right of the top themes; a month no record
	 * has holds no share, a gap in the line, as a suppressed one */
	long first = -1;
	size_t nmonths = t->months ? vp_rmonth_span(t, &first) : 0;
	lxw_col_t mc = (lxw_col_t)(tc + 3);
	if (nmonths >= 2) {
		put_str(ws, 0, mc, "Share by theme and month (the trend charts' data: every month, "
		        "blank for none or suppressed)", f->bold);
		put_str(ws, 1, mc, "month", f->head);
		for (size_t r = 0; r < t->nrows; r++)
			put_str(ws, 1, (lxw_col_t)(mc + 1 + r), t->rows[r].label, f->head);
		size_t from = 0;
		for (size_t m = 0; m < nmonths; m++) {
			char lab[32];
			lxw_row_t row = (lxw_row_t)(2 + m);
			long col = vp_rmonth_col(t, first + (long)m, &from);
			put_str(ws, row, mc, vp_rmonth_label(lab, sizeof lab, first + (long)m), NULL);
			for (size_t r = 0; col >= 0 && r < t->nrows; r++) {
				const struct rcell *x = rt_cell(t, r, (size_t)col);
				if (!x->sup && x->n)
					put_share(ws, row, (lxw_col_t)(mc + 1 + r), x, f, o);
			}
		}
	}
	for (size_t r = 0; nmonths >= 2 && r < t->nrows; r++) {
		lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_LINE);
		lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
		lxw_row_t end = (lxw_row_t)(2 + nmonths - 1);
		chart_series_set_categories(s, "Charts", 2, mc, end, mc);
		chart_series_set_values(s, "Charts", 2, (lxw_col_t)(mc + 1 + r), end,
		                        (lxw_col_t)(mc + 1 + r));
		chart_show_blanks_as(ch, LXW_CHART_BLANKS_AS_GAP);
		chart_series_set_marker_type(s, LXW_CHART_MARKER_CIRCLE);
		char *title = vp_strf("By month: %s", t->rows[r].label);
		set_title(ch, title ? title : "By month");
		free(title);
		chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
		chart_axis_set_num_format(ch->y_axis, "0%");
		worksheet_insert_chart(ws, place, (lxw_col_t)((r % 2) * 8), ch);
		if (r % 2)
			place += 16;
	}
	return 0;
}

int vp_report_xlsx_tables(const struct rtable *const *ts, size_t nt, const struct rcmp *cmp,
                          const vp_report_opts *o, vp_err *e)
{
	vp_buf notes = VP_BUF_INIT;
	if (vp_report_notes(&notes, ts[0], o, cmp != NULL) || vp_buf_putc(&notes, '\0'))
		return vp_oom(e);
	lxw_workbook_options wo = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
	lxw_workbook *wb = workbook_new_opt(o->output, &wo);
	if (!wb) {
		vp_buf_free(&notes);
		return vp_oom(e);
	}
	struct fmts f;
	fmts_init(wb, &f);
	summary(wb, &f, ts, nt, cmp != NULL, o, notes.data);
	vp_buf_free(&notes);
	int rc = 0;
	if (cmp)
		compare_sheet(wb, &f, ts[0], cmp, o);
	for (size_t i = 0; i < nt; i++) {
		char name[32];
		if (nt == 1)
			snprintf(name, sizeof name, "Counts");
		else
			snprintf(name, sizeof name, "Counts %.20s", ts[i]->what);
		counts_sheet(wb, &f, ts[i], name, o);
	}
	data_sheet(wb, &f, ts, nt, o);
	if (ts[0]->quotes)
		quotes_sheet(wb, &f, ts[0]);
	if (ts[0]->sentiment && !cmp)
		sentiment_sheet(wb, &f, ts[0], o);
	if (charts_sheet(wb, &f, ts[0], o))
		rc = vp_oom(e);
	lxw_error err = workbook_close(wb);
	if (!rc && err)
		rc = vp_errf(e, err == LXW_ERROR_CREATING_XLSX_FILE ? EX_CANTCREAT : EX_IOERR,
		             "%s: %s", o->output, lxw_strerror(err));
	return rc;
}

int vp_report_xlsx(const struct rtable *t, const struct rcmp *cmp, const vp_report_opts *o,
                   vp_err *e)
{
	const struct rtable *ts[1] = {t};
	return vp_report_xlsx_tables(ts, 1, cmp, o, e);
}
