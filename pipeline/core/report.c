/* report.c - see include/voxpop/report.h */
#include <stdlib.h>
#include <string.h>

#include "voxpop/count_doc.h"
#include "voxpop/report.h"

struct col {
	char *label;
	const json_t *group;  /* {"records", "themes", ...} */
};

struct row {
	const char *theme;    /* borrowed from the document */
	double share;         /* total share */
	size_t depth;         /* number of '/' */
	double *pshare;       /* total share of each prefix, depth + 1 of them */
};

struct table {
	struct col *cols;     /* groups, then Total */
	size_t ncols;
	struct row *rows;
	size_t nrows;
	int quotes;           /* the document carries quotes */
	const char *what;     /* "locality", "place", "system" or the --by field */
	json_t *owned;        /* the document re-counted at another level */
	unsigned long records;
	int per_resp;         /* the document says "per": "respondent" (vp-count --per) */
};

int vp_report_format_parse(const char *s)
{
	if (strcmp(s, "csv") == 0)
		return VP_REPORT_CSV;
	if (strcmp(s, "markdown") == 0 || strcmp(s, "md") == 0)
		return VP_REPORT_MARKDOWN;
	if (strcmp(s, "html") == 0)
		return VP_REPORT_HTML;
	return -1;
}

static void table_free(struct table *t)
{
	for (size_t i = 0; i < t->ncols; i++)
		free(t->cols[i].label);
	free(t->cols);
	for (size_t i = 0; i < t->nrows; i++)
		free(t->rows[i].pshare);
	free(t->rows);
	json_decref(t->owned);
}

/* Records, or with --per respondent respondents (where the document has
 * them; else each record is its own respondent). */
static unsigned long count_of(const struct table *t, const json_t *o)
{
	const json_t *v = t->per_resp ? json_object_get(o, "respondents") : NULL;
	if (!v)
		v = json_object_get(o, "records");
	json_int_t n = json_integer_value(v);
	return n > 0 ? (unsigned long)n : 0;
}

/* What the counts count, for labels. */
static const char *unit(const struct table *t)
{
	return t->per_resp ? "respondents" : "records";
}

static const json_t *theme_of(const json_t *group, const char *theme)
{
	return json_object_get(json_object_get(group, "themes"), theme);
}

static double share_of(const struct table *t, const json_t *group, const char *theme)
{
	const json_t *te = theme_of(group, theme);
	const json_t *v = t->per_resp ? json_object_get(te, "respondent_share") : NULL;
	return json_number_value(v ? v : json_object_get(te, "share"));
}

/* ---- columns --------------------------------------------------------- */

static int add_col(struct table *t, size_t *alloc, const char *label, const json_t *g)
{
	if (t->ncols == *alloc) {
		size_t n = *alloc ? *alloc * 2 : 16;
		struct col *p = realloc(t->cols, n * sizeof *p);
		if (!p)
			return -1;
		t->cols = p;
		*alloc = n;
	}
	char *copy = strdup(label);
	if (!copy)
		return -1;
	t->cols[t->ncols++] = (struct col){copy, g};
	return 0;
}

static int is_unassigned(const char *label)
{
	return strncmp(label, VP_UNASSIGNED, strlen(VP_UNASSIGNED)) == 0;
}

static int col_cmp(const void *a, const void *b)
{
	const struct col *x = a, *y = b;
	int ux = is_unassigned(x->label), uy = is_unassigned(y->label);
	if (ux != uy)
		return ux - uy;
	return strcmp(x->label, y->label);
}

