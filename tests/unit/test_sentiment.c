#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "voxpop/sentiment.h"

#define LEX "tests/data/sentiment/lex"
#define THEMES "tests/data/sentiment/themes"

static vp_sentiment *s;
static vp_buf out = VP_BUF_INIT, themes = VP_BUF_INIT;

static void setup(void)
{
	vp_err e;
	cr_assert_eq(vp_sentiment_open(&s, LEX, THEMES, NULL, &e), 0, "%s", e.msg);
}

static void teardown(void)
{
	vp_sentiment_free(s);
	vp_buf_free(&out);
	vp_buf_free(&themes);
}

TestSuite(sentiment, .init = setup, .fini = teardown);

static vp_sent_label label_q(const char *text, const char *q)
{
	vp_err e;
	cr_assert_eq(vp_sentiment_score(s, text, strlen(text), q, q ? strlen(q) : 0, &e), 0,
	             "%s", e.msg);
	return vp_sentiment_label(s);
}

static vp_sent_label label(const char *text)
{
	return label_q(text, NULL);
}

static const char *json(const char *text, const char *q, int explain)
{
	label_q(text, q);
	vp_buf_clear(&out);
	cr_assert_eq(vp_sentiment_json(s, explain, &out), 0);
	cr_assert_eq(vp_buf_putc(&out, '\0'), 0);
	return out.data;
}

static vp_sent_label theme(const char *name, double *score)
{
	vp_sent_label l;
	double sc;
	cr_assert_eq(vp_sentiment_theme(s, name, strlen(name), &l, &sc), 0);
	if (score)
		*score = sc;
	return l;
}

Test(sentiment, polar_entries_and_weights)
{
	cr_assert_eq(label("The nurse was kind."), VP_SENT_POSITIVE);
	cr_assert_eq(label("The driver was rude."), VP_SENT_NEGATIVE);
	cr_assert_eq(label("The ambulance came."), VP_SENT_NEUTRAL);
	label("Excellent.");
	cr_assert_float_eq(vp_sentiment_value(s), 2, 1e-9);
	cr_assert_str_eq(json("Excellent.", NULL, 0),
	                 "{\"label\":\"positive\",\"score\":2,\"hits\":[\"excellent\"]}");
}

Test(sentiment, negation_scope)
{
	cr_assert_eq(label("The staff were not helpful."), VP_SENT_NEGATIVE);
	cr_assert_eq(label("They were never very kind."), VP_SENT_NEGATIVE);  /* 2 words on */
	cr_assert_eq(label("Not rude at all."), VP_SENT_POSITIVE);
	/* a fixed phrase beats the negation: longest match wins */
	cr_assert_eq(label("Couldn't fault them."), VP_SENT_POSITIVE);
	cr_assert_eq(label("They never rang back."), VP_SENT_NEGATIVE);
	/* out of reach: more than 3 words on, or in the next sentence */
	cr_assert_eq(label("Not that I expected it but the staff were kind."), VP_SENT_POSITIVE);
	cr_assert_eq(label("No. The staff were kind."), VP_SENT_POSITIVE);
	cr_assert_str_eq(json("Not helpful.", NULL, 0),
	                 "{\"label\":\"negative\",\"score\":-1,\"hits\":[\"not+helpful\"]}");
}

/* HTML in a web-form answer is read as shown: an entity's ';' ends no
 * sentence, "didn&#39;t" is a negation, and a line or paragraph break ends
 * a sentence as a full stop does. */
