/* vp_open_in / vp_open_dir: one wording and one code for every bad path. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "voxpop/input.h"

static char dir[] = "/tmp/vp-input-XXXXXX";
static char path[256];

static void setup(void)
{
	cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	(void)!system(cmd);
}

static const char *at(const char *name)
{
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return path;
}

static void write_file(const char *name, const char *text)
{
	FILE *fp = fopen(at(name), "w");
	cr_assert_not_null(fp);
	fputs(text, fp);
	fclose(fp);
}

TestSuite(input, .init = setup, .fini = teardown);

Test(input, directory_missing_and_dash)
{
	vp_err e = {0};
	FILE *fp = (FILE *)1;
	char want[512];

	cr_assert_eq(vp_open_in(&fp, dir, 0, &e), EX_NOINPUT);
	cr_expect_null(fp);
	snprintf(want, sizeof want, "%s: Is a directory", dir);
	cr_expect_str_eq(e.msg, want);
	cr_expect_eq(errno, EISDIR);

	cr_assert_eq(vp_open_in(&fp, at("nope"), 0, &e), EX_NOINPUT);
	snprintf(want, sizeof want, "%s: No such file or directory", path);
	cr_expect_str_eq(e.msg, want);
	cr_expect_eq(errno, ENOENT);

	cr_assert_eq(vp_open_in(&fp, "-", 0, &e), 0);
	cr_expect_eq(fp, stdin);
	vp_close_in(fp); /* leaves stdin open */
	cr_expect_neq(fcntl(STDIN_FILENO, F_GETFD), -1);
	cr_expect_eq(vp_open_in(&fp, "-", VP_IN_NOSTDIN, &e), EX_NOINPUT);
}

Test(input, empty_files)
{
	vp_err e = {0};
	FILE *fp;
	char want[512];
	write_file("empty", "");
	cr_assert_eq(vp_open_in(&fp, at("empty"), 0, &e), 0);
	cr_expect_eq(getc(fp), EOF);
	vp_close_in(fp);
	cr_assert_eq(vp_open_in(&fp, at("empty"), VP_IN_NONEMPTY, &e), EX_DATAERR);
	snprintf(want, sizeof want, "%s: empty file", path);
	cr_expect_str_eq(e.msg, want);
	write_file("one", "x\n");
	cr_assert_eq(vp_open_in(&fp, at("one"), VP_IN_NONEMPTY, &e), 0);
	cr_expect_eq(getc(fp), 'x');
	vp_close_in(fp);
	/* a file of size 0 that reads all the same (procfs) is not empty:
	 * the one check vp_is_empty_file makes, here too */
	if (access("/proc/version", R_OK) == 0) {
		cr_assert_eq(vp_open_in(&fp, "/proc/version", VP_IN_NONEMPTY, &e), 0, "%s", e.msg);
		cr_expect_neq(getc(fp), EOF);
		vp_close_in(fp);
	}
}

Test(input, open_dir_refuses_a_file)
{
	vp_err e = {0};
	DIR *d;
	char want[512];
	write_file("f.txt", "x\n");
	cr_assert_eq(vp_open_dir(&d, at("f.txt"), &e), EX_NOINPUT);
	snprintf(want, sizeof want, "%s: Not a directory", path);
	cr_expect_str_eq(e.msg, want);
	cr_assert_eq(vp_open_dir(&d, dir, &e), 0);
	closedir(d);
}
