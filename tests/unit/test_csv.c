#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/buf.h"
#include "voxpop/csv.h"

/* Parse all of s[0..n) and render it as rows "a|b|c" joined by "\n",
 * so a whole case is one string comparison.  Returns the final code. */
static int parse_n(const char *s, size_t n, const vp_csv_opts *o, char *out,
                   size_t outsz, vp_err *e)
{
	FILE *fp = n ? fmemopen((void *)s, n, "r") : fopen("/dev/null", "r");
	cr_assert_not_null(fp);
	vp_csv *c = vp_csv_open(fp, "t.csv", o);
	cr_assert_not_null(c);
	size_t used = 0;
	out[0] = '\0';
	int rc;
	while ((rc = vp_csv_next(c, e)) == 1) {
		for (size_t i = 0; i < vp_csv_nfields(c); i++) {
			size_t len;
			const char *f = vp_csv_field(c, i, &len);
			cr_assert_eq(f[len], '\0');
			int w = snprintf(out + used, outsz - used, "%s%s", i ? "|" : "", f);
			cr_assert(w >= 0 && (size_t)w < outsz - used);
			used += (size_t)w;
		}
		int w = snprintf(out + used, outsz - used, "\n");
		used += (size_t)w;
	}
	vp_csv_close(c);
	fclose(fp);
	return rc;
}

static int parse(const char *s, char *out, vp_err *e)
{
	return parse_n(s, strlen(s), NULL, out, 4096, e);
}

#define ROWS(in, want)                                          \
	do {                                                    \
		char out_[4096];                                \
		vp_err e_;                                      \
		cr_assert_eq(parse(in, out_, &e_), 0, "%s", e_.msg); \
		cr_assert_str_eq(out_, want);                   \
	} while (0)

Test(csv, simple_rows_lf_and_crlf)
{
	ROWS("a,b,c\n1,2,3\n", "a|b|c\n1|2|3\n");
	ROWS("a,b,c\r\n1,2,3\r\n", "a|b|c\n1|2|3\n");
}

Test(csv, eof_without_newline)
{
	ROWS("a,b\n1,2", "a|b\n1|2\n");
	ROWS("a,b\r\n1,2\r", "a|b\n1|2\n");
}

Test(csv, empty_fields_and_trailing_delimiter)
{
	ROWS(",,\n", "||\n");
	ROWS("a,\n", "a|\n");
	ROWS("a,", "a|\n");
}

Test(csv, quoted_fields_with_delimiters_quotes_newlines)
{
	ROWS("\"a,b\",c\n", "a,b|c\n");
	ROWS("\"say \"\"hi\"\"\",x\n", "say \"hi\"|x\n");
	ROWS("\"line1\nline2\",x\n", "line1\nline2|x\n");
	ROWS("\"line1\r\nline2\",x\r\n", "line1\r\nline2|x\n");
	ROWS("\"\"\n", "\n");         /* one empty quoted field is a row */
	ROWS("\"\",\"\"\n", "|\n");
	ROWS("\"a\"", "a\n");         /* closing quote at EOF */
}

Test(csv, lenient_quotes)
{
	ROWS("5\" screen,x\n", "5\" screen|x\n");
	ROWS("\"ab\"cd,x\n", "abcd|x\n");
}

/* Old Mac exports ("CSV (Macintosh)") end lines with a lone CR: outside
 * quotes it ends the row, as in spreadsheets; inside quotes it is data. */
Test(csv, lone_cr_ends_a_row_outside_quotes)
{
	ROWS("a\rb,c\n", "a\nb|c\n");
	ROWS("id,Comment\r1,x\r2,\"y\rz\"\r", "id|Comment\n1|x\n2|y\rz\n");
	ROWS("a\r\rb\r", "a\nb\n");
	FILE *fp = fmemopen((void *)"h\r1\r2\r", 6, "r");
	vp_csv *c = vp_csv_open(fp, "t", NULL);
	vp_err e;
	for (unsigned long want = 1; want <= 3; want++) {
		cr_assert_eq(vp_csv_next(c, &e), 1);
		cr_assert_eq(vp_csv_line(c), want);
	}
	cr_assert_eq(vp_csv_next(c, &e), 0);
	vp_csv_close(c);
	fclose(fp);
}

