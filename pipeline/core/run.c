/* run.c - see include/voxpop/run.h */
#define _GNU_SOURCE /* fopencookie: ingest's records straight into batches */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/buf.h"
#include "voxpop/count_doc.h"
#include "voxpop/input.h"
#include "voxpop/jscan.h"
#include "voxpop/jsonw.h"
#include "voxpop/normalise.h"
#include "voxpop/redact.h"
#include "voxpop/run.h"
#include "voxpop/seen.h"
#include "voxpop/sentiment.h"
#include "voxpop/tag.h"
#include "voxpop/text.h"

/* ---- the queue of batches: bounded, with a free list ---- */

struct batch {
	vp_buf data; /* whole lines, each ending '\n' */
	struct batch *next;
	unsigned long seq; /* its place in the input: the workers' errors are told in that order */
	/* put_parts' records that begin a run of their respondent's records
	 * (run_note): where each is in data, its respondent's key, and the
	 * set's answer (runs_settle) */
	size_t *run_at;
	uint64_t *run_key;
	signed char *run_r;
	vp_seen_id *run_id;   /* the respondent as the set holds it */
	size_t nrun, caprun;
};

struct queue {
	pthread_mutex_t mu;
	pthread_cond_t has_item, has_room;
	struct batch *head, *tail, *spare;
	size_t n, max;
	int closed;   /* the reader is done: workers stop when empty */
	int failed;   /* a worker failed: the reader stops */
	int rc;       /* the error of the earliest batch that failed (failseq) */
	vp_err err;
	unsigned long pushed, failseq;
	/* The reader's own worker, or NULL: with --jobs N > 1 there are N - 1
	 * worker threads, and the reader, rather than wait for room, counts
	 * the oldest batch itself -- N threads on N cores, not N + 1 taking
	 * turns (which cost 7% more CPU with 2 jobs on 2 cores). */
	struct worker *helper;
	/* the first respondent seen again was named (by whichever worker met
	 * one first: with --jobs 1, the first in the input, as vp-count) */
	atomic_int said_again;
};

struct worker;
static int do_batch(struct worker *w, struct batch *b, vp_err *e);
static void batch_put_spare(struct queue *q, struct batch *b);
static void queue_fail(struct queue *q, unsigned long seq, int rc, const vp_err *e);

/* The reader's worker counts the oldest batch (q->mu held, and held again
 * on return); when it fails the queue fails with its error. */
static void help(struct queue *q)
{
	struct batch *b = q->head;
	q->head = b->next;
	if (!q->head)
		q->tail = NULL;
	q->n--;
	pthread_mutex_unlock(&q->mu);
	vp_err e;
	vp_err_clear(&e);
	int rc = do_batch(q->helper, b, &e);
	unsigned long seq = b->seq;
	batch_put_spare(q, b);
	if (rc)
		queue_fail(q, seq, rc, &e);
	pthread_mutex_lock(&q->mu);
}

static void batch_free(struct batch *b)
{
	if (b) {
		vp_buf_free(&b->data);
		free(b->run_at);
		free(b->run_key);
		free(b->run_r);
		free(b->run_id);
		free(b);
	}
}

/* An empty batch: a spare one, else a new one (NULL: out of memory). */
static struct batch *batch_get(struct queue *q)
{
	pthread_mutex_lock(&q->mu);
	struct batch *b = q->spare;
	if (b)
		q->spare = b->next;
	pthread_mutex_unlock(&q->mu);
	if (!b && (b = calloc(1, sizeof *b)) == NULL)
		return NULL;
	b->next = NULL;
	vp_buf_clear(&b->data);
	b->nrun = 0;
	return b;
}

static void batch_put_spare(struct queue *q, struct batch *b)
{
	pthread_mutex_lock(&q->mu);
	b->next = q->spare;
	q->spare = b;
	pthread_mutex_unlock(&q->mu);
}

/* Hand b to the workers, waiting for room (or, with a helper, making it).
 * -1 when a worker failed. */
static int queue_push(struct queue *q, struct batch *b)
{
	pthread_mutex_lock(&q->mu);
	while (q->n >= q->max && !q->failed) {
		if (q->helper)
			help(q);
		else
			pthread_cond_wait(&q->has_room, &q->mu);
	}
	int failed = q->failed;
	if (!failed) {
		b->next = NULL;
		b->seq = q->pushed++;
		if (q->tail)
			q->tail->next = b;
		else
			q->head = b;
		q->tail = b;
		q->n++;
		pthread_cond_signal(&q->has_item);
	}
	pthread_mutex_unlock(&q->mu);
	if (failed)
		batch_free(b);
	return failed ? -1 : 0;
}

/* The next batch, NULL when the reader is done and none is left (or a worker failed). */
static struct batch *queue_pop(struct queue *q)
{
	pthread_mutex_lock(&q->mu);
	while (!q->head && !q->closed && !q->failed)
		pthread_cond_wait(&q->has_item, &q->mu);
	struct batch *b = q->failed ? NULL : q->head;
	if (b) {
		q->head = b->next;
		if (!q->head)
			q->tail = NULL;
		q->n--;
		pthread_cond_signal(&q->has_room);
	}
	pthread_mutex_unlock(&q->mu);
	return b;
}

/* Batch seq failed (ULONG_MAX: the reader).  Workers finish the batches
 * they hold, which are all earlier than any batch not yet taken, so the
 * error kept is that of the earliest failing batch -- the first record the
 * chain would refuse, whichever worker got there first. */
static void queue_fail(struct queue *q, unsigned long seq, int rc, const vp_err *e)
{
	pthread_mutex_lock(&q->mu);
	if (!q->failed || seq < q->failseq) {
		q->failed = 1;
		q->failseq = seq;
		q->rc = rc;
		q->err = *e;
	}
	pthread_cond_broadcast(&q->has_item);
	pthread_cond_broadcast(&q->has_room);
	pthread_mutex_unlock(&q->mu);
}

static void queue_close(struct queue *q)
{
	pthread_mutex_lock(&q->mu);
	q->closed = 1;
	pthread_cond_broadcast(&q->has_item);
	pthread_mutex_unlock(&q->mu);
}

/* The member holding vp-sentiment's question, or NULL without it. */
static const char *question_member(const vp_run_opts *o)
{
	return !o->sentiment ? NULL : o->question_field ? "fields" : "question";
}

/* ---- the reader's end: ingest writes records into batches ---- */

struct writer {
	struct queue *q;
	struct batch *cur;
	size_t chunk;
	int oom;
	const char *by;  /* the member --by reads, or NULL */
	const char *qm;  /* the member vp-sentiment's question is in, or NULL */
	int direct;      /* table rows as their raw parts (put_parts) */
	vp_buf resp;     /* writer_sink: the respondent of the last record */
	vp_buf scratch;  /* writer_sink: a JSON text decoded */
	vp_buf src;      /* put_parts: a JSON source decoded */
	size_t lines_from; /* where writer_write's lines begin in the batch */
	int has_resp;    /* ... when it had one */
	/* put_parts' records: the set of respondents the counters share, and
	 * the run of records the last one is in, as a worker's counter sees
	 * it (its respondent key; run_open 0: none), valid while the batch
	 * ends with that record (run_end: its length then) */
	vp_seen *seen;
	uint64_t run_key;
	int run_open;
	size_t run_end;
};

/* A record line's "respondent" as written (p NULL: none, or unsure). */
static vp_jspan line_respondent(const char *l, size_t n)
{
	static const char *const k[1] = {"respondent"};
	vp_jspan r;
	if (vp_jscan_members(l, n, k, 1, &r) != VP_JSCAN_OK)
		r.p = NULL;
	return r;
}

/* Where a batch of record lines d[0..len) may end, at or past from: the
 * first line boundary whose two lines are not one respondent's (workers
 * count respondents as runs of records, so a run cut in two would count one
 * person twice); 0 while the lines after from do not yet tell. */
static size_t batch_cut(const char *d, size_t len, size_t from, size_t lines_from)
{
	/* writer_sink's records before lines_from hold raw newlines: never
	 * looked at (a cut is only made between two lines) */
	if (from < lines_from + 1)
		from = lines_from + 1;
	if (from - 1 >= len)
		return 0;
	const char *end = d + len;
	const char *a_end = memchr(d + from - 1, '\n', len - (from - 1));
	if (!a_end)
		return 0;
	const char *a = memrchr(d + lines_from, '\n', (size_t)(a_end - (d + lines_from)));
	a = a ? a + 1 : d + lines_from;
	for (;;) {
		const char *b = a_end + 1;
		const char *b_end = b < end ? memchr(b, '\n', (size_t)(end - b)) : NULL;
		if (!b_end)
			return 0;
		vp_jspan ra = line_respondent(a, (size_t)(a_end - a));
		vp_jspan rb = line_respondent(b, (size_t)(b_end - b));
		if (!ra.p || !rb.p || ra.n != rb.n || memcmp(ra.p, rb.p, ra.n) != 0)
			return (size_t)(b - d);
		a = b;
		a_end = b_end;
	}
}

