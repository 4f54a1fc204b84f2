#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <sysexits.h>
#include "voxpop/lang.h"
#include "voxpop/text.h"
#include "words.h"

static vp_text *tx;
static vp_tokens toks = VP_TOKENS_INIT;

static void setup(void)
{
	vp_err e;
	cr_assert_eq(vp_text_open(&tx, "english", &e), 0);
}

static void teardown(void)
{
	vp_text_close(tx);
	vp_tokens_free(&toks);
}

/* Tokenise s and join the tokens with '|' for easy comparison. */
static const char *tok(const char *s, unsigned flags)
{
	static char joined[4096];
	vp_err e;
	vp_tokens_clear(&toks);
	cr_assert_eq(vp_text_tokenise(tx, s, strlen(s), flags, &toks, &e), 0, "%s", s);
	joined[0] = '\0';
	size_t at = 0;
	for (size_t i = 0; i < toks.n; i++)
		at += (size_t)snprintf(joined + at, sizeof joined - at, "%s%s", i ? "|" : "",
		                       vp_token(&toks, i));
	return joined;
}

#define TOKS(in, want) cr_assert_str_eq(tok(in, VP_TEXT_NOSTEM), want, "input: %s", in)
#define STEMS(in, want) cr_assert_str_eq(tok(in, 0), want, "input: %s", in)

TestSuite(text, .init = setup, .fini = teardown);

Test(text, ascii_lowercased_split_on_punctuation)
{
	TOKS("The Car-Park was FULL!", "the|car|park|was|full");
	TOKS("  follow-up,  (again)\t\r\n", "follow|up|again");
	TOKS("", "");
	TOKS("...!?", "");
}

Test(text, numbers_are_tokens)
{
	TOKS("Waited 6 hours, 3.5 miles, 10,000 people", "waited|6|hours|3.5|miles|10000|people");
	TOKS("the end. 3 more", "the|end|3|more");
	TOKS("24hr A&E", "24|hr|a|e");
}

/* A number glued to a unit of time is the number and the unit, as when
 * written apart: "sat 3hrs" meets the lexicons' "hrs" as "sat 3 hrs" does.
 * Times of day, ordinals and prices stay one word ("8am" is an entry). */
Test(text, number_glued_to_time_unit_splits)
{
	TOKS("sat 3hrs, took 40mins", "sat|3|hrs|took|40|mins");
	TOKS("2wks 6months 1.5hr 10Yrs", "2|wks|6|months|1.5|hr|10|yrs");
	TOKS("8am 6pm 2nd 3rd 45p 4x4 covid19", "8am|6pm|2nd|3rd|45p|4x4|covid19");
	TOKS("3hrsx hrs3", "3hrsx|hrs3");
	STEMS("waited 2days", "wait|2|day");
}

/* An ampersand standing alone is the word "and" in English, so that "kind &
 * caring" and "above & beyond" meet the lexicons' "and" phrases as written
 * out; inside a word ("A&E", "M&S") it still separates, and other languages
 * drop it (their "and" is another word). */
Test(text, lone_ampersand_is_and_in_english)
{
	TOKS("kind & caring", "kind|and|caring");
	STEMS("went above & beyond", "went|abov|and|beyond");
	TOKS("A & E, A&E", "a|and|e|a|e");
	TOKS("food \xef\xbc\x86 drink", "food|and|drink"); /* fullwidth, NFKC '&' */
	TOKS("&", "and");
	TOKS("&& &amp; x&", "and|x"); /* "&amp;" reads "&" (html_markup_read_as_shown) */
	vp_text *fr;
	vp_err e;
	cr_assert_eq(vp_text_open(&fr, "french", &e), 0);
	vp_tokens_clear(&toks);
	cr_assert_eq(vp_text_tokenise(fr, "pain & vin", 10, VP_TEXT_NOSTEM, &toks, &e), 0);
	cr_assert_eq(toks.n, 2);
	vp_text_close(fr);
}

/* Answers exported from web forms carry HTML: a tag of the small known set
 * is a word break, a character reference the character it names, as a
 * browser shows them -- so "car <b>park</b>" meets "car park" and
 * "didn&#39;t" is the negation "didnt". */
Test(text, html_markup_read_as_shown)
{
	TOKS("car <b>park</b> full", "car|park|full");
	TOKS("one<br>two<BR/>three<p>four</p><div>five</div>", "one|two|three|four|five");
	TOKS("<ul><li>good</li><li>bad</li></ul>", "good|bad");
	TOKS("<span class=\"x\">a</span><i>b</i><u>c</u><em>d</em><strong>e</strong>",
	     "a|b|c|d|e");
	TOKS("<font color=\"red\">hot</font> <ol><li>x</li></ol>", "hot|x");
	/* the whole tag goes, a link's address with it */
	TOKS("see <a href=\"https://x.org/a>b\">here</a>", "see|here");
	TOKS("don&#39;t didn&rsquo;t won&#8217;t it&#x27;s we&apos;re", "dont|didnt|wont|it|were");
	TOKS("fish &amp; chips", "fish|and|chips");
	TOKS("car&nbsp;park &quot;full&quot; a &gt; b &lt; c", "car|park|full|a|b|c");
	TOKS("&pound;5 &euro;3 wait&hellip;ok well&mdash;no x&ndash;y", "£|5|€|3|wait|ok|well|no|x|y");
	TOKS("&ldquo;kind&rdquo; &lsquo;nice&rsquo;", "kind|nice");
	/* decoded once: an escaped entity is text, as a browser shows it */
	TOKS("&amp;lt;b&amp;gt;", "lt|b|gt");
	STEMS("car <b>parking</b>", "car|park");
	/* 128-159 name Windows-1252's characters, as a browser shows them
	 * (text pasted from Word: &#146; is an apostrophe), not C1 controls */
	TOKS("didn&#146;t &#147;ok&#148; &#128;5 a&#150;b", "didnt|ok|€|5|a|b");
	TOKS("x&#129;y", "x|129|y"); /* no character there in cp1252: text */
}

