/* vp-tag - add "themes": the lexicon themes whose entries match the tokens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/cli.h"
#include "voxpop/filter.h"
#include "voxpop/lexicon.h"
#include "voxpop/paths.h"
#include "voxpop/tag.h"
#include "voxpop/text.h"

enum { OPT_LEXICON = 'L', OPT_EXPLAIN = 'x', OPT_SKIP = 'B', OPT_LANG = 'l',
       OPT_LIST = 256, OPT_CHECK, OPT_LEXLANG, OPT_FP };

static const vp_opt opts[] = {
	{"lexicon", OPT_LEXICON, VP_ARG, "DIR", "lexicon set (default: the shipped lexicons/engagement)"},
	{"explain", OPT_EXPLAIN, VP_NOARG, NULL,
	 "add \"spans\" (token [start,end)) and \"entries\" (file:line) to each theme"},
	{"lang", OPT_LANG, VP_ARG, "LANG", "stemmer for the lexicon entries (default english; use vp-normalise's)"},
	{"lexicon-lang", OPT_LEXLANG, VP_ARG, "CODE",
	 "the lexicon's language (default: --lang's, en); records in another (\"lang\") are not tagged; any: tag all"},
	{"list-themes", OPT_LIST, VP_NOARG, NULL,
	 "print the lexicon's themes (name, tab, own entries) and exit"},
	{"check", OPT_CHECK, VP_NOARG, NULL,
	 "check the lexicon for entries that cannot work as meant, list them (file:line) and exit"},
	{"fingerprint", OPT_FP, VP_NOARG, NULL,
	 "print the lexicon's fingerprint (the \"lexicon\" vp-tag writes) and exit"},
	{"skip-bad", OPT_SKIP, VP_NOARG, NULL, "skip bad records, report how many and why"},
	VP_FILTER_OPT_MAX_LINE,
	{0}
};

static const vp_cli cli = {
	"vp-tag", "[OPTION]... [FILE]...",
	"Add \"themes\" to each record (NDJSON from FILEs or stdin, to stdout) from the\n"
	"lexicon entries matching its \"tokens\" (run vp-normalise first):\n"
	"  \"themes\":[{\"theme\":\"transport\",\"hits\":[\"car park\"]},\n"
	"            {\"theme\":\"transport/parking\",\"hits\":[\"car park\"]}]\n"
	"A parent theme is listed whenever a child fires; hits are the entries as\n"
	"written in the lexicon. Records with no match get \"themes\": [].\n"
	"A record whose \"lang\" (vp-normalise's) is another language than the\n"
	"lexicon's gets \"themes\": [] and \"untaggable\": \"language\" instead, and\n"
	"is counted: \"vp-tag: 12 records not tagged: language not English (cy Welsh\n"
	"9, pl Polish 3)\" on stderr at the end. \"lang\": \"und\" (unsure) is tagged;\n"
	"\"und-Arab\" and the like (the script known, not the language) are not when\n"
	"the lexicon's language is written in another script.\n"
	"Every record also gets \"lexicon\": the set's fingerprint (16 hex digits, the same\n"
	"for the same entries wherever the set is), so that vp-count and vp-merge can refuse\n"
	"to add up records tagged with different lexicons.",
	opts,
	"Lexicon set: a directory; DIR/access/waiting.txt is theme access/waiting and\n"
	"DIR/access.txt the parent theme access. One entry per line, # comments:\n"
	"  car park        a phrase: consecutive words, stemmed like the text\n"
	"  physio*         any word starting with physio\n"
	"  waited ? hours  ? is any one word\n"
	"  !patient transport service   an exclusion: no entry of this theme (or its\n"
	"                  children) fires on these words\n"
	"  {roles} ? great   {roles}: each member of the word list DIR/.../roles.list\n"
	"                  in turn (one word, phrase or wildcard a line)\n"
	"Where matches overlap the longest (in words) wins; equal lengths all fire.\n"
	"\n"
	"Examples:\n"
	"  vp-ingest survey.csv | vp-normalise | vp-tag | vp-count > counts.json\n"
	"  vp-normalise notes.ndjson | vp-tag --explain --lexicon mylexicon | jq .themes\n"
	"\n"
	"Exit status: 0 ok, 64 usage, 65 bad record (e.g. no \"tokens\"), 66 cannot\n"
	"open a FILE or the lexicon, 74 I/O error, 78 lexicon syntax error (file:line)\n"
	"or, with --check, entries to fix.\n",
};

/* --check: what vp_lexicon_check finds, on stdout; 78 if anything. */
static int check_lexicon(const vp_lexicon *lx, vp_text *tx, const char *dir)
{
	vp_buf out = VP_BUF_INIT;
	long n = vp_lexicon_check(lx, tx, &out);
	if (n < 0) {
		vp_buf_free(&out);
		vp_warnf(cli.prog, "out of memory");
		return EX_OSERR;
	}
	if (out.len)
		fwrite(out.data, 1, out.len, stdout);
	vp_buf_free(&out);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		vp_warnf(cli.prog, "write error: %m");
		return EX_IOERR;
	}
	if (n)
		vp_warnf(cli.prog, "%s: %ld %s to fix", dir, n, n == 1 ? "problem" : "problems");
	return n ? EX_CONFIG : 0;
}

