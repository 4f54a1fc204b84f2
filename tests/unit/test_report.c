#include <criterion/criterion.h>
#include <string.h>

#include "voxpop/count.h"
#include "voxpop/count_doc.h"
#include "voxpop/report.h"

#define T(name) "{\"theme\":\"" name "\",\"hits\":[\"x\"]}"
#define LOC(s, p, l) "\"system\":\"" s "\",\"place\":\"" p "\",\"locality\":\"" l "\""

static const char *records[] = {
	"{\"id\":\"1\"," LOC("LLR", "Leicester", "Leicester City") ",\"text\":\"bus late\","
	"\"themes\":[" T("transport") "," T("transport/travel") "]}",
	"{\"id\":\"2\"," LOC("LLR", "Leicester", "Leicester City") ",\"text\":\"car park full\","
	"\"themes\":[" T("transport") "," T("transport/parking") "]}",
	"{\"id\":\"3\"," LOC("LLR", "Rutland", "East Leicestershire and Rutland") ","
	"\"text\":\"<b>rude</b> & \\\"cold\\\"\",\"themes\":[" T("staff") "," T("staff/attitude") "]}",
	"{\"id\":\"4\"," LOC("LLR", "Rutland", "East Leicestershire and Rutland") ",\"text\":\"parking\","
	"\"themes\":[" T("transport") "," T("transport/parking") "," T("access") "]}",
	"{\"id\":\"5\",\"text\":\"=SUM(A1) nothing\",\"locality\":\"=cmd|x\",\"themes\":[]}",
};

/* The count document of the records recs[0..n), counted with o. */
static json_t *count_records(vp_count_opts o, const char *const *recs, size_t n)
{
	vp_count *c = vp_count_new(&o);
	cr_assert_not_null(c);
	for (size_t i = 0; i < n; i++) {
		json_t *rec = json_loads(recs[i], 0, NULL);
		cr_assert_not_null(rec, "record %zu", i);
		vp_err e;
		cr_assert_eq(vp_count_add(c, rec, &e), 0, "%s", e.msg);
		json_decref(rec);
	}
	json_t *doc = vp_count_json(c);
	vp_count_free(c);
	cr_assert_not_null(doc);
	return doc;
}

static json_t *doc_for(vp_count_opts o)
{
	return count_records(o, records, sizeof records / sizeof records[0]);
}

static char *render(const json_t *doc, vp_report_opts o)
{
	vp_buf b = VP_BUF_INIT;
	vp_err e;
	vp_err_clear(&e);
	int rc = vp_report_render(&b, doc, &o, &e);
	cr_assert_eq(rc, 0, "render: %s", e.msg);
	return vp_buf_steal(&b);
}

Test(report, csv_table_rows_by_share_parents_first)
{
	json_t *doc = doc_for((vp_count_opts){0});
	char *s = render(doc, (vp_report_opts){.format = VP_REPORT_CSV, .level = -1});
	const char *want =
		"theme,label,\"'=cmd|x records\",\"'=cmd|x share\",East Leicestershire and Rutland records,"
		"East Leicestershire and Rutland share,Leicester City records,Leicester City share,"
		"Total records,Total share\n"
		"(all records),,1,,2,,2,,5,\n"
		"transport,transport,0,0.0000,1,0.5000,2,1.0000,3,0.6000\n"
		"transport/parking,transport/parking,0,0.0000,1,0.5000,1,0.5000,2,0.4000\n"
		"transport/travel,transport/travel,0,0.0000,0,0.0000,1,0.5000,1,0.2000\n"
		"access,access,0,0.0000,1,0.5000,0,0.0000,1,0.2000\n"
		"staff,staff,0,0.0000,1,0.5000,0,0.0000,1,0.2000\n"
		"staff/attitude,staff/attitude,0,0.0000,1,0.5000,0,0.0000,1,0.2000\n"
		"(untagged),Untagged: no theme,1,1.0000,0,0.0000,0,0.0000,1,0.2000\n"
		"\nnote,Denominator: answers.";
	cr_assert(strncmp(s, want, strlen(want)) == 0, "%s", s);
	cr_assert_not_null(strstr(s, "\nnote,Suppression: off"), "the rule is stated");
	cr_assert_not_null(strstr(s, "\nnote,\"Untagged: of 5 records, 1 matched no theme"),
	                   "the untagged are accounted for: %s", s);
	free(s);
	json_decref(doc);
}

