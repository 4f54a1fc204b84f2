#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "voxpop/gazetteer.h"

/* A small gazetteer with the shapes that matter: a locality spanning two
 * places (ELR), a shared district, a place with one locality. */
static const char small[] =
	"# test\n"
	"system   Leicester, Leicestershire and Rutland | LLR\n"
	"place    Leicester | City of Leicester\n"
	"locality Leicester City | LC\n"
	"postcode LE1\n"
	"shared-postcode LE2\n"
	"place    Leicestershire | Leics\n"
	"locality West Leicestershire | WL | West Leics\n"
	"area     Loughborough | Ashby de la Zouch | St Mary's Road\n"
	"postcode LE11 LE12\n"
	"locality East Leicestershire and Rutland | ELR\n"
	"area     Melton Mowbray | Melton | Oadby & Wigston\n"
	"postcode LE13\n"
	"shared-postcode LE2\n"
	"shared-postcode LE15\n"
	"place    Rutland\n"
	"locality East Leicestershire and Rutland\n"
	"area     Oakham | Uppingham\n"
	"shared-postcode LE15\n"
	"outside  Nottingham | Hillington\n"
	"no-answer prefer not to say | n/a\n";

static vp_gazetteer *load(const char *text, vp_err *e)
{
	vp_gazetteer *g = vp_gazetteer_new();
	cr_assert_not_null(g);
	vp_err_clear(e);
	if (vp_gazetteer_load_text(g, "t.txt", text, strlen(text), e) ||
	    vp_gazetteer_finish(g, e)) {
		vp_gazetteer_free(g);
		return NULL;
	}
	return g;
}

static vp_gazetteer *small_gaz(void)
{
	vp_err e;
	vp_gazetteer *g = load(small, &e);
	cr_assert_not_null(g, "%s", e.msg);
	return g;
}

static vp_resolved resolve(const vp_gazetteer *g, const char *s, enum vp_match_mode mode)
{
	vp_locus l;
	vp_resolved r;
	cr_assert_geq(vp_gazetteer_match(g, s, strlen(s), mode, &l), 0);
	vp_gazetteer_resolve(g, &l, &r);
	return r;
}

#define LLR "Leicester, Leicestershire and Rutland"
#define ELR "East Leicestershire and Rutland"

static void expect(const vp_gazetteer *g, const char *in, const char *sys, const char *place,
                   const char *loc, int ambiguous)
{
	vp_resolved r = resolve(g, in, VP_MATCH_FIELD);
	cr_expect_str_eq(r.system, sys, "'%s' system", in);
	cr_expect_str_eq(r.place, place, "'%s' place", in);
	cr_expect_str_eq(r.locality, loc, "'%s' locality", in);
	cr_expect_eq(r.ambiguous, ambiguous, "'%s' ambiguous", in);
}

Test(gazetteer, names_any_case_and_punctuation)
{
	vp_gazetteer *g = small_gaz();
	const char *wl[] = {"Loughborough", "loughborough", "LOUGHBOROUGH", " Loughborough. ",
	                    "Loughborough (West)", "Ashby-de-la-Zouch", "ashby de la zouch",
	                    "West Leics", "WL", "wl", "Saint Mary's Road", "St Marys Rd.",
	                    "St. Mary's Road", "Loughborough, Leics"};
	for (size_t i = 0; i < sizeof wl / sizeof *wl; i++)
		expect(g, wl[i], LLR, "Leicestershire", "West Leicestershire", 0);
	expect(g, "Oadby and Wigston", LLR, "Leicestershire", ELR, 0);
	expect(g, "oadby & wigston", LLR, "Leicestershire", ELR, 0);
	expect(g, "Melton Mowbray", LLR, "Leicestershire", ELR, 0);
	vp_gazetteer_free(g);
}

Test(gazetteer, postcodes_with_and_without_space)
{
	vp_gazetteer *g = small_gaz();
	const char *in[] = {"LE13 0AB", "le13 0ab", "LE130AB", "le130ab", "LE13", "le13",
	                    "LE13 OAB", "Melton LE13 0AB"};
	for (size_t i = 0; i < sizeof in / sizeof *in; i++)
		expect(g, in[i], LLR, "Leicestershire", ELR, 0);
	expect(g, "LE1 1AA", LLR, "Leicester", "Leicester City", 0);
	vp_gazetteer_free(g);
}

Test(gazetteer, ambiguous_resolves_to_common_ancestor)
{
	vp_gazetteer *g = small_gaz();
	/* LE2: city or ELR -> only the system is certain. */
	expect(g, "LE2 4AB", LLR, VP_UNASSIGNED, VP_UNASSIGNED, 1);
	/* A place with two localities. */
	expect(g, "Leics", LLR, "Leicestershire", VP_UNASSIGNED, 1);
	/* A locality in two places: the locality is certain, the place is not. */
	expect(g, "ELR", LLR, VP_UNASSIGNED, ELR, 1);
	expect(g, "LE15", LLR, VP_UNASSIGNED, ELR, 1);
	/* The system alone. */
	expect(g, "LLR", LLR, VP_UNASSIGNED, VP_UNASSIGNED, 1);
	vp_gazetteer_free(g);
}

