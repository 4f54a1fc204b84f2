/* fakeapi - a small HTTP/1.1 server on 127.0.0.1 for vp-fetch's tests.
 *
 *   fakeapi [-a AUTH] [-H 'NAME: VALUE'] [-O ID:SECRET [-E SECS] [-X USES]] [-c SEED] [-C CALMFILE] [-d DIR] [-l LOG] [-t SECONDS] ROUTES
 *
 * Listens on a random free port of 127.0.0.1 only, prints the port on
 * stdout, and answers GET requests from the ROUTES file, one route a line:
 *
 *   TARGET STATUS FILE [OPTION]...
 *
 * TARGET is the exact request target ("/v3/surveys/1/details", with its
 * query) or a prefix ending in '*'.  FILE (relative to DIR, by default
 * ROUTES' directory; '-' for an error body) is sent with every "{BASE}" replaced by
 * "http://127.0.0.1:PORT".  The first line that matches and is not used up
 * answers.  OPTIONs inject faults:
 *   times=N          the line answers only its first N matching requests
 *   retry-after=V    send "Retry-After: V", each '_' a space (an HTTP-date:
 *                    retry-after=Wed,_21_Oct_2015_07:28:00_GMT)
 *   link=URL         send "Link: <URL>; rel=\"next\"" ({BASE} replaced)
 *   stall=SECONDS    wait before answering (stops early if the client goes)
 *   truncate=N       promise the whole body in Content-Length, send N bytes, close
 *   location=URL     send "Location: URL" ({BASE} replaced), for redirects
 *   header-bytes=N   send a header line "X-Pad: aaa..." N bytes long
 *   header-lines=K   send that line K times (default 1): many lines, each
 *                    short enough, that are too long together
 * With -a, a request whose Authorization header is not exactly AUTH gets
 * 401.  A line may start with a method, "POST /path 200 file" (default GET);
 * a request body (Content-Length) is logged as "BODY ...".
 * With -H 'Name: value' (up to 4), a request without that exact header gets
 * 401 (API keys: X-API-TOKEN, APIKEY).
 * With -O ID:SECRET the server is also an OAuth2 token endpoint (RFC 6749
 * 4.4): POST /oauth/token with grant_type=client_credentials, client_id=ID
 * and client_secret=SECRET (form-encoded) gets {"access_token": "at-N",
 * "token_type": "Bearer", "expires_in": E} (-E E, default 3600), anything
 * else 400/401; every other request then needs "Authorization: Bearer at-N"
 * with the latest N, and a token is good for -X K requests (default
 * unlimited), after which it gets 401 (an expired token).
 *
 * With -c SEED the server also answers /chaos: a generic API whose
 * responses ({"ref": "c-K", "created": ISO date, "comments": "..."}) grow
 * while they are read (before a page, 1-5 new ones, half the time) and
 * are served newest first, 4 a page, by offset (/chaos?offset=O[&since=D],
 * "next" in the body), so that new responses shift the pages under a reader;
 * "since" keeps those at or after D.  Requests fail at random (SEED): 429
 * (Retry-After: 0), 500 or 503, a dropped connection, a truncated body, or
 * a stall of 100-400 ms before the answer.  While the file -C PATH exists
 * nothing fails and nothing grows (to finish a test).  The log gets
 * "CHAOS total=N" after each /chaos request: N responses exist (were
 * served or could be).  Every request is logged to LOG (target, then its header lines).
 * The server exits by itself after -t SECONDS (default 60).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "voxpop/buf.h"

enum { MAX_ROUTES = 256, MAX_REQUEST = 65536, MAX_REQUESTS = 1000000 };

struct route {
	char *method;
	char *target, *file, *retry_after, *link, *location;
	int status;
	long times, hits, stall, truncate, header_bytes, header_lines;
};

static struct route routes[MAX_ROUTES];
static size_t nroutes;
static char dir[4096] = ".";
static char base[64];
static int dir_given;
static const char *need_hdr[4];
static size_t nneed;
static char oauth_id[256], oauth_secret[256];
static int oauth;
static long oauth_expires = 3600, oauth_uses = -1, oauth_n, oauth_used;

/* ---- chaos mode (-c SEED) ---- */
static int chaos;
static unsigned long long rng = 88172645463325252ULL;
static long chaos_n = 20;            /* responses that exist */
static const char *calm_path;
enum { CHAOS_PAGE = 4 };
static const long long CHAOS_BASE = 1767225600LL; /* 2026-01-01T00:00:00Z */

