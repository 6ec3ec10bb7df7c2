/*
 * scenario_check: meaning checks on the scenario model (see
 * scenario_check.h).  Each part runs only when the loader built the
 * sections it reads without error, so every reference it follows is a
 * valid index here.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/effects.h"
#include "core/ledger.h"
#include "core/scenario_check.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

static void check_report(const struct scenario *, struct diag *,
    enum diag_severity, struct srcloc, const char *, ...)
    __attribute__((format(printf, 5, 6)));

static void
check_report(const struct scenario *s, struct diag *d,
    enum diag_severity sev, struct srcloc loc, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_addv(d, sev, scenario_file(s, loc), loc.line, fmt, ap);
	va_end(ap);
}

#define check_error(s, d, loc, ...)	check_report(s, d, DIAG_ERROR, loc, __VA_ARGS__)
#define check_warning(s, d, loc, ...)	check_report(s, d, DIAG_WARNING, loc, __VA_ARGS__)

bool
scenario_staff_can_do(const struct scenario *s, int staff, int package)
{
	const struct staff	*st = &s->staff[staff];
	const struct package	*p = &s->packages[package];
	int			 i, j;

	for (i = 0; i < p->nskills; i++) {
		for (j = 0; j < st->nskills; j++)
			if (st->skills[j] == p->skills[i])
				break;
		if (j == st->nskills)
			return false;
	}
	return true;
}

static int
check_internal_weeks(const struct scenario *s, int package)
{
	int	 i, capacity = 0;

	if (s->packages[package].mode == MODE_EXTERNAL)
		return 0;
	for (i = 0; i < s->nstaff; i++)
		if (scenario_staff_can_do(s, i, package))
			capacity += s->staff[i].availability;
	if (capacity == 0)
		return 0;
	return (s->packages[package].workload + capacity - 1) / capacity;
}

static int
check_external_weeks(const struct scenario *s, int package)
{
	int	 i, j, best = 0;

	if (s->packages[package].mode == MODE_INTERNAL)
		return 0;
	for (i = 0; i < s->nsuppliers; i++)
		for (j = 0; j < s->suppliers[i].noffers; j++)
			if (s->suppliers[i].offers[j].package == package &&
			    (best == 0 || s->suppliers[i].offers[j].lead < best))
				best = s->suppliers[i].offers[j].lead;
	return best;
}

int
scenario_min_weeks(const struct scenario *s, int package)
{
	int	 in = check_internal_weeks(s, package);
	int	 ex = check_external_weeks(s, package);

	if (in == 0)
		return ex;
	if (ex == 0)
		return in;
	return in < ex ? in : ex;
}

int64_t
scenario_min_cost(const struct scenario *s, int package)
{
	const struct package	*p = &s->packages[package];
	int64_t			 best = -1, c;
	int			 i, j;

	if (p->mode != MODE_EXTERNAL) {
		for (i = 0; i < s->nstaff; i++) {
			if (!scenario_staff_can_do(s, i, package))
				continue;
			c = s->staff[i].daily_cost * p->workload;
			if (best < 0 || c < best)
				best = c;
		}
	}
	if (p->mode != MODE_INTERNAL) {
		for (i = 0; i < s->nsuppliers; i++) {
			for (j = 0; j < s->suppliers[i].noffers; j++) {
				if (s->suppliers[i].offers[j].package != package)
					continue;
				c = s->suppliers[i].offers[j].price;
				if (best < 0 || c < best)
					best = c;
			}
		}
	}
	return (best < 0 ? 0 : best) + p->fixed_cost;
}

static void
check_weights(const struct scenario *s, struct diag *d)
{
	int	 i, j, k, sum;
	char	*list, *next;

	for (i = sum = 0; i < s->nobjectives; i++)
		sum += s->objectives[i].weight;
	if (s->nobjectives > 0 && sum != 100)
		check_error(s, d, s->objectives[0].loc, _("les poids des "
		    "objectifs font %d %%, il faut 100 %%"), sum);
	for (i = 0; i < s->nobjectives; i++) {
		sum = 0;
		list = xstrdup("");
		for (j = 0; j < s->npackages; j++) {
			for (k = 0; k < s->packages[j].nkpi; k++) {
				if (s->packages[j].kpi[k].objective != i)
					continue;
				sum += s->packages[j].kpi[k].weight;
				next = xasprintf("%s%s%s %d", list,
				    list[0] ? ", " : "", s->packages[j].id,
				    s->packages[j].kpi[k].weight);
				free(list);
				list = next;
			}
		}
		if (sum == 0)
			check_error(s, d, s->objectives[i].loc, _("aucun lot "
			    "ne contribue à l'objectif « %s » : ajoutez-le au "
			    "« kpi » des lots qui le font avancer"),
			    s->objectives[i].id);
		else if (sum != 100)
			check_error(s, d, s->objectives[i].loc, _("les lots "
			    "contribuent à l'objectif « %s » pour %d %%, il "
			    "faut 100 %% (%s)"), s->objectives[i].id, sum, list);
		free(list);
	}
	for (i = sum = 0; i < RESULT_DIMENSION_COUNT; i++)
		sum += s->scoring.weights[i];
	if (sum != 100)
		check_error(s, d, s->scoring.weights_loc, _("les poids de la "
		    "notation (livraison, budget, qualite, accessibilite, kpi) "
		    "font %d %%, il faut 100 %%"), sum);
	for (i = sum = 0; i < E3_CRITERION_COUNT; i++)
		sum += s->scoring.e3[i];
	if (sum != 100)
		check_error(s, d, s->scoring.e3_loc, _("les poids des critères "
		    "E3 font %d %%, il faut 100 %%"), sum);
}

/*
 * Depth-first search for dependency cycles; colour 0 = unseen, 1 = on the
 * current path, 2 = done.  Reports each back edge (one cycle) once, at the
 * "apres" that closes it.  The search goes on after a cycle so that every
 * package ends "done": a package outside the cycle that waits for one in it
 * must not find it still "on the path" and be blamed for a second cycle.
 */
static bool
check_cycle_from(const struct scenario *s, struct diag *d, int p, int *colour,
    int *path, int depth)
{
	const struct package	*pk = &s->packages[p];
	char			*text, *next;
	int			 i, j, q, start;
	bool			 found = false;

	colour[p] = 1;
	path[depth] = p;
	for (i = 0; i < pk->nafter; i++) {
		q = pk->after[i];
		if (colour[q] == 1) {
			for (start = 0; path[start] != q; start++)
				;
			text = xstrdup(s->packages[q].id);
			for (j = depth; j >= start; j--) {
				next = xasprintf("%s → %s", text,
				    s->packages[path[j]].id);
				free(text);
				text = next;
			}
			check_error(s, d, pk->after_locs[i], _("dépendances "
			    "circulaires : %s (chaque lot attend le suivant)"),
			    text);
			free(text);
			found = true;
		} else if (colour[q] == 0 &&
		    check_cycle_from(s, d, q, colour, path, depth + 1))
			found = true;
	}
	colour[p] = 2;
	return found;
}

