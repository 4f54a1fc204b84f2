#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <string.h>

#include "memout.h"

#include "voxpop/record.h"

static FILE *mem(const char *s)
{
	FILE *fp = fmemopen((void *)s, strlen(s), "r");
	cr_assert_not_null(fp);
	return fp;
}

Test(record, reads_objects_skips_blank_lines)
{
	FILE *fp = mem("{\"id\":\"a\"}\n\n{\"id\":\"b\",\"x\":[1]}\r\n");
	vp_reader r;
	vp_err e;
	json_t *j;
	vp_reader_init(&r, fp, "in.ndjson", "test");
	cr_assert_eq(vp_reader_next(&r, &j, &e), 1);
	cr_assert_str_eq(vp_record_str(j, "id"), "a");
	json_decref(j);
	cr_assert_eq(vp_reader_next(&r, &j, &e), 1);
	cr_assert_str_eq(vp_record_str(j, "id"), "b");
	cr_assert_eq(r.lineno, 3);
	json_decref(j);
	cr_assert_eq(vp_reader_next(&r, &j, &e), 0);
	vp_reader_free(&r);
	fclose(fp);
}

Test(record, bad_line_is_data_error_with_location)
{
	FILE *fp = mem("{\"id\":1}\n[1,2]\n");
	vp_reader r;
	vp_err e;
	json_t *j;
	vp_reader_init(&r, fp, "in.ndjson", "test");
	cr_assert_eq(vp_reader_next(&r, &j, &e), 1);
	json_decref(j);
	cr_assert_eq(vp_reader_next(&r, &j, &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "in.ndjson:2: record is not a JSON object");
	vp_reader_free(&r);
	fclose(fp);
}

Test(record, truncated_last_line_named_as_such)
{
	FILE *fp = mem("{\"id\":1}\n{\"id\":\"abc");
	vp_reader r;
	vp_err e;
	json_t *j;
	vp_reader_init(&r, fp, "in", "test");
	cr_assert_eq(vp_reader_next(&r, &j, &e), 1);
	json_decref(j);
	cr_assert_eq(vp_reader_next(&r, &j, &e), EX_DATAERR);
	cr_assert(strstr(e.msg, "in:2: truncated JSON line") == e.msg, "%s", e.msg);
	vp_reader_free(&r);
	fclose(fp);
}

Test(record, skip_bad_counts_rejected, .init = cr_redirect_stderr)
{
	FILE *fp = mem("{\"a\":1}\nnot json\n{\"a\":2}\n\"str\"\n");
	vp_reader r;
	vp_err e;
	json_t *j;
	int n = 0;
	vp_reader_init(&r, fp, "in", "test");
	r.skip_bad = 1;
	while (vp_reader_next(&r, &j, &e) == 1) {
		n++;
		json_decref(j);
	}
	cr_assert_eq(n, 2);
	cr_assert_eq(r.records, 2);
	cr_assert_eq(r.rejected, 2);
	vp_reader_free(&r);
	fclose(fp);
}

Test(record, write_is_one_compact_line_in_key_order)
{
	struct memout m;
	FILE *fp = memout_open(&m);
	json_t *j = json_pack("{s:s, s:i, s:s}", "z", "é", "a", 1, "m", "x");
	vp_err e;
	cr_assert_eq(vp_record_write(fp, j, &e), 0);
	cr_assert_eq(vp_output_close(fp, &e), 0);
	char *out = memout_close(&m);
	cr_assert_str_eq(out, "{\"z\":\"é\",\"a\":1,\"m\":\"x\"}\n");
	free(out);
	json_decref(j);
}

Test(record, line_then_parse_is_next_in_two_steps)
{
	FILE *fp = mem("\n{\"id\":1}\r\n  \n{\"id\":");
	vp_reader r;
	vp_err e;
	json_t *j;
	vp_reader_init(&r, fp, "in", "test");
	cr_assert_eq(vp_reader_line(&r, &e), 1);
	cr_assert_eq(r.lineno, 2);
	cr_assert_eq(r.len, 8);
	cr_assert_str_eq(r.line, "{\"id\":1}");
	cr_assert_eq(vp_reader_parse(&r, &j, &e), 1);
	cr_assert_eq(r.records, 1);
	json_decref(j);
	cr_assert_eq(vp_reader_line(&r, &e), 1);
	cr_assert_eq(r.lineno, 4);
	cr_assert_eq(vp_reader_parse(&r, &j, &e), EX_DATAERR);
	cr_assert(strstr(e.msg, "in:4: truncated JSON line") == e.msg, "%s", e.msg);
	cr_assert_eq(vp_reader_line(&r, &e), 0);
	vp_reader_free(&r);
	fclose(fp);
}

/* Regression (QA F4): Windows tools write a UTF-8 BOM before the first line. */
Test(record, bom_before_first_line_is_skipped)
{
	FILE *fp = mem("\xEF\xBB\xBF{\"id\":\"a\"}\n\xEF\xBB\xBF{\"id\":\"b\"}\n");
	vp_reader r;
	vp_err e;
	json_t *j;
	vp_reader_init(&r, fp, "in.ndjson", "test");
	cr_assert_eq(vp_reader_next(&r, &j, &e), 1, "%s", e.msg);
	cr_assert_str_eq(vp_record_str(j, "id"), "a");
	cr_assert_eq(r.len, strlen("{\"id\":\"a\"}"));
	cr_assert_str_eq(r.line, "{\"id\":\"a\"}");
	json_decref(j);
	/* only the first line may carry one */
	cr_assert_eq(vp_reader_next(&r, &j, &e), EX_DATAERR);
	vp_reader_free(&r);
	fclose(fp);
}

/* Issue 16 #8: a line longer than max_line is a bad record naming file:line;
 * with skip_bad it is skipped without being held (the buffer stays small)
 * and the next line is read; a line of exactly max_line bytes is fine. */
Test(record, line_longer_than_max_line_is_bad, .init = cr_redirect_stderr)
{
	const char *text = "{\"id\":\"a\"}\n{\"id\":\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"}\n"
	                   "{\"id\":\"c\"}\n{\"id\":\"dddddddddddddddddddddddddddddddd\"}";
	vp_reader r;
	vp_err e;
	json_t *j;
	FILE *fp = mem(text);
	vp_reader_init(&r, fp, "in.ndjson", "test");
	r.max_line = 16;
	cr_assert_eq(vp_reader_next(&r, &j, &e), 1);
	json_decref(j);
	cr_assert_eq(vp_reader_next(&r, &j, &e), 65);
	cr_assert_str_eq(e.msg, "in.ndjson:2: line longer than 16 bytes (--max-line)");
	vp_reader_free(&r);
	fclose(fp);

	fp = mem(text);
	vp_reader_init(&r, fp, "in.ndjson", "test");
	r.max_line = 16;
	r.skip_bad = 1;
	cr_assert_eq(vp_reader_next(&r, &j, &e), 1);
	json_decref(j);
	cr_assert_eq(vp_reader_next(&r, &j, &e), 1);
	cr_assert_str_eq(vp_record_str(j, "id"), "c");
	cr_assert_eq(r.lineno, 3);
	json_decref(j);
	cr_assert_eq(vp_reader_next(&r, &j, &e), 0); /* the unterminated last line too */
	cr_assert_eq(r.rejected, 2);
	cr_assert_leq(r.cap, 18);
	vp_reader_free(&r);
	fclose(fp);

	fp = mem("{\"id\":\"abcdefg\"}\n"); /* 16 bytes: accepted */
	vp_reader_init(&r, fp, "in.ndjson", "test");
	r.max_line = 16;
	cr_assert_eq(vp_reader_next(&r, &j, &e), 1);
	json_decref(j);
	vp_reader_free(&r);
	fclose(fp);
}

