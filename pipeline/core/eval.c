/* eval.c - see include/voxpop/eval.h */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "voxpop/buf.h"
#include "voxpop/csv.h"
#include "voxpop/eval.h"
#include "voxpop/hash.h"
#include "voxpop/record.h"
#include "voxpop/str.h"
#include "voxpop/redact.h"

/* A comment for --errors, which people read: as vp-redact writes it
 * with o's list (malloc'd), or NULL when out of memory. */
static char *redacted_dup(const vp_eval_opts *o, const char *text)
{
	vp_buf b = VP_BUF_INIT;
	char *r = NULL;
	if (vp_redact_with(o->given_names, text, strlen(text), &b) == 0)
		r = strndup(b.data ? b.data : "", b.len);
	vp_buf_free(&b);
	return r;
}

/* How the records read join the gold file, for both scorings (themes and
 * sentiment): the messages name the gold file and an id of each side. */
typedef struct id_join {
	char *gold_name;          /* the gold file */
	char *first_id;           /* its first id */
	unsigned long records;    /* prediction records read */
	vp_tally unknown;         /* records whose id is not in the gold file */
	vp_tally repeated;        /* records of a gold id read before: not scored */
} id_join;

static void join_free(id_join *j)
{
	free(j->gold_name);
	free(j->first_id);
	vp_tally_free(&j->unknown);
	vp_tally_free(&j->repeated);
}

/* Start reading gold file name: 0, or -1 when out of memory. */
static int join_gold(id_join *j, const char *name)
{
	free(j->gold_name);
	return (j->gold_name = strdup(name)) ? 0 : -1;
}

/* A gold row's id (the first is kept for messages): 0, or -1 out of memory. */
static int join_gold_id(id_join *j, const char *id)
{
	return j->first_id || (j->first_id = strdup(id)) ? 0 : -1;
}

/* A record read; known: its id is in the gold file.  0, or -1 out of memory. */
static int join_record(id_join *j, const char *id, int known)
{
	j->records++;
	return known ? 0 : vp_tally_add(&j->unknown, id);
}

/* A record whose gold id a record read before had: left out, so that two
 * exports joined whose ids start again do not merge two people's answers
 * into one row.  0, or -1 out of memory. */
static int join_repeat(id_join *j, const char *id)
{
	return vp_tally_add(&j->repeated, id);
}

/* No record read, or not one with an id of the gold file: every score
 * would be 0. */
static int join_check(const id_join *j, vp_err *e)
{
	if (!j->records)
		return vp_errf(e, EX_DATAERR, "no record read: nothing to score against %s",
		               j->gold_name);
	if (j->unknown.n < j->records)
		return 0;
	return vp_errf(e, EX_DATAERR, "no record read has an id in %s (read: '%s'; gold: '%s') -- "
	               "the same ids on both sides? (a spreadsheet may have written 1 as 1.0 or "
	               "1E+05, or dropped leading zeros)", j->gold_name, j->unknown.first,
	               j->first_id);
}

typedef struct theme {
	char *name;
	size_t nlabels;
	char **labels;
	unsigned long *label_line; /* map line naming each label, for messages */
	size_t *cols;              /* gold CSV column of each label */
	int tagged;                /* a record read lists it, or a theme under it */
} theme;

typedef struct row {
	char *id;
	int predicted;  /* a record with this id was seen */
	char *text;     /* kept only for --errors rows */
	json_t *fired;  /* --errors: hits for the theme, or the themes listed */
} row;

struct vp_eval {
	vp_eval_opts opts;
	char *map_name;
	theme *themes;
	size_t nthemes;
	int errors_theme;        /* index into themes, or -1 */
	vp_strmap only_ids;      /* --ids; empty table = no restriction */
	int have_ids;
	vp_strmap ids;           /* gold id -> row */
	row *rows;
	size_t nrows, caprows;
	unsigned char *gold;     /* nrows * nthemes */
	unsigned char *pred;     /* nrows * nthemes */
	unsigned long not_scored;  /* gold rows outside the scored part */
	unsigned long outside;     /* records for gold rows outside the scored part */
	id_join join;
};

unsigned long vp_eval_hash(const char *s, size_t n)
{
	return vp_hash_bytes(s, n);
}

size_t vp_eval_nthemes(const vp_eval *ev) { return ev->nthemes; }
const char *vp_eval_theme_name(const vp_eval *ev, size_t t) { return ev->themes[t].name; }
size_t vp_eval_nrows(const vp_eval *ev) { return ev->nrows; }
const char *vp_eval_row_id(const vp_eval *ev, size_t r) { return ev->rows[r].id; }
const unsigned char *vp_eval_row_gold(const vp_eval *ev, size_t r)
{
	return ev->gold + r * ev->nthemes;
}

/* Is key in m? */
static int strmap_has(const vp_strmap *m, const char *key)
{
	return vp_strmap_get(m, key, strlen(key)) != NULL;
}

vp_eval *vp_eval_new(const vp_eval_opts *opts)
{
	vp_eval *ev = calloc(1, sizeof *ev);
	if (!ev)
		return NULL;
	if (opts)
		ev->opts = *opts;
	if (!ev->opts.id_col)
		ev->opts.id_col = "id";
	ev->errors_theme = -1;
	return ev;
}

void vp_eval_free(vp_eval *ev)
{
	if (!ev)
		return;
	for (size_t t = 0; t < ev->nthemes; t++) {
		theme *th = &ev->themes[t];
		for (size_t l = 0; l < th->nlabels; l++)
			free(th->labels[l]);
		free(th->name);
		free(th->labels);
		free(th->label_line);
		free(th->cols);
	}
	free(ev->themes);
	for (size_t r = 0; r < ev->nrows; r++) {
		free(ev->rows[r].id);
		free(ev->rows[r].text);
		json_decref(ev->rows[r].fired);
	}
	free(ev->rows);
	free(ev->gold);
	free(ev->pred);
	vp_strmap_free(&ev->ids);
	vp_strmap_free(&ev->only_ids);
	free(ev->map_name);
	join_free(&ev->join);
	free(ev);
}

