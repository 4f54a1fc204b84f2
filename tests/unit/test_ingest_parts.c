/* Unit tests for the pieces vp-ingest is built from: UTF-8,
 * conversion, JSON escaping, header matching, text-column guessing. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/ingest.h"
#include "voxpop/jsonw.h"
#include "voxpop/utf8.h"

Test(utf8, check_finds_first_bad_byte)
{
	const char ok[] = "caf\xC3\xA9 \xE2\x80\x99 \xF0\x9F\x99\x82 plain ascii run here";
	cr_assert_eq(vp_utf8_check(ok, sizeof ok - 1), sizeof ok - 1);
	cr_assert_eq(vp_utf8_check("abc\xE9z", 5), 3);          /* latin1 e-acute */
	cr_assert_eq(vp_utf8_check("\xC0\xAF", 2), 0);          /* overlong */
	cr_assert_eq(vp_utf8_check("\xED\xA0\x80", 3), 0);      /* surrogate */
	cr_assert_eq(vp_utf8_check("ab\xE2\x80", 4), 2);        /* truncated */
	cr_assert_eq(vp_utf8_check("\xF4\x90\x80\x80", 4), 0);  /* > U+10FFFF */
	cr_assert_eq(vp_utf8_check("12345678\x80", 9), 8);      /* after fast path */
	cr_assert_eq(vp_utf8_check("a\0b", 3), 3);
}

Test(utf8, cp1252_and_latin1_conversion)
{
	vp_err e;
	vp_conv *c = vp_conv_open("cp1252", &e);
	cr_assert_not_null(c);
	vp_buf b = VP_BUF_INIT;
	size_t bad;
	/* 0x92 is a right single quote in cp1252, 0xA3 the pound sign */
	cr_assert_eq(vp_conv_append(c, "it\x92s \xA3" "5", 7, &b, &bad), 0);
	cr_assert_str_eq(b.data, "it\xE2\x80\x99s \xC2\xA3" "5");
	vp_buf_clear(&b);
	cr_assert_eq(vp_conv_append(c, "ab\x81", 3, &b, &bad), -1);
	cr_assert_eq(bad, 2);
	vp_conv_close(c);

	c = vp_conv_open("LATIN1", &e);
	cr_assert_not_null(c);
	vp_buf_clear(&b);
	cr_assert_eq(vp_conv_append(c, "caf\xE9", 4, &b, &bad), 0);
	cr_assert_str_eq(b.data, "caf\xC3\xA9");
	vp_conv_close(c);
	vp_buf_free(&b);

	cr_assert_null(vp_conv_open("utf-8", &e));
	cr_assert_eq(e.code, 0);
	cr_assert_null(vp_conv_open("ebcdic", &e));
	cr_assert_eq(e.code, EX_USAGE);
}