static bool
check_cycles(const struct scenario *s, struct diag *d)
{
	int	*colour, *path, i;
	bool	 found = false;

	colour = xcalloc((size_t)s->npackages + 1, sizeof *colour);
	path = xcalloc((size_t)s->npackages + 1, sizeof *path);
	for (i = 0; i < s->npackages; i++)
		if (colour[i] == 0 && check_cycle_from(s, d, i, colour, path, 0))
			found = true;
	free(colour);
	free(path);
	return found;
}

static char *
check_skill_list(const struct scenario *s, const struct package *p)
{
	char	*out = xstrdup(""), *next;
	int	 i;

	for (i = 0; i < p->nskills; i++) {
		next = xasprintf("%s%s%s", out, i ? ", " : "",
		    s->skills[p->skills[i]].id);
		free(out);
		out = next;
	}
	return out;
}

/* Each package can be done by someone; offers look like a real choice. */
static bool
check_doable(const struct scenario *s, struct diag *d)
{
	const struct package	*p;
	char			*skills;
	int			 i, in, nof;
	bool			 ok = true;

	for (i = 0; i < s->npackages; i++) {
		p = &s->packages[i];
		in = check_internal_weeks(s, i);
		nof = scenario_count_offers(s, i);
		skills = check_skill_list(s, p);
		if (p->mode == MODE_INTERNAL && in == 0) {
			check_error(s, d, p->loc, _("personne ne peut faire le "
			    "lot « %s » : il se fait en interne et aucune "
			    "personne n'a toutes ses compétences (%s)"), p->id,
			    skills);
			ok = false;
		} else if (p->mode == MODE_EXTERNAL && nof == 0) {
			check_error(s, d, p->loc, _("personne ne peut faire le "
			    "lot « %s » : il se fait en externe et aucun "
			    "prestataire ne fait d'offre"), p->id);
			ok = false;
		} else if (p->mode == MODE_EITHER && in == 0 && nof == 0) {
			check_error(s, d, p->loc, _("personne ne peut faire le "
			    "lot « %s » : aucune personne n'a toutes ses "
			    "compétences (%s) et aucun prestataire ne fait "
			    "d'offre"), p->id, skills);
			ok = false;
		} else if (p->mode != MODE_INTERNAL && nof == 1)
			check_warning(s, d, p->loc, _("une seule offre pour le "
			    "lot « %s » : les équipes n'auront rien à "
			    "comparer"), p->id);
		else if (p->mode == MODE_EITHER && nof == 0)
			check_warning(s, d, p->loc, _("le lot « %s » est en "
			    "mode libre mais aucun prestataire ne fait d'offre "
			    ": il se fera forcément en interne"), p->id);
		free(skills);
	}
	return ok;
}

/*
 * Earliest finish of every package, in weeks from the start of piloting:
 * the plan at its tightest (scenario_min_weeks), or, with unit, one week
 * each, which nothing can beat (a package starts the week after those it
 * waits for are delivered, and is delivered at the end of a week).
 */
static int
check_earliest_by(const struct scenario *s, int p, int *finish, int *via,
    bool unit)
{
	const struct package	*pk = &s->packages[p];
	int			 i, f, start = 0;

	if (finish[p] >= 0)
		return finish[p];
	via[p] = SCENARIO_NONE;
	for (i = 0; i < pk->nafter; i++) {
		f = check_earliest_by(s, pk->after[i], finish, via, unit);
		if (f > start) {
			start = f;
			via[p] = pk->after[i];
		}
	}
	finish[p] = start + (unit ? 1 : scenario_min_weeks(s, p));
	return finish[p];
}

static int
check_earliest(const struct scenario *s, int p, int *finish, int *via)
{
	return check_earliest_by(s, p, finish, via, false);
}

static void
check_schedule(const struct scenario *s, struct diag *d)
{
	const struct package	*p;
	int			*finish, *via, i, q, limit;
	char			*chain, *next;

	finish = xreallocarray(NULL, (size_t)s->npackages + 1, sizeof *finish);
	via = xreallocarray(NULL, (size_t)s->npackages + 1, sizeof *via);
	for (i = 0; i < s->npackages; i++)
		finish[i] = -1;
	for (i = 0; i < s->npackages; i++) {
		p = &s->packages[i];
		limit = s->weeks - p->due;
		if (check_earliest(s, i, finish, via) <= limit)
			continue;
		chain = xstrdup(p->id);
		for (q = via[i]; q != SCENARIO_NONE; q = via[q]) {
			next = xasprintf("%s → %s", s->packages[q].id, chain);
			free(chain);
			chain = next;
		}
		if (p->due > 0)
			check_error(s, d, p->loc, _("plan impossible : le lot "
			    "« %s » finit au plus tôt en semaine %d (%s), après "
			    "son échéance S-%d (semaine %d)"), p->id, finish[i],
			    chain, p->due, limit);
		else
			check_error(s, d, p->loc, _("plan impossible : le lot "
			    "« %s » finit au plus tôt en semaine %d (%s), après "
			    "le lancement (semaine %d)"), p->id, finish[i],
			    chain, s->weeks);
		free(chain);
	}
	free(finish);
	free(via);
}

/* Whether a package can only be done by the staff: its mode, or no offer. */
static bool
check_forced_internal(const struct scenario *s, int package)
{
	const struct package	*p = &s->packages[package];

	return p->mode == MODE_INTERNAL ||
	    (p->mode == MODE_EITHER && scenario_count_offers(s, package) == 0);
}

/*
 * The week after which each package can start at the earliest: when the
 * packages it waits for ("apres") can be finished.  NULL-free only on an
 * acyclic plan (check_earliest would loop on a cycle).
 */
static int *
check_release(const struct scenario *s)
{
	int	*finish, *via, i;

	finish = xreallocarray(NULL, (size_t)s->npackages + 1, sizeof *finish);
	via = xreallocarray(NULL, (size_t)s->npackages + 1, sizeof *via);
	for (i = 0; i < s->npackages; i++)
		finish[i] = -1;
	for (i = 0; i < s->npackages; i++)
		check_earliest(s, i, finish, via);
	for (i = 0; i < s->npackages; i++)
		finish[i] -= scenario_min_weeks(s, i);
	free(via);
	return finish;
}

