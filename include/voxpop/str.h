/* str.h - the small string and line helpers that every module used to
 * write for itself: whitespace, trimming, blank values, reading a line.
 * None of them looks at the locale.
 */
#ifndef VOXPOP_STR_H
#define VOXPOP_STR_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "voxpop/buf.h"
#include "voxpop/err.h"

#if defined(__SSE2__) && defined(__GNUC__)
/* vp_json_run's test of 16 bytes: bit i set when byte i needs attention. */
static inline unsigned vp_json_attn16(__m128i x, int high)
{
	const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
	const __m128i ctl = _mm_set1_epi8(0x1f);
	__m128i m = _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_min_epu8(x, ctl), x)); /* x <= 0x1f */
	unsigned bits = (unsigned)_mm_movemask_epi8(m);
	if (high)
		bits |= (unsigned)_mm_movemask_epi8(x); /* x >= 0x80 */
	return bits;
}
#endif

/* Where the run of bytes a JSON string holds as they are ends, at or after
 * p: a byte below 0x20, '"' or '\\' -- or, with high, any byte from 0x80
 * (UTF-8, which the JSON scanner checks).  16 bytes at a time with SSE2,
 * then 8 (the classic SWAR tests: a borrow can set a bit above a byte that
 * needs attention, never below one, so the lowest set bit is exact); it
 * stops on such a byte, or with fewer than 8 bytes left, or (big-endian, no
 * GCC) at the start of the 8 that hold one: the caller ends byte by byte.
 * The hot loop of the JSON scanner (jscan.c) and of the JSON writer
 * (jsonw.c); high is a constant at each, so the test folds away. */
static inline const unsigned char *vp_json_run(const unsigned char *p, const unsigned char *end,
                                               int high)
{
#if defined(__SSE2__) && defined(__GNUC__)
	while (end - p >= 16) {
		unsigned bits = vp_json_attn16(_mm_loadu_si128((const __m128i *)(const void *)p), high);
		if (bits)
			return p + __builtin_ctz(bits);
		p += 16;
	}
#endif
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	while (end - p >= 8) {
		uint64_t x;
		memcpy(&x, p, 8);
		uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
		uint64_t m = (((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b) |
		              (high ? x : 0)) & highs;
		if (m) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return p + (__builtin_ctzll(m) >> 3);
#else
			return p;
#endif
		}
		p += 8;
	}
	return p;
}

/* vp_json_run (high = 0) that also copies the run to *d as it goes (the
 * JSON writer's usual string, nothing to escape, in one pass): *d ends
 * past the copy.  With SSE2 it stores whole 16-byte blocks, only while 16
 * bytes are left to read: *d needs room for end - p bytes, no more. */
static inline const unsigned char *vp_json_run_copy(const unsigned char *p,
                                                    const unsigned char *end, unsigned char **d)
{
	unsigned char *w = *d;
#if defined(__SSE2__) && defined(__GNUC__)
	while (end - p >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned bits = vp_json_attn16(x, 0);
		_mm_storeu_si128((__m128i *)(void *)w, x);
		if (bits) {
			unsigned k = (unsigned)__builtin_ctz(bits);
			*d = w + k;
			return p + k;
		}
		p += 16;
		w += 16;
	}
#endif
	const unsigned char *q = vp_json_run(p, end, 0);
	memcpy(w, p, (size_t)(q - p));
	*d = w + (q - p);
	return q;
}

/* Are a[0..n) and b[0..n) the same bytes?  Inline, 8 or 4 bytes at a time
 * with overlapping loads, for the short keys of the stem cache and the
 * matcher's memo and index. */
static inline int vp_same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	uint32_t u, v;
	if (n >= 8) {
		for (size_t i = 0; i + 8 < n; i += 8) {
			memcpy(&x, a + i, 8);
			memcpy(&y, b + i, 8);
			if (x != y)
				return 0;
		}
		memcpy(&x, a + n - 8, 8);
		memcpy(&y, b + n - 8, 8);
		return x == y;
	}
	if (n >= 4) {
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		if (u != v)
			return 0;
		memcpy(&u, a + n - 4, 4);
		memcpy(&v, b + n - 4, 4);
		return u == v;
	}
	return !n || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
}

/* Where n bytes can be copied straight into out's buffer, or NULL: a stage
 * writing a record line piece by piece paid more for fwrite's calls than
 * for the copying.  glibc only, whose own putc_unlocked writes there; a
 * line-buffered stream (a terminal) keeps no room, so each line still
 * goes out as it ends.  After copying, vp_stream_wrote(out, n). */
static inline char *vp_stream_room(FILE *out, size_t n)
{
#ifdef __GLIBC__
	ptrdiff_t room = out->_IO_write_end - out->_IO_write_ptr; /* < 0 line-buffered */
	if (out->_IO_write_ptr && room > 0 && (size_t)room >= n)
		return out->_IO_write_ptr;
#else
	(void)out;
	(void)n;
#endif
	return NULL;
}

