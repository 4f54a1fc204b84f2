/* vp-normalise - add "tokens": the record's text normalised, split, stemmed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/cli.h"
#include "voxpop/filter.h"
#include "voxpop/lang.h"
#include "voxpop/normalise.h"
#include "voxpop/record.h"
#include "voxpop/text.h"

enum { OPT_LANG = 'l', OPT_FIELD = 't', OPT_SKIP = 'B', OPT_NO_DETECT = 256 };

static const vp_opt opts[] = {
	{"lang", OPT_LANG, VP_ARG, "LANG", "stemmer language (default english; 'help' lists them)"},
	{"text-field", OPT_FIELD, VP_ARG, "NAME", "field holding the text (default text)"},
	{"no-detect-lang", OPT_NO_DETECT, VP_NOARG, NULL,
	 "do not write \"lang\" (the language the text is written in)"},
	{"skip-bad", OPT_SKIP, VP_NOARG, NULL, "skip bad records, report how many and why"},
	VP_FILTER_OPT_MAX_LINE,
	{0}
};

static const vp_cli cli = {
	"vp-normalise", "[OPTION]... [FILE]...",
	"Add \"tokens\" to each record (NDJSON from FILEs or stdin, to stdout): the text\n"
	"NFKC-normalised and case-folded, split into words and stemmed. Token order is\n"
	"the order of the words; the text itself is left as written.",
	opts,
	"Words are runs of letters and digits. Hyphens and other punctuation split\n"
	"words; a possessive 's is dropped (patient's -> patient) and other apostrophes\n"
	"removed (don't -> dont); 3.5 and 10,000 stay one token. URLs become the token\n"
	"<url> and e-mail addresses <email>, so they never reach later stages' counts.\n"
	"HTML pasted from a web form is read as a browser shows it: common tags (<b>,\n"
	"<br>, <p>, ...) split words and &amp; &#39; &nbsp; ... are the characters\n"
	"they name (car <b>park</b> -> car park, didn&#39;t -> didnt).\n"
	"A record with no text (absent, null or \"\") gets \"tokens\": []; a text that is\n"
	"not a string is a bad record.\n"
	"\n"
	"Example:\n"
	"  vp-ingest survey.csv | vp-normalise | vp-tag | vp-count > counts.json\n"
	"\n"
	"Exit status: 0 ok, 64 usage, 65 bad record, 66 cannot open a FILE, 74 I/O error.\n",
};

static void list_languages(void)
{
	for (const char **l = vp_text_languages(); *l; l++)
		printf("%s\n", *l);
}

int main(int argc, char **argv)
{
	const char *lang = "english", *field = "text", *arg;
	int skip_bad = 0, detect_lang = 1, c, optind_out = 1;
	size_t max_line = 0;

	vp_io_init();
	while ((c = vp_cli_next(&cli, argc, argv, &arg, &optind_out)) != -1) {
		switch (c) {
		case OPT_LANG: lang = arg; break;
		case OPT_FIELD: field = arg; break;
		case OPT_SKIP: skip_bad = 1; break;
		case VP_OPT_MAX_LINE: max_line = vp_filter_max_line_arg(&cli, arg); break;
		case OPT_NO_DETECT: detect_lang = 0; break;
		}
	}
	if (strcmp(lang, "help") == 0) {
		list_languages();
		return fflush(stdout) == 0 ? 0 : EX_IOERR;
	}
	vp_err e = {0};
	vp_text *tx;
	int rc = vp_text_open(&tx, lang, &e);
	if (rc) {
		vp_err_print(cli.prog, &e);
		return rc;
	}
	vp_normalise n;
	vp_filter_stage st;
	if (detect_lang)
		vp_lang_prepare();
	vp_normalise_init(&n, tx, field, detect_lang);
	vp_normalise_stage(&n, &st, cli.prog);
	rc = vp_filter_run_opts(&st, &n, &(vp_filter_opts){skip_bad, max_line}, argc - optind_out, argv + optind_out);
	vp_normalise_free(&n);
	vp_text_close(tx);
	return rc;
}
