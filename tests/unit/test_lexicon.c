#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "voxpop/hash.h"
#include "voxpop/lexicon.h"
#include "../../pipeline/core/lexicon_impl.h" /* word numbers, pair keys */

#define DATA "tests/data/lexicons/"

static vp_text *tx;

static void setup(void)
{
	vp_err e;
	cr_assert_eq(vp_text_open(&tx, "english", &e), 0);
}

static void teardown(void)
{
	vp_text_close(tx);
}

TestSuite(lexicon, .init = setup, .fini = teardown);

Test(lexicon, paths_make_themes_and_parents)
{
	vp_lexicon *lx;
	vp_err e;
	cr_assert_eq(vp_lexicon_load(&lx, DATA "paths/", tx, &e), 0, "%s", e.msg);
	const char *want[] = {"a", "a/b", "a/b/c", "z"};
	long parent[] = {-1, 0, 1, -1};
	cr_assert_eq(vp_lexicon_nthemes(lx), 4);
	for (size_t i = 0; i < 4; i++) {
		cr_assert_str_eq(vp_lexicon_theme_name(lx, i), want[i]);
		cr_assert_eq(vp_lexicon_theme_parent(lx, i), parent[i]);
	}
	/* a/b has no file of its own; dot files and non-.txt files are ignored */
	cr_assert_eq(vp_lexicon_theme_entries(lx, 1), 0);
	cr_assert_eq(vp_lexicon_nentries(lx), 3);
	const vp_lexicon_entry *en = vp_lexicon_entry_at(lx, 1);
	cr_assert_str_eq(en->text, "beta");
	cr_assert_str_eq(en->file, DATA "paths/a/b/c.txt");
	cr_assert_eq(en->theme, 2);
	vp_lexicon_free(lx);
}

Test(lexicon, comments_blank_lines_and_entry_forms)
{
	vp_lexicon *lx;
	vp_err e;
	cr_assert_eq(vp_lexicon_load(&lx, DATA "comments", tx, &e), 0, "%s", e.msg);
	struct { const char *text; unsigned long line; size_t nterms; int exclude; } want[] = {
		{"car park", 3, 2, 0},
		{"Physio*", 5, 1, 0},
		{"waited ? hours", 6, 3, 0},
		{"!patient transport service", 7, 3, 1},
		{"follow-up", 8, 2, 0},
	};
	cr_assert_eq(vp_lexicon_nentries(lx), 5);
	for (size_t i = 0; i < 5; i++) {
		const vp_lexicon_entry *en = vp_lexicon_entry_at(lx, i);
		cr_assert_str_eq(en->text, want[i].text);
		cr_assert_eq(en->line, want[i].line, "%s", en->text);
		cr_assert_eq(en->nterms, want[i].nterms, "%s", en->text);
		cr_assert_eq(en->exclude, want[i].exclude);
	}
	vp_lexicon_free(lx);
}

static void expect_error(const char *dir, int code, const char *msg)
{
	vp_lexicon *lx = (vp_lexicon *)1;
	vp_err e;
	cr_assert_eq(vp_lexicon_load(&lx, dir, tx, &e), code, "%s: %s", dir, e.msg);
	cr_assert_null(lx);
	cr_assert_str_eq(e.msg, msg);
}

Test(lexicon, syntax_errors_name_file_and_line)
{
	expect_error(DATA "bad-star", EX_CONFIG,
	             DATA "bad-star/theme.txt:2: '*' may only end a word: 'phy*sio'");
	expect_error(DATA "bad-wild", EX_CONFIG,
	             DATA "bad-wild/t.txt:3: wildcard 'follow-up*': the prefix must be one word");
	expect_error(DATA "bad-noword", EX_CONFIG, DATA "bad-noword/theme.txt:4: entry has no words");
	expect_error(DATA "bad-utf8", EX_CONFIG, DATA "bad-utf8/t.txt:2: invalid UTF-8");
	expect_error(DATA "bad-directive", EX_CONFIG,
	             DATA "bad-directive/t.txt:2: unknown directive '@kept' "
	             "(known: @keep, @label, @describe)");
}

