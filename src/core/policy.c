/*
 * policy: the built-in players (see policy.h).  Each move is an event with
 * the team's first candidate as actor; times are left at 0 for the caller
 * to stamp.
 */
#include <stdlib.h>
#include <string.h>

#include "core/effects.h"
#include "core/game_internal.h"
#include "core/policy.h"
#include "core/scenario_check.h"

const char *const policy_names[POLICY_COUNT] = {
	"passive", "cautious", "aggressive"
};

static struct event *
policy_move(const struct game *g, int team, struct policy_moves *m,
    const char *type)
{
	struct event	*e;

	m->events = xreallocarray(m->events, (size_t)m->count + 1,
	    sizeof *m->events);
	e = &m->events[m->count++];
	event_init(e);
	event_set(&e->type, type);
	event_set(&e->team, g->teams[team].name);
	event_set(&e->actor, g->teams[team].candidates[0].name);
	return e;
}

void
policy_moves_release(struct policy_moves *m)
{
	int	 i;

	for (i = 0; i < m->count; i++)
		event_release(&m->events[i]);
	free(m->events);
	m->events = NULL;
	m->count = 0;
}

/* The person with every skill and the most availability, or -1. */
static int
policy_best_staff(const struct scenario *s, int p)
{
	int	 i, best = -1;

	for (i = 0; i < s->nstaff; i++)
		if (scenario_staff_can_do(s, i, p) && (best < 0 ||
		    s->staff[i].availability > s->staff[best].availability))
			best = i;
	return best;
}

/* Another capable person to share the work, or -1. */
static int
policy_second_staff(const struct scenario *s, int p, int first)
{
	int	 i, best = -1;

	for (i = 0; i < s->nstaff; i++)
		if (i != first && scenario_staff_can_do(s, i, p) && (best < 0 ||
		    s->staff[i].availability > s->staff[best].availability))
			best = i;
	return best;
}

/* Offer chosen by the policy for package p: (supplier, offer) or -1. */
static int
policy_offer(const struct scenario *s, int p, enum policy_kind kind,
    int *offer)
{
	int	 i, j, best = -1, score, best_score = 0;

	*offer = -1;
	for (i = 0; i < s->nsuppliers; i++) {
		for (j = 0; j < s->suppliers[i].noffers; j++) {
			const struct offer *o = &s->suppliers[i].offers[j];

			if (o->package != p)
				continue;
			/* Cautious: reliability and quality; else price. */
			score = kind == POLICY_CAUTIOUS ?
			    s->suppliers[i].reliability * 2 + o->quality +
			    (o->accessible ? 10 : 0) - o->lead * 5 :
			    -(int)(o->price / 10000);
			if (best < 0 || score > best_score) {
				best = i;
				best_score = score;
				*offer = j;
			}
		}
	}
	return best;
}

static int
policy_weeks_needed(const struct scenario *s, int p, int staff, int sup,
    int offer)
{
	int	 cap;

	if (sup >= 0)
		return s->suppliers[sup].offers[offer].lead;
	cap = s->staff[staff].availability;
	return (s->packages[p].workload + cap - 1) / cap;
}

static void
policy_assign(const struct game *g, int team, enum policy_kind kind,
    struct policy_moves *m, int *weeks)
{
	const struct scenario	*s = g->scenario;
	struct event		*e;
	int			 p, staff, sup, offer;
	int64_t			 internal_cost, offer_price;

	for (p = 0; p < s->npackages; p++) {
		staff = s->packages[p].mode == MODE_EXTERNAL ? -1 :
		    policy_best_staff(s, p);
		sup = s->packages[p].mode == MODE_INTERNAL ? -1 :
		    policy_offer(s, p, kind, &offer);
		if (staff >= 0 && sup >= 0) {
			internal_cost = s->staff[staff].daily_cost *
			    s->packages[p].workload;
			offer_price = s->suppliers[sup].offers[offer].price;
			/* Cautious keeps short internal work in the team. */
			if (kind == POLICY_CAUTIOUS ?
			    policy_weeks_needed(s, p, staff, -1, -1) <=
			    s->suppliers[sup].offers[offer].lead :
			    internal_cost <= offer_price)
				sup = -1;
			else
				staff = -1;
		}
		e = policy_move(g, team, m, "attribuer");
		record_set_text(&e->data, "lot", s->packages[p].id);
		if (sup >= 0) {
			record_set_text(&e->data, "prestataire",
			    s->suppliers[sup].id);
			event_set(&e->why, kind == POLICY_CAUTIOUS ?
			    "Offre la plus fiable" : "Offre la moins chère");
			weeks[p] = policy_weeks_needed(s, p, -1, sup, offer);
		} else if (staff >= 0) {
			int	 second = policy_second_staff(s, p, staff);

			if (kind == POLICY_CAUTIOUS && second >= 0) {
				char *both = xasprintf("%s,%s",
				    s->staff[staff].id, s->staff[second].id);

				record_set_text(&e->data, "interne", both);
				free(both);
			} else
				record_set_text(&e->data, "interne",
				    s->staff[staff].id);
			if (kind == POLICY_CAUTIOUS &&
			    s->packages[p].accessibility)
				record_set_text(&e->data, "accessibilite",
				    "oui");
			weeks[p] = policy_weeks_needed(s, p, staff, -1, -1);
		}
	}
}