static unsigned long long rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Response k's date: three responses a minute, so several share a second. */
static long long chaos_date(long k)
{
	return CHAOS_BASE + (long long)(k / 3) * 60;
}

static void iso(long long t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The value of query parameter name in target, %-decoded, or NULL. */
static int query_param(const char *target, const char *name, char *out, size_t n)
{
	const char *q = strchr(target, '?');
	size_t nl = strlen(name);
	while (q) {
		q++;
		if (strncmp(q, name, nl) == 0 && q[nl] == '=') {
			const char *v = q + nl + 1;
			size_t o = 0;
			while (*v && *v != '&' && o + 1 < n) {
				if (*v == '%' && v[1] && v[2]) {
					char hx[3] = {v[1], v[2], 0};
					out[o++] = (char)strtol(hx, NULL, 16);
					v += 3;
				} else {
					out[o++] = *v++;
				}
			}
			out[o] = '\0';
			return 0;
		}
		q = strchr(q, '&');
	}
	return -1;
}

/* Seconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ" (what vp-fetch sends
 * back: a date this server made). */
static long long parse_iso(const char *s)
{
	int y, mo, d, h, mi, se;
	if (sscanf(s, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &se) != 6)
		return -1;
	long yy = y - (mo <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097LL + doe - 719468) * 86400 + h * 3600 + mi * 60 + se;
}

static int send_all(int fd, const char *p, size_t n);
static void die(const char *what);

static void chaos_serve(int fd, const char *target, FILE *log)
{
	int calm = calm_path && access(calm_path, F_OK) == 0;
	vp_buf body = VP_BUF_INIT, head = VP_BUF_INIT;
	unsigned long long f = rnd() % 100;
	if (!calm && rnd() % 100 < 50)
		chaos_n += (long)(rnd() % 5) + 1;
	if (log) {
		fprintf(log, "CHAOS total=%ld\n", chaos_n);
		fflush(log);
	}
	if (!calm && f < 5)
		goto out; /* dropped: no answer at all */
	if (!calm && f >= 5 && f < 10) {
		struct timespec ts = {0, (long)(100 + rnd() % 300) * 1000000L};
		nanosleep(&ts, NULL);
	}
	int status = 200;
	if (!calm && f >= 10 && f < 18)
		status = 429;
	else if (!calm && f >= 18 && f < 22)
		status = 500;
	else if (!calm && f >= 22 && f < 26)
		status = 503;
	char since[64] = "", off[32];
	long long since_t = -1;
	long offset = 0;
	if (query_param(target, "since", since, sizeof since) == 0)
		since_t = parse_iso(since);
	if (query_param(target, "offset", off, sizeof off) == 0)
		offset = atol(off);
	if (status == 200) {
		/* newest first: k = n-1, n-2, ... down to the first before since */
		long lo = 0;
		while (since_t >= 0 && lo < chaos_n && chaos_date(lo) < since_t)
			lo++;
		long avail = chaos_n - lo;
		if (vp_buf_puts(&body, "{\"results\": [") != 0)
			die("memory");
		for (long i = offset; i < offset + CHAOS_PAGE && i < avail; i++) {
			long k = chaos_n - 1 - i;
			char d[32];
			iso(chaos_date(k), d, sizeof d);
			if (vp_buf_printf(&body, "%s{\"ref\": \"c-%ld\", \"created\": \"%s\", "
			                  "\"comments\": \"comment number %ld\"}",
			                  i > offset ? ", " : "", k, d, k) != 0)
				die("memory");
		}
		if (vp_buf_puts(&body, "], \"next\": ") != 0)
			die("memory");
		if (offset + CHAOS_PAGE < avail) {
			if (vp_buf_printf(&body, "\"/chaos?offset=%ld", offset + CHAOS_PAGE) != 0 ||
			    (since[0] && vp_buf_printf(&body, "&since=%s", since) != 0) ||
			    vp_buf_puts(&body, "\"") != 0)
				die("memory");
		} else if (vp_buf_puts(&body, "null") != 0) {
			die("memory");
		}
		if (vp_buf_printf(&body, ", \"total\": %ld}", chaos_n) != 0)
			die("memory");
	} else if (vp_buf_printf(&body, "{\"error\": \"chaos %d\"}", status) != 0) {
		die("memory");
	}
	if (vp_buf_printf(&head, "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\n"
	                  "Content-Length: %zu\r\nConnection: close\r\n%s\r\n", status,
	                  status == 200 ? "OK" : "Chaos", body.len,
	                  status == 429 ? "Retry-After: 0\r\n" : "") != 0)
		die("memory");
	size_t send_n = body.len;
	if (!calm && f >= 26 && f < 31)
		send_n = body.len / 2; /* truncated */
	if (send_all(fd, head.data, head.len) == 0 && send_n)
		send_all(fd, body.data, send_n);
out:
	vp_buf_free(&body);
	vp_buf_free(&head);
}

static void die(const char *what)
{
	fprintf(stderr, "fakeapi: %s: %s\n", what, strerror(errno));
	exit(1);
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s);
	if (!p)
		die("strdup");
	return p;
}