Test(gazetteer, place_with_one_locality_resolves_fully)
{
	vp_gazetteer *g = small_gaz();
	expect(g, "Rutland", LLR, "Rutland", ELR, 0);
	expect(g, "City of Leicester", LLR, "Leicester", "Leicester City", 0);
	vp_gazetteer_free(g);
}

Test(gazetteer, parts_narrow_each_other)
{
	vp_gazetteer *g = small_gaz();
	/* ELR (two places) + Rutland -> Rutland. */
	expect(g, "Oakham, Rutland", LLR, "Rutland", ELR, 0);
	expect(g, "ELR - Rutland", LLR, "Rutland", ELR, 0);
	/* Leicestershire (two localities) + LE11 -> WL. */
	expect(g, "Leics LE11", LLR, "Leicestershire", "West Leicestershire", 0);
	/* Contradicting parts: only what they share, flagged. */
	expect(g, "Oakham, Loughborough", LLR, VP_UNASSIGNED, VP_UNASSIGNED, 1);
	vp_gazetteer_free(g);
}

Test(gazetteer, unknown_and_empty_are_unassigned)
{
	vp_gazetteer *g = small_gaz();
	const char *in[] = {"", "   ", "Nottingham", "LE99", "NW10 7AB", "--", "not Leicester",
	                    "outside Rutland"};
	for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
		vp_resolved r = resolve(g, in[i], VP_MATCH_FIELD);
		cr_expect_not(r.found, "'%s' matched", in[i]);
		cr_expect_str_eq(r.locality, VP_UNASSIGNED);
		cr_expect_str_eq(r.place, VP_UNASSIGNED);
		cr_expect_str_eq(r.system, VP_UNASSIGNED);
		cr_expect_not(r.ambiguous);
	}
	vp_gazetteer_free(g);
}

Test(gazetteer, text_mode_takes_only_capitalised_names)
{
	vp_gazetteer *g = small_gaz();
	vp_resolved r = resolve(g, "We met at the library in Melton last week", VP_MATCH_TEXT);
	cr_expect_str_eq(r.locality, ELR);
	r = resolve(g, "the melton pie was nice", VP_MATCH_TEXT);
	cr_expect_not(r.found);
	/* Short abbreviations are too easily something else in prose. */
	r = resolve(g, "WL said so", VP_MATCH_TEXT);
	cr_expect_not(r.found);
	r = resolve(g, "I live in LE11 and work in LE11 too", VP_MATCH_TEXT);
	cr_expect_str_eq(r.locality, "West Leicestershire");
	vp_gazetteer_free(g);
}

/* A place name after a title or role is a person's surname: "Dr Melton
 * was kind" says nothing of where anyone lives (QA: Dr Burbage, Nurse
 * Ashby, Mrs Groby, Sister Whetstone were located in --from-text). */
Test(gazetteer, name_after_a_title_is_a_person)
{
	vp_gazetteer *g = small_gaz();
	const char *no[] = {"Dr Melton was very kind", "I saw Dr. Oakham twice", "Thanks to Nurse Uppingham",
	                    "Mrs Loughborough on reception", "Sister Melton Mowbray was lovely",
	                    "MR OAKHAM RANG ME", "the midwife, Mrs Melton"};
	for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
		vp_resolved r = resolve(g, no[i], VP_MATCH_TEXT);
		cr_expect_not(r.found, "'%s' resolved to %s", no[i], r.locality);
		r = resolve(g, no[i], VP_MATCH_FIELD);
		cr_expect_not(r.found, "field '%s' resolved to %s", no[i], r.locality);
	}
	/* The title names the person, not a place after them. */
	vp_resolved r = resolve(g, "Dr Patel in Oakham was kind", VP_MATCH_TEXT);
	cr_expect_str_eq(r.place, "Rutland");
	r = resolve(g, "Dr Melton at the Oakham surgery", VP_MATCH_TEXT);
	cr_expect_str_eq(r.place, "Rutland");
	vp_gazetteer_free(g);
}

/* Words saying the place is a former or denied one ("formerly Melton",
 * "no longer in Oakham", "used to live in Loughborough") make a value
 * count only as a name as a whole, as "not" does (QA: they located the
 * respondent where they no longer live). */
