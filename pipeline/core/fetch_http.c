/* fetch_http.c - GET with retries for vp-fetch; see include/voxpop/fetch_http.h */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <curl/curl.h>

#include "voxpop/fetch_http.h"
#include "voxpop/fetch_url.h"

struct xfer {
	const vp_http_opts *o;
	vp_http_resp *r;
	long retry_after;   /* seconds, -1 = none, LONG_MAX = beyond reading */
	char retry_digits[41]; /* its digits (40 at most) when beyond reading, to show */
	int too_big;
	int oom;
};

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	struct xfer *x = ud;
	size_t len = size * n;
	if (x->o->max_page_bytes && x->r->body.len + len > x->o->max_page_bytes) {
		x->too_big = 1;
		return 0; /* abort the transfer */
	}
	if (vp_buf_append(&x->r->body, p, len) != 0) {
		x->oom = 1;
		return 0;
	}
	return len;
}

/* Seconds to wait, -1 if v is neither seconds nor an HTTP-date, LONG_MAX
 * for more seconds than a long holds (a wait so long is a wait longer than
 * any cap, not none). */
static long parse_retry_after(const char *v)
{
	while (*v == ' ' || *v == '\t')
		v++;
	if (isdigit((unsigned char)*v)) {
		char *end;
		errno = 0;
		long s = strtol(v, &end, 10);
		return errno == ERANGE ? LONG_MAX : errno || s < 0 ? -1 : s;
	}
	/* An HTTP-date: the wait is the time from now until then. */
	time_t when = curl_getdate(v, NULL);
	if (when < 0)
		return -1;
	time_t now = time(NULL);
	if (when <= now)
		return 0;
	return when - now > (time_t)LONG_MAX ? LONG_MAX : (long)(when - now);
}

/* Is header line h (not NUL-terminated, n bytes) "name: ..."?  Returns the
 * value (up to CRLF) as a malloc'd string, or NULL. */
static char *header_value(const char *h, size_t n, const char *name)
{
	size_t nl = strlen(name);
	if (n <= nl || strncasecmp(h, name, nl) != 0 || h[nl] != ':')
		return NULL;
	const char *v = h + nl + 1;
	size_t vl = n - nl - 1;
	while (vl && (v[vl - 1] == '\r' || v[vl - 1] == '\n'))
		vl--;
	char *s = malloc(vl + 1);
	if (s) {
		memcpy(s, v, vl);
		s[vl] = '\0';
	}
	return s;
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
	struct xfer *x = ud;
	size_t len = size * n;
	char *v;
	if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) {
		/* A new response (after a redirect or 100 Continue): forget the last. */
		x->retry_after = -1;
		x->retry_digits[0] = '\0';
		free(x->r->link_next);
		x->r->link_next = NULL;
	} else if ((v = header_value(p, len, "Retry-After"))) {
		x->retry_after = parse_retry_after(v);
		const char *d = v + strspn(v, " \t");
		size_t nd = x->retry_after == LONG_MAX ? strspn(d, "0123456789") : 0;
		if (nd >= sizeof x->retry_digits)
			nd = sizeof x->retry_digits - 1;
		memcpy(x->retry_digits, d, nd);
		x->retry_digits[nd] = '\0';
		free(v);
	} else if ((v = header_value(p, len, "Link"))) {
		if (!x->r->link_next)
			x->r->link_next = vp_http_link_next(v);
		free(v);
	}
	return len;
}

char *vp_http_link_next(const char *value)
{
	const char *p = value;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p != '<')
			return NULL;
		const char *start = p + 1;
		const char *end = strchr(start, '>');
		if (!end)
			return NULL;
		p = end + 1;
		int is_next = 0;
		/* link-params: ; name=value or ; name="value", up to the next ',' */
		for (;;) {
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p != ';')
				break;
			p++;
			while (*p == ' ' || *p == '\t')
				p++;
			const char *name = p;
			while (*p && *p != '=' && *p != ';' && *p != ',' && *p != ' ')
				p++;
			size_t namelen = (size_t)(p - name);
			while (*p == ' ')
				p++;
			const char *val = p;
			size_t vallen = 0;
			if (*p == '=') {
				p++;
				while (*p == ' ')
					p++;
				if (*p == '"') {
					val = ++p;
					while (*p && *p != '"')
						p++;
					vallen = (size_t)(p - val);
					if (*p == '"')
						p++;
				} else {
					val = p;
					while (*p && *p != ';' && *p != ',' && *p != ' ')
						p++;
					vallen = (size_t)(p - val);
				}
			}
			if (namelen == 3 && strncasecmp(name, "rel", 3) == 0) {
				/* rel may hold several space-separated relation types */
				const char *t = val, *tend = val + vallen;
				while (t < tend) {
					while (t < tend && *t == ' ')
						t++;
					const char *w = t;
					while (t < tend && *t != ' ')
						t++;
					if (t - w == 4 && strncasecmp(w, "next", 4) == 0)
						is_next = 1;
				}
			}
		}
		if (is_next) {
			size_t n = (size_t)(end - start);
			char *s = malloc(n + 1);
			if (s) {
				memcpy(s, start, n);
				s[n] = '\0';
			}
			return s;
		}
		while (*p && *p != ',')
			p++;
		if (!*p)
			return NULL;
	}
}

