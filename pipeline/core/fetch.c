/* fetch.c - vp-fetch's run: options, paging, state, output; the services
 * are a table in fetch_preset.c, and what the run lends them (requests,
 * pages, responses, records) is in fetch_io.c.  See include/voxpop/fetch.h
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
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fetch_impl.h"
#include "voxpop/fetch_url.h"
#include "voxpop/pointer.h"
#include "voxpop/record.h"
#include "voxpop/record_new.h"


/* A date (the mark, or the last date seen) as the request's "since"
 * parameter (NULL: none). */
static int add_since_date(struct run *r, vp_buf *url, const char *date)
{
	if (!date)
		return 0;
	if (r->p->since)
		return r->p->since(r, url, date);
	const char *name = r->p->name ? r->p->since_param : r->o->since_param;
	return name ? vp_url_add_param(url, name, date) : 0;
}

/* Keyset paging: does this run ask each next page as "since the last date
 * seen" (inclusive) rather than by page number, offset or a link built on
 * them?  Page numbers and offsets shift when a response before the current
 * page is edited (it moves to the end) or deleted: a response slips into a
 * page already read and is never seen, while the mark moves past it.  Only
 * for services sorted by date ascending with an inclusive "since" filter
 * (presets marked keyset; the generic API with --since-param and
 * --page-param or --offset-param), and only with --state (without it every
 * run fetches everything again anyway). */
static int keyset_on(const struct run *r)
{
	const vp_fetch_opts *o = r->o;
	if (!o->state_path)
		return 0;
	if (r->p->name)
		return r->p->keyset;
	return o->since_param && (o->page_param || o->offset_param);
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
	/* a URL curl cannot take is a usage error now, not a failed request
	 * later (69); not echoed: it may hold a password */
	if (o->url && !vp_url_valid(o->url))
		return vp_errf(e, EX_USAGE, "--url is not an http:// or https:// URL with a host");
	if (o->base_url && !vp_url_valid(o->base_url))
		return vp_errf(e, EX_USAGE, "--base-url is not an http:// or https:// URL with a host");
	if (p->name) {
		if (!o->survey || !*o->survey)
			return vp_errf(e, EX_USAGE, "--preset %s needs --survey ID", p->name);
		for (const char *s = o->survey; *s; s++)
			if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' &&
			    !(p->survey_chars && strchr(p->survey_chars, *s)))
				return vp_errf(e, EX_USAGE, "--survey: '%s' is not an id", o->survey);
		if (strstr(o->survey, "..") || o->survey[0] == '/')
			return vp_errf(e, EX_USAGE, "--survey: '%s' is not an id", o->survey);
		/* a short page is the last: a page the service silently cuts to
		 * its maximum would end the run there, exit 0, the rest unread */
		if (p->max_page_size && o->page_size > p->max_page_size)
			return vp_errf(e, EX_USAGE, "--page-size %lu: %s gives at most %lu responses "
			               "a page (a shorter page is taken as the last)", o->page_size,
			               p->name, p->max_page_size);
		if (o->url || o->records_ptr || o->next_ptr || o->next_link || o->since_param ||
		    o->page_param || o->offset_param || o->next_param || o->limit || o->limit_param)
			return vp_errf(e, EX_USAGE, "--url, --records, --next, --since-param and the "
			               "paging options are for the generic API, not --preset %s",
			               p->name);
		if (o->region && !p->base && !o->base_url) {
			for (const char *s = o->region; *s; s++)
				if (!isalnum((unsigned char)*s))
					return vp_errf(e, EX_USAGE, "--region: '%s' is not a data "
					               "centre id", o->region);
		} else if (o->region && (strcmp(o->region, "eu") != 0 || !p->base_eu)) {
			return vp_errf(e, EX_USAGE, "--region %s: %s has %s", o->region, p->name,
			               p->base_eu ? "only --region eu" : "no regions");
		}
		if (!p->base && !o->base_url && !o->region)
			return vp_errf(e, EX_USAGE, "--preset %s needs --region DATACENTRE (e.g. "
			               "fra1, the host's first label) or --base-url", p->name);
		if (p->basic && (!o->token || !o->secret))
			return vp_errf(e, EX_USAGE, "--preset %s needs the API token (--token-env "
			               "or --token-file) and its secret (--secret-env or "
			               "--secret-file): HTTP Basic", p->name);
		if (p->oauth && o->secret && !o->tenant && !o->oauth_url)
			return vp_errf(e, EX_USAGE, "--preset %s with a client secret needs "
			               "--tenant ID (or --oauth-token-url URL)", p->name);
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
		if (!!o->page_param + !!o->offset_param + !!o->next_param + !!o->next_link > 1)
			return vp_errf(e, EX_USAGE, "give one way of paging: --page-param, "
			               "--offset-param, --next-param or --next link");
		if (o->next_param && !o->next_ptr)
			return vp_errf(e, EX_USAGE, "--next-param NAME needs --next PTR (where the "
			               "page gives the token)");
		if ((o->page_param || o->offset_param) && o->next_ptr)
			return vp_errf(e, EX_USAGE, "--page-param and --offset-param page by number, "
			               "not by --next");
		if (o->limit_param && !o->limit)
			return vp_errf(e, EX_USAGE, "--limit-param needs --limit N");
		if (o->region)
			return vp_errf(e, EX_USAGE, "--region is for presets");
	}
	if (o->secret && !o->token)
		return vp_errf(e, EX_USAGE, "a secret (--secret-env / --secret-file) goes with a "
		               "token or client id (--token-env / --token-file)");
	if (o->oauth_url && !o->secret)
		return vp_errf(e, EX_USAGE, "--oauth-token-url needs the client id (--token-env / "
		               "--token-file) and secret (--secret-env / --secret-file)");
	/* the URL parsed (not a text prefix): plain http only to loopback */
	if (o->oauth_url && !vp_url_secure(o->oauth_url))
		return vp_errf(e, EX_USAGE, "--oauth-token-url must be https (plain http only to "
		               "127.0.0.1, [::1] or localhost)");
	/* a token, a header (API keys) or a user:password in the URL in clear
	 * text to another host: refused */
	int creds = o->token || o->nheaders || (o->url && vp_url_has_userinfo(o->url)) ||
	            (o->base_url && vp_url_has_userinfo(o->base_url));
	if (creds && ((o->url && !vp_url_secure(o->url)) ||
	              (o->base_url && !vp_url_secure(o->base_url))))
		return vp_errf(e, EX_USAGE, "%s is plain http to a host other than 127.0.0.1, "
		               "[::1] or localhost: the token, --header or user:password would travel in clear "
		               "text; use https", o->url ? "--url" : "--base-url");
	for (size_t i = 0; i < o->nheaders; i++)
		if (strpbrk(o->headers[i], "\r\n"))
			return vp_errf(e, EX_USAGE, "a --header value contains a line break");
	if (o->secret && strpbrk(o->secret, "\r\n"))
		return vp_errf(e, EX_USAGE, "the secret contains a line break");
	if (p->needs_texts && o->ntexts == 0)
		return vp_errf(e, EX_USAGE, "%s needs at least one --text PTR",
		               p->name ? p->name : "the generic JSON API");
	if (o->state_path && !o->date_ptr && !p->date_ptr && !p->by_id)
		return vp_errf(e, EX_USAGE, "--state needs --date PTR (the high-water mark)");
	int rc;
	if ((rc = check_ptr("--records", o->records_ptr, e)) ||
	    (rc = check_ptr("--next", o->next_ptr, e)) ||
	    (rc = check_ptr("--id", o->id_ptr, e)) ||
	    (rc = check_ptr("--date", o->date_ptr, e)) ||
	    (rc = check_ptr("--locality", o->locality_ptr, e)))
		return rc;
	for (size_t i = 0; i < o->ntexts; i++) {
		if ((rc = check_ptr("--text", o->texts[i].ptr, e)))
			return rc;
		for (size_t j = 0; j < i; j++)
			if (strcmp(o->texts[j].ptr, o->texts[i].ptr) == 0)
				return vp_errf(e, EX_USAGE, "--text %s is given twice: each answer "
				               "would be written twice", o->texts[i].ptr);
	}
	if (o->token && strpbrk(o->token, "\r\n"))
		return vp_errf(e, EX_USAGE, "the token contains a line break");
	/* copied with its scheme, as an API's docs show the header: it would
	 * go as "Bearer Bearer ..." and come back a plain 401 */
	if (o->token && strncasecmp(o->token, "bearer ", 7) == 0)
		return vp_errf(e, EX_USAGE, "the token begins with 'Bearer ': give the token alone "
		               "(vp-fetch writes the scheme)");
	return 0;
}

