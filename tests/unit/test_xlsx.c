#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "voxpop/buf.h"
#include "voxpop/xlsx.h"
#include "xlsx_fixtures.h"

/* Each test runs in its own process: a temporary directory for its
 * fixtures, removed afterwards. */
static char dir[64];
static char pathbuf[128];

static void setup(void)
{
	strcpy(dir, "/tmp/vp-xlsx-test.XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
	char p[128];
	for (size_t i = 0; i < sizeof xf_names / sizeof *xf_names; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, xf_names[i]);
		unlink(p);
	}
	snprintf(p, sizeof p, "%s/empty.xlsx", dir);
	unlink(p);
	snprintf(p, sizeof p, "%s/many.xlsx", dir);
	unlink(p);
	rmdir(dir);
}

TestSuite(xlsx, .init = setup, .fini = teardown);

static const char *fix(const char *name)
{
	cr_assert_eq(xf_make(dir, name), 0, "cannot make %s", name);
	snprintf(pathbuf, sizeof pathbuf, "%s/%s", dir, name);
	return pathbuf;
}

/* Read a whole sheet as "ROW:a|b|c\n" lines; the final code (0 or EX_*). */
static int dump(const char *path, const char *sheet, const vp_xlsx_opts *o, char *out,
                size_t outsz, vp_err *e)
{
	vp_xlsx *x;
	out[0] = '\0';
	int rc = vp_xlsx_open(&x, path, sheet, o, e);
	if (rc) {
		cr_assert_null(x);
		return rc;
	}
	const char *const *cells;
	size_t n, used = 0;
	unsigned long row;
	while ((rc = vp_xlsx_next_row(x, &cells, &n, &row, e)) == 1) {
		int w = snprintf(out + used, outsz - used, "%lu:", row);
		cr_assert(w > 0 && (size_t)w < outsz - used);
		used += (size_t)w;
		for (size_t i = 0; i < n; i++) {
			w = snprintf(out + used, outsz - used, "%s%s", i ? "|" : "", cells[i]);
			cr_assert(w >= 0 && (size_t)w < outsz - used);
			used += (size_t)w;
		}
		cr_assert(used + 1 < outsz);
		out[used++] = '\n';
		out[used] = '\0';
	}
	if (rc && vp_xlsx_spent(x)) {  /* spent: the same error again */
		vp_err e2 = {0};
		cr_assert_eq(vp_xlsx_next_row(x, &cells, &n, &row, &e2), rc);
		cr_assert_str_eq(e2.msg, e->msg);
	}
	vp_xlsx_close(x);
	return rc;
}

static char out[1 << 20];

Test(xlsx, basic_cells)
{
	vp_err e = {0};
	cr_assert_eq(dump(fix("basic.xlsx"), NULL, NULL, out, sizeof out, &e), 0, "%s", e.msg);
	cr_assert_str_eq(out,
		"1:Response ID|What could we do better?|Inline header\n"
		"2:101|Rich text runs|inline\n"
		"3:0.1||Caf\xC3\xA9 & \xE2\x80\x9Cquotes\xE2\x80\x9D||TRUE\n"
		"6:|X||FALSE|2\n"
		"7:\xE6\x9D\xB1\xE4\xBA\xAC|line one\r\nline two|no ref||||||||||||||||||||||||-0.00000015\n"
		"8:8\n");
}

/* A formula's error value (t="e": #N/A from a failed VLOOKUP, #DIV/0!) is
 * no value: read as an empty cell, counted, the first one's place and the
 * kinds kept for the caller to report. */
Test(xlsx, error_cells_read_as_empty)
{
	vp_err e = {0};
	vp_xlsx *x;
	cr_assert_eq(vp_xlsx_open(&x, fix("errors.xlsx"), NULL, NULL, &e), 0, "%s", e.msg);
	const char *const *c;
	size_t n;
	unsigned long r;
	const char *first = "x", *kinds = "x";
	cr_assert_eq(vp_xlsx_error_cells(x, &first, &kinds), 0);
	cr_assert_null(first);
	cr_assert_null(kinds);
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1);   /* header */
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1);
	cr_assert_eq(r, 2);
	cr_assert_eq(n, 2, "trailing error cells are no value: %zu cells", n);
	cr_assert_str_eq(c[1], "Parking was hard");
	cr_assert_eq(vp_xlsx_error_cells(x, &first, &kinds), 2);
	cr_assert_str_eq(first, "sheet \"Responses\" cell C2");
	cr_assert_str_eq(kinds, "#N/A, #DIV/0!");
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1);
	cr_assert_eq(r, 3);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(c[1], "");
	cr_assert_eq(vp_xlsx_lens(x)[1], 0);
	cr_assert_str_eq(c[2], "Leicester City");
	cr_assert_eq(vp_xlsx_error_cells(x, NULL, &kinds), 3);
	cr_assert_str_eq(kinds, "#N/A, #DIV/0!");
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1);
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 0);
	vp_xlsx_close(x);
}

/* Cells merged down over rows: the sheet holds the value in the first
 * row only (read so); merges over two rows or more whose first row is
 * below the floor are counted once the rows are read (they follow them),
 * the top-most first named; a merge across one row is not. */
static unsigned long merged_down_with_floor(unsigned long floor, unsigned long *cells,
                                            char *first, size_t firstsz)
{
	vp_err e = {0};
	vp_xlsx *x;
	cr_assert_eq(vp_xlsx_open(&x, fix("mergeddown.xlsx"), NULL, NULL, &e), 0, "%s", e.msg);
	const char *const *c;
	size_t n;
	unsigned long r;
	const char *f = "x";
	vp_xlsx_merge_floor(x, floor);
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1);   /* header */
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1);
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1);
	cr_assert_eq(r, 4);
	cr_assert_str_eq(c[0], "", "the sheet holds a merged value in its first row only");
	cr_assert_eq(vp_xlsx_merged_down(x, NULL, &f), 0, "not known before the rows end");
	cr_assert_null(f);
	int k;
	while ((k = vp_xlsx_next_row(x, &c, &n, &r, &e)) == 1)
		;
	cr_assert_eq(k, 0, "%s", e.msg);
	unsigned long m = vp_xlsx_merged_down(x, cells, &f);
	snprintf(first, firstsz, "%s", f ? f : "(none)");
	vp_xlsx_close(x);
	return m;
}

Test(xlsx, merged_down_counted)
{
	unsigned long cells = 0;
	char first[48];
	cr_assert_eq(merged_down_with_floor(0, &cells, first, sizeof first), 4);
	cr_assert_eq(cells, 6);
	cr_assert_str_eq(first, "A1:A2");
	cr_assert_eq(merged_down_with_floor(1, &cells, first, sizeof first), 3);
	cr_assert_eq(cells, 5);
	cr_assert_str_eq(first, "A3:A5");
	cr_assert_eq(merged_down_with_floor(6, &cells, first, sizeof first), 0);
	cr_assert_eq(cells, 0);
	cr_assert_str_eq(first, "(none)");
}

