/* fetch_io.c - what vp-fetch's run lends every preset (fetch_impl.h): its
 * requests, with the token (OAuth2 renewed before it expires, a 401 renewed
 * once); pages as JSON, repaired where one response is broken; one
 * response checked against the state and this run; one record written per
 * text answer.  Below both fetch.c (the run) and fetch_preset.c (the
 * services), so neither reaches back up into the other. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "fetch_impl.h"
#include "voxpop/pointer.h"
#include "voxpop/record.h"
#include "voxpop/record_new.h"
#include "voxpop/redact.h"

/* ---- helpers ------------------------------------------------------------ */

int vp_fetch_oom(vp_err *e)
{
	return vp_errf(e, EX_OSERR, "out of memory");
}

/* A scalar as a string: strings as they are, integers in decimal. */
const char *vp_fetch_scalar(json_t *v, char *buf, size_t n)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(buf, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return buf;
	}
	return NULL;
}

int vp_fetch_blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

void vp_fetch_not_text(struct run *r, const char *ptr, const char *what)
{
	if (r->st->not_text++ == 0) {
		char id[64];
		vp_redact_shown(r->o->given_names, r->resp_id, strlen(r->resp_id), id, sizeof id);
		snprintf(r->st->not_text_example, sizeof r->st->not_text_example,
		         "response %s: '%s' is %s", id, ptr, what);
	}
}

/* Write one record for a text answer of the current response: id
 * "response/question", the date by the one date rule (record_new.h), the
 * response id and full timestamp in fields. */
int vp_fetch_emit(struct run *r, const char *qkey, const char *question, const char *text,
                  vp_err *e)
{
	if (!text || vp_fetch_blank(text))
		return 0;
	r->texts_in_resp++;
	vp_buf id = VP_BUF_INIT, fields = VP_BUF_INIT;
	int rc = vp_buf_printf(&id, "%s/%s", r->resp_id, qkey) |
	         vp_buf_puts(&fields, "{\"response_id\":") |
	         vp_record_json_str(&fields, r->resp_id, strlen(r->resp_id));
	if (r->resp_date)
		rc |= vp_buf_puts(&fields, ",\"timestamp\":") |
		      vp_record_json_str(&fields, r->resp_date, strlen(r->resp_date));
	rc |= vp_buf_putc(&fields, '}');
	vp_record_parts p = {
		.id = {id.data, id.len, 0},
		.source = {r->source.data, r->source.len, 0},
		.channel = vp_rpart_str("form"),
		.locality = vp_rpart_str(r->locality ? r->locality : ""),
		.date = vp_rpart_str(r->resp_date ? r->resp_date : ""),
		/* a response's answers are one respondent's (vp-count counts people) */
		.respondent = vp_rpart_str(r->resp_id),
		.question = vp_rpart_str(question),
		.text = vp_rpart_str(text),
		.fields = {fields.data, fields.len, 1},
	};
	if (rc || vp_record_build(&r->line, &p, NULL, NULL) != 0) {
		rc = vp_fetch_oom(e);
	} else {
		rc = vp_record_put(r->out, &r->line, e);
		if (rc == 0)
			r->st->records++;
	}
	vp_buf_free(&id);
	vp_buf_free(&fields);
	return rc;
}

/* ---- OAuth2 client credentials (RFC 6749 4.4) ---------------------------- */

static long long mono_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec;
}

/* A token is renewed this long before it expires. */
enum { OAUTH_MARGIN = 60 };

static int form_param(vp_buf *b, const char *name, const char *value)
{
	/* vp_url_add_param percent-encodes; strip its leading '?' or '&' */
	vp_buf t = VP_BUF_INIT;
	int rc = vp_url_add_param(&t, name, value);
	if (rc == 0)
		rc = vp_buf_printf(b, "%s%s", b->len ? "&" : "", t.data + 1);
	if (t.data)
		memset(t.data, 0, t.len);
	vp_buf_free(&t);
	return rc;
}

