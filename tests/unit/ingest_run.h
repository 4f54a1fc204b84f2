/* ingest_run.h - the test harness for vp_ingest (test_ingest.c,
 * test_ingest_lossless.c): bytes in, the records out parsed, the notes
 * (stderr lines) collected. */
#ifndef TEST_INGEST_RUN_H
#define TEST_INGEST_RUN_H

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/ingest.h"

struct run {
	int rc;
	vp_err e;
	vp_ingest_stats st;
	char *out;
	size_t outlen;
	char notes[4096];
	json_t *rec[64];
	size_t nrec;
};

static void collect_note(void *ctx, const char *msg)
{
	struct run *r = ctx;
	size_t k = strlen(r->notes);
	snprintf(r->notes + k, sizeof r->notes - k, "%s\n", msg);
}

static void run_n(struct run *r, vp_ingest_opts *o, const char *path, const char *in, size_t n)
{
	memset(r, 0, sizeof *r);
	FILE *fp = n ? fmemopen((void *)in, n, "r") : fopen("/dev/null", "r");
	FILE *out = open_memstream(&r->out, &r->outlen);
	cr_assert(fp && out);
	o->note = collect_note;
	o->note_ctx = r;
	r->rc = vp_ingest(o, fp, path, out, &r->st, &r->e);
	fclose(out);
	fclose(fp);
	char *line = r->out;
	while (line && *line) {
		char *nl = strchr(line, '\n');
		cr_assert_not_null(nl, "record line not terminated");
		json_error_t je;
		json_t *j = json_loadb(line, (size_t)(nl - line), 0, &je);
		cr_assert_not_null(j, "bad JSON out: %s: %.*s", je.text, (int)(nl - line), line);
		cr_assert_lt(r->nrec, 64);
		r->rec[r->nrec++] = j;
		line = nl + 1;
	}
}

static void run(struct run *r, vp_ingest_opts *o, const char *path, const char *in)
{
	run_n(r, o, path, in, strlen(in));
}

static void done(struct run *r)
{
	for (size_t i = 0; i < r->nrec; i++)
		json_decref(r->rec[i]);
	free(r->out);
}

#endif
