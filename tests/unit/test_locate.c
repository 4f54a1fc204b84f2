#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "voxpop/locate.h"
#include "voxpop/redact.h"
#include "memout.h"

static vp_gazetteer *real_gaz(void)
{
	vp_err e;
	vp_err_clear(&e);
	vp_gazetteer *g = vp_gazetteer_new();
	cr_assert_not_null(g);
	cr_assert_eq(vp_gazetteer_load(g, "lexicons/localities", &e), 0, "%s", e.msg);
	cr_assert_eq(vp_gazetteer_finish(g, &e), 0, "%s", e.msg);
	return g;
}

static json_t *parse(const char *s)
{
	json_error_t je;
	json_t *j = json_loads(s, 0, &je);
	cr_assert_not_null(j, "%s", je.text);
	return j;
}

static char *locate(const vp_gazetteer *g, const vp_locate_opts *o, const char *in)
{
	json_t *rec = parse(in);
	vp_err e;
	vp_err_clear(&e);
	cr_assert_eq(vp_locate_record(g, o, rec, NULL, &e), 0, "%s", e.msg);
	char *out = json_dumps(rec, JSON_COMPACT);
	json_decref(rec);
	return out;
}

#define EXPECT_IN(out, s) cr_expect(strstr(out, s) != NULL, "%s lacks %s", out, s)
#define EXPECT_NOT_IN(out, s) cr_expect(strstr(out, s) == NULL, "%s has %s", out, s)

/* A comment and the locality --from-text gives it. */
struct text_place {
	const char *text, *locality;
};

/* Locate each text of t[0..n) with the real gazetteer and the shipped list
 * of given names, and expect its locality. */
static void expect_text_places(const struct text_place *t, size_t n)
{
	vp_gazetteer *g = real_gaz();
	vp_given_names *names = NULL;
	vp_err e;
	vp_err_clear(&e);
	cr_assert_eq(vp_given_names_load("lexicons/names/given.txt", &names, &e), 0, "%s", e.msg);
	vp_gazetteer_given_names(g, names);
	vp_locate_opts o = {NULL, NULL, "text", 0};
	for (size_t i = 0; i < n; i++) {
		char in[256], want[128];
		snprintf(in, sizeof in, "{\"text\":\"%s\"}", t[i].text);
		snprintf(want, sizeof want, "\"locality\":\"%s\"", t[i].locality);
		char *out = locate(g, &o, in);
		EXPECT_IN(out, want);
		free(out);
	}
	vp_gazetteer_free(g);
	vp_given_names_free(names);
}

Test(locate, full_postcode_never_written)
{
	vp_gazetteer *g = real_gaz();
	vp_locate_opts o = {NULL, "Postcode", NULL, 0};
	char *out = locate(g, &o, "{\"id\":\"1\",\"locality\":\"Melton le13 0ab\","
	                   "\"fields\":{\"Postcode\":\"LE130AB\"}}");
	EXPECT_IN(out, "\"locality\":\"East Leicestershire and Rutland\"");
	EXPECT_IN(out, "\"locality_raw\":\"Melton LE13\"");
	EXPECT_IN(out, "\"Postcode\":\"LE13\"");
	EXPECT_IN(out, "\"locality_source\":\"postcode+locality\"");
	EXPECT_NOT_IN(out, "0ab");
	EXPECT_NOT_IN(out, "0AB");
	free(out);
	vp_gazetteer_free(g);
}

Test(locate, fields_kept_in_order_and_new_ones_added)
{
	vp_gazetteer *g = real_gaz();
	vp_locate_opts o = {NULL, NULL, NULL, 0};
	char *out = locate(g, &o, "{\"id\":\"1\",\"locality\":\"Oakham, Rutland\",\"text\":\"t\"}");
	cr_expect_str_eq(out, "{\"id\":\"1\",\"locality\":\"East Leicestershire and Rutland\","
	                 "\"text\":\"t\",\"locality_raw\":\"Oakham, Rutland\",\"place\":\"Rutland\","
	                 "\"system\":\"Leicester, Leicestershire and Rutland\","
	                 "\"locality_source\":\"locality\",\"locality_ambiguous\":false}");
	free(out);
	vp_gazetteer_free(g);
}

Test(locate, unknown_and_missing_are_unassigned)
{
	vp_gazetteer *g = real_gaz();
	vp_locate_opts o = {NULL, NULL, NULL, 0};
	char *out = locate(g, &o, "{\"id\":\"1\",\"locality\":\"Nottingham\"}");
	EXPECT_IN(out, "\"locality\":\"Unassigned\"");
	EXPECT_IN(out, "\"place\":\"Unassigned\"");
	EXPECT_IN(out, "\"system\":\"Unassigned\"");
	EXPECT_IN(out, "\"locality_source\":\"none\"");
	EXPECT_IN(out, "\"locality_raw\":\"Nottingham\"");
	free(out);
	out = locate(g, &o, "{\"id\":\"2\"}");
	EXPECT_IN(out, "\"locality\":\"Unassigned\"");
	EXPECT_NOT_IN(out, "locality_raw");
	free(out);
	vp_gazetteer_free(g);
}

