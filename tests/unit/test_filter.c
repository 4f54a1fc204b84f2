/* vp_filter_run (the record-filter driver) and vp_operands: operands in
 * order, "-", --skip-bad accounting per file and in total, the fast path
 * and the jansson path agreeing, a missing file. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/filter.h"
#include "voxpop/normalise.h"
#include "memout.h"

static char dir[] = "/tmp/vp-filter-XXXXXX";
static char paths[8][256];

static void setup(void)
{
	cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	(void)!system(cmd);
}

TestSuite(filter, .init = setup, .fini = teardown);

/* Write text to file i of the test directory; returns its path. */
static char *file(int i, const char *name, const char *text)
{
	snprintf(paths[i], sizeof paths[i], "%s/%s", dir, name);
	FILE *fp = fopen(paths[i], "w");
	cr_assert_not_null(fp);
	fputs(text, fp);
	cr_assert_eq(fclose(fp), 0);
	return paths[i];
}

/* Read a whole file (for captured stderr). */
static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	cr_assert_not_null(fp);
	static char buf[8192];
	size_t n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* Send stderr to a file of the test directory; returns its path. */
static const char *capture_stderr(void)
{
	static char p[256];
	snprintf(p, sizeof p, "%s/stderr", dir);
	cr_assert_not_null(freopen(p, "w", stderr));
	setvbuf(stderr, NULL, _IONBF, 0);
	return p;
}

/* A test stage: "copy" = "text" (a string; anything else is a bad record). */
struct copy {
	unsigned long scans, trees, records, rejected, ends;
	vp_buf v;
};

static int copy_value(struct copy *c, const char *s, size_t n)
{
	vp_buf_clear(&c->v);
	return vp_buf_putc(&c->v, '"') || vp_buf_append(&c->v, s, n) || vp_buf_putc(&c->v, '"');
}

static int copy_scan(void *ctx, vp_filter *f, const vp_jspan *v, vp_err *e)
{
	struct copy *c = ctx;
	if (!v[0].p || v[0].p[0] != '"' || v[1].p || memchr(v[0].p, '\\', v[0].n))
		return VP_FILTER_FALLBACK;
	c->scans++;
	if (copy_value(c, v[0].p + 1, v[0].n - 2))
		return vp_errf(e, EX_OSERR, "out of memory");
	return vp_filter_write_with(f, NULL, "copy", c->v.data, c->v.len, e);
}

static int copy_record(void *ctx, vp_filter *f, json_t *rec, vp_err *e)
{
	struct copy *c = ctx;
	c->trees++;
	json_t *t = json_object_get(rec, "text");
	if (!json_is_string(t))
		return vp_filter_reject(f, e, "\"text\" is not a string");
	char *s = json_dumps(t, JSON_ENCODE_ANY);
	cr_assert_not_null(s);
	int rc = vp_filter_write_with(f, rec, "copy", s, strlen(s), e);
	free(s);
	return rc;
}

static int copy_end(void *ctx, vp_filter *f, vp_err *e)
{
	struct copy *c = ctx;
	(void)e;
	c->records = f->records;
	c->rejected = f->rejected;
	c->ends++;
	return 0;
}

static const char *const copy_keys[] = {"text", "copy"};
static const vp_filter_stage copy_stage = {"vp-test", copy_keys, 2, copy_scan, copy_record,
                                           copy_end};
/* the same without the fast path: its members named for the duplicate check */
static const vp_filter_stage copy_tree = {"vp-test", NULL, 0, NULL, copy_record, copy_end, 0,
                                          copy_keys, 2};

static int run(const vp_filter_stage *st, struct copy *c, int skip_bad, int n, char **p,
               char **out)
{
	struct memout m;
	memset(c, 0, sizeof *c);
	FILE *fp = memout_open(&m);
	int rc = vp_filter_run_to(st, c, skip_bad, n, p, fp);
	*out = memout_close(&m);
	vp_buf_free(&c->v);
	return rc;
}

