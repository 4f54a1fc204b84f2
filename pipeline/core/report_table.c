/* report_table.c - vp-report's table model: see report_table.h */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/count_doc.h"
#include "voxpop/redact.h"
#include "voxpop/stats.h"
#include "report_table.h"

void vp_rtable_free(struct rtable *t)
{
	for (size_t i = 0; i < t->ncols; i++)
		free(t->cols[i].label);
	free(t->cols);
	for (size_t i = 0; i < t->nrows; i++)
		free(t->rows[i].pshare);
	free(t->rows);
	free(t->cells);
	free(t->sent);
	free(t->extra);
	json_decref(t->owned);
	memset(t, 0, sizeof *t);
}

static unsigned long uint_of(const json_t *o, const char *key)
{
	json_int_t v = json_integer_value(json_object_get(o, key));
	return v > 0 ? (unsigned long)v : 0;
}

/* The records counted for themes: with vp-count --dedup a campaign's
 * copies are in "records" but in no theme count, and shares are of
 * records - duplicates (as vp-count writes them). */
static unsigned long count_of(const json_t *o)
{
	unsigned long r = uint_of(o, "records"), d = uint_of(o, "duplicates");
	return d < r ? r - d : 0;
}

/* A theme's count in a column: respondents or answers, as the table's
 * denominator is. */
static unsigned long theme_count(const struct rtable *t, const json_t *te)
{
	return t->per_resp ? uint_of(te, "respondents") : count_of(te);
}

/* A theme's share of the Total column as the table shows it (of its
 * denominator, from the counts): the rows' order.  Not the document's
 * "share", which is of answers whatever --per says, and is only a
 * rounding of the counts (or a hand-edited figure). */
static double total_share(const struct rtable *t, const char *theme)
{
	const struct rcol *T = &t->cols[t->ncols - 1];
	unsigned long k = theme_count(t, theme_of(T->group, theme));
	return T->n ? (double)(k > T->n ? T->n : k) / (double)T->n : 0;
}

/* ---- columns --------------------------------------------------------- */

static int add_col(struct rtable *t, size_t *alloc, const char *label, const json_t *g,
                   const vp_report_opts *o)
{
	if (t->ncols == *alloc) {
		size_t n = *alloc ? *alloc * 2 : 16;
		struct rcol *p = realloc(t->cols, n * sizeof *p);
		if (!p)
			return -1;
		t->cols = p;
		*alloc = n;
	}
	/* a group name is published: masked as vp-count masks it (a document
	 * made another way may hold "Mrs Jane Smith" or an e-mail there) */
	vp_buf m = VP_BUF_INIT;
	if (vp_redact_with(o->given_names, label, strlen(label), &m) != 0 || vp_buf_putc(&m, 0) != 0) {
		vp_buf_free(&m);
		return -1;
	}
	t->cols[t->ncols++] = (struct rcol){m.data, g, 0, NULL};
	return 0;
}

static int is_unassigned(const char *label)
{
	return strncmp(label, VP_UNASSIGNED, strlen(VP_UNASSIGNED)) == 0;
}

static int col_cmp(const void *a, const void *b)
{
	const struct rcol *x = a, *y = b;
	int ux = is_unassigned(x->label), uy = is_unassigned(y->label);
	if (ux != uy)
		return ux - uy;
	return strcmp(x->label, y->label);
}

static int build_cols(struct rtable *t, const json_t *doc, const vp_count_opts *dop,
                      const vp_report_opts *o, vp_err *e)
{
	size_t alloc = 0;
	t->what = dop->by ? dop->by : vp_level_name(dop->level);
	t->level = dop->by ? -1 : o->level >= 0 ? o->level : dop->level;
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
	json_object_foreach((json_t *)groups, name, g) {
		if (add_col(t, &alloc, name, g, o))
			return vp_oom(e);
		t->cols[t->ncols - 1].key = name;
	}
	for (size_t i = 0; i < t->ncols; i++)
		if (!json_is_object(json_object_get(t->cols[i].group, "themes")))
			return vp_errf(e, EX_DATAERR, "group \"%s\" has no themes", t->cols[i].label);
	if (t->ncols > 1) /* qsort wants a non-NULL array, even of 0 */
		qsort(t->cols, t->ncols, sizeof *t->cols, col_cmp);
	size_t nmonth = 0, nother = 0;
	for (size_t i = 0; i < t->ncols; i++) {
		if (is_month(t->cols[i].label))
			nmonth++;
		else if (!is_unassigned(t->cols[i].label))
			nother++;
	}
	t->months = nmonth >= 2 && nother == 0;
	if (add_col(t, &alloc, "Total", json_object_get(doc, "total"), o))
		return vp_oom(e);
	/* respondents when asked for and every column has them; else answers,
	 * and the notes say so */
	t->per_resp = o->per == VP_REPORT_PER_RESPONDENT ||
	              (o->per == VP_REPORT_PER_DOC && dop->per == VP_PER_RESPONDENT);
	for (size_t i = 0; t->per_resp && i < t->ncols; i++)
		if (!json_is_integer(json_object_get(t->cols[i].group, "respondents")))
			t->per_resp = 0, t->fell_back = VP_RFELL_THIS;
	t->denom = t->per_resp ? "respondents" : "answers";
	for (size_t i = 0; i < t->ncols; i++) {
		const json_t *g = t->cols[i].group;
		t->cols[i].n = t->per_resp ? uint_of(g, "respondents") : count_of(g);
	}
	(void)e;
	return 0;
}
/* ---- rows ------------------------------------------------------------ */

