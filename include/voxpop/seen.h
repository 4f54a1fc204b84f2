/* seen.h - the set of respondents seen so far, for vp-count's warning when
 * a respondent's records are not adjacent ("respondents_not_adjacent").
 *
 * Exact, where the Bloom filter it replaces was not (22 false warnings for
 * 200,000 distinct respondents): each respondent is its 64-bit hash in an
 * open-addressed table (a false "seen before" needs two ids with the same
 * 64-bit hash).  The table doubles as it fills, up to a bound (max_slots,
 * by default VP_SEEN_MAX_SLOTS: 8 MiB, 786,432 respondents; growing to it
 * holds the old table too, 12 MiB at the peak); past it new
 * respondents are no longer added and vp_seen_full() says so, so the caller
 * can say that the figure covers only the respondents it could hold.
 *
 * One set may serve several counters at once (vp-run's workers): with
 * `shared` each call takes a lock.  The number of "seen before" answers is
 * then runs - distinct respondents in whatever order the workers go, which
 * is what one counter reading every record in turn finds.
 */
#ifndef VOXPOP_SEEN_H
#define VOXPOP_SEEN_H

#include <stddef.h>
#include <stdint.h>

#define VP_SEEN_MAX_SLOTS ((size_t)1 << 20)

typedef struct vp_seen vp_seen;

/* NULL: out of memory.  max_slots: a power of two, 0 for VP_SEEN_MAX_SLOTS. */
vp_seen *vp_seen_new(size_t max_slots, int shared);
void vp_seen_free(vp_seen *s);

/* Adds the respondent with hash h: 1 if it was there already, 0 if not
 * (added, unless the set is full), -1 out of memory. */
int vp_seen_add(vp_seen *s, uint64_t h);
/* vp_seen_add for the id with hash h, whose text is id[0..n) (id NULL:
 * not known) in domain dom (ids of two domains are two ids, whatever their
 * text: their hashes differ).  Ids that are plain numbers ("0", or up to 18
 * digits not beginning with 0), each one more or one less than a number of
 * its domain already held -- the row numbers many exports give as ids, in
 * the order of their rows, or in batches taken in nearly that order --
 * are held as up to VP_SEEN_RANGES ranges, not in the table: no slot, no
 * cache miss, and no bound.  The answer is vp_seen_add's.  A set given ids
 * this way is given every id this way (vp_seen_has does not look in the
 * ranges). */
#define VP_SEEN_RANGES 8
int vp_seen_add_key(vp_seen *s, uint64_t h, const char *id, size_t n, uint64_t dom);
/* vp_seen_add_key(s, vp_hash64(id, n), id, n, 0) */
int vp_seen_add_id(vp_seen *s, const char *id, size_t n);

/* vp_seen_add (id NULL) or vp_seen_add_key (id[i] what vp_seen_id_of
 * made of h[i]'s text and domain) for h[0..n) in turn, each answer in
 * out[i], under one lock, each key's slot fetched a few keys ahead (a big
 * set's slots are cache misses: one after another they cost more than the
 * lock).  0, or -1 when some add ran out of memory. */
typedef struct vp_seen_id {
	uint64_t num, dom; /* the plain number the text is (plain 1), its domain */
	int plain;
} vp_seen_id;
vp_seen_id vp_seen_id_of(const char *id, size_t n, uint64_t dom);
int vp_seen_add_many(vp_seen *s, const uint64_t *h, const vp_seen_id *id, size_t n,
                     signed char *out);

/* 1 if the set holds h (added before), 0 if not; adds nothing. */
int vp_seen_has(vp_seen *s, uint64_t h);

/* How many respondents the set holds, and how many it had to leave out. */
size_t vp_seen_count(const vp_seen *s);
size_t vp_seen_left_out(const vp_seen *s);

#endif
