/* vp-redact - replace personal data in each record's text with typed placeholders. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/cli.h"
#include "voxpop/filter.h"
#include "voxpop/jscan.h"
#include "voxpop/jsonw.h"
#include "voxpop/paths.h"
#include "voxpop/record.h"
#include "voxpop/redact.h"

enum { OPT_FIELD = 't', OPT_KEEP = 'k', OPT_LIST = 'l', OPT_SKIP = 'B', OPT_TYPES = 256,
       OPT_GIVEN };

static const vp_opt opts[] = {
	{"text-field", OPT_FIELD, VP_ARG, "NAME", "field holding the text (default text)"},
	{"keep", OPT_KEEP, VP_ARG, "TYPE", "leave TYPE as written (repeatable; see --types)"},
	{"list", OPT_LIST, VP_ARG, "FILE",
	 "audit: one JSON line per span removed (line, id, type, text) to FILE ('-': stderr)"},
	{"given-names", OPT_GIVEN, VP_ARG, "FILE",
	 "the list of given names masked with no cue word (default lexicons/names/given.txt)"},
	{"types", OPT_TYPES, VP_NOARG, NULL, "list the types of personal data and what they match"},
	{"skip-bad", OPT_SKIP, VP_NOARG, NULL, "skip bad records, report how many and why"},
	VP_FILTER_OPT_MAX_LINE,
	{0}
};

static const vp_cli cli = {
	"vp-redact", "[OPTION]... [FILE]...",
	"Replace personal data in each record's text (NDJSON from FILEs or stdin, to\n"
	"stdout) with typed placeholders: [NHS number], [phone], [email], [postcode],\n"
	"[address], [name], [date of birth], [id number], [NI number]. A record that\n"
	"had any gets \"redacted\": {\"TYPE\": count, ...}; every other field is left\n"
	"as it was.",
	opts,
	"Cue words stay (\"Dr [name]\", \"DOB [date of birth]\"); place and service\n"
	"names, URLs, other dates, times, prices, years, ward and bus numbers stay.\n"
	"A name with no cue word is masked when its first word is on the list of\n"
	"given names (\"Thanks [name] and all the team\"); one that is a word too\n"
	"(Grace, May, Will) only where a name is signed, thanked or addressed\n"
	"(\"Call me back, [name]\"). The list's surnames are masked in lower case\n"
	"after a given name or a role, or run on to a given name (\"Sarah jones\",\n"
	"\"sarahjones\", \"Doctor patel\").\n"
	"A record with nothing removed is written unchanged, without \"redacted\"; an\n"
	"existing \"redacted\" object is added to. Nothing removed is kept in the\n"
	"records; --list writes what was removed elsewhere, for checking.\n"
	"\n"
	"Example:\n"
	"  vp-ingest survey.csv | vp-redact --keep name --list audit.ndjson | vp-normalise\n"
	"\n"
	"Exit status: 0 ok, 64 usage, 65 bad record, 66 cannot open FILE or find the list\n"
	"of given names, 73 cannot create the --list FILE, 74 I/O error, 78 a bad list\n"
	"of given names.\n",
};

struct state {
	vp_redactor rd;
	vp_filter *f;       /* the run, for the line number of the record read */
	const char *field;
	FILE *list;         /* audit output, or NULL */
	int list_failed;
	vp_jspan id;        /* the record's "id" as JSON text, or {NULL, 0} */
	vp_buf out;         /* redacted text */
	vp_buf json;        /* the text as JSON, then "redacted" */
	vp_buf scratch;     /* decoded text, when it had escapes */
	vp_buf audit;       /* one audit line */
	char *idtext;       /* "id" dumped by jansson on the slow path */
};

static int audit(void *ctx, int type, const char *text, size_t s, size_t e)
{
	struct state *st = ctx;
	vp_buf *b = &st->audit;
	vp_buf_clear(b);
	if (vp_buf_printf(b, "{\"line\":%lu,\"id\":", st->f->r.lineno) ||
	    (st->id.p ? vp_buf_append(b, st->id.p, st->id.n) : vp_buf_puts(b, "null")) ||
	    vp_buf_printf(b, ",\"type\":\"%s\",\"text\":", vp_redact_type_name(type)) ||
	    vp_json_str(b, text + s, e - s) || vp_buf_puts(b, "}\n"))
		return -1;
	if (fwrite(b->data, 1, b->len, st->list) != b->len) {
		st->list_failed = 1;
		return -1;
	}
	return 0;
}

