/* vp_record_write_with, vp_reader_reject (record.h additions
 * made for vp-normalise / vp-tag). */
#include <criterion/criterion.h>
#include <sys/stat.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/record.h"
#include "memout.h"

/* Read the one line in, add key=value, return what was written. */
static char *with(const char *in, const char *key, const char *value)
{
	static char result[1024];
	FILE *fp = fmemopen((void *)in, strlen(in), "r");
	struct memout m;
	FILE *o = memout_open(&m);
	vp_reader r;
	vp_err e;
	json_t *rec;
	vp_reader_init(&r, fp, "in", "test");
	cr_assert_eq(vp_reader_next(&r, &rec, &e), 1);
	cr_assert_eq(vp_record_write_with(o, &r, rec, key, value, strlen(value), &e), 0);
	char *out = memout_close(&m);
	snprintf(result, sizeof result, "%s", out);
	free(out);
	json_decref(rec);
	vp_reader_free(&r);
	fclose(fp);
	return result;
}

Test(splice, appends_before_closing_brace_keeping_bytes)
{
	cr_assert_str_eq(with("{\"b\":1, \"a\" : \"\\u00e9\"}\n", "tokens", "[\"x\"]"),
	                 "{\"b\":1, \"a\" : \"\\u00e9\",\"tokens\":[\"x\"]}\n");
	cr_assert_str_eq(with("{\"a\":{}}  \r\n", "t", "[]"), "{\"a\":{},\"t\":[]}\n");
	cr_assert_str_eq(with("{ }\n", "t", "[]"), "{ \"t\":[]}\n");
	cr_assert_str_eq(with("{}", "t", "[1]"), "{\"t\":[1]}\n");
}

Test(splice, existing_key_replaced_in_place)
{
	cr_assert_str_eq(with("{\"t\":[\"old\"],\"z\":2}\n", "t", "[\"new\"]"),
	                 "{\"t\":[\"new\"],\"z\":2}\n");
	/* a nested "t" is not the record's own */
	cr_assert_str_eq(with("{\"f\":{\"t\":1}}\n", "t", "[]"), "{\"f\":{\"t\":1},\"t\":[]}\n");
}

Test(splice, reject_counts_or_stops, .init = cr_redirect_stderr)
{
	const char *in = "{\"a\":1}\n{\"a\":2}\n";
	FILE *fp = fmemopen((void *)in, strlen(in), "r");
	vp_reader r;
	vp_err e;
	json_t *rec;
	vp_reader_init(&r, fp, "in", "test");
	cr_assert_eq(vp_reader_next(&r, &rec, &e), 1);
	json_decref(rec);
	cr_assert_eq(vp_reader_reject(&r, &e, "no good"), EX_DATAERR);
	cr_assert_str_eq(e.msg, "in:1: no good");
	r.skip_bad = 1;
	cr_assert_eq(vp_reader_next(&r, &rec, &e), 1);
	json_decref(rec);
	cr_assert_eq(vp_reader_reject(&r, &e, "no good"), 0);
	cr_assert_eq(r.records, 1);
	cr_assert_eq(r.rejected, 1);
	vp_reader_free(&r);
	fclose(fp);
}

/* What one of the writers wrote: w(o, arg, &e) into memory; *rc its result. */
struct write_call {
	const char *line, *key, *value, *append;
	const vp_jedit *ed;
	size_t nedits;
};

static char *written(int (*w)(FILE *, const struct write_call *, vp_err *),
                     const struct write_call *call, int *rc)
{
	static char result[1024];
	struct memout m;
	FILE *o = memout_open(&m);
	vp_err e;
	vp_err_clear(&e);
	*rc = w(o, call, &e);
	char *out = memout_close(&m);
	snprintf(result, sizeof result, "%s", out);
	free(out);
	return result;
}

static int write_spliced(FILE *o, const struct write_call *c, vp_err *e)
{
	return vp_record_write_spliced(o, 0, c->line, strlen(c->line), c->key, c->value,
	                               strlen(c->value), e);
}

static int write_edited(FILE *o, const struct write_call *c, vp_err *e)
{
	return vp_record_write_edited(o, 0, c->line, strlen(c->line), c->ed, c->nedits, c->append,
	                              strlen(c->append), e);
}

/* Write line[0..) with KEY:VALUE spliced in, return what was written. */
static char *spliced(const char *line, const char *key, const char *value, int *rc)
{
	struct write_call c = {.line = line, .key = key, .value = value};
	return written(write_spliced, &c, rc);
}

