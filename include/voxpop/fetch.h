/* fetch.h - pull responses from online-form APIs into voxpop records.
 *
 * The pieces, each usable (and tested) on its own, each with its header
 * (included here; none of them includes this one):
 *   - fetch_url.h: URL helpers (redacting, same origin, resolving);
 *   - fetch_http.h: GET with TLS verification, timeouts, bounded retries;
 *   - fetch_state.h: the incremental state file;
 *   - this file, vp_fetch_run: pages through a generic JSON API or a preset
 *     (fetch_preset.c: surveymonkey, typeform, kobo, smartsurvey,
 *     google-forms, msgraph-excel, msgraph-list, jotform, qualtrics) and
 *     writes one record
 *     per non-empty text answer.
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
#include "voxpop/fetch_http.h"
#include "voxpop/fetch_state.h"
#include "voxpop/fetch_url.h"

/* ---- a run ------------------------------------------------------------ */

typedef struct vp_fetch_text {
	const char *ptr;       /* JSON pointer to the answer, relative to a response */
	const char *question;  /* question name recorded, NULL = pointer's last token */
} vp_fetch_text;

struct vp_given_names;

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
	const char *token;         /* the secret (never copied anywhere visible); with
	                            * secret: Basic user / OAuth2 client id */
	const char *secret;        /* second secret: Basic password / OAuth2 client secret */
	const char *const *headers; /* "Name: value" sent with every request (secrets) */
	size_t nheaders;
	const char *oauth_url;     /* OAuth2 client-credentials token endpoint */
	const char *scope;         /* its scope */
	const char *tenant;        /* msgraph: Azure AD tenant (token endpoint) */
	const char *region;        /* "eu": the service's EU host */
	const char *page_param;    /* generic: page number parameter (1, 2, ...) */
	const char *offset_param;  /* generic: offset parameter (0, n, 2n, ...) */
	const char *limit_param;   /* generic: page size parameter (default "limit") */
	unsigned long limit;       /* generic: page size sent; a shorter page is the last */
	const char *next_param;    /* generic: --next PTR is a token sent back as this */
	const char *auth_scheme;   /* overrides the preset's ("Bearer", "Token") */
	unsigned long page_size;   /* presets: per_page / page_size / limit; 0 = default */
	unsigned long max_pages;   /* safety stop, 0 = default 100000 */
	const char *state_path;    /* NULL: not incremental */
	const char *output_path;   /* the output's name (--output), NULL: found from
	                            * the descriptor (/proc/self/fd) if it can be */
	long long now;             /* the run's clock (Unix seconds), 0 = time(NULL); a
	                            * date after now + 1 hour never becomes the mark */
	vp_http_opts http;         /* auth is filled in by vp_fetch_run */
	/* vp-redact's list of given names (NULL: names only after their cue
	 * words): what messages quote of a page -- an odd date, an id, the text
	 * near a JSON error -- is shown masked (vp_redact_shown). */
	const struct vp_given_names *given_names;
	/* Progress (may be NULL): called after each page. */
	void (*on_page)(void *ctx, unsigned long page, unsigned long responses,
	                unsigned long records);
	void *ctx;
} vp_fetch_opts;

typedef struct vp_fetch_stats {
	unsigned long pages, responses, skipped, records;
	unsigned long duplicates;  /* a response met again in this run (pages shifted) */
	off_t discarded;           /* bytes of an interrupted run cut from the output */
	/* Reported, not fatal (each with its first example, scrubbed of the
	 * token): responses emitted whose date cannot be the mark (--state
	 * only); values repaired in pages; responses skipped (no usable id). */
	unsigned long odd_dates, repaired, bad;
	/* --text answers neither text, a number nor null (true, an array, an
	 * object): not written, counted, the first named */
	unsigned long not_text;
	/* Page numbers or offsets without keyset paging: pages read again
	 * (each page's predecessor, after it), and the responses found in them
	 * not met before (moved there as the list shifted while it was read) */
	unsigned long rereads, moved;
	unsigned long retries;     /* HTTP retries, OAuth token refreshes not counted */
	unsigned long tokens;      /* OAuth tokens fetched */
	/* --state: the state was replaced, so `records` are committed (a run
	 * that fails before has written them, but the next run cuts them off
	 * a regular output file and fetches them again) */
	int committed;
	char odd_example[160], repaired_example[160], bad_example[256], not_text_example[160];
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

/* ---- pieces, exposed for tests and fuzzing ---------------------------- */

/* Parse a page.  Valid JSON is parsed as it is.  Otherwise the values
 * jansson refuses although the page is well-formed are repaired and the
 * page parsed again: a lone surrogate escape or \u0000 becomes \uFFFD,
 * invalid UTF-8 in a string U+FFFD, a raw control character in a string its
 * escape, an integer beyond the 64-bit range (or a number beyond a double)
 * a string of its digits.
 * *repaired (may be NULL) counts the repairs; example (n bytes, may be 0)
 * describes the first.  0, or EX_DATAERR with jansson's message about the
 * page as it came (e->msg, to be prefixed by the caller). */
int vp_fetch_page_parse(const char *buf, size_t len, json_t **page, unsigned long *repaired,
                        char *example, size_t n, vp_err *e);

/* Replace in s (NUL-terminated, cap bytes) every run of at least
 * min(8, strlen(secret)) characters that occurs in secret, and so every
 * copy of the secret or of a long part of it (a message cut in the middle
 * of one), by "REDACTED".  Nothing happens for a NULL or empty secret. */
void vp_fetch_scrub(char *s, size_t cap, const char *secret);

#endif
