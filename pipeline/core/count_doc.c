/* count_doc.c - the vp-count document: rendering, options, merging,
 * relevelling (see include/voxpop/count_doc.h). */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/buf.h"
#include "voxpop/count.h"
#include "voxpop/count_doc.h"
#include "voxpop/hash.h"
#include "voxpop/jscan.h"
#include "voxpop/record.h"
#include "voxpop/redact.h"
#include "voxpop/stats.h"
#include "count_impl.h"

/* ---- output ---------------------------------------------------------- */

static const char *const child_key[] = {"systems", "places", "localities"};

static int set_new(json_t *obj, const char *key, json_t *v)
{
	return v ? json_object_set_new(obj, key, v) : -1;
}

/* Respondent counts are written when some record had a "respondent" or
 * --per respondent was asked for; otherwise the document is as it was. */
static int show_resp(const vp_count *c)
{
	return c->has_resp || c->o.per == VP_PER_RESPONDENT;
}

static json_t *sent_json(const unsigned long *n)
{
	json_t *o = json_object();
	for (int i = 0; o && i < VP_SENT_N; i++)
		if (set_new(o, vp_sentiment_labels[i], json_integer((json_int_t)n[i]))) {
			json_decref(o);
			return NULL;
		}
	return o;
}

static int quotes_json(json_t *te, const char *key, const struct qlist *l)
{
	json_t *qs = json_array();
	if (set_new(te, key, qs))
		return -1;
	for (size_t i = 0; i < l->n; i++) {
		const struct quote *q = &l->q[i];
		json_t *qo = json_object();
		if (json_array_append_new(qs, qo) || !qo ||
		    set_new(qo, "id", json_string(q->id)) ||
		    set_new(qo, "score", json_real(q->score)) ||
		    set_new(qo, "text", json_string(q->text)))
			return -1;
	}
	return 0;
}

/* k/n to 4 decimals, half-way up as vp-report and a spreadsheet show it */
static double share(unsigned long k, unsigned long n)
{
	return (double)vp_share_scaled(k, n, 4) / 1e4;
}

static json_t *group_json(const vp_count *c, const struct group *g, int depth)
{
	json_t *o = json_object(), *themes = json_object();
	if (!o || !themes)
		goto fail;
	/* shares are of the records counted for themes: a campaign's
	 * repeats (--dedup) are not */
	unsigned long base = g->records - g->duplicates;
	if (set_new(o, "records", json_integer((json_int_t)g->records)) ||
	    set_new(o, "untagged", json_integer((json_int_t)g->untagged)))
		goto fail;
	if (show_resp(c) && set_new(o, "respondents", json_integer((json_int_t)g->respondents)))
		goto fail;
	if (c->o.dedup && set_new(o, "duplicates", json_integer((json_int_t)g->duplicates)))
		goto fail;
	if (c->has_nt && set_new(o, "not_tagged", json_pack("{s:I}", "language",
	                                                   (json_int_t)g->not_tagged)))
		goto fail;
	if (c->has_sent && set_new(o, "sentiment", sent_json(g->sent)))
		goto fail;
	for (size_t i = 0; i < g->ncells; i++) {
		const struct tcell *t = &g->cells[i];
		if (!t->records)
			continue;
		json_t *te = json_object();
		if (set_new(themes, c->themes.name[t->idx], te) ||
		    set_new(te, "records", json_integer((json_int_t)t->records)) ||
		    set_new(te, "share", json_real(share(t->records, base))))
			goto fail;
		if (show_resp(c) &&
		    (set_new(te, "respondents", json_integer((json_int_t)t->resp)) ||
		     set_new(te, "respondent_share", json_real(share(t->resp, g->respondents)))))
			goto fail;
		if (c->has_sent && set_new(te, "sentiment", sent_json(t->sent)))
			goto fail;
		if (!c->o.quotes)
			continue;
		if (quotes_json(te, "quotes", &t->ql[QL_ALL]))
			goto fail;
		if (c->o.quote_polarity &&
		    (quotes_json(te, "quotes_positive", &t->ql[QL_POSITIVE]) ||
		     quotes_json(te, "quotes_negative", &t->ql[QL_NEGATIVE])))
			goto fail;
	}
	if (json_object_set_new(o, "themes", themes)) {
		themes = NULL;
		goto fail;
	}
	themes = NULL;
	if (depth >= 0 && depth < 3 && c->o.nested) {
		json_t *kids = json_object();
		if (set_new(o, child_key[depth], kids))
			goto fail;
		for (size_t i = 0; i < g->children.cap; i++) {
			const struct group *k = g->children.slot[i];
			if (k && set_new(kids, k->name, group_json(c, k, depth + 1)))
				goto fail;
		}
	}
	return o;
fail:
	json_decref(themes);
	json_decref(o);
	return NULL;
}

/* Campaigns, largest first (then by id). */
static int camp_cmp(const void *a, const void *b)
{
	const struct campaign *x = *(const struct campaign *const *)a;
	const struct campaign *y = *(const struct campaign *const *)b;
	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return strcmp(x->id, y->id);
}

