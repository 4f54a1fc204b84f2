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

/* Whatever the scanner accepts, jansson accepts (the reverse may fall back),
 * but for numbers jansson cannot hold (numbers_of_any_size_are_valid). */
Test(jscan, never_accepts_what_jansson_rejects)
{
	const char *lines[] = {
		"[1]", "\"s\"", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}", "{} x", "{}}",
		"{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":1x}",
		"{\"a\":tru}", "{\"a\":nul}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
		"{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"\\ud800\\u0041\"}",
		"{\"a\":\"tab\there\"}", "{\"a\":\"\xc3\"}", "{\"a\":\"\xc0\xaf\"}",
		"{\"a\":\"\xed\xa0\x80\"}", "{\"a\":\"\xf4\x90\x80\x80\"}", "{\"a\":[1,]}",
		"{\"a\":[1 2]}", "{'a':1}",
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
	/* jansson accepts a NUL byte after a number (found by fuzz_jscan) */
	static const char nul_after_number[] = "{\"a\":0\0}";
	cr_assert_eq(vp_jscan_members(nul_after_number, sizeof nul_after_number - 1, keys, 2, v),
	             VP_JSCAN_UNSURE);
	/* ... and after true, false and null too (found by fuzz_jscan) */
	static const char *const nul_after_literal[] = {"{\"a\":[null\0]}", "{\"a\":true\0}",
	                                                "{\"a\":false\0,\"b\":1}"};
	for (size_t i = 0; i < 3; i++) {
		const char *s = nul_after_literal[i];
		size_t n = strlen(s) + 1 + strlen(s + strlen(s) + 1);
		json_t *j = json_loadb(s, n, JSON_ALLOW_NUL, NULL);
		cr_assert(json_is_object(j), "jansson no longer accepts case %zu", i);
		json_decref(j);
		cr_assert_eq(vp_jscan_members(s, n, keys, 2, v), VP_JSCAN_UNSURE, "case %zu", i);
	}
}

/* A number is valid JSON whatever its size: a stage copies members it does
 * not own as their bytes, so 1e3, 1.10 or a number beyond 64 bits is no
 * reason to leave the fast path (jansson rewrote them, or refused the
 * record: "too big integer"). */
