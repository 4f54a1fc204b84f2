/* dedup.c: exact duplicates, the short-answer rule, MinHash/LSH near
 * duplicates, campaign ids, the bound on memory, the record step. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "voxpop/dedup.h"
#include "memout.h"

static const char *CAMPAIGN =
	"I am writing to object to the proposal to close the minor injuries unit at Melton "
	"Mowbray hospital. Local people rely on this service and the nearest alternative is a "
	"forty minute drive to Leicester Royal Infirmary. There is no reliable bus service in "
	"the evening or at weekends. I urge you to keep the unit open.";

static vp_dedup *open_with(size_t max_items, FILE *report)
{
	vp_dedup_opts o;
	vp_dedup_opts_default(&o);
	o.max_items = max_items;
	o.report = report;
	vp_dedup *d;
	vp_err e;
	cr_assert_eq(vp_dedup_open(&d, &o, &e), 0, "%s", e.msg);
	return d;
}

static vp_dedup_match add(vp_dedup *d, const char *id, const char *text)
{
	vp_dedup_match m;
	vp_err e;
	cr_assert_eq(vp_dedup_add(d, id, strlen(id), text, strlen(text), &m, &e), 0, "%s", e.msg);
	return m;
}

Test(dedup, options_checked)
{
	vp_dedup_opts o;
	vp_dedup *d;
	vp_err e;
	vp_dedup_opts_default(&o);
	o.max_items = 0;
	cr_assert_eq(vp_dedup_open(&d, &o, &e), EX_USAGE);
	vp_dedup_opts_default(&o);
	o.threshold = 1.5;
	cr_assert_eq(vp_dedup_open(&d, &o, &e), EX_USAGE);
	vp_dedup_opts_default(&o);
	o.shingle = 0;
	cr_assert_eq(vp_dedup_open(&d, &o, &e), EX_USAGE);
}

/* Case, punctuation, spacing and Unicode compatibility forms do not matter. */
Test(dedup, exact_duplicates_after_normalising)
{
	vp_dedup *d = open_with(100, NULL);
	cr_assert_eq(add(d, "a", CAMPAIGN).kind, VP_DEDUP_NEW);
	char shouted[1024];
	snprintf(shouted, sizeof shouted, "  %s!!  ", CAMPAIGN);
	for (char *p = shouted; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	vp_dedup_match m = add(d, "b", shouted);
	cr_assert_eq(m.kind, VP_DEDUP_EXACT);
	cr_assert_str_eq(m.first, "a");
	cr_assert(m.campaign);
	cr_assert_eq(m.size, 2);
	cr_assert_float_eq(m.similarity, 1.0, 1e-9);
	m = add(d, "c", CAMPAIGN);
	cr_assert_eq(m.kind, VP_DEDUP_EXACT);
	cr_assert_str_eq(m.first, "a");
	cr_assert_eq(m.size, 3);
	/* fullwidth letters are NFKC-folded */
	cr_assert_eq(add(d, "d", "ＮＯ").kind, VP_DEDUP_NEW);
	m = add(d, "e", "no");
	cr_assert_eq(m.kind, VP_DEDUP_EXACT);
	cr_assert_str_eq(m.first, "d");
	vp_dedup_close(d);
}

/* Short generic answers are duplicates of each other, never a campaign,
 * however many there are, and never near duplicates. */
Test(dedup, short_answers_never_campaigns)
{
	vp_dedup *d = open_with(100, NULL);
	cr_assert_eq(add(d, "s0", "Nothing to add").kind, VP_DEDUP_NEW);
	for (int i = 1; i < 50; i++) {
		char id[16];
		snprintf(id, sizeof id, "s%d", i);
		vp_dedup_match m = add(d, id, i % 2 ? "nothing to add." : "NOTHING TO ADD");
		cr_assert_eq(m.kind, VP_DEDUP_EXACT);
		cr_assert_str_eq(m.first, "s0");
		cr_assert_not(m.campaign);
		cr_assert_eq(m.size, 0);
	}
	/* 14 words (under the default 15): a near copy is not even a duplicate */
	const char *fourteen = "please keep the minor injuries unit at melton open it matters to us all";
	cr_assert_eq(add(d, "x", fourteen).words, 14);
	cr_assert_eq(add(d, "y", "Dear sir please keep the minor injuries unit at melton open it matters to us all").kind,
	             VP_DEDUP_NEW);
	vp_dedup_stats st;
	vp_dedup_stats_get(d, &st);
	cr_assert_eq(st.campaigns, 0);
	cr_assert_eq(st.short_exact, 49);
	/* empty after normalising: nothing to compare */
	cr_assert_eq(add(d, "z", "...").kind, VP_DEDUP_NEW);
	cr_assert_eq(add(d, "z2", "!!").kind, VP_DEDUP_NEW);
	vp_dedup_close(d);
}

/* Emoji and other symbols are no words, as punctuation is not: a thumbs-up
 * (with a skin tone, a variation selector, in a ZWJ sequence, a flag, a
 * keycap) or a currency sign does not make a text new, a text of emoji
 * alone has nothing to compare (as "!!"), and real words still count. */
Test(dedup, emoji_and_symbols_are_punctuation)
{
	vp_dedup *d = open_with(100, NULL);
	cr_assert_eq(add(d, "a", "Nothing to add").kind, VP_DEDUP_NEW);
	static const char *const same[] = {
		"Nothing to add \U0001F44D",
		"Nothing to add \U0001F44D\U0001F3FD",
		"Nothing \u2764\uFE0F to add",
		"\U0001F468\u200D\U0001F469\u200D\U0001F467 Nothing to add",
		"Nothing to add \U0001F1EC\U0001F1E7 \u2B50\u2B50",
		"Nothing to add\U0001F642",
		"Nothing to add :)",
		"Nothing to add \U0001F44E",
		"\u00A3 Nothing to add",
	};
	for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
		char id[8];
		snprintf(id, sizeof id, "s%zu", i);
		vp_dedup_match m = add(d, id, same[i]);
		cr_assert_eq(m.kind, VP_DEDUP_EXACT, "%s", same[i]);
		cr_assert_str_eq(m.first, "a");
		cr_assert_eq(m.words, 3, "%s: %zu words", same[i], m.words);
	}
	/* a real word more or less is another text */
	cr_assert_eq(add(d, "b", "Nothing more to add \U0001F44D").kind, VP_DEDUP_NEW);
	/* a keycap digit is the digit */
	cr_assert_eq(add(d, "k", "Nothing to add 5").kind, VP_DEDUP_NEW);
	vp_dedup_match k = add(d, "k2", "Nothing to add 5\uFE0F\u20E3");
	cr_assert_eq(k.kind, VP_DEDUP_EXACT);
	cr_assert_str_eq(k.first, "k");
	/* emoji alone: no words, nothing to compare, never a duplicate */
	vp_dedup_match m = add(d, "e1", "\U0001F44D");
	cr_assert_eq(m.kind, VP_DEDUP_NEW);
	cr_assert_eq(m.words, 0);
	cr_assert_eq(add(d, "e2", "\U0001F44D").kind, VP_DEDUP_NEW);
	cr_assert_eq(add(d, "e3", "\u2764\uFE0F\u2764\uFE0F").kind, VP_DEDUP_NEW);
	cr_assert_eq(add(d, "e4", "").kind, VP_DEDUP_NEW);
	vp_dedup_close(d);
}