/* Look-alikes of markup stay text: a '<' not opening a known tag, an '&'
 * not starting a reference the table knows, ended by ';'. */
Test(text, html_look_alikes_stay_text)
{
	TOKS("love you <3", "love|you|3");
	TOKS("a < b > c", "a|b|c");
	TOKS("a<b and c>d", "a|b|and|c|d");
	TOKS("AT&T fish & chips", "at|t|fish|and|chips");
	TOKS("&nope; &#; &#xZZ; &#0; &#99999999; &amp", "nope|xzz|0|99999999|amp");
	TOKS("<url> <email>, <bold>x</bold>", "<url>|<email>|bold|x|bold");
	TOKS("<b unclosed", "b|unclosed");
}

/* Every name libstemmer takes for a stemmer is known by the name
 * vp-normalise --lang help lists for it, and a listed name by itself:
 * what the lexicon fingerprint holds, so "en" and "english" agree. */
Test(text, stemmer_names_are_the_listed_ones)
{
	static const char *const alias[][2] = {
		{"en", "english"}, {"eng", "english"}, {"english", "english"},
		{"porter", "porter"}, {"de", "german"}, {"deu", "german"}, {"ger", "german"},
		{"cy", NULL}, {"fr", "french"}, {"fre", "french"}, {"fra", "french"},
		{"es", "spanish"}, {"esl", "spanish"}, {"spa", "spanish"},
		{"hy", "armenian"}, {"arm", "armenian"}, {"hye", "armenian"},
		{"ro", "romanian"}, {"rum", "romanian"}, {"ron", "romanian"},
	};
	for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++) {
		vp_text *t;
		vp_err e;
		int rc = vp_text_open(&t, alias[i][0], &e);
		if (!alias[i][1]) {
			cr_assert_eq(rc, EX_USAGE, "%s", alias[i][0]);
			continue;
		}
		cr_assert_eq(rc, 0, "%s: %s", alias[i][0], e.msg);
		cr_assert_str_eq(vp_text_stemmer(t), alias[i][1], "%s", alias[i][0]);
		vp_text_close(t);
	}
	/* every listed stemmer is its own name, and every short name known */
	for (const char **l = vp_text_languages(); *l; l++) {
		vp_text *t;
		vp_err e;
		cr_assert_eq(vp_text_open(&t, *l, &e), 0, "%s", *l);
		cr_assert_str_eq(vp_text_stemmer(t), *l);
		vp_text_close(t);
		const char *code = vp_lang_of_stemmer(*l);
		cr_assert_not_null(code, "%s has no language code", *l);
		if (strcmp(*l, "porter") == 0)
			continue;
		cr_assert_eq(vp_text_open(&t, code, &e), 0, "%s", code);
		cr_assert_str_eq(vp_text_stemmer(t), *l, "%s", code);
		vp_text_close(t);
	}
}

/* A currency symbol is a token of its own, so a lexicon can tell a price
 * ("£ ? an hour") from a time ("waited an hour"). */
Test(text, currency_symbols_are_tokens)
{
	TOKS("£3.50 an hour", "£|3.50|an|hour");
	TOKS("it cost $5,000 or €20", "it|cost|$|5000|or|€|20");
	TOKS("40p a mile, ￡4", "40p|a|mile|£|4");
	STEMS("parking £4.80", "park|£|4.80");
}

/* An emoji or other pictograph is a token of its own, so the sentiment
 * lexicon can weigh "Great service \U0001F44D" or a bare "\U0001F621"; its
 * variation selector and skin tone are dropped; other symbols (degrees,
 * box drawing) still separate words.  A whole chunk that is a smiley
 * ":)" or frowny ":(" is the pictograph it draws. */
Test(text, pictographs_and_emoticons_are_tokens)
{
	TOKS("Great service \U0001F44D", "great|service|\U0001F44D");
	TOKS("\U0001F44D\U0001F44D", "\U0001F44D|\U0001F44D");
	TOKS("lovely\U0001F60A staff", "lovely|\U0001F60A|staff");
	TOKS("\u2639\uFE0F", "\u2639");
	TOKS("\u2764\uFE0F it", "\u2764|it");
	TOKS("thumbs \U0001F44D\U0001F3FD up", "thumbs|\U0001F44D|up");
	TOKS("30\u00B0 on the ward \u2500\u2500 hot", "30|on|the|ward|hot");
	TOKS("thanks :) and :-( or =)", "thanks|\U0001F642|and|\U0001F641|or|\U0001F642");
	TOKS("at 10:30 :p", "at|10|30|p");
	STEMS("waiting \U0001F621", "wait|\U0001F621");
}

/* VP_TEXT_NOSYMBOL (vp-dedup's key): symbols are punctuation -- no token
 * for a pictograph (in a ZWJ sequence, a flag, with a skin tone or a
 * variation selector), an emoticon or a currency sign, and a keycap's
 * enclosing mark ends its digit; words are split and kept as without it. */