/* Once the batch holds chunk bytes, the lines up to a respondent's end go
 * to the workers and the rest starts the next batch. */
static ssize_t writer_write(void *cookie, const char *buf, size_t n)
{
	struct writer *w = cookie;
	if (!w->cur) {
		if (!(w->cur = batch_get(w->q))) {
			w->oom = 1;
			return -1;
		}
		w->lines_from = 0;
	}
	vp_buf *d = &w->cur->data;
	if (vp_buf_append(d, buf, n) != 0) {
		w->oom = 1;
		return -1;
	}
	if (d->len < w->chunk)
		return (ssize_t)n;
	size_t cut = batch_cut(d->data, d->len, w->chunk, w->lines_from);
	if (!cut)
		return (ssize_t)n; /* a record or respondent not yet ended: keep going */
	size_t keep = d->len - cut;
	struct batch *next = batch_get(w->q);
	if (!next || vp_buf_append(&next->data, d->data + cut, keep) != 0) {
		batch_free(next);
		w->oom = 1;
		return -1;
	}
	d->len -= keep;
	struct batch *full = w->cur;
	w->cur = next;
	w->lines_from = 0;
	return queue_push(w->q, full) == 0 ? (ssize_t)n : -1;
}

/* A record's lengths in a batch: 4 bytes each, as the machine holds a
 * uint32_t (a batch never leaves the process; 8 hex digits each, written
 * and read back digit by digit, were 1-2% of vp-run). */
enum { LEN_BYTES = 4 };

static void put_len(char *d, size_t v)
{
	uint32_t x = (uint32_t)v;
	memcpy(d, &x, LEN_BYTES);
}

/* A record's line length (vp_ingest_opts.sink's line_len), held at
 * 0xffffffff: a longer one (max_line 4 GiB or more) is measured short. */
static void put_line_len(char *d, size_t v)
{
	put_len(d, v < 0xffffffffu ? v : 0xffffffffu);
}

static size_t get_len(const char *s)
{
	uint32_t x;
	memcpy(&x, s, LEN_BYTES);
	return x;
}

/* A record's part raw: decoded (into scratch when it has escapes) when
 * ingest gave it as JSON.  0, or EX_* (e filled). */
static int raw_part(vp_buf *scratch, const vp_rpart *t, const char **s, size_t *n, vp_err *e)
{
	*s = t->s;
	*n = t->n;
	if (t->s && t->json) {
		vp_buf_clear(scratch);
		if (vp_jscan_string((vp_jspan){t->s, t->n}, scratch, s, n))
			return vp_errf(e, EX_OSERR, "out of memory");
	}
	if (*s && *n >= 0xffffffffu)
		return vp_errf(e, EX_DATAERR, "a value of 4 GB or more");
	return 0;
}

/* put_parts' first byte: the record's vp_count_parts.resp_seen, plus 2
 * (RUN_ASK: the counter asks its set of respondents itself); RUN_ASK as
 * the reader writes it, the others as runs_settle finds. */
enum { RUN_ASK = 2, RUN_NEW = 3, RUN_SEEN = 4 };

/* Does put_parts' record with respondent resp (raw) and source src (raw;
 * s NULL: none), at offset at in batch b, begin a run of its respondent's
 * records, as a worker's counter would find (vpc_count_view, with the
 * same key)?  Then it goes on b's list, for the worker to ask the set of
 * respondents about all of the batch's at once (runs_settle: one lock,
 * each slot fetched a few keys ahead -- asked one by one, each a cache
 * miss in a big set, with a lock each, they were 3-8% of the CPU).  A
 * worker starts a run at each batch's first record; after a record of
 * another kind (not put_parts') the reader cannot tell, and the counter
 * asks the set itself.  0, or -1 when out of memory. */
static int run_note(struct writer *w, struct batch *b, size_t at, const vp_rpart *resp,
                    const vp_rpart *src)
{
	int has = resp->s && resp->n && !memchr(resp->s, '\0', resp->n);
	uint64_t skey = has ? vp_count_source_key(src->s, src->n) : 0;
	uint64_t key = has ? vp_count_respondent_key_in(resp->s, resp->n, skey) : 0;
	int known = at == 0 || at == w->run_end;
	int starts = !has || !w->run_open || w->run_key != key;
	w->run_open = has; /* the counter's state after this record, either way */
	w->run_key = key;
	if (!w->seen || !known || !has || !starts)
		return 0;
	if (b->nrun == b->caprun) {
		size_t cap = b->caprun ? 2 * b->caprun : 256;
		size_t *a = realloc(b->run_at, cap * sizeof *a);
		if (a)
			b->run_at = a;
		uint64_t *k = realloc(b->run_key, cap * sizeof *k);
		if (k)
			b->run_key = k;
		signed char *r = realloc(b->run_r, cap);
		if (r)
			b->run_r = r;
		vp_seen_id *t = realloc(b->run_id, cap * sizeof *t);
		if (t)
			b->run_id = t;
		if (!a || !k || !r || !t)
			return -1;
		b->caprun = cap;
	}
	b->run_at[b->nrun] = at;
	b->run_id[b->nrun] = vp_seen_id_of(resp->s, resp->n, skey);
	b->run_key[b->nrun++] = key;
	return 0;
}

/* The parts vp_count_add_parts reads, raw, for a counter grouping by a
 * level without sentiment: a byte RUN_*, the record's line_len (put_line_len),
 * the lengths of id, source, locality, respondent and text (put_len;
 * 0xffffffff: none), their bytes, '\n'.  Nothing is written as JSON nor
 * scanned again. */
static int put_parts(struct writer *w, const vp_record_parts *p, size_t line_len, vp_err *e)
{
	vp_buf *b = &w->cur->data;
	const char *ts;
	size_t tn;
	/* the source comes rendered as JSON (once per file): raw here */
	vp_rpart src = {NULL, 0, 0};
	int rc = raw_part(&w->scratch, &p->text, &ts, &tn, e);
	if (rc || (rc = raw_part(&w->src, &p->source, &src.s, &src.n, e)))
		return rc;
	const vp_rpart *part[] = {&p->id, &src, &p->locality, &p->respondent};
	size_t start = b->len;
	if (vp_buf_reserve(b, 1 + 6 * LEN_BYTES))
		return vp_errf(e, EX_OSERR, "out of memory");
	if (run_note(w, w->cur, start, &p->respondent, &src))
		return vp_errf(e, EX_OSERR, "out of memory");
	b->data[b->len] = RUN_ASK; /* until runs_settle */
	put_line_len(b->data + b->len + 1, line_len);
	b->len += 1 + 6 * LEN_BYTES;
	int bad = 0;
	for (size_t k = 0; k < 5; k++) {
		const char *s = k < 4 ? part[k]->s : ts;
		size_t n = k < 4 ? part[k]->n : tn;
		if (s && n >= 0xffffffffu)
			return vp_errf(e, EX_DATAERR, "a value of 4 GB or more");
		put_len(b->data + start + 1 + LEN_BYTES * (k + 1), s ? n : 0xffffffffu);
		if (s)
			bad |= vp_buf_append(b, s, n);
	}
	if (bad || vp_buf_putc(b, '\n'))
		return vp_errf(e, EX_OSERR, "out of memory");
	w->lines_from = b->len; /* record lines (writer_write) begin after it */
	w->run_end = b->len;
	return 0;
}

/* Table rows' records, as ingest's parts (vp_ingest_opts.sink): only the
 * members vp-count reads, rendered as vp_record_build renders them, go into
 * the batch as one record: '\x01', the record's line_len (put_line_len),
 * the length of the object and of the text (put_len; 0xffffffff: no text),
 * the object {"id":..,
 * "locality":..,[BY:..,]} -- no member the workers would only scan past --
 * then the text as it is (not JSON: the workers would only decode it
 * again), then '\n'. */