static int build_cols(struct table *t, const json_t *doc, const vp_count_opts *dop,
                      const vp_report_opts *o, vp_err *e)
{
	size_t alloc = 0;
	t->what = dop->by ? dop->by : vp_level_name(dop->level);
	if (o->level >= 0 && (dop->by || o->level != dop->level)) {
		/* the document as if counted at that level */
		if (!(t->owned = vp_count_relevel(doc, o->level, e)))
			return e->code;
		doc = t->owned;
		t->what = vp_level_name(o->level);
	}
	const json_t *groups = json_object_get(doc, dop->by ? "groups" : "localities");
	const char *name;
	const json_t *g;
	json_object_foreach((json_t *)groups, name, g)
		if (add_col(t, &alloc, name, g))
			return vp_oom(e);
	for (size_t i = 0; i < t->ncols; i++)
		if (!json_is_object(json_object_get(t->cols[i].group, "themes")))
			return vp_errf(e, EX_DATAERR, "group \"%s\" has no themes", t->cols[i].label);
	if (t->ncols > 1) /* qsort wants a non-NULL array, even of 0 */
		qsort(t->cols, t->ncols, sizeof *t->cols, col_cmp);
	if (add_col(t, &alloc, "Total", json_object_get(doc, "total")))
		return vp_oom(e);
	return 0;
}

/* ---- rows ------------------------------------------------------------ */

static int in_branch(const char *theme, const char *branch, size_t blen)
{
	return strncmp(theme, branch, blen) == 0 && (theme[blen] == '\0' || theme[blen] == '/');
}

static int by_share(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	if (x->share != y->share)
		return x->share > y->share ? -1 : 1;
	return strcmp(x->theme, y->theme);
}

/* Length of the first k+1 segments of s. */
static size_t prefix_len(const char *s, size_t k)
{
	size_t i = 0;
	for (;; i++) {
		if (s[i] == '\0')
			return i;
		if (s[i] == '/' && k-- == 0)
			return i;
	}
}

/* Parents before children; siblings by total share, then name. */
static int tree_order(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	for (size_t k = 0;; k++) {
		/* equal so far: the one that ends here is the parent, it goes first */
		if (k > x->depth || k > y->depth)
			return (k > y->depth) - (k > x->depth);
		if (x->pshare[k] != y->pshare[k])
			return x->pshare[k] > y->pshare[k] ? -1 : 1;
		size_t lx = prefix_len(x->theme, k), ly = prefix_len(y->theme, k);
		size_t l = lx < ly ? lx : ly;
		int r = memcmp(x->theme, y->theme, l);
		if (r || lx != ly)
			return r ? r : (lx < ly ? -1 : 1);
	}
}

static int build_rows(struct table *t, const vp_report_opts *o, vp_err *e)
{
	const json_t *total = t->cols[t->ncols - 1].group;
	const json_t *themes = json_object_get(total, "themes");
	size_t n = json_object_size(themes);
	t->rows = calloc(n ? n : 1, sizeof *t->rows);
	if (!t->rows)
		return vp_oom(e);
	char branch[256] = "";
	size_t blen = 0;
	if (o->theme) {
		snprintf(branch, sizeof branch, "%s", o->theme);
		blen = strlen(branch);
		if (blen >= 2 && strcmp(branch + blen - 2, "/*") == 0)
			branch[blen -= 2] = '\0';
		while (blen && branch[blen - 1] == '/')
			branch[--blen] = '\0';
	}
	const char *name;
	const json_t *te;
	json_object_foreach((json_t *)themes, name, te) {
		if (blen && !in_branch(name, branch, blen))
			continue;
		struct row *r = &t->rows[t->nrows++];
		r->theme = name;
		r->share = share_of(t, total, name);
		for (const char *p = name; *p; p++)
			r->depth += *p == '/';
		if (json_is_array(json_object_get(te, "quotes")))
			t->quotes = 1;
	}
	if (o->top && o->top < t->nrows) {
		qsort(t->rows, t->nrows, sizeof *t->rows, by_share);
		t->nrows = o->top;
	}
	for (size_t i = 0; i < t->nrows; i++) {
		struct row *r = &t->rows[i];
		r->pshare = calloc(r->depth + 1, sizeof *r->pshare);
		if (!r->pshare)
			return vp_oom(e);
		for (size_t k = 0; k <= r->depth; k++) {
			char pre[512];
			size_t l = prefix_len(r->theme, k);
			snprintf(pre, sizeof pre, "%.*s", (int)l, r->theme);
			r->pshare[k] = share_of(t, total, pre);
		}
	}
	if (t->nrows > 1)
		qsort(t->rows, t->nrows, sizeof *t->rows, tree_order);
	return 0;
}

/* ---- output helpers -------------------------------------------------- */

