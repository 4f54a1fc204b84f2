/* Unit tests for vp_ingest(): input bytes in, NDJSON records out. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_run.h"
#include "voxpop/ingest.h"

static const char *str(json_t *rec, const char *path)
{
	const char *dot = strchr(path, '.');
	if (dot && strncmp(path, "fields", 6) == 0)
		return json_string_value(json_object_get(json_object_get(rec, "fields"), dot + 1));
	return json_string_value(json_object_get(rec, path));
}

static const char survey[] =
	"\xEF\xBB\xBFID,CCG area,Date,What could we do better?,Age,Anything else?\r\n"
	"R1,Leicester City,14/03/2026,\"Parking, as ever, was \"\"awful\"\" here\",35-44,\r\n"
	"R2, West Leicestershire ,2026-03-15,  ,65+,Nurses were lovely\r\n"
	"R3,,soon,\"Two lines\nabout the long wait\",18-24,\r\n";

Test(ingest, named_columns_make_one_record_per_answer)
{
	const char *tc[] = {"What could we do better?", "anything else?"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 2, .id_col = "ID",
	                    .locality_col = "ccg area", .date_col = "Date",
	                    .fields_mode = VP_FIELDS_ALL};
	struct run r;
	run(&r, &o, "data/survey.csv", survey);
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 3);
	cr_assert_eq(r.st.rows, 3);
	cr_assert_eq(r.st.records, 3);
	cr_assert_eq(r.st.empty, 3);

	json_t *a = r.rec[0];
	cr_assert_str_eq(str(a, "id"), "R1:q1");
	cr_assert_str_eq(str(a, "source"), "survey.csv");
	cr_assert_str_eq(str(a, "channel"), "survey");
	cr_assert_str_eq(str(a, "locality"), "Leicester City");
	cr_assert_str_eq(str(a, "date"), "2026-03-14");
	cr_assert_str_eq(str(a, "question"), "What could we do better?");
	cr_assert_str_eq(str(a, "text"), "Parking, as ever, was \"awful\" here");
	cr_assert_str_eq(str(a, "fields.Age"), "35-44");
	cr_assert_str_eq(str(a, "fields.Date"), "14/03/2026"); /* as written */
	cr_assert_null(json_object_get(json_object_get(a, "fields"), "Anything else?"));
	/* key order is the documented one */
	const char *want[] = {"id", "source", "channel", "locality", "date", "respondent",
	                      "question", "text", "fields"};
	size_t k = 0;
	const char *key;
	json_t *v;
	json_object_foreach(a, key, v) {
		cr_assert_str_eq(key, want[k]);
		k++;
	}
	cr_assert_eq(k, 9);
	cr_assert_str_eq(str(a, "respondent"), "R1"); /* the ID column, by its name */

	cr_assert_str_eq(str(r.rec[1], "id"), "R2:q2");
	cr_assert_str_eq(str(r.rec[1], "locality"), "West Leicestershire");
	cr_assert_str_eq(str(r.rec[1], "question"), "Anything else?");
	cr_assert_str_eq(str(r.rec[2], "date"), "soon");
	cr_assert_str_eq(str(r.rec[2], "locality"), "");
	cr_assert_str_eq(str(r.rec[2], "text"), "Two lines\nabout the long wait");
	done(&r);
}

Test(ingest, ids_without_id_column_are_source_and_line)
{
	const char *tc[] = {"What could we do better?"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1};
	struct run r;
	run(&r, &o, "survey.csv", survey);
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 2);
	cr_assert_str_eq(str(r.rec[0], "id"), "survey.csv:2");
	cr_assert_str_eq(str(r.rec[1], "id"), "survey.csv:4");
	/* the only column named like a date is the date, unnamed */
	cr_assert_str_eq(str(r.rec[0], "date"), "2026-03-14");
	cr_assert_str_eq(str(r.rec[0], "respondent"), "R1");
	done(&r);
}

/* Without a respondent column the row is the respondent: source:LINE. */
Test(ingest, respondent_is_the_row_without_a_respondent_column)
{
	const char *tc[] = {"c"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1};
	struct run r;
	run(&r, &o, "x.csv", "a,c\n1,some words here\n2,more\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 2);
	cr_assert_str_eq(str(r.rec[0], "respondent"), "x.csv:2");
	cr_assert_str_eq(str(r.rec[1], "respondent"), "x.csv:3");
	done(&r);
}

/* Dates in the declared order; others kept, counted, the first reported. */
Test(ingest, dates_in_the_order_and_the_rest_counted)
{
	const char *tc[] = {"t"};
	static const char in[] = "Date,t\n03/04/2026,a\n03/14/2026,b\n14/03/2026,c\n";
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1};
	struct run r;
	run(&r, &o, "d.csv", in);
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_str_eq(str(r.rec[0], "date"), "2026-04-03");
	cr_assert_str_eq(str(r.rec[1], "date"), "03/14/2026");
	cr_assert_str_eq(str(r.rec[2], "date"), "2026-03-14");
	cr_assert_eq(r.st.bad_dates, 1);
	vp_buf b = VP_BUF_INIT;
	cr_assert_eq(vp_ingest_bad_dates(&r.st, &b), 0);
	cr_assert_str_eq(b.data, "date: 1 value not read in dmy order, first at d.csv:3: "
	                         "03/14/2026; try --date-order mdy");
	vp_buf_free(&b);
	done(&r);

	o.date_order = VP_DATE_MDY;
	o.date_order_given = 1;
	run(&r, &o, "d.csv", in);
	cr_assert_str_eq(str(r.rec[0], "date"), "2026-03-04");
	cr_assert_str_eq(str(r.rec[1], "date"), "2026-03-14");
	cr_assert_str_eq(str(r.rec[2], "date"), "14/03/2026");
	cr_assert_eq(r.st.bad_dates, 1);
	done(&r);

	o.strict_dates = 1;
	run(&r, &o, "d.csv", in);
	cr_assert_eq(r.rc, 65);
	cr_assert_str_eq(r.e.msg, "d.csv:4: date \"14/03/2026\" is not a date in mdy order; "
	                          "try --date-order dmy");
	cr_assert_eq(r.nrec, 2);
	done(&r);
}

