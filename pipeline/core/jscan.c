/* jscan.c - see include/voxpop/jscan.h */
#include <stdint.h>
#include <string.h>

#include "voxpop/jscan.h"
#include "voxpop/str.h"
#include "voxpop/utf8.h"

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__)) && !defined(VP_JSCAN_NO_AVX2)
#include <immintrin.h>
#define VP_JSCAN_AVX2 1
#endif

enum { MAX_DEPTH = 256 };

struct scan {
	const unsigned char *p, *end;
	int depth;
	int unsure;
	vp_jscan_memo *memo; /* NULL: none */
};

static void ws(struct scan *sc)
{
	while (sc->p < sc->end &&
	       (*sc->p == ' ' || *sc->p == '\t' || *sc->p == '\n' || *sc->p == '\r'))
		sc->p++;
}

/* \uXXXX at p (p points at 'u'); the code unit or -1. */
static long hex4(const unsigned char *p, const unsigned char *end)
{
	if (end - p < 5)
		return -1;
	long v = 0;
	for (int i = 1; i <= 4; i++) {
		int h = vp_hex_digit(p[i]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* Bytes that need no attention inside a string: ASCII from ' ' up, but
 * not '"' or '\\'. */
static const unsigned char plain[256] = {
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
	R16(0), R16(0),
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,          /* ' ' .. '/', not '"' */
	R16(1), R16(1),
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,          /* 'P' .. '_', not '\\' */
	R16(1), R16(1),
	R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0),
#undef R16
};

#if defined(__GNUC__)
#define HOT_INLINE inline __attribute__((always_inline))
#else
#define HOT_INLINE inline
#endif

/* The first byte at or after p that needs attention (end if none). */
static HOT_INLINE const unsigned char *skip_plain(const unsigned char *p, const unsigned char *end)
{
	p = vp_json_run(p, end, 1);
	while (p < end && plain[*p])
		p++;
	return p;
}

/* A string at sc->p (on the opening quote).  *escaped: it had a backslash. */
static HOT_INLINE int string(struct scan *sc, int *escaped)
{
	const unsigned char *p = sc->p + 1, *end = sc->end;
	*escaped = 0;
	for (;;) {
		p = skip_plain(p, end);
		if (p >= end)
			return -1;
		unsigned char c = *p;
		if (c == '"')
			break;
		if (c < 0x20)
			return -1;
		if (c == '\\') {
			*escaped = 1;
			if (p + 1 >= end)
				return -1;
			switch (p[1]) {
			case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
				p += 2;
				continue;
			case 'u': {
				long u = hex4(p + 1, end);
				if (u < 0)
					return -1;
				p += 6;
				if (u >= 0xDC00 && u <= 0xDFFF)
					return -1;
				if (u >= 0xD800 && u <= 0xDBFF) {
					if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
						return -1;
					long lo = hex4(p + 1, end);
					if (lo < 0xDC00 || lo > 0xDFFF)
						return -1;
					p += 6;
				}
				continue;
			}
			default:
				return -1;
			}
		}
		/* a multi-byte UTF-8 sequence */
		size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		if ((size_t)(end - p) < len || vp_utf8_check((const char *)p, len) != len)
			return -1;
		p += len;
	}
	sc->p = p + 1;
	return 0;
}

static int digits(struct scan *sc)
{
	const unsigned char *start = sc->p;
	while (sc->p < sc->end && *sc->p >= '0' && *sc->p <= '9')
		sc->p++;
	return sc->p > start ? 0 : -1;
}

/* A number, the full JSON grammar: any number of digits, a fraction, an
 * exponent.  Only validated: the stages copy members they do not own as
 * the bytes they came as, so a number jansson could not hold (more than 64
 * bits, an exponent out of range) is no reason to parse the line. */
static int number(struct scan *sc)
{
	if (*sc->p == '-')
		sc->p++;
	if (sc->p < sc->end && *sc->p == '0')
		sc->p++;
	else if (digits(sc))
		return -1;
	if (sc->p < sc->end && *sc->p == '.') {
		sc->p++;
		if (digits(sc))
			return -1;
	}
	if (sc->p < sc->end && (*sc->p == 'e' || *sc->p == 'E')) {
		sc->p++;
		if (sc->p < sc->end && (*sc->p == '+' || *sc->p == '-'))
			sc->p++;
		if (digits(sc))
			return -1;
	}
	if (sc->p < sc->end && *sc->p == '\0')
		sc->unsure = 1; /* jansson 2.14 drops a NUL byte right after a number */
	/* jansson reads "1x" as an error, as do we: a number must end at a
	 * delimiter, which the caller checks. */
	return 0;
}

static int literal(struct scan *sc, const char *word)
{
	size_t k = strlen(word);
	if ((size_t)(sc->end - sc->p) < k || memcmp(sc->p, word, k) != 0)
		return -1;
	sc->p += k;
	if (sc->p < sc->end && *sc->p == '\0')
		sc->unsure = 1; /* as after a number: jansson 2.14 drops the NUL */
	return 0;
}

/* The members vp_jscan_members looks for. */
struct wanted {
	const char *const *keys;
	const vp_jscan_names *ks;
	size_t n;
	vp_jspan *vals;
	int once;  /* a wanted member seen twice makes the line unsure */
	/* keys[collect] (when el is not NULL): its elements' members into el */
	size_t collect;
	vp_jscan_elems *el;
	const vp_jscan_names *eks; /* el->keys */
};

static int array(struct scan *sc, vp_jscan_elems *el, const vp_jscan_names *eks);

static int object(struct scan *sc, const struct wanted *w);

int vp_jscan_names_init(vp_jscan_names *nm, const char *const *keys, size_t n)
{
	if (n > VP_JSCAN_MAX_KEYS)
		return -1;
	nm->keys = keys;
	nm->n = n;
	nm->memo = NULL;
	memset(nm->bylen, 0, sizeof nm->bylen);
	for (size_t i = 0; i < n; i++) {
		nm->len[i] = strlen(keys[i]);
		nm->bylen[nm->len[i] & 31] |= (uint16_t)(1u << i);
	}
	return 0;
}

/* Every wanted member absent until found. */
static void vals_clear(vp_jspan *vals, size_t n)
{
	for (size_t i = 0; i < n; i++)
		vals[i] = (vp_jspan){NULL, 0};
}

/* The number of the lowest bit set in m (m != 0). */
static inline size_t lowest_bit(unsigned m)
{
#ifdef __GNUC__
	return (size_t)__builtin_ctz(m);
#else
	size_t i = 0;
	while (!(m & 1u)) {
		m >>= 1;
		i++;
	}
	return i;
#endif
}

/* Member k[0..klen) whose value is v[0..vn): kept when wanted.  1 when it
 * is wanted once and was seen before (the line is then unsure), else 0.
 * Inline: called for every member of every object scanned with names. */
static HOT_INLINE int wanted_put(const struct wanted *w, const unsigned char *k, size_t klen,
                      const unsigned char *v, size_t vn)
{
	int again = 0;
	for (unsigned m = w->ks->bylen[klen & 31]; m; m &= m - 1) {
		size_t i = lowest_bit(m);
		if (w->ks->len[i] == klen && vp_same_bytes(w->keys[i], (const char *)k, klen)) {
			again |= w->once && w->vals[i].p;
			w->vals[i] = (vp_jspan){(const char *)v, vn};
		}
	}
	return again;
}

/* Does the escaped (already validated) key k[0..n) hold \u0000?  jansson
 * refuses a NUL in any object key. */
static int key_has_nul(const unsigned char *k, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		if (k[i] != '\\')
			continue;
		if (k[i + 1] == 'u' && hex4(k + i + 1, k + n) == 0)
			return 1;
		i++; /* the escaped character: "\\" is not the start of another */
	}
	return 0;
}

/* ---- flat values, 64 bytes at a time ----
 *
 * Most of what a stage steps over is flat: vp-normalise's tokens (an array
 * of short strings) and ingest's fields (an object of string members).
 * Byte by byte, every short string is a trip round the scanner's loops;
 * here each block of 64 bytes gives bit masks of its quotes, separators and
 * bytes needing attention, and a few shifts and ands check the value's
 * shape.  Anything else -- an escape, UTF-8, a control byte, whitespace, a
 * nested or non-string value -- answers 0 and the byte-by-byte scanner
 * takes the value from its start: flat() only ever says yes to what the
 * scanner accepts, ending where it ends. */
#if defined(__SSE2__) && defined(__GNUC__)
#define VP_JSCAN_FLAT 1

struct flat_masks {
	uint64_t quote, attn, comma, colon;
};

/* Bit i: an odd number of bits set at or below i. */
static inline uint64_t prefix_xor(uint64_t x)
{
	x ^= x << 1;
	x ^= x << 2;
	x ^= x << 4;
	x ^= x << 8;
	x ^= x << 16;
	x ^= x << 32;
	return x;
}

#define FLAT_AVX2 0
#include "jscan_flat.h"
#undef FLAT_AVX2
#ifdef VP_JSCAN_AVX2
#define FLAT_AVX2 1
#include "jscan_flat.h"
#undef FLAT_AVX2
#endif

/* AVX2 where the CPU has it: the wide export's chain spends a third of each
 * stage here. */
static int flat(struct scan *sc)
{
#ifdef VP_JSCAN_AVX2
	if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("pclmul"))
		return flat_avx2(sc);
#endif
	return flat_sse2(sc);
}

