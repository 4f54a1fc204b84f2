#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "voxpop/fetch.h"

static char dir[] = "/tmp/vp-state-XXXXXX";
static char path[256];

static void setup(void)
{
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/s.state", dir);
}

static void teardown(void)
{
	char tmp[300];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	unlink(tmp);
	unlink(path);
	rmdir(dir);
}

static void write_file(const char *s)
{
	FILE *fp = fopen(path, "w");
	cr_assert_not_null(fp);
	fputs(s, fp);
	fclose(fp);
}

TestSuite(fetch_state, .init = setup, .fini = teardown);

Test(fetch_state, missing_file_is_a_fresh_start)
{
	vp_fetch_state s;
	vp_err e;
	cr_assert_eq(vp_fetch_state_load(&s, path, &e), 0);
	cr_assert_null(s.mark);
	cr_assert_eq(vp_fetch_state_seen(&s, "1", "2024-01-01"), 0);
	vp_fetch_state_free(&s);
}

Test(fetch_state, save_then_load_round_trips)
{
	vp_fetch_state s, t;
	vp_err e;
	vp_fetch_state_init(&s);
	s.source = strdup("typeform:abc");
	cr_assert_eq(vp_fetch_state_note(&s, "r1", "2024-04-01T08:00:00Z"), 0);
	cr_assert_eq(vp_fetch_state_note(&s, "r2", "2024-04-03T14:45:10Z"), 0);
	cr_assert_eq(vp_fetch_state_note(&s, "r3", "2024-04-03T14:45:10Z"), 0);
	cr_assert_eq(vp_fetch_state_note(&s, "r0", "2024-03-01T00:00:00Z"), 0); /* older */
	s.has_output = 1;
	s.out_dev = 2049;
	s.out_ino = (ino_t)18446744073709551615ULL; /* does not fit a JSON integer */
	s.out_offset = 52311;
	s.out_path = strdup("/var/lib/voxpop/day1.ndjson");
	cr_assert_eq(vp_fetch_state_save(&s, path, &e), 0, "%s", e.msg);
	struct stat st;
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_mode & 077, 0, "state file should be private");
	char tmp[300];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	cr_assert_neq(access(tmp, F_OK), 0, "temporary file left behind");

	cr_assert_eq(vp_fetch_state_load(&t, path, &e), 0, "%s", e.msg);
	cr_assert_str_eq(t.source, "typeform:abc");
	cr_assert_str_eq(t.mark, "2024-04-03T14:45:10Z");
	cr_assert_eq(json_object_size(t.ids), 2);
	cr_assert(t.has_output);
	cr_assert_eq(t.out_dev, 2049);
	cr_assert_eq(t.out_ino, (ino_t)18446744073709551615ULL);
	cr_assert_eq(t.out_offset, 52311);
	cr_assert_str_eq(t.out_path, "/var/lib/voxpop/day1.ndjson");
	cr_assert_eq(vp_fetch_state_seen(&t, "r2", "2024-04-03T14:45:10Z"), 1);
	cr_assert_eq(vp_fetch_state_seen(&t, "r4", "2024-04-03T14:45:10Z"), 0);
	cr_assert_eq(vp_fetch_state_seen(&t, "r9", "2024-04-03T14:45:09Z"), 1);
	cr_assert_eq(vp_fetch_state_seen(&t, "r2", "2024-04-03T14:45:11Z"), 0);
	vp_fetch_state_free(&s);
	vp_fetch_state_free(&t);
}

/* "run" in "output": where an uncommitted run began writing (a size), null
 * once a run committed, absent in a state of an older vp-fetch (unknown) */
Test(fetch_state, output_run_round_trips)
{
	static const off_t runs[] = {-1, 52400, VP_FETCH_RUN_UNKNOWN};
	for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
		vp_fetch_state s, t;
		vp_err e;
		vp_fetch_state_init(&s);
		cr_assert_eq(s.out_run, VP_FETCH_RUN_UNKNOWN);
		s.source = strdup("kobo:a1");
		s.has_output = 1;
		s.out_dev = 1;
		s.out_ino = 2;
		s.out_offset = 52311;
		s.out_run = runs[i];
		cr_assert_eq(vp_fetch_state_save(&s, path, &e), 0, "%s", e.msg);
		cr_assert_eq(vp_fetch_state_load(&t, path, &e), 0, "%s", e.msg);
		cr_assert_eq(t.out_run, runs[i], "run %lld came back as %lld", (long long)runs[i],
		             (long long)t.out_run);
		vp_fetch_state_free(&s);
		vp_fetch_state_free(&t);
	}
}