static json_t *campaigns_json(const vp_count *c)
{
	json_t *a = json_array();
	const struct campaign **order = malloc((c->ncamps ? c->ncamps : 1) * sizeof *order);
	if (!a || !order)
		goto fail;
	for (size_t i = 0; i < c->ncamps; i++)
		order[i] = &c->camps[i];
	qsort(order, c->ncamps, sizeof *order, camp_cmp);
	for (size_t i = 0; i < c->ncamps; i++) {
		const struct campaign *k = order[i];
		json_t *o = json_object();
		if (json_array_append_new(a, o) || !o || set_new(o, "id", json_string(k->id)) ||
		    set_new(o, "size", json_integer((json_int_t)k->size + 1)) ||
		    set_new(o, "copies", json_integer((json_int_t)k->size)) ||
		    (k->first_id && (set_new(o, "example_id", json_string(k->first_id)) ||
		                     set_new(o, "first_text", json_string(k->first_text)))))
			goto fail;
	}
	free(order);
	return a;
fail:
	free(order);
	json_decref(a);
	return NULL;
}

/* The document; without the flat groups' object when !with_groups. */
static json_t *count_json(const vp_count *c, int with_groups)
{
	json_t *doc = json_object(), *groups = json_object();
	if (!doc || !groups)
		goto fail;
	if (set_new(doc, "records", json_integer((json_int_t)c->total.records)) ||
	    set_new(doc, "rejected", json_integer((json_int_t)c->rejected)))
		goto fail;
	if (c->o.by) {
		if (set_new(doc, "by", json_string(c->o.by)))
			goto fail;
		/* a part in which no record had the member: vp-merge checks the parts */
		if (c->o.part && c->total.records && !c->has_by &&
		    set_new(doc, "by_absent", json_true()))
			goto fail;
	} else if (set_new(doc, "level", json_string(vp_level_name(c->o.level)))) {
		goto fail;
	}
	if (c->o.quotes &&
	    set_new(doc, "quotes_per_theme", json_integer((json_int_t)c->o.quotes)))
		goto fail;
	if (c->o.quotes && c->o.quote_polarity && set_new(doc, "quote_polarity", json_true()))
		goto fail;
	if (show_resp(c) &&
	    (set_new(doc, "respondents", json_integer((json_int_t)c->total.respondents)) ||
	     set_new(doc, "per", json_string(c->o.per == VP_PER_RESPONDENT ? "respondent"
	                                                                 : "answer"))))
		goto fail;
	if (c->o.dedup &&
	    (set_new(doc, "campaigns", campaigns_json(c)) ||
	     set_new(doc, "duplicates", json_integer((json_int_t)c->total.duplicates))))
		goto fail;
	if (c->reappeared &&
	    set_new(doc, "respondents_not_adjacent", json_integer((json_int_t)c->reappeared)))
		goto fail;
	if (c->lex == LEX_SOME &&
	    set_new(doc, "lexicon", json_stringn(c->lexfp, VP_LEXICON_FP_LEN)))
		goto fail;
	for (size_t i = 0; with_groups && i < c->flat.cap; i++) {
		const struct group *g = c->flat.slot[i];
		if (g && set_new(groups, g->name, group_json(c, g, -1)))
			goto fail;
	}
	if (!with_groups) {
		json_decref(groups);
	} else if (json_object_set_new(doc, c->o.by ? "groups" : "localities", groups)) {
		groups = NULL;
		goto fail;
	}
	groups = NULL;
	json_t *total = group_json(c, &c->total, c->o.nested && !c->o.by ? 0 : -1);
	if (!total)
		goto fail;
	json_t *systems = json_object_get(total, "systems");
	if (systems) {
		/* the tree hangs off the document, not off "total" */
		if (json_object_set(doc, "systems", systems) ||
		    json_object_del(total, "systems")) {
			json_decref(total);
			goto fail;
		}
	}
	if (set_new(doc, "total", total))
		goto fail;
	return doc;
fail:
	json_decref(groups);
	json_decref(doc);
	return NULL;
}

json_t *vp_count_json(const vp_count *c)
{
	return count_json(c, 1);
}

int vp_count_write(FILE *out, const json_t *doc, vp_err *e)
{
	return vp_json_write(out, doc, VP_COUNT_JSON_FLAGS, e);
}

/* ---- writing a group at a time --------------------------------------- */

static int cmp_group_name(const void *a, const void *b)
{
	return strcmp((*(const struct group *const *)a)->name,
	              (*(const struct group *const *)b)->name);
}

/* Write v as json_dumps would with flags, every line after the first
 * indented by `in` more spaces (its place in the enclosing document). */
static int put_json(FILE *out, const json_t *v, size_t flags, int in)
{
	char *s = json_dumps(v, flags | JSON_ENCODE_ANY);
	if (!s)
		return -1;
	int rc = 0;
	for (const char *p = s; *p && rc == 0;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
		if (fwrite(p, 1, n, out) != n || (nl && fprintf(out, "%*s", in, "") < 0))
			rc = -1;
		p += n;
	}
	free(s);
	return rc;
}

/* Begin member key of an object whose members are indented by `in`
 * spaces (the flags' indent), as jansson would: the comma after the member
 * before (unless first), the line break, the key and its colon. */
