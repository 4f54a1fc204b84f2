/* ingest_preset.c - survey tools' export layouts, as a table: how many
 * header rows and how they name the columns, which columns are the tool's
 * metadata (never free text), the respondent and the date, and the date
 * order the tool writes.  A layout is recognised from its first header
 * row's signature, or forced with --preset; see ingest.h.
 *
 * Adding a tool is a row here (and a sample export and a case in
 * tests/e2e/ingest-presets.sh); a tool whose header rows combine in a new
 * way is a new vp_preset_kind and a branch in vp_hplan_build. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest_impl.h"

#define L(...) ((const char *const[]){__VA_ARGS__, NULL})

static const vp_ingest_preset presets[] = {
	{"surveymonkey", "SurveyMonkey, \"all responses\" expanded CSV (two header rows)",
	 VP_PRESET_SURVEYMONKEY, 2, VP_DATE_MDY, NULL, L("Respondent ID", "Collector ID"),
	 L("Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
	   "First Name", "Last Name", "Custom Data*"),
	 L("Respondent ID"), L("End Date", "Start Date"),
	 L("Open-Ended Response", "Other (please specify)*", "Other (please describe)*"), NULL,
	 "surveymonkey-condensed"},
	/* the condensed export: one header row, a column a question (a
	 * multiple-answer question's choices in one cell); recognised as
	 * surveymonkey's signature with data in row 2 (ingest_table.c) */
	{"surveymonkey-condensed", "SurveyMonkey, \"all responses\" condensed CSV (one header row)",
	 VP_PRESET_PLAIN, 1, VP_DATE_MDY, NULL, L("Respondent ID", "Collector ID"),
	 L("Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
	   "First Name", "Last Name", "Custom Data*"),
	 L("Respondent ID"), L("End Date", "Start Date"), NULL, NULL, NULL},
	{"qualtrics", "Qualtrics CSV (export tags, question text, ImportId rows)",
	 VP_PRESET_QUALTRICS, 3, VP_DATE_YMD, NULL, L("StartDate", "ResponseId"),
	 L("StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration*", "Finished",
	   "RecordedDate", "ResponseId", "Recipient*", "ExternalReference", "ExternalDataReference",
	   "Location*", "DistributionChannel", "UserLanguage"),
	 L("ResponseId"), L("RecordedDate", "EndDate", "StartDate"), NULL, "Status", NULL},
	{"google-forms", "Google Forms responses sheet as CSV (Timestamp first, UK dd/mm/yyyy)",
	 VP_PRESET_PLAIN, 1, VP_DATE_DMY, L("Timestamp"), NULL,
	 L("Timestamp", "Email address", "Score"), NULL, L("Timestamp"), NULL, NULL, NULL},
	{"ms-forms", "Microsoft Forms responses (ID, Start time, Completion time, ...)",
	 VP_PRESET_PLAIN, 1, VP_DATE_DMY, L("ID"), L("Start time", "Completion time"),
	 L("ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
	   "Total points", "Quiz feedback"),
	 L("ID"), L("Completion time", "Start time"), NULL, NULL, NULL},
	{"smartsurvey", "SmartSurvey CSV (UserID or UserNo, IP Address, Started, Ended, ...)",
	 VP_PRESET_PLAIN, 1, VP_DATE_DMY, L("UserID", "User ID", "UserNo"), L("Started", "Ended"),
	 L("UserID", "User ID", "UserNo", "IP Address", "Unique ID", "Started", "Ended",
	   "Tracking Link", "Custom ID", "Contact*"),
	 L("UserID", "User ID", "UserNo"), L("Ended", "Started"), NULL, NULL, NULL},
	{"citizenspace", "Citizen Space responses (Response ID ANON-..., Submitted on)",
	 VP_PRESET_PLAIN, 1, VP_DATE_DMY, L("Response ID"), L("Submitted on"),
	 L("Response ID", "Submitted on", "Respondent ID", "Published name", "Publish response*"),
	 L("Response ID"), L("Submitted on"), NULL, NULL, NULL},
	{"excel", "a plain table: one header row (Excel, most tools' simple CSV)",
	 VP_PRESET_PLAIN, 1, VP_DATE_DMY, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};
enum { NPRESETS = sizeof presets / sizeof presets[0] };

