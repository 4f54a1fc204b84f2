/* lexicon_io.c - see include/voxpop/lexicon_io.h */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sysexits.h>

#include "voxpop/buf.h"
#include "voxpop/csv.h"
#include "voxpop/hash.h"
#include "voxpop/input.h"
#include "voxpop/lexicon.h"
#include "voxpop/lexicon_io.h"
#include "voxpop/record.h"
#include "voxpop/str.h"
#include "voxpop/utf8.h"

#include <utf8proc.h>

int vp_dict_format_parse(const char *s)
{
	if (strcmp(s, "yaml") == 0)
		return VP_DICT_YAML;
	if (strcmp(s, "liwc") == 0)
		return VP_DICT_LIWC;
	if (strcmp(s, "wordstat") == 0)
		return VP_DICT_WORDSTAT;
	return -1;
}

typedef struct ctx {
	const char *prog, *name;
	unsigned long *lost;
	vp_buf uq;           /* a decoded double-quoted YAML scalar */
	vp_buf why;          /* import: what stem_wildcards changed */
	vp_text *tx;         /* import: entries are checked as the loader reads them */
	struct cat {         /* import: every category */
		char *path;          /* its theme path */
		char *raw;           /* its name as written (the last key, the LIWC name) */
		unsigned long line;
	} *cats;
	size_t ncats, capc;
	int foldraw;         /* WordStat: category names compared ignoring case */
	struct anchor {      /* YAML anchors */
		char *name;
		char *val;           /* a key's theme path (key) or a scalar */
		int key;
	} *anchors;
	size_t nanchors, capa;
	int fdepth;          /* YAML: flow mappings open inside each other */
} ctx;

/* Every importer reads UTF-8 only: a line that is not is an error (its
 * entries would be written into a set vp-tag refuses to load). */
/* Text read from a dictionary: UTF-8 with no NUL byte (a damaged file;
 * the entry would be cut short at it). */
static int utf8_text(const ctx *c, unsigned long lineno, const char *s, size_t n, vp_err *e)
{
	if (n && memchr(s, '\0', n))
		return vp_errf_at(e, EX_DATAERR, c->name, lineno,
		                  "a NUL byte (\\0): not text (a damaged file?)");
	if (vp_utf8_check(s, n) == n)
		return 0;
	return vp_errf_at(e, EX_DATAERR, c->name, lineno,
	                  "invalid UTF-8 (there is no --encoding: convert the file first, "
	                  "e.g. iconv -f cp1252 -t utf-8)");
}

static int utf8_line(const ctx *c, unsigned long lineno, const vp_buf *line, vp_err *e)
{
	return utf8_text(c, lineno, line->data, line->len, e);
}

static void lost(ctx *c, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void lost(ctx *c, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	if (line)
		fprintf(stderr, "%s: %s:%lu: ", c->prog, c->name, line);
	else
		fprintf(stderr, "%s: %s: ", c->prog, c->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	(*c->lost)++;
}

/* ---- the imported dictionary: (theme, entry) pairs in order ---- */

typedef struct dict {
	char **theme, **entry;
	size_t n, cap, capt;
	vp_strmap seen;      /* "theme\0entry": each pair once */
	vp_buf key;
} dict;

static void dict_free(dict *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->theme[i]);
		free(d->entry[i]);
	}
	free(d->theme);
	free(d->entry);
	vp_strmap_free(&d->seen);
	vp_buf_free(&d->key);
}

static int dict_add(dict *d, const char *theme, const char *entry)
{
	/* an entry given twice (a LIWC category number repeated, a YAML key
	 * given twice) is written once: vp-tag --check calls a copy a repeat */
	vp_buf_clear(&d->key);
	if (vp_buf_puts(&d->key, theme) < 0 || vp_buf_putc(&d->key, '\0') < 0 ||
	    vp_buf_puts(&d->key, entry) < 0)
		return -1;
	int put = vp_strmap_put(&d->seen, d->key.data, d->key.len, 0, NULL);
	if (put <= 0)
		return put;
	if (vp_grow(&d->theme, &d->capt, d->n + 1, sizeof *d->theme) < 0 ||
	    vp_grow(&d->entry, &d->cap, d->n + 1, sizeof *d->entry) < 0)
		return -1;
	if (!(d->theme[d->n] = strdup(theme)))
		return -1;
	if (!(d->entry[d->n] = strdup(entry))) {
		free(d->theme[d->n]);
		return -1;
	}
	d->n++;
	return 0;
}

/* A glob pattern (quanteda, LIWC, WordStat) as a voxpop entry: '*' only at
 * the end of a word, no '?' inside a word, no '!' or '@' or '#' first; a
 * word that is only '*' matches any one word, as voxpop's '?' gap does
 * ("waited * hours" is "waited ? hours"; an entry of gaps alone is refused
 * by the loader's check after).
 * Returns 1 with the entry in b, 0 when it cannot be expressed. */
static int glob_entry(const char *pat, vp_buf *b, const char **why)
{
	vp_buf_clear(b);
	const char *p = pat;
	while (*p == ' ')
		p++;
	if (!*p) {
		*why = "an empty entry";
		return 0;
	}
	if (*p == '!' || *p == '@') {
		*why = "a leading '!' or '@' means something else in a voxpop lexicon";
		return 0;
	}
	for (; *p; p++) {
		if (*p == '#') {
			*why = "'#' starts a comment in a voxpop lexicon";
			return 0;
		}
		if (*p == '*' && p[1] && p[1] != ' ') {
			*why = "'*' inside a word (voxpop: only at a word's end)";
			return 0;
		}
		if (*p == '*' && (p == pat || p[-1] == ' ')) {
			if (vp_buf_putc(b, '?') < 0)
				return -1;
			continue;
		}
		if (*p == '?') {
			*why = "'?' for one character (voxpop: '?' is a whole word)";
			return 0;
		}
		if (vp_buf_putc(b, *p) < 0)
			return -1;
	}
	while (b->len && b->data[b->len - 1] == ' ')
		b->data[--b->len] = '\0';
	return 1;
}

