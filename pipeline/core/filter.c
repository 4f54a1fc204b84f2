/* filter.c - see include/voxpop/filter.h */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/filter.h"

/* The first of the stage's members (keys, dupkeys) the validated line
 * has more than once (vp_jscan_repeated), or NULL. */
static const char *repeated(const vp_filter_stage *st, const char *line, size_t n, vp_buf *tmp)
{
	const char *k[2 * VP_JSCAN_MAX_KEYS];
	size_t nk = st->nkeys + st->ndupkeys;
	if (!nk || nk > 2 * VP_JSCAN_MAX_KEYS)
		return NULL;
	for (size_t i = 0; i < nk; i++)
		k[i] = i < st->nkeys ? st->keys[i] : st->dupkeys[i - st->nkeys];
	return vp_jscan_repeated(line, n, k, nk, tmp);
}

/* The line parsed by jansson (vp_record_loadb: a number beyond 64 bits is
 * read as a real): 1, or 0 / EX_DATAERR as vp_reader_parse. */
static int parse(vp_reader *r, json_t **rec, vp_err *e)
{
	json_t *j = vp_record_loadb(r->line, r->len, JSON_ALLOW_NUL, NULL);
	if (json_is_object(j)) {
		r->records++;
		*rec = j;
		return 1;
	}
	json_decref(j);
	return vp_reader_parse(r, rec, e);
}

/* Is the line a vp-count document (vp-count --compact is one line), not a
 * record: no "id" and no "text", and a count document's top-level members
 * ("total", "records", and "level" with "localities" or "by" with
 * "groups")?  Asked of a file's first line only. */
static int count_document(const char *line, size_t n)
{
	static const char *const k[] = {"id", "text", "total", "records",
	                                "level", "localities", "by", "groups"};
	vp_jspan v[sizeof k / sizeof k[0]];
	if (vp_jscan_members(line, n, k, sizeof k / sizeof k[0], v) != VP_JSCAN_OK)
		return 0; /* a bad line is the parser's to word */
	int obj[] = {2, 5, 7};
	for (size_t i = 0; i < sizeof obj / sizeof obj[0]; i++)
		if (v[obj[i]].p && v[obj[i]].p[0] != '{')
			return 0;
	return !v[0].p && !v[1].p && v[2].p && v[3].p &&
	       ((v[4].p && v[5].p) || (v[6].p && v[7].p));
}

/* One line, read into f->r: the fast path if the stage has one and takes
 * it, else jansson and on_record.  The fast path's scan wants each of the
 * stage's members once: a line repeating one goes the slow way, where it
 * is a bad record. */
static int filter_line(vp_filter *f, void *ctx, vp_err *e)
{
	const vp_filter_stage *st = f->stage;
	vp_reader *r = &f->r;
	if (!r->records && !r->rejected && count_document(r->line, r->len))
		return vp_filter_reject(f, e, "this is a count document (from vp-count), not a record");
	if (st->on_scan) {
		vp_jspan v[VP_JSCAN_MAX_KEYS];
		int sc = VP_JSCAN_OK;
		if (st->elems_of) {
			/* elements take 3 bytes at least ("",): more are not noted */
			vp_jscan_elems *el = &f->elems;
			size_t cap = el->cap;
			if (vp_grow((void **)&el->elem, &cap, r->len / 3 + 1, sizeof *el->elem))
				return vp_errf(e, EX_OSERR, "out of memory");
			el->cap = cap;
			sc = vp_jscan_members_named_once(r->line, r->len, &f->names, v,
			                                 st->elems_of - 1, el, NULL);
		} else if (st->nkeys) {
			sc = vp_jscan_members_named_once(r->line, r->len, &f->names, v, 0, NULL, NULL);
		}
		if (sc == VP_JSCAN_OK) {
			r->records++;
			int rc = st->on_scan(ctx, f, st->nkeys ? v : NULL, e);
			if (rc != VP_FILTER_FALLBACK)
				return rc;
			r->records--;
		}
	}
	json_t *rec;
	int rc = parse(r, &rec, e);
	if (rc != 1)
		return rc; /* 0: bad, skipped; or EX_DATAERR */
	const char *dup = repeated(st, r->line, r->len, &f->tmp);
	if (dup) {
		char why[160];
		snprintf(why, sizeof why, "duplicate key \"%.100s\"", dup);
		rc = vp_filter_reject(f, e, why);
	} else {
		rc = st->on_record ? st->on_record(ctx, f, rec, e) : 0;
	}
	json_decref(rec);
	return rc;
}

