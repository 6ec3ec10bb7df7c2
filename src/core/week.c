/*
 * week: what happens to each team when the trainer closes a week.
 *
 * In order: unanswered incidents take their default; tools cost their
 * weekly price; each person's capacity is computed (availability, absence,
 * unmet accommodations, tools, morale, fatigue, tool set-up); packages whose
 * predecessors are done and whose planned start has come begin (suppliers
 * are ordered and the money committed); internal work progresses and is
 * paid; suppliers deliver at their due week or slip (less when the
 * relationship is framed and meetings are frequent, more when their
 * reliability is low: one fair draw per package and week); people tire or
 * recover and morale moves; lateness is explained.  Then the next week's
 * incidents fire, or, after the last week, results are computed.
 *
 * Capacities are in centi-days (1/100 of a person-day) to stay in integers.
 */
#include <stdlib.h>
#include <string.h>

#include "core/game_internal.h"
#include "core/rng.h"
#include "util/i18n.h"
#include "util/text.h"

static int
week_clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static int
week_tool_sum(const struct scenario *s, const struct team *t, int which)
{
	int	 i, sum = 0;

	for (i = 0; i < s->ntools; i++) {
		if (!t->tools[i])
			continue;
		switch (which) {
		case 0:
			sum += s->tools[i].effects.productivity;
			break;
		case 1:
			sum += s->tools[i].effects.coordination;
			break;
		case 2:
			sum += s->tools[i].effects.quality;
			break;
		default:
			sum += s->tools[i].effects.morale;
			break;
		}
	}
	return sum;
}

/* Centi-days person i can give this week. */
static int
week_capacity(const struct scenario *s, struct team *t, int i, int week,
    int64_t seq)
{
	struct staff_state	*st = &t->staff[i];
	int			 days = s->staff[i].availability, lost, j;
	int			 cap, productivity = week_tool_sum(s, t, 0);
	int64_t			 seqs[1] = { seq };

	lost = st->days_lost < days ? st->days_lost : days;
	st->days_lost -= lost;
	cap = (days - lost) * 100;
	for (j = 0; j < s->staff[i].nneeds; j++) {
		if (t->staff[i].accommodated[j])
			continue;
		cap = cap * (100 - s->staff[i].needs[j].loss_if_unmet) / 100;
		game_explain(t, week, seqs, 0, N_("%s perd %d %% de sa "
		    "productivité : aménagement attendu non mis en place (%s)"),
		    s->staff[i].name, s->staff[i].needs[j].loss_if_unmet,
		    s->staff[i].needs[j].detail);
	}
	cap = cap * (100 + productivity) / 100;
	if (st->morale < 40)
		cap = cap * 80 / 100;
	else if (st->morale < 60)
		cap = cap * 90 / 100;
	else if (st->morale > 85)
		cap = cap * 105 / 100;
	cap = cap * (100 - st->fatigue / 2) / 100;
	return cap < 0 ? 0 : cap;
}

static bool
week_ready(const struct scenario *s, const struct team *t, int p, int week)
{
	const struct package	*pk = &s->packages[p];
	int			 i;

	if (t->packages[p].owner == OWNER_NONE)
		return false;
	if (t->packages[p].plan_start > week)
		return false;
	for (i = 0; i < pk->nafter; i++) {
		const struct package_state *q = &t->packages[pk->after[i]];

		if (q->status != PKG_DONE || q->finished >= week)
			return false;
	}
	return true;
}

/* Whether a predecessor of p is not finished before this week. */
static bool
week_waiting(const struct scenario *s, const struct team *t, int p, int week)
{
	int	 i;

	for (i = 0; i < s->packages[p].nafter; i++) {
		const struct package_state *q =
		    &t->packages[s->packages[p].after[i]];

		if (q->status != PKG_DONE || q->finished >= week)
			return true;
	}
	return false;
}

