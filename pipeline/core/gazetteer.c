/* gazetteer.c - see include/voxpop/gazetteer.h and lexicons/localities/README.md */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "voxpop/gazetteer.h"
#include "voxpop/hash.h"
#include "voxpop/input.h"
#include "voxpop/postcode.h"
#include "voxpop/utf8.h"

enum ref_kind { REF_SYSTEM, REF_PLACE, REF_LOCALITY, REF_CELL, REF_OUTSIDE, REF_NO_ANSWER };

/* One declaration of a name: "this name means that system/place/cell". */
struct ref {
	unsigned char kind;    /* enum ref_kind */
	unsigned char shared;  /* declared with `shared` */
	int id;                /* system, place, locality or cell index */
	size_t file;           /* index into g->files */
	unsigned long line;
};

struct entry {
	char *key;             /* normalised */
	char *name;            /* as first written, for messages */
	struct ref *refs;
	size_t nrefs, cap;
	uint64_t *bits;        /* candidate cells, built by finish */
	int outside;           /* declared `outside`: known, and in none of the systems */
	int specific;          /* names a locality or area, not just a place or system */
	int no_answer;         /* declared `no-answer`: "prefer not to say", "n/a" */
};

struct place {
	char *name;
	int system;
};

struct locality {
	char *name;
	int system;
};

struct cell {
	int place;
	int locality;
};

struct vp_gazetteer {
	char **systems;
	size_t nsystems, csystems;
	struct place *places;
	size_t nplaces, cplaces;
	struct locality *localities;
	size_t nlocalities, clocalities;
	struct cell *cells;
	size_t ncells, ccells;
	char **files;
	size_t nfiles, cfiles;
	struct entry *entries;
	size_t nentries, centries;
	size_t *slots;         /* entry index + 1; 0 = empty */
	size_t nslots;         /* power of two */
	size_t max_tokens;     /* longest name, in words */
	char **vocab;          /* every word of every name, sorted, unique */
	size_t nvocab;
	size_t nwords;         /* uint64_t words per cell set */
	int finished;
};

static char *dupn(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

vp_gazetteer *vp_gazetteer_new(void)
{
	return calloc(1, sizeof(vp_gazetteer));
}

void vp_gazetteer_free(vp_gazetteer *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->nsystems; i++)
		free(g->systems[i]);
	for (size_t i = 0; i < g->nplaces; i++)
		free(g->places[i].name);
	for (size_t i = 0; i < g->nlocalities; i++)
		free(g->localities[i].name);
	for (size_t i = 0; i < g->nfiles; i++)
		free(g->files[i]);
	for (size_t i = 0; i < g->nentries; i++) {
		free(g->entries[i].key);
		free(g->entries[i].name);
		free(g->entries[i].refs);
		free(g->entries[i].bits);
	}
	free(g->systems);
	free(g->places);
	free(g->localities);
	free(g->cells);
	free(g->files);
	free(g->entries);
	free(g->slots);
	for (size_t i = 0; i < g->nvocab; i++)
		free(g->vocab[i]);
	free(g->vocab);
	free(g);
}

size_t vp_gazetteer_systems(const vp_gazetteer *g)
{
	return g->nsystems;
}

size_t vp_gazetteer_localities(const vp_gazetteer *g)
{
	return g->nlocalities;
}

/* ---- normalisation ---------------------------------------------------- */

/* Words of a value, normalised, joined by single spaces in norm. */
struct toks {
	vp_buf norm;
	size_t *start, *end;   /* byte offsets of each word in norm */
	unsigned char *capital; /* the word began with a capital letter or a digit */
	size_t n, cap;
};

static void toks_free(struct toks *t)
{
	vp_buf_free(&t->norm);
	free(t->start);
	free(t->end);
	free(t->capital);
	memset(t, 0, sizeof *t);
}

