/* vp-eval - score tagged records against human labels. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "voxpop/cli.h"
#include "voxpop/filter.h"
#include "voxpop/input.h"
#include "voxpop/eval.h"
#include "voxpop/redact.h"
#include "voxpop/record.h"

enum { OPT_HASH_COL = 256, OPT_HELD_OUT, OPT_TUNING, OPT_IDS, OPT_TABLE, OPT_SENTIMENT };

static const vp_opt opts[] = {
	{"gold", 'g', VP_ARG, "FILE.csv", "one-hot CSV of human labels (required)"},
	{"map", 'm', VP_ARG, "FILE", "theme<TAB>label|label|... map (required, but for --sentiment)"},
	{"id-col", 'i', VP_ARG, "NAME", "gold column matched to the record \"id\" (default: id)"},
	{"errors", 'e', VP_ARG, "THEME", "list false positives/negatives of THEME with what fired"},
	{"json", 'j', VP_NOARG, NULL, "write JSON (the default when stdout is not a terminal)"},
	{"table", OPT_TABLE, VP_NOARG, NULL, "write a table (the default on a terminal)"},
	{"ids", OPT_IDS, VP_ARG, "FILE", "score only the gold rows whose ids are listed in FILE"},
	{"held-out", OPT_HELD_OUT, VP_ARG, "N", "score only the held-back part: hash(column) % N == 0"},
	{"tuning", OPT_TUNING, VP_ARG, "N", "score only the rest: hash(column) % N != 0"},
	{"sentiment", OPT_SENTIMENT, VP_ARG, "COLUMN",
	 "score record \"sentiment\" labels against COLUMN (1-5) instead of themes (no --map)"},
	{"hash-col", OPT_HASH_COL, VP_ARG, "NAME", "column hashed by --held-out/--tuning (default: id column)"},
	{0}
};

static const vp_cli cli = {
	"vp-eval", "--gold FILE.csv (--map FILE | --sentiment COLUMN) [OPTION]... [FILE]...",
	"Compare tagged records (NDJSON from vp-tag, FILE or stdin) with human labels and\n"
	"report precision, recall, F1 and support per theme, plus micro- and macro-F1.",
	opts,
	"Scoring: a record predicts a theme when vp-tag lists it or any child of it\n"
	"(access/waiting counts as access).  Every gold row in the scored part is\n"
	"scored; a row with no record counts as tagged with nothing.  Micro-F1 sums\n"
	"over the themes with at least 20 gold rows in the scored part; macro-F1 is\n"
	"the mean F1 of those same themes.  Theme names are compared without regard\n"
	"to case; gold ids and header names are trimmed.  A label cell holds 1, TRUE,\n"
	"x, yes or y (the label applies), 0, FALSE, no, n or nothing (it does not),\n"
	"in any case, or 1.0 or 0.0 (pandas); anything else is an error (65).\n"
	"Records whose id is not in the gold file are counted and reported as a\n"
	"warning; if no record has an id of the gold file (1 written as 1.0?), or\n"
	"no record was read at all, it is an error (65), with --sentiment too.  A\n"
	"record whose id a record before it had is left out (the first is scored),\n"
	"counted and reported as a warning.  A map theme no record read is\n"
	"tagged with (nor a theme under it) is scored, and named in a note: a theme\n"
	"the lexicon has not?\n"
	"\n"
	"The split used by --held-out/--tuning is FNV-1a of the column's value\n"
	"(trimmed), so the same rows are held back on every run (hash a respondent\n"
	"column to keep all of one person's answers on the same side).\n"
	"\n"
	"With --sentiment COLUMN: COLUMN holds 1-5 (1-2 positive, 3 neutral, 4-5\n"
	"negative; 5.0 as a spreadsheet writes it is 5, 2.5 an error; blank rows are\n"
	"not scored); a record's \"sentiment\".label is the prediction (mixed counts\n"
	"as neutral; a coded row without one is wrong).  Reports accuracy,\n"
	"precision/recall/F1 per class, macro-F1 over the three classes and a\n"
	"confusion matrix; --errors CLASS (or all) lists misread rows.\n"
	"\n"
	"Example:\n"
	"  vp-ingest --id-col 'Comment ID' --text-col 'FFT answer' dev.csv | vp-normalise |\n"
	"    vp-tag | vp-eval --gold dev.csv --map map.tsv --id-col 'Comment ID' --errors transport\n"
	"\n"
	"Exit status: 0 scored; 64 usage; 65 bad map, gold file or record; 66 cannot\n"
	"open a file; 74 I/O error.\n",
};

/* vp_eval_add and vp_senteval_add as vp_records_each's callback. */
static int eval_add(void *ev, const json_t *rec, vp_err *e)
{
	return vp_eval_add(ev, rec, e);
}