#define NOSYM(in, want) \
	cr_assert_str_eq(tok(in, VP_TEXT_NOSTEM | VP_TEXT_NOSYMBOL), want, "input: %s", in)
Test(text, nosymbol_makes_symbols_punctuation)
{
	NOSYM("Nothing to add \U0001F44D", "nothing|to|add");
	NOSYM("lovely\U0001F60A staff \u2764\uFE0F", "lovely|staff");
	NOSYM("\U0001F468\u200D\U0001F469\u200D\U0001F467 thanks \U0001F1EC\U0001F1E7", "thanks");
	NOSYM("thumbs \U0001F44D\U0001F3FD up", "thumbs|up");
	NOSYM("thanks :) and :-( or =)", "thanks|and|or");
	NOSYM("parking \u00A34.80 or $5", "parking|4.80|or|5");
	NOSYM("rated 5\uFE0F\u20E3 #\uFE0F\u20E3", "rated|5");
	NOSYM("\U0001F44D\u2B50 \u2764\uFE0F", "");
	NOSYM("caf\u00E9 na\u0308ive 3.5", "caf\u00E9|n\u00E4ive|3.5");
	/* without it, the same text keeps its symbols */
	TOKS("rated 5\uFE0F\u20E3 \U0001F44D", "rated|5\u20E3|\U0001F44D");
}

Test(text, apostrophes_possessive_and_contractions)
{
	TOKS("don't", "dont");
	TOKS("the patient's notes", "the|patient|notes");
	TOKS("the patients' notes", "the|patients|notes");
	TOKS("'quoted' word", "quoted|word");
	/* typographic and modifier-letter apostrophes behave the same */
	TOKS("don\u2019t patient\u2019s", "dont|patient");
	TOKS("don\u02bct", "dont");
	/* so do the left single quote (U+2018) and the acute accent (U+00B4)
	 * typed for one: NFKC made the accent a space and a bare combining
	 * acute, which began a token of its own ("didn", U+0301 "t") */
	TOKS("didn\u2018t care", "didnt|care");
	TOKS("didn\u00b4t care it\u00b4s", "didnt|care|it");
	TOKS("\u2018quoted\u2019 word", "quoted|word");
	/* a combining mark with no letter before it is no word of its own */
	TOKS("a \u00a8 b\u00b8 \u0301c", "a|b|c");
	/* the backtick and the prime typed for one too (between letters only:
	 * `quoted` stays a quoted word) */
	TOKS("didn`t care it`s", "didnt|care|it");
	TOKS("didn\u2032t care", "didnt|care");
	TOKS("`quoted` word", "quoted|word");
}

Test(text, unicode_nfkc_and_casefold)
{
	TOKS("Café CAFÉ", "café|café");
	TOKS("Cafe\u0301", "café"); /* decomposed e + combining acute composes */
	TOKS("\uff21\uff22\uff23 \uff11\uff12", "abc|12"); /* full-width letters and digits */
	TOKS("\ufb01nd o\ufb03ce", "find|office"); /* ligatures */
	TOKS("Straße STRASSE", "strasse|strasse");
	TOKS("non\u00a0breaking", "non|breaking");
	TOKS("soft\u00adhyphen", "softhyphen"); /* default-ignorable vanishes */
	TOKS("très décevant – vraiment", "très|décevant|vraiment");
}

Test(text, urls_and_emails_become_placeholders)
{
	TOKS("see https://Example.org/x?a=1 now", "see|<url>|now");
	TOKS("www.nhs.uk/service", "<url>");
	TOKS("mail Jo.Bloggs@example.co.uk today", "mail|<email>|today");
	TOKS("at @nhs and a@b", "at|nhs|and|a|b");
	TOKS("<url> <email>, x", "<url>|<email>|x");
	STEMS("emailed https://x.org", "email|<url>");
}

Test(text, stemming)
{
	STEMS("waited waiting waits", "wait|wait|wait");
	STEMS("Physiotherapy appointments", "physiotherapi|appoint");
	STEMS("bus business", "bus|busi");
}

Test(text, ascii_fast_path_matches_utf8proc)
{
	const char *samples[] = {
		"The Car Park at the ROYAL was full; parking charges 3.50!",
		"don't Patient's O'Neill x-ray follow-up 24/7 e-mail",
		"MiXeD CaSe\twith\ttabs and ~odd^ chars {} [] <> \"quotes\"",
	};
	for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
		char fast[4096];
		snprintf(fast, sizeof fast, "%s", tok(samples[i], 0));
		cr_assert_str_eq(tok(samples[i], VP_TEXT_NOFAST), fast);
	}
}

Test(text, invalid_utf8_is_data_error)
{
	vp_err e;
	vp_tokens_clear(&toks);
	cr_assert_eq(vp_text_tokenise(tx, "ok \xff\xfe bad", 10, 0, &toks, &e), EX_DATAERR);
	cr_assert(strstr(e.msg, "invalid UTF-8"));
}

Test(text, unknown_language_is_usage_error)
{
	vp_text *t2;
	vp_err e;
	cr_assert_eq(vp_text_open(&t2, "klingon", &e), EX_USAGE);
	cr_assert(strstr(e.msg, "klingon"));
	cr_assert_eq(vp_text_open(&t2, "french", &e), 0);
	vp_tokens_clear(&toks);
	cr_assert_eq(vp_text_tokenise(t2, "continuellement", 15, 0, &toks, &e), 0);
	cr_assert_str_eq(vp_token(&toks, 0), "continuel");
	vp_text_close(t2);
	int english = 0;
	for (const char **l = vp_text_languages(); *l; l++)
		english |= strcmp(*l, "english") == 0;
	cr_assert(english);
}