Test(locate, ambiguous_district_counts_at_place_level)
{
	vp_gazetteer *g = real_gaz();
	vp_locate_opts o = {NULL, NULL, NULL, 0};
	char *out = locate(g, &o, "{\"locality\":\"LE7 9AB\"}");
	EXPECT_IN(out, "\"locality\":\"Unassigned\"");
	EXPECT_IN(out, "\"place\":\"Leicestershire\"");
	EXPECT_IN(out, "\"locality_ambiguous\":true");
	EXPECT_IN(out, "\"locality_raw\":\"LE7\"");
	free(out);
	vp_gazetteer_free(g);
}

Test(locate, field_option_reads_ingest_fields_and_text_only_as_fallback)
{
	vp_gazetteer *g = real_gaz();
	vp_locate_opts o = {"Where do you live?", NULL, "text", 0};
	char *out = locate(g, &o, "{\"locality\":\"\",\"text\":\"Parking at Loughborough\","
	                   "\"fields\":{\"Where do you live?\":\"Harrow\"}}");
	EXPECT_IN(out, "\"locality\":\"Harrow\"");
	EXPECT_IN(out, "\"locality_source\":\"locality\"");
	free(out);
	out = locate(g, &o, "{\"text\":\"Parking at Loughborough was awful\","
	             "\"fields\":{\"Where do you live?\":\"\"}}");
	EXPECT_IN(out, "\"locality\":\"West Leicestershire\"");
	EXPECT_IN(out, "\"locality_source\":\"text\"");
	free(out);
	vp_gazetteer_free(g);
}

Test(locate, running_twice_keeps_the_raw_value)
{
	vp_gazetteer *g = real_gaz();
	vp_locate_opts o = {NULL, NULL, NULL, 0};
	char *once = locate(g, &o, "{\"locality\":\"LE2 1AB\"}");
	char *twice = locate(g, &o, once);
	cr_expect_str_eq(once, twice);
	free(once);
	free(twice);
	vp_gazetteer_free(g);
}

Test(locate, non_string_field_is_bad_data)
{
	vp_gazetteer *g = real_gaz();
	vp_locate_opts o = {NULL, NULL, NULL, 0};
	json_t *rec = parse("{\"locality\":5}");
	vp_err e;
	vp_err_clear(&e);
	cr_expect_eq(vp_locate_record(g, &o, rec, NULL, &e), EX_DATAERR);
	cr_expect_str_eq(e.msg, "field 'locality' is not a string");
	json_decref(rec);
	vp_gazetteer_free(g);
}

Test(locate, report_table_is_bounded)
{
	vp_gazetteer *g = real_gaz();
	vp_locate_opts o = {NULL, NULL, NULL, 0};
	vp_locate_report rep;
	vp_locate_report_init(&rep, 3);
	const char *v[] = {"Sheffield", "sheffield", "Barnsley", "Halifax", "Rochdale", "Rochdale", "Salford",
	                   "Oakham", "", "LE2", "Nottingham", "Hinkley", "Prefer not to say", "-"};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		char in[100];
		snprintf(in, sizeof in, "{\"locality\":\"%s\"}", v[i]);
		json_t *rec = parse(in);
		vp_err e;
		cr_assert_eq(vp_locate_record(g, &o, rec, &rep, &e), 0);
		json_decref(rec);
	}
	cr_expect_eq(rep.records, 14);
	cr_expect_eq(rep.located, 2);
	cr_expect_eq(rep.corrected, 1);
	cr_expect_eq(rep.ambiguous, 1);
	cr_expect_eq(rep.unresolved, 7);
	cr_expect_eq(rep.outside, 1);
	cr_expect_eq(rep.no_value, 3); /* "", a no-answer, punctuation only */
	cr_expect_eq(rep.used, 3);
	cr_expect_eq(rep.other, 3); /* Rochdale, Rochdale, Salford arrived after the table was full */
	vp_buf b = VP_BUF_INIT;
	cr_assert_eq(vp_locate_report_format(&rep, 2, &b), 0);
	EXPECT_IN(b.data, "14 records: 2 located, 1 partly located (ambiguous), 7 unresolved, "
	          "1 outside (known places in no system), 3 with no value; 1 located after "
	          "correcting a spelling\n");
	EXPECT_IN(b.data, "      2\tSheffield\n");
	EXPECT_IN(b.data, "      4\t(other values)\n");
	vp_buf_free(&b);
	vp_locate_report_free(&rep);
	vp_gazetteer_free(g);
}

/* vp-run's workers each keep a report; added up they must read as the one
 * report vp-locate --report prints over the same records (vp-run
 * --locate-report), wherever the records were split between them. */
