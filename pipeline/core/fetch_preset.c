/* fetch_preset.c - the services vp-fetch knows, as a table: for each, its
 * default host and auth scheme, where responses, ids and dates are in a
 * page, its page size, and the functions that make the first URL, read the
 * survey's definition (question headings), find the text answers in a
 * response, and (if not a next link in the page) the next page.  A new
 * service is a few functions and a row here; the paging is in fetch.c. */
#include <stdlib.h>
#include <string.h>

#include "fetch_impl.h"
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
	return vp_buf_puts(url, r->o->url);
}

static int generic_answers(struct run *r, json_t *resp, vp_err *e)
{
	vp_buf name = VP_BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < r->o->ntexts && rc == 0; i++) {
		const vp_fetch_text *t = &r->o->texts[i];
		if (vp_pointer_last(t->ptr, &name) != 0) {
			rc = vp_fetch_oom(e);
			break;
		}
		json_t *v = vp_pointer_get(resp, t->ptr);
		if (json_is_string(v))
			rc = vp_fetch_emit(r, name.data, t->question ? t->question : name.data,
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

static int sm_answers(struct run *r, json_t *resp, vp_err *e)
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
			unsigned long n = 0;
			json_array_foreach(json_object_get(q, "answers"), a, ans) {
				const char *text = json_string_value(json_object_get(ans, "text"));
				if (!text || vp_fetch_blank(text))
					continue;
				/* several text boxes in one question: qid, qid/2, ... */
				vp_buf_clear(&key);
				if (++n == 1 ? vp_buf_puts(&key, qid)
				             : vp_buf_printf(&key, "%s/%lu", qid, n)) {
					rc = vp_fetch_oom(e);
					goto out;
				}
				if ((rc = vp_fetch_emit(r, key.data, vp_fetch_heading(r, qid), text, e)))
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

/* ---- the preset table ------------------------------------------------------- */

static const struct preset presets[] = {
	{"surveymonkey", "https://api.surveymonkey.com", "Bearer", "/data", "/links/next",
	 "/id", "/date_modified", 100, 0, sm_first, sm_prepare, sm_answers, NULL,
	 "start_modified_at", NULL},
	{"typeform", "https://api.typeform.com", "Bearer", "/items", NULL,
	 "/response_id", "/submitted_at", 100, 0, tf_first, tf_prepare, tf_answers, tf_next,
	 "since", NULL},
	{"kobo", "https://kf.kobotoolbox.org", "Token", "/results", "/next",
	 "/_id", "/_submission_time", 100, 1, kobo_first, NULL, generic_answers, NULL,
	 NULL, kobo_since},
	{NULL, NULL, "Bearer", NULL, NULL, NULL, NULL, 0, 1, generic_first, NULL,
	 generic_answers, NULL, NULL, NULL},
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
