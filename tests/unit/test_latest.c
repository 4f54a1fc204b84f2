/* latest.c: the latest version of each response -- several versions,
 * interleaved responses, equal dates, an answer blanked in an edit, records
 * without a respondent, bad records, the files read twice. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "voxpop/latest.h"
#include "memout.h"

/* A record of response R (respondent), question Q, fetched at TS. */
#define REC(r, q, ts, text)                                                            \
	"{\"id\":\"" r "/" q "\",\"source\":\"surveymonkey:1\",\"respondent\":\"" r       \
	"\",\"text\":\"" text "\",\"fields\":{\"response_id\":\"" r "\",\"timestamp\":\"" ts \
	"\"}}\n"

static char path[64];

static void put(const char *in)
{
	strcpy(path, "/tmp/test_latest.XXXXXX");
	int fd = mkstemp(path);
	cr_assert(fd >= 0);
	FILE *fp = fdopen(fd, "w");
	cr_assert(fp && fputs(in, fp) >= 0 && fclose(fp) == 0);
}

/* in through vp-latest: its output; *st its stats. */
static char *run_opts(const char *in, int skip_bad, int want_rc, size_t max, vp_latest_stats *st)
{
	put(in);
	vp_latest *l;
	vp_err e;
	cr_assert_eq(vp_latest_open(&l, max, &e), 0, "%s", e.msg);
	struct memout mo;
	FILE *out = memout_open(&mo);
	char *paths[] = {path};
	vp_filter_opts o = {skip_bad, 0};
	int rc = vp_latest_run(l, "test", &o, 1, paths, out);
	cr_assert_eq(rc, want_rc, "exit %d, want %d", rc, want_rc);
	if (st)
		vp_latest_stats_get(l, st);
	vp_latest_close(l);
	unlink(path);
	return memout_close(&mo);
}

static char *run(const char *in, vp_latest_stats *st)
{
	return run_opts(in, 0, 0, 0, st);
}

Test(latest, several_versions_the_latest_kept)
{
	vp_latest_stats st;
	char *out = run(REC("r1", "q1", "2024-03-01T09:15:02+00:00", "first")
	                REC("r1", "q2", "2024-03-01T09:15:02+00:00", "first too")
	                REC("r2", "q1", "2024-03-01T11:40:55+00:00", "other")
	                REC("r1", "q1", "2024-03-02T10:00:00+00:00", "second")
	                REC("r1", "q1", "2024-03-05T10:00:00+00:00", "third")
	                REC("r1", "q2", "2024-03-05T10:00:00+00:00", "third too"),
	                &st);
	cr_assert_str_eq(out, REC("r2", "q1", "2024-03-01T11:40:55+00:00", "other")
	                      REC("r1", "q1", "2024-03-05T10:00:00+00:00", "third")
	                      REC("r1", "q2", "2024-03-05T10:00:00+00:00", "third too"));
	cr_assert_eq(st.records, 6);
	cr_assert_eq(st.written, 3);
	cr_assert_eq(st.dropped, 3);
	cr_assert_eq(st.versions_dropped, 2);
	cr_assert_eq(st.responses, 2);
	cr_assert_eq(st.edited, 1);
	cr_assert_eq(st.records, st.written + st.dropped);
	free(out);
}

/* Versions of several responses between one another: each response's
 * latest is kept, in the file's order. */
Test(latest, interleaved_responses)
{
	vp_latest_stats st;
	char *out = run(REC("r1", "q1", "2024-03-01T09:00:00Z", "r1 a")
	                REC("r2", "q1", "2024-03-01T09:30:00Z", "r2 a")
	                REC("r1", "q1", "2024-03-02T09:00:00Z", "r1 b")
	                REC("r3", "q1", "2024-03-02T09:10:00Z", "r3 a")
	                REC("r2", "q1", "2024-03-03T09:00:00Z", "r2 b"),
	                &st);
	cr_assert_str_eq(out, REC("r1", "q1", "2024-03-02T09:00:00Z", "r1 b")
	                      REC("r3", "q1", "2024-03-02T09:10:00Z", "r3 a")
	                      REC("r2", "q1", "2024-03-03T09:00:00Z", "r2 b"));
	cr_assert_eq(st.dropped, 2);
	cr_assert_eq(st.versions_dropped, 2);
	cr_assert_eq(st.edited, 2);
	free(out);
}