Test(xlsx, open_fp_and_lengths)
{
	vp_err e = {0};
	FILE *fp = fopen(fix("basic.xlsx"), "rb");
	cr_assert_not_null(fp);
	char junk[5];
	cr_assert_eq(fread(junk, 1, 5, fp), 5);   /* already read from: rewound */
	vp_xlsx *x;
	cr_assert_eq(vp_xlsx_open_fp(&x, fp, "book.xlsx", NULL, NULL, &e), 0, "%s", e.msg);
	const char *const *c;
	size_t n;
	unsigned long r;
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1);
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1);
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1);
	cr_assert_eq(r, 3);
	cr_assert_eq(n, 5);
	const size_t *len = vp_xlsx_lens(x);
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(len[i], strlen(c[i]));
	cr_assert_eq(len[1], 0);
	cr_assert_eq(len[2], strlen("Caf\xC3\xA9 & \xE2\x80\x9Cquotes\xE2\x80\x9D"));
	vp_xlsx_close(x);
	fclose(fp);

	int pfd[2];
	cr_assert_eq(pipe(pfd), 0);
	cr_assert_eq(write(pfd[1], "PK\003\004", 4), 4);
	close(pfd[1]);
	fp = fdopen(pfd[0], "rb");
	cr_assert_eq(vp_xlsx_open_fp(&x, fp, "book.xlsx", NULL, NULL, &e), EX_USAGE);
	cr_assert_null(x);
	cr_assert_str_eq(e.msg, "book.xlsx: an .xlsx workbook cannot be read from a pipe "
	                 "(Illegal seek); name the file");
	fclose(fp);
}

Test(xlsx, sheet_name_and_info)
{
	vp_err e = {0};
	vp_xlsx *x;
	cr_assert_eq(vp_xlsx_open(&x, fix("basic.xlsx"), NULL, NULL, &e), 0, "%s", e.msg);
	cr_assert_str_eq(vp_xlsx_sheet_name(x), "Responses");
	cr_assert_eq(vp_xlsx_date1904(x), 0);
	size_t bytes;
	cr_assert_eq(vp_xlsx_nshared(x, &bytes), 7);
	cr_assert(bytes > 50 && bytes < 200);
	vp_xlsx_close(x);
}

Test(xlsx, dates_1900)
{
	vp_err e = {0};
	cr_assert_eq(dump(fix("dates1900.xlsx"), NULL, NULL, out, sizeof out, &e), 0, "%s", e.msg);
	cr_assert_str_eq(out,
		"1:2026-03-04|2026-03-04T10:32:11|10:32:11|2026-03-04|46085.00|d46085|36:00:00|"
		"2026-03-04T18:00:00|2026-03-04|46085.00|46085|46085\n"
		"2:1900-01-01|1900-02-28|1900-02-29|1900-03-01|0|-1|9999-12-31|2958466|"
		"2026-03-05T00:00:00|text|not a number\n");
}

Test(xlsx, dates_1904)
{
	vp_err e = {0};
	vp_xlsx *x;
	cr_assert_eq(vp_xlsx_open(&x, fix("dates1904.xlsx"), NULL, NULL, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_xlsx_date1904(x), 1);
	vp_xlsx_close(x);
	cr_assert_eq(dump(pathbuf, NULL, NULL, out, sizeof out, &e), 0, "%s", e.msg);
	cr_assert_str_eq(out, "1:2026-03-04|2026-03-04T10:32:11|1904-01-01|1904-02-29|44623.00\n");
}

/* A number is read as Excel shows it, not as the sheet stores it: General
 * to 15 significant digits (a computed 0.1+0.2 is stored
 * 0.30000000000000004), percentages, fixed decimals, thousands separators,
 * zero padding, scientific; text cells as written whatever their format. */
Test(xlsx, numbers_read_as_excel_shows_them)
{
	vp_err e = {0};
	cr_assert_eq(dump(fix("numbers.xlsx"), NULL, NULL, out, sizeof out, &e), 0, "%s", e.msg);
	cr_assert_str_eq(out,
		"1:0.3|1.1|12345678901|50%|12.50%|3.50|1,234.50|1,234|3.0|7.5%|1.23E+03|00123|-1,234.50\n"
		"2:1E+20|-0.00000015|1.23456789012346E+18|-1%|2.68|-1,234,568|0.3|0.5|12.5\n");
}

Test(xlsx, sheet_selection)
{
	vp_err e = {0};
	const char *p = fix("sheets.xlsx");
	cr_assert_eq(dump(p, NULL, NULL, out, sizeof out, &e), 0);
	cr_assert_str_eq(out, "1:first\n");
	cr_assert_eq(dump(p, "Lookup & codes", NULL, out, sizeof out, &e), 0);
	cr_assert_str_eq(out, "2:|second\n");
	cr_assert_eq(dump(p, "LOOKUP & codes", NULL, out, sizeof out, &e), 0);
	cr_assert_str_eq(out, "2:|second\n");
	cr_assert_eq(dump(p, "3", NULL, out, sizeof out, &e), 0);  /* a name before a number */
	cr_assert_str_eq(out, "1:named 3\n");
	cr_assert_eq(dump(p, "1", NULL, out, sizeof out, &e), 0);
	cr_assert_str_eq(out, "1:first\n");
	cr_assert_eq(dump(p, "2", NULL, out, sizeof out, &e), EX_USAGE);
	cr_assert(strstr(e.msg, "sheet \"Chart1\" is not a worksheet"), "%s", e.msg);
	char want[512];
	snprintf(want, sizeof want, "%s: no sheet \"Answers\"; the sheets are \"Responses\", "
	         "\"Chart1\", \"Lookup & codes\", \"3\"", p);
	cr_assert_eq(dump(p, "Answers", NULL, out, sizeof out, &e), EX_USAGE);
	cr_assert_str_eq(e.msg, want);
	cr_assert_eq(dump(p, "5", NULL, out, sizeof out, &e), EX_USAGE);
	cr_assert_eq(dump(p, "0", NULL, out, sizeof out, &e), EX_USAGE);
	cr_assert_eq(dump(fix("chartfirst.xlsx"), NULL, NULL, out, sizeof out, &e), 0);
	cr_assert_str_eq(out, "1:1\n");
}

/* A hidden sheet (a lookup table, an old copy) is not the one Excel shows
 * first: the default is the first visible worksheet, not silently the
 * hidden one.  By name or number a hidden sheet is still read. */
Test(xlsx, hidden_sheets_are_not_the_default)
{
	char p[128];
	snprintf(p, sizeof p, "%s/basic.xlsx", dir);
	xf_sheet s[] = {
		{"Codes", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>code</t></is></c></row>"
		          "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>LC</t></is></c></row>", 0, "hidden"},
		{"Chart1", NULL, 1, NULL},
		{"Old", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>old</t></is></c></row>", 0,
		 "veryHidden"},
		{"Responses", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>responses</t></is></c></row>",
		 0, "visible"},
	};
	xf_book b = {0, NULL, NULL, 4, s};
	cr_assert_eq(xf_write(p, &b), 0);
	vp_err e = {0};
	cr_assert_eq(dump(p, NULL, NULL, out, sizeof out, &e), 0, "%s", e.msg);
	cr_assert_str_eq(out, "1:responses\n");
	vp_xlsx *x;
	cr_assert_eq(vp_xlsx_open(&x, p, NULL, NULL, &e), 0, "%s", e.msg);
	cr_assert_str_eq(vp_xlsx_sheet_name(x), "Responses");
	vp_xlsx_close(x);
	cr_assert_eq(dump(p, "Codes", NULL, out, sizeof out, &e), 0, "%s", e.msg);
	cr_assert_str_eq(out, "1:code\n2:LC\n");
	cr_assert_eq(dump(p, "3", NULL, out, sizeof out, &e), 0, "%s", e.msg);
	cr_assert_str_eq(out, "1:old\n");
	/* every worksheet hidden (Excel does not allow it): the first */
	s[3].state = "hidden";
	cr_assert_eq(xf_write(p, &b), 0);
	cr_assert_eq(dump(p, NULL, NULL, out, sizeof out, &e), 0, "%s", e.msg);
	cr_assert_str_eq(out, "1:code\n2:LC\n");
}

/* A formula whose value was never saved (a workbook written by a program
 * that does not calculate: openpyxl, some exporters) holds no value to read:
 * its row is rejected naming the cell, as a cell over max_field is, never
 * read as an empty answer.  A saved value, even "", is read. */
Test(xlsx, formula_without_saved_value_rejects_the_row)
{
	char p[128];
	snprintf(p, sizeof p, "%s/basic.xlsx", dir);
	xf_sheet s[] = {{"Form", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>ID</t></is></c>"
	                         "<c r=\"B1\" t=\"inlineStr\"><is><t>Comment</t></is></c></row>"
	                         "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" t=\"str\"><f>C2</f></c></row>"
	                         "<row r=\"3\"><c r=\"A3\"><v>2</v></c><c r=\"B3\" t=\"str\"><f>C3</f><v>saved</v></c>"
	                         "<c r=\"C3\" t=\"str\"><f>\"\"</f><v></v></c><c r=\"D3\"><f>1+1</f><v>2</v></c></row>"
	                         "<row r=\"4\"><c r=\"A4\"><v>3</v></c><c r=\"D4\"><f t=\"shared\" si=\"0\"/></c></row>"
	                         "<row r=\"5\"><c r=\"A5\"><v>4</v></c><c r=\"B5\"><f>A5&amp;\"x\"</f><v></v></c></row>"
	                         "<row r=\"6\"><c r=\"A6\"><v>5</v></c></row>", 0, NULL}};
	xf_book b = {0, NULL, NULL, 1, s};
	cr_assert_eq(xf_write(p, &b), 0);
	vp_err e = {0};
	vp_xlsx *x;
	cr_assert_eq(vp_xlsx_open(&x, p, NULL, NULL, &e), 0, "%s", e.msg);
	const char *const *c;
	size_t n;
	unsigned long r;
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1);
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), EX_DATAERR);
	char want[512];
	snprintf(want, sizeof want, "%s: sheet \"Form\": cell B2: a formula with no saved value (the "
	         "program that wrote the workbook did not calculate it); open the workbook in Excel or "
	         "LibreOffice and save it, then read it again", p);
	cr_assert_str_eq(e.msg, want);
	cr_assert_eq(vp_xlsx_spent(x), 0);
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1, "%s", e.msg);
	cr_assert_eq(r, 3);
	cr_assert_eq(n, 4);
	cr_assert_str_eq(c[1], "saved");
	cr_assert_str_eq(c[2], "");
	cr_assert_str_eq(c[3], "2");
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), EX_DATAERR);
	cr_assert(strstr(e.msg, "cell D4: a formula with no saved value"), "%s", e.msg);
	/* openpyxl's way: an empty value of a number cell (a number is never
	 * empty; a formula giving "" is saved as t="str") */
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), EX_DATAERR);
	cr_assert(strstr(e.msg, "cell B5: a formula with no saved value"), "%s", e.msg);
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1);
	cr_assert_eq(r, 6);
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 0);
	vp_xlsx_close(x);
}

