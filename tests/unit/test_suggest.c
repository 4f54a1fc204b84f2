#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "voxpop/eval.h"
#include "voxpop/lexicon.h"
#include "voxpop/suggest.h"
#include "voxpop/text.h"

/* Records: id, tokens (space-separated stems), themes JSON (or NULL). */
typedef struct r { const char *id, *tokens, *themes; } r;

static json_t *record(const r *x)
{
	json_t *toks = json_array();
	char buf[256];
	snprintf(buf, sizeof buf, "%s", x->tokens);
	char *save = NULL;
	for (char *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save))
		json_array_append_new(toks, json_string(w));
	json_error_t je;
	json_t *th = x->themes ? json_loads(x->themes, 0, &je) : json_array();
	cr_assert_not_null(th);
	return json_pack("{s:s,s:s,s:o,s:o}", "id", x->id, "text", x->tokens, "tokens", toks, "themes", th);
}

/* A suggester with options o over tx, given the labels text and the
 * records, run. */
static vp_suggest *run_on(vp_suggest_opts o, vp_text *tx, const char *labels, const r *recs,
                          size_t n)
{
	vp_err e = {0};
	vp_suggest *s = vp_suggest_new(&o, tx, &e);
	cr_assert_not_null(s);
	FILE *fp = fmemopen((void *)labels, strlen(labels), "r");
	cr_assert_eq(vp_suggest_gold_pairs(s, fp, "labels", &e), 0, "%s", e.msg);
	fclose(fp);
	for (size_t i = 0; i < n; i++) {
		json_t *j = record(&recs[i]);
		cr_assert_eq(vp_suggest_add(s, j, &e), 0, "%s", e.msg);
		json_decref(j);
	}
	cr_assert_eq(vp_suggest_run(s, &e), 0, "%s", e.msg);
	return s;
}

/* Run on a labels text and records; returns the JSON report. */
static json_t *run(vp_suggest_opts o, const char *labels, const r *recs, size_t n)
{
	vp_text *tx;
	vp_err e = {0};
	cr_assert_eq(vp_text_open(&tx, "english", &e), 0);
	vp_suggest *s = run_on(o, tx, labels, recs, n);
	json_t *rep = vp_suggest_report(s);
	cr_assert_not_null(rep);
	vp_suggest_free(s);
	vp_text_close(tx);
	return rep;
}

static json_t *entries(json_t *rep, size_t theme)
{
	return json_object_get(json_array_get(json_object_get(rep, "themes"), theme), "entries");
}

static const char *entry(json_t *rep, size_t i)
{
	return json_string_value(json_object_get(json_array_get(entries(rep, 0), i), "entry"));
}

static long field(json_t *rep, size_t i, const char *k)
{
	return (long)json_integer_value(json_object_get(json_array_get(entries(rep, 0), i), k));
}

static const r rank_recs[] = {
	{"r1", "taxi late", NULL}, {"r2", "taxi late", NULL}, {"r3", "taxi late", NULL},
	{"r4", "taxi late", NULL}, {"r5", "car park", NULL}, {"r6", "car park", NULL},
	{"r7", "bus", "[{\"theme\":\"t\",\"spans\":[[0,1]]}]"},
	{"r8", "bus", "[{\"theme\":\"t\",\"spans\":[[0,1]]}]"},
	{"r9", "bus", "[{\"theme\":\"t\",\"spans\":[[0,1]]}]"},
	{"r10", "nice staff", NULL}, {"r11", "nice staff", NULL}, {"r12", "nice staff", NULL},
};
static const char rank_labels[] =
	"r1,t\nr2,t\nr3,t\nr4,t\nr5,t\nr6,t\nr7,t\nr8,t\nr9,t\nr10,\nr11,\nr12,\n";

Test(suggest, ranks_by_f1_gain_and_min_support)
{
	vp_suggest_opts o = {.min_precision = -1};
	json_t *rep = run(o, rank_labels, rank_recs, 12);
	/* base: tp 3, fn 6 -> F1 0.5; late (tied with taxi in every way, first
	 * by its spelling, not by where it came) adds 4 right: F1 0.875.
	 * car/park fire on 2 < 3. */
	cr_assert_str_eq(entry(rep, 0), "late");
	cr_assert_eq(field(rep, 0, "tp"), 4);
	cr_assert_eq(field(rep, 0, "fp"), 0);
	cr_assert_float_eq(json_real_value(json_object_get(json_array_get(entries(rep, 0), 0), "gain")),
	                   0.375, 1e-9);
	cr_assert_eq(json_array_size(entries(rep, 0)), 1, "taxi gains nothing after late; car below support");
	json_decref(rep);

	o.min_support = 2;
	rep = run(o, rank_labels, rank_recs, 12);
	cr_assert_eq(json_array_size(entries(rep, 0)), 2);
	cr_assert_str_eq(entry(rep, 1), "car");
	cr_assert_eq(field(rep, 1, "support"), 2);
	json_decref(rep);
}