static int in_branch(const char *theme, const char *branch, size_t blen)
{
	return strncmp(theme, branch, blen) == 0 && (theme[blen] == '\0' || theme[blen] == '/');
}

static int by_share(const void *a, const void *b)
{
	const struct rrow *x = a, *y = b;
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
	const struct rrow *x = a, *y = b;
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

/* The readable name: the document's "labels" (a string, or {"label",
 * "describe"}), else the lexicon's, else the theme itself. */
static void label_for(struct rrow *r, const json_t *doclabels, const json_t *lexlabels)
{
	r->label = r->theme;
	r->describe = NULL;
	const json_t *srcs[2] = {lexlabels, doclabels}; /* later wins */
	for (int i = 0; i < 2; i++) {
		const json_t *v = json_object_get(srcs[i], r->theme);
		const char *l = json_is_string(v) ? json_string_value(v)
		                                  : json_string_value(json_object_get(v, "label"));
		const char *d = json_string_value(json_object_get(v, "describe"));
		if (l && *l)
			r->label = l;
		if (d && *d)
			r->describe = d;
	}
}

/* Does a theme of labels ({"theme": {...}}: the document's or the
 * lexicon's, which lists every theme it has) lie in the branch? */
static int branch_known(const json_t *labels, const char *branch, size_t blen)
{
	const char *name;
	const json_t *v;
	json_object_foreach((json_t *)labels, name, v)
		if (in_branch(name, branch, blen))
			return 1;
	return 0;
}

/* --theme named nothing the document or the lexicon has: most likely a
 * typo, which would otherwise be a table of no themes. */
static int no_such_theme(const json_t *themes, const char *want, vp_err *e)
{
	char list[512] = "";
	size_t n = 0;
	const char *name;
	const json_t *v;
	json_object_foreach((json_t *)themes, name, v) {
		if (strchr(name, '/'))
			continue;
		int w = snprintf(list + n, sizeof list - n, "%s%s", n ? ", " : "", name);
		if (w < 0 || (size_t)w >= sizeof list - n) {
			snprintf(list + n, sizeof list - n, n ? ", ..." : "...");
			break;
		}
		n += (size_t)w;
	}
	return vp_errf(e, EX_USAGE, "--theme '%s' is no theme of the document or the lexicon (%s%s)",
	               want, *list ? "the document's: " : "the document has no themes", list);
}

static void add_row(struct rtable *t, const char *name, const json_t *doclabels,
                    const vp_report_opts *o)
{
	struct rrow *r = &t->rows[t->nrows++];
	r->theme = name;
	label_for(r, doclabels, o->labels);
	r->share = total_share(t, name);
	for (const char *p = name; *p; p++)
		r->depth += *p == '/';
}

static int build_rows(struct rtable *t, const json_t *doclabels, const vp_report_opts *o,
                      vp_err *e)
{
	const json_t *total = t->cols[t->ncols - 1].group;
	const json_t *themes = json_object_get(total, "themes");
	size_t n = json_object_size(themes) + json_object_size(o->more_themes);
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
		add_row(t, name, doclabels, o);
		if (json_is_array(json_object_get(te, "quotes")))
			t->quotes = 1;
	}
	/* --compare: a theme BEFORE had and AFTER has not is a change, 0 now */
	json_object_foreach((json_t *)o->more_themes, name, te) {
		if ((blen && !in_branch(name, branch, blen)) || json_object_get(themes, name))
			continue;
		add_row(t, name, doclabels, o);
	}
	if (blen && !t->nrows && !branch_known(doclabels, branch, blen) &&
	    !branch_known(o->labels, branch, blen))
		return no_such_theme(themes, o->theme, e);
	if (o->top && o->top < t->nrows) {
		qsort(t->rows, t->nrows, sizeof *t->rows, by_share);
		t->nrows = o->top;
	}
	for (size_t i = 0; i < t->nrows; i++) {
		struct rrow *r = &t->rows[i];
		r->pshare = calloc(r->depth + 1, sizeof *r->pshare);
		if (!r->pshare)
			return vp_oom(e);
		for (size_t k = 0; k <= r->depth; k++) {
			char *pre = strndup(r->theme, prefix_len(r->theme, k));
			if (!pre)
				return vp_oom(e);
			r->pshare[k] = total_share(t, pre);
			free(pre);
		}
	}
	if (t->nrows > 1)
		qsort(t->rows, t->nrows, sizeof *t->rows, tree_order);
	return 0;
}


/* ---- cells and statistics -------------------------------------------- */


/* A cell of k of n: its share and Wilson interval (k above n, a malformed
 * document, is cut to n: never a share above 1).  Of n = 0 there is no
 * share (shown empty, never 0%) and no interval: share, lo and hi are 0,
 * so that no chart scale takes Wilson's 0-1 of nothing.  Returns k as kept. */
