/*
 * host_harness: a real session host and forked consoles for the load tests
 * and the benchmark (see host_harness.h).
 */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/game.h"
#include "io/scenario_load.h"
#include "io/session.h"
#include "util/xalloc.h"

#include "host_harness.h"

/* Accents on purpose: names travel in hellos, ids and journal lines. */
const struct harness_roster harness_default = {
	HARNESS_TEAMS, HARNESS_PER_TEAM,
	{ "Alpha", "Bravo", "Charlie" },
	{
		{ "Léa Martin", "Noé Petit" },
		{ "Inès Durand", "Hugo Lefèvre" },
		{ "Zoé Bernard", "Théo Roux" }
	}
};

int
harness_create(const char *path, const char *scenario, uint64_t seed,
    char **cause)
{
	return harness_create_roster(path, scenario, seed, &harness_default,
	    cause);
}

int
harness_create_roster(const char *path, const char *scenario, uint64_t seed,
    const struct harness_roster *ro, char **cause)
{
	struct game_setup	 setup;
	struct scenario		*s = NULL;
	struct session		*ss;
	struct diag		 d;
	int			 t, k, rc;

	diag_init(&d);
	if (scenario_load(scenario, &s, &d) != SCENARIO_LOAD_OK) {
		*cause = xasprintf("%s ne se charge pas (%zu problème(s))",
		    scenario, d.count);
		diag_release(&d);
		scenario_free(s);
		return -1;
	}
	diag_release(&d);
	memset(&setup, 0, sizeof setup);
	setup.seed = seed & INT64_MAX;
	setup.nteams = ro->nteams;
	for (t = 0; t < ro->nteams; t++) {
		setup.teams[t].name = ro->team[t];
		setup.teams[t].ncandidates = ro->per_team;
		for (k = 0; k < ro->per_team; k++)
			setup.teams[t].candidates[k].name = ro->candidate[t][k];
	}
	rc = session_create(path, s, &setup, &ss, cause);
	if (rc == 0)
		session_close(ss);
	scenario_free(s);
	return rc;
}

int64_t
harness_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int
harness_say(int fd, const char *fmt, ...)
{
	va_list	 ap;
	char	 line[512];
	int	 n;
	ssize_t	 w;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line - 1, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof line - 1)
		n = (int)strlen(line);
	line[n++] = '\n';
	/* Under PIPE_BUF: one write() is atomic, whole or nothing. */
	do
		w = write(fd, line, (size_t)n);
	while (w == -1 && errno == EINTR);
	return w == n ? 0 : -1;
}

void
harness_reader_init(struct harness_reader *r, int fd)
{
	memset(r, 0, sizeof *r);
	r->fd = fd;
}

void
harness_reader_release(struct harness_reader *r)
{
	free(r->buf);
	memset(r, 0, sizeof *r);
	r->fd = -1;
}

static char *
reader_next(struct harness_reader *r)
{
	char	*nl, *line;

	if (r->off == r->len)
		return NULL;
	nl = memchr(r->buf + r->off, '\n', r->len - r->off);
	if (nl == NULL)
		return NULL;
	*nl = '\0';
	line = r->buf + r->off;
	r->off = (size_t)(nl - r->buf) + 1;
	return line;
}

char *
harness_reader_line(struct harness_reader *r, int timeout_ms)
{
	struct pollfd	 pfd;
	char		*line;
	ssize_t		 n;

	if ((line = reader_next(r)) != NULL || r->eof)
		return line;
	/* Keep what is not consumed at the front: lines handed out so far
	 * are no longer in use. */
	if (r->off > 0) {
		memmove(r->buf, r->buf + r->off, r->len - r->off);
		r->len -= r->off;
		r->off = 0;
	}
	pfd.fd = r->fd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, timeout_ms) <= 0)
		return NULL;
	if (r->cap - r->len < 65536) {
		r->cap = r->len + 65536 + 1;
		r->buf = xreallocarray(r->buf, r->cap, 1);
	}
	do
		n = read(r->fd, r->buf + r->len, r->cap - r->len - 1);
	while (n == -1 && errno == EINTR);
	if (n <= 0) {
		r->eof = true;
		return NULL;
	}
	r->len += (size_t)n;
	return reader_next(r);
}

