#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "voxpop/fetch.h"

static void redacts(const char *url, const char *want)
{
	vp_buf b = VP_BUF_INIT;
	cr_assert_eq(vp_url_redact(url, &b), 0);
	cr_assert_str_eq(b.data, want);
	vp_buf_free(&b);
}

Test(fetch_url, redacts_credentials_in_query_and_userinfo)
{
	redacts("https://api.example.org/v3/r?page=2&per_page=50",
	        "https://api.example.org/v3/r?page=2&per_page=50");
	redacts("https://api.example.org/r?access_token=abc123&page=2",
	        "https://api.example.org/r?access_token=REDACTED&page=2");
	redacts("https://h/r?apiKey=k&X-Amz-Signature=s&sig=1&password=p&q=ok",
	        "https://h/r?apiKey=REDACTED&X-Amz-Signature=REDACTED&sig=REDACTED"
	        "&password=REDACTED&q=ok");
	redacts("https://user:pa55@h.example:8443/x?a=1#frag", "https://h.example:8443/x?a=1");
	redacts("http://127.0.0.1:80/p", "http://127.0.0.1:80/p");
}

Test(fetch_url, same_origin_needs_scheme_host_and_port)
{
	cr_assert(vp_url_same_origin("https://api.typeform.com/forms/1",
	                             "https://API.typeform.com/forms/1/responses?x=1"));
	cr_assert(vp_url_same_origin("https://h/a", "https://h:443/b"));
	cr_assert(!vp_url_same_origin("https://h/a", "http://h/a"));
	cr_assert(!vp_url_same_origin("https://h/a", "https://h:8443/a"));
	cr_assert(!vp_url_same_origin("https://h/a", "https://evil.example/a"));
	cr_assert(!vp_url_same_origin("http://127.0.0.1:5/a", "http://localhost:5/a"));
	cr_assert(!vp_url_same_origin("https://h/a", "not a url"));
}

Test(fetch_url, add_param_encodes_value)
{
	vp_buf u = VP_BUF_INIT;
	vp_buf_puts(&u, "https://h/r");
	cr_assert_eq(vp_url_add_param(&u, "since", "2024-03-02T17:22:31+00:00"), 0);
	cr_assert_str_eq(u.data, "https://h/r?since=2024-03-02T17%3A22%3A31%2B00%3A00");
	cr_assert_eq(vp_url_add_param(&u, "q", "{\"a\": 1}"), 0);
	cr_assert_str_eq(u.data, "https://h/r?since=2024-03-02T17%3A22%3A31%2B00%3A00"
	                 "&q=%7B%22a%22%3A%201%7D");
	vp_buf_free(&u);
}

Test(fetch_url, resolve_relative_next)
{
	vp_buf u = VP_BUF_INIT;
	cr_assert_eq(vp_url_resolve("https://h/api/r?per_page=2", "/api/r?cursor=x", &u), 0);
	cr_assert_str_eq(u.data, "https://h/api/r?cursor=x");
	cr_assert_eq(vp_url_resolve("https://h/api/r", "https://h/api/r?page=3", &u), 0);
	cr_assert_str_eq(u.data, "https://h/api/r?page=3");
	vp_buf_free(&u);
}

static void link_next(const char *hdr, const char *want)
{
	char *got = vp_http_link_next(hdr);
	if (!want)
		cr_assert_null(got, "'%s' gave '%s'", hdr, got);
	else
		cr_assert_str_eq(got, want);
	free(got);
}

Test(fetch_url, rfc8288_link_header)
{
	link_next("<https://h/r?page=2>; rel=\"next\"", "https://h/r?page=2");
	link_next("<https://h/r?page=1>; rel=\"prev\", <https://h/r?page=3>; rel=\"next\","
	          " <https://h/r?page=9>; rel=\"last\"", "https://h/r?page=3");
	link_next("<https://h/x>; rel=next; title=\"a;b,c\"", "https://h/x");
	link_next("<https://h/x>;rel=\"prev next\"", "https://h/x");
	link_next("<https://h/x>; rel=\"nextpage\"", NULL);
	link_next("<https://h/r?page=1>; rel=\"prev\"", NULL);
	link_next("garbage", NULL);
}

Test(fetch_url, backoff_doubles_and_honours_retry_after_with_a_cap)
{
	cr_assert_eq(vp_http_backoff(1, -1, 60), 1);
	cr_assert_eq(vp_http_backoff(2, -1, 60), 2);
	cr_assert_eq(vp_http_backoff(3, -1, 60), 4);
	cr_assert_eq(vp_http_backoff(10, -1, 60), 60);
	cr_assert_eq(vp_http_backoff(40, -1, 60), 60);
	cr_assert_eq(vp_http_backoff(1, 7, 60), 7);
	cr_assert_eq(vp_http_backoff(1, 3600, 60), 60);
	cr_assert_eq(vp_http_backoff(1, 0, 60), 0);
}

Test(fetch_url, secure_is_https_or_plain_http_to_loopback_by_the_parsed_host)
{
	cr_assert(vp_url_secure("https://api.example.org/x"));
	cr_assert(vp_url_secure("http://127.0.0.1:8080/oauth/token"));
	cr_assert(vp_url_secure("http://localhost/x"));
	cr_assert(vp_url_secure("http://[::1]:9/x"));
	cr_assert_not(vp_url_secure("http://127.0.0.1@127.0.0.2:8080/oauth/token"));
	cr_assert_not(vp_url_secure("http://127.0.0.1.evil.example/"));
	cr_assert_not(vp_url_secure("http://127.0.0.2/"));
	cr_assert_not(vp_url_secure("http://example.org/"));
	cr_assert_not(vp_url_secure("ftp://127.0.0.1/"));
	cr_assert_not(vp_url_secure("not a url"));
}
