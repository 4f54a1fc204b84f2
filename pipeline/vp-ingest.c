/* vp-ingest - turn survey exports, event notes and form records into
 * voxpop records (NDJSON), one per non-empty free-text answer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "voxpop/cli.h"
#include "voxpop/err.h"
#include "voxpop/filter.h"
#include "voxpop/ingest.h"
#include "voxpop/input.h"
#include "voxpop/record.h"
#include "voxpop/redact.h"
#include "voxpop/utf8.h"

enum {
	OPT_ID = 256, OPT_LOC, OPT_DATE, OPT_SKIP_ROWS, OPT_CHANNEL, OPT_FORMAT,
	OPT_ENCODING, OPT_DELIM, OPT_SOURCE, OPT_MAX_FIELD, OPT_PRESET,
	OPT_DATE_ORDER, OPT_STRICT_DATES, OPT_RESP, OPT_LIST_COLUMNS, OPT_PROGRESS,
	OPT_NO_PROGRESS, OPT_SHEET, OPT_FIELDS, OPT_KEEP_STATUS, OPT_KEEP_DECLINED,
};

static const vp_opt opts[] = {
	{"text-col", 't', VP_ARG, "NAME",
	 "column (CSV) or key (NDJSON) holding free text; repeatable"},
	{"id-col", OPT_ID, VP_ARG, "NAME", "column (or key) holding the record id"},
	{"locality-col", OPT_LOC, VP_ARG, "NAME", "column (or key) holding the locality"},
	{"date-col", OPT_DATE, VP_ARG, "NAME", "column (or key) holding the date"},
	{"respondent-col", OPT_RESP, VP_ARG, "NAME",
	 "column holding the respondent (default: the layout's, or guessed by name)"},
	{"preset", OPT_PRESET, VP_ARG, "NAME",
	 "the survey tool's export layout (default: recognised from the header)"},
	{"date-order", OPT_DATE_ORDER, VP_ARG, "ORDER",
	 "dmy, mdy or ymd: how numeric dates are written (default: the layout's, dmy)"},
	{"strict-dates", OPT_STRICT_DATES, VP_NOARG, NULL,
	 "a date that cannot be read (not one in the date order, or no date at all) is "
	 "bad data, not kept as written"},
	{"keep-status", OPT_KEEP_STATUS, VP_NOARG, NULL,
	 "read a Qualtrics export's rows whose Status is a survey preview, a survey test or "
	 "spam (not responses: by default not read, counted and said at the end)"},
	{"keep-declined", OPT_KEEP_DECLINED, VP_NOARG, NULL,
	 "read the rows whose answer to a consent question (\"Do you consent to us using "
	 "your answers?\") is a refusal (\"No\", \"I do not agree\": by default not read, "
	 "counted and said at the end)"},
	{"list-columns", OPT_LIST_COLUMNS, VP_NOARG, NULL,
	 "print which columns are taken as what, and write no records"},
	{"progress", OPT_PROGRESS, VP_NOARG, NULL,
	 "show rows and MB read on stderr (default: when stderr is a terminal)"},
	{"no-progress", OPT_NO_PROGRESS, VP_NOARG, NULL, "never show progress"},
	{"fields", OPT_FIELDS, VP_ARG, "WHICH",
	 "the other columns kept in \"fields\": none (default: no \"fields\"), all (but "
	 "personal details: named on stderr), or a "
	 "comma-separated list of column names, a comma in a name written \\, (repeatable)"},
	{"skip-rows", OPT_SKIP_ROWS, VP_ARG, "N", "skip N lines above the CSV header"},
	{"channel", OPT_CHANNEL, VP_ARG, "CH",
	 "survey, event or form (default: survey for CSV, event for text)"},
	{"format", OPT_FORMAT, VP_ARG, "FMT",
	 "csv, ndjson, text or xlsx (default by extension and first bytes; stdin: csv)"},
	{"sheet", OPT_SHEET, VP_ARG, "NAME|N", "xlsx: the sheet to read (default: the first not hidden, named on stderr when several are)"},
	{"encoding", OPT_ENCODING, VP_ARG, "ENC",
	 "input encoding: utf-8 (default), cp1252, latin1, macroman (a UTF-8 byte order mark wins; a file whose every non-ASCII value is UTF-8 is said at its end)"},
	{"delimiter", OPT_DELIM, VP_ARG, "C",
	 "CSV field separator (default ',', or the header's ';', TAB or '|' when it has no comma, "
	 "or none -- one column -- when it has no separator; 'tab' for TAB)"},
	{"source", OPT_SOURCE, VP_ARG, "NAME", "name standard input for ids and \"source\""},
	{"max-field", OPT_MAX_FIELD, VP_ARG, "BYTES",
	 "longest field or paragraph accepted (default 67108864); a CSV row's fields "
	 "together up to this or 64 MiB, whichever is more, in at most 262144 fields"},
	{"max-line", VP_OPT_MAX_LINE, VP_ARG, "BYTES",
	 "a longer NDJSON line read, or record written, is a bad row (default 16777216, the "
	 "next stage's --max-line)"},
	{"skip-bad", 'B', VP_NOARG, NULL,
	 "skip bad rows and report them, instead of stopping"},
	{"verbose", 'v', VP_NOARG, NULL,
	 "say which layout and columns are taken, and the counts at the end"},
	{0},
};

static const char epilogue_fmt[] =
	"With no FILE, or FILE '-', read standard input.\n"
	"\n"
	"Output: one JSON object per line, per non-empty free-text answer:\n"
	"  {\"id\": \"survey.csv:12:q2\", \"source\": \"survey.csv\", \"channel\": \"survey\",\n"
	"   \"locality\": \"Leicester City\", \"date\": \"2026-03-14\",\n"
	"   \"respondent\": \"R-1042\",\n"
	"   \"question\": \"What could we do better?\", \"text\": \"...\"}\n"
	"  id: the --id-col value, else source:LINE (the line the row starts on);\n"
	"  \":qN\" is added when there are several text columns.  An id value an\n"
	"  earlier row (or NDJSON record) of the file had is written as it is,\n"
	"  and such rows are counted and reported at the end (checked for up to\n"
	"  786,432 different ids a file, held as 64-bit hashes: 8 MiB; row numbers\n"
	"  in order, 1, 2, 3, ..., as ranges, without that bound).  Different\n"
	"  files may share ids (two forms both numbering from 1), but a file given\n"
	"  twice (by another path, a link, or as stdin), or a copy of it (the same\n"
	"  bytes, found as they are read), is read again and said: its records are\n"
	"  written twice.  Files of one name in different folders share source, and\n"
	"  so can share source:LINE ids: said at the end.  locality and date\n"
	"  are \"\" when unknown; dates become YYYY-MM-DD when they can be read in\n"
	"  the date order, else (\"soon\", 45000, 03/14/2026 in dmy) stay as written,\n"
	"  counted and reported at the end.\n"
	"  respondent: the respondent column's value, else source:LINE.\n"
	"  The other columns are not kept unless asked for: --fields 'Age,Gender'\n"
	"  adds \"fields\": {\"Age\": \"...\", \"Gender\": \"...\"} (for vp-count --by\n"
	"  fields.Age, vp-locate --postcode-field, jq); --fields all keeps every\n"
	"  column but the text ones and those whose header names a personal\n"
	"  detail (\"Email\", \"Name\", \"IP Address\", \"What is your postcode?\",\n"
	"  \"NHS number\", \"Postal / Zip Code\", \"Date of birth\", \"Hospital\n"
	"  number\", \"Patient ID\", \"NI number\": named on stderr; kept when\n"
	"  named).  Fewer bytes make every later stage faster,\n"
	"  and personal columns (names, e-mails) are not carried along.\n"
	"\n"
	"Without --text-col, columns whose first 200 values (at most 8 MiB of\n"
	"rows) are mostly long, multi-word and different are taken as free text,\n"
	"and named on stderr (never columns whose header names a personal detail,\n"
	"as \"Phone number\", \"Your name\", \"Home address\", or asks for one;\n"
	"such columns that look like free text are named on stderr; nor a\n"
	"SurveyMonkey or Qualtrics text box asking for one, as \"What is your\n"
	"postcode?\", though the layout marks it as free text).\n"
	"When no column's answers look like free text (short answers: \"ok\",\n"
	"\"good\", \"The nurse was kind\"), columns whose header names free text\n"
	"(\"Comments\", \"Your feedback\", \"Why did you give this rating?\", \"What\n"
	"could we improve?\") are taken, unless their answers are mostly numbers or\n"
	"a rating scale's (\"Very good\", \"Yes\") or a response's state\n"
	"(\"Complete\", \"Partial\"): \"guessed from its name\".\n"
	"Column names match exactly, else ignoring case and surrounding spaces.\n"
	"A title above the header: when a named column is missing or none looks\n"
	"like free text (64), a row below that looks like the header is named,\n"
	"with the --skip-rows that reaches it; so is it (64) when no column is\n"
	"named and the first row is blank or holds only a title in its first cell\n"
	"(Excel saves both as wide as the sheet: \"Survey export,,\", \",,\").\n"
	"A plain table's header of two rows (a question over several columns, its\n"
	"sub-headings below it in those columns only) is read as one: columns\n"
	"\"Question - Sub-heading\", said on stderr; --preset excel reads one row.\n"
	"Text files (--format text): one record per paragraph; an optional header\n"
	"block of \"Key: value\" lines ended by a line \"---\" gives Date, Locality\n"
	"and other keys (e.g. Event) that go into fields (--fields all, or --fields Event).\n"
	"\n"
	"Layouts (--preset; recognised from the header when not named):\n"
	"%s"
	"\n"
	"Date orders (--date-order): dmy 14/03/2026 (default), mdy 03/14/2026,\n"
	"ymd 26/03/14; yyyy-mm-dd and month names (14-Mar-26, 14 March 2026) read\n"
	"in every order.\n"
	"\n"
	"Examples:\n"
	"  vp-ingest --text-col \"What could we do better?\" --locality-col \"CCG area\" \\\n"
	"      survey.csv | vp-normalise | vp-tag | vp-count > counts.json\n"
	"  vp-ingest --skip-rows 2 --encoding cp1252 export.csv > records.ndjson\n"
	"  vp-ingest --format text events-melton.txt\n"
	"  vp-ingest --list-columns export.csv   # which columns are what\n"
	"\n"
	"Exit status: 0 ok; 64 usage error, or a named column is missing, or no\n"
	"column looks like free text; 65 bad data (unterminated quote, NUL byte,\n"
	"invalid UTF-8, too many fields, a header not in the layout named, a date\n"
	"that cannot be read with --strict-dates) unless --skip-bad; 66 cannot open a file;\n"
	"74 read or write error (e.g. a closed pipe downstream).  Rows skipped\n"
	"under --skip-bad are always reported on stderr, with the reason; so are\n"
	"a Qualtrics export's previews, tests and spam (its Status column), which\n"
	"are not responses and not read unless --keep-status, and the rows whose\n"
	"answer to a consent question (\"Do you consent to us using your answers?\",\n"
	"\"Can we use your feedback in our report?\") is a refusal (\"No\", \"I do\n"
	"not agree\"), not read unless --keep-declined (a blank or unclear answer\n"
	"is read, and said).\n";

static const char about[] =
	"Turn survey exports (CSV in UTF-8, UTF-16 or an 8-bit encoding; Excel .xlsx\n"
	"workbooks), event notes (text) and form records (NDJSON) into voxpop records,\n"
	"one per non-empty free-text answer.";

/* The epilogue with the layout table in it. */
static int make_epilogue(vp_buf *out)
{
	vp_buf t = VP_BUF_INIT;
	int rc = 0;
	const vp_ingest_preset *p;
	int w = 0; /* the longest name's width */
	for (size_t i = 0; (p = vp_preset_at(i)); i++)
		if ((int)strlen(p->name) > w)
			w = (int)strlen(p->name);
	for (size_t i = 0; rc == 0 && (p = vp_preset_at(i)); i++)
		rc = vp_buf_printf(&t, "  %-*s %s; dates %s\n", w, p->name, p->tool,
		                   vp_date_order_name(p->dates));
	if (rc == 0)
		rc = vp_buf_printf(out, epilogue_fmt, t.data ? t.data : "");
	vp_buf_free(&t);
	return rc;
}