Test(filter, operands_in_order)
{
	char *p[] = {file(0, "a.nd", "{\"text\":\"a1\"}\n{\"text\":\"a2\"}\n"),
	             file(1, "b.nd", "\n{\"text\":\"b1\",\"n\":1}\n")};
	struct copy c;
	char *out;
	cr_assert_eq(run(&copy_stage, &c, 0, 2, p, &out), 0);
	cr_expect_str_eq(out, "{\"text\":\"a1\",\"copy\":\"a1\"}\n"
	                      "{\"text\":\"a2\",\"copy\":\"a2\"}\n"
	                      "{\"text\":\"b1\",\"n\":1,\"copy\":\"b1\"}\n");
	cr_expect_eq(c.records, 3);
	cr_expect_eq(c.rejected, 0);
	cr_expect_eq(c.scans, 3);
	cr_expect_eq(c.trees, 0);
	cr_expect_eq(c.ends, 1);
	free(out);
}

Test(filter, dash_and_no_operand_are_stdin)
{
	char *in = file(2, "in.nd", "{\"text\":\"s\"}\n");
	char *p[] = {file(0, "a.nd", "{\"text\":\"a\"}\n"), "-",
	             file(1, "b.nd", "{\"text\":\"b\"}\n")};
	cr_assert_not_null(freopen(in, "r", stdin));
	struct copy c;
	char *out;
	cr_assert_eq(run(&copy_stage, &c, 0, 3, p, &out), 0);
	cr_expect_str_eq(out, "{\"text\":\"a\",\"copy\":\"a\"}\n"
	                      "{\"text\":\"s\",\"copy\":\"s\"}\n"
	                      "{\"text\":\"b\",\"copy\":\"b\"}\n");
	free(out);

	cr_assert_not_null(freopen(in, "r", stdin));
	cr_assert_eq(run(&copy_stage, &c, 0, 0, NULL, &out), 0);
	cr_expect_str_eq(out, "{\"text\":\"s\",\"copy\":\"s\"}\n");
	cr_expect_eq(c.records, 1);
	free(out);
}

Test(filter, skip_bad_accounting_across_files)
{
	char *p[] = {file(0, "a.nd", "{\"text\":\"a1\"}\nnot json\n{\"text\":2}\n{\"text\":\"a2\"}\n"),
	             file(1, "b.nd", "[1]\n{\"text\":\"b1\"}\n")};
	const char *err = capture_stderr();
	struct copy c;
	char *out;
	cr_assert_eq(run(&copy_stage, &c, 1, 2, p, &out), 0);
	cr_expect_str_eq(out, "{\"text\":\"a1\",\"copy\":\"a1\"}\n"
	                      "{\"text\":\"a2\",\"copy\":\"a2\"}\n"
	                      "{\"text\":\"b1\",\"copy\":\"b1\"}\n");
	/* in = out + rejected, per file and in total */
	cr_expect_eq(c.records, 3);
	cr_expect_eq(c.rejected, 3);
	char want[2048];
	snprintf(want, sizeof want,
	         "vp-test: %s:2: bad JSON at column 3: '[' or '{' expected near 'not' (skipped)\n"
	         "vp-test: %s:3: \"text\" is not a string (skipped)\n"
	         "vp-test: %s: skipped 2 bad records of 4\n"
	         "vp-test: %s:1: record is not a JSON object (skipped)\n"
	         "vp-test: %s: skipped 1 bad record of 2\n",
	         p[0], p[0], p[0], p[1], p[1]);
	cr_expect_str_eq(slurp(err), want);
	free(out);
}

/* A first pass (vp-latest's) counts what it skips and says nothing the
 * second pass will say: no skipped lines, no empty file; an error that
 * stops it is said as ever. */
