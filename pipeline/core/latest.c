/* latest.c - see include/voxpop/latest.h
 *
 * Both passes classify every record the same way (classify: its response's
 * key, its date, its id) and cut the records into versions the same way
 * (next_version), numbering them 1, 2, ... in the order they start; the
 * first pass keeps, per response, the number and date of its latest
 * version (and, as it reads, the number, date and first id of the version
 * read last, which a piece apart from it goes with: piece_of) in an
 * open-addressed table (keys: 64-bit hashes, as seen.c's;
 * two responses are confused only if their keys' 64-bit hashes are equal),
 * and the second writes a record when its version is that number.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>

#include "voxpop/fetch_state.h"
#include "voxpop/hash.h"
#include "voxpop/latest.h"

#define FIRST_SLOTS ((size_t)1 << 10)
/* Dates longer than this cannot be read as a time (vp_fetch_date_time's
 * longest is "YYYY-MM-DDTHH:MM:SS.fffffffff+HH:MM", 35 bytes). */
#define DATE_MAX 64

struct entry {
	uint64_t key;      /* mixed hash; 0: empty */
	uint64_t version;  /* the latest version's number */
	int64_t secs;      /* its date, as a time */
	int32_t nanos;     /* -1: its date cannot be read as one */
	uint32_t versions; /* the response's versions (at most 2 counted) */
	/* the version read last, in this pass: its number, its date as
	 * written (hash; 0: none) and its first record's id (mixed hash; 0:
	 * none), which a piece of it apart from its start goes with */
	uint64_t last, last_date, last_first;
};

struct file_id {
	const char *path;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
};

/* What a record says of its response, version and place in it. */
struct rinfo {
	int keyed;         /* 0: neither respondent nor id */
	uint64_t key;      /* hash of source and respondent (or id) */
	int has_id;
	uint64_t id;       /* hash of the record's id */
	uint64_t date;     /* hash of the date as written (0: none) */
	int64_t secs;      /* and as a time */
	int32_t nanos;     /* -1: it cannot be read as one */
};

struct vp_latest {
	struct entry *slot;
	size_t cap, n, max_slots;
	size_t max_responses;
	int pass;          /* 1 or 2 */
	/* the run being read: adjacent records of one response and date, no
	 * id twice; numbered (version) in the order runs start */
	int in_version;
	uint64_t cur_key, cur_date, version;
	uint64_t cur_vfirst; /* the first id of the version it is (or is a piece of) */
	uint64_t run_first;  /* its own first id (mixed hash; 0: none) */
	int run_piece;       /* it is (so far) a piece of the version read last */
	/* its records' ids (mixed hashes): a set, open-addressed, and where
	 * each sits in it (to empty it, and to move them when it grows) */
	uint64_t *idset;
	size_t idsetcap;   /* 0 or a power of two, at most half full */
	size_t *idat;
	size_t nids, idatcap;
	int cur_kept;      /* pass 2: its records are written */
	int cur_apart;     /* pass 2: it is a piece of a version apart from its start */
	struct file_id *files;
	int nfiles;
	char **paths;
	vp_buf scratch;
	vp_latest_stats st;
};

static const char *const KEYS[] = {"respondent", "id", "source", "fields", "date"};
enum { K_RESP, K_ID, K_SOURCE, K_FIELDS, K_DATE, NKEYS };

int vp_latest_open(vp_latest **out, size_t max_responses, vp_err *e)
{
	*out = NULL;
	if (!max_responses)
		max_responses = VP_LATEST_MAX_RESPONSES;
	if (max_responses > VP_LATEST_MAX_RESPONSES_LIMIT)
		return vp_errf(e, EX_USAGE, "at most %lu responses", VP_LATEST_MAX_RESPONSES_LIMIT);
	vp_latest *l = calloc(1, sizeof *l);
	if (!l)
		return vp_oom(e);
	l->max_responses = max_responses;
	/* at most three quarters full */
	size_t slots = FIRST_SLOTS;
	while (slots / 4 * 3 < max_responses)
		slots <<= 1;
	l->max_slots = slots;
	*out = l;
	return 0;
}