static int put_key(FILE *out, const char *key, size_t flags, int in, int first)
{
	json_t *k = json_string(key);
	int indent = (int)(flags & JSON_MAX_INDENT);
	int rc = !k || (!first && putc(',', out) == EOF) ||
	         (indent ? fprintf(out, "\n%*s", in, "") < 0
	                 : !first && !(flags & JSON_COMPACT) && putc(' ', out) == EOF) ||
	         put_json(out, k, flags, 0) ||
	         fputs(flags & JSON_COMPACT ? ":" : ": ", out) == EOF ? -1 : 0;
	json_decref(k);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int vp_count_write_flags(const vp_count *c, FILE *out, size_t flags, vp_err *e)
{
	/* The document as jansson writes it with sorted keys, but the groups'
	 * object (the bulk of it: up to --max-groups groups) written one
	 * group at a time, so that memory holds the counts and one group's
	 * JSON, not the whole document as well. */
	const char *gkey = c->o.by ? "groups" : "localities";
	int indent = (int)(flags & JSON_MAX_INDENT), oom = 0, bad = 0;
	json_t *doc = count_json(c, 0);
	const struct group **order = malloc((c->flat.n ? c->flat.n : 1) * sizeof *order);
	size_t nk = doc ? json_object_size(doc) + 1 : 1, k = 0, ng = 0;
	const char **keys = malloc(nk * sizeof *keys);
	if (!doc || !order || !keys) {
		oom = 1;
		goto out;
	}
	for (size_t i = 0; i < c->flat.cap; i++)
		if (c->flat.slot[i])
			order[ng++] = c->flat.slot[i];
	qsort(order, ng, sizeof *order, cmp_group_name);
	const char *key;
	json_t *v;
	json_object_foreach(doc, key, v)
		keys[k++] = key;
	keys[k++] = gkey;
	qsort(keys, nk, sizeof *keys, cmp_str);
	errno = 0;
	bad = putc('{', out) == EOF;
	for (size_t i = 0; i < nk && !bad && !oom; i++) {
		bad = put_key(out, keys[i], flags, indent, i == 0);
		if (bad)
			break;
		if (keys[i] != gkey) {
			bad = put_json(out, json_object_get(doc, keys[i]), flags, indent);
			continue;
		}
		bad = putc('{', out) == EOF;
		for (size_t j = 0; j < ng && !bad && !oom; j++) {
			json_t *gj = group_json(c, order[j], -1);
			if (!gj)
				oom = 1;
			else
				bad = put_key(out, order[j]->name, flags, 2 * indent, j == 0) ||
				      put_json(out, gj, flags, 2 * indent);
			json_decref(gj);
		}
		if (!bad && !oom && ng && indent)
			bad = fprintf(out, "\n%*s", indent, "") < 0;
		if (!bad && !oom)
			bad = putc('}', out) == EOF;
	}
	if (!bad && !oom)
		bad = (indent && putc('\n', out) == EOF) || putc('}', out) == EOF ||
		      putc('\n', out) == EOF;
out:
	free(keys);
	free(order);
	json_decref(doc);
	if (oom)
		return vp_errf(e, EX_OSERR, "out of memory");
	if (bad)
		return vp_errf(e, EX_IOERR, "write error: %s", strerror(errno ? errno : EIO));
	return 0;
}

int vp_count_emit(const vp_count *c, FILE *out, vp_err *e)
{
	return vp_count_write_flags(c, out, VP_COUNT_JSON_FLAGS, e);
}

/* ---- merging --------------------------------------------------------- */

int vp_count_doc_opts(const json_t *doc, vp_count_opts *o, char *bybuf, size_t bysz,
                      vp_err *e)
{
	memset(o, 0, sizeof *o);
	if (!json_is_object(doc))
		return vp_errf(e, EX_DATAERR, "not a vp-count document (not a JSON object)");
	const char *by = json_string_value(json_object_get(doc, "by"));
	const char *level = json_string_value(json_object_get(doc, "level"));
	if (by) {
		if (vp_count_by_parse(by, bybuf, bysz) == -1)
			return vp_errf(e, EX_DATAERR, "bad \"by\": \"%s\"", by);
		o->by = bybuf;
		if (!json_is_object(json_object_get(doc, "groups")))
			return vp_errf(e, EX_DATAERR, "not a vp-count document (no \"groups\")");
	} else if (level) {
		o->level = vp_level_parse(level);
		if (o->level < 0)
			return vp_errf(e, EX_DATAERR, "bad \"level\": \"%s\"", level);
		if (!json_is_object(json_object_get(doc, "localities")))
			return vp_errf(e, EX_DATAERR, "not a vp-count document (no \"localities\")");
	} else {
		return vp_errf(e, EX_DATAERR,
		               "not a vp-count document (neither \"level\" nor \"by\")");
	}
	if (!json_is_object(json_object_get(doc, "total")))
		return vp_errf(e, EX_DATAERR, "not a vp-count document (no \"total\")");
	o->nested = json_is_object(json_object_get(doc, "systems"));
	json_t *q = json_object_get(doc, "quotes_per_theme");
	if (q && (!json_is_integer(q) || json_integer_value(q) < 0))
		return vp_errf(e, EX_DATAERR, "bad \"quotes_per_theme\"");
	o->quotes = q ? (size_t)json_integer_value(q) : 0;
	o->quote_polarity = json_is_true(json_object_get(doc, "quote_polarity"));
	const char *per = json_string_value(json_object_get(doc, "per"));
	o->per = per && strcmp(per, "respondent") == 0 ? VP_PER_RESPONDENT : VP_PER_ANSWER;
	if (per && strcmp(per, "respondent") != 0 && strcmp(per, "answer") != 0)
		return vp_errf(e, EX_DATAERR, "bad \"per\": \"%.40s\"", per);
	json_t *absent = json_object_get(doc, "by_absent");
	if (absent && (!json_is_true(absent) || !by))
		return vp_errf(e, EX_DATAERR, "bad \"by_absent\" (true, with \"by\", or none)");
	o->dedup = json_object_get(doc, "campaigns") != NULL;
	if (o->dedup && !json_is_array(json_object_get(doc, "campaigns")))
		return vp_errf(e, EX_DATAERR, "\"campaigns\" is not a list");
	return 0;
}

static int get_count(const json_t *o, const char *key, unsigned long *out, const char *where,
                     vp_err *e)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return vp_errf(e, EX_DATAERR, "%s: \"%s\" is not a count", where, key);
	*out = (unsigned long)json_integer_value(v);
	return 0;
}