/* ... and inside quotes a lone CR is data but still a line end for the
 * line numbers, as an editor shows it (a CRLF there is one line end, also
 * split between two blocks of input). */
static void lines_are(const char *s, size_t n, const unsigned long *want, size_t nwant)
{
	FILE *fp = fmemopen((void *)s, n, "r");
	cr_assert_not_null(fp);
	vp_csv *c = vp_csv_open(fp, "t", NULL);
	cr_assert_not_null(c);
	vp_err e;
	for (size_t i = 0; i < nwant; i++) {
		cr_assert_eq(vp_csv_next(c, &e), 1, "row %zu", i + 1);
		cr_assert_eq(vp_csv_line(c), want[i], "row %zu at line %lu, not %lu", i + 1,
		             vp_csv_line(c), want[i]);
	}
	cr_assert_eq(vp_csv_next(c, &e), 0);
	vp_csv_close(c);
	fclose(fp);
}

Test(csv, lone_cr_in_quotes_is_a_line_end)
{
	ROWS("id,Comment\r1,\"two\rlines\"\r2,x\r", "id|Comment\n1|two\rlines\n2|x\n");
	static const char mac[] = "id,Comment\r1,\"two\rlines\"\r2,x\r";
	lines_are(mac, sizeof mac - 1, (const unsigned long[]){1, 2, 4}, 3);
	static const char crlf[] = "id,C\r\n1,\"a\r\nb\"\r\n2,x\r\n";
	lines_are(crlf, sizeof crlf - 1, (const unsigned long[]){1, 2, 4}, 3);
	static const char three[] = "h\n\"a\r\r\rb\"\nz\n";
	lines_are(three, sizeof three - 1, (const unsigned long[]){1, 2, 6}, 3);
	/* the CR the last byte of the first 64 KiB block read */
	enum { BLOCK = 64 * 1024 };
	char *big = malloc(BLOCK + 16);
	cr_assert_not_null(big);
	for (int lf = 0; lf < 2; lf++) {
		memcpy(big, "h\n\"", 3);
		memset(big + 3, 'a', BLOCK - 4);
		big[BLOCK - 1] = '\r';
		const char *tail = lf ? "\nb\"\nz\n" : "b\"\nz\n";
		memcpy(big + BLOCK, tail, strlen(tail));
		lines_are(big, BLOCK + strlen(tail), (const unsigned long[]){1, 2, 4}, 3);
	}
	free(big);
}

/* VP_CSV_NO_DELIM: one column, a line's whole text its field (commas,
 * ';', TABs and all), quotes still honoured. */
Test(csv, no_delimiter_one_column)
{
	vp_csv_opts o = {.delim = VP_CSV_NO_DELIM};
	char out[4096];
	vp_err e;
	static const char in[] = "comment\nfriendly, helpful staff\na;b\tc|d\n"
	                         "\"quoted, with a\nline break\"\n\"great\", said my mum\n\xff,x\n";
	cr_assert_eq(parse_n(in, sizeof in - 1, &o, out, sizeof out, &e), 0, "%s", e.msg);
	cr_assert_str_eq(out, "comment\nfriendly, helpful staff\na;b\tc|d\n"
	                 "quoted, with a\nline break\ngreat, said my mum\n\xff,x\n");
}

Test(csv, blank_lines_skipped)
{
	ROWS("a\n\n\nb\n", "a\nb\n");
	ROWS("a\r\n\r\nb\r\n\r\n", "a\nb\n");
}

Test(csv, utf8_bom_skipped_only_at_start)
{
	ROWS("\xEF\xBB\xBFh1,h2\n1,2\n", "h1|h2\n1|2\n");
	ROWS("h\n\xEF\xBB\xBFx\n", "h\n\xEF\xBB\xBFx\n");
	ROWS("\xEF\xBB\xBF", "");
	ROWS("\xEF\xBB", "\xEF\xBB\n");
}

