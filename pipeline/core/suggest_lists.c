/* suggest_lists.c - vp-suggest --lexicon: words proposed for the set's
 * word lists (see include/voxpop/suggest.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/str.h"
#include "suggest_impl.h"

enum { FRAME_MAX_WORDS = 2 * VP_LEXICON_MAX_TERMS };

static int fkey_push(vp_suggest *s, uint32_t k)
{
	if (vp_grow(&s->fkeys, &s->capfkeys, s->nfkeys + 1, sizeof *s->fkeys) < 0)
		return -1;
	s->fkeys[s->nfkeys++] = k;
	return 0;
}

/* The stems of w[0..n) (a word of a line or a list's member, as the
 * loader reads it: "?" a gap) appended to fkeys: 0, 1 when it cannot be
 * matched as a phrase here (a wildcard), -1 out of memory. */
static int frame_words(vp_suggest *s, const char *w, size_t n)
{
	if (memchr(w, '*', n))
		return 1;
	if (n == 1 && w[0] == '?')
		return fkey_push(s, GAP);
	vp_err ignore = {0};
	vp_tokens_clear(&s->scratch);
	int rc = vp_text_tokenise(s->tx, w, n, 0, &s->scratch, &ignore);
	if (rc == EX_OSERR)
		return -1;
	if (rc || !s->scratch.n)
		return 1;
	for (size_t i = 0; i < s->scratch.n; i++) {
		size_t id;
		if (vps_intern_stem(s, vp_token(&s->scratch, i), s->scratch.len[i], &id) < 0 ||
		    fkey_push(s, (uint32_t)id) < 0)
			return -1;
	}
	return 0;
}

static long list_index(const vp_lexicon *lx, const char *name, size_t n)
{
	for (size_t l = 0; l < vp_lexicon_nlists(lx); l++) {
		const char *ln = vp_lexicon_list_name(lx, l);
		if (strlen(ln) == n && memcmp(ln, name, n) == 0)
			return (long)l;
	}
	return -1;
}

/* The key of (list, stem) in s->inlist. */
static void inlist_key(char k[sizeof(size_t) + sizeof(uint32_t)], size_t list, uint32_t stem)
{
	memcpy(k, &list, sizeof list);
	memcpy(k + sizeof list, &stem, sizeof stem);
}

/* What the lists hold already: one-word members by stem, wildcard members
 * by their prefix.  0 or -1. */
static int list_members(vp_suggest *s)
{
	const vp_lexicon *lx = s->o.lexicon;
	for (size_t l = 0; l < vp_lexicon_nlists(lx); l++) {
		const char *file;
		size_t nm = vp_lexicon_list_members(lx, l, &file);
		for (size_t i = 0; i < nm; i++) {
			unsigned long line;
			const char *m = vp_lexicon_list_member(lx, l, i, &line);
			const char *star = strchr(m, '*');
			if (star) {
				/* its prefix as the loader reads it: normalised and
				 * case-folded, not stemmed ("Physio*": "physio") */
				vp_err ignore = {0};
				vp_tokens_clear(&s->scratch);
				int r = vp_text_tokenise(s->tx, m, (size_t)(star - m), VP_TEXT_NOSTEM,
				                         &s->scratch, &ignore);
				if (r == EX_OSERR)
					return -1;
				if (r || s->scratch.n != 1)
					continue; /* no one-word prefix: covers no one word */
				if (vp_grow(&s->wild, &s->capwild, s->nwild + 1, sizeof *s->wild) < 0 ||
				    !(s->wild[s->nwild].prefix = strndup(vp_token(&s->scratch, 0),
				                                         s->scratch.len[0])))
					return -1;
				s->wild[s->nwild++].list = l;
				continue;
			}
			size_t key = s->nfkeys;
			int r = frame_words(s, m, strlen(m));
			if (r < 0)
				return -1;
			if (!r && s->nfkeys - key == 1) {
				char k[sizeof(size_t) + sizeof(uint32_t)];
				inlist_key(k, l, s->fkeys[key]);
				if (vp_strmap_put(&s->inlist, k, sizeof k, 1, NULL) < 0)
					return -1;
			}
			s->nfkeys = key;
		}
	}
	return 0;
}

