/* vp-report - tables, charts and quotes from vp-count JSON. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "voxpop/cli.h"
#include "voxpop/input.h"
#include "voxpop/count_doc.h"
#include "voxpop/record.h"
#include "voxpop/report.h"

enum { OPT_EXCEL = 256, OPT_TITLE, OPT_TOP, OPT_THEME };

static const vp_opt opts[] = {
	{"format", 'f', VP_ARG, "FORMAT", "csv (default), markdown or html"},
	{"excel", OPT_EXCEL, VP_NOARG, NULL,
	 "csv for Excel: UTF-8 BOM, CRLF (any csv keeps = + - @ cells as text)"},
	{"title", OPT_TITLE, VP_ARG, "TEXT", "heading of the markdown table / html page"},
	{"top", OPT_TOP, VP_ARG, "N", "only the N themes with the highest total share"},
	{"level", 'l', VP_ARG, "LEVEL",
	 "columns at system, place or locality (needs vp-count --nested unless it is the "
	 "counted level)"},
	{"theme", OPT_THEME, VP_ARG, "PREFIX",
	 "only this theme and its children, e.g. access or access/*"},
	{0}
};

static const vp_cli cli = {
	"vp-report", "[OPTION]... [FILE]",
	"Read one vp-count JSON document (FILE or stdin) and write a table of theme counts and\n"
	"shares: a row per theme (by total share, parents before children), a column per\n"
	"locality (or --by group) and a Total column.",
	opts,
	"Formats:\n"
	"  csv       header row, then '(all records)' and one row per theme; per column\n"
	"            '<name> records' and '<name> share' (0..1, 4 decimals)\n"
	"  markdown  the same table with counts and percentages, ready for a paper\n"
	"  html      one self-contained page (no external requests, no scripts): the table,\n"
	"            a bar chart per column as inline SVG (one scale for all), and the\n"
	"            quotes per theme when counted with vp-count --quotes; all text escaped\n"
	"\n"
	"Examples:\n"
	"  vp-count --quotes 3 tagged.ndjson | vp-report --format html --title 'Key themes' > r.html\n"
	"  vp-report --format csv --excel counts.json > counts.csv\n"
	"  vp-report --format markdown --theme access --top 10 counts.json\n"
	"\n"
	"Exit status: 0 ok, 64 usage, 65 not a vp-count document, 66 cannot open input,\n"
	"74 I/O error.\n"
};

/* json_loadf that skips a UTF-8 byte order mark at the start, as Windows
 * tools write one. */
struct bomskip {
	FILE *fp;
	int started;
};

static size_t read_skip_bom(void *buf, size_t n, void *data)
{
	struct bomskip *b = data;
	size_t got = fread(buf, 1, n, b->fp);
	if (!b->started) {
		b->started = 1;
		if (got >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
			memmove(buf, (char *)buf + 3, got - 3);
			got -= 3;
			if (got == 0) /* only the mark so far: read on */
				got = fread(buf, 1, n, b->fp);
		}
	}
	return got;
}

int main(int argc, char **argv)
{
	vp_io_init();
	vp_report_opts o = {.format = VP_REPORT_CSV, .level = -1};
	int key, optind_;
	const char *arg;
	while ((key = vp_cli_next(&cli, argc, argv, &arg, &optind_)) != -1) {
		switch (key) {
		case 'f':
			o.format = vp_report_format_parse(arg);
			if (o.format < 0)
				return vp_cli_usage_error(&cli, "--format wants csv, markdown or html, "
				                          "not '%s'", arg);
			break;
		case OPT_EXCEL:
			o.excel = 1;
			break;
		case OPT_TITLE:
			o.title = arg;
			break;
		case OPT_TOP:
			o.top = vp_cli_ulong(&cli, "top", arg);
			if (!o.top)
				return vp_cli_usage_error(&cli, "--top must be at least 1");
			break;
		case 'l':
			o.level = vp_level_parse(arg);
			if (o.level < 0)
				return vp_cli_usage_error(&cli, "--level wants locality, place or system, "
				                          "not '%s'", arg);
			break;
		case OPT_THEME:
			o.theme = arg;
			break;
		}
	}
	if (argc - optind_ > 1)
		return vp_cli_usage_error(&cli, "one document at a time (use vp-merge to combine)");
	if (o.excel && o.format != VP_REPORT_CSV)
		return vp_cli_usage_error(&cli, "--excel applies to --format csv only");

	vp_err e;
	vp_err_clear(&e);
	vp_operands in; /* one operand at most, so one round */
	vp_operands_init(&in, argc - optind_, argv + optind_, cli.prog, VP_IN_NONEMPTY);
	int rc = vp_operands_next(&in, &e);
	if (rc != 1) {
		vp_err_print(cli.prog, &e);
		return rc;
	}
	const char *name = in.name;
	json_error_t je;
	struct bomskip bs = {in.fp, 0};
	json_t *doc = json_load_callback(read_skip_bom, &bs, 0, &je);
	rc = 0;
	if (!doc)
		rc = vp_errf_at(&e, ferror(in.fp) ? EX_IOERR : EX_DATAERR, name,
		                (unsigned long)je.line, "not JSON: %s", je.text);
	vp_operands_close(&in);
	vp_buf out = VP_BUF_INIT;
	if (!rc) {
		vp_err re;
		vp_err_clear(&re);
		rc = vp_report_render(&out, doc, &o, &re);
		if (rc)
			vp_errf(&e, rc, "%s: %s", name, re.msg);
	}
	json_decref(doc);
	if (!rc && out.len && fwrite(out.data, 1, out.len, stdout) != out.len)
		rc = vp_errf(&e, EX_IOERR, "write error: %s", strerror(errno ? errno : EIO));
	vp_buf_free(&out);
	if (!rc)
		rc = vp_output_close(stdout, &e);
	if (rc)
		vp_err_print(cli.prog, &e);
	return rc;
}
