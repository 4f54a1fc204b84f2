/* xlsx.c - streaming .xlsx row reader: libzip for the container, expat for
 * the XML.  See include/voxpop/xlsx.h for what is read and how. */
#include "voxpop/xlsx.h"

#include <ctype.h>
#include <errno.h>
#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zip.h>

#include "voxpop/buf.h"
#include "voxpop/utf8.h"
#include "voxpop/input.h"
#include "voxpop/str.h"

#define CHUNK 65536
#define DEF_MAX_FIELD ((size_t)64 << 20)
#define DEF_MAX_COLS 16384
#define DEF_MAX_SHARED (SIZE_MAX > 0xFFFFFFFFu ? (size_t)4 << 30 : SIZE_MAX)
#define DEF_SHARED_MEM ((size_t)4 << 20)
#define DEC_STEP 4096       /* a long shared string is decoded as it comes, by this */
#define TFBUF 65536         /* write buffer of each temporary file */
#define WIN 65536           /* read window on the strings file, read ahead in order */
#define IBLK 512            /* offsets read ahead in order */
#define NCACHE 4096         /* cached short strings (a power of 2) */
#define CSTR 116            /* the longest cached */
#define SS_OVER ((uint64_t)1 << 63)  /* an offset's flag: the string is over max_field */
#define MAX_XF 1000000     /* cell formats: Excel allows 64000 */
#define MAX_NUMFMT 100000
#define MAX_SHEETS 100000
#define MAX_RELS 1000000

typedef struct rel {
	char *id, *type, *target;
} rel;

typedef struct sheet {
	char *name, *rid;
	int hidden;         /* state="hidden" or "veryHidden" */
} sheet;

typedef struct numfmt {
	unsigned long id;
	vp_xlsx_numfmt f;
} numfmt;

/* A temporary file being written, through a buffer. */
typedef struct tfile {
	int fd;             /* -1: none */
	char *buf;
	size_t len;
} tfile;

typedef struct sscache {
	size_t key;         /* string index + 1; 0 = empty */
	uint32_t len;
	char s[CSTR];
} sscache;

typedef struct rcell {
	unsigned long col;  /* 1-based */
	size_t off, len;    /* in row.data */
} rcell;

enum ctype { C_N, C_S, C_INLINE, C_STR, C_B, C_E, C_D };

struct vp_xlsx {
	const char *path;       /* for messages; the caller's string, kept by copy */
	char *path_copy;
	zip_t *z;
	size_t max_field, max_cols, max_shared, shared_mem;
	int date1904;
	char *sheet_name, *sheet_part;
	char *sheet_list;       /* the sheets' names when the first was taken by
	                         * default from several, else NULL */
	size_t shown;           /* then: worksheets not hidden, the one taken among them */

	/* the parser running now, and an error a handler raised */
	XML_Parser p;
	const char *part;       /* part being parsed, for messages */
	vp_err herr;

	/* relationships, sheets (only while opening) */
	rel *rels;
	size_t nrels, relcap;
	sheet *sheets;
	size_t nsheets, sheetcap;

	/* styles */
	numfmt *fmts;
	size_t nfmts, fmtcap;
	uint32_t *xf_fmt;         /* each cell format's number format: its index in fmts */
	size_t nxf, xfcap;
	int in_cellxfs;

	/* shared strings.  In memory: one arena of NUL-terminated strings +
	 * offsets.  Past shared_mem, on disk: two unlinked temporary files, ssd
	 * the strings (NUL-terminated) and ssi each one's end offset in ssd
	 * (uint64_t; SS_OVER set for one over max_field, whose bytes are not
	 * written), and the arena holds only the string being read. */
	char *ss;
	size_t ss_len, ss_cap;
	uint32_t *ss_off;
	size_t ss_n, ss_offcap;
	int in_si, in_t, rph;
	size_t si_start, si_dec;   /* the string being read: its start; decoded up to */
	int si_over;               /* on disk: it is over max_field, its bytes dropped */
	tfile ssd, ssi;
	uint64_t ss_disk;          /* bytes in ssd */
	char *tmpdir;              /* where they are, for messages */
	char *win;                 /* lookups: a window on ssd */
	uint64_t win_off;
	size_t win_len;
	uint64_t *iblk;            /* a block of ssi */
	size_t iblk_first, iblk_n;
	sscache *cache;            /* short strings by index, direct-mapped */

	/* the sheet being streamed */
	zip_file_t *zf;
	int in_sd, suspended, final, done, spent;
	int row_bad, c_bad;     /* a cell over max_field: the row is rejected */
	/* cells holding an error value (t="e"), read as empty: how many, where
	 * the first is ("sheet \"S\" cell C7"), the kinds seen ("#N/A, #REF!") */
	unsigned long nerr;
	char err_at[320], err_kinds[96];
	/* <mergeCell>s over two rows or more starting below merge_floor (the
	 * header's row): how many, the cells below their first rows, and the
	 * first ("A3:A5", the top-most, then left-most) */
	unsigned long merge_floor, nmerged, merged_cells, merged_r1, merged_c1;
	char merged_first[48];
	vp_err bad;             /* why */
	unsigned long row_r, last_row, last_col;
	vp_buf row;             /* cell texts of the current row, NUL-separated */
	rcell *rc;
	size_t nrc, rccap;
	const char **cells;
	size_t *lens;
	size_t cellcap, lencap, ncells;
	int c_on, c_in_v, c_in_is;
	int c_f, c_v, c_is;     /* the cell has a formula, a value, an inline string */
	enum ctype c_type;
	unsigned long c_col, c_style;
	size_t c_start;
	char c_ref[24];
};

/* ---- small helpers ---- */

/* Names are matched by their local part: "x:row" is "row".  (Parts are
 * parsed without namespace processing, which is faster and accepts the
 * prefixed SpreadsheetML some libraries write.) */
static const char *lname(const char *n)
{
	const char *s = strchr(n, ':');
	return s ? s + 1 : n;
}

static const char *attr(const char **a, const char *local)
{
	for (size_t i = 0; a[i]; i += 2)
		if (strcmp(lname(a[i]), local) == 0 && strncmp(a[i], "xmlns", 5) != 0)
			return a[i + 1];
	return NULL;
}

/* Raise an error from inside a handler: recorded, and the parse aborted. */
static void herr_raise(vp_xlsx *x, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void herr_raise(vp_xlsx *x, int code, const char *fmt, ...)
{
	if (x->herr.code)
		return;
	char m[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m, sizeof m, fmt, ap);
	va_end(ap);
	vp_errf(&x->herr, code, "%s: %s", x->path, m);
	XML_StopParser(x->p, XML_FALSE);
}

static void oom(vp_xlsx *x)
{
	herr_raise(x, EX_OSERR, "out of memory");
}

static int parse_ulong(const char *s, unsigned long *v)
{
	if (!s || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	char *end;
	unsigned long r = strtoul(s, &end, 10);
	if (errno || *end)
		return -1;
	*v = r;
	return 0;
}

/* "_xHHHH_" at s[0..n)?  The code unit, or -1. */
static long xesc(const char *s, size_t n)
{
	if (n < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
		return -1;
	long u = 0;
	for (int i = 2; i < 6; i++) {
		int h = vp_hex_digit((unsigned char)s[i]);
		if (h < 0)
			return -1;
		u = u * 16 + h;
	}
	return u;
}

/* Decode OOXML's _xHHHH_ escapes of s[0..n) in place (never longer), those
 * that start before stop; the bytes written, and in *rd where reading
 * stopped (at or past stop).  NUL and unpaired surrogates are dropped. */
static size_t unescape_run(char *s, size_t n, size_t stop, size_t *rd)
{
	*rd = stop;
	if (!memchr(s, '_', stop))
		return stop;
	size_t r = 0, w = 0;
	while (r < stop) {
		long u = s[r] == '_' ? xesc(s + r, n - r) : -1;
		if (u < 0) {
			s[w++] = s[r++];
			continue;
		}
		r += 7;
		if (u >= 0xD800 && u <= 0xDBFF) {
			long lo = xesc(s + r, n - r);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				r += 7;
				w += vp_utf8_encode(0x10000 + (((unsigned long)u - 0xD800) << 10) +
				                        ((unsigned long)lo - 0xDC00), s + w);
			}
			continue;
		}
		if (u == 0 || (u >= 0xDC00 && u <= 0xDFFF))
			continue;
		w += vp_utf8_encode((unsigned long)u, s + w);
	}
	*rd = r;
	return w;
}

/* All of s[0..n); the new length. */
static size_t unescape_x(char *s, size_t n)
{
	size_t rd;
	return unescape_run(s, n, n, &rd);
}

/* ---- exposed helpers ---- */

unsigned long vp_xlsx_col(const char *ref)
{
	unsigned long c = 0;
	size_t i = 0;
	for (; ref[i] >= 'A' && ref[i] <= 'Z'; i++) {
		c = c * 26 + (unsigned long)(ref[i] - 'A' + 1);
		if (c > 16384UL * 1024)
			return 0;
	}
	return i ? c : 0;
}

/* Days since 1970-01-01 <-> civil date (H. Hinnant's algorithms). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = (long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yy + (*m <= 2);
}

int vp_xlsx_serial_iso(double serial, int date1904, int kind, char out[20])
{
	if (kind < 1 || kind > 4 || !isfinite(serial) || serial < 0 || serial >= 2958466.0)
		return 0;
	if (kind == 4) {   /* elapsed time: hours run on past 24 */
		long long t = llround(serial * 86400.0);
		char tmp[64];
		snprintf(tmp, sizeof tmp, "%lld:%02lld:%02lld", t / 3600, t / 60 % 60, t % 60);
		memcpy(out, tmp, 20);
		out[19] = '\0';
		return 1;
	}
	long days = (long)floor(serial);
	double frac = serial - (double)days;
	long secs = 0;
	if (kind == 1) {
		/* a date format shows the day the serial is in (Excel: INT of
		 * it), never the next one for a time rounded up past midnight;
		 * the serial read to the millisecond, as Excel keeps times, so
		 * float noise below a whole day is that day */
		if (llround(frac * 86400000.0) >= 86400000)
			days++;
	} else if ((secs = lround(frac * 86400.0)) >= 86400) {
		days++;   /* (a time shown to the second is rounded, as Excel shows it) */
		secs -= 86400;
	}
	int hh = (int)(secs / 3600), mi = (int)(secs / 60 % 60), ss = (int)(secs % 60);
	if (kind == 3 || (kind == 2 && days == 0 && !date1904)) {
		char tmp[48];
		snprintf(tmp, sizeof tmp, "%02d:%02d:%02d", hh, mi, ss);
		memcpy(out, tmp, 9);
		return 1;
	}
	long y;
	unsigned m, d;
	if (date1904) {
		civil_from_days(days_from_civil(1904, 1, 1) + days, &y, &m, &d);
	} else if (days == 0) {
		return 0;                       /* Excel's "1900-01-00" */
	} else if (days == 60) {
		y = 1900, m = 2, d = 29;        /* Lotus 1-2-3's leap day, kept by Excel */
	} else {
		civil_from_days(days_from_civil(1899, 12, days < 60 ? 31 : 30) + days, &y, &m, &d);
	}
	if (y > 9999)
		return 0;
	char tmp[64];
	if (kind == 1)
		snprintf(tmp, sizeof tmp, "%04ld-%02u-%02u", y, m, d);
	else
		snprintf(tmp, sizeof tmp, "%04ld-%02u-%02uT%02d:%02d:%02d", y, m, d, hh, mi, ss);
	memcpy(out, tmp, 20);
	out[19] = '\0';
	return 1;
}

