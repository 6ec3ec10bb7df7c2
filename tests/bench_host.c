/*
 * bench_host: the session host's figures, printed, never asserted.
 *
 *   - throughput: `pilote host --headless` and six forked consoles (three
 *     teams of two, a struct client each) sending COMMANDS commands each
 *     at once, each waiting for its acknowledgement before the next, as a
 *     console does: commands acknowledged per second, from the first sent
 *     to the last settled (every one validated, written, fdatasync'ed,
 *     applied and sent to the six consoles);
 *   - latency: then one command at a time, from each console in turn, on
 *     the idle host: the time from client_submit() until each other console
 *     has the new line folded in (in full for its team, masked for the
 *     others), median and 95th percentile, per console and until the last
 *     of the five; and the submitting console's own round trip (ack and
 *     line received).
 *
 * The consoles take their times on CLOCK_MONOTONIC, the same clock in
 * every process.  usage: bench_host PILOTE DIR [COMMANDS [SAMPLES]]
 * (500 and 300).
 */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
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

struct agent {
	pid_t			 pid;
	int			 report, ctl;
	struct harness_reader	 r;
};

static void
agent_command(struct client *c, int k, int i, bool always, struct event *e)
{
	const struct scenario	*s = client_scenario(c);
	const struct team	*t = &client_game(c)->teams[client_team(c)];
	int			 team = k / HARNESS_PER_TEAM;
	char			 text[160];

	event_init(e);
	event_set(&e->actor, harness_candidate[team][k % HARNESS_PER_TEAM]);
	if (always || i % 3 == 0) {
		event_set(&e->type, "mission");
		record_set_text(&e->data, "role", s->roles[i % s->nroles].id);
		record_set_text(&e->data, "candidat", harness_candidate[team][
		    i % HARNESS_PER_TEAM]);
		snprintf(text, sizeof text, "Mission n°%d de la console %d",
		    i, k);
		record_set_text(&e->data, "texte", text);
	} else if (i % 3 == 1) {
		event_set(&e->type, "planifier");
		record_set_text(&e->data, "lot", s->packages[i %
		    s->npackages].id);
		record_set_int(&e->data, "debut", 1 + i % s->weeks);
		record_set_int(&e->data, "fin", s->weeks);
	} else {
		/* Teammates race for the tool: some are refused. */
		event_set(&e->type, "outil");
		record_set_text(&e->data, "outil", s->tools[0].id);
		if (t->tools[0])
			record_set_text(&e->data, "retirer", "oui");
	}
}

static void
agent_main(int k, const char *path, const char *code, int ncmds, int report,
    int ctl_fd)
{
	struct harness_reader	 ctl;
	struct client		*c;
	struct event		 e;
	char			*cause = NULL, *line;
	int64_t			 seq, t0, t1, last;
	int			 i, n = 0, acks = 0, rc;
	int			 team = k / HARNESS_PER_TEAM;

	alarm(600);
	harness_reader_init(&ctl, ctl_fd);
	if (client_open(path, harness_team[team], code,
	    harness_candidate[team][k % HARNESS_PER_TEAM], &c, &cause) == -1) {
		harness_say(report, "fail %s", cause);
		_exit(1);
	}
	harness_say(report, "ready");
	last = client_game(c)->last_seq;
	for (;;) {
		/* Every new line, timed as soon as it is folded in. */
		if (client_poll(c, 20) == -1)
			_exit(1);
		if (client_game(c)->last_seq != last) {
			last = client_game(c)->last_seq;
			harness_say(report, "got %" PRId64 " %" PRId64, last,
			    harness_us());
		}
		if ((line = harness_reader_line(&ctl, 0)) == NULL) {
			if (ctl.eof)
				break;
			continue;
		}
		if (strcmp(line, "go") == 0) {
			t0 = harness_us();
			for (i = 0; i < ncmds; i++) {
				agent_command(c, k, i, false, &e);
				rc = client_submit(c, &e, 10000, &seq, &cause);
				acks += rc == 1;
				free(cause);
				cause = NULL;
				event_release(&e);
			}
			harness_say(report, "done %d %" PRId64 " %" PRId64, acks,
			    t0, harness_us());
			last = client_game(c)->last_seq;
		} else if (strcmp(line, "submit") == 0) {
			agent_command(c, k, n++, true, &e);
			t0 = harness_us();
			rc = client_submit(c, &e, 10000, &seq, &cause);
			t1 = harness_us();
			harness_say(report, "sub %" PRId64 " %" PRId64 " %" PRId64,
			    rc == 1 ? seq : 0, t0, t1);
			free(cause);
			cause = NULL;
			event_release(&e);
			last = client_game(c)->last_seq;
		}
	}
	client_close(c);
	harness_reader_release(&ctl);
	_exit(0);
}

