/*
 * plan: what a planning tool computes from a team's choices: what a
 * package costs as assigned, lateness, unmet needs, unframed suppliers, the
 * team's morale, the planning alerts; and the identifier lookups every rule
 * needs.  Pure reads.  The budget's figures are core/ledger's.
 */
#include <stdlib.h>
#include <string.h>

#include "core/game_internal.h"
#include "core/ledger.h"
#include "core/scenario_check.h"
#include "util/i18n.h"
#include "util/text.h"

#define LOOKUP(fn, arr, count)						\
int									\
fn(const struct scenario *s, const char *id)				\
{									\
	int	 i;							\
									\
	if (id == NULL)							\
		return -1;						\
	for (i = 0; i < s->count; i++)					\
		if (strcmp(s->arr[i].id, id) == 0)			\
			return i;					\
	return -1;							\
}

LOOKUP(game_role_index, roles, nroles)
LOOKUP(game_package_index, packages, npackages)
LOOKUP(game_staff_index, staff, nstaff)
LOOKUP(game_supplier_index, suppliers, nsuppliers)
LOOKUP(game_tool_index, tools, ntools)
LOOKUP(game_incident_index, incidents, nincidents)
LOOKUP(game_status_point_index, status_points, nstatus_points)
LOOKUP(game_line_index, lines, nlines)
LOOKUP(game_objective_index, objectives, nobjectives)

char *
game_role_list(const struct scenario *s)
{
	char	*out = xstrdup(""), *next;
	int	 i;

	for (i = 0; i < s->nroles; i++) {
		next = xasprintf("%s%s%s", out, i ? ", " : "", s->roles[i].id);
		free(out);
		out = next;
	}
	return out;
}

int
game_parse_week(const struct scenario *s, const char *text)
{
	int	 n = 0, before = 0;

	if (text == NULL || *text == '\0')
		return 0;
	if ((text[0] == 'S' || text[0] == 's') && text[1] == '-') {
		before = 1;
		text += 2;
	}
	for (; *text != '\0'; text++) {
		if (*text < '0' || *text > '9' || n > 1000)
			return 0;
		n = n * 10 + (*text - '0');
	}
	if (before)
		n = s->weeks - n;
	return n >= 1 && n <= s->weeks ? n : 0;
}

int
game_package_due_week(const struct scenario *s, int package)
{
	return s->weeks - s->packages[package].due;
}

int
game_internal_required(const struct scenario *s, const struct team *t, int p)
{
	int	 days = s->packages[p].workload + t->packages[p].extra_workload;

	if (days < 1)
		days = 1;
	days *= 100;
	if (t->packages[p].accessible_work)
		days += days * 15 / 100;
	return days;
}

int64_t
game_internal_daily_cost(const struct scenario *s, const struct team *t,
    int p)
{
	int64_t	 total = 0;
	int	 i, n = 0;

	for (i = 0; i < s->nstaff; i++) {
		if (t->packages[p].staff[i]) {
			total += s->staff[i].daily_cost;
			n++;
		}
	}
	return n > 0 ? total / n : 0;
}

int64_t
game_package_forecast(const struct scenario *s, const struct team *t, int p)
{
	const struct package_state	*ps = &t->packages[p];
	int64_t				 cost = s->packages[p].fixed_cost;

	if (ps->owner == OWNER_INTERNAL)
		cost += game_internal_daily_cost(s, t, p) *
		    game_internal_required(s, t, p) / 100;
	else if (ps->owner == OWNER_SUPPLIER)
		cost += s->suppliers[ps->supplier].offers[ps->offer].price -
		    ps->discount;
	return cost;
}

bool
game_package_late(const struct game *g, const struct team *t, int p)
{
	const struct package_state	*ps = &t->packages[p];
	int				 due = game_package_due_week(g->scenario, p);

	if (ps->status == PKG_DONE)
		return ps->finished > due ||
		    (ps->plan_end > 0 && ps->finished > ps->plan_end);
	if (g->phase != PHASE_PILOTING)
		return g->phase == PHASE_LAUNCHED;
	/* Still open after the week it should have ended. */
	return g->week > due || (ps->plan_end > 0 && g->week > ps->plan_end);
}

