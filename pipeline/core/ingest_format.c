/* ingest_format.c - the formats vp-ingest reads, as a table.  A new format
 * is a row here and a reader in a file of its own: a row source
 * (rowsrc.h) for anything tabular, so header names, --text-col and
 * column guessing come for free. */
#include <strings.h>
#include <string.h>

#include "ingest_impl.h"
#include "voxpop/rowsrc_more.h"

static const char *const csv_ext[] = {".csv", NULL};
static const char *const ndjson_alias[] = {"jsonl", NULL};
static const char *const ndjson_ext[] = {".ndjson", ".jsonl", NULL};
static const char *const text_alias[] = {"txt", NULL};
static const char *const text_ext[] = {".txt", NULL};
/* .xls too, so that an old binary workbook gets the xlsx reader's "save it
 * as .xlsx" rather than a CSV error about NUL bytes */
static const char *const xlsx_alias[] = {"excel", NULL};
static const char *const xlsx_ext[] = {".xlsx", ".xlsm", ".xls", NULL};

/* The first row is the default: standard input, unknown extensions. */
static const vp_ingest_format formats[] = {
	{"csv", NULL, csv_ext, "survey", vp_rowsrc_csv_open, NULL},
	{"ndjson", ndjson_alias, ndjson_ext, "form", NULL, vp_ingest_ndjson},
	{"text", text_alias, text_ext, "event", vp_rowsrc_text_open, NULL},
	{"xlsx", xlsx_alias, xlsx_ext, "survey", vp_rowsrc_xlsx_open, NULL},
};
enum { NFORMATS = sizeof formats / sizeof formats[0] };

static int in_list(const char *const *list, const char *s)
{
	for (; list && *list; list++)
		if (!strcasecmp(*list, s))
			return 1;
	return 0;
}

const vp_ingest_format *vp_format_parse(const char *s)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (!strcasecmp(formats[i].name, s) || in_list(formats[i].aliases, s))
			return &formats[i];
	return NULL;
}

const vp_ingest_format *vp_format_of(const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;
	if (dot && strchr(dot, '/') == NULL)
		for (size_t i = 0; i < NFORMATS; i++)
			if (in_list(formats[i].exts, dot))
				return &formats[i];
	return &formats[0];
}

int vp_format_list(vp_buf *out)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (vp_buf_printf(out, "%s%s", i == 0 ? "" : i + 1 < NFORMATS ? ", " : " or ",
		                  formats[i].name) != 0)
			return -1;
	return 0;
}
