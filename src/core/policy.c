/*
 * policy: the built-in players (see policy.h).  Each move is an event with
 * the team's first candidate as actor; times are left at 0 for the caller
 * to stamp.
 */
#include <stdlib.h>
#include <string.h>

#include "core/effects.h"
#include "core/game_internal.h"
#include "core/ledger.h"
#include "core/policy.h"
#include "core/scenario_check.h"
#include "util/i18n.h"
#include "util/text.h"

const char *const policy_names[POLICY_COUNT] = {
	"passive", "cautious", "aggressive", "form-filler"
};

static struct event *
policy_move(const struct game *g, int team, struct policy_moves *m,
    const char *type)
{
	struct event	*e;

	m->events = xgrow(m->events, (size_t)m->count, sizeof *m->events);
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

/* How a policy rates an offer: cautious, reliability, quality,
 * accessibility and a short lead; the others, the price. */
static int
policy_offer_score(const struct scenario *s, int sup, int offer,
    enum policy_kind kind)
{
	const struct offer	*o = &s->suppliers[sup].offers[offer];

	return kind == POLICY_CAUTIOUS ? s->suppliers[sup].reliability * 2 +
	    o->quality + (o->accessible ? 20 : 0) - o->lead * 10 :
	    -(int)(o->price / 10000);
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
			if (s->suppliers[i].offers[j].package != p)
				continue;
			score = policy_offer_score(s, i, j, kind);
			if (best < 0 || score > best_score) {
				best = i;
				best_score = score;
				*offer = j;
			}
		}
	}
	return best;
}

/* Who does package p and how long it takes. */
struct policy_choice {
	int	 staff, second;		/* internal, or -1 */
	int	 sup, offer;		/* supplier, or -1 */
};

static int
policy_weeks(const struct scenario *s, int p, const struct policy_choice *c)
{
	int	 cap, days;

	if (c->sup >= 0)
		return s->suppliers[c->sup].offers[c->offer].lead;
	if (c->staff < 0)
		return 0;
	cap = s->staff[c->staff].availability + (c->second >= 0 ?
	    s->staff[c->second].availability : 0);
	/* The cautious player asks for accessible work: 15 % more. */
	days = s->packages[p].workload * (s->packages[p].accessibility ?
	    115 : 100);
	return (days + cap * 100 - 1) / (cap * 100);
}

/* What a choice costs the budget, in cents (core/ledger.c's planned). */
static int64_t
policy_cost(const struct scenario *s, int p, const struct policy_choice *c)
{
	int64_t	 daily, days;

	if (c->sup >= 0)
		return s->suppliers[c->sup].offers[c->offer].price;
	if (c->staff < 0)
		return 0;
	daily = c->second >= 0 ? (s->staff[c->staff].daily_cost +
	    s->staff[c->second].daily_cost) / 2 : s->staff[c->staff].daily_cost;
	days = s->packages[p].workload * 100;
	if (s->packages[p].accessibility)
		days += days * 15 / 100;
	return daily * days / 100;
}

/* The cautious rating of a choice (internal work: a reliable team). */
static int
policy_rating(const struct scenario *s, int p, const struct policy_choice *c)
{
	return c->sup >= 0 ? policy_offer_score(s, c->sup, c->offer,
	    POLICY_CAUTIOUS) : 150 + 70 + 20 - policy_weeks(s, p, c) * 10;
}

/* What the cautious plan may spend on packages: the envelope less the
 * reserve it sets, its tools, the accommodations and a 3 % margin. */
static int64_t
policy_package_budget(const struct scenario *s)
{
	int64_t	 b = s->envelope - s->envelope / 100 *
	    (s->reserve_min + s->reserve_max) / 2 - s->envelope * 3 / 100;
	int	 i, j, pm, chat;

	for (i = pm = chat = 0; i < s->ntools; i++) {
		int *n = s->tools[i].category == TOOL_PROJECT_MANAGEMENT ? &pm :
		    s->tools[i].category == TOOL_MESSAGING ? &chat : NULL;

		if (n == NULL || (*n)++ > 0)
			continue;
		b -= s->tools[i].cost + s->tools[i].weekly_cost * s->weeks;
	}
	for (i = 0; i < s->nstaff; i++)
		for (j = 0; j < s->staff[i].nneeds; j++)
			b -= s->staff[i].needs[j].cost;
	for (i = 0; i < s->npackages; i++)
		b -= s->packages[i].fixed_cost;
	return b;
}

