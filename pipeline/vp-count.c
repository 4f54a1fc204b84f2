/* vp-count - count tagged records per theme, per locality and in total. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/cli.h"
#include "voxpop/count.h"
#include "voxpop/count_doc.h"
#include "voxpop/record.h"
#include "voxpop/redact.h"

enum { OPT_MAX_GROUPS = 256, OPT_PER, OPT_DEDUP, OPT_MAX_CAMPAIGNS, OPT_QUOTE_POLARITY,
       OPT_COMPACT, OPT_PART };

static const vp_opt opts[] = {
	{"level", 'l', VP_ARG, "LEVEL",
	 "group by locality (default), place or system (fields set by vp-locate)"},
	{"nested", 'n', VP_NOARG, NULL,
	 "also write \"systems\": system -> places -> localities, totals adding up"},
	{"by", 'b', VP_ARG, "FIELD",
	 "group by FIELD instead: question, channel, fields.NAME (a column vp-ingest --fields NAME kept), month, FIELD:month, ... (not a column named as a personal detail: Your name, Email, Postcode, ...)"},
	{"quotes", 'q', VP_ARG, "N",
	 "keep up to N redacted exemplar comments per theme per group"},
	{"quote-polarity", OPT_QUOTE_POLARITY, VP_NOARG, NULL,
	 "with --quotes: also quotes_positive and quotes_negative per theme (by sentiment)"},
	{"per", OPT_PER, VP_ARG, "UNIT",
	 "answer (default) or respondent: the share vp-report shows as the headline"},
	{"dedup", OPT_DEDUP, VP_NOARG, NULL,
	 "count a vp-dedup campaign once, in its first record's group (copies: \"duplicates\"); "
	 "a campaign whose first record is not among the records is counted 0 times, said on stderr "
	 "(without --dedup every copy counts as an answer, and stderr says how many)"},
	{"max-campaigns", OPT_MAX_CAMPAIGNS, VP_ARG, "N",
	 "with --dedup: fail if there are more than N campaigns (default 10000)"},
	{"skip-bad", 'B', VP_NOARG, NULL,
	 "skip bad records, report how many (in \"rejected\" and on stderr)"},
	{"max-groups", OPT_MAX_GROUPS, VP_ARG, "N",
	 "fail if there are more than N distinct groups (default 100000)"},
	VP_FILTER_OPT_MAX_LINE,
	{"compact", OPT_COMPACT, VP_NOARG, NULL,
	 "write the document on one line (for tools that move documents as lines: "
	 "Hadoop Streaming, Spark's pipe); vp-merge reads it"},
	{"part", OPT_PART, VP_NOARG, NULL,
	 "the input is one split of a run that vp-merge puts together: a --by member no "
	 "record of this split has is no error (\"by_absent\" in the document; vp-merge "
	 "fails when no split had it)"},
	{0}
};

static const vp_cli cli = {
	"vp-count", "[OPTION]... [FILE]...",
	"Read tagged records (vp-tag output) from FILEs or stdin and write one JSON document:\n"
	"per locality (records without one under \"Unassigned\") and in total, the number of\n"
	"records and, per theme, how many records mention it and their share.",
	opts,
	"Output (keys sorted, deterministic):\n"
	"  {\"records\": N, \"rejected\": R, \"level\": \"locality\",\n"
	"   \"localities\": {\"Leicester City\": {\"records\": n, \"untagged\": u,\n"
	"     \"themes\": {\"transport\": {\"records\": k, \"share\": 0.1234}}}},\n"
	"   \"total\": {...same shape...}}\n"
	"share = k / n rounded to 4 decimals.  \"rejected\" counts the records vp-count\n"
	"itself skipped (--skip-bad): a stage before it in a pipe reports its own skips on\n"
	"its stderr (vp-ingest: \"rejected 2 bad rows of 40\"), which this document does not\n"
	"see (vp-run, one process, counts vp-ingest's skipped rows in it).\n"
	"With --by FIELD the groups are under \"groups\"\n"
	"and \"by\" names the field.  Memory grows with groups x themes, not with input.\n"
	"Personal data is masked by vp-redact's rules ([email], [phone], [postcode],\n"
	"Dr [name], ...) in quotes, their ids and group names, given names with no\n"
	"cue (\"Thanks [name] and all the team\") by lexicons/names/given.txt when it\n"
	"is there (a bad line: 78).\n"
	"\n"
	"Examples:\n"
	"  vp-ingest survey.csv | vp-normalise | vp-tag | vp-count > counts.json\n"
	"  vp-count --by month --quotes 3 tagged.ndjson\n"
	"  vp-count --level place --nested located.ndjson\n"
	"\n"
	"Respondents: a record's \"respondent\" (else the record itself) is who gave it; a\n"
	"run of adjacent records with the same respondent is one respondent, so records of\n"
	"one respondent must be adjacent (as vp-ingest writes them).  Then every group and\n"
	"theme also has \"respondents\" (and themes \"respondent_share\"), and \"per\" says\n"
	"which share is the headline.  Sentiment (vp-sentiment) adds \"sentiment\" counts.\n"
	"\n"
	"Lexicons: records carrying vp-tag's \"lexicon\" (its set's fingerprint) give a\n"
	"document carrying it.  Records tagged with two lexicons, or some with one and some\n"
	"without, are not counted together: an error naming both and the lines where each\n"
	"was first seen (65, also with --skip-bad).\n"
	"\n"
	"Exit status: 0 ok, 64 usage, 65 bad record (also: no \"themes\", a line longer than\n"
	"--max-line; records of two lexicons), 66 cannot open input, 70 more groups than\n"
	"--max-groups or campaigns than --max-campaigns, 74 I/O error.\n"
};

int main(int argc, char **argv)
{
	vp_io_init();
	vp_count_opts o = {0};
	char by[256];
	int skip_bad = 0, level_set = 0, key, optind_;
	size_t max_line = 0;
	const char *arg;

	while ((key = vp_cli_next(&cli, argc, argv, &arg, &optind_)) != -1) {
		switch (key) {
		case 'l':
			o.level = vp_level_parse(arg);
			if (o.level < 0)
				return vp_cli_usage_error(&cli, "--level wants locality, place or system, "
				                          "not '%s'", arg);
			level_set = 1;
			break;
		case 'n':
			o.nested = 1;
			break;
		case 'b': {
			int byrc = vp_count_by_parse(arg, by, sizeof by);
			if (byrc != 0) {
				char msg[600];
				vp_count_by_usage(arg, byrc, msg, sizeof msg);
				return vp_cli_usage_error(&cli, "%s", msg);
			}
			o.by = by;
			break;
		}
		case 'q':
			o.quotes = vp_cli_ulong(&cli, "quotes", arg);
			if (o.quotes > 1000)
				return vp_cli_usage_error(&cli, "--quotes %zu is more than 1000", o.quotes);
			break;
		case 'B':
			skip_bad = 1;
			break;
		case VP_OPT_MAX_LINE:
			max_line = vp_filter_max_line_arg(&cli, arg);
			break;
		case OPT_PER: {
			int per = vp_count_per_parse(arg);
			if (per < 0)
				return vp_cli_usage_error(&cli, "--per wants answer or respondent, "
				                          "not '%s'", arg);
			o.per = (enum vp_per)per;
			break;
		}
		case OPT_DEDUP:
			o.dedup = 1;
			break;
		case OPT_QUOTE_POLARITY:
			o.quote_polarity = 1;
			break;
		case OPT_MAX_CAMPAIGNS:
			o.max_campaigns = vp_cli_ulong(&cli, "max-campaigns", arg);
			if (!o.max_campaigns)
				return vp_cli_usage_error(&cli, "--max-campaigns must be at least 1");
			break;
		case OPT_COMPACT:
			o.compact = 1;
			break;
		case OPT_PART:
			o.part = 1;
			break;
		case OPT_MAX_GROUPS:
			o.max_groups = vp_cli_ulong(&cli, "max-groups", arg);
			if (!o.max_groups)
				return vp_cli_usage_error(&cli, "--max-groups must be at least 1");
			break;
		}
	}
	if (o.quote_polarity && !o.quotes)
		return vp_cli_usage_error(&cli, "--quote-polarity needs --quotes N");
	if (o.by && (level_set || o.nested))
		return vp_cli_usage_error(&cli, "--by cannot be combined with --level or --nested");

	vp_err e;
	vp_err_clear(&e);
	/* vp-redact's list, when shipped: quotes are published */
	vp_given_names *given;
	int rc = vp_given_names_default(&given, &e);
	if (rc) {
		vp_err_print(cli.prog, &e);
		return rc;
	}
	o.given_names = given;
	vp_count *c = vp_count_new(&o);
	if (!c) {
		vp_errf(&e, EX_OSERR, "out of memory");
		vp_err_print(cli.prog, &e);
		vp_given_names_free(given);
		return EX_OSERR;
	}
	vp_filter_stage st;
	vp_count_stage(c, &st, cli.prog);
	vp_filter_opts fo = {skip_bad, max_line};
	rc = vp_filter_run_opts(&st, c, &fo, argc - optind_, argv + optind_);
	vp_count_free(c);
	vp_given_names_free(given);
	return rc;
}
