/* vp-ingest - turn survey exports, event notes and form records into
 * voxpop records (NDJSON), one per non-empty free-text answer. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/cli.h"
#include "voxpop/err.h"
#include "voxpop/ingest.h"
#include "voxpop/input.h"
#include "voxpop/record.h"
#include "voxpop/utf8.h"

enum {
	OPT_ID = 256, OPT_LOC, OPT_DATE, OPT_SKIP_ROWS, OPT_CHANNEL, OPT_FORMAT,
	OPT_ENCODING, OPT_SKIP_BAD, OPT_DELIM, OPT_SOURCE, OPT_MAX_FIELD,
};

static const vp_opt opts[] = {
	{"text-col", 't', VP_ARG, "NAME",
	 "column (CSV) or key (NDJSON) holding free text; repeatable"},
	{"id-col", OPT_ID, VP_ARG, "NAME", "column (or key) holding the record id"},
	{"locality-col", OPT_LOC, VP_ARG, "NAME", "column (or key) holding the locality"},
	{"date-col", OPT_DATE, VP_ARG, "NAME", "column (or key) holding the date"},
	{"skip-rows", OPT_SKIP_ROWS, VP_ARG, "N", "skip N lines above the CSV header"},
	{"channel", OPT_CHANNEL, VP_ARG, "CH",
	 "survey, event or form (default: survey for CSV, event for text)"},
	{"format", OPT_FORMAT, VP_ARG, "FMT",
	 "csv, ndjson or text (default by extension; stdin: csv)"},
	{"encoding", OPT_ENCODING, VP_ARG, "ENC", "input encoding: utf-8 (default), cp1252, latin1"},
	{"delimiter", OPT_DELIM, VP_ARG, "C", "CSV field separator (default ','; 'tab' for TAB)"},
	{"source", OPT_SOURCE, VP_ARG, "NAME", "name standard input for ids and \"source\""},
	{"max-field", OPT_MAX_FIELD, VP_ARG, "BYTES",
	 "longest field or paragraph accepted (default 67108864)"},
	{"skip-bad", OPT_SKIP_BAD, VP_NOARG, NULL,
	 "skip bad rows and report them, instead of stopping"},
	{"verbose", 'v', VP_NOARG, NULL,
	 "print \"rows N, records M, empty answers K, rejected R\" at the end"},
	{0},
};

static const char epilogue[] =
	"With no FILE, or FILE '-', read standard input.\n"
	"\n"
	"Output: one JSON object per line, per non-empty free-text answer:\n"
	"  {\"id\": \"survey.csv:12:q2\", \"source\": \"survey.csv\", \"channel\": \"survey\",\n"
	"   \"locality\": \"Leicester City\", \"date\": \"2026-03-14\",\n"
	"   \"question\": \"What could we do better?\", \"text\": \"...\",\n"
	"   \"fields\": {\"<other column>\": \"<value>\", ...}}\n"
	"  id: the --id-col value, else source:LINE (the line the row starts on);\n"
	"  \":qN\" is added when there are several text columns.  locality and date\n"
	"  are \"\" when unknown; dates become YYYY-MM-DD when they can be read\n"
	"  (UK day/month order), else stay as written.  fields holds every column\n"
	"  except the text columns.\n"
	"\n"
	"Without --text-col, columns whose first 200 values are mostly long,\n"
	"multi-word and different are taken as free text, and named on stderr\n"
	"(never columns named like address, e-mail, postcode, phone or name).\n"
	"Column names match exactly, else ignoring case and surrounding spaces.\n"
	"Text files (--format text): one record per paragraph; an optional header\n"
	"block of \"Key: value\" lines ended by a line \"---\" gives Date, Locality\n"
	"and other keys (e.g. Event) that go into fields.\n"
	"\n"
	"Examples:\n"
	"  vp-ingest --text-col \"What could we do better?\" --locality-col \"CCG area\" \\\n"
	"      survey.csv | vp-normalise | vp-tag | vp-count > counts.json\n"
	"  vp-ingest --skip-rows 2 --encoding cp1252 export.csv > records.ndjson\n"
	"  vp-ingest --format text events-melton.txt\n"
	"\n"
	"Exit status: 0 ok; 64 usage error, or a named column is missing, or no\n"
	"column looks like free text; 65 bad data (unterminated quote, NUL byte,\n"
	"invalid UTF-8, too many fields) unless --skip-bad; 66 cannot open a file;\n"
	"74 read or write error (e.g. a closed pipe downstream).  Rows skipped\n"
	"under --skip-bad are always reported on stderr, with the reason.\n";

static const vp_cli cli = {
	"vp-ingest", "[OPTION]... [FILE]...",
	"Turn survey exports (CSV), event notes (text) and form records (NDJSON)\n"
	"into voxpop records, one per non-empty free-text answer.",
	opts, epilogue,
};

/* A usage error after text_cols was allocated: free it (sanitizer builds
 * check for leaks) and return EX_USAGE. */
