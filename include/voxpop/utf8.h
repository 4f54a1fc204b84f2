/* utf8.h - UTF-8 validation and conversion of single-byte encodings.
 *
 * Input text must be UTF-8; Excel writes CSV in Windows-1252, so stages may
 * convert from cp1252, latin1 (ISO-8859-1) or MacRoman (Excel for Mac's "CSV
 * (Macintosh)") with iconv.  All are ASCII supersets, so CSV structure (commas, quotes, newlines) can be parsed
 * before converting field by field.
 */
#ifndef VOXPOP_UTF8_H
#define VOXPOP_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "voxpop/buf.h"
#include "voxpop/err.h"

/* Offset of the first byte of s[0..n) that does not start a valid UTF-8
 * sequence (overlong forms, surrogates and values above U+10FFFF are
 * invalid), or n if all of it is valid.  NUL bytes count as valid here. */
size_t vp_utf8_check(const char *s, size_t n);

/* vp_utf8_read_as's answer for a character read as nothing. */
#define VP_UTF8_READ_NOTHING ((size_t)-1)

/* The ASCII that code point cp (not ASCII) is read as, into a[0..4): its
 * length, or 0 if it is read as written -- a digit of any script as its
 * value, a dash as a hyphen, else NFKC's compatibility decomposition when
 * that is all ASCII (full-width forms, ligatures, special spaces); or
 * VP_UTF8_READ_NOTHING for a character no reader sees (Unicode's default
 * ignorables: soft hyphen, zero-width space and joiners, word joiner, a
 * BOM, direction marks, variation selectors), which vp-normalise drops.
 * What vp-redact's detectors read, and so where vp_postcode_find's words
 * end. */
size_t vp_utf8_read_as(int32_t cp, char a[4]);

/* Write code point cp (at most U+10FFFF, not a surrogate: the caller
 * checks) as UTF-8 into o; the bytes written, 1 to 4. */
static inline size_t vp_utf8_encode(unsigned long cp, char o[4])
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The length of a character XML 1.0 cannot hold at s, not even as a
 * reference (&#1;): a C0 control other than TAB, LF and CR (1 byte), or
 * the noncharacter U+FFFE or U+FFFF (3 bytes); 0 for any other.  An SVG
 * file or an xlsx part holding one is malformed (not shown, or "repaired"
 * by Excel): vp-report writes U+FFFD for it. */
static inline size_t vp_utf8_xml_bad(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] < 0x20)
		return u[0] && u[0] != '\t' && u[0] != '\n' && u[0] != '\r';
	return u[0] == 0xEF && u[1] == 0xBF && (u[2] == 0xBE || u[2] == 0xBF) ? 3 : 0;
}

typedef struct vp_conv vp_conv;

/* Open a converter from ENCODING to UTF-8.  Accepted: "cp1252" (also
 * "windows-1252"), "latin1" (also "iso-8859-1"), "macroman" (also
 * "macintosh"), and "utf-8" / "utf8",
 * which means no conversion (the result is NULL with e->code 0).
 * Anything else: NULL with EX_USAGE in e; out of memory: EX_OSERR. */
vp_conv *vp_conv_open(const char *encoding, vp_err *e);

/* Append s[0..n) converted to UTF-8 to out.  0 on success; -1 if s holds a
 * byte with no character in the encoding (e.g. 0x81 in cp1252), with
 * *bad_off set to its offset; -2 when out of memory. */
int vp_conv_append(vp_conv *c, const char *s, size_t n, vp_buf *out, size_t *bad_off);

/* A value s[0..n) holding a byte beyond ASCII (no NUL), about to be
 * converted: noted as valid UTF-8 or not.  A file in an 8-bit encoding
 * is almost never valid UTF-8 where it has such bytes (a cp1252 "é" alone
 * is not), so when every such value of a file is, the file was UTF-8 and
 * converting it garbles it ("é" read as "Ã©"). */
void vp_conv_note(vp_conv *c, const char *s, size_t n);
/* Forget what was noted (at the start of each file). */
void vp_conv_seen_reset(vp_conv *c);
/* Since the reset: the values noted that were valid UTF-8. */
unsigned long vp_conv_utf8_seen(const vp_conv *c);
/* When values were noted and every one was valid UTF-8: the first one's
 * first character beyond ASCII (its UTF-8 bytes, NUL-ended); else NULL. */
const char *vp_conv_utf8_only(const vp_conv *c);

/* The canonical name of the source encoding ("cp1252", "latin1" or "macroman"). */
const char *vp_conv_name(const vp_conv *c);

void vp_conv_close(vp_conv *c);

#endif
