/* gazetteer_load.c - reading gazetteer files and checking them (format:
 * lexicons/localities/README.md); see include/voxpop/gazetteer.h. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gazetteer_impl.h"
#include "voxpop/input.h"
#include "voxpop/postcode.h"
#include "voxpop/str.h"
#include "voxpop/utf8.h"

struct loader {
	vp_gazetteer *g;
	const char *name;      /* file name for messages */
	size_t file;
	unsigned long line;
	int system, place, cell;
	vp_err *e;
};

/* add_name's flags, also the arg of add_area and add_postcode */
enum { NAME_SHARED = 2, NAME_SITE = 4 };

static int add_name(struct loader *l, const char *name, enum ref_kind kind, int id,
                    int flags)
{
	unsigned char shared = (flags & NAME_SHARED) != 0;
	vp_buf key = VP_BUF_INIT;
	if (vp_gazetteer_normalise(name, strlen(name), &key) < 0) {
		vp_buf_free(&key);
		return vp_oom(l->e);
	}
	if (key.len == 0) {
		vp_buf_free(&key);
		return vp_errf_at(l->e, EX_CONFIG, l->name, l->line,
		                  "'%s' has no letters or digits", name);
	}
	struct entry *en = gz_intern(l->g, key.data, key.len, name);
	vp_buf_free(&key);
	if (!en)
		return vp_oom(l->e);
	en->site |= (flags & NAME_SITE) != 0;
	en->place_too |= !(flags & NAME_SITE) && kind <= REF_CELL;
	for (size_t i = 0; i < en->nrefs; i++) {
		struct ref *r = &en->refs[i];
		if (r->kind == kind && r->id == id) { /* said twice: one meaning */
			r->shared |= shared;
			return 0;
		}
	}
	if (vp_grow(&en->refs, &en->cap, en->nrefs + 1, sizeof *en->refs) < 0)
		return vp_oom(l->e);
	en->refs[en->nrefs++] = (struct ref){(unsigned char)kind, shared, id,
	                                     l->file, l->line};
	return 0;
}

static int find_system(struct loader *l, const char *name)
{
	vp_gazetteer *g = l->g;
	for (size_t i = 0; i < g->nsystems; i++)
		if (strcmp(g->systems[i], name) == 0)
			return (int)i;
	if (vp_grow(&g->systems, &g->csystems, g->nsystems + 1, sizeof *g->systems) < 0 ||
	    !(g->systems[g->nsystems] = gz_dupn(name, strlen(name))))
		return -1;
	return (int)g->nsystems++;
}

static int find_place(struct loader *l, const char *name)
{
	vp_gazetteer *g = l->g;
	for (size_t i = 0; i < g->nplaces; i++)
		if (g->places[i].system == l->system && strcmp(g->places[i].name, name) == 0)
			return (int)i;
	if (vp_grow(&g->places, &g->cplaces, g->nplaces + 1, sizeof *g->places) < 0 ||
	    !(g->places[g->nplaces].name = gz_dupn(name, strlen(name))))
		return -1;
	g->places[g->nplaces].system = l->system;
	return (int)g->nplaces++;
}

/* The cell (current place, locality NAME); -1 out of memory, -2 too many. */
static int find_cell(struct loader *l, const char *name)
{
	vp_gazetteer *g = l->g;
	int loc = -1;
	for (size_t i = 0; i < g->nlocalities && loc < 0; i++)
		if (g->localities[i].system == l->system && strcmp(g->localities[i].name, name) == 0)
			loc = (int)i;
	if (loc < 0) {
		if (vp_grow(&g->localities, &g->clocalities, g->nlocalities + 1, sizeof *g->localities) < 0 ||
		    !(g->localities[g->nlocalities].name = gz_dupn(name, strlen(name))))
			return -1;
		g->localities[g->nlocalities].system = l->system;
		loc = (int)g->nlocalities++;
	}
	for (size_t i = 0; i < g->ncells; i++)
		if (g->cells[i].place == l->place && g->cells[i].locality == loc)
			return (int)i;
	if (g->ncells >= VP_GAZ_MAX_CELLS)
		return -2;
	if (vp_grow(&g->cells, &g->ccells, g->ncells + 1, sizeof *g->cells) < 0)
		return -1;
	g->cells[g->ncells] = (struct cell){l->place, loc};
	return (int)g->ncells++;
}

