/* transcode-cat - copy standard input to standard output through
 * vp_transcode (UTF-16 with or without BOM -> UTF-8, UTF-8 BOM removed),
 * for tests and the bench:  transcode-cat [--no-guess] [-v] < in > out
 * -v names the encoding found on stderr.  Errors: "transcode-cat: message". */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "voxpop/transcode.h"

int main(int argc, char **argv)
{
	int flags = 0, verbose = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--no-guess") == 0)
			flags |= VP_TC_NO_GUESS;
		else if (strcmp(argv[i], "-v") == 0)
			verbose = 1;
		else {
			fprintf(stderr, "usage: transcode-cat [--no-guess] [-v] < in > out\n");
			return EX_USAGE;
		}
	}
	vp_err e = {0};
	vp_transcode *t;
	int rc = vp_transcode_open(&t, stdin, "stdin", flags, &e);
	if (rc) {
		vp_err_print("transcode-cat", &e);
		return rc;
	}
	if (verbose)
		fprintf(stderr, "transcode-cat: %s%s\n", vp_transcode_source(t),
		        vp_transcode_guessed(t) ? " (guessed, no byte order mark)" : "");
	FILE *u = vp_transcode_fp(t);
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, u)) > 0)
		if (fwrite(buf, 1, n, stdout) != n) {
			fprintf(stderr, "transcode-cat: write error\n");
			vp_transcode_close(t);
			return EX_IOERR;
		}
	if (ferror(u)) {
		rc = vp_transcode_error(t, &e);
		vp_err_print("transcode-cat", &e);
	}
	vp_transcode_close(t);
	if (fflush(stdout) != 0 && !rc) {
		fprintf(stderr, "transcode-cat: write error\n");
		rc = EX_IOERR;
	}
	return rc;
}