Test(stemcache, hits_after_first_lookup)
{
	vp_stemcache *c;
	vp_err e;
	vp_stemcache_stats st;
	size_t n;
	cr_assert_eq(vp_stemcache_open(&c, "english", 16, &e), 0);
	cr_assert_str_eq(vp_stemcache_stem(c, "waiting", 7, &n), "wait");
	cr_assert_eq(n, 4);
	cr_assert_str_eq(vp_stemcache_stem(c, "waiting", 7, &n), "wait");
	cr_assert_str_eq(vp_stemcache_stem(c, "waits", 5, &n), "wait");
	vp_stemcache_stats_get(c, &st);
	cr_assert_eq(st.misses, 2);
	cr_assert_eq(st.hits, 1);
	cr_assert_eq(st.entries, 2);
	vp_stemcache_close(c);
}

Test(stemcache, bounded_eviction_keeps_answers_right)
{
	vp_stemcache *c;
	vp_err e;
	vp_stemcache_stats st;
	size_t n;
	char w[32];
	cr_assert_eq(vp_stemcache_open(&c, "english", 8, &e), 0);
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 100; i++) {
			int k = snprintf(w, sizeof w, "walking%dings", i);
			const char *s = vp_stemcache_stem(c, w, (size_t)k, &n);
			char want[32];
			snprintf(want, sizeof want, "walking%d", i);
			cr_assert_str_eq(s, want);
			vp_stemcache_stats_get(c, &st);
			cr_assert_leq(st.entries, 8);
		}
	}
	vp_stemcache_stats_get(c, &st);
	cr_assert_geq(st.resets, 30);
	/* words longer than the cache's limit are stemmed, not cached */
	char lng[VP_STEMCACHE_MAX_WORD + 8];
	memset(lng, 'a', sizeof lng);
	memcpy(lng + sizeof lng - 3, "ing", 3);
	cr_assert_not_null(vp_stemcache_stem(c, lng, sizeof lng, &n));
	cr_assert_eq(n, sizeof lng - 3);
	vp_stemcache_close(c);
}

Test(stemcache, words_past_the_stemmer_limit_come_back_as_they_are)
{
	vp_stemcache *c;
	vp_err e;
	size_t n;
	static char w[VP_STEM_MAX_WORD + 1];
	cr_assert_eq(vp_stemcache_open(&c, "english", 16, &e), 0);
	memset(w, 'a', sizeof w);
	memcpy(w + VP_STEM_MAX_WORD - 3, "ing", 3); /* w[0..MAX) ends in "ing" */
	const char *s = vp_stemcache_stem(c, w, VP_STEM_MAX_WORD, &n);
	cr_assert_eq(n, VP_STEM_MAX_WORD - 3, "a word at the limit is stemmed");
	cr_assert_eq(s[n], '\0');
	memcpy(w + VP_STEM_MAX_WORD - 2, "ing", 3); /* w[0..MAX+1) ends in "ing" */
	s = vp_stemcache_stem(c, w, sizeof w, &n);
	cr_assert_eq(n, sizeof w, "a longer one is not");
	cr_assert(memcmp(s, w, n) == 0 && s[n] == '\0');
	vp_stemcache_close(c);
}

Test(text, tokens_json_is_valid_json_whatever_the_text)
{
	const char *nasty = "say \"hi\" \\ back\\slash \x01\x1f tab\there <url> caf\u00e9 3.5 it's";
	vp_err e;
	vp_buf json = VP_BUF_INIT;
	vp_tokens_clear(&toks);
	cr_assert_eq(vp_text_tokenise(tx, nasty, strlen(nasty), 0, &toks, &e), 0);
	cr_assert_eq(vp_tokens_json(&toks, &json), 0);
	cr_assert_eq(vp_tokens_json_len(&toks), json.len, "vp_tokens_json_len: what it writes");
	json_error_t je;
	json_t *arr = json_loadb(json.data, json.len, 0, &je);
	cr_assert_not_null(arr, "%s: %s", json.data, je.text);
	cr_assert_eq(json_array_size(arr), toks.n);
	for (size_t i = 0; i < toks.n; i++)
		cr_assert_str_eq(json_string_value(json_array_get(arr, i)), vp_token(&toks, i));
	json_decref(arr);
	vp_buf_free(&json);
}

/* Short tokens are copied 16 bytes at a time: every length from 0 to 40,
 * in rising and falling order, each as the last token too (where the
 * characters buffer may end right after it), give exactly the tokens. */