/* Split list at '|' (and, for postcodes, at spaces and commas too) into
 * items; calls add for each. */
static int each_item(struct loader *l, char *list, const char *seps,
                     int (*add)(struct loader *, const char *, int), int arg)
{
	int first = 1;
	for (;;) {
		size_t k = strcspn(list, seps);
		int last = list[k] == '\0';
		list[k] = '\0';
		char *item = vp_trim(list);
		if (*item) {
			int rc = add(l, item, first ? arg : arg & ~1);
			if (rc)
				return rc;
			first = 0;
		} else if (strcmp(seps, "|") == 0) {
			return vp_errf_at(l->e, EX_CONFIG, l->name, l->line, "empty name in '|' list");
		}
		if (last)
			return 0;
		list += k + 1;
	}
}

/* arg bit 0: this is the first item of the line (the level's own name). */
static int add_system(struct loader *l, const char *item, int arg)
{
	if (arg & 1) {
		l->system = find_system(l, item);
		if (l->system < 0)
			return vp_oom(l->e);
		l->place = l->cell = -1;
	}
	return add_name(l, item, REF_SYSTEM, l->system, 0);
}

static int add_place(struct loader *l, const char *item, int arg)
{
	if (arg & 1) {
		l->place = find_place(l, item);
		if (l->place < 0)
			return vp_oom(l->e);
		l->cell = -1;
	}
	return add_name(l, item, REF_PLACE, l->place, 0);
}

static int add_locality(struct loader *l, const char *item, int arg)
{
	if (arg & 1) {
		l->cell = find_cell(l, item);
		if (l->cell == -2)
			return vp_errf_at(l->e, EX_CONFIG, l->name, l->line,
			                  "too many place/locality pairs (at most %d)", VP_GAZ_MAX_CELLS);
		if (l->cell < 0)
			return vp_oom(l->e);
	}
	return add_name(l, item, REF_LOCALITY, l->g->cells[l->cell].locality, 0);
}

static int add_area(struct loader *l, const char *item, int arg)
{
	return add_name(l, item, REF_CELL, l->cell, arg);
}

static int add_postcode(struct loader *l, const char *item, int arg)
{
	char district[8];
	if (vp_postcode_parse(item, strlen(item), district, NULL) != 1)
		return vp_errf_at(l->e, EX_CONFIG, l->name, l->line,
		                  "'%s' is not a postcode district (like LE13 or NW10)", item);
	return add_name(l, district, REF_CELL, l->cell, arg);
}

static int add_outside(struct loader *l, const char *item, int arg)
{
	(void)arg;
	return add_name(l, item, REF_OUTSIDE, -1, 0);
}

static int add_within(struct loader *l, const char *item, int arg)
{
	(void)arg;
	return add_name(l, item, REF_WITHIN, l->system, 0);
}

static int add_no_answer(struct loader *l, const char *item, int arg)
{
	(void)arg;
	return add_name(l, item, REF_NO_ANSWER, -1, 0);
}