/*
 * Cautious: while the plan costs more than the budget allows, swap the
 * offer that loses the least rating per euro saved for another (the
 * team's own people are not added: the plan does not weigh their load).
 */
static void
policy_fit_budget(const struct scenario *s, struct policy_choice *c)
{
	int64_t	 total = 0, budget = policy_package_budget(s), saving;
	int	 p, i, j, guard, best_p;
	struct policy_choice alt, best_alt = { -1, -1, -1, -1 };
	double	 ratio, best_ratio;

	for (p = 0; p < s->npackages; p++)
		total += policy_cost(s, p, &c[p]);
	for (guard = 0; total > budget && guard < 4 * s->npackages; guard++) {
		best_p = -1;
		best_ratio = 0;
		for (p = 0; p < s->npackages; p++) {
			if (c[p].sup < 0)
				continue;
			for (i = 0; i < s->nsuppliers; i++) {
				for (j = 0; j < s->suppliers[i].noffers; j++) {
					if (s->suppliers[i].offers[j].package !=
					    p)
						continue;
					alt.sup = i;
					alt.offer = j;
					alt.staff = alt.second = -1;
					saving = policy_cost(s, p, &c[p]) -
					    policy_cost(s, p, &alt);
					if (saving <= 0)
						continue;
					ratio = (double)(policy_rating(s, p,
					    &c[p]) - policy_rating(s, p, &alt)) /
					    (double)saving;
					if (best_p < 0 || ratio < best_ratio) {
						best_p = p;
						best_ratio = ratio;
						best_alt = alt;
					}
				}
			}
		}
		if (best_p < 0)
			break;
		total -= policy_cost(s, best_p, &c[best_p]) -
		    policy_cost(s, best_p, &best_alt);
		c[best_p] = best_alt;
	}
}

static void
policy_assign(const struct game *g, int team, enum policy_kind kind,
    struct policy_moves *m, struct policy_choice *c)
{
	const struct scenario	*s = g->scenario;
	struct policy_choice	 in;
	struct event		*e;
	int			 p;
	int64_t			 internal_cost, offer_price;

	for (p = 0; p < s->npackages; p++) {
		c[p].staff = c[p].second = c[p].sup = c[p].offer = -1;
		c[p].staff = s->packages[p].mode == MODE_EXTERNAL ? -1 :
		    policy_best_staff(s, p);
		if (kind == POLICY_CAUTIOUS && c[p].staff >= 0)
			c[p].second = policy_second_staff(s, p, c[p].staff);
		c[p].sup = s->packages[p].mode == MODE_INTERNAL ? -1 :
		    policy_offer(s, p, kind, &c[p].offer);
		if (c[p].staff < 0 || c[p].sup < 0)
			continue;
		in = c[p];
		in.sup = in.offer = -1;
		internal_cost = policy_cost(s, p, &in);
		offer_price = s->suppliers[c[p].sup].offers[c[p].offer].price;
		/* Cautious keeps in the team what it does as fast. */
		if (kind == POLICY_CAUTIOUS ? policy_weeks(s, p, &in) <=
		    s->suppliers[c[p].sup].offers[c[p].offer].lead :
		    internal_cost <= offer_price)
			c[p].sup = c[p].offer = -1;
		else
			c[p].staff = c[p].second = -1;
	}
	if (kind == POLICY_CAUTIOUS)
		policy_fit_budget(s, c);
	for (p = 0; p < s->npackages; p++) {
		e = policy_move(g, team, m, "attribuer");
		record_set_text(&e->data, "lot", s->packages[p].id);
		if (c[p].sup >= 0) {
			record_set_text(&e->data, "prestataire",
			    s->suppliers[c[p].sup].id);
			event_set(&e->why, kind == POLICY_CAUTIOUS ?
			    "Offre retenue pour sa fiabilité, sa qualité, son "
			    "délai et son prix dans l'enveloppe" :
			    kind == POLICY_FORM_FILLER ? "x" :
			    "Offre la moins chère");
		} else if (c[p].staff >= 0) {
			if (c[p].second >= 0) {
				char *both = xasprintf("%s,%s",
				    s->staff[c[p].staff].id,
				    s->staff[c[p].second].id);

				record_set_text(&e->data, "interne", both);
				free(both);
			} else
				record_set_text(&e->data, "interne",
				    s->staff[c[p].staff].id);
			if (kind == POLICY_CAUTIOUS &&
			    s->packages[p].accessibility)
				record_set_text(&e->data, "accessibilite",
				    "oui");
		}
	}
}

