/*
 * session: a journal and the game state folded from it.
 *
 * Opening a session reads the header (format version, the embedded
 * scenario text, the seed and the teams), loads the scenario from that text
 * (so a session replays even after its scenario file changed or vanished),
 * and applies every event through the engine.  Submitting a command stamps
 * it with the wall-clock time, validates it against the current state,
 * appends it to the journal (one write, fdatasync) and only then applies it:
 * a command is acknowledged once it is durable, never before.
 */
#ifndef PILOTE_SESSION_H
#define PILOTE_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/event.h"
#include "core/game.h"
#include "core/scenario.h"
#include <jansson.h>

#include "io/journal.h"

#define SESSION_FORMAT	2

struct session {
	char			*path;
	struct journal		*journal;
	struct scenario		*scenario;
	struct game		*game;
	bool			 writable;
};

/*
 * Creates the session file at path from a loaded scenario and a setup;
 * the session is left open for writing.  -1 and *cause on failure.
 */
int	 session_create(const char *path, const struct scenario *,
	    const struct game_setup *, struct session **out, char **cause);
/*
 * Opens and replays a session, up to event upto (0: all).  *warning is set
 * when a torn last line was set aside.
 */
int	 session_open(const char *path, bool writable, int64_t upto,
	    struct session **out, char **warning, char **cause);
/*
 * Folds the lines (from, to] of an open session into g, a state of that
 * session after line from (a copy: game_clone()): how the replay reaches
 * an event from its nearest snapshot.
 */
void	 session_fold_on(const struct session *, struct game *g, int64_t from,
	    int64_t to);
/*
 * session_open() telling obs, in the same read, each line's event with the
 * state just after it (the header: NULL, the state before any event); the
 * lines after upto are not told.  The state and the event are
 * borrowed for the call: the replay builds its index and its snapshots so.
 * When the open fails, abandon() (if not NULL) is called before the
 * session's scenario goes, for what was built on it to go first.
 */
struct session_observer {
	void	(*seen)(void *ctx, const struct game *, size_t seq,
		    const struct event *e);
	void	(*abandon)(void *ctx);
	void	*ctx;
};
int	 session_open_observed(const char *path, bool writable, int64_t upto,
	    const struct session_observer *, struct session **,
	    char **warning, char **cause);
void	 session_close(struct session *);
/*
 * Validates, journals and applies a command (e's seq and, unless
 * keep_time, time are set here).  -1 and *cause: nothing was written.
 * *refused tells a refusal by the rules (exit 65) from an I/O failure
 * (exit 74).
 */
int	 session_submit(struct session *, struct event *e, bool *refused,
	    char **cause);
/*
 * Appends the seal line (the seed revealed) once the game is over; 0 when
 * done or not due, -1 and *cause.  session_submit() and a writable
 * session_open() call it themselves.
 */
int	 session_seal(struct session *, char **cause);
/*
 * A scenario and a fresh game from a journal header (line 0), or from the
 * share of it a team's console receives (the seed is never in a header:
 * the game folds from the draws each line records), and a team given only as
 * "candidates_count" gets placeholder candidates ("Candidat 1"...), which
 * leave the console's own team's state as the host's.
 */
int	 session_game_from_header(const json_t *header, const char *path,
	    struct scenario **, struct game **, char **cause);
/* BLAKE2b of one team's part of the state: the same on its consoles. */
void	 session_team_hash(const struct game *, int team, char out[65]);
/* BLAKE2b of the canonical state dump, as 64 hex characters. */
void	 session_state_hash(const struct game *, char out[65]);
/*
 * Checks the draws against the seed revealed by the seal line: the seed and
 * salt match the header's commitment, and every draw recorded in an event
 * is the one the seed gives.  1 sealed and conform (*checked: how many
 * draws), 0 not sealed yet (nothing to check), -1 and *cause (French,
 * "path:line: why") if a draw or the commitment differs.
 */
int	 session_check_draws(const struct session *, int *checked,
	    char **cause);
/*
 * pilote verify: a session file checked in one read, without folding it:
 * the journal's integrity (journal_verify_reading()), then the draws as
 * session_check_draws() checks them, from the lines that carry draws and
 * the seal only.  The journal's result (0, -1, -2; *r), or -3 and *cause
 * when a draw or the commitment differs.  v: what the draws gave.
 */
struct session_verdict {
	int	 draws;		/* 1 sealed and conform, 0 not sealed */
	int	 checked;	/* draws checked */
	int64_t	 sealed_seq;	/* the seal's line (seq), if sealed */
};
int	 session_verify(const char *path, const struct journal_verify_opts *,
	    struct journal_report *, struct session_verdict *, char **cause);
/*
 * The sysexits code for the last failed session_open(): the journal's class
 * (io/journal.h: 66 missing, 74 disk, 77 permission, 75 locked) or 65 when
 * the journal is altered or does not replay.
 */
int	 session_failure_exit(void);
/* Wall-clock milliseconds (PILOTE_FAKE_TIME, if set, for tests). */
int64_t	 session_now(void);

#endif