Test(sentiment, html_markup_read_as_shown)
{
	cr_assert_eq(label("The staff were not&nbsp;helpful."), VP_SENT_NEGATIVE);
	cr_assert_eq(label("It didn&#39;t feel kind."), VP_SENT_NEGATIVE);
	cr_assert_eq(label("It didn&rsquo;t feel kind."), VP_SENT_NEGATIVE);
	cr_assert_eq(label("No<br>kind staff"), VP_SENT_POSITIVE);
	cr_assert_eq(label("No</p><p>kind staff"), VP_SENT_POSITIVE);
	cr_assert_eq(label("No <b>kind</b> staff"), VP_SENT_NEGATIVE);
	cr_assert_str_eq(json("Not <b>helpful</b>.", NULL, 0),
	                 "{\"label\":\"negative\",\"score\":-1,\"hits\":[\"not+helpful\"]}");
	/* look-alikes stay text; a real ';' still ends a sentence */
	cr_assert_eq(label("No; kind staff"), VP_SENT_POSITIVE);
	cr_assert_eq(label("No &nope; kind staff"), VP_SENT_POSITIVE);
}

/* "no" is both a negation and a nil word: it turns a complaint round once
 * (QA: "No delays", "no long waits" were complaints, turned round twice). */
Test(sentiment, negation_and_nil_word_turn_round_once)
{
	cr_assert_str_eq(json("No rude drivers.", NULL, 0),
	                 "{\"label\":\"positive\",\"score\":1,\"hits\":[\"no+rude\"]}");
	cr_assert_eq(label("No late buses at all."), VP_SENT_POSITIVE);
	cr_assert_eq(label("Nothing rude about them."), VP_SENT_POSITIVE);
	cr_assert_eq(label("No helpful staff."), VP_SENT_NEGATIVE);
}

/* "can't ... enough" praises: "I can't thank them enough" is no complaint
 * (QA: it was negative). Only a can/could negation right before the entry,
 * or with "enough" between them; "not kind enough" is still a complaint. */
Test(sentiment, cant_enough_is_praise)
{
	cr_assert_eq(label("I cant thank them enough."), VP_SENT_POSITIVE);
	cr_assert_eq(label("I can't thank the nurses enough."), VP_SENT_POSITIVE);
	cr_assert_eq(label("I cant say enough good things about them."), VP_SENT_POSITIVE);
	cr_assert_eq(label("I could not thank them enough."), VP_SENT_POSITIVE);
	cr_assert_eq(label("They were not kind enough."), VP_SENT_NEGATIVE);
	cr_assert_eq(label("I cant call it good enough."), VP_SENT_NEGATIVE);
	cr_assert_eq(label("I cant thank them."), VP_SENT_NEGATIVE);
	cr_assert_eq(label("I cant thank them. Enough."), VP_SENT_NEGATIVE);
}

/* Praise after a wish with "if" or "wish" between is wanted, so missing
 * (QA: "It would be nice if the receptionist was polite" was mixed). */
Test(sentiment, praise_wished_for_is_missing)
{
	cr_assert_eq(label("More notice if the staff are kind enough."), VP_SENT_NEGATIVE);
	cr_assert_eq(label("It would be nice if the staff were kind."), VP_SENT_NEGATIVE);
	cr_assert_eq(label("I wish the staff were kind."), VP_SENT_NEGATIVE);
	cr_assert_eq(label("I wish the staff were more kind."), VP_SENT_NEGATIVE);  /* wanted once */
	/* not across a comma, nor without "if" */
	cr_assert_eq(label("More parking, if the staff were kind they would help."), VP_SENT_MIXED);
	cr_assert_eq(label("More parking for the kind staff."), VP_SENT_MIXED);
}

Test(sentiment, intensifiers_and_downtoners)
{
	label("Very kind.");
	cr_assert_float_eq(vp_sentiment_value(s), 1.5, 1e-9);
	label("A bit late.");
	cr_assert_float_eq(vp_sentiment_value(s), -0.5, 1e-9);
	/* "a bit late" weighs less than "very kind": positive, not mixed */
	cr_assert_eq(label("Very kind staff, a bit late."), VP_SENT_POSITIVE);
	cr_assert_eq(label("Kind staff, late."), VP_SENT_MIXED);
}