/* Centi-days of package p that person who[x] of the n on it carries:
 * in proportion to availability, as core/plan.c counts a plan's load. */
static int
policy_share(const struct scenario *s, int p, const int *who, int n, int x)
{
	int	 i, sum = 0;

	for (i = 0; i < n; i++)
		sum += s->staff[who[i]].availability;
	return s->packages[p].workload * 100 *
	    s->staff[who[x]].availability / sum;
}

/*
 * The plan: each package after its predecessors, as early as it can end.
 * In-house work is spread over more weeks, or later, until no one it
 * names is planned beyond his availability in any week (core/plan.c's
 * load: the workload shared evenly over the weeks and the people), as
 * long as it still ends by its deadline.
 */
static void
policy_plan(const struct game *g, int team, struct policy_moves *m,
    const struct policy_choice *c)
{
	const struct scenario	*s = g->scenario;
	const int		 W = s->weeks;
	struct event		*e;
	int			*start, *end, *load, p, j, k, w, d, st, en, guard;
	int			 first, who[2], n, per, placed, due;
	bool			 ok, ready;

	start = xcalloc((size_t)s->npackages + 1, sizeof *start);
	end = xcalloc((size_t)s->npackages + 1, sizeof *end);
	load = xcalloc((size_t)(s->nstaff + 1) * (size_t)(W + 2), sizeof *load);
	for (guard = 0, placed = 0; placed < s->npackages &&
	    guard <= s->npackages; guard++) {
		for (p = 0; p < s->npackages; p++) {
			if (end[p] != 0)
				continue;
			first = 1;
			ready = true;
			for (j = 0; j < s->packages[p].nafter; j++) {
				int q = s->packages[p].after[j];

				if (end[q] == 0)
					ready = false;
				else if (end[q] + 1 > first)
					first = end[q] + 1;
			}
			if (!ready)
				continue;
			if (first > W)
				first = W;
			w = policy_weeks(s, p, &c[p]);
			if (w < 1)
				w = 1;
			st = first;
			en = first + w - 1;
			n = 0;
			if (c[p].sup < 0 && c[p].staff >= 0) {
				who[n++] = c[p].staff;
				if (c[p].second >= 0)
					who[n++] = c[p].second;
			}
			/* Within the package's deadline only: else as soon
			 * as possible, overload and all (the plan says so). */
			due = game_package_due_week(s, p);
			for (ok = n == 0, k = first + w - 1; !ok && k <= due;
			    k++)
				/* Starting first, spread over more weeks. */
				for (d = k - first + 1; !ok && d >= w; d--) {
					ok = true;
					for (j = k - d + 1; ok && j <= k; j++)
						for (int x = 0; x < n; x++) {
							per = policy_share(s, p,
							    who, n, x) / d;
							if (load[who[x] * (W + 2) +
							    j] + per > s->staff[
							    who[x]].availability * 100)
								ok = false;
						}
					if (ok) {
						st = k - d + 1;
						en = k;
					}
				}
			if (en > W)
				en = W;
			for (j = st; n > 0 && j <= en; j++)
				for (int x = 0; x < n; x++)
					load[who[x] * (W + 2) + j] +=
					    policy_share(s, p, who, n, x) /
					    (en - st + 1);
			start[p] = st;
			end[p] = en;
			placed++;
		}
	}
	for (p = 0; p < s->npackages; p++) {
		if (end[p] == 0)
			continue;
		e = policy_move(g, team, m, "planifier");
		record_set_text(&e->data, "lot", s->packages[p].id);
		record_set_int(&e->data, "debut", start[p]);
		record_set_int(&e->data, "fin", end[p]);
	}
	free(start);
	free(end);
	free(load);
}