/* An entry that is a web or e-mail address became the placeholder token
 * <url> / <email> and matched every address: it is an error now.  The
 * placeholders themselves, written as such, match any address. */
Test(lexicon, address_entries_are_errors)
{
	expect_error(DATA "bad-url", EX_CONFIG,
	             DATA "bad-url/digital.txt:2: 'www.nhs.uk' is a web address; entries match "
	             "words -- write the words, e.g. \"nhs website\"");
	expect_error(DATA "bad-email", EX_CONFIG,
	             DATA "bad-email/contact.txt:2: 'help@nhs.net' is an e-mail address; entries "
	             "match words -- write the words, e.g. \"emailed the practice\"");
	expect_error(DATA "bad-url-star", EX_CONFIG,
	             DATA "bad-url-star/t.txt:2: 'https://111.nhs.uk*' is a web address; entries "
	             "match words -- write the words, e.g. \"nhs website\"");
	vp_lexicon *lx;
	vp_err e;
	cr_assert_eq(vp_lexicon_load(&lx, DATA "url-any", tx, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_lexicon_nentries(lx), 3);
	vp_lexicon_free(lx);
}

/* A file with lone-CR line ends (old Mac) is one line an entry, as LF:
 * it loaded as a single entry. */
Test(lexicon, lone_cr_ends_a_line)
{
	vp_lexicon *lx;
	vp_err e;
	cr_assert_eq(vp_lexicon_load(&lx, DATA "cr", tx, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_lexicon_nentries(lx), 2);
	cr_assert_str_eq(vp_lexicon_entry_at(lx, 0)->text, "car park");
	cr_assert_eq(vp_lexicon_entry_at(lx, 0)->line, 2);
	cr_assert_str_eq(vp_lexicon_entry_at(lx, 1)->text, "bus stop");
	cr_assert_eq(vp_lexicon_entry_at(lx, 1)->line, 4);
	vp_lexicon_free(lx);
}

/* Directives come from one table: an unknown one's message lists them all. */
Test(lexicon, directive_table_lists_the_known_ones)
{
	size_t n = vp_lexicon_ndirectives();
	cr_assert_geq(n, 1);
	const char *help = NULL;
	cr_assert_str_eq(vp_lexicon_directive(0, &help), "keep");
	cr_assert_not_null(help);
	cr_assert_null(vp_lexicon_directive(n, NULL));
	char want[1024];
	int at = snprintf(want, sizeof want,
	                  DATA "bad-directive/t.txt:2: unknown directive '@kept' (known: ");
	for (size_t i = 0; i < n; i++)
		at += snprintf(want + at, sizeof want - (size_t)at, "%s@%s", i ? ", " : "",
		               vp_lexicon_directive(i, NULL));
	snprintf(want + at, sizeof want - (size_t)at, ")");
	expect_error(DATA "bad-directive", EX_CONFIG, want);
	expect_error(DATA "bad-directive-arg", EX_CONFIG,
	             DATA "bad-directive-arg/t.txt:2: '@keep' takes nothing after it: '@keep  always'");
}

/* @label and @describe give reports a readable name and a line on the
 * theme; the last one in a file wins; a theme without one has NULL. */
Test(lexicon, label_and_describe)
{
	vp_lexicon *lx;
	vp_err e;
	cr_assert_eq(vp_lexicon_load(&lx, DATA "labels", tx, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_lexicon_nthemes(lx), 3);
	cr_assert_str_eq(vp_lexicon_theme_label(lx, 0), "Waiting   times");
	cr_assert_str_eq(vp_lexicon_theme_describe(lx, 0), "How long people wait");
	cr_assert_str_eq(vp_lexicon_theme_label(lx, 1), "Second");
	cr_assert_null(vp_lexicon_theme_describe(lx, 1));
	cr_assert_null(vp_lexicon_theme_label(lx, 2));
	cr_assert_eq(vp_lexicon_nentries(lx), 3, "directives are not entries");
	vp_lexicon_free(lx);
	expect_error(DATA "bad-label", EX_CONFIG,
	             DATA "bad-label/t.txt:2: '@label' needs a value after it");
}

Test(lexicon, missing_or_empty_set)
{
	expect_error(DATA "empty", EX_NOINPUT,
	             DATA "empty: no lexicon files (*.txt) in this directory");
	expect_error(DATA "nope", EX_NOINPUT, DATA "nope: No such file or directory");
	expect_error(DATA "basic/staff.txt", EX_NOINPUT, DATA "basic/staff.txt: Not a directory");
}

/* vp-tag --check: a wildcard the stemmer shortens, an entry repeating an
 * earlier one once stemmed, an entry a parent's exclusion always blocks. */
Test(lexicon, check_finds_entries_that_cannot_work)
{
	vp_lexicon *lx;
	vp_err e;
	cr_assert_eq(vp_lexicon_load(&lx, DATA "check", tx, &e), 0, "%s", e.msg);
	vp_buf out = VP_BUF_INIT;
	cr_assert_eq(vp_lexicon_check(lx, tx, &out), 5);
	cr_assert_str_eq(out.data,
		DATA "check/care.txt:2: 'ambulance*' misses 'ambulance' itself and words stemmed "
		"like it: the stem of 'ambulance' is 'ambul' (try 'ambul*'; check with vp-tag "
		"--explain)\n"
		DATA "check/care/waiting.txt:3: 'waiting' repeats line 1\n"
		DATA "check/care/waiting.txt:4: 'patient transport' never fires: "
		DATA "check/care.txt:4 excludes the same words\n"
		DATA "check/care/waiting.txt:5: 'patient transports' repeats line 4\n"
		DATA "check/care/waiting.txt:5: 'patient transports' never fires: "
		DATA "check/care.txt:4 excludes the same words\n");
	vp_buf_free(&out);
	vp_lexicon_free(lx);

	/* the set the syntax tests load is clean */
	cr_assert_eq(vp_lexicon_load(&lx, DATA "comments", tx, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_lexicon_check(lx, tx, &out), 0);
	cr_assert_eq(out.len, 0);
	vp_buf_free(&out);
	vp_lexicon_free(lx);
}

/* --check reports every wildcard the stemmer changes (happy* -- stem
 * "happi" -- was missed: only shortened stems were), and entries an
 * exclusion always blocks when the exclusion has a ? gap or a * wildcard
 * or lies inside the entry (only identical terms were). */
Test(lexicon, check_finds_changed_wildcards_and_blocked_entries)
{
	vp_lexicon *lx;
	vp_err e;
	cr_assert_eq(vp_lexicon_load(&lx, DATA "check-more", tx, &e), 0, "%s", e.msg);
	vp_buf out = VP_BUF_INIT;
	long n = vp_lexicon_check(lx, tx, &out);
	cr_assert_str_eq(out.data,
		DATA "check-more/a.txt:3: 'happy*' misses 'happy' itself and words stemmed like it: "
		"the stem of 'happy' is 'happi' (try 'happi*'; check with vp-tag --explain)\n"
		DATA "check-more/a.txt:4: 'surgery*' misses 'surgery' itself and words stemmed like "
		"it: the stem of 'surgery' is 'surgeri' (try 'surgeri*'; check with vp-tag --explain)\n"
		DATA "check-more/a.txt:5: 'family*' misses 'family' itself and words stemmed like it: "
		"the stem of 'family' is 'famili' (try 'famili*'; check with vp-tag --explain)\n"
		DATA "check-more/a.txt:9: 'out of hours' never fires: "
		DATA "check-more/a.txt:6 '!out of ?' matches wherever it does\n"
		DATA "check-more/a.txt:10: 'physio' never fires: "
		DATA "check-more/a.txt:7 '!phys*' matches wherever it does\n"
		DATA "check-more/a.txt:11: 'waited in the waiting room' never fires: "
		DATA "check-more/a.txt:8 '!waiting room' matches wherever it does\n"
		DATA "check-more/a.txt:15: 'physio*' never fires: "
		DATA "check-more/a.txt:7 '!phys*' matches wherever it does\n"
		DATA "check-more/a.txt:16: 'hurt?': the '?' of 'hurt?' is dropped "
		"(a '?' gap is a word of its own)\n"
		DATA "check-more/a.txt:17: '?" "? hours': the '?' of '?" "?' is dropped "
		"(a '?' gap is a word of its own)\n"
		DATA "check-more/a.txt:18: 'why? because': the '?' of 'why?' is dropped "
		"(a '?' gap is a word of its own)\n");
	cr_assert_eq(n, 10);
	vp_buf_free(&out);
	vp_lexicon_free(lx);
}

/* A set of files, each {relative path, content}, written under dir (made
 * with its subdirectories); removed by rm_set. */
struct fp_file {
	const char *path, *text;
};

static void write_set(const char *dir, const struct fp_file *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s/%s", dir, f[i].path);
		for (char *s = strchr(path + strlen(dir) + 1, '/'); s; s = strchr(s + 1, '/')) {
			*s = '\0';
			mkdir(path, 0700); /* there already, for the second file of a folder */
			*s = '/';
		}
		FILE *fp = fopen(path, "w");
		cr_assert_not_null(fp, "%s", path);
		fputs(f[i].text, fp);
		cr_assert_eq(fclose(fp), 0);
	}
}

static void rm_set(const char *dir)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

/* vp_lexicon_check on the set in dir finds n problems, reported as want. */
static void expect_check(const char *dir, int n, const char *want)
{
	vp_lexicon *lx;
	vp_err e;
	cr_assert_eq(vp_lexicon_load(&lx, dir, tx, &e), 0, "%s", e.msg);
	vp_buf out = VP_BUF_INIT;
	cr_assert_eq(vp_lexicon_check(lx, tx, &out), n, "%s", out.data);
	cr_assert_str_eq(out.data, want);
	vp_buf_free(&out);
	vp_lexicon_free(lx);
}

/* A finding about a long entry is written whole: it was cut at 512 bytes,
 * losing the end of the entry and the line it repeats. */
Test(lexicon, check_findings_are_not_cut)
{
	char dir[] = "/tmp/vp-test-lexicon.XXXXXX";
	cr_assert_not_null(mkdtemp(dir));
	char entry[700], text[1500];
	size_t k = 0;
	for (int w = 0; w < 30; w++) /* 30 words of 22 letters */
		k += (size_t)snprintf(entry + k, sizeof entry - k, "longwordlongwordlong%c%c ",
		                      'a' + w / 26, 'a' + w % 26);
	entry[k - 1] = '\0';
	snprintf(text, sizeof text, "%s\n%s\n", entry, entry);
	write_set(dir, (struct fp_file[]){{"a.txt", text}}, 1);
	vp_buf want = VP_BUF_INIT;
	cr_assert_eq(vp_buf_printf(&want, "%s/a.txt:2: '%s' repeats line 1\n", dir, entry), 0);
	expect_check(dir, 1, want.data);
	vp_buf_free(&want);
	rm_set(dir);
}

/* Every word of the terms has a number, the same for the same bytes and
 * another for other bytes; pair keys are found by their words' numbers,
 * in order. */
Test(lexicon, words_are_numbered_and_pairs_found_by_number)
{
	vp_lexicon *lx;
	vp_err e;
	cr_assert_eq(vp_lexicon_load(&lx, DATA "pairs", tx, &e), 0, "%s", e.msg);
	size_t nwords = 0;
	for (size_t k = 0; k < lx->nterms; k++) {
		const struct lx_term *t = &lx->terms[k];
		if (t->kind != LX_WORD)
			continue;
		const char *s = lx->pool.data + t->off;
		cr_assert_eq(lx_word_find(lx, s, t->len, vp_hash_bytes(s, t->len)), t->wid, "%s", s);
		cr_assert_str_eq(lx->pool.data + lx->terms[t->wid].off, s);
		nwords += t->wid == k;
		for (size_t j = 0; j < k; j++)
			if (lx->terms[j].kind == LX_WORD)
				cr_assert_eq(lx->terms[j].wid == t->wid,
				             strcmp(lx->pool.data + lx->terms[j].off, s) == 0);
	}
	cr_assert_eq(nwords, 5, "not enough staff no appoint");
	uint32_t w[4];
	static const char *const words[] = {"not", "enough", "staff", "nurse"};
	for (size_t i = 0; i < 4; i++)
		w[i] = lx_word_find(lx, words[i], strlen(words[i]),
		                    vp_hash_bytes(words[i], strlen(words[i])));
	cr_assert_eq(w[3], LX_NOWORD);
	cr_assert_eq(lx_word_find(lx, "no", 2, vp_hash_bytes("no", 2)) == LX_NOWORD, 0);
	cr_assert_eq(lx_word_find(lx, "enough", 5, vp_hash_bytes("enough", 5)), LX_NOWORD);
	const struct lx_pairslot *ps = lx_pair_find(lx, w[0], w[1]);
	cr_assert_not_null(ps);
	cr_assert_eq(ps->nlinks, 2, "not enough, not enough staff");
	for (uint32_t k = 0; k < ps->nlinks; k++)
		cr_assert_eq(lx->links[ps->link0 + k].theme,
		             lx->entries[lx->links[ps->link0 + k].entry].pub.theme);
	cr_assert_null(lx_pair_find(lx, w[1], w[0]));
	cr_assert_null(lx_pair_find(lx, w[1], w[2]));
	vp_lexicon_free(lx);
}

/* Word lists: a file NAME.list holds one member a line, and "{NAME}" in
 * an entry stands for each member in turn -- one entry a member (every
 * combination for two lists), each with the line it was written on. */
Test(lexicon, word_lists_expand_entries)
{
	vp_lexicon *lx;
	vp_err e;
	cr_assert_eq(vp_lexicon_load(&lx, DATA "lists", tx, &e), 0, "%s", e.msg);
	static const struct { const char *text; unsigned long line; int exclude; } want[] = {
		{"doctor ? brilliant", 2, 0}, {"doctor ? a star", 2, 0},
		{"nurse ? brilliant", 2, 0}, {"nurse ? a star", 2, 0},
		{"health visitor ? brilliant", 2, 0}, {"health visitor ? a star", 2, 0},
		{"physio* ? brilliant", 2, 0}, {"physio* ? a star", 2, 0},
		{"nice doctor", 3, 0}, {"nice nurse", 3, 0}, {"nice health visitor", 3, 0},
		{"nice physio*", 3, 0},
		{"!doctor ? rubbish", 4, 1}, {"!nurse ? rubbish", 4, 1},
		{"!health visitor ? rubbish", 4, 1}, {"!physio* ? rubbish", 4, 1},
		{"plain entry", 5, 0},
	};
	size_t n = sizeof want / sizeof *want;
	/* "doctors" (people.list:6) is "doctor" once stemmed: not a second member */
	cr_assert_eq(vp_lexicon_nentries(lx), n);
	for (size_t i = 0; i < n; i++) {
		const vp_lexicon_entry *en = vp_lexicon_entry_at(lx, i);
		cr_assert_str_eq(en->text, want[i].text);
		cr_assert_eq(en->line, want[i].line, "%s", en->text);
		cr_assert_eq(en->exclude, want[i].exclude, "%s", en->text);
		cr_assert_str_eq(en->file, DATA "lists/staff.txt");
	}
	cr_assert_str_eq(vp_lexicon_entry_at(lx, 0)->pattern, "{people} ? {praise}");
	cr_assert_str_eq(vp_lexicon_entry_at(lx, 12)->pattern, "!{people} ? rubbish");
	cr_assert_null(vp_lexicon_entry_at(lx, 16)->pattern);
	cr_assert_eq(vp_lexicon_entry_at(lx, 4)->nterms, 4); /* health visitor ? brilliant */
	/* a list is no theme */
	cr_assert_eq(vp_lexicon_nthemes(lx), 1);
	cr_assert_str_eq(vp_lexicon_theme_name(lx, 0), "staff");

	/* --check names the member that repeats another once stemmed */
	vp_buf out = VP_BUF_INIT;
	cr_assert_eq(vp_lexicon_check(lx, tx, &out), 1, "%s", out.data);
	cr_assert_str_eq(out.data, DATA "lists/people.list:6: 'doctors' repeats line 2 "
	                 "(the same words once stemmed)\n");
	vp_buf_free(&out);
	vp_lexicon_free(lx);
}

/* A member repeats another when the matcher sees the same terms: "Physio*"
 * is "physio*" and "Nurses" is "nurse", but the wildcard "physio*" is not the
 * word "physio", nor "nurse specialist" the word "nurse". */
Test(lexicon, list_member_repeats_are_the_matchers_terms)
{
	char dir[] = "/tmp/vp-test-lexicon.XXXXXX";
	cr_assert_not_null(mkdtemp(dir));
	write_set(dir, (struct fp_file[]){
		{"who.list", "physio*\nphysio\nnurse\nnurse specialist\nPhysio*\nNurses\n"},
		{"t.txt", "{who} was kind\n"}}, 2);
	vp_lexicon *lx;
	vp_err e;
	cr_assert_eq(vp_lexicon_load(&lx, dir, tx, &e), 0, "%s", e.msg);
	cr_assert_eq(vp_lexicon_nentries(lx), 4, "%zu", vp_lexicon_nentries(lx));
	vp_lexicon_free(lx);
	vp_buf want = VP_BUF_INIT;
	cr_assert_eq(vp_buf_printf(&want, "%s/who.list:5: 'Physio*' repeats line 1 (the same words "
	                           "once stemmed)\n%s/who.list:6: 'Nurses' repeats line 3 (the same "
	                           "words once stemmed)\n", dir, dir), 0);
	expect_check(dir, 2, want.data);
	vp_buf_free(&want);
	rm_set(dir);
}

Test(lexicon, word_list_errors)
{
	expect_error(DATA "bad-list-ref", EX_CONFIG,
	             DATA "bad-list-ref/t.txt:2: no word list '{nobody}' in this set "
	             "(its lists: {praise})");
	expect_error(DATA "comments-ref", EX_CONFIG,
	             DATA "comments-ref/t.txt:1: no word list '{people}' in this set "
	             "(it has none: a list is a file NAME.list)");
	expect_error(DATA "bad-list-word", EX_CONFIG,
	             DATA "bad-list-word/t.txt:2: '{people}s': a list is named by a word of "
	             "its own, '{people}'");
	expect_error(DATA "bad-list-member", EX_CONFIG,
	             DATA "bad-list-member/people.list:2: '? nurse': a list member cannot hold "
	             "a '?' gap, an exclusion '!', a directive '@' or a list '{...}'");
	expect_error(DATA "bad-list-empty", EX_CONFIG,
	             DATA "bad-list-empty/t.txt:1: word list '{people}' ("
	             DATA "bad-list-empty/people.list) has no members");
	expect_error(DATA "bad-list-name", EX_CONFIG,
	             DATA "bad-list-name/the.people.list: a list's name (its file's name "
	             "before .list) may hold only letters, digits, '_' and '-'");
	expect_error(DATA "bad-list-dup", EX_CONFIG,
	             DATA "bad-list-dup/people.list: a second list named 'people' (the "
	             "first is " DATA "bad-list-dup/a/people.list): list names are one per set");
}

/* ---- the fingerprint ---- */

/* The fingerprint of the set f[0..n) written in a new directory under
 * parent (made first when not there; NULL: /tmp), removed after, as 16 hex
 * digits into hex. */
static void fp_of(const char *parent, const struct fp_file *f, size_t n, char *hex)
{
	if (parent)
		mkdir(parent, 0700);
	char dir[256];
	snprintf(dir, sizeof dir, "%s/vp-test-fp.XXXXXX", parent ? parent : "/tmp");
	cr_assert_not_null(mkdtemp(dir));
	write_set(dir, f, n);
	vp_lexicon *lx;
	vp_err e;
	cr_assert_eq(vp_lexicon_load(&lx, dir, tx, &e), 0, "%s", e.msg);
	vp_lexicon_fingerprint_hex(lx, hex);
	char again[VP_LEXICON_FP_LEN + 1];
	snprintf(again, sizeof again, "%016llx", (unsigned long long)vp_lexicon_fingerprint(lx));
	cr_assert_str_eq(hex, again);
	vp_lexicon_free(lx);
	rm_set(dir);
}

static const struct fp_file fp_set[] = {
	{"access/waiting.txt", "# how long\nwaited ? hours\nwaiting list\n"},
	{"access.txt", "@label Access\naccess\n"},
	{"staff.txt", "{roles} was rude\n!rude awakening\n"},
	{"setting/maternity.txt", "@keep\nmidwife\n"},
	{"people/roles.list", "nurse\nphysio*\n"},
};
enum { FP_N = sizeof fp_set / sizeof fp_set[0] };

/* The same files give the same value wherever the set is, however deep,
 * and however the directory is named (a trailing slash); two loads of one
 * directory agree. */
Test(lexicon, fingerprint_same_files_same_value_anywhere)
{
	char top[] = "/tmp/vp-test-fp.XXXXXX", deep[300], a[17], b[17], c[17];
	cr_assert_not_null(mkdtemp(top));
	snprintf(deep, sizeof deep, "%s/x", top);
	mkdir(deep, 0700);
	snprintf(deep, sizeof deep, "%s/x/y-z", top);
	fp_of(top, fp_set, FP_N, a);
	fp_of(deep, fp_set, FP_N, b);
	cr_assert_str_eq(a, b);
	cr_assert(vp_lexicon_fingerprint_valid(a, strlen(a)), "%s", a);

	char dir[320];
	snprintf(dir, sizeof dir, "%s/one", top);
	mkdir(dir, 0700);
	write_set(dir, fp_set, FP_N);
	strcat(dir, "//");
	vp_lexicon *lx;
	vp_err e;
	cr_assert_eq(vp_lexicon_load(&lx, dir, tx, &e), 0, "%s", e.msg);
	vp_lexicon_fingerprint_hex(lx, c);
	vp_lexicon_free(lx);
	cr_assert_str_eq(a, c);
	rm_set(top);
}

/* Anything that tags otherwise gives another value: an entry's words, an
 * exclusion, a list member, @keep, a theme's name (the same entries under
 * another theme), an entry added. */
Test(lexicon, fingerprint_differs_when_an_entry_changes)
{
	char base[17];
	fp_of(NULL, fp_set, FP_N, base);
	static const struct { size_t file; const char *path, *text; } edit[] = {
		{0, NULL, "# how long\nwaited ? hour\nwaiting list\n"},
		{0, NULL, "# how long\nwaited ? hours\nwaiting list\nqueue\n"},
		{2, NULL, "{roles} was rude\n!rude awakenings\n"},
		{2, NULL, "{roles} was rude\nrude awakening\n"},
		{4, NULL, "nurse\nphysio\n"},
		{4, NULL, "nurse\nphysio*\ndoctor\n"},
		{3, NULL, "midwife\n"},
		{3, "setting/birth.txt", NULL},
		{1, "entry.txt", NULL},
	};
	for (size_t i = 0; i < sizeof edit / sizeof edit[0]; i++) {
		struct fp_file f[FP_N];
		memcpy(f, fp_set, sizeof f);
		if (edit[i].path)
			f[edit[i].file].path = edit[i].path;
		if (edit[i].text)
			f[edit[i].file].text = edit[i].text;
		char other[17];
		fp_of(NULL, f, FP_N, other);
		cr_assert_str_neq(other, base, "edit %zu", i);
	}
}

/* What does not change how the set tags keeps the value: comments, blank
 * lines, spaces, CRLF line ends, a byte order mark, @label and @describe. */
Test(lexicon, fingerprint_ignores_what_does_not_tag)
{
	struct fp_file f[FP_N];
	memcpy(f, fp_set, sizeof f);
	f[0].text = "\xef\xbb\xbfwaited  ?   hours  # how long\r\n\r\nwaiting list\r\n";
	f[1].text = "@label Getting care\n@describe Who gets in\naccess # itself\n";
	char base[17], other[17];
	fp_of(NULL, fp_set, FP_N, base);
	fp_of(NULL, f, FP_N, other);
	cr_assert_str_eq(other, base);
}

/* The stemmer decides which words an entry matches ("porter" stems
 * "generously" to "gener", English to "generous"), so a set loaded with
 * another stemmer has another value; the names libstemmer takes for one
 * stemmer ("en", "eng", "english"; "de", "ger", "deu", "german") give one
 * value, and English keeps the value it had before the stemmer was in it
 * (fingerprint_is_stable), so documents counted then still merge. */
Test(lexicon, fingerprint_differs_with_the_stemmer)
{
	static const char *const same[][4] = {
		{"english", "en", "eng", NULL},
		{"german", "de", "ger", "deu"},
		{"dutch", "nl", "dut", "nld"},
		{"porter", NULL, NULL, NULL},
	};
	enum { NS = sizeof same / sizeof same[0] };
	char fp[NS][17];
	vp_text *saved = tx;
	for (size_t i = 0; i < NS; i++) {
		for (size_t j = 0; j < 4 && same[i][j]; j++) {
			vp_err e;
			cr_assert_eq(vp_text_open(&tx, same[i][j], &e), 0, "%s", e.msg);
			char hex[17];
			fp_of(NULL, fp_set, FP_N, hex);
			vp_text_close(tx);
			if (j == 0)
				memcpy(fp[i], hex, sizeof hex);
			else
				cr_assert_str_eq(hex, fp[i], "%s and %s", same[i][0], same[i][j]);
		}
		for (size_t k = 0; k < i; k++)
			cr_assert_str_neq(fp[i], fp[k], "%s and %s", same[i][0], same[k][0]);
	}
	tx = saved;
	char def[17];
	fp_of(NULL, fp_set, FP_N, def);
	cr_assert_str_eq(def, fp[0]);
}

/* Documents outlive versions: the value of a set must not change with the
 * code.  fp_set's, worked out once by the loader and once by hand from
 * lexicon.h's description (a set written here, not one of
 * tests/data/lexicons, which may be edited). */
Test(lexicon, fingerprint_is_stable)
{
	char hex[17];
	fp_of(NULL, fp_set, FP_N, hex);
	cr_assert_str_eq(hex, "dded629e77557e09");
}

Test(lexicon, fingerprint_valid_is_sixteen_lower_hex)
{
	cr_assert(vp_lexicon_fingerprint_valid("0123456789abcdef", 16));
	cr_assert_not(vp_lexicon_fingerprint_valid("0123456789ABCDEF", 16));
	cr_assert_not(vp_lexicon_fingerprint_valid("0123456789abcde", 15));
	cr_assert_not(vp_lexicon_fingerprint_valid("0123456789abcdef0", 17));
	cr_assert_not(vp_lexicon_fingerprint_valid("0123456789abcdeg", 16));
	cr_assert_not(vp_lexicon_fingerprint_valid("0123456789abcde\0", 16));
}
