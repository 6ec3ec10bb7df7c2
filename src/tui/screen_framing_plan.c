/*
 * screen_framing_plan: the retro-planning sub-view of the framing screen, a
 * Gantt chart counted back from launch.  One column per week, S-(n-1) on
 * the left to S-0 (the launch week) on the right; one row per package with
 * its number, its predecessors' numbers and its bar.  A planning tool's
 * marks: ◆ after the package's deadline week, ▓ on the weeks of a bar that
 * end after the deadline or start before a predecessor ends, ▒ on the weeks
 * where someone on it is over-allocated, ! before a package with an alert.
 * During piloting each cell shows plan (░) against actual (▓ off the plan,
 * █ both), as the Pilotage Gantt does, and the current week is marked in
 * the header.
 *
 * Below the chart, when the terminal is tall enough (else with v): the
 * planned load of each person, week by week, against availability.
 *
 * Every move of a bar is one `planifier` command; the engine refuses what
 * is not allowed (planning in the past during piloting...) and says why.
 *
 * The planned load is the engine's game_planned_load() (core/game.h)
 * so that the chart shows exactly the overloads the alerts report: a view
 * must not recompute a rule.  This file is the framing screen's only door
 * to that header (fr_peak_load, fr_package_cost).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/game.h"
#include "tui/screen_framing.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Geometry of the chart for the current terminal width. */
struct plan_geo {
	int	 name_x, name_w;	/* package names */
	int	 pred_x, pred_w;	/* predecessors' numbers */
	int	 grid_x, cell_w;	/* week w at grid_x + (w - 1) * cell_w */
	int	 owner_x, owner_w;	/* owner, on wide terminals */
};

static void
plan_geometry(const struct app *a, struct plan_geo *g)
{
	int	 weeks = a->scenario->weeks, rest;

	g->name_x = 5;
	g->pred_w = 8;
	g->cell_w = (COLS - 2 - g->name_x - g->pred_w - 28) / weeks;
	if (g->cell_w > 6)
		g->cell_w = 6;
	if (g->cell_w < 3)
		g->cell_w = 3;
	g->owner_w = COLS >= 110 ? 20 : 0;
	rest = COLS - 2 - g->name_x - g->pred_w - weeks * g->cell_w - 1 -
	    g->owner_w;
	g->name_w = rest > 8 ? rest : 8;
	g->pred_x = g->name_x + g->name_w;
	g->grid_x = g->pred_x + g->pred_w;
	g->owner_x = g->grid_x + weeks * g->cell_w + 2;
}

int64_t
fr_package_cost(const struct app *a, int p)
{
	return game_package_forecast(a->scenario, app_team(a), p);
}

int
fr_peak_load(const struct app *a, int staff)
{
	int	 w, load, peak = 0;

	for (w = 1; w <= a->scenario->weeks; w++) {
		load = game_planned_load(a->scenario, app_team(a), staff, w);
		if (load > peak)
			peak = load;
	}
	return peak;
}

/* Where the bar's week w sits (its first column). */
static int
plan_cell_x(const struct plan_geo *g, int w)
{
	return g->grid_x + (w - 1) * g->cell_w + 1;
}

/* Whether one of the people on package p is over-allocated in week w. */
static bool
plan_overloaded(const struct app *a, int p, int w)
{
	const struct scenario	*s = a->scenario;
	const struct team	*t = app_team(a);
	int			 i;

	if (t->packages[p].owner != OWNER_INTERNAL)
		return false;
	for (i = 0; i < s->nstaff; i++)
		if (t->packages[p].staff[i] && game_planned_load(s, t, i, w) >
		    s->staff[i].availability * 100)
			return true;
	return false;
}

/* The latest planned end among p's predecessors, 0 if none planned. */
static int
plan_pred_end(const struct app *a, int p)
{
	const struct package	*pk = &a->scenario->packages[p];
	const struct team	*t = app_team(a);
	int			 i, end = 0;

	for (i = 0; i < pk->nafter; i++)
		if (t->packages[pk->after[i]].plan_end > end)
			end = t->packages[pk->after[i]].plan_end;
	return end;
}