/* A theme path made of keys: no empty, "." or ".." parts, no backslash or control character. */
static int theme_ok(const char *t)
{
	if (!*t || *t == '/' || t[strlen(t) - 1] == '/' || strstr(t, "//"))
		return 0;
	for (const char *p = t; *p; p++)
		if (*p == '\\' || (unsigned char)*p < 0x20)
			return 0;
	const char *s = t;
	for (;;) {
		const char *slash = strchr(s, '/');
		size_t n = slash ? (size_t)(slash - s) : strlen(s);
		if ((n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
			return 0;
		if (!slash)
			return 1;
		s = slash + 1;
	}
}

/* A category's name s (lower-cased when lower) as a theme name: a space or
 * TAB is '_' (theme names have none: vp-suggest's label file refuses one;
 * mental_health is written so), said at line and counted, as what the lexicon
 * cannot hold as written.  what: "key" or "category".  0 or -1 (memory). */
static int key_name(ctx *c, char *s, int lower, const char *what, unsigned long line)
{
	int spaced = 0;
	for (char *p = s; *p; p++) {
		if (*p == ' ' || *p == '\t')
			spaced = 1;
		else if (lower)
			*p = (char)tolower((unsigned char)*p);
	}
	if (!spaced)
		return 0;
	char *was = strdup(s);
	if (!was)
		return -1;
	for (char *p = s; *p; p++)
		if (*p == ' ' || *p == '\t')
			*p = '_';
	lost(c, line, "%s '%s': a space in a theme name; written as '%s'", what, was, s);
	free(was);
	return 0;
}

/* A category (theme path) seen at line, named raw in the file (WordStat's
 * lower-cased, as its names are read): one that ends with no entries,
 * itself or below it, is named by cats_report.  Two categories written
 * differently that map to one path ('Birth Centre' and 'Birth_Centre')
 * would be merged into one theme file without a word: an error (65), as a
 * LIWC category number used twice is; the same name again (a YAML key
 * given twice) is the same category.  what: "key" or "category".
 * 0, -1 out of memory, or EX_DATAERR with e filled. */
static int cat_add(ctx *c, const char *path, const char *raw, const char *what,
                   unsigned long line, vp_err *e)
{
	for (size_t i = 0; i < c->ncats; i++) {
		const struct cat *k = &c->cats[i];
		if (strcmp(k->path, path) == 0 &&
		    (c->foldraw ? strcasecmp(k->raw, raw) : strcmp(k->raw, raw)) != 0)
			return vp_errf_at(e, EX_DATAERR, c->name, line,
			                  "%s '%s' and line %lu's '%s' both name theme '%s' (rename one): "
			                  "nothing written", what, raw, k->line, k->raw, path);
	}
	if (vp_grow(&c->cats, &c->capc, c->ncats + 1, sizeof *c->cats) < 0)
		return -1;
	struct cat *k = &c->cats[c->ncats];
	if (!(k->path = strdup(path)))
		return -1;
	if (!(k->raw = strdup(raw))) {
		free(k->path);
		return -1;
	}
	k->line = line;
	c->ncats++;
	return 0;
}

static int dict_has(const dict *d, const char *theme);

/* A WordStat category under another with none under it: likely an entry
 * written without its weight ("DELAY" for "DELAY (1)"), which the format
 * cannot tell from a sub-category. */
static int wordstat_leaf(const ctx *c, size_t i)
{
	const char *p = c->cats[i].path;
	size_t n = strlen(p);
	if (!c->foldraw || !strchr(p, '/'))
		return 0;
	for (size_t j = 0; j < c->ncats; j++)
		if (strncmp(c->cats[j].path, p, n) == 0 && c->cats[j].path[n] == '/')
			return 0;
	return 1;
}

static void cats_report(const dict *d, ctx *c)
{
	for (size_t i = 0; i < c->ncats; i++) {
		size_t j = 0;
		while (j < i && strcmp(c->cats[j].path, c->cats[i].path) != 0)
			j++;
		if (j < i || dict_has(d, c->cats[i].path))
			continue;
		if (wordstat_leaf(c, i))
			lost(c, c->cats[i].line, "category '%s' has no entries: no theme file (an "
			     "entry? WordStat writes one with its weight: '%s (1)')", c->cats[i].path,
			     c->cats[i].raw);
		else
			lost(c, c->cats[i].line, "category '%s' has no entries: no theme file",
			     c->cats[i].path);
	}
}

static void ctx_free(ctx *c)
{
	vp_buf_free(&c->uq);
	vp_buf_free(&c->why);
	for (size_t i = 0; i < c->ncats; i++) {
		free(c->cats[i].path);
		free(c->cats[i].raw);
	}
	free(c->cats);
	for (size_t i = 0; i < c->nanchors; i++) {
		free(c->anchors[i].name);
		free(c->anchors[i].val);
	}
	free(c->anchors);
}

/* The dictionary's '*' ends a word (quanteda, LIWC and WordStat match the
 * words as written); voxpop's ends a stem, so a prefix stemmed to something
 * it does not start ('happy*': "happy" is "happi") would match nothing, not
 * even the word itself.  Such a prefix is written as its stem's ('happi*',
 * what vp-tag --check suggests).  b: an entry vp_lexicon_entry_check took.
 * 1 when b was changed (what, in c->why), 0, -1 out of memory. */
static int stem_wildcards(ctx *c, vp_buf *b)
{
	vp_buf out = VP_BUF_INIT;
	vp_tokens tk = VP_TOKENS_INIT;
	vp_err te = {0};
	int changed = 0, rc = 0;
	vp_buf_clear(&c->why);
	for (const char *p = b->data; *p && !rc;) {
		size_t n = strcspn(p, " ");
		const char *stem = NULL;
		size_t slen = 0;
		int miss = 0;
		if (n > 1 && p[n - 1] == '*') {
			vp_tokens_clear(&tk);
			/* one word, as the loader found (vp_lexicon_entry_check) */
			if (vp_text_tokenise(c->tx, p, n - 1, VP_TEXT_NOSTEM, &tk, &te) != 0) {
				rc = -1;
				break;
			}
			if (tk.n == 1)
				miss = vp_lexicon_prefix_misses(vp_text_stemcache(c->tx), vp_token(&tk, 0),
				                                tk.len[0], &stem, &slen);
			if (miss < 0 ||
			    (miss && vp_buf_printf(&c->why, "%s'%s' is stemmed '%.*s'",
			                           changed ? ", " : "", vp_token(&tk, 0), (int)slen,
			                           stem) < 0)) {
				rc = -1;
				break;
			}
		}
		if (miss) {
			changed = 1;
			/* stem is the cache's until its next call: written now */
			if (vp_buf_append(&out, stem, slen) < 0 || vp_buf_putc(&out, '*') < 0)
				rc = -1;
		} else if (vp_buf_append(&out, p, n) < 0) {
			rc = -1;
		}
		p += n;
		for (; *p == ' ' && !rc; p++)
			if (vp_buf_putc(&out, ' ') < 0)
				rc = -1;
	}
	if (!rc && changed) {
		vp_buf_clear(b);
		if (vp_buf_append(b, out.data, out.len) < 0)
			rc = -1;
	}
	vp_buf_free(&out);
	vp_tokens_free(&tk);
	return rc < 0 ? -1 : changed;
}

static int add_glob(dict *d, ctx *c, unsigned long line, const char *theme, const char *pat,
                    vp_buf *b)
{
	const char *why = NULL;
	for (const char *p = pat; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\t') {
			lost(c, line, "'%s' (%s): a line break or control character in an entry: "
			     "not imported", pat, theme);
			return 0;
		}
	int ok = glob_entry(pat, b, &why);
	if (ok < 0)
		return -1;
	if (!ok) {
		lost(c, line, "'%s' (%s): %s: not imported", pat, theme, why);
		return 0;
	}
	/* what vp-tag would refuse to load (an address, no words) is not
	 * written: the set would not load */
	vp_err le = {0};
	int lr = vp_lexicon_entry_check(c->tx, b->data, &le);
	if (lr == EX_OSERR)
		return -1;
	if (lr) {
		lost(c, line, "'%s' (%s): %s: not imported", pat, theme, le.msg);
		return 0;
	}
	int sr = stem_wildcards(c, b);
	if (sr < 0)
		return -1;
	if (sr)
		lost(c, line, "'%s' (%s): '*' ends a stem in voxpop, a word in the dictionary, and "
		     "%s (as written it would match nothing): written as '%s'", pat, theme,
		     c->why.data, b->data);
	return dict_add(d, theme, b->data);
}

/* ---- YAML (the subset quanteda writes and people write by hand) ---- */

/* A YAML scalar without its quotes: '' in single quotes is ', and double
 * quotes take YAML 1.2's escapes (\xXX, \uXXXX and \UXXXXXXXX as UTF-8,
 * \t \n \" \\ \/ \_ \N \L \P \e and the rest).  NULL with e filled for an
 * escape YAML does not have, a bad code point, \0 (no NUL in a lexicon) or
 * a quote that does not end on the line. */
static char *unquote(char *v, ctx *c, unsigned long line, vp_err *e)
{
	v = vp_trim(v);
	size_t n = strlen(v);
	if ((v[0] == '"' || v[0] == '\'') && (n < 2 || v[n - 1] != v[0])) {
		/* a plain scalar cannot start with a quote: taken as one, the
		 * entry would keep it */
		vp_errf_at(e, EX_DATAERR, c->name, line, "a quoted scalar that does not end on its line "
		           "(write it on one line): %s", v);
		return NULL;
	}
	if (n < 2 || v[n - 1] != v[0])
		return v;
	if (v[0] == '\'') {
		char *w = v;
		for (char *r = v + 1; r < v + n - 1; r++) {
			if (*r == '\'' && r[1] == '\'')
				r++;
			*w++ = *r;
		}
		*w = '\0';
		return v;
	}
	if (v[0] != '"')
		return v;
	vp_buf *b = &c->uq;
	vp_buf_clear(b);
	const char *end = v + n - 1;
	for (const char *r = v + 1; r < end; r++) {
		if (*r != '\\' || r + 1 >= end) {
			if (vp_buf_putc(b, *r) < 0)
				goto oom;
			continue;
		}
		char k = *++r;
		static const char simple[] = "abtnvfre \t\"/\\";
		static const char value[] = "\a\b\t\n\v\f\r\x1b \t\"/\\";
		const char *at = strchr(simple, k);
		unsigned long cp = 0;
		if (k && at) {
			if (vp_buf_putc(b, value[at - simple]) < 0)
				goto oom;
			continue;
		}
		int digits = k == 'x' ? 2 : k == 'u' ? 4 : k == 'U' ? 8 : 0;
		if (k == '_' || k == 'N' || k == 'L' || k == 'P') {
			cp = k == '_' ? 0xA0 : k == 'N' ? 0x85 : k == 'L' ? 0x2028 : 0x2029;
		} else if (digits) {
			for (int i = 1; i <= digits; i++) {
				int d = r + i < end ? vp_hex_digit((unsigned char)r[i]) : -1;
				if (d < 0) {
					vp_errf_at(e, EX_DATAERR, c->name, line, "'\\%c' wants %d hex digits "
					           "in a double-quoted scalar", k, digits);
					return NULL;
				}
				cp = cp << 4 | (unsigned long)d;
			}
			r += digits;
			if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
				vp_errf_at(e, EX_DATAERR, c->name, line, "'\\%c%.*s' is no character "
				           "for an entry", k, digits, r - digits + 1);
				return NULL;
			}
		} else if (k == '0') {
			vp_errf_at(e, EX_DATAERR, c->name, line, "'\\0' (NUL) cannot be in an entry");
			return NULL;
		} else {
			vp_errf_at(e, EX_DATAERR, c->name, line,
			           "unknown escape '\\%c' in a double-quoted scalar", k);
			return NULL;
		}
		char u[4];
		if (vp_buf_append(b, u, vp_utf8_encode(cp, u)) < 0)
			goto oom;
	}
	return b->data ? b->data : (char *)"";
oom:
	vp_oom(e);
	return NULL;
}

/* Can a quoted scalar start at p of line s?  Only where a scalar starts:
 * the line's start, after "- ", ": ", "[", "{", "," or an anchor ("&a 'x'");
 * the quote in a plain "don't" or "patient's view" opens nothing. */
static int scalar_start(const char *s, const char *p)
{
	const char *q = p;
	while (q > s && (q[-1] == ' ' || q[-1] == '\t'))
		q--;
	if (q == s)
		return 1;
	if (strchr("-:[{,", q[-1]))
		return q == p ? q[-1] == '[' || q[-1] == '{' || q[-1] == ',' ||
		                /* a quoted key's ':' ("a":["x"], as JSON is written) */
		                (q[-1] == ':' && q - 1 > s && (q[-2] == '"' || q[-2] == '\''))
		              : 1;
	if (q == p)
		return 0;
	const char *w = q;
	while (w > s && w[-1] != ' ' && w[-1] != '\t')
		w--;
	return *w == '&' || *w == '!';
}

/* p at the quote opening a quoted scalar: the quote closing it (skipping a
 * backslash escape in a double-quoted one, '' in a single-quoted one), or
 * NULL when the line ends first. */
static const char *quote_end(const char *p)
{
	char q = *p;
	for (p++; *p; p++) {
		if (q == '"' && *p == '\\' && p[1])
			p++;
		else if (q == '\'' && *p == '\'' && p[1] == '\'')
			p++;
		else if (*p == q)
			return p;
	}
	return NULL;
}

/* The first `what` of line s outside quoted scalars: '#' starting a
 * comment (at the start or after a space), ':' ending a key (before a
 * space, a TAB or the end), ',' separating flow items; NULL if none. */
static char *yaml_find(char *s, int what)
{
	for (char *p = s; *p; p++) {
		if ((*p == '"' || *p == '\'') && scalar_start(s, p)) {
			const char *q = quote_end(p);
			if (!q)
				return NULL;
			p += q - p;
			continue;
		}
		if (*p != what)
			continue;
		if (what == '#' && (p == s || p[-1] == ' ' || p[-1] == '\t'))
			return p;
		if (what == ':' && (p[1] == ' ' || p[1] == '\t' || !p[1]))
			return p;
		if (what == ',')
			return p;
	}
	return NULL;
}

/* Cut a comment: '#' after a space, outside quotes. */
static void cut_comment(char *s)
{
	char *h = yaml_find(s, '#');
	if (h)
		*h = '\0';
}

/* A key (or WordStat category) open at indent; YAML: where its block list's
 * items are (items, SIZE_MAX before the first) and the line of a value
 * written on its own line (value_line, 0 if none). */
typedef struct ykey {
	size_t indent, items;
	char *name;
	unsigned long items_line, value_line;
} ykey;

static int yaml_path(const ykey *st, size_t n, vp_buf *b);

/* A category (YAML's key, WordStat's category) written raw at indent,
 * pushed on the nesting st[0..*nst): named as a path segment (spaces '_',
 * lower case when lower; a '/', which would make a sub-theme, '_' and
 * said), its theme path in path, checked and noted (cat_add).  what: "key"
 * or "category".  0, -1 out of memory, or EX_DATAERR with e filled. */
/* A key or category written raw as a path segment in *seg (allocated):
 * spaces '_' (key_name), lower case when lower, a '/', which would make a
 * sub-theme, '_' and said.  0, -1 out of memory, or EX_DATAERR. */
static int key_segment(ctx *c, const char *raw, int lower, const char *what, unsigned long line,
                       char **seg, vp_err *e)
{
	if (!*raw) /* an empty name would stand for its parent (yaml_path) */
		return vp_errf_at(e, EX_DATAERR, c->name, line, "an empty %s cannot name a theme", what);
	char *k = strdup(raw);
	if (!k)
		return -1;
	if (key_name(c, k, lower, what, line) < 0) {
		free(k);
		return -1;
	}
	if (strchr(k, '/')) {
		lost(c, line, "%s '%s': '/' would make a sub-theme; written as '_'", what, k);
		for (char *p = k; *p; p++)
			if (*p == '/')
				*p = '_';
	}
	*seg = k;
	return 0;
}

static int push_category(ctx *c, ykey *st, size_t *nst, size_t indent, const char *raw,
                         int lower, const char *what, unsigned long line, vp_buf *path,
                         vp_err *e)
{
	char *k;
	int r = key_segment(c, raw, lower, what, line, &k, e);
	if (r)
		return r;
	st[*nst] = (ykey){.indent = indent, .items = SIZE_MAX, .name = k};
	(*nst)++;
	if (yaml_path(st, *nst, path) < 0)
		return -1;
	if (!theme_ok(path->data))
		return vp_errf_at(e, EX_DATAERR, c->name, line, "%s '%s' cannot name a theme", what, raw);
	return cat_add(c, path->data, raw, what, line, e);
}

/* The theme path of the keys st[0..n); a key with an empty name (YAML's
 * "__") names its parent's theme. */
static int yaml_path(const ykey *st, size_t n, vp_buf *b)
{
	vp_buf_clear(b);
	for (size_t i = 0; i < n; i++) {
		if (!*st[i].name)
			continue;
		if ((b->len && vp_buf_putc(b, '/') < 0) || vp_buf_puts(b, st[i].name) < 0)
			return -1;
	}
	return 0;
}

/* A node's anchor "&name" in front of v: the name (cut out of v) in
 * *name, or NULL; returns v after it. */
static char *take_anchor(char *v, char **name)
{
	*name = NULL;
	v = vp_trim(v);
	if (*v != '&')
		return v;
	char *p = v + 1;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (*p)
		*p++ = '\0';
	*name = v + 1;
	return vp_trim(p);
}

/* Anchor name -> a key's theme path (key) or an item's text; a name
 * defined again means the later node from then on, as in YAML. */
static int anchor_set(ctx *c, const char *name, const char *val, int key)
{
	if (vp_grow(&c->anchors, &c->capa, c->nanchors + 1, sizeof *c->anchors) < 0)
		return -1;
	struct anchor *a = &c->anchors[c->nanchors];
	if (!(a->name = strdup(name)))
		return -1;
	if (!(a->val = strdup(val))) {
		free(a->name);
		return -1;
	}
	a->key = key;
	c->nanchors++;
	return 0;
}

/* The alias "*name" at v: the anchor's index, or -1 with e filled. */
static long anchor_find(ctx *c, unsigned long line, const char *v, vp_err *e)
{
	const char *name = v + 1;
	for (size_t i = c->nanchors; i-- > 0;)
		if (strcmp(c->anchors[i].name, name) == 0)
			return (long)i;
	vp_errf_at(e, EX_DATAERR, c->name, line, "alias '%s' names no anchor defined before it", v);
	return -1;
}

/* Entries of theme `from` and its sub-themes again under `to` (an alias
 * of an anchored key).  0 or -1. */
static int dict_copy(dict *d, const char *from, const char *to, vp_buf *b)
{
	size_t n = d->n, fl = strlen(from);
	for (size_t i = 0; i < n; i++) {
		const char *t = d->theme[i];
		if (strncmp(t, from, fl) != 0 || (t[fl] && t[fl] != '/'))
			continue;
		vp_buf_clear(b);
		if (vp_buf_printf(b, "%s%s", to, t + fl) < 0 || dict_add(d, b->data, d->entry[i]) < 0)
			return -1;
	}
	return 0;
}

/* One item (a block list's or a flow list's): its anchor noted, an alias
 * replaced by the item it names.  0, -1 out of memory, or an EX_* code. */
static int yaml_item(dict *d, ctx *c, unsigned long line, const char *theme, char *v, vp_buf *b,
                     vp_err *e)
{
	char *an;
	v = take_anchor(v, &an);
	if (*v == '*') {
		long i = anchor_find(c, line, v, e);
		if (i < 0)
			return e->code;
		if (c->anchors[i].key) {
			lost(c, line, "alias '%s' (%s): a list or keys inside a list: not imported", v, theme);
			return 0;
		}
		return add_glob(d, c, line, theme, c->anchors[i].val, b);
	}
	char *u = unquote(v, c, line, e);
	if (!u)
		return e->code == EX_OSERR ? -1 : e->code;
	if (an && anchor_set(c, an, u, 0) < 0)
		return -1;
	return add_glob(d, c, line, theme, u, b);
}

static int yaml_items(dict *d, ctx *c, unsigned long line, const char *theme, char *v, vp_buf *b,
                      vp_err *e);

/* The value v of key path, anchored or not: an alias "*name" (the anchored
 * key's entries and sub-keys again, or the anchored item), or list items
 * or a flow mapping.  0, -1 out of memory, or an EX_* code with e filled. */
static int key_value(dict *d, ctx *c, unsigned long line, const char *path, char *v, vp_buf *b,
                     vp_err *e)
{
	char *an;
	v = take_anchor(v, &an);
	if (an && anchor_set(c, an, path, 1) < 0)
		return -1;
	if (*v != '*')
		return *v ? yaml_items(d, c, line, path, v, b, e) : 0;
	long ai = anchor_find(c, line, v, e);
	if (ai < 0)
		return e->code;
	const struct anchor *a = &c->anchors[ai];
	return a->key ? (dict_copy(d, a->val, path, b) < 0 ? -1 : 0) : add_glob(d, c, line, path, a->val, b);
}

/* p inside a flow collection of text s: the first ',' or closing bracket
 * at its own depth, outside quoted scalars and the collections inside it;
 * NULL when the text ends first. */
static char *flow_next(const char *s, char *p)
{
	int depth = 0;
	for (; *p; p++) {
		if ((*p == '"' || *p == '\'') && scalar_start(s, p)) {
			const char *q = quote_end(p);
			if (!q)
				return NULL;
			p += q - p;
		} else if ((*p == '[' || *p == '{') && scalar_start(s, p)) {
			depth++;
		} else if (*p == ']' || *p == '}') {
			if (!depth)
				return p;
			depth--;
		} else if (*p == ',' && !depth) {
			return p;
		}
	}
	return NULL;
}

/* One "key: value" of a flow mapping under theme (kv cut from it). */
static int flow_pair(dict *d, ctx *c, unsigned long line, const char *theme, char *kv, vp_buf *b,
                     vp_err *e)
{
	char *colon = NULL;
	if (*kv == '"' || *kv == '\'') {
		/* a quoted key may meet its ':' ("a":[x], as JSON is written) */
		const char *q = quote_end(kv);
		if (q) {
			q += 1 + strspn(q + 1, " \t");
			colon = *q == ':' ? (char *)q : NULL;
		}
	} else {
		colon = yaml_find(kv, ':');
	}
	char *v = (char *)"";
	if (colon) { /* no ':': a key with no value ({a, b}) */
		*colon = '\0';
		v = colon + 1;
	}
	char *raw = unquote(kv, c, line, e);
	if (!raw)
		return e->code == EX_OSERR ? -1 : e->code;
	vp_buf path = VP_BUF_INIT;
	char *seg = NULL;
	int r = 0;
	if (*theme && strcmp(raw, "__") == 0) {
		/* quanteda's key for its parent's own entries, as in block form */
		r = vp_buf_puts(&path, theme) < 0 ? -1 : 0;
	} else if (!(r = key_segment(c, raw, 0, "key", line, &seg, e))) {
		if (vp_buf_printf(&path, "%s%s%s", theme, *theme ? "/" : "", seg) < 0)
			r = -1;
		else if (!theme_ok(path.data))
			r = vp_errf_at(e, EX_DATAERR, c->name, line, "key '%s' cannot name a theme", raw);
		else
			r = cat_add(c, path.data, raw, "key", line, e);
	}
	if (!r)
		r = key_value(d, c, line, path.data, vp_trim(v), b, e);
	free(seg);
	vp_buf_free(&path);
	return r;
}

/* A flow mapping v ("{waiting: [wait], contact: [phone]}", nested or not,
 * joined from the lines it was written over) under theme: its keys are
 * sub-themes, as a block mapping's are.  0, -1 out of memory, or an EX_*
 * code with e filled. */
static int flow_map(dict *d, ctx *c, unsigned long line, const char *theme, char *v, vp_buf *b,
                    vp_err *e)
{
	if (c->fdepth >= VP_LEXICON_MAX_DEPTH)
		return vp_errf_at(e, EX_DATAERR, c->name, line, "flow mappings nested deeper than %d",
		                  VP_LEXICON_MAX_DEPTH);
	c->fdepth++;
	int r = 0;
	for (char *p = v + 1;;) {
		char *end = flow_next(v, p);
		if (!end || *end == ']') {
			r = vp_errf_at(e, EX_DATAERR, c->name, line, "a flow mapping %s: %s",
			               end ? "closed by ']'" : "whose '}' never comes", v);
			break;
		}
		char ch = *end;
		*end = '\0';
		char *kv = vp_trim(p);
		if (*kv && (r = flow_pair(d, c, line, theme, kv, b, e)))
			break;
		p = end + 1;
		if (ch != '}')
			continue;
		if (*vp_trim(p))
			r = vp_errf_at(e, EX_DATAERR, c->name, line, "'%s' after a flow mapping's '}'",
			               vp_trim(p));
		break;
	}
	c->fdepth--;
	return r;
}

/* 0, -1 out of memory, or an EX_* code with e filled. */
static int yaml_items(dict *d, ctx *c, unsigned long line, const char *theme, char *v, vp_buf *b,
                      vp_err *e)
{
	v = vp_trim(v);
	if (*v == '{')
		return flow_map(d, c, line, theme, v, b, e);
	if (*v != '[')
		return yaml_item(d, c, line, theme, v, b, e);
	size_t n = strlen(v);
	if (v[n - 1] != ']') {
		lost(c, line, "a flow list that does not end on its line: not imported");
		return 0;
	}
	v[n - 1] = '\0';
	/* items end at a ',' outside quotes ("long, long time" is one) */
	for (char *it = v + 1, *comma; it; it = comma ? comma + 1 : NULL) {
		if ((comma = yaml_find(it, ',')))
			*comma = '\0';
		if (!*vp_trim(it))
			continue;
		int r = yaml_item(d, c, line, theme, it, b, e);
		if (r)
			return r;
	}
	return 0;
}

/* How many flow collections ('[' or '{' where a scalar starts, outside
 * quotes) line s leaves open, depth of them open before its part from:
 * more than 0 when one goes on to the next lines, as PyYAML wraps a long
 * one ("access: [wait, queue,", "  delay]").  Each line joined is read once. */
static int flow_open(const char *s, const char *from, int depth)
{
	for (const char *p = from; *p; p++) {
		if ((*p == '"' || *p == '\'') && scalar_start(s, p)) {
			if (!(p = quote_end(p)))
				return depth;
			continue;
		}
		if ((*p == '[' || *p == '{') && scalar_start(s, p))
			depth++;
		else if ((*p == ']' || *p == '}') && depth)
			depth--;
	}
	return depth;
}

static int import_yaml(dict *d, ctx *c, FILE *fp, vp_err *e)
{
	vp_buf line = VP_BUF_INIT, path = VP_BUF_INIT, b = VP_BUF_INIT;
	vp_buf flow = VP_BUF_INIT; /* a flow list's lines so far, joined */
	ykey st[VP_LEXICON_MAX_DEPTH];
	size_t nst = 0, block = SIZE_MAX;  /* block: a block scalar's key's indent */
	/* nread: lines read; lineno: the line named (a wrapped flow list's first) */
	unsigned long nread = 0, lineno = 0, flow_line = 0;
	int rc = 0, got, body = 0, flow_depth = 0;
	while ((got = vp_read_line(fp, &line, SIZE_MAX, NULL)) == 1) {
		lineno = ++nread;
		if ((rc = utf8_line(c, nread, &line, e)))
			break;
		char *s = nread == 1 ? vp_skip_bom(line.data) : line.data;
		cut_comment(s);
		if (flow_line) {
			/* a line of a flow list opened above: read with it as one */
			size_t from = flow.len;
			if (vp_buf_putc(&flow, ' ') < 0 || vp_buf_puts(&flow, vp_trim(s)) < 0)
				goto oom;
			if ((flow_depth = flow_open(flow.data, flow.data + from, flow_depth)))
				continue;
			s = flow.data;
			lineno = flow_line;
			flow_line = 0;
		}
		size_t ind = 0;
		while (s[ind] == ' ')
			ind++;
		if (s[ind] == '\t') {
			rc = vp_errf_at(e, EX_DATAERR, c->name, lineno, "a TAB in the indentation");
			break;
		}
		char *t = vp_trim(s);
		if (!*t || strcmp(t, "---") == 0 || strcmp(t, "...") == 0)
			continue;
		/* a directive ("%YAML 1.2") before the document's first line */
		if (!body && s[0] == '%')
			continue;
		body = 1;
		if (block != SIZE_MAX && ind > block)
			continue;
		block = SIZE_MAX;
		if (lineno == nread && (flow_depth = flow_open(t, t, 0))) {
			vp_buf_clear(&flow);
			if (vp_buf_append(&flow, s, (size_t)(t - s)) < 0 || vp_buf_puts(&flow, t) < 0)
				goto oom;
			flow_line = lineno;
			continue;
		}
		if (t[0] == '{') {
			/* a flow mapping of its own: the document's ("{a: [x]}"), or
			 * the value of the key above it, written on the next line */
			while (nst && st[nst - 1].indent >= ind)
				free(st[--nst].name);
			if (yaml_path(st, nst, &path) < 0)
				goto oom;
			if (nst && st[nst - 1].items != SIZE_MAX) {
				rc = vp_errf_at(e, EX_DATAERR, c->name, lineno, "a flow mapping under '%s', "
				                "whose list starts on line %lu", path.data, st[nst - 1].items_line);
				break;
			}
			if (nst)
				st[nst - 1].value_line = lineno;
			int yr = flow_map(d, c, lineno, path.data ? path.data : "", t, &b, e);
			if (yr < 0)
				goto oom;
			if ((rc = yr))
				break;
			continue;
		}
		if (t[0] == '-' && (t[1] == ' ' || !t[1])) {
			while (nst && st[nst - 1].indent > ind)
				free(st[--nst].name);
			if (!nst) {
				lost(c, lineno, "a list item outside any key: not imported");
				continue;
			}
			if (yaml_path(st, nst, &path) < 0)
				goto oom;
			/* an item belongs to its key's one list (its value on the key's
			 * line, or a deeper list beside it, would take it silently) */
			ykey *k = &st[nst - 1];
			if (k->value_line) {
				rc = vp_errf_at(e, EX_DATAERR, c->name, lineno, "a list item under '%s', whose "
				                "value is on line %lu", path.data, k->value_line);
				break;
			}
			if (k->items == SIZE_MAX) {
				k->items = ind;
				k->items_line = lineno;
			} else if (k->items != ind) {
				rc = vp_errf_at(e, EX_DATAERR, c->name, lineno, "a list item indented %zu, but "
				                "the items of '%s' are indented %zu (line %lu)", ind, path.data,
				                k->items, k->items_line);
				break;
			}
			char *item = vp_trim(t + 1);
			if (*item != '{' && yaml_find(item, ':')) {
				/* "- taxes:" is a key inside the list: a sub-theme, at the
				 * column where it is written */
				ind += (size_t)(item - t);
				t = item;
			} else {
				int yr = yaml_items(d, c, lineno, path.data, item, &b, e);
				if (yr < 0)
					goto oom;
				if ((rc = yr))
					break;
				continue;
			}
		}
		char *colon = yaml_find(t, ':');
		if (!colon) {
			rc = vp_errf_at(e, EX_DATAERR, c->name, lineno, "expected 'key:' or '- entry'");
			break;
		}
		*colon = '\0';
		while (nst && st[nst - 1].indent >= ind)
			free(st[--nst].name);
		if (nst == VP_LEXICON_MAX_DEPTH) {
			rc = vp_errf_at(e, EX_DATAERR, c->name, lineno, "keys nested deeper than %d",
			                VP_LEXICON_MAX_DEPTH);
			break;
		}
		char *uk = unquote(t, c, lineno, e);
		if (!uk) {
			if (e->code == EX_OSERR)
				goto oom;
			rc = e->code;
			break;
		}
		int ca = 0;
		if (nst && strcmp(uk, "__") == 0) {
			/* quanteda's as.yaml puts a key's own entries, beside its
			 * sub-keys, under "__": the parent's theme */
			char *own = strdup("");
			if (!own)
				goto oom;
			st[nst++] = (ykey){.indent = ind, .items = SIZE_MAX, .name = own};
			if (yaml_path(st, nst, &path) < 0)
				goto oom;
		} else {
			ca = push_category(c, st, &nst, ind, uk, 0, "key", lineno, &path, e);
		}
		if (ca < 0)
			goto oom;
		if (ca) {
			rc = ca;
			break;
		}
		char *an;
		char *v = take_anchor(colon + 1, &an);
		if (an && anchor_set(c, an, path.data, 1) < 0)
			goto oom;
		int yr = 0;
		if (*v)
			st[nst - 1].value_line = lineno;
		if ((*v == '|' || *v == '>') && strspn(v + 1, "+-0123456789") == strlen(v + 1)) {
			/* a block scalar: its lines (indented deeper) are skipped */
			lost(c, lineno, "'%s' (%s): a block scalar (write a list of entries): not imported",
			     v, path.data);
			block = ind;
		} else {
			yr = key_value(d, c, lineno, path.data, v, &b, e);
		}
		if (yr < 0)
			goto oom;
		if ((rc = yr))
			break;
	}
	if (!rc)
		rc = vp_read_line_end(got, c->name, e);
	if (!rc && flow_line)
		rc = vp_errf_at(e, EX_DATAERR, c->name, flow_line, "a flow list or mapping whose ']' or '}' never comes "
		                "(at the end of the file)");
	goto out;
oom:
	rc = vp_oom(e);
out:
	while (nst)
		free(st[--nst].name);
	vp_buf_free(&line);
	vp_buf_free(&path);
	vp_buf_free(&b);
	vp_buf_free(&flow);
	return rc;
}

/* The indentation of line s, nesting a category under the one above it
 * (WordStat, LIWC): a TAB is 8, spaces count as they come (levels are
 * relative, compared with the categories above). */
static size_t indent_level(const char *s)
{
	size_t level = 0;
	for (; *s == ' ' || *s == '\t'; s++)
		level += *s == '\t' ? 8 : 1;
	return level;
}

/* ---- LIWC .dic ---- */

/* A LIWC category number s as the key it is filed under: its digits
 * without leading zeros ("01" is 1, as LIWC and quanteda read it); NULL
 * when s is not a number. */
static const char *liwc_number(const char *s)
{
	if (!*s || strspn(s, "0123456789") != strlen(s))
		return NULL;
	while (s[0] == '0' && s[1])
		s++;
	return s;
}

/* The cell "X" (any case) marks an entry of a category; a number is a
 * weight (LIWC-22 writes weighted dictionaries so), the entry one of the
 * category unless it is 0.  1 a mark, 2 a weight not 0, 0 none (empty, 0),
 * -1 neither. */
static int dicx_mark(const char *v)
{
	if (!*v)
		return 0;
	if (strcasecmp(v, "x") == 0)
		return 1;
	char *end;
	errno = 0;
	double w = strtod(v, &end);
	if (end == v || *end || errno == ERANGE || w != w)
		return -1;
	return w == 0 ? 0 : 2;
}

/* Is line s (lineno, the first with text) the header of a LIWC-22 .dicx,
 * "DicTerm,cat,cat"?  1 yes, 0 no, EX_DATAERR when the file is named
 * .dicx but does not start so, -1 out of memory. */
static int dicx_header(ctx *c, const char *s, unsigned long lineno, vp_err *e)
{
	size_t n = strlen(s), nl = strlen(c->name);
	int named = nl > 5 && strcasecmp(c->name + nl - 5, ".dicx") == 0;
	const char *t = s + strspn(s, " \t\"");
	if (n >= 8 && strncasecmp(t, "DicTerm", 7) == 0 && strchr(",\"", t[7]))
		return 1;
	if (!named)
		return 0;
	return vp_errf_at(e, EX_DATAERR, c->name, lineno, "a LIWC-22 .dicx starts with a 'DicTerm' "
	                  "column, then one column a category (a .dic starts with '%%')");
}

/* A LIWC-22 .dicx: header (line lineno, read) "DicTerm,cat,...", then a
 * row an entry, an "X" in the column of each category it is in (CSV as
 * the csv reader reads it; the rest of fp).  Category names as a .dic's:
 * a '/' makes a sub-theme, a space is '_' (said).  A weight is named, a
 * cell that is neither a mark nor a number named and not imported. */
static int import_dicx(dict *d, ctx *c, FILE *fp, const char *header, unsigned long lineno,
                       vp_err *e)
{
	vp_buf b = VP_BUF_INIT, ent = VP_BUF_INIT;
	char **names = NULL;
	size_t nnames = 0, capn = 0;
	vp_csv *cv = NULL;
	int rc = 0, got;
	FILE *hf = fmemopen((void *)header, strlen(header), "r");
	if (!hf)
		return vp_errf(e, EX_OSERR, "%s: %s", c->name, strerror(errno));
	vp_csv_opts ho = {.first_line = lineno};
	if (!(cv = vp_csv_open(hf, c->name, &ho)))
		goto oom;
	if ((got = vp_csv_next(cv, e)) != 1) {
		rc = got ? got : vp_errf_at(e, EX_DATAERR, c->name, lineno, "no .dicx header");
		goto out;
	}
	for (size_t i = 1; i < vp_csv_nfields(cv); i++) {
		size_t fl;
		const char *f = vp_csv_field(cv, i, &fl);
		if ((rc = utf8_text(c, lineno, f, fl, e)))
			goto out;
		if (vp_grow(&names, &capn, nnames + 1, sizeof *names) < 0)
			goto oom;
		names[nnames] = NULL;
		vp_buf_clear(&b);
		if (vp_buf_append(&b, f, fl) < 0)
			goto oom;
		char *name = vp_trim(b.data ? b.data : (char *)"");
		nnames++;
		if (!*name) /* a column with no name: its marks are named below */
			continue;
		char *k = strdup(name);
		if (!k)
			goto oom;
		if (key_name(c, k, 0, "category", lineno) < 0) {
			free(k);
			goto oom;
		}
		names[nnames - 1] = k;
		if (!theme_ok(k)) {
			rc = vp_errf_at(e, EX_DATAERR, c->name, lineno, "category '%s' cannot name a theme", k);
			goto out;
		}
		if ((rc = cat_add(c, k, name, "category", lineno, e)))
			goto out;
	}
	vp_csv_close(cv);
	fclose(hf);
	hf = NULL;
	vp_csv_opts ro = {.first_line = lineno + 1};
	if (!(cv = vp_csv_open(fp, c->name, &ro)))
		goto oom;
	while ((got = vp_csv_next(cv, e)) == 1) {
		unsigned long ln = vp_csv_line(cv);
		size_t nf = vp_csv_nfields(cv), fl;
		for (size_t i = 0; i < nf; i++) {
			const char *f = vp_csv_field(cv, i, &fl);
			if ((rc = utf8_text(c, ln, f, fl, e)))
				goto out;
		}
		vp_buf_clear(&ent);
		if (vp_buf_puts(&ent, vp_csv_field(cv, 0, NULL)) < 0)
			goto oom;
		char *entry = vp_trim(ent.data ? ent.data : (char *)"");
		int any = 0, blank = 1;
		for (size_t i = 1; i < nf; i++) {
			char *v = vp_trim((char *)vp_csv_field(cv, i, NULL));
			int m = dicx_mark(v);
			if (*v)
				blank = 0;
			if (!m)
				continue;
			const char *cat = i <= nnames ? names[i - 1] : NULL;
			if (!*entry)
				continue; /* named once, below */
			if (!cat) {
				lost(c, ln, "'%s': '%s' in column %zu, which names no category: not imported",
				     entry, v, i + 1);
				continue;
			}
			if (m < 0) {
				lost(c, ln, "'%s' (%s): '%s' is not a mark (X): not imported", entry, cat, v);
				continue;
			}
			if (m == 2)
				lost(c, ln, "'%s' (%s): weight %s has no equivalent (an entry counts once): "
				     "imported", entry, cat, v);
			any = 1;
			if (add_glob(d, c, ln, cat, entry, &b) < 0)
				goto oom;
		}
		if (!*entry) {
			if (!blank)
				lost(c, ln, "a row of marks with no entry: not imported");
			continue;
		}
		if (!any)
			lost(c, ln, "'%s' has no category: not imported", entry);
	}
	if (got)
		rc = got;
	goto out;
oom:
	rc = vp_oom(e);
out:
	vp_csv_close(cv);
	if (hf)
		fclose(hf);
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	vp_buf_free(&b);
	vp_buf_free(&ent);
	return rc;
}

/* The next of an entry's categories in *p (cut out, *p moved past it), or
 * NULL at the end: split at spaces and TABs, but not inside brackets --
 * LIWC2007 writes a conditional category "(02 134)125/464". */
static char *liwc_next_cat(char **p)
{
	char *s = *p + strspn(*p, " \t");
	if (!*s)
		return NULL;
	char *q = s;
	for (int depth = 0; *q && (depth || (*q != ' ' && *q != '\t')); q++)
		depth += (*q == '(') - (*q == ')' && depth);
	if (*q)
		*q++ = '\0';
	*p = q;
	return s;
}

static int import_liwc(dict *d, ctx *c, FILE *fp, vp_err *e)
{
	vp_buf line = VP_BUF_INIT, b = VP_BUF_INIT;
	vp_strmap cats = VP_STRMAP_INIT;
	char **names = NULL, **labels = NULL;
	unsigned long *catline = NULL;
	size_t nnames = 0, capn = 0, capl = 0, capb = 0;
	/* the header's categories open above the current one: an indented one
	 * is a sub-theme of the one above it ("1 funct", "<TAB>2 pronoun":
	 * funct/pronoun), as WordStat levels and YAML nesting are */
	struct {
		size_t level, name;
	} open[VP_LEXICON_MAX_DEPTH];
	size_t nopen = 0;
	unsigned long lineno = 0;
	int rc = 0, got, section = 0;
	while ((got = vp_read_line(fp, &line, SIZE_MAX, NULL)) == 1) {
		lineno++;
		if ((rc = utf8_line(c, lineno, &line, e)))
			break;
		char *s = lineno == 1 ? vp_skip_bom(line.data) : line.data;
		char *t = vp_trim(s);
		if (!*t)
			continue;
		if (strcmp(t, "%") == 0) {
			section++;
			continue;
		}
		if (section == 0) {
			/* LIWC-22 saves a .dicx: a CSV whose first column is DicTerm */
			int dx = dicx_header(c, s, lineno, e);
			if (dx == 1)
				rc = import_dicx(d, c, fp, s, lineno, e);
			else if (dx == 0)
				rc = vp_errf_at(e, EX_DATAERR, c->name, lineno, "expected the '%%' header first");
			else
				rc = dx < 0 ? vp_oom(e) : dx;
			vp_buf_free(&line);
			vp_buf_free(&b);
			return rc;
		}
		if (section == 1) {
			size_t level = indent_level(s);
			while (nopen && open[nopen - 1].level >= level)
				nopen--;
			if (nopen == VP_LEXICON_MAX_DEPTH) {
				rc = vp_errf_at(e, EX_DATAERR, c->name, lineno, "categories nested deeper than %d",
				                VP_LEXICON_MAX_DEPTH);
				break;
			}
			char *sp = t + strcspn(t, " \t");
			if (sp == t || !*sp) {
				rc = vp_errf_at(e, EX_DATAERR, c->name, lineno, "expected 'NUMBER<TAB>category'");
				break;
			}
			*sp = '\0';
			/* an entry line here: the '%' ending the header is missing */
			const char *num = liwc_number(t);
			if (!num) {
				rc = vp_errf_at(e, EX_DATAERR, c->name, lineno, "'%s' is not a category number "
				                "(is the '%%' that ends the header missing?)", t);
				break;
			}
			char *name = vp_trim(sp + 1), *label = NULL;
			/* LIWC 2015: "1<TAB>function<TAB>(Function Words)", a description
			 * after the name (it becomes the theme's @label) */
			char *tab2 = strchr(name, '\t');
			if (!tab2 && name[0] && name[strlen(name) - 1] == ')') {
				/* or after spaces, when it is in brackets ("2 social
				 * (Social Processes)", retyped by hand): name and label */
				char *sp2 = strstr(name, " (");
				if (sp2)
					tab2 = sp2;
			}
			if (tab2) {
				*tab2 = '\0';
				label = vp_trim(tab2 + 1);
				size_t ln = strlen(label);
				if (ln >= 2 && label[0] == '(' && label[ln - 1] == ')') {
					label[ln - 1] = '\0';
					label = vp_trim(label + 1);
				}
				name = vp_trim(name);
			}
			char *raw = strdup(name);
			if (!raw)
				goto oom;
			if (key_name(c, name, 0, "category", lineno) < 0) {
				free(raw);
				goto oom;
			}
			vp_buf_clear(&b);
			if ((nopen && vp_buf_printf(&b, "%s/", names[open[nopen - 1].name]) < 0) ||
			    vp_buf_puts(&b, name) < 0) {
				free(raw);
				goto oom;
			}
			name = b.data; /* its theme path */
			if (!theme_ok(name)) {
				free(raw);
				rc = vp_errf_at(e, EX_DATAERR, c->name, lineno, "category '%s' cannot name a theme", name);
				break;
			}
			size_t *at;
			int put = vp_strmap_put(&cats, num, strlen(num), nnames, &at);
			if (put <= 0 || vp_grow(&names, &capn, nnames + 1, sizeof *names) < 0 ||
			    vp_grow(&labels, &capb, nnames + 1, sizeof *labels) < 0 ||
			    vp_grow(&catline, &capl, nnames + 1, sizeof *catline) < 0 ||
			    !(names[nnames] = strdup(name))) {
				free(raw);
				if (put != 0)
					goto oom;
				rc = vp_errf_at(e, EX_DATAERR, c->name, lineno,
				                "category number %s is used twice (line %lu: %s)", t,
				                catline[*at], names[*at]);
				break;
			}
			int ca = cat_add(c, name, raw, "category", lineno, e);
			free(raw);
			if (ca < 0) {
				free(names[nnames]);
				goto oom;
			}
			if (ca) {
				free(names[nnames]);
				rc = ca;
				break;
			}
			labels[nnames] = label && *label ? strdup(label) : NULL;
			if (label && *label && !labels[nnames])
				goto oom;
			open[nopen].level = level;
			open[nopen++].name = nnames;
			catline[nnames++] = lineno;
			continue;
		}
		/* entry<TAB>n n n (a phrase's words are separated by spaces) */
		char *tab = strchr(t, '\t'), *nums;
		if (tab) {
			*tab = '\0';
			nums = tab + 1;
		} else {
			/* no TAB: the trailing words that are numbers */
			char *p = t + strlen(t);
			while (p > t) {
				char *q = p;
				while (q > t && q[-1] != ' ')
					q--;
				if (q == p || strspn(q, "0123456789") != (size_t)(p - q))
					break;
				p = q > t ? q - 1 : q;
				if (q == t)
					break;
			}
			nums = *p ? p + 1 : p;
			*p = '\0';
		}
		char *entry = vp_trim(t);
		if (!*entry) {
			lost(c, lineno, "a line of category numbers with no entry: not imported");
			continue;
		}
		if (!nums[strspn(nums, " \t")]) {
			lost(c, lineno, "'%s' has no category: not imported", entry);
			continue;
		}
		for (char *n = liwc_next_cat(&nums); n; n = liwc_next_cat(&nums)) {
			const char *num = liwc_number(n);
			size_t *ci = num ? vp_strmap_get(&cats, num, strlen(num)) : NULL;
			if (!ci) {
				lost(c, lineno, "'%s': category '%s'%s: not imported", entry, n,
				     strpbrk(n, "/()") ? " (a conditional category)" : " is not in the header");
				continue;
			}
			if (add_glob(d, c, lineno, names[*ci], entry, &b) < 0)
				goto oom;
		}
	}
	if (!rc)
		rc = vp_read_line_end(got, c->name, e);
	if (!rc && section < 2)
		rc = vp_errf_at(e, EX_DATAERR, c->name, lineno, "no '%%' ... '%%' category header");
	/* a description as the @label of a theme that has entries, itself
	 * (after them) or in its sub-themes (a file of the label alone: one
	 * with no entries at all has no theme file, and cats_report names it) */
	for (size_t i = 0; !rc && i < nnames; i++) {
		if (!labels[i] || !dict_has(d, names[i]))
			continue;
		if (strpbrk(labels[i], "#\t")) {
			lost(c, catline[i], "category '%s': description '%s' holds a '#' or a TAB: "
			     "not imported as its @label", names[i], labels[i]);
			continue;
		}
		vp_buf_clear(&b);
		if (vp_buf_printf(&b, "@label %s", labels[i]) < 0 || dict_add(d, names[i], b.data) < 0)
			goto oom;
	}
	goto out;
oom:
	rc = vp_oom(e);
out:
	for (size_t i = 0; i < nnames; i++) {
		free(names[i]);
		free(labels[i]);
	}
	free(names);
	free(labels);
	free(catline);
	vp_strmap_free(&cats);
	vp_buf_free(&line);
	vp_buf_free(&b);
	return rc;
}

/* ---- WordStat .cat ---- */

/* w (valid UTF-8) lower-cased, every letter (CAFÉ -> café), '_' as ' ',
 * into b.  0 or -1. */
static int wordstat_word(const char *w, vp_buf *b)
{
	vp_buf_clear(b);
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)w;
	for (;;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
		if (k <= 0 || cp == 0)
			break;
		p += k;
		utf8proc_uint8_t u[4];
		cp = cp == '_' ? ' ' : utf8proc_tolower(cp);
		utf8proc_ssize_t m = utf8proc_encode_char(cp, u);
		if (vp_buf_append(b, u, (size_t)m) < 0)
			return -1;
	}
	return vp_buf_putc(b, '\0') < 0 ? -1 : (b->len--, 0);
}