/* The date kind of a format code (1-4, as vp_xlsx_serial_iso's), or 0. */
static int date_kind(const char *code)
{
	int dt = 0, y = 0, m = 0, h = 0, s = 0, t = 0, el = 0;
	for (size_t i = 0; code[i]; i++) {
		char c = code[i];
		if (c == '"') {
			const char *q = strchr(code + i + 1, '"');
			if (!q)
				break;
			i = (size_t)(q - code);
		} else if (c == '\\' || c == '_' || c == '*') {
			if (!code[i + 1])
				break;
			i++;
		} else if (c == '[') {
			const char *q = strchr(code + i + 1, ']');
			if (!q)
				break;
			/* [h], [mm], [ss]: elapsed time; anything else is a colour,
			 * a locale or a condition */
			size_t n = (size_t)(q - code) - i - 1;
			char e = (char)tolower((unsigned char)code[i + 1]);
			if (n >= 1 && (e == 'h' || e == 'm' || e == 's')) {
				size_t k = 1;
				while (k < n && tolower((unsigned char)code[i + 1 + k]) == e)
					k++;
				if (k == n)
					t = h = el = 1;   /* elapsed: its m is minutes */
			}
			i = (size_t)(q - code);
		} else if (strncasecmp(code + i, "AM/PM", 5) == 0) {
			t = 1;
			i += 4;
		} else if (strncasecmp(code + i, "A/P", 3) == 0) {
			t = 1;
			i += 2;
		} else {
			switch (tolower((unsigned char)c)) {
			case 'd': dt = 1; break;
			case 'y': y = 1; break;
			case 'm': m = 1; break;
			case 'h': h = 1; break;
			case 's': s = 1; break;
			default: break;
			}
		}
	}
	int date = dt || y || (m && !h && !s);
	int time = h || s || t;
	return date && time ? 2 : date ? 1 : el ? 4 : time ? 3 : 0;
}

/* Append s[0..n) to the text of sec before or after its number (by
 * whether the number was read yet): 0, or -1 when it does not fit. */
static int sec_text(vp_xlsx_section *sec, const char *s, size_t n)
{
	char *t = sec->number ? sec->post : sec->pre;
	size_t have = strlen(t);
	if (have + n >= sizeof sec->pre)
		return -1;
	memcpy(t + have, s, n);
	t[have + n] = '\0';
	return 0;
}

/* The bytes of the UTF-8 character at s (1 for a stray byte). */
static size_t char_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	for (size_t k = 1; k < n; k++)
		if (((unsigned char)s[k] & 0xC0) != 0x80)
			return 1;
	return n;
}

/* The digit placeholders at s into sec (0 # ? , placeholders, a point and
 * decimals, an exponent E+00); past them, or NULL if they are not such. */
static const char *sec_number(const char *s, vp_xlsx_section *sec)
{
	unsigned digits = 0, zeros = 0, dec_min = 0, dec_opt = 0;
	for (; *s == '#' || *s == '0' || *s == '?' || *s == ','; s++) {
		if (*s != ',') {
			digits++;
			zeros += *s == '0';
		} else if (!digits || (s[1] != '#' && s[1] != '0' && s[1] != '?')) {
			return NULL;   /* a comma scaling by 1000 ("#,##0,") */
		} else {
			sec->group = 1;
		}
	}
	if (*s == '.') {
		for (s++; *s == '0'; s++)
			dec_min++;
		for (; *s == '#' || *s == '?'; s++)
			dec_opt++;
		if (!dec_min && !dec_opt)
			return NULL;   /* "0.": the point shown alone */
	} else if (!digits) {
		return NULL;
	}
	if ((*s == 'E' || *s == 'e') && (s[1] == '+' || s[1] == '-')) {
		sec->exp_plus = s[1] == '+';
		for (s += 2; *s == '0'; s++)
			sec->exp_min++;
		/* one digit before the point: "##0.0E+0" (engineering) is not read */
		if (!sec->exp_min || sec->exp_min > 3 || digits != 1 || sec->group)
			return NULL;
	}
	if (zeros > 64 || dec_min + dec_opt > 30)   /* Excel's most: 30 decimals */
		return NULL;
	sec->number = 1;
	sec->int_min = (unsigned char)zeros;
	sec->dec_min = (unsigned char)dec_min;
	sec->dec_max = (unsigned char)(dec_min + dec_opt);
	return s;
}

/* One section at s into sec; where it ends (at ';' or the end), or NULL
 * if it is not one understood (see vp_xlsx_fmt_parse). */
static const char *fixed_section(const char *s, vp_xlsx_section *sec)
{
	memset(sec, 0, sizeof *sec);
	while (*s && *s != ';') {
		unsigned char c = (unsigned char)*s;
		if ((c == '_' || c == '*') && s[1]) {
			s += 1 + char_len(s + 1);   /* padding as wide as a char; a fill */
		} else if (c == '"') {
			const char *q = strchr(s + 1, '"');
			if (!q || sec_text(sec, s + 1, (size_t)(q - s - 1)))
				return NULL;
			s = q + 1;
		} else if (c == '\\' && s[1]) {
			size_t n = char_len(s + 1);
			if (sec_text(sec, s + 1, n))
				return NULL;
			s += 1 + n;
		} else if (c == '[') {
			/* a colour, [Red] [Color10]; a locale, [$-809] [$-en-GB]; a
			 * currency in a locale's form, [$£-809] [$€-1] [$USD]: the
			 * symbol shown */
			const char *q = strchr(s, ']');
			if (!q || q == s + 1)
				return NULL;
			if (s[1] == '$') {
				const char *dash = memchr(s + 2, '-', (size_t)(q - s - 2));
				if (sec_text(sec, s + 2, (size_t)((dash ? dash : q) - s - 2)))
					return NULL;
			} else {
				for (const char *k = s + 1; k < q; k++)
					if (!isalnum((unsigned char)*k))
						return NULL;   /* a condition, [>100] */
			}
			s = q + 1;
		} else if (c == '0' || c == '#' || c == '?' || c == '.') {
			if (sec->number || !(s = sec_number(s, sec)))
				return NULL;   /* one number a section */
		} else if (c == '%') {
			if (sec->percent || sec->exp_min || sec_text(sec, s, 1))
				return NULL;
			sec->percent = 1;
			s++;
		} else if (c >= 0x80 || strchr("$-+()/: ", c)) {
			/* shown as written without quotes: currency symbols,
			 * signs, brackets, spaces */
			size_t n = char_len(s);
			if (sec_text(sec, s, n))
				return NULL;
			s += n;
		} else {
			return NULL;   /* letters not quoted, '@' (text), ',' scaling */
		}
	}
	return s;
}

/* Section sec shows a negative's sign, in a '-' or brackets of its text. */
static int shows_sign(const vp_xlsx_section *sec)
{
	return strpbrk(sec->pre, "-(") || strpbrk(sec->post, "-)");
}

int vp_xlsx_fmt_parse(const char *code, vp_xlsx_numfmt *f)
{
	memset(f, 0, sizeof *f);
	int kind = date_kind(code);
	if (kind) {
		f->kind = (unsigned char)kind;
		return kind;
	}
	const char *s = code;
	for (;;) {
		if (!(s = fixed_section(s, &f->sec[f->nsec])))
			break;
		f->nsec++;
		if (!*s)
			break;
		s++;
		if (f->nsec == 3)
			break;   /* a fourth section is for text: not a number's */
	}
	/* the first two must show the number, the second its sign */
	if (!s || !f->nsec || !f->sec[0].number ||
	    (f->nsec >= 2 && (!f->sec[1].number || !shows_sign(&f->sec[1]))))
		memset(f, 0, sizeof *f);   /* General */
	else
		f->kind = VP_XLSX_FIXED;
	return f->kind;
}

/* The codes of Excel's built-in formats, which a workbook names by id alone
 * (ECMA-376 18.8.30); the locale's currency (5-8) and East Asian dates
 * (27-36, 50-58) are not among them: General. */
static const char *builtin_code(unsigned long id)
{
	static const char *const code[] = {
		[1] = "0", [2] = "0.00", [3] = "#,##0", [4] = "#,##0.00", [9] = "0%",
		[10] = "0.00%", [11] = "0.00E+00", [12] = "# ?/?", [13] = "# ?\?/??",
		[14] = "mm-dd-yy", [15] = "d-mmm-yy", [16] = "d-mmm", [17] = "mmm-yy",
		[18] = "h:mm AM/PM", [19] = "h:mm:ss AM/PM", [20] = "h:mm", [21] = "h:mm:ss",
		[22] = "m/d/yy h:mm", [37] = "#,##0 ;(#,##0)", [38] = "#,##0 ;[Red](#,##0)",
		[39] = "#,##0.00;(#,##0.00)", [40] = "#,##0.00;[Red](#,##0.00)", [45] = "mm:ss",
		[46] = "[h]:mm:ss", [47] = "mmss.0", [48] = "##0.0E+0", [49] = "@",
	};
	return id < sizeof code / sizeof *code && code[id] ? code[id] : "General";
}