/* The bounded reader keeps lines holding NUL bytes whole (their length is
 * not strlen's), across buffer refills too. */
Test(record, nul_bytes_and_long_lines_keep_their_length)
{
	static char text[20000];
	size_t n = 0;
	memcpy(text, "{\"a\":\"x\0y\"}\n", 12);
	n = 12;
	text[n++] = '{';
	for (int i = 0; i < 9000; i++)
		text[n++] = i % 1000 == 0 ? '\0' : ' ';
	text[n++] = '}';
	text[n++] = '\n';
	memcpy(text + n, "{}", 2); /* no final newline */
	n += 2;
	FILE *fp = fmemopen(text, n, "r");
	cr_assert_not_null(fp);
	vp_reader r;
	vp_err e;
	vp_reader_init(&r, fp, "in", "test");
	cr_assert_eq(vp_reader_line(&r, &e), 1);
	cr_assert_eq(r.len, 11);
	cr_assert(r.terminated);
	cr_assert_eq(vp_reader_line(&r, &e), 1);
	cr_assert_eq(r.len, 9002);
	cr_assert_eq(r.line[9001], '}');
	cr_assert_eq(vp_reader_line(&r, &e), 1);
	cr_assert_eq(r.len, 2);
	cr_assert(!r.terminated);
	cr_assert_eq(vp_reader_line(&r, &e), 0);
	vp_reader_free(&r);
	fclose(fp);
}