/* *sum += k, or EX_DATAERR when the sum would not fit a JSON integer. */
static int add_count(unsigned long *sum, unsigned long k, const char *where, vp_err *e)
{
	if (k > (unsigned long)LLONG_MAX - *sum)
		return vp_errf(e, EX_DATAERR, "%s: counts too large (their sum exceeds %lld)",
		               where, LLONG_MAX);
	*sum += k;
	return 0;
}

/* An optional count: absent gives dflt. */
static int get_count_or(const json_t *o, const char *key, unsigned long dflt,
                        unsigned long *out, const char *where, vp_err *e)
{
	if (!json_object_get(o, key)) {
		*out = dflt;
		return 0;
	}
	return get_count(o, key, out, where, e);
}

/* A "sentiment" object of counts, if there is one, into n[] (else zeros);
 * their sum must not exceed max. */
static int get_sent(vp_count *c, const json_t *o, unsigned long *n, unsigned long max,
                    const char *where, vp_err *e)
{
	const json_t *s = json_object_get(o, "sentiment");
	memset(n, 0, VP_SENT_N * sizeof *n);
	if (!s)
		return 0;
	if (!json_is_object(s))
		return vp_errf(e, EX_DATAERR, "%s: \"sentiment\" is not an object", where);
	unsigned long sum = 0;
	for (int i = 0; i < VP_SENT_N; i++)
		if (get_count_or(s, vp_sentiment_labels[i], 0, &n[i], where, e) ||
		    add_count(&sum, n[i], where, e))
			return e->code;
	if (sum > max)
		return vp_errf(e, EX_DATAERR, "%s: more sentiment labels (%lu) than records (%lu)",
		               where, sum, max);
	c->has_sent = 1;
	return 0;
}

static int merge_quotes(vp_count *c, struct qlist *l, const json_t *te, const char *key,
                        const char *where, const char *name, vp_err *e)
{
	const json_t *qs = json_object_get(te, key);
	size_t i;
	const json_t *q;
	if (!json_is_array(qs))
		return vp_errf(e, EX_DATAERR, "%s: theme \"%s\" has no %s list", where, name, key);
	json_array_foreach(qs, i, q) {
		const char *id = json_string_value(json_object_get(q, "id"));
		const char *text = json_string_value(json_object_get(q, "text"));
		json_t *score = json_object_get(q, "score");
		if (!id || !text || !json_is_number(score))
			return vp_errf(e, EX_DATAERR, "%s: theme \"%s\": malformed quote", where, name);
		/* masked as vp-count masks them: a document made without the
		 * list of given names (an older vp-count) holds them as written */
		if (vpc_mask_cstr(c, &c->quote_id, id) || vpc_redact_into(c, text) ||
		    vpc_quote_offer(c, l, json_number_value(score), c->quote_id.data, c->redacted.data))
			return vp_errf(e, EX_OSERR, "out of memory");
	}
	return 0;
}

/* The group of a document's group name in m, the name trimmed and masked
 * as vp-count's are (vpc_safe_name: one made without the list of given
 * names, or by hand, may hold "Thanks Kevin"): names that mask alike are
 * one group, as in vp-count.  NULL with e filled. */
static struct group *doc_group(vp_count *c, struct gmap *m, const char *name, vp_err *e)
{
	const char *safe = vpc_safe_name(c, name);
	if (!safe) {
		vp_errf(e, EX_OSERR, "out of memory");
		return NULL;
	}
	return vpc_gmap_get(c, m, safe, e);
}

