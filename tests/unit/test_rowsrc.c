/* Unit tests for the row-source interface (rowsrc.h): each reader yields
 * the rows the old ingest code read; a fake in-memory row source drives
 * the shared header code (vp_ingest_rows); the one record constructor. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/csv.h"
#include "voxpop/ingest.h"
#include "voxpop/record_new.h"
#include "voxpop/rowsrc.h"

static FILE *mem(const char *s)
{
	FILE *fp = fmemopen((void *)s, strlen(s), "r");
	cr_assert_not_null(fp);
	return fp;
}

/* ---- the CSV source: the same rows as vp_csv ---------------------------- */

static void same_rows_as_csv(const char *input, unsigned long skip, size_t max_field)
{
	FILE *a = mem(input), *b = mem(input);
	vp_err ea = {0}, eb = {0};
	vp_rowsrc_args args = {.in = a, .path = "t.csv", .skip_rows = skip, .max_field = max_field};
	vp_rowsrc *src;
	cr_assert_eq(vp_rowsrc_csv_open(&args, &src, &ea), 0);
	cr_assert_eq(src->clean, 0);
	cr_assert_null(src->layout);
	cr_assert_null(src->ops->header);
	for (unsigned long k = 0; k < skip; k++) {
		int ch;
		while ((ch = getc(b)) != EOF && ch != '\n')
			;
	}
	vp_csv_opts co = {.max_field = max_field, .first_line = skip + 1};
	vp_csv *csv = vp_csv_open(b, "t.csv", &co);
	for (;;) {
		vp_row row = {0};
		int ra = src->ops->next(src, &row, &ea);
		int rb = vp_csv_next(csv, &eb);
		cr_assert_eq(ra, rb, "next: %d, vp_csv_next: %d", ra, rb);
		if (ra != 1) {
			cr_assert_str_eq(ea.msg, eb.msg);
			if (ra == 0)
				break;
			cr_assert_eq(src->ops->lost_rest(src), vp_csv_eof(csv));
			if (vp_csv_eof(csv))
				break;
			continue;
		}
		cr_assert_null(row.bad);
		cr_assert_eq(row.line, vp_csv_line(csv));
		cr_assert_eq(row.n, vp_csv_nfields(csv));
		for (size_t i = 0; i < row.n; i++) {
			size_t n;
			const char *f = vp_csv_field(csv, i, &n);
			cr_assert_eq(row.len[i], n);
			cr_assert_eq(memcmp(row.cell[i], f, n), 0);
		}
	}
	vp_csv_close(csv);
	vp_rowsrc_close(src);
	fclose(a);
	fclose(b);
}

Test(rowsrc_csv, same_rows_as_the_csv_reader)
{
	same_rows_as_csv("id,text\n1,hello\n\n2,\"two\nlines\"\r\n3,x,,\n", 0, 1000);
	same_rows_as_csv("banner\nmore banner\nid,text\n1,a\n", 2, 1000);
	same_rows_as_csv("\xEF\xBB\xBFid,text\r1,a\r2,b", 0, 1000);
	same_rows_as_csv("id,text\n1,\"0123456789abc\"\n2,ok\n", 0, 8);
	same_rows_as_csv("id,text\n1,ok\n2,\"never closed\n3,x\n", 0, 1000);
}

/* ---- the text source ---------------------------------------------------- */

Test(rowsrc_text, header_block_and_paragraphs)
{
	FILE *fp = mem("Event: Drop in\nDate: 14 March 2026\nLocality: Melton\n---\n\n"
	               "First para\r\nline two\n\n  \nSecond\n");
	vp_err e = {0};
	vp_rowsrc_args a = {.in = fp, .path = "n.txt", .max_field = 1000};
	vp_rowsrc *src;
	cr_assert_eq(vp_rowsrc_text_open(&a, &src, &e), 0);
	cr_assert(src->clean);
	cr_assert_not_null(src->layout);
	cr_assert_eq(src->layout->text, 0);
	cr_assert(src->layout->no_question);
	vp_row h, r;
	cr_assert_eq(src->ops->header(src, &h, &e), 1);
	cr_assert_eq(h.n, 4);
	cr_assert_eq(strncmp(h.cell[3], "event", h.len[3]), 0);
	cr_assert_eq(src->ops->next(src, &r, &e), 1);
	cr_assert_eq(r.line, 6);
	cr_assert_eq(r.n, 4);
	cr_assert_eq(r.len[0], strlen("First para\nline two"));
	cr_assert_eq(memcmp(r.cell[0], "First para\nline two", r.len[0]), 0);
	cr_assert_eq(memcmp(r.cell[1], "Melton", r.len[1]), 0);
	cr_assert_eq(memcmp(r.cell[2], "14 March 2026", r.len[2]), 0);
	cr_assert_eq(memcmp(r.cell[3], "Drop in", r.len[3]), 0);
	cr_assert_eq(src->ops->next(src, &r, &e), 1);
	cr_assert_eq(r.line, 10);
	cr_assert_eq(memcmp(r.cell[0], "Second", r.len[0]), 0);
	cr_assert_eq(src->ops->next(src, &r, &e), 0);
	vp_rowsrc_close(src);
	fclose(fp);
}

