#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/csv.h"
#include "voxpop/transcode.h"

/* Encode code points as UTF-16 (le or be) and as UTF-8, for expectations. */
static size_t u16(const unsigned long *cp, size_t n, int be, unsigned char *o)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned long u = cp[i], w[2];
		int nw = 1;
		if (u >= 0x10000) {
			w[0] = 0xD800 + ((u - 0x10000) >> 10);
			w[1] = 0xDC00 + ((u - 0x10000) & 0x3FF);
			nw = 2;
		} else {
			w[0] = u;
		}
		for (int j = 0; j < nw; j++) {
			o[k + (size_t)be] = (unsigned char)(w[j] & 0xFF);
			o[k + (size_t)!be] = (unsigned char)(w[j] >> 8);
			k += 2;
		}
	}
	return k;
}

/* Read all of the UTF-8 side of buf[0..n); the code of vp_transcode_open,
 * or of the read (via vp_transcode_error). */
static int readall(const void *buf, size_t n, int flags, char *out, size_t *outn,
                   const char **src, int *guessed, vp_err *e)
{
	FILE *in = fmemopen((void *)buf, n, "r");
	cr_assert_not_null(in);
	vp_transcode *t;
	int rc = vp_transcode_open(&t, in, "t.csv", flags, e);
	if (rc) {
		fclose(in);
		return rc;
	}
	if (src)
		*src = vp_transcode_source(t);
	if (guessed)
		*guessed = vp_transcode_guessed(t);
	FILE *u = vp_transcode_fp(t);
	size_t k = 0, r;
	/* odd-sized reads, to cross every boundary */
	while ((r = fread(out + k, 1, 7, u)) > 0)
		k += r;
	*outn = k;
	rc = ferror(u) ? vp_transcode_error(t, e) : 0;
	if (ferror(u))
		cr_assert_neq(rc, 0);
	vp_transcode_close(t);
	fclose(in);
	return rc;
}

static const unsigned long sample[] = {'i', 'd', ',', 't', 'e', 'x', 't', '\n', '1', ',', 'C',
	'a', 'f', 0xE9, ' ', 0x201C, 'o', 'k', 0x201D, ' ', 0x1F600, '\r', '\n'};
static const char sample8[] = "id,text\n1,Caf\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D \xF0\x9F\x98\x80\r\n";

Test(transcode, utf16le_bom)
{
	unsigned char b[256] = {0xFF, 0xFE};
	size_t n = 2 + u16(sample, sizeof sample / sizeof *sample, 0, b + 2);
	char out[256];
	size_t on;
	const char *src;
	int g;
	vp_err e = {0};
	cr_assert_eq(readall(b, n, 0, out, &on, &src, &g, &e), 0, "%s", e.msg);
	cr_assert_str_eq(src, "utf-16le");
	cr_assert_eq(g, 0);
	cr_assert_eq(on, strlen(sample8));
	cr_assert_eq(memcmp(out, sample8, on), 0);
}

Test(transcode, utf16be_bom)
{
	unsigned char b[256] = {0xFE, 0xFF};
	size_t n = 2 + u16(sample, sizeof sample / sizeof *sample, 1, b + 2);
	char out[256];
	size_t on;
	const char *src;
	vp_err e = {0};
	cr_assert_eq(readall(b, n, 0, out, &on, &src, NULL, &e), 0, "%s", e.msg);
	cr_assert_str_eq(src, "utf-16be");
	cr_assert_eq(on, strlen(sample8));
	cr_assert_eq(memcmp(out, sample8, on), 0);
}

Test(transcode, utf8_bom_removed_plain_passed)
{
	char out[256];
	size_t on;
	const char *src;
	vp_err e = {0};
	cr_assert_eq(readall("\xEF\xBB\xBF" "a,b\n", 7, 0, out, &on, &src, NULL, &e), 0);
	cr_assert_str_eq(src, "utf-8-bom");
	cr_assert_eq(on, 4);
	cr_assert_eq(memcmp(out, "a,b\n", 4), 0);
	cr_assert_eq(readall("a,b\n\xE9\n", 6, 0, out, &on, &src, NULL, &e), 0);
	cr_assert_str_eq(src, "utf-8");
	cr_assert_eq(on, 6);
	cr_assert_eq(memcmp(out, "a,b\n\xE9\n", 6), 0);
	cr_assert_eq(readall("", 0, 0, out, &on, &src, NULL, &e), 0);
	cr_assert_eq(on, 0);
}

