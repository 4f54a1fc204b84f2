/* fetch_url.h - URL helpers: redact credentials before a URL is shown, check that a
 * next-page URL stays on the origin the token was meant for, resolve, add
 * query parameters.
 * Part of vp-fetch (fetch.h), usable and tested on its own.
 */
#ifndef VOXPOP_FETCH_URL_H
#define VOXPOP_FETCH_URL_H

#include "voxpop/buf.h"

/* ---- URLs ---------------------------------------------------------- */

/* Copy url into out (cleared first) with any user:password@ removed and the
 * values of query parameters that look like credentials (token, key,
 * secret, password, signature, auth...) replaced by "REDACTED".  0 or -1 (OOM). */
int vp_url_redact(const char *url, vp_buf *out);

/* 1 if url is an absolute http:// or https:// URL with a host (as curl
 * parses it), else 0. */
int vp_url_valid(const char *url);

/* 1 if a credential may be sent to url: https, or plain http to a loopback
 * host (exactly 127.0.0.1, [::1] or localhost, as curl parses the URL, so
 * neither http://127.0.0.1@other/ nor http://127.0.0.1.other/ pass).  0
 * otherwise (or not a URL). */
int vp_url_secure(const char *url);

/* 1 if url carries a user or password (https://user:pw@host/: curl sends
 * them as HTTP Basic), else 0. */
int vp_url_has_userinfo(const char *url);

/* 1 if a and b have the same scheme, host and port, else 0. */
int vp_url_same_origin(const char *a, const char *b);

/* Resolve ref (absolute or relative) against base into out. 0 or -1. */
int vp_url_resolve(const char *base, const char *ref, vp_buf *out);

/* Append "name=value" (value percent-encoded) to the query of url. 0 or -1. */
int vp_url_add_param(vp_buf *url, const char *name, const char *value);

#endif