unsigned vp_http_backoff(unsigned attempt, long retry_after, unsigned max_backoff)
{
	unsigned long wait;
	if (retry_after >= 0)
		wait = (unsigned long)retry_after;
	else
		wait = attempt >= 31 ? ~0UL : 1UL << (attempt ? attempt - 1 : 0);
	return wait > max_backoff ? max_backoff : (unsigned)wait;
}

static void sleep_seconds(unsigned s)
{
	struct timespec ts = {(time_t)s, 0};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

void vp_http_resp_free(vp_http_resp *r)
{
	vp_buf_free(&r->body);
	free(r->link_next);
	r->link_next = NULL;
}

static int transient(CURLcode c)
{
	switch (c) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_PARTIAL_FILE:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return 1;
	default:
		return 0;
	}
}

/* libcurl refused the response's headers as too large together (past
 * 300 kB): CURLE_TOO_LARGE from 8.6; before it (Debian 12's 7.88, with the
 * limit backported) CURLE_RECV_ERROR, told apart only by its message. */
static int headers_too_large(CURLcode c, const char *errbuf)
{
#if LIBCURL_VERSION_NUM >= 0x080600
	if (c == CURLE_TOO_LARGE)
		return 1;
#endif
	return c != CURLE_OK && strncmp(errbuf, "Too large response headers", 26) == 0;
}

/* One attempt.  Returns the CURLcode; x says why a write was refused. */
static CURLcode attempt(const vp_http_opts *o, const char *method, const char *url,
                        const char *body, const char *ctype, struct xfer *x, char *errbuf)
{
	errbuf[0] = '\0';   /* read on every failure, even these first ones */
	CURL *c = curl_easy_init();
	if (!c)
		return CURLE_OUT_OF_MEMORY;
	struct curl_slist *hdrs = NULL, *h;
	vp_buf auth = VP_BUF_INIT;
	CURLcode rc = CURLE_OUT_OF_MEMORY;

	h = curl_slist_append(hdrs, "Accept: application/json");
	if (!h)
		goto out;
	hdrs = h;
	if (o->auth) {
		if (vp_buf_printf(&auth, "Authorization: %s", o->auth) != 0)
			goto out;
		h = curl_slist_append(hdrs, auth.data);
		if (!h)
			goto out;
		hdrs = h;
	}
	for (size_t i = 0; i < o->nheaders; i++) {
		if (!(h = curl_slist_append(hdrs, o->headers[i])))
			goto out;
		hdrs = h;
	}
	vp_buf ct = VP_BUF_INIT;
	if (body) {
		if (vp_buf_printf(&ct, "Content-Type: %s", ctype) != 0) {
			vp_buf_free(&ct);
			goto out;
		}
		h = curl_slist_append(hdrs, ct.data);
		vp_buf_free(&ct);
		if (!h)
			goto out;
		hdrs = h;
	}
	errbuf[0] = '\0';
	/* Every setopt below must succeed: a silently ignored TLS or protocol
	 * restriction would be worse than failing. */
	if ((rc = curl_easy_setopt(c, CURLOPT_URL, url)) ||
	    (rc = curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https")) ||
	    /* never follow an https page down to plain http (the token would go too) */
	    (rc = curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR,
	                           strncasecmp(url, "https:", 6) == 0 ? "https" : "http,https")) ||
	    /* extra headers (API keys) would follow a redirect anywhere */
	    (rc = curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION,
	                           o->nheaders || o->no_redirect ? 0L : 1L)) ||
	    (rc = curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L)) ||
	    (rc = curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L)) ||
	    (rc = curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L)) ||
	    (o->cacert && (rc = curl_easy_setopt(c, CURLOPT_CAINFO, o->cacert))) ||
	    (rc = curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, o->connect_timeout)) ||
	    (rc = curl_easy_setopt(c, CURLOPT_TIMEOUT, o->timeout)) ||
	    (rc = curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L)) ||
	    (rc = curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs)) ||
	    (rc = curl_easy_setopt(c, CURLOPT_USERAGENT, "vp-fetch/" "0.1 (voxpop)")) ||
	    (rc = curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf)) ||
	    (rc = curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body)) ||
	    (rc = curl_easy_setopt(c, CURLOPT_WRITEDATA, x)) ||
	    (rc = curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header)) ||
	    (rc = curl_easy_setopt(c, CURLOPT_HEADERDATA, x)))
		goto out;
	if (body && ((rc = curl_easy_setopt(c, CURLOPT_POSTFIELDS, body)) ||
	             (rc = curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method))))
		goto out;
	if (o->max_page_bytes &&
	    (rc = curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
	                           (curl_off_t)o->max_page_bytes)))
		goto out;
	rc = curl_easy_perform(c);
	x->r->status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &x->r->status);
