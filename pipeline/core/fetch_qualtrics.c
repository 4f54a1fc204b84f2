/* fetch_qualtrics.c - Qualtrics' asynchronous response export for vp-fetch.
 *
 *   POST /API/v3/surveys/{id}/export-responses  {"format":"csv",
 *        "timeZone":"UTC"[, "startDate": MARK]}     -> result.progressId
 *   GET  /API/v3/surveys/{id}/export-responses/{progressId}
 *        -> result.status inProgress | complete (result.fileId) | failed
 *   GET  /API/v3/surveys/{id}/export-responses/{fileId}/file -> a zip of a CSV
 * Header X-API-TOKEN.  The CSV is read by vp-ingest's qualtrics layout
 * (vp_ingest); its records are grouped by response (ResponseId, Recorded
 * Date in UTC) and go through the same state as every page of other
 * services.  The progressId is kept in the state ("pending") as soon as
 * the export is started, so a run killed while it waits resumes that export
 * rather than starting another; one that has gone (404) is started again.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <zip.h>

#include "fetch_impl.h"
#include "voxpop/ingest.h"

enum { MAX_POLLS = 2000 };

int vp_fetch_qx_first(struct run *r, vp_buf *url)
{
	return vp_buf_printf(url, "%s/API/v3/surveys/%s/export-responses", r->base,
	                     r->o->survey);
}

static int id_ok(const char *s)
{
	if (!s || !*s || strlen(s) > 128)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
			return 0;
	return 1;
}

static void nap(unsigned s)
{
	struct timespec ts = {(time_t)s, 0};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* POST the export; *progress gets its id (malloc'd). */
static int start_export(struct run *r, char **progress, vp_err *e)
{
	json_t *req = json_pack("{s:s, s:s}", "format", "csv", "timeZone", "UTC");
	char *body = NULL;
	vp_http_resp resp = {0};
	json_t *doc = NULL;
	int rc = 0;
	if (req && r->old.mark) {
		long long secs;
		long ns;
		char iso[32];
		/* one second early: whether "after" is inclusive is not documented;
		 * responses at the mark are told apart by id */
		if (vp_fetch_date_instant(r->old.mark, &secs, &ns) == 0) {
			time_t t = (time_t)(secs > 0 ? secs - 1 : 0);
			struct tm tm;
			gmtime_r(&t, &tm);
			strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
			if (json_object_set_new(req, "startDate", json_string(iso)) != 0)
				rc = -1;
		}
	}
	if (!req || rc || !(body = json_dumps(req, JSON_COMPACT))) {
		rc = vp_fetch_oom(e);
		goto out;
	}
	if (vp_url_redact(r->first.data, &r->shown) != 0) {
		rc = vp_fetch_oom(e);
		goto out;
	}
	if ((rc = vp_fetch_request(r, "POST", r->first.data, body, "application/json", &resp, e)))
		goto out;
	doc = json_loadb(resp.body.data ? resp.body.data : "", resp.body.len, 0, NULL);
	const char *id = json_string_value(json_object_get(json_object_get(doc, "result"),
	                                                   "progressId"));
	if (!id_ok(id)) {
		rc = vp_errf(e, EX_PROTOCOL, "POST %s: no usable result.progressId", r->shown.data);
		goto out;
	}
	if (!(*progress = strdup(id)))
		rc = vp_fetch_oom(e);
out:
	json_decref(req);
	json_decref(doc);
	free(body);
	vp_http_resp_free(&resp);
	return rc;
}

/* Poll until complete: *file gets the fileId.  EX_NOINPUT: the export is gone;
 * *failed = 1 (EX_TEMPFAIL): it failed on the service's side, for good. */