static int toks_push(struct toks *t, const char *w, size_t n, int capital)
{
	if (t->n == t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 32;
		size_t *s = realloc(t->start, ncap * sizeof *s);
		if (!s)
			return -1;
		t->start = s;
		size_t *e = realloc(t->end, ncap * sizeof *e);
		if (!e)
			return -1;
		t->end = e;
		unsigned char *c = realloc(t->capital, ncap);
		if (!c)
			return -1;
		t->capital = c;
		t->cap = ncap;
	}
	if (t->n && vp_buf_putc(&t->norm, ' ') < 0)
		return -1;
	/* "St Albans" and "Saint Albans" are one name; likewise a few
	 * abbreviations common in addresses. */
	static const char *const abbrev[][2] = {
		{"st", "saint"}, {"rd", "road"}, {"mkt", "market"}, {"gt", "great"},
		{"nth", "north"}, {"sth", "south"},
	};
	for (size_t k = 0; k < sizeof abbrev / sizeof *abbrev; k++)
		if (n == strlen(abbrev[k][0]) && memcmp(w, abbrev[k][0], n) == 0) {
			w = abbrev[k][1];
			n = strlen(w);
			break;
		}
	t->start[t->n] = t->norm.len;
	if (vp_buf_append(&t->norm, w, n) < 0)
		return -1;
	t->end[t->n] = t->norm.len;
	t->capital[t->n] = (unsigned char)capital;
	t->n++;
	return 0;
}

/* Casefold one word (NFKC, accents stripped) and push it. */
static int flush_word(struct toks *t, vp_buf *word, int capital)
{
	if (word->len == 0)
		return 0;
	int ascii = 1;
	for (size_t i = 0; i < word->len; i++) {
		unsigned char c = (unsigned char)word->data[i];
		if (c >= 0x80)
			ascii = 0;
		else if (c >= 'A' && c <= 'Z')
			word->data[i] = (char)(c - 'A' + 'a');
	}
	int rc;
	if (ascii) {
		rc = toks_push(t, word->data, word->len, capital);
	} else {
		utf8proc_uint8_t *folded = NULL;
		utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)word->data,
		                                  (utf8proc_ssize_t)word->len, &folded,
		                                  UTF8PROC_STABLE | UTF8PROC_COMPAT |
		                                  UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
		                                  UTF8PROC_STRIPMARK);
		if (m < 0) {
			free(folded);
			return m == UTF8PROC_ERROR_NOMEM ? -1 : 0;
		}
		rc = m > 0 ? toks_push(t, (const char *)folded, (size_t)m, capital) : 0;
		free(folded);
	}
	vp_buf_clear(word);
	return rc;
}

static int is_apostrophe(utf8proc_int32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC;
}

static int tokenise(const char *s, size_t n, struct toks *t)
{
	vp_buf word = VP_BUF_INIT;
	int capital = 0, rc = 0;
	vp_buf_clear(&t->norm);
	t->n = 0;
	for (size_t i = 0; i < n && rc == 0;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                        (utf8proc_ssize_t)(n - i), &cp);
		if (len <= 0) { /* invalid UTF-8: a separator */
			len = 1;
			cp = ' ';
		}
		utf8proc_category_t cat = utf8proc_category(cp);
		int wordch = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
		if (wordch) {
			if (word.len == 0)
				capital = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT ||
				          cat == UTF8PROC_CATEGORY_ND;
			rc = vp_buf_append(&word, s + i, (size_t)len);
		} else if (is_apostrophe(cp) && word.len > 0) {
			/* "Queen's Park" = "Queens Park": drop it, keep the word going */
		} else {
			rc = flush_word(t, &word, capital);
			if (rc == 0 && cp == '&')
				rc = toks_push(t, "and", 3, 0);
		}
		i += (size_t)len;
	}
	if (rc == 0)
		rc = flush_word(t, &word, capital);
	vp_buf_free(&word);
	if (rc == 0 && !t->norm.data)
		rc = vp_buf_puts(&t->norm, "");
	return rc;
}

int vp_gazetteer_normalise(const char *s, size_t n, vp_buf *out)
{
	struct toks t = {0};
	int rc = tokenise(s, n, &t);
	if (rc == 0)
		rc = vp_buf_append(out, t.norm.data, t.norm.len);
	toks_free(&t);
	return rc;
}

/* ---- hash table of names ---------------------------------------------- */

static struct entry *lookup(const vp_gazetteer *g, const char *key, size_t n)
{
	if (!g->nslots)
		return NULL;
	size_t mask = g->nslots - 1;
	for (size_t i = vp_hash64(key, n) & mask;; i = (i + 1) & mask) {
		size_t slot = g->slots[i];
		if (!slot)
			return NULL;
		struct entry *en = &g->entries[slot - 1];
		if (strlen(en->key) == n && memcmp(en->key, key, n) == 0)
			return en;
	}
}