Test(suggest, min_precision_guard)
{
	static const r recs[] = {{"a", "nice staff", NULL}, {"b", "nice staff", NULL}, {"c", "nice staff", NULL}};
	vp_suggest_opts o = {.min_precision = -1, .min_support = 1};
	json_t *rep = run(o, "a,u\nb,\nc,\n", recs, 3);
	cr_assert_eq(json_array_size(entries(rep, 0)), 0, "1 right in 3 is below 50%%");
	json_decref(rep);
	o.min_precision = 0;
	rep = run(o, "a,u\nb,\nc,\n", recs, 3);
	cr_assert_eq(json_array_size(entries(rep, 0)), 1, "F1 0 -> 0.5 without the guard");
	json_decref(rep);
}

Test(suggest, exclusion_from_spans)
{
	static const r recs[] = {
		{"a", "ambul driver kind", "[{\"theme\":\"t\",\"spans\":[[1,2]]}]"},
		{"b", "ambul driver kind", "[{\"theme\":\"t\",\"spans\":[[1,2]]}]"},
		{"c", "ambul driver kind", "[{\"theme\":\"t\",\"spans\":[[1,2]]}]"},
		{"d", "taxi driver late", "[{\"theme\":\"t\",\"spans\":[[1,2]]}]"},
	};
	vp_suggest_opts o = {.min_precision = -1};
	json_t *rep = run(o, "a,staff\nb,staff\nc,staff\nd,t\n", recs, 4);
	/* themes: staff, t (first seen order) */
	json_t *t = json_array_get(json_object_get(rep, "themes"), 1);
	cr_assert_str_eq(json_string_value(json_object_get(t, "theme")), "t");
	json_t *e0 = json_array_get(json_object_get(t, "entries"), 0);
	cr_assert_str_eq(json_string_value(json_object_get(e0, "entry")), "!ambul driver");
	cr_assert_eq(json_integer_value(json_object_get(e0, "fp")), -3);
	cr_assert_eq(json_integer_value(json_object_get(e0, "tp")), 0);
	cr_assert_float_eq(json_real_value(json_object_get(t, "f1_after")), 1.0, 1e-9);
	json_decref(rep);
}

Test(suggest, held_back_part_reports_but_never_chooses)
{
	/* ids by their side of the split (hash % 2 == 0 is held back) */
	static char ids[12][16];
	size_t nf = 0, nh = 0;
	for (int i = 0; nf < 6 || nh < 6; i++) {
		char id[16];
		snprintf(id, sizeof id, "id%d", i);
		int held = vp_eval_hash(id, strlen(id)) % 2 == 0;
		if (held && nh < 6)
			strcpy(ids[6 + nh++], id);
		else if (!held && nf < 6)
			strcpy(ids[nf++], id);
	}
	/* fit: 3 taxi (gold), 3 other; held: 3 taxi (gold), 3 ferry (gold) */
	r recs[12];
	char labels[512] = "";
	for (size_t i = 0; i < 12; i++) {
		const char *tok = i < 3 ? "taxi" : i < 6 ? "nice" : i < 9 ? "taxi" : "ferri";
		recs[i] = (r){ids[i], tok, NULL};
		strcat(labels, ids[i]);
		strcat(labels, i >= 3 && i < 6 ? ",\n" : ",t\n");
	}
	vp_suggest_opts o = {.min_precision = -1, .split_n = 2, .min_support = 1};
	json_t *rep = run(o, labels, recs, 12);
	json_t *t = json_array_get(json_object_get(rep, "themes"), 0);
	cr_assert_eq(json_integer_value(json_object_get(t, "rows")), 6);
	cr_assert_eq(json_integer_value(json_object_get(t, "held_rows")), 6);
	cr_assert_eq(json_array_size(entries(rep, 0)), 1, "ferry is only held back: never proposed");
	cr_assert_str_eq(entry(rep, 0), "taxi");
	cr_assert_eq(field(rep, 0, "held_tp"), 3);
	/* held back: tp 3 of 6 gold -> F1 2*3/(6+3) */
	cr_assert_float_eq(json_real_value(json_object_get(t, "held_f1_after")), 6.0 / 9.0, 1e-9);
	json_decref(rep);
}

