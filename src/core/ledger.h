/*
 * ledger: a team's budget at one moment, line by line, the one place where
 * the budget's figures are computed.  Every screen, export and `show` that
 * prints a budget figure reads game_ledger(); nothing else adds lines up or
 * computes a margin.
 *
 * For each budget line, in cents:
 *
 *   planned    what the plan will still cost and nobody has ordered or
 *              paid yet: packages not started (their fixed cost), work in
 *              house still to do (at the average daily cost of the people
 *              on it), supplier offers not yet ordered, the tools' weeks
 *              still to pay.  Zero once the project is launched.
 *   committed  ordered and not yet paid (a supplier's price, a started
 *              package's fixed cost).
 *   actual     paid: planned work, and every unplanned cost.
 *   unplanned  the part of actual that no plan foresaw: incidents' costs
 *              (cout) and draws on the reserve (utiliser_reserve).
 *   drawn      the part of unplanned paid from the reserve.
 *   savings    what incidents saved on the line (a negative cout): it
 *              lowers the forecast, never below zero (see run_cost()).
 *   forecast   actual + committed + planned - savings: what the line will
 *              have cost at launch if nothing else happens.  An unplanned
 *              cost is in actual, hence counted once.
 *   spent      actual + committed - savings (never below zero): what the
 *              line has cost so far; at launch, its forecast.
 *
 * The reserve is a line of its own, outside the lines above: set aside by
 * the team (reserve), drawn (the sum of the lines' drawn, plus nothing
 * else), left = reserve - drawn, always within [0, reserve].
 *
 *   margin = envelope - total forecast - reserve left
 *
 * is the money neither forecast to be spent nor set aside: what the team
 * may still decide to spend.  Hence, by construction:
 *  - a planned cost (a dearer offer, a tool) lowers the margin by its
 *    amount; an unplanned cost paid outside the reserve too;
 *  - a cost paid from the reserve moves money from reserve left to a line:
 *    the margin does not move (by the part the reserve covered);
 *  - a saving raises the margin by what it took off the forecast;
 *  - an envelope cut lowers the margin, unless the reserve absorbs it
 *    (sur_reserve: the reserve set aside shrinks by the part absorbed).
 * overrun = total forecast - envelope when positive: the team is told the
 * moment it appears (game_ledger_watch()).
 */
#ifndef PILOTE_LEDGER_H
#define PILOTE_LEDGER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/game.h"

struct ledger_line {
	int64_t	 planned;
	int64_t	 committed;
	int64_t	 actual;
	int64_t	 unplanned;
	int64_t	 drawn;
	int64_t	 savings;
	int64_t	 forecast;
	int64_t	 spent;
};

struct ledger {
	struct ledger_line	 lines[SCENARIO_MAX_LINES];	/* [nlines] */
	int			 nlines;
	struct ledger_line	 total;		/* the sum of the lines */
	int64_t			 envelope;
	int64_t			 reserve;	/* set aside */
	int64_t			 reserve_drawn;
	int64_t			 reserve_left;
	int64_t			 margin;
	int64_t			 overrun;	/* forecast over the envelope,
						   or 0 */
	bool			 reserve_low;	/* set aside under the
						   scenario's reserve_min */
};

/* The ledger of team t now. */
void	 game_ledger(const struct game *, const struct team *, struct ledger *);

/*
 * The line a cost goes to: the line named, else the line of the package
 * aimed at, else the line of the team's first package outsourced to the
 * supplier aimed at, else ledger_default_line().  Every cost has a line.
 */
int	 ledger_cost_line(const struct scenario *, const struct team *,
	    int line, int package, int supplier);
/* The scenario's ligne_imprevus, or when it names none its last line. */
int	 ledger_default_line(const struct scenario *);

#endif
