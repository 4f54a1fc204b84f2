#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/count.h"
#include "voxpop/jsonw.h"
#include "voxpop/count_doc.h"
#include "voxpop/record.h"
#include "memout.h"
#include "../../pipeline/core/count_impl.h" /* lexmixed */

static void add(vp_count *c, const char *json)
{
	json_error_t je;
	json_t *rec = json_loads(json, 0, &je);
	cr_assert_not_null(rec, "bad test JSON: %s", je.text);
	vp_err e;
	vp_err_clear(&e);
	int rc = vp_count_add(c, rec, &e);
	cr_assert_eq(rc, 0, "vp_count_add: %s", e.msg);
	json_decref(rec);
}

static json_int_t ival(json_t *doc, const char *path)
{
	/* path like "localities/Rutland/themes/staff/records", '|' separates keys with '/' */
	char buf[256];
	snprintf(buf, sizeof buf, "%s", path);
	json_t *v = doc;
	for (char *k = strtok(buf, "|"); k; k = strtok(NULL, "|"))
		v = json_object_get(v, k);
	cr_assert(json_is_integer(v), "%s is not an integer", path);
	return json_integer_value(v);
}

static double rval(json_t *doc, const char *path)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", path);
	json_t *v = doc;
	for (char *k = strtok(buf, "|"); k; k = strtok(NULL, "|"))
		v = json_object_get(v, k);
	cr_assert(json_is_real(v), "%s is not a real", path);
	return json_real_value(v);
}

static json_t *get(json_t *doc, const char *path)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", path);
	json_t *v = doc;
	for (char *k = strtok(buf, "|"); k; k = strtok(NULL, "|"))
		v = json_object_get(v, k);
	return v;
}

#define T(name) "{\"theme\":\"" name "\"}"

Test(count, localities_total_shares_and_unassigned)
{
	vp_count_opts o = {0};
	vp_count *c = vp_count_new(&o);
	add(c, "{\"locality\":\"Rutland\",\"themes\":[" T("transport") "," T("transport/parking") "]}");
	add(c, "{\"locality\":\"Rutland\",\"themes\":[" T("staff") "]}");
	add(c, "{\"locality\":\"Rutland\",\"themes\":[]}");
	add(c, "{\"locality\":\"\",\"themes\":[" T("staff") "]}");
	add(c, "{\"themes\":[" T("staff") "]}");
	add(c, "{\"locality\":\"  \",\"themes\":[]}");
	json_t *doc = vp_count_json(c);
	cr_assert_eq(ival(doc, "records"), 6);
	cr_assert_str_eq(json_string_value(get(doc, "level")), "locality");
	cr_assert_eq(ival(doc, "localities|Rutland|records"), 3);
	cr_assert_eq(ival(doc, "localities|Rutland|untagged"), 1);
	cr_assert_eq(ival(doc, "localities|Rutland|themes|transport|records"), 1);
	cr_assert_float_eq(rval(doc, "localities|Rutland|themes|transport|share"), 0.3333, 1e-12);
	cr_assert_eq(ival(doc, "localities|Unassigned|records"), 3);
	cr_assert_eq(ival(doc, "localities|Unassigned|themes|staff|records"), 2);
	cr_assert_eq(ival(doc, "total|themes|staff|records"), 3);
	cr_assert_float_eq(rval(doc, "total|themes|staff|share"), 0.5, 1e-12);
	cr_assert_eq(ival(doc, "total|untagged"), 2);
	cr_assert_null(get(doc, "localities|Rutland|themes|maternity"));
	json_decref(doc);
	vp_count_free(c);
}

Test(count, theme_counted_once_per_record)
{
	vp_count_opts o = {0};
	vp_count *c = vp_count_new(&o);
	add(c, "{\"locality\":\"A\",\"themes\":[" T("staff") "," T("staff") ",\"staff\"]}");
	json_t *doc = vp_count_json(c);
	cr_assert_eq(ival(doc, "localities|A|themes|staff|records"), 1);
	cr_assert_float_eq(rval(doc, "localities|A|themes|staff|share"), 1.0, 1e-12);
	json_decref(doc);
	vp_count_free(c);
}

Test(count, bad_themes_rejected_without_counting)
{
	vp_count_opts o = {0};
	vp_count *c = vp_count_new(&o);
	vp_err e;
	json_t *rec = json_loads("{\"locality\":\"A\",\"themes\":{\"theme\":\"x\"}}", 0, NULL);
	cr_assert_eq(vp_count_add(c, rec, &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "\"themes\" is not an array");
	json_decref(rec);
	rec = json_loads("{\"locality\":\"A\",\"themes\":[{\"theme\":\"ok\"},{\"hits\":[]}]}", 0, NULL);
	cr_assert_eq(vp_count_add(c, rec, &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "themes[1] has no \"theme\" name");
	json_decref(rec);
	json_t *doc = vp_count_json(c);
	cr_assert_eq(ival(doc, "records"), 0);
	cr_assert_eq(ival(doc, "total|records"), 0);
	cr_assert_null(get(doc, "total|themes|ok"));
	json_decref(doc);
	vp_count_free(c);
}

Test(count, by_month_and_nested_field)
{
	char by[256];
	cr_assert_eq(vp_count_by_parse("month", by, sizeof by), 0);
	cr_assert_str_eq(by, "date:month");
	cr_assert_eq(vp_count_by_parse("fields.", by, sizeof by), -1);
	cr_assert_eq(vp_count_by_parse("date:week", by, sizeof by), -1);
	vp_count_opts o = {.by = "date:month"};
	vp_count *c = vp_count_new(&o);
	add(c, "{\"date\":\"2023-04-17\",\"themes\":[" T("a") "]}");
	add(c, "{\"date\":\"2023-04-01\",\"themes\":[]}");
	add(c, "{\"date\":\"17/04/2023\",\"themes\":[]}");
	json_t *doc = vp_count_json(c);
	cr_assert_str_eq(json_string_value(get(doc, "by")), "date:month");
	cr_assert_null(get(doc, "level"));
	cr_assert_eq(ival(doc, "groups|2023-04|records"), 2);
	cr_assert_eq(ival(doc, "groups|Unassigned|records"), 1);
	json_decref(doc);
	vp_count_free(c);

	vp_count_opts f = {.by = "fields.Age band"};
	c = vp_count_new(&f);
	add(c, "{\"fields\":{\"Age band\":\"18-24\"},\"themes\":[]}");
	add(c, "{\"fields\":{\"Age band\":42},\"themes\":[]}");
	/* a real is named by its shortest exact form, not "%g" (which made
	 * 1234567.5 and 1234568.25 the one group "1.23457e+06") */
	add(c, "{\"fields\":{\"Age band\":1234567.5},\"themes\":[]}");
	add(c, "{\"fields\":{\"Age band\":1234568.25},\"themes\":[]}");
	add(c, "{\"fields\":{\"Age band\":0.1},\"themes\":[]}");
	doc = vp_count_json(c);
	cr_assert_eq(ival(doc, "groups|18-24|records"), 1);
	cr_assert_eq(ival(doc, "groups|42|records"), 1);
	cr_assert_eq(ival(doc, "groups|1234567.5|records"), 1);
	cr_assert_eq(ival(doc, "groups|1234568.25|records"), 1);
	cr_assert_eq(ival(doc, "groups|0.1|records"), 1);
	json_decref(doc);
	vp_count_free(c);
}

#define LOC(s, p, l) "\"system\":\"" s "\",\"place\":\"" p "\",\"locality\":\"" l "\""

Test(count, nested_levels_add_up)
{
	vp_count_opts o = {.level = VP_LEVEL_PLACE, .nested = 1};
	vp_count *c = vp_count_new(&o);
	add(c, "{" LOC("LLR", "Leicestershire", "West Leicestershire") ",\"themes\":[" T("a") "]}");
	add(c, "{" LOC("LLR", "Leicestershire", "East Leicestershire and Rutland") ",\"themes\":[]}");
	add(c, "{" LOC("LLR", "Leicestershire", "") ",\"themes\":[" T("a") "]}");
	add(c, "{\"system\":\"LLR\",\"themes\":[]}");
	add(c, "{\"themes\":[]}");
	json_t *doc = vp_count_json(c);
	cr_assert_str_eq(json_string_value(get(doc, "level")), "place");
	cr_assert_eq(ival(doc, "localities|Leicestershire|records"), 3);
	cr_assert_eq(ival(doc, "localities|Unassigned|records"), 2);
	cr_assert_eq(ival(doc, "systems|LLR|records"), 4);
	cr_assert_eq(ival(doc, "systems|LLR|themes|a|records"), 2);
	cr_assert_eq(ival(doc, "systems|LLR|places|Leicestershire|records"), 3);
	cr_assert_eq(ival(doc, "systems|LLR|places|Leicestershire|localities|Unassigned|records"), 1);
	cr_assert_eq(ival(doc, "systems|LLR|places|Leicestershire|localities|West Leicestershire|records"), 1);
	cr_assert_eq(ival(doc, "systems|LLR|places|Unassigned|records"), 1);
	cr_assert_eq(ival(doc, "systems|LLR|places|Unassigned|localities|Unassigned|records"), 1);
	cr_assert_eq(ival(doc, "systems|Unassigned|records"), 1);
	cr_assert_null(get(doc, "total|systems"));
	json_decref(doc);
	vp_count_free(c);
}

Test(count, group_limit_is_an_error)
{
	vp_count_opts o = {.by = "id", .max_groups = 3}; /* total is not a group */
	vp_count *c = vp_count_new(&o);
	add(c, "{\"id\":\"1\",\"themes\":[]}");
	add(c, "{\"id\":\"2\",\"themes\":[]}");
	add(c, "{\"id\":\"3\",\"themes\":[]}");
	vp_err e;
	json_t *rec = json_loads("{\"id\":\"4\",\"themes\":[]}", 0, NULL);
	cr_assert_eq(vp_count_add(c, rec, &e), EX_SOFTWARE);
	cr_assert(strstr(e.msg, "more than 3 groups"), "%s", e.msg);
	json_decref(rec);
	vp_count_free(c);
}

Test(count, score_is_hits_per_token)
{
	json_t *rec = json_loads("{\"tokens\":[\"a\",\"b\",\"c\"],\"text\":\"x y\"}", 0, NULL);
	json_t *t = json_loads("{\"theme\":\"x\",\"hits\":[\"a\"]}", 0, NULL);
	cr_assert_float_eq(vp_count_score(rec, t), 0.333333, 1e-12);
	json_decref(t);
	t = json_loads("{\"theme\":\"x\",\"hits\":[\"a\"],\"spans\":[[0,1],[2,3]]}", 0, NULL);
	cr_assert_float_eq(vp_count_score(rec, t), 0.666667, 1e-12);
	json_decref(t);
	json_decref(rec);
	rec = json_loads("{\"text\":\"one two three four\"}", 0, NULL);
	t = json_loads("{\"theme\":\"x\"}", 0, NULL);
	cr_assert_float_eq(vp_count_score(rec, t), 0.25, 1e-12);
	json_decref(t);
	json_decref(rec);
}

/* Counting a+b at once equals counting a and b apart and merging. */
Test(count, merge_equals_counting_together)
{
	const char *recs[] = {
		"{\"id\":\"1\",\"locality\":\"A\",\"text\":\"bus bus late\",\"tokens\":[\"bus\",\"bus\",\"late\"],"
		"\"themes\":[{\"theme\":\"transport\",\"hits\":[\"bus\",\"bus\"]},{\"theme\":\"transport/travel\",\"hits\":[\"bus\",\"bus\"]}]}",
		"{\"id\":\"2\",\"locality\":\"A\",\"text\":\"rude staff at bus stop\",\"tokens\":[\"rude\",\"staff\",\"at\",\"bus\",\"stop\"],"
		"\"themes\":[{\"theme\":\"staff\",\"hits\":[\"rude\",\"staff\"]},{\"theme\":\"transport\",\"hits\":[\"bus\"]}]}",
		"{\"id\":\"3\",\"locality\":\"B\",\"text\":\"call 07700 900123 about parking\",\"tokens\":[\"call\",\"07700\",\"900123\",\"about\",\"park\"],"
		"\"themes\":[{\"theme\":\"transport\",\"hits\":[\"park\"]},{\"theme\":\"transport/parking\",\"hits\":[\"park\"]}]}",
		"{\"id\":\"4\",\"locality\":\"A\",\"text\":\"parking\",\"tokens\":[\"park\"],"
		"\"themes\":[{\"theme\":\"transport\",\"hits\":[\"park\"]},{\"theme\":\"transport/parking\",\"hits\":[\"park\"]}]}",
		"{\"id\":\"5\",\"locality\":\"A\",\"text\":\"nothing\",\"themes\":[]}",
	};
	vp_count_opts o = {.quotes = 1};
	vp_count *whole = vp_count_new(&o), *a = vp_count_new(&o), *b = vp_count_new(&o);
	for (size_t i = 0; i < 5; i++) {
		json_t *rec = json_loads(recs[i], 0, NULL);
		vp_err e;
		cr_assert_eq(vp_count_add(whole, rec, &e), 0);
		cr_assert_eq(vp_count_add(i % 2 ? a : b, rec, &e), 0);
		json_decref(rec);
	}
	json_t *dw = vp_count_json(whole), *da = vp_count_json(a), *db = vp_count_json(b);
	vp_count *m = vp_count_new(&o);
	vp_err e;
	cr_assert_eq(vp_count_merge(m, da, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_count_merge(m, db, &e), 0, "%s", e.msg);
	json_t *dm = vp_count_json(m);
	char *sw = json_dumps(dw, JSON_SORT_KEYS | JSON_REAL_PRECISION(10));
	char *sm = json_dumps(dm, JSON_SORT_KEYS | JSON_REAL_PRECISION(10));
	cr_assert_str_eq(sm, sw);
	/* the phone number never reaches a quote */
	cr_assert_null(strstr(sw, "900123"));
	cr_assert_not_null(strstr(sw, "call [phone] about parking"));
	/* "parking" (its home theme transport/parking) is quoted there, not
	 * under the parent transport too; id 2's home is staff (2/5 > 1/5) */
	json_t *tq = json_array_get(get(dw, "localities|A|themes|transport/parking|quotes"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(tq, "id")), "4");
	cr_assert_eq(json_array_size(get(dw, "localities|A|themes|transport|quotes")), 0);
	tq = json_array_get(get(dw, "localities|A|themes|transport/travel|quotes"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(tq, "id")), "1");
	free(sw);
	free(sm);
	json_decref(dw);
	json_decref(da);
	json_decref(db);
	json_decref(dm);
	vp_count_free(whole);
	vp_count_free(a);
	vp_count_free(b);
	vp_count_free(m);
}

Test(count, quotes_prefer_central_comments_and_spread_over_themes)
{
	vp_count_opts o = {.quotes = 2};
	vp_count *c = vp_count_new(&o);
	/* long comment touching two themes: quoted for its home theme only */
	add(c, "{\"id\":\"long\",\"locality\":\"A\",\"text\":\"t\",\"tokens\":[\"a\",\"b\",\"c\",\"d\"],"
	       "\"themes\":[{\"theme\":\"staff\",\"hits\":[\"a\",\"b\"]},{\"theme\":\"food\",\"hits\":[\"c\"]}]}");
	add(c, "{\"id\":\"f1\",\"locality\":\"A\",\"text\":\"food bad\",\"tokens\":[\"food\",\"bad\"],"
	       "\"themes\":[{\"theme\":\"food\",\"hits\":[\"food\"]}]}");
	add(c, "{\"id\":\"f2\",\"locality\":\"A\",\"text\":\"food\",\"tokens\":[\"food\"],"
	       "\"themes\":[{\"theme\":\"food\",\"hits\":[\"food\"]}]}");
	add(c, "{\"id\":\"f3\",\"locality\":\"A\",\"text\":\"meh food\",\"tokens\":[\"meh\",\"food\",\"x\"],"
	       "\"themes\":[{\"theme\":\"food\",\"hits\":[\"food\"]}]}");
	json_t *doc = vp_count_json(c);
	json_t *fq = get(doc, "localities|A|themes|food|quotes");
	cr_assert_eq(json_array_size(fq), 2);
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(fq, 0), "id")), "f2");
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(fq, 1), "id")), "f1");
	json_t *sq = get(doc, "localities|A|themes|staff|quotes");
	cr_assert_eq(json_array_size(sq), 1);
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(sq, 0), "id")), "long");
	cr_assert_eq(ival(doc, "localities|A|themes|food|records"), 4);
	cr_assert_eq(ival(doc, "quotes_per_theme"), 2);
	json_decref(doc);
	vp_count_free(c);
}