/* Is stem m a member of list l already (or under one of its wildcards)? */
static int in_list(const vp_suggest *s, size_t l, uint32_t m)
{
	char k[sizeof(size_t) + sizeof(uint32_t)];
	inlist_key(k, l, m);
	if (vp_strmap_get(&s->inlist, k, sizeof k))
		return 1;
	for (size_t i = 0; i < s->nwild; i++)
		if (s->wild[i].list == l &&
		    strncmp(s->stem[m], s->wild[i].prefix, strlen(s->wild[i].prefix)) == 0)
			return 1;
	return 0;
}

/* Every line of the set written with a list, once per list it names and
 * per combination of the other lists' members (lines with a wildcard, and
 * members with one, cannot be matched here: left out).  0 or -1. */
static int build_frames(vp_suggest *s)
{
	const vp_lexicon *lx = s->o.lexicon;
	size_t ne = vp_lexicon_nentries(lx);
	for (size_t i = 0; i < ne; i = vp_lexicon_line_end(lx, i)) {
		const vp_lexicon_entry *en = vp_lexicon_entry_at(lx, i);
		if (!en->pattern || en->exclude)
			continue;
		const char *w[FRAME_MAX_WORDS];
		size_t wn[FRAME_MAX_WORDS], nw = 0, n;
		long wl[FRAME_MAX_WORDS];
		for (const char *p = en->pattern; nw < FRAME_MAX_WORDS && (p = vp_next_word(p, &n)); p += n) {
			w[nw] = p;
			wn[nw] = n;
			wl[nw] = n > 2 && p[0] == '{' && p[n - 1] == '}' ? list_index(lx, p + 1, n - 2) : -1;
			nw++;
		}
		for (size_t slot = 0; slot < nw; slot++) {
			if (wl[slot] < 0)
				continue;
			size_t at[FRAME_MAX_WORDS] = {0};
			for (int more = 1; more;) {
				size_t key = s->nfkeys;
				unsigned fslot = 0;
				int skip = 0;
				for (size_t q = 0; q < nw && !skip; q++) {
					const char *t = w[q];
					size_t tn = wn[q];
					unsigned long line;
					if (q == slot) {
						fslot = (unsigned)(s->nfkeys - key);
						t = "?";
						tn = 1;
					} else if (wl[q] >= 0) {
						t = vp_lexicon_list_member(lx, (size_t)wl[q], at[q], &line);
						tn = strlen(t);
					}
					if ((skip = frame_words(s, t, tn)) < 0)
						return -1;
				}
				if (skip) {
					s->nfkeys = key;
				} else {
					if (vp_grow(&s->fr, &s->capfr, s->nfr + 1, sizeof *s->fr) < 0)
						return -1;
					s->fr[s->nfr++] = (frame){(size_t)wl[slot], i, key,
					                          (unsigned)(s->nfkeys - key), fslot};
				}
				/* the next combination of the other lists' members */
				more = 0;
				for (size_t q = nw; q-- > 0 && !more;) {
					const char *file;
					if (q == slot || wl[q] < 0)
						continue;
					if (++at[q] < vp_lexicon_list_members(lx, (size_t)wl[q], &file))
						more = 1;
					else
						at[q] = 0;
				}
			}
		}
	}
	return 0;
}

/* Could stem m be a list's member: a word (two bytes or more, a letter
 * among them; not "2" or an emoji), not a stopword, not personal data? */
static int member_word(const vp_suggest *s, uint32_t m)
{
	const char *w = s->stem[m];
	if (s->stop[m] || s->personal[m] || !w[0] || !w[1])
		return 0;
	for (; *w; w++)
		if ((*w >= 'a' && *w <= 'z') || (unsigned char)*w >= 0xC3)
			return 1; /* 0xC3: the lead byte of Latin-1's letters, and on */
	return 0;
}

