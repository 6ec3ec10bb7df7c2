/*
 * host_load: the session host and its consoles as separate processes,
 * under load, killed, and spied on at the socket.
 *
 *   1. load: a session of three teams of two, `pilote host --headless`,
 *      six forked consoles (one per candidate, struct client each) sending
 *      COMMANDS commands each, all at once: rétroplanning moves, missions,
 *      a tool taken and dropped (two teammates racing for it get refusals:
 *      counted, expected).  Every console reports each acknowledged command
 *      id with its seq, and each refused id, on a pipe.  Then: every
 *      acknowledged id is in the journal exactly once, at its seq; no id
 *      appears twice; no refused id was written; every journal line was
 *      acknowledged to someone; every console's team hash (its own fold of
 *      what the host sent it, other teams' lines masked) equals the
 *      journal's for its team, and `pilote show --team` prints the same;
 *      `pilote verify` passes; the host stops cleanly on SIGTERM.
 *   2. kill: the same traffic, but the host is SIGKILLed twice in the middle
 *      (after a third and two thirds of the acknowledgements) and restarted
 *      on the same session; the consoles, whose commands stay pending,
 *      reconnect by themselves and resend them under the same ids (the
 *      test only waits with client_wait(), never submits again).  Same
 *      checks: nothing acknowledged lost, nothing doubled.  The join codes
 *      are the same after a restart.
 *   3. privacy: wrong join codes, a team code used by the trainer, a
 *      candidate of another team, an old protocol version, a command before
 *      the hello: each gets one "error" line and the host hangs up, nothing
 *      is written, `pilote do` with a wrong code exits 77.  Then the
 *      trainer (through `pilote do --trainer`, hence the host) opens
 *      piloting and asks team Bravo alone for a status point, Bravo renders
 *      it, Alpha renders its own, the trainer notes something on Alpha and
 *      messages Bravo: a raw connection speaking the protocol as Alpha,
 *      joined before (live broadcast) and another joined after (catch-up),
 *      read every line the host sends: Bravo's request, point and decisions
 *      and the trainer's note arrive only as "masked" lines (seq and time,
 *      nothing else), no line contains any of their texts, Alpha's own
 *      lines and the public ones arrive in full; the same from Bravo's side,
 *      and a struct client of each team folds to the journal's team hash.
 *      The bytes too: each line a console gets in full is the journal's
 *      own B, the trainer gets every line so, a console catching up gets
 *      byte for byte what one connected all along got live, and one that
 *      takes runs of masked lines gets the same lines once unfolded.
 *      Then resends at the socket: a command resent under its id, on the
 *      same connection and after the host was SIGKILLed and restarted, is
 *      acknowledged with its first seq and written once, while the same
 *      command under a new id is judged anew; and a console left idle
 *      while the host dies, then used (its first write hits a dead socket),
 *      neither dies of SIGPIPE nor loses the command.
 *   4. security: who acts comes from the connection.  A raw connection
 *      with Alpha's team code sends the trainer's commands (ouvrir_pilotage,
 *      message, note on a Bravo candidate, a 90 000 € incident for Bravo,
 *      pause, cloturer_semaine) as "formateur": each refused, none written,
 *      each in the host's alerts (its stderr).  On that shared console a
 *      teammate's name is written as declared, another team's candidate or
 *      "formateur" refused and reported, "by" accepted only as the actor's
 *      declared assistant.  With Léa's personal code: Léa alone, nothing
 *      declared, her code refused for Noé (and reported); `pilote do` with
 *      a personal code and with the team's.  The header a console gets
 *      names its own team's candidates and accommodations only (the other
 *      teams by name and candidates_count), without seed nor key; a pause
 *      written "equipe=Bravo" still reaches Alpha (the commands table
 *      says who sees what, not the data), a message to Bravo does not;
 *      and Alpha's fold still equals the host's.  300 connections that never say
 *      hello: a console joins within 2 s, `pilote do` goes through, all of
 *      them are closed (3 s, or earlier to make room).  As root, the
 *      account nobody gets 16 connections, no more, and never the
 *      trainer's, even with the trainer's code.  50 wrong codes at once on
 *      a fresh host: each answered and hung up, later and later (the last
 *      after about HOST_SLOW_MAX_MS), a good code meanwhile not held up,
 *      and "50 code(s) erroné(s)" reported.
 *
 * usage (from the repository's root): host_load PILOTE DIR [COMMANDS]
 * (500 per console: 3,000 in all).
 * HOST_LOAD_SEED replays the draws; HOST_LOAD_SCENARIO changes the load
 * tests' scenario (scenarios/lancement-hydra.cfg).  A failed run's files
 * stay in DIR.  Last line: "host load: N passed, M failed".
 */
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/game.h"
#include "io/client.h"
#include "io/host.h"
#include "io/scenario_load.h"
#include "io/session.h"
#include "util/xalloc.h"

#include "host_harness.h"

#define WAIT_MS		250	/* client_submit / client_wait slices: an
				   ack takes a millisecond, a restart more */
#define SETTLE_S	60	/* a pending command must settle by then */
#define RUN_S		150	/* a whole load run */

static int	 passed, failed;
static uint64_t	 seed;