static void load_routes(const char *path)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		die(path);
	const char *slash = strrchr(path, '/');
	if (slash && !dir_given)
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	char line[4096];
	while (fgets(line, sizeof line, fp)) {
		char *save, *tok = strtok_r(line, " \t\r\n", &save);
		if (!tok || tok[0] == '#')
			continue;
		if (nroutes == MAX_ROUTES) {
			fprintf(stderr, "fakeapi: too many routes\n");
			exit(1);
		}
		struct route *r = &routes[nroutes++];
		r->method = xstrdup("GET");
		if (!strcmp(tok, "GET") || !strcmp(tok, "POST")) {
			free(r->method);
			r->method = xstrdup(tok);
			if (!(tok = strtok_r(NULL, " \t\r\n", &save))) {
				fprintf(stderr, "fakeapi: %s: a method without a target\n", path);
				exit(1);
			}
		}
		r->target = xstrdup(tok);
		char *status = strtok_r(NULL, " \t\r\n", &save);
		char *file = strtok_r(NULL, " \t\r\n", &save);
		if (!status || !file) {
			fprintf(stderr, "fakeapi: %s: route '%s' lacks STATUS FILE\n", path, tok);
			exit(1);
		}
		r->status = atoi(status);
		r->file = xstrdup(file);
		r->times = -1;
		while ((tok = strtok_r(NULL, " \t\r\n", &save))) {
			if (!strncmp(tok, "times=", 6))
				r->times = atol(tok + 6);
			else if (!strncmp(tok, "retry-after=", 12)) {
				r->retry_after = xstrdup(tok + 12);
				for (char *u = r->retry_after; (u = strchr(u, '_')); )
					*u = ' ';
			}
			else if (!strncmp(tok, "location=", 9))
				r->location = xstrdup(tok + 9);
			else if (!strncmp(tok, "link=", 5))
				r->link = xstrdup(tok + 5);
			else if (!strncmp(tok, "stall=", 6))
				r->stall = atol(tok + 6);
			else if (!strncmp(tok, "truncate=", 9))
				r->truncate = atol(tok + 9);
			else if (!strncmp(tok, "header-bytes=", 13))
				r->header_bytes = atol(tok + 13);
			else if (!strncmp(tok, "header-lines=", 13))
				r->header_lines = atol(tok + 13);
			else {
				fprintf(stderr, "fakeapi: %s: unknown option '%s'\n", path, tok);
				exit(1);
			}
		}
	}
	fclose(fp);
}

static struct route *match(const char *method, const char *target)
{
	for (size_t i = 0; i < nroutes; i++) {
		struct route *r = &routes[i];
		if (strcmp(r->method, method) != 0)
			continue;
		size_t n = strlen(r->target);
		int hit = n && r->target[n - 1] == '*' ? strncmp(target, r->target, n - 1) == 0
		                                       : strcmp(target, r->target) == 0;
		if (!hit || (r->times >= 0 && r->hits >= r->times))
			continue;
		r->hits++;
		return r;
	}
	return NULL;
}

/* s with every {BASE} replaced. */
static void expand(vp_buf *out, const char *s, size_t n)
{
	const char *end = s + n;
	while (s < end) {
		const char *m = memmem(s, (size_t)(end - s), "{BASE}", 6);
		size_t k = m ? (size_t)(m - s) : (size_t)(end - s);
		if (vp_buf_append(out, s, k) != 0)
			die("memory");
		s += k;
		if (m) {
			if (vp_buf_puts(out, base) != 0)
				die("memory");
			s += 6;
		}
	}
}

