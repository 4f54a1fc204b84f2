/* vp-sentiment - add "sentiment" to each record and to each of its themes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/cli.h"
#include "voxpop/filter.h"
#include "voxpop/jscan.h"
#include "voxpop/lang.h"
#include "voxpop/paths.h"
#include "voxpop/record.h"
#include "voxpop/sentiment.h"

enum { OPT_LEXICON = 'L', OPT_SENT = 'S', OPT_EXPLAIN = 'x', OPT_SKIP = 'B', OPT_LANG = 'l',
       OPT_QFIELD = 256, OPT_CHECK };

static const vp_opt opts[] = {
	{"sentiment-lexicon", OPT_SENT, VP_ARG, "DIR",
	 "sentiment set (default: the shipped lexicons/sentiment)"},
	{"lexicon", OPT_LEXICON, VP_ARG, "DIR",
	 "theme lexicon, to find each theme's clauses (default: lexicons/engagement, as vp-tag)"},
	{"question-field", OPT_QFIELD, VP_ARG, "NAME",
	 "read the question from \"fields\".NAME instead of \"question\" "
	 "(a column vp-ingest --fields NAME keeps)"},
	{"explain", OPT_EXPLAIN, VP_NOARG, NULL,
	 "add the question rule and, per hit, its weight, clause and entries (file:line)"},
	{"lang", OPT_LANG, VP_ARG, "LANG", "stemmer (default english; use vp-normalise's)"},
	{"skip-bad", OPT_SKIP, VP_NOARG, NULL, "skip bad records, report how many and why"},
	{"check", OPT_CHECK, VP_NOARG, NULL, "list entries found in two weight files "
	 "(file:line; exit 78 if any, else 0) and exit; scoring warns of them on stderr"},
	VP_FILTER_OPT_MAX_LINE,
	{0}
};

static const vp_cli cli = {
	"vp-sentiment", "[OPTION]... [FILE]...",
	"Add \"sentiment\" to each record (NDJSON from FILE or stdin, to stdout), read\n"
	"from its \"text\" against its \"question\", and to each entry of \"themes\"\n"
	"(run vp-tag first) from the clauses where that theme's entries matched:\n"
	"  \"sentiment\":{\"label\":\"mixed\",\"score\":0.5,\"hits\":[\"very+kind\",\"waited ? hours\"]}\n"
	"  \"themes\":[{\"theme\":\"access\",\"hits\":[..],\"sentiment\":{\"label\":\"negative\",\"score\":-1}}]\n"
	"Labels: positive, negative, neutral, mixed; score = positive minus negative weight.",
	opts,
	"The sentiment set is a lexicon directory (syntax as vp-tag's): positive.txt,\n"
	"negative.txt (weight 1), positive/strong.txt (2), positive/weak.txt (0.5), the\n"
	"same for negative, wish.txt (negative), negation.txt, intensifier.txt,\n"
	"downtoner.txt, contrast.txt, concession.txt, nothing.txt, filler.txt,\n"
	"unsure.txt, and questions.tsv: what a bare \"Nothing\", an answer without\n"
	"sentiment words and a balanced one mean for each question (to \"What could\n"
	"we do better?\" \"Nothing\" is praise and \"More parking\" a wish).\n"
	"How it scores: lexicons/README.md.\n"
	"\n"
	"Each theme's clauses are found again with --lexicon, so records carrying\n"
	"vp-tag's \"lexicon\" must have been tagged with that set: one tagged with\n"
	"another stops the stream (exit 65, naming both fingerprints; vp-tag\n"
	"--fingerprint --lexicon DIR prints a set's).\n"
	"\n"
	"Examples:\n"
	"  vp-ingest survey.csv | vp-normalise | vp-tag | vp-sentiment | vp-count\n"
	"  vp-sentiment --explain tagged.ndjson | jq -c '.sentiment'\n"
	"  vp-tag --lexicon maternity | vp-sentiment --lexicon maternity\n"
	"\n"
	"Exit status: 0 ok, 64 usage, 65 bad record (e.g. no \"text\") or a record of\n"
	"another lexicon set, 66 cannot open FILE or a lexicon, 74 I/O error, 78 lexicon\n"
	"or questions.tsv error (file:line), or --check found entries to fix.\n",
};

typedef struct stage {
	vp_sentiment *s;
	const char *qfield;
	unsigned long read, qfound; /* records read for their text; with qfield found */
	unsigned long fseen;        /* with a "fields" object */
	int explain;
	char fp[VP_LEXICON_FP_LEN + 1]; /* the theme set's fingerprint */
	const char *lexname;            /* --lexicon's DIR; NULL: the default set */
	const char *lang;               /* --lang, when not English */
	vp_buf text, q, sent, themes, member;
	const char **tok;   /* the record's tokens, pointing into the line */
	size_t *tlen, tcap;
} stage;

