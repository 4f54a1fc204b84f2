/* fetch.c - vp-fetch's run: paging, presets, records; see include/voxpop/fetch.h
 *
 * A run: load the state; cut off any output tail an interrupted run left
 * behind; fetch page after page (the first with the high-water mark as a
 * "since" parameter); skip responses the state says were emitted; write one
 * record per non-empty text answer; at the end flush + fsync the output and
 * only then replace the state.  Nothing is committed midway, so a run that
 * dies changes nothing the next run relies on.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "voxpop/fetch.h"
#include "voxpop/pointer.h"
#include "voxpop/record.h"

struct run;

/* A preset is the knowledge of one service's documented API. */
struct preset {
	const char *name;
	const char *base;          /* default scheme://host */
	const char *scheme;        /* Authorization scheme */
	const char *records_ptr;
	const char *next_ptr;      /* NULL: next_url() builds it */
	const char *id_ptr, *date_ptr;
	unsigned long page_size;   /* default page size */
	int needs_texts;           /* 1: --text is required (answers are per survey) */
	int (*first_url)(struct run *r, vp_buf *url);
	int (*prepare)(struct run *r, vp_err *e);
	int (*answers)(struct run *r, json_t *resp, vp_err *e);
	int (*next_url)(struct run *r, json_t *records, vp_buf *url);
};

struct run {
	const vp_fetch_opts *o;
	const struct preset *p;
	vp_http_opts http;
	FILE *out;
	vp_fetch_stats *st;
	vp_fetch_state old;        /* what earlier runs committed: decides "seen" */
	vp_fetch_state neu;        /* what this run will commit */
	json_t *headings;          /* question key -> heading, from a survey definition */
	const char *base;
	unsigned long page_size;
	vp_buf first;              /* the first page's URL, without the mark */
	vp_buf shown;              /* the current URL, redacted, for messages */
	vp_buf source;
	/* per response */
	const char *resp_id, *resp_date, *locality;
	char idbuf[64];
	unsigned long texts_in_resp;
};

/* ---- helpers ------------------------------------------------------------ */

static int oom(vp_err *e)
{
	return vp_errf(e, EX_OSERR, "out of memory");
}

/* A scalar as a string: strings as they are, integers in decimal. */
static const char *scalar(json_t *v, char *buf, size_t n)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(buf, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return buf;
	}
	return NULL;
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

/* "2024-03-01T10:00:00Z" -> "2024-03-01"; anything else as written. */
static json_t *record_date(const char *d)
{
	if (strlen(d) >= 10 && isdigit((unsigned char)d[0]) && d[4] == '-' && d[7] == '-' &&
	    (d[10] == '\0' || d[10] == 'T' || d[10] == ' '))
		return json_stringn(d, 10);
	return json_string(d);
}

/* Write one record for a text answer of the current response. */
static int emit(struct run *r, const char *qkey, const char *question, const char *text,
                vp_err *e)
{
	if (!text || blank(text))
		return 0;
	r->texts_in_resp++;
	vp_buf id = VP_BUF_INIT;
	int rc = vp_buf_printf(&id, "%s/%s", r->resp_id, qkey);
	json_t *rec = json_object(), *fields = json_object();
	if (rc || !rec || !fields ||
	    json_object_set_new(rec, "id", json_string(id.data)) ||
	    json_object_set_new(rec, "source", json_string(r->source.data)) ||
	    json_object_set_new(rec, "channel", json_string("form")) ||
	    json_object_set_new(rec, "locality", json_string(r->locality ? r->locality : "")) ||
	    json_object_set_new(rec, "date", r->resp_date ? record_date(r->resp_date)
	                                                  : json_string("")) ||
	    json_object_set_new(rec, "question", json_string(question)) ||
	    json_object_set_new(rec, "text", json_string(text)) ||
	    json_object_set_new(fields, "response_id", json_string(r->resp_id)) ||
	    (r->resp_date && json_object_set_new(fields, "timestamp",
	                                         json_string(r->resp_date))) ||
	    json_object_set(rec, "fields", fields)) {
		rc = oom(e);
	} else {
		rc = vp_record_write(r->out, rec, e);
		if (rc == 0)
			r->st->records++;
	}
	json_decref(fields);
	json_decref(rec);
	vp_buf_free(&id);
	return rc;
}

