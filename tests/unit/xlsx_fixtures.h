/* xlsx_fixtures.h - test workbooks written from hand-made XML with libzip,
 * so no spreadsheet program or Python is needed.  Included by
 * tests/unit/test_xlsx.c (each test makes the fixture it reads) and by
 * tests/tools/xlsx-gen.c (writes them all to a directory, and the bench
 * workbook).  Everything is static: one copy per including program. */
#ifndef VOXPOP_XLSX_FIXTURES_H
#define VOXPOP_XLSX_FIXTURES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define XF_NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
              "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define XF_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

typedef struct xf_sheet {
	const char *name;
	const char *data;  /* <sheetData> content; "@PATH": a whole sheet XML file;
	                    * "<sheetData>...": the <worksheet>'s content whole
	                    * (<mergeCells> after the data) */
	int chart;         /* a chart sheet (no data) */
	const char *state; /* "hidden", "veryHidden", or NULL (visible) */
} xf_sheet;

typedef struct xf_book {
	int date1904;
	const char *shared;  /* <sst> content (<si> elements), "@PATH" a whole file, or NULL */
	const char *styles;  /* <styleSheet> content, or NULL */
	size_t nsheets;
	const xf_sheet *sheets;
} xf_book;

/* Add a copy of s as entry name; 0 or -1. */
static int xf_add(zip_t *z, const char *name, const char *s)
{
	size_t n = strlen(s);
	char *copy = malloc(n ? n : 1);
	if (!copy)
		return -1;
	memcpy(copy, s, n);
	zip_source_t *src = zip_source_buffer(z, copy, n, 1);
	if (!src) {
		free(copy);
		return -1;
	}
	if (zip_file_add(z, name, src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(src);
		return -1;
	}
	return 0;
}

static int xf_addf(zip_t *z, const char *name, const char *fmt, const char *a, const char *b)
{
	size_t n = strlen(fmt) + (a ? strlen(a) : 0) + (b ? strlen(b) : 0) + 1;
	char *s = malloc(n);
	if (!s)
		return -1;
	snprintf(s, n, fmt, a ? a : "", b ? b : "");
	int rc = xf_add(z, name, s);
	free(s);
	return rc;
}

/* Write the workbook bk to path; 0 or -1 (message on stderr). */
static int xf_write(const char *path, const xf_book *bk)
{
	int zerr;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!z) {
		fprintf(stderr, "xf_write: %s: cannot create (libzip error %d)\n", path, zerr);
		return -1;
	}
	char wb[8192] = "", rels[8192] = "", ct[8192] = "", name[64], item[512];
	for (size_t i = 0; i < bk->nsheets; i++) {
		const xf_sheet *s = &bk->sheets[i];
		const char *kind = s->chart ? "chartsheet" : "worksheet";
		snprintf(item, sizeof item, "<sheet name=\"%s\" sheetId=\"%zu\"%s%s%s r:id=\"rId%zu\"/>",
		         s->name, i + 1, s->state ? " state=\"" : "", s->state ? s->state : "",
		         s->state ? "\"" : "", i + 1);
		strncat(wb, item, sizeof wb - strlen(wb) - 1);
		snprintf(item, sizeof item,
		         "<Relationship Id=\"rId%zu\" Type=\"" XF_REL "%s\" Target=\"%ss/sheet%zu.xml\"/>",
		         i + 1, kind, kind, i + 1);
		strncat(rels, item, sizeof rels - strlen(rels) - 1);
		snprintf(item, sizeof item, "<Override PartName=\"/xl/%ss/sheet%zu.xml\" "
		         "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.%s+xml\"/>",
		         kind, i + 1, kind);
		strncat(ct, item, sizeof ct - strlen(ct) - 1);
		snprintf(name, sizeof name, "xl/%ss/sheet%zu.xml", kind, i + 1);
		int rc;
		if (s->chart) {
			rc = xf_add(z, name, "<chartsheet " XF_NS "><drawing r:id=\"rId1\"/></chartsheet>");
		} else if (s->data[0] == '@') {
			zip_source_t *src = zip_source_file(z, s->data + 1, 0, -1);
			rc = src && zip_file_add(z, name, src, ZIP_FL_OVERWRITE) >= 0 ? 0 : -1;
			if (rc && src)
				zip_source_free(src);
		} else if (strncmp(s->data, "<sheetData>", 11) == 0) {
			rc = xf_addf(z, name, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
			             "<worksheet " XF_NS ">%s%s</worksheet>", s->data, "");
		} else {
			rc = xf_addf(z, name, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
			             "<worksheet " XF_NS "><sheetData>%s</sheetData>%s</worksheet>",
			             s->data, "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" "
			             "bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>");
		}
		if (rc)
			goto fail;
	}
	if (bk->shared) {
		strncat(rels, "<Relationship Id=\"rIdS\" Type=\"" XF_REL "sharedStrings\" "
		        "Target=\"sharedStrings.xml\"/>", sizeof rels - strlen(rels) - 1);
		if (bk->shared[0] == '@') {
			zip_source_t *src = zip_source_file(z, bk->shared + 1, 0, -1);
			if (!src || zip_file_add(z, "xl/sharedStrings.xml", src, ZIP_FL_OVERWRITE) < 0) {
				if (src)
					zip_source_free(src);
				goto fail;
			}
		} else if (xf_addf(z, "xl/sharedStrings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		                   "<sst " XF_NS ">%s</sst>%s", bk->shared, NULL)) {
			goto fail;
		}
	}
	if (bk->styles) {
		strncat(rels, "<Relationship Id=\"rIdT\" Type=\"" XF_REL "styles\" Target=\"styles.xml\"/>",
		        sizeof rels - strlen(rels) - 1);
		if (xf_addf(z, "xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		            "<styleSheet " XF_NS ">%s</styleSheet>%s", bk->styles, NULL))
			goto fail;
	}
	if (xf_addf(z, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	            "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	            "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
	            "%s</Types>", ct, NULL) ||
	    xf_add(z, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	           "<Relationship Id=\"rId1\" Type=\"" XF_REL "officeDocument\" Target=\"xl/workbook.xml\"/>"
	           "</Relationships>") ||
	    xf_addf(z, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	            "<workbook " XF_NS ">%s<sheets>%s</sheets></workbook>",
	            bk->date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>", wb) ||
	    xf_addf(z, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	            "%s</Relationships>", rels, NULL))
		goto fail;
	if (zip_close(z) < 0) {
		fprintf(stderr, "xf_write: %s: %s\n", path, zip_strerror(z));
		zip_discard(z);
		return -1;
	}
	return 0;
fail:
	fprintf(stderr, "xf_write: %s: %s\n", path, zip_strerror(z));
	zip_discard(z);
	return -1;
}

static int xf_bytes(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	int ok = fwrite(p, 1, n, f) == n;
	return fclose(f) == 0 && ok ? 0 : -1;
}

/* A minimal OLE2 compound file: header, then one directory sector naming
 * the given streams (UTF-16LE names).  Enough for the magic-number and
 * stream-name checks; not a readable file. */
static int xf_ole2(const char *path, const char *const *streams, size_t n)
{
	unsigned char f[1024 + 512];
	memset(f, 0, sizeof f);
	memcpy(f, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
	f[0x18] = 0x3E;
	f[0x1A] = 0x03;
	f[0x1C] = 0xFE, f[0x1D] = 0xFF;      /* little-endian */
	f[0x1E] = 9;                          /* 512-byte sectors */
	f[0x20] = 6;
	f[0x30] = 1;                          /* directory at sector 1 */
	for (size_t i = 0; i < n && i < 4; i++) {
		unsigned char *d = f + 1024 + i * 128;
		size_t k = 0;
		for (; streams[i][k] && k < 31; k++)
			d[2 * k] = (unsigned char)streams[i][k];
		d[0x40] = (unsigned char)(2 * (k + 1));
		d[0x42] = i ? 2 : 5;
	}
	return xf_bytes(path, f, sizeof f);
}

/* ---- the fixtures ---- */

static const char xf_basic_shared[] =
	"<si><t>Response ID</t></si>"
	"<si><t>What could we do better?</t></si>"
	"<si><r><t>Rich </t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">text </t></r><r><t>runs</t></r></si>"
	"<si><t>Caf\xC3\xA9 &amp; \xE2\x80\x9Cquotes\xE2\x80\x9D</t></si>"
	"<si><t>\xE6\x9D\xB1\xE4\xBA\xAC</t><rPh sb=\"0\" eb=\"2\"><t>\xE3\x83\x88\xE3\x82\xA6\xE3\x82\xAD\xE3\x83\xA7\xE3\x82\xA6</t></rPh></si>"
	"<si><t>line one_x000D_\nline two</t></si>"
	"<si><t/></si>";

static const char xf_basic_data[] =
	"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
	"<c r=\"C1\" t=\"inlineStr\"><is><t>Inline header</t></is></c></row>"
	"<row r=\"2\"><c r=\"A2\"><v>101</v></c><c r=\"B2\" t=\"s\"><v>2</v></c>"
	"<c r=\"C2\" t=\"inlineStr\"><is><r><t>in</t></r><r><t>line</t></r></is></c></row>"
	"<row r=\"3\" spans=\"1:5\"><c r=\"A3\"><v>0.1</v></c><c r=\"C3\" t=\"s\"><v>3</v></c>"
	"<c r=\"E3\" t=\"b\"><v>1</v></c></row>"
	"<row r=\"4\"><c r=\"A4\" s=\"0\"/><c r=\"B4\" s=\"0\"/></row>"
	"<row r=\"6\"><c r=\"B6\" t=\"str\"><f>UPPER(\"x\")</f><v>X</v></c>"
	"<c r=\"C6\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c><c r=\"D6\" t=\"b\"><v>0</v></c>"
	"<c r=\"E6\"><f>1+1</f><v>2</v></c><c r=\"F6\" t=\"s\"><v>6</v></c></row>"
	"<row r=\"7\"><c r=\"A7\" t=\"s\"><v>4</v></c><c r=\"B7\" t=\"s\"><v>5</v></c>"
	"<c t=\"inlineStr\"><is><t>no ref</t></is></c><c r=\"AA7\"><v>-1.5E-7</v></c></row>"
	"<row><c r=\"A8\"><v>8</v></c></row>";

/* Cell formats (cellXfs index: numFmtId): 0: 0 General, 1: 14 date,
 * 2: 22 date+time, 3: 20 time, 4: 164 dd/mm/yyyy, 5: 165 0.00 (not a date),
 * 6: 166 "d"0 (quoted: text before the number, not a date), 7: 167 [Red][h]:mm (elapsed time),
 * 8: 168 yyyy-mm-dd\ hh:mm:ss AM/PM, 9: 169 mmm (month), 10: 2 0.00 */
static const char xf_date_styles[] =
	"<numFmts count=\"6\">"
	"<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"0.00\"/>"
	"<numFmt numFmtId=\"166\" formatCode=\"&quot;d&quot;0\"/>"
	"<numFmt numFmtId=\"167\" formatCode=\"[Red][h]:mm\"/>"
	"<numFmt numFmtId=\"168\" formatCode=\"yyyy\\-mm\\-dd\\ hh:mm:ss AM/PM\"/>"
	"<numFmt numFmtId=\"169\" formatCode=\"mmm\"/>"
	"</numFmts>"
	"<fonts count=\"1\"><font/></fonts>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
	"<cellXfs count=\"11\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
	"<xf numFmtId=\"22\"/><xf numFmtId=\"20\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
	"<xf numFmtId=\"166\"/><xf numFmtId=\"167\"/><xf numFmtId=\"168\"/><xf numFmtId=\"169\"/>"
	"<xf numFmtId=\"2\"/></cellXfs>";

static const char xf_dates1900_data[] =
	"<row r=\"1\"><c r=\"A1\" s=\"1\"><v>46085</v></c><c r=\"B1\" s=\"2\"><v>46085.4390162037</v></c>"
	"<c r=\"C1\" s=\"3\"><v>0.4390162037</v></c><c r=\"D1\" s=\"4\"><v>46085</v></c>"
	"<c r=\"E1\" s=\"5\"><v>46085</v></c><c r=\"F1\" s=\"6\"><v>46085</v></c>"
	"<c r=\"G1\" s=\"7\"><v>1.5</v></c><c r=\"H1\" s=\"8\"><v>46085.75</v></c>"
	"<c r=\"I1\" s=\"9\"><v>46085</v></c><c r=\"J1\" s=\"10\"><v>46085</v></c>"
	"<c r=\"K1\"><v>46085</v></c><c r=\"L1\" s=\"99\"><v>46085</v></c></row>"
	"<row r=\"2\"><c r=\"A2\" s=\"1\"><v>1</v></c><c r=\"B2\" s=\"1\"><v>59</v></c>"
	"<c r=\"C2\" s=\"1\"><v>60</v></c><c r=\"D2\" s=\"1\"><v>61</v></c>"
	"<c r=\"E2\" s=\"1\"><v>0</v></c><c r=\"F2\" s=\"1\"><v>-1</v></c>"
	"<c r=\"G2\" s=\"1\"><v>2958465</v></c><c r=\"H2\" s=\"1\"><v>2958466</v></c>"
	"<c r=\"I2\" s=\"2\"><v>46085.99999999</v></c><c r=\"J2\" s=\"1\" t=\"s\"><v>0</v></c>"
	"<c r=\"K2\" s=\"1\" t=\"str\"><v>not a number</v></c></row>";

static const char xf_dates1904_data[] =
	"<row r=\"1\"><c r=\"A1\" s=\"1\"><v>44623</v></c><c r=\"B1\" s=\"2\"><v>44623.4390162037</v></c>"
	"<c r=\"C1\" s=\"1\"><v>0</v></c><c r=\"D1\" s=\"1\"><v>59</v></c><c r=\"E1\" s=\"5\"><v>44623</v></c></row>";

/* Numbers under the formats Excel users meet (cellXfs index: numFmtId):
 * 0: General, 1: 9 0%, 2: 10 0.00%, 3: 2 0.00, 4: 4 #,##0.00, 5: 3 #,##0,
 * 6: 164 0.0, 7: 165 0.0%, 8: 166 0.00E+00 (scientific),
 * 9: 167 00000, 10: 168 [Red]#,##0.00;[Blue]-#,##0.00 */
static const char xf_number_styles[] =
	"<numFmts count=\"5\">"
	"<numFmt numFmtId=\"164\" formatCode=\"0.0\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"0.0%\"/>"
	"<numFmt numFmtId=\"166\" formatCode=\"0.00E+00\"/>"
	"<numFmt numFmtId=\"167\" formatCode=\"00000\"/>"
	"<numFmt numFmtId=\"168\" formatCode=\"[Red]#,##0.00;[Blue]\\-#,##0.00\"/>"
	"</numFmts>"
	"<cellXfs count=\"11\"><xf numFmtId=\"0\"/><xf numFmtId=\"9\"/><xf numFmtId=\"10\"/>"
	"<xf numFmtId=\"2\"/><xf numFmtId=\"4\"/><xf numFmtId=\"3\"/><xf numFmtId=\"164\"/>"
	"<xf numFmtId=\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"167\"/><xf numFmtId=\"168\"/>"
	"</cellXfs>";

static const char xf_numbers_data[] =
	"<row r=\"1\"><c r=\"A1\"><v>0.30000000000000004</v></c><c r=\"B1\"><v>1.1000000000000001</v></c>"
	"<c r=\"C1\"><v>12345678901</v></c><c r=\"D1\" s=\"1\"><v>0.5</v></c>"
	"<c r=\"E1\" s=\"2\"><v>0.125</v></c><c r=\"F1\" s=\"3\"><v>3.5</v></c>"
	"<c r=\"G1\" s=\"4\"><v>1234.5</v></c><c r=\"H1\" s=\"5\"><v>1234</v></c>"
	"<c r=\"I1\" s=\"6\"><v>3</v></c><c r=\"J1\" s=\"7\"><v>0.075</v></c>"
	"<c r=\"K1\" s=\"8\"><v>1234.5</v></c><c r=\"L1\" s=\"9\"><v>123</v></c>"
	"<c r=\"M1\" s=\"10\"><v>-1234.5</v></c></row>"
	"<row r=\"2\"><c r=\"A2\"><v>1E+20</v></c><c r=\"B2\"><v>-1.5E-7</v></c>"
	"<c r=\"C2\"><v>1234567890123456789</v></c><c r=\"D2\" s=\"1\"><v>-0.005</v></c>"
	"<c r=\"E2\" s=\"3\"><v>2.675</v></c><c r=\"F2\" s=\"5\"><v>-1234567.5</v></c>"
	"<c r=\"G2\" s=\"99\"><v>0.30000000000000004</v></c><c r=\"H2\" s=\"3\" t=\"s\"><v>0</v></c>"
	"<c r=\"I2\" s=\"3\" t=\"str\"><v>12.5</v></c></row>";

/* Write fixture `name` into dir; 0, or -1 (unknown name or failure). */
__attribute__((unused)) static int xf_make(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (strcmp(name, "basic.xlsx") == 0) {
		xf_sheet s[] = {{"Responses", xf_basic_data, 0, NULL}};
		xf_book b = {0, xf_basic_shared, NULL, 1, s};
		return xf_write(path, &b);
	}
	if (strcmp(name, "dates1900.xlsx") == 0 || strcmp(name, "dates1904.xlsx") == 0) {
		int d1904 = strcmp(name, "dates1904.xlsx") == 0;
		xf_sheet s[] = {{"Dates", d1904 ? xf_dates1904_data : xf_dates1900_data, 0, NULL}};
		xf_book b = {d1904, "<si><t>text</t></si>", xf_date_styles, 1, s};
		return xf_write(path, &b);
	}
	if (strcmp(name, "numbers.xlsx") == 0) {
		xf_sheet s[] = {{"Numbers", xf_numbers_data, 0, NULL}};
		xf_book b = {0, "<si><t>0.5</t></si>", xf_number_styles, 1, s};
		return xf_write(path, &b);
	}
	if (strcmp(name, "sheets.xlsx") == 0) {
		xf_sheet s[] = {
			{"Responses", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>first</t></is></c></row>", 0, NULL},
			{"Chart1", NULL, 1, NULL},
			{"Lookup &amp; codes", "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>second</t></is></c></row>", 0, NULL},
			{"3", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>named 3</t></is></c></row>", 0, NULL},
		};
		xf_book b = {0, NULL, NULL, 4, s};
		return xf_write(path, &b);
	}
	if (strcmp(name, "title.xlsx") == 0) {
		/* a title in row 1 above the header (vp-ingest: try --skip-rows 1) */
#define XF_IS(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"
		xf_sheet s[] = {{"Export",
			"<row r=\"1\">" XF_IS("A1", "Patient survey 2026 export") "</row>"
			"<row r=\"2\">" XF_IS("A2", "id") XF_IS("B2", "locality") XF_IS("C2", "comment") "</row>"
			"<row r=\"3\"><c r=\"A3\"><v>1</v></c>" XF_IS("B3", "Leicester")
			XF_IS("C3", "the parking at the hospital was awful and expensive") "</row>"
			"<row r=\"4\"><c r=\"A4\"><v>2</v></c>" XF_IS("B4", "Melton")
			XF_IS("C4", "staff were lovely and kind to my mother on the ward") "</row>",
			0, NULL}};
#undef XF_IS
		xf_book b = {0, NULL, NULL, 1, s};
		return xf_write(path, &b);
	}
	if (strcmp(name, "mergeddown.xlsx") == 0) {
		/* event notes typed into a sheet: the area and date cells merged
		 * down beside the comments of each event (A3:A5, B3:B5, A6:A7),
		 * "ID" merged over the two header rows (A1:A2, not below it) and
		 * a comment merged across (C8:D8, not down) */
#define XF_IS(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"
		xf_sheet s[] = {{"Notes",
			"<sheetData><row r=\"1\">" XF_IS("A1", "Area") XF_IS("B1", "Event") XF_IS("C1", "Comments") "</row>"
			"<row r=\"3\">" XF_IS("A3", "Melton") XF_IS("B3", "Market stall")
			XF_IS("C3", "the waiting room is far too cold in the winter months") "</row>"
			"<row r=\"4\">" XF_IS("C4", "doctors never have time to listen to what you say") "</row>"
			"<row r=\"5\">" XF_IS("C5", "parking at the hospital costs far too much for visitors") "</row>"
			"<row r=\"6\">" XF_IS("A6", "Charnwood") XF_IS("B6", "Library drop-in")
			XF_IS("C6", "the receptionist was very kind and helpful to my mum") "</row>"
			"<row r=\"7\">" XF_IS("C7", "we need more evening appointments for working people") "</row>"
			"<row r=\"8\">" XF_IS("A8", "Oadby") XF_IS("B8", "Coffee morning")
			XF_IS("C8", "the new bus route to the health centre is a great help") "</row>"
			"</sheetData><mergeCells count=\"5\"><mergeCell ref=\"A1:A2\"/><mergeCell ref=\"A3:A5\"/>"
			"<mergeCell ref=\"B3:B5\"/><mergeCell ref=\"A6:A7\"/><mergeCell ref=\"C8:D8\"/>"
			"</mergeCells>", 0, NULL}};
#undef XF_IS
		xf_book b = {0, NULL, NULL, 1, s};
		return xf_write(path, &b);
	}
	if (strcmp(name, "header2.xlsx") == 0) {
		/* a header of two rows: "Tell us about your visit" merged over
		 * B1:C1, its sub-headings in row 2 (vp-ingest combines them) */
#define XF_IS(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"
		xf_sheet s[] = {{"Responses",
			"<row r=\"1\">" XF_IS("A1", "ID") XF_IS("B1", "Tell us about your visit")
			XF_IS("D1", "Age") "</row>"
			"<row r=\"2\">" XF_IS("B2", "What went well?") XF_IS("C2", "What could be better?")
			"</row>"
			"<row r=\"3\"><c r=\"A3\"><v>1</v></c>"
			XF_IS("B3", "The staff were kind and explained everything to me clearly")
			XF_IS("C3", "Waiting times were far too long for everyone there")
			"<c r=\"D3\"><v>34</v></c></row>"
			"<row r=\"4\"><c r=\"A4\"><v>2</v></c>"
			XF_IS("B4", "Nurses were friendly and the ward was spotless each day")
			XF_IS("C4", "Parking at the hospital is impossible most mornings")
			"<c r=\"D4\"><v>51</v></c></row>",
			0, NULL}};
#undef XF_IS
		xf_book b = {0, NULL, NULL, 1, s};
		return xf_write(path, &b);
	}
	if (strcmp(name, "chartfirst.xlsx") == 0) {
		xf_sheet s[] = {
			{"Chart1", NULL, 1, NULL},
			{"Data", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", 0, NULL},
		};
		xf_book b = {0, NULL, NULL, 2, s};
		return xf_write(path, &b);
	}
	if (strcmp(name, "wide.xlsx") == 0) {
		/* 10,000 columns: header row "c1".."c10000" then a row of numbers */
		size_t cap = 10000 * 80 * 2 + 64, n = 0;
		char *d = malloc(cap);
		if (!d)
			return -1;
		for (int r = 1; r <= 2; r++) {
			n += (size_t)snprintf(d + n, cap - n, "<row r=\"%d\">", r);
			for (unsigned long c = 1; c <= 10000; c++) {
				char ref[8];
				size_t k = 0;
				for (unsigned long v = c; v; v = (v - 1) / 26)
					ref[k++] = (char)('A' + (v - 1) % 26);
				char col[8];
				for (size_t j = 0; j < k; j++)
					col[j] = ref[k - 1 - j];
				col[k] = '\0';
				if (r == 1)
					n += (size_t)snprintf(d + n, cap - n, "<c r=\"%s1\" t=\"inlineStr\"><is><t>c%lu</t></is></c>", col, c);
				else
					n += (size_t)snprintf(d + n, cap - n, "<c r=\"%s2\"><v>%lu</v></c>", col, c * 2);
			}
			n += (size_t)snprintf(d + n, cap - n, "</row>");
		}
		xf_sheet s[] = {{"Wide", d, 0, NULL}};
		xf_book b = {0, NULL, NULL, 1, s};
		int rc = xf_write(path, &b);
		free(d);
		return rc;
	}
	if (strcmp(name, "long.xlsx") == 0) {
		xf_sheet s[] = {{"Long", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
		                 "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>0123456789abcdef"
		                 "0123456789abcdef0123456789abcdef0123456789abcdef</t></is></c></row>"
		                 "<row r=\"3\"><c r=\"C3\" t=\"s\"><v>0</v></c></row>", 0, NULL}};
		xf_book b = {0, "<si><t>a shared string that is fairly long, over 32 bytes</t></si>",
		             NULL, 1, s};
		return xf_write(path, &b);
	}
	if (strcmp(name, "errors.xlsx") == 0) {
		/* formula errors (t="e"): a failed VLOOKUP in the answer and the
		 * area columns, a #DIV/0! in a number column */
		xf_sheet s[] = {{"Responses",
			"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>ID</t></is></c>"
			"<c r=\"B1\" t=\"inlineStr\"><is><t>Comment</t></is></c>"
			"<c r=\"C1\" t=\"inlineStr\"><is><t>Area</t></is></c>"
			"<c r=\"D1\" t=\"inlineStr\"><is><t>Score</t></is></c></row>"
			"<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>Parking was hard</t></is></c>"
			"<c r=\"C2\" t=\"e\"><f>VLOOKUP(A2,Areas!A:B,2,FALSE)</f><v>#N/A</v></c>"
			"<c r=\"D2\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c></row>"
			"<row r=\"3\"><c r=\"A3\"><v>2</v></c>"
			"<c r=\"B3\" t=\"e\"><f>VLOOKUP(A3,Raw!A:B,2,FALSE)</f><v>#N/A</v></c>"
			"<c r=\"C3\" t=\"inlineStr\"><is><t>Leicester City</t></is></c></row>"
			"<row r=\"4\"><c r=\"A4\"><v>3</v></c><c r=\"B4\" t=\"inlineStr\"><is><t>Kind staff</t></is></c>"
			"<c r=\"C4\" t=\"inlineStr\"><is><t>Rutland</t></is></c></row>", 0, NULL}};
		xf_book b = {0, NULL, NULL, 1, s};
		return xf_write(path, &b);
	}
	if (strcmp(name, "dupcols.xlsx") == 0) {
		xf_sheet s[] = {{"Dup", "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"A1\"><v>2</v></c>"
		                 "<c r=\"A1\"><v>3</v></c></row>", 0, NULL}};
		xf_book b = {0, NULL, NULL, 1, s};
		return xf_write(path, &b);
	}
	if (strcmp(name, "prefixed.xlsx") == 0) {
		xf_sheet s[] = {{"Prefixed", "<x:row xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
		                 "r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>pre</x:t></x:is></x:c>"
		                 "<x:c r=\"B1\"><x:v>2</x:v></x:c></x:row>", 0, NULL}};
		xf_book b = {0, NULL, NULL, 1, s};
		return xf_write(path, &b);
	}
	if (strcmp(name, "badxml.xlsx") == 0) {
		xf_sheet s[] = {{"Bad", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>\n<row r=\"2\"><c></row>", 0, NULL}};
		xf_book b = {0, NULL, NULL, 1, s};
		return xf_write(path, &b);
	}
	if (strcmp(name, "badref.xlsx") == 0) {
		xf_sheet s[] = {{"Bad", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>", 0, NULL}};
		xf_book b = {0, "<si><t>only one</t></si>", NULL, 1, s};
		return xf_write(path, &b);
	}
	if (strcmp(name, "truncated.xlsx") == 0) {
		char tmp[4096];
		snprintf(tmp, sizeof tmp, "%s/.full.xlsx", dir);
		xf_sheet s[] = {{"Responses", xf_basic_data, 0, NULL}};
		xf_book b = {0, xf_basic_shared, NULL, 1, s};
		if (xf_write(tmp, &b))
			return -1;
		FILE *f = fopen(tmp, "rb");
		char buf[65536];
		size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
		if (f)
			fclose(f);
		remove(tmp);
		return n ? xf_bytes(path, buf, n * 2 / 3) : -1;
	}
	if (strcmp(name, "old.xls") == 0) {
		const char *st[] = {"Root Entry", "Workbook", "\005SummaryInformation"};
		return xf_ole2(path, st, 3);
	}
	if (strcmp(name, "encrypted.xlsx") == 0) {
		const char *st[] = {"Root Entry", "EncryptionInfo", "EncryptedPackage", "\006DataSpaces"};
		return xf_ole2(path, st, 4);
	}
	if (strcmp(name, "notzip.xlsx") == 0)
		return xf_bytes(path, "id,text\n1,hello\n", 16);
	if (strcmp(name, "sheet.ods") == 0) {
		int zerr;
		zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
		if (!z || xf_add(z, "mimetype", "application/vnd.oasis.opendocument.spreadsheet") ||
		    xf_add(z, "content.xml", "<office:document-content/>") || zip_close(z) < 0) {
			if (z)
				zip_discard(z);
			return -1;
		}
		return 0;
	}
	if (strcmp(name, "book.xlsb") == 0) {
		int zerr;
		zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
		if (!z || xf_add(z, "_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/"
		                 "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"" XF_REL
		                 "officeDocument\" Target=\"xl/workbook.bin\"/></Relationships>") ||
		    xf_add(z, "xl/workbook.bin", "\x83\x01") || zip_close(z) < 0) {
			if (z)
				zip_discard(z);
			return -1;
		}
		return 0;
	}
	if (strcmp(name, "docx.xlsx") == 0) {
		int zerr;
		zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
		if (!z || xf_add(z, "word/document.xml", "<w:document/>") || zip_close(z) < 0) {
			if (z)
				zip_discard(z);
			return -1;
		}
		return 0;
	}
	return -1;
}

__attribute__((unused)) static const char *const xf_names[] = {
	"basic.xlsx", "title.xlsx", "mergeddown.xlsx", "header2.xlsx", "dates1900.xlsx", "dates1904.xlsx", "numbers.xlsx", "sheets.xlsx", "chartfirst.xlsx",
	"wide.xlsx", "long.xlsx", "errors.xlsx", "dupcols.xlsx", "prefixed.xlsx", "badxml.xlsx", "badref.xlsx", "truncated.xlsx", "old.xls",
	"encrypted.xlsx", "notzip.xlsx", "sheet.ods", "docx.xlsx", "book.xlsb",
};

#endif