Test(locate, reports_added_are_one_report)
{
	vp_gazetteer *g = real_gaz();
	vp_locate_opts o = {NULL, NULL, NULL, 0};
	const char *v[] = {"Sheffield", "sheffield", "Barnsley", "Halifax", "Rochdale", "Rochdale", "Salford",
	                   "Oakham", "", "LE2", "Nottingham", "Hinkley", "Prefer not to say", "-",
	                   "Barnsley", "Halifax", "Halifax"};
	size_t n = sizeof v / sizeof *v;
	for (size_t k = 0; k <= n; k++) { /* v[0..k) to one report, v[k..n) to the other */
		vp_locate_report one, part[2], sum;
		vp_locate_report_init(&one, 0);
		vp_locate_report_init(&part[0], 0);
		vp_locate_report_init(&part[1], 0);
		vp_locate_report_init(&sum, 0);
		for (size_t i = 0; i < n; i++) {
			char in[100];
			snprintf(in, sizeof in, "{\"locality\":\"%s\"}", v[i]);
			for (int twice = 0; twice < 2; twice++) {
				json_t *rec = parse(in);
				vp_err e;
				cr_assert_eq(vp_locate_record(g, &o, rec, twice ? &one : &part[i >= k], &e), 0);
				json_decref(rec);
			}
		}
		cr_assert_eq(vp_locate_report_add(&sum, &part[0]), 0);
		cr_assert_eq(vp_locate_report_add(&sum, &part[1]), 0);
		vp_buf a = VP_BUF_INIT, b = VP_BUF_INIT;
		cr_assert_eq(vp_locate_report_format(&one, 50, &a), 0);
		cr_assert_eq(vp_locate_report_format(&sum, 50, &b), 0);
		cr_expect_str_eq(b.data, a.data, "split at %zu", k);
		cr_expect_eq(sum.field_found, one.field_found);
		if (k == 0) {
			EXPECT_IN(a.data, "17 records: ");
			EXPECT_IN(a.data, "      3\tHalifax\n      2\tBarnsley\n      2\tRochdale\n"
			          "      2\tSheffield\n");
		}
		vp_buf_free(&a);
		vp_buf_free(&b);
		vp_locate_report_free(&one);
		vp_locate_report_free(&part[0]);
		vp_locate_report_free(&part[1]);
		vp_locate_report_free(&sum);
	}
	vp_gazetteer_free(g);
}

/* Free text that names two places that disagree: the commenter's place is
 * the one a home cue marks ("I live in X", "I'm from X", "based in X"), or
 * else the one left when the places gone to ("to X", "at X", "moved from
 * X") are set aside; with no cue to choose, the record is only partly
 * located (never a guess).  A town no longer beats "Leicester" just by
 * being a town: before, every case below with Leicester and a town went
 * to the town. */
static const struct {
	const char *text, *locality, *place;
	int ambiguous;
} two_places[] = {
	/* the QA cases */
	{"I live in Leicester and my mum lives in Oakham", "Leicester City", "Leicester", 0},
	{"travel from Leicester to Melton", "Leicester City", "Leicester", 0},
	{"I live in Leicester but the clinic moved to Loughborough", "Leicester City", "Leicester", 0},
	{"Getting to Leicester from Oakham takes an hour", "East Leicestershire and Rutland",
	 "Rutland", 0},
	{"I live in Melton and have to travel to Leicester", "East Leicestershire and Rutland",
	 "Leicestershire", 0},
	/* a home cue, either way round */
	{"My sister is in Leicester but I'm from Oakham", "East Leicestershire and Rutland", "Rutland", 0},
	{"Based in Loughborough, I drive my dad to Oakham every week", "West Leicestershire",
	 "Leicestershire", 0},
	{"Here in Hinckley we never hear about Leicester", "West Leicestershire", "Leicestershire", 0},
	{"We moved to Oakham from Leicester last year", "East Leicestershire and Rutland", "Rutland", 0},
	{"Living in Leicester, the bus to Melton is a joke", "Leicester City", "Leicester", 0},
	/* a place gone to or left, set aside */
	{"Appointments at Loughborough are hard to get for people in Melton",
	 "East Leicestershire and Rutland", "Leicestershire", 0},
	{"I used to live in Leicester, now Loughborough", "West Leicestershire", "Leicestershire", 0},
	{"I'm originally from Leicester but live in Oakham now", "East Leicestershire and Rutland",
	 "Rutland", 0},
	{"Oakham people have to get to Leicester for scans", "East Leicestershire and Rutland",
	 "Rutland", 0},
	/* nothing says which is home: partly located, never the town */
	{"Leicester is fine but the Oakham surgery is awful", "Unassigned", "Unassigned", 1},
	{"Services in Leicester and Loughborough are stretched", "Unassigned", "Unassigned", 1},
	{"My mum lives in Oakham and my dad lives in Leicester", "Unassigned", "Unassigned", 1},
	{"I live in Leicester and I live in Oakham at weekends", "Unassigned", "Unassigned", 1},
	/* one place, or names that agree: as before (but not a place only
	 * travelled to: text_naming_only_places_travelled_to_locates_nothing) */
	{"I live in Syston, Leicester", "West Leicestershire", "Leicestershire", 0},
	{"Oakham in Rutland is lovely", "East Leicestershire and Rutland", "Rutland", 0},
	{"Moved from Nottingham to Oakham", "East Leicestershire and Rutland", "Rutland", 0},
};