static int put_html(vp_buf *b, const char *s)
{
	for (; *s; s++) {
		const char *rep = NULL;
		switch (*s) {
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
	if (!defuse && !strpbrk(s, ",\"\r\n"))
		return vp_buf_puts(b, s);
	if (vp_buf_putc(b, '"') || (defuse && vp_buf_putc(b, '\'')))
		return -1;
	for (; *s; s++)
		if ((*s == '"' && vp_buf_putc(b, '"')) || vp_buf_putc(b, *s))
			return -1;
	return vp_buf_putc(b, '"');
}

static int put_md(vp_buf *b, const char *s)
{
	for (; *s; s++) {
		int rc = 0;
		/* table cells, emphasis, code, and link, image and HTML syntax:
		 * [x](javascript:...) and <https://...> are shown, never linked */
		if (strchr("|\\*_`[]()<>", *s))
			rc = vp_buf_putc(b, '\\');
		if (rc || vp_buf_putc(b, *s == '\n' || *s == '\r' ? ' ' : *s))
			return -1;
	}
	return 0;
}

static unsigned long cell_count(const struct table *t, const struct col *c, const char *theme)
{
	return count_of(t, theme_of(c->group, theme));
}

static double cell_share(const struct table *t, const struct col *c, const char *theme)
{
	return share_of(t, c->group, theme);
}

/* ---- csv ------------------------------------------------------------- */

static int render_csv(vp_buf *b, const struct table *t, const vp_report_opts *o)
{
	const char *eol = o->excel ? "\r\n" : "\n";
	int rc = 0;
	if (o->excel)
		rc |= vp_buf_puts(b, "\xEF\xBB\xBF");
	rc |= vp_buf_puts(b, "theme");
	for (size_t i = 0; i < t->ncols; i++) {
		char h[600];
		snprintf(h, sizeof h, "%s %s", t->cols[i].label, unit(t));
		rc |= vp_buf_putc(b, ',') | put_csv(b, h);
		snprintf(h, sizeof h, "%s share", t->cols[i].label);
		rc |= vp_buf_putc(b, ',') | put_csv(b, h);
	}
	rc |= vp_buf_puts(b, eol);
	rc |= vp_buf_printf(b, "(all %s)", unit(t));
	for (size_t i = 0; i < t->ncols; i++)
		rc |= vp_buf_printf(b, ",%lu,", count_of(t, t->cols[i].group));
	rc |= vp_buf_puts(b, eol);
	for (size_t r = 0; r < t->nrows; r++) {
		rc |= put_csv(b, t->rows[r].theme);
		for (size_t i = 0; i < t->ncols; i++)
			rc |= vp_buf_printf(b, ",%lu,%.4f", cell_count(t, &t->cols[i], t->rows[r].theme),
			                    cell_share(t, &t->cols[i], t->rows[r].theme));
		rc |= vp_buf_puts(b, eol);
	}
	return rc ? -1 : 0;
}

/* ---- markdown -------------------------------------------------------- */

static int render_md(vp_buf *b, const struct table *t, const vp_report_opts *o)
{
	int rc = vp_buf_puts(b, "## ") | put_md(b, o->title ? o->title : "Themes") |
	         vp_buf_puts(b, "\n\n| Theme |");
	for (size_t i = 0; i < t->ncols; i++)
		rc |= vp_buf_putc(b, ' ') | put_md(b, t->cols[i].label) | vp_buf_puts(b, " |");
	rc |= vp_buf_puts(b, "\n|---|");
	for (size_t i = 0; i < t->ncols; i++)
		rc |= vp_buf_puts(b, "---:|");
	rc |= vp_buf_printf(b, "\n| All %s |", unit(t));
	for (size_t i = 0; i < t->ncols; i++)
		rc |= vp_buf_printf(b, " %lu |", count_of(t, t->cols[i].group));
	rc |= vp_buf_putc(b, '\n');
	for (size_t r = 0; r < t->nrows; r++) {
		const char *theme = t->rows[r].theme;
		rc |= vp_buf_puts(b, "| ");
		for (size_t d = 0; d < t->rows[r].depth; d++)
			rc |= vp_buf_puts(b, "\xE2\x80\x83"); /* em space: shows the nesting */
		rc |= put_md(b, theme) | vp_buf_puts(b, " |");
		for (size_t i = 0; i < t->ncols; i++)
			rc |= vp_buf_printf(b, " %lu (%.1f%%) |", cell_count(t, &t->cols[i], theme),
			                    100.0 * cell_share(t, &t->cols[i], theme));
		rc |= vp_buf_putc(b, '\n');
	}
	if (t->per_resp)
		rc |= vp_buf_printf(b, "\nCounts are respondents who raised each theme in any of "
		                    "their answers (%% of the column's respondents); one respondent "
		                    "can raise several themes. Columns: %s.\n", t->what);
	else
		rc |= vp_buf_printf(b, "\nCounts are comments mentioning each theme (%% of the "
		                    "column's comments); one comment can mention several themes. "
		                    "Columns: %s.\n", t->what);
	return rc ? -1 : 0;
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
	"th,td{border:1px solid #ccc;padding:.3em .6em}\n"
	"td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	"tr.child td:first-child{padding-left:1.8em}\n"
	".charts{display:flex;flex-wrap:wrap;gap:1.5em}\n"
	".chart h3{margin:.2em 0;font-size:1em}\n"
	"blockquote{margin:.4em 0 .4em 1em;padding-left:.8em;border-left:3px solid #1f77b4}\n"
	"blockquote cite{display:block;font-size:.8em;color:#666}\n"
	"</style>\n</head>\n<body>\n<h1>";

enum { BAR_LABEL = 230, BAR_WIDTH = 260, BAR_VALUE = 90, BAR_ROW = 22 };

static int render_chart(vp_buf *b, const struct table *t, const struct col *c, double scale)
{
	int w = BAR_LABEL + BAR_WIDTH + BAR_VALUE, h = (int)t->nrows * BAR_ROW + 10;
	int rc = vp_buf_puts(b, "<div class=\"chart\"><h3>") | put_html(b, c->label) |
	         vp_buf_printf(b, " <small>(%lu %s)</small></h3>\n", count_of(t, c->group),
	                       unit(t)) |
	         vp_buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	                       "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
	                       w, h, w, h) |
	         put_html(b, c->label) |
	         vp_buf_puts(b, t->per_resp ? ": share of respondents by theme\">\n"
	                                    : ": share of comments by theme\">\n");
	for (size_t r = 0; r < t->nrows; r++) {
		const struct row *row = &t->rows[r];
		double s = cell_share(t, c, row->theme);
		double bw = scale > 0 ? s / scale * BAR_WIDTH : 0;
		int y = (int)r * BAR_ROW + 5;
		rc |= vp_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\" "
		                    "fill=\"#222\">", BAR_LABEL - 6, y + 15);
		rc |= put_html(b, row->theme) | vp_buf_puts(b, "</text>");
		rc |= vp_buf_printf(b, "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" "
		                    "height=\"%d\" fill=\"%s\"/>", BAR_LABEL, y + 3, bw,
		                    BAR_ROW - 6, row->depth ? "#9ecae1" : "#1f77b4");
		rc |= vp_buf_printf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" fill=\"#222\">"
		                    "%.1f%%</text>\n", BAR_LABEL + bw + 4, y + 15, 100.0 * s);
	}
	rc |= vp_buf_puts(b, "</svg></div>\n");
	return rc ? -1 : 0;
}