enum { MEMO_MIN = 256, MEMO_MAX = 1 << 16 }; /* values worth remembering */

/* flat(), answered by sc->memo when the value has the bytes of the last
 * long object found flat there: flat() decides from the value's own bytes
 * (and the depth) alone, so the same bytes get the same answer.  Objects
 * only: arrays of strings are a record's own tokens, which would push a
 * row's "fields" out of the memo after every record. */
static int flat_memo(struct scan *sc)
{
	vp_jscan_memo *m = sc->memo;
	const unsigned char *p0 = sc->p;
	if (!m || *p0 != '{')
		return flat(sc);
	size_t k = m->last.len;
	if (k && (size_t)(sc->end - p0) >= k && sc->depth < MAX_DEPTH &&
	    memcmp(p0, m->last.data, k) == 0) {
		sc->p = p0 + k;
		return 1;
	}
	if (!flat(sc))
		return 0;
	size_t n = (size_t)(sc->p - p0);
	if (n >= MEMO_MIN && n <= MEMO_MAX) {
		vp_buf_clear(&m->last);
		if (vp_buf_append(&m->last, p0, n) != 0)
			vp_buf_clear(&m->last); /* out of memory: only slower */
	}
	return 1;
}

static int flat_strings(struct scan *sc, vp_jscan_elems *el)
{
#ifdef VP_JSCAN_AVX2
	if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("pclmul"))
		return flat_strings_avx2(sc, el);
