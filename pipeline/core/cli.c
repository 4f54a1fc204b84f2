/* cli.c - see include/voxpop/cli.h */
#include <errno.h>
#include <limits.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/cli.h"

enum { KEY_HELP = 0x7fff0001, KEY_VERSION = 0x7fff0002, MAX_OPTS = 64 };

void vp_cli_help(const vp_cli *cli, FILE *fp)
{
	fprintf(fp, "Usage: %s %s\n", cli->prog, cli->usage);
	if (cli->about)
		fprintf(fp, "%s\n", cli->about);
	fprintf(fp, "\nOptions:\n");
	for (const vp_opt *o = cli->opts; o && o->name; o++) {
		char left[96];
		int n;
		if (o->key > 0 && o->key < 256)
			n = snprintf(left, sizeof left, "  -%c, --%s", o->key, o->name);
		else
			n = snprintf(left, sizeof left, "      --%s", o->name);
		if (o->has_arg && n > 0 && (size_t)n < sizeof left)
			snprintf(left + n, sizeof left - (size_t)n, " %s", o->arg ? o->arg : "ARG");
		if (strlen(left) > 28)
			fprintf(fp, "%s\n%30s%s\n", left, "", o->help ? o->help : "");
		else
			fprintf(fp, "%-30s%s\n", left, o->help ? o->help : "");
	}
	fprintf(fp, "%-30s%s\n", "  -h, --help", "show this help and exit");
	fprintf(fp, "%-30s%s\n", "      --version", "show the version and exit");
	if (cli->epilogue)
		fprintf(fp, "\n%s", cli->epilogue);
}

int vp_cli_usage_error(const vp_cli *cli, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", cli->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", cli->prog);
	return EX_USAGE;
}

int vp_cli_next(const vp_cli *cli, int argc, char **argv, const char **arg,
                int *optind_out)
{
	struct option longs[MAX_OPTS + 3];
	char shorts[MAX_OPTS * 2 + 4];
	size_t nl = 0, ns = 0;

	shorts[ns++] = ':'; /* report a missing argument distinctly */
	for (const vp_opt *o = cli->opts; o && o->name && nl < MAX_OPTS; o++) {
		longs[nl].name = o->name;
		longs[nl].has_arg = o->has_arg ? required_argument : no_argument;
		longs[nl].flag = NULL;
		longs[nl].val = o->key;
		nl++;
		if (o->key > 0 && o->key < 256) {
			shorts[ns++] = (char)o->key;
			if (o->has_arg)
				shorts[ns++] = ':';
		}
	}
	longs[nl++] = (struct option){"help", no_argument, NULL, KEY_HELP};
	longs[nl++] = (struct option){"version", no_argument, NULL, KEY_VERSION};
	longs[nl] = (struct option){NULL, 0, NULL, 0};
	shorts[ns++] = 'h';
	shorts[ns] = '\0';

	opterr = 0;
	int c = getopt_long(argc, argv, shorts, longs, NULL);
	*arg = optarg;
	*optind_out = optind;
	switch (c) {
	case 'h':
	case KEY_HELP:
		vp_cli_help(cli, stdout);
		exit(fflush(stdout) == 0 ? 0 : EX_IOERR);
	case KEY_VERSION:
		printf("%s (voxpop) %s\n", cli->prog, VOXPOP_VERSION);
		exit(fflush(stdout) == 0 ? 0 : EX_IOERR);
	case ':':
		exit(vp_cli_usage_error(cli, "option '%s' needs an argument",
		                        argv[optind - 1]));
	case '?':
		if (optopt)
			exit(vp_cli_usage_error(cli, "unknown option '-%c'", optopt));
		exit(vp_cli_usage_error(cli, "unknown option '%s'", argv[optind - 1]));
	default:
		return c;
	}
}

unsigned long vp_cli_ulong_range(const vp_cli *cli, const char *name, const char *s,
                                 unsigned long min, unsigned long max)
{
	/* Digits only: strtoul alone would take " -1" (leading space, then a
	 * sign) as ULONG_MAX, and "+5" or " 5" as 5. */
	const char *p = s;
	while (*p >= '0' && *p <= '9')
		p++;
	if (p == s || *p)
		exit(vp_cli_usage_error(cli, "--%s wants a whole number, not '%s'", name, s));
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno == ERANGE || v > max || v > (unsigned long)LONG_MAX)
		exit(vp_cli_usage_error(cli, "--%s: %s is too large (at most %lu)", name, s,
		                        max < (unsigned long)LONG_MAX ? max : (unsigned long)LONG_MAX));
	if (v < min)
		exit(vp_cli_usage_error(cli, "--%s must be at least %lu", name, min));
	return v;
}

unsigned long vp_cli_ulong(const vp_cli *cli, const char *name, const char *s)
{
	return vp_cli_ulong_range(cli, name, s, 0, (unsigned long)LONG_MAX);
}
