/*
 * bench_host: the session host's rows of the issue-13 table, measured,
 * printed, never asserted (tests/bench_host.sh formats them).
 *
 * Eight teams of four candidates, one console each (32 forked processes,
 * a struct client each, joined with the candidate's personal code), against
 * `pilote host --headless`, RUNS times:
 *
 *   fsync R OPS            the yardstick, measured in the same directory
 *                          between the runs: write+fdatasync of a 300-byte
 *                          line, per second (bench_run fsync);
 *   start R ACK/S P99 A F CPU CCPU  on a fresh session, every console sending
 *                          COMMANDS commands at once, each waiting for its
 *                          acknowledgement and its line before the next
 *                          (as a console does): acknowledged commands per
 *                          second from the first sent to the last settled
 *                          (each validated, written, fdatasync'ed, applied,
 *                          streamed to the 32 consoles), the 99th
 *                          percentile of one command's round trip in ms
 *                          (client_submit: ack and line folded in), how
 *                          many were acknowledged and refused, and the
 *                          host's CPU time per acknowledged command and
 *                          the 32 consoles' together (µs);
 *   paced R ACK/S P99 A F CPU CCPU  then each console a command every
 *                          PACED_US (1 000 a second in all): the round
 *                          trip a candidate sees in a busy class;
 *   rejoin R JOINED S      the host restarted on a session of HISTORY
 *                          events: 32 consoles join at once and fold the
 *                          whole journal; how many joined (client_open
 *                          succeeded) and the seconds until the last did;
 *   history R ACK/S P99 A F CPU CCPU  the same load as "start", on that host.
 *
 * The history is made once, through the session API (validated, one write
 * and fdatasync each): teams taking and dropping a tool, the trainer's
 * messages to everyone, each with a command id as a console's would be
 * (the host keeps them all, to recognise a resend).
 *
 * usage: bench_host PILOTE BENCH_RUN DIR [RUNS [COMMANDS [HISTORY]]]
 * (5, 100 and 100000).
 */
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/game.h"
#include "io/client.h"
#include "io/session.h"
#include "util/xalloc.h"

#include "host_harness.h"

#define TEAMS		8
#define PER_TEAM	4
#define CONSOLES	(TEAMS * PER_TEAM)
/*
 * The paced load: each console a command every 32 ms, 1 000 commands a
 * second in all, about a third of what the host acknowledges at full
 * load: the round trip a candidate sees in a busy class, not the queue
 * of 32 consoles that never pause (at full load each command waits for
 * the 31 others: 32 / throughput on average, Little's law).
 */
#define PACED_US	32000
#define PACED_CMDS	40

static const struct harness_roster roster = {
	TEAMS, PER_TEAM,
	{ "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf",
	    "Hotel" },
	{
		{ "Léa Martin", "Noé Petit", "Inès Durand", "Hugo Lefèvre" },
		{ "Zoé Bernard", "Théo Roux", "Chloé Faure", "Jules Morel" },
		{ "Emma Girard", "Louis André", "Jade Mercier", "Nathan Blanc" },
		{ "Alice Guérin", "Adam Boyer", "Lina Garnier", "Tom Chevalier" },
		{ "Rose François", "Léo Legrand", "Anna Gauthier", "Paul Perrin" },
		{ "Mia Robin", "Gabriel Clément", "Julia Morin", "Raphaël Nicolas" },
		{ "Manon Henry", "Arthur Roussel", "Lou Mathieu", "Hugo Gautier" },
		{ "Eva Masson", "Lucas Marchand", "Sarah Duval", "Ethan Denis" }
	}
};

struct agent {
	pid_t			 pid;
	int			 report, ctl;
	struct harness_reader	 r;
};

/*
 * Console k's i-th command: missions and plans, and the team's first
 * candidate alone takes and drops a tool (teammates racing for it would be
 * refused: the figure is of journaled commands).
 */
static void
agent_command(struct client *c, int k, int i, struct event *e)
{
	const struct scenario	*s = client_scenario(c);
	const struct team	*t = &client_game(c)->teams[client_team(c)];
	int			 team = k / PER_TEAM;
	char			 text[160];

	event_init(e);
	event_set(&e->actor, roster.candidate[team][k % PER_TEAM]);
	if (k % PER_TEAM == 0 && i % 3 == 2) {
		event_set(&e->type, "outil");
		record_set_text(&e->data, "outil", s->tools[0].id);
		if (t->tools[0])
			record_set_text(&e->data, "retirer", "oui");
	} else if (i % 2 == 0) {
		event_set(&e->type, "mission");
		record_set_text(&e->data, "role", s->roles[i % s->nroles].id);
		record_set_text(&e->data, "candidat", roster.candidate[team][
		    i % PER_TEAM]);
		snprintf(text, sizeof text, "Mission n°%d de la console %d",
		    i, k);
		record_set_text(&e->data, "texte", text);
	} else {
		event_set(&e->type, "planifier");
		record_set_text(&e->data, "lot", s->packages[i %
		    s->npackages].id);
		record_set_int(&e->data, "debut", 1 + i % s->weeks);
		record_set_int(&e->data, "fin", s->weeks);
	}
}