/* The reader strips one "\r\n"; any other JSON whitespace after the
 * closing brace (jansson and the scanner accept it) is dropped, it used to
 * fail with "record line does not end with '}'" (exit 70). */
Test(splice, any_json_whitespace_after_the_object)
{
	int rc;
	cr_assert_str_eq(spliced("{\"a\":1}\r ", "t", "[]", &rc), "{\"a\":1,\"t\":[]}\n");
	cr_assert_eq(rc, 0);
	cr_assert_str_eq(spliced("{ \r\n}\n\t\r", "t", "[]", &rc), "{ \r\n\"t\":[]}\n");
	cr_assert_eq(rc, 0);
}

/* Apply edits (spans given as substrings found in line) and append. */
static char *edited(const char *line, const char *const *from, const char *const *to,
                    size_t nedits, const char *append, int *rc)
{
	vp_jedit ed[8];
	const char *p = line;
	for (size_t i = 0; i < nedits; i++) {
		const char *at = strstr(p, from[i]);
		cr_assert_not_null(at, "%s not in %s", from[i], p);
		ed[i] = (vp_jedit){{at, strlen(from[i])}, to[i], strlen(to[i])};
		p = at + strlen(from[i]);
	}
	struct write_call c = {.line = line, .append = append, .ed = ed, .nedits = nedits};
	return written(write_edited, &c, rc);
}

Test(edited, values_replaced_in_place_members_appended)
{
	int rc;
	const char *from[] = {"\"LE1 1AA\"", "\"LE2 2BB\"", "5"};
	const char *to[] = {"\"LE1\"", "\"LE2\"", "\"five\""};
	cr_assert_str_eq(edited(" {\"a\":\"LE1 1AA\", \"f\":{\"p\":\"LE2 2BB\",\"q\":1},\"z\":5} ",
	                        from, to, 3, "\"x\":true,\"y\":\"\\u0000\"", &rc),
	                 " {\"a\":\"LE1\", \"f\":{\"p\":\"LE2\",\"q\":1},\"z\":\"five\","
	                 "\"x\":true,\"y\":\"\\u0000\"}\n");
	cr_assert_eq(rc, 0);
	/* no members to append: only the edits */
	cr_assert_str_eq(edited("{\"a\":\"LE1 1AA\"}", from, to, 1, "", &rc), "{\"a\":\"LE1\"}\n");
	cr_assert_eq(rc, 0);
	/* nothing at all: the line as it was */
	cr_assert_str_eq(edited("{\"a\" : 1 }", from, to, 0, "", &rc), "{\"a\" : 1 }\n");
	cr_assert_eq(rc, 0);
}

Test(edited, empty_object_gets_no_leading_comma)
{
	int rc;
	cr_assert_str_eq(edited("{}", NULL, NULL, 0, "\"x\":1,\"y\":2", &rc), "{\"x\":1,\"y\":2}\n");
	cr_assert_eq(rc, 0);
	cr_assert_str_eq(edited("{ \t}\t", NULL, NULL, 0, "\"x\":1", &rc), "{ \t\"x\":1}\n");
	cr_assert_eq(rc, 0);
	/* an empty object inside is not the record being empty */
	cr_assert_str_eq(edited("{\"a\":{}}", NULL, NULL, 0, "\"x\":1", &rc),
	                 "{\"a\":{},\"x\":1}\n");
	cr_assert_eq(rc, 0);
}

Test(edited, edits_out_of_order_or_outside_are_refused)
{
	int rc;
	const char *line = "{\"a\":1,\"b\":2}";
	vp_jedit ed[2] = {{{line + 11, 1}, "3", 1}, {{line + 5, 1}, "4", 1}};
	struct memout m;
	FILE *o = memout_open(&m);
	vp_err e;
	vp_err_clear(&e);
	rc = vp_record_write_edited(o, 0, line, strlen(line), ed, 2, "", 0, &e);
	cr_assert_eq(rc, EX_SOFTWARE);
	vp_jedit past = {{line + 13, 1}, "3", 1}; /* the closing brace itself */
	rc = vp_record_write_edited(o, 0, line, strlen(line), &past, 1, "", 0, &e);
	cr_assert_eq(rc, EX_SOFTWARE);
	rc = vp_record_write_edited(o, 0, "[1]", 3, NULL, 0, "\"x\":1", 5, &e);
	cr_assert_eq(rc, EX_SOFTWARE);
	char *out = memout_close(&m);
	cr_assert_eq(m.len, 0);
	free(out);
}

