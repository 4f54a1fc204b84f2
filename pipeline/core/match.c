/* match.c - match a lexicon against tokens; see include/voxpop/lexicon.h */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon_impl.h"
#include "voxpop/jsonw.h"

struct raw_match {
	size_t start, end, entry;
};

struct vp_matcher {
	struct raw_match *raw;       /* every entry that matched somewhere */
	size_t nraw, capraw;
	struct raw_match **cand;     /* theme matches not excluded, longest first */
	size_t capcand;
	size_t *taken;               /* per token: longest kept match covering it */
	size_t captaken;
	vp_theme_match *out;
	size_t nout, capout;
	uint32_t *th;                /* per token: vp_hash_bytes of it */
	size_t capth;
	size_t *seen;                /* per entry: stamp of the last theme using it */
	size_t capseen, stamp;
	size_t *hits;                /* entries listed as hits of the current theme */
	size_t caphits;
	vp_theme_found *found;       /* vp_themes_found's answer */
	size_t capfound;
};


vp_matcher *vp_matcher_new(void)
{
	return calloc(1, sizeof(vp_matcher));
}

void vp_matcher_free(vp_matcher *m)
{
	if (!m)
		return;
	free(m->raw);
	free(m->cand);
	free(m->taken);
	free(m->out);
	free(m->seen);
	free(m->hits);
	free(m->found);
	free(m->th);
	free(m);
}

/* Does term t match token k?  th[] holds the tokens' hashes. */
static int term_matches(const vp_lexicon *lx, const struct lx_term *t, const char *const *tok,
                        const size_t *len, const uint32_t *th, size_t k)
{
	switch (t->kind) {
	case LX_ANY:
		return 1;
	case LX_PREFIX:
		return len[k] >= t->len && memcmp(tok[k], lx->pool.data + t->off, t->len) == 0;
	default:
		return th[k] == t->hash && len[k] == t->len &&
		       memcmp(tok[k], lx->pool.data + t->off, t->len) == 0;
	}
}

/* Try every entry of the chain whose key term is token i. */
static int try_chain(vp_matcher *m, const vp_lexicon *lx, size_t k,
                     const char *const *tok, const size_t *len, size_t n, size_t i)
{
	for (; k != LX_NONE; k = lx->entries[k].next) {
		const struct lx_entry *en = &lx->entries[k];
		size_t nt = en->pub.nterms, lead = en->lead;
		if (lead > i || nt - lead > n - i)
			continue;
		size_t start = i - lead, j = lead + 1;
		const struct lx_term *t = &lx->terms[en->term0];
		while (j < nt && term_matches(lx, &t[j], tok, len, m->th, start + j))
			j++;
		if (j < nt)
			continue;
		if (vp_grow((void **)&m->raw, &m->capraw, m->nraw + 1, sizeof *m->raw))
			return -1;
		m->raw[m->nraw++] = (struct raw_match){start, start + nt, k};
	}
	return 0;
}

static int by_start(const void *a, const void *b)
{
	const struct raw_match *x = *(struct raw_match *const *)a, *y = *(struct raw_match *const *)b;
	return (x->start > y->start) - (x->start < y->start);
}

static int longest_first(const void *pa, const void *pb)
{
	const struct raw_match *a = *(struct raw_match *const *)pa;
	const struct raw_match *b = *(struct raw_match *const *)pb;
	size_t la = a->end - a->start, lb = b->end - b->start;
	if (la != lb)
		return la > lb ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->entry < b->entry ? -1 : a->entry > b->entry;
}

static int by_theme(const void *pa, const void *pb)
{
	const vp_theme_match *a = pa, *b = pb;
	if (a->theme != b->theme)
		return a->theme < b->theme ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return a->entry < b->entry ? -1 : a->entry > b->entry;
}

