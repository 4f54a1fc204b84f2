/* locate.c - see include/voxpop/locate.h */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/jscan.h"
#include "voxpop/jsonw.h"
#include "voxpop/ingest.h"
#include "voxpop/locate.h"
#include "voxpop/record.h"
#include "voxpop/postcode.h"
#include "voxpop/redact.h"
#include "voxpop/str.h"

enum { SHOWN_MAX = 80 }; /* bytes of an unresolved value kept for the report */

struct vp_tally_entry {
	char *shown;  /* first spelling seen, postcodes cut to districts; the
	               * normalised key (what is counted together) is in index */
	unsigned long n;
};

/* The JSON object and key holding field `name`: the record itself, or its
 * "fields" object (where vp-ingest keeps the other columns). */
static json_t *find_field(json_t *rec, const char *name, json_t **holder)
{
	json_t *v = json_object_get(rec, name);
	*holder = rec;
	if (!v) {
		json_t *fields = json_object_get(rec, "fields");
		if (json_is_object(fields) && (v = json_object_get(fields, name)))
			*holder = fields;
	}
	return v;
}

/* The string value of field name ("" when absent or null). */
static int field_string(json_t *rec, const char *name, json_t **holder,
                        const char **s, size_t *n, vp_err *e)
{
	*s = "";
	*n = 0;
	*holder = NULL;
	if (!name)
		return 0;
	json_t *v = find_field(rec, name, holder);
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return vp_errf(e, EX_DATAERR, "field '%s' is not a string", name);
	*s = json_string_value(v);
	*n = json_string_length(v);
	if (memchr(*s, 0, *n)) /* would be matched cut short */
		return vp_errf(e, EX_DATAERR, "field '%s' contains a NUL character (\\u0000)", name);
	return 0;
}

static int set_str(json_t *obj, const char *key, const char *s, size_t n)
{
	json_t *v = json_stringn(s, n);
	return v ? json_object_set_new(obj, key, v) : -1;
}

/* ---- report table -------------------------------------------------------- */

void vp_locate_report_init(vp_locate_report *r, size_t limit)
{
	memset(r, 0, sizeof *r);
	r->limit = limit ? limit : 1000;
}

void vp_locate_report_free(vp_locate_report *r)
{
	for (size_t i = 0; i < r->used; i++)
		free(r->tab[i].shown);
	free(r->tab);
	vp_strmap_free(&r->index);
	memset(r, 0, sizeof *r);
}

/* Count one unresolved value (shown masked with g's list of given names). */
static int tally(const vp_gazetteer *g, vp_locate_report *r, const char *raw, size_t n)
{
	vp_buf key = VP_BUF_INIT;
	if (vp_gazetteer_normalise(raw, n, &key) < 0) {
		vp_buf_free(&key);
		return -1;
	}
	const char *k = key.data ? key.data : "";
	size_t *at = vp_strmap_get(&r->index, k, key.len);
	if (at) {
		r->tab[*at].n++;
	} else if (r->used >= r->limit) {
		r->other++;
	} else {
		/* Shown as vp-redact would write it (the report goes to stderr,
		 * which cron mails to people: a locality column can hold an
		 * address, a name, an e-mail), at most SHOWN_MAX bytes, cut at a
		 * UTF-8 character start. */
		vp_buf red = VP_BUF_INIT;
		if (vp_redact_with(vp_gazetteer_given(g), raw, n, &red) != 0) {
			vp_buf_free(&key);
			return -1;
		}
		const char *sv = red.data ? red.data : "";
		size_t m = red.len;
		if (m > SHOWN_MAX) {
			m = SHOWN_MAX;
			while (m > 0 && ((unsigned char)sv[m] & 0xC0) == 0x80)
				m--;
		}
		char *shown = malloc(m + 1);
		if (!shown || vp_grow(&r->tab, &r->cap, r->used + 1, sizeof *r->tab) < 0 ||
		    vp_strmap_put(&r->index, k, key.len, r->used, NULL) < 0) {
			free(shown);
			vp_buf_free(&red);
			vp_buf_free(&key);
			return -1;
		}
		memcpy(shown, sv, m);
		shown[m] = '\0';
		vp_buf_free(&red);
		r->tab[r->used++] = (struct vp_tally_entry){shown, 1};
	}
	vp_buf_free(&key);
	return 0;
}

