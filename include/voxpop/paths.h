/* paths.h - where a stage finds the data voxpop ships (lexicons, gazetteers).
 *
 * Looked up in order: the directory named by $VOXPOP_DATADIR; next to the
 * running binary in a build tree (<bin>/../lexicons/...); the install
 * location compiled in as VP_DATADIR (e.g. /usr/local/share/voxpop).
 */
#ifndef VOXPOP_PATHS_H
#define VOXPOP_PATHS_H

#include <stddef.h>

#include "voxpop/err.h"

/* Find REL (e.g. "lexicons/engagement") and write its full path into out.
 * Returns 0 if found, -1 if it exists in none of the places. */
int vp_data_path(const char *rel, char *out, size_t outsz);

/* The same for a stage's default set (rel "lexicons/sentiment", what
 * "sentiment set", option "--sentiment-lexicon DIR"): 0, or EX_NOINPUT with
 * e "cannot find the default sentiment set lexicons/sentiment (set
 * VOXPOP_DATADIR or use --sentiment-lexicon DIR)"; option NULL (a stage
 * without one) leaves the "or use" out. */
int vp_data_default(const char *rel, const char *what, const char *option, char *out,
                    size_t outsz, vp_err *e);

#endif