void vp_latest_close(vp_latest *l)
{
	if (!l)
		return;
	free(l->slot);
	free(l->idset);
	free(l->idat);
	free(l->files);
	vp_buf_free(&l->scratch);
	free(l);
}

void vp_latest_stats_get(const vp_latest *l, vp_latest_stats *st)
{
	*st = l->st;
}

/* ---- the table of responses ---- */

static size_t probe(const struct entry *slot, size_t cap, uint64_t k)
{
	size_t i = (size_t)k & (cap - 1);
	while (slot[i].key && slot[i].key != k)
		i = (i + 1) & (cap - 1);
	return i;
}

/* Empty the id set (the slots it used only: a version is a few records). */
static void ids_clear(vp_latest *l)
{
	for (size_t i = 0; i < l->nids; i++)
		l->idset[l->idat[i]] = 0;
	l->nids = 0;
}

/* Add id k (mixed: never 0) to the version's set: 1 if it was there, 0 if
 * added, -1 out of memory. */
static int ids_add(vp_latest *l, uint64_t k)
{
	if ((l->nids + 1) * 2 > l->idsetcap) {
		size_t cap = l->idsetcap ? l->idsetcap * 2 : 64;
		uint64_t *set = calloc(cap, sizeof *set);
		if (!set || vp_grow(&l->idat, &l->idatcap, cap / 2, sizeof *l->idat)) {
			free(set);
			return -1;
		}
		for (size_t i = 0; i < l->nids; i++) {
			uint64_t v = l->idset[l->idat[i]];
			size_t at = vp_set64_probe(set, cap, v);
			set[at] = v;
			l->idat[i] = at;
		}
		free(l->idset);
		l->idset = set;
		l->idsetcap = cap;
	}
	size_t at = vp_set64_probe(l->idset, l->idsetcap, k);
	if (l->idset[at])
		return 1;
	l->idset[at] = k;
	l->idat[l->nids++] = at;
	return 0;
}

static int grow(vp_latest *l)
{
	size_t cap = l->cap ? l->cap * 2 : FIRST_SLOTS;
	struct entry *slot = calloc(cap, sizeof *slot);
	if (!slot)
		return -1;
	for (size_t i = 0; i < l->cap; i++)
		if (l->slot[i].key)
			slot[probe(slot, cap, l->slot[i].key)] = l->slot[i];
	free(l->slot);
	l->slot = slot;
	l->cap = cap;
	return 0;
}

/* The entry of key k, or NULL. */
static struct entry *find(const vp_latest *l, uint64_t k)
{
	if (!l->cap)
		return NULL;
	struct entry *en = &l->slot[probe(l->slot, l->cap, k)];
	return en->key ? en : NULL;
}

/* ---- a record's response, id and date ---- */

static uint64_t hash_part(uint64_t h, char tag, const char *s, size_t n)
{
	uint64_t len = n;
	h = vp_hash64_more(h, &tag, 1);
	h = vp_hash64_more(h, (const char *)&len, sizeof len);
	return vp_hash64_more(h, s, n);
}

/* The date s[0..n) as a time (vp_fetch_date_time: ISO 8601, Unix seconds);
 * else nanos -1. */
static void date_time(const char *s, size_t n, int64_t *secs, int32_t *nanos)
{
	char buf[DATE_MAX + 1];
	*secs = 0;
	*nanos = -1;
	if (!n || n > DATE_MAX || memchr(s, '\0', n))
		return;
	memcpy(buf, s, n);
	buf[n] = '\0';
	long long ss;
	long ns;
	if (vp_fetch_date_time(buf, &ss, &ns) == 0) {
		*secs = ss;
		*nanos = (int32_t)ns;
	}
}

/* The parts found, decoded (s NULL: absent), into ri.  id_num: the id is a
 * number, as jansson writes it. */
