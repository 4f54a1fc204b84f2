/* vp-normalise - add "tokens": the record's text normalised, split, stemmed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/cli.h"
#include "voxpop/input.h"
#include "voxpop/jscan.h"
#include "voxpop/record.h"
#include "voxpop/text.h"

enum { OPT_LANG = 'l', OPT_FIELD = 't', OPT_SKIP = 'B' };

static const vp_opt opts[] = {
	{"lang", OPT_LANG, VP_ARG, "LANG", "stemmer language (default english; 'help' lists them)"},
	{"text-field", OPT_FIELD, VP_ARG, "NAME", "field holding the text (default text)"},
	{"skip-bad", OPT_SKIP, VP_NOARG, NULL, "skip bad records, report how many and why"},
	{0}
};

static const vp_cli cli = {
	"vp-normalise", "[OPTION]... [FILE]",
	"Add \"tokens\" to each record (NDJSON from FILE or stdin, to stdout): the text\n"
	"NFKC-normalised and case-folded, split into words and stemmed. Token order is\n"
	"the order of the words; the text itself is left as written.",
	opts,
	"Words are runs of letters and digits. Hyphens and other punctuation split\n"
	"words; a possessive 's is dropped (patient's -> patient) and other apostrophes\n"
	"removed (don't -> dont); 3.5 and 10,000 stay one token. URLs become the token\n"
	"<url> and e-mail addresses <email>, so they never reach later stages' counts.\n"
	"A record with no text (absent, null or \"\") gets \"tokens\": []; a text that is\n"
	"not a string is a bad record.\n"
	"\n"
	"Example:\n"
	"  vp-ingest survey.csv | vp-normalise | vp-tag | vp-count > counts.json\n"
	"\n"
	"Exit status: 0 ok, 64 usage, 65 bad record, 66 cannot open FILE, 74 I/O error.\n",
};

static void list_languages(void)
{
	for (const char **l = vp_text_languages(); *l; l++)
		printf("%s\n", *l);
}

struct state {
	vp_text *tx;
	vp_reader *r;
	vp_tokens toks;
	vp_buf json;      /* the "tokens" value being written */
	vp_buf scratch;   /* decoded text, when it had escapes */
};

/* Tokenise text[0..n) (NULL: no text) and write the record read last with
 * "tokens" added: spliced into the line, or into rec when given.  A text
 * that is not UTF-8 makes a bad record. */
static int normalise(struct state *st, const char *text, size_t n, json_t *rec, vp_err *e)
{
	vp_tokens_clear(&st->toks);
	if (text) {
		int rc = vp_text_tokenise(st->tx, text, n, 0, &st->toks, e);
		if (rc == EX_DATAERR) {
			char why[sizeof e->msg];
			memcpy(why, e->msg, sizeof why);
			return vp_reader_reject(st->r, e, why);
		}
		if (rc)
			return rc;
	}
	vp_buf_clear(&st->json);
	if (vp_tokens_json(&st->toks, &st->json))
		return vp_errf(e, EX_OSERR, "out of memory");
	if (rec)
		return vp_record_write_with(stdout, st->r, rec, "tokens", st->json.data,
		                            st->json.len, e);
	return vp_record_write_spliced(stdout, st->r->line, st->r->len, "tokens", st->json.data,
	                               st->json.len, e);
}

/* The same for a record parsed by jansson (the unusual cases). */
static int normalise_tree(struct state *st, json_t *rec, const char *field, vp_err *e)
{
	json_t *text = json_object_get(rec, field);
	if (text && !json_is_null(text) && !json_is_string(text)) {
		char why[256];
		snprintf(why, sizeof why, "\"%s\" is not a string", field);
		return vp_reader_reject(st->r, e, why);
	}
	return normalise(st, json_string_value(text), json_string_length(text), rec, e);
}

int main(int argc, char **argv)
{
	const char *lang = "english", *field = "text", *arg;
	int skip_bad = 0, c, optind_out = 1;

	vp_io_init();
	while ((c = vp_cli_next(&cli, argc, argv, &arg, &optind_out)) != -1) {
		switch (c) {
		case OPT_LANG: lang = arg; break;
		case OPT_FIELD: field = arg; break;
		case OPT_SKIP: skip_bad = 1; break;
		}
	}
	if (strcmp(lang, "help") == 0) {
		list_languages();
		return fflush(stdout) == 0 ? 0 : EX_IOERR;
	}
	if (argc - optind_out > 1)
		return vp_cli_usage_error(&cli, "one input file at most");

	const char *name = "-";
	FILE *in = stdin;
	vp_err e = {0};
	if (optind_out < argc && strcmp(argv[optind_out], "-") != 0) {
		name = argv[optind_out];
		int orc = vp_open_records(&in, name, cli.prog, &e);
		if (orc) {
			vp_err_print(cli.prog, &e);
			return orc;
		}
	}

	vp_text *tx;
	int rc = vp_text_open(&tx, lang, &e);
	if (rc) {
		vp_err_print(cli.prog, &e);
		return rc;
	}
	vp_reader r;
	vp_reader_init(&r, in, name, cli.prog);
	r.skip_bad = skip_bad;
	struct state st = {tx, &r, VP_TOKENS_INIT, VP_BUF_INIT, VP_BUF_INIT};
	const char *keys[] = {field, "tokens"};
	while ((rc = vp_reader_line(&r, &e)) == 1) {
		/* Fast path: scan the line, splice the tokens in.  Anything
		 * unusual (bad JSON, tokens already there, text not a string)
		 * goes through jansson, which decides and words errors. */
		vp_jspan v[2];
		if (vp_jscan_members(r.line, r.len, keys, 2, v) == VP_JSCAN_OK && !v[1].p &&
		    (!v[0].p || v[0].p[0] == '"' || v[0].p[0] == 'n')) {
			r.records++;
			const char *text = NULL;
			size_t n = 0;
			vp_buf_clear(&st.scratch);
			if (v[0].p && v[0].p[0] == '"' && vp_jscan_string(v[0], &st.scratch, &text, &n))
				rc = vp_errf(&e, EX_OSERR, "out of memory");
			else
				rc = normalise(&st, text, n, NULL, &e);
		} else {
			json_t *rec;
			rc = vp_reader_parse(&r, &rec, &e);
			if (rc == 1) {
				rc = normalise_tree(&st, rec, field, &e);
				json_decref(rec);
			}
		}
		if (rc)
			break;
	}
	rc = vp_stage_finish(cli.prog, rc, &e, &r);
	vp_tokens_free(&st.toks);
	vp_buf_free(&st.json);
	vp_buf_free(&st.scratch);
	vp_text_close(tx);
	vp_close_in(in);
	return rc;
}