Test(report, excel_csv_has_bom_crlf_and_defused_formulas)
{
	json_t *doc = doc_for((vp_count_opts){0});
	char *s = render(doc, (vp_report_opts){.format = VP_REPORT_CSV, .excel = 1, .level = -1});
	cr_assert(strncmp(s, "\xEF\xBB\xBFtheme,label,\"'=cmd|x records\",", 28) == 0, "%s", s);
	cr_assert_not_null(strstr(s, "Total share\r\n(all records),"));
	cr_assert_null(strstr(s, ",=cmd"));
	free(s);
	json_decref(doc);
}

Test(report, markdown_theme_branch_and_top)
{
	json_t *doc = doc_for((vp_count_opts){0});
	char *s = render(doc, (vp_report_opts){.format = VP_REPORT_MARKDOWN, .level = -1,
	                                      .theme = "transport/*", .title = "Key | themes"});
	cr_assert(strncmp(s, "## Key \\| themes\n\nTable: themes by locality; denominator: answers."
	                     "\n\n| Theme | =cmd\\|x |", 87) == 0, "%s", s);
	cr_assert_not_null(strstr(s, "| transport | 0 (0.0%) | 1 (50.0%) | 2 (100.0%) | 3 (60.0%) |\n"));
	cr_assert_not_null(strstr(s, "transport/parking |"));
	cr_assert_null(strstr(s, "staff"));
	cr_assert_null(strstr(s, "| access"));
	free(s);
	s = render(doc, (vp_report_opts){.format = VP_REPORT_MARKDOWN, .level = -1, .top = 2});
	cr_assert_not_null(strstr(s, "| transport |"));
	cr_assert_not_null(strstr(s, "transport/parking |"));
	cr_assert_null(strstr(s, "transport/travel"));
	cr_assert_null(strstr(s, "staff"));
	/* the parent comes before its child */
	cr_assert(strstr(s, "| transport |") < strstr(s, "transport/parking |"));
	free(s);
	json_decref(doc);
}

Test(report, html_escapes_comment_text_and_is_self_contained)
{
	json_t *doc = doc_for((vp_count_opts){.quotes = 2});
	char *s = render(doc, (vp_report_opts){.format = VP_REPORT_HTML, .level = -1,
	                                      .title = "<script>x</script>"});
	cr_assert_null(strstr(s, "<script"));
	cr_assert_null(strstr(s, "<b>rude"));
	cr_assert_not_null(strstr(s, "&lt;b&gt;rude&lt;/b&gt; &amp; &quot;cold&quot;"));
	cr_assert_not_null(strstr(s, "<title>&lt;script&gt;x&lt;/script&gt;</title>"));
	/* no URL but the SVG namespace name (which is never fetched) */
	size_t urls = 0, ns = 0;
	for (const char *p = s; (p = strstr(p, "http:")); p++)
		urls++;
	for (const char *p = s; (p = strstr(p, "https:")); p++)
		urls++;
	for (const char *p = s; (p = strstr(p, "xmlns=\"http://www.w3.org/2000/svg\"")); p++)
		ns++;
	cr_assert_eq(urls, ns);
	cr_assert_null(strstr(s, "src="));
	cr_assert_not_null(strstr(s, "<svg"));
	cr_assert_not_null(strstr(s, "<h2>What people said</h2>"));
	/* one chart per column, all drawn on the same scale: the biggest share
	 * anywhere (Leicester City transport, 100%) gets the full bar width */
	size_t charts = 0;
	for (const char *p = s; (p = strstr(p, "<svg")); p++)
		charts++;
	cr_assert_eq(charts, 4 + 6, "a chart per column, and per theme across the groups");
	cr_assert_not_null(strstr(s, "width=\"260.0\""));
	free(s);
	json_decref(doc);
}

