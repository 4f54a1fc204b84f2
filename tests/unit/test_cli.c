/* test_cli.c - numeric option parsing (vp_cli_ulong, vp_cli_ulong_range). */
#include <criterion/criterion.h>
#include <limits.h>
#include <sysexits.h>

#include "voxpop/cli.h"

static const vp_opt opts[] = {{"n", 'n', VP_ARG, "N", "a number"}, {0}};
static const vp_cli cli = {"vp-test", "[OPTION]...", "test", opts, NULL};

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