Test(xlsx, wide_sheet)
{
	vp_err e = {0};
	vp_xlsx *x;
	cr_assert_eq(vp_xlsx_open(&x, fix("wide.xlsx"), NULL, NULL, &e), 0, "%s", e.msg);
	const char *const *c;
	size_t n;
	unsigned long r;
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1);
	cr_assert_eq(n, 10000);
	cr_assert_str_eq(c[0], "c1");
	cr_assert_str_eq(c[9999], "c10000");
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1);
	cr_assert_eq(n, 10000);
	cr_assert_str_eq(c[701], "1404");   /* ZZ */
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 0);
	vp_xlsx_close(x);

	vp_xlsx_opts o = {.max_cols = 100};
	char want[512];
	snprintf(want, sizeof want, "%s: sheet \"Wide\": cell CW1 is in column 101, past the "
	         "limit of 100 columns (max cols)", pathbuf);
	cr_assert_eq(dump(pathbuf, NULL, &o, out, sizeof out, &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, want);
}

Test(xlsx, repeated_columns_bounded)
{
	vp_err e = {0};
	const char *p = fix("dupcols.xlsx");
	cr_assert_eq(dump(p, NULL, NULL, out, sizeof out, &e), 0, "%s", e.msg);
	cr_assert_str_eq(out, "1:3\n");   /* the last one wins */
	vp_xlsx_opts o = {.max_cols = 2};
	cr_assert_eq(dump(p, NULL, &o, out, sizeof out, &e), EX_DATAERR);
	cr_assert(strstr(e.msg, ": sheet \"Dup\": row 1 has more than 2 cells (max cols)"), "%s", e.msg);
}

Test(xlsx, prefixed_elements)
{
	vp_err e = {0};
	cr_assert_eq(dump(fix("prefixed.xlsx"), NULL, NULL, out, sizeof out, &e), 0, "%s", e.msg);
	cr_assert_str_eq(out, "1:pre|2\n");
}

Test(xlsx, max_field_names_the_cell_and_rejects_the_row)
{
	vp_err e = {0};
	vp_xlsx_opts o = {.max_field = 64};
	const char *p = fix("long.xlsx");
	cr_assert_eq(dump(p, NULL, &o, out, sizeof out, &e), 0, "%s", e.msg);
	o.max_field = 63;
	vp_xlsx *x;
	cr_assert_eq(vp_xlsx_open(&x, p, NULL, &o, &e), 0, "%s", e.msg);
	const char *const *c;
	size_t n;
	unsigned long r;
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1);
	cr_assert_eq(r, 1);
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), EX_DATAERR);
	char want[512];
	snprintf(want, sizeof want, "%s: sheet \"Long\": cell B2: value longer than 63 bytes "
	         "(max field)", p);
	cr_assert_str_eq(e.msg, want);
	cr_assert_eq(vp_xlsx_spent(x), 0);
	/* the row after it */
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1);
	cr_assert_eq(r, 3);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(c[2], "a shared string that is fairly long, over 32 bytes");
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 0);
	vp_xlsx_close(x);
	/* a shared string over the limit is caught where a cell uses it */
	o.max_field = 40;
	cr_assert_eq(vp_xlsx_open(&x, p, NULL, &o, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1);
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), EX_DATAERR);
	cr_assert(strstr(e.msg, "cell B2"));
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), EX_DATAERR);
	cr_assert(strstr(e.msg, "cell C3: value longer than 40 bytes"), "%s", e.msg);
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 0);
	vp_xlsx_close(x);
}