/* A campaign text with a greeting, a name, a typo and a sentence of one's
 * own is a near duplicate of the first; an unrelated text is not. */
Test(dedup, near_duplicates_join_the_campaign)
{
	vp_dedup *d = open_with(100, NULL);
	add(d, "first", CAMPAIGN);
	char edited[1024];
	snprintf(edited, sizeof edited, "Dear Sir or Madam, %s My mother is 84 and cannot drive. Regards, Jane Smith",
	         CAMPAIGN);
	char *p = strstr(edited, "reliable");
	memcpy(p, "relaible", 8);
	vp_dedup_match m = add(d, "second", edited);
	cr_assert_eq(m.kind, VP_DEDUP_NEAR);
	cr_assert(m.campaign);
	cr_assert_str_eq(m.first, "first");
	cr_assert_eq(m.size, 2);
	cr_assert(m.similarity >= 0.5 && m.similarity < 1, "%f", m.similarity);
	m = add(d, "other", "The parking at the Royal is far too expensive and there are never any spaces "
	                    "near the entrance for people with a blue badge, which is not good enough.");
	cr_assert_eq(m.kind, VP_DEDUP_NEW);
	cr_assert_not(m.campaign);
	vp_dedup_close(d);
}

/* The opposite view in almost the same words is not a copy (QA: "I do not
 * support the proposal to close the minor injuries unit ..." joined the
 * campaign of "I support the proposal ...", 0.58 alike, so vp-count --dedup
 * counted the opposing answer as a copy of the one it opposes). A copy
 * keeping the campaign's own negations, dropping a sentence that holds
 * one, or adding one of its own ("cannot drive") is still a copy. */