static unsigned long cell_set(struct rcell *x, unsigned long k, unsigned long n)
{
	x->k = k > n ? n : k;
	x->n = n;
	x->share = n ? (double)x->k / (double)n : 0;
	if (n)
		vp_wilson(x->k, n, VP_Z95, &x->lo, &x->hi);
	else
		x->lo = x->hi = 0;
	x->padj = 1;
	return x->k;
}
static int build_cells(struct rtable *t, const vp_report_opts *o, vp_err *e)
{
	size_t n = t->nrows * t->ncols;
	t->cells = calloc(n ? n : 1, sizeof *t->cells);
	unsigned long *v = calloc(t->ncols, sizeof *v);
	unsigned char *sup = calloc(t->ncols, 1);
	double *p = calloc(t->nrows ? t->nrows : 1, sizeof *p);
	int rc = 0;
	if (!t->cells || !v || !sup || !p) {
		rc = vp_oom(e);
		goto out;
	}
	size_t ng = t->ncols - 1, tot = t->ncols - 1;
	for (size_t r = 0; r < t->nrows; r++) {
		const char *theme = t->rows[r].theme;
		for (size_t c = 0; c < t->ncols; c++) {
			struct rcell *x = rt_cell(t, r, c);
			const json_t *te = theme_of(t->cols[c].group, theme);
			v[c] = cell_set(x, theme_count(t, te), t->cols[c].n);
		}
		int tsup;
		vp_suppress_row(v, ng, v[tot], o->suppress, sup, &tsup);
		for (size_t c = 0; c < ng; c++)
			rt_cell(t, r, c)->sup = sup[c];
		rt_cell(t, r, tot)->sup = tsup;
	}
	/* each group against the rest of the area, Holm across its themes */
	const struct rcol *T = &t->cols[tot];
	for (size_t c = 0; c < ng && ng > 1; c++) {
		for (size_t r = 0; r < t->nrows; r++) {
			const struct rcell *x = rt_cell(t, r, c), *all = rt_cell(t, r, tot);
			unsigned long rk = all->k >= x->k ? all->k - x->k : 0;
			unsigned long rn = T->n >= x->n ? T->n - x->n : 0;
			p[r] = vp_two_prop_p(x->k, x->n, rk, rn, NULL);
		}
		if (vp_holm(p, t->nrows, p)) {
			rc = vp_oom(e);
			goto out;
		}
		for (size_t r = 0; r < t->nrows; r++) {
			struct rcell *x = rt_cell(t, r, c), *all = rt_cell(t, r, tot);
			unsigned long rk = all->k >= x->k ? all->k - x->k : 0;
			unsigned long rn = T->n >= x->n ? T->n - x->n : 0;
			x->padj = p[r];
			if (p[r] < 0.05 && !x->sup && x->n && rn)
				x->dir = x->share > (double)rk / (double)rn ? 1 : -1;
		}
	}
out:
	free(v);
	free(sup);
	free(p);
	return rc;
}

/* ---- sentiment and records not tagged -------------------------------- */

const char *const vp_rsent_key[RSENT_N] = {"positive", "negative", "neutral", "mixed"};
const char *const vp_rextra_slug[REXTRA_N] = {"(untagged)", "(not tagged: language)"};
const char *const vp_rextra_label[REXTRA_N] = {"Untagged: no theme",
                                               "Not tagged: other language"};

/* Suppress v[i] below min, keeping what sup already holds; when their sum
 * is shown (total_shown), guard the hidden ones (vp_suppress_guard).
 * Returns whether anything changed. */
static int sup_fix(const unsigned long *v, unsigned char *sup, size_t n, int total_shown,
                   unsigned long min)
{
	int ch = 0;
	for (size_t i = 0; i < n; i++)
		if (min && v[i] < min && !sup[i])
			sup[i] = VP_SUP_SMALL, ch = 1;
	if (total_shown && vp_suppress_guard(v, sup, n, min) > 0)
		ch = 1;
	return ch;
}

