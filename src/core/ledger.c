/*
 * ledger: a team's budget computed from its state (see ledger.h for the
 * definitions and the margin's identity), and the alert the team gets when
 * its forecast goes over the envelope.
 *
 * What is planned comes from the choices as they stand, package by package,
 * so that it never drifts from them; what moved (committed, paid, unplanned,
 * drawn, saved) is the state's per-line record (struct budget_line_state),
 * which only week.c, commands.c and effects.c write.
 */
#include <string.h>

#include "core/game_internal.h"
#include "core/ledger.h"
#include "util/i18n.h"
#include "util/text.h"

int
ledger_default_line(const struct scenario *s)
{
	if (s->unplanned_line >= 0 && s->unplanned_line < s->nlines)
		return s->unplanned_line;
	return s->nlines > 0 ? s->nlines - 1 : 0;
}

int
ledger_cost_line(const struct scenario *s, const struct team *t, int line,
    int package, int supplier)
{
	int	 i;

	if (line >= 0)
		return line;
	if (package >= 0)
		return s->packages[package].line;
	if (supplier >= 0 && t != NULL)
		for (i = 0; i < s->npackages; i++)
			if (t->packages[i].owner == OWNER_SUPPLIER &&
			    t->packages[i].supplier == supplier)
				return s->packages[i].line;
	return ledger_default_line(s);
}

/* Planned, not yet ordered nor paid, of package p, onto planned[]. */
static void
ledger_package(const struct scenario *s, const struct team *t, int p,
    int64_t *planned)
{
	const struct package_state	*ps = &t->packages[p];
	const struct offer		*o;
	int				 left;

	if (ps->started == 0)
		planned[s->packages[p].line] += s->packages[p].fixed_cost;
	if (ps->owner == OWNER_INTERNAL && ps->status != PKG_DONE) {
		left = game_internal_required(s, t, p) - ps->done_cdays;
		if (left > 0)
			planned[s->staff_line] += game_internal_daily_cost(s,
			    t, p) * left / 100;
	} else if (ps->owner == OWNER_SUPPLIER && ps->ordered == 0) {
		o = &s->suppliers[ps->supplier].offers[ps->offer];
		planned[s->packages[p].line] += o->price - ps->discount;
	}
}

static void
ledger_add(struct ledger_line *sum, const struct ledger_line *l)
{
	sum->planned += l->planned;
	sum->committed += l->committed;
	sum->actual += l->actual;
	sum->unplanned += l->unplanned;
	sum->drawn += l->drawn;
	sum->savings += l->savings;
	sum->forecast += l->forecast;
	sum->spent += l->spent;
}

void
game_ledger(const struct game *g, const struct team *t, struct ledger *l)
{
	const struct scenario	*s = g->scenario;
	int64_t			 planned[SCENARIO_MAX_LINES] = { 0 }, gross, paid;
	int			 i, weeks;

	memset(l, 0, sizeof *l);
	l->nlines = s->nlines < SCENARIO_MAX_LINES ? s->nlines :
	    SCENARIO_MAX_LINES;
	if (g->phase != PHASE_LAUNCHED) {
		for (i = 0; i < s->npackages; i++)
			ledger_package(s, t, i, planned);
		/* A tool costs its weekly price at the close of each week. */
		weeks = g->phase == PHASE_FRAMING ? s->weeks :
		    s->weeks - g->week + 1;
		for (i = 0; i < s->ntools; i++)
			if (t->tools[i])
				planned[s->tools_line] +=
				    s->tools[i].weekly_cost * weeks;
	}
	for (i = 0; i < l->nlines; i++) {
		const struct budget_line_state	*b = &t->lines[i];
		struct ledger_line		*x = &l->lines[i];

		x->planned = planned[i];
		x->committed = b->committed;
		x->actual = b->actual;
		x->unplanned = b->unplanned;
		x->drawn = b->drawn;
		gross = x->actual + x->committed + x->planned;
		/* A saving counts while the line has spending to carry it. */
		x->savings = b->saved < gross ? b->saved : gross;
		x->forecast = gross - x->savings;
		paid = x->actual + x->committed;
		x->spent = paid - (x->savings < paid ? x->savings : paid);
		ledger_add(&l->total, x);
	}
	l->envelope = t->envelope;
	l->reserve = t->reserve;
	l->reserve_drawn = t->reserve_used;
	l->reserve_left = t->reserve - t->reserve_used;
	l->margin = l->envelope - l->total.forecast - l->reserve_left;
	l->overrun = l->total.forecast > l->envelope ?
	    l->total.forecast - l->envelope : 0;
	l->reserve_low = l->reserve * 100 < (int64_t)s->reserve_min *
	    l->envelope;
}

void
game_ledger_watch(struct game *g, int64_t seq)
{
	game_ledger_watch_team(g, seq, -1);
}

void
game_ledger_watch_team(struct game *g, int64_t seq, int only)
{
	struct ledger	 l;
	char		 a[TEXT_MONEY_MAX], b[TEXT_MONEY_MAX];
	char		 c[TEXT_MONEY_MAX];
	int64_t		 seqs[1] = { seq };
	int		 i;
	bool		 over;

	if (g->phase != PHASE_PILOTING)
		return;
	for (i = 0; i < g->nteams; i++) {
		struct team *t = &g->teams[i];

		if (only >= 0 && i != only)
			continue;

		game_ledger(g, t, &l);
		over = l.overrun > 0;
		if (over == t->over_envelope)
			continue;
		t->over_envelope = over;
		if (over && t->drift_seq == 0)
			t->drift_seq = seq;
		if (over)
			game_explain(t, g->week, seqs, 1, N_("alerte budget : la "
			    "prévision (%s) dépasse l'enveloppe (%s) de %s"),
			    text_money(a, l.total.forecast),
			    text_money(b, l.envelope), text_money(c, l.overrun));
		else
			game_explain(t, g->week, seqs, 1, N_("budget : la "
			    "prévision (%s) revient dans l'enveloppe (%s)"),
			    text_money(a, l.total.forecast),
			    text_money(b, l.envelope));
	}
}
