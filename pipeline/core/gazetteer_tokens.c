/* gazetteer_tokens.c - the gazetteer's own tokeniser: what a place name,
 * a field value or a text is split into before names are looked up.  Why
 * it is not text.h's: see include/voxpop/gazetteer.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "gazetteer_impl.h"
#include "voxpop/text.h"

void gz_toks_free(struct gz_toks *t)
{
	vp_buf_free(&t->norm);
	free(t->w);
	memset(t, 0, sizeof *t);
}

static int toks_push(struct gz_toks *t, const char *w, size_t n, int capital, int poss)
{
	if (vp_grow((void **)&t->w, &t->cap, t->n + 1, sizeof *t->w) < 0)
		return -1;
	if (t->n && vp_buf_putc(&t->norm, ' ') < 0)
		return -1;
	/* "St Albans" and "Saint Albans" are one name; likewise a few
	 * abbreviations common in addresses. */
	static const char *const abbrev[][2] = {
		{"st", "saint"}, {"rd", "road"}, {"mkt", "market"}, {"gt", "great"},
		{"nth", "north"}, {"sth", "south"},
	};
	for (size_t k = 0; k < sizeof abbrev / sizeof *abbrev; k++)
		if (n == strlen(abbrev[k][0]) && memcmp(w, abbrev[k][0], n) == 0) {
			w = abbrev[k][1];
			n = strlen(w);
			break;
		}
	struct gz_word *gw = &t->w[t->n];
	gw->start = t->norm.len;
	if (vp_buf_append(&t->norm, w, n) < 0)
		return -1;
	gw->end = t->norm.len;
	gw->capital = (unsigned char)capital;
	gw->brk = (unsigned char)(t->n && t->pending_brk);
	gw->stop = (unsigned char)(t->n && t->pending_stop);
	gw->poss = (unsigned char)poss;
	t->pending_brk = 0;
	t->pending_stop = 0;
	t->n++;
	return 0;
}

/* Casefold one word (NFKC, accents stripped) and push it.  apos: where in
 * word an apostrophe was dropped (SIZE_MAX: none). */
static int flush_word(struct gz_toks *t, vp_buf *word, int capital, size_t apos)
{
	if (word->len == 0)
		return 0;
	int poss = apos == word->len - 1 && (word->data[apos] == 's' || word->data[apos] == 'S');
	int ascii = 1, lower = 0, digit = 0;
	for (size_t i = 0; i < word->len; i++) {
		unsigned char c = (unsigned char)word->data[i];
		if (c >= 0x80)
			ascii = 0;
		else if (c >= 'A' && c <= 'Z')
			word->data[i] = (char)(c - 'A' + 'a');
		lower |= c >= 'a' && c <= 'z';
		digit |= c >= '0' && c <= '9';
	}
	/* "Sarah", not "NHS" or "LE13": how a given name is written */
	if (capital && ascii && lower && !digit && word->data[0] >= 'a' && word->data[0] <= 'z')
		capital = 2;
	int rc;
	if (ascii) {
		rc = toks_push(t, word->data, word->len, capital, poss);
	} else {
		utf8proc_uint8_t *folded = NULL;
		utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)word->data,
		                                  (utf8proc_ssize_t)word->len, &folded,
		                                  UTF8PROC_STABLE | UTF8PROC_COMPAT |
		                                  UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
		                                  UTF8PROC_STRIPMARK);
		if (m < 0) {
			free(folded);
			return m == UTF8PROC_ERROR_NOMEM ? -1 : 0;
		}
		rc = m > 0 ? toks_push(t, (const char *)folded, (size_t)m, capital, poss) : 0;
		free(folded);
	}
	vp_buf_clear(word);
	return rc;
}

static int is_apostrophe(utf8proc_int32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC;
}

int gz_tokenise(const char *s, size_t n, struct gz_toks *t)
{
	vp_buf word = VP_BUF_INIT;
	int capital = 0, rc = 0;
	size_t apos = SIZE_MAX; /* where word's apostrophe was dropped */
	vp_buf_clear(&t->norm);
	t->n = 0;
	t->pending_brk = 0;
	t->pending_stop = 0;
	for (size_t i = 0; i < n && rc == 0;) {
		/* an ASCII letter or digit, the common case: a word character
		 * (Lu, Ll, Nd), without utf8proc */
		unsigned char b = (unsigned char)s[i];
		if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')) {
			if (word.len == 0)
				capital = !(b >= 'a' && b <= 'z');
			rc = vp_buf_putc(&word, (char)b);
			i++;
			continue;
		}
		/* HTML a web form left in the value, read as a browser shows it
		 * by the reader text.h's tokeniser uses (vp_text_markup_at): a
		 * tag breaks words, a block one ("<br>", "<p>") a sentence too;
		 * a character reference is the character it names, read once
		 * ("&amp;lt;" is "&lt;") */
		char named[4];
		size_t nlen, mlen = s[i] == '<' || s[i] == '&' ?
		                    vp_text_markup_at(s + i, n - i, named, &nlen) : 0;
		if (mlen && s[i] == '<') {
			rc = flush_word(t, &word, capital, apos);
			apos = SIZE_MAX;
			if (named[0] == '\n')
				t->pending_stop = 1;
			i += mlen;
			continue;
		}
		/* the character at i: its bytes c[0..len), read from s or named */
		const char *c = mlen ? named : s + i;
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)c,
		                                        (utf8proc_ssize_t)(mlen ? nlen : n - i), &cp);
		if (len <= 0) { /* invalid UTF-8: a separator */
			len = 1;
			cp = ' ';
		}
		if (cp >= 0x80 && utf8proc_get_property(cp)->ignorable) {
			/* a soft hyphen or zero-width space no reader sees: nothing,
			 * as vp-normalise reads it ("Mel\u00ADton" is Melton) */
			i += mlen ? mlen : (size_t)len;
			continue;
		}
		utf8proc_category_t cat = utf8proc_category(cp);
		int wordch = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
		if (wordch) {
			if (word.len == 0)
				capital = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT ||
				          cat == UTF8PROC_CATEGORY_ND;
			rc = vp_buf_append(&word, c, (size_t)len);
		} else if (is_apostrophe(cp) && word.len > 0) {
			/* "Queen's Park" = "Queens Park": drop it, keep the word going */
			apos = word.len;
		} else {
			rc = flush_word(t, &word, capital, apos);
			apos = SIZE_MAX;
			if (cp == ',' || cp == ';' || cp == ':' || cp == '/' || cp == '(' || cp == ')' ||
			    cp == '[' || cp == ']')
				t->pending_brk = 1;
			if (cp == '.' || cp == '!' || cp == '?')
				t->pending_stop = 1;
			if (rc == 0 && cp == '&')
				rc = toks_push(t, "and", 3, 0, 0);
		}
		i += mlen ? mlen : (size_t)len;
	}
	if (rc == 0)
		rc = flush_word(t, &word, capital, apos);
	vp_buf_free(&word);
	if (rc == 0 && !t->norm.data)
		rc = vp_buf_puts(&t->norm, "");
	return rc;
}

int vp_gazetteer_normalise(const char *s, size_t n, vp_buf *out)
{
	struct gz_toks t = GZ_TOKS_INIT;
	int rc = gz_tokenise(s, n, &t);
	if (rc == 0)
		rc = vp_buf_append(out, t.norm.data, t.norm.len);
	gz_toks_free(&t);
	return rc;
}

