/* lexicon.h - theme lexicons: load a set, match it against tokens.
 *
 * A set is a directory of plain UTF-8 files (format in README "vp-tag"):
 * DIR/access/waiting.txt holds theme "access/waiting", DIR/access.txt the
 * parent theme "access" itself (a parent exists, and is tagged, whenever a
 * child is, file or not).  One entry per line, '#' starts a comment; terms
 * are words (normalised and stemmed by text.h, like the text), "pre*"
 * (any token starting with the normalised, unstemmed prefix), "?" (any one
 * token); a line starting with '!' is an exclusion phrase for its theme and
 * the theme's children.
 *
 * Matching: every entry is looked up by its first term at each token (a
 * hash of words, and of wildcard prefixes by their length), then
 *   1. a match of theme T overlapping a match of an exclusion of T or of an
 *      ancestor of T is dropped;
 *   2. longest match wins: a match is dropped when one of its tokens is in a
 *      kept match that is longer (in tokens) -- equal lengths both fire;
 *   3. a theme fires with its own matches and its descendants' matches.
 * Memory: the lexicon's own size, plus per-record scratch reused.
 */
#ifndef VOXPOP_LEXICON_H
#define VOXPOP_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "voxpop/buf.h"
#include "voxpop/err.h"
#include "voxpop/text.h"

typedef struct vp_lexicon vp_lexicon;

enum { VP_LEXICON_MAX_TERMS = 32, VP_LEXICON_MAX_DEPTH = 16,
       VP_LEXICON_MAX_EXPANSIONS = 10000 /* entries one line with lists may stand for */ };

/* Load every *.txt under DIR (sorted; dot files skipped), tokenising the
 * entries with tx.  Every *.list under DIR is a word list: one member (a
 * word, phrase or wildcard) a line, and "{NAME}" (NAME.list's name) as a
 * word of an entry stands for each member in turn -- the entry is loaded
 * once per member (per combination, for two lists), each with the line it
 * was written on and that line as its pattern.  Returns 0, EX_NOINPUT (DIR or a file cannot be read),
 * EX_CONFIG with "DIR/file.txt:LINE: message" for a syntax error (or a set
 * with no themes), or EX_OSERR. */
int vp_lexicon_load(vp_lexicon **out, const char *dir, vp_text *tx, vp_err *e);
void vp_lexicon_free(vp_lexicon *lx);

/* The set's fingerprint, worked out by the loader: 64-bit FNV-1a
 * (vp_hash64_more) over what decides how the set tags, in the loader's
 * order -- each theme's name (relative to DIR) and whether it is @keep, then
 * each entry's theme name and text as the loader keeps it (comment and
 * spaces trimmed, "!" kept; an entry written with word lists once per
 * expansion, so the members are in it), every piece followed by a NUL.  So
 * two sets that tag differently differ (an entry, an exclusion, a list
 * member, a theme's name or @keep changed), and the same files give the
 * same value wherever the set is; comments, blank lines, spacing, line
 * ends, a BOM, @label and @describe (which only reports read) leave it as
 * it is.  Last, unless it is English, the stemmer the set is loaded with
 * (vp-tag --lang), by the name libstemmer lists (vp_text_stemmer: "de" and
 * "german" are one): another stemmer matches other words.
 * vp-tag writes it into every record as "lexicon"; vp-count and vp-merge
 * refuse to add up records or documents that carry different ones. */
enum { VP_LEXICON_FP_LEN = 16 };   /* hex digits, as written */
uint64_t vp_lexicon_fingerprint(const vp_lexicon *lx);
/* As written: 16 lower-case hex digits and a NUL, into hex. */
void vp_lexicon_fingerprint_hex(const vp_lexicon *lx, char hex[VP_LEXICON_FP_LEN + 1]);
/* Is s[0..n) a fingerprint as written (16 lower-case hex digits)? */
int vp_lexicon_fingerprint_valid(const char *s, size_t n);
/* What a record's or a document's "lexicon" that is not one is called. */
#define VP_LEXICON_FP_NOT "not a lexicon fingerprint (16 lower-case hex digits, as vp-tag writes it)"