Test(jsonw, escapes_round_trip_through_jansson)
{
	const char s[] = "q\"b\\s\n\r\t\x01\x1f\0end \xC3\xA9";
	vp_buf b = VP_BUF_INIT;
	cr_assert_eq(vp_json_str(&b, s, sizeof s - 1), 0);
	cr_assert(strstr(b.data, "\\u0001") && strstr(b.data, "\\u0000"), "%s", b.data);
	json_error_t je;
	json_t *j = json_loadb(b.data, b.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
	cr_assert_not_null(j, "%s", je.text);
	cr_assert_eq(json_string_length(j), sizeof s - 1);
	cr_assert_eq(memcmp(json_string_value(j), s, sizeof s - 1), 0);
	json_decref(j);
	vp_buf_clear(&b);
	cr_assert_eq(vp_json_key(&b, "k", 1), 0);
	cr_assert_str_eq(b.data, "\"k\":");
	vp_buf_free(&b);
}

static void header(vp_header *h, const char **names, size_t n)
{
	size_t len[16];
	for (size_t i = 0; i < n; i++)
		len[i] = strlen(names[i]);
	cr_assert_eq(vp_header_init(h, names, len, n), 0);
}

Test(header, duplicates_and_empty_names_disambiguated)
{
	const char *names[] = {" Name ", "Name", "", "Name", "Comments"};
	vp_header h;
	header(&h, names, 5);
	cr_assert_str_eq(h.name[0], "Name");
	cr_assert_str_eq(h.name[1], "Name (2)");
	cr_assert_str_eq(h.name[2], "column 3");
	cr_assert_str_eq(h.name[3], "Name (3)");
	/* each column's first alike (trimmed): what a column option names */
	const size_t first[] = {0, 0, 2, 0, 4};
	for (size_t i = 0; i < 5; i++)
		cr_assert_eq(h.first[i], first[i], "column %zu", i);
	vp_header_free(&h);
}

/* A literal "Name (2)" met before or after the repeats, and "column N"
 * clashes: a name made for a repeat (or an empty header) is never one that
 * a real header has, before or after it, so a column option naming a real
 * header takes that column ("Name (3)" below was renamed "Name (3) (2)"
 * while the third "Name" took its name). */
Test(header, duplicates_never_take_a_real_header_name)
{
	const char *names[] = {"Name (2)", "Name", "Name", "Name", "Name (3)", "column 7", "",
	                       "Name (2)", "", "column 9"};
	vp_header h;
	header(&h, names, 10);
	cr_assert_str_eq(h.name[0], "Name (2)");
	cr_assert_str_eq(h.name[1], "Name");
	cr_assert_str_eq(h.name[2], "Name (4)");
	cr_assert_str_eq(h.name[3], "Name (5)");
	cr_assert_str_eq(h.name[4], "Name (3)");
	cr_assert_str_eq(h.name[5], "column 7");
	cr_assert_str_eq(h.name[6], "column 7 (2)");
	cr_assert_str_eq(h.name[7], "Name (2) (2)");
	cr_assert_str_eq(h.name[8], "column 9 (2)");
	cr_assert_str_eq(h.name[9], "column 9");
	vp_header_free(&h);
	const char *dup2[] = {"Ref", "Comments", "Comments", "Comments (2)"};
	header(&h, dup2, 4);
	cr_assert_str_eq(h.name[2], "Comments (3)");
	cr_assert_str_eq(h.name[3], "Comments (2)");
	cr_assert_eq(vp_header_find(&h, "Comments (2)"), 3);
	vp_header_free(&h);
}

/* Issue 16 #9: 4,000 repeats of one name and 100,000 distinct names. */
Test(header, wide_and_repeated_headers, .timeout = 20)
{
	enum { N = 100000 };
	char **names = calloc(N, sizeof *names);
	size_t *len = calloc(N, sizeof *len);
	cr_assert(names && len);
	for (size_t i = 0; i < N; i++) {
		char tmp[32];
		snprintf(tmp, sizeof tmp, i < 4000 ? "x" : "c%zu", i);
		names[i] = strdup(tmp);
		len[i] = strlen(tmp);
	}
	vp_header h;
	cr_assert_eq(vp_header_init(&h, (const char *const *)names, len, N), 0);
	cr_assert_eq(h.n, (size_t)N);
	cr_assert_str_eq(h.name[0], "x");
	cr_assert_str_eq(h.name[3999], "x (4000)");
	cr_assert_str_eq(h.name[N - 1], "c99999");
	vp_header_free(&h);
	for (size_t i = 0; i < N; i++)
		free(names[i]);
	free(names);
	free(len);
}

Test(preset, table_detect_and_parse)
{
	const char *sm[] = {"Respondent ID", "Collector ID", "Start Date", "Q"};
	const char *qx[] = {"StartDate", "EndDate", "ResponseId", "Q1"};
	const char *gf[] = {"Timestamp", "Email address", "Q"};
	const char *plain[] = {"Response ID", "Submitted", "Comments"};
	cr_assert_str_eq(vp_preset_detect(sm, 4)->name, "surveymonkey");
	cr_assert_str_eq(vp_preset_detect(qx, 4)->name, "qualtrics");
	cr_assert_str_eq(vp_preset_detect(gf, 3)->name, "google-forms");
	cr_assert_null(vp_preset_detect(plain, 3));
	cr_assert_null(vp_preset_detect(gf + 1, 2)); /* Timestamp must come first */
	/* SmartSurvey: column 1 any of the names its exports give it */
	const char *ss1[] = {"UserNo", "UserID", "Started", "Ended", "Q"};
	const char *ss2[] = {"User ID", "Started", "Ended", "Q"};
	const char *ss3[] = {"Ref", "UserID", "Started", "Ended", "Q"};
	cr_assert_str_eq(vp_preset_detect(ss1, 5)->name, "smartsurvey");
	cr_assert_str_eq(vp_preset_detect(ss2, 4)->name, "smartsurvey");
	cr_assert_null(vp_preset_detect(ss3, 5));
	/* the condensed export is reached from the expanded one's row 2 */
	cr_assert_str_eq(vp_preset_parse("surveymonkey")->one_row, "surveymonkey-condensed");
	cr_assert_eq(vp_preset_parse("surveymonkey-condensed")->header_rows, 1u);
	cr_assert_eq(vp_preset_parse("surveymonkey-condensed")->dates, VP_DATE_MDY);
	cr_assert_eq(vp_preset_parse("SurveyMonkey")->dates, VP_DATE_MDY);
	cr_assert_eq(vp_preset_parse("qualtrics")->header_rows, 3u);
	cr_assert_null(vp_preset_parse("typeform"));
	vp_buf b = VP_BUF_INIT;
	cr_assert_eq(vp_preset_list(&b), 0);
	cr_assert_str_eq(b.data, "surveymonkey, surveymonkey-condensed, qualtrics, google-forms, "
	                         "ms-forms, smartsurvey, citizenspace or excel");
	vp_buf_free(&b);
}

/* Qualtrics' Status values, by name (a choice-text export) or number (a
 * numeric-values export): previews, tests and spam are no responses;
 * anything else known is; anything not known is no value of the table. */
Test(preset, qualtrics_status_values)
{
	static const struct {
		const char *s;
		int response, numeric;
	} known[] = {
		{"IP Address", 1, 0}, {"0", 1, 1}, {"Imported", 1, 0}, {"4", 1, 1},
		{"Offline", 1, 0}, {"16", 1, 1}, {"EX", 1, 0}, {"32", 1, 1}, {"48", 1, 1},
		{"Survey Preview", 0, 0}, {"1", 0, 1}, {"survey preview", 0, 0},
		{"Survey Test", 0, 0}, {"2", 0, 1}, {"Spam", 0, 0}, {"8", 0, 1},
		{"Survey Preview Spam", 0, 0}, {"9", 0, 1}, {"Imported Spam", 0, 0}, {"12", 0, 1},
		{"Offline Survey Preview", 0, 0}, {"17", 0, 1}, {"EX Spam", 0, 0}, {"40", 0, 1},
		{" Spam ", 0, 0},
	};
	for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) {
		int numeric = -1;
		int i = vp_qstatus_find(known[k].s, strlen(known[k].s), &numeric);
		cr_assert_geq(i, 0, "%s", known[k].s);
		cr_assert_eq(vp_qstatus_at(i)->response, known[k].response, "%s", known[k].s);
		cr_assert_eq(numeric, known[k].numeric, "%s", known[k].s);
	}
	int numeric;
	cr_assert_str_eq(vp_qstatus_at(vp_qstatus_find("1", 1, &numeric))->name, "Survey Preview");
	cr_assert_eq(vp_qstatus_at(vp_qstatus_find("Spam", 4, &numeric))->code, 8);
	const char *unknown[] = {"", "Synthetic", "36", "1.0", "01", "-1", "Preview", "Spammy",
	                         "IP Address Spam", "Finished"};
	for (size_t k = 0; k < sizeof unknown / sizeof unknown[0]; k++)
		cr_assert_eq(vp_qstatus_find(unknown[k], strlen(unknown[k]), &numeric), -1, "%s",
		             unknown[k]);
	/* every value of the table found by its name and by its number */
	for (int i = 0; i < VP_QSTATUS_N; i++) {
		const vp_qstatus *q = vp_qstatus_at(i);
		char num[16];
		snprintf(num, sizeof num, "%d", q->code);
		cr_assert_eq(vp_qstatus_find(q->name, strlen(q->name), &numeric), i);
		cr_assert_eq(vp_qstatus_find(num, strlen(num), &numeric), i);
	}
	cr_assert_null(vp_qstatus_at(VP_QSTATUS_N));
	cr_assert_null(vp_qstatus_at(-1));
	cr_assert_str_eq(vp_preset_parse("qualtrics")->status, "Status");
	cr_assert_null(vp_preset_parse("surveymonkey")->status);
}

