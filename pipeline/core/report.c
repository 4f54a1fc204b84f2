/* report.c - see include/voxpop/report.h: csv, markdown, html and svg; the
 * table they show is report_table.c's, xlsx is report_xlsx.c */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "voxpop/count_doc.h"
#include "voxpop/redact.h"
#include "voxpop/stats.h"
#include "voxpop/utf8.h"
#include "report_table.h"
#include "report_xlsx.h"

int vp_report_format_parse(const char *s)
{
	if (strcmp(s, "csv") == 0)
		return VP_REPORT_CSV;
	if (strcmp(s, "markdown") == 0 || strcmp(s, "md") == 0)
		return VP_REPORT_MARKDOWN;
	if (strcmp(s, "html") == 0)
		return VP_REPORT_HTML;
	if (strcmp(s, "xlsx") == 0)
		return VP_REPORT_XLSX;
	return -1;
}

/* ---- output helpers -------------------------------------------------- */

/* A bidi embedding, override or isolate control (U+202A-202E, U+2066-2069)
 * at s: it reorders what follows it on the line -- in a markdown or csv
 * row the figures after a name ("12" read as "21"), in html a caption's
 * count or a quote's id -- so a name or quote never carries one into a
 * report: each is written as U+FFFD.  1 at one (3 bytes), else 0. */
static int is_bidi(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	return u[0] == 0xE2 && ((u[1] == 0x80 && u[2] >= 0xAA && u[2] <= 0xAE) ||
	                        (u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9));
}
#define BIDI_REPLACEMENT "\xEF\xBF\xBD"

/* Text in HTML, and in SVG, which a --svg file holds as XML: escaped, and
 * a bidi control or a character XML cannot hold (vp_utf8_xml_bad) written
 * as U+FFFD. */
static int put_html(vp_buf *b, const char *s)
{
	for (; *s; s++) {
		const char *rep = NULL;
		size_t bad = is_bidi(s) ? 3 : vp_utf8_xml_bad(s);
		if (bad) {
			rep = BIDI_REPLACEMENT;
			s += bad - 1;
		}
		switch (rep ? 0 : *s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		}
		if (rep ? vp_buf_puts(b, rep) : vp_buf_putc(b, *s))
			return -1;
	}
	return 0;
}

static int put_csv(vp_buf *b, const char *s)
{
	/* Spreadsheets run cells starting with these as formulas (a TAB or CR
	 * before one is skipped): make them text with a leading ', in every
	 * CSV, not only --excel, as a CSV is opened in a spreadsheet anyway. */
	int defuse = s[0] && strchr("=+-@\t\r", s[0]);
	int quote = defuse || strpbrk(s, ",\"\r\n");
	if (quote && (vp_buf_putc(b, '"') || (defuse && vp_buf_putc(b, '\''))))
		return -1;
	for (; *s; s++)
		if (is_bidi(s) ? (s += 2, vp_buf_puts(b, BIDI_REPLACEMENT))
		               : (*s == '"' && vp_buf_putc(b, '"')) || vp_buf_putc(b, *s))
			return -1;
	return quote ? vp_buf_putc(b, '"') : 0;
}

static int put_md(vp_buf *b, const char *s)
{
	for (; *s; s++) {
		int rc = 0;
		/* table cells, emphasis, code, and link, image and HTML syntax:
		 * [x](javascript:...) and <https://...> are shown, never linked */
		if (is_bidi(s)) {
			s += 2;
			rc = vp_buf_puts(b, BIDI_REPLACEMENT);
		} else {
			if (strchr("|\\*_`[]()<>", *s))
				rc = vp_buf_putc(b, '\\');
			rc = rc || vp_buf_putc(b, *s == '\n' || *s == '\r' ? ' ' : *s);
		}
		if (rc)
			return -1;
	}
	return 0;
}

/* Our own text (cells, notes): only what would be markup or HTML. */
static int put_md_own(vp_buf *b, const char *s)
{
	for (; *s; s++)
		if ((strchr("|\\*_`<>", *s) && vp_buf_putc(b, '\\')) || vp_buf_putc(b, *s))
			return -1;
	return 0;
}


/* "12 (30.0%)" or "<5"; with ci ", 95% CI 18.1-45.4%"; "0 (–)" in a
 * column of no records (no share of nothing). */
static void cell_text(char *buf, size_t sz, const struct rcell *x, const vp_report_opts *o)
{
	if (x->sup) {
		vp_rcell_text(buf, sz, x->sup, x->k, o->suppress);
		return;
	}
	if (!x->n) {
		snprintf(buf, sz, "%lu (" NO_SHARE ")", x->k);
		return;
	}
	char pct[32];
	int w = snprintf(buf, sz, "%lu (%s", x->k, vp_rshare_pct(pct, sizeof pct, x));
	if (w > 0 && (size_t)w < sz && o->ci)
		w += snprintf(buf + w, sz - (size_t)w, "; %.1f\xE2\x80\x93%.1f", 100.0 * x->lo,
		              100.0 * x->hi);
	if (w > 0 && (size_t)w < sz)
		snprintf(buf + w, sz - (size_t)w, ")%s", x->dir > 0 ? " " UP : x->dir < 0 ? " " DOWN : "");
}

/* ---- csv ------------------------------------------------------------- */

static int put_notes_csv(vp_buf *b, const struct rtable *t, const vp_report_opts *o,
                         int compare, const char *eol)
{
	vp_buf n = VP_BUF_INIT;
	int rc = vp_report_notes(&n, t, o, compare) | vp_buf_putc(&n, '\0');
	rc |= vp_buf_puts(b, eol);
	for (char *line = n.data, *nl; !rc && line && *line; line = nl ? nl + 1 : NULL) {
		if ((nl = strchr(line, '\n')))
			*nl = '\0';
		rc |= vp_buf_puts(b, "note,") | put_csv(b, line) | vp_buf_puts(b, eol);
	}
	vp_buf_free(&n);
	return rc;
}

static int csv_num(vp_buf *b, const struct rcell *x, const vp_report_opts *o, double v,
                   int count)
{
	char s[32];
	if (x->sup)
		return vp_buf_printf(b, ",%s", vp_rcell_text(s, sizeof s, x->sup, x->k, o->suppress));
	if (!count && !x->n)
		return vp_buf_putc(b, ',');   /* a share of nothing: empty */
	return count ? vp_buf_printf(b, ",%lu", x->k) : vp_buf_printf(b, ",%.4f", v);
}

/* A cell's share: as csv_num, with vp_rshare_dec's decimals. */
static int csv_share(vp_buf *b, const struct rcell *x, const vp_report_opts *o)
{
	char s[40];
	if (x->sup || !x->n)
		return csv_num(b, x, o, 0, 0);
	return vp_buf_printf(b, ",%s", vp_rshare_dec(s, sizeof s, x));
}