int vp_match(vp_matcher *m, const vp_lexicon *lx, const char *const *tok,
             const size_t *len, size_t n, const vp_theme_match **out, size_t *nout,
             vp_err *e)
{
	m->nraw = m->nout = 0;
	*out = m->out;
	*nout = 0;
	if (vp_grow((void **)&m->th, &m->capth, n, sizeof *m->th))
		return vp_oom(e);
	for (size_t i = 0; i < n; i++)
		m->th[i] = vp_hash_bytes(tok[i], len[i]);
	for (size_t i = 0; i < n; i++) {
		/* entries keyed by this word alone, by it and the next word,
		 * and by each wildcard prefix of it (shortest first, hashing
		 * each byte once) */
		uint32_t kh = lx_key_hash(LX_WORD, m->th[i], 0);
		size_t slot = lx_maybe(lx, kh) ? lx_index_find(lx, LX_WORD, kh, tok[i], len[i],
		                                               NULL, 0) : LX_NONE;
		if (slot != LX_NONE && try_chain(m, lx, lx->index[slot].head, tok, len, n, i))
			return vp_oom(e);
		if (i + 1 < n && lx_maybe(lx, kh = lx_key_hash(LX_PAIR, m->th[i], m->th[i + 1]))) {
			slot = lx_index_find(lx, LX_PAIR, kh, tok[i], len[i], tok[i + 1], len[i + 1]);
			if (slot != LX_NONE &&
			    try_chain(m, lx, lx->index[slot].head, tok, len, n, i))
				return vp_oom(e);
		}
		uint32_t h = VP_HASH_INIT;
		size_t hashed = 0;
		for (size_t p = 0; p < lx->nplens && lx->plens[p] <= len[i]; p++) {
			h = vp_hash_more(h, tok[i] + hashed, lx->plens[p] - hashed);
			hashed = lx->plens[p];
			kh = lx_key_hash(LX_PREFIX, h, 0);
			if (!lx_maybe(lx, kh))
				continue;
			slot = lx_index_find(lx, LX_PREFIX, kh, tok[i], hashed, NULL, 0);
			if (slot != LX_NONE &&
			    try_chain(m, lx, lx->index[slot].head, tok, len, n, i))
				return vp_oom(e);
		}
	}
	if (!m->nraw)
		return 0;
	if (vp_grow((void **)&m->cand, &m->capcand, m->nraw, sizeof *m->cand) ||
	    vp_grow((void **)&m->taken, &m->captaken, n, sizeof *m->taken))
		return vp_oom(e);

	/* 1. exclusions knock out overlapping matches of their theme's subtree.
	 * With the exclusions sorted by start, and none longer than xlen, only
	 * those starting in (r->start - xlen, r->end) can overlap a match r:
	 * found by binary search, so a long comment costs n log n, not n^2. */
	size_t nx = 0, xlen = 0;
	for (size_t i = 0; i < m->nraw; i++)
		if (lx->entries[m->raw[i].entry].pub.exclude) {
			m->cand[nx++] = &m->raw[i]; /* cand[0..nx): the exclusions, for now */
			if (m->raw[i].end - m->raw[i].start > xlen)
				xlen = m->raw[i].end - m->raw[i].start;
		}
	if (nx > 1)
		qsort(m->cand, nx, sizeof *m->cand, by_start);
	size_t nc = 0;
	for (size_t i = 0; i < m->nraw; i++) {
		const struct raw_match *r = &m->raw[i];
		const vp_lexicon_entry *en = &lx->entries[r->entry].pub;
		if (en->exclude)
			continue;
		size_t lo = 0, hi = nx; /* first exclusion with start + xlen > r->start */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (m->cand[mid]->start + xlen <= r->start)
				lo = mid + 1;
			else
				hi = mid;
		}
		int blocked = 0;
		for (size_t x = lo; x < nx && m->cand[x]->start < r->end && !blocked; x++) {
			const struct raw_match *xr = m->cand[x];
			blocked = r->start < xr->end &&
			          lx_theme_covers(lx, lx->entries[xr->entry].pub.theme, en->theme);
		}
		if (!blocked) /* stored after the exclusions; each raw match is one or the other */
			m->cand[nx + nc++] = &m->raw[i];
	}
	memmove(m->cand, m->cand + nx, nc * sizeof *m->cand);

	/* 2. longest match wins; equal lengths share.  A match of an @keep
	 * theme is never taken: it fires inside a longer match too (and
	 * still takes the words of shorter ones). */
	if (nc > 32) {
		qsort(m->cand, nc, sizeof *m->cand, longest_first);
	} else {
		/* usually a handful: insertion sort beats qsort's overhead */
		for (size_t i = 1; i < nc; i++)
			for (size_t j = i; j > 0 && longest_first(&m->cand[j], &m->cand[j - 1]) < 0;
			     j--) {
				struct raw_match *x = m->cand[j];
				m->cand[j] = m->cand[j - 1];
				m->cand[j - 1] = x;
			}
	}
	memset(m->taken, 0, n * sizeof *m->taken);
	for (size_t i = 0; i < nc; i++) {
		const struct raw_match *r = m->cand[i];
		size_t l = r->end - r->start;
		int lost = 0;
		if (!lx->themes[lx->entries[r->entry].pub.theme].keep)
			for (size_t t = r->start; t < r->end && !lost; t++)
				lost = m->taken[t] > l;
		if (lost)
			continue;
		for (size_t t = r->start; t < r->end; t++)
			if (m->taken[t] < l)
				m->taken[t] = l;
		/* 3. credited to its theme and every ancestor */
		for (long th = (long)lx->entries[r->entry].pub.theme; th >= 0;
		     th = lx->themes[th].parent) {
			if (vp_grow((void **)&m->out, &m->capout, m->nout + 1, sizeof *m->out))
				return vp_oom(e);
			m->out[m->nout++] = (vp_theme_match){(size_t)th, r->start, r->end, r->entry};
		}
	}
	if (m->nout > 32) {
		qsort(m->out, m->nout, sizeof *m->out, by_theme);
	} else {
		for (size_t i = 1; i < m->nout; i++)
			for (size_t j = i; j > 0 && by_theme(&m->out[j], &m->out[j - 1]) < 0; j--) {
				vp_theme_match x = m->out[j];
				m->out[j] = m->out[j - 1];
				m->out[j - 1] = x;
			}
	}
	*out = m->out;
	*nout = m->nout;
	return 0;
}