Test(gazetteer, former_and_denied_places_are_unassigned)
{
	vp_gazetteer *g = small_gaz();
	const char *no[] = {"formerly Melton", "Previously Oakham", "no longer in Oakham",
	                    "used to live in Loughborough", "ex Loughborough", "moved away from Oakham",
	                    "anywhere but Loughborough", "originally Melton", "never Oakham",
	                    "former Melton resident"};
	for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
		vp_resolved r = resolve(g, no[i], VP_MATCH_FIELD);
		cr_expect_not(r.found, "'%s' resolved to %s", no[i], r.locality);
	}
	expect(g, "moved to Oakham", LLR, "Rutland", ELR, 0);
	expect(g, "from Oakham", LLR, "Rutland", ELR, 0);
	vp_gazetteer_free(g);
}

Test(gazetteer, normalise)
{
	struct { const char *in, *want; } c[] = {
		{"St. John's Wood", "saint johns wood"},
		{"Saint John’s  Wood", "saint johns wood"},
		{"Hammersmith & Fulham", "hammersmith and fulham"},
		{"Ashby-de-la-Zouch", "ashby de la zouch"},
		{"ÉALING", "ealing"},
		{"  --  ", ""},
	};
	for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
		vp_buf b = VP_BUF_INIT;
		cr_assert_eq(vp_gazetteer_normalise(c[i].in, strlen(c[i].in), &b), 0);
		cr_expect_str_eq(b.data ? b.data : "", c[i].want, "'%s'", c[i].in);
		vp_buf_free(&b);
	}
}

static void expect_error(const char *text, const char *msg)
{
	vp_err e;
	vp_gazetteer *g = load(text, &e);
	cr_expect_null(g, "accepted: %s", text);
	vp_gazetteer_free(g);
	cr_expect_eq(e.code, EX_CONFIG, "code %d for %s", e.code, text);
	cr_expect(strstr(e.msg, msg) != NULL, "got '%s', want '%s'", e.msg, msg);
}

Test(gazetteer, malformed_lines_name_file_and_line)
{
	expect_error("system S\nplace P\nlocalty L\n", "t.txt:3: unknown keyword 'localty'");
	expect_error("place P\n", "t.txt:1: 'place' before any 'system' line");
	expect_error("system S\nlocality L\n", "t.txt:2: 'locality' before any 'place' line");
	expect_error("system S\nplace P\narea X\n", "t.txt:3: 'area' before any 'locality' line");
	expect_error("system S\nplace P\nlocality L\npostcode LE1 Oakham\n",
	             "t.txt:4: 'Oakham' is not a postcode district");
	expect_error("system S\nplace P\nlocality L\narea A || B\n", "t.txt:4: empty name");
	expect_error("system S\nplace P\nlocality L\narea ---\n", "t.txt:4: '---' has no letters");
	expect_error("system S\nplace P\nlocality\n", "t.txt:3: 'locality' needs a name");
	expect_error("system S\nplace P\nlocality L\narea X\xff\n", "t.txt:4: invalid UTF-8");
	expect_error("# nothing\n", "no localities");
}

Test(gazetteer, name_in_two_localities_must_be_shared)
{
	expect_error("system S\nplace P\nlocality A\narea Town\nlocality B\narea Town\n",
	             "t.txt:4: 'Town' is in A (P) and also in B (P) (t.txt:6); mark it 'shared'");
	expect_error("system S\nplace P\nlocality A\nshared Town\nlocality B\narea X\n",
	             "t.txt:4: 'Town' is marked shared but is in no other locality");
	expect_error("system S\nplace P\nlocality A | AB\nlocality B\narea AB\n",
	             "t.txt:5: 'AB' is a name of locality A (t.txt:3) and cannot also be in B (P)");
	vp_err e;
	vp_gazetteer *g = load("system S\nplace P\nlocality A\nshared Town\n"
	                       "locality B\nshared Town\n", &e);
	cr_assert_not_null(g, "%s", e.msg);
	expect(g, "town", "S", "P", VP_UNASSIGNED, 1);
	vp_gazetteer_free(g);
}

Test(gazetteer, load_directory_and_missing)
{
	vp_err e;
	vp_err_clear(&e);
	vp_gazetteer *g = vp_gazetteer_new();
	cr_assert_eq(vp_gazetteer_load(g, "tests/data/locate/no-such-dir", &e), EX_NOINPUT);
	cr_expect_str_eq(e.msg, "tests/data/locate/no-such-dir: No such file or directory");
	cr_assert_eq(vp_gazetteer_load(g, "lexicons/localities", &e), 0, "%s", e.msg);
	cr_assert_eq(vp_gazetteer_finish(g, &e), 0, "%s", e.msg);
	cr_expect_eq(vp_gazetteer_systems(g), 2);
	cr_expect_eq(vp_gazetteer_localities(g), 11);
	vp_gazetteer_free(g);
}

