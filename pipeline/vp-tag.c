/* vp-tag - add "themes": the lexicon themes whose entries match the tokens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/cli.h"
#include "voxpop/input.h"
#include "voxpop/jscan.h"
#include "voxpop/lexicon.h"
#include "voxpop/paths.h"
#include "voxpop/record.h"
#include "voxpop/text.h"

enum { OPT_LEXICON = 'L', OPT_EXPLAIN = 'x', OPT_SKIP = 'B', OPT_LANG = 'l',
       OPT_LIST = 256, OPT_CHECK };

static const vp_opt opts[] = {
	{"lexicon", OPT_LEXICON, VP_ARG, "DIR", "lexicon set (default: the shipped lexicons/engagement)"},
	{"explain", OPT_EXPLAIN, VP_NOARG, NULL,
	 "add \"spans\" (token [start,end)) and \"entries\" (file:line) to each theme"},
	{"lang", OPT_LANG, VP_ARG, "LANG", "stemmer for the lexicon entries (default english; use vp-normalise's)"},
	{"list-themes", OPT_LIST, VP_NOARG, NULL,
	 "print the lexicon's themes (name, tab, own entries) and exit"},
	{"check", OPT_CHECK, VP_NOARG, NULL,
	 "check the lexicon for entries that cannot work as meant, list them (file:line) and exit"},
	{"skip-bad", OPT_SKIP, VP_NOARG, NULL, "skip bad records, report how many and why"},
	{0}
};

static const vp_cli cli = {
	"vp-tag", "[OPTION]... [FILE]",
	"Add \"themes\" to each record (NDJSON from FILE or stdin, to stdout) from the\n"
	"lexicon entries matching its \"tokens\" (run vp-normalise first):\n"
	"  \"themes\":[{\"theme\":\"transport\",\"hits\":[\"car park\"]},\n"
	"            {\"theme\":\"transport/parking\",\"hits\":[\"car park\"]}]\n"
	"A parent theme is listed whenever a child fires; hits are the entries as\n"
	"written in the lexicon. Records with no match get \"themes\": [].",
	opts,
	"Lexicon set: a directory; DIR/access/waiting.txt is theme access/waiting and\n"
	"DIR/access.txt the parent theme access. One entry per line, # comments:\n"
	"  car park        a phrase: consecutive words, stemmed like the text\n"
	"  physio*         any word starting with physio\n"
	"  waited ? hours  ? is any one word\n"
	"  !patient transport service   an exclusion: no entry of this theme (or its\n"
	"                  children) fires on these words\n"
	"Where matches overlap the longest (in words) wins; equal lengths all fire.\n"
	"\n"
	"Examples:\n"
	"  vp-ingest survey.csv | vp-normalise | vp-tag | vp-count > counts.json\n"
	"  vp-normalise notes.ndjson | vp-tag --explain --lexicon mylexicon | jq .themes\n"
	"\n"
	"Exit status: 0 ok, 64 usage, 65 bad record (e.g. no \"tokens\"), 66 cannot\n"
	"open FILE or the lexicon, 74 I/O error, 78 lexicon syntax error (file:line)\n"
	"or, with --check, entries to fix.\n",
};

/* --check: what vp_lexicon_check finds, on stdout; 78 if anything. */
static int check_lexicon(const vp_lexicon *lx, vp_text *tx, const char *dir)
{
	vp_buf out = VP_BUF_INIT;
	long n = vp_lexicon_check(lx, tx, &out);
	if (n < 0) {
		vp_buf_free(&out);
		vp_warnf(cli.prog, "out of memory");
		return EX_OSERR;
	}
	if (out.len)
		fwrite(out.data, 1, out.len, stdout);
	vp_buf_free(&out);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		vp_warnf(cli.prog, "write error: %m");
		return EX_IOERR;
	}
	if (n)
		vp_warnf(cli.prog, "%s: %ld %s to fix", dir, n, n == 1 ? "problem" : "problems");
	return n ? EX_CONFIG : 0;
}

static int list_themes(const vp_lexicon *lx)
{
	for (size_t i = 0; i < vp_lexicon_nthemes(lx); i++)
		printf("%s\t%zu\n", vp_lexicon_theme_name(lx, i), vp_lexicon_theme_entries(lx, i));
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : EX_IOERR;
}

struct toklist {
	const char **s;
	size_t *len, cap;
};

static int toklist_reserve(struct toklist *tl, size_t n)
{
	if (n <= tl->cap)
		return 0;
	/* n is already a bound (scan_tokens asks for the most a line can
	 * hold): double only to amortise lines that keep getting longer */
	size_t cap = tl->cap * 2 > n ? tl->cap * 2 : n;
	const char **s = realloc(tl->s, cap * sizeof *s);
	if (!s)
		return -1;
	tl->s = s;
	size_t *len = realloc(tl->len, cap * sizeof *len);
	if (!len)
		return -1;
	tl->len = len;
	tl->cap = cap;
	return 0;
}

/* Point tl at the record's tokens; NULL or a reason why they are unusable. */
static const char *get_tokens(const json_t *rec, struct toklist *tl, size_t *n)
{
	json_t *arr = json_object_get(rec, "tokens");
	if (!arr)
		return "record has no \"tokens\" (run vp-normalise before vp-tag)";
	if (!json_is_array(arr))
		return "\"tokens\" is not an array";
	*n = json_array_size(arr);
	if (toklist_reserve(tl, *n))
		return "out of memory";
	for (size_t i = 0; i < *n; i++) {
		json_t *t = json_array_get(arr, i);
		if (!json_is_string(t))
			return "\"tokens\" holds something other than strings";
		tl->s[i] = json_string_value(t);
		tl->len[i] = json_string_length(t);
	}
	return NULL;
}