Test(text, tokens_json_every_length)
{
	char word[41];
	for (int order = 0; order < 2; order++)
		for (size_t last = 0; last <= 40; last++) {
			vp_tokens t = VP_TOKENS_INIT;
			vp_buf json = VP_BUF_INIT, want = VP_BUF_INIT;
			cr_assert_eq(vp_buf_putc(&want, '['), 0);
			for (size_t k = 0; k <= last; k++) {
				size_t len = order ? last - k : k;
				for (size_t i = 0; i < len; i++)
					word[i] = (char)('a' + (i + k) % 26);
				cr_assert_eq(vp_tokens_push(&t, word, len), 0);
				if (k)
					cr_assert_eq(vp_buf_putc(&want, ','), 0);
				cr_assert_eq(vp_buf_putc(&want, '"'), 0);
				cr_assert_eq(vp_buf_append(&want, word, len), 0);
				cr_assert_eq(vp_buf_putc(&want, '"'), 0);
			}
			cr_assert_eq(vp_buf_putc(&want, ']'), 0);
			cr_assert_eq(vp_tokens_json(&t, &json), 0);
			cr_assert_eq(json.len, want.len);
			cr_assert_eq(vp_tokens_json_len(&t), want.len); /* vp-normalise's measure */
			cr_assert_str_eq(json.data, want.data);
			vp_buf_free(&json);
			vp_buf_free(&want);
			vp_tokens_free(&t);
		}
}

/* No tokens: "[]", two bytes (vp_normalise_fits measures with it). */
Test(text, tokens_json_len_none)
{
	vp_tokens t = VP_TOKENS_INIT;
	vp_buf json = VP_BUF_INIT;
	cr_assert_eq(vp_tokens_json(&t, &json), 0);
	cr_assert_str_eq(json.data, "[]");
	cr_assert_eq(vp_tokens_json_len(&t), 2);
	vp_buf_free(&json);
	vp_tokens_free(&t);
}

/* Regression (QA F1): a first non-ASCII chunk made only of default-ignorable
 * characters (a BOM / zero-width no-break space) crashed the fold. */
Test(text, ignorable_only_first_chunk)
{
	TOKS("\xEF\xBB\xBF the car park", "the|car|park");
	TOKS("\xE2\x80\x8B", "");
}

/* A cache of one or two entries has an arena (24 bytes an entry) smaller
 * than one long word and its stem: such a word was copied past the arena's
 * end.  It is stemmed without being cached, like a word over the limit. */
Test(stemcache, tiny_cache_long_word_not_cached)
{
	for (size_t max = 1; max <= 2; max++) {
		vp_stemcache *c;
		vp_err e;
		vp_stemcache_stats st;
		size_t n;
		cr_assert_eq(vp_stemcache_open(&c, "english", max, &e), 0);
		char w[VP_STEMCACHE_MAX_WORD + 1] = {0};
		memset(w, 'a', VP_STEMCACHE_MAX_WORD - 3);
		memcpy(w + VP_STEMCACHE_MAX_WORD - 3, "ing", 3);
		for (int round = 0; round < 2; round++) {
			const char *s = vp_stemcache_stem(c, w, VP_STEMCACHE_MAX_WORD, &n);
			cr_assert_not_null(s);
			cr_assert_eq(n, VP_STEMCACHE_MAX_WORD - 3);
			cr_assert_eq(strspn(s, "a"), n);
		}
		vp_stemcache_stats_get(c, &st);
		cr_assert_eq(st.entries, 0, "a %zu-entry cache kept a %d-byte word", max,
		             VP_STEMCACHE_MAX_WORD);
		/* short words are still cached */
		cr_assert_str_eq(vp_stemcache_stem(c, "waits", 5, &n), "wait");
		vp_stemcache_stats_get(c, &st);
		cr_assert_eq(st.entries, 1);
		vp_stemcache_close(c);
	}
}

/* Arena offsets are 32-bit: a cache whose arena (24 bytes an entry) would
 * pass 4 GiB is refused, not opened with offsets that wrap. */
Test(stemcache, arena_offsets_fit_32_bits)
{
	vp_stemcache *c = NULL;
	vp_err e;
	size_t too_many = (size_t)UINT32_MAX / 24 + 1;
	cr_assert_eq(vp_stemcache_open(&c, "english", too_many, &e), EX_USAGE);
	cr_assert_null(c);
	cr_assert(strstr(e.msg, "too big"), "%s", e.msg);
}

/* Build "a" + reps x mark (mark: UTF-8 of one or more code points). */
static char *marks(const char *mark, size_t reps)
{
	size_t ml = strlen(mark);
	char *s = malloc(1 + ml * reps + 1);
	cr_assert_not_null(s);
	s[0] = 'a';
	for (size_t i = 0; i < reps; i++)
		memcpy(s + 1 + i * ml, mark, ml);
	s[1 + ml * reps] = '\0';
	return s;
}

/* The one token of s (unstemmed), malloc'd. */
static char *one_token(const char *s)
{
	vp_err e;
	vp_tokens_clear(&toks);
	cr_assert_eq(vp_text_tokenise(tx, s, strlen(s), VP_TEXT_NOSTEM, &toks, &e), 0);
	cr_assert_eq(toks.n, 1);
	char *t = strdup(vp_token(&toks, 0));
	cr_assert_not_null(t);
	return t;
}

/* #10: canonical ordering is quadratic in a run of combining marks, so a
 * run is cut to 30 non-starters (Unicode's Stream-Safe Text Format bound)
 * before normalising: 40,000 marks give the token 30 marks give.  Marks
 * of two classes alternate, the order canonical ordering has to sort. */