/* Is coded theme t the one frame f is weighed for: the deepest coded theme
 * that is its line's theme or above it?  A member of a staff/attitude line
 * tags staff/attitude and staff alike; weighed for staff only, "nurse" in
 * {roles} gained there and lost, unseen, in staff/attitude. */
static int frame_of(const vp_suggest *s, const frame *f, size_t t)
{
	const vp_lexicon *lx = s->o.lexicon;
	const char *name = vp_lexicon_theme_name(lx, vp_lexicon_entry_at(lx, f->entry)->theme);
	if (!vp_eval_theme_covers(s->themes[t], name))
		return 0;
	for (size_t u = 0; u < s->nthemes; u++)
		if (u != t && vp_eval_theme_covers(s->themes[u], name) && vp_eval_theme_covers(s->themes[t], s->themes[u]) &&
		    strlen(s->themes[u]) > strlen(s->themes[t]))
			return 0;
	return 1;
}

/* A candidate member: the coded rows where some frame of its list matches
 * with it in the list's place. */
typedef struct mcand {
	size_t list;
	uint32_t stem;
	size_t *rows;
	size_t nrows, cap, nfit, last;
	size_t via;
} mcand;

static int mcand_before(const vp_suggest *s, const mpick *a, const mpick *b)
{
	if (a->gain[0] != b->gain[0])
		return a->gain[0] > b->gain[0];
	if (a->support != b->support)
		return a->support > b->support;
	if (a->list != b->list)
		return a->list < b->list;
	return strcmp(s->stem[a->stem], s->stem[b->stem]) < 0;
}

/* Members proposed for the lists of theme t's lines: each weighed alone
 * against the comments as tagged (s->pred), up to top, best gain first. */
