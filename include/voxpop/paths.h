/* paths.h - where a stage finds the data voxpop ships (lexicons, gazetteers).
 *
 * Looked up in order: the directory named by $VOXPOP_DATADIR; next to the
 * running binary in a build tree (<bin>/../lexicons/...); the install
 * location compiled in as VP_DATADIR (e.g. /usr/local/share/voxpop).
 */
#ifndef VOXPOP_PATHS_H
#define VOXPOP_PATHS_H

#include <stddef.h>

/* Find REL (e.g. "lexicons/engagement") and write its full path into out.
 * Returns 0 if found, -1 if it exists in none of the places. */
int vp_data_path(const char *rel, char *out, size_t outsz);

#endif