Test(csv, empty_input_is_no_rows)
{
	char out[16];
	vp_err e;
	cr_assert_eq(parse_n("", 0, NULL, out, sizeof out, &e), 0);
	cr_assert_str_eq(out, "");
}

Test(csv, unterminated_quote_names_line_where_field_started)
{
	char out[4096];
	vp_err e;
	int rc = parse("h1,h2\n1,2\n3,\"never\nclosed\n\n", out, &e);
	cr_assert_eq(rc, EX_DATAERR);
	cr_assert_str_eq(e.msg, "t.csv:3: unterminated quoted field: stray quote swallowed 2 lines;"
	                        " no row after it has 2 fields");
	cr_assert_str_eq(out, "h1|h2\n1|2\n");
}

Test(csv, eof_reported_after_last_row_and_after_unterminated_quote)
{
	FILE *fp = fmemopen((void *)"a\n\"b\n", 5, "r");
	vp_csv *c = vp_csv_open(fp, "t", NULL);
	vp_err e;
	cr_assert_eq(vp_csv_next(c, &e), 1);
	cr_assert_not(vp_csv_eof(c));
	cr_assert_eq(vp_csv_next(c, &e), EX_DATAERR);
	cr_assert(vp_csv_eof(c));
	vp_csv_close(c);
	fclose(fp);

	vp_csv_opts o = {.max_field = 2};
	fp = fmemopen((void *)"abc\nd\n", 6, "r");
	c = vp_csv_open(fp, "t", &o);
	cr_assert_eq(vp_csv_next(c, &e), EX_DATAERR);
	cr_assert_not(vp_csv_eof(c)); /* a long field stops mid-input */
	vp_csv_close(c);
	fclose(fp);
}

Test(csv, line_numbers_count_newlines_in_quotes_and_blank_lines)
{
	FILE *fp = fmemopen((void *)"h\n\"a\nb\nc\"\n\nx\n", 13, "r");
	vp_csv *c = vp_csv_open(fp, "t", NULL);
	vp_err e;
	cr_assert_eq(vp_csv_next(c, &e), 1);
	cr_assert_eq(vp_csv_line(c), 1);
	cr_assert_eq(vp_csv_next(c, &e), 1);
	cr_assert_eq(vp_csv_line(c), 2);
	cr_assert_eq(vp_csv_next(c, &e), 1);
	cr_assert_eq(vp_csv_line(c), 6);
	cr_assert_str_eq(vp_csv_field(c, 0, NULL), "x");
	cr_assert_eq(vp_csv_next(c, &e), 0);
	vp_csv_close(c);
	fclose(fp);
}

Test(csv, nul_bytes_are_returned_with_length)
{
	static const char in[] = "a\0b,\"c\0\"\n";
	FILE *fp = fmemopen((void *)in, sizeof in - 1, "r");
	vp_csv *c = vp_csv_open(fp, "t", NULL);
	vp_err e;
	size_t len;
	cr_assert_eq(vp_csv_next(c, &e), 1);
	cr_assert_eq(vp_csv_nfields(c), 2);
	const char *f = vp_csv_field(c, 0, &len);
	cr_assert_eq(len, 3);
	cr_assert_eq(memcmp(f, "a\0b", 3), 0);
	f = vp_csv_field(c, 1, &len);
	cr_assert_eq(len, 2);
	cr_assert_eq(memcmp(f, "c\0", 2), 0);
	vp_csv_close(c);
	fclose(fp);
}

