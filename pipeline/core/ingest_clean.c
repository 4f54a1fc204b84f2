/* ingest_clean.c - checking (and converting) one cell; see rowsrc.h */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "voxpop/rowsrc.h"

/* Is s[0..n) ASCII without a NUL (most cells): then it needs no look for
 * a NUL and no UTF-8 check apart, eight bytes at a time. */
static int plain_ascii(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		if ((((x - ones) & ~x) | x) & highs) /* a zero byte, or one from 0x80 */
			return 0;
	}
	for (; i < n; i++)
		if (s[i] == '\0' || (unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

int vp_cell_clean(vp_conv *conv, const char *s, size_t n, vp_buf *conv_out, size_t *off,
                  size_t *outn, char *why, size_t whysz, size_t *bad_at, const char *what,
                  const char *name)
{
	if (!conv && plain_ascii(s, n)) {
		*off = SIZE_MAX;
		*outn = n;
		return 0;
	}
	char where[200];
#define WHERE() (name ? snprintf(where, sizeof where, "%s \"%.160s\"", what, name) \
	              : snprintf(where, sizeof where, "%s", what))
	const char *nul = memchr(s, '\0', n);
	if (nul) {
		WHERE();
		*bad_at = (size_t)(nul - s);
		snprintf(why, whysz, "NUL byte in %s", where);
		return 1;
	}
	if (conv) {
		if (!plain_ascii(s, n))
			vp_conv_note(conv, s, n);
		*off = conv_out->len;
		int r = vp_conv_append(conv, s, n, conv_out, bad_at);
		if (r == -2)
			return -1;
		if (r == -1) {
			WHERE();
			snprintf(why, whysz, "byte 0x%02X in %s is not %s text",
			         (unsigned char)s[*bad_at], where, vp_conv_name(conv));
			return 1;
		}
		*outn = conv_out->len - *off;
		/* keep converted values NUL-separated for readability in a debugger */
		if (vp_buf_putc(conv_out, '\0') != 0)
			return -1;
		return 0;
	}
	size_t k = vp_utf8_check(s, n);
	if (k != n) {
		*bad_at = k;
		WHERE();
		snprintf(why, whysz, "invalid UTF-8 (byte 0x%02X) in %s; try --encoding cp1252 "
		         "(or macroman from a Mac)",
		         (unsigned char)s[k], where);
		return 1;
	}
	*off = SIZE_MAX;
	*outn = n;
	return 0;
#undef WHERE
}