static int merge_group(vp_count *c, struct group *g, const json_t *src, int depth,
                       const char *where, vp_err *e)
{
	unsigned long n, u, r, d, sent[VP_SENT_N];
	if (!json_is_object(src))
		return vp_errf(e, EX_DATAERR, "%s: not an object", where);
	if (get_count(src, "records", &n, where, e) || get_count(src, "untagged", &u, where, e))
		return e->code;
	if (get_count_or(src, "duplicates", 0, &d, where, e))
		return e->code;
	if (d > n)
		return vp_errf(e, EX_DATAERR, "%s: more duplicates (%lu) than records (%lu)",
		               where, d, n);
	/* a document without respondents counted every record (copies
	 * aside) as its own */
	if (get_count_or(src, "respondents", n - d, &r, where, e) ||
	    get_sent(c, src, sent, n - d, where, e))
		return e->code;
	if (r > n - d)
		return vp_errf(e, EX_DATAERR, "%s: more respondents (%lu) than records (%lu)",
		               where, r, n - d);
	/* "not_tagged": {"language": N}, records vp-tag could not read */
	unsigned long nt = 0;
	const json_t *ntj = json_object_get(src, "not_tagged");
	if (ntj) {
		if (!json_is_object(ntj) || get_count_or(ntj, "language", 0, &nt, where, e))
			return e->code ? e->code
			               : vp_errf(e, EX_DATAERR, "%s: \"not_tagged\" is not an object", where);
		c->has_nt = 1;
	}
	if (u > n - d)
		return vp_errf(e, EX_DATAERR, "%s: more untagged records (%lu) than records (%lu)",
		               where, u, n - d);
	if (nt > n - d - u)
		return vp_errf(e, EX_DATAERR, "%s: more records not tagged (%lu) than records "
		               "without themes (%lu)", where, nt, n - d - u);
	const json_t *themes = json_object_get(src, "themes");
	if (!json_is_object(themes))
		return vp_errf(e, EX_DATAERR, "%s: no \"themes\" object", where);
	const char *name;
	const json_t *te;
	json_object_foreach((json_t *)themes, name, te) {
		unsigned long k;
		if (!json_is_object(te) || get_count(te, "records", &k, where, e))
			return vp_errf(e, EX_DATAERR, "%s: theme \"%s\" has no record count",
			               where, name);
		if (k > n - d)
			return vp_errf(e, EX_DATAERR, "%s: theme \"%s\" has more records (%lu) than "
			               "its group (%lu)", where, name, k, n - d);
		/* vp-count writes respondents for every theme of a group that has
		 * them: a theme without is an edited document, and neither 0 nor
		 * its records (the rule for a document with none) would be true */
		if (json_object_get(src, "respondents") && !json_object_get(te, "respondents"))
			return vp_errf(e, EX_DATAERR, "%s: theme \"%s\" has no \"respondents\", but "
			               "its group has", where, name);
		unsigned long tr, ts[VP_SENT_N];
		if (get_count_or(te, "respondents", k, &tr, where, e) ||
		    get_sent(c, te, ts, k, where, e))
			return e->code;
		if (tr > k || tr > r)
			return vp_errf(e, EX_DATAERR, "%s: theme \"%s\" has more respondents (%lu) "
			               "than records or than its group", where, name, tr);
		if (!*name)
			return vp_errf(e, EX_DATAERR, "%s: empty theme name", where);
		size_t idx = vpc_tmap_intern(&c->themes, name);
		struct tcell *t = idx == (size_t)-1 ? NULL : vpc_cell(g, idx);
		if (!t)
			return vp_errf(e, EX_OSERR, "out of memory");
		if (add_count(&t->records, k, where, e) || add_count(&t->resp, tr, where, e))
			return e->code;
		for (int i = 0; i < VP_SENT_N; i++)
			if (add_count(&t->sent[i], ts[i], where, e))
				return e->code;
		if (!c->o.quotes)
			continue;
		struct qlist *l = t->ql;
		if (merge_quotes(c, &l[QL_ALL], te, "quotes", where, name, e) ||
		    (c->o.quote_polarity &&
		     (merge_quotes(c, &l[QL_POSITIVE], te, "quotes_positive", where, name, e) ||
		      merge_quotes(c, &l[QL_NEGATIVE], te, "quotes_negative", where, name, e))))
			return e->code;
	}
	if (add_count(&g->records, n, where, e) || add_count(&g->untagged, u, where, e) ||
	    add_count(&g->not_tagged, nt, where, e) ||
	    add_count(&g->respondents, r, where, e) || add_count(&g->duplicates, d, where, e))
		return e->code;
	for (int i = 0; i < VP_SENT_N; i++)
		if (add_count(&g->sent[i], sent[i], where, e))
			return e->code;
	if (depth < 0 || depth >= 3)
		return 0;
	const json_t *kids = json_object_get(src, child_key[depth]);
	if (!json_is_object(kids))
		return vp_errf(e, EX_DATAERR, "%s: no \"%s\" object", where, child_key[depth]);
	const json_t *k;
	json_object_foreach((json_t *)kids, name, k) {
		struct group *kg = doc_group(c, &g->children, name, e);
		if (!kg)
			return e->code;
		char sub[256];
		snprintf(sub, sizeof sub, "%s/%s", where, kg->name);
		if (merge_group(c, kg, k, depth + 1, sub, e))
			return e->code;
	}
	return 0;
}

/* Add every node at depth want of a nested tree to the flat group of its
 * name: the same records a flat count at that level puts there. */
static int merge_tree_level(vp_count *c, const json_t *tree, int depth, int want, vp_err *e)
{
	static const char *const kids[] = {"places", "localities"};
	const char *name;
	const json_t *g;
	if (!json_is_object(tree))
		return vp_errf(e, EX_DATAERR, "malformed \"systems\" tree");
	json_object_foreach((json_t *)tree, name, g) {
		if (depth == want) {
			struct group *dst = doc_group(c, &c->flat, name, e);
			if (!dst || merge_group(c, dst, g, -1, dst->name, e))
				return e->code;
		} else if (merge_tree_level(c, json_object_get(g, kids[depth]), depth + 1, want, e)) {
			return e->code;
		}
	}
	return 0;
}

