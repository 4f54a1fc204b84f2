/* lang.c - see include/voxpop/lang.h */
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "voxpop/lang.h"
#include "voxpop/text.h"

static int is_alpha_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

size_t vp_lang_letters(const char *s, size_t n, size_t stop)
{
	size_t letters = 0, i = 0;
	while (i < n && letters < stop) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {  /* ASCII: no table look-up */
			letters += (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {  /* invalid: skip the byte */
			i++;
			continue;
		}
		utf8proc_category_t cat = utf8proc_category(cp);
		letters += cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
		i += (size_t)k;
	}
	return letters;
}

void vp_lang_prepare(void)
{
	/* CLD2 mallocs and frees some 100 KiB on every call; with glibc's
	 * default 128 KiB trim threshold each free gave it back to the kernel
	 * (brk down, page faults on the next call): 12 us a call instead of
	 * 2.3.  Keep up to 1 MiB of free heap instead.  A failure only costs
	 * time. */
	(void)mallopt(M_TRIM_THRESHOLD, 1 << 20);
}

/* CLD2's codes that are not ISO 639-1 where one exists, and its "no
 * language" ones (UNKNOWN_LANGUAGE, TG_UNKNOWN_LANGUAGE "Ignore"). */
static const char *const renamed[][2] = {
	{"iw", "he"}, {"jw", "jv"}, {"zh-Hant", "zh"}, {"sr-ME", "sr"}, {"nb", "no"},
	{"un", "und"}, {"xxx", "und"},
};

/* English words that are not words (or are rare) in the other languages
 * people in the UK write feedback in: no "to", "my", "we" (Polish), "are"
 * (Romanian), "no", "me", "a", "i", "in", "is", "of" (Spanish, Welsh, Dutch
 * ...).  As the tokeniser leaves them: lower case, apostrophes dropped
 * ("didn't" is "didnt"). */
static const char *const en_words[] = {
	"about", "after", "all", "always", "and", "at", "be", "because", "been", "but",
	"cant", "could", "did", "didnt", "dont", "every", "for", "from", "get", "got",
	"had", "has", "have", "hours", "it", "just", "more", "need", "never", "not", "of",
	"our", "out", "should", "some", "than", "that", "the", "their", "them", "then",
	"there", "they", "this", "time", "very", "waited", "was", "wasnt", "weeks",
	"were", "what", "when", "which", "who", "will", "with", "would", "you", "your",
};

/* en_words as 64-bit keys (the word's bytes, little end first, zero
 * padded; none is longer than 7) in an open-addressed table: a look-up is
 * a multiply and a compare or two.  Made once, by whichever thread asks
 * first. */
#define EN_SLOTS 256 /* a power of two, four times the words */
static uint64_t en_table[EN_SLOTS];
static pthread_once_t en_table_once = PTHREAD_ONCE_INIT;

static uint64_t word_key(const char *w, size_t n)
{
	uint64_t k = 0;
	for (size_t i = n; i-- > 0;)
		k = k << 8 | (unsigned char)w[i];
	return k;
}

static size_t key_slot(uint64_t k)
{
	return (size_t)((k * 0x9E3779B97F4A7C15ULL) >> 56); /* EN_SLOTS = 2^8 */
}

static void make_en_table(void)
{
	for (size_t i = 0; i < sizeof en_words / sizeof en_words[0]; i++) {
		uint64_t k = word_key(en_words[i], strlen(en_words[i]));
		size_t h = key_slot(k);
		while (en_table[h])
			h = (h + 1) & (EN_SLOTS - 1);
		en_table[h] = k;
	}
}

int vp_lang_en_word(const char *w, size_t n)
{
	if (n == 0 || n > 7 || pthread_once(&en_table_once, make_en_table) != 0)
		return 0;
	uint64_t k = word_key(w, n);
	for (size_t h = key_slot(k); en_table[h]; h = (h + 1) & (EN_SLOTS - 1))
		if (en_table[h] == k)
			return 1;
	return 0;
}

/* Words of patient feedback that are English and rarely anything else:
 * with en_words, what says a short comment CLD2 reads as Welsh or Polish
 * (for the names in it: "Nurse Rhiannon Llewellyn Pritchard lovely") is
 * English after all. */
static const char *const en_feedback[] = {
	"staff", "nurse", "nurses", "doctor", "doctors", "service", "lovely", "wonderful",
	"fantastic", "brilliant", "excellent", "great", "good", "kind", "helpful", "friendly",
	"thank", "thanks", "team", "care", "caring", "amazing", "from", "to", "my", "mum",
	"dad", "were", "was", "and", "at", "the", "very", "so", "really", "with", "is", "are",
	/* nil answers: "nah its fine" is Indonesian to CLD2 */
	"its", "fine", "nothing",
	/* short complaints: "discharge took forever" is Danish to CLD2,
	 * "clinic overbooked" Dutch */
	"took", "forever", "discharge", "clinic", "overbooked", "appointment", "waiting",
	"rude", "quick", "ages", "awful", "terrible", "rubbish", "nightmare",
	/* opening hours: "open till 10pm, godsend" is Swedish to CLD2 */
	"open", "godsend", "lifesaver",
	/* "eye clinic a maze, no signs" is Kinyarwanda to CLD2 */
	"eye", "eyes", "maze", "sign", "signs",
	/* "pre op nurse a bit cold" is Slovak to CLD2 */
	"bit", "cold", "hot",
	/* text-speak: "v gud service" is Danish to CLD2 ("gud": God) */
	"gud", "gr8", "thx",
};

/* Of the ASCII words of s[0..n), how many are English ones (en_words,
 * en_feedback); *words gets how many words there are. */
static size_t english_words(const char *s, size_t n, size_t *words)
{
	size_t en = 0;
	*words = 0;
	for (size_t i = 0; i < n;) {
		if (!is_alpha_byte(s[i]) && (unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		size_t j = i;
		int ascii = 1;
		char w[16];
		size_t m = 0;
		while (j < n && (is_alpha_byte(s[j]) || (unsigned char)s[j] >= 0x80 ||
		                 (s[j] == '\'' && j + 1 < n && is_alpha_byte(s[j + 1])))) {
			if ((unsigned char)s[j] >= 0x80)
				ascii = 0;
			else if (s[j] != '\'' && m < sizeof w)
				w[m++] = (char)(s[j] | 0x20);
			j++;
		}
		(*words)++;
		if (ascii && m < sizeof w) {
			int hit = vp_lang_en_word(w, m);
			for (size_t k = 0; !hit && k < sizeof en_feedback / sizeof *en_feedback; k++)
				hit = strlen(en_feedback[k]) == m && memcmp(en_feedback[k], w, m) == 0;
			en += (size_t)hit;
		}
		i = j;
	}
	return en;
}

/* Letters of one script other than Latin, by their blocks; what a short
 * text written in it is: "und" with the script (BCP 47), its name. */
static const struct script {
	uint32_t lo, hi;
	const char *code, *name;
} scripts[] = {
	{0x0370, 0x03FF, "und-Grek", "Greek script"}, {0x1F00, 0x1FFF, "und-Grek", "Greek script"},
	{0x0400, 0x052F, "und-Cyrl", "Cyrillic script"}, {0x0530, 0x058F, "und-Armn", "Armenian script"},
	{0x0590, 0x05FF, "und-Hebr", "Hebrew script"}, {0x0600, 0x06FF, "und-Arab", "Arabic script"},
	{0x0750, 0x077F, "und-Arab", "Arabic script"}, {0xFB50, 0xFDFF, "und-Arab", "Arabic script"},
	{0xFE70, 0xFEFF, "und-Arab", "Arabic script"}, {0x0900, 0x097F, "und-Deva", "Devanagari script"},
	{0x0980, 0x09FF, "und-Beng", "Bengali script"}, {0x0A00, 0x0A7F, "und-Guru", "Gurmukhi script"},
	{0x0A80, 0x0AFF, "und-Gujr", "Gujarati script"}, {0x0B80, 0x0BFF, "und-Taml", "Tamil script"},
	{0x0D80, 0x0DFF, "und-Sinh", "Sinhala script"}, {0x0E00, 0x0E7F, "und-Thai", "Thai script"},
	{0x10A0, 0x10FF, "und-Geor", "Georgian script"}, {0x1200, 0x137F, "und-Ethi", "Ethiopic script"},
	{0x3040, 0x30FF, "und-Jpan", "Japanese script"}, {0x3400, 0x4DBF, "und-Hani", "Han script"},
	{0x4E00, 0x9FFF, "und-Hani", "Han script"}, {0xAC00, 0xD7AF, "und-Hang", "Hangul script"},
	{0x1100, 0x11FF, "und-Hang", "Hangul script"},
};

/* "und-Xxxx" when every letter of s[0..n) is of script Xxxx, not Latin
 * (Han with kana is Japanese); NULL when a letter is Latin or of a script
 * not listed, when scripts are mixed, or there is no letter. */
static const char *script_of_letters(const char *s, size_t n)
{
	const struct script *found = NULL;
	int japanese = 0;
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0)
			return NULL;
		i += (size_t)k;
		utf8proc_category_t c = utf8proc_category(cp);
		if (c < UTF8PROC_CATEGORY_LU || c > UTF8PROC_CATEGORY_LO)
			continue;
		const struct script *sc = NULL;
		for (size_t j = 0; j < sizeof scripts / sizeof *scripts && !sc; j++)
			if ((uint32_t)cp >= scripts[j].lo && (uint32_t)cp <= scripts[j].hi)
				sc = &scripts[j];
		if (!sc)
			return NULL; /* Latin, or a script not listed */
		if (found && strcmp(found->code, sc->code) != 0) {
			/* kana with Han: Japanese */
			int cjk = (!strcmp(found->code, "und-Hani") || !strcmp(found->code, "und-Jpan")) &&
			          (!strcmp(sc->code, "und-Hani") || !strcmp(sc->code, "und-Jpan"));
			if (!cjk)
				return NULL;
			japanese = 1;
		}
		found = sc;
	}
	return japanese ? "und-Jpan" : found ? found->code : NULL;
}

/* "und", or "und-Xxxx" for a text in one script other than Latin. */
static const char *undetermined(const char *s, size_t n)
{
	const char *sc = script_of_letters(s, n);
	return sc ? sc : "und";
}

const char *vp_lang_script_of(const char *lang)
{
	static const char *const by_lang[][2] = {
		{"ar", "Arab"}, {"el", "Grek"}, {"ru", "Cyrl"}, {"sr", "Cyrl"}, {"hy", "Armn"},
		{"hi", "Deva"}, {"ne", "Deva"}, {"ta", "Taml"}, {"yi", "Hebr"},
	};
	for (size_t i = 0; i < sizeof by_lang / sizeof *by_lang; i++)
		if (strcmp(lang, by_lang[i][0]) == 0)
			return by_lang[i][1];
	return "Latn";
}

const char *vp_lang_detect(const char *s, size_t n, const struct vp_tokens *tok)
{
	if (n > VP_LANG_MAX_BYTES) {
		n = VP_LANG_MAX_BYTES;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)  /* not mid-character */
			n--;
	}
	if (vp_lang_letters(s, n, VP_LANG_MIN_LETTERS) < VP_LANG_MIN_LETTERS)
		return undetermined(s, n);
	/* plainly English (at least 3 marker words, and they are at least a
	 * quarter of the words): "en" without asking CLD2, which costs 5 us a
	 * comment */
	if (tok && tok->en_words >= 3 && tok->en_words * 4 >= tok->words)
		return "en";
	int reliable = 0;
	const char *code = vp_lang_cld2(s, (int)n, &reliable);
	if (!code || !reliable || strcmp(code, "un") == 0)
		return undetermined(s, n);
	if (strcmp(code, "en") != 0) {
		/* a short comment in English words naming people or places of
		 * another language: at least 2 English words, and 2 in 5 */
		size_t words, en = english_words(s, n, &words);
		if (en >= 2 && en * 5 >= words * 2)
			return "en";
	}
	return vp_lang_from_cld2(code);
}

