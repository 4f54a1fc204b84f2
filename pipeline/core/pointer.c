/* pointer.c - see include/voxpop/pointer.h */
#include <stdlib.h>
#include <string.h>

#include "voxpop/pointer.h"

/* Unescape the reference token tok[0..n) into out.  -1 on a bad escape or
 * out of memory (the caller has already validated in the first case). */
static int unescape(const char *tok, size_t n, vp_buf *out)
{
	vp_buf_clear(out);
	for (size_t i = 0; i < n; i++) {
		char c = tok[i];
		if (c == '~') {
			if (i + 1 >= n || (tok[i + 1] != '0' && tok[i + 1] != '1'))
				return -1;
			c = tok[++i] == '0' ? '~' : '/';
		}
		if (vp_buf_putc(out, c) != 0)
			return -1;
	}
	if (vp_buf_reserve(out, 0) != 0) /* data non-NULL even for "" */
		return -1;
	return 0;
}

int vp_pointer_check(const char *ptr, vp_err *e)
{
	if (!ptr)
		return vp_errf(e, EX_USAGE, "missing JSON pointer");
	if (ptr[0] && ptr[0] != '/')
		return vp_errf(e, EX_USAGE, "JSON pointer '%s': must be empty or start with '/'",
		               ptr);
	for (const char *p = ptr; *p; p++)
		if (*p == '~' && p[1] != '0' && p[1] != '1')
			return vp_errf(e, EX_USAGE,
			               "JSON pointer '%s': '~' must be followed by 0 or 1", ptr);
	return 0;
}

/* RFC 6901 section 4: an array index is "0" or a digit 1-9 then digits. */
static int array_index(const char *s, size_t len, size_t *idx)
{
	if (len == 0 || (len > 1 && s[0] == '0') || len > 18)
		return -1;
	size_t v = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (size_t)(s[i] - '0');
	}
	*idx = v;
	return 0;
}

json_t *vp_pointer_get(json_t *doc, const char *ptr)
{
	if (!doc || !ptr)
		return NULL;
	if (ptr[0] == '\0')
		return doc;
	if (ptr[0] != '/')
		return NULL;
	vp_buf tok = VP_BUF_INIT;
	json_t *cur = doc;
	const char *p = ptr;
	while (cur && *p == '/') {
		p++;
		size_t n = strcspn(p, "/");
		if (unescape(p, n, &tok) != 0) {
			cur = NULL;
			break;
		}
		p += n;
		if (json_is_object(cur)) {
			cur = json_object_getn(cur, tok.data, tok.len);
		} else if (json_is_array(cur)) {
			size_t i;
			cur = array_index(tok.data, tok.len, &i) == 0 ? json_array_get(cur, i)
			                                              : NULL;
		} else {
			cur = NULL;
		}
	}
	vp_buf_free(&tok);
	return cur;
}

int vp_pointer_last(const char *ptr, vp_buf *out)
{
	const char *slash = strrchr(ptr, '/');
	const char *tok = slash ? slash + 1 : ptr;
	if (unescape(tok, strlen(tok), out) == 0)
		return 0;
	/* A bad escape: give the token back as written rather than fail. */
	vp_buf_clear(out);
	return vp_buf_puts(out, tok) == 0 && vp_buf_reserve(out, 0) == 0 ? 0 : -1;
}
