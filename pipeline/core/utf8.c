/* utf8.c - see include/voxpop/utf8.h */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "voxpop/utf8.h"

size_t vp_utf8_check(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		/* ASCII fast path, eight bytes at a time */
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t need;
		uint32_t cp, min;
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1; cp = c & 0x1F; min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2; cp = c & 0x0F; min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3; cp = c & 0x07; min = 0x10000;
		} else {
			return i;
		}
		if (n - i <= need)
			return i;
		for (size_t k = 1; k <= need; k++) {
			unsigned char cc = s[i + k];
			if ((cc & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (cc & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += need + 1;
	}
	return n;
}

struct vp_conv {
	iconv_t cd;
	const char *name;
	/* what the values converted since vp_conv_seen_reset were
	 * (vp_conv_note): valid UTF-8 with a byte beyond ASCII, or not */
	unsigned long utf8, other;
	char first[5]; /* the first valid UTF-8 one's first such character */
};

vp_conv *vp_conv_open(const char *encoding, vp_err *e)
{
	const char *from, *name;
	vp_err_clear(e);
	if (!strcasecmp(encoding, "utf-8") || !strcasecmp(encoding, "utf8"))
		return NULL;
	if (!strcasecmp(encoding, "cp1252") || !strcasecmp(encoding, "windows-1252")) {
		from = "CP1252";
		name = "cp1252";
	} else if (!strcasecmp(encoding, "latin1") || !strcasecmp(encoding, "iso-8859-1")) {
		from = "ISO-8859-1";
		name = "latin1";
	} else if (!strcasecmp(encoding, "macroman") || !strcasecmp(encoding, "macintosh")) {
		from = "MACINTOSH"; /* Excel for Mac's "CSV (Macintosh)" */
		name = "macroman";
	} else {
		vp_errf(e, EX_USAGE, "unknown encoding '%s' (use utf-8, cp1252, latin1 or macroman)",
		        encoding);
		return NULL;
	}
	vp_conv *c = malloc(sizeof *c);
	if (!c) {
		vp_oom(e);
		return NULL;
	}
	c->cd = iconv_open("UTF-8", from);
	if (c->cd == (iconv_t)-1) {
		free(c);
		vp_errf(e, EX_OSERR, "iconv cannot convert from %s: %s", from, strerror(errno));
		return NULL;
	}
	c->name = name;
	vp_conv_seen_reset(c);
	return c;
}

int vp_conv_append(vp_conv *c, const char *s, size_t n, vp_buf *out, size_t *bad_off)
{
	char *in = (char *)s;
	size_t left = n;
	iconv(c->cd, NULL, NULL, NULL, NULL);
	while (left > 0) {
		/* A single-byte source grows at most 3x in UTF-8. */
		if (vp_buf_reserve(out, left * 3 + 4) != 0)
			return -2;
		char *o = out->data + out->len;
		size_t room = out->cap - out->len - 1;
		size_t r = iconv(c->cd, &in, &left, &o, &room);
		out->len = (size_t)(o - out->data);
		out->data[out->len] = '\0';
		if (r == (size_t)-1 && errno != E2BIG) {
			if (bad_off)
				*bad_off = (size_t)(in - s);
			return -1;
		}
	}
	return 0;
}

void vp_conv_note(vp_conv *c, const char *s, size_t n)
{
	if (vp_utf8_check(s, n) != n) {
		c->other++;
		return;
	}
	if (c->utf8++ == 0) {
		size_t i = 0;
		while (i < n && (unsigned char)s[i] < 0x80)
			i++;
		size_t k = i + 1;
		while (k < n && k - i < 4 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k++;
		if (i < n) {
			memcpy(c->first, s + i, k - i);
			c->first[k - i] = '\0';
		}
	}
}

void vp_conv_seen_reset(vp_conv *c)
{
	c->utf8 = c->other = 0;
	c->first[0] = '\0';
}

const char *vp_conv_utf8_only(const vp_conv *c)
{
	return c->utf8 > 0 && c->other == 0 ? c->first : NULL;
}

unsigned long vp_conv_utf8_seen(const vp_conv *c)
{
	return c->utf8;
}

const char *vp_conv_name(const vp_conv *c)
{
	return c->name;
}

void vp_conv_close(vp_conv *c)
{
	if (c) {
		iconv_close(c->cd);
		free(c);
	}
}

/* The ASCII that the character cp (not ASCII) is read as, into a[0..4):
 * its length, or 0 if it is read as written.  A decimal digit of any
 * script is its value ("\u0663" is a 3 to a reader, though NFKC leaves
 * it), a dash or minus sign a hyphen; otherwise NFKC's compatibility
 * decomposition when that is all ASCII -- full-width forms ("\uFF19",
 * "\uFF21", "\uFF20"), the ideographic, no-break and thin spaces -- as
 * vp-normalise will read it.  A default ignorable is read as nothing, as
 * vp-normalise's NFKC (utf8proc's IGNORE) drops it: "appoint\u00ADment"
 * is one word to a reader, and "07700\u200B900123" one number. */
size_t vp_utf8_read_as(int32_t cp, char a[4])
{
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	if (p->ignorable)
		return VP_UTF8_READ_NOTHING;
	if (p->category == UTF8PROC_CATEGORY_PD || cp == 0x2212) {
		/* a dash (en, em, non-breaking hyphen ...) or minus sign: a hyphen
		 * between digit groups and in a surname; vp-normalise drops it */
		a[0] = '-';
		return 1;
	}
	if (p->category == UTF8PROC_CATEGORY_ND) {
		/* decimal digits come in runs of ten, 0 to 9 (a Unicode
		 * stability policy), some runs back to back: the value is the
		 * place in the run of digits, modulo 10 */
		int k = 0;
		while (k < 100 && utf8proc_category(cp - 1 - k) == UTF8PROC_CATEGORY_ND)
			k++;
		a[0] = (char)('0' + k % 10);
		return 1;
	}
	if (p->decomp_seqindex == UINT16_MAX)
		return 0;
	utf8proc_int32_t d[4];
	int last = 0;
	utf8proc_ssize_t r =
		utf8proc_decompose_char(cp, d, 4, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &last);
	if (r <= 0 || r > 4)
		return 0;
	for (utf8proc_ssize_t k = 0; k < r; k++) {
		if (d[k] <= 0 || d[k] >= 0x80)
			return 0;
		a[k] = (char)d[k];
	}
	return (size_t)r;
}