static int build_extra(struct rtable *t, const vp_report_opts *o, vp_err *e)
{
	size_t nc = t->ncols, ng = nc - 1;
	for (size_t c = 0; c < nc; c++) {
		const json_t *g = t->cols[c].group;
		if (json_is_object(json_object_get(g, "not_tagged")))
			t->not_tagged = 1;
		for (size_t r = 0; r < t->nrows; r++) {
			const json_t *te = theme_of(g, t->rows[r].theme);
			if (json_is_object(json_object_get(te, "sentiment")))
				t->sentiment = 1;
			if (json_is_array(json_object_get(te, "quotes_positive")) ||
			    json_is_array(json_object_get(te, "quotes_negative")))
				t->polarity = 1;
		}
	}
	unsigned long *v = calloc(nc, sizeof *v);
	unsigned char *sup = calloc(nc, 1);
	int rc = 0;
	if (!v || !sup) {
		rc = vp_oom(e);
		goto out;
	}
	/* records = tagged + untagged + not tagged: the untagged are shown
	 * whenever there are any, not only beside records not tagged */
	t->nextra = t->not_tagged ? REXTRA_N
	            : uint_of(t->cols[ng].group, "untagged") ? 1 : 0;
	if (t->nextra) {
		if (!(t->extra = calloc(REXTRA_N * nc, sizeof *t->extra))) {
			rc = vp_oom(e);
			goto out;
		}
		for (size_t x = 0; x < REXTRA_N; x++) {
			for (size_t c = 0; c < nc; c++) {
				const json_t *g = t->cols[c].group;
				struct rcell *cl = rt_extra(t, x, c);
				v[c] = cell_set(cl, x == REXTRA_UNTAGGED
				                        ? uint_of(g, "untagged")
				                        : uint_of(json_object_get(g, "not_tagged"), "language"),
				                count_of(g));
			}
			int tsup;
			vp_suppress_row(v, ng, v[ng], o->suppress, sup, &tsup);
			for (size_t c = 0; c < ng; c++)
				rt_extra(t, x, c)->sup = sup[c];
			rt_extra(t, x, ng)->sup = tsup;
		}
	}
	if (!t->sentiment)
		goto out;
	if (!(t->sent = calloc(t->nrows ? t->nrows * nc : 1, sizeof *t->sent))) {
		rc = vp_oom(e);
		goto out;
	}
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < nc; c++) {
			struct rsent *s = rt_sent(t, r, c);
			const json_t *js = json_object_get(theme_of(t->cols[c].group, t->rows[r].theme),
			                                   "sentiment");
			for (int l = 0; l < RSENT_N; l++) {
				s->v[l] = uint_of(js, vp_rsent_key[l]);
				s->n += s->v[l];
			}
		}
		/* across the groups of each label (the Total is their sum), and
		 * across the labels of each cell (their sum is the theme's count,
		 * shown), until neither gives a suppressed count away */
		for (int changed = 1, pass = 0; changed && pass < 16; pass++) {
			changed = 0;
			for (int l = 0; l < RSENT_N; l++) {
				for (size_t c = 0; c < nc; c++) {
					v[c] = rt_sent(t, r, c)->v[l];
					sup[c] = rt_sent(t, r, c)->sup[l];
				}
				if (o->suppress && v[ng] < o->suppress)
					sup[ng] = VP_SUP_SMALL;
				int ch = sup_fix(v, sup, ng, !sup[ng], o->suppress);
				if (ng == 1 && sup[0] && !sup[ng]) /* one group: it is the total */
					sup[ng] = VP_SUP_GUARD, ch = 1;
				for (size_t c = 0; c < nc; c++)
					rt_sent(t, r, c)->sup[l] = sup[c];
				changed |= ch;
			}
			for (size_t c = 0; c < nc; c++) {
				struct rsent *s = rt_sent(t, r, c);
				changed |= sup_fix(s->v, s->sup, RSENT_N, 1, o->suppress);
			}
		}
	}
out:
	free(v);
	free(sup);
	return rc;
}

/* ---- levels shown together ------------------------------------------ */

enum { NO_PARENT = (size_t)-1, TWO_PARENTS = (size_t)-2 };

static int key_cmp(const void *a, const void *b)
{
	const struct rcol *x = *(const struct rcol *const *)a, *y = *(const struct rcol *const *)b;
	return strcmp(x->key, y->key);
}

/* The group columns of t (not the Total) by name, for col_index. */
static const struct rcol **cols_by_key(const struct rtable *t)
{
	size_t ng = t->ncols - 1;
	const struct rcol **ix = malloc((ng ? ng : 1) * sizeof *ix);
	if (!ix)
		return NULL;
	for (size_t c = 0; c < ng; c++)
		ix[c] = &t->cols[c];
	if (ng > 1)
		qsort(ix, ng, sizeof *ix, key_cmp);
	return ix;
}

/* The column of t named key (NO_PARENT: none). */
static size_t col_index(const struct rtable *t, const struct rcol **ix, const char *key)
{
	struct rcol want = {.key = key};
	const struct rcol *w = &want;
	const struct rcol **hit = t->ncols > 1 ? bsearch(&w, ix, t->ncols - 1, sizeof *ix, key_cmp)
	                                       : NULL;
	return hit ? (size_t)(*hit - t->cols) : NO_PARENT;
}

/* How the columns of child (a level) lie in those of parent (the level
 * above), from the document's tree: par[c] is child column c's parent,
 * NO_PARENT for none, TWO_PARENTS for a column filed under two (its count
 * is split between them); a parent holding such a child is no sum of its
 * children's columns and is left out (kids lists only the others), as
 * *shared counts them.  kids[first[p]..first[p + 1]) are parent column p's
 * children. */
struct lvlink {
	size_t *par, *kids, *first;
};

/* One (child column c, parent column p) pair of the tree: the first pass
 * files c under p, the second marks p split when c lies under two. */
static void link_pair(struct lvlink *k, unsigned char *split, int pass, size_t c, size_t p)
{
	if (c == NO_PARENT)
		return;
	if (!pass)
		k->par[c] = k->par[c] == NO_PARENT || k->par[c] == p ? p : TWO_PARENTS;
	else if (k->par[c] == TWO_PARENTS && p != NO_PARENT)
		split[p] = 1;
}