Test(gazetteer, misspelt_long_words_are_corrected_when_unique)
{
	vp_gazetteer *g = small_gaz();
	vp_resolved r = resolve(g, "Loughbrough", VP_MATCH_FIELD);      /* dropped letter */
	cr_expect_str_eq(r.locality, "West Leicestershire");
	cr_expect(r.corrected);
	r = resolve(g, "Melton Mowbary", VP_MATCH_FIELD);  /* not "melton" + another word */
	cr_expect_str_eq(r.locality, ELR);
	cr_expect(r.corrected);
	r = resolve(g, "Oadby & Wigtson", VP_MATCH_FIELD);              /* swapped letters */
	cr_expect_str_eq(r.locality, ELR);
	cr_expect(r.corrected);
	r = resolve(g, "Leicestershir", VP_MATCH_FIELD);
	cr_expect_str_eq(r.place, "Leicestershire");
	r = resolve(g, "Uppinghan", VP_MATCH_FIELD);                    /* changed letter */
	cr_expect_str_eq(r.place, "Rutland");
	/* Too short to correct safely, two edits away, or a known outside name. */
	const char *no[] = {"Oakam", "Melten", "Loughbrugh", "Hillington"};
	for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
		r = resolve(g, no[i], VP_MATCH_FIELD);
		cr_expect_not(r.found, "'%s' was corrected into %s", no[i], r.locality);
	}
	/* Free text is never corrected. */
	r = resolve(g, "We went to Loughbrough", VP_MATCH_TEXT);
	cr_expect_not(r.found);
	vp_gazetteer_free(g);
}

Test(gazetteer, dotted_initials)
{
	vp_gazetteer *g = small_gaz();
	expect(g, "E.L.R.", LLR, VP_UNASSIGNED, ELR, 1);
	expect(g, "w. l.", LLR, "Leicestershire", "West Leicestershire", 0);
	vp_resolved r = resolve(g, "L.E.", VP_MATCH_FIELD);
	cr_expect_not(r.found);
	vp_gazetteer_free(g);
}

Test(gazetteer, street_names_do_not_locate)
{
	vp_gazetteer *g = small_gaz();
	vp_resolved r = resolve(g, "Melton Road", VP_MATCH_FIELD);
	cr_expect_not(r.found);
	r = resolve(g, "Oakham Rd", VP_MATCH_FIELD);
	cr_expect_not(r.found);
	expect(g, "Melton Road, Loughborough", LLR, "Leicestershire", "West Leicestershire", 0);
	vp_gazetteer_free(g);
}

/* Streets written short or of other kinds are streets too (QA: "Melton St"
 * -- Melton Street is in Leicester city centre -- was located in Melton, as
 * "St" reads as Saint and "saint" was harmless; in --from-text "Oakham Ave",
 * "Melton Grove", "Oakham Court", "Melton Mews" located where no field did). */
Test(gazetteer, short_and_other_street_words_do_not_locate)
{
	vp_gazetteer *g = small_gaz();
	const char *no[] = {"Melton St", "Melton St.", "Oakham Ave", "Melton Grove", "Oakham Court",
	                    "Melton Place", "Uppingham Gardens", "Melton Mews", "Oakham Ln",
	                    "Melton Cres", "Oakham Walk", "Melton Sq", "Oakham Gdns", "Melton Pl",
	                    "Loughborough Ct", "Oakham Cl", "Melton Dr", "Oakham Row", "Melton Gate"};
	for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
		vp_resolved r = resolve(g, no[i], VP_MATCH_FIELD);
		cr_expect_not(r.found, "field '%s' resolved to %s", no[i], r.locality);
		char text[128];
		snprintf(text, sizeof text, "We walked down %s to the clinic", no[i]);
		r = resolve(g, text, VP_MATCH_TEXT);
		cr_expect_not(r.found, "text '%s' resolved to %s", text, r.locality);
	}
	/* the street beside its town: the town */
	expect(g, "Melton St, Loughborough", LLR, "Leicestershire", "West Leicestershire", 0);
	expect(g, "Loughborough, Melton Grove", LLR, "Leicestershire", "West Leicestershire", 0);
	/* a Saint before a name is still one, and a street name keeps its St */
	vp_resolved r = resolve(g, "St Mary's Road", VP_MATCH_FIELD);
	cr_expect_str_eq(r.locality, "West Leicestershire");
	vp_gazetteer_free(g);
}

Test(gazetteer, town_beats_post_town)
{
	vp_gazetteer *g = small_gaz();
	/* Leicester is the post town of county villages: the town decides. */
	expect(g, "Oadby & Wigston, Leicester", LLR, "Leicestershire", ELR, 0);
	expect(g, "Loughborough, City of Leicester", LLR, "Leicestershire", "West Leicestershire", 0);
	/* Two places contradicting: only the system. */
	expect(g, "Leics, City of Leicester", LLR, VP_UNASSIGNED, VP_UNASSIGNED, 1);
	vp_gazetteer_free(g);
}

/* In free text a postcode district of a one-letter area is too often
 * something else: a ward or bay ("ward W3", "Bay W10"), a vitamin (B12), a
 * motorway (M1). QA: "Bay W10 was noisy" in an LLR survey was located in
 * North West London. Fields still take them; two-letter areas count in text. */
