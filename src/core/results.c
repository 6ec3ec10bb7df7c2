/*
 * results: what a team achieved at launch, and the evidence for each E3
 * criterion.
 *
 * Delivery: on time (by its S-n deadline), late, or missing.  Budget: what
 * was spent or committed, net of savings (the ledger's spent: at launch,
 * its forecast), against the final envelope, with the scenario's
 * tolerance.  Quality: average of delivered packages against the target.
 * Accessibility: the share of accessibility-relevant packages delivered
 * compliant.  KPIs: each objective moves from its start towards its target
 * in proportion to the weight of the packages that contribute to it, a
 * package counting fully when on time, 60 % when late, nothing when missing,
 * scaled by its quality and by incident effects; a critical package not
 * delivered compromises the launch and halves every objective's progress.
 * The E3 indicators follow (core/indicators.c).
 */
#include <stdlib.h>
#include <string.h>

#include "core/game_internal.h"
#include "core/ledger.h"
#include "util/i18n.h"

static int
results_clamp(int v)
{
	return v < 0 ? 0 : v > 100 ? 100 : v;
}

/*
 * Budget, both ways: within tolerance full marks, then 5 points lost per %
 * over; money left unspent on work not delivered is no success, so the
 * mark is scaled by the share of packages delivered.
 */
static int
results_budget_score(int64_t spent, int64_t envelope, int tol, int delivered,
    int npackages)
{
	int64_t	 over = envelope > 0 ? (spent - envelope) * 100 / envelope : 100;
	int	 v = over <= tol ? 100 : results_clamp(100 - (int)(over - tol) * 5);

	return npackages > 0 ? v * delivered / npackages : v;
}

static void
results_project(const struct game *g, struct team *t)
{
	const struct scenario	*s = g->scenario;
	struct team_result	*r = &t->result;
	struct ledger		 l;
	int64_t			 progress, span;
	int			 i, k, due, delivered = 0, qsum = 0, concerned = 0;
	int			 compliant = 0, factor, share, tol, quality_factor;

	r->on_time = r->late = r->missing = r->critical_missing = 0;
	for (i = 0; i < s->npackages; i++) {
		const struct package_state *p = &t->packages[i];

		due = game_package_due_week(s, i);
		if (p->status != PKG_DONE) {
			r->missing++;
			r->critical_missing += s->packages[i].critical;
		}
		else if (p->finished > due)
			r->late++;
		else
			r->on_time++;
		if (p->status == PKG_DONE) {
			delivered++;
			qsum += p->quality;
		}
		if (s->packages[i].accessibility) {
			concerned++;
			if (p->status == PKG_DONE && p->accessible)
				compliant++;
		}
	}
	r->quality = delivered > 0 ? qsum / delivered : 0;
	/* Rounded, not floored: 2 of 7 is 29 %, as a reader computes it. */
	r->accessibility = concerned > 0 ? (compliant * 200 + concerned) /
	    (2 * concerned) : 100;
	game_ledger(g, t, &l);
	r->spent = l.total.spent;
	r->envelope = l.envelope;
	r->scores[RESULT_DELIVERY] = s->npackages > 0 ? (r->on_time * 100 +
	    r->late * 50) / s->npackages : 100;
	tol = s->scoring.budget_tolerance;
	r->scores[RESULT_BUDGET] = results_budget_score(r->spent, r->envelope,
	    tol, delivered, s->npackages);
	r->scores[RESULT_QUALITY] = results_clamp(r->quality * 100 /
	    s->scoring.quality_target);
	r->scores[RESULT_ACCESSIBILITY] = results_clamp(r->accessibility *
	    100 / (s->scoring.accessibility_target > 0 ?
	    s->scoring.accessibility_target : 100));
	if (s->scoring.accessibility_required &&
	    r->accessibility < s->scoring.accessibility_target)
		r->scores[RESULT_ACCESSIBILITY] /= 2;
	r->scores[RESULT_KPI] = 0;
	for (k = 0; k < s->nobjectives; k++) {
		const struct objective *o = &s->objectives[k];

		progress = 0;
		for (i = 0; i < s->npackages; i++) {
			const struct package_state *p = &t->packages[i];
			int j;

			for (j = 0; j < s->packages[i].nkpi; j++) {
				if (s->packages[i].kpi[j].objective != k)
					continue;
				share = s->packages[i].kpi[j].weight;
				due = game_package_due_week(s, i);
				factor = p->status != PKG_DONE ? 0 :
				    p->finished > due ? 60 : 100;
				quality_factor = p->quality * 100 /
				    s->scoring.quality_target;
				if (quality_factor > 120)
					quality_factor = 120;
				progress += (int64_t)share * factor *
				    quality_factor;
			}
		}
		/* progress is in (weight % × factor % × quality %). */
		progress = progress * (100 + (k < 12 ? t->kpi_effect[k] : 0)) /
		    100;
		/* A critical package missing compromises the launch. */
		if (r->critical_missing > 0)
			progress /= 2;
		span = o->target - o->start;
		r->kpi[k] = o->start + span * progress / 1000000;
		if (r->kpi[k] < 0)
			r->kpi[k] = 0;
		r->scores[RESULT_KPI] += o->weight * results_clamp(
		    (int)((r->kpi[k] - o->start) * 100 / (span > 0 ? span : 1)))
		    / 100;
	}
	r->score = 0;
	for (i = 0; i < RESULT_DIMENSION_COUNT; i++)
		r->score += s->scoring.weights[i] * r->scores[i] / 100;
}

void
game_compute_results(struct game *g, int team)
{
	struct team	*t = &g->teams[team];

	results_project(g, t);
	game_indicators(g, t);
}