int vp_eval_theme_name_ok(const char *s)
{
	if (!*s || *s == '/' || s[strlen(s) - 1] == '/' || strstr(s, "//"))
		return 0;
	for (; *s; s++)
		if (*s == ' ' || *s == '\t' || *s == '|')
			return 0;
	return 1;
}

static int add_label(theme *th, const char *label, unsigned long line)
{
	char **labels = realloc(th->labels, (th->nlabels + 1) * sizeof *labels);
	if (!labels)
		return -1;
	th->labels = labels;
	unsigned long *lines = realloc(th->label_line, (th->nlabels + 1) * sizeof *lines);
	if (!lines)
		return -1;
	th->label_line = lines;
	if (!(th->labels[th->nlabels] = strdup(label)))
		return -1;
	th->label_line[th->nlabels++] = line;
	return 0;
}

int vp_eval_load_map(vp_eval *ev, FILE *fp, const char *name, vp_err *e)
{
	vp_buf line = VP_BUF_INIT;
	unsigned long lineno = 0;
	int rc = 0, got;

	free(ev->map_name);
	if (!(ev->map_name = strdup(name)))
		return vp_oom(e);
	while ((got = vp_read_line(fp, &line, SIZE_MAX, NULL)) == 1) {
		lineno++;
		char *s = lineno == 1 ? vp_skip_bom(line.data) : line.data;
		if (*vp_trim(s) == '\0' || *vp_trim(s) == '#')
			continue;
		char *tab = strchr(s, '\t');
		if (!tab) {
			rc = vp_errf_at(e, EX_DATAERR, name, lineno,
			                "expected theme<TAB>label|label|...");
			break;
		}
		*tab = '\0';
		char *tname = vp_trim(s);
		if (!vp_eval_theme_name_ok(tname)) {
			rc = vp_errf_at(e, EX_DATAERR, name, lineno,
			                "bad theme name '%s'", tname);
			break;
		}
		for (size_t t = 0; t < ev->nthemes; t++)
			if (strcasecmp(ev->themes[t].name, tname) == 0) {
				rc = vp_errf_at(e, EX_DATAERR, name, lineno,
				                "theme '%s' listed twice", tname);
				goto out;
			}
		theme *grown = realloc(ev->themes, (ev->nthemes + 1) * sizeof *grown);
		if (!grown) {
			rc = vp_oom(e);
			break;
		}
		ev->themes = grown;
		theme *th = &ev->themes[ev->nthemes++];
		memset(th, 0, sizeof *th);
		if (!(th->name = strdup(tname))) {
			rc = vp_oom(e);
			break;
		}
		char *save = NULL;
		for (char *lab = strtok_r(tab + 1, "|", &save); lab;
		     lab = strtok_r(NULL, "|", &save)) {
			lab = vp_trim(lab);
			if (!*lab)
				continue;
			if (add_label(th, lab, lineno) < 0) {
				rc = vp_oom(e);
				goto out;
			}
		}
		if (!th->nlabels) {
			rc = vp_errf_at(e, EX_DATAERR, name, lineno,
			                "theme '%s' has no labels", tname);
			break;
		}
	}
	if (!rc)
		rc = vp_read_line_end(got, name, e);
	if (!rc && ev->nthemes == 0)
		rc = vp_errf_at(e, EX_DATAERR, name, 0, "no themes in the map");
	if (!rc && ev->opts.errors) {
		for (size_t t = 0; t < ev->nthemes; t++)
			if (strcasecmp(ev->themes[t].name, ev->opts.errors) == 0)
				ev->errors_theme = (int)t;
		if (ev->errors_theme < 0)
			rc = vp_errf(e, EX_USAGE, "--errors: theme '%s' is not in %s",
			             ev->opts.errors, name);
	}
out:
	vp_buf_free(&line);
	return rc;
}

int vp_eval_load_ids(vp_eval *ev, FILE *fp, const char *name, vp_err *e)
{
	vp_buf line = VP_BUF_INIT;
	int got, rc = 0, first = 1;
	ev->have_ids = 1;
	while ((got = vp_read_line(fp, &line, SIZE_MAX, NULL)) == 1) {
		/* a BOM would make the first id another, silently not scored */
		char *s = first ? vp_skip_bom(line.data) : line.data;
		first = 0;
		s = vp_trim(s);
		if (!*s || *s == '#')
			continue;
		if (vp_strmap_put(&ev->only_ids, s, strlen(s), 0, NULL) < 0) {
			rc = vp_oom(e);
			break;
		}
	}
	if (!rc)
		rc = vp_read_line_end(got, name, e);
	vp_buf_free(&line);
	return rc;
}

/* The header column named want; spaces around a cell's name do not count
 * (typed in a spreadsheet, "id " is the id column). */
static long find_col(vp_csv *c, const char *want)
{
	size_t wlen = strlen(want);
	for (size_t i = 0; i < vp_csv_nfields(c); i++) {
		size_t n;
		const char *name = vp_csv_field(c, i, &n);
		vp_trim_span(&name, &n);
		if (n == wlen && memcmp(name, want, n) == 0)
			return (long)i;
	}
	return -1;
}

/* Resolve the header: id column, split column, every label column. */
static int read_header(vp_eval *ev, vp_csv *c, const char *name, long *id_col,
                       long *hash_col, vp_err *e)
{
	if (!ev->nthemes)
		return vp_errf(e, EX_SOFTWARE, "gold file read before the map");
	if ((*id_col = find_col(c, ev->opts.id_col)) < 0)
		return vp_errf_at(e, EX_DATAERR, name, vp_csv_line(c),
		                  "no id column '%s' in the header", ev->opts.id_col);
	*hash_col = *id_col;
	if (ev->opts.hash_col && (*hash_col = find_col(c, ev->opts.hash_col)) < 0)
		return vp_errf_at(e, EX_DATAERR, name, vp_csv_line(c),
		                  "no column '%s' to split on", ev->opts.hash_col);
	for (size_t t = 0; t < ev->nthemes; t++) {
		theme *th = &ev->themes[t];
		if (!(th->cols = calloc(th->nlabels, sizeof *th->cols)))
			return vp_oom(e);
		for (size_t l = 0; l < th->nlabels; l++) {
			long col = find_col(c, th->labels[l]);
			if (col < 0)
				return vp_errf_at(e, EX_DATAERR, ev->map_name, th->label_line[l],
				                  "label '%s' (theme %s) is not a column of %s",
				                  th->labels[l], th->name, name);
			th->cols[l] = (size_t)col;
		}
	}
	return 0;
}

