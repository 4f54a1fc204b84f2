/* vp-normalise - add "tokens": the record's text normalised, split, stemmed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/cli.h"
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

/* Tokens as a JSON array, into out. */
static int tokens_json(const vp_tokens *t, vp_buf *out)
{
	vp_buf_clear(out);
	if (vp_buf_putc(out, '['))
		return -1;
	for (size_t i = 0; i < t->n; i++)
		if ((i && vp_buf_putc(out, ',')) ||
		    vp_json_quote(out, vp_token(t, i), t->len[i]))
			return -1;
	return vp_buf_putc(out, ']');
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
	if (optind_out < argc && strcmp(argv[optind_out], "-") != 0) {
		name = argv[optind_out];
		in = fopen(name, "r");
		if (!in) {
			vp_warnf(cli.prog, "%s: cannot open: %m", name);
			return EX_NOINPUT;
		}
	}

	vp_err e = {0};
	vp_text *tx;
	int rc = vp_text_open(&tx, lang, &e);
	if (rc) {
		vp_err_print(cli.prog, &e);
		return rc;
	}
	vp_reader r;
	vp_reader_init(&r, in, name, cli.prog);
	r.skip_bad = skip_bad;
	vp_tokens toks = VP_TOKENS_INIT;
	vp_buf json = VP_BUF_INIT;
	json_t *rec;
	while ((rc = vp_reader_next(&r, &rec, &e)) == 1) {
		json_t *text = json_object_get(rec, field);
		vp_tokens_clear(&toks);
		rc = 0;
		if (text && !json_is_null(text) && !json_is_string(text)) {
			char why[256];
			snprintf(why, sizeof why, "\"%s\" is not a string", field);
			rc = vp_reader_reject(&r, &e, why);
			json_decref(rec);
			if (rc)
				break;
			continue;
		}
		if (json_is_string(text))
			rc = vp_text_tokenise(tx, json_string_value(text), json_string_length(text),
			                      0, &toks, &e);
		if (rc == EX_DATAERR) {
			char why[sizeof e.msg];
			memcpy(why, e.msg, sizeof why);
			rc = vp_reader_reject(&r, &e, why);
			json_decref(rec);
			if (rc)
				break;
			continue;
		}
		if (!rc && tokens_json(&toks, &json))
			rc = vp_errf(&e, EX_OSERR, "out of memory");
		if (!rc)
			rc = vp_record_write_with(stdout, &r, rec, "tokens", json.data, json.len, &e);
		json_decref(rec);
		if (rc)
			break;
	}
	if (!rc)
		rc = vp_output_close(stdout, &e);
	if (rc)
		vp_err_print(cli.prog, &e);
	vp_reader_report(&r);
	vp_reader_free(&r);
	vp_tokens_free(&toks);
	vp_buf_free(&json);
	vp_text_close(tx);
	if (in != stdin)
		fclose(in);
	return rc;
}
