/* vp-fetch - pull online-form responses over HTTPS into voxpop records. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "voxpop/cli.h"
#include "voxpop/input.h"
#include "voxpop/err.h"
#include "voxpop/fetch.h"
#include "voxpop/record.h"
#include "voxpop/redact.h"

static const char *const prog = "vp-fetch";

enum {
	O_BASE_URL = 256, O_RECORDS, O_NEXT, O_ID, O_QUESTION, O_LOCALITY, O_DATE,
	O_SINCE, O_SOURCE, O_TOKEN_ENV, O_TOKEN_FILE, O_AUTH_SCHEME, O_CACERT,
	O_CONNECT_TIMEOUT, O_TIMEOUT, O_MAX_PAGE, O_MAX_RETRIES, O_MAX_BACKOFF,
	O_PAGE_SIZE, O_MAX_PAGES, O_STATE, O_SECRET_ENV, O_SECRET_FILE, O_HEADER,
	O_OAUTH_URL, O_SCOPE, O_TENANT, O_REGION, O_PAGE_PARAM, O_OFFSET_PARAM, O_LIMIT,
	O_LIMIT_PARAM, O_NEXT_PARAM, O_SUMMARY,
};

static const vp_opt opts[] = {
	{"preset", 'p', VP_ARG, "NAME", "a known service: surveymonkey, typeform, kobo, smartsurvey, google-forms, msgraph-excel, msgraph-list, jotform, qualtrics"},
	{"survey", 's', VP_ARG, "ID", "preset: the survey id / form id / asset uid (msgraph-list: SITE_ID/LIST_ID; msgraph-excel: DRIVE_ID/ITEM_ID/TABLE)"},
	{"region", O_REGION, VP_ARG, "NAME", "preset: 'eu' for the service's EU host; qualtrics: the data centre (fra1, iad1...)"},
	{"base-url", O_BASE_URL, VP_ARG, "URL", "preset: scheme://host to use instead of the service's"},
	{"url", 'u', VP_ARG, "URL", "generic JSON API: the first page"},
	{"records", O_RECORDS, VP_ARG, "PTR", "generic: JSON pointer to the page's array of responses"},
	{"next", O_NEXT, VP_ARG, "PTR|link", "generic: pointer to the next page's URL, or 'link' for the Link header"},
	{"id", O_ID, VP_ARG, "PTR", "pointer to a response's id (presets have one)"},
	{"text", 't', VP_ARG, "PTR", "pointer to a free-text answer (repeatable)"},
	{"question", O_QUESTION, VP_ARG, "NAME", "question name for the --text before it (default: pointer's last token)"},
	{"locality", O_LOCALITY, VP_ARG, "PTR", "pointer to a response's locality"},
	{"date", O_DATE, VP_ARG, "PTR", "pointer to a response's date (presets have one)"},
	{"since-param", O_SINCE, VP_ARG, "NAME", "generic: query parameter that gets the high-water mark"},
	{"page-param", O_PAGE_PARAM, VP_ARG, "NAME", "generic: page by number, NAME=1, 2, ... until an empty or short page"},
	{"offset-param", O_OFFSET_PARAM, VP_ARG, "NAME", "generic: page by offset, NAME=0, n, 2n, ... until an empty or short page"},
	{"limit", O_LIMIT, VP_ARG, "N", "generic: page size sent as limit=N (see --limit-param); a shorter page is the last"},
	{"limit-param", O_LIMIT_PARAM, VP_ARG, "NAME", "generic: the parameter --limit is sent as (default limit)"},
	{"next-param", O_NEXT_PARAM, VP_ARG, "NAME", "generic: --next PTR is a token, sent back as NAME=token"},
	{"source", O_SOURCE, VP_ARG, "NAME", "\"source\" of the records (default preset:id or URL host)"},
	{"token-env", O_TOKEN_ENV, VP_ARG, "VAR", "read the API token from environment variable VAR"},
	{"token-file", O_TOKEN_FILE, VP_ARG, "FILE", "read the API token from FILE"},
	{"secret-env", O_SECRET_ENV, VP_ARG, "VAR", "a second secret from VAR: HTTP Basic password (token = user), OAuth2 client secret (token = client id)"},
	{"secret-file", O_SECRET_FILE, VP_ARG, "FILE", "the second secret from FILE"},
	{"header", 'H', VP_ARG, "'NAME: env:VAR'", "send a header whose value comes from env:VAR or file:PATH (repeatable); a literal value only for names not like auth/token/key/secret"},
	{"oauth-token-url", O_OAUTH_URL, VP_ARG, "URL", "OAuth2 client credentials: the token endpoint (client id and secret as --token-* and --secret-*)"},
	{"scope", O_SCOPE, VP_ARG, "SCOPE", "OAuth2: the scope asked for (msgraph: https://graph.microsoft.com/.default)"},
	{"tenant", O_TENANT, VP_ARG, "ID", "msgraph: the Azure AD tenant (token endpoint login.microsoftonline.com/ID)"},
	{"auth-scheme", O_AUTH_SCHEME, VP_ARG, "WORD", "Authorization scheme (default Bearer; kobo: Token)"},
	{"cacert", O_CACERT, VP_ARG, "FILE", "trust the CA certificates in FILE (private CAs)"},
	{"connect-timeout", O_CONNECT_TIMEOUT, VP_ARG, "SECONDS", "connection timeout (default 30)"},
	{"timeout", O_TIMEOUT, VP_ARG, "SECONDS", "timeout for one request (default 300)"},
	{"max-page-bytes", O_MAX_PAGE, VP_ARG, "N", "give up on a page larger than N bytes (default 64 MiB)"},
	{"max-retries", O_MAX_RETRIES, VP_ARG, "N", "retries of a failed request (default 5)"},
	{"max-backoff", O_MAX_BACKOFF, VP_ARG, "SECONDS", "longest wait between retries (default 60)"},
	{"page-size", O_PAGE_SIZE, VP_ARG, "N", "preset: responses per page (default 100; smartsurvey at most 100, typeform and jotform 1000)"},
	{"max-pages", O_MAX_PAGES, VP_ARG, "N", "stop with an error after N pages (default 100000)"},
	{"state", O_STATE, VP_ARG, "FILE", "incremental: fetch only what earlier runs did not"},
	{"output", 'o', VP_ARG, "FILE", "append records to FILE instead of standard output"},
	{"summary", O_SUMMARY, VP_NOARG, NULL, "one summary line on stderr at the end of the run, failed or not (for schedulers)"},
	{0},
};

static const vp_cli cli = {
	"vp-fetch", "[OPTION]...",
	"Fetch responses from an online-form API and write one voxpop record (NDJSON)\n"
	"per non-empty free-text answer, channel \"form\".  PTR is an RFC 6901 JSON\n"
	"pointer: relative to the page for --records/--next, to a response otherwise.",
	opts,
	"Secrets (the token, --secret-*, --header values, OAuth2 access tokens) are\n"
	"never taken from the command line, never printed and never stored.  TLS\n"
	"certificates are always verified; only http and https are used, and plain\n"
	"http carries a credential only to 127.0.0.1, [::1] or localhost (else 64).\n"
	"429 and 503 are retried honouring Retry-After (capped by --max-backoff; one\n"
	"too large to read waits the cap, said on stderr), other 5xx, 408, timeouts\n"
	"and cut connections with exponential backoff.\n"
	"\n"
	"With --state, a response is emitted once: the state keeps the latest date\n"
	"fetched, the ids at that date and how far the output file was committed.  It\n"
	"is replaced (atomically) only after all records are written and fsync'd.  A\n"
	"run that dies leaves the state as it was (and where it began writing); the\n"
	"next run cuts what it wrote off the output file and fetches again (what\n"
	"other sources appended is left).  Exactly-once needs the output\n"
	"to be a regular file (>> FILE or --output FILE).  With --state, paging by\n"
	"number or offset under a date filter (surveymonkey, kobo, --since-param)\n"
	"asks each next page since the latest date seen, so an edit or deletion\n"
	"during the run cannot hide a response.  Other paging by number or offset\n"
	"(smartsurvey, none of those) reads the page before again after each page\n"
	"and takes the responses that moved into it (reported); if more than a page\n"
	"moved, nothing is committed (75): run again.\n"
	"\n"
	"The mark only takes ISO 8601 dates (a time needs a zone) or Unix seconds\n"
	"not after the clock + 1 hour; responses with other dates are written,\n"
	"reported and remembered by id.  A response met twice in a run is written\n"
	"once.  Values jansson refuses in a page (lone surrogates, \\u0000, integers\n"
	"beyond 64 bits...) are repaired and reported; a response without an id is\n"
	"reported and skipped.  A --text answer that is a number is written as text\n"
	"(a fraction to 15 significant digits, as Excel shows it); true or false, an\n"
	"array or an object is not written, and counted and reported.  Text from a\n"
	"response is shown without the token, and what a message quotes of a page\n"
	"(an odd date, an id, text near a JSON error) with personal data masked as\n"
	"vp-redact writes it.\n"
	"\n"
	"A response edited after it was fetched (same id, a newer date: SurveyMonkey's\n"
	"date_modified) is fetched again and appended as a new version, its records\n"
	"with the same respondent and ids: read the output through vp-latest, which\n"
	"keeps the latest version of each response, or edited responses count twice.\n"
	"\n"
	"Examples:\n"
	"  VOXPOP_TOKEN=... vp-fetch --preset surveymonkey --survey 123456789 \\\n"
	"      --token-env VOXPOP_TOKEN --state bct.state >> bct.ndjson\n"
	"  vp-latest bct.ndjson | vp-normalise | vp-tag | vp-count > bct-counts.json\n"
	"  vp-fetch --preset qualtrics --region fra1 --survey SV_abc123 \\\n"
	"      --token-file /etc/voxpop/qualtrics.token --state q.state -o q.ndjson --summary\n"
	"  vp-fetch --url https://forms.example.org/api/r?per_page=100 --records /results \\\n"
	"      --next /next --id /id --date /submitted --text /comments --question Comments \\\n"
	"      --token-file ~/.config/voxpop/token --since-param since --state f.state -o f.ndjson\n"
	"\n"
	"Schedulers: --summary prints one line at the end of every run (new records,\n"
	"pages, retries, seconds, exit status; a run that failed with --state says\n"
	"\"N records written but not committed\": the next run fetches them again).\n"
	"Retry later on 75; fix the setup on 64, 66, 69, 73, 77, 78; a person should\n"
	"look at 65 and 76.\n"
	"\n"
	"Exit status: 0 done; 64 usage; 65 bad page (not JSON, no records array, too\n"
	"large), corrupt state file or one of a newer vp-fetch, empty token or CA file,\n"
	"an output tail to cut that is not all this source's, a state that would exceed\n"
	"64 MiB; 66 not found (404), or a token, CA or state file that cannot be read;\n"
	"69 unavailable (TLS verification, refused protocol); 73 output, state or lock\n"
	"file cannot be created; 74 I/O error; 75 retries exhausted (429, 5xx,\n"
	"timeouts), another run holds the state, more than a page moved while the pages\n"
	"were read; 76 unexpected HTTP status, next page off the origin or a page\n"
	"fetched twice (a cycle), 10 pages in a row the same as the one before under\n"
	"new URLs or 100 empty pages in a row each naming a next page (paging that\n"
	"goes nowhere), a redirect with a secret header, a response header line over\n"
	"libcurl's 100 kB or headers over its 300 kB together; 77 not authorised\n"
	"(401/403, also after one OAuth2 token refresh; client credentials refused);\n"
	"78 a bad list of given names (vp-redact's, masking messages).\n",
};

/* A secret's file or variable as tools leave it: white space and line ends
 * around it (a CRLF file, VAR=$(cat file) keeping the CR, a systemd
 * EnvironmentFile saved on Windows) are not part of it.  t[0..*n) trimmed. */