static int writer_sink(void *ctx, const vp_record_parts *p, size_t line_len, vp_err *e)
{
	static const char *const names[] = {"id", "source", "channel", "locality", "date",
	                                    "respondent", "question", "fields"};
	struct writer *w = ctx;
	const vp_rpart *part[] = {&p->id, &p->source, &p->channel, &p->locality, &p->date,
	                          &p->respondent, &p->question, &p->fields};
	/* A full batch goes to the workers only between respondents: each
	 * worker counts respondents as runs of records (count.c), so a run
	 * cut in two would count one person twice. */
	int same = p->respondent.s && w->has_resp && w->resp.len == p->respondent.n &&
	           memcmp(w->resp.data, p->respondent.s, p->respondent.n) == 0;
	if (w->cur && w->cur->data.len >= w->chunk && !same) {
		struct batch *full = w->cur;
		w->cur = NULL;
		if (queue_push(w->q, full) != 0)
			return vp_errf(e, EX_IOERR, "stopped"); /* a worker failed: it says why */
	}
	vp_buf_clear(&w->resp);
	w->has_resp = p->respondent.s != NULL;
	if (w->has_resp && vp_buf_append(&w->resp, p->respondent.s, p->respondent.n) != 0)
		return vp_errf(e, EX_OSERR, "out of memory");
	if (!w->cur && !(w->cur = batch_get(w->q)))
		return vp_errf(e, EX_OSERR, "out of memory");
	vp_buf *b = &w->cur->data;
	size_t start = b->len;
	if (w->direct && !p->id.json && !p->locality.json && !p->respondent.json)
		return put_parts(w, p, line_len, e);
	int bad = vp_buf_append(b, "\x01" "000000000000{", 2 + 3 * LEN_BYTES);
	for (size_t k = 0; k < sizeof part / sizeof *part; k++) {
		const vp_rpart *v = part[k];
		/* id, source, locality and respondent always: vp-count reads them */
		if (!v->s || (k != 0 && k != 1 && k != 3 && k != 5 && (!w->by || strcmp(w->by, names[k]) != 0) &&
		              (!w->qm || strcmp(w->qm, names[k]) != 0)))
			continue;
		bad |= vp_buf_putc(b, '"') | vp_buf_puts(b, names[k]) | vp_buf_append(b, "\":", 2);
		if (v->json || k == 7)
			bad |= vp_buf_append(b, v->s, v->n);
		else if (k == 4)
			bad |= vp_record_json_date(b, v->s, v->n);
		else
			bad |= vp_record_json_str(b, v->s, v->n);
		bad |= vp_buf_putc(b, ',');
	}
	if (b->len > start + 2 + 3 * LEN_BYTES && b->data[b->len - 1] == ',')
		b->len--;
	bad |= vp_buf_putc(b, '}');
	if (bad)
		return vp_errf(e, EX_OSERR, "out of memory");
	size_t objlen = b->len - start - 1 - 3 * LEN_BYTES, tlen;
	const char *t;
	int rc = raw_part(&w->scratch, &p->text, &t, &tlen, e);
	if (rc)
		return rc;
	if ((t && vp_buf_append(b, t, tlen)) || vp_buf_putc(b, '\n'))
		return vp_errf(e, EX_OSERR, "out of memory");
	w->lines_from = b->len; /* record lines (writer_write) begin after it */
	put_line_len(b->data + start + 1, line_len);
	put_len(b->data + start + 1 + LEN_BYTES, objlen);
	put_len(b->data + start + 1 + 2 * LEN_BYTES, t ? tlen : 0xffffffffu);
	return 0;
}

/* ---- the workers: redact, locate, normalise, tag, count ---- */

/* Each worker on cache lines of its own (_Alignas, aligned_alloc): the
 * fields written per record at the end of one and the start of the next
 * shared a line between two threads (--jobs 2: 0.988x CPU). */
struct worker {
	_Alignas(64) pthread_t th;
	struct queue *q;
	const vp_run_opts *o;
	vp_text *tx;
	vp_tag tag;        /* its matcher, and the records left untagged by language */
	int untaggable;    /* the record analysed last is one */
	const char *lang;  /* its language, when detected */
	int by_tree;       /* --by reads what only the jansson path writes (count_tree) */
	vp_count *c;
	vp_tokens toks;
	const char **tok;
	size_t *toklen, tokcap;
	vp_buf text, themes, tokjson, cline, small, full;
	vp_buf red, redline; /* redact: the text, the line with it */
	unsigned long rcounts[VP_REDACT_NTYPES]; /* redact: spans removed per type */
	int masked;          /* redact: the last text had spans removed */
	vp_buf rjson;        /* redact: what vp-redact writes, measured */
	vp_buf label;        /* the record as stderr names it (record_label) */
	/* the record being counted: the length of the line vp-normalise reads
	 * in the chain (0: so far within --max-line that it need not be
	 * checked), and its id, raw (p NULL: none) or as the "id" of the JSON
	 * object id_in */
	size_t line_len;
	size_t tagged_len; /* with line_len: the line vp-tag writes (analyse) */
	vp_jspan id_raw, id_in;
	vp_sentiment *sent;  /* its vp-sentiment, or NULL */
	signed char *tsent;  /* each theme's label (vp_count_add_found) */
	size_t tsentcap;
	vp_buf qbuf, sjson, tjson;
	/* --question-field: records read for sentiment, those that had the
	 * field (for vp-sentiment's warning when none did; either may count a
	 * record twice, when the jansson path reads it again) */
	unsigned long sread, sqfound, sfseen; /* sfseen: with a "fields" object */
	/* locate */
	FILE *lout;
	char *lbuf;
	size_t lsize;
	vp_locate_work lw;
	vp_locate_report rep;
	vp_locate_opts lopts; /* o->locate, with the members no step after reads */
	unsigned long records;
};

static int tok_reserve(struct worker *w, size_t n)
{
	if (n <= w->tokcap)
		return 0;
	size_t cap = n > w->tokcap * 2 ? n : w->tokcap * 2;
	const char **t = realloc(w->tok, cap * sizeof *t);
	if (!t)
		return -1;
	w->tok = t;
	size_t *l = realloc(w->toklen, cap * sizeof *l);
	if (!l)
		return -1;
	w->toklen = l;
	w->tokcap = cap;
	return 0;
}

/* The --max-line every stage of the chain would be given (vp-ingest's). */
static size_t run_max_line(const struct worker *w)
{
	return w->o->ingest->max_line ? w->o->ingest->max_line : VP_MAX_LINE;
}

/* Tokenise text (NULL: none) into w->toks, decide its language as
 * vp-normalise and vp-tag do (lang[0..langlen): the record's own, used
 * without detection) and match it unless left untagged: the matches are
 * the matcher's (vp_themes_found, render). */
static int analyse(struct worker *w, const char *text, size_t len, const char *lang,
                   size_t langlen, vp_err *e)
{
	vp_tokens_clear(&w->toks);
	int rc;
	if (text && (rc = vp_text_tokenise(w->tx, text, len, 0, &w->toks, e)) != 0)
		return rc;
	/* vp-normalise's "lang" (else the record's own), read as vp-tag reads it */
	w->lang = NULL;
	if (w->o->detect_lang) {
		lang = w->lang = text ? vp_lang_detect(text, len, &w->toks) : "und";
		langlen = strlen(lang);
	}
	/* a record its tokens (and "lang") take past --max-line: vp-normalise
	 * refuses it in the chain; and a line vp-redact or vp-locate took
	 * past it, which they refuse (the filter driver's measure) */
	char why[128];
	size_t max = run_max_line(w);
	if (w->line_len > max)
		vp_filter_too_long(why, sizeof why, NULL, max);
	if (w->line_len > max ||
	    (w->line_len && !vp_normalise_fits(w->line_len, &w->toks, w->lang, max, why, sizeof why)))
		return vp_errf(e, EX_DATAERR, "%s", why); /* do_batch names the record */
	w->untaggable = vp_tag_language(&w->tag, lang, langlen);
	size_t n = w->untaggable ? 0 : w->toks.n; /* no tokens: no themes */
	if (tok_reserve(w, n))
		return vp_errf(e, EX_OSERR, "out of memory");
	for (size_t i = 0; i < n; i++) {
		w->tok[i] = vp_token(&w->toks, i);
		w->toklen[i] = w->toks.len[i];
	}
	/* the matches are read through vp_themes_found (or _json) */
	if ((rc = vp_match_ids(w->tag.m, w->o->lx, w->tok, w->toklen, &w->toks, n, NULL, NULL, e)))
		return rc;
	/* a record its "themes" take past --max-line: vp-tag refuses it in
	 * the chain (measured when the line is: near the limit) */
	size_t add;
	if (w->line_len) {
		size_t len = vp_normalise_len(w->line_len, &w->toks, w->lang);
		if (vp_tag_added(&w->tag, w->untaggable, &add))
			return vp_errf(e, EX_OSERR, "out of memory");
		if (add > max || len > max - add) {
			vp_filter_too_long(why, sizeof why, "themes", max);
			return vp_errf(e, EX_DATAERR, "%s", why);
		}
		w->tagged_len = len + add;
	}
	return 0;
}

/* vp-redact's work on text[0..n): the masked text in w->red.  The spans
 * removed (0: none, w->red unused), or an EX_* code negated. */
static int redact_text(struct worker *w, const char *text, size_t n, vp_err *e)
{
	vp_buf_clear(&w->red);
	memset(w->rcounts, 0, sizeof w->rcounts);
	long k = vp_redact_record(w->o->redact, text, n, &w->red, w->rcounts);
	if (k < 0)
		return -vp_errf(e, EX_OSERR, "out of memory");
	w->masked = k > 0;
	return k > 0;
}

/* The bytes vp-redact adds to a record whose text it masked:
 * ,"redacted":{...} (into *n).  0, or EX_OSERR. */
static int redacted_len(struct worker *w, size_t *n, vp_err *e)
{
	vp_buf_clear(&w->rjson);
	if (vp_redact_counts_json(&w->rjson, w->rcounts))
		return vp_errf(e, EX_OSERR, "out of memory");
	*n = sizeof ",\"redacted\":" - 1 + w->rjson.len;
	return 0;
}

