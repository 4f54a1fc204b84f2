#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "voxpop/buf.h"
#include "voxpop/eval.h"

static FILE *mem(const char *s)
{
	FILE *fp = fmemopen((void *)s, strlen(s), "r");
	cr_assert_not_null(fp);
	return fp;
}

static vp_eval *with_map(const vp_eval_opts *o, const char *map)
{
	vp_eval *ev = vp_eval_new(o);
	vp_err e = {0};
	cr_assert_not_null(ev);
	FILE *fp = mem(map);
	cr_assert_eq(vp_eval_load_map(ev, fp, "map.tsv", &e), 0, "%s", e.msg);
	fclose(fp);
	return ev;
}

static int gold(vp_eval *ev, const char *csv, vp_err *e)
{
	FILE *fp = mem(csv);
	int rc = vp_eval_load_gold(ev, fp, "gold.csv", e);
	fclose(fp);
	return rc;
}

static void add(vp_eval *ev, const char *json)
{
	vp_err e = {0};
	json_t *rec = json_loads(json, 0, NULL);
	cr_assert_not_null(rec, "%s", json);
	cr_assert_eq(vp_eval_add(ev, rec, &e), 0, "%s", e.msg);
	json_decref(rec);
}

static double num(json_t *rep, const char *theme, const char *key)
{
	json_t *t = json_object_get(json_object_get(rep, "themes"), theme);
	cr_assert_not_null(t, "no theme %s", theme);
	return json_number_value(json_object_get(t, key));
}

static const char *MAP = "# theme map\naccess\tWait|Phone\naccess/waiting\tWait\nstaff\tManner\n";

Test(eval, child_counts_for_parent_and_missing_rows_count_as_untagged)
{
	vp_eval_opts o = {.id_col = "ref"};
	vp_eval *ev = with_map(&o, MAP);
	vp_err e = {0};
	cr_assert_eq(gold(ev, "ref,Wait,Phone,Manner\r\n"
	                      "a,1,0,0\r\nb,0,1,\r\nc,1,0,1\r\nd,0,0,0\r\n", &e), 0, "%s", e.msg);
	/* a: the child alone must count as the parent too. */
	add(ev, "{\"id\":\"a\",\"themes\":[{\"theme\":\"access/waiting\",\"hits\":[\"wait\"]}]}");
	add(ev, "{\"id\":\"b\",\"themes\":[\"access/waiting\",\"access\"]}");
	add(ev, "{\"id\":\"d\",\"themes\":[]}");
	/* c has no record: gold for access, waiting and staff, all missed. */
	json_t *rep = vp_eval_report(ev);
	cr_assert_not_null(rep);
	cr_assert_eq(num(rep, "access", "tp"), 2);
	cr_assert_eq(num(rep, "access", "fp"), 0);
	cr_assert_eq(num(rep, "access", "fn"), 1);
	cr_assert_float_eq(num(rep, "access", "f1"), 0.8, 1e-9);
	cr_assert_eq(num(rep, "access/waiting", "tp"), 1);
	cr_assert_eq(num(rep, "access/waiting", "fp"), 1);
	cr_assert_eq(num(rep, "access/waiting", "fn"), 1);
	cr_assert_eq(num(rep, "staff", "fn"), 1);
	cr_assert_eq(json_integer_value(json_object_get(rep, "missing")), 1);
	json_decref(rep);
	vp_eval_free(ev);
}

/* 30 rows: theme A gold on rows 0-19 (20 rows, averaged), B on rows 0-4
 * (too few, reported but left out of micro/macro). */
