/* fetch_page.c - parsing a page of vp-fetch (repairing the values jansson
 * refuses in an otherwise well-formed page) and scrubbing secrets from text
 * taken from a response.  See include/voxpop/fetch.h */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/fetch.h"
#include "voxpop/str.h"

static int hex4(const char *p, const char *end, unsigned *v)
{
	if (end - p < 4)
		return -1;
	*v = 0;
	for (int i = 0; i < 4; i++) {
		int d = vp_hex_digit((unsigned char)p[i]);
		if (d < 0)
			return -1;
		*v = *v << 4 | (unsigned)d;
	}
	return 0;
}

/* Length of the valid UTF-8 sequence at p (RFC 3629: no overlongs, no
 * surrogates, at most U+10FFFF), or 0. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = p[0];
	size_t n;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		if (c == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if ((size_t)(end - p) < n || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	return n;
}

struct fix {
	vp_buf *out;
	unsigned long count;
	char *ex;
	size_t exn;
	int oom;
};

static void put(struct fix *f, const void *p, size_t n)
{
	if (vp_buf_append(f->out, p, n) != 0)
		f->oom = 1;
}

static void note(struct fix *f, const char *what, const char *s, size_t n)
{
	if (f->count++ == 0 && f->exn) {
		if (n > 40)
			n = 40;
		snprintf(f->ex, f->exn, "%s '%.*s'", what, (int)n, s);
	}
}

static int repair(const char *buf, size_t len, struct fix *f)
{
	const char *p = buf, *end = buf + len;
	int in_str = 0;
	while (p < end && !f->oom) {
		unsigned char c = (unsigned char)*p;
		if (!in_str) {
			if (c == '"') {
				in_str = 1;
				put(f, p++, 1);
			} else if (c == '-' || (c >= '0' && c <= '9')) {
				const char *q = p + (c == '-'), *d0 = q;
				while (q < end && *q >= '0' && *q <= '9')
					q++;
				size_t nd = (size_t)(q - d0);
				int real = q < end && (*q == '.' || *q == 'e' || *q == 'E');
				while (q < end && ((*q >= '0' && *q <= '9') || *q == '.' || *q == 'e' ||
				                   *q == 'E' || *q == '+' || *q == '-'))
					q++;
				const char *lim = c == '-' ? "9223372036854775808" : "9223372036854775807";
				int big = !real && nd > 0 &&
				          (nd > 19 || (nd == 19 && memcmp(d0, lim, 19) > 0));
				if (real && nd > 0 && (size_t)(q - p) < 512) {
					/* a number beyond a double (1e400) */
					char num[512];
					memcpy(num, p, (size_t)(q - p));
					num[q - p] = '\0';
					errno = 0;
					double v = strtod(num, NULL);
					big = errno == ERANGE && (v == HUGE_VAL || v == -HUGE_VAL);
				}
				if (big) {
					note(f, "a number beyond 64 bits, kept as text:", p, (size_t)(q - p));
					put(f, "\"", 1);
					put(f, p, (size_t)(q - p));
					put(f, "\"", 1);
				} else {
					put(f, p, (size_t)(q - p));
				}
				p = q;
			} else {
				put(f, p++, 1);
			}
			continue;
		}
		if (c == '"') {
			in_str = 0;
			put(f, p++, 1);
		} else if (c == '\\') {
			unsigned v, w;
			if (p + 1 < end && p[1] == 'u' && hex4(p + 2, end, &v) == 0) {
				if (v >= 0xD800 && v <= 0xDBFF && end - p >= 12 && p[6] == '\\' &&
				    p[7] == 'u' && hex4(p + 8, end, &w) == 0 && w >= 0xDC00 && w <= 0xDFFF) {
					put(f, p, 12);
					p += 12;
				} else if (v == 0 || (v >= 0xD800 && v <= 0xDFFF)) {
					note(f, v ? "a lone surrogate, made U+FFFD:" : "a NUL, made U+FFFD:",
					     p, 6);
					put(f, "\\uFFFD", 6);
					p += 6;
				} else {
					put(f, p, 6);
					p += 6;
				}
			} else {
				size_t k = p + 1 < end ? 2 : 1;
				put(f, p, k);
				p += k;
			}
		} else if (c < 0x20) {
			char esc[8];
			snprintf(esc, sizeof esc, "\\u%04x", c);
			note(f, "a raw control character, escaped:", esc, 6);
			put(f, esc, 6);
			p++;
		} else {
			size_t k = utf8_len((const unsigned char *)p, (const unsigned char *)end);
			if (k) {
				put(f, p, k);
				p += k;
			} else {
				char hx[8];
				snprintf(hx, sizeof hx, "\\x%02X", c);
				note(f, "invalid UTF-8, made U+FFFD:", hx, 4);
				put(f, "\xEF\xBF\xBD", 3);
				p++;
			}
		}
	}
	return f->oom ? -1 : 0;
}

int vp_fetch_page_parse(const char *buf, size_t len, json_t **page, unsigned long *repaired,
                        char *example, size_t n, vp_err *e)
{
	json_error_t je, je2;
	if (example && n)
		example[0] = '\0';
	if (repaired)
		*repaired = 0;
	*page = json_loadb(buf ? buf : "", len, 0, &je);
	if (*page)
		return 0;
	vp_buf fixed = VP_BUF_INIT;
	struct fix f = {&fixed, 0, example, example ? n : 0, 0};
	if (repair(buf ? buf : "", len, &f) != 0) {
		vp_buf_free(&fixed);
		return vp_errf(e, EX_OSERR, "out of memory");
	}
	if (f.count)
		*page = json_loadb(fixed.data ? fixed.data : "", fixed.len, 0, &je2);
	vp_buf_free(&fixed);
	if (*page) {
		if (repaired)
			*repaired = f.count;
		return 0;
	}
	if (example && n)
		example[0] = '\0';
	return vp_errf(e, EX_DATAERR, "page is not valid JSON (line %d, column %d: %s)",
	               je.line, je.column, je.text);
}

void vp_fetch_scrub(char *s, size_t cap, const char *secret)
{
	size_t sl = secret ? strlen(secret) : 0;
	if (!sl || !s || !cap)
		return;
	size_t min = sl < 8 ? sl : 8, len = strlen(s);
	char *out = malloc(cap);
	if (!out) { /* no room to rewrite: blank rather than risk showing it */
		if (strstr(s, secret))
			snprintf(s, cap, "(message withheld: it held a secret)");
		return;
	}
	size_t o = 0;
	for (size_t i = 0; i < len && o + 1 < cap;) {
		size_t best = 0;
		for (size_t j = 0; j < sl; j++) {
			size_t k = 0;
			while (i + k < len && j + k < sl && s[i + k] == secret[j + k])
				k++;
			if (k > best)
				best = k;
		}
		if (best >= min) {
			int w = snprintf(out + o, cap - o, "REDACTED");
			o += (size_t)w < cap - o ? (size_t)w : cap - o - 1;
			i += best;
		} else {
			out[o++] = s[i++];
		}
	}
	out[o] = '\0';
	memcpy(s, out, o + 1);
	free(out);
}
