/* jscan.h - look inside an NDJSON record line without building a tree.
 *
 * Parsing every record into a jansson tree (and freeing it) was half the
 * time of vp-normalise and vp-tag, which only need one or two top-level
 * fields and pass the rest through as bytes.  vp_jscan_members validates
 * the whole line strictly -- it accepts only what jansson accepts, but
 * numbers of any size (the full JSON grammar: a stage copies them as bytes)
 * -- and returns where the wanted members' values are; when it cannot be
 * sure cheaply (escaped top-level keys, deep nesting) or the line is bad,
 * the caller falls back to jansson, which then decides and words the error.
 */
#ifndef VOXPOP_JSCAN_H
#define VOXPOP_JSCAN_H

#include <stddef.h>
#include <stdint.h>

#include "voxpop/buf.h"

/* A raw JSON value inside the line: p[0..n), e.g. "\"a\\nb\"" or "[1,2]".
 * p == NULL: the member is absent. */
typedef struct vp_jspan {
	const char *p;
	size_t n;
} vp_jspan;

enum { VP_JSCAN_OK = 0, VP_JSCAN_BAD = -1, VP_JSCAN_UNSURE = 1 };
enum { VP_JSCAN_MAX_KEYS = 16 }; /* more wanted members: VP_JSCAN_UNSURE */

/* s[0..n) must be exactly one JSON object (whitespace around it allowed).
 * For each keys[i] (plain names, no characters needing escapes) vals[i]
 * gets the value of the last top-level member so named, as jansson would
 * keep it.  Returns VP_JSCAN_OK, VP_JSCAN_BAD (not a valid JSON object) or
 * VP_JSCAN_UNSURE (ask jansson). */
int vp_jscan_members(const char *s, size_t n, const char *const *keys, size_t nkeys,
                     vp_jspan *vals);

/* The elements of an array member, noted while the line is validated:
 * elem[i] is element i, and when it is an object, vals[i * nkeys + k] the
 * value of its member keys[k] as vp_jscan_validated_members finds it (an
 * escaped key in an element makes the line VP_JSCAN_UNSURE).  n: how many,
 * or -1 when not noted (the member absent or not an array, or more than
 * cap elements): walk it then with vp_jscan_array_next. */
typedef struct vp_jscan_elems {
	const char *const *keys;  /* plain names, at most VP_JSCAN_MAX_KEYS (may be 0) */
	size_t nkeys;
	vp_jspan *elem;           /* cap */
	vp_jspan *vals;           /* cap * nkeys */
	size_t cap;
	long n;
	int plain;                /* with n >= 0: every element a string without
	                           * escapes (vp-normalise's tokens) */
} vp_jscan_elems;

/* The contents (between the quotes) of el's elements, when el->plain:
 * element i is s[i], len[i] (vp-normalise's tokens for vp-tag and
 * vp-sentiment).  s and len hold el->n. */
static inline void vp_jscan_elems_strings(const vp_jscan_elems *el, const char **s, size_t *len)
{
	for (long i = 0; i < el->n; i++) {
		s[i] = el->elem[i].p + 1;
		len[i] = el->elem[i].n - 2;
	}
}

/* vp_jscan_members, noting into el the elements of the last member named
 * keys[collect] (vp-count reads vp-tag's themes so: each theme's members
 * found in the one pass that validates the line, not walked again). */
int vp_jscan_members_elems(const char *s, size_t n, const char *const *keys, size_t nkeys,
                           vp_jspan *vals, size_t collect, vp_jscan_elems *el);

/* The bytes of the last long object of plain strings a scan found valid:
 * a later value with the same bytes is valid without checking it again.
 * Every record made from one survey row carries the same "fields", so on
 * an export with three free-text columns two checks in three become one
 * memcmp (the check was a fifth to a third of each stage on a wide
 * export).  Zeroed to start; vp_jscan_memo_free when done. */
typedef struct vp_jscan_memo {
	vp_buf last;
} vp_jscan_memo;