Test(locate, text_naming_two_places_takes_the_home_one)
{
	vp_gazetteer *g = real_gaz();
	vp_locate_opts o = {NULL, NULL, "text", 0};
	vp_locate_report rep;
	vp_locate_report_init(&rep, 0);
	for (size_t i = 0; i < sizeof two_places / sizeof *two_places; i++) {
		char in[300];
		snprintf(in, sizeof in, "{\"text\":\"%s\"}", two_places[i].text);
		json_t *rec = parse(in);
		vp_err e;
		vp_err_clear(&e);
		cr_assert_eq(vp_locate_record(g, &o, rec, &rep, &e), 0, "%s", e.msg);
		const char *loc = json_string_value(json_object_get(rec, "locality"));
		const char *place = json_string_value(json_object_get(rec, "place"));
		const char *sys = json_string_value(json_object_get(rec, "system"));
		int amb = json_is_true(json_object_get(rec, "locality_ambiguous"));
		cr_expect_str_eq(loc, two_places[i].locality, "'%s': locality %s", two_places[i].text, loc);
		cr_expect_str_eq(place, two_places[i].place, "'%s': place %s", two_places[i].text, place);
		cr_expect_str_eq(sys, "Leicester, Leicestershire and Rutland", "'%s'", two_places[i].text);
		cr_expect_eq(amb, two_places[i].ambiguous, "'%s': ambiguous %d", two_places[i].text, amb);
		json_decref(rec);
	}
	/* --report says how the text was read when its places disagreed */
	vp_buf b = VP_BUF_INIT;
	cr_assert_eq(vp_locate_report_format(&rep, 5, &b), 0);
	EXPECT_IN(b.data, "21 records: 17 located, 4 partly located (ambiguous)");
	EXPECT_IN(b.data, "\ntext naming places that disagree: 8 located by a home cue "
	          "(\"I live in X\", \"I'm from X\"), 6 by setting aside places gone to or left "
	          "(\"to X\", \"at X\", \"used to live in X\"), 4 left partly located (no cue "
	          "says which is home)\n");
	vp_buf_free(&b);
	vp_locate_report_free(&rep);
	vp_gazetteer_free(g);
}

/* A comment naming a place only as one the commenter travels to ("I have
 * to travel 25 miles to Leicester for my scans", from Rutland) was filed
 * under Leicester City.  Now nothing is located -- the commenter lives
 * elsewhere, perhaps in another system -- and --report says how many such
 * records there were and where they were counted. */
Test(locate, text_naming_only_places_travelled_to_locates_nothing)
{
	vp_gazetteer *g = real_gaz();
	vp_locate_opts o = {NULL, NULL, "text", 0};
	vp_locate_report rep;
	vp_locate_report_init(&rep, 0);
	static const struct {
		const char *in, *locality, *source;
	} recs[] = {
		{"{\"text\":\"I have to travel 25 miles to Leicester for my scans\"}", "Unassigned",
		 "none"},
		{"{\"text\":\"I have to travel to Leicester for everything\"}", "Unassigned", "none"},
		{"{\"text\":\"Driving to Hounslow for bloods is a nightmare\"}", "Unassigned", "none"},
		{"{\"locality\":\"Sheffield\",\"text\":\"We drive to Oakham every week\"}",
		 "Unassigned", "none"},
		{"{\"text\":\"I moved to Oakham last year\"}", "East Leicestershire and Rutland",
		 "text"},
		{"{\"text\":\"I live in Melton and have to travel to Leicester\"}",
		 "East Leicestershire and Rutland", "text"},
	};
	for (size_t i = 0; i < sizeof recs / sizeof *recs; i++) {
		json_t *rec = parse(recs[i].in);
		vp_err e;
		vp_err_clear(&e);
		cr_assert_eq(vp_locate_record(g, &o, rec, &rep, &e), 0, "%s", e.msg);
		char *out = json_dumps(rec, JSON_COMPACT);
		char want[200];
		snprintf(want, sizeof want, "\"locality\":\"%s\"", recs[i].locality);
		EXPECT_IN(out, want);
		snprintf(want, sizeof want, "\"locality_source\":\"%s\"", recs[i].source);
		EXPECT_IN(out, want);
		if (!strcmp(recs[i].locality, "Unassigned")) {
			EXPECT_IN(out, "\"place\":\"Unassigned\",\"system\":\"Unassigned\"");
			EXPECT_IN(out, "\"locality_ambiguous\":false");
		}
		free(out);
		json_decref(rec);
	}
	vp_buf b = VP_BUF_INIT;
	cr_assert_eq(vp_locate_report_format(&rep, 5, &b), 0);
	EXPECT_IN(b.data, "6 records: 2 located, 0 partly located (ambiguous), 1 unresolved, "
	          "0 outside (known places in no system), 3 with no value;");
	EXPECT_IN(b.data, "\ntext naming only places travelled to (\"travel to X\", \"drive to X\", "
	          "\"miles to X\"): 4 not located, counted above as unresolved or with no value "
	          "(the commenter lives elsewhere, perhaps in another system)\n");
	EXPECT_IN(b.data, "\ntext naming places that disagree: 1 located by a home cue");
	EXPECT_IN(b.data, "      1\tSheffield\n");
	vp_buf_free(&b);
	vp_locate_report_free(&rep);
	vp_gazetteer_free(g);
}

/* The measured figure: labelled messy values through the same code as
 * vp-locate.  At least 95% right, and never a wrong locality or place. */