/* Whether the package's plan shows a problem a planning tool flags. */
static bool
plan_flagged(const struct app *a, int p)
{
	const struct scenario	*s = a->scenario;
	const struct package_state *ps = &app_team(a)->packages[p];
	int			 w, lead;

	if (ps->owner == OWNER_NONE || ps->plan_start == 0)
		return true;
	if (ps->plan_end > s->weeks - s->packages[p].due)
		return true;
	if (ps->plan_start <= plan_pred_end(a, p))
		return true;
	if (ps->owner == OWNER_SUPPLIER) {
		lead = s->suppliers[ps->supplier].offers[ps->offer].lead;
		if (ps->plan_end - ps->plan_start + 1 < lead)
			return true;
	}
	for (w = ps->plan_start; w <= ps->plan_end; w++)
		if (plan_overloaded(a, p, w))
			return true;
	return false;
}

/* The weeks actually worked: [*from, *to], or false. */
static bool
plan_actual(const struct app *a, int p, int *from, int *to)
{
	const struct game	*g = a->game;
	const struct package_state *ps = &app_team(a)->packages[p];

	if (ps->started == 0)
		return false;
	*from = ps->started;
	*to = ps->finished > 0 ? ps->finished : g->phase == PHASE_LAUNCHED ?
	    a->scenario->weeks : g->week - 1;
	if (*to < *from)
		*to = *from;
	return true;
}

static void
plan_header(struct app *a, const struct plan_geo *geo, int y)
{
	const struct game	*g = a->game;
	int			 w, weeks = a->scenario->weeks;
	char			 label[16];

	fr_put(a, y, 1, geo->name_x - 1, ROLE_HEADING, _("n°"));
	fr_put(a, y, geo->name_x, geo->name_w, ROLE_HEADING,
	    geo->cell_w >= 4 ? _("lot") : _("lot (semaines S-n)"));
	fr_put(a, y, geo->pred_x, geo->pred_w, ROLE_HEADING, _("après"));
	for (w = 1; w <= weeks; w++) {
		if (geo->cell_w >= 4)
			snprintf(label, sizeof label, "S-%d", weeks - w);
		else
			snprintf(label, sizeof label, "%d", weeks - w);
		fr_put(a, y, plan_cell_x(geo, w), geo->cell_w - 1,
		    g->phase == PHASE_PILOTING && w == g->week ?
		    ROLE_TAB_ACTIVE : ROLE_HEADING, label);
	}
	if (geo->owner_w > 0)
		fr_put(a, y, geo->owner_x, geo->owner_w, ROLE_HEADING,
		    _("responsable"));
}