static void info(struct rinfo *ri, const char *resp, size_t nresp, const char *id, size_t nid,
                 int id_num, const char *src, size_t nsrc, const char *date, size_t ndate)
{
	memset(ri, 0, sizeof *ri);
	ri->nanos = -1;
	/* an empty respondent or id is none, as in vp-count: else every
	 * record of a source with "respondent":"" would be one response */
	if (resp && !nresp)
		resp = NULL;
	if (id && !nid)
		id = NULL;
	if (id) {
		ri->has_id = 1;
		ri->id = vp_hash_mix64(hash_part(VP_HASH64_INIT, id_num ? 'N' : 'S', id, nid));
	}
	if (resp || id) {
		ri->keyed = 1;
		uint64_t h = hash_part(VP_HASH64_INIT, src ? 's' : '-', src ? src : "", nsrc);
		ri->key = vp_hash_mix64(resp ? hash_part(h, 'r', resp, nresp)
		                   : hash_part(h, id_num ? 'n' : 'i', id, nid));
	}
	if (date) {
		ri->date = vp_hash_mix64(hash_part(VP_HASH64_INIT, 'd', date, ndate));
		date_time(date, ndate, &ri->secs, &ri->nanos);
	}
}

/* A string value's contents from the scan: 1 with *s, *n set; 0 when absent
 * or null (s NULL); -1 for anything else (the tree path decides). */
static int span_str(vp_latest *l, vp_jspan v, const char **s, size_t *n)
{
	*s = NULL;
	*n = 0;
	if (!v.p || (v.n == 4 && memcmp(v.p, "null", 4) == 0))
		return 0;
	if (v.p[0] != '"')
		return -1;
	return vp_jscan_string(v, &l->scratch, s, n) ? -2 : 1;
}

/* The fast path's classification: 0, VP_FILTER_FALLBACK, or EX_OSERR. */
static int classify_scan(vp_latest *l, const vp_jspan *v, struct rinfo *ri, vp_err *e)
{
	const char *s[NKEYS] = {0};
	size_t n[NKEYS] = {0};
	vp_buf_clear(&l->scratch);
	/* decoded strings point into scratch, which must not move as it
	 * grows: room for all of them first (decoded, a string is no longer
	 * than its JSON; the timestamp is inside "fields") */
	size_t need = 0;
	for (int k = 0; k < NKEYS; k++)
		if (v[k].p)
			need += v[k].n;
	if (vp_buf_reserve(&l->scratch, need + 1))
		return vp_oom(e);
	vp_jspan ts = {NULL, 0};
	if (v[K_FIELDS].p && v[K_FIELDS].p[0] == '{') {
		static const char *const tk[] = {"timestamp"};
		/* an escaped key or "timestamp" twice: jansson decides */
		if (vp_jscan_validated_members(v[K_FIELDS], tk, 1, &ts, 1) != VP_JSCAN_OK)
			return VP_FILTER_FALLBACK;
	}
	int keys[] = {K_RESP, K_ID, K_SOURCE, K_DATE};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		int r = span_str(l, v[keys[i]], &s[keys[i]], &n[keys[i]]);
		if (r == -2)
			return vp_oom(e);
		if (r < 0)
			return VP_FILTER_FALLBACK; /* a number id, a respondent not a string... */
	}
	/* "timestamp" in "fields", a string, is the date; else "date" */
	const char *date = s[K_DATE];
	size_t ndate = n[K_DATE];
	if (ts.p && ts.p[0] == '"' && vp_jscan_string(ts, &l->scratch, &date, &ndate))
		return vp_oom(e);
	info(ri, s[K_RESP], n[K_RESP], s[K_ID], n[K_ID], 0, s[K_SOURCE], n[K_SOURCE], date,
	     ndate);
	return 0;
}