Test(count, merge_refuses_different_options)
{
	vp_count_opts lo = {0}, bo = {.by = "channel"}, qo = {.quotes = 3};
	vp_count *l = vp_count_new(&lo), *b = vp_count_new(&bo), *q = vp_count_new(&qo);
	json_t *db = vp_count_json(b), *dq = vp_count_json(q);
	vp_err e;
	cr_assert_eq(vp_count_merge(l, db, &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "counted with --by channel, not --level locality as the first document");
	cr_assert_eq(vp_count_merge(l, dq, &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "counted with --quotes 3, not 0 as the first document");
	json_t *junk = json_loads("{\"records\":1}", 0, NULL);
	cr_assert_eq(vp_count_merge(l, junk, &e), EX_DATAERR);
	json_decref(junk);
	json_decref(db);
	json_decref(dq);
	vp_count_free(l);
	vp_count_free(b);
	vp_count_free(q);
}

/* Equal score and id: the smaller text wins, whatever the arrival order
 * (merge re-selects by the same total order, so this must hold in both). */
Test(count, quote_ties_broken_by_id_then_text)
{
	vp_count_opts o = {.quotes = 1};
	vp_count *c = vp_count_new(&o);
	add(c, "{\"id\":\"b\",\"text\":\"bbb\",\"tokens\":[\"x\"],\"themes\":[" T("t") "]}");
	add(c, "{\"id\":\"a\",\"text\":\"zzz\",\"tokens\":[\"x\"],\"themes\":[" T("t") "]}");
	add(c, "{\"id\":\"a\",\"text\":\"aaa\",\"tokens\":[\"x\"],\"themes\":[" T("t") "]}");
	add(c, "{\"id\":\"0\",\"text\":\"long\",\"tokens\":[\"x\",\"y\"],\"themes\":[" T("t") "]}");
	json_t *doc = vp_count_json(c);
	json_t *q = json_array_get(get(doc, "total|themes|t|quotes"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(q, "id")), "a");
	cr_assert_str_eq(json_string_value(json_object_get(q, "text")), "aaa");
	json_decref(doc);
	vp_count_free(c);
}

/* ---- the fast line path must agree with the jansson path ------------- */

static const char *fast_lines[] = {
	"{\"id\":\"a1\",\"locality\":\"Leicester City\",\"place\":\"Leicester\",\"system\":\"LLR\","
	"\"date\":\"2023-04-17\",\"channel\":\"survey\",\"fields\":{\"Age\":\"18-24\",\"When\":\"2022-12-01\"},"
	"\"text\":\"Parking at the LRI, call 07700 900123\",\"tokens\":[\"park\",\"at\",\"the\",\"lri\"],"
	"\"themes\":[{\"theme\":\"transport\",\"hits\":[\"park\"]},{\"theme\":\"transport/parking\",\"hits\":[\"park\"],\"spans\":[[0,1]]}]}",
	"  {\"themes\": [ \"staff\" , {\"hits\":[],\"theme\":\"staff/attitude\",\"x\":{\"y\":[1,2.5,-0.5,true,false,null]}} ] , \"locality\" : \"\" } ",
	"{\"id\":\"\\u00e9\\n\",\"locality\":\"Caf\\u00e9 \\\"Q\\\" \\/ \\\\ \\t\",\"text\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 words here\","
	"\"themes\":[{\"theme\":\"caf\\u00e9/x\"},{\"theme\":\"caf\\u00e9\"}]}",
	"{\"locality\":null,\"place\":[1],\"system\":{\"a\":1},\"themes\":[],\"tokens\":\"x\",\"text\":5}",
	"{\"locality\":\"Rutland\",\"themes\":[],\"locality\":\"Melton\"}",
	"{\"themes\":[]}",
	"{\"id\":12,\"locality\":3,\"themes\":[{\"theme\":\"a\"}]}",
	"{\"themes\":[{\"theme\":\"a\"},{\"theme\":\"a\"},\"a\"],\"text\":\"one two\"}",
	"{\"themes\":{\"theme\":\"a\"}}",
	"{\"themes\":[{\"hits\":[\"x\"]}]}",
	"{\"themes\":[{\"theme\":\"\"}]}",
	"{\"themes\":[1]}",
	"{\"text\":\"a\\u0000b\",\"themes\":[\"t\"]}",
	"{\"text\":\"\\ud83d\\ude00\",\"themes\":[\"t\"]}",
	"{\"n\":123456789012345678901234567890,\"themes\":[\"t\"]}",
	"{\"n\":1e999,\"themes\":[\"t\"]}",
	"{\"k\\u0065y\":1,\"locality\":\"A\",\"themes\":[\"t\"]}",
	"{\"locality\":\"A\",\"themes\":[\"t\"]} x",
	"[1,2]",
	"{\"locality\":\"A\",\"themes\":[\"t\"],}",
	"{\"locality\":\"A\xff\",\"themes\":[\"t\"]}",
	"{\"locality\":\"A\xed\xa0\x80\",\"themes\":[\"t\"]}",
	"{\"locality\":\"A\xc0\xaf\",\"themes\":[\"t\"]}",
	"{\"locality\":\"A\tB\",\"themes\":[\"t\"]}",
	"{\"locality\":\"A\",\"themes\":[\"t\"],\"deep\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
	"{\"locality\":\"A\",\"n\":01,\"themes\":[\"t\"]}",
	"{\"locality\":\"A\",\"n\":-,\"themes\":[\"t\"]}",
	"{\"locality\":\"A\",\"n\":1.,\"themes\":[\"t\"]}",
	"{\"locality\":\"A\",\"b\":tru,\"themes\":[\"t\"]}",
	"{\"id\":true,\"themes\":[\"t\"]}",
	"{\"fields\":{\"Age\":null,\"When\":[]},\"themes\":[\"t\"]}",
	"{\"fields\":\"x\",\"themes\":[\"t\"]}",
	"{\"locality\":\"A\",\"themes\":[\"t\"],\"lexicon\":\"0123456789abcdef\"}",
	"{\"locality\":\"A\",\"themes\":[\"t\"],\"lexicon\":null}",
	"{\"locality\":\"A\",\"themes\":[\"t\"],\"lexicon\":\"\\u0030123456789abcdef\"}",
	"{\"locality\":\"A\",\"themes\":[\"t\"],\"lexicon\":\"0123456789ABCDEF\"}",
	"{\"locality\":\"A\",\"themes\":[\"t\"],\"lexicon\":\"0123\"}",
	"{\"locality\":\"A\",\"themes\":[\"t\"],\"lexicon\":12}",
	"{\"locality\":\"A\",\"themes\":[\"t\"],\"lexicon\":[\"0123456789abcdef\"]}",
};

/* Feed one line through the jansson path: 1 counted, 0 rejected (bad JSON or record). */
static int slow_add(vp_count *c, const char *line, size_t len)
{
	json_t *rec = json_loadb(line, len, JSON_ALLOW_NUL, NULL);
	if (!rec) /* as the filter driver reads it: a number beyond 64 bits a real */
		rec = json_loadb(line, len, JSON_ALLOW_NUL | JSON_DECODE_INT_AS_REAL, NULL);
	if (!json_is_object(rec)) {
		json_decref(rec);
		return 0;
	}
	vp_err e;
	int rc = vp_count_add(c, rec, &e);
	json_decref(rec);
	return rc == 0;
}

static char *dump(vp_count *c)
{
	json_t *doc = vp_count_json(c);
	char *s = json_dumps(doc, JSON_SORT_KEYS | JSON_REAL_PRECISION(10));
	json_decref(doc);
	return s;
}

/* Count line both ways under o; they must agree.  Returns 1 if the fast path handled it. */
static int agree(const vp_count_opts *o, const char *line, size_t len)
{
	vp_count *slow = vp_count_new(o), *fast = vp_count_new(o);
	int s_ok = slow_add(slow, line, len);
	vp_err e;
	int f = vp_count_add_line(fast, line, len, &e);
	cr_assert(f == 0 || f == 1, "fast path error %d: %s", f, e.msg);
	const char *big = NULL;
	for (size_t i = 0; !big && i + 5 <= len; i++)
		if (memcmp(line + i, "1e999", 5) == 0)
			big = line + i;
	if (f == 1 && !s_ok && big) {
		/* a real beyond a double in a member not read: valid JSON, which
		 * the scanner takes and jansson does not; counted as any number */
		char *z = malloc(len + 1);
		memcpy(z, line, len);
		memcpy(z + (big - line), "0    ", 5);
		s_ok = slow_add(slow, z, len);
		free(z);
	}
	if (f == 1)
		cr_assert(s_ok, "fast path accepted what jansson rejects: %.*s", (int)len, line);
	else
		slow_add(fast, line, len);
	char *a = dump(slow), *b = dump(fast);
	cr_assert_str_eq(b, a, "line: %.*s", (int)len, line);
	free(a);
	free(b);
	vp_count_free(slow);
	vp_count_free(fast);
	return f == 1;
}

static const vp_count_opts fast_optsets[] = {
	{0},
	{.quotes = 2},
	{.level = VP_LEVEL_PLACE, .nested = 1, .quotes = 1},
	{.by = "fields.Age"},
	{.by = "fields.When:month"},
	{.by = "date:year"},
	{.by = "channel"},
	{.by = "id"},
};

Test(count, fast_path_agrees_with_jansson)
{
	size_t handled = 0;
	for (size_t k = 0; k < sizeof fast_optsets / sizeof fast_optsets[0]; k++)
		for (size_t i = 0; i < sizeof fast_lines / sizeof fast_lines[0]; i++)
			handled += agree(&fast_optsets[k], fast_lines[i], strlen(fast_lines[i]));
	/* the ordinary lines (the first eight but the one with numbers for
	 * names, which are printed by the jansson path) take the fast path;
	 * the one naming "locality" twice goes to the jansson path, where the
	 * filter driver refuses it (it was counted under the last copy) */
	vp_count_opts o = {.quotes = 1};
	for (size_t i = 0; i < 8; i++) {
		if (i == 6)
			continue;
		vp_count *c = vp_count_new(&o);
		vp_err e;
		cr_assert_eq(vp_count_add_line(c, fast_lines[i], strlen(fast_lines[i]), &e), i != 4,
		             "line %zu: %s", i, fast_lines[i]);
		vp_count_free(c);
	}
	/* 6 ordinary lines x 7 option sets (--by id always goes to jansson) */
	cr_assert_geq(handled, 6 * 7, "%zu", handled);
}

/* Random damage to good lines: whatever the fast path accepts, jansson
 * accepts and counts identically; what jansson rejects it never accepts. */
Test(count, fast_path_agrees_on_mutated_lines)
{
	static const char pool[] = "\"{}[],:\\u0 x1e-.\xc3\xa9\xff\x80tn";
	unsigned long long seed = 42;
	char buf[1024];
	for (int iter = 0; iter < 4000; iter++) {
		const char *base = fast_lines[iter % 8];
		size_t n = strlen(base);
		memcpy(buf, base, n);
		int edits = 1 + iter % 3;
		for (int k = 0; k < edits && n > 2 && n < sizeof buf - 2; k++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			size_t pos = (size_t)(seed >> 33) % n;
			char ch = pool[(seed >> 20) % (sizeof pool - 1)];
			switch ((seed >> 12) % 3) {
			case 0: /* replace */
				buf[pos] = ch;
				break;
			case 1: /* insert */
				memmove(buf + pos + 1, buf + pos, n - pos);
				buf[pos] = ch;
				n++;
				break;
			default: /* delete */
				memmove(buf + pos, buf + pos + 1, n - pos - 1);
				n--;
			}
		}
		agree(&fast_optsets[iter % (sizeof fast_optsets / sizeof fast_optsets[0])], buf, n);
	}
}

/* Records with vp-sentiment's labels (the record's, each theme's): the
 * first five are plain and take the fast path (they went to jansson, which
 * made vp-count six times slower after vp-sentiment); the others are odd
 * or bad, and whatever the fast path does with them jansson agrees. */
static const char *sent_lines[] = {
	"{\"id\":\"1\",\"locality\":\"A\",\"text\":\"kind staff, awful food\","
	"\"sentiment\":{\"label\":\"mixed\",\"score\":0.5,\"hits\":[\"kind\",\"awful\"]},\"themes\":["
	"{\"theme\":\"staff\",\"hits\":[\"staff\"],\"sentiment\":{\"label\":\"positive\",\"score\":1}},"
	"{\"theme\":\"food\",\"hits\":[\"food\"],\"sentiment\":{\"label\":\"negative\",\"score\":-1}}]}",
	"{\"id\":\"2\",\"locality\":\"B\",\"text\":\"food was cold\",\"sentiment\":{\"label\":\"negative\"},"
	"\"themes\":[\"food\",{\"theme\":\"staff\",\"sentiment\":null}]}",
	"{\"id\":\"3\",\"locality\":\"A\",\"text\":\"no label\",\"sentiment\":null,"
	"\"themes\":[{\"theme\":\"food\",\"hits\":[\"food\"],\"sentiment\":{\"score\":2,\"label\":\"neutral\"}}]}",
	"{\"id\":\"4\",\"text\":\"x\",\"themes\":[],\"sentiment\":{\"label\":\"positive\",\"score\":3}}",
	"{\"id\":\"5\",\"locality\":\"B\",\"text\":\"y\",\"sentiment\":{\"label\":\"positive\"},"
	"\"themes\":[{\"theme\":\"staff\",\"sentiment\":{\"label\":\"mixed\"}}]}",
	"{\"id\":\"6\",\"text\":\"z\",\"sentiment\":{\"label\":\"pos\\u0069tive\"},\"themes\":[\"t\"]}",
	"{\"id\":\"7\",\"text\":\"z\",\"sentiment\":{\"label\":\"angry\"},\"themes\":[\"t\"]}",
	"{\"id\":\"8\",\"text\":\"z\",\"sentiment\":\"positive\",\"themes\":[\"t\"]}",
	"{\"id\":\"9\",\"text\":\"z\",\"sentiment\":{\"score\":1},\"themes\":[\"t\"]}",
	"{\"id\":\"10\",\"text\":\"z\",\"sentiment\":{\"label\":1},\"themes\":[\"t\"]}",
	"{\"id\":\"11\",\"text\":\"z\",\"themes\":[{\"theme\":\"t\",\"sentiment\":{\"label\":\"sad\"}}]}",
	"{\"id\":\"12\",\"text\":\"z\",\"sentiment\":{\"label\":\"positive\",\"label\":\"negative\"},\"themes\":[\"t\"]}",
	"{\"id\":\"13\",\"text\":\"z\",\"sentiment\":{\"label\":\"positive\"},\"sentiment\":null,\"themes\":[\"t\"]}",
	"{\"id\":\"14\",\"text\":\"z\",\"themes\":[{\"theme\":\"t\",\"sentiment\":[]}]}",
	"{\"id\":\"15\",\"text\":\"z\",\"sentiment\":{\"label\":\"positive\"},\"themes\":[{\"theme\":\"t\",\"sentiment\":false}]}",
};

Test(count, fast_path_reads_sentiment)
{
	static const vp_count_opts sets[] = {
		{0}, {.quotes = 2, .quote_polarity = 1}, {.level = VP_LEVEL_PLACE, .nested = 1, .quotes = 1},
		{.by = "id"},
	};
	size_t handled = 0;
	for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++)
		for (size_t i = 0; i < sizeof sent_lines / sizeof sent_lines[0]; i++)
			handled += i < 5 && agree(&sets[k], sent_lines[i], strlen(sent_lines[i]));
	/* --by id always goes to jansson */
	cr_assert_geq(handled, 5 * 3, "%zu", handled);
	/* all of them counted together, both ways */
	for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++) {
		vp_count *slow = vp_count_new(&sets[k]), *fast = vp_count_new(&sets[k]);
		for (size_t i = 0; i < sizeof sent_lines / sizeof sent_lines[0]; i++) {
			const char *l = sent_lines[i];
			vp_err e;
			slow_add(slow, l, strlen(l));
			int f = vp_count_add_line(fast, l, strlen(l), &e);
			if (f == 0)
				slow_add(fast, l, strlen(l));
		}
		char *a = dump(slow), *b = dump(fast);
		cr_assert_str_eq(b, a);
		free(a);
		free(b);
		vp_count_free(slow);
		vp_count_free(fast);
	}
	/* random damage: the fast path never counts what jansson would not */
	static const char pool[] = "\"{}[],:\\u0 xlabe-.posntivmxd";
	unsigned long long seed = 7;
	char buf[1024];
	for (int iter = 0; iter < 3000; iter++) {
		const char *base = sent_lines[iter % 5];
		size_t n = strlen(base);
		memcpy(buf, base, n);
		for (int k = 0; k < 1 + iter % 3 && n > 2 && n < sizeof buf - 2; k++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			size_t pos = (size_t)(seed >> 33) % n;
			char ch = pool[(seed >> 20) % (sizeof pool - 1)];
			switch ((seed >> 12) % 3) {
			case 0: buf[pos] = ch; break;
			case 1: memmove(buf + pos + 1, buf + pos, n - pos); buf[pos] = ch; n++; break;
			default: memmove(buf + pos, buf + pos + 1, n - pos - 1); n--;
			}
		}
		agree(&sets[iter % 2], buf, n);
	}
}