static int list_themes(const vp_lexicon *lx)
{
	for (size_t i = 0; i < vp_lexicon_nthemes(lx); i++)
		printf("%s\t%zu\n", vp_lexicon_theme_name(lx, i), vp_lexicon_theme_entries(lx, i));
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : EX_IOERR;
}

static int print_fingerprint(const vp_lexicon *lx)
{
	char hex[VP_LEXICON_FP_LEN + 1];
	vp_lexicon_fingerprint_hex(lx, hex);
	printf("%s\n", hex);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : EX_IOERR;
}

int main(int argc, char **argv)
{
	const char *lexdir = NULL, *lang = "english", *lexlang = NULL, *arg;
	int skip_bad = 0, explain = 0, list = 0, check = 0, fp = 0, c, optind_out = 1;
	size_t max_line = 0;

	vp_io_init();
	while ((c = vp_cli_next(&cli, argc, argv, &arg, &optind_out)) != -1) {
		switch (c) {
		case OPT_LEXICON: lexdir = arg; break;
		case OPT_EXPLAIN: explain = 1; break;
		case OPT_LANG: lang = arg; break;
		case OPT_LIST: list = 1; break;
		case OPT_CHECK: check = 1; break;
		case OPT_FP: fp = 1; break;
		case OPT_LEXLANG: lexlang = arg; break;
		case OPT_SKIP: skip_bad = 1; break;
		case VP_OPT_MAX_LINE: max_line = vp_filter_max_line_arg(&cli, arg); break;
		}
	}
	char defdir[4096];
	vp_err e = {0};
	if (!lexdir) {
		if (vp_data_default("lexicons/engagement", "lexicon set", "--lexicon DIR", defdir,
		                    sizeof defdir, &e)) {
			vp_err_print(cli.prog, &e);
			return EX_NOINPUT;
		}
		lexdir = defdir;
	}

	vp_text *tx = NULL;
	vp_lexicon *lx = NULL;
	vp_tag t = {0};
	int rc = vp_text_open(&tx, lang, &e);
	if (!rc)
		rc = vp_lexicon_load(&lx, lexdir, tx, &e);
	if (rc) {
		vp_err_print(cli.prog, &e);
		goto out;
	}
	if (list || check || fp) {
		rc = list ? list_themes(lx) : check ? check_lexicon(lx, tx, lexdir) : print_fingerprint(lx);
		goto out;
	}

	vp_filter_stage st;
	if (!lexlang)
		lexlang = vp_lang_of_stemmer(lang);
	if ((rc = vp_tag_init(&t, lx, explain, &e)) || (rc = vp_tag_set_lang(&t, lexlang, &e))) {
		vp_err_print(cli.prog, &e);
		goto out;
	}
	vp_tag_stage(&t, &st, cli.prog);
	rc = vp_filter_run_opts(&st, &t, &(vp_filter_opts){skip_bad, max_line}, argc - optind_out, argv + optind_out);
out:
	vp_tag_free(&t);
	vp_lexicon_free(lx);
	vp_text_close(tx);
	return rc;
}
