/*
 * host_harness: what tests/host_load.c and tests/bench_host.c share to
 * drive a real session host (`pilote host SESSION --headless`, a separate
 * process) and consoles forked from the test, each with its own
 * struct client.
 *
 * The session has three teams of two candidates (HARNESS_TEAMS x
 * HARNESS_PER_TEAM); console k is candidate k % 2 of team k / 2.  A forked
 * console (an "agent") talks to the test over two pipes: it reports one
 * line per fact on its report pipe ("ready", "ack ID SEQ", "ref ID",
 * "done", "hash HASH SEQ", "fail WHY") and reads orders on its control
 * pipe ("go", "sync SEQ", ...).  Every line is written with one write():
 * never buffered, never interleaved.
 */
#ifndef PILOTE_TESTS_HOST_HARNESS_H
#define PILOTE_TESTS_HOST_HARNESS_H

#include <sys/types.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HARNESS_TEAMS		3
#define HARNESS_PER_TEAM	2
#define HARNESS_CONSOLES	(HARNESS_TEAMS * HARNESS_PER_TEAM)
/* A session's size at most (the engine's GAME_MAX_TEAMS and _CANDIDATES). */
#define HARNESS_MAX_TEAMS	8
#define HARNESS_MAX_PER_TEAM	8

/*
 * Who plays a session: nteams teams of per_team candidates.  The benchmark
 * plays eight teams of four; harness_create() and harness_host_start() the
 * three teams of two above (harness_default).
 */
struct harness_roster {
	int		 nteams, per_team;
	const char	*team[HARNESS_MAX_TEAMS];
	const char	*candidate[HARNESS_MAX_TEAMS][HARNESS_MAX_PER_TEAM];
};

extern const struct harness_roster harness_default;
/* Its names: harness_team[t], harness_candidate[t][k]. */
#define harness_team		(harness_default.team)
#define harness_candidate	(harness_default.candidate)

struct harness_host {
	pid_t	 pid;
	char	 code[HARNESS_MAX_TEAMS][9];	/* as the host printed them */
	char	 trainer[9];
	/* Each candidate's personal code (roster->candidate[t][k]). */
	char	 personal[HARNESS_MAX_TEAMS][HARNESS_MAX_PER_TEAM][9];
};

/* One line at a time from a file descriptor (pipes, sockets). */
struct harness_reader {
	int	 fd;
	char	*buf;
	size_t	 len, cap, off;
	bool	 eof;
};

/* Creates SESSION from a scenario file, three teams of two. */
int	 harness_create(const char *path, const char *scenario, uint64_t seed,
	    char **cause);
/* The same with the teams of a roster. */
int	 harness_create_roster(const char *path, const char *scenario,
	    uint64_t seed, const struct harness_roster *, char **cause);
/*
 * Starts `BIN host PATH --headless` (stderr appended to log) and reads the
 * join codes it prints, the teams', the trainer's and the personal ones;
 * the socket is listening when this returns 0.
 */
int	 harness_host_start(const char *bin, const char *path, const char *log,
	    struct harness_host *, char **cause);
/* The same for a session of that roster. */
int	 harness_host_start_roster(const char *bin, const char *path,
	    const char *log, const struct harness_roster *,
	    struct harness_host *, char **cause);
/* Sends sig and reaps the host: its wait status, or -1. */
int	 harness_host_stop(struct harness_host *, int sig);
/*
 * Runs argv (argv[0] a path), its stdout into out (NUL-terminated,
 * truncated to outsz - 1), stderr into log if not NULL: the exit code, or
 * 128 + signal, or -1.
 */
int	 harness_run(const char *const argv[], char *out, size_t outsz,
	    const char *log);
/* CLOCK_MONOTONIC in microseconds: the same clock in every process. */
int64_t	 harness_us(void);
/* One formatted line in one write(); -1 if the pipe is gone. */
int	 harness_say(int fd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

void	 harness_reader_init(struct harness_reader *, int fd);
void	 harness_reader_release(struct harness_reader *);
/*
 * The next complete line (its newline removed, valid until the next call),
 * reading at most once, waiting up to timeout_ms for input; NULL if none
 * (then r->eof tells whether the other end is gone).
 */
char	*harness_reader_line(struct harness_reader *, int timeout_ms);

/* splitmix64: reproducible draws for the consoles' commands. */
uint64_t harness_rng(uint64_t *state);

#endif