/* Many lines to one stream: most are copied straight into the stream's
 * buffer, those meeting its end (or longer than it, or on a line-buffered
 * stream, where each line must be out as it ends) go through fwrite; the
 * bytes are the same whichever way. */
Test(edited, many_lines_the_same_through_the_buffer_or_not)
{
	static char line[20000];
	const char *want1 = "{\"a\":\"LE1\",\"b\":[1,2],\"z\":\"five\",\"x\":true}\n";
	size_t n1 = strlen(want1);
	for (int lbf = 0; lbf <= 1; lbf++) {
		FILE *o = tmpfile();
		cr_assert_not_null(o);
		cr_assert_eq(setvbuf(o, NULL, lbf ? _IOLBF : _IOFBF, 4096), 0);
		vp_err e;
		/* a part line first: glibc keeps a line-buffered stream's write
		 * end behind its write pointer then */
		cr_assert_neq(fputs(">", o), EOF);
		size_t nlines = 3000, big = 1;
		for (size_t i = 0; i < nlines; i++) {
			/* every 500th line longer than the buffer */
			size_t pad = i % 500 == 7 ? 12000 : i % 13;
			int k = snprintf(line, sizeof line, "{\"a\":\"LE1 1AA\",\"b\":[1,2]%*s,\"z\":5}",
			                 (int)pad, "");
			const char *at = strstr(line, "\"LE1 1AA\""), *five = strstr(line, ":5}") + 1;
			vp_jedit ed[2] = {{{at, 9}, "\"LE1\"", 5}, {{five, 1}, "\"five\"", 6}};
			cr_assert_eq(vp_record_write_edited(o, 0, line, (size_t)k, ed, 2, "\"x\":true", 8,
			                                    &e),
			             0);
			big += pad;
			struct stat st;
			if (lbf) { /* each line out as it ends */
				cr_assert_eq(fstat(fileno(o), &st), 0);
				cr_assert_eq((size_t)st.st_size, (i + 1) * n1 + big, "line %zu held back", i);
			}
		}
		size_t total = nlines * n1 + big;
		char *out = malloc(total + 1);
		cr_assert_not_null(out);
		rewind(o);
		cr_assert_eq(fread(out, 1, total + 1, o), total);
		fclose(o);
		const char *p = out + 1;
		for (size_t i = 0; i < nlines; i++) {
			size_t pad = i % 500 == 7 ? 12000 : i % 13;
			cr_assert(memcmp(p, want1, 20) == 0, "line %zu: %.40s", i, p);
			for (size_t j = 0; j < pad; j++)
				cr_assert_eq(p[20 + j], ' ', "line %zu", i);
			cr_assert(memcmp(p + 20 + pad, want1 + 20, n1 - 20) == 0, "line %zu: %.40s", i,
			          p + 20 + pad);
			p += n1 + pad;
		}
		free(out);
	}
}

/* vp_record_write_dropping: line with the members at the given values
 * (found as vp_jscan_members finds them) removed and app appended. */
static char *dropping(const char *line, const char *k1, const char *k2, const char *app)
{
	static char result[1024];
	const char *keys[2] = {k1, k2};
	vp_jspan v[2];
	cr_assert_eq(vp_jscan_members(line, strlen(line), keys, 2, v), VP_JSCAN_OK, "%s", line);
	struct memout m;
	FILE *o = memout_open(&m);
	vp_err e;
	cr_assert_eq(vp_record_write_dropping(o, 0, line, strlen(line), v, 2, NULL, 0, app,
	                                      app ? strlen(app) : 0, &e), 0, "%s", line);
	char *out = memout_close(&m);
	snprintf(result, sizeof result, "%s", out);
	free(out);
	return result;
}

/* A stage run again replaces the members it owns without touching a byte
 * of the others: the old ones dropped (with the comma joining them), the
 * new ones appended. */