/* The one-hot values a coder or a spreadsheet writes, lower case: Excel
 * exports its booleans as TRUE/FALSE, coders tick a column with x or yes. */
static const char *const label_on[] = {"1", "true", "x", "yes", "y"};
static const char *const label_off[] = {"0", "false", "no", "n"};

/* Is the cell (n bytes at s) one of the n_words words, case aside? */
static int label_is(const char *s, size_t n, const char *const *words, size_t n_words)
{
	for (size_t i = 0; i < n_words; i++)
		if (strlen(words[i]) == n && strncasecmp(s, words[i], n) == 0)
			return 1;
	return 0;
}

/* A label cell, spaces around it aside: empty or one of label_off (the
 * label does not apply), one of label_on (it does); else -1.  1.0 and 0.0
 * are 1 and 0: pandas writes a 0/1 column with blanks in it so. */
static int label_value(const char *s, int *on)
{
	size_t n = strlen(s);
	vp_trim_span(&s, &n);
	if (n >= 3 && (s[0] == '0' || s[0] == '1') && s[1] == '.' && strspn(s + 2, "0") >= n - 2)
		n = 1;
	if (n == 0 || label_is(s, n, label_off, sizeof label_off / sizeof *label_off)) {
		*on = 0;
		return 0;
	}
	if (label_is(s, n, label_on, sizeof label_on / sizeof *label_on)) {
		*on = 1;
		return 0;
	}
	return -1;
}

/* Is the row whose hash column holds cell held back by --tuning split_n?
 * The cell is hashed trimmed, as vp-suggest hashes its ids: " 17 " falls
 * where "17" does. */
static int held_back(unsigned long split_n, const char *cell)
{
	size_t n = strlen(cell);
	vp_trim_span(&cell, &n);
	return vp_eval_hash(cell, n) % split_n == 0;
}

static int in_scored_part(const vp_eval *ev, const char *id, const char *hashval)
{
	if (ev->have_ids && !strmap_has(&ev->only_ids, id))
		return 0;
	if (ev->opts.split_n)
		return held_back(ev->opts.split_n, hashval) == (ev->opts.split_held != 0);
	return 1;
}

static int grow_rows(vp_eval *ev)
{
	if (ev->nrows < ev->caprows)
		return 0;
	size_t cap = ev->caprows ? ev->caprows * 2 : 256;
	row *rows = realloc(ev->rows, cap * sizeof *rows);
	if (!rows)
		return -1;
	ev->rows = rows;
	unsigned char *g = realloc(ev->gold, cap * ev->nthemes);
	if (!g)
		return -1;
	ev->gold = g;
	unsigned char *p = realloc(ev->pred, cap * ev->nthemes);
	if (!p)
		return -1;
	ev->pred = p;
	ev->caprows = cap;
	return 0;
}

/* The row's id, in column col (named id_col), into buf: trimmed -- " 17 "
 * typed in a cell is the record "17" (vp-ingest trims ids) -- and not empty. */
static int gold_id(vp_csv *c, size_t col, const char *id_col, const char *name, vp_buf *buf,
                   vp_err *e)
{
	size_t len;
	const char *id = vp_csv_field(c, col, &len);
	if (strlen(id) != len) /* a NUL byte would cut the id short */
		return vp_errf_at(e, EX_DATAERR, name, vp_csv_line(c), "NUL byte in id column '%s'",
		                  id_col);
	vp_trim_span(&id, &len);
	if (!len)
		return vp_errf_at(e, EX_DATAERR, name, vp_csv_line(c), "empty id in column '%s'",
		                  id_col);
	vp_buf_clear(buf);
	if (vp_buf_append(buf, id, len) < 0 || vp_buf_putc(buf, '\0') < 0)
		return vp_oom(e);
	return 0;
}

int vp_eval_load_gold(vp_eval *ev, FILE *fp, const char *name, vp_err *e)
{
	vp_csv *c = vp_csv_open(fp, name, NULL);
	long id_col = -1, hash_col = -1;
	vp_buf idbuf = VP_BUF_INIT;
	int rc, got;

	if (!c || join_gold(&ev->join, name) < 0) {
		vp_csv_close(c);
		return vp_oom(e);
	}
	if ((got = vp_csv_next(c, e)) != 1) {
		rc = got == 0 ? vp_errf_at(e, EX_DATAERR, name, 0, "empty file, no header") : got;
		goto out;
	}
	if ((rc = read_header(ev, c, name, &id_col, &hash_col, e)))
		goto out;
	size_t header_fields = vp_csv_nfields(c);
	while ((got = vp_csv_next(c, e)) == 1) {
		unsigned long line = vp_csv_line(c);
		size_t nf = vp_csv_nfields(c);
		if (nf == 1 && vp_csv_field(c, 0, NULL)[0] == '\0')
			continue; /* a blank line */
		if (nf != header_fields) {
			rc = vp_errf_at(e, EX_DATAERR, name, line,
			                "%zu fields, the header has %zu", nf, header_fields);
			goto out;
		}
		if ((rc = gold_id(c, (size_t)id_col, ev->opts.id_col, name, &idbuf, e)))
			goto out;
		const char *id = idbuf.data;
		if (strmap_has(&ev->ids, id)) {
			rc = vp_errf_at(e, EX_DATAERR, name, line, "duplicate id '%s'", id);
			goto out;
		}
		if (join_gold_id(&ev->join, id) < 0) {
			rc = vp_oom(e);
			goto out;
		}
		if (grow_rows(ev) < 0) {
			rc = vp_oom(e);
			goto out;
		}
		size_t r = ev->nrows;
		unsigned char *g = ev->gold + r * ev->nthemes;
		for (size_t t = 0; t < ev->nthemes; t++) {
			theme *th = &ev->themes[t];
			g[t] = 0;
			for (size_t l = 0; l < th->nlabels; l++) {
				int on;
				size_t vlen;
				const char *v = vp_csv_field(c, th->cols[l], &vlen);
				if (strlen(v) != vlen) {
					rc = vp_errf_at(e, EX_DATAERR, name, line,
					                "NUL byte in label column '%s'", th->labels[l]);
					goto out;
				}
				if (label_value(v, &on) < 0) {
					rc = vp_errf_at(e, EX_DATAERR, name, line,
					                "label column '%s' holds '%.40s', want 1 (TRUE, x, yes, y), "
					                "0 (FALSE, no, n) or empty",
					                th->labels[l], v);
					goto out;
				}
				g[t] |= (unsigned char)on;
			}
		}
		/* Rows outside the scored part still claim their id, so a
		 * duplicate is caught and their records are not "unknown". */
		int scored = in_scored_part(ev, id, vp_csv_field(c, (size_t)hash_col, NULL));
		if (vp_strmap_put(&ev->ids, id, strlen(id), scored ? r : SIZE_MAX, NULL) < 0) {
			rc = vp_oom(e);
			goto out;
		}
		if (!scored) {
			ev->not_scored++;
			continue;
		}
		memset(ev->pred + r * ev->nthemes, 0, ev->nthemes);
		memset(&ev->rows[r], 0, sizeof ev->rows[r]);
		if (!(ev->rows[r].id = strdup(id))) {
			rc = vp_oom(e);
			goto out;
		}
		ev->nrows++;
	}
	rc = got < 0 || got > 1 ? got : 0;
	if (!rc && !ev->join.first_id)
		rc = vp_errf_at(e, EX_DATAERR, name, 0, "no rows after the header");
out:
	vp_buf_free(&idbuf);
	vp_csv_close(c);
	return rc;
}