static int senteval_add(void *se, const json_t *rec, vp_err *e)
{
	return vp_senteval_add(se, rec, e);
}

/* Records whose ids the gold file does not have, and records repeating an
 * id read before (left out): each said once, with the first. */
static void warn_ids(const char *gold, unsigned long unknown, const char *first_unknown,
                     unsigned long repeated, const char *first_repeated)
{
	if (unknown)
		vp_warnf(cli.prog, "warning: %lu record%s with ids not in %s (first: '%s')", unknown,
		         unknown == 1 ? "" : "s", gold, first_unknown);
	if (repeated)
		vp_warnf(cli.prog, "warning: %lu record%s an id read before (first: '%s'): only "
		         "the first record of an id is scored", repeated,
		         repeated == 1 ? " repeats" : "s repeat", first_repeated);
}

/* Map themes no record is tagged with score 0, rightly; but a theme the
 * lexicon has not (or spelt otherwise) is likelier than one never said. */
static int note_untagged(const vp_eval *ev, vp_err *e)
{
	vp_buf names = VP_BUF_INIT;
	int n = vp_eval_untagged(ev, &names);
	if (n < 0) {
		vp_buf_free(&names);
		return vp_oom(e);
	}
	if (n)
		vp_warnf(cli.prog, "note: no record read is tagged with %s (nor a theme under %s): "
		         "%s of the lexicon, spelt so?", names.data, n == 1 ? "it" : "them",
		         n == 1 ? "is it a theme" : "are they themes");
	vp_buf_free(&names);
	return 0;
}

/* The report as indented JSON on stdout (rep NULL: out of memory); rep is
 * freed. */
static int put_json(json_t *rep, vp_err *e)
{
	if (!rep)
		return vp_oom(e);
	int rc = 0;
	if (json_dumpf(rep, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6)) < 0 ||
	    fputc('\n', stdout) == EOF)
		rc = vp_errf(e, EX_IOERR, "write error: %s", strerror(errno));
	json_decref(rep);
	return rc;
}

/* --sentiment COLUMN: record-level labels against a 1-5 column. */
static int run_sentiment(const vp_eval_opts *eo, const char *column, const char *gold,
                         int json_out, int argc, char **argv, int first, vp_err *e)
{
	vp_senteval *se = vp_senteval_new(eo, column);
	FILE *fp = NULL;
	int rc;
	if (!se)
		return vp_errf(e, EX_OSERR, "out of memory");
	if ((rc = vp_open_in(&fp, gold, VP_IN_NONEMPTY, e)) ||
	    (rc = vp_senteval_load_gold(se, fp, gold, e)))
		goto out;
	vp_close_in(fp);
	fp = NULL;
	rc = vp_records_each(cli.prog, argc - first, argv + first, senteval_add, se, e);
	if (rc || (rc = vp_senteval_check_ids(se, e)))
		goto out;
	const char *unknown_id, *repeated_id;
	unsigned long unknown = vp_senteval_unknown(se, &unknown_id);
	unsigned long repeated = vp_senteval_repeated(se, &repeated_id);
	warn_ids(gold, unknown, unknown_id, repeated, repeated_id);
	rc = json_out ? put_json(vp_senteval_report(se), e) : vp_senteval_write_table(se, stdout, e);
	if (!rc)
		rc = vp_output_close(stdout, e);
out:
	vp_close_in(fp);
	vp_senteval_free(se);
	return rc;
}