Test(filter, first_pass_quiet)
{
	char *p[] = {file(0, "a.nd", "{\"text\":\"a1\"}\nnot json\n{\"text\":2}\n"),
	             file(1, "empty.nd", "")};
	const char *err = capture_stderr();
	struct copy c = {0};
	struct memout m;
	FILE *out = memout_open(&m);
	vp_filter_opts o = {1, 0};
	cr_assert_eq(vp_filter_first_pass_to(&copy_stage, &c, &o, 2, p, out), 0);
	free(memout_close(&m));
	cr_expect_eq(c.records, 1);
	cr_expect_eq(c.rejected, 2);
	cr_expect_str_eq(slurp(err), "");
	o.skip_bad = 0;
	out = memout_open(&m);
	cr_assert_eq(vp_filter_first_pass_to(&copy_stage, &c, &o, 2, p, out), EX_DATAERR);
	free(memout_close(&m));
	char want[1024];
	snprintf(want, sizeof want,
	         "vp-test: %s:2: bad JSON at column 3: '[' or '{' expected near 'not'\n", p[0]);
	cr_expect_str_eq(slurp(err), want);
}

Test(filter, bad_record_stops_with_its_file_and_line)
{
	char *p[] = {file(0, "a.nd", "{\"text\":\"a1\"}\n"),
	             file(1, "b.nd", "{\"text\":\"b1\"}\n{\"text\":null}\n{\"text\":\"b3\"}\n")};
	const char *err = capture_stderr();
	struct copy c;
	char *out;
	cr_assert_eq(run(&copy_stage, &c, 0, 2, p, &out), EX_DATAERR);
	cr_expect_str_eq(out, "{\"text\":\"a1\",\"copy\":\"a1\"}\n{\"text\":\"b1\",\"copy\":\"b1\"}\n");
	cr_expect_eq(c.ends, 0);
	char want[1024];
	snprintf(want, sizeof want, "vp-test: %s:2: \"text\" is not a string\n", p[1]);
	cr_expect_str_eq(slurp(err), want);
	free(out);
}

Test(filter, fast_path_and_fallback_agree)
{
	/* escapes, a key already there, duplicates, odd types, bad lines */
	char *p[] = {file(0, "a.nd",
	                  "{\"text\":\"plain\",\"x\":[1,{\"y\":null}]}\n"
	                  "{\"text\":\"esc \\u00e9\\\"q\\\"\"}\n"
	                  "{\"text\":\"dup\",\"text\":\"last\"}\n"
	                  "{\"text\":\"old\",\"copy\":\"there\"}\n"
	                  "{\"te\\u0078t\":\"escaped key\"}\n"
	                  "{\"text\":5}\n"
	                  "{\"text\":\"trunc\"\n"
	                  "  {\"text\" : \"spaced\" }  \n"
	                  "{}\n")};
	capture_stderr();
	struct copy fast, tree;
	char *a, *b;
	cr_assert_eq(run(&copy_stage, &fast, 1, 1, p, &a), 0);
	cr_assert_eq(run(&copy_tree, &tree, 1, 1, p, &b), 0);
	cr_expect_str_eq(a, b);
	cr_expect_eq(fast.records, tree.records);
	cr_expect_eq(fast.rejected, tree.rejected);
	cr_expect_eq(fast.rejected, 4); /* the duplicate "text" too */
	cr_expect_gt(fast.scans, 0);
	cr_expect_eq(tree.scans, 0);
	free(a);
	free(b);
}

/* A member the stage reads or owns, twice: a bad record, on the fast path
 * and the jansson path alike (every reader keeps the last one, but the
 * earlier one's bytes would pass through: vp-redact left a name in them).
 * Other members may repeat; an escaped key is the member it spells. */
