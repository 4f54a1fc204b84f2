/* vp-suggest - propose lexicon entries from hand-coded comments. */
#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/cli.h"
#include "voxpop/filter.h"
#include "voxpop/eval.h"
#include "voxpop/input.h"
#include "voxpop/record.h"
#include "voxpop/suggest.h"

enum { OPT_HASH_COL = 256, OPT_TUNING, OPT_IDS, OPT_LABELS, OPT_THEME, OPT_MIN_SUPPORT,
       OPT_MIN_PRECISION, OPT_TOP, OPT_MAX_WORDS, OPT_UNTAGGED, OPT_WRITE };

static const vp_opt opts[] = {
	{"gold", 'g', VP_ARG, "FILE.csv", "one-hot CSV of human labels, as vp-eval (with --map)"},
	{"map", 'm', VP_ARG, "FILE", "theme<TAB>label|label|... map, as vp-eval"},
	{"id-col", 'i', VP_ARG, "NAME", "gold column matched to the record \"id\" (default: id)"},
	{"hash-col", OPT_HASH_COL, VP_ARG, "NAME", "column hashed by --tuning (default: the id column)"},
	{"ids", OPT_IDS, VP_ARG, "FILE", "use only the gold rows whose ids are listed in FILE"},
	{"labels", OPT_LABELS, VP_ARG, "FILE", "coded comments as id,theme lines instead of --gold/--map"},
	{"tuning", OPT_TUNING, VP_ARG, "N", "hold back the coded rows with hash % N == 0: they only report"},
	{"theme", OPT_THEME, VP_ARG, "THEME", "only this theme (default: every coded theme)"},
	{"min-support", OPT_MIN_SUPPORT, VP_ARG, "K", "an entry must fire on K coded comments (default 3)"},
	{"min-precision", OPT_MIN_PRECISION, VP_ARG, "PCT", "and be right PCT% of the tags it changes (default 50)"},
	{"top", OPT_TOP, VP_ARG, "M", "entries per theme, phrases with --untagged (default 10)"},
	{"max-words", OPT_MAX_WORDS, VP_ARG, "N", "longest phrase, in words, 1-8 (default 3)"},
	{"untagged", OPT_UNTAGGED, VP_NOARG, NULL, "list frequent phrases of the comments no theme caught"},
	{"write", OPT_WRITE, VP_ARG, "FILE", "write the chosen entries of the one theme to FILE (a new file), lexicon syntax"},
	{"lexicon", 'L', VP_ARG, "DIR", "the set that tagged the records: also propose members for its word lists"},
	{"json", 'j', VP_NOARG, NULL, "write JSON instead of the readable listing"},
	{0}
};