/* Is theme (a category's path) in d, itself or through a sub-theme? */
static int dict_has(const dict *d, const char *theme)
{
	size_t n = strlen(theme);
	for (size_t i = 0; i < d->n; i++)
		if (strncmp(d->theme[i], theme, n) == 0 && (!d->theme[i][n] || d->theme[i][n] == '/'))
			return 1;
	return 0;
}

static int import_wordstat(dict *d, ctx *c, FILE *fp, vp_err *e)
{
	vp_buf line = VP_BUF_INIT, path = VP_BUF_INIT, b = VP_BUF_INIT, lw = VP_BUF_INIT;
	ykey st[VP_LEXICON_MAX_DEPTH];
	size_t nst = 0;
	c->foldraw = 1; /* WordStat reads category names in any case */
	unsigned long lineno = 0;
	int rc = 0, got;
	while ((got = vp_read_line(fp, &line, SIZE_MAX, NULL)) == 1) {
		lineno++;
		if ((rc = utf8_line(c, lineno, &line, e)))
			break;
		char *s = lineno == 1 ? vp_skip_bom(line.data) : line.data;
		size_t level = indent_level(s);
		char *t = vp_trim(s);
		if (!*t)
			continue;
		size_t n = strlen(t);
		char *open = strrchr(t, '(');
		int is_entry = n && t[n - 1] == ')' && open && open > t &&
		               strspn(open + 1, "0123456789") == (size_t)(t + n - 1 - open - 1) && open + 1 < t + n - 1;
		while (nst && st[nst - 1].indent >= level)
			free(st[--nst].name);
		if (!is_entry) {
			if (nst == VP_LEXICON_MAX_DEPTH) {
				rc = vp_errf_at(e, EX_DATAERR, c->name, lineno, "categories nested deeper than %d",
				                VP_LEXICON_MAX_DEPTH);
				break;
			}
			int ca = push_category(c, st, &nst, level, t, 1, "category", lineno, &path, e);
			if (ca < 0)
				goto oom;
			if (ca) {
				rc = ca;
				break;
			}
			continue;
		}
		*open = '\0';
		const char *weight = open + 1;
		t[n - 1] = '\0';
		char *w = vp_trim(t);
		if (!nst) {
			lost(c, lineno, "'%s' outside any category: not imported", w);
			continue;
		}
		if (strpbrk(w, "@&|") || strstr(w, " NEAR ") || strstr(w, " BEFORE ") ||
		    strstr(w, " AFTER ") || strstr(w, " NOT ")) {
			lost(c, lineno, "'%s': a WordStat rule (proximity, boolean): not imported", w);
			continue;
		}
		if (wordstat_word(w, &lw) < 0)
			goto oom;
		weight += strspn(weight, "0");
		if (strcmp(weight, "1") != 0)
			lost(c, lineno, "'%s': weight %s has no equivalent (an entry counts once): "
			     "imported", lw.data, *weight ? weight : "0");
		if (yaml_path(st, nst, &path) < 0 || add_glob(d, c, lineno, path.data, lw.data, &b) < 0)
			goto oom;
	}
	if (!rc)
		rc = vp_read_line_end(got, c->name, e);
	goto out;
oom:
	rc = vp_oom(e);
out:
	while (nst)
		free(st[--nst].name);
	vp_buf_free(&line);
	vp_buf_free(&path);
	vp_buf_free(&b);
	vp_buf_free(&lw);
	return rc;
}