/* a (finite, > 0) to the 15 significant digits Excel keeps: the digits in
 * dig, trailing zeros dropped (one at least); their count; *exp the power
 * of ten of the first. */
static size_t digits15(double a, char dig[16], int *exp)
{
	char t[32];
	snprintf(t, sizeof t, "%.14e", a);   /* d.dddddddddddddde+XX */
	dig[0] = t[0];
	memcpy(dig + 1, t + 2, 14);
	*exp = (int)strtol(t + 17, NULL, 10);
	size_t n = 15;
	while (n > 1 && dig[n - 1] == '0')
		n--;
	return n;
}

/* The number of digits dig[0..n) (none: 0), the first at the power exp,
 * negative if neg, under the FIXED format f, in out; its length.  Rounded
 * half away from zero on those decimal digits, as Excel does (2.675, held
 * as 2.67499999999999982..., to 15 digits 2.675, is shown 2.68); a negative
 * that rounds to nothing keeps its sign ("-0"), as in Excel. */
static int show_fixed(char dig[16], size_t n, int exp, int neg, const vp_xlsx_section *f,
                      char *out)
{
	if (f->percent)
		exp += 2;
	long keep = (long)exp + 1 + f->dec_max;   /* digits down to the last decimal */
	if (keep < (long)n) {
		int up = keep >= 0 && dig[keep] >= '5';
		size_t i = n = keep > 0 ? (size_t)keep : 0;
		if (up) {
			while (i > 0 && dig[i - 1] == '9')
				i--;   /* (nines carried become zeros, past n) */
			if (i == 0) {
				dig[0] = '1';
				n = 1;
				exp++;   /* 9.995 -> 10.00: a power up */
			} else {
				dig[i - 1]++;
				n = i;
			}
		}
	}
	char *o = out;
	if (neg)
		*o++ = '-';
	int idigits = n && exp >= 0 ? exp + 1 : 0;
	for (int p = idigits > f->int_min ? idigits - 1 : f->int_min - 1; p >= 0; p--) {
		long k = (long)exp - p;
		*o++ = n && k >= 0 && k < (long)n ? dig[k] : '0';
		if (f->group && p && p % 3 == 0)
			*o++ = ',';
	}
	if (f->dec_max) {
		*o++ = '.';
		char *first = o;
		for (int p = 1; p <= f->dec_max; p++) {
			long k = (long)exp + p;
			*o++ = n && k >= 0 && k < (long)n ? dig[k] : '0';
		}
		while (o > first + f->dec_min && o[-1] == '0')
			o--;   /* "0.0#": optional decimals */
	}
	*o = '\0';
	return (int)(o - out);
}

/* The digits dig[0..n) (none: 0), the first at the power exp, in exponent
 * form under f ("0.00E+00": 1234.5 -> 1.23E+03), rounded half away from
 * zero as show_fixed rounds, in out; its length. */
static int show_exp(char dig[16], size_t n, int exp, int neg, const vp_xlsx_section *f,
                    char *out)
{
	size_t keep = 1 + (size_t)f->dec_max;   /* significant digits shown */
	if (n > keep) {
		int up = dig[keep] >= '5';
		size_t i = n = keep;
		if (up) {
			while (i > 0 && dig[i - 1] == '9')
				i--;
			if (i == 0) {
				dig[0] = '1';   /* 9.995E+00 -> 1.00E+01 */
				n = 1;
				exp++;
			} else {
				dig[i - 1]++;
				n = i;
			}
		}
	}
	if (!n)
		exp = 0;
	char *o = out;
	if (neg)
		*o++ = '-';
	*o++ = n ? dig[0] : '0';
	if (f->dec_max) {
		*o++ = '.';
		char *first = o;
		for (size_t p = 1; p <= f->dec_max; p++)
			*o++ = p < n ? dig[p] : '0';
		while (o > first + f->dec_min && o[-1] == '0')
			o--;
	}
	*o++ = 'E';
	if (exp < 0 || f->exp_plus)
		*o++ = exp < 0 ? '-' : '+';
	o += snprintf(o, 8, "%0*d", f->exp_min, exp < 0 ? -exp : exp);
	return (int)(o - out);
}

/* As General shows it in a column wide enough: all of the 15 digits;
 * written out below 1E+15 (whole numbers, ids, in full) and down to 1E-5,
 * or to 1E-9 within 15 decimals (0.00000015); else in exponent form, as
 * Excel writes it (1E+20, 1.5E-16). */