/* The same straight from the line's "tokens" array (validated JSON): the
 * tokens point into the line (the matcher uses lengths, not NULs).
 * Non-NULL ("use jansson") for anything but plain strings without escapes. */
static const char *scan_tokens(vp_jspan arr, struct toklist *tl, size_t *n)
{
	size_t max = arr.n / 3 + 1; /* each token takes 3 bytes at least: "", */
	if (toklist_reserve(tl, max))
		return "out of memory";
	long k = vp_jscan_plain_strings(arr, tl->s, tl->len, max);
	if (k < 0)
		return "use jansson";
	*n = (size_t)k;
	return NULL;
}

int main(int argc, char **argv)
{
	const char *lexdir = NULL, *lang = "english", *arg;
	int skip_bad = 0, explain = 0, list = 0, check = 0, c, optind_out = 1;

	vp_io_init();
	while ((c = vp_cli_next(&cli, argc, argv, &arg, &optind_out)) != -1) {
		switch (c) {
		case OPT_LEXICON: lexdir = arg; break;
		case OPT_EXPLAIN: explain = 1; break;
		case OPT_LANG: lang = arg; break;
		case OPT_LIST: list = 1; break;
		case OPT_CHECK: check = 1; break;
		case OPT_SKIP: skip_bad = 1; break;
		}
	}
	if (argc - optind_out > 1)
		return vp_cli_usage_error(&cli, "one input file at most");
	char defdir[4096];
	if (!lexdir) {
		if (vp_data_path("lexicons/engagement", defdir, sizeof defdir) != 0) {
			vp_warnf(cli.prog, "cannot find the default lexicon set lexicons/engagement "
			         "(set VOXPOP_DATADIR or use --lexicon DIR)");
			return EX_NOINPUT;
		}
		lexdir = defdir;
	}

	vp_err e = {0};
	vp_text *tx = NULL;
	vp_lexicon *lx = NULL;
	vp_matcher *m = NULL;
	const char *name = "-";
	FILE *in = stdin;
	struct toklist tl = {0};
	vp_buf json = VP_BUF_INIT;
	int rc = vp_text_open(&tx, lang, &e);
	if (!rc)
		rc = vp_lexicon_load(&lx, lexdir, tx, &e);
	if (rc) {
		vp_err_print(cli.prog, &e);
		goto out;
	}
	if (list || check) {
		rc = list ? list_themes(lx) : check_lexicon(lx, tx, lexdir);
		goto out;
	}

	if (optind_out < argc && strcmp(argv[optind_out], "-") != 0) {
		name = argv[optind_out];
		if ((rc = vp_open_records(&in, name, cli.prog, &e))) {
			vp_err_print(cli.prog, &e);
			goto out;
		}
	}
	if (!(m = vp_matcher_new())) {
		vp_warnf(cli.prog, "out of memory");
		rc = EX_OSERR;
		goto out;
	}
	vp_reader r;
	vp_reader_init(&r, in, name, cli.prog);
	r.skip_bad = skip_bad;
	static const char *const keys[] = {"tokens", "themes"};
	while ((rc = vp_reader_line(&r, &e)) == 1) {
		/* Fast path: tokens read straight from the line (vp-normalise
		 * writes them without escapes), themes spliced in.  Anything
		 * else goes through jansson, which decides and words errors. */
		vp_jspan v[2];
		size_t n = 0;
		json_t *rec = NULL;
		const char *why = NULL;
		if (vp_jscan_members(r.line, r.len, keys, 2, v) == VP_JSCAN_OK && !v[1].p &&
		    v[0].p && v[0].p[0] == '[' && (why = scan_tokens(v[0], &tl, &n)) == NULL) {
			r.records++;
		} else {
			rc = vp_reader_parse(&r, &rec, &e);
			if (rc == 0)
				continue;
			if (rc != 1)
				break;
			why = get_tokens(rec, &tl, &n);
		}
		const vp_theme_match *tm;
		size_t ntm;
		rc = 0;
		if (why && strcmp(why, "out of memory") == 0)
			rc = vp_errf(&e, EX_OSERR, "out of memory");
		else if (why)
			rc = vp_reader_reject(&r, &e, why);
		else if (!(rc = vp_match(m, lx, tl.s, tl.len, n, &tm, &ntm, &e))) {
			if (vp_themes_json(m, lx, explain, &json))
				rc = vp_errf(&e, EX_OSERR, "out of memory");
			else if (rec)
				rc = vp_record_write_with(stdout, &r, rec, "themes", json.data,
				                          json.len, &e);
			else
				rc = vp_record_write_spliced(stdout, r.line, r.len, "themes",
				                             json.data, json.len, &e);
		}
		json_decref(rec);
		if (rc)
			break;
	}
	rc = vp_stage_finish(cli.prog, rc, &e, &r);
out:
	free(tl.s);
	free(tl.len);
	vp_buf_free(&json);
	vp_matcher_free(m);
	vp_lexicon_free(lx);
	vp_text_close(tx);
	vp_close_in(in);
	return rc;
}