static int poll_export(struct run *r, const char *progress, char **file, int *failed,
                       vp_err *e)
{
	*failed = 0;
	vp_buf url = VP_BUF_INIT;
	vp_http_resp resp = {0};
	json_t *doc = NULL;
	int rc = vp_buf_printf(&url, "%s/%s", r->first.data, progress) ? vp_fetch_oom(e) : 0;
	for (unsigned n = 1; rc == 0; n++) {
		json_decref(doc);
		if ((rc = vp_fetch_get_json(r, url.data, &resp, &doc, e)))
			break;
		json_t *res = json_object_get(doc, "result");
		const char *status = json_string_value(json_object_get(res, "status"));
		if (status && strcmp(status, "complete") == 0) {
			const char *id = json_string_value(json_object_get(res, "fileId"));
			if (!id_ok(id))
				rc = vp_errf(e, EX_PROTOCOL, "GET %s: complete without a usable "
				             "result.fileId", r->shown.data);
			else if (!(*file = strdup(id)))
				rc = vp_fetch_oom(e);
			break;
		}
		if (status && strcmp(status, "failed") == 0) {
			*failed = 1;
			rc = vp_errf(e, EX_TEMPFAIL, "GET %s: the export failed on the service's side",
			             r->shown.data);
			break;
		}
		if (!status || strcmp(status, "inProgress") != 0) {
			rc = vp_errf(e, EX_PROTOCOL, "GET %s: unknown export status", r->shown.data);
			break;
		}
		if (n >= MAX_POLLS) {
			rc = vp_errf(e, EX_TEMPFAIL, "GET %s: export still in progress after %u "
			             "polls", r->shown.data, n);
			break;
		}
		nap(vp_http_backoff(n, -1, r->http.max_backoff));
	}
	json_decref(doc);
	vp_http_resp_free(&resp);
	vp_buf_free(&url);
	return rc;
}

/* The first *.csv of the zip in z (n bytes), into csv. */
static int unzip_csv(struct run *r, const char *z, size_t n, vp_buf *csv, vp_err *e)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(z, n, 0, &ze);
	zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	int rc = 0;
	if (!za) {
		if (src)
			zip_source_free(src);
		rc = vp_errf(e, EX_DATAERR, "GET %s: not a zip file (%s)", r->shown.data,
		             zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return rc;
	}
	zip_int64_t k, entries = zip_get_num_entries(za, 0);
	for (k = 0; k < entries; k++) {
		const char *name = zip_get_name(za, (zip_uint64_t)k, 0);
		size_t l = name ? strlen(name) : 0;
		if (l > 4 && strcasecmp(name + l - 4, ".csv") == 0)
			break;
	}
	zip_file_t *f = k < entries ? zip_fopen_index(za, (zip_uint64_t)k, 0) : NULL;
	if (!f) {
		rc = vp_errf(e, EX_DATAERR, "GET %s: the zip holds no CSV file", r->shown.data);
	} else {
		char buf[65536];
		zip_int64_t got;
		while ((got = zip_fread(f, buf, sizeof buf)) > 0) {
			if (r->http.max_page_bytes && csv->len + (size_t)got > r->http.max_page_bytes * 4) {
				rc = vp_errf(e, EX_DATAERR, "GET %s: the CSV is too large (4 x "
				             "--max-page-bytes)", r->shown.data);
				break;
			}
			if (vp_buf_append(csv, buf, (size_t)got) != 0) {
				rc = vp_fetch_oom(e);
				break;
			}
		}
		if (rc == 0 && got < 0)
			rc = vp_errf(e, EX_DATAERR, "GET %s: corrupt zip: %s", r->shown.data,
			             zip_file_strerror(f));
		zip_fclose(f);
	}
	zip_discard(za);
	zip_error_fini(&ze);
	return rc;
}

/* Records of one response (in resp["lines"]): written with this run's
 * source and channel "form". */
int vp_fetch_qx_answers(struct run *r, json_t *resp, vp_err *e)
{
	size_t i;
	json_t *rec;
	json_array_foreach(json_object_get(resp, "lines"), i, rec) {
		if (json_object_set_new(rec, "source", json_stringn(r->source.data, r->source.len)) ||
		    json_object_set_new(rec, "channel", json_string("form")))
			return vp_fetch_oom(e);
		char *s = json_dumps(rec, JSON_COMPACT);
		if (!s)
			return vp_fetch_oom(e);
		int bad = fputs(s, r->out) == EOF || fputc('\n', r->out) == EOF;
		free(s);
		if (bad)
			return vp_errf(e, EX_IOERR, "write error");
		r->st->records++;
		r->texts_in_resp++;
	}
	return 0;
}

/* The export's rows the qualtrics layout did not read for their Status
 * (previews, tests, spam) or a refusal of consent, Status values it does
 * not know and consent answers neither yes nor no, said once on stderr: a
 * response left out is never silent.  0 or -1 (out of memory). */