Test(eval, micro_and_macro_only_over_themes_with_20_gold_rows)
{
	vp_eval_opts o = {.id_col = "id"};
	vp_eval *ev = with_map(&o, "A\tla\nB\tlb\n");
	vp_buf csv = VP_BUF_INIT;
	vp_err e = {0};
	vp_buf_puts(&csv, "id,la,lb\n");
	for (int i = 0; i < 30; i++)
		vp_buf_printf(&csv, "r%d,%d,%d\n", i, i < 20, i < 5);
	cr_assert_eq(gold(ev, csv.data, &e), 0, "%s", e.msg);
	for (int i = 0; i < 30; i++) {
		char rec[128];
		/* A predicted on 0-14 and 20-24: tp 15, fp 5, fn 5. B perfect. */
		int a = i < 15 || (i >= 20 && i < 25), b = i < 5;
		snprintf(rec, sizeof rec, "{\"id\":\"r%d\",\"themes\":[%s%s%s]}", i,
		         a ? "\"A\"" : "", a && b ? "," : "", b ? "\"B\"" : "");
		add(ev, rec);
	}
	json_t *rep = vp_eval_report(ev);
	cr_assert_float_eq(num(rep, "A", "f1"), 0.75, 1e-9);
	cr_assert_float_eq(num(rep, "B", "f1"), 1.0, 1e-9);
	cr_assert(json_is_false(json_object_get(json_object_get(json_object_get(rep, "themes"), "B"), "averaged")));
	json_t *micro = json_object_get(rep, "micro"), *macro = json_object_get(rep, "macro");
	cr_assert_float_eq(json_real_value(json_object_get(micro, "f1")), 0.75, 1e-9);
	cr_assert_float_eq(json_real_value(json_object_get(macro, "f1")), 0.75, 1e-9);
	cr_assert_eq(json_integer_value(json_object_get(macro, "themes")), 1);
	json_decref(rep);
	vp_buf_free(&csv);
	vp_eval_free(ev);
}

