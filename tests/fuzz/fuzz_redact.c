/* fuzz_redact - vp_redact_record on arbitrary text (byte 0: keep mask):
 * no crash; the spans reported lie in the text, in order, not overlapping;
 * the output is the text with exactly those spans replaced by their
 * placeholders (so no placeholder is broken or half-written); valid UTF-8
 * in gives valid UTF-8 out; counts add up. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/redact.h"
#include "voxpop/utf8.h"

struct audit {
	vp_buf rebuilt;
	const char *text;
	size_t copied;
	long n;
};

static int audit(void *ctx, int type, const char *text, size_t s, size_t e)
{
	struct audit *a = ctx;
	if (text != a->text || s < a->copied || e <= s)
		abort();
	if (vp_buf_append(&a->rebuilt, text + a->copied, s - a->copied) ||
	    vp_buf_puts(&a->rebuilt, vp_redact_placeholder(type)))
		abort();
	a->copied = e;
	a->n++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	unsigned keep = data[0] & 0xFF;
	const char *s = (const char *)data + 1;
	size_t n = size - 1;
	struct audit a = {VP_BUF_INIT, s, 0, 0};
	vp_redactor rd = {keep, audit, &a, NULL};
	unsigned long counts[VP_REDACT_NTYPES] = {0};
	vp_buf out = VP_BUF_INIT;
	long k = vp_redact_record(&rd, s, n, &out, counts);
	if (k < 0 || k != a.n)
		abort();
	if (a.copied > n || vp_buf_append(&a.rebuilt, s + a.copied, n - a.copied))
		abort();
	if (a.rebuilt.len != out.len || (out.len && memcmp(a.rebuilt.data, out.data, out.len))) {
		fprintf(stderr, "output is not the text with the spans replaced\n");
		abort();
	}
	unsigned long sum = 0;
	for (int t = 0; t < VP_REDACT_NTYPES; t++) {
		if (counts[t] && (keep & (1u << t)))
			abort(); /* a kept type was removed */
		sum += counts[t];
	}
	if (sum != (unsigned long)k)
		abort();
	if (vp_utf8_check(s, n) == n && vp_utf8_check(out.data ? out.data : "", out.len) != out.len) {
		fprintf(stderr, "valid UTF-8 in, invalid out\n");
		abort();
	}
	vp_buf_free(&out);
	vp_buf_free(&a.rebuilt);
	return 0;
}