Test(report, levels_from_nested_counts)
{
	json_t *doc = doc_for((vp_count_opts){.nested = 1});
	char *s = render(doc, (vp_report_opts){.format = VP_REPORT_CSV, .level = VP_LEVEL_PLACE});
	cr_assert(strncmp(s, "theme,label,Leicester records,Leicester share,Rutland records,"
	                     "Rutland share,Unassigned records,Unassigned share,Total records,"
	                     "Total share\n(all records),,2,,2,,1,,5,\n", 157) == 0, "%s", s);
	free(s);
	s = render(doc, (vp_report_opts){.format = VP_REPORT_CSV, .level = VP_LEVEL_SYSTEM});
	cr_assert(strncmp(s, "theme,label,LLR records,LLR share,Unassigned records,", 52) == 0, "%s", s);
	free(s);
	json_decref(doc);

	/* not nested: only the counted level can be shown */
	doc = doc_for((vp_count_opts){0});
	vp_buf b = VP_BUF_INIT;
	vp_err e;
	vp_report_opts o = {.format = VP_REPORT_CSV, .level = VP_LEVEL_PLACE};
	cr_assert_eq(vp_report_render(&b, doc, &o, &e), EX_DATAERR);
	cr_assert(strstr(e.msg, "no nested levels"), "%s", e.msg);
	o.level = VP_LEVEL_LOCALITY;
	cr_assert_eq(vp_report_render(&b, doc, &o, &e), 0);
	vp_buf_free(&b);
	json_decref(doc);
}

/* Localities found under two places (an ambiguous one, and Unassigned)
 * are one column each, as a flat count by locality would have them. */
Test(report, level_from_tree_sums_same_names)
{
	vp_count_opts o = {.level = VP_LEVEL_PLACE, .nested = 1, .quotes = 1};
	vp_count *c = vp_count_new(&o);
	const char *recs[] = {
		"{" LOC("LLR", "Leicestershire", "") ",\"themes\":[]}",
		"{" LOC("LLR", "Rutland", "") ",\"themes\":[]}",
		"{" LOC("LLR", "Rutland", "ELR") ",\"id\":\"b\",\"text\":\"bbb\",\"themes\":[" T("t") "]}",
		"{" LOC("LLR", "", "ELR") ",\"id\":\"a\",\"text\":\"aaa\",\"themes\":[" T("t") "]}",
	};
	for (int i = 0; i < 4; i++) {
		json_t *rec = json_loads(recs[i], 0, NULL);
		vp_err e;
		cr_assert_eq(vp_count_add(c, rec, &e), 0);
		json_decref(rec);
	}
	json_t *doc = vp_count_json(c);
	char *s = render(doc, (vp_report_opts){.format = VP_REPORT_CSV,
	                                      .level = VP_LEVEL_LOCALITY});
	cr_assert(strncmp(s, "theme,label,ELR records,ELR share,Unassigned records,Unassigned share,"
	                     "Total records,Total share\n(all records),,2,,2,,4,\n"
	                     "t,t,2,1.0000,0,0.0000,2,0.5000\n", 128) == 0, "%s", s);
	free(s);
	/* and the quote for ELR is the best of both places */
	s = render(doc, (vp_report_opts){.format = VP_REPORT_HTML, .level = VP_LEVEL_LOCALITY});
	cr_assert_not_null(strstr(s, "<h4>ELR</h4>\n<blockquote>aaa<cite>a</cite>"), "%s", s);
	free(s);
	json_decref(doc);
	vp_count_free(c);
}

Test(report, rejects_what_is_not_a_count_document)
{
	json_t *doc = json_loads("{\"records\":3,\"localities\":[]}", 0, NULL);
	vp_buf b = VP_BUF_INIT;
	vp_err e;
	vp_report_opts o = {.format = VP_REPORT_HTML, .level = -1};
	cr_assert_eq(vp_report_render(&b, doc, &o, &e), EX_DATAERR);
	cr_assert(strstr(e.msg, "not a vp-count document"), "%s", e.msg);
	vp_buf_free(&b);
	json_decref(doc);
}

/* A document counting one record per locality in locs, themed theme. */
static json_t *doc_of(const char *const *locs, size_t n, const char *theme)
{
	vp_count_opts o = {0};
	vp_count *c = vp_count_new(&o);
	cr_assert_not_null(c);
	for (size_t i = 0; i < n; i++) {
		json_t *rec = json_pack("{s:s, s:s, s:s, s:[{s:s, s:[s]}]}", "id", "r", "text", "t",
		                        "locality", locs[i], "themes", "theme", theme, "hits", "x");
		cr_assert_not_null(rec);
		vp_err e;
		cr_assert_eq(vp_count_add(c, rec, &e), 0, "%s", e.msg);
		json_decref(rec);
	}
	json_t *doc = vp_count_json(c);
	vp_count_free(c);
	cr_assert_not_null(doc);
	return doc;
}