int vp_locate_report_add(vp_locate_report *to, const vp_locate_report *from)
{
	to->records += from->records;
	to->located += from->located;
	to->ambiguous += from->ambiguous;
	to->unresolved += from->unresolved;
	to->outside += from->outside;
	to->no_value += from->no_value;
	to->corrected += from->corrected;
	to->field_found += from->field_found;
	to->postcode_found += from->postcode_found;
	to->fields_seen += from->fields_seen;
	to->text_home += from->text_home;
	to->text_set_aside += from->text_set_aside;
	to->text_undecided += from->text_undecided;
	to->text_journey += from->text_journey;
	to->other += from->other;
	if (!from->used)
		return 0;
	/* from's keys in its table's order (first sight), so that the values
	 * `to` takes before its limit are those one report would have */
	const vp_strmap_slot **key = calloc(from->used, sizeof *key);
	if (!key)
		return -1;
	const vp_strmap_slot *s;
	for (size_t i = 0; (s = vp_strmap_next(&from->index, &i));)
		key[s->val] = s;
	int rc = 0;
	for (size_t i = 0; i < from->used && rc == 0; i++) {
		const struct vp_tally_entry *f = &from->tab[i];
		size_t *at = vp_strmap_get(&to->index, key[i]->key, key[i]->len);
		if (at) {
			to->tab[*at].n += f->n;
		} else if (to->used >= to->limit) {
			to->other += f->n;
		} else {
			char *shown = strdup(f->shown);
			if (!shown || vp_grow(&to->tab, &to->cap, to->used + 1, sizeof *to->tab) < 0 ||
			    vp_strmap_put(&to->index, key[i]->key, key[i]->len, to->used, NULL) < 0) {
				free(shown);
				rc = -1;
			} else {
				to->tab[to->used++] = (struct vp_tally_entry){shown, f->n};
			}
		}
	}
	free(key);
	return rc;
}

int vp_locate_report_print(const vp_locate_report *r, size_t top, const char *prog, FILE *err)
{
	vp_buf text = VP_BUF_INIT;
	int rc = vp_locate_report_format(r, top, &text);
	if (rc == 0)
		fprintf(err, "%s: %s", prog, text.data);
	vp_buf_free(&text);
	return rc;
}

static int by_count(const void *a, const void *b)
{
	const struct vp_tally_entry *x = *(const struct vp_tally_entry *const *)a;
	const struct vp_tally_entry *y = *(const struct vp_tally_entry *const *)b;
	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->shown, y->shown);
}

int vp_locate_report_format(const vp_locate_report *r, size_t top, vp_buf *out)
{
	if (vp_buf_printf(out, "%lu records: %lu located, %lu partly located (ambiguous), "
	                  "%lu unresolved, %lu outside (known places in no system), "
	                  "%lu with no value; %lu located after correcting a spelling\n",
	                  r->records, r->located, r->ambiguous, r->unresolved, r->outside,
	                  r->no_value, r->corrected) < 0)
		return -1;
	if ((r->text_home || r->text_set_aside || r->text_undecided) &&
	    vp_buf_printf(out, "text naming places that disagree: %lu located by a home cue "
	                  "(\"I live in X\", \"I'm from X\"), %lu by setting aside places gone to "
	                  "or left (\"to X\", \"at X\", \"used to live in X\"), %lu left partly "
	                  "located (no cue says which is home)\n",
	                  r->text_home, r->text_set_aside, r->text_undecided) < 0)
		return -1;
	if (r->text_journey &&
	    vp_buf_printf(out, "text naming only places travelled to (\"travel to X\", \"drive to "
	                  "X\", \"miles to X\"): %lu not located, counted above as unresolved or "
	                  "with no value (the commenter lives elsewhere, perhaps in another "
	                  "system)\n", r->text_journey) < 0)
		return -1;
	if (!r->used)
		return 0;
	struct vp_tally_entry **v = malloc(r->used * sizeof *v);
	if (!v)
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < r->used; i++)
		v[n++] = &r->tab[i];
	qsort(v, n, sizeof *v, by_count);
	int rc = vp_buf_printf(out, "unresolved values (count, value); add them to a "
	                       "gazetteer in lexicons/localities/:\n");
	unsigned long rest = r->other;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (i < top)
			rc = vp_buf_printf(out, "%7lu\t%s\n", v[i]->n, v[i]->shown);
		else
			rest += v[i]->n;
	}
	if (rc == 0 && rest)
		rc = vp_buf_printf(out, "%7lu\t(other values)\n", rest);
	free(v);
	return rc;
}