/* The record being counted as vp-run names it on stderr: its id as JSON
 * ("ID", or a number), in w->label; {NULL, 0} when it has none (or out of
 * memory).  Each stage of the chain names a line of its input instead. */
static vp_jspan record_label(struct worker *w)
{
	vp_jspan id = {NULL, 0};
	const char *raw = NULL;
	size_t rawn = 0;
	int quoted = 1;
	vp_buf scratch = VP_BUF_INIT; /* a JSON string's decoded bytes */
	if (w->id_raw.p) {
		raw = w->id_raw.p;
		rawn = w->id_raw.n;
	} else if (w->id_in.p) {
		static const char *const k[1] = {"id"};
		if (vp_jscan_members(w->id_in.p, w->id_in.n, k, 1, &id) == VP_JSCAN_OK && id.p &&
		    id.n) {
			if (id.p[0] != '"') /* a number: its bytes */
				raw = id.p, rawn = id.n, quoted = 0;
			else if (vp_jscan_string(id, &scratch, &raw, &rawn) != 0)
				raw = NULL;
		}
	}
	/* the chain names a line, never the id: an id column can hold an
	 * e-mail, and stderr is mailed to people, so the id is masked as
	 * vp-count masks a quote's ("[email]") */
	id.p = NULL;
	vp_buf_clear(&w->label);
	if (raw) {
		vp_buf masked = VP_BUF_INIT;
		if (vp_redact_with(w->o->count->given_names, raw, rawn, &masked) == 0 &&
		    (quoted ? vp_json_str(&w->label, masked.data ? masked.data : "", masked.len)
		            : vp_buf_append(&w->label, masked.data ? masked.data : "", masked.len)) == 0)
			id = (vp_jspan){w->label.data, w->label.len};
		vp_buf_free(&masked);
	}
	vp_buf_free(&scratch);
	return id;
}

/* A bad record's error (the stage's message, which in the chain names a
 * line of the stage's input) said of the record being counted, by its id:
 * 'record "ID": message'. */
static void name_record(struct worker *w, vp_err *e)
{
	vp_jspan id = record_label(w);
	char why[sizeof e->msg];
	memcpy(why, e->msg, sizeof why);
	if (id.p && !memchr(id.p, '\n', id.n))
		vp_errf(e, e->code, "record %.*s: %s", (int)(id.n > 200 ? 200 : id.n), id.p, why);
}

/* The "themes" and "tokens" values vp-normalise and vp-tag would have
 * written for the last analyse(), as JSON (the jansson path only). */
static int render(struct worker *w, vp_err *e)
{
	vp_buf_clear(&w->tokjson); /* vp_tokens_json appends */
	if (vp_themes_json(w->tag.m, w->o->lx, 0, &w->themes) != 0 ||
	    vp_tokens_json(&w->toks, &w->tokjson) != 0)
		return vp_errf(e, EX_OSERR, "out of memory");
	return 0;
}

/* A record vp-sentiment's labels take past --max-line: vp-sentiment
 * refuses it in the chain.  themes: the "themes" vp-tag wrote (the line
 * analyse() measured, w->tagged_len), sj and tj: vp-sentiment's "sentiment"
 * and "themes" for it.  0, or EX_DATAERR; nothing measured when the line
 * is not (w->line_len 0: far from the limit). */
static int sentiment_fits(struct worker *w, size_t themes_len, const vp_buf *sj, const vp_buf *tj,
                          vp_err *e)
{
	if (!w->line_len)
		return 0;
	size_t max = run_max_line(w);
	/* the themes replaced, ,"sentiment":{...} added */
	size_t add = sizeof ",\"sentiment\":" - 1 + sj->len, len = w->tagged_len;
	len = tj->len >= themes_len ? len + (tj->len - themes_len) : len - (themes_len - tj->len);
	if (add > max || len > max - add) {
		char why[128];
		vp_filter_too_long(why, sizeof why, "sentiment", max);
		return vp_errf(e, EX_DATAERR, "%s", why);
	}
	return 0;
}

/* vp-sentiment's jansson path on rec, which has vp-tag's "themes" and
 * "untaggable": "sentiment" added to it and to each theme; none (and any it
 * had removed) when left untagged for its language; no text: as it was. */
static int sentiment_tree(struct worker *w, json_t *rec, vp_err *e)
{
	json_t *untag = json_object_get(rec, "untaggable");
	if (untag && !json_is_null(untag)) {
		json_object_del(rec, "sentiment");
		return 0;
	}
	json_t *t = json_object_get(rec, "text");
	if (!json_is_string(t))
		return 0; /* none or null (count_tree said if it is another type) */
	json_t *qj = w->o->question_field
	             ? json_object_get(json_object_get(rec, "fields"), w->o->question_field)
	             : json_object_get(rec, "question");
	w->sread++;
	w->sqfound += w->o->question_field && qj;
	w->sfseen += json_is_object(json_object_get(rec, "fields"));
	vp_buf_clear(&w->sjson);
	vp_buf_clear(&w->tjson);
	/* vp-sentiment's jansson path: no tokens offered, no explain */
	int rc = vp_sentiment_record(w->sent, json_string_value(t), json_string_length(t),
	                             json_string_value(qj), json_is_string(qj) ? json_string_length(qj) : 0,
	                             (vp_jspan){w->themes.data, w->themes.len}, 0, &w->sjson, &w->tjson, e);
	if (rc == 0)
		rc = sentiment_fits(w, w->themes.len, &w->sjson, &w->tjson, e);
	if (rc)
		return rc;
	json_t *sj = json_loadb(w->sjson.data, w->sjson.len, 0, NULL);
	json_t *tj = json_loadb(w->tjson.data, w->tjson.len, 0, NULL);
	if (!sj || !tj)
		rc = vp_errf(e, EX_SOFTWARE, "internal error: bad sentiment JSON");
	else if (json_object_set(rec, "themes", tj) || json_object_set(rec, "sentiment", sj))
		rc = vp_errf(e, EX_OSERR, "out of memory");
	json_decref(sj);
	json_decref(tj);
	return rc;
}

/* The record as vp-count would see it, through jansson (the unusual
 * cases: lines the scanner is unsure of, records that had tokens or themes
 * already, which the stages replace). */
static int count_tree(struct worker *w, const char *line, size_t len, int analysed, vp_err *e)
{
	json_error_t je;
	json_t *rec = vp_record_loadb(line, len, 0, &je);
	if (!rec || !json_is_object(rec)) {
		json_decref(rec);
		return vp_errf(e, EX_DATAERR, "a record is not a JSON object: %s", je.text);
	}
	json_t *t = json_object_get(rec, "text"), *lang = json_object_get(rec, "lang");
	int rc = 0;
	if (t && !json_is_null(t) && !json_is_string(t))
		rc = vp_errf(e, EX_DATAERR, "\"text\" is not a string");
	else if (analysed || (rc = analyse(w, json_string_value(t), json_string_length(t),
	                                   json_string_value(lang), json_string_length(lang), e)) == 0)
		rc = render(w, e); /* (analysed: the same text, once -- its language counted once) */
	/* vp-normalise's "lang"; vp-tag's "untaggable" when left untagged for
	 * its language, else none */
	if (rc == 0 && ((w->lang && json_object_set_new(rec, "lang", json_string(w->lang))) ||
	                (w->untaggable ? json_object_set_new(rec, "untaggable", json_string("language"))
	                               : (json_object_del(rec, "untaggable"), 0))))
		rc = vp_errf(e, EX_OSERR, "out of memory");
	/* vp-redact's "redacted" when it masked the text (--by redacted
	 * reads it; one the record had already stays, an object all the
	 * same: vp-count names its group alike, whatever the counts) */
	if (rc == 0 && w->o->redact && w->masked && !json_object_get(rec, "redacted")) {
		json_t *red = NULL;
		vp_buf_clear(&w->rjson);
		if (vp_redact_counts_json(&w->rjson, w->rcounts) ||
		    !(red = json_loadb(w->rjson.data, w->rjson.len, 0, &je)) ||
		    json_object_set_new(rec, "redacted", red))
			rc = vp_errf(e, EX_OSERR, "out of memory");
	}
	if (rc == 0) {
		json_t *th = json_loadb(w->themes.data, w->themes.len, 0, &je);
		json_t *tk = json_loadb(w->tokjson.data, w->tokjson.len, 0, &je);
		if (!th || !tk || json_object_set_new(rec, "themes", th) != 0 ||
		    json_object_set_new(rec, "tokens", tk) != 0 ||
		    json_object_set_new(rec, "lexicon", json_string(w->tag.fp)) != 0)
			rc = vp_errf(e, EX_OSERR, "out of memory");
	}
	if (rc == 0 && w->sent)
		rc = sentiment_tree(w, rec, e);
	if (rc == 0)
		rc = vp_count_add(w->c, rec, e);
	json_decref(rec);
	return rc;
}