/* Redact text[0..n) into st->out; counts filled.  Spans removed, or an EX_* code negated. */
static long redact(struct state *st, const char *text, size_t n,
                   unsigned long counts[VP_REDACT_NTYPES], vp_err *e)
{
	vp_buf_clear(&st->out);
	memset(counts, 0, sizeof(unsigned long) * VP_REDACT_NTYPES);
	long k = vp_redact_record(&st->rd, text, n, &st->out, counts);
	if (k == -1)
		return -vp_errf(e, EX_OSERR, "out of memory");
	if (k == -2)
		return st->list_failed ? -vp_errf(e, EX_IOERR, "--list: write error")
		                       : -vp_errf(e, EX_OSERR, "out of memory");
	return k;
}

/* The "redacted" object for counts, into st->json (cleared). */
static int counts_json(struct state *st, const unsigned long *counts)
{
	vp_buf_clear(&st->json);
	return vp_redact_counts_json(&st->json, counts);
}

/* A JSON integer jansson would hold (json_is_integer): its value in *out. */
/* An earlier run's count plus this one's, held at LLONG_MAX rather than
 * wrapping (a record may carry any number there). */
static long long count_sum(long long was, unsigned long add)
{
	if (was < 0)
		was = 0;
	return add > (unsigned long long)(LLONG_MAX - was) ? LLONG_MAX : was + (long long)add;
}

static int int_value(vp_jspan v, long long *out)
{
	char buf[24];
	if (!v.n || v.n >= sizeof buf)
		return 0;
	for (size_t i = v.p[0] == '-'; i < v.n; i++)
		if (v.p[i] < '0' || v.p[i] > '9')
			return 0;
	memcpy(buf, v.p, v.n);
	buf[v.n] = '\0';
	errno = 0;
	*out = strtoll(buf, NULL, 10);
	return errno == 0;
}

/* The "redacted" object for counts added to the one the line has (old, an
 * object): its members kept as written, a type's count added to an integer
 * there (else set), types it lacks appended, into st->json (cleared).  0;
 * -1 out of memory; 1 + the type old names twice (a bad record: its count
 * would be added to both). */
static int counts_json_added(struct state *st, vp_jspan old, const unsigned long *counts)
{
	int done[VP_REDACT_NTYPES] = {0}, seen[VP_REDACT_NTYPES] = {0};
	vp_buf_clear(&st->json);
	if (vp_buf_putc(&st->json, '{'))
		return -1;
	vp_jspan rest = old, key, val;
	int first = 1;
	while (vp_jscan_object_next(&rest, &key, &val)) {
		const char *s;
		size_t len;
		size_t at = st->audit.len;
		if (vp_jscan_string(key, &st->audit, &s, &len))
			return -1;
		int t;
		for (t = 0; t < VP_REDACT_NTYPES; t++)
			if (strlen(vp_redact_type_name(t)) == len &&
			    memcmp(vp_redact_type_name(t), s, len) == 0)
				break;
		st->audit.len = at;
		if (t < VP_REDACT_NTYPES && seen[t]++)
			return 1 + t;
		if (t < VP_REDACT_NTYPES && !counts[t])
			t = VP_REDACT_NTYPES; /* kept as written */
		if ((!first && vp_buf_putc(&st->json, ',')) ||
		    vp_buf_append(&st->json, key.p, key.n) || vp_buf_putc(&st->json, ':'))
			return -1;
		first = 0;
		if (t == VP_REDACT_NTYPES) {
			if (vp_buf_append(&st->json, val.p, val.n))
				return -1;
			continue;
		}
		long long was;
		if (!int_value(val, &was))
			was = 0;
		done[t] = 1;
		if (vp_buf_printf(&st->json, "%lld", count_sum(was, counts[t])))
			return -1;
	}
	for (int t = 0; t < VP_REDACT_NTYPES; t++) {
		if (!counts[t] || done[t])
			continue;
		if (vp_buf_printf(&st->json, "%s\"%s\":%lu", first ? "" : ",",
		                  vp_redact_type_name(t), counts[t]))
			return -1;
		first = 0;
	}
	return vp_buf_putc(&st->json, '}');
}