/* ---- one record ---------------------------------------------------------- */

/* The decision, shared by both ways of applying it: from the raw locality,
 * postcode and text strings, the values with full postcodes cut to
 * districts (loc_red, pc_red), what resolved it (source, with
 * " (corrected)") and the resolved names; rep counted.  0, or -1 when out
 * of memory. */
static int decide(const vp_gazetteer *g, const char *loc, size_t nloc, const char *pc,
                  size_t npc, const char *text, size_t ntext, vp_locate_report *rep,
                  vp_buf *loc_red, vp_buf *pc_red, vp_buf *source, vp_resolved *r)
{
	vp_buf_clear(loc_red);
	vp_buf_clear(pc_red);
	vp_buf_clear(source);
	if (vp_postcode_reduce(loc, nloc, loc_red) < 0 || vp_postcode_reduce(pc, npc, pc_red) < 0)
		return -1;

	vp_locus acc, m;
	vp_locus_clear(&acc);
	int outside = 0, no_answer = 0, text_rule = VP_TEXT_AGREED;
	/* What each field said: found here (1), somewhere else (-1: a postcode
	 * not in the gazetteer, an outside place, "Melton, Suffolk"), or
	 * nothing (0).  Here and elsewhere at once is a contradiction. */
	int said[2] = {0, 0};
	/* Postcode first, then the locality field: each narrows the other;
	 * the text is read only when neither gave anything. */
	struct {
		const char *s;
		size_t n;
		enum vp_match_mode mode;
		const char *name;
	} in[] = {
		{pc_red->data, pc_red->len, VP_MATCH_FIELD, "postcode"},
		{loc_red->data, loc_red->len, VP_MATCH_FIELD, "locality"},
		{text, ntext, VP_MATCH_TEXT, "text"},
	};
	for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
		if (in[i].mode == VP_MATCH_TEXT && (acc.found || said[0] || said[1]))
			break;
		if (vp_blank(in[i].s, in[i].n))
			continue;
		int got = vp_gazetteer_match(g, in[i].s, in[i].n, in[i].mode, &m);
		if (got < 0)
			return -1;
		outside |= m.outside;
		no_answer |= m.no_answer;
		if (in[i].mode == VP_MATCH_TEXT) /* VP_TEXT_JOURNEY: found nothing */
			text_rule = m.text_rule;
		if (i < 2) {
			char d[8];
			said[i] = got ? 1 : m.outside || m.elsewhere ? -1 : 0;
			if (i == 0 && !got && vp_postcode_parse(in[i].s, in[i].n, d, NULL) > 0)
				said[i] = -1; /* a postcode district in no system */
		}
		if (!got)
			continue;
		vp_locus_combine(&acc, &m);
		if ((source->len && vp_buf_putc(source, '+') < 0) || vp_buf_puts(source, in[i].name) < 0)
			return -1;
	}
	int contradicted = (said[0] == 1 && said[1] == -1) || (said[0] == -1 && said[1] == 1);
	if (contradicted) { /* Melton with postcode IP12 1AA: neither is trusted */
		vp_locus_clear(&acc);
		outside = no_answer = 0;
		vp_buf_clear(source);
	}
	vp_gazetteer_resolve(g, &acc, r);
	if (r->corrected && vp_buf_puts(source, " (corrected)") < 0)
		return -1;

	if (rep) {
		rep->records++;
		rep->corrected += r->corrected;
		rep->text_home += text_rule == VP_TEXT_HOME;
		rep->text_set_aside += text_rule == VP_TEXT_SET_ASIDE;
		rep->text_undecided += text_rule == VP_TEXT_UNDECIDED;
		rep->text_journey += text_rule == VP_TEXT_JOURNEY;
		if (r->found && !r->ambiguous) {
			rep->located++;
		} else if (r->found) {
			rep->ambiguous++;
		} else if (outside) {
			rep->outside++;
		} else if (no_answer) {
			rep->no_value++;
		} else if (contradicted) { /* listed as both values: "Melton / postcode IP12" */
			rep->unresolved++;
			vp_buf both = VP_BUF_INIT;
			int trc = vp_buf_printf(&both, "%.*s / postcode %.*s", (int)loc_red->len,
			                        loc_red->data, (int)pc_red->len, pc_red->data);
			if (trc == 0)
				trc = tally(g, rep, both.data, both.len);
			vp_buf_free(&both);
			if (trc < 0)
				return -1;
		} else if (!vp_blank(loc_red->data, loc_red->len) || !vp_blank(pc_red->data, pc_red->len)) {
			rep->unresolved++;
			const vp_buf *v = vp_blank(loc_red->data, loc_red->len) ? pc_red : loc_red;
			if (tally(g, rep, v->data, v->len) < 0)
				return -1;
		} else {
			rep->no_value++;
		}
	}
	return 0;
}

