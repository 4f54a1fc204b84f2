/* fuzz_ingest - vp_ingest over CSV, text and NDJSON input: no crash or leak,
 * and every line written is a JSON object with a string "id" and a non-empty
 * string "text" (the output contract).  First byte: format (or none: sniffed), skip_bad,
 * encoding, small max_field / sniff rows, and (bit 7) a survey layout --
 * qualtrics with bit 5, else surveymonkey -- whose header rows, Status
 * column and header copies take their own paths. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "voxpop/ingest.h"

static void check_output(const char *out, size_t n)
{
	const char *p = out, *end = out + n;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			abort(); /* every record ends in a newline */
		json_error_t je;
		json_t *rec = json_loadb(p, (size_t)(nl - p), 0, &je);
		if (!json_is_object(rec)) {
			fprintf(stderr, "bad output line: %.*s\n%s\n", (int)(nl - p), p, je.text);
			abort();
		}
		json_t *t = json_object_get(rec, "text");
		if (!json_is_string(json_object_get(rec, "id")) || !json_is_string(t) ||
		    json_string_length(t) == 0)
			abort();
		json_decref(rec);
		p = nl + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned flags = data[0];
	data++, size--;
	static const char *const id_cols[] = {"id"};
	vp_ingest_opts o = {0};
	static const char *const formats[] = {"csv", "text", "ndjson"};
	/* 3: no --format, the first bytes decide (a workbook, NDJSON, a table) */
	o.format = (flags & 3) == 3 ? NULL : vp_format_parse(formats[flags & 3]);
	o.skip_bad = !!(flags & 4);
	o.max_field = (flags & 8) ? 32 : 0;
	o.sniff_rows = (flags & 16) ? 2 : 0;
	/* the other columns kept (--fields all), as before --fields none became
	 * vp-ingest's default; none now and then */
	o.fields_mode = (flags & 24) == 24 ? VP_FIELDS_NONE : VP_FIELDS_ALL;
	if (flags & 128) {
		o.format = vp_format_parse("csv");
		o.preset = vp_preset_parse((flags & 32) ? "qualtrics" : "surveymonkey");
	} else if (flags & 32) {
		o.text_cols = id_cols + 0; /* "id" as text: a named column, and for
		                            * NDJSON a key the record has (issue 16) */
		o.ntext = 1;
	}
	vp_err e = {0};
	if (flags & 64)
		o.conv = vp_conv_open("cp1252", &e);
	o.prog = "fuzz";
	FILE *in = fmemopen((void *)data, size ? size : 1, "rb");
	if (size == 0)
		fgetc(in);
	char *out = NULL;
	size_t outn = 0;
	FILE *of = open_memstream(&out, &outn);
	vp_ingest_stats st = {0};
	int rc = vp_ingest(&o, in, "fuzz", of, &st, &e);
	fclose(of);
	fclose(in);
	if (rc != 0 && e.msg[0] == '\0')
		abort();
	if (st.records > st.rows + 1000000)
		abort();
	check_output(out, outn);
	free(out);
	vp_conv_close(o.conv);
	return 0;
}