/* Equal dates: the later in the file wins -- a response written twice at
 * one date (sent again) is kept once, even when the two copies are
 * adjacent (a record id repeated starts a new version). */
Test(latest, equal_dates_the_later_wins)
{
	vp_latest_stats st;
	char *out = run(REC("r1", "q1", "2024-03-01T09:00:00Z", "copy 1")
	                REC("r1", "q2", "2024-03-01T09:00:00Z", "copy 1")
	                REC("r1", "q1", "2024-03-01T09:00:00Z", "copy 2")
	                REC("r1", "q2", "2024-03-01T09:00:00Z", "copy 2")
	                REC("r2", "q1", "2024-03-01T09:00:00Z", "r2")
	                REC("r1", "q1", "2024-03-01T10:00:00+01:00", "same instant"),
	                &st);
	cr_assert_str_eq(out, REC("r2", "q1", "2024-03-01T09:00:00Z", "r2")
	                      REC("r1", "q1", "2024-03-01T10:00:00+01:00", "same instant"));
	cr_assert_eq(st.dropped, 4);
	cr_assert_eq(st.versions_dropped, 2);
	free(out);
}

/* A version later in the file with an earlier date (files given out of
 * order) does not replace a later-dated one; instants are compared across
 * zones, not as text. */
Test(latest, dates_compared_as_instants)
{
	vp_latest_stats st;
	char *out = run(REC("r1", "q1", "2024-03-01T09:30:00Z", "09:30Z")
	                REC("r1", "q1", "2024-03-01T10:00:00+01:00", "09:00Z")
	                REC("r2", "q1", "1709283600", "unix 09:00Z")
	                REC("r2", "q1", "2024-03-01T08:00:00Z", "08:00Z"),
	                &st);
	cr_assert_str_eq(out, REC("r1", "q1", "2024-03-01T09:30:00Z", "09:30Z")
	                      REC("r2", "q1", "1709283600", "unix 09:00Z"));
	cr_assert_eq(st.dropped, 2);
	free(out);
}

/* The versions v[0..n) of one response (one record each), in the order
 * perm gives, through vp-latest: the output must be v[want], or, want -1,
 * the one last in that order; every permutation of the n is tried. */
static void each_order(const char *const *v, int n, int want, const char *what)
{
	int perm[6], c[6] = {0};
	cr_assert_leq(n, 6);
	for (int i = 0; i < n; i++)
		perm[i] = i;
	/* Heap's algorithm: every permutation once */
	for (int i = 0, first = 1; i < n;) {
		if (!first) {
			if (c[i] >= i) {
				c[i++] = 0;
				continue;
			}
			int j = i % 2 ? c[i] : 0, t = perm[j];
			perm[j] = perm[i];
			perm[i] = t;
			c[i]++;
			i = 0;
		}
		first = 0;
		char in[2048] = "", order[16] = "";
		for (int k = 0; k < n; k++) {
			cr_assert_lt(strlen(in) + strlen(v[perm[k]]), sizeof in);
			strcat(in, v[perm[k]]);
			order[k] = (char)('A' + perm[k]);
		}
		vp_latest_stats st;
		char *out = run(in, &st);
		const char *exp = v[want >= 0 ? want : perm[n - 1]];
		cr_assert_str_eq(out, exp, "%s: in the order %s: kept %s", what, order, out);
		cr_assert_eq(st.dropped, (unsigned long)n - 1, "%s: order %s", what, order);
		cr_assert_eq(st.versions_dropped, (unsigned long)n - 1, "%s: order %s", what, order);
		free(out);
	}
}

/* A version whose date cannot be read as a time (empty, garbage, an
 * impossible day) never beats one whose date can: whatever the order of
 * the versions, the one with the latest readable date is kept.  (It was
 * "the later in the input" whenever either date of a pair was unreadable,
 * so T1, n/a, T0 kept T0 and T1, T0, n/a kept n/a.) */