/* None of needles (NULL-terminated) appears anywhere in doc. */
static void assert_doc_lacks(json_t *doc, const char *const *needles)
{
	char *s = json_dumps(doc, 0);
	cr_assert_not_null(s);
	for (; *needles; needles++)
		cr_assert_null(strstr(s, *needles), "'%s' in %s", *needles, s);
	free(s);
}

/* Group names come from raw fields: personal data in them is masked too. */
Test(count, personal_data_in_group_names_is_masked)
{
	vp_count_opts o = {.nested = 1};
	vp_count *c = vp_count_new(&o);
	add(c, "{\"locality\":\"LE13 0AB\",\"themes\":[]}");
	add(c, "{\"locality\":\"le11 3tu\",\"place\":\"jo@example.org\",\"themes\":[]}");
	add(c, "{\"locality\":\"LE13\",\"themes\":[]}");
	const char *line = "{\"locality\":\"Tel 07700 900123\",\"themes\":[]}";
	vp_err e;
	cr_assert_eq(vp_count_add_line(c, line, strlen(line), &e), 1);
	json_t *doc = vp_count_json(c);
	cr_assert_eq(ival(doc, "localities|[postcode]|records"), 2);
	cr_assert_eq(ival(doc, "localities|LE13|records"), 1);
	cr_assert_eq(ival(doc, "localities|Tel [phone]|records"), 1);
	cr_assert_eq(ival(doc, "systems|Unassigned|places|[email]|records"), 1);
	assert_doc_lacks(doc, (const char *[]){"0AB", "3tu", "example.org", "900123", NULL});
	json_decref(doc);
	vp_count_free(c);
}