static int render_csv(vp_buf *b, const struct rtable *t, const vp_report_opts *o)
{
	const char *eol = o->excel ? "\r\n" : "\n";
	static const char *const stat[] = {"records", "share", "ci_low", "ci_high", "vs rest"};
	size_t nstat = o->ci ? 5 : 2;
	int rc = 0;
	if (o->excel)
		rc |= vp_buf_puts(b, "\xEF\xBB\xBF");
	rc |= vp_buf_puts(b, "theme,label");
	for (size_t i = 0; i < t->ncols; i++)
		for (size_t s = 0; s < nstat; s++) {
			char *h = vp_strf("%s %s", t->cols[i].label,
			                  s == 0 && t->per_resp ? "respondents" : stat[s]);
			rc |= !h || vp_buf_putc(b, ',') || put_csv(b, h);
			free(h);
		}
	/* sentiment: four more columns per column, after the others */
	for (size_t i = 0; t->sentiment && i < t->ncols; i++)
		for (int l = 0; l < RSENT_N; l++) {
			char *h = vp_strf("%s %s", t->cols[i].label, vp_rsent_key[l]);
			rc |= !h || vp_buf_putc(b, ',') || put_csv(b, h);
			free(h);
		}
	rc |= vp_buf_puts(b, eol);
	size_t nsent = t->sentiment ? t->ncols * RSENT_N : 0;
	rc |= vp_buf_printf(b, "(all %s),", t->per_resp ? "respondents" : "records");
	for (size_t i = 0; i < t->ncols; i++) {
		rc |= vp_buf_printf(b, ",%lu,", t->cols[i].n);
		if (o->ci)
			rc |= vp_buf_puts(b, ",,,");
	}
	for (size_t i = 0; i < nsent; i++)
		rc |= vp_buf_putc(b, ',');
	rc |= vp_buf_puts(b, eol);
	for (size_t r = 0; r < t->nrows; r++) {
		rc |= put_csv(b, t->rows[r].theme) | vp_buf_putc(b, ',') | put_csv(b, t->rows[r].label);
		for (size_t i = 0; i < t->ncols; i++) {
			const struct rcell *x = rt_cell(t, r, i);
			rc |= csv_num(b, x, o, 0, 1) | csv_share(b, x, o);
			if (o->ci) {
				rc |= csv_num(b, x, o, x->lo, 0) | csv_num(b, x, o, x->hi, 0);
				rc |= vp_buf_puts(b, x->dir > 0 ? ",higher" : x->dir < 0 ? ",lower" : ",");
			}
		}
		for (size_t i = 0; t->sentiment && i < t->ncols; i++)
			for (int l = 0; l < RSENT_N; l++) {
				const struct rsent *x = rt_sent(t, r, i);
				char s[32];
				rc |= vp_buf_printf(b, ",%s", vp_rcell_text(s, sizeof s, x->sup[l],
				                                             x->v[l], o->suppress));
			}
		rc |= vp_buf_puts(b, eol);
	}
	/* records = tagged + untagged + not tagged */
	for (size_t k = 0; k < t->nextra; k++) {
		rc |= put_csv(b, vp_rextra_slug[k]) | vp_buf_putc(b, ',') |
		      put_csv(b, vp_rextra_label[k]);
		for (size_t i = 0; i < t->ncols; i++) {
			const struct rcell *x = rt_extra(t, k, i);
			rc |= csv_num(b, x, o, 0, 1) | csv_share(b, x, o);
			if (o->ci)
				rc |= csv_num(b, x, o, x->lo, 0) | csv_num(b, x, o, x->hi, 0) |
				      vp_buf_putc(b, ',');
		}
		for (size_t i = 0; i < nsent; i++)
			rc |= vp_buf_putc(b, ',');
		rc |= vp_buf_puts(b, eol);
	}
	rc |= put_notes_csv(b, t, o, 0, eol);
	return rc ? -1 : 0;
}

/* ---- markdown -------------------------------------------------------- */

static int put_notes_md(vp_buf *b, const struct rtable *t, const vp_report_opts *o, int compare)
{
	vp_buf n = VP_BUF_INIT;
	int rc = vp_report_notes(&n, t, o, compare) | vp_buf_putc(&n, '\0');
	rc |= vp_buf_putc(b, '\n');
	for (char *line = n.data, *nl; !rc && line && *line; line = nl ? nl + 1 : NULL) {
		if ((nl = strchr(line, '\n')))
			*nl = '\0';
		rc |= vp_buf_puts(b, "- ") | put_md_own(b, line) | vp_buf_putc(b, '\n');
	}
	vp_buf_free(&n);
	return rc;
}

/* Quotes of one polarity for a theme, every group: list RQUOTES_POS or
 * RQUOTES_NEG, but a group's whose count is suppressed (vp_rquotes_shown).
 * Calls put(b, group, id, text, arg) for each. */
typedef int (*quote_fn)(vp_buf *b, const char *group, const char *id, const char *text);

static int each_quote(vp_buf *b, const struct rtable *t, size_t r, int list, quote_fn put,
                      size_t *n)
{
	int rc = 0;
	*n = 0;
	for (size_t i = 0; i + 1 < t->ncols; i++) {
		size_t q_;
		const json_t *q;
		if (!vp_rquotes_shown(t, r, i, list))
			continue;
		json_array_foreach(json_object_get(theme_of(t->cols[i].group, t->rows[r].theme),
		                                   vp_rquotes_key[list]),
		                   q_, q) {
			const char *id;
			const char *text = vp_rquote_fields(q, &id);
			if (!text)
				continue;
			if (put)
				rc |= put(b, t->cols[i].label, id, text);
			++*n;
		}
	}
	return rc;
}

static const int pol_key[2] = {RQUOTES_POS, RQUOTES_NEG};
static const char *const pol_head[2] = {"What people praised", "What people want changed"};

static int quote_md(vp_buf *b, const char *group, const char *id, const char *text)
{
	return vp_buf_puts(b, "- ") | put_md(b, text) | vp_buf_puts(b, " \xE2\x80\x94 ") |
	       put_md(b, group) | (*id ? vp_buf_puts(b, ", ") | put_md(b, id) : 0) |
	       vp_buf_putc(b, '\n');
}

static int polarity_md(vp_buf *b, const struct rtable *t)
{
	int rc = vp_buf_puts(b, "\n## What people praised and want changed\n");
	for (size_t r = 0; r < t->nrows; r++) {
		size_t n[2];
		rc |= each_quote(b, t, r, pol_key[0], NULL, &n[0]) |
		      each_quote(b, t, r, pol_key[1], NULL, &n[1]);
		if (!n[0] && !n[1])
			continue;
		rc |= vp_buf_puts(b, "\n### ") | put_md(b, t->rows[r].label) | vp_buf_putc(b, '\n');
		for (int p = 0; p < 2; p++) {
			rc |= vp_buf_printf(b, "\n%s:\n\n", pol_head[p]);
			if (!n[p])
				rc |= vp_buf_puts(b, "- none quoted\n");
			rc |= each_quote(b, t, r, pol_key[p], quote_md, &n[p]);
		}
	}
	return rc;
}

static int render_md(vp_buf *b, const struct rtable *t, const vp_report_opts *o)
{
	int rc = vp_buf_puts(b, "## ") | put_md(b, o->title ? o->title : "Themes") |
	         vp_buf_printf(b, "\n\nTable: themes by %s; denominator: %s.\n\n| Theme |",
	                       t->what, t->denom);
	for (size_t i = 0; i < t->ncols; i++)
		rc |= vp_buf_putc(b, ' ') | put_md(b, t->cols[i].label) | vp_buf_puts(b, " |");
	rc |= vp_buf_puts(b, "\n|---|");
	for (size_t i = 0; i < t->ncols; i++)
		rc |= vp_buf_puts(b, "---:|");
	rc |= vp_buf_printf(b, "\n| All %s |", t->per_resp ? "respondents" : "records");
	for (size_t i = 0; i < t->ncols; i++)
		rc |= vp_buf_printf(b, " %lu |", t->cols[i].n);
	rc |= vp_buf_putc(b, '\n');
	for (size_t r = 0; r < t->nrows; r++) {
		rc |= vp_buf_puts(b, "| ");
		for (size_t d = 0; d < t->rows[r].depth; d++)
			rc |= vp_buf_puts(b, "\xE2\x80\x83"); /* em space: shows the nesting */
		rc |= put_md(b, t->rows[r].label) | vp_buf_puts(b, " |");
		for (size_t i = 0; i < t->ncols; i++) {
			char c[160];
			cell_text(c, sizeof c, rt_cell(t, r, i), o);
			rc |= vp_buf_putc(b, ' ') | put_md_own(b, c) | vp_buf_puts(b, " |");
		}
		rc |= vp_buf_putc(b, '\n');
	}
	for (size_t k = 0; k < t->nextra; k++) {
		rc |= vp_buf_puts(b, "| ") | put_md(b, vp_rextra_label[k]) | vp_buf_puts(b, " |");
		for (size_t i = 0; i < t->ncols; i++) {
			char c[160];
			cell_text(c, sizeof c, rt_extra(t, k, i), o);
			rc |= vp_buf_putc(b, ' ') | put_md_own(b, c) | vp_buf_puts(b, " |");
		}
		rc |= vp_buf_putc(b, '\n');
	}
	if (t->sentiment) {
		size_t tot = t->ncols - 1;
		rc |= vp_buf_puts(b, "\nTable: sentiment by theme, Total column (answers).\n\n"
		                  "| Theme | Negative | Positive | Neutral | Mixed |\n"
		                  "|---|---:|---:|---:|---:|\n");
		static const int order[RSENT_N] = {RSENT_NEG, RSENT_POS, RSENT_NEU, RSENT_MIX};
		for (size_t r = 0; r < t->nrows; r++) {
			const struct rsent *x = rt_sent(t, r, tot);
			rc |= vp_buf_puts(b, "| ");
			for (size_t d = 0; d < t->rows[r].depth; d++)
				rc |= vp_buf_puts(b, "\xE2\x80\x83");
			rc |= put_md(b, t->rows[r].label) | vp_buf_puts(b, " |");
			for (int l = 0; l < RSENT_N; l++)
				rc |= x->sup[order[l]] == VP_SUP_SMALL
				          ? vp_buf_printf(b, " \\<%lu |", o->suppress)
				          : x->sup[order[l]] ? vp_buf_puts(b, " [c] |")
				                             : vp_buf_printf(b, " %lu |", x->v[order[l]]);
			rc |= vp_buf_putc(b, '\n');
		}
	}
	rc |= put_notes_md(b, t, o, 0);
	if (t->polarity)
		rc |= polarity_md(b, t);
	return rc ? -1 : 0;
}