Test(gazetteer, text_skips_one_letter_area_districts)
{
	vp_err e;
	vp_gazetteer *g = load("system S\nplace P\nlocality Ealing\npostcode W3 W5 HA0\n"
	                       "locality Brent\npostcode NW10 B12 M1\n", &e);
	cr_assert_not_null(g, "%s", e.msg);
	const char *no[] = {"I was on ward W3 for a week", "Bay W5 was noisy", "Take vitamin B12",
	                    "Stuck on the M1 for hours"};
	for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
		vp_resolved r = resolve(g, no[i], VP_MATCH_TEXT);
		cr_expect_not(r.found, "'%s' resolved to %s", no[i], r.locality);
	}
	vp_resolved r = resolve(g, "I live in HA0 and it is fine", VP_MATCH_TEXT);
	cr_expect_str_eq(r.locality, "Ealing");
	r = resolve(g, "we are NW10 people", VP_MATCH_TEXT);
	cr_expect_str_eq(r.locality, "Brent");
	r = resolve(g, "W3", VP_MATCH_FIELD);
	cr_expect_str_eq(r.locality, "Ealing");
	r = resolve(g, "w5 2ab", VP_MATCH_FIELD);
	cr_expect_str_eq(r.locality, "Ealing");
	vp_gazetteer_free(g);
}

Test(gazetteer, outside_names_block_a_match)
{
	vp_gazetteer *g = small_gaz();
	const char *in[] = {"Nottingham", "nottingham", "Melton Road, Nottingham", "Oakham? no, Nottingham"};
	for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
		vp_locus l;
		cr_assert_eq(vp_gazetteer_match(g, in[i], strlen(in[i]), VP_MATCH_FIELD, &l), 0);
		vp_resolved r;
		vp_gazetteer_resolve(g, &l, &r);
		cr_expect_not(r.found, "'%s'", in[i]);
		cr_expect(r.outside, "'%s'", in[i]);
	}
	/* In free text a mention elsewhere does not cancel one here. */
	vp_resolved r = resolve(g, "Moved from Nottingham to Oakham", VP_MATCH_TEXT);
	cr_expect_str_eq(r.place, "Rutland");
	expect_error("system S\nplace P\nlocality A\narea Town\noutside Town\n",
	             "t.txt:5: 'Town' is declared outside but is also declared elsewhere (t.txt:4)");
	vp_gazetteer_free(g);
}

Test(gazetteer, non_answers_are_not_places)
{
	vp_gazetteer *g = small_gaz();
	const char *in[] = {"Prefer not to say", "N/A", "n.a.", "-", "?"};
	for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
		vp_resolved r = resolve(g, in[i], VP_MATCH_FIELD);
		cr_expect_not(r.found, "'%s'", in[i]);
		cr_expect(r.no_answer, "'%s' not taken as a non-answer", in[i]);
	}
	/* Only a whole value: a place next to it still counts. */
	expect(g, "Oakham (n/a)", LLR, "Rutland", ELR, 0);
	expect_error("no-answer none\nsystem S\nplace P\nlocality A\narea None\n",
	             "t.txt:1: 'none' is declared no-answer but is also declared elsewhere (t.txt:5)");
	vp_gazetteer_free(g);
}

/* A value naming somewhere else beside a known name is not located here
 * (QA: "Melton, Suffolk", "Melton IP12", "Melton Constable" were ELR). */
Test(gazetteer, qualified_elsewhere_is_unassigned)
{
	vp_gazetteer *g = small_gaz();
	const char *no[] = {"Melton, Suffolk", "Melton IP12", "Melton Constable", "Oakham, Perth",
	                    "Loughborough; Auckland", "Oakham (Scotland)", "Melton Mowbray Nottingham"};
	for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
		vp_resolved r = resolve(g, no[i], VP_MATCH_FIELD);
		cr_expect_not(r.found, "'%s' resolved to %s", no[i], r.locality);
	}
	expect(g, "Melton Mowbray town centre", LLR, "Leicestershire", ELR, 0);
	expect(g, "near Oakham", LLR, "Rutland", ELR, 0);
	expect(g, "lives in Oakham, Rutland, UK", LLR, "Rutland", ELR, 0);
	expect(g, "Loughborough, Leics", LLR, "Leicestershire", "West Leicestershire", 0);
	expect(g, "City of Leicester LE1", LLR, "Leicester", "Leicester City", 0);
	expect(g, "Nottingham Road, Loughborough", LLR, "Leicestershire", "West Leicestershire", 0);
	vp_gazetteer_free(g);
}

/* Free text: a place in no system counts when it is the commenter's home
 * ("I live in Nottingham") or qualifies the name before it ("Melton,
 * Nottingham", "Whetstone, London"): the text was located at the town here
 * it also named, a wrong locality.  A place in no system merely mentioned
 * ("Moved from Nottingham to Oakham", no cue) changes nothing. */