/* The tree path's: 0, or a bad record (1, why set). */
static int classify_tree(const json_t *rec, struct rinfo *ri, const char **why)
{
	const json_t *resp = json_object_get(rec, "respondent");
	if (resp && !json_is_null(resp) && !json_is_string(resp)) {
		*why = "\"respondent\" is not a string";
		return 1;
	}
	const json_t *id = json_object_get(rec, "id");
	const char *ids = NULL;
	size_t nid = 0;
	int id_num = 0;
	char num[64];
	if (json_is_string(id)) {
		ids = json_string_value(id);
		nid = json_string_length(id);
	} else if (json_is_integer(id)) {
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
		ids = num;
		nid = strlen(num);
		id_num = 1;
	} else if (json_is_real(id)) {
		snprintf(num, sizeof num, "%.17g", json_real_value(id));
		ids = num;
		nid = strlen(num);
		id_num = 1;
	}
	const json_t *src = json_object_get(rec, "source");
	const json_t *ts = json_object_get(json_object_get(rec, "fields"), "timestamp");
	if (!json_is_string(ts))
		ts = json_object_get(rec, "date");
	if (!json_is_string(ts))
		ts = NULL;
	info(ri, json_is_string(resp) ? json_string_value(resp) : NULL,
	     json_is_string(resp) ? json_string_length(resp) : 0, ids, nid, id_num,
	     json_is_string(src) ? json_string_value(src) : NULL,
	     json_is_string(src) ? json_string_length(src) : 0,
	     ts ? json_string_value(ts) : NULL, ts ? json_string_length(ts) : 0);
	return 0;
}

/* ---- versions ---- */

/* Does the record start a new run: another response, another date, or an
 * id the run already has (the response written again)?  Notes its id in
 * the run.  A piece (see piece_of) also ends where its version's first
 * record comes again: the version written again.  0 or -1 out of memory;
 * *starts set, and *again when it starts because its id came again. */
static int next_version(vp_latest *l, const struct rinfo *ri, int *starts, int *again)
{
	int same = l->in_version && ri->key == l->cur_key && ri->date == l->cur_date;
	int had = 0;
	if (same && ri->has_id && (had = ids_add(l, ri->id)) < 0)
		return -1;
	*again = had;
	if (same && l->run_piece && ri->has_id && ri->id == l->cur_vfirst)
		had = 1;
	*starts = !same || had;
	if (*starts) {
		l->in_version = 1;
		l->cur_key = ri->key;
		l->cur_date = ri->date;
		l->version++;
		l->run_first = ri->has_id ? ri->id : 0;
		ids_clear(l);
		if (ri->has_id && ids_add(l, ri->id) < 0)
			return -1;
	}
	return 0;
}

/* Is a version of date (secs, nanos) later in the input the latest, over
 * one of (osecs, onanos)?  A date that can be read as a time beats one
 * that cannot; two that can are compared as times; of equal times, or of
 * two dates that cannot be read, the later in the input is.  A total
 * order up to the input's order, so which version is kept does not depend
 * on the order the versions come in, unless their dates are equal or none
 * can be read. */
static int supersedes(int64_t secs, int32_t nanos, int64_t osecs, int32_t onanos)
{
	if (nanos < 0 || onanos < 0)
		return onanos < 0;
	return secs > osecs || (secs == osecs && nanos >= onanos);
}

/* Is the run of records starting with ri a piece of the response's
 * version read last, apart from its start: the same date, but not that
 * version written again (which starts with the same record)?  vp-fetch
 * writes a response's records together, so its output has none; vp-ingest
 * writes a respondent's rows where they are (a long export: one row an
 * answer, by question).  A run that starts because an id of the run
 * before it came again (again) is the response written again, never a
 * piece: by the definition of a version, and a piece so would keep that
 * id twice. */
static int piece_of(const struct entry *en, const struct rinfo *ri, int again)
{
	return !again && en->last && ri->date == en->last_date && ri->has_id && en->last_first &&
	       ri->id != en->last_first;
}

/* The run being read is a version of the response: the one read last. */
static void read_last(vp_latest *l, struct entry *en)
{
	en->last = l->version;
	en->last_date = l->cur_date;
	en->last_first = l->cur_vfirst = l->run_first;
	l->run_piece = 0;
}

/* Pass 1 at a run's start: a piece of the version read last, or a version
 * (is it its response's latest so far?). */