/* Would this line load as an entry of a set (the loader's own parse)?
 * 0, EX_OSERR, or the loader's code with the message alone (no file:line)
 * in e ("'www.nhs.uk' is a web address; ...", "entry has no words"). */
int vp_lexicon_entry_check(vp_text *tx, const char *entry, vp_err *e);

/* Does the entry text hold a '?' gap (a '?' that is a word of its own)?
 * vp_lexicon_gap_at: is the character at p, inside text, such a gap? */
int vp_lexicon_has_gap(const char *text);
int vp_lexicon_gap_at(const char *text, const char *p);

/* Does the wildcard pre* (pre[0..n): one folded, unstemmed word) miss pre
 * itself?  The '*' ends a stem, so it does when pre is stemmed to something
 * it does not start ("happy" to "happi").  1 (the stem in *stem, *slen,
 * owned by sc until its next call), 0, or -1 out of memory. */
int vp_lexicon_prefix_misses(vp_stemcache *sc, const char *pre, size_t n, const char **stem,
                             size_t *slen);

/* Directives: a line "@name" (or "@name TEXT") in a theme's file sets
 * something about that theme -- @keep: longer entries of other themes do
 * not take its words; @label TEXT: its readable name in reports;
 * @describe TEXT: one line on what it covers.  The directives known, for help texts: name i
 * (without the '@'), its one-line help in *help (if help is not NULL);
 * NULL when i >= vp_lexicon_ndirectives(). */
size_t vp_lexicon_ndirectives(void);
const char *vp_lexicon_directive(size_t i, const char **help);

/* Themes, sorted so that a parent comes right before its children. */
size_t vp_lexicon_nthemes(const vp_lexicon *lx);
const char *vp_lexicon_theme_name(const vp_lexicon *lx, size_t theme);
long vp_lexicon_theme_parent(const vp_lexicon *lx, size_t theme);  /* -1: none */
/* "@label TEXT" / "@describe TEXT" of the theme's file (the last one wins),
 * or NULL when it has none (reports then show the theme's name). */
const char *vp_lexicon_theme_label(const vp_lexicon *lx, size_t theme);
const char *vp_lexicon_theme_describe(const vp_lexicon *lx, size_t theme);
/* Entries of this theme's own file (exclusions included). */
size_t vp_lexicon_theme_entries(const vp_lexicon *lx, size_t theme);

typedef struct vp_lexicon_entry {
	const char *text;     /* as written, comment and spaces trimmed ("!" kept),
	                       * one space between words however they were parted */
	const char *file;     /* DIR/path.txt */
	unsigned long line;
	size_t theme;
	int exclude;          /* a "!" line */
	size_t nterms;        /* its length in tokens */
	const char *pattern;  /* the line as written when it names a word list
	                       * ("{people} ? {praise}"; text is one expansion
	                       * of it), else NULL */
} vp_lexicon_entry;

size_t vp_lexicon_nentries(const vp_lexicon *lx);

/* Look for entries that cannot do what their author meant, appending one
 * "file:line: message" line per finding to out:
 *  - a wildcard whose prefix the stemmer shortens ("ambulance*": the text's
 *    tokens are stems, "ambulance" becomes "ambul", so the entry misses the
 *    very word it names);
 *  - an entry repeating an earlier one of the same theme (after stemming),
 *    and a list member repeating an earlier one of its list;
 *  - an entry that can never fire because an exclusion of its theme or of a
 *    parent covers exactly the same words.
 * tx must be the vp_text the lexicon was loaded with.  Returns the number
 * of findings, or -1 when out of memory. */
long vp_lexicon_check(const vp_lexicon *lx, vp_text *tx, vp_buf *out);
const vp_lexicon_entry *vp_lexicon_entry_at(const vp_lexicon *lx, size_t entry);

/* Just past entry and the entries expanded with it from one line written
 * with word lists (they follow each other); entry + 1 for a line written
 * out. */
