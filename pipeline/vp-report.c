/* vp-report - tables, charts and quotes from vp-count JSON. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "voxpop/cli.h"
#include "voxpop/input.h"
#include "voxpop/count_doc.h"
#include "voxpop/record.h"
#include "voxpop/lexicon.h"
#include "voxpop/paths.h"
#include "voxpop/redact.h"
#include "voxpop/report.h"
#include "voxpop/text.h"

enum { OPT_EXCEL = 256, OPT_TITLE, OPT_TOP, OPT_THEME, OPT_SUPPRESS, OPT_CI, OPT_LEXICON,
       OPT_PER, OPT_SVG, OPT_COMPARE };

static const vp_opt opts[] = {
	{"format", 'f', VP_ARG, "FORMAT", "csv (default), markdown, html or xlsx (needs -o)"},
	{"output", 'o', VP_ARG, "FILE", "write to FILE instead of stdout (required for xlsx)"},
	{"excel", OPT_EXCEL, VP_NOARG, NULL,
	 "csv for Excel: UTF-8 BOM, CRLF (any csv keeps = + - @ cells as text)"},
	{"title", OPT_TITLE, VP_ARG, "TEXT", "heading of the markdown table / html page"},
	{"top", OPT_TOP, VP_ARG, "N", "only the N themes with the highest total share (of the denominator shown)"},
	{"level", 'l', VP_ARG, "LEVEL",
	 "columns at system, place or locality (needs vp-count --nested unless it is the "
	 "counted level)"},
	{"theme", OPT_THEME, VP_ARG, "PREFIX",
	 "only this theme and its children, e.g. access or access/* (a name "
	 "neither the document nor the lexicon has: 64)"},
	{"suppress", OPT_SUPPRESS, VP_ARG, "N",
	 "show counts below N as <N, and what would give them away (default 5; 0: off)"},
	{"ci", OPT_CI, VP_NOARG, NULL, "show the Wilson 95% interval of every share"},
	{"per", OPT_PER, VP_ARG, "WHAT",
	 "denominator: answer or respondent (default: as the document was counted, vp-count --per; "
	 "with --compare AFTER's, for both)"},
	{"lexicon", OPT_LEXICON, VP_ARG, "DIR",
	 "theme labels from this lexicon set's @label lines (default: the one vp-tag uses)"},
	{"svg", OPT_SVG, VP_ARG, "DIR", "also write every chart as a standalone SVG file into DIR (which must exist)"},
	{"compare", OPT_COMPARE, VP_ARG, "BEFORE",
	 "two periods: BEFORE against the document read (AFTER): shares, change, significance"},
	{0}
};

static const vp_cli cli = {
	"vp-report", "[OPTION]... [FILE]",
	"Read one vp-count JSON document (FILE or stdin) and write a table of theme counts and\n"
	"shares: a row per theme (by total share, parents before children), a column per\n"
	"locality (or --by group) and a Total column.  The document is checked as vp-merge\n"
	"checks it: a vp-count --part document that says \"by_absent\" (no record of its\n"
	"split had the --by member) is refused, in vp-merge's words; merge the parts first.",
	opts,
	"Formats:\n"
	"  csv       header row, then '(all records)' and one row per theme; per column\n"
	"            '<name> records' and '<name> share' (0..1, 4 decimals, more when\n"
	"            4 would read 0 or 1 of a share that is not: 29999 of 30000 is 0.99997)\n"
	"  markdown  the same table with counts and percentages, ready for a paper\n"
	"  html      one self-contained page (no external requests, no scripts): the table,\n"
	"            a chart per theme across groups, a trend per theme when counted --by\n"
	"            month, a bar chart per column (one scale for all), and the quotes per\n"
	"            theme when counted with vp-count --quotes (redacted again); all text escaped\n"
	"  xlsx      a workbook (-o FILE): Summary, a formatted Counts table, a tidy Data\n"
	"            sheet for pivot tables, Quotes, and native Excel charts\n"
	"  With vp-sentiment's labels counted: sentiment columns (csv), a sentiment table\n"
	"  (markdown), a diverging bar per theme, negative left, positive right (html), a\n"
	"  Sentiment sheet with a chart (xlsx); with vp-count --quote-polarity, 'What people\n"
	"  praised' and 'What people want changed' quotes.  Records that matched no theme\n"
	"  are a row of their own, 'Untagged: no theme', and records vp-tag could not read\n"
	"  (another language) another: 'Not tagged: other language'.\n"
	"\n"
	"Numbers: counts below --suppress N are shown as <N, and when the total would give\n"
	"a row's suppressed groups away (one alone; several that must all be 0 or N-1) the\n"
	"next smallest is suppressed too; an xlsx of a --nested document guards each\n"
	"level's counts against the level above too (a place is the sum of its localities).\n"
	"Suppression holds within one report: two --level runs of one document published\n"
	"apart can be subtracted from each other (use one nested workbook instead).  The\n"
	"comments quoted for a suppressed count (<N or [c]; for praised / want changed\n"
	"also the theme's positive / negative count) are not shown; the notes say how\n"
	"many.  A\n"
	"mark (up/down triangle) flags a group whose share differs from all the other groups\n"
	"beyond chance: two-proportion z test, p < 0.05 after Holm's correction across the\n"
	"group's themes.  Every format states the rule and the method in a footnote.\n"
	"\n"
	"Examples:\n"
	"  vp-count --quotes 3 tagged.ndjson | vp-report --format html --title 'Key themes' > r.html\n"
	"  vp-report --format csv --excel counts.json > counts.csv\n"
	"  vp-report --format markdown --theme access --top 10 counts.json\n"
	"  vp-report --format xlsx --ci -o report.xlsx counts.json\n"
	"  vp-report --format html --compare 2024.json 2025.json > change.html\n"
	"\n"
	"Exit status: 0 ok, 64 usage, 65 not a vp-count document, 66 cannot open input,\n"
	"73 cannot create the output, 74 I/O error.\n"
};

/* json_loadf that skips a UTF-8 byte order mark at the start, as Windows
 * tools write one. */
