#include <criterion/criterion.h>
#include <jansson.h>
#include <string.h>

#include "voxpop/jscan.h"

static const char *const keys[] = {"text", "tokens"};

static int scan(const char *line, vp_jspan *v)
{
	return vp_jscan_members(line, strlen(line), keys, 2, v);
}

static int span_is(vp_jspan v, const char *want)
{
	return v.p && v.n == strlen(want) && memcmp(v.p, want, v.n) == 0;
}

Test(jscan, finds_top_level_members_only)
{
	vp_jspan v[2];
	cr_assert_eq(scan(" {\"id\":1,\"f\":{\"text\":\"inner\"},\"text\" : \"a\\\"b\" ,\"x\":[{}]} ", v),
	             VP_JSCAN_OK);
	cr_assert(span_is(v[0], "\"a\\\"b\""));
	cr_assert_null(v[1].p);
	/* the last of duplicate keys, as jansson keeps it */
	cr_assert_eq(scan("{\"tokens\":[1],\"tokens\":[\"a\",[\"b\"]]}", v), VP_JSCAN_OK);
	cr_assert(span_is(v[1], "[\"a\",[\"b\"]]"));
	cr_assert_eq(scan("{}", v), VP_JSCAN_OK);
	cr_assert_null(v[0].p);
}

/* Whatever the scanner accepts, jansson accepts (the reverse may fall back). */
Test(jscan, never_accepts_what_jansson_rejects)
{
	const char *lines[] = {
		"[1]", "\"s\"", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}", "{} x", "{}}",
		"{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":1x}",
		"{\"a\":tru}", "{\"a\":nul}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
		"{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"\\ud800\\u0041\"}",
		"{\"a\":\"tab\there\"}", "{\"a\":\"\xc3\"}", "{\"a\":\"\xc0\xaf\"}",
		"{\"a\":\"\xed\xa0\x80\"}", "{\"a\":\"\xf4\x90\x80\x80\"}", "{\"a\":[1,]}",
		"{\"a\":[1 2]}", "{'a':1}", "{\"a\":1e400}", "{\"a\":123456789012345678901234}",
		"\xef\xbb\xbf{}", "{\"a\":\"ok\"}\x0b",
		/* and some good ones */
		"{\"a\":\"\\ud83d\\ude00 \xf0\x9f\x98\x80 caf\xc3\xa9\",\"b\":[true,false,null,-0.5e-3]}",
		"{\"a\":\"\\u0000\"}", "{ \"a\" : { \"b\" : [ ] } }",
	};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		vp_jspan v[2];
		int rc = scan(lines[i], v);
		json_error_t je;
		json_t *j = json_loadb(lines[i], strlen(lines[i]), JSON_ALLOW_NUL, &je);
		int jansson_ok = j && json_is_object(j);
		json_decref(j);
		if (rc == VP_JSCAN_OK)
			cr_assert(jansson_ok, "scanner accepted what jansson rejects: %s", lines[i]);
		if (jansson_ok)
			cr_assert_neq(rc, VP_JSCAN_BAD, "scanner rejected good JSON: %s", lines[i]);
	}
}

Test(jscan, unsure_cases_go_to_jansson)
{
	vp_jspan v[2];
	cr_assert_eq(scan("{\"t\\u0065xt\":\"x\"}", v), VP_JSCAN_UNSURE); /* escaped key */
	cr_assert_eq(scan("{\"a\":12345678901234567890}", v), VP_JSCAN_UNSURE);
	cr_assert_eq(scan("{\"a\":1e5}", v), VP_JSCAN_UNSURE);
}

Test(jscan, string_decoding)
{
	vp_buf scratch = VP_BUF_INIT;
	const char *s;
	size_t n;
	const char *plain = "\"no escapes\"";
	cr_assert_eq(vp_jscan_string((vp_jspan){plain, strlen(plain)}, &scratch, &s, &n), 0);
	cr_assert_eq(s, plain + 1);
	cr_assert_eq(n, 10);
	const char *esc = "\"a\\n\\\"b\\\\ \\u00e9\\ud83d\\ude00\\/\\u0000z\"";
	cr_assert_eq(vp_jscan_string((vp_jspan){esc, strlen(esc)}, &scratch, &s, &n), 0);
	cr_assert_eq(n, 15);
	cr_assert_eq(memcmp(s, "a\n\"b\\ \xc3\xa9\xf0\x9f\x98\x80/\0z", 15), 0);
	vp_buf_free(&scratch);
}

Test(jscan, array_walk_handles_nested_arrays)
{
	const char *a = "[ \"x\" , [1,[2]] ,{\"k\":[]},\"y\" ]";
	vp_jspan rest = {a, strlen(a)}, el;
	const char *want[] = {"\"x\"", "[1,[2]]", "{\"k\":[]}", "\"y\""};
	size_t k = 0;
	while (vp_jscan_array_next(&rest, &el)) {
		cr_assert_lt(k, 4);
		cr_assert(span_is(el, want[k]), "element %zu: %.*s", k, (int)el.n, el.p);
		k++;
	}
	cr_assert_eq(k, 4);
	const char *empty = "[ ]";
	rest = (vp_jspan){empty, 3};
	cr_assert_eq(vp_jscan_array_next(&rest, &el), 0);
}
