/* vp_record_write_with, vp_reader_reject (record.h additions
 * made for vp-normalise / vp-tag). */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/record.h"

/* Read the one line in, add key=value, return what was written. */
static char *with(const char *in, const char *key, const char *value)
{
	static char result[1024];
	FILE *fp = fmemopen((void *)in, strlen(in), "r");
	char *out = NULL;
	size_t len = 0;
	FILE *o = open_memstream(&out, &len);
	vp_reader r;
	vp_err e;
	json_t *rec;
	vp_reader_init(&r, fp, "in", "test");
	cr_assert_eq(vp_reader_next(&r, &rec, &e), 1);
	cr_assert_eq(vp_record_write_with(o, &r, rec, key, value, strlen(value), &e), 0);
	fclose(o);
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