Test(dedup, opposite_view_is_not_a_copy)
{
	static const char *const pairs[][2] = {
		{"I support the proposal to close the minor injuries unit at the community hospital "
		 "because it is rarely used by anyone.",
		 "I do not support the proposal to close the minor injuries unit at the community "
		 "hospital because it is used by everyone."},
		{"I agree with the plan to move the stroke unit from the General to the Royal "
		 "Infirmary in the city.",
		 "I disagree with the plan to move the stroke unit from the General to the Royal "
		 "Infirmary in the city."},
		{"We can rely on the evening bus to get to the hospital so moving the clinic there "
		 "would be fine for us.",
		 "We can't rely on the evening bus to get to the hospital so moving the clinic there "
		 "would be fine for us."},
		{"The new booking system is easy to use and the staff on the phone are helpful when "
		 "you ring them.",
		 "The new booking system isn't easy to use and the staff on the phone are helpful "
		 "when you ring them."},
		/* "no" negates too (probe: joined, 0.86 alike) */
		{"I have concerns about the proposal to move the stroke rehabilitation unit from "
		 "Melton Mowbray Hospital to Leicester General.",
		 "I have no concerns about the proposal to move the stroke rehabilitation unit from "
		 "Melton Mowbray Hospital to Leicester General."},
		/* so do "never", "not" and "n't" before "had" (probe, fixread: "never
		 * had concerns" joined "have concerns") */
		{"I have concerns about the proposal to move the stroke rehabilitation unit from "
		 "Melton Mowbray Hospital to Leicester General.",
		 "I have never had concerns about the proposal to move the stroke rehabilitation unit "
		 "from Melton Mowbray Hospital to Leicester General."},
		{"I have concerns about the proposal to move the stroke rehabilitation unit from "
		 "Melton Mowbray Hospital to Leicester General.",
		 "I haven't had concerns about the proposal to move the stroke rehabilitation unit "
		 "from Melton Mowbray Hospital to Leicester General."},
		{"We have had problems getting an appointment at the surgery in Oakham since the "
		 "new phone system came in last year.",
		 "We have not had problems getting an appointment at the surgery in Oakham since the "
		 "new phone system came in last year."},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		for (int way = 0; way < 2; way++) {
			vp_dedup *d = open_with(100, NULL);
			cr_assert_eq(add(d, "a", pairs[i][way]).kind, VP_DEDUP_NEW);
			vp_dedup_match m = add(d, "b", pairs[i][!way]);
			cr_expect_eq(m.kind, VP_DEDUP_NEW, "pair %zu (way %d) joined, %.2f alike", i, way,
			             m.similarity);
			vp_dedup_close(d);
		}
	/* copies of a text with negations of its own */
	static const char *letter =
		"As a member of the Patient Participation Group I am concerned that the consultation "
		"documents were only available online. Many older residents do not use the internet "
		"and were not able to take part. The drop-in events were held during working hours, "
		"when most people could not attend. Please extend the consultation and provide paper "
		"copies in every GP surgery and library.";
	static const char *const copies[] = {
		"Dear Sir, As a member of the Patient Participation Group I am concerned that the "
		"consultation documents were only available online. Many older residents don't use the "
		"internet and were not able to take part. The drop-in events were held during working "
		"hours, when most people couldn't attend. Please extend the consultation. Jane",
		"As a member of the Patient Participation Group I am concerned that the consultation "
		"documents were only available online. The drop-in events were held during working "
		"hours, when most people could not attend. Please extend the consultation and provide "
		"paper copies in every GP surgery and library.",
		"As a member of the Patient Participation Group I am concerned that the consultation "
		"documents were only available online. Many older residents do not use the internet "
		"and were not able to take part. My mother cannot drive and does not own a computer. "
		"Please extend the consultation and provide paper copies in every GP surgery and library.",
	};
	vp_dedup *d = open_with(100, NULL);
	add(d, "first", letter);
	for (size_t i = 0; i < sizeof copies / sizeof *copies; i++) {
		char id[8];
		snprintf(id, sizeof id, "c%zu", i);
		vp_dedup_match m = add(d, id, copies[i]);
		cr_expect_eq(m.kind, VP_DEDUP_NEAR, "copy %zu not joined", i);
		cr_expect(m.campaign);
	}
	vp_dedup_close(d);
}

/* Chinese, Japanese and Thai are written without spaces, so a sentence was
 * one "word" and a letter a handful: never campaign-length, so 40 copies of
 * a Chinese campaign letter were 40 short answers, each counted by
 * vp-count --dedup, and a copy with a greeting no duplicate at all. Each
 * character of such a script now counts as a word. */
Test(dedup, scripts_without_spaces)
{
	const char *letter =
		"我们强烈反对关闭社区医院的轻伤科，因为这会迫使家庭长途跋涉去市中心的医院看病，"
		"而且晚上和周末没有可靠的公交服务。";
	vp_dedup *d = open_with(100, NULL);
	vp_dedup_match m = add(d, "a", letter);
	cr_assert_eq(m.kind, VP_DEDUP_NEW);
	cr_expect_geq(m.words, 15, "%zu words", m.words);
	m = add(d, "b", letter);
	cr_expect_eq(m.kind, VP_DEDUP_EXACT);
	cr_expect(m.campaign, "a copy of a Chinese letter is no campaign's");
	char edited[1024];
	snprintf(edited, sizeof edited, "尊敬的先生：%s 王芳", letter);
	m = add(d, "c", edited);
	cr_expect_eq(m.kind, VP_DEDUP_NEAR, "a Chinese letter with a greeting is no copy");
	cr_expect(m.campaign);
	/* short answers stay short, and different ones different */
	cr_expect_eq(add(d, "s1", "很好").kind, VP_DEDUP_NEW);
	m = add(d, "s2", "很好！");
	cr_expect_eq(m.kind, VP_DEDUP_EXACT);
	cr_expect_not(m.campaign);
	cr_expect_eq(add(d, "s3", "很差").kind, VP_DEDUP_NEW);
	/* different comments of campaign length are not copies */
	cr_expect_eq(add(d, "o1", "停车费太贵了，而且医院门口根本找不到停车位，残疾人也很难进出。").kind,
	             VP_DEDUP_NEW);
	cr_expect_eq(add(d, "o2", "护士们非常友善，医生仔细地解释了我的病情，我很感谢他们的照顾。").kind,
	             VP_DEDUP_NEW);
	/* Thai and Japanese likewise */
	const char *th = "เราคัดค้านการปิดหน่วยรักษาอาการบาดเจ็บเล็กน้อยที่โรงพยาบาลชุมชนอย่างยิ่ง";
	cr_expect_eq(add(d, "t1", th).kind, VP_DEDUP_NEW);
	m = add(d, "t2", th);
	cr_expect(m.campaign, "a copy of a Thai letter is no campaign's");
	const char *ja = "地域病院の軽傷ユニットの閉鎖に強く反対します。家族が遠くまで通わなければなりません。";
	cr_expect_eq(add(d, "j1", ja).kind, VP_DEDUP_NEW);
	m = add(d, "j2", ja);
	cr_expect(m.campaign, "a copy of a Japanese letter is no campaign's");
	vp_dedup_close(d);
}

/* Word lists with a known Jaccard similarity of their 3-shingles: the
 * estimate from 64 minima is within 0.15 of it. */
Test(dedup, similarity_estimates_jaccard)
{
	vp_dedup *d = open_with(10, NULL);
	char a[4096] = "", b[4096] = "";
	/* a: w0..w99; b: w0..w69 then v70..v99.  Shingles of a: 98, of b: 98,
	 * shared: the 68 within w0..w69, so J = 68 / (98 + 98 - 68) = 0.53. */
	for (int i = 0; i < 100; i++) {
		char w[16];
		snprintf(w, sizeof w, "w%d ", i);
		strcat(a, w);
		snprintf(w, sizeof w, "%c%d ", i < 70 ? 'w' : 'v', i);
		strcat(b, w);
	}
	uint32_t sa[VP_DEDUP_HASHES], sb[VP_DEDUP_HASHES], sc[VP_DEDUP_HASHES];
	vp_err e;
	cr_assert_eq(vp_dedup_signature(d, a, strlen(a), sa, &e), 100);
	cr_assert_eq(vp_dedup_signature(d, b, strlen(b), sb, &e), 100);
	double j = 68.0 / 128.0, est = vp_dedup_similarity(sa, sb);
	cr_assert(est > j - 0.15 && est < j + 0.15, "estimate %f, true %f", est, j);
	/* the same text: the same signature, in another instance too */
	vp_dedup *d2 = open_with(10, NULL);
	cr_assert_eq(vp_dedup_signature(d2, a, strlen(a), sc, &e), 100);
	cr_assert_eq(memcmp(sa, sc, sizeof sa), 0);
	cr_assert_float_eq(vp_dedup_similarity(sa, sc), 1.0, 1e-9);
	vp_dedup_close(d2);
	vp_dedup_close(d);
}

/* LSH finds pairs above the threshold: 100 texts each with a 0.8-similar
 * copy are all matched; 100 pairs at about 0.2 are not. */
Test(dedup, lsh_finds_similar_pairs)
{
	vp_dedup *d = open_with(1000, NULL);
	char a[2048], b[2048], id[32];
	int found = 0, false_found = 0;
	for (int t = 0; t < 200; t++) {
		int same = t < 100 ? 45 : 15; /* of 50 words */
		a[0] = b[0] = '\0';
		for (int i = 0; i < 50; i++) {
			char w[32];
			snprintf(w, sizeof w, "t%dw%d ", t, i);
			strcat(a, w);
			snprintf(w, sizeof w, "%s%dw%d ", i < same ? "t" : "u", t, i);
			strcat(b, w);
		}
		snprintf(id, sizeof id, "a%d", t);
		cr_assert_eq(add(d, id, a).kind, VP_DEDUP_NEW);
		snprintf(id, sizeof id, "b%d", t);
		vp_dedup_match m = add(d, id, b);
		if (t < 100)
			found += m.kind == VP_DEDUP_NEAR;
		else
			false_found += m.kind != VP_DEDUP_NEW;
	}
	cr_assert_geq(found, 97, "found %d of 100", found);
	cr_assert_eq(false_found, 0);
	vp_dedup_close(d);
}

/* The campaign id is the first record's id, the same on every run. */
Test(dedup, deterministic_ids)
{
	for (int run = 0; run < 2; run++) {
		vp_dedup *d = open_with(100, NULL);
		add(d, "r1", "Nothing");
		add(d, "r2", CAMPAIGN);
		char edited[1024];
		snprintf(edited, sizeof edited, "Hello, %s Thank you, Tom Jones", CAMPAIGN);
		vp_dedup_match m = add(d, "r3", edited);
		cr_assert_str_eq(m.first, "r2");
		/* a copy of r3 is exact if r3 was kept as an example (similarity
		 * under keep_below), else near r2: either way in r2's campaign */
		int kept = m.similarity < 0.9;
		m = add(d, "r4", edited);
		cr_assert_eq(m.kind, kept ? VP_DEDUP_EXACT : VP_DEDUP_NEAR);
		cr_assert_str_eq(m.first, "r2", "a copy of a member names the campaign's first");
		cr_assert_eq(m.size, 3);
		vp_dedup_close(d);
	}
}

/* Bounded: with 3 slots the 4th new text reuses the oldest; a copy of a
 * forgotten text is new again; a campaign whose slots are all reused is
 * written to the report then. */
Test(dedup, bound_forgets_oldest)
{
	struct memout mo;
	FILE *rep = memout_open(&mo);
	vp_dedup *d = open_with(3, rep);
	add(d, "c1", CAMPAIGN);
	cr_assert_eq(add(d, "c2", CAMPAIGN).kind, VP_DEDUP_EXACT); /* no slot taken */
	add(d, "n1", "one");
	add(d, "n2", "two");
	vp_dedup_stats st;
	vp_dedup_stats_get(d, &st);
	cr_assert_eq(st.evicted, 0);
	cr_assert_eq(st.slots_used, 3);
	add(d, "n3", "three"); /* reuses c1's slot: the campaign ends */
	vp_dedup_stats_get(d, &st);
	cr_assert_eq(st.evicted, 1);
	cr_assert_eq(st.campaigns_forgotten, 1);
	cr_assert_eq(st.slots_used, 3);
	fflush(rep);
	cr_assert(mo.len > 0 && strstr(mo.buf, "\"id\":\"c1\",\"size\":2"), "%s", mo.buf ? mo.buf : "");
	vp_dedup_match m = add(d, "c3", CAMPAIGN);
	cr_assert_eq(m.kind, VP_DEDUP_NEW, "forgotten");
	m = add(d, "c4", CAMPAIGN);
	cr_assert_str_eq(m.first, "c3");
	vp_err e;
	cr_assert_eq(vp_dedup_finish(d, &e), 0);
	char *s = memout_close(&mo);
	cr_assert(strstr(s, "{\"id\":\"c3\",\"size\":2,"), "%s", s);
	cr_assert(strstr(s, "\"evicted\":2,\"campaigns_forgotten\":1,"), "%s", s);
	free(s);
	vp_dedup_close(d);
}

/* A campaign still receiving copies is not forgotten under the bound: word
 * for word copies (and near ones too alike to be kept as examples) take no
 * slot, so the campaign's only slot used to be reused after max_items new
 * texts however often copies came, and the next copy started a second
 * campaign -- counted again by vp-count --dedup.  A copy that finds its
 * campaign's example in the older half of the ring is kept as a fresh one. */
Test(dedup, bound_keeps_an_active_campaign)
{
	char near[1024];
	snprintf(near, sizeof near, "Dear Sir, %s", CAMPAIGN);
	for (int variant = 0; variant < 2; variant++) {
		vp_dedup *d = open_with(4, NULL);
		add(d, "c0", CAMPAIGN);
		char id[32], t[128];
		for (int i = 1; i <= 40; i++) {
			snprintf(id, sizeof id, "n%d", i);
			snprintf(t, sizeof t, "organic comment number %d about waiting", i);
			cr_assert_eq(add(d, id, t).kind, VP_DEDUP_NEW);
			snprintf(id, sizeof id, "c%d", i);
			vp_dedup_match m = add(d, id, variant ? near : CAMPAIGN);
			cr_assert(m.campaign, "copy %d (variant %d) is no campaign's", i, variant);
			cr_assert_str_eq(m.first, "c0", "copy %d (variant %d) began another campaign", i,
			                 variant);
			cr_assert_eq(m.size, (size_t)i + 1);
		}
		vp_dedup_stats st;
		vp_dedup_stats_get(d, &st);
		cr_assert_eq(st.campaigns, 1);
		cr_assert_eq(st.slots_used, 4);
		vp_dedup_close(d);
	}
}

/* The smallest bounds: renewing an example may reuse the very slot that
 * matched (one slot), and the campaign survives it. */
Test(dedup, bound_of_one_and_two_slots)
{
	for (size_t n = 1; n <= 2; n++) {
		vp_dedup *d = open_with(n, NULL);
		add(d, "c0", CAMPAIGN);
		for (int i = 1; i <= 20; i++) {
			char id[16];
			snprintf(id, sizeof id, "c%d", i);
			vp_dedup_match m = add(d, id, CAMPAIGN);
			cr_assert_eq(m.kind, VP_DEDUP_EXACT);
			cr_assert_str_eq(m.first, "c0");
			cr_assert_eq(m.size, (size_t)i + 1);
		}
		vp_dedup_stats st;
		vp_dedup_stats_get(d, &st);
		cr_assert_eq(st.campaigns, 1);
		cr_assert_eq(st.campaigns_forgotten, 0);
		cr_assert_leq(st.slots_used, n);
		vp_dedup_close(d);
	}
}

/* Memory does not grow with the input: 20,000 different texts through 100
 * slots leave 100 in use. */
Test(dedup, bound_holds_under_load)
{
	vp_dedup *d = open_with(100, NULL);
	char t[256], id[32];
	for (int i = 0; i < 20000; i++) {
		snprintf(t, sizeof t, "comment number %d about the service at site %d which was %s for "
		         "me and my family on day %d of the month", i, i % 37, i % 2 ? "good" : "bad", i % 31);
		snprintf(id, sizeof id, "r%d", i);
		add(d, id, t);
	}
	vp_dedup_stats st;
	vp_dedup_stats_get(d, &st);
	cr_assert_eq(st.slots_used, 100);
	cr_assert_geq(st.evicted, 19900 - st.exact - st.near);
	vp_dedup_close(d);
}

/* ---- the record step ---- */

static char *run(const char *in, vp_dedup *d, int skip_bad, int want_rc)
{
	char path[] = "/tmp/test_dedup.XXXXXX";
	int fd = mkstemp(path);
	cr_assert(fd >= 0);
	FILE *fp = fdopen(fd, "w");
	cr_assert(fp && fputs(in, fp) >= 0 && fclose(fp) == 0);
	struct memout mo;
	FILE *out = memout_open(&mo);
	vp_filter_stage st;
	vp_dedup_stage(d, &st, "test");
	char *paths[] = {path};
	int rc = vp_filter_run_to(&st, d, skip_bad, 1, paths, out);
	cr_assert_eq(rc, want_rc);
	unlink(path);
	return memout_close(&mo);
}

Test(dedup, record_fields_added_replaced_removed)
{
	char in[4096];
	snprintf(in, sizeof in,
	         "{\"id\":\"a\",\"text\":\"%s\",\"x\":[1]}\n"
	         "{\"id\":\"b\",\"text\":\"%s\"}\n"
	         "{\"id\":\"c\",\"text\":\"No\",\"campaign\":{\"id\":\"stale\"}}\n"
	         "{\"id\":\"d\",\"text\":\"no\"}\n"
	         "{\"id\":5,\"text\":\"%s\"}\n"
	         "{\"text\":\"%s\"}\n"
	         "{\"id\":\"f\"}\n",
	         CAMPAIGN, CAMPAIGN, CAMPAIGN, CAMPAIGN);
	vp_dedup *d = open_with(100, NULL);
	char *out = run(in, d, 0, 0);
	char want[8192];
	snprintf(want, sizeof want,
	         "{\"id\":\"a\",\"text\":\"%s\",\"x\":[1]}\n"
	         "{\"id\":\"b\",\"text\":\"%s\",\"duplicate_of\":\"a\",\"campaign\":{\"id\":\"a\",\"size\":2,\"match\":\"exact\",\"similarity\":1.00}}\n"
	         "{\"id\":\"c\",\"text\":\"No\"}\n"
	         "{\"id\":\"d\",\"text\":\"no\",\"duplicate_of\":\"c\"}\n"
	         "{\"id\":5,\"text\":\"%s\",\"duplicate_of\":\"a\",\"campaign\":{\"id\":\"a\",\"size\":3,\"match\":\"exact\",\"similarity\":1.00}}\n"
	         /* no id: named record:6, and the name written in */
	         "{\"text\":\"%s\",\"id\":\"record:6\",\"duplicate_of\":\"a\",\"campaign\":{\"id\":\"a\",\"size\":4,\"match\":\"exact\",\"similarity\":1.00}}\n"
	         "{\"id\":\"f\"}\n",
	         CAMPAIGN, CAMPAIGN, CAMPAIGN, CAMPAIGN);
	cr_assert_str_eq(out, want);
	free(out);
	vp_dedup_close(d);
}

/* The jansson path (an escaped key makes the scanner unsure) writes what
 * the fast path writes, the members it does not own as they came. */
Test(dedup, tree_path_same_as_fast_path)
{
	char in[4096];
	snprintf(in, sizeof in, "{\"id\":\"a\",\"text\":\"%s\"}\n{\"i\\u0064\":\"b\",\"text\":\"%s\"}\n",
	         CAMPAIGN, CAMPAIGN);
	vp_dedup *d = open_with(100, NULL);
	char *out = run(in, d, 0, 0);
	cr_assert(strstr(out, "{\"i\\u0064\":\"b\",\"text\":"), "%s", out);
	cr_assert(strstr(out, "\"duplicate_of\":\"a\",\"campaign\":{\"id\":\"a\",\"size\":2,\"match\":\"exact\",\"similarity\":1.00}}\n"),
	          "%s", out);
	free(out);
	vp_dedup_close(d);
}

Test(dedup, text_not_a_string_is_bad)
{
	vp_dedup *d = open_with(100, NULL);
	char *out = run("{\"id\":\"a\",\"text\":5}\n", d, 0, EX_DATAERR);
	free(out);
	out = run("{\"id\":\"a\",\"text\":5}\n{\"id\":\"b\",\"text\":\"ok\"}\n", d, 1, 0);
	cr_assert_str_eq(out, "{\"id\":\"b\",\"text\":\"ok\"}\n");
	free(out);
	vp_dedup_close(d);
}