static int show_general(char dig[16], size_t n, int exp, int neg, char *out)
{
	if (!n || (exp < 15 && (exp >= -5 || (exp >= -9 && (size_t)(-exp - 1) + n <= 15)))) {
		long dec = (long)n - 1 - exp;
		vp_xlsx_section f = {.int_min = 1, .dec_max = (unsigned char)(dec > 0 ? dec : 0)};
		return show_fixed(dig, n, exp, neg, &f, out);
	}
	char *o = out;
	if (neg)
		*o++ = '-';
	*o++ = dig[0];
	if (n > 1) {
		*o++ = '.';
		memcpy(o, dig + 1, n - 1);
		o += n - 1;
	}
	o += snprintf(o, 8, "E%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
	return (int)(o - out);
}

int vp_xlsx_show(const char *num, const vp_xlsx_numfmt *f, int date1904, char out[VP_XLSX_SHOWN])
{
	/* a sheet's numbers are decimal: not strtod's hex, inf or nan */
	if (!*num || strpbrk(num, "xXiInN"))
		return -1;
	char *end;
	double v = strtod(num, &end);
	if (end == num || *end || !isfinite(v))
		return -1;
	if (f->kind >= 1 && f->kind <= 4 && vp_xlsx_serial_iso(v, date1904, f->kind, out))
		return (int)strlen(out);
	char dig[16];
	int exp = 0;
	size_t n = v != 0 ? digits15(fabs(v), dig, &exp) : 0;
	if (f->kind != VP_XLSX_FIXED)
		return show_general(dig, n, exp, v < 0, out);
	/* the section: negatives' (shown without their minus), zero's, or the first */
	int neg = v < 0;
	const vp_xlsx_section *sec = &f->sec[0];
	if (neg && f->nsec >= 2) {
		sec = &f->sec[1];
		neg = 0;
	} else if (v == 0 && f->nsec >= 3) {
		sec = &f->sec[2];
	}
	char *o = out;
	if (neg)
		*o++ = '-';   /* before the text: -£5.00, as Excel */
	o = stpcpy(o, sec->pre);
	if (sec->number)
		o += (sec->exp_min ? show_exp : show_fixed)(dig, n, exp, 0, sec, o);
	o = stpcpy(o, sec->post);
	/* spaces at the ends are spacing ("#,##0 ;(#,##0)"), not the value */
	char *b = out + (neg ? 1 : 0);
	size_t lead = strspn(b, " ");
	memmove(b, b + lead, (size_t)(o - b - lead) + 1);
	o -= lead;
	while (o > out && o[-1] == ' ')
		*--o = '\0';
	return (int)(o - out);
}

/* ---- parsing one zip part through expat ---- */

static int zip_fail(vp_xlsx *x, vp_err *e, const char *part, const char *what)
{
	return vp_errf(e, EX_DATAERR, "%s: %s: corrupt or truncated workbook (%s)", x->path,
	               part, what);
}

static zip_int64_t locate(vp_xlsx *x, const char *part)
{
	return zip_name_locate(x->z, part, ZIP_FL_NOCASE);
}

/* Feed one chunk from zf into x->p.  Returns the expat status, or -1 with e
 * filled (zip read error). */
static int feed(vp_xlsx *x, zip_file_t *zf, int *final, vp_err *e)
{
	void *buf = XML_GetBuffer(x->p, CHUNK);
	if (!buf)
		return vp_errf(e, EX_OSERR, "%s: out of memory", x->path), -1;
	zip_int64_t n = zip_fread(zf, buf, CHUNK);
	if (n < 0)
		return zip_fail(x, e, x->part, zip_file_strerror(zf)), -1;
	*final = n == 0;
	return XML_ParseBuffer(x->p, (int)n, *final);
}

static int xml_fail(vp_xlsx *x, zip_file_t *zf, vp_err *e)
{
	if (x->herr.code) {
		*e = x->herr;
		return e->code;
	}
	enum XML_Error c = XML_GetErrorCode(x->p);
	if (c == XML_ERROR_NO_MEMORY)
		return vp_errf(e, EX_OSERR, "%s: out of memory", x->path);
	/* Damaged compressed data inflates to garbage before the CRC at the end
	 * of the entry says so: read on, and blame the zip if it fails. */
	char scratch[4096];
	zip_int64_t n;
	while ((n = zip_fread(zf, scratch, sizeof scratch)) > 0)
		;
	if (n < 0)
		return zip_fail(x, e, x->part, zip_file_strerror(zf));
	return vp_errf(e, EX_DATAERR, "%s: %s:%lu: malformed XML: %s", x->path, x->part,
	               (unsigned long)XML_GetCurrentLineNumber(x->p), XML_ErrorString(c));
}

static XML_Parser new_parser(vp_xlsx *x, XML_StartElementHandler st,
                             XML_EndElementHandler en, XML_CharacterDataHandler cd)
{
	XML_Parser p = XML_ParserCreate(NULL);
	if (!p)
		return NULL;
	XML_SetUserData(p, x);
	XML_SetElementHandler(p, st, en);
	if (cd)
		XML_SetCharacterDataHandler(p, cd);
	return p;
}

/* Parse the whole part; 0, 1 when it is absent and !required, or EX_*. */
static int parse_part(vp_xlsx *x, const char *part, int required, XML_StartElementHandler st,
                      XML_EndElementHandler en, XML_CharacterDataHandler cd, vp_err *e)
{
	zip_int64_t idx = locate(x, part);
	if (idx < 0) {
		if (!required)
			return 1;
		return vp_errf(e, EX_DATAERR, "%s: not an .xlsx workbook (no %s in the zip archive)",
		               x->path, part);
	}
	zip_file_t *zf = zip_fopen_index(x->z, (zip_uint64_t)idx, 0);
	if (!zf)
		return zip_fail(x, e, part, zip_strerror(x->z));
	x->p = new_parser(x, st, en, cd);
	if (!x->p) {
		zip_fclose(zf);
		return vp_errf(e, EX_OSERR, "%s: out of memory", x->path);
	}
	x->part = part;
	int rc = 0, final = 0;
	while (!final) {
		int st2 = feed(x, zf, &final, e);
		if (st2 < 0) {
			rc = e->code;
			break;
		}
		if (st2 == XML_STATUS_ERROR) {
			rc = xml_fail(x, zf, e);
			break;
		}
	}
	XML_ParserFree(x->p);
	x->p = NULL;
	zip_fclose(zf);
	return rc;
}

/* ---- relationships ---- */

static void rels_free(vp_xlsx *x)
{
	for (size_t i = 0; i < x->nrels; i++) {
		free(x->rels[i].id);
		free(x->rels[i].type);
		free(x->rels[i].target);
	}
	free(x->rels);
	x->rels = NULL;
	x->nrels = x->relcap = 0;
}

static void XMLCALL rels_start(void *ud, const char *name, const char **a)
{
	vp_xlsx *x = ud;
	if (strcmp(lname(name), "Relationship") != 0)
		return;
	const char *id = attr(a, "Id"), *ty = attr(a, "Type"), *tg = attr(a, "Target");
	if (!id || !ty || !tg)
		return;
	if (x->nrels >= MAX_RELS)
		return herr_raise(x, EX_DATAERR, "%s: too many relationships", x->part);
	if (vp_grow(&x->rels, &x->relcap, x->nrels + 1, sizeof *x->rels))
		return oom(x);
	rel *r = &x->rels[x->nrels];
	r->id = strdup(id);
	r->type = strdup(ty);
	r->target = strdup(tg);
	x->nrels++;
	if (!r->id || !r->type || !r->target)
		oom(x);
}

static void XMLCALL ignore_end(void *ud, const char *name)
{
	(void)ud, (void)name;
}

/* The relationship whose Type ends in "/suffix" (or, with id, whose Id is id). */
static const rel *rel_find(const vp_xlsx *x, const char *suffix, const char *id)
{
	for (size_t i = 0; i < x->nrels; i++) {
		const rel *r = &x->rels[i];
		if (id) {
			if (strcmp(r->id, id) == 0)
				return r;
			continue;
		}
		size_t tl = strlen(r->type), sl = strlen(suffix);
		if (tl > sl && r->type[tl - sl - 1] == '/' && strcmp(r->type + tl - sl, suffix) == 0)
			return r;
	}
	return NULL;
}

/* Resolve target against the directory dir ("xl"); a malloc'd part name. */
static char *resolve(const char *dir, const char *target)
{
	vp_buf b = VP_BUF_INIT;
	if (target[0] == '/')
		target++;
	else if (*dir && (vp_buf_puts(&b, dir) || vp_buf_putc(&b, '/')))
		goto fail;
	while (*target) {
		const char *sl = strchr(target, '/');
		size_t n = sl ? (size_t)(sl - target) : strlen(target);
		if (n == 2 && target[0] == '.' && target[1] == '.') {
			/* drop the last directory of b */
			if (b.len)
				b.len--;
			while (b.len && b.data[b.len - 1] != '/')
				b.len--;
			if (b.data)
				b.data[b.len] = '\0';
		} else if (!(n == 1 && target[0] == '.') && n) {
			if (vp_buf_append(&b, target, n) || (sl && vp_buf_putc(&b, '/')))
				goto fail;
		}
		target += n + (sl != NULL);
	}
	return vp_buf_steal(&b);
fail:
	vp_buf_free(&b);
	return NULL;
}

/* ---- workbook.xml ---- */

static void XMLCALL wb_start(void *ud, const char *name, const char **a)
{
	vp_xlsx *x = ud;
	const char *l = lname(name);
	if (strcmp(l, "workbookPr") == 0) {
		const char *v = attr(a, "date1904");
		x->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(l, "sheet") == 0) {
		const char *n = attr(a, "name"), *id = attr(a, "id");
		if (!n || !id)
			return herr_raise(x, EX_DATAERR, "%s: a sheet without a name or id", x->part);
		if (x->nsheets >= MAX_SHEETS)
			return herr_raise(x, EX_DATAERR, "%s: too many sheets", x->part);
		if (vp_grow(&x->sheets, &x->sheetcap, x->nsheets + 1, sizeof *x->sheets))
			return oom(x);
		sheet *s = &x->sheets[x->nsheets++];
		const char *st = attr(a, "state");
		s->hidden = st && (strcmp(st, "hidden") == 0 || strcmp(st, "veryHidden") == 0);
		s->name = strdup(n);
		s->rid = strdup(id);
		if (!s->name || !s->rid)
			oom(x);
	}
}

static void sheets_free(vp_xlsx *x)
{
	for (size_t i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
	}
	free(x->sheets);
	x->sheets = NULL;
	x->nsheets = x->sheetcap = 0;
}

/* ---- styles.xml ---- */

static void XMLCALL st_start(void *ud, const char *name, const char **a)
{
	vp_xlsx *x = ud;
	const char *l = lname(name);
	unsigned long id;
	if (strcmp(l, "numFmt") == 0) {
		const char *code = attr(a, "formatCode");
		if (parse_ulong(attr(a, "numFmtId"), &id) || !code)
			return;
		if (x->nfmts >= MAX_NUMFMT)
			return herr_raise(x, EX_DATAERR, "%s: too many number formats", x->part);
		if (vp_grow(&x->fmts, &x->fmtcap, x->nfmts + 1, sizeof *x->fmts))
			return oom(x);
		x->fmts[x->nfmts].id = id;
		vp_xlsx_fmt_parse(code, &x->fmts[x->nfmts++].f);
	} else if (strcmp(l, "cellXfs") == 0) {
		x->in_cellxfs = 1;
	} else if (strcmp(l, "xf") == 0 && x->in_cellxfs) {
		if (x->nxf >= MAX_XF)
			return herr_raise(x, EX_DATAERR, "%s: too many cell formats", x->part);
		if (vp_grow(&x->xf_fmt, &x->xfcap, x->nxf + 1, sizeof *x->xf_fmt))
			return oom(x);
		if (parse_ulong(attr(a, "numFmtId"), &id) != 0)
			id = 0;   /* General */
		size_t k = x->nfmts;
		for (size_t i = 0; i < x->nfmts; i++)
			if (x->fmts[i].id == id)
				k = i;   /* the last of that id */
		if (k == x->nfmts) {
			/* a built-in format, read once into fmts (the ids it has
			 * not, as General's: a few entries however many cell formats
			 * name them, each cell format 4 bytes) */
			const char *code = builtin_code(id);
			if (strcmp(code, "General") == 0 && id != 0)
				for (size_t i = 0; i < x->nfmts; i++)
					if (x->fmts[i].id == 0)
						k = i;
			if (k == x->nfmts) {
				if (vp_grow(&x->fmts, &x->fmtcap, x->nfmts + 1, sizeof *x->fmts))
					return oom(x);
				x->fmts[x->nfmts].id = strcmp(code, "General") == 0 ? 0 : id;
				vp_xlsx_fmt_parse(code, &x->fmts[x->nfmts++].f);
			}
		}
		x->xf_fmt[x->nxf++] = (uint32_t)k;
	}
}

static void XMLCALL st_end(void *ud, const char *name)
{
	vp_xlsx *x = ud;
	if (strcmp(lname(name), "cellXfs") == 0)
		x->in_cellxfs = 0;
}

/* ---- sharedStrings.xml ---- */

static int tf_flush(tfile *t)
{
	if (vp_write_all(t->fd, t->buf, t->len))
		return -1;
	t->len = 0;
	return 0;
}

static int tf_write(tfile *t, const void *p, size_t n)
{
	if (n == 0)   /* (p may be NULL: an arena never allocated) */
		return 0;
	if (t->len + n > TFBUF && tf_flush(t))
		return -1;
	if (n >= TFBUF)
		return vp_write_all(t->fd, p, n);
	memcpy(t->buf + t->len, p, n);
	t->len += n;
	return 0;
}

static void tf_close(tfile *t)
{
	if (t->fd >= 0)
		close(t->fd);
	t->fd = -1;
	free(t->buf);
	t->buf = NULL;
	t->len = 0;
}

static void ss_werr(vp_xlsx *x)
{
	herr_raise(x, EX_IOERR, "%s: cannot write the shared strings to a temporary file in %s: %s; "
	           "set TMPDIR to a directory with more room", x->part, x->tmpdir, strerror(errno));
}

/* An unlinked temporary file in x->tmpdir. */
static int tf_open(vp_xlsx *x, tfile *t)
{
	vp_buf name = VP_BUF_INIT;
	t->buf = malloc(TFBUF);
	if (!t->buf || vp_buf_printf(&name, "%s/vp-xlsx-strings.XXXXXX", x->tmpdir)) {
		vp_buf_free(&name);
		oom(x);
		return -1;
	}
	t->fd = mkstemp(name.data);
	if (t->fd < 0 || unlink(name.data) != 0) {
		herr_raise(x, EX_IOERR, "%s: cannot create a temporary file for the shared strings in "
		           "%s: %s; set TMPDIR to a writable directory with room", x->part, x->tmpdir,
		           strerror(errno));
		vp_buf_free(&name);
		return -1;
	}
	vp_buf_free(&name);
	return 0;
}

/* The table outgrew shared_mem: the strings read so far go to temporary
 * files, and the arena keeps only the one being read. */
static int ss_spill(vp_xlsx *x)
{
	const char *t = getenv("TMPDIR");
	x->tmpdir = strdup(t && *t ? t : "/tmp");
	if (!x->tmpdir) {
		oom(x);
		return -1;
	}
	if (tf_open(x, &x->ssd) || tf_open(x, &x->ssi))
		return -1;
	if (tf_write(&x->ssd, x->ss, x->si_start))
		return ss_werr(x), -1;
	for (size_t k = 0; k < x->ss_n; k++) {
		uint64_t end = k + 1 < x->ss_n ? x->ss_off[k + 1] : x->si_start;
		if (tf_write(&x->ssi, &end, sizeof end))
			return ss_werr(x), -1;
	}
	x->ss_disk = x->si_start;
	free(x->ss_off);
	x->ss_off = NULL;
	x->ss_offcap = 0;
	size_t cur = x->ss_len - x->si_start;
	if (cur)
		memmove(x->ss, x->ss + x->si_start, cur);
	x->si_dec -= x->si_start;
	x->ss_len = cur;
	x->si_start = 0;
	if (x->ss_cap > 2 * CHUNK && cur < CHUNK) {   /* give back the big arena */
		char *p = realloc(x->ss, CHUNK);
		if (p) {
			x->ss = p;
			x->ss_cap = CHUNK;
		}
	}
	return 0;
}

static int ss_append(vp_xlsx *x, const char *s, size_t n)
{
	if (x->herr.code)   /* (expat may call on after an error) */
		return -1;
	/* the limit counts the strings and their offsets (4 bytes each in
	 * memory, 8 on disk) */
	uint64_t held = x->ssd.fd >= 0
		? x->ss_disk + x->ss_len + (uint64_t)(x->ss_n + 1) * sizeof(uint64_t)
		: x->ss_len + (uint64_t)(x->ss_n + 1) * sizeof *x->ss_off;
	if (held + n + 1 > x->max_shared) {
		herr_raise(x, EX_DATAERR,
		           "%s: the shared strings take more than %zu bytes (the max-shared limit); "
		           "save the sheet as CSV (File > Save As > CSV UTF-8) and read that",
		           x->part, x->max_shared);
		return -1;
	}
	if (x->ssd.fd < 0 && held + n + 1 > x->shared_mem && ss_spill(x))
		return -1;
	if (x->ss_len + n + 1 > x->ss_cap) {
		size_t need = x->ss_len + n + 1, cap = x->ss_cap ? x->ss_cap : 65536;
		while (cap < need)
			cap *= 2;
		if (x->ssd.fd < 0 && cap > x->shared_mem)
			cap = need > x->shared_mem ? need : x->shared_mem;
		char *p = realloc(x->ss, cap);
		if (!p) {
			oom(x);
			return -1;
		}
		x->ss = p;
		x->ss_cap = cap;
	}
	memcpy(x->ss + x->ss_len, s, n);
	x->ss_len += n;
	return 0;
}

/* Decode the escapes of the string being read from si_dec on: to its end
 * (final), else short of its last 13 bytes, where an escape (or a pair of
 * them, a surrogate pair) may be cut short. */
static void ss_decode(vp_xlsx *x, int final)
{
	size_t n = x->ss_len - x->si_dec;
	if (n == 0 || (!final && n <= 13))
		return;
	char *s = x->ss + x->si_dec;
	size_t rd, w = unescape_run(s, n, final ? n : n - 13, &rd);
	memmove(s + w, s + rd, n - rd);
	x->si_dec += w;
	x->ss_len = x->si_dec + (n - rd);
}

/* The string just read, on disk. */
static void ss_put(vp_xlsx *x)
{
	if (!x->si_over) {
		if (tf_write(&x->ssd, x->ss, x->ss_len))
			return ss_werr(x);
		x->ss_disk += x->ss_len;
	}
	uint64_t end = x->ss_disk | (x->si_over ? SS_OVER : 0);
	if (tf_write(&x->ssi, &end, sizeof end))
		return ss_werr(x);
	x->ss_n++;
	x->ss_len = x->si_start = x->si_dec = 0;
}

static void XMLCALL ss_start(void *ud, const char *name, const char **a)
{
	vp_xlsx *x = ud;
	(void)a;
	const char *l = lname(name);
	if (strcmp(l, "si") == 0) {
		x->in_si = 1;
		x->rph = 0;
		x->si_start = x->si_dec = x->ss_len;
		x->si_over = 0;
	} else if (strcmp(l, "rPh") == 0) {
		x->rph++;
	} else if (strcmp(l, "t") == 0 && x->in_si && !x->rph) {
		x->in_t = 1;
	}
}

static void XMLCALL ss_end(void *ud, const char *name)
{
	vp_xlsx *x = ud;
	const char *l = lname(name);
	if (strcmp(l, "t") == 0) {
		x->in_t = 0;
	} else if (strcmp(l, "rPh") == 0) {
		if (x->rph)
			x->rph--;
	} else if (strcmp(l, "si") == 0 && x->in_si) {
		x->in_si = 0;
		if (x->herr.code)
			return;
		ss_decode(x, 1);
		if (x->ssd.fd >= 0 && x->ss_len - x->si_start > x->max_field) {
			x->si_over = 1;
			x->ss_len = x->si_dec = x->si_start;
		}
		if (x->ss_n >= UINT32_MAX)
			return herr_raise(x, EX_DATAERR, "%s: too many shared strings", x->part);
		if (!x->si_over && ss_append(x, "", 1))
			return;
		if (x->ssd.fd >= 0)
			return ss_put(x);
		x->ss[x->ss_len - 1] = '\0';
		if (vp_grow(&x->ss_off, &x->ss_offcap, x->ss_n + 1, sizeof *x->ss_off))
			return oom(x);
		x->ss_off[x->ss_n++] = (uint32_t)x->si_start;
	}
}

static void XMLCALL ss_text(void *ud, const char *s, int n)
{
	vp_xlsx *x = ud;
	if (!x->in_t || x->si_over || ss_append(x, s, (size_t)n))
		return;
	if (x->ss_len - x->si_dec > DEC_STEP) {
		ss_decode(x, 0);
		if (x->ssd.fd >= 0 && x->si_dec - x->si_start > x->max_field) {
			x->si_over = 1;   /* (a cell using it is rejected: no need to keep it) */
			x->ss_len = x->si_dec = x->si_start;
		}
	}
}

/* After the table is read: the files written out, and set up for lookups. */
static int ss_done(vp_xlsx *x, const char *part, vp_err *e)
{
	if (x->ssd.fd < 0)
		return 0;
	if (tf_flush(&x->ssd) || tf_flush(&x->ssi))
		return vp_errf(e, EX_IOERR, "%s: %s: cannot write the shared strings to a temporary "
		               "file in %s: %s; set TMPDIR to a directory with more room", x->path,
		               part, x->tmpdir, strerror(errno));
	free(x->ssd.buf);
	free(x->ssi.buf);
	x->ssd.buf = x->ssi.buf = NULL;
	free(x->ss);
	x->ss = NULL;
	x->ss_len = x->ss_cap = 0;
	x->win = malloc(WIN);
	x->iblk = malloc(IBLK * sizeof *x->iblk);
	x->cache = calloc(NCACHE, sizeof *x->cache);
	if (!x->win || !x->iblk || !x->cache)
		return vp_errf(e, EX_OSERR, "%s: out of memory", x->path);
	return 0;
}

static int pread_all(int fd, void *buf, size_t n, uint64_t off, size_t *got)
{
	size_t done = 0;
	while (done < n) {
		ssize_t r = pread(fd, (char *)buf + done, n - done, (off_t)(off + done));
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0)
			break;
		done += (size_t)r;
	}
	*got = done;
	return 0;
}