void vp_jscan_memo_free(vp_jscan_memo *m);

/* Names looked for, worked out once -- their lengths, and which have
 * each length -- for a stage that asks for the same names on every line
 * (the per-line work was 4% of vp-count).  keys must outlive it. */
typedef struct vp_jscan_names {
	const char *const *keys;
	size_t n;
	size_t len[VP_JSCAN_MAX_KEYS];
	uint16_t bylen[32];        /* by length & 31: bit i for keys[i] */
	vp_jscan_memo *memo;       /* NULL (as init leaves it), or the scans' memo */
} vp_jscan_names;

/* 0, or -1 for more than VP_JSCAN_MAX_KEYS names. */
int vp_jscan_names_init(vp_jscan_names *nm, const char *const *keys, size_t n);

/* vp_jscan_members_elems with the names worked out: nm the members',
 * enm the elements' (NULL: worked out from el->keys on each call; none
 * needed when el has no keys).  el may be NULL: vp_jscan_members. */
int vp_jscan_members_named(const char *s, size_t n, const vp_jscan_names *nm, vp_jspan *vals,
                           size_t collect, vp_jscan_elems *el, const vp_jscan_names *enm);

/* vp_jscan_members_named, but VP_JSCAN_UNSURE when a wanted member
 * appears more than once (the filter driver then finds which). */
int vp_jscan_members_named_once(const char *s, size_t n, const vp_jscan_names *nm,
                                vp_jspan *vals, size_t collect, vp_jscan_elems *el,
                                const vp_jscan_names *enm);

/* The same, but VP_JSCAN_UNSURE when a wanted member appears more than
 * once: jansson keeps the last, and a stage editing the line in place
 * would leave the earlier ones in it (vp-locate must not leave a full
 * postcode behind). */
int vp_jscan_members_once(const char *s, size_t n, const char *const *keys, size_t nkeys,
                          vp_jspan *vals);

/* The members of obj, a JSON object inside a line vp_jscan_members has
 * validated (one of its values, or an element of one), as vp_jscan_members
 * and (once != 0) vp_jscan_members_once find them, without validating obj
 * again: its values are only stepped over.  VP_JSCAN_UNSURE for an escaped
 * key or, with once, a wanted member seen twice; VP_JSCAN_BAD when obj is
 * not an object. */
int vp_jscan_validated_members(vp_jspan obj, const char *const *keys, size_t nkeys,
                               vp_jspan *vals, int once);

/* Can name be looked for as a key by vp_jscan_members: does it spell
 * itself in JSON, with nothing to escape (no '"', '\\' or control
 * character)?  Callers take the jansson path for other names. */
int vp_jscan_plain_name(const char *name);

/* v is a validated JSON string (quotes included).  Sets *s, *len to its
 * decoded UTF-8 contents: pointing into v itself when it has no escapes,
 * else decoded and appended to scratch (*s then points into scratch and is
 * valid until scratch changes).  0, or -1 when out of memory. */
int vp_jscan_string(vp_jspan v, vp_buf *scratch, const char **s, size_t *len);

/* Walk a validated JSON array: *rest starts as the array's span; each call
 * sets *elem to the next element and returns 1, or returns 0 at the end. */
int vp_jscan_array_next(vp_jspan *rest, vp_jspan *elem);

/* Walk a validated JSON object the same way: *key gets the next member's
 * key as written (quotes included), *val its value; 1, or 0 at the end. */
int vp_jscan_object_next(vp_jspan *rest, vp_jspan *key, vp_jspan *val);

/* The first of keys[0..nkeys) (nkeys <= 64) that the validated object
 * line[0..n) has more than once at its top level, or NULL.  Every reader
 * keeps the last one, but the earlier one's bytes would pass through as
 * they came (vp-redact would leave a name unredacted in them).  scratch
 * holds keys that have escapes. */
const char *vp_jscan_repeated(const char *line, size_t n, const char *const *keys, size_t nkeys,
                              vp_buf *scratch);

#endif
