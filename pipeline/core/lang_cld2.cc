// lang_cld2.cc - the one C++ file: a C entry into CLD2 (see voxpop/lang.h).
#include <cstdio>  // the CLD2 header uses FILE without including it
#include <cld2/public/compact_lang_det.h>

extern "C" const char *vp_lang_cld2(const char *s, int n, int *reliable);
extern "C" const char *vp_lang_cld2_code(int i);

extern "C" const char *vp_lang_cld2(const char *s, int n, int *reliable)
{
	CLD2::Language l3[3];
	int pct[3], text_bytes = 0, valid = 0;
	double score[3];
	bool rel = false;
	CLD2::Language l = CLD2::ExtDetectLanguageSummaryCheckUTF8(
		s, n, true, nullptr, 0, l3, pct, score, nullptr, &text_bytes, &rel, &valid);
	*reliable = rel && valid == n;
	return CLD2::LanguageCode(l);
}

// CLD2's languages one by one, its pseudo-languages and scripts ("X_..."
// names: Klingon, X_Latin) left out.
extern "C" const char *vp_lang_cld2_code(int i)
{
	if (i < 0 || i >= CLD2::NUM_LANGUAGES)
		return nullptr;
	CLD2::Language l = static_cast<CLD2::Language>(i);
	const char *name = CLD2::LanguageName(l);
	if (name && name[0] == 'X' && name[1] == '_')
		return "";
	return CLD2::LanguageCode(l);
}