/* The team's coordination tools: project management and messaging. */
static void
policy_tools(const struct scenario *s, int *pm, int *chat)
{
	int	 i;

	*pm = *chat = -1;
	for (i = 0; i < s->ntools; i++) {
		if (s->tools[i].category == TOOL_PROJECT_MANAGEMENT && *pm < 0)
			*pm = i;
		if (s->tools[i].category == TOOL_MESSAGING && *chat < 0)
			*chat = i;
	}
}

/* The form-filler: every box ticked, « x » in every field. */
static void
policy_fill_forms(const struct game *g, int team, struct policy_moves *m)
{
	const struct scenario	*s = g->scenario;
	struct event		*e;
	int			 i, j;

	for (i = 0; i < s->npackages; i++) {
		e = policy_move(g, team, m, "planifier");
		record_set_text(&e->data, "lot", s->packages[i].id);
		record_set_int(&e->data, "debut", 1);
		record_set_int(&e->data, "fin", s->weeks);
	}
	for (i = 0; i < s->ntools; i++) {
		e = policy_move(g, team, m, "outil");
		record_set_text(&e->data, "outil", s->tools[i].id);
	}
	for (i = 0; i < s->nstaff; i++)
		for (j = 0; j < s->staff[i].nneeds; j++) {
			e = policy_move(g, team, m, "amenager");
			record_set_text(&e->data, "membre", s->staff[i].id);
			record_set_int(&e->data, "besoin", j + 1);
		}
	for (i = 0; i < s->nroles; i++) {
		e = policy_move(g, team, m, "mission");
		record_set_text(&e->data, "role", s->roles[i].id);
		record_set_text(&e->data, "candidat",
		    g->teams[team].candidates[0].name);
		record_set_text(&e->data, "texte", "x");
		event_set(&e->why, "x");
	}
	e = policy_move(g, team, m, "reserve");
	record_set_int(&e->data, "montant", s->envelope / 100 *
	    s->reserve_min / 100);
	for (i = 0; i < s->nsuppliers; i++) {
		e = policy_move(g, team, m, "cadrer");
		record_set_text(&e->data, "prestataire", s->suppliers[i].id);
		record_set_text(&e->data, "reunions", "mensuelle");
		record_set_text(&e->data, "format", "x");
		record_set_text(&e->data, "recette", "x");
		record_set_int(&e->data, "heures", 1);
		if (s->ntools > 0)
			record_set_text(&e->data, "outil", s->tools[0].id);
	}
}

/* The people with needs, named: the written analysis the seed asks for. */
static char *
policy_needs_text(const struct scenario *s)
{
	char	*out = NULL;
	int	 i;

	for (i = 0; i < s->nstaff; i++)
		if (s->staff[i].nneeds > 0)
			xappendf(&out, ", ", "%s (%s)", s->staff[i].name,
			    s->staff[i].needs[0].detail);
	return out;
}

void
policy_frame(const struct game *g, int team, enum policy_kind kind,
    struct policy_moves *m)
{
	const struct scenario	*s = g->scenario;
	const struct team	*t = &g->teams[team];
	struct event		*e;
	char			*needs, *text;
	struct policy_choice	*choice;
	int			 i, j, pm, chat, npk;