/* Masked as a quote is: also what has neither a digit nor an @ -- an e-mail
 * spelt out, a name after a title or family word, a postcode in full-width
 * characters -- on the jansson path and the line path alike. */
Test(count, group_names_masked_without_digit_or_at)
{
	vp_count_opts o = {.by = "text"};
	vp_count *c = vp_count_new(&o);
	add(c, "{\"text\":\"jane(at)nhs.net\",\"themes\":[]}");
	add(c, "{\"text\":\"seen by Dr Patel\",\"themes\":[]}");
	const char *lines[] = {
		"{\"text\":\"jane dot smith at nhs dot net\",\"themes\":[]}",
		"{\"text\":\"my son Jack\",\"themes\":[]}",
		"{\"text\":\"\xEF\xBC\xAC\xEF\xBC\xA5\xEF\xBC\x91 \xEF\xBC\x96\xEF\xBC\xA5\xEF\xBC\xAA\",\"themes\":[]}",
		"{\"text\":\"Leicester City\",\"themes\":[]}",
	};
	vp_err e;
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		vp_err_clear(&e);
		int rc = vp_count_add_line(c, lines[i], strlen(lines[i]), &e);
		if (rc == 0) /* not for the fast path: as vp-count does */
			add(c, lines[i]);
		else
			cr_assert_eq(rc, 1, "%s", e.msg);
	}
	json_t *doc = vp_count_json(c);
	cr_assert_eq(ival(doc, "groups|[email]|records"), 2);
	cr_assert_eq(ival(doc, "groups|seen by Dr [name]|records"), 1);
	cr_assert_eq(ival(doc, "groups|my son [name]|records"), 1);
	cr_assert_eq(ival(doc, "groups|[postcode]|records"), 1);
	cr_assert_eq(ival(doc, "groups|Leicester City|records"), 1);
	assert_doc_lacks(doc, (const char *[]){"jane", "Patel", "Jack", "\xEF\xBC\xAC", NULL});
	json_decref(doc);
	vp_count_free(c);
}

/* A group name with no digit or @ can still name a person: a --by column
 * of staff ("Which member of staff?") holding "Dr Patel". */
Test(count, names_in_group_names_are_masked)
{
	vp_count_opts o = {.by = "fields.Staff"};
	vp_count *c = vp_count_new(&o);
	add(c, "{\"fields\":{\"Staff\":\"Dr Patel\"},\"themes\":[]}");
	add(c, "{\"fields\":{\"Staff\":\"Dr Khan\"},\"themes\":[]}");
	add(c, "{\"fields\":{\"Staff\":\"Reception\"},\"themes\":[]}");
	add(c, "{\"fields\":{\"Staff\":\"Dr Patel\"},\"themes\":[]}");
	json_t *doc = vp_count_json(c);
	cr_assert_eq(ival(doc, "groups|Dr [name]|records"), 3);
	cr_assert_eq(ival(doc, "groups|Reception|records"), 1);
	assert_doc_lacks(doc, (const char *[]){"Patel", "Khan", NULL});
	json_decref(doc);
	vp_count_free(c);
}

/* A quote's id is published with it (vp-report's Quotes sheet, html): an
 * id taken from an e-mail column is masked as the text is. */
Test(count, personal_data_in_quote_ids_is_masked)
{
	vp_count_opts o = {.quotes = 2};
	vp_count *c = vp_count_new(&o);
	add(c, "{\"id\":\"jo.bloggs@gmail.com\",\"text\":\"parking\",\"tokens\":[\"x\"],"
	       "\"themes\":[" T("t") "]}");
	add(c, "{\"id\":\"07700 900123\",\"text\":\"buses\",\"tokens\":[\"x\"],"
	       "\"themes\":[" T("t") "]}");
	json_t *doc = vp_count_json(c);
	json_t *q = get(doc, "total|themes|t|quotes");
	cr_assert_eq(json_array_size(q), 2);
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(q, 0), "id")), "[email]");
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(q, 1), "id")), "[phone]");
	json_decref(doc);
	vp_count_free(c);
}

/* A long quote is cut to VP_QUOTE_MAX_BYTES at a character boundary and
 * marked with an ellipsis (here after an odd byte count of 2-byte letters). */
Test(count, long_quote_cut_at_a_character)
{
	vp_count_opts o = {.quotes = 1};
	vp_count *c = vp_count_new(&o);
	char rec[4096];
	int n = snprintf(rec, sizeof rec, "{\"id\":\"1\",\"text\":\"x");
	for (int i = 0; i < 700; i++)
		n += snprintf(rec + n, sizeof rec - (size_t)n, "\xC3\xA9");
	snprintf(rec + n, sizeof rec - (size_t)n, "\",\"tokens\":[\"x\"],\"themes\":[" T("t") "]}");
	add(c, rec);
	json_t *doc = vp_count_json(c);
	const char *q = json_string_value(
		json_object_get(json_array_get(get(doc, "total|themes|t|quotes"), 0), "text"));
	cr_assert_not_null(q);
	size_t len = strlen(q);
	cr_assert_eq(len, 1 + 499 * 2 + 3, "%zu", len); /* "x", 499 letters, "…" */
	cr_assert_eq(strcmp(q + len - 3, "\xE2\x80\xA6"), 0);
	json_decref(doc);
	vp_count_free(c);
}

/* A cut never ends inside a placeholder ("[pho…" read as a fault in the
 * masking): the placeholder goes whole, before the ellipsis. */
Test(count, long_quote_not_cut_inside_a_placeholder)
{
	vp_count_opts o = {.quotes = 1};
	vp_count *c = vp_count_new(&o);
	char rec[4096];
	/* 995 letters, then a phone number masked as "[phone]" over bytes 996-1002 */
	int n = snprintf(rec, sizeof rec, "{\"id\":\"1\",\"text\":\"");
	for (int i = 0; i < 995; i++)
		rec[n++] = 'a';
	snprintf(rec + n, sizeof rec - (size_t)n,
	         " 07700 900123 and more\",\"tokens\":[\"x\"],\"themes\":[" T("t") "]}");
	add(c, rec);
	json_t *doc = vp_count_json(c);
	const char *q = json_string_value(
		json_object_get(json_array_get(get(doc, "total|themes|t|quotes"), 0), "text"));
	cr_assert_not_null(q);
	cr_assert_null(strstr(q, "[ph"), "%s", q + 990);
	cr_assert_null(strstr(q, "0770"), "%s", q + 990);
	size_t len = strlen(q);
	cr_assert_eq(strcmp(q + len - 3, "\xE2\x80\xA6"), 0);
	cr_assert_eq(len, 996 + 3, "%zu", len); /* the letters and the space, "…" */
	json_decref(doc);
	vp_count_free(c);
	/* every placeholder, capitals in it too: "[NHS number]" from byte 998,
	 * the cut between its N and H */
	c = vp_count_new(&o);
	n = snprintf(rec, sizeof rec, "{\"id\":\"1\",\"text\":\"");
	for (int i = 0; i < 997; i++)
		rec[n++] = 'a';
	snprintf(rec + n, sizeof rec - (size_t)n,
	         " 943 476 5919 and more\",\"tokens\":[\"x\"],\"themes\":[" T("t") "]}");
	add(c, rec);
	doc = vp_count_json(c);
	q = json_string_value(
		json_object_get(json_array_get(get(doc, "total|themes|t|quotes"), 0), "text"));
	cr_assert_not_null(q);
	cr_assert_null(strstr(q, "[N"), "%s", q + 985);
	cr_assert_eq(strlen(q), 998 + 3, "%zu", strlen(q));
	json_decref(doc);
	vp_count_free(c);
}

/* ---- quotes: one place per group, one text once ------------------------ */

/* Every quote of group g, across its themes: no (id) twice, no text twice. */
static void assert_quotes_distinct(json_t *g)
{
	const char *seen_id[64], *seen_text[64];
	size_t n = 0;
	const char *name;
	json_t *te;
	json_object_foreach(json_object_get(g, "themes"), name, te) {
		size_t i;
		json_t *q;
		json_array_foreach(json_object_get(te, "quotes"), i, q) {
			const char *id = json_string_value(json_object_get(q, "id"));
			const char *text = json_string_value(json_object_get(q, "text"));
			for (size_t j = 0; j < n; j++) {
				cr_assert(strcmp(seen_id[j], id) != 0, "record %s quoted twice (%s)", id, name);
				cr_assert(strcasecmp(seen_text[j], text) != 0, "text quoted twice: %s", text);
			}
			cr_assert_lt(n, 64);
			seen_id[n] = id;
			seen_text[n++] = text;
		}
	}
}