Test(gazetteer, text_home_or_qualifier_elsewhere_is_not_located)
{
	vp_gazetteer *g = small_gaz();
	const char *out[] = {"I live in Nottingham and my mum is in Oakham", "I live in Melton, Nottingham",
	                     "Oakham, Nottingham is where I live", "We live in Nottingham"};
	for (size_t i = 0; i < sizeof out / sizeof *out; i++) {
		vp_resolved r = resolve(g, out[i], VP_MATCH_TEXT);
		cr_expect_not(r.found, "'%s' resolved to %s", out[i], r.locality);
		cr_expect(r.outside, "'%s' not counted outside", out[i]);
	}
	/* home here and in no system: nothing is certain, not even the system */
	vp_resolved r = resolve(g, "I live in Nottingham and I live in Oakham at weekends", VP_MATCH_TEXT);
	cr_expect(r.found);
	cr_expect(r.ambiguous);
	cr_expect_str_eq(r.system, VP_UNASSIGNED);
	r = resolve(g, "Moved from Nottingham to Oakham", VP_MATCH_TEXT);
	cr_expect_str_eq(r.place, "Rutland");
	r = resolve(g, "I went to Nottingham for care, I live in Melton", VP_MATCH_TEXT);
	cr_expect_str_eq(r.locality, ELR);
	r = resolve(g, "Nottingham is better than Loughborough", VP_MATCH_TEXT);
	cr_expect_str_eq(r.locality, "West Leicestershire");
	r = resolve(g, "I live in Leicester and my mum lives in Nottingham", VP_MATCH_TEXT);
	cr_expect_str_eq(r.locality, "Leicester City");
	vp_gazetteer_free(g);

	static const char a[] = "system A\nplace PA\nlocality LA\narea Mayfair\nwithin London\n";
	static const char b[] = "system B\nplace PB\nlocality LB\narea Whetstone\n";
	g = vp_gazetteer_new();
	vp_err e;
	vp_err_clear(&e);
	cr_assert_eq(vp_gazetteer_load_text(g, "a.txt", a, strlen(a), &e), 0, "%s", e.msg);
	cr_assert_eq(vp_gazetteer_load_text(g, "b.txt", b, strlen(b), &e), 0, "%s", e.msg);
	cr_assert_eq(vp_gazetteer_finish(g, &e), 0, "%s", e.msg);
	r = resolve(g, "I live in Mayfair, London", VP_MATCH_TEXT);
	cr_expect_str_eq(r.locality, "LA");
	const char *b_not[] = {"I live in Whetstone, London", "I live in London and work in Whetstone"};
	for (size_t i = 0; i < sizeof b_not / sizeof *b_not; i++) {
		r = resolve(g, b_not[i], VP_MATCH_TEXT);
		cr_expect_not(r.found, "'%s' resolved to %s", b_not[i], r.locality);
	}
	r = resolve(g, "Whetstone is lovely", VP_MATCH_TEXT);
	cr_expect_str_eq(r.locality, "LB");
	vp_gazetteer_free(g);
}

/* Free text named a person, an address elsewhere or a hospital and was
 * located at a town of the same name (probe: "Sarah Stapleton on
 * reception", "Thanks to John Ashby", "I'm in CF10 1AA, visiting my mum
 * in Oakham", "the wait at Glenfield was 5 hours"), a wrong locality. */
Test(gazetteer, text_person_postcode_elsewhere_or_bare_hospital_is_not_located)
{
	vp_gazetteer *g = small_gaz();
	const char *no[] = {"Sarah Melton on reception was lovely", "Thanks to John Oakham",
	                    "Loughborough on reception was rude", "I saw Oakham the physio twice",
	                    "I'm in CF10 1AA, visiting my mum in Oakham", "I am in EH1 and work in Melton",
	                    "we're in Nottingham, my dad is in Melton",
	                    "My address is 1 High St, EH1 1YZ. Mum lives in Oakham"};
	for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
		vp_resolved r = resolve(g, no[i], VP_MATCH_TEXT);
		cr_expect(!r.found || !strcmp(r.system, VP_UNASSIGNED), "'%s' resolved to %s", no[i],
		          r.locality);
	}
	/* genuine mentions keep their place */
	const char *rutland[] = {"In Oakham the GP is great", "Oakham and Rutland are lovely",
	                         "Visiting Oakham was fine", "From Oakham to the city",
	                         "Uppingham Rutland", "Healthwatch Rutland listened",
	                         "I'm in Oakham", "Locality: Rutland", "Dr Patel in Oakham was kind",
	                         "My postcode is LE15 6AB. I live in Oakham",
	                         "Send it to CF10 1AA, I live in Oakham"};
	for (size_t i = 0; i < sizeof rutland / sizeof *rutland; i++) {
		vp_resolved r = resolve(g, rutland[i], VP_MATCH_TEXT);
		cr_expect_str_eq(r.place, "Rutland", "'%s'", rutland[i]);
	}
	vp_gazetteer_free(g);

	/* a name that is a village and a hospital: in text only the commenter's home */
	static const char hosp[] = "system S\nplace P\nlocality L\narea Glenfield\n"
	                           "site Glenfield | Glenfield Hospital\nlocality M\narea Melton\n";
	vp_err e;
	g = load(hosp, &e);
	cr_assert_not_null(g, "%s", e.msg);
	vp_resolved r = resolve(g, "the wait at Glenfield was 5 hours", VP_MATCH_TEXT);
	cr_expect_not(r.found, "resolved to %s", r.locality);
	r = resolve(g, "I live in Melton, heart clinic at Glenfield", VP_MATCH_TEXT);
	cr_expect_str_eq(r.locality, "M");
	r = resolve(g, "I live in Glenfield", VP_MATCH_TEXT);
	cr_expect_str_eq(r.locality, "L");
	r = resolve(g, "Glenfield", VP_MATCH_FIELD);
	cr_expect_str_eq(r.locality, "L");
	vp_gazetteer_free(g);
}

