/*
 * journal_crash: the durability promise under SIGKILL.
 *
 * A writer process appends events in a loop and prints "ack N" on its
 * standard output (a pipe, written with write(): no buffering) only after
 * journal_append() returned 0 for seq N.  The parent kills it with SIGKILL
 * at a random moment, reads every ack it got, reopens the journal for
 * writing (a torn last line is set aside) and checks that every
 * acknowledged seq is there, verified and with the content the writer
 * gave it; then the next round starts on the same file.  Lines beyond the
 * last acknowledged one may be there too (written, never acknowledged):
 * they must hold what the writer gave them as well.
 *
 * Most rounds measure the delay (0-30 ms) from the moment the writer says
 * it is ready, so that the kill lands among appends; one round in eight
 * measures it from fork(), so that some kills land while the writer is
 * opening, verifying or setting a torn tail aside.  Every 32nd event is
 * 64-320 KiB long: SIGKILL can cut a write() that large (the kernel checks
 * for fatal signals between pages).  That is rare, so half of the rounds
 * also simulate a power cut: when the last line was never acknowledged, it
 * loses its end or its end turns to zeros, as unsynced data may after a
 * power loss.  (A kill cannot show a missing fdatasync(): the page cache
 * survives the process.  The unit tests check that ordering.)  When only
 * its newline was lost or turned to zeros, the line is whole and signed:
 * the writer's own line, kept and given its newline back on reopening;
 * any shorter end is a torn line, set aside.
 *
 * Before the random rounds, three deterministic ones cut the end of an
 * unacknowledged last line in each way that matters: its newline turned
 * to a NUL byte (the failure seed 115995978368547 recorded, when such a
 * line was refused: « réouverture refusée : …crash-12.jsonl:5: ligne
 * inachevée, sans fin de ligne »), its newline lost, and its second half
 * turned to zeros.
 *
 * Opening hashes and parses every line, so a file that grew for all the
 * rounds would make the test quadratic: a new session file starts every
 * ROUNDS_PER_FILE rounds.  The trainer's key is made in DIR's run
 * directory (PILOTE_TRAINER_KEY), never in the account's home.
 *
 * usage: journal_crash DIR [ROUNDS [ROUNDS_PER_FILE]]   (240 and 4)
 * JOURNAL_CRASH_SEED replays a run; every failure prints the seed.  Last
 * line of output: "journal crash: N passed, M failed".
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "io/journal.h"

#define BIG_EVERY	32
#define BIG_MIN		(64 * 1024)
#define BIG_SPAN	(256 * 1024)

static uint64_t	 rng_state;
static uint64_t	 seed;

/* splitmix64: enough for delays, and reproducible from the seed. */
static uint64_t
rng_next(void)
{
	uint64_t	 z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* The event of seq n: a pure function of n, so the parent can check it. */
static json_t *
crash_event(size_t n)
{
	json_t	*e;
	char	*pad;
	size_t	 len = 8 + n % 40, i;

	if (n % BIG_EVERY == 0)
		len = BIG_MIN + (n * 7919) % BIG_SPAN;
	pad = malloc(len);
	if (pad == NULL)
		abort();
	for (i = 0; i < len; i++)
		pad[i] = (char)('a' + (n + i) % 26);
	e = json_pack("{s:s, s:s, s:s, s:s, s:{s:I, s:s%}, s:s}",
	    "time", "2025-11-28T10:00:00+01:00", "team", n % 2 ? "rouge" : "bleue",
	    "actor", "chef", "type", "prix", "data", "n", (json_int_t)n * 31,
	    "pad", pad, len, "why", "coupure de courant simulée");
	free(pad);
	return e;
}

static void
say(const char *s)
{
	size_t	 len = strlen(s);
	ssize_t	 n;

	while (len > 0) {
		n = write(STDOUT_FILENO, s, len);
		if (n <= 0)
			_exit(4);
		s += n;
		len -= (size_t)n;
	}
}

/* The child: append until killed. */
static void
writer(const char *path)
{
	struct journal	*j;
	json_t		*e;
	char		*warning = NULL, *cause = NULL, line[64];
	size_t		 n;

	if (journal_open(path, JOURNAL_WRITE, &j, &warning, &cause) == -1) {
		fprintf(stderr, "writer: %s\n", cause);
		_exit(2);
	}
	free(warning);
	say("ready\n");
	for (;;) {
		n = journal_count(j);
		e = crash_event(n);
		if (journal_append(j, e, &cause) == -1) {
			fprintf(stderr, "writer: %s\n", cause);
			_exit(3);
		}
		json_decref(e);
		snprintf(line, sizeof line, "ack %zu\n", n);
		say(line);
	}
}

struct round {
	size_t	 first;		/* seq expected in the first ack */
	size_t	 acked;		/* highest acknowledged seq, 0 if none */
	int	 ready;		/* the writer said it was ready */
	int	 bad;		/* the acks were not 1, 2, 3... */
};

/* Reads the acks in buf[0..*len); keeps an unfinished line. */
static void
parse_acks(struct round *r, char *buf, size_t *len)
{
	char	*p = buf, *nl;
	size_t	 n;

	while ((nl = memchr(p, '\n', *len - (size_t)(p - buf))) != NULL) {
		*nl = '\0';
		if (strcmp(p, "ready") == 0)
			r->ready = 1;
		else if (sscanf(p, "ack %zu", &n) == 1) {
			if (n != (r->acked ? r->acked + 1 : r->first))
				r->bad = 1;
			r->acked = n;
		} else
			r->bad = 1;
		p = nl + 1;
	}
	*len -= (size_t)(p - buf);
	memmove(buf, p, *len);
}

/* Reads from fd into buf until "ready" was seen or EOF (then -1). */
static int
read_until_ready(int fd, struct round *r, char *buf, size_t *len, size_t cap)
{
	ssize_t	 n;

	while (!r->ready) {
		n = read(fd, buf + *len, cap - *len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		*len += (size_t)n;
		parse_acks(r, buf, len);
	}
	return 0;
}

static void
sleep_us(uint64_t us)
{
	struct timespec	 ts;

	ts.tv_sec = (time_t)(us / 1000000);
	ts.tv_nsec = (long)(us % 1000000) * 1000;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

enum cut {
	CUT_RANDOM,		/* anywhere in the line, either way */
	CUT_NEWLINE_TO_NUL,	/* only the newline, turned to a NUL byte */
	CUT_NEWLINE_LOST,	/* only the newline, lost */
	CUT_HALF_TO_ZEROS	/* its second half turned to zeros */
};

/*
 * A power cut on top of the kill, when the last line was never
 * acknowledged (seq > acked): it loses its end, or its end turns to zeros
 * (a file system that grew the file before writing the data).  1 if done.
 */
static int
power_cut(const char *path, size_t acked, enum cut how)
{
	struct stat	 st;
	char		*data, *zeros;
	size_t		 len, start, cut, lines = 0, i;
	int		 fd, done = 0, to_zeros;

	if ((fd = open(path, O_RDWR)) == -1 || fstat(fd, &st) == -1)
		return -1;
	len = (size_t)st.st_size;
	if ((data = malloc(len + 1)) == NULL ||
	    read(fd, data, len) != (ssize_t)len)
		abort();
	for (i = 0; i < len; i++)
		lines += data[i] == '\n';
	/* Already torn, or the last line was acknowledged: untouchable. */
	if (len == 0 || data[len - 1] != '\n' || lines < 2 ||
	    lines - 1 <= acked)
		goto out;
	for (start = len - 1; start > 0 && data[start - 1] != '\n'; start--)
		;
	switch (how) {
	case CUT_NEWLINE_TO_NUL:
	case CUT_NEWLINE_LOST:
		cut = len - 1;
		to_zeros = how == CUT_NEWLINE_TO_NUL;
		break;
	case CUT_HALF_TO_ZEROS:
		cut = start + (len - start) / 2;
		to_zeros = 1;
		break;
	default:
		cut = start + 1 + (size_t)(rng_next() % (len - start - 1));
		to_zeros = rng_next() % 2 != 0;
		break;
	}
	if (!to_zeros) {
		if (ftruncate(fd, (off_t)cut) == -1)
			abort();
	} else {
		if ((zeros = calloc(1, len - cut)) == NULL ||
		    pwrite(fd, zeros, len - cut, (off_t)cut) !=
		    (ssize_t)(len - cut))
			abort();
		free(zeros);
	}
	done = 1;
out:
	free(data);
	close(fd);
	return done;
}

struct totals {
	int	 passed, failed;
	int	 killed_opening;
	int	 torn;		/* torn last lines set aside */
	int	 kept;		/* whole last lines given their newline back */
	int	 power_cuts;
	size_t	 acked;
	size_t	 lines_checked;
};

static int	 check_reopen(const char *, const struct round *, size_t *,
		    struct totals *);

/* One kill and one check; 0 when every acknowledged event is there. */
static int
crash_round(const char *path, size_t *lines, int from_fork, struct totals *t)
{
	struct round	 r;
	char		 buf[65536];
	size_t		 len = 0;
	ssize_t		 n;
	pid_t		 pid;
	int		 fds[2], status, ok = 1;

	memset(&r, 0, sizeof r);
	r.first = *lines;	/* the writer continues from there */

	if (pipe(fds) == -1) {
		perror("pipe");
		return -1;
	}
	if ((pid = fork()) == -1) {
		perror("fork");
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		if (dup2(fds[1], STDOUT_FILENO) == -1)
			_exit(5);
		close(fds[1]);
		writer(path);
		_exit(0);
	}
	close(fds[1]);
	if (!from_fork && read_until_ready(fds[0], &r, buf, &len,
	    sizeof buf) == -1) {
		printf("ÉCHEC : l'écrivain s'est arrêté avant d'être prêt\n");
		ok = 0;
	}
	sleep_us(rng_next() % 30001);
	kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	for (;;) {
		n = read(fds[0], buf + len, sizeof buf - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		parse_acks(&r, buf, &len);
	}
	close(fds[0]);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
		printf("ÉCHEC : l'écrivain s'est arrêté seul (statut %d)\n",
		    status);
		ok = 0;
	}
	if (r.bad) {
		printf("ÉCHEC : acquittements hors d'ordre\n");
		ok = 0;
	}
	if (!r.ready)
		t->killed_opening++;

	if (rng_next() % 2 == 0 && power_cut(path, r.acked ? r.acked :
	    r.first - 1, CUT_RANDOM) == 1)
		t->power_cuts++;
	if (check_reopen(path, &r, lines, t) == -1)
		ok = 0;
	return ok ? 0 : -1;
}

/*
 * The check: reopen for writing, as the next host would; every
 * acknowledged seq is there, and every line from r->first on holds what
 * the writer gave it.  *lines becomes the count.  0 if so.
 */
static int
check_reopen(const char *path, const struct round *r, size_t *lines,
    struct totals *t)
{
	struct journal	*j;
	json_t		*want;
	char		*warning = NULL, *cause = NULL;
	size_t		 seq, count;
	int		 ok = 1;

	if (journal_open(path, JOURNAL_WRITE, &j, &warning, &cause) == -1) {
		printf("ÉCHEC : réouverture refusée : %s\n", cause);
		free(cause);
		return -1;
	}
	if (warning != NULL && strstr(warning, "rétablie") != NULL)
		t->kept++;
	else if (warning != NULL)
		t->torn++;
	free(warning);
	count = journal_count(j);
	if (r->acked != 0 && count <= r->acked) {
		printf("ÉCHEC : seq %zu acquitté mais le journal n'a que %zu "
		    "lignes\n", r->acked, count);
		ok = 0;
	}
	/* Older lines were checked before, and the chain covers them since. */
	for (seq = r->first; seq < count; seq++) {
		want = crash_event(seq);
		json_object_set_new(want, "seq", json_integer((json_int_t)seq));
		if (!json_equal(want, journal_get(j, seq))) {
			printf("ÉCHEC : seq %zu n'a pas le contenu écrit\n", seq);
			ok = 0;
		}
		json_decref(want);
	}
	journal_close(j);
	if (r->acked != 0)
		t->acked += r->acked - r->first + 1;
	t->lines_checked += count;
	*lines = count;
	return ok ? 0 : -1;
}

/* A new session file with its header; -1 and a message if not. */
static int
new_session(const char *path)
{
	struct journal	*j;
	json_t		*h;
	char		*cause = NULL;

	h = json_pack("{s:s, s:i, s:s, s:I}", "type", "session", "format", 2,
	    "time", "2025-11-28T10:00:00+01:00", "seed", (json_int_t)seed);
	if (journal_create(path, h, NULL, &j, &cause) == -1) {
		printf("ÉCHEC : %s\n", cause);
		free(cause);
		json_decref(h);
		return -1;
	}
	json_decref(h);
	journal_close(j);
	return 0;
}

/*
 * A deterministic round: 4 acknowledged events, a fifth written but never
 * acknowledged whose end a power cut then takes (how), and the check.
 * For the two cuts of the newline alone the fifth line is whole and must
 * be kept; for the half turned to zeros, set aside.
 */
static int
cut_round(const char *path, enum cut how, struct totals *t)
{
	struct journal	*j;
	struct round	 r;
	json_t		*e;
	char		*warning = NULL, *cause = NULL;
	size_t		 lines, n;
	int		 kept = t->kept, torn = t->torn;

	if (new_session(path) == -1)
		return -1;
	if (journal_open(path, JOURNAL_WRITE, &j, &warning, &cause) == -1) {
		printf("ÉCHEC : %s\n", cause);
		free(cause);
		return -1;
	}
	free(warning);
	for (n = 1; n <= 5; n++) {
		e = crash_event(n);
		if (journal_append(j, e, &cause) == -1) {
			printf("ÉCHEC : %s\n", cause);
			free(cause);
			json_decref(e);
			journal_close(j);
			return -1;
		}
		json_decref(e);
	}
	journal_close(j);
	memset(&r, 0, sizeof r);
	r.first = 1;
	r.acked = 4;
	if (power_cut(path, r.acked, how) != 1) {
		printf("ÉCHEC : coupure de courant non simulée\n");
		return -1;
	}
	t->power_cuts++;
	lines = 0;
	if (check_reopen(path, &r, &lines, t) == -1)
		return -1;
	if (how == CUT_HALF_TO_ZEROS ? lines != 5 || t->torn != torn + 1 :
	    lines != 6 || t->kept != kept + 1) {
		printf("ÉCHEC : %zu lignes après la coupure (%s)\n", lines,
		    how == CUT_HALF_TO_ZEROS ? "ligne déchirée à mettre de "
		    "côté" : "ligne entière à garder");
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const enum cut	 cuts[] = { CUT_NEWLINE_TO_NUL,
	    CUT_NEWLINE_LOST, CUT_HALF_TO_ZEROS };
	struct journal_report rep;
	struct totals	 t;
	char		 dir[4096], path[4200], *env;
	size_t		 lines = 0, c;
	int		 rounds = 240, per_file = 4, i, file = -1;

	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: journal_crash DIR [ROUNDS "
		    "[ROUNDS_PER_FILE]]\n");
		return 64;
	}
	if (argc > 2)
		rounds = atoi(argv[2]);
	if (argc > 3)
		per_file = atoi(argv[3]);
	if (rounds < 1 || per_file < 1) {
		fprintf(stderr, "journal_crash: bad numbers\n");
		return 64;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	if ((env = getenv("JOURNAL_CRASH_SEED")) != NULL)
		seed = strtoull(env, NULL, 10);
	else
		seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	rng_state = seed;
	if (mkdir(argv[1], 0755) == -1 && errno != EEXIST) {
		perror(argv[1]);
		return 1;
	}
	snprintf(dir, sizeof dir, "%s/run-XXXXXX", argv[1]);
	if (mkdtemp(dir) == NULL) {
		perror(dir);
		return 1;
	}
	/* The trainer's key of this run: the account's is never touched. */
	snprintf(path, sizeof path, "%s/formateur.key", dir);
	if (setenv("PILOTE_TRAINER_KEY", path, 1) == -1) {
		perror("setenv");
		return 1;
	}
	memset(&t, 0, sizeof t);
	for (c = 0; c < sizeof cuts / sizeof cuts[0]; c++) {
		snprintf(path, sizeof path, "%s/cut-%zu.jsonl", dir, c);
		if (cut_round(path, cuts[c], &t) == 0)
			t.passed++;
		else {
			t.failed++;
			printf("  (coupure déterministe %zu, %s ; "
			    "JOURNAL_CRASH_SEED=%" PRIu64 ")\n", c, path, seed);
		}
	}
	for (i = 0; i < rounds; i++) {
		if (i % per_file == 0) {
			snprintf(path, sizeof path, "%s/crash-%d.jsonl", dir,
			    ++file);
			if (new_session(path) == -1)
				return 1;
			lines = 1;
		}
		if (crash_round(path, &lines, rng_next() % 8 == 0, &t) == 0)
			t.passed++;
		else {
			t.failed++;
			printf("  (round %d, %s ; JOURNAL_CRASH_SEED=%" PRIu64
			    " pour rejouer)\n", i, path, seed);
		}
		if ((i + 1) % per_file == 0 || i + 1 == rounds) {
			if (journal_verify_file(path, NULL, &rep) != 0 ||
			    rep.bad_line != 0) {
				printf("ÉCHEC : %s: ligne %zu : %s ; "
				    "JOURNAL_CRASH_SEED=%" PRIu64 "\n", path,
				    rep.bad_line, rep.message, seed);
				t.failed++;
			}
			journal_report_release(&rep);
		}
	}
	printf("journal crash : graine %" PRIu64 ", %d SIGKILL dont %d "
	    "pendant l'ouverture, %d coupures de courant simulées, %zu "
	    "décisions confirmées, %d lignes déchirées mises de côté, %d "
	    "lignes entières gardées (fin de ligne rétablie), %zu lignes "
	    "relues\n", seed, rounds, t.killed_opening, t.power_cuts, t.acked,
	    t.torn, t.kept, t.lines_checked);
	printf("journal crash: %d passed, %d failed\n", t.passed, t.failed);
	if (t.failed == 0) {
		snprintf(path, sizeof path, "rm -rf '%s'", dir);
		if (system(path) != 0)
			return 1;
	}
	return t.failed == 0 ? 0 : 1;
}