Test(csv, very_long_quoted_field_across_buffer_boundaries)
{
	size_t n = 3 * 1024 * 1024;
	char *in = malloc(n + 64);
	cr_assert_not_null(in);
	size_t k = 0;
	k += (size_t)sprintf(in, "id,text\n7,\"");
	for (size_t i = 0; i < n; i++)
		in[k++] = i % 1000 == 999 ? '\n' : (i % 500 == 0 ? '"' : 'x');
	/* quotes must be doubled inside */
	memcpy(in + k, "\"\n8,y\n", 6);
	k += 6;
	/* rewrite: double each lone quote in the body */
	char *esc = malloc(2 * k);
	size_t m = 0, bodystart = strlen("id,text\n7,\"");
	for (size_t i = 0; i < k; i++) {
		esc[m++] = in[i];
		if (i >= bodystart && i < bodystart + n && in[i] == '"')
			esc[m++] = '"';
	}
	FILE *fp = fmemopen(esc, m, "r");
	vp_csv *c = vp_csv_open(fp, "big.csv", NULL);
	vp_err e;
	size_t len;
	cr_assert_eq(vp_csv_next(c, &e), 1);
	cr_assert_eq(vp_csv_next(c, &e), 1, "%s", e.msg);
	const char *f = vp_csv_field(c, 1, &len);
	cr_assert_eq(len, n);
	cr_assert_eq(memcmp(f, in + bodystart, n), 0);
	cr_assert_eq(vp_csv_next(c, &e), 1);
	cr_assert_str_eq(vp_csv_field(c, 1, NULL), "y");
	cr_assert_eq(vp_csv_line(c), 2 + n / 1000 + 1);
	cr_assert_eq(vp_csv_next(c, &e), 0);
	vp_csv_close(c);
	fclose(fp);
	free(esc);
	free(in);
}