/* #18: every CSV (not only --excel) defuses a cell a spreadsheet would run
 * as a formula: one starting = + - @ TAB or CR gets a leading ' and quotes. */
Test(report, csv_defuses_formulas_without_excel_too)
{
	static const char *const locs[] = {"=1+1", "+1", "-1", "@SUM(A1)", "cmd", "=x", "ok"};
	json_t *doc = doc_of(locs, 7, "@theme");
	/* vp-count trims the space around a group name, so a name that starts
	 * with TAB or CR comes only in a document made otherwise: rename */
	json_t *lg = json_object_get(doc, "localities");
	cr_assert_eq(json_object_set(lg, "\tcmd", json_object_get(lg, "cmd")), 0);
	cr_assert_eq(json_object_set(lg, "\r=x", json_object_get(lg, "=x")), 0);
	cr_assert_eq(json_object_del(lg, "cmd"), 0);
	cr_assert_eq(json_object_del(lg, "=x"), 0);
	for (int excel = 0; excel <= 1; excel++) {
		char *s = render(doc, (vp_report_opts){.format = VP_REPORT_CSV, .excel = excel,
		                                      .level = -1});
		cr_assert_not_null(strstr(s, ",\"'=1+1 records\","), "%s", s);
		cr_assert_not_null(strstr(s, ",\"'+1 records\","), "%s", s);
		cr_assert_not_null(strstr(s, ",\"'-1 share\","), "%s", s);
		cr_assert_not_null(strstr(s, ",\"'@SUM(A1) records\","), "%s", s);
		cr_assert_not_null(strstr(s, ",\"'\tcmd records\","), "%s", s);
		cr_assert_not_null(strstr(s, ",\"'\r=x records\","), "%s", s);
		cr_assert_not_null(strstr(s, ",ok records,"), "%s", s);
		cr_assert_not_null(strstr(s, "\n\"'@theme\","), "%s", s);
		/* no cell starts with a formula character */
		for (const char *p = s; *p; p++)
			if (*p == ',' || *p == '\n')
				cr_assert(!strchr("=+-@\t", p[1]) || p[1] == '\0', "cell at %.20s", p);
		free(s);
	}
	json_decref(doc);
}

/* #18: link, image and HTML syntax in a label or theme is escaped, so a
 * renderer shows it as text: no [x](javascript:...) link, no <autolink>. */
Test(report, markdown_escapes_link_syntax)
{
	static const char *const locs[] = {"[x](javascript:alert(1))", "<https://evil.example>",
	                                   "![i](http://t.example/p.png)", "a>b"};
	json_t *doc = doc_of(locs, 4, "[t](javascript:x)");
	char *s = render(doc, (vp_report_opts){.format = VP_REPORT_MARKDOWN, .level = -1,
	                                      .title = "[click](javascript:x)"});
	cr_assert_not_null(strstr(s, "## \\[click\\]\\(javascript:x\\)\n"), "%s", s);
	cr_assert_not_null(strstr(s, "| \\[x\\]\\(javascript:alert\\(1\\)\\) |"), "%s", s);
	cr_assert_not_null(strstr(s, "| \\<https://evil.example\\> |"), "%s", s);
	cr_assert_not_null(strstr(s, "| !\\[i\\]\\(http://t.example/p.png\\) |"), "%s", s);
	cr_assert_not_null(strstr(s, "| a\\>b |"), "%s", s);
	cr_assert_not_null(strstr(s, "| \\[t\\]\\(javascript:x\\) |"), "%s", s);
	char *note = strstr(s, "\n- Denominator");  /* the explanation is ours */
	cr_assert_not_null(note);
	*note = '\0';
	for (const char *p = s; (p = strpbrk(p, "[]<>")); p++)
		cr_assert(p > s && p[-1] == '\\', "unescaped at %.30s", p);
	free(s);
	json_decref(doc);
}

/* Child rows are indented with one em space (U+2003) per level: an ASCII
 * space at the start of a table cell is trimmed by Markdown renderers. */