Test(splice, owned_members_dropped_others_kept)
{
	const char *app = "\"t\":[1]";
	cr_assert_str_eq(dropping("{\"a\":1.10,\"t\":[0],\"b\":\"\\u00e9\"}", "t", "x", app),
	                 "{\"a\":1.10,\"b\":\"\\u00e9\",\"t\":[1]}\n");
	/* first, last, both, adjacent, only, spaces */
	cr_assert_str_eq(dropping("{\"t\":[0],\"a\":1e3}", "t", "x", app),
	                 "{\"a\":1e3,\"t\":[1]}\n");
	cr_assert_str_eq(dropping("{\"a\":1e3,\"t\":[0]}", "t", "x", app),
	                 "{\"a\":1e3,\"t\":[1]}\n");
	cr_assert_str_eq(dropping("{\"t\":[0],\"l\":\"en\",\"a\":-0}", "t", "l", app),
	                 "{\"a\":-0,\"t\":[1]}\n");
	cr_assert_str_eq(dropping("{\"a\":-0,\"t\":[0],\"l\":\"en\"}", "t", "l", app),
	                 "{\"a\":-0,\"t\":[1]}\n");
	cr_assert_str_eq(dropping("{\"l\":\"en\",\"a\":-0,\"t\":[0]}", "t", "l", app),
	                 "{\"a\":-0,\"t\":[1]}\n");
	cr_assert_str_eq(dropping("{\"t\":[0],\"l\":\"en\"}", "t", "l", app), "{\"t\":[1]}\n");
	cr_assert_str_eq(dropping("{ \"t\" : [0] }", "t", "l", app), "{ \"t\":[1]}\n");
	cr_assert_str_eq(dropping("{ \"a\" : [ 1 , 2 ] , \"t\" : 0 , \"b\" : {} }", "t", "l", app),
	                 "{ \"a\" : [ 1 , 2 ]  , \"b\" : {} ,\"t\":[1]}\n");
	cr_assert_str_eq(dropping("{\"t\":[0],\"l\":\"en\"}", "t", "l", NULL), "{}\n");
	cr_assert_str_eq(dropping("{\"a\":1}", "t", "l", app), "{\"a\":1,\"t\":[1]}\n");
}

/* vp_record_write_kept: the line parsed, changed by f, written. */
static char *kept(const char *line, void (*f)(json_t *))
{
	static char result[1024];
	json_t *rec = json_loads(line, JSON_DECODE_ANY, NULL);
	if (!rec)
		rec = json_loads(line, JSON_DECODE_INT_AS_REAL, NULL);
	cr_assert_not_null(rec, "%s", line);
	f(rec);
	struct memout m;
	FILE *o = memout_open(&m);
	vp_err e;
	cr_assert_eq(vp_record_write_kept(o, 0, line, strlen(line), rec, NULL, 0, &e), 0, "%s",
	             line);
	char *out = memout_close(&m);
	snprintf(result, sizeof result, "%s", out);
	free(out);
	json_decref(rec);
	return result;
}

static void set_t(json_t *rec)
{
	json_object_set_new(rec, "t", json_string("\xc3\xa9"));
	json_object_del(rec, "gone");
	json_object_set_new(rec, "new", json_real(1.1));
}

/* The jansson path writes what the stage did not change as it came:
 * jansson itself wrote 1.1000000000000001, 1000.0, "é", [1,2]. */
Test(splice, tree_path_keeps_unchanged_bytes)
{
	cr_assert_str_eq(kept("{\"n\":1.10,\"e\":1e3,\"z\":-0,\"u\":\"\\u00e9\",\"s\":\"a\\/b\","
	                      "\"sp\":[ 1 , 2 ],\"t\":\"old\",\"gone\":1,\"k\" : {\"a\":5e-324}}",
	                      set_t),
	                 "{\"n\":1.10,\"e\":1e3,\"z\":-0,\"u\":\"\\u00e9\",\"s\":\"a\\/b\","
	                 "\"sp\":[ 1 , 2 ],\"t\":\"\xc3\xa9\",\"k\" : {\"a\":5e-324},"
	                 "\"new\":1.1000000000000001}\n");
	/* a number beyond 64 bits (read as a real) and a repeated member */
	cr_assert_str_eq(kept("{\"gone\":0,\"big\":12345678901234567890,\"a\":[1],\"a\":2}", set_t),
	                 "{\"big\":12345678901234567890,\"a\":[1],\"a\":2,\"t\":\"\xc3\xa9\","
	                 "\"new\":1.1000000000000001}\n");
}

/* 80,000 members: each found by its name in one probe (review: a scan per
 * member took 13 s).  The timeout is a hang guard, not a speed figure. */