/* ---- writing a set ---- */

static int mkdirs(char *path, vp_err *e)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int r = mkdir(path, 0777);
		int err = errno;
		*p = '/';
		if (r != 0 && err != EEXIST)
			return vp_errf(e, EX_CANTCREAT, "%.*s: cannot create directory: %s", (int)(p - path),
			               path, strerror(err));
	}
	return 0;
}

static int write_set(const dict *d, const char *dir, const char *src, const char *fmtname, vp_err *e)
{
	vp_buf path = VP_BUF_INIT;
	int rc = 0;
	/* dir made with its parents, as a theme's sub-directories are */
	if (vp_buf_printf(&path, "%s/", dir) < 0)
		return vp_oom(e);
	if ((rc = mkdirs(path.data, e))) {
		vp_buf_free(&path);
		return rc;
	}
	/* every theme file is checked first: a set is written whole or not
	 * at all (a file already there stopped the import half-way) */
	for (size_t i = 0; i < d->n && !rc; i++) {
		struct stat st;
		vp_buf_clear(&path);
		if (vp_buf_printf(&path, "%s/%s.txt", dir, d->theme[i]) < 0)
			rc = vp_oom(e);
		else if (lstat(path.data, &st) == 0)
			rc = vp_errf(e, EX_CANTCREAT, "%s: %s", path.data, strerror(EEXIST));
	}
	if (rc) {
		vp_buf_free(&path);
		return rc;
	}
	char *done = calloc(d->n ? d->n : 1, 1);
	if (!done)
		return vp_oom(e);
	for (size_t i = 0; i < d->n && !rc; i++) {
		if (done[i])
			continue;
		vp_buf_clear(&path);
		if (vp_buf_printf(&path, "%s/%s.txt", dir, d->theme[i]) < 0) {
			rc = vp_oom(e);
			break;
		}
		if ((rc = mkdirs(path.data, e)))
			break;
		FILE *f = fopen(path.data, "wx");
		if (!f) {
			rc = vp_errf(e, EX_CANTCREAT, "%s: %s", path.data, strerror(errno));
			break;
		}
		int bad = fprintf(f, "# %s: imported from %s (%s)\n", d->theme[i], src, fmtname) < 0;
		for (size_t j = i; j < d->n; j++)
			if (!done[j] && strcmp(d->theme[j], d->theme[i]) == 0) {
				done[j] = 1;
				bad |= fprintf(f, "%s\n", d->entry[j]) < 0;
			}
		if (fclose(f) != 0 || bad)
			rc = vp_errf(e, EX_IOERR, "%s: write error: %s", path.data, strerror(errno));
	}
	free(done);
	vp_buf_free(&path);
	return rc;
}