static void
plan_row(struct app *a, const struct plan_geo *geo, int y, int p, int sel)
{
	const struct scenario	*s = a->scenario;
	const struct team	*t = app_team(a);
	const struct package	*pk = &s->packages[p];
	const struct package_state *ps = &t->packages[p];
	bool			 piloting = a->game->phase != PHASE_FRAMING;
	bool			 pred_of_sel = false, has_actual, plan, act;
	int			 w, k, due = s->weeks - pk->due, pend, from = 0;
	int			 to = 0;
	char			*preds, *next, cell[32];
	const char		*glyph;
	enum app_role		 role;

	for (k = 0; sel >= 0 && k < s->packages[sel].nafter; k++)
		if (s->packages[sel].after[k] == p)
			pred_of_sel = true;
	if (plan_flagged(a, p))
		fr_put(a, y, 1, 1, ps->owner == OWNER_NONE ||
		    ps->plan_start == 0 ? ROLE_WARN : ROLE_BAD, "!");
	fr_putf(a, y, 2, 3, p == sel ? ROLE_SELECTED : pred_of_sel ?
	    ROLE_INFO : ROLE_DIM, "%2d", p + 1);
	fr_put(a, y, geo->name_x, geo->name_w - 1, p == sel ? ROLE_SELECTED :
	    pred_of_sel ? ROLE_INFO : ROLE_NORMAL, pk->name);
	pend = plan_pred_end(a, p);
	preds = xstrdup("");
	for (k = 0; k < pk->nafter; k++) {
		next = xasprintf("%s%s%d", preds, k ? "," : "", pk->after[k] +
		    1);
		free(preds);
		preds = next;
	}
	fr_put(a, y, geo->pred_x, geo->pred_w - 1, ps->plan_start > 0 &&
	    ps->plan_start <= pend ? ROLE_BAD : ROLE_DIM, preds);
	free(preds);
	/* The deadline: ◆ just after the last week allowed. */
	fr_put(a, y, plan_cell_x(geo, due) + geo->cell_w - 1, 1, ROLE_WARN,
	    "◆");
	has_actual = piloting && plan_actual(a, p, &from, &to);
	if (ps->plan_start == 0 && !has_actual)
		for (w = 1; w <= s->weeks; w++)
			fr_put(a, y, plan_cell_x(geo, w) + (geo->cell_w - 2) / 2,
			    1, ROLE_DIM, "·");
	for (w = 1; w <= s->weeks; w++) {
		plan = ps->plan_start > 0 && w >= ps->plan_start &&
		    w <= ps->plan_end;
		act = has_actual && w >= from && w <= to;
		if (!plan && !act)
			continue;
		role = ROLE_TITLE;
		glyph = "█";
		if (plan && (w > due || w <= pend)) {
			role = ROLE_BAD;
			glyph = "▓";
		} else if (plan && plan_overloaded(a, p, w)) {
			role = ROLE_WARN;
			glyph = "▒";
		}
		if (piloting) {
			/* The Pilotage Gantt's glyphs: one legend. */
			glyph = plan && act ? "█" : plan ? "░" : "▓";
			if (act)
				role = ps->finished > 0 ? ROLE_GOOD : w > due ?
				    ROLE_BAD : ROLE_WARN;
		}
		cell[0] = '\0';
		for (k = 0; k < geo->cell_w - 1 && k < 8; k++)
			strcat(cell, glyph);
		fr_put(a, y, plan_cell_x(geo, w), geo->cell_w - 1, role, cell);
	}
	if (geo->owner_w > 0) {
		char *owner = ps->owner == OWNER_SUPPLIER ?
		    xstrdup(s->suppliers[ps->supplier].name) :
		    ps->owner == OWNER_INTERNAL ? fr_people(a, p, true) :
		    xstrdup(_("— à attribuer"));

		fr_put(a, y, geo->owner_x, geo->owner_w, ps->owner ==
		    OWNER_NONE ? ROLE_WARN : ROLE_DIM, owner);
		free(owner);
	}
}

/* The load table: one row per person, planned days per week. */
static int
plan_load(struct app *a, const struct plan_geo *geo, int y, int rows)
{
	const struct scenario	*s = a->scenario;
	const struct team	*t = app_team(a);
	int			 i, w, load, used = 0;
	char			 cell[16];

	if (rows < 2)
		return 0;
	fr_put(a, y, geo->name_x, geo->name_w - 1, ROLE_HEADING,
	    _("charge prévue (j/sem.)"));
	fr_put(a, y, geo->pred_x, geo->pred_w, ROLE_HEADING, _("dispo"));
	used++;
	for (i = 0; i < s->nstaff && used < rows; i++, used++) {
		fr_put(a, y + used, geo->name_x, geo->name_w - 1, ROLE_NORMAL,
		    s->staff[i].name);
		fr_putf(a, y + used, geo->pred_x, geo->pred_w - 1, ROLE_DIM,
		    _("%d j"), s->staff[i].availability);
		for (w = 1; w <= s->weeks; w++) {
			load = game_planned_load(s, t, i, w);
			if (load == 0) {
				fr_put(a, y + used, plan_cell_x(geo, w), 1,
				    ROLE_DIM, "·");
				continue;
			}
			/* Days to one decimal, rounded. */
			load = (load + 5) / 10;
			if (geo->cell_w - 1 >= 3 && load % 10 != 0)
				snprintf(cell, sizeof cell, "%d,%d", load / 10,
				    load % 10);
			else
				snprintf(cell, sizeof cell, "%d",
				    (load + 9) / 10);
			fr_put(a, y + used, plan_cell_x(geo, w), geo->cell_w -
			    1, game_planned_load(s, t, i, w) >
			    s->staff[i].availability * 100 ?
			    ROLE_BAD : ROLE_NORMAL, cell);
		}
	}
	return used;
}