int vp_eval_check_ids(const vp_eval *ev, vp_err *e)
{
	return join_check(&ev->join, e);
}

int vp_eval_theme_covers(const char *t, const char *b)
{
	size_t n = strlen(t);
	return strncasecmp(b, t, n) == 0 && (b[n] == '\0' || b[n] == '/');
}

/* Does emitted theme name s predict theme t (t itself or a child of t)? */
static int predicts(const char *s, const char *t)
{
	return vp_eval_theme_covers(t, s);
}

static const char *theme_name_of(const json_t *item)
{
	if (json_is_string(item))
		return json_string_value(item);
	return json_string_value(json_object_get(item, "theme"));
}

/* For --errors: what fired for theme t ("theme: hit, hit" strings). */
static json_t *fired_for(const json_t *themes, const char *t)
{
	json_t *out = json_array();
	size_t i;
	json_t *item;
	if (!out)
		return NULL;
	json_array_foreach(themes, i, item) {
		const char *name = theme_name_of(item);
		if (!name || !predicts(name, t))
			continue;
		json_t *hits = json_object_get(item, "hits");
		json_t *entries = json_object_get(item, "entries"); /* vp-tag --explain */
		json_t *copy = json_object();
		if (!copy || json_object_set_new(copy, "theme", json_string(name)) < 0 ||
		    (hits && json_object_set(copy, "hits", hits) < 0) ||
		    (entries && json_object_set(copy, "entries", entries) < 0) ||
		    json_array_append_new(out, copy) < 0) {
			json_decref(copy);
			json_decref(out);
			return NULL;
		}
	}
	return out;
}

static json_t *theme_names(const json_t *themes)
{
	json_t *out = json_array();
	size_t i;
	json_t *item;
	if (!out)
		return NULL;
	json_array_foreach(themes, i, item) {
		const char *name = theme_name_of(item);
		if (name && json_array_append_new(out, json_string(name)) < 0) {
			json_decref(out);
			return NULL;
		}
	}
	return out;
}

int vp_eval_add(vp_eval *ev, const json_t *rec, vp_err *e)
{
	const json_t *jid = json_object_get(rec, "id");
	char num[32];
	const char *id;

	if (json_is_string(jid)) {
		id = json_string_value(jid);
	} else if (json_is_integer(jid)) {
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(jid));
		id = num;
	} else {
		return vp_errf(e, EX_DATAERR, "record has no \"id\" string");
	}
	const json_t *themes = json_object_get(rec, "themes");
	if (themes && !json_is_array(themes))
		return vp_errf(e, EX_DATAERR, "record %s: \"themes\" is not an array", id);
	const size_t *at = vp_strmap_get(&ev->ids, id, strlen(id));
	if (join_record(&ev->join, id, at != NULL) < 0)
		return vp_oom(e);
	size_t r = at ? *at : SIZE_MAX;
	if (at && r == SIZE_MAX)
		ev->outside++;
	if (r != SIZE_MAX && ev->rows[r].predicted)
		return join_repeat(&ev->join, id) < 0 ? vp_oom(e) : 0;
	/* the row's predictions, or NULL: a record of no scored row still
	 * shows which map themes the lexicon tags (vp_eval_untagged) */
	unsigned char *p = r != SIZE_MAX ? ev->pred + r * ev->nthemes : NULL;
	size_t i;
	json_t *item;
	json_array_foreach(themes, i, item) {
		const char *name = theme_name_of(item);
		if (!name && p)
			return vp_errf(e, EX_DATAERR, "record %s: themes[%zu] has no theme name",
			               id, i);
		for (size_t t = 0; name && t < ev->nthemes; t++)
			if (predicts(name, ev->themes[t].name)) {
				ev->themes[t].tagged = 1;
				if (p)
					p[t] = 1;
			}
	}
	if (!p)
		return 0;
	row *rw = &ev->rows[r];
	rw->predicted = 1;

	int et = ev->errors_theme;
	if (et >= 0 && p[et] != ev->gold[r * ev->nthemes + (size_t)et]) {
		const char *text = vp_record_str(rec, "text");
		json_decref(rw->fired);
		free(rw->text);
		rw->text = text ? redacted_dup(&ev->opts, text) : NULL;
		rw->fired = p[et] ? fired_for(themes, ev->themes[et].name)
		                  : theme_names(themes);
		if ((text && !rw->text) || (themes && !rw->fired))
			return vp_oom(e);
	}
	return 0;
}