Test(suggest, untagged_keyness)
{
	static const r recs[] = {
		{"a", "did not answer", NULL}, {"b", "did not answer", NULL}, {"c", "did not answer", NULL},
		{"d", "bus late", "[\"t\"]"}, {"e", "bus late answer", "[\"t\"]"},
	};
	vp_text *tx;
	vp_err e = {0};
	cr_assert_eq(vp_text_open(&tx, "english", &e), 0);
	vp_suggest_opts o = {.min_precision = -1, .untagged = 1};
	vp_suggest *s = vp_suggest_new(&o, tx, &e);
	for (size_t i = 0; i < 5; i++) {
		json_t *j = record(&recs[i]);
		cr_assert_eq(vp_suggest_add(s, j, &e), 0);
		json_decref(j);
	}
	cr_assert_eq(vp_suggest_run(s, &e), 0);
	json_t *rep = vp_suggest_report(s);
	json_t *p0 = json_array_get(json_object_get(rep, "emerging"), 0);
	/* "not answer" and "answer" are inside "did not answer" (same 3 comments
	 * for the first): only the longest is listed first */
	cr_assert_str_eq(json_string_value(json_object_get(p0, "phrase")), "did not answer");
	cr_assert_eq(json_integer_value(json_object_get(p0, "untagged")), 3);
	cr_assert_eq(json_integer_value(json_object_get(p0, "tagged")), 0);
	cr_assert_gt(json_real_value(json_object_get(p0, "g2")), 0);
	json_decref(rep);
	vp_suggest_free(s);
	vp_text_close(tx);
}

Test(suggest, f1)
{
	cr_assert_float_eq(vp_f1(0, 0, 0), 0, 1e-12);
	cr_assert_float_eq(vp_f1(3, 0, 6), 0.5, 1e-12);
}

/* ---- word-list members (--lexicon) ---- */

static void put_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	cr_assert_not_null(fp, "%s", path);
	cr_assert_eq(fputs(text, fp) >= 0 && fclose(fp) == 0, 1);
}

/* A run with the set in dir: o.lexicon, *lx and *tx filled; the caller
 * frees all three (members_done). */
static vp_suggest *run_members(vp_suggest_opts o, const char *dir, const char *labels,
                               const r *recs, size_t n, vp_lexicon **lx, vp_text **tx)
{
	vp_err e = {0};
	cr_assert_eq(vp_text_open(tx, "english", &e), 0);
	cr_assert_eq(vp_lexicon_load(lx, dir, *tx, &e), 0, "%s", e.msg);
	o.lexicon = *lx;
	return run_on(o, *tx, labels, recs, n);
}