static const char *trim_space(const char *t, size_t *n)
{
	while (*n && isspace((unsigned char)*t))
		t++, (*n)--;
	while (*n && isspace((unsigned char)t[*n - 1]))
		(*n)--;
	return t;
}

/* The secret in environment variable var, trimmed, into *out (malloc'd);
 * NULL, or why it cannot be used (*out NULL: out of memory if why is NULL). */
static const char *env_secret(const char *var, char **out)
{
	const char *v = getenv(var);
	*out = NULL;
	if (!v)
		return "is not set";
	if (!*v)
		return "is empty";
	size_t n = strlen(v);
	const char *t = trim_space(v, &n);
	if (n == 0)
		return "holds only white space";
	*out = strndup(t, n);
	return NULL;
}

static int read_token_file(const char *path, char **tok, vp_err *e)
{
	FILE *fp;
	int rc = vp_open_in(&fp, path, VP_IN_NOSTDIN, e);
	if (rc)
		return rc;
	struct stat st;
	int open_to_all = fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 007);
	char buf[8192];
	size_t n = fread(buf, 1, sizeof buf, fp);
	int bad = ferror(fp), big = n == sizeof buf;
	fclose(fp);
	if (bad)
		return vp_errf_at(e, EX_IOERR, path, 0, "cannot read token file");
	if (big)
		return vp_errf_at(e, EX_DATAERR, path, 0, "token file too large");
	/* not the token: a UTF-8 byte-order mark (Notepad), white space and
	 * line ends around it */
	const char *t = buf;
	if (n >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
		t += 3, n -= 3;
	t = trim_space(t, &n);
	if (n == 0)
		return vp_errf_at(e, EX_DATAERR, path, 0, "token file is empty");
	/* a secret others can read is no longer one: say so (and go on: a
	 * nightly import should not stop for it) */
	if (open_to_all)
		vp_warnf(prog, "%s: other users can read or write this secret's file (mode %04o): "
		         "chmod 600 it", path, (unsigned)(st.st_mode & 07777));
	*tok = strndup(t, n);
	memset(buf, 0, sizeof buf);
	return *tok ? 0 : vp_errf(e, EX_OSERR, "out of memory");
}

