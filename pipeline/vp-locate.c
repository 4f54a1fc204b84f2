/* vp-locate - resolve each record's locality through a gazetteer. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "voxpop/cli.h"
#include "voxpop/filter.h"
#include "voxpop/gazetteer.h"
#include "voxpop/locate.h"
#include "voxpop/redact.h"
#include "voxpop/paths.h"
#include "voxpop/record.h"

enum { OPT_REPORT_TOP = 256, MAX_GAZETTEERS = 32 };

static const vp_opt opts[] = {
	{"field", 'f', VP_ARG, "NAME", "read the place from field NAME (default: locality; "
	 "looked up in the record, then in its \"fields\": vp-ingest --fields NAME keeps it)"},
	{"postcode-field", 'p', VP_ARG, "NAME", "also read a postcode (or district) from field NAME "
	 "(as --field: vp-ingest --fields NAME)"},
	{"from-text", 't', VP_NOARG, NULL, "when the fields give nothing, look for place names "
	 "in \"text\" (capitalised names and postcode districts of a two-letter area only, "
	 "not W3, B12 or M1; a hospital or other site says where care was and locates nothing, "
	 "as does a place only travelled to: \"I have to travel to Leicester\")"},
	{"gazetteer", 'g', VP_ARG, "FILE|DIR", "gazetteer file, or directory of *.txt files "
	 "(repeatable; default: every file in lexicons/localities)"},
	{"report", 'r', VP_NOARG, NULL, "at the end, print to stderr how many records were "
	 "located, how text naming places that disagree was read, how many named only "
	 "places travelled to, and the most frequent unresolved values"},
	{"report-top", OPT_REPORT_TOP, VP_ARG, "N", "values listed by --report (default 50)"},
	{"skip-bad", 'B', VP_NOARG, NULL, "skip bad records (bad JSON, non-string place "
	 "fields) and report how many, instead of stopping"},
	VP_FILTER_OPT_MAX_LINE,
	{0}
};

static const vp_cli cli = {
	"vp-locate", "[OPTION]... [FILE]...",
	"Resolve each record's locality through a gazetteer (lexicons/localities/) and write\n"
	"the system -> place -> locality it belongs to.  Reads NDJSON records from FILEs\n"
	"(or standard input), writes them to standard output.",
	opts,
	"Fields written:\n"
	"  locality, place, system   names from the gazetteer, or \"Unassigned\" where the\n"
	"                            input is unknown or not certain at that level\n"
	"  locality_source           what resolved it: postcode, locality, postcode+locality,\n"
	"                            text, or none; \" (corrected)\" added when a misspelt\n"
	"                            name (\"Hinkley\") or initials (\"E.L.R.\") were repaired\n"
	"  locality_ambiguous        true when a name matched but spans several localities or\n"
	"                            places (e.g. a shared postcode district): it is resolved\n"
	"                            only as far as is certain, never guessed\n"
	"  locality_raw              the value read, with any full postcode cut to its district;\n"
	"                            a second run reads it back and writes the same bytes\n"
	"A full postcode is never written: the fields read are rewritten with districts.\n"
	"A value naming somewhere else beside a known place (\"Melton, Suffolk\", \"Melton\n"
	"IP12\", \"Melton Constable\"), or a postcode contradicting the locality field, is\n"
	"Unassigned: a wrong locality is worse than none.  So is a former or denied\n"
	"place (\"formerly Melton\", \"no longer in Oakham\") and a name after a title\n"
	"(\"Dr Ashby\", \"Nurse Whetstone\": a person).\n"
	"Text naming places that disagree (--from-text) is located at the one a home cue\n"
	"marks (\"I live in X\", \"I'm in X\", \"based in X\"; \"I'm from X\" unless a place\n"
	"lived in is named too: \"I am from Wales but live in Oakham\"), else at the\n"
	"one left when places gone to or left (\"to X\", \"at X\", \"moved from X\", \"used\n"
	"to live in X\", and places listed after them: \"at X and Y\") are set aside; with\n"
	"no cue to choose it is only partly located (ambiguous).  Text naming only\n"
	"places travelled to (\"travel to X\", \"drive to X\", \"20 miles to X\", \"get to\n"
	"X\", \"go into X\") is not located at all, not even the system: the commenter\n"
	"lives elsewhere, perhaps in another system (\"I moved to X\", \"at X\", \"in X\"\n"
	"still locate).  --report counts each way.  A place in\n"
	"no system counts in text when it is home (\"I live in Nottingham\") or follows a\n"
	"name (\"I live in Melton, Suffolk\", \"Whetstone, London\"), as does a postcode\n"
	"district in no system (\"I'm in CF10\") and any full postcode in none (\"EH1\n"
	"1YZ\": an address).  In text a name\n"
	"after a given name on vp-redact's list (\"Sarah Stapleton\", \"John Ashby\"; not\n"
	"\"Beautiful Oakham\", nor across a full stop: \"I saw Sarah. Oakham is home\") or\n"
	"before a role (\"I saw Ashby the physio\", \"Stapleton on reception\"; but a\n"
	"sentence begun with the name is the place: \"Oakham the GP was great\") is a\n"
	"person, and a hospital's bare name\n"
	"that is a village too (\"at Glenfield\") the hospital, unless a home cue marks it.\n"
	"The gazetteer format is described in lexicons/localities/README.md.\n"
	"\n"
	"Example:\n"
	"  vp-ingest --fields Postcode survey.csv | vp-locate --postcode-field Postcode --report |\n"
	"      vp-normalise | vp-tag | vp-count --level place\n"
	"\n"
	"Exit status: 0 ok, 64 usage, 65 bad record, 66 cannot open, 74 I/O error,\n"
	"78 malformed gazetteer line (file:line: message).\n"
};

int main(int argc, char **argv)
{
	vp_io_init();
	vp_locate_opts o = {"locality", NULL, NULL, 0};
	const char *gaz[MAX_GAZETTEERS];
	size_t ngaz = 0;
	int report = 0, skip_bad = 0, optind_out = argc, key;
	size_t max_line = 0;
	unsigned long top = 50;
	const char *arg;
	while ((key = vp_cli_next(&cli, argc, argv, &arg, &optind_out)) != -1) {
		switch (key) {
		case 'f': o.field = arg; break;
		case 'p': o.postcode_field = arg; break;
		case 't': o.text_field = "text"; break;
		case 'g':
			if (ngaz == MAX_GAZETTEERS)
				return vp_cli_usage_error(&cli, "at most %d --gazetteer options",
				                          MAX_GAZETTEERS);
			gaz[ngaz++] = arg;
			break;
		case 'r': report = 1; break;
		case OPT_REPORT_TOP: top = vp_cli_ulong(&cli, "report-top", arg); break;
		case 'B': skip_bad = 1; break;
		case VP_OPT_MAX_LINE: max_line = vp_filter_max_line_arg(&cli, arg); break;
		}
	}

	vp_err e;
	vp_err_clear(&e);
	char dflt[PATH_MAX];
	if (ngaz == 0) {
		if (vp_data_path("lexicons/localities", dflt, sizeof dflt) != 0) {
			vp_errf(&e, EX_NOINPUT, "lexicons/localities: gazetteer directory not found "
			        "(set VOXPOP_DATADIR or use --gazetteer)");
			vp_err_print(cli.prog, &e);
			return EX_NOINPUT;
		}
		gaz[ngaz++] = dflt;
	}
	vp_gazetteer *g = vp_gazetteer_new();
	if (!g) {
		vp_errf(&e, EX_OSERR, "out of memory");
		vp_err_print(cli.prog, &e);
		return EX_OSERR;
	}
	int rc = 0;
	/* vp-redact's list of given names, when shipped beside the gazetteer:
	 * "Beautiful Oakham" is no one's surname */
	vp_given_names *given = NULL;
	if ((rc = vp_given_names_default(&given, &e)) == 0)
		vp_gazetteer_given_names(g, given);
	for (size_t i = 0; i < ngaz && rc == 0; i++)
		rc = vp_gazetteer_load(g, gaz[i], &e);
	if (rc == 0)
		rc = vp_gazetteer_finish(g, &e);

	vp_locate_report rep;
	vp_locate_report_init(&rep, 0);
	vp_locate_work work = {0};
	if (rc) {
		vp_err_print(cli.prog, &e);
	} else {
		vp_locate_filter l = {g, &o, &rep, &work, {0}};
		vp_filter_stage st;
		vp_locate_stage(&l, &st, cli.prog);
		rc = vp_filter_run_opts(&st, &l, &(vp_filter_opts){skip_bad, max_line}, argc - optind_out, argv + optind_out);
	}
	if (rc == 0)
		vp_locate_warn_missing(&rep, &o, cli.prog, stderr);
	if (rc == 0 && report && vp_locate_report_print(&rep, top, cli.prog, stderr) < 0) {
		vp_errf(&e, EX_OSERR, "out of memory");
		vp_err_print(cli.prog, &e);
		rc = EX_OSERR;
	}
	vp_locate_report_free(&rep);
	vp_locate_work_free(&work);
	vp_gazetteer_free(g);
	vp_given_names_free(given);
	return rc;
}