Test(text, combining_mark_runs_capped_at_30_non_starters)
{
	char *huge = marks("\xCC\x81\xCC\x96", 20000);  /* U+0301 U+0316 x 20000 */
	char *cap = marks("\xCC\x81\xCC\x96", 15);      /* the first 30 marks */
	char *t_huge = one_token(huge), *t_cap = one_token(cap);
	cr_assert_str_eq(t_huge, t_cap);
	free(huge), free(t_huge);
	/* 30 are kept as they are, the 31st goes */
	char *m29 = marks("\xCC\x81", 29), *m30 = marks("\xCC\x81", 30), *m31 = marks("\xCC\x81", 31);
	char *t29 = one_token(m29), *t30 = one_token(m30), *t31 = one_token(m31);
	cr_assert_str_neq(t29, t30);
	cr_assert_str_eq(t30, t31);
	cr_assert_eq(strlen(t30), strlen("\xC3\xA1") + 29 * 2);  /* a+U+0301 composes */
	free(m29), free(m30), free(m31), free(t29), free(t30), free(t31), free(cap), free(t_cap);
}

/* U+0F73 is a starter (class 0) that decomposes to two non-starters: it
 * counts as two, so a run of them cannot slip past the cap. */
Test(text, decomposing_non_starters_count_by_their_decomposition)
{
	char *huge = marks("\xE0\xBD\xB3", 20000), *cap = marks("\xE0\xBD\xB3", 15);
	char *t_huge = one_token(huge), *t_cap = one_token(cap);
	cr_assert_str_eq(t_huge, t_cap);
	free(huge), free(cap), free(t_huge), free(t_cap);
}

/* fuzz_text: an apostrophe between two runs of marks is taken out of the
 * word ("x'y" -> "xy"), which joined two runs of 20 into one of 40: the
 * joined run is cut to the bound again, as the first 30. */
Test(text, apostrophe_does_not_join_mark_runs_past_30)
{
	char *left = marks("\xCC\x96", 20), *right = marks("\xCC\x96", 20);
	char *in = malloc(strlen(left) + strlen(right) + 2);
	cr_assert_not_null(in);
	/* marks() puts its marks after an "a": "a" + 20 marks + "'" + the 20
	 * marks of right without its "a" */
	sprintf(in, "%s'%s", left, right + 1);
	char *t = one_token(in), *cap = marks("\xCC\x96", 30), *t_cap = one_token(cap);
	cr_assert_str_eq(t, t_cap);
	free(left), free(right), free(in), free(t), free(cap), free(t_cap);
}

/* fuzz_text: the first look at a text (is any run past the bound?) counted
 * U+0F73 as one mark, the cut as two, so 16 marks and 8 U+0F73 (32
 * non-starters, 24 characters) were not cut at all. */
Test(text, decomposing_marks_counted_alike_before_the_cut)
{
	char *head = marks("\xCC\x81\xCC\x96", 8); /* a + 16 marks */
	char in[256], cut[256];
	snprintf(in, sizeof in, "%s%s", head, "\xE0\xBD\xB3\xE0\xBD\xB3\xE0\xBD\xB3\xE0\xBD\xB3"
	         "\xE0\xBD\xB3\xE0\xBD\xB3\xE0\xBD\xB3\xE0\xBD\xB3");
	snprintf(cut, sizeof cut, "%s%s", head, "\xE0\xBD\xB3\xE0\xBD\xB3\xE0\xBD\xB3\xE0\xBD\xB3"
	         "\xE0\xBD\xB3\xE0\xBD\xB3\xE0\xBD\xB3");
	char *t = one_token(in), *t_cut = one_token(cut);
	cr_assert_str_eq(t, t_cut, "16 marks and 8 x U+0F73 are 32 non-starters: cut to 30");
	free(head), free(t), free(t_cut);
}

/* A starter ends a run: marks on many letters are all kept. */
Test(text, marks_on_separate_letters_are_not_capped)
{
	char *s = malloc(100 * 3 + 1);
	cr_assert_not_null(s);
	for (int i = 0; i < 100; i++)
		memcpy(s + 3 * i, "e\xCC\x81", 3);
	s[300] = '\0';
	char *t = one_token(s);
	cr_assert_eq(strlen(t), 200);  /* 100 x U+00E9 */
	free(s), free(t);
	/* the same already composed, and U+01D6 (a letter and two marks) */
	s = malloc(100 * 2 + 1);
	cr_assert_not_null(s);
	for (int i = 0; i < 100; i++)
		memcpy(s + 2 * i, i % 2 ? "\xC3\xA9" : "\xC7\x96", 2);
	s[200] = '\0';
	t = one_token(s);
	cr_assert_str_eq(t, s);
	free(s), free(t);
}

/* The slot table grows with the entries: thousands of distinct words,
 * every one found again with its own stem, none lost on the way, and the
 * cache only empties itself when its entries run out. */
Test(stemcache, grows_without_losing_entries)
{
	vp_stemcache *c;
	vp_err e;
	vp_stemcache_stats st;
	enum { N = 20000 };
	cr_assert_eq(vp_stemcache_open(&c, "english", 0, &e), 0);
	char w[32], want[32];
	size_t n;
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < N; i++) {
			int k = snprintf(w, sizeof w, "w%dwaiting", i);
			const char *s = vp_stemcache_stem(c, w, (size_t)k, &n);
			cr_assert_not_null(s);
			snprintf(want, sizeof want, "w%dwait", i);
			cr_assert(n == strlen(want) && memcmp(s, want, n) == 0, "%s -> %.*s", w, (int)n, s);
		}
	vp_stemcache_stats_get(c, &st);
	cr_assert_eq(st.entries, N);
	cr_assert_eq(st.misses, N);
	cr_assert_eq(st.hits, N);
	cr_assert_eq(st.resets, 0);
	vp_stemcache_close(c);
}

/* An id names one cached word until the cache is emptied: the same word,
 * the same id; another word (even with the same stem), another id; the
 * epoch changes when the cache empties itself, and ids start again;
 * words too long to cache have none. */