static void check(bool, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
check(bool ok, const char *fmt, ...)
{
	va_list	 ap;

	if (ok) {
		passed++;
		return;
	}
	failed++;
	printf("ÉCHEC : ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

/* A fresh directory for one run under dir; removed if the run passed. */
static char *
run_dir(const char *dir, const char *name)
{
	char	*d = xasprintf("%s/%s", dir, name);

	nftw(d, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	if (mkdir(d, 0755) == -1) {
		fprintf(stderr, "host_load : %s : %s\n", d, strerror(errno));
		exit(2);
	}
	return d;
}

static void
run_dir_done(char *d, int failed_before)
{
	if (failed == failed_before)
		nftw(d, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	else
		printf("(fichiers gardés dans %s)\n", d);
	free(d);
}

/* --- a console in its own process ------------------------------------ */

struct agent {
	pid_t			 pid;
	int			 team;
	int			 report, ctl;	/* parent's ends */
	struct harness_reader	 r;
	bool			 hashed, gone;
	char			 hash[65];	/* its team's, at hash_seq */
	int64_t			 hash_seq;
	int			 acks, refs;
};

/* The i-th command of console k: what the engine accepts many times. */
static void
agent_command(struct client *c, int k, int i, uint64_t *rng, struct event *e)
{
	const struct scenario	*s = client_scenario(c);
	const struct team	*t = &client_game(c)->teams[client_team(c)];
	int			 team = k / HARNESS_PER_TEAM;
	int			 draw = (int)(harness_rng(rng) % 10), a, b, tool;
	char			 buf[256];

	event_init(e);
	event_set(&e->actor, harness_candidate[team][k % HARNESS_PER_TEAM]);
	if (draw < 4) {
		event_set(&e->type, "planifier");
		record_set_text(&e->data, "lot", s->packages[harness_rng(rng) %
		    (uint64_t)s->npackages].id);
		a = 1 + (int)(harness_rng(rng) % (uint64_t)s->weeks);
		b = a + (int)(harness_rng(rng) % (uint64_t)(s->weeks - a + 1));
		if (draw == 0) {
			/* Refused by the rules: the start after the end. */
			record_set_int(&e->data, "debut", s->weeks);
			record_set_int(&e->data, "fin", 1);
		} else if (draw == 1) {
			snprintf(buf, sizeof buf, "S-%d", s->weeks - a);
			record_set_text(&e->data, "debut", buf);
			snprintf(buf, sizeof buf, "S-%d", s->weeks - b);
			record_set_text(&e->data, "fin", buf);
		} else {
			record_set_int(&e->data, "debut", a);
			record_set_int(&e->data, "fin", b);
		}
	} else if (draw < 6) {
		event_set(&e->type, "mission");
		record_set_text(&e->data, "role", s->roles[harness_rng(rng) %
		    (uint64_t)s->nroles].id);
		record_set_text(&e->data, "candidat", harness_candidate[team][
		    harness_rng(rng) % HARNESS_PER_TEAM]);
		snprintf(buf, sizeof buf, "Mission n°%d de la console %d : "
		    "coordonner l'équipe, arbitrer « vite » et rendre compte",
		    i, k);
		record_set_text(&e->data, "texte", buf);
	} else {
		/* Take the tool if this console believes it free, else drop
		 * it: the teammate does the same at the same time. */
		tool = (int)(harness_rng(rng) % (uint64_t)(s->ntools < 2 ?
		    s->ntools : 2));
		event_set(&e->type, "outil");
		record_set_text(&e->data, "outil", s->tools[tool].id);
		if (t->tools[tool])
			record_set_text(&e->data, "retirer", "oui");
	}
}

static void
agent_fail(int report, const char *what, const char *cause)
{
	harness_say(report, "fail %s : %s", what, cause ? cause : "?");
	_exit(1);
}

/* Waits for an order on the control pipe, the console kept alive. */
static char *
agent_order(struct client *c, struct harness_reader *ctl, int report)
{
	char	*line;

	for (;;) {
		if ((line = harness_reader_line(ctl, 0)) != NULL)
			return line;
		if (ctl->eof)
			_exit(3);
		if (client_poll(c, 20) == -1)
			agent_fail(report, "console", "refusée par l'hôte");
	}
}

static void
agent_main(int k, const char *path, const char *code, int ncmds, int report,
    int ctl_fd)
{
	struct harness_reader	 ctl;
	struct client		*c;
	struct event		 e;
	char			*cause = NULL, *line, id[64], hash[65];
	uint64_t		 rng;
	int64_t			 seq = 0, want, limit;
	int			 i, rc, team = k / HARNESS_PER_TEAM;
	bool			 pending;

	alarm(RUN_S + 60);
	rng = seed ^ 0x5851f42d4c957f2dULL * (uint64_t)(k + 1);
	harness_reader_init(&ctl, ctl_fd);
	if (client_open(path, harness_team[team], code,
	    harness_candidate[team][k % HARNESS_PER_TEAM], &c, &cause) == -1)
		agent_fail(report, "client_open", cause);
	harness_say(report, "ready");
	line = agent_order(c, &ctl, report);
	if (strcmp(line, "go") != 0)
		_exit(3);
	for (i = 0; i < ncmds; i++) {
		agent_command(c, k, i, &rng, &e);
		rc = client_submit(c, &e, WAIT_MS, &seq, &cause);
		snprintf(id, sizeof id, "%s", client_last_id(c));
		limit = harness_us() + (int64_t)SETTLE_S * 1000000;
		pending = rc == -1;
		/* Pending (host gone): the console resends it by itself under
		 * the same id; we only wait for its fate. */
		while (rc == -1 && harness_us() < limit) {
			if (client_poll(c, 0) == -1)
				agent_fail(report, id, cause);
			free(cause);
			cause = NULL;
			rc = client_wait(c, id, WAIT_MS, &seq, &cause);
		}
		if (rc == 1)
			harness_say(report, "ack %s %" PRId64 " %d", id, seq,
			    pending);
		else if (rc == 0)
			harness_say(report, "ref %s", id);
		else
			agent_fail(report, id, cause);
		free(cause);
		cause = NULL;
		event_release(&e);
	}
	if (client_pending(c) != 0)
		agent_fail(report, "fin", "des commandes restent en attente");
	harness_say(report, "done");
	line = agent_order(c, &ctl, report);
	if (sscanf(line, "sync %" SCNd64, &want) != 1)
		_exit(3);
	limit = harness_us() + 30 * 1000000;
	while (client_game(c)->last_seq < want && harness_us() < limit)
		if (client_poll(c, 100) == -1)
			agent_fail(report, "sync", "refusée par l'hôte");
	session_team_hash(client_game(c), client_team(c), hash);
	harness_say(report, "hash %s %" PRId64, hash, client_game(c)->last_seq);
	client_close(c);
	harness_reader_release(&ctl);
	_exit(0);
}

static int
agents_start(struct agent *ag, int n, const char *path,
    const struct harness_host *h, int ncmds)
{
	int	 k, j, rep[2], ctl[2];

	for (k = 0; k < n; k++) {
		memset(&ag[k], 0, sizeof ag[k]);
		ag[k].team = k / HARNESS_PER_TEAM;
		if (pipe(rep) == -1 || pipe(ctl) == -1)
			return -1;
		fflush(stdout);
		if ((ag[k].pid = fork()) == -1)
			return -1;
		if (ag[k].pid == 0) {
			/* Only its own pipes: the parent sees each EOF. */
			for (j = 0; j < k; j++) {
				close(ag[j].report);
				close(ag[j].ctl);
			}
			close(rep[0]);
			close(ctl[1]);
			/* As in `pilote join`: a write to a host that died
			 * must not kill the console. */
			signal(SIGPIPE, SIG_DFL);
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			agent_main(k, path, h->code[ag[k].team], ncmds, rep[1],
			    ctl[0]);
		}
		close(rep[1]);
		close(ctl[0]);
		ag[k].report = rep[0];
		ag[k].ctl = ctl[1];
		harness_reader_init(&ag[k].r, ag[k].report);
	}
	return 0;
}

static void
agents_reap(struct agent *ag, int n)
{
	int	 k, status = -1;

	for (k = 0; k < n; k++) {
		if (ag[k].pid > 0) {
			if (!ag[k].hashed)
				kill(ag[k].pid, SIGKILL);
			while (waitpid(ag[k].pid, &status, 0) == -1 &&
			    errno == EINTR)
				;
			check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			    "console %d : sortie anormale (statut %d)", k,
			    status);
		}
		close(ag[k].report);
		close(ag[k].ctl);
		harness_reader_release(&ag[k].r);
	}
}

/* --- what the consoles reported, and the journal --------------------- */

struct idseq {
	char	*id;
	int64_t	 seq;
	int	 who;		/* console, or -1 */
};

struct idlist {
	struct idseq	*v;
	size_t		 n, cap;
};

static void
idlist_add(struct idlist *l, const char *id, int64_t seq, int who)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 1024;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	l->v[l->n].id = xstrdup(id);
	l->v[l->n].seq = seq;
	l->v[l->n++].who = who;
}

static void
idlist_free(struct idlist *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].id);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static int
idseq_cmp(const void *a, const void *b)
{
	return strcmp(((const struct idseq *)a)->id,
	    ((const struct idseq *)b)->id);
}

static const struct idseq *
idlist_find(const struct idlist *l, const char *id)
{
	struct idseq	 key = { (char *)(uintptr_t)id, 0, 0 };

	return bsearch(&key, l->v, l->n, sizeof *l->v, idseq_cmp);
}

/* Sorts; the number of ids that appear more than once (each named). */
static int
idlist_sort_dups(struct idlist *l, const char *what)
{
	size_t	 i;
	int	 dups = 0;

	qsort(l->v, l->n, sizeof *l->v, idseq_cmp);
	for (i = 1; i < l->n; i++)
		if (strcmp(l->v[i].id, l->v[i - 1].id) == 0) {
			if (dups++ < 5)
				printf("  %s : %s deux fois (seq %" PRId64
				    " et %" PRId64 ")\n", what, l->v[i].id,
				    l->v[i - 1].seq, l->v[i].seq);
		}
	return dups;
}

/* The line "Empreinte de l'équipe NAME : HASH" of `pilote show --team`. */
static bool
show_team_hash(const char *bin, const char *path, const char *team,
    char out[65])
{
	char		 buf[65536], *p, *want;
	const char	*argv[] = { bin, "show", path, "--team", team, NULL };

	if (harness_run(argv, buf, sizeof buf, NULL) != 0)
		return false;
	want = xasprintf("Empreinte de l'équipe %s : ", team);
	p = strstr(buf, want);
	if (p != NULL && strlen(p + strlen(want)) >= 64) {
		memcpy(out, p + strlen(want), 64);
		out[64] = '\0';
	}
	free(want);
	return p != NULL;
}

static void
verify_passes(const char *bin, const char *path, size_t lines)
{
	char		 buf[4096], *want;
	const char	*argv[] = { bin, "verify", path, NULL };
	int		 rc = harness_run(argv, buf, sizeof buf, NULL);

	want = xasprintf("intact, %zu lignes", lines);
	check(rc == 0 && strstr(buf, want) != NULL, "pilote verify %s : code "
	    "%d, « %s » attendu, lu : %s", path, rc, want, buf);
	free(want);
}

/* The journal against what the consoles were told. */
static void
journal_checks(const char *bin, const char *path, struct agent *ag,
    struct idlist *acks, struct idlist *refs, int ncmds)
{
	struct session	*ss;
	struct idlist	 lines = { 0 };
	const struct idseq *f;
	const json_t	*o;
	char		*warning = NULL, *cause = NULL, hash[65], shown[65];
	size_t		 i, n, lost = 0, moved = 0, written = 0;
	int		 k, t, dups;

	if (session_open(path, false, 0, &ss, &warning, &cause) == -1) {
		check(false, "%s ne se rouvre pas : %s", path, cause);
		free(cause);
		return;
	}
	check(warning == NULL, "%s : %s", path, warning);
	free(warning);
	n = journal_count(ss->journal);
	for (i = 1; i < n; i++) {
		o = journal_get(ss->journal, i);
		if (json_is_string(json_object_get(o, "cmd")))
			idlist_add(&lines, json_string_value(json_object_get(o,
			    "cmd")), (int64_t)i, -1);
	}
	check(lines.n == n - 1, "%zu lignes du journal sans id de commande",
	    n - 1 - lines.n);
	dups = idlist_sort_dups(&lines, "journal");
	check(dups == 0, "%d id(s) en double dans le journal", dups);
	dups = idlist_sort_dups(acks, "acquittements");
	check(dups == 0, "%d id(s) acquittés deux fois", dups);
	for (i = 0; i < acks->n; i++) {
		if ((f = idlist_find(&lines, acks->v[i].id)) == NULL) {
			if (lost++ < 5)
				printf("  %s acquitté (seq %" PRId64 ") mais "
				    "absent du journal\n", acks->v[i].id,
				    acks->v[i].seq);
		} else if (f->seq != acks->v[i].seq && moved++ < 5)
			printf("  %s acquitté en seq %" PRId64 ", ligne %"
			    PRId64 " du journal\n", acks->v[i].id,
			    acks->v[i].seq, f->seq);
	}
	check(lost == 0, "%zu commande(s) acquittée(s) perdue(s)", lost);
	check(moved == 0, "%zu commande(s) à une autre place que leur seq "
	    "acquitté", moved);
	check(acks->n == n - 1, "%zu acquittements pour %zu lignes du journal",
	    acks->n, n - 1);
	for (i = 0; i < refs->n; i++)
		if (idlist_find(&lines, refs->v[i].id) != NULL && written++ < 5)
			printf("  %s refusé mais écrit\n", refs->v[i].id);
	check(written == 0, "%zu commande(s) refusée(s) pourtant écrites",
	    written);
	for (k = 0; k < HARNESS_CONSOLES; k++) {
		check(ag[k].acks + ag[k].refs == ncmds, "console %d : %d "
		    "acquittées + %d refusées sur %d", k, ag[k].acks,
		    ag[k].refs, ncmds);
		session_team_hash(ss->game, ag[k].team, hash);
		check(ag[k].hashed && strcmp(hash, ag[k].hash) == 0 &&
		    ag[k].hash_seq == (int64_t)n - 1, "console %d (%s) : "
		    "empreinte %s à l'événement %" PRId64 ", l'hôte : %s à %zu",
		    k, harness_team[ag[k].team], ag[k].hash, ag[k].hash_seq,
		    hash, n - 1);
	}
	for (t = 0; t < HARNESS_TEAMS; t++) {
		session_team_hash(ss->game, t, hash);
		shown[0] = '\0';
		check(show_team_hash(bin, path, harness_team[t], shown) &&
		    strcmp(shown, hash) == 0, "pilote show --team %s : "
		    "empreinte « %s », attendu %s", harness_team[t], shown,
		    hash);
	}
	session_close(ss);
	idlist_free(&lines);
	verify_passes(bin, path, n);
}

/* --- tests 1 and 2 ---------------------------------------------------- */

static void
load_run(const char *bin, const char *dir, const char *scenario, int ncmds,
    int kills)
{
	struct agent		 ag[HARNESS_CONSOLES];
	struct harness_host	 h, again;
	struct idlist		 acks = { 0 }, refs = { 0 };
	struct pollfd		 pfd[HARNESS_CONSOLES];
	char			*d, *path, *log, *cause = NULL, *line;
	char			 id[64], hash[65];
	int			 k, t, ready = 0, done = 0, hashed = 0, killed = 0;
	int			 before = failed, status, pending;
	int			 pendings = 0;
	int64_t			 seq, max_seq = 0, start, limit, ms;
	size_t			 next_kill;

	d = run_dir(dir, kills ? "kill" : "load");
	path = xasprintf("%s/classe.jsonl", d);
	log = xasprintf("%s/host.log", d);
	if (harness_create(path, scenario, seed, &cause) == -1 ||
	    harness_host_start(bin, path, log, &h, &cause) == -1) {
		check(false, "mise en place : %s", cause);
		free(cause);
		goto out;
	}
	if (agents_start(ag, HARNESS_CONSOLES, path, &h, ncmds) == -1) {
		check(false, "fork : %s", strerror(errno));
		harness_host_stop(&h, SIGKILL);
		goto out;
	}
	next_kill = (size_t)ncmds * HARNESS_CONSOLES / (size_t)(kills + 1);
	start = harness_us();
	limit = start + (int64_t)RUN_S * 1000000;
	while (hashed < HARNESS_CONSOLES && harness_us() < limit) {
		for (k = 0; k < HARNESS_CONSOLES; k++) {
			pfd[k].fd = ag[k].gone ? -1 : ag[k].report;
			pfd[k].events = POLLIN;
		}
		if (poll(pfd, HARNESS_CONSOLES, 200) == -1 && errno != EINTR)
			break;
		for (k = 0; k < HARNESS_CONSOLES; k++) {
			if (ag[k].gone)
				continue;
			while ((line = harness_reader_line(&ag[k].r, 0)) !=
			    NULL) {
				if (strcmp(line, "ready") == 0) {
					if (++ready < HARNESS_CONSOLES)
						continue;
					start = harness_us();
					for (t = 0; t < HARNESS_CONSOLES; t++)
						harness_say(ag[t].ctl, "go");
				} else if (sscanf(line, "ack %63s %" SCNd64
				    " %d", id, &seq, &pending) == 3) {
					idlist_add(&acks, id, seq, k);
					ag[k].acks++;
					pendings += pending;
					if (seq > max_seq)
						max_seq = seq;
				} else if (sscanf(line, "ref %63s", id) == 1) {
					idlist_add(&refs, id, 0, k);
					ag[k].refs++;
				} else if (strcmp(line, "done") == 0) {
					if (++done < HARNESS_CONSOLES)
						continue;
					for (t = 0; t < HARNESS_CONSOLES; t++)
						harness_say(ag[t].ctl,
						    "sync %" PRId64, max_seq);
				} else if (sscanf(line, "hash %64s %" SCNd64,
				    hash, &seq) == 2) {
					memcpy(ag[k].hash, hash, 65);
					ag[k].hash_seq = seq;
					ag[k].hashed = true;
					hashed++;
				} else
					check(false, "console %d : %s", k,
					    line);
			}
			if (ag[k].r.eof && !ag[k].hashed) {
				ag[k].gone = true;
				check(false, "console %d partie avant la fin", k);
			}
		}
		if (killed < kills && acks.n >= next_kill * (size_t)(killed +
		    1)) {
			/* In the middle of the traffic: no goodbye. */
			status = harness_host_stop(&h, SIGKILL);
			check(WIFSIGNALED(status) && WTERMSIG(status) ==
			    SIGKILL, "l'hôte n'est pas mort de SIGKILL");
			killed++;
			printf("  hôte tué (SIGKILL) après %zu acquittements\n",
			    acks.n);
			usleep((useconds_t)(harness_rng(&seed) % 200000));
			if (harness_host_start(bin, path, log, &again,
			    &cause) == -1) {
				check(false, "redémarrage de l'hôte : %s", cause);
				free(cause);
				break;
			}
			for (t = 0; t < HARNESS_TEAMS; t++)
				check(strcmp(again.code[t], h.code[t]) == 0,
				    "code de %s changé au redémarrage : %s, "
				    "puis %s", harness_team[t], h.code[t],
				    again.code[t]);
			h = again;
		}
		if (ready < HARNESS_CONSOLES && done == 0 && harness_us() >
		    start + 30 * 1000000)
			break;
	}
	ms = (harness_us() - start) / 1000;
	check(hashed == HARNESS_CONSOLES, "%d console(s) sur %d au bout "
	    "(prêtes %d, finies %d, %zu acquittements)", hashed,
	    HARNESS_CONSOLES, ready, done, acks.n);
	check(killed == kills, "l'hôte tué %d fois sur %d", killed, kills);
	/* Each kill leaves the consoles' commands of the moment pending. */
	check(kills == 0 || pendings > 0, "aucune commande restée en attente "
	    "malgré %d arrêt(s) de l'hôte", kills);
	agents_reap(ag, HARNESS_CONSOLES);
	status = harness_host_stop(&h, SIGTERM);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "l'hôte ne "
	    "s'arrête pas proprement sur SIGTERM (statut %d)", status);
	printf("  %zu commandes acquittées (dont %d restées en attente, "
	    "renvoyées à la reconnexion), %zu refusées (équipiers en "
	    "concurrence, règles), %" PRId64 " ms\n", acks.n, pendings,
	    refs.n, ms);
	if (hashed == HARNESS_CONSOLES)
		journal_checks(bin, path, ag, &acks, &refs, ncmds);
out:
	idlist_free(&acks);
	idlist_free(&refs);
	free(path);
	free(log);
	run_dir_done(d, before);
}

/* --- test 3: join codes and what a team sees at the socket ------------ */

static int
raw_connect(const char *path)
{
	struct sockaddr_un	 sa;
	char			*sock = host_socket_path(path);
	int			 fd;

	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", sock);
	free(sock);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

static void
raw_send(int fd, const char *text)
{
	size_t	 n = strlen(text);
	ssize_t	 w;

	while (n > 0) {
		if ((w = write(fd, text, n)) <= 0)
			return;
		text += w;
		n -= (size_t)w;
	}
}

static void
raw_hello(int fd, const char *team, const char *code, const char *as)
{
	json_t	*o = json_pack("{s:s,s:i,s:s,s:s,s:s,s:i}", "type", "hello",
	    "version", 1, "team", team, "code", code, "as", as, "since", 0);
	char	*s = json_dumps(o, JSON_COMPACT);

	raw_send(fd, s);
	raw_send(fd, "\n");
	free(s);
	json_decref(o);
}

/* Sends text, then expects exactly one "error" and the host hanging up. */
static void
refused_at_hello(const char *path, const char *what, const char *text)
{
	struct harness_reader	 r;
	json_t			*o;
	int			 fd = raw_connect(path), errors = 0, others = 0;
	int64_t			 limit = harness_us() + 10 * 1000000;
	char			*line;

	if (fd == -1) {
		check(false, "%s : pas de connexion", what);
		return;
	}
	raw_send(fd, text);
	harness_reader_init(&r, fd);
	while (!r.eof && harness_us() < limit) {
		if ((line = harness_reader_line(&r, 200)) == NULL)
			continue;
		o = json_loads(line, 0, NULL);
		if (strcmp(json_string_value(json_object_get(o, "type")) ?
		    json_string_value(json_object_get(o, "type")) : "",
		    "error") == 0)
			errors++;
		else
			others++;
		json_decref(o);
	}
	check(r.eof && errors == 1 && others == 0, "%s : %d erreur(s), %d "
	    "autre(s) ligne(s), %s", what, errors, others, r.eof ?
	    "connexion fermée" : "connexion toujours ouverte");
	harness_reader_release(&r);
	close(fd);
}

static size_t
journal_lines(const char *path)
{
	struct session	*ss;
	char		*cause = NULL, *warning = NULL;
	size_t		 n;

	if (session_open(path, false, 0, &ss, &warning, &cause) == -1) {
		free(cause);
		return 0;
	}
	free(warning);
	n = journal_count(ss->journal);
	session_close(ss);
	return n;
}

/*
 * Sends a command under an id on a joined raw connection: the seq of its
 * ack, 0 if refused, -1 if no answer.
 */
static int64_t
raw_command(struct harness_reader *r, const char *id, const char *event)
{
	json_t		*o;
	const char	*type;
	char		*text, *line;
	int64_t		 rc = -1, limit = harness_us() + 10 * 1000000;

	text = xasprintf("{\"type\":\"command\",\"id\":\"%s\",\"event\":%s}\n",
	    id, event);
	raw_send(r->fd, text);
	free(text);
	while (rc == -1 && !r->eof && harness_us() < limit) {
		if ((line = harness_reader_line(r, 200)) == NULL)
			continue;
		o = json_loads(line, 0, NULL);
		type = json_string_value(json_object_get(o, "type"));
		if (type != NULL && json_is_string(json_object_get(o, "id")) &&
		    strcmp(json_string_value(json_object_get(o, "id")), id) == 0) {
			if (strcmp(type, "ack") == 0)
				rc = json_integer_value(json_object_get(o,
				    "seq"));
			else if (strcmp(type, "refused") == 0)
				rc = 0;
		}
		json_decref(o);
	}
	return rc;
}

/*
 * A command resent under its id, on the same connection and after the host
 * was killed and restarted, is acknowledged with its first seq and written
 * once; the same command under a new id is judged anew (refused here).
 */
static void
resend_check(const char *bin, const char *path, const char *log,
    struct harness_host *h, int64_t *last)
{
	struct harness_reader	 r;
	const char		*tool = "{\"type\":\"outil\",\"actor\":"
	    "\"Léa Martin\",\"data\":{\"outil\":\"trello\"}}";
	char			*cause = NULL, *hello;
	int64_t			 first, again, other;
	int			 fd, status;

	fd = raw_connect(path);
	raw_hello(fd, "Alpha", h->code[0], "Léa Martin");
	harness_reader_init(&r, fd);
	first = raw_command(&r, "renvoi:1", tool);
	again = raw_command(&r, "renvoi:1", tool);
	other = raw_command(&r, "renvoi:2", tool);
	check(first == *last + 1 && again == first && other == 0, "renvoi "
	    "sur la même connexion : seq %" PRId64 ", puis %" PRId64 " (%"
	    PRId64 " attendu), même commande sous un autre id : %" PRId64
	    " (refus attendu)", first, again, *last + 1, other);
	harness_reader_release(&r);
	close(fd);
	status = harness_host_stop(h, SIGKILL);
	if (harness_host_start(bin, path, log, h, &cause) == -1) {
		check(false, "redémarrage de l'hôte : %s", cause);
		free(cause);
		return;
	}
	fd = raw_connect(path);
	hello = xasprintf("{\"type\":\"hello\",\"version\":1,\"team\":"
	    "\"Alpha\",\"code\":\"%s\",\"as\":\"Léa Martin\",\"since\":%"
	    PRId64 "}\n", h->code[0], first);
	raw_send(fd, hello);
	free(hello);
	harness_reader_init(&r, fd);
	again = raw_command(&r, "renvoi:1", tool);
	check(WIFSIGNALED(status) && again == first && journal_lines(path) ==
	    (size_t)first + 1, "renvoi après SIGKILL et redémarrage : seq %"
	    PRId64 " (%" PRId64 " attendu), %zu lignes dans le journal",
	    again, first, journal_lines(path));
	harness_reader_release(&r);
	close(fd);
	if (first > 0)
		*last = first;
}

/*
 * A console left idle while the host dies, then used: its first write goes
 * to a dead socket.  It must neither die of SIGPIPE (`pilote join` does not
 * ignore it) nor lose the command: pending, then acknowledged once the
 * host is back, written once.
 */
static void
idle_console_check(const char *bin, const char *path, const char *log,
    struct harness_host *h, int64_t *last)
{
	struct harness_reader	 r;
	struct client		*c;
	struct event		 e;
	char			*cause = NULL, *line, id[64];
	int			 rep[2], ctl[2], status, rc, pending = 0;
	int64_t			 seq = 0, limit;
	pid_t			 pid;

	if (pipe(rep) == -1 || pipe(ctl) == -1)
		return;
	fflush(stdout);
	if ((pid = fork()) == 0) {
		signal(SIGPIPE, SIG_DFL);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		alarm(60);
		close(rep[0]);
		close(ctl[1]);
		if (client_open(path, "Alpha", h->code[0], "Noé Petit", &c,
		    &cause) == -1)
			_exit(1);
		harness_say(rep[1], "ready");
		harness_reader_init(&r, ctl[0]);
		while (harness_reader_line(&r, 1000) == NULL)
			if (r.eof)
				_exit(1);
		event_init(&e);
		event_set(&e.type, "mission");
		event_set(&e.actor, "Noé Petit");
		record_set_text(&e.data, "role", "pilote");
		record_set_text(&e.data, "candidat", "Noé Petit");
		record_set_text(&e.data, "texte", "Reprise après la coupure");
		rc = client_submit(c, &e, 250, &seq, &cause);
		snprintf(id, sizeof id, "%s", client_last_id(c));
		pending = rc == -1;
		while (rc == -1) {
			free(cause);
			cause = NULL;
			rc = client_wait(c, id, 250, &seq, &cause);
		}
		harness_say(rep[1], "%s %" PRId64 " %d", rc == 1 ? "ack" :
		    "ref", seq, pending);
		_exit(0);
	}
	close(rep[1]);
	close(ctl[0]);
	harness_reader_init(&r, rep[0]);
	limit = harness_us() + 20 * 1000000;
	while ((line = harness_reader_line(&r, 200)) == NULL && !r.eof &&
	    harness_us() < limit)
		;
	harness_host_stop(h, SIGKILL);
	harness_say(ctl[1], "go");
	usleep(300000);
	if (harness_host_start(bin, path, log, h, &cause) == -1) {
		check(false, "redémarrage de l'hôte : %s", cause);
		free(cause);
	}
	line = NULL;
	while (!r.eof && harness_us() < limit && (line =
	    harness_reader_line(&r, 200)) == NULL)
		;
	rc = line != NULL && sscanf(line, "ack %" SCNd64 " %d", &seq,
	    &pending) == 2;
	close(ctl[1]);
	if (!rc)
		kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	check(rc && pending && seq == *last + 1 && WIFEXITED(status) &&
	    journal_lines(path) == (size_t)seq + 1, "console inactive pendant "
	    "l'arrêt de l'hôte, puis utilisée : %s, événement %" PRId64 " (%"
	    PRId64 " attendu), %s", line ? line : "pas de réponse", seq,
	    *last + 1, WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) :
	    "vivante");
	harness_reader_release(&r);
	close(rep[0]);
	if (rc)
		*last = seq;
}

/* `pilote do` through the host; the seq it printed, or 0 (*rc set). */
static int64_t
do_cmd(const char *bin, const char *path, const char *team, const char *as,
    const char *code, const char *const *args, int *rc)
{
	const char	*argv[32];
	char		 out[4096], *p;
	int		 n = 0, i;
	long long	 seq = 0;

	argv[n++] = bin;
	argv[n++] = "do";
	argv[n++] = path;
	if (team == NULL)
		argv[n++] = "--trainer";
	else {
		argv[n++] = "--team";
		argv[n++] = team;
		argv[n++] = "--as";
		argv[n++] = as;
		argv[n++] = "--code";
		argv[n++] = code;
	}
	argv[n++] = "--";
	for (i = 0; args[i] != NULL && n < 31; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	*rc = harness_run(argv, out, sizeof out, "/dev/null");
	if (*rc == 0 && (p = strstr(out, "événement ")) != NULL)
		seq = strtoll(p + strlen("événement "), NULL, 10);
	return *rc == 0 && strstr(out, "par l'hôte") != NULL ? seq : 0;
}

#define PRIV_STEPS	10

struct step {
	const char	*team;		/* NULL: the trainer */
	int		 as;		/* candidate index */
	const char	*args[8];
	unsigned	 seen_by;	/* bit t: team t gets the line in full */
	int64_t		 seq;
};

/* The lines a raw connection received, byte for byte. */
struct got {
	char	**line;
	size_t	 n;
};

static void
got_free(struct got *g)
{
	while (g->n > 0)
		free(g->line[--g->n]);
	free(g->line);
	g->line = NULL;
}

/*
 * Reads what a joined raw connection got up to seq last and checks it
 * against the steps: every seq once, in order, in full or masked as it
 * should, and no secret of another team anywhere (team -1: the
 * trainer's connection, which sees every line in full).  The "event" and
 * "masked" lines are kept in got, as received.
 */
static void
raw_check(struct harness_reader *r, int team, const char *when,
    struct step *steps, int64_t last, struct got *got)
{
	json_t		*o, *ev;
	const char	*type, *key;
	char		*line, *secret;
	int64_t		 seq, next = 1, limit = harness_us() + 10 * 1000000;
	int		 i, leaks = 0, wrong = 0, shown = 0, masked = 0;
	bool		 welcome = false, full, seen;

	secret = team < 0 ? NULL : xasprintf("SECRET-%s", team == 0 ?
	    "BRAVO" : "ALPHA");
	while (next <= last && harness_us() < limit && !r->eof) {
		if ((line = harness_reader_line(r, 200)) == NULL)
			continue;
		if (secret != NULL && (strstr(line, secret) != NULL ||
		    strstr(line, "NOTE-FORMATEUR") != NULL)) {
			if (leaks++ < 3)
				printf("  fuite (%s) : %.300s\n", when, line);
		}
		o = json_loads(line, 0, NULL);
		type = json_string_value(json_object_get(o, "type"));
		if (type != NULL && strcmp(type, "welcome") == 0)
			welcome = true;
		if (type == NULL || (strcmp(type, "event") != 0 &&
		    strcmp(type, "masked") != 0)) {
			json_decref(o);
			continue;
		}
		got->line = xreallocarray(got->line, got->n + 1,
		    sizeof *got->line);
		got->line[got->n++] = xstrdup(line);
		full = strcmp(type, "event") == 0;
		ev = json_object_get(o, "event");
		seq = json_integer_value(json_object_get(full ? ev : o, "seq"));
		for (i = 0; i < PRIV_STEPS && steps[i].seq != seq; i++)
			;
		seen = i < PRIV_STEPS && (team < 0 || (steps[i].seen_by >>
		    team & 1) != 0);
		if (seq != next || i == PRIV_STEPS || full != seen) {
			if (wrong++ < 3)
				printf("  %s, attendu l'événement %" PRId64
				    " %s : %.200s\n", when, next, seen ?
				    "en entier" : "masqué", line);
		} else if (full) {
			/* Its text (args[1], if any) arrives intact. */
			key = steps[i].args[1];
			if (key != NULL && strstr(line, strchr(key, '=') + 1) ==
			    NULL && wrong++ < 3)
				printf("  %s : « %s » absent de %.200s\n", when,
				    strchr(key, '=') + 1, line);
			shown++;
		} else {
			/* Masked: the number and the time, nothing else. */
			if (json_object_size(o) != 3 || !json_is_integer(
			    json_object_get(o, "time")))
				wrong++;
			masked++;
		}
		next = seq + 1;
		json_decref(o);
	}
	check(welcome && next == last + 1 && wrong == 0 && leaks == 0,
	    "%s (%s) : %" PRId64 " événement(s) reçu(s) sur %" PRId64 ", %d "
	    "en entier, %d masqué(s), %d erreur(s), %d fuite(s)", when,
	    team < 0 ? "formateur" : harness_team[team], next - 1, last, shown,
	    masked, wrong, leaks);
	free(secret);
}

/* A struct client of the team: its fold equals the journal's. */
static void
client_hash_check(const char *path, int team, const char *code, int64_t last)
{
	struct client	*c;
	struct session	*ss;
	char		*cause = NULL, *warning = NULL, mine[65], host[65];
	int64_t		 limit = harness_us() + 10 * 1000000;

	if (client_open(path, harness_team[team], code,
	    harness_candidate[team][1], &c, &cause) == -1) {
		check(false, "client_open %s : %s", harness_team[team], cause);
		free(cause);
		return;
	}
	while (client_game(c)->last_seq < last && harness_us() < limit)
		client_poll(c, 100);
	session_team_hash(client_game(c), client_team(c), mine);
	client_close(c);
	if (session_open(path, false, 0, &ss, &warning, &cause) == -1) {
		check(false, "%s : %s", path, cause);
		free(cause);
		return;
	}
	free(warning);
	session_team_hash(ss->game, team, host);
	session_close(ss);
	check(strcmp(mine, host) == 0, "console %s : empreinte %s, l'hôte %s",
	    harness_team[team], mine, host);
}

/*
 * Line seq of the journal file as journaled, B (io/journal.h): the bytes
 * of the line without its seal ,"hash":"…","sig":"…" (allocated), or NULL.
 */
static char *
journal_bytes(const char *path, int64_t seq)
{
	static const char seal[] = ",\"hash\":\"";
	FILE	*f = fopen(path, "r");
	char	*line = NULL, *b = NULL;
	size_t	 cap = 0;
	ssize_t	 n = -1;
	int64_t	 i;

	for (i = 0; f != NULL && i <= seq; i++)
		if ((n = getline(&line, &cap, f)) <= 0)
			break;
	/* ,"hash":"<64>","sig":"<128>"} and the newline: 213 bytes. */
	if (i == seq + 1 && n > 213 && line[n - 1] == '\n' &&
	    memcmp(line + n - 213, seal, sizeof seal - 1) == 0)
		b = xasprintf("%.*s}", (int)(n - 213), line);
	free(line);
	if (f != NULL)
		fclose(f);
	return b;
}

/*
 * What the host sends is the journal's own bytes: each line a team sees
 * in full arrives as {"type":"event","event":B} with B exactly as
 * journaled (these lines made no draws), the trainer gets every line so;
 * and a console catching up receives byte for byte what one connected
 * all along received live (each line is serialised once, for everyone).
 */
static void
bytes_check(const char *path, const char *when, const struct got *g,
    const struct got *live)
{
	json_t	*o;
	char	*b, *want;
	size_t	 i, same = 0, wrong = 0;
	int64_t	 seq;

	for (i = 0; i < g->n; i++) {
		if (strncmp(g->line[i], "{\"type\":\"event\",", 16) != 0)
			continue;
		o = json_loads(g->line[i], 0, NULL);
		seq = json_integer_value(json_object_get(json_object_get(o,
		    "event"), "seq"));
		json_decref(o);
		b = journal_bytes(path, seq);
		want = xasprintf("{\"type\":\"event\",\"event\":%s}",
		    b != NULL ? b : "?");
		if (strcmp(g->line[i], want) == 0)
			same++;
		else if (wrong++ < 2)
			printf("  %s : ligne %" PRId64 " reçue %.300s\n  au "
			    "journal %.300s\n", when, seq, g->line[i], want);
		free(want);
		free(b);
	}
	check(wrong == 0 && same > 0, "%s : %zu ligne(s) identiques au journal, "
	    "%zu différente(s)", when, same, wrong);
	if (live == NULL)
		return;
	for (i = 0, wrong = 0; i < g->n && i < live->n; i++)
		wrong += strcmp(g->line[i], live->line[i]) != 0;
	check(g->n == live->n && wrong == 0, "%s : %zu ligne(s) reçues, %zu en "
	    "direct, %zu différente(s)", when, g->n, live->n, wrong);
}

/*
 * A console that takes runs of masked lines ("runs":true) catches up on
 * the same lines: each run, unfolded into single "masked" lines, gives
 * byte for byte what a console without runs got (single), and at least
 * one run came.
 */
static void
runs_check(const char *path, int team, const char *code,
    const struct got *single)
{
	struct harness_reader	 r;
	struct got		 g;
	json_t			*o, *t;
	const char		*type;
	char			*text, *line;
	size_t			 i, runs = 0, wrong = 0;
	int64_t			 limit = harness_us() + 10 * 1000000, seq;
	int			 fd = raw_connect(path);
	bool			 ready = false;

	memset(&g, 0, sizeof g);
	text = xasprintf("{\"type\":\"hello\",\"version\":1,\"team\":"
	    "\"%s\",\"code\":\"%s\",\"as\":\"%s\",\"since\":0,\"runs\":"
	    "true}\n", harness_team[team], code, harness_candidate[team][1]);
	raw_send(fd, text);
	free(text);
	harness_reader_init(&r, fd);
	while (!ready && !r.eof && harness_us() < limit) {
		if ((line = harness_reader_line(&r, 200)) == NULL)
			continue;
		o = json_loads(line, 0, NULL);
		type = json_string_value(json_object_get(o, "type"));
		ready = type != NULL && strcmp(type, "ready") == 0;
		if (type != NULL && strcmp(type, "masked") == 0 &&
		    json_is_array(json_object_get(o, "times"))) {
			seq = json_integer_value(json_object_get(o, "seq"));
			runs++;
			json_array_foreach(json_object_get(o, "times"), i, t) {
				g.line = xreallocarray(g.line, g.n + 1,
				    sizeof *g.line);
				g.line[g.n++] = xasprintf("{\"type\":\"masked\","
				    "\"seq\":%" PRId64 ",\"time\":%" PRId64 "}",
				    seq + (int64_t)i, (int64_t)json_integer_value(
				    t));
			}
		} else if (type != NULL && (strcmp(type, "event") == 0 ||
		    strcmp(type, "masked") == 0)) {
			g.line = xreallocarray(g.line, g.n + 1, sizeof *g.line);
			g.line[g.n++] = xstrdup(line);
		}
		json_decref(o);
	}
	close(fd);
	harness_reader_release(&r);
	for (i = 0; i < g.n && i < single->n; i++)
		wrong += strcmp(g.line[i], single->line[i]) != 0;
	check(ready && runs > 0 && g.n == single->n && wrong == 0, "%s, par "
	    "suites masquées : %zu suite(s), %zu ligne(s) dépliées, %zu sans "
	    "suites, %zu différente(s)", harness_team[team], runs, g.n,
	    single->n, wrong);
	got_free(&g);
}

static void
privacy_run(const char *bin, const char *dir)
{
	struct step steps[PRIV_STEPS] = {
		{ "Alpha", 0, { "mission", "texte=ALPHA-MISSION confiée",
		    "role=pilote", "candidat=Noé Petit", NULL }, 1, 0 },
		{ NULL, 0, { "ouvrir_pilotage", NULL }, 7, 0 },
		{ NULL, 0, { "demander_point", "titre=SECRET-BRAVO-DEMANDE",
		    "equipe=Bravo", "delai=20", NULL }, 2, 0 },
		{ "Bravo", 0, { "point", "risques=SECRET-BRAVO-RISQUES",
		    "point=1", "arbitrages=SECRET-BRAVO-ARBITRAGES",
		    "suivi=SECRET-BRAVO-SUIVI", NULL }, 2, 0 },
		{ NULL, 0, { "demander_point", "titre=SECRET-ALPHA-DEMANDE",
		    "equipe=Alpha", "delai=20", NULL }, 1, 0 },
		{ "Alpha", 1, { "point", "risques=SECRET-ALPHA-RISQUES",
		    "point=1", "arbitrages=SECRET-ALPHA-ARBITRAGES (« é »)",
		    "suivi=SECRET-ALPHA-SUIVI", NULL }, 1, 0 },
		{ "Bravo", 1, { "mission", "texte=SECRET-BRAVO-MISSION",
		    "role=pilote", "candidat=Inès Durand", NULL }, 2, 0 },
		{ NULL, 0, { "message", "texte=PUBLIC-MESSAGE à toutes",
		    NULL }, 7, 0 },
		{ NULL, 0, { "note", "texte=NOTE-FORMATEUR sur Alpha",
		    "equipe=Alpha", NULL }, 0, 0 },
		{ NULL, 0, { "message", "texte=SECRET-BRAVO-MESSAGE",
		    "equipe=Bravo", NULL }, 2, 0 },
	};
	struct harness_host	 h;
	struct harness_reader	 live[2], late;
	struct got		 got[2], later, all;
	struct client		*c;
	char			*d, *path, *log, *cause = NULL, *text;
	const char		*bad[] = { "point", "point=1", "risques=r",
	    "arbitrages=a", "suivi=s", NULL };
	int			 before = failed, i, t, rc, fd;
	size_t			 n0;
	int64_t			 last = 0;

	d = run_dir(dir, "privacy");
	path = xasprintf("%s/examen.jsonl", d);
	log = xasprintf("%s/host.log", d);
	if (harness_create(path, "tests/fixtures/mini.cfg", seed, &cause) ==
	    -1 || harness_host_start(bin, path, log, &h, &cause) == -1) {
		check(false, "mise en place : %s", cause);
		free(cause);
		goto out;
	}
	n0 = journal_lines(path);

	/* Wrong codes, wrong people, wrong order: one error, hung up. */
	text = xasprintf("{\"type\":\"hello\",\"version\":1,\"team\":\"Alpha\","
	    "\"code\":\"%s\",\"as\":\"Léa Martin\",\"since\":0}\n",
	    strcmp(h.code[0], "AAAAAAAA") ? "AAAAAAAA" : "BBBBBBBB");
	refused_at_hello(path, "code faux", text);
	free(text);
	text = xasprintf("{\"type\":\"hello\",\"version\":1,\"team\":\"Alpha\","
	    "\"code\":\"%s\",\"as\":\"Léa Martin\",\"since\":0}\n", h.code[1]);
	refused_at_hello(path, "code de Bravo pour Alpha", text);
	free(text);
	text = xasprintf("{\"type\":\"hello\",\"version\":1,\"trainer\":true,"
	    "\"code\":\"%s\",\"since\":0}\n", h.code[0]);
	refused_at_hello(path, "code d'équipe pour le formateur", text);
	free(text);
	text = xasprintf("{\"type\":\"hello\",\"version\":1,\"team\":\"Alpha\","
	    "\"code\":\"%s\",\"as\":\"Inès Durand\",\"since\":0}\n", h.code[0]);
	refused_at_hello(path, "candidate de Bravo chez Alpha", text);
	free(text);
	text = xasprintf("{\"type\":\"hello\",\"version\":99,\"team\":\"Alpha\","
	    "\"code\":\"%s\",\"as\":\"Léa Martin\",\"since\":0}\n", h.code[0]);
	refused_at_hello(path, "version 99", text);
	free(text);
	refused_at_hello(path, "commande avant hello", "{\"type\":\"command\","
	    "\"id\":\"x:1\",\"event\":{\"type\":\"outil\",\"actor\":\"Léa "
	    "Martin\",\"data\":{\"outil\":\"trello\"}}}\n");
	refused_at_hello(path, "pas du JSON", "bonjour\n");
	check(client_open(path, "Alpha", h.code[1], "Léa Martin", &c,
	    &cause) == -1 && cause != NULL && strstr(cause, "code") != NULL,
	    "client_open avec le code de Bravo : %s", cause ? cause :
	    "accepté");
	free(cause);
	cause = NULL;
	do_cmd(bin, path, "Bravo", "Inès Durand", h.code[0], bad, &rc);
	check(rc == 77, "pilote do avec le code d'Alpha pour Bravo : code %d, "
	    "77 attendu", rc);
	check(journal_lines(path) == n0, "une tentative refusée a écrit dans "
	    "le journal");

	/* Alpha and Bravo listen from the start (live broadcast). */
	for (t = 0; t < 2; t++) {
		fd = raw_connect(path);
		raw_hello(fd, harness_team[t], h.code[t],
		    harness_candidate[t][0]);
		harness_reader_init(&live[t], fd);
	}
	for (i = 0; i < PRIV_STEPS; i++) {
		t = steps[i].team == NULL ? -1 : steps[i].team[0] == 'A' ? 0 : 1;
		steps[i].seq = do_cmd(bin, path, steps[i].team, t < 0 ? NULL :
		    harness_candidate[t][steps[i].as], t < 0 ? NULL : h.code[t],
		    steps[i].args, &rc);
		check(steps[i].seq == last + 1, "pilote do %s (%s) par "
		    "l'hôte : code %d, événement %" PRId64, steps[i].args[0],
		    steps[i].team ? steps[i].team : "formateur", rc,
		    steps[i].seq);
		if (steps[i].seq > 0)
			last = steps[i].seq;
	}
	memset(got, 0, sizeof got);
	memset(&later, 0, sizeof later);
	memset(&all, 0, sizeof all);
	for (t = 0; t < 2; t++) {
		raw_check(&live[t], t, "en direct", steps, last, &got[t]);
		close(live[t].fd);
		harness_reader_release(&live[t]);
		bytes_check(path, "octets en direct", &got[t], NULL);
	}
	/* And joining afterwards (catch-up from the journal). */
	for (t = 0; t < 2; t++) {
		fd = raw_connect(path);
		raw_hello(fd, harness_team[t], h.code[t],
		    harness_candidate[t][1]);
		harness_reader_init(&late, fd);
		raw_check(&late, t, "en rattrapage", steps, last, &later);
		close(fd);
		harness_reader_release(&late);
		bytes_check(path, "octets en rattrapage", &later, &got[t]);
		runs_check(path, t, h.code[t], &later);
		got_free(&later);
		got_free(&got[t]);
		client_hash_check(path, t, h.code[t], last);
	}
	/* The trainer's console: every line, as journaled. */
	fd = raw_connect(path);
	text = xasprintf("{\"type\":\"hello\",\"version\":1,\"trainer\":"
	    "true,\"code\":\"%s\",\"since\":0}\n", h.trainer);
	raw_send(fd, text);
	free(text);
	harness_reader_init(&late, fd);
	raw_check(&late, -1, "formateur", steps, last, &all);
	close(fd);
	harness_reader_release(&late);
	bytes_check(path, "octets du formateur", &all, NULL);
	check(all.n == (size_t)last, "formateur : %zu ligne(s) sur %" PRId64,
	    all.n, last);
	got_free(&all);
	resend_check(bin, path, log, &h, &last);
	idle_console_check(bin, path, log, &h, &last);
	rc = harness_host_stop(&h, SIGTERM);
	check(WIFEXITED(rc) && WEXITSTATUS(rc) == 0, "l'hôte ne s'arrête pas "
	    "proprement (statut %d)", rc);
	verify_passes(bin, path, (size_t)last + 1);
out:
	free(path);
	free(log);
	run_dir_done(d, before);
}

/* --- test 4: who acts, a console's share, staying available --------- */

/*
 * The security run's session: Noé Petit (Alpha) and Inès Durand (Bravo)
 * each have an assistant and extra time, so that a console of Alpha may
 * learn the former's and must never learn the latter's.
 */
static int
security_create(const char *path, char **cause)
{
	struct game_setup	 setup;
	struct scenario		*s = NULL;
	struct session		*ss;
	struct diag		 d;
	int			 t, k, rc;

	diag_init(&d);
	rc = scenario_load("tests/fixtures/mini.cfg", &s, &d);
	diag_release(&d);
	if (rc != SCENARIO_LOAD_OK) {
		scenario_free(s);
		*cause = xstrdup("tests/fixtures/mini.cfg ne se charge pas");
		return -1;
	}
	memset(&setup, 0, sizeof setup);
	setup.seed = seed & INT64_MAX;
	setup.nteams = HARNESS_TEAMS;
	for (t = 0; t < HARNESS_TEAMS; t++) {
		setup.teams[t].name = harness_team[t];
		setup.teams[t].ncandidates = HARNESS_PER_TEAM;
		for (k = 0; k < HARNESS_PER_TEAM; k++)
			setup.teams[t].candidates[k].name =
			    harness_candidate[t][k];
	}
	setup.teams[0].candidates[1].assistant = "Aide Alpha";
	setup.teams[0].candidates[1].extra_time = 25;
	setup.teams[1].candidates[0].assistant = "Aide Bravo";
	setup.teams[1].candidates[0].extra_time = 33;
	rc = session_create(path, s, &setup, &ss, cause);
	if (rc == 0)
		session_close(ss);
	scenario_free(s);
	return rc;
}

/*
 * A raw connection that joins and reads up to "ready": its fd (r set up
 * on it) and the welcome message (*welcome, the caller's), or -1 and the
 * error the host gave (*error, the caller's).
 */
static int
raw_join(const char *path, const char *team, const char *code, const char *as,
    struct harness_reader *r, json_t **welcome, char **error)
{
	json_t		*o;
	const char	*type;
	char		*line;
	int		 fd = raw_connect(path);
	int64_t		 limit = harness_us() + 10 * 1000000;

	*welcome = NULL;
	*error = NULL;
	if (fd == -1) {
		*error = xstrdup("pas de connexion");
		return -1;
	}
	raw_hello(fd, team, code, as);
	harness_reader_init(r, fd);
	while (!r->eof && harness_us() < limit) {
		if ((line = harness_reader_line(r, 200)) == NULL)
			continue;
		o = json_loads(line, 0, NULL);
		type = json_string_value(json_object_get(o, "type"));
		if (type != NULL && strcmp(type, "welcome") == 0) {
			*welcome = json_incref(o);
		} else if (type != NULL && strcmp(type, "error") == 0) {
			*error = xstrdup(json_string_value(json_object_get(o,
			    "error")));
			json_decref(o);
			break;
		} else if (type != NULL && strcmp(type, "ready") == 0) {
			json_decref(o);
			return fd;
		}
		json_decref(o);
	}
	if (*error == NULL)
		*error = xstrdup("pas de « ready »");
	json_decref(*welcome);
	*welcome = NULL;
	harness_reader_release(r);
	close(fd);
	return -1;
}

/* A command on a joined raw connection: its seq, 0 refused (*why), -1. */
static int64_t
raw_try(struct harness_reader *r, const char *id, const char *event,
    char **why)
{
	json_t		*o;
	const char	*type;
	char		*text, *line;
	int64_t		 rc = -1, limit = harness_us() + 10 * 1000000;

	*why = NULL;
	text = xasprintf("{\"type\":\"command\",\"id\":\"%s\",\"event\":%s}\n",
	    id, event);
	raw_send(r->fd, text);
	free(text);
	while (rc == -1 && !r->eof && harness_us() < limit) {
		if ((line = harness_reader_line(r, 200)) == NULL)
			continue;
		o = json_loads(line, 0, NULL);
		type = json_string_value(json_object_get(o, "type"));
		if (type != NULL && json_is_string(json_object_get(o, "id")) &&
		    strcmp(json_string_value(json_object_get(o, "id")), id) == 0) {
			if (strcmp(type, "ack") == 0)
				rc = json_integer_value(json_object_get(o,
				    "seq"));
			else if (strcmp(type, "refused") == 0) {
				rc = 0;
				*why = xstrdup(json_string_value(
				    json_object_get(o, "error")));
			}
		}
		json_decref(o);
	}
	return rc;
}

/* The journal's line seq (a copy, the caller's), or NULL. */
static json_t *
journal_line(const char *path, int64_t seq)
{
	struct session	*ss;
	char		*cause = NULL, *warning = NULL;
	json_t		*o = NULL;

	if (session_open(path, false, 0, &ss, &warning, &cause) == -1) {
		free(cause);
		return NULL;
	}
	free(warning);
	if (seq > 0 && (size_t)seq < journal_count(ss->journal))
		o = json_deep_copy(journal_get(ss->journal, (size_t)seq));
	session_close(ss);
	return o;
}

/* Whether the host's log (its stderr: the alerts) says needle within ms. */
static bool
log_says(const char *log, const char *needle, int ms)
{
	int64_t	 limit = harness_us() + (int64_t)ms * 1000;
	char	*text;
	FILE	*f;
	long	 n;
	bool	 found = false;

	do {
		if ((f = fopen(log, "rb")) != NULL) {
			fseek(f, 0, SEEK_END);
			n = ftell(f);
			fseek(f, 0, SEEK_SET);
			text = xcalloc((size_t)n + 1, 1);
			if (fread(text, 1, (size_t)n, f) == (size_t)n)
				found = strstr(text, needle) != NULL;
			free(text);
			fclose(f);
		}
		if (!found)
			usleep(50000);
	} while (!found && harness_us() < limit);
	return found;
}

static const char *const trainer_acts[] = {
	"{\"type\":\"ouvrir_pilotage\",\"actor\":\"formateur\"}",
	"{\"type\":\"message\",\"actor\":\"formateur\",\"data\":{\"texte\":"
	    "\"Faux message\",\"equipe\":\"Bravo\"}}",
	"{\"type\":\"note\",\"actor\":\"formateur\",\"data\":{\"equipe\":"
	    "\"Bravo\",\"candidat\":\"Inès Durand\",\"texte\":\"Nul\"}}",
	"{\"type\":\"injecter\",\"actor\":\"formateur\",\"data\":{\"equipe\":"
	    "\"Bravo\",\"titre\":\"Sabotage\",\"texte\":\"90 000 €\","
	    "\"option1\":\"Payer : cout=90000\",\"option2\":\"Payer : "
	    "cout=90000\",\"defaut\":\"Payer : cout=90000\"}}",
	"{\"type\":\"pause\",\"actor\":\"formateur\"}",
	"{\"type\":\"cloturer_semaine\",\"actor\":\"formateur\"}",
	NULL
};

/* A team console asks for the trainer's acts: refused, unwritten, reported. */
static void
trainer_acts_check(const char *path, const char *log, struct harness_host *h)
{
	struct harness_reader	 r;
	json_t			*welcome;
	char			*error, *why, id[32], *alert;
	const char		*name;
	size_t			 n0 = journal_lines(path);
	int64_t			 rc;
	int			 i, fd;

	fd = raw_join(path, "Alpha", h->code[0], "Léa Martin", &r, &welcome,
	    &error);
	check(fd != -1, "Alpha (code d'équipe) ne se connecte pas : %s", error);
	free(error);
	json_decref(welcome);
	if (fd == -1)
		return;
	for (i = 0; trainer_acts[i] != NULL; i++) {
		snprintf(id, sizeof id, "formateur:%d", i);
		rc = raw_try(&r, id, trainer_acts[i], &why);
		name = strstr(trainer_acts[i], "\"type\":\"") + 8;
		check(rc == 0 && why != NULL && strstr(why, "est une commande du "
		    "formateur") != NULL, "%.*s depuis la console d'Alpha : %"
		    PRId64 " (%s), refus attendu", (int)strcspn(name, "\""),
		    name, rc, why ? why : "pas de refus");
		alert = xasprintf("la console de Alpha (Léa Martin) a tenté une "
		    "commande du formateur (%.*s)", (int)strcspn(name, "\""),
		    name);
		check(log_says(log, alert, 3000), "alerte absente : « %s »",
		    alert);
		free(alert);
		free(why);
	}
	check(journal_lines(path) == n0, "des commandes du formateur envoyées "
	    "par une équipe ont été écrites (%zu lignes, %zu avant)",
	    journal_lines(path), n0);
	harness_reader_release(&r);
	close(fd);
}

/* One spoofing attempt or legitimate act on a joined connection. */
static void
act_check(struct harness_reader *r, const char *path, const char *log,
    const char *id, const char *event, const char *actor, const char *by,
    int declared, const char *alert)
{
	json_t		*o;
	char		*why = NULL;
	size_t		 n0 = journal_lines(path);
	int64_t		 seq = raw_try(r, id, event, &why);

	if (actor == NULL) {
		check(seq == 0 && journal_lines(path) == n0, "%s : %s, refus "
		    "attendu (%s)", id, event, seq > 0 ? "écrit" : why ? why :
		    "pas de réponse");
		check(log_says(log, alert, 3000), "%s : alerte absente : « %s »",
		    id, alert);
		free(why);
		return;
	}
	o = seq > 0 ? journal_line(path, seq) : NULL;
	check(o != NULL && strcmp(json_string_value(json_object_get(o,
	    "actor")), actor) == 0 && json_is_true(json_object_get(o,
	    "declared")) == (declared != 0) && (declared != 0 ||
	    json_object_get(o, "declared") == NULL) && strcmp(
	    json_string_value(json_object_get(o, "team")), "Alpha") == 0 &&
	    (by == NULL ? json_object_get(o, "by") == NULL : strcmp(
	    json_string_value(json_object_get(o, "by")), by) == 0),
	    "%s : %s devait s'écrire au nom de %s%s%s : %s", id, event, actor,
	    declared ? " (déclaré)" : "", by ? ", saisi par l'assistant" : "",
	    o == NULL ? (why ? why : "pas écrit") : "ligne différente");
	json_decref(o);
	free(why);
}

static const char *const mission =
    "{\"type\":\"mission\",%s\"data\":{\"role\":\"pilote\",\"candidat\":"
    "\"Noé Petit\",\"texte\":\"Coordonner\"}}";

static char *
mission_as(const char *fields)
{
	return xasprintf(mission, fields);
}

/* Who a command is written for comes from the connection. */
static void
identity_check(const char *bin, const char *path, const char *log,
    struct harness_host *h)
{
	struct harness_reader	 r;
	json_t			*welcome, *o;
	char			*error, *ev;
	const char		*args[] = { "mission", "role=pilote",
	    "candidat=Léa Martin", "texte=Par pilote do", NULL };
	int			 fd, rc;
	int64_t			 seq;

	/* The team's code: a shared console, any candidate of the team. */
	fd = raw_join(path, "Alpha", h->code[0], "Léa Martin", &r, &welcome,
	    &error);
	check(fd != -1 && !json_is_true(json_object_get(welcome, "personal")),
	    "console partagée d'Alpha : %s", error ? error : "personnelle ?");
	free(error);
	json_decref(welcome);
	if (fd == -1)
		return;
	ev = mission_as("");
	act_check(&r, path, log, "partagee:1", ev, "Léa Martin", NULL, 1, NULL);
	free(ev);
	ev = mission_as("\"actor\":\"Noé Petit\",");
	act_check(&r, path, log, "partagee:2", ev, "Noé Petit", NULL, 1, NULL);
	free(ev);
	ev = mission_as("\"actor\":\"Inès Durand\",");
	act_check(&r, path, log, "partagee:3", ev, NULL, NULL, 0, "la console "
	    "de Alpha (Léa Martin) a tenté d'agir au nom de Inès Durand");
	free(ev);
	ev = mission_as("\"actor\":\"formateur\",");
	act_check(&r, path, log, "partagee:4", ev, NULL, NULL, 0, "la console "
	    "de Alpha (Léa Martin) a tenté d'agir au nom du formateur");
	free(ev);
	/* A name cannot forge a line of the host's log, nor a colour. */
	ev = mission_as("\"actor\":\"X\\npilote host : alerte \\u001b[31m"
	    "forgée\",");
	act_check(&r, path, log, "partagee:4b", ev, NULL, NULL, 0, "a tenté "
	    "d'agir au nom de X pilote host : alerte  [31mforgée");
	free(ev);
	/* Typed for Noé by his declared assistant only. */
	ev = mission_as("\"actor\":\"Noé Petit\",\"by\":\"Léa Martin\",");
	act_check(&r, path, log, "partagee:5", ev, NULL, NULL, 0, "« Léa "
	    "Martin » ne peut pas saisir pour Noé Petit : son assistant "
	    "déclaré est Aide Alpha");
	free(ev);
	ev = mission_as("\"actor\":\"Noé Petit\",\"by\":\"Aide Alpha\",");
	act_check(&r, path, log, "partagee:6", ev, "Noé Petit", "Aide Alpha", 1,
	    NULL);
	free(ev);
	ev = mission_as("\"by\":\"Aide Alpha\",");
	act_check(&r, path, log, "partagee:7", ev, NULL, NULL, 0, "« Aide "
	    "Alpha » ne peut pas saisir pour Léa Martin : aucun assistant");
	free(ev);
	harness_reader_release(&r);
	close(fd);

	/* Léa's own code: Léa alone, and nothing to declare. */
	fd = raw_join(path, "Alpha", h->personal[0][0], "Léa Martin", &r,
	    &welcome, &error);
	check(fd != -1 && json_is_true(json_object_get(welcome, "personal")),
	    "console personnelle de Léa Martin : %s", error ? error :
	    "non personnelle");
	free(error);
	json_decref(welcome);
	if (fd == -1)
		return;
	ev = mission_as("");
	act_check(&r, path, log, "perso:1", ev, "Léa Martin", NULL, 0, NULL);
	free(ev);
	ev = mission_as("\"actor\":\"Léa Martin\",");
	act_check(&r, path, log, "perso:2", ev, "Léa Martin", NULL, 0, NULL);
	free(ev);
	ev = mission_as("\"actor\":\"Noé Petit\",");
	act_check(&r, path, log, "perso:3", ev, NULL, NULL, 0, "la console "
	    "personnelle de Léa Martin (Alpha) a tenté d'agir au nom de Noé "
	    "Petit");
	free(ev);
	ev = mission_as("\"actor\":\"Inès Durand\",");
	act_check(&r, path, log, "perso:4", ev, NULL, NULL, 0, "la console "
	    "personnelle de Léa Martin (Alpha) a tenté d'agir au nom de Inès "
	    "Durand");
	free(ev);
	harness_reader_release(&r);
	close(fd);

	/* Her code is not Noé's, nor a teammate's code hers. */
	fd = raw_join(path, "Alpha", h->personal[0][0], "Noé Petit", &r,
	    &welcome, &error);
	check(fd == -1 && error != NULL && strstr(error, "code d'accès "
	    "incorrect") != NULL, "le code de Léa Martin pour Noé Petit : %s",
	    error ? error : "accepté");
	free(error);
	check(log_says(log, "le code personnel de Léa Martin (Alpha) a servi à "
	    "se présenter comme Noé Petit (Alpha)", 3000), "alerte absente : "
	    "code de Léa Martin présenté par Noé Petit");

	/* `pilote join` / `pilote do` take a personal code too. */
	seq = do_cmd(bin, path, "Alpha", "Léa Martin", h->personal[0][0], args,
	    &rc);
	o = seq > 0 ? journal_line(path, seq) : NULL;
	check(o != NULL && strcmp(json_string_value(json_object_get(o,
	    "actor")), "Léa Martin") == 0 && json_object_get(o, "declared") ==
	    NULL, "pilote do avec le code personnel de Léa Martin : code %d",
	    rc);
	json_decref(o);
	seq = do_cmd(bin, path, "Alpha", "Léa Martin", h->code[0], args, &rc);
	o = seq > 0 ? journal_line(path, seq) : NULL;
	check(o != NULL && json_is_true(json_object_get(o, "declared")),
	    "pilote do avec le code de l'équipe : code %d, « declared » "
	    "attendu", rc);
	json_decref(o);
	do_cmd(bin, path, "Alpha", "Noé Petit", h->personal[0][0], args, &rc);
	check(rc == 77, "pilote do au nom de Noé Petit avec le code de Léa "
	    "Martin : code %d, 77 attendu", rc);
}

/* What Alpha's console is told of the session: its share only. */
static void
header_check(const char *path, struct harness_host *h)
{
	static const char *const others[] = {
		"Inès Durand", "Hugo Lefèvre", "Zoé Bernard", "Théo Roux",
		"Aide Bravo", NULL
	};
	static const char *const never[] = {
		"seed", "seed_commitment", "pubkey", "hash", "sig", "seq", NULL
	};
	struct harness_reader	 r;
	const json_t		*header, *teams, *t;
	json_t			*welcome;
	char			*error, *text;
	size_t			 i;
	int			 fd, k, leaks = 0;

	fd = raw_join(path, "Alpha", h->personal[0][1], "Noé Petit", &r,
	    &welcome, &error);
	check(fd != -1, "console personnelle de Noé Petit : %s", error);
	free(error);
	if (fd == -1)
		return;
	header = json_object_get(welcome, "header");
	teams = json_object_get(header, "teams");
	text = json_dumps(welcome, JSON_COMPACT);
	for (k = 0; others[k] != NULL; k++)
		if (strstr(text, others[k]) != NULL && leaks++ < 5)
			printf("  l'en-tête d'Alpha nomme %s\n", others[k]);
	for (k = 0; never[k] != NULL; k++)
		if (json_object_get(header, never[k]) != NULL && leaks++ < 5)
			printf("  l'en-tête d'Alpha contient « %s »\n",
			    never[k]);
	json_array_foreach(teams, i, t) {
		if (i == 0)
			continue;
		if (json_object_get(t, "candidates") != NULL ||
		    json_integer_value(json_object_get(t,
		    "candidates_count")) != HARNESS_PER_TEAM ||
		    json_object_size(t) != 2)
			leaks++;
	}
	check(leaks == 0 && json_array_size(teams) == HARNESS_TEAMS &&
	    strstr(text, "\"Noé Petit\"") != NULL && strstr(text,
	    "Aide Alpha") != NULL && strstr(text, "\"extra_time\":25") !=
	    NULL && strstr(text, "\"extra_time\":33") == NULL &&
	    json_is_string(json_object_get(json_object_get(header, "scenario"),
	    "text")), "en-tête reçu par Alpha : %d fuite(s) : %.400s", leaks,
	    text);
	free(text);
	json_decref(welcome);
	harness_reader_release(&r);
	close(fd);
}

/* How Alpha's console got line seq: 1 in full, 0 masked, -1 not at all. */
static int
alpha_sees(const char *path, struct harness_host *h, int64_t seq)
{
	struct harness_reader	 r;
	json_t			*o;
	const char		*type;
	char			*line;
	int			 fd = raw_connect(path), seen = -1;
	int64_t			 limit = harness_us() + 10 * 1000000;

	if (fd == -1)
		return -1;
	raw_hello(fd, "Alpha", h->code[0], "Léa Martin");
	harness_reader_init(&r, fd);
	while (!r.eof && harness_us() < limit) {
		if ((line = harness_reader_line(&r, 200)) == NULL)
			continue;
		o = json_loads(line, 0, NULL);
		type = json_string_value(json_object_get(o, "type"));
		if (type != NULL && strcmp(type, "event") == 0 &&
		    json_integer_value(json_object_get(json_object_get(o,
		    "event"), "seq")) == seq)
			seen = 1;
		else if (type != NULL && strcmp(type, "masked") == 0 &&
		    json_integer_value(json_object_get(o, "seq")) == seq)
			seen = 0;
		if (type != NULL && strcmp(type, "ready") == 0) {
			json_decref(o);
			break;
		}
		json_decref(o);
	}
	harness_reader_release(&r);
	close(fd);
	return seen;
}

/*
 * Which consoles get a trainer's act is the commands table's rule: an
 * "equipe=" the command does not read (pause) hides it from nobody, one it
 * reads (message) from the other teams.
 */
static void
audience_check(const char *bin, const char *path, struct harness_host *h)
{
	const char	*pause[] = { "pause", "equipe=Bravo", NULL };
	const char	*resume[] = { "reprendre", NULL };
	const char	*msg[] = { "message", "texte=Pour Bravo seulement",
	    "equipe=Bravo", NULL };
	int64_t		 seq;
	int		 rc;

	seq = do_cmd(bin, path, NULL, NULL, NULL, pause, &rc);
	check(seq > 0 && alpha_sees(path, h, seq) == 1, "pause equipe=Bravo "
	    "(code %d) : Alpha doit la recevoir en entier (la pause vaut pour "
	    "tous)", rc);
	seq = do_cmd(bin, path, NULL, NULL, NULL, resume, &rc);
	check(seq > 0, "reprendre : code %d", rc);
	seq = do_cmd(bin, path, NULL, NULL, NULL, msg, &rc);
	check(seq > 0 && alpha_sees(path, h, seq) == 0, "message à Bravo (code "
	    "%d) : Alpha doit le recevoir masqué", rc);
}

#define IDLE_CONNECTIONS	300	/* more than the host's table */

/*
 * Connections that never present themselves: a console still joins at
 * once and `pilote do` goes through; the silent ones are closed after
 * HOST_HELLO_MS (the oldest earlier, to make room).
 */
static void
idle_check(const char *bin, const char *path, const char *log,
    struct harness_host *h)
{
	struct harness_reader	 r;
	struct client		*c = NULL;
	char			*cause = NULL;
	const char		*args[] = { "mission", "role=pilote",
	    "candidat=Noé Petit", "texte=Malgré la foule", NULL };
	int			 fds[IDLE_CONNECTIONS], i, n = 0, closed = 0, rc;
	int64_t			 t0, ms, seq, limit;

	for (i = 0; i < IDLE_CONNECTIONS; i++)
		if ((fds[n] = raw_connect(path)) != -1)
			n++;
	check(n == IDLE_CONNECTIONS, "%d connexion(s) ouvertes sur %d", n,
	    IDLE_CONNECTIONS);
	t0 = harness_us();
	rc = client_open(path, "Alpha", h->code[0], "Noé Petit", &c, &cause);
	ms = (harness_us() - t0) / 1000;
	check(rc == 0 && ms < 2000, "console jointe avec %d connexions muettes "
	    "ouvertes : %s en %" PRId64 " ms (moins de 2 000 attendues)", n,
	    rc == 0 ? "ok" : cause, ms);
	free(cause);
	client_close(c);
	seq = do_cmd(bin, path, "Alpha", "Noé Petit", h->code[0], args, &rc);
	check(seq > 0, "pilote do par l'hôte avec %d connexions muettes : code "
	    "%d", n, rc);
	/* Each silent one is closed within its 3 s (and a margin). */
	limit = harness_us() + (HOST_HELLO_MS + 3000) * 1000LL;
	for (i = 0; i < n; i++) {
		harness_reader_init(&r, fds[i]);
		while (!r.eof && harness_us() < limit)
			harness_reader_line(&r, 100);
		closed += r.eof;
		harness_reader_release(&r);
		close(fds[i]);
	}
	check(closed == n, "%d connexion(s) muette(s) fermée(s) par l'hôte sur "
	    "%d", closed, n);
	check(log_says(log, "fermée(s) faute de présentation", 3000) &&
	    log_says(log, "table des connexions pleine", 100), "alertes des "
	    "connexions muettes absentes");
}

/*
 * Another account than the host's (root only: the test becomes nobody):
 * HOST_MAX_PER_UID connections at most, and never the trainer's, even
 * with the trainer's code.
 */
static void
account_check(const char *path, const char *log, struct harness_host *h)
{
	struct harness_reader	 r;
	char			*sock = host_socket_path(path), *line, *text;
	int			 p[2], fds[HOST_MAX_PER_UID + 4], i, refused;
	int			 trainer, status;
	int64_t			 limit;
	pid_t			 pid;

	if (geteuid() != 0) {
		printf("  (comptes : sauté, il faut être root pour devenir "
		    "un autre utilisateur)\n");
		free(sock);
		return;
	}
	chmod(sock, 0666);
	free(sock);
	if (pipe(p) == -1)
		return;
	fflush(stdout);
	if ((pid = fork()) == 0) {
		close(p[0]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (setgid(65534) == -1 || setuid(65534) == -1)
			_exit(2);
		for (i = 0; i < HOST_MAX_PER_UID + 4; i++)
			fds[i] = raw_connect(path);
		/* Refused ones get one error at once and are closed. */
		usleep(500000);
		for (i = refused = 0; i < HOST_MAX_PER_UID + 4; i++) {
			if (fds[i] == -1) {
				refused++;
				continue;
			}
			harness_reader_init(&r, fds[i]);
			line = harness_reader_line(&r, 50);
			if (line != NULL && strstr(line, "trop de connexions") !=
			    NULL)
				refused++;
			harness_reader_release(&r);
		}
		text = xasprintf("{\"type\":\"hello\",\"version\":1,"
		    "\"trainer\":true,\"code\":\"%s\",\"since\":0}\n",
		    h->trainer);
		raw_send(fds[0], text);
		free(text);
		harness_reader_init(&r, fds[0]);
		limit = harness_us() + 5 * 1000000;
		trainer = 0;
		while (!r.eof && harness_us() < limit)
			if ((line = harness_reader_line(&r, 100)) != NULL &&
			    strstr(line, "que depuis le compte du formateur") !=
			    NULL)
				trainer = 1;
		harness_say(p[1], "%d %d", refused, trainer);
		_exit(0);
	}
	close(p[1]);
	harness_reader_init(&r, p[0]);
	limit = harness_us() + 20 * 1000000;
	while ((line = harness_reader_line(&r, 200)) == NULL && !r.eof &&
	    harness_us() < limit)
		;
	refused = trainer = -1;
	if (line != NULL && sscanf(line, "%d %d", &refused, &trainer) != 2)
		refused = -1;
	waitpid(pid, &status, 0);
	check(refused == 4 && trainer == 1, "le compte nobody : %d connexion(s) "
	    "refusée(s) sur %d (4 attendues), connexion du formateur %s",
	    refused, HOST_MAX_PER_UID + 4, trainer == 1 ? "refusée" :
	    "non refusée");
	check(log_says(log, "connexion(s) refusée(s), depuis le compte nobody",
	    3000) && log_says(log, "le compte nobody (uid 65534) a tenté "
	    "d'ouvrir une connexion du formateur", 100), "alertes du compte "
	    "nobody absentes");
	harness_reader_release(&r);
	close(p[0]);
}

#define WRONG_CODES	50

/*
 * Wrong codes, all at once: each answered, later and later, without
 * holding up anyone else; the trainer sees how many.
 */
static void
wrong_codes_check(const char *path, const char *log, struct harness_host *h)
{
	struct harness_reader	 r[WRONG_CODES];
	struct client		*c = NULL;
	char			*line, *cause = NULL, code[9], *want;
	int			 i, answered = 0, errors = 0, rc;
	int64_t			 t0, at[WRONG_CODES], first = -1, last = 0;
	int64_t			 limit, ms;

	t0 = harness_us();
	for (i = 0; i < WRONG_CODES; i++) {
		snprintf(code, sizeof code, "ZZZZ%04d", i);
		harness_reader_init(&r[i], raw_connect(path));
		raw_hello(r[i].fd, "Bravo", code, "Inès Durand");
		at[i] = -1;
	}
	/* Meanwhile a console with the right code is not held up. */
	rc = client_open(path, "Bravo", h->code[1], "Hugo Lefèvre", &c,
	    &cause);
	ms = (harness_us() - t0) / 1000;
	check(rc == 0 && ms < 2000, "console jointe pendant %d codes faux : %s "
	    "en %" PRId64 " ms", WRONG_CODES, rc == 0 ? "ok" : cause, ms);
	free(cause);
	client_close(c);
	limit = t0 + (int64_t)(HOST_SLOW_MAX_MS + 5000) * 1000;
	while (answered < WRONG_CODES && harness_us() < limit)
		for (i = 0; i < WRONG_CODES; i++) {
			if (at[i] >= 0 || r[i].fd == -1)
				continue;
			if ((line = harness_reader_line(&r[i], 0)) != NULL) {
				errors += strstr(line, "code d'accès incorrect") !=
				    NULL;
				at[i] = (harness_us() - t0) / 1000;
				answered++;
				if (first < 0 || at[i] < first)
					first = at[i];
				if (at[i] > last)
					last = at[i];
			} else
				usleep(1000);
		}
	for (i = 0; i < WRONG_CODES; i++) {
		harness_reader_line(&r[i], 500);
		check(r[i].eof, "code faux n°%d : connexion toujours ouverte", i);
		if (r[i].fd != -1)
			close(r[i].fd);
		harness_reader_release(&r[i]);
	}
	printf("  %d codes faux : premier refus à %" PRId64 " ms, dernier à %"
	    PRId64 " ms\n", WRONG_CODES, first, last);
	check(errors == WRONG_CODES && first >= HOST_SLOW_FIRST_MS - 50 &&
	    last >= HOST_SLOW_MAX_MS - 500, "%d code(s) faux refusé(s) sur %d, "
	    "le premier à %" PRId64 " ms (%d au moins), le dernier à %" PRId64
	    " ms (%d au moins)", errors, WRONG_CODES, first,
	    HOST_SLOW_FIRST_MS, last, HOST_SLOW_MAX_MS - 500);
	want = xasprintf("%d code(s) erroné(s) depuis le compte ",
	    WRONG_CODES);
	check(log_says(log, want, 3000), "alerte absente : « %s… »", want);
	free(want);
}

static void
security_run(const char *bin, const char *dir)
{
	struct harness_host	 h;
	char			*d, *path, *log, *cause = NULL;
	int			 before = failed, rc;

	d = run_dir(dir, "security");
	path = xasprintf("%s/examen.jsonl", d);
	log = xasprintf("%s/host.log", d);
	if (security_create(path, &cause) == -1 ||
	    harness_host_start(bin, path, log, &h, &cause) == -1) {
		check(false, "mise en place : %s", cause);
		free(cause);
		goto out;
	}
	trainer_acts_check(path, log, &h);
	identity_check(bin, path, log, &h);
	header_check(path, &h);
	audience_check(bin, path, &h);
	client_hash_check(path, 0, h.code[0], (int64_t)journal_lines(path) - 1);
	idle_check(bin, path, log, &h);
	account_check(path, log, &h);
	/* A fresh host: its count of wrong codes starts from nothing. */
	harness_host_stop(&h, SIGTERM);
	if (harness_host_start(bin, path, log, &h, &cause) == -1) {
		check(false, "redémarrage de l'hôte : %s", cause);
		free(cause);
		goto out;
	}
	wrong_codes_check(path, log, &h);
	rc = harness_host_stop(&h, SIGTERM);
	check(WIFEXITED(rc) && WEXITSTATUS(rc) == 0, "l'hôte ne s'arrête pas "
	    "proprement (statut %d)", rc);
	verify_passes(bin, path, journal_lines(path));
out:
	free(path);
	free(log);
	run_dir_done(d, before);
}

int
main(int argc, char **argv)
{
	const char	*bin, *dir, *scenario, *env;
	int		 ncmds = 500, before;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage : host_load PILOTE DIR [COMMANDES]\n");
		return 2;
	}
	bin = argv[1];
	dir = argv[2];
	if (argc == 4 && (ncmds = atoi(argv[3])) < 1)
		return 2;
	if ((env = getenv("HOST_LOAD_SEED")) != NULL)
		seed = strtoull(env, NULL, 10);
	else
		seed = (uint64_t)harness_us() ^ (uint64_t)getpid() << 32;
	scenario = getenv("HOST_LOAD_SCENARIO") ? getenv("HOST_LOAD_SCENARIO") :
	    "scenarios/lancement-hydra.cfg";
	signal(SIGPIPE, SIG_IGN);
	if (mkdir(dir, 0755) == -1 && errno != EEXIST) {
		fprintf(stderr, "host_load : %s : %s\n", dir, strerror(errno));
		return 2;
	}
	printf("host load : graine %" PRIu64 " (HOST_LOAD_SEED), %s, %d "
	    "consoles × %d commandes\n", seed, scenario, HARNESS_CONSOLES,
	    ncmds);
	fflush(stdout);
	before = failed;
	load_run(bin, dir, scenario, ncmds, 0);
	printf("charge, 6 consoles concurrentes : %s\n", failed == before ?
	    "ok" : "ÉCHEC");
	fflush(stdout);
	before = failed;
	load_run(bin, dir, scenario, ncmds, 2);
	printf("hôte tué puis relancé au milieu du trafic : %s\n",
	    failed == before ? "ok" : "ÉCHEC");
	fflush(stdout);
	before = failed;
	privacy_run(bin, dir);
	printf("codes d'accès et confidentialité au socket : %s\n",
	    failed == before ? "ok" : "ÉCHEC");
	fflush(stdout);
	before = failed;
	security_run(bin, dir);
	printf("identité, part de l'en-tête et disponibilité de l'hôte : %s\n",
	    failed == before ? "ok" : "ÉCHEC");
	printf("host load: %d passed, %d failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
