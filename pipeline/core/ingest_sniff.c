/* ingest_sniff.c - see ingest_sniff.h */
#include <string.h>
#include <strings.h>

#include "ingest_sniff.h"
#include "voxpop/buf.h"

int vp_sniff_one_column(const char *cell, size_t len, const char *path, unsigned long line,
                        vp_err *e)
{
	static const char cand[] = ";\t|";
	size_t best = 0, nbest = 0;
	for (size_t k = 0; k < sizeof cand - 1; k++) {
		size_t c = 0;
		for (size_t i = 0; i < len; i++)
			c += cell[i] == cand[k];
		if (c > nbest) {
			nbest = c;
			best = k;
		}
	}
	if (nbest == 0)
		return 0;
	/* the header as it reads, escaped, cut at a character boundary */
	enum { SHOW = 60 };
	char shown[SHOW * 2 + 8];
	size_t o = 0, i = 0;
	for (; i < len && o < SHOW; i++) {
		unsigned char ch = (unsigned char)cell[i];
		if (ch == '\t' || ch == '"' || ch == '\\') {
			shown[o++] = '\\';
			shown[o++] = ch == '\t' ? 't' : (char)ch;
		} else if (ch < 0x20) {
			shown[o++] = ' ';
		} else {
			shown[o++] = (char)ch;
		}
	}
	if (i < len) {
		while (o > 0 && ((unsigned char)shown[o - 1] & 0xC0) == 0x80)
			o--; /* continuation bytes of a cut character */
		if (o > 0 && (unsigned char)shown[o - 1] >= 0xC0)
			o--;
		memcpy(shown + o, "\xE2\x80\xA6", 3); /* ... */
		o += 3;
	}
	shown[o] = '\0';
	return vp_errf_at(e, EX_USAGE, path, line,
	                  "the header is one column, \"%s\"; try --delimiter %s", shown,
	                  cand[best] == '\t' ? "tab" : cand[best] == ';' ? "';'" : "'|'");
}