/* The top-level member --by reads ("fields" for fields.NAME), or NULL. */
static const char *by_member(const vp_count_opts *o, char *buf, size_t bufsz)
{
	if (!o->by)
		return NULL;
	size_t n = strcspn(o->by, ":");
	if (strncmp(o->by, "fields.", 7) == 0)
		n = 6;
	if (n >= bufsz)
		return NULL;
	memcpy(buf, o->by, n);
	buf[n] = '\0';
	return buf;
}

/* Append ,"text":TEXT (or "text":TEXT right after '{') to b: the JSON
 * string jtext when given, else raw text[0..n) encoded. */
static int put_text(vp_buf *b, vp_jspan jtext, const char *text, size_t n)
{
	if (vp_buf_append(b, b->len > 1 ? ",\"text\":" : "\"text\":", b->len > 1 ? 8 : 7))
		return -1;
	return jtext.p ? vp_buf_append(b, jtext.p, jtext.n) : vp_json_str(b, text, n);
}

/* The question vp-sentiment reads in the record obj[0..len): "question",
 * or fields.NAME with --question-field, decoded (*q NULL: none, or not a
 * string).  1, 0 when the scanner is unsure, -1 when out of memory. */
static int sent_question(struct worker *w, const char *obj, size_t len, const char **q,
                         size_t *qn)
{
	const char *qf = w->o->question_field;
	const char *k[1] = {qf ? "fields" : "question"};
	vp_jspan v;
	*q = NULL;
	*qn = 0;
	if (vp_jscan_members(obj, len, k, 1, &v) != VP_JSCAN_OK)
		return 0;
	int fobj = qf && v.p && v.p[0] == '{';
	if (qf && v.p) {
		if (v.p[0] != '{') {
			w->sread++;
			return 1;
		}
		const char *k2[1] = {qf};
		if (vp_jscan_validated_members(v, k2, 1, &v, 0) != VP_JSCAN_OK)
			return 0;
	}
	w->sread++;
	w->sqfound += qf && v.p;
	w->sfseen += fobj;
	vp_buf_clear(&w->qbuf);
	if (v.p && v.p[0] == '"' && vp_jscan_string(v, &w->qbuf, q, qn))
		return -1;
	return 1;
}

/* vp-sentiment's work on the record obj[0..len) with text[0..tlen), whose
 * themes are th[0..nth) as analyse() found them: *sent its label
 * (VP_SENT_*), w->tsent[] each theme's.  *sure 0: the question is for
 * the jansson path to read (nothing done).  0 or an EX_* code. */
static int sentiment_found(struct worker *w, const char *obj, size_t len, const char *text,
                           size_t tlen, const vp_theme_found *th, size_t nth, int *sent,
                           int *sure, vp_err *e)
{
	const char *q;
	size_t qn;
	int rc = sent_question(w, obj, len, &q, &qn);
	if (rc < 0)
		return vp_errf(e, EX_OSERR, "out of memory");
	if ((*sure = rc) == 0)
		return 0;
	/* the tokens analyse() matched: vp-normalise's, which vp-sentiment is offered */
	vp_sentiment_tokens(w->sent, w->tok, w->toklen, w->toks.n);
	if ((rc = vp_sentiment_score_themes(w->sent, text, tlen, q, qn, nth > 0, e)) != 0)
		return rc;
	*sent = (signed char)vp_sentiment_label(w->sent);
	if (w->line_len) { /* measured as vp-sentiment writes it */
		vp_buf_clear(&w->sjson);
		vp_buf_clear(&w->tjson);
		if (vp_sentiment_json(w->sent, 0, &w->sjson))
			return vp_errf(e, EX_OSERR, "out of memory");
		/* each theme gains ,"sentiment":{"label":"negative","score":N}:
		 * at most 62 bytes; the themes rendered only when that could
		 * matter */
		size_t max = run_max_line(w);
		size_t most = sizeof ",\"sentiment\":" - 1 + w->sjson.len;
		int measure = 1;
		if (nth <= (SIZE_MAX - most) / 62) {
			most += 62 * nth;
			measure = most > max || w->tagged_len > max - most;
		}
		if (measure) {
			vp_jspan tj = {w->tag.json.data, w->tag.json.len};
			vp_buf_clear(&w->sjson);
			if ((rc = vp_sentiment_render(w->sent, tj, 0, &w->sjson, &w->tjson, e)) != 0 ||
			    (rc = sentiment_fits(w, tj.n, &w->sjson, &w->tjson, e)) != 0)
				return rc;
		}
	}
	if (nth > w->tsentcap) {
		signed char *t = realloc(w->tsent, nth);
		if (!t)
			return vp_errf(e, EX_OSERR, "out of memory");
		w->tsent = t;
		w->tsentcap = nth;
	}
	for (size_t i = 0; i < nth; i++) {
		vp_sent_label l;
		double score;
		vp_sentiment_theme(w->sent, th[i].theme, strlen(th[i].theme), &l, &score);
		w->tsent[i] = (signed char)l;
	}
	return 0;
}

/* Count the small record obj[0..len) ('{' and the members vp-count reads,
 * closed) with analyse()'s themes and number of tokens; with quotes its
 * text (jtext as JSON, or raw text[0..tlen); has_text 0: none) goes in
 * first.  With sentiment, vp-sentiment's labels go with the themes (the
 * text: text[0..tlen), decoded, NULL when none or null).  full is the
 * record for the jansson path, when the scanner is unsure (NULL: build it
 * from obj and the text). */
static int count_small(struct worker *w, const char *obj, size_t len, int has_text, vp_jspan jtext,
                       const char *text, size_t tlen, const char *full, size_t flen, vp_err *e)
{
	vp_theme_found *th;
	long nth = vp_themes_found(w->tag.m, w->o->lx, w->o->count->quotes != 0, &th);
	if (nth < 0)
		return vp_errf(e, EX_OSERR, "out of memory");
	int sent = -1, rc, sure = 1;
	if (w->sent && text && !w->untaggable && !w->by_tree && /* by_tree: count_tree's */
	    (rc = sentiment_found(w, obj, len, text, tlen, th, (size_t)nth, &sent, &sure, e)) != 0)
		return rc;
	vp_buf *b = &w->cline;
	if (w->o->count->quotes && has_text) {
		vp_buf_clear(b);
		if (vp_buf_append(b, obj, len - 1) || put_text(b, jtext, text, tlen) ||
		    vp_buf_putc(b, '}'))
			return vp_errf(e, EX_OSERR, "out of memory");
		obj = b->data;
		len = b->len;
	}
	rc = w->by_tree || !sure ? 0 : vp_count_add_found(w->c, obj, len, th, (size_t)nth, w->toks.n,
	                                                  w->untaggable, sent,
	                                                  sent >= 0 ? w->tsent : NULL, e);
	if (rc == 1)
		return 0;
	if (rc)
		return rc;
	if (!full) { /* the scanner is unsure: jansson decides, on the whole record */
		vp_buf_clear(&w->full);
		if (vp_buf_append(&w->full, obj, len - 1) ||
		    (has_text && obj != b->data && put_text(&w->full, jtext, text, tlen)) ||
		    vp_buf_putc(&w->full, '}'))
			return vp_errf(e, EX_OSERR, "out of memory");
		full = w->full.data;
		flen = w->full.len;
	}
	return count_tree(w, full, flen, 1, e); /* its text analysed already */
}

/* Count one record line (no newline).  vp-count reads only a few members
 * (the group's, id, text, tokens, themes; a record's own "sentiment" sends
 * it to the jansson path, which counts it), so it is given a small line of
 * just those, as they were in the record, with "tokens" (only with quotes:
 * their number) and "themes" from analyse(): what vp-count reads from the
 * chain's line, without scanning the rest twice. */