static const char *const keys[] = {"text", "question", "themes", "sentiment", "fields",
                                   "tokens", "untaggable", "lexicon"};
enum { K_TEXT, K_QUESTION, K_THEMES, K_SENT, K_FIELDS, K_TOKENS, K_UNTAG, K_LEXICON, NKEYS };

/* Was the record tagged with the theme set (its "lexicon" fp[0..n))? */
static int lexicon_same(const stage *st, const char *fp, size_t n)
{
	return n == VP_LEXICON_FP_LEN && memcmp(fp, st->fp, n) == 0;
}

/* A record whose "lexicon" (fingerprint fp[0..n)) is not the theme set's.
 * Each theme's sentiment comes from the clauses where that theme's entries
 * match, found again with this set: records tagged with another would get
 * it silently wrong (a theme not found again takes the record's label), so
 * they stop the stream, as vp-count refuses to add them up. */
static int lexicon_refuse(const stage *st, vp_filter *f, const char *fp, size_t n, vp_err *e)
{
	char msg[512], set[300];
	snprintf(set, sizeof set, "%s%s%s%s",
	         st->lexname ? "--lexicon " : "the default lexicon set (lexicons/engagement)",
	         st->lexname ? st->lexname : "", st->lang ? " with --lang " : "",
	         st->lang ? st->lang : "");
	snprintf(msg, sizeof msg, "tagged with lexicon %.*s, but %s is %s -- give vp-sentiment "
	         "the lexicon vp-tag used (--lexicon DIR): each theme's sentiment comes from "
	         "that theme's entries", (int)n, fp, set, st->fp);
	return vp_filter_fail(f, e, EX_DATAERR, msg);
}

/* The driver's fast path: the line as it is, edited; VP_FILTER_FALLBACK
 * when the line needs jansson. */
static int fast(void *ctx, vp_filter *f, const vp_jspan *v, vp_err *e)
{
	stage *st = ctx;
	const char *lx;
	if (vp_record_lexicon_span(v[K_LEXICON], &lx))
		return VP_FILTER_FALLBACK; /* not as vp-tag writes it: jansson decides */
	if (lx && !lexicon_same(st, lx, VP_LEXICON_FP_LEN))
		return lexicon_refuse(st, f, lx, VP_LEXICON_FP_LEN, e);
	if (!v[K_TEXT].p || v[K_TEXT].p[0] != '"' || (v[K_UNTAG].p && v[K_UNTAG].p[0] != 'n'))
		return VP_FILTER_FALLBACK;
	vp_jspan qv = st->qfield ? (vp_jspan){NULL, 0} : v[K_QUESTION];
	if (st->qfield && v[K_FIELDS].p && v[K_FIELDS].p[0] == '{') {
		const char *k[1] = {st->qfield};
		if (vp_jscan_validated_members(v[K_FIELDS], k, 1, &qv, 0) != VP_JSCAN_OK)
			return VP_FILTER_FALLBACK;
	}
	st->read++;
	st->qfound += st->qfield && qv.p;
	st->fseen += v[K_FIELDS].p && v[K_FIELDS].p[0] == '{';
	const char *text, *q = NULL;
	size_t n, qn = 0;
	vp_buf_clear(&st->text);
	vp_buf_clear(&st->q);
	vp_buf_clear(&st->sent);
	vp_buf_clear(&st->themes);
	if (vp_jscan_string(v[K_TEXT], &st->text, &text, &n) ||
	    (qv.p && qv.p[0] == '"' && vp_jscan_string(qv, &st->q, &q, &qn)))
		return vp_errf(e, EX_OSERR, "out of memory");
	/* vp-normalise's tokens spare stemming the text again */
	/* the tokens as the driver's scan split them (elems_of) */
	const vp_jscan_elems *te = &f->elems;
	if (v[K_TOKENS].p && te->n >= 0 && te->plain) {
		size_t k = (size_t)te->n;
		if (k > st->tcap) {
			const char **t = realloc(st->tok, k * sizeof *t);
			if (t)
				st->tok = t;
			size_t *l = t ? realloc(st->tlen, k * sizeof *l) : NULL;
			if (l)
				st->tlen = l;
			if (!t || !l)
				return vp_errf(e, EX_OSERR, "out of memory");
			st->tcap = k;
		}
		vp_jscan_elems_strings(te, st->tok, st->tlen);
		vp_sentiment_tokens(st->s, st->tok, st->tlen, k);
	}
	int rc = vp_sentiment_record(st->s, text, n, q, qn, v[K_THEMES], st->explain, &st->sent,
	                             &st->themes, e);
	if (rc == EX_DATAERR) {
		char why[sizeof e->msg];
		snprintf(why, sizeof why, "%s", e->msg);
		return vp_filter_reject(f, e, why);
	}
	if (rc)
		return rc;
	vp_jedit ed[2];
	size_t ne = 0;
	vp_jspan a = v[K_THEMES], b = v[K_SENT];
	if (a.p && b.p && b.p < a.p) {
		vp_jspan t = a;
		a = b;
		b = t;
	}
	if (a.p)
		ed[ne++] = (vp_jedit){a, a.p == v[K_SENT].p ? st->sent.data : st->themes.data,
		                      a.p == v[K_SENT].p ? st->sent.len : st->themes.len};
	if (b.p)
		ed[ne++] = (vp_jedit){b, b.p == v[K_SENT].p ? st->sent.data : st->themes.data,
		                      b.p == v[K_SENT].p ? st->sent.len : st->themes.len};
	if (v[K_SENT].p)
		return vp_filter_write_edited(f, ed, ne, NULL, 0, e);
	vp_buf_clear(&st->member);
	if (vp_buf_puts(&st->member, "\"sentiment\":") ||
	    vp_buf_append(&st->member, st->sent.data, st->sent.len))
		return vp_errf(e, EX_OSERR, "out of memory");
	return vp_filter_write_edited(f, ed, ne, st->member.data, st->member.len, e);
}

