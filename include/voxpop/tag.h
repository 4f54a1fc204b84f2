/* tag.h - vp-tag's record logic: add "themes", the lexicon themes whose
 * entries match the record's "tokens" (vp-normalise's output).
 *
 * A vp_tag is the stage's context for the record-filter driver:
 *
 *   vp_tag t;
 *   vp_filter_stage st;
 *   if ((rc = vp_tag_init(&t, lx, explain, &e)) == 0) {
 *       vp_tag_stage(&t, &st, "vp-tag");
 *       rc = vp_filter_run(&st, &t, skip_bad, nfiles, files);
 *   }
 *   vp_tag_free(&t);
 *
 * The fast path reads plain tokens straight from the line and splices
 * "themes" in; a record without usable "tokens" is a bad record.
 *
 * Every record written carries "lexicon", the set's fingerprint
 * (vp_lexicon_fingerprint_hex), after "themes" (and "untaggable"): vp-tag
 * owns it as it owns "themes" -- one the record had is removed and the new
 * one appended on the fast path, replaced in place on jansson's.
 *
 * The lexicon's language (vp_tag_set_lang, e.g. "en"): a record whose
 * "lang" (vp-normalise's) names another language ("cy", "pl-PL"; not
 * "und", absent or not a string) is not matched: it gets "themes": [] and
 * "untaggable": "language", and is counted per language for the message
 * vp_tag_untaggable_message writes at the end.  A record that is tagged
 * loses an "untaggable" it had.  No language set: every record is tagged.
 */
#ifndef VOXPOP_TAG_H
#define VOXPOP_TAG_H

#include "voxpop/buf.h"
#include "voxpop/filter.h"
#include "voxpop/lang.h"
#include "voxpop/lexicon.h"

/* Languages counted one by one; the rest are counted together as "other". */
#define VP_TAG_MAX_LANGS 32

typedef struct vp_tag_langcount {
	char code[VP_LANG_CODE_MAX];
	unsigned long n;
} vp_tag_langcount;

typedef struct vp_tag {
	const vp_lexicon *lx;  /* not owned */
	vp_matcher *m;
	int explain;           /* add "spans" and "entries" to each theme */
	const char **tok;      /* the record's tokens (pointing into it) */
	size_t *toklen, tokcap;
	vp_buf json;           /* the "themes" value being written */
	char fp[VP_LEXICON_FP_LEN + 1];  /* the lexicon's fingerprint */
	/* ,"lexicon":"<fingerprint>": what follows "themes" in every record */
	char lexicon[sizeof ",\"lexicon\":\"\"" + VP_LEXICON_FP_LEN];
	size_t lexlen;
	/* [],"untaggable":"language" and the lexicon: the "themes" value (and
	 * what follows it) of a record left untagged for its language */
	char untagged[sizeof "[],\"untaggable\":\"language\"" - 1 + sizeof ",\"lexicon\":\"\"" +
	              VP_LEXICON_FP_LEN];
	size_t untaglen;
	char lang[VP_LANG_CODE_MAX];  /* the lexicon's language, "" any */
	vp_tag_langcount langs[VP_TAG_MAX_LANGS];
	size_t nlangs;
	unsigned long untaggable;     /* records not tagged, in all */
	unsigned long other;          /* of them in languages past the table */
} vp_tag;

/* 0, or EX_OSERR with e filled (then vp_tag_free all the same). */
int vp_tag_init(vp_tag *t, const vp_lexicon *lx, int explain, vp_err *e);
void vp_tag_free(vp_tag *t);

/* The lexicon's language: a language code ("en", "cy"), or NULL or "any"
 * to tag every record.  0, or EX_USAGE with e filled for anything else. */
int vp_tag_set_lang(vp_tag *t, const char *code, vp_err *e);

/* A record whose "lang" is code[0..n) (NULL: none): 1 when it is not to
 * be tagged (another language than the lexicon's; counted), else 0. */
int vp_tag_language(vp_tag *t, const char *code, size_t n);

/* Add src's counts of records not tagged to dst's (vp-run's workers). */
void vp_tag_langs_add(vp_tag *dst, const vp_tag *src);

/* The end-of-run message into out (cleared first), when records were left
 * untagged: "12 records not tagged: language not English (cy Welsh 9, pl Polish 3)";
 * languages by count, most first.  Nothing when none.  0 or -1 (OOM). */
int vp_tag_untaggable_message(const vp_tag *t, vp_buf *out);

/* The bytes vp-tag adds to a record line without "themes" (nor
 * "lexicon") for the matches t->m found last (untaggable: none, "themes":
 * [] and "untaggable": "language"), "lexicon" included, into *n: vp-run's
 * measure of the line vp-tag writes (t->json is used).  0, or -1 (no
 * memory). */
int vp_tag_added(vp_tag *t, int untaggable, size_t *n);

/* Fill st to run t (its ctx) through vp_filter_run; its on_end prints
 * vp_tag_untaggable_message on stderr as "prog: ...". */
void vp_tag_stage(vp_tag *t, vp_filter_stage *st, const char *prog);

#endif