const vp_ingest_preset *vp_preset_parse(const char *name)
{
	for (size_t i = 0; i < NPRESETS; i++)
		if (strcasecmp(presets[i].name, name) == 0)
			return &presets[i];
	return NULL;
}

const vp_ingest_preset *vp_preset_at(size_t i)
{
	return i < NPRESETS ? &presets[i] : NULL;
}

int vp_preset_list(vp_buf *out)
{
	for (size_t i = 0; i < NPRESETS; i++)
		if (vp_buf_printf(out, "%s%s", i == 0 ? "" : i + 1 < NPRESETS ? ", " : " or ",
		                  presets[i].name) != 0)
			return -1;
	return 0;
}

/* name (trimmed already) matches pattern: equal ignoring ASCII case, or
 * pattern "Abc*" a prefix of it. */
int vp_preset_match(const char *pattern, const char *name)
{
	size_t n = strlen(pattern);
	if (n && pattern[n - 1] == '*')
		return strncasecmp(pattern, name, n - 1) == 0;
	return strcasecmp(pattern, name) == 0;
}

int vp_preset_in(const char *const *list, const char *name)
{
	for (; list && *list; list++)
		if (vp_preset_match(*list, name))
			return 1;
	return 0;
}

const vp_ingest_preset *vp_preset_detect(const char *const *names, size_t n)
{
	for (size_t i = 0; i < NPRESETS; i++) {
		const vp_ingest_preset *p = &presets[i];
		if (!p->first && !p->signature)
			continue;
		if (p->first && (n == 0 || !vp_preset_in(p->first, names[0])))
			continue;
		int all = 1;
		for (const char *const *s = p->signature; all && s && *s; s++) {
			size_t j;
			for (j = 0; j < n && strcasecmp(names[j], *s) != 0; j++)
				;
			all = j < n;
		}
		if (all)
			return p;
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Qualtrics' Status: what a row is.  The values are those Qualtrics' own
 * SPSS export labels (0 "IP Address" ... 48 "EX Offline"): bit 1 a survey
 * preview, 2 a generated test, 8 spam are no responses; 4 imported, 16
 * offline (the app), 32 an Employee Experience project's are. */

static const vp_qstatus qstatus[VP_QSTATUS_N] = {
	{"IP Address", 0, 1},
	{"Survey Preview", 1, 0},
	{"Survey Test", 2, 0},
	{"Imported", 4, 1},
	{"Spam", 8, 0},
	{"Survey Preview Spam", 9, 0},
	{"Imported Spam", 12, 0},
	{"Offline", 16, 1},
	{"Offline Survey Preview", 17, 0},
	{"EX", 32, 1},
	{"EX Spam", 40, 0},
	{"EX Offline", 48, 1},
};

int vp_qstatus_find(const char *s, size_t n, int *numeric)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	int digits = n > 0 && n <= 3 && (n == 1 || s[0] != '0');
	int code = 0;
	for (size_t i = 0; digits && i < n; i++) {
		digits = s[i] >= '0' && s[i] <= '9';
		code = code * 10 + (s[i] - '0');
	}
	*numeric = digits;
	for (int i = 0; i < VP_QSTATUS_N; i++)
		if (digits ? qstatus[i].code == code
		           : strlen(qstatus[i].name) == n && strncasecmp(qstatus[i].name, s, n) == 0)
			return i;
	return -1;
}

const vp_qstatus *vp_qstatus_at(int i)
{
	return i >= 0 && i < VP_QSTATUS_N ? &qstatus[i] : NULL;
}

/* ------------------------------------------------------------------ */
/* combining header rows */

void vp_hplan_free(vp_hplan *pl)
{
	for (size_t i = 0; i < pl->n; i++) {
		if (pl->name)
			free(pl->name[i]);
		if (pl->tag)
			free(pl->tag[i]);
		if (pl->question)
			free(pl->question[i]);
	}
	free(pl->name);
	free(pl->tag);
	free(pl->question);
	free(pl->role);
	memset(pl, 0, sizeof *pl);
	pl->status = -1;
}

static const char *cell(char **const *rows, const size_t *nc, size_t k, size_t i)
{
	return i < nc[k] && rows[k][i] ? rows[k][i] : "";
}

static char *dup2(const char *a, const char *sep, const char *b)
{
	size_t na = strlen(a), ns = strlen(sep), nb = strlen(b);
	char *s = malloc(na + ns + nb + 1);
	if (!s)
		return NULL;
	memcpy(s, a, na);
	memcpy(s + na, sep, ns);
	memcpy(s + na + ns, b, nb + 1);
	return s;
}

/* The value of "ImportId" in a Qualtrics third-row cell, or "". */
static const char *import_id(const char *s, size_t *n)
{
	const char *k = strstr(s, "\"ImportId\"");
	*n = 0;
	if (!k)
		return "";
	k += 10;
	while (*k == ' ' || *k == ':')
		k++;
	if (*k != '"')
		return "";
	const char *e = strchr(++k, '"');
	if (!e)
		return "";
	*n = (size_t)(e - k);
	return k;
}

static int ends_with(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* A Qualtrics sub-column's question: "Q? - Choice - Text" -> "Q?". */
static char *qualtrics_question(const char *t)
{
	size_t n = strlen(t);
	if (ends_with(t, n, " - Text"))
		n -= 7;
	for (size_t i = n; i >= 3; i--)
		if (memcmp(t + i - 3, " - ", 3) == 0) {
			n = i - 3;
			break;
		}
	return strndup(t, n);
}

/* Column i of two header rows: t its row-1 cell, sub its row-2 cell.  A
 * question spans the columns right of it that row 1 leaves empty (*span:
 * the last question); a sub-heading makes the name "Question - Sub" and
 * the question the column's question.  labels: SurveyMonkey's answer
 * labels ("Response", "Open-Ended Response") add nothing to the name.
 * 0, or -1 (no memory). */
static int span_name(vp_hplan *pl, size_t i, const char *t, const char *sub, const char **span,
                     int labels)
{
	const char *q = t;
	if (*t)
		*span = t;
	else if (*sub)
		q = *span; /* a question spanning several columns */
	if (!*sub || (labels && (!strcasecmp(sub, "Response") ||
	                         !strcasecmp(sub, "Open-Ended Response"))))
		pl->name[i] = strdup(q);
	else
		pl->name[i] = *q ? dup2(q, " - ", sub) : strdup(sub);
	if (!pl->name[i])
		return -1;
	if (*q && strcmp(q, pl->name[i]) != 0 && !(pl->question[i] = strdup(q)))
		return -1;
	return 0;
}

int vp_hplan_names_all(char **const *rows, const size_t *nc, size_t n)
{
	size_t last = n; /* empty cells at the end of the row aside */
	while (last > 0 && !*cell(rows, nc, 0, last - 1))
		last--;
	for (size_t i = 0; i < last; i++)
		if (!*cell(rows, nc, 0, i))
			return 0;
	return last > 0;
}

int vp_hplan_build(vp_hplan *pl, const vp_ingest_preset *p, char **const *rows,
                   const size_t *nc, size_t nrows, size_t n, char *why, size_t whysz,
                   size_t *bad_row)
{
	*bad_row = 1;
	memset(pl, 0, sizeof *pl);
	pl->preset = p;
	size_t m = n ? n : 1;
	pl->name = calloc(m, sizeof *pl->name);
	pl->tag = calloc(m, sizeof *pl->tag);
	pl->question = calloc(m, sizeof *pl->question);
	pl->role = calloc(m, 1);
	if (!pl->name || !pl->tag || !pl->question || !pl->role) {
		vp_hplan_free(pl);
		return -1;
	}
	pl->n = n;
	pl->status = -1;
	/* Every layout that names its columns is checked, one header row or
	 * more: header rows taken on trust would turn data into names, and a
	 * one-row layout taken on trust would read another tool's rows
	 * wrongly.  Column 1 must be the layout's first, and the signature
	 * must be there. */
	if (p->first && !vp_preset_in(p->first, cell(rows, nc, 0, 0))) {
		char want[160] = "";
		size_t w = 0;
		for (const char *const *f = p->first; *f && w < sizeof want; f++)
			w += (size_t)snprintf(want + w, sizeof want - w, "%s\"%s\"",
			                      f == p->first ? "" : f[1] ? ", " : " or ", *f);
		snprintf(why, whysz, "%s layout: column 1 is \"%.100s\", not %s "
		         "(not this tool's export? try --preset excel)", p->name, cell(rows, nc, 0, 0),
		         want);
		vp_hplan_free(pl);
		return 1;
	}
	{
		for (const char *const *sig = p->signature; sig && *sig; sig++) {
			size_t i;
			for (i = 0; i < n && strcasecmp(cell(rows, nc, 0, i), *sig) != 0; i++)
				;
			if (i == n) {
				snprintf(why, whysz, "%s layout: no \"%s\" column in row 1 "
				         "(not this tool's export? try --preset excel)", p->name, *sig);
				vp_hplan_free(pl);
				return 1;
			}
		}
	}
	if (p->kind == VP_PRESET_SURVEYMONKEY && nrows >= 2) {
		for (size_t i = 0; i < n; i++)
			if (vp_preset_in(p->respondent, cell(rows, nc, 0, i)) && *cell(rows, nc, 1, i)) {
				*bad_row = 2;
				if (p->one_row && vp_hplan_names_all(rows, nc, n))
					snprintf(why, whysz, "%s layout: row 2 is data, not the answer-label "
					         "row (a condensed export, one header row? try --preset %s)",
					         p->name, p->one_row);
				else
					snprintf(why, whysz, "%s layout: row 2 is data, not the answer-label "
					         "row (a one-row header? try --preset excel)", p->name);
				vp_hplan_free(pl);
				return 1;
			}
	}
	if (p->kind == VP_PRESET_QUALTRICS && nrows >= 3) {
		int any = 0, bad = 0;
		for (size_t i = 0; i < n; i++) {
			const char *c = cell(rows, nc, 2, i);
			any |= *c != 0;
			bad |= *c && *c != '{';
		}
		if (!any || bad) {
			*bad_row = 3;
			snprintf(why, whysz, "%s layout: row 3 is not the {\"ImportId\": ...} row "
			         "(a legacy export? try --preset excel)", p->name);
			vp_hplan_free(pl);
			return 1;
		}
	}
	const char *span = "";
	for (size_t i = 0; i < n; i++) {
		const char *t = cell(rows, nc, 0, i);
		pl->tag[i] = strdup(t);
		if (!pl->tag[i])
			goto oom;
		if (vp_preset_in(p->meta, t))
			pl->role[i] = VP_ROLE_META;
		if (p->status && pl->status < 0 && strcasecmp(t, p->status) == 0)
			pl->status = (long)i;
		switch (p->kind) {
		case VP_PRESET_PLAIN:
			/* two rows: a question over several columns, its
			 * sub-headings below (ingest_table.c decides), named as
			 * SurveyMonkey's are */
			if (nrows >= 2) {
				if (span_name(pl, i, t, cell(rows, nc, 1, i), &span, 0) != 0)
					goto oom;
			} else {
				pl->name[i] = strdup(t);
			}
			break;
		case VP_PRESET_SURVEYMONKEY: {
			const char *sub = nrows >= 2 ? cell(rows, nc, 1, i) : "";
			if (span_name(pl, i, t, sub, &span, 1) != 0)
				goto oom;
			if (pl->role[i] != VP_ROLE_META && *sub && vp_preset_in(p->text_sub, sub))
				pl->role[i] = VP_ROLE_TEXT;
			break;
		}
		case VP_PRESET_QUALTRICS: {
			const char *qt = nrows >= 2 ? cell(rows, nc, 1, i) : "";
			size_t idn;
			const char *id = nrows >= 3 ? import_id(cell(rows, nc, 2, i), &idn) : "";
			if (!nrows || !*id)
				idn = 0;
			pl->name[i] = strdup(*qt ? qt : t);
			if (pl->role[i] != VP_ROLE_META &&
			    (ends_with(t, strlen(t), "_TEXT") || ends_with(id, idn, "_TEXT"))) {
				pl->role[i] = VP_ROLE_TEXT;
				/* "Q3_4_TEXT": the text box of a choice of Q3 */
				const char *u = strchr(t, '_');
				if (u && u != t + strlen(t) - 5 && *qt &&
				    !(pl->question[i] = qualtrics_question(qt)))
					goto oom;
			}
			break;
		}
		}
		if (!pl->name[i])
			goto oom;
	}
	return 0;
oom:
	vp_hplan_free(pl);
	return -1;
}
