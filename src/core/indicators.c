/*
 * indicators: the E3 indicators, one per criterion of the certification
 * (BLOC 3: C11–C14, CR11–CR14), computed from what the team did: its
 * state at launch and the events kept as evidence.  Each gives a figure
 * 0..100 (levels: game_e3_level), a comment with the figures that gave it,
 * and its evidence (journal seqs); the rule of each is scenario_e3_rules[]
 * and man/indicateurs.md.  A criterion with nothing to judge in the session
 * is « non évaluable » (e3_assessed false) and its weight goes to the
 * others.
 *
 * Quality, not form: texts are judged by core/prose (developed, grounded in
 * what the team faced), choices against their alternatives (the effects'
 * harm), plans against dependencies and deadlines, so that ticking every
 * box with « x » in every field does not reach « acquis ».
 */
#include <stdlib.h>
#include <string.h>

#include "core/effects.h"
#include "core/game_internal.h"
#include "core/prose.h"
#include "util/i18n.h"

#define IND_ACQUIRED	70	/* « acquis » from this figure */
#define IND_PARTLY	40	/* « partiellement acquis » from this one */
#define IND_CRITICAL_CAP 35	/* C14 at most, a critical package missing */

const char *const game_e3_level_labels[E3_LEVEL_COUNT] = {
	N_("non évaluable"), N_("non acquis"), N_("partiellement acquis"),
	N_("acquis")
};

const char *const game_point_part_labels[POINT_PART_QUALITY_COUNT] = {
	N_("vide"), N_("trop succinct"), N_("non ancré dans la situation"),
	N_("complet")
};

enum e3_level
game_e3_level(const struct team_result *r, int c)
{
	if (!r->e3_assessed[c])
		return E3_LEVEL_NA;
	return r->e3[c] >= IND_ACQUIRED ? E3_LEVEL_ACQUIRED :
	    r->e3[c] >= IND_PARTLY ? E3_LEVEL_PARTLY : E3_LEVEL_NOT;
}

static int
ind_clamp(int v)
{
	return v < 0 ? 0 : v > 100 ? 100 : v;
}

static void
ind_evidence(struct team_result *r, int c, int64_t seq)
{
	int	 i;

	if (seq <= 0)
		return;
	for (i = 0; i < r->e3_nevidence[c]; i++)
		if (r->e3_evidence[c][i] == seq)
			return;
	r->e3_evidence[c] = xgrow(r->e3_evidence[c],
	    (size_t)r->e3_nevidence[c], sizeof(int64_t));
	r->e3_evidence[c][r->e3_nevidence[c]++] = seq;
}