static int rehash(vp_gazetteer *g, size_t nslots)
{
	size_t *slots = calloc(nslots, sizeof *slots);
	if (!slots)
		return -1;
	for (size_t k = 0; k < g->nentries; k++) {
		const char *key = g->entries[k].key;
		size_t i = vp_hash64(key, strlen(key)) & (nslots - 1);
		while (slots[i])
			i = (i + 1) & (nslots - 1);
		slots[i] = k + 1;
	}
	free(g->slots);
	g->slots = slots;
	g->nslots = nslots;
	return 0;
}

static struct entry *intern(vp_gazetteer *g, const char *key, size_t n, const char *name)
{
	struct entry *en = lookup(g, key, n);
	if (en)
		return en;
	if ((g->nentries + 1) * 2 > g->nslots && rehash(g, g->nslots ? g->nslots * 2 : 256) < 0)
		return NULL;
	if (vp_grow(&g->entries, &g->centries, g->nentries + 1, sizeof *g->entries) < 0)
		return NULL;
	en = &g->entries[g->nentries];
	memset(en, 0, sizeof *en);
	en->key = dupn(key, n);
	en->name = dupn(name, strlen(name));
	if (!en->key || !en->name) {
		free(en->key);
		free(en->name);
		return NULL;
	}
	size_t mask = g->nslots - 1;
	size_t i = vp_hash64(key, n) & mask;
	while (g->slots[i])
		i = (i + 1) & mask;
	g->slots[i] = ++g->nentries;
	size_t words = 1;
	for (size_t k = 0; k < n; k++)
		words += key[k] == ' ';
	if (words > g->max_tokens)
		g->max_tokens = words;
	return en;
}

/* ---- loading ------------------------------------------------------------ */

struct loader {
	vp_gazetteer *g;
	const char *name;      /* file name for messages */
	size_t file;
	unsigned long line;
	int system, place, cell;
	vp_err *e;
};

static int oom(struct loader *l)
{
	return vp_errf_at(l->e, EX_OSERR, l->name, l->line, "out of memory");
}

static int add_name(struct loader *l, const char *name, enum ref_kind kind, int id,
                    int shared)
{
	vp_buf key = VP_BUF_INIT;
	if (vp_gazetteer_normalise(name, strlen(name), &key) < 0) {
		vp_buf_free(&key);
		return oom(l);
	}
	if (key.len == 0) {
		vp_buf_free(&key);
		return vp_errf_at(l->e, EX_CONFIG, l->name, l->line,
		                  "'%s' has no letters or digits", name);
	}
	struct entry *en = intern(l->g, key.data, key.len, name);
	vp_buf_free(&key);
	if (!en)
		return oom(l);
	for (size_t i = 0; i < en->nrefs; i++) {
		struct ref *r = &en->refs[i];
		if (r->kind == kind && r->id == id) { /* said twice: one meaning */
			r->shared |= (unsigned char)shared;
			return 0;
		}
	}
	if (vp_grow(&en->refs, &en->cap, en->nrefs + 1, sizeof *en->refs) < 0)
		return oom(l);
	en->refs[en->nrefs++] = (struct ref){(unsigned char)kind, (unsigned char)shared, id,
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
	    !(g->systems[g->nsystems] = dupn(name, strlen(name))))
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
	    !(g->places[g->nplaces].name = dupn(name, strlen(name))))
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
		    !(g->localities[g->nlocalities].name = dupn(name, strlen(name))))
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

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static char *trim(char *s)
{
	while (is_space(*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && is_space(s[n - 1]))
		s[--n] = '\0';
	return s;
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
		char *item = trim(list);
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
			return oom(l);
		l->place = l->cell = -1;
	}
	return add_name(l, item, REF_SYSTEM, l->system, 0);
}

static int add_place(struct loader *l, const char *item, int arg)
{
	if (arg & 1) {
		l->place = find_place(l, item);
		if (l->place < 0)
			return oom(l);
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
			return oom(l);
	}
	return add_name(l, item, REF_LOCALITY, l->g->cells[l->cell].locality, 0);
}

static int add_area(struct loader *l, const char *item, int arg)
{
	return add_name(l, item, REF_CELL, l->cell, (arg & 2) != 0);
}

static int add_postcode(struct loader *l, const char *item, int arg)
{
	char district[8];
	if (vp_postcode_parse(item, strlen(item), district, NULL) != 1)
		return vp_errf_at(l->e, EX_CONFIG, l->name, l->line,
		                  "'%s' is not a postcode district (like LE13 or NW10)", item);
	return add_name(l, district, REF_CELL, l->cell, (arg & 2) != 0);
}