Test(latest, readable_date_wins_in_any_order)
{
	static const char *const v[] = {
		REC("r1", "q1", "2024-03-05T09:00:00Z", "T1"),
		REC("r1", "q1", "n/a", "garbage"),
		REC("r1", "q1", "2024-03-01T09:00:00Z", "T0"),
		REC("r1", "q1", "", "empty"),
		REC("r1", "q1", "2024-02-30T09:00:00Z", "impossible day"),
	};
	each_order(v, 5, 0, "T1 among unreadable and older");
	/* a day (no time) is read as its start, UTC: a later day beats an
	 * earlier timestamp, a timestamp of that day beats the day */
	static const char *const d[] = {
		REC("r1", "q1", "2024-03-02", "day 2"),
		REC("r1", "q1", "2024-03-01T23:00:00Z", "day 1 late"),
		REC("r1", "q1", "nonsense", "garbage"),
	};
	each_order(d, 3, 0, "a later day");
	static const char *const t[] = {
		REC("r1", "q1", "2024-03-02T00:00:01+00:00", "day 2, a second in"),
		REC("r1", "q1", "2024-03-02", "day 2"),
		REC("r1", "q1", "", "empty"),
	};
	each_order(t, 3, 0, "a timestamp of that day");
	/* Unix seconds against ISO 8601 */
	static const char *const u[] = {
		REC("r1", "q1", "1709629200", "unix 2024-03-05T09:00Z"),
		REC("r1", "q1", "2024-03-05T08:59:59Z", "a second before"),
		REC("r1", "q1", "03/05/2024", "US date"),
	};
	each_order(u, 3, 0, "unix seconds");
}

/* Of dates none of which can be read, the later in the input is kept. */
Test(latest, unreadable_dates_the_later_wins)
{
	static const char *const v[] = {
		REC("r1", "q1", "03/04/2024", "odd"),
		REC("r1", "q1", "", "empty"),
		REC("r1", "q1", "yesterday", "garbage"),
	};
	each_order(v, 3, -1, "no readable date");
}

/* An answer blanked in the edit has no record in the new version: the
 * old version's record goes with it. */
Test(latest, blanked_answer_dropped)
{
	vp_latest_stats st;
	char *out = run(REC("r1", "q1", "2024-03-01T09:00:00Z", "Waited three weeks.")
	                REC("r1", "q2", "2024-03-01T09:00:00Z", "Staff were kind.")
	                REC("r1", "q1", "2024-03-05T10:00:00Z", "Parking is impossible."),
	                &st);
	cr_assert_str_eq(out, REC("r1", "q1", "2024-03-05T10:00:00Z", "Parking is impossible."));
	cr_assert_eq(st.dropped, 2);
	cr_assert_eq(st.versions_dropped, 1);
	free(out);
}

/* Without "fields"."timestamp" the record's "date" is the version's. */
Test(latest, date_without_timestamp)
{
	char *out = run("{\"id\":\"a/1\",\"respondent\":\"a\",\"date\":\"2024-03-02\",\"text\":\"new\"}\n"
	                "{\"id\":\"a/1\",\"respondent\":\"a\",\"date\":\"2024-03-01\",\"text\":\"old\"}\n",
	                NULL);
	cr_assert_str_eq(out, "{\"id\":\"a/1\",\"respondent\":\"a\",\"date\":\"2024-03-02\",\"text\":\"new\"}\n");
	free(out);
}

/* Without a respondent a record is its id's; with neither it passes
 * through untouched; a null respondent is none. */