int vp_eval_untagged(const vp_eval *ev, vp_buf *names)
{
	int n = 0;
	for (size_t t = 0; ev->join.records && t < ev->nthemes; t++)
		if (!ev->themes[t].tagged &&
		    vp_buf_printf(names, "%s%s", n++ ? ", " : "", ev->themes[t].name) < 0)
			return -1;
	return n;
}

unsigned long vp_eval_unknown(const vp_eval *ev, const char **first)
{
	return vp_tally_count(&ev->join.unknown, first);
}

unsigned long vp_eval_repeated(const vp_eval *ev, const char **first)
{
	return vp_tally_count(&ev->join.repeated, first);
}

typedef struct score {
	unsigned long support, predicted, tp, fp, fn;
	double p, r, f1;
} score;

static void finish(score *s)
{
	s->p = s->tp + s->fp ? (double)s->tp / (double)(s->tp + s->fp) : 0.0;
	s->r = s->tp + s->fn ? (double)s->tp / (double)(s->tp + s->fn) : 0.0;
	s->f1 = s->p + s->r > 0 ? 2 * s->p * s->r / (s->p + s->r) : 0.0;
}

static score theme_score(const vp_eval *ev, size_t t)
{
	score s = {0};
	for (size_t r = 0; r < ev->nrows; r++) {
		int g = ev->gold[r * ev->nthemes + t], p = ev->pred[r * ev->nthemes + t];
		s.support += g;
		s.predicted += p;
		s.tp += g && p;
		s.fp += !g && p;
		s.fn += g && !p;
	}
	finish(&s);
	return s;
}

/* Micro over themes with enough support; macro F1 the mean of their F1. */
static void overall(const vp_eval *ev, score *micro, double *macro, size_t *k)
{
	double sum = 0;
	memset(micro, 0, sizeof *micro);
	*k = 0;
	for (size_t t = 0; t < ev->nthemes; t++) {
		score s = theme_score(ev, t);
		if (s.support < VP_EVAL_MIN_SUPPORT)
			continue;
		micro->tp += s.tp;
		micro->fp += s.fp;
		micro->fn += s.fn;
		sum += s.f1;
		(*k)++;
	}
	finish(micro);
	*macro = *k ? sum / (double)*k : 0.0;
}

static unsigned long missing_rows(const vp_eval *ev)
{
	unsigned long n = 0;
	for (size_t r = 0; r < ev->nrows; r++)
		n += !ev->rows[r].predicted;
	return n;
}

static double round3(double x)
{
	return (double)(long)(x * 1000 + 0.5) / 1000;
}

static json_t *error_list(const vp_eval *ev, int want_gold)
{
	json_t *list = json_array();
	size_t et = (size_t)ev->errors_theme;
	if (!list)
		return NULL;
	for (size_t r = 0; r < ev->nrows; r++) {
		int g = ev->gold[r * ev->nthemes + et], p = ev->pred[r * ev->nthemes + et];
		if (g == p || g != want_gold)
			continue;
		const row *rw = &ev->rows[r];
		json_t *o = json_pack("{s:s, s:s?, s:O?}", "id", rw->id, "text", rw->text,
		                      want_gold ? "themes" : "hits", rw->fired);
		if (!o || json_array_append_new(list, o) < 0) {
			json_decref(o);
			json_decref(list);
			return NULL;
		}
	}
	return list;
}

json_t *vp_eval_report(const vp_eval *ev)
{
	json_t *themes = json_object();
	json_t *rep = NULL;
	if (!themes)
		return NULL;
	for (size_t t = 0; t < ev->nthemes; t++) {
		score s = theme_score(ev, t);
		json_t *o = json_pack("{s:I, s:I, s:I, s:I, s:I, s:f, s:f, s:f, s:b}",
		                      "support", (json_int_t)s.support,
		                      "predicted", (json_int_t)s.predicted,
		                      "tp", (json_int_t)s.tp, "fp", (json_int_t)s.fp,
		                      "fn", (json_int_t)s.fn,
		                      "precision", round3(s.p), "recall", round3(s.r),
		                      "f1", round3(s.f1),
		                      "averaged", s.support >= VP_EVAL_MIN_SUPPORT);
		if (!o || json_object_set_new(themes, ev->themes[t].name, o) < 0) {
			json_decref(themes);
			return NULL;
		}
	}
	score micro;
	double macro;
	size_t k;
	overall(ev, &micro, &macro, &k);
	rep = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:{s:f, s:f, s:f, s:I}, s:{s:f, s:I}}",
	                "rows", (json_int_t)ev->nrows,
	                "not_scored", (json_int_t)ev->not_scored,
	                "predicted_rows", (json_int_t)(ev->nrows - missing_rows(ev)),
	                "missing", (json_int_t)missing_rows(ev),
	                "unknown_ids", (json_int_t)ev->join.unknown.n,
	                "min_support", (json_int_t)VP_EVAL_MIN_SUPPORT,
	                "themes", themes,
	                "micro", "precision", round3(micro.p), "recall", round3(micro.r),
	                "f1", round3(micro.f1), "themes", (json_int_t)k,
	                "macro", "f1", round3(macro), "themes", (json_int_t)k);
	if (!rep)
		return NULL;
	if (ev->errors_theme >= 0) {
		json_t *err = json_pack("{s:s, s:o, s:o}", "theme",
		                        ev->themes[ev->errors_theme].name,
		                        "false_positives", error_list(ev, 0),
		                        "false_negatives", error_list(ev, 1));
		if (!err || json_object_set_new(rep, "errors", err) < 0) {
			json_decref(rep);
			return NULL;
		}
	}
	return rep;
}

/* "theme: hit, hit; theme: hit" for one false positive, and the lexicon
 * lines that fired when the records came from vp-tag --explain.  Only the
 * most specific themes are shown: a parent repeats its children's hits. */