/* Lines are found in the stream's buffer where they are whole there, and
 * read piece by piece where they run across a refill: every line of a file
 * of lines of every length 0..700 (NUL bytes and CRs in some), far bigger
 * than the buffer, comes back byte for byte, and a line one byte over
 * max_line is still refused whichever way it was read. */
Test(record, every_line_whole_across_buffer_refills)
{
	FILE *fp = tmpfile();
	cr_assert_not_null(fp);
	char line[800];
	size_t nlines = 0;
	for (int rep = 0; rep < 3; rep++)
		for (size_t len = 0; len <= 700; len++, nlines++) {
			for (size_t i = 0; i < len; i++)
				line[i] = (char)(i % 97 == 5 ? '\0' : 'a' + (i + len) % 26);
			cr_assert_eq(fwrite(line, 1, len, fp), len);
			cr_assert_neq(putc('\n', fp), EOF);
		}
	rewind(fp);
	vp_reader r;
	vp_err e;
	vp_reader_init(&r, fp, "in", "test");
	size_t got = 0;
	for (int rep = 0; rep < 3; rep++)
		for (size_t len = 0; len <= 700; len++) {
			if (len == 0 || (len == 1 && line[0] == ' '))
				continue; /* blank lines are skipped */
			cr_assert_eq(vp_reader_line(&r, &e), 1, "line of %zu", len);
			for (size_t i = 0; i < len; i++)
				line[i] = (char)(i % 97 == 5 ? '\0' : 'a' + (i + len) % 26);
			cr_assert_eq(r.len, len, "length %zu read as %zu", len, r.len);
			cr_assert(memcmp(r.line, line, len) == 0, "line of %zu changed", len);
			/* NUL-terminated, also where it lies in the stream's buffer */
			cr_assert_eq(r.line[len], '\0', "line of %zu not terminated", len);
			got++;
		}
	cr_assert_eq(vp_reader_line(&r, &e), 0);
	cr_assert_eq(got, nlines - 3);
	vp_reader_free(&r);

	rewind(fp);
	vp_reader_init(&r, fp, "in", "test");
	r.max_line = 300;
	cr_assert_eq(vp_reader_line(&r, &e), 1);
	cr_assert_eq(r.len, 1);
	for (size_t len = 2; len <= 300; len++) {
		cr_assert_eq(vp_reader_line(&r, &e), 1);
		cr_assert_eq(r.len, len);
	}
	cr_assert_eq(vp_reader_line(&r, &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "in:302: line longer than 300 bytes (--max-line)");
	vp_reader_free(&r);
	fclose(fp);
}