size_t vp_lexicon_line_end(const vp_lexicon *lx, size_t entry);

/* The word lists (NAME.list files): how many; list's member count and its
 * file; one member as written and its line in that file. */
size_t vp_lexicon_nlists(const vp_lexicon *lx);
size_t vp_lexicon_list_members(const vp_lexicon *lx, size_t list, const char **file);
const char *vp_lexicon_list_member(const vp_lexicon *lx, size_t list, size_t member,
                                   unsigned long *line);
/* The list's name, as entries write it inside {}: "roles" for roles.list. */
const char *vp_lexicon_list_name(const vp_lexicon *lx, size_t list);

/* Entries a and b match the same tokens (after stemming), in any theme. */
int vp_lexicon_same_terms(const vp_lexicon *lx, size_t a, size_t b);

/* ---- matching ---- */

/* One token span credited to a theme: tokens [start, end) fired entry. */
typedef struct vp_theme_match {
	size_t theme, start, end, entry;
} vp_theme_match;

typedef struct vp_matcher vp_matcher;

vp_matcher *vp_matcher_new(void);   /* NULL when out of memory */
void vp_matcher_free(vp_matcher *m);

/* Match the n tokens tok[i] (len[i] bytes each).  Afterwards *out holds
 * every (theme, span) that fired -- a match counts for its theme and each
 * ancestor -- sorted by theme, then start, end, entry; *nout how many.
 * Valid until the next call.  Returns 0 or EX_OSERR. */
int vp_match(vp_matcher *m, const vp_lexicon *lx, const char *const *tok,
             const size_t *len, size_t n, const vp_theme_match **out, size_t *nout,
             vp_err *e);
/* The same for tokens that are ids' first n tokens in order (tok[i] is
 * vp_token(ids, i)): the matcher finds what it keeps about a token by
 * its stem cache id (ids->id[i]) rather than by hashing its bytes, where
 * the ids can be used.  ids NULL: as vp_match.  out NULL (nout unused):
 * the matches are only wanted through vp_themes_found or vp_themes_json,
 * which then put them in order only if they need to. */
int vp_match_ids(vp_matcher *m, const vp_lexicon *lx, const char *const *tok,
                 const size_t *len, const vp_tokens *ids, size_t n,
                 const vp_theme_match **out, size_t *nout, vp_err *e);

/* The matches the last vp_match dropped because a longer match held one
 * of their words (longest match wins; exclusions are not counted): the
 * entry that lost its match, the entry of the longer match that held the
 * first such word, and the lost match's span.  Kept only after
 * vp_matcher_log_taken(m, 1) -- off by default, so tagging does not pay
 * for it.  *out is valid until the next vp_match; returns how many. */
typedef struct vp_taken_match {
	size_t entry, by, start, end;
} vp_taken_match;
void vp_matcher_log_taken(vp_matcher *m, int on);
size_t vp_matcher_taken(const vp_matcher *m, const vp_taken_match **out);

/* The "themes" value for the last vp_match, as JSON text into out:
 * [{"theme":"a","hits":["entry",...]},...] in theme order, hits unique, in
 * order of first occurrence.  explain adds "spans":[[s,e],...] and
 * "entries":["file:line",...] (spans[i] fired through entries[i]).
 * Returns 0 or -1 when out of memory. */
int vp_themes_json(vp_matcher *m, const vp_lexicon *lx, int explain, vp_buf *out);

/* The same themes without JSON (vp-run hands them to the counter): one per
 * theme in the same order, its name, lexicon index and number of hits (the
 * length of its "hits" list; 0 unless hits is nonzero: only quotes' scores
 * read it, and working it out was a twentieth of vp-run).  *out is valid
 * until the next call; returns how many, or -1 when out of memory. */
typedef struct vp_theme_found {
	const char *theme;
	size_t index, nhits;
} vp_theme_found;
long vp_themes_found(vp_matcher *m, const vp_lexicon *lx, int hits, vp_theme_found **out);

#endif
