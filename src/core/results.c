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
 * scaled by its quality and by incident effects.  Every E3 indicator keeps
 * the sequence numbers of the journal events that are its evidence.
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

static void
results_evidence(struct team_result *r, int c, int64_t seq)
{
	int	 i;

	if (seq <= 0)
		return;
	for (i = 0; i < r->e3_nevidence[c]; i++)
		if (r->e3_evidence[c][i] == seq)
			return;
	r->e3_evidence[c] = xreallocarray(r->e3_evidence[c],
	    (size_t)r->e3_nevidence[c] + 1, sizeof(int64_t));
	r->e3_evidence[c][r->e3_nevidence[c]++] = seq;
}

static void
results_comment(struct team_result *r, int c, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
results_comment(struct team_result *r, int c, const char *fmt, ...)
{
	va_list	 ap;

	free(r->e3_comment[c]);
	va_start(ap, fmt);
	r->e3_comment[c] = game_vformat(fmt, ap);
	va_end(ap);
}

static void
results_project(const struct game *g, struct team *t)
{
	const struct scenario	*s = g->scenario;
	struct team_result	*r = &t->result;
	struct ledger		 l;
	int64_t			 over, progress, span;
	int			 i, k, due, delivered = 0, qsum = 0, concerned = 0;
	int			 compliant = 0, factor, share, tol, quality_factor;

	r->on_time = r->late = r->missing = 0;
	for (i = 0; i < s->npackages; i++) {
		const struct package_state *p = &t->packages[i];

		due = game_package_due_week(s, i);
		if (p->status != PKG_DONE)
			r->missing++;
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
	r->accessibility = concerned > 0 ? compliant * 100 / concerned : 100;
	game_ledger(g, t, &l);
	r->spent = l.total.spent;
	r->envelope = l.envelope;
	r->scores[RESULT_DELIVERY] = s->npackages > 0 ? (r->on_time * 100 +
	    r->late * 50) / s->npackages : 100;
	/* Within tolerance: full marks; then 5 points lost per % over. */
	tol = s->scoring.budget_tolerance;
	over = r->envelope > 0 ? (r->spent - r->envelope) * 100 / r->envelope :
	    100;
	r->scores[RESULT_BUDGET] = over <= tol ? 100 :
	    results_clamp(100 - (int)(over - tol) * 5);
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

static void
results_e3(const struct game *g, struct team *t)
{
	const struct scenario	*s = g->scenario;
	struct team_result	*r = &t->result;
	int			 i, j, n, ok, internal = 0, external = 0, used;
	int			 framed, needs, met, roles, filled, sum;

	/* Previews recompute everything: no evidence from an older plan. */
	for (i = 0; i < E3_CRITERION_COUNT; i++)
		r->e3_nevidence[i] = 0;
	/* Retro-planning: every package placed, suppliers' and internal. */
	for (i = n = 0; i < s->npackages; i++) {
		if (t->packages[i].plan_start == 0)
			continue;
		n++;
		results_evidence(r, E3_RETROPLANNING, t->packages[i].planned_seq);
		if (t->packages[i].owner == OWNER_SUPPLIER)
			external++;
		else if (t->packages[i].owner == OWNER_INTERNAL)
			internal++;
	}
	r->e3[E3_RETROPLANNING] = s->npackages ? n * 100 / s->npackages : 100;
	if (internal == 0 || external == 0)
		r->e3[E3_RETROPLANNING] /= 2;
	results_comment(r, E3_RETROPLANNING, _("%d lot(s) sur %d planifiés, "
	    "dont %d interne(s) et %d chez des prestataires"), n, s->npackages,
	    internal, external);
	/* A project-management tool chosen (in framing, better) and kept. */
	r->e3[E3_TOOL] = 0;
	for (i = 0; i < s->ntools; i++) {
		if (!t->tools[i] || s->tools[i].category !=
		    TOOL_PROJECT_MANAGEMENT)
			continue;
		ok = t->tools_seq[i] > 0 && (t->framing_seq == 0 ||
		    t->tools_seq[i] < t->framing_seq) ? 100 : 60;
		if (ok > r->e3[E3_TOOL])
			r->e3[E3_TOOL] = ok;
		results_evidence(r, E3_TOOL, t->tools_seq[i]);
	}
	results_comment(r, E3_TOOL, r->e3[E3_TOOL] == 100 ? _("outil de "
	    "gestion de projet choisi dès le cadrage et gardé") :
	    r->e3[E3_TOOL] > 0 ? _("outil de gestion de projet choisi en "
	    "cours de pilotage") : _("aucun outil de gestion de projet"));
	/* Framing coherent when piloting opened. */
	r->e3[E3_FRAMING] = t->framing_seq > 0 ?
	    results_clamp(100 - 12 * t->framing_issues) : 0;
	results_evidence(r, E3_FRAMING, t->framing_seq);
	results_comment(r, E3_FRAMING, t->framing_issues == 0 ?
	    _("cadrage sans alerte à l'ouverture du pilotage") :
	    _("%d alerte(s) à l'ouverture du pilotage : %s"),
	    t->framing_issues, t->framing_summary ? t->framing_summary : "");
	/* Every supplier relationship framed (C12). */
	for (i = used = framed = 0; i < s->nsuppliers; i++) {
		if (!game_supplier_used(s, t, i))
			continue;
		used++;
		if (t->suppliers[i].framed) {
			framed++;
			results_evidence(r, E3_SUPPLIERS,
			    t->suppliers[i].framed_seq);
		}
	}
	r->e3[E3_SUPPLIERS] = used > 0 ? framed * 100 / used : 100;
	results_comment(r, E3_SUPPLIERS, _("%d relation(s) prestataire "
	    "cadrée(s) sur %d"), framed, used);
	/* Team organised: packages owned, roles given missions (C13). */
	for (i = n = 0; i < s->npackages; i++) {
		if (t->packages[i].owner != OWNER_NONE) {
			n++;
			results_evidence(r, E3_TEAM, t->packages[i].assigned_seq);
		}
	}
	for (i = roles = filled = 0; i < s->nroles; i++) {
		if (!s->roles[i].required)
			continue;
		roles++;
		if (t->missions[i] != NULL) {
			filled++;
			results_evidence(r, E3_TEAM, t->mission_seq[i]);
		}
	}
	r->e3[E3_TEAM] = (s->npackages ? n * 50 / s->npackages : 50) +
	    (roles ? filled * 50 / roles : 50);
	results_comment(r, E3_TEAM, _("%d lot(s) sur %d ont un responsable, "
	    "%d rôle(s) obligatoire(s) sur %d ont des missions"), n,
	    s->npackages, filled, roles);
	/* Accessibility needs analysed and met. */
	for (i = needs = met = 0; i < s->nstaff; i++) {
		for (j = 0; j < s->staff[i].nneeds; j++) {
			needs++;
			if (t->staff[i].accommodated[j]) {
				met++;
				results_evidence(r, E3_ACCESSIBILITY,
				    t->staff[i].accommodated_seq[j]);
			}
		}
	}
	r->e3[E3_ACCESSIBILITY] = needs > 0 ? met * 100 / needs : 100;
	results_comment(r, E3_ACCESSIBILITY, _("%d besoin(s) d'aménagement "
	    "couvert(s) sur %d"), met, needs);
	/* Status points complete and on time (CR14). */
	for (i = sum = n = 0; i < t->nrequests; i++) {
		const struct status_request *q = &t->requests[i];
		bool complete = q->submitted && q->risks[0] &&
		    q->arbitrations[0] && q->tracking[0];

		n++;
		sum += !q->submitted ? 0 : !complete ? 25 : q->late ? 50 : 100;
		results_evidence(r, E3_STATUS_POINTS, q->requested_seq);
		results_evidence(r, E3_STATUS_POINTS, q->submitted_seq);
	}
	r->e3[E3_STATUS_POINTS] = n > 0 ? sum / n : 0;
	for (i = ok = 0; i < t->nrequests; i++)
		ok += t->requests[i].submitted && !t->requests[i].late;
	if (n == 0)
		results_comment(r, E3_STATUS_POINTS, _("aucun point de situation "
		    "demandé : critère non évaluable dans cette session"));
	else
		results_comment(r, E3_STATUS_POINTS, _("%d point(s) de situation "
		    "rendu(s) à l'heure sur %d demandé(s)"), ok, n);
	r->e3_score = 0;
	for (i = 0; i < E3_CRITERION_COUNT; i++)
		r->e3_score += s->scoring.e3[i] * r->e3[i] / 100;
}

void
game_compute_results(struct game *g, int team)
{
	struct team	*t = &g->teams[team];

	results_project(g, t);
	results_e3(g, t);
}