/* The members written, in the order they are added to a record. */
static const char *const written[] = {"locality_raw", "locality", "place", "system",
                                      "locality_source", "locality_ambiguous"};
enum { NWRITTEN = sizeof written / sizeof *written };

unsigned vp_locate_written_bit(const char *name)
{
	for (size_t i = 0; i < NWRITTEN; i++)
		if (strcmp(name, written[i]) == 0)
			return 1u << i;
	return 0;
}

void vp_locate_warn_missing(const vp_locate_report *r, const vp_locate_opts *o,
                            const char *prog, FILE *err)
{
	int own = !o->field || strcmp(o->field, "locality") == 0; /* vp-ingest's member */
	const char *name[2] = {!own && r->field_found == 0 ? o->field : NULL,
	                       o->postcode_field && r->postcode_found == 0 ? o->postcode_field : NULL};
	for (int i = 0; i < 2 && r->records; i++)
		if (name[i]) {
			fprintf(err, "%s: warning: no record has \"%s\" (nor in its \"fields\"), so none "
			        "was located by it: ", prog, name[i]);
			vp_ingest_fields_hint(err, name[i], r->fields_seen != 0);
			fputc('\n', err);
		}
}

int vp_locate_record(const vp_gazetteer *g, const vp_locate_opts *o, json_t *rec,
                     vp_locate_report *rep, vp_err *e)
{
	const char *field = o->field ? o->field : "locality";
	const char *loc, *pc, *text;
	size_t nloc, npc, ntext;
	json_t *loc_holder, *pc_holder, *text_holder;
	int rc;

	/* Run twice, vp-locate reads what it kept the first time; a record it
	 * located without a locality value (from a postcode or the text) has
	 * "locality_source" but no "locality_raw", and its "locality" is ours. */
	const char *raw_key = field;
	if (strcmp(field, "locality") == 0 && json_is_string(json_object_get(rec, "locality_raw")))
		raw_key = "locality_raw";
	else if (strcmp(field, "locality") == 0 &&
	         json_is_string(json_object_get(rec, "locality_source")))
		raw_key = NULL;
	/* counted before a value that is not a string rejects the record: the
	 * field is there (the warning at the end is for a field not there) */
	if (rep) {
		json_t *h;
		rep->field_found += !raw_key || find_field(rec, raw_key, &h);
		rep->postcode_found += o->postcode_field && find_field(rec, o->postcode_field, &h);
		rep->fields_seen += json_is_object(json_object_get(rec, "fields"));
	}
	if ((rc = field_string(rec, raw_key, &loc_holder, &loc, &nloc, e)) ||
	    (rc = field_string(rec, o->postcode_field, &pc_holder, &pc, &npc, e)) ||
	    (rc = field_string(rec, o->text_field, &text_holder, &text, &ntext, e)))
		return rc;
	vp_buf loc_red = VP_BUF_INIT, pc_red = VP_BUF_INIT, source = VP_BUF_INIT;
	vp_resolved r;
	rc = EX_OSERR;
	if (decide(g, loc, nloc, pc, npc, text, ntext, rep, &loc_red, &pc_red, &source, &r) < 0)
		goto done;

	/* Fields read are written back with full postcodes cut to districts.
	 * (vp_locate_line makes the same changes in the same order.) */
	if (loc_holder && loc_red.len != nloc &&
	    set_str(loc_holder, raw_key, loc_red.data, loc_red.len) < 0)
		goto done;
	if (pc_holder && pc_red.len != npc && set_str(pc_holder, o->postcode_field, pc_red.data,
	                                              pc_red.len) < 0)
		goto done;
	if (!vp_blank(loc_red.data, loc_red.len) &&
	    set_str(rec, written[0], loc_red.data, loc_red.len) < 0)
		goto done;
	const char *src = r.found ? source.data : "none";
	if (set_str(rec, written[1], r.locality, strlen(r.locality)) < 0 ||
	    set_str(rec, written[2], r.place, strlen(r.place)) < 0 ||
	    set_str(rec, written[3], r.system, strlen(r.system)) < 0 ||
	    set_str(rec, written[4], src, strlen(src)) < 0 ||
	    json_object_set_new(rec, written[5], json_boolean(r.ambiguous)) < 0)
		goto done;
	rc = 0;
done:
	if (rc)
		vp_errf(e, rc, "out of memory");
	vp_buf_free(&loc_red);
	vp_buf_free(&pc_red);
	vp_buf_free(&source);
	return rc;
}

