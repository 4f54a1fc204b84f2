/* lang.h - which language a comment is written in.
 *
 * vp-normalise writes it as "lang"; vp-tag leaves a record whose "lang" is
 * known and is not its lexicon's language untagged ("untaggable":
 * "language") rather than pretend the person raised nothing.
 *
 * Detection is CLD2 (Compact Language Detector 2, Debian libcld2: C++,
 * behind a small C shim, lang_cld2.cc).  The rule (README "vp-normalise"):
 *   - only the first VP_LANG_MAX_BYTES bytes are looked at (cut at a
 *     character boundary), which bounds the cost of a long text;
 *   - fewer than VP_LANG_MIN_LETTERS letters: "und" (too short to say);
 *   - CLD2 finds no language, or says its answer is not reliable: "und";
 *   - otherwise the language's ISO 639-1 code ("en", "cy", "pl", "ur",
 *     "pa", "gu" ...), or for the few languages without one CLD2's ISO
 *     639-2/3 code ("haw", "ceb"); Chinese is "zh" in either script.
 * It is deterministic: the same text always gives the same code.
 */
#ifndef VOXPOP_LANG_H
#define VOXPOP_LANG_H

#include <stddef.h>

#define VP_LANG_MIN_LETTERS 10
#define VP_LANG_MAX_BYTES 4096
/* The longest code vp_lang_primary keeps, with its NUL. */
#define VP_LANG_CODE_MAX 9

/* The language of s[0..n) (UTF-8; invalid UTF-8 gives "und"): a static
 * string, "und" when unsure -- "und-Arab", "und-Hani", ... (BCP 47: the
 * language undetermined, the script known) when every letter is of one
 * script other than Latin.  tok: the tokens vp_text_tokenise made of s
 * (NULL: none), whose counts of words and English marker words
 * (vp_lang_en_word) decide plainly English text without CLD2: at least 3
 * marker words making at least a quarter of the words is "en".
 * Allocates nothing of its own. */
struct vp_tokens;
const char *vp_lang_detect(const char *s, size_t n, const struct vp_tokens *tok);

/* The script (ISO 15924) lexicon language lang (a primary code) is
 * written in: "Arab" for ar, "Cyrl" for ru, ..., "Latn" for the rest.
 * vp-tag leaves a text vp_lang_detect found only the script of
 * ("und-Arab") untagged when it is not this one. */
const char *vp_lang_script_of(const char *lang);

/* Is w[0..n) (a token as the tokeniser leaves it, before stemming: lower
 * case, no apostrophes) one of the English marker words: common in English
 * comments, not words in the other languages people in the UK write in? */
int vp_lang_en_word(const char *w, size_t n);

/* Call once before many vp_lang_detect calls: glibc then keeps up to 1 MiB
 * of freed heap (M_TRIM_THRESHOLD) instead of handing CLD2's per-call
 * buffers back to the kernel each time, which made detection 5x slower. */
void vp_lang_prepare(void);

/* The letters (Unicode category L*) in s[0..n), counting stopped at stop. */
size_t vp_lang_letters(const char *s, size_t n, size_t stop);

/* If code[0..n) is a language tag naming one language ("en", "cy",
 * "en-GB", "haw"; not "und", "mul", "zxx" or junk), put its primary subtag
 * in lower case into out and return 1; else 0. */
int vp_lang_primary(const char *code, size_t n, char out[VP_LANG_CODE_MAX]);

/* The English name of a code ("cy" -> "Welsh"), NULL if not in the table. */
const char *vp_lang_name(const char *code);

/* The ISO 639-1 code of a libstemmer language ("english" -> "en", "porter"
 * -> "en"), NULL if not known. */
const char *vp_lang_of_stemmer(const char *stemmer);
/* The name libstemmer lists for the stemmer it opens by name ("en", "eng"
 * and "english" -> "english"; "deu" -> "german"), NULL if not known. */
const char *vp_lang_stemmer_name(const char *name);

/* The CLD2 shim (lang_cld2.cc): CLD2's code for s[0..n) ("un" when none)
 * and whether it is reliable. */
const char *vp_lang_cld2(const char *s, int n, int *reliable);

/* The code of CLD2's language number i ("" for its pseudo-languages and
 * scripts), NULL past the last: for the test that every language CLD2 can
 * answer has a name (vp_lang_name). */
const char *vp_lang_cld2_code(int i);

/* A code CLD2 answers as vp_lang_detect writes it: "iw" -> "he", "nb" ->
 * "no", "zh-Hant" -> "zh"; "und" for what names no one language ("un",
 * "xx-Latn"). */
const char *vp_lang_from_cld2(const char *code);

#endif