Test(report, markdown_children_indented_with_em_spaces)
{
	json_t *doc = doc_for((vp_count_opts){0});
	char *s = render(doc, (vp_report_opts){.format = VP_REPORT_MARKDOWN, .level = -1});
	cr_assert_not_null(strstr(s, "\n| \xE2\x80\x83transport/parking |"), "%s", s);
	cr_assert_not_null(strstr(s, "\n| transport |"), "%s", s);
	free(s);
	json_decref(doc);
}

/* A document with no groups and no themes (an empty input counted) renders
 * in every format: the header and the (all records) row (UBSan once caught
 * qsort given a NULL array of 0 columns). */
Test(report, empty_document_renders)
{
	json_t *doc = doc_of(NULL, 0, "t");
	for (int f = VP_REPORT_CSV; f <= VP_REPORT_HTML; f++) {
		char *s = render(doc, (vp_report_opts){.format = f, .level = -1, .ci = 1,
		                                      .suppress = 5});
		cr_assert(strlen(s) > 0);
		if (f == VP_REPORT_CSV)
			cr_assert(strncmp(s, "theme,label,Total records,Total share,Total ci_low,"
			                  "Total ci_high,Total vs rest\n(all records),,0,,,,\n\nnote,",
			                  106) == 0, "%s", s);
		free(s);
	}
	json_decref(doc);
}

/* --suppress: B's 3 is below 5; the Total (16) is shown, so the next
 * smallest (A's 6) goes too, else B = 16 - 6 - 7.  Every format. */
Test(report, suppression_hides_what_subtraction_would_give_away)
{
	static const char *const locs[] = {"A", "A", "A", "A", "A", "A", "B", "B", "B",
	                                   "C", "C", "C", "C", "C", "C", "C"};
	json_t *doc = doc_of(locs, 16, "t");
	char *s = render(doc, (vp_report_opts){.format = VP_REPORT_CSV, .level = -1,
	                                      .suppress = 5});
	/* A's 6 is hidden to protect B's 3, and shown as [c], not "<5": a
	 * cell must not state something false (QA: a 37 shown as <5) */
	cr_assert_not_null(strstr(s, "\nt,t,[c],[c],<5,<5,7,1.0000,16,1.0000\n"), "%s", s);
	free(s);
	s = render(doc, (vp_report_opts){.format = VP_REPORT_MARKDOWN, .level = -1, .suppress = 5});
	cr_assert_not_null(strstr(s, "| t | [c] | \\<5 | 7 (100.0%) | 16 (100.0%) |"), "%s", s);
	free(s);
	s = render(doc, (vp_report_opts){.format = VP_REPORT_HTML, .level = -1, .suppress = 5});
	cr_assert_not_null(strstr(s, "<td class=\"n sup\">[c]</td><td class=\"n sup\">&lt;5</td>"
	                             "<td class=\"n\">7 (100.0%)</td>"), "%s", s);
	cr_assert_not_null(strstr(s, "the next smallest group is suppressed too"));
	cr_assert_not_null(strstr(s, "[c]: a count of 5 or more"), "%s", s);
	free(s);
	json_decref(doc);
}

/* Labels: the lexicon's, overridden by the document's own "labels". */
Test(report, labels_lexicon_then_document)
{
	static const char *const locs[] = {"A"};
	json_t *doc = doc_of(locs, 1, "t");
	json_t *lex = json_pack("{s:{s:s, s:s}}", "t", "label", "Lexicon T", "describe", "about t");
	char *s = render(doc, (vp_report_opts){.format = VP_REPORT_HTML, .level = -1, .labels = lex});
	cr_assert_not_null(strstr(s, "<td title=\"about t\">Lexicon T</td>"), "%s", s);
	free(s);
	json_object_set_new(doc, "labels", json_pack("{s:s}", "t", "Doc T"));
	s = render(doc, (vp_report_opts){.format = VP_REPORT_CSV, .level = -1, .labels = lex});
	cr_assert_not_null(strstr(s, "\nt,Doc T,"), "%s", s);
	free(s);
	json_decref(lex);
	json_decref(doc);
}