Test(xlsx, max_shared)
{
	vp_err e = {0};
	vp_xlsx_opts o = {.max_shared = 20};
	const char *p = fix("long.xlsx");
	cr_assert_eq(dump(p, NULL, &o, out, sizeof out, &e), EX_DATAERR);
	char want[512];
	snprintf(want, sizeof want, "%s: xl/sharedStrings.xml: the shared strings take more than "
	         "20 bytes (the max-shared limit); save the sheet as CSV (File > Save As > CSV UTF-8) and read that", p);
	cr_assert_str_eq(e.msg, want);
}

static void expect_error(const char *name, int code, const char *msg)
{
	vp_err e = {0};
	const char *p = fix(name);
	cr_assert_eq(dump(p, NULL, NULL, out, sizeof out, &e), code, "%s: %s", name, e.msg);
	char want[1024];
	snprintf(want, sizeof want, "%s: %s", p, msg);
	cr_assert_str_eq(e.msg, want);
}

Test(xlsx, old_xls)
{
	expect_error("old.xls", EX_DATAERR, "this is an old binary Excel .xls file; open it in "
	             "Excel or LibreOffice and save as .xlsx or CSV");
}

Test(xlsx, encrypted)
{
	expect_error("encrypted.xlsx", EX_DATAERR, "this workbook is password-protected "
	             "(encrypted); open it in Excel or LibreOffice with its password, remove the "
	             "password and save as .xlsx or CSV");
}

Test(xlsx, truncated_zip)
{
	expect_error("truncated.xlsx", EX_DATAERR, "truncated or corrupt zip archive (Not a zip "
	             "archive); the workbook cannot be read, save it again");
}

Test(xlsx, not_zip)
{
	expect_error("notzip.xlsx", EX_DATAERR, "not an .xlsx workbook (not a zip archive); if it "
	             "is CSV, read it as CSV");
}

Test(xlsx, ods_and_other_zips)
{
	expect_error("sheet.ods", EX_DATAERR, "this is an OpenDocument spreadsheet (.ods), not "
	             ".xlsx; save it as .xlsx or CSV");
	expect_error("book.xlsb", EX_DATAERR, "this is a binary Excel workbook (.xlsb); open it in "
	             "Excel or LibreOffice and save as .xlsx or CSV");
	expect_error("docx.xlsx", EX_DATAERR, "a zip archive but not an .xlsx workbook (no "
	             "xl/workbook.xml)");
}

Test(xlsx, malformed_sheet_xml)
{
	vp_err e = {0};
	const char *p = fix("badxml.xlsx");
	cr_assert_eq(dump(p, NULL, NULL, out, sizeof out, &e), EX_DATAERR);
	cr_assert_str_eq(out, "1:1\n");
	char want[512];
	snprintf(want, sizeof want, "%s: xl/worksheets/sheet1.xml:3: malformed XML: mismatched tag", p);
	cr_assert_str_eq(e.msg, want);
	vp_xlsx *x;
	cr_assert_eq(vp_xlsx_open(&x, p, NULL, NULL, &e), 0);
	const char *const *c;
	size_t n;
	unsigned long r;
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1);
	cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), EX_DATAERR);
	cr_assert_eq(vp_xlsx_spent(x), 1);
	vp_xlsx_close(x);
	expect_error("badref.xlsx", EX_DATAERR, "sheet \"Bad\": cell A1: shared string 7 does "
	             "not exist (there are 1)");
}

Test(xlsx, corrupt_entry)
{
	/* flip bytes inside the deflated sheet: a zlib or CRC error while streaming */
	const char *p = fix("wide.xlsx");
	FILE *f = fopen(p, "r+b");
	cr_assert_not_null(f);
	cr_assert_eq(fseek(f, 20000, SEEK_SET), 0);
	char junk[64];
	memset(junk, 0x5A, sizeof junk);
	cr_assert_eq(fwrite(junk, 1, sizeof junk, f), sizeof junk);
	cr_assert_eq(fclose(f), 0);
	vp_err e = {0};
	int rc = dump(p, NULL, NULL, out, sizeof out, &e);
	cr_assert_eq(rc, EX_DATAERR, "%d %s", rc, e.msg);
	cr_assert(strstr(e.msg, "corrupt or truncated workbook") || strstr(e.msg, "malformed XML"),
	          "%s", e.msg);
}

Test(xlsx, missing_and_empty_files)
{
	vp_err e = {0};
	char p[128];
	snprintf(p, sizeof p, "%s/nope.xlsx", dir);
	cr_assert_eq(dump(p, NULL, NULL, out, sizeof out, &e), EX_NOINPUT);
	char want[512];
	snprintf(want, sizeof want, "%s: No such file or directory", p);
	cr_assert_str_eq(e.msg, want);
	snprintf(p, sizeof p, "%s/empty.xlsx", dir);
	FILE *f = fopen(p, "w");
	cr_assert_not_null(f);
	fclose(f);
	cr_assert_eq(dump(p, NULL, NULL, out, sizeof out, &e), EX_DATAERR);
	cr_assert_eq(dump(dir, NULL, NULL, out, sizeof out, &e), EX_NOINPUT);
}

Test(xlsx, column_letters)
{
	cr_assert_eq(vp_xlsx_col("A1"), 1);
	cr_assert_eq(vp_xlsx_col("Z9"), 26);
	cr_assert_eq(vp_xlsx_col("AA1"), 27);
	cr_assert_eq(vp_xlsx_col("ZZ"), 702);
	cr_assert_eq(vp_xlsx_col("XFD1048576"), 16384);
	cr_assert_eq(vp_xlsx_col("a1"), 0);
	cr_assert_eq(vp_xlsx_col("1"), 0);
	cr_assert_eq(vp_xlsx_col("ZZZZZZZZ1"), 0);
}

static int kind(const char *code)
{
	vp_xlsx_numfmt f;
	return vp_xlsx_fmt_parse(code, &f);
}