int vps_run_members(vp_suggest *s, size_t t, tres *res)
{
	vp_strmap map = VP_STRMAP_INIT;
	mcand *mc = NULL;
	size_t nmc = 0, capmc = 0;
	picked *pk = NULL;
	uint32_t *keys = NULL;
	size_t cappk = 0, capkeys = 0;
	int rc = -1;
	for (size_t fi = 0; fi < s->nfr; fi++) {
		const frame *f = &s->fr[fi];
		if (!frame_of(s, f, t))
			continue;
		const uint32_t *k = s->fkeys + f->key;
		for (size_t ri = 0; ri < s->nrecs; ri++) {
			const rec *r = &s->recs[ri];
			if (r->coded == NONE)
				continue;
			for (size_t i = 0; i + f->n <= r->ntok; i++) {
				if (!vps_matches_at(r, i, k, f->n))
					continue;
				uint32_t m = r->tok[i + f->slot];
				if (!member_word(s, m) || in_list(s, f->list, m))
					continue;
				char key[sizeof(size_t) + sizeof(uint32_t)];
				inlist_key(key, f->list, m);
				size_t *at;
				int got = vp_strmap_put(&map, key, sizeof key, nmc, &at);
				if (got < 0)
					goto out;
				if (got) {
					if (vp_grow(&mc, &capmc, nmc + 1, sizeof *mc) < 0)
						goto out;
					mc[nmc++] = (mcand){f->list, m, NULL, 0, 0, 0, 0, f->entry};
				}
				mcand *c = &mc[*at];
				if (c->last == ri + 1)
					continue;
				c->last = ri + 1;
				if (vp_grow(&c->rows, &c->cap, c->nrows + 1, sizeof *c->rows) < 0)
					goto out;
				c->rows[c->nrows++] = r->coded;
				c->nfit += !s->coded[r->coded].held;
			}
		}
	}
	counts k[2] = {{0, 0, 0}, {0, 0, 0}};
	for (size_t row = 0; row < s->ncoded; row++) {
		int part = s->coded[row].held;
		int g = s->gold[row * s->nthemes + t], p = s->pred[row * s->nthemes + t];
		k[part].tp += g && p;
		k[part].fp += !g && p;
		k[part].fn += g && !p;
	}
	for (size_t ci = 0; ci < nmc; ci++) {
		mcand *c = &mc[ci];
		if (c->nfit < s->o.min_support)
			continue;
		/* its entries: every frame of t of its list, with it in the place */
		size_t npk = 0, nk = 0;
		for (size_t fi = 0; fi < s->nfr; fi++) {
			const frame *f = &s->fr[fi];
			if (f->list != c->list || !frame_of(s, f, t))
				continue;
			if (vp_grow(&keys, &capkeys, nk + f->n, sizeof *keys) < 0 ||
			    vp_grow(&pk, &cappk, npk + 1, sizeof *pk) < 0)
				goto out;
			memcpy(keys + nk, s->fkeys + f->key, f->n * sizeof *keys);
			keys[nk + f->slot] = c->stem;
			pk[npk++] = (picked){NULL, f->n, 0};
			nk += f->n;
		}
		for (size_t x = 0, o = 0; x < npk; o += pk[x++].n)
			pk[x].key = keys + o; /* keys may have moved while growing */
		long right[2] = {0, 0}, wrong[2] = {0, 0};
		size_t ex[2][2], nex[2] = {0, 0};
		for (size_t q = 0; q < c->nrows; q++) {
			size_t row = c->rows[q];
			if (s->pred[row * s->nthemes + t] || !vps_row_tagged(s, t, row, pk, npk))
				continue;
			int part = s->coded[row].held, g = s->gold[row * s->nthemes + t];
			if (g)
				right[part]++;
			else
				wrong[part]++;
			if (!part && nex[!g] < 2)
				ex[!g][nex[!g]++] = s->coded[row].rec;
		}
		if (right[0] == 0 || (double)right[0] < s->o.min_precision * (double)(right[0] + wrong[0]))
			continue;
		mpick p = {c->list, c->stem, c->nfit, {0, 0}, {0, 0}, {0, 0}, c->via, {0, 0}, 0};
		for (int part = 0; part < 2; part++)
			p.gain[part] = vps_gain_of(&k[part], 0, right[part], wrong[part], &p.dtp[part], &p.dfp[part]);
		if (p.gain[0] <= 1e-12)
			continue;
		/* examples: right changes first */
		for (int g = 0; g < 2; g++)
			for (size_t x = 0; x < nex[g] && p.nex < 2; x++)
				p.ex[p.nex++] = ex[g][x];
		/* keep the best top, in order */
		size_t at = res->nmembers;
		while (at > 0 && mcand_before(s, &p, &res->members[at - 1]))
			at--;
		if (at >= s->o.top)
			continue;
		if (res->nmembers < s->o.top &&
		    vp_grow(&res->members, &res->capmembers, res->nmembers + 1, sizeof *res->members) < 0)
			goto out;
		size_t last = res->nmembers < s->o.top ? res->nmembers++ : res->nmembers - 1;
		memmove(res->members + at + 1, res->members + at, (last - at) * sizeof *res->members);
		res->members[at] = p;
	}
	rc = 0;
out:
	for (size_t i = 0; i < nmc; i++)
		free(mc[i].rows);
	free(mc);
	free(pk);
	free(keys);
	vp_strmap_free(&map);
	return rc;
}

/* The member's word as the comments write it most. */
static const char *stem_word(const vp_suggest *s, uint32_t m)
{
	return s->best[m] != NONE ? s->surf[s->best[m]] : s->stem[m];
}

/* Where member p fires through: "file:line", and the line as written. */
static const vp_lexicon_entry *member_via(const vp_suggest *s, const mpick *p)
{
	return vp_lexicon_entry_at(s->o.lexicon, p->via);
}