#endif
	return flat_strings_sse2(sc, el);
}
#endif

static int value(struct scan *sc)
{
	if (sc->p >= sc->end)
		return -1;
	int esc;
	switch (*sc->p) {
	case '"':
		return string(sc, &esc);
	case '{':
#ifdef VP_JSCAN_FLAT
		if (flat_memo(sc))
			return 0;
#endif
		return object(sc, NULL);
	case '[':
#ifdef VP_JSCAN_FLAT
		/* flat(), not flat_memo(): the memo is for objects only (and
		 * vp-count steps over an array of hits per theme) */
		if (flat(sc))
			return 0;
#endif
		return array(sc, NULL, NULL);
	case 't':
		return literal(sc, "true");
	case 'f':
		return literal(sc, "false");
	case 'n':
		return literal(sc, "null");
	default:
		if (*sc->p == '-' || (*sc->p >= '0' && *sc->p <= '9'))
			return number(sc);
		return -1;
	}
}

/* The closing quote of a plain string whose contents start at p (no
 * escape, control byte or byte from 0x80 before it), or NULL. */
static HOT_INLINE const unsigned char *plain_string_end(const unsigned char *p,
                                                        const unsigned char *end)
{
	p = skip_plain(p, end);
	return p < end && *p == '"' ? p : NULL;
}

