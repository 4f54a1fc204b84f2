/* vp-run - vp-ingest | [vp-locate |] vp-normalise | vp-tag | vp-count in
 * one process, on every core: the same count document as the chain. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "voxpop/cli.h"
#include "voxpop/err.h"
#include "voxpop/filter.h"
#include "voxpop/gazetteer.h"
#include "voxpop/ingest.h"
#include "voxpop/jscan.h"
#include "voxpop/lexicon.h"
#include "voxpop/paths.h"
#include "voxpop/record.h"
#include "voxpop/redact.h"
#include "voxpop/lang.h"
#include "voxpop/run.h"
#include "voxpop/text.h"
#include "voxpop/utf8.h"

enum {
	OPT_ID = 256, OPT_LOC, OPT_DATE, OPT_RESP, OPT_PRESET, OPT_DATE_ORDER, OPT_STRICT_DATES,
	OPT_SKIP_ROWS, OPT_CHANNEL, OPT_FORMAT, OPT_ENCODING, OPT_DELIM, OPT_SOURCE,
	OPT_MAX_FIELD, OPT_FIELDS, OPT_LOCATE, OPT_GAZ, OPT_LOC_FIELD,
	OPT_POSTCODE, OPT_FROM_TEXT, OPT_LEXICON, OPT_LANG, OPT_LEVEL, OPT_NESTED, OPT_BY,
	OPT_QUOTES, OPT_MAX_GROUPS, OPT_JOBS, OPT_BATCH, OPT_NO_DETECT, OPT_LEXLANG, OPT_REDACT,
	OPT_KEEP, OPT_SENTIMENT, OPT_SENT_LEX, OPT_QFIELD, OPT_QUOTE_POLARITY, OPT_SHEET, OPT_PER,
	OPT_KEEP_STATUS, OPT_KEEP_DECLINED, OPT_DEDUP, OPT_MAX_CAMPAIGNS, OPT_COMPACT, OPT_GIVEN,
	OPT_LOC_REPORT, OPT_LOC_REPORT_TOP,
};

enum { MAX_GAZETTEERS = 64 };

static const vp_opt opts[] = {
	/* vp-ingest's */
	{"text-col", 't', VP_ARG, "NAME", "vp-ingest: column (or key) holding free text; repeatable"},
	{"id-col", OPT_ID, VP_ARG, "NAME", "vp-ingest: column holding the record id"},
	{"locality-col", OPT_LOC, VP_ARG, "NAME", "vp-ingest: column holding the locality"},
	{"date-col", OPT_DATE, VP_ARG, "NAME", "vp-ingest: column holding the date"},
	{"respondent-col", OPT_RESP, VP_ARG, "NAME", "vp-ingest: column holding the respondent"},
	{"preset", OPT_PRESET, VP_ARG, "NAME", "vp-ingest: the survey tool's export layout"},
	{"date-order", OPT_DATE_ORDER, VP_ARG, "ORDER", "vp-ingest: dmy, mdy or ymd"},
	{"strict-dates", OPT_STRICT_DATES, VP_NOARG, NULL,
	 "vp-ingest: a date that cannot be read is bad data"},
	{"keep-status", OPT_KEEP_STATUS, VP_NOARG, NULL,
	 "vp-ingest: read a Qualtrics export's previews, tests and spam (its Status column)"},
	{"keep-declined", OPT_KEEP_DECLINED, VP_NOARG, NULL,
	 "vp-ingest: read the rows whose answer to a consent question is a refusal"},
	{"skip-rows", OPT_SKIP_ROWS, VP_ARG, "N", "vp-ingest: skip N lines above the CSV header"},
	{"channel", OPT_CHANNEL, VP_ARG, "CH", "vp-ingest: survey, event or form"},
	{"format", OPT_FORMAT, VP_ARG, "FMT",
	 "vp-ingest: csv, ndjson, text or xlsx (default by extension and first bytes)"},
	{"sheet", OPT_SHEET, VP_ARG, "NAME|N", "vp-ingest: xlsx: the sheet to read (default: the first not hidden, named on stderr when several are)"},
	{"encoding", OPT_ENCODING, VP_ARG, "ENC", "vp-ingest: utf-8 (default), cp1252, latin1, macroman"},
	{"delimiter", OPT_DELIM, VP_ARG, "C", "vp-ingest: CSV field separator ('tab' for TAB)"},
	{"source", OPT_SOURCE, VP_ARG, "NAME", "vp-ingest: name standard input"},
	{"max-field", OPT_MAX_FIELD, VP_ARG, "BYTES", "vp-ingest: longest field accepted"},
	{"max-line", VP_OPT_MAX_LINE, VP_ARG, "BYTES",
	 "vp-ingest and each stage after it: a longer NDJSON line, or record, is a bad row; "
	 "a record its tokens take past it, a bad record (default 16777216)"},
	{"fields", OPT_FIELDS, VP_ARG, "WHICH",
	 "vp-ingest: columns kept in \"fields\" (default: none, or all with --by fields.NAME, "
	 "--locate or --question-field)"},
	{"skip-bad", 'B', VP_NOARG, NULL,
	 "vp-ingest: skip bad rows and report them (on stderr, and in the document's \"rejected\")"},
	{"verbose", 'v', VP_NOARG, NULL, "vp-ingest: say which columns are taken, counts at the end"},
	/* vp-redact's */
	{"redact", OPT_REDACT, VP_NOARG, NULL,
	 "run vp-redact after vp-ingest: personal data in the text masked before anything reads it"},
	{"keep", OPT_KEEP, VP_ARG, "TYPE", "vp-redact --keep TYPE (repeatable; vp-redact --types)"},
	{"given-names", OPT_GIVEN, VP_ARG, "FILE",
	 "vp-redact --given-names FILE: the list of given names masked with no cue word "
	 "(default lexicons/names/given.txt)"},
	/* vp-locate's */
	{"locate", OPT_LOCATE, VP_NOARG, NULL, "run vp-locate before normalising"},
	{"gazetteer", OPT_GAZ, VP_ARG, "FILE|DIR", "vp-locate: gazetteer (repeatable)"},
	{"locate-field", OPT_LOC_FIELD, VP_ARG, "NAME", "vp-locate --field NAME"},
	{"postcode-field", OPT_POSTCODE, VP_ARG, "NAME", "vp-locate --postcode-field NAME"},
	{"from-text", OPT_FROM_TEXT, VP_NOARG, NULL, "vp-locate --from-text"},
	{"locate-report", OPT_LOC_REPORT, VP_NOARG, NULL,
	 "vp-locate --report: on stderr at the end, how many records were located, and the "
	 "locality values no gazetteer knows"},
	{"locate-report-top", OPT_LOC_REPORT_TOP, VP_ARG, "N",
	 "vp-locate --report-top N: values listed by --locate-report (default 50)"},
	/* vp-normalise's and vp-tag's */
	{"lang", OPT_LANG, VP_ARG, "LANG", "vp-normalise and vp-tag: stemmer language (english)"},
	{"no-detect-lang", OPT_NO_DETECT, VP_NOARG, NULL,
	 "vp-normalise: do not detect the language (records' own \"lang\" is used)"},
	{"lexicon", OPT_LEXICON, VP_ARG, "DIR", "vp-tag: lexicon set (default lexicons/engagement)"},
	{"lexicon-lang", OPT_LEXLANG, VP_ARG, "CODE",
	 "vp-tag: the lexicon's language (default: --lang's, en); any: tag all"},
	/* vp-sentiment's */
	{"sentiment", OPT_SENTIMENT, VP_NOARG, NULL,
	 "run vp-sentiment after vp-tag: sentiment counts per group and theme"},
	{"sentiment-lexicon", OPT_SENT_LEX, VP_ARG, "DIR",
	 "vp-sentiment: sentiment set (default: the shipped lexicons/sentiment)"},
	{"question-field", OPT_QFIELD, VP_ARG, "NAME",
	 "vp-sentiment: read the question from \"fields\".NAME instead of \"question\""},
	/* vp-count's */
	{"level", OPT_LEVEL, VP_ARG, "LEVEL", "vp-count: locality (default), place or system"},
	{"nested", OPT_NESTED, VP_NOARG, NULL, "vp-count: also write \"systems\""},
	{"by", OPT_BY, VP_ARG, "FIELD", "vp-count: group by FIELD instead"},
	{"quotes", OPT_QUOTES, VP_ARG, "N", "vp-count: keep up to N quotes per theme per group"},
	{"quote-polarity", OPT_QUOTE_POLARITY, VP_NOARG, NULL,
	 "vp-count: also keep quotes per positive and negative theme (needs --quotes)"},
	{"per", OPT_PER, VP_ARG, "UNIT",
	 "vp-count: answer (default) or respondent, the share vp-report shows as the headline"},
	{"max-groups", OPT_MAX_GROUPS, VP_ARG, "N", "vp-count: fail beyond N groups (100000)"},
	{"compact", OPT_COMPACT, VP_NOARG, NULL,
	 "vp-count: write the document on one line (keys sorted, no indentation)"},
	{"dedup", OPT_DEDUP, VP_NOARG, NULL,
	 "vp-count: refused (64): vp-dedup is not in vp-run, run the chain for it"},
	{"max-campaigns", OPT_MAX_CAMPAIGNS, VP_ARG, "N",
	 "vp-count: refused (64), as --dedup"},
	/* its own */
	{"jobs", 'j', VP_ARG, "N", "threads at work, the reader one of them (default: the online processors)"},
	{"batch", OPT_BATCH, VP_ARG, "BYTES", "records handed to a worker at a time (default 262144)"},
	{0},
};