Test(header, find_prefers_exact_then_forgiving)
{
	const char *names[] = {"CCG area", "ccg AREA", "What could we do better?", "Date"};
	vp_header h;
	header(&h, names, 4);
	cr_assert_eq(vp_header_find(&h, "CCG area"), 0);
	cr_assert_eq(vp_header_find(&h, "ccg AREA"), 1);
	cr_assert_eq(vp_header_find(&h, "Ccg Area"), VP_HDR_AMBIGUOUS);
	cr_assert_eq(vp_header_find(&h, "  what could WE do better? "), 2);
	cr_assert_eq(vp_header_find(&h, "date"), 3);
	cr_assert_eq(vp_header_find(&h, "Locality"), VP_HDR_NONE);
	vp_buf b = VP_BUF_INIT;
	cr_assert_eq(vp_header_list(&h, &b), 0);
	cr_assert_str_eq(b.data, "\"CCG area\", \"ccg AREA\", \"What could we do better?\", \"Date\"");
	vp_buf_free(&b);
	vp_header_free(&h);
}

static void add(vp_colguess *g, size_t col, const char *s)
{
	vp_colguess_add(g, col, s, strlen(s));
}

Test(colguess, long_varied_text_is_free_text)
{
	vp_colguess *g = vp_colguess_new(4, 200);
	const char *comments[] = {
		"The car park was full and I missed my appointment",
		"Staff were lovely but the wait was far too long",
		"", "Could not get through on the phone for three days",
		"Food was cold and nobody helped my mum to eat it",
		"Please keep the community hospital open for us"};
	for (int i = 0; i < 6; i++) {
		add(g, 0, "Leicester City");                /* short, repeated */
		add(g, 1, comments[i]);
		add(g, 2, "Neither agree nor disagree with this"); /* long but repeated */
		add(g, 3, i % 2 ? "2026-03-14" : "");
	}
	cr_assert_not(vp_colguess_is_text(g, 0));
	cr_assert(vp_colguess_is_text(g, 1));
	cr_assert_not(vp_colguess_is_text(g, 2));
	cr_assert_not(vp_colguess_is_text(g, 3));
	cr_assert_not(vp_colguess_is_text(g, 9));
	vp_colguess_free(g);
}

