/* fetch_http.h - GET with TLS verification, timeouts, a page-size limit and bounded
 * retries (429/503 honour Retry-After).
 * Part of vp-fetch (fetch.h), usable and tested on its own.
 */
#ifndef VOXPOP_FETCH_HTTP_H
#define VOXPOP_FETCH_HTTP_H

#include <stddef.h>

#include "voxpop/buf.h"
#include "voxpop/err.h"

/* ---- HTTP ---------------------------------------------------------- */

typedef struct vp_http_opts {
	const char *auth;          /* full Authorization value ("Bearer x") or NULL */
	/* Other request headers, "Name: value" each (values may be secrets).
	 * With any, redirects are not followed (curl would send them to
	 * whatever host a redirect names): a 3xx is EX_PROTOCOL. */
	const char *const *headers;
	size_t nheaders;
	int no_redirect;           /* 1: a 3xx is EX_PROTOCOL, as with headers */
	unsigned long *retries;    /* if not NULL, counts every retry made */
	const char *cacert;        /* CA bundle for private CAs, or NULL */
	long connect_timeout;      /* seconds, 0 = curl default */
	long timeout;              /* seconds for one request, 0 = none */
	size_t max_page_bytes;     /* larger responses abort the run */
	unsigned max_retries;      /* retries after the first attempt */
	unsigned max_backoff;      /* cap on any wait between attempts, seconds */
	/* Called before each wait (may be NULL): attempt, seconds, why. */
	void (*on_retry)(void *ctx, unsigned attempt, unsigned seconds, const char *why);
	void *ctx;
} vp_http_opts;

typedef struct vp_http_resp {
	long status;
	vp_buf body;
	char *link_next;           /* target of a Link rel="next" header, or NULL */
} vp_http_resp;

/* GET url into r (r->body cleared first).  Returns 0 for a 2xx response
 * or an EX_* code: EX_NOPERM for 401/403, EX_NOINPUT for 404, EX_TEMPFAIL
 * when retries ran out (429, 5xx, timeouts, dropped connections, truncated
 * bodies), EX_DATAERR for a page over max_page_bytes, EX_UNAVAILABLE for
 * other failures (TLS verification, refused protocols...). */
int vp_http_get(const vp_http_opts *o, const char *url, vp_http_resp *r, vp_err *e);
void vp_http_resp_free(vp_http_resp *r);

/* The same with a method ("GET", "POST") and, for POST, a body of type
 * ctype ("application/json", "application/x-www-form-urlencoded"). */
int vp_http_request(const vp_http_opts *o, const char *method, const char *url,
                    const char *body, const char *ctype, vp_http_resp *r, vp_err *e);

/* The wait before retry number attempt (1-based): Retry-After if the
 * server gave one (retry_after >= 0), else 1, 2, 4... seconds; never more
 * than max_backoff. */
unsigned vp_http_backoff(unsigned attempt, long retry_after, unsigned max_backoff);

/* Parse an RFC 8288 Link header value; if it has a rel="next" link, return
 * its target (malloc'd), else NULL. */
char *vp_http_link_next(const char *value);

#endif