static int link_levels(struct lvlink *k, const struct rtable *child, const struct rtable *parent,
                       const json_t *doc, unsigned long *shared)
{
	size_t nc = child->ncols - 1, np = parent->ncols - 1;
	const struct rcol **cix = cols_by_key(child), **pix = cols_by_key(parent);
	unsigned char *split = calloc(np ? np : 1, 1);
	size_t *at = NULL; /* where each parent's next child goes in kids */
	k->par = malloc((nc ? nc : 1) * sizeof *k->par);
	k->kids = malloc((nc ? nc : 1) * sizeof *k->kids);
	k->first = calloc(np + 1, sizeof *k->first);
	int rc = -1;
	if (!cix || !pix || !split || !k->par || !k->kids || !k->first)
		goto out;
	for (size_t c = 0; c < nc; c++)
		k->par[c] = NO_PARENT;
	/* every (child, parent) pair of the tree, twice: where each child
	 * lies, then which parents hold a child lying under two */
	for (int pass = 0; pass < 2; pass++) {
		const char *sn, *pn, *ln;
		const json_t *sv, *pv, *lv;
		json_object_foreach(json_object_get(doc, "systems"), sn, sv)
			json_object_foreach(json_object_get(sv, "places"), pn, pv) {
				if (child->level == VP_LEVEL_PLACE) {
					link_pair(k, split, pass, col_index(child, cix, pn),
					          col_index(parent, pix, sn));
					continue;
				}
				json_object_foreach(json_object_get(pv, "localities"), ln, lv)
					link_pair(k, split, pass, col_index(child, cix, ln),
					          col_index(parent, pix, pn));
			}
	}
	for (size_t c = 0; c < nc; c++) {
		if (k->par[c] == TWO_PARENTS)
			++*shared;
		else if (k->par[c] != NO_PARENT && split[k->par[c]])
			k->par[c] = NO_PARENT;
		if (k->par[c] < np)
			k->first[k->par[c] + 1]++;
	}
	for (size_t p = 0; p < np; p++)
		k->first[p + 1] += k->first[p];
	if (!(at = malloc((np ? np : 1) * sizeof *at)))
		goto out;
	memcpy(at, k->first, np * sizeof *at);
	for (size_t c = 0; c < nc; c++)
		if (k->par[c] < np)
			k->kids[at[k->par[c]]++] = c;
	rc = 0;
out:
	free(cix);
	free(pix);
	free(split);
	free(at);
	return rc;
}

/* Row r of t's cells (its untagged rows after the themes), found by the
 * theme: every level has the same rows (one Total), looked up all the same. */
static struct rcell *row_of(const struct rtable *t, const struct rtable *base, size_t r)
{
	if (r >= base->nrows)
		return t->extra && r - base->nrows < t->nextra ? rt_extra(t, r - base->nrows, 0)
		                                               : NULL;
	const char *theme = base->rows[r].theme;
	if (r < t->nrows && strcmp(t->rows[r].theme, theme) == 0)
		return rt_cell(t, r, 0);
	for (size_t i = 0; i < t->nrows; i++)
		if (strcmp(t->rows[i].theme, theme) == 0)
			return rt_cell(t, i, 0);
	return NULL;
}

/* One row of every level as vp_suppress_sums takes it: each level's groups
 * at off[l], then the Total, one count on every level (hidden on one,
 * hidden on all); the sums are each level's groups = the Total, and each
 * parent = its children where they partition it and add up to it. */
struct lvrow {
	unsigned long *v;
	unsigned char *sup;
	size_t *total, *start, *member;
	size_t off[3], ncell;
};

static int guard_row(struct lvrow *w, struct rcell *const *row, struct rtable *const *lv,
                     const struct lvlink *k, unsigned long min)
{
	size_t tot = w->ncell - 1, ns = 0, nm = 0;
	w->sup[tot] = VP_SUP_NONE;
	for (int l = 0; l < 3; l++) {
		if (!lv[l])
			continue;
		size_t ng = lv[l]->ncols - 1;
		for (size_t c = 0; c < ng; c++) {
			w->v[w->off[l] + c] = row[l][c].k;
			w->sup[w->off[l] + c] = (unsigned char)row[l][c].sup;
		}
		w->v[tot] = row[l][ng].k;
		if (row[l][ng].sup && w->sup[tot] != VP_SUP_SMALL)
			w->sup[tot] = (unsigned char)row[l][ng].sup;
		w->start[ns] = nm;
		w->total[ns++] = tot;
		for (size_t c = 0; c < ng; c++)
			w->member[nm++] = w->off[l] + c;
	}
	for (int l = 0; l < 2; l++) {
		if (!lv[l] || !lv[l + 1])
			continue;
		for (size_t p = 0; p + 1 < lv[l + 1]->ncols; p++) {
			unsigned long sum = 0;
			for (size_t i = k[l].first[p]; i < k[l].first[p + 1]; i++)
				sum += row[l][k[l].kids[i]].k;
			if (k[l].first[p] == k[l].first[p + 1] || sum != row[l + 1][p].k)
				continue; /* no sum shown: nothing to subtract from */
			w->start[ns] = nm;
			w->total[ns++] = w->off[l + 1] + p;
			for (size_t i = k[l].first[p]; i < k[l].first[p + 1]; i++)
				w->member[nm++] = w->off[l] + k[l].kids[i];
		}
	}
	w->start[ns] = nm;
	if (vp_suppress_sums(w->v, w->sup, w->ncell, w->total, w->start, w->member, ns, min) < 0)
		return -1;
	for (int l = 0; l < 3; l++) {
		if (!lv[l])
			continue;
		size_t ng = lv[l]->ncols - 1;
		for (size_t c = 0; c <= ng; c++) {
			struct rcell *x = &row[l][c];
			unsigned char s = w->sup[c < ng ? w->off[l] + c : tot];
			if (!x->sup && s)
				x->sup = s, x->dir = 0; /* a hidden cell is never marked */
		}
	}
	return 0;
}