/* ---- output ------------------------------------------------------------------ */

/* Is the tail [from, to) of the output fd (name for messages) what an
 * interrupted run of this source left?  Only bytes this source wrote are cut:
 * *cut = 1 when every complete line of it is a record of this source (a
 * last line without its newline counts as one: a write cut short); 0 when
 * every line is another writer's complete record (two sources appending to
 * one file: theirs, committed, not ours to cut); EX_DATAERR when they are
 * mixed, as nothing can then be cut safely. */
static int tail_ours(struct run *r, int fd, off_t from, off_t to, const char *name, int *cut,
                     vp_err *e)
{
	vp_buf line = VP_BUF_INIT;
	char chunk[65536];
	unsigned long ours = 0, other = 0;
	int rc = 0;
	for (off_t at = from; at < to && rc == 0;) {
		size_t want = (size_t)(to - at) < sizeof chunk ? (size_t)(to - at) : sizeof chunk;
		ssize_t n = pread(fd, chunk, want, at);
		if (n <= 0) {
			rc = vp_errf(e, EX_IOERR, "output %s: cannot read what an interrupted run "
			             "left: %s", name, n < 0 ? strerror(errno) : "file shrank");
			break;
		}
		at += n;
		for (ssize_t i = 0; i < n && rc == 0; i++) {
			if (chunk[i] != '\n') {
				if (vp_buf_putc(&line, chunk[i]) != 0)
					rc = vp_fetch_oom(e);
				continue;
			}
			json_t *j = json_loadb(line.data ? line.data : "", line.len, 0, NULL);
			const char *src = json_string_value(json_object_get(j, "source"));
			if (src && strcmp(src, r->source.data) == 0)
				ours++;
			else
				other++;
			json_decref(j);
			vp_buf_clear(&line);
		}
	}
	int partial = line.len > 0;
	vp_buf_free(&line);
	if (rc)
		return rc;
	*cut = other == 0;
	if (other == 0 || (ours == 0 && !partial))
		return 0;
	return vp_errf(e, EX_DATAERR, "output %s: the %lld bytes after the size the state "
	               "committed are not all written by this source (%lu lines of '%s', %lu "
	               "others: another writer appends to this file?); not cutting them: remove "
	               "this source's uncommitted lines by hand, and give each source its own "
	               "output", name, (long long)(to - from), ours, r->source.data, other);
}