static void members_done(vp_suggest *s, vp_lexicon *lx, vp_text *tx, const char *dir)
{
	vp_suggest_free(s);
	vp_lexicon_free(lx);
	vp_text_close(tx);
	char cmd[700];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

static const r member_recs[] = {
	{"s1", "the surgeon was brilliant", NULL}, {"s2", "the surgeon was brilliant", NULL},
	{"s3", "the surgeon was great", NULL}, {"s4", "our surgeon was great", NULL},
	{"d1", "the doctor was brilliant", "[{\"theme\":\"staff\",\"spans\":[[1,4]]}]"},
	{"w1", "the weather was great", NULL}, {"w2", "the weather was great", NULL},
	{"w3", "the weather was brilliant", NULL},
	{"p1", "the porter was brilliant", NULL}, {"p2", "the porter was great", NULL},
	{"n1", "the surgeon was late", NULL},
};
static const char member_labels[] =
	"s1,staff\ns2,staff\ns3,staff\ns4,staff\nd1,staff\nw1,\nw2,\nw3,\np1,staff\np2,staff\nn1,\n";

/* A word that, put in {roles}, would make "{roles} was {praise}" catch the
 * missed comments is proposed for roles.list, with the line it works
 * through; not a word already in the list ("doctor"), nor one its
 * wildcard member covers ("port*": porter), nor one wrong more often than
 * --min-precision ("weather", 0 of 3), and members of the other list in
 * the same line are weighed too (none here gains). */
Test(suggest, word_list_members)
{
	char dir[] = "/tmp/vp-test-members.XXXXXX";
	cr_assert_not_null(mkdtemp(dir));
	put_file(dir, "roles.list", "doctor\nnurse\nPort*\n");
	put_file(dir, "praise.list", "brilliant\ngreat\n");
	put_file(dir, "staff.txt", "# a role praised\n{roles} was {praise}\n");
	vp_text *tx;
	vp_lexicon *lx;
	vp_err e = {0};
	vp_suggest *s = run_members((vp_suggest_opts){.min_precision = -1, .min_support = 1}, dir,
	                            member_labels, member_recs,
	                            sizeof member_recs / sizeof member_recs[0], &lx, &tx);
	json_t *rep = vp_suggest_report(s);
	cr_assert_not_null(rep);
	json_t *m = json_object_get(json_array_get(json_object_get(rep, "themes"), 0), "members");
	cr_assert(json_is_array(m));
	cr_assert_eq(json_array_size(m), 1, "%s", json_dumps(m, 0));
	json_t *m0 = json_array_get(m, 0);
	cr_assert_str_eq(json_string_value(json_object_get(m0, "member")), "surgeon");
	cr_assert_str_eq(json_string_value(json_object_get(m0, "list")), "roles");
	cr_assert_eq(json_integer_value(json_object_get(m0, "support")), 4);
	cr_assert_eq(json_integer_value(json_object_get(m0, "tp")), 4);
	cr_assert_eq(json_integer_value(json_object_get(m0, "fp")), 0);
	cr_assert_gt(json_real_value(json_object_get(m0, "gain")), 0);
	char via[600];
	snprintf(via, sizeof via, "%s/staff.txt:2", dir);
	cr_assert_str_eq(json_string_value(json_object_get(m0, "via")), via);
	cr_assert_str_eq(json_string_value(json_object_get(m0, "pattern")), "{roles} was {praise}");
	cr_assert_eq(json_array_size(json_object_get(m0, "examples")), 2);
	/* the listing and --write name the list */
	char *text = NULL, *lex = NULL;
	size_t tn = 0, ln = 0;
	FILE *out = open_memstream(&text, &tn);
	cr_assert_eq(vp_suggest_write_text(s, out, &e), 0);
	fclose(out);
	cr_assert_not_null(strstr(text, "surgeon -> {roles}"), "%s", text);
	out = open_memstream(&lex, &ln);
	cr_assert_eq(vp_suggest_write_lexicon(s, out, &e), 0);
	fclose(out);
	cr_assert_not_null(strstr(lex, "# roles.list: surgeon "), "%s", lex);
	free(text);
	free(lex);
	json_decref(rep);
	members_done(s, lx, tx, dir);
}

/* A member is weighed for its line's own theme when that is coded: one that
 * would gain for "staff" but tag "staff/attitude" wrongly each time (its
 * line is staff/attitude's) is proposed for neither. */
Test(suggest, members_weighed_for_the_lines_own_theme)
{
	char dir[] = "/tmp/vp-test-members.XXXXXX", sub[600];
	cr_assert_not_null(mkdtemp(dir));
	snprintf(sub, sizeof sub, "%s/staff", dir);
	cr_assert_eq(mkdir(sub, 0700), 0);
	put_file(dir, "roles.list", "doctor\n");
	put_file(dir, "praise.list", "brilliant\n");
	put_file(dir, "staff.txt", "rude\n");
	put_file(sub, "attitude.txt", "{roles} was {praise}\n");
	static const r recs[] = {
		{"s1", "the surgeon was brilliant", NULL}, {"s2", "the surgeon was brilliant", NULL},
		{"s3", "our surgeon was brilliant", NULL},
		{"d1", "the doctor was brilliant",
		 "[{\"theme\":\"staff\",\"spans\":[[1,4]]},{\"theme\":\"staff/attitude\",\"spans\":[[1,4]]}]"},
	};
	static const char labels[] = "s1,staff\ns2,staff\ns3,staff\nd1,staff/attitude\n";
	vp_text *tx;
	vp_lexicon *lx;
	vp_suggest *s = run_members((vp_suggest_opts){.min_precision = -1, .min_support = 1}, dir,
	                            labels, recs, sizeof recs / sizeof recs[0], &lx, &tx);
	json_t *rep = vp_suggest_report(s), *th = json_object_get(rep, "themes");
	cr_assert_eq(json_array_size(th), 2);
	for (size_t t = 0; t < 2; t++) {
		json_t *m = json_object_get(json_array_get(th, t), "members");
		cr_assert_eq(json_array_size(m), 0, "%s", json_dumps(json_array_get(th, t), 0));
	}
	json_decref(rep);
	members_done(s, lx, tx, dir);
}

/* Without --lexicon there is no "members" (nothing was weighed). */
Test(suggest, no_members_without_a_lexicon)
{
	vp_suggest_opts o = {.min_precision = -1};
	json_t *rep = run(o, member_labels, member_recs, sizeof member_recs / sizeof member_recs[0]);
	cr_assert_null(json_object_get(json_array_get(json_object_get(rep, "themes"), 0), "members"));
	json_decref(rep);
}
