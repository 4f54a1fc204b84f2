/* test_cli.c - the man page written from a stage's option table. */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "memout.h"
#include "voxpop/cli.h"

static const vp_opt opts[] = {
	{"text-col", 't', VP_ARG, "NAME", "column holding free text (repeatable)"},
	{"max-field", 256, VP_ARG, NULL, "longest field, in bytes"},
	{"skip-bad", 'B', VP_NOARG, NULL, "skip bad records"},
	{0}
};

static char *man(const char *about, const char *epilogue)
{
	const vp_cli cli = {"vp-demo", "[OPTION]... [FILE]...", about, opts, epilogue};
	struct memout m;
	FILE *out = memout_open(&m);
	vp_cli_man(&cli, out);
	return memout_close(&m);
}

#define has(s, t) cr_assert(strstr((s), (t)), "missing: %s\n--- in:\n%s", (t), (s))
#define hasnt(s, t) cr_assert(!strstr((s), (t)), "unwanted: %s\n--- in:\n%s", (t), (s))

Test(cli_man, sections_from_the_table)
{
	char *s = man("Turn exports into records. More text.", NULL);
	has(s, ".TH VP-DEMO 1 ");
	has(s, ".SH NAME\nvp\\-demo \\- Turn exports into records\n");
	has(s, ".SH SYNOPSIS\n.B vp\\-demo\n[OPTION]... [FILE]...\n");
	has(s, ".SH DESCRIPTION\nTurn exports into records. More text.\n");
	has(s, ".TP\n\\fB\\-t\\fR, \\fB\\-\\-text\\-col\\fR \\fINAME\\fR\ncolumn holding free text (repeatable)\n");
	has(s, ".TP\n\\fB\\-\\-max\\-field\\fR \\fIARG\\fR\n");
	has(s, ".TP\n\\fB\\-B\\fR, \\fB\\-\\-skip\\-bad\\fR\nskip bad records\n");
	has(s, "\\fB\\-\\-version\\fR\nshow the version and exit\n");
	free(s);
}

Test(cli_man, roff_specials_escaped)
{
	char *s = man("About.", "Notes:\n.SH not a request\n'neither\na \\n backslash\n");
	has(s, "\\&.SH not a request\n");
	has(s, "\\&'neither\n");
	has(s, "a \\en backslash\n");
	hasnt(s, "\n.SH not");
	free(s);
}

Test(cli_man, epilogue_headings_and_layout)
{
	char *s = man("About.",
	              "With no FILE, read stdin.\n\n"
	              "Examples:\n  vp-demo x.csv\n  vp-demo -t a y.csv\n\n"
	              "Exit status: 0 ok, 64 usage,\n65 bad record.\n");
	/* a paragraph before the first heading joins DESCRIPTION, before OPTIONS */
	has(s, "About.\n.PP\nWith no FILE, read stdin.\n.SH OPTIONS\n");
	has(s, ".SH EXAMPLES\n.nf\n  vp\\-demo x.csv\n  vp\\-demo \\-t a y.csv\n.fi\n");
	has(s, ".SH EXIT STATUS\n0 ok, 64 usage,\n65 bad record.\n");
	free(s);
}

/* numeric option parsing (vp_cli_ulong, vp_cli_ulong_range). */

static const vp_opt num_opts[] = {{"n", 'n', VP_ARG, "N", "a number"}, {0}};
static const vp_cli cli = {"vp-test", "[OPTION]...", "test", num_opts, NULL};

Test(cli, accepts_plain_digits)
{
	cr_assert_eq(vp_cli_ulong(&cli, "n", "0"), 0);
	cr_assert_eq(vp_cli_ulong(&cli, "n", "42"), 42);
	cr_assert_eq(vp_cli_ulong(&cli, "n", "007"), 7);
	cr_assert_eq(vp_cli_ulong(&cli, "n", "9223372036854775807"), (unsigned long)LONG_MAX);
	cr_assert_eq(vp_cli_ulong_range(&cli, "n", "5", 1, 10), 5);
	cr_assert_eq(vp_cli_ulong_range(&cli, "n", "10", 1, 10), 10);
}

/* strtoul skips leading white space and takes a sign: " -1" was ULONG_MAX */
Test(cli, rejects_space_minus, .exit_code = EX_USAGE) { vp_cli_ulong(&cli, "n", " -1"); }
Test(cli, rejects_tab_minus, .exit_code = EX_USAGE) { vp_cli_ulong(&cli, "n", "\t-1"); }
Test(cli, rejects_minus, .exit_code = EX_USAGE) { vp_cli_ulong(&cli, "n", "-1"); }
Test(cli, rejects_minus_zero, .exit_code = EX_USAGE) { vp_cli_ulong(&cli, "n", "-0"); }
Test(cli, rejects_plus, .exit_code = EX_USAGE) { vp_cli_ulong(&cli, "n", "+5"); }
Test(cli, rejects_leading_space, .exit_code = EX_USAGE) { vp_cli_ulong(&cli, "n", " 5"); }
Test(cli, rejects_trailing_space, .exit_code = EX_USAGE) { vp_cli_ulong(&cli, "n", "5 "); }
Test(cli, rejects_empty, .exit_code = EX_USAGE) { vp_cli_ulong(&cli, "n", ""); }
Test(cli, rejects_junk, .exit_code = EX_USAGE) { vp_cli_ulong(&cli, "n", "5k"); }
Test(cli, rejects_hex, .exit_code = EX_USAGE) { vp_cli_ulong(&cli, "n", "0x10"); }
Test(cli, rejects_above_long_max, .exit_code = EX_USAGE)
{
	vp_cli_ulong(&cli, "n", "9223372036854775808");
}
Test(cli, rejects_ulong_max, .exit_code = EX_USAGE)
{
	vp_cli_ulong(&cli, "n", "18446744073709551615");
}
Test(cli, rejects_overflow, .exit_code = EX_USAGE)
{
	vp_cli_ulong(&cli, "n", "184467440737095516160");
}
Test(cli, range_rejects_below_min, .exit_code = EX_USAGE)
{
	vp_cli_ulong_range(&cli, "n", "0", 1, 10);
}
Test(cli, range_rejects_above_max, .exit_code = EX_USAGE)
{
	vp_cli_ulong_range(&cli, "n", "11", 1, 10);
}
