/* jscan_flat.h - jscan.c's flat values, included there twice: FLAT_AVX2 0
 * (SSE2, which every x86-64 has) and FLAT_AVX2 1 (AVX2, 32 bytes a load,
 * taken when the CPU has it).  Not a public header. */
#if FLAT_AVX2
#define FLAT_FN(name) name##_avx2
#define FLAT_TARGET __attribute__((target("avx2,pclmul")))
#else
#define FLAT_FN(name) name##_sse2
#define FLAT_TARGET
#endif

/* prefix_xor() in one carry-less multiply by all ones where the CPU has
 * it (every AVX2 CPU does): 3 cycles for the shift ladder's 12 steps. */
static inline FLAT_TARGET __attribute__((always_inline)) uint64_t FLAT_FN(prefix_xor)(uint64_t x)
{
#if FLAT_AVX2
	return (uint64_t)_mm_cvtsi128_si64(
		_mm_clmulepi64_si128(_mm_set_epi64x(0, (long long)x), _mm_set1_epi8((char)0xff), 0));
#else
	return prefix_xor(x);
#endif
}

/* The masks of the 64 bytes at b: '"', bytes a plain string may not hold
 * as they are ('\\', below 0x20, from 0x80), ',' and (obj) ':'.  obj is a
 * constant at each call. */
static inline FLAT_TARGET __attribute__((always_inline)) void
FLAT_FN(flat_block)(const unsigned char *b, int obj, struct flat_masks *m)
{
	*m = (struct flat_masks){0, 0, 0, 0};
#if FLAT_AVX2
	const __m256i quote = _mm256_set1_epi8('"'), bslash = _mm256_set1_epi8('\\');
	const __m256i ctl = _mm256_set1_epi8(0x1f), comma = _mm256_set1_epi8(',');
	const __m256i colon = _mm256_set1_epi8(':');
	for (int i = 0; i < 2; i++) {
		__m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(b + 32 * i));
		__m256i a = _mm256_or_si256(_mm256_cmpeq_epi8(x, bslash),
		                            _mm256_cmpeq_epi8(_mm256_min_epu8(x, ctl), x));
		int s = 32 * i;
		m->quote |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, quote)) << s;
		m->attn |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_or_si256(a, x)) << s;
		m->comma |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, comma)) << s;
		if (obj)
			m->colon |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, colon))
			            << s;
	}
#else
	const __m128i quote = _mm_set1_epi8('"'), comma = _mm_set1_epi8(',');
	const __m128i colon = _mm_set1_epi8(':');
	for (int i = 0; i < 4; i++) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(b + 16 * i));
		int s = 16 * i;
		unsigned q = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, quote));
		m->quote |= (uint64_t)q << s;
		/* the JSON writer's and scanner's own 16-byte test, less the quotes */
		m->attn |= (uint64_t)(vp_json_attn16(x, 1) & ~q) << s;
		m->comma |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, comma)) << s;
		if (obj)
			m->colon |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, colon)) << s;
	}
#endif
}

/* Note the element from open quote q0 to close quote q1 in elem[*n] (n
 * counted here, cap the room; past it *n is -1: the rest only validated). */
static inline FLAT_TARGET __attribute__((always_inline)) void
FLAT_FN(flat_note)(long *n, vp_jspan *elem, size_t cap, const unsigned char *q0,
                   const unsigned char *q1)
{
	if (*n >= 0 && (size_t)*n == cap)
		*n = -1;
	else if (*n >= 0)
		elem[(*n)++] = (vp_jspan){(const char *)q0, (size_t)(q1 + 1 - q0)};
}

/* flat(), with obj a constant; an array's elements noted into el (with
 * no keys) as array() notes them, when el is not NULL. */