/* The selected package in words: plan, deadline, owner first (the one
 * row of an 80x24 terminal), then predecessors and what really happened. */
static int
plan_detail(struct app *a, int y, int rows, int p)
{
	const struct scenario	*s = a->scenario;
	const struct team	*t = app_team(a);
	const struct package	*pk = &s->packages[p];
	const struct package_state *ps = &t->packages[p];
	char			*owner, *text, *next, w1[16], w2[16];
	int			 k;

	if (rows <= 0)
		return 0;
	if (ps->owner == OWNER_SUPPLIER)
		owner = xasprintf(_("%s (délai %d sem.)"), s->suppliers[
		    ps->supplier].name, s->suppliers[ps->supplier].offers[
		    ps->offer].lead);
	else if (ps->owner == OWNER_INTERNAL) {
		char *people = fr_people(a, p, true);

		owner = xasprintf(_("%s (%d j·p)"), people, pk->workload);
		free(people);
	} else
		owner = xstrdup(_("sans responsable"));
	if (ps->plan_start > 0)
		text = xasprintf(_("plan %s→%s (%d sem.) · échéance S-%d · %d "
		    "%s — %s"), fr_week(a, ps->plan_start, w1), fr_week(a,
		    ps->plan_end, w2), ps->plan_end - ps->plan_start + 1,
		    pk->due, p + 1, pk->name, owner);
	else
		text = xasprintf(_("non placé · échéance S-%d · %d %s — %s"),
		    pk->due, p + 1, pk->name, owner);
	free(owner);
	fr_put(a, y, 1, COLS - 2, ROLE_NORMAL, text);
	free(text);
	if (rows < 2)
		return 1;
	text = xstrdup(pk->nafter > 0 ? _("après") : _("sans prédécesseur"));
	for (k = 0; k < pk->nafter; k++) {
		const struct package_state *q = &t->packages[pk->after[k]];

		next = xasprintf(_("%s%s %d %s (fin %s%s)"), text, k ? "," : "",
		    pk->after[k] + 1, s->packages[pk->after[k]].name,
		    fr_week(a, q->plan_end, w1), q->plan_end > 0 &&
		    ps->plan_start > 0 && ps->plan_start <= q->plan_end ?
		    _(" : trop tard") : "");
		free(text);
		text = next;
	}
	if (a->game->phase != PHASE_FRAMING) {
		next = xasprintf(_("réel : %s%s%s%s · %s"),
		    ps->started ? _("commencé ") : _("pas commencé"),
		    ps->started ? fr_week(a, ps->started, w1) : "",
		    ps->finished ? _(", livré ") : ps->ordered && ps->due ?
		    _(", livraison attendue ") : "", ps->finished ?
		    fr_week(a, ps->finished, w2) : ps->ordered && ps->due ?
		    fr_week(a, ps->due, w2) : "", text);
		free(text);
		text = next;
	}
	fr_put(a, y + 1, 1, COLS - 2, ROLE_DIM, text);
	free(text);
	return 2;
}