void vp_filter_too_long(char *why, size_t whysz, const char *adds, size_t max)
{
	if (adds)
		snprintf(why, whysz, "record with its %s longer than %zu bytes (--max-line)", adds, max);
	else
		snprintf(why, whysz, "record written longer than %zu bytes (--max-line)", max);
}

size_t vp_filter_max_line(const vp_filter *f)
{
	return f->r.max_line ? f->r.max_line : VP_MAX_LINE;
}

int vp_filter_written(vp_filter *f, int rc, vp_err *e)
{
	if (rc != VP_WRITE_TOO_LONG)
		return rc;
	char why[128];
	vp_filter_too_long(why, sizeof why, f->stage->adds, vp_filter_max_line(f));
	return vp_filter_reject(f, e, why);
}

/* Every record of the file open in f->r. */
static int filter_file(vp_filter *f, void *ctx, vp_err *e)
{
	int rc;
	while ((rc = vp_reader_line(&f->r, e)) == 1)
		if ((rc = filter_line(f, ctx, e)) != 0)
			break;
	f->records += f->r.records;
	f->rejected += f->r.rejected;
	return rc;
}

int vp_filter_run_to(const vp_filter_stage *st, void *ctx, int skip_bad, int npaths,
                     char **paths, FILE *out)
{
	vp_filter_opts o = {skip_bad, 0};
	return vp_filter_run_opts_to(st, ctx, &o, npaths, paths, out);
}

int vp_filter_run_opts(const vp_filter_stage *st, void *ctx, const vp_filter_opts *o,
                       int npaths, char **paths)
{
	return vp_filter_run_opts_to(st, ctx, o, npaths, paths, stdout);
}

size_t vp_filter_max_line_arg(const vp_cli *cli, const char *arg)
{
	unsigned long n = vp_cli_ulong(cli, "max-line", arg);
	if (!n)
		exit(vp_cli_usage_error(cli, "--max-line must be at least 1"));
	return (size_t)n;
}

static int run(const vp_filter_stage *st, void *ctx, const vp_filter_opts *o, int quiet,
               int npaths, char **paths, FILE *out)
{
	vp_filter f;
	memset(&f, 0, sizeof f);
	f.stage = st;
	f.out = out;
	vp_reader_init(&f.r, NULL, NULL, st->prog);
	vp_err e;
	vp_err_clear(&e);
	int rc = 0;
	if (vp_jscan_names_init(&f.names, st->keys, st->nkeys))
		rc = vp_errf(&e, EX_SOFTWARE, "%zu keys for the fast path, at most %d",
		             st->nkeys, VP_JSCAN_MAX_KEYS);
	f.names.memo = &f.memo;
	vp_operands in;
	/* quiet: opened as records are, without the word on an empty file */
	vp_operands_init(&in, npaths, paths, st->prog, quiet ? 0 : VP_IN_RECORDS);
	while (!rc && (rc = vp_operands_next(&in, &e)) == 1) {
		vp_reader_init(&f.r, in.fp, in.name, st->prog);
		f.r.skip_bad = o->skip_bad;
		f.r.max_line = o->max_line;
		f.r.quiet = quiet;
		if ((rc = filter_file(&f, ctx, &e)) != 0)
			break; /* its skipped records are reported after the error */
		vp_reader_report(&f.r);
		vp_reader_free(&f.r);
		vp_reader_init(&f.r, NULL, NULL, st->prog);
	}
	if (!rc && st->on_end)
		rc = st->on_end(ctx, &f, &e);
	if (!rc)
		rc = vp_output_close(out, &e);
	if (rc)
		vp_err_print(st->prog, &e);
	vp_reader_report(&f.r);
	vp_reader_free(&f.r);
	free(f.elems.elem);
	vp_buf_free(&f.tmp);
	vp_jscan_memo_free(&f.memo);
	vp_operands_close(&in);
	return rc;
}

int vp_filter_run_opts_to(const vp_filter_stage *st, void *ctx, const vp_filter_opts *o,
                          int npaths, char **paths, FILE *out)
{
	return run(st, ctx, o, 0, npaths, paths, out);
}