/* --compare: the change in points, and the same document twice is no change. */
Test(report, compare_same_document_is_no_change)
{
	static const char *const locs[] = {"A", "A", "B"};
	json_t *doc = doc_of(locs, 3, "t");
	vp_buf b = VP_BUF_INIT;
	vp_err e;
	vp_err_clear(&e);
	vp_report_opts o = {.format = VP_REPORT_CSV, .level = -1};
	cr_assert_eq(vp_report_compare(&b, doc, doc, &o, &e), 0, "%s", e.msg);
	cr_assert_not_null(strstr(b.data, "\nt,t,A,2,2,1.0000,2,2,1.0000,0.0,1.0000,no\n"), "%s",
	                   b.data);
	vp_buf_free(&b);
	json_decref(doc);
}

/* Sentiment, polarity quotes and a record not tagged (another language). */
#define ST(name, label) "{\"theme\":\"" name "\",\"hits\":[\"x\"],\"sentiment\":{\"label\":\"" \
	label "\",\"score\":0}}"
static const char *sent_records[] = {
	"{\"id\":\"p1\",\"locality\":\"A\",\"text\":\"kind <b>staff</b>\","
	"\"sentiment\":{\"label\":\"positive\"},\"themes\":[" ST("staff", "positive") "]}",
	"{\"id\":\"p2\",\"locality\":\"A\",\"text\":\"lovely staff\","
	"\"sentiment\":{\"label\":\"positive\"},\"themes\":[" ST("staff", "positive") "]}",
	"{\"id\":\"p3\",\"locality\":\"B\",\"text\":\"great staff\","
	"\"sentiment\":{\"label\":\"positive\"},\"themes\":[" ST("staff", "positive") "]}",
	"{\"id\":\"n1\",\"locality\":\"B\",\"text\":\"rude & cold staff\","
	"\"sentiment\":{\"label\":\"negative\"},\"themes\":[" ST("staff", "negative") "]}",
	"{\"id\":\"m1\",\"locality\":\"B\",\"text\":\"ok staff\","
	"\"sentiment\":{\"label\":\"neutral\"},\"themes\":[" ST("staff", "neutral") "]}",
	"{\"id\":\"c1\",\"locality\":\"A\",\"text\":\"staff da iawn\",\"untaggable\":\"language\","
	"\"themes\":[]}",
	"{\"id\":\"u1\",\"locality\":\"B\",\"text\":\"nothing\","
	"\"sentiment\":{\"label\":\"neutral\"},\"themes\":[]}",
};

static json_t *sent_doc(void)
{
	return count_records((vp_count_opts){.quotes = 2, .quote_polarity = 1}, sent_records,
	                     sizeof sent_records / sizeof sent_records[0]);
}

Test(report, sentiment_columns_and_not_tagged_rows_csv)
{
	json_t *doc = sent_doc();
	char *s = render(doc, (vp_report_opts){.format = VP_REPORT_CSV, .level = -1});
	cr_assert_not_null(strstr(s, "Total share,A positive,A negative,A neutral,A mixed,"
	                             "B positive,B negative,B neutral,B mixed,Total positive,"
	                             "Total negative,Total neutral,Total mixed\n"), "%s", s);
	cr_assert_not_null(strstr(s, "\n(all records),,3,,4,,7,,,,,,,,,,,,,\n"), "%s", s);
	cr_assert_not_null(strstr(s, "\nstaff,staff,2,0.6667,3,0.7500,5,0.7143,"
	                             "2,0,0,0,1,1,1,0,3,1,1,0\n"), "%s", s);
	/* records = tagged (5) + untagged (1) + not tagged (1) */
	cr_assert_not_null(strstr(s, "\n(untagged),Untagged: no theme,0,0.0000,1,0.2500,1,0.1429,"
	                             ",,,,,,,,,,,\n"), "%s", s);
	cr_assert_not_null(strstr(s, "\n(not tagged: language),Not tagged: other language,"
	                             "1,0.3333,0,0.0000,1,0.1429,"), "%s", s);
	cr_assert_not_null(strstr(s, "Records = tagged + untagged + not tagged: of 7 records, 1 "
	                             "matched no theme"), "%s", s);
	free(s);
	/* --suppress 2: the 1s go, and the 0s; A's 2 positive too, as B's 1
	 * is the only other group and the Total (3) is shown: as [c], for it
	 * is not below 2 */
	s = render(doc, (vp_report_opts){.format = VP_REPORT_CSV, .level = -1, .suppress = 2});
	cr_assert_not_null(strstr(s, ",[c],<2,<2,<2,<2,<2,<2,<2,3,<2,<2,<2\n"), "%s", s);
	cr_assert_not_null(strstr(s, "not tagged because"), "%s", s);
	free(s);
	json_decref(doc);
}