/* ---- one record line, without a tree ------------------------------------- */

void vp_locate_work_free(vp_locate_work *w)
{
	for (size_t i = 0; i < sizeof w->in / sizeof *w->in; i++)
		vp_buf_free(&w->in[i]);
	vp_buf_free(&w->loc);
	vp_buf_free(&w->pc);
	vp_buf_free(&w->source);
	vp_buf_free(&w->json);
	vp_buf_free(&w->append);
}

/* One member set, as json_object_set would: its value in the line (at,
 * to be replaced), or at == NULL for a new member KEY of the record (to be
 * appended); the new value is json[off..off+len). */
struct set {
	const char *at;
	size_t n;
	const char *key;
	size_t off, len;
	unsigned bit; /* VP_LOCATE_W_* of a member written; 0: a field read */
};

enum { MAX_SETS = NWRITTEN + 2 };

/* Set a member to the JSON text the caller appended to w->json from off
 * to end.  A member set again keeps its first place, with the new value:
 * the same value in the line, or the same new key. */
static void add_set(struct set *sets, size_t *nsets, vp_jspan at, const char *key, size_t off,
                    size_t end, unsigned bit)
{
	for (size_t i = 0; i < *nsets; i++)
		if (at.p ? sets[i].at == at.p : (!sets[i].at && sets[i].key == key)) {
			sets[i].off = off;
			sets[i].len = end - off;
			if (sets[i].bit != bit) /* a field read that is also written: kept */
				sets[i].bit = 0;
			return;
		}
	sets[(*nsets)++] = (struct set){at.p, at.n, key, off, end - off, bit};
}

/* ed[0..n) sorted by place in the line (insertion sort: at most MAX_SETS). */
static void edits_in_line_order(vp_jedit *ed, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && ed[k].at.p < ed[k - 1].at.p; k--) {
			vp_jedit t = ed[k];
			ed[k] = ed[k - 1];
			ed[k - 1] = t;
		}
}