Test(locate, messy_values_resolution)
{
	vp_gazetteer *g = real_gaz();
	vp_locate_opts o = {NULL, NULL, NULL, 0};
	FILE *fp = fopen("tests/data/locate/messy.tsv", "r");
	cr_assert_not_null(fp);
	char line[512];
	int total = 0, right = 0, wrong = 0;
	while (fgets(line, sizeof line, fp)) {
		if (line[0] == '#')
			continue;
		line[strcspn(line, "\n")] = '\0';
		char *tab = strchr(line, '\t');
		cr_assert_not_null(tab, "no tab in '%s'", line);
		*tab = '\0';
		const char *value = line, *want = tab + 1;
		json_t *rec = json_object();
		json_object_set_new(rec, "locality", json_string(value));
		vp_err e;
		cr_assert_eq(vp_locate_record(g, &o, rec, NULL, &e), 0);
		const char *loc = json_string_value(json_object_get(rec, "locality"));
		const char *place = json_string_value(json_object_get(rec, "place"));
		const char *sys = json_string_value(json_object_get(rec, "system"));
		int amb = json_is_true(json_object_get(rec, "locality_ambiguous"));
		int ok, bad;
		if (strcmp(want, "UNKNOWN") == 0) {
			ok = !strcmp(loc, VP_UNASSIGNED) && !strcmp(sys, VP_UNASSIGNED);
			bad = !ok;
		} else if (strncmp(want, "AMBIGUOUS:", 10) == 0) {
			const char *at = want + 10;
			ok = amb && !strcmp(loc, VP_UNASSIGNED) &&
			     (!strcmp(place, at) || (!strcmp(place, VP_UNASSIGNED) && !strcmp(sys, at)));
			bad = strcmp(loc, VP_UNASSIGNED) != 0;
		} else {
			ok = !strcmp(loc, want);
			bad = strcmp(loc, VP_UNASSIGNED) && !ok;
		}
		total++;
		right += ok;
		wrong += bad;
		if (!ok)
			fprintf(stderr, "messy: '%s' -> %s / %s / %s%s (want %s)%s\n", value, sys, place,
			        loc, amb ? " ambiguous" : "", want, bad ? " WRONG" : "");
		json_decref(rec);
	}
	fclose(fp);
	fprintf(stderr, "messy: %d of %d values resolved as labelled (%.1f%%), %d wrong\n",
	        right, total, 100.0 * right / total, wrong);
	cr_expect_geq(total, 100);
	cr_expect_geq(right * 100, total * 95, "only %d of %d right", right, total);
	cr_expect_eq(wrong, 0);
	vp_gazetteer_free(g);
}

/* ---- the line path (vp_locate_line) against the tree path ---------------- */

#include "voxpop/postcode.h"

struct both {
	int fast_rc;     /* vp_locate_line's return */
	char *fast;      /* what it wrote (without the newline) */
	int tree_rc;     /* vp_locate_record's return */
	char *tree;      /* rec after it, compact, or NULL */
};

/* Run one line through both paths, each with its own report. */
static struct both run_both(const vp_gazetteer *g, const vp_locate_opts *o, const char *line,
                            vp_locate_report *rep_fast, vp_locate_report *rep_tree,
                            vp_locate_work *w)
{
	struct both b = {0};
	struct memout m;
	FILE *out = memout_open(&m);
	vp_err e;
	vp_err_clear(&e);
	b.fast_rc = vp_locate_line(g, o, line, strlen(line), out, 0, rep_fast, w, &e);
	char *buf = memout_close(&m);
	size_t len = m.len;
	if (b.fast_rc == 0) {
		cr_assert(len > 0 && buf[len - 1] == '\n', "no newline after %s", buf);
		buf[len - 1] = '\0';
		b.fast = buf;
	} else {
		cr_assert_eq(len, 0, "wrote %s but returned %d", buf, b.fast_rc);
		free(buf);
	}
	json_error_t je;
	json_t *rec = json_loadb(line, strlen(line), JSON_ALLOW_NUL, &je);
	if (json_is_object(rec)) {
		vp_err_clear(&e);
		b.tree_rc = vp_locate_record(g, o, rec, rep_tree, &e);
		if (b.tree_rc == 0)
			b.tree = json_dumps(rec, JSON_COMPACT);
	} else {
		b.tree_rc = -1;
	}
	json_decref(rec);
	return b;
}

/* line, --field, --postcode-field, --from-text; fast: 1 if the line path
 * must take it, 2 if so and a full postcode stays in a field not read */