static int oauth_token(struct run *r, vp_err *e)
{
	const vp_fetch_opts *o = r->o;
	vp_buf body = VP_BUF_INIT, url = VP_BUF_INIT;
	vp_http_resp resp = {0};
	json_t *doc = NULL;
	int rc;
	if (o->oauth_url)
		rc = vp_buf_puts(&url, o->oauth_url);
	else
		rc = vp_buf_printf(&url, "https://login.microsoftonline.com/%s/oauth2/v2.0/token",
		                   o->tenant);
	if (rc || form_param(&body, "grant_type", "client_credentials") ||
	    form_param(&body, "client_id", o->token) ||
	    form_param(&body, "client_secret", o->secret) ||
	    ((o->scope || r->p->oauth) &&
	     form_param(&body, "scope", o->scope ? o->scope : "https://graph.microsoft.com/.default"))) {
		rc = vp_fetch_oom(e);
		goto out;
	}
	vp_http_opts h = r->http;
	h.auth = NULL;
	h.headers = NULL;
	h.nheaders = 0;
	h.no_redirect = 1; /* the body holds the client secret */
	vp_err he = {0};
	rc = vp_http_request(&h, "POST", url.data, body.data, "application/x-www-form-urlencoded",
	                     &resp, &he);
	if (rc == EX_NOPERM || (rc == EX_PROTOCOL && resp.status == 400)) {
		rc = vp_errf(e, EX_NOPERM, "OAuth2 token endpoint refused the client credentials "
		             "(HTTP %ld); check the client id, secret, tenant and scope",
		             resp.status);
		goto out;
	}
	if (rc) {
		rc = vp_errf(e, rc, "OAuth2 token: %s", he.msg);
		goto out;
	}
	doc = json_loadb(resp.body.data ? resp.body.data : "", resp.body.len, 0, NULL);
	const char *tok = json_string_value(json_object_get(doc, "access_token"));
	json_t *exp = json_object_get(doc, "expires_in");
	long long secs = json_is_integer(exp) ? (long long)json_integer_value(exp)
	                 : json_is_string(exp) ? atoll(json_string_value(exp)) : 3600;
	if (!tok || !*tok || strpbrk(tok, "\r\n")) {
		rc = vp_errf(e, EX_PROTOCOL, "OAuth2 token endpoint gave no access_token");
		goto out;
	}
	if (r->access.data)
		memset(r->access.data, 0, r->access.len);
	if (r->auth.data)
		memset(r->auth.data, 0, r->auth.len);
	vp_buf_clear(&r->access);
	vp_buf_clear(&r->auth);
	if (vp_buf_puts(&r->access, tok) || vp_buf_printf(&r->auth, "Bearer %s", tok)) {
		rc = vp_fetch_oom(e);
		goto out;
	}
	r->http.auth = r->auth.data;
	r->expires = mono_now() + (secs > 0 ? secs : 0);
	r->st->tokens++;
out:
	if (doc) {
		/* the token is in the document and in the body: wipe both */
		json_t *t = json_object_get(doc, "access_token");
		if (json_is_string(t))
			memset((char *)json_string_value(t), 0, strlen(json_string_value(t)));
		json_decref(doc);
	}
	if (resp.body.data)
		memset(resp.body.data, 0, resp.body.len);
	if (body.data)
		memset(body.data, 0, body.len);
	vp_http_resp_free(&resp);
	vp_buf_free(&body);
	vp_buf_free(&url);
	return rc;
}

int vp_fetch_oauth_on(const struct run *r)
{
	return r->o->oauth_url || (r->p->oauth && r->o->secret);
}

int vp_fetch_request(struct run *r, const char *method, const char *url, const char *body,
                     const char *ctype, vp_http_resp *resp, vp_err *e)
{
	int rc;
	if (vp_fetch_oauth_on(r) && (!r->auth.len || mono_now() + OAUTH_MARGIN >= r->expires) &&
	    (rc = oauth_token(r, e)))
		return rc;
	rc = vp_http_request(&r->http, method, url, body, ctype, resp, e);
	if (rc == EX_NOPERM && resp->status == 401 && vp_fetch_oauth_on(r)) {
		/* expired early or revoked: a new token, once */
		if ((rc = oauth_token(r, e)))
			return rc;
		rc = vp_http_request(&r->http, method, url, body, ctype, resp, e);
	}
	return rc;
}

/* GET url and parse it as JSON.  On success *page is the document. */
int vp_fetch_get_json(struct run *r, const char *url, vp_http_resp *resp, json_t **page,
                    vp_err *e)
{
	*page = NULL;
	if (vp_url_redact(url, &r->shown) != 0)
		return vp_fetch_oom(e);
	int rc = vp_fetch_request(r, "GET", url, NULL, NULL, resp, e);
	if (rc)
		return rc;
	unsigned long fixed = 0;
	char ex[sizeof r->st->repaired_example];
	vp_err pe = {0};
	rc = vp_fetch_page_parse(resp->body.data, resp->body.len, page, &fixed, ex, sizeof ex, &pe);
	if (rc) {
		/* jansson's "near '...'" quotes the page: an answer, masked */
		char shown[sizeof pe.msg];
		vp_redact_shown(r->o->given_names, pe.msg, strlen(pe.msg), shown, sizeof shown);
		return vp_errf(e, rc, "GET %s: %s", r->shown.data, shown);
	}
	if (fixed && r->st->repaired == 0)
		snprintf(r->st->repaired_example, sizeof r->st->repaired_example, "%s", ex);
	r->st->repaired += fixed;
	return 0;
}

/* A response that cannot be written is reported (the first one) and
 * skipped; the rest of the page goes on. */
static void skip_bad(struct run *r, size_t idx, const char *why, const char *ptr)
{
	if (r->st->bad++ == 0)
		snprintf(r->st->bad_example, sizeof r->st->bad_example, "GET %s: response %zu %s '%s'",
		         r->shown.data, idx, why, ptr);
}

/* The key of a response in r->run_ids: "id\ndate". */
static int run_key(vp_buf *key, const char *id, const char *date)
{
	return vp_buf_printf(key, "%s\n%s", id, date ? date : "");
}