static const vp_cli cli = {
	"vp-run", "[OPTION]... [FILE]...",
	"Run vp-ingest | [vp-redact |] [vp-locate |] vp-normalise | vp-tag |\n"
	"[vp-sentiment |] vp-count in one process, on every core, and write the count\n"
	"document: byte for byte what the chain with the same options writes (options\n"
	"are the stages', listed by stage).",
	opts,
	"With no FILE, or FILE '-', read standard input.\n"
	"\n"
	"The calling thread reads the input with vp-ingest's code (so a CSV row\n"
	"with newlines inside quotes is one record) and hands batches of whole\n"
	"records (about 256 KiB) to worker threads (--jobs N: N - 1 workers, and the\n"
	"reader counts a batch itself when the queue is full); each redacts, locates,\n"
	"tokenises, tags, scores and counts its records with the stages' code and\n"
	"its own accumulator, and the accumulators are merged with vp-merge's code at\n"
	"the end.  Records pass between the steps in memory, never through a pipe;\n"
	"\"fields\" is built only when something reads it (--by fields.NAME,\n"
	"--locate, --question-field, or --fields given), and of vp-locate's members\n"
	"only those counted (locality; place, system with --nested or --level; the\n"
	"--by member), the record measured with them all.  Memory: 2 batches per\n"
	"job, plus each worker's counts (groups x themes, as vp-count) and, with\n"
	"--sentiment, its own copy of the sentiment set and theme lexicon.\n"
	"\n"
	"--redact masks the text as vp-redact does (its \"redacted\" counts, which\n"
	"nothing after it reads, are not made; no --list: use vp-redact for that).\n"
	"\n"
	"--max-line N is each stage's --max-line N.  A record is measured as vp-run\n"
	"builds it, which is as vp-ingest writes it with the same --fields (without\n"
	"--fields: no \"fields\", or every other column when vp-run keeps them for\n"
	"--by fields.NAME, --locate or --question-field, as --fields all but with\n"
	"the personal details --fields all leaves out, as a postcode for\n"
	"--postcode-field: these records stay inside vp-run): one too\n"
	"long is vp-ingest's bad row (skipped and counted with --skip-bad); one\n"
	"vp-redact or vp-locate take past the limit, or its tokens or its themes,\n"
	"or the labels of --sentiment, do, stops the run as it stops that stage.\n"
	"\n"
	"--skip-bad: the rows vp-ingest's code skipped are the document's \"rejected\"\n"
	"(the chain's vp-count counts only what it rejects itself; vp-ingest says its\n"
	"skips on stderr), so that records + rejected = the rows read (one text column).\n"
	"\n"
	"Examples (each the same document as the chain below it):\n"
	"  vp-run --id-col 'Response ID' --locality-col 'CCG area' survey.csv > counts.json\n"
	"  vp-ingest --id-col 'Response ID' --locality-col 'CCG area' survey.csv |\n"
	"      vp-normalise | vp-tag | vp-count > counts.json\n"
	"  vp-run --redact --sentiment --quotes 3 --quote-polarity survey.csv\n"
	"  vp-ingest survey.csv | vp-redact | vp-normalise | vp-tag | vp-sentiment |\n"
	"      vp-count --quotes 3 --quote-polarity\n"
	"\n"
	"Exit status: as the stages: 0 ok; 64 usage (or a named column is missing);\n"
	"65 bad data; 66 cannot open a file, a lexicon, the sentiment set, a\n"
	"gazetteer or (--redact) the list of given names; 70 --max-groups reached;\n"
	"74 read or write error; 78 lexicon, questions.tsv, gazetteer or given-names\n"
	"error.\n",
};