static void describe_hits(vp_buf *b, const json_t *fired)
{
	size_t i, j, k, shown = 0;
	json_t *item, *hit, *other;
	json_array_foreach(fired, i, item) {
		const char *name = json_string_value(json_object_get(item, "theme"));
		int has_child = 0;
		json_array_foreach(fired, k, other) {
			const char *o = json_string_value(json_object_get(other, "theme"));
			if (name && o && strcmp(o, name) != 0 && predicts(o, name))
				has_child = 1;
		}
		if (has_child)
			continue;
		vp_buf_printf(b, "%s%s", shown++ ? "; " : "", name ? name : "?");
		json_t *hits = json_object_get(item, "hits");
		json_array_foreach(hits, j, hit)
			if (json_is_string(hit))
				vp_buf_printf(b, "%s\"%s\"", j ? ", " : ": ", json_string_value(hit));
		json_t *entries = json_object_get(item, "entries");
		json_array_foreach(entries, j, hit) {
			int seen = 0;
			for (k = 0; k < j; k++)
				seen |= json_equal(hit, json_array_get(entries, k));
			if (!seen && json_is_string(hit))
				vp_buf_printf(b, "%s%s", j ? ", " : " at ", json_string_value(hit));
		}
	}
}

static void write_errors(const vp_eval *ev, FILE *out, int want_gold)
{
	size_t et = (size_t)ev->errors_theme;
	vp_buf b = VP_BUF_INIT;
	fprintf(out, "\n%s %s:\n", want_gold ? "False negatives" : "False positives",
	        ev->themes[et].name);
	for (size_t r = 0; r < ev->nrows; r++) {
		int g = ev->gold[r * ev->nthemes + et], p = ev->pred[r * ev->nthemes + et];
		if (g == p || g != want_gold)
			continue;
		const row *rw = &ev->rows[r];
		vp_buf_clear(&b);
		if (!rw->predicted) {
			vp_buf_puts(&b, "no prediction record");
		} else if (want_gold) {
			size_t i;
			json_t *name;
			vp_buf_puts(&b, "tagged: ");
			json_array_foreach(rw->fired, i, name)
				vp_buf_printf(&b, "%s%s", i ? ", " : "", json_string_value(name));
			if (!json_array_size(rw->fired))
				vp_buf_puts(&b, "(nothing)");
		} else {
			vp_buf_puts(&b, "fired ");
			describe_hits(&b, rw->fired);
		}
		fprintf(out, "%s %s  [%s]\n    ", want_gold ? "FN" : "FP", rw->id,
		        b.data ? b.data : "");
		for (const char *s = rw->text ? rw->text : ""; *s; s++)
			fputc(*s == '\n' || *s == '\r' ? ' ' : *s, out);
		fputc('\n', out);
	}
	vp_buf_free(&b);
}

int vp_eval_write_table(const vp_eval *ev, FILE *out, vp_err *e)
{
	size_t w = 5;
	for (size_t t = 0; t < ev->nthemes; t++)
		if (strlen(ev->themes[t].name) > w)
			w = strlen(ev->themes[t].name);
	fprintf(out, "%-*s %7s %7s %6s %6s %6s %9s %6s %6s\n", (int)w, "theme", "support",
	        "tagged", "tp", "fp", "fn", "precision", "recall", "F1");
	for (size_t t = 0; t < ev->nthemes; t++) {
		score s = theme_score(ev, t);
		fprintf(out, "%-*s %7lu %7lu %6lu %6lu %6lu %9.3f %6.3f %6.3f%s\n", (int)w,
		        ev->themes[t].name, s.support, s.predicted, s.tp, s.fp, s.fn,
		        s.p, s.r, s.f1, s.support < VP_EVAL_MIN_SUPPORT ? " *" : "");
	}
	score micro;
	double macro;
	size_t k;
	overall(ev, &micro, &macro, &k);
	fprintf(out, "%-*s %7s %7s %6lu %6lu %6lu %9.3f %6.3f %6.3f\n", (int)w, "micro", "",
	        "", micro.tp, micro.fp, micro.fn, micro.p, micro.r, micro.f1);
	fprintf(out, "%-*s %7s %7s %6s %6s %6s %9s %6s %6.3f\n", (int)w, "macro", "", "",
	        "", "", "", "", "", macro);
	fprintf(out, "micro/macro over %zu themes with >= %d gold rows (* = fewer, not averaged)\n",
	        k, VP_EVAL_MIN_SUPPORT);
	fprintf(out, "rows scored: %zu (%lu without a prediction record)", ev->nrows,
	        missing_rows(ev));
	if (ev->not_scored)
		fprintf(out, "; gold rows outside the scored part: %lu", ev->not_scored);
	fputc('\n', out);
	if (ev->errors_theme >= 0) {
		write_errors(ev, out, 0);
		write_errors(ev, out, 1);
	}
	if (ferror(out))
		return vp_errf(e, EX_IOERR, "write error: %s", strerror(errno));
	return 0;
}

/* ---- record-level sentiment ---- */

/* A gold code 1-5 as a coder or a spreadsheet writes it ("4", "5.0",
 * "3.00", spaces after): the code, or 0 for anything else ("2.5", "6"). */
static int gold_code(const char *v)
{
	if (*v < '1' || *v > '5')
		return 0;
	int code = *v++ - '0';
	if (*v == '.')
		v += 1 + strspn(v + 1, "0");
	return v[strspn(v, " ")] == '\0' ? code : 0;
}

enum { SE_POS, SE_NEU, SE_NEG, SE_NONE, SE_NCLASS = 3 };
static const char *const se_names[] = {"positive", "neutral", "negative", "none"};

typedef struct se_row {
	char *id;
	int gold;      /* SE_POS..SE_NEG, or -1: blank, or outside the scored part */
	int pred;      /* SE_POS..SE_NEG, SE_NONE */
	char *text;    /* --errors only */
	char *hits;    /* --errors only: the sentiment hits, as JSON */
	int seen;      /* a record of this id was read */
} se_row;

struct vp_senteval {
	vp_eval_opts opts;
	const char *column;
	se_row *rows;
	size_t nrows, caprows;
	unsigned long blank, not_scored;
	id_join join;
};

vp_senteval *vp_senteval_new(const vp_eval_opts *opts, const char *column)
{
	vp_senteval *se = calloc(1, sizeof *se);
	if (!se)
		return NULL;
	if (opts)
		se->opts = *opts;
	if (!se->opts.id_col)
		se->opts.id_col = "id";
	se->column = column;
	return se;
}