static int say_status(struct run *r, const vp_ingest_stats *ist)
{
	vp_buf b = VP_BUF_INIT;
	int rc = 0;
	if (ist->status_skipped) {
		rc |= vp_buf_printf(&b, "qualtrics %s: %lu response%s not imported: ", r->o->survey,
		                    ist->status_skipped, ist->status_skipped == 1 ? "" : "s");
		rc |= vp_ingest_status_list(ist, &b);
		rc |= vp_buf_puts(&b, " (the author's tests and spam, not responses)");
		if (rc == 0)
			vp_warnf("vp-fetch", "%s", b.data);
	}
	if (rc == 0 && ist->status_unknown) {
		vp_buf_clear(&b);
		rc |= vp_buf_printf(&b, "qualtrics %s: %lu response%s with a Qualtrics Status not "
		                    "known, imported:", r->o->survey, ist->status_unknown,
		                    ist->status_unknown == 1 ? "" : "s");
		rc |= vp_ingest_status_unknown_list(ist, &b);
		if (rc == 0)
			vp_warnf("vp-fetch", "%s", b.data);
	}
	/* refusals of consent: not imported (vp-fetch has no --keep-declined:
	 * vp-ingest's default); blank or unclear consent answers: imported */
	if (rc == 0 && ist->declined) {
		vp_buf_clear(&b);
		rc |= vp_buf_printf(&b, "qualtrics %s: %lu response%s not imported, whose ",
		                    r->o->survey, ist->declined, ist->declined == 1 ? "" : "s");
		rc |= vp_ingest_consent_list(ist, &b, 1);
		rc |= vp_buf_puts(&b, " (consent refused)");
		if (rc == 0)
			vp_warnf("vp-fetch", "%s", b.data);
	}
	if (rc == 0 && ist->consent_blank + ist->consent_unclear) {
		vp_buf_clear(&b);
		rc |= vp_buf_printf(&b, "qualtrics %s: %lu response%s imported, whose ", r->o->survey,
		                    ist->consent_blank + ist->consent_unclear,
		                    ist->consent_blank + ist->consent_unclear == 1 ? "" : "s");
		rc |= vp_ingest_consent_list(ist, &b, 0);
		if (rc == 0)
			vp_warnf("vp-fetch", "%s", b.data);
	}
	vp_buf_free(&b);
	return rc ? -1 : 0;
}

/* The CSV through vp-ingest's qualtrics layout; then response by response. */
static int read_csv(struct run *r, const vp_buf *csv, vp_err *e)
{
	char *recs = NULL;
	size_t nrecs = 0;
	FILE *in = fmemopen(csv->data, csv->len, "r");
	FILE *mem = open_memstream(&recs, &nrecs);
	vp_ingest_opts io = {0};
	vp_ingest_stats ist = {0};
	vp_err ie = {0};
	int rc = 0;
	io.preset = vp_preset_parse("qualtrics");
	io.prog = "vp-fetch";
	io.fields_mode = VP_FIELDS_ALL; /* a response's answers, and its Recorded Date */
	io.fields_personal = 1;         /* as the API gave them: vp-fetch says nothing on
	                                 * stderr of columns vp-ingest's note would name */
	if (!in || !mem || !io.preset) {
		rc = vp_fetch_oom(e);
	} else if ((rc = vp_ingest(&io, in, "qualtrics.csv", mem, &ist, &ie))) {
		rc = vp_errf(e, rc, "GET %s: the export's CSV: %s", r->shown.data, ie.msg);
	} else if ((rc = say_status(r, &ist)) != 0) {
		rc = vp_fetch_oom(e);
	}
	if (mem && fclose(mem) != 0 && rc == 0)
		rc = vp_fetch_oom(e);
	if (in)
		fclose(in);
	/* group consecutive records by respondent */
	json_t *group = NULL;
	size_t idx = 0;
	char *line = recs, *end = recs ? recs + nrecs : NULL;
	while (rc == 0 && line && line < end) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		size_t len = nl ? (size_t)(nl - line) : (size_t)(end - line);
		json_t *rec = len ? json_loadb(line, len, 0, NULL) : NULL;
		line += len + 1;
		if (!len)
			continue;
		if (!rec) {
			rc = vp_errf(e, EX_SOFTWARE, "internal: vp_ingest wrote a line that is not "
			             "JSON");
			break;
		}
		const char *who = json_string_value(json_object_get(rec, "respondent"));
		json_t *f = json_object_get(rec, "fields");
		const char *when = json_string_value(json_object_get(f, "Recorded Date"));
		if (!when)
			when = json_string_value(json_object_get(rec, "date"));
		if (group && (!who || strcmp(who, json_string_value(json_object_get(group, "id"))))) {
			rc = vp_fetch_response(r, group, idx++, "/id", "/date", e);
			json_decref(group);
			group = NULL;
		}
		if (rc == 0 && !group &&
		    !(group = json_pack("{s:s?, s:s?, s:[]}", "id", who, "date", when, "lines")))
			rc = vp_fetch_oom(e);
		if (rc == 0 && json_array_append(json_object_get(group, "lines"), rec) != 0)
			rc = vp_fetch_oom(e);
		json_decref(rec);
	}
	if (rc == 0 && group)
		rc = vp_fetch_response(r, group, idx, "/id", "/date", e);
	json_decref(group);
	free(recs);
	return rc;
}