/* Why the environment variable holding a secret cannot be used ("is not
 * set", "is empty"), or NULL when it can (its value is never shown). */
/* A header name that looks like it carries a credential. */
static int secret_name(const char *name, size_t n)
{
	static const char *const words[] = {"auth", "token", "key", "secret", "pass", "sig",
	                                    "cookie", "session", "credential"};
	char low[128];
	if (n >= sizeof low)
		return 1;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	low[n] = '\0';
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strstr(low, words[i]))
			return 1;
	return 0;
}

/* --header 'Name: env:VAR' | 'Name: file:PATH' | 'Name: literal' (not for a
 * credential-like name) into "Name: value" (*out, malloc'd). */
static int resolve_header(const char *arg, char **out, vp_err *e)
{
	size_t n = strcspn(arg, ":");
	if (n == 0 || !arg[n])
		return vp_errf(e, EX_USAGE, "--header wants 'Name: env:VAR' or 'Name: file:PATH'");
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)arg[i]) && !strchr("-_!#$%&'*+.^`|~", arg[i]))
			return vp_errf(e, EX_USAGE, "--header: '%.*s' is not a header name", (int)n,
			               arg);
	const char *v = arg + n + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	char *val = NULL;
	int rc = 0;
	if (strncmp(v, "env:", 4) == 0) {
		const char *why = env_secret(v + 4, &val);
		if (why)
			return vp_errf(e, EX_USAGE, "--header %.*s: environment variable %s %s",
			               (int)n, arg, v + 4, why);
		if (!val)
			return vp_errf(e, EX_OSERR, "out of memory");
	} else if (strncmp(v, "file:", 5) == 0) {
		if ((rc = read_token_file(v + 5, &val, e)))
			return rc;
	} else if (secret_name(arg, n)) {
		return vp_errf(e, EX_USAGE, "--header %.*s: a credential never goes on the command "
		               "line; give 'env:VAR' or 'file:PATH'", (int)n, arg);
	} else if (!(val = strdup(v))) {
		return vp_errf(e, EX_OSERR, "out of memory");
	}
	vp_buf b = VP_BUF_INIT;
	if (vp_buf_printf(&b, "%.*s: %s", (int)n, arg, val) != 0)
		rc = vp_errf(e, EX_OSERR, "out of memory");
	memset(val, 0, strlen(val));
	free(val);
	if (rc) {
		vp_buf_free(&b);
		return rc;
	}
	*out = b.data;
	return 0;
}