/* The staff with skill k, their days per week and their ids for a message. */
static int
check_skill_staff(const struct scenario *s, int k, char **people)
{
	char	*next;
	int	 i, j, perweek = 0;

	*people = xstrdup("");
	for (i = 0; i < s->nstaff; i++) {
		for (j = 0; j < s->staff[i].nskills &&
		    s->staff[i].skills[j] != k; j++)
			;
		if (j == s->staff[i].nskills)
			continue;
		perweek += s->staff[i].availability;
		next = xasprintf("%s%s%s", *people, (*people)[0] ? ", " : "",
		    s->staff[i].id);
		free(*people);
		*people = next;
	}
	return perweek;
}

/*
 * The staff's time, skill by skill: the packages only the staff can do and
 * that need a skill must fit in the days of the people who have it, in every
 * window of weeks (from = the week after which they can all start, their
 * predecessors done at the earliest; to = the last of their deadlines).  A
 * necessary condition only (it ignores the other skills a package needs,
 * days lost, morale), but a plan it refuses cannot be delivered by any team.
 * Short windows first; reported once per skill, at the package of the
 * window with the latest deadline.
 */
/* Whether package p must be done within the weeks (from, to]. */
static bool
check_in_window(const struct scenario *s, const int *release, int p,
    int from, int to)
{
	return (release == NULL || release[p] >= from) &&
	    s->weeks - s->packages[p].due <= to;
}

/*
 * The first window (from, to] where the packages of list need more than
 * perweek days a week; false if none.  *at: the window's package with the
 * latest deadline (the last listed, on a tie), *demand: their person-days.
 */
static bool
check_overload(const struct scenario *s, const int *list, int n,
    const int *release, int perweek, int *from, int *to, int *at,
    int *demand)
{
	int	 i, last, week;

	for (*to = 1; *to <= s->weeks; (*to)++) {
		for (*from = *to - 1; *from >= 0; (*from)--) {
			*demand = 0;
			last = *at = -1;
			for (i = 0; i < n; i++) {
				if (!check_in_window(s, release, list[i], *from,
				    *to))
					continue;
				*demand += s->packages[list[i]].workload;
				week = s->weeks - s->packages[list[i]].due;
				if (week >= last) {
					last = week;
					*at = list[i];
				}
			}
			if (*at >= 0 && *demand > perweek * (*to - *from))
				return true;
		}
	}
	return false;
}

static void
check_capacity(const struct scenario *s, struct diag *d, const int *release)
{
	const struct package	*p;
	char			*pkgs, *people, *next;
	int			*list, n, i, j, k, from, to, perweek, demand, at;

	list = xreallocarray(NULL, (size_t)s->npackages + 1, sizeof *list);
	for (k = 0; k < s->nskills; k++) {
		for (i = n = 0; i < s->npackages; i++) {
			p = &s->packages[i];
			for (j = 0; j < p->nskills && p->skills[j] != k; j++)
				;
			if (j < p->nskills && check_forced_internal(s, i))
				list[n++] = i;
		}
		perweek = check_skill_staff(s, k, &people);
		/* Nobody at all is check_doable's message, not this one. */
		if (perweek == 0 || !check_overload(s, list, n, release,
		    perweek, &from, &to, &at, &demand)) {
			free(people);
			continue;
		}
		pkgs = xstrdup("");
		for (i = 0; i < n; i++) {
			if (!check_in_window(s, release, list[i], from, to))
				continue;
			next = xasprintf("%s%s%s %d", pkgs, pkgs[0] ? ", " : "",
			    s->packages[list[i]].id,
			    s->packages[list[i]].workload);
			free(pkgs);
			pkgs = next;
		}
		if (from == 0)
			check_error(s, d, s->packages[at].loc, _("plan "
			    "impossible : la compétence « %s » doit fournir %d "
			    "jours-personne d'ici la semaine %d (%s), l'équipe "
			    "qui l'a (%s) n'en donne que %d (%d par semaine × "
			    "%d semaines)"), s->skills[k].id, demand, to, pkgs,
			    people, perweek * to, perweek, to);
		else
			check_error(s, d, s->packages[at].loc, _("plan "
			    "impossible : la compétence « %s » doit fournir %d "
			    "jours-personne des semaines %d à %d (%s, qui "
			    "attendent des lots finis au plus tôt en semaine "
			    "%d), l'équipe qui l'a (%s) n'en donne que %d (%d "
			    "par semaine × %d semaines)"), s->skills[k].id,
			    demand, from + 1, to, pkgs, from, people,
			    perweek * (to - from), perweek, to - from);
		free(pkgs);
		free(people);
	}
	free(list);
}

static void
check_budget(const struct scenario *s, struct diag *d)
{
	char	 need[TEXT_MONEY_MAX], env[TEXT_MONEY_MAX];
	int64_t	 total = 0, usable;
	int	 i;

	for (i = 0; i < s->npackages; i++)
		total += scenario_min_cost(s, i);
	if (total > s->envelope) {
		check_error(s, d, s->budget_loc, _("budget impossible : même au "
		    "moins cher, les lots coûtent %s pour une enveloppe de %s"),
		    text_money(need, total), text_money(env, s->envelope));
		return;
	}
	usable = s->envelope - s->envelope * s->reserve_min / 100;
	if (total > usable)
		check_warning(s, d, s->budget_loc, _("même au moins cher, les "
		    "lots (%s) ne laissent pas la réserve minimale de %d %%"),
		    text_money(need, total), s->reserve_min);
}

static void
check_effects(const struct scenario *s, struct diag *d,
    const struct effects *fx, struct srcloc loc, const char *what,
    const char *incident)
{
	char	*why;
	int	 k;

	for (k = 0; k < EFFECT_KIND_COUNT; k++) {
		if (effects_get(fx, (enum effect_kind)k) == 0 ||
		    effects_aimed(fx, (enum effect_kind)k))
			continue;
		why = effects_aim_problem((enum effect_kind)k);
		check_error(s, d, loc, _("%s de l'incident « %s » : %s"), what,
		    incident, why);
		free(why);
	}
	if (fx->objective != SCENARIO_NONE && fx->kpi == 0)
		check_warning(s, d, loc, _("%s de l'incident « %s » : "
		    "« objectif » sans « kpi » ne change rien"), what,
		    incident);
	if (fx->line != SCENARIO_NONE && fx->cost == 0)
		check_warning(s, d, loc, _("%s de l'incident « %s » : « ligne » "
		    "sans « cout » ne change rien"), what, incident);
	if (fx->reserve && !effects_reserve_useful(fx))
		check_warning(s, d, loc, _("%s de l'incident « %s » : "
		    "« sur_reserve » sans dépense (cout positif) ni coupe "
		    "(enveloppe négative) ne change rien"), what, incident);
	if (effects_cost_unlined(fx) && s->unplanned_line == SCENARIO_NONE &&
	    s->nlines > 0)
		check_warning(s, d, loc, _("%s de l'incident « %s » : « cout » "
		    "sans ligne ni lot visé va sur la dernière ligne du budget "
		    "(« %s ») ; nommez la ligne des imprévus (ligne_imprevus "
		    "dans budget) ou ajoutez ligne = \"…\""), what, incident,
		    s->lines[ledger_default_line(s)].label);
}

