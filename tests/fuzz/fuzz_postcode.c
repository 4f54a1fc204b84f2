/* fuzz_postcode - postcode parsing, finding, reducing and redaction:
 * no crash; parse results are well-formed; after vp_postcode_reduce (and
 * after vp_redact) no full postcode is left to find. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/postcode.h"
#include "voxpop/redact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char district[16], full[16];
	memset(district, 0x55, sizeof district);
	memset(full, 0x55, sizeof full);
	int k = vp_postcode_parse(s, size, district, full);
	if (k < 0 || k > 2)
		abort();
	if (k >= 1 && (strlen(district) < 2 || strlen(district) > 4))
		abort();
	if (k == 2 && (strlen(full) < 6 || strlen(full) > 8))
		abort();
	size_t a, b;
	if (vp_postcode_find(s, size, &a, &b) && (a >= b || b > size))
		abort();

	vp_buf out = VP_BUF_INIT;
	if (vp_postcode_reduce(s, size, &out) != 0)
		abort();
	if (out.len && vp_postcode_find(out.data, out.len, &a, &b)) {
		fprintf(stderr, "reduce left a postcode: '%.*s' in '%s'\n", (int)(b - a),
		        out.data + a, out.data);
		abort();
	}
	vp_buf_free(&out);
	if (vp_redact(s, size, &out) != 0)
		abort();
	if (out.len && vp_postcode_find(out.data, out.len, &a, &b)) {
		fprintf(stderr, "redact left a postcode: '%.*s' in '%s'\n", (int)(b - a),
		        out.data + a, out.data);
		abort();
	}
	vp_buf_free(&out);
	return 0;
}
