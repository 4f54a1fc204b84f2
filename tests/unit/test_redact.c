#include <criterion/criterion.h>
#include <string.h>

#include "voxpop/redact.h"

struct pair {
	const char *in, *out;
};

static const struct pair cases[] = {
	{"mail jo.bloggs+nhs@example.co.uk please", "mail [email] please"},
	{"at a@b.com.", "at [email]."},
	{"call 07700 900123 today", "call [phone] today"},
	{"call 07700900123", "call [phone]"},
	{"ring +44 7700 900123.", "ring [phone]."},
	{"ring +44 (0)116 234 5678 or (0116) 234 5678", "ring [phone] or [phone]"},
	{"0116-234-5678, 020 7946 0018", "[phone], [phone]"},
	{"tel:00447700900123", "tel:[phone]"},
	{"I live at LE13 0AB near the park", "I live at [postcode] near the park"},
	{"postcode le130ab.", "postcode [postcode]."},
	/* QA F7: hyphenated */
	{"car park full, post code le1-5ww", "car park full, post code [postcode]"},
	{"LE1-5WW.", "[postcode]."},
	/* not personal: districts, years, short numbers, long reference numbers */
	{"we are in LE13 and LE1", "we are in LE13 and LE1"},
	{"in 2019 I waited 12 weeks, 0116 is the code", "in 2019 I waited 12 weeks, 0116 is the code"},
	{"ref 0123456789012345", "ref 0123456789012345"},
	{"not an email: a@b, @home", "not an email: a@b, @home"},
	{"", ""},
	{"caf\xC3\xA9 07700 900123 \xE2\x80\x94 ok", "caf\xC3\xA9 [phone] \xE2\x80\x94 ok"},
};

/* One test over the table (not Criterion parameters: those carry only
 * plain data across its process boundary, not pointers). */
Test(redact, masks_personal_data_only)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct pair *p = &cases[i];
		vp_buf b = VP_BUF_INIT;
		cr_assert_eq(vp_redact(p->in, strlen(p->in), &b), 0);
		cr_assert_eq(vp_buf_putc(&b, 0), 0);
		cr_expect_str_eq(b.data, p->out, "in: %s", p->in);
		vp_buf_free(&b);
	}
}

Test(redact, appends_to_existing_buffer)
{
	vp_buf b = VP_BUF_INIT;
	cr_assert_eq(vp_buf_puts(&b, "> "), 0);
	cr_assert_eq(vp_redact("x@y.org", 7, &b), 0);
	cr_assert_eq(b.len, 9);
	cr_assert_eq(memcmp(b.data, "> [email]", 9), 0);
	vp_buf_free(&b);
}
