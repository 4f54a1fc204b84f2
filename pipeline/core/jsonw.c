/* jsonw.c - see include/voxpop/jsonw.h */
#include <string.h>

#include "voxpop/jsonw.h"
#include "voxpop/str.h"

/* 1 for bytes that must be escaped inside a JSON string. */
static const unsigned char must_escape[256] = {
	[0 ... 0x1F] = 1, ['"'] = 1, ['\\'] = 1,
};

/* The first byte at or after s that must be escaped (end if none); byte
 * by byte this loop was a fifth of vp-ingest. */
static const unsigned char *plain_run(const unsigned char *s, const unsigned char *end)
{
	s = vp_json_run(s, end, 0);
	while (s < end && !must_escape[*s])
		s++;
	return s;
}

int vp_json_str(vp_buf *b, const char *str, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)str, *end = s + n;
	/* Worst case every byte becomes \u00XX; reserve once for the usual
	 * case, nothing to escape, which is scanned and copied in one pass. */
	if (vp_buf_reserve(b, n + 2) != 0)
		return -1;
	unsigned char *d = (unsigned char *)b->data + b->len;
	*d++ = '"';
	s = vp_json_run_copy(s, end, &d);
	while (s < end && !must_escape[*s]) /* vp_json_run stops 8 short */
		*d++ = *s++;
	b->len = (size_t)(d - (unsigned char *)b->data);
	b->data[b->len] = '\0';
	while (s < end) {
		const unsigned char *run = s;
		s = plain_run(s, end);
		if (s > run && vp_buf_append(b, run, (size_t)(s - run)) != 0)
			return -1;
		if (s == end)
			break;
		char esc[6] = {'\\', 0};
		size_t k = 2;
		switch (*s) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		default:
			esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
			esc[4] = hex[*s >> 4]; esc[5] = hex[*s & 15];
			k = 6;
		}
		if (vp_buf_append(b, esc, k) != 0)
			return -1;
		s++;
	}
	return vp_buf_putc(b, '"');
}

int vp_json_key(vp_buf *b, const char *key, size_t n)
{
	if (vp_json_str(b, key, n) != 0)
		return -1;
	return vp_buf_putc(b, ':');
}