static int usage(const char **text_cols, const char *fmt, const char *arg)
{
	free(text_cols);
	return vp_cli_usage_error(&cli, fmt, arg);
}

static void print_note(void *ctx, const char *msg)
{
	(void)ctx;
	vp_warnf(cli.prog, "%s", msg);
}

int main(int argc, char **argv)
{
	vp_ingest_opts o = {0};
	const char **text_cols = calloc((size_t)argc + 1, sizeof *text_cols);
	const char *encoding = NULL, *source = NULL;
	int verbose = 0, key, optind_out = 1;
	const char *arg;
	vp_err e = {0};

	vp_io_init();
	if (!text_cols) {
		vp_warnf(cli.prog, "out of memory");
		return EX_OSERR;
	}
	o.text_cols = text_cols;
	o.prog = cli.prog;
	o.note = print_note;
	while ((key = vp_cli_next(&cli, argc, argv, &arg, &optind_out)) != -1) {
		switch (key) {
		case 't': text_cols[o.ntext++] = arg; break;
		case OPT_ID: o.id_col = arg; break;
		case OPT_LOC: o.locality_col = arg; break;
		case OPT_DATE: o.date_col = arg; break;
		case OPT_SKIP_ROWS: o.skip_rows = vp_cli_ulong(&cli, "skip-rows", arg); break;
		case OPT_CHANNEL:
			if (strcmp(arg, "survey") && strcmp(arg, "event") && strcmp(arg, "form"))
				return usage(text_cols, "--channel must be survey, event or form, not '%s'", arg);
			o.channel = arg;
			break;
		case OPT_FORMAT: {
			o.format = vp_format_parse(arg);
			if (!o.format) {
				vp_buf names = VP_BUF_INIT;
				if (vp_format_list(&names) != 0 ||
				    vp_buf_printf(&names, ", not '%s'", arg) != 0) {
					vp_buf_free(&names);
					free(text_cols);
					vp_warnf(cli.prog, "out of memory");
					return EX_OSERR;
				}
				int rc = usage(text_cols, "--format must be %s", names.data);
				vp_buf_free(&names);
				return rc;
			}
			break;
		}
		case OPT_ENCODING: encoding = arg; break;
		case OPT_DELIM:
			if (!strcmp(arg, "tab") || !strcmp(arg, "\\t"))
				o.delim = '\t';
			else if (strlen(arg) == 1 && arg[0] != '"' && arg[0] != '\n' && arg[0] != '\r')
				o.delim = (unsigned char)arg[0];
			else
				return usage(text_cols, "--delimiter must be one character or 'tab', not '%s'", arg);
			break;
		case OPT_SOURCE: source = arg; break;
		case OPT_MAX_FIELD:
			o.max_field = vp_cli_ulong(&cli, "max-field", arg);
			if (o.max_field == 0)
				return usage(text_cols, "--max-field must be at least %s", "1");
			break;
		case OPT_SKIP_BAD: o.skip_bad = 1; break;
		case 'v': verbose = 1; break;
		default: free(text_cols); return EX_SOFTWARE;
		}
	}
	if (encoding) {
		o.conv = vp_conv_open(encoding, &e);
		if (!o.conv && e.code) {
			if (e.code == EX_USAGE)
				return usage(text_cols, "%s", e.msg);
			vp_err_print(cli.prog, &e);
			return e.code;
		}
	}

	static char outbuf[1 << 16];
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);

	vp_ingest_stats st = {0};
	int rc = 0;
	vp_operands in;
	vp_operands_init(&in, argc - optind_out, argv + optind_out, cli.prog, VP_IN_RECORDS);
	while ((rc = vp_operands_next(&in, &e)) == 1) {
		const char *path = strcmp(in.name, "-") == 0 && source ? source : in.name;
		if ((rc = vp_ingest(&o, in.fp, path, stdout, &st, &e)))
			break;
	}
	vp_operands_close(&in);
	int orc = vp_output_close(stdout, rc ? NULL : &e);
	if (rc == 0)
		rc = orc;
	if (rc)
		vp_err_print(cli.prog, &e);
	if (st.rejected)
		vp_warnf(cli.prog, "rejected %lu bad row%s of %lu", st.rejected,
		         st.rejected == 1 ? "" : "s", st.rows);
	if (verbose)
		vp_warnf(cli.prog, "rows %lu, records %lu, empty answers %lu, rejected %lu",
		         st.rows, st.records, st.empty, st.rejected);
	vp_conv_close(o.conv);
	free(text_cols);
	return rc;
}