Test(latest, no_respondent)
{
	vp_latest_stats st;
	const char *in = "{\"id\":\"x:1\",\"date\":\"2024-03-01\",\"text\":\"a\"}\n"
	                 "{\"text\":\"no id\"}\n"
	                 "{\"id\":7,\"respondent\":null,\"text\":\"seven\"}\n"
	                 "{\"text\":\"no id\"}\n"
	                 "{\"id\":\"x:1\",\"date\":\"2024-03-01\",\"text\":\"b\"}\n"
	                 "{\"id\":7,\"text\":\"seven again\"}\n"
	                 "{\"id\":\"x:2\",\"text\":\"c\"}\n";
	char *out = run(in, &st);
	cr_assert_str_eq(out, "{\"text\":\"no id\"}\n"
	                      "{\"text\":\"no id\"}\n"
	                      "{\"id\":\"x:1\",\"date\":\"2024-03-01\",\"text\":\"b\"}\n"
	                      "{\"id\":7,\"text\":\"seven again\"}\n"
	                      "{\"id\":\"x:2\",\"text\":\"c\"}\n");
	cr_assert_eq(st.unkeyed, 2);
	cr_assert_eq(st.dropped, 2);
	cr_assert_eq(st.responses, 3);
	free(out);
}

/* One respondent id in two sources is two responses. */
Test(latest, sources_apart)
{
	char *out = run("{\"id\":\"1/q\",\"source\":\"a\",\"respondent\":\"1\",\"date\":\"2024-03-02\"}\n"
	                "{\"id\":\"1/q\",\"source\":\"b\",\"respondent\":\"1\",\"date\":\"2024-03-01\"}\n",
	                NULL);
	cr_assert_str_eq(out, "{\"id\":\"1/q\",\"source\":\"a\",\"respondent\":\"1\",\"date\":\"2024-03-02\"}\n"
	                      "{\"id\":\"1/q\",\"source\":\"b\",\"respondent\":\"1\",\"date\":\"2024-03-01\"}\n");
	free(out);
}

/* Lines the fast scan is unsure of (an escaped key) are read by jansson
 * and belong to the same versions; what is kept is written as it came. */
Test(latest, tree_path_same_as_fast_path)
{
	const char *in =
		"{\"id\":\"r1/q1\",\"respondent\":\"r1\",\"fields\":{\"timestamp\":\"2024-03-01T09:00:00Z\"},\"t\\u0065xt\":\"old\"}\n"
		"{\"id\":\"r1/q2\",\"respondent\":\"r1\",\"fields\":{\"timestamp\":\"2024-03-01T09:00:00Z\"},\"text\":\"old\"}\n"
		"{\"id\":\"r1/q1\",\"respondent\":\"r\\u0031\",\"fields\":{\"timestamp\":\"2024-03-02T09:00:00Z\"},\"n\":1.50}\n"
		"{\"id\":\"r1/q2\",\"respondent\":\"r1\",\"fields\":{\"timestamp\":\"2024-03-02T09:00:00Z\"},\"text\":\"new\"}\n";
	vp_latest_stats st;
	char *out = run(in, &st);
	cr_assert_str_eq(out,
		"{\"id\":\"r1/q1\",\"respondent\":\"r\\u0031\",\"fields\":{\"timestamp\":\"2024-03-02T09:00:00Z\"},\"n\":1.50}\n"
		"{\"id\":\"r1/q2\",\"respondent\":\"r1\",\"fields\":{\"timestamp\":\"2024-03-02T09:00:00Z\"},\"text\":\"new\"}\n");
	cr_assert_eq(st.versions_dropped, 1);
	free(out);
}

/* Bad records: without --skip-bad the run stops (65) before writing
 * anything; with it they are skipped and counted, the rest as ever. */
Test(latest, bad_records)
{
	const char *in = REC("r1", "q1", "2024-03-01T09:00:00Z", "old")
	                 "not json\n"
	                 "{\"id\":\"r2/q1\",\"respondent\":5}\n"
	                 REC("r1", "q1", "2024-03-02T09:00:00Z", "new");
	char *out = run_opts(in, 0, EX_DATAERR, 0, NULL);
	cr_assert_str_eq(out, "");
	free(out);
	vp_latest_stats st;
	out = run_opts(in, 1, 0, 0, &st);
	cr_assert_str_eq(out, REC("r1", "q1", "2024-03-02T09:00:00Z", "new"));
	cr_assert_eq(st.records, 2);
	cr_assert_eq(st.dropped, 1);
	free(out);
}

