/*
 * bench_run: the measuring primitive of `make bench` (tests/bench.sh).
 *
 *   bench_run K CMD ARG...   runs CMD K times (stdout to /dev/null) and
 *                            prints "MIN MEDIAN RSS": CPU seconds (user +
 *                            system, from wait4) of the fastest and the
 *                            median run, and the largest peak RSS in KiB;
 *   bench_run fsync N DIR    the yardstick of the host: N write+fdatasync
 *                            of a 300-byte line to a file in DIR, prints
 *                            "OPS_PER_SECOND" (wall clock).
 *
 * CPU time, not wall time: two shared cores make wall times noisy.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
fsync_loop(long n, const char *dir)
{
	char		 path[4096], line[300];
	struct timespec	 t0, t1;
	long		 i;
	double		 s;
	int		 fd;

	snprintf(path, sizeof path, "%s/fsync.bench", dir);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0600)) ==
	    -1) {
		perror(path);
		return 1;
	}
	memset(line, 'x', sizeof line);
	line[sizeof line - 1] = '\n';
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++)
		if (write(fd, line, sizeof line) != (ssize_t)sizeof line ||
		    fdatasync(fd) == -1) {
			perror("write");
			return 1;
		}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	close(fd);
	unlink(path);
	s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) /
	    1e9;
	printf("%.0f\n", s > 0 ? (double)n / s : 0.0);
	return 0;
}

int
main(int argc, char **argv)
{
	struct rusage	 ru;
	double		*cpu;
	long		 k, i, rss = 0;
	int		 status, null;
	pid_t		 pid;

	if (argc == 4 && strcmp(argv[1], "fsync") == 0)
		return fsync_loop(atol(argv[2]), argv[3]);
	if (argc < 3 || (k = atol(argv[1])) < 1) {
		fprintf(stderr, "usage : bench_run K COMMANDE ARG... | bench_run "
		    "fsync N RÉPERTOIRE\n");
		return 64;
	}
	cpu = calloc((size_t)k, sizeof *cpu);
	for (i = 0; i < k; i++) {
		if ((pid = fork()) == 0) {
			null = open("/dev/null", O_WRONLY);
			dup2(null, 1);
			execvp(argv[2], argv + 2);
			_exit(127);
		}
		if (pid == -1 || wait4(pid, &status, 0, &ru) == -1) {
			perror("fork");
			return 1;
		}
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "bench_run : %s a échoué\n", argv[2]);
			return 1;
		}
		cpu[i] = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
		    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
		if (ru.ru_maxrss > rss)
			rss = ru.ru_maxrss;
	}
	qsort(cpu, (size_t)k, sizeof *cpu, cmp_double);
	printf("%.4f %.4f %ld\n", cpu[0], cpu[(k - 1) / 2], rss);
	free(cpu);
	return 0;
}