const char *vp_lang_from_cld2(const char *code)
{
	for (size_t i = 0; i < sizeof renamed / sizeof renamed[0]; i++)
		if (strcmp(code, renamed[i][0]) == 0)
			return renamed[i][1];
	char primary[VP_LANG_CODE_MAX];
	if (!vp_lang_primary(code, strlen(code), primary) || strcmp(primary, code) != 0)
		return "und";  /* xx-Qaai and the like: scripts, not languages */
	return code;
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

int vp_lang_primary(const char *code, size_t n, char out[VP_LANG_CODE_MAX])
{
	size_t p = 0;
	while (p < n && is_alpha(code[p]))
		p++;
	if (p < 2 || p > 3)
		return 0;
	/* the rest: -subtag (1-8 letters and digits), repeated */
	for (size_t i = p; i < n;) {
		if (code[i] != '-')
			return 0;
		size_t j = ++i;
		while (j < n && is_alnum(code[j]))
			j++;
		if (j == i || j - i > 8)
			return 0;
		i = j;
	}
	for (size_t i = 0; i < p; i++)
		out[i] = (char)(code[i] | 0x20);
	out[p] = '\0';
	static const char *const none[] = {"und", "mul", "zxx", "mis", "xx", "un"};
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
		if (strcmp(out, none[i]) == 0)
			return 0;
	return 1;
}

/* every language CLD2 answers (test_lang checks), as vp_lang_from_cld2
 * writes its code */
static const char *const names[][2] = {
	{"aa", "Afar"}, {"ab", "Abkhazian"}, {"af", "Afrikaans"}, {"ak", "Akan"},
	{"am", "Amharic"}, {"ar", "Arabic"}, {"as", "Assamese"}, {"ay", "Aymara"},
	{"az", "Azerbaijani"}, {"ba", "Bashkir"}, {"be", "Belarusian"}, {"bg", "Bulgarian"},
	{"bh", "Bihari"}, {"bi", "Bislama"}, {"bn", "Bengali"}, {"bo", "Tibetan"},
	{"br", "Breton"}, {"bs", "Bosnian"}, {"ca", "Catalan"}, {"ceb", "Cebuano"},
	{"chr", "Cherokee"}, {"co", "Corsican"}, {"crs", "Seychellois Creole"}, {"cs", "Czech"},
	{"cy", "Welsh"}, {"da", "Danish"}, {"de", "German"}, {"dv", "Dhivehi"},
	{"dz", "Dzongkha"}, {"ee", "Ewe"}, {"el", "Greek"}, {"en", "English"},
	{"eo", "Esperanto"}, {"es", "Spanish"}, {"et", "Estonian"}, {"eu", "Basque"},
	{"fa", "Persian"}, {"fi", "Finnish"}, {"fj", "Fijian"}, {"fo", "Faroese"},
	{"fr", "French"}, {"fy", "Frisian"}, {"ga", "Irish"}, {"gaa", "Ga"},
	{"gd", "Scottish Gaelic"}, {"gl", "Galician"}, {"gn", "Guarani"}, {"gu", "Gujarati"},
	{"gv", "Manx"}, {"ha", "Hausa"}, {"haw", "Hawaiian"}, {"he", "Hebrew"}, {"hi", "Hindi"},
	{"hmn", "Hmong"}, {"hr", "Croatian"}, {"ht", "Haitian Creole"}, {"hu", "Hungarian"},
	{"hy", "Armenian"}, {"ia", "Interlingua"}, {"id", "Indonesian"}, {"ie", "Interlingue"},
	{"ig", "Igbo"}, {"ik", "Inupiaq"}, {"is", "Icelandic"}, {"it", "Italian"},
	{"iu", "Inuktitut"}, {"ja", "Japanese"}, {"jv", "Javanese"}, {"ka", "Georgian"},
	{"kha", "Khasi"}, {"kk", "Kazakh"}, {"kl", "Greenlandic"}, {"km", "Khmer"},
	{"kn", "Kannada"}, {"ko", "Korean"}, {"kri", "Krio"}, {"ks", "Kashmiri"},
	{"ku", "Kurdish"}, {"ky", "Kyrgyz"}, {"la", "Latin"}, {"lb", "Luxembourgish"},
	{"lg", "Ganda"}, {"lif", "Limbu"}, {"ln", "Lingala"}, {"lo", "Lao"}, {"loz", "Lozi"},
	{"lt", "Lithuanian"}, {"lua", "Luba-Lulua"}, {"luo", "Luo"}, {"lv", "Latvian"},
	{"mfe", "Mauritian Creole"}, {"mg", "Malagasy"}, {"mi", "Maori"}, {"mk", "Macedonian"},
	{"ml", "Malayalam"}, {"mn", "Mongolian"}, {"mr", "Marathi"}, {"ms", "Malay"},
	{"mt", "Maltese"}, {"my", "Burmese"}, {"na", "Nauru"}, {"ne", "Nepali"},
	{"new", "Newari"}, {"nl", "Dutch"}, {"nn", "Norwegian Nynorsk"}, {"no", "Norwegian"},
	{"nr", "Ndebele"}, {"nso", "Northern Sotho"}, {"ny", "Nyanja"}, {"oc", "Occitan"},
	{"om", "Oromo"}, {"or", "Oriya"}, {"os", "Ossetian"}, {"pa", "Punjabi"},
	{"pam", "Pampanga"}, {"pl", "Polish"}, {"ps", "Pashto"}, {"pt", "Portuguese"},
	{"qu", "Quechua"}, {"raj", "Rajasthani"}, {"rm", "Romansh"}, {"rn", "Rundi"},
	{"ro", "Romanian"}, {"ru", "Russian"}, {"rw", "Kinyarwanda"}, {"sa", "Sanskrit"},
	{"sco", "Scots"}, {"sd", "Sindhi"}, {"sg", "Sango"}, {"si", "Sinhala"},
	{"sk", "Slovak"}, {"sl", "Slovenian"}, {"sm", "Samoan"}, {"sn", "Shona"},
	{"so", "Somali"}, {"sq", "Albanian"}, {"sr", "Serbian"}, {"ss", "Swati"},
	{"st", "Sesotho"}, {"su", "Sundanese"}, {"sv", "Swedish"}, {"sw", "Swahili"},
	{"syr", "Syriac"}, {"ta", "Tamil"}, {"te", "Telugu"}, {"tg", "Tajik"}, {"th", "Thai"},
	{"ti", "Tigrinya"}, {"tk", "Turkmen"}, {"tl", "Tagalog"}, {"tn", "Tswana"},
	{"to", "Tongan"}, {"tr", "Turkish"}, {"ts", "Tsonga"}, {"tt", "Tatar"},
	{"tum", "Tumbuka"}, {"tw", "Twi"}, {"ug", "Uyghur"}, {"uk", "Ukrainian"},
	{"ur", "Urdu"}, {"uz", "Uzbek"}, {"ve", "Venda"}, {"vi", "Vietnamese"},
	{"vo", "Volapuk"}, {"war", "Waray"}, {"wo", "Wolof"}, {"xh", "Xhosa"},
	{"yi", "Yiddish"}, {"yo", "Yoruba"}, {"za", "Zhuang"}, {"zh", "Chinese"},
	{"zu", "Zulu"},
};

const char *vp_lang_name(const char *code)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(code, names[i][0]) == 0)
			return names[i][1];
	for (size_t i = 0; i < sizeof scripts / sizeof *scripts; i++)
		if (strcmp(code, scripts[i].code) == 0)
			return scripts[i].name;
	return NULL;
}