static void
policy_plan(const struct game *g, int team, struct policy_moves *m,
    const int *weeks)
{
	const struct scenario	*s = g->scenario;
	struct event		*e;
	int			*end, p, j, start, done, guard;

	end = xcalloc((size_t)s->npackages + 1, sizeof *end);
	/* Forward pass, as soon as possible; the DAG needs few rounds. */
	for (guard = 0, done = 0; done < s->npackages && guard <= s->npackages;
	    guard++) {
		for (p = 0, done = 0; p < s->npackages; p++) {
			start = 1;
			for (j = 0; j < s->packages[p].nafter; j++) {
				int q = s->packages[p].after[j];

				if (end[q] == 0)
					start = -1;
				else if (start >= 0 && end[q] + 1 > start)
					start = end[q] + 1;
			}
			if (start < 0)
				continue;
			if (start > s->weeks)
				start = s->weeks;
			end[p] = start + (weeks[p] > 0 ? weeks[p] : 1) - 1;
			if (end[p] > s->weeks)
				end[p] = s->weeks;
			done++;
		}
	}
	for (p = 0; p < s->npackages; p++) {
		int	 st = end[p] - (weeks[p] > 0 ? weeks[p] : 1) + 1;

		if (end[p] == 0)
			continue;
		e = policy_move(g, team, m, "planifier");
		record_set_text(&e->data, "lot", s->packages[p].id);
		record_set_int(&e->data, "debut", st < 1 ? 1 : st);
		record_set_int(&e->data, "fin", end[p]);
	}
	free(end);
}

void
policy_frame(const struct game *g, int team, enum policy_kind kind,
    struct policy_moves *m)
{
	const struct scenario	*s = g->scenario;
	struct event		*e;
	int			*weeks, i, j, pm = -1, chat = -1;

	m->events = NULL;
	m->count = 0;
	weeks = xcalloc((size_t)s->npackages + 1, sizeof *weeks);
	policy_assign(g, team, kind, m, weeks);
	if (kind == POLICY_PASSIVE) {
		free(weeks);
		return;
	}
	policy_plan(g, team, m, weeks);
	free(weeks);
	if (kind == POLICY_AGGRESSIVE)
		return;
	for (i = 0; i < s->ntools; i++) {
		if (s->tools[i].category == TOOL_PROJECT_MANAGEMENT && pm < 0)
			pm = i;
		if (s->tools[i].category == TOOL_MESSAGING && chat < 0)
			chat = i;
	}
	for (i = 0; i < s->ntools; i++) {
		if (i != pm && i != chat)
			continue;
		e = policy_move(g, team, m, "outil");
		record_set_text(&e->data, "outil", s->tools[i].id);
	}
	for (i = 0; i < s->nstaff; i++) {
		for (j = 0; j < s->staff[i].nneeds; j++) {
			e = policy_move(g, team, m, "amenager");
			record_set_text(&e->data, "membre", s->staff[i].id);
			record_set_int(&e->data, "besoin", j + 1);
		}
	}
	for (i = 0; i < s->nroles; i++) {
		e = policy_move(g, team, m, "mission");
		record_set_text(&e->data, "role", s->roles[i].id);
		record_set_text(&e->data, "candidat", g->teams[team].candidates[
		    i % g->teams[team].ncandidates].name);
		record_set_text(&e->data, "texte", s->roles[i].missions);
	}
	e = policy_move(g, team, m, "reserve");
	record_set_int(&e->data, "montant", s->envelope / 100 *
	    (s->reserve_min + s->reserve_max) / 2 / 100);
	for (i = 0; i < s->nsuppliers; i++) {
		e = policy_move(g, team, m, "cadrer");
		record_set_text(&e->data, "prestataire", s->suppliers[i].id);
		record_set_text(&e->data, "reunions", "hebdomadaire");
		record_set_text(&e->data, "format", "Format du brief");
		record_set_text(&e->data, "recette", "Critères du brief");
		record_set_int(&e->data, "heures", 2);
		if (chat >= 0)
			record_set_text(&e->data, "outil", s->tools[chat].id);
	}
}

/*
 * How much an option hurts, in rough euros: each effect at its row's
 * weight (core/effects); the aggressive policy only counts money.
 */
static int64_t
policy_harm(const struct effects *fx, enum policy_kind kind)
{
	int64_t	 h = 0, v;
	int	 k;

	for (k = 0; k < EFFECT_KIND_COUNT; k++) {
		if (kind == POLICY_AGGRESSIVE && !effect_rows[k].money)
			continue;
		v = effects_get(fx, (enum effect_kind)k);
		if (effect_rows[k].money)
			v /= 100;
		h += effect_rows[k].weight * v;
	}
	return h;
}

void
policy_week(const struct game *g, int team, enum policy_kind kind,
    struct policy_moves *m)
{
	const struct team	*t = &g->teams[team];
	const struct incident	*inc;
	struct event		*e;
	int			 i, j, best;

	m->events = NULL;
	m->count = 0;
	if (kind == POLICY_PASSIVE)
		return;
	for (i = 0; i < t->noccurrences; i++) {
		if (t->occurrences[i].status != OCC_OPEN)
			continue;
		inc = game_occurrence_incident(g, &t->occurrences[i]);
		for (j = 1, best = 0; j < inc->noptions; j++)
			if (policy_harm(&inc->options[j].effects, kind) <
			    policy_harm(&inc->options[best].effects, kind))
				best = j;
		e = policy_move(g, team, m, "repondre");
		record_set_int(&e->data, "incident", i + 1);
		record_set_text(&e->data, "option", inc->options[best].id);
		event_set(&e->why, "Option la moins coûteuse");
	}
	for (i = 0; i < t->nrequests; i++) {
		if (t->requests[i].submitted || kind != POLICY_CAUTIOUS)
			continue;
		e = policy_move(g, team, m, "point");
		record_set_int(&e->data, "point", i + 1);
		record_set_text(&e->data, "risques", "Risques suivis");
		record_set_text(&e->data, "arbitrages", "Arbitrages notés");
		record_set_text(&e->data, "suivi", "Budget et délais suivis");
	}
}