static void
plan_draw(struct app *a, struct app_list *c, int top, int rows)
{
	const struct scenario	*s = a->scenario;
	struct plan_geo		 geo;
	int			 i, y = top, list, detail, legend, load;
	bool			 both, load_only = c->column != 0;

	if (s->npackages == 0)
		return;
	plan_geometry(a, &geo);
	/* Packages first; then the details of the selected one, the legend
	 * (else in the help) and the load table, as room allows. */
	detail = rows >= 1 + s->npackages + 2 ? 2 : 1;
	legend = rows >= 1 + s->npackages + detail + 1 ? 1 : 0;
	load = 2 + s->nstaff;
	both = rows >= 1 + s->npackages + detail + legend + load;
	if (load_only && !both) {
		plan_header(a, &geo, y++);
		plan_load(a, &geo, y + 1, top + rows - y - 1);
		fr_put(a, top + rows - 1, 1, COLS - 2, ROLE_DIM, _("v : revenir "
		    "au rétroplanning des lots"));
		app_cursor(a, y, 1);
		return;
	}
	plan_header(a, &geo, y++);
	list = rows - 1 - detail - legend - (both ? load : 0);
	if (list > s->npackages)
		list = s->npackages;
	if (list < 1)
		list = 1;
	c->rows = list;
	app_list_fit(c, s->npackages, list);
	for (i = c->top; i < s->npackages && i < c->top + list; i++) {
		plan_row(a, &geo, y, i, c->focus);
		if (i == c->focus) {
			const struct package_state *ps =
			    &app_team(a)->packages[i];

			app_cursor(a, y, ps->plan_start > 0 ? plan_cell_x(&geo,
			    ps->plan_start) : geo.name_x);
		}
		y++;
	}
	if (c->top > 0)
		fr_put(a, top + 1, 0, 1, ROLE_DIM, "↑");
	if (c->top + list < s->npackages)
		fr_put(a, y - 1, 0, 1, ROLE_DIM, "↓");
	plan_detail(a, y, detail, c->focus);
	y += detail;
	if (legend)
		fr_put(a, y++, 1, COLS - 2, ROLE_DIM, a->game->phase ==
		    PHASE_FRAMING ? _("█ plan  ▓ hors échéance ou avant un "
		    "prédécesseur  ▒ surcharge  ◆ échéance  ! alerte") :
		    _("░ prévu  █ prévu et réalisé  ▓ hors plan  ◆ échéance  "
		    "semaine en cours en surbrillance"));
	if (both)
		plan_load(a, &geo, y + 1, top + rows - y - 1);
}

/* A first place for a package not yet planned: after its predecessors,
 * for the supplier's lead time or the team's weeks of work. */
static void
plan_suggest(const struct app *a, int p, int *start, int *end)
{
	const struct scenario	*s = a->scenario;
	const struct package_state *ps = &app_team(a)->packages[p];
	int			 i, len = 1, days = 0;

	if (ps->owner == OWNER_SUPPLIER)
		len = s->suppliers[ps->supplier].offers[ps->offer].lead;
	else if (ps->owner == OWNER_INTERNAL) {
		for (i = 0; i < s->nstaff; i++)
			if (ps->staff[i])
				days += s->staff[i].availability;
		if (days > 0)
			len = (s->packages[p].workload + days - 1) / days;
	}
	if (len < 1)
		len = 1;
	*start = plan_pred_end(a, p) + 1;
	if (*start > s->weeks)
		*start = s->weeks;
	*end = *start + len - 1;
	if (*end > s->weeks)
		*end = s->weeks;
}

static void
plan_submit(struct app *a, int p, int start, int end)
{
	const struct scenario	*s = a->scenario;
	char			 w1[16], w2[16];

	/* Even out of the weeks: the engine's refusal says which ones. */
	snprintf(w1, sizeof w1, "S-%d", s->weeks - start);
	snprintf(w2, sizeof w2, "S-%d", s->weeks - end);
	app_command(a, "planifier", NULL, "lot", s->packages[p].id, "debut",
	    w1, "fin", w2, NULL);
}

