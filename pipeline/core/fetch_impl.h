/* fetch_impl.h - what fetch.c (the run: paging, state, output),
 * fetch_preset.c (the table of services) and fetch_io.c (what the run lends
 * the services) share; not a public API. */
#ifndef VOXPOP_FETCH_IMPL_H
#define VOXPOP_FETCH_IMPL_H

#include <jansson.h>

#include "voxpop/fetch.h"

struct run;

/* A preset is the knowledge of one service's documented API.  The row
 * with name NULL, last in the table, is the generic JSON API. */
/* A preset is the knowledge of one service's documented API. */
struct preset {
	const char *name;
	const char *base;          /* default scheme://host */
	const char *scheme;        /* Authorization scheme */
	const char *records_ptr;
	const char *next_ptr;      /* NULL: next_url() builds it */
	const char *id_ptr, *date_ptr;
	unsigned long page_size;   /* default page size */
	int needs_texts;           /* 1: --text is required (answers are per survey) */
	int (*first_url)(struct run *r, vp_buf *url);
	int (*prepare)(struct run *r, vp_err *e);
	int (*answers)(struct run *r, json_t *resp, vp_err *e);
	int (*next_url)(struct run *r, json_t *records, vp_buf *url);
	const char *since_param;   /* query parameter carrying the mark, or ... */
	int (*since)(struct run *r, vp_buf *url, const char *mark); /* ... NULL: this */
	int zoneless_utc;          /* dates without a zone are documented as UTC */
	/* added for issue 18 (designated initialisers in the table) */
	const char *base_eu;       /* --region eu host, or NULL */
	const char *token_header;  /* the token goes in this header, not Authorization */
	const char *page_param, *offset_param, *next_param; /* paging by parameter */
	int basic;                 /* token + secret as HTTP Basic (secret required) */
	int oauth;                 /* OAuth2 client credentials (msgraph) */
	int by_id;                 /* no usable date: responses remembered by id */
	int absent_empty;          /* no records array in a page: no responses */
	int keyset;                /* sorted by date ascending with an inclusive "since":
	                            * each next page is asked since the latest date seen */
	const char *survey_chars;  /* extra characters allowed in --survey */
	/* pages whose records need reshaping (rows -> objects): a new array */
	json_t *(*reshape)(struct run *r, json_t *records);
	/* a run of its own instead of paging (asynchronous exports) */
	int (*fetch)(struct run *r, vp_err *e);
	/* responses: called by fetch() for each; see vp_fetch_response */
	unsigned long max_page_size; /* the most the service gives a page, where a
	                            * short page ends the list (0: no such limit
	                            * that matters): a larger --page-size would be
	                            * cut to it silently, the first page taken as
	                            * the last and the rest never read */
};

struct run {
	const vp_fetch_opts *o;
	const struct preset *p;
	vp_http_opts http;
	FILE *out;
	vp_fetch_stats *st;
	vp_fetch_state old;        /* what earlier runs committed: decides "seen" */
	vp_fetch_state neu;        /* what this run will commit */
	json_t *headings;          /* question key -> heading, from a survey definition */
	const char *base;
	unsigned long page_size;
	vp_buf first;              /* the first page's URL, without the mark */
	vp_buf shown;              /* the current URL, redacted, for messages */
	vp_buf source;
	/* per response */
	const char *resp_id, *resp_date, *locality;
	char idbuf[64];
	unsigned long texts_in_resp;
	vp_buf line;               /* the record being written */
	json_t *run_ids;           /* set: "id\ndate" of every response met in this run */
	json_t *visited;           /* set: every page URL fetched in this run */
	long long now;             /* the run's clock */
	/* OAuth2 */
	vp_buf auth;               /* the Authorization value in use */
	vp_buf access;             /* the current access token (a secret) */
	long long expires;         /* monotonic second it expires, 0 none */
	/* other headers, the token's included */
	const char **hdrs;
	size_t nhdrs;
	vp_buf keyhdr;
	vp_buf basebuf;            /* a base URL made from --region */
	json_t *columns;           /* msgraph-excel: the table's column names */
	char *out_path;            /* the output's absolute path, or NULL */
	char *state;               /* --state resolved (symlinks followed), or NULL */
};

/* fetch_preset.c */
/* The preset called name (NULL: the generic API), or NULL if none. */
const struct preset *vp_fetch_preset_find(const char *name);
/* "surveymonkey, typeform, kobo" for messages.  0 or -1 (no memory). */
int vp_fetch_preset_names(vp_buf *out);

/* fetch_qualtrics.c: the asynchronous export (POST, poll, zip of a CSV) */
int vp_fetch_qx_first(struct run *r, vp_buf *url);
int vp_fetch_qx_fetch(struct run *r, vp_err *e);
int vp_fetch_qx_answers(struct run *r, json_t *resp, vp_err *e);

/* fetch_io.c: what the run lends the presets */
int vp_fetch_oom(vp_err *e);
/* 1 if requests carry an OAuth2 client-credentials token. */
int vp_fetch_oauth_on(const struct run *r);
/* A scalar as a string: strings as they are, integers in decimal. */
const char *vp_fetch_scalar(json_t *v, char *buf, size_t n);
int vp_fetch_blank(const char *s);
/* A --text answer of the current response at ptr that is no text (what:
 * "an array"...): not written, counted, the first named (its id masked). */
void vp_fetch_not_text(struct run *r, const char *ptr, const char *what);
/* Write one record for a text answer of the current response. */
int vp_fetch_emit(struct run *r, const char *qkey, const char *question, const char *text,
                  vp_err *e);
/* A request with the run's auth: an OAuth token is fetched before it
 * expires, and a 401 refreshes it once and tries again. */
int vp_fetch_request(struct run *r, const char *method, const char *url, const char *body,
                     const char *ctype, vp_http_resp *resp, vp_err *e);
/* One response (id and date at the pointers): state, duplicates, then
 * r->p->answers.  For presets with their own fetch(). */
int vp_fetch_response(struct run *r, json_t *resp, size_t idx, const char *id_ptr,
                      const char *date_ptr, vp_err *e);
/* Has this run met the response (its id and date at the pointers)?  1 yes,
 * 0 no, -1 it has no usable id (vp_fetch_response skips it). */
int vp_fetch_met(struct run *r, json_t *resp, const char *id_ptr, const char *date_ptr);
/* GET url and parse it as JSON.  On success *page is the document. */
int vp_fetch_get_json(struct run *r, const char *url, vp_http_resp *resp, json_t **page,
                      vp_err *e);

#endif
