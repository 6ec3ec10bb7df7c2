/*
 * host: the session host serves its session to consoles over a UNIX
 * socket beside the journal ("<session>.sock"), like a tmux server for its
 * clients.  It is the only writer: consoles send commands, the host
 * validates them in the order it reads them, journals them (one write,
 * fdatasync) and only then acknowledges; every console then receives the
 * new line if its team may see it, or only its number and time if not (a
 * team never sees another team's decisions or status points; trainer's
 * notes go to nobody), with the random draws that line made for its team
 * (a console is never given the seed, which would foretell them).
 *
 * Who acts comes from the connection, never from the message.  A console
 * joins with a code derived from the session key (the same after a
 * restart, renewed with host_renew_code / host_renew_candidate_code):
 *   - a candidate's personal code: the console acts as that candidate
 *     only;
 *   - the team's code (a team sharing one laptop): it acts as any
 *     candidate of the team, each decision recording that the name was
 *     declared on a shared console (event.declared);
 *   - the trainer's code, from the host's own account only: the trainer
 *     (`pilote do --trainer`).
 * A team console never sends a trainer command nor acts for another team.
 * A refused attempt is written nowhere, answered with the reason, and
 * reported in host_alerts().  A console receives only its share of the
 * journal header: its own team's candidates, the other teams' names and
 * sizes.
 *
 * A command carries a console-made id kept in the journal line: resent
 * after a reconnect, it is acknowledged again with its first seq, never
 * applied twice.
 *
 * Availability (one thread serves everyone): a connection that has not
 * presented itself within HOST_HELLO_MS is closed; another account than
 * the host's holds HOST_MAX_PER_UID connections at most, and all of them
 * HOST_MAX_CLIENTS - HOST_TRAINER_ROOM, so the trainer's own account
 * always finds a place (the oldest connection that has not presented
 * itself makes room when the table is full); a wrong code is answered
 * after a delay that doubles with each wrong code from the same account
 * (HOST_SLOW_FIRST_MS up to HOST_SLOW_MAX_MS), without blocking the loop,
 * and the connection is then closed.
 *
 * Single-threaded: host_poll() does all the work when called from the
 * host's own loop (the trainer's screen, or `pilote host --headless`).
 */
#ifndef PILOTE_HOST_H
#define PILOTE_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include "io/session.h"

#define HOST_MAX_CLIENTS	256	/* connections in all */
#define HOST_TRAINER_ROOM	16	/* of which only the host's account */
#define HOST_MAX_PER_UID	16	/* per other account */
#define HOST_HELLO_MS		3000	/* to present oneself */
#define HOST_SLOW_FIRST_MS	250	/* the answer to a wrong code */
#define HOST_SLOW_MAX_MS	5000
#define HOST_MAX_ALERTS		32	/* the latest kept */

struct host;

struct host_console {
	int		 team;		/* -1 for the trainer */
	char		*as;		/* candidate, or "formateur" */
	int64_t		 since;		/* ms, when it joined */
	bool		 personal;	/* joined with a personal code */
};

/*
 * A security alert: what a connection tried and was refused (a trainer's
 * command, another's name, wrong codes, too many connections...).  Alerts
 * of the same kind merge: count grows, and text says how many.
 */
struct host_alert {
	int64_t		 time;		/* ms (session clock), the latest */
	int		 count;
	const char	*text;		/* French, one line */
	unsigned	 serial;	/* grows each time an alert changes */
};

int	 host_open(struct session *, struct host **out, char **cause);
/* Serves for at most timeout_ms (0: only what is ready); -1 on failure. */
int	 host_poll(struct host *, int timeout_ms);
void	 host_close(struct host *);
/* The join code of a team (-1: the trainer's code). */
const char *host_code(struct host *, int team);
/* A candidate's personal code (index in the team), or NULL. */
const char *host_candidate_code(struct host *, int team, int candidate);
/*
 * Gives the team a new code (saved in keys/, so it stays after a restart):
 * the old one no longer lets a console in; with drop, the team's consoles
 * connected now with that code are closed too (they join again with the
 * new code).
 */
int	 host_renew_code(struct host *, int team, bool drop, char **cause);
/* The same for a candidate's personal code. */
int	 host_renew_candidate_code(struct host *, int team, int candidate,
	    bool drop, char **cause);
/* Consoles connected now (array valid until the next host_poll). */
int	 host_consoles(const struct host *, const struct host_console **);
/*
 * The latest alerts, oldest first, HOST_MAX_ALERTS at most (valid until
 * the next host call).
 */
int	 host_alerts(const struct host *, const struct host_alert **);
/* The socket path for a session path; caller frees. */
char	*host_socket_path(const char *session_path);

#endif
