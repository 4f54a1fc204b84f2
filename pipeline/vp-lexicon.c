/* vp-lexicon - lexicon sets: import and export other tools' dictionaries, check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/cli.h"
#include "voxpop/input.h"
#include "voxpop/lexicon.h"
#include "voxpop/lexicon_io.h"
#include "voxpop/record.h"
#include "voxpop/text.h"

#define DEFAULT_WORDS "/usr/share/dict/british-english"

enum { OPT_FROM = 256, OPT_TO, OPT_WORDS, OPT_CORPUS, OPT_LANG };

static const vp_opt opts[] = {
	{"from", OPT_FROM, VP_ARG, "FORMAT", "import: the dictionary's format, yaml, liwc or wordstat"},
	{"to", OPT_TO, VP_ARG, "FORMAT", "export: the format to write, yaml or liwc"},
	{"words", OPT_WORDS, VP_ARG, "FILE", "check: word list for stem collisions (default " DEFAULT_WORDS ")"},
	{"corpus", OPT_CORPUS, VP_ARG, "FILE", "check: tokenised records (vp-normalise output); list entries that never fire or lose their words"},
	{"lang", OPT_LANG, VP_ARG, "LANG", "stemmer (default english)"},
	{0}
};

static const vp_cli cli = {
	"vp-lexicon", "import --from yaml|liwc|wordstat FILE DIR | export --to yaml|liwc DIR | check DIR [--words FILE] [--corpus FILE]",
	"Move theme dictionaries between voxpop lexicon sets and other tools, and\n"
	"check a set.  import writes FILE as a lexicon set under DIR (one file per\n"
	"theme, nested keys or categories as sub-directories); export writes the set\n"
	"DIR to standard output.",
	opts,
	"Formats: yaml is quanteda's dictionary YAML (nested keys, list items,\n"
	"a key's own entries beside its sub-keys under the key \"__\",\n"
	"flow lists [a, b] and flow mappings {a: [x], b: {c: [y]}} over one line\n"
	"or several; '*' ends a wildcard, and a\n"
	"word that is only '*' is any one word, voxpop's '?' gap, both ways);\n"
	"liwc is a LIWC .dic ('%' header of numbered\n"
	"categories, one indented under another its sub-theme, then entry TAB\n"
	"numbers; a theme's @label is a LIWC 2015\n"
	"description, \"1 TAB function TAB (Function Words)\", both ways), and on\n"
	"import LIWC-22's .dicx (CSV: DicTerm, then a column a category, \"X\" in\n"
	"the columns of an entry's categories; a weight is named); wordstat\n"
	"is a WordStat .cat (import only: categories by indentation, entries\n"
	"\"WORD (1)\", '_' joining phrase words).  Whatever the target cannot\n"
	"express -- a space in a theme name (written '_'), exclusions, '?' gaps\n"
	"(in liwc), @directives (@label in yaml, @describe,\n"
	"@keep), a '*' inside\n"
	"a word, LIWC conditional categories, WordStat rules, entries vp-tag would\n"
	"refuse (a web address), categories with no entries -- is named on stderr,\n"
	"one line each, and counted; it is never dropped silently.\n"
	"\n"
	"check lists, as file:line lines: what vp-tag --check finds; stem\n"
	"collisions, entry words whose stem is shared by other words of the word\n"
	"list that are not plain inflections (\"training\" matches \"train\"), or by\n"
	"any other word for a capitalised name (\"Park House\" matches \"parking\"),\n"
	"exclusions' words too (\"!kind of\" also drops \"the kindness of\");\n"
	"with --corpus, the entries that fire on none of its records, and those\n"
	"whose words a longer entry of another theme took in records where their\n"
	"own theme then found nothing (longest match wins across themes: where both\n"
	"are meant, put the phrase in both files), one line a pair, most often\n"
	"first, with the first such record's id.  Without the\n"
	"word list (Debian package wbritish) collisions are skipped with a message.\n"
	"\n"
	"Exit status: 0 done (check: whatever it found); 64 usage; 65 bad\n"
	"dictionary or records; 66 cannot open a file; 73 cannot create DIR (made\n"
	"with its parents) or a theme file (an existing one is never\n"
	"overwritten); 74 I/O error; 78 the set\n"
	"has a syntax error.\n",
};

int main(int argc, char **argv)
{
	const char *from = NULL, *to = NULL, *words = NULL, *corpus = NULL, *lang = "english", *arg;
	int key, first, rc = 0;
	vp_err e = {0};
	vp_text *tx = NULL;
	FILE *fp = NULL;
	unsigned long lost = 0;
	vp_buf out = VP_BUF_INIT;

	vp_io_init();
	while ((key = vp_cli_next(&cli, argc, argv, &arg, &first)) != -1) {
		switch (key) {
		case OPT_FROM: from = arg; break;
		case OPT_TO: to = arg; break;
		case OPT_WORDS: words = arg; break;
		case OPT_CORPUS: corpus = arg; break;
		case OPT_LANG: lang = arg; break;
		}
	}
	int nargs = argc - first;
	char **args = argv + first;
	if (nargs < 1)
		return vp_cli_usage_error(&cli, "say import, export or check");
	const char *cmd = args[0];
	if (strcmp(cmd, "import") == 0) {
		if (nargs != 3 || !from || to || words || corpus)
			return vp_cli_usage_error(&cli, "import --from FORMAT FILE DIR");
	} else if (strcmp(cmd, "export") == 0) {
		if (nargs != 2 || !to || from || words || corpus)
			return vp_cli_usage_error(&cli, "export --to FORMAT DIR");
	} else if (strcmp(cmd, "check") == 0) {
		if (nargs != 2 || from || to)
			return vp_cli_usage_error(&cli, "check DIR [--words FILE] [--corpus FILE]");
	} else {
		return vp_cli_usage_error(&cli, "unknown command '%s' (import, export or check)", cmd);
	}
	int fmt = vp_dict_format_parse(from ? from : to ? to : "yaml");
	if (fmt < 0 || (to && fmt == VP_DICT_WORDSTAT))
		return vp_cli_usage_error(&cli, "no format '%s' to %s (yaml, liwc%s)", from ? from : to,
		                          from ? "import" : "export", from ? ", wordstat" : "");
	if ((rc = vp_text_open(&tx, lang, &e)))
		goto out;

	if (strcmp(cmd, "import") == 0) {
		if ((rc = vp_open_in(&fp, args[1], VP_IN_NONEMPTY, &e)))
			goto out;
		rc = vp_dict_import((vp_dict_format)fmt, fp, args[1], args[2], tx, cli.prog, &lost, &e);
		if (lost)
			vp_warnf(cli.prog, "%lu item%s of %s could not be expressed in a voxpop lexicon (listed above)",
			         lost, lost == 1 ? "" : "s", args[1]);
	} else if (strcmp(cmd, "export") == 0) {
		rc = vp_dict_export((vp_dict_format)fmt, args[1], tx, stdout, cli.prog, &lost, &e);
		if (!rc)
			rc = vp_output_close(stdout, &e);
		if (lost)
			vp_warnf(cli.prog, "%lu item%s of %s could not be expressed in %s (listed above)",
			         lost, lost == 1 ? "" : "s", args[1], to);
	} else {
		vp_lexicon *lx;
		const char *dir = args[1];
		if ((rc = vp_lexicon_load(&lx, dir, tx, &e)))
			goto out;
		long n = vp_lexicon_check(lx, tx, &out);
		vp_lexicon_free(lx);
		if (n < 0) {
			rc = vp_oom(&e);
			goto out;
		}
		long total = n, coll = 0;
		vp_corpus_findings cf = {0, 0, 0};
		const char *wl = words ? words : DEFAULT_WORDS;
		if ((rc = vp_open_in(&fp, wl, VP_IN_NONEMPTY | VP_IN_NOSTDIN, &e))) {
			if (words)
				goto out;
			vp_warnf(cli.prog, "%s not found (Debian package wbritish): stem collisions not checked", wl);
			rc = 0;
		} else {
			coll = vp_lexicon_collisions(dir, tx, fp, wl, &out, &e);
			vp_close_in(fp);
			fp = NULL;
			if (coll < 0) {
				rc = (int)-coll;
				goto out;
			}
			total += coll;
		}
		if (corpus) {
			if ((rc = vp_open_records(&fp, corpus, cli.prog, &e)) ||
			    (rc = vp_lexicon_on_corpus(dir, tx, fp, corpus, cli.prog, &cf, &out, &e)))
				goto out;
			total += cf.unfired + cf.taken;
		}
		if (fwrite(out.data ? out.data : "", 1, out.len, stdout) != out.len)
			rc = vp_errf(&e, EX_IOERR, "write error");
		if (!rc)
			rc = vp_output_close(stdout, &e);
		vp_warnf(cli.prog, "%s: %ld finding%s (%ld from vp-tag --check, %ld stem collisions, %ld never fired, "
		         "%ld taken)", dir, total, total == 1 ? "" : "s", n, coll, cf.unfired, cf.taken);
	}
out:
	vp_close_in(fp);
	vp_buf_free(&out);
	vp_text_close(tx);
	if (rc)
		vp_err_print(cli.prog, &e);
	return rc;
}