/* ---- svg charts ------------------------------------------------------ */

/* Where charts go: into the page, and with --svg DIR also to files. */
struct sink {
	const char *dir;
	unsigned n;
	vp_err *e;            /* filled when a file cannot be written */
};

static int svg_file(struct sink *k, const char *kind, const char *name, const vp_buf *svg)
{
	if (!k->dir)
		return 0;
	char safe[96], path[4096];
	size_t j = 0;
	for (const char *s = name; *s && j + 1 < sizeof safe; s++)
		safe[j++] = (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-",
		                    *s) && *s) ? *s : '_';
	safe[j] = '\0';
	snprintf(path, sizeof path, "%s/%02u-%s-%s.svg", k->dir, ++k->n, kind, safe);
	FILE *fp = fopen(path, "w");
	if (!fp) {
		vp_errf(k->e, EX_CANTCREAT, "%s: %s", path, strerror(errno));
		return -1;
	}
	int bad = fwrite(svg->data, 1, svg->len, fp) != svg->len;
	if (fclose(fp) || bad) {
		vp_errf(k->e, EX_IOERR, "%s: write error", path);
		return -1;
	}
	return 0;
}

/* The aria-label is the parts a1..a5, each escaped: a name is written
 * whole, however long. */
static int svg_open(vp_buf *b, const char *cls, int w, int h, const char *a1, const char *a2,
                    const char *a3, const char *a4, const char *a5)
{
	return vp_buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"%s\" "
	                     "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
	                     "font-family=\"Arial, sans-serif\" aria-label=\"", cls, w, h, w, h) |
	       put_html(b, a1) | put_html(b, a2) | put_html(b, a3) | put_html(b, a4) |
	       put_html(b, a5) | vp_buf_puts(b, "\">\n<rect width=\"100%\" height=\"100%\" "
	                                       "fill=\"#fff\"/>\n");
}

static int svg_text(vp_buf *b, double x, double y, const char *anchor, const char *s)
{
	return vp_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"%s\" "
	                     "fill=\"#222\">", x, y, anchor) |
	       put_html(b, s) | vp_buf_puts(b, "</text>\n");
}

enum { BAR_LABEL = 230, BAR_WIDTH = 260, BAR_VALUE = 130, BAR_ROW = 22 };

static int bar_value(vp_buf *b, const struct rcell *x, const vp_report_opts *o, double x0,
                     double y)
{
	char v[64];
	if (x->sup)
		vp_rcell_text(v, sizeof v, x->sup, x->k, o->suppress);
	else if (!x->n)
		snprintf(v, sizeof v, NO_SHARE);
	else {
		char pct[32];
		snprintf(v, sizeof v, "%s%s", vp_rshare_pct(pct, sizeof pct, x),
		         x->dir > 0 ? " " UP : x->dir < 0 ? " " DOWN : "");
	}
	return svg_text(b, x0, y, "start", v);
}

/* One bar per group for one theme; the Total's share as a dashed line. */
static int svg_theme(vp_buf *b, const struct rtable *t, size_t r, const vp_report_opts *o,
                     double scale)
{
	size_t ng = t->ncols - 1;
	int w = BAR_LABEL + BAR_WIDTH + BAR_VALUE, h = (int)ng * BAR_ROW + 40;
	int rc = svg_open(b, "theme-chart", w, h, t->rows[r].label, ": share of ", t->denom, " by ",
	                  t->what);
	rc |= vp_buf_printf(b, "<text x=\"4\" y=\"16\" font-size=\"14\" font-weight=\"bold\" "
	                    "fill=\"#222\">") | put_html(b, t->rows[r].label) |
	      vp_buf_puts(b, "</text>\n");
	for (size_t c = 0; c < ng; c++) {
		const struct rcell *x = rt_cell(t, r, c);
		double y = 24 + (double)c * BAR_ROW;
		rc |= svg_text(b, BAR_LABEL - 6, y + 15, "end", t->cols[c].label);
		double bw = !x->sup && scale > 0 ? x->share / scale * BAR_WIDTH : 0;
		if (!x->sup)
			rc |= vp_buf_printf(b, "<rect class=\"bar\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" "
			                    "height=\"%d\" fill=\"%s\"/>\n", BAR_LABEL, y + 3, bw,
			                    BAR_ROW - 6, x->dir ? "#d95f02" : "#1f77b4");
		if (!x->sup && x->n && o->ci && scale > 0)
			rc |= vp_buf_printf(b, "<line class=\"ci\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
			                    "y2=\"%.1f\" stroke=\"#222\"/>\n",
			                    BAR_LABEL + x->lo / scale * BAR_WIDTH,
			                    BAR_LABEL + x->hi / scale * BAR_WIDTH, y + 11, y + 11);
		double hi = !x->sup && o->ci && scale > 0 ? x->hi / scale * BAR_WIDTH : bw;
		rc |= bar_value(b, x, o, BAR_LABEL + hi + 4, y + 15);
	}
	const struct rcell *all = rt_cell(t, r, ng);
	if (!all->sup && scale > 0) {
		double tx = BAR_LABEL + all->share / scale * BAR_WIDTH;
		rc |= vp_buf_printf(b, "<line class=\"total\" x1=\"%.1f\" x2=\"%.1f\" y1=\"22\" "
		                    "y2=\"%d\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>\n",
		                    tx, tx, h - 14);
		char v[64], pct[32];
		snprintf(v, sizeof v, "Total %s", vp_rshare_pct(pct, sizeof pct, all));
		rc |= svg_text(b, tx, h - 2, "middle", v);
	}
	return rc | vp_buf_puts(b, "</svg>\n");
}

/* Ends the line drawn so far (pts), leaving a gap after it. */
static int trend_break(vp_buf *b, vp_buf *pts)
{
	int rc = 0;
	if (pts->len)
		rc = vp_buf_printf(b, "<polyline class=\"line\" fill=\"none\" stroke=\"#1f77b4\" "
		                   "stroke-width=\"2\" points=\"%.*s\"/>\n", (int)pts->len, pts->data);
	pts->len = 0;
	return rc;
}

/* The share of one theme month by month (columns YYYY-MM, in order), on a
 * calendar axis: a month no record has (no column) is a gap in the line,
 * marked as a month of no answers is. */