Test(report, sentiment_html_diverging_bars_and_polarity_quotes)
{
	json_t *doc = sent_doc();
	char *s = render(doc, (vp_report_opts){.format = VP_REPORT_HTML, .level = -1});
	cr_assert_null(strstr(s, "<script"));
	cr_assert_null(strstr(s, "<b>staff"));
	cr_assert_not_null(strstr(s, "class=\"sentiment-chart\""));
	/* the Total: 3 of 5 positive, 1 negative: one scale to 60% each side,
	 * positive fills its half (180), negative a third of it (60) left of
	 * the axis at 230 + 34 + 180 */
	cr_assert_not_null(strstr(s, "<rect class=\"bar pos\" x=\"444.0\" y=\"47.0\" "
	                             "width=\"180.0\""), "%s", s);
	cr_assert_not_null(strstr(s, "<rect class=\"bar neg\" x=\"384.0\" y=\"47.0\" "
	                             "width=\"60.0\""), "%s", s);
	cr_assert_not_null(strstr(s, ">1 neutral, 0 mixed</text>"));
	cr_assert_not_null(strstr(s, "<h4>What people praised</h4>"));
	cr_assert_not_null(strstr(s, "<h4>What people want changed</h4>"));
	cr_assert_not_null(strstr(s, "kind &lt;b&gt;staff&lt;/b&gt;<cite>A, p1</cite>"), "%s", s);
	cr_assert_not_null(strstr(s, "rude &amp; cold staff<cite>B, n1</cite>"), "%s", s);
	cr_assert_not_null(strstr(s, "<td>Not tagged: other language</td><td class=\"n\">1 (33.3%)"
	                             "</td>"), "%s", s);
	free(s);
	s = render(doc, (vp_report_opts){.format = VP_REPORT_MARKDOWN, .level = -1});
	cr_assert_not_null(strstr(s, "| staff | 1 | 3 | 1 | 0 |\n"), "%s", s);
	cr_assert_not_null(strstr(s, "What people praised:\n\n- kind \\<b\\>staff\\</b\\>"), "%s", s);
	cr_assert_not_null(strstr(s, "What people want changed:\n\n- rude & cold staff"), "%s", s);
	cr_assert_not_null(strstr(s, "| Not tagged: other language | 1 (33.3%) | 0 (0.0%) |"), "%s",
	                   s);
	free(s);
	json_decref(doc);
}

Test(report, no_sentiment_no_new_rows_or_columns)
{
	json_t *doc = doc_for((vp_count_opts){.quotes = 2});
	char *s = render(doc, (vp_report_opts){.format = VP_REPORT_HTML, .level = -1});
	cr_assert_null(strstr(s, "sentiment-chart"));
	cr_assert_null(strstr(s, "What people praised"));
	cr_assert_null(strstr(s, "Not tagged"));
	free(s);
	json_decref(doc);
}

/* vp-count --dedup: a campaign's copies are in "records" but not in any
 * theme count; shares are of records - duplicates, in the document and in
 * every rendering of it (QA: the report divided by records, 0.2 for 2/3). */