Test(jscan, numbers_of_any_size_are_valid)
{
	vp_jspan v[2];
	static const char *const good[] = {
		"{\"a\":12345678901234567890,\"text\":\"x\"}", "{\"a\":1e5}", "{\"a\":1E+3}",
		"{\"a\":5e-324}", "{\"a\":-1e999}", "{\"a\":1.10}", "{\"a\":-0}",
		"{\"a\":[0.1000000000000000055511151231257827,-0.0e-0]}",
		"{\"a\":123456789012345678901234567890123456789012345678901234567890}",
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		cr_assert_eq(scan(good[i], v), VP_JSCAN_OK, "%s", good[i]);
	cr_assert_eq(scan(good[0], v), VP_JSCAN_OK);
	cr_assert(span_is(v[0], "\"x\""));
	static const char *const bad[] = {
		"{\"a\":1e}", "{\"a\":1e+}", "{\"a\":1.e5}", "{\"a\":01}", "{\"a\":-}",
		"{\"a\":1E5.0}", "{\"a\":0x10}", "{\"a\":12345678901234567890x}",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		cr_assert_eq(scan(bad[i], v), VP_JSCAN_BAD, "%s", bad[i]);
}

/* jansson refuses a NUL in any object key, nested ones too: the scanner
 * took {"f":{"a\u0000":1}} (found by fuzz_locate). */
Test(jscan, nul_in_a_nested_key_is_bad)
{
	vp_jspan v[2];
	static const char *const bad[] = {
		"{\"text\":\"x\",\"f\":{\"a\\u0000b\":1}}",
		"{\"f\":[{\"\\u0000\":1}],\"text\":\"x\"}",
		"{\"f\":{\"\\n\\u0000\":{}}}",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		json_t *j = json_loads(bad[i], 0, NULL);
		cr_assert_null(j, "jansson now takes %s", bad[i]);
		cr_assert_eq(scan(bad[i], v), VP_JSCAN_BAD, "%s", bad[i]);
	}
	/* an escaped backslash before u0000 is no NUL; other escapes are fine */
	static const char *const good[] = {
		"{\"f\":{\"a\\\\u0000b\":1},\"text\":\"x\"}",
		"{\"f\":{\"\\u0041\\\"\\ud83d\\ude00\":1}}",
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		json_t *j = json_loads(good[i], 0, NULL);
		cr_assert_not_null(j, "jansson refuses %s", good[i]);
		json_decref(j);
		cr_assert_eq(scan(good[i], v), VP_JSCAN_OK, "%s", good[i]);
	}
}

Test(jscan, once_wants_each_member_at_most_once)
{
	vp_jspan v[2];
	const char *dup = "{\"text\":\"LE1 1AA\",\"a\":1,\"text\":\"b\"}";
	cr_assert_eq(scan(dup, v), VP_JSCAN_OK);
	cr_assert(span_is(v[0], "\"b\""));
	cr_assert_eq(vp_jscan_members_once(dup, strlen(dup), keys, 2, v), VP_JSCAN_UNSURE);
	/* other members may repeat, and a nested member is not the record's own */
	const char *ok = "{\"a\":1,\"a\":2,\"text\":\"x\",\"f\":{\"text\":1,\"text\":2}}";
	cr_assert_eq(vp_jscan_members_once(ok, strlen(ok), keys, 2, v), VP_JSCAN_OK);
	cr_assert(span_is(v[0], "\"x\""));
	cr_assert_null(v[1].p);
	cr_assert_eq(vp_jscan_members_once("{\"text\":", 8, keys, 2, v), VP_JSCAN_BAD);
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

/* Strings are scanned eight bytes at a time: put each kind of byte that
 * needs a look (quote, backslash escapes, a control character, UTF-8 good
 * and bad) at every offset of strings up to three blocks long, and check the
 * scanner agrees with jansson, finds the member's exact end, and that the
 * array walk finds the same element ends. */
Test(jscan, every_offset_of_every_special_byte)
{
	const char *specials[] = {"\\\"", "\\\\", "\\n", "\\u00e9", "\x01", "\xc3\xa9",
	                          "\xe2\x82\xac", "\xc3", "\xff", "\\", "\\q"};
	char body[64], line[256], arr[80];
	for (size_t s = 0; s < sizeof specials / sizeof *specials; s++)
		for (size_t len = 0; len <= 40; len++)
			for (size_t at = 0; at <= len; at++) {
				size_t k = 0;
				for (size_t i = 0; i < len; i++) {
					if (i == at) {
						strcpy(body + k, specials[s]);
						k += strlen(specials[s]);
					}
					body[k++] = (char)('a' + i % 26);
				}
				if (at == len) {
					strcpy(body + k, specials[s]);
					k += strlen(specials[s]);
				}
				body[k] = '\0';
				snprintf(line, sizeof line, "{\"text\":\"%s\",\"tokens\":[\"%s\",\"%s\"]}",
				         body, body, body);
				vp_jspan v[2];
				int rc = scan(line, v);
				json_error_t je;
				json_t *j = json_loads(line, 0, &je);
				cr_assert_eq(rc == VP_JSCAN_OK, j != NULL, "scanner %d, jansson %s: %s",
				             rc, j ? "ok" : je.text, line);
				json_decref(j);
				if (rc != VP_JSCAN_OK)
					continue;
				snprintf(arr, sizeof arr, "\"%s\"", body);
				cr_assert(span_is(v[0], arr), "text span wrong for %s", line);
				vp_jspan rest = v[1], el;
				for (int e = 0; e < 2; e++) {
					cr_assert(vp_jscan_array_next(&rest, &el));
					cr_assert(span_is(el, arr), "element %d wrong for %s", e, line);
				}
				cr_assert_not(vp_jscan_array_next(&rest, &el));
				/* noted as the line is validated: the same elements,
				 * plain unless escaped */
				vp_jspan nv[2], elem[4];
				vp_jscan_elems ne = {NULL, 0, elem, NULL, 4, 0, 0};
				cr_assert_eq(vp_jscan_members_elems(line, strlen(line), keys, 2, nv, 1, &ne),
				             VP_JSCAN_OK, "%s", line);
				cr_assert_eq(ne.n, 2, "noted %ld for %s", ne.n, line);
				cr_assert_eq(ne.plain, !strchr(body, '\\'), "plain %d for %s", ne.plain, line);
				for (int e = 0; e < 2; e++)
					cr_assert(span_is(ne.elem[e], arr), "noted element %d wrong for %s", e, line);
			}
}

/* vp-tag's tokens in one pass: elements noted as the line is validated,
 * whitespace allowed; plain only when every one is a string without
 * escapes; more than cap: not noted. */
static long noted(const char *arr, size_t cap, vp_jspan *elem, int *plain)
{
	static char line[256]; /* elem points into it after the return */
	snprintf(line, sizeof line, "{\"tokens\":%s}", arr);
	vp_jspan v[2];
	vp_jscan_elems el = {NULL, 0, elem, NULL, cap, 0, 0};
	cr_assert_eq(vp_jscan_members_elems(line, strlen(line), keys, 2, v, 1, &el), VP_JSCAN_OK,
	             "%s", line);
	*plain = el.plain;
	return el.n;
}

Test(jscan, plain_strings_noted_in_one_pass)
{
	vp_jspan el[8];
	int plain;
	cr_assert_eq(noted("[\"wait\",\"caf\xc3\xa9\",\"\"]", 8, el, &plain), 3);
	cr_assert(plain);
	cr_assert(span_is(el[0], "\"wait\""));
	cr_assert(span_is(el[1], "\"caf\xc3\xa9\""));
	cr_assert(span_is(el[2], "\"\""));
	cr_assert_eq(noted(" [ \"a\" ,\t\"b\"\t] ", 8, el, &plain), 2);
	cr_assert(plain && span_is(el[1], "\"b\""));
	cr_assert_eq(noted("[ ]", 8, el, &plain), 0);
	const char *no[] = {"[\"a\\\"b\"]", "[\"a\",1]", "[[\"a\"]]", "[\"a\",{}]", "[\"a\\u00e9\"]"};
	for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
		long n = noted(no[i], 8, el, &plain);
		cr_assert(n >= 0 && !plain, "%s: %ld %d", no[i], n, plain);
	}
	cr_assert_eq(noted("{}", 8, el, &plain), -1);
	cr_assert_eq(noted("[\"a\",\"b\",\"c\"]", 2, el, &plain), -1, "more elements than cap");
	cr_assert_eq(noted("[\"a\",\"b\",\"c\"]", 3, el, &plain), 3);
}

/* The flat scan notes elements 64 bytes at a time, pairing each closing
 * quote with the opening one before it, which may be blocks back: arrays
 * of up to 12 strings whose lengths (0 to 150) put quotes at every offset
 * of a block, and on both sides of one, noted exactly as the array walk
 * finds them, and -1 (not noted) with one element more than cap. */
Test(jscan, plain_strings_noted_across_blocks)
{
	static char line[4096], arr[4000];
	static const char *const tk[] = {"tokens"};
	vp_jspan elem[16], v[1];
	for (size_t n = 1; n <= 12; n++)
		for (size_t seed = 0; seed < 151; seed++) {
			size_t k = 0;
			arr[k++] = '[';
			for (size_t i = 0; i < n; i++) {
				size_t len = (seed + i * 37 + i * i * 11) % 151;
				if (i)
					arr[k++] = ',';
				arr[k++] = '"';
				for (size_t j = 0; j < len; j++)
					arr[k++] = (char)('a' + (i + j) % 26);
				arr[k++] = '"';
			}
			arr[k++] = ']';
			arr[k] = '\0';
			snprintf(line, sizeof line, "{\"tokens\":%s}", arr);
			for (size_t cap = n - 1; cap <= n; cap++) {
				vp_jscan_elems el = {NULL, 0, elem, NULL, cap, 0, 0};
				cr_assert_eq(vp_jscan_members_elems(line, strlen(line), tk, 1, v, 0, &el),
				             VP_JSCAN_OK, "%s", line);
				if (cap < n) {
					cr_assert_eq(el.n, -1, "%zu elements, cap %zu: %s", n, cap, line);
					continue;
				}
				cr_assert_eq(el.n, (long)n, "noted %ld of %zu: %s", el.n, n, line);
				cr_assert(el.plain);
				vp_jspan rest = v[0], want;
				for (size_t i = 0; i < n; i++) {
					cr_assert(vp_jscan_array_next(&rest, &want));
					cr_assert(el.elem[i].p == want.p && el.elem[i].n == want.n,
					          "element %zu of %s", i, line);
				}
			}
		}
}

Test(jscan, too_many_wanted_members_is_unsure)
{
	const char *many[VP_JSCAN_MAX_KEYS + 1];
	vp_jspan v[VP_JSCAN_MAX_KEYS + 1];
	for (size_t i = 0; i <= VP_JSCAN_MAX_KEYS; i++)
		many[i] = "k";
	cr_assert_eq(vp_jscan_members("{\"k\":1}", 7, many, VP_JSCAN_MAX_KEYS, v), VP_JSCAN_OK);
	cr_assert(span_is(v[VP_JSCAN_MAX_KEYS - 1], "1"));
	cr_assert_eq(vp_jscan_members("{\"k\":1}", 7, many, VP_JSCAN_MAX_KEYS + 1, v),
	             VP_JSCAN_UNSURE);
}

/* The members of an object inside a validated line, stepped over rather
 * than validated again, are those vp_jscan_members finds validating it:
 * every kind of value, strings with brackets, quotes and escapes in them,
 * nesting, spacing, repeats (once), and escaped keys (unsure). */
Test(jscan, validated_members_agree_with_validating)
{
	static const char *const objs[] = {
		"{}",
		" { } ",
		"{\"text\":\"a\",\"tokens\":[\"b\"]}",
		"{\"x\":\"[{\\\"\",\"text\":\"}]\\\\\",\"tokens\":[\"]\",{\"text\":\"no\"},[[]]]}",
		"{ \"n\" : -1.5 , \"t\":true,\"f\":false,\"z\":null,\"text\" : 12 , \"tokens\":{}}",
		"{\"tokens\":[1,2],\"tokens\":[3],\"text\":\"\\u00e9\\ud83d\\ude00\"}",
		"{\"a\":{\"b\":{\"c\":[{\"d\":\"}\"}]}},\"text\":\"caf\xc3\xa9\"}",
		"{\"te\\u0078t\":\"escaped key\",\"text\":\"x\"}",
		"{\"text\":\"a\",\"text\":\"b\"}",
		"{\n\t\"tokens\"\r\n:\n[ \"a\" ,\"b\" ]\n}",
	};
	for (size_t i = 0; i < sizeof objs / sizeof *objs; i++) {
		char line[512];
		snprintf(line, sizeof line, "{\"before\":[1,{\"o\":%s}],\"o\":%s,\"after\":\"}\"}", objs[i],
		         objs[i]);
		const char *const outer[] = {"o"};
		vp_jspan o;
		cr_assert_eq(vp_jscan_members(line, strlen(line), outer, 1, &o), VP_JSCAN_OK, "%s", line);
		for (int once = 0; once <= 1; once++) {
			vp_jspan want[2], got[2];
			int wrc = once ? vp_jscan_members_once(o.p, o.n, keys, 2, want)
			               : vp_jscan_members(o.p, o.n, keys, 2, want);
			int grc = vp_jscan_validated_members(o, keys, 2, got, once);
			cr_assert_eq(grc, wrc, "once %d, %s: %d vs %d", once, objs[i], grc, wrc);
			if (grc != VP_JSCAN_OK)
				continue;
			for (int k = 0; k < 2; k++)
				cr_assert(got[k].p == want[k].p && got[k].n == want[k].n,
				          "member %s of %s", keys[k], objs[i]);
		}
	}
	vp_jspan v[2];
	cr_assert_eq(vp_jscan_validated_members((vp_jspan){"[1]", 3}, keys, 2, v, 0), VP_JSCAN_BAD);
}

/* The elements of one member noted in the validating pass are what walking
 * it afterwards finds: each element, each object's members (the last of a
 * name), the last member of the name when it repeats; -1 (walk it) when
 * it is absent, not an array, or longer than cap; an escaped key in an
 * element makes the line unsure, as walking it would. */
Test(jscan, elements_noted_as_walking_finds_them)
{
	static const char *const ek[] = {"theme", "hits"};
	static const char *const lines[] = {
		"{\"themes\":[{\"theme\":\"a\",\"hits\":[\"x\",\"]\"]},\"b\",{\"hits\":[],\"theme\":\"c\",\"theme\":\"d\"}],\"text\":\"t\"}",
		"{\"themes\":[]}",
		"{\"themes\":[ {\"theme\" : \"a\" } , [1,{\"theme\":\"no\"}] , null ,{}]}",
		"{\"themes\":[{\"theme\":\"first\"}],\"text\":1,\"themes\":[{\"theme\":\"last\"},{\"x\":{\"theme\":\"deep\"}}]}",
		"{\"themes\":[{\"theme\":\"a\"}],\"themes\":null}",
		"{\"text\":\"no themes\"}",
		"{\"themes\":{\"theme\":\"not an array\"}}",
		"{\"themes\":[1,2,3,4,5]}",
		"{\"themes\":[{\"th\\u0065me\":\"escaped\"}]}",
	};
	const char *const keys2[] = {"themes", "text"};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		const char *l = lines[i];
		vp_jspan want[2], got[2], elem[4], vals[8];
		vp_jscan_elems el = {ek, 2, elem, vals, 4, 99};
		int wrc = vp_jscan_members(l, strlen(l), keys2, 2, want);
		int grc = vp_jscan_members_elems(l, strlen(l), keys2, 2, got, 0, &el);
		if (strstr(l, "\\u0065")) {
			cr_assert_eq(grc, VP_JSCAN_UNSURE, "%s", l);
			continue;
		}
		cr_assert_eq(grc, wrc, "%s", l);
		cr_assert_eq(grc, VP_JSCAN_OK, "%s", l);
		for (int k = 0; k < 2; k++)
			cr_assert(got[k].p == want[k].p && got[k].n == want[k].n, "%s", l);
		vp_jspan rest = want[0], e;
		if (!rest.p || rest.p[0] != '[' || strstr(l, "[1,2,3,4,5]")) {
			cr_assert_eq(el.n, -1, "%s: %ld", l, el.n);
			continue;
		}
		long k = 0;
		while (vp_jscan_array_next(&rest, &e)) {
			cr_assert_lt(k, el.n, "%s", l);
			cr_assert(el.elem[k].p == e.p && el.elem[k].n == e.n, "%s: element %ld", l, k);
			vp_jspan m[2] = {{0}};
			if (e.p[0] == '{')
				cr_assert_eq(vp_jscan_validated_members(e, ek, 2, m, 0), VP_JSCAN_OK);
			for (int j = 0; j < 2; j++)
				cr_assert(el.vals[k * 2 + j].p == m[j].p && el.vals[k * 2 + j].n == m[j].n,
				          "%s: element %ld member %s", l, k, ek[j]);
			k++;
		}
		cr_assert_eq(k, el.n, "%s", l);
	}
	/* a bad line is bad, noted or not */
	vp_jspan v[2], elem[4], vals[8];
	vp_jscan_elems el = {ek, 2, elem, vals, 4, 0};
	cr_assert_eq(vp_jscan_members_elems("{\"themes\":[{\"theme\":1,}]}", 25, keys2, 2, v, 0, &el),
	             VP_JSCAN_BAD);
}

/* An element object whose members are noted (vp-count's themes) is taken
 * by a short path when it is compact and all plain strings or arrays of
 * them, else by the full scan.  Each byte of such elements changed to each
 * byte that matters (or dropped, or the line cut there): the scanner must
 * agree with jansson -- never accept what it rejects, never reject what it
 * accepts -- and, when it accepts, note each element and its members as
 * walking the line afterwards finds them. */
static void elements_agree(const char *l, size_t n)
{
	static const char *const ek[] = {"theme", "hits", "spans"};
	static const char *const k2[] = {"themes", "text"};
	vp_jspan got[2], elem[8], vals[24];
	vp_jscan_elems el = {ek, 3, elem, vals, 8, 99};
	int rc = vp_jscan_members_elems(l, n, k2, 2, got, 0, &el);
	json_t *j = json_loadb(l, n, JSON_ALLOW_NUL, NULL);
	int ok = j && json_is_object(j);
	json_decref(j);
	if (ok)
		cr_assert_neq(rc, VP_JSCAN_BAD, "rejected what jansson accepts: %.*s", (int)n, l);
	if (rc != VP_JSCAN_OK)
		return;
	cr_assert(ok, "accepted what jansson rejects: %.*s", (int)n, l);
	vp_jspan rest = got[0], e;
	if (!rest.p || rest.p[0] != '[') {
		cr_assert_eq(el.n, -1, "%.*s", (int)n, l);
		return;
	}
	long k = 0;
	while (k < el.n && vp_jscan_array_next(&rest, &e)) {
		cr_assert(el.elem[k].p == e.p && el.elem[k].n == e.n, "%.*s: element %ld", (int)n, l, k);
		vp_jspan m[3] = {{0}};
		if (e.p[0] == '{')
			cr_assert_eq(vp_jscan_validated_members(e, ek, 3, m, 0), VP_JSCAN_OK);
		for (int i = 0; i < 3; i++)
			cr_assert(el.vals[k * 3 + i].p == m[i].p && el.vals[k * 3 + i].n == m[i].n,
			          "%.*s: element %ld member %s", (int)n, l, k, ek[i]);
		k++;
	}
	if (el.n >= 0)
		cr_assert(!vp_jscan_array_next(&rest, &e), "%.*s: elements left", (int)n, l);
}

Test(jscan, element_objects_noted_short_or_long)
{
	static const char *const themes[] = {
		"[{\"theme\":\"access\",\"hits\":[\"online booking\",\"cancel\"]},"
		"{\"hits\":[],\"theme\":\"b\",\"x\":\"y\"},{\"theme\":\"c\",\"theme\":\"d\",\"hits\":[\"\"]},"
		"{\"theme\":\"a longer theme name / past sixteen bytes\",\"hits\":[\"one\",\"two\","
		"\"three, four: five ] six } seven [ eight { nine\"]}]",
		"[{\"theme\":\"e\",\"hits\":[\"h\"],\"spans\":[\"s\"]}]",
	};
	static const char subs[] = {'"', ',', ':', ']', '}', '[', '{', ' ', '\\', '\x01', '\xc3',
	                            'x', '1', 'n', '\0'};
	char val[512], line[1024];
	for (size_t t = 0; t < sizeof themes / sizeof *themes; t++) {
		size_t n = strlen(themes[t]);
		snprintf(line, sizeof line, "{\"themes\":%s,\"text\":\"t\"}", themes[t]);
		elements_agree(line, strlen(line));
		for (size_t cut = 0; cut < strlen(line); cut++) /* the line cut short */
			elements_agree(line, cut);
		for (size_t at = 0; at < n; at++)
			for (size_t s = 0; s < sizeof subs; s++) {
				memcpy(val, themes[t], n + 1);
				if (subs[s])
					val[at] = subs[s];
				else /* dropped */
					memmove(val + at, val + at + 1, n - at);
				snprintf(line, sizeof line, "{\"themes\":%s,\"text\":\"t\"}", val);
				elements_agree(line, strlen(line));
			}
	}
	/* escapes, UTF-8, whitespace and nested values in an element: the
	 * full scan, with the same answers */
	static const char *const odd[] = {
		"{\"themes\":[{\"theme\":\"caf\xc3\xa9\",\"hits\":[\"\xc3\xa9t\xc3\xa9\"]}]}",
		"{\"themes\":[{\"theme\":\"a\\\"b\",\"hits\":[\"x\\\\\"]}]}",
		"{\"themes\":[{\"theme\" : \"a\", \"hits\" : [ \"x\" ] }]}",
		"{\"themes\":[{\"theme\":\"a\",\"hits\":[[\"x\"]],\"spans\":{\"o\":[1,2]}}]}",
		"{\"themes\":[{\"theme\":\"a\",\"hits\":[\"x\"],\"spans\":[[0,1]],\"n\":1.5,\"b\":true}]}",
		"{\"themes\":[{\"theme\":null,\"hits\":[null]}]}",
		"{\"themes\":[{\"th\\u0065me\":\"escaped\"}]}",
	};
	for (size_t i = 0; i < sizeof odd / sizeof *odd; i++)
		elements_agree(odd[i], strlen(odd[i]));
}

/* Flat values -- arrays of plain strings (tokens), objects of plain string
 * members (fields) -- are checked 64 bytes at a time.  Put such a value at
 * every alignment to the blocks, change each of its bytes to each byte
 * that matters to that check (or drop it), and the scanner must agree
 * with jansson: never accept what it rejects, never reject what it
 * accepts, and find the member after the value where jansson does. */
static void flat_agrees(const char *line)
{
	static const char *const k2[] = {"o", "text"};
	vp_jspan v[2];
	int rc = vp_jscan_members(line, strlen(line), k2, 2, v);
	json_t *j = json_loads(line, JSON_ALLOW_NUL, NULL);
	int ok = j && json_is_object(j);
	if (rc == VP_JSCAN_OK) {
		cr_assert(ok, "accepted what jansson rejects: %s", line);
		json_t *t = json_object_get(j, "text");
		cr_assert(t && json_is_string(t) && v[1].p && v[1].n == 3 &&
		          v[1].p[1] == json_string_value(t)[0],
		          "text member wrong in %s", line);
	}
	if (ok)
		cr_assert_neq(rc, VP_JSCAN_BAD, "rejected what jansson accepts: %s", line);
	json_decref(j);
}

Test(jscan, flat_values_at_every_offset_and_byte)
{
	static const char *const values[] = {
		"[\"a\",\"\",\"bc\",\"def\",\"ghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		"abcdefghijklmnop\",\"q\",\"rs\"]",
		"{\"k\":\"v\",\"\":\"\",\"key two\":\"a longer value, with a comma: and a colon\","
		"\"x\":\"y\"}",
	};
	static const char subs[] = {'"', ',', ':', ']', '}', '[', '{', ' ', '\\', '\x01', '\xc3',
	                            'x', '1', '\0'};
	/* shapes a single changed byte does not reach */
	static const char *const shapes[] = {
		"[\"a\",]", "[,\"a\"]", "[\"a\",,\"b\"]", "[\"a\"", "[\"a\"\"b\"]", "[\"a\"]]",
		"{\"k\"}", "{\"k\":}", "{\"k\":\"v\",}", "{\"k\":\"v\",\"x\"}", "{,\"k\":\"v\"}",
		"{\"k\":\"v\":\"w\"}", "{\"k\"::\"v\"}", "{\"k\",\"v\"}", "[\"a\":\"b\"]",
		"{\"k\":\"v\"]", "[\"a\"}",
	};
	char pad[80], val[256], line[512];
	for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++)
		for (size_t np = 0; np < 64; np++) {
			memset(pad, 'p', np);
			pad[np] = '\0';
			snprintf(line, sizeof line, "{\"pad\":\"%s\",\"o\":%s,\"text\":\"t\"}", pad,
			         shapes[i]);
			flat_agrees(line);
			vp_jspan v[2];
			static const char *const k2[] = {"o", "text"};
			cr_assert_eq(vp_jscan_members(line, strlen(line), k2, 2, v), VP_JSCAN_BAD, "%s",
			             line);
		}
	for (size_t v = 0; v < sizeof values / sizeof *values; v++)
		for (size_t np = 0; np < 64; np++) {
			memset(pad, 'p', np);
			pad[np] = '\0';
			size_t n = strlen(values[v]);
			snprintf(line, sizeof line, "{\"pad\":\"%s\",\"o\":%s,\"text\":\"t\"}", pad,
			         values[v]);
			vp_jspan got[2];
			static const char *const k2[] = {"o", "text"};
			cr_assert_eq(vp_jscan_members(line, strlen(line), k2, 2, got), VP_JSCAN_OK,
			             "%s", line);
			cr_assert(got[0].n == n && memcmp(got[0].p, values[v], n) == 0, "%s", line);
			for (size_t at = 0; at < n; at++)
				for (size_t s = 0; s < sizeof subs; s++) {
					memcpy(val, values[v], n + 1);
					if (subs[s])
						val[at] = subs[s];
					else /* dropped */
						memmove(val + at, val + at + 1, n - at);
					snprintf(line, sizeof line, "{\"pad\":\"%s\",\"o\":%s,\"text\":\"t\"}",
					         pad, val);
					flat_agrees(line);
				}
		}
}