json_t *vp_count_relevel(const json_t *doc, int level, vp_err *e)
{
	vp_count_opts o;
	char by[256];
	if (vp_count_doc_opts(doc, &o, by, sizeof by, e))
		return NULL;
	if (o.by) {
		vp_errf(e, EX_DATAERR, "--level %s: the counts are by %s, not by locality level",
		        vp_level_name(level), o.by);
		return NULL;
	}
	if (!o.nested && o.level != level) {
		vp_errf(e, EX_DATAERR, "--level %s: the counts are at level %s and have no nested "
		        "levels (count with vp-count --nested)", vp_level_name(level),
		        vp_level_name(o.level));
		return NULL;
	}
	o.level = level;
	vp_count *c = vp_count_new(&o);
	json_t *out = NULL;
	if (!c)
		vp_errf(e, EX_OSERR, "out of memory");
	else if (vp_count_merge(c, doc, e) == 0 && !(out = vp_count_json(c)))
		vp_errf(e, EX_OSERR, "out of memory");
	vp_count_free(c);
	return out;
}

static int check_sums(const json_t *doc, const vp_count_opts *o, vp_err *e);

static int merge_doc(vp_count *c, const json_t *doc, int whole, vp_err *e)
{
	vp_count_opts o;
	char by[256];
	int rc = vp_count_doc_opts(doc, &o, by, sizeof by, e);
	if (rc)
		return rc;
	/* Both nested: the flat groups at c's level can be rebuilt from the tree,
	 * so the level counted at does not have to match. */
	int relevel = !o.by && !c->o.by && o.nested && c->o.nested && o.level != c->o.level;
	if (!!o.by != !!c->o.by || (o.by && strcmp(o.by, c->o.by) != 0) ||
	    (!o.by && o.level != c->o.level && !relevel)) {
		char mine[300], theirs[300];
		snprintf(mine, sizeof mine, "%s %s", c->o.by ? "--by" : "--level",
		         c->o.by ? c->o.by : vp_level_name(c->o.level));
		snprintf(theirs, sizeof theirs, "%s %s", o.by ? "--by" : "--level",
		         o.by ? o.by : vp_level_name(o.level));
		return vp_errf(e, EX_DATAERR, "counted with %s, not %s as the first document",
		               theirs, mine);
	}
	if (o.nested != c->o.nested)
		return vp_errf(e, EX_DATAERR, "counted %s --nested, unlike the first document",
		               o.nested ? "with" : "without");
	if (o.quotes != c->o.quotes)
		return vp_errf(e, EX_DATAERR, "counted with --quotes %zu, not %zu as the first "
		               "document", o.quotes, c->o.quotes);
	if (o.quote_polarity != c->o.quote_polarity)
		return vp_errf(e, EX_DATAERR, "counted %s --quote-polarity, unlike the first "
		               "document", o.quote_polarity ? "with" : "without");
	if (o.per != c->o.per)
		return vp_errf(e, EX_DATAERR, "counted with --per %s, unlike the first document",
		               o.per == VP_PER_RESPONDENT ? "respondent" : "answer");
	if (o.dedup != c->o.dedup)
		return vp_errf(e, EX_DATAERR, "counted %s --dedup, unlike the first document",
		               o.dedup ? "with" : "without");
	/* one lexicon: a document of records fixes it or must agree; one of
	 * none (an empty split) has none to say */
	const json_t *lex = json_object_get(doc, "lexicon"), *nrecs = json_object_get(doc, "records");
	if (lex && (!json_is_string(lex) ||
	            !vp_lexicon_fingerprint_valid(json_string_value(lex), json_string_length(lex))))
		return vp_errf(e, EX_DATAERR, "bad \"lexicon\": " VP_LEXICON_FP_NOT);
	if (json_integer_value(nrecs) > 0 && vpc_lexicon_take(c, json_string_value(lex), 1, e))
		return e->code;
	if (json_object_get(doc, "respondents"))
		c->has_resp = 1;
	unsigned long notadj = 0;
	if (get_count_or(doc, "respondents_not_adjacent", 0, &notadj, "document", e) ||
	    add_count(&c->reappeared, notadj, "document", e))
		return e->code;
	const json_t *camps = json_object_get(doc, "campaigns");
	size_t ci;
	const json_t *cj;
	json_array_foreach(camps, ci, cj) {
		const char *id = json_string_value(json_object_get(cj, "id"));
		const char *fid = json_string_value(json_object_get(cj, "example_id"));
		const char *ftext = json_string_value(json_object_get(cj, "first_text"));
		unsigned long size;
		if (!id || get_count(cj, "copies", &size, "campaign", e) || !fid != !ftext)
			return vp_errf(e, EX_DATAERR, "campaigns[%zu] is malformed", ci);
		/* its ids and first text masked as vp-count masks them */
		if (vpc_mask_cstr(c, &c->camp_id, id) ||
		    (fid && (vpc_mask_cstr(c, &c->camp_ex, fid) || vpc_redact_into(c, ftext))))
			return vp_errf(e, EX_OSERR, "out of memory");
		if (vpc_campaign_merge(c, c->camp_id.data, size, fid ? c->camp_ex.data : NULL,
		                       fid ? c->redacted.data : NULL, e))
			return e->code;
	}
	unsigned long rejected = 0;
	json_t *rj = json_object_get(doc, "rejected");
	if (rj && get_count(doc, "rejected", &rejected, "document", e))
		return e->code;
	const json_t *groups = json_object_get(doc, c->o.by ? "groups" : "localities");
	const char *name;
	const json_t *g;
	if (relevel) {
		/* system nodes are at tree depth 0, places 1, localities 2 */
		int want = c->o.level == VP_LEVEL_SYSTEM ? 0 : c->o.level == VP_LEVEL_PLACE ? 1 : 2;
		if (merge_tree_level(c, json_object_get(doc, "systems"), 0, want, e))
			return e->code;
		groups = NULL;
	}
	json_object_foreach((json_t *)groups, name, g) {
		struct group *dst = doc_group(c, &c->flat, name, e);
		if (!dst)
			return e->code;
		if (merge_group(c, dst, g, -1, dst->name, e))
			return e->code;
	}
	if (merge_group(c, &c->total, json_object_get(doc, "total"), -1, "total", e))
		return e->code;
	if (c->o.nested) {
		const json_t *systems = json_object_get(doc, "systems");
		json_object_foreach((json_t *)systems, name, g) {
			struct group *dst = doc_group(c, &c->total.children, name, e);
			if (!dst)
				return e->code;
			if (merge_group(c, dst, g, 1, dst->name, e))
				return e->code;
		}
	}
	if (add_count(&c->rejected, rejected, "rejected", e))
		return e->code;
	/* vp-merge: a document of records had the --by member in some record
	 * unless it says "by_absent" (vp-count --part; without it, vp-count
	 * would have failed) -- what vp_count_check_by asks of the records */
	const json_t *nrec = json_object_get(doc, "records");
	if (whole && c->o.by && json_is_integer(nrec) && json_integer_value(nrec) > 0) {
		c->has_fields |= 1; /* not known: the message that does not say */
		c->has_by |= !json_object_get(doc, "by_absent");
	}
	return whole ? check_sums(doc, &o, e) : 0;
}

