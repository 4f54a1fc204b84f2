/* input.c - see include/voxpop/input.h */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "voxpop/input.h"

static int fail(vp_err *e, const char *path, int err)
{
	vp_errf_at(e, EX_NOINPUT, path, 0, "%s", strerror(err));
	errno = err;
	return EX_NOINPUT;
}

int vp_is_empty_file(FILE *fp)
{
	struct stat st;
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size != 0)
		return 0;
	/* 0 bytes by its size, but a procfs or sysfs file reads all the same:
	 * empty only when there is nothing to read (a read error is the
	 * reader's to report) */
	int c = getc(fp);
	if (c != EOF) {
		ungetc(c, fp);
		return 0;
	}
	if (ferror(fp))
		return 0;
	clearerr(fp);
	return 1;
}

int vp_open_in(FILE **fp, const char *path, int flags, vp_err *e)
{
	*fp = NULL;
	if (strcmp(path, "-") == 0 && !(flags & VP_IN_NOSTDIN)) {
		*fp = stdin;
		return 0;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return fail(e, path, errno);
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int err = errno;
		close(fd);
		return fail(e, path, err);
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return fail(e, path, EISDIR);
	}
	if (!(*fp = fdopen(fd, "r"))) {
		int err = errno;
		close(fd);
		return fail(e, path, err);
	}
	if ((flags & VP_IN_NONEMPTY) && vp_is_empty_file(*fp)) {
		fclose(*fp);
		*fp = NULL;
		return vp_errf_at(e, EX_DATAERR, path, 0, "empty file");
	}
	return 0;
}

int vp_open_records(FILE **fp, const char *path, const char *prog, vp_err *e)
{
	int rc = vp_open_in(fp, path, 0, e);
	if (rc == 0 && *fp != stdin && vp_is_empty_file(*fp))
		vp_warnf(prog, "%s: " VP_EMPTY_NO_RECORDS, path);
	return rc;
}

void vp_close_in(FILE *fp)
{
	if (fp && fp != stdin)
		fclose(fp);
}

int vp_open_dir(DIR **d, const char *path, vp_err *e)
{
	if (!(*d = opendir(path)))
		return fail(e, path, errno);
	return 0;
}

void vp_operands_init(vp_operands *in, int n, char **paths, const char *prog, int flags)
{
	in->fp = NULL;
	in->name = NULL;
	in->n = n > 0 ? n : 0;
	in->next = 0;
	in->paths = paths;
	in->prog = prog ? prog : "voxpop";
	in->flags = flags;
	in->buf = NULL;
	in->seen = NULL;
	in->nseen = 0;
	in->same_as = NULL;
	in->bytes_seen = NULL;
	in->nbytes_seen = 0;
}

/* Close the current input (never stdin). */
static void close_current(vp_operands *in)
{
	vp_close_in(in->fp);
	in->fp = NULL;
	free(in->buf); /* after the fclose that last used it */
	in->buf = NULL;
}

/* The input just opened, when it is a regular file met before (the same
 * device and inode, whatever the path): VP_IN_ONCE refuses it, VP_IN_AGAIN
 * names the earlier operand in same_as.  A file not met before is noted. */
static int check_once(vp_operands *in, vp_err *e)
{
	struct stat st;
	if (!(in->flags & (VP_IN_ONCE | VP_IN_AGAIN)) || fstat(fileno(in->fp), &st) != 0 ||
	    !S_ISREG(st.st_mode))
		return 0;
	for (size_t i = 0; i < in->nseen; i++)
		if (in->seen[i].dev == st.st_dev && in->seen[i].ino == st.st_ino) {
			if (in->flags & VP_IN_AGAIN) {
				in->same_as = in->seen[i].name;
				return 0;
			}
			vp_errf_at(e, EX_DATAERR, in->name, 0, "the same file as %s (a document "
			           "merged twice counts its records twice)", in->seen[i].name);
			close_current(in);
			return EX_DATAERR;
		}
	struct vp_file_seen *s = realloc(in->seen, (in->nseen + 1) * sizeof *s);
	if (!s) {
		close_current(in);
		return vp_errf(e, EX_OSERR, "out of memory");
	}
	in->seen = s;
	s[in->nseen++] = (struct vp_file_seen){st.st_dev, st.st_ino, in->name};
	return 0;
}

int vp_operands_next(vp_operands *in, vp_err *e)
{
	close_current(in);
	in->same_as = NULL;
	if (in->n == 0) {
		/* no operand: standard input, once */
		if (in->next++)
			return 0;
		in->fp = stdin;
		in->name = "-";
		return 1; /* nothing before it to be the same file as */
	}
	if (in->next >= in->n)
		return 0;
	const char *path = in->paths[in->next++];
	int rc = (in->flags & VP_IN_RECORDS)
	         ? vp_open_records(&in->fp, path, in->prog, e)
	         : vp_open_in(&in->fp, path, in->flags & ~(VP_IN_RECORDS | VP_IN_ONCE), e);
	if (rc)
		return rc;
	in->name = in->fp == stdin ? "-" : path;
	if ((rc = check_once(in, e)))
		return rc;
	/* a large buffer when one can be had (before any I/O, so legal);
	 * without one, stdio's own */
	if (in->fp != stdin && (in->buf = malloc(VP_IN_BUFSIZE)) != NULL &&
	    setvbuf(in->fp, in->buf, _IOFBF, VP_IN_BUFSIZE) != 0) {
		free(in->buf);
		in->buf = NULL;
	}
	return 1;
}

int vp_operands_same_bytes(vp_operands *in, unsigned long long size, uint64_t hash,
                           const char **earlier)
{
	*earlier = NULL;
	for (size_t i = 0; i < in->nbytes_seen; i++)
		if (in->bytes_seen[i].size == size && in->bytes_seen[i].hash == hash) {
			*earlier = in->bytes_seen[i].name;
			return 0;
		}
	struct vp_bytes_seen *s = realloc(in->bytes_seen, (in->nbytes_seen + 1) * sizeof *s);
	if (!s)
		return -1;
	in->bytes_seen = s;
	s[in->nbytes_seen++] = (struct vp_bytes_seen){size, hash, in->name};
	return 0;
}

void vp_operands_close(vp_operands *in)
{
	close_current(in);
	free(in->seen);
	in->seen = NULL;
	in->nseen = 0;
	free(in->bytes_seen);
	in->bytes_seen = NULL;
	in->nbytes_seen = 0;
}

int vp_write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}