/* How many theme files (*.txt) and sub-theme folders dir holds at its top
 * (0 when it does not exist yet). */
static size_t themes_held(const char *dir)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return 0;
	size_t n = 0;
	for (struct dirent *de; (de = readdir(dp));) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.')
			continue;
		struct stat st;
		char path[PATH_MAX];
		if (snprintf(path, sizeof path, "%s/%s", dir, de->d_name) >= (int)sizeof path ||
		    stat(path, &st) != 0)
			continue;
		n += S_ISDIR(st.st_mode) || (S_ISREG(st.st_mode) && len > 4 &&
		                             strcmp(de->d_name + len - 4, ".txt") == 0);
	}
	closedir(dp);
	return n;
}

int vp_dict_import(vp_dict_format f, FILE *fp, const char *name, const char *dir,
                   vp_text *tx, const char *prog, unsigned long *nlost, vp_err *e)
{
	static const char *const fmtnames[] = {"quanteda YAML", "LIWC .dic", "WordStat .cat"};
	dict d = {0};
	ctx c = {.prog = prog, name, nlost};
	c.tx = tx;
	int rc = f == VP_DICT_YAML ? import_yaml(&d, &c, fp, e)
	       : f == VP_DICT_LIWC ? import_liwc(&d, &c, fp, e) : import_wordstat(&d, &c, fp, e);
	if (!rc)
		cats_report(&d, &c);
	if (!rc && !d.n)
		rc = vp_errf(e, EX_DATAERR, "%s: no entries", name);
	size_t held = rc ? 0 : themes_held(dir);
	if (!rc)
		rc = write_set(&d, dir, name, fmtnames[f], e);
	/* no theme in common (one would have stopped it): one lexicon now */
	if (!rc && held)
		fprintf(stderr, "%s: %s already held a lexicon (%zu theme file%s or folder%s at its "
		        "top): the imported themes were added to it\n", prog, dir, held,
		        held == 1 ? "" : "s", held == 1 ? "" : "s");
	dict_free(&d);
	ctx_free(&c);
	return rc;
}