Test(sentiment, contrast_and_concession)
{
	/* the clause after "but" counts, the one before weighs half */
	label("The nurse was kind but the driver was very rude");
	cr_assert_float_eq(vp_sentiment_value(s), 0.5 - 1.5, 1e-9);
	cr_assert_eq(vp_sentiment_label(s), VP_SENT_NEGATIVE);
	cr_assert_eq(label("The driver was late, however the nurse was excellent"), VP_SENT_POSITIVE);
	/* the concession clause, up to the comma, weighs half */
	label("Although they were late, the nurse was excellent");
	cr_assert_float_eq(vp_sentiment_value(s), 2 - 0.5, 1e-9);
	label("Excellent apart from the late driver");
	cr_assert_float_eq(vp_sentiment_value(s), 2 - 0.5, 1e-9);
	/* "3.5" is not a sentence end: the negation still reaches */
	cr_assert_eq(label("Not 3.5 good"), VP_SENT_NEGATIVE);
	/* a sentence that starts with "But" has nothing before it to weigh
	 * half: what follows counts in full (it weighed half, so "Kind. But
	 * very rude." came out less negative than "Kind. Very rude.") */
	label("But the driver was very rude.");
	cr_assert_float_eq(vp_sentiment_value(s), -1.5, 1e-9);
	label("The nurse was kind. But the driver was very rude.");
	cr_assert_float_eq(vp_sentiment_value(s), 1 - 1.5, 1e-9);
	label("However, the driver was very rude.");
	cr_assert_float_eq(vp_sentiment_value(s), -1.5, 1e-9);
}

/* Every contrast halves the clauses of its sentence before it: that was
 * done clause by clause at each contrast, quadratic in a sentence's length
 * (a 6 MB rambling letter, one sentence with "but" every few words, took
 * 12 s; 2 MB 1.9 s).  The timeout is a hang guard, not a speed figure. */
Test(sentiment, many_contrasts_in_one_sentence_stay_linear, .timeout = 10)
{
	enum { REPS = 200000 };
	static const char unit[] = "kind but ";
	size_t n = REPS * (sizeof unit - 1);
	char *t = malloc(n + sizeof "late");
	cr_assert(t);
	for (size_t i = 0; i < REPS; i++)
		memcpy(t + i * (sizeof unit - 1), unit, sizeof unit - 1);
	memcpy(t + n, "late", sizeof "late");
	/* each "kind" weighs half the next: together all but 1, against "late" */
	cr_assert_eq(label(t), VP_SENT_MIXED);
	cr_assert_float_eq(vp_sentiment_value(s), 0, 1e-9);
	free(t);
	label("kind but kind but late");
	cr_assert_float_eq(vp_sentiment_value(s), 0.25 + 0.5 - 1, 1e-9);
}

Test(sentiment, per_theme_clauses)
{
	vp_err e;
	const char *t = "The nurse was lovely. Parking was not good, we waited 3 hours, very late.";
	vp_jspan th = {"[{\"theme\":\"staff\",\"hits\":[\"nurse\"]},"
	               "{\"theme\":\"transport\",\"hits\":[\"parking\"]},"
	               "{\"theme\":\"transport/parking\",\"hits\":[\"parking\"],\"sentiment\":1},"
	               "\"plain\",{\"theme\":\"unknown\"}]", 0};
	th.n = strlen(th.p);
	cr_assert_eq(vp_sentiment_record(s, t, strlen(t), NULL, 0, th, 0, &out, &themes, &e), 0);
	cr_assert_eq(vp_sentiment_label(s), VP_SENT_NEGATIVE);
	double sc;
	cr_assert_eq(theme("staff", &sc), VP_SENT_POSITIVE);
	cr_assert_float_eq(sc, 1, 1e-9);
	cr_assert_eq(theme("transport/parking", &sc), VP_SENT_NEGATIVE);
	cr_assert_float_eq(sc, -1, 1e-9);  /* its clause only: not the wait */
	cr_assert_eq(theme("access/waiting", &sc), VP_SENT_NEGATIVE);
	cr_assert_eq(vp_buf_putc(&themes, '\0'), 0);
	cr_assert_str_eq(themes.data,
	    "[{\"theme\":\"staff\",\"hits\":[\"nurse\"],\"sentiment\":{\"label\":\"positive\",\"score\":1}},"
	    "{\"theme\":\"transport\",\"hits\":[\"parking\"],\"sentiment\":{\"label\":\"negative\",\"score\":-1}},"
	    "{\"theme\":\"transport/parking\",\"hits\":[\"parking\"],\"sentiment\":{\"label\":\"negative\",\"score\":-1}},"
	    "\"plain\",{\"theme\":\"unknown\",\"sentiment\":{\"label\":\"negative\",\"score\":-2.5}}]");
	/* a theme whose clauses say nothing is neutral when the record says something */
	label("Parking. The nurse was lovely.");
	cr_assert_eq(theme("transport/parking", NULL), VP_SENT_NEUTRAL);
	cr_assert_eq(theme("staff", NULL), VP_SENT_POSITIVE);
}

