/* ingest_ndjson.c - NDJSON records from another tool, completed: not a
 * table (values may be objects, and every other key passes through in its
 * place), so read as records rather than rows, and written through the
 * same emitter and record constructor as rows are. */
#include <stdlib.h>
#include <string.h>

#include "ingest_impl.h"
#include "voxpop/input.h"
#include "voxpop/jscan.h"
#include "voxpop/record.h"
#include "voxpop/str.h"

enum { SCALAR_OK = 0, SCALAR_TYPE = 1, SCALAR_NUL = 2, NUM_TEXT = 64 };

/* rec[key] for id, locality, date and respondent: a string as it is, a
 * number as written in the line (raw: its value's text, found by jscan;
 * else as jansson prints it), NULL when absent or null.  SCALAR_TYPE for
 * any other type, SCALAR_NUL for a string holding a NUL (it would be cut). */
static int scalar_str(const json_t *rec, const char *key, vp_jspan raw, const char **out,
                      char buf[NUM_TEXT])
{
	const json_t *v = json_object_get(rec, key);
	*out = NULL;
	if (json_is_string(v)) {
		if (memchr(json_string_value(v), '\0', json_string_length(v)))
			return SCALAR_NUL;
		*out = json_string_value(v);
		return SCALAR_OK;
	}
	if (!json_is_number(v))
		return v && !json_is_null(v) ? SCALAR_TYPE : SCALAR_OK;
	*out = buf;
	if (raw.p && raw.n > 0 && raw.n < NUM_TEXT &&
	    (raw.p[0] == '-' || (raw.p[0] >= '0' && raw.p[0] <= '9'))) {
		memcpy(buf, raw.p, raw.n);
		buf[raw.n] = '\0';
		/* the member jscan found is the one jansson kept (an escaped
		 * duplicate key could make them differ): the same number */
		char *end;
		double d = strtod(buf, &end);
		if (*end == '\0' && d == json_number_value(v))
			return SCALAR_OK;
	}
	if (json_is_integer(v)) {
		snprintf(buf, NUM_TEXT, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return SCALAR_OK;
	}
	/* the shortest text that reads back as the same number */
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, NUM_TEXT, "%.*g", prec, json_real_value(v));
		if (strtod(buf, NULL) == json_real_value(v))
			break;
	}
	return SCALAR_OK;
}

/* A key the record has a part for (record_new.h): a text key of that name
 * stays where it is -- moving it into "text" would take the record's id,
 * locality... with it. */
static int record_key(const char *key)
{
	static const char *const keys[] = {"id", "source", "channel", "locality", "date",
	                                   "question", "text"};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(key, keys[i]) == 0)
			return 1;
	return 0;
}