static void on_page(void *ctx, unsigned long page, unsigned long responses,
                    unsigned long records)
{
	(void)ctx;
	fprintf(stderr, "%s: page %lu: %lu responses, %lu records\n", prog, page, responses,
	        records);
}

static void on_retry(void *ctx, unsigned attempt, unsigned seconds, const char *why)
{
	(void)ctx;
	fprintf(stderr, "%s: %s; retry %u in %u s\n", prog, why, attempt, seconds);
}

/* What was not fatal but should not pass unseen (the examples are scrubbed
 * of the token by vp_fetch_run). */
static void report(const vp_fetch_stats *st)
{
	if (st->odd_dates)
		vp_warnf(prog, "%lu %s with a date not usable as the high-water mark (first: %s); "
		         "written, and remembered by id instead", st->odd_dates,
		         st->odd_dates == 1 ? "response" : "responses", st->odd_example);
	if (st->repaired)
		vp_warnf(prog, "repaired %lu %s in pages (first: %s)", st->repaired,
		         st->repaired == 1 ? "value" : "values", st->repaired_example);
	if (st->bad)
		vp_warnf(prog, "skipped %lu %s that cannot be written (first: %s)", st->bad,
		         st->bad == 1 ? "response" : "responses", st->bad_example);
	if (st->not_text)
		vp_warnf(prog, "%lu %s not written: not text (first: %s); name a member holding "
		         "text with --text", st->not_text, st->not_text == 1 ? "answer" : "answers",
		         st->not_text_example);
	if (st->moved)
		vp_warnf(prog, "%lu %s moved to a page already read while the list was read "
		         "(responses deleted on the service?): found by reading %lu pages again, "
		         "and written", st->moved, st->moved == 1 ? "response" : "responses",
		         st->rereads);
}

