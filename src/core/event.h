/*
 * event: one line of a session journal once decoded, and the shape of a
 * command before it is journaled.  An event is a decision (who, when, what,
 * why); its consequences are computed by the engine, never stored, so the
 * journal stays the only source of truth.
 */
#ifndef PILOTE_EVENT_H
#define PILOTE_EVENT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/record.h"
#include "core/rng.h"

struct event {
	int64_t		 seq;		/* 1.. in the journal; 0 before */
	int64_t		 time;		/* wall clock, ms since the epoch */
	char		*team;		/* NULL for the trainer's session-wide acts */
	char		*actor;		/* candidate name, or GAME_TRAINER */
	char		*by;		/* who typed it for the actor, or NULL */
	char		*type;		/* command name */
	struct record	 data;
	char		*why;		/* justification, or NULL */
	char		*cmd;		/* a console's command id, or NULL: a
					   resent command is recognised by it */
	struct draw	*draws;		/* the draws its application consulted,
					   recorded by the host (owned) */
	int		 ndraws;
	bool		 declared;	/* the actor was only declared: typed
					   on a team's shared console (team
					   code), not proved by a personal
					   code; attribution, never a rule */
};

void	event_init(struct event *);
void	event_release(struct event *);
void	event_set(char **field, const char *value);

#endif
