/* test_cli.c - the man page written from a stage's option table. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

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