static int render_html(vp_buf *b, const struct table *t, const vp_report_opts *o)
{
	const char *title = o->title ? o->title : "Theme counts";
	int rc = vp_buf_puts(b, html_head) | put_html(b, title) | vp_buf_puts(b, html_style) |
	         put_html(b, title) | vp_buf_puts(b, "</h1>\n");
	if (t->per_resp)
		rc |= vp_buf_printf(b, "<p>%lu respondents. Each cell: respondents who raised the "
		                    "theme in any of their answers and their share of the column's "
		                    "respondents; one respondent can raise several themes. "
		                    "Columns: ", t->records);
	else
		rc |= vp_buf_printf(b, "<p>%lu comments. Each cell: comments mentioning the theme "
		                    "and their share of the column's comments; one comment can "
		                    "mention several themes. Columns: ", t->records);
	rc |= put_html(b, t->what) | vp_buf_puts(b, ".</p>\n");

	rc |= vp_buf_puts(b, "<h2>Counts</h2>\n<table id=\"counts\">\n<thead><tr><th>Theme</th>");
	for (size_t i = 0; i < t->ncols; i++)
		rc |= vp_buf_puts(b, "<th>") | put_html(b, t->cols[i].label) | vp_buf_puts(b, "</th>");
	rc |= vp_buf_printf(b, "</tr></thead>\n<tbody>\n<tr><td>All %s</td>", unit(t));
	for (size_t i = 0; i < t->ncols; i++)
		rc |= vp_buf_printf(b, "<td class=\"n\">%lu</td>", count_of(t, t->cols[i].group));
	rc |= vp_buf_puts(b, "</tr>\n");
	double scale = 0;
	for (size_t r = 0; r < t->nrows; r++) {
		const char *theme = t->rows[r].theme;
		rc |= vp_buf_puts(b, t->rows[r].depth ? "<tr class=\"child\"><td>" : "<tr><td>") |
		      put_html(b, theme) | vp_buf_puts(b, "</td>");
		for (size_t i = 0; i < t->ncols; i++) {
			double s = cell_share(t, &t->cols[i], theme);
			if (s > scale)
				scale = s;
			rc |= vp_buf_printf(b, "<td class=\"n\">%lu (%.1f%%)</td>",
			                    cell_count(t, &t->cols[i], theme), 100.0 * s);
		}
		rc |= vp_buf_puts(b, "</tr>\n");
	}
	rc |= vp_buf_puts(b, "</tbody>\n</table>\n");

	/* one scale for every chart, so bars compare across columns */
	rc |= vp_buf_printf(b, "<h2>Share of %s by theme</h2>\n<div class=\"charts\">\n",
	                    t->per_resp ? "respondents" : "comments");
	for (size_t i = 0; i < t->ncols; i++)
		rc |= render_chart(b, t, &t->cols[i], scale);
	rc |= vp_buf_puts(b, "</div>\n");

	if (t->quotes) {
		rc |= vp_buf_puts(b, "<h2>What people said</h2>\n");
		for (size_t r = 0; r < t->nrows; r++) {
			const char *theme = t->rows[r].theme;
			rc |= vp_buf_puts(b, "<h3>") | put_html(b, theme) | vp_buf_puts(b, "</h3>\n");
			int any = 0;
			for (size_t i = 0; i + 1 < t->ncols; i++) {
				const json_t *qs = json_object_get(theme_of(t->cols[i].group, theme),
				                                   "quotes");
				if (!json_array_size(qs))
					continue;
				any = 1;
				rc |= vp_buf_puts(b, "<h4>") | put_html(b, t->cols[i].label) |
				      vp_buf_puts(b, "</h4>\n");
				size_t k;
				const json_t *q;
				json_array_foreach(qs, k, q) {
					const char *text = json_string_value(json_object_get(q, "text"));
					const char *id = json_string_value(json_object_get(q, "id"));
					rc |= vp_buf_puts(b, "<blockquote>") | put_html(b, text ? text : "") |
					      vp_buf_puts(b, "<cite>") | put_html(b, id ? id : "") |
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

int vp_report_render(vp_buf *out, const json_t *doc, const vp_report_opts *o, vp_err *e)
{
	vp_count_opts dop;
	char by[256];
	int rc = vp_count_doc_opts(doc, &dop, by, sizeof by, e);
	if (rc)
		return rc;
	struct table t = {0};
	t.per_resp = dop.per == VP_PER_RESPONDENT;
	t.records = count_of(&t, doc);
	if (!(rc = build_cols(&t, doc, &dop, o, e)) && !(rc = build_rows(&t, o, e))) {
		int bad;
		switch (o->format) {
		case VP_REPORT_CSV:
			bad = render_csv(out, &t, o);
			break;
		case VP_REPORT_MARKDOWN:
			bad = render_md(out, &t, o);
			break;
		default:
			bad = render_html(out, &t, o);
			break;
		}
		if (bad)
			rc = vp_oom(e);
	}
	table_free(&t);
	return rc;
}