static int add_outside(struct loader *l, const char *item, int arg)
{
	(void)arg;
	return add_name(l, item, REF_OUTSIDE, -1, 0);
}

static int add_no_answer(struct loader *l, const char *item, int arg)
{
	(void)arg;
	return add_name(l, item, REF_NO_ANSWER, -1, 0);
}

static int load_line(struct loader *l, char *s)
{
	char *hash_at = strchr(s, '#');
	if (hash_at)
		*hash_at = '\0';
	s = trim(s);
	if (!*s)
		return 0;
	size_t kw = 0;
	while (s[kw] && !is_space(s[kw]))
		kw++;
	char *rest = s + kw;
	if (*rest)
		*rest++ = '\0';
	rest = trim(rest);

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
		{"postcode", 3, "|, \t", add_postcode, 0},
		{"shared", 3, "|", add_area, 2},
		{"shared-postcode", 3, "|, \t", add_postcode, 2},
		{"outside", 0, "|", add_outside, 0},
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
	                  "unknown keyword '%s' (expected system, place, locality, area, "
	                  "postcode, shared, shared-postcode, outside or no-answer)", s);
}

int vp_gazetteer_load_text(vp_gazetteer *g, const char *name, const char *text,
                           size_t n, vp_err *e)
{
	if (g->finished)
		return vp_errf(e, EX_SOFTWARE, "gazetteer already finished");
	if (vp_grow(&g->files, &g->cfiles, g->nfiles + 1, sizeof *g->files) < 0 ||
	    !(g->files[g->nfiles] = dupn(name, strlen(name))))
		return vp_errf(e, EX_OSERR, "out of memory");
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
			rc = oom(&l);
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
		    !(names[n] = dupn(de->d_name, len)))
			rc = vp_errf(e, EX_OSERR, "out of memory");
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
				rc = vp_errf(e, EX_OSERR, "out of memory");
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
	for (size_t i = 0; i < en->nrefs; i++) {
		const struct ref *r = &en->refs[i], *o = &en->refs[i ? 0 : en->nrefs - 1];
		if (en->nrefs > 1 && (r->kind == REF_OUTSIDE || r->kind == REF_NO_ANSWER))
			return vp_errf_at(e, EX_CONFIG, g->files[r->file], r->line,
			                  "'%s' is declared %s but is also declared elsewhere (%s:%lu)",
			                  en->name, r->kind == REF_OUTSIDE ? "outside" : "no-answer",
			                  g->files[o->file], o->line);
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
			    !(g->vocab[g->nvocab] = dupn(key, n)))
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
			return vp_errf(e, EX_OSERR, "out of memory");
		for (size_t i = 0; i < en->nrefs; i++) {
			const struct ref *r = &en->refs[i];
			if (r->kind == REF_OUTSIDE || r->kind == REF_NO_ANSWER) {
				en->outside = r->kind == REF_OUTSIDE;
				en->no_answer = r->kind == REF_NO_ANSWER;
				continue;
			}
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
		return vp_errf(e, EX_OSERR, "out of memory");
	g->finished = 1;
	return 0;
}

/* ---- matching ------------------------------------------------------------ */

void vp_locus_clear(vp_locus *l)
{
	memset(l, 0, sizeof *l);
}

void vp_locus_combine(vp_locus *acc, const vp_locus *m)
{
	if (!m->found)
		return;
	if (!acc->found) {
		*acc = *m;
		return;
	}
	uint64_t any = 0;
	for (size_t i = 0; i < VP_GAZ_MAX_CELLS / 64; i++)
		any |= acc->cells[i] & m->cells[i];
	for (size_t i = 0; i < VP_GAZ_MAX_CELLS / 64; i++)
		acc->cells[i] = any ? acc->cells[i] & m->cells[i] : acc->cells[i] | m->cells[i];
	if (!any || m->conflict)
		acc->conflict = 1;
	acc->corrected |= m->corrected;
}

/* a and b have a cell in common (or b is empty). */
static int locus_meets(const vp_locus *a, const vp_locus *b)
{
	if (!b->found)
		return 1;
	for (size_t i = 0; i < VP_GAZ_MAX_CELLS / 64; i++)
		if (a->cells[i] & b->cells[i])
			return 1;
	return 0;
}

static void locus_from(const vp_gazetteer *g, const struct entry *en, vp_locus *l)
{
	vp_locus_clear(l);
	memcpy(l->cells, en->bits, g->nwords * sizeof *en->bits);
	l->found = 1;
}

