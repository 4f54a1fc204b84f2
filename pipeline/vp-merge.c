/* vp-merge - combine vp-count documents as if their records had been counted together. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/cli.h"
#include "voxpop/input.h"
#include "voxpop/count_doc.h"
#include "voxpop/record.h"
#include "voxpop/redact.h"

static const vp_opt opts[] = {
	{"level", 'l', VP_ARG, "LEVEL",
	 "write the groups at system, place or locality (documents counted with --nested)"},
	{"part", 'p', VP_NOARG, NULL,
	 "the result is itself a part, for another vp-merge (a node of a tree of reducers): "
	 "when no document had the --by member, say so in it (\"by_absent\") rather than fail"},
	{0}
};

static const vp_cli cli = {
	"vp-merge", "[OPTION]... [FILE]...",
	"Combine vp-count JSON documents into one, exactly as if all their records had been\n"
	"counted together: counts summed, shares recomputed, quotes re-selected by the same\n"
	"rule.  FILE '-' (or no FILE) reads stdin, which may hold several documents one after\n"
	"another (e.g. the outputs of parallel vp-count runs); an operand of none (only white\n"
	"space) is refused, as a part missing.  All documents must have been\n"
	"counted with the same --level or --by, --nested, --quotes, --quote-polarity, --per\n"
	"and --dedup (the level may differ between --nested documents: --level, or the first\n"
	"document's, is written).  Respondents are exact only if no split cuts one\n"
	"respondent's records in two.  Every document is checked (counts, a theme not above\n"
	"its group, sums that fit 64 bits); an error in a later document names its line.\n"
	"A file given twice (or a link to it, or stdin redirected from it) is refused: its\n"
	"records would be counted twice.  With --by, a member that no document's records had\n"
	"(each made by vp-count --part, which says \"by_absent\") fails as vp-count fails.\n"
	"Documents whose records were tagged with different lexicons (their \"lexicon\"\n"
	"fingerprints differ, or one has none) are refused, naming both: their themes were\n"
	"found by different rules; a document of no records takes any.  What it writes of\n"
	"the documents -- quotes, their ids, campaigns, group names -- is masked again as\n"
	"vp-count masks it, with vp-redact's list of given names when it is there (a\n"
	"document from an older vp-count may hold \"Thanks Kevin\" as written).",
	opts,
	"Examples:\n"
	"  vp-merge monday.json tuesday.json > week.json\n"
	"  vp-count --nested --level place x.ndjson | vp-merge --level system\n"
	"  parallel --pipe -N 50000 'vp-normalise | vp-tag | vp-count --part' < big.ndjson | vp-merge\n"
	"\n"
	"Exit status: 0 ok, 64 usage, 65 not a vp-count document or documents that do not\n"
	"match (options, lexicons), 66 cannot open input, 74 I/O error, 78 a bad list of\n"
	"given names.\n"
};

/* A stream of documents, read a byte at a time so that nothing past a
 * document is consumed, counting lines so that an error in the second
 * document is reported at its own line, not at line 1 of that document. */
struct src {
	FILE *fp;
	unsigned long line;     /* newlines read so far */
	unsigned char back[3];  /* bytes read looking for a BOM, not one */
	int nback, iback;
	int peek;               /* a byte more_input looked at, or -1 */
	int err;                /* errno of a failed read, or 0 */
};

static int src_getc(struct src *s)
{
	int ch;
	if (s->peek >= 0) {
		ch = s->peek;
		s->peek = -1;
	} else if (s->iback < s->nback) {
		ch = s->back[s->iback++];
	} else {
		errno = 0;
		ch = getc(s->fp);
		if (ch == EOF && ferror(s->fp) && !s->err)
			s->err = errno ? errno : EIO;
	}
	if (ch == '\n')
		s->line++;
	return ch;
}

/* Skip a UTF-8 byte order mark at the start, as Windows tools write one. */
static void src_skip_bom(struct src *s)
{
	static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
	int ch;
	while (s->nback < 3 && (ch = getc(s->fp)) != EOF) {
		s->back[s->nback++] = (unsigned char)ch;
		if (s->back[s->nback - 1] != bom[s->nback - 1])
			return;
	}
	if (s->nback == 3)
		s->nback = 0;
}

static size_t src_read(void *buf, size_t n, void *data)
{
	struct src *s = data;
	int ch;
	if (n == 0 || (ch = src_getc(s)) == EOF)
		return 0;
	*(char *)buf = (char)ch;
	return 1;
}