int vp_fetch_met(struct run *r, json_t *resp, const char *id_ptr, const char *date_ptr)
{
	char idbuf[64], datebuf[32];
	const char *id = vp_fetch_scalar(vp_pointer_get(resp, id_ptr), idbuf, sizeof idbuf);
	const char *date = date_ptr ? vp_fetch_scalar(vp_pointer_get(resp, date_ptr), datebuf,
	                                              sizeof datebuf) : NULL;
	if (!id || !*id)
		return -1;
	vp_buf key = VP_BUF_INIT;
	/* out of memory: "not met", and vp_fetch_response reports it */
	int met = run_key(&key, id, date) == 0 && json_object_get(r->run_ids, key.data) != NULL;
	vp_buf_free(&key);
	return met;
}

/* One response.  Skipped: without a usable id (it could never be told apart,
 * in this run or the next: no stable record id), met before in this run
 * (pages shifted under us), or emitted by an earlier run according to the
 * state.  With --state, its date advances the mark only when it is a date
 * the mark may take (vp_fetch_date_markable); other responses are
 * remembered by id (the state's "odd" set) and counted for a report. */
int vp_fetch_response(struct run *r, json_t *resp, size_t idx, const char *id_ptr,
                      const char *date_ptr, vp_err *e)
{
	char datebuf[32];
	r->st->responses++;
	r->resp_id = vp_fetch_scalar(vp_pointer_get(resp, id_ptr), r->idbuf, sizeof r->idbuf);
	if (!r->resp_id || !*r->resp_id) {
		skip_bad(r, idx, "has no id at", id_ptr);
		return 0;
	}
	r->resp_date = date_ptr ? vp_fetch_scalar(vp_pointer_get(resp, date_ptr), datebuf,
	                                 sizeof datebuf) : NULL;
	const char *why = NULL;
	int markable = 1, seen = 0;
	/* a service without a usable date: every response is known by id */
	int by_id = r->p->by_id;
	if (r->o->state_path) {
		markable = by_id ? 0 : vp_fetch_date_markable(r->resp_date, r->p->zoneless_utc,
		                                              r->now, &why);
		/* an odd id is known for good, whatever its date now (a date ahead
		 * of the clock in one run is usable in a later one) */
		seen = vp_fetch_state_seen_odd(&r->old, r->resp_id);
		/* written before: the mark may pass it, and once it has, the id
		 * can go (vp_fetch_state_prune_odd) */
		if (seen && markable &&
		    (vp_fetch_state_note(&r->neu, r->resp_id, r->resp_date) != 0 ||
		     vp_fetch_state_note_odd(&r->neu, r->resp_id, r->resp_date) != 0))
			return vp_fetch_oom(e);
		if (!seen && markable)
			seen = vp_fetch_state_seen(&r->old, r->resp_id, r->resp_date);
	}
	/* the same response (id and date) met again in this run; every
	 * response met is kept, those an earlier run wrote too (vp_fetch_met) */
	vp_buf key = VP_BUF_INIT;
	if (run_key(&key, r->resp_id, r->resp_date) != 0)
		return vp_fetch_oom(e);
	int dup = json_object_get(r->run_ids, key.data) != NULL;
	int rc = dup ? 0 : json_object_set_new_nocheck(r->run_ids, key.data, json_true());
	vp_buf_free(&key);
	if (rc)
		return vp_fetch_oom(e);
	if (seen) {
		r->st->skipped++;
		return 0;
	}
	if (dup) {
		r->st->duplicates++;
		return 0;
	}
	char locbuf[32];
	r->locality = r->o->locality_ptr ? vp_fetch_scalar(vp_pointer_get(resp, r->o->locality_ptr),
	                                          locbuf, sizeof locbuf) : NULL;
	r->texts_in_resp = 0;
	rc = r->p->answers(r, resp, e);
	if (rc)
		return rc;
	if (!r->o->state_path)
		return 0;
	if (!markable && !by_id && r->st->odd_dates++ == 0) {
		/* people type anything into a date field, and an --id or --date
		 * pointer may name the wrong member (an e-mail address): masked */
		char id[64], date[64];
		const char *d = r->resp_date ? r->resp_date : "";
		vp_redact_shown(r->o->given_names, r->resp_id, strlen(r->resp_id), id, sizeof id);
		vp_redact_shown(r->o->given_names, d, strlen(d), date, sizeof date);
		snprintf(r->st->odd_example, sizeof r->st->odd_example, "response %s: '%s': %s",
		         id, date, why);
	}
	/* a date that is only ahead of the clock is kept with the id: once the
	 * clock and the mark have passed it, the mark tells it apart */
	const char *later = !markable && !by_id && r->resp_date &&
	                    vp_fetch_date_markable(r->resp_date, r->p->zoneless_utc,
	                                           LLONG_MAX / 4, NULL) ? r->resp_date : NULL;
	if ((markable ? vp_fetch_state_note(&r->neu, r->resp_id, r->resp_date)
	              : vp_fetch_state_note_odd(&r->neu, r->resp_id, later)) != 0)
		return vp_fetch_oom(e);
	return 0;
}