/* An element object whose members w notes (vp-count's themes, about a
 * fifth of vp-count), when it is the usual kind: compact, each member a
 * plain string or an array of them, e.g. {"theme":"a","hits":["x","y"]}.
 * Taken in one tight loop: 1 with sc->p past it and its members put as
 * object() puts them; 0 (sc->p unchanged, w->vals perhaps written) for
 * anything else -- escapes, UTF-8, whitespace, other values, bad JSON --
 * which object() then scans from the start. */
static int plain_object(struct scan *sc, const struct wanted *w)
{
	const unsigned char *p = sc->p + 1, *end = sc->end, *q;
	if (sc->depth + 2 > MAX_DEPTH)
		return 0;
	for (;;) {
		if (p >= end || *p != '"' || !(q = plain_string_end(p + 1, end)))
			return 0;
		const unsigned char *k = p + 1;
		size_t klen = (size_t)(q - k);
		p = q + 1;
		if (p >= end || *p != ':')
			return 0;
		const unsigned char *v = ++p;
		if (p >= end)
			return 0;
		if (*p == '"') {
			if (!(q = plain_string_end(p + 1, end)))
				return 0;
			p = q + 1;
		} else if (*p == '[') {
			p++;
			if (p < end && *p == ']') {
				p++;
			} else {
				for (;;) {
					if (p >= end || *p != '"' || !(q = plain_string_end(p + 1, end)))
						return 0;
					p = q + 1;
					if (p < end && *p == ',') {
						p++;
						continue;
					}
					if (p < end && *p == ']') {
						p++;
						break;
					}
					return 0;
				}
			}
		} else {
			return 0;
		}
		wanted_put(w, k, klen, v, (size_t)(p - v));
		if (p < end && *p == ',') {
			p++;
			continue;
		}
		if (p < end && *p == '}') {
			sc->p = p + 1;
			return 1;
		}
		return 0;
	}
}

/* An array at sc->p.  With el, each element is noted in el (an object's
 * el->keys members too, as vp_jscan_members finds them) until there are
 * more than el->cap, when el->n becomes -1. */