int vp_rtable_guard_levels(struct rtable *const *ts, size_t nt, const json_t *doc,
                           const vp_report_opts *o, vp_err *e)
{
	struct rtable *lv[3] = {NULL, NULL, NULL};
	for (size_t i = 0; i < nt; i++)
		if (ts[i]->level >= VP_LEVEL_LOCALITY && ts[i]->level <= VP_LEVEL_SYSTEM)
			lv[ts[i]->level] = ts[i];
	struct lvlink k[2] = {{NULL, NULL, NULL}, {NULL, NULL, NULL}};
	struct lvrow w = {NULL, NULL, NULL, NULL, NULL, {0, 0, 0}, 0};
	unsigned long shared[2] = {0, 0};
	size_t levels = 0, nsum = 1, nmem = 0;
	int rc = 0, extra = 1;
	for (int l = 0; l < 3; l++) {
		w.off[l] = w.ncell;
		if (!lv[l])
			continue;
		levels++;
		w.ncell += lv[l]->ncols - 1;
		nsum += 1 + lv[l]->ncols;   /* its row, and each column as a parent */
		nmem += 2 * lv[l]->ncols;   /* in its row, and as a child */
		extra &= lv[l]->extra != NULL;
		if (l && lv[l - 1] && link_levels(&k[l - 1], lv[l - 1], lv[l], doc, &shared[l - 1])) {
			rc = vp_oom(e);
			goto out;
		}
	}
	w.ncell++; /* the Total */
	for (size_t i = 0; i < nt; i++) {
		ts[i]->levels = levels;
		memcpy(ts[i]->shared, shared, sizeof shared);
	}
	if (!o->suppress || levels < 2 || !nt)
		goto out;
	w.v = malloc(w.ncell * sizeof *w.v);
	w.sup = malloc(w.ncell);
	w.total = malloc(nsum * sizeof *w.total);
	w.start = malloc((nsum + 1) * sizeof *w.start);
	w.member = malloc(nmem * sizeof *w.member);
	if (!w.v || !w.sup || !w.total || !w.start || !w.member) {
		rc = vp_oom(e);
		goto out;
	}
	size_t nrows = ts[0]->nrows + (extra ? ts[0]->nextra : 0);
	for (size_t r = 0; r < nrows; r++) {
		struct rcell *row[3] = {NULL, NULL, NULL};
		int all = 1;
		for (int l = 0; l < 3; l++)
			if (lv[l] && !(row[l] = row_of(lv[l], ts[0], r)))
				all = 0;
		if (all && guard_row(&w, row, lv, k, o->suppress)) {
			rc = vp_oom(e);
			goto out;
		}
	}
out:
	for (int l = 0; l < 2; l++) {
		free(k[l].par);
		free(k[l].kids);
		free(k[l].first);
	}
	free(w.v);
	free(w.sup);
	free(w.total);
	free(w.start);
	free(w.member);
	return rc;
}

int vp_rtable_build(struct rtable *t, const json_t *doc, const vp_report_opts *o, vp_err *e)
{
	vp_count_opts dop;
	memset(t, 0, sizeof *t);
	/* t->by, not a local: t->what points into it for as long as t lives */
	int rc = vp_count_doc_opts(doc, &dop, t->by, sizeof t->by, e);
	if (!rc)
		rc = vp_count_doc_check(doc, o->given_names, e);
	if (rc)
		return rc;
	t->records = count_of(doc);
	t->copies = uint_of(doc, "duplicates");
	t->rejected = uint_of(doc, "rejected");
	t->again = uint_of(doc, "respondents_not_adjacent");
	/* checked by vp_count_doc_check: a fingerprint, or none */
	const char *lex = json_string_value(json_object_get(doc, "lexicon"));
	snprintf(t->lexicon, sizeof t->lexicon, "%s", lex ? lex : "");
	if (!(rc = build_cols(t, doc, &dop, o, e)) &&
	    !(rc = build_rows(t, json_object_get(doc, "labels"), o, e)) &&
	    !(rc = build_cells(t, o, e)))
		rc = build_extra(t, o, e);
	return rc;
}

const char *const vp_rquotes_key[RQUOTES_N] = {"quotes", "quotes_positive", "quotes_negative"};

const char *vp_rquote_fields(const json_t *q, const char **id)
{
	*id = json_string_value(json_object_get(q, "id"));
	if (!*id)
		*id = "";
	return json_string_value(json_object_get(q, "text"));
}

int vp_rquote_in(const json_t *list, const char *id, const char *text)
{
	size_t i;
	const json_t *q;
	json_array_foreach(list, i, q) {
		const char *qi;
		const char *qt = vp_rquote_fields(q, &qi);
		if (qt && strcmp(qt, text) == 0 && strcmp(qi, id) == 0)
			return 1;
	}
	return 0;
}

int vp_rquotes_shown(const struct rtable *t, size_t r, size_t c, int list)
{
	if (rt_cell(t, r, c)->sup)
		return 0;
	if (list != RQUOTES && t->sentiment &&
	    rt_sent(t, r, c)->sup[list == RQUOTES_POS ? RSENT_POS : RSENT_NEG])
		return 0;
	return 1;
}