Test(filter, repeated_member_of_the_stage_is_bad)
{
	char *p[] = {file(0, "a.nd",
	                  "{\"text\":\"My name is Jane\",\"text\":\"call\"}\n"
	                  "{\"text\":\"a\",\"copy\":1,\"copy\":2}\n"
	                  "{\"text\":\"a\",\"t\\u0065xt\":\"b\"}\n"
	                  "{\"text\":\"a\",\"n\":1e3,\"text\":\"b\",\"x\":12345678901234567890}\n"
	                  "{\"text\":\"ok\",\"a\":1,\"a\":2}\n")};
	const char *err = capture_stderr();
	const vp_filter_stage *stages[] = {&copy_stage, &copy_tree};
	for (size_t i = 0; i < 2; i++) {
		struct copy c;
		char *out;
		cr_assert_eq(run(stages[i], &c, 1, 1, p, &out), 0);
		cr_expect_str_eq(out, "{\"text\":\"ok\",\"a\":1,\"a\":2,\"copy\":\"ok\"}\n");
		cr_expect_eq(c.rejected, 4);
		cr_expect_eq(c.records, 1);
		free(out);
	}
	char want[2048];
	snprintf(want, sizeof want, "vp-test: %s:1: duplicate key \"text\" (skipped)\n", p[0]);
	cr_expect(strncmp(slurp(err), want, strlen(want)) == 0, "%s", slurp(err));
	/* without --skip-bad: exit 65 at the line */
	struct copy c;
	char *out;
	cr_assert_eq(run(&copy_stage, &c, 0, 1, p, &out), EX_DATAERR);
	cr_expect_str_eq(out, "");
	free(out);
}

Test(filter, normalise_fast_path_and_fallback_agree)
{
	char *p[] = {file(0, "a.nd",
	                  "{\"id\":1,\"text\":\"The Car-Park was FULL; I waited 3 hours.\"}\n"
	                  "{\"id\":2,\"text\":\"Caf\\u00e9 don\\u2019t \\\"x\\\"\"}\n"
	                  "{\"id\":3,\"text\":null}\n{\"id\":4}\n{\"id\":5,\"text\":\"\"}\n"
	                  "{\"id\":6,\"text\":\"again\",\"tokens\":[\"stale\"]}\n"
	                  "{\"id\":7,\"text\":[1]}\n")};
	vp_err e = {0};
	vp_text *tx;
	cr_assert_eq(vp_text_open(&tx, "english", &e), 0, "%s", e.msg);
	vp_normalise n;
	vp_filter_stage st, tree;
	vp_normalise_init(&n, tx, "text", 0);
	vp_normalise_stage(&n, &st, "vp-test");
	tree = st;
	tree.on_scan = NULL;
	capture_stderr();
	struct memout m1, m2;
	FILE *f1 = memout_open(&m1), *f2 = memout_open(&m2);
	cr_assert_eq(vp_filter_run_to(&st, &n, 1, 1, p, f1), 0);
	cr_assert_eq(vp_filter_run_to(&tree, &n, 1, 1, p, f2), 0);
	char *a = memout_close(&m1), *b = memout_close(&m2);
	cr_expect_str_eq(a, b);
	cr_expect(strstr(a, "\"tokens\":[\"the\",\"car\",\"park\",\"was\",\"full\""));
	free(a);
	free(b);
	vp_normalise_free(&n);
	vp_text_close(tx);
}

Test(filter, missing_file_is_66_and_named)
{
	char missing[300];
	snprintf(missing, sizeof missing, "%s/nope.nd", dir);
	char *p[] = {file(0, "a.nd", "{\"text\":\"a\"}\n"), missing};
	const char *err = capture_stderr();
	struct copy c;
	char *out;
	cr_assert_eq(run(&copy_stage, &c, 0, 2, p, &out), EX_NOINPUT);
	cr_expect_str_eq(out, "{\"text\":\"a\",\"copy\":\"a\"}\n"); /* the first file was done */
	cr_expect_eq(c.ends, 0);
	char want[512];
	snprintf(want, sizeof want, "vp-test: %s: No such file or directory\n", missing);
	cr_expect_str_eq(slurp(err), want);
	free(out);
}