static void corrupt(const char *text, const char *want)
{
	vp_fetch_state s;
	vp_err e;
	write_file(text);
	cr_assert_eq(vp_fetch_state_load(&s, path, &e), EX_DATAERR, "accepted: %s", text);
	cr_assert(strstr(e.msg, "corrupt state file") && strstr(e.msg, want),
	          "message '%s' lacks '%s'", e.msg, want);
	cr_assert(strstr(e.msg, path) == e.msg, "message should start with the path");
}

/* A newer vp-fetch's state is an error too (65), but not "corrupt": the
 * advice to remove it would fetch every response again. */
Test(fetch_state, a_newer_format_is_named_not_called_corrupt)
{
	vp_fetch_state s;
	vp_err e;
	write_file("{\"voxpop_fetch_state\": 2, \"source\": \"x\", \"mark\": null, \"ids\": [],"
	           " \"output\": null}");
	cr_assert_eq(vp_fetch_state_load(&s, path, &e), EX_DATAERR);
	cr_assert(strstr(e.msg, "state file of a newer vp-fetch (format 2; this one reads "
	                        "format 1): run that version") && !strstr(e.msg, "corrupt"),
	          "message: %s", e.msg);
}

Test(fetch_state, corrupt_files_are_errors_not_fresh_starts)
{
	corrupt("{\"voxpop_fetch_state\": 1, \"source\": \"x\", \"mark\": null, \"ids\": [], "
	        "\"output\": {\"dev\": \"1\", \"ino\": \"2\", \"offset\": 10, \"run\": 9}}",
	        "run");
	corrupt("{\"voxpop_fetch_state\": 1, \"source\": \"x\", \"mark\": null, \"ids\": [], "
	        "\"output\": {\"dev\": \"1\", \"ino\": \"2\", \"offset\": 10, \"run\": \"12\"}}",
	        "run");
	corrupt("", "line");
	corrupt("{\"voxpop_fetch_state\": 1, \"source\": \"x\", \"mark\": ", "line");
	corrupt("[1]", "not a vp-fetch state file");
	corrupt("{\"voxpop_fetch_state\": 0, \"source\": \"x\", \"mark\": null, \"ids\": [],"
	        " \"output\": null}", "unknown version");
	corrupt("{\"voxpop_fetch_state\": 1, \"source\": \"x\", \"mark\": 5, \"ids\": [],"
	        " \"output\": null}", "\"mark\"");
	corrupt("{\"voxpop_fetch_state\": 1, \"source\": \"x\", \"mark\": \"2024\","
	        " \"ids\": [1], \"output\": null}", "non-string");
	corrupt("{\"voxpop_fetch_state\": 1, \"source\": \"x\", \"mark\": null,"
	        " \"ids\": [\"a\"], \"output\": null}", "without a \"mark\"");
	corrupt("{\"voxpop_fetch_state\": 1, \"source\": \"x\", \"mark\": null, \"ids\": [],"
	        " \"output\": {\"dev\": \"1\", \"offset\": 3}}", "\"output\"");
	corrupt("{\"voxpop_fetch_state\": 1, \"source\": \"x\", \"source\": \"y\", \"mark\": null,"
	        " \"ids\": [], \"output\": null}", "duplicate");
}