/* GET url and parse it as JSON.  On success *page is the document. */
static int get_json(struct run *r, const char *url, vp_http_resp *resp, json_t **page,
                    vp_err *e)
{
	*page = NULL;
	if (vp_url_redact(url, &r->shown) != 0)
		return oom(e);
	int rc = vp_http_get(&r->http, url, resp, e);
	if (rc)
		return rc;
	json_error_t je;
	*page = json_loadb(resp->body.data ? resp->body.data : "", resp->body.len, 0, &je);
	if (!*page)
		return vp_errf(e, EX_DATAERR, "GET %s: page is not valid JSON (line %d, "
		               "column %d: %s)", r->shown.data, je.line, je.column, je.text);
	return 0;
}

/* Heading lookup; falls back to the key itself. */
static const char *heading(struct run *r, const char *key)
{
	const char *h = r->headings ? json_string_value(json_object_get(r->headings, key))
	                            : NULL;
	return h && *h ? h : key;
}

static int add_heading(struct run *r, const char *key, const char *title)
{
	if (!key || !title)
		return 0;
	return json_object_set_new(r->headings, key, json_string(title)) == 0 ? 0 : -1;
}

/* Fetch a definition document (survey details, form) at base + path. */
static int get_definition(struct run *r, const char *path, json_t **doc, vp_err *e)
{
	vp_buf url = VP_BUF_INIT;
	vp_http_resp resp = {0};
	int rc = vp_buf_printf(&url, "%s%s", r->base, path) ? oom(e)
	                                                     : get_json(r, url.data, &resp, doc, e);
	if (rc == 0 && !(r->headings = json_object()))
		rc = oom(e);
	vp_http_resp_free(&resp);
	vp_buf_free(&url);
	return rc;
}

/* ---- generic JSON API ------------------------------------------------------ */

static int generic_first(struct run *r, vp_buf *url)
{
	return vp_buf_puts(url, r->o->url);
}

static int generic_answers(struct run *r, json_t *resp, vp_err *e)
{
	vp_buf name = VP_BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < r->o->ntexts && rc == 0; i++) {
		const vp_fetch_text *t = &r->o->texts[i];
		if (vp_pointer_last(t->ptr, &name) != 0) {
			rc = oom(e);
			break;
		}
		json_t *v = vp_pointer_get(resp, t->ptr);
		if (json_is_string(v))
			rc = emit(r, name.data, t->question ? t->question : name.data,
			          json_string_value(v), e);
	}
	vp_buf_free(&name);
	return rc;
}

/* ---- SurveyMonkey API v3 ----------------------------------------------------
 * GET /v3/surveys/{id}/details: pages[].questions[] {id, headings[0].heading}
 * GET /v3/surveys/{id}/responses/bulk?per_page&sort_by=date_modified&
 *     sort_order=ASC&status=completed[&start_modified_at=MARK]
 *     -> {data: [{id, date_modified, pages[].questions[] {id, answers[]
 *        {text | choice_id | row_id | other_id ...}}}], links: {next}}
 * Open-ended answers (and "other" comments) carry "text".
 */
static int sm_first(struct run *r, vp_buf *url)
{
	return vp_buf_printf(url, "%s/v3/surveys/%s/responses/bulk?per_page=%lu"
	                     "&sort_by=date_modified&sort_order=ASC&status=completed",
	                     r->base, r->o->survey, r->page_size);
}