Test(count, quote_never_under_parent_and_child)
{
	vp_count_opts o = {.quotes = 3};
	vp_count *c = vp_count_new(&o);
	add(c, "{\"id\":\"p\",\"locality\":\"A\",\"text\":\"parking full\",\"tokens\":[\"park\",\"full\"],"
	       "\"themes\":[" T("transport") "," T("transport/parking") "]}");
	add(c, "{\"id\":\"q\",\"locality\":\"A\",\"text\":\"transport\",\"tokens\":[\"transport\"],"
	       "\"themes\":[" T("transport") "]}");
	json_t *doc = vp_count_json(c);
	for (const char *g = "localities|A"; g; g = strcmp(g, "total") ? "total" : NULL) {
		json_t *grp = get(doc, g);
		assert_quotes_distinct(grp);
		json_t *pq = json_object_get(json_object_get(json_object_get(grp, "themes"),
		                                             "transport/parking"), "quotes");
		cr_assert_eq(json_array_size(pq), 1);
		json_t *tq = json_object_get(json_object_get(json_object_get(grp, "themes"),
		                                             "transport"), "quotes");
		cr_assert_eq(json_array_size(tq), 1); /* its own, not the child's */
		cr_assert_str_eq(json_string_value(json_object_get(json_array_get(tq, 0), "id")), "q");
	}
	json_decref(doc);
	vp_count_free(c);
}

Test(count, quote_text_never_twice_in_a_group)
{
	vp_count_opts o = {.quotes = 3};
	vp_count *c = vp_count_new(&o);
	/* a campaign: the same words from three people, case and punctuation aside */
	add(c, "{\"id\":\"c1\",\"locality\":\"A\",\"text\":\"Save our bus!\",\"tokens\":[\"save\",\"our\",\"bus\"],"
	       "\"themes\":[" T("transport") "]}");
	add(c, "{\"id\":\"c2\",\"locality\":\"A\",\"text\":\"save our bus\",\"tokens\":[\"save\",\"our\",\"bus\"],"
	       "\"themes\":[" T("transport") "]}");
	add(c, "{\"id\":\"c0\",\"locality\":\"A\",\"text\":\"SAVE OUR BUS\",\"tokens\":[\"save\",\"our\",\"bus\"],"
	       "\"themes\":[" T("transport") "]}");
	add(c, "{\"id\":\"d\",\"locality\":\"A\",\"text\":\"bus late again\",\"tokens\":[\"bus\",\"late\",\"again\"],"
	       "\"themes\":[" T("transport") "]}");
	json_t *doc = vp_count_json(c);
	json_t *q = get(doc, "localities|A|themes|transport|quotes");
	cr_assert_eq(json_array_size(q), 2);
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(q, 0), "id")), "c0");
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(q, 1), "id")), "d");
	assert_quotes_distinct(get(doc, "total"));
	json_decref(doc);
	vp_count_free(c);
}

/* ---- respondents, sentiment, campaigns ---------------------------------- */

Test(count, no_new_keys_without_respondent_sentiment_or_dedup)
{
	vp_count_opts o = {.quotes = 1};
	vp_count *c = vp_count_new(&o);
	add(c, "{\"id\":\"1\",\"locality\":\"A\",\"text\":\"x\",\"themes\":[" T("a") "]}");
	json_t *doc = vp_count_json(c);
	char *s = json_dumps(doc, JSON_SORT_KEYS);
	cr_assert_null(strstr(s, "respondent"), "%s", s);
	cr_assert_null(strstr(s, "sentiment"), "%s", s);
	cr_assert_null(strstr(s, "\"per\""), "%s", s);
	cr_assert_null(strstr(s, "campaign"), "%s", s);
	cr_assert_null(strstr(s, "duplicates"), "%s", s);
	free(s);
	json_decref(doc);
	vp_count_free(c);
}

Test(count, respondents_are_runs_of_adjacent_records)
{
	vp_count_opts o = {0};
	vp_count *c = vp_count_new(&o);
	/* r1 answers two questions, both about a; r2 one; a record without
	 * "respondent" is its own */
	add(c, "{\"id\":\"1\",\"respondent\":\"r1\",\"locality\":\"A\",\"themes\":[" T("a") "]}");
	add(c, "{\"id\":\"2\",\"respondent\":\"r1\",\"locality\":\"A\",\"themes\":[" T("a") "," T("b") "]}");
	add(c, "{\"id\":\"3\",\"respondent\":\"r1\",\"locality\":\"B\",\"themes\":[]}");
	add(c, "{\"id\":\"4\",\"respondent\":\"r2\",\"locality\":\"A\",\"themes\":[" T("b") "]}");
	add(c, "{\"id\":\"5\",\"locality\":\"A\",\"themes\":[" T("a") "]}");
	add(c, "{\"id\":\"6\",\"locality\":\"A\",\"themes\":[" T("a") "]}");
	json_t *doc = vp_count_json(c);
	cr_assert_eq(ival(doc, "records"), 6);
	cr_assert_eq(ival(doc, "respondents"), 4);
	cr_assert_str_eq(json_string_value(get(doc, "per")), "answer");
	cr_assert_eq(ival(doc, "total|respondents"), 4);
	cr_assert_eq(ival(doc, "localities|A|respondents"), 4);
	cr_assert_eq(ival(doc, "localities|B|respondents"), 1);
	cr_assert_eq(ival(doc, "localities|A|themes|a|records"), 4);
	cr_assert_eq(ival(doc, "localities|A|themes|a|respondents"), 3);
	cr_assert_eq(ival(doc, "localities|A|themes|b|respondents"), 2);
	cr_assert_float_eq(rval(doc, "localities|A|themes|a|respondent_share"), 0.75, 1e-9);
	cr_assert_float_eq(rval(doc, "localities|A|themes|a|share"), 0.8, 1e-9);
	json_decref(doc);
	vp_count_free(c);

	/* --per respondent without any "respondent": respondents == records */
	vp_count_opts p = {.per = VP_PER_RESPONDENT};
	c = vp_count_new(&p);
	add(c, "{\"id\":\"1\",\"themes\":[" T("a") "]}");
	add(c, "{\"id\":\"1\",\"themes\":[" T("a") "]}");
	doc = vp_count_json(c);
	cr_assert_str_eq(json_string_value(get(doc, "per")), "respondent");
	cr_assert_eq(ival(doc, "total|respondents"), 2);
	cr_assert_eq(ival(doc, "total|themes|a|respondents"), 2);
	json_decref(doc);
	vp_count_free(c);
}

Test(count, respondent_seen_again_is_noted)
{
	vp_count_opts o = {0};
	vp_count *c = vp_count_new(&o);
	add(c, "{\"respondent\":\"r1\",\"themes\":[]}");
	add(c, "{\"respondent\":\"r2\",\"themes\":[]}");
	add(c, "{\"respondent\":\"r1\",\"themes\":[]}");
	json_t *doc = vp_count_json(c);
	cr_assert_eq(ival(doc, "respondents"), 3); /* counted per run, and said so */
	cr_assert_eq(ival(doc, "respondents_not_adjacent"), 1);
	json_decref(doc);
	vp_count_free(c);
}

/* A run is a run over all records, not within each group: r1's two runs
 * both reach locality A, so A counts r1 twice, as the total does (A used
 * to see r1, r1 "adjacent" in its own records and count once, which vp-run
 * could not reproduce when the two runs went to different workers).  After
 * vp_count_break_run the same respondent begins a new run. */
Test(count, respondent_runs_are_over_all_records)
{
	vp_count_opts o = {0};
	vp_count *c = vp_count_new(&o);
	add(c, "{\"respondent\":\"r1\",\"locality\":\"A\",\"themes\":[]}");
	add(c, "{\"respondent\":\"r2\",\"locality\":\"B\",\"themes\":[]}");
	add(c, "{\"respondent\":\"r1\",\"locality\":\"A\",\"themes\":[]}");
	add(c, "{\"respondent\":\"r1\",\"locality\":\"B\",\"themes\":[]}");
	vp_count_break_run(c);
	add(c, "{\"respondent\":\"r1\",\"locality\":\"B\",\"themes\":[]}");
	json_t *doc = vp_count_json(c);
	cr_assert_eq(ival(doc, "respondents"), 4);
	cr_assert_eq(ival(doc, "respondents_not_adjacent"), 2);
	cr_assert_eq(ival(doc, "localities|A|respondents"), 2);
	cr_assert_eq(ival(doc, "localities|B|respondents"), 3);
	json_decref(doc);
	vp_count_free(c);
}

/* Respondent "17" of one export and "17" of another are two people: one
 * vp-ingest over 100 survey files, each numbering its respondents from
 * 100001, reported 1,800 of 2,000 respondents "not adjacent" (`make
 * bench`'s many-files run), where one chain per file said none. */
Test(count, same_respondent_id_in_two_sources_is_two_people)
{
	vp_count_opts o = {0};
	vp_count *c = vp_count_new(&o);
	vp_err e = {0};
	static const char *const lines[] = {
		"{\"source\":\"a.csv\",\"respondent\":\"17\",\"themes\":[]}",
		"{\"source\":\"a.csv\",\"respondent\":\"18\",\"themes\":[]}",
		"{\"source\":\"b.csv\",\"respondent\":\"17\",\"themes\":[]}",
		"{\"source\":\"b.csv\",\"respondent\":\"18\",\"themes\":[]}",
		"{\"source\":\"a.csv\",\"respondent\":\"17\",\"themes\":[]}", /* a's 17 again */
	};
	for (int i = 0; i < 5; i++)
		cr_assert_eq(vp_count_add_line(c, lines[i], strlen(lines[i]), &e), 1, "%s", e.msg);
	/* the jansson path says the same */
	json_t *rec = json_loads("{\"source\":\"b.csv\",\"respondent\":\"18\",\"themes\":[]}", 0, NULL);
	cr_assert_eq(vp_count_add(c, rec, &e), 0, "%s", e.msg);
	json_decref(rec);
	json_t *doc = vp_count_json(c);
	cr_assert_eq(ival(doc, "respondents"), 6);
	cr_assert_eq(ival(doc, "respondents_not_adjacent"), 2);
	json_decref(doc);
	vp_count_free(c);
}

/* A campaign copy among one respondent's answers (vp-dedup marked q1, q2 is
 * their own) does not make the respondent "seen again" (make demo warned so
 * for 33 of 220 respondents). */
Test(count, campaign_copy_inside_a_respondents_run_is_not_a_reappearance)
{
	vp_count_opts o = {.dedup = 1};
	vp_count *c = vp_count_new(&o);
	add(c, "{\"id\":\"a:q1\",\"text\":\"x\",\"respondent\":\"r1\",\"themes\":[]}");
	add(c, "{\"id\":\"b:q1\",\"text\":\"x\",\"respondent\":\"r2\",\"duplicate_of\":\"a:q1\","
	       "\"campaign\":{\"id\":\"a:q1\"},\"themes\":[]}");
	add(c, "{\"id\":\"b:q2\",\"text\":\"y\",\"respondent\":\"r2\",\"themes\":[]}");
	json_t *doc = vp_count_json(c);
	cr_assert_eq(ival(doc, "respondents"), 2);
	cr_assert_null(get(doc, "respondents_not_adjacent"));
	json_decref(doc);
	vp_count_free(c);
}

