/* fetch.h - pull responses from online-form APIs into voxpop records.
 *
 * The pieces, each usable (and tested) on its own:
 *   - URL helpers: redact credentials before a URL is shown, check that a
 *     next-page URL stays on the origin the token was meant for;
 *   - vp_http: GET with TLS verification, timeouts, a page-size limit and
 *     bounded retries (429/503 honour Retry-After);
 *   - vp_fetch_state: the incremental state file (high-water mark, ids at
 *     the mark, committed output offset), replaced atomically;
 *   - vp_fetch_run: pages through a generic JSON API or a preset
 *     (surveymonkey, typeform, kobo) and writes one record per non-empty
 *     text answer.
 * Nothing here prints or exits; errors come back in a vp_err whose message
 * never contains the token.
 */
#ifndef VOXPOP_FETCH_H
#define VOXPOP_FETCH_H

#include <stdio.h>
#include <sys/types.h>
#include <jansson.h>

#include "voxpop/buf.h"
#include "voxpop/err.h"

/* ---- URLs ---------------------------------------------------------- */

/* Copy url into out (cleared first) with any user:password@ removed and the
 * values of query parameters that look like credentials (token, key,
 * secret, password, signature, auth...) replaced by "REDACTED".  0 or -1 (OOM). */
int vp_url_redact(const char *url, vp_buf *out);

/* 1 if a and b have the same scheme, host and port, else 0. */
int vp_url_same_origin(const char *a, const char *b);

/* Resolve ref (absolute or relative) against base into out. 0 or -1. */
int vp_url_resolve(const char *base, const char *ref, vp_buf *out);

/* Append "name=value" (value percent-encoded) to the query of url. 0 or -1. */
int vp_url_add_param(vp_buf *url, const char *name, const char *value);

/* ---- HTTP ---------------------------------------------------------- */

typedef struct vp_http_opts {
	const char *auth;          /* full Authorization value ("Bearer x") or NULL */
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

/* The wait before retry number attempt (1-based): Retry-After if the
 * server gave one (retry_after >= 0), else 1, 2, 4... seconds; never more
 * than max_backoff. */
unsigned vp_http_backoff(unsigned attempt, long retry_after, unsigned max_backoff);

/* Parse an RFC 8288 Link header value; if it has a rel="next" link, return
 * its target (malloc'd), else NULL. */
char *vp_http_link_next(const char *value);

/* ---- incremental state ---------------------------------------------- */

typedef struct vp_fetch_state {
	char *source;          /* what the state belongs to, e.g. "surveymonkey:123" */
	char *mark;            /* largest date fetched so far, NULL before the first run */
	json_t *ids;           /* object used as a set: ids emitted at exactly mark */
	int has_output;        /* the output below is a regular file we committed to */
	dev_t out_dev;
	ino_t out_ino;
	off_t out_offset;      /* its size after the last committed run */
} vp_fetch_state;

void vp_fetch_state_init(vp_fetch_state *s);
void vp_fetch_state_free(vp_fetch_state *s);

/* Load path into s.  A missing file is a fresh state (returns 0); an
 * unreadable one is EX_NOINPUT/EX_IOERR; one that is not a state file we
 * wrote is EX_DATAERR ("state.json: corrupt state file: ..."). */
int vp_fetch_state_load(vp_fetch_state *s, const char *path, vp_err *e);

/* Replace path atomically with s: write path.tmp, fsync, rename, fsync the
 * directory.  0 or EX_IOERR / EX_CANTCREAT. */
int vp_fetch_state_save(const vp_fetch_state *s, const char *path, vp_err *e);

/* Order two dates: ISO 8601 timestamps with offsets are compared as
 * instants, whole numbers numerically, anything else bytewise. <0, 0, >0. */
int vp_fetch_date_cmp(const char *a, const char *b);

/* Has a response (id, date) already been emitted according to s?
 * 1 if date is before the mark, or at the mark with id in ids. */
int vp_fetch_state_seen(const vp_fetch_state *s, const char *id, const char *date);

/* Note that (id, date) was emitted: advances mark and ids.  0 or -1 (OOM). */
int vp_fetch_state_note(vp_fetch_state *s, const char *id, const char *date);

/* ---- a run ------------------------------------------------------------ */

typedef struct vp_fetch_text {
	const char *ptr;       /* JSON pointer to the answer, relative to a response */
	const char *question;  /* question name recorded, NULL = pointer's last token */
} vp_fetch_text;

typedef struct vp_fetch_opts {
	const char *preset;        /* NULL (generic), "surveymonkey", "typeform", "kobo" */
	const char *survey;        /* preset: survey / form / asset id */
	const char *base_url;      /* preset: scheme://host override */
	const char *url;           /* generic: first page */
	const char *records_ptr;   /* generic: array of responses in a page */
	const char *next_ptr;      /* generic: next page URL in a page ... */
	int next_link;             /* ... or 1: the Link rel="next" header */
	const char *id_ptr;        /* per response; presets have defaults */
	const char *date_ptr;
	const char *locality_ptr;
	const vp_fetch_text *texts;
	size_t ntexts;
	const char *since_param;   /* generic: query parameter carrying the mark */
	const char *source;        /* "source" of records; default preset:id or URL host */
	const char *token;         /* the secret (never copied anywhere visible) */
	const char *auth_scheme;   /* overrides the preset's ("Bearer", "Token") */
	unsigned long page_size;   /* presets: per_page / page_size / limit; 0 = default */
	unsigned long max_pages;   /* safety stop, 0 = default 100000 */
	const char *state_path;    /* NULL: not incremental */
	vp_http_opts http;         /* auth is filled in by vp_fetch_run */
	/* Progress (may be NULL): called after each page. */
	void (*on_page)(void *ctx, unsigned long page, unsigned long responses,
	                unsigned long records);
	void *ctx;
} vp_fetch_opts;

typedef struct vp_fetch_stats {
	unsigned long pages, responses, skipped, records;
	off_t discarded;           /* bytes of an interrupted run cut from the output */
} vp_fetch_stats;

/* Check o for contradictions (missing --records, bad pointers...).
 * 0 or EX_USAGE. */
int vp_fetch_check(const vp_fetch_opts *o, vp_err *e);

/* Fetch every response not yet in the state and write records to out
 * (fd outfd, which may be a regular file opened for append, a pipe...).
 * When out is a regular file the state records its committed size, and a
 * tail left by an interrupted run is cut off first (stats->discarded).
 * The state is replaced only after out is flushed and fsync'd. */
int vp_fetch_run(const vp_fetch_opts *o, FILE *out, vp_fetch_stats *stats, vp_err *e);

#endif
