/* fuzz_transcode - vp_transcode on any bytes (byte 0: VP_TC_NO_GUESS), and
 * the delimiter sniffer and hint on them.  Checks: no crash, leak or UB;
 * converted UTF-16 comes out as valid UTF-8; a read error has a cause; the
 * sniffer answers one of , ; TAB |. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/transcode.h"
#include "voxpop/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int flags = data[0] & 1 ? VP_TC_NO_GUESS : 0;
	data++, size--;
	int d = vp_sniff_delimiter((const char *)data, size);
	if (d != ',' && d != ';' && d != '\t' && d != '|')
		abort();
	char hint[32];
	if (vp_delimiter_hint((const char *)data, size, ',', hint, sizeof hint) &&
	    strncmp(hint, "try --delimiter ", 16) != 0)
		abort();
	FILE *in = fmemopen((void *)data, size ? size : 1, "rb");
	if (!in)
		return 0;
	if (size == 0)
		fgetc(in);
	vp_transcode *t;
	vp_err e = {0};
	int rc = vp_transcode_open(&t, in, "fuzz.csv", flags, &e);
	if (rc) {
		if (!e.msg[0])
			abort();
		fclose(in);
		return 0;
	}
	int utf16 = strncmp(vp_transcode_source(t), "utf-16", 6) == 0;
	FILE *u = vp_transcode_fp(t);
	char *out = malloc(size * 2 + 16);
	if (!out)
		abort();
	size_t n = 0, r;
	while ((r = fread(out + n, 1, 3, u)) > 0) {
		n += r;
		if (n > size * 2 + 4)
			abort();   /* UTF-16 -> UTF-8 is at most 3/2 the size */
	}
	if (ferror(u)) {
		if (vp_transcode_error(t, &e) == 0 || !e.msg[0])
			abort();
	}
	if (utf16 && vp_utf8_check(out, n) != n)
		abort();
	free(out);
	vp_transcode_close(t);
	fclose(in);
	return 0;
}