static int svg_trend(vp_buf *b, const struct rtable *t, size_t r, const vp_report_opts *o)
{
	enum { W = 560, H = 230, L = 50, R = 540, TOP = 30, BOT = 190 };
	long first;
	size_t nmonths = vp_rmonth_span(t, &first); /* the calendar, as the xlsx's */
	double top = 0.05;
	for (size_t c = 0; c + 1 < t->ncols; c++)
		if (is_month(t->cols[c].label)) {
			const struct rcell *x = rt_cell(t, r, c);
			double v = o->ci ? x->hi : x->share;
			if (!x->sup && v > top)
				top = v;
		}
	double span = nmonths ? (double)(nmonths - 1) : 0;
	top = (double)(int)(top * 10 + 0.999) / 10; /* up to a tenth */
	if (top > 1)
		top = 1;
	int rc = svg_open(b, "trend", W, H, t->rows[r].label, ": share of ", t->denom, " by month",
	                  "");
	rc |= vp_buf_printf(b, "<text x=\"4\" y=\"16\" font-size=\"14\" font-weight=\"bold\" "
	                    "fill=\"#222\">") | put_html(b, t->rows[r].label) |
	      vp_buf_puts(b, "</text>\n");
	for (int g = 0; g <= 4; g++) {
		double y = BOT - (BOT - TOP) * g / 4.0;
		char v[32];
		snprintf(v, sizeof v, "%.0f%%", 100.0 * top * g / 4);
		rc |= vp_buf_printf(b, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
		                    "stroke=\"#ddd\"/>\n", L, R, y, y) | svg_text(b, L - 4, y + 4, "end", v);
	}
	vp_buf pts = VP_BUF_INIT;
	long prev = -1;
	for (size_t c = 0; c + 1 < t->ncols; c++) {
		if (!is_month(t->cols[c].label))
			continue;
		const struct rcell *x = rt_cell(t, r, c);
		long mi = vp_rmonth_index(t->cols[c].label);
		double px = span > 0 ? L + (R - L) * (double)(mi - first) / span : (L + R) / 2.0;
		if (prev >= 0 && mi - prev > 1) { /* months with no answers: a gap, marked */
			rc |= trend_break(b, &pts) |
			      svg_text(b, L + (R - L) * ((double)(prev + mi) / 2 - (double)first) / span,
			               BOT - 4, "middle", NO_SHARE);
		}
		prev = mi;
		rc |= svg_text(b, px, BOT + 16, "middle", t->cols[c].label);
		if (x->sup || !x->n) { /* a gap in the line, and the reason */
			rc |= trend_break(b, &pts);
			char v[32];
			if (x->sup)
				vp_rcell_text(v, sizeof v, x->sup, x->k, o->suppress);
			else
				snprintf(v, sizeof v, NO_SHARE);
			rc |= svg_text(b, px, BOT - 4, "middle", v);
			continue;
		}
		double py = BOT - (BOT - TOP) * x->share / top;
		rc |= vp_buf_printf(&pts, "%.1f,%.1f ", px, py);
		if (o->ci)
			rc |= vp_buf_printf(b, "<line class=\"ci\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
			                    "y2=\"%.1f\" stroke=\"#9ecae1\" stroke-width=\"3\"/>\n", px, px,
			                    BOT - (BOT - TOP) * x->lo / top, BOT - (BOT - TOP) * x->hi / top);
		rc |= vp_buf_printf(b, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" "
		                    "fill=\"#1f77b4\"/>\n", px, py);
	}
	rc |= trend_break(b, &pts);
	vp_buf_free(&pts);
	return rc | vp_buf_puts(b, "</svg>\n");
}

/* One column's themes as bars (the page's overview, one scale for all). */
static int svg_group(vp_buf *b, const struct rtable *t, size_t c, const vp_report_opts *o,
                     double scale)
{
	int w = BAR_LABEL + BAR_WIDTH + BAR_VALUE, h = (int)t->nrows * BAR_ROW + 10;
	int rc = svg_open(b, "group-chart", w, h, t->cols[c].label, ": share of ", t->denom,
	                  " by theme", "");
	for (size_t r = 0; r < t->nrows; r++) {
		const struct rcell *x = rt_cell(t, r, c);
		double bw = !x->sup && scale > 0 ? x->share / scale * BAR_WIDTH : 0;
		double y = (double)r * BAR_ROW + 5;
		rc |= svg_text(b, BAR_LABEL - 6, y + 15, "end", t->rows[r].label);
		if (!x->sup)
			rc |= vp_buf_printf(b, "<rect class=\"bar\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" "
			                    "height=\"%d\" fill=\"%s\"/>", BAR_LABEL, y + 3, bw,
			                    BAR_ROW - 6, t->rows[r].depth ? "#9ecae1" : "#1f77b4");
		rc |= bar_value(b, x, o, BAR_LABEL + bw + 4, y + 15);
	}
	return rc | vp_buf_puts(b, "</svg>\n");
}

/* Emit one chart: into the page inside a figure, and to its file. */
static int chart(vp_buf *page, struct sink *k, const char *kind, const char *name,
                 const char *caption, const vp_buf *svg)
{
	int rc = vp_buf_puts(page, "<figure class=\"chart\">");
	if (caption) /* else the chart carries its own title */
		rc |= vp_buf_puts(page, "<figcaption>") | put_html(page, caption) |
		      vp_buf_puts(page, "</figcaption>\n");
	rc |= vp_buf_append(page, svg->data, svg->len) | vp_buf_puts(page, "</figure>\n");
	if (rc)
		return -1;
	return svg_file(k, kind, name, svg);
}

/* ---- html ------------------------------------------------------------ */

static const char html_head[] =
	"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	"style-src 'unsafe-inline'\">\n<title>";

static const char html_style[] =
	"</title>\n<style>\n"
	"body{font-family:system-ui,-apple-system,'Segoe UI',Arial,sans-serif;margin:2em;color:#222}\n"
	"table{border-collapse:collapse;margin:1em 0}\n"
	"caption{text-align:left;font-style:italic;padding:.3em 0}\n"
	"th,td{border:1px solid #ccc;padding:.3em .6em}\n"
	"td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	"td.sup{color:#888}\n"
	"tr.child td:first-child{padding-left:1.8em}\n"
	".charts{display:flex;flex-wrap:wrap;gap:1.5em}\n"
	"figure{margin:0}figcaption{font-weight:bold;margin:.2em 0}\n"
	".notes{font-size:.9em;color:#444}\n"
	"blockquote{margin:.4em 0 .4em 1em;padding-left:.8em;border-left:3px solid #1f77b4}\n"
	"blockquote cite{display:block;font-size:.8em;color:#666}\n"
	".praised blockquote{border-left-color:#1b9e77}.want-changed blockquote{border-left-color:#d95f02}\n"
	/* a word longer than the line (a pasted link in a comment) wraps rather
	 * than widen the page; not in the table, whose cells would then break
	 * ordinary words (a column of 'Leicesters|hire') when the page is narrow */
	"h1,h2,h3,h4,caption,figcaption,blockquote,.notes{overflow-wrap:anywhere}\n"
	"</style>\n</head>\n<body>\n<h1>";

static int html_start(vp_buf *b, const char *title)
{
	return vp_buf_puts(b, html_head) | put_html(b, title) | vp_buf_puts(b, html_style) |
	       put_html(b, title) | vp_buf_puts(b, "</h1>\n");
}

static int put_notes_html(vp_buf *b, const struct rtable *t, const vp_report_opts *o,
                          int compare)
{
	vp_buf n = VP_BUF_INIT;
	int rc = vp_report_notes(&n, t, o, compare) | vp_buf_putc(&n, '\0');
	rc |= vp_buf_puts(b, "<div class=\"notes\" id=\"notes\">\n");
	for (char *line = n.data, *nl; !rc && line && *line; line = nl ? nl + 1 : NULL) {
		if ((nl = strchr(line, '\n')))
			*nl = '\0';
		rc |= vp_buf_puts(b, "<p>") | put_html(b, line) | vp_buf_puts(b, "</p>\n");
	}
	vp_buf_free(&n);
	return rc | vp_buf_puts(b, "</div>\n");
}

static int theme_cell(vp_buf *b, const struct rrow *row)
{
	int rc = vp_buf_puts(b, row->depth ? "<tr class=\"child\"><td" : "<tr><td");
	if (row->describe)
		rc |= vp_buf_puts(b, " title=\"") | put_html(b, row->describe) | vp_buf_putc(b, '"');
	return rc | vp_buf_putc(b, '>') | put_html(b, row->label) | vp_buf_puts(b, "</td>");
}

static void sent_num(char *buf, size_t sz, const struct rsent *x, int l,
                     const vp_report_opts *o)
{
	vp_rcell_text(buf, sz, x->sup[l], x->v[l], o->suppress);
}

/* a gap between the names and the scale leaves room for a full bar's count */
enum { DIV_LABEL = 230, DIV_GAP = 34, DIV_HALF = 180, DIV_NOTE = 190, DIV_ROW = 22, DIV_TOP = 44 };

/* The balance of each theme (Total column): negative answers as a bar to
 * the left of the axis, positive to the right, as shares of the theme's
 * labelled answers, every theme on one scale; neutral and mixed noted. */
static int svg_diverging(vp_buf *b, const struct rtable *t, const vp_report_opts *o)
{
	size_t tot = t->ncols - 1;
	double scale = 0.1;
	for (size_t r = 0; r < t->nrows; r++) {
		const struct rsent *x = rt_sent(t, r, tot);
		for (int l = RSENT_POS; x->n && l <= RSENT_NEG; l++)
			if (!x->sup[l] && (double)x->v[l] / (double)x->n > scale)
				scale = (double)x->v[l] / (double)x->n;
	}
	scale = (double)(int)(scale * 10 + 0.999) / 10; /* up to a tenth */
	if (scale > 1)
		scale = 1;
	int w = DIV_LABEL + DIV_GAP + 2 * DIV_HALF + DIV_NOTE;
	int h = DIV_TOP + (int)t->nrows * DIV_ROW + 24;
	double mid = DIV_LABEL + DIV_GAP + DIV_HALF;
	int rc = svg_open(b, "sentiment-chart", w, h, "Sentiment by theme: negative to the left, "
	                  "positive to the right, share of each theme's labelled answers", "", "",
	                  "", "");
	rc |= svg_text(b, mid - 6, 16, "end", "\xE2\x86\x90 want changed (negative)") |
	      svg_text(b, mid + 6, 16, "start", "praised (positive) \xE2\x86\x92") |
	      svg_text(b, mid + DIV_HALF + 8, 16, "start", "neutral, mixed");
	for (int g = -2; g <= 2; g++) {
		double x = mid + DIV_HALF * g / 2.0;
		char v[32];
		snprintf(v, sizeof v, "%.0f%%", 100.0 * scale * (g < 0 ? -g : g) / 2);
		rc |= vp_buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" "
		                    "stroke=\"%s\"/>\n", x, x, DIV_TOP - 4, h - 20,
		                    g ? "#ddd" : "#444") | svg_text(b, x, h - 6, "middle", v);
	}
	for (size_t r = 0; r < t->nrows; r++) {
		const struct rsent *x = rt_sent(t, r, tot);
		double y = DIV_TOP + (double)r * DIV_ROW;
		char *lab = vp_strf("%s%s", t->rows[r].depth ? "\xE2\x80\x83" : "", t->rows[r].label);
		rc |= !lab || svg_text(b, DIV_LABEL - 6, y + 15, "end", lab);
		free(lab);
		static const char *const cls[2] = {"pos", "neg"}, *const fill[2] = {"#1b9e77",
		                                                                    "#d95f02"};
		for (int l = RSENT_POS; l <= RSENT_NEG; l++) {
			int left = l == RSENT_NEG;
			double bw = !x->sup[l] && x->n ? (double)x->v[l] / (double)x->n / scale * DIV_HALF
			                               : 0;
			if (!x->sup[l] && bw > 0)
				rc |= vp_buf_printf(b, "<rect class=\"bar %s\" x=\"%.1f\" y=\"%.1f\" "
				                    "width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n", cls[l],
				                    left ? mid - bw : mid, y + 3, bw, DIV_ROW - 6, fill[l]);
			char v[64];
			sent_num(v, sizeof v, x, l, o);
			rc |= svg_text(b, left ? mid - bw - 4 : mid + bw + 4, y + 15, left ? "end" : "start",
			               v);
		}
		char neu[32], mix[32], note[96];
		sent_num(neu, sizeof neu, x, RSENT_NEU, o);
		sent_num(mix, sizeof mix, x, RSENT_MIX, o);
		snprintf(note, sizeof note, "%s neutral, %s mixed", neu, mix);
		rc |= svg_text(b, mid + DIV_HALF + 8, y + 15, "start", note);
	}
	return rc | vp_buf_puts(b, "</svg>\n");
}

