/* count_impl.h - what the three parts of vp_count share (core only; not
 * installed): the accumulator (count.c), the line fast path (count_line.c)
 * and the document (count_doc.c). */
#ifndef VOXPOP_COUNT_IMPL_H
#define VOXPOP_COUNT_IMPL_H

#include <stddef.h>
#include <jansson.h>

#include "voxpop/buf.h"
#include "voxpop/count.h"

struct quote {
	char *id;
	char *text;
	double score;
};

/* Best-first list of at most c->nquotes quotes for one theme in one group. */
struct qlist {
	size_t n;
	struct quote *q;
};

struct group;

/* Open-addressing map name -> group. */
struct gmap {
	struct group **slot;
	size_t cap, n;
};

struct group {
	char *name;
	unsigned long records, untagged;
	unsigned long *counts;  /* by theme index, ncounts long */
	struct qlist *quotes;   /* by theme index, ncounts long, when quoting */
	size_t ncounts;
	struct gmap children;   /* nested levels only */
};

/* Theme names interned to small indices. */
struct tmap {
	char **name;
	size_t n, alloc;
	size_t *slot;  /* index + 1, 0 = empty */
	size_t cap;
};

/* One theme of the record being counted. */
struct rtheme {
	size_t idx;
	const char *name;
	double score;
};

struct vp_count {
	vp_count_opts o;
	char by[256];
	unsigned long rejected;
	size_t ngroups;
	struct tmap themes;
	struct group total;
	struct gmap flat;  /* localities at the chosen level, or --by groups */
	/* scratch for one record */
	struct rtheme *rt;
	size_t nrt, rtalloc;
	vp_buf redacted;
	vp_buf fb[7];  /* scratch strings for the fast path */
};

/* What counting needs from one record, whichever way it was read. */
struct view {
	const char *flat;      /* its group under --by / --level */
	const char *level[3];  /* locality, place, system names (nested only) */
	const char *id;        /* for quotes */
	const char *text;      /* for quotes; NULL: none */
};

extern const char *const vpc_level_names[3];

size_t vpc_tmap_intern(struct tmap *t, const char *name);
struct group *vpc_gmap_get(vp_count *c, struct gmap *m, const char *name, vp_err *e);
int vpc_group_fit(vp_count *c, struct group *g);
int vpc_quote_offer(const vp_count *c, struct qlist *l, double score, const char *id,
                    const char *text);
double vpc_round_to(double x, double scale);
double vpc_score_of(size_t spans, size_t hits, size_t tokens, const char *text);
const char *vpc_string_name(const char *s);
int vpc_nul_in(const json_t *v);
const char *vpc_date_part(const char *s, const char *colon, char *buf);
int vpc_rt_push(vp_count *c, size_t idx, const char *name, double score);
/* Count the record described by v, its themes being in c->rt. */
int vpc_count_view(vp_count *c, const struct view *v, vp_err *e);

#endif
