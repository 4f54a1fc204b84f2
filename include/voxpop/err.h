/* err.h - the one error-reporting path shared by every voxpop stage.
 *
 * Library code never prints and never exits: it fills a vp_err and returns
 * its sysexits.h code, so every module can be driven from a unit test.  The
 * stage's main prints it once, as "vp-stage: file:line: message".
 */
#ifndef VOXPOP_ERR_H
#define VOXPOP_ERR_H

#include <stddef.h>
#include <sysexits.h>

typedef struct vp_err {
	int code;        /* 0, or an EX_* code from sysexits.h */
	char msg[1024];  /* "file:line: message" or "message"; no program name */
} vp_err;

/* Record an error and return its code.  Formats like printf. */
int vp_errf(vp_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Same, prefixed with "file:line: " (line 0 means "file: "). */
int vp_errf_at(vp_err *e, int code, const char *file, unsigned long line,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* vp_errf(e, EX_OSERR, "out of memory"): the one way to say it. */
int vp_oom(vp_err *e) __attribute__((cold));

/* Clear an error back to "no error". */
void vp_err_clear(vp_err *e);

/* Print "prog: msg\n" to stderr.  Used by stage mains only. */
void vp_err_print(const char *prog, const vp_err *e);

/* Print "prog: " + formatted message + "\n" to stderr (warnings, summaries). */
void vp_warnf(const char *prog, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