uint64_t
harness_rng(uint64_t *state)
{
	uint64_t	 z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int
open_log(const char *log)
{
	return open(log != NULL ? log : "/dev/null", O_WRONLY | O_CREAT |
	    O_APPEND | O_CLOEXEC, 0644);
}

int
harness_host_start(const char *bin, const char *path, const char *log,
    struct harness_host *h, char **cause)
{
	return harness_host_start_roster(bin, path, log, &harness_default, h,
	    cause);
}

/*
 * One line of the codes the host prints: "  TEAM   CODE" per team, the
 * trainer's line ("  formateur   CODE (…)"), then "  TEAM   Prénom Nom
 * CODE" per candidate.  A candidate's line is told by its name, never by
 * the length of its second word (a first name may have eight letters).
 * Returns how many codes the line gave (0 or 1).
 */
static int
harness_code_line(const struct harness_roster *ro, char *line,
    struct harness_host *h)
{
	char	 name[128], code[64], *last;
	size_t	 n;
	int	 t, k;

	if (line[0] != ' ' || sscanf(line, " %127s %63s", name, code) != 2)
		return 0;
	n = strlen(line);
	while (n > 0 && line[n - 1] == ' ')
		line[--n] = '\0';
	last = strrchr(line, ' ');
	for (t = 0; t < ro->nteams; t++)
		if (strcmp(name, ro->team[t]) == 0)
			break;
	if (t < ro->nteams && strlen(last + 1) == 8)
		for (k = 0; k < ro->per_team; k++)
			if (strstr(strstr(line, name) + strlen(name),
			    ro->candidate[t][k]) != NULL) {
				memcpy(h->personal[t][k], last + 1, 9);
				return 1;
			}
	if (strlen(code) != 8)
		return 0;
	if (t < ro->nteams)
		memcpy(h->code[t], code, 9);
	else
		memcpy(h->trainer, code, 9);
	return 1;
}

int
harness_host_start_roster(const char *bin, const char *path, const char *log,
    const struct harness_roster *ro, struct harness_host *h, char **cause)
{
	struct harness_reader	 r;
	int			 out[2], fd, got = 0;
	int			 want = ro->nteams + 1 + ro->nteams * ro->per_team;
	char			*line;
	int64_t			 limit;

	memset(h, 0, sizeof *h);
	if (pipe2(out, O_CLOEXEC) == -1) {
		*cause = xasprintf("pipe : %s", strerror(errno));
		return -1;
	}
	if ((h->pid = fork()) == -1) {
		*cause = xasprintf("fork : %s", strerror(errno));
		close(out[0]);
		close(out[1]);
		return -1;
	}
	if (h->pid == 0) {
		/* A test that dies (assertion, sanitizer) takes its host. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		fd = open_log(log);
		dup2(out[1], STDOUT_FILENO);
		if (fd != -1)
			dup2(fd, STDERR_FILENO);
		execl(bin, "pilote", "host", path, "--headless", (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	harness_reader_init(&r, out[0]);
	/* A long session is replayed before the host listens. */
	limit = harness_us() + 120 * 1000000LL;
	while (got < want && harness_us() < limit) {
		if ((line = harness_reader_line(&r, 100)) == NULL) {
			if (r.eof)
				break;
			continue;
		}
		got += harness_code_line(ro, line, h);
	}
	harness_reader_release(&r);
	close(out[0]);
	if (got < want) {
		*cause = xstrdup("l'hôte n'a pas affiché ses codes d'accès");
		harness_host_stop(h, SIGKILL);
		return -1;
	}
	return 0;
}

int
harness_host_stop(struct harness_host *h, int sig)
{
	int	 status;

	if (h->pid <= 0)
		return -1;
	kill(h->pid, sig);
	while (waitpid(h->pid, &status, 0) == -1)
		if (errno != EINTR) {
			h->pid = 0;
			return -1;
		}
	h->pid = 0;
	return status;
}

int
harness_run(const char *const argv[], char *out, size_t outsz,
    const char *log)
{
	struct pollfd	 pfd;
	pid_t		 pid;
	int		 p[2], fd, status;
	size_t		 len = 0;
	ssize_t		 n;
	char		 sink[4096];

	if (pipe2(p, O_CLOEXEC) == -1)
		return -1;
	if ((pid = fork()) == -1) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		fd = open_log(log);
		dup2(p[1], STDOUT_FILENO);
		if (fd != -1)
			dup2(fd, STDERR_FILENO);
		/* execv() does not write to them (POSIX's old prototype). */
		execv(argv[0], (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	close(p[1]);
	pfd.fd = p[0];
	pfd.events = POLLIN;
	for (;;) {
		if (poll(&pfd, 1, -1) == -1 && errno != EINTR)
			break;
		if (out != NULL && len + 1 < outsz)
			n = read(p[0], out + len, outsz - 1 - len);
		else
			n = read(p[0], sink, sizeof sink);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (out != NULL && len + 1 < outsz)
			len += (size_t)n;
	}
	if (out != NULL && outsz > 0)
		out[len] = '\0';
	close(p[0]);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}