/* The jansson path: odd lines (escaped keys, a repeated member), parsed
 * by the driver. */
static int slow(void *ctx, vp_filter *f, json_t *rec, vp_err *e)
{
	stage *st = ctx;
	int rc;
	const char *lx;
	if (vp_record_lexicon(rec, &lx))
		return vp_filter_reject(f, e, "\"lexicon\" is " VP_LEXICON_FP_NOT);
	if (lx && !lexicon_same(st, lx, VP_LEXICON_FP_LEN))
		return lexicon_refuse(st, f, lx, VP_LEXICON_FP_LEN, e);
	/* vp-tag could not read it (another language): English sentiment words
	 * would say nothing true of it, so it gets none, and loses any it had */
	json_t *untag = json_object_get(rec, "untaggable");
	if (untag && !json_is_null(untag)) {
		json_object_del(rec, "sentiment");
		return vp_filter_write(f, rec, e);
	}
	json_t *t = json_object_get(rec, "text");
	if (!t || json_is_null(t))
		return vp_filter_write(f, rec, e); /* no text: nothing to read */
	if (!json_is_string(t))
		return vp_filter_reject(f, e, "\"text\" is not a string");
	json_t *qj = st->qfield ? json_object_get(json_object_get(rec, "fields"), st->qfield)
	                        : json_object_get(rec, "question");
	st->read++;
	st->qfound += st->qfield && qj;
	st->fseen += json_is_object(json_object_get(rec, "fields"));
	json_t *themes = json_object_get(rec, "themes");
	char *tj = themes ? json_dumps(themes, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	vp_buf_clear(&st->sent);
	vp_buf_clear(&st->themes);
	if (themes && !tj)
		return vp_errf(e, EX_OSERR, "out of memory");
	rc = vp_sentiment_record(st->s, json_string_value(t), json_string_length(t),
	                         json_string_value(qj), json_is_string(qj) ? json_string_length(qj) : 0,
	                         (vp_jspan){tj, tj ? strlen(tj) : 0}, st->explain, &st->sent,
	                         &st->themes, e);
	free(tj);
	if (rc == EX_DATAERR) {
		char why[sizeof e->msg];
		snprintf(why, sizeof why, "%s", e->msg);
		return vp_filter_reject(f, e, why);
	}
	json_t *sj = rc ? NULL : json_loadb(st->sent.data, st->sent.len, 0, NULL);
	json_t *thj = rc || !themes ? NULL : json_loadb(st->themes.data, st->themes.len, 0, NULL);
	if (!rc && (!sj || (themes && !thj)))
		rc = vp_errf(e, EX_SOFTWARE, "internal error: bad sentiment JSON");
	if (!rc && ((thj && json_object_set(rec, "themes", thj)) || json_object_set(rec, "sentiment", sj)))
		rc = vp_errf(e, EX_OSERR, "out of memory");
	if (!rc)
		rc = vp_filter_write(f, rec, e);
	json_decref(sj);
	json_decref(thj);
	return rc;
}

int main(int argc, char **argv)
{
	const char *lexdir = NULL, *sentdir = NULL, *lang = "english", *arg;
	int skip_bad = 0, check = 0, c, optind_out = 1;
	size_t max_line = 0;
	stage st = {0};

	vp_io_init();
	while ((c = vp_cli_next(&cli, argc, argv, &arg, &optind_out)) != -1) {
		switch (c) {
		case OPT_LEXICON: lexdir = st.lexname = arg; break;
		case OPT_SENT: sentdir = arg; break;
		case OPT_QFIELD: st.qfield = arg; break;
		case OPT_EXPLAIN: st.explain = 1; break;
		case OPT_LANG: lang = arg; break;
		case OPT_SKIP: skip_bad = 1; break;
		case OPT_CHECK: check = 1; break;
		case VP_OPT_MAX_LINE: max_line = vp_filter_max_line_arg(&cli, arg); break;
		}
	}
	if (st.qfield && !vp_jscan_plain_name(st.qfield))
		return vp_cli_usage_error(&cli, "--question-field: a name without quotes, "
		                          "backslashes or control characters");
	char defdir[4096], defsent[4096];
	vp_err e = {0};
	if ((!lexdir && vp_data_default("lexicons/engagement", "lexicon set", "--lexicon DIR",
	                                defdir, sizeof defdir, &e)) ||
	    (!sentdir && vp_data_default("lexicons/sentiment", "sentiment set",
	                                 "--sentiment-lexicon DIR", defsent, sizeof defsent, &e))) {
		vp_err_print(cli.prog, &e);
		return EX_NOINPUT;
	}
	if (!lexdir)
		lexdir = defdir;
	if (!sentdir)
		sentdir = defsent;
	int rc = vp_sentiment_open(&st.s, sentdir, lexdir, lang, &e);
	if (rc) {
		vp_err_print(cli.prog, &e);
		goto out;
	}
	vp_lexicon_fingerprint_hex(vp_sentiment_theme_lexicon(st.s), st.fp);
	if (vp_lang_stemmer_name(lang) != vp_lang_stemmer_name("english"))
		st.lang = lang; /* in the fingerprint: named when refusing */
	/* An entry in two weight files: listed by --check, warned of otherwise. */
	vp_buf dup = VP_BUF_INIT;
	long ndup = vp_sentiment_check(st.s, &dup);
	if (ndup < 0) {
		vp_buf_free(&dup);
		fprintf(stderr, "%s: out of memory\n", cli.prog);
		rc = EX_OSERR;
		goto out;
	}
	if (check) {
		if (ndup && fwrite(dup.data, 1, dup.len, stdout) != dup.len)
			ndup = -1;
		vp_buf_free(&dup);
		if (fflush(stdout) != 0 || ndup < 0) {
			fprintf(stderr, "%s: write error\n", cli.prog);
			rc = EX_IOERR;
		} else {
			rc = ndup ? EX_CONFIG : 0;
		}
		goto out;
	}
	for (const char *l = dup.data; ndup && l && *l;) {
		const char *nl = strchr(l, '\n');
		int len = nl ? (int)(nl - l) : (int)strlen(l);
		fprintf(stderr, "%s: warning: %.*s\n", cli.prog, len, l);
		l = nl ? nl + 1 : NULL;
	}
	vp_buf_free(&dup);
	const vp_filter_stage stage = {cli.prog, keys, NKEYS, fast, slow, NULL, K_TOKENS + 1,
	                               NULL, 0, "sentiment"};
	rc = vp_filter_run_opts(&stage, &st, &(vp_filter_opts){skip_bad, max_line},
	                        argc - optind_out, argv + optind_out);
	if (rc == 0 && st.qfield && st.read && !st.qfound)
		vp_sentiment_warn_question(st.qfield, st.fseen != 0, cli.prog, stderr);
out:
	vp_buf_free(&st.text);
	vp_buf_free(&st.q);
	vp_buf_free(&st.sent);
	vp_buf_free(&st.themes);
	vp_buf_free(&st.member);
	free(st.tok);
	free(st.tlen);
	vp_sentiment_free(st.s);
	return rc;
}