static int load_line(struct loader *l, char *s)
{
	s = vp_uncomment(s);
	if (!*s)
		return 0;
	size_t kw = 0;
	while (s[kw] && !vp_is_space((unsigned char)s[kw]))
		kw++;
	char *rest = s + kw;
	if (*rest)
		*rest++ = '\0';
	rest = vp_trim(rest);

	static const char *const need[] = {NULL, "system", "place", "locality"};
	struct {
		const char *kw;
		int level;      /* 0 needs nothing, 1 a system, 2 a place, 3 a locality */
		const char *seps;
		int (*add)(struct loader *, const char *, int);
		int arg;
	} const kws[] = {
		{"system", 0, "|", add_system, 1},
		{"place", 1, "|", add_place, 1},
		{"locality", 2, "|", add_locality, 1},
		{"area", 3, "|", add_area, 0},
		{"site", 3, "|", add_area, NAME_SITE},
		{"postcode", 3, "|, \t", add_postcode, 0},
		{"shared", 3, "|", add_area, NAME_SHARED},
		{"shared-postcode", 3, "|, \t", add_postcode, NAME_SHARED},
		{"outside", 0, "|", add_outside, 0},
		{"within", 1, "|", add_within, 0},
		{"no-answer", 0, "|", add_no_answer, 0},
	};
	for (size_t i = 0; i < sizeof kws / sizeof *kws; i++) {
		if (strcmp(s, kws[i].kw) != 0)
			continue;
		int have = l->cell >= 0 ? 3 : l->place >= 0 ? 2 : l->system >= 0 ? 1 : 0;
		if (have < kws[i].level)
			return vp_errf_at(l->e, EX_CONFIG, l->name, l->line,
			                  "'%s' before any '%s' line", s, need[kws[i].level]);
		if (!*rest)
			return vp_errf_at(l->e, EX_CONFIG, l->name, l->line, "'%s' needs a name", s);
		return each_item(l, rest, kws[i].seps, kws[i].add, kws[i].arg);
	}
	return vp_errf_at(l->e, EX_CONFIG, l->name, l->line,
	                  "unknown keyword '%s' (expected system, place, locality, area, site, "
	                  "postcode, shared, shared-postcode, outside, within or no-answer)", s);
}

int vp_gazetteer_load_text(vp_gazetteer *g, const char *name, const char *text,
                           size_t n, vp_err *e)
{
	if (g->finished)
		return vp_errf(e, EX_SOFTWARE, "gazetteer already finished");
	if (vp_grow(&g->files, &g->cfiles, g->nfiles + 1, sizeof *g->files) < 0 ||
	    !(g->files[g->nfiles] = gz_dupn(name, strlen(name))))
		return vp_oom(e);
	struct loader l = {g, g->files[g->nfiles], g->nfiles, 0, -1, -1, -1, e};
	g->nfiles++;
	vp_buf line = VP_BUF_INIT;
	int rc = 0;
	for (size_t at = 0; at < n && rc == 0;) {
		const char *nl = memchr(text + at, '\n', n - at);
		size_t len = nl ? (size_t)(nl - (text + at)) : n - at;
		l.line++;
		vp_buf_clear(&line);
		if (vp_buf_append(&line, text + at, len) < 0) {
			rc = vp_oom(e);
			break;
		}
		if (memchr(line.data, '\0', line.len))
			rc = vp_errf_at(e, EX_CONFIG, name, l.line, "NUL byte");
		else if (vp_utf8_check(line.data, line.len) != line.len)
			rc = vp_errf_at(e, EX_CONFIG, name, l.line, "invalid UTF-8");
		else
			rc = load_line(&l, line.data);
		at += len + 1;
	}
	vp_buf_free(&line);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_file(vp_gazetteer *g, const char *path, vp_err *e)
{
	FILE *fp;
	int orc = vp_open_in(&fp, path, VP_IN_NOSTDIN, e);
	if (orc)
		return orc;
	vp_buf text = VP_BUF_INIT;
	char chunk[8192];
	size_t got;
	int rc = 0;
	while (rc == 0 && (got = fread(chunk, 1, sizeof chunk, fp)) > 0)
		if (vp_buf_append(&text, chunk, got) < 0)
			rc = vp_errf_at(e, EX_OSERR, path, 0, "out of memory");
	if (rc == 0 && ferror(fp))
		rc = vp_errf_at(e, EX_IOERR, path, 0, "read error: %s", strerror(errno));
	fclose(fp);
	if (rc == 0)
		rc = vp_gazetteer_load_text(g, path, text.data ? text.data : "", text.len, e);
	vp_buf_free(&text);
	return rc;
}

int vp_gazetteer_load(vp_gazetteer *g, const char *path, vp_err *e)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return load_file(g, path, e); /* which words any error */

	DIR *d;
	int orc = vp_open_dir(&d, path, e);
	if (orc)
		return orc;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	struct dirent *de;
	while (rc == 0 && (de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 5 || strcmp(de->d_name + len - 4, ".txt") != 0)
			continue;
		if (vp_grow(&names, &cap, n + 1, sizeof *names) < 0 ||
		    !(names[n] = gz_dupn(de->d_name, len)))
			rc = vp_oom(e);
		else
			n++;
	}
	closedir(d);
	if (rc == 0 && n == 0)
		rc = vp_errf_at(e, EX_NOINPUT, path, 0, "no gazetteer files (*.txt) in this directory");
	if (names)
		qsort(names, n, sizeof *names, cmp_str);
	vp_buf file = VP_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (rc == 0) {
			vp_buf_clear(&file);
			if (vp_buf_printf(&file, "%s%s%s", path,
			                  path[strlen(path) - 1] == '/' ? "" : "/", names[i]) < 0)
				rc = vp_oom(e);
			else
				rc = load_file(g, file.data, e);
		}
		free(names[i]);
	}
	free(names);
	vp_buf_free(&file);
	return rc;
}

