/*
 * scenario_check: the checks of meaning on a well-formed scenario model:
 * weights that must sum to 100, dependency cycles, packages nobody can do,
 * plans impossible within the weeks or the envelope, options that change
 * nothing, effects aimed at nothing.  Pure: reads the model, adds to diag.
 */
#ifndef PILOTE_SCENARIO_CHECK_H
#define PILOTE_SCENARIO_CHECK_H

#include "core/scenario.h"
#include "util/diag.h"

void	scenario_validate(const struct scenario *, struct diag *);

/*
 * The parts of scenario_validate, each reading some sections of the model:
 * after schema errors the loader runs the parts whose sections loaded
 * cleanly, so that one typo does not hide an impossible plan.
 */
enum {
	SCENARIO_CHECK_WEIGHTS = 1 << 0,	/* objectives, kpi, notation */
	SCENARIO_CHECK_PLAN = 1 << 1,		/* staff, packages, budget */
	SCENARIO_CHECK_INCIDENTS = 1 << 2,	/* incidents, their targets */
	SCENARIO_CHECK_OFFERS = 1 << 3,		/* tools, offers' deadlines */
	SCENARIO_CHECK_ALL = (1 << 4) - 1
};
void	scenario_validate_parts(const struct scenario *, struct diag *,
	    unsigned parts);

/* Minimum weeks a package takes (internal or best offer); 0 if impossible. */
int	scenario_min_weeks(const struct scenario *, int package);
/* Lowest cost of a package in cents (internal or best offer, + fixed cost). */
int64_t	scenario_min_cost(const struct scenario *, int package);
/* Whether a staff member has every skill a package needs. */
bool	scenario_staff_can_do(const struct scenario *, int staff, int package);

#endif
