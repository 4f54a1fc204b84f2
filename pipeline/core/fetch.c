/* fetch.c - vp-fetch's run: paging, state, output, records; the services
 * are a table in fetch_preset.c.  See include/voxpop/fetch.h
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

#include "fetch_impl.h"
#include "voxpop/pointer.h"
#include "voxpop/record.h"
#include "voxpop/record_new.h"


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

/* GET url and parse it as JSON.  On success *page is the document. */
int vp_fetch_get_json(struct run *r, const char *url, vp_http_resp *resp, json_t **page,
                    vp_err *e)
{
	*page = NULL;
	if (vp_url_redact(url, &r->shown) != 0)
		return vp_fetch_oom(e);
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

/* The mark as the first page's "since" parameter. */
static int add_since(struct run *r, vp_buf *url)
{
	const char *mark = r->old.mark;
	if (!mark)
		return 0;
	if (r->p->since)
		return r->p->since(r, url, mark);
	const char *name = r->p->name ? r->p->since_param : r->o->since_param;
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
	const struct preset *p = vp_fetch_preset_find(o->preset);
	if (!p) {
		vp_buf names = VP_BUF_INIT;
		int rc = vp_fetch_preset_names(&names) != 0
		         ? vp_fetch_oom(e)
		         : vp_errf(e, EX_USAGE, "unknown preset '%s' (%s)", o->preset, names.data);
		vp_buf_free(&names);
		return rc;
	}
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
	r->resp_id = vp_fetch_scalar(vp_pointer_get(resp, id_ptr), r->idbuf, sizeof r->idbuf);
	if (!r->resp_id || !*r->resp_id)
		return vp_errf(e, EX_DATAERR, "GET %s: response %zu has no id at '%s'",
		               r->shown.data, idx, id_ptr);
	r->resp_date = date_ptr ? vp_fetch_scalar(vp_pointer_get(resp, date_ptr), datebuf,
	                                 sizeof datebuf) : NULL;
	if (r->o->state_path && (!r->resp_date || !*r->resp_date))
		return vp_errf(e, EX_DATAERR, "GET %s: response %s has no date at '%s'",
		               r->shown.data, r->resp_id, date_ptr);
	if (r->o->state_path && vp_fetch_state_seen(&r->old, r->resp_id, r->resp_date)) {
		r->st->skipped++;
		return 0;
	}
	char locbuf[32];
	r->locality = r->o->locality_ptr ? vp_fetch_scalar(vp_pointer_get(resp, r->o->locality_ptr),
	                                          locbuf, sizeof locbuf) : NULL;
	r->texts_in_resp = 0;
	int rc = r->p->answers(r, resp, e);
	if (rc)
		return rc;
	if (r->o->state_path && vp_fetch_state_note(&r->neu, r->resp_id, r->resp_date) != 0)
		return vp_fetch_oom(e);
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
		rc = vp_fetch_oom(e);
	while (rc == 0 && url.len) {
		if (r->st->pages >= max_pages) {
			rc = vp_errf(e, EX_PROTOCOL, "stopped after %lu pages (--max-pages)",
			             max_pages);
			break;
		}
		if ((rc = vp_fetch_get_json(r, url.data, &resp, &page, e)))
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
				rc = vp_fetch_oom(e);
		} else if (next_ptr) {
			json_t *n = vp_pointer_get(page, next_ptr);
			if (json_is_string(n) && vp_buf_puts(&next, json_string_value(n)) != 0)
				rc = vp_fetch_oom(e);
			else if (n && !json_is_string(n) && !json_is_null(n))
				rc = vp_errf(e, EX_DATAERR, "GET %s: next page at '%s' is not a URL",
				             r->shown.data, next_ptr);
		} else if (r->p->next_url && r->p->next_url(r, records, &next) != 0) {
			rc = vp_fetch_oom(e);
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
		return vp_fetch_oom(e);
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
	r.p = vp_fetch_preset_find(o->preset);
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
			rc = vp_fetch_oom(e);
			goto done;
		}
		r.http.auth = auth.data;
	}
	if (r.p->first_url(&r, &r.first) != 0 || source_name(&r) != 0 ||
	    vp_url_redact(r.first.data, &key) != 0) {
		rc = vp_fetch_oom(e);
		goto done;
	}
	/* The state belongs to one source: the preset and survey, or the URL. */
	if (r.p->name) {
		vp_buf_clear(&key);
		if (vp_buf_printf(&key, "%s:%s", r.p->name, o->survey) != 0) {
			rc = vp_fetch_oom(e);
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
			rc = vp_fetch_oom(e);
			goto done;
		}
		if ((rc = output_begin(&r, e)))
			goto done;
		if (copy_state(&r.neu, &r.old) != 0) {
			rc = vp_fetch_oom(e);
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
	vp_buf_free(&r.line);
	json_decref(r.headings);
	vp_fetch_state_free(&r.old);
	vp_fetch_state_free(&r.neu);
	return rc;
}