unsigned long vp_rquotes_withheld(const struct rtable *t, int with_all)
{
	unsigned long n = 0;
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c + 1 < t->ncols; c++) {
			const json_t *te = theme_of(t->cols[c].group, t->rows[r].theme);
			const json_t *lists[RQUOTES_N];
			for (int l = 0; l < RQUOTES_N; l++)
				lists[l] = (l != RQUOTES || with_all) &&
				                   (l == RQUOTES || t->polarity)
				               ? json_object_get(te, vp_rquotes_key[l])
				               : NULL;
			for (int l = 0; l < RQUOTES_N; l++) {
				size_t i;
				const json_t *q;
				json_array_foreach(lists[l], i, q) {
					const char *id;
					const char *text = vp_rquote_fields(q, &id);
					if (!text)
						continue;
					/* once, in the first list shown that holds it */
					int first = 1, shown = 0;
					for (int m = 0; m < RQUOTES_N; m++)
						if (lists[m] && vp_rquote_in(lists[m], id, text)) {
							if (m < l)
								first = 0;
							shown |= vp_rquotes_shown(t, r, c, m);
						}
					if (first && !shown)
						n++;
				}
			}
		}
	return n;
}

int vp_report_notes(vp_buf *b, const struct rtable *t, const vp_report_opts *o, int compare)
{
	int rc = !t->fell_back ? 0
	         : !compare ? vp_buf_puts(b, "Respondents were asked for but the document carries "
	                                  "no respondent counts: the denominator is answers.\n")
	                    : vp_buf_printf(b, "Respondents were asked for but %s document carries "
	                                    "no respondent counts: the denominator of both periods "
	                                    "is answers.\n", t->fell_back == VP_RFELL_BEFORE
	                                                       ? "BEFORE's" : "AFTER's");
	if (t->per_resp)
		rc |= vp_buf_printf(b, "Denominator: respondents. Counts are respondents who raised "
		                    "each theme in any of their answers; shares are of the column's "
		                    "respondents; one respondent can raise several themes%s. "
		                    "Columns: %s.\n", t->ncols > 2 ? ", and a respondent who "
		                    "answered in more than one column counts in each, so the columns "
		                    "can add up to more than Total" : "", t->what);
	else
		rc |= vp_buf_printf(b, "Denominator: answers. Counts are answers (comments) mentioning "
		                    "each theme; shares are of the column's answers; one answer can "
		                    "mention several themes. Columns: %s.\n", t->what);
	if (t->copies)
		rc |= vp_buf_printf(b, "Campaigns: vp-count --dedup counted each campaign text once, "
		                    "in the column of its first record; its %lu campaign copies, "
		                    "in whatever column, are left out of every count and "
		                    "denominator.\n", t->copies);
	/* what the count could not read: in no count, said where people read them */
	if (!compare && t->rejected)
		rc |= vp_buf_printf(b, "Not counted: %lu record%s could not be read (skipped with "
		                    "--skip-bad, each said on stderr where it was counted) and %s in "
		                    "no count or denominator.\n", t->rejected,
		                    t->rejected == 1 ? "" : "s", t->rejected == 1 ? "is" : "are");
	else if (compare && (t->rejected || t->rejected_before))
		rc |= vp_buf_printf(b, "Not counted: before %lu, after %lu records could not be read "
		                    "(skipped with --skip-bad, each said on stderr where it was "
		                    "counted) and are in no count or denominator.\n",
		                    t->rejected_before, t->rejected);
	/* respondents counted per run of adjacent records: one seen again counts again */
	if (!compare && t->per_resp && t->again)
		rc |= vp_buf_printf(b, "Respondents: %lu respondent%s seen again after other "
		                    "respondents' answers when counted (vp-count's "
		                    "\"respondents_not_adjacent\"), and a respondent is counted once "
		                    "per run of adjacent answers, so respondents may be counted more "
		                    "than once: respondent counts and denominators may be too high. "
		                    "Sort or group the records by respondent before vp-count for exact "
		                    "counts.\n", t->again, t->again == 1 ? " was" : "s were");
	else if (compare && t->per_resp && (t->again || t->again_before))
		rc |= vp_buf_printf(b, "Respondents: before %lu, after %lu respondents were seen again "
		                    "after other respondents' answers when counted (vp-count's "
		                    "\"respondents_not_adjacent\"), and a respondent is counted once "
		                    "per run of adjacent answers, so respondents may be counted more "
		                    "than once: respondent counts and denominators may be too high. "
		                    "Sort or group the records by respondent before vp-count for exact "
		                    "counts.\n", t->again_before, t->again);
	if (!compare && t->lexicon[0])
		rc |= vp_buf_printf(b, "Lexicons: the records were tagged with lexicon set %s (its "
		                    "fingerprint; vp-tag --fingerprint --lexicon DIR prints a set's).\n",
		                    t->lexicon);
	else if (compare && t->lexicon[0] && strcmp(t->lexicon, t->lexicon_before) == 0)
		rc |= vp_buf_printf(b, "Lexicons: both periods tagged with lexicon set %s.\n",
		                    t->lexicon);
	else if (compare && (t->lexicon[0] || t->lexicon_before[0]))
		rc |= vp_buf_printf(b, "Lexicons: before %s, after %s: the two periods were not tagged "
		                    "with one lexicon set, so a change may come from the lexicons rather "
		                    "than from what people said.\n",
		                    t->lexicon_before[0] ? t->lexicon_before : "none",
		                    t->lexicon[0] ? t->lexicon : "none");
	if (o->suppress)
		rc |= vp_buf_printf(b, "Suppression: counts below %lu are shown as <%lu, with the "
		                    "shares and intervals computed from them; when the total is "
		                    "shown and what it leaves for a row's suppressed groups would "
		                    "give one away (one group alone, or groups that must all be 0 "
		                    "or all %lu), the next smallest group is suppressed too ([c]: a "
		                    "count of %lu or more, hidden only so that the smaller ones "
		                    "cannot be worked out), so no count can be recovered by "
		                    "subtraction. Column totals (denominators) are shown.\n",
		                    o->suppress, o->suppress, o->suppress - 1, o->suppress);
	else
		rc |= vp_buf_puts(b, "Suppression: off (--suppress 0); small counts are shown.\n");
	if (o->suppress && t->levels > 1) {
		rc |= vp_buf_printf(b, "Levels: the Counts sheets show one count at %zu levels; a "
		                    "place's count is the sum of its localities' and a system's of "
		                    "its places', so hidden counts are guarded against those sums as "
		                    "against the Total, and none can be worked out from another "
		                    "level.", t->levels);
		static const char *const lv[2][3] = {{"locality", "localities", "place"},
		                                     {"place", "places", "system"}};
		for (int l = 0; l < 2; l++)
			if (t->shared[l])
				rc |= vp_buf_printf(b, " %lu %s filed under more than one %s: its count is "
				                    "split between them, so those %ss are no sums of the "
				                    "columns shown and their %s are guarded only within "
				                    "their own level.", t->shared[l],
				                    lv[l][t->shared[l] == 1 ? 0 : 1], lv[l][2], lv[l][2],
				                    lv[l][1]);
		rc |= vp_buf_putc(b, '\n');
	}
	if (o->ci)
		rc |= vp_buf_puts(b, "Intervals: Wilson score 95% confidence intervals of each "
		                  "share.\n");
	if (t->not_tagged && !compare) {
		const struct rcell *u = rt_extra(t, REXTRA_UNTAGGED, t->ncols - 1);
		const struct rcell *l = rt_extra(t, REXTRA_NOT_TAGGED, t->ncols - 1);
		char us[32], ls[32];
		vp_rcell_text(us, sizeof us, u->sup, u->k, o->suppress);
		vp_rcell_text(ls, sizeof ls, l->sup, l->k, o->suppress);
		rc |= vp_buf_printf(b, "Records = tagged + untagged + not tagged: of %lu records, %s "
		                    "matched no theme (untagged) and %s were not tagged because they "
		                    "are in another language than the lexicon's (vp-tag could not "
		                    "read them; they may well raise themes). The rows '%s' and '%s' "
		                    "count records, with shares of the column's records, and theme "
		                    "shares include the records not tagged in their denominator.\n",
		                    u->n, us, ls, vp_rextra_label[0], vp_rextra_label[1]);
	} else if (t->nextra && !compare) {
		const struct rcell *u = rt_extra(t, REXTRA_UNTAGGED, t->ncols - 1);
		char us[32];
		vp_rcell_text(us, sizeof us, u->sup, u->k, o->suppress);
		rc |= vp_buf_printf(b, "Untagged: of %lu records, %s matched no theme; the row '%s' "
		                    "counts them, with shares of the column's records, and theme "
		                    "shares include them in their denominator.\n", u->n, us,
		                    vp_rextra_label[REXTRA_UNTAGGED]);
	}
	unsigned long held = compare || o->format == VP_REPORT_CSV ? 0
	                     : vp_rquotes_withheld(t, o->format != VP_REPORT_MARKDOWN);
	if (held)
		rc |= vp_buf_printf(b, "Quotes: %lu quote%s of counts shown as <%lu or [c] (a theme in a "
		                    "column, or its positive or negative answers) %s not shown: the "
		                    "comments behind a small count, named with their column, would "
		                    "give away the count and could identify who wrote them.\n",
		                    held, held == 1 ? "" : "s", o->suppress, held == 1 ? "is" : "are");
	if (t->sentiment && !compare)
		rc |= vp_buf_puts(b, "Sentiment: per theme, answers labelled positive, negative, "
		                  "neutral or mixed by vp-sentiment (the label for that theme, else "
		                  "the comment's); answers without a label (no text, another "
		                  "language) are not counted. The bars show negative to the left and "
		                  "positive to the right as shares of the theme's labelled answers, "
		                  "all on one scale. Sentiment counts are suppressed as the others, "
		                  "across groups and across the four labels.\n");
	if (compare)
		rc |= vp_buf_puts(b, "Change: after minus before, in percentage points; "
		                  UP "/" DOWN " marks a change beyond chance: two-proportion z test "
		                  "(pooled) of the two periods, p < 0.05 after Holm's correction "
		                  "across the themes of each group; a change from a suppressed count "
		                  "is not given (" VP_RCHANGE_SUPPRESSED ").\n");
	else
		rc |= vp_buf_puts(b, UP "/" DOWN " marks a group whose share is higher/lower than "
		                  "in all the other groups together beyond chance: two-proportion z "
		                  "test (pooled), p < 0.05 after Holm's correction across the themes "
		                  "of that group.\n");
	return rc ? -1 : 0;
}
