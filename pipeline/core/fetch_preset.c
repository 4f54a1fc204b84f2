/* fetch_preset.c - the services vp-fetch knows, as a table: for each, its
 * default host and auth scheme, where responses, ids and dates are in a
 * page, its page size, and the functions that make the first URL, read the
 * survey's definition (question headings), find the text answers in a
 * response, and (if not a next link in the page) the next page.  A new
 * service is a few functions and a row here; the paging is in fetch.c. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fetch_impl.h"
#include "voxpop/xlsx.h"
#include "voxpop/pointer.h"

/* ---- question headings ------------------------------------------------------ */

/* Heading lookup; falls back to the key itself. */
const char *vp_fetch_heading(struct run *r, const char *key)
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
	int rc = vp_buf_printf(&url, "%s%s", r->base, path) ? vp_fetch_oom(e)
	                                                     : vp_fetch_get_json(r, url.data, &resp, doc, e);
	if (rc == 0 && !(r->headings = json_object()))
		rc = vp_fetch_oom(e);
	vp_http_resp_free(&resp);
	vp_buf_free(&url);
	return rc;
}

/* ---- generic JSON API ------------------------------------------------------ */

static int generic_first(struct run *r, vp_buf *url)
{
	char n[32];
	snprintf(n, sizeof n, "%lu", r->o->limit);
	return vp_buf_puts(url, r->o->url) ||
	       (r->o->limit && vp_url_add_param(url, r->o->limit_param ? r->o->limit_param
	                                                                : "limit", n));
}

/* The question key of --text i, whose pointer's last token is name: name,
 * "/N" after it when it is the Nth --text ending so (/a/comments,
 * /b/comments: comments, comments/2, as a question's text boxes are keyed),
 * so that the ids of a response's records are its own.  0 or -1 out of
 * memory. */
static int text_key(const vp_fetch_opts *o, size_t i, const vp_buf *name, vp_buf *key)
{
	unsigned long n = 1;
	for (size_t j = 0; j < i; j++) {
		if (vp_pointer_last(o->texts[j].ptr, key) != 0)
			return -1;
		n += strcmp(key->data, name->data) == 0;
	}
	vp_buf_clear(key);
	if (vp_buf_append(key, name->data, name->len) != 0)
		return -1;
	return n > 1 ? vp_buf_printf(key, "/%lu", n) : 0;
}

