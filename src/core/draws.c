/*
 * draws: where the engine's random draws come from while an event is
 * applied.
 *
 * The host knows the session seed and computes each draw with rng_draw();
 * while it applies an event it is about to journal, every draw consulted is
 * recorded (once per coordinate) so that the journal line carries it.
 * Consoles and evaluators do not know the seed until the session ends: they
 * take the values recorded in the event being applied.  A recorded value
 * wins over the seed, so that folding a journal always gives the state the
 * host had; `pilote verify` checks the recorded values against the revealed
 * seed.
 *
 * Each recorded draw says which teams' states consulted it, so that a
 * team's console is sent its own team's draws only: which coordinates the
 * others consulted would tell something of their decisions.  A console is
 * given them with game_give_draws() around the line it folds (an event or
 * a masked line's game_tick()); a draw neither given nor computable (for
 * another team's placeholder state on a console) is counted as missing.
 */
#include <stdlib.h>
#include <string.h>

#include "core/game_internal.h"
#include "util/xalloc.h"

struct game_draws {
	const struct draw	*given;		/* the event's, borrowed */
	int			 ngiven;
	const struct draw	*pinned;	/* game_give_draws(), borrowed */
	int			 npinned;
	bool			 recording;
	struct draw		*tape;
	int			 ntape, cap;
	int			 missing;
};

static struct game_draws *
draws_of(const struct game *g)
{
	/* Lazily made: most games (simulations) never record. */
	if (g->draws == NULL)
		((struct game *)(uintptr_t)g)->draws = xcalloc(1,
		    sizeof *g->draws);
	return g->draws;
}

void
game_draws_free(struct game *g)
{
	if (g->draws == NULL)
		return;
	free(g->draws->tape);
	free(g->draws);
	g->draws = NULL;
}

struct game_draws *
game_draws_clone(const struct game *g)
{
	struct game_draws	*d;

	if (g->draws == NULL)
		return NULL;
	/* What a fold between events holds: no event's draws, no tape. */
	d = xcalloc(1, sizeof *d);
	d->pinned = d->given = g->draws->pinned;
	d->npinned = d->ngiven = g->draws->npinned;
	d->missing = g->draws->missing;
	return d;
}

void
game_set_seed(struct game *g, uint64_t seed)
{
	g->seed = seed;
	g->seed_known = true;
}

int
game_missing_draws(const struct game *g)
{
	return g->draws != NULL ? g->draws->missing : 0;
}

static void
draws_record(struct game_draws *d, int week, int purpose, int index,
    uint64_t value, uint32_t team_bit)
{
	int	 i;

	for (i = 0; i < d->ntape; i++)
		if (d->tape[i].week == week && d->tape[i].purpose == purpose &&
		    d->tape[i].index == index) {
			d->tape[i].teams |= team_bit;
			return;
		}
	if (d->ntape == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->tape = xreallocarray(d->tape, (size_t)d->cap,
		    sizeof *d->tape);
	}
	d->tape[d->ntape].week = week;
	d->tape[d->ntape].purpose = purpose;
	d->tape[d->ntape].index = index;
	d->tape[d->ntape].value = value;
	d->tape[d->ntape++].teams = team_bit;
}

int
game_draw(const struct game *g, const struct team *t, int week,
    enum rng_purpose purpose, int index, int n)
{
	struct game_draws	*d = draws_of(g);
	uint32_t		 bit = t != NULL ?
				    (uint32_t)1 << (t - g->teams) : 0;
	uint64_t		 v;
	int			 i;

	if (n <= 0)
		return 0;
	for (i = 0; i < d->ngiven; i++)
		if (d->given[i].week == week &&
		    d->given[i].purpose == (int)purpose &&
		    d->given[i].index == index)
			return (int)(d->given[i].value % (uint64_t)n);
	if (!g->seed_known) {
		/*
		 * A console is given its own team's draws only: the others'
		 * states it folds are placeholders.  Missing ones are counted.
		 */
		d->missing++;
		return 0;
	}
	v = rng_draw(g->seed, week, purpose, index);
	if (d->recording)
		draws_record(d, week, (int)purpose, index, v, bit);
	return (int)(v % (uint64_t)n);
}

void
game_give_draws(struct game *g, const struct draw *draws, int n)
{
	struct game_draws	*d = draws_of(g);

	d->pinned = d->given = n > 0 ? draws : NULL;
	d->npinned = d->ngiven = n > 0 ? n : 0;
}

void
game_apply(struct game *g, const struct event *e)
{
	struct game_draws	*d = draws_of(g);

	/* The event's own draws, else those a host gave with it. */
	d->given = e->ndraws > 0 ? e->draws : d->pinned;
	d->ngiven = e->ndraws > 0 ? e->ndraws : d->npinned;
	game_apply_plain(g, e);
	d->given = d->pinned;
	d->ngiven = d->npinned;
}

int
game_submit(struct game *g, const struct event *e, char **cause)
{
	struct game_draws	*d = draws_of(g);
	int			 rc;

	if (game_check_texts(e, cause) == -1)
		return -1;
	d->given = e->ndraws > 0 ? e->draws : d->pinned;
	d->ngiven = e->ndraws > 0 ? e->ndraws : d->npinned;
	rc = game_apply_new(g, e, cause);
	d->given = d->pinned;
	d->ngiven = d->npinned;
	if (rc != 1)
		return rc;
	/* Defaults come first and may make it moot: the two passes. */
	if (game_validate(g, e, cause) == -1)
		return -1;
	game_apply(g, e);
	return 0;
}

void
game_apply_recording(struct game *g, struct event *e)
{
	struct game_draws	*d = draws_of(g);

	free(e->draws);
	e->draws = NULL;
	e->ndraws = 0;
	d->recording = true;
	d->ntape = 0;
	game_apply_plain(g, e);
	d->recording = false;
	if (d->ntape > 0) {
		e->draws = xreallocarray(NULL, (size_t)d->ntape,
		    sizeof *e->draws);
		memcpy(e->draws, d->tape, (size_t)d->ntape * sizeof *e->draws);
		e->ndraws = d->ntape;
	}
	d->ntape = 0;
}
