/* memout.h - for the unit tests: capture what a writer puts on a FILE.
 *
 *	struct memout m;
 *	FILE *out = memout_open(&m);
 *	... write to out ...
 *	char *s = memout_close(&m);   (NUL-terminated, m.len bytes; free(s))
 *
 * m must stay where it is between open and close (the stream writes
 * m.buf and m.len). */
#ifndef VP_TEST_MEMOUT_H
#define VP_TEST_MEMOUT_H

#include <criterion/criterion.h>
#include <stdio.h>

struct memout {
	FILE *fp;
	char *buf;
	size_t len;
};

static inline FILE *memout_open(struct memout *m)
{
	m->buf = NULL;
	m->len = 0;
	m->fp = open_memstream(&m->buf, &m->len);
	cr_assert_not_null(m->fp, "open_memstream failed");
	return m->fp;
}

static inline char *memout_close(struct memout *m)
{
	cr_assert_eq(fclose(m->fp), 0, "closing the memory stream failed");
	return m->buf;
}

#endif