Test(transcode, large_streams_across_blocks)
{
	/* 60,000 code points with emoji (surrogate pairs) landing on every
	 * alignment of the 16 KiB blocks */
	size_t ncp = 60000;
	unsigned long *cp = malloc(ncp * sizeof *cp);
	unsigned char *b = malloc(ncp * 4 + 2);
	char *want = malloc(ncp * 4), *out = malloc(ncp * 4);
	cr_assert(cp && b && want && out);
	size_t wn = 0;
	for (size_t i = 0; i < ncp; i++) {
		cp[i] = i % 7 == 3 ? 0x1F600 + i % 50 : i % 11 == 0 ? '\n' : 'a' + i % 26;
		unsigned long u = cp[i];
		if (u < 0x80) {
			want[wn++] = (char)u;
		} else {
			want[wn++] = (char)(0xF0 | (u >> 18));
			want[wn++] = (char)(0x80 | ((u >> 12) & 0x3F));
			want[wn++] = (char)(0x80 | ((u >> 6) & 0x3F));
			want[wn++] = (char)(0x80 | (u & 0x3F));
		}
	}
	b[0] = 0xFF, b[1] = 0xFE;
	size_t n = 2 + u16(cp, ncp, 0, b + 2);
	size_t on;
	vp_err e = {0};
	cr_assert_eq(readall(b, n, 0, out, &on, NULL, NULL, &e), 0, "%s", e.msg);
	cr_assert_eq(on, wn);
	cr_assert_eq(memcmp(out, want, wn), 0);
	free(cp), free(b), free(want), free(out);
}