static const struct {
	const char *line, *field, *pc;
	int text, fast;
} tricky[] = {
	/* full postcodes cut to districts, in the record and in its fields */
	{"{\"id\":\"1\",\"locality\":\"Melton le13 0ab\",\"fields\":{\"Postcode\":\"LE130AB\"}}",
	 NULL, "Postcode", 0, 1},
	{"{\"Postcode\":\"W6 9AB\",\"locality\":\"nowhere\"}", NULL, "Postcode", 0, 1},
	{"{ \"locality\" : \"LE13 0AB\" , \"fields\" : { \"Postcode\" : \"LE2 1AB\" } } ",
	 NULL, "Postcode", 0, 1},
	/* the locality field found in "fields", under its own name */
	{"{\"text\":\"x\",\"fields\":{\"Where do you live?\":\"LE2 1AB\",\"b\":1}}",
	 "Where do you live?", NULL, 0, 1},
	{"{\"fields\":{\"locality\":\"Harrow HA1 2AB\"}}", NULL, NULL, 0, 1},
	{"{\"fields\":{\"locality\":\"Harrow\"},\"locality\":null}", NULL, NULL, 0, 1},
	/* a null at the top hides the one in "fields" */
	{"{\"Postcode\":null,\"fields\":{\"Postcode\":\"LE1 1AA\"}}", NULL, "Postcode", 0, 2},
	/* the postcode field is the locality field */
	{"{\"locality\":\"le11 3ab\"}", NULL, "locality", 0, 1},
	{"{\"fields\":{\"P\":\"LE11 3AB\"}}", "P", "P", 0, 1},
	/* run twice: locality_raw is read, and kept */
	{"{\"locality\":\"Unassigned\",\"locality_raw\":\"LE7\",\"place\":\"x\",\"system\":\"y\","
	 "\"locality_source\":\"z\",\"locality_ambiguous\":true}", NULL, NULL, 0, 1},
	{"{\"locality_raw\":\"LE7 9AB\",\"locality\":\"Oakham\"}", NULL, NULL, 0, 1},
	{"{\"locality_raw\":5,\"locality\":\"Oakham\"}", NULL, NULL, 0, 1},
	{"{\"locality_raw\":null,\"locality\":\"Oakham\"}", NULL, NULL, 0, 1},
	/* escapes in and out */
	{"{\"locality\":\"Oakham,\\u0020Rutland \\\"x\\\"\\\\\",\"text\":\"a\\nb\"}", NULL, NULL, 1, 1},
	{"{\"locality\":\"Melton\\tLE13 0AB\\u0000\"}", NULL, NULL, 0, 0}, /* a NUL: refused, 65 */
	{"{\"locality\":\"\\\"quoted\\\" \\/ LE13 0AB\"}", NULL, NULL, 0, 1},
	/* empty objects and members already there */
	{"{}", NULL, NULL, 0, 1},
	{" { \t} ", NULL, NULL, 1, 1},
	{"{}", "Where", "Postcode", 1, 1},
	{"{\"place\":\"old\",\"system\":1,\"locality_ambiguous\":null,\"locality_source\":[\"x\"],"
	 "\"locality\":\"LE7\",\"z\":{}}", NULL, NULL, 0, 1},
	{"{\"locality\":\"\",\"place\":{\"a\":[1,2,{\"b\":null}]}}", NULL, NULL, 0, 1},
	/* unicode, raw and escaped */
	{"{\"locality\":\"Harrow \xe2\x80\x93 Wealdstone \xc3\xbc\",\"text\":\"\xe6\x97\xa5\"}",
	 NULL, NULL, 1, 1},
	{"{\"locality\":\"Hounslow \\u00e9\\ud83d\\ude00\",\"id\":\"\\u2028\"}", NULL, NULL, 0, 1},
	/* the text, from the record or from its fields */
	{"{\"text\":\"Parking at Loughborough was awful\",\"fields\":{\"Where\":\"\"}}", "Where",
	 NULL, 1, 1},
	{"{\"fields\":{\"text\":\"Went to the clinic in Hounslow\"}}", NULL, NULL, 1, 1},
	{"{\"text\":\"I live in Leicester and my mum lives in Oakham\"}", NULL, NULL, 1, 1},
	{"{\"text\":\"Leicester is fine but the Oakham surgery is awful\"}", NULL, NULL, 1, 1},
	{"{\"text\":\"I have to travel 25 miles to Leicester for my scans\"}", NULL, NULL, 1, 1},
	{"{\"text\":null,\"fields\":{\"text\":\"Hounslow\"}}", NULL, NULL, 1, 1},
	/* "fields" that is not an object, or is the field */
	{"{\"fields\":\"LE1 1AA\"}", NULL, NULL, 0, 2},
	{"{\"fields\":\"LE1 1AA\"}", "fields", NULL, 0, 1},
	/* other values of every kind pass through */
	{"{\"a\":[1,{\"b\":-2.5}],\"t\":true,\"f\":false,\"n\":null,\"locality\":\"Oakham\"}",
	 NULL, NULL, 0, 1},
	/* for jansson: repeated members, escaped keys, non-strings, bad JSON */
	{"{\"locality\":\"LE13 0AB\",\"locality\":\"Oakham\"}", NULL, NULL, 0, 0},
	{"{\"place\":\"LE13 0AB\",\"place\":\"x\",\"locality\":\"Oakham\"}", NULL, NULL, 0, 0},
	{"{\"fields\":{\"P\":\"LE1 1AA\",\"P\":\"LE1\"}}", "P", NULL, 0, 0},
	{"{\"fields\":{\"P\":\"LE1 1AA\"},\"fields\":{\"P\":\"LE1\"}}", "P", NULL, 0, 0},
	{"{\"loc\\u0061lity\":\"LE1 1AA\"}", NULL, NULL, 0, 0},
	{"{\"fields\":{\"\\u0050\":\"LE1 1AA\"}}", "P", NULL, 0, 0},
	{"{\"locality\":5}", NULL, NULL, 0, 0},
	{"{\"fields\":{\"P\":[\"LE1 1AA\"]}}", "P", NULL, 0, 0},
	{"{\"text\":1}", NULL, NULL, 1, 0},
	{"{\"a\":1e5,\"locality\":\"Oakham\"}", NULL, NULL, 0, 1}, /* any number: bytes */
	/* bad JSON to jansson: a NUL in a nested key (found by fuzz_locate) */
	{"{\"fields\":{\"a\\u0000\":1},\"locality\":\"Oakham LE15 6AB\"}", NULL, NULL, 0, 0},
	{"{\"locality\":\"Oakham\"", NULL, NULL, 0, 0},
	{"[1]", NULL, NULL, 0, 0},
	{"{\"a\":\"b\"}", "we\"ird", NULL, 0, 0},
};