Test(stemcache, ids_name_words_until_emptied)
{
	vp_stemcache *c;
	vp_err e;
	size_t n;
	int en;
	uint32_t a, b, a2, w;
	cr_assert_eq(vp_stemcache_open(&c, "english", 4, &e), 0);
	uint64_t ep = vp_stemcache_epoch(c);
	cr_assert_neq(ep, 0);
	cr_assert_str_eq(vp_stemcache_stem_id(c, "waiting", 7, &n, &en, &a), "wait");
	cr_assert_str_eq(vp_stemcache_stem_id(c, "waits", 5, &n, &en, &b), "wait");
	cr_assert_str_eq(vp_stemcache_stem_id(c, "waiting", 7, &n, &en, &a2), "wait");
	cr_assert_eq(a, a2);
	cr_assert_neq(a, b);
	cr_assert_lt(a, 4);
	cr_assert_lt(b, 4);
	cr_assert_eq(vp_stemcache_epoch(c), ep);
	/* two more words fill the cache; the fifth empties it */
	cr_assert_not_null(vp_stemcache_stem_id(c, "bus", 3, &n, &en, &w));
	cr_assert_not_null(vp_stemcache_stem_id(c, "car", 3, &n, &en, &w));
	cr_assert_eq(vp_stemcache_epoch(c), ep);
	cr_assert_str_eq(vp_stemcache_stem_id(c, "parking", 7, &n, &en, &w), "park");
	cr_assert_gt(vp_stemcache_epoch(c), ep);
	cr_assert_eq(w, 0, "ids start again after the cache is emptied");
	char lng[VP_STEMCACHE_MAX_WORD + 1];
	memset(lng, 'a', sizeof lng);
	cr_assert_not_null(vp_stemcache_stem_id(c, lng, sizeof lng, &n, &en, &w));
	cr_assert_eq(w, VP_TOKEN_NOID);
	vp_stemcache_close(c);
}

/* Tokens keep their words' ids when asked: equal words, equal ids;
 * placeholders and currency symbols have none; the tokens say which cache
 * and epoch the ids are from -- or that they are mixed, when a text's
 * words were cached in more than one epoch or by more than one cache. */
Test(text, token_ids)
{
	vp_err e;
	const char *s = "Waiting, wait; waited http://x.org £ waiting";
	vp_tokens_clear(&toks);
	cr_assert_eq(vp_text_tokenise(tx, s, strlen(s), 0, &toks, &e), 0);
	cr_assert_null(toks.id, "no ids unless asked");
	cr_assert_eq(toks.idepoch, 0);

	vp_tokens t = VP_TOKENS_INIT;
	cr_assert_eq(vp_tokens_keep_ids(&t), 0);
	cr_assert_eq(vp_text_tokenise(tx, s, strlen(s), 0, &t, &e), 0);
	cr_assert_eq(t.n, 6);
	cr_assert_str_eq(vp_token(&t, 0), "wait");
	cr_assert_eq(t.id[0], t.id[5]);
	cr_assert_neq(t.id[0], t.id[1]);
	cr_assert_neq(t.id[1], t.id[2]);
	cr_assert_neq(t.id[0], VP_TOKEN_NOID);
	cr_assert_eq(t.id[3], VP_TOKEN_NOID); /* <url> */
	cr_assert_eq(t.id[4], VP_TOKEN_NOID); /* £ */
	cr_assert_eq(t.idcache, vp_text_stemcache(tx));
	cr_assert_eq(t.idepoch, vp_stemcache_epoch(vp_text_stemcache(tx)));

	/* another tokeniser's words in the same tokens: mixed */
	vp_text *tx2;
	cr_assert_eq(vp_text_open(&tx2, "english", &e), 0);
	cr_assert_eq(vp_text_tokenise(tx2, "bus", 3, 0, &t, &e), 0);
	cr_assert_eq(t.idepoch, VP_TOKENS_MIXED);
	vp_tokens_clear(&t);
	cr_assert_eq(t.idepoch, 0);
	cr_assert_eq(vp_text_tokenise(tx2, "bus", 3, 0, &t, &e), 0);
	cr_assert_eq(t.idcache, vp_text_stemcache(tx2));

	/* the cache emptied in the middle of a text: mixed */
	enum { N = 70000 };
	size_t at;
	char *big = distinct_words("w", N, &at);
	vp_tokens_clear(&t);
	cr_assert_eq(vp_text_tokenise(tx2, big, at, 0, &t, &e), 0);
	cr_assert_eq(t.n, N);
	cr_assert_eq(t.idepoch, VP_TOKENS_MIXED);
	free(big);
	vp_text_close(tx2);
	vp_tokens_free(&t);
}

/* A symbol NFKC spells with letters (the trade mark sign is "TM", the
 * circled a is "a") is no part of the word it is glued to: "Parking™"
 * was the token "parkingtm", and the car park theme never saw it. */
Test(text, letterlike_symbols_do_not_join_words)
{
	TOKS("Parking\u2122 was awful", "parking|was|awful");
	TOKS("the app\u2120 and \u24d0 option", "the|app|and|option");
	TOKS("5\u338f of forms", "5|of|forms");
	/* letters and numbers with compatibility forms stay what they were */
	TOKS("\uff37\uff41\uff49\uff54 \u2460 \ufb01ne", "wait|1|fine");
}