static inline void vp_stream_wrote(FILE *out, size_t n)
{
#ifdef __GLIBC__
	out->_IO_write_ptr += n;
#else
	(void)out;
	(void)n;
#endif
}

/* The bytes fp holds read but not yet taken (*n of them), or NULL: the
 * record reader finds a whole line there and uses it where it lies.  glibc only,
 * as vp_stream_room.  After taking k of them, vp_stream_took(fp, k). */
static inline const char *vp_stream_held(FILE *fp, size_t *n)
{
#ifdef __GLIBC__
	if (fp->_IO_read_ptr && fp->_IO_read_ptr < fp->_IO_read_end) {
		*n = (size_t)(fp->_IO_read_end - fp->_IO_read_ptr);
		return fp->_IO_read_ptr;
	}
#else
	(void)fp;
#endif
	*n = 0;
	return NULL;
}

static inline void vp_stream_took(FILE *fp, size_t k)
{
#ifdef __GLIBC__
	fp->_IO_read_ptr += k;
#else
	(void)fp;
	(void)k;
#endif
}

/* fwrite(p, 1, n, out) == n, by vp_stream_room when it can. */
static inline int vp_fwrite_all(const void *p, size_t n, FILE *out)
{
	char *w = vp_stream_room(out, n);
	if (!w)
		return fwrite(p, 1, n, out) == n;
	memcpy(w, p, n);
	vp_stream_wrote(out, n);
	return 1;
}

/* c is ' ', '\t', '\n', '\v', '\f' or '\r' (isspace in the C locale). */
static inline int vp_is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* The next word of s at or after p (its length in *n), or NULL at the
 * end: words are parted by any run of vp_is_space -- as lexicon entries
 * are read. */
static inline const char *vp_next_word(const char *p, size_t *n)
{
	while (vp_is_space((unsigned char)*p))
		p++;
	if (!*p)
		return NULL;
	for (*n = 0; p[*n] && !vp_is_space((unsigned char)p[*n]);)
		++*n;
	return p;
}

/* The value of hex digit c (either case), or -1 when c is none. */
static inline int vp_hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* s past a UTF-8 byte order mark (EF BB BF) at its start, as Notepad and
 * Excel save a text file; s itself without one.  For a file's first line:
 * kept, the mark would be glued to its first word. */
static inline char *vp_skip_bom(char *s)
{
	return (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
	       (unsigned char)s[2] == 0xBF ? s + 3 : s;
}

/* s[0..n) holds nothing but JSON whitespace (' ', '\t', '\r', '\n'):
 * a value or line with nothing to read in it. */
int vp_blank(const char *s, size_t n);

/* Cut vp_is_space characters off both ends of the string s, in place;
 * returns the first character kept. */
char *vp_trim(char *s);

/* A line of a lexicon or gazetteer file with its '#' comment cut off and
 * then trimmed, in place; returns the first character kept ("" for a
 * blank or comment-only line). */
char *vp_uncomment(char *s);

/* A count with its first example kept for the message that reports it
 * ("3 records repeat a coded id, the first 'r17'"). */
typedef struct vp_tally {
	unsigned long n;
	char *first;                 /* a copy of the first example, or NULL */
} vp_tally;

/* One more; the first example is copied: 0, or -1 when out of memory. */
int vp_tally_add(vp_tally *t, const char *example);

/* How many; *first (when first is not NULL) the first example or NULL. */
static inline unsigned long vp_tally_count(const vp_tally *t, const char **first)
{
	if (first)
		*first = t->first;
	return t->n;
}

/* Free the example kept; the tally is empty afterwards. */
void vp_tally_free(vp_tally *t);

/* The same for the span s[0..n): *s and *n are moved to the part between
 * the vp_is_space characters at either end. */
void vp_trim_span(const char **s, size_t *n);

/* Read one line into b, without its end (LF, CRLF, or a lone CR as old Mac
 * files have); b->data is a string afterwards, also for an empty line.
 * At most max + 1 bytes are kept, so memory stays bounded whatever the
 * input (SIZE_MAX: no bound); *too_long (if too_long is not NULL) says
 * there were more.  Returns 1 for a line, 0 at the end of input,
 * EX_IOERR (errno says why) or EX_OSERR. */
int vp_read_line(FILE *fp, vp_buf *b, size_t max, int *too_long);

/* What the last answer of a vp_read_line loop over file name says: 0 (a
 * line, the loop left early; or the end of input), or the error with e
 * filled -- EX_OSERR "out of memory", EX_IOERR "NAME: read error: ..." --
 * the way every reader of a list or a dictionary words it. */
int vp_read_line_end(int got, const char *name, vp_err *e);

#endif