/*
 * Whether a hurts no more than b on every count and less on one: a default
 * that dominates an option would reward a team for not answering.  Which
 * way each effect hurts is its row's weight's sign.
 */
static bool
check_milder(const struct effects *a, const struct effects *b)
{
	int64_t	 ha, hb;
	int	 k, sign;
	bool	 less = false;

	for (k = 0; k < EFFECT_KIND_COUNT; k++) {
		sign = effect_rows[k].weight > 0 ? 1 : -1;
		ha = sign * effects_get(a, (enum effect_kind)k);
		hb = sign * effects_get(b, (enum effect_kind)k);
		if (ha > hb)
			return false;
		if (ha < hb)
			less = true;
	}
	return less;
}

/*
 * The README's « pire que les options », with check_milder's count-by-count
 * comparison: a default that helps (milder than no effect at all) or that
 * is milder than every option makes not answering the best answer, so it is
 * refused; milder than some options only is a warning, those options being
 * pointless.  A default that is worse on one count and better on another is
 * not comparable and passes.
 */
static void
check_default(const struct scenario *s, struct diag *d,
    const struct incident *inc)
{
	struct effects	 none;
	int		 j, milder;

	memset(&none, 0, sizeof none);
	if (check_milder(&inc->default_effects, &none)) {
		check_error(s, d, inc->default_loc, _("le défaut de l'incident "
		    "« %s » est un avantage (aucun effet pénalisant) : ne pas "
		    "répondre doit coûter quelque chose"), inc->id);
		return;
	}
	for (j = milder = 0; j < inc->noptions; j++)
		if (check_milder(&inc->default_effects,
		    &inc->options[j].effects))
			milder++;
	if (milder == inc->noptions) {
		check_error(s, d, inc->default_loc, _("le défaut de l'incident "
		    "« %s » est moins pénalisant que chacune de ses options : "
		    "ne pas répondre serait le meilleur choix, il doit être "
		    "pire"), inc->id);
		return;
	}
	for (j = 0; j < inc->noptions; j++)
		if (check_milder(&inc->default_effects,
		    &inc->options[j].effects))
			check_warning(s, d, inc->default_loc, _("le défaut de "
			    "l'incident « %s » est moins pénalisant que "
			    "l'option « %s » sur tous les plans : cette option "
			    "ne devrait jamais être choisie"), inc->id,
			    inc->options[j].id);
}

/*
 * Follow-ups that come back: A's option leads to B, B's to A, and the pair
 * may fire for ever.  A → A is check_incidents' own message.  Colours as in
 * check_cycle_from; each closing "suite" is reported once.
 */
static void
check_follow_up_from(const struct scenario *s, struct diag *d, int i,
    int *colour, int *path, int depth)
{
	const struct incident	*inc = &s->incidents[i];
	struct srcloc		 loc;
	char			*text, *next;
	int			 j, q, start;

	colour[i] = 1;
	path[depth] = i;
	for (j = 0; j <= inc->noptions; j++) {
		q = j < inc->noptions ? inc->options[j].follow_up :
		    inc->default_follow_up;
		loc = j < inc->noptions ? inc->options[j].follow_up_loc :
		    inc->default_loc;
		if (q == SCENARIO_NONE || q == i)
			continue;
		if (colour[q] == 1) {
			for (start = 0; path[start] != q; start++)
				;
			text = xstrdup("");
			for (; start <= depth; start++) {
				next = xasprintf("%s%s → ", text,
				    s->incidents[path[start]].id);
				free(text);
				text = next;
			}
			check_error(s, d, loc, _("suites circulaires : %s%s "
			    "(chaque incident peut relancer le suivant, sans "
			    "fin)"), text, s->incidents[q].id);
			free(text);
		} else if (colour[q] == 0)
			check_follow_up_from(s, d, q, colour, path, depth + 1);
	}
	colour[i] = 2;
}

/* Whether incident q belongs to the scenario itself, not to a catalogue. */
static bool
check_own_incident(const struct scenario *s, int q)
{
	return q != SCENARIO_NONE && s->incidents[q].catalogue == NULL;
}

/*
 * A shared catalogue serves several scenarios: an incident there that names
 * one scenario's package, person, supplier, line, objective, tool or own
 * incident loads in that scenario only.  Refused at the catalogue's line.
 */
static void
check_catalogue_refs(const struct scenario *s, struct diag *d,
    const struct incident *inc)
{
	const struct conditions	*c = &inc->trigger.when;
	const struct effects	*fx;
	struct srcloc		 loc;
	const char		*what;
	int			 j, k;

	for (j = 0; j <= inc->noptions; j++) {
		fx = j < inc->noptions ? &inc->options[j].effects :
		    &inc->default_effects;
		loc = j < inc->noptions ? inc->options[j].loc :
		    inc->default_loc;
		what = fx->package != SCENARIO_NONE ? "lot" :
		    fx->staff != SCENARIO_NONE ? "membre" :
		    fx->supplier != SCENARIO_NONE ? "prestataire" :
		    fx->line != SCENARIO_NONE ? "ligne" :
		    fx->objective != SCENARIO_NONE ? "objectif" : NULL;
		if (what != NULL)
			check_error(s, d, loc, _("incident « %s » du catalogue "
			    "« %s » : « %s » vise un élément d'un seul scénario "
			    "; un catalogue partagé n'emploie que des cibles "
			    "génériques (cible = \"lot_externe\"…)"), inc->id,
			    inc->catalogue, what);
		if (check_own_incident(s, j < inc->noptions ?
		    inc->options[j].follow_up : inc->default_follow_up))
			check_error(s, d, j < inc->noptions ?
			    inc->options[j].follow_up_loc : loc, _("incident "
			    "« %s » du catalogue « %s » : sa « suite » est un "
			    "incident propre à ce scénario ; un catalogue "
			    "partagé n'enchaîne que ses propres incidents"),
			    inc->id, inc->catalogue);
	}
	if (!inc->trigger.conditional)
		return;
	for (k = 0; k < CONDITION_KIND_COUNT; k++) {
		if (!c->set[k] || (!CVAL_SCENARIO_ITEM(
		    scenario_conditions[k].value) && (k != COND_AFTER ||
		    !check_own_incident(s, c->value[k]))))
			continue;
		check_error(s, d, c->locs[k], _("incident « %s » du catalogue "
		    "« %s » : la condition « %s » vise un élément d'un seul "
		    "scénario ; un catalogue partagé n'emploie que des "
		    "conditions génériques (outil_absent, sans_cadrage, "
		    "interne_en_cours, amenagement_absent…)"), inc->id,
		    inc->catalogue, scenario_conditions[k].key);
	}
}