Test(transcode, no_bom_guessed_or_refused)
{
	unsigned char b[256];
	size_t n = u16(sample, sizeof sample / sizeof *sample, 0, b);
	char out[256];
	size_t on;
	const char *src;
	int g;
	vp_err e = {0};
	cr_assert_eq(readall(b, n, 0, out, &on, &src, &g, &e), 0, "%s", e.msg);
	cr_assert_str_eq(src, "utf-16le");
	cr_assert_eq(g, 1);
	cr_assert_eq(on, strlen(sample8));
	cr_assert_eq(memcmp(out, sample8, on), 0);
	cr_assert_eq(readall(b, n, VP_TC_NO_GUESS, out, &on, &src, &g, &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "t.csv: looks like UTF-16LE without a byte order mark (NUL in "
	                 "every other byte); save it as UTF-8");
	n = u16(sample, sizeof sample / sizeof *sample, 1, b);
	cr_assert_eq(readall(b, n, 0, out, &on, &src, &g, &e), 0, "%s", e.msg);
	cr_assert_str_eq(src, "utf-16be");
	cr_assert_eq(memcmp(out, sample8, on), 0);
}

Test(transcode, bad_utf16)
{
	/* "ab" then a lone high surrogate, then "c" */
	const unsigned char lone[] = {0xFF, 0xFE, 'a', 0, 'b', 0, 0x3D, 0xD8, 'c', 0};
	char out[64];
	size_t on;
	vp_err e = {0};
	cr_assert_eq(readall(lone, sizeof lone, 0, out, &on, NULL, NULL, &e), EX_DATAERR);
	cr_assert_eq(on, 2);
	cr_assert_str_eq(e.msg, "t.csv: byte offset 6: invalid UTF-16LE (an unpaired surrogate)");
	const unsigned char odd[] = {0xFF, 0xFE, 'a', 0, 'b'};
	cr_assert_eq(readall(odd, sizeof odd, 0, out, &on, NULL, NULL, &e), EX_DATAERR);
	cr_assert_eq(on, 1);
	cr_assert_str_eq(e.msg, "t.csv: byte offset 4: invalid UTF-16LE (an odd byte at the end)");
	const unsigned char u32[] = {0xFF, 0xFE, 0, 0, 'a', 0, 0, 0};
	cr_assert_eq(readall(u32, sizeof u32, 0, out, &on, NULL, NULL, &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "t.csv: UTF-32 text is not supported; save it as UTF-8 (or CSV "
	                 "UTF-8 in Excel)");
}

Test(transcode, csv_reader_on_top)
{
	unsigned char b[256] = {0xFF, 0xFE};
	size_t n = 2 + u16(sample, sizeof sample / sizeof *sample, 0, b + 2);
	FILE *in = fmemopen(b, n, "r");
	vp_transcode *t;
	vp_err e = {0};
	cr_assert_eq(vp_transcode_open(&t, in, "t.csv", 0, &e), 0);
	vp_csv *c = vp_csv_open(vp_transcode_fp(t), "t.csv", NULL);
	cr_assert_not_null(c);
	cr_assert_eq(vp_csv_next(c, &e), 1);
	cr_assert_eq(vp_csv_nfields(c), 2);
	cr_assert_str_eq(vp_csv_field(c, 1, NULL), "text");
	cr_assert_eq(vp_csv_next(c, &e), 1);
	cr_assert_str_eq(vp_csv_field(c, 1, NULL), "Caf\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D \xF0\x9F\x98\x80");
	cr_assert_eq(vp_csv_line(c), 2);
	cr_assert_eq(vp_csv_next(c, &e), 0);
	vp_csv_close(c);
	vp_transcode_close(t);
	fclose(in);
}

Test(transcode, sniff_delimiter)
{
#define S(s) vp_sniff_delimiter(s, strlen(s))
	cr_assert_eq(S("id,text,date"), ',');
	cr_assert_eq(S("id;text;date"), ';');
	cr_assert_eq(S("id\ttext\tdate"), '\t');
	cr_assert_eq(S("id|text|date"), '|');
	cr_assert_eq(S("\"a;b;c\",d"), ',');
	cr_assert_eq(S("\"a,b\";c;d"), ';');
	cr_assert_eq(S("a;b,c"), ',');        /* a tie */
	cr_assert_eq(S("a;b\tc"), ';');       /* a tie without a comma: the first in , ; TAB | */
	cr_assert_eq(S("single"), ',');
	cr_assert_eq(S(""), ',');
	cr_assert_eq(S("a;b\nc,d,e,f"), ';');  /* the first line only */
#undef S
}

/* A header with a comma in a question ("What could we do better, if
 * anything?") of a ';' export: the rows below decide.  Commas stay unless
 * the rows disagree with them on their width while every one agrees with
 * another separator, wider. */
Test(transcode, sniff_rows_delimiter)
{
#define S(s) vp_sniff_rows_delimiter(s, strlen(s), NULL)
	/* decimal commas: one in each row, as many fields as the header with ',' */
	cr_assert_eq(S("ID;Area;What could we do better, if anything?;Score\n"
	               "1;Melton;The car park is far too small;7,5\n"
	               "2;Oakham;Longer opening hours;8,0\n"), ';');
	cr_assert_eq(S("ID;Comment, with comma\r\n1;text\r\n2;\"quoted; text\nover lines, too\"\r\n"), ';');
	cr_assert_eq(S("ID\tWhat could we do better, if anything?\n1\tThe lifts\n"), '\t');
	/* a comma file: rows agree with commas, or with nothing else */
	cr_assert_eq(S("id,text;x,date\n1,a;b,2026\n2,c;d,2026\n"), ',');
	cr_assert_eq(S("id,text\n1,a;b\n2,c,d\n"), ',');     /* ragged: the reader says so */
	cr_assert_eq(S("id;a,text\n1;b\n2;c;d\n"), ',');      /* ';' not consistent either */
	cr_assert_eq(S("ID;What could we do better, if anything?\n"), ',');  /* no row: the header's way */
	cr_assert_eq(S("ID;What, if anything?\n1;unfinished"), ',');     /* a cut row says nothing */
	cr_assert_eq(S(""), ',');
	cr_assert_eq(S("ID;Q, a;R\n\n1;x;y\n"), ';');          /* blank lines pass */
#undef S
}

/* A header with no comma: its own separator, unless its rows do not have
 * the header's number of fields with it (the same row check): then one
 * column, VP_CSV_NO_DELIM, as for a header with no separator at all
 * (unless its rows are a table below a title).  *header_delim says what
 * the header alone says. */
Test(transcode, sniff_rows_delimiter_comma_free_header)
{
	int hd = 0;
#define S(s) vp_sniff_rows_delimiter(s, strlen(s), &hd)
	cr_assert_eq(S("UserID;Name;Comment\n1;Ann;late\n2;Bob;early\n"), ';');
	cr_assert_eq(hd, ';');
	cr_assert_eq(S("UserID;Comment\n1;the bus is late\n"), ';');     /* one row agrees */
	cr_assert_eq(S("UserID;Name;Comment\n"), ';');                   /* no row: the header's way */
	cr_assert_eq(S("UserID;Name;Comment\n1;Ann"), ';');              /* a cut row says nothing */
	cr_assert_eq(S("ID\tText\n1\t\"two\nlines\"\n"), '\t');
	cr_assert_eq(hd, '\t');
	/* a one-column survey whose question holds a ';': one column, no
	 * separator (a comma in an answer is the answer's too) */
	cr_assert_eq(S("Any other comments? (e.g. parking; buses)\n"
	               "The bus service is terrible at night; trains too\n"
	               "I like the new library opening hours very much\n"), VP_CSV_NO_DELIM);
	cr_assert_eq(hd, ';');
	cr_assert_eq(S("Q (a; b)\nnone at all\n"), VP_CSV_NO_DELIM);
	cr_assert_eq(hd, ';');
	/* no separator at all: one column, commas in answers or not */
	cr_assert_eq(S("Comments\nfine\n"), VP_CSV_NO_DELIM);
	cr_assert_eq(hd, ',');
	cr_assert_eq(S("comment\nfriendly, helpful staff\nGreat service\n"), VP_CSV_NO_DELIM);
	cr_assert_eq(S("comment\nfriendly, helpful staff\n"), VP_CSV_NO_DELIM);
	cr_assert_eq(S("comment\n"), VP_CSV_NO_DELIM);
	cr_assert_eq(S("comment\nfriendly, helpful staff\nslow, rude\n"), VP_CSV_NO_DELIM);
	/* ... unless a table is below it: a title (and banner lines) above
	 * the header, a header and two rows or more as wide */
	cr_assert_eq(S("Patient survey 2026 export\nid,comment\n1,the parking\n2,the lifts\n"), ',');
	cr_assert_eq(S("Patient survey 2026 export\nid;comment\n1;the parking\n2;lifts\n"), ',');
	cr_assert_eq(S("Export: \"Have your say\"\nExported 24/03/2026\nID,Area,Comment\n"
	               "1,Oakham,fine\n2,Melton,\n"), ',');
	cr_assert_eq(S("comment\nfine\na, b\nc, d\ne, f\n"), ','); /* answers alike: a table */
	/* ... but answers typed with commas, as many in each row, are not:
	 * a person types a space after a comma, an export does not, and
	 * answers run to words between them */
	cr_assert_eq(S("Comment\nGood service, fast and friendly staff\n"
	               "Slow to answer, rude on the phone\nFine overall, parking was ok though\n"),
	             VP_CSV_NO_DELIM);
	cr_assert_eq(S("Your views\nGood service, fast and friendly staff\n"
	               "Slow to answer, rude on the phone\r\n\nFine overall, parking was ok though\n"
	               "The nurses were kind, and the wait was short\n"), VP_CSV_NO_DELIM);
	cr_assert_eq(S("Patient survey 2026 export\nid,comment\n1,the parking at the hospital\n"
	               "2,the lifts were broken again\n"), ',');
	cr_assert_eq(S("Patient survey 2026 export\nArea,Comment\nNorth Leicestershire,\"the "
	               "parking, the lifts\"\nMelton Mowbray,\"the lifts, again\"\n"
	               "Rutland,the wait\n"), ',');   /* a quoted comma is the cell's */
	cr_assert_eq(S("comment\na, b\nfine\nc, d\n"), VP_CSV_NO_DELIM);
	/* a comma in the header: ',' said for it */
	cr_assert_eq(S("id,text;x\n1,a;b\n"), ',');
	cr_assert_eq(hd, ',');
#undef S
}

Test(transcode, delimiter_hint)
{
	char h[32];
	cr_assert_eq(vp_delimiter_hint("id;text;date", 12, ',', h, sizeof h), 1);
	cr_assert_str_eq(h, "try --delimiter ';'");
	cr_assert_eq(vp_delimiter_hint("id\ttext", 7, ',', h, sizeof h), 1);
	cr_assert_str_eq(h, "try --delimiter tab");
	cr_assert_eq(vp_delimiter_hint("id,text", 7, ';', h, sizeof h), 1);
	cr_assert_str_eq(h, "try --delimiter ','");
	cr_assert_eq(vp_delimiter_hint("What could we do better?", 24, ',', h, sizeof h), 0);
	cr_assert_eq(vp_delimiter_hint("\"a;b\"", 5, ',', h, sizeof h), 0);
}