/* Enter: the weeks typed, "S-6 S-4" (or one week). */
static void
plan_prompt(struct app *a, int p)
{
	const struct scenario	*s = a->scenario;
	const struct package_state *ps = &app_team(a)->packages[p];
	char			*label, *text, *save = NULL, *first, *second;
	char			 init[40], w1[16], w2[16];
	int			 start, end;

	if (ps->plan_start > 0) {
		start = ps->plan_start;
		end = ps->plan_end;
	} else
		plan_suggest(a, p, &start, &end);
	snprintf(init, sizeof init, "%s %s", fr_week(a, start, w1),
	    fr_week(a, end, w2));
	label = fr_dialog(xasprintf(_("Début et fin, ex. « S-6 S-4 » "
	    "(échéance S-%d) : %s"), s->packages[p].due,
	    s->packages[p].name));
	text = app_prompt(a, label, init);
	free(label);
	if (text == NULL)
		return;
	first = strtok_r(text, " ,;→", &save);
	second = first != NULL ? strtok_r(NULL, " ,;→", &save) : NULL;
	if (first == NULL)
		app_say(a, true, _("Donnez au moins une semaine, ex. « S-3 »."));
	else
		app_command(a, "planifier", NULL, "lot", s->packages[p].id,
		    "debut", first, "fin", second != NULL ? second : first,
		    NULL);
	free(text);
}

static int
plan_key(struct app *a, struct app_list *c, int kind, wint_t ch)
{
	const struct scenario	*s = a->scenario;
	const struct package_state *ps;
	int			 r, p, start, end;
	enum { NONE, MOVE_L, MOVE_R, SHORTER, LONGER, START_L, START_R,
	    TYPE } act = NONE;

	if (s->npackages == 0)
		return APP_IGNORED;
	r = app_list_key(c, s->npackages, kind, ch);
	if (r != APP_IGNORED)
		return r;
	if (kind == KEY_CODE_YES) {
		if (ch == KEY_LEFT)
			act = MOVE_L;
		else if (ch == KEY_RIGHT)
			act = MOVE_R;
		else if (ch == KEY_SLEFT)
			act = SHORTER;
		else if (ch == KEY_SRIGHT)
			act = LONGER;
		else if (ch == KEY_ENTER)
			act = TYPE;
	} else if (ch == '<')
		act = SHORTER;
	else if (ch == '>')
		act = LONGER;
	else if (ch == '[')
		act = START_L;
	else if (ch == ']')
		act = START_R;
	else if (ch == '\n')
		act = TYPE;
	else if (ch == 'v') {
		c->column = !c->column;
		return APP_HANDLED | APP_REDRAW;
	}
	if (act == NONE)
		return APP_IGNORED;
	if (fr_readonly(a))
		return APP_HANDLED | APP_REDRAW;
	p = c->focus;
	ps = &app_team(a)->packages[p];
	if (act == TYPE) {
		plan_prompt(a, p);
		return APP_HANDLED | APP_REDRAW;
	}
	if (ps->plan_start == 0) {
		/* Not planned yet: any move places it first. */
		plan_suggest(a, p, &start, &end);
		plan_submit(a, p, start, end);
		return APP_HANDLED | APP_REDRAW;
	}
	start = ps->plan_start;
	end = ps->plan_end;
	switch (act) {
	case MOVE_L:
		start--;
		end--;
		break;
	case MOVE_R:
		start++;
		end++;
		break;
	case SHORTER:
		end--;
		break;
	case LONGER:
		end++;
		break;
	case START_L:
		start--;
		break;
	case START_R:
		start++;
		break;
	default:
		break;
	}
	plan_submit(a, p, start, end);
	return APP_HANDLED | APP_REDRAW;
}

static const char *
plan_subject(const struct app *a, const struct app_list *c)
{
	if (c->focus < 0 || c->focus >= a->scenario->npackages)
		return NULL;
	return a->scenario->packages[c->focus].name;
}

const struct fr_view fr_view_plan = {
	'r', N_("Rétroplanning"),
	N_("↑↓ lot · ←→ déplacer · < > durée · [ ] début · Entrée : saisir · "
	    "v : charge"),
	plan_draw, plan_key, plan_subject, false, "plan"
};
