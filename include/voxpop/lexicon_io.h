/* lexicon_io.h - vp-lexicon: dictionaries of other tools in and out, and
 * checks of a lexicon set against a word list and a corpus.
 *
 * Formats:
 *   yaml     quanteda's dictionary YAML: nested keys (block or flow
 *            mappings) are themes and sub-themes (sub-directories), list
 *            items are entries ("glob" patterns: '*' at a word's end is a
 *            voxpop wildcard); a key's own entries beside its sub-keys are
 *            under the key "__";
 *   liwc     LIWC .dic: a '%' header numbering the categories, then one
 *            entry per line followed by its category numbers; '*' ends a
 *            wildcard; multi-word entries are phrases.  Import also reads
 *            LIWC-22's .dicx (CSV: DicTerm, a column a category, X marks);
 *   wordstat WordStat .cat (import only): category lines indented by level,
 *            entry lines "WORD (1)"; '_' joins the words of a phrase.
 *
 * What the target cannot express (a space in a theme name, written '_';
 * exclusions, '?' gaps, @directives, a '*' inside a word, LIWC
 * conditional categories, WordStat rules, an entry the lexicon loader would
 * refuse, a category with no entries) is reported on stderr, one line
 * each, "prog: file:line: ...", and counted -- never dropped silently.
 */
#ifndef VOXPOP_LEXICON_IO_H
#define VOXPOP_LEXICON_IO_H

#include <stdio.h>

#include "voxpop/err.h"
#include "voxpop/text.h"

typedef enum { VP_DICT_YAML, VP_DICT_LIWC, VP_DICT_WORDSTAT } vp_dict_format;

/* "yaml", "liwc", "wordstat" -> format; -1 when unknown. */
int vp_dict_format_parse(const char *s);

/* Read dictionary FILE (fp) and write it as a lexicon set under dir (made
 * with its parents if missing; an existing theme file is not overwritten:
 * EX_CANTCREAT).
 * *lost counts the items reported as not expressible, entries the
 * lexicon loader (tx) would refuse among them. */
int vp_dict_import(vp_dict_format f, FILE *fp, const char *name, const char *dir,
                   vp_text *tx, const char *prog, unsigned long *lost, vp_err *e);

/* Write lexicon set dir (loaded with tx, so it must be valid) to out. */
int vp_dict_export(vp_dict_format f, const char *dir, vp_text *tx, FILE *out,
                   const char *prog, unsigned long *lost, vp_err *e);

/* Stem collisions: for each word of each entry of dir, the words of the
 * word list (fp, one per line) that share its stem but are not its plain
 * inflections (word+s/es/'s/ed/d/ing); a capitalised word (a name such as
 * "Park House") collides with every other word of its stem.  One line per
 * finding appended to out; returns the count, or -EX_... on error. */
long vp_lexicon_collisions(const char *dir, vp_text *tx, FILE *words, const char *wname,
                           vp_buf *out, vp_err *e);

/* What the tokenised corpus (NDJSON with "tokens") shows of dir, one line
 * per finding appended to out: the lines whose entries fire on no record,
 * then the lines whose match lost its words to a longer match of another
 * line (longest match wins across themes) in records where the loser's
 * theme found nothing else -- one finding per pair of lines, most often
 * first, with how often and the first such record ("id", or "line N").
 * Returns 0 or EX_... (*res: how many records and findings). */
typedef struct vp_corpus_findings {
	unsigned long records;
	long unfired, taken;
} vp_corpus_findings;
int vp_lexicon_on_corpus(const char *dir, vp_text *tx, FILE *corpus, const char *cname,
                         const char *prog, vp_corpus_findings *res, vp_buf *out, vp_err *e);

#endif