/* A checkbox question's column (Google Forms "GP surgery, Pharmacy",
 * Microsoft Forms "GP surgery;Pharmacy;", Qualtrics "GP,Pharmacy"): long,
 * varied values, but lists of the same few options -- not free text.  A
 * comment column with commas, or with the odd list, is. */
Test(colguess, option_lists_are_not_free_text)
{
	vp_colguess *g = vp_colguess_new(6, 200);
	const char *opts[] = {"GP surgery", "Pharmacy", "Hospital outpatients", "Community dentist",
	                      "Walk-in centre", "Mental health services", "Maternity services"};
	const char *comments[] = {
		"The car park was full, and I missed my appointment",
		"Staff were lovely, but the wait was far too long",
		"Could not get through on the phone for three days",
		"Food was cold; nobody helped my mum to eat it",
		"Please keep the community hospital open for us",
		"GP surgery, pharmacy, dentist: all closed at weekends"};
	char gf[256], msf[256], ql[256];
	for (int i = 0; i < 30; i++) {
		size_t k = 2 + (size_t)(i * 7 % 5), o = (size_t)i * 3 % 7;
		gf[0] = msf[0] = ql[0] = '\0';
		for (size_t j = 0; j < k; j++) {
			const char *x = opts[(o + j) % 7];
			snprintf(gf + strlen(gf), sizeof gf - strlen(gf), "%s%s", j ? ", " : "", x);
			snprintf(msf + strlen(msf), sizeof msf - strlen(msf), "%s;", x);
			snprintf(ql + strlen(ql), sizeof ql - strlen(ql), "%s%s", j ? "," : "", x);
		}
		add(g, 0, gf);
		add(g, 1, msf);
		add(g, 2, ql);
		add(g, 3, comments[i % 6]);
		char c[128];
		snprintf(c, sizeof c, "%s (%d)", comments[i % 6], i);  /* distinct */
		add(g, 4, c);
		/* a checkbox question with an "Other" box: one option and the
		 * respondent's own words, now and then */
		if (i % 4)
			snprintf(c, sizeof c, "%s, %s, %s", opts[i % 7], opts[(i + 1) % 7],
			         opts[(i + 3) % 7]);
		else
			snprintf(c, sizeof c, "%s, my own words number %d about it", opts[i % 7], i);
		add(g, 5, c);
	}
	cr_assert_not(vp_colguess_is_text(g, 0));
	cr_assert_not(vp_colguess_is_text(g, 1));
	cr_assert_not(vp_colguess_is_text(g, 2));
	cr_assert_not(vp_colguess_is_text(g, 3)); /* (repeated: as before) */
	cr_assert(vp_colguess_is_text(g, 4));
	cr_assert_not(vp_colguess_is_text(g, 5));
	vp_colguess_free(g);
}