/* `within`: a wider area must hold the name found; `outside` yields to a
 * real declaration in another file, not in the same one. */
Test(gazetteer, within_and_outside_across_files)
{
	static const char a[] = "system A\nplace PA\nlocality LA\narea Mayfair\nwithin London\n";
	static const char b[] = "system B\nplace PB\nlocality LB\narea Whetstone | Leicester Square\n"
	                        "outside London | Mayfair\n";
	vp_gazetteer *g = vp_gazetteer_new();
	vp_err e;
	vp_err_clear(&e);
	cr_assert_eq(vp_gazetteer_load_text(g, "a.txt", a, strlen(a), &e), 0, "%s", e.msg);
	cr_assert_eq(vp_gazetteer_load_text(g, "b.txt", b, strlen(b), &e), 0, "%s", e.msg);
	cr_assert_eq(vp_gazetteer_finish(g, &e), 0, "%s", e.msg);
	vp_resolved r = resolve(g, "Mayfair, London", VP_MATCH_FIELD);
	cr_expect_str_eq(r.locality, "LA");
	r = resolve(g, "Whetstone, London", VP_MATCH_FIELD);
	cr_expect_not(r.found);
	r = resolve(g, "London", VP_MATCH_FIELD);
	cr_expect_not(r.found);
	cr_expect(r.outside);
	vp_gazetteer_free(g);
	expect_error("system S\nplace P\nlocality A\narea Town\nwithin Town\n",
	             "t.txt:5: 'Town' is declared within but is also declared elsewhere (t.txt:4)");
}

/* Free text naming a place only as one the commenter must travel to ("I
 * have to travel 25 miles to Leicester for my scans", from Rutland) was
 * located there: a journey there says the commenter lives elsewhere, and
 * maybe outside the system (the city's hospitals take patients from
 * neighbouring systems too), so nothing is located and the record says
 * how it was read (VP_TEXT_JOURNEY).  A home move ("I moved to Oakham"),
 * where care was ("at", "in"), a plain mention, or a journey beside any
 * other mention of the same place keep locating as before. */
