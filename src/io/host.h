/*
 * host: the session host serves its session to consoles over a UNIX
 * socket beside the journal ("<session>.sock"), like a tmux server for its
 * clients.  It is the only writer: consoles send commands, the host
 * validates them in the order it reads them, journals them (one write,
 * fdatasync) and only then acknowledges; every console then receives the
 * new line if its team may see it, or only its number and time if not (a
 * team never sees another team's decisions or status points; trainer's
 * notes go to nobody).
 *
 * A console proves its team with a join code derived from the session key
 * (the same after a restart, renewed with host_renew_code); the trainer's
 * code lets `pilote do --trainer` go through the host.  A command carries
 * a console-made id kept in the journal line: resent after a reconnect, it
 * is acknowledged again with its first seq, never applied twice.
 *
 * Single-threaded: host_poll() does all the work when called from the
 * host's own loop (the trainer's screen, or `pilote host --headless`).
 */
#ifndef PILOTE_HOST_H
#define PILOTE_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include "io/session.h"

struct host;

struct host_console {
	int		 team;		/* -1 for the trainer */
	char		*as;		/* candidate, or "formateur" */
	int64_t		 since;		/* ms, when it joined */
};

int	 host_open(struct session *, struct host **out, char **cause);
/* Serves for at most timeout_ms (0: only what is ready); -1 on failure. */
int	 host_poll(struct host *, int timeout_ms);
void	 host_close(struct host *);
/* The join code of a team (-1: the trainer's code). */
const char *host_code(struct host *, int team);
/*
 * Gives the team a new code (saved in keys/, so it stays after a restart):
 * the old one no longer lets a console in; with drop, the team's consoles
 * connected now are closed too (they join again with the new code).
 */
int	 host_renew_code(struct host *, int team, bool drop, char **cause);
/* Consoles connected now (array valid until the next host_poll). */
int	 host_consoles(const struct host *, const struct host_console **);
/* The socket path for a session path; caller frees. */
char	*host_socket_path(const char *session_path);

#endif
