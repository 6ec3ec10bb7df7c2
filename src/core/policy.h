/*
 * policy: built-in players, used by `pilote simulate` to play whole games
 * and show a trainer whether a scenario is neither trivial nor impossible.
 * A policy looks at the state and proposes commands for its team; it never
 * changes the state itself (the caller validates and applies them).
 *
 *   passive     takes the cheapest owner for each package and nothing else:
 *               no tools, no plan, no framing, never answers.
 *   cautious    frames everything: project tool, accommodations, reserve,
 *               reliable suppliers framed weekly, an as-soon-as-possible
 *               plan, the least harmful answer to each incident, status
 *               points on time.
 *   aggressive  cheapest owners, no reserve, tight plan, answers incidents
 *               with the cheapest option, frames nothing.
 *   form-filler what games a checklist: cheapest owners, every package
 *               planned over the whole project, every tool and every
 *               accommodation ticked, « x » in every text, the most
 *               harmful option of each incident, status points of « x »
 *               on time.  The E3 indicators must rate it below cautious.
 * The cautious player writes as a careful team would: missions and their
 * justification, supplier terms from the offers, status points that name
 * the incidents, late packages and budget figures it faces.
 */
#ifndef PILOTE_POLICY_H
#define PILOTE_POLICY_H

#include "core/event.h"
#include "core/game.h"

enum policy_kind {
	POLICY_PASSIVE,
	POLICY_CAUTIOUS,
	POLICY_AGGRESSIVE,
	POLICY_FORM_FILLER,	/* every box ticked, « x » everywhere, worst options */
	POLICY_COUNT
};

extern const char *const policy_names[POLICY_COUNT];

struct policy_moves {
	struct event	*events;
	int		 count;
};

/* Commands for the team during framing (before piloting opens). */
void	policy_frame(const struct game *, int team, enum policy_kind,
	    struct policy_moves *);
/* Commands for the team during the current piloting week. */
void	policy_week(const struct game *, int team, enum policy_kind,
	    struct policy_moves *);
void	policy_moves_release(struct policy_moves *);

#endif