static int sentiment_html(vp_buf *b, const struct rtable *t, const vp_report_opts *o,
                          struct sink *k)
{
	size_t tot = t->ncols - 1;
	int rc = vp_buf_puts(b, "<h2>Sentiment by theme</h2>\n<p>What people praised and what they "
	                     "want changed, per theme: answers vp-sentiment labelled negative "
	                     "(left) and positive (right), as shares of the theme's labelled "
	                     "answers, on one scale; neutral and mixed at the right.</p>\n"
	                     "<div class=\"charts\" id=\"sentiment-charts\">\n");
	vp_buf svg = VP_BUF_INIT;
	rc |= svg_diverging(&svg, t, o);
	if (!rc)
		rc = chart(b, k, "sentiment", "themes", NULL, &svg);
	vp_buf_free(&svg);
	rc |= vp_buf_puts(b, "</div>\n<table id=\"sentiment\">\n<caption>Sentiment by theme, "
	                  "Total column (answers)</caption>\n<thead><tr><th>Theme</th>"
	                  "<th>Negative</th><th>Positive</th><th>Neutral</th><th>Mixed</th>"
	                  "</tr></thead>\n<tbody>\n");
	static const int order[RSENT_N] = {RSENT_NEG, RSENT_POS, RSENT_NEU, RSENT_MIX};
	for (size_t r = 0; r < t->nrows; r++) {
		const struct rsent *x = rt_sent(t, r, tot);
		rc |= theme_cell(b, &t->rows[r]);
		for (int l = 0; l < RSENT_N; l++) {
			char v[64];
			sent_num(v, sizeof v, x, order[l], o);
			rc |= vp_buf_puts(b, x->sup[order[l]] ? "<td class=\"n sup\">" : "<td class=\"n\">") |
			      put_html(b, v) | vp_buf_puts(b, "</td>");
		}
		rc |= vp_buf_puts(b, "</tr>\n");
	}
	return rc | vp_buf_puts(b, "</tbody>\n</table>\n");
}

static int quote_html(vp_buf *b, const char *group, const char *id, const char *text)
{
	return vp_buf_puts(b, "<blockquote>") | put_html(b, text) | vp_buf_puts(b, "<cite>") |
	       put_html(b, group) | (*id ? vp_buf_puts(b, ", ") | put_html(b, id) : 0) |
	       vp_buf_puts(b, "</cite></blockquote>\n");
}

static int polarity_html(vp_buf *b, const struct rtable *t)
{
	static const char *const cls[2] = {"praised", "want-changed"};
	int rc = vp_buf_puts(b, "<h2>What people praised and want changed</h2>\n"
	                     "<div id=\"polarity\">\n");
	for (size_t r = 0; r < t->nrows; r++) {
		size_t n[2];
		rc |= each_quote(b, t, r, pol_key[0], NULL, &n[0]) |
		      each_quote(b, t, r, pol_key[1], NULL, &n[1]);
		if (!n[0] && !n[1])
			continue;
		rc |= vp_buf_puts(b, "<h3>") | put_html(b, t->rows[r].label) | vp_buf_puts(b, "</h3>\n");
		for (int p = 0; p < 2; p++) {
			rc |= vp_buf_printf(b, "<div class=\"%s\"><h4>%s</h4>\n", cls[p], pol_head[p]);
			if (!n[p])
				rc |= vp_buf_puts(b, "<p>None quoted.</p>\n");
			rc |= each_quote(b, t, r, pol_key[p], quote_html, &n[p]) |
			      vp_buf_puts(b, "</div>\n");
		}
	}
	return rc | vp_buf_puts(b, "</div>\n");
}

static int render_html(vp_buf *b, const struct rtable *t, const vp_report_opts *o,
                       struct sink *k)
{
	int rc = html_start(b, o->title ? o->title : "Theme counts");
	rc |= vp_buf_printf(b, "<p>%lu comments. Each cell: %s mentioning the theme and their "
	                    "share of the column's %s; one can mention several themes. "
	                    "Columns: ", t->records, t->denom, t->denom);
	rc |= put_html(b, t->what) | vp_buf_puts(b, ".</p>\n");