/*
 * A console: joins ("ready T" or "fail WHY"), then on each "go P" sends its
 * commands (one every P µs from the order, P = 0: each as soon as the last
 * settled), their round trips (µs) appended to lat, and says "done ACKED
 * REFUSED T0 T1"; it keeps reading the host between orders, and leaves
 * when its control pipe closes.
 */
static void
agent_main(int k, const char *path, const char *code, const char *lat,
    int report, int ctl_fd)
{
	struct harness_reader	 ctl;
	struct rusage		 ru;
	struct client		*c;
	struct event		 e;
	double			 cpu0;
	char			*cause = NULL, *line;
	int64_t			 seq, t0, t1, *us, pace;
	int			 i, acks, refused, rc, fd, n = 0, ncmds;
	int			 team = k / PER_TEAM;

	alarm(900);
	harness_reader_init(&ctl, ctl_fd);
	if (client_open(path, roster.team[team], code,
	    roster.candidate[team][k % PER_TEAM], &c, &cause) == -1) {
		harness_say(report, "fail %s", cause);
		_exit(1);
	}
	harness_say(report, "ready %" PRId64, harness_us());
	us = NULL;
	for (;;) {
		if (client_poll(c, 20) == -1)
			_exit(1);
		if ((line = harness_reader_line(&ctl, 0)) == NULL) {
			if (ctl.eof)
				break;
			continue;
		}
		if (sscanf(line, "go %" SCNd64 " %d", &pace, &ncmds) != 2)
			continue;
		us = xreallocarray(us, (size_t)ncmds, sizeof *us);
		acks = refused = 0;
		getrusage(RUSAGE_SELF, &ru);
		cpu0 = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec /
		    1e6 + (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec /
		    1e6;
		t0 = harness_us();
		for (i = 0; i < ncmds; i++, n++) {
			/* Paced: the consoles' phases spread over a period. */
			while (pace > 0 && harness_us() < t0 + pace * i + pace *
			    k / CONSOLES)
				client_poll(c, (int)((t0 + pace * i + pace * k /
				    CONSOLES - harness_us()) / 1000 + 1));
			agent_command(c, k, n, &e);
			t1 = harness_us();
			rc = client_submit(c, &e, 30000, &seq, &cause);
			us[i] = harness_us() - t1;
			acks += rc == 1;
			refused += rc == 0;
			free(cause);
			cause = NULL;
			event_release(&e);
		}
		t1 = harness_us();
		if ((fd = open(lat, O_WRONLY | O_CREAT | O_TRUNC, 0644)) != -1) {
			if (write(fd, us, (size_t)ncmds * sizeof *us) == -1)
				acks = 0;
			close(fd);
		}
		getrusage(RUSAGE_SELF, &ru);
		harness_say(report, "done %d %d %" PRId64 " %" PRId64 " %.6f",
		    acks, refused, t0, t1, (double)ru.ru_utime.tv_sec +
		    (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec
		    + (double)ru.ru_stime.tv_usec / 1e6 - cpu0);
	}
	client_close(c);
	harness_reader_release(&ctl);
	free(us);
	_exit(0);
}

static int
cmp64(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* The next line of an agent, waiting up to timeout_s; NULL if none. */
static char *
agent_line(struct agent *a, int timeout_s)
{
	int64_t	 limit = harness_us() + (int64_t)timeout_s * 1000000;
	char	*line;

	while ((line = harness_reader_line(&a->r, 200)) == NULL)
		if (a->r.eof || harness_us() > limit)
			return NULL;
	return line;
}

static void
agents_stop(struct agent *ag, int n)
{
	int	 k, status;

	for (k = 0; k < n; k++)
		close(ag[k].ctl);
	for (k = 0; k < n; k++) {
		while (waitpid(ag[k].pid, &status, 0) == -1 && errno == EINTR)
			;
		close(ag[k].report);
		harness_reader_release(&ag[k].r);
	}
}

/*
 * Forks the 32 consoles on the session served by h and waits until each
 * joined: how many did, and *last the µs from the fork of the first until
 * the last join.
 */
static int
agents_start(struct agent *ag, const char *path, const char *dir,
    const struct harness_host *h, int64_t *last)
{
	char	*lat, *line;
	int	 k, j, rep[2], ctl[2], joined = 0;
	int64_t	 t0 = harness_us(), t;

	*last = 0;
	for (k = 0; k < CONSOLES; k++) {
		if (pipe(rep) == -1 || pipe(ctl) == -1)
			exit(1);
		fflush(stdout);
		lat = xasprintf("%s/lat-%d", dir, k);
		if ((ag[k].pid = fork()) == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			for (j = 0; j < k; j++) {
				close(ag[j].report);
				close(ag[j].ctl);
			}
			close(rep[0]);
			close(ctl[1]);
			agent_main(k, path, h->personal[k / PER_TEAM][k %
			    PER_TEAM], lat, rep[1], ctl[0]);
		}
		free(lat);
		close(rep[1]);
		close(ctl[0]);
		ag[k].report = rep[0];
		ag[k].ctl = ctl[1];
		harness_reader_init(&ag[k].r, rep[0]);
	}
	for (k = 0; k < CONSOLES; k++) {
		line = agent_line(&ag[k], 120);
		if (line != NULL && sscanf(line, "ready %" SCNd64, &t) == 1) {
			joined++;
			*last = t - t0 > *last ? t - t0 : *last;
		} else
			fprintf(stderr, "bench_host : console %d : %s\n", k,
			    line != NULL ? line : "muette");
	}
	return joined;
}

/* CPU seconds (user + system) process pid has used so far. */
static double
cpu_of(pid_t pid)
{
	char	 path[64], buf[1024], *p;
	unsigned long utime = 0, stime = 0;
	FILE	*f;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	/* After "(comm)", which may hold spaces: fields 14 and 15. */
	if (fgets(buf, sizeof buf, f) != NULL && (p = strrchr(buf, ')')) !=
	    NULL)
		sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu "
		    "%lu", &utime, &stime);
	fclose(f);
	return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

/*
 * Everyone sends at once: prints "NAME R ACK/S P99_MS ACKED REFUSED
 * HOST_CPU_US" (the host's CPU time per acknowledged command); -1 if a
 * console went silent.
 */
static int
load(struct agent *ag, const char *dir, const char *name, int run,
    int ncmds, pid_t host, int64_t pace)
{
	int64_t	*all, first = INT64_MAX, end = 0, a, b;
	char	*line, *lat;
	int	 k, acks = 0, refused = 0, n, f, fd;
	size_t	 nall = 0;
	double	 cpu = cpu_of(host), mine, consoles = 0;

	for (k = 0; k < CONSOLES; k++)
		harness_say(ag[k].ctl, "go %" PRId64 " %d", pace, ncmds);
	for (k = 0; k < CONSOLES; k++) {
		do
			line = agent_line(&ag[k], 120);
		while (line != NULL && strncmp(line, "done ", 5) != 0);
		if (line == NULL || sscanf(line, "done %d %d %" SCNd64 " %"
		    SCNd64 " %lf", &n, &f, &a, &b, &mine) != 5) {
			fprintf(stderr, "bench_host : console %d muette\n", k);
			return -1;
		}
		acks += n;
		refused += f;
		consoles += mine;
		first = a < first ? a : first;
		end = b > end ? b : end;
	}
	cpu = cpu_of(host) - cpu;
	all = xcalloc((size_t)ncmds * CONSOLES, sizeof *all);
	for (k = 0; k < CONSOLES; k++) {
		lat = xasprintf("%s/lat-%d", dir, k);
		if ((fd = open(lat, O_RDONLY)) != -1) {
			if (read(fd, all + nall, (size_t)ncmds * sizeof *all) ==
			    (ssize_t)((size_t)ncmds * sizeof *all))
				nall += (size_t)ncmds;
			close(fd);
		}
		unlink(lat);
		free(lat);
	}
	qsort(all, nall, sizeof *all, cmp64);
	printf("%s %d %.0f %.2f %d %d %.0f %.0f\n", name, run, (double)acks *
	    1e6 / (double)(end - first), nall > 0 ? (double)all[(nall * 99 +
	    99) / 100 - 1] / 1000 : 0.0, acks, refused, acks > 0 ? cpu * 1e6 /
	    acks : 0.0, acks > 0 ? consoles * 1e6 / acks : 0.0);
	fflush(stdout);
	free(all);
	return 0;
}

/*
 * The history: n events through the session API, as the host journals
 * them (each with a command id), teams in turn taking and dropping their
 * first tool, every eighth a trainer's message to everyone.
 */
static int
history(const char *path, long n, char **cause)
{
	struct session	*ss;
	struct event	 e;
	char		*warning = NULL, id[40], text[80];
	bool		 refused;
	long		 i;
	int		 t;

	if (harness_create_roster(path, "scenarios/lancement-hydra.cfg", 1,
	    &roster, cause) == -1 || session_open(path, true, 0, &ss, &warning,
	    cause) == -1)
		return -1;
	free(warning);
	for (i = 0; i < n; i++) {
		event_init(&e);
		t = (int)(i % TEAMS);
		snprintf(id, sizeof id, "histoire:%ld", i);
		event_set(&e.cmd, id);
		if (i % 8 == 7) {
			event_set(&e.type, "message");
			event_set(&e.actor, GAME_TRAINER);
			snprintf(text, sizeof text, "Message n°%ld : où en "
			    "êtes-vous ?", i);
			record_set_text(&e.data, "texte", text);
		} else {
			event_set(&e.type, "outil");
			event_set(&e.team, roster.team[t]);
			event_set(&e.actor, roster.candidate[t][i % PER_TEAM]);
			record_set_text(&e.data, "outil",
			    ss->scenario->tools[0].id);
			if (ss->game->teams[t].tools[0])
				record_set_text(&e.data, "retirer", "oui");
		}
		if (session_submit(ss, &e, &refused, cause) == -1) {
			event_release(&e);
			session_close(ss);
			return -1;
		}
		event_release(&e);
	}
	session_close(ss);
	return 0;
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

int
main(int argc, char **argv)
{
	struct agent		 ag[CONSOLES];
	struct harness_host	 h;
	const char		*dir;
	char			*hist, *path, *log, *cause = NULL, out[64];
	long			 nhist = 100000;
	int64_t			 last;
	int			 runs = 5, ncmds = 100, r, joined, rc = 1;

	if (argc < 4 || argc > 7) {
		fprintf(stderr, "usage : bench_host PILOTE BENCH_RUN DIR [PASSES "
		    "[COMMANDES [HISTOIRE]]]\n");
		return 2;
	}
	dir = argv[3];
	if (argc >= 5)
		runs = atoi(argv[4]);
	if (argc >= 6)
		ncmds = atoi(argv[5]);
	if (argc >= 7)
		nhist = atol(argv[6]);
	signal(SIGPIPE, SIG_IGN);
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	if (mkdir(dir, 0755) == -1) {
		fprintf(stderr, "bench_host : %s : %s\n", dir, strerror(errno));
		return 2;
	}
	hist = xasprintf("%s/histoire.jsonl", dir);
	log = xasprintf("%s/host.log", dir);
	if (history(hist, nhist, &cause) == -1) {
		fprintf(stderr, "bench_host : %s\n", cause);
		return 1;
	}
	for (r = 0; r < runs; r++) {
		const char *const fs[] = { argv[2], "fsync", "1000", dir, NULL };

		if (harness_run(fs, out, sizeof out, log) != 0)
			goto out;
		printf("fsync %d %s", r, out);
		fflush(stdout);

		path = xasprintf("%s/debut-%d.jsonl", dir, r);
		if (harness_create_roster(path, "scenarios/lancement-hydra.cfg",
		    (uint64_t)r + 1, &roster, &cause) == -1 ||
		    harness_host_start_roster(argv[1], path, log, &roster, &h,
		    &cause) == -1) {
			fprintf(stderr, "bench_host : %s\n", cause);
			goto out;
		}
		joined = agents_start(ag, path, dir, &h, &last);
		if (joined < CONSOLES || load(ag, dir, "start", r, ncmds, h.pid, 0) == -1 ||
		    load(ag, dir, "paced", r, PACED_CMDS, h.pid, PACED_US) == -1) {
			agents_stop(ag, CONSOLES);
			harness_host_stop(&h, SIGKILL);
			goto out;
		}
		agents_stop(ag, CONSOLES);
		harness_host_stop(&h, SIGTERM);
		free(path);

		if (harness_host_start_roster(argv[1], hist, log, &roster, &h,
		    &cause) == -1) {
			fprintf(stderr, "bench_host : %s\n", cause);
			goto out;
		}
		joined = agents_start(ag, hist, dir, &h, &last);
		printf("rejoin %d %d %.2f\n", r, joined, (double)last / 1e6);
		fflush(stdout);
		if (joined < CONSOLES || load(ag, dir, "history", r, ncmds,
		    h.pid, 0) == -1) {
			agents_stop(ag, CONSOLES);
			harness_host_stop(&h, SIGKILL);
			goto out;
		}
		agents_stop(ag, CONSOLES);
		harness_host_stop(&h, SIGTERM);
	}
	rc = 0;
out:
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(hist);
	free(log);
	return rc;
}
