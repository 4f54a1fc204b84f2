/* gazetteer.h - place names -> system / place / locality.
 *
 * A gazetteer is loaded from plain-text files (format: lexicons/localities/
 * README.md).  Every name, abbreviation, town or postcode district maps to
 * a set of "cells": (system, place, locality) triples.  Most names have one
 * cell; a name declared `shared` (a postcode district straddling two
 * localities) has several, and a place or system name covers all the cells
 * below it.  Resolving keeps a level only when every candidate cell agrees
 * on it, so ambiguity stops at the common ancestor and is never guessed.
 *
 * Lookups are hash lookups on normalised keys: NFKC + casefold, accents
 * stripped, punctuation -> space, apostrophes dropped, "&" -> "and",
 * "st" -> "saint", full postcodes -> their district; HTML read as a
 * browser shows it through text.h's one reader (vp_text_markup_at):
 * "&nbsp;" a space, a tag a word break, "<br>", "<p>" a sentence end.
 *
 * Names are split by the gazetteer's own tokeniser (pipeline/core/
 * gazetteer_tokens.c, its one place), not by text.h's, because using
 * text.h's would change what matches: text.h stems ("Melton" -> "melton"
 * but "Hastings" -> "hast"), keeps accents ("Bromsgrove" vs "Brômsgrove"),
 * rejects invalid UTF-8 where a value from a spreadsheet should still be
 * matched, turns URL and e-mail chunks into placeholders, keeps "3.5" as
 * one token and drops a final "'s" ("St John's" -> "john"), while place
 * names need accents stripped, "&" -> "and", "st"/"rd"/"gt"... expanded,
 * U+2018 taken as an apostrophe, and each word's capital letter kept (free
 * text only matches capitalised names).  The lookup table is the core's
 * vp_strmap (hash.h).
 *
 * Sources: gazetteer.c (the object, its table of names), gazetteer_load.c
 * (files, checks), gazetteer_match.c (matching, resolving).
 */
#ifndef VOXPOP_GAZETTEER_H
#define VOXPOP_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

#include "voxpop/buf.h"
#include "voxpop/err.h"
#include "voxpop/record.h" /* VP_UNASSIGNED */

enum { VP_GAZ_MAX_CELLS = 4096 };

typedef struct vp_gazetteer vp_gazetteer;

/* A set of candidate cells: the result of matching one or more values. */
typedef struct vp_locus {
	uint64_t cells[VP_GAZ_MAX_CELLS / 64];
	int found;     /* some name matched */
	int conflict;  /* names matched that contradict each other */
	int corrected; /* matched only after repairing spelling or initials */
	int outside;   /* named a place declared `outside` every system */
	int elsewhere; /* a field value naming a known place and something else (a postcode
	                  district not in the gazetteer, "Melton, Suffolk", "Melton Constable");
	                  with found, text naming places here and a home in no system, which
	                  no cue chose between: no level is certain */
	int no_answer; /* a value declared `no-answer` ("prefer not to say") */
	int text_rule; /* free text naming places that disagree: how one was chosen
	                  (enum vp_text_rule); 0 when the names agreed; VP_TEXT_JOURNEY
	                  (found 0) when it named only places travelled to */
} vp_locus;

/* Free text (VP_MATCH_TEXT) that names places that disagree ("I live in
 * Leicester and my mum lives in Oakham") is read so: the place a home cue
 * marks ("I live in X", "based in X", "here in X") if exactly one is
 * marked, else the place a from cue marks ("I'm from X"); else the one
 * left when places gone to or left ("to X", "at X", "moved from X", "used
 * to live in X") are set aside; else all of them, a conflict (resolved
 * only as far as they agree, ambiguous).  Text whose every place is one
 * travelled to ("I have to travel 25 miles to Leicester", "drive to X",
 * "get to X") locates nothing, not even the system: the commenter lives
 * elsewhere, perhaps in another system. */