Test(xlsx, format_kinds)
{
	cr_assert_eq(kind("General"), VP_XLSX_GENERAL);
	cr_assert_eq(kind("#,##0 [$\xE2\x82\xAC-809]"), VP_XLSX_FIXED);
	cr_assert_eq(kind("\"days\" 0"), VP_XLSX_FIXED);
	cr_assert_eq(kind("0\\d"), VP_XLSX_FIXED);
	cr_assert_eq(kind("0.0E+00"), VP_XLSX_FIXED);
	cr_assert_eq(kind("0 kg"), VP_XLSX_GENERAL); /* letters bare: Excel quotes them */
	cr_assert_eq(kind("[>100]0;0.0"), VP_XLSX_GENERAL);
	cr_assert_eq(kind("0.00"), VP_XLSX_FIXED);
	cr_assert_eq(kind("00000"), VP_XLSX_FIXED);
	cr_assert_eq(kind("0"), VP_XLSX_FIXED);
	cr_assert_eq(kind("00.00"), VP_XLSX_FIXED);
	cr_assert_eq(kind("[Red]0.00;[Blue]-0.00"), VP_XLSX_FIXED);
	cr_assert_eq(kind("dd/mm/yyyy"), 1);
	cr_assert_eq(kind("DD-MMM-YY"), 1);
	cr_assert_eq(kind("mmmm"), 1);
	cr_assert_eq(kind("[$-F800]dddd, mmmm dd, yyyy"), 1);
	cr_assert_eq(kind("yyyy-mm-dd hh:mm"), 2);
	cr_assert_eq(kind("d/m/yy h:mm AM/PM"), 2);
	cr_assert_eq(kind("h:mm"), 3);
	cr_assert_eq(kind("mm:ss"), 3);
	cr_assert_eq(kind("hh:mm A/P"), 3);
	cr_assert_eq(kind("[h]:mm:ss"), 4);
}

/* A stored number and its cell's format code -> the text Excel shows
 * (NULL: not a number, kept as written). */
static const struct shown_case {
	const char *stored, *code, *shown;
} shown_cases[] = {
	/* General: 15 significant digits, no trailing zeros; whole numbers of
	 * up to 15 digits (ids) in full; exponent form past them and for tiny
	 * values, with Excel's two-digit exponent */
	{"0.30000000000000004", "General", "0.3"},
	{"1.1000000000000001", "General", "1.1"},
	{"0.1", "General", "0.1"},
	{"42", "General", "42"},
	{"-0", "General", "0"},
	{"0", "General", "0"},
	{"12345678901", "General", "12345678901"},
	{"123456789012345", "General", "123456789012345"},
	{"1234567890123456", "General", "1.23456789012346E+15"},
	{"9999999999999.99", "General", "9999999999999.99"},
	{"999999999999999.9", "General", "1E+15"},
	{"3.1415926535897931", "General", "3.14159265358979"},
	{"1E+20", "General", "1E+20"},
	{"2.5E+300", "General", "2.5E+300"},
	{"0.0001", "General", "0.0001"},
	{"1.2345678901234567E-2", "General", "0.0123456789012346"},
	{"1.2345678901234567E-5", "General", "0.0000123456789012346"},
	{"1.5E-7", "General", "0.00000015"},
	{"-1.5E-7", "General", "-0.00000015"},
	{"1.23456789E-7", "General", "0.000000123456789"},
	{"1.234567891E-7", "General", "1.234567891E-07"},
	{"1E-10", "General", "1E-10"},
	{"4.9406564584124654E-324", "General", "4.94065645841247E-324"},
	{"1.7976931348623157E+308", "General", "1.79769313486232E+308"},
	{"-2.5", "", "-2.5"},
	{"7", "@", "7"},
	/* percentages: times 100, rounded half away from zero as Excel does */
	{"0.5", "0%", "50%"},
	{"0.125", "0.00%", "12.50%"},
	{"0.3333333333", "0%", "33%"},
	{"0.005", "0%", "1%"},
	{"-0.005", "0%", "-1%"},
	{"0.07", "0.0%", "7.0%"},
	{"1", "0%", "100%"},
	{"0", "0.00%", "0.00%"},
	/* fixed decimals, thousands: rounded on the 15 digits Excel holds
	 * (2.675 is stored a hair under, and shown 2.68) */
	{"3.5", "0.00", "3.50"},
	{"2.675", "0.00", "2.68"},
	{"999.995", "0.00", "1000.00"},
	{"3.5", "0", "4"},
	{"2.5", "0", "3"},
	{"-0.4", "0", "-0"},
	{"0.04", "0.0", "0.0"},
	{"1234", "0.0", "1234.0"},
	{"1234", "#,##0", "1,234"},
	{"123", "#,##0", "123"},
	{"1234567.891", "#,##0.00", "1,234,567.89"},
	{"-1234.5", "#,##0.00", "-1,234.50"},
	{"0.5", "#,##0.00", "0.50"},
	{"0.5", "#.00", ".50"},
	{"3.25", "0.0#", "3.25"},
	{"3.2", "0.0#", "3.2"},
	{"3", "0.0#", "3.0"},
	{"1E+20", "#,##0", "100,000,000,000,000,000,000"},
	{"1.7976931348623157E+308", "#,##0.00%", NULL /* long: checked below */},
	{"123", "00000", "00123"},
	{"123456", "00000", "123456"},
	{"-5", "00000", "-00005"},
	{"123.6", "00000", "00124"},
	{"3.5", "[Red]0.00", "3.50"},
	{"1234.5", "[$-en-GB]#,##0.0", "1,234.5"},
	{"1234.5", "[]0.0", "1234.5"},
	{"-3.5", "[Red]0.00;[Blue]-0.00", "-3.50"},
	{"-3.5", "0.00_);[Red]\\-0.00_)", "-3.50"},
	/* currency, in quotes, bare or in a locale's brackets: shown where
	 * the format puts it, the minus before it (as Excel: -£5.00) */
	{"1234.5", "\xC2\xA3#,##0.00", "\xC2\xA3" "1,234.50"},
	{"1234.5", "\"\xC2\xA3\"#,##0.00", "\xC2\xA3" "1,234.50"},
	{"0.30000000000000004", "\"\xC2\xA3\"#,##0.00", "\xC2\xA3" "0.30"},
	{"1234.5", "[$\xC2\xA3-809]#,##0.00", "\xC2\xA3" "1,234.50"},
	{"-5", "[$\xC2\xA3-809]#,##0.00", "-\xC2\xA3" "5.00"},
	{"1234.5", "[$\xE2\x82\xAC-809]#,##0.0", "\xE2\x82\xAC" "1,234.5"},
	{"1234", "#,##0 [$\xE2\x82\xAC-1]", "1,234 \xE2\x82\xAC"},
	{"1234.5", "$#,##0.00", "$1,234.50"},
	{"-1234.5", "\xC2\xA3#,##0.00;[Red]-\xC2\xA3#,##0.00", "-\xC2\xA3" "1,234.50"},
	{"-1234.5", "\xC2\xA3#,##0.00;(\xC2\xA3#,##0.00)", "(\xC2\xA3" "1,234.50)"},
	/* scientific: the digits the format has, Excel's exponent */
	{"1234.5", "0.00E+00", "1.23E+03"},
	{"1234.5", "0.0E+00", "1.2E+03"},
	{"0.000123", "0.00E+00", "1.23E-04"},
	{"-0.000123", "0.00E+00", "-1.23E-04"},
	{"99999", "0.00E+00", "1.00E+05"},
	{"0", "0.00E+00", "0.00E+00"},
	{"1234.5", "0.00E-00", "1.23E03"},
	{"1234.5", "0E+0", "1E+3"},
	/* text in quotes or after a backslash, before or after the number */
	{"5", "0\" days\"", "5 days"},
	{"1", "0\" day\"", "1 day"},
	{"12.5", "\"about \"0.0\" km\"", "about 12.5 km"},
	{"5", "0\\d", "5d"},
	{"3", "\"Q\"0", "Q3"},
	/* accounting: _( pads and * fills are spacing, not text; negatives in
	 * brackets; zero as its own section's dash */
	{"1234.5", "_(\xC2\xA3* #,##0.00_);_(\xC2\xA3* (#,##0.00);_(\xC2\xA3* \"-\"??_);_(@_)",
	 "\xC2\xA3" "1,234.50"},
	{"-1234.5", "_(\xC2\xA3* #,##0.00_);_(\xC2\xA3* (#,##0.00);_(\xC2\xA3* \"-\"??_);_(@_)",
	 "\xC2\xA3(1,234.50)"},
	{"0", "_(\xC2\xA3* #,##0.00_);_(\xC2\xA3* (#,##0.00);_(\xC2\xA3* \"-\"??_);_(@_)", "\xC2\xA3-"},
	{"1234", "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)", "1,234"},
	{"-1234", "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)", "(1,234)"},
	{"-1234", "#,##0 ;(#,##0)", "(1,234)"},
	{"0.5", "0.00;-0.00;\"zero\"", "0.50"},
	{"0", "0.00;-0.00;\"zero\"", "zero"},
	/* formats not understood are shown as General, never garbage: a
	 * negative section showing no sign (only a colour would tell), scaling
	 * commas, fractions, conditions, engineering exponents */
	{"-1234", "0.00;[Red]0.00", "-1234"},
	{"1234.5", "##0.0E+0", "1234.5"},
	{"1234", "0 kg", "1234"},
	{"1234", "#,##0,", "1234"},
	{"1234", "# ?/?", "1234"},
	{"12", "[>100]0;0.0", "12"},
	{"12", "0.", "12"},
	{"12", "[", "12"},
	{"12", ";", "12"},
	{"12", "0000000000000000000000000000000000000000000000000000000000000000000000", "12"},
	/* dates as before; a serial a date cannot show, as General */
	{"46085", "dd/mm/yyyy", "2026-03-04"},
	{"-1", "dd/mm/yyyy", "-1"},
	/* not numbers: kept as written */
	{"abc", "0.00", NULL},
	{"", "General", NULL},
	{"1.5x", "General", NULL},
	{"inf", "General", NULL},
	{"nan", "0%", NULL},
	{"0x10", "General", NULL},
};

