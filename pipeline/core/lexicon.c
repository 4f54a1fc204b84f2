/* lexicon.c - load a lexicon set; see include/voxpop/lexicon.h */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "lexicon_impl.h"
#include "voxpop/hash.h"
#include "voxpop/input.h"
#include "voxpop/jsonw.h"
#include "voxpop/str.h"
#include "voxpop/utf8.h"

/* ---- small growable arrays ---- */


static int strvec_push(struct strvec *sv, char *s)
{
	if (!s || vp_grow((void **)&sv->v, &sv->cap, sv->n + 1, sizeof *sv->v)) {
		free(s);
		return -1;
	}
	sv->v[sv->n++] = s;
	return 0;
}

static void strvec_free(struct strvec *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

/* Order theme names and paths so that "a" < "a/b" < "a-b": '/' sorts
 * before every other character, which keeps a parent right before its
 * children. */
static int path_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned ca = *a == '/' ? 1 : (unsigned char)*a;
		unsigned cb = *b == '/' ? 1 : (unsigned char)*b;
		if (ca != cb || !ca)
			return (int)ca - (int)cb;
	}
}

static int path_cmp_p(const void *a, const void *b)
{
	return path_cmp(*(char *const *)a, *(char *const *)b);
}

/* ---- walking the set ---- */

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Collect DIR/REL/...*.txt as paths relative to DIR, without ".txt", and
 * the word lists, *.list, without ".list". */