Test(format, by_name_and_extension)
{
	cr_assert_str_eq(vp_format_parse("CSV")->name, "csv");
	cr_assert_str_eq(vp_format_parse("jsonl")->name, "ndjson");
	cr_assert_str_eq(vp_format_parse("text")->name, "text");
	cr_assert_str_eq(vp_format_parse("TXT")->name, "text");
	cr_assert_null(vp_format_parse("xml"));
	cr_assert_str_eq(vp_format_of("a/b.NDJSON")->name, "ndjson");
	cr_assert_str_eq(vp_format_of("a/b.jsonl")->name, "ndjson");
	cr_assert_str_eq(vp_format_of("notes.txt")->name, "text");
	cr_assert_str_eq(vp_format_of("export.csv")->name, "csv");
	cr_assert_str_eq(vp_format_of("dir.txt/export")->name, "csv");
	cr_assert_str_eq(vp_format_of(NULL)->name, "csv");
	cr_assert_str_eq(vp_format_of("notes.txt")->channel, "event");
	cr_assert_str_eq(vp_format_of("export.csv")->channel, "survey");
	cr_assert_str_eq(vp_format_of("f.ndjson")->channel, "form");
	cr_assert_not_null(vp_format_of("export.csv")->open_rows);
	cr_assert_not_null(vp_format_of("f.ndjson")->records);
	cr_assert_str_eq(vp_format_of("book.xlsx")->name, "xlsx");
	cr_assert_str_eq(vp_format_of("old.xls")->name, "xlsx");
	cr_assert_str_eq(vp_format_parse("excel")->name, "xlsx");
}

Test(format, list_for_messages)
{
	vp_buf b = VP_BUF_INIT;
	cr_assert_eq(vp_format_list(&b), 0);
	cr_assert_str_eq(b.data, "csv, ndjson, text or xlsx");
	vp_buf_free(&b);
}

Test(header, personal_detail_names)
{
	cr_assert(vp_header_is_personal("Your E-mail"));
	cr_assert(vp_header_is_personal("Home address"));
	cr_assert(vp_header_is_personal("Postcode"));
	cr_assert(vp_header_is_personal("Full name"));
	cr_assert_not(vp_header_is_personal("What could we do better?"));
	cr_assert_not(vp_header_is_personal("CCG area"));
}

/* A consent question to use the answers is recognised; a question that
 * only uses the words ("agree", "consent", "can we use") is not. */
Test(header, consent_questions_not_questions_that_use_the_words)
{
	static const char *const yes[] = {"Do you consent to us using your answers?",
		"I consent to my comments being used", "Consent", "Consent given", "Consent (Y/N)",
		"Can we use your feedback in our report?",
		"Do you give us permission to quote your comments?",
		"Do you agree to us sharing your feedback with the hospital?",
		"May we publish your responses anonymously?", NULL};
	static const char *const no[] = {"Did you agree with the decision?", "Agree",
		"Do you agree that the wait was too long?",
		"Were you asked for your consent before treatment?", "Can we use the car park?",
		"What could we do better?", "Consent to treatment was explained to me clearly?",
		"Would you agree to a follow-up call?", "How did you use our service?", NULL};
	for (const char *const *h = yes; *h; h++)
		cr_expect(vp_header_is_consent(*h), "\"%s\" should be a consent question", *h);
	for (const char *const *h = no; *h; h++)
		cr_expect_not(vp_header_is_consent(*h), "\"%s\" should not be a consent question", *h);
}

/* Only a clear refusal is one; a blank answer is blank, and anything not
 * known is unclear (read). */