int vp_filter_first_pass_to(const vp_filter_stage *st, void *ctx, const vp_filter_opts *o,
                            int npaths, char **paths, FILE *out)
{
	return run(st, ctx, o, 1, npaths, paths, out);
}

int vp_filter_run(const vp_filter_stage *st, void *ctx, int skip_bad, int npaths,
                  char **paths)
{
	return vp_filter_run_to(st, ctx, skip_bad, npaths, paths, stdout);
}

int vp_filter_reject(vp_filter *f, vp_err *e, const char *why)
{
	return vp_reader_reject(&f->r, e, why);
}

int vp_filter_fail(vp_filter *f, vp_err *e, int code, const char *msg)
{
	char why[sizeof e->msg];
	snprintf(why, sizeof why, "%s", msg); /* msg may be e->msg */
	return vp_errf_at(e, code, f->r.name, f->r.lineno, "%s", why);
}

/* The writers: record.h's, on the line just read, to f->out, refusing
 * one longer than the limit (vp_filter_written). */

int vp_filter_write_with(vp_filter *f, json_t *rec, const char *key, const char *value,
                         size_t vlen, vp_err *e)
{
	if (!rec)
		return vp_filter_written(f, vp_record_write_spliced(f->out, vp_filter_max_line(f),
		                                                    f->r.line, f->r.len, key, value,
		                                                    vlen, e),
		                         e);
	int rc = vp_record_set_json(rec, key, value, vlen, e);
	return rc ? rc : vp_filter_write(f, rec, e);
}

int vp_filter_write(vp_filter *f, json_t *rec, vp_err *e)
{
	return vp_filter_write_kept(f, rec, NULL, 0, e);
}

int vp_filter_write_kept(vp_filter *f, json_t *rec, const char *append, size_t nappend,
                         vp_err *e)
{
	return vp_filter_written(f, vp_record_write_kept(f->out, vp_filter_max_line(f), f->r.line,
	                                                 f->r.len, rec, append, nappend, e),
	                         e);
}

int vp_filter_write_edited(vp_filter *f, const vp_jedit *edits, size_t nedits,
                           const char *append, size_t nappend, vp_err *e)
{
	return vp_filter_written(f, vp_record_write_edited(f->out, vp_filter_max_line(f), f->r.line,
	                                                   f->r.len, edits, nedits, append,
	                                                   nappend, e),
	                         e);
}

int vp_filter_write_dropping(vp_filter *f, const vp_jspan *drop, size_t ndrop,
                             const vp_jedit *edits, size_t nedits, const char *append,
                             size_t nappend, vp_err *e)
{
	return vp_filter_written(f, vp_record_write_dropping(f->out, vp_filter_max_line(f),
	                                                     f->r.line, f->r.len, drop, ndrop,
	                                                     edits, nedits, append, nappend, e),
	                         e);
}

int vp_filter_write_spliced_dropping(vp_filter *f, const vp_jspan *drop, size_t ndrop,
                                     const char *key, const char *value, size_t vlen,
                                     vp_err *e)
{
	return vp_filter_written(f, vp_record_write_spliced_dropping(f->out, vp_filter_max_line(f),
	                                                             f->r.line, f->r.len, drop,
	                                                             ndrop, key, value, vlen, e),
	                         e);
}

int vp_records_each(const char *prog, int npaths, char **paths, vp_record_fn add, void *ctx,
                    vp_err *e)
{
	vp_operands in;
	int rc;
	vp_operands_init(&in, npaths, paths, prog, VP_IN_RECORDS);
	while ((rc = vp_operands_next(&in, e)) == 1) {
		vp_reader r;
		json_t *rec;
		vp_reader_init(&r, in.fp, in.name, prog);
		while ((rc = vp_reader_next(&r, &rec, e)) == 1) {
			rc = add(ctx, rec, e);
			json_decref(rec);
			if (rc) {
				/* add knows the record, not its place: name it */
				char msg[sizeof e->msg];
				snprintf(msg, sizeof msg, "%s", e->msg);
				vp_errf_at(e, rc, in.name, r.lineno, "%s", msg);
				break;
			}
		}
		vp_reader_free(&r);
		if (rc)
			break;
	}
	vp_operands_close(&in);
	return rc;
}