static int generic_answers(struct run *r, json_t *resp, vp_err *e)
{
	vp_buf name = VP_BUF_INIT, key = VP_BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < r->o->ntexts && rc == 0; i++) {
		const vp_fetch_text *t = &r->o->texts[i];
		/* name: the pointer's last token, the question without --question */
		if (vp_pointer_last(t->ptr, &name) != 0 || text_key(r->o, i, &name, &key) != 0) {
			rc = vp_fetch_oom(e);
			break;
		}
		json_t *v = vp_pointer_get(resp, t->ptr);
		const char *q = t->question ? t->question : name.data;
		char num[VP_XLSX_SHOWN];
		if (json_is_string(v)) {
			rc = vp_fetch_emit(r, key.data, q, json_string_value(v), e);
		} else if (json_is_number(v)) {
			/* an answer typed as a number (a workbook's cell through
			 * Graph): a whole number in full, a fraction as a person
			 * sees it, as vp-ingest reads a workbook's number (General:
			 * 15 significant digits, 0.1 not 0.10000000000000001) */
			static const vp_xlsx_numfmt general;
			char raw[64];
			const char *text = raw;
			if (json_is_integer(v)) {
				snprintf(raw, sizeof raw, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
			} else {
				snprintf(raw, sizeof raw, "%.17g", json_real_value(v));
				if (vp_xlsx_show(raw, &general, 0, num) >= 0)
					text = num;
			}
			rc = vp_fetch_emit(r, key.data, q, text, e);
		} else if (v && !json_is_null(v)) {
			vp_fetch_not_text(r, t->ptr, json_is_boolean(v) ? "true or false"
			                  : json_is_array(v) ? "an array" : "an object");
		}
	}
	vp_buf_free(&name);
	vp_buf_free(&key);
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

/* SurveyMonkey documents start_modified_at as YYYY-MM-DDTHH:MM:SS (UTC, no
 * zone) and "modified after": the mark (an instant) in that form, one
 * second before it, whole seconds rounded down, so that responses at the
 * mark are asked for again whether "after" is inclusive or not (keyset
 * paging asks again from every page's latest date) and told apart by id. */
static int sm_since(struct run *r, vp_buf *url, const char *mark)
{
	(void)r;
	long long secs;
	long ns;
	if (vp_fetch_date_instant(mark, &secs, &ns) != 0)
		return vp_url_add_param(url, "start_modified_at", mark);
	time_t t = (time_t)(secs - 1);
	struct tm tm;
	char buf[32];
	if (!gmtime_r(&t, &tm) || strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		return vp_url_add_param(url, "start_modified_at", mark);
	return vp_url_add_param(url, "start_modified_at", buf);
}

static int sm_prepare(struct run *r, vp_err *e)
{
	vp_buf path = VP_BUF_INIT;
	json_t *doc = NULL;
	int rc = vp_buf_printf(&path, "/v3/surveys/%s/details", r->o->survey) ? vp_fetch_oom(e)
	                                                                      : get_definition(r, path.data, &doc, e);
	size_t i, k;
	json_t *pg, *q;
	if (rc == 0) {
		json_array_foreach(json_object_get(doc, "pages"), i, pg) {
			json_array_foreach(json_object_get(pg, "questions"), k, q) {
				json_t *h = json_array_get(json_object_get(q, "headings"), 0);
				if (add_heading(r, json_string_value(json_object_get(q, "id")),
				                json_string_value(json_object_get(h, "heading"))))
					rc = vp_fetch_oom(e);
			}
		}
	}
	json_decref(doc);
	vp_buf_free(&path);
	return rc;
}

/* Both SurveyMonkey and Smart Survey give a response as pages of questions,
 * each with its answers: a record per non-blank answer's text (the member
 * text_key), keyed qid, qid/2, ... when one question has several text
 * boxes, and headed by the question's title (title_key, or the survey
 * definition's heading when NULL). */
static int paged_answers(struct run *r, json_t *resp, const char *text_key,
                         const char *title_key, vp_err *e)
{
	size_t i, k, a;
	json_t *pg, *q, *ans;
	vp_buf key = VP_BUF_INIT;
	int rc = 0;
	json_array_foreach(json_object_get(resp, "pages"), i, pg) {
		json_array_foreach(json_object_get(pg, "questions"), k, q) {
			char qb[32];
			const char *qid = vp_fetch_scalar(json_object_get(q, "id"), qb, sizeof qb);
			if (!qid)
				continue;
			const char *title = title_key ? json_string_value(json_object_get(q, title_key))
			                              : vp_fetch_heading(r, qid);
			if (!title || !*title)
				title = qid;
			unsigned long n = 0;
			json_array_foreach(json_object_get(q, "answers"), a, ans) {
				const char *text = json_string_value(json_object_get(ans, text_key));
				if (!text || vp_fetch_blank(text))
					continue;
				vp_buf_clear(&key);
				if (++n == 1 ? vp_buf_puts(&key, qid)
				             : vp_buf_printf(&key, "%s/%lu", qid, n)) {
					rc = vp_fetch_oom(e);
					goto out;
				}
				if ((rc = vp_fetch_emit(r, key.data, title, text, e)))
					goto out;
			}
		}
	}
out:
	vp_buf_free(&key);
	return rc;
}

static int sm_answers(struct run *r, json_t *resp, vp_err *e)
{
	return paged_answers(r, resp, "text", NULL, e);
}

/* since= in Unix seconds, one before the mark (SmartSurvey, Typeform): whether
 * "since" takes in its own second is not documented, and a response in the
 * mark's second that the last run did not see must be asked for again;
 * responses at the mark are told apart by id. */
static int unix_since_before(struct run *r, vp_buf *url, const char *mark)
{
	(void)r;
	long long secs;
	long ns;
	char buf[32];
	if (vp_fetch_date_instant(mark, &secs, &ns) != 0)
		return vp_url_add_param(url, "since", mark);
	snprintf(buf, sizeof buf, "%lld", secs > 0 ? secs - 1 : 0);
	return vp_url_add_param(url, "since", buf);
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
	int rc = vp_buf_printf(&path, "/forms/%s", r->o->survey) ? vp_fetch_oom(e)
	                                                         : get_definition(r, path.data, &doc, e);
	if (rc == 0 && tf_fields(r, json_object_get(doc, "fields")))
		rc = vp_fetch_oom(e);
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
		int rc = vp_fetch_emit(r, ref, vp_fetch_heading(r, ref),
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
	if (r->old.mark && unix_since_before(r, url, r->old.mark) != 0)
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

/* Kobo filters with a MongoDB-style query rather than a parameter. */
static int kobo_since(struct run *r, vp_buf *url, const char *mark)
{
	(void)r;
	json_t *q = json_pack("{s:{s:s}}", "_submission_time", "$gte", mark);
	char *s = q ? json_dumps(q, JSON_COMPACT) : NULL;
	int rc = s ? vp_url_add_param(url, "query", s) : -1;
	free(s);
	json_decref(q);
	return rc;
}

/* ---- SmartSurvey API v1 -----------------------------------------------------
 * GET /v1/surveys/{id}/responses?page_size=N[&since=UNIX][&page=K], HTTP Basic
 * (api_token : api_token_secret) -> a JSON array of responses {id,
 * date_ended, pages[].questions[] {id, title, answers[] {value}}}.  Paged by
 * page number; a short page is the last.  Answers with a text "value" are
 * the free text.
 */
static int ss_first(struct run *r, vp_buf *url)
{
	return vp_buf_printf(url, "%s/v1/surveys/%s/responses?page_size=%lu", r->base,
	                     r->o->survey, r->page_size);
}

static int ss_answers(struct run *r, json_t *resp, vp_err *e)
{
	return paged_answers(r, resp, "value", "title", e);
}

/* ---- Google Forms API v1 ----------------------------------------------------
 * GET /v1/forms/{formId}: items[] {title, questionItem.question {questionId,
 *     textQuestion}} -- text questions are the free text
 * GET /v1/forms/{formId}/responses?pageSize=N[&filter=timestamp >= MARK]
 *     [&pageToken=T] -> {responses: [{responseId, lastSubmittedTime,
 *     answers: {questionId: {textAnswers: {answers: [{value}]}}}}],
 *     nextPageToken}; no "responses" at all when there are none.
 * OAuth bearer token (a service account's access token).
 */
static int gf_first(struct run *r, vp_buf *url)
{
	return vp_buf_printf(url, "%s/v1/forms/%s/responses?pageSize=%lu", r->base, r->o->survey,
	                     r->page_size);
}

static int gf_since(struct run *r, vp_buf *url, const char *mark)
{
	(void)r;
	vp_buf f = VP_BUF_INIT;
	int rc = vp_buf_printf(&f, "timestamp >= %s", mark) || vp_url_add_param(url, "filter", f.data);
	vp_buf_free(&f);
	return rc;
}

static int gf_prepare(struct run *r, vp_err *e)
{
	vp_buf path = VP_BUF_INIT;
	json_t *doc = NULL, *it;
	size_t i;
	int rc = vp_buf_printf(&path, "/v1/forms/%s", r->o->survey) ? vp_fetch_oom(e)
	                                                            : get_definition(r, path.data, &doc, e);
	if (rc == 0) {
		json_array_foreach(json_object_get(doc, "items"), i, it) {
			json_t *q = json_object_get(json_object_get(it, "questionItem"), "question");
			if (!json_object_get(q, "textQuestion"))
				continue;
			const char *t = json_string_value(json_object_get(it, "title"));
			if (add_heading(r, json_string_value(json_object_get(q, "questionId")),
			                t && *t ? t : json_string_value(json_object_get(q, "questionId"))))
				rc = vp_fetch_oom(e);
		}
	}
	json_decref(doc);
	vp_buf_free(&path);
	return rc;
}

static int gf_answers(struct run *r, json_t *resp, vp_err *e)
{
	const char *qid;
	json_t *a, *v;
	size_t k;
	vp_buf key = VP_BUF_INIT;
	int rc = 0;
	json_object_foreach(json_object_get(resp, "answers"), qid, a) {
		if (!json_object_get(r->headings, qid)) /* not a text question */
			continue;
		unsigned long n = 0;
		json_array_foreach(json_object_get(json_object_get(a, "textAnswers"), "answers"), k, v) {
			const char *text = json_string_value(json_object_get(v, "value"));
			if (!text || vp_fetch_blank(text))
				continue;
			vp_buf_clear(&key);
			if (++n == 1 ? vp_buf_puts(&key, qid) : vp_buf_printf(&key, "%s/%lu", qid, n)) {
				rc = vp_fetch_oom(e);
				goto out;
			}
			if ((rc = vp_fetch_emit(r, key.data, vp_fetch_heading(r, qid), text, e)))
				goto out;
		}
	}
out:
	vp_buf_free(&key);
	return rc;
}

/* ---- Microsoft Graph: SharePoint list items, Excel table rows ------------
 * GET /v1.0/sites/{site-id}/lists/{list-id}/items?expand=fields&$top=N
 *     -> {value: [{id, lastModifiedDateTime, fields: {...}}], @odata.nextLink}
 * GET /v1.0/drives/{drive-id}/items/{item-id}/workbook/tables/{table}/columns
 *     -> {value: [{name, index}]}
 * GET /v1.0/drives/{drive-id}/items/{item-id}/workbook/tables/{table}/rows?$top=N
 *     -> {value: [{index, values: [[cell, ...]]}], @odata.nextLink}
 * A row becomes an object keyed by column name (the ID column of a
 * Microsoft Forms table is its id).  OAuth2 client credentials.
 */

/* The n '/'-separated parts of --survey. */
static int split_survey(const char *s, const char **part, size_t *len, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		part[i] = s;
		len[i] = strcspn(s, "/");
		if (len[i] == 0)
			return -1;
		s += len[i];
		if ((*s == '/') != (i + 1 < n))
			return -1;
		if (*s)
			s++;
	}
	return 0;
}

static int ml_first(struct run *r, vp_buf *url)
{
	const char *p[2];
	size_t n[2];
	if (split_survey(r->o->survey, p, n, 2) != 0)
		return vp_buf_printf(url, "%s/v1.0/sites/-/lists/-/items", r->base); /* checked */
	return vp_buf_printf(url, "%s/v1.0/sites/%.*s/lists/%.*s/items?expand=fields&$top=%lu",
	                     r->base, (int)n[0], p[0], (int)n[1], p[1], r->page_size);
}

static int mx_table(struct run *r, vp_buf *url)
{
	const char *p[3];
	size_t n[3];
	if (split_survey(r->o->survey, p, n, 3) != 0)
		return -1;
	return vp_buf_printf(url, "%s/v1.0/drives/%.*s/items/%.*s/workbook/tables/%.*s", r->base,
	                     (int)n[0], p[0], (int)n[1], p[1], (int)n[2], p[2]);
}

static int mx_first(struct run *r, vp_buf *url)
{
	if (mx_table(r, url) != 0)
		return vp_buf_puts(url, "-");
	return vp_buf_printf(url, "/rows?$top=%lu", r->page_size);
}

static int mx_prepare(struct run *r, vp_err *e)
{
	vp_buf url = VP_BUF_INIT;
	vp_http_resp resp = {0};
	json_t *doc = NULL, *c;
	size_t i;
	if (mx_table(r, &url) != 0)
		return vp_errf(e, EX_USAGE, "--preset msgraph-excel: --survey is "
		               "DRIVE_ID/ITEM_ID/TABLE");
	int rc = vp_buf_puts(&url, "/columns") ? vp_fetch_oom(e)
	                                       : vp_fetch_get_json(r, url.data, &resp, &doc, e);
	if (rc == 0 && !(r->columns = json_array()))
		rc = vp_fetch_oom(e);
	json_array_foreach(rc ? NULL : json_object_get(doc, "value"), i, c) {
		const char *name = json_string_value(json_object_get(c, "name"));
		if (json_array_append_new(r->columns, json_string(name ? name : "")) != 0) {
			rc = vp_fetch_oom(e);
			break;
		}
	}
	if (rc == 0 && json_array_size(r->columns) == 0)
		rc = vp_errf(e, EX_DATAERR, "GET %s: the table has no columns", r->shown.data);
	json_decref(doc);
	vp_http_resp_free(&resp);
	vp_buf_free(&url);
	return rc;
}

static json_t *mx_reshape(struct run *r, json_t *records)
{
	json_t *out = json_array(), *row;
	size_t i, k;
	if (!out)
		return NULL;
	json_array_foreach(records, i, row) {
		json_t *obj = json_object();
		json_t *cells = json_array_get(json_object_get(row, "values"), 0);
		json_t *cell;
		if (!obj || json_array_append_new(out, obj) != 0) {
			json_decref(out);
			return NULL;
		}
		json_array_foreach(cells, k, cell) {
			const char *name = json_string_value(json_array_get(r->columns, k));
			if (name && *name && json_object_set(obj, name, cell) != 0) {
				json_decref(out);
				return NULL;
			}
		}
	}
	return out;
}

static int ms_check_survey(const struct run *r, size_t parts)
{
	const char *p[3];
	size_t n[3];
	return split_survey(r->o->survey, p, n, parts);
}

static int ml_prepare(struct run *r, vp_err *e)
{
	return ms_check_survey(r, 2) ? vp_errf(e, EX_USAGE, "--preset msgraph-list: --survey is "
	                                       "SITE_ID/LIST_ID") : 0;
}

/* ---- Jotform API --------------------------------------------------------------
 * GET /form/{id}/submissions?limit=N&orderby=created_at&direction=ASC&offset=O,
 * header APIKEY -> {responseCode, content: [{id, created_at, answers: {qid:
 * {name, text, type, answer}}}], resultSet}.  created_at is in the
 * account's time zone, without one: submissions are known by id.
 */
static int jf_first(struct run *r, vp_buf *url)
{
	return vp_buf_printf(url, "%s/form/%s/submissions?limit=%lu&orderby=created_at"
	                     "&direction=ASC", r->base, r->o->survey, r->page_size);
}

static int jf_answers(struct run *r, json_t *resp, vp_err *e)
{
	const char *qid;
	json_t *a;
	json_object_foreach(json_object_get(resp, "answers"), qid, a) {
		const char *type = json_string_value(json_object_get(a, "type"));
		if (!type || (strcmp(type, "control_textbox") && strcmp(type, "control_textarea")))
			continue;
		const char *q = json_string_value(json_object_get(a, "text"));
		int rc = vp_fetch_emit(r, qid, q && *q ? q : qid,
		                       json_string_value(json_object_get(a, "answer")), e);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- the preset table ------------------------------------------------------- */

static const struct preset presets[] = {
	{"surveymonkey", "https://api.surveymonkey.com", "Bearer", "/data", "/links/next",
	 "/id", "/date_modified", 100, 0, sm_first, sm_prepare, sm_answers, NULL,
	 "start_modified_at", sm_since, 0, .base_eu = "https://api.eu.surveymonkey.com",
	 .keyset = 1},
	{"typeform", "https://api.typeform.com", "Bearer", "/items", NULL,
	 "/response_id", "/submitted_at", 100, 0, tf_first, tf_prepare, tf_answers, tf_next,
	 NULL, unix_since_before, 0, .base_eu = "https://api.eu.typeform.com", .max_page_size = 1000},
	{"kobo", "https://kf.kobotoolbox.org", "Token", "/results", "/next",
	 "/_id", "/_submission_time", 100, 1, kobo_first, NULL, generic_answers, NULL,
	 NULL, kobo_since, 1, .base_eu = "https://eu.kobotoolbox.org", .keyset = 1},
	{"smartsurvey", "https://api.smartsurvey.io", "Basic", "", NULL, "/id", "/date_ended",
	 100, 0, ss_first, NULL, ss_answers, NULL, NULL, unix_since_before, 0,
	 .basic = 1, .page_param = "page", /* no documented order: no keyset paging */
	 .max_page_size = 100},
	{"google-forms", "https://forms.googleapis.com", "Bearer", "/responses", "/nextPageToken",
	 "/responseId", "/lastSubmittedTime", 100, 0, gf_first, gf_prepare, gf_answers, NULL,
	 NULL, gf_since, 0, .next_param = "pageToken", .absent_empty = 1},
	{"msgraph-excel", "https://graph.microsoft.com", "Bearer", "/value", "/@odata.nextLink",
	 "/ID", NULL, 100, 1, mx_first, mx_prepare, generic_answers, NULL, NULL, NULL, 0,
	 .oauth = 1, .by_id = 1, .survey_chars = "/!.,", .reshape = mx_reshape},
	{"msgraph-list", "https://graph.microsoft.com", "Bearer", "/value", "/@odata.nextLink",
	 "/id", "/lastModifiedDateTime", 100, 1, ml_first, ml_prepare, generic_answers, NULL,
	 NULL, NULL, 0, .oauth = 1, .survey_chars = "/!.,"},
	{"jotform", "https://api.jotform.com", "Bearer", "/content", NULL, "/id", "/created_at",
	 100, 0, jf_first, NULL, jf_answers, NULL, NULL, NULL, 0,
	 .base_eu = "https://eu-api.jotform.com", .token_header = "APIKEY",
	 .offset_param = "offset", .by_id = 1, .max_page_size = 1000},
	{"qualtrics", NULL, "Bearer", NULL, NULL, "/id", "/date", 0, 0, vp_fetch_qx_first, NULL,
	 vp_fetch_qx_answers, NULL, NULL, NULL, 1, .token_header = "X-API-TOKEN",
	 .fetch = vp_fetch_qx_fetch},
	{NULL, NULL, "Bearer", NULL, NULL, NULL, NULL, 0, 1, generic_first, NULL,
	 generic_answers, NULL, NULL, NULL, 0, .base_eu = NULL},
};

const struct preset *vp_fetch_preset_find(const char *name)
{
	const struct preset *p = presets;
	for (; p->name; p++)
		if (name && strcmp(p->name, name) == 0)
			return p;
	return name ? NULL : p;
}


int vp_fetch_preset_names(vp_buf *out)
{
	for (const struct preset *p = presets; p->name; p++)
		if (vp_buf_printf(out, "%s%s", p == presets ? "" : ", ", p->name) != 0)
			return -1;
	return 0;
}
