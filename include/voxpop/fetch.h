/* fetch.h - pull responses from online-form APIs into voxpop records.
 *
 * The pieces, each usable (and tested) on its own, each with its header
 * (included here; none of them includes this one):
 *   - fetch_url.h: URL helpers (redacting, same origin, resolving);
 *   - fetch_http.h: GET with TLS verification, timeouts, bounded retries;
 *   - fetch_state.h: the incremental state file;
 *   - this file, vp_fetch_run: pages through a generic JSON API or a preset
 *     (fetch_preset.c: surveymonkey, typeform, kobo) and writes one record
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