	rc |= vp_buf_puts(b, "<h2>Counts</h2>\n<table id=\"counts\">\n<caption>Themes by ") |
	      put_html(b, t->what) |
	      vp_buf_printf(b, "; denominator: %s%s</caption>\n<thead><tr><th>Theme</th>",
	                    t->denom, o->ci ? "; 95% intervals in brackets" : "");
	for (size_t i = 0; i < t->ncols; i++)
		rc |= vp_buf_puts(b, "<th>") | put_html(b, t->cols[i].label) | vp_buf_puts(b, "</th>");
	rc |= vp_buf_printf(b, "</tr></thead>\n<tbody>\n<tr><td>All %s</td>",
	                    t->per_resp ? "respondents" : "records");
	for (size_t i = 0; i < t->ncols; i++)
		rc |= vp_buf_printf(b, "<td class=\"n\">%lu</td>", t->cols[i].n);
	rc |= vp_buf_puts(b, "</tr>\n");
	double scale = 0;
	for (size_t r = 0; r < t->nrows; r++) {
		rc |= theme_cell(b, &t->rows[r]);
		for (size_t i = 0; i < t->ncols; i++) {
			const struct rcell *x = rt_cell(t, r, i);
			double top = o->ci ? x->hi : x->share;
			if (!x->sup && top > scale)
				scale = top;
			char c[160];
			cell_text(c, sizeof c, x, o);
			rc |= vp_buf_puts(b, x->sup ? "<td class=\"n sup\">" : "<td class=\"n\">") |
			      put_html(b, c) | vp_buf_puts(b, "</td>");
		}
		rc |= vp_buf_puts(b, "</tr>\n");
	}
	for (size_t x = 0; x < t->nextra; x++) {
		rc |= vp_buf_printf(b, "<tr class=\"records\" id=\"%s\"><td>",
		                    x == REXTRA_UNTAGGED ? "untagged" : "not-tagged") |
		      put_html(b, vp_rextra_label[x]) | vp_buf_puts(b, "</td>");
		for (size_t i = 0; i < t->ncols; i++) {
			const struct rcell *c = rt_extra(t, x, i);
			char v[160];
			cell_text(v, sizeof v, c, o);
			rc |= vp_buf_puts(b, c->sup ? "<td class=\"n sup\">" : "<td class=\"n\">") |
			      put_html(b, v) | vp_buf_puts(b, "</td>");
		}
		rc |= vp_buf_puts(b, "</tr>\n");
	}
	rc |= vp_buf_puts(b, "</tbody>\n</table>\n");
	rc |= put_notes_html(b, t, o, 0);
	if (rc)
		return -1;

	vp_buf svg = VP_BUF_INIT;
	/* a chart per theme across the groups, on one scale */
	if (t->ncols > 2) {
		rc |= vp_buf_puts(b, "<h2>Each theme across ") | put_html(b, t->what) |
		      vp_buf_puts(b, "</h2>\n<div class=\"charts\" id=\"theme-charts\">\n");
		for (size_t r = 0; !rc && r < t->nrows; r++) {
			svg.len = 0;
			rc |= svg_theme(&svg, t, r, o, scale) ||
			      chart(b, k, "theme", t->rows[r].theme, NULL, &svg);
		}
		rc |= vp_buf_puts(b, "</div>\n");
	}
	if (t->months) {
		rc |= vp_buf_puts(b, "<h2>Trend by month</h2>\n<div class=\"charts\" id=\"trends\">\n");
		for (size_t r = 0; !rc && r < t->nrows; r++) {
			svg.len = 0;
			rc |= svg_trend(&svg, t, r, o) ||
			      chart(b, k, "trend", t->rows[r].theme, NULL, &svg);
		}
		rc |= vp_buf_puts(b, "</div>\n");
	}
	/* one scale for every chart, so bars compare across columns */
	rc |= vp_buf_puts(b, "<h2>Share by theme</h2>\n<div class=\"charts\" id=\"group-charts\">\n");
	for (size_t i = 0; !rc && i < t->ncols; i++) {
		/* "(1 answer)", "(2 answers)": denom is a plural in -s */
		size_t dn = strlen(t->denom) - (t->cols[i].n == 1);
		char *cap = vp_strf("%s (%lu %.*s)", t->cols[i].label, t->cols[i].n, (int)dn,
		                    t->denom);
		svg.len = 0;
		rc |= !cap || svg_group(&svg, t, i, o, scale) ||
		      chart(b, k, "group", t->cols[i].label, cap, &svg);
		free(cap);
	}
	vp_buf_free(&svg);
	rc |= vp_buf_puts(b, "</div>\n");

	if (!rc && t->sentiment)
		rc |= sentiment_html(b, t, o, k);
	if (!rc && t->polarity)
		rc |= polarity_html(b, t);
	if (!rc && t->quotes) {
		rc |= vp_buf_puts(b, "<h2>What people said</h2>\n");
		for (size_t r = 0; r < t->nrows; r++) {
			const char *theme = t->rows[r].theme;
			rc |= vp_buf_puts(b, "<h3>") | put_html(b, t->rows[r].label) |
			      vp_buf_puts(b, "</h3>\n");
			int any = 0;
			for (size_t i = 0; i + 1 < t->ncols; i++) {
				const json_t *qs = json_object_get(theme_of(t->cols[i].group, theme),
				                                   "quotes");
				if (!json_array_size(qs) || !vp_rquotes_shown(t, r, i, RQUOTES))
					continue;
				any = 1;
				rc |= vp_buf_puts(b, "<h4>") | put_html(b, t->cols[i].label) |
				      vp_buf_puts(b, "</h4>\n");
				size_t q_;
				const json_t *q;
				json_array_foreach(qs, q_, q) {
					const char *id;
					const char *text = vp_rquote_fields(q, &id);
					rc |= vp_buf_puts(b, "<blockquote>") | put_html(b, text ? text : "") |
					      vp_buf_puts(b, "<cite>") | put_html(b, id) |
					      vp_buf_puts(b, "</cite></blockquote>\n");
				}
			}
			if (!any)
				rc |= vp_buf_puts(b, "<p>No quotes.</p>\n");
		}
	}
	rc |= vp_buf_puts(b, "</body>\n</html>\n");
	return rc ? -1 : 0;
}

/* ---- two periods ----------------------------------------------------- */

static long find_col(const struct rtable *t, const char *label)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].label, label) == 0)
			return (long)i;
	return -1;
}

static long find_row(const struct rtable *t, const char *theme)
{
	for (size_t i = 0; i < t->nrows; i++)
		if (strcmp(t->rows[i].theme, theme) == 0)
			return (long)i;
	return -1;
}

static int build_cmp(struct rcmp *cmp, const struct rtable *bt, const struct rtable *at,
                     const vp_report_opts *o, vp_err *e)
{
	double *p = calloc(at->nrows ? at->nrows : 1, sizeof *p);
	if (!p)
		return vp_oom(e);
	for (size_t c = 0; c < at->ncols; c++) {
		long bc = find_col(bt, at->cols[c].label);
		for (size_t r = 0; r < at->nrows; r++) {
			struct rcmp *x = &cmp[r * at->ncols + c];
			x->b = *rt_cell(at, r, c);
			long br = find_row(bt, at->rows[r].theme);
			if (bc >= 0 && br >= 0) {
				x->a = *rt_cell(bt, (size_t)br, (size_t)bc);
			} else { /* not in BEFORE: 0 of its denominator */
				x->a = (struct rcell){0};
				x->a.n = bc >= 0 ? bt->cols[bc].n : 0;
				vp_wilson(0, x->a.n, VP_Z95, &x->a.lo, &x->a.hi);
				x->a.sup = o->suppress > 0;
			}
			x->sup = x->a.sup || x->b.sup;
			x->points = 100.0 * (x->b.share - x->a.share);
			double z;
			p[r] = vp_two_prop_p(x->b.k, x->b.n, x->a.k, x->a.n, &z);
		}
		if (vp_holm(p, at->nrows, p)) {
			free(p);
			return vp_oom(e);
		}
		for (size_t r = 0; r < at->nrows; r++) {
			struct rcmp *x = &cmp[r * at->ncols + c];
			x->padj = p[r];
			if (p[r] < 0.05 && !x->sup && x->a.n && x->b.n)
				x->dir = x->b.share > x->a.share ? 1 : -1;
		}
	}
	free(p);
	return 0;
}

static void share_text(char *buf, size_t sz, const struct rcell *x, const vp_report_opts *o)
{
	if (x->sup)
		vp_rcell_text(buf, sz, x->sup, x->k, o->suppress);
	else if (!x->n)
		snprintf(buf, sz, "n/a");
	else if (o->ci) {
		char pct[32];
		snprintf(buf, sz, "%s (%.1f\xE2\x80\x93%.1f)", vp_rshare_pct(pct, sizeof pct, x),
		         100.0 * x->lo, 100.0 * x->hi);
	} else
		vp_rshare_pct(buf, sz, x);
}

