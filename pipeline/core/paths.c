/* paths.c - see include/voxpop/paths.h */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "voxpop/paths.h"

#ifndef VP_DATADIR
#define VP_DATADIR "/usr/local/share/voxpop"
#endif

static int try_path(const char *dir, const char *rel, char *out, size_t outsz)
{
	struct stat st;
	int n = snprintf(out, outsz, "%s/%s", dir, rel);
	return n > 0 && (size_t)n < outsz && stat(out, &st) == 0 ? 0 : -1;
}

int vp_data_path(const char *rel, char *out, size_t outsz)
{
	const char *env = getenv("VOXPOP_DATADIR");
	if (env && *env && try_path(env, rel, out, outsz) == 0)
		return 0;

	/* A build tree: <root>/bin/vp-stage finds <root>/<rel>. */
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			slash = strrchr(exe, '/');
			if (slash && strcmp(slash, "/bin") == 0) {
				*slash = '\0';
				if (try_path(exe[0] ? exe : "/", rel, out, outsz) == 0)
					return 0;
			}
		}
	}
	return try_path(VP_DATADIR, rel, out, outsz);
}