/* Names worked out once give what names worked out per line give: the same
 * answer, members and noted elements, line after line with the same names;
 * more names than the scanner takes cannot be worked out. */
Test(jscan, names_worked_out_once_are_the_same)
{
	static const char *const ek[] = {"theme", "hits"};
	static const char *const k3[] = {"themes", "text", "id"};
	static const char *const lines[] = {
		"{\"themes\":[{\"theme\":\"a\",\"hits\":[\"x\"]},{\"theme\":\"b\"}],\"text\":\"t\",\"id\":1}",
		"{\"id\":\"x\",\"themes\":[],\"themes\":[{\"hits\":[],\"theme\":\"c\"}]}",
		"{\"text\":\"no themes\",\"tokens\":[\"a\",\"b\"]}",
		"{\"themes\":{\"theme\":\"not an array\"}}",
		"{\"themes\":[{\"th\\u0065me\":\"escaped\"}]}",
		"{\"themes\":[1,}",
	};
	vp_jscan_names nm, enm;
	cr_assert_eq(vp_jscan_names_init(&nm, k3, 3), 0);
	cr_assert_eq(vp_jscan_names_init(&enm, ek, 2), 0);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
			const char *l = lines[i];
			vp_jspan want[3], got[3], e1[4], e2[4], v1[8], v2[8];
			vp_jscan_elems el1 = {ek, 2, e1, v1, 4, 0, 0}, el2 = {ek, 2, e2, v2, 4, 0, 0};
			int wrc = vp_jscan_members_elems(l, strlen(l), k3, 3, want, 0, &el1);
			int grc = vp_jscan_members_named(l, strlen(l), &nm, got, 0, &el2, &enm);
			cr_assert_eq(grc, wrc, "%s", l);
			if (grc != VP_JSCAN_OK)
				continue;
			for (int k = 0; k < 3; k++)
				cr_assert(got[k].p == want[k].p && got[k].n == want[k].n, "%s: %s", l, k3[k]);
			cr_assert_eq(el2.n, el1.n, "%s", l);
			for (long k = 0; k < el1.n; k++) {
				cr_assert(e2[k].p == e1[k].p && e2[k].n == e1[k].n, "%s", l);
				for (int j = 0; j < 2; j++)
					cr_assert(v2[k * 2 + j].p == v1[k * 2 + j].p, "%s", l);
			}
			/* and without elements: vp_jscan_members */
			cr_assert_eq(vp_jscan_members_named(l, strlen(l), &nm, got, 0, NULL, NULL),
			             vp_jscan_members(l, strlen(l), k3, 3, want), "%s", l);
		}
	const char *many[VP_JSCAN_MAX_KEYS + 1];
	for (size_t i = 0; i <= VP_JSCAN_MAX_KEYS; i++)
		many[i] = "k";
	cr_assert_eq(vp_jscan_names_init(&nm, many, VP_JSCAN_MAX_KEYS + 1), -1);
}

