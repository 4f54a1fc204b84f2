/* vp-merge - combine vp-count documents as if their records had been counted together. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "voxpop/cli.h"
#include "voxpop/input.h"
#include "voxpop/count_doc.h"
#include "voxpop/record.h"

static const vp_opt opts[] = {
	{"level", 'l', VP_ARG, "LEVEL",
	 "write the groups at system, place or locality (documents counted with --nested)"},
	{0}
};

static const vp_cli cli = {
	"vp-merge", "[OPTION]... [FILE]...",
	"Combine vp-count JSON documents into one, exactly as if all their records had been\n"
	"counted together: counts summed, shares recomputed, quotes re-selected by the same\n"
	"rule.  FILE '-' (or no FILE) reads stdin, which may hold several documents one after\n"
	"another (e.g. the outputs of parallel vp-count runs).  All documents must have been\n"
	"counted with the same --level or --by, --nested, --quotes, --quote-polarity, --per\n"
	"and --dedup (the level may differ between --nested documents: --level, or the first\n"
	"document's, is written).  Respondents are exact only if no split cuts one\n"
	"respondent's records in two.  Every document is checked (counts, a theme not above\n"
	"its group, sums that fit 64 bits) and errors name the document and its line.",
	opts,
	"Examples:\n"
	"  vp-merge monday.json tuesday.json > week.json\n"
	"  vp-count --nested --level place x.ndjson | vp-merge --level system\n"
	"  parallel --pipe -N 50000 'vp-normalise | vp-tag | vp-count' < big.ndjson | vp-merge\n"
	"\n"
	"Exit status: 0 ok, 64 usage, 65 not a vp-count document or documents that do not\n"
	"match, 66 cannot open input, 74 I/O error.\n"
};

/* The stream being read: documents one after another, lines counted as
 * the bytes are handed to jansson one at a time (so nothing is read past a
 * document's closing brace, and an error names the line in the stream). */
struct stream {
	FILE *fp;
	unsigned long line;   /* current line, from 1 */
};

/* Skip whitespace; 1 if more input follows, 0 at end. */
static int more_input(struct stream *s)
{
	int ch;
	while ((ch = getc(s->fp)) != EOF) {
		if (ch == '\n')
			s->line++;
		else if (!(ch == ' ' || ch == '\t' || ch == '\r')) {
			ungetc(ch, s->fp);
			return 1;
		}
	}
	return 0;
}

static size_t stream_get(void *buf, size_t len, void *data)
{
	struct stream *s = data;
	if (!len)
		return 0;
	int ch = getc(s->fp);
	if (ch == EOF)
		return 0;
	if (ch == '\n')
		s->line++;
	*(char *)buf = (char)ch;
	return 1;
}

static int merge_stream(vp_count **c, FILE *fp, const char *name, int level, size_t *ndocs,
                        vp_err *e)
{
	struct stream s = {fp, 1};
	size_t ndoc = 0;
	while (more_input(&s)) {
		json_error_t je;
		unsigned long first = s.line;
		ndoc++;
		json_t *doc = json_load_callback(stream_get, &s, JSON_DISABLE_EOF_CHECK, &je);
		if (!doc) {
			if (ferror(fp))
				break;
			return vp_errf(e, EX_DATAERR, "%s:%lu: not JSON: %s (document %zu)", name,
			               first + (unsigned long)(je.line > 0 ? je.line : 1) - 1, je.text,
			               ndoc);
		}
		vp_err me;
		vp_err_clear(&me);
		int rc = 0;
		if (!*c) {
			vp_count_opts o;
			char by[256];
			rc = vp_count_doc_opts(doc, &o, by, sizeof by, &me);
			if (!rc && level >= 0 && (o.by || (!o.nested && o.level != level)))
				rc = vp_errf(&me, EX_DATAERR, "--level %s needs documents counted "
				             "with vp-count --nested", vp_level_name(level));
			if (!rc && level >= 0)
				o.level = level;
			if (!rc && !(*c = vp_count_new(&o)))
				rc = vp_errf(&me, EX_OSERR, "out of memory");
		}
		if (!rc)
			rc = vp_count_merge(*c, doc, &me);
		json_decref(doc);
		if (rc)
			return vp_errf(e, rc, "%s: %s (document %zu, from line %lu)", name, me.msg,
			               ndoc, first);
		(*ndocs)++;
	}
	if (ferror(fp))
		return vp_errf(e, EX_IOERR, "%s: read error", name);
	return 0;
}

int main(int argc, char **argv)
{
	vp_io_init();
	int key, optind_, level = -1;
	const char *arg;
	while ((key = vp_cli_next(&cli, argc, argv, &arg, &optind_)) != -1) {
		if (key == 'l' && (level = vp_level_parse(arg)) < 0)
			return vp_cli_usage_error(&cli, "--level wants locality, place or system, "
			                          "not '%s'", arg);
	}

	vp_count *c = NULL;
	vp_err e;
	vp_err_clear(&e);
	size_t ndocs = 0;
	vp_operands in;
	vp_operands_init(&in, argc - optind_, argv + optind_, cli.prog, VP_IN_NONEMPTY);
	int rc;
	while ((rc = vp_operands_next(&in, &e)) == 1)
		if ((rc = merge_stream(&c, in.fp, in.name, level, &ndocs, &e)))
			break;
	vp_operands_close(&in);
	if (!rc && !ndocs)
		rc = vp_errf(&e, EX_DATAERR, "no vp-count documents to merge");
	if (!rc)
		rc = vp_count_emit(c, stdout, &e);
	if (!rc)
		rc = vp_output_close(stdout, &e);
	vp_count_free(c);
	if (rc)
		vp_err_print(cli.prog, &e);
	return rc;
}