static int array(struct scan *sc, vp_jscan_elems *el, const vp_jscan_names *eks)
{
	int esc;
	if (++sc->depth > MAX_DEPTH) {
		sc->unsure = 1;
		return -1;
	}
	if (el) {
		el->n = 0;
		el->plain = 1;
	}
	sc->p++;
	ws(sc);
	if (sc->p < sc->end && *sc->p == ']') {
		sc->p++;
		sc->depth--;
		return 0;
	}
	for (;;) {
		if (el) {
			ws(sc);
			const unsigned char *v = sc->p;
			if (el->n >= 0 && (size_t)el->n == el->cap)
				el->n = -1; /* too many: the rest only validated */
			vp_jspan *row = NULL; /* the element's members, when noted */
			if (el->n >= 0 && el->nkeys) {
				row = el->vals + (size_t)el->n * el->nkeys;
				for (size_t k = 0; k < el->nkeys; k++)
					row[k] = (vp_jspan){NULL, 0};
			}
			if (sc->p < sc->end && *sc->p == '"') {
				if (string(sc, &esc))
					return -1;
				el->plain &= !esc;
			} else if (row && sc->p < sc->end && *sc->p == '{') {
				el->plain = 0;
				struct wanted ew = {el->keys, eks, el->nkeys, row, 0, 0, NULL, NULL};
				if (!plain_object(sc, &ew)) {
					for (size_t k = 0; k < el->nkeys; k++)
						row[k] = (vp_jspan){NULL, 0};
					if (object(sc, &ew))
						return -1;
				}
			} else {
				el->plain = 0;
				if (value(sc))
					return -1;
			}
			if (el->n >= 0)
				el->elem[el->n++] = (vp_jspan){(const char *)v, (size_t)(sc->p - v)};
		} else if (sc->p < sc->end && *sc->p == '"') {
			/* Arrays of strings (tokens) are most of a line: take
			 * a string and a bare ',' here, without a call. */
			if (string(sc, &esc))
				return -1;
		} else {
			ws(sc);
			if (value(sc))
				return -1;
		}
		if (sc->p < sc->end && *sc->p == ',') {
			sc->p++;
			continue;
		}
		ws(sc);
		if (sc->p >= sc->end)
			return -1;
		if (*sc->p == ']')
			break;
		if (*sc->p != ',')
			return -1;
		sc->p++;
	}
	sc->p++;
	sc->depth--;
	return 0;
}

static int object(struct scan *sc, const struct wanted *w)
{
	if (sc->p >= sc->end || *sc->p != '{')
		return -1;
	if (++sc->depth > MAX_DEPTH) {
		sc->unsure = 1;
		return -1;
	}
	sc->p++;
	ws(sc);
	if (sc->p < sc->end && *sc->p == '}') {
		sc->p++;
		sc->depth--;
		return 0;
	}
	for (;;) {
		/* compact JSON has no whitespace to skip: look before calling ws */
		if (sc->p < sc->end && *sc->p != '"')
			ws(sc);
		if (sc->p >= sc->end || *sc->p != '"')
			return -1;
		const unsigned char *k = sc->p + 1;
		int esc;
		if (string(sc, &esc))
			return -1;
		size_t klen = (size_t)(sc->p - 1 - k);
		if (esc && key_has_nul(k, klen))
			return -1;
		if (sc->p < sc->end && *sc->p != ':')
			ws(sc);
		if (sc->p >= sc->end || *sc->p != ':')
			return -1;
		sc->p++;
		ws(sc);
		const unsigned char *v = sc->p;
		if (w && w->el && w->ks->len[w->collect] == klen &&
		    vp_same_bytes(w->keys[w->collect], (const char *)k, klen)) {
			/* the member to collect (the last of its name counts) */
			if (sc->p < sc->end && *sc->p == '[') {
#ifdef VP_JSCAN_FLAT
				if (!w->el->nkeys && flat_strings(sc, w->el))
					; /* vp-normalise's tokens, for vp-tag */
				else
#endif
				if (array(sc, w->el, w->eks))
					return -1;
			} else {
				w->el->n = -1;
				if (value(sc))
					return -1;
			}
		} else if (value(sc)) {
			return -1;
		}
		if (w) {
			if (esc)
				sc->unsure = 1; /* an escaped key might spell one of ours */
			if (wanted_put(w, k, klen, v, (size_t)(sc->p - v)))
				sc->unsure = 1;
		}
		if (sc->p < sc->end && *sc->p != ',' && *sc->p != '}')
			ws(sc);
		if (sc->p >= sc->end)
			return -1;
		if (*sc->p == '}')
			break;
		if (*sc->p != ',')
			return -1;
		sc->p++;
	}
	sc->p++;
	sc->depth--;
	return 0;
}

/* The scan behind every vp_jscan_members*: names nm (their values into
 * vals, cleared first), the elements of member nm->keys[collect] into el
 * with names enm (NULL: from el->keys). */