Test(csv, field_over_limit_is_data_error)
{
	char out[4096];
	vp_err e;
	vp_csv_opts o = {.max_field = 8};
	const char *in = "a,b\n123456789,x\n";
	cr_assert_eq(parse_n(in, strlen(in), &o, out, sizeof out, &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "t.csv:2: field longer than 8 bytes");
	const char *ok = "12345678,x\n";
	cr_assert_eq(parse_n(ok, strlen(ok), &o, out, sizeof out, &e), 0);
}

Test(csv, other_delimiter)
{
	char out[4096];
	vp_err e;
	vp_csv_opts o = {.delim = ';'};
	const char *in = "a;\"b;c\",d\n";
	cr_assert_eq(parse_n(in, strlen(in), &o, out, sizeof out, &e), 0);
	cr_assert_str_eq(out, "a|b;c,d\n");
}

Test(csv, many_fields_grow)
{
	char in[3000], want[3000];
	size_t k = 0, w = 0;
	for (int i = 0; i < 500; i++) {
		k += (size_t)sprintf(in + k, "%s%d", i ? "," : "", i % 10);
		w += (size_t)sprintf(want + w, "%s%d", i ? "|" : "", i % 10);
	}
	strcpy(in + k, "\n");
	strcpy(want + w, "\n");
	ROWS(in, want);
}

Test(csv, field_over_limit_consumes_its_row_so_reading_can_go_on)
{
	static const char in[] = "a,b\n\"12345\n6789\",x\nok,y\n";
	FILE *fp = fmemopen((void *)in, sizeof in - 1, "r");
	vp_csv_opts o = {.max_field = 4};
	vp_csv *c = vp_csv_open(fp, "t", &o);
	vp_err e;
	cr_assert_eq(vp_csv_next(c, &e), 1);
	cr_assert_eq(vp_csv_next(c, &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "t:2: field longer than 4 bytes");
	cr_assert_eq(vp_csv_next(c, &e), 1, "%s", e.msg);
	cr_assert_eq(vp_csv_nfields(c), 2);
	cr_assert_str_eq(vp_csv_field(c, 0, NULL), "ok");
	cr_assert_eq(vp_csv_line(c), 4);
	cr_assert_eq(vp_csv_next(c, &e), 0);
	vp_csv_close(c);
	fclose(fp);
}

Test(csv, a_row_of_one_field_over_the_limit_is_not_taken_for_a_blank_line)
{
	char out[4096];
	vp_err e;
	vp_csv_opts o = {.max_field = 4};
	const char *in = "a\n123456789\n";
	cr_assert_eq(parse_n(in, strlen(in), &o, out, sizeof out, &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "t.csv:2: field longer than 4 bytes");
}

/* ---- issue 16: a stray quote, --skip-rows ------------------------------ */

/* Read every row and error of s, rendering rows as "line:a|b" and errors
 * as "!msg", one per line; stops at the end or where nothing more can be read. */
static void trace(const char *s, const vp_csv_opts *o, char *out, size_t outsz)
{
	FILE *fp = fmemopen((void *)s, strlen(s), "r");
	cr_assert_not_null(fp);
	vp_csv *c = vp_csv_open(fp, "t.csv", o);
	cr_assert_not_null(c);
	size_t used = 0;
	out[0] = '\0';
	for (int guard = 0; guard < 100; guard++) {
		vp_err e = {0};
		int rc = vp_csv_next(c, &e);
		int w;
		if (rc == 0)
			break;
		if (rc != 1) {
			w = snprintf(out + used, outsz - used, "!%s\n", e.msg);
			cr_assert(w >= 0 && (size_t)w < outsz - used);
			used += (size_t)w;
			if (vp_csv_eof(c))
				break;
			continue;
		}
		w = snprintf(out + used, outsz - used, "%lu:", vp_csv_line(c));
		used += (size_t)w;
		for (size_t i = 0; i < vp_csv_nfields(c); i++) {
			w = snprintf(out + used, outsz - used, "%s%s", i ? "|" : "",
			             vp_csv_field(c, i, NULL));
			cr_assert(w >= 0 && (size_t)w < outsz - used);
			used += (size_t)w;
		}
		w = snprintf(out + used, outsz - used, "\n");
		used += (size_t)w;
	}
	vp_csv_close(c);
	fclose(fp);
}

Test(csv, stray_quote_is_named_and_reading_resumes_on_the_next_line)
{
	char out[4096];
	trace("id,text\n1,fine\n2,\"oops\n3,ok\n4,also\n", NULL, out, sizeof out);
	cr_assert_str_eq(out, "1:id|text\n2:1|fine\n"
	                      "!t.csv:3: unterminated quoted field: stray quote swallowed 2 lines;"
	                      " rows read again from line 4\n"
	                      "4:3|ok\n5:4|also\n");
}

Test(csv, stray_quote_resync_skips_lines_that_are_not_whole_rows)
{
	char out[4096];
	/* "b" and "x,y,z" are not rows of the header's 2 fields */
	trace("id,text\n2,\"a\nb\nx,y,z\n3,ok\n4,\"\"\"\"\n", NULL, out, sizeof out);
	cr_assert_str_eq(out, "1:id|text\n"
	                      "!t.csv:2: unterminated quoted field: stray quote swallowed 4 lines;"
	                      " rows read again from line 5\n"
	                      "5:3|ok\n6:4|\"\n");
}

Test(csv, stray_quote_with_no_whole_row_after_it_loses_the_rest_and_says_so)
{
	char out[4096];
	trace("id,text\n2,\"a\nb\nc", NULL, out, sizeof out);
	cr_assert_str_eq(out, "1:id|text\n"
	                      "!t.csv:2: unterminated quoted field: stray quote swallowed 2 lines;"
	                      " no row after it has 2 fields\n");
}

Test(csv, stray_quote_line_count_has_thousands_separators)
{
	vp_buf b = VP_BUF_INIT;
	cr_assert_eq(vp_buf_puts(&b, "a,b\n1,\"x\n"), 0);
	for (int i = 0; i < 9998; i++)
		cr_assert_eq(vp_buf_puts(&b, "more text\n"), 0);
	FILE *fp = fmemopen(b.data, b.len, "r");
	vp_csv *c = vp_csv_open(fp, "survey.csv", NULL);
	vp_err e;
	cr_assert_eq(vp_csv_next(c, &e), 1);
	cr_assert_eq(vp_csv_next(c, &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "survey.csv:2: unterminated quoted field: stray quote swallowed "
	                        "9,998 lines; no row after it has 2 fields");
	cr_assert(vp_csv_eof(c));
	vp_csv_close(c);
	fclose(fp);
	vp_buf_free(&b);
}

Test(csv, stray_quote_past_the_field_limit_still_named_where_it_opened)
{
	char out[4096];
	vp_csv_opts o = {.max_field = 6};
	trace("id,text\n2,\"abc\ndefgh\nijk\n3,ok\n", &o, out, sizeof out);
	cr_assert_str_eq(out, "1:id|text\n"
	                      "!t.csv:2: unterminated quoted field: stray quote swallowed 3 lines,"
	                      " more than 6 bytes: the rest is lost\n");
}

Test(csv, skip_lines_counts_lf_crlf_and_cr_and_says_when_the_input_ends)
{
	static const char in[] = "banner\r\nmore\rh1,h2\n1,2\n";
	FILE *fp = fmemopen((void *)in, sizeof in - 1, "r");
	vp_csv *c = vp_csv_open(fp, "t.csv", NULL);
	vp_err e;
	unsigned long seen = 0;
	cr_assert_eq(vp_csv_skip_lines(c, 2, &seen, &e), 0);
	cr_assert_eq(seen, 2);
	cr_assert_eq(vp_csv_next(c, &e), 1);
	cr_assert_str_eq(vp_csv_field(c, 0, NULL), "h1");
	cr_assert_eq(vp_csv_line(c), 3);
	vp_csv_close(c);
	fclose(fp);

	for (unsigned long skip = 4; skip <= 6; skip++) {
		fp = fmemopen((void *)in, sizeof in - 1, "r");
		c = vp_csv_open(fp, "t.csv", NULL);
		cr_assert_eq(vp_csv_skip_lines(c, skip, &seen, &e), 1, "skip %lu", skip);
		cr_assert_eq(seen, 4);
		cr_assert(vp_csv_eof(c));
		vp_csv_close(c);
		fclose(fp);
	}
	/* a last line without its end counts */
	fp = fmemopen((void *)"a\nb", 3, "r");
	c = vp_csv_open(fp, "t.csv", NULL);
	cr_assert_eq(vp_csv_skip_lines(c, 3, &seen, &e), 1);
	cr_assert_eq(seen, 2);
	vp_csv_close(c);
	fclose(fp);
}


/* Runs of plain bytes are found 16 at a time: a field of every length up to
 * 40 with the byte that ends it (delimiter, CRLF, LF; in quotes a doubled
 * quote, a newline, the closing quote) at every offset reads back as
 * written, with ';' as the delimiter too. */
Test(csv, field_ends_at_every_offset)
{
	char in[256], want[256], out[4096];
	for (int delim = 0; delim < 2; delim++) {
		char d = delim ? ';' : ',';
		vp_csv_opts o = {0};
		o.delim = d;
		for (size_t len = 0; len <= 40; len++)
			for (size_t at = 0; at <= len; at++) {
				char f[64];
				for (size_t i = 0; i < len; i++)
					f[i] = (char)('a' + i % 26);
				f[len] = '\0';
				/* unquoted field, then a quoted one with "" and a newline at at */
				int n = snprintf(in, sizeof in, "%.*s%c%.*s\r\n\"%.*s\"\"\n%s\"%cx\n",
				                 (int)at, f, d, (int)(len - at), f + at, (int)at, f,
				                 f + at, d);
				snprintf(want, sizeof want, "%.*s|%s\n%.*s\"\n%s|x\n", (int)at, f, f + at,
				         (int)at, f, f + at);
				vp_err e;
				cr_assert_eq(parse_n(in, (size_t)n, &o, out, sizeof out, &e), 0, "%s", e.msg);
				cr_assert_str_eq(out, want, "len %zu at %zu delim %c", len, at, d);
			}
	}
}

/* Memory is bounded by the row, and the row by max_row and a number of
 * fields: a row of small fields longer than max_row as a whole, or of
 * more than VP_CSV_MAX_FIELDS fields (a line of millions of commas took
 * 57 bytes a field), is a bad row, read to its end without being kept, and
 * the next row is read. */
Test(csv, row_over_the_limit_as_a_whole_is_a_bad_row)
{
	static const char in[] = "a,b,c\n1234,5678,abcd\nok,y,z\n";
	FILE *fp = fmemopen((void *)in, sizeof in - 1, "r");
	vp_csv_opts o = {.max_field = 8, .max_row = 12};
	vp_csv *c = vp_csv_open(fp, "t", &o);
	vp_err e;
	cr_assert_eq(vp_csv_next(c, &e), 1);
	cr_assert_eq(vp_csv_next(c, &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "t:2: row longer than 12 bytes");
	cr_assert_eq(vp_csv_next(c, &e), 1, "%s", e.msg);
	cr_assert_str_eq(vp_csv_field(c, 0, NULL), "ok");
	cr_assert_eq(vp_csv_next(c, &e), 0);
	vp_csv_close(c);
	fclose(fp);
}

Test(csv, row_of_too_many_fields_is_a_bad_row)
{
	size_t n = VP_CSV_MAX_FIELDS + 10;
	char *in = malloc(n + 64);
	cr_assert_not_null(in);
	size_t k = (size_t)sprintf(in, "a,b\nx");
	memset(in + k, ',', n);
	k += n;
	k += (size_t)sprintf(in + k, "\nok,y\n");
	FILE *fp = fmemopen(in, k, "r");
	vp_csv *c = vp_csv_open(fp, "t", NULL);
	vp_err e;
	cr_assert_eq(vp_csv_next(c, &e), 1);
	cr_assert_eq(vp_csv_next(c, &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "t:2: row has more than 262,144 fields");
	cr_assert_eq(vp_csv_next(c, &e), 1, "%s", e.msg);
	cr_assert_eq(vp_csv_nfields(c), 2);
	cr_assert_str_eq(vp_csv_field(c, 0, NULL), "ok");
	cr_assert_eq(vp_csv_next(c, &e), 0);
	vp_csv_close(c);
	fclose(fp);
	free(in);
	/* exactly VP_CSV_MAX_FIELDS is a row */
	char *ok = malloc(VP_CSV_MAX_FIELDS + 8);
	cr_assert_not_null(ok);
	memset(ok, ',', VP_CSV_MAX_FIELDS - 1);
	ok[VP_CSV_MAX_FIELDS - 1] = '\n';
	fp = fmemopen(ok, VP_CSV_MAX_FIELDS, "r");
	c = vp_csv_open(fp, "t", NULL);
	cr_assert_eq(vp_csv_next(c, &e), 1, "%s", e.msg);
	cr_assert_eq(vp_csv_nfields(c), VP_CSV_MAX_FIELDS);
	vp_csv_close(c);
	fclose(fp);
	free(ok);
}

/* vp_csv_widths: the rows of a buffer as the reader reads them (the
 * sniffers' view of an input's first bytes), a quoted line break inside a
 * row, blank lines as rows of 0, a row cut by the end of the buffer not
 * counted. */
Test(csv, widths_follow_the_readers_quote_rules)
{
	size_t w[8];
#define W(s, d) vp_csv_widths(s, strlen(s), d, w, 8)
	const char *xl = "ID\tComment\tArea\r\n1\tfine\tOadby\r\n2\t\"Two lines\nabout parking\"\tMelton\r\n";
	cr_assert_eq(W(xl, '\t'), 3);
	cr_assert(w[0] == 3 && w[1] == 3 && w[2] == 3);
	/* a quote inside an unquoted field is data; "" inside quotes is one */
	cr_assert_eq(W("a,5\" screen,b\n\"x \"\"q\"\", y\",z\n", ','), 2);
	cr_assert(w[0] == 3 && w[1] == 2);
	/* text after a closing quote is kept, its delimiter counts */
	cr_assert_eq(W("\"ab\"cd,e\n", ','), 1);
	cr_assert_eq(w[0], 2);
	/* LF, CRLF and a lone CR end rows; blank lines are rows of 0 */
	cr_assert_eq(W("a;b\r\rc;d\n\nx\r\n", ';'), 5);
	cr_assert(w[0] == 2 && w[1] == 0 && w[2] == 2 && w[3] == 0 && w[4] == 1);
	/* a cut row, or a CR at the very end (CRLF cut?), is not counted */
	cr_assert_eq(W("a,b\nc,d", ','), 1);
	cr_assert_eq(W("a,b\r", ','), 0);
	cr_assert_eq(W("a,\"open\nstill open\n", ','), 0);
	/* "" alone is a row of one empty field, not a blank line */
	cr_assert_eq(W("\"\"\n", ','), 1);
	cr_assert_eq(w[0], 1);
	/* at most max rows */
	cr_assert_eq(vp_csv_widths("a\nb\nc\n", 6, ',', w, 2), 2);
#undef W
}