static const vp_cli cli = {
	"vp-suggest", "(--gold FILE.csv --map FILE | --labels FILE | --untagged) [OPTION]... [FILE]...",
	"Propose lexicon entries for a theme from comments a team has coded by hand:\n"
	"words, phrases and ? gap phrases that would catch the comments the theme\n"
	"missed, and !exclusions that would drop its false positives, ranked by the\n"
	"F1 they gain on the coded comments.  Reads tagged records (vp-tag --explain\n"
	"output, FILE or stdin; without --explain no exclusions are proposed).",
	opts,
	"Choosing: entries are taken greedily, best F1 gain first (each gain given\n"
	"those before it), while the gain is positive, up to --top per theme.  Each\n"
	"must fire on --min-support coded comments of the fit part and be right in\n"
	"--min-precision of the tags it adds (or, an exclusion, removes).  With\n"
	"--tuning N the coded rows whose hash % N == 0 are held back: they choose\n"
	"nothing, and the listing gives each entry's gain on them too (dTP, dFP:\n"
	"right and wrong tags gained; negative for an exclusion's losses).  Each\n"
	"entry counts with those chosen before it (exclusions block the matches they\n"
	"overlap) and gains nothing where a longer match in the record holds the\n"
	"words; an exclusion drops a match of the record only where it covers all\n"
	"its words (a shorter entry under it may fire); the lexicon's own\n"
	"exclusions are not seen: re-tag and run vp-eval to confirm.\n"
	"\n"
	"--labels FILE: one \"id,theme\" (or id TAB theme) line per theme given to a\n"
	"comment, or its themes in one cell, \"id,a; b\"; \"id,\" for a comment coded\n"
	"with no theme (an id coded so and with a theme keeps the theme; a note says\n"
	"so); a theme counts for its parents, and case does not matter.\n"
	"CSV as spreadsheets write it: quoted fields, BOM, CRLF, a header row\n"
	"(\"id,theme\", \"Comment ID,Theme\": its second cell theme(s), code(s),\n"
	"label(s) or category), empty columns after the two.  A third field, a theme\n"
	"name with a space, or no theme in the whole file is an error (65).  Coded\n"
	"ids no record has are counted on stderr and score as untagged; records with\n"
	"no coded id are counted and not used, and so are records repeating a coded\n"
	"id read before (the first counts); when no coded id is a record's (1\n"
	"written as 1.0?, or no record read at all) it is an error (65).  Coded\n"
	"comments vp-tag could not read\n"
	"(\"untaggable\": another language) are counted on stderr and scored, but no\n"
	"entry is learnt from their words: no entry would tag them.\n"
	"\n"
	"--lexicon DIR (the set that tagged the records; records tagged with another\n"
	"are refused, 65): also words for its word lists -- a word that, put in\n"
	"{NAME}, would make the theme's lines written with {NAME} catch coded\n"
	"comments (\"surgeon -> {roles}\" via \"{roles} was {praise}\").  Candidates\n"
	"stand in the list's place where such a line matches otherwise; not in the\n"
	"list already (nor under a member's wildcard), not stopwords.  Each is\n"
	"weighed alone against the comments as tagged, with the same guards, up to\n"
	"--top per theme; --write gives them as comments naming the list file.\n"
	"\n"
	"--untagged: stemmed phrases of the comments no theme caught, with how many\n"
	"untagged and tagged comments hold them, ranked by keyness (log-likelihood\n"
	"G2; with no tagged comment to weigh against, by how many comments hold\n"
	"them); every record read counts, coded or not, but those vp-tag could not\n"
	"read (\"untaggable\": another language), which are left out and counted.\n"
	"\n"
	"Example:\n"
	"  vp-ingest --id-col 'Comment ID' --text-col 'FFT answer' dev.csv | vp-normalise |\n"
	"    vp-tag --explain | vp-suggest --gold dev.csv --map map.tsv --id-col 'Comment ID' \\\n"
	"    --hash-col 'Respondent ID' --tuning 5 --theme transport\n"
	"\n"
	"Exit status: 0 done; 64 usage; 65 bad map, gold file or record; 66 cannot\n"
	"open a file; 73 cannot create the --write file (or it exists); 74 I/O error.\n",
};

static int load_eval(vp_suggest *s, const vp_eval_opts *eo, const char *gold, const char *map,
                     const char *ids, vp_err *e)
{
	vp_eval *ev = vp_eval_new(eo);
	FILE *fp = NULL;
	int rc;
	if (!ev)
		return vp_oom(e);
	if ((rc = vp_open_in(&fp, map, VP_IN_NONEMPTY, e)) || (rc = vp_eval_load_map(ev, fp, map, e)))
		goto out;
	vp_close_in(fp);
	fp = NULL;
	if (ids && ((rc = vp_open_in(&fp, ids, VP_IN_NONEMPTY, e)) || (rc = vp_eval_load_ids(ev, fp, ids, e))))
		goto out;
	vp_close_in(fp);
	fp = NULL;
	if ((rc = vp_open_in(&fp, gold, VP_IN_NONEMPTY, e)) || (rc = vp_eval_load_gold(ev, fp, gold, e)))
		goto out;
	rc = vp_suggest_gold_eval(s, ev, eo->split_n && eo->split_held, e);
out:
	vp_close_in(fp);
	vp_eval_free(ev);
	return rc;
}

typedef struct reader {
	vp_suggest *s;
	const char *lexdir;            /* --lexicon DIR, or NULL */
	char fp[VP_LEXICON_FP_LEN + 1]; /* its fingerprint */
} reader;