Test(eval, unknown_label_names_the_map_line)
{
	vp_eval_opts o = {.id_col = "ref"};
	vp_eval *ev = with_map(&o, MAP);
	vp_err e = {0};
	cr_assert_eq(gold(ev, "ref,Wait,Manner\n", &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "map.tsv:2: label 'Phone' (theme access) is not a column of gold.csv");
	vp_eval_free(ev);
}

Test(eval, map_syntax_errors_have_line_numbers)
{
	vp_eval *ev = vp_eval_new(NULL);
	vp_err e = {0};
	FILE *fp = mem("# c\n\naccess\tWait\naccess waiting Wait\n");
	cr_assert_eq(vp_eval_load_map(ev, fp, "m.tsv", &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "m.tsv:4: expected theme<TAB>label|label|...");
	fclose(fp);
	vp_eval_free(ev);
	ev = vp_eval_new(NULL);
	fp = mem("access\tWait\naccess\tPhone\n");
	cr_assert_eq(vp_eval_load_map(ev, fp, "m.tsv", &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "m.tsv:2: theme 'access' listed twice");
	fclose(fp);
	vp_eval_free(ev);
}

Test(eval, duplicate_id_and_bad_cell_are_gold_errors_at_their_line)
{
	vp_eval_opts o = {.id_col = "ref"};
	vp_eval *ev = with_map(&o, MAP);
	vp_err e = {0};
	cr_assert_eq(gold(ev, "ref,Wait,Phone,Manner\na,1,0,0\n\"b\nc\",0,0,0\na,0,0,0\n", &e),
	             EX_DATAERR);
	cr_assert_str_eq(e.msg, "gold.csv:5: duplicate id 'a'");
	vp_eval_free(ev);
	ev = with_map(&o, MAP);
	cr_assert_eq(gold(ev, "ref,Wait,Phone,Manner\na,1,0,maybe\n", &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "gold.csv:2: label column 'Manner' holds 'maybe', want 1 (TRUE, x, "
	                 "yes, y), 0 (FALSE, no, n) or empty");
	vp_eval_free(ev);
	ev = with_map(&o, MAP);
	cr_assert_eq(gold(ev, "id,Wait,Phone,Manner\n", &e), EX_DATAERR);
	cr_assert_str_eq(e.msg, "gold.csv:1: no id column 'ref' in the header");
	vp_eval_free(ev);
}

Test(eval, split_parts_are_disjoint_and_cover_the_file)
{
	vp_buf csv = VP_BUF_INIT;
	vp_err e = {0};
	vp_buf_puts(&csv, "ref,who,Wait,Phone,Manner\n");
	for (int i = 0; i < 100; i++)
		vp_buf_printf(&csv, "c%d,p%d,1,0,0\n", i, i / 2);
	unsigned long held_rows = 0, rest_rows = 0;
	for (int held = 0; held <= 1; held++) {
		vp_eval_opts o = {.id_col = "ref", .hash_col = "who", .split_n = 5,
		                  .split_held = held};
		vp_eval *ev = with_map(&o, MAP);
		cr_assert_eq(gold(ev, csv.data, &e), 0, "%s", e.msg);
		json_t *rep = vp_eval_report(ev);
		unsigned long rows = (unsigned long)json_integer_value(json_object_get(rep, "rows"));
		cr_assert_eq(rows + json_integer_value(json_object_get(rep, "not_scored")), 100);
		*(held ? &held_rows : &rest_rows) = rows;
		/* A record of a row in the other part is neither scored nor unknown. */
		add(ev, "{\"id\":\"c0\",\"themes\":[\"access\"]}");
		add(ev, "{\"id\":\"c1\",\"themes\":[\"access\"]}");
		cr_assert_eq(vp_eval_unknown(ev, NULL), 0);
		json_decref(rep);
		vp_eval_free(ev);
	}
	cr_assert_eq(held_rows + rest_rows, 100);
	cr_assert(held_rows > 5 && held_rows < 40, "held %lu", held_rows);
	vp_buf_free(&csv);
}

Test(eval, fnv1a_matches_reference_values)
{
	/* Published FNV-1a 32-bit test vectors: the split must be reproducible. */
	cr_assert_eq(vp_eval_hash("", 0), 0x811c9dc5UL);
	cr_assert_eq(vp_eval_hash("a", 1), 0xe40c292cUL);
	cr_assert_eq(vp_eval_hash("foobar", 6), 0xbf9cf968UL);
}

Test(eval, unknown_ids_counted_and_errors_keep_what_fired)
{
	vp_eval_opts o = {.id_col = "ref", .errors = "access/waiting"};
	vp_eval *ev = with_map(&o, MAP);
	vp_err e = {0};
	cr_assert_eq(gold(ev, "ref,Wait,Phone,Manner\na,0,1,0\nb,1,0,0\n", &e), 0, "%s", e.msg);
	add(ev, "{\"id\":\"a\",\"text\":\"phoned, waited\",\"themes\":[{\"theme\":\"access/waiting\",\"hits\":[\"wait\"]}]}");
	add(ev, "{\"id\":\"b\",\"text\":\"3 hours\",\"themes\":[{\"theme\":\"staff\",\"hits\":[\"staff\"]}]}");
	add(ev, "{\"id\":\"zz\",\"themes\":[]}");
	const char *first;
	cr_assert_eq(vp_eval_unknown(ev, &first), 1);
	cr_assert_str_eq(first, "zz");
	json_t *rep = vp_eval_report(ev);
	json_t *errs = json_object_get(rep, "errors");
	json_t *fp = json_array_get(json_object_get(errs, "false_positives"), 0);
	json_t *fn = json_array_get(json_object_get(errs, "false_negatives"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(fp, "id")), "a");
	cr_assert_str_eq(json_string_value(json_object_get(fp, "text")), "phoned, waited");
	cr_assert_str_eq(json_string_value(json_array_get(json_object_get(
		json_array_get(json_object_get(fp, "hits"), 0), "hits"), 0)), "wait");
	cr_assert_str_eq(json_string_value(json_object_get(fn, "id")), "b");
	cr_assert_str_eq(json_string_value(json_array_get(json_object_get(fn, "themes"), 0)), "staff");
	json_decref(rep);
	vp_eval_free(ev);
}