static int sm_prepare(struct run *r, vp_err *e)
{
	vp_buf path = VP_BUF_INIT;
	json_t *doc = NULL;
	int rc = vp_buf_printf(&path, "/v3/surveys/%s/details", r->o->survey) ? oom(e)
	                                                                      : get_definition(r, path.data, &doc, e);
	size_t i, k;
	json_t *pg, *q;
	if (rc == 0) {
		json_array_foreach(json_object_get(doc, "pages"), i, pg) {
			json_array_foreach(json_object_get(pg, "questions"), k, q) {
				json_t *h = json_array_get(json_object_get(q, "headings"), 0);
				if (add_heading(r, json_string_value(json_object_get(q, "id")),
				                json_string_value(json_object_get(h, "heading"))))
					rc = oom(e);
			}
		}
	}
	json_decref(doc);
	vp_buf_free(&path);
	return rc;
}

static int sm_answers(struct run *r, json_t *resp, vp_err *e)
{
	size_t i, k, a;
	json_t *pg, *q, *ans;
	vp_buf key = VP_BUF_INIT;
	int rc = 0;
	json_array_foreach(json_object_get(resp, "pages"), i, pg) {
		json_array_foreach(json_object_get(pg, "questions"), k, q) {
			char qb[32];
			const char *qid = scalar(json_object_get(q, "id"), qb, sizeof qb);
			if (!qid)
				continue;
			unsigned long n = 0;
			json_array_foreach(json_object_get(q, "answers"), a, ans) {
				const char *text = json_string_value(json_object_get(ans, "text"));
				if (!text || blank(text))
					continue;
				/* several text boxes in one question: qid, qid/2, ... */
				vp_buf_clear(&key);
				if (++n == 1 ? vp_buf_puts(&key, qid)
				             : vp_buf_printf(&key, "%s/%lu", qid, n)) {
					rc = oom(e);
					goto out;
				}
				if ((rc = emit(r, key.data, heading(r, qid), text, e)))
					goto out;
			}
		}
	}
out:
	vp_buf_free(&key);
	return rc;
}

/* ---- Typeform Responses API -------------------------------------------------
 * GET /forms/{id}: fields[] {ref, title, properties.fields[] for groups}
 * GET /forms/{id}/responses?page_size&completed=true[&since=MARK][&before=TOKEN]
 *     -> {total_items, page_count, items: [{response_id, token, submitted_at,
 *        hidden, answers: [{field: {id, ref, type}, type, text}]}]}
 * Items come newest first; the next page is "before" the last item's token.
 * Text answers are those of short_text and long_text fields.
 */
static int tf_first(struct run *r, vp_buf *url)
{
	return vp_buf_printf(url, "%s/forms/%s/responses?page_size=%lu&completed=true",
	                     r->base, r->o->survey, r->page_size);
}

static int tf_fields(struct run *r, json_t *fields)
{
	size_t i;
	json_t *f;
	json_array_foreach(fields, i, f) {
		if (add_heading(r, json_string_value(json_object_get(f, "ref")),
		                json_string_value(json_object_get(f, "title"))))
			return -1;
		json_t *sub = json_object_get(json_object_get(f, "properties"), "fields");
		if (sub && tf_fields(r, sub))
			return -1;
	}
	return 0;
}

static int tf_prepare(struct run *r, vp_err *e)
{
	vp_buf path = VP_BUF_INIT;
	json_t *doc = NULL;
	int rc = vp_buf_printf(&path, "/forms/%s", r->o->survey) ? oom(e)
	                                                         : get_definition(r, path.data, &doc, e);
	if (rc == 0 && tf_fields(r, json_object_get(doc, "fields")))
		rc = oom(e);
	json_decref(doc);
	vp_buf_free(&path);
	return rc;
}