static int count_line(struct worker *w, const char *line, size_t len, vp_err *e)
{
	enum { K_TEXT, K_TOKENS, K_THEMES, K_LANG, K_UNTAG, K_SENT, K_ID, K_LOC, K_PLACE, K_SYSTEM,
	       K_RESP, K_SOURCE, K_BY, K_Q, K_N };
	const char *keys[K_N] = {"text", "tokens", "themes", "lang", "untaggable", "sentiment", "id",
	                         "locality", "place", "system", "respondent", "source", NULL, NULL};
	char bybuf[256];
	const char *by = by_member(w->o->count, bybuf, sizeof bybuf);
	size_t nk = K_BY;
	if (by) {
		for (size_t i = 0; i < K_BY && by; i++)
			if (strcmp(keys[i], by) == 0)
				by = NULL; /* already read */
		if (by && !vp_jscan_plain_name(by))
			return count_tree(w, line, len, 0, e);
		if (by)
			keys[nk++] = by;
	}
	/* vp-sentiment's question goes into the small line too */
	const char *qm = question_member(w->o);
	for (size_t i = 0; i < nk && qm; i++)
		if (strcmp(keys[i], qm) == 0)
			qm = NULL;
	if (qm)
		keys[nk++] = qm;
	vp_jspan v[K_N];
	if (vp_jscan_members(line, len, keys, nk, v) != VP_JSCAN_OK || v[K_TOKENS].p ||
	    v[K_THEMES].p || v[K_UNTAG].p || (v[K_SENT].p && v[K_SENT].p[0] != 'n') ||
	    (v[K_TEXT].p && v[K_TEXT].p[0] != '"' && v[K_TEXT].p[0] != 'n') ||
	    (!w->o->detect_lang && v[K_LANG].p && v[K_LANG].p[0] == '"' &&
	     memchr(v[K_LANG].p, '\\', v[K_LANG].n)))
		return count_tree(w, line, len, 0, e);
	const char *text = NULL;
	size_t tlen = 0;
	vp_buf_clear(&w->text);
	if (v[K_TEXT].p && v[K_TEXT].p[0] == '"' && vp_jscan_string(v[K_TEXT], &w->text, &text, &tlen))
		return vp_errf(e, EX_OSERR, "out of memory");
	vp_jspan lang = v[K_LANG]; /* a plain string, or none: read as vp-tag reads it */
	int plain = lang.p && lang.p[0] == '"';
	int rc = analyse(w, text, tlen, plain ? lang.p + 1 : NULL, plain ? lang.n - 2 : 0, e);
	if (rc)
		return rc;
	vp_buf *b = &w->small;
	vp_buf_clear(b);
	int bad = vp_buf_putc(b, '{');
	for (size_t i = K_ID; i < nk; i++)
		if (v[i].p)
			bad |= vp_buf_append(b, b->len > 1 ? ",\"" : "\"", b->len > 1 ? 2 : 1) |
			       vp_buf_puts(b, keys[i]) | vp_buf_append(b, "\":", 2) |
			       vp_buf_append(b, v[i].p, v[i].n);
	if (bad || vp_buf_putc(b, '}'))
		return vp_errf(e, EX_OSERR, "out of memory");
	return count_small(w, b->data, b->len, v[K_TEXT].p != NULL, v[K_TEXT], text, tlen, line, len, e);
}

/* A table row's text (*text NULL: none), masked first with --redact (as
 * vp-redact does: *text then the masked copy), tokenised and matched. */
static int redact_analyse(struct worker *w, const char **text, size_t *tlen, vp_err *e)
{
	int rc;
	w->masked = 0; /* no text: nothing masked (count_tree reads it) */
	if (w->o->redact && *text) {
		if ((rc = redact_text(w, *text, *tlen, e)) < 0)
			return -rc;
		if (rc > 0 && w->line_len) {
			/* the line vp-normalise reads: the masked text in it for
			 * the text, and vp-redact's "redacted" */
			size_t was, now, red = 0;
			vp_buf_clear(&w->rjson);
			if (vp_json_str(&w->rjson, *text, *tlen))
				return vp_errf(e, EX_OSERR, "out of memory");
			was = w->rjson.len;
			vp_buf_clear(&w->rjson);
			if (vp_json_str(&w->rjson, w->red.data, w->red.len))
				return vp_errf(e, EX_OSERR, "out of memory");
			now = w->rjson.len;
			int k = redacted_len(w, &red, e);
			if (k)
				return k;
			w->line_len = w->line_len - was + now + red;
		}
		if (rc > 0) {
			*text = w->red.data;
			*tlen = w->red.len;
		}
	}
	return analyse(w, *text, *tlen, NULL, 0, e);
}

/* A record from writer_sink: the object obj[0..len), its text raw
 * (text NULL: none). */
static int count_parts(struct worker *w, const char *obj, size_t len, const char *text,
                       size_t tlen, vp_err *e)
{
	int rc = redact_analyse(w, &text, &tlen, e);
	if (rc)
		return rc;
	return count_small(w, obj, len, text != NULL, (vp_jspan){NULL, 0}, text, tlen, NULL, 0, e);
}

/* A record from put_parts: id, source, locality, respondent, text, and
 * its first byte (RUN_*). */
static int count_direct(struct worker *w, const vp_count_part *part, char tag, vp_err *e)
{
	const char *text = part[4].s;
	size_t tlen = part[4].n;
	int rc = redact_analyse(w, &text, &tlen, e);
	if (rc)
		return rc;
	vp_count_parts cp = {part[0], part[1], part[2], part[3], {text, tlen}, tag - RUN_ASK};
	vp_theme_found *th;
	long nth = vp_themes_found(w->tag.m, w->o->lx, w->o->count->quotes != 0, &th);
	if (nth < 0)
		return vp_errf(e, EX_OSERR, "out of memory");
	rc = vp_count_add_parts(w->c, &cp, th, (size_t)nth, w->toks.n, w->untaggable, e);
	return rc == 1 ? 0 : rc;
}

/* vp-redact's work on one line: *out the line with its "text" masked (the
 * line itself when nothing was removed).  vp-redact also adds "redacted"
 * (counts per type), which only --by redacted reads: left out here, added
 * by count_tree then (w->masked, w->rcounts).  Its errors
 * are vp-redact's: "text" not a string, "redacted" not an object. */
static int redact_line(struct worker *w, const char *line, size_t len, const char **out,
                       size_t *olen, vp_err *e)
{
	static const char *const k[2] = {"text", "redacted"};
	vp_jspan v[2];
	*out = line;
	*olen = len;
	int sc = vp_jscan_members_once(line, len, k, 2, v), rc;
	if (sc == VP_JSCAN_BAD)
		return 0; /* not a record: counting says so */
	if (sc == VP_JSCAN_OK) {
		if (v[1].p && v[1].p[0] != '{')
			return vp_errf(e, EX_DATAERR, "\"redacted\" is not an object");
		if (v[0].p && v[0].p[0] != '"' && v[0].p[0] != 'n')
			return vp_errf(e, EX_DATAERR, "\"text\" is not a string");
		if (!v[0].p || v[0].p[0] != '"')
			return 0;
		const char *text;
		size_t n;
		vp_buf_clear(&w->text);
		if (vp_jscan_string(v[0], &w->text, &text, &n))
			return vp_errf(e, EX_OSERR, "out of memory");
		if ((rc = redact_text(w, text, n, e)) <= 0)
			return -rc;
		vp_buf *b = &w->redline;
		vp_buf_clear(b);
		size_t at = (size_t)(v[0].p - line);
		if (vp_buf_append(b, line, at) || vp_json_str(b, w->red.data, w->red.len) ||
		    vp_buf_append(b, v[0].p + v[0].n, len - at - v[0].n))
			return vp_errf(e, EX_OSERR, "out of memory");
		*out = b->data;
		*olen = b->len;
		return 0;
	}
	json_error_t je; /* unsure: jansson decides, as in vp-redact */
	json_t *rec = vp_record_loadb(line, len, 0, &je);
	if (!rec || !json_is_object(rec)) {
		json_decref(rec);
		return vp_errf(e, EX_DATAERR, "a record is not a JSON object: %s", je.text);
	}
	json_t *t = json_object_get(rec, "text"), *old = json_object_get(rec, "redacted");
	rc = 0;
	if (old && !json_is_object(old))
		rc = vp_errf(e, EX_DATAERR, "\"redacted\" is not an object");
	else if (t && !json_is_null(t) && !json_is_string(t))
		rc = vp_errf(e, EX_DATAERR, "\"text\" is not a string");
	else if (json_is_string(t) &&
	         (rc = redact_text(w, json_string_value(t), json_string_length(t), e)) != 0) {
		char *d = NULL;
		vp_buf_clear(&w->redline);
		if (rc < 0) {
			rc = -rc;
		} else if (json_object_set_new(rec, "text", json_stringn(w->red.data, w->red.len)) ||
		           !(d = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER)) ||
		           vp_buf_puts(&w->redline, d)) {
			rc = vp_errf(e, EX_OSERR, "out of memory");
		} else {
			rc = 0;
			*out = w->redline.data;
			*olen = w->redline.len;
		}
		free(d);
	}
	json_decref(rec);
	return rc;
}

/* vp-locate's work on one line: the located line in *out, and in *full
 * the length of the line vp-locate writes in the chain: *out leaves out
 * the members no step after it reads (w->lopts.unread). */
static int locate_line(struct worker *w, const char *line, size_t len, const char **out,
                       size_t *olen, size_t *full, vp_err *e)
{
	if (fseeko(w->lout, 0, SEEK_SET) != 0)
		return vp_errf(e, EX_OSERR, "memory stream: %s", strerror(errno));
	/* no limit here: analyse measures the line (w->line_len) */
	int rc = vp_locate_line(w->o->gaz, &w->lopts, line, len, w->lout, 0, &w->rep, &w->lw, e);
	int whole = rc == VP_LOCATE_UNSURE; /* the jansson path writes every member */
	if (rc == VP_LOCATE_UNSURE) {
		json_error_t je;
		json_t *rec = vp_record_loadb(line, len, 0, &je);
		if (!rec || !json_is_object(rec)) {
			json_decref(rec);
			return vp_errf(e, EX_DATAERR, "a record is not a JSON object: %s", je.text);
		}
		rc = vp_locate_record(w->o->gaz, w->o->locate, rec, &w->rep, e);
		if (rc == 0 && json_dumpf(rec, w->lout, JSON_COMPACT | JSON_PRESERVE_ORDER) != 0)
			rc = vp_errf(e, EX_OSERR, "out of memory");
		json_decref(rec);
	}
	if (rc)
		return rc;
	if (fflush(w->lout) != 0)
		return vp_errf(e, EX_OSERR, "out of memory");
	off_t at = ftello(w->lout);
	*out = w->lbuf;
	*olen = at > 0 ? (size_t)at : 0;
	while (*olen && (w->lbuf[*olen - 1] == '\n'))
		(*olen)--;
	*full = whole ? *olen : w->lw.len;
	return 0;
}

