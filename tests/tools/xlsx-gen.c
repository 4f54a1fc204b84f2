/* xlsx-gen - write the xlsx test workbooks (tests/unit/xlsx_fixtures.h).
 *   xlsx-gen DIR                      every fixture into DIR
 *   xlsx-gen DIR NAME...              the named ones (basic.xlsx, wide.xlsx, ...)
 *   xlsx-gen --bench ROWS OUT [--shared]
 *       a survey-like workbook of ROWS rows (id, date, area, score, two free-text
 *       answers); the answers are inline strings, or with --shared shared
 *       strings, as Excel writes them (the table then grows with the rows).
 *   xlsx-gen --help | -h              this usage (an unknown option: 64) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "../unit/xlsx_fixtures.h"

static const char *const words[] = {
	"appointment", "waited", "weeks", "receptionist", "kind", "parking", "impossible",
	"the", "doctor", "listened", "phone", "lines", "always", "busy", "nurse", "helpful",
	"referral", "lost", "letter", "never", "arrived", "clinic", "clean", "staff", "rushed",
	"explained", "everything", "clearly", "bus", "route", "hospital", "far", "&", "<ok>",
};

static int bench(unsigned long rows, const char *out, int shared)
{
	char tmp[] = "/tmp/xlsx-gen.XXXXXX";
	int fd = mkstemp(tmp);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	char sstmp[] = "/tmp/xlsx-gen-ss.XXXXXX";
	int sfd = shared ? mkstemp(sstmp) : -1;
	FILE *sf = sfd >= 0 ? fdopen(sfd, "w") : NULL;
	if (!f || (shared && !sf)) {
		perror("xlsx-gen: temporary file");
		return EX_CANTCREAT;
	}
	static const char *const areas[] = {"Leicester City", "West Leicestershire", "East Leicestershire and Rutland"};
	unsigned long seed = 12345, nss = 3;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet " XF_NS "><sheetData>");
	fprintf(f, "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Response ID</t></is></c>"
	           "<c r=\"B1\" t=\"inlineStr\"><is><t>Start Date</t></is></c>"
	           "<c r=\"C1\" t=\"inlineStr\"><is><t>CCG area</t></is></c>"
	           "<c r=\"D1\" t=\"inlineStr\"><is><t>Score</t></is></c>"
	           "<c r=\"E1\" t=\"inlineStr\"><is><t>What could we do better?</t></is></c>"
	           "<c r=\"F1\" t=\"inlineStr\"><is><t>Any other comments?</t></is></c></row>");
	if (sf) {
		fprintf(sf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sst " XF_NS ">");
		for (int i = 0; i < 3; i++)
			fprintf(sf, "<si><t>%s</t></si>", areas[i]);
	}
	for (unsigned long r = 2; r <= rows + 1; r++) {
		fprintf(f, "<row r=\"%lu\" spans=\"1:6\"><c r=\"A%lu\"><v>%lu</v></c>"
		           "<c r=\"B%lu\" s=\"1\"><v>%.6f</v></c>", r, r, 100000 + r, r,
		        46000 + (double)(r % 365) + (double)(r % 86400) / 86400.0);
		if (sf)
			fprintf(f, "<c r=\"C%lu\" t=\"s\"><v>%lu</v></c>", r, r % 3);
		else
			fprintf(f, "<c r=\"C%lu\" t=\"inlineStr\"><is><t>%s</t></is></c>", r, areas[r % 3]);
		fprintf(f, "<c r=\"D%lu\"><v>%lu</v></c>", r, r % 11);
		for (int q = 0; q < 2; q++) {
			char ans[1024];
			size_t n = 0;
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			int nw = 6 + (int)((seed >> 33) % 30);
			for (int w = 0; w < nw; w++) {
				seed = seed * 6364136223846793005UL + 1442695040888963407UL;
				const char *wd = words[(seed >> 33) % (sizeof words / sizeof *words)];
				const char *esc = strcmp(wd, "&") == 0 ? "&amp;" : strcmp(wd, "<ok>") == 0 ? "&lt;ok&gt;" : wd;
				n += (size_t)snprintf(ans + n, sizeof ans - n, "%s%s", w ? " " : "", esc);
			}
			char col = q ? 'F' : 'E';
			if (sf) {
				fprintf(sf, "<si><t>%s</t></si>", ans);
				fprintf(f, "<c r=\"%c%lu\" t=\"s\"><v>%lu</v></c>", col, r, nss++);
			} else {
				fprintf(f, "<c r=\"%c%lu\" t=\"inlineStr\"><is><t>%s</t></is></c>", col, r, ans);
			}
		}
		fputs("</row>", f);
	}
	fputs("</sheetData></worksheet>", f);
	if (sf)
		fputs("</sst>", sf);
	long sheet_bytes = ftell(f), ss_bytes = sf ? ftell(sf) : 0;
	if (fclose(f) || (sf && fclose(sf))) {
		perror("xlsx-gen: write");
		return EX_IOERR;
	}
	char at[64], sat[64];
	snprintf(at, sizeof at, "@%s", tmp);
	snprintf(sat, sizeof sat, "@%s", sstmp);
	xf_sheet s[] = {{"Survey", at, 0, NULL}};
	xf_book b = {0, shared ? sat : NULL, "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"22\"/></cellXfs>", 1, s};
	int rc = xf_write(out, &b);
	if (rc == 0)
		printf("sheet-xml-bytes %ld shared-strings-bytes %ld\n", sheet_bytes, ss_bytes);
	remove(tmp);
	if (shared)
		remove(sstmp);
	return rc ? EX_CANTCREAT : 0;
}

static const char usage[] =
	"usage: xlsx-gen DIR [NAME...] | xlsx-gen --bench ROWS OUT.xlsx [--shared]\n"
	"  DIR [NAME...]   write the test workbooks (every one, or those named) into DIR\n"
	"  --bench ROWS OUT.xlsx [--shared]\n"
	"                  a survey-like workbook of ROWS rows; --shared: answers as\n"
	"                  shared strings (else inline strings)\n"
	"  -h, --help      this help\n";

int main(int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(usage, stdout);
		return fflush(stdout) || ferror(stdout) ? EX_IOERR : 0;
	}
	if (argc >= 2 && strcmp(argv[1], "--bench") == 0) {
		if (argc < 4 || argc > 5 || (argc == 5 && strcmp(argv[4], "--shared") != 0)) {
			fputs(usage, stderr);
			return EX_USAGE;
		}
		return bench(strtoul(argv[2], NULL, 10), argv[3], argc == 5);
	}
	if (argc >= 2 && argv[1][0] == '-' && argv[1][1]) {
		fprintf(stderr, "xlsx-gen: unknown option '%s'\n%s", argv[1], usage);
		return EX_USAGE;
	}
	if (argc < 2) {
		fputs(usage, stderr);
		return EX_USAGE;
	}
	int rc = 0;
	if (argc == 2) {
		for (size_t i = 0; i < sizeof xf_names / sizeof *xf_names; i++)
			if (xf_make(argv[1], xf_names[i])) {
				fprintf(stderr, "xlsx-gen: %s: failed\n", xf_names[i]);
				rc = EX_CANTCREAT;
			}
	}
	for (int i = 2; i < argc; i++)
		if (xf_make(argv[1], argv[i])) {
			fprintf(stderr, "xlsx-gen: %s: failed\n", argv[i]);
			rc = EX_CANTCREAT;
		}
	return rc;
}