/* Words that turn a mention into its opposite ("not Leicester", "outside
 * Rutland"): such a value is only taken when it is a name as a whole. */
static int has_negation(const struct toks *t)
{
	static const char *const neg[] = {"not", "outside", "non", "except", "excluding"};
	for (size_t i = 0; i < t->n; i++)
		for (size_t k = 0; k < sizeof neg / sizeof *neg; k++)
			if (t->end[i] - t->start[i] == strlen(neg[k]) &&
			    memcmp(t->norm.data + t->start[i], neg[k], strlen(neg[k])) == 0)
				return 1;
	return 0;
}

/* In free text only proper-noun looking phrases count: capitalised, and
 * not a short all-letter abbreviation ("WL" is too easily something else). */
static int text_ok(const struct toks *t, size_t i, size_t len)
{
	if (!t->capital[i])
		return 0;
	size_t n = t->end[i + len - 1] - t->start[i];
	if (n >= 4)
		return 1;
	for (size_t k = t->start[i]; k < t->start[i] + n; k++)
		if (t->norm.data[k] >= '0' && t->norm.data[k] <= '9')
			return 1;
	return 0;
}

/* A name followed by one of these is a street ("Leicester Road", "Melton
 * Rd"), which says nothing about where the person lives. */
static int street_word(const struct toks *t, size_t i)
{
	static const char *const street[] = {
		"road", "street", "lane", "avenue", "way", "close", "drive", "crescent", "terrace",
	};
	if (i >= t->n)
		return 0;
	size_t n = t->end[i] - t->start[i];
	for (size_t k = 0; k < sizeof street / sizeof *street; k++)
		if (n == strlen(street[k]) && memcmp(t->norm.data + t->start[i], street[k], n) == 0)
			return 1;
	return 0;
}

static int match_tokens(const vp_gazetteer *g, const struct toks *t, enum vp_match_mode mode,
                        vp_locus *out)
{
	if (t->n == 0) { /* only punctuation: "-", "?" */
		out->no_answer = 1;
		return 0;
	}
	if (mode == VP_MATCH_FIELD) {
		const struct entry *en = lookup(g, t->norm.data, t->norm.len);
		if (en && (en->outside || en->no_answer)) {
			out->outside = en->outside;
			out->no_answer = en->no_answer;
			return 0;
		}
		if (en) {
			locus_from(g, en, out);
			return 1;
		}
		if (has_negation(t))
			return 0;
	}
	/* Longest known phrase at each word, left to right.  Town and area
	 * names are kept apart from place and system names: in "Syston,
	 * Leicester" the city is only the post town, so when the two kinds
	 * contradict, the town wins. */
	vp_locus m, general;
	vp_locus_clear(&general);
	for (size_t i = 0; i < t->n;) {
		size_t len = t->n - i < g->max_tokens ? t->n - i : g->max_tokens;
		for (; len > 0; len--) {
			const struct entry *en = lookup(g, t->norm.data + t->start[i],
			                                t->end[i + len - 1] - t->start[i]);
			if (!en || en->no_answer || (mode == VP_MATCH_TEXT && !text_ok(t, i, len)))
				continue;
			if (en->outside && mode == VP_MATCH_FIELD) {
				/* "Leicester Road, Nottingham": somewhere else. */
				vp_locus_clear(out);
				out->outside = 1;
				return 0;
			}
			if (!en->outside && !street_word(t, i + len)) {
				locus_from(g, en, &m);
				vp_locus_combine(en->specific ? out : &general, &m);
			}
			break;
		}
		i += len ? len : 1;
	}
	if (!out->found || locus_meets(out, &general))
		vp_locus_combine(out, &general);
	return out->found;
}

/* a and b differ by one edit: a letter changed, added, dropped, or two
 * neighbours swapped ("Mowbary"). */
static int one_edit(const char *a, size_t na, const char *b, size_t nb)
{
	if (na > nb)
		return one_edit(b, nb, a, na);
	if (nb - na > 1)
		return 0;
	size_t i = 0;
	while (i < na && a[i] == b[i])
		i++;
	if (i == na)
		return nb == na + 1;
	if (na == nb)
		return strncmp(a + i + 1, b + i + 1, na - i - 1) == 0 ||
		       (i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] &&
		        strncmp(a + i + 2, b + i + 2, na - i - 2) == 0);
	return strncmp(a + i, b + i + 1, na - i) == 0;
}

