/* vp-count - count tagged records per theme, per locality and in total. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/cli.h"
#include "voxpop/input.h"
#include "voxpop/count.h"
#include "voxpop/record.h"

enum { OPT_MAX_GROUPS = 256 };

static const vp_opt opts[] = {
	{"level", 'l', VP_ARG, "LEVEL",
	 "group by locality (default), place or system (fields set by vp-locate)"},
	{"nested", 'n', VP_NOARG, NULL,
	 "also write \"systems\": system -> places -> localities, totals adding up"},
	{"by", 'b', VP_ARG, "FIELD",
	 "group by FIELD instead: question, channel, fields.NAME, month, FIELD:month, ..."},
	{"quotes", 'q', VP_ARG, "N",
	 "keep up to N redacted exemplar comments per theme per group"},
	{"skip-bad", 'B', VP_NOARG, NULL,
	 "skip bad records, report how many (in \"rejected\" and on stderr)"},
	{"max-groups", OPT_MAX_GROUPS, VP_ARG, "N",
	 "fail if there are more than N distinct groups (default 100000)"},
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
	"share = k / n rounded to 4 decimals.  With --by FIELD the groups are under \"groups\"\n"
	"and \"by\" names the field.  Memory grows with groups x themes, not with input.\n"
	"E-mail addresses, phone numbers and full postcodes are masked ([email], [phone],\n"
	"[postcode]) in quotes and in group names.\n"
	"\n"
	"Examples:\n"
	"  vp-ingest survey.csv | vp-normalise | vp-tag | vp-count > counts.json\n"
	"  vp-count --by month --quotes 3 tagged.ndjson\n"
	"  vp-count --level place --nested located.ndjson\n"
	"\n"
	"Exit status: 0 ok, 64 usage, 65 bad record, 66 cannot open input, 70 more groups\n"
	"than --max-groups, 74 I/O error.\n"
};

static int count_stream(vp_count *c, FILE *fp, const char *name, int skip_bad, vp_err *e)
{
	vp_reader r;
	vp_reader_init(&r, fp, name, cli.prog);
	r.skip_bad = skip_bad;
	json_t *rec;
	int rc;
	while ((rc = vp_reader_line(&r, e)) == 1) {
		vp_err ce;
		vp_err_clear(&ce);
		int crc = vp_count_add_line(c, r.line, r.len, &ce);
		if (crc == 1) {
			r.records++;
			continue;
		}
		if (crc == 0) {
			/* not plainly valid: jansson decides, with its messages */
			rc = vp_reader_parse(&r, &rec, e);
			if (rc == 0)
				continue; /* bad JSON, skipped */
			if (rc != 1)
				break;
			crc = vp_count_add(c, rec, &ce);
			json_decref(rec);
		}
		if (crc == EX_DATAERR) {
			/* e.g. "themes" not a list: skipped with --skip-bad, else fatal */
			if ((rc = vp_reader_reject(&r, e, ce.msg)) != 0)
				break;
			continue;
		}
		if (crc) {
			rc = vp_errf_at(e, crc, name, r.lineno, "%s", ce.msg);
			break;
		}
	}
	vp_count_rejected(c, r.rejected);
	if (rc == 0)
		vp_reader_report(&r);
	vp_reader_free(&r);
	return rc;
}

int main(int argc, char **argv)
{
	vp_io_init();
	vp_count_opts o = {0};
	char by[256];
	int skip_bad = 0, level_set = 0, key, optind_;
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
		case 'b':
			if (vp_count_by_parse(arg, by, sizeof by) != 0)
				return vp_cli_usage_error(&cli, "bad --by '%s' (FIELD, fields.NAME, "
				                          "month, year, FIELD:month, FIELD:year)", arg);
			o.by = by;
			break;
		case 'q':
			o.quotes = vp_cli_ulong(&cli, "quotes", arg);
			if (o.quotes > 1000)
				return vp_cli_usage_error(&cli, "--quotes %zu is more than 1000", o.quotes);
			break;
		case 'B':
			skip_bad = 1;
			break;
		case OPT_MAX_GROUPS:
			o.max_groups = vp_cli_ulong(&cli, "max-groups", arg);
			if (!o.max_groups)
				return vp_cli_usage_error(&cli, "--max-groups must be at least 1");
			break;
		}
	}
	if (o.by && (level_set || o.nested))
		return vp_cli_usage_error(&cli, "--by cannot be combined with --level or --nested");

	vp_count *c = vp_count_new(&o);
	vp_err e;
	vp_err_clear(&e);
	if (!c) {
		vp_errf(&e, EX_OSERR, "out of memory");
		vp_err_print(cli.prog, &e);
		return EX_OSERR;
	}
	int rc = 0;
	if (optind_ >= argc) {
		rc = count_stream(c, stdin, "-", skip_bad, &e);
	} else {
		for (int i = optind_; i < argc && !rc; i++) {
			if (strcmp(argv[i], "-") == 0) {
				rc = count_stream(c, stdin, "-", skip_bad, &e);
				continue;
			}
			FILE *fp;
			if ((rc = vp_open_records(&fp, argv[i], cli.prog, &e)))
				break;
			rc = count_stream(c, fp, argv[i], skip_bad, &e);
			vp_close_in(fp);
		}
	}
	if (!rc)
		rc = vp_count_emit(c, stdout, &e);
	if (!rc)
		rc = vp_output_close(stdout, &e);
	vp_count_free(c);
	if (rc)
		vp_err_print(cli.prog, &e);
	return rc;
}