Test(xlsx, numbers_shown)
{
	char got[VP_XLSX_SHOWN];
	for (size_t i = 0; i < sizeof shown_cases / sizeof *shown_cases; i++) {
		const struct shown_case *c = &shown_cases[i];
		vp_xlsx_numfmt f;
		vp_xlsx_fmt_parse(c->code, &f);
		int n = vp_xlsx_show(c->stored, &f, 0, got);
		if (!c->shown && strcmp(c->stored, "1.7976931348623157E+308") == 0) {
			/* the longest: 311 digits and their separators, in the buffer */
			cr_assert(n > 400 && (size_t)n < sizeof got, "%s: %d", c->code, n);
			cr_assert_eq(strlen(got), (size_t)n);
			cr_assert_str_eq(got + n - 4, ".00%");
			continue;
		}
		if (!c->shown) {
			cr_assert_eq(n, -1, "%s under %s: shown \"%s\", not kept", c->stored, c->code, got);
			continue;
		}
		cr_assert(n >= 0, "%s under %s: not shown", c->stored, c->code);
		cr_assert_str_eq(got, c->shown, "%s under %s", c->stored, c->code);
		cr_assert_eq((size_t)n, strlen(got));
	}
}

Test(xlsx, serials)
{
	char s[20];
	cr_assert(vp_xlsx_serial_iso(46085, 0, 1, s));
	cr_assert_str_eq(s, "2026-03-04");
	cr_assert(vp_xlsx_serial_iso(46085.5, 0, 2, s));
	cr_assert_str_eq(s, "2026-03-04T12:00:00");
	cr_assert(vp_xlsx_serial_iso(60, 0, 1, s));
	cr_assert_str_eq(s, "1900-02-29");
	cr_assert(vp_xlsx_serial_iso(61, 0, 1, s));
	cr_assert_str_eq(s, "1900-03-01");
	cr_assert(vp_xlsx_serial_iso(0, 1, 1, s));
	cr_assert_str_eq(s, "1904-01-01");
	cr_assert(vp_xlsx_serial_iso(0.75, 0, 2, s));  /* a time on day 0 */
	cr_assert_str_eq(s, "18:00:00");
	cr_assert(vp_xlsx_serial_iso(2.25, 0, 4, s));
	cr_assert_str_eq(s, "54:00:00");
	cr_assert(!vp_xlsx_serial_iso(0, 0, 1, s));
	cr_assert(!vp_xlsx_serial_iso(-1, 0, 1, s));
	cr_assert(!vp_xlsx_serial_iso(1e300, 0, 1, s));
	cr_assert(!vp_xlsx_serial_iso(46085, 0, 0, s));
}

/* A date format shows the day the serial is in (Excel: INT of it), however
 * late in the day: a timestamp at 23:59:59.6 shown as a date is that day,
 * not the next one (seconds rounded up past midnight).  Float noise just
 * below a whole day (date arithmetic) is still that whole day. */
Test(xlsx, date_format_is_the_day_not_rounded_to_the_next)
{
	char s[20];
	cr_assert(vp_xlsx_serial_iso(46085 + 86399.6 / 86400, 0, 1, s));
	cr_assert_str_eq(s, "2026-03-04");
	cr_assert(vp_xlsx_serial_iso(46085 + 86399.9994 / 86400, 1, 1, s));
	cr_assert_str_eq(s, "2030-03-05");
	cr_assert(vp_xlsx_serial_iso(46084.99999999999, 0, 1, s));
	cr_assert_str_eq(s, "2026-03-04");
	cr_assert(vp_xlsx_serial_iso(59 + 86399.7 / 86400, 0, 1, s));
	cr_assert_str_eq(s, "1900-02-28");
}