Test(fetch_state, dates_compare_as_instants)
{
	cr_assert_eq(vp_fetch_date_cmp("2024-03-02T17:22:31+00:00", "2024-03-02T17:22:31Z"), 0);
	cr_assert_eq(vp_fetch_date_cmp("2024-03-02T18:22:31+01:00", "2024-03-02T17:22:31Z"), 0);
	cr_assert_lt(vp_fetch_date_cmp("2024-03-02T17:22:31Z", "2024-03-02T17:22:31.5Z"), 0);
	cr_assert_gt(vp_fetch_date_cmp("2024-03-03", "2024-03-02T23:59:59Z"), 0);
	/* 23:00 at -02:00 is 01:00 UTC the next day */
	cr_assert_gt(vp_fetch_date_cmp("2023-12-31T23:00:00-02:00", "2024-01-01T00:30:00Z"), 0);
	cr_assert_eq(vp_fetch_date_cmp("2024-02-10T08:00:00", "2024-02-10T08:00:00Z"), 0);
	/* epoch seconds compare as numbers, not strings */
	cr_assert_lt(vp_fetch_date_cmp("999999999", "1700000000"), 0);
	cr_assert_gt(vp_fetch_date_cmp("b", "a"), 0);
}

Test(fetch_state, note_advances_the_mark_and_resets_ids)
{
	vp_fetch_state s;
	vp_fetch_state_init(&s);
	cr_assert_eq(vp_fetch_state_note(&s, "a", "2024-01-01T10:00:00Z"), 0);
	cr_assert_eq(vp_fetch_state_note(&s, "b", "2024-01-01T10:00:00+00:00"), 0);
	cr_assert_eq(json_object_size(s.ids), 2);
	cr_assert_eq(vp_fetch_state_note(&s, "c", "2024-01-01T10:00:01Z"), 0);
	cr_assert_str_eq(s.mark, "2024-01-01T10:00:01Z");
	cr_assert_eq(json_object_size(s.ids), 1);
	cr_assert_not_null(json_object_get(s.ids, "c"));
	vp_fetch_state_free(&s);
}

/* Issue 18: an asynchronous export in progress (Qualtrics' progressId) is
 * kept in the state so that a killed run resumes it. */