static int note_version(vp_latest *l, vp_filter *f, const struct rinfo *ri, int again,
                        vp_err *e)
{
	if (!l->cap || (l->n + 1 > l->cap / 2 && l->cap < l->max_slots))
		if (grow(l) != 0)
			return vp_oom(e);
	struct entry *en = &l->slot[probe(l->slot, l->cap, ri->key)];
	if (en->key) {
		if (piece_of(en, ri, again)) {
			l->run_piece = 1;
			l->cur_vfirst = en->last_first;
			return 0;
		}
		read_last(l, en);
		if (en->versions == 1) {
			en->versions = 2;
			l->st.edited++;
		}
		if (supersedes(ri->secs, ri->nanos, en->secs, en->nanos)) {
			en->version = l->version;
			en->secs = ri->secs;
			en->nanos = ri->nanos;
		}
		return 0;
	}
	if (l->n + 1 > l->max_responses || l->n + 1 > l->cap / 4 * 3) {
		char why[192];
		snprintf(why, sizeof why, "more than %zu responses (--max-responses): raise it",
		         l->max_responses);
		return vp_filter_fail(f, e, EX_SOFTWARE, why);
	}
	*en = (struct entry){.key = ri->key, .version = l->version, .secs = ri->secs,
	                     .nanos = ri->nanos, .versions = 1};
	read_last(l, en);
	l->n++;
	return 0;
}

/* One record, classified: pass 1 notes it, pass 2 writes it or not.
 * rec: the parsed record (the tree path), or NULL (the fast path). */
static int one(vp_latest *l, vp_filter *f, const struct rinfo *ri, json_t *rec, vp_err *e)
{
	int keep = 1;
	if (ri->keyed) {
		int starts, again;
		if (next_version(l, ri, &starts, &again))
			return vp_oom(e);
		if (l->pass == 1)
			return starts ? note_version(l, f, ri, again, e) : 0;
		if (starts) {
			struct entry *en = find(l, ri->key);
			if (!en)
				return vp_filter_fail(f, e, EX_SOFTWARE,
				                      "a response the first pass did not see");
			/* a piece goes with the version read last, as in pass 1 */
			if (piece_of(en, ri, again)) {
				l->run_piece = 1;
				l->cur_vfirst = en->last_first;
				l->cur_kept = en->version == en->last;
				l->cur_apart = 1;
			} else {
				read_last(l, en);
				l->cur_kept = en->version == en->last;
				l->cur_apart = 0;
				if (!l->cur_kept)
					l->st.versions_dropped++;
			}
		}
		keep = l->cur_kept;
		if (keep && l->cur_apart)
			l->st.apart++;
	} else {
		/* no response's: passed through, the run being read goes on */
		if (l->pass == 1)
			return 0;
		l->st.unkeyed++;
	}
	l->st.records++;
	if (!keep) {
		l->st.dropped++;
		return 0;
	}
	l->st.written++;
	return rec ? vp_filter_write(f, rec, e) : vp_filter_write_edited(f, NULL, 0, NULL, 0, e);
}

static int latest_scan(void *ctx, vp_filter *f, const vp_jspan *v, vp_err *e)
{
	vp_latest *l = ctx;
	struct rinfo ri;
	int rc = classify_scan(l, v, &ri, e);
	if (rc)
		return rc; /* VP_FILTER_FALLBACK, or out of memory */
	return one(l, f, &ri, NULL, e);
}

static int latest_record(void *ctx, vp_filter *f, json_t *rec, vp_err *e)
{
	vp_latest *l = ctx;
	struct rinfo ri;
	const char *why;
	if (classify_tree(rec, &ri, &why))
		return vp_filter_reject(f, e, why);
	return one(l, f, &ri, rec, e);
}

/* ---- the files, and the passes ---- */