/* ---- export ---- */

/* The argument of a trimmed "@label" line t (its comment cut off, as the
 * lexicon reads it), or NULL (t untouched) for another line. */
static const char *label_arg(char *t)
{
	if (strncmp(t, "@label", 6) != 0 || !vp_is_space((unsigned char)t[6]))
		return NULL;
	return vp_uncomment(t + 6);
}

/* Report the @directives of every *.txt under dir (they have no
 * equivalent) but, with labels, a @label: LIWC export writes it as the
 * category's LIWC 2015 description, "1<TAB>function<TAB>(Function Words)",
 * unless it holds a TAB, which would end the description. */
static int scan_directives(ctx *c, const char *dir, int labels, vp_err *e)
{
	DIR *dp;
	int rc = vp_open_dir(&dp, dir, e);
	if (rc)
		return rc;
	struct dirent *de;
	vp_buf p = VP_BUF_INIT, line = VP_BUF_INIT;
	while (!rc && (de = readdir(dp))) {
		if (de->d_name[0] == '.')
			continue;
		vp_buf_clear(&p);
		if (vp_buf_printf(&p, "%s/%s", dir, de->d_name) < 0) {
			rc = vp_oom(e);
			break;
		}
		struct stat sb;
		if (stat(p.data, &sb) != 0)
			continue;
		if (S_ISDIR(sb.st_mode)) {
			rc = scan_directives(c, p.data, labels, e);
			continue;
		}
		size_t n = strlen(de->d_name);
		if (n < 5 || strcmp(de->d_name + n - 4, ".txt") != 0)
			continue;
		FILE *f = fopen(p.data, "r");
		if (!f)
			continue;
		unsigned long ln = 0;
		int got;
		ctx fc = {.prog = c->prog, p.data, c->lost};
		while ((got = vp_read_line(f, &line, SIZE_MAX, NULL)) == 1) {
			ln++;
			char *t = vp_trim(line.data);
			if (*t != '@')
				continue;
			const char *arg = labels ? label_arg(t) : NULL;
			if (!arg)
				lost(&fc, ln, "directive '%s' has no equivalent: not exported", t);
			else if (strchr(arg, '\t'))
				lost(&fc, ln, "directive '@label %s' holds a TAB, which would end the "
				     "LIWC description: not exported", arg);
		}
		fclose(f);
	}
	closedir(dp);
	vp_buf_free(&p);
	vp_buf_free(&line);
	return rc;
}

/* An entry as a glob of the target, or 0 when it cannot be one.  gaps: the
 * target has a word for any one word (quanteda's glob '*', yaml_entry). */
static int exportable(ctx *c, const vp_lexicon_entry *en, const char *theme, int gaps)
{
	ctx fc = {.prog = c->prog, en->file, c->lost};
	if (en->exclude) {
		lost(&fc, en->line, "exclusion '%s' (%s) has no equivalent: not exported", en->text, theme);
		return 0;
	}
	if (!gaps && vp_lexicon_has_gap(en->text)) {
		lost(&fc, en->line, "'%s' (%s): a '?' gap has no equivalent: not exported", en->text,
		     theme);
		return 0;
	}
	return 1;
}

/* s double-quoted; entry: s is an entry, whose '?' gaps (a word that is
 * only '?') are written as quanteda's glob for any one word, '*', which
 * import reads back as a gap. */
static int yaml_quote(FILE *out, const char *s, int entry)
{
	if (fputc('"', out) == EOF)
		return -1;
	for (const char *p = s; *p; p++) {
		char ch = *p;
		if (entry && vp_lexicon_gap_at(s, p))
			ch = '*';
		if (((ch == '"' || ch == '\\') && fputc('\\', out) == EOF) || fputc(ch, out) == EOF)
			return -1;
	}
	return fputc('"', out) == EOF ? -1 : 0;
}