int vp_locate_line(const vp_gazetteer *g, const vp_locate_opts *o, const char *line, size_t n,
                   FILE *out, size_t max, vp_locate_report *rep, vp_locate_work *w, vp_err *e)
{
	const char *field = o->field ? o->field : "locality";
	const char *pcf = o->postcode_field, *tf = o->text_field;
	if (!vp_jscan_plain_name(field) || (pcf && !vp_jscan_plain_name(pcf)) ||
	    (tf && !vp_jscan_plain_name(tf)))
		return VP_LOCATE_UNSURE;

	/* The record's members read and written.  An option not given looks
	 * for `field` again (its span is never used as that input). */
	enum { K_FIELD, K_PC, K_TEXT, K_FIELDS, K_WRITTEN, NK = K_WRITTEN + NWRITTEN };
	const char *keys[NK] = {field, pcf ? pcf : field, tf ? tf : field, "fields"};
	for (size_t i = 0; i < NWRITTEN; i++)
		keys[K_WRITTEN + i] = written[i];
	vp_jspan v[NK];
	/* _once: a member repeated would keep its earlier values in the line
	 * (jansson keeps only the last). */
	if (vp_jscan_members_once(line, n, keys, NK, v) != VP_JSCAN_OK)
		return VP_LOCATE_UNSURE;

	/* The inputs, as find_field and field_string see them. */
	const char *raw_key = field;
	vp_jspan raw = v[K_FIELD];
	int no_raw = 0; /* located before without a locality value (as vp_locate_record) */
	if (strcmp(field, "locality") == 0 && v[K_WRITTEN].p && v[K_WRITTEN].p[0] == '"') {
		raw_key = "locality_raw";
		raw = v[K_WRITTEN];
	} else if (strcmp(field, "locality") == 0 && v[K_WRITTEN + 4].p &&
	           v[K_WRITTEN + 4].p[0] == '"') {
		no_raw = 1;
	}
	const char *in_keys[3] = {raw_key, pcf ? pcf : raw_key, tf ? tf : raw_key};
	vp_jspan in[3] = {raw, pcf ? v[K_PC] : (vp_jspan){NULL, 0}, tf ? v[K_TEXT] : (vp_jspan){NULL, 0}};
	int want[3] = {!no_raw, pcf != NULL, tf != NULL};
	int nested = 0;
	for (size_t i = 0; i < 3; i++)
		nested |= want[i] && !in[i].p;
	vp_jspan fields = v[K_FIELDS];
	if (nested && fields.p && fields.p[0] == '{') {
		/* not in the record: in its "fields", as find_field looks */
		vp_jspan fv[3];
		if (vp_jscan_validated_members(fields, in_keys, 3, fv, 1) != VP_JSCAN_OK)
			return VP_LOCATE_UNSURE;
		for (size_t i = 0; i < 3; i++)
			if (want[i] && !in[i].p)
				in[i] = fv[i];
	}
	const char *s[3] = {"", "", ""};
	size_t len[3] = {0, 0, 0};
	for (size_t i = 0; i < 3; i++) {
		if (!want[i] || !in[i].p || in[i].p[0] == 'n')
			continue;
		if (in[i].p[0] != '"') /* not a string: jansson says so */
			return VP_LOCATE_UNSURE;
		vp_buf_clear(&w->in[i]);
		if (vp_jscan_string(in[i], &w->in[i], &s[i], &len[i]) < 0)
			return vp_oom(e);
		if (memchr(s[i], 0, len[i]))
			return VP_LOCATE_UNSURE; /* a NUL: the jansson path refuses it */
	}

	/* From here on the line is accepted: the report counts it. */
	if (rep) {
		rep->field_found += !want[0] || in[0].p;
		rep->postcode_found += pcf && in[1].p;
		rep->fields_seen += fields.p && fields.p[0] == '{';
	}
	vp_resolved r;
	if (decide(g, s[0], len[0], s[1], len[1], s[2], len[2], rep, &w->loc, &w->pc, &w->source,
	           &r) < 0)
		return vp_oom(e);

	/* The same changes as vp_locate_record, in the same order.  A field
	 * read is set where it was found (in[]); the members written are
	 * found by the first scan (a field of the same name shares its span). */
	struct set sets[MAX_SETS];
	size_t nsets = 0, off;
	vp_buf *j = &w->json;
	vp_buf_clear(j);
#define SET(at, key, bit, put)                                        \
	do {                                                          \
		off = j->len;                                         \
		if ((put) < 0)                                        \
			return vp_oom(e); \
		add_set(sets, &nsets, at, key, off, j->len, bit);     \
	} while (0)
	if (w->loc.len != len[0]) /* then in[0] is a string that had a postcode */
		SET(in[0], raw_key, 0, vp_json_str(j, w->loc.data, w->loc.len));
	if (pcf && w->pc.len != len[1])
		SET(in[1], pcf, 0, vp_json_str(j, w->pc.data, w->pc.len));
	/* written[i], its VP_LOCATE_W_* bit 1 << i */
#define SET_WRITTEN(i, put) SET(v[K_WRITTEN + (i)], written[i], 1u << (i), put)
	if (!vp_blank(w->loc.data, w->loc.len))
		SET_WRITTEN(0, vp_json_str(j, w->loc.data, w->loc.len));
	const char *src = r.found ? w->source.data : "none";
	SET_WRITTEN(1, vp_json_str(j, r.locality, strlen(r.locality)));
	SET_WRITTEN(2, vp_json_str(j, r.place, strlen(r.place)));
	SET_WRITTEN(3, vp_json_str(j, r.system, strlen(r.system)));
	SET_WRITTEN(4, vp_json_str(j, src, strlen(src)));
	SET_WRITTEN(5, vp_buf_puts(j, r.ambiguous ? "true" : "false"));
#undef SET_WRITTEN
#undef SET

	/* Members already there are edited in place, new ones appended; with
	 * o->unread, those no later step reads are left out, only measured:
	 * their edits and appended members as vp_record_write_edited counts
	 * them (",\"KEY\":" for a plain KEY, then the value). */
	vp_jedit ed[MAX_SETS];
	size_t ned = 0, nall = 0, napp_all = 0;
	vp_buf *app = &w->append;
	vp_buf_clear(app);
	for (size_t i = 0; i < nsets; i++) {
		int keep = !(sets[i].bit & o->unread);
		if (!sets[i].at)
			napp_all += (napp_all ? 1 : 0) + strlen(sets[i].key) + 3 + sets[i].len;
		if (sets[i].at && keep)
			ed[ned++] = (vp_jedit){{sets[i].at, sets[i].n}, j->data + sets[i].off, sets[i].len};
		else if (!sets[i].at && keep &&
		         ((app->len && vp_buf_putc(app, ',') < 0) ||
		          vp_json_key(app, sets[i].key, strlen(sets[i].key)) < 0 ||
		          vp_buf_append(app, j->data + sets[i].off, sets[i].len) < 0))
			return vp_oom(e);
	}
	edits_in_line_order(ed, ned);
	if (!o->unread)
		w->len = vp_record_edited_len(line, n, ed, ned, app->len);
	else {
		/* every edit, in line order, for the length */
		vp_jedit all[MAX_SETS];
		for (size_t i = 0; i < nsets; i++)
			if (sets[i].at)
				all[nall++] = (vp_jedit){{sets[i].at, sets[i].n}, j->data + sets[i].off,
				                         sets[i].len};
		edits_in_line_order(all, nall);
		w->len = vp_record_edited_len(line, n, all, nall, napp_all);
	}
	return vp_record_write_edited(out, max, line, n, ed, ned, app->data, app->len, e);
}