bool
game_needs_unmet(const struct scenario *s, const struct team *t)
{
	int	 i, j;

	for (i = 0; i < s->nstaff; i++)
		for (j = 0; j < s->staff[i].nneeds; j++)
			if (!t->staff[i].accommodated[j])
				return true;
	return false;
}

bool
game_supplier_used(const struct scenario *s, const struct team *t, int sup)
{
	int	 i;

	for (i = 0; i < s->npackages; i++)
		if (t->packages[i].owner == OWNER_SUPPLIER &&
		    t->packages[i].supplier == sup)
			return true;
	return false;
}

bool
game_suppliers_unframed(const struct scenario *s, const struct team *t)
{
	int	 i;

	for (i = 0; i < s->nsuppliers; i++)
		if (game_supplier_used(s, t, i) && !t->suppliers[i].framed)
			return true;
	return false;
}

int
game_team_morale(const struct scenario *s, const struct team *t)
{
	int	 i, sum = 0;

	for (i = 0; i < s->nstaff; i++)
		sum += t->staff[i].morale;
	return s->nstaff > 0 ? sum / s->nstaff : 0;
}

void
game_explain(struct team *t, int week, const int64_t *seqs, int nseqs,
    const char *fmt, ...)
{
	struct explanation	*x;
	va_list			 ap;
	int			 i;

	t->explanations = xgrow(t->explanations, (size_t)t->nexplanations,
	    sizeof *t->explanations);
	x = &t->explanations[t->nexplanations++];
	x->week = week;
	va_start(ap, fmt);
	x->say = later_newv(fmt, ap);
	va_end(ap);
	x->nseqs = 0;
	for (i = 0; i < nseqs && x->nseqs < 4; i++)
		if (seqs[i] > 0)
			x->seqs[x->nseqs++] = seqs[i];
}

int
game_planned_load(const struct scenario *s, const struct team *t, int staff,
    int week)
{
	const struct package_state	*p;
	int				 i, j, n, span, load = 0;

	for (i = 0; i < s->npackages; i++) {
		p = &t->packages[i];
		if (p->owner != OWNER_INTERNAL || !p->staff[staff] ||
		    p->plan_start == 0 || week < p->plan_start ||
		    week > p->plan_end)
			continue;
		/* Shared in proportion to what each gives a week. */
		for (j = n = 0; j < s->nstaff; j++)
			n += p->staff[j] ? s->staff[j].availability : 0;
		span = p->plan_end - p->plan_start + 1;
		load += (s->packages[i].workload + p->extra_workload) * 100 *
		    s->staff[staff].availability / n / span;
	}
	return load;
}