/* The members vp-locate writes that no step of this run reads: all but
 * "locality" (vp-count's), "place" and "system" when counted at their
 * level or --nested, and the --by member. */
static unsigned locate_unread(const vp_run_opts *o)
{
	unsigned u = VP_LOCATE_W_ALL & ~(unsigned)VP_LOCATE_W_LOCALITY;
	if (o->count->nested || o->count->level != VP_LEVEL_LOCALITY)
		u &= ~(unsigned)(VP_LOCATE_W_PLACE | VP_LOCATE_W_SYSTEM);
	char bybuf[256];
	const char *by = by_member(o->count, bybuf, sizeof bybuf);
	if (by)
		u &= ~vp_locate_written_bit(by);
	return u;
}

/* The record at p, one of writer_sink's or put_parts' (a tag byte, its
 * line_len, k lengths -- put_len; 0xffffffff: none -- the bytes, '\n'; its
 * lengths, not a newline, say where it ends) as its k parts (s NULL: none)
 * and *line_len, *next just after it.  -1 when the batch is damaged. */
static int batch_parts(const char *p, const char *end, size_t k, vp_count_part *part,
                       size_t *line_len, const char **next)
{
	const char *q = p + 1 + LEN_BYTES * (k + 1);
	if (end - p <= (ptrdiff_t)(1 + LEN_BYTES * (k + 1)))
		return -1;
	*line_len = get_len(p + 1);
	for (size_t i = 0; i < k; i++) {
		size_t n = get_len(p + 1 + LEN_BYTES * (i + 1));
		part[i] = (vp_count_part){NULL, 0};
		if (n == 0xffffffffu)
			continue;
		if (n >= (size_t)(end - q))
			return -1;
		part[i] = (vp_count_part){q, n};
		q += n;
	}
	if (*q != '\n')
		return -1;
	*next = q + 1;
	return 0;
}

/* The set of respondents asked about b's runs at once (run_note), each
 * answer into its record's first byte (out of memory: RUN_ASK stays, and
 * the counter asks, and says). */
static void runs_settle(struct worker *w, struct batch *b)
{
	if (!b->nrun)
		return;
	vp_seen_add_many(w->o->count->seen, b->run_key, b->run_id, b->nrun, b->run_r);
	for (size_t i = 0; i < b->nrun; i++)
		if (b->run_r[i] >= 0)
			b->data.data[b->run_at[i]] = b->run_r[i] ? RUN_SEEN : RUN_NEW;
	b->nrun = 0;
}

static int do_batch(struct worker *w, struct batch *b, vp_err *e)
{
	runs_settle(w, b);
	const char *p = b->data.data, *end = p + b->data.len;
	vp_count_break_run(w->c); /* other batches' records came between */
	while (p < end) {
		int rc;
		vp_count_part part[5];
		if (p[0] >= RUN_ASK && p[0] <= RUN_SEEN) { /* put_parts' record */
			char tag = p[0];
			if (batch_parts(p, end, 5, part, &w->line_len, &p))
				return vp_errf(e, EX_SOFTWARE, "vp-run: a damaged batch");
			w->id_raw = (vp_jspan){part[0].s, part[0].n};
			rc = count_direct(w, part, tag, e);
		} else if (p[0] == '\x01') { /* writer_sink's: the object and the text */
			if (batch_parts(p, end, 2, part, &w->line_len, &p) || !part[0].s)
				return vp_errf(e, EX_SOFTWARE, "vp-run: a damaged batch");
			w->id_raw = (vp_jspan){NULL, 0};
			w->id_in = (vp_jspan){part[0].s, part[0].n};
			rc = count_parts(w, part[0].s, part[0].n, part[1].s, part[1].n, e);
		} else {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
			const char *line = p;
			p += len + 1;
			w->id_raw = (vp_jspan){NULL, 0};
			w->id_in = (vp_jspan){line, len};
			w->masked = 0;
			rc = w->o->redact ? redact_line(w, line, len, &line, &len, e) : 0;
			size_t full = len;
			if (rc == 0 && w->o->gaz)
				rc = locate_line(w, line, len, &line, &len, &full, e);
			/* the line vp-normalise reads in the chain: this one, with
			 * every member vp-locate writes, and vp-redact's "redacted"
			 * when it masked the text (counted as new: one the record had
			 * already is counted twice, an over-estimate) */
			w->line_len = full;
			size_t add = 0;
			if (rc == 0 && w->masked && (rc = redacted_len(w, &add, e)) == 0)
				w->line_len = add > SIZE_MAX - full ? SIZE_MAX : full + add;
			if (rc == 0)
				rc = count_line(w, line, len, e);
		}
		if (rc == EX_DATAERR) /* a bad record: which, as vp-run has no line of it */
			name_record(w, e);
		if (rc)
			return rc;
		if (vp_count_reappeared_now(w->c) && !atomic_load(&w->q->said_again) &&
		    !atomic_exchange(&w->q->said_again, 1)) {
			vp_jspan id = record_label(w);
			char where[256] = "a record with no id";
			if (id.p && !memchr(id.p, '\n', id.n))
				snprintf(where, sizeof where, "record %.*s",
				         (int)(id.n > 200 ? 200 : id.n), id.p);
			vp_count_warn_reappeared(w->o->ingest->prog, where, stderr);
		}
		w->records++;
	}
	return 0;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct batch *b;
	vp_err e;
	vp_err_clear(&e);
	while ((b = queue_pop(w->q)) != NULL) {
		int rc = do_batch(w, b, &e);
		unsigned long seq = b->seq;
		batch_put_spare(w->q, b);
		if (rc) {
			queue_fail(w->q, seq, rc, &e);
			break;
		}
	}
	return NULL;
}

static void worker_free(struct worker *w)
{
	vp_text_close(w->tx);
	vp_tag_free(&w->tag);
	vp_count_free(w->c);
	vp_tokens_free(&w->toks);
	free(w->tok);
	free(w->toklen);
	vp_buf_free(&w->text);
	vp_buf_free(&w->themes);
	vp_buf_free(&w->tokjson);
	vp_buf_free(&w->cline);
	vp_buf_free(&w->small);
	vp_buf_free(&w->full);
	vp_buf_free(&w->red);
	vp_buf_free(&w->redline);
	vp_buf_free(&w->rjson);
	vp_buf_free(&w->label);
	vp_sentiment_free(w->sent);
	free(w->tsent);
	vp_buf_free(&w->qbuf);
	vp_buf_free(&w->sjson);
	vp_buf_free(&w->tjson);
	if (w->lout)
		fclose(w->lout);
	free(w->lbuf);
	vp_locate_work_free(&w->lw);
	vp_locate_report_free(&w->rep);
}

static int worker_init(struct worker *w, struct queue *q, const vp_run_opts *o, vp_err *e)
{
	memset(w, 0, sizeof *w);
	w->q = q;
	w->o = o;
	w->toks = (vp_tokens)VP_TOKENS_INIT;
	vp_locate_report_init(&w->rep, 0);
	if (o->locate) {
		w->lopts = *o->locate;
		w->lopts.unread = locate_unread(o);
	}
	int rc = vp_text_open(&w->tx, o->lang, e); /* a stemmer is not shared between threads */
	if (rc)
		return rc;
	/* the matcher finds each token's memo entry by its stem cache id */
	if (vp_tokens_keep_ids(&w->toks))
		return vp_errf(e, EX_OSERR, "out of memory");
	if ((rc = vp_tag_init(&w->tag, o->lx, 0, e)) != 0 ||
	    (rc = vp_tag_set_lang(&w->tag, o->lexicon_lang, e)) != 0)
		return rc;
	/* its own vp-sentiment: it keeps each record's state */
	if (o->sentiment &&
	    (rc = vp_sentiment_open(&w->sent, o->sentiment, o->lexdir, o->lang, e)) != 0)
		return rc;
	if (!(w->c = vp_count_new(o->count)))
		return vp_errf(e, EX_OSERR, "out of memory");
	char bybuf[256];
	const char *by = by_member(o->count, bybuf, sizeof bybuf);
	w->by_tree = by && (strcmp(by, "lang") == 0 || strcmp(by, "untaggable") == 0 ||
	                    (o->redact && strcmp(by, "redacted") == 0));
	if (o->gaz && !(w->lout = open_memstream(&w->lbuf, &w->lsize)))
		return vp_errf(e, EX_OSERR, "out of memory");
	return 0;
}

