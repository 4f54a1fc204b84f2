/* run.h - vp-run's engine: vp-ingest | [vp-redact |] [vp-locate |]
 * vp-normalise | vp-tag | vp-count in one process, on every core, writing
 * the same count document as the chain (byte for byte).
 *
 * The calling thread reads: vp_ingest (the same code as vp-ingest, so the
 * same rows, ids and errors) writes its records into batches of whole
 * lines (a CSV row with newlines inside quotes is parsed by the reader, so
 * a batch never splits a record).  A bounded queue hands the batches to
 * jobs - 1 worker threads (one with jobs 1); the reader counts the oldest
 * batch itself when the queue is full.  Each worker has its own tokeniser, matcher and
 * vp_count accumulator and does, per record, what the stages do:
 *   - redact (optional): the text masked by vp_redact_record, as vp-redact
 *     (its "redacted" counts are left out: no later stage reads them);
 *   - locate (optional): vp_locate_line, else vp_locate_record, as vp-locate;
 *   - normalise: the "text" member tokenised by vp_text_tokenise, its
 *     language detected (vp_lang_detect) unless detect_lang is 0;
 *   - tag: a record in another language than lexicon_lang is left
 *     untagged and counted (vp_tag_language); the others' tokens matched by
 *     vp_match directly (no JSON in between);
 *   - sentiment (optional): each worker's own vp_sentiment (it keeps a
 *     record's state) scores the text with the tokens and the themes found,
 *     as vp-sentiment does; labels given to the count as VP_SENT_* (the
 *     record's and each theme's), not as JSON;
 *   - count: the members vp-count reads, with the themes as the matcher
 *     found them (vp_themes_found), counted by vp_count_add_parts (a table
 *     row's parts, raw, when counting by a level without sentiment) or
 *     vp_count_add_found (a small JSON object of them), or,
 *     when the scanner is unsure, the whole record with "tokens" and
 *     "themes" rendered as the stages would by vp_count_add, as vp-count
 *     does.
 * At the end the workers' documents are merged (vp_count_merge, vp-merge's
 * code: exactly as if counted together) and written once.
 *
 * Memory: the queue holds at most 2 x jobs batches of about `chunk` bytes
 * (one record longer than that makes its batch that long), plus each
 * worker's accumulator (groups x themes, as vp-count).
 */
#ifndef VOXPOP_RUN_H
#define VOXPOP_RUN_H

#include <stdio.h>

#include "voxpop/count.h"
#include "voxpop/err.h"
#include "voxpop/gazetteer.h"
#include "voxpop/ingest.h"
#include "voxpop/lexicon.h"
#include "voxpop/locate.h"
#include "voxpop/redact.h"

#define VP_RUN_CHUNK ((size_t)256 * 1024) /* default batch size */

typedef struct vp_run_opts {
	const vp_ingest_opts *ingest;
	const char *source;          /* --source: the name of stdin (NULL: "-") */
	const char *lang;            /* the stemmer each worker opens (NULL: english) */
	const vp_lexicon *lx;        /* loaded with the same language; shared, read-only */
	const vp_gazetteer *gaz;     /* NULL: no locate step */
	const vp_locate_opts *locate;
	const vp_redactor *redact;   /* NULL: no redact step; shared, read-only (no audit) */
	const char *sentiment;       /* vp-sentiment's sentiment set (NULL: no sentiment step) */
	const char *question_field;  /* vp-sentiment --question-field (NULL: "question") */
	const char *lexdir;          /* lx's directory: vp-sentiment loads it (its own copy) */
	const vp_count_opts *count;  /* by already canonical */
	unsigned jobs;               /* threads at work, >= 1: jobs - 1 workers and the
	                              * reader (jobs 1: one worker and the reader) */
	size_t chunk;                /* bytes per batch (0: VP_RUN_CHUNK) */
	int detect_lang;             /* vp-normalise's language detection (its default: on) */
	const char *lexicon_lang;    /* vp-tag --lexicon-lang: records in another language
	                              * are not tagged; NULL or "any": all are */
	int compact;                 /* vp-count --compact: the document on one line */
	int locate_report;           /* vp-locate --report: the workers' reports as one,
	                              * on stderr at the end */
	size_t locate_report_top;    /* vp-locate --report-top */
} vp_run_opts;

/* Run over the operands paths[0..npaths) ("-" or none: stdin), opened as
 * vp-ingest opens them, and write the count document to out.  Ingest's
 * statistics are added to *st.  Returns 0 or an EX_* code with e filled
 * (the first error, from the reader or a worker). */
int vp_run(const vp_run_opts *o, int npaths, char **paths, FILE *out, vp_ingest_stats *st,
           vp_err *e);

#endif