/* r's word-list members in the listing: 0, -1 out of memory, -2 I/O. */
int vps_members_text(const vp_suggest *s, const tres *r, FILE *out, vp_buf *b)
{
	if (!r->nmembers)
		return fprintf(out, "   no word-list member gains F1 with support >= %lu and precision >= %.2f\n",
		               s->o.min_support, s->o.min_precision) < 0 ? -2 : 0;
	if (fputs("   word-list members, each weighed alone against the comments as tagged:\n", out) == EOF ||
	    vps_put_ranks_head(out, "member -> list", r->rows[1]))
		return -2;
	for (size_t j = 0; j < r->nmembers; j++) {
		const mpick *p = &r->members[j];
		const vp_lexicon_entry *via = member_via(s, p);
		vp_buf_clear(b);
		if (vp_buf_printf(b, "%s -> {%s}", stem_word(s, p->stem),
		                  vp_lexicon_list_name(s->o.lexicon, p->list)) < 0)
			return -1;
		if (vps_put_rank(out, j + 1, b->data, p->support, p->dtp, p->dfp, p->gain, r->rows[1]) ||
		    fprintf(out, "        via %s:%lu \"%s\"\n", via->file, via->line, via->pattern) < 0)
			return -2;
		int rc = vps_write_examples(s, out, p->ex, p->nex, b);
		if (rc)
			return rc;
	}
	return 0;
}

int vps_lists_prepare(vp_suggest *s)
{
	return list_members(s) < 0 || build_frames(s) < 0 ? -1 : 0;
}

int vps_members_json(const vp_suggest *s, const tres *r, json_t *theme)
{
	json_t *mem = json_array();
	if (!mem || json_object_set_new(theme, "members", mem) < 0)
		return -1;
	for (size_t j = 0; j < r->nmembers; j++) {
		const mpick *p = &r->members[j];
		const vp_lexicon_entry *via = member_via(s, p);
		const char *file;
		vp_lexicon_list_members(s->o.lexicon, p->list, &file);
		char where[4096];
		snprintf(where, sizeof where, "%s:%lu", via->file, via->line);
		if (json_array_append_new(mem, json_pack("{s:s,s:s,s:s,s:I,s:I,s:I,s:f,s:I,s:I,s:f,s:s,s:s,s:o*}",
		             "member", stem_word(s, p->stem),
		             "list", vp_lexicon_list_name(s->o.lexicon, p->list), "file", file,
		             "support", (json_int_t)p->support, "tp", (json_int_t)p->dtp[0],
		             "fp", (json_int_t)p->dfp[0], "gain", p->gain[0],
		             "held_tp", (json_int_t)p->dtp[1], "held_fp", (json_int_t)p->dfp[1],
		             "held_gain", p->gain[1], "via", where, "pattern", via->pattern,
		             "examples", vps_examples_json(s, p->ex, p->nex))) < 0)
			return -1;
	}
	return 0;
}

int vps_members_lexicon(const vp_suggest *s, const tres *r, int held, FILE *out)
{
	if (r->nmembers &&
	    fputs("# Word-list members: each belongs in the list file named, not here; each\n"
	          "# weighed alone against the comments as tagged (not with the entries above).\n",
	          out) < 0)
		return -1;
	for (size_t j = 0; j < r->nmembers; j++) {
		const mpick *p = &r->members[j];
		const vp_lexicon_entry *via = member_via(s, p);
		if (fprintf(out, "# %s.list: %-20s (via %s:%lu '%s'; fires on %lu coded, dTP %+ld dFP %+ld, "
		            "F1 %+.3f", vp_lexicon_list_name(s->o.lexicon, p->list), stem_word(s, p->stem),
		            via->file, via->line, via->pattern, p->support, p->dtp[0], p->dfp[0],
		            p->gain[0]) < 0 ||
		    (held && fprintf(out, "; held back dTP %+ld dFP %+ld", p->dtp[1], p->dfp[1]) < 0) ||
		    fputs(")\n", out) < 0)
			return -1;
	}
	return 0;
}