/* Fast path: the line has text (a string, at v); old: its "redacted" (an
 * object), or p NULL. */
static int redact_line(struct state *st, vp_jspan v, vp_jspan old, vp_err *e)
{
	const char *text = NULL;
	size_t n = 0;
	vp_buf_clear(&st->scratch);
	if (vp_jscan_string(v, &st->scratch, &text, &n))
		return vp_errf(e, EX_OSERR, "out of memory");
	unsigned long counts[VP_REDACT_NTYPES];
	long k = redact(st, text, n, counts, e);
	if (k < 0)
		return (int)-k;
	if (k == 0)
		return vp_filter_write_edited(st->f, NULL, 0, NULL, 0, e);
	vp_buf_clear(&st->scratch);
	vp_buf_clear(&st->audit);
	int rc = old.p ? counts_json_added(st, old, counts) : counts_json(st, counts);
	if (rc > 0) {
		char why[80];
		snprintf(why, sizeof why, "duplicate key \"redacted.%s\"", vp_redact_type_name(rc - 1));
		return vp_filter_reject(st->f, e, why);
	}
	if (rc || vp_json_str(&st->scratch, st->out.data, st->out.len) || vp_buf_putc(&st->scratch, 0))
		return vp_errf(e, EX_OSERR, "out of memory");
	vp_jedit ed = {v, st->scratch.data, st->scratch.len - 1};
	if (old.p) { /* the text and "redacted" edited where they are */
		vp_jedit eds[2] = {ed, {old, st->json.data, st->json.len}};
		if (old.p < v.p) {
			eds[0] = eds[1];
			eds[1] = ed;
		}
		return vp_filter_write_edited(st->f, eds, 2, NULL, 0, e);
	}
	vp_buf_clear(&st->audit);
	if (vp_buf_puts(&st->audit, "\"redacted\":") ||
	    vp_buf_append(&st->audit, st->json.data, st->json.len))
		return vp_errf(e, EX_OSERR, "out of memory");
	return vp_filter_write_edited(st->f, &ed, 1, st->audit.data, st->audit.len, e);
}