Test(fetch_state, pending_export_round_trips)
{
	vp_fetch_state s, t;
	vp_err e;
	vp_fetch_state_init(&s);
	s.source = strdup("qualtrics:SV_1");
	s.pending = strdup("ES_0d2k4f7Qx");
	cr_assert_eq(vp_fetch_state_save(&s, path, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_fetch_state_load(&t, path, &e), 0, "%s", e.msg);
	cr_assert_str_eq(t.pending, "ES_0d2k4f7Qx");
	vp_fetch_state_free(&t);
	free(s.pending);
	s.pending = NULL;
	cr_assert_eq(vp_fetch_state_save(&s, path, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_fetch_state_load(&t, path, &e), 0, "%s", e.msg);
	cr_assert_null(t.pending);
	vp_fetch_state_free(&t);
	vp_fetch_state_free(&s);
	corrupt("{\"voxpop_fetch_state\": 1, \"source\": \"x\", \"mark\": null, \"ids\": [],"
	        " \"output\": null, \"pending\": 7}", "\"pending\"");
}

/* The "odd" ids (responses whose date could not be the mark) only ever
 * grew.  One whose date was only ahead of the clock is dropped once the
 * date is usable and the mark has passed it: the mark then skips it (a
 * response at a date before the mark is seen); ids whose date can never be
 * a mark (none, not ISO, no zone) are kept. */
Test(fetch_state, odd_ids_are_dropped_once_the_mark_passes_them)
{
	vp_fetch_state s, t;
	vp_err e;
	long long now;
	vp_fetch_state_init(&s);
	s.source = strdup("generic:x");
	cr_assert_eq(vp_fetch_state_note(&s, "A", "2026-05-31T23:00:00Z"), 0);
	/* 3 h ahead of a run at midnight: odd, with its date kept */
	cr_assert_eq(vp_fetch_state_note_odd(&s, "F", "2026-06-01T03:00:00Z"), 0);
	cr_assert_eq(vp_fetch_state_note_odd(&s, "N", NULL), 0);          /* no date */
	cr_assert_eq(vp_fetch_state_note_odd(&s, "Z", "2026-05-01T10:00:00"), 0); /* no zone */
	cr_assert_eq(vp_fetch_state_note_odd(&s, "Y", "2099-01-01T00:00:00Z"), 0);
	cr_assert_eq(vp_fetch_state_save(&s, path, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_fetch_state_load(&t, path, &e), 0, "%s", e.msg);
	cr_assert_eq(json_object_size(t.odd), 4);
	/* the clock has not reached F: nothing goes */
	cr_assert_eq(vp_fetch_parse_now("2026-06-01T00:00:00Z", &now), 0);
	cr_assert_eq(vp_fetch_state_prune_odd(&t, 0, now), 0);
	/* F usable now, but the mark (A) is before it: kept */
	cr_assert_eq(vp_fetch_parse_now("2026-06-01T06:00:00Z", &now), 0);
	cr_assert_eq(vp_fetch_state_prune_odd(&t, 0, now), 0);
	/* the mark at F exactly: F is told apart by id only if in ids: kept */
	cr_assert_eq(vp_fetch_state_note(&t, "F", "2026-06-01T03:00:00Z"), 0);
	cr_assert_eq(vp_fetch_state_prune_odd(&t, 0, now), 0);
	/* past it: F goes, and the mark alone skips it from now on */
	cr_assert_eq(vp_fetch_state_note(&t, "G", "2026-06-01T04:00:00Z"), 0);
	cr_assert_eq(vp_fetch_state_prune_odd(&t, 0, now), 1);
	cr_assert_eq(vp_fetch_state_seen_odd(&t, "F"), 0);
	cr_assert_eq(vp_fetch_state_seen(&t, "F", "2026-06-01T03:00:00Z"), 1);
	cr_assert(vp_fetch_state_seen_odd(&t, "N") && vp_fetch_state_seen_odd(&t, "Z") &&
	          vp_fetch_state_seen_odd(&t, "Y"));
	/* a zoneless date is a mark for services that document UTC (Kobo) */
	cr_assert_eq(vp_fetch_state_prune_odd(&t, 1, now), 1);
	cr_assert_eq(vp_fetch_state_seen_odd(&t, "Z"), 0);
	vp_fetch_state_free(&t);
	vp_fetch_state_free(&s);
	/* a state of an older vp-fetch (odd ids without dates) still loads:
	 * those are kept */
	write_file("{\"voxpop_fetch_state\": 1, \"source\": \"x\", \"mark\": \"2026-06-01\","
	           " \"ids\": [], \"odd\": [\"F\"], \"output\": null}");
	cr_assert_eq(vp_fetch_state_load(&t, path, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_fetch_state_prune_odd(&t, 0, now), 0);
	cr_assert_eq(vp_fetch_state_seen_odd(&t, "F"), 1);
	vp_fetch_state_free(&t);
	corrupt("{\"voxpop_fetch_state\": 1, \"source\": \"x\", \"mark\": null, \"ids\": [],"
	        " \"odd\": [\"F\"], \"odd_dates\": {\"F\": 3}, \"output\": null}", "\"odd_dates\"");
	corrupt("{\"voxpop_fetch_state\": 1, \"source\": \"x\", \"mark\": null, \"ids\": [],"
	        " \"odd\": [], \"odd_dates\": {\"F\": \"2026-06-01\"}, \"output\": null}",
	        "\"odd_dates\"");
}

/* A state larger than the 64 MiB a run reads was written all the same: the
 * next run called its own state corrupt.  Saving refuses it instead. */
Test(fetch_state, a_state_too_large_to_read_is_not_written)
{
	vp_fetch_state s, t;
	vp_err e;
	vp_fetch_state_init(&s);
	s.source = strdup("jotform:1");
	size_t len = 1 << 16;
	char *id = malloc(len + 16);
	cr_assert_not_null(id);
	memset(id, 'x', len);
	for (int i = 0; i < 1030; i++) {
		snprintf(id + len, 16, "%d", i);
		cr_assert_eq(vp_fetch_state_note_odd(&s, id, NULL), 0);
	}
	free(id);
	int rc = vp_fetch_state_save(&s, path, &e);
	if (rc == 0) {
		rc = vp_fetch_state_load(&t, path, &e);
		cr_assert_eq(rc, 0, "saved a state the next run cannot read: %s", e.msg);
		vp_fetch_state_free(&t);
	}
	cr_assert_eq(rc, EX_DATAERR);
	cr_assert(strstr(e.msg, "64 MiB") && strstr(e.msg, "1030 ids"), "%s", e.msg);
	cr_assert_neq(access(path, F_OK), 0, "a state was written");
	vp_fetch_state_free(&s);
}