static int tf_answers(struct run *r, json_t *resp, vp_err *e)
{
	size_t i;
	json_t *ans;
	json_array_foreach(json_object_get(resp, "answers"), i, ans) {
		json_t *field = json_object_get(ans, "field");
		const char *type = json_string_value(json_object_get(field, "type"));
		const char *ref = json_string_value(json_object_get(field, "ref"));
		if (!ref)
			ref = json_string_value(json_object_get(field, "id"));
		if (!ref || !type || (strcmp(type, "short_text") && strcmp(type, "long_text")))
			continue;
		int rc = emit(r, ref, heading(r, ref),
		              json_string_value(json_object_get(ans, "text")), e);
		if (rc)
			return rc;
	}
	return 0;
}

static int tf_next(struct run *r, json_t *records, vp_buf *url)
{
	size_t n = json_array_size(records);
	const char *token = json_string_value(
		json_object_get(json_array_get(records, n ? n - 1 : 0), "token"));
	vp_buf_clear(url);
	if (n < r->page_size || !token)
		return 0; /* a short page is the last */
	if (vp_buf_append(url, r->first.data, r->first.len) != 0)
		return -1;
	if (r->old.mark && vp_url_add_param(url, "since", r->old.mark) != 0)
		return -1;
	return vp_url_add_param(url, "before", token);
}

/* ---- KoboToolbox API v2 -----------------------------------------------------
 * GET /api/v2/assets/{uid}/data/?format=json&limit&sort={"_submission_time":1}
 *     [&query={"_submission_time":{"$gte":MARK}}]
 *     -> {count, next, previous, results: [{_id, _submission_time, <question
 *        name or group/question>: answer, ...}]}
 * Which questions are free text is per form: name them with --text.
 */
static int kobo_first(struct run *r, vp_buf *url)
{
	if (vp_buf_printf(url, "%s/api/v2/assets/%s/data/?format=json&limit=%lu", r->base,
	                  r->o->survey, r->page_size) != 0)
		return -1;
	return vp_url_add_param(url, "sort", "{\"_submission_time\":1}");
}

/* ---- the preset table ------------------------------------------------------- */

static const struct preset presets[] = {
	{"surveymonkey", "https://api.surveymonkey.com", "Bearer", "/data", "/links/next",
	 "/id", "/date_modified", 100, 0, sm_first, sm_prepare, sm_answers, NULL},
	{"typeform", "https://api.typeform.com", "Bearer", "/items", NULL,
	 "/response_id", "/submitted_at", 100, 0, tf_first, tf_prepare, tf_answers, tf_next},
	{"kobo", "https://kf.kobotoolbox.org", "Token", "/results", "/next",
	 "/_id", "/_submission_time", 100, 1, kobo_first, NULL, generic_answers, NULL},
	{NULL, NULL, "Bearer", NULL, NULL, NULL, NULL, 0, 1, generic_first, NULL,
	 generic_answers, NULL},
};

static const struct preset *find_preset(const char *name)
{
	const struct preset *p = presets;
	for (; p->name; p++)
		if (name && strcmp(p->name, name) == 0)
			return p;
	return name ? NULL : p;
}

/* The mark as the first page's "since" parameter. */
static int add_since(struct run *r, vp_buf *url)
{
	const char *mark = r->old.mark;
	if (!mark)
		return 0;
	const char *name = r->p->name ? NULL : r->o->since_param;
	if (r->p->name && strcmp(r->p->name, "surveymonkey") == 0)
		name = "start_modified_at";
	else if (r->p->name && strcmp(r->p->name, "typeform") == 0)
		name = "since";
	else if (r->p->name && strcmp(r->p->name, "kobo") == 0) {
		json_t *q = json_pack("{s:{s:s}}", "_submission_time", "$gte", mark);
		char *s = q ? json_dumps(q, JSON_COMPACT) : NULL;
		int rc = s ? vp_url_add_param(url, "query", s) : -1;
		free(s);
		json_decref(q);
		return rc;
	}
	return name ? vp_url_add_param(url, name, mark) : 0;
}

/* ---- checking options ----------------------------------------------------- */