Test(locate_line, same_records_as_the_tree_path)
{
	vp_gazetteer *g = real_gaz();
	vp_locate_report rf, rt;
	vp_locate_report_init(&rf, 0);
	vp_locate_report_init(&rt, 0);
	vp_locate_work w = {0};
	for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++) {
		vp_locate_opts o = {tricky[i].field, tricky[i].pc, tricky[i].text ? "text" : NULL, 0};
		const char *line = tricky[i].line;
		struct both b = run_both(g, &o, line, &rf, &rt, &w);
		if (tricky[i].fast)
			cr_expect_eq(b.fast_rc, 0, "line path refused %s (%d)", line, b.fast_rc);
		else
			cr_expect_eq(b.fast_rc, VP_LOCATE_UNSURE, "line path took %s", line);
		if (b.fast_rc == 0) {
			/* the same record: members, values and order */
			cr_assert_eq(b.tree_rc, 0, "tree path failed on %s", line);
			json_error_t je;
			json_t *x = json_loads(b.fast, JSON_ALLOW_NUL, &je);
			cr_assert_not_null(x, "line path wrote bad JSON %s: %s", b.fast, je.text);
			json_t *y = json_loads(b.tree, JSON_ALLOW_NUL, &je);
			cr_expect(json_equal(x, y), "%s\n line: %s\n tree: %s", line, b.fast, b.tree);
			char *xs = json_dumps(x, JSON_COMPACT);
			cr_expect_str_eq(xs, b.tree, "key order differs for %s", line);
			free(xs);
			json_decref(x);
			json_decref(y);
			size_t s, en;
			cr_expect(tricky[i].fast == 2 ||
			          vp_postcode_find(b.fast, strlen(b.fast), &s, &en) == 0,
			          "full postcode left in %s", b.fast);
		}
		if (b.tree && tricky[i].fast != 2) {
			size_t s, en;
			cr_expect_eq(vp_postcode_find(b.tree, strlen(b.tree), &s, &en), 0,
			             "full postcode left in %s", b.tree);
		}
		free(b.fast);
		free(b.tree);
		/* the line path counts only what it took: catch up */
		/* (only what the tree path took: a locality holding a NUL is
		 * refused there, 65, so neither report counts it) */
		if (b.fast_rc == VP_LOCATE_UNSURE && b.tree_rc == 0) {
			json_t *rec = json_loads(line, JSON_ALLOW_NUL, NULL);
			vp_err e;
			vp_locate_record(g, &o, rec, &rf, &e);
			json_decref(rec);
		}
	}
	cr_expect_eq(rf.records, rt.records);
	cr_expect_eq(rf.located, rt.located);
	cr_expect_eq(rf.ambiguous, rt.ambiguous);
	cr_expect_eq(rf.unresolved, rt.unresolved);
	cr_expect_eq(rf.outside, rt.outside);
	cr_expect_eq(rf.no_value, rt.no_value);
	cr_expect_eq(rf.corrected, rt.corrected);
	vp_buf a = VP_BUF_INIT, b = VP_BUF_INIT;
	cr_assert_eq(vp_locate_report_format(&rf, 50, &a), 0);
	cr_assert_eq(vp_locate_report_format(&rt, 50, &b), 0);
	cr_expect_str_eq(a.data, b.data);
	cr_expect_geq(rt.records, 30);
	vp_buf_free(&a);
	vp_buf_free(&b);
	vp_locate_work_free(&w);
	vp_locate_report_free(&rf);
	vp_locate_report_free(&rt);
	vp_gazetteer_free(g);
}

/* Its own output read again (a second run) gives the same line. */
Test(locate_line, second_run_is_unchanged)
{
	vp_gazetteer *g = real_gaz();
	vp_locate_work w = {0};
	vp_locate_opts o = {NULL, "Postcode", "text", 0};
	const char *in = "{\"locality\":\"Melton LE13 0AB\",\"fields\":{\"Postcode\":\"LE13 0AB\"}}";
	struct memout m;
	vp_err e;
	cr_assert_eq(vp_locate_line(g, &o, in, strlen(in), memout_open(&m), 0, NULL, &w, &e), 0);
	char *once = memout_close(&m);
	size_t n1 = m.len;
	cr_assert_eq(vp_locate_line(g, &o, once, n1 - 1, memout_open(&m), 0, NULL, &w, &e), 0);
	char *twice = memout_close(&m);
	cr_expect_str_eq(once, twice);
	cr_expect_str_eq(once, "{\"locality\":\"East Leicestershire and Rutland\","
	                 "\"fields\":{\"Postcode\":\"LE13\"},\"locality_raw\":\"Melton LE13\","
	                 "\"place\":\"Leicestershire\",\"system\":\"Leicester, Leicestershire and "
	                 "Rutland\",\"locality_source\":\"postcode+locality\","
	                 "\"locality_ambiguous\":false}\n");
	free(once);
	free(twice);
	vp_locate_work_free(&w);
	vp_gazetteer_free(g);
}

/* Every labelled messy value (and a postcode field made from it) gives the
 * same record through both paths. */
