#include <criterion/criterion.h>
#include <string.h>

#include "voxpop/pointer.h"

/* The example document of RFC 6901 section 5. */
static json_t *rfc_doc(void)
{
	json_error_t je;
	json_t *j = json_loads("{\"foo\": [\"bar\", \"baz\"], \"\": 0, \"a/b\": 1, \"c%d\": 2,"
	                       " \"e^f\": 3, \"g|h\": 4, \"i\\\\j\": 5, \"k\\\"l\": 6, \" \": 7,"
	                       " \"m~n\": 8}", 0, &je);
	cr_assert_not_null(j, "%s", je.text);
	return j;
}

static json_int_t int_at(json_t *doc, const char *ptr)
{
	json_t *v = vp_pointer_get(doc, ptr);
	cr_assert(json_is_integer(v), "pointer '%s' should give an integer", ptr);
	return json_integer_value(v);
}

Test(pointer, rfc6901_examples)
{
	json_t *d = rfc_doc();
	cr_assert_eq(vp_pointer_get(d, ""), d);
	cr_assert(json_is_array(vp_pointer_get(d, "/foo")));
	cr_assert_str_eq(json_string_value(vp_pointer_get(d, "/foo/0")), "bar");
	cr_assert_eq(int_at(d, "/"), 0);
	cr_assert_eq(int_at(d, "/a~1b"), 1);
	cr_assert_eq(int_at(d, "/c%d"), 2);
	cr_assert_eq(int_at(d, "/e^f"), 3);
	cr_assert_eq(int_at(d, "/g|h"), 4);
	cr_assert_eq(int_at(d, "/i\\j"), 5);
	cr_assert_eq(int_at(d, "/k\"l"), 6);
	cr_assert_eq(int_at(d, "/ "), 7);
	cr_assert_eq(int_at(d, "/m~0n"), 8);
	json_decref(d);
}

Test(pointer, array_indices_are_strict)
{
	json_t *d = rfc_doc();
	cr_assert_str_eq(json_string_value(vp_pointer_get(d, "/foo/1")), "baz");
	cr_assert_null(vp_pointer_get(d, "/foo/2"));   /* past the end */
	cr_assert_null(vp_pointer_get(d, "/foo/-"));   /* "-" is never a value */
	cr_assert_null(vp_pointer_get(d, "/foo/01"));  /* no leading zeros */
	cr_assert_null(vp_pointer_get(d, "/foo/+1"));
	cr_assert_null(vp_pointer_get(d, "/foo/0/x")); /* into a string */
	cr_assert_null(vp_pointer_get(d, "/nothere"));
	cr_assert_null(vp_pointer_get(d, "foo"));      /* not a pointer */
	json_decref(d);
}

Test(pointer, escape_order_is_tilde_one_then_zero)
{
	/* "~01" is "~1" unescaped, i.e. the key "~1", not "/" */
	json_t *d = json_pack("{s:i, s:i}", "~1", 1, "/", 2);
	cr_assert_eq(int_at(d, "/~01"), 1);
	cr_assert_eq(int_at(d, "/~1"), 2);
	json_decref(d);
}

Test(pointer, check_rejects_bad_syntax)
{
	vp_err e;
	cr_assert_eq(vp_pointer_check("", &e), 0);
	cr_assert_eq(vp_pointer_check("/a/~0/~1", &e), 0);
	cr_assert_eq(vp_pointer_check("a/b", &e), EX_USAGE);
	cr_assert_str_eq(e.msg, "JSON pointer 'a/b': must be empty or start with '/'");
	cr_assert_eq(vp_pointer_check("/a~2", &e), EX_USAGE);
	cr_assert_eq(vp_pointer_check("/a~", &e), EX_USAGE);
	cr_assert(strstr(e.msg, "'~' must be followed by 0 or 1"));
}

Test(pointer, last_token_unescaped)
{
	vp_buf b = VP_BUF_INIT;
	cr_assert_eq(vp_pointer_last("/answers/comments", &b), 0);
	cr_assert_str_eq(b.data, "comments");
	cr_assert_eq(vp_pointer_last("/group_feedback~1comments", &b), 0);
	cr_assert_str_eq(b.data, "group_feedback/comments");
	cr_assert_eq(vp_pointer_last("/a/m~0n", &b), 0);
	cr_assert_str_eq(b.data, "m~n");
	cr_assert_eq(vp_pointer_last("", &b), 0);
	cr_assert_str_eq(b.data, "");
	vp_buf_free(&b);
}