Test(gazetteer, text_naming_only_places_travelled_to_locates_nothing)
{
	vp_gazetteer *g = small_gaz();
	const char *journey[] = {
		"I have to travel 25 miles to Leicester for my scans",
		"I have to travel to Leicester for everything",
		"Travelling to Leicester is a nightmare",
		"Traveling to Leicester costs a fortune",
		"I travelled to Leicester twice",
		"We drive to Leicester every week", "Driving to Leicester takes an hour",
		"I drove to Leicester and back", "It is 20 miles to Leicester",
		"I went all the way to Leicester for nothing", "What a trek to Leicester",
		"The journey to Leicester is too long", "I could not get to Leicester",
		"Getting to Leicester is hard without a car", "I have to go to Leicester for bloods",
		"Going to Leicester is a full day out", "I went to Leicester for an X-ray",
		"I had to go into Leicester for it", "We go over to Leicester for the clinic",
		"The bus to Leicester is always late", "Two trips to Leicester a week",
		"It takes two hours to Leicester by bus", "No parking on the way to Leicester",
		"I commute to Leicester for treatment",
		/* every mention a journey, one place or several */
		"I drive to Leicester, then I have to drive to Leicester again",
		"I have to travel to Leicester and then travel to Loughborough",
	};
	for (size_t i = 0; i < sizeof journey / sizeof *journey; i++) {
		vp_locus l;
		vp_resolved r;
		cr_assert_geq(vp_gazetteer_match(g, journey[i], strlen(journey[i]), VP_MATCH_TEXT, &l),
		              0);
		vp_gazetteer_resolve(g, &l, &r);
		cr_expect_not(r.found, "'%s' resolved to %s / %s", journey[i], r.system, r.locality);
		cr_expect_str_eq(r.system, VP_UNASSIGNED, "'%s'", journey[i]);
		cr_expect_eq(l.text_rule, VP_TEXT_JOURNEY, "'%s' rule %d", journey[i], l.text_rule);
		cr_expect_not(r.outside, "'%s' counted outside", journey[i]);
	}
	/* look-alikes that still locate, as before */
	static const struct {
		const char *text, *locality;
	} still[] = {
		{"I moved to Leicester last year", "Leicester City"},
		{"We moved to Oakham from Leicester", ELR},
		{"I'm from Leicester", "Leicester City"},
		{"Leicester is great", "Leicester City"},
		{"In Leicester the wait is long", "Leicester City"},
		{"The clinic in Leicester was fine", "Leicester City"},
		{"I waited 5 hours at Leicester", "Leicester City"},
		{"I went to the clinic in Leicester", "Leicester City"},
		{"Welcome to Leicester", "Leicester City"},
		{"Moved from Nottingham to Oakham", ELR},
		{"travel from Leicester to Melton", "Leicester City"},
		{"I have to travel to Leicester from Oakham", ELR},
		{"From Leicester we moved to Oakham", ELR},
		{"I live in Melton and have to travel to Leicester", ELR},
		{"Getting to Leicester from Oakham takes an hour", ELR},
		{"Leicester is fine, but I still have to drive to Leicester for scans", "Leicester City"},
		{"I have to travel to Leicester but I live in Leicester", "Leicester City"},
	};
	for (size_t i = 0; i < sizeof still / sizeof *still; i++) {
		vp_resolved r = resolve(g, still[i].text, VP_MATCH_TEXT);
		cr_expect_str_eq(r.locality, still[i].locality, "'%s'", still[i].text);
	}
	/* a place gone to on a journey from a home in no system: outside, as before */
	vp_resolved r = resolve(g, "I live in Nottingham and travel to Leicester", VP_MATCH_TEXT);
	cr_expect_not(r.found);
	cr_expect(r.outside);
	/* a field value is not text: "travel to Leicester" there is still Leicester */
	r = resolve(g, "to Leicester", VP_MATCH_FIELD);
	cr_expect_str_eq(r.locality, "Leicester City");
	vp_gazetteer_free(g);
}

/* A list of places gone to shares its cue: "I have to travel to Leicester
 * and Loughborough" named two journeys, but only Leicester's carried the
 * cue, so Loughborough was left when places gone to were set aside and the
 * text was located at West Leicestershire, a guess.  A place joined to the
 * one before by "and", "or" or a comma alone takes its cue when that is a
 * place gone to; a home cue is not carried ("I live in Melton and
 * Leicester is where I work" is Melton's). */
Test(gazetteer, list_of_places_gone_to_shares_the_cue)
{
	vp_gazetteer *g = small_gaz();
	const char *journey[] = {
		"I have to travel to Leicester and Loughborough for appointments",
		"I have to go to Leicester or Loughborough for scans",
		"We drive to Leicester, Loughborough and Oakham",
		"I travel to Oakham & Leicester",
	};
	for (size_t i = 0; i < sizeof journey / sizeof *journey; i++) {
		vp_locus l;
		vp_resolved r;
		cr_assert_geq(vp_gazetteer_match(g, journey[i], strlen(journey[i]), VP_MATCH_TEXT, &l),
		              0);
		vp_gazetteer_resolve(g, &l, &r);
		cr_expect_not(r.found, "'%s' resolved to %s", journey[i], r.locality);
		cr_expect_eq(l.text_rule, VP_TEXT_JOURNEY, "'%s' rule %d", journey[i], l.text_rule);
	}
	/* places gone to (not journeys): the system, never one of them */
	vp_resolved r = resolve(g, "Appointments at Leicester and Oakham are hard to get",
	                        VP_MATCH_TEXT);
	cr_expect_str_eq(r.system, LLR);
	cr_expect_str_eq(r.locality, VP_UNASSIGNED);
	cr_expect(r.ambiguous);
	/* what still locates */
	static const struct {
		const char *text, *locality;
	} still[] = {
		{"I live in Melton and Leicester is where I work", ELR},
		{"travel from Leicester to Melton", "Leicester City"},
		{"I drive to Leicester and Oakham has no buses so I live in Oakham", ELR},
		{"I have to travel to Leicester from Oakham", ELR},
		{"I live in Oakham, Rutland and travel to Leicester", ELR},
		{"Getting to Leicester from Oakham takes an hour", ELR},
	};
	for (size_t i = 0; i < sizeof still / sizeof *still; i++) {
		r = resolve(g, still[i].text, VP_MATCH_TEXT);
		cr_expect_str_eq(r.locality, still[i].locality, "'%s'", still[i].text);
	}
	vp_gazetteer_free(g);
}