/* Theme name as a LIWC category's, in b: a space or TAB as '_'.  0 or -1. */
static int liwc_name(const char *name, vp_buf *b)
{
	vp_buf_clear(b);
	if (vp_buf_puts(b, name) < 0)
		return -1;
	for (char *p = b->data; *p; p++)
		if (*p == ' ' || *p == '\t')
			*p = '_';
	return 0;
}

int vp_dict_export(vp_dict_format f, const char *dir, vp_text *tx, FILE *out,
                   const char *prog, unsigned long *nlost, vp_err *e)
{
	vp_lexicon *lx;
	ctx c = {.prog = prog, dir, nlost};
	int rc = vp_lexicon_load(&lx, dir, tx, e);
	if (rc)
		return rc;
	if ((rc = scan_directives(&c, dir, f == VP_DICT_LIWC, e)))
		goto out;
	size_t nt = vp_lexicon_nthemes(lx), ne = vp_lexicon_nentries(lx);
	int bad = 0;
	if (f == VP_DICT_YAML) {
		for (size_t t = 0; t < nt; t++) {
			const char *name = vp_lexicon_theme_name(lx, t);
			size_t depth = 0;
			for (const char *p = name; *p; p++)
				depth += *p == '/';
			const char *last = strrchr(name, '/');
			last = last ? last + 1 : name;
			size_t nl = strlen(name);
			int children = t + 1 < nt && strncmp(vp_lexicon_theme_name(lx, t + 1), name, nl) == 0 &&
			               vp_lexicon_theme_name(lx, t + 1)[nl] == '/';
			bad |= fprintf(out, "%*s", (int)(2 * depth), "") < 0 || yaml_quote(out, last, 0) < 0 ||
			       fputs(":\n", out) == EOF;
			/* a key holds a list or sub-keys, not both: a theme's own
			 * entries beside its sub-themes go under quanteda's "__" key,
			 * which import reads as the parent's */
			int own = 0;
			for (size_t i = 0; i < ne; i++) {
				const vp_lexicon_entry *en = vp_lexicon_entry_at(lx, i);
				if (en->theme != t || !exportable(&c, en, name, 1))
					continue;
				if (children && !own++)
					bad |= fprintf(out, "%*s\"__\":\n", (int)(2 * depth + 2), "") < 0;
				bad |= fprintf(out, "%*s- ", (int)(2 * depth + 2 + 2 * children), "") < 0 ||
				       yaml_quote(out, en->text, 1) < 0 || fputc('\n', out) == EOF;
			}
		}
	} else {
		/* a space would part the header line's name (LIWC reads "1 TAB
		 * name"; import makes it '_'): written as '_', said; checked before
		 * a byte is written, since one so written may be another theme's */
		vp_buf ln = VP_BUF_INIT;
		for (size_t t = 0; t < nt && !rc; t++) {
			const char *name = vp_lexicon_theme_name(lx, t);
			if (liwc_name(name, &ln) < 0) {
				rc = vp_oom(e);
				break;
			}
			if (strcmp(ln.data, name) == 0)
				continue;
			for (size_t o = 0; o < nt && !rc; o++)
				if (o != t && strcmp(vp_lexicon_theme_name(lx, o), ln.data) == 0)
					rc = vp_errf(e, EX_DATAERR, "%s: themes '%s' and '%s' would both be LIWC "
					             "category '%s' (rename one): nothing written", dir, name,
					             vp_lexicon_theme_name(lx, o), ln.data);
		}
		if (rc) {
			vp_buf_free(&ln);
			goto out;
		}
		bad |= fputs("%\n", out) == EOF;
		for (size_t t = 0; t < nt; t++) {
			const char *name = vp_lexicon_theme_name(lx, t);
			if (liwc_name(name, &ln) < 0) {
				vp_buf_free(&ln);
				rc = vp_oom(e);
				goto out;
			}
			if (strcmp(ln.data, name) != 0)
				lost(&c, 0, "theme '%s': a space in a LIWC category name; written as '%s'", name,
				     ln.data);
			name = ln.data;
			/* its @label as a LIWC 2015 description, as import reads it
			 * (one with a TAB is named by scan_directives) */
			const char *label = vp_lexicon_theme_label(lx, t);
			if (label && !strchr(label, '\t'))
				bad |= fprintf(out, "%zu\t%s\t(%s)\n", t + 1, name, label) < 0;
			else
				bad |= fprintf(out, "%zu\t%s\n", t + 1, name) < 0;
		}
		vp_buf_free(&ln);
		bad |= fputs("%\n", out) == EOF;
		/* one line per distinct entry text, with every theme it is in, the
		 * numbers TAB-separated as LIWC writes them (readers split on TABs) */
		char *done = calloc(ne ? ne : 1, 1);
		if (!done) {
			rc = vp_oom(e);
			goto out;
		}
		for (size_t i = 0; i < ne; i++) {
			const vp_lexicon_entry *en = vp_lexicon_entry_at(lx, i);
			if (done[i])
				continue;
			done[i] = 1;
			if (!exportable(&c, en, vp_lexicon_theme_name(lx, en->theme), 0))
				continue;
			bad |= fprintf(out, "%s\t%zu", en->text, en->theme + 1) < 0;
			for (size_t j = i + 1; j < ne; j++) {
				const vp_lexicon_entry *o = vp_lexicon_entry_at(lx, j);
				if (!done[j] && !o->exclude && strcmp(o->text, en->text) == 0) {
					done[j] = 1;
					if (o->theme != en->theme)
						bad |= fprintf(out, "\t%zu", o->theme + 1) < 0;
				}
			}
			bad |= fputc('\n', out) == EOF;
		}
		free(done);
	}
	if (bad)
		rc = vp_errf(e, EX_IOERR, "write error: %s", strerror(errno));
out:
	vp_lexicon_free(lx);
	return rc;
}

/* ---- checks ---- */

/* Is w a plain inflection of base (s, es, 's, ed, d, ing, e dropped,
 * consonant doubled, y -> ies/ied)? */
static int inflection(const char *base, const char *w)
{
	static const char *const suf[] = {"s", "es", "'s", "ed", "d", "ing", NULL};
	size_t bn = strlen(base), wn = strlen(w);
	if (wn <= bn) {
		return 0;
	}
	if (strncmp(w, base, bn) == 0) {
		for (size_t i = 0; suf[i]; i++)
			if (strcmp(w + bn, suf[i]) == 0)
				return 1;
		if (wn == bn + 4 && w[bn] == base[bn - 1] && (strcmp(w + bn + 1, "ing") == 0))
			return 1;
		if (wn == bn + 3 && w[bn] == base[bn - 1] && strcmp(w + bn + 1, "ed") == 0)
			return 1;
	}
	if (bn > 1 && base[bn - 1] == 'e' && strncmp(w, base, bn - 1) == 0 && strcmp(w + bn - 1, "ing") == 0)
		return 1;
	if (bn > 1 && base[bn - 1] == 'y' && strncmp(w, base, bn - 1) == 0 &&
	    (strcmp(w + bn - 1, "ies") == 0 || strcmp(w + bn - 1, "ied") == 0))
		return 1;
	return 0;
}

/* Is w the word of which base is a plural or past (base = w+s/es/ed/d)?
 * "services" of "service" is; "training" of "train" is not (the collision
 * worth seeing). */
static int plain_base(const char *base, const char *w)
{
	static const char *const suf[] = {"s", "es", "ed", "d", NULL};
	size_t bn = strlen(base), wn = strlen(w);
	if (bn <= wn || strncmp(base, w, wn) != 0)
		return 0;
	for (size_t i = 0; suf[i]; i++)
		if (strcmp(base + wn, suf[i]) == 0)
			return 1;
	return 0;
}

/* The word list by stem, and what has been reported, for the collision
 * check of one set. */
struct collide {
	vp_text *tx;
	vp_strmap stems, seen;
	char **wl;                 /* the word list, lower case */
	size_t *next, nw;          /* heads[stem] -> first word, next[] the rest */
	size_t *heads;
	vp_buf low, msg, key;
	vp_tokens tk;
	vp_buf *out;
	long found;
};

/* One word w (n bytes) of a line at file:line: the words of the list that
 * share its stem but are not its inflections, once per scope (a theme's
 * entries, its exclusions, a list) and stem.  -1 when out of memory. */
static int collide_word(struct collide *c, const char *w, size_t n, const char *file,
                        unsigned long line, const char *scope, int exclude)
{
	int name = isupper((unsigned char)w[0]) && !(n > 1 && isupper((unsigned char)w[1]));
	vp_tokens_clear(&c->tk);
	vp_err ignore = {0};
	int r = vp_text_tokenise(c->tx, w, n, 0, &c->tk, &ignore);
	if (r == EX_OSERR)
		return -1;
	if (r || c->tk.n != 1)
		return 0;
	size_t *sid = vp_strmap_get(&c->stems, vp_token(&c->tk, 0), c->tk.len[0]);
	if (!sid)
		return 0;
	vp_buf_clear(&c->low);
	for (size_t k = 0; k < n; k++)
		if (vp_buf_putc(&c->low, tolower((unsigned char)w[k])) < 0)
			return -1;
	vp_buf_clear(&c->msg);
	size_t shown = 0, more = 0;
	for (size_t k = c->heads[*sid]; k != SIZE_MAX; k = c->next[k]) {
		const char *lw = c->low.data;
		if (strcmp(c->wl[k], lw) == 0 ||
		    (!name && (inflection(lw, c->wl[k]) || plain_base(lw, c->wl[k]))))
			continue;
		if (shown < 8) {
			if (vp_buf_printf(&c->msg, "%s%s", shown ? ", " : "", c->wl[k]) < 0)
				return -1;
			shown++;
		} else {
			more++;
		}
	}
	if (!shown)
		return 0;
	vp_buf_clear(&c->key);
	if (vp_buf_printf(&c->key, "%s %s", scope, vp_token(&c->tk, 0)) < 0)
		return -1;
	int put = vp_strmap_put(&c->seen, c->key.data, c->key.len, 0, NULL);
	if (put <= 0)
		return put;
	c->found++;
	return vp_buf_printf(c->out, "%s:%lu: '%.*s' (stem '%s'%s%s) also matches %s%s\n", file, line,
	                     (int)n, w, vp_token(&c->tk, 0), name ? ", a name" : "",
	                     exclude ? ", in an exclusion" : "", c->msg.data, more ? ", ..." : "") < 0
	           ? -1 : 0;
}

/* Each word of text but wildcards, '?' gaps and "{list}"s: a list's
 * members are checked at their own lines, once. */
static int collide_words(struct collide *c, const char *text, const char *file, unsigned long line,
                         const char *scope, int exclude)
{
	int rc = 0;
	size_t n;
	/* the entry's words as the loader reads them */
	for (const char *w = text; !rc && (w = vp_next_word(w, &n)); w += n)
		if (!memchr(w, '*', n) && !(n == 1 && *w == '?') && w[0] != '{')
			rc = collide_word(c, w, n, file, line, scope, exclude);
	return rc;
}