/* Skip whitespace; 1 if more input follows, 0 at end. */
static int more_input(struct src *s)
{
	int ch;
	while ((ch = src_getc(s)) != EOF) {
		if (!(ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')) {
			s->peek = ch;
			return 1;
		}
	}
	return 0;
}

static int merge_stream(vp_count **c, FILE *fp, const char *name, int level, int part,
                        const vp_given_names *given, size_t *ndocs, int *blank, vp_err *e)
{
	struct src s = {.fp = fp, .peek = -1};
	src_skip_bom(&s);
	size_t here = 0;  /* documents read from this stream */
	while (more_input(&s)) {
		json_error_t je;
		unsigned long first = s.line + 1;  /* the line the document starts on */
		/* a group named twice (edited by hand) is refused, not read as its last copy */
		json_t *doc = json_load_callback(src_read, &s,
		                                 JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES, &je);
		if (!doc) {
			if (ferror(fp))
				return vp_errf(e, EX_IOERR, "%s: read error: %s", name,
				               strerror(s.err ? s.err : EIO));
			/* je.line counts from the document's first line */
			unsigned long at = je.line > 0 ? first + (unsigned long)je.line - 1 : s.line + 1;
			return vp_errf_at(e, EX_DATAERR, name, at, "not JSON: %s", je.text);
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
			o.part = part;
			o.given_names = given;
			if (!rc && !(*c = vp_count_new(&o)))
				rc = vp_oom(&me);
		}
		if (!rc)
			rc = vp_count_merge(*c, doc, &me);
		/* the document that fixed the lexicon, for the message about
		 * one counted with another: its file (and line, in a stream) */
		if (!rc)
			rc = vp_count_lexicon_from(*c, name, here ? first : 0, &me);
		json_decref(doc);
		/* one document per file is the rule: name the line only of a
		 * document that follows another in the same file or stream */
		if (rc && here)
			return vp_errf_at(e, rc, name, first, "%s", me.msg);
		if (rc)
			return vp_errf(e, rc, "%s: %s", name, me.msg);
		here++;
		(*ndocs)++;
	}
	if (ferror(fp))
		return vp_errf(e, EX_IOERR, "%s: read error: %s", name,
		               strerror(s.err ? s.err : EIO));
	*blank = here == 0;
	return 0;
}

int main(int argc, char **argv)
{
	vp_io_init();
	int key, optind_, level = -1, part = 0;
	const char *arg;
	while ((key = vp_cli_next(&cli, argc, argv, &arg, &optind_)) != -1) {
		if (key == 'l' && (level = vp_level_parse(arg)) < 0)
			return vp_cli_usage_error(&cli, "--level wants locality, place or system, "
			                          "not '%s'", arg);
		if (key == 'p')
			part = 1;
	}

	vp_count *c = NULL;
	vp_err e;
	vp_err_clear(&e);
	size_t ndocs = 0;
	/* vp-redact's list, when shipped: what is written is published */
	vp_given_names *given = NULL;
	int rc = vp_given_names_default(&given, &e);
	vp_operands in;
	vp_operands_init(&in, argc - optind_, argv + optind_, cli.prog,
	                 VP_IN_NONEMPTY | VP_IN_ONCE);
	/* an operand of nothing but white space (or stdin with nothing, beside
	 * other files) is a part missing, not one of no records -- vp-count
	 * writes a document for no input -- so it is not passed over */
	char *blank_name = NULL;
	while (!rc && (rc = vp_operands_next(&in, &e)) == 1) {
		int blank = 0;
		if ((rc = merge_stream(&c, in.fp, in.name, level, part, given, &ndocs, &blank, &e)))
			break;
		if (blank && !blank_name && !(blank_name = strdup(in.name)))
			rc = vp_oom(&e);
	}
	vp_operands_close(&in);
	if (!rc && !ndocs)
		rc = vp_errf(&e, EX_DATAERR, "no vp-count documents to merge");
	else if (!rc && blank_name)
		rc = vp_errf(&e, EX_DATAERR, "%s: no vp-count document in it (only white space): "
		             "a part missing?", blank_name);
	free(blank_name);
	if (!rc)
		rc = vp_count_check_by(c, &e);
	if (!rc)
		rc = vp_count_emit(c, stdout, &e);
	if (!rc)
		rc = vp_output_close(stdout, &e);
	vp_count_free(c);
	vp_given_names_free(given);
	if (rc)
		vp_err_print(cli.prog, &e);
	return rc;
}