static void ss_rerr(vp_xlsx *x, int err)
{
	herr_raise(x, EX_IOERR, "cannot read the shared strings back from their temporary file "
	           "in %s: %s", x->tmpdir, err ? strerror(err) : "it is shorter than written");
}

/* Where shared string i lies in ssd: [*start, *end), the end with its
 * SS_OVER flag.  The offsets are read from ssi into iblk: IBLK of them when
 * the strings are taken in order (the block held ran out), else the two
 * needed (a read ahead would be wasted). */
static int idx_get(vp_xlsx *x, size_t i, uint64_t *start, uint64_t *end)
{
	size_t k = i ? i - 1 : 0, last = x->iblk_first + x->iblk_n;
	if (k < x->iblk_first || i >= last) {
		size_t want = x->iblk_n && k + 1 >= last && k <= last ? IBLK : 2, got;
		x->iblk_first = k;
		x->iblk_n = 0;
		if (pread_all(x->ssi.fd, x->iblk, want * sizeof *x->iblk,
		              (uint64_t)k * sizeof *x->iblk, &got))
			return ss_rerr(x, errno), -1;
		x->iblk_n = got / sizeof *x->iblk;
		if (i >= k + x->iblk_n)
			return ss_rerr(x, 0), -1;
	}
	*start = i ? x->iblk[i - 1 - x->iblk_first] & ~SS_OVER : 0;
	*end = x->iblk[i - x->iblk_first];
	return 0;
}

static int cell_set(vp_xlsx *x, const char *s, size_t n);
static int too_long(vp_xlsx *x, size_t n);

/* The current cell's text from shared string i, on disk: from the cache, the
 * window, or read.  0, or -1 when the cell is dropped or an error raised. */
static int ss_cell(vp_xlsx *x, size_t i)
{
	sscache *c = &x->cache[i & (NCACHE - 1)];
	if (c->key == i + 1)
		return cell_set(x, c->s, c->len);
	uint64_t start, end;
	if (idx_get(x, i, &start, &end))
		return -1;
	if (end & SS_OVER) {
		x->row.len = x->c_start;
		too_long(x, SIZE_MAX);
		return -1;
	}
	size_t n = (size_t)(end - start) - 1, got;   /* (without its NUL) */
	if (n < WIN) {
		uint64_t wend = x->win_off + x->win_len;
		if (start < x->win_off || start + n > wend) {
			/* in order (at or just past the window): read ahead; else
			 * only the string */
			size_t want = x->win_len && start >= x->win_off && start <= wend + CSTR ? WIN : n + 1;
			x->win_len = 0;
			if (pread_all(x->ssd.fd, x->win, want, start, &got))
				return ss_rerr(x, errno), -1;
			if (got < n)
				return ss_rerr(x, 0), -1;
			x->win_off = start;
			x->win_len = got;
		}
		const char *p = x->win + (start - x->win_off);
		if (n <= CSTR) {
			c->key = i + 1;
			c->len = (uint32_t)n;
			memcpy(c->s, p, n);
		}
		return cell_set(x, p, n);
	}
	/* a long one: straight into the row */
	x->row.len = x->c_start;
	if (too_long(x, n))
		return -1;
	if (vp_buf_reserve(&x->row, n))
		return oom(x), -1;
	if (pread_all(x->ssd.fd, x->row.data + x->c_start, n, start, &got))
		return ss_rerr(x, errno), -1;
	if (got < n)
		return ss_rerr(x, 0), -1;
	x->row.len += n;
	x->row.data[x->row.len] = '\0';
	return 0;
}