/* A usage error after text_cols was allocated: free it (sanitizer builds
 * check for leaks) and return EX_USAGE. */
static int usage(const vp_cli *cli, const char **text_cols, vp_buf *epi, const char *fmt,
                 const char *arg)
{
	free(text_cols);
	vp_buf_free(epi);
	return vp_cli_usage_error(cli, fmt, arg);
}

/* ---- progress on stderr: rows and MB read, at most 4 times a second ---- */

struct progress {
	unsigned long long before; /* read of the inputs before this one */
	unsigned long long bytes;  /* read so far, all inputs */
	const vp_ingest_stats *st;
	struct timespec last;
	int shown;                /* a progress line is on stderr */
};

static void progress_clear(struct progress *p)
{
	if (p && p->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		p->shown = 0;
	}
}

static void progress_tick(struct progress *p)
{
	struct timespec now;
	if (clock_gettime(CLOCK_MONOTONIC, &now) != 0)
		return;
	long ms = (long)(now.tv_sec - p->last.tv_sec) * 1000 +
	          (now.tv_nsec - p->last.tv_nsec) / 1000000;
	if (p->shown && ms < 250)
		return;
	if (!p->shown && p->last.tv_sec == 0) {
		p->last = now; /* nothing for the first quarter second */
		return;
	}
	if (ms < 250)
		return;
	p->last = now;
	fprintf(stderr, "\r\033[Kvp-ingest: %lu rows, %.1f MB read", p->st->rows,
	        (double)p->bytes / 1e6);
	fflush(stderr);
	p->shown = 1;
}