static int members(const char *s, size_t n, const vp_jscan_names *nm, vp_jspan *vals, int once,
                   size_t collect, vp_jscan_elems *el, const vp_jscan_names *enm)
{
	struct scan sc = {(const unsigned char *)s, (const unsigned char *)s + n, 0, 0, nm->memo};
	vals_clear(vals, nm->n);
	vp_jscan_names own;
	if (el) {
		el->n = -1; /* until the member is found, an array */
		if (el->nkeys && !enm) /* elements' members to note: their names */
			enm = vp_jscan_names_init(&own, el->keys, el->nkeys) == 0 ? &own : NULL;
		if (collect >= nm->n || (el->nkeys && !enm))
			el = NULL;
	}
	struct wanted w = {nm->keys, nm, nm->n, vals, once, collect, el, enm};
	ws(&sc);
	int bad = object(&sc, &w);
	if (!bad) {
		ws(&sc);
		bad = sc.p != sc.end;
	}
	if (sc.unsure)
		return VP_JSCAN_UNSURE;
	return bad ? VP_JSCAN_BAD : VP_JSCAN_OK;
}

/* members() with the names worked out for this line */
static int members_of(const char *s, size_t n, const char *const *keys, size_t nkeys,
                      vp_jspan *vals, int once, size_t collect, vp_jscan_elems *el)
{
	vp_jscan_names nm;
	if (vp_jscan_names_init(&nm, keys, nkeys))
		return VP_JSCAN_UNSURE;
	return members(s, n, &nm, vals, once, collect, el, NULL);
}

int vp_jscan_members_named(const char *s, size_t n, const vp_jscan_names *nm, vp_jspan *vals,
                           size_t collect, vp_jscan_elems *el, const vp_jscan_names *enm)
{
	return members(s, n, nm, vals, 0, collect, el, enm);
}

int vp_jscan_members_named_once(const char *s, size_t n, const vp_jscan_names *nm,
                                vp_jspan *vals, size_t collect, vp_jscan_elems *el,
                                const vp_jscan_names *enm)
{
	return members(s, n, nm, vals, 1, collect, el, enm);
}

int vp_jscan_members(const char *s, size_t n, const char *const *keys, size_t nkeys,
                     vp_jspan *vals)
{
	return members_of(s, n, keys, nkeys, vals, 0, 0, NULL);
}

int vp_jscan_members_elems(const char *s, size_t n, const char *const *keys, size_t nkeys,
                           vp_jspan *vals, size_t collect, vp_jscan_elems *el)
{
	return members_of(s, n, keys, nkeys, vals, 0, collect, el);
}

int vp_jscan_members_once(const char *s, size_t n, const char *const *keys, size_t nkeys,
                          vp_jspan *vals)
{
	return members_of(s, n, keys, nkeys, vals, 1, 0, NULL);
}

void vp_jscan_memo_free(vp_jscan_memo *m)
{
	vp_buf_free(&m->last);
}

int vp_jscan_plain_name(const char *name)
{
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == '"' || *p == '\\')
			return 0;
	return 1;
}

int vp_jscan_string(vp_jspan v, vp_buf *scratch, const char **s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)v.p + 1;
	const unsigned char *end = (const unsigned char *)v.p + v.n - 1;
	const unsigned char *bs = memchr(p, '\\', (size_t)(end - p));
	if (!bs) {
		*s = (const char *)p;
		*len = (size_t)(end - p);
		return 0;
	}
	size_t at = scratch->len;
	while (p < end) {
		const unsigned char *q = p;
		while (q < end && *q != '\\')
			q++;
		if (vp_buf_append(scratch, p, (size_t)(q - p)))
			return -1;
		if (q >= end)
			break;
		unsigned long cp;
		switch (q[1]) {
		case 'b': cp = '\b'; break;
		case 'f': cp = '\f'; break;
		case 'n': cp = '\n'; break;
		case 'r': cp = '\r'; break;
		case 't': cp = '\t'; break;
		case 'u':
			cp = (unsigned long)hex4(q + 1, end);
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				     ((unsigned long)hex4(q + 7, end) - 0xDC00);
				q += 6;
			}
			q += 4;
			break;
		default: cp = q[1]; break; /* " \ / */
		}
		char u[4];
		if (vp_buf_append(scratch, u, vp_utf8_encode(cp, u)))
			return -1;
		p = q + 2;
	}
	*s = scratch->data + at;
	*len = scratch->len - at;
	return 0;
}