static void print_note(void *ctx, const char *msg)
{
	(void)ctx;
	vp_warnf("vp-run", "%s", msg);
}

int main(int argc, char **argv)
{
	vp_io_init();
	vp_ingest_opts io = {0};
	vp_count_opts co = {0};
	vp_locate_opts lo = {"locality", NULL, NULL, 0};
	const char **text_cols = calloc((size_t)argc + 1, sizeof *text_cols);
	vp_buf keep_names = VP_BUF_INIT; /* --fields LIST: the names, NUL-separated */
	const char **keep = NULL;
	const char *encoding = NULL, *source = NULL, *lexdir = NULL, *lang = "english", *arg;
	const char *lexlang = NULL;
	int detect_lang = 1;
	const char *gaz[MAX_GAZETTEERS];
	size_t ngaz = 0, nkeep = 0;
	char by[256];
	vp_redactor rd = VP_REDACTOR_INIT;
	int redact = 0, keep_given = 0, sentiment = 0, compact = 0;
	const char *sentdir = NULL, *qfield = NULL, *given_file = NULL;
	int verbose = 0, locate = 0, level_set = 0, fields_set = 0, key, optind_out = 1;
	int locate_report = 0;
	size_t locate_report_top = 50; /* vp-locate's default */
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);
	size_t batch = 0;
	if (!text_cols) {
		vp_warnf(cli.prog, "out of memory");
		return EX_OSERR;
	}
	io.text_cols = text_cols;
	io.prog = cli.prog;
	io.note = print_note;
	int rc = 0;
	while (rc == 0 && (key = vp_cli_next(&cli, argc, argv, &arg, &optind_out)) != -1) {
		switch (key) {
		case 't': text_cols[io.ntext++] = arg; break;
		case OPT_ID: io.id_col = arg; break;
		case OPT_LOC: io.locality_col = arg; break;
		case OPT_DATE: io.date_col = arg; break;
		case OPT_RESP: io.respondent_col = arg; break;
		case OPT_PRESET:
			if (!(io.preset = vp_preset_parse(arg)))
				rc = vp_cli_usage_error(&cli, "unknown --preset '%s' (vp-ingest --help lists them)", arg);
			break;
		case OPT_DATE_ORDER:
			if (vp_date_order_parse(arg, &io.date_order) != 0)
				rc = vp_cli_usage_error(&cli, "--date-order must be dmy, mdy or ymd, not '%s'", arg);
			io.date_order_given = 1;
			break;
		case OPT_STRICT_DATES: io.strict_dates = 1; break;
		case OPT_KEEP_STATUS: io.keep_status = 1; break;
		case OPT_KEEP_DECLINED: io.keep_declined = 1; break;
		case VP_OPT_MAX_LINE: io.max_line = vp_filter_max_line_arg(&cli, arg); break;
		case OPT_SKIP_ROWS: io.skip_rows = vp_cli_ulong(&cli, "skip-rows", arg); break;
		case OPT_CHANNEL:
			if (strcmp(arg, "survey") && strcmp(arg, "event") && strcmp(arg, "form"))
				rc = vp_cli_usage_error(&cli, "--channel must be survey, event or form, not '%s'", arg);
			io.channel = arg;
			break;
		case OPT_FORMAT:
			if (!(io.format = vp_format_parse(arg)))
				rc = vp_cli_usage_error(&cli, "--format must be csv, ndjson, text or xlsx, not '%s'",
				                        arg);
			break;
		case OPT_SHEET: io.sheet = arg; break;
		case OPT_ENCODING: encoding = arg; break;
		case OPT_DELIM:
			if (!strcmp(arg, "tab") || !strcmp(arg, "\\t"))
				io.delim = '\t';
			else if (strlen(arg) == 1 && arg[0] != '"' && arg[0] != '\n' && arg[0] != '\r')
				io.delim = (unsigned char)arg[0];
			else
				rc = vp_cli_usage_error(&cli, "--delimiter must be one character or 'tab', not '%s'", arg);
			break;
		case OPT_SOURCE: source = arg; break;
		case OPT_MAX_FIELD:
			io.max_field = vp_cli_ulong(&cli, "max-field", arg);
			if (!io.max_field)
				rc = vp_cli_usage_error(&cli, "--max-field must be at least %s", "1");
			break;
		case OPT_FIELDS:
			fields_set = 1;
			if (vp_ingest_fields_arg(arg, &io.fields_mode, &keep_names, &nkeep)) {
				vp_warnf(cli.prog, "out of memory");
				rc = EX_OSERR;
			}
			break;
		case 'B': io.skip_bad = 1; break;
		case 'v': verbose = 1; break;
		case OPT_REDACT: redact = 1; break;
		case OPT_KEEP: {
			int t = vp_redact_type_parse(arg);
			if (t < 0)
				rc = vp_cli_usage_error(&cli, "unknown type '%s' for --keep (vp-redact --types)", arg);
			else
				rd.keep |= 1u << t;
			keep_given = 1;
			break;
		}
		case OPT_GIVEN: given_file = arg; break;
		case OPT_SENTIMENT: sentiment = 1; break;
		case OPT_SENT_LEX: sentdir = arg; break;
		case OPT_QFIELD: qfield = arg; break;
		case OPT_QUOTE_POLARITY: co.quote_polarity = 1; break;
		case OPT_LOCATE: locate = 1; break;
		case OPT_GAZ:
			if (ngaz == MAX_GAZETTEERS)
				rc = vp_cli_usage_error(&cli, "at most %d --gazetteer options", MAX_GAZETTEERS);
			else
				gaz[ngaz++] = arg;
			break;
		case OPT_LOC_FIELD: lo.field = arg; break;
		case OPT_POSTCODE: lo.postcode_field = arg; break;
		case OPT_FROM_TEXT: lo.text_field = "text"; break;
		case OPT_LOC_REPORT: locate_report = 1; break;
		case OPT_LOC_REPORT_TOP:
			locate_report_top = vp_cli_ulong(&cli, "locate-report-top", arg);
			break;
		case OPT_LANG: lang = arg; break;
		case OPT_NO_DETECT: detect_lang = 0; break;
		case OPT_LEXLANG: lexlang = arg; break;
		case OPT_LEXICON: lexdir = arg; break;
		case OPT_LEVEL:
			if ((co.level = vp_level_parse(arg)) < 0)
				rc = vp_cli_usage_error(&cli, "--level wants locality, place or system, not '%s'", arg);
			level_set = 1;
			break;
		case OPT_NESTED: co.nested = 1; break;
		case OPT_PER: {
			int per = vp_count_per_parse(arg);
			if (per < 0)
				rc = vp_cli_usage_error(&cli, "--per wants answer or respondent, "
				                        "not '%s'", arg);
			else
				co.per = (enum vp_per)per;
			break;
		}
		case OPT_BY: {
			int byrc = vp_count_by_parse(arg, by, sizeof by);
			if (byrc != 0) {
				char msg[600];
				vp_count_by_usage(arg, byrc, msg, sizeof msg);
				rc = vp_cli_usage_error(&cli, "%s", msg);
			}
			co.by = by;
			break;
		}
		case OPT_QUOTES:
			co.quotes = vp_cli_ulong(&cli, "quotes", arg);
			if (co.quotes > 1000)
				rc = vp_cli_usage_error(&cli, "--quotes %zu is more than 1000", co.quotes);
			break;
		case OPT_MAX_GROUPS:
			co.max_groups = vp_cli_ulong(&cli, "max-groups", arg);
			if (!co.max_groups)
				rc = vp_cli_usage_error(&cli, "--max-groups must be at least 1");
			break;
		case OPT_COMPACT: compact = 1; break;
		case OPT_DEDUP:
		case OPT_MAX_CAMPAIGNS:
			/* vp-count's, but the campaigns it counts are vp-dedup's
			 * marks, and vp-dedup is not in vp-run: say so, not
			 * "unknown option" */
			rc = vp_cli_usage_error(&cli, "--%s: vp-dedup is not in vp-run; run the chain "
			                        "(vp-ingest ... | vp-dedup | vp-normalise | vp-tag | "
			                        "vp-count --dedup)",
			                        key == OPT_DEDUP ? "dedup" : "max-campaigns");
			break;
		case OPT_BATCH:
			batch = vp_cli_ulong_range(&cli, "batch", arg, 1, (unsigned long)1 << 30);
			break;
		case 'j':
			jobs = (long)vp_cli_ulong_range(&cli, "jobs", arg, 1, 1024);
			break;
		}
	}
	if (rc == 0 && locate_report && !locate)
		rc = vp_cli_usage_error(&cli, "--locate-report needs --locate");
	if (rc == 0 && (keep_given || given_file) && !redact)
		rc = vp_cli_usage_error(&cli, "--%s needs --redact", keep_given ? "keep" : "given-names");
	if (rc == 0 && (sentdir || qfield) && !sentiment)
		rc = vp_cli_usage_error(&cli, "--%s needs --sentiment",
		                        sentdir ? "sentiment-lexicon" : "question-field");
	if (rc == 0 && qfield && !vp_jscan_plain_name(qfield))
		rc = vp_cli_usage_error(&cli, "--question-field: a name without quotes, "
		                        "backslashes or control characters");
	if (rc == 0 && co.quote_polarity && !co.quotes)
		rc = vp_cli_usage_error(&cli, "--quote-polarity needs --quotes N");
	if (rc == 0 && co.by && (level_set || co.nested))
		rc = vp_cli_usage_error(&cli, "--by cannot be combined with --level or --nested");
	if (rc == 0 && io.fields_mode == VP_FIELDS_LIST &&
	    !(keep = vp_ingest_fields_list(&keep_names, nkeep))) {
		vp_warnf(cli.prog, "out of memory");
		rc = EX_OSERR;
	}
	if (rc) {
		vp_buf_free(&keep_names);
		free(text_cols);
		return rc;
	}
	if (jobs < 1)
		jobs = 1;
	/* "fields" only when something reads it */
	if (!fields_set && (locate || qfield || (co.by && strncmp(co.by, "fields.", 7) == 0))) {
		io.fields_mode = VP_FIELDS_ALL;
		io.fields_personal = 1; /* (--postcode-field's postcode: its records stay here) */
	}
	io.keep_fields = keep;
	io.nkeep = nkeep;
	io.verbose = verbose;

	vp_err e;
	vp_err_clear(&e);
	vp_text *tx = NULL;
	vp_lexicon *lx = NULL;
	vp_gazetteer *g = NULL;
	vp_given_names *given = NULL, *own_given = NULL;
	char defdir[4096], gazdir[4096], defsent[4096];
	if (encoding && !(io.conv = vp_conv_open(encoding, &e)) && e.code) {
		if (e.code == EX_USAGE) { /* as vp-ingest says it */
			free(text_cols);
			return vp_cli_usage_error(&cli, "%s", e.msg);
		}
		rc = e.code;
	}
	if (rc == 0 && !lexdir) {
		rc = vp_data_default("lexicons/engagement", "lexicon set", "--lexicon DIR", defdir,
		                     sizeof defdir, &e);
		lexdir = defdir;
	}
	if (rc == 0 && sentiment && !sentdir) {
		rc = vp_data_default("lexicons/sentiment", "sentiment set", "--sentiment-lexicon DIR",
		                     defsent, sizeof defsent, &e);
		sentdir = defsent;
	}
	/* vp-redact's list of given names: needed to redact as vp-redact does
	 * (found, or not, as vp-redact finds it); else, when it is there, the
	 * quotes, the messages and --locate use it as vp-count, vp-ingest and
	 * vp-locate do.  --given-names FILE is vp-redact's alone: the chain's
	 * other stages still use the shipped list, when it is there. */
	char given_path[4096];
	if (rc == 0 && redact && !given_file) {
		rc = vp_data_default("lexicons/names/given.txt", "list of given names",
		                     "--given-names FILE", given_path, sizeof given_path, &e);
		if (rc == 0)
			rc = vp_given_names_load(given_path, &given, &e);
	} else if (rc == 0) {
		rc = vp_given_names_default(&given, &e);
		if (rc == 0 && given_file)
			rc = vp_given_names_load(given_file, &own_given, &e);
	}
	rd.given = own_given ? own_given : given;
	co.given_names = given;
	io.given_names = given;
	if (rc == 0 && (rc = vp_text_open(&tx, lang, &e)) == 0)
		rc = vp_lexicon_load(&lx, lexdir, tx, &e);
	if (rc == 0 && locate) {
		if (ngaz == 0) {
			if (vp_data_path("lexicons/localities", gazdir, sizeof gazdir) != 0)
				rc = vp_errf(&e, EX_NOINPUT, "lexicons/localities: gazetteer directory not "
				             "found (set VOXPOP_DATADIR or use --gazetteer)");
			gaz[ngaz++] = gazdir;
		}
		if (rc == 0 && !(g = vp_gazetteer_new()))
			rc = vp_errf(&e, EX_OSERR, "out of memory");
		for (size_t i = 0; i < ngaz && rc == 0; i++)
			rc = vp_gazetteer_load(g, gaz[i], &e);
		if (rc == 0)
			rc = vp_gazetteer_finish(g, &e);
		if (rc == 0)
			vp_gazetteer_given_names(g, given);
	}
	vp_ingest_stats st = {0};
	if (rc == 0) {
		vp_run_opts ro = {&io, source, lang, lx, g, &lo, redact ? &rd : NULL,
		                  sentiment ? sentdir : NULL, qfield, lexdir, &co, (unsigned)jobs,
		                  batch, detect_lang, lexlang ? lexlang : vp_lang_of_stemmer(lang),
		                  compact, locate_report, locate_report_top};
		if (detect_lang)
			vp_lang_prepare();
		rc = vp_run(&ro, argc - optind_out, argv + optind_out, stdout, &st, &e);
		int orc = vp_output_close(stdout, rc ? NULL : &e);
		if (rc == 0)
			rc = orc;
	}
	if (rc)
		vp_err_print(cli.prog, &e);
	vp_ingest_say_end(cli.prog, &st, verbose, rc != 0);
	vp_gazetteer_free(g);
	vp_given_names_free(given);
	vp_given_names_free(own_given);
	vp_lexicon_free(lx);
	vp_text_close(tx);
	vp_conv_close(io.conv);
	free(keep);
	vp_buf_free(&keep_names);
	free(text_cols);
	return rc;
}