static int check_ptr(const char *opt, const char *ptr, vp_err *e)
{
	vp_err pe;
	if (ptr && vp_pointer_check(ptr, &pe) != 0)
		return vp_errf(e, EX_USAGE, "%s: %s", opt, pe.msg);
	return 0;
}

int vp_fetch_check(const vp_fetch_opts *o, vp_err *e)
{
	const struct preset *p = find_preset(o->preset);
	if (!p)
		return vp_errf(e, EX_USAGE, "unknown preset '%s' (surveymonkey, typeform, kobo)",
		               o->preset);
	if (p->name) {
		if (!o->survey || !*o->survey)
			return vp_errf(e, EX_USAGE, "--preset %s needs --survey ID", p->name);
		for (const char *s = o->survey; *s; s++)
			if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
				return vp_errf(e, EX_USAGE, "--survey: '%s' is not an id", o->survey);
		if (o->url || o->records_ptr || o->next_ptr || o->next_link || o->since_param)
			return vp_errf(e, EX_USAGE, "--url, --records, --next and --since-param "
			               "are for the generic API, not --preset %s", p->name);
	} else {
		if (!o->url)
			return vp_errf(e, EX_USAGE, "give --url (generic JSON API) or --preset");
		if (!o->records_ptr)
			return vp_errf(e, EX_USAGE, "the generic JSON API needs --records PTR");
		if (!o->id_ptr)
			return vp_errf(e, EX_USAGE, "the generic JSON API needs --id PTR");
		if (o->survey || o->base_url)
			return vp_errf(e, EX_USAGE, "--survey and --base-url are for presets");
		if (o->since_param && !o->date_ptr)
			return vp_errf(e, EX_USAGE, "--since-param needs --date PTR");
	}
	if (p->needs_texts && o->ntexts == 0)
		return vp_errf(e, EX_USAGE, "%s needs at least one --text PTR",
		               p->name ? p->name : "the generic JSON API");
	if (o->state_path && !o->date_ptr && !p->date_ptr)
		return vp_errf(e, EX_USAGE, "--state needs --date PTR (the high-water mark)");
	int rc;
	if ((rc = check_ptr("--records", o->records_ptr, e)) ||
	    (rc = check_ptr("--next", o->next_ptr, e)) ||
	    (rc = check_ptr("--id", o->id_ptr, e)) ||
	    (rc = check_ptr("--date", o->date_ptr, e)) ||
	    (rc = check_ptr("--locality", o->locality_ptr, e)))
		return rc;
	for (size_t i = 0; i < o->ntexts; i++)
		if ((rc = check_ptr("--text", o->texts[i].ptr, e)))
			return rc;
	if (o->token && strpbrk(o->token, "\r\n"))
		return vp_errf(e, EX_USAGE, "the token contains a line break");
	return 0;
}

/* ---- output ------------------------------------------------------------------ */

/* Before writing: if out is the regular file the state committed to, cut
 * off whatever an interrupted run appended after the committed offset.  If
 * the state is not bound to this file yet (first run, new or rotated file),
 * bind it to the file's current size now, before any record is written, so
 * that even an interrupted first run can be cut back. */