/* libstemmer's stemmers: the name it lists, the ISO 639-1 code, and the
 * other names it takes for the same stemmer (its modules.txt: ISO 639-2
 * codes); "porter" is English too but another stemmer, with no alias. */
static const char *const stemmers[][4] = {
	{"arabic", "ar", "ara"}, {"armenian", "hy", "hye", "arm"},
	{"basque", "eu", "eus", "baq"}, {"catalan", "ca", "cat"}, {"danish", "da", "dan"},
	{"dutch", "nl", "dut", "nld"}, {"english", "en", "eng"}, {"finnish", "fi", "fin"},
	{"french", "fr", "fre", "fra"}, {"german", "de", "ger", "deu"},
	{"greek", "el", "gre", "ell"}, {"hindi", "hi", "hin"}, {"hungarian", "hu", "hun"},
	{"indonesian", "id", "ind"}, {"irish", "ga", "gle"}, {"italian", "it", "ita"},
	{"lithuanian", "lt", "lit"}, {"nepali", "ne", "nep"}, {"norwegian", "no", "nor"},
	{"porter", "en"}, {"portuguese", "pt", "por"}, {"romanian", "ro", "rum", "ron"},
	{"russian", "ru", "rus"}, {"serbian", "sr", "srp"}, {"spanish", "es", "esl", "spa"},
	{"swedish", "sv", "swe"}, {"tamil", "ta", "tam"}, {"turkish", "tr", "tur"},
	{"yiddish", "yi", "yid"},
};
enum { NSTEMMERS = sizeof stemmers / sizeof stemmers[0] };

const char *vp_lang_of_stemmer(const char *stemmer)
{
	for (size_t i = 0; i < NSTEMMERS; i++)
		if (strcmp(stemmer, stemmers[i][0]) == 0)
			return stemmers[i][1];
	return NULL;
}

const char *vp_lang_stemmer_name(const char *name)
{
	for (size_t i = 0; i < NSTEMMERS; i++) {
		if (strcmp(name, stemmers[i][0]) == 0)
			return stemmers[i][0];
		if (strcmp(stemmers[i][0], "porter") == 0)
			continue; /* "en" is English's */
		for (size_t j = 1; j < 4 && stemmers[i][j]; j++)
			if (strcmp(name, stemmers[i][j]) == 0)
				return stemmers[i][0];
	}
	return NULL;
}