	m->events = NULL;
	m->count = 0;
	choice = xcalloc((size_t)s->npackages + 1, sizeof *choice);
	policy_assign(g, team, kind, m, choice);
	if (kind == POLICY_PASSIVE) {
		free(choice);
		return;
	}
	if (kind == POLICY_FORM_FILLER) {
		free(choice);
		policy_fill_forms(g, team, m);
		return;
	}
	policy_plan(g, team, m, choice);
	free(choice);
	if (kind == POLICY_AGGRESSIVE)
		return;
	policy_tools(s, &pm, &chat);
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
	needs = policy_needs_text(s);
	for (i = 0; i < s->nroles; i++) {
		e = policy_move(g, team, m, "mission");
		record_set_text(&e->data, "role", s->roles[i].id);
		record_set_text(&e->data, "candidat", t->candidates[
		    i % t->ncandidates].name);
		record_set_text(&e->data, "texte", s->roles[i].missions);
		text = xasprintf("Rôles répartis selon les compétences et la "
		    "disponibilité de chacun, suivi des tâches dans %s%s%s.",
		    pm >= 0 ? s->tools[pm].name : "le rétroplanning",
		    needs ? " ; aménagements prévus pour " : "",
		    needs ? needs : "");
		event_set(&e->why, text);
		free(text);
	}
	free(needs);
	e = policy_move(g, team, m, "reserve");
	record_set_int(&e->data, "montant", s->envelope / 100 *
	    (s->reserve_min + s->reserve_max) / 2 / 100);
	for (i = 0; i < s->nsuppliers; i++) {
		const char *format = NULL;

		/* The packages this frame's own moves give the supplier. */
		for (j = npk = 0; j < m->count; j++) {
			const char *sup = record_text(&m->events[j].data,
			    "prestataire");
			int p, o;

			if (strcmp(m->events[j].type, "attribuer") != 0 ||
			    sup == NULL || strcmp(sup, s->suppliers[i].id) != 0)
				continue;
			npk++;
			p = game_package_index(s, record_text(&m->events[j].data,
			    "lot"));
			for (o = 0; o < s->suppliers[i].noffers; o++)
				if (s->suppliers[i].offers[o].package == p)
					format = s->suppliers[i].offers[o].format;
		}
		if (npk == 0)
			continue;
		e = policy_move(g, team, m, "cadrer");
		record_set_text(&e->data, "prestataire", s->suppliers[i].id);
		record_set_text(&e->data, "reunions", "hebdomadaire");
		record_set_text(&e->data, "format", format != NULL &&
		    format[0] != '\0' ? format : "Livrables sources et "
		    "exports finaux, accessibles");
		record_set_text(&e->data, "recette", "Recette sur pièces "
		    "contre le brief : conformité, accessibilité RGAA vérifiée, "
		    "corrections sous cinq jours ouvrés");
		record_set_int(&e->data, "heures", npk + 1);
		if (chat >= 0 || pm >= 0)
			record_set_text(&e->data, "outil",
			    s->tools[chat >= 0 ? chat : pm].id);
	}
}