/* --- trigger conditions --------------------------------------------- */

/*
 * The plan's earliest weeks, for the conditions on packages: [0] the plan
 * at its tightest (scenario_min_weeks), [1] one week per package, which
 * nothing can beat; via[] the package each one waits for last.
 */
struct check_plan {
	int	*finish[2];
	int	*via[2];
};

static void
check_plan_init(const struct scenario *s, struct check_plan *pl)
{
	int	 b, i;

	for (b = 0; b < 2; b++) {
		pl->finish[b] = xreallocarray(NULL, (size_t)s->npackages + 1,
		    sizeof(int));
		pl->via[b] = xreallocarray(NULL, (size_t)s->npackages + 1,
		    sizeof(int));
		for (i = 0; i < s->npackages; i++)
			pl->finish[b][i] = -1;
		for (i = 0; i < s->npackages; i++)
			check_earliest_by(s, i, pl->finish[b], pl->via[b],
			    b == 1);
	}
}

static void
check_plan_release(struct check_plan *pl)
{
	int	 b;

	for (b = 0; b < 2; b++) {
		free(pl->finish[b]);
		free(pl->via[b]);
	}
}

/* The package a condition is about, or SCENARIO_NONE. */
static int
check_condition_package(const struct conditions *c, int k)
{
	enum condition_value	 v = scenario_conditions[k].value;

	return v == CVAL_PACKAGE || v == CVAL_ENTRUSTED ? c->value[k] :
	    SCENARIO_NONE;
}

/* A condition as written: « lot_livre = "eshop" ». */
static char *
check_condition_text(const struct scenario *s, const struct conditions *c,
    int k)
{
	const char	*key = scenario_conditions[k].key, *name = NULL;
	int		 v = c->value[k];

	switch (scenario_conditions[k].value) {
	case CVAL_TRUE:
		return xasprintf("%s = true", key);
	case CVAL_PERCENT:
		return xasprintf("%s = %d", key, v);
	case CVAL_TOOL_CATEGORY:
		name = scenario_tool_categories[v];
		break;
	case CVAL_ACCOMMODATION:
		name = scenario_accommodations[v];
		break;
	case CVAL_INCIDENT:
		name = s->incidents[v].id;
		break;
	case CVAL_PACKAGE:
		name = s->packages[v].id;
		break;
	case CVAL_TOOL:
		name = s->tools[v].id;
		break;
	case CVAL_SUPPLIER:
		name = s->suppliers[v].id;
		break;
	case CVAL_STAFF:
		name = s->staff[v].id;
		break;
	case CVAL_ENTRUSTED:
		if (c->entrusted_staff != SCENARIO_NONE)
			return xasprintf("%s = { lot = \"%s\"; membre = "
			    "\"%s\"; }", key, s->packages[v].id,
			    s->staff[c->entrusted_staff].id);
		return xasprintf("%s = { lot = \"%s\"; prestataire = \"%s\"; }",
		    key, s->packages[v].id,
		    s->suppliers[c->entrusted_supplier].id);
	}
	return xasprintf("%s = \"%s\"", key, name);
}

/*
 * One way a team can hold a package, as core/incidents.c reads it: given
 * to nobody, done in-house with or without the accessibility work, or one
 * supplier's offer, accessible or not.
 */
#define WAY_NOBODY	(-2)
#define WAY_IN_HOUSE	(-1)

struct check_way {
	int	 supplier;		/* or WAY_NOBODY, WAY_IN_HOUSE */
	bool	 accessible;
};

/* The ways package p can be held; *n of them (at most 2 + offers + 1). */
static struct check_way *
check_ways(const struct scenario *s, int p, int *n)
{
	const struct package	*pk = &s->packages[p];
	struct check_way	*w;
	int			 i, j;

	w = xcalloc((size_t)scenario_count_offers(s, p) + 3, sizeof *w);
	*n = 0;
	w[(*n)++].supplier = WAY_NOBODY;
	if (pk->mode != MODE_EXTERNAL && check_internal_weeks(s, p) > 0) {
		w[*n].supplier = WAY_IN_HOUSE;
		w[(*n)++].accessible = true;
		w[(*n)++].supplier = WAY_IN_HOUSE;
	}
	for (i = 0; i < s->nsuppliers; i++)
		for (j = 0; j < s->suppliers[i].noffers; j++)
			if (s->suppliers[i].offers[j].package == p) {
				w[*n].supplier = i;
				w[(*n)++].accessible =
				    s->suppliers[i].offers[j].accessible;
			}
	return w;
}

/* Whether condition k on a package holds when the team holds it way w. */
static bool
check_way_meets(const struct conditions *c, int k, const struct check_way *w)
{
	switch (k) {
	case COND_OUTSOURCED:
	case COND_OUTSOURCED_UNFRAMED:
		return w->supplier >= 0;
	case COND_INTERNAL:
		return w->supplier == WAY_IN_HOUSE;
	case COND_ENTRUSTED:
		return c->entrusted_staff != SCENARIO_NONE ?
		    w->supplier == WAY_IN_HOUSE :
		    w->supplier == c->entrusted_supplier;
	case COND_ACCESSIBLE:
		return w->supplier != WAY_NOBODY && w->accessible;
	case COND_INACCESSIBLE:
		return w->supplier != WAY_NOBODY && !w->accessible;
	case COND_NOT_DELIVERED:
		return true;
	default:			/* begun, delivered: owned */
		return w->supplier != WAY_NOBODY;
	}
}