/* ---- the sheet ---- */

/* The current cell's reference ("B7"), for messages. */
size_t vp_xlsx_col_letters(unsigned long col, char *out, size_t size)
{
	char rev[16];
	size_t k = 0, j = 0;
	for (unsigned long c = col; c && k < sizeof rev; c = (c - 1) / 26)
		rev[k++] = (char)('A' + (c - 1) % 26);
	while (k && j + 1 < size)
		out[j++] = rev[--k];
	out[j] = '\0';
	return j;
}

static const char *ref(vp_xlsx *x)
{
	char *out = x->c_ref;
	size_t n = sizeof x->c_ref;
	size_t j = vp_xlsx_col_letters(x->c_col, out, n);
	snprintf(out + j, n - j, "%lu", x->row_r);
	return out;
}

/* "B3" of a range: column and row, or -1. */
static int cell_ref(const char *s, size_t n, unsigned long *col, unsigned long *row)
{
	size_t i = 0;
	unsigned long c = 0, r = 0;
	for (; i < n && s[i] >= 'A' && s[i] <= 'Z' && c <= 16384; i++)
		c = c * 26 + (unsigned long)(s[i] - 'A' + 1);
	if (!c || c > 16384 || i == n)
		return -1;
	for (; i < n && s[i] >= '0' && s[i] <= '9' && r <= 1048576; i++)
		r = r * 10 + (unsigned long)(s[i] - '0');
	if (i != n || !r || r > 1048576)
		return -1;
	*col = c;
	*row = r;
	return 0;
}

/* A <mergeCell ref="A3:A5"> (after the sheet's rows): one over two rows
 * or more, starting below merge_floor, is counted -- its value is in its
 * first row only, the cells below read empty. */
static void merge_cell(vp_xlsx *x, const char *ref)
{
	const char *colon = ref ? strchr(ref, ':') : NULL;
	unsigned long c1, r1, c2, r2;
	if (!colon || cell_ref(ref, (size_t)(colon - ref), &c1, &r1) ||
	    cell_ref(colon + 1, strlen(colon + 1), &c2, &r2) || r2 <= r1 || c2 < c1 ||
	    r1 <= x->merge_floor)
		return;
	x->nmerged++;
	x->merged_cells += (r2 - r1) * (c2 - c1 + 1);
	if (x->nmerged == 1 || r1 < x->merged_r1 || (r1 == x->merged_r1 && c1 < x->merged_c1)) {
		x->merged_r1 = r1;
		x->merged_c1 = c1;
		snprintf(x->merged_first, sizeof x->merged_first, "%.40s", ref);
	}
}

static void XMLCALL sh_start(void *ud, const char *name, const char **a)
{
	vp_xlsx *x = ud;
	const char *l = lname(name);
	if (!x->in_sd) {
		if (strcmp(l, "sheetData") == 0)
			x->in_sd = 1;
		else if (strcmp(l, "mergeCell") == 0)
			merge_cell(x, attr(a, "ref"));
		return;
	}
	if (strcmp(l, "row") == 0) {
		const char *r = attr(a, "r");
		unsigned long n;
		if (!r)
			n = x->last_row + 1;
		else if (parse_ulong(r, &n) || n == 0)
			return herr_raise(x, EX_DATAERR, "sheet \"%s\": bad row number \"%.40s\"",
			                  x->sheet_name, r);
		x->row_r = n;
		x->row_bad = 0;
		x->last_col = 0;
		x->nrc = 0;
		vp_buf_clear(&x->row);
	} else if (strcmp(l, "c") == 0) {
		const char *r = attr(a, "r"), *t = attr(a, "t"), *s = attr(a, "s");
		unsigned long col = r ? vp_xlsx_col(r) : x->last_col + 1;
		if (col == 0)
			return herr_raise(x, EX_DATAERR, "sheet \"%s\": row %lu: bad cell reference \"%.40s\"",
			                  x->sheet_name, x->row_r, r);
		x->c_col = col;
		if (col > x->max_cols)
			return herr_raise(x, EX_DATAERR,
			                  "sheet \"%s\": cell %s is in column %lu, past the limit of %zu "
			                  "columns (max cols)", x->sheet_name, ref(x), col, x->max_cols);
		x->last_col = col;
		x->c_type = C_N;
		if (t) {
			if (strcmp(t, "s") == 0) x->c_type = C_S;
			else if (strcmp(t, "inlineStr") == 0) x->c_type = C_INLINE;
			else if (strcmp(t, "str") == 0) x->c_type = C_STR;
			else if (strcmp(t, "b") == 0) x->c_type = C_B;
			else if (strcmp(t, "e") == 0) x->c_type = C_E;
			else if (strcmp(t, "d") == 0) x->c_type = C_D;
		}
		x->c_style = 0;
		if (s && parse_ulong(s, &x->c_style))
			x->c_style = 0;
		x->c_on = 1;
		x->c_bad = 0;
		x->c_in_v = x->c_in_is = 0;
		x->c_f = x->c_v = x->c_is = 0;
		x->rph = 0;
		x->in_t = 0;
		x->c_start = x->row.len;
	} else if (x->c_on) {
		if (strcmp(l, "v") == 0)
			x->c_in_v = x->c_v = 1;
		else if (strcmp(l, "is") == 0)
			x->c_in_is = x->c_is = 1;
		else if (strcmp(l, "f") == 0)
			x->c_f = 1;
		else if (strcmp(l, "rPh") == 0)
			x->rph++;
		else if (strcmp(l, "t") == 0 && x->c_in_is && !x->rph)
			x->in_t = 1;
	}
}

/* The current cell cannot be read: it is dropped, the rest of the row
 * read, and the row rejected (as vp_csv does) with the first cell's why,
 * so that a caller may go on after it. */
static void cell_reject(vp_xlsx *x, const char *why, ...) __attribute__((format(printf, 2, 3)));
static void cell_reject(vp_xlsx *x, const char *why, ...)
{
	if (!x->row_bad) {
		char m[256];
		va_list ap;
		va_start(ap, why);
		vsnprintf(m, sizeof m, why, ap);
		va_end(ap);
		vp_errf(&x->bad, EX_DATAERR, "%s: sheet \"%s\": cell %s: %s", x->path, x->sheet_name,
		        ref(x), m);
	}
	x->row_bad = x->c_bad = 1;
}

/* A cell over max_field. */
static int too_long(vp_xlsx *x, size_t n)
{
	if (n <= x->max_field)
		return 0;
	cell_reject(x, "value longer than %zu bytes (max field)", x->max_field);
	return 1;
}

static void XMLCALL sh_text(void *ud, const char *s, int n)
{
	vp_xlsx *x = ud;
	if (!(x->c_on && (x->c_in_v || x->in_t)) || x->c_bad)
		return;
	if (too_long(x, x->row.len - x->c_start + (size_t)n))
		return;
	if (vp_buf_append(&x->row, s, (size_t)n))
		oom(x);
}

/* Replace the current cell's text with s. */
static int cell_set(vp_xlsx *x, const char *s, size_t n)
{
	x->row.len = x->c_start;
	if (too_long(x, n))
		return -1;   /* (the cell is dropped: row.len is back at its start) */
	if (vp_buf_append(&x->row, s, n)) {
		oom(x);
		return -1;
	}
	return 0;
}

/* An error cell (its value v[0..n), "#N/A"): counted, the first one's
 * place and each kind (the first few) kept. */
static void error_cell(vp_xlsx *x, const char *v, size_t n)
{
	if (x->nerr++ == 0)
		snprintf(x->err_at, sizeof x->err_at, "sheet \"%.256s\" cell %s", x->sheet_name, ref(x));
	if (n > 16)
		n = 16;   /* the longest kind is "#GETTING_DATA" */
	size_t have = strlen(x->err_kinds);
	for (const char *k = x->err_kinds; *k;) {
		size_t kn = strcspn(k, ",");
		if (kn == n && memcmp(k, v, n) == 0)
			return;
		k += kn;
		k += strspn(k, ", ");
	}
	if (have + 2 + n + 1 > sizeof x->err_kinds)
		return;
	if (have) {
		memcpy(x->err_kinds + have, ", ", 2);
		have += 2;
	}
	memcpy(x->err_kinds + have, v, n);
	x->err_kinds[have + n] = '\0';
}