/* A long flat value found valid is remembered (vp_jscan_memo) and taken
 * again only for the same bytes: the next records of a survey row skip the
 * check of their "fields", and any other value -- one byte changed, cut
 * short, or the same bytes followed by more -- is checked afresh, with the
 * answer the scan without a memo gives. */
Test(jscan, memo_takes_only_the_same_bytes)
{
	static const char subs[] = {'"', ',', ':', '}', '{', ' ', '\\', '\x01', 'x', '\0'};
	static const char *const k2[] = {"id", "text"};
	char f[1024], g[1024], line[2048];
	size_t n = 0;
	n += (size_t)snprintf(f + n, sizeof f - n, "{");
	for (int i = 0; i < 12; i++)
		n += (size_t)snprintf(f + n, sizeof f - n, "%s\"Q%d How would you rate it\":\"%d\"",
		                      i ? "," : "", i, i * 7);
	n += (size_t)snprintf(f + n, sizeof f - n, "}");
	cr_assert_gt(n, 256); /* long enough to be remembered */
	vp_jscan_names nm;
	vp_jscan_memo memo = {0};
	cr_assert_eq(vp_jscan_names_init(&nm, k2, 2), 0);
	nm.memo = &memo;
	snprintf(line, sizeof line, "{\"id\":\"r1\",\"fields\":%s,\"text\":\"t\"}", f);
	vp_jspan got[2], want[2];
	cr_assert_eq(vp_jscan_members_named(line, strlen(line), &nm, got, 0, NULL, NULL), VP_JSCAN_OK);
	cr_assert(memo.last.len == n && memcmp(memo.last.data, f, n) == 0, "not remembered");
	/* a record's long tokens after its fields do not push them out */
	char toks[600];
	size_t tn = (size_t)snprintf(toks, sizeof toks, "[");
	for (int i = 0; i < 40; i++)
		tn += (size_t)snprintf(toks + tn, sizeof toks - tn, "%s\"token%d\"", i ? "," : "", i);
	snprintf(toks + tn, sizeof toks - tn, "]");
	snprintf(line, sizeof line, "{\"id\":\"r1\",\"fields\":%s,\"tokens\":%s}", f, toks);
	cr_assert_eq(vp_jscan_members_named(line, strlen(line), &nm, got, 0, NULL, NULL), VP_JSCAN_OK);
	cr_assert(memo.last.len == n && memcmp(memo.last.data, f, n) == 0, "pushed out");
	for (size_t at = 0; at <= n; at++)
		for (size_t s = 0; s < sizeof subs; s++) {
			/* the remembered row first, so the memo holds f */
			snprintf(line, sizeof line, "{\"id\":\"r1\",\"fields\":%s,\"text\":\"t\"}", f);
			cr_assert_eq(vp_jscan_members_named(line, strlen(line), &nm, got, 0, NULL, NULL),
			             VP_JSCAN_OK);
			memcpy(g, f, n + 1);
			if (at == n) /* f itself, then something after it */
				snprintf(line, sizeof line, "{\"id\":\"r2\",\"fields\":%s%c\"text\":\"t\"}",
				         f, subs[s] ? subs[s] : ',');
			else {
				if (subs[s])
					g[at] = subs[s];
				else /* dropped */
					memmove(g + at, g + at + 1, n - at);
				snprintf(line, sizeof line, "{\"id\":\"r2\",\"fields\":%s,\"text\":\"t\"}", g);
			}
			size_t len = strlen(line);
			int rc = vp_jscan_members_named(line, len, &nm, got, 0, NULL, NULL);
			cr_assert_eq(rc, vp_jscan_members(line, len, k2, 2, want), "%s", line);
			if (rc == VP_JSCAN_OK)
				for (int k = 0; k < 2; k++)
					cr_assert(got[k].p == want[k].p && got[k].n == want[k].n, "%s", line);
		}
	vp_jscan_memo_free(&memo);
}
