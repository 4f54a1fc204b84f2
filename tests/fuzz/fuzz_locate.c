/* fuzz_locate - vp-locate's line path (vp_locate_line) against its jansson
 * path (vp_locate_record), with the shipped gazetteer (lexicons/localities,
 * or $VP_FUZZ_GAZ).  Byte 0 picks the options; the rest is split into
 * lines as vp_reader_line splits them.  When the line path takes a line,
 * jansson must accept it too and give the same record (json_equal and the
 * same key order; jansson reads as the filter driver does, a number beyond
 * 64 bits as a real (vp_record_loadb), and a line it refuses only for a real beyond a double
 * is not compared), and no full postcode may be left in a field it read;
 * the two --report tallies must agree at the end. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "voxpop/locate.h"
#include "voxpop/postcode.h"
#include "voxpop/record.h"
#include "zero_numbers.h"

static vp_gazetteer *gaz;

/* s[0..n) with each number outside strings made 0, parsed: an object when
 * jansson refused a number's size only (valid JSON, which the line path
 * copies as bytes), else NULL. */
static json_t *numbers_zeroed(const char *s, size_t n)
{
	char *z = zero_numbers(s, n);
	json_t *j = json_loadb(z, n, JSON_ALLOW_NUL, NULL);
	free(z);
	if (!json_is_object(j)) {
		json_decref(j);
		return NULL;
	}
	return j;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	const char *path = getenv("VP_FUZZ_GAZ");
	vp_err e;
	vp_err_clear(&e);
	gaz = vp_gazetteer_new();
	if (!gaz || vp_gazetteer_load(gaz, path ? path : "lexicons/localities", &e) != 0 ||
	    vp_gazetteer_finish(gaz, &e) != 0) {
		fprintf(stderr, "fuzz_locate: %s (run from the source tree or set VP_FUZZ_GAZ)\n",
		        e.msg);
		abort();
	}
	return 0;
}

/* A field as vp_locate_record finds it: in the record, else in "fields". */
static json_t *find_field(json_t *rec, const char *name)
{
	json_t *v = json_object_get(rec, name);
	if (!v) {
		json_t *fields = json_object_get(rec, "fields");
		if (json_is_object(fields))
			v = json_object_get(fields, name);
	}
	return v;
}

static void no_postcode(json_t *rec, const char *name, const char *line, const char *out)
{
	json_t *v = name ? find_field(rec, name) : NULL;
	size_t s, en;
	if (json_is_string(v) &&
	    vp_postcode_find(json_string_value(v), json_string_length(v), &s, &en)) {
		fprintf(stderr, "full postcode left in field '%s':\nin  %s\nout %s\n", name, line,
		        out);
		abort();
	}
}