Test(header, consent_answers)
{
	static const char *const no[] = {"No", "N", " no ", "no.", "NO!", "I do not agree",
		"I don't agree", "I don\xe2\x80\x99t consent", "No, I do not consent",
		"No - I do not agree", "I do not consent", "Disagree", NULL};
	static const char *const yes[] = {"Yes", "Y", "I agree", "I consent", "yes, I agree", NULL};
	static const char *const unclear[] = {"Maybe", "1", "0", "Not sure", "No idea",
		"Nothing to add", "-", NULL};
	for (const char *const *a = no; *a; a++)
		cr_expect_eq(vp_consent_answer(*a, strlen(*a)), VP_CONSENT_NO, "\"%s\"", *a);
	for (const char *const *a = yes; *a; a++)
		cr_expect_eq(vp_consent_answer(*a, strlen(*a)), VP_CONSENT_YES, "\"%s\"", *a);
	for (const char *const *a = unclear; *a; a++)
		cr_expect_eq(vp_consent_answer(*a, strlen(*a)), VP_CONSENT_UNCLEAR, "\"%s\"", *a);
	cr_expect_eq(vp_consent_answer("", 0), VP_CONSENT_BLANK);
	cr_expect_eq(vp_consent_answer("  ", 2), VP_CONSENT_BLANK);
	cr_expect_eq(vp_consent_answer("Nope", 2), VP_CONSENT_NO); /* n bytes only: "No" */
}

/* Headers that name a personal detail, or ask for one, are personal;
 * questions that only mention such a word are not (their answers were
 * silently lost). */
Test(header, personal_names_the_detail_not_questions_that_mention_it)
{
	static const char *const yes[] = {"Phone number", "Telephone", "Mobile number", "Email",
		"E-mail address", "Home address", "Address", "Postcode", "Post code", "Name",
		"Your name", "Full name", "First name", "Surname", "Contact details",
		"Email address (optional)", "Your name:", "Address line 1", "Phone no.",
		"Contact telephone number", "Last name", "IP Address", "Your e-mail address *",
		"If you would like us to contact you, please leave your details",
		"What is your email address?", "What's your name?",
		"Please give your phone number so we can call you back",
		"Please enter your postcode", "NHS number", "NHS No.", "Your NHS number",
		"What is your NHS number?", "Please give your NHS number if you know it",
		"Postal code", "Zip code", "Postal / Zip Code", "Post/Zip Code", NULL};
	static const char *const no[] = {
		"How easy was it to get through on the phone? Please explain",
		"Tell us about the mobile library service",
		"Did you know the name of your named nurse?",
		"Is there anything you would like to address?",
		"What could we do better?", "CCG area", "Comments", "Mobile library service",
		"Named nurse", "Was your address recorded correctly?",
		"Please tell us about your phone appointment",
		"How did you find the telephone booking system?", "Postcode district",
		"How satisfied are you with the NHS?", "NHS services used", "Which NHS trust?",
		"Area code", NULL};
	for (const char *const *h = yes; *h; h++)
		cr_expect(vp_header_is_personal(*h), "\"%s\" should be personal", *h);
	for (const char *const *h = no; *h; h++)
		cr_expect_not(vp_header_is_personal(*h), "\"%s\" should not be personal", *h);
}

/* A date of birth, a hospital or patient number and a National Insurance
 * number identify a person as an NHS number does: --fields all kept them
 * and vp-count --by grouped by them.  Columns that only mention a date,
 * a number or an id stay. */
Test(header, personal_identifiers_birth_hospital_patient_ni)
{
	static const char *const yes[] = {"Date of birth", "DOB", "D.O.B.", "Date of Birth:",
		"Date-of-birth", "Birth date", "Birthdate", "Patient date of birth",
		"What is your date of birth?", "Please give your date of birth so we can find you",
		"Hospital number", "Hospital no.", "Hospital No", "Patient ID", "Patient Id",
		"Patient number", "Patient no", "Your hospital number", "MRN",
		"What is your hospital number?", "National Insurance number",
		"National Insurance No.", "NI number", "NI No", "NINO", "Your NI number",
		"Please give your National Insurance number", NULL};
	static const char *const no[] = {"Date of visit", "Number of visits", "Respondent ID",
		"Response ID", "ID", "Date", "Visit date", "Date of appointment",
		"Year of birth", "Place of birth", "Patient experience", "Patient type",
		"Number of patients", "Hospital", "Which hospital?", "Hospital site",
		"Insurance", "National Insurance", "How many patients were on the ward?",
		"Did the hospital ask for your date of birth? Please explain",
		"Birth centre", "Ward number", "Unit", "Ref number", NULL};
	for (const char *const *h = yes; *h; h++)
		cr_expect(vp_header_is_personal(*h), "\"%s\" should be personal", *h);
	for (const char *const *h = no; *h; h++)
		cr_expect_not(vp_header_is_personal(*h), "\"%s\" should not be personal", *h);
}