enum { FUZZY_MIN = 7 }; /* shorter words have too many real neighbours (Acton/Alton) */

/* The one gazetteer word within one edit of w[0..n), or NULL if there is
 * none or more than one. */
static const char *correct_word(const vp_gazetteer *g, const char *w, size_t n)
{
	if (n < FUZZY_MIN)
		return NULL;
	for (size_t k = 0; k < n; k++)
		if ((unsigned char)w[k] >= 0x80 || (w[k] >= '0' && w[k] <= '9'))
			return NULL;
	const char *found = NULL;
	for (size_t v = 0; v < g->nvocab; v++) {
		size_t m = strlen(g->vocab[v]);
		if (m == n && memcmp(g->vocab[v], w, n) == 0)
			return NULL; /* a known word: nothing to correct */
		if (m + 1 >= n && m <= n + 1 && one_edit(w, n, g->vocab[v], m)) {
			if (found)
				return NULL;
			found = g->vocab[v];
		}
	}
	return found;
}

/* Field values only, after exact matching failed: initials written with
 * dots ("E.L.R."), and misspelt words close to exactly one known word. */
static int match_repaired(const vp_gazetteer *g, const struct toks *t, vp_locus *out)
{
	vp_buf fixed = VP_BUF_INIT;
	struct toks t2 = {0};
	int rc = -1, changed = 0, initials = t->n >= 2;
	for (size_t i = 0; i < t->n; i++)
		initials &= t->end[i] - t->start[i] == 1;
	for (size_t i = 0; i < t->n; i++) {
		const char *w = t->norm.data + t->start[i];
		size_t n = t->end[i] - t->start[i];
		const char *c = initials ? NULL : correct_word(g, w, n);
		if (i && !initials && vp_buf_putc(&fixed, ' ') < 0)
			goto done;
		if (c)
			changed = 1;
		if (c ? vp_buf_puts(&fixed, c) < 0 : vp_buf_append(&fixed, w, n) < 0)
			goto done;
	}
	rc = 0;
	if (!changed && !initials)
		goto done;
	rc = -1;
	if (tokenise(fixed.data, fixed.len, &t2) < 0)
		goto done;
	rc = match_tokens(g, &t2, VP_MATCH_FIELD, out);
	if (rc == 1)
		out->corrected = 1;
done:
	vp_buf_free(&fixed);
	toks_free(&t2);
	return rc;
}

int vp_gazetteer_match(const vp_gazetteer *g, const char *s, size_t n,
                       enum vp_match_mode mode, vp_locus *out)
{
	vp_locus_clear(out);
	if (!g->finished)
		return 0;
	vp_buf reduced = VP_BUF_INIT;
	struct toks t = {0};
	int rc = -1;
	if (vp_postcode_reduce(s, n, &reduced) < 0 || tokenise(reduced.data, reduced.len, &t) < 0)
		goto done;
	rc = match_tokens(g, &t, mode, out);
	if (rc == 0 && mode == VP_MATCH_FIELD && !out->outside && !out->no_answer &&
	    !has_negation(&t))
		rc = match_repaired(g, &t, out);
done:
	vp_buf_free(&reduced);
	toks_free(&t);
	return rc;
}

void vp_gazetteer_resolve(const vp_gazetteer *g, const vp_locus *l, vp_resolved *r)
{
	int sys = -1, place = -1, loc = -1;
	int sys_ok = 1, place_ok = 1, loc_ok = 1, any = 0;
	for (size_t c = 0; c < g->ncells; c++) {
		if (!(l->cells[c / 64] & (1ULL << (c % 64))))
			continue;
		int p = g->cells[c].place, s = g->places[p].system, lo = g->cells[c].locality;
		if (!any) {
			sys = s, place = p, loc = lo, any = 1;
			continue;
		}
		sys_ok &= s == sys;
		place_ok &= p == place;
		loc_ok &= lo == loc;
	}
	r->found = l->found && any;
	r->system = r->found && sys_ok ? g->systems[sys] : VP_UNASSIGNED;
	r->place = r->found && sys_ok && place_ok ? g->places[place].name : VP_UNASSIGNED;
	r->locality = r->found && sys_ok && loc_ok ? g->localities[loc].name : VP_UNASSIGNED;
	r->ambiguous = r->found && (l->conflict || !place_ok || !loc_ok || !sys_ok);
	r->corrected = r->found && l->corrected;
	r->outside = !r->found && l->outside;
	r->no_answer = !r->found && l->no_answer;
}