struct bomskip {
	FILE *fp;
	int started;
	int err; /* errno of a failed read, or 0 */
};

static size_t read_skip_bom(void *buf, size_t n, void *data)
{
	struct bomskip *b = data;
	errno = 0;
	size_t got = fread(buf, 1, n, b->fp);
	if (got < n && ferror(b->fp) && !b->err)
		b->err = errno ? errno : EIO;
	if (!b->started) {
		b->started = 1;
		if (got >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
			memmove(buf, (char *)buf + 3, got - 3);
			got -= 3;
			if (got == 0) { /* only the mark so far: read on */
				errno = 0;
				got = fread(buf, 1, n, b->fp);
				if (got < n && ferror(b->fp) && !b->err)
					b->err = errno ? errno : EIO;
			}
		}
	}
	return got;
}

/* Read one document: path, or stdin when n == 0.  NULL with e filled. */
static json_t *load_doc(int n, char **paths, const char **name, vp_err *e)
{
	vp_operands in;
	vp_operands_init(&in, n, paths, cli.prog, VP_IN_NONEMPTY);
	int rc = vp_operands_next(&in, e);
	if (rc != 1)
		return NULL;
	*name = in.name;
	json_error_t je;
	struct bomskip bs = {in.fp, 0, 0};
	json_t *doc = json_load_callback(read_skip_bom, &bs, JSON_REJECT_DUPLICATES, &je);
	if (!doc && ferror(in.fp))
		vp_errf(e, EX_IOERR, "%s: read error: %s", in.name, strerror(bs.err ? bs.err : EIO));
	else if (!doc && json_error_code(&je) == json_error_end_of_input_expected)
		vp_errf_at(e, EX_DATAERR, in.name, (unsigned long)je.line,
		           "more than one JSON document: vp-report reads one vp-count document "
		           "(records: run vp-count first; documents: combine them with vp-merge)");
	else if (!doc)
		vp_errf_at(e, EX_DATAERR, in.name, (unsigned long)je.line, "not JSON: %s", je.text);
	vp_operands_close(&in);
	return doc;
}

/* Read one document (load_doc) and mask again the quotes it would publish
 * (vp_report_redact_quotes): the document reported and --compare's BEFORE
 * alike.  NULL with e filled. */
static json_t *load_masked_doc(int n, char **paths, const char **name,
                               const vp_given_names *given, vp_err *e)
{
	json_t *doc = load_doc(n, paths, name, e);
	if (doc && vp_report_redact_quotes(doc, given)) {
		json_decref(doc);
		vp_oom(e);
		return NULL;
	}
	return doc;
}

/* {"theme": {"label", "describe"}} from a lexicon set's @label lines, a
 * theme without them as {} (--theme asks which themes the set has).  The
 * default set missing is no error: the report shows theme names. */
static int load_labels(const char *dir, json_t **out, vp_err *e)
{
	char defdir[4096];
	*out = NULL;
	if (!dir) {
		if (vp_data_path("lexicons/engagement", defdir, sizeof defdir) != 0)
			return 0;
		dir = defdir;
	}
	vp_text *tx = NULL;
	vp_lexicon *lx = NULL;
	int rc = vp_text_open(&tx, "english", e);
	if (!rc)
		rc = vp_lexicon_load(&lx, dir, tx, e);
	json_t *labels = rc ? NULL : json_object();
	if (!rc && !labels)
		rc = vp_oom(e);
	for (size_t i = 0; !rc && i < vp_lexicon_nthemes(lx); i++) {
		const char *l = vp_lexicon_theme_label(lx, i), *d = vp_lexicon_theme_describe(lx, i);
		json_t *v = json_object();
		if (!v || (l && json_object_set_new(v, "label", json_string(l))) ||
		    (d && json_object_set_new(v, "describe", json_string(d))) ||
		    json_object_set_new(labels, vp_lexicon_theme_name(lx, i), v))
			rc = vp_oom(e);
	}
	vp_lexicon_free(lx);
	vp_text_close(tx);
	if (rc)
		json_decref(labels);
	else
		*out = labels;
	return rc;
}

/* Can path be written?  Without truncating a workbook already there (last
 * month's report survives a document refused later) or leaving an empty
 * file behind where there was none. */