static int output_begin(struct run *r, vp_err *e)
{
	int fd = fileno(r->out);
	struct stat st;
	if (!r->o->state_path || fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	int bound = r->old.has_output && st.st_dev == r->old.out_dev &&
	            st.st_ino == r->old.out_ino && st.st_size >= r->old.out_offset;
	if (bound && st.st_size > r->old.out_offset) {
		if (ftruncate(fd, r->old.out_offset) != 0)
			return vp_errf(e, EX_IOERR, "output: cannot cut off the %lld bytes an "
			               "interrupted run left: %s",
			               (long long)(st.st_size - r->old.out_offset), strerror(errno));
		r->st->discarded = st.st_size - r->old.out_offset;
	}
	/* Records are only ever appended, whatever the redirection. */
	if (lseek(fd, 0, SEEK_END) < 0)
		return vp_errf(e, EX_IOERR, "output: cannot seek: %s", strerror(errno));
	if (bound)
		return 0;
	r->old.has_output = 1;
	r->old.out_dev = st.st_dev;
	r->old.out_ino = st.st_ino;
	r->old.out_offset = st.st_size;
	return vp_fetch_state_save(&r->old, r->o->state_path, e);
}

/* After the last record: make the output durable, note where it ends. */
static int output_commit(struct run *r, vp_err *e)
{
	int rc = vp_output_close(r->out, e);
	if (rc)
		return rc;
	int fd = fileno(r->out);
	struct stat st;
	r->neu.has_output = 0;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	if (fsync(fd) != 0)
		return vp_errf(e, EX_IOERR, "output: fsync: %s", strerror(errno));
	r->neu.has_output = 1;
	r->neu.out_dev = st.st_dev;
	r->neu.out_ino = st.st_ino;
	r->neu.out_offset = st.st_size;
	return 0;
}

/* ---- the run ------------------------------------------------------------------- */

static int copy_state(vp_fetch_state *dst, const vp_fetch_state *src)
{
	vp_fetch_state_init(dst);
	dst->source = src->source ? strdup(src->source) : NULL;
	dst->mark = src->mark ? strdup(src->mark) : NULL;
	dst->ids = src->ids ? json_deep_copy(src->ids) : json_object();
	if ((src->source && !dst->source) || (src->mark && !dst->mark) || !dst->ids)
		return -1;
	return 0;
}

static int one_response(struct run *r, json_t *resp, size_t idx, const char *id_ptr,
                        const char *date_ptr, vp_err *e)
{
	char datebuf[32];
	r->st->responses++;
	r->resp_id = scalar(vp_pointer_get(resp, id_ptr), r->idbuf, sizeof r->idbuf);
	if (!r->resp_id || !*r->resp_id)
		return vp_errf(e, EX_DATAERR, "GET %s: response %zu has no id at '%s'",
		               r->shown.data, idx, id_ptr);
	r->resp_date = date_ptr ? scalar(vp_pointer_get(resp, date_ptr), datebuf,
	                                 sizeof datebuf) : NULL;
	if (r->o->state_path && (!r->resp_date || !*r->resp_date))
		return vp_errf(e, EX_DATAERR, "GET %s: response %s has no date at '%s'",
		               r->shown.data, r->resp_id, date_ptr);
	if (r->o->state_path && vp_fetch_state_seen(&r->old, r->resp_id, r->resp_date)) {
		r->st->skipped++;
		return 0;
	}
	char locbuf[32];
	r->locality = r->o->locality_ptr ? scalar(vp_pointer_get(resp, r->o->locality_ptr),
	                                          locbuf, sizeof locbuf) : NULL;
	r->texts_in_resp = 0;
	int rc = r->p->answers(r, resp, e);
	if (rc)
		return rc;
	if (r->o->state_path && vp_fetch_state_note(&r->neu, r->resp_id, r->resp_date) != 0)
		return oom(e);
	return 0;
}

static int fetch_pages(struct run *r, vp_err *e)
{
	const vp_fetch_opts *o = r->o;
	const char *records_ptr = o->records_ptr ? o->records_ptr : r->p->records_ptr;
	const char *next_ptr = o->next_ptr ? o->next_ptr : r->p->next_ptr;
	const char *id_ptr = o->id_ptr ? o->id_ptr : r->p->id_ptr;
	const char *date_ptr = o->date_ptr ? o->date_ptr : r->p->date_ptr;
	unsigned long max_pages = o->max_pages ? o->max_pages : 100000;
	vp_buf url = VP_BUF_INIT, next = VP_BUF_INIT;
	vp_http_resp resp = {0};
	json_t *page = NULL;
	int rc = 0;

	if (vp_buf_append(&url, r->first.data, r->first.len) != 0 || add_since(r, &url) != 0)
		rc = oom(e);
	while (rc == 0 && url.len) {
		if (r->st->pages >= max_pages) {
			rc = vp_errf(e, EX_PROTOCOL, "stopped after %lu pages (--max-pages)",
			             max_pages);
			break;
		}
		if ((rc = get_json(r, url.data, &resp, &page, e)))
			break;
		r->st->pages++;
		json_t *records = vp_pointer_get(page, records_ptr);
		if (!json_is_array(records)) {
			rc = vp_errf(e, EX_DATAERR, "GET %s: page has no array of responses at '%s'",
			             r->shown.data, records_ptr);
			break;
		}
		size_t i;
		json_t *resp_j;
		json_array_foreach(records, i, resp_j)
			if ((rc = one_response(r, resp_j, i, id_ptr, date_ptr, e)))
				goto out;
		/* Hand each page on as it comes (a reader downstream sees progress;
		 * the state, not the flush, is what commits). */
		if (fflush(r->out) != 0) {
			rc = vp_errf(e, EX_IOERR, "write error: %s", strerror(errno));
			break;
		}
		if (o->on_page)
			o->on_page(o->ctx, r->st->pages, r->st->responses, r->st->records);

		/* Where is the next page? */
		vp_buf_clear(&next);
		if (o->next_link) {
			if (resp.link_next && vp_buf_puts(&next, resp.link_next) != 0)
				rc = oom(e);
		} else if (next_ptr) {
			json_t *n = vp_pointer_get(page, next_ptr);
			if (json_is_string(n) && vp_buf_puts(&next, json_string_value(n)) != 0)
				rc = oom(e);
			else if (n && !json_is_string(n) && !json_is_null(n))
				rc = vp_errf(e, EX_DATAERR, "GET %s: next page at '%s' is not a URL",
				             r->shown.data, next_ptr);
		} else if (r->p->next_url && r->p->next_url(r, records, &next) != 0) {
			rc = oom(e);
		}
		if (rc || next.len == 0)
			break;
		vp_buf abs = VP_BUF_INIT;
		if (vp_url_resolve(url.data, next.data, &abs) != 0) {
			vp_buf_free(&abs);
			rc = vp_errf(e, EX_DATAERR, "GET %s: next page URL is not a URL",
			             r->shown.data);
			break;
		}
		/* The token is for the first URL's origin only. */
		if (!vp_url_same_origin(r->first.data, abs.data)) {
			vp_buf_free(&abs);
			rc = vp_errf(e, EX_PROTOCOL, "GET %s: next page is on another host or "
			             "scheme; refusing to send the token there", r->shown.data);
			break;
		}
		if (strcmp(abs.data, url.data) == 0) {
			vp_buf_free(&abs);
			rc = vp_errf(e, EX_PROTOCOL, "GET %s: next page is this page again",
			             r->shown.data);
			break;
		}
		vp_buf_free(&url);
		url = abs;
		json_decref(page);
		page = NULL;
	}
out:
	json_decref(page);
	vp_http_resp_free(&resp);
	vp_buf_free(&url);
	vp_buf_free(&next);
	return rc;
}

static int source_name(struct run *r)
{
	const vp_fetch_opts *o = r->o;
	if (o->source)
		return vp_buf_puts(&r->source, o->source);
	if (r->p->name)
		return vp_buf_printf(&r->source, "%s:%s", r->p->name, o->survey);
	/* generic: the host of the URL */
	const char *h = strstr(o->url, "://");
	h = h ? h + 3 : o->url;
	const char *at = strchr(h, '@');
	size_t n = strcspn(h, "/?#");
	if (at && (size_t)(at - h) < n) {
		n -= (size_t)(at + 1 - h);
		h = at + 1;
	}
	return vp_buf_append(&r->source, h, n);
}

/* Two runs on one state would interleave output and race on the state:
 * hold an exclusive lock on STATE.lock for the whole run. */
static int lock_state(const char *state, int *fd, vp_err *e)
{
	vp_buf path = VP_BUF_INIT;
	if (vp_buf_printf(&path, "%s.lock", state) != 0)
		return oom(e);
	int rc = 0;
	*fd = open(path.data, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (*fd < 0)
		rc = vp_errf_at(e, EX_CANTCREAT, path.data, 0, "cannot open lock file: %s",
		                strerror(errno));
	else if (flock(*fd, LOCK_EX | LOCK_NB) != 0)
		rc = vp_errf_at(e, errno == EWOULDBLOCK ? EX_TEMPFAIL : EX_IOERR, state, 0,
		                "another vp-fetch is running with this state file (%s)",
		                strerror(errno));
	vp_buf_free(&path);
	return rc;
}

int vp_fetch_run(const vp_fetch_opts *o, FILE *out, vp_fetch_stats *stats, vp_err *e)
{
	struct run r;
	vp_buf auth = VP_BUF_INIT, key = VP_BUF_INIT;
	int lockfd = -1;
	int rc = vp_fetch_check(o, e);
	memset(stats, 0, sizeof *stats);
	if (rc)
		return rc;
	memset(&r, 0, sizeof r);
	r.o = o;
	r.p = find_preset(o->preset);
	r.out = out;
	r.st = stats;
	r.http = o->http;
	r.base = o->base_url ? o->base_url : r.p->base;
	r.page_size = o->page_size ? o->page_size : r.p->page_size;
	vp_fetch_state_init(&r.old);
	vp_fetch_state_init(&r.neu);

	if (o->token) {
		const char *scheme = o->auth_scheme ? o->auth_scheme : r.p->scheme;
		if (vp_buf_printf(&auth, "%s %s", scheme, o->token) != 0) {
			rc = oom(e);
			goto done;
		}
		r.http.auth = auth.data;
	}
	if (r.p->first_url(&r, &r.first) != 0 || source_name(&r) != 0 ||
	    vp_url_redact(r.first.data, &key) != 0) {
		rc = oom(e);
		goto done;
	}
	/* The state belongs to one source: the preset and survey, or the URL. */
	if (r.p->name) {
		vp_buf_clear(&key);
		if (vp_buf_printf(&key, "%s:%s", r.p->name, o->survey) != 0) {
			rc = oom(e);
			goto done;
		}
	}
	if (o->state_path) {
		if ((rc = lock_state(o->state_path, &lockfd, e)))
			goto done;
		if ((rc = vp_fetch_state_load(&r.old, o->state_path, e)))
			goto done;
		if (r.old.source && strcmp(r.old.source, key.data) != 0) {
			rc = vp_errf_at(e, EX_USAGE, o->state_path, 0, "state file is for '%s', "
			                "not '%s'; give each source its own --state file",
			                r.old.source, key.data);
			goto done;
		}
		if (!r.old.source && !(r.old.source = strdup(key.data))) {
			rc = oom(e);
			goto done;
		}
		if ((rc = output_begin(&r, e)))
			goto done;
		if (copy_state(&r.neu, &r.old) != 0) {
			rc = oom(e);
			goto done;
		}
	}
	if (r.p->prepare && (rc = r.p->prepare(&r, e)))
		goto done;
	if ((rc = fetch_pages(&r, e)))
		goto done;
	if ((rc = output_commit(&r, e)))
		goto done;
	if (o->state_path)
		rc = vp_fetch_state_save(&r.neu, o->state_path, e);
done:
	if (lockfd >= 0)
		close(lockfd); /* releases the lock */
	if (auth.data)
		memset(auth.data, 0, auth.len);
	vp_buf_free(&auth);
	vp_buf_free(&key);
	vp_buf_free(&r.first);
	vp_buf_free(&r.shown);
	vp_buf_free(&r.source);
	json_decref(r.headings);
	vp_fetch_state_free(&r.old);
	vp_fetch_state_free(&r.neu);
	return rc;
}