/* ---- finishing: consistency and cell sets ------------------------------- */

static const char *cell_desc(const vp_gazetteer *g, int cell, char *buf, size_t n)
{
	const struct cell *c = &g->cells[cell];
	snprintf(buf, n, "%s (%s)", g->localities[c->locality].name, g->places[c->place].name);
	return buf;
}

/* A name listed under two place/locality pairs must say so (`shared`) in
 * each, so that a copy-paste slip cannot silently make a name ambiguous.
 * A locality's own names cover all its cells and must not name another. */
static int check_entry(const vp_gazetteer *g, const struct entry *en, vp_err *e)
{
	const struct ref *cell_ref = NULL, *loc_ref = NULL;
	int several = 0;
	char a[512], b[512];
	/* `outside` and `within` say "not in this file's system"; a file for
	 * another system may still declare the name (Leicester Square is
	 * outside LLR and in North West London), and its meaning wins.  In one
	 * file, or for `no-answer`, a second meaning is a slip. */
	for (size_t i = 0; i < en->nrefs; i++) {
		const struct ref *r = &en->refs[i];
		if (r->kind != REF_OUTSIDE && r->kind != REF_NO_ANSWER && r->kind != REF_WITHIN)
			continue;
		for (size_t j = 0; j < en->nrefs; j++) {
			const struct ref *o = &en->refs[j];
			if (o->kind == r->kind)
				continue;
			if (r->kind == REF_NO_ANSWER || o->kind == REF_NO_ANSWER || o->file == r->file)
				return vp_errf_at(e, EX_CONFIG, g->files[r->file], r->line,
				                  "'%s' is declared %s but is also declared elsewhere "
				                  "(%s:%lu)", en->name,
				                  r->kind == REF_OUTSIDE ? "outside" :
				                  r->kind == REF_WITHIN ? "within" : "no-answer",
				                  g->files[o->file], o->line);
		}
	}
	for (size_t i = 0; i < en->nrefs; i++) {
		const struct ref *r = &en->refs[i];
		if (r->kind == REF_LOCALITY && !loc_ref)
			loc_ref = r;
		else if (r->kind == REF_CELL && !cell_ref)
			cell_ref = r;
		else if (r->kind == REF_CELL && r->id != cell_ref->id)
			several = 1;
	}
	for (size_t i = 0; i < en->nrefs && loc_ref; i++) {
		const struct ref *r = &en->refs[i];
		int other = r->kind == REF_LOCALITY ? r->id != loc_ref->id :
		            r->kind == REF_CELL && g->cells[r->id].locality != loc_ref->id;
		if (other)
			return vp_errf_at(e, EX_CONFIG, g->files[r->file], r->line,
			                  "'%s' is a name of locality %s (%s:%lu) and cannot also "
			                  "be in %s", en->name, g->localities[loc_ref->id].name,
			                  g->files[loc_ref->file], loc_ref->line,
			                  r->kind == REF_CELL ? cell_desc(g, r->id, a, sizeof a) :
			                  g->localities[r->id].name);
	}
	if (!several) {
		if (cell_ref && cell_ref->shared)
			return vp_errf_at(e, EX_CONFIG, g->files[cell_ref->file], cell_ref->line,
			                  "'%s' is marked shared but is in no other locality", en->name);
		return 0;
	}
	for (size_t i = 0; i < en->nrefs; i++) {
		const struct ref *r = &en->refs[i];
		if (r->kind != REF_CELL || r->shared)
			continue;
		const struct ref *other = NULL;
		for (size_t j = 0; j < en->nrefs && !other; j++)
			if (en->refs[j].kind == REF_CELL && en->refs[j].id != r->id)
				other = &en->refs[j];
		return vp_errf_at(e, EX_CONFIG, g->files[r->file], r->line,
		                  "'%s' is in %s and also in %s (%s:%lu); mark it 'shared' "
		                  "in each locality, or remove one", en->name,
		                  cell_desc(g, r->id, a, sizeof a),
		                  cell_desc(g, other->id, b, sizeof b),
		                  g->files[other->file], other->line);
	}
	return 0;
}

