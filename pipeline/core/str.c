/* str.c - see include/voxpop/str.h */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/str.h"

int vp_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

char *vp_trim(char *s)
{
	while (vp_is_space((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && vp_is_space((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

char *vp_uncomment(char *s)
{
	char *hash = strchr(s, '#');
	if (hash)
		*hash = '\0';
	return vp_trim(s);
}

int vp_read_line(FILE *fp, vp_buf *b, size_t max, int *too_long)
{
	int ch, ignored;
	if (!too_long)
		too_long = &ignored;
	vp_buf_clear(b);
	*too_long = 0;
	if (vp_buf_reserve(b, 0) != 0)
		return EX_OSERR;
	b->data[0] = '\0';
	errno = 0;
	while ((ch = getc_unlocked(fp)) != EOF) {
		if (ch == '\n')
			return 1;
		if (ch == '\r') {
			int next = getc_unlocked(fp);
			if (next != '\n' && next != EOF && ungetc(next, fp) == EOF)
				return EX_IOERR;
			return 1;
		}
		if (b->len > max) {
			*too_long = 1;
			continue;
		}
		if (vp_buf_putc(b, ch) != 0)
			return EX_OSERR;
	}
	if (ferror(fp))
		return EX_IOERR;
	return b->len || *too_long;
}

void vp_trim_span(const char **s, size_t *n)
{
	const char *p = *s;
	size_t k = *n;
	while (k && vp_is_space((unsigned char)*p)) {
		p++;
		k--;
	}
	while (k && vp_is_space((unsigned char)p[k - 1]))
		k--;
	*s = p;
	*n = k;
}

int vp_read_line_end(int got, const char *name, vp_err *e)
{
	if (got == 0 || got == 1)
		return 0;
	if (got == EX_OSERR)
		return vp_oom(e);
	return vp_errf(e, EX_IOERR, "%s: read error: %s", name, strerror(errno));
}

int vp_tally_add(vp_tally *t, const char *example)
{
	if (t->n++)
		return 0;
	return (t->first = strdup(example)) ? 0 : -1;
}

void vp_tally_free(vp_tally *t)
{
	free(t->first);
	*t = (vp_tally){0};
}