Test(rowsrc_text, bad_paragraph_is_a_bad_row_and_reading_goes_on)
{
	FILE *fp = mem("Not: a header\nbecause no rule\n\nbad \xD2 byte\n\nok\n");
	vp_err e = {0};
	vp_rowsrc_args a = {.in = fp, .path = "n.txt", .max_field = 1000};
	vp_rowsrc *src;
	cr_assert_eq(vp_rowsrc_text_open(&a, &src, &e), 0);
	vp_row h, r;
	cr_assert_eq(src->ops->header(src, &h, &e), 1);
	cr_assert_eq(h.n, 3);
	r.bad = NULL;
	cr_assert_eq(src->ops->next(src, &r, &e), 1);
	cr_assert_null(r.bad);
	cr_assert_eq(r.line, 1);
	cr_assert_eq(memcmp(r.cell[0], "Not: a header\nbecause no rule", r.len[0]), 0);
	cr_assert_eq(src->ops->next(src, &r, &e), 1);
	cr_assert_not_null(r.bad);
	cr_assert_eq(r.bad_line, 4);
	cr_assert(strstr(r.bad, "invalid UTF-8 (byte 0xD2) in text"));
	cr_assert_eq(src->ops->next(src, &r, &e), 1);
	cr_assert_null(r.bad);
	cr_assert_eq(memcmp(r.cell[0], "ok", r.len[0]), 0);
	cr_assert_eq(src->ops->next(src, &r, &e), 0);
	vp_rowsrc_close(src);
	fclose(fp);
}

/* ---- a fake in-memory row source drives the shared header code ---------- */

struct fake {
	vp_rowsrc base;
	const char *const (*rows)[4];  /* NULL cell: end of row */
	size_t nrows, at;
	const char *bad_at;            /* a row whose first cell is this is bad */
	const char *cell[4];
	size_t len[4];
};

static int fake_next(vp_rowsrc *s, vp_row *row, vp_err *e)
{
	struct fake *f = (struct fake *)s;
	(void)e;
	if (f->at == f->nrows)
		return 0;
	const char *const *r = f->rows[f->at++];
	size_t n = 0;
	while (n < 4 && r[n]) {
		f->cell[n] = r[n];
		f->len[n] = strlen(r[n]);
		n++;
	}
	row->n = n;
	row->cell = f->cell;
	row->len = f->len;
	row->line = 10 * f->at;
	if (f->bad_at && n && strcmp(r[0], f->bad_at) == 0) {
		row->bad = "fake reason";
		row->bad_line = row->line + 1;
	}
	return 1;
}

static void fake_close(vp_rowsrc *s)
{
	(void)s;
}

static const vp_rowsrc_ops fake_ops = {fake_next, NULL, NULL, fake_close, NULL};

struct out {
	char *buf;
	size_t len;
	char notes[1024];
};

static void note(void *ctx, const char *msg)
{
	struct out *o = ctx;
	size_t k = strlen(o->notes);
	snprintf(o->notes + k, sizeof o->notes - k, "%s\n", msg);
}

static int drive(struct fake *f, vp_ingest_opts *o, struct out *res, vp_ingest_stats *st,
                 vp_err *e)
{
	memset(res, 0, sizeof *res);
	FILE *out = open_memstream(&res->buf, &res->len);
	cr_assert_not_null(out);
	o->note = note;
	o->note_ctx = res;
	f->base.ops = &fake_ops;
	int rc = vp_ingest_rows(o, &f->base, "mem/fake.csv", "survey", out, st, e);
	fclose(out);
	return rc;
}

static const char *const survey[][4] = {
	{" Id ", "Comment", "Comment", "When"},
	{"A1", "The car park is far too small for the number of visitors", "x", "14/03/2026"},
	{"A2", "Nobody answered the phone when I rang to change the time", "", "31/02/2026"},
	{"A3", "", "y", "2026-03-16T10:00:00Z"},
	{"A4", "The staff on the ward were patient and kind to my mother", "z", ""},
	{"A5", "Signs to the clinic from the bus stop are hard to follow", "w", NULL},
};