static void
ind_comment(struct team_result *r, int c, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
ind_comment(struct team_result *r, int c, const char *fmt, ...)
{
	va_list	 ap;

	later_free(r->e3_comment[c]);
	va_start(ap, fmt);
	r->e3_comment[c] = later_newv(fmt, ap);
	va_end(ap);
}

/* Every word of the team's writings: missions and their justifications,
 * status points, answers to incidents.  Read once per computation of the
 * indicators; ind_written asks it about each name. */
static void
ind_writings(const struct game *g, const struct team *t,
    struct prose_set *set)
{
	int	 i;

	for (i = 0; i < g->scenario->nroles; i++) {
		prose_set_add(set, t->missions[i]);
		prose_set_add(set, t->mission_why[i]);
	}
	for (i = 0; i < t->nrequests; i++) {
		prose_set_add(set, t->requests[i].risks);
		prose_set_add(set, t->requests[i].arbitrations);
		prose_set_add(set, t->requests[i].tracking);
	}
	for (i = 0; i < t->noccurrences; i++)
		prose_set_add(set, t->occurrences[i].why);
}

/* Whether any of the team's writings (ind_writings) names `name`. */
static bool
ind_written(const struct prose_set *writings, const char *name)
{
	return prose_set_mentions(writings, name);
}

/* Whether text (its words: set) names something the team faces now: an
 * incident it received, a package, a supplier, a person, a tool, or a
 * figure. */
static bool
ind_grounded(const struct game *g, const struct team *t, const char *text,
    const struct prose_set *set)
{
	const struct scenario	*s = g->scenario;
	int			 i;

	if (prose_has_figure(text))
		return true;
	for (i = 0; i < t->noccurrences; i++)
		if (prose_set_mentions(set, game_occurrence_incident(g,
		    &t->occurrences[i])->title))
			return true;
	for (i = 0; i < s->npackages; i++)
		if (prose_set_mentions(set, s->packages[i].name))
			return true;
	for (i = 0; i < s->nsuppliers; i++)
		if (prose_set_mentions(set, s->suppliers[i].name))
			return true;
	for (i = 0; i < s->nstaff; i++)
		if (prose_set_mentions(set, s->staff[i].name))
			return true;
	for (i = 0; i < s->ntools; i++)
		if (t->tools[i] && (prose_set_mentions(set, s->tools[i].id) ||
		    prose_set_mentions(set, s->tools[i].name)))
			return true;
	return false;
}

void
game_point_judge(const struct game *g, const struct team *t,
    struct status_request *r)
{
	const char	*parts[3] = { r->risks, r->arbitrations, r->tracking };
	int		 i;

	struct prose_set set = { 0 };

	for (i = 0; i < 3; i++) {
		prose_set_clear(&set);
		prose_set_add(&set, parts[i]);
		r->parts[i] = set.total == 0 ? PART_EMPTY :
		    !prose_set_substantive(&set, PROSE_POINT_PART) ? PART_THIN :
		    !ind_grounded(g, t, parts[i], &set) ? PART_UNGROUNDED :
		    PART_COMPLETE;
	}
	prose_set_release(&set);
}

int
game_point_score(const struct status_request *r)
{
	static const int part_value[POINT_PART_QUALITY_COUNT] = {
	    [PART_EMPTY] = 0, [PART_THIN] = 15, [PART_UNGROUNDED] = 50,
	    [PART_COMPLETE] = 100 };
	int	 i, v = 0;

	if (!r->submitted)
		return 0;
	for (i = 0; i < 3; i++)
		v += part_value[r->parts[i]];
	v /= 3;
	if (r->late)
		v /= 2;
	if (r->max_words > 0 && r->words > r->max_words)
		v = v * 70 / 100;
	return v;
}

/* C11: every package placed after its predecessors and by its deadline. */
static void
ind_retroplanning(const struct game *g, const struct team *t,
    struct team_result *r)
{
	const struct scenario	*s = g->scenario;
	int			 i, j, planned = 0, coherent = 0;
	int			 internal = 0, external = 0;

	for (i = 0; i < s->npackages; i++) {
		const struct package_state *p = &t->packages[i];
		bool ok;

		if (p->plan_start == 0)
			continue;
		planned++;
		ind_evidence(r, E3_RETROPLANNING, p->planned_seq);
		if (p->owner == OWNER_SUPPLIER)
			external++;
		else if (p->owner == OWNER_INTERNAL)
			internal++;
		ok = p->plan_end <= game_package_due_week(s, i);
		for (j = 0; j < s->packages[i].nafter; j++) {
			const struct package_state *q =
			    &t->packages[s->packages[i].after[j]];

			if (q->plan_start == 0 || q->plan_end >= p->plan_start)
				ok = false;
		}
		coherent += ok;
	}
	r->e3_assessed[E3_RETROPLANNING] = s->npackages > 0;
	r->e3[E3_RETROPLANNING] = s->npackages > 0 ? coherent * 100 /
	    s->npackages : 0;
	if (internal == 0 || external == 0)
		r->e3[E3_RETROPLANNING] /= 2;
	ind_comment(r, E3_RETROPLANNING, N_("%d lot(s) sur %d planifiés, dont "
	    "%d dans l'ordre des dépendances et avant leur échéance ; %d "
	    "interne(s), %d chez des prestataires"), planned, s->npackages,
	    coherent, internal, external);
}

/* CR11–13: a coordination tool chosen, kept, named, used with suppliers. */
static void
ind_tool(const struct game *g, const struct team *t,
    const struct prose_set *writings, struct team_result *r)
{
	const struct scenario	*s = g->scenario;
	int			 per_category[TOOL_CATEGORY_COUNT] = { 0 };
	int			 i, chosen = 0, named = 0, exchange = 0;
	int			 redundant = 0, v = 0;
	const char		*first = NULL;

	for (i = 0; i < s->ntools; i++) {
		bool coordination = s->tools[i].category ==
		    TOOL_PROJECT_MANAGEMENT ||
		    s->tools[i].category == TOOL_MESSAGING;
		int early;

		if (!t->tools[i])
			continue;
		if (++per_category[s->tools[i].category] > 1)
			redundant++;
		if (!coordination)
			continue;
		ind_evidence(r, E3_TOOL, t->tools_seq[i]);
		early = t->framing_seq == 0 || t->tools_seq[i] < t->framing_seq ?
		    40 : 20;
		if (early > chosen) {
			chosen = early;
			first = s->tools[i].name;	/* the earliest */
		}
		if (ind_written(writings, s->tools[i].id) ||
		    ind_written(writings, s->tools[i].name))
			named = 40;
	}
	for (i = 0; i < s->nsuppliers; i++) {
		int k = t->suppliers[i].tool;

		if (t->suppliers[i].framed && k >= 0 && t->tools[k] &&
		    (s->tools[k].category == TOOL_PROJECT_MANAGEMENT ||
		    s->tools[k].category == TOOL_MESSAGING)) {
			exchange = 20;
			ind_evidence(r, E3_TOOL, t->suppliers[i].framed_seq);
		}
	}
	if (chosen > 0)
		v = chosen + named + exchange;
	r->e3_assessed[E3_TOOL] = true;
	r->e3[E3_TOOL] = ind_clamp(v - 30 * redundant);
	if (chosen == 0)
		ind_comment(r, E3_TOOL, N_("aucun outil de coordination "
		    "(gestion de projet ou messagerie) gardé jusqu'au "
		    "lancement"));
	else
		ind_comment(r, E3_TOOL, N_("%s choisi %s, %s dans les écrits "
		    "de l'équipe, %s ; %d outil(s) redondant(s)"), first,
		    chosen == 40 ? _("au cadrage") : _("en cours de pilotage"),
		    named ? _("nommé") : _("jamais nommé"), exchange ?
		    _("outil d'échange avec un prestataire") :
		    _("outil d'échange avec aucun prestataire"), redundant);
}

/* C11: the framing the plan's checks found coherent at opening. */
static void
ind_framing(const struct team *t, struct team_result *r)
{
	r->e3_assessed[E3_FRAMING] = true;
	r->e3[E3_FRAMING] = t->framing_seq > 0 ?
	    ind_clamp(100 - 15 * t->framing_issues) : 0;
	ind_evidence(r, E3_FRAMING, t->framing_seq);
	if (t->framing_seq == 0)
		ind_comment(r, E3_FRAMING, N_("le pilotage ne s'est pas "
		    "ouvert"));
	else if (t->framing_issues == 0)
		ind_comment(r, E3_FRAMING, N_("cadrage sans alerte à "
		    "l'ouverture du pilotage"));
	else {
		/* The first three; the plan's alerts are all in the team's
		 * screens and the report. */
		const char *all = t->framing_summary ? t->framing_summary : "";
		const char *p = all;
		int k;

		for (k = 0; k < 3 && p != NULL; k++)
			if ((p = strstr(p, " ; ")) != NULL && k < 2)
				p += 3;
		if (t->framing_issues > 3 && p != NULL)
			ind_comment(r, E3_FRAMING, N_("%d alerte(s) à l'ouverture "
			    "du pilotage, dont : %.*s…"), t->framing_issues,
			    (int)(p - all), all);
		else
			ind_comment(r, E3_FRAMING, N_("%d alerte(s) à l'ouverture "
			    "du pilotage : %s"), t->framing_issues, all);
	}
}

/* Meetings a week (×4: monthly is 1) a rhythm gives. */
static int
ind_meetings_x4(enum meeting_frequency m)
{
	return m == MEETINGS_WEEKLY ? 4 : m == MEETINGS_FORTNIGHTLY ? 2 :
	    m == MEETINGS_MONTHLY ? 1 : 0;
}

/* C12: each relationship framed with substance. */
static void
ind_suppliers(const struct game *g, const struct team *t,
    struct team_result *r)
{
	const struct scenario	*s = g->scenario;
	int			 i, p, used = 0, sum = 0, framed = 0;

	for (i = 0; i < s->nsuppliers; i++) {
		const struct supplier_state *ss = &t->suppliers[i];
		int lead = 0, npk = 0, v = 0, x4;

		if (!game_supplier_used(s, t, i))
			continue;
		used++;
		for (p = 0; p < s->npackages; p++) {
			const struct package_state *ps = &t->packages[p];

			if (ps->owner != OWNER_SUPPLIER || ps->supplier != i)
				continue;
			npk++;
			if (s->suppliers[i].offers[ps->offer].lead > lead)
				lead = s->suppliers[i].offers[ps->offer].lead;
		}
		if (!ss->framed)
			continue;
		framed++;
		ind_evidence(r, E3_SUPPLIERS, ss->framed_seq);
		/* A meeting at least every quarter of the work's duration. */
		x4 = ind_meetings_x4(ss->meetings);
		if (x4 > 0 && x4 * lead >= 4)
			v += 25;
		if (prose_substantive(ss->format, PROSE_FORMAT))
			v += 25;
		if (prose_substantive(ss->acceptance, PROSE_ACCEPTANCE))
			v += 25;
		/* An hour a week per package at least, 8 at most. */
		if (ss->hours >= npk && ss->hours <= 8 * npk)
			v += 15;
		if (ss->tool >= 0)
			v += 10;
		sum += v;
	}
	r->e3_assessed[E3_SUPPLIERS] = used > 0;
	r->e3[E3_SUPPLIERS] = used > 0 ? sum / used : 0;
	if (used == 0)
		ind_comment(r, E3_SUPPLIERS, N_("aucun lot confié à un "
		    "prestataire : critère non évaluable"));
	else
		ind_comment(r, E3_SUPPLIERS, N_("%d relation(s) cadrée(s) sur "
		    "%d, qualité moyenne du cadrage %d/100"), framed, used,
		    r->e3[E3_SUPPLIERS]);
}

/* C13: packages owned, missions written, roles spread, load, method. */
static void
ind_team(const struct game *g, const struct team *t, struct team_result *r)
{
	const struct scenario	*s = g->scenario;
	bool			 holders[GAME_MAX_CANDIDATES] = { false };
	int			 i, j, owned = 0, roles = 0, written = 0;
	int			 spread = 0, overloaded = 0, justified = 0;
	int			 load, cap, v, expect;

	for (i = 0; i < s->npackages; i++)
		if (t->packages[i].owner != OWNER_NONE) {
			owned++;
			ind_evidence(r, E3_TEAM, t->packages[i].assigned_seq);
		}
	for (i = 0; i < s->nroles; i++) {
		if (t->mission_holder[i] >= 0 && t->mission_holder[i] <
		    GAME_MAX_CANDIDATES && !holders[t->mission_holder[i]]) {
			holders[t->mission_holder[i]] = true;
			spread++;
		}
		if (prose_substantive(t->mission_why[i], PROSE_WHY))
			justified = 1;
		if (!s->roles[i].required)
			continue;
		roles++;
		if (prose_substantive(t->missions[i], PROSE_MISSION))
			written++;
		ind_evidence(r, E3_TEAM, t->mission_seq[i]);
	}
	/* Load: person-days given to each person within what they have. */
	for (j = 0; j < s->nstaff; j++) {
		for (i = load = 0; i < s->npackages; i++) {
			const struct package_state *p = &t->packages[i];
			int k, n = 0;

			if (p->owner != OWNER_INTERNAL || !p->staff[j])
				continue;
			for (k = 0; k < s->nstaff; k++)
				n += p->staff[k];
			load += s->packages[i].workload / (n > 0 ? n : 1);
		}
		cap = s->staff[j].availability * s->weeks;
		if (load > cap)
			overloaded++;
	}
	expect = s->nroles < t->ncandidates ? s->nroles : t->ncandidates;
	v = (s->npackages > 0 ? owned * 25 / s->npackages : 25) +
	    (roles > 0 ? written * 25 / roles : 25) +
	    (expect > 0 ? spread * 25 / expect : 25) +
	    (overloaded == 0 ? 15 : 0) + justified * 10;
	r->e3_assessed[E3_TEAM] = true;
	r->e3[E3_TEAM] = ind_clamp(v);
	ind_comment(r, E3_TEAM, N_("%d lot(s) sur %d confiés ; missions "
	    "rédigées pour %d rôle(s) obligatoire(s) sur %d ; rôles tenus par "
	    "%d candidat(s) sur %d possibles ; %d équipier(s) surchargé(s) ; "
	    "méthode %s"), owned, s->npackages, written, roles, spread,
	    expect, overloaded, justified ? _("justifiée") :
	    _("non justifiée"));
}

/* Needs met and analysed, deliverables accessible. */
static void
ind_accessibility(const struct game *g, const struct team *t,
    const struct prose_set *writings, struct team_result *r)
{
	const struct scenario	*s = g->scenario;
	int			 i, j, needs = 0, met = 0, analysed = 0;
	int			 concerned = 0, compliant = 0, v = 0, w = 0;

	for (i = 0; i < s->nstaff; i++) {
		bool named = s->staff[i].nneeds > 0 &&
		    ind_written(writings, s->staff[i].name);

		for (j = 0; j < s->staff[i].nneeds; j++) {
			needs++;
			if (!t->staff[i].accommodated[j])
				continue;
			met++;
			analysed += named;
			ind_evidence(r, E3_ACCESSIBILITY,
			    t->staff[i].accommodated_seq[j]);
		}
	}
	for (i = 0; i < s->npackages; i++) {
		if (!s->packages[i].accessibility)
			continue;
		concerned++;
		if (t->packages[i].status == PKG_DONE &&
		    t->packages[i].accessible) {
			compliant++;
			ind_evidence(r, E3_ACCESSIBILITY,
			    t->packages[i].assigned_seq);
		}
	}
	if (needs > 0) {
		v += met * 40 / needs + analysed * 20 / needs;
		w += 60;
	}
	if (concerned > 0) {
		v += compliant * 40 / concerned;
		w += 40;
	}
	r->e3_assessed[E3_ACCESSIBILITY] = w > 0;
	r->e3[E3_ACCESSIBILITY] = w > 0 ? v * 100 / w : 0;
	if (w == 0)
		ind_comment(r, E3_ACCESSIBILITY, N_("ni besoin d'aménagement ni "
		    "livrable concerné : critère non évaluable"));
	else
		ind_comment(r, E3_ACCESSIBILITY, N_("%d besoin(s) "
		    "d'aménagement couvert(s) sur %d, dont %d analysé(s) par "
		    "écrit ; %d livrable(s) accessible(s) sur %d concerné(s)"),
		    met, needs, analysed, compliant, concerned);
}

/* How well an answered occurrence was chosen, 0..100: the chosen option
 * against the least and the most harmful of its alternatives. */
static int
ind_choice(const struct team *t, const struct occurrence *o,
    const struct incident *inc, int option)
{
	int64_t	 best = 0, worst = 0, h, mine;
	int	 j;

	if (option < 0 || option >= inc->noptions)
		return 0;
	for (j = 0; j < inc->noptions; j++) {
		h = effects_harm_for(&inc->options[j].effects, t, o, false);
		if (j == 0 || h < best)
			best = h;
		if (j == 0 || h > worst)
			worst = h;
	}
	mine = effects_harm_for(&inc->options[option].effects, t, o,
	    false);
	return worst == best ? 100 : (int)((worst - mine) * 100 /
	    (worst - best));
}

/* C14: incidents, budget both ways, delivery, corrections, criticals. */
static void
ind_pilotage(const struct game *g, const struct team *t,
    struct team_result *r)
{
	int			 i, answered = 0, incidents = 0, v;
	int			 occ_sum = 0, choice_sum = 0, corrected = 0;

	for (i = 0; i < t->noccurrences; i++) {
		const struct occurrence *o = &t->occurrences[i];
		int c;

		incidents++;
		if (o->status != OCC_ANSWERED)
			continue;
		answered++;
		c = ind_choice(t, o, game_occurrence_incident(g, o), o->option);
		choice_sum += c;
		occ_sum += 40 + 40 * c / 100 +
		    (prose_substantive(o->why, PROSE_WHY) ? 20 : 0);
		ind_evidence(r, E3_PILOTAGE, o->closed_seq);
	}
	for (i = 0; i < t->ncorrections; i++) {
		ind_evidence(r, E3_PILOTAGE, t->corrections[i]);
		if (t->drift_seq > 0 && t->corrections[i] > t->drift_seq)
			corrected = 1;
	}
	ind_evidence(r, E3_PILOTAGE, t->drift_seq);
	if (incidents > 0)
		v = occ_sum / incidents * 40 / 100 +
		    r->scores[RESULT_BUDGET] * 30 / 100 +
		    r->scores[RESULT_DELIVERY] * 30 / 100;
	else
		v = (r->scores[RESULT_BUDGET] + r->scores[RESULT_DELIVERY]) / 2;
	if (t->drift_seq > 0 && !corrected)
		v -= 15;
	v = ind_clamp(v);
	if (r->critical_missing > 0 && v > IND_CRITICAL_CAP)
		v = IND_CRITICAL_CAP;
	r->e3_assessed[E3_PILOTAGE] = g->phase != PHASE_FRAMING;
	r->e3[E3_PILOTAGE] = v;
	ind_comment(r, E3_PILOTAGE, N_("%d incident(s) traité(s) à temps sur "
	    "%d (choix : %d/100 en moyenne face aux autres options) ; budget "
	    "%d/100 ; livraison %d/100 ; %s%s"), answered, incidents,
	    answered > 0 ? choice_sum / answered : 0, r->scores[RESULT_BUDGET],
	    r->scores[RESULT_DELIVERY], t->drift_seq == 0 ?
	    _("pas de dérive budgétaire") : corrected ?
	    _("dérive budgétaire suivie d'une action corrective") :
	    _("dérive budgétaire sans action corrective"),
	    r->critical_missing > 0 ? _(" ; lancement compromis : lot "
	    "critique non livré") : "");
}

/* CR14: each point's three parts, its time and its length. */
static void
ind_points(const struct team *t, struct team_result *r)
{
	int	 i, sum = 0, on_time = 0, complete = 0, late = 0, missing = 0;

	for (i = 0; i < t->nrequests; i++) {
		const struct status_request *q = &t->requests[i];

		sum += game_point_score(q);
		ind_evidence(r, E3_STATUS_POINTS, q->requested_seq);
		ind_evidence(r, E3_STATUS_POINTS, q->submitted_seq);
		if (!q->submitted) {
			missing++;
			continue;
		}
		if (q->late)
			late++;
		else
			on_time++;
		complete += q->parts[0] == PART_COMPLETE &&
		    q->parts[1] == PART_COMPLETE && q->parts[2] == PART_COMPLETE;
	}
	r->e3_assessed[E3_STATUS_POINTS] = t->nrequests > 0;
	r->e3[E3_STATUS_POINTS] = t->nrequests > 0 ? sum / t->nrequests : 0;
	if (t->nrequests == 0)
		ind_comment(r, E3_STATUS_POINTS, N_("aucun point de situation "
		    "demandé : critère non évaluable dans cette session"));
	else
		ind_comment(r, E3_STATUS_POINTS, N_("%d point(s) demandé(s) : %d "
		    "à l'heure, %d en retard, %d non rendu(s) ; %d complet(s) "
		    "dans ses trois parties"), t->nrequests, on_time, late,
		    missing, complete);
}

void
game_indicators(const struct game *g, struct team *t)
{
	const struct scenario	*s = g->scenario;
	struct team_result	*r = &t->result;
	struct prose_set	 writings = { 0 };
	int			 i, weights = 0, sum = 0;

	/* Previews recompute everything: no evidence from an older plan. */
	for (i = 0; i < E3_CRITERION_COUNT; i++)
		r->e3_nevidence[i] = 0;
	ind_retroplanning(g, t, r);
	ind_writings(g, t, &writings);
	ind_tool(g, t, &writings, r);
	ind_framing(t, r);
	ind_suppliers(g, t, r);
	ind_team(g, t, r);
	ind_accessibility(g, t, &writings, r);
	prose_set_release(&writings);
	ind_pilotage(g, t, r);
	ind_points(t, r);
	for (i = 0; i < E3_CRITERION_COUNT; i++) {
		if (!r->e3_assessed[i])
			continue;
		weights += s->scoring.e3[i];
		sum += s->scoring.e3[i] * r->e3[i];
	}
	r->e3_score = weights > 0 ? sum / weights : 0;
}