Test(splice, tree_path_many_members, .timeout = 5)
{
	vp_buf line = VP_BUF_INIT;
	cr_assert_eq(vp_buf_puts(&line, "{\"gone\":0"), 0);
	for (int i = 0; i < 80000; i++)
		cr_assert_eq(vp_buf_printf(&line, ",\"k%d\":%d", i, i), 0);
	cr_assert_eq(vp_buf_puts(&line, ",\"t\":\"x\"}"), 0);
	json_t *rec = json_loadb(line.data, line.len, 0, NULL);
	cr_assert_not_null(rec);
	set_t(rec);
	struct memout m;
	FILE *o = memout_open(&m);
	vp_err e;
	cr_assert_eq(vp_record_write_kept(o, 0, line.data, line.len, rec, NULL, 0, &e), 0);
	char *out = memout_close(&m);
	cr_assert(strncmp(out, "{\"k0\":0,\"k1\":1,", 15) == 0, "%.40s", out);
	cr_assert_not_null(strstr(out, ",\"k79999\":79999,\"t\":\"\xc3\xa9\",\"new\":1.1000000000000001}\n"));
	free(out);
	json_decref(rec);
	vp_buf_free(&line);
}

/* ---- max: the line measured before it is written ---------------------- */

/* One write of line by writer k (0 edited, 1 spliced, 2 spliced_dropping,
 * 3 dropping, 4 kept; KEY "t", value/append app; the members "t" and "l"
 * dropped where dropping) with max: its rc, what it wrote into out. */
static int write_max(int k, const char *line, const char *app, size_t max, char *out,
                     size_t outsz)
{
	const char *keys[2] = {"t", "l"};
	vp_jspan v[2];
	size_t n = strlen(line), na = strlen(app);
	cr_assert_eq(vp_jscan_members(line, n, keys, 2, v), VP_JSCAN_OK, "%s", line);
	struct memout m;
	FILE *o = memout_open(&m);
	vp_err e;
	int rc;
	json_t *rec = NULL;
	switch (k) {
	case 0:
		rc = vp_record_write_edited(o, max, line, n, NULL, 0, app, na, &e);
		break;
	case 1:
		rc = vp_record_write_spliced(o, max, line, n, "t", app, na, &e);
		break;
	case 2:
		rc = vp_record_write_spliced_dropping(o, max, line, n, v, 2, "t", app, na, &e);
		break;
	case 3:
		rc = vp_record_write_dropping(o, max, line, n, v, 2, NULL, 0, app, na, &e);
		break;
	default:
		/* the tree path: "t" set to app (as JSON), "l" removed */
		rec = json_loads(line, 0, NULL);
		cr_assert_not_null(rec, "%s", line);
		json_object_set_new(rec, "t", json_loads(app, JSON_DECODE_ANY, NULL));
		json_object_del(rec, "l");
		rc = vp_record_write_kept(o, max, line, n, rec, NULL, 0, &e);
		json_decref(rec);
	}
	char *s = memout_close(&m);
	snprintf(out, outsz, "%s", s);
	free(s);
	return rc;
}

/* Every writer, given max, writes a line of max bytes ('\n' aside) and
 * refuses one of max + 1 with VP_WRITE_TOO_LONG, writing nothing: the
 * measure is exact (an empty object gets no comma, removed members take
 * theirs, whitespace before the '{' is written, after the '}' is not). */
Test(splice, max_is_the_exact_line_length)
{
	static const char *const lines[] = {
		"{\"a\":1}", "{}", " { } \t", "{\"t\":[0],\"l\":\"en\"}", "{\"a\":\"x\",\"l\":\"en\"}",
		"{ \"a\" : [ 1 , 2 ] , \"t\" : 0 , \"b\" : {} }",
	};
	static const char *const apps[2][2] = {{"\"x\":2", "[1,2]"}, {"\"x\":2", "\"\""}};
	for (int k = 0; k < 5; k++)
		for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
			for (int a = 0; a < 2; a++) {
				/* edited and dropping append members, the others a value */
				const char *app = apps[a][k == 0 || k == 3 ? 0 : 1];
				if (k == 1 && strstr(lines[i], "\"t\""))
					continue; /* spliced: the line has no KEY */
				char want[256], got[256];
				cr_assert_eq(write_max(k, lines[i], app, 0, want, sizeof want), 0);
				size_t len = strlen(want);
				cr_assert(len > 1 && want[len - 1] == '\n');
				len--;
				cr_expect_eq(write_max(k, lines[i], app, len, got, sizeof got), 0,
				             "writer %d, %s: at max %zu", k, lines[i], len);
				cr_expect_str_eq(got, want, "writer %d, %s", k, lines[i]);
				cr_expect_eq(write_max(k, lines[i], app, len - 1, got, sizeof got),
				             VP_WRITE_TOO_LONG, "writer %d, %s: %zu > max %zu", k,
				             lines[i], len, len - 1);
				cr_expect_str_eq(got, "", "writer %d, %s: nothing written", k, lines[i]);
			}
}