void vp_senteval_free(vp_senteval *se)
{
	if (!se)
		return;
	for (size_t i = 0; i < se->nrows; i++) {
		free(se->rows[i].id);
		free(se->rows[i].text);
		free(se->rows[i].hits);
	}
	free(se->rows);
	join_free(&se->join);
	free(se);
}

static int se_row_cmp(const void *a, const void *b)
{
	return strcmp(((const se_row *)a)->id, ((const se_row *)b)->id);
}

int vp_senteval_load_gold(vp_senteval *se, FILE *fp, const char *name, vp_err *e)
{
	vp_csv *c = vp_csv_open(fp, name, NULL);
	vp_buf idbuf = VP_BUF_INIT;
	long id_col, hash_col, col;
	int rc = 0, got;
	if (!c || join_gold(&se->join, name) < 0) {
		vp_csv_close(c);
		return vp_oom(e);
	}
	if ((got = vp_csv_next(c, e)) != 1) {
		rc = got == 0 ? vp_errf_at(e, EX_DATAERR, name, 0, "empty file, no header") : got;
		goto out;
	}
	if ((id_col = find_col(c, se->opts.id_col)) < 0 ||
	    (col = find_col(c, se->column)) < 0 ||
	    (hash_col = se->opts.hash_col ? find_col(c, se->opts.hash_col) : id_col) < 0) {
		rc = vp_errf_at(e, EX_DATAERR, name, vp_csv_line(c), "no column '%s' in the header",
		                find_col(c, se->opts.id_col) < 0 ? se->opts.id_col
		                : find_col(c, se->column) < 0 ? se->column : se->opts.hash_col);
		goto out;
	}
	while ((got = vp_csv_next(c, e)) == 1) {
		unsigned long line = vp_csv_line(c);
		size_t nf = vp_csv_nfields(c);
		if (nf == 1 && vp_csv_field(c, 0, NULL)[0] == '\0')
			continue;
		if ((size_t)id_col >= nf || (size_t)col >= nf || (size_t)hash_col >= nf) {
			rc = vp_errf_at(e, EX_DATAERR, name, line, "%zu fields, too few", nf);
			goto out;
		}
		if ((rc = gold_id(c, (size_t)id_col, se->opts.id_col, name, &idbuf, e)))
			goto out;
		const char *id = idbuf.data;
		const char *v = vp_csv_field(c, (size_t)col, NULL);
		v += strspn(v, " ");
		int gold, code = gold_code(v);
		if (join_gold_id(&se->join, id) < 0) {
			rc = vp_oom(e);
			goto out;
		}
		if (*v == '\0')
			gold = -1;
		else if (code)
			gold = code <= 2 ? SE_POS : code == 3 ? SE_NEU : SE_NEG;
		else {
			rc = vp_errf_at(e, EX_DATAERR, name, line,
			                "column '%s' holds '%.40s', want 1-5 or empty", se->column, v);
			goto out;
		}
		if (gold < 0) {
			se->blank++;
		} else if (se->opts.split_n) {
			int held = held_back(se->opts.split_n, vp_csv_field(c, (size_t)hash_col, NULL));
			if (held != (se->opts.split_held != 0)) {
				se->not_scored++;
				gold = -1;
			}
		}
		if (vp_grow(&se->rows, &se->caprows, se->nrows + 1, sizeof *se->rows)) {
			rc = vp_errf(e, EX_OSERR, "out of memory");
			goto out;
		}
		se_row *r = &se->rows[se->nrows];
		memset(r, 0, sizeof *r);
		r->gold = gold;
		r->pred = SE_NONE;
		if (!(r->id = strdup(id))) {
			rc = vp_errf(e, EX_OSERR, "out of memory");
			goto out;
		}
		se->nrows++;
	}
	rc = got < 0 || got > 1 ? got : 0;
	if (!rc && se->nrows) {
		qsort(se->rows, se->nrows, sizeof *se->rows, se_row_cmp);
		for (size_t i = 1; i < se->nrows; i++)
			if (strcmp(se->rows[i - 1].id, se->rows[i].id) == 0) {
				rc = vp_errf(e, EX_DATAERR, "%s: duplicate id '%s'", name, se->rows[i].id);
				break;
			}
	}
out:
	vp_buf_free(&idbuf);
	vp_csv_close(c);
	return rc;
}

static int se_wanted(const vp_senteval *se, int gold)
{
	const char *w = se->opts.errors;
	return w && gold >= 0 && (strcmp(w, "all") == 0 || strcmp(w, se_names[gold]) == 0);
}

int vp_senteval_add(vp_senteval *se, const json_t *rec, vp_err *e)
{
	const json_t *jid = json_object_get(rec, "id");
	char num[32];
	se_row key = {0};
	if (json_is_string(jid)) {
		key.id = (char *)json_string_value(jid);
	} else if (json_is_integer(jid)) {
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(jid));
		key.id = num;
	} else {
		return vp_errf(e, EX_DATAERR, "record has no \"id\" string");
	}
	se_row *r = se->nrows ? bsearch(&key, se->rows, se->nrows, sizeof *se->rows, se_row_cmp) : NULL;
	if (join_record(&se->join, key.id, r != NULL) < 0)
		return vp_oom(e);
	if (!r)
		return 0;
	if (r->seen)
		return join_repeat(&se->join, key.id) < 0 ? vp_oom(e) : 0;
	r->seen = 1;
	const json_t *sent = json_object_get(rec, "sentiment");
	const char *label = json_string_value(json_object_get(sent, "label"));
	r->pred = SE_NONE;
	if (label)
		r->pred = strcmp(label, "positive") == 0 ? SE_POS
		          : strcmp(label, "negative") == 0 ? SE_NEG : SE_NEU;
	if (se_wanted(se, r->gold)) {
		const char *text = json_string_value(json_object_get(rec, "text"));
		free(r->text);
		free(r->hits);
		r->text = redacted_dup(&se->opts, text ? text : "");
		r->hits = json_dumps(json_object_get(sent, "hits") ? json_object_get(sent, "hits")
		                     : json_null(), JSON_COMPACT | JSON_ENCODE_ANY);
		if (!r->text || !r->hits)
			return vp_errf(e, EX_OSERR, "out of memory");
	}
	return 0;
}

