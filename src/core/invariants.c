/*
 * invariants: the state invariants of the engine, checked in one place
 * (see game_check_invariants() in game.h and the list in core/effects.h).
 *
 * Effects keep them at apply time (core/effects.c) and the week keeps its
 * own (core/week.c); this file does not keep anything, it only says
 * whether they hold, for the property test (tests/unit/test_property.c)
 * and for builds with PILOTE_CHECK_INVARIANTS (the sanitized build), where
 * every applied event is checked.
 */
#include <stdlib.h>
#include <string.h>

#include "core/effects.h"
#include "core/game_internal.h"

/* Copies the allocated msg into why[n] (cut if need be), frees it. */
static bool
broken(char *why, size_t n, char *msg)
{
	size_t	 len = strlen(msg);

	if (n > 0) {
		if (len >= n)
			len = n - 1;
		memcpy(why, msg, len);
		why[len] = '\0';
	}
	free(msg);
	return false;
}

static bool
team_invariants(const struct game *g, const struct team *t, char *why,
    size_t n)
{
	const struct scenario	*s = g->scenario;
	const struct effect_row	*kpi = &effect_rows[EFFECT_KPI];
	int64_t			 floor = s->envelope * EFFECTS_ENVELOPE_FLOOR /
				    100;
	int			 i, nkpi;

	for (i = 0; i < s->nlines; i++)
		if (t->lines[i].actual < 0 || t->lines[i].committed < 0)
			return broken(why, n, xasprintf("%s : ligne « %s » : "
			    "dépensé %lld, engagé %lld (centimes) : jamais "
			    "sous zéro", t->name, s->lines[i].label,
			    (long long)t->lines[i].actual,
			    (long long)t->lines[i].committed));
	if (t->envelope < floor)
		return broken(why, n, xasprintf("%s : enveloppe %lld sous le "
		    "plancher %lld (%d %% de %lld, centimes)", t->name,
		    (long long)t->envelope, (long long)floor,
		    EFFECTS_ENVELOPE_FLOOR, (long long)s->envelope));
	if (t->reserve < 0 || t->reserve_used < 0 ||
	    t->reserve_used > t->reserve)
		return broken(why, n, xasprintf("%s : réserve %lld, utilisée "
		    "%lld (centimes) : de zéro à la réserve", t->name,
		    (long long)t->reserve, (long long)t->reserve_used));
	nkpi = (int)(sizeof t->kpi_effect / sizeof t->kpi_effect[0]);
	for (i = 0; i < s->nobjectives && i < nkpi; i++)
		if (t->kpi_effect[i] < kpi->min || t->kpi_effect[i] > kpi->max)
			return broken(why, n, xasprintf("%s : effet cumulé %d %% "
			    "sur « %s », hors de %d..%d", t->name,
			    t->kpi_effect[i], s->objectives[i].label, kpi->min,
			    kpi->max));
	for (i = 0; i < s->npackages; i++) {
		const struct package_state *p = &t->packages[i];

		if (s->packages[i].workload + p->extra_workload < 0 ||
		    p->done_cdays < 0)
			return broken(why, n, xasprintf("%s : « %s » : charge "
			    "%d%+d jours-personne, fait %d centièmes : jamais "
			    "sous zéro", t->name, s->packages[i].name,
			    s->packages[i].workload, p->extra_workload,
			    p->done_cdays));
		/* A negotiated week off a supplier's lead before the order
		 * is a negative delay; in house it would block the work. */
		if (p->delay < 0 && p->owner != OWNER_SUPPLIER)
			return broken(why, n, xasprintf("%s : « %s » : retard "
			    "%d semaine(s) hors d'une commande : jamais sous "
			    "zéro", t->name, s->packages[i].name, p->delay));
		if (p->status == PKG_DONE && (p->quality < 0 ||
		    p->quality > 100))
			return broken(why, n, xasprintf("%s : « %s » livré en "
			    "qualité %d, hors de 0..100", t->name,
			    s->packages[i].name, p->quality));
	}
	for (i = 0; i < s->nstaff; i++) {
		const struct staff_state *st = &t->staff[i];

		if (st->morale < 0 || st->morale > 100 || st->fatigue < 0 ||
		    st->fatigue > 100)
			return broken(why, n, xasprintf("%s : %s : moral %d, "
			    "fatigue %d, hors de 0..100", t->name,
			    s->staff[i].name, st->morale, st->fatigue));
		if (st->days_lost < 0)
			return broken(why, n, xasprintf("%s : %s : %d jour(s) "
			    "d'absence à venir : jamais sous zéro", t->name,
			    s->staff[i].name, st->days_lost));
	}
	if (t->setup_days < 0)
		return broken(why, n, xasprintf("%s : %d jour(s) d'installation "
		    "d'outils : jamais sous zéro", t->name, t->setup_days));
	return true;
}

bool
game_check_invariants(const struct game *g, char *why, size_t n)
{
	int	 i;

	for (i = 0; i < g->nteams; i++)
		if (!team_invariants(g, &g->teams[i], why, n))
			return false;
	if (n > 0)
		why[0] = '\0';
	return true;
}