Test(ingest, guesses_free_text_columns_and_says_so)
{
	vp_ingest_opts o = {.locality_col = "CCG area"};
	struct run r;
	run(&r, &o, "survey.csv", survey);
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert(strstr(r.notes, "\"What could we do better?\"") != NULL, "%s", r.notes);
	cr_assert(strstr(r.notes, "guessed") != NULL, "%s", r.notes);
	cr_assert_null(strstr(r.notes, "\"CCG area\""), "%s", r.notes);
	cr_assert_eq(r.nrec, 2, "%s", r.notes);
	done(&r);
}

Test(ingest, guessing_with_more_rows_than_the_sample)
{
	/* rows after the sample go through the same path as sampled ones */
	char in[8192] = "n,comment\n";
	for (int i = 0; i < 30; i++)
		snprintf(in + strlen(in), sizeof in - strlen(in),
		         "%d,this is comment number %d about the parking\n", i, i);
	vp_ingest_opts o = {.sniff_rows = 7, .fields_mode = VP_FIELDS_ALL};
	struct run r;
	run(&r, &o, "x.csv", in);
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 30);
	cr_assert_str_eq(str(r.rec[29], "id"), "x.csv:31");
	cr_assert_str_eq(str(r.rec[6], "fields.n"), "6");
	cr_assert_str_eq(str(r.rec[7], "fields.n"), "7");
	done(&r);
}

Test(ingest, no_free_text_column_is_usage_error_listing_columns)
{
	vp_ingest_opts o = {0};
	struct run r;
	run(&r, &o, "nums.csv", "a,b\n1,2\n3,4\n");
	cr_assert_eq(r.rc, EX_USAGE);
	cr_assert_str_eq(r.e.msg, "nums.csv: no column looks like free text; name it with "
	                 "--text-col (columns: \"a\", \"b\")");
	done(&r);
}

/* FFT exports hold short answers ("ok", "good", "The nurse was kind") that
 * do not look like free text; a column whose header names free text is
 * taken when no column's answers look like it, but not one whose answers
 * are ratings or numbers. */
static void expect_named_guess(const char *in, const char *note, const char *text)
{
	vp_ingest_opts o = {0};
	struct run r;
	run(&r, &o, "fft.csv", in);
	cr_assert_eq(r.rc, 0, "%s: %s", in, r.e.msg);
	cr_assert(strstr(r.notes, note) != NULL, "%s: %s", in, r.notes);
	cr_assert_gt(r.nrec, 0, "%s", in);
	cr_assert_str_eq(str(r.rec[0], "text"), text, "%s", in);
	done(&r);
}

static void expect_no_guess(const char *in, const char *msg)
{
	vp_ingest_opts o = {0};
	struct run r;
	run(&r, &o, "fft.csv", in);
	cr_assert_eq(r.rc, EX_USAGE, "%s: %d %s", in, r.rc, r.notes);
	cr_assert_str_eq(r.e.msg, msg, "%s", in);
	cr_assert_eq(r.nrec, 0, "%s", in);
	done(&r);
}

Test(ingest, short_answers_guessed_from_the_column_name)
{
	vp_ingest_opts o = {0};
	struct run r;
	run(&r, &o, "fft.csv", "id,comment\n1,The nurse was kind\n2,ok\n3,good\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_str_eq(r.notes, "fft.csv: free-text column (guessed from its name): \"comment\"; "
	                 "choose with --text-col\n");
	cr_assert_eq(r.nrec, 3);
	cr_assert_str_eq(str(r.rec[0], "text"), "The nurse was kind");
	cr_assert_str_eq(str(r.rec[1], "text"), "ok");
	cr_assert_str_eq(str(r.rec[2], "question"), "comment");
	done(&r);

	expect_named_guess("Comment\nok\n", "(guessed from its name): \"Comment\"", "ok");
	static const char *const names[] = {"Comments", "Feedback", "Your feedback", "Response",
		"Answer", "Free text", "Other comments", "Any other comments (optional)",
		"What could we improve?", "Why did you give this rating?", "Please tell us why",
		"Is there anything else you would like to tell us?", "What was good about your visit?",
		NULL};
	for (const char *const *n = names; *n; n++) {
		char in[256], note[256];
		snprintf(in, sizeof in, "Ref,Age,\"%s\"\nA1,35-44,n/a\nA2,65+,Good\nA3,18-24,"
		         "Lovely staff\n", *n);
		snprintf(note, sizeof note, "(guessed from its name): \"%s\"; choose with --text-col", *n);
		expect_named_guess(in, note, "n/a");
	}
	/* several: all taken, as the guess from the answers does */
	expect_named_guess("id,Comments,What could we do better?\n1,ok,n/a\n2,good,parking\n",
	                   "free-text columns (guessed from their names): \"Comments\", "
	                   "\"What could we do better?\"; choose with --text-col", "ok");
	/* a rating beside the comments is not taken, even named like an answer */
	run(&r, &o, "fft.csv",
	    "id,How was your experience?,Your response,Score,Comment\n"
	    "1,Very good,Very good,9,ok\n2,Good,Good,10,good\n3,Very good,Very good,7,kind staff\n"
	    "4,Poor,Poor,3,n/a\n5,Very good,Very good,10,The nurse was kind\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_str_eq(r.notes, "fft.csv: free-text column (guessed from its name): \"Comment\"; "
	                 "choose with --text-col\n");
	cr_assert_eq(r.nrec, 5);
	done(&r);
	/* a column named for comments whose answers are numbers, or a rating
	 * scale's, or the same few again and again: still no free text */
	expect_no_guess("id,Comments\n1,5\n2,10\n3,7\n",
	                "fft.csv: no column looks like free text; name it with --text-col "
	                "(columns: \"id\", \"Comments\")");
	expect_no_guess("Response,Feedback\nYes,Extremely likely\nNo,Likely\nYes,Don't know\n",
	                "fft.csv: no column looks like free text; name it with --text-col "
	                "(columns: \"Response\", \"Feedback\")");
	expect_no_guess("Answer\nBlue\nRed\nBlue\nRed\nBlue\nRed\n",
	                "fft.csv: no column looks like free text; name it with --text-col "
	                "(columns: \"Answer\")");
	/* names that are not free text: an id, a date, a type, a rating */
	expect_no_guess("Response ID,Feedback date,Feedback type,Rating\nR1,01/02/2026,Ward,ok\n",
	                "fft.csv: no column looks like free text; name it with --text-col "
	                "(columns: \"Response ID\", \"Feedback date\", \"Feedback type\", "
	                "\"Rating\")");
}