static void cell_end(vp_xlsx *x)
{
	x->c_on = 0;
	if (x->c_bad) {
		x->row.len = x->c_start;
		return;
	}
	char *v = x->row.data ? x->row.data + x->c_start : NULL;
	size_t n = x->row.len - x->c_start;
	/* a formula whose value was never saved (the writer does not calculate:
	 * openpyxl writes an empty value, others none); a text result "" is
	 * saved as t="str" */
	if (x->c_f && !x->c_is && (!x->c_v || (n == 0 && x->c_type != C_STR && x->c_type != C_INLINE))) {
		cell_reject(x, "a formula with no saved value (the program that wrote the workbook did "
		            "not calculate it); open the workbook in Excel or LibreOffice and save it, "
		            "then read it again");
		x->row.len = x->c_start;
		return;
	}
	if (n == 0)
		return;
	switch (x->c_type) {
	case C_S: {
		unsigned long i;
		v[n] = '\0';
		if (parse_ulong(v, &i))
			return herr_raise(x, EX_DATAERR, "sheet \"%s\": cell %s: bad shared string index \"%.40s\"",
			                  x->sheet_name, ref(x), v);
		if (i >= x->ss_n)
			return herr_raise(x, EX_DATAERR,
			                  "sheet \"%s\": cell %s: shared string %lu does not exist (there are %zu)",
			                  x->sheet_name, ref(x), i, x->ss_n);
		if (x->ssd.fd >= 0) {
			if (ss_cell(x, i))
				return;
			break;
		}
		const char *s = x->ss + x->ss_off[i];
		if (cell_set(x, s, strlen(s)))
			return;
		break;
	}
	case C_INLINE:
	case C_STR:
		x->row.len = x->c_start + unescape_x(v, n);
		break;
	case C_B:
		if (n == 1 && (v[0] == '0' || v[0] == '1')) {
			const char *b = v[0] == '1' ? "TRUE" : "FALSE";
			if (cell_set(x, b, strlen(b)))
				return;
		}
		break;
	case C_N: {
		static const vp_xlsx_numfmt general;
		char shown[VP_XLSX_SHOWN];
		v[n] = '\0';
		const vp_xlsx_numfmt *f = x->c_style < x->nxf ? &x->fmts[x->xf_fmt[x->c_style]].f
		                                              : &general;
		int len = vp_xlsx_show(v, f, x->date1904, shown);
		if (len >= 0 && cell_set(x, shown, (size_t)len))
			return;
		break;
	}
	case C_E:
		/* #N/A (a failed lookup), #DIV/0!, #REF!...: no value, not text --
		 * read as an empty cell, counted for the caller to report */
		error_cell(x, v, n);
		x->row.len = x->c_start;
		return;
	case C_D:
		break;
	}
	if (x->row.len == x->c_start)
		return;
	if (x->nrc >= x->max_cols)   /* more cells than columns: a column repeated */
		return herr_raise(x, EX_DATAERR, "sheet \"%s\": row %lu has more than %zu cells "
		                  "(max cols)", x->sheet_name, x->row_r, x->max_cols);
	if (vp_buf_putc(&x->row, '\0') ||
	    vp_grow(&x->rc, &x->rccap, x->nrc + 1, sizeof *x->rc))
		return oom(x);
	x->rc[x->nrc].col = x->c_col;
	x->rc[x->nrc].len = x->row.len - 1 - x->c_start;
	x->rc[x->nrc++].off = x->c_start;
}

static void row_end(vp_xlsx *x)
{
	x->last_row = x->row_r;
	if (x->row_bad) {
		XML_StopParser(x->p, XML_TRUE);   /* hand out the error */
		return;
	}
	if (!x->nrc)
		return;
	size_t nc = 0;
	for (size_t i = 0; i < x->nrc; i++)
		if (x->rc[i].col > nc)
			nc = x->rc[i].col;
	if (vp_grow(&x->cells, &x->cellcap, nc, sizeof *x->cells) ||
	    vp_grow(&x->lens, &x->lencap, nc, sizeof *x->lens))
		return oom(x);
	for (size_t i = 0; i < nc; i++) {
		x->cells[i] = "";
		x->lens[i] = 0;
	}
	for (size_t i = 0; i < x->nrc; i++) {
		x->cells[x->rc[i].col - 1] = x->row.data + x->rc[i].off;
		x->lens[x->rc[i].col - 1] = x->rc[i].len;
	}
	x->ncells = nc;
	XML_StopParser(x->p, XML_TRUE);   /* suspend: the row is handed out */
}

static void XMLCALL sh_end(void *ud, const char *name)
{
	vp_xlsx *x = ud;
	if (!x->in_sd)
		return;
	const char *l = lname(name);
	if (strcmp(l, "sheetData") == 0) {
		x->in_sd = 0;
	} else if (strcmp(l, "row") == 0) {
		row_end(x);
	} else if (x->c_on) {
		if (strcmp(l, "c") == 0)
			cell_end(x);
		else if (strcmp(l, "v") == 0)
			x->c_in_v = 0;
		else if (strcmp(l, "is") == 0)
			x->c_in_is = 0;
		else if (strcmp(l, "rPh") == 0 && x->rph)
			x->rph--;
		else if (strcmp(l, "t") == 0)
			x->in_t = 0;
	}
}

/* ---- opening ---- */

static int find(const char *h, size_t n, const char *p, size_t pn)
{
	for (size_t i = 0; i + pn <= n; i++)
		if (h[i] == p[0] && memcmp(h + i, p, pn) == 0)
			return 1;
	return 0;
}

/* The file at fp starts with the OLE2 magic: an old .xls, or an encrypted
 * OOXML package (a compound file holding an "EncryptedPackage" stream). */
