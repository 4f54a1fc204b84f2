/* Issue 16 "Nothing lost, nothing duplicated": vp_ingest reproducers --
 * a stray quote, rows emitted whole or not at all, NDJSON text keys that
 * are also record keys, --skip-rows past the end, UTF-16 and one-column
 * headers that want --delimiter. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/buf.h"
#include "ingest_run.h"
#include "voxpop/ingest.h"

static const char *str(json_t *rec, const char *key)
{
	json_t *v = json_object_get(rec, key);
	cr_assert(json_is_string(v), "no string \"%s\"", key);
	return json_string_value(v);
}

/* ---- 4: a stray quote ----------------------------------------------------- */

Test(ingest_lossless, stray_quote_is_an_error_naming_where_it_opened)
{
	const char *tc[] = {"text"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1};
	struct run r;
	run(&r, &o, "survey.csv", "id,text\n1,fine\n2,\"oops\n3,ok\n4,also\n");
	cr_assert_eq(r.rc, EX_DATAERR);
	cr_assert_str_eq(r.e.msg, "survey.csv:3: unterminated quoted field: stray quote swallowed "
	                          "2 lines; rows read again from line 4");
	cr_assert_eq(r.nrec, 1);
	done(&r);
}

Test(ingest_lossless, skip_bad_resynchronises_after_a_stray_quote_and_totals_reconcile)
{
	const char *tc[] = {"text"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1, .skip_bad = 1};
	struct run r;
	run(&r, &o, "survey.csv",
	    "id,text\n1,fine\n2,\"oops\ncontinued\n3,ok\n4,\n5,\"\"\"\"\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 3);
	cr_assert_str_eq(str(r.rec[1], "text"), "ok");
	cr_assert_str_eq(str(r.rec[1], "id"), "survey.csv:5");
	cr_assert_str_eq(str(r.rec[2], "text"), "\"");
	cr_assert(strstr(r.notes, "survey.csv:3: unterminated quoted field: stray quote swallowed "
	                          "4 lines; rows read again from line 5 (skipped)"), "%s", r.notes);
	cr_assert_eq(r.st.rejected, 1);
	cr_assert_eq(r.st.empty, 1);
	cr_assert_eq(r.st.rows, r.st.records + r.st.empty + r.st.rejected,
	             "rows %lu, records %lu, empty %lu, rejected %lu", r.st.rows, r.st.records,
	             r.st.empty, r.st.rejected);
	done(&r);
}

Test(ingest_lossless, stray_quote_while_guessing_columns_resynchronises_too)
{
	vp_ingest_opts o = {.skip_bad = 1};
	struct run r;
	run(&r, &o, "g.csv",
	    "n,comment\n1,\"The bus never comes on time here\n"
	    "2,Parking at the surgery is far too hard to find\n"
	    "3,Nobody answers the phone in the morning at all\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 2);
	cr_assert_eq(r.st.rows, 3);
	cr_assert_eq(r.st.rejected, 1);
	done(&r);
}

/* ---- 5: a row is emitted whole or not at all -------------------------------- */

Test(ingest_lossless, ndjson_row_with_a_bad_later_answer_emits_nothing)
{
	const char *tc[] = {"a", "b", "c"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 3, .skip_bad = 1};
	struct run r;
	run(&r, &o, "f.ndjson",
	    "{\"id\":\"A\",\"a\":\"first answer\",\"b\":5,\"c\":\"third\"}\n"
	    "{\"id\":\"B\",\"a\":\"x\",\"b\":\"y\"}\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 2, "%.*s", (int)r.outlen, r.out);
	cr_assert_str_eq(str(r.rec[0], "id"), "B:q1");
	cr_assert_eq(r.st.rows, 2);
	cr_assert_eq(r.st.rejected, 1);
	cr_assert_eq(r.st.records, 2);
	cr_assert_eq(r.st.empty, 1); /* B's "c"; none of A's */
	done(&r);

	o.skip_bad = 0;
	run(&r, &o, "f.ndjson", "{\"id\":\"A\",\"a\":\"first answer\",\"b\":\"ok\",\"c\":\"bad\\u0000\"}\n");
	cr_assert_eq(r.rc, EX_DATAERR);
	cr_assert_str_eq(r.e.msg, "f.ndjson:1: NUL byte in \"c\"");
	cr_assert_eq(r.nrec, 0);
	done(&r);
}

Test(ingest_lossless, csv_row_with_a_bad_later_answer_emits_nothing)
{
	const char *tc[] = {"a", "b"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 2, .skip_bad = 1};
	struct run r;
	run(&r, &o, "t.csv", "a,b\nfirst answer,bad\xff\nx,y\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 2);
	cr_assert_str_eq(str(r.rec[0], "id"), "t.csv:3:q1");
	cr_assert_eq(r.st.rows, 2);
	cr_assert_eq(r.st.rejected, 1);
	done(&r);
}

/* ---- 6: --text-col naming a record key (the fuzz_ingest shape) --------------- */

Test(ingest_lossless, ndjson_text_key_that_is_a_record_key_is_kept)
{
	static const char *const keys[] = {"id", "locality", "date", "question", "source",
	                                   "channel"};
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
		const char *tc[] = {keys[k]};
		vp_ingest_opts o = {.text_cols = tc, .ntext = 1};
		struct run r;
		run(&r, &o, "fuzz.ndjson",
		    "{\"id\":\"A1\",\"locality\":\"Oakham\",\"date\":\"2026-01-02\",\"question\":\"Q?\","
		    "\"source\":\"web\",\"channel\":\"form\",\"text\":\"hello\"}\n");
		cr_assert_eq(r.rc, 0, "%s: %s", keys[k], r.e.msg);
		cr_assert_eq(r.nrec, 1, "%s", keys[k]);
		json_t *a = r.rec[0];
		/* the output contract (fuzz_ingest): a string id, a non-empty text */
		cr_assert(json_is_string(json_object_get(a, "id")), "%s: no id", keys[k]);
		cr_assert_str_eq(str(a, "locality"), "Oakham", "%s", keys[k]);
		cr_assert_str_eq(str(a, "date"), "2026-01-02", "%s", keys[k]);
		cr_assert_str_eq(str(a, "question"), "Q?", "%s", keys[k]);
		cr_assert_str_eq(str(a, "source"), "web", "%s", keys[k]);
		cr_assert_str_eq(str(a, "channel"), "form", "%s", keys[k]);
		cr_assert_str_eq(str(a, "text"), json_string_value(json_object_get(a, keys[k])),
		                 "%s", keys[k]);
		done(&r);
	}
	const char *tc[] = {"id"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1};
	struct run r;
	run(&r, &o, "fuzz.ndjson", "{\"id\":\"some words as id\"}\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 1);
	cr_assert_str_eq(str(r.rec[0], "id"), "some words as id");
	cr_assert_str_eq(str(r.rec[0], "text"), "some words as id");
	done(&r);
}

/* ---- 15: --skip-rows past the end ------------------------------------------ */

Test(ingest_lossless, skip_rows_past_the_end_is_a_data_error)
{
	const char *tc[] = {"t"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1, .skip_rows = 50};
	struct run r;
	run(&r, &o, "survey.csv", "banner\nt\nan answer\n");
	cr_assert_eq(r.rc, EX_DATAERR);
	cr_assert_str_eq(r.e.msg, "--skip-rows 50 is past the end of survey.csv (3 lines)");
	done(&r);
	o.skip_rows = 3; /* nothing left for a header */
	run(&r, &o, "survey.csv", "banner\nt\nan answer");
	cr_assert_eq(r.rc, EX_DATAERR);
	cr_assert_str_eq(r.e.msg, "--skip-rows 3 is past the end of survey.csv (3 lines)");
	done(&r);
	o.skip_rows = 1;
	run(&r, &o, "survey.csv", "banner\nt\nan answer\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 1);
	cr_assert_str_eq(str(r.rec[0], "id"), "survey.csv:3");
	done(&r);
	o.skip_rows = 0; /* an empty file is still fine */
	run(&r, &o, "empty.csv", "");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	done(&r);
}

/* ---- 19: UTF-16 and one-column headers --------------------------------------- */

/* UTF-16 is read (transcode.h), not refused: a .txt in UTF-16 is Excel's
 * "Unicode Text", a tab-separated table; a .csv in UTF-16 keeps its commas. */
Test(ingest_lossless, utf16_unicode_text_is_read_as_a_table)
{
	static const char le[] = "\xFF\xFEi\0d\0\t\0t\0e\0x\0t\0\r\0\n\0"
	                         "7\0\t\0C\0a\0f\0\xE9\0\r\0\n\0";
	const char *tc[] = {"text"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1, .id_col = "id"};
	struct run r;
	run_n(&r, &o, "survey.txt", le, sizeof le - 1);
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 1);
	cr_assert_str_eq(str(r.rec[0], "id"), "7");
	cr_assert_str_eq(str(r.rec[0], "text"), "Caf\xC3\xA9");
	cr_assert_str_eq(str(r.rec[0], "channel"), "survey");
	done(&r);
	static const char be[] = "\xFE\xFF\0i\0d\0,\0t\0e\0x\0t\0\n\0" "1\0,\0o\0k\0\n";
	run_n(&r, &o, "export.csv", be, sizeof be - 1);
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 1);
	cr_assert_str_eq(str(r.rec[0], "text"), "ok");
	done(&r);
	/* no BOM, but every other byte NUL: guessed, and read */
	static const char bare[] = "i\0d\0,\0t\0e\0x\0t\0\n\0" "2\0,\0h\0i\0\n\0";
	run_n(&r, &o, "x.csv", bare, sizeof bare - 1);
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 1);
	cr_assert_str_eq(str(r.rec[0], "text"), "hi");
	done(&r);
	/* bad UTF-16 says what is wrong, not "read error" */
	static const char odd[] = "\xFF\xFEi\0d\0,\0t\0e\0x\0t\0\n\0" "1\0,\0\x00\xD8x";
	run_n(&r, &o, "bad.csv", odd, sizeof odd - 1);
	cr_assert_eq(r.rc, EX_DATAERR, "%d %s", r.rc, r.e.msg);
	cr_assert(strstr(r.e.msg, "invalid UTF-16LE"), "%s", r.e.msg);
	done(&r);
}

/* A UTF-8 .txt whose first lines hold the same TABs is a table, others are
 * event notes. */
Test(ingest_lossless, txt_with_tabs_is_a_table)
{
	const char *tc[] = {"text"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1, .id_col = "id"};
	struct run r;
	static const char tsv[] = "id\ttext\n5\tThe parking was full\n";
	run_n(&r, &o, "export.txt", tsv, sizeof tsv - 1);
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 1);
	cr_assert_str_eq(str(r.rec[0], "text"), "The parking was full");
	done(&r);
	vp_ingest_opts notes = {0};
	static const char prose[] = "Melton event\n\nThe bus\tstops too early.\nSecond line.\n";
	run_n(&r, &notes, "notes.txt", prose, sizeof prose - 1);
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_str_eq(str(r.rec[0], "channel"), "event");
	done(&r);
}

/* A header with no comma but ';', TAB or '|' is read with that separator
 * (issue 12: sniffed unless given), and said; below banner lines, where
 * the header is not the first line, it is named with the --delimiter to
 * give (issue 16). */
Test(ingest_lossless, comma_free_header_sets_the_delimiter_or_suggests_it)
{
	const char *tc[] = {"Comment"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1};
	struct run r;
	run(&r, &o, "s.csv", "UserID;Name;Comment\n1;Ann;too far\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 1);
	cr_assert_str_eq(str(r.rec[0], "text"), "too far");
	cr_assert(strstr(r.notes, "s.csv: read with --delimiter ';' (its header has no comma"),
	          "%s", r.notes);
	done(&r);
	o.ntext = 0; /* guessed: the three columns, not one */
	run(&r, &o, "s.csv", "a\tb\tlong comment column\n1\t2\tthe words of a long answer\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert(strstr(r.notes, "read with --delimiter tab"), "%s", r.notes);
	done(&r);
	/* a comma in the header (outside quotes) keeps the comma */
	o.ntext = 1;
	run(&r, &o, "s.csv", "\"Comment; please\",x;y\nfine,1\n");
	cr_assert(!strstr(r.notes, "read with --delimiter"), "%s", r.notes);
	done(&r);
	/* below a banner: the hint */
	o.skip_rows = 1;
	run(&r, &o, "s.csv", "Export of 3 May\nUserID;Name;Comment\n1;Ann;too far\n");
	cr_assert_eq(r.rc, EX_USAGE);
	cr_assert_str_eq(r.e.msg, "s.csv:2: the header is one column, \"UserID;Name;Comment\"; "
	                          "try --delimiter ';'");
	done(&r);
	o.skip_rows = 0;
	/* a --delimiter given is never second-guessed */
	o.delim = ',';
	run(&r, &o, "s.csv", "Comment; please be brief\nfine\n");
	cr_assert_eq(r.rc, EX_USAGE); /* "Comment" is not the column's name */
	cr_assert(strstr(r.e.msg, "no such column"), "%s", r.e.msg);
	done(&r);
	o.delim = ';';
	run(&r, &o, "s.csv", "UserID;Name;Comment\n1;Ann;too far\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 1);
	done(&r);
}