/* Cut [offset, end) from fd (name for messages) if tail_ours says so. */
static int cut_tail(struct run *r, int fd, off_t offset, off_t size, const char *name,
                    vp_err *e)
{
	/* fd may be write-only (>> FILE, --output): read through another */
	char link[64];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	int rfd = open(link, O_RDONLY | O_CLOEXEC);
	if (rfd < 0)
		return vp_errf(e, EX_IOERR, "output %s: cannot read what an interrupted run "
		               "left: %s", name, strerror(errno));
	int cut = 0, rc = tail_ours(r, rfd, offset, size, name, &cut, e);
	close(rfd);
	if (rc || !cut)
		return rc;
	if (ftruncate(fd, offset) != 0)
		return vp_errf(e, EX_IOERR, "output %s: cannot cut off the %lld bytes an "
		               "interrupted run left: %s", name, (long long)(size - offset),
		               strerror(errno));
	r->st->discarded += size - offset;
	return 0;
}

/* The output's absolute path: --output's, else the descriptor's. */
static char *output_path(const struct run *r, int fd)
{
	if (r->o->output_path)
		return realpath(r->o->output_path, NULL);
	char link[64], buf[4096];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, buf, sizeof buf - 1);
	if (n <= 0 || buf[0] != '/')
		return NULL;
	buf[n] = '\0';
	return strdup(buf);
}

/* Where what an interrupted run of this source wrote to the bound output
 * may begin (its end: size), or -1 when nothing after the committed offset
 * is this source's: the last run committed (the state says so), and what
 * follows it other sources appending to the same file wrote -- not to be
 * cut, even when their records name the same source (two generic APIs on
 * one host).  A state of an older vp-fetch does not say: the committed
 * offset, and tail_ours tells by the records' source. */
static off_t uncommitted_from(const vp_fetch_state *s, off_t size)
{
	off_t from = s->out_run == VP_FETCH_RUN_UNKNOWN ? s->out_offset : s->out_run;
	return from >= 0 && size > from ? from : -1;
}

/* Before writing: if out is the regular file the state committed to, cut
 * off whatever an interrupted run appended after the committed offset.  If
 * the state is not bound to this file yet (first run, new or rotated file),
 * the file it was bound to (its path, if it is still that file) is cut back
 * first, then the state is bound to this file's current size now, before any
 * record is written, so that even an interrupted first run can be cut back.
 * Either way the state then notes where this run begins writing ("run"),
 * saved before any record is written: the next run cuts only from there. */