static int send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Wait up to secs; 0 if the time passed, -1 if the client went away. */
static int stall(int fd, long secs)
{
	struct timespec t0, now;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		long ms = (now.tv_sec - t0.tv_sec) * 1000 + (now.tv_nsec - t0.tv_nsec) / 1000000;
		if (ms >= secs * 1000)
			return 0;
		struct pollfd p = {fd, POLLIN, 0};
		int n = poll(&p, 1, 100);
		if (n > 0) {
			char c;
			if (recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) <= 0)
				return -1;
		}
	}
}

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 302: return "Found";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Status";
	}
}

/* Does the header block hdrs hold the line want exactly ("Name: value",
 * the name in any case)? */
static int has_header(const char *hdrs, const char *want)
{
	size_t n = strcspn(want, ":");
	const char *v = want + n + (want[n] ? 1 : 0);
	while (*v == ' ')
		v++;
	for (const char *h = hdrs, *e; *h; h = e ? e + 2 : h + strlen(h)) {
		e = strstr(h, "\r\n");
		size_t hl = e ? (size_t)(e - h) : strlen(h);
		if (hl > n && strncasecmp(h, want, n) == 0 && h[n] == ':') {
			const char *hv = h + n + 1;
			while (*hv == ' ')
				hv++;
			if (hl - (size_t)(hv - h) == strlen(v) && strncmp(hv, v, strlen(v)) == 0)
				return 1;
		}
	}
	return 0;
}

/* form field name=value in body (values compared as sent, %-encoded) */
static int form_has(const char *body, const char *name, const char *value)
{
	char want[600];
	snprintf(want, sizeof want, "%s=%s", name, value);
	size_t n = strlen(want);
	for (const char *p = body; p; p = strchr(p, '&') ? strchr(p, '&') + 1 : NULL)
		if (strncmp(p, want, n) == 0 && (p[n] == '&' || p[n] == '\0'))
			return 1;
	return 0;
}

static void oauth_serve(int fd, const char *body, FILE *log)
{
	vp_buf out = VP_BUF_INIT, head = VP_BUF_INIT;
	int status = 200;
	if (!form_has(body, "grant_type", "client_credentials"))
		status = 400;
	else if (!form_has(body, "client_id", oauth_id) ||
	         !form_has(body, "client_secret", oauth_secret))
		status = 401;
	if (status == 200) {
		oauth_n++;
		oauth_used = 0;
		if (vp_buf_printf(&out, "{\"access_token\": \"at-%ld\", \"token_type\": "
		                  "\"Bearer\", \"expires_in\": %ld}", oauth_n, oauth_expires) != 0)
			die("memory");
		if (log) {
			fprintf(log, "TOKEN issued at-%ld\n", oauth_n);
			fflush(log);
		}
	} else if (vp_buf_printf(&out, "{\"error\": \"%s\"}", status == 400
	                         ? "unsupported_grant_type" : "invalid_client") != 0) {
		die("memory");
	}
	if (vp_buf_printf(&head, "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\n"
	                  "Content-Length: %zu\r\nConnection: close\r\n\r\n", status,
	                  status == 200 ? "OK" : "Refused", out.len) != 0)
		die("memory");
	if (send_all(fd, head.data, head.len) == 0)
		send_all(fd, out.data, out.len);
	vp_buf_free(&out);
	vp_buf_free(&head);
}

