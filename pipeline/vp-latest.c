/* vp-latest - keep the latest version of each response in vp-fetch's stored file. */
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "voxpop/cli.h"
#include "voxpop/filter.h"
#include "voxpop/latest.h"

enum { OPT_SKIP = 'B', OPT_VERBOSE = 'v', OPT_MAX = 256 };

static const vp_opt opts[] = {
	{"max-responses", OPT_MAX, VP_ARG, "N", "responses remembered at most, 112-224 bytes each (default 1000000); more is an error (70)"},
	{"skip-bad", OPT_SKIP, VP_NOARG, NULL, "skip bad records, report how many and why"},
	VP_FILTER_OPT_MAX_LINE,
	{"verbose", OPT_VERBOSE, VP_NOARG, NULL, "print counts of records, responses and versions on stderr at the end"},
	{0}
};

static const vp_cli cli = {
	"vp-latest", "[OPTION]... FILE...",
	"Keep the latest version of each response (NDJSON from FILEs, to stdout). vp-fetch\n"
	"appends a response edited after it was fetched (same response id, a newer date:\n"
	"SurveyMonkey's date_modified...) as a new version: its records again, with the\n"
	"same \"respondent\" and ids. Read as they are, the stored file counts it twice.\n"
	"vp-latest writes, of each response, the records of its latest version only, and\n"
	"every other record, unchanged and in the file's order.",
	opts,
	"A response is a record's \"source\" with its \"respondent\" (else its \"id\"; \"\"\n"
	"is none); a record with neither is passed through. A version is what one run wrote of a\n"
	"response: adjacent records of one response with one date (\"fields\".\"timestamp\",\n"
	"else \"date\"), no id twice; a response's records apart from the rest, at the\n"
	"date of its version read last and not starting with its first id, are a piece\n"
	"of it, kept or dropped with it (vp-ingest's rows), and said on stderr. The\n"
	"latest is the one of the latest date (read as a time: ISO 8601, no zone as\n"
	"UTC, a day as its start; Unix seconds); a date that cannot be read so never\n"
	"beats one that can; of equal dates, or of dates none of which can be read, the\n"
	"one later in the input. An answer blanked in an edit goes with the old version.\n"
	"Records dropped are said on stderr: \"vp-latest: 3 records of 2 older versions\n"
	"of edited responses dropped\".\n"
	"\n"
	"FILE is read twice (the first pass finds each response's latest version, the\n"
	"second writes it), so it must be a regular file: standard input or a pipe is a\n"
	"usage error (64). A FILE that changes while it is read (vp-fetch appending) is\n"
	"an error (74): run it under vp-fetch's own lock, STATE.lock (flock -w 3600\n"
	"bct.state.lock vp-latest bct.ndjson). Several FILEs are one input, in the order\n"
	"given. Run it first, on vp-fetch's output; in cron, chain the steps with &&\n"
	"(sh has no pipefail): README \"A nightly import\", contrib/cron.\n"
	"\n"
	"Example:\n"
	"  vp-latest bct.ndjson | vp-normalise | vp-tag | vp-count > bct-counts.json\n"
	"\n"
	"Exit status: 0 ok, 64 usage (no FILE, standard input, not a regular file),\n"
	"65 bad record, 66 cannot open FILE, 70 more responses than --max-responses,\n"
	"74 I/O error or FILE changed while it was read.\n",
};

int main(int argc, char **argv)
{
	const char *arg;
	size_t max_line = 0, max_responses = 0;
	int skip_bad = 0, verbose = 0, c, optind_out = 1;

	vp_io_init();
	while ((c = vp_cli_next(&cli, argc, argv, &arg, &optind_out)) != -1) {
		switch (c) {
		case OPT_SKIP: skip_bad = 1; break;
		case VP_OPT_MAX_LINE: max_line = vp_filter_max_line_arg(&cli, arg); break;
		case OPT_VERBOSE: verbose = 1; break;
		case OPT_MAX:
			max_responses = vp_cli_ulong_range(&cli, "max-responses", arg, 1,
			                                   VP_LATEST_MAX_RESPONSES_LIMIT);
			break;
		}
	}

	vp_err e = {0};
	vp_latest *l;
	int rc = vp_latest_open(&l, max_responses, &e);
	if (rc) {
		vp_err_print(cli.prog, &e);
		return rc;
	}
	int npaths = argc - optind_out;
	char **paths = argv + optind_out;
	if ((rc = vp_latest_files(l, npaths, paths, &e))) {
		if (rc == EX_USAGE)
			rc = vp_cli_usage_error(&cli, "%s", e.msg);
		else
			vp_err_print(cli.prog, &e);
		vp_latest_close(l);
		return rc;
	}
	vp_filter_opts fo = {skip_bad, max_line};
	rc = vp_latest_scan(l, cli.prog, &fo, stdout);
	if (!rc)
		rc = vp_latest_write(l, cli.prog, &fo, stdout);
	vp_latest_stats st;
	vp_latest_stats_get(l, &st);
	if (!rc && st.dropped)
		vp_warnf(cli.prog, "%lu record%s of %lu older version%s of edited responses dropped",
		         st.dropped, st.dropped == 1 ? "" : "s", st.versions_dropped,
		         st.versions_dropped == 1 ? "" : "s");
	if (!rc && st.apart)
		vp_warnf(cli.prog, "%lu record%s not adjacent to the rest of %s response, at its date: "
		         "kept with it (a version is written together: not vp-fetch's output?)",
		         st.apart, st.apart == 1 ? "" : "s", st.apart == 1 ? "its" : "their");
	if (!rc && verbose)
		vp_warnf(cli.prog, "records %lu, written %lu, dropped %lu; responses %lu, edited %lu, "
		         "older versions dropped %lu; records without respondent or id %lu, "
		         "apart from their response %lu",
		         st.records, st.written, st.dropped, st.responses, st.edited,
		         st.versions_dropped, st.unkeyed, st.apart);
	vp_latest_close(l);
	return rc;
}
