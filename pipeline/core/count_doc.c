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
#include "count_impl.h"

/* ---- output ---------------------------------------------------------- */

static const char *const child_key[] = {"systems", "places", "localities"};

static int set_new(json_t *obj, const char *key, json_t *v)
{
	return v ? json_object_set_new(obj, key, v) : -1;
}

static json_t *group_json(const vp_count *c, const struct group *g, int depth)
{
	json_t *o = json_object(), *themes = json_object();
	if (!o || !themes)
		goto fail;
	if (set_new(o, "records", json_integer((json_int_t)g->records)) ||
	    set_new(o, "untagged", json_integer((json_int_t)g->untagged)))
		goto fail;
	for (size_t t = 0; t < g->ncounts && t < c->themes.n; t++) {
		if (!g->counts[t])
			continue;
		json_t *te = json_object();
		if (set_new(themes, c->themes.name[t], te) ||
		    set_new(te, "records", json_integer((json_int_t)g->counts[t])) ||
		    set_new(te, "share", json_real(g->records ? vpc_round_to(
		                 (double)g->counts[t] / (double)g->records, 1e4) : 0)))
			goto fail;
		if (!c->o.quotes)
			continue;
		json_t *qs = json_array();
		if (set_new(te, "quotes", qs))
			goto fail;
		for (size_t i = 0; i < g->quotes[t].n; i++) {
			const struct quote *q = &g->quotes[t].q[i];
			json_t *qo = json_object();
			if (json_array_append_new(qs, qo) || !qo ||
			    set_new(qo, "id", json_string(q->id)) ||
			    set_new(qo, "score", json_real(q->score)) ||
			    set_new(qo, "text", json_string(q->text)))
				goto fail;
		}
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

json_t *vp_count_json(const vp_count *c)
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
	} else if (set_new(doc, "level", json_string(vp_level_name(c->o.level)))) {
		goto fail;
	}
	if (c->o.quotes &&
	    set_new(doc, "quotes_per_theme", json_integer((json_int_t)c->o.quotes)))
		goto fail;
	for (size_t i = 0; i < c->flat.cap; i++) {
		const struct group *g = c->flat.slot[i];
		if (g && set_new(groups, g->name, group_json(c, g, -1)))
			goto fail;
	}
	if (json_object_set_new(doc, c->o.by ? "groups" : "localities", groups)) {
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

int vp_count_write(FILE *out, const json_t *doc, vp_err *e)
{
	return vp_json_write(out, doc, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(10), e);
}

int vp_count_emit(const vp_count *c, FILE *out, vp_err *e)
{
	json_t *doc = vp_count_json(c);
	if (!doc)
		return vp_errf(e, EX_OSERR, "out of memory");
	int rc = vp_count_write(out, doc, e);
	json_decref(doc);
	return rc;
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
		if (vp_count_by_parse(by, bybuf, bysz) != 0)
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
		return vp_errf(e, EX_DATAERR, "%s: counts overflow (sum above %lld)", where,
		               LLONG_MAX);
	*sum += k;
	return 0;
}

static int merge_group(vp_count *c, struct group *g, const json_t *src, int depth,
                       const char *where, vp_err *e)
{
	unsigned long n, u;
	if (!json_is_object(src))
		return vp_errf(e, EX_DATAERR, "%s: not an object", where);
	if (get_count(src, "records", &n, where, e) || get_count(src, "untagged", &u, where, e))
		return e->code;
	if (u > n)
		return vp_errf(e, EX_DATAERR, "%s: more untagged records (%lu) than records (%lu)",
		               where, u, n);
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
		if (k > n)
			return vp_errf(e, EX_DATAERR, "%s: theme \"%s\" has more records than its "
			               "group (%lu > %lu)", where, name, k, n);
		if (!*name)
			return vp_errf(e, EX_DATAERR, "%s: empty theme name", where);
		size_t idx = vpc_tmap_intern(&c->themes, name);
		if (idx == (size_t)-1 || vpc_group_fit(c, g) != 0)
			return vp_errf(e, EX_OSERR, "out of memory");
		if (add_count(&g->counts[idx], k, where, e))
			return e->code;
		if (!c->o.quotes)
			continue;
		const json_t *qs = json_object_get(te, "quotes");
		size_t i;
		const json_t *q;
		if (!json_is_array(qs))
			return vp_errf(e, EX_DATAERR, "%s: theme \"%s\" has no quotes list",
			               where, name);
		json_array_foreach(qs, i, q) {
			const char *id = json_string_value(json_object_get(q, "id"));
			const char *text = json_string_value(json_object_get(q, "text"));
			json_t *score = json_object_get(q, "score");
			if (!id || !text || !json_is_number(score))
				return vp_errf(e, EX_DATAERR, "%s: theme \"%s\": malformed quote",
				               where, name);
			if (vpc_quote_offer(c, &g->quotes[idx], json_number_value(score), id, text))
				return vp_errf(e, EX_OSERR, "out of memory");
		}
	}
	if (vpc_group_fit(c, g) != 0)
		return vp_errf(e, EX_OSERR, "out of memory");
	if (add_count(&g->records, n, where, e) || add_count(&g->untagged, u, where, e))
		return e->code;
	if (depth < 0 || depth >= 3)
		return 0;
	const json_t *kids = json_object_get(src, child_key[depth]);
	if (!json_is_object(kids))
		return vp_errf(e, EX_DATAERR, "%s: no \"%s\" object", where, child_key[depth]);
	const json_t *k;
	json_object_foreach((json_t *)kids, name, k) {
		struct group *kg = vpc_gmap_get(c, &g->children, name, e);
		if (!kg)
			return e->code;
		char sub[256];
		snprintf(sub, sizeof sub, "%s/%s", where, name);
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
			struct group *dst = vpc_gmap_get(c, &c->flat, name, e);
			if (!dst || merge_group(c, dst, g, -1, name, e))
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

int vp_count_merge(vp_count *c, const json_t *doc, vp_err *e)
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
		struct group *dst = vpc_gmap_get(c, &c->flat, name, e);
		if (!dst)
			return e->code;
		if (merge_group(c, dst, g, -1, name, e))
			return e->code;
	}
	if (merge_group(c, &c->total, json_object_get(doc, "total"), -1, "total", e))
		return e->code;
	if (c->o.nested) {
		const json_t *systems = json_object_get(doc, "systems");
		json_object_foreach((json_t *)systems, name, g) {
			struct group *dst = vpc_gmap_get(c, &c->total.children, name, e);
			if (!dst)
				return e->code;
			if (merge_group(c, dst, g, 1, name, e))
				return e->code;
		}
	}
	return add_count(&c->rejected, rejected, "rejected", e);
}