/* Why condition k on package p can never hold (no way meets it). */
static char *
check_never_why(const struct scenario *s, const struct conditions *c, int k,
    int p)
{
	const struct package	*pk = &s->packages[p];
	bool			 in_house = pk->mode != MODE_EXTERNAL &&
				    check_internal_weeks(s, p) > 0;

	switch (k) {
	case COND_OUTSOURCED:
	case COND_OUTSOURCED_UNFRAMED:
		return xstrdup(pk->mode == MODE_INTERNAL ? _("ce lot se fait "
		    "en interne") : _("aucun prestataire ne fait d'offre pour "
		    "ce lot"));
	case COND_ENTRUSTED:
		if (c->entrusted_staff == SCENARIO_NONE)
			return xasprintf(_("« %s » ne fait pas d'offre pour ce "
			    "lot"), s->suppliers[c->entrusted_supplier].id);
		/* FALLTHROUGH */
	case COND_INTERNAL:
		return xstrdup(pk->mode == MODE_EXTERNAL ? _("ce lot se fait "
		    "en externe") : _("personne de l'équipe n'a toutes ses "
		    "compétences"));
	case COND_ACCESSIBLE:
		return xstrdup(in_house ? _("personne ne peut faire ce lot") :
		    _("aucune de ses offres n'est accessible et il ne se fait "
		    "pas en interne"));
	case COND_INACCESSIBLE:
		return xstrdup(in_house ? _("personne ne peut faire ce lot") :
		    _("toutes ses offres sont accessibles et il ne se fait pas "
		    "en interne"));
	default:
		return xstrdup(_("personne ne peut faire ce lot"));
	}
}

/*
 * The conditions on one package: each alone, then together, against every
 * way the team can hold it.  "lot_livre" and "lot_non_livre" on the same
 * package never hold together, whatever the way.
 */
static void
check_package_conditions(const struct scenario *s, struct diag *d,
    const struct incident *inc, int p)
{
	const struct conditions	*c = &inc->trigger.when;
	struct check_way	*w;
	char			*text, *why, *list = NULL, *next, *last = NULL;
	int			 n, i, k, ok, alone = 0, together;

	w = check_ways(s, p, &n);
	together = 0;
	for (i = 0; i < n; i++) {
		ok = 1;
		for (k = 0; k < CONDITION_KIND_COUNT; k++)
			if (c->set[k] && check_condition_package(c, k) == p &&
			    !check_way_meets(c, k, &w[i]))
				ok = 0;
		together |= ok;
	}
	for (k = 0; k < CONDITION_KIND_COUNT; k++) {
		if (!c->set[k] || check_condition_package(c, k) != p)
			continue;
		text = check_condition_text(s, c, k);
		/* « a, b et c »: the last one waits for the next. */
		if (last != NULL) {
			next = xasprintf("%s%s%s", list != NULL ? list : "",
			    list != NULL ? ", " : "", last);
			free(list);
			list = next;
		}
		free(last);
		last = xstrdup(text);
		for (i = ok = 0; i < n; i++)
			ok |= check_way_meets(c, k, &w[i]);
		if (!ok) {
			why = check_never_why(s, c, k, p);
			check_error(s, d, c->locs[k], _("incident « %s » : la "
			    "condition %s ne peut jamais être vraie, %s"),
			    inc->id, text, why);
			free(why);
			alone++;
		}
		free(text);
	}
	next = list != NULL ? xasprintf(_("%s et %s"), list, last) :
	    xstrdup(last);
	free(list);
	free(last);
	list = next;
	if (alone == 0 && c->set[COND_DELIVERED] &&
	    c->set[COND_NOT_DELIVERED] && c->value[COND_DELIVERED] == p &&
	    c->value[COND_NOT_DELIVERED] == p)
		check_error(s, d, c->locs[COND_NOT_DELIVERED], _("incident « %s "
		    "» : les conditions %s ne peuvent pas être vraies ensemble "
		    ": un lot est livré ou ne l'est pas"), inc->id, list);
	else if (alone == 0 && !together)
		check_error(s, d, c->loc, _("incident « %s » : les conditions "
		    "%s ne peuvent pas être vraies ensemble : aucune façon de "
		    "faire le lot « %s » (personne, en interne avec ou sans "
		    "l'accessibilité, ou l'une de ses offres) ne les remplit "
		    "toutes"), inc->id, list, s->packages[p].id);
	free(list);
	free(w);
}

/* Whether package p waits for q, directly or through others ("apres"). */
static bool
check_waits_for(const struct scenario *s, int p, int q, bool *seen)
{
	int	 i, r;

	for (i = 0; i < s->packages[p].nafter; i++) {
		r = s->packages[p].after[i];
		if (r == q)
			return true;
		if (!seen[r]) {
			seen[r] = true;
			if (check_waits_for(s, r, q, seen))
				return true;
		}
	}
	return false;
}

/*
 * A package begun or delivered while one it waits for is not delivered:
 * it cannot start before those of its "apres" are delivered.
 */
static void
check_order_conditions(const struct scenario *s, struct diag *d,
    const struct incident *inc)
{
	static const int	 begun[] = { COND_STARTED, COND_DELIVERED };
	const struct conditions	*c = &inc->trigger.when;
	bool			*seen;
	char			*a, *b;
	int			 i, p, q;

	if (!c->set[COND_NOT_DELIVERED])
		return;
	q = c->value[COND_NOT_DELIVERED];
	for (i = 0; i < 2; i++) {
		if (!c->set[begun[i]] || (p = c->value[begun[i]]) == q)
			continue;
		seen = xcalloc((size_t)s->npackages + 1, sizeof *seen);
		if (check_waits_for(s, p, q, seen)) {
			a = check_condition_text(s, c, begun[i]);
			b = check_condition_text(s, c, COND_NOT_DELIVERED);
			check_error(s, d, c->loc, _("incident « %s » : les "
			    "conditions %s et %s ne peuvent pas être vraies "
			    "ensemble : « %s » attend « %s » (apres), qui est "
			    "livré avant qu'il commence"), inc->id, a, b,
			    s->packages[p].id, s->packages[q].id);
			free(a);
			free(b);
		}
		free(seen);
	}
}