static int cmp_str_ptr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The words of all names: what a misspelt word is compared with. */
static int build_vocab(vp_gazetteer *g)
{
	size_t cap = 0;
	for (size_t k = 0; k < g->nentries; k++) {
		const char *key = g->entries[k].key;
		while (*key) {
			size_t n = strcspn(key, " ");
			if (vp_grow(&g->vocab, &cap, g->nvocab + 1, sizeof *g->vocab) < 0 ||
			    !(g->vocab[g->nvocab] = gz_dupn(key, n)))
				return -1;
			g->nvocab++;
			key += n;
			key += *key == ' ';
		}
	}
	if (!g->nvocab)
		return 0;
	qsort(g->vocab, g->nvocab, sizeof *g->vocab, cmp_str_ptr);
	size_t out = 1;
	for (size_t i = 1; i < g->nvocab; i++) {
		if (strcmp(g->vocab[i], g->vocab[out - 1]) == 0)
			free(g->vocab[i]);
		else
			g->vocab[out++] = g->vocab[i];
	}
	g->nvocab = out;
	return 0;
}

int vp_gazetteer_finish(vp_gazetteer *g, vp_err *e)
{
	if (g->finished)
		return 0;
	if (g->ncells == 0)
		return vp_errf(e, EX_CONFIG, "%s: no localities in the gazetteer",
		               g->nfiles ? g->files[0] : "gazetteer");
	g->nwords = (g->ncells + 63) / 64;
	for (size_t k = 0; k < g->nentries; k++) {
		struct entry *en = &g->entries[k];
		int rc = check_entry(g, en, e);
		if (rc)
			return rc;
		en->bits = calloc(g->nwords, sizeof *en->bits);
		if (!en->bits)
			return vp_oom(e);
		/* A real meaning outranks `within`, which outranks `outside`. */
		int real = 0, within = 0;
		for (size_t i = 0; i < en->nrefs; i++) {
			real |= en->refs[i].kind <= REF_CELL;
			within |= en->refs[i].kind == REF_WITHIN;
		}
		en->within = !real && within;
		for (size_t i = 0; i < en->nrefs; i++) {
			const struct ref *r = &en->refs[i];
			if (r->kind == REF_OUTSIDE || r->kind == REF_NO_ANSWER) {
				en->outside = !real && !within && r->kind == REF_OUTSIDE;
				en->no_answer = r->kind == REF_NO_ANSWER;
				continue;
			}
			if (r->kind == REF_WITHIN && real)
				continue;
			if (r->kind == REF_CELL || r->kind == REF_LOCALITY)
				en->specific = 1;
			for (size_t c = 0; c < g->ncells; c++) {
				int place = g->cells[c].place;
				int hit = r->kind == REF_CELL ? (size_t)r->id == c :
				          r->kind == REF_LOCALITY ? g->cells[c].locality == r->id :
				          r->kind == REF_PLACE ? place == r->id :
				          g->places[place].system == r->id;
				if (hit)
					en->bits[c / 64] |= 1ULL << (c % 64);
			}
		}
	}
	if (build_vocab(g) < 0)
		return vp_oom(e);
	g->finished = 1;
	return 0;
}