/* More responses than the bound: an error before anything is written. */
Test(latest, bound)
{
	char in[4096] = "";
	for (int i = 0; i < 40; i++)
		snprintf(in + strlen(in), sizeof in - strlen(in),
		         "{\"id\":\"%d/q\",\"respondent\":\"%d\"}\n", i, i);
	char *out = run_opts(in, 0, EX_SOFTWARE, 20, NULL);
	cr_assert_str_eq(out, "");
	free(out);
	out = run_opts(in, 0, 0, 40, NULL);
	cr_assert_str_eq(out, in);
	free(out);
}

/* Standard input, a pipe or a missing file is refused before any reading. */
Test(latest, files_only)
{
	vp_latest *l;
	vp_err e;
	cr_assert_eq(vp_latest_open(&l, 0, &e), 0);
	char *dash[] = {"-"};
	cr_assert_eq(vp_latest_files(l, 0, NULL, &e), EX_USAGE);
	cr_assert(strstr(e.msg, "give the file"), "%s", e.msg);
	cr_assert_eq(vp_latest_files(l, 1, dash, &e), EX_USAGE);
	cr_assert(strstr(e.msg, "give the file"), "%s", e.msg);
	char fifo[] = "/tmp/test_latest_fifo.XXXXXX";
	int fd = mkstemp(fifo);
	cr_assert(fd >= 0);
	close(fd);
	unlink(fifo);
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	char *pipe_[] = {fifo};
	cr_assert_eq(vp_latest_files(l, 1, pipe_, &e), EX_USAGE);
	cr_assert(strstr(e.msg, "not a regular file"), "%s", e.msg);
	unlink(fifo);
	char *gone[] = {"/tmp/test_latest_no_such_file"};
	cr_assert_eq(vp_latest_files(l, 1, gone, &e), EX_NOINPUT);
	cr_assert_str_eq(e.msg, "/tmp/test_latest_no_such_file: No such file or directory");
	vp_latest_close(l);
}

/* A file that changes between the passes (vp-fetch appending) is an
 * error, not a mix of two files. */