/* The needs a condition names: none at all, of a person, of a kind. */
static void
check_need_conditions(const struct scenario *s, struct diag *d,
    const struct incident *inc)
{
	const struct conditions	*c = &inc->trigger.when;
	const struct staff	*st;
	char			*a, *b;
	int			 i, j, kind, any = 0, of_kind = 0, mine = 0;

	kind = c->set[COND_ACCOMMODATION_MISSING] ?
	    c->value[COND_ACCOMMODATION_MISSING] : -1;
	for (i = 0; i < s->nstaff; i++)
		for (j = 0; j < s->staff[i].nneeds; j++) {
			any++;
			of_kind += (int)s->staff[i].needs[j].kind == kind;
			mine += c->set[COND_MEMBER_UNMET] &&
			    i == c->value[COND_MEMBER_UNMET] &&
			    (kind < 0 || (int)s->staff[i].needs[j].kind ==
			    kind);
		}
	/* A catalogue's generic condition may not apply to a scenario. */
	if (inc->catalogue == NULL && c->set[COND_UNMET_NEEDS] && any == 0)
		check_error(s, d, c->locs[COND_UNMET_NEEDS], _("incident « %s » "
		    ": la condition besoins_non_couverts = true ne peut jamais "
		    "être vraie, personne n'a de besoin d'aménagement dans ce "
		    "scénario"), inc->id);
	if (inc->catalogue == NULL && kind >= 0 && of_kind == 0) {
		a = check_condition_text(s, c, COND_ACCOMMODATION_MISSING);
		check_error(s, d, c->locs[COND_ACCOMMODATION_MISSING],
		    _("incident « %s » : la condition %s ne peut jamais être "
		    "vraie, personne n'a de besoin de ce type"), inc->id, a);
		free(a);
		return;
	}
	if (!c->set[COND_MEMBER_UNMET] || mine > 0)
		return;
	st = &s->staff[c->value[COND_MEMBER_UNMET]];
	a = check_condition_text(s, c, COND_MEMBER_UNMET);
	if (st->nneeds == 0 || kind < 0)
		check_error(s, d, c->locs[COND_MEMBER_UNMET], _("incident « %s » "
		    ": la condition %s ne peut jamais être vraie, %s n'a aucun "
		    "besoin d'aménagement déclaré"), inc->id, a, st->name);
	else {
		b = check_condition_text(s, c, COND_ACCOMMODATION_MISSING);
		check_error(s, d, c->loc, _("incident « %s » : les conditions "
		    "%s et %s ne peuvent pas être vraies ensemble : %s n'a pas "
		    "de besoin de ce type"), inc->id, a, b, st->name);
		free(b);
	}
	free(a);
}

/* The packages before p in the plan: « brief_strat → plateforme ». */
static char *
check_chain(const struct scenario *s, const int *via, int p)
{
	char	*chain = NULL, *next;
	int	 q;

	for (q = via[p]; q != SCENARIO_NONE; q = via[q]) {
		next = xasprintf("%s%s%s", s->packages[q].id,
		    chain != NULL ? " → " : "", chain != NULL ? chain : "");
		free(chain);
		chain = next;
	}
	return chain;
}

/*
 * The week from which condition k can hold with bound b of the plan (the
 * conditions are read at the start of a week, on the weeks closed), and in
 * *why what decides it; 0 for a condition of no timing.
 */
static int
check_condition_from(const struct scenario *s, const struct conditions *c,
    int k, const struct check_plan *pl, int b, char **why)
{
	int	 p = check_condition_package(c, k), finish, start;
	char	*chain;

	*why = NULL;
	switch (k) {
	case COND_INTERNAL_OPEN:
	case COND_EXTERNAL_OPEN:
		*why = xstrdup(_("aucun lot ne commence avant la semaine 1"));
		return 2;
	case COND_STARTED:
	case COND_DELIVERED:
		break;
	default:
		return 0;
	}
	finish = pl->finish[b][p];
	start = finish - (b == 1 ? 1 : scenario_min_weeks(s, p)) + 1;
	chain = check_chain(s, pl->via[b], p);
	if (k == COND_STARTED)
		*why = xasprintf(_("le lot « %s » commence au plus tôt en "
		    "semaine %d%s%s"), s->packages[p].id, start,
		    chain != NULL ? _(", après ") : "",
		    chain != NULL ? chain : "");
	else
		*why = xasprintf(_("le lot « %s » est livré au plus tôt à la "
		    "fin de la semaine %d%s%s"), s->packages[p].id, finish,
		    chain != NULL ? _(", après ") : "",
		    chain != NULL ? chain : "");
	free(chain);
	return (k == COND_STARTED ? start : finish) + 1;
}

/*
 * Whether the trigger's weeks end before a condition can hold: an error
 * when nothing could make it hold (one week per package), a warning when
 * the plan at its tightest rules it out (only an incident shortening a
 * package would let it fire).
 */
static void
check_condition_timing(const struct scenario *s, struct diag *d,
    const struct incident *inc, int k, const struct check_plan *pl)
{
	const struct trigger	*tr = &inc->trigger;
	const struct conditions	*c = &tr->when;
	int			 last, from;
	char			*why, *text;

	last = tr->kind == TRIGGER_WEEK ? tr->week : tr->last_week;
	if ((from = check_condition_from(s, c, k, pl, 1, &why)) > last) {
		text = check_condition_text(s, c, k);
		check_error(s, d, c->locs[k], _("incident « %s » : la condition "
		    "%s ne peut être vraie qu'à partir de la semaine %d (%s) ; "
		    "son déclencheur s'arrête en semaine %d : il ne "
		    "surviendrait jamais"), inc->id, text, from, why, last);
		free(text);
	} else if (from > 0) {
		free(why);
		if ((from = check_condition_from(s, c, k, pl, 0, &why)) >
		    last) {
			text = check_condition_text(s, c, k);
			check_warning(s, d, c->locs[k], _("incident « %s » : "
			    "d'après le plan au plus juste, la condition %s "
			    "n'est vraie qu'à partir de la semaine %d (%s) ; son "
			    "déclencheur s'arrête en semaine %d : il ne "
			    "surviendrait que si un incident raccourcit un "
			    "lot"), inc->id, text, from, why, last);
			free(text);
		}
	}
	free(why);
}

/*
 * What an incident's conditions can mean: each package's conditions
 * against the ways a team can hold it, a package begun before one it waits
 * for is delivered, a tool both used and missing, needs nobody has, an incident waiting for itself, and - on an acyclic plan
 * (pl) - a trigger whose weeks end before its conditions can hold.
 */
