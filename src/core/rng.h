/*
 * rng: counter-based random draws.  A draw is a pure function of the
 * session seed, the week, what is drawn (a purpose tag) and an index, so
 * every team gets the same draws whatever it decided before (fairness: it
 * is an exam) and a replay reproduces them bit for bit.  No hidden state.
 */
#ifndef PILOTE_RNG_H
#define PILOTE_RNG_H

#include <stdint.h>
#include <stdbool.h>

enum rng_purpose {
	RNG_INCIDENT = 1,	/* does incident i fire this week? */
	RNG_TARGET,		/* which package / person / supplier it hits */
	RNG_SLIP,		/* does the supplier of package i slip this week? */
	RNG_QUALITY,		/* quality noise on package i */
	RNG_NEGOTIATION		/* does negotiating package i succeed? */
};

/*
 * One draw, as a session records it in the event that used it: consoles and
 * evaluators replay from the recorded values without ever holding the seed,
 * and once the seed is revealed anyone can check each value against
 * rng_draw().
 */
struct draw {
	int		 week;
	int		 purpose;	/* enum rng_purpose */
	int		 index;
	uint64_t	 value;
	uint32_t	 teams;		/* bit i: team i's state consulted it
					   (a console is sent its own only) */
};

#define RNG_PURPOSE_MAX	RNG_NEGOTIATION

uint64_t	rng_draw(uint64_t seed, int week, enum rng_purpose, int index);
/* A draw in [0, 100): compare with a percentage. */
int		rng_percent(uint64_t seed, int week, enum rng_purpose, int index);
/* A draw in [0, n), n > 0. */
int		rng_below(uint64_t seed, int week, enum rng_purpose, int index, int n);

#endif