static void
week_deliver(struct game *g, struct team *t, int p, int week, int quality,
    bool accessible)
{
	const struct scenario	*s = g->scenario;
	struct package_state	*ps = &t->packages[p];
	int			 line = s->packages[p].line;

	ps->status = PKG_DONE;
	ps->finished = week;
	ps->quality = week_clamp(quality + ps->quality_delta +
	    t->quality_effect, 0, 100);
	ps->accessible = accessible;
	if (s->packages[p].fixed_cost > 0) {
		t->lines[line].committed -= s->packages[p].fixed_cost;
		t->lines[line].actual += s->packages[p].fixed_cost;
	}
}

/* Orders a package from its supplier: due after the lead time. */
static void
week_order(struct game *g, struct team *t, int p, int week)
{
	const struct scenario	*s = g->scenario;
	struct package_state	*ps = &t->packages[p];
	const struct offer	*o;

	o = &s->suppliers[ps->supplier].offers[ps->offer];
	ps->ordered = week;
	ps->due = week + o->lead - 1 + ps->delay;
	ps->delay = 0;
	if (ps->due < week)
		ps->due = week;
	t->lines[s->packages[p].line].committed += o->price - ps->discount;
}

static void
week_start_package(struct game *g, struct team *t, int p, int week)
{
	const struct scenario	*s = g->scenario;
	struct package_state	*ps = &t->packages[p];
	int			 line = s->packages[p].line;

	ps->started = week;
	ps->status = PKG_IN_PROGRESS;
	t->lines[line].committed += s->packages[p].fixed_cost;
	if (ps->owner == OWNER_SUPPLIER)
		week_order(g, t, p, week);
}

static void
week_internal(struct game *g, struct team *t, int week, int64_t seq)
{
	const struct scenario	*s = g->scenario;
	int			*cap, *active, nactive, i, j, k, share, n, quality;
	int			 give;
	int			 morale, required;
	int64_t			 seqs[2];

	cap = xcalloc((size_t)s->nstaff + 1, sizeof *cap);
	active = xcalloc((size_t)s->npackages + 1, sizeof *active);
	for (i = 0; i < s->nstaff; i++)
		cap[i] = week_capacity(s, t, i, week, seq);
	/* Tool set-up eats the first weeks' capacity, shared by everyone in
	 * proportion to what each has (everyone learns the tools). */
	if (t->setup_days > 0) {
		int64_t total = 0, want = (int64_t)t->setup_days * 100, taken = 0;

		for (i = 0; i < s->nstaff; i++)
			total += cap[i];
		if (want > total)
			want = total;
		for (i = 0; i < s->nstaff && total > 0; i++) {
			n = (int)(cap[i] * want / total);
			cap[i] -= n;
			taken += n;
		}
		/* What rounding left, from whoever still has time. */
		for (i = 0; i < s->nstaff && taken < want; i++) {
			n = (int)(want - taken < cap[i] ? want - taken : cap[i]);
			cap[i] -= n;
			taken += n;
		}
		t->setup_days = (int)(((int64_t)t->setup_days * 100 - taken +
		    99) / 100);
	}
	for (i = 0; i < s->nstaff; i++) {
		nactive = 0;
		for (j = 0; j < s->npackages; j++) {
			const struct package_state *p = &t->packages[j];

			if (p->owner == OWNER_INTERNAL && p->staff[i] &&
			    p->status == PKG_IN_PROGRESS && p->delay == 0 &&
			    p->started < week + 1)
				active[nactive++] = j;
		}
		if (nactive == 0)
			continue;
		share = cap[i] / nactive;
		for (k = 0; k < nactive; k++) {
			struct package_state *p = &t->packages[active[k]];

			/* Each package gets its own share, at most its need. */
			required = game_internal_required(s, t, active[k]);
			give = required - p->done_cdays;
			if (give > share)
				give = share;
			if (give < 0)		/* scope cut below work done */
				give = 0;
			p->done_cdays += give;
			t->lines[s->staff_line].actual +=
			    s->staff[i].daily_cost * give / 100;
		}
	}
	for (j = 0; j < s->npackages; j++) {
		struct package_state *p = &t->packages[j];

		if (p->owner != OWNER_INTERNAL || p->status != PKG_IN_PROGRESS)
			continue;
		if (p->delay > 0) {
			p->delay--;
			seqs[0] = p->assigned_seq;
			game_explain(t, week, seqs, 1, N_("« %s » est resté "
			    "bloqué cette semaine (retard dû à un incident)"),
			    s->packages[j].name);
			continue;
		}
		if (p->done_cdays < game_internal_required(s, t, j))
			continue;
		for (i = n = morale = 0; i < s->nstaff; i++) {
			if (p->staff[i]) {
				morale += t->staff[i].morale;
				n++;
			}
		}
		morale = n > 0 ? morale / n : 70;
		quality = 70 + week_tool_sum(s, t, 2) + (morale - 70) / 4;
		week_deliver(g, t, j, week, quality, p->accessible_work);
	}
	free(cap);
	free(active);
}