int vp_latest_files(vp_latest *l, int npaths, char **paths, vp_err *e)
{
	free(l->files);
	l->files = NULL;
	l->nfiles = 0;
	if (npaths <= 0)
		return vp_errf(e, EX_USAGE, "the input is read twice, which standard input cannot "
		               "be: give the file (vp-latest FILE)");
	if (!(l->files = calloc((size_t)npaths, sizeof *l->files)))
		return vp_oom(e);
	for (int i = 0; i < npaths; i++) {
		struct stat sb;
		if (strcmp(paths[i], "-") == 0)
			return vp_errf(e, EX_USAGE, "the input is read twice, which standard input "
			               "cannot be: give the file, not '-'");
		if (stat(paths[i], &sb) != 0)
			return vp_errf(e, EX_NOINPUT, "%s: %s", paths[i], strerror(errno));
		if (!S_ISREG(sb.st_mode))
			return vp_errf(e, EX_USAGE, "%s: not a regular file: the input is read twice, "
			               "which a pipe cannot be: give the file", paths[i]);
		l->files[i] = (struct file_id){paths[i], sb.st_dev, sb.st_ino, sb.st_size,
		                               sb.st_mtim};
	}
	l->nfiles = npaths;
	l->paths = paths;
	return 0;
}

/* 0 when every file is as vp_latest_files found it, else EX_IOERR. */
static int unchanged(const vp_latest *l, vp_err *e)
{
	for (int i = 0; i < l->nfiles; i++) {
		const struct file_id *fi = &l->files[i];
		struct stat sb;
		if (stat(fi->path, &sb) != 0)
			return vp_errf(e, EX_IOERR, "%s: %s (while it was read)", fi->path,
			               strerror(errno));
		if (sb.st_dev != fi->dev || sb.st_ino != fi->ino || sb.st_size != fi->size ||
		    sb.st_mtim.tv_sec != fi->mtime.tv_sec || sb.st_mtim.tv_nsec != fi->mtime.tv_nsec)
			return vp_errf(e, EX_IOERR, "%s: changed while it was read (it is read twice): "
			               "run it under vp-fetch's lock (flock STATE.lock vp-latest ...)",
			               fi->path);
	}
	return 0;
}

static int pass(vp_latest *l, int which, const char *prog, const vp_filter_opts *o, FILE *out)
{
	vp_err e = {0};
	int rc = unchanged(l, &e);
	if (rc) {
		vp_err_print(prog, &e);
		return rc;
	}
	static const vp_filter_stage base = {NULL, KEYS, NKEYS, latest_scan, latest_record,
	                                     NULL, 0, NULL, 0, NULL};
	vp_filter_stage st = base;
	st.prog = prog;
	l->pass = which;
	l->in_version = 0;
	l->version = 0;
	l->cur_vfirst = l->run_first = 0;
	l->run_piece = 0;
	if (l->idset)
		ids_clear(l);
	for (size_t i = 0; i < l->cap; i++)
		l->slot[i].last = l->slot[i].last_date = l->slot[i].last_first = 0;
	/* pass 1 counts responses; pass 2 records */
	unsigned long edited = which == 1 ? 0 : l->st.edited;
	memset(&l->st, 0, sizeof l->st);
	l->st.edited = edited;
	l->st.responses = l->n;
	rc = which == 1 ? vp_filter_first_pass_to(&st, l, o, l->nfiles, l->paths, out)
	                : vp_filter_run_opts_to(&st, l, o, l->nfiles, l->paths, out);
	if (rc)
		return rc;
	l->st.responses = l->n;
	if ((rc = unchanged(l, &e)))
		vp_err_print(prog, &e);
	return rc;
}

int vp_latest_scan(vp_latest *l, const char *prog, const vp_filter_opts *o, FILE *out)
{
	/* a table of an earlier scan is forgotten */
	if (l->slot)
		memset(l->slot, 0, l->cap * sizeof *l->slot);
	l->n = 0;
	return pass(l, 1, prog, o, out);
}

int vp_latest_write(vp_latest *l, const char *prog, const vp_filter_opts *o, FILE *out)
{
	return pass(l, 2, prog, o, out);
}

int vp_latest_run(vp_latest *l, const char *prog, const vp_filter_opts *o, int npaths,
                  char **paths, FILE *out)
{
	vp_err e = {0};
	int rc = vp_latest_files(l, npaths, paths, &e);
	if (rc) {
		vp_err_print(prog, &e);
		return rc;
	}
	if ((rc = vp_latest_scan(l, prog, o, out)))
		return rc;
	return vp_latest_write(l, prog, o, out);
}