Test(filter, operands_iterator)
{
	char *p[] = {file(0, "a.txt", "x"), "-", file(1, "empty.txt", "")};
	vp_operands in;
	vp_err e = {0};
	vp_operands_init(&in, 3, p, "vp-test", VP_IN_NONEMPTY);
	cr_assert_eq(vp_operands_next(&in, &e), 1);
	cr_expect_str_eq(in.name, p[0]);
	cr_expect_eq(getc(in.fp), 'x');
	cr_assert_eq(vp_operands_next(&in, &e), 1);
	cr_expect_str_eq(in.name, "-");
	cr_expect_eq(in.fp, stdin);
	cr_assert_eq(vp_operands_next(&in, &e), EX_DATAERR);
	char want[512];
	snprintf(want, sizeof want, "%s: empty file", p[2]);
	cr_expect_str_eq(e.msg, want);
	vp_operands_close(&in);

	vp_operands_init(&in, 0, NULL, "vp-test", VP_IN_RECORDS);
	cr_assert_eq(vp_operands_next(&in, &e), 1);
	cr_expect_eq(in.fp, stdin);
	cr_expect_eq(vp_operands_next(&in, &e), 0);
	vp_operands_close(&in);
}

/* VP_IN_AGAIN: a regular file met before (by another path too) is read
 * again, same_as naming the operand it was first met as; VP_IN_ONCE
 * refuses it. */
Test(filter, operands_same_file_again)
{
	char *a = file(0, "a.txt", "x");
	char again[300];
	snprintf(again, sizeof again, "%s/./a.txt", dir);
	char *p[] = {a, file(1, "b.txt", "y"), again};
	vp_operands in;
	vp_err e = {0};
	vp_operands_init(&in, 3, p, "vp-test", VP_IN_AGAIN);
	cr_assert_eq(vp_operands_next(&in, &e), 1);
	cr_expect_null(in.same_as);
	cr_assert_eq(vp_operands_next(&in, &e), 1);
	cr_expect_null(in.same_as);
	cr_assert_eq(vp_operands_next(&in, &e), 1);
	cr_expect_str_eq(in.name, again);
	cr_expect_eq(in.same_as, a);
	cr_expect_eq(getc(in.fp), 'x');
	cr_expect_eq(vp_operands_next(&in, &e), 0);
	vp_operands_close(&in);

	vp_operands_init(&in, 3, p, "vp-test", VP_IN_ONCE);
	cr_assert_eq(vp_operands_next(&in, &e), 1);
	cr_assert_eq(vp_operands_next(&in, &e), 1);
	cr_expect_eq(vp_operands_next(&in, &e), EX_DATAERR);
	vp_operands_close(&in);
}

/* A stage that has the driver note its "tokens" elements (elems_of, as
 * vp-tag does): they are what splitting the member afterwards gives. */
struct noted {
	unsigned long lines, split;
};

static int noted_scan(void *ctx, vp_filter *f, const vp_jspan *v, vp_err *e)
{
	struct noted *c = ctx;
	(void)e;
	c->lines++;
	/* the reference: walk the member, every element a string without '\\' */
	vp_jspan s[64], rest = v[0], el1;
	long k = v[0].p && v[0].p[0] == '[' ? 0 : -1;
	while (k >= 0 && vp_jscan_array_next(&rest, &el1))
		k = k < 64 && el1.p[0] == '"' && !memchr(el1.p, '\\', el1.n) ? (s[k] = el1, k + 1) : -1;
	const vp_jscan_elems *el = &f->elems;
	if (k < 0) {
		cr_expect(el->n < 0 || !el->plain, "line %lu: noted %ld plain %d, split %ld",
		          c->lines, el->n, el->plain, k);
		return 0;
	}
	c->split++;
	cr_expect_eq(el->n, k, "line %lu", c->lines);
	cr_expect(el->plain, "line %lu", c->lines);
	for (long i = 0; i < k && i < el->n; i++)
		cr_expect(el->elem[i].n == s[i].n && el->elem[i].p == s[i].p,
		          "line %lu, element %ld", c->lines, i);
	return 0;
}