static inline FLAT_TARGET __attribute__((always_inline)) int
FLAT_FN(flat_value)(struct scan *sc, const int obj, vp_jscan_elems *el)
{
	const unsigned char *p0 = sc->p, *end = sc->end;
	const unsigned char closer = obj ? '}' : ']';
	if (end - p0 < 2 || p0[1] != '"' || sc->depth >= MAX_DEPTH)
		return 0;
	uint64_t instr = 0;    /* all ones: the block starts inside a string */
	uint64_t oddseps = 0;  /* all ones: an odd number of separators so far */
	uint64_t after_close = 0, after_sep = 1; /* the byte before the block closed
	                                          * a string, was a separator (or
	                                          * the opener) */
	unsigned char tail[64];
	const unsigned char *sp = p0; /* the open quote of the element being noted */
	/* el's count, array and room, kept here while noting (the count is
	 * stored per block): a store to an element may not change them */
	long nel = 0;
	vp_jspan *elem = el ? el->elem : NULL;
	size_t cap = el ? el->cap : 0;
	if (el) {
		el->n = 0;
		el->plain = 1;
	}
	for (size_t off = 1, n = (size_t)(end - p0); off < n; off += 64) {
		const unsigned char *b = p0 + off, *blk = b;
		size_t have = n - off;
		if (have < 64) { /* padded with spaces, which can never end it */
			memcpy(tail, b, have);
			memset(tail + have, ' ', 64 - have);
			blk = tail;
		}
		struct flat_masks m;
		FLAT_FN(flat_block)(blk, obj, &m);
		/* s: inside a string, its opening quote included */
		uint64_t s = FLAT_FN(prefix_xor)(m.quote) ^ instr;
		uint64_t open = m.quote & s, close = m.quote & ~s;
		uint64_t colon = obj ? m.colon & ~s : 0, sep = (m.comma & ~s) | colon;
		/* the first byte outside the strings that is not a separator
		 * must be the closer; check the bits below it */
		uint64_t other = ~s & ~m.quote & ~sep;
		uint64_t live = other ? (other & -other) - 1 : ~(uint64_t)0;
		uint64_t prev_close = close << 1 | after_close, prev_sep = sep << 1 | after_sep;
		if ((m.attn & s & live) | (sep & live & ~prev_close) | (open & live & ~prev_sep))
			return 0;
		uint64_t odd = 0;
		if (obj) { /* separators alternate ':' ',' ':' ... */
			odd = FLAT_FN(prefix_xor)(sep) ^ oddseps;
			if (((colon & ~odd) | (sep & ~colon & odd)) & live)
				return 0;
		}
		if (el) {
			/* each close below the stop ends an element, begun by the
			 * open before it: quotes alternate, so after a close that
			 * ends one begun in a block before (sp), opens and closes
			 * pair off in order.  A step per element, not per quote
			 * (vp-tag's tokens were a tenth of it). */
			uint64_t o = open & live, c = close & live;
			if (c && (!o || (c & -c) < (o & -o))) {
				FLAT_FN(flat_note)(&nel, elem, cap, sp, b + __builtin_ctzll(c));
				c &= c - 1;
			}
			for (; c; c &= c - 1, o &= o - 1)
				FLAT_FN(flat_note)(&nel, elem, cap, b + __builtin_ctzll(o),
				                   b + __builtin_ctzll(c));
			if (o) /* an element going on into the next block */
				sp = b + __builtin_ctzll(o);
			el->n = nel;
		}
		if (other) {
			uint64_t stop = other & -other;
			size_t at = (size_t)__builtin_ctzll(stop);
			/* the closer, after a string, and (objects) after a value */
			if (at >= have || b[at] != closer || !(prev_close & stop) ||
			    (obj && !(odd & stop)))
				return 0;
			sc->p = b + at + 1;
			return 1;
		}
		instr = (uint64_t)((int64_t)s >> 63);
		oddseps = (uint64_t)((int64_t)odd >> 63);
		after_close = close >> 63;
		after_sep = sep >> 63;
	}
	return 0;
}

/* The value at sc->p, '[' or '{': 1 with sc->p past it when it is an array
 * of plain strings or an object of plain string members, written without
 * whitespace; 0 (sc unchanged) when it is not, or not only that. */
static FLAT_TARGET int FLAT_FN(flat)(struct scan *sc)
{
	return *sc->p == '{' ? FLAT_FN(flat_value)(sc, 1, NULL) : FLAT_FN(flat_value)(sc, 0, NULL);
}

/* An array of plain strings at sc->p, its elements noted into el (which
 * has no keys), as flat() checks it: 1, or 0 when it is not one. */
static FLAT_TARGET int FLAT_FN(flat_strings)(struct scan *sc, vp_jscan_elems *el)
{
	return FLAT_FN(flat_value)(sc, 0, el);
}

#undef FLAT_FN
#undef FLAT_TARGET