Test(locate_line, messy_values_same_both_ways)
{
	vp_gazetteer *g = real_gaz();
	vp_locate_work w = {0};
	vp_locate_opts o = {NULL, "Postcode", NULL, 0};
	FILE *fp = fopen("tests/data/locate/messy.tsv", "r");
	cr_assert_not_null(fp);
	char line[512];
	int n = 0;
	while (fgets(line, sizeof line, fp)) {
		if (line[0] == '#')
			continue;
		line[strcspn(line, "\t\n")] = '\0';
		json_t *rec = json_pack("{s:s,s:{s:s}}", "locality", line, "fields", "Postcode", line);
		cr_assert_not_null(rec);
		char *in = json_dumps(rec, JSON_COMPACT);
		json_decref(rec);
		struct both b = run_both(g, &o, in, NULL, NULL, &w);
		cr_assert_eq(b.fast_rc, 0, "line path refused %s", in);
		cr_assert_eq(b.tree_rc, 0);
		cr_expect_str_eq(b.fast, b.tree);
		free(in);
		free(b.fast);
		free(b.tree);
		n++;
	}
	fclose(fp);
	cr_expect_geq(n, 100);
	vp_locate_work_free(&w);
	vp_gazetteer_free(g);
}

/* o.unread (vp-run): the members no later step reads are left out of the
 * line -- a value read (the postcode in "fields") still edited, one
 * already there (a "place" from an earlier run) not -- and w.len is the
 * length of the line with them all, as written without o.unread. */
Test(locate_line, unread_left_out_but_measured)
{
	vp_gazetteer *g = real_gaz();
	vp_locate_work w = {0};
	vp_locate_opts all = {NULL, "Postcode", "text", 0}, some = all;
	some.unread = VP_LOCATE_W_ALL & ~(unsigned)VP_LOCATE_W_LOCALITY;
	cr_expect_eq(vp_locate_written_bit("place"), (unsigned)VP_LOCATE_W_PLACE);
	cr_expect_eq(vp_locate_written_bit("text"), 0u);
	const char *ins[] = {
		"{\"locality\":\"Melton LE13 0AB\",\"fields\":{\"Postcode\":\"LE13 0AB\"}}",
		"{\"place\":\"Somewhere long ago\",\"locality\":\"Oakham\"}",
		"{}",
	};
	const char *want[] = {
		"{\"locality\":\"East Leicestershire and Rutland\",\"fields\":{\"Postcode\":\"LE13\"}}\n",
		"{\"place\":\"Somewhere long ago\",\"locality\":\"East Leicestershire and Rutland\"}\n",
		"{\"locality\":\"Unassigned\"}\n",
	};
	for (size_t i = 0; i < sizeof ins / sizeof *ins; i++) {
		struct memout m;
		vp_err e;
		vp_err_clear(&e);
		cr_assert_eq(vp_locate_line(g, &all, ins[i], strlen(ins[i]), memout_open(&m), 0, NULL,
		                            &w, &e), 0);
		char *whole = memout_close(&m);
		size_t n = m.len;
		cr_expect_eq(w.len, n - 1, "%s: len %zu, the line %zu", ins[i], w.len, n - 1);
		w.len = 0;
		cr_assert_eq(vp_locate_line(g, &some, ins[i], strlen(ins[i]), memout_open(&m), 0, NULL,
		                            &w, &e), 0);
		char *part = memout_close(&m);
		cr_expect_str_eq(part, want[i]);
		cr_expect_eq(w.len, n - 1, "%s: measured %zu, the whole line %zu", ins[i], w.len, n - 1);
		free(whole);
		free(part);
	}
	vp_locate_work_free(&w);
	vp_gazetteer_free(g);
}

/* Probe (fixnames): the surname rule took any capitalised word before a
 * place for a given name, so "Beautiful Oakham" and "Love Oakham" were a
 * person's surname.  With vp-redact's list of given names only a word on
 * it is one ("Sarah Stapleton" stays a person). */
Test(locate, surname_only_after_a_given_name_on_the_list)
{
	static const struct text_place t[] = {
		{"Beautiful Oakham is where we live and the GP is good.",
		 "East Leicestershire and Rutland"},
		{"Love Oakham but the bus is awful.", "East Leicestershire and Rutland"},
		{"Sarah Stapleton on reception was kind.", "Unassigned"},
		{"Thanks to John Ashby for his help.", "Unassigned"},
	};
	expect_text_places(t, sizeof t / sizeof t[0]);
}

/* Probe (fixread): a place read as a surname across a sentence end ("I saw
 * Sarah. Oakham is where I live") or at the start of a sentence before
 * "the <role>" ("Oakham the GP was great"), and a later "... but live in"
 * losing to an earlier "I am from" ("I am from Wales but live in Oakham
 * now"): all were Unassigned.  Mid-sentence "I saw Oakham the physio" is
 * still a person, and "my parents are from Wales but live in Oakham" says
 * nothing of the commenter's home beyond the town named. */
Test(locate, sentence_start_and_later_live_in_are_places)
{
	static const struct text_place t[] = {
		{"Oakham the GP was great", "East Leicestershire and Rutland"},
		{"I went to the GP and I saw Sarah. Oakham is where I live",
		 "East Leicestershire and Rutland"},
		{"Thanks Sarah! Oakham surgery is good", "East Leicestershire and Rutland"},
		{"I am from Wales but live in Oakham now", "East Leicestershire and Rutland"},
		{"I'm from Oakham but now live in Leicester", "Leicester City"},
		{"I am from Oakham. I live in Leicester", "Leicester City"},
		{"I saw Oakham the physio twice", "Unassigned"},
		{"Sarah Stapleton on reception was kind.", "Unassigned"},
		{"My dad is from Oakham but lives in Leicester", "Unassigned"},
	};
	expect_text_places(t, sizeof t / sizeof t[0]);
}