Test(ingest, missing_named_column_lists_headers)
{
	const char *tc[] = {"Comments"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1};
	struct run r;
	run(&r, &o, "s.csv", "ID,Feedback\n1,x\n");
	cr_assert_eq(r.rc, EX_USAGE);
	cr_assert_str_eq(r.e.msg, "s.csv: --text-col \"Comments\": no such column "
	                 "(columns: \"ID\", \"Feedback\")");
	cr_assert_eq(r.nrec, 0);
	done(&r);
}

Test(ingest, header_only_and_empty_files_give_nothing)
{
	const char *tc[] = {"b"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1};
	struct run r;
	run(&r, &o, "h.csv", "a,b\r\n");
	cr_assert_eq(r.rc, 0);
	cr_assert_eq(r.nrec, 0);
	cr_assert_eq(r.st.rows, 0);
	done(&r);
	run_n(&r, &o, "e.csv", "", 0);
	cr_assert_eq(r.rc, 0);
	cr_assert_eq(r.nrec, 0);
	done(&r);
	vp_ingest_opts guess = {0};
	run(&r, &guess, "h.csv", "a,b\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg); /* nothing to guess from, nothing to do */
	done(&r);
}

Test(ingest, ragged_rows)
{
	const char *tc[] = {"text"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1, .fields_mode = VP_FIELDS_ALL};
	struct run r;
	/* short row: missing fields are empty; trailing empty extras are ignored */
	run(&r, &o, "r.csv", "text,a,b\nhello there,1\nsecond one,1,2,,\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 2);
	cr_assert_str_eq(str(r.rec[0], "fields.b"), "");
	done(&r);
	/* extra non-empty fields: the row is bad */
	run(&r, &o, "r.csv", "text,a\nok,1\nshifted, row,1\n");
	cr_assert_eq(r.rc, EX_DATAERR);
	cr_assert_str_eq(r.e.msg, "r.csv:3: row has 3 fields, header has 2");
	cr_assert_eq(r.nrec, 1);
	done(&r);
}

Test(ingest, skip_bad_counts_and_notes_bad_rows)
{
	const char *tc[] = {"text"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1, .skip_bad = 1};
	struct run r;
	static const char in[] = "text,a\nok,1\nshifted, row,1\nnul\0here,2\nbad \xE9,3\nfine,4\n";
	run_n(&r, &o, "r.csv", in, sizeof in - 1);
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 2);
	cr_assert_eq(r.st.rows, 5);
	cr_assert_eq(r.st.rejected, 3);
	cr_assert(strstr(r.notes, "r.csv:3: row has 3 fields, header has 2 (skipped)"), "%s", r.notes);
	cr_assert(strstr(r.notes, "r.csv:4: NUL byte in field \"text\" (skipped)"), "%s", r.notes);
	cr_assert(strstr(r.notes, "r.csv:5: invalid UTF-8"), "%s", r.notes);
	done(&r);
}

Test(ingest, nul_byte_is_data_error)
{
	const char *tc[] = {"text"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1};
	struct run r;
	static const char in[] = "text,a\nok,1\n\"two\nlines\",2\nx,y\0z\n";
	run_n(&r, &o, "n.csv", in, sizeof in - 1);
	cr_assert_eq(r.rc, EX_DATAERR);
	cr_assert_str_eq(r.e.msg, "n.csv:5: NUL byte in field \"a\"");
	done(&r);
}

Test(ingest, invalid_utf8_names_the_line_inside_a_multiline_field)
{
	const char *tc[] = {"text"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1};
	struct run r;
	run(&r, &o, "u.csv", "a,text\n\"x\ny\",\"line one\nline two caf\xE9\"\n");
	cr_assert_eq(r.rc, EX_DATAERR);
	cr_assert_str_eq(r.e.msg, "u.csv:4: invalid UTF-8 (byte 0xE9) in field \"text\"; "
	                 "try --encoding cp1252 (or macroman from a Mac)");
	done(&r);
}

Test(ingest, cp1252_converted)
{
	vp_err e;
	const char *tc[] = {"text"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1, .conv = vp_conv_open("cp1252", &e),
	                    .fields_mode = VP_FIELDS_ALL};
	cr_assert_not_null(o.conv);
	struct run r;
	run(&r, &o, "w.csv", "text,caf\xE9\nit\x92s \xA3" "5 to park,\xE9t\xE9\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 1);
	cr_assert_str_eq(str(r.rec[0], "text"), "it\xE2\x80\x99s \xC2\xA3" "5 to park");
	cr_assert_str_eq(str(r.rec[0], "fields.caf\xC3\xA9"), "\xC3\xA9t\xC3\xA9");
	done(&r);
	vp_conv_close(o.conv);
}

Test(ingest, skip_rows_and_line_numbers)
{
	const char *tc[] = {"Comment"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1, .skip_rows = 2};
	struct run r;
	run(&r, &o, "b.csv", "Survey export, \"unbalanced\nGenerated 2026-03-14\nComment\nfirst\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 1);
	cr_assert_str_eq(str(r.rec[0], "id"), "b.csv:4");
	done(&r);
}

Test(ingest, unterminated_quote_stops_or_is_counted_with_skip_bad)
{
	const char *tc[] = {"t"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1};
	struct run r;
	run(&r, &o, "q.csv", "t\nfine\n\"open\nand on\n");
	cr_assert_eq(r.rc, EX_DATAERR);
	cr_assert_str_eq(r.e.msg, "q.csv:3: unterminated quoted field: stray quote swallowed 1 line;"
	                          " rows read again from line 4");
	cr_assert_eq(r.nrec, 1);
	done(&r);
	o.skip_bad = 1;
	run(&r, &o, "q.csv", "t\nfine\n\"open\nand on\n");
	cr_assert_eq(r.rc, 0);
	cr_assert_eq(r.st.rejected, 1);
	/* one column: the line after the stray quote is a whole row */
	cr_assert_eq(r.nrec, 2);
	cr_assert_eq(r.st.rows, 3);
	cr_assert(strstr(r.notes, "q.csv:3: unterminated quoted field"), "%s", r.notes);
	done(&r);
}

Test(ingest, duplicate_headers_become_distinct_fields)
{
	const char *tc[] = {"Comment"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1, .fields_mode = VP_FIELDS_ALL};
	struct run r;
	run(&r, &o, "d.csv", "Ward,Ward,Comment\na,b,hello\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_str_eq(str(r.rec[0], "fields.Ward"), "a");
	cr_assert_str_eq(str(r.rec[0], "fields.Ward (2)"), "b");
	done(&r);
}

Test(ingest, channel_override)
{
	const char *tc[] = {"t"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1, .channel = "form"};
	struct run r;
	run(&r, &o, "-", "t\nhi\n");
	cr_assert_eq(r.rc, 0);
	cr_assert_str_eq(str(r.rec[0], "channel"), "form");
	cr_assert_str_eq(str(r.rec[0], "source"), "stdin");
	cr_assert_str_eq(str(r.rec[0], "id"), "stdin:2");
	done(&r);
}

Test(ingest, text_notes_with_header_block)
{
	vp_ingest_opts o = {.fields_mode = VP_FIELDS_ALL};
	struct run r;
	run(&r, &o, "notes/ev.txt",
	    "\nEvent: Melton Mowbray drop-in\nDate: 14/03/2026\nLocality: East Leicestershire and Rutland\n"
	    "---\n\nFirst comment\nwraps here.\n\n\n  \nSecond: with a colon\r\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 2);
	json_t *a = r.rec[0];
	cr_assert_str_eq(str(a, "id"), "ev.txt:7");
	cr_assert_str_eq(str(a, "channel"), "event");
	cr_assert_str_eq(str(a, "date"), "2026-03-14");
	cr_assert_str_eq(str(a, "locality"), "East Leicestershire and Rutland");
	cr_assert_str_eq(str(a, "text"), "First comment\nwraps here.");
	cr_assert_str_eq(str(a, "fields.event"), "Melton Mowbray drop-in");
	cr_assert_str_eq(str(r.rec[1], "id"), "ev.txt:12");
	cr_assert_str_eq(str(r.rec[1], "text"), "Second: with a colon");
	done(&r);
}

Test(ingest, text_without_header_block)
{
	vp_ingest_opts o = {0};
	struct run r;
	run(&r, &o, "n.txt", "Parking: awful, as usual\nand the wait too.\n\nNote: more\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 2);
	cr_assert_str_eq(str(r.rec[0], "text"), "Parking: awful, as usual\nand the wait too.");
	cr_assert_str_eq(str(r.rec[0], "id"), "n.txt:1");
	cr_assert_str_eq(str(r.rec[0], "date"), "");
	cr_assert_str_eq(str(r.rec[1], "text"), "Note: more");
	cr_assert_eq(json_object_size(json_object_get(r.rec[1], "fields")), 0);
	done(&r);
}

Test(ingest, text_bad_utf8_rejects_its_paragraph)
{
	vp_ingest_opts o = {.skip_bad = 1};
	struct run r;
	run(&r, &o, "n.txt", "good one\n\nbad \xFF one\nstill bad para\n\nlast\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 2);
	cr_assert_eq(r.st.rejected, 1);
	cr_assert(strstr(r.notes, "n.txt:3: invalid UTF-8"), "%s", r.notes);
	done(&r);
	o.skip_bad = 0;
	run(&r, &o, "n.txt", "good one\n\nbad \xFF one\n");
	cr_assert_eq(r.rc, EX_DATAERR);
	done(&r);
}

Test(ingest, ndjson_records_completed)
{
	vp_ingest_opts o = {0};
	struct run r;
	run(&r, &o, "form.ndjson",
	    "{\"text\":\"  Parking was hard \",\"date\":\"2026-03-02T09:14:00Z\",\"x\":1}\n"
	    "{\"id\":\"F-2\",\"text\":\"\",\"channel\":\"survey\"}\n"
	    "\n"
	    "{\"id\":7,\"text\":\"ok\",\"source\":\"web\",\"locality\":\"Oakham\"}\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 2);
	cr_assert_eq(r.st.empty, 1);
	json_t *a = r.rec[0];
	cr_assert_str_eq(str(a, "id"), "form.ndjson:1");
	cr_assert_str_eq(str(a, "source"), "form.ndjson");
	cr_assert_str_eq(str(a, "channel"), "form");
	cr_assert_str_eq(str(a, "text"), "Parking was hard");
	cr_assert_str_eq(str(a, "date"), "2026-03-02");
	cr_assert_str_eq(str(a, "locality"), "");
	cr_assert_eq(json_integer_value(json_object_get(a, "x")), 1);
	cr_assert_str_eq(str(r.rec[1], "id"), "7");
	cr_assert_str_eq(str(r.rec[1], "source"), "web");
	cr_assert_str_eq(str(r.rec[1], "locality"), "Oakham");
	done(&r);
}

Test(ingest, ndjson_text_key_and_bad_lines)
{
	const char *tc[] = {"comment"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1, .locality_col = "area", .skip_bad = 1,
	                    .id_col = "ref"};
	struct run r;
	run(&r, &o, "f.jsonl",
	    "{\"comment\":\"Too far to travel\",\"area\":\"Rutland\",\"ref\":\"W-9\"}\n"
	    "{\"comment\":42}\n"
	    "not json\n"
	    "{\"comment\":\"trunc");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 1);
	cr_assert_eq(r.st.rejected, 3);
	cr_assert_eq(r.st.rows, 4);
	json_t *a = r.rec[0];
	cr_assert_str_eq(str(a, "text"), "Too far to travel");
	cr_assert_str_eq(str(a, "id"), "W-9");
	cr_assert_str_eq(str(a, "question"), "comment");
	cr_assert_str_eq(str(a, "locality"), "Rutland");
	cr_assert_null(json_object_get(a, "comment"));
	done(&r);
}

Test(ingest, other_delimiter)
{
	const char *tc[] = {"text"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1, .delim = '\t'};
	struct run r;
	run(&r, &o, "t.tsv", "n\ttext\n1\tcommas, fine\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 1);
	cr_assert_str_eq(str(r.rec[0], "text"), "commas, fine");
	done(&r);
}

Test(ingest, bad_header_bytes_are_data_error)
{
	const char *tc[] = {"text"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1};
	struct run r;
	run(&r, &o, "h.csv", "caf\xE9,text\n1,hello there\n");
	cr_assert_eq(r.rc, EX_DATAERR);
	cr_assert_str_eq(r.e.msg, "h.csv:1: invalid UTF-8 (byte 0xE9) in the header; "
	                 "try --encoding cp1252 (or macroman from a Mac)");
	done(&r);
}

Test(ingest, personal_detail_columns_never_guessed_as_text)
{
	vp_ingest_opts o = {0};
	struct run r;
	run(&r, &o, "p.csv",
	    "Home address,Comment\n"
	    "\"14 Example Road, Melton Mowbray, LE13 0AB\",The clinic moved and now I need two buses\n"
	    "\"3 Sample Close, Oakham, LE15 6XX\",Reception staff were rude to my elderly father\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 2);
	cr_assert_str_eq(str(r.rec[0], "question"), "Comment");
	cr_assert_null(strstr(r.notes, "Home address\","), "%s", r.notes);
	done(&r);
}

/* Rows read while guessing the text columns are not lost when a bad row
 * follows them in the sample: they are written before the error, as with
 * named columns, and under skip_bad rows = records + empty + rejected. */
Test(ingest, rows_before_a_bad_row_in_the_guessing_sample_are_kept)
{
	static const char in[] = "id,Comment\n"
	                         "1,the car park is far too small for the clinic\n"
	                         "2,\"nobody answers the phone line in the morning\n"
	                         "and it runs on\n";
	vp_ingest_opts o = {0};
	struct run r;
	run(&r, &o, "g.csv", in);
	cr_assert_eq(r.rc, EX_DATAERR);
	cr_assert_str_eq(r.e.msg, "g.csv:3: unterminated quoted field: stray quote swallowed 1 line;"
	                          " no row after it has 2 fields");
	cr_assert_eq(r.nrec, 1);
	done(&r);
	o.skip_bad = 1;
	run(&r, &o, "g.csv", in);
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 1);
	cr_assert_str_eq(str(r.rec[0], "text"), "the car park is far too small for the clinic");
	cr_assert_eq(r.st.rejected, 1);
	cr_assert_eq(r.st.rows, 2);
	cr_assert(strstr(r.notes, "g.csv:3: unterminated quoted field: stray quote swallowed 1 line;"
	                          " no row after it has 2 fields (rest of file skipped)"),
	          "%s", r.notes);
	done(&r);
}

Test(ingest, skip_bad_skips_a_row_with_a_field_over_the_limit)
{
	const char *tc[] = {"text"};
	vp_ingest_opts o = {.text_cols = tc, .ntext = 1, .max_field = 10, .skip_bad = 1};
	struct run r;
	run(&r, &o, "l.csv", "id,text\n1,short\n2,\"far too long\nfor the limit\"\n3,fine\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 2);
	cr_assert_str_eq(str(r.rec[1], "text"), "fine");
	cr_assert_eq(r.st.rows, 3);
	cr_assert_eq(r.st.rejected, 1);
	cr_assert(strstr(r.notes, "l.csv:3: field longer than 10 bytes (skipped)"), "%s", r.notes);
	done(&r);
	/* the same while guessing the text column */
	vp_ingest_opts g = {.max_field = 50, .skip_bad = 1};
	run(&r, &g, "l.csv", "id,Comment\n1,the car park is far too small\n"
	    "2,this one goes on and on and on and on past the limit of fifty bytes\n"
	    "3,the phone line is always engaged\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 2);
	cr_assert_eq(r.st.rows, 3);
	cr_assert_eq(r.st.rejected, 1);
	done(&r);
}

/* Files with lone-CR line ends (old Mac exports) were one header row (CSV:
 * no records, exit 0) or one paragraph (text). */
Test(ingest, lone_cr_line_ends)
{
	vp_ingest_opts o = {0};
	struct run r;
	run(&r, &o, "mac.csv", "id,Comment\r1,the car park was full again today\r"
	    "2,waited three hours to be seen\r");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 2);
	cr_assert_str_eq(str(r.rec[1], "text"), "waited three hours to be seen");
	cr_assert_str_eq(str(r.rec[1], "id"), "mac.csv:3");
	done(&r);
	run(&r, &o, "mac.txt", "Date: 14/03/2026\r---\rFirst about parking.\rSecond line.\r\r"
	    "Second paragraph.\r");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 2);
	cr_assert_str_eq(str(r.rec[0], "text"), "First about parking.\nSecond line.");
	cr_assert_str_eq(str(r.rec[0], "date"), "2026-03-14");
	cr_assert_str_eq(str(r.rec[1], "id"), "mac.txt:6");
	done(&r);
}

/* A text line longer than --max-field rejects its paragraph (it is not
 * held whole in memory) and the next paragraph is read. */
Test(ingest, text_line_over_the_limit_rejects_its_paragraph)
{
	vp_ingest_opts o = {.max_field = 16, .skip_bad = 1};
	struct run r;
	run(&r, &o, "l.txt", "short one\n\nthis line is far longer than sixteen bytes\nmore\n\nlast\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 2);
	cr_assert_str_eq(str(r.rec[1], "text"), "last");
	cr_assert_eq(r.st.rejected, 1);
	cr_assert(strstr(r.notes, "l.txt:3: paragraph longer than 16 bytes"), "%s", r.notes);
	done(&r);
}

/* A number as id, locality or date is kept as written (it was replaced by
 * "" for locality and date, and by source:line for a non-integer id); any
 * other non-string value makes the record bad instead of being dropped. */
Test(ingest, ndjson_numbers_kept_other_types_rejected)
{
	vp_ingest_opts o = {.skip_bad = 1};
	struct run r;
	run(&r, &o, "f.ndjson",
	    "{\"id\":7.5,\"date\":20260302,\"locality\":12,\"text\":\"car park\"}\n"
	    "{\"id\":\"b\",\"locality\":[\"LE1\"],\"text\":\"car park\"}\n"
	    "{\"id\":\"c\",\"date\":{\"d\":1},\"text\":\"car park\"}\n"
	    "{\"id\":true,\"text\":\"car park\"}\n"
	    "{\"id\":null,\"locality\":null,\"text\":\"car park\"}\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 2);
	cr_assert_str_eq(str(r.rec[0], "id"), "7.5");
	cr_assert_str_eq(str(r.rec[0], "date"), "20260302");
	cr_assert_str_eq(str(r.rec[0], "locality"), "12");
	cr_assert_str_eq(str(r.rec[1], "id"), "f.ndjson:5");
	cr_assert_str_eq(str(r.rec[1], "locality"), "");
	cr_assert_eq(r.st.rejected, 3);
	cr_assert_eq(r.st.rows, 5);
	cr_assert(strstr(r.notes, "f.ndjson:2: \"locality\" is not a string or a number (skipped)"),
	          "%s", r.notes);
	cr_assert(strstr(r.notes, "f.ndjson:3: \"date\" is not a string or a number (skipped)"),
	          "%s", r.notes);
	cr_assert(strstr(r.notes, "f.ndjson:4: \"id\" is not a string or a number (skipped)"),
	          "%s", r.notes);
	done(&r);
}

/* A numeric "respondent" becomes a string as id, locality and date do (it
 * passed through as a number, and vp-count rejected every such record);
 * any other type is a bad record.  Numbers keep the text they were written
 * with ("1.10", "1e3"), and a NUL inside id, locality, date or respondent is
 * a bad record, as in the text (it cut the value). */
Test(ingest, ndjson_respondent_numbers_as_written_and_nul_in_values)
{
	vp_ingest_opts o = {.skip_bad = 1};
	struct run r;
	run(&r, &o, "f.ndjson",
	    "{\"id\":\"1\",\"text\":\"The parking is awful\",\"respondent\":17}\n"
	    "{\"id\":1.10,\"locality\":1e3,\"date\":-0.50,\"text\":\"car park\",\"respondent\":2.50}\n"
	    "{\"id\":\"3\",\"text\":\"car park\",\"respondent\":[1]}\n"
	    "{\"id\":\"a\\u0000b\",\"text\":\"car park\"}\n"
	    "{\"id\":\"5\",\"locality\":\"x\\u0000y\",\"text\":\"car park\"}\n"
	    "{\"id\":\"6\",\"date\":\"2026\\u0000\",\"text\":\"car park\"}\n"
	    "{\"id\":\"7\",\"respondent\":\"r\\u0000s\",\"text\":\"car park\"}\n"
	    "{\"id\":\"8\",\"respondent\":\"R-8\",\"text\":\"car park\"}\n");
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 3);
	cr_assert_str_eq(str(r.rec[0], "respondent"), "17");
	cr_assert_str_eq(str(r.rec[1], "id"), "1.10");
	cr_assert_str_eq(str(r.rec[1], "locality"), "1e3");
	cr_assert_str_eq(str(r.rec[1], "date"), "-0.50");
	cr_assert_str_eq(str(r.rec[1], "respondent"), "2.50");
	cr_assert_str_eq(str(r.rec[2], "respondent"), "R-8");
	cr_assert_eq(r.st.rejected, 5);
	cr_assert(strstr(r.notes, "f.ndjson:3: \"respondent\" is not a string or a number (skipped)"),
	          "%s", r.notes);
	cr_assert(strstr(r.notes, "f.ndjson:4: NUL byte in \"id\" (skipped)"), "%s", r.notes);
	cr_assert(strstr(r.notes, "f.ndjson:5: NUL byte in \"locality\" (skipped)"), "%s", r.notes);
	cr_assert(strstr(r.notes, "f.ndjson:6: NUL byte in \"date\" (skipped)"), "%s", r.notes);
	cr_assert(strstr(r.notes, "f.ndjson:7: NUL byte in \"respondent\" (skipped)"), "%s", r.notes);
	done(&r);
	o.skip_bad = 0;
	run(&r, &o, "f.ndjson", "{\"id\":\"a\\u0000b\",\"text\":\"car park\"}\n");
	cr_assert_eq(r.rc, EX_DATAERR);
	cr_assert_str_eq(r.e.msg, "f.ndjson:1: NUL byte in \"id\"");
	done(&r);
}

/* NDJSON dates follow the table rule: read in the date order, a value that
 * cannot be read is kept as written, counted for the report, and bad data
 * under strict_dates (they were never counted, and always read as dmy). */
Test(ingest, ndjson_unreadable_dates_counted_and_strict)
{
	static const char in[] = "{\"id\":\"a\",\"date\":\"soon\",\"text\":\"car park\"}\n"
	                         "{\"id\":\"b\",\"date\":\"14-Mar-26\",\"text\":\"car park\"}\n"
	                         "{\"id\":\"c\",\"date\":\"03/14/2026\",\"text\":\"car park\"}\n"
	                         "{\"id\":\"d\",\"date\":\"\",\"text\":\"car park\"}\n";
	vp_ingest_opts o = {0};
	struct run r;
	run(&r, &o, "d.ndjson", in);
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 4);
	cr_assert_str_eq(str(r.rec[0], "date"), "soon");
	cr_assert_str_eq(str(r.rec[1], "date"), "2026-03-14");
	cr_assert_str_eq(str(r.rec[2], "date"), "03/14/2026");
	cr_assert_eq(r.st.bad_dates, 2);
	cr_assert_str_eq(r.st.bad_date_at, "d.ndjson:1");
	done(&r);
	o.date_order = VP_DATE_MDY;
	o.date_order_given = 1;
	run(&r, &o, "d.ndjson", in);
	cr_assert_str_eq(str(r.rec[2], "date"), "2026-03-14");
	cr_assert_eq(r.st.bad_dates, 1);
	done(&r);
	o.date_order_given = 0;
	o.strict_dates = 1;
	run(&r, &o, "d.ndjson", in);
	cr_assert_eq(r.rc, EX_DATAERR);
	cr_assert_str_eq(r.e.msg, "d.ndjson:1: date \"soon\" is not a date in dmy order");
	done(&r);
	o.skip_bad = 1;
	run(&r, &o, "d.ndjson", in);
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 2);
	cr_assert_eq(r.st.rejected, 2);
	done(&r);
}

/* A Qualtrics export: rows whose Status is a preview, a test or spam are no
 * responses -- not read, counted (rows = records + empty + rejected + not
 * read), said at the end; an unfinished response is read; --keep-status
 * reads them all; a Status not known is read and remembered. */
static const char qualtrics[] =
	"StartDate,Status,Finished,ResponseId,Q1\n"
	"Start Date,Response Type,Finished,Response ID,What could we do better?\n"
	"\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"status\"\"}\","
	"\"{\"\"ImportId\"\":\"\"finished\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\","
	"\"{\"\"ImportId\"\":\"\"QID1_TEXT\"\"}\"\n"
	"2026-03-14,IP Address,True,R_1,The car park is full\n"
	"2026-03-14,Survey Preview,True,R_2,test please ignore\n"
	"2026-03-14,IP Address,False,R_3,Nobody rang me back\n"
	"2026-03-14,1,True,R_4,a numeric preview\n"
	"2026-03-14,Spam,True,R_5,cheap pills\n"
	"2026-03-14,Synthetic,True,R_6,a status not known\n"
	"2026-03-14,IP Address,True,R_7,\n";

Test(ingest, qualtrics_previews_tests_and_spam_not_read)
{
	vp_ingest_opts o = {0};
	struct run r;
	run(&r, &o, "q/survey.csv", qualtrics);
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 3, "%s", r.out);
	cr_assert_str_eq(str(r.rec[0], "id"), "R_1");
	cr_assert_str_eq(str(r.rec[1], "id"), "R_3"); /* unfinished: an answer */
	cr_assert_str_eq(str(r.rec[2], "id"), "R_6");
	cr_assert_eq(r.st.rows, 7);
	cr_assert_eq(r.st.records + r.st.empty + r.st.rejected + r.st.status_skipped, r.st.rows);
	cr_assert_eq(r.st.status_skipped, 3);
	int n;
	cr_assert_eq(r.st.status_count[vp_qstatus_find("Survey Preview", 14, &n)][0], 1);
	cr_assert_eq(r.st.status_count[vp_qstatus_find("Survey Preview", 14, &n)][1], 1);
	cr_assert_eq(r.st.status_count[vp_qstatus_find("Spam", 4, &n)][0], 1);
	cr_assert_eq(r.st.status_files, 1);
	cr_assert_str_eq(r.st.status_src, "q/survey.csv");
	cr_assert_eq(r.st.status_unknown, 1);
	cr_assert_eq(r.st.status_unknown_kinds, 1);
	cr_assert_str_eq(r.st.status_unknown_value[0], "Synthetic");
	vp_buf b = VP_BUF_INIT, u = VP_BUF_INIT;
	cr_assert_eq(vp_ingest_status_notes(&r.st, &b, &u), 0);
	cr_assert_str_eq(b.data, "q/survey.csv: 3 rows not read: Qualtrics Status \"Survey Preview\" "
	                         "1, 1 (Survey Preview) 1, \"Spam\" 1 (the author's tests and spam, "
	                         "not responses; --keep-status to read them)");
	cr_assert_str_eq(u.data, "q/survey.csv: 1 row with a Qualtrics Status not known, read as "
	                         "a response: \"Synthetic\" 1");
	vp_buf_free(&b);
	vp_buf_free(&u);
	done(&r);

	o.keep_status = 1;
	run(&r, &o, "q/survey.csv", qualtrics);
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert_eq(r.nrec, 6);
	cr_assert_eq(r.st.status_skipped, 0);
	cr_assert_eq(r.st.status_unknown, 0);
	done(&r);
}

/* The end-of-run line for repeated ids, and its honest bound when a file
 * held more ids than the set does. */
Test(ingest, dup_ids_said_with_the_bound)
{
	vp_ingest_stats st = {0};
	vp_buf b = VP_BUF_INIT;
	cr_assert_eq(vp_ingest_dup_ids(&st, &b), 0);
	cr_assert_eq(b.len, 0);
	st.dup_ids = 2;
	snprintf(st.dup_id_col, sizeof st.dup_id_col, "Ref");
	snprintf(st.dup_id_at, sizeof st.dup_id_at, "s.csv:3");
	snprintf(st.dup_id_value, sizeof st.dup_id_value, "A1");
	cr_assert_eq(vp_ingest_dup_ids(&st, &b), 0);
	cr_assert_str_eq(b.data, "\"Ref\": 2 rows with an id an earlier row of the file has (their "
	                 "records written with the same id), first at s.csv:3: A1");
	vp_buf_clear(&b);
	st.dup_id_checked = 786432;
	cr_assert_eq(vp_ingest_dup_ids(&st, &b), 0);
	cr_assert(strstr(b.data, "A1; ids were checked for the first 786432 different ones of a "
	                 "file only") != NULL, "%s", b.data);
	vp_buf_free(&b);
}

/* The end-of-run line for files of one name in different folders. */
Test(ingest, same_names_said)
{
	vp_ingest_stats st = {0};
	vp_buf b = VP_BUF_INIT;
	cr_assert_eq(vp_ingest_same_names(&st, &b), 0);
	cr_assert_eq(b.len, 0);
	st.same_names = 2;
	snprintf(st.same_name_at, sizeof st.same_name_at, "2026/survey.csv");
	snprintf(st.same_name_of, sizeof st.same_name_of, "2025/survey.csv");
	cr_assert_eq(vp_ingest_same_names(&st, &b), 0);
	cr_assert_str_eq(b.data, "2026/survey.csv: the same name as 2025/survey.csv (as had 1 other "
	                 "file): the records of both have source \"survey.csv\", so their "
	                 "source:LINE ids and respondents can be the same (ids leave out the "
	                 "folder); give each file a name of its own");
	vp_buf_free(&b);
}

/* The end-of-run line for a file read twice: one, or several. */
Test(ingest, dup_files_said)
{
	vp_ingest_stats st = {0};
	vp_buf b = VP_BUF_INIT;
	cr_assert_eq(vp_ingest_dup_files(&st, &b), 0);
	cr_assert_eq(b.len, 0);
	st.dup_files = 1;
	st.dup_file_records = 1;
	snprintf(st.dup_file_at, sizeof st.dup_file_at, "./a.csv");
	snprintf(st.dup_file_of, sizeof st.dup_file_of, "a.csv");
	cr_assert_eq(vp_ingest_dup_files(&st, &b), 0);
	cr_assert_str_eq(b.data, "./a.csv: the same file as a.csv, read again: its 1 record written "
	                 "twice (counted twice by what reads them; give each file once)");
	vp_buf_clear(&b);
	st.dup_files = 3;
	st.dup_file_records = 12;
	cr_assert_eq(vp_ingest_dup_files(&st, &b), 0);
	cr_assert_str_eq(b.data, "./a.csv: the same file as a.csv, read again (as was 2 other "
	                 "files): their 12 records written twice (counted twice by what reads "
	                 "them; give each file once)");
	vp_buf_clear(&b);
	st.dup_files = 1;
	st.dup_file_copy = 1; /* the same bytes under another name */
	snprintf(st.dup_file_at, sizeof st.dup_file_at, "b.csv");
	cr_assert_eq(vp_ingest_dup_files(&st, &b), 0);
	cr_assert_str_eq(b.data, "b.csv: the same bytes as a.csv (a copy), read again: its 12 "
	                 "records written twice (counted twice by what reads them; give each "
	                 "file once)");
	vp_buf_free(&b);
}

/* --progress: told the bytes of the input read so far, as it is read, up
 * to all of it; the records the same as without. */
struct told { unsigned calls; unsigned long long last; int backwards; };

static void tell_progress(void *ctx, unsigned long long bytes)
{
	struct told *t = ctx;
	t->backwards |= t->calls && bytes < t->last;
	t->last = bytes;
	t->calls++;
}

Test(ingest, progress_is_told_the_bytes_read)
{
	struct told t = {0};
	vp_ingest_opts o = {.progress = tell_progress, .progress_ctx = &t};
	struct run r, plain;
	run(&r, &o, "survey.csv", survey);
	vp_ingest_opts po = {0};
	run(&plain, &po, "survey.csv", survey);
	cr_assert_eq(r.rc, 0, "%s", r.e.msg);
	cr_assert(t.calls > 0);
	cr_assert_not(t.backwards);
	cr_assert_eq(t.last, strlen(survey));
	cr_assert_eq(r.outlen, plain.outlen);
	cr_assert_eq(memcmp(r.out, plain.out, r.outlen), 0);
	done(&r);
	done(&plain);
}
