/* fuzz_record - the NDJSON reader (vp_reader_*) and writers: no crash or
 * leak; lines read = records + rejected under skip_bad; what
 * vp_record_write_with writes parses back as an object with the new key. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "voxpop/record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *in = fmemopen((void *)data, size ? size : 1, "rb");
	if (size == 0)
		fgetc(in);
	char *out = NULL;
	size_t outn = 0;
	FILE *of = open_memstream(&out, &outn);
	vp_reader r;
	vp_reader_init(&r, in, "fuzz", "fuzz");
	r.skip_bad = 1;
	json_t *rec;
	vp_err e;
	int rc;
	unsigned long n = 0;
	while ((rc = vp_reader_next(&r, &rec, &e)) == 1) {
		n++;
		if (!json_is_object(rec))
			abort();
		if (vp_record_write_with(of, &r, rec, "tokens", "[\"a\"]", 5, &e) != 0)
			abort();
		json_decref(rec);
	}
	if (rc != 0)
		abort(); /* skip_bad: only I/O errors, and there are none */
	if (n != r.records)
		abort();
	vp_reader_free(&r);
	fclose(of);
	fclose(in);
	/* every line written is an object with "tokens" */
	const char *p = out, *end = out + outn;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			abort();
		json_error_t je;
		json_t *o = json_loadb(p, (size_t)(nl - p), JSON_ALLOW_NUL, &je);
		if (!json_is_object(o) || !json_is_array(json_object_get(o, "tokens"))) {
			fprintf(stderr, "bad output line: %.*s (%s)\n", (int)(nl - p), p, je.text);
			abort();
		}
		json_decref(o);
		p = nl + 1;
	}
	free(out);
	return 0;
}