/* The closing quote of a validated string whose contents start at p: the
 * first '"' not escaped.  *escaped: a backslash came before it. */
static const unsigned char *validated_string_end(const unsigned char *p,
                                                 const unsigned char *end, int *escaped)
{
	*escaped = 0;
	while ((p = skip_plain(p, end)) < end && *p != '"') {
		if (*p == '\\') {
			*escaped = 1;
			if (++p == end)
				break;
		}
		p++; /* the escaped byte, or one of a UTF-8 sequence */
	}
	return p;
}

/* What validated_value_end looks at outside strings: '"' (a string to
 * step over), the brackets, and what ends a number or literal. */
enum { VV_QUOTE = 1, VV_OPEN, VV_CLOSE, VV_DELIM };
static const unsigned char vv_class[256] = {
	['"'] = VV_QUOTE, ['['] = VV_OPEN, ['{'] = VV_OPEN, [']'] = VV_CLOSE, ['}'] = VV_CLOSE,
	[','] = VV_DELIM, [' '] = VV_DELIM, ['\t'] = VV_DELIM, ['\n'] = VV_DELIM, ['\r'] = VV_DELIM,
};

/* The end of the validated value starting at p.  Validation already said
 * every bracket is matched and every string closed, so only the depth is
 * kept: no value is checked twice (vp_jscan_array_next and
 * vp_jscan_validated_members step over values with it). */
static const unsigned char *validated_value_end(const unsigned char *p, const unsigned char *end)
{
	int esc;
	if (p >= end)
		return end;
	switch (vv_class[*p]) {
	case VV_QUOTE:
		p = validated_string_end(p + 1, end, &esc);
		return p < end ? p + 1 : end;
	case VV_OPEN: {
		size_t depth = 0;
		for (; p < end; p++) {
			switch (vv_class[*p]) {
			case VV_QUOTE:
				if ((p = validated_string_end(p + 1, end, &esc)) >= end)
					return end;
				break;
			case VV_OPEN:
				depth++;
				break;
			case VV_CLOSE:
				if (--depth == 0)
					return p + 1;
				break;
			}
		}
		return end;
	}
	default: /* a number or literal: up to what ends it */
		while (p < end && vv_class[*p] != VV_DELIM && vv_class[*p] != VV_CLOSE)
			p++;
		return p;
	}
}

int vp_jscan_validated_members(vp_jspan obj, const char *const *keys, size_t nkeys,
                               vp_jspan *vals, int once)
{
	const unsigned char *p = (const unsigned char *)obj.p, *end = p + obj.n;
	vp_jscan_names ks;
	if (vp_jscan_names_init(&ks, keys, nkeys))
		return VP_JSCAN_UNSURE;
	vals_clear(vals, nkeys);
	struct wanted w = {keys, &ks, nkeys, vals, once, 0, NULL, NULL};
	struct scan sc = {p, end, 0, 0, NULL};
	ws(&sc);
	if (sc.p >= end || *sc.p != '{')
		return VP_JSCAN_BAD;
	sc.p++;
	for (;;) {
		ws(&sc);
		if (sc.p >= end || *sc.p != '"')
			return sc.p < end && *sc.p == '}' ? VP_JSCAN_OK : VP_JSCAN_BAD;
		const unsigned char *k = sc.p + 1;
		int esc;
		const unsigned char *q = validated_string_end(k, end, &esc);
		if (q >= end)
			return VP_JSCAN_BAD;
		if (esc)
			return VP_JSCAN_UNSURE; /* an escaped key might spell one of ours */
		size_t klen = (size_t)(q - k);
		sc.p = q + 1;
		ws(&sc);
		if (sc.p >= end || *sc.p != ':')
			return VP_JSCAN_BAD;
		sc.p++;
		ws(&sc);
		const unsigned char *v = sc.p;
		sc.p = validated_value_end(v, end);
		if (wanted_put(&w, k, klen, v, (size_t)(sc.p - v)))
			return VP_JSCAN_UNSURE;
		ws(&sc);
		if (sc.p >= end)
			return VP_JSCAN_BAD;
		if (*sc.p == '}')
			return VP_JSCAN_OK;
		if (*sc.p != ',')
			return VP_JSCAN_BAD;
		sc.p++;
	}
}