static void serve(int fd, const char *auth, FILE *log)
{
	char req[MAX_REQUEST + 1];
	size_t len = 0;
	char *end = NULL;
	while (len < MAX_REQUEST) {
		ssize_t n = recv(fd, req + len, MAX_REQUEST - len, 0);
		if (n <= 0)
			return;
		len += (size_t)n;
		req[len] = '\0';
		if ((end = strstr(req, "\r\n\r\n")))
			break;
	}
	if (!end)
		return;
	size_t have = len - (size_t)(end + 4 - req);
	*end = '\0';
	/* a body: Content-Length bytes after the blank line */
	char body_in[8192] = "";
	{
		const char *cl = strcasestr(req, "\r\nContent-Length:");
		size_t want = cl ? (size_t)atol(cl + 17) : 0;
		if (want >= sizeof body_in)
			want = sizeof body_in - 1;
		size_t got = have < want ? have : want;
		memcpy(body_in, end + 4, got);
		while (got < want) {
			ssize_t n = recv(fd, body_in + got, want - got, 0);
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		body_in[got] = '\0';
	}
	char method[16], target[8192];
	if (sscanf(req, "%15s %8191s", method, target) != 2)
		return;
	char *hdrs = strstr(req, "\r\n");
	hdrs = hdrs ? hdrs + 2 : end;
	if (log) {
		fprintf(log, "REQUEST %s %s\n", method, target);
		for (char *h = hdrs, *e; *h; h = e ? e + 2 : h + strlen(h)) {
			e = strstr(h, "\r\n");
			fprintf(log, "%.*s\n", (int)(e ? e - h : (long)strlen(h)), h);
		}
		if (body_in[0])
			fprintf(log, "BODY %s\n", body_in);
		fflush(log);
	}
	int authorised = 1;
	for (size_t i = 0; i < nneed; i++)
		if (!has_header(hdrs, need_hdr[i]))
			authorised = 0;
	if (oauth && strcmp(method, "POST") == 0 && strcmp(target, "/oauth/token") == 0) {
		oauth_serve(fd, body_in, log);
		return;
	}
	if (oauth && authorised) {
		char want[64];
		snprintf(want, sizeof want, "Authorization: Bearer at-%ld", oauth_n);
		if (!oauth_n || !has_header(hdrs, want)) {
			authorised = 0;
		} else if (oauth_uses >= 0 && oauth_used++ >= oauth_uses) {
			authorised = 0;
			if (log) {
				fprintf(log, "EXPIRED at-%ld\n", oauth_n);
				fflush(log);
			}
		}
	}
	if (auth && authorised) {
		authorised = 0;
		for (char *h = hdrs, *e; *h; h = e ? e + 2 : h + strlen(h)) {
			e = strstr(h, "\r\n");
			size_t hl = e ? (size_t)(e - h) : strlen(h);
			if (hl > 14 && strncasecmp(h, "Authorization:", 14) == 0) {
				const char *v = h + 14;
				while (*v == ' ')
					v++;
				authorised = strlen(auth) == hl - (size_t)(v - h) &&
				             strncmp(v, auth, strlen(auth)) == 0;
			}
		}
	}

	if (chaos && authorised && strncmp(target, "/chaos", 6) == 0) {
		chaos_serve(fd, target, log);
		return;
	}
	struct route *r = authorised ? match(method, target) : NULL;
	int status = !authorised ? 401 : r ? r->status : 404;
	vp_buf body = VP_BUF_INIT, head = VP_BUF_INIT;
	if (r && strcmp(r->file, "-") != 0) {
		char path[8192];
		snprintf(path, sizeof path, "%s/%s", dir, r->file);
		FILE *fp = fopen(path, "rb");
		if (!fp)
			die(path);
		char buf[65536];
		size_t n;
		vp_buf raw = VP_BUF_INIT;
		while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
			if (vp_buf_append(&raw, buf, n) != 0)
				die("memory");
		fclose(fp);
		expand(&body, raw.data ? raw.data : "", raw.len);
		vp_buf_free(&raw);
	} else if (!r || status >= 400) {
		if (vp_buf_printf(&body, "{\"error\": \"%s\"}", reason(status)) != 0)
			die("memory");
	}
	if (r && r->stall && stall(fd, r->stall) != 0)
		goto out;
	if (vp_buf_printf(&head, "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\n"
	                  "Content-Length: %zu\r\nConnection: close\r\n",
	                  status, reason(status), body.len) != 0)
		die("memory");
	if (r && r->retry_after && vp_buf_printf(&head, "Retry-After: %s\r\n", r->retry_after))
		die("memory");
	if (r && r->link) {
		if (vp_buf_puts(&head, "Link: <") != 0)
			die("memory");
		expand(&head, r->link, strlen(r->link));
		if (vp_buf_puts(&head, ">; rel=\"next\"\r\n") != 0)
			die("memory");
	}
	if (r && r->location) {
		if (vp_buf_puts(&head, "Location: ") != 0)
			die("memory");
		expand(&head, r->location, strlen(r->location));
		if (vp_buf_puts(&head, "\r\n") != 0)
			die("memory");
	}
	for (long k = 0; r && r->header_bytes > 0 && k < (r->header_lines > 0 ? r->header_lines : 1); k++) {
		if (vp_buf_puts(&head, "X-Pad: ") != 0)
			die("memory");
		for (long i = 0; i < r->header_bytes; i++)
			if (vp_buf_putc(&head, 'a') != 0)
				die("memory");
		if (vp_buf_puts(&head, "\r\n") != 0)
			die("memory");
	}
	if (vp_buf_puts(&head, "\r\n") != 0)
		die("memory");
	size_t send_n = body.len;
	if (r && r->truncate && (size_t)r->truncate < body.len)
		send_n = (size_t)r->truncate;
	if (send_all(fd, head.data, head.len) == 0 && send_n)
		send_all(fd, body.data, send_n);
out:
	vp_buf_free(&body);
	vp_buf_free(&head);
}

int main(int argc, char **argv)
{
	const char *auth = NULL, *logpath = NULL;
	long lifetime = 60;
	int c;
	while ((c = getopt(argc, argv, "a:c:C:d:E:H:l:O:t:X:")) != -1) {
		switch (c) {
		case 'H':
			if (nneed == sizeof need_hdr / sizeof *need_hdr) {
				fprintf(stderr, "fakeapi: too many -H\n");
				return 2;
			}
			need_hdr[nneed++] = optarg;
			break;
		case 'O': {
			const char *colon = strchr(optarg, ':');
			if (!colon || colon - optarg >= 255 || strlen(colon + 1) >= 255) {
				fprintf(stderr, "fakeapi: -O ID:SECRET\n");
				return 2;
			}
			snprintf(oauth_id, sizeof oauth_id, "%.*s", (int)(colon - optarg), optarg);
			snprintf(oauth_secret, sizeof oauth_secret, "%s", colon + 1);
			oauth = 1;
			break;
		}
		case 'E': oauth_expires = atol(optarg); break;
		case 'X': oauth_uses = atol(optarg); break;
		case 'c':
			chaos = 1;
			rng ^= strtoull(optarg, NULL, 10) * 0x9E3779B97F4A7C15ULL;
			if (!rng)
				rng = 1;
			break;
		case 'C': calm_path = optarg; break;
		case 'd':
			snprintf(dir, sizeof dir, "%s", optarg);
			dir_given = 1;
			break;
		case 'a': auth = optarg; break;
		case 'l': logpath = optarg; break;
		case 't': lifetime = atol(optarg); break;
		default:
			fprintf(stderr, "usage: fakeapi [-a AUTH] [-H HEADER] [-O ID:SECRET [-E SECS] [-X USES]] [-c SEED] [-C CALMFILE] [-d DIR] [-l LOG] [-t SECONDS] ROUTES\n");
			return 2;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "usage: fakeapi [-a AUTH] [-H HEADER] [-O ID:SECRET [-E SECS] [-X USES]] [-c SEED] [-C CALMFILE] [-d DIR] [-l LOG] [-t SECONDS] ROUTES\n");
		return 2;
	}
	load_routes(argv[optind]);
	FILE *log = NULL;
	if (logpath && !(log = fopen(logpath, "a")))
		die(logpath);

	int s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0)
		die("socket");
	struct sockaddr_in a = {0};
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* loopback only, never beyond */
	a.sin_port = 0;
	socklen_t al = sizeof a;
	if (bind(s, (struct sockaddr *)&a, sizeof a) != 0 || listen(s, 16) != 0 ||
	    getsockname(s, (struct sockaddr *)&a, &al) != 0)
		die("bind");
	snprintf(base, sizeof base, "http://127.0.0.1:%d", ntohs(a.sin_port));
	printf("%d\n", ntohs(a.sin_port));
	fflush(stdout);
	alarm((unsigned)lifetime); /* never outlive the test */

	for (int served = 0; served < MAX_REQUESTS; served++) {
		int fd = accept(s, NULL, NULL);
		if (fd < 0) {
			if (errno == EINTR)
				continue;
			die("accept");
		}
		struct timeval tv = {5, 0};
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
		serve(fd, auth, log);
		shutdown(fd, SHUT_WR);
		close(fd);
	}
	return 0;
}