/* Forget the pending export (failed or gone): the state no longer names it,
 * so no later run is stuck on it. */
static int drop_pending(struct run *r, vp_err *e)
{
	if (!r->o->state_path || !r->old.pending)
		return 0;
	free(r->old.pending);
	r->old.pending = NULL;
	return vp_fetch_state_save(&r->old, r->state, e);
}

/* Exports one run may start: one that failed or whose file has gone is
 * dropped and another started, at most this many in all. */
enum { MAX_STARTS = 2 };

int vp_fetch_qx_fetch(struct run *r, vp_err *e)
{
	char *progress = NULL, *file = NULL;
	vp_buf url = VP_BUF_INIT, csv = VP_BUF_INIT;
	vp_http_resp resp = {0};
	int rc = 0, resumed = 0, starts = 0;
	if (r->old.pending) {
		if (!(progress = strdup(r->old.pending)))
			return vp_fetch_oom(e);
		resumed = 1;
	}
	for (;;) {
		if (!progress) {
			starts++;
			if ((rc = start_export(r, &progress, e)))
				goto out;
			/* keep its id: a run killed while waiting resumes it */
			if (r->o->state_path) {
				free(r->old.pending);
				if (!(r->old.pending = strdup(progress))) {
					rc = vp_fetch_oom(e);
					goto out;
				}
				if ((rc = vp_fetch_state_save(&r->old, r->state, e)))
					goto out;
			}
		}
		int failed = 0;
		rc = poll_export(r, progress, &file, &failed, e);
		if (rc == EX_NOINPUT && resumed) { /* expired: start again */
			resumed = 0;
			free(progress);
			progress = NULL;
			continue;
		}
		if (rc == 0) {
			vp_buf_clear(&url);
			if (vp_buf_printf(&url, "%s/%s/file", r->first.data, file) != 0 ||
			    vp_url_redact(url.data, &r->shown) != 0) {
				rc = vp_fetch_oom(e);
				goto out;
			}
			rc = vp_fetch_request(r, "GET", url.data, NULL, NULL, &resp, e);
			failed = rc == EX_NOINPUT; /* the file has gone (expired) */
		}
		if (rc && failed) {
			/* failed for good, or its file gone: this export never
			 * completes; drop it and start another (a bounded number) */
			vp_err de = {0};
			int drc = drop_pending(r, &de);
			if (drc) {
				*e = de;
				rc = drc;
				goto out;
			}
			if (starts < MAX_STARTS) {
				resumed = 0;
				free(progress);
				free(file);
				progress = file = NULL;
				continue;
			}
			/* the last export's file gone too: try again later (75, as
			 * README says), not "check the survey id" (66) */
			if (rc == EX_NOINPUT)
				rc = vp_errf(e, EX_TEMPFAIL, "%s: the export's file has gone again; "
				             "try again later", r->shown.data ? r->shown.data : "qualtrics");
		}
		if (rc)
			goto out;
		break;
	}
	r->st->pages++;
	if ((rc = unzip_csv(r, resp.body.data ? resp.body.data : "", resp.body.len, &csv, e)) ||
	    (rc = read_csv(r, &csv, e)))
		goto out;
	if (fflush(r->out) != 0)
		rc = vp_errf(e, EX_IOERR, "write error");
out:
	free(progress);
	free(file);
	vp_http_resp_free(&resp);
	vp_buf_free(&url);
	vp_buf_free(&csv);
	return rc;
}