static void
plan_issue(struct plan_issues *pi, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
plan_issue(struct plan_issues *pi, const char *fmt, ...)
{
	va_list	 ap;

	pi->items = xreallocarray(pi->items, (size_t)pi->count + 1,
	    sizeof *pi->items);
	va_start(ap, fmt);
	pi->items[pi->count++] = game_vformat(fmt, ap);
	va_end(ap);
}

void
game_plan_issues_release(struct plan_issues *pi)
{
	int	 i;

	for (i = 0; i < pi->count; i++)
		free(pi->items[i]);
	free(pi->items);
	pi->items = NULL;
	pi->count = 0;
}

void
game_plan_issues(const struct game *g, const struct team *t,
    struct plan_issues *pi)
{
	const struct scenario	*s = g->scenario;
	const struct package	*pk;
	const struct package_state *p, *q;
	struct ledger		 l;
	char			 a[TEXT_MONEY_MAX], b[TEXT_MONEY_MAX];
	char			 c[TEXT_MONEY_MAX];
	int			 i, j, w, lead, load, pm = 0;

	pi->items = NULL;
	pi->count = 0;
	for (i = 0; i < s->npackages; i++) {
		pk = &s->packages[i];
		p = &t->packages[i];
		if (p->owner == OWNER_NONE)
			plan_issue(pi, _("« %s » n'a pas de responsable (ni "
			    "personne, ni prestataire)"), pk->name);
		if (p->plan_start == 0) {
			plan_issue(pi, _("« %s » n'est pas placé sur le "
			    "rétroplanning"), pk->name);
			continue;
		}
		for (j = 0; j < pk->nafter; j++) {
			q = &t->packages[pk->after[j]];
			if (q->plan_end != 0 && p->plan_start <= q->plan_end)
				plan_issue(pi, _("dépendance rompue : « %s » "
				    "commence en S-%d, avant la fin de « %s » "
				    "(S-%d)"), pk->name, s->weeks - p->plan_start,
				    s->packages[pk->after[j]].name,
				    s->weeks - q->plan_end);
		}
		if (p->plan_end > game_package_due_week(s, i))
			plan_issue(pi, _("« %s » finit en S-%d, après son "
			    "échéance S-%d"), pk->name, s->weeks - p->plan_end,
			    pk->due);
		if (p->owner == OWNER_SUPPLIER) {
			lead = s->suppliers[p->supplier].offers[p->offer].lead;
			if (p->plan_end - p->plan_start + 1 < lead)
				plan_issue(pi, _("« %s » : %s annonce %d "
				    "semaine(s) de délai, le plan en prévoit %d"),
				    pk->name, s->suppliers[p->supplier].name,
				    lead, p->plan_end - p->plan_start + 1);
		}
	}
	for (i = 0; i < s->nstaff; i++) {
		for (w = 1; w <= s->weeks; w++) {
			load = game_planned_load(s, t, i, w);
			if (load > s->staff[i].availability * 100) {
				plan_issue(pi, _("%s en surcharge en S-%d : "
				    "%d,%02d jours prévus pour %d disponibles"),
				    s->staff[i].name, s->weeks - w, load / 100,
				    load % 100, s->staff[i].availability);
				break;
			}
		}
	}
	game_ledger(g, t, &l);
	if (l.overrun > 0)
		plan_issue(pi, _("budget : la prévision (%s) dépasse "
		    "l'enveloppe (%s) de %s"), text_money(a, l.total.forecast),
		    text_money(b, l.envelope), text_money(c, l.overrun));
	else if (l.margin < 0)
		plan_issue(pi, _("budget : prévision %s + réserve %s dépassent "
		    "l'enveloppe de %s"), text_money(a, l.total.forecast),
		    text_money(c, l.reserve_left), text_money(b, l.envelope));
	if (l.reserve_low)
		plan_issue(pi, _("réserve pour aléas sous le minimum conseillé "
		    "(%d %% de l'enveloppe)"), s->reserve_min);
	for (i = 0; i < s->nsuppliers; i++)
		if (game_supplier_used(s, t, i) && !t->suppliers[i].framed)
			plan_issue(pi, _("la relation avec %s n'est pas cadrée "
			    "(réunions, outil, format, recette, temps)"),
			    s->suppliers[i].name);
	for (i = 0; i < s->nstaff; i++)
		for (j = 0; j < s->staff[i].nneeds; j++)
			if (!t->staff[i].accommodated[j])
				plan_issue(pi, _("besoin de %s sans aménagement "
				    ": %s"), s->staff[i].name,
				    s->staff[i].needs[j].need);
	for (i = 0; i < s->nroles; i++)
		if (s->roles[i].required && t->missions[i] == NULL)
			plan_issue(pi, _("rôle « %s » sans candidat ni "
			    "missions"), s->roles[i].label);
	for (i = 0; i < s->ntools; i++)
		if (t->tools[i] && s->tools[i].category ==
		    TOOL_PROJECT_MANAGEMENT)
			pm = 1;
	if (!pm)
		plan_issue(pi, _("aucun outil de gestion de projet choisi"));
}