enum vp_text_rule {
	VP_TEXT_AGREED = 0, /* one place, or names that agree */
	VP_TEXT_HOME,       /* the place with a home (or from) cue */
	VP_TEXT_SET_ASIDE,  /* the place left after setting aside those gone to or left */
	VP_TEXT_UNDECIDED,  /* no cue chose: a conflict */
	VP_TEXT_JOURNEY     /* every place named is one travelled to: nothing located */
};

/* What a locus resolves to.  Names point into the gazetteer. */
typedef struct vp_resolved {
	const char *system, *place, *locality;  /* VP_UNASSIGNED when not certain */
	int found;      /* some name matched */
	int ambiguous;  /* matched, but not certain down to place and locality */
	int corrected;  /* matched only after repairing spelling ("Hinkley") or initials ("E.L.R.") */
	int outside;    /* a known place outside every system (not found) */
	int no_answer;  /* a non-answer such as "prefer not to say" (not found) */
} vp_resolved;

enum vp_match_mode {
	VP_MATCH_FIELD, /* a "where do you live?" value: whole value, then any known phrase in it,
	                   then with a misspelt word (>= 7 letters, one edit from exactly one known
	                   word) corrected, or dotted initials joined */
	VP_MATCH_TEXT   /* free text: capitalised phrases / districts only, no short abbreviations */
};

/* NULL when out of memory. */
vp_gazetteer *vp_gazetteer_new(void);
void vp_gazetteer_free(vp_gazetteer *g);

/* Load one file, or every *.txt file of a directory (in name order).
 * Errors are "path:line: message" (EX_CONFIG: the gazetteer needs fixing)
 * or "path: ..." (EX_NOINPUT). */
int vp_gazetteer_load(vp_gazetteer *g, const char *path, vp_err *e);

/* Load gazetteer text from memory; name is used in messages. */
int vp_gazetteer_load_text(vp_gazetteer *g, const char *name, const char *text,
                           size_t n, vp_err *e);

/* With vp-redact's list of given names (not owned: it outlives g), free
 * text's surname rule ("Sarah Stapleton": a place after a given name is a
 * person's surname) takes only a word on the list for the given name, so
 * "Beautiful Oakham", "Love Oakham" name the place; without it any
 * capitalised word may be one.  NULL: without. */
struct vp_given_names;
void vp_gazetteer_given_names(vp_gazetteer *g, const struct vp_given_names *names);
/* That list, or NULL: vp-locate's report masks the values it shows with it. */
const struct vp_given_names *vp_gazetteer_given(const vp_gazetteer *g);

/* Check cross-file consistency (a name in two localities must be `shared`
 * in each) and build the lookup sets.  Call once, after loading. */
int vp_gazetteer_finish(vp_gazetteer *g, vp_err *e);

/* Number of systems / localities loaded (for messages and tests). */
size_t vp_gazetteer_systems(const vp_gazetteer *g);
size_t vp_gazetteer_localities(const vp_gazetteer *g);

/* Match s[0..n) and store the candidates in *out (cleared first).
 * Returns 1 if something matched, 0 if not, -1 when out of memory. */
int vp_gazetteer_match(const vp_gazetteer *g, const char *s, size_t n,
                       enum vp_match_mode mode, vp_locus *out);

void vp_locus_clear(vp_locus *l);

/* Narrow acc by m (both are constraints on the same record): keep the cells
 * in both; if none are, the two contradict and acc becomes their union
 * (resolving to the common ancestor) with conflict set. */
void vp_locus_combine(vp_locus *acc, const vp_locus *m);

void vp_gazetteer_resolve(const vp_gazetteer *g, const vp_locus *l, vp_resolved *r);

/* Append the normalised key form of s[0..n) to out (what lookups compare).
 * 0, or -1 when out of memory. */
int vp_gazetteer_normalise(const char *s, size_t n, vp_buf *out);

#endif