Test(xlsx, empty_first_shared_string)
{
	/* found by fuzz_xlsx: the arena is still NULL after an empty first <si> */
	char p[128];
	snprintf(p, sizeof p, "%s/basic.xlsx", dir);
	xf_sheet s[] = {{"S", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>", 0}};
	xf_book b = {0, "<si><t/></si><si><t>x</t></si>", NULL, 1, s};
	cr_assert_eq(xf_write(p, &b), 0);
	vp_err e = {0};
	cr_assert_eq(dump(p, NULL, NULL, out, sizeof out, &e), 0, "%s", e.msg);
	cr_assert_str_eq(out, "1:|x\n");
}

/* ---- shared strings on disk (past opts.shared_mem) ---- */

#define MANY 5000          /* strings: more than the reader's cache slots */
#define MANY_LONG 1500     /* this one is longer than its read window */
#define MANY_ROWS 5200

/* String k of the many-strings workbook, as <si> XML (into x) and as the
 * reader must give it (into want). */
static void many_string(size_t k, vp_buf *x, vp_buf *want)
{
	int rc = 0;
	if (k == MANY_LONG) {
		/* 230,000 bytes of escapes (70,000 decoded), decoded as they come */
		rc |= vp_buf_puts(x, "<si><t>");
		for (int i = 0; i < 10000; i++) {
			rc |= vp_buf_puts(x, "_xD83D__xDE00_ab_x0041_");
			rc |= vp_buf_puts(want, "\xF0\x9F\x98\x80" "abA");
		}
		rc |= vp_buf_puts(x, "</t></si>");
	} else if (k % 7 == 0) {
		rc |= vp_buf_puts(x, "<si><t/></si>");
	} else if (k % 7 == 1) {
		rc |= vp_buf_printf(x, "<si><r><t>run %zu</t></r><r><t xml:space=\"preserve\"> two"
		                    "</t></r><rPh><t>phonetic</t></rPh></si>", k);
		rc |= vp_buf_printf(want, "run %zu two", k);
	} else if (k % 7 == 2) {
		rc |= vp_buf_printf(x, "<si><t>a_x000D_b &amp; %zu_xD83D__xDE00_</t></si>", k);
		rc |= vp_buf_printf(want, "a\rb & %zu\xF0\x9F\x98\x80", k);
	} else {
		/* (the table then spans several read windows) */
		rc |= vp_buf_printf(x, "<si><t>answer %zu: the appointment was on time, the staff "
		                    "were kind</t></si>", k);
		rc |= vp_buf_printf(want, "answer %zu: the appointment was on time, the staff were "
		                    "kind", k);
	}
	cr_assert_eq(rc, 0);
}

/* A workbook of MANY shared strings: on sheet "Many", cells use them out of
 * order (A), repeated (B: 0-2) and backwards (C); on sheet "Seq", in the
 * order of the table (one a row, as Excel writes a new answer).  Its path,
 * and the dumps wanted. */
static const char *many_book(vp_buf *want, vp_buf *want_seq)
{
	vp_buf sst = VP_BUF_INIT, sheet = VP_BUF_INIT, seq = VP_BUF_INIT;
	vp_buf *text = calloc(MANY, sizeof *text);
	cr_assert_not_null(text);
	for (size_t k = 0; k < MANY; k++) {
		many_string(k, &sst, &text[k]);
		if (!text[k].data)
			cr_assert_eq(vp_buf_puts(&text[k], ""), 0);
	}
	for (size_t r = 1; r <= MANY_ROWS; r++) {
		size_t a = r * 7919 % MANY, b = r % 3, c = MANY - 1 - r % MANY;
		cr_assert_eq(vp_buf_printf(&sheet, "<row r=\"%zu\"><c r=\"A%zu\" t=\"s\"><v>%zu</v></c>"
		                           "<c r=\"B%zu\" t=\"s\"><v>%zu</v></c><c r=\"C%zu\" t=\"s\">"
		                           "<v>%zu</v></c><c r=\"D%zu\"><v>%zu</v></c></row>",
		                           r, r, a, r, b, r, c, r, r), 0);
		cr_assert_eq(vp_buf_printf(want, "%zu:%s|%s|%s|%zu\n", r, text[a].data, text[b].data,
		                           text[c].data, r), 0);
	}
	for (size_t k = 0; k < MANY; k++) {
		cr_assert_eq(vp_buf_printf(&seq, "<row r=\"%zu\"><c r=\"A%zu\" t=\"s\"><v>%zu</v></c>"
		                           "<c r=\"B%zu\"><v>%zu</v></c></row>",
		                           k + 1, k + 1, k, k + 1, k), 0);
		if (want_seq)
			cr_assert_eq(vp_buf_printf(want_seq, "%zu:%s|%zu\n", k + 1, text[k].data, k), 0);
	}
	snprintf(pathbuf, sizeof pathbuf, "%s/many.xlsx", dir);
	xf_sheet s[] = {{"Many", sheet.data, 0}, {"Seq", seq.data, 0}};
	xf_book bk = {0, sst.data, NULL, 2, s};
	cr_assert_eq(xf_write(pathbuf, &bk), 0);
	for (size_t k = 0; k < MANY; k++)
		vp_buf_free(&text[k]);
	free(text);
	vp_buf_free(&sst);
	vp_buf_free(&sheet);
	vp_buf_free(&seq);
	return pathbuf;
}

/* The whole sheet through vp_xlsx (as dump(), into a growing buffer). */
static int dump_big(const char *path, const char *sheet, const vp_xlsx_opts *o, vp_buf *got,
                    int *on_disk, vp_err *e)
{
	vp_xlsx *x;
	vp_buf_clear(got);
	int rc = vp_xlsx_open(&x, path, sheet, o, e);
	if (rc)
		return rc;
	*on_disk = vp_xlsx_shared_on_disk(x);
	const char *const *cells;
	size_t n;
	unsigned long row;
	while ((rc = vp_xlsx_next_row(x, &cells, &n, &row, e)) == 1) {
		cr_assert_eq(vp_buf_printf(got, "%lu:", row), 0);
		for (size_t i = 0; i < n; i++)
			cr_assert_eq(vp_buf_printf(got, "%s%s", i ? "|" : "", cells[i]), 0);
		cr_assert_eq(vp_buf_putc(got, '\n'), 0);
	}
	vp_xlsx_close(x);
	return rc;
}

Test(xlsx, shared_strings_on_disk)
{
	vp_buf want = VP_BUF_INIT, want_seq = VP_BUF_INIT, got = VP_BUF_INIT;
	const char *p = many_book(&want, &want_seq);
	vp_err e = {0};
	int disk = -1;
	/* in memory (the default: the table is under 4 MiB) */
	cr_assert_eq(dump_big(p, NULL, NULL, &got, &disk, &e), 0, "%s", e.msg);
	cr_assert_eq(disk, 0);
	cr_assert(got.len == want.len && memcmp(got.data, want.data, want.len) == 0);
	cr_assert_eq(dump_big(p, "Seq", NULL, &got, &disk, &e), 0, "%s", e.msg);
	cr_assert(got.len == want_seq.len && memcmp(got.data, want_seq.data, want_seq.len) == 0);
	size_t nmem, bmem, ndisk, bdisk;
	vp_xlsx *x;
	cr_assert_eq(vp_xlsx_open(&x, p, NULL, NULL, &e), 0, "%s", e.msg);
	nmem = vp_xlsx_nshared(x, &bmem);
	vp_xlsx_close(x);
	/* on disk from the first byte, and from part-way through the table (and
	 * part-way through a string) */
	size_t thresholds[] = {1, 20000, 120000};
	for (size_t t = 0; t < sizeof thresholds / sizeof *thresholds; t++) {
		vp_xlsx_opts o = {.shared_mem = thresholds[t]};
		cr_assert_eq(dump_big(p, NULL, &o, &got, &disk, &e), 0, "%s", e.msg);
		cr_assert_eq(disk, 1, "threshold %zu", thresholds[t]);
		cr_assert(got.len == want.len && memcmp(got.data, want.data, want.len) == 0,
		          "threshold %zu: the dump differs", thresholds[t]);
		cr_assert_eq(dump_big(p, "Seq", &o, &got, &disk, &e), 0, "%s", e.msg);
		cr_assert(got.len == want_seq.len && memcmp(got.data, want_seq.data, want_seq.len) == 0,
		          "threshold %zu: the dump of Seq differs", thresholds[t]);
		cr_assert_eq(vp_xlsx_open(&x, p, NULL, &o, &e), 0, "%s", e.msg);
		ndisk = vp_xlsx_nshared(x, &bdisk);
		vp_xlsx_close(x);
		cr_assert_eq(ndisk, MANY);
		cr_assert_eq(nmem, MANY);
		cr_assert_eq(bdisk, bmem);
	}
	vp_buf_free(&want);
	vp_buf_free(&want_seq);
	vp_buf_free(&got);
}

Test(xlsx, shared_strings_on_disk_bad_index)
{
	vp_xlsx_opts disk = {.shared_mem = 1};
	const vp_xlsx_opts *opts[] = {NULL, &disk};
	for (int i = 0; i < 2; i++) {
		vp_err e = {0};
		const char *p = fix("badref.xlsx");
		cr_assert_eq(dump(p, NULL, opts[i], out, sizeof out, &e), EX_DATAERR);
		char want[512];
		snprintf(want, sizeof want, "%s: sheet \"Bad\": cell A1: shared string 7 does not "
		         "exist (there are 1)", p);
		cr_assert_str_eq(e.msg, want);

		char q[128];
		snprintf(q, sizeof q, "%s/basic.xlsx", dir);
		xf_sheet s[] = {{"S", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
		                 "<c r=\"B1\" t=\"s\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\">"
		                 "<v>0</v></c><c r=\"C2\" t=\"s\"><v>x1</v></c></row>", 0}};
		xf_book b = {0, "<si><t>zero</t></si><si><t>one</t></si>", NULL, 1, s};
		cr_assert_eq(xf_write(q, &b), 0);
		cr_assert_eq(dump(q, NULL, opts[i], out, sizeof out, &e), EX_DATAERR);
		cr_assert_str_eq(out, "1:zero|one\n");
		snprintf(want, sizeof want, "%s: sheet \"S\": cell C2: bad shared string index \"x1\"", q);
		cr_assert_str_eq(e.msg, want);
	}
}

Test(xlsx, shared_strings_on_disk_max_field)
{
	/* a shared string over max_field is caught where a cell uses it, in
	 * memory or on disk (where its bytes are not kept); one that only looks
	 * long (escapes) is not */
	char q[128];
	snprintf(q, sizeof q, "%s/basic.xlsx", dir);
	xf_sheet s[] = {{"S", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\">"
	                 "<v>2</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c></row>"
	                 "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c></row>", 0}};
	xf_book b = {0, "<si><t>_x0041__x0042__x0043__x0044__x0045_</t></si>"
	             "<si><t>0123456789abcdef</t></si><si><t>short</t></si>", NULL, 1, s};
	cr_assert_eq(xf_write(q, &b), 0);
	size_t mems[] = {0, 1};
	for (int i = 0; i < 2; i++) {
		vp_xlsx_opts o = {.max_field = 10, .shared_mem = mems[i]};
		vp_xlsx *x;
		vp_err e = {0};
		cr_assert_eq(vp_xlsx_open(&x, q, NULL, &o, &e), 0, "%s", e.msg);
		cr_assert_eq(vp_xlsx_shared_on_disk(x), i);
		const char *const *c;
		size_t n;
		unsigned long r;
		cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1);
		cr_assert_eq(n, 2);
		cr_assert_str_eq(c[0], "ABCDE");
		cr_assert_str_eq(c[1], "short");
		cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), EX_DATAERR);
		char want[512];
		snprintf(want, sizeof want, "%s: sheet \"S\": cell A2: value longer than 10 bytes "
		         "(max field)", q);
		cr_assert_str_eq(e.msg, want);
		cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 1);
		cr_assert_eq(r, 3);
		cr_assert_str_eq(c[0], "short");
		cr_assert_eq(vp_xlsx_next_row(x, &c, &n, &r, &e), 0);
		vp_xlsx_close(x);
	}
}