Test(header_code, named_columns_from_a_fake_source)
{
	struct fake f = {.rows = survey, .nrows = 6};
	static const char *const text[] = {"comment (2)", "Comment"};
	vp_ingest_opts o = {.text_cols = text, .ntext = 2, .id_col = "id", .date_col = "WHEN",
	                    .fields_mode = VP_FIELDS_ALL};
	struct out res;
	vp_ingest_stats st = {0};
	vp_err e = {0};
	cr_assert_eq(drive(&f, &o, &res, &st, &e), 0, "%s", e.msg);
	cr_assert_eq(st.rows, 5);
	cr_assert_eq(st.records, 8);
	cr_assert_eq(st.empty, 2);
	/* header names trimmed and made unique; the date rule; ids from the id column */
	cr_assert(strstr(res.buf, "{\"id\":\"A1:q1\",\"source\":\"fake.csv\",\"channel\":\"survey\","
	                          "\"locality\":\"\",\"date\":\"2026-03-14\",\"respondent\":\"A1\","
	                          "\"question\":\"Comment (2)\",\"text\":\"x\","
	                          "\"fields\":{\"Id\":\"A1\",\"When\":\"14/03/2026\"}}\n"),
	          "%s", res.buf);
	cr_assert(strstr(res.buf, "\"id\":\"A2:q2\",\"source\":\"fake.csv\",\"channel\":\"survey\","
	                          "\"locality\":\"\",\"date\":\"31/02/2026\""));
	cr_assert(strstr(res.buf, "\"id\":\"A3:q1\",\"source\":\"fake.csv\",\"channel\":\"survey\","
	                          "\"locality\":\"\",\"date\":\"2026-03-16\""));
	free(res.buf);
}

Test(header_code, guessed_columns_and_missing_ones)
{
	struct fake f = {.rows = survey, .nrows = 6};
	vp_ingest_opts o = {0};
	struct out res;
	vp_ingest_stats st = {0};
	vp_err e = {0};
	cr_assert_eq(drive(&f, &o, &res, &st, &e), 0, "%s", e.msg);
	cr_assert(strstr(res.notes, "mem/fake.csv: free-text column (guessed): \"Comment\""),
	          "%s", res.notes);
	cr_assert_eq(st.records, 4);
	cr_assert(strstr(res.buf, "\"id\":\"fake.csv:20\""));
	free(res.buf);

	struct fake g = {.rows = survey, .nrows = 6};
	static const char *const none[] = {"Comments"};
	vp_ingest_opts o2 = {.text_cols = none, .ntext = 1};
	cr_assert_eq(drive(&g, &o2, &res, &st, &e), EX_USAGE);
	cr_assert_str_eq(e.msg, "mem/fake.csv: --text-col \"Comments\": no such column "
	                        "(columns: \"Id\", \"Comment\", \"Comment (2)\", \"When\")");
	free(res.buf);
}

Test(header_code, bad_rows_from_the_source)
{
	static const char *const text[] = {"Comment"};
	struct fake f = {.rows = survey, .nrows = 6, .bad_at = "A2"};
	vp_ingest_opts o = {.text_cols = text, .ntext = 1};
	struct out res;
	vp_ingest_stats st = {0};
	vp_err e = {0};
	cr_assert_eq(drive(&f, &o, &res, &st, &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "mem/fake.csv:31: fake reason");
	cr_assert_eq(st.rows, 2);
	cr_assert_eq(st.records, 1);
	free(res.buf);

	struct fake g = {.rows = survey, .nrows = 6, .bad_at = "A2"};
	vp_ingest_opts o2 = {.text_cols = text, .ntext = 1, .skip_bad = 1};
	vp_ingest_stats st2 = {0};
	cr_assert_eq(drive(&g, &o2, &res, &st2, &e), 0);
	cr_assert_eq(st2.rows, 5);
	cr_assert_eq(st2.rejected, 1);
	cr_assert(strstr(res.notes, "mem/fake.csv:31: fake reason (skipped)"));
	free(res.buf);
}

/* ---- the record constructor ---------------------------------------------- */

Test(record_build, fresh_record_in_key_order)
{
	vp_buf b = VP_BUF_INIT;
	vp_record_parts p = {
		.id = vp_rpart_str("x/1"), .source = vp_rpart_str("s"),
		.channel = vp_rpart_str("form"), .locality = vp_rpart_str(""),
		.date = vp_rpart_str("2024-03-01T11:40:55+00:00"),
		.question = vp_rpart_str("Q \"1\""), .text = vp_rpart_str("a\nb"),
		.fields = {"{\"k\":1}", 7, 1},
	};
	cr_assert_eq(vp_record_build(&b, &p, NULL, NULL), 0);
	cr_assert_str_eq(b.data, "{\"id\":\"x/1\",\"source\":\"s\",\"channel\":\"form\","
	                         "\"locality\":\"\",\"date\":\"2024-03-01\","
	                         "\"question\":\"Q \\\"1\\\"\",\"text\":\"a\\nb\",\"fields\":{\"k\":1}}\n");
	vp_buf_free(&b);
}

Test(record_build, one_date_rule)
{
	/* what fetch's own record_date did, now vp_date_iso: timestamps are cut
	 * to their day; impossible days and other text stay as written */
	static const char *const in[][2] = {
		{"2024-03-01T10:00:00Z", "2024-03-01"}, {"2024-03-01", "2024-03-01"},
		{"2024-03-01 10:00", "2024-03-01"}, {"14/03/2026", "2026-03-14"},
		{" 1709290000 ", "1709290000"}, {"2024-02-30T10:00:00Z", "2024-02-30T10:00:00Z"},
	};
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		vp_buf b = VP_BUF_INIT;
		cr_assert_eq(vp_record_json_date(&b, in[i][0], strlen(in[i][0])), 0);
		char want[64];
		snprintf(want, sizeof want, "\"%s\"", in[i][1]);
		cr_assert_str_eq(b.data, want);
		vp_buf_free(&b);
	}
}

