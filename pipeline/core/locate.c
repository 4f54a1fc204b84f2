/* locate.c - see include/voxpop/locate.h */
#include <stdlib.h>
#include <string.h>

#include "voxpop/locate.h"
#include "voxpop/postcode.h"

enum { SHOWN_MAX = 80 }; /* bytes of an unresolved value kept for the report */

struct vp_tally_entry {
	char *key;    /* normalised: what is counted together */
	char *shown;  /* first spelling seen, postcodes cut to districts */
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
	return 0;
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
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
	for (size_t i = 0; i < r->nslots; i++) {
		free(r->tab[i].key);
		free(r->tab[i].shown);
	}
	free(r->tab);
	memset(r, 0, sizeof *r);
}

static size_t hash(const char *s)
{
	size_t h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* Count one unresolved value. */
static int tally(vp_locate_report *r, const char *raw, size_t n)
{
	vp_buf key = VP_BUF_INIT;
	if (vp_gazetteer_normalise(raw, n, &key) < 0) {
		vp_buf_free(&key);
		return -1;
	}
	if (!key.data && vp_buf_puts(&key, "") < 0)
		return -1;
	if (!r->tab) {
		r->nslots = 1;
		while (r->nslots < r->limit * 2)
			r->nslots *= 2;
		r->tab = calloc(r->nslots, sizeof *r->tab);
		if (!r->tab) {
			vp_buf_free(&key);
			return -1;
		}
	}
	size_t i = hash(key.data) & (r->nslots - 1);
	while (r->tab[i].key && strcmp(r->tab[i].key, key.data) != 0)
		i = (i + 1) & (r->nslots - 1);
	if (r->tab[i].key) {
		r->tab[i].n++;
	} else if (r->used >= r->limit) {
		r->other++;
	} else {
		/* Keep at most SHOWN_MAX bytes, cut at a UTF-8 character start. */
		size_t m = n;
		if (m > SHOWN_MAX) {
			m = SHOWN_MAX;
			while (m > 0 && ((unsigned char)raw[m] & 0xC0) == 0x80)
				m--;
		}
		char *shown = malloc(m + 1);
		if (!shown) {
			vp_buf_free(&key);
			return -1;
		}
		memcpy(shown, raw, m);
		shown[m] = '\0';
		r->tab[i].key = vp_buf_steal(&key);
		r->tab[i].shown = shown;
		r->tab[i].n = 1;
		r->used++;
	}
	vp_buf_free(&key);
	return 0;
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
	if (!r->used)
		return 0;
	struct vp_tally_entry **v = malloc(r->used * sizeof *v);
	if (!v)
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < r->nslots; i++)
		if (r->tab[i].key)
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

int vp_locate_record(const vp_gazetteer *g, const vp_locate_opts *o, json_t *rec,
                     vp_locate_report *rep, vp_err *e)
{
	const char *field = o->field ? o->field : "locality";
	const char *loc, *pc, *text;
	size_t nloc, npc, ntext;
	json_t *loc_holder, *pc_holder, *text_holder;
	int rc;

	/* Run twice, vp-locate reads what it kept the first time. */
	const char *raw_key = field;
	if (strcmp(field, "locality") == 0 && json_is_string(json_object_get(rec, "locality_raw")))
		raw_key = "locality_raw";
	if ((rc = field_string(rec, raw_key, &loc_holder, &loc, &nloc, e)) ||
	    (rc = field_string(rec, o->postcode_field, &pc_holder, &pc, &npc, e)) ||
	    (rc = field_string(rec, o->text_field, &text_holder, &text, &ntext, e)))
		return rc;

	vp_buf loc_red = VP_BUF_INIT, pc_red = VP_BUF_INIT, source = VP_BUF_INIT;
	rc = EX_OSERR;
	if (vp_postcode_reduce(loc, nloc, &loc_red) < 0 || vp_postcode_reduce(pc, npc, &pc_red) < 0)
		goto done;

	vp_locus acc, m;
	vp_locus_clear(&acc);
	int outside = 0, no_answer = 0;
	/* Postcode first, then the locality field: each narrows the other;
	 * the text is read only when neither gave anything. */
	struct {
		const char *s;
		size_t n;
		enum vp_match_mode mode;
		const char *name;
	} in[] = {
		{pc_red.data, pc_red.len, VP_MATCH_FIELD, "postcode"},
		{loc_red.data, loc_red.len, VP_MATCH_FIELD, "locality"},
		{text, ntext, VP_MATCH_TEXT, "text"},
	};
	for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
		if (in[i].mode == VP_MATCH_TEXT && acc.found)
			break;
		if (blank(in[i].s, in[i].n))
			continue;
		int got = vp_gazetteer_match(g, in[i].s, in[i].n, in[i].mode, &m);
		if (got < 0)
			goto done;
		outside |= m.outside;
		no_answer |= m.no_answer;
		if (!got)
			continue;
		vp_locus_combine(&acc, &m);
		if ((source.len && vp_buf_putc(&source, '+') < 0) || vp_buf_puts(&source, in[i].name) < 0)
			goto done;
	}
	vp_resolved r;
	vp_gazetteer_resolve(g, &acc, &r);

	/* Fields read are written back with full postcodes cut to districts. */
	if (loc_holder && loc_red.len != nloc &&
	    set_str(loc_holder, raw_key, loc_red.data, loc_red.len) < 0)
		goto done;
	if (pc_holder && pc_red.len != npc && set_str(pc_holder, o->postcode_field, pc_red.data,
	                                              pc_red.len) < 0)
		goto done;
	if (!blank(loc_red.data, loc_red.len) &&
	    set_str(rec, "locality_raw", loc_red.data, loc_red.len) < 0)
		goto done;
	if (r.corrected && vp_buf_puts(&source, " (corrected)") < 0)
		goto done;
	const char *src = r.found ? source.data : "none";
	if (set_str(rec, "locality", r.locality, strlen(r.locality)) < 0 ||
	    set_str(rec, "place", r.place, strlen(r.place)) < 0 ||
	    set_str(rec, "system", r.system, strlen(r.system)) < 0 ||
	    set_str(rec, "locality_source", src, strlen(src)) < 0 ||
	    json_object_set_new(rec, "locality_ambiguous", json_boolean(r.ambiguous)) < 0)
		goto done;

	if (rep) {
		rep->records++;
		rep->corrected += r.corrected;
		if (r.found && !r.ambiguous) {
			rep->located++;
		} else if (r.found) {
			rep->ambiguous++;
		} else if (outside) {
			rep->outside++;
		} else if (no_answer) {
			rep->no_value++;
		} else if (!blank(loc_red.data, loc_red.len) || !blank(pc_red.data, pc_red.len)) {
			rep->unresolved++;
			const vp_buf *v = blank(loc_red.data, loc_red.len) ? &pc_red : &loc_red;
			if (tally(rep, v->data, v->len) < 0)
				goto done;
		} else {
			rep->no_value++;
		}
	}
	rc = 0;
done:
	if (rc)
		vp_errf(e, rc, "out of memory");
	vp_buf_free(&loc_red);
	vp_buf_free(&pc_red);
	vp_buf_free(&source);
	return rc;
}
