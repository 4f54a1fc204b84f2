#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "voxpop/postcode.h"

static int parse(const char *s, char *district, char *full)
{
	return vp_postcode_parse(s, strlen(s), district, full);
}

Test(postcode, full_with_and_without_space_any_case)
{
	const char *in[] = {"LE13 0AB", "le13 0ab", "LE130AB", "le130ab", " (LE13 0AB). ",
	                    "LE13  0AB", "Le13\t0Ab", "LE13-0AB", "le13-0ab", "LE13 - 0AB"};
	for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
		char d[8] = "", f[9] = "";
		cr_assert_eq(parse(in[i], d, f), 2, "%s", in[i]);
		cr_assert_str_eq(d, "LE13", "%s", in[i]);
		cr_assert_str_eq(f, "LE13 0AB", "%s", in[i]);
	}
}

Test(postcode, every_outward_shape)
{
	struct { const char *in, *district, *full; } c[] = {
		{"M1 1AE", "M1", "M1 1AE"},          /* A9 */
		{"B33 8TH", "B33", "B33 8TH"},       /* A99 */
		{"CR2 6XH", "CR2", "CR2 6XH"},       /* AA9 */
		{"DN55 1PT", "DN55", "DN55 1PT"},    /* AA99 */
		{"W1A 0AX", "W1A", "W1A 0AX"},       /* A9A */
		{"EC1A 1BB", "EC1A", "EC1A 1BB"},    /* AA9A */
		{"ec1a1bb", "EC1A", "EC1A 1BB"},
		{"NW107AB", "NW10", "NW10 7AB"},
	};
	for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
		char d[8] = "", f[9] = "";
		cr_assert_eq(parse(c[i].in, d, f), 2, "%s", c[i].in);
		cr_assert_str_eq(d, c[i].district, "%s", c[i].in);
		cr_assert_str_eq(f, c[i].full, "%s", c[i].in);
	}
}

Test(postcode, letter_o_for_zero_in_inward_code)
{
	char d[8], f[9];
	cr_assert_eq(parse("LE13 OAB", d, f), 2);
	cr_assert_str_eq(f, "LE13 0AB");
}

Test(postcode, district_alone)
{
	const char *in[] = {"LE13", "le13", "LE1", " NW10 ", "W1A", "EC1A", "le1."};
	const char *want[] = {"LE13", "LE13", "LE1", "NW10", "W1A", "EC1A", "LE1"};
	for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
		char d[8] = "", f[9] = "unset";
		cr_assert_eq(parse(in[i], d, f), 1, "%s", in[i]);
		cr_assert_str_eq(d, want[i], "%s", in[i]);
		cr_assert_str_eq(f, "unset");
	}
}

Test(postcode, full_may_be_null)
{
	char d[8];
	cr_assert_eq(parse("LE11 3AB", d, NULL), 2);
	cr_assert_str_eq(d, "LE11");
}

Test(postcode, not_postcodes)
{
	const char *in[] = {"", "  ", "Leics", "Rutland", "LE", "1LE 3AB", "LE13 0A",
	                    "LE13 0ABC", "LE13--0AB", "LE13 0AB x", "Oakham LE15", "LE1 3",
	                    "ABCDE", "12345", "LE13 00B", "L", "LE134"};
	for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
		char d[8] = "", f[9] = "";
		cr_assert_eq(parse(in[i], d, f), 0, "'%s' taken as a postcode", in[i]);
	}
}

static int find(const char *s, size_t *a, size_t *b)
{
	return vp_postcode_find(s, strlen(s), a, b);
}

Test(postcode, find_in_text)
{
	size_t a, b;
	const char *t = "I live at 12 High St, Melton, le13 0ab and I'm fed up";
	cr_assert_eq(find(t, &a, &b), 1);
	cr_assert_eq(strncmp(t + a, "le13 0ab", b - a), 0);
	cr_assert_eq(b - a, 8);

	t = "postcode:LE130AB.";
	cr_assert_eq(find(t, &a, &b), 1);
	cr_assert_eq(a, 9);
	cr_assert_eq(b, 16);

	t = "EC1A 1BB";
	cr_assert_eq(find(t, &a, &b), 1);
	cr_assert_eq(a, 0);
	cr_assert_eq(b, 8);

	t = "near SW1A 1AA then W1A 0AX";
	cr_assert_eq(find(t, &a, &b), 1);
	cr_assert_eq(strncmp(t + a, "SW1A 1AA", 8), 0);
}

Test(postcode, find_word_bounded)
{
	size_t a = 99, b = 99;
	const char *no[] = {"", "no postcode here", "ref XLE13 0AB", "LE13 0ABC",
	                    "district LE13 only", "call 0116 2555", "room A1 and B2",
	                    "LE13 0A", "the M1 motorway",
	                    /* a digit of another script is a digit too: vp-redact
	                     * reads it as one (fuzz_postcode) */
	                    "ref \u06F2LE13 0AB", "ref \uFF12LE13 0AB", "LE13 0AB\u06F2 x",
	                    /* so is a letter vp-redact reads as ASCII letters (a
	                     * full-width form, a ligature: NFKC's compatibility
	                     * forms), before or after (fuzz_postcode: "d30fL\u0132"
	                     * was a postcode here, a word to vp-redact) */
	                    "LE13 0AB\u0132 x", "ref \uFF21LE13 0AB", "LE13 0AB\uFF21",
	                    "\uFB01LE13 0AB"};
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		cr_assert_eq(find(no[i], &a, &b), 0, "found a postcode in '%s'", no[i]);
	cr_assert_eq(a, 99);
}