static int
cmp64(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* "médiane M ms, 95e centile P ms" of v (µs), sorted here. */
static void
print_spread(int64_t *v, size_t n)
{
	if (n == 0) {
		printf("aucune mesure");
		return;
	}
	qsort(v, n, sizeof *v, cmp64);
	printf("médiane %.2f ms, 95e centile %.2f ms", (double)v[(n - 1) / 2] /
	    1000, (double)v[(n * 95 + 99) / 100 - 1] / 1000);
}

/* The next line of console k, waiting up to 10 s; NULL if none. */
static char *
agent_line(struct agent *a)
{
	int64_t	 limit = harness_us() + 10 * 1000000;
	char	*line;

	while ((line = harness_reader_line(&a->r, 200)) == NULL)
		if (a->r.eof || harness_us() > limit)
			return NULL;
	return line;
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
	struct agent		 ag[HARNESS_CONSOLES];
	struct harness_host	 h;
	char			*path, *log, *cause = NULL, *line;
	int64_t			*each, *all, *own, first = INT64_MAX, end = 0;
	int64_t			 seq, t0, t1, got, worst, a, b;
	size_t			 neach = 0, nall = 0, nown = 0;
	int			 ncmds = 500, samples = 300, k, j, i, rep[2], ctl[2];
	int			 acks = 0, n, status, seen, rc = 1;

	if (argc < 3 || argc > 5) {
		fprintf(stderr, "usage : bench_host PILOTE DIR [COMMANDES "
		    "[MESURES]]\n");
		return 2;
	}
	if (argc >= 4)
		ncmds = atoi(argv[3]);
	if (argc == 5)
		samples = atoi(argv[4]);
	signal(SIGPIPE, SIG_IGN);
	nftw(argv[2], rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	if (mkdir(argv[2], 0755) == -1) {
		fprintf(stderr, "bench_host : %s : %s\n", argv[2],
		    strerror(errno));
		return 2;
	}
	path = xasprintf("%s/bench.jsonl", argv[2]);
	log = xasprintf("%s/host.log", argv[2]);
	if (harness_create(path, "scenarios/lancement-hydra.cfg", 1, &cause) ==
	    -1 || harness_host_start(argv[1], path, log, &h, &cause) == -1) {
		fprintf(stderr, "bench_host : %s\n", cause);
		return 1;
	}
	for (k = 0; k < HARNESS_CONSOLES; k++) {
		if (pipe(rep) == -1 || pipe(ctl) == -1)
			return 1;
		fflush(stdout);
		if ((ag[k].pid = fork()) == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			for (j = 0; j < k; j++) {
				close(ag[j].report);
				close(ag[j].ctl);
			}
			close(rep[0]);
			close(ctl[1]);
			agent_main(k, path, h.code[k / HARNESS_PER_TEAM], ncmds,
			    rep[1], ctl[0]);
		}
		close(rep[1]);
		close(ctl[0]);
		ag[k].report = rep[0];
		ag[k].ctl = ctl[1];
		harness_reader_init(&ag[k].r, rep[0]);
	}
	for (k = 0; k < HARNESS_CONSOLES; k++)
		if ((line = agent_line(&ag[k])) == NULL || strcmp(line,
		    "ready") != 0) {
			fprintf(stderr, "bench_host : console %d : %s\n", k,
			    line ? line : "muette");
			goto out;
		}

	/* Throughput: everyone at once. */
	for (k = 0; k < HARNESS_CONSOLES; k++)
		harness_say(ag[k].ctl, "go");
	for (k = 0; k < HARNESS_CONSOLES; k++) {
		do
			line = harness_reader_line(&ag[k].r, 60000);
		while (line != NULL && strncmp(line, "done ", 5) != 0);
		if (line == NULL || sscanf(line, "done %d %" SCNd64 " %" SCNd64,
		    &n, &a, &b) != 3) {
			fprintf(stderr, "bench_host : console %d muette\n", k);
			goto out;
		}
		acks += n;
		first = a < first ? a : first;
		end = b > end ? b : end;
	}
	printf("hôte de session : %d commandes de %d consoles concurrentes "
	    "en %.0f ms : %.0f commandes/s, %.0f acquittées/s (%d acquittées, "
	    "%d refusées)\n", ncmds * HARNESS_CONSOLES, HARNESS_CONSOLES,
	    (double)(end - first) / 1000, (double)ncmds * HARNESS_CONSOLES *
	    1e6 / (double)(end - first), (double)acks * 1e6 /
	    (double)(end - first), acks, ncmds * HARNESS_CONSOLES - acks);
	fflush(stdout);
	/* Let the consoles' last lines arrive, then forget them. */
	usleep(200000);
	for (k = 0; k < HARNESS_CONSOLES; k++)
		while (harness_reader_line(&ag[k].r, 0) != NULL)
			;

	/* Latency: one command at a time, each console in turn. */
	each = xcalloc((size_t)samples * HARNESS_CONSOLES, sizeof *each);
	all = xcalloc((size_t)samples, sizeof *all);
	own = xcalloc((size_t)samples, sizeof *own);
	for (i = 0; i < samples; i++) {
		k = i % HARNESS_CONSOLES;
		harness_say(ag[k].ctl, "submit");
		seq = 0;
		do
			line = agent_line(&ag[k]);
		while (line != NULL && sscanf(line, "sub %" SCNd64 " %" SCNd64
		    " %" SCNd64, &seq, &t0, &t1) != 3);
		if (line == NULL || seq == 0) {
			fprintf(stderr, "bench_host : commande %d : %s\n", i,
			    line ? line : "pas de réponse");
			goto out;
		}
		own[nown++] = t1 - t0;
		worst = 0;
		for (j = 0; j < HARNESS_CONSOLES; j++) {
			if (j == k)
				continue;
			seen = 0;
			while (!seen && (line = agent_line(&ag[j])) != NULL)
				if (sscanf(line, "got %" SCNd64 " %" SCNd64, &a,
				    &got) == 2 && a >= seq)
					seen = 1;
			if (!seen) {
				fprintf(stderr, "bench_host : la console %d n'a "
				    "pas reçu l'événement %" PRId64 "\n", j, seq);
				goto out;
			}
			each[neach++] = got - t0;
			worst = got - t0 > worst ? got - t0 : worst;
		}
		all[nall++] = worst;
	}
	printf("hôte de session : latence d'une commande à chaque autre "
	    "console (%d commandes l'une après l'autre × %d consoles) : ",
	    samples, HARNESS_CONSOLES - 1);
	print_spread(each, neach);
	printf("\nhôte de session : latence jusqu'à la dernière des %d autres "
	    "consoles : ", HARNESS_CONSOLES - 1);
	print_spread(all, nall);
	printf("\nhôte de session : aller-retour de la console qui commande "
	    "(acquittement et ligne reçus) : ");
	print_spread(own, nown);
	printf("\n");
	free(each);
	free(all);
	free(own);
	rc = 0;
out:
	for (k = 0; k < HARNESS_CONSOLES; k++) {
		close(ag[k].ctl);
		while (waitpid(ag[k].pid, &status, 0) == -1 && errno == EINTR)
			;
		close(ag[k].report);
		harness_reader_release(&ag[k].r);
	}
	harness_host_stop(&h, SIGTERM);
	nftw(argv[2], rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(path);
	free(log);
	return rc;
}
