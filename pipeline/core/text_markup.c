/* text_markup.c - HTML a web form left in an answer, read as a browser shows
 * it (see vp_text_unmarkup in include/voxpop/text.h). */
#include <string.h>

#include "voxpop/text.h"
#include "voxpop/utf8.h"

/* A tag is looked for this far from its '<' and no further: a '<' that
 * opens no tag costs at most this much. */
enum { MAX_TAG = 1024 };

static int is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Whether s[0..n) names a tag of the known set (any case); *block: it
 * starts a line where it stands (a sentence break). */
static int known_tag(const unsigned char *s, size_t n, int *block)
{
	static const struct {
		const char *name;
		int block;
	} tags[] = {
		{"br", 1}, {"p", 1}, {"div", 1}, {"li", 1}, {"ul", 1}, {"ol", 1},
		{"span", 0}, {"b", 0}, {"i", 0}, {"u", 0}, {"em", 0}, {"strong", 0},
		{"a", 0}, {"font", 0},
	};
	for (size_t k = 0; k < sizeof tags / sizeof *tags; k++) {
		if (strlen(tags[k].name) != n)
			continue;
		size_t j = 0;
		while (j < n && (s[j] | 0x20) == (unsigned char)tags[k].name[j])
			j++;
		if (j == n) {
			*block = tags[k].block;
			return 1;
		}
	}
	return 0;
}

/* The length of the tag at s[0..n) (s[0] is '<'), or 0 when none starts
 * there: '<', an optional '/', a known name, attributes each written
 * name=value (quoted or not), an optional '/', and '>'.  An attribute
 * without a value is taken for text, so "a<b and c>d" stays words. */
static size_t tag_at(const unsigned char *s, size_t n, int *block)
{
	size_t lim = n < MAX_TAG ? n : MAX_TAG, i = 1;
	if (i < lim && s[i] == '/')
		i++;
	size_t name = i;
	while (i < lim && is_alpha(s[i]))
		i++;
	if (!known_tag(s + name, i - name, block))
		return 0;
	for (;;) {
		size_t sp = i;
		while (i < lim && is_space(s[i]))
			i++;
		if (i < lim && s[i] == '>')
			return i + 1;
		if (i + 1 < lim && s[i] == '/' && s[i + 1] == '>')
			return i + 2;
		if (i == sp) /* an attribute follows whitespace */
			return 0;
		size_t a = i;
		while (i < lim && (is_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9') ||
		                   s[i] == '-' || s[i] == '_' || s[i] == ':'))
			i++;
		if (i == a)
			return 0;
		while (i < lim && is_space(s[i]))
			i++;
		if (i >= lim || s[i] != '=')
			return 0;
		i++;
		while (i < lim && is_space(s[i]))
			i++;
		if (i < lim && (s[i] == '"' || s[i] == '\'')) {
			unsigned char q = s[i++];
			while (i < lim && s[i] != q)
				i++;
			if (i >= lim)
				return 0;
			i++;
		} else {
			size_t v = i;
			while (i < lim && !is_space(s[i]) && s[i] != '>' && s[i] != '<' &&
			       s[i] != '"' && s[i] != '\'')
				i++;
			if (i == v)
				return 0;
		}
	}
}

static int hex_value(unsigned char c)
{
	return c >= '0' && c <= '9' ? c - '0' :
	       (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
}

/* The length of the character reference at s[0..n) (s[0] is '&') and in
 * *cp the character it names, or 0 when none starts there: a name of the
 * table or &#NN; or &#xHH;, each ended by ';' ("AT&T", "&nope;" are text).
 * A number naming no character, or a control other than whitespace, is
 * text too; 128-159 name Windows-1252's characters, as in a browser. */
static size_t ref_at(const unsigned char *s, size_t n, unsigned long *cp)
{
	/* &#128; to &#159; (C1 controls) as the HTML standard reads them, the
	 * characters Windows-1252 puts there (text pasted from Word writes
	 * &#146; for an apostrophe); the five it leaves empty stay controls */
	static const unsigned short cp1252_c1[32] = {
		0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
		0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
		0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
		0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
	};
	static const struct {
		const char *name;
		unsigned long cp;
	} names[] = {
		{"amp", '&'}, {"nbsp", 0xA0}, {"quot", '"'}, {"apos", '\''}, {"lt", '<'},
		{"gt", '>'}, {"rsquo", 0x2019}, {"lsquo", 0x2018}, {"rdquo", 0x201D},
		{"ldquo", 0x201C}, {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026},
		{"pound", 0xA3}, {"euro", 0x20AC},
	};
	size_t i = 1;
	if (i < n && s[i] == '#') {
		int base = 10;
		if (++i < n && (s[i] | 0x20) == 'x') {
			base = 16;
			i++;
		}
		unsigned long v = 0;
		size_t d = i;
		int k;
		/* 8 digits at most: v stays far below overflow */
		while (i < n && i - d < 8 && (k = hex_value(s[i])) >= 0 && k < base)
			v = v * (unsigned long)base + (unsigned long)k, i++;
		if (v >= 0x80 && v <= 0x9F) /* as browsers read them: Windows-1252's */
			v = cp1252_c1[v - 0x80];
		if (i == d || i >= n || s[i] != ';' || v > 0x10FFFF ||
		    (v >= 0xD800 && v <= 0xDFFF) || (v >= 0x80 && v <= 0x9F) ||
		    (v < 0x20 && v != '\t' && v != '\n' && v != '\r') || v == 0x7F)
			return 0;
		*cp = v;
		return i + 1;
	}
	while (i < n && i < 8 && is_alpha(s[i]))
		i++;
	if (i >= n || s[i] != ';')
		return 0;
	for (size_t k = 0; k < sizeof names / sizeof *names; k++)
		if (strlen(names[k].name) == i - 1 && !memcmp(names[k].name, s + 1, i - 1)) {
			*cp = names[k].cp;
			return i + 1;
		}
	return 0;
}

size_t vp_text_markup_at(const char *text, size_t n, char u[4], size_t *un)
{
	const unsigned char *s = (const unsigned char *)text;
	if (!n)
		return 0;
	size_t k;
	*un = 1;
	if (s[0] == '<') {
		int block = 0;
		if ((k = tag_at(s, n, &block)))
			u[0] = block ? '\n' : ' ';
	} else if (s[0] == '&') {
		unsigned long cp = 0;
		if ((k = ref_at(s, n, &cp)))
			*un = vp_utf8_encode(cp, u);
	} else {
		k = 0;
	}
	return k;
}

int vp_text_unmarkup(const char *text, size_t n, vp_buf *out)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t from = 0;
	int found = 0;
	/* the next '<' and '&' by memchr, not a byte loop: most answers hold
	 * neither, and the loop was 3% of vp-sentiment's instructions */
	const unsigned char *lt = memchr(s, '<', n), *amp = memchr(s, '&', n);
	for (size_t i = 0;; i++) {
		if (lt && lt < s + i)
			lt = memchr(s + i, '<', n - i);
		if (amp && amp < s + i)
			amp = memchr(s + i, '&', n - i);
		const unsigned char *at = !lt ? amp : !amp ? lt : lt < amp ? lt : amp;
		if (!at)
			break;
		i = (size_t)(at - s);
		char u[4];
		size_t un, k = vp_text_markup_at(text + i, n - i, u, &un);
		if (!k)
			continue;
		found = 1;
		if (vp_buf_append(out, s + from, i - from) || vp_buf_append(out, u, un))
			return -1;
		i += k - 1;
		from = i + 1;
	}
	if (!found)
		return 0;
	return vp_buf_append(out, s + from, n - from) ? -1 : 1;
}