/* The hits of the theme whose matches are m->out[i..j): unique entry texts
 * in order of first occurrence, into m->hits; how many, or -1 when out of
 * memory.  (m->seen must hold lx->nentries: see seen_reserve.) */
static long theme_hits(vp_matcher *m, const vp_lexicon *lx, size_t i, size_t j)
{
	const vp_theme_match *tm = m->out;
	if (++m->stamp == SIZE_MAX) {
		memset(m->seen, 0, m->capseen * sizeof *m->seen);
		m->stamp = 1;
	}
	size_t nh = 0;
	for (size_t k = i; k < j; k++) {
		size_t en = tm[k].entry;
		if (m->seen[en] == m->stamp)
			continue;
		m->seen[en] = m->stamp;
		const char *text = lx->entries[en].pub.text;
		int dup = 0;
		for (size_t h = 0; h < nh && !dup; h++)
			dup = strcmp(lx->entries[m->hits[h]].pub.text, text) == 0;
		if (dup)
			continue;
		if (vp_grow((void **)&m->hits, &m->caphits, nh + 1, sizeof *m->hits))
			return -1;
		m->hits[nh++] = en;
	}
	return (long)nh;
}

/* The end of the matches of tm[i]'s theme (they are sorted by theme). */
static size_t theme_end(const vp_theme_match *tm, size_t n, size_t i)
{
	size_t j = i;
	while (j < n && tm[j].theme == tm[i].theme)
		j++;
	return j;
}

static int seen_reserve(vp_matcher *m, const vp_lexicon *lx)
{
	size_t oldcap = m->capseen;
	if (vp_grow((void **)&m->seen, &m->capseen, lx->nentries, sizeof *m->seen))
		return -1;
	if (m->capseen != oldcap) {
		memset(m->seen, 0, m->capseen * sizeof *m->seen);
		m->stamp = 0;
	}
	return 0;
}

long vp_themes_found(vp_matcher *m, const vp_lexicon *lx, vp_theme_found **out)
{
	const vp_theme_match *tm = m->out;
	size_t n = m->nout, nf = 0;
	if (seen_reserve(m, lx))
		return -1;
	for (size_t i = 0, j; i < n; i = j) {
		j = theme_end(tm, n, i);
		long nh = theme_hits(m, lx, i, j);
		if (nh < 0 || vp_grow((void **)&m->found, &m->capfound, nf + 1, sizeof *m->found))
			return -1;
		m->found[nf++] = (vp_theme_found){lx->themes[tm[i].theme].name, tm[i].theme, (size_t)nh};
	}
	*out = m->found;
	return (long)nf;
}

int vp_themes_json(vp_matcher *m, const vp_lexicon *lx, int explain, vp_buf *out)
{
	const vp_theme_match *tm = m->out;
	size_t n = m->nout;
	vp_buf_clear(out);
	if (seen_reserve(m, lx) || vp_buf_putc(out, '['))
		return -1;
	for (size_t i = 0, j; i < n; i = j) {
		j = theme_end(tm, n, i);
		long lnh = theme_hits(m, lx, i, j);
		if (lnh < 0)
			return -1;
		size_t nh = (size_t)lnh;
		const char *js = lx->json.data;
		const struct lx_theme *th = &lx->themes[tm[i].theme];
		if ((i && vp_buf_putc(out, ',')) || vp_buf_append(out, js + th->jhead, th->jheadlen))
			return -1;
		for (size_t h = 0; h < nh; h++) {
			const struct lx_entry *en = &lx->entries[m->hits[h]];
			if ((h && vp_buf_putc(out, ',')) ||
			    vp_buf_append(out, js + en->jtext, en->jtextlen))
				return -1;
		}
		if (vp_buf_putc(out, ']'))
			return -1;
		if (explain) {
			if (vp_buf_puts(out, ",\"spans\":["))
				return -1;
			for (size_t k = i; k < j; k++)
				if (vp_buf_printf(out, "%s[%zu,%zu]", k > i ? "," : "", tm[k].start,
				                  tm[k].end))
					return -1;
			if (vp_buf_puts(out, "],\"entries\":["))
				return -1;
			for (size_t k = i; k < j; k++) {
				const struct lx_entry *en = &lx->entries[tm[k].entry];
				/* "file:line", written only here (--explain) */
				if ((k > i && vp_buf_putc(out, ',')) ||
				    vp_json_str(out, en->pub.file, strlen(en->pub.file)))
					return -1;
				out->len--; /* the closing quote: the line number goes inside */
				if (vp_buf_printf(out, ":%lu\"", en->pub.line))
					return -1;
			}
			if (vp_buf_putc(out, ']'))
				return -1;
		}
		if (vp_buf_putc(out, '}'))
			return -1;
	}
	return vp_buf_putc(out, ']');
}