static int suggest_add(void *ctx, const json_t *rec, vp_err *e)
{
	reader *rd = ctx;
	/* members are found through the set's lines: records tagged with
	 * another set would be weighed against lines that did not tag them */
	const char *v;
	if (rd->lexdir) {
		if (vp_record_lexicon(rec, &v))
			return vp_errf(e, EX_DATAERR, "\"lexicon\" is " VP_LEXICON_FP_NOT);
		if (v && memcmp(v, rd->fp, VP_LEXICON_FP_LEN) != 0)
			return vp_errf(e, EX_DATAERR, "tagged with lexicon %s, but --lexicon %s is %s -- "
			               "give vp-suggest the lexicon vp-tag used", v, rd->lexdir, rd->fp);
	}
	return vp_suggest_add(rd->s, rec, e);
}

int main(int argc, char **argv)
{
	vp_eval_opts eo = {0};
	vp_suggest_opts so = {0};
	const char *gold = NULL, *map = NULL, *ids = NULL, *labels = NULL, *write = NULL, *arg;
	int json_out = 0, key, first, rc = 0;
	unsigned long tuning = 0;
	vp_err e = {0};
	FILE *fp = NULL;
	vp_text *tx = NULL;
	vp_suggest *s = NULL;
	vp_lexicon *lx = NULL;
	reader rd = {0};

	so.min_precision = -1;
	vp_io_init();
	while ((key = vp_cli_next(&cli, argc, argv, &arg, &first)) != -1) {
		switch (key) {
		case 'g': gold = arg; break;
		case 'm': map = arg; break;
		case 'i': eo.id_col = arg; break;
		case 'j': json_out = 1; break;
		case OPT_HASH_COL: eo.hash_col = arg; break;
		case OPT_IDS: ids = arg; break;
		case OPT_LABELS: labels = arg; break;
		case OPT_TUNING: tuning = vp_cli_ulong_range(&cli, "tuning", arg, 2, 1000000); break;
		case OPT_THEME: so.theme = arg; break;
		case OPT_MIN_SUPPORT: so.min_support = vp_cli_ulong_range(&cli, "min-support", arg, 1, 1000000000); break;
		case OPT_MIN_PRECISION:
			so.min_precision = (double)vp_cli_ulong_range(&cli, "min-precision", arg, 0, 100) / 100.0;
			break;
		case OPT_TOP: so.top = vp_cli_ulong_range(&cli, "top", arg, 1, 100000); break;
		case OPT_MAX_WORDS: so.max_n = (unsigned)vp_cli_ulong_range(&cli, "max-words", arg, 1, 8); break;
		case OPT_UNTAGGED: so.untagged = 1; break;
		case OPT_WRITE: write = arg; break;
		case 'L': rd.lexdir = arg; break;
		}
	}
	if (!so.untagged && !labels && (!gold || !map))
		return vp_cli_usage_error(&cli, "give --gold and --map, or --labels, or --untagged");
	if (labels && (gold || map || ids))
		return vp_cli_usage_error(&cli, "--labels and --gold/--map/--ids are alternatives");
	if ((gold != NULL) != (map != NULL))
		return vp_cli_usage_error(&cli, "--gold and --map go together");
	if (write && so.untagged)
		return vp_cli_usage_error(&cli, "--write writes entries; --untagged lists phrases");
	if (rd.lexdir && so.untagged)
		return vp_cli_usage_error(&cli, "--lexicon proposes word-list members; --untagged lists phrases");
	so.split_n = tuning;

	if ((rc = vp_text_open(&tx, "english", &e)))
		goto out;
	if (rd.lexdir) {
		if ((rc = vp_lexicon_load(&lx, rd.lexdir, tx, &e)))
			goto out;
		so.lexicon = lx;
		vp_lexicon_fingerprint_hex(lx, rd.fp);
	}
	if (!(s = vp_suggest_new(&so, tx, &e))) {
		rc = e.code ? e.code : EX_OSERR;
		goto out;
	}
	if (gold) {
		eo.split_n = tuning;
		eo.split_held = 0;
		if ((rc = load_eval(s, &eo, gold, map, ids, &e)))
			goto out;
		if (tuning) {
			eo.split_held = 1;
			if ((rc = load_eval(s, &eo, gold, map, ids, &e)))
				goto out;
		}
	} else if (labels) {
		if ((rc = vp_open_in(&fp, labels, VP_IN_NONEMPTY, &e)) ||
		    (rc = vp_suggest_gold_pairs(s, fp, labels, &e)))
			goto out;
		if (vp_suggest_pairs_note(s))
			vp_warnf(cli.prog, "note: %s", vp_suggest_pairs_note(s));
		vp_close_in(fp);
		fp = NULL;
	}

	rd.s = s;
	rc = vp_records_each(cli.prog, argc - first, argv + first, suggest_add, &rd, &e);
	if (rc || (rc = vp_suggest_check_ids(s, labels ? labels : gold, &e)) ||
	    (rc = vp_suggest_run(s, &e)))
		goto out;
	if (!so.untagged && vp_suggest_without_spans(s))
		vp_warnf(cli.prog, "%lu tagged records have no spans (tag with vp-tag --explain): "
		         "no exclusions proposed for them", vp_suggest_without_spans(s));
	unsigned long nuntaggable = vp_suggest_untaggable(s);
	if (nuntaggable)
		vp_warnf(cli.prog, "%lu %s not tagged (\"untaggable\": not in the lexicon's language): %s",
		         nuntaggable, so.untagged ? (nuntaggable == 1 ? "record was" : "records were")
		         : (nuntaggable == 1 ? "coded comment was" : "coded comments were"),
		         so.untagged ? "left out" : "no entry can tag them");
	const char *norec;
	unsigned long nnorec = so.untagged ? 0 : vp_suggest_without_record(s, &norec);
	if (nnorec)
		vp_warnf(cli.prog, "%lu coded id%s no tagged record (first: '%s'): counted as "
		         "untagged", nnorec, nnorec == 1 ? " has" : "s have", norec);
	const char *again;
	unsigned long nagain = so.untagged ? 0 : vp_suggest_repeated(s, &again);
	if (nagain)
		vp_warnf(cli.prog, "%lu record%s a coded id read before (first: '%s'): only the "
		         "first record of an id is used", nagain, nagain == 1 ? " repeats" : "s repeat",
		         again);
	const char *uncoded;
	unsigned long nuncoded = so.untagged ? 0 : vp_suggest_not_coded(s, &uncoded);
	if (nuncoded)
		vp_warnf(cli.prog, "%lu record%s read %s no coded id (first: '%s'): not used", nuncoded,
		         nuncoded == 1 ? "" : "s", nuncoded == 1 ? "has" : "have", uncoded);
	if (write) {
		if (vp_suggest_nthemes_run(s) != 1) {
			rc = vp_errf(&e, EX_USAGE, "--write wants one theme (--theme THEME)");
			goto out;
		}
		/* never over a file: "--write lex/staff.txt" would replace the
		 * theme's own entries (a device or pipe is written to) */
		struct stat st;
		if (stat(write, &st) == 0 && S_ISREG(st.st_mode)) {
			rc = vp_errf(&e, EX_CANTCREAT, "%s: exists; vp-suggest does not overwrite it "
			             "(write to a new file and append the lines you keep to the "
			             "theme's file)", write);
			goto out;
		}
		FILE *wf = fopen(write, "w");
		if (!wf) {
			rc = vp_errf(&e, EX_CANTCREAT, "%s: %s", write, strerror(errno));
			goto out;
		}
		rc = vp_suggest_write_lexicon(s, wf, &e);
		if (fclose(wf) != 0 && !rc)
			rc = vp_errf(&e, EX_IOERR, "%s: %s", write, strerror(errno));
		if (rc)
			goto out;
	}
	if (json_out) {
		json_t *rep = vp_suggest_report(s);
		if (!rep) {
			rc = vp_oom(&e);
			goto out;
		}
		rc = vp_json_write(stdout, rep, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6), &e);
		json_decref(rep);
	} else {
		rc = vp_suggest_write_text(s, stdout, &e);
	}
	if (!rc)
		rc = vp_output_close(stdout, &e);
out:
	vp_close_in(fp);
	vp_suggest_free(s);
	vp_lexicon_free(lx);
	vp_text_close(tx);
	if (rc)
		vp_err_print(cli.prog, &e);
	return rc;
}