/* vp_sentiment_render after scoring (vp-run, measuring a record against
 * --max-line) writes what vp_sentiment_record writes; each theme gains at
 * most 62 bytes (vp-run's bound for measuring only when it could matter) */
Test(sentiment, render_is_record_second_half)
{
	vp_err e;
	const char *t = "The nurse was very lovely but parking was not good at all, waited 3 hours";
	vp_jspan th = {"[{\"theme\":\"staff\",\"hits\":[\"nurse\"]},"
	               "{\"theme\":\"transport/parking\",\"hits\":[\"parking\"]},"
	               "{\"theme\":\"access/waiting\",\"hits\":[\"waited\"]}]", 0};
	th.n = strlen(th.p);
	cr_assert_eq(vp_sentiment_record(s, t, strlen(t), NULL, 0, th, 0, &out, &themes, &e), 0);
	vp_buf o2 = VP_BUF_INIT, t2 = VP_BUF_INIT;
	cr_assert_eq(vp_sentiment_score_themes(s, t, strlen(t), NULL, 0, 1, &e), 0);
	cr_assert_eq(vp_sentiment_render(s, th, 0, &o2, &t2, &e), 0);
	cr_assert_eq(o2.len, out.len);
	cr_assert_eq(memcmp(o2.data, out.data, out.len), 0);
	cr_assert_eq(t2.len, themes.len);
	cr_assert_eq(memcmp(t2.data, themes.data, themes.len), 0);
	cr_assert_leq(themes.len, th.n + 3 * 62);
	vp_buf_free(&o2);
	vp_buf_free(&t2);
}

Test(sentiment, question_rules)
{
	const char *improve = "How could we improve?", *good = "What was good?";
	cr_assert_eq(label_q("Nothing, really.", improve), VP_SENT_POSITIVE);
	cr_assert_eq(label_q("None", improve), VP_SENT_POSITIVE);
	cr_assert_eq(label_q("Nothing", "Why?"), VP_SENT_NEUTRAL);
	cr_assert_eq(label_q("Nothing", good), VP_SENT_NEGATIVE);
	/* a wish: negative about what it names */
	cr_assert_eq(label_q("More parking", improve), VP_SENT_NEGATIVE);
	cr_assert_eq(label_q("Parking", improve), VP_SENT_NEGATIVE);  /* plain=negative */
	cr_assert_eq(label_q("Parking", good), VP_SENT_POSITIVE);
	cr_assert_eq(label_q("Parking", "Any other comments?"), VP_SENT_NEUTRAL);
	cr_assert_eq(label_q("Parking", NULL), VP_SENT_NEUTRAL);
	/* "more" before a positive word wants it: "more helpful" is missing help */
	cr_assert_eq(label_q("Be more helpful", improve), VP_SENT_NEGATIVE);
	/* "nothing" before a wish or a negative turns it round */
	cr_assert_eq(label_q("Nothing more, excellent", improve), VP_SENT_POSITIVE);
	/* mixed answers lean as the rule says */
	cr_assert_eq(label_q("Kind staff, late.", improve), VP_SENT_NEGATIVE);
	cr_assert_eq(label_q("Kind staff, late.", "Why?"), VP_SENT_MIXED);
	/* unsure answers are neutral whatever the question */
	cr_assert_eq(label_q("Not sure", improve), VP_SENT_NEUTRAL);
	/* so is an answer without a word, a placeholder typed to get past
	 * a required question: "-" to "What could be improved?" is no wish
	 * (it was negative by plain=, and "-" to "What was good?" positive) */
	cr_assert_eq(label_q("-", improve), VP_SENT_NEUTRAL);
	cr_assert_eq(label_q("...", improve), VP_SENT_NEUTRAL);
	cr_assert_eq(label_q("", improve), VP_SENT_NEUTRAL);
	cr_assert_eq(label_q("?", good), VP_SENT_NEUTRAL);
	cr_assert_str_eq(json("Nothing", improve, 1),
	    "{\"label\":\"positive\",\"score\":1.5,\"hits\":[\"nothing (nothing=positive)\"],"
	    "\"rule\":\"" LEX "/questions.tsv:1: could we improve -> nothing=positive plain=negative "
	    "mixed=negative\",\"nil\":true,\"explain\":[{\"hit\":\"nothing (nothing=positive)\","
	    "\"weight\":1.5,\"clause\":0,\"entries\":[\"" LEX "/nothing.txt:1\"]}]}");
}

