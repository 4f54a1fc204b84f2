#include <criterion/criterion.h>
#include <errno.h>
#include <sysexits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "voxpop/err.h"
#include "voxpop/str.h"

Test(str, trim_both_ends_in_place)
{
	char a[] = " \t\v hello world\f\r\n ";
	cr_assert_str_eq(vp_trim(a), "hello world");
	char b[] = "   ";
	cr_assert_str_eq(vp_trim(b), "");
	char c[] = "x";
	cr_assert_str_eq(vp_trim(c), "x");
}

Test(str, blank_is_json_whitespace_only)
{
	cr_assert(vp_blank("", 0));
	cr_assert(vp_blank(" \t\r\n", 4));
	cr_assert_not(vp_blank(" x ", 3));
	cr_assert_not(vp_blank("\v", 1));
	cr_assert(vp_blank("  x", 2)); /* only the n bytes given */
}

Test(str, read_line_ends_and_bound)
{
	const char in[] = "one\r\ntwo\rthree\n\nlong-line\nlast";
	FILE *fp = fmemopen((void *)in, sizeof in - 1, "r");
	cr_assert_not_null(fp);
	vp_buf b = VP_BUF_INIT;
	int too_long = 0;
	const char *want[] = {"one", "two", "three", ""};
	for (size_t i = 0; i < 4; i++) {
		cr_assert_eq(vp_read_line(fp, &b, SIZE_MAX, NULL), 1);
		cr_assert_str_eq(b.data, want[i]);
	}
	cr_assert_eq(vp_read_line(fp, &b, 3, &too_long), 1);
	cr_assert_eq(too_long, 1);
	cr_assert_eq(b.len, 4, "max + 1 bytes kept");
	cr_assert_eq(vp_read_line(fp, &b, 3, &too_long), 1);
	cr_assert_eq(too_long, 0);
	cr_assert_str_eq(b.data, "last");
	cr_assert_eq(vp_read_line(fp, &b, SIZE_MAX, NULL), 0);
	fclose(fp);
	vp_buf_free(&b);
}

Test(str, oom_says_so)
{
	vp_err e;
	cr_assert_eq(vp_oom(&e), EX_OSERR);
	cr_assert_eq(e.code, EX_OSERR);
	cr_assert_str_eq(e.msg, "out of memory");
}

/* The end of a vp_read_line loop, worded once for every list reader. */
Test(str, read_line_end_says_what_stopped_the_loop)
{
	vp_err e = {0};
	cr_assert_eq(vp_read_line_end(0, "f.txt", &e), 0);
	cr_assert_eq(vp_read_line_end(1, "f.txt", &e), 0);
	cr_assert_eq(vp_read_line_end(EX_OSERR, "f.txt", &e), EX_OSERR);
	cr_assert_str_eq(e.msg, "out of memory");
	errno = EIO;
	cr_assert_eq(vp_read_line_end(EX_IOERR, "f.txt", &e), EX_IOERR);
	cr_assert_str_eq(e.msg, "f.txt: read error: Input/output error");
}

/* One comment rule for lexicon, list and gazetteer lines. */
Test(str, uncomment_cuts_the_comment_then_trims)
{
	char a[] = "  car park   # a phrase ", b[] = "# only a comment", c[] = "\tplain\t",
	     d[] = "";
	cr_assert_str_eq(vp_uncomment(a), "car park");
	cr_assert_str_eq(vp_uncomment(b), "");
	cr_assert_str_eq(vp_uncomment(c), "plain");
	cr_assert_str_eq(vp_uncomment(d), "");
}

/* How many, and the first for the message (vp-eval's and vp-suggest's
 * unknown and repeated ids). */
Test(str, tally_counts_and_keeps_the_first_example)
{
	vp_tally t = {0};
	cr_assert_eq(vp_tally_add(&t, "id-7"), 0);
	char again[] = "id-9";
	cr_assert_eq(vp_tally_add(&t, again), 0);
	again[3] = '1'; /* a copy is kept, not the caller's buffer */
	cr_assert_eq(t.n, 2);
	cr_assert_str_eq(t.first, "id-7");
	vp_tally_free(&t);
	cr_assert_eq(t.n, 0);
	cr_assert_null(t.first);
}