static void
week_suppliers(struct game *g, struct team *t, int week)
{
	const struct scenario	*s = g->scenario;
	const struct supplier	*sup;
	const struct supplier_state *ss;
	const struct offer	*o;
	int			 p, chance, draw, quality, line;
	int64_t			 seqs[3];
	const char		*framing;

	for (p = 0; p < s->npackages; p++) {
		struct package_state *ps = &t->packages[p];

		if (ps->owner != OWNER_SUPPLIER || ps->status != PKG_IN_PROGRESS ||
		    ps->due > week)
			continue;
		sup = &s->suppliers[ps->supplier];
		ss = &t->suppliers[ps->supplier];
		o = &sup->offers[ps->offer];
		/*
		 * Slip chance: the supplier's unreliability, halved by a framed
		 * relationship, reduced by frequent meetings and coordination
		 * tools.
		 */
		chance = 100 - week_clamp(sup->reliability +
		    ss->reliability_delta, 0, 100);
		if (ss->framed)
			chance /= 2;
		if (ss->meetings == MEETINGS_WEEKLY)
			chance = chance * 70 / 100;
		else if (ss->meetings == MEETINGS_FORTNIGHTLY)
			chance = chance * 85 / 100;
		chance = chance * (100 - week_clamp(week_tool_sum(s, t, 1), -50,
		    50)) / 100;
		draw = game_draw(g, t, week, RNG_SLIP, p, 100);
		seqs[0] = ps->assigned_seq;
		seqs[1] = ss->framed_seq;
		if (draw < chance) {
			ps->due = week + 1;
			framing = !ss->framed ? _("relation non cadrée") :
			    ss->meetings == MEETINGS_WEEKLY ? _("relation "
			    "cadrée, réunions hebdomadaires") :
			    _("relation cadrée");
			game_explain(t, week, seqs, 2, N_("« %s » glisse d'une "
			    "semaine chez %s : fiabilité %d %%, %s, risque de "
			    "glissement %d %%, tirage de la semaine %d : %d"),
			    s->packages[p].name, sup->name, week_clamp(
			    sup->reliability + ss->reliability_delta, 0, 100),
			    framing, chance, week, draw);
			continue;
		}
		quality = o->quality + week_tool_sum(s, t, 2) +
		    (ss->acceptance != NULL && ss->acceptance[0] ? 5 : 0);
		line = s->packages[p].line;
		t->lines[line].committed -= o->price - ps->discount;
		t->lines[line].actual += o->price - ps->discount;
		week_deliver(g, t, p, week, quality, o->accessible);
	}
}