int main(int argc, char **argv)
{
	vp_eval_opts eo = {0};
	const char *gold = NULL, *map = NULL, *ids = NULL, *sentiment = NULL, *arg;
	int json_out = !isatty(STDOUT_FILENO), key, first;
	unsigned long held = 0, tuning = 0;
	int held_set = 0, tuning_set = 0;
	vp_err e = {0};
	int rc = 0;
	FILE *fp = NULL;

	vp_io_init();
	while ((key = vp_cli_next(&cli, argc, argv, &arg, &first)) != -1) {
		switch (key) {
		case 'g': gold = arg; break;
		case 'm': map = arg; break;
		case 'i': eo.id_col = arg; break;
		case 'e': eo.errors = arg; break;
		case 'j': json_out = 1; break;
		case OPT_TABLE: json_out = 0; break;
		case OPT_IDS: ids = arg; break;
		case OPT_HELD_OUT: held = vp_cli_ulong(&cli, "held-out", arg); held_set = 1; break;
		case OPT_TUNING: tuning = vp_cli_ulong(&cli, "tuning", arg); tuning_set = 1; break;
		case OPT_HASH_COL: eo.hash_col = arg; break;
		case OPT_SENTIMENT: sentiment = arg; break;
		}
	}
	/* 0 would score every row as held back: a split has 2 parts or more */
	if (held_set && tuning_set)
		return vp_cli_usage_error(&cli, "--held-out and --tuning are alternatives");
	if ((held_set && held < 2) || (tuning_set && tuning < 2))
		return vp_cli_usage_error(&cli, "a split needs N >= 2 parts");
	if (sentiment && !gold)
		return vp_cli_usage_error(&cli, "--sentiment needs --gold");
	if (sentiment && (map || ids))
		return vp_cli_usage_error(&cli, "--sentiment takes no --map or --ids");
	if (!sentiment && (!gold || !map))
		return vp_cli_usage_error(&cli, "--gold and --map are both required");
	eo.split_n = held ? held : tuning;
	eo.split_held = held != 0;
	/* vp-redact's list, when shipped: the rows listed are comments */
	vp_given_names *given;
	if ((rc = vp_given_names_default(&given, &e))) {
		vp_err_print(cli.prog, &e);
		return rc;
	}
	eo.given_names = given;
	if (sentiment) {
		rc = run_sentiment(&eo, sentiment, gold, json_out, argc, argv, first, &e);
		if (rc)
			vp_err_print(cli.prog, &e);
		vp_given_names_free(given);
		return rc;
	}

	vp_eval *ev = vp_eval_new(&eo);
	if (!ev) {
		vp_oom(&e);
		vp_err_print(cli.prog, &e);
		vp_given_names_free(given);
		return EX_OSERR;
	}
	if ((rc = vp_open_in(&fp, map, VP_IN_NONEMPTY, &e)) || (rc = vp_eval_load_map(ev, fp, map, &e)))
		goto out;
	vp_close_in(fp);
	fp = NULL;
	if (ids && ((rc = vp_open_in(&fp, ids, VP_IN_NONEMPTY, &e)) || (rc = vp_eval_load_ids(ev, fp, ids, &e))))
		goto out;
	vp_close_in(fp);
	fp = NULL;
	if ((rc = vp_open_in(&fp, gold, VP_IN_NONEMPTY, &e)) || (rc = vp_eval_load_gold(ev, fp, gold, &e)))
		goto out;
	vp_close_in(fp);
	fp = NULL;

	rc = vp_records_each(cli.prog, argc - first, argv + first, eval_add, ev, &e);
	if (rc || (rc = vp_eval_check_ids(ev, &e)))
		goto out;

	const char *unknown_id, *repeated_id;
	unsigned long unknown = vp_eval_unknown(ev, &unknown_id);
	unsigned long repeated = vp_eval_repeated(ev, &repeated_id);
	warn_ids(gold, unknown, unknown_id, repeated, repeated_id);
	if ((rc = note_untagged(ev, &e)))
		goto out;
	rc = json_out ? put_json(vp_eval_report(ev), &e) : vp_eval_write_table(ev, stdout, &e);
	if (!rc)
		rc = vp_output_close(stdout, &e);
out:
	vp_close_in(fp);
	vp_eval_free(ev);
	vp_given_names_free(given);
	if (rc)
		vp_err_print(cli.prog, &e);
	return rc;
}