Test(sentiment, explain_names_entries)
{
	cr_assert_str_eq(json("Not very kind", NULL, 1),
	    "{\"label\":\"negative\",\"score\":-1.5,\"hits\":[\"not+very+kind\"],\"rule\":\"" LEX
	    "/questions.tsv:3: * -> nothing=neutral plain=neutral mixed=mixed\",\"nil\":false,"
	    "\"explain\":[{\"hit\":\"not+very+kind\",\"weight\":-1.5,\"clause\":0,\"entries\":[\""
	    LEX "/positive.txt:3\",\"" LEX "/negation.txt:1\",\"" LEX "/intensifier.txt:1\"]}]}");
}

Test(sentiment, bad_input_and_config)
{
	vp_err e;
	cr_assert_eq(vp_sentiment_score(s, "caf\xc3", 4, NULL, 0, &e), EX_DATAERR);
	cr_assert_eq(label(""), VP_SENT_NEUTRAL);
	vp_sentiment *bad;
	cr_assert_eq(vp_sentiment_open(&bad, THEMES, NULL, NULL, &e), EX_CONFIG);
	cr_assert(strstr(e.msg, "'access' is not a sentiment file"), "%s", e.msg);
	cr_assert_eq(vp_sentiment_open(&bad, "tests/data/sentiment/nonexistent", NULL, NULL, &e),
	             EX_NOINPUT);
	char dir[] = "/tmp/vp-sent-XXXXXX", path[64];
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/positive.txt", dir);
	FILE *f = fopen(path, "w");
	cr_assert(f && fputs("good\n", f) >= 0 && fclose(f) == 0);
	snprintf(path, sizeof path, "%s/questions.tsv", dir);
	f = fopen(path, "w");
	cr_assert(f && fputs("# c\nwhy\tnothing=happy\n", f) >= 0 && fclose(f) == 0);
	cr_assert_eq(vp_sentiment_open(&bad, dir, NULL, NULL, &e), EX_CONFIG);
	cr_assert(strstr(e.msg, "questions.tsv:2:"), "%s", e.msg);
	f = fopen(path, "w");
	cr_assert(f && fputs("no tab here\n", f) >= 0 && fclose(f) == 0);
	cr_assert_eq(vp_sentiment_open(&bad, dir, NULL, NULL, &e), EX_CONFIG);
	cr_assert(strstr(e.msg, "questions.tsv:1:"), "%s", e.msg);
	unlink(path);
	snprintf(path, sizeof path, "%s/positive.txt", dir);
	unlink(path);
	rmdir(dir);
}