long vp_lexicon_collisions(const char *dir, vp_text *tx, FILE *words, const char *wname,
                           vp_buf *out, vp_err *e)
{
	vp_lexicon *lx = NULL;
	struct collide c = {tx, VP_STRMAP_INIT, VP_STRMAP_INIT, NULL, NULL, 0, NULL,
	                    VP_BUF_INIT, VP_BUF_INIT, VP_BUF_INIT, VP_TOKENS_INIT, out, 0};
	size_t capw = 0, capn = 0, nheads = 0, caph = 0;
	vp_buf line = VP_BUF_INIT;
	long found;
	int rc, got;
	if ((rc = vp_lexicon_load(&lx, dir, tx, e)))
		return -rc;
	/* the word list, grouped by stem (heads[stem] -> first word, next[]) */
	for (unsigned long ln = 1; (got = vp_read_line(words, &line, SIZE_MAX, NULL)) == 1; ln++) {
		/* a BOM glued to the first word made it another word of the stem */
		char *w = vp_trim(ln == 1 ? vp_skip_bom(line.data) : line.data);
		/* common words only: not names ("Carly"), not possessives */
		if (!*w || isupper((unsigned char)*w) || strchr(w, '\''))
			continue;
		vp_tokens_clear(&c.tk);
		vp_err ignore = {0};
		int r = vp_text_tokenise(tx, w, strlen(w), 0, &c.tk, &ignore);
		if (r == EX_OSERR)
			goto oom;
		if (r || c.tk.n != 1)
			continue; /* "o'clock" and the like: not one word */
		size_t *at;
		int put = vp_strmap_put(&c.stems, vp_token(&c.tk, 0), c.tk.len[0], nheads, &at);
		if (put < 0)
			goto oom;
		if (put == 1) {
			if (vp_grow(&c.heads, &caph, nheads + 1, sizeof *c.heads) < 0)
				goto oom;
			c.heads[nheads++] = SIZE_MAX;
		}
		size_t sid = *at;
		if (vp_grow(&c.wl, &capw, c.nw + 1, sizeof *c.wl) < 0 ||
		    vp_grow(&c.next, &capn, c.nw + 1, sizeof *c.next) < 0)
			goto oom;
		if (!(c.wl[c.nw] = strdup(w)))
			goto oom;
		for (char *p = c.wl[c.nw]; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		c.next[c.nw] = c.heads[sid];
		c.heads[sid] = c.nw++;
	}
	if ((rc = vp_read_line_end(got, wname, e)))
		goto fail;
	char scope[64];
	for (size_t i = 0; i < vp_lexicon_nentries(lx); i = vp_lexicon_line_end(lx, i)) {
		/* exclusions too: "!kind of" also drops "the kindness of"; a line
		 * written with lists once */
		const vp_lexicon_entry *en = vp_lexicon_entry_at(lx, i);
		const char *text = en->pattern ? en->pattern : en->text;
		snprintf(scope, sizeof scope, "%zu %d", en->theme, en->exclude);
		if (collide_words(&c, text + (en->exclude && text[0] == '!'), en->file, en->line, scope,
		                  en->exclude))
			goto oom;
	}
	for (size_t l = 0; l < vp_lexicon_nlists(lx); l++) {
		const char *file;
		size_t nm = vp_lexicon_list_members(lx, l, &file);
		snprintf(scope, sizeof scope, "list %zu", l);
		for (size_t m = 0; m < nm; m++) {
			unsigned long at;
			const char *member = vp_lexicon_list_member(lx, l, m, &at);
			if (collide_words(&c, member, file, at, scope, 0))
				goto oom;
		}
	}
	found = c.found;
	goto done;
oom:
	rc = vp_oom(e);
fail:
	found = -rc;
done:
	for (size_t i = 0; i < c.nw; i++)
		free(c.wl[i]);
	free(c.wl);
	free(c.next);
	free(c.heads);
	vp_strmap_free(&c.stems);
	vp_strmap_free(&c.seen);
	vp_buf_free(&line);
	vp_buf_free(&c.low);
	vp_buf_free(&c.msg);
	vp_buf_free(&c.key);
	vp_tokens_free(&c.tk);
	vp_lexicon_free(lx);
	return found;
}

/* One pair of lines for vp_lexicon_on_corpus: line lost's match lost its
 * words to line by's in times records where lost's theme had nothing else;
 * first names the first such record (its "id", or "line N"). */
struct taken_pair {
	size_t lost, by;       /* the first entry of each line */
	unsigned long times, last; /* last: the record (1-based) counted last */
	char *first;
};

static int taken_cmp(const void *pa, const void *pb)
{
	const struct taken_pair *a = pa, *b = pb;
	if (a->times != b->times)
		return a->times < b->times ? 1 : -1;
	if (a->lost != b->lost)
		return a->lost < b->lost ? -1 : 1;
	return (a->by > b->by) - (a->by < b->by);
}

static int theme_found(const vp_theme_match *mt, size_t nm, size_t theme)
{
	for (size_t i = 0; i < nm; i++)
		if (mt[i].theme == theme)
			return 1;
	return 0;
}

/* Count a record's taken matches whose theme found nothing else (once per
 * pair and record) into pairs / map. */
static int count_taken(const vp_lexicon *lx, const vp_matcher *m, const vp_theme_match *mt,
                       size_t nm, const size_t *line_of, unsigned long rec, const char *id,
                       unsigned long lineno, vp_strmap *map, struct taken_pair **pairs,
                       size_t *npairs, size_t *cap)
{
	const vp_taken_match *tk;
	size_t nt = vp_matcher_taken(m, &tk);
	for (size_t i = 0; i < nt; i++) {
		size_t theme = vp_lexicon_entry_at(lx, tk[i].entry)->theme;
		if (theme_found(mt, nm, theme))
			continue;
		char key[64];
		int kn = snprintf(key, sizeof key, "%zu %zu", line_of[tk[i].entry], line_of[tk[i].by]);
		size_t *at;
		int put = vp_strmap_put(map, key, (size_t)kn, *npairs, &at);
		if (put < 0)
			return -1;
		if (put == 1) {
			if (vp_grow((void **)pairs, cap, *npairs + 1, sizeof **pairs) < 0)
				return -1;
			char *first = id ? strdup(id) : vp_strf("line %lu", lineno);
			if (!first)
				return -1;
			(*pairs)[(*npairs)++] = (struct taken_pair){line_of[tk[i].entry], line_of[tk[i].by],
			                                            0, 0, first};
		}
		struct taken_pair *p = &(*pairs)[*at];
		if (p->last != rec) {
			p->last = rec;
			p->times++;
		}
	}
	return 0;
}

static const char *entry_shown(const vp_lexicon_entry *en)
{
	return en->pattern ? en->pattern : en->text;
}

int vp_lexicon_on_corpus(const char *dir, vp_text *tx, FILE *corpus, const char *cname,
                         const char *prog, vp_corpus_findings *res, vp_buf *out, vp_err *e)
{
	vp_lexicon *lx = NULL;
	vp_matcher *m = NULL;
	unsigned long *fired = NULL;
	size_t *line_of = NULL;
	const char **tok = NULL;
	size_t *len = NULL, cap = 0, capl = 0;
	vp_strmap map = VP_STRMAP_INIT;
	struct taken_pair *pairs = NULL;
	size_t npairs = 0, cappairs = 0;
	vp_reader r;
	json_t *rec = NULL;
	int rc;
	*res = (vp_corpus_findings){0, 0, 0};
	if ((rc = vp_lexicon_load(&lx, dir, tx, e)))
		return rc;
	size_t ne = vp_lexicon_nentries(lx);
	vp_reader_init(&r, corpus, cname, prog);
	if (!(m = vp_matcher_new()) || !(fired = calloc(ne ? ne : 1, sizeof *fired)) ||
	    !(line_of = calloc(ne ? ne : 1, sizeof *line_of))) {
		rc = vp_oom(e);
		goto out;
	}
	for (size_t i = 0; i < ne;) { /* each entry's line: the line's first entry */
		size_t first = i, end = vp_lexicon_line_end(lx, i);
		while (i < end)
			line_of[i++] = first;
	}
	vp_matcher_log_taken(m, 1);
	while ((rc = vp_reader_next(&r, &rec, e)) == 1) {
		json_t *toks = json_object_get(rec, "tokens");
		if (!json_is_array(toks)) {
			rc = vp_errf_at(e, EX_DATAERR, cname, r.lineno, "record without \"tokens\" (run vp-normalise)");
			json_decref(rec);
			break;
		}
		size_t n = json_array_size(toks);
		if (vp_grow(&tok, &cap, n + 1, sizeof *tok) < 0 || vp_grow(&len, &capl, n + 1, sizeof *len) < 0) {
			rc = vp_oom(e);
			json_decref(rec);
			break;
		}
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {
			const char *s = json_string_value(json_array_get(toks, i));
			if (s) {
				tok[k] = s;
				len[k++] = strlen(s);
			}
		}
		const vp_theme_match *mt;
		size_t nm;
		if ((rc = vp_match(m, lx, tok, len, k, &mt, &nm, e))) {
			json_decref(rec);
			break;
		}
		for (size_t i = 0; i < nm; i++)
			fired[mt[i].entry]++;
		res->records++;
		if (count_taken(lx, m, mt, nm, line_of, res->records,
		                json_string_value(json_object_get(rec, "id")), r.lineno, &map, &pairs,
		                &npairs, &cappairs) < 0)
			rc = vp_oom(e);
		json_decref(rec);
		if (rc)
			break;
	}
	if (rc)
		goto out;
	/* a line written with word lists is one finding, when none of the
	 * entries it stands for fired */
	for (size_t i = 0, end; i < ne; i = end) {
		const vp_lexicon_entry *en = vp_lexicon_entry_at(lx, i);
		end = vp_lexicon_line_end(lx, i);
		unsigned long any = 0;
		for (size_t k = i; k < end; k++)
			any += fired[k];
		if (en->exclude || any)
			continue;
		res->unfired++;
		int bad = en->pattern
		        ? vp_buf_printf(out, "%s:%lu: '%s' (none of its %zu entries) fired on none of the "
		                        "%lu records of %s\n", en->file, en->line, en->pattern, end - i,
		                        res->records, cname)
		        : vp_buf_printf(out, "%s:%lu: '%s' fired on none of the %lu records of %s\n",
		                        en->file, en->line, en->text, res->records, cname);
		if (bad < 0) {
			rc = vp_oom(e);
			goto out;
		}
	}
	/* the pairs, most often first */
	if (npairs > 1)
		qsort(pairs, npairs, sizeof *pairs, taken_cmp);
	for (size_t i = 0; i < npairs; i++) {
		const vp_lexicon_entry *a = vp_lexicon_entry_at(lx, pairs[i].lost);
		const vp_lexicon_entry *b = vp_lexicon_entry_at(lx, pairs[i].by);
		const char *ta = vp_lexicon_theme_name(lx, a->theme);
		if (vp_buf_printf(out, "%s:%lu: '%s' (%s) lost its words to %s:%lu: '%s' (%s) in %lu of the "
		                  "%lu records, with nothing else of %s found (first: %s)\n",
		                  a->file, a->line, entry_shown(a), ta, b->file, b->line, entry_shown(b),
		                  vp_lexicon_theme_name(lx, b->theme), pairs[i].times, res->records, ta,
		                  pairs[i].first) < 0) {
			rc = vp_oom(e);
			goto out;
		}
	}
	res->taken = (long)npairs;
out:
	vp_reader_free(&r);
	for (size_t i = 0; i < npairs; i++)
		free(pairs[i].first);
	free(pairs);
	vp_strmap_free(&map);
	free(tok);
	free(len);
	free(fired);
	free(line_of);
	vp_matcher_free(m);
	vp_lexicon_free(lx);
	return rc;
}
