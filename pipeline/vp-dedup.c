/* vp-dedup - mark exact and near duplicates, and campaigns of one text. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/cli.h"
#include "voxpop/dedup.h"
#include "voxpop/filter.h"
#include "voxpop/redact.h"

enum {
	OPT_FIELD = 't', OPT_SKIP = 'B', OPT_THRESH = 'j', OPT_REPORT = 'r', OPT_VERBOSE = 'v',
	OPT_MAX = 256, OPT_MINW, OPT_SHINGLE,
};

static const vp_opt opts[] = {
	{"threshold", OPT_THRESH, VP_ARG, "J", "near duplicate from this estimated Jaccard similarity of word shingles (--shingle; default 0.5)"},
	{"min-words", OPT_MINW, VP_ARG, "N", "texts of fewer words (a character of Chinese, Japanese or Thai is one) are never campaigns, only exact duplicates (default 15)"},
	{"report", OPT_REPORT, VP_ARG, "FILE", "write the campaigns, with final sizes, to FILE as one JSON document (their ids and first texts redacted)"},
	{"max-items", OPT_MAX, VP_ARG, "N", "texts remembered at most, oldest forgotten first, with a warning (default 100000, ~600-750 bytes each)"},
	{"shingle", OPT_SHINGLE, VP_ARG, "K", "words per shingle (default 3)"},
	{"text-field", OPT_FIELD, VP_ARG, "NAME", "field holding the text (default text)"},
	{"skip-bad", OPT_SKIP, VP_NOARG, NULL, "skip bad records, report how many and why"},
	VP_FILTER_OPT_MAX_LINE,
	{"verbose", OPT_VERBOSE, VP_NOARG, NULL, "print counts of duplicates and campaigns on stderr at the end"},
	{0}
};

static const vp_cli cli = {
	"vp-dedup", "[OPTION]... [FILE]...",
	"Mark duplicate texts in records (NDJSON from FILEs or stdin, to stdout). A record\n"
	"whose text repeats an earlier one -- word for word after normalising (NFKC, case,\n"
	"punctuation, symbols and emoji, spacing), or nearly (a campaign text with a\n"
	"greeting, a name or a sentence changed) -- gets \"duplicate_of\": the id of the first record, and, if the\n"
	"text has at least --min-words words, \"campaign\": {\"id\", \"size\", \"match\",\n"
	"\"similarity\"}. The first record of a campaign is written before its copies are\n"
	"seen and stays unmarked; its id is the campaign id, and --report gives final sizes.",
	opts,
	"\"size\" is the campaign's size so far (this record and the first included); the\n"
	"last record of a campaign carries its final size. Short answers (\"No\", \"Nothing\n"
	"to add\") get \"duplicate_of\" but never \"campaign\". The opposite view in nearly\n"
	"the same words (\"I do not support ...\" after \"I support ...\") is not a copy.\n"
	"A text alike to a campaign's members only in part (a copy cut short) may join it or\n"
	"not depending on which members came first: a record is marked as it is read.\n"
	"A record without \"id\" is named record:N (its number in the stream), and the\n"
	"name is written into it. When no record has a text in --text-field, stderr says so.\n"
	"--report's \"rejected\" counts the records skipped with --skip-bad.\n"
	"Run after vp-ingest (or vp-redact), before vp-normalise.\n"
	"\n"
	"Example:\n"
	"  vp-ingest survey.csv | vp-dedup --report campaigns.json | vp-normalise | vp-tag\n"
	"\n"
	"Exit status: 0 ok, 64 usage, 65 bad record, 66 cannot open FILE, 73 cannot create\n"
	"the report, 74 I/O error.\n",
};

static double parse_threshold(const char *s)
{
	char *end;
	errno = 0;
	double j = strtod(s, &end);
	if (errno || end == s || *end || !(j > 0 && j <= 1))
		exit(vp_cli_usage_error(&cli, "--threshold: want a number above 0 and at most 1, not '%s'", s));
	return j;
}

int main(int argc, char **argv)
{
	vp_dedup_opts o;
	vp_dedup_opts_default(&o);
	const char *arg, *report = NULL;
	size_t max_line = 0;
	int skip_bad = 0, verbose = 0, c, optind_out = 1;

	vp_io_init();
	while ((c = vp_cli_next(&cli, argc, argv, &arg, &optind_out)) != -1) {
		switch (c) {
		case OPT_FIELD: o.text_field = arg; break;
		case OPT_SKIP: skip_bad = 1; break;
		case VP_OPT_MAX_LINE: max_line = vp_filter_max_line_arg(&cli, arg); break;
		case OPT_VERBOSE: verbose = 1; break;
		case OPT_REPORT: report = arg; break;
		case OPT_THRESH: o.threshold = parse_threshold(arg); break;
		/* ranges checked before the casts: 2^32 + 3 is no shingle of 3 */
		case OPT_MAX:
			o.max_items = vp_cli_ulong_range(&cli, "max-items", arg, 1, VP_DEDUP_MAX_ITEMS);
			break;
		case OPT_MINW:
			o.min_words = (unsigned)vp_cli_ulong_range(&cli, "min-words", arg, 1, 100000);
			break;
		case OPT_SHINGLE:
			o.shingle = (unsigned)vp_cli_ulong_range(&cli, "shingle", arg, 1, 8);
			break;
		}
	}

	vp_err e = {0};
	FILE *rep = NULL;
	vp_given_names *given = NULL;
	if (report) {
		/* vp-redact's list, when shipped: the report shows comments */
		int grc = vp_given_names_default(&given, &e);
		if (grc) {
			vp_err_print(cli.prog, &e);
			return grc;
		}
		o.given_names = given;
		rep = fopen(report, "w");
		if (!rep) {
			vp_errf(&e, EX_CANTCREAT, "%s: %s", report, strerror(errno));
			vp_err_print(cli.prog, &e);
			vp_given_names_free(given);
			return EX_CANTCREAT;
		}
		o.report = rep;
		o.report_name = report;
	}
	vp_dedup *d;
	int rc = vp_dedup_open(&d, &o, &e);
	if (rc) {
		vp_err_print(cli.prog, &e);
		if (rep)
			fclose(rep);
		vp_given_names_free(given);
		return rc;
	}

	/* ids and campaigns run on across files */
	vp_filter_stage stage;
	vp_dedup_stage(d, &stage, cli.prog);
	rc = vp_filter_run_opts(&stage, d, &(vp_filter_opts){skip_bad, max_line},
	                        argc - optind_out, argv + optind_out);
	vp_dedup_stats st;
	vp_dedup_stats_get(d, &st);
	if (verbose)
		vp_warnf(cli.prog, "records %lu, texts %lu, exact duplicates %lu (short %lu), near %lu, "
		         "campaigns %lu holding %lu records, forgotten %lu, signatures compared %lu",
		         st.records, st.texts, st.exact, st.short_exact, st.near, st.campaigns,
		         st.campaign_records, st.evicted, st.candidates);
	/* a field no record has (misspelt, or another tool's name for the
	 * text) would mark nothing, as a consultation without a copy does */
	if (!rc && st.records && !st.texts)
		vp_warnf(cli.prog, "warning: none of the %lu record%s has a text in \"%s\" "
		         "(--text-field): nothing was compared, no duplicate marked",
		         st.records, st.records == 1 ? "" : "s", o.text_field);
	/* the bound is never passed silently: a copy of a forgotten text is
	 * not recognised, and its campaign, begun again, is counted again */
	if (st.evicted)
		vp_warnf(cli.prog, "warning: more than %zu different texts (--max-items): %lu forgotten, "
		         "oldest first, ending %lu campaign%s; a copy of a forgotten text is not "
		         "recognised (a campaign without a copy for over %zu new texts may be counted "
		         "twice); raise --max-items to remember more",
		         o.max_items, st.evicted, st.campaigns_forgotten,
		         st.campaigns_forgotten == 1 ? "" : "s", o.max_items / 2);
	if (rep && fclose(rep) != 0 && !rc) {
		vp_errf(&e, EX_IOERR, "%s: write error: %s", report, strerror(errno ? errno : EIO));
		vp_err_print(cli.prog, &e);
		rc = EX_IOERR;
	}
	vp_dedup_close(d);
	vp_given_names_free(given);
	return rc;
}