static void
check_conditions(const struct scenario *s, struct diag *d, int i,
    const struct check_plan *pl)
{
	const struct incident	*inc = &s->incidents[i];
	const struct conditions	*c = &inc->trigger.when;
	char			*a, *b;
	int			 k, p, q;

	for (k = 0; k < CONDITION_KIND_COUNT; k++) {
		if (!c->set[k] ||
		    (p = check_condition_package(c, k)) == SCENARIO_NONE)
			continue;
		for (q = 0; q < k; q++)
			if (c->set[q] && check_condition_package(c, q) == p)
				break;
		if (q == k)		/* each package once */
			check_package_conditions(s, d, inc, p);
	}
	if (c->set[COND_TOOL] && c->set[COND_MISSING_TOOL] &&
	    (int)s->tools[c->value[COND_TOOL]].category ==
	    c->value[COND_MISSING_TOOL]) {
		a = check_condition_text(s, c, COND_TOOL);
		b = check_condition_text(s, c, COND_MISSING_TOOL);
		check_error(s, d, c->loc, _("incident « %s » : les conditions "
		    "%s et %s ne peuvent pas être vraies ensemble : l'outil "
		    "« %s » est de cette catégorie"), inc->id, a, b,
		    s->tools[c->value[COND_TOOL]].name);
		free(a);
		free(b);
	}
	check_order_conditions(s, d, inc);
	check_need_conditions(s, d, inc);
	if (c->set[COND_AFTER] && c->value[COND_AFTER] == i)
		check_error(s, d, c->locs[COND_AFTER], _("incident « %s » : la "
		    "condition apres = \"%s\" le fait attendre lui-même"),
		    inc->id, inc->id);
	if (pl != NULL)
		for (k = 0; k < CONDITION_KIND_COUNT; k++)
			if (c->set[k])
				check_condition_timing(s, d, inc, k, pl);
}

static void
check_incidents(const struct scenario *s, struct diag *d,
    const struct check_plan *plan)
{
	const struct incident	*inc;
	const struct option	*o;
	char			*what;
	int			 i, j;

	for (i = 0; i < s->nincidents; i++) {
		inc = &s->incidents[i];
		for (j = 0; j < inc->noptions; j++) {
			o = &inc->options[j];
			if (effects_empty(&o->effects) &&
			    o->follow_up == SCENARIO_NONE)
				check_error(s, d, o->loc, _("l'option « %s » de "
				    "l'incident « %s » ne change rien : donnez-"
				    "lui des effets ou une suite"), o->id,
				    inc->id);
			if (o->follow_up == i)
				check_error(s, d, o->follow_up_loc, _("l'option "
				    "« %s » de l'incident « %s » a pour suite "
				    "l'incident lui-même"), o->id, inc->id);
			what = xasprintf(_("option « %s »"), o->id);
			check_effects(s, d, &o->effects, o->loc, what, inc->id);
			free(what);
		}
		if (effects_empty(&inc->default_effects) &&
		    inc->default_follow_up == SCENARIO_NONE)
			check_error(s, d, inc->default_loc, _("le défaut de "
			    "l'incident « %s » ne change rien : ne pas répondre "
			    "doit avoir des conséquences"), inc->id);
		if (inc->default_follow_up == SCENARIO_NONE &&
		    !effects_empty(&inc->default_effects))
			check_default(s, d, inc);
		if (inc->default_follow_up == i)
			check_error(s, d, inc->default_loc, _("le défaut de "
			    "l'incident « %s » a pour suite l'incident "
			    "lui-même"), inc->id);
		check_effects(s, d, &inc->default_effects, inc->default_loc,
		    _("le défaut"), inc->id);
		if (inc->catalogue != NULL)
			check_catalogue_refs(s, d, inc);
		if (inc->trigger.conditional)
			check_conditions(s, d, i, plan);
	}
}

static void
check_tools_and_offers(const struct scenario *s, struct diag *d)
{
	const struct tool	*t;
	const struct offer	*o;
	const struct package	*p;
	int			 i, j;
	bool			 pm = false;

	for (i = 0; i < s->ntools; i++) {
		t = &s->tools[i];
		if (t->category == TOOL_PROJECT_MANAGEMENT)
			pm = true;
		if (t->cost == 0 && t->weekly_cost == 0 &&
		    t->setup_days == 0 && t->effects.productivity == 0 &&
		    t->effects.coordination == 0 && t->effects.quality == 0 &&
		    t->effects.morale == 0)
			check_warning(s, d, t->loc, _("l'outil « %s » n'a ni "
			    "coût ni effet : le choisir ne changera rien"),
			    t->id);
	}
	if (!pm)
		check_warning(s, d, s->loc.line > 0 ? s->loc : s->budget_loc,
		    _("aucun outil de gestion de projet proposé : le critère "
		    "E3 « outil » ne pourra pas être rempli"));
	for (i = 0; i < s->nsuppliers; i++) {
		for (j = 0; j < s->suppliers[i].noffers; j++) {
			o = &s->suppliers[i].offers[j];
			p = &s->packages[o->package];
			if (o->lead > s->weeks - p->due)
				check_warning(s, d, o->loc, _("l'offre de « %s » "
				    "pour le lot « %s » (délai : %d sem.) ne "
				    "peut pas tenir son échéance (semaine %d)"),
				    s->suppliers[i].id, p->id, o->lead,
				    s->weeks - p->due);
		}
	}
}

static void
check_follow_ups(const struct scenario *s, struct diag *d)
{
	int	*colour, *path, i;

	colour = xcalloc((size_t)s->nincidents + 1, sizeof *colour);
	path = xcalloc((size_t)s->nincidents + 1, sizeof *path);
	for (i = 0; i < s->nincidents; i++)
		if (colour[i] == 0)
			check_follow_up_from(s, d, i, colour, path, 0);
	free(colour);
	free(path);
}

void
scenario_validate_parts(const struct scenario *s, struct diag *d,
    unsigned parts)
{
	struct check_plan	 plan, *timing = NULL;
	int			*release;
	bool			 doable = false, acyclic = false;

	if (parts & SCENARIO_CHECK_WEIGHTS)
		check_weights(s, d);
	if (parts & SCENARIO_CHECK_PLAN) {
		doable = check_doable(s, d);
		acyclic = !check_cycles(s, d);
		if (acyclic && doable)
			check_schedule(s, d);
		if (doable) {
			release = acyclic ? check_release(s) : NULL;
			check_capacity(s, d, release);
			free(release);
			check_budget(s, d);
		}
	}
	if (parts & SCENARIO_CHECK_INCIDENTS) {
		/* When conditions on packages can be true: an acyclic plan. */
		if (acyclic && doable) {
			check_plan_init(s, &plan);
			timing = &plan;
		}
		check_incidents(s, d, timing);
		check_follow_ups(s, d);
		if (timing != NULL)
			check_plan_release(&plan);
	}
	if (parts & SCENARIO_CHECK_OFFERS)
		check_tools_and_offers(s, d);
}

void
scenario_validate(const struct scenario *s, struct diag *d)
{
	scenario_validate_parts(s, d, SCENARIO_CHECK_ALL);
}