static int walk(const char *dir, const char *rel, int depth, struct strvec *files,
                struct strvec *lists, vp_err *e)
{
	char path[4096];
	snprintf(path, sizeof path, "%s%s%s", dir, *rel ? "/" : "", rel);
	if (depth > VP_LEXICON_MAX_DEPTH)
		return vp_errf_at(e, EX_CONFIG, path, 0, "lexicon directories nested too deep");
	DIR *d;
	int rc = vp_open_dir(&d, path, e);
	if (rc)
		return rc;
	struct dirent *de;
	while (!rc && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char sub[4096], full[4096];
		int k = snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		int f = snprintf(full, sizeof full, "%s/%s", dir, sub);
		if (k < 0 || (size_t)k >= sizeof sub || f < 0 || (size_t)f >= sizeof full) {
			rc = vp_errf_at(e, EX_CONFIG, path, 0, "path too long");
			break;
		}
		struct stat st;
		if (stat(full, &st) != 0) {
			rc = vp_errf_at(e, EX_NOINPUT, full, 0, "cannot read: %s", strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			rc = walk(dir, sub, depth + 1, files, lists, e);
		} else if (S_ISREG(st.st_mode) && ends_with(de->d_name, ".txt") &&
		           strcmp(de->d_name, ".txt") != 0) {
			/* kept as the theme name: sorts like the themes */
			if (strvec_push(files, strndup(sub, (size_t)k - 4)))
				rc = vp_oom(e);
		} else if (S_ISREG(st.st_mode) && ends_with(de->d_name, ".list") &&
		           strcmp(de->d_name, ".list") != 0) {
			if (strvec_push(lists, strndup(sub, (size_t)k - 5)))
				rc = vp_oom(e);
		}
	}
	closedir(d);
	return rc;
}

/* ---- themes ---- */

static long theme_find(const vp_lexicon *lx, const char *name)
{
	size_t lo = 0, hi = lx->nthemes;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = path_cmp(lx->themes[mid].name, name);
		if (!c)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Themes named by the files, plus every ancestor, sorted and unique. */
static int make_themes(vp_lexicon *lx, const struct strvec *files, vp_err *e)
{
	struct strvec names = {0};
	for (size_t i = 0; i < files->n; i++) {
		const char *f = files->v[i];
		size_t n = strlen(f);
		for (size_t k = 0; k <= n; k++)
			if ((k == n || f[k] == '/') && k > 0 && strvec_push(&names, strndup(f, k))) {
				strvec_free(&names);
				return vp_oom(e);
			}
	}
	qsort(names.v, names.n, sizeof *names.v, path_cmp_p);
	lx->themes = calloc(names.n ? names.n : 1, sizeof *lx->themes);
	if (!lx->themes) {
		strvec_free(&names);
		return vp_oom(e);
	}
	for (size_t i = 0; i < names.n; i++) {
		if (lx->nthemes && strcmp(lx->themes[lx->nthemes - 1].name, names.v[i]) == 0) {
			free(names.v[i]);
			continue;
		}
		lx->themes[lx->nthemes++].name = names.v[i];
	}
	free(names.v);
	for (size_t i = 0; i < lx->nthemes; i++) {
		const char *name = lx->themes[i].name;
		const char *slash = strrchr(name, '/');
		lx->themes[i].parent = -1;
		if (slash) {
			char *up = strndup(name, (size_t)(slash - name));
			if (!up)
				return vp_oom(e);
			lx->themes[i].parent = theme_find(lx, up);
			free(up);
		}
	}
	return 0;
}

/* ---- entries ---- */

static int add_term(vp_lexicon *lx, int kind, const char *s, size_t n)
{
	if (vp_grow((void **)&lx->terms, &lx->capterms, lx->nterms + 1, sizeof *lx->terms))
		return -1;
	struct lx_term *t = &lx->terms[lx->nterms];
	t->kind = kind;
	t->off = lx->pool.len;
	t->len = n;
	t->hash = vp_hash_bytes(s, n);
	if (vp_buf_append(&lx->pool, s, n) || vp_buf_putc(&lx->pool, '\0'))
		return -1;
	lx->nterms++;
	return 0;
}

/* ---- directives: "@name [argument]" lines, one row each ---- */

struct lx_directive {
	const char *name;    /* without the '@' */
	int takes_arg;       /* 1: "@name TEXT", 0: "@name" alone */
	/* Apply to theme; arg is "" or the trimmed text after the name.
	 * 0, or an EX_* code with e filled (file:line added by the caller). */
	int (*apply)(vp_lexicon *lx, size_t theme, const char *arg, vp_err *e);
	const char *help;    /* one line, for --help and documentation */
};

static int directive_keep(vp_lexicon *lx, size_t theme, const char *arg, vp_err *e)
{
	(void)arg;
	(void)e;
	lx->themes[theme].keep = 1;
	return 0;
}

/* @label and @describe: a second one in the same file replaces the first. */
static int set_text(char **slot, const char *arg, vp_err *e)
{
	char *copy = strdup(arg);
	if (!copy)
		return vp_oom(e);
	free(*slot);
	*slot = copy;
	return 0;
}

static int directive_label(vp_lexicon *lx, size_t theme, const char *arg, vp_err *e)
{
	return set_text(&lx->themes[theme].label, arg, e);
}

static int directive_describe(vp_lexicon *lx, size_t theme, const char *arg, vp_err *e)
{
	return set_text(&lx->themes[theme].describe, arg, e);
}

/* A directive that changes how the set tags (as @keep does, unlike @label)
 * must enter the fingerprint (fingerprint(), below). */
static const struct lx_directive directives[] = {
	{"keep", 0, directive_keep,
	 "longer entries of other themes do not take this theme's words"},
	{"label", 1, directive_label, "readable name of the theme in reports, e.g. Waiting times"},
	{"describe", 1, directive_describe, "one line saying what the theme covers, for reports"},
};
enum { NDIRECTIVES = sizeof directives / sizeof *directives };

size_t vp_lexicon_ndirectives(void)
{
	return NDIRECTIVES;
}

const char *vp_lexicon_directive(size_t i, const char **help)
{
	if (i >= NDIRECTIVES)
		return NULL;
	if (help)
		*help = directives[i].help;
	return directives[i].name;
}

/* line is "@..." (trimmed, comment removed). */
static int parse_directive(vp_lexicon *lx, const char *file, unsigned long lineno,
                           char *line, size_t theme, vp_err *e)
{
	char *name = line + 1;
	size_t k = 0;
	while (name[k] && !vp_is_space((unsigned char)name[k]))
		k++;
	const char *arg = vp_trim(name + k);
	for (size_t i = 0; i < NDIRECTIVES; i++) {
		const struct lx_directive *d = &directives[i];
		if (strlen(d->name) != k || memcmp(d->name, name, k) != 0)
			continue;
		if (d->takes_arg && !*arg)
			return vp_errf_at(e, EX_CONFIG, file, lineno, "'@%s' needs a value after it",
			                  d->name);
		if (!d->takes_arg && *arg)
			return vp_errf_at(e, EX_CONFIG, file, lineno,
			                  "'@%s' takes nothing after it: '%s'", d->name, line);
		vp_err sub = {0};
		int rc = d->apply(lx, theme, arg, &sub);
		return rc ? vp_errf_at(e, rc, file, lineno, "%s", sub.msg) : 0;
	}
	char known[256] = "";
	size_t at = 0;
	for (size_t i = 0; i < NDIRECTIVES && at < sizeof known; i++) {
		int w = snprintf(known + at, sizeof known - at, "%s@%s", i ? ", " : "",
		                 directives[i].name);
		if (w < 0)
			break;
		at += (size_t)w;
	}
	return vp_errf_at(e, EX_CONFIG, file, lineno, "unknown directive '%s' (known: %s)",
	                  line, known);
}

/* A word of an entry (p[0..tn)) that the tokeniser made the placeholder
 * <url> or <email> (tk: its tokens) is an address: it would match every
 * address, not this one.  The placeholders written as such are allowed
 * (they match any address, as documented in lexicons/README.md). */
static int check_address(const char *file, unsigned long lineno, const char *p, size_t tn,
                         const vp_tokens *tk, vp_err *e)
{
	static const struct { const char *ph, *what, *eg; } kinds[] = {
		{"<url>", "a web address", "nhs website"},
		{"<email>", "an e-mail address", "emailed the practice"},
	};
	for (size_t i = 0; i < tk->n; i++)
		for (size_t k = 0; k < 2; k++) {
			size_t n = strlen(kinds[k].ph);
			if (tk->len[i] != n || memcmp(vp_token(tk, i), kinds[k].ph, n) != 0 ||
			    (tn >= n && strncasecmp(p, kinds[k].ph, n) == 0))
				continue;
			return vp_errf_at(e, EX_CONFIG, file, lineno,
			                  "'%.*s' is %s; entries match words -- write the words, "
			                  "e.g. \"%s\"", (int)tn, p, kinds[k].what, kinds[k].eg);
		}
	return 0;
}

/* Parse one entry (trimmed, no comment) of FILE; pattern: the line it
 * was expanded from, or NULL. */
static int parse_entry(vp_lexicon *lx, vp_text *tx, const char *file, unsigned long lineno,
                       const char *line, const char *pattern, size_t theme, vp_tokens *tk,
                       vp_err *e)
{
	int exclude = line[0] == '!';
	const char *body = line + exclude;
	size_t first_term = lx->nterms;
	size_t any_terms = 0;
	int rc = 0;

	size_t tn;
	for (const char *p = body, *q; !rc && (p = vp_next_word(p, &tn)); p = q) {
		q = p + tn;
		const char *star = memchr(p, '*', tn);
		if (tn == 1 && *p == '?') {
			any_terms++;
			if (add_term(lx, LX_ANY, "", 0))
				rc = vp_oom(e);
		} else if (star) {
			if (star != q - 1)
				rc = vp_errf_at(e, EX_CONFIG, file, lineno,
				                "'*' may only end a word: '%.*s'", (int)tn, p);
			else if (tn == 1)
				rc = vp_errf_at(e, EX_CONFIG, file, lineno, "'*' needs a prefix before it");
			if (rc)
				break;
			vp_tokens_clear(tk);
			rc = vp_text_tokenise(tx, p, tn - 1, VP_TEXT_NOSTEM, tk, e);
			if (rc == EX_DATAERR)
				rc = vp_errf_at(e, EX_CONFIG, file, lineno, "invalid UTF-8");
			else if (!rc)
				rc = check_address(file, lineno, p, tn, tk, e);
			if (!rc && tk->n != 1)
				rc = vp_errf_at(e, EX_CONFIG, file, lineno,
				                "wildcard '%.*s': the prefix must be one word",
				                (int)tn, p);
			else if (!rc && add_term(lx, LX_PREFIX, vp_token(tk, 0), tk->len[0]))
				rc = vp_oom(e);
		} else {
			vp_tokens_clear(tk);
			rc = vp_text_tokenise(tx, p, tn, 0, tk, e);
			if (rc == EX_DATAERR)
				rc = vp_errf_at(e, EX_CONFIG, file, lineno, "invalid UTF-8");
			else if (!rc)
				rc = check_address(file, lineno, p, tn, tk, e);
			for (size_t i = 0; !rc && i < tk->n; i++)
				if (add_term(lx, LX_WORD, vp_token(tk, i), tk->len[i]))
					rc = vp_oom(e);
		}
	}
	size_t nterms = lx->nterms - first_term;
	if (!rc && nterms == any_terms)
		rc = vp_errf_at(e, EX_CONFIG, file, lineno, exclude ?
		                "exclusion '!' has no words after it" : "entry has no words");
	else if (!rc && nterms > VP_LEXICON_MAX_TERMS)
		rc = vp_errf_at(e, EX_CONFIG, file, lineno, "entry longer than %d words",
		                VP_LEXICON_MAX_TERMS);
	if (rc) {
		lx->nterms = first_term;
		return rc;
	}
	if (vp_grow((void **)&lx->entries, &lx->capentries, lx->nentries + 1, sizeof *lx->entries))
		return vp_oom(e);
	struct lx_entry *en = &lx->entries[lx->nentries];
	memset(en, 0, sizeof *en);
	/* the words with one space between them, however they were parted:
	 * a TAB in a text would end a LIWC entry, and equal phrases are
	 * equal texts (hits, exports) */
	char *text = malloc(strlen(line) + 1), *t = text;
	if (!text)
		return vp_oom(e);
	size_t wn;
	for (const char *w = line; (w = vp_next_word(w, &wn)); w += wn) {
		if (t != text)
			*t++ = ' ';
		memcpy(t, w, wn);
		t += wn;
	}
	*t = '\0';
	en->pub.text = text;
	en->pub.file = file;
	en->pub.line = lineno;
	en->pub.theme = theme;
	en->pub.exclude = exclude;
	en->pub.nterms = nterms;
	en->pub.pattern = pattern;
	en->term0 = first_term;
	while (lx->terms[first_term + en->lead].kind == LX_ANY)
		en->lead++;
	lx->themes[theme].nentries++;
	lx->nentries++;
	return 0;
}

int vp_lexicon_gap_at(const char *text, const char *p)
{
	return *p == '?' && (p == text || vp_is_space((unsigned char)p[-1])) &&
	       (!p[1] || vp_is_space((unsigned char)p[1]));
}

int vp_lexicon_has_gap(const char *text)
{
	for (const char *p = text; *p; p++)
		if (vp_lexicon_gap_at(text, p))
			return 1;
	return 0;
}

/* ---- word lists ---- */

static const struct lx_list *list_find(const vp_lexicon *lx, const char *name, size_t n)
{
	for (size_t i = 0; i < lx->nlists; i++)
		if (strlen(lx->lists[i].name) == n && memcmp(lx->lists[i].name, name, n) == 0)
			return &lx->lists[i];
	return NULL;
}

/* The error for "{name}" naming no list: the set's lists, or how to make one. */
static int no_list(const vp_lexicon *lx, const char *file, unsigned long lineno,
                   const char *ref, size_t n, vp_err *e)
{
	if (!lx->nlists)
		return vp_errf_at(e, EX_CONFIG, file, lineno, "no word list '%.*s' in this set "
		                  "(it has none: a list is a file NAME.list)", (int)n, ref);
	vp_buf known = VP_BUF_INIT;
	for (size_t i = 0; i < lx->nlists; i++)
		if (vp_buf_printf(&known, "%s{%s}", i ? ", " : "", lx->lists[i].name)) {
			vp_buf_free(&known);
			return vp_oom(e);
		}
	int rc = vp_errf_at(e, EX_CONFIG, file, lineno, "no word list '%.*s' in this set "
	                    "(its lists: %s)", (int)n, ref, known.data);
	vp_buf_free(&known);
	return rc;
}

enum { LX_MAX_WORDS = 2 * VP_LEXICON_MAX_TERMS };

/* A line naming lists ("{people} ? {praise}"): one entry per member, or
 * per combination of members, each parsed as if written out. */
static int expand_lists(vp_lexicon *lx, vp_text *tx, const char *file, unsigned long lineno,
                        const char *line, size_t theme, vp_tokens *tk, vp_err *e)
{
	int exclude = line[0] == '!';
	const char *w[LX_MAX_WORDS];
	size_t wn[LX_MAX_WORDS], nw = 0;
	const struct lx_list *wl[LX_MAX_WORDS];
	size_t total = 1, n;
	for (const char *p = line + exclude; (p = vp_next_word(p, &n)); p += n) {
		if (nw == LX_MAX_WORDS)
			return vp_errf_at(e, EX_CONFIG, file, lineno, "entry longer than %d words",
			                  VP_LEXICON_MAX_TERMS);
		w[nw] = p;
		wn[nw] = n;
		wl[nw] = NULL;
		if (memchr(p, '{', n) || memchr(p, '}', n)) {
			if (n < 3 || p[0] != '{' || p[n - 1] != '}' || memchr(p + 1, '{', n - 2) ||
			    memchr(p + 1, '}', n - 2)) {
				/* the name inside, for the message: "{people}s" -> {people} */
				const char *o = memchr(p, '{', n), *c = o ? memchr(o, '}', n - (size_t)(o - p)) : NULL;
				return o && c ? vp_errf_at(e, EX_CONFIG, file, lineno, "'%.*s': a list is named "
				                           "by a word of its own, '%.*s'", (int)n, p,
				                           (int)(c - o + 1), o)
				              : vp_errf_at(e, EX_CONFIG, file, lineno, "'%.*s': a list is named "
				                           "by a word of its own, '{NAME}'", (int)n, p);
			}
			if (!(wl[nw] = list_find(lx, p + 1, n - 2)))
				return no_list(lx, file, lineno, p, n, e);
			size_t m = wl[nw]->member.n;
			if (!m)
				return vp_errf_at(e, EX_CONFIG, file, lineno, "word list '%.*s' (%s) has "
				                  "no members", (int)n, p, wl[nw]->file);
			if (total > VP_LEXICON_MAX_EXPANSIONS / m)
				return vp_errf_at(e, EX_CONFIG, file, lineno, "'%s' stands for more than %d "
				                  "entries: split it", line, VP_LEXICON_MAX_EXPANSIONS);
			total *= m;
		}
		nw++;
	}
	if (strvec_push(&lx->patterns, strdup(line)))
		return vp_oom(e);
	const char *pattern = lx->patterns.v[lx->patterns.n - 1];
	size_t at[LX_MAX_WORDS] = {0};
	vp_buf text = VP_BUF_INIT;
	int rc = 0;
	for (size_t k = 0; k < total && !rc; k++) {
		vp_buf_clear(&text);
		int bad = exclude && vp_buf_putc(&text, '!');
		for (size_t i = 0; i < nw && !bad; i++) {
			if (i)
				bad = vp_buf_putc(&text, ' ');
			bad = bad || (wl[i] ? vp_buf_puts(&text, wl[i]->member.v[at[i]])
			                    : vp_buf_append(&text, w[i], wn[i]));
		}
		if (bad) {
			rc = vp_oom(e);
			break;
		}
		rc = parse_entry(lx, tx, file, lineno, text.data, pattern, theme, tk, e);
		/* the next combination: the last list turns fastest */
		for (size_t i = nw; i-- > 0;)
			if (wl[i]) {
				if (++at[i] < wl[i]->member.n)
					break;
				at[i] = 0;
			}
	}
	vp_buf_free(&text);
	return rc;
}

/* Parse one line (NUL-terminated, no newline) of FILE into an entry (or
 * the entries a line with lists stands for). */
static int parse_line(vp_lexicon *lx, vp_text *tx, const char *file, unsigned long lineno,
                      char *line, size_t theme, vp_tokens *tk, vp_err *e)
{
	line = vp_uncomment(line);
	if (!*line)
		return 0;
	if (line[0] == '@')
		return parse_directive(lx, file, lineno, line, theme, e);
	if (strchr(line, '{') || strchr(line, '}'))
		return expand_lists(lx, tx, file, lineno, line, theme, tk, e);
	return parse_entry(lx, tx, file, lineno, line, NULL, theme, tk, e);
}

/* entry parsed alone, as a theme file's line would be, into a lexicon of
 * its own (*out, the caller's to free; NULL on error): file "" and line 0,
 * so an error is its message alone */
static int parse_alone(vp_text *tx, const char *entry, vp_lexicon **out, vp_err *e)
{
	vp_lexicon *lx = calloc(1, sizeof *lx);
	char *line = strdup(entry);
	vp_tokens tk = VP_TOKENS_INIT;
	int rc;
	if (!lx || !line || !(lx->themes = calloc(1, sizeof *lx->themes))) {
		rc = vp_oom(e);
	} else {
		lx->nthemes = 1;
		rc = parse_line(lx, tx, "", 0, line, 0, &tk, e);
		if (rc && rc != EX_OSERR && strncmp(e->msg, ": ", 2) == 0)
			memmove(e->msg, e->msg + 2, strlen(e->msg + 2) + 1);
	}
	free(line);
	vp_tokens_free(&tk);
	if (rc) {
		vp_lexicon_free(lx);
		lx = NULL;
	}
	*out = lx;
	return rc;
}

int vp_lexicon_entry_check(vp_text *tx, const char *entry, vp_err *e)
{
	vp_lexicon *lx;
	int rc = parse_alone(tx, entry, &lx, e);
	vp_lexicon_free(lx);
	return rc;
}

/* What one line of a file is for: a theme's entry or a list's member. */
struct line_sink {
	vp_lexicon *lx;
	vp_text *tx;
	vp_tokens *tk;
	size_t theme;              /* a theme file's theme */
	struct lx_list *list;      /* a list file's list, else NULL */
	vp_strmap *keys;           /* the list's members by member_key */
	vp_buf *key;
};

/* One member of a list file: one entry's words, as an entry would be
 * written, and not an earlier member once stemmed. */
static int list_member(struct line_sink *s, const char *path, unsigned long lineno, char *line,
                       vp_err *e)
{
	line = vp_uncomment(line);
	if (!*line)
		return 0;
	if (vp_lexicon_has_gap(line) || line[0] == '!' || line[0] == '@' || strpbrk(line, "{}"))
		return vp_errf_at(e, EX_CONFIG, path, lineno, "'%s': a list member cannot hold a '?' "
		                  "gap, an exclusion '!', a directive '@' or a list '{...}'", line);
	vp_err sub = {0};
	vp_lexicon *alone;
	int rc = parse_alone(s->tx, line, &alone, &sub);
	if (rc)
		return rc == EX_OSERR ? vp_oom(e) : vp_errf_at(e, rc, path, lineno, "%s", sub.msg);
	/* its key: its terms as the matcher sees them (stems, a wildcard's
	 * prefix marked), so "doctors" is "doctor" again */
	vp_buf_clear(s->key);
	for (size_t i = 0; i < alone->nterms && !rc; i++) {
		const struct lx_term *t = &alone->terms[i];
		if (vp_buf_append(s->key, alone->pool.data + t->off, t->len) ||
		    vp_buf_puts(s->key, t->kind == LX_PREFIX ? "*\x1f" : "\x1f"))
			rc = vp_oom(e);
	}
	vp_lexicon_free(alone);
	if (rc)
		return rc;
	size_t *first;
	int put = vp_strmap_put(s->keys, s->key->data, s->key->len, lineno, &first);
	if (put < 0)
		return vp_oom(e);
	if (put == 0) {
		vp_lexicon *lx = s->lx;
		if (vp_grow((void **)&lx->dups, &lx->capdups, lx->ndups + 1, sizeof *lx->dups))
			return vp_oom(e);
		struct lx_listdup *d = &lx->dups[lx->ndups];
		*d = (struct lx_listdup){path, lineno, *first, strdup(line)};
		if (!d->text)
			return vp_oom(e);
		lx->ndups++;
		return 0;
	}
	struct lx_list *l = s->list;
	if (vp_grow((void **)&l->line, &l->capline, l->member.n + 1, sizeof *l->line) ||
	    strvec_push(&l->member, strdup(line)))
		return vp_oom(e);
	l->line[l->member.n - 1] = lineno;
	return 0;
}

static int load_file(struct line_sink *s, const char *path, vp_err *e)
{
	FILE *fp;
	int orc = vp_open_in(&fp, path, VP_IN_NOSTDIN, e);
	if (orc)
		return orc;
	vp_buf buf = VP_BUF_INIT;
	unsigned long lineno = 0;
	int rc = 0, got;
	/* LF, CRLF or a lone CR (old Mac files) ends a line */
	while (!rc && (got = vp_read_line(fp, &buf, SIZE_MAX, NULL)) == 1) {
		lineno++;
		char *line = buf.data;
		size_t n = buf.len;
		if (lineno == 1 && n >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0) {
			line += 3;
			n -= 3;
		}
		if (memchr(line, '\0', n))
			rc = vp_errf_at(e, EX_CONFIG, path, lineno, "NUL byte in lexicon line");
		else if (vp_utf8_check(line, n) != n)
			rc = vp_errf_at(e, EX_CONFIG, path, lineno, "invalid UTF-8");
		else if (s->list)
			rc = list_member(s, path, lineno, line, e);
		else
			rc = parse_line(s->lx, s->tx, path, lineno, line, s->theme, s->tk, e);
	}
	if (!rc && got != 0)
		rc = got == EX_OSERR ? vp_oom(e)
		                     : vp_errf_at(e, EX_IOERR, path, lineno + 1, "read error");
	vp_buf_free(&buf);
	fclose(fp);
	return rc;
}

/* The word lists, before any theme file that names them: DIR/REL.list
 * for each REL of rels (sorted), named by the file's name. */
static int load_lists(vp_lexicon *lx, vp_text *tx, const char *dir, struct strvec *rels,
                      vp_tokens *tk, vp_err *e)
{
	if (!rels->n)
		return 0;
	qsort(rels->v, rels->n, sizeof *rels->v, path_cmp_p);
	if (!(lx->lists = calloc(rels->n, sizeof *lx->lists)))
		return vp_oom(e);
	vp_buf key = VP_BUF_INIT;
	int rc = 0;
	for (size_t i = 0; !rc && i < rels->n; i++) {
		vp_buf pb = VP_BUF_INIT;
		if (vp_buf_printf(&pb, "%s/%s.list", dir, rels->v[i]) ||
		    strvec_push(&lx->listfiles, vp_buf_steal(&pb))) {
			vp_buf_free(&pb);
			rc = vp_oom(e);
			break;
		}
		const char *path = lx->listfiles.v[lx->listfiles.n - 1];
		const char *base = strrchr(path, '/') + 1;
		size_t bn = strlen(base) - 5;
		for (size_t k = 0; k < bn && !rc; k++) {
			unsigned char c = (unsigned char)base[k];
			if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') &&
			    c != '_' && c != '-')
				rc = vp_errf_at(e, EX_CONFIG, path, 0, "a list's name (its file's name before "
				                ".list) may hold only letters, digits, '_' and '-'");
		}
		const struct lx_list *same = rc ? NULL : list_find(lx, base, bn);
		if (same)
			rc = vp_errf_at(e, EX_CONFIG, path, 0, "a second list named '%.*s' (the first is "
			                "%s): list names are one per set", (int)bn, base, same->file);
		if (rc)
			break;
		struct lx_list *l = &lx->lists[lx->nlists++];
		l->file = path;
		if (!(l->name = strndup(base, bn))) {
			rc = vp_oom(e);
			break;
		}
		vp_strmap keys = VP_STRMAP_INIT;
		struct line_sink s = {lx, tx, tk, 0, l, &keys, &key};
		rc = load_file(&s, path, e);
		vp_strmap_free(&keys);
	}
	vp_buf_free(&key);
	return rc;
}

/* ---- the index ---- */

/* An entry is indexed by its first term after any leading '?' -- and by
 * the word after it as well when both are words (LX_PAIR), so that the
 * many phrases sharing a common first word ("not", "were", "the") are not
 * all tried at every such word. */
static int entry_key_kind(const vp_lexicon *lx, const struct lx_entry *en)
{
	const struct lx_term *t = &lx->terms[en->term0 + en->lead];
	if (t->kind == LX_WORD && en->lead + 1 < en->pub.nterms && t[1].kind == LX_WORD)
		return LX_PAIR;
	return t->kind;
}


static int term_is(const vp_lexicon *lx, const struct lx_term *t, const char *s, size_t n)
{
	return t->len == n && memcmp(lx->pool.data + t->off, s, n) == 0;
}

size_t lx_index_find(const vp_lexicon *lx, int kind, uint32_t h, const char *s1, size_t n1,
                     const char *s2, size_t n2)
{
	for (size_t i = h & lx->imask; lx->index[i].head != LX_NONE; i = (i + 1) & lx->imask) {
		const struct lx_slot *sl = &lx->index[i];
		if (sl->hash != h || sl->kind != kind)
			continue;
		const struct lx_entry *en = &lx->entries[sl->head];
		const struct lx_term *t = &lx->terms[en->term0 + en->lead];
		if (term_is(lx, t, s1, n1) && (kind != LX_PAIR || term_is(lx, t + 1, s2, n2)))
			return i;
	}
	return LX_NONE;
}

/* Slots for an open-addressing table of n keys: a power of two, at least
 * 16, never more than half full (the index, the words, the pairs). */
static size_t table_slots(size_t n)
{
	size_t nslots = 16;
	while (nslots < 2 * n + 2)
		nslots <<= 1;
	return nslots;
}

uint32_t lx_word_find(const vp_lexicon *lx, const char *s, size_t n, uint32_t h)
{
	for (size_t i = h & lx->wmask; lx->words[i]; i = (i + 1) & lx->wmask) {
		const struct lx_term *t = &lx->terms[lx->words[i] - 1];
		if (t->hash == h && term_is(lx, t, s, n))
			return t->wid;
	}
	return LX_NOWORD;
}

/* Number every word term: the number of the first term with its bytes. */
static int number_words(vp_lexicon *lx, vp_err *e)
{
	if (lx->nterms >= UINT32_MAX)
		return vp_errf(e, EX_DATAERR, "too many terms in the lexicon");
	size_t nslots = table_slots(lx->nterms);
	if (!(lx->words = calloc(nslots, sizeof *lx->words)))
		return vp_oom(e);
	lx->wmask = nslots - 1;
	for (size_t k = 0; k < lx->nterms; k++) {
		struct lx_term *t = &lx->terms[k];
		if (t->kind != LX_WORD)
			continue;
		t->wid = lx_word_find(lx, lx->pool.data + t->off, t->len, t->hash);
		if (t->wid != LX_NOWORD)
			continue;
		size_t i = t->hash & lx->wmask;
		while (lx->words[i])
			i = (i + 1) & lx->wmask;
		lx->words[i] = (uint32_t)k + 1;
		t->wid = (uint32_t)k;
	}
	return 0;
}

/* The LX_PAIR keys by their words' numbers, each with its run of links,
 * and their filter (after build_links). */
static int build_pairs(vp_lexicon *lx, vp_err *e)
{
	size_t npairs = 0;
	for (size_t i = 0; i <= lx->imask; i++)
		npairs += lx->index[i].head != LX_NONE && lx->index[i].kind == LX_PAIR;
	size_t nslots = table_slots(npairs);
	if (!(lx->pairs = malloc(nslots * sizeof *lx->pairs)))
		return vp_oom(e);
	lx->pmask = nslots - 1;
	for (size_t i = 0; i < nslots; i++)
		lx->pairs[i].nlinks = 0;
	memset(lx->pfilter, 0, sizeof lx->pfilter);
	for (size_t i = 0; i <= lx->imask; i++) {
		const struct lx_slot *sl = &lx->index[i];
		if (sl->head == LX_NONE || sl->kind != LX_PAIR)
			continue;
		const struct lx_entry *en = &lx->entries[sl->head];
		const struct lx_term *t = &lx->terms[en->term0 + en->lead];
		uint64_t key = (uint64_t)t[0].wid << 32 | t[1].wid, h = lx_pair_hash(key);
		size_t j = (size_t)(h >> 32) & lx->pmask;
		while (lx->pairs[j].nlinks)
			j = (j + 1) & lx->pmask;
		/* (build_links: fewer than UINT32_MAX links; a chain has one at least) */
		lx->pairs[j] = (struct lx_pairslot){key, (uint32_t)lx->runs[i].link0,
		                                    (uint32_t)lx->runs[i].nlinks};
		lx->pfilter[h >> 54] |= lx_pair_bits(h);
	}
	return 0;
}

static int add_prefix_len(vp_lexicon *lx, size_t len, vp_err *e)
{
	size_t j = 0;
	while (j < lx->nplens && lx->plens[j] < len)
		j++;
	if (j < lx->nplens && lx->plens[j] == len)
		return 0;
	if (vp_grow((void **)&lx->plens, &lx->capplens, lx->nplens + 1, sizeof *lx->plens))
		return vp_oom(e);
	memmove(lx->plens + j + 1, lx->plens + j, (lx->nplens - j) * sizeof *lx->plens);
	lx->plens[j] = len;
	lx->nplens++;
	return 0;
}

/* Put key (kind, hash h) with chain head k into the first free slot. */
static void index_add(vp_lexicon *lx, size_t k, uint32_t h, int kind)
{
	size_t i = h & lx->imask;
	while (lx->index[i].head != LX_NONE)
		i = (i + 1) & lx->imask;
	lx->index[i] = (struct lx_slot){k, h, kind};
}

static int build_index(vp_lexicon *lx, vp_err *e)
{
	/* keys: one per entry at most, plus one LX_PAIRHEAD per LX_PAIR key */
	size_t nkeys = lx->nentries;
	for (size_t k = 0; k < lx->nentries; k++)
		nkeys += entry_key_kind(lx, &lx->entries[k]) == LX_PAIR;
	size_t nslots = table_slots(nkeys);
	lx->index = malloc(nslots * sizeof *lx->index);
	if (!lx->index)
		return vp_oom(e);
	lx->imask = nslots - 1;
	for (size_t i = 0; i < nslots; i++)
		lx->index[i].head = LX_NONE;
	/* Prepend in reverse so each chain is in file order. */
	for (size_t k = lx->nentries; k-- > 0;) {
		struct lx_entry *en = &lx->entries[k];
		const struct lx_term *t = &lx->terms[en->term0 + en->lead];
		int kind = entry_key_kind(lx, en);
		const struct lx_term *t2 = kind == LX_PAIR ? t + 1 : t;
		uint32_t h = lx_key_hash(kind, t->hash, t2->hash);
		size_t i = lx_index_find(lx, kind, h, lx->pool.data + t->off, t->len,
		                         lx->pool.data + t2->off, t2->len);
		if (i != LX_NONE) {
			en->next = lx->index[i].head;
			lx->index[i].head = k;
			continue;
		}
		en->next = LX_NONE;
		index_add(lx, k, h, kind);
		uint32_t bit = h & (LX_FILTER_BITS - 1);
		lx->filter[bit / 64] |= (uint64_t)1 << (bit % 64);
		if (kind == LX_PREFIX && add_prefix_len(lx, t->len, e))
			return EX_OSERR;
		if (kind == LX_PAIR) {
			uint32_t hh = lx_key_hash(LX_PAIRHEAD, t->hash, 0);
			if (lx_index_find(lx, LX_PAIRHEAD, hh, lx->pool.data + t->off, t->len, NULL,
			                  0) == LX_NONE)
				index_add(lx, k, hh, LX_PAIRHEAD);
		}
	}
	return 0;
}

/* Each slot's chain as a run of links (LX_PAIRHEAD slots: none). */
static int build_links(vp_lexicon *lx, vp_err *e)
{
	/* a link's entry, first term and theme are 32 bits (terms: number_words) */
	if (lx->nentries >= UINT32_MAX || lx->nthemes >= UINT32_MAX)
		return vp_errf(e, EX_DATAERR, "too many entries in the lexicon");
	lx->runs = calloc(lx->imask + 1, sizeof *lx->runs);
	lx->links = malloc((lx->nentries ? lx->nentries : 1) * sizeof *lx->links);
	if (!lx->runs || !lx->links)
		return vp_oom(e);
	size_t nl = 0;
	for (size_t i = 0; i <= lx->imask; i++) {
		const struct lx_slot *sl = &lx->index[i];
		lx->runs[i].link0 = nl;
		if (sl->head == LX_NONE || sl->kind == LX_PAIRHEAD)
			continue;
		for (size_t k = sl->head; k != LX_NONE; k = lx->entries[k].next) {
			const struct lx_entry *en = &lx->entries[k];
			struct lx_link *l = &lx->links[nl++];
			size_t j0 = en->lead + (sl->kind == LX_PAIR ? 2 : 1), jq = j0;
			while (jq < en->pub.nterms && lx->terms[en->term0 + jq].kind != LX_WORD)
				jq++;
			*l = (struct lx_link){(uint32_t)k, (uint32_t)en->term0,
			                      (uint32_t)en->pub.theme, 0, (uint8_t)en->pub.nterms,
			                      (uint8_t)en->lead, (uint8_t)(en->pub.exclude != 0),
			                      (uint8_t)j0, LX_NOQUICK, 0};
			if (jq < en->pub.nterms) {
				l->wq = lx->terms[en->term0 + jq].wid;
				l->jq = (uint8_t)jq;
				l->q = (uint8_t)(jq - en->lead);
			}
		}
		lx->runs[i].nlinks = nl - lx->runs[i].link0;
	}
	return 0;
}

/* Each entry's textid: the first entry with the same text. */
static int text_ids(vp_lexicon *lx, vp_err *e)
{
	vp_strmap seen = VP_STRMAP_INIT;
	for (size_t k = 0; k < lx->nentries; k++) {
		const char *text = lx->entries[k].pub.text;
		size_t *at;
		if (vp_strmap_put(&seen, text, strlen(text), k, &at) < 0) {
			vp_strmap_free(&seen);
			return vp_oom(e);
		}
		lx->entries[k].textid = *at;
	}
	vp_strmap_free(&seen);
	return 0;
}

/* ---- output fragments, rendered once ---- */

static int render_json(vp_lexicon *lx, vp_err *e)
{
	vp_buf *j = &lx->json;
	for (size_t i = 0; i < lx->nthemes; i++) {
		struct lx_theme *t = &lx->themes[i];
		t->jhead = j->len;
		if (vp_buf_puts(j, "{\"theme\":") || vp_json_str(j, t->name, strlen(t->name)) ||
		    vp_buf_puts(j, ",\"hits\":["))
			return vp_oom(e);
		t->jheadlen = j->len - t->jhead;
	}
	/* only the entries' texts: the "file:line" strings --explain shows are
	 * written when asked (vp_themes_json), not for every entry of every load */
	int bad = 0;
	for (size_t i = 0; i < lx->nentries && !bad; i++) {
		struct lx_entry *en = &lx->entries[i];
		en->jtext = j->len;
		bad = vp_json_str(j, en->pub.text, strlen(en->pub.text));
		en->jtextlen = j->len - en->jtext;
	}
	return bad ? vp_oom(e) : 0;
}

/* ---- the fingerprint ---- */

/* What lexicon.h says vp_lexicon_fingerprint is made of. */
static uint64_t fingerprint(const vp_lexicon *lx, const vp_text *tx)
{
	uint64_t h = VP_HASH64_INIT;
	for (size_t i = 0; i < lx->nthemes; i++) {
		const struct lx_theme *t = &lx->themes[i];
		h = vp_hash64_more(h, t->name, strlen(t->name) + 1);
		h = vp_hash64_more(h, t->keep ? "k" : "", t->keep ? 2 : 1);
	}
	for (size_t i = 0; i < lx->nentries; i++) {
		const vp_lexicon_entry *en = &lx->entries[i].pub;
		const char *theme = lx->themes[en->theme].name;
		h = vp_hash64_more(h, theme, strlen(theme) + 1);
		h = vp_hash64_more(h, en->text, strlen(en->text) + 1);
	}
	/* English added nothing, so sets keep the values they had before */
	const char *stemmer = vp_text_stemmer(tx);
	if (strcmp(stemmer, "english") != 0) {
		h = vp_hash64_more(h, "stemmer", sizeof "stemmer");
		h = vp_hash64_more(h, stemmer, strlen(stemmer) + 1);
	}
	return h;
}

uint64_t vp_lexicon_fingerprint(const vp_lexicon *lx)
{
	return lx->fingerprint;
}

void vp_lexicon_fingerprint_hex(const vp_lexicon *lx, char hex[VP_LEXICON_FP_LEN + 1])
{
	snprintf(hex, VP_LEXICON_FP_LEN + 1, "%016llx", (unsigned long long)lx->fingerprint);
}

int vp_lexicon_fingerprint_valid(const char *s, size_t n)
{
	if (n != VP_LEXICON_FP_LEN)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (vp_hex_digit((unsigned char)s[i]) < 0 || (s[i] >= 'A' && s[i] <= 'F'))
			return 0; /* lower case only, as written */
	return 1;
}

/* ---- public ---- */

int vp_lexicon_load(vp_lexicon **out, const char *dir, vp_text *tx, vp_err *e)
{
	*out = NULL;
	vp_lexicon *lx = calloc(1, sizeof *lx);
	if (!lx)
		return vp_oom(e);
	struct strvec files = {0}, lists = {0};
	vp_tokens tk = VP_TOKENS_INIT;
	size_t dn = strlen(dir);
	while (dn > 1 && dir[dn - 1] == '/')
		dn--;
	char *d = strndup(dir, dn);
	int rc = d ? walk(d, "", 0, &files, &lists, e) : vp_oom(e);
	if (!rc && !files.n)
		rc = vp_errf_at(e, EX_NOINPUT, d, 0, "no lexicon files (*.txt) in this directory");
	if (!rc) {
		qsort(files.v, files.n, sizeof *files.v, path_cmp_p);
		rc = make_themes(lx, &files, e);
	}
	if (!rc)
		rc = load_lists(lx, tx, d, &lists, &tk, e);
	for (size_t i = 0; !rc && i < files.n; i++) {
		char *f = files.v[i];
		vp_buf pb = VP_BUF_INIT;
		if (vp_buf_printf(&pb, "%s/%s.txt", d, f) || strvec_push(&lx->files, vp_buf_steal(&pb))) {
			vp_buf_free(&pb);
			rc = vp_oom(e);
			break;
		}
		const char *path = lx->files.v[lx->files.n - 1];
		struct line_sink s = {lx, tx, &tk, (size_t)theme_find(lx, f), NULL, NULL, NULL};
		rc = load_file(&s, path, e);
	}
	if (!rc)
		rc = number_words(lx, e);
	if (!rc)
		rc = build_index(lx, e);
	if (!rc)
		rc = build_links(lx, e);
	if (!rc)
		rc = build_pairs(lx, e);
	if (!rc)
		rc = text_ids(lx, e);
	if (!rc)
		rc = render_json(lx, e);
	if (!rc) {
		lx->fingerprint = fingerprint(lx, tx);
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		lx->loaded_ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	}
	free(d);
	strvec_free(&files);
	strvec_free(&lists);
	vp_tokens_free(&tk);
	if (rc) {
		vp_lexicon_free(lx);
		return rc;
	}
	*out = lx;
	return 0;
}

void vp_lexicon_free(vp_lexicon *lx)
{
	if (!lx)
		return;
	for (size_t i = 0; i < lx->nthemes; i++) {
		free(lx->themes[i].name);
		free(lx->themes[i].label);
		free(lx->themes[i].describe);
	}
	free(lx->themes);
	for (size_t i = 0; i < lx->nentries; i++)
		free((char *)lx->entries[i].pub.text);
	free(lx->entries);
	free(lx->terms);
	vp_buf_free(&lx->pool);
	vp_buf_free(&lx->json);
	strvec_free(&lx->files);
	for (size_t i = 0; i < lx->nlists; i++) {
		free(lx->lists[i].name);
		strvec_free(&lx->lists[i].member);
		free(lx->lists[i].line);
	}
	free(lx->lists);
	strvec_free(&lx->listfiles);
	for (size_t i = 0; i < lx->ndups; i++)
		free(lx->dups[i].text);
	free(lx->dups);
	strvec_free(&lx->patterns);
	free(lx->index);
	free(lx->words);
	free(lx->pairs);
	free(lx->runs);
	free(lx->links);
	free(lx->plens);
	free(lx);
}

size_t vp_lexicon_nthemes(const vp_lexicon *lx)
{
	return lx->nthemes;
}

const char *vp_lexicon_theme_name(const vp_lexicon *lx, size_t theme)
{
	return lx->themes[theme].name;
}

const char *vp_lexicon_theme_label(const vp_lexicon *lx, size_t theme)
{
	return lx->themes[theme].label;
}

const char *vp_lexicon_theme_describe(const vp_lexicon *lx, size_t theme)
{
	return lx->themes[theme].describe;
}

long vp_lexicon_theme_parent(const vp_lexicon *lx, size_t theme)
{
	return lx->themes[theme].parent;
}

size_t vp_lexicon_theme_entries(const vp_lexicon *lx, size_t theme)
{
	return lx->themes[theme].nentries;
}

size_t vp_lexicon_nentries(const vp_lexicon *lx)
{
	return lx->nentries;
}

const vp_lexicon_entry *vp_lexicon_entry_at(const vp_lexicon *lx, size_t entry)
{
	return &lx->entries[entry].pub;
}

size_t vp_lexicon_line_end(const vp_lexicon *lx, size_t entry)
{
	const char *pattern = lx->entries[entry].pub.pattern;
	size_t end = entry + 1;
	while (pattern && end < lx->nentries && lx->entries[end].pub.pattern == pattern)
		end++;
	return end;
}

size_t vp_lexicon_nlists(const vp_lexicon *lx)
{
	return lx->nlists;
}

size_t vp_lexicon_list_members(const vp_lexicon *lx, size_t list, const char **file)
{
	*file = lx->lists[list].file;
	return lx->lists[list].member.n;
}

const char *vp_lexicon_list_name(const vp_lexicon *lx, size_t list)
{
	return lx->lists[list].name;
}

const char *vp_lexicon_list_member(const vp_lexicon *lx, size_t list, size_t member,
                                   unsigned long *line)
{
	*line = lx->lists[list].line[member];
	return lx->lists[list].member.v[member];
}

/* ---- checking a lexicon (vp-tag --check) ---- */

static int same_terms(const vp_lexicon *lx, const struct lx_entry *a, const struct lx_entry *b)
{
	if (a->pub.nterms != b->pub.nterms)
		return 0;
	for (size_t i = 0; i < a->pub.nterms; i++) {
		const struct lx_term *x = &lx->terms[a->term0 + i], *y = &lx->terms[b->term0 + i];
		if (x->kind != y->kind || x->len != y->len ||
		    memcmp(lx->pool.data + x->off, lx->pool.data + y->off, x->len) != 0)
			return 0;
	}
	return 1;
}

/* Does term x match every token term t can match?  A '?' matches any; a
 * prefix every word, and every prefix, it starts; a word only itself. */
static int term_covers(const vp_lexicon *lx, const struct lx_term *x, const struct lx_term *t)
{
	const char *xs = lx->pool.data + x->off, *ts = lx->pool.data + t->off;
	switch (x->kind) {
	case LX_ANY:
		return 1;
	case LX_PREFIX:
		return (t->kind == LX_WORD || t->kind == LX_PREFIX) && t->len >= x->len &&
		       memcmp(ts, xs, x->len) == 0;
	default:
		return t->kind == LX_WORD && t->len == x->len && memcmp(ts, xs, x->len) == 0;
	}
}

/* Does exclusion x match inside entry en wherever en matches (its terms,
 * at some place within en's, cover en's there)?  Then it always blocks
 * en, whatever the words around. */
static int always_inside(const vp_lexicon *lx, const struct lx_entry *x, const struct lx_entry *en)
{
	for (size_t o = 0; o + x->pub.nterms <= en->pub.nterms; o++) {
		size_t i = 0;
		while (i < x->pub.nterms &&
		       term_covers(lx, &lx->terms[x->term0 + i], &lx->terms[en->term0 + o + i]))
			i++;
		if (i == x->pub.nterms)
			return 1;
	}
	return 0;
}

int vp_lexicon_same_terms(const vp_lexicon *lx, size_t a, size_t b)
{
	return a < lx->nentries && b < lx->nentries &&
	       same_terms(lx, &lx->entries[a], &lx->entries[b]);
}

static int finding(vp_buf *out, const struct lx_entry *en, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int finding(vp_buf *out, const struct lx_entry *en, const char *fmt, ...)
{
	/* written whole, however long the entry (no fixed-size message) */
	if (vp_buf_printf(out, "%s:%lu: ", en->pub.file, en->pub.line))
		return -1;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || vp_buf_reserve(out, (size_t)n + 1) != 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(out->data + out->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	out->len += (size_t)n;
	return vp_buf_putc(out, '\n') ? -1 : 0;
}

int vp_lexicon_prefix_misses(vp_stemcache *sc, const char *pre, size_t n, const char **stem,
                             size_t *slen)
{
	*stem = vp_stemcache_stem(sc, pre, n, slen);
	if (!*stem)
		return -1;
	/* the word itself is stemmed to something the prefix does not start:
	 * "ambulance" to "ambul", "happy" to "happi" */
	return *slen < n || memcmp(*stem, pre, n) != 0;
}

long vp_lexicon_check(const vp_lexicon *lx, vp_text *tx, vp_buf *out)
{
	long found = 0;
	for (size_t i = 0; i < lx->ndups; i++, found++) {
		const struct lx_listdup *d = &lx->dups[i];
		if (vp_buf_printf(out, "%s:%lu: '%s' repeats line %lu (the same words once stemmed)\n",
		                  d->file, d->line, d->text, d->first))
			return -1;
	}
	vp_stemcache *sc = vp_text_stemcache(tx);
	for (size_t k = 0; k < lx->nentries; k++) {
		const struct lx_entry *en = &lx->entries[k];
		for (size_t i = 0; i < en->pub.nterms; i++) {
			const struct lx_term *t = &lx->terms[en->term0 + i];
			if (t->kind != LX_PREFIX)
				continue;
			const char *pre = lx->pool.data + t->off;
			size_t slen;
			const char *stem;
			int miss = vp_lexicon_prefix_misses(sc, pre, t->len, &stem, &slen);
			if (miss < 0)
				return -1;
			if (miss) {
				found++;
				if (finding(out, en, "'%s*' misses '%s' itself and words stemmed like it: "
				            "the stem of '%s' is '%.*s' (try '%.*s*'; check with "
				            "vp-tag --explain)", pre, pre, pre, (int)slen, stem,
				            (int)slen, stem))
					return -1;
			}
		}
		/* a '?' inside a word ("hurt?", "??") is punctuation: dropped */
		for (const char *p = en->pub.text + en->pub.exclude; *p;) {
			while (*p == ' ' || *p == '\t')
				p++;
			size_t w = strcspn(p, " \t");
			if (w > 1 && memchr(p, '?', w)) {
				found++;
				if (finding(out, en, "'%s': the '?' of '%.*s' is dropped (a '?' gap is a "
				            "word of its own)", en->pub.text, (int)w, p))
					return -1;
			}
			p += w;
		}
		for (size_t j = 0; j < k; j++) {
			const struct lx_entry *o = &lx->entries[j];
			if (!same_terms(lx, en, o))
				continue;
			if (o->pub.theme == en->pub.theme && o->pub.exclude == en->pub.exclude) {
				found++;
				if (finding(out, en, "'%s' repeats line %lu", en->pub.text, o->pub.line))
					return -1;
				break;
			}
		}
		if (en->pub.exclude)
			continue;
		for (size_t j = 0; j < lx->nentries; j++) {
			const struct lx_entry *x = &lx->entries[j];
			if (!x->pub.exclude || !lx_theme_covers(lx, x->pub.theme, en->pub.theme))
				continue;
			int same = same_terms(lx, en, x);
			if (!same && !always_inside(lx, x, en))
				continue;
			found++;
			if (same ? finding(out, en, "'%s' never fires: %s:%lu excludes the same words",
			                   en->pub.text, x->pub.file, x->pub.line)
			         : finding(out, en, "'%s' never fires: %s:%lu '%s' matches wherever "
			                   "it does", en->pub.text, x->pub.file, x->pub.line,
			                   x->pub.text))
				return -1;
			break;
		}
	}
	return found;
}