static void progress_read(void *ctx, unsigned long long bytes)
{
	struct progress *p = ctx;
	p->bytes = p->before + bytes;
	progress_tick(p);
}

static void print_note(void *ctx, const char *msg)
{
	progress_clear(ctx);
	vp_warnf("vp-ingest", "%s", msg);
}

int main(int argc, char **argv)
{
	vp_ingest_opts o = {0};
	const char **text_cols = calloc((size_t)argc + 1, sizeof *text_cols);
	vp_buf keep_names = VP_BUF_INIT; /* --fields LIST: the names, NUL-separated */
	size_t nkeep = 0;
	const char *encoding = NULL, *source = NULL;
	int verbose = 0, show_progress = -1, key, optind_out = 1;
	const char *arg;
	vp_err e = {0};
	vp_buf epi = VP_BUF_INIT, names = VP_BUF_INIT;
	struct progress prog = {0};

	vp_io_init();
	if (!text_cols || make_epilogue(&epi) != 0) {
		free(text_cols);
		vp_buf_free(&epi);
		vp_warnf("vp-ingest", "out of memory");
		return EX_OSERR;
	}
	const vp_cli cli = {"vp-ingest", "[OPTION]... [FILE]...", about, opts, epi.data};
	o.text_cols = text_cols;
	o.prog = cli.prog;
	o.note = print_note;
	o.note_ctx = &prog;
	while ((key = vp_cli_next(&cli, argc, argv, &arg, &optind_out)) != -1) {
		switch (key) {
		case 't': text_cols[o.ntext++] = arg; break;
		case OPT_ID: o.id_col = arg; break;
		case OPT_LOC: o.locality_col = arg; break;
		case OPT_DATE: o.date_col = arg; break;
		case OPT_RESP: o.respondent_col = arg; break;
		case VP_OPT_MAX_LINE: o.max_line = vp_filter_max_line_arg(&cli, arg); break;
		case OPT_SKIP_ROWS: o.skip_rows = vp_cli_ulong(&cli, "skip-rows", arg); break;
		case OPT_CHANNEL:
			if (strcmp(arg, "survey") && strcmp(arg, "event") && strcmp(arg, "form"))
				return usage(&cli, text_cols, &epi,
				             "--channel must be survey, event or form, not '%s'", arg);
			o.channel = arg;
			break;
		case OPT_FORMAT:
		case OPT_PRESET: {
			int fmt = key == OPT_FORMAT;
			if (fmt ? (o.format = vp_format_parse(arg)) != NULL
			        : (o.preset = vp_preset_parse(arg)) != NULL)
				break;
			if ((fmt ? vp_format_list(&names) : vp_preset_list(&names)) != 0 ||
			    vp_buf_printf(&names, ", not '%s'", arg) != 0) {
				vp_buf_free(&names);
				vp_buf_free(&epi);
				free(text_cols);
				vp_warnf(cli.prog, "out of memory");
				return EX_OSERR;
			}
			int rc = usage(&cli, text_cols, &epi,
			               fmt ? "--format must be %s" : "--preset must be %s", names.data);
			vp_buf_free(&names);
			return rc;
		}
		case OPT_DATE_ORDER:
			if (vp_date_order_parse(arg, &o.date_order) != 0)
				return usage(&cli, text_cols, &epi,
				             "--date-order must be dmy, mdy or ymd, not '%s'", arg);
			o.date_order_given = 1;
			break;
		case OPT_STRICT_DATES: o.strict_dates = 1; break;
		case OPT_KEEP_STATUS: o.keep_status = 1; break;
		case OPT_KEEP_DECLINED: o.keep_declined = 1; break;
		case OPT_LIST_COLUMNS: o.list_columns = 1; break;
		case OPT_PROGRESS: show_progress = 1; break;
		case OPT_NO_PROGRESS: show_progress = 0; break;
		case OPT_ENCODING: encoding = arg; break;
		case OPT_DELIM:
			if (!strcmp(arg, "tab") || !strcmp(arg, "\\t"))
				o.delim = '\t';
			else if (strlen(arg) == 1 && arg[0] != '"' && arg[0] != '\n' && arg[0] != '\r')
				o.delim = (unsigned char)arg[0];
			else
				return usage(&cli, text_cols, &epi,
				             "--delimiter must be one character or 'tab', not '%s'", arg);
			break;
		case OPT_SOURCE: source = arg; break;
		case OPT_SHEET: o.sheet = arg; break;
		case OPT_MAX_FIELD:
			o.max_field = vp_cli_ulong(&cli, "max-field", arg);
			if (o.max_field == 0)
				return usage(&cli, text_cols, &epi, "--max-field must be at least %s", "1");
			break;
		case 'B': o.skip_bad = 1; break;
		case OPT_FIELDS:
			if (vp_ingest_fields_arg(arg, &o.fields_mode, &keep_names, &nkeep)) {
				vp_buf_free(&keep_names);
				vp_buf_free(&epi);
				free(text_cols);
				vp_warnf(cli.prog, "out of memory");
				return EX_OSERR;
			}
			break;
		case 'v': verbose = 1; break;
		default: free(text_cols); vp_buf_free(&epi); return EX_SOFTWARE;
		}
	}
	o.verbose = verbose;
	const char **keep = NULL;
	if (o.fields_mode == VP_FIELDS_LIST) {
		if (!(keep = vp_ingest_fields_list(&keep_names, nkeep))) {
			vp_buf_free(&keep_names);
			vp_buf_free(&epi);
			free(text_cols);
			vp_warnf(cli.prog, "out of memory");
			return EX_OSERR;
		}
		o.keep_fields = keep;
		o.nkeep = nkeep;
	}
	if (encoding) {
		o.conv = vp_conv_open(encoding, &e);
		if (!o.conv && e.code) {
			if (e.code == EX_USAGE)
				return usage(&cli, text_cols, &epi, "%s", e.msg);
			vp_err_print(cli.prog, &e);
			free(text_cols);
			vp_buf_free(&epi);
			return e.code;
		}
	}
	if (show_progress < 0)
		show_progress = isatty(STDERR_FILENO);
	if (show_progress) {
		o.progress = progress_read;
		o.progress_ctx = &prog;
	}

	static char outbuf[1 << 16];
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);

	vp_ingest_stats st = {0};
	prog.st = &st;
	/* vp-redact's list, when shipped: a cell a message shows is masked with it */
	vp_given_names *given;
	int rc = vp_given_names_default(&given, &e);
	o.given_names = given;
	vp_operands in;
	vp_operands_init(&in, argc - optind_out, argv + optind_out, cli.prog,
	                 VP_IN_RECORDS | VP_IN_AGAIN);
	while (rc == 0 && (rc = vp_operands_next(&in, &e)) == 1) {
		const char *path = strcmp(in.name, "-") == 0 && source ? source : in.name;
		o.same_as = in.same_as;
		prog.before = prog.bytes;
		const vp_ingest_format *f = o.format ? o.format
		                            : vp_format_of(strcmp(path, "-") ? path : NULL);
		if (o.list_columns && f->records) {
			/* records of their own: no columns to plan */
			printf("%s: format %s: the text from key%s", path, f->name,
			       o.ntext > 1 ? "s" : "");
			for (size_t i = 0; i < o.ntext; i++)
				printf("%s \"%s\"", i ? "," : "", text_cols[i]);
			printf("%s; id, locality, date from %s\n", o.ntext ? "" : " \"text\"",
			       "--id-col, --locality-col, --date-col or the record's own keys");
			rc = 0;
		} else {
			unsigned long records_before = st.records;
			rc = vp_ingest(&o, in.fp, path, stdout, &st, &e);
			if (rc == 0)
				rc = vp_ingest_check_input(&in, path, records_before, &st, &e);
		}
		if (rc)
			break;
	}
	vp_operands_close(&in);
	progress_clear(&prog);
	int orc = vp_output_close(stdout, rc ? NULL : &e);
	if (rc == 0)
		rc = orc;
	if (rc)
		vp_err_print(cli.prog, &e);
	vp_ingest_say_end(cli.prog, &st, verbose, rc != 0);
	vp_conv_close(o.conv);
	vp_given_names_free(given);
	vp_buf_free(&names);
	vp_buf_free(&epi);
	vp_buf_free(&keep_names);
	free(keep);
	free(text_cols);
	return rc;
}