Test(filter, noted_elements_are_the_split_ones)
{
	static const char *const keys[] = {"tokens"};
	const vp_filter_stage st = {"vp-test", keys, 1, noted_scan, NULL, NULL, 1};
	char *p[] = {file(0, "t.nd",
	                  "{\"tokens\":[\"wait\",\"caf\xc3\xa9\",\"\"]}\n"
	                  "{\"tokens\":[]}\n"
	                  "{\"tokens\": [ \"a\" ,\t\"b\" ] ,\"x\":[\"c\"]}\n"
	                  "{\"tokens\":[\"a\\\"b\"]}\n"
	                  "{\"tokens\":[\"a\",1]}\n"
	                  "{\"tokens\":[[\"a\"]]}\n"
	                  "{\"tokens\":\"a\"}\n"
	                  "{\"text\":\"none\"}\n")};
	struct noted c = {0, 0};
	struct memout m;
	FILE *fp = memout_open(&m);
	cr_assert_eq(vp_filter_run_to(&st, &c, 0, 1, p, fp), 0);
	free(memout_close(&m));
	cr_expect_eq(c.lines, 8);
	cr_expect_eq(c.split, 3);
}

/* --max-line on what a stage writes: a line at the limit passes, one byte
 * longer is a bad record named by its line (never written), skipped and
 * counted with --skip-bad; the fast path and the tree path alike. */
Test(filter, written_line_past_max_line_is_bad)
{
	/* {"text":"abcd"} is 15 bytes, with ,"copy":"abcd" 29 */
	char *p[] = {file(0, "a.nd", "{\"text\":\"ab\"}\n{\"text\":\"abcd\"}\n{\"text\":\"a\"}\n")};
	const vp_filter_stage *sts[] = {&copy_stage, &copy_tree};
	for (int k = 0; k < 2; k++) {
		const char *err = capture_stderr();
		struct copy c;
		struct memout m;
		memset(&c, 0, sizeof c);
		FILE *fp = memout_open(&m);
		vp_filter_opts o = {0, 28};
		cr_assert_eq(vp_filter_run_opts_to(sts[k], &c, &o, 1, p, fp), EX_DATAERR);
		char *out = memout_close(&m);
		cr_expect_str_eq(out, "{\"text\":\"ab\",\"copy\":\"ab\"}\n");
		char want[1024];
		snprintf(want, sizeof want,
		         "vp-test: %s:2: record written longer than 28 bytes (--max-line)\n", p[0]);
		cr_expect_str_eq(slurp(err), want);
		free(out);

		err = capture_stderr();
		memset(&c, 0, sizeof c);
		fp = memout_open(&m);
		o = (vp_filter_opts){1, 28};
		cr_assert_eq(vp_filter_run_opts_to(sts[k], &c, &o, 1, p, fp), 0);
		out = memout_close(&m);
		cr_expect_str_eq(out, "{\"text\":\"ab\",\"copy\":\"ab\"}\n{\"text\":\"a\",\"copy\":\"a\"}\n");
		cr_expect_eq(c.records, 2);
		cr_expect_eq(c.rejected, 1);
		cr_expect(strstr(slurp(err), "skipped 1 bad record of 3") != NULL);
		free(out);

		memset(&c, 0, sizeof c);
		fp = memout_open(&m);
		o = (vp_filter_opts){0, 29};
		cr_assert_eq(vp_filter_run_opts_to(sts[k], &c, &o, 1, p, fp), 0);
		out = memout_close(&m);
		cr_expect(strstr(out, "{\"text\":\"abcd\",\"copy\":\"abcd\"}\n") != NULL);
		free(out);
		vp_buf_free(&c.v);
	}
}
