/* cli.h - one table describes every option of a stage (the curl way).
 *
 * A stage declares a vp_cli with its options; vp_cli_next() walks argv with
 * getopt_long, answers --help (exit 0) and --version itself, and turns a bad
 * option into "vp-stage: message" plus a usage hint and EX_USAGE.  The
 * same table gives the man page (vp_cli_man, `vp-stage --man-page`).
 *
 *   static const vp_opt opts[] = {
 *       {"text-col", 't', VP_ARG, "NAME", "column holding free text (repeatable)"},
 *       {"skip-bad", 'B', VP_NOARG, NULL, "skip bad records, report how many"},
 *       {0}
 *   };
 *   static const vp_cli cli = {"vp-ingest", "[OPTION]... [FILE]...",
 *       "Turn survey exports into voxpop records.", opts, NULL};
 *
 * Keys below 256 are also the short option letter; use keys >= 256 for
 * long-only options.
 */
#ifndef VOXPOP_CLI_H
#define VOXPOP_CLI_H

#include <stdio.h>

enum { VP_NOARG = 0, VP_ARG = 1 };

typedef struct vp_opt {
	const char *name;   /* long name, without "--" */
	int key;            /* returned by vp_cli_next; a char means a short option too */
	int has_arg;        /* VP_NOARG or VP_ARG */
	const char *arg;    /* argument name for --help, e.g. "NAME" */
	const char *help;   /* one line */
} vp_opt;

typedef struct vp_cli {
	const char *prog;     /* "vp-ingest" */
	const char *usage;    /* after the program name: "[OPTION]... [FILE]..." */
	const char *about;    /* one paragraph: what the stage does */
	const vp_opt *opts;   /* terminated by an entry with name == NULL */
	const char *epilogue; /* examples, record fields, exit codes; may be NULL */
} vp_cli;

/* Return the next option's key, -1 at the end of options (remaining operands
 * start at *optind_out), or exits: 0 after printing --help or --version,
 * EX_USAGE after a bad option.  *arg gets the option's argument or NULL. */
int vp_cli_next(const vp_cli *cli, int argc, char **argv, const char **arg,
                int *optind_out);

/* Print the full --help text to fp. */
void vp_cli_help(const vp_cli *cli, FILE *fp);

/* Print the man page (roff) to fp, from the same table: NAME and DESCRIPTION
 * from about, SYNOPSIS from usage, OPTIONS from opts, then the epilogue's
 * paragraphs, one that starts "Heading:" opening a section (.SH HEADING).
 * Each stage prints it for `vp-stage --man-page` (the only argument), which
 * --help does not list; `make man` writes man/vp-stage.1 with it. */
void vp_cli_man(const vp_cli *cli, FILE *fp);

/* Print "prog: message" and "Try 'prog --help'." and return EX_USAGE. */
int vp_cli_usage_error(const vp_cli *cli, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Parse a non-negative decimal for option NAME: ASCII digits only, nothing
 * else (no sign, no spaces: " -1" would otherwise read as ULONG_MAX), at
 * most LONG_MAX (so a cast to long stays positive).  On error prints
 * "prog: --NAME wants a whole number, not 'S'" (or "--NAME: S is too large
 * (at most N)") and exits EX_USAGE. */
unsigned long vp_cli_ulong(const vp_cli *cli, const char *name, const char *s);
/* The same, also requiring min <= value <= max (max is capped at LONG_MAX):
 * "--NAME must be at least MIN" / "--NAME: S is too large (at most MAX)". */
unsigned long vp_cli_ulong_range(const vp_cli *cli, const char *name, const char *s,
                                 unsigned long min, unsigned long max);

#define VOXPOP_VERSION "0.1.0"
#define VOXPOP_DATE "2026-12-04" /* of VOXPOP_VERSION, for the man pages: bump with it */

#endif