/* ---- the record filter ------------------------------------------------ */

/* Fast path: scan the line, edit its values in place.  Anything unusual
 * (bad JSON, a field not a string, repeated keys) goes through jansson,
 * which decides and words errors. */
static int locate_scan(void *ctx, vp_filter *f, const vp_jspan *v, vp_err *e)
{
	vp_locate_filter *l = ctx;
	vp_err why;
	(void)v;
	vp_err_clear(&why);
	int rc = vp_locate_line(l->g, l->o, f->r.line, f->r.len, f->out, vp_filter_max_line(f),
	                        l->rep, l->w, &why);
	if (rc == 0 || rc == VP_WRITE_TOO_LONG)
		return vp_filter_written(f, rc, e);
	if (rc == VP_LOCATE_UNSURE)
		return VP_FILTER_FALLBACK;
	if (rc == EX_IOERR)
		return vp_errf(e, rc, "%s", why.msg);
	return vp_filter_fail(f, e, rc, why.msg);
}

static int locate_record(void *ctx, vp_filter *f, json_t *rec, vp_err *e)
{
	vp_locate_filter *l = ctx;
	vp_err why;
	vp_err_clear(&why);
	int rc = vp_locate_record(l->g, l->o, rec, l->rep, &why);
	if (rc == EX_DATAERR)
		return vp_filter_reject(f, e, why.msg);
	if (rc)
		return vp_filter_fail(f, e, rc, why.msg);
	return vp_filter_write(f, rec, e);
}

void vp_locate_stage(vp_locate_filter *l, vp_filter_stage *st, const char *prog)
{
	/* the members read and written: a record repeating one is bad */
	const char *field = l->o->field ? l->o->field : "locality";
	size_t k = 0;
	l->keys[k++] = field;
	if (l->o->postcode_field)
		l->keys[k++] = l->o->postcode_field;
	if (l->o->text_field)
		l->keys[k++] = l->o->text_field;
	for (size_t i = 0; i < NWRITTEN; i++)
		if (strcmp(written[i], field) != 0)
			l->keys[k++] = written[i];
	*st = (vp_filter_stage){prog, NULL, 0, locate_scan, locate_record, NULL, 0, l->keys, k,
	                        NULL};
}