/* ---- the run ---- */

static int read_inputs(const vp_run_opts *o, int npaths, char **paths, FILE *out,
                       vp_ingest_stats *st, vp_err *e)
{
	vp_operands in;
	vp_operands_init(&in, npaths, paths, o->ingest->prog, VP_IN_RECORDS | VP_IN_AGAIN);
	vp_ingest_opts io = *o->ingest; /* with the input's same_as */
	int rc;
	while ((rc = vp_operands_next(&in, e)) == 1) {
		const char *path = strcmp(in.name, "-") == 0 && o->source ? o->source : in.name;
		io.same_as = in.same_as;
		unsigned long records_before = st->records;
		if ((rc = vp_ingest(&io, in.fp, path, out, st, e)) != 0 ||
		    (rc = vp_ingest_check_input(&in, path, records_before, st, e)) != 0)
			break;
	}
	vp_operands_close(&in);
	return rc;
}

int vp_run(const vp_run_opts *o, int npaths, char **paths, FILE *out, vp_ingest_stats *st,
           vp_err *e)
{
	unsigned jobs = o->jobs ? o->jobs : 1;
	unsigned long rejected_before = st->rejected; /* *st is added to */
	struct queue q;
	memset(&q, 0, sizeof q);
	atomic_init(&q.said_again, 0);
	q.max = 2 * (size_t)jobs;
	vp_err_clear(&q.err);
	if (pthread_mutex_init(&q.mu, NULL) != 0)
		return vp_errf(e, EX_OSERR, "cannot make a mutex");
	pthread_cond_init(&q.has_item, NULL);
	pthread_cond_init(&q.has_room, NULL);

	/* one set of respondents for every worker: a respondent whose runs
	 * went to two workers is found again, as one vp-count finds it */
	vp_seen *seen = vp_seen_new(0, 1);
	vp_count_opts co = *o->count;
	co.seen = seen;
	/* every record is tagged with this lexicon, as vp-tag writes it */
	char fp[VP_LEXICON_FP_LEN + 1];
	vp_lexicon_fingerprint_hex(o->lx, fp);
	co.lexicon = fp;
	vp_run_opts wo = *o;
	wo.count = &co;
	struct worker *w = aligned_alloc(64, jobs * sizeof *w);
	if (w)
		memset(w, 0, jobs * sizeof *w);
	unsigned started = 0;
	int rc = w && seen ? 0 : vp_errf(e, EX_OSERR, "out of memory");
	for (unsigned i = 0; i < jobs && rc == 0; i++)
		rc = worker_init(&w[i], &q, &wo, e);
	/* jobs threads: jobs - 1 workers and the reader (q.helper), or with
	 * one job a worker and the reader, which then only reads */
	unsigned nthreads = jobs > 1 ? jobs - 1 : 1;
	if (jobs > 1 && rc == 0)
		q.helper = &w[jobs - 1];
	for (unsigned i = 0; i < nthreads && rc == 0; i++) {
		int err = pthread_create(&w[i].th, NULL, worker_main, &w[i]);
		if (err)
			rc = vp_errf(e, EX_OSERR, "cannot start a thread: %s", strerror(err));
		else
			started++;
	}

	char bybuf[256];
	struct writer wr = {&q, NULL, o->chunk ? o->chunk : VP_RUN_CHUNK, 0,
	                    by_member(o->count, bybuf, sizeof bybuf), question_member(o),
	                    !o->count->by && !o->sentiment, VP_BUF_INIT, VP_BUF_INIT, VP_BUF_INIT, 0, 0,
	                    seen, 0, 0, 0};
	vp_ingest_opts io = *o->ingest;
	if (!o->gaz) { /* vp-locate reads whole records: lines then */
		io.sink = writer_sink;
		io.sink_ctx = &wr;
	}
	vp_run_opts ro = *o;
	ro.ingest = &io;
	if (rc == 0) {
		static const cookie_io_functions_t io = {NULL, writer_write, NULL, NULL};
		FILE *fp = fopencookie(&wr, "w", io);
		if (!fp) {
			rc = vp_errf(e, EX_OSERR, "out of memory");
		} else {
			setvbuf(fp, NULL, _IONBF, 0); /* records reach the batch as written */
			rc = read_inputs(&ro, npaths, paths, fp, st, e);
			if (fclose(fp) != 0 && rc == 0)
				rc = vp_errf(e, EX_IOERR, "write error");
			if (wr.cur && wr.cur->data.len) {
				queue_push(&q, wr.cur); /* which frees it if a worker failed */
				wr.cur = NULL;
			}
			if (wr.oom && rc == EX_IOERR)
				rc = vp_errf(e, EX_OSERR, "out of memory");
		}
	}
	batch_free(wr.cur);
	vp_buf_free(&wr.resp);
	vp_buf_free(&wr.scratch);
	vp_buf_free(&wr.src);
	if (rc && !q.failed) {
		vp_err stop;
		vp_errf(&stop, rc, "stopped");
		queue_fail(&q, ULONG_MAX, rc, &stop); /* the reader failed: workers stop */
	}
	queue_close(&q);
	if (q.helper) { /* the reader takes its share of what is left */
		pthread_mutex_lock(&q.mu);
		while (q.head && !q.failed)
			help(&q);
		pthread_mutex_unlock(&q.mu);
	}
	for (unsigned i = 0; i < started; i++)
		pthread_join(w[i].th, NULL);
	if (q.failed && q.rc && (rc == 0 || rc == EX_IOERR) &&
	    strcmp(q.err.msg, "stopped") != 0) {
		rc = q.rc; /* a worker's error, not the write error it caused */
		*e = q.err;
	}

	/* the workers' documents merged: vp-merge's code, as if counted together */
	vp_count *total = NULL;
	if (rc == 0 && !(total = vp_count_new(&co)))
		rc = vp_errf(e, EX_OSERR, "out of memory");
	for (unsigned i = 0; i < jobs && rc == 0; i++) {
		rc = vp_count_absorb(total, w[i].c, e);
		vp_count_free(w[i].c); /* added up: its memory is the next one's */
		w[i].c = NULL;
	}
	if (rc == 0) { /* as vp-tag says it at its end */
		for (unsigned i = 1; i < jobs; i++)
			vp_tag_langs_add(&w[0].tag, &w[i].tag);
		vp_buf msg = VP_BUF_INIT;
		if (vp_tag_untaggable_message(&w[0].tag, &msg))
			rc = vp_errf(e, EX_OSERR, "out of memory");
		else if (msg.len)
			vp_warnf(o->ingest->prog, "%s", msg.data);
		vp_buf_free(&msg);
	}
	if (rc == 0 && o->gaz) { /* as vp-locate warns and reports at its end */
		vp_locate_report lr;
		vp_locate_report_init(&lr, 0);
		for (unsigned i = 0; i < jobs && rc == 0; i++)
			if (vp_locate_report_add(&lr, &w[i].rep) < 0)
				rc = vp_errf(e, EX_OSERR, "out of memory");
		if (rc == 0)
			vp_locate_warn_missing(&lr, o->locate, o->ingest->prog, stderr);
		if (rc == 0 && o->locate_report &&
		    vp_locate_report_print(&lr, o->locate_report_top, o->ingest->prog, stderr) < 0)
			rc = vp_errf(e, EX_OSERR, "out of memory");
		vp_locate_report_free(&lr);
	}
	if (rc == 0 && o->sentiment && o->question_field) { /* as vp-sentiment warns */
		unsigned long read = 0, found = 0, fseen = 0;
		for (unsigned i = 0; i < jobs; i++) {
			read += w[i].sread;
			found += w[i].sqfound;
			fseen += w[i].sfseen;
		}
		if (read && !found)
			vp_sentiment_warn_question(o->question_field, fseen != 0, o->ingest->prog, stderr);
	}
	if (rc == 0) {
		/* the rows vp-ingest's code skipped (--skip-bad, said on stderr)
		 * are the document's "rejected", so that records in = records
		 * counted + rejected holds in it: nothing upstream of this count
		 * reports them, as the chain's vp-ingest does */
		vp_count_rejected(total, st->rejected - rejected_before);
		vp_count_warn_end(total, o->ingest->prog, stderr);
		rc = vp_count_check_by(total, e);
	}
	if (rc == 0) {
		rc = vp_count_write_flags(total, out, o->compact ? VP_COUNT_JSON_COMPACT
		                                                 : VP_COUNT_JSON_FLAGS, e);
	}
	vp_count_free(total);

	for (unsigned i = 0; w && i < jobs; i++)
		worker_free(&w[i]);
	free(w);
	vp_seen_free(seen);
	while (q.head) {
		struct batch *b = q.head;
		q.head = b->next;
		batch_free(b);
	}
	while (q.spare) {
		struct batch *b = q.spare;
		q.spare = b->next;
		batch_free(b);
	}
	pthread_cond_destroy(&q.has_item);
	pthread_cond_destroy(&q.has_room);
	pthread_mutex_destroy(&q.mu);
	return rc;
}