/* ---- the parts add up to the whole ------------------------------------ */

/* acc[key] += k (a zero is not stored: absent and 0 are one). */
static int sum_add(json_t *acc, const char *key, unsigned long k, const char *where, vp_err *e)
{
	if (!k)
		return 0;
	json_t *v = json_object_get(acc, key);
	unsigned long sum = v ? (unsigned long)json_integer_value(v) : 0;
	if (add_count(&sum, k, where, e))
		return e->code;
	return json_object_set_new(acc, key, json_integer((json_int_t)sum)) ? vp_oom(e) : 0;
}

/* The counts of a group (checked already by merge_group) that its parent's
 * are the sum of, added into acc: records, untagged, duplicates, not
 * tagged, sentiment labels and, under "themes", each theme's records and
 * labels.  Not respondents: one respondent's answers can be in several
 * groups, so a parent has at most their sum. */
static int sum_group(json_t *acc, const json_t *g, const char *where, vp_err *e)
{
	static const char *const keys[] = {"records", "untagged", "duplicates"};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (sum_add(acc, keys[i], (unsigned long)json_integer_value(json_object_get(g, keys[i])),
		            where, e))
			return e->code;
	const json_t *nt = json_object_get(json_object_get(g, "not_tagged"), "language");
	if (sum_add(acc, "not tagged", (unsigned long)json_integer_value(nt), where, e))
		return e->code;
	for (int i = 0; i < VP_SENT_N; i++)
		if (sum_add(acc, vp_sentiment_labels[i], (unsigned long)json_integer_value(
		                json_object_get(json_object_get(g, "sentiment"), vp_sentiment_labels[i])),
		            where, e))
			return e->code;
	json_t *themes = json_object_get(acc, "themes");
	if (!themes && (json_object_set_new(acc, "themes", json_object()) ||
	                !(themes = json_object_get(acc, "themes"))))
		return vp_oom(e);
	const char *name;
	const json_t *te;
	json_object_foreach((json_t *)json_object_get(g, "themes"), name, te) {
		json_t *t = json_object_get(themes, name);
		if (!t && (json_object_set_new(themes, name, json_object()) ||
		           !(t = json_object_get(themes, name))))
			return vp_oom(e);
		if (sum_add(t, "records", (unsigned long)json_integer_value(json_object_get(te, "records")),
		            where, e))
			return e->code;
		for (int i = 0; i < VP_SENT_N; i++)
			if (sum_add(t, vp_sentiment_labels[i], (unsigned long)json_integer_value(
			                json_object_get(json_object_get(te, "sentiment"),
			                                vp_sentiment_labels[i])), where, e))
				return e->code;
	}
	return 0;
}

/* Every key of a or of b the same in both (an absent count is 0); else
 * EX_DATAERR naming the first that differs. */
static int sums_equal(const json_t *whole, const json_t *parts, const char *theme,
                      const char *where, const char *what, vp_err *e)
{
	const json_t *sides[2] = {whole, parts};
	for (int s = 0; s < 2; s++) {
		const char *key;
		const json_t *v;
		json_object_foreach((json_t *)sides[s], key, v) {
			if (json_is_object(v))
				continue;
			json_int_t a = json_integer_value(json_object_get(whole, key));
			json_int_t b = json_integer_value(json_object_get(parts, key));
			if (a != b)
				return vp_errf(e, EX_DATAERR, "%s: %s%s%s\"%s\" is %lld, but its %s add up "
				               "to %lld", where, theme ? "theme \"" : "", theme ? theme : "",
				               theme ? "\": " : "", key, (long long)a, what, (long long)b);
		}
	}
	return 0;
}