static void change_text(char *buf, size_t sz, const struct rcmp *x, const vp_report_opts *o)
{
	(void)o;
	if (x->sup)
		snprintf(buf, sz, "%s", VP_RCHANGE_SUPPRESSED);
	else if (!x->a.n || !x->b.n)
		snprintf(buf, sz, "n/a");
	else {
		char pts[32];
		snprintf(buf, sz, "%s%s", vp_rchange_text(pts, sizeof pts, &x->a, &x->b, 1),
		         x->dir > 0 ? " " UP : x->dir < 0 ? " " DOWN : "");
	}
}

static int render_cmp_csv(vp_buf *b, const struct rtable *t, const struct rcmp *cmp,
                          const vp_report_opts *o)
{
	const char *eol = o->excel ? "\r\n" : "\n";
	int rc = o->excel ? vp_buf_puts(b, "\xEF\xBB\xBF") : 0;
	/* the count: records raising the theme, or with --per respondent the
	 * respondents who raised it (the denominator column holds all of them) */
	const char *k = t->per_resp ? "respondents raising it" : "records";
	rc |= vp_buf_printf(b, "theme,label,group,before %s,before %s,before share,"
	                    "after %s,after %s,after share,change points,p holm,"
	                    "beyond chance%s", t->denom, k, t->denom, k, eol);
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			const struct rcmp *x = &cmp[r * t->ncols + c];
			rc |= put_csv(b, t->rows[r].theme) | vp_buf_putc(b, ',') |
			      put_csv(b, t->rows[r].label) | vp_buf_putc(b, ',') |
			      put_csv(b, t->cols[c].label);
			rc |= vp_buf_printf(b, ",%lu", x->a.n) | csv_num(b, &x->a, o, 0, 1) |
			      csv_share(b, &x->a, o);
			rc |= vp_buf_printf(b, ",%lu", x->b.n) | csv_num(b, &x->b, o, 0, 1) |
			      csv_share(b, &x->b, o);
			if (x->sup)
				rc |= vp_buf_puts(b, "," VP_RCHANGE_SUPPRESSED ",,");
			else {
				char pts[32];
				/* no change where a period has no records: empty, as its share */
				rc |= vp_buf_printf(b, ",%s,%.4f,%s",
				                    !x->a.n || !x->b.n ? "" :
				                    vp_rchange_text(pts, sizeof pts, &x->a, &x->b, 0),
				                    x->padj, x->dir > 0 ? "up" : x->dir < 0 ? "down" : "no");
			}
			rc |= vp_buf_puts(b, eol);
		}
	rc |= put_notes_csv(b, t, o, 1, eol);
	return rc ? -1 : 0;
}

static int render_cmp_md(vp_buf *b, const struct rtable *t, const struct rcmp *cmp,
                         const vp_report_opts *o)
{
	int rc = vp_buf_puts(b, "## ") | put_md(b, o->title ? o->title : "Change between periods") |
	         vp_buf_printf(b, "\n\nTable: share of %s before and after, by %s; change in "
	                       "points.\n\n| Theme | Group | Before | After | Change |\n"
	                       "|---|---|---:|---:|---:|\n", t->denom, t->what);
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			const struct rcmp *x = &cmp[r * t->ncols + c];
			char a[96], bb[96], ch[64];
			share_text(a, sizeof a, &x->a, o);
			share_text(bb, sizeof bb, &x->b, o);
			change_text(ch, sizeof ch, x, o);
			rc |= vp_buf_puts(b, "| ") | put_md(b, t->rows[r].label) | vp_buf_puts(b, " | ") |
			      put_md(b, t->cols[c].label) | vp_buf_puts(b, " | ") | put_md_own(b, a) |
			      vp_buf_puts(b, " | ") | put_md_own(b, bb) | vp_buf_puts(b, " | ") |
			      put_md_own(b, ch) | vp_buf_puts(b, " |\n");
		}
	rc |= put_notes_md(b, t, o, 1);
	return rc ? -1 : 0;
}

/* Before (grey) and after (blue) bars per group for one theme. */
static int svg_cmp(vp_buf *b, const struct rtable *t, const struct rcmp *cmp, size_t r,
                   const vp_report_opts *o, double scale)
{
	int w = BAR_LABEL + BAR_WIDTH + BAR_VALUE, h = (int)t->ncols * 2 * 14 + 40;
	int rc = svg_open(b, "compare-chart", w, h, t->rows[r].label, ": share before and after by ",
	                  t->what, "", "");
	rc |= vp_buf_printf(b, "<text x=\"4\" y=\"16\" font-size=\"14\" font-weight=\"bold\" "
	                    "fill=\"#222\">") | put_html(b, t->rows[r].label) |
	      vp_buf_puts(b, "</text>\n");
	for (size_t c = 0; c < t->ncols; c++) {
		const struct rcmp *x = &cmp[r * t->ncols + c];
		double y = 24 + (double)c * 28;
		rc |= svg_text(b, BAR_LABEL - 6, y + 18, "end", t->cols[c].label);
		const struct rcell *side[2] = {&x->a, &x->b};
		for (int s = 0; s < 2; s++) {
			const struct rcell *v = side[s];
			double bw = !v->sup && scale > 0 ? v->share / scale * BAR_WIDTH : 0;
			if (!v->sup)
				rc |= vp_buf_printf(b, "<rect class=\"bar %s\" x=\"%d\" y=\"%.1f\" "
				                    "width=\"%.1f\" height=\"11\" fill=\"%s\"/>\n",
				                    s ? "after" : "before", BAR_LABEL, y + 2 + s * 12, bw,
				                    s ? "#1f77b4" : "#bbb");
			char v_[96];
			if (s) {
				char ch[64];
				change_text(ch, sizeof ch, x, o);
				share_text(v_, sizeof v_, v, o);
				snprintf(v_ + strlen(v_), sizeof v_ - strlen(v_), " (%s)", ch);
			} else {
				share_text(v_, sizeof v_, v, o);
			}
			rc |= vp_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
			                    "fill=\"#222\">", BAR_LABEL + bw + 4, y + 12 + s * 12) |
			      put_html(b, v_) | vp_buf_puts(b, "</text>\n");
		}
	}
	return rc | vp_buf_puts(b, "</svg>\n");
}

static int render_cmp_html(vp_buf *b, const struct rtable *t, const struct rcmp *cmp,
                           const vp_report_opts *o, struct sink *k)
{
	int rc = html_start(b, o->title ? o->title : "Change between periods");
	rc |= vp_buf_puts(b, "<h2>Before and after</h2>\n<table id=\"compare\">\n<caption>Share of ") |
	      put_html(b, t->denom) | vp_buf_puts(b, " by ") | put_html(b, t->what) |
	      vp_buf_puts(b, "; change in percentage points</caption>\n<thead><tr><th>Theme</th>"
	                  "<th>Group</th><th>Before</th><th>After</th><th>Change</th></tr></thead>"
	                  "\n<tbody>\n");
	double scale = 0;
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			const struct rcmp *x = &cmp[r * t->ncols + c];
			if (!x->a.sup && x->a.share > scale)
				scale = x->a.share;
			if (!x->b.sup && x->b.share > scale)
				scale = x->b.share;
			char a[96], bb[96], ch[64];
			share_text(a, sizeof a, &x->a, o);
			share_text(bb, sizeof bb, &x->b, o);
			change_text(ch, sizeof ch, x, o);
			rc |= theme_cell(b, &t->rows[r]) | vp_buf_puts(b, "<td>") |
			      put_html(b, t->cols[c].label) | vp_buf_puts(b, "</td><td class=\"n\">") |
			      put_html(b, a) | vp_buf_puts(b, "</td><td class=\"n\">") | put_html(b, bb) |
			      vp_buf_puts(b, "</td><td class=\"n\">") | put_html(b, ch) |
			      vp_buf_puts(b, "</td></tr>\n");
		}
	rc |= vp_buf_puts(b, "</tbody>\n</table>\n") | put_notes_html(b, t, o, 1);
	rc |= vp_buf_puts(b, "<h2>Each theme, before and after</h2>\n"
	                  "<div class=\"charts\" id=\"compare-charts\">\n");
	vp_buf svg = VP_BUF_INIT;
	for (size_t r = 0; !rc && r < t->nrows; r++) {
		svg.len = 0;
		rc |= svg_cmp(&svg, t, cmp, r, o, scale) ||
		      chart(b, k, "change", t->rows[r].theme, NULL, &svg);
	}
	vp_buf_free(&svg);
	rc |= vp_buf_puts(b, "</div>\n</body>\n</html>\n");
	return rc ? -1 : 0;
}