/* Tokenise s with t (flags) into *out, cleared first. */
static void tokenise_into(vp_text *t, const char *s, size_t n, unsigned flags, vp_tokens *out)
{
	vp_err e;
	vp_tokens_clear(out);
	cr_assert_eq(vp_text_tokenise(t, s, n, flags, out, &e), 0, "%.*s", (int)n, s);
}

/* a and b, the same tokens with the same ids and counts */
static void same_tokens(const vp_tokens *a, const vp_tokens *b, const char *what)
{
	cr_assert_eq(a->n, b->n, "%s: %zu tokens, %zu", what, a->n, b->n);
	cr_assert_eq(a->words, b->words, "%s: words", what);
	cr_assert_eq(a->en_words, b->en_words, "%s: English words", what);
	for (size_t i = 0; i < a->n; i++) {
		cr_assert_str_eq(vp_token(a, i), vp_token(b, i), "%s: token %zu", what, i);
		cr_assert_eq(a->len[i], b->len[i], "%s: token %zu", what, i);
		cr_assert_eq(a->id[i], b->id[i], "%s: token %zu's id", what, i);
	}
}

/* A chunk of ASCII text met again is pushed from what the tokeniser's
 * memo kept of it the first time: the tokens, ids, word counts and stem
 * cache statistics are those of splitting it again -- measured against a
 * tokeniser on the utf8proc path (VP_TEXT_NOFAST), which never uses the
 * memo and meets the same words in the same order -- for every kind of
 * chunk the ASCII path reads, and across the memo's emptying (more
 * distinct chunks than it holds) and the stem cache's (more distinct words
 * than it holds: its ids are numbered afresh). */
Test(text, chunk_memo_gives_what_splitting_gives)
{
	static const char *const chunks[] = {
		"Waiting", "waiting", "waiting.", "patient's", "don't", "didn`t", "x'y'z", "3hrs",
		"40mins", "3.5", "10,000", "8am", "$5", "$", ":)", "=(", "A&E", "&", "-", "...",
		"walk-in", "car-park,", "www.nhs.uk", "http://x.org", "a@b.co", "<url>",
		"<email>", "<b>bold</b>", "&amp;", "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s",
		"Supercalifragilisticexpialidocious-Supercalifragilisticexpialidocious",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"the", "THE", "and", "was", "it's", "co-operation",
	};
	enum { NC = sizeof chunks / sizeof *chunks, DISTINCT = 70000 };
	vp_err e;
	vp_text *memo, *ref;
	cr_assert_eq(vp_text_open(&memo, "english", &e), 0);
	cr_assert_eq(vp_text_open(&ref, "english", &e), 0);
	vp_tokens a = VP_TOKENS_INIT, b = VP_TOKENS_INIT;
	cr_assert_eq(vp_tokens_keep_ids(&a), 0);
	cr_assert_eq(vp_tokens_keep_ids(&b), 0);
	char s[512], what[64];
	/* each chunk alone, then after each other chunk, three times */
	for (int round = 0; round < 3; round++)
		for (size_t i = 0; i < NC; i++)
			for (size_t j = 0; j <= NC; j++) {
				int n = snprintf(s, sizeof s, "%s %s", chunks[i], j < NC ? chunks[j] : "");
				snprintf(what, sizeof what, "round %d, %zu %zu", round, i, j);
				tokenise_into(memo, s, (size_t)n, 0, &a);
				tokenise_into(ref, s, (size_t)n, VP_TEXT_NOFAST, &b);
				same_tokens(&a, &b, what);
			}
	/* distinct words, each with a chunk seen before: the memo fills and
	 * is emptied, then the stem cache does */
	for (int i = 0; i < DISTINCT; i++) {
		int n = snprintf(s, sizeof s, "w%d %s, w%d", i, chunks[i % NC], i % 5000);
		snprintf(what, sizeof what, "distinct %d", i);
		tokenise_into(memo, s, (size_t)n, 0, &a);
		tokenise_into(ref, s, (size_t)n, VP_TEXT_NOFAST, &b);
		same_tokens(&a, &b, what);
	}
	vp_stemcache_stats sa, sb;
	vp_stemcache_stats_get(vp_text_stemcache(memo), &sa);
	vp_stemcache_stats_get(vp_text_stemcache(ref), &sb);
	cr_assert_gt(sa.resets, 0, "the stem cache was emptied");
	cr_assert_eq(sa.hits, sb.hits);
	cr_assert_eq(sa.misses, sb.misses);
	cr_assert_eq(sa.resets, sb.resets);
	cr_assert_eq(sa.entries, sb.entries);
	/* and flags that split otherwise (no stemming, symbols as punctuation)
	 * after the memo holds these chunks */
	for (size_t i = 0; i < NC; i++) {
		size_t n = strlen(chunks[i]);
		tokenise_into(memo, chunks[i], n, VP_TEXT_NOSYMBOL, &a);
		tokenise_into(ref, chunks[i], n, VP_TEXT_NOSYMBOL | VP_TEXT_NOFAST, &b);
		same_tokens(&a, &b, chunks[i]);
		tokenise_into(memo, chunks[i], n, VP_TEXT_NOSTEM, &a);
		tokenise_into(ref, chunks[i], n, VP_TEXT_NOSTEM | VP_TEXT_NOFAST, &b);
		same_tokens(&a, &b, chunks[i]);
	}
	vp_tokens_free(&a);
	vp_tokens_free(&b);
	vp_text_close(memo);
	vp_text_close(ref);
}