Test(report, campaign_copies_are_not_in_the_denominator)
{
	static const char *const recs[] = {
		"{\"id\":\"c1\",\"locality\":\"Melton\",\"text\":\"save the unit\",\"themes\":[" T("maternity") "]}",
		"{\"id\":\"c2\",\"locality\":\"Melton\",\"text\":\"save the unit\",\"themes\":[" T("maternity") "],"
		"\"duplicate_of\":\"c1\",\"campaign\":{\"id\":\"c1\",\"size\":3}}",
		"{\"id\":\"c3\",\"locality\":\"Melton\",\"text\":\"save the unit\",\"themes\":[" T("maternity") "],"
		"\"duplicate_of\":\"c1\",\"campaign\":{\"id\":\"c1\",\"size\":3}}",
		"{\"id\":\"o1\",\"locality\":\"Melton\",\"text\":\"car park\",\"themes\":[" T("transport") "]}",
		"{\"id\":\"o2\",\"locality\":\"Melton\",\"text\":\"kind\",\"themes\":[" T("staff") "]}",
	};
	json_t *doc = count_records((vp_count_opts){.dedup = 1}, recs, sizeof recs / sizeof recs[0]);
	/* the document: 5 records, 2 copies, transport 1 of 3 */
	cr_assert_eq(json_integer_value(json_object_get(doc, "duplicates")), 2);
	char *s = render(doc, (vp_report_opts){.format = VP_REPORT_CSV, .level = -1});
	cr_expect(strstr(s, "(all records),,3,,3,\n") != NULL, "%s", s);
	cr_expect(strstr(s, "transport,transport,1,0.3333,1,0.3333\n") != NULL, "%s", s);
	cr_expect(strstr(s, "2 campaign copies") != NULL, "the notes say copies are left out: %s", s);
	/* and where the campaign is counted: only in its first record's column
	 * (a reader of a column per locality would take "once" as once in each) */
	cr_expect(strstr(s, "once, in the column of its first record") != NULL, "%s", s);
	free(s);
	s = render(doc, (vp_report_opts){.format = VP_REPORT_MARKDOWN, .level = -1});
	cr_expect(strstr(s, "1 (33.3%)") != NULL, "%s", s);
	free(s);
	s = render(doc, (vp_report_opts){.format = VP_REPORT_HTML, .level = -1});
	cr_expect(strstr(s, "<p>3 comments") != NULL, "%s", s);
	free(s);
	json_decref(doc);
}

/* A column whose denominator is 0 (here a locality with only campaign
 * copies, left out under vp-count --dedup) has no shares: a share of
 * nothing is no 0.0%.  The share cells are empty (csv) or a dash
 * (markdown, html), with no interval and no test against the rest. */
Test(report, zero_denominator_column_has_no_shares)
{
	static const char *const recs[] = {
		"{\"id\":\"c1\",\"locality\":\"Melton\",\"text\":\"save the unit\",\"themes\":[" T("maternity") "]}",
		"{\"id\":\"c2\",\"locality\":\"Oakham\",\"text\":\"save the unit\",\"themes\":[" T("maternity") "],"
		"\"duplicate_of\":\"c1\",\"campaign\":{\"id\":\"c1\",\"size\":3}}",
		"{\"id\":\"c3\",\"locality\":\"Oakham\",\"text\":\"save the unit\",\"themes\":[" T("maternity") "],"
		"\"duplicate_of\":\"c1\",\"campaign\":{\"id\":\"c1\",\"size\":3}}",
		"{\"id\":\"o1\",\"locality\":\"Melton\",\"text\":\"car park\",\"themes\":[" T("transport") "]}",
	};
	json_t *doc = count_records((vp_count_opts){.dedup = 1}, recs, sizeof recs / sizeof recs[0]);
	char *s = render(doc, (vp_report_opts){.format = VP_REPORT_CSV, .level = -1});
	cr_expect(strstr(s, "(all records),,2,,0,,2,\n") != NULL, "%s", s);
	cr_expect(strstr(s, "maternity,maternity,1,0.5000,0,,1,0.5000\n") != NULL, "%s", s);
	free(s);
	s = render(doc, (vp_report_opts){.format = VP_REPORT_CSV, .level = -1, .ci = 1});
	cr_expect(strstr(s, "maternity,maternity,1,0.5000,0.0945,0.9055,,0,,,,,1,0.5000,") != NULL,
	          "%s", s);
	free(s);
	s = render(doc, (vp_report_opts){.format = VP_REPORT_MARKDOWN, .level = -1, .ci = 1});
	cr_expect(strstr(s, "0 (0.0%") == NULL, "%s", s);
	cr_expect(strstr(s, "| 0 (\xE2\x80\x93) |") != NULL, "%s", s);
	free(s);
	s = render(doc, (vp_report_opts){.format = VP_REPORT_HTML, .level = -1, .ci = 1});
	cr_expect(strstr(s, "0 (0.0%") == NULL, "%s", s);
	cr_expect(strstr(s, ">0.0%<") == NULL, "no bar label 0.0%% for the empty column: %s", s);
	cr_expect(strstr(s, ">\xE2\x80\x93</text>") != NULL, "a dash for its bar: %s", s);
	free(s);
	json_decref(doc);
}