Test(record_build, completing_a_record_keeps_its_members_in_place)
{
	json_error_t je;
	json_t *base = json_loads("{\"answer\":\"hi\",\"id\":7,\"n\":[1,{\"a\":null}],"
	                          "\"source\":\"web\"}", 0, &je);
	cr_assert_not_null(base);
	vp_buf b = VP_BUF_INIT;
	vp_record_parts p = {
		.id = vp_rpart_str("7"), .channel = vp_rpart_str("form"),
		.locality = vp_rpart_str(""), .date = vp_rpart_str(""),
		.question = vp_rpart_str("answer"), .text = vp_rpart_str("hi"),
	};
	cr_assert_eq(vp_record_build(&b, &p, base, "answer"), 0);
	cr_assert_str_eq(b.data, "{\"id\":\"7\",\"n\":[1,{\"a\":null}],\"source\":\"web\","
	                         "\"channel\":\"form\",\"locality\":\"\",\"date\":\"\","
	                         "\"question\":\"answer\",\"text\":\"hi\"}\n");
	/* dropping a member named like a part drops the part too */
	cr_assert_eq(vp_record_build(&b, &p, base, "locality"), 0);
	cr_assert_null(strstr(b.data, "locality"));
	vp_buf_free(&b);
	json_decref(base);
}

/* vp_cell_clean: plain ASCII cells take a short cut (eight bytes at a
 * time); a NUL or a byte from 0x80 anywhere -- in the first eight bytes,
 * in the last ones, at the very end -- still goes the long way and gets
 * its message and offset. */
Test(cell_clean, nul_and_non_ascii_found_wherever_they_are)
{
	static const struct { const char *s; size_t n; int bad; size_t at; const char *msg; } c[] = {
		{"plain ascii cell", 16, 0, 0, NULL},
		{"", 0, 0, 0, NULL},
		{"abc\0defghijk", 12, 1, 3, "NUL byte in field \"Q\""},
		{"abcdefghijklmno\0", 16, 1, 15, "NUL byte in field \"Q\""},
		{"abcdefghij\0", 11, 1, 10, "NUL byte in field \"Q\""},
		{"caf\xc3\xa9 au lait", 13, 0, 0, NULL},
		{"abcdefgh\xff", 9, 1, 8, "invalid UTF-8 (byte 0xFF) in field \"Q\"; try --encoding cp1252 (or macroman from a Mac)"},
		{"\x80", 1, 1, 0, "invalid UTF-8 (byte 0x80) in field \"Q\"; try --encoding cp1252 (or macroman from a Mac)"},
		/* both: the NUL is named, as before the short cut */
		{"\xff\x00", 2, 1, 1, "NUL byte in field \"Q\""},
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		vp_buf conv = VP_BUF_INIT;
		size_t off = 0, outn = 0, bad_at = 99;
		char why[300] = "";
		int k = vp_cell_clean(NULL, c[i].s, c[i].n, &conv, &off, &outn, why, sizeof why, &bad_at,
		                      "field", "Q");
		cr_assert_eq(k, c[i].bad, "case %zu", i);
		if (c[i].bad) {
			cr_assert_eq(bad_at, c[i].at, "case %zu", i);
			cr_assert_str_eq(why, c[i].msg, "case %zu", i);
		} else {
			cr_assert_eq(off, SIZE_MAX, "case %zu", i);
			cr_assert_eq(outn, c[i].n, "case %zu", i);
		}
		vp_buf_free(&conv);
	}
}
