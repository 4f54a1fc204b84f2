/* redact_score - score vp_redact_record against a labelled set (see
 * tests/data/redact/README.md): precision and recall per type, the share
 * of must-stay strings damaged.  With -v, every miss and false alarm;
 * with -g NAMES, vp-redact's list of given names (lexicons/names/given.txt).
 * Usage: redact_score [-v] [-g NAMES] FILE.  Exit 0, 66 if FILE cannot be
 * read, 65 on bad markup, 74 on a write error, 78 on a bad NAMES. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/buf.h"
#include "voxpop/redact.h"

static const char *const codes[VP_REDACT_NTYPES] = {"nhs", "phone", "email", "postcode",
                                                    "address", "name", "dob", "id", "ni"};

enum { MAXSPANS = 32 };
struct span {
	int type;
	size_t s, e;
};
struct found {
	struct span sp[MAXSPANS];
	int n;
};

static int collect(void *ctx, int type, const char *text, size_t s, size_t e)
{
	(void)text;
	struct found *f = ctx;
	if (f->n < MAXSPANS)
		f->sp[f->n++] = (struct span){type, s, e};
	return 0;
}

int main(int argc, char **argv)
{
	int a0 = 1, verbose = 0;
	vp_given_names *given = NULL;
	for (; a0 + 1 < argc; a0++) {
		if (strcmp(argv[a0], "-v") == 0) {
			verbose = 1;
		} else if (strcmp(argv[a0], "-g") == 0 && a0 + 2 < argc && !given) {
			vp_err e;
			vp_err_clear(&e);
			if (vp_given_names_load(argv[++a0], &given, &e)) {
				fprintf(stderr, "redact_score: %s\n", e.msg);
				return e.code;
			}
		} else {
			break;
		}
	}
	if (argc != a0 + 1) {
		fprintf(stderr, "usage: redact_score [-v] [-g NAMES] FILE\n");
		vp_given_names_free(given);
		return EX_USAGE;
	}
	const char *path = argv[a0];
	FILE *fp = fopen(path, "r");
	if (!fp) {
		perror(path);
		vp_given_names_free(given);
		return EX_NOINPUT;
	}
	unsigned long gold[VP_REDACT_NTYPES] = {0}, recalled[VP_REDACT_NTYPES] = {0};
	unsigned long det[VP_REDACT_NTYPES] = {0}, correct[VP_REDACT_NTYPES] = {0};
	unsigned long keeps = 0, damaged = 0, comments = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long lineno = 0;
	vp_buf text = VP_BUF_INIT, out = VP_BUF_INIT;
	int rc = 0;
	while ((len = getline(&line, &cap, fp)) != -1) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		comments++;
		struct span g[MAXSPANS], k[MAXSPANS];
		int ng = 0, nk = 0;
		vp_buf_clear(&text);
		for (char *p = line; *p;) {
			if (strncmp(p, "{{", 2) == 0) {
				char *colon = strchr(p, ':'), *close = strstr(p, "}}");
				int t = -1;
				for (int c = 0; colon && c < VP_REDACT_NTYPES; c++)
					if ((size_t)(colon - p - 2) == strlen(codes[c]) &&
					    strncmp(p + 2, codes[c], strlen(codes[c])) == 0)
						t = c;
				if (t < 0 || !close || close < colon || ng == MAXSPANS) {
					fprintf(stderr, "%s:%lu: bad {{type:text}}\n", path, lineno);
					rc = EX_DATAERR;
					goto done;
				}
				g[ng] = (struct span){t, text.len, 0};
				if (vp_buf_append(&text, colon + 1, (size_t)(close - colon - 1)))
					goto oom;
				g[ng++].e = text.len;
				p = close + 2;
			} else if (strncmp(p, "<<", 2) == 0) {
				char *close = strstr(p, ">>");
				if (!close || nk == MAXSPANS) {
					fprintf(stderr, "%s:%lu: bad <<text>>\n", path, lineno);
					rc = EX_DATAERR;
					goto done;
				}
				k[nk] = (struct span){-1, text.len, 0};
				if (vp_buf_append(&text, p + 2, (size_t)(close - p - 2)))
					goto oom;
				k[nk++].e = text.len;
				p = close + 2;
			} else {
				if (vp_buf_putc(&text, *p++))
					goto oom;
			}
		}
		struct found f = {.n = 0};
		vp_redactor rd = {0, collect, &f, given};
		vp_buf_clear(&out);
		if (vp_redact_record(&rd, text.data ? text.data : "", text.len, &out, NULL) < 0)
			goto oom;
		/* recall: a gold span is removed when detections cover all of it */
		for (int a = 0; a < ng; a++) {
			gold[g[a].type]++;
			size_t covered = 0;
			for (size_t pos = g[a].s; pos < g[a].e; pos++)
				for (int b = 0; b < f.n; b++)
					if (f.sp[b].s <= pos && pos < f.sp[b].e) {
						covered++;
						break;
					}
			if (covered == g[a].e - g[a].s)
				recalled[g[a].type]++;
			else if (verbose)
				printf("MISS %-8s %.*s\t| %s\n", codes[g[a].type], (int)(g[a].e - g[a].s),
				       text.data + g[a].s, out.data ? out.data : "");
		}
		/* precision: a detection is right when it overlaps a gold span of its type */
		for (int b = 0; b < f.n; b++) {
			det[f.sp[b].type]++;
			int ok = 0;
			for (int a = 0; a < ng; a++)
				if (g[a].type == f.sp[b].type && f.sp[b].s < g[a].e && g[a].s < f.sp[b].e)
					ok = 1;
			if (ok)
				correct[f.sp[b].type]++;
			else if (verbose)
				printf("FALSE %-8s %.*s\t| %.*s\n", codes[f.sp[b].type],
				       (int)(f.sp[b].e - f.sp[b].s), text.data + f.sp[b].s, (int)text.len,
				       text.data);
		}
		for (int a = 0; a < nk; a++) {
			keeps++;
			for (int b = 0; b < f.n; b++)
				if (f.sp[b].s < k[a].e && k[a].s < f.sp[b].e) {
					damaged++;
					if (verbose)
						printf("DAMAGED %.*s\t| %.*s\n", (int)(k[a].e - k[a].s),
						       text.data + k[a].s, (int)out.len, out.data);
					break;
				}
		}
	}
	printf("comments %lu\n", comments);
	printf("%-9s %5s %5s %9s %7s\n", "type", "gold", "found", "precision", "recall");
	for (int t = 0; t < VP_REDACT_NTYPES; t++)
		printf("%-9s %5lu %5lu %9.3f %7.3f\n", codes[t], gold[t], det[t],
		       det[t] ? (double)correct[t] / det[t] : 1.0,
		       gold[t] ? (double)recalled[t] / gold[t] : 1.0);
	printf("keep %lu damaged %lu rate %.3f\n", keeps, damaged, keeps ? (double)damaged / keeps : 0.0);
	if (fflush(stdout) != 0 || ferror(stdout))
		rc = EX_IOERR;
	goto done;
oom:
	fprintf(stderr, "redact_score: out of memory\n");
	rc = EX_OSERR;
done:
	free(line);
	vp_buf_free(&text);
	vp_buf_free(&out);
	fclose(fp);
	vp_given_names_free(given);
	return rc;
}
