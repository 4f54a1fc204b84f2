/* ingest_sniff.c - see ingest_sniff.h */
#include <string.h>
#include <strings.h>

#include "ingest_sniff.h"
#include "voxpop/buf.h"

/* s as one shell word: as it is when it is plain, else in single quotes. */
static int shell_word(vp_buf *b, const char *s, size_t n)
{
	int plain = n > 0;
	for (size_t i = 0; i < n && plain; i++)
		plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-+,=:@",
		               s[i]) != NULL && s[i] != '\0';
	if (plain)
		return vp_buf_append(b, s, n);
	int rc = vp_buf_putc(b, '\'');
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = s[i] == '\'' ? vp_buf_puts(b, "'\\''") : vp_buf_putc(b, s[i]);
	return rc | vp_buf_putc(b, '\'');
}

int vp_sniff_utf16(const unsigned char *p, size_t n, const char *path, vp_err *e)
{
	int bom = n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF));
	int le = n >= 4 && p[0] && !p[1] && p[2] && !p[3] && p[0] < 0x80 && p[2] < 0x80;
	int be = n >= 4 && !p[0] && p[1] && !p[2] && p[3] && p[1] < 0x80 && p[3] < 0x80;
	if (!bom && !le && !be)
		return 0;
	static const char what[] = "UTF-16 text (Excel 'Unicode Text'); convert with: "
	                           "iconv -f UTF-16 -t UTF-8";
	if (strcmp(path, "-") == 0)
		return vp_errf(e, EX_DATAERR, "stdin: %s", what);
	/* the converted file: survey.txt -> survey.csv, x.csv -> x-utf8.csv */
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t stem = dot && dot > base ? (size_t)(dot - path) : strlen(path);
	vp_buf cmd = VP_BUF_INIT, out = VP_BUF_INIT;
	int rc = vp_buf_append(&out, path, stem) |
	         vp_buf_puts(&out, dot && dot > base && !strcasecmp(dot, ".csv") ? "-utf8.csv"
	                                                                        : ".csv");
	rc |= shell_word(&cmd, path, strlen(path)) | vp_buf_puts(&cmd, " > ");
	if (rc == 0)
		rc = shell_word(&cmd, out.data, out.len);
	if (rc == 0)
		vp_errf(e, EX_DATAERR, "%s: %s %s", path, what, cmd.data);
	else
		vp_oom(e);
	vp_buf_free(&cmd);
	vp_buf_free(&out);
	return e->code;
}

int vp_sniff_one_column(const char *cell, size_t len, const char *path, unsigned long line,
                        vp_err *e)
{
	static const char cand[] = ";\t|";
	size_t best = 0, nbest = 0;
	for (size_t k = 0; k < sizeof cand - 1; k++) {
		size_t c = 0;
		for (size_t i = 0; i < len; i++)
			c += cell[i] == cand[k];
		if (c > nbest) {
			nbest = c;
			best = k;
		}
	}
	if (nbest == 0)
		return 0;
	/* the header as it reads, escaped, cut at a character boundary */
	enum { SHOW = 60 };
	char shown[SHOW * 2 + 8];
	size_t o = 0, i = 0;
	for (; i < len && o < SHOW; i++) {
		unsigned char ch = (unsigned char)cell[i];
		if (ch == '\t' || ch == '"' || ch == '\\') {
			shown[o++] = '\\';
			shown[o++] = ch == '\t' ? 't' : (char)ch;
		} else if (ch < 0x20) {
			shown[o++] = ' ';
		} else {
			shown[o++] = (char)ch;
		}
	}
	if (i < len) {
		while (o > 0 && ((unsigned char)shown[o - 1] & 0xC0) == 0x80)
			o--; /* continuation bytes of a cut character */
		if (o > 0 && (unsigned char)shown[o - 1] >= 0xC0)
			o--;
		memcpy(shown + o, "\xE2\x80\xA6", 3); /* ... */
		o += 3;
	}
	shown[o] = '\0';
	return vp_errf_at(e, EX_USAGE, path, line,
	                  "the header is one column, \"%s\"; try --delimiter %s", shown,
	                  cand[best] == '\t' ? "tab" : cand[best] == ';' ? "';'" : "'|'");
}
