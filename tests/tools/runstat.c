/* runstat - run a command with inherited stdin/stdout and report, on stderr,
 * its wall time and peak resident set size.  Used by `make bench` so each
 * stage of a pipeline can be measured in place:
 *     runstat ingest vp-ingest big.csv | runstat normalise vp-normalise | ...
 * prints "runstat: ingest 1.234 s 5.1 MB"; exits with the command's status.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: runstat LABEL COMMAND [ARG]...\n");
		return EX_USAGE;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid < 0) {
		perror("runstat: fork");
		return EX_OSERR;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "runstat: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	int status;
	struct rusage ru;
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR) {
			perror("runstat: wait4");
			return EX_OSERR;
		}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	             (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	fprintf(stderr, "runstat: %-12s wall %7.3f s  cpu %7.3f s  peak RSS %6.1f MB\n", argv[1],
	        wall, cpu, (double)ru.ru_maxrss / 1024.0);
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}