/* Appends to *out, joined by « ; ». */
static void
policy_cat(char **out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
policy_cat(char **out, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	xvappendf(out, " ; ", fmt, ap);
	va_end(ap);
}

/* A status point the cautious player writes from what it faces. */
static void
policy_write_point(const struct game *g, const struct team *t,
    struct event *e)
{
	const struct scenario	*s = g->scenario;
	struct ledger		 l;
	char			*risks = NULL, *arb = NULL, *track = NULL;
	char			 a[TEXT_MONEY_MAX], b[TEXT_MONEY_MAX];
	char			 c[TEXT_MONEY_MAX];
	int			 i, late = 0, done = 0;

	for (i = 0; i < t->noccurrences; i++) {
		const struct occurrence *o = &t->occurrences[i];
		const struct incident *inc = game_occurrence_incident(g, o);

		if (o->status == OCC_ANSWERED && o->option >= 0)
			policy_cat(&arb, "incident « %s » : option « %s » "
			    "retenue", inc->title, inc->options[o->option].label);
		else
			policy_cat(&risks, "incident « %s » %s", inc->title,
			    o->status == OCC_OPEN ? "à traiter" :
			    "subi sans réponse");
	}
	for (i = 0; i < s->npackages; i++) {
		if (t->packages[i].status == PKG_DONE)
			done++;
		if (game_package_late(g, t, i)) {
			late++;
			policy_cat(&risks, "lot « %s » en retard sur le plan",
			    s->packages[i].name);
		}
	}
	policy_cat(&risks, "nous surveillons les dépendances entre lots, la "
	    "disponibilité de l'équipe et la fiabilité des prestataires");
	policy_cat(&arb, "priorité aux lots critiques et à l'accessibilité, "
	    "réserve gardée pour les aléas budgétaires à venir");
	game_ledger(g, t, &l);
	policy_cat(&track, "budget : %s engagés ou dépensés, prévision %s "
	    "pour une enveloppe de %s", text_money(a, l.total.spent),
	    text_money(b, l.total.forecast), text_money(c, l.envelope));
	policy_cat(&track, "%d lot(s) livré(s) sur %d, %d en retard, "
	    "prestataires suivis chaque semaine", done, s->npackages, late);
	record_set_text(&e->data, "risques", risks);
	record_set_text(&e->data, "arbitrages", arb);
	record_set_text(&e->data, "suivi", track);
	free(risks);
	free(arb);
	free(track);
}

void
policy_week(const struct game *g, int team, enum policy_kind kind,
    struct policy_moves *m)
{
	const struct team	*t = &g->teams[team];
	const struct incident	*inc;
	struct event		*e;
	int			 i, j, best;
	int64_t			 h, hb;

	m->events = NULL;
	m->count = 0;
	if (kind == POLICY_PASSIVE)
		return;
	for (i = 0; i < t->noccurrences; i++) {
		if (t->occurrences[i].status != OCC_OPEN)
			continue;
		inc = game_occurrence_incident(g, &t->occurrences[i]);
		/* The form-filler takes the most harmful option. */
		for (j = 1, best = 0; j < inc->noptions; j++) {
			h = effects_harm_for(&inc->options[j].effects, t,
			    &t->occurrences[i], kind == POLICY_AGGRESSIVE);
			hb = effects_harm_for(&inc->options[best].effects, t,
			    &t->occurrences[i], kind == POLICY_AGGRESSIVE);
			if (kind == POLICY_FORM_FILLER ? h > hb : h < hb)
				best = j;
		}
		e = policy_move(g, team, m, "repondre");
		record_set_int(&e->data, "incident", i + 1);
		record_set_text(&e->data, "option", inc->options[best].id);
		event_set(&e->why, kind == POLICY_FORM_FILLER ? "x" :
		    kind == POLICY_AGGRESSIVE ? "Option la moins coûteuse" :
		    "Option la moins dommageable pour le coût, le délai et la "
		    "qualité, comparée aux autres options proposées");
	}
	/* A budget drift: the cautious player negotiates a price. */
	if (kind == POLICY_CAUTIOUS && t->over_envelope)
		for (i = 0; i < g->scenario->npackages; i++)
			if (game_negotiable(g, t, i, NULL) == 0) {
				e = policy_move(g, team, m, "negocier");
				record_set_text(&e->data, "lot",
				    g->scenario->packages[i].id);
				record_set_text(&e->data, "objet", "prix");
				break;
			}
	for (i = 0; i < t->nrequests; i++) {
		if (t->requests[i].submitted || kind == POLICY_AGGRESSIVE)
			continue;
		e = policy_move(g, team, m, "point");
		record_set_int(&e->data, "point", i + 1);
		if (kind == POLICY_FORM_FILLER) {
			record_set_text(&e->data, "risques", "x");
			record_set_text(&e->data, "arbitrages", "x");
			record_set_text(&e->data, "suivi", "x");
		} else
			policy_write_point(g, t, e);
	}
}