/* Other non-ASCII characters are no part of a word for this purpose. */
Test(postcode, find_after_non_ascii_punctuation)
{
	size_t a = 99, b = 99;
	cr_assert_eq(find("\u201cLE13 0AB\u201d", &a, &b), 1);
	cr_assert_eq(a, 3);
	cr_assert_eq(find("caf\u00e9LE13 0AB", &a, &b), 1);
	/* a curly apostrophe, a no-break space: read as punctuation and space */
	cr_assert_eq(find("LE13 0AB\u2019s", &a, &b), 1);
	cr_assert_eq(find("LE13 0AB\u00a0x", &a, &b), 1);
	cr_assert_eq(find("LE13 0AB\u00e9", &a, &b), 1);
}

Test(postcode, find_after_a_false_start)
{
	size_t a, b;
	/* "LE1" cannot start a postcode here, but the later one must be found. */
	const char *t = "LE1 is busy; LE1 3AB is mine";
	cr_assert_eq(find(t, &a, &b), 1);
	cr_assert_eq(a, 13);
	cr_assert_eq(b, 20);
}

Test(postcode, find_respects_length)
{
	size_t a, b;
	/* The postcode is cut by n: not a match. */
	cr_assert_eq(vp_postcode_find("LE13 0AB", 7, &a, &b), 0);
	cr_assert_eq(vp_postcode_find("LE13 0AB", 8, &a, &b), 1);
}

static void check_reduce(const char *in, const char *want)
{
	vp_buf b = VP_BUF_INIT;
	cr_assert_eq(vp_postcode_reduce(in, strlen(in), &b), 0);
	cr_assert_str_eq(b.data ? b.data : "", want, "reduce('%s')", in);
	vp_buf_free(&b);
}

Test(postcode, reduce_keeps_only_districts)
{
	check_reduce("LE13 0AB", "LE13");
	check_reduce("Melton, le130ab (home)", "Melton, LE13 (home)");
	check_reduce("NW10 7AB and W1A 0AX", "NW10 and W1A");
	check_reduce("Loughborough", "Loughborough");
	check_reduce("LE11", "LE11");
	check_reduce("", "");
}

/* QA F7: people write "le1-5ww"; the hyphen must not hide a postcode from
 * redaction nor from vp-locate. */
Test(postcode, find_hyphenated)
{
	size_t a, b;
	const char *t = "car park full, post code le1-5ww";
	cr_assert_eq(find(t, &a, &b), 1);
	cr_assert_eq(strncmp(t + a, "le1-5ww", b - a), 0);
	cr_assert_eq(b - a, 7);
	t = "(LE13 - 0AB)";
	cr_assert_eq(find(t, &a, &b), 1);
	cr_assert_eq(a, 1);
	cr_assert_eq(b, 11);
	/* one separator only: two hyphens, or a hyphenated word, are not postcodes */
	cr_assert_eq(find("LE13--0AB", &a, &b), 0);
	cr_assert_eq(find("LE13-0ABC", &a, &b), 0);
	check_reduce("post code le1-5ww", "post code LE1");
}

/* QA F6: the district written in place of a postcode must not join the
 * next word into a new full postcode ("le130ab  0AB" -> "LE13  0AB"). */
Test(postcode, reduce_never_writes_a_full_postcode)
{
	check_reduce("le130ab  0AB", "LE13");
	check_reduce("M1 1AE  1AE", "M1");
	check_reduce("M1 1AE-1AE 1AE and LE1 5WW", "M1 and LE1");
	check_reduce("LE13 0AB 1AB2", "LE13 1AB2");
	const char *in[] = {"le130ab  0AB", "M1 1AE  1AE", "x LE1 5WW 5WW-5WW, 5WW",
	                    "call 07700 900123 or a@bB le130ab  0AB le130ab SW1A1AA"};
	for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
		vp_buf out = VP_BUF_INIT;
		size_t a, b;
		cr_assert_eq(vp_postcode_reduce(in[i], strlen(in[i]), &out), 0);
		cr_assert_eq(vp_buf_putc(&out, 0), 0);
		cr_expect_eq(vp_postcode_find(out.data, out.len - 1, &a, &b), 0,
		             "reduce('%s') = '%s' still holds a postcode", in[i], out.data);
		vp_buf_free(&out);
	}
}

/* A no-break, narrow no-break or thin space between the codes (French-locale
 * Excel, pasted text), or a character no reader sees, is a space: vp-locate
 * wrote "LE13\u00A00AB" back whole, a full postcode, and placed nothing. */
Test(postcode, unicode_spaces_separate_the_codes)
{
	const char *in[] = {"LE13\xC2\xA0" "0AB", "LE13\xE2\x80\xAF" "0AB", "LE13\xE2\x80\x89" "0AB",
	                    "LE13 \xC2\xA0" "0AB", "LE13\xE2\x80\x8B" "0AB", "LE13\xE2\x80\x91" "0AB"};
	for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
		char d[8] = "", f[9] = "";
		cr_expect_eq(parse(in[i], d, f), 2, "%s", in[i]);
		cr_expect_str_eq(d, "LE13", "%s", in[i]);
		cr_expect_str_eq(f, "LE13 0AB", "%s", in[i]);
		char text[64];
		snprintf(text, sizeof text, "I live at %s, Melton", in[i]);
		check_reduce(text, "I live at LE13, Melton");
	}
	/* an accented letter or a quote still bounds, never joins */
	check_reduce("LE13\xC3\xA9" "0AB", "LE13\xC3\xA9" "0AB");
}