static int output_begin(struct run *r, vp_err *e)
{
	int fd = fileno(r->out);
	struct stat st;
	if (!r->o->state_path || fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	r->out_path = output_path(r, fd);
	const char *name = r->o->output_path ? r->o->output_path
	                   : r->out_path ? r->out_path : "(standard output)";
	int bound = r->old.has_output && st.st_dev == r->old.out_dev &&
	            st.st_ino == r->old.out_ino && st.st_size >= r->old.out_offset;
	int rc;
	off_t from = bound ? uncommitted_from(&r->old, st.st_size) : -1;
	if (from >= 0 && (rc = cut_tail(r, fd, from, st.st_size, name, e)))
		return rc;
	if (!bound && r->old.has_output && r->old.out_path) {
		/* a new output (date-stamped, rotated): the old one may end in the
		 * tail of an interrupted run, written again now */
		int ofd = open(r->old.out_path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
		struct stat ost;
		off_t ofrom = -1;
		if (ofd >= 0 && fstat(ofd, &ost) == 0 && S_ISREG(ost.st_mode) &&
		    ost.st_dev == r->old.out_dev && ost.st_ino == r->old.out_ino &&
		    ost.st_size > r->old.out_offset &&
		    (ofrom = uncommitted_from(&r->old, ost.st_size)) >= 0 &&
		    (rc = cut_tail(r, ofd, ofrom, ost.st_size, r->old.out_path, e))) {
			close(ofd);
			return rc;
		}
		if (ofd >= 0 && close(ofd) != 0)
			return vp_errf(e, EX_IOERR, "output %s: close: %s", r->old.out_path,
			               strerror(errno));
	}
	/* Records are only ever appended, whatever the redirection. */
	if (lseek(fd, 0, SEEK_END) < 0)
		return vp_errf(e, EX_IOERR, "output: cannot seek: %s", strerror(errno));
	if (fstat(fd, &st) != 0)
		return vp_errf(e, EX_IOERR, "output: %s", strerror(errno));
	r->old.out_run = st.st_size; /* this run writes from here on */
	if (bound && (r->old.out_path ? r->out_path && strcmp(r->old.out_path, r->out_path) == 0
	                              : !r->out_path))
		return vp_fetch_state_save(&r->old, r->state, e);
	r->old.has_output = 1;
	r->old.out_dev = st.st_dev;
	r->old.out_ino = st.st_ino;
	r->old.out_offset = st.st_size;
	free(r->old.out_path);
	r->old.out_path = r->out_path ? strdup(r->out_path) : NULL;
	if (r->out_path && !r->old.out_path)
		return vp_fetch_oom(e);
	return vp_fetch_state_save(&r->old, r->state, e);
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
	r->neu.out_run = -1; /* committed: nothing after the offset is ours */
	free(r->neu.out_path);
	r->neu.out_path = r->out_path ? strdup(r->out_path) : NULL;
	return r->out_path && !r->neu.out_path ? vp_fetch_oom(e) : 0;
}

/* ---- the run ------------------------------------------------------------------- */

static int copy_state(vp_fetch_state *dst, const vp_fetch_state *src)
{
	vp_fetch_state_init(dst);
	dst->source = src->source ? strdup(src->source) : NULL;
	dst->mark = src->mark ? strdup(src->mark) : NULL;
	dst->ids = src->ids ? json_deep_copy(src->ids) : json_object();
	dst->odd = src->odd ? json_deep_copy(src->odd) : json_object();
	if ((src->source && !dst->source) || (src->mark && !dst->mark) || !dst->ids || !dst->odd)
		return -1;
	return 0;
}

/* The array of responses of a page (reshaped into *shaped if the preset
 * does that; the caller frees it), or EX_DATAERR. */
static int page_records(struct run *r, json_t *page, const char *records_ptr, json_t **shaped,
                        json_t **records, vp_err *e)
{
	*shaped = NULL;
	*records = vp_pointer_get(page, records_ptr);
	if (!*records && r->p->absent_empty) /* Google leaves the array out */
		*records = *shaped = json_array();
	if (!json_is_array(*records))
		return vp_errf(e, EX_DATAERR, "GET %s: page has no array of responses at '%s'",
		               r->shown.data, records_ptr);
	if (r->p->reshape) {
		json_t *rows = r->p->reshape(r, *records);
		json_decref(*shaped);
		*records = *shaped = rows;
		if (!rows)
			return vp_fetch_oom(e);
	}
	return 0;
}

/* The order of the list as the pages show it, for reread_page: pairs of
 * neighbours whose dates rise or fall, and the newest date on the first
 * page read (newest first: the newest response when the run began). */
struct order {
	unsigned long rise, fall;
	char *newest;
};

static int track_order(struct run *r, json_t *records, const char *date_ptr, struct order *o,
                       int first_read)
{
	char db[2][32];
	const char *last = NULL;
	size_t i;
	json_t *resp_j;
	if (!date_ptr)
		return 0;
	json_array_foreach(records, i, resp_j) {
		const char *d = vp_fetch_scalar(vp_pointer_get(resp_j, date_ptr), db[i & 1],
		                                sizeof db[0]);
		if (!d || !vp_fetch_date_markable(d, r->p->zoneless_utc, r->now, NULL)) {
			last = NULL;
			continue;
		}
		int c = last ? vp_fetch_date_cmp(d, last) : 0;
		o->rise += c > 0;
		o->fall += c < 0;
		last = d;
		if (first_read && (!o->newest || vp_fetch_date_cmp(d, o->newest) > 0)) {
			free(o->newest);
			if (!(o->newest = strdup(d)))
				return -1;
		}
	}
	return 0;
}

/* Page numbers and offsets without keyset paging (SmartSurvey; the generic
 * API without --since-param): a response deleted before the current page
 * shifts the rest up, and the first of the next page slips into the page
 * just read.  So after each page the one before it (url; first: it is the
 * first page) is read again, and a response in it this run has not met
 * moved there: it is taken now.  If even its first response is new, more
 * than a page moved and some may have slipped into pages before it, out of
 * sight: EX_TEMPFAIL, nothing committed, the next run reads them again --
 * unless the list is newest first and that response newer than any on the
 * first page read: then it came in while the list was read, pushing the
 * rest down.  Such a response is left for the next run (it is after the
 * mark this run sets, which comes from the responses behind it), not
 * taken: nothing was skipped. */
static int reread_page(struct run *r, const char *url, int first, const char *records_ptr,
                       const char *id_ptr, const char *date_ptr, struct order *ord,
                       vp_err *e)
{
	vp_http_resp resp = {0};
	json_t *page = NULL, *shaped = NULL, *records, *resp_j;
	int rc = vp_fetch_get_json(r, url, &resp, &page, e);
	size_t i;
	if (rc == 0) {
		r->st->rereads++;
		rc = page_records(r, page, records_ptr, &shaped, &records, e);
	}
	for (i = 0; rc == 0 && i < json_array_size(records); i++) {
		resp_j = json_array_get(records, i);
		if (vp_fetch_met(r, resp_j, id_ptr, date_ptr) != 0)
			continue;
		char db[32];
		const char *d = date_ptr ? vp_fetch_scalar(vp_pointer_get(resp_j, date_ptr), db,
		                                           sizeof db) : NULL;
		int arrived = ord->fall && !ord->rise && ord->newest && d &&
		              vp_fetch_date_markable(d, r->p->zoneless_utc, r->now, NULL) &&
		              vp_fetch_date_cmp(d, ord->newest) > 0;
		if (arrived) /* not taken: it was not there when the run began */
			continue;
		if (i == 0 && !first) {
			rc = vp_errf(e, EX_TEMPFAIL, "GET %s: read again, this page begins with "
			             "a response not met before: the list changed while it was "
			             "read (responses deleted on the service?), more than a page "
			             "moved and some may have moved past into pages already "
			             "read; nothing committed, run again", r->shown.data);
			break;
		}
		r->st->moved++;
		rc = vp_fetch_response(r, resp_j, i, id_ptr, date_ptr, e);
	}
	if (rc == 0 && track_order(r, records, date_ptr, ord, 0) != 0)
		rc = vp_fetch_oom(e);
	json_decref(shaped);
	json_decref(page);
	vp_http_resp_free(&resp);
	return rc;
}

/* A page's responses as "id\ndate\n" each, to tell a page that is the
 * same as the one before. */
static int page_keys(json_t *records, const char *id_ptr, const char *date_ptr, vp_buf *keys)
{
	size_t i;
	json_t *resp_j;
	vp_buf_clear(keys);
	json_array_foreach(records, i, resp_j) {
		char idbuf[64], datebuf[32];
		const char *id = vp_fetch_scalar(vp_pointer_get(resp_j, id_ptr), idbuf, sizeof idbuf);
		const char *date = date_ptr ? vp_fetch_scalar(vp_pointer_get(resp_j, date_ptr),
		                                              datebuf, sizeof datebuf) : NULL;
		if (vp_buf_printf(keys, "%s\n%s\n", id ? id : "", date ? date : "") != 0)
			return -1;
	}
	return 0;
}

/* Pages in a row that are the same as the one before under page URLs new
 * each time (a page parameter the service ignores, a next link that changes
 * while the page does not): past this the run is going nowhere.  A list
 * that grows while it is read repeats a page now and then, not ten in a row. */
enum { STUCK_PAGES_MAX = 10 };
/* Empty pages in a row each naming a next page (a next link or token the
 * service sends on after the last page, new each time): a filter applied
 * after paging (Google's APIs may do so) can leave some pages empty, so
 * this is far more than a few; still a thousandth of the --max-pages
 * default.  An empty page without a next page ends the run as ever. */
enum { EMPTY_PAGES_MAX = 100 };

static int fetch_pages(struct run *r, vp_err *e)
{
	const vp_fetch_opts *o = r->o;
	const char *records_ptr = o->records_ptr ? o->records_ptr : r->p->records_ptr;
	const char *next_ptr = o->next_ptr ? o->next_ptr : r->p->next_ptr;
	const char *id_ptr = o->id_ptr ? o->id_ptr : r->p->id_ptr;
	const char *date_ptr = o->date_ptr ? o->date_ptr : r->p->date_ptr;
	unsigned long max_pages = o->max_pages ? o->max_pages : 100000;
	/* paging by a parameter: page numbers, offsets, or a token */
	const char *page_param = o->page_param ? o->page_param : r->p->page_param;
	const char *offset_param = o->offset_param ? o->offset_param : r->p->offset_param;
	const char *next_param = o->next_param ? o->next_param : r->p->next_param;
	unsigned long limit = r->p->name ? r->page_size : o->limit;
	unsigned long pageno = 1, offset = 0;
	vp_buf url = VP_BUF_INIT, next = VP_BUF_INIT, stem = VP_BUF_INIT, cand = VP_BUF_INIT;
	vp_buf prev = VP_BUF_INIT; /* the page before, to be read again */
	vp_http_resp resp = {0};
	json_t *page = NULL, *shaped = NULL;
	int rc = 0, keyset = keyset_on(r), prev_first = 0;
	/* the responses of this page and of the one before; pages in a row
	 * the same as the one before */
	vp_buf keys = VP_BUF_INIT, last_keys = VP_BUF_INIT;
	unsigned long stuck = 0, empty = 0;
	struct order ord = {0, 0, NULL};
	/* services known by id find a moved response in the next run anyway */
	int reread = (page_param || offset_param) && !keyset && !r->p->by_id;
	/* keyset: the "since" of the current stem, and the latest date of a page */
	char *since = NULL, *latest = NULL;
	if (r->old.mark && !(since = strdup(r->old.mark)))
		return vp_fetch_oom(e);

	/* stem: the first URL with the mark, to which paging parameters go */
	if (vp_buf_append(&stem, r->first.data, r->first.len) != 0 ||
	    add_since_date(r, &stem, since) != 0 ||
	    vp_buf_append(&url, stem.data, stem.len) != 0 ||
	    (page_param && vp_url_add_param(&url, page_param, "1") != 0) ||
	    (offset_param && vp_url_add_param(&url, offset_param, "0") != 0) ||
	    json_object_set_new_nocheck(r->visited, url.data, json_true()) != 0)
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
		json_t *records;
		json_decref(shaped);
		if ((rc = page_records(r, page, records_ptr, &shaped, &records, e)))
			break;
		size_t i, nrec = json_array_size(records);
		json_t *resp_j;
		free(latest);
		latest = NULL;
		json_array_foreach(records, i, resp_j) {
			if ((rc = vp_fetch_response(r, resp_j, i, id_ptr, date_ptr, e)))
				goto out;
			/* the latest date that could be a mark (not one far ahead) */
			char db[32];
			const char *d = keyset && date_ptr
			                ? vp_fetch_scalar(vp_pointer_get(resp_j, date_ptr), db, sizeof db)
			                : NULL;
			if (d && vp_fetch_date_markable(d, r->p->zoneless_utc, r->now, NULL) &&
			    (!latest || vp_fetch_date_cmp(d, latest) > 0)) {
				free(latest);
				if (!(latest = strdup(d))) {
					rc = vp_fetch_oom(e);
					goto out;
				}
			}
		}
		if (reread) {
			if (track_order(r, records, date_ptr, &ord, r->st->pages == 1) != 0) {
				rc = vp_fetch_oom(e);
				break;
			}
			if (prev.len && ((rc = reread_page(r, prev.data, prev_first, records_ptr,
			                                   id_ptr, date_ptr, &ord, e)) ||
			                 (rc = vp_url_redact(url.data, &r->shown) ? vp_fetch_oom(e) : 0)))
				break;
			vp_buf_clear(&prev);
			if (vp_buf_append(&prev, url.data, url.len) != 0) {
				rc = vp_fetch_oom(e);
				break;
			}
			prev_first = page_param ? pageno == 1 : offset == 0;
		}
		/* an empty page is no sign of a loop (a filter may leave pages empty);
		 * too many in a row are (below, once the next page is known) */
		empty = nrec > 0 ? 0 : empty + 1;
		if (nrec > 0) {
			if (page_keys(records, id_ptr, date_ptr, &keys) != 0) {
				rc = vp_fetch_oom(e);
				break;
			}
			int same = keys.len == last_keys.len &&
			           memcmp(keys.data, last_keys.data, keys.len) == 0;
			stuck = same ? stuck + 1 : 0;
			if (stuck >= STUCK_PAGES_MAX) {
				rc = vp_errf(e, EX_PROTOCOL, "GET %s: %d pages in a row the same as the "
				             "page before, under new URLs: the paging goes nowhere (does "
				             "the service ignore the page parameter, or change only the "
				             "next link?)", r->shown.data, STUCK_PAGES_MAX);
				break;
			}
			vp_buf swap = last_keys;
			last_keys = keys;
			keys = swap;
		}
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
		if (next_param) {
			json_t *n = vp_pointer_get(page, next_ptr);
			const char *tok = json_string_value(n);
			if (n && !json_is_string(n) && !json_is_null(n))
				rc = vp_errf(e, EX_DATAERR, "GET %s: next page token at '%s' is not a "
				             "string", r->shown.data, next_ptr);
			else if (tok && *tok && (vp_buf_append(&next, stem.data, stem.len) != 0 ||
			                         vp_url_add_param(&next, next_param, tok) != 0))
				rc = vp_fetch_oom(e);
		} else if (page_param || offset_param) {
			/* an empty page, or one shorter than the page size, is the last */
			if (nrec > 0 && !(limit && nrec < limit)) {
				char num[32];
				pageno++;
				offset += nrec;
				snprintf(num, sizeof num, "%lu", page_param ? pageno : offset);
				if (vp_buf_append(&next, stem.data, stem.len) != 0 ||
				    vp_url_add_param(&next, page_param ? page_param : offset_param, num))
					rc = vp_fetch_oom(e);
			}
		} else if (o->next_link) {
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
		if (empty >= EMPTY_PAGES_MAX) {
			rc = vp_errf(e, EX_PROTOCOL, "GET %s: %d empty pages in a row, each naming a "
			             "next page: the paging goes nowhere (does the service send a new "
			             "next link or token after the last page?)", r->shown.data,
			             EMPTY_PAGES_MAX);
			break;
		}
		/* Keyset: not the next page, but from the first again since the
		 * latest date seen (responses at it are met again and skipped);
		 * the next page as the service gives it only when that would not
		 * move on (a whole page at one date). */
		if (keyset && latest && (!since || vp_fetch_date_cmp(latest, since) > 0)) {
			vp_buf_clear(&cand);
			if (vp_buf_append(&cand, r->first.data, r->first.len) != 0 ||
			    add_since_date(r, &cand, latest) != 0 ||
			    (page_param && vp_url_add_param(&cand, page_param, "1") != 0) ||
			    (offset_param && vp_url_add_param(&cand, offset_param, "0") != 0)) {
				rc = vp_fetch_oom(e);
				break;
			}
			vp_buf abs = VP_BUF_INIT;
			int fresh = vp_url_resolve(url.data, cand.data, &abs) == 0 &&
			            !json_object_get(r->visited, abs.data);
			vp_buf_free(&abs);
			if (fresh) {
				free(since);
				since = latest;
				latest = NULL;
				pageno = 1;
				offset = 0;
				vp_buf_clear(&stem);
				vp_buf_clear(&next);
				if (vp_buf_append(&stem, r->first.data, r->first.len) != 0 ||
				    add_since_date(r, &stem, since) != 0 ||
				    vp_buf_append(&next, cand.data, cand.len) != 0) {
					rc = vp_fetch_oom(e);
					break;
				}
			}
		}
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
		/* A page fetched before in this run: the service's pages form a
		 * cycle (A -> B -> A), which would go on until --max-pages. */
		if (json_object_get(r->visited, abs.data)) {
			vp_buf shown = VP_BUF_INIT;
			rc = vp_url_redact(abs.data, &shown) != 0
			     ? vp_fetch_oom(e)
			     : vp_errf(e, EX_PROTOCOL, "GET %s: next page %s was already fetched in "
			               "this run (a page cycle)", r->shown.data, shown.data);
			vp_buf_free(&shown);
			vp_buf_free(&abs);
			break;
		}
		if (json_object_set_new_nocheck(r->visited, abs.data, json_true()) != 0) {
			vp_buf_free(&abs);
			rc = vp_fetch_oom(e);
			break;
		}
		vp_buf_free(&url);
		url = abs;
		json_decref(page);
		page = NULL;
	}
out:
	free(since);
	free(latest);
	vp_buf_free(&keys);
	vp_buf_free(&last_keys);
	vp_buf_free(&cand);
	vp_buf_free(&prev);
	free(ord.newest);
	json_decref(page);
	json_decref(shaped);
	vp_http_resp_free(&resp);
	vp_buf_free(&stem);
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

/* The password of a URL's user:password@, into buf (n bytes), or NULL. */
static const char *url_password(const char *url, char *buf, size_t n)
{
	const char *h = url ? strstr(url, "://") : NULL;
	if (!h)
		return NULL;
	h += 3;
	size_t hl = strcspn(h, "/?#");
	const char *at = memchr(h, '@', hl);
	const char *colon = at ? memchr(h, ':', (size_t)(at - h)) : NULL;
	if (!colon || at - colon - 1 <= 0 || (size_t)(at - colon) > n)
		return NULL;
	snprintf(buf, n, "%.*s", (int)(at - colon - 1), colon + 1);
	return buf;
}

/* The value of a "Name: value" header line (for scrubbing). */
static const char *header_value(const char *h)
{
	const char *v = strchr(h, ':');
	if (!v)
		return NULL;
	for (v++; *v == ' ' || *v == '\t'; v++)
		;
	return v;
}

/* "Basic " + base64(user ":" password), RFC 7617. */
static int basic_auth(vp_buf *out, const char *user, const char *pw)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	vp_buf in = VP_BUF_INIT;
	int rc = vp_buf_printf(&in, "%s:%s", user, pw) | vp_buf_puts(out, "Basic ");
	const unsigned char *p = (const unsigned char *)in.data;
	for (size_t i = 0; rc == 0 && i < in.len; i += 3) {
		unsigned long v = (unsigned long)p[i] << 16;
		size_t left = in.len - i;
		if (left > 1)
			v |= (unsigned long)p[i + 1] << 8;
		if (left > 2)
			v |= p[i + 2];
		char q[5] = {b64[(v >> 18) & 63], b64[(v >> 12) & 63],
		             left > 1 ? b64[(v >> 6) & 63] : '=', left > 2 ? b64[v & 63] : '=', 0};
		rc = vp_buf_puts(out, q);
	}
	if (in.data)
		memset(in.data, 0, in.len);
	vp_buf_free(&in);
	return rc;
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

/* The state's real path: a symlink (to the file, or to a directory on the
 * way) is followed, so that every run on one state takes the same lock and
 * the state is replaced next to the real file, never over the link.  A
 * state not there yet: its directory resolved, the name as given. */
static int resolve_state(const char *path, char **real, vp_err *e)
{
	struct stat st;
	if ((*real = realpath(path, NULL)))
		return 0;
	if (errno != ENOENT || lstat(path, &st) == 0) /* e.g. a dangling symlink */
		return vp_errf_at(e, EX_CANTCREAT, path, 0, "cannot resolve the state file's "
		                  "path: %s", strerror(errno));
	const char *slash = strrchr(path, '/');
	vp_buf dir = VP_BUF_INIT, full = VP_BUF_INIT;
	int rc = 0;
	if (vp_buf_append(&dir, path, slash ? (size_t)(slash - path) : 0) != 0 ||
	    (dir.len == 0 && vp_buf_puts(&dir, slash ? "/" : ".") != 0)) {
		rc = vp_fetch_oom(e);
	} else {
		char *d = realpath(dir.data, NULL);
		if (!d)
			rc = vp_errf_at(e, EX_CANTCREAT, path, 0, "cannot use the state file's "
			                "directory: %s", strerror(errno));
		else if (vp_buf_printf(&full, "%s/%s", strcmp(d, "/") ? d : "",
		                       slash ? slash + 1 : path) != 0)
			rc = vp_fetch_oom(e);
		else
			*real = full.data, full.data = NULL;
		free(d);
	}
	vp_buf_free(&dir);
	vp_buf_free(&full);
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
	r.base = o->base_url ? o->base_url : o->region && r.p->base_eu ? r.p->base_eu : r.p->base;
	if (!r.base && o->region) { /* a data centre: https://DC.service */
		if (vp_buf_printf(&r.basebuf, "https://%s.qualtrics.com", o->region) != 0) {
			vp_fetch_state_init(&r.old);
			vp_fetch_state_init(&r.neu);
			rc = vp_fetch_oom(e);
			goto done;
		}
		r.base = r.basebuf.data;
	}
	r.http.retries = &stats->retries;
	r.page_size = o->page_size ? o->page_size : r.p->page_size;
	vp_fetch_state_init(&r.old);
	vp_fetch_state_init(&r.neu);
	r.now = o->now ? o->now : (long long)time(NULL);
	if (!(r.run_ids = json_object()) || !(r.visited = json_object())) {
		rc = vp_fetch_oom(e);
		goto done;
	}

	if (!(r.hdrs = calloc(o->nheaders + 1, sizeof *r.hdrs))) {
		rc = vp_fetch_oom(e);
		goto done;
	}
	for (size_t i = 0; i < o->nheaders; i++)
		r.hdrs[r.nhdrs++] = o->headers[i];
	if (vp_fetch_oauth_on(&r)) {
		/* fetched before the first request */
	} else if (o->token && o->secret) {
		if (basic_auth(&auth, o->token, o->secret) != 0) {
			rc = vp_fetch_oom(e);
			goto done;
		}
		r.http.auth = auth.data;
	} else if (o->token && r.p->token_header && !o->auth_scheme) {
		if (vp_buf_printf(&r.keyhdr, "%s: %s", r.p->token_header, o->token) != 0) {
			rc = vp_fetch_oom(e);
			goto done;
		}
		r.hdrs[r.nhdrs++] = r.keyhdr.data;
	} else if (o->token) {
		const char *scheme = o->auth_scheme ? o->auth_scheme : r.p->scheme;
		if (vp_buf_printf(&auth, "%s %s", scheme, o->token) != 0) {
			rc = vp_fetch_oom(e);
			goto done;
		}
		r.http.auth = auth.data;
	}
	r.http.headers = r.hdrs;
	r.http.nheaders = r.nhdrs;
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
		if ((rc = resolve_state(o->state_path, &r.state, e)) ||
		    (rc = lock_state(r.state, &lockfd, e)))
			goto done;
		if ((rc = vp_fetch_state_load(&r.old, r.state, e)))
			goto done;
		if (r.old.source && strcmp(r.old.source, key.data) != 0) {
			rc = vp_errf_at(e, EX_USAGE, o->state_path, 0, "state file is for '%s', "
			                "not '%s'; give each source its own --state file",
			                r.old.source, key.data);
			goto done;
		}
		/* A mark no run of this vp-fetch could have set (an older one took
		 * any date, e.g. 2099): every response would be skipped for good. */
		const char *why = NULL;
		if (r.old.mark && !vp_fetch_date_markable(r.old.mark, r.p->zoneless_utc, r.now, &why)) {
			/* only the clock in the way: the clock may be what is wrong
			 * (gone back), and removing the state would write every
			 * response again */
			char clock[64] = "";
			time_t t = (time_t)r.now;
			struct tm tm;
			if (vp_fetch_date_markable(r.old.mark, r.p->zoneless_utc, LLONG_MAX / 4, NULL) &&
			    gmtime_r(&t, &tm))
				strftime(clock, sizeof clock, "%Y-%m-%dT%H:%M:%SZ", &tm);
			if (*clock)
				rc = vp_errf_at(e, EX_DATAERR, o->state_path, 0, "high-water mark '%s' "
				                "cannot be right (after this run's clock (%s) + 1 hour): "
				                "every response would be skipped; if this machine's clock "
				                "is behind, set it right and run again (the state is "
				                "fine); if not, set \"mark\" to the date of the last "
				                "response stored, or remove the state deliberately",
				                r.old.mark, clock);
			else
				rc = vp_errf_at(e, EX_DATAERR, o->state_path, 0, "high-water mark '%s' "
				                "cannot be right (%s): every response would be skipped; "
				                "set \"mark\" to the date of the last response stored, or "
				                "remove the state deliberately", r.old.mark, why);
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
	if ((rc = r.p->fetch ? r.p->fetch(&r, e) : fetch_pages(&r, e)))
		goto done;
	if ((rc = output_commit(&r, e)))
		goto done;
	if (o->state_path) {
		/* odd ids the mark now covers go: the state stays bounded */
		vp_fetch_state_prune_odd(&r.neu, r.p->zoneless_utc, r.now);
		rc = vp_fetch_state_save(&r.neu, r.state, e);
		stats->committed = rc == 0;
	}
done:
	/* Messages may quote a response (jansson's "near '...'", ids, dates,
	 * URLs from pages): whatever the service echoed, not the token. */
	{
		char pw[256];
		/* HTTP Basic: base64(token:secret), the header's value, is one too */
		const char *basic = auth.data && strncmp(auth.data, "Basic ", 6) == 0
		                    ? auth.data + 6 : NULL;
		const char *secrets[] = {o->token, url_password(o->url, pw, sizeof pw),
		                         url_password(o->base_url, pw + 128, 128), o->secret,
		                         r.access.data, basic};
		size_t nsec = sizeof secrets / sizeof *secrets;
		for (size_t i = 0; i < nsec + o->nheaders; i++) {
			const char *sec = i < nsec ? secrets[i] : header_value(o->headers[i - nsec]);
			if (rc)
				vp_fetch_scrub(e->msg, sizeof e->msg, sec);
			vp_fetch_scrub(stats->odd_example, sizeof stats->odd_example, sec);
			vp_fetch_scrub(stats->repaired_example, sizeof stats->repaired_example,
			               sec);
			vp_fetch_scrub(stats->bad_example, sizeof stats->bad_example, sec);
			vp_fetch_scrub(stats->not_text_example, sizeof stats->not_text_example,
			               sec);
		}
		memset(pw, 0, sizeof pw);
	}
	json_decref(r.run_ids);
	json_decref(r.visited);
	if (lockfd >= 0)
		close(lockfd); /* releases the lock */
	if (auth.data)
		memset(auth.data, 0, auth.len);
	vp_buf_free(&auth);
	vp_buf *wipe[] = {&r.auth, &r.access, &r.keyhdr};
	for (size_t i = 0; i < sizeof wipe / sizeof *wipe; i++) {
		if (wipe[i]->data)
			memset(wipe[i]->data, 0, wipe[i]->len);
		vp_buf_free(wipe[i]);
	}
	free(r.hdrs);
	vp_buf_free(&r.basebuf);
	vp_buf_free(&key);
	vp_buf_free(&r.first);
	vp_buf_free(&r.shown);
	vp_buf_free(&r.source);
	vp_buf_free(&r.line);
	json_decref(r.headings);
	json_decref(r.columns);
	free(r.out_path);
	free(r.state);
	vp_fetch_state_free(&r.old);
	vp_fetch_state_free(&r.neu);
	return rc;
}