int vp_jscan_array_next(vp_jspan *rest, vp_jspan *elem)
{
	/* rest starts on the '[' and is left on the ',' or ']' after each
	 * element: skip that one delimiter first. */
	struct scan sc = {(const unsigned char *)rest->p, (const unsigned char *)rest->p + rest->n,
	                  0, 0, NULL};
	if (sc.p >= sc.end || *sc.p == ']')
		return 0;
	sc.p++;
	ws(&sc);
	if (sc.p >= sc.end || *sc.p == ']')
		return 0;
	const unsigned char *v = sc.p;
	sc.p = validated_value_end(v, sc.end);
	elem->p = (const char *)v;
	elem->n = (size_t)(sc.p - v);
	ws(&sc);
	rest->p = (const char *)sc.p;
	rest->n = (size_t)(sc.end - sc.p);
	return 1;
}

int vp_jscan_object_next(vp_jspan *rest, vp_jspan *key, vp_jspan *val)
{
	/* as vp_jscan_array_next: rest starts on the '{', is left on the ','
	 * or '}' after each member */
	struct scan sc = {(const unsigned char *)rest->p, (const unsigned char *)rest->p + rest->n,
	                  0, 0, NULL};
	if (sc.p >= sc.end || *sc.p == '}')
		return 0;
	sc.p++;
	ws(&sc);
	if (sc.p >= sc.end || *sc.p != '"')
		return 0;
	int esc;
	const unsigned char *k = sc.p, *q = validated_string_end(k + 1, sc.end, &esc);
	if (q >= sc.end)
		return 0;
	key->p = (const char *)k;
	key->n = (size_t)(q + 1 - k);
	sc.p = q + 1;
	ws(&sc);
	if (sc.p >= sc.end || *sc.p != ':')
		return 0;
	sc.p++;
	ws(&sc);
	const unsigned char *v = sc.p;
	sc.p = validated_value_end(v, sc.end);
	val->p = (const char *)v;
	val->n = (size_t)(sc.p - v);
	ws(&sc);
	rest->p = (const char *)sc.p;
	rest->n = (size_t)(sc.end - sc.p);
	return 1;
}

const char *vp_jscan_repeated(const char *line, size_t n, const char *const *keys, size_t nkeys,
                              vp_buf *scratch)
{
	unsigned char seen[64] = {0};
	if (!nkeys || nkeys > sizeof seen)
		return NULL;
	while (n && *line != '{') {
		line++;
		n--;
	}
	vp_jspan rest = {line, n}, key, val;
	while (vp_jscan_object_next(&rest, &key, &val)) {
		const char *s;
		size_t len;
		vp_buf_clear(scratch);
		if (vp_jscan_string(key, scratch, &s, &len))
			return NULL;
		for (size_t i = 0; i < nkeys; i++)
			if (strlen(keys[i]) == len && memcmp(keys[i], s, len) == 0 && seen[i]++)
				return keys[i];
	}
	return NULL;
}