/* Slow path: a record parsed by jansson. */
static int redact_tree(struct state *st, json_t *rec, vp_err *e)
{
	json_t *text = json_object_get(rec, st->field);
	if (text && !json_is_null(text) && !json_is_string(text)) {
		char why[300];
		snprintf(why, sizeof why, "\"%s\" is not a string", st->field);
		return vp_filter_reject(st->f, e, why);
	}
	json_t *old = json_object_get(rec, "redacted");
	if (old && !json_is_object(old))
		return vp_filter_reject(st->f, e, "\"redacted\" is not an object");
	if (!text || json_is_null(text))
		return vp_filter_write(st->f, rec, e);
	json_t *id = json_object_get(rec, "id");
	free(st->idtext);
	st->idtext = id ? json_dumps(id, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
	st->id = (vp_jspan){st->idtext, st->idtext ? strlen(st->idtext) : 0};
	unsigned long counts[VP_REDACT_NTYPES];
	long k = redact(st, json_string_value(text), json_string_length(text), counts, e);
	if (k < 0)
		return (int)-k;
	if (k > 0) {
		json_t *obj = old ? old : json_object();
		if (!obj || json_object_set_new(rec, st->field, json_stringn(st->out.data, st->out.len)))
			return vp_errf(e, EX_OSERR, "out of memory");
		for (int t = 0; t < VP_REDACT_NTYPES; t++) {
			if (!counts[t])
				continue;
			json_t *was = json_object_get(obj, vp_redact_type_name(t));
			json_int_t add = (json_int_t)count_sum(json_is_integer(was) ? json_integer_value(was) : 0,
			                                       counts[t]);
			if (json_object_set_new(obj, vp_redact_type_name(t), json_integer(add)))
				return vp_errf(e, EX_OSERR, "out of memory");
		}
		if (!old && json_object_set_new(rec, "redacted", obj))
			return vp_errf(e, EX_OSERR, "out of memory");
	}
	return vp_filter_write(st->f, rec, e);
}

/* The driver's fast path: keys are {field, "redacted", "id"}.  A text
 * that is neither a string nor null, or a "redacted" not an object, is a
 * bad record, as on the jansson path (redact_record). */
static int redact_scan(void *ctx, vp_filter *f, const vp_jspan *v, vp_err *e)
{
	struct state *st = ctx;
	st->f = f;
	if (v[0].p && v[0].p[0] != '"' && v[0].p[0] != 'n') {
		char why[300];
		snprintf(why, sizeof why, "\"%s\" is not a string", st->field);
		return vp_filter_reject(f, e, why);
	}
	if (v[1].p && v[1].p[0] != '{')
		return vp_filter_reject(f, e, "\"redacted\" is not an object");
	st->id = v[2];
	if (v[0].p && v[0].p[0] == '"')
		return redact_line(st, v[0], v[1], e);
	return vp_filter_write_edited(f, NULL, 0, NULL, 0, e);
}

static int redact_record(void *ctx, vp_filter *f, json_t *rec, vp_err *e)
{
	struct state *st = ctx;
	st->f = f;
	return redact_tree(st, rec, e);
}

static int list_types(void)
{
	for (int t = 0; t < VP_REDACT_NTYPES; t++)
		printf("%-14s %-16s %s\n", vp_redact_type_name(t), vp_redact_placeholder(t),
		       vp_redact_type_help(t));
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : EX_IOERR;
}

int main(int argc, char **argv)
{
	const char *list = NULL, *given = NULL, *arg;
	size_t max_line = 0;
	int skip_bad = 0, c, optind_out = 1;
	struct state st = {.rd = VP_REDACTOR_INIT, .field = "text"};

	vp_io_init();
	while ((c = vp_cli_next(&cli, argc, argv, &arg, &optind_out)) != -1) {
		switch (c) {
		case OPT_FIELD: st.field = arg; break;
		case OPT_KEEP: {
			int t = vp_redact_type_parse(arg);
			if (t < 0)
				return vp_cli_usage_error(&cli, "unknown type '%s' for --keep (see --types)", arg);
			st.rd.keep |= 1u << t;
			break;
		}
		case OPT_LIST: list = arg; break;
		case OPT_GIVEN: given = arg; break;
		case OPT_TYPES: return list_types();
		case OPT_SKIP: skip_bad = 1; break;
		case VP_OPT_MAX_LINE: max_line = vp_filter_max_line_arg(&cli, arg); break;
		}
	}
	vp_err e;
	vp_err_clear(&e);
	char given_path[4096];
	vp_given_names *names = NULL;
	if ((!given && vp_data_default("lexicons/names/given.txt", "list of given names",
	                               "--given-names FILE", given_path, sizeof given_path, &e)) ||
	    vp_given_names_load(given ? given : given_path, &names, &e)) {
		vp_err_print(cli.prog, &e);
		return e.code;
	}
	st.rd.given = names;
	if (list) {
		if (strcmp(list, "-") == 0) {
			st.list = stderr;
		} else if (!(st.list = fopen(list, "w"))) {
			vp_errf(&e, EX_CANTCREAT, "%s: %s", list, strerror(errno));
			vp_err_print(cli.prog, &e);
			vp_given_names_free(names);
			return EX_CANTCREAT;
		}
		st.rd.audit = audit;
		st.rd.audit_ctx = &st;
	}
	const char *keys[] = {st.field, "redacted", "id"};
	const vp_filter_stage stage = {cli.prog, keys, 3, redact_scan, redact_record, NULL, 0,
	                               NULL, 0, NULL};
	int rc = vp_filter_run_opts(&stage, &st, &(vp_filter_opts){skip_bad, max_line},
	                        argc - optind_out, argv + optind_out);
	if (st.list && st.list != stderr && fclose(st.list) != 0 && !rc) {
		vp_errf(&e, EX_IOERR, "%s: write error", list);
		vp_err_print(cli.prog, &e);
		rc = EX_IOERR;
	}
	vp_buf_free(&st.out);
	vp_buf_free(&st.json);
	vp_buf_free(&st.scratch);
	vp_buf_free(&st.audit);
	free(st.idtext);
	vp_given_names_free(names);
	return rc;
}