Test(xlsx, shared_strings_on_disk_max_shared)
{
	vp_err e = {0};
	vp_xlsx_opts o = {.max_shared = 20, .shared_mem = 1};
	const char *p = fix("long.xlsx");
	cr_assert_eq(dump(p, NULL, &o, out, sizeof out, &e), EX_DATAERR);
	char want[512];
	snprintf(want, sizeof want, "%s: xl/sharedStrings.xml: the shared strings take more than "
	         "20 bytes (the max-shared limit); save the sheet as CSV (File > Save As > CSV UTF-8) and read that", p);
	cr_assert_str_eq(e.msg, want);
}

Test(xlsx, shared_strings_temp_dir_unusable)
{
	vp_buf want = VP_BUF_INIT, got = VP_BUF_INIT;
	const char *p = many_book(&want, NULL);
	char bad[128];
	snprintf(bad, sizeof bad, "%s/no-such-dir", dir);
	cr_assert_eq(setenv("TMPDIR", bad, 1), 0);
	vp_err e = {0};
	int disk;
	/* a table kept in memory does not need it */
	cr_assert_eq(dump_big(p, NULL, NULL, &got, &disk, &e), 0, "%s", e.msg);
	cr_assert_eq(disk, 0);
	vp_xlsx_opts o = {.shared_mem = 1};
	vp_xlsx *x;
	cr_assert_eq(vp_xlsx_open(&x, p, NULL, &o, &e), EX_IOERR);
	cr_assert_null(x);
	char msg[512];
	snprintf(msg, sizeof msg, "%s: xl/sharedStrings.xml: cannot create a temporary file for "
	         "the shared strings in %s: No such file or directory; set TMPDIR to a writable "
	         "directory with room", p, bad);
	cr_assert_str_eq(e.msg, msg);
	vp_buf_free(&want);
	vp_buf_free(&got);
}

Test(xlsx, shared_strings_temp_file_write_error)
{
	vp_buf want = VP_BUF_INIT;
	const char *p = many_book(&want, NULL);
	/* files may not grow past 4096 bytes from here on: the temporary file fails */
	struct rlimit rl = {4096, 4096};
	cr_assert_neq(signal(SIGXFSZ, SIG_IGN), SIG_ERR);
	cr_assert_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
	cr_assert_eq(setenv("TMPDIR", dir, 1), 0);
	vp_err e = {0};
	vp_xlsx_opts o = {.shared_mem = 1};
	vp_xlsx *x;
	cr_assert_eq(vp_xlsx_open(&x, p, NULL, &o, &e), EX_IOERR);
	char msg[512];
	snprintf(msg, sizeof msg, "%s: xl/sharedStrings.xml: cannot write the shared strings to a "
	         "temporary file in %s: File too large; set TMPDIR to a directory with more room", p, dir);
	cr_assert_str_eq(e.msg, msg);
	vp_buf_free(&want);
}