/* A comment vp-tag could not read (another language: "untaggable") is not
 * "untagged" -- the person may well have raised a theme -- but counted on
 * its own, on the fast path and the jansson path alike, and merged. */
Test(count, untaggable_records_counted_apart_from_untagged)
{
	vp_count_opts o = {0};
	vp_count *c = vp_count_new(&o);
	vp_err e = {0};
	static const char *const lines[] = {
		"{\"id\":\"1\",\"locality\":\"A\",\"themes\":[]}",
		"{\"id\":\"2\",\"locality\":\"A\",\"lang\":\"cy\",\"themes\":[],\"untaggable\":\"language\"}",
		"{\"id\":\"3\",\"locality\":\"A\",\"themes\":[" T("food") "]}",
	};
	for (int i = 0; i < 3; i++) {
		int rc = vp_count_add_line(c, lines[i], strlen(lines[i]), &e);
		if (rc == 0) { /* the fast path declined: the jansson path, as vp-count does */
			json_t *r = json_loads(lines[i], 0, NULL);
			rc = vp_count_add(c, r, &e) == 0;
			json_decref(r);
		}
		cr_assert_eq(rc, 1, "%s", e.msg);
	}
	json_t *rec = json_loads("{\"id\":\"4\",\"locality\":\"A\",\"themes\":[],"
	                         "\"untaggable\":\"language\"}", 0, NULL);
	cr_assert_eq(vp_count_add(c, rec, &e), 0, "%s", e.msg);
	json_decref(rec);
	json_t *doc = vp_count_json(c);
	cr_assert_eq(ival(doc, "localities|A|records"), 4);
	cr_assert_eq(ival(doc, "localities|A|untagged"), 1);
	cr_assert_eq(ival(doc, "localities|A|not_tagged|language"), 2);
	cr_assert_eq(ival(doc, "total|not_tagged|language"), 2);
	/* merged: summed */
	vp_count *m = vp_count_new(&o);
	cr_assert_eq(vp_count_merge(m, doc, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_count_merge(m, doc, &e), 0, "%s", e.msg);
	json_t *two = vp_count_json(m);
	cr_assert_eq(ival(two, "total|not_tagged|language"), 4);
	cr_assert_eq(ival(two, "total|untagged"), 2);
	json_decref(two);
	vp_count_free(m);
	json_decref(doc);
	vp_count_free(c);
}

/* Respondent ids as survey tools write them (sequential numbers) must not
 * look "seen again": the Bloom filter's bits came from FNV-1a's hash of
 * such ids as they were, and 79 of 50,000 respondents of the bench export
 * were falsely reported as not adjacent. */
Test(count, sequential_respondent_ids_are_not_seen_again)
{
	vp_count_opts o = {0};
	vp_count *c = vp_count_new(&o);
	char line[128];
	vp_err e = {0};
	for (int i = 100000; i < 150000; i++) {
		snprintf(line, sizeof line, "{\"respondent\":\"%d\",\"themes\":[]}", i);
		json_t *rec = json_loads(line, 0, NULL);
		cr_assert_eq(vp_count_add(c, rec, &e), 0, "%s", e.msg);
		json_decref(rec);
	}
	json_t *doc = vp_count_json(c);
	cr_assert_eq(ival(doc, "respondents"), 50000);
	cr_assert_null(get(doc, "respondents_not_adjacent"), "false reappearances: %lld",
	               (long long)ival(doc, "respondents_not_adjacent"));
	json_decref(doc);
	vp_count_free(c);
}

/* A Bloom filter of fixed size cannot tell: 22 of the 200,000 distinct
 * respondents of `make bench`'s export were reported "not adjacent", and
 * vp-run, whose workers each saw part of them, said 3.  The set is exact
 * now (a 32-bit fingerprint besides the slot: about one false warning in
 * 10^9 runs at this size). */
Test(count, many_distinct_respondents_are_never_seen_again)
{
	vp_count_opts o = {0};
	vp_count *c = vp_count_new(&o);
	char line[128];
	vp_err e = {0};
	for (int i = 0; i < 250000; i++) {
		int n = snprintf(line, sizeof line, "{\"respondent\":\"R%07d\",\"themes\":[]}", i * 7);
		cr_assert_eq(vp_count_add_line(c, line, (size_t)n, &e), 1, "%s", e.msg);
	}
	/* and the ones that do come back are all found */
	for (int i = 0; i < 1000; i++) {
		int n = snprintf(line, sizeof line, "{\"respondent\":\"R%07d\",\"themes\":[]}", i * 7 * 250);
		cr_assert_eq(vp_count_add_line(c, line, (size_t)n, &e), 1, "%s", e.msg);
	}
	json_t *doc = vp_count_json(c);
	cr_assert_eq(ival(doc, "respondents"), 251000);
	cr_assert_eq(ival(doc, "respondents_not_adjacent"), 1000);
	json_decref(doc);
	vp_count_free(c);
}

Test(count, sentiment_per_group_and_theme)
{
	vp_count_opts o = {.quotes = 2, .quote_polarity = 1};
	vp_count *c = vp_count_new(&o);
	add(c, "{\"id\":\"1\",\"locality\":\"A\",\"text\":\"kind staff, awful food\","
	       "\"sentiment\":{\"label\":\"mixed\",\"score\":0.1},\"themes\":["
	       "{\"theme\":\"staff\",\"hits\":[\"staff\"],\"sentiment\":{\"label\":\"positive\",\"score\":0.8}},"
	       "{\"theme\":\"food\",\"hits\":[\"food\"],\"sentiment\":{\"label\":\"negative\",\"score\":-0.7}}]}");
	add(c, "{\"id\":\"2\",\"locality\":\"A\",\"text\":\"food was cold\","
	       "\"sentiment\":{\"label\":\"negative\",\"score\":-0.5},\"themes\":[" T("food") "]}");
	add(c, "{\"id\":\"3\",\"locality\":\"A\",\"text\":\"no label\",\"themes\":[" T("food") "]}");
	json_t *doc = vp_count_json(c);
	cr_assert_eq(ival(doc, "localities|A|sentiment|mixed"), 1);
	cr_assert_eq(ival(doc, "localities|A|sentiment|negative"), 1);
	cr_assert_eq(ival(doc, "localities|A|sentiment|positive"), 0);
	cr_assert_eq(ival(doc, "localities|A|themes|staff|sentiment|positive"), 1);
	cr_assert_eq(ival(doc, "localities|A|themes|food|sentiment|negative"), 2);
	cr_assert_eq(ival(doc, "localities|A|themes|food|sentiment|mixed"), 0);
	cr_assert_eq(json_array_size(get(doc, "localities|A|themes|food|quotes_negative")), 2);
	cr_assert_eq(json_array_size(get(doc, "localities|A|themes|food|quotes_positive")), 0);
	cr_assert(json_is_true(get(doc, "quote_polarity")));
	json_decref(doc);
	vp_count_free(c);

	/* a label that is not one of the four is a bad record */
	c = vp_count_new(&o);
	json_t *rec = json_loads("{\"sentiment\":{\"label\":\"angry\"},\"themes\":[]}", 0, NULL);
	vp_err e;
	cr_assert_eq(vp_count_add(c, rec, &e), EX_DATAERR);
	cr_assert(strstr(e.msg, "angry"), "%s", e.msg);
	json_decref(rec);
	vp_count_free(c);
}

/* A campaign's id and its example's id are published with its first text
 * (which was masked): ids taken from an e-mail column were not. */
Test(count, personal_data_in_campaign_ids_is_masked)
{
	vp_count_opts o = {.dedup = 1};
	vp_count *c = vp_count_new(&o);
	add(c, "{\"id\":\"sam@y.com\",\"text\":\"Save the bus\",\"campaign\":"
	       "{\"id\":\"jo@x.com\"},\"themes\":[" T("transport") "]}");
	add(c, "{\"id\":\"ann@z.com\",\"text\":\"Save the bus\",\"campaign\":"
	       "{\"id\":\"jo@x.com\"},\"themes\":[" T("transport") "]}");
	json_t *doc = vp_count_json(c);
	json_t *k = json_array_get(get(doc, "campaigns"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(k, "id")), "[email]");
	cr_assert_str_eq(json_string_value(json_object_get(k, "example_id")), "[email]");
	cr_assert_eq(json_integer_value(json_object_get(k, "copies")), 2);
	char *s = json_dumps(doc, 0);
	cr_assert_null(strstr(s, ".com"));
	free(s);
	json_decref(doc);
	vp_count_free(c);
}

Test(count, dedup_counts_a_campaign_once)
{
	/* vp-dedup leaves a campaign's first record unmarked (its id is the
	 * campaign id) and marks every copy with "campaign" */
	vp_count_opts o = {.dedup = 1};
	vp_count *c = vp_count_new(&o);
	add(c, "{\"id\":\"o1\",\"locality\":\"A\",\"text\":\"Save the bus\",\"themes\":[" T("transport") "]}");
	add(c, "{\"id\":\"c2\",\"locality\":\"B\",\"text\":\"Save the bus\",\"duplicate_of\":\"o1\","
	       "\"campaign\":{\"id\":\"o1\",\"size\":2},\"themes\":[" T("transport") "]}");
	add(c, "{\"id\":\"c1\",\"locality\":\"A\",\"text\":\"Save the bus, call 07700 900123\","
	       "\"duplicate_of\":\"o1\",\"campaign\":{\"id\":\"o1\",\"size\":3},\"themes\":[" T("transport") "]}");
	add(c, "{\"id\":\"4\",\"locality\":\"A\",\"text\":\"other\",\"themes\":[" T("transport") "]}");
	/* a short answer repeated: duplicate_of but no campaign, counted */
	add(c, "{\"id\":\"5\",\"locality\":\"A\",\"text\":\"other\",\"duplicate_of\":\"4\",\"themes\":[]}");
	json_t *doc = vp_count_json(c);
	cr_assert_eq(ival(doc, "records"), 5);
	cr_assert_eq(ival(doc, "duplicates"), 2);
	cr_assert_eq(ival(doc, "localities|A|records"), 4);
	cr_assert_eq(ival(doc, "localities|A|duplicates"), 1);
	cr_assert_eq(ival(doc, "localities|A|themes|transport|records"), 2);
	cr_assert_float_eq(rval(doc, "localities|A|themes|transport|share"), 0.6667, 1e-9);
	cr_assert_eq(ival(doc, "localities|B|duplicates"), 1);
	cr_assert_null(get(doc, "localities|B|themes|transport"));
	cr_assert_eq(ival(doc, "total|themes|transport|records"), 2);
	json_t *k = json_array_get(get(doc, "campaigns"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(k, "id")), "o1");
	cr_assert_eq(json_integer_value(json_object_get(k, "size")), 3);
	cr_assert_eq(json_integer_value(json_object_get(k, "copies")), 2);
	cr_assert_str_eq(json_string_value(json_object_get(k, "example_id")), "c1");
	cr_assert_str_eq(json_string_value(json_object_get(k, "first_text")),
	                 "Save the bus, call [phone]");
	json_decref(doc);
	vp_count_free(c);

	o.max_campaigns = 1;
	c = vp_count_new(&o);
	add(c, "{\"id\":\"1\",\"text\":\"x\",\"campaign\":{\"id\":\"k1\"},\"themes\":[]}");
	json_t *rec = json_loads("{\"id\":\"2\",\"text\":\"y\",\"campaign\":{\"id\":\"k2\"},\"themes\":[]}",
	                         0, NULL);
	vp_err e;
	cr_assert_eq(vp_count_add(c, rec, &e), EX_SOFTWARE);
	cr_assert(strstr(e.msg, "more than 1 campaigns"), "%s", e.msg);
	json_decref(rec);
	vp_count_free(c);
}

Test(count, merge_equals_counting_together_with_new_fields)
{
	const char *recs[] = {
		"{\"id\":\"1\",\"respondent\":\"r1\",\"locality\":\"A\",\"text\":\"bus late\","
		"\"sentiment\":{\"label\":\"negative\",\"score\":-1},\"campaign\":{\"id\":\"k\"},"
		"\"themes\":[" T("transport") "," T("transport/bus") "]}",
		"{\"id\":\"2\",\"respondent\":\"r1\",\"locality\":\"A\",\"text\":\"nice staff\","
		"\"sentiment\":{\"label\":\"positive\",\"score\":1},\"themes\":[" T("staff") "]}",
		"{\"id\":\"3\",\"respondent\":\"r2\",\"locality\":\"B\",\"text\":\"Bus late!\","
		"\"duplicate_of\":\"1\",\"campaign\":{\"id\":\"k\"},\"themes\":[" T("transport") "]}",
		"{\"id\":\"4\",\"respondent\":\"r3\",\"locality\":\"A\",\"text\":\"ok\","
		"\"themes\":[{\"theme\":\"staff\",\"sentiment\":{\"label\":\"neutral\",\"score\":0}}]}",
	};
	vp_count_opts o = {.quotes = 2, .quote_polarity = 1, .dedup = 1, .per = VP_PER_RESPONDENT};
	vp_count *whole = vp_count_new(&o), *a = vp_count_new(&o), *b = vp_count_new(&o);
	for (size_t i = 0; i < 4; i++) {
		json_t *rec = json_loads(recs[i], 0, NULL);
		vp_err e;
		cr_assert_eq(vp_count_add(whole, rec, &e), 0, "%s", e.msg);
		/* split between respondents and campaigns, never through one */
		cr_assert_eq(vp_count_add(i < 3 ? a : b, rec, &e), 0, "%s", e.msg);
		json_decref(rec);
	}
	json_t *dw = vp_count_json(whole), *da = vp_count_json(a), *db = vp_count_json(b);
	vp_count_opts mo;
	char by[256];
	vp_err e;
	cr_assert_eq(vp_count_doc_opts(da, &mo, by, sizeof by, &e), 0);
	vp_count *m = vp_count_new(&mo);
	cr_assert_eq(vp_count_merge(m, da, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_count_merge(m, db, &e), 0, "%s", e.msg);
	json_t *dm = vp_count_json(m);
	char *sw = json_dumps(dw, JSON_SORT_KEYS | JSON_REAL_PRECISION(10));
	char *sm = json_dumps(dm, JSON_SORT_KEYS | JSON_REAL_PRECISION(10));
	cr_assert_str_eq(sm, sw);
	cr_assert_eq(ival(dw, "respondents"), 2); /* r2 gave only a campaign copy */
	free(sw);
	free(sm);
	json_decref(dw);
	json_decref(da);
	json_decref(db);
	json_decref(dm);
	vp_count_free(whole);
	vp_count_free(a);
	vp_count_free(b);
	vp_count_free(m);
}

/* vp-run hands table rows' records to the counter as raw parts
 * (vp_count_add_parts), not as a line: the same document as the line with
 * those members, whatever the parts -- absent, empty, blank, with quotes,
 * respondents, sources -- at each level and nested. */
Test(count, parts_count_as_their_line)
{
	static const vp_theme_found th[] = {{"access", 0, 2}, {"access/waiting", 1, 1}};
	struct rec {
		const char *id, *source, *locality, *respondent, *text;
	} r[] = {
		{"1:q1", "a.csv", "Melton", "1", "waited weeks and weeks"},
		{"1:q2", "a.csv", "Melton", "1", "kind staff"},
		{"2:q1", "a.csv", "", "2", "waited"},
		{"3:q1", "b.csv", "  ", "", "x"},
		{"4:q1", NULL, NULL, NULL, NULL},
		{"1:q3", "b.csv", "Oakham \"North\"", "1", "caf\xc3\xa9 \\ tab\tend"},
	};
	const size_t nr = sizeof r / sizeof r[0];
	for (int variant = 0; variant < 4; variant++) {
		vp_count_opts o = {.quotes = variant & 1 ? 2 : 0, .nested = variant & 2,
		                   .level = variant == 2 ? VP_LEVEL_PLACE : VP_LEVEL_LOCALITY};
		vp_count *a = vp_count_new(&o), *b = vp_count_new(&o);
		vp_err e = {0};
		for (size_t i = 0; i < nr; i++) {
			const char *s[5] = {r[i].id, r[i].source, r[i].locality, r[i].respondent, r[i].text};
			static const char *const key[5] = {"id", "source", "locality", "respondent", "text"};
			vp_count_part pt[5];
			vp_buf line = VP_BUF_INIT;
			cr_assert_eq(vp_buf_putc(&line, '{'), 0);
			for (int k = 0; k < 5; k++) {
				pt[k] = (vp_count_part){s[k], s[k] ? strlen(s[k]) : 0};
				if (!s[k])
					continue;
				if (line.len > 1)
					cr_assert_eq(vp_buf_putc(&line, ','), 0);
				cr_assert_eq(vp_buf_printf(&line, "\"%s\":", key[k]), 0);
				cr_assert_eq(vp_json_str(&line, s[k], strlen(s[k])), 0);
			}
			cr_assert_eq(vp_buf_putc(&line, '}'), 0);
			size_t ntok = 3 + i;
			int rc = vp_count_add_found(a, line.data, line.len, th, i % 3, ntok, (int)(i == 3), -1,
			                            NULL, &e);
			cr_assert_eq(rc, 1, "line %zu: %s", i, e.msg);
			vp_count_parts cp = {pt[0], pt[1], pt[2], pt[3], pt[4]};
			cr_assert_eq(vp_count_add_parts(b, &cp, th, i % 3, ntok, (int)(i == 3), &e), 1,
			             "parts %zu: %s", i, e.msg);
			vp_buf_free(&line);
		}
		json_t *da = vp_count_json(a), *db = vp_count_json(b);
		char *sa = json_dumps(da, JSON_SORT_KEYS), *sb = json_dumps(db, JSON_SORT_KEYS);
		cr_assert_str_eq(sa, sb, "variant %d", variant);
		free(sa);
		free(sb);
		json_decref(da);
		json_decref(db);
		vp_count_free(a);
		vp_count_free(b);
	}
}

/* vp_count_write_flags writes the groups a group at a time: the same bytes
 * as building the whole document and dumping it, indented or compact, with
 * names to escape, sorted by bytes, quotes, sentiment, respondents, nested
 * trees and campaigns; also with no group at all. */
static void same_as_dump(const vp_count *c)
{
	static const size_t flags[] = {VP_COUNT_JSON_FLAGS, VP_COUNT_JSON_COMPACT};
	for (size_t i = 0; i < 2; i++) {
		struct memout a, b;
		vp_err e;
		vp_err_clear(&e);
		FILE *fa = memout_open(&a), *fb = memout_open(&b);
		json_t *doc = vp_count_json(c);
		cr_assert_not_null(doc);
		cr_assert_eq(vp_json_write(fa, doc, flags[i], &e), 0, "%s", e.msg);
		cr_assert_eq(vp_count_write_flags(c, fb, flags[i], &e), 0, "%s", e.msg);
		json_decref(doc);
		char *sa = memout_close(&a), *sb = memout_close(&b);
		cr_assert_str_eq(sb, sa);
		free(sa);
		free(sb);
	}
}

Test(count, written_a_group_at_a_time_as_dumped)
{
	static const char *const recs[] = {
		"{\"id\":\"1\",\"locality\":\"Melton\",\"place\":\"Melton Mowbray\",\"system\":\"LLR\","
		"\"respondent\":\"r1\",\"text\":\"bus late\",\"sentiment\":{\"label\":\"negative\"},"
		"\"themes\":[" T("transport") "," T("transport/bus") "]}",
		"{\"id\":\"2\",\"locality\":\"Z\\u00e9 \\\"q\\\"\\\\\\n\",\"text\":\"ok\",\"themes\":[]}",
		"{\"id\":\"3\",\"locality\":\"a\",\"text\":\"lovely staff\",\"themes\":[" T("staff") "],"
		"\"campaign\":{\"id\":\"1\"},\"duplicate_of\":\"1\"}",
		"{\"id\":\"4\",\"locality\":\"B\",\"text\":\"\\u2603 snow\",\"themes\":[" T("weather") "]}",
		"{\"id\":\"5\",\"text\":\"no place\",\"themes\":[" T("transport") "]}",
	};
	vp_count_opts opts[5] = {{0}};
	opts[1].quotes = 2;
	opts[1].quote_polarity = 1;
	opts[2].nested = 1;
	opts[3].dedup = 1;
	opts[3].quotes = 1;
	opts[4].by = "question";
	for (size_t k = 0; k < 5; k++) {
		vp_count *c = vp_count_new(&opts[k]);
		cr_assert_not_null(c);
		same_as_dump(c); /* no group yet */
		for (size_t i = 0; i < sizeof recs / sizeof *recs; i++)
			add(c, recs[i]);
		same_as_dump(c);
		vp_count_free(c);
	}
}

/* A locality written with a space before or after it ("Leicester City ",
 * as a form or an NDJSON export may give it) is the same locality: one
 * group, not two rows that read alike with the counts split between them. */
Test(count, group_names_trimmed)
{
	vp_count_opts o = {.nested = 1};
	vp_count *c = vp_count_new(&o);
	add(c, "{\"locality\":\"Leicester City \",\"place\":\" Leicester\",\"themes\":[]}");
	add(c, "{\"locality\":\"Leicester City\",\"place\":\"Leicester\",\"themes\":[]}");
	const char *line = "{\"locality\":\"\\tLeicester City\\n\",\"place\":\"Leicester\",\"themes\":[]}";
	vp_err e;
	vp_err_clear(&e);
	int rc = vp_count_add_line(c, line, strlen(line), &e);
	if (rc == 0)
		add(c, line);
	else
		cr_assert_eq(rc, 1, "%s", e.msg);
	json_t *doc = vp_count_json(c);
	cr_assert_eq(json_object_size(get(doc, "localities")), 1);
	cr_assert_eq(ival(doc, "localities|Leicester City|records"), 3);
	cr_assert_eq(ival(doc, "systems|Unassigned|places|Leicester|localities|Leicester City|records"), 3);
	json_decref(doc);
	vp_count_free(c);

	o = (vp_count_opts){.by = "fields.Age"};
	c = vp_count_new(&o);
	add(c, "{\"fields\":{\"Age\":\" 34\"},\"themes\":[]}");
	add(c, "{\"fields\":{\"Age\":34},\"themes\":[]}");
	doc = vp_count_json(c);
	cr_assert_eq(ival(doc, "groups|34|records"), 2);
	json_decref(doc);
	vp_count_free(c);
}

/* ---- lexicons: one count, one lexicon set ---------------------------- */

#define LX_A "0123456789abcdef"
#define LX_B "fedcba9876543210"
#define LREC(lex) "{\"id\":\"1\",\"locality\":\"A\",\"themes\":[" T("t") "]" lex "}"

/* Count line through the fast path (jansson's when it declines), as the
 * filter does; the code, e filled. */
static int add_any(vp_count *c, const char *line, vp_err *e)
{
	vp_err_clear(e);
	int rc = vp_count_add_line(c, line, strlen(line), e);
	if (rc == 1)
		return 0;
	if (rc)
		return rc;
	json_t *rec = json_loads(line, 0, NULL);
	cr_assert_not_null(rec, "%s", line);
	rc = vp_count_add(c, rec, e);
	json_decref(rec);
	return rc;
}

/* Records carrying vp-tag's "lexicon" give a document carrying it; records
 * without (a tagger of one's own) a document without, as before; on both
 * paths. */
Test(count, lexicon_carried_into_the_document)
{
	vp_count_opts o = {0};
	for (int fast = 0; fast < 2; fast++) {
		vp_count *c = vp_count_new(&o), *n = vp_count_new(&o);
		vp_err e;
		if (fast) {
			cr_assert_eq(add_any(c, LREC(",\"lexicon\":\"" LX_A "\""), &e), 0, "%s", e.msg);
			cr_assert_eq(add_any(c, LREC(",\"lexicon\":\"" LX_A "\""), &e), 0, "%s", e.msg);
			cr_assert_eq(add_any(n, LREC(",\"lexicon\":null"), &e), 0, "%s", e.msg);
		} else {
			add(c, LREC(",\"lexicon\":\"" LX_A "\""));
			add(c, LREC(",\"lexicon\":\"\\u0030123456789abcdef\""));
			add(n, LREC(""));
		}
		json_t *dc = vp_count_json(c), *dn = vp_count_json(n);
		cr_assert_str_eq(json_string_value(json_object_get(dc, "lexicon")), LX_A);
		cr_assert_null(json_object_get(dn, "lexicon"));
		cr_assert_eq(ival(dc, "records"), 2);
		json_decref(dc);
		json_decref(dn);
		vp_count_free(c);
		vp_count_free(n);
	}
}

/* Records tagged with two lexicons, or with and without one, are not
 * counted together: EX_DATAERR naming both (and where the first was seen,
 * once told), the record not counted; a value that is no fingerprint is a
 * bad record as any other, not a lexicon. */
Test(count, lexicon_mix_refused)
{
	static const struct {
		const char *first, *then, *msg;
	} mix[] = {
		{",\"lexicon\":\"" LX_A "\"", ",\"lexicon\":\"" LX_B "\"",
		 "tagged with lexicon " LX_B "; in.ndjson:3 with " LX_A
		 " -- tag them all with the same lexicons"},
		{",\"lexicon\":\"" LX_A "\"", "",
		 "tagged with no \"lexicon\" (not tagged by vp-tag, or by an older one); in.ndjson:3 "
		 "with " LX_A " -- tag them all with the same lexicons"},
		{",\"lexicon\":null", ",\"lexicon\":\"" LX_B "\"",
		 "tagged with lexicon " LX_B "; in.ndjson:3 with none (not tagged by vp-tag, or by an "
		 "older one) -- tag them all with the same lexicons"},
	};
	vp_count_opts o = {0};
	for (size_t i = 0; i < sizeof mix / sizeof mix[0]; i++)
		for (int fast = 0; fast < 2; fast++) {
			char a[256], b[256];
			snprintf(a, sizeof a, LREC("%s"), mix[i].first);
			snprintf(b, sizeof b, LREC("%s"), mix[i].then);
			vp_count *c = vp_count_new(&o);
			vp_err e;
			cr_assert_eq(fast ? add_any(c, a, &e) : (add(c, a), 0), 0, "%s", e.msg);
			cr_assert_eq(vp_count_lexicon_from(c, "in.ndjson", 3, &e), 0);
			cr_assert_eq(vp_count_lexicon_from(c, "later.ndjson", 9, &e), 0);
			char *before = dump(c);
			cr_assert_eq(add_any(c, b, &e), EX_DATAERR, "%zu", i);
			cr_assert_str_eq(e.msg, mix[i].msg);
			char *after = dump(c);
			cr_assert_str_eq(after, before, "the refused record was counted");
			free(before);
			free(after);
			vp_count_free(c);
		}
	/* not told where: the records before */
	vp_count *c = vp_count_new(&o);
	vp_err e;
	add(c, LREC(",\"lexicon\":\"" LX_A "\""));
	cr_assert_eq(add_any(c, LREC(",\"lexicon\":\"" LX_B "\""), &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "tagged with lexicon " LX_B "; the records before with " LX_A
	                 " -- tag them all with the same lexicons");
	cr_assert(c->lexmixed, "vp-count fails rather than skip it");
	/* a record refused for anything else after it: a bad record, to skip */
	cr_assert_eq(add_any(c, "{\"themes\":5}", &e), EX_DATAERR);
	cr_assert_not(c->lexmixed, "%s", e.msg);
	cr_assert_eq(add_any(c, LREC(",\"lexicon\":\"" LX_B "\""), &e), EX_DATAERR);
	cr_assert_eq(add_any(c, "{\"themes\":[1]}", &e), EX_DATAERR);
	cr_assert_not(c->lexmixed, "%s", e.msg);
	/* no fingerprint: a bad record, the counter's lexicon unchanged */
	cr_assert_eq(add_any(c, LREC(",\"lexicon\":\"0123\""), &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "\"lexicon\" is not a lexicon fingerprint (16 lower-case hex "
	                 "digits, as vp-tag writes it)");
	cr_assert_eq(add_any(c, LREC(",\"lexicon\":\"" LX_A "\""), &e), 0, "%s", e.msg);
	vp_count_free(c);
}

static json_t *lex_doc(const char *lex, int nrec)
{
	vp_count_opts o = {0};
	vp_count *c = vp_count_new(&o);
	char line[256];
	snprintf(line, sizeof line, LREC("%s"), lex);
	for (int i = 0; i < nrec; i++)
		add(c, line);
	json_t *d = vp_count_json(c);
	vp_count_free(c);
	return d;
}

/* Documents counted with different lexicons, or with and without one, are
 * not merged; a document of no records (an empty split) has none and takes
 * any; those that agree merge with it, as counting them together. */
Test(count, merge_refuses_documents_of_other_lexicons)
{
	json_t *a = lex_doc(",\"lexicon\":\"" LX_A "\"", 2), *b = lex_doc(",\"lexicon\":\"" LX_B "\"", 1);
	json_t *none = lex_doc("", 1), *empty = lex_doc("", 0);
	cr_assert_null(json_object_get(empty, "lexicon"));
	vp_count_opts o = {0};
	vp_err e;
	vp_count *m = vp_count_new(&o);
	cr_assert_eq(vp_count_merge(m, empty, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_count_lexicon_from(m, "empty.json", 0, &e), 0);
	cr_assert_eq(vp_count_merge(m, a, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_count_lexicon_from(m, "jan.json", 0, &e), 0);
	cr_assert_eq(vp_count_merge(m, empty, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_count_merge(m, a, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_count_merge(m, b, &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "counted with lexicon " LX_B "; jan.json with " LX_A
	                 " -- tag both with the same lexicons");
	cr_assert_eq(vp_count_merge(m, none, &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "counted with no \"lexicon\" (its records not tagged by vp-tag, or "
	                 "by an older one); jan.json with " LX_A " -- tag both with the same lexicons");
	json_t *dm = vp_count_json(m);
	cr_assert_str_eq(json_string_value(json_object_get(dm, "lexicon")), LX_A);
	cr_assert_eq(ival(dm, "records"), 4);
	json_decref(dm);
	vp_count_free(m);

	m = vp_count_new(&o);
	cr_assert_eq(vp_count_merge(m, none, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_count_merge(m, a, &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "counted with lexicon " LX_A "; the first document with none (its "
	                 "records not tagged by vp-tag, or by an older one) -- tag both with the "
	                 "same lexicons");
	vp_count_free(m);

	json_t *bad = lex_doc("", 1);
	cr_assert_eq(json_object_set_new(bad, "lexicon", json_string("ABC")), 0);
	m = vp_count_new(&o);
	cr_assert_eq(vp_count_merge(m, bad, &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "bad \"lexicon\": not a lexicon fingerprint (16 lower-case hex "
	                 "digits, as vp-tag writes it)");
	vp_count_free(m);
	json_decref(bad);
	json_decref(a);
	json_decref(b);
	json_decref(none);
	json_decref(empty);
}

/* vp-run's records, given as found and as parts, carry the lexicon the
 * counter is told of (vp_count_opts.lexicon), not one the line has: the
 * chain's vp-tag replaces it. */
Test(count, found_and_parts_carry_the_counters_lexicon)
{
	static const vp_theme_found th[] = {{"t", 0, 1}};
	vp_count_opts o = {.lexicon = LX_A};
	vp_count *a = vp_count_new(&o), *b = vp_count_new(&o);
	vp_err e = {0};
	const char *line = "{\"id\":\"1\",\"locality\":\"A\",\"lexicon\":\"" LX_B "\"}";
	cr_assert_eq(vp_count_add_found(a, line, strlen(line), th, 1, 1, 0, -1, NULL, &e), 1, "%s", e.msg);
	vp_count_parts cp = {.id = {"1", 1}, .locality = {"A", 1}};
	cr_assert_eq(vp_count_add_parts(b, &cp, th, 1, 1, 0, &e), 1, "%s", e.msg);
	json_t *da = vp_count_json(a), *db = vp_count_json(b);
	cr_assert_str_eq(json_string_value(json_object_get(da, "lexicon")), LX_A);
	cr_assert_str_eq(json_string_value(json_object_get(db, "lexicon")), LX_A);
	json_decref(da);
	json_decref(db);
	vp_count_free(a);
	vp_count_free(b);
	/* none counted: no lexicon, as the chain's vp-count of no records */
	a = vp_count_new(&o);
	da = vp_count_json(a);
	cr_assert_null(json_object_get(da, "lexicon"));
	json_decref(da);
	vp_count_free(a);
}