static int probe_output(const char *path, vp_err *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
	if (fd >= 0) {
		if (close(fd) || unlink(path))
			return vp_errf(e, EX_IOERR, "%s: %s", path, strerror(errno));
		return 0;
	}
	if (errno == EEXIST && (fd = open(path, O_WRONLY)) >= 0) {
		if (close(fd))
			return vp_errf(e, EX_IOERR, "%s: %s", path, strerror(errno));
		return 0;
	}
	return vp_errf(e, EX_CANTCREAT, "%s: %s", path, strerror(errno));
}

int main(int argc, char **argv)
{
	vp_io_init();
	vp_report_opts o = {.format = VP_REPORT_CSV, .level = -1, .suppress = 5};
	int key, optind_;
	const char *arg, *lexdir = NULL, *before_path = NULL;
	while ((key = vp_cli_next(&cli, argc, argv, &arg, &optind_)) != -1) {
		switch (key) {
		case 'f':
			o.format = vp_report_format_parse(arg);
			if (o.format < 0)
				return vp_cli_usage_error(&cli, "--format wants csv, markdown, html or xlsx, "
				                          "not '%s'", arg);
			break;
		case 'o':
			o.output = arg;
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
		case OPT_SUPPRESS:
			o.suppress = vp_cli_ulong(&cli, "suppress", arg);
			break;
		case OPT_CI:
			o.ci = 1;
			break;
		case OPT_PER:
			if (strcmp(arg, "respondent") == 0 || strcmp(arg, "respondents") == 0)
				o.per = VP_REPORT_PER_RESPONDENT;
			else if (strcmp(arg, "answer") == 0 || strcmp(arg, "answers") == 0)
				o.per = VP_REPORT_PER_ANSWER;
			else
				return vp_cli_usage_error(&cli, "--per wants answer or respondent, not '%s'",
				                          arg);
			break;
		case OPT_LEXICON:
			lexdir = arg;
			break;
		case OPT_SVG:
			o.svg_dir = arg;
			break;
		case OPT_COMPARE:
			before_path = arg;
			break;
		}
	}
	if (argc - optind_ > 1)
		return vp_cli_usage_error(&cli, before_path
		                          ? "--compare BEFORE takes one more document, AFTER"
		                          : "one document at a time (use vp-merge to combine)");
	if (o.excel && o.format != VP_REPORT_CSV)
		return vp_cli_usage_error(&cli, "--excel applies to --format csv only");
	if (o.format == VP_REPORT_XLSX && !o.output)
		return vp_cli_usage_error(&cli, "--format xlsx needs -o FILE (a workbook is a zip "
		                          "file, not for a terminal or a pipe)");

	vp_err e;
	vp_err_clear(&e);
	json_t *labels = NULL, *before = NULL, *doc = NULL;
	const char *name = "-", *bname = "-";
	int rc = load_labels(lexdir, &labels, &e);
	/* vp-redact's list, when shipped: quotes and group names are published */
	vp_given_names *given = NULL;
	if (!rc)
		rc = vp_given_names_default(&given, &e);
	o.given_names = given;
	if (!rc && before_path) {
		char *bp[] = {(char *)before_path};
		if (!(before = load_masked_doc(1, bp, &bname, given, &e)))
			rc = e.code;
	}
	if (!rc && !(doc = load_masked_doc(argc - optind_, argv + optind_, &name, given, &e)))
		rc = e.code;
	o.labels = labels;
	o.source = name;
	vp_buf out = VP_BUF_INIT;
	FILE *fp = stdout;
	/* a workbook is written by libxlsxwriter at its close, whose message
	 * for a path it cannot create is vague: try the path first */
	if (!rc && o.format == VP_REPORT_XLSX)
		rc = probe_output(o.output, &e);
	if (!rc) {
		vp_err re;
		vp_err_clear(&re);
		rc = before ? vp_report_compare(&out, before, doc, &o, &re)
		            : vp_report_render(&out, doc, &o, &re);
		if (rc && before)
			vp_errf(&e, rc, "%s / %s: %s", bname, name, re.msg);
		else if (rc)
			vp_errf(&e, rc, "%s: %s", name, re.msg);
	}
	json_decref(doc);
	json_decref(before);
	json_decref(labels);
	vp_given_names_free(given);
	if (!rc && out.len && o.output && !(fp = fopen(o.output, "w")))
		rc = vp_errf(&e, EX_CANTCREAT, "%s: %s", o.output, strerror(errno));
	if (!rc && out.len && fwrite(out.data, 1, out.len, fp) != out.len)
		rc = vp_errf(&e, EX_IOERR, "write error: %s", strerror(errno ? errno : EIO));
	vp_buf_free(&out);
	/* fp is NULL when the output could not be opened */
	if (fp && fp != stdout && fclose(fp) && !rc)
		rc = vp_errf(&e, EX_IOERR, "%s: %s", o.output, strerror(errno));
	if (!rc)
		rc = vp_output_close(stdout, &e);
	if (rc)
		vp_err_print(cli.prog, &e);
	return rc;
}
