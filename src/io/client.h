/*
 * client: a console of a session hosted elsewhere (`pilote join`, and
 * `pilote do` when a host runs).  It keeps its own copy of the game, folded
 * from the lines the host sends (the lines its team may not see arrive as
 * their number and time only), so its team's state hash equals the host's.
 *
 * A command gets an id ("<console>:<n>") and stays pending until the host
 * acknowledges it (journaled) or refuses it.  When the connection drops
 * (host restarted, network down) the console reconnects by itself, asks
 * for the lines after the last it has, and resends what is pending; the
 * host recognises ids it already journaled, so nothing is applied twice.
 */
#ifndef PILOTE_CLIENT_H
#define PILOTE_CLIENT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/event.h"
#include "core/game.h"
#include "core/scenario.h"

struct client;

/*
 * team NULL: the trainer.  code is the team's, the candidate's own (as) or
 * the trainer's.  Blocks until caught up; -1 and *cause.
 */
int	 client_open(const char *session_path, const char *team,
	    const char *code, const char *as, struct client **out,
	    char **cause);
void	 client_close(struct client *);
/* Reads what arrived within timeout_ms; reconnects if needed. */
int	 client_poll(struct client *, int timeout_ms);
/*
 * Sends a command and waits up to wait_ms for its fate: 1 acknowledged
 * (*seq set), 0 refused (*cause), -1 still pending (disconnected: it will
 * be resent on reconnection).
 */
int	 client_submit(struct client *, struct event *, int wait_ms,
	    int64_t *seq, char **cause);
/* The id of the command client_submit() just sent ("<console>:<n>"). */
const char *client_last_id(const struct client *);
/*
 * Waits up to wait_ms more for the fate of a command client_submit() left
 * pending (by its id), and answers as client_submit() does; the command is
 * forgotten once settled.  -2 (and *cause): no such pending command.
 */
int	 client_wait(struct client *, const char *id, int wait_ms,
	    int64_t *seq, char **cause);
bool	 client_connected(const struct client *);
/* Why the host hung up for good (client_poll returned -1), or NULL. */
const char *client_error(const struct client *);
int	 client_pending(const struct client *);
struct game *client_game(struct client *);
const struct scenario *client_scenario(const struct client *);
int	 client_team(const struct client *);
const char *client_path(const struct client *);
const char *client_as(const struct client *);
/*
 * Whether the host let this console in with the candidate's personal code
 * (it then acts as that candidate only), rather than the team's code.
 */
bool	 client_personal(const struct client *);

#endif