int vp_senteval_check_ids(const vp_senteval *se, vp_err *e)
{
	return join_check(&se->join, e);
}

unsigned long vp_senteval_unknown(const vp_senteval *se, const char **first)
{
	return vp_tally_count(&se->join.unknown, first);
}

unsigned long vp_senteval_repeated(const vp_senteval *se, const char **first)
{
	return vp_tally_count(&se->join.repeated, first);
}

typedef struct se_stats {
	unsigned long conf[SE_NCLASS][SE_NCLASS + 1];
	unsigned long rows, missing, correct;
	score cls[SE_NCLASS];
	double accuracy, macro;
} se_stats;

static void se_compute(const vp_senteval *se, se_stats *st)
{
	memset(st, 0, sizeof *st);
	for (size_t i = 0; i < se->nrows; i++) {
		const se_row *r = &se->rows[i];
		if (r->gold < 0)
			continue;
		st->conf[r->gold][r->pred]++;
		st->rows++;
		st->missing += r->pred == SE_NONE;
		st->correct += r->pred == r->gold;
	}
	for (int c = 0; c < SE_NCLASS; c++) {
		score *s = &st->cls[c];
		for (int p = 0; p <= SE_NCLASS; p++)
			s->support += st->conf[c][p];
		for (int g = 0; g < SE_NCLASS; g++)
			s->predicted += st->conf[g][c];
		s->tp = st->conf[c][c];
		s->fp = s->predicted - s->tp;
		s->fn = s->support - s->tp;
		finish(s);
		st->macro += s->f1 / SE_NCLASS;
	}
	st->accuracy = st->rows ? (double)st->correct / (double)st->rows : 0;
}

json_t *vp_senteval_report(const vp_senteval *se)
{
	se_stats st;
	se_compute(se, &st);
	json_t *rep = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:f, s:f, s:{}, s:{}}",
	                        "column", se->column, "rows", (json_int_t)st.rows,
	                        "missing", (json_int_t)st.missing,
	                        "blank", (json_int_t)se->blank,
	                        "not_scored", (json_int_t)se->not_scored,
	                        "unknown_ids", (json_int_t)se->join.unknown.n,
	                        "accuracy", round3(st.accuracy), "macro_f1", round3(st.macro),
	                        "classes", "confusion");
	if (!rep)
		return NULL;
	json_t *cls = json_object_get(rep, "classes"), *conf = json_object_get(rep, "confusion");
	for (int c = 0; c < SE_NCLASS; c++) {
		const score *s = &st.cls[c];
		json_t *row = json_object();
		if (!row || json_object_set_new(conf, se_names[c], row) < 0 ||
		    json_object_set_new(cls, se_names[c],
		                        json_pack("{s:I, s:I, s:f, s:f, s:f}", "support",
		                                  (json_int_t)s->support, "predicted",
		                                  (json_int_t)s->predicted, "precision", round3(s->p),
		                                  "recall", round3(s->r), "f1", round3(s->f1))) < 0)
			goto fail;
		for (int p = 0; p <= SE_NCLASS; p++)
			if (json_object_set_new(row, se_names[p], json_integer((json_int_t)st.conf[c][p])) < 0)
				goto fail;
	}
	if (se->opts.errors) {
		json_t *list = json_array();
		if (!list || json_object_set_new(rep, "errors", list) < 0)
			goto fail;
		for (size_t i = 0; i < se->nrows; i++) {
			const se_row *r = &se->rows[i];
			if (!se_wanted(se, r->gold) || r->pred == r->gold)
				continue;
			if (json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s?, s:s?}", "id", r->id,
			                          "gold", se_names[r->gold], "predicted", se_names[r->pred],
			                          "text", r->text, "hits", r->hits)) < 0)
				goto fail;
		}
	}
	return rep;
fail:
	json_decref(rep);
	return NULL;
}

int vp_senteval_write_table(const vp_senteval *se, FILE *out, vp_err *e)
{
	se_stats st;
	se_compute(se, &st);
	fprintf(out, "sentiment: column '%s' (1-2 positive, 3 neutral, 4-5 negative; "
	        "mixed counts as neutral)\n", se->column);
	fprintf(out, "%-9s %7s %9s %9s %6s %6s\n", "class", "support", "predicted", "precision",
	        "recall", "F1");
	for (int c = 0; c < SE_NCLASS; c++)
		fprintf(out, "%-9s %7lu %9lu %9.3f %6.3f %6.3f\n", se_names[c], st.cls[c].support,
		        st.cls[c].predicted, st.cls[c].p, st.cls[c].r, st.cls[c].f1);
	fprintf(out, "accuracy %.3f  macro-F1 %.3f  (%lu coded rows, %lu without a prediction; "
	        "%lu blank rows not scored", st.accuracy, st.macro, st.rows, st.missing, se->blank);
	if (se->not_scored)
		fprintf(out, "; %lu outside the scored part", se->not_scored);
	fprintf(out, ")\nconfusion (rows: gold, columns: predicted)\n%-9s", "");
	for (int p = 0; p <= SE_NCLASS; p++)
		fprintf(out, " %9s", se_names[p]);
	fputc('\n', out);
	for (int c = 0; c < SE_NCLASS; c++) {
		fprintf(out, "%-9s", se_names[c]);
		for (int p = 0; p <= SE_NCLASS; p++)
			fprintf(out, " %9lu", st.conf[c][p]);
		fputc('\n', out);
	}
	if (se->opts.errors) {
		for (size_t i = 0; i < se->nrows; i++) {
			const se_row *r = &se->rows[i];
			if (se_wanted(se, r->gold) && r->pred != r->gold)
				fprintf(out, "%s\tgold %s\tpredicted %s\t%s\t%s\n", r->id, se_names[r->gold],
				        se_names[r->pred], r->hits ? r->hits : "", r->text ? r->text : "");
		}
	}
	if (ferror(out))
		return vp_errf(e, EX_IOERR, "write error: %s", strerror(errno));
	return 0;
}