/* whole's counts are the sum of those of the groups in the object parts
 * (what: "localities", "places", ...). */
static int check_sum(const json_t *whole, const json_t *parts, const char *where,
                     const char *what, vp_err *e)
{
	json_t *w = json_object(), *p = json_object();
	int rc = !w || !p ? vp_oom(e) : sum_group(w, whole, where, e);
	const char *name;
	const json_t *g;
	json_object_foreach((json_t *)parts, name, g) {
		if (rc || (rc = sum_group(p, g, where, e)))
			break;
	}
	if (!rc && !(rc = sums_equal(w, p, NULL, where, what, e))) {
		const json_t *wt = json_object_get(w, "themes"), *pt = json_object_get(p, "themes");
		const json_t *sides[2] = {wt, pt};
		for (int s = 0; !rc && s < 2; s++)
			json_object_foreach((json_t *)sides[s], name, g) {
				json_t *a = json_object_get(wt, name), *b = json_object_get(pt, name);
				json_t *none = json_object();
				rc = !none ? vp_oom(e) : sums_equal(a ? a : none, b ? b : none, name, where,
				                                     what, e);
				json_decref(none);
				if (rc)
					break;
			}
	}
	json_decref(w);
	json_decref(p);
	return rc;
}

/* Each node of a nested tree is the sum of its children, kids (at depth:
 * systems 0, places 1, localities 2). */
static int check_tree(const json_t *node, const json_t *kids, int depth, const char *where,
                      vp_err *e)
{
	if (check_sum(node, kids, where, child_key[depth], e))
		return e->code;
	if (depth == 2)
		return 0;
	const char *name;
	const json_t *k;
	json_object_foreach((json_t *)kids, name, k) {
		char *sub = depth ? vp_strf("%s/%s", where, name) : strdup(name);
		int rc = !sub ? vp_oom(e)
		              : check_tree(k, json_object_get(k, child_key[depth + 1]), depth + 1, sub, e);
		free(sub);
		if (rc)
			return rc;
	}
	return 0;
}

/* A document's total is what its groups add up to, level by level, and its
 * "records" the total's: else it was edited, or pasted together, and
 * summing or showing it would give columns that do not add up to their
 * Total.  After vp_count_merge's checks of each group. */
static int check_sums(const json_t *doc, const vp_count_opts *o, vp_err *e)
{
	const json_t *total = json_object_get(doc, "total");
	static const char *const plural[] = {"localities", "places", "systems"};
	const char *what = o->by ? "groups"
	                 : o->level >= 0 && o->level < 3 ? plural[o->level] : "groups";
	if (check_sum(total, json_object_get(doc, o->by ? "groups" : "localities"), "total", what, e))
		return e->code;
	if (o->nested && check_tree(total, json_object_get(doc, "systems"), 0, "total", e))
		return e->code;
	const json_t *rec = json_object_get(doc, "records");
	if (rec && json_integer_value(rec) != json_integer_value(json_object_get(total, "records")))
		return vp_errf(e, EX_DATAERR, "\"records\" is %lld, but \"total\" has %lld",
		               (long long)json_integer_value(rec),
		               (long long)json_integer_value(json_object_get(total, "records")));
	return 0;
}

int vp_count_merge(vp_count *c, const json_t *doc, vp_err *e)
{
	return merge_doc(c, doc, 1, e);
}

int vp_count_absorb(vp_count *c, const vp_count *src, vp_err *e)
{
	/* the document without its flat groups (an empty object in their
	 * place), then those a group at a time: never the whole document */
	json_t *doc = count_json(src, 0), *none = json_object();
	if (!doc || !none ||
	    json_object_set_new(doc, src->o.by ? "groups" : "localities", none)) {
		json_decref(doc);
		return vp_errf(e, EX_OSERR, "out of memory");
	}
	int rc = merge_doc(c, doc, 0, e); /* no groups: no sums to check */
	json_decref(doc);
	c->has_by |= src->has_by; /* what vp_count_check_by asks of the records */
	c->has_fields |= src->has_fields;
	for (size_t i = 0; i < src->flat.cap && rc == 0; i++) {
		const struct group *g = src->flat.slot[i];
		if (!g)
			continue;
		json_t *gj = group_json(src, g, -1);
		struct group *dst;
		if (!gj)
			rc = vp_errf(e, EX_OSERR, "out of memory");
		else if (!(dst = vpc_gmap_get(c, &c->flat, g->name, e)))
			rc = e->code; /* filled by vpc_gmap_get: the limit, or memory */
		else
			rc = merge_group(c, dst, gj, -1, g->name, e);
		json_decref(gj);
	}
	return rc;
}

int vp_count_doc_check(const json_t *doc, const struct vp_given_names *given, vp_err *e)
{
	vp_count_opts o;
	char by[256];
	int rc = vp_count_doc_opts(doc, &o, by, sizeof by, e);
	if (rc)
		return rc;
	o.given_names = given;
	vp_count *c = vp_count_new(&o);
	if (!c)
		return vp_oom(e);
	rc = vp_count_merge(c, doc, e);
	/* a vp-count --part document that says "by_absent" is a part for
	 * vp-merge, not a whole: read as one, every record is Unassigned under
	 * a --by member no record had -- vp-merge's error, in its words */
	if (!rc)
		rc = vp_count_check_by(c, e);
	vp_count_free(c);
	return rc;
}