out:
	curl_slist_free_all(hdrs);
	/* The header buffer held the token: wipe it before freeing. */
	if (auth.data)
		memset(auth.data, 0, auth.len);
	vp_buf_free(&auth);
	curl_easy_cleanup(c);
	return rc;
}

int vp_http_get(const vp_http_opts *o, const char *url, vp_http_resp *r, vp_err *e)
{
	return vp_http_request(o, "GET", url, NULL, NULL, r, e);
}

int vp_http_request(const vp_http_opts *o, const char *method, const char *url,
                    const char *body, const char *ctype, vp_http_resp *r, vp_err *e)
{
	vp_buf shown = VP_BUF_INIT;
	char errbuf[CURL_ERROR_SIZE];
	char why[CURL_ERROR_SIZE + 64];
	int code = 0;

	if (vp_url_redact(url, &shown) != 0) {
		vp_buf_free(&shown);
		return vp_errf(e, EX_OSERR, "out of memory");
	}
	for (unsigned n = 0;; n++) {
		struct xfer x = {o, r, -1, "", 0, 0};
		vp_buf_clear(&r->body);
		free(r->link_next);
		r->link_next = NULL;
		r->status = 0;
		CURLcode rc = attempt(o, method, url, body ? body : NULL, ctype, &x, errbuf);
		int retry = 0;
		if (!x.oom && rc == CURLE_OUT_OF_MEMORY) {
			/* libcurl (7.88) answers so, without a message, a header
			 * line longer than it takes (100 kB): the service's doing,
			 * far likelier than this machine out of memory */
			code = vp_errf(e, EX_PROTOCOL, "%s %s: %s", method, shown.data,
			               errbuf[0] ? errbuf : "response header too large (a header "
			               "line over libcurl's 100 kB?) or out of memory");
			break;
		}
		if (headers_too_large(rc, errbuf)) {
			/* the headers together over libcurl's limit (300 kB), each
			 * line short enough: as a line too long, the service's doing,
			 * no network fault to retry */
			code = vp_errf(e, EX_PROTOCOL, "%s %s: %s", method, shown.data, errbuf);
			break;
		}
		if (x.oom || rc == CURLE_OUT_OF_MEMORY) {
			code = vp_errf(e, EX_OSERR, "%s %s: out of memory", method, shown.data);
			break;
		}
		if (x.too_big || rc == CURLE_FILESIZE_EXCEEDED) {
			code = vp_errf(e, EX_DATAERR, "%s %s: page larger than %zu bytes "
			               "(--max-page-bytes)", method, shown.data, o->max_page_bytes);
			break;
		}
		if (rc != CURLE_OK) {
			snprintf(why, sizeof why, "%s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
			if (!transient(rc)) {
				int tls = rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CONNECT_ERROR;
				code = vp_errf(e, EX_UNAVAILABLE, "%s %s: %s%s", method, shown.data, why,
				               tls ? " (a private CA? --cacert FILE)" : "");
				break;
			}
			retry = 1;
		} else if (r->status >= 200 && r->status < 300) {
			code = 0;
			break;
		} else if (r->status == 401 || r->status == 403) {
			code = vp_errf(e, EX_NOPERM, "%s %s: HTTP %ld: not authorised; check the "
			               "token (--token-env / --token-file) and its scopes",
			               method, shown.data, r->status);
			break;
		} else if (r->status == 404 || r->status == 410) {
			code = vp_errf(e, EX_NOINPUT, "%s %s: HTTP %ld: not found; check the "
			               "survey / form id and --base-url", method, shown.data, r->status);
			break;
		} else if (r->status >= 300 && r->status < 400 && (o->nheaders || o->no_redirect)) {
			code = vp_errf(e, EX_PROTOCOL, "%s %s: HTTP %ld: a redirect, not followed "
			               "with secrets in headers or body (they would go to another host)",
			               method, shown.data, r->status);
			break;
		} else if (r->status == 429 || r->status == 408 || r->status >= 500) {
			snprintf(why, sizeof why, "HTTP %ld", r->status);
			retry = 1;
		} else {
			code = vp_errf(e, EX_PROTOCOL, "%s %s: unexpected HTTP %ld", method, shown.data,
			               r->status);
			break;
		}
		if (retry && n >= o->max_retries) {
			code = vp_errf(e, EX_TEMPFAIL, "%s %s: %s (gave up after %u %s)", method, shown.data,
			               why, n + 1, n ? "attempts" : "attempt");
			break;
		}
		unsigned wait = vp_http_backoff(n + 1, x.retry_after, o->max_backoff);
		/* a wait beyond reading is odd enough to say, even off a terminal
		 * (a wait merely longer than the cap is capped quietly) */
		if (x.retry_digits[0])
			vp_warnf("vp-fetch", "%s %s: the server asked to wait longer than %u s "
			         "(Retry-After: %s); waiting %u s (--max-backoff)", method,
			         shown.data, wait, x.retry_digits, wait);
		if (o->retries)
			(*o->retries)++;
		if (o->on_retry)
			o->on_retry(o->ctx, n + 1, wait, why);
		sleep_seconds(wait);
	}
	vp_buf_free(&shown);
	return code;
}