int main(int argc, char **argv)
{
	vp_io_init();
	vp_fetch_opts o = {0};
	vp_fetch_text *texts = calloc((size_t)argc, sizeof *texts);
	const char *token_env = NULL, *token_file = NULL, *output = NULL;
	const char *secret_env = NULL, *secret_file = NULL;
	char *token = NULL, *secret = NULL;
	char **headers = calloc((size_t)argc, sizeof *headers);
	size_t nheaders = 0;
	int summary = 0;
	int out_regular = 0; /* the output: a run's uncommitted records are cut off it */
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	vp_fetch_stats st;
	memset(&st, 0, sizeof st);
	const char *arg;
	int key, optind_out, rc;
	vp_err e = {0};

	if (!texts || !headers) {
		free(texts);
		free(headers);
		vp_warnf(prog, "out of memory");
		return EX_OSERR;
	}
	o.texts = texts;
	o.http.connect_timeout = 30;
	o.http.timeout = 300;
	o.http.max_page_bytes = 64UL << 20;
	o.http.max_retries = 5;
	o.http.max_backoff = 60;
	while ((key = vp_cli_next(&cli, argc, argv, &arg, &optind_out)) != -1) {
		switch (key) {
		case 'p': o.preset = arg; break;
		case 's': o.survey = arg; break;
		case O_BASE_URL: o.base_url = arg; break;
		case 'u': o.url = arg; break;
		case O_RECORDS: o.records_ptr = arg; break;
		case O_NEXT:
			if (strcmp(arg, "link") == 0)
				o.next_link = 1;
			else
				o.next_ptr = arg;
			break;
		case O_ID: o.id_ptr = arg; break;
		case 't': texts[o.ntexts++].ptr = arg; break;
		case O_QUESTION:
			if (o.ntexts == 0 || texts[o.ntexts - 1].question) {
				rc = vp_cli_usage_error(&cli, "--question names the --text before it");
				goto out;
			}
			texts[o.ntexts - 1].question = arg;
			break;
		case O_LOCALITY: o.locality_ptr = arg; break;
		case O_DATE: o.date_ptr = arg; break;
		case O_SINCE: o.since_param = arg; break;
		case O_SOURCE: o.source = arg; break;
		case O_TOKEN_ENV: token_env = arg; break;
		case O_TOKEN_FILE: token_file = arg; break;
		case O_AUTH_SCHEME: o.auth_scheme = arg; break;
		case O_CACERT: o.http.cacert = arg; break;
		case O_CONNECT_TIMEOUT:
			o.http.connect_timeout = (long)vp_cli_ulong(&cli, "connect-timeout", arg);
			break;
		case O_TIMEOUT: o.http.timeout = (long)vp_cli_ulong(&cli, "timeout", arg); break;
		case O_MAX_PAGE: o.http.max_page_bytes = vp_cli_ulong(&cli, "max-page-bytes", arg); break;
		case O_MAX_RETRIES:
			o.http.max_retries = (unsigned)vp_cli_ulong_range(&cli, "max-retries", arg, 0, UINT_MAX);
			break;
		case O_MAX_BACKOFF:
			o.http.max_backoff = (unsigned)vp_cli_ulong_range(&cli, "max-backoff", arg, 0, UINT_MAX);
			break;
		case O_PAGE_SIZE: o.page_size = vp_cli_ulong(&cli, "page-size", arg); break;
		case O_MAX_PAGES: o.max_pages = vp_cli_ulong(&cli, "max-pages", arg); break;
		case O_STATE: o.state_path = arg; break;
		case 'o': output = arg; break;
		case O_SECRET_ENV: secret_env = arg; break;
		case O_SECRET_FILE: secret_file = arg; break;
		case 'H':
			if ((rc = resolve_header(arg, &headers[nheaders], &e))) {
				if (rc == EX_USAGE)
					vp_cli_usage_error(&cli, "%s", e.msg);
				else
					vp_err_print(prog, &e);
				goto out;
			}
			nheaders++;
			break;
		case O_OAUTH_URL: o.oauth_url = arg; break;
		case O_SCOPE: o.scope = arg; break;
		case O_TENANT: o.tenant = arg; break;
		case O_REGION: o.region = arg; break;
		case O_PAGE_PARAM: o.page_param = arg; break;
		case O_OFFSET_PARAM: o.offset_param = arg; break;
		case O_LIMIT: o.limit = vp_cli_ulong(&cli, "limit", arg); break;
		case O_LIMIT_PARAM: o.limit_param = arg; break;
		case O_NEXT_PARAM: o.next_param = arg; break;
		case O_SUMMARY: summary = 1; break;
		}
	}
	rc = EX_USAGE;
	if (optind_out < argc) {
		/* not echoed: it is most likely a token pasted in the wrong place */
		vp_cli_usage_error(&cli, "unexpected argument (not shown: it may be a secret; the "
		                   "token is never given on the command line: use --token-env or "
		                   "--token-file)");
		goto out;
	}
	if (token_env && token_file) {
		vp_cli_usage_error(&cli, "give --token-env or --token-file, not both");
		goto out;
	}
	if (token_env) {
		const char *why = env_secret(token_env, &token);
		if (why) {
			vp_cli_usage_error(&cli, "environment variable %s (--token-env) %s",
			                   token_env, why);
			goto out;
		}
		if (!token) {
			rc = vp_errf(&e, EX_OSERR, "out of memory");
			vp_err_print(prog, &e);
			goto out;
		}
	} else if (token_file && (rc = read_token_file(token_file, &token, &e))) {
		vp_err_print(prog, &e);
		goto out;
	}
	o.token = token;
	if (secret_env && secret_file) {
		vp_cli_usage_error(&cli, "give --secret-env or --secret-file, not both");
		goto out;
	}
	if (secret_env) {
		const char *why = env_secret(secret_env, &secret);
		if (why) {
			vp_cli_usage_error(&cli, "environment variable %s (--secret-env) %s",
			                   secret_env, why);
			goto out;
		}
		if (!secret) {
			rc = vp_errf(&e, EX_OSERR, "out of memory");
			vp_err_print(prog, &e);
			goto out;
		}
	} else if (secret_file && (rc = read_token_file(secret_file, &secret, &e))) {
		vp_err_print(prog, &e);
		goto out;
	}
	o.secret = secret;
	o.headers = (const char *const *)headers;
	o.nheaders = nheaders;
	/* The clock, for tests only: dates after it (+ 1 hour) never become the
	 * high-water mark. */
	const char *now = getenv("VP_FETCH_NOW");
	if (now && *now && vp_fetch_parse_now(now, &o.now) != 0) {
		rc = vp_cli_usage_error(&cli, "VP_FETCH_NOW='%s' is not a timestamp with a zone "
		                        "or Unix seconds (it is for tests only)", now);
		goto out;
	}
	if ((rc = vp_fetch_check(&o, &e))) {
		rc = vp_cli_usage_error(&cli, "%s", e.msg);
		goto out;
	}
	if (o.http.cacert) { /* curl would only say "problem with the CA cert" */
		FILE *ca;
		if ((rc = vp_open_in(&ca, o.http.cacert, VP_IN_NONEMPTY | VP_IN_NOSTDIN, &e))) {
			vp_err_print(prog, &e);
			goto out;
		}
		vp_close_in(ca);
	}
	if (isatty(STDERR_FILENO)) {
		o.on_page = on_page;
		o.http.on_retry = on_retry;
	}

	FILE *out = stdout;
	if (output) {
		int fd = open(output, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
		if (fd < 0 || !(out = fdopen(fd, "a"))) {
			rc = vp_errf_at(&e, EX_CANTCREAT, output, 0, "cannot open: %s",
			                strerror(errno));
			vp_err_print(prog, &e);
			if (fd >= 0)
				close(fd);
			goto out;
		}
	}
	o.output_path = output;
	{
		struct stat sb;
		out_regular = fstat(fileno(out), &sb) == 0 && S_ISREG(sb.st_mode);
	}
	/* vp-redact's list, when shipped: what a message quotes of a page is
	 * masked with it */
	vp_given_names *given = NULL;
	if ((rc = vp_given_names_default(&given, &e)) == 0) {
		o.given_names = given;
		rc = vp_fetch_run(&o, out, &st, &e);
		vp_given_names_free(given);
	}
	if (st.discarded)
		vp_warnf(prog, "cut %lld bytes left in the output by an interrupted run "
		         "(fetched again)", (long long)st.discarded);
	report(&st);
	if (rc == 0 && isatty(STDERR_FILENO))
		vp_warnf(prog, "%lu pages, %lu responses (%lu already fetched, %lu met twice), "
		         "%lu records", st.pages, st.responses, st.skipped, st.duplicates, st.records);
	if (rc == EX_IOERR && strncmp(e.msg, "write error", 11) == 0) {
		/* name the file the records were going to */
		char m[sizeof e.msg];
		snprintf(m, sizeof m, "%s", e.msg);
		vp_errf_at(&e, EX_IOERR, output ? output : "(standard output)", 0, "%s", m);
	}
	if (rc) {
		vp_err_print(prog, &e);
		if (out != stdout)
			fclose(out);
	} else if (out != stdout) {
		if (fclose(out) != 0) {
			rc = vp_errf_at(&e, EX_IOERR, output, 0, "close: %s", strerror(errno));
			vp_err_print(prog, &e);
		}
	} else if ((rc = vp_output_close(stdout, &e))) {
		vp_err_print(prog, &e);
	}
out:
	if (summary) {
		/* one line a scheduler's log can be grepped for, whatever happened */
		struct timespec t1;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
		/* records of a run that failed are written, but only the state
		 * makes them "new": uncommitted, the next run fetches them again */
		const char *written = rc == 0 || st.committed || !st.records ? " new records"
		                      : !o.state_path
		                      ? " records written (no --state: they stay, and a rerun writes "
		                        "them again)"
		                      : out_regular
		                      ? " records written but not committed (the next run cuts them "
		                        "and fetches them again)"
		                      : " records written but not committed (sent on; the next run "
		                        "fetches them again)";
		fprintf(stderr, "%s: summary: %s%s%s%s %lu%s, %lu pages, %lu retries, "
		        "%.1f s, exit %d\n", prog, o.preset ? o.preset : "generic",
		        o.survey ? " " : "", o.survey ? o.survey : "", ":", st.records, written,
		        st.pages, st.retries, secs, rc);
	}
	if (token) {
		memset(token, 0, strlen(token));
		free(token);
	}
	if (secret) {
		memset(secret, 0, strlen(secret));
		free(secret);
	}
	for (size_t i = 0; i < nheaders; i++) {
		memset(headers[i], 0, strlen(headers[i]));
		free(headers[i]);
	}
	free(headers);
	free(texts);
	return rc;
}
