/* fetch_url.c - URL helpers for vp-fetch; see include/voxpop/fetch_url.h */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <curl/curl.h>

#include "voxpop/fetch_url.h"

/* Query parameter names whose values are secrets: matched as substrings of
 * the lower-cased name, so "access_token", "apiKey", "X-Amz-Signature"... */
static const char *const secret_names[] = {
	"token", "key", "secret", "password", "passwd", "pwd", "sig", "auth",
	"credential", "session", NULL
};

static int secret_param(const char *name, size_t n)
{
	char low[128];
	if (n >= sizeof low)
		n = sizeof low - 1;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	low[n] = '\0';
	for (const char *const *s = secret_names; *s; s++)
		if (strstr(low, *s))
			return 1;
	return 0;
}

int vp_url_redact(const char *url, vp_buf *out)
{
	vp_buf_clear(out);
	if (vp_buf_reserve(out, strlen(url) + 16) != 0)
		return -1;
	const char *p = url;
	const char *scheme_end = strstr(url, "://");
	if (scheme_end) {
		const char *auth = scheme_end + 3;
		size_t authlen = strcspn(auth, "/?#");
		const char *at = memchr(auth, '@', authlen);
		if (vp_buf_append(out, url, (size_t)(auth - url)) != 0)
			return -1;
		p = at ? at + 1 : auth;
	}
	size_t pathlen = strcspn(p, "?#");
	if (vp_buf_append(out, p, pathlen) != 0)
		return -1;
	p += pathlen;
	if (*p != '?')
		return 0; /* a fragment is never sent; leave it off */
	p++;
	if (vp_buf_putc(out, '?') != 0)
		return -1;
	int first = 1;
	while (*p && *p != '#') {
		size_t n = strcspn(p, "&#");
		size_t namelen = strcspn(p, "=&#");
		if (!first && vp_buf_putc(out, '&') != 0)
			return -1;
		first = 0;
		if (namelen < n && secret_param(p, namelen)) {
			if (vp_buf_append(out, p, namelen) != 0 || vp_buf_puts(out, "=REDACTED") != 0)
				return -1;
		} else if (vp_buf_append(out, p, n) != 0) {
			return -1;
		}
		p += n;
		if (*p == '&')
			p++;
	}
	return 0;
}

struct origin {
	char *scheme, *host, *port;
};

static int origin_of(const char *url, struct origin *o)
{
	memset(o, 0, sizeof *o);
	CURLU *u = curl_url();
	if (!u)
		return -1;
	int rc = -1;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &o->scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &o->host, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PORT, &o->port, CURLU_DEFAULT_PORT) == CURLUE_OK)
		rc = 0;
	curl_url_cleanup(u);
	return rc;
}

static void origin_free(struct origin *o);

int vp_url_valid(const char *url)
{
	struct origin o;
	int ok = origin_of(url, &o) == 0 && o.host && *o.host &&
	         (strcmp(o.scheme, "https") == 0 || strcmp(o.scheme, "http") == 0);
	origin_free(&o);
	return ok;
}

static void origin_free(struct origin *o)
{
	curl_free(o->scheme);
	curl_free(o->host);
	curl_free(o->port);
}

int vp_url_secure(const char *url)
{
	struct origin o;
	int ok = 0;
	if (origin_of(url, &o) == 0 && o.host && *o.host) {
		if (strcasecmp(o.scheme, "https") == 0)
			ok = 1;
		else if (strcasecmp(o.scheme, "http") == 0)
			ok = strcmp(o.host, "127.0.0.1") == 0 || strcmp(o.host, "[::1]") == 0 ||
			     strcasecmp(o.host, "localhost") == 0;
	}
	origin_free(&o);
	return ok;
}

int vp_url_has_userinfo(const char *url)
{
	CURLU *u = curl_url();
	if (!u)
		return 1; /* cannot tell: as if it had (the caller refuses) */
	int has = 0;
	char *user = NULL, *pw = NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK) {
		has = curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK ||
		      curl_url_get(u, CURLUPART_PASSWORD, &pw, 0) == CURLUE_OK;
	}
	curl_free(user);
	curl_free(pw);
	curl_url_cleanup(u);
	return has;
}

int vp_url_same_origin(const char *a, const char *b)
{
	struct origin oa, ob;
	int same = 0;
	if (origin_of(a, &oa) == 0 && origin_of(b, &ob) == 0)
		same = strcasecmp(oa.scheme, ob.scheme) == 0 &&
		       strcasecmp(oa.host, ob.host) == 0 && strcmp(oa.port, ob.port) == 0;
	origin_free(&oa);
	origin_free(&ob);
	return same;
}

int vp_url_add_param(vp_buf *url, const char *name, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *q = url->data ? strchr(url->data, '?') : NULL;
	char sep = !q ? '?' : (q[1] == '\0' || url->data[url->len - 1] == '&') ? 0 : '&';
	if (sep && vp_buf_putc(url, sep) != 0)
		return -1;
	if (vp_buf_puts(url, name) != 0 || vp_buf_putc(url, '=') != 0)
		return -1;
	for (const unsigned char *s = (const unsigned char *)value; *s; s++) {
		int ok = isalnum(*s) || *s == '-' || *s == '_' || *s == '.' || *s == '~';
		if (ok ? vp_buf_putc(url, *s) != 0
		       : vp_buf_printf(url, "%%%c%c", hex[*s >> 4], hex[*s & 15]) != 0)
			return -1;
	}
	return 0;
}

int vp_url_resolve(const char *base, const char *ref, vp_buf *out)
{
	CURLU *u = curl_url();
	char *s = NULL;
	int rc = -1;
	if (!u)
		return -1;
	if (curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_URL, ref, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &s, 0) == CURLUE_OK) {
		vp_buf_clear(out);
		rc = vp_buf_puts(out, s);
	}
	curl_free(s);
	curl_url_cleanup(u);
	return rc;
}