static int ole2_error(vp_xlsx *x, FILE *fp, vp_err *e)
{
	static const char pat[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
	const size_t pn = sizeof pat - 1;
	char buf[65536];
	size_t keep = 0;
	int enc = 0;
	if (fseek(fp, 0, SEEK_SET) == 0) {
		for (;;) {
			size_t n = fread(buf + keep, 1, sizeof buf - keep, fp);
			if (n == 0)
				break;
			n += keep;
			if (find(buf, n, pat, pn)) {
				enc = 1;
				break;
			}
			keep = n < pn ? n : pn - 1;
			memmove(buf, buf + n - keep, keep);
		}
	}
	if (enc)
		return vp_errf(e, EX_DATAERR,
		               "%s: this workbook is password-protected (encrypted); open it in Excel "
		               "or LibreOffice with its password, remove the password and save as .xlsx "
		               "or CSV", x->path);
	return vp_errf(e, EX_DATAERR,
	               "%s: this is an old binary Excel .xls file; open it in Excel or LibreOffice "
	               "and save as .xlsx or CSV", x->path);
}

/* Check the magic number of the file at fp (rewound first) and give a
 * descriptor of it for libzip. */
static int sniff(vp_xlsx *x, FILE *fp, int *fd, vp_err *e)
{
	if (fseek(fp, 0, SEEK_SET) != 0)
		return vp_errf(e, errno == ESPIPE ? EX_USAGE : EX_IOERR,
		               "%s: an .xlsx workbook cannot be read from a pipe (%s); name the file",
		               x->path, strerror(errno));
	unsigned char m[8];
	size_t n = fread(m, 1, sizeof m, fp);
	if (n < sizeof m && ferror(fp))
		return vp_errf(e, EX_IOERR, "%s: %s", x->path, strerror(errno));
	if (n == 0)
		return vp_errf(e, EX_DATAERR, "%s: empty file", x->path);
	if (n == 8 && memcmp(m, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return ole2_error(x, fp, e);
	if (n < 4 || m[0] != 'P' || m[1] != 'K' ||
	    !((m[2] == 3 && m[3] == 4) || (m[2] == 5 && m[3] == 6)))
		return vp_errf(e, EX_DATAERR, "%s: not an .xlsx workbook (not a zip archive)%s", x->path,
		               n >= 2 && m[0] == 'P' && m[1] == 'K' ? "" : "; if it is CSV, read it as CSV");
	*fd = dup(fileno(fp));
	if (*fd < 0)
		return vp_errf(e, EX_OSERR, "%s: %s", x->path, strerror(errno));
	return 0;
}

static int is_ods(vp_xlsx *x)
{
	zip_int64_t i = locate(x, "mimetype");
	if (i < 0)
		return 0;
	zip_file_t *f = zip_fopen_index(x->z, (zip_uint64_t)i, 0);
	if (!f)
		return 0;
	char b[64];
	zip_int64_t n = zip_fread(f, b, sizeof b - 1);
	zip_fclose(f);
	if (n <= 0)
		return 0;
	b[n] = '\0';
	return strncmp(b, "application/vnd.oasis.opendocument", 34) == 0;
}

static int no_sheet(vp_xlsx *x, const char *want, vp_err *e)
{
	vp_buf b = VP_BUF_INIT;
	for (size_t i = 0; i < x->nsheets; i++)
		if (vp_buf_printf(&b, "%s\"%s\"", i ? ", " : "", x->sheets[i].name)) {
			vp_buf_free(&b);
			return vp_errf(e, EX_OSERR, "%s: out of memory", x->path);
		}
	vp_errf(e, EX_USAGE, "%s: no sheet \"%s\"; the sheets are %s", x->path, want,
	        b.data ? b.data : "(none)");
	vp_buf_free(&b);
	return EX_USAGE;
}

static int is_worksheet(const rel *r)
{
	size_t tl = strlen(r->type);
	return tl >= 10 && strcmp(r->type + tl - 10, "/worksheet") == 0;
}

static int select_sheet(vp_xlsx *x, const char *want, const char *dir, vp_err *e)
{
	const sheet *s = NULL;
	const rel *r = NULL;
	if (!want) {
		/* the first worksheet Excel shows: a hidden one (a lookup table,
		 * an old copy) only when every one is hidden */
		for (int hidden = 0; hidden < 2 && !s; hidden++)
			for (size_t i = 0; i < x->nsheets && !s; i++) {
				if (x->sheets[i].hidden != hidden)
					continue;
				r = rel_find(x, NULL, x->sheets[i].rid);
				if (r && is_worksheet(r))
					s = &x->sheets[i];
			}
		if (!s)
			return vp_errf(e, EX_DATAERR, "%s: the workbook has no worksheet", x->path);
		for (size_t i = 0; i < x->nsheets; i++) {
			const rel *ri = rel_find(x, NULL, x->sheets[i].rid);
			x->shown += !x->sheets[i].hidden && ri && is_worksheet(ri);
		}
		/* kept for the message should the sheet taken hold no rows: the
		 * responses are often on another ("Intro", "Responses") */
		vp_buf b = VP_BUF_INIT;
		for (size_t i = 0; x->nsheets > 1 && i < x->nsheets; i++)
			if (vp_buf_printf(&b, "%s\"%s\"", i ? ", " : "", x->sheets[i].name)) {
				vp_buf_free(&b);
				return vp_errf(e, EX_OSERR, "%s: out of memory", x->path);
			}
		if (x->nsheets > 1)
			x->sheet_list = vp_buf_steal(&b);
		vp_buf_free(&b);
	} else {
		for (size_t i = 0; i < x->nsheets && !s; i++)
			if (strcmp(x->sheets[i].name, want) == 0)
				s = &x->sheets[i];
		for (size_t i = 0; i < x->nsheets && !s; i++)
			if (strcasecmp(x->sheets[i].name, want) == 0)
				s = &x->sheets[i];
		unsigned long n;
		if (!s && parse_ulong(want, &n) == 0 && n >= 1 && n <= x->nsheets)
			s = &x->sheets[n - 1];
		if (!s)
			return no_sheet(x, want, e);
		r = rel_find(x, NULL, s->rid);
		if (r && !is_worksheet(r))
			return vp_errf(e, EX_USAGE, "%s: sheet \"%s\" is not a worksheet (a chart or "
			               "dialog sheet); choose another with --sheet", x->path, s->name);
	}
	if (!r)
		return vp_errf(e, EX_DATAERR, "%s: sheet \"%s\" has no part in the workbook "
		               "relationships (%s)", x->path, s->name, s->rid);
	x->sheet_name = strdup(s->name);
	x->sheet_part = resolve(dir, r->target);
	if (!x->sheet_name || !x->sheet_part)
		return vp_errf(e, EX_OSERR, "%s: out of memory", x->path);
	return 0;
}

static int open_inner(vp_xlsx *x, FILE *fp, const char *want, vp_err *e)
{
	int fd = -1;
	int rc = sniff(x, fp, &fd, e);
	if (rc)
		return rc;
	int zerr = 0;
	x->z = zip_fdopen(fd, ZIP_CHECKCONS, &zerr);
	if (!x->z) {
		close(fd);
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		rc = vp_errf(e, EX_DATAERR, "%s: truncated or corrupt zip archive (%s); the workbook "
		             "cannot be read, save it again", x->path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return rc;
	}
	if (is_ods(x))
		return vp_errf(e, EX_DATAERR, "%s: this is an OpenDocument spreadsheet (.ods), not "
		               ".xlsx; save it as .xlsx or CSV", x->path);

	/* package relationships -> the workbook part */
	char *wb = NULL;
	rc = parse_part(x, "_rels/.rels", 0, rels_start, ignore_end, NULL, e);
	if (rc > 1)
		return rc;
	const rel *r = rel_find(x, "officeDocument", NULL);
	wb = resolve("", r ? r->target : "xl/workbook.xml");
	rels_free(x);
	if (!wb)
		return vp_errf(e, EX_OSERR, "%s: out of memory", x->path);
	size_t wl = strlen(wb);
	if (wl > 4 && strcasecmp(wb + wl - 4, ".bin") == 0) {
		free(wb);
		return vp_errf(e, EX_DATAERR, "%s: this is a binary Excel workbook (.xlsb); open it in "
		               "Excel or LibreOffice and save as .xlsx or CSV", x->path);
	}
	if (locate(x, wb) < 0) {
		free(wb);
		return vp_errf(e, EX_DATAERR, "%s: a zip archive but not an .xlsx workbook "
		               "(no xl/workbook.xml)", x->path);
	}
	/* its directory and relationships */
	char *slash = strrchr(wb, '/');
	vp_buf dir = VP_BUF_INIT, rp = VP_BUF_INIT;
	if ((slash && vp_buf_append(&dir, wb, (size_t)(slash - wb))) || vp_buf_puts(&dir, "") ||
	    vp_buf_printf(&rp, "%s%s_rels/%s.rels", dir.data, *dir.data ? "/" : "",
	                  slash ? slash + 1 : wb)) {
		rc = vp_errf(e, EX_OSERR, "%s: out of memory", x->path);
		goto out;
	}
	if ((rc = parse_part(x, rp.data, 1, rels_start, ignore_end, NULL, e)) != 0 ||
	    (rc = parse_part(x, wb, 1, wb_start, ignore_end, NULL, e)) != 0 ||
	    (rc = select_sheet(x, want, dir.data, e)) != 0)
		goto out;

	const rel *sr = rel_find(x, "styles", NULL);
	char *sp = resolve(dir.data, sr ? sr->target : "styles.xml");
	const rel *ssr = rel_find(x, "sharedStrings", NULL);
	char *ssp = resolve(dir.data, ssr ? ssr->target : "sharedStrings.xml");
	if (!sp || !ssp)
		rc = vp_errf(e, EX_OSERR, "%s: out of memory", x->path);
	else if ((rc = parse_part(x, sp, 0, st_start, st_end, NULL, e)) <= 1 &&
	         (rc = parse_part(x, ssp, 0, ss_start, ss_end, ss_text, e)) <= 1)
		rc = ss_done(x, ssp, e);
	free(sp);
	free(ssp);
	if (rc)
		goto out;
	/* (fmts kept: the cell formats' number formats are in it) */

	zip_int64_t idx = locate(x, x->sheet_part);
	if (idx < 0) {
		rc = vp_errf(e, EX_DATAERR, "%s: sheet \"%s\": part %s is missing from the zip archive",
		             x->path, x->sheet_name, x->sheet_part);
		goto out;
	}
	x->zf = zip_fopen_index(x->z, (zip_uint64_t)idx, 0);
	if (!x->zf) {
		rc = zip_fail(x, e, x->sheet_part, zip_strerror(x->z));
		goto out;
	}
	x->p = new_parser(x, sh_start, sh_end, sh_text);
	if (!x->p) {
		rc = vp_errf(e, EX_OSERR, "%s: out of memory", x->path);
		goto out;
	}
	x->part = x->sheet_part;
out:
	rels_free(x);
	sheets_free(x);
	vp_buf_free(&dir);
	vp_buf_free(&rp);
	free(wb);
	return rc;
}

int vp_xlsx_open_fp(vp_xlsx **xp, FILE *fp, const char *name, const char *sheet,
                    const vp_xlsx_opts *opts, vp_err *e)
{
	*xp = NULL;
	vp_xlsx *x = calloc(1, sizeof *x);
	if (!x)
		return vp_errf(e, EX_OSERR, "%s: out of memory", name);
	x->path_copy = strdup(name);
	if (!x->path_copy) {
		free(x);
		return vp_errf(e, EX_OSERR, "%s: out of memory", name);
	}
	x->path = x->path_copy;
	x->ssd.fd = x->ssi.fd = -1;
	x->max_field = opts && opts->max_field ? opts->max_field : DEF_MAX_FIELD;
	x->max_cols = opts && opts->max_cols ? opts->max_cols : DEF_MAX_COLS;
	x->max_shared = opts && opts->max_shared ? opts->max_shared : DEF_MAX_SHARED;
	x->shared_mem = opts && opts->shared_mem ? opts->shared_mem : DEF_SHARED_MEM;
	if (x->shared_mem > UINT32_MAX)   /* (the arena's offsets are 4 bytes) */
		x->shared_mem = UINT32_MAX;
	int rc = open_inner(x, fp, sheet, e);
	if (rc) {
		vp_xlsx_close(x);
		return rc;
	}
	*xp = x;
	return 0;
}

int vp_xlsx_open(vp_xlsx **xp, const char *path, const char *sheet,
                 const vp_xlsx_opts *opts, vp_err *e)
{
	*xp = NULL;
	FILE *fp;
	int rc = vp_open_in(&fp, path, VP_IN_NOSTDIN | VP_IN_NONEMPTY, e);
	if (rc)
		return rc;
	rc = vp_xlsx_open_fp(xp, fp, path, sheet, opts, e);
	fclose(fp);
	return rc;
}

int vp_xlsx_next_row(vp_xlsx *x, const char *const **cells, size_t *ncells,
                     unsigned long *rowno, vp_err *e)
{
	if (x->spent) {
		*e = x->herr;
		return e->code;
	}
	for (;;) {
		int st;
		if (x->suspended) {
			x->suspended = 0;
			st = XML_ResumeParser(x->p);
		} else if (x->done) {
			return 0;
		} else {
			st = feed(x, x->zf, &x->final, e);
			if (st < 0)
				goto fail;
		}
		if (st == XML_STATUS_ERROR) {
			xml_fail(x, x->zf, e);
			goto fail;
		}
		if (st == XML_STATUS_SUSPENDED) {
			x->suspended = 1;
			if (x->row_bad) {
				x->row_bad = 0;
				*e = x->bad;
				return e->code;
			}
			*cells = x->cells;
			*ncells = x->ncells;
			*rowno = x->row_r;
			return 1;
		}
		if (x->final) {
			x->done = 1;
			return 0;
		}
	}
fail:
	x->spent = 1;
	x->herr = *e;
	return e->code;
}

int vp_xlsx_spent(const vp_xlsx *x)
{
	return x->spent;
}

const size_t *vp_xlsx_lens(const vp_xlsx *x)
{
	return x->lens;
}

const char *vp_xlsx_sheet_name(const vp_xlsx *x)
{
	return x->sheet_name;
}

unsigned long vp_xlsx_error_cells(const vp_xlsx *x, const char **first, const char **kinds)
{
	if (first)
		*first = x->nerr ? x->err_at : NULL;
	if (kinds)
		*kinds = x->nerr ? x->err_kinds : NULL;
	return x->nerr;
}

void vp_xlsx_merge_floor(vp_xlsx *x, unsigned long row)
{
	x->merge_floor = row;
}

unsigned long vp_xlsx_merged_down(const vp_xlsx *x, unsigned long *cells, const char **first)
{
	if (cells)
		*cells = x->merged_cells;
	if (first)
		*first = x->nmerged ? x->merged_first : NULL;
	return x->nmerged;
}

const char *vp_xlsx_sheet_list(const vp_xlsx *x)
{
	return x->sheet_list;
}

size_t vp_xlsx_shown(const vp_xlsx *x)
{
	return x->sheet_list ? x->shown : 0;
}

int vp_xlsx_date1904(const vp_xlsx *x)
{
	return x->date1904;
}

size_t vp_xlsx_nshared(const vp_xlsx *x, size_t *bytes)
{
	if (bytes)
		*bytes = x->ssd.fd >= 0 ? (size_t)x->ss_disk : x->ss_len;
	return x->ss_n;
}

int vp_xlsx_shared_on_disk(const vp_xlsx *x)
{
	return x->ssd.fd >= 0;
}

void vp_xlsx_close(vp_xlsx *x)
{
	if (!x)
		return;
	if (x->p)
		XML_ParserFree(x->p);
	if (x->zf)
		zip_fclose(x->zf);
	if (x->z)
		zip_discard(x->z);
	rels_free(x);
	sheets_free(x);
	free(x->sheet_list);
	free(x->fmts);
	free(x->xf_fmt);
	free(x->ss);
	free(x->ss_off);
	tf_close(&x->ssd);
	tf_close(&x->ssi);
	free(x->tmpdir);
	free(x->win);
	free(x->iblk);
	free(x->cache);
	vp_buf_free(&x->row);
	free(x->rc);
	free(x->cells);
	free(x->lens);
	free(x->sheet_name);
	free(x->sheet_part);
	free(x->path_copy);
	free(x);
}