static int record(struct vp_ingest_run *r, const json_t *rec, const char *raw, size_t rawn,
                  unsigned long line)
{
	static const char *const def_key[] = {"text"};
	const vp_ingest_opts *o = r->o;
	const char *const *keys = o->ntext ? o->text_cols : def_key;
	size_t nk = o->ntext ? o->ntext : 1;
	char why[256];
	const char *id_key = o->id_col ? o->id_col : "id";
	const char *loc_key = o->locality_col ? o->locality_col : "locality";
	const char *date_key = o->date_col ? o->date_col : "date";
	const char *sk[4] = {id_key, loc_key, date_key, "respondent"};
	char nbuf[4][NUM_TEXT];
	const char *sv[4];
	/* the numbers' text as written: where jscan can find the members */
	vp_jspan span[4] = {{0}};
	int plain = 1;
	for (size_t k = 0; k < 4; k++)
		plain &= vp_jscan_plain_name(sk[k]);
	/* UNSURE (an exponent, an escaped key) still finds the members: each
	 * is checked against jansson's value before it is used */
	if (!plain || vp_jscan_members(raw, rawn, sk, 4, span) == VP_JSCAN_BAD)
		memset(span, 0, sizeof span);
	for (size_t k = 0; k < 4; k++) {
		int bad = scalar_str(rec, sk[k], span[k], &sv[k], nbuf[k]);
		if (bad) {
			if (bad == SCALAR_NUL)
				snprintf(why, sizeof why, "NUL byte in \"%.200s\"", sk[k]);
			else
				snprintf(why, sizeof why, "\"%.200s\" is not a string or a number", sk[k]);
			return vp_ingest_bad_row(r, line, why);
		}
	}
	/* a member read here given twice: every reader keeps the last, but
	 * the filters refuse such a record (a repeat's first bytes would pass
	 * through as they came), and so does ingest */
	const char *mine[64]; /* vp_jscan_repeated's limit: text keys beyond it unchecked */
	size_t nm = 0;
	for (size_t k = 0; k < 4; k++)
		mine[nm++] = sk[k];
	mine[nm++] = "question";
	mine[nm++] = "source";
	mine[nm++] = "channel";
	for (size_t k = 0; k < nk && nm < sizeof mine / sizeof mine[0]; k++)
		mine[nm++] = keys[k];
	vp_buf scratch = VP_BUF_INIT;
	const char *dup = vp_jscan_repeated(raw, rawn, mine, nm, &scratch);
	vp_buf_free(&scratch);
	if (dup) {
		snprintf(why, sizeof why, "duplicate key \"%.200s\"", dup);
		return vp_ingest_bad_row(r, line, why);
	}
	const char *idv = sv[0], *loc = sv[1], *date = sv[2];
	/* the date: read in the date order, as a table's is; one that cannot
	 * be read is kept as written (rendered here, so no other rule reads
	 * it), counted, or bad data under --strict-dates */
	vp_buf_clear(&r->date);
	vp_rpart datep = vp_rpart_str("");
	if (date) {
		const char *ds = date;
		size_t dn = strlen(date);
		vp_trim_span(&ds, &dn);
		char iso[11];
		vp_date_order order = o->date_order_given ? o->date_order : VP_DATE_DMY;
		int k = dn ? vp_date_read(ds, dn, order, iso) : VP_DATE_NONE;
		if (k == VP_DATE_OK ? vp_record_json_str(&r->date, iso, 10)
		                    : vp_record_json_str(&r->date, ds, dn))
			return vp_ingest_oom(r);
		if (dn && k != VP_DATE_OK) {
			int rc = vp_ingest_bad_date(r, ds, dn, line, order);
			if (rc)
				return rc < 0 ? 0 : rc;
		}
		datep = (vp_rpart){r->date.data, r->date.len, 1};
	}
	/* a number as respondent becomes its text; a string stays as it is */
	const json_t *resp = json_object_get(rec, "respondent");
	/* What the record has of its own is kept in place; the rest is added. */
	vp_record_parts p = {
		.source = vp_rpart_str(json_is_string(json_object_get(rec, "source")) ? NULL
		                                                                      : r->source),
		.channel = vp_rpart_str(o->channel || !json_is_string(json_object_get(rec, "channel"))
		                        ? r->channel : NULL),
		.locality = vp_rpart_str(loc ? loc : ""),
		.date = datep,
		.respondent = vp_rpart_str(json_is_number(resp) ? sv[3] : NULL),
	};
	int keep_question = json_is_string(json_object_get(rec, "question"));
	/* A record is taken whole or not at all: every answer is checked
	 * before any is written, so a bad later answer does not leave the
	 * earlier ones written and the row counted as rejected too. */
	for (size_t q = 0; q < nk; q++) {
		const char *key = keys[q];
		json_t *v = json_object_get(rec, key);
		if (!v || json_is_null(v))
			continue;
		if (!json_is_string(v)) {
			snprintf(why, sizeof why, "\"%.200s\" is not a string", key);
			return vp_ingest_bad_row(r, line, why);
		}
		if (memchr(json_string_value(v), '\0', json_string_length(v))) {
			snprintf(why, sizeof why, "NUL byte in \"%.200s\"", key);
			return vp_ingest_bad_row(r, line, why);
		}
	}
	int rc = 0, id_checked = 0; /* at the record's first record written */
	/* two passes: every answer's record is checked against --max-line
	 * before any is written (whole or not at all, as above) */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t q = 0; q < nk && rc == 0; q++) {
			const char *key = keys[q];
			json_t *v = json_object_get(rec, key);
			const char *s = json_is_string(v) ? json_string_value(v) : "";
			size_t n = json_is_string(v) ? json_string_length(v) : 0;
			vp_trim_span(&s, &n);
			if (n == 0) {
				r->st->empty += (unsigned long)pass;
				continue;
			}
			p.text.s = s;
			p.text.n = n;
			p.question = vp_rpart_str(keep_question ? NULL : strcmp(key, "text") ? key : "");
			if ((rc = vp_ingest_make_id(r, idv ? idv : "", idv ? strlen(idv) : 0, line, q,
			                            nk, &p.id)) != 0)
				return rc;
			if (pass == 1) {
				if (!id_checked && idv &&
				    (rc = vp_ingest_check_dup_id(r, id_key, idv, strlen(idv), line)))
					return rc;
				id_checked = 1;
				rc = vp_ingest_emit(r, &p, rec, record_key(key) ? NULL : key);
				continue;
			}
			rc = vp_ingest_fits(r, &p, rec, record_key(key) ? NULL : key, why, sizeof why);
			if (rc == 0)
				return vp_ingest_bad_row(r, line, why);
			if (rc != 1)
				return rc;
			rc = 0;
		}
	}
	return rc;
}

int vp_ingest_ndjson(struct vp_ingest_run *r, FILE *in)
{
	if (r->o->conv)
		return vp_errf_at(r->e, EX_USAGE, r->path, 0,
		                  "--encoding does not apply to NDJSON input (JSON is UTF-8)");
	vp_reader rd;
	json_t *rec;
	int rc;
	vp_reader_init(&rd, in, r->path, r->o->prog);
	rd.skip_bad = r->o->skip_bad;
	rd.max_line = r->max_line;
	rd.ingest = 1;
	while ((rc = vp_reader_line(&rd, r->e)) == 1) {
		/* a number beyond 64 bits is read as a real rather than making
		 * the record bad: what passes through is copied as its bytes */
		rec = vp_record_loadb(rd.line, rd.len, JSON_ALLOW_NUL, NULL);
		if (!json_is_object(rec)) {
			json_decref(rec);
			if ((rc = vp_reader_parse(&rd, &rec, r->e)) != 1) {
				if (rc) {
					r->st->rows += rc == EX_DATAERR; /* the line stopped at */
					break;
				}
				continue; /* bad, skipped */
			}
		} else {
			rd.records++;
		}
		r->st->rows++;
		r->raw = (vp_jspan){rd.line, rd.len};
		rc = record(r, rec, rd.line, rd.len, rd.lineno);
		r->raw = (vp_jspan){NULL, 0};
		json_decref(rec);
		if (rc)
			break;
	}
	/* blank lines and nothing else: said as a file of 0 bytes is (when it
	 * is opened), never a silent empty run */
	if (rc == 0 && rd.records == 0 && rd.rejected == 0 && rd.lineno > 0)
		vp_ingest_note(r, "%s: " VP_EMPTY_NO_RECORDS, r->path);
	r->st->rows += rd.rejected;
	r->st->rejected += rd.rejected;
	vp_reader_free(&rd);
	return rc;
}
