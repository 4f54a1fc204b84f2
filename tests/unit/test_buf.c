#include <criterion/criterion.h>
#include <string.h>

#include "voxpop/buf.h"
#include "voxpop/err.h"

Test(buf, append_grows_and_terminates)
{
	vp_buf b = VP_BUF_INIT;
	for (int i = 0; i < 1000; i++)
		cr_assert_eq(vp_buf_puts(&b, "abc"), 0);
	cr_assert_eq(b.len, 3000);
	cr_assert_eq(b.data[3000], '\0');
	cr_assert_eq(strncmp(b.data + 2997, "abc", 3), 0);
	vp_buf_free(&b);
	cr_assert_null(b.data);
}

Test(buf, printf_and_clear)
{
	vp_buf b = VP_BUF_INIT;
	cr_assert_eq(vp_buf_printf(&b, "%s:%d", "x", 42), 0);
	cr_assert_str_eq(b.data, "x:42");
	vp_buf_clear(&b);
	cr_assert_eq(b.len, 0);
	cr_assert_str_eq(b.data, "");
	cr_assert_eq(vp_buf_putc(&b, '\0'), 0);
	cr_assert_eq(b.len, 1);
	vp_buf_free(&b);
}

Test(buf, steal_empty_gives_empty_string)
{
	vp_buf b = VP_BUF_INIT;
	char *s = vp_buf_steal(&b);
	cr_assert_not_null(s);
	cr_assert_str_eq(s, "");
	free(s);
}

Test(err, file_line_prefix)
{
	vp_err e;
	vp_err_clear(&e);
	cr_assert_eq(vp_errf_at(&e, EX_DATAERR, "survey.csv", 17, "unterminated %s", "quoted field"),
	             EX_DATAERR);
	cr_assert_str_eq(e.msg, "survey.csv:17: unterminated quoted field");
	vp_errf_at(&e, EX_NOINPUT, "x.csv", 0, "cannot open");
	cr_assert_str_eq(e.msg, "x.csv: cannot open");
	cr_assert_eq(e.code, EX_NOINPUT);
}