/* ---- entry points ---------------------------------------------------- */

static int finish(int bad, struct sink *k, vp_err *e)
{
	if (!bad)
		return 0;
	return k->e->code ? k->e->code : vp_oom(e);
}

/* xlsx: a nested document read at its own level gets a Counts sheet per
 * level, locality to system, suppressed together: one workbook. */
static int render_xlsx_levels(struct rtable *t, const json_t *doc, const vp_report_opts *o,
                              vp_err *e)
{
	vp_count_opts dop;
	char by[256];
	int rc = vp_count_doc_opts(doc, &dop, by, sizeof by, e);
	if (rc)
		return rc;
	if (!dop.nested || o->level >= 0 || dop.by)
		return vp_report_xlsx(t, NULL, o, e);
	struct rtable lv[3];
	struct rtable *ts[4] = {t};
	size_t nt = 1, built = 0;
	for (int l = VP_LEVEL_LOCALITY; !rc && l <= VP_LEVEL_SYSTEM; l++) {
		if (l == dop.level)
			continue;
		vp_report_opts lo = *o;
		lo.level = l;
		rc = vp_rtable_build(&lv[built], doc, &lo, e);
		built++;
		ts[nt++] = &lv[built - 1];
	}
	if (!rc)
		rc = vp_rtable_guard_levels(ts, nt, doc, o, e);
	if (!rc)
		rc = vp_report_xlsx_tables((const struct rtable *const *)ts, nt, NULL, o, e);
	for (size_t i = 0; i < built; i++)
		vp_rtable_free(&lv[i]);
	return rc;
}

/* A quote's text and its id (shown beside it; an id column can hold an
 * e-mail), each passed through vp-redact's rules. */
static int redact_list(json_t *list, const struct vp_given_names *given, vp_buf *tmp)
{
	static const char *const keys[] = {"text", "id"};
	size_t i;
	json_t *q;
	json_array_foreach(list, i, q) {
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			json_t *tx = json_object_get(q, keys[k]);
			if (!json_is_string(tx))
				continue;
			vp_buf_clear(tmp);
			if (vp_redact_with(given, json_string_value(tx), json_string_length(tx), tmp) != 0)
				return -1;
			if (tmp->len != json_string_length(tx) ||
			    memcmp(tmp->data, json_string_value(tx), tmp->len) != 0)
				if (json_string_setn_nocheck(tx, tmp->data ? tmp->data : "", tmp->len))
					return -1;
		}
	}
	return 0;
}

static int redact_walk(json_t *v, const struct vp_given_names *given, vp_buf *tmp)
{
	const char *key;
	json_t *x;
	if (json_is_array(v)) {
		size_t i;
		json_array_foreach(v, i, x)
			if (redact_walk(x, given, tmp))
				return -1;
		return 0;
	}
	json_object_foreach(v, key, x) {
		if (json_is_array(x) && (strcmp(key, "quotes") == 0 ||
		                         strcmp(key, "quotes_positive") == 0 ||
		                         strcmp(key, "quotes_negative") == 0)) {
			if (redact_list(x, given, tmp))
				return -1;
		} else if ((json_is_object(x) || json_is_array(x)) && redact_walk(x, given, tmp)) {
			return -1;
		}
	}
	return 0;
}

int vp_report_redact_quotes(json_t *doc, const struct vp_given_names *given)
{
	vp_buf tmp = VP_BUF_INIT;
	int rc = redact_walk(doc, given, &tmp);
	vp_buf_free(&tmp);
	return rc;
}

int vp_report_render(vp_buf *out, const json_t *doc, const vp_report_opts *o, vp_err *e)
{
	struct rtable t;
	vp_err fe;
	vp_err_clear(&fe);
	struct sink k = {o->svg_dir, 0, &fe};
	int rc = vp_rtable_build(&t, doc, o, e);
	if (!rc) {
		int bad;
		switch (o->format) {
		case VP_REPORT_CSV: bad = render_csv(out, &t, o); break;
		case VP_REPORT_MARKDOWN: bad = render_md(out, &t, o); break;
		case VP_REPORT_XLSX: bad = 0; rc = render_xlsx_levels(&t, doc, o, e); break;
		default: bad = render_html(out, &t, o, &k); break;
		}
		/* --svg with a format other than html: the charts all the same */
		if (!bad && !rc && o->svg_dir && o->format != VP_REPORT_HTML) {
			vp_buf page = VP_BUF_INIT;
			bad = render_html(&page, &t, o, &k);
			vp_buf_free(&page);
		}
		if (bad) {
			rc = finish(bad, &k, e);
			if (fe.code)
				*e = fe;
		}
	}
	vp_rtable_free(&t);
	return rc;
}

int vp_report_compare(vp_buf *out, const json_t *before, const json_t *after,
                      const vp_report_opts *o, vp_err *e)
{
	struct rtable bt, at;
	vp_err fe;
	vp_err_clear(&fe);
	struct sink k = {o->svg_dir, 0, &fe};
	vp_report_opts bo = *o;
	bo.top = 0; /* every theme of BEFORE, whatever AFTER's top are */
	/* one denominator for both periods: --per, else AFTER's own (the report
	 * is AFTER's), not each document's -- a share of respondents less one of
	 * answers is no change */
	if (o->per == VP_REPORT_PER_DOC) {
		const char *per = json_string_value(json_object_get(after, "per"));
		bo.per = per && strcmp(per, "respondent") == 0 ? VP_REPORT_PER_RESPONDENT
		                                               : VP_REPORT_PER_ANSWER;
	}
	/* rows for the themes of either period (0 where one has none), so
	 * that --theme may name a theme only one of them has */
	bo.more_themes = json_object_get(json_object_get(after, "total"), "themes");
	int rc = vp_rtable_build(&bt, before, &bo, e);
	if (rc) {
		vp_rtable_free(&bt);
		return rc;
	}
	vp_report_opts ao = *o;
	ao.per = bo.per;
	ao.more_themes = json_object_get(json_object_get(before, "total"), "themes");
	rc = vp_rtable_build(&at, after, &ao, e);
	/* respondents asked for and one period has none: both of answers */
	if (!rc && bt.per_resp != at.per_resp) {
		int b_had = bt.per_resp;
		vp_rtable_free(b_had ? &bt : &at);
		bo.per = ao.per = VP_REPORT_PER_ANSWER;
		rc = b_had ? vp_rtable_build(&bt, before, &bo, e) : vp_rtable_build(&at, after, &ao, e);
		at.fell_back = b_had ? VP_RFELL_BEFORE : VP_RFELL_THIS;
	}
	memcpy(at.lexicon_before, bt.lexicon, sizeof at.lexicon_before); /* for the notes */
	at.rejected_before = bt.rejected;
	at.again_before = bt.again;
	if (!rc && strcmp(bt.what, at.what) != 0)
		rc = vp_errf(e, EX_DATAERR, "BEFORE's columns are by %s, AFTER's by %s: count both "
		             "the same way (or give --level)", bt.what, at.what);
	struct rcmp *cmp = NULL;
	size_t ncells = at.nrows * at.ncols;
	if (!rc && !(cmp = calloc(ncells ? ncells : 1, sizeof *cmp)))
		rc = vp_oom(e);
	if (!rc)
		rc = build_cmp(cmp, &bt, &at, o, e);
	if (!rc) {
		int bad;
		switch (o->format) {
		case VP_REPORT_CSV: bad = render_cmp_csv(out, &at, cmp, o); break;
		case VP_REPORT_MARKDOWN: bad = render_cmp_md(out, &at, cmp, o); break;
		case VP_REPORT_XLSX: bad = 0; rc = vp_report_xlsx(&at, cmp, o, e); break;
		default: bad = render_cmp_html(out, &at, cmp, o, &k); break;
		}
		if (!bad && !rc && o->svg_dir && o->format != VP_REPORT_HTML) {
			vp_buf page = VP_BUF_INIT;
			bad = render_cmp_html(&page, &at, cmp, o, &k);
			vp_buf_free(&page);
		}
		if (bad) {
			rc = finish(bad, &k, e);
			if (fe.code)
				*e = fe;
		}
	}
	free(cmp);
	vp_rtable_free(&bt);
	vp_rtable_free(&at);
	return rc;
}