Test(latest, file_changed_between_passes)
{
	put(REC("r1", "q1", "2024-03-01T09:00:00Z", "old") REC("r1", "q1", "2024-03-02T09:00:00Z", "new"));
	vp_latest *l;
	vp_err e;
	cr_assert_eq(vp_latest_open(&l, 0, &e), 0);
	char *paths[] = {path};
	vp_filter_opts o = {0, 0};
	struct memout mo;
	FILE *out = memout_open(&mo);
	cr_assert_eq(vp_latest_files(l, 1, paths, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_latest_scan(l, "test", &o, out), 0);
	FILE *fp = fopen(path, "a");
	cr_assert(fp && fputs(REC("r1", "q1", "2024-03-03T09:00:00Z", "newer"), fp) >= 0 &&
	          fclose(fp) == 0);
	cr_assert_eq(vp_latest_write(l, "test", &o, out), EX_IOERR);
	char *s = memout_close(&mo);
	cr_assert_str_eq(s, "");
	free(s);
	vp_latest_close(l);
	unlink(path);
}

/* A record of no response between a version's records does not cut it in
 * two (the first half would pass for an older version of equal date). */
Test(latest, unkeyed_record_inside_a_version)
{
	const char *in = REC("r1", "q1", "2024-03-01T09:00:00Z", "a")
	                 "{\"text\":\"no id\"}\n"
	                 REC("r1", "q2", "2024-03-01T09:00:00Z", "b");
	vp_latest_stats st;
	char *out = run(in, &st);
	cr_assert_str_eq(out, in);
	cr_assert_eq(st.dropped, 0);
	cr_assert_eq(st.edited, 0);
	free(out);
}

/* A version of many records (the id set grows), then the same response
 * written again at the same date: one version each, the second kept. */
Test(latest, long_version_written_twice)
{
	size_t cap = 1 << 16, n = 0;
	char *in = malloc(cap);
	cr_assert_not_null(in);
	for (int copy = 0; copy < 2; copy++)
		for (int q = 0; q < 300; q++)
			n += (size_t)snprintf(in + n, cap - n,
			                      "{\"id\":\"r1/q%d\",\"respondent\":\"r1\",\"date\":\"2024-03-01\",\"c\":%d}\n",
			                      q, copy);
	cr_assert_lt(n, cap);
	vp_latest_stats st;
	char *out = run(in, &st);
	cr_assert_str_eq(out, in + n / 2);
	cr_assert_eq(st.dropped, 300);
	cr_assert_eq(st.versions_dropped, 1);
	free(out);
	free(in);
}

/* One response's records apart, at one date, with ids of their own (as
 * vp-ingest writes a long export's rows: one row an answer, by question):
 * one version in pieces, all kept, and said -- not an older version.  A
 * piece that starts with the version's first id again is the response
 * written again (the later kept); a piece of another date is a version. */
Test(latest, pieces_of_one_version_kept)
{
#define ROW(n, r, d, text)                                                              \
	"{\"id\":\"long.csv:" #n "\",\"source\":\"long.csv\",\"date\":\"" d                  \
	"\",\"respondent\":\"" r "\",\"text\":\"" text "\"}\n"
	vp_latest_stats st;
	const char *in = ROW(2, "P1", "2024-05-01", "Parking is awful")
	                 ROW(3, "P2", "2024-05-01", "Nurses were kind")
	                 ROW(4, "P1", "2024-05-01", "Waited four hours")
	                 ROW(5, "P2", "2024-05-01", "Clean wards")
	                 ROW(6, "P1", "2024-05-01", "Rude receptionist");
	char *out = run(in, &st);
	cr_assert_str_eq(out, in);
	cr_assert_eq(st.dropped, 0);
	cr_assert_eq(st.edited, 0);
	cr_assert_eq(st.apart, 3);
	cr_assert_eq(st.records, st.written + st.dropped);
	free(out);
	/* the same rows read again after them (the file given twice): the
	 * second copy of each response kept, the pieces with it */
	char twice[2048];
	snprintf(twice, sizeof twice, "%s%s", in, in);
	out = run(twice, &st);
	cr_assert_str_eq(out, in);
	cr_assert_eq(st.dropped, 5);
	free(out);
	/* a piece of a later date is a newer version: the earlier pieces go */
	out = run(ROW(2, "P1", "2024-05-01", "a") ROW(3, "P2", "2024-05-01", "b")
	          ROW(4, "P1", "2024-05-01", "c") ROW(5, "P1", "2024-06-01", "d"),
	          &st);
	cr_assert_str_eq(out, ROW(3, "P2", "2024-05-01", "b") ROW(5, "P1", "2024-06-01", "d"));
	cr_assert_eq(st.dropped, 2);
	free(out);
#undef ROW
}

/* A response's run that repeats an id of the run before it (adjacent) is
 * the response written again: a version, never a piece of the version
 * before (which kept the repeated record twice: a, b, b wrote a, b, b).  Of
 * the copies at one date the later is kept, once. */
Test(latest, written_again_not_a_piece)
{
#define R(q, text) "{\"id\":\"r1/" q "\",\"respondent\":\"r1\",\"date\":\"2024-05-01\",\"text\":\"" text "\"}\n"
#define X(n) "{\"id\":\"x" #n "\",\"respondent\":\"x" #n "\",\"date\":\"2024-05-01\"}\n"
	vp_latest_stats st;
	/* a, b, b: was a, b, b */
	char *out = run(R("a", "1") R("b", "1") R("b", "2"), &st);
	cr_assert_str_eq(out, R("b", "2"));
	cr_assert_eq(st.dropped, 2);
	cr_assert_eq(st.versions_dropped, 1);
	cr_assert_eq(st.apart, 0);
	free(out);
	/* in pieces (a, X, b), then written again from b: was a, b, b */
	out = run(R("a", "1") X(1) R("b", "1") R("b", "2"), &st);
	cr_assert_str_eq(out, X(1) R("b", "2"));
	cr_assert_eq(st.dropped, 2);
	cr_assert_eq(st.versions_dropped, 1);
	cr_assert_eq(st.records, st.written + st.dropped);
	free(out);
	/* written again in another order, adjacent: was a alone (b lost) */
	out = run(R("a", "1") R("b", "1") R("b", "2") R("a", "2"), &st);
	cr_assert_str_eq(out, R("b", "2") R("a", "2"));
	cr_assert_eq(st.dropped, 2);
	cr_assert_eq(st.versions_dropped, 1);
	free(out);
	/* in pieces, then written again from the start, a piece of the new
	 * copy after it: the new copy and its piece kept */
	out = run(R("a", "1") X(1) R("b", "1") R("a", "2") R("b", "2") X(2) R("c", "2"), &st);
	cr_assert_str_eq(out, X(1) R("a", "2") R("b", "2") X(2) R("c", "2"));
	cr_assert_eq(st.dropped, 2);
	cr_assert_eq(st.versions_dropped, 1);
	cr_assert_eq(st.apart, 1);
	free(out);
#undef R
#undef X
}

/* An empty respondent is none, as in vp-count (vp-ingest passes "" on
 * from an NDJSON export): the record is its id's.  It was a response of
 * its own: every record of a source with "respondent":"" one response, all
 * but the latest date's dropped as older versions.  An empty id is none
 * too: a record with neither is passed through. */
Test(latest, empty_respondent_is_none)
{
	vp_latest_stats st;
	const char *in = "{\"id\":\"a:1\",\"source\":\"e\",\"respondent\":\"\",\"date\":\"2024-03-01\",\"text\":\"one\"}\n"
	                 "{\"id\":\"a:2\",\"source\":\"e\",\"respondent\":\"\",\"date\":\"2024-03-02\",\"text\":\"two\"}\n"
	                 "{\"id\":\"a:3\",\"source\":\"e\",\"respondent\":\"\",\"date\":\"2024-03-01\",\"text\":\"three\"}\n"
	                 "{\"id\":\"\",\"source\":\"e\",\"date\":\"2024-03-01\",\"text\":\"four\"}\n"
	                 "{\"id\":\"\",\"source\":\"e\",\"date\":\"2024-03-02\",\"text\":\"five\"}\n"
	                 "{\"id\":\"a:1\",\"source\":\"e\",\"respondent\":\"\",\"date\":\"2024-03-05\",\"text\":\"one, edited\"}\n";
	char *out = run(in, &st);
	cr_assert_str_eq(out, "{\"id\":\"a:2\",\"source\":\"e\",\"respondent\":\"\",\"date\":\"2024-03-02\",\"text\":\"two\"}\n"
	                      "{\"id\":\"a:3\",\"source\":\"e\",\"respondent\":\"\",\"date\":\"2024-03-01\",\"text\":\"three\"}\n"
	                      "{\"id\":\"\",\"source\":\"e\",\"date\":\"2024-03-01\",\"text\":\"four\"}\n"
	                      "{\"id\":\"\",\"source\":\"e\",\"date\":\"2024-03-02\",\"text\":\"five\"}\n"
	                      "{\"id\":\"a:1\",\"source\":\"e\",\"respondent\":\"\",\"date\":\"2024-03-05\",\"text\":\"one, edited\"}\n");
	cr_assert_eq(st.responses, 3);
	cr_assert_eq(st.unkeyed, 2);
	cr_assert_eq(st.dropped, 1);
	free(out);
	/* the same through the tree path (an escaped key on each line) */
	out = run("{\"id\":\"a:1\",\"respondent\":\"\",\"date\":\"2024-03-01\",\"t\\u0065xt\":\"one\"}\n"
	          "{\"id\":\"a:2\",\"respondent\":\"\",\"date\":\"2024-03-02\",\"t\\u0065xt\":\"two\"}\n"
	          "{\"id\":\"\",\"date\":\"2024-03-02\",\"t\\u0065xt\":\"three\"}\n"
	          "{\"id\":\"\",\"date\":\"2024-03-03\",\"t\\u0065xt\":\"four\"}\n", &st);
	cr_assert_eq(st.written, 4);
	cr_assert_eq(st.dropped, 0);
	cr_assert_eq(st.unkeyed, 2);
	free(out);
}
