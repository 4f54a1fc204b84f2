/* input.h - opening the files a stage is given, the same way in every stage.
 *
 * Every file named on the command line -- operands, --gold, --map, --ids,
 * --token-file, --cacert, --state, gazetteer and lexicon files -- is opened
 * here, so a missing, unreadable or wrong-kind path gets the same one line
 * everywhere, "path: reason" in strerror's words (as cat and grep say it):
 *
 *   vp-report: counts: Is a directory                        (EX_NOINPUT)
 *   vp-count: x.ndjson: No such file or directory            (EX_NOINPUT)
 *   vp-eval: gold.csv: Permission denied                     (EX_NOINPUT)
 *   vp-tag: engagement.txt: Not a directory                  (EX_NOINPUT)
 *   vp-merge: monday.json: empty file                        (EX_DATAERR)
 *
 * A directory is refused when it is opened, not when the first read fails
 * (which gave "read error", EX_IOERR, or a parser's "end of file").
 */
#ifndef VOXPOP_INPUT_H
#define VOXPOP_INPUT_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "voxpop/err.h"

enum {
	VP_IN_NONEMPTY = 1, /* a regular file of 0 bytes is EX_DATAERR "path: empty file" */
	VP_IN_NOSTDIN = 2,  /* "-" is a file name, not standard input */
	VP_IN_RECORDS = 4,  /* vp_operands: open with vp_open_records */
	VP_IN_ONCE = 8,     /* vp_operands: a regular file met twice (a path repeated, a link
	                     * to it, stdin redirected from it) is EX_DATAERR "path: the same
	                     * file as EARLIER ...": vp-merge would count a document twice */
	VP_IN_AGAIN = 16,   /* vp_operands: such a file is read again, in->same_as naming
	                     * the earlier operand (vp-ingest says its records were
	                     * written twice); a copy of one under another name is
	                     * found once read, by vp_operands_same_bytes */
};

/* Open PATH for reading ("-" is stdin unless VP_IN_NOSTDIN).  0 with *fp
 * set, or EX_NOINPUT with e = "PATH: reason" and errno kept (ENOENT,
 * EACCES, EISDIR, ...), or EX_DATAERR for an empty file (VP_IN_NONEMPTY). */
int vp_open_in(FILE **fp, const char *path, int flags, vp_err *e);

/* What is said of an input that holds no records at all: "PATH: " and
 * this (vp_open_records; vp-ingest also for a file of nothing but a byte
 * order mark, blank lines or a sep= line, and a workbook of a blank sheet). */
#define VP_EMPTY_NO_RECORDS "empty file, no records"

/* vp_open_in for a stream of records (an empty one is zero records): a
 * regular file of 0 bytes is accepted, with "prog: PATH: empty file, no
 * records" on stderr, so that a wrong or truncated file is never silent. */
int vp_open_records(FILE **fp, const char *path, const char *prog, vp_err *e);

/* fp is a regular file of 0 bytes with nothing to read (what vp_open_records
 * says empty; a procfs file, 0 bytes by its size, is read).  It may read one
 * byte to know, put back. */
int vp_is_empty_file(FILE *fp);

/* fclose unless fp is stdin or NULL. */
void vp_close_in(FILE *fp);

/* Open directory PATH: 0 with *d set, or EX_NOINPUT "PATH: reason" (e.g.
 * "Not a directory" for a file). */
int vp_open_dir(DIR **d, const char *path, vp_err *e);

/* The operands of a stage, [FILE]..., opened one after the other: no
 * operand means stdin, "-" is stdin (unless VP_IN_NOSTDIN).  Every stage
 * reads its operands through this (record filters through vp_filter_run,
 * which uses it):
 *
 *   vp_operands in;
 *   vp_operands_init(&in, argc - optind, argv + optind, cli.prog, VP_IN_NONEMPTY);
 *   while ((rc = vp_operands_next(&in, &e)) == 1)
 *       if ((rc = read_whole(in.fp, in.name, &e)))   // in.name: "-" for stdin
 *           break;
 *   vp_operands_close(&in);                          // rc: 0, or EX_* with e
 *
 * flags are vp_open_in's, or VP_IN_RECORDS for a stream of records
 * (vp_open_records: an empty file warns on stderr with prog). */
typedef struct vp_operands {
	FILE *fp;            /* the current input (stdin or an opened file) */
	const char *name;    /* its name for messages: the operand, "-" for stdin */
	int n, next;         /* operands, and the index of the next one */
	char **paths;
	const char *prog;
	int flags;
	char *buf;           /* the current file's stdio buffer (VP_IN_BUFSIZE), or NULL */
	struct vp_file_seen { dev_t dev; ino_t ino; const char *name; } *seen; /* VP_IN_ONCE, _AGAIN */
	size_t nseen;
	const char *same_as; /* VP_IN_AGAIN: the earlier operand the current input is the
	                      * same regular file as, else NULL */
	struct vp_bytes_seen { unsigned long long size; uint64_t hash; const char *name; }
		*bytes_seen;     /* vp_operands_same_bytes */
	size_t nbytes_seen;
} vp_operands;

/* File operands are read through a buffer this large (stdio's default is
 * 4 KiB: a system call per 4 KiB of getline). */
#define VP_IN_BUFSIZE ((size_t)256 * 1024)

void vp_operands_init(vp_operands *in, int n, char **paths, const char *prog, int flags);

/* Close the current input and open the next: 1 (in->fp, in->name set), 0
 * when there are no more, or EX_NOINPUT / EX_DATAERR with e "path: reason". */
int vp_operands_next(vp_operands *in, vp_err *e);

/* The current input was read whole, size bytes hashing to hash (its
 * reader's vp_hash_stream): *earlier is set to the earlier operand read
 * whole with the same bytes -- a copy under another name, which device and
 * inode do not find -- or NULL, and the input is noted.  0, or -1 out of
 * memory. */
int vp_operands_same_bytes(vp_operands *in, unsigned long long size, uint64_t hash,
                           const char **earlier);

/* Close the current input, if any (never stdin), and let go of what
 * VP_IN_ONCE and vp_operands_same_bytes noted: call it once the operands
 * are done with. */
void vp_operands_close(vp_operands *in);

/* write(2) all of p[0..n) to fd, again after a short write or EINTR: 0, or
 * -1 with errno set (the state file, the xlsx reader's temporary files). */
int vp_write_all(int fd, const void *p, size_t n);

#endif