static void
week_people(struct game *g, struct team *t, int week)
{
	const struct scenario	*s = g->scenario;
	int			 i, j, load, busy, mood = week_tool_sum(s, t, 3);
	int64_t			 seqs[1] = { 0 };

	for (i = 0; i < s->nstaff; i++) {
		struct staff_state *st = &t->staff[i];

		load = game_planned_load(s, t, i, week);
		for (j = busy = 0; j < s->npackages; j++)
			if (t->packages[j].owner == OWNER_INTERNAL &&
			    t->packages[j].staff[i] &&
			    t->packages[j].status == PKG_IN_PROGRESS)
				busy++;
		/* Tired by work actually on the desk, not by plans alone. */
		if (busy >= 3 || (busy >= 1 &&
		    load > s->staff[i].availability * 100)) {
			st->fatigue = week_clamp(st->fatigue + 15, 0, 100);
			st->morale = week_clamp(st->morale - 5, 0, 100);
			game_explain(t, week, seqs, 0, N_("%s en surcharge : "
			    "%d lot(s) en cours, %d,%02d jours prévus pour %d "
			    "disponibles ; fatigue %d %%, moral %d %%"),
			    s->staff[i].name, busy, load / 100, load % 100,
			    s->staff[i].availability, st->fatigue, st->morale);
		} else
			st->fatigue = week_clamp(st->fatigue - 10, 0, 100);
		st->morale = week_clamp(st->morale + mood, 0, 100);
		for (j = 0; j < s->staff[i].nneeds; j++)
			if (!st->accommodated[j])
				st->morale = week_clamp(st->morale - 3, 0, 100);
	}
}

static void
week_simulate(struct game *g, int team, int week, int64_t seq)
{
	const struct scenario	*s = g->scenario;
	struct team		*t = &g->teams[team];
	int			 i, due;
	int64_t			 seqs[1];

	for (i = 0; i < s->ntools; i++)
		if (t->tools[i])
			t->lines[s->tools_line].actual += s->tools[i].weekly_cost;
	for (i = 0; i < s->npackages; i++) {
		struct package_state *p = &t->packages[i];

		/* Work begun in-house, then handed to a supplier: order it. */
		if (p->status == PKG_IN_PROGRESS &&
		    p->owner == OWNER_SUPPLIER && p->ordered == 0)
			week_order(g, t, i, week);
		if (p->status == PKG_DONE || p->status == PKG_IN_PROGRESS)
			continue;
		if (week_ready(s, t, i, week))
			week_start_package(g, t, i, week);
		else
			/* Blocked means waiting on other work, not on a date. */
			p->status = p->owner != OWNER_NONE &&
			    week_waiting(s, t, i, week) ? PKG_BLOCKED : PKG_TODO;
	}
	week_internal(g, t, week, seq);
	week_suppliers(g, t, week);
	week_people(g, t, week);
	for (i = 0; i < s->npackages; i++) {
		due = game_package_due_week(s, i);
		if (t->packages[i].status != PKG_DONE && week == due) {
			seqs[0] = t->packages[i].planned_seq;
			game_explain(t, week, seqs, 1, N_("« %s » n'est pas livré "
			    "à son échéance (S-%d)%s"), s->packages[i].name,
			    s->packages[i].due, t->packages[i].owner ==
			    OWNER_NONE ? _(" : personne n'en est responsable") :
			    "");
		}
	}
}

void
game_close_week(struct game *g, int64_t seq, int64_t time)
{
	int	 i, j, week = g->week;

	/* The end of the week is every open incident's last chance. */
	for (i = 0; i < g->nteams; i++)
		for (j = 0; j < g->teams[i].noccurrences; j++)
			if (g->teams[i].occurrences[j].status == OCC_OPEN)
				game_resolve(g, i, j, -1, seq, NULL, NULL);
	for (i = 0; i < g->nteams; i++)
		week_simulate(g, i, week, seq);
	if (week >= g->scenario->weeks) {
		g->phase = PHASE_LAUNCHED;
		for (i = 0; i < g->nteams; i++)
			game_compute_results(g, i);
		return;
	}
	g->week = week + 1;
	for (i = 0; i < g->nteams; i++)
		game_fire_week(g, i, g->week, seq, time);
}