static void same_report(const vp_locate_report *a, const vp_locate_report *b)
{
	vp_buf x = VP_BUF_INIT, y = VP_BUF_INIT;
	if (vp_locate_report_format(a, 50, &x) < 0 || vp_locate_report_format(b, 50, &y) < 0)
		abort();
	if (strcmp(x.data, y.data) != 0) {
		fprintf(stderr, "reports differ:\nline path\n%s\njansson path\n%s", x.data, y.data);
		abort();
	}
	vp_buf_free(&x);
	vp_buf_free(&y);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const vp_locate_opts optsets[] = {
		{NULL, NULL, NULL, 0},
		{NULL, "Postcode", "text", 0},
		{"Where", "Postcode", NULL, 0},
		{"P", "P", "text", 0},
		{"fields", NULL, NULL, 0},
		{NULL, "locality", "text", 0},
		{"text", "locality_raw", "text", 0},
		{"locality_raw", "place", NULL, 0},
	};
	if (size < 1)
		return 0;
	const vp_locate_opts *o = &optsets[data[0] % 8];
	data++, size--;
	vp_locate_report rf, rt;
	vp_locate_report_init(&rf, 4);
	vp_locate_report_init(&rt, 4);
	vp_locate_work w = {0};
	const char *p = (const char *)data, *end = p + size;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *next = p + len + 1;
		if (len && p[len - 1] == '\r')
			len--;
		/* vp_reader_line's line: NUL-terminated */
		char *line = malloc(len + 1);
		if (!line)
			abort();
		memcpy(line, p, len);
		line[len] = '\0';
		p = next;

		char *buf = NULL;
		size_t blen = 0;
		FILE *out = open_memstream(&buf, &blen);
		if (!out)
			abort();
		vp_err e;
		vp_err_clear(&e);
		int f = vp_locate_line(gaz, o, line, len, out, 0, &rf, &w, &e);
		if (fclose(out) != 0)
			abort();
		if (f != 0 && f != VP_LOCATE_UNSURE) {
			fprintf(stderr, "line path error %d (%s) on %s\n", f, e.msg, line);
			abort();
		}
		if (f != 0 && blen != 0) {
			fprintf(stderr, "line path wrote %s but returned %d\n", buf, f);
			abort();
		}

		json_t *rec = vp_record_loadb(line, len, JSON_ALLOW_NUL, NULL);
		json_t *z = !rec && f == 0 ? numbers_zeroed(line, len) : NULL;
		if (z) { /* not compared; the numbers are not read: tallied alike */
			vp_err_clear(&e);
			if (vp_locate_record(gaz, o, z, &rt, &e) != 0)
				abort();
			json_decref(z);
			free(buf);
			free(line);
			continue;
		}
		int t = -1;
		/* the read field as vp_locate_record picks it (before it writes) */
		const char *raw_key = o->field ? o->field : "locality";
		if (strcmp(raw_key, "locality") == 0 && json_is_object(rec) &&
		    json_is_string(json_object_get(rec, "locality_raw")))
			raw_key = "locality_raw";
		if (json_is_object(rec)) {
			vp_err_clear(&e);
			t = vp_locate_record(gaz, o, rec, &rt, &e);
			if (t != 0 && t != EX_DATAERR)
				abort();
		}
		if (f == VP_LOCATE_UNSURE && t == 0) {
			/* the stage takes the jansson path: its report counts it too */
			json_t *again = vp_record_loadb(line, len, JSON_ALLOW_NUL, NULL);
			if (vp_locate_record(gaz, o, again, &rf, &e) != 0)
				abort();
			json_decref(again);
		}
		if (f == 0) {
			if (t != 0) {
				fprintf(stderr, "line path took what jansson %s: %s\n",
				        t < 0 ? "rejects" : "refuses", line);
				abort();
			}
			if (blen == 0 || buf[blen - 1] != '\n' || memchr(buf, '\n', blen - 1)) {
				fprintf(stderr, "line path wrote not one line: %s\n", buf);
				abort();
			}
			json_error_t je;
			json_t *x = vp_record_loadb(buf, blen - 1, JSON_ALLOW_NUL, &je);
			if (!json_is_object(x)) {
				fprintf(stderr, "line path wrote bad JSON (%s):\nin  %s\nout %s", je.text,
				        line, buf);
				abort();
			}
			char *xs = json_dumps(x, JSON_COMPACT);
			char *ts = json_dumps(rec, JSON_COMPACT);
			if (!xs || !ts)
				abort();
			if (!json_equal(x, rec) || strcmp(xs, ts) != 0) {
				fprintf(stderr, "records differ:\nin      %s\nline    %s\njansson %s\n",
				        line, xs, ts);
				abort();
			}
			no_postcode(x, raw_key, line, buf);
			no_postcode(x, o->postcode_field, line, buf);
			free(xs);
			free(ts);
			json_decref(x);
		}
		json_decref(rec);
		free(buf);
		free(line);
	}
	same_report(&rf, &rt);
	vp_locate_work_free(&w);
	vp_locate_report_free(&rf);
	vp_locate_report_free(&rt);
	return 0;
}
