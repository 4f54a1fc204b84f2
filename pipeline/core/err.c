/* err.c - see include/voxpop/err.h */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "voxpop/err.h"

static int vset(vp_err *e, int code, const char *prefix, const char *fmt, va_list ap)
{
	if (!e)
		return code;
	size_t off = 0;
	if (prefix) {
		off = strlen(prefix);
		if (off >= sizeof e->msg)
			off = sizeof e->msg - 1;
		memcpy(e->msg, prefix, off);
		e->msg[off] = '\0';
	}
	vsnprintf(e->msg + off, sizeof e->msg - off, fmt, ap);
	e->code = code;
	return code;
}

int vp_errf(vp_err *e, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vset(e, code, NULL, fmt, ap);
	va_end(ap);
	return code;
}

int vp_errf_at(vp_err *e, int code, const char *file, unsigned long line,
               const char *fmt, ...)
{
	char prefix[512];
	if (line)
		snprintf(prefix, sizeof prefix, "%s:%lu: ", file ? file : "-", line);
	else
		snprintf(prefix, sizeof prefix, "%s: ", file ? file : "-");
	va_list ap;
	va_start(ap, fmt);
	vset(e, code, prefix, fmt, ap);
	va_end(ap);
	return code;
}

void vp_err_clear(vp_err *e)
{
	if (e) {
		e->code = 0;
		e->msg[0] = '\0';
	}
}

void vp_err_print(const char *prog, const vp_err *e)
{
	fprintf(stderr, "%s: %s\n", prog, e && e->msg[0] ? e->msg : "unknown error");
}

void vp_warnf(const char *prog, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int vp_oom(vp_err *e)
{
	return vp_errf(e, EX_OSERR, "out of memory");
}
