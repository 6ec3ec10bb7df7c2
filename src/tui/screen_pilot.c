/*
 * screen_pilot: the team's piloting dashboard, in three views switched by
 * a letter (the active one is underlined on the first row):
 *
 *   t  tableau de bord: the budget per line (forecast, committed, actual)
 *      with totals, the envelope, the reserve and the margin, all read
 *      from core/ledger, and the overrun as soon as there is one; the
 *      schedule (packages delivered, in progress, blocked, to do, late);
 *      quality, morale and fatigue; the KPIs the delivered packages would
 *      give if the launch were today; the planning tool's alerts;
 *   g  Gantt: one row per package, the weeks as S-n columns counted back
 *      from the launch, the plan (░) against the actual work (▓, █ where
 *      both meet), the deadline (┃) and the current week;
 *   b  Kanban: the packages in four columns (à faire, en cours, bloqué,
 *      livré).
 *
 * From the Gantt and the Kanban the team negotiates with the supplier of
 * the selected package (n); anywhere it draws on its reserve (r).  Every
 * figure is read from the engine's state: nothing is computed here but
 * counts for display.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/game.h"
#include "core/ledger.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/wrap.h"
#include "util/xalloc.h"

enum pilot_view {
	VIEW_DASHBOARD,
	VIEW_GANTT,
	VIEW_KANBAN,
	VIEW_COUNT
};

static const struct app_view pilot_views[VIEW_COUNT] = {
	{ 't', N_("Tableau de bord") }, { 'g', N_("Gantt") },
	{ 'b', N_("Kanban") }
};

static const char *const pilot_status_labels[] = {
	N_("à faire"), N_("en cours"), N_("bloqué"), N_("livré")
};

static const char *const pilot_column_titles[] = {
	N_("À faire"), N_("En cours"), N_("Bloqué"), N_("Livré")
};

/* Where the user is (UI state, not game): the view, the Gantt's row, the
 * Kanban's column and the card selected in each column. */
struct pilot_state {
	int		 view;
	struct app_list	 gantt;
	int		 column;	/* the Kanban's */
	bool		 placed;	/* the column was chosen or restored */
	struct app_list	 cards[4];	/* per Kanban column */
};

static int
pilot_view(const struct pilot_state *st)
{
	return st->view >= 0 && st->view < VIEW_COUNT ? st->view :
	    VIEW_DASHBOARD;
}

/* The week package p is due: its S-n deadline, counted from launch. */
static int
pilot_due_week(const struct app *a, int p)
{
	return a->scenario->weeks - a->scenario->packages[p].due;
}

/* "S-3" for week w. */
static void
pilot_week_label(const struct app *a, int w, char *buf, size_t n)
{
	snprintf(buf, n, "S-%d", a->scenario->weeks - w);
}

static char *
pilot_money(char *out, size_t n, int64_t cents, int width)
{
	char	 m[TEXT_MONEY_MAX];

	return wrap_pad(out, n, text_money(m, cents), width, 1);
}

/* Who owns package p, in words (allocated). */
static char *
pilot_owner(const struct app *a, const struct team *t, int p)
{
	const struct scenario		*s = a->scenario;
	const struct package_state	*ps = &t->packages[p];
	char				*out, *next;
	int				 i;

	if (ps->owner == OWNER_SUPPLIER)
		return xstrdup(s->suppliers[ps->supplier].name);
	if (ps->owner == OWNER_NONE)
		return xstrdup(_("sans responsable"));
	out = xstrdup("");
	for (i = 0; i < s->nstaff; i++) {
		if (!ps->staff[i])
			continue;
		next = xasprintf("%s%s%s", out, out[0] ? ", " : "",
		    s->staff[i].name);
		free(out);
		out = next;
	}
	return out;
}

/* Why a package waits, in words (allocated), or NULL. */
static char *
pilot_blocked_reason(const struct app *a, const struct team *t, int p)
{
	const struct scenario	*s = a->scenario;
	char			*out, *next;
	int			 i, q;

	if (t->packages[p].owner == OWNER_NONE)
		return xstrdup(_("attend un responsable"));
	out = NULL;
	for (i = 0; i < s->packages[p].nafter; i++) {
		q = s->packages[p].after[i];
		if (t->packages[q].status == PKG_DONE)
			continue;
		next = xasprintf("%s%s« %s »", out ? out : _("attend "),
		    out ? ", " : "", s->packages[q].name);
		free(out);
		out = next;
	}
	return out;
}

/*
 * The Kanban column of package p.  The engine's status, except that it
 * also holds back ("bloqué") a package whose planned week has not come or
 * whose predecessor was delivered only this week: a board shows those as
 * "à faire", and keeps "bloqué" for a package that waits for another one.
 */
static int
pilot_column(const struct app *a, const struct team *t, int p)
{
	const struct package	*pk = &a->scenario->packages[p];
	int			 i;

	if (t->packages[p].status != PKG_BLOCKED)
		return (int)t->packages[p].status;
	if (t->packages[p].owner == OWNER_NONE)
		return PKG_BLOCKED;
	for (i = 0; i < pk->nafter; i++)
		if (t->packages[pk->after[i]].status != PKG_DONE)
			return PKG_BLOCKED;
	return PKG_TODO;
}

/* Appends " · piece" to *line. */
static void
pilot_append(char **line, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
pilot_append(char **line, const char *fmt, ...)
{
	va_list	 ap;
	char	*piece, *next;

	va_start(ap, fmt);
	piece = xvasprintf(fmt, ap);
	va_end(ap);
	next = xasprintf("%s · %s", *line, piece);
	free(piece);
	free(*line);
	*line = next;
}

/* Two lines describing the selected package, from row y. */
static void
pilot_package_detail(struct app *a, int y, int p)
{
	const struct scenario		*s = a->scenario;
	struct team			*t = app_team(a);
	const struct package_state	*ps = &t->packages[p];
	char				*owner = pilot_owner(a, t, p), *why;
	char				*line, w1[16], w2[16];
	bool				 late = game_package_late(a->game, t, p);

	line = xasprintf("%s · %s", s->packages[p].name, owner);
	if (ps->plan_start > 0) {
		pilot_week_label(a, ps->plan_start, w1, sizeof w1);
		pilot_week_label(a, ps->plan_end, w2, sizeof w2);
		pilot_append(&line, _("prévu %s→%s"), w1, w2);
	} else
		pilot_append(&line, _("pas planifié"));
	pilot_week_label(a, pilot_due_week(a, p), w1, sizeof w1);
	pilot_append(&line, _("échéance %s"), w1);
	if (ps->started > 0) {
		pilot_week_label(a, ps->started, w1, sizeof w1);
		pilot_append(&line, _("commencé %s"), w1);
	}
	if (ps->status == PKG_DONE) {
		pilot_week_label(a, ps->finished, w1, sizeof w1);
		pilot_append(&line, _("livré %s, qualité %d %%"), w1,
		    ps->quality);
	} else if (ps->owner == OWNER_SUPPLIER && ps->ordered > 0) {
		pilot_week_label(a, ps->due, w1, sizeof w1);
		pilot_append(&line, _("commandé, livraison attendue %s"), w1);
	} else if (pilot_column(a, t, p) == PKG_BLOCKED &&
	    (why = pilot_blocked_reason(a, t, p)) != NULL) {
		pilot_append(&line, _("bloqué : %s"), why);
		free(why);
	} else
		pilot_append(&line, "%s", _(pilot_status_labels[
		    pilot_column(a, t, p)]));
	if (ps->negotiated)
		pilot_append(&line, _("déjà négocié"));
	if (late)
		pilot_append(&line, _("EN RETARD"));
	app_paragraph(a, y, 1, COLS - 2, 2, late ? ROLE_BAD : ROLE_INFO, line);
	free(line);
	free(owner);
}

/* --- dashboard --- */

static int
pilot_dashboard_budget(struct app *a, int y, int bottom)
{
	const struct scenario	*s = a->scenario;
	struct ledger		 l;
	char			 c1[512], c2[64], c3[64], m1[TEXT_MONEY_MAX];
	char			 m2[TEXT_MONEY_MAX], m3[TEXT_MONEY_MAX];
	int			 i, label = COLS - 2 - 3 * 13;

	game_ledger(a->game, app_team(a), &l);
	/* Figures stay near their labels on wide terminals. */
	if (label > 46)
		label = 46;
	app_textf(a, y++, 1, COLS - 2, ROLE_HEADING, "%s%s%s%s",
	    wrap_pad(c1, sizeof c1, _("Budget par ligne"), label, 0),
	    wrap_pad(c2, sizeof c2, _("prévu"), 13, 1),
	    wrap_pad(c3, sizeof c3, _("engagé"), 13, 1),
	    wrap_pad(m1, sizeof m1, _("réel"), 13, 1));
	for (i = 0; i < l.nlines; i++) {
		const struct ledger_line *x = &l.lines[i];

		if (y >= bottom - 2)
			continue;
		app_text(a, y, 1, label, ROLE_NORMAL, s->lines[i].label);
		app_textf(a, y++, 1 + label, 39, ROLE_NORMAL, "%s%s%s",
		    pilot_money(c1, sizeof c1, x->forecast, 13),
		    pilot_money(c2, sizeof c2, x->committed, 13),
		    pilot_money(c3, sizeof c3, x->actual, 13));
	}
	app_text(a, y, 1, label, ROLE_TITLE, _("Total"));
	app_textf(a, y++, 1 + label, 39, l.overrun > 0 ? ROLE_BAD :
	    ROLE_TITLE, "%s%s%s", pilot_money(c1, sizeof c1, l.total.forecast,
	    13), pilot_money(c2, sizeof c2, l.total.committed, 13),
	    pilot_money(c3, sizeof c3, l.total.actual, 13));
	/* The margin is the ledger's: envelope - forecast - reserve left. */
	app_textf(a, y++, 1, COLS - 2, l.margin < 0 ? ROLE_BAD : ROLE_NORMAL,
	    _("Enveloppe %s · réserve %s (utilisé %s) · marge %s"),
	    text_money(m1, l.envelope), text_money(m2, l.reserve),
	    text_money(m3, l.reserve_drawn), text_money(c1, l.margin));
	if (l.overrun > 0 && y < bottom)
		app_textf(a, y++, 1, COLS - 2, ROLE_BAD, _("! Dépassement "
		    "prévu : %s au-dessus de l'enveloppe"), text_money(m1,
		    l.overrun));
	return y;
}

static int
pilot_dashboard_status(struct app *a, int y, int bottom)
{
	const struct scenario	*s = a->scenario;
	struct game		*g = a->game;
	struct team		*t = app_team(a);
	int			 count[4] = { 0 }, late = 0, i, open = 0, due = 0;
	int			 morale = 0, fatigue = 0, low = -1, delivered = 0;
	struct plan_issues	 pi;

	for (i = 0; i < s->npackages; i++) {
		count[pilot_column(a, t, i)]++;
		if (game_package_late(g, t, i))
			late++;
	}
	delivered = count[PKG_DONE];
	if (y < bottom)
		app_textf(a, y++, 1, COLS - 2, late > 0 ? ROLE_WARN :
		    ROLE_NORMAL, _("Planning (%d lots) : %d livré%s, %d en cours, "
		    "%d bloqué%s, %d à faire, %d en retard"), s->npackages,
		    count[PKG_DONE], count[PKG_DONE] > 1 ? "s" : "",
		    count[PKG_IN_PROGRESS], count[PKG_BLOCKED],
		    count[PKG_BLOCKED] > 1 ? "s" : "", count[PKG_TODO], late);
	game_compute_results(g, a->team);
	if (y < bottom) {
		if (delivered > 0)
			app_textf(a, y++, 1, COLS - 2,
			    t->result.quality < s->scoring.quality_target ?
			    ROLE_WARN : ROLE_NORMAL, _("Qualité : %d %% en "
			    "moyenne des lots livrés, cible %d %%"),
			    t->result.quality, s->scoring.quality_target);
		else
			app_textf(a, y++, 1, COLS - 2, ROLE_NORMAL,
			    _("Qualité : aucun lot livré pour l'instant, cible "
			    "%d %%"), s->scoring.quality_target);
	}
	for (i = 0; i < s->nstaff; i++) {
		morale += t->staff[i].morale;
		fatigue += t->staff[i].fatigue;
		if (low < 0 || t->staff[i].morale < t->staff[low].morale)
			low = i;
	}
	if (y < bottom && s->nstaff > 0)
		app_textf(a, y++, 1, COLS - 2, morale / s->nstaff < 50 ?
		    ROLE_WARN : ROLE_NORMAL, _("Moral : %d %% en moyenne, "
		    "fatigue %d %% · au plus bas : %s (%d %%)"),
		    morale / s->nstaff, fatigue / s->nstaff, s->staff[low].name,
		    t->staff[low].morale);
	for (i = 0; i < t->noccurrences; i++)
		if (t->occurrences[i].status == OCC_OPEN)
			open++;
	for (i = 0; i < t->nrequests; i++)
		if (!t->requests[i].submitted)
			due++;
	if (y < bottom && open + due > 0)
		app_textf(a, y++, 1, COLS - 2, ROLE_BAD, _("À traiter : %d "
		    "incident%s ouvert%s · %d point%s de situation à rendre"),
		    open, open > 1 ? "s" : "", open > 1 ? "s" : "", due,
		    due > 1 ? "s" : "");
	else if (y < bottom)
		app_text(a, y++, 1, COLS - 2, ROLE_GOOD, _("À traiter : rien, "
		    "aucun incident ouvert ni point de situation en attente"));
	if (y + 1 < bottom) {
		app_text(a, y++, 1, COLS - 2, ROLE_HEADING, g->phase ==
		    PHASE_LAUNCHED ? _("Indicateurs clés au lancement") :
		    _("Indicateurs clés si le lancement avait lieu aujourd'hui "
		    "(lots livrés)"));
		for (i = 0; i < s->nobjectives && y < bottom; i++) {
			const struct objective *o = &s->objectives[i];
			char v[40], c[40], lab[256];
			int64_t span = o->target - o->start;
			int pct = span > 0 ? (int)((t->result.kpi[i] - o->start) *
			    100 / span) : 100;

			snprintf(lab, sizeof lab, "%s", o->label);
			app_text(a, y, 2, COLS - 36, ROLE_NORMAL, lab);
			app_textf(a, y++, COLS - 34, 33, pct >= 100 ? ROLE_GOOD :
			    ROLE_NORMAL, _("%12s / %s (%d %%)"),
			    text_thousands(v, t->result.kpi[i]),
			    text_thousands(c, o->target), pct);
		}
	}
	if (y + 1 < bottom) {
		game_plan_issues(g, t, &pi);
		app_textf(a, y++, 1, COLS - 2, ROLE_HEADING, _("Alertes du "
		    "planning (%d)"), pi.count);
		for (i = 0; i < pi.count && y < bottom; i++)
			app_textf(a, y++, 2, COLS - 3, ROLE_WARN, "! %s",
			    pi.items[i]);
		game_plan_issues_release(&pi);
	}
	return y;
}

static void
pilot_dashboard(struct app *a, int top, int rows)
{
	int	 y = top;

	y = pilot_dashboard_budget(a, y, top + rows);
	pilot_dashboard_status(a, y, top + rows);
	app_cursor(a, top, 1);
}


/* --- Gantt --- */

struct gantt_layout {
	int	 name_w;	/* package names */
	int	 cell_w;	/* one week, separator included */
	int	 state_w;	/* status at the right */
	int	 x0;		/* first week column */
};

static void
pilot_gantt_layout(const struct app *a, struct gantt_layout *l)
{
	int	 weeks = a->scenario->weeks, room;

	/* Names take up to 40 columns, the weeks 2 to 8 each. */
	l->state_w = 12;
	room = COLS - 2 - l->state_w - 1;
	l->cell_w = (room - 30) / weeks;
	if (l->cell_w > 8)
		l->cell_w = 8;
	if (l->cell_w < 2)
		l->cell_w = 2;
	l->name_w = room - weeks * l->cell_w;
	if (l->name_w > 40)
		l->name_w = 40;
	l->x0 = 1 + l->name_w + 1;
}

/* The weeks package p was (or is being) worked on: [*from, *to]. */
static bool
pilot_actual_span(const struct app *a, const struct team *t, int p, int *from,
    int *to)
{
	const struct package_state	*ps = &t->packages[p];

	if (ps->started == 0)
		return false;
	*from = ps->started;
	*to = ps->finished > 0 ? ps->finished : a->game->week;
	if (*to < *from)
		*to = *from;
	return true;
}

static void
pilot_gantt_row(struct app *a, int y, int p, const struct gantt_layout *l,
    bool selected)
{
	const struct scenario		*s = a->scenario;
	struct team			*t = app_team(a);
	const struct package_state	*ps = &t->packages[p];
	bool				 late = game_package_late(a->game, t, p);
	bool				 plan, done, has_actual;
	int				 w, from = 0, to = -1, x, due, k;
	char				 cell[32], state[64], wk[16];

	app_text(a, y, 1, l->name_w, selected ? ROLE_SELECTED : ROLE_NORMAL,
	    s->packages[p].name);
	if (selected)
		app_cursor(a, y, 1);
	has_actual = pilot_actual_span(a, t, p, &from, &to);
	due = pilot_due_week(a, p);
	for (w = 1; w <= s->weeks; w++) {
		x = l->x0 + (w - 1) * l->cell_w;
		plan = ps->plan_start > 0 && w >= ps->plan_start &&
		    w <= ps->plan_end;
		done = has_actual && w >= from && w <= to;
		cell[0] = '\0';
		for (k = 0; k < l->cell_w - 1; k++)
			strcat(cell, done && plan ? "█" : done ? "▓" :
			    plan ? "░" : k == (l->cell_w - 2) / 2 ? "·" : " ");
		app_text(a, y, x, l->cell_w - 1, done ? (late ? ROLE_BAD :
		    ROLE_GOOD) : plan ? ROLE_NORMAL : ROLE_DIM, cell);
		if (w == due)
			app_text(a, y, x + l->cell_w - 1, 1, ROLE_WARN, "┃");
	}
	if (ps->status == PKG_DONE) {
		pilot_week_label(a, ps->finished, wk, sizeof wk);
		snprintf(state, sizeof state, _("livré %s"), wk);
	} else
		snprintf(state, sizeof state, "%s", _(pilot_status_labels[
		    pilot_column(a, t, p)]));
	if (late)
		strncat(state, " !", sizeof state - strlen(state) - 1);
	app_text(a, y, l->x0 + s->weeks * l->cell_w, l->state_w, late ?
	    ROLE_BAD : ps->status == PKG_DONE ? ROLE_GOOD : ROLE_NORMAL, state);
}

static int
pilot_list_rows(int rows)
{
	/* Sub-view tabs, header, legend, two detail rows. */
	return rows - 5 > 1 ? rows - 5 : 1;
}

static void
pilot_gantt(struct app *a, struct pilot_state *st, int top, int rows)
{
	const struct scenario	*s = a->scenario;
	struct gantt_layout	 l;
	int			 w, y = top + 1, i, n = s->npackages, x;
	int			 visible = pilot_list_rows(rows);
	struct app_list		*g = &st->gantt;
	char			 wk[16], label[16];

	pilot_gantt_layout(a, &l);
	g->rows = visible;
	app_list_fit(g, n, visible);
	app_textf(a, y, 1, l.name_w, ROLE_HEADING, _("Lot (%d)"), n);
	for (w = 1; w <= s->weeks; w++) {
		x = l.x0 + (w - 1) * l.cell_w;
		pilot_week_label(a, w, wk, sizeof wk);
		if ((int)strlen(wk) > l.cell_w)
			memmove(wk, wk + 1, strlen(wk));
		wrap_pad(label, sizeof label, wk, l.cell_w - (l.cell_w > 3),
		    0);
		app_text(a, y, x, l.cell_w, w == a->game->week &&
		    a->game->phase == PHASE_PILOTING ? ROLE_TAB_ACTIVE :
		    ROLE_HEADING, label);
	}
	app_text(a, y, l.x0 + s->weeks * l.cell_w, l.state_w, ROLE_HEADING,
	    _("état"));
	y++;
	for (i = g->top; i < n && y < top + 2 + visible; i++)
		pilot_gantt_row(a, y++, i, &l, i == g->focus);
	pilot_week_label(a, a->game->week, wk, sizeof wk);
	app_textf(a, top + rows - 3, 1, COLS - 2, ROLE_DIM,
	    _("░ prévu  █ prévu et réalisé  ▓ hors plan  ┃ échéance%s%s%s"),
	    a->game->phase == PHASE_PILOTING ? _("  (") : "",
	    a->game->phase == PHASE_PILOTING ? wk : "",
	    a->game->phase == PHASE_PILOTING ? _(" : cette semaine)") : "");
	if (n > 0)
		pilot_package_detail(a, top + rows - 2, g->focus);
}

/* --- Kanban --- */

/* The packages of status col, in scenario order; returns how many. */
static int
pilot_kanban_cards(const struct app *a, int col, int *out)
{
	const struct team	*t = &a->game->teams[a->team];
	int			 i, n = 0;

	for (i = 0; i < a->scenario->npackages; i++)
		if (pilot_column(a, t, i) == col)
			out[n++] = i;
	return n;
}

/* The package selected on the board, or -1 if its column is empty. */
static int
pilot_kanban_selected(const struct app *a, struct pilot_state *st)
{
	struct app_list	*c;
	int		*cards, n, p = -1;

	if (st->column < 0 || st->column > 3)
		st->column = 0;
	c = &st->cards[st->column];
	cards = xcalloc((size_t)a->scenario->npackages + 1, sizeof *cards);
	n = pilot_kanban_cards(a, st->column, cards);
	if (n > 0) {
		app_list_fit(c, n, c->rows);
		p = cards[c->focus];
	}
	free(cards);
	return p;
}

static void
pilot_kanban(struct app *a, struct pilot_state *st, int top, int rows)
{
	struct team	*t = app_team(a);
	int		 col, n, i, first, x, w = (COLS - 2) / 4, y, selected;
	int		 visible = pilot_list_rows(rows) + 1, *cards, shown;
	int		 card_h;
	enum app_role	 role;
	char		 label[128];
	bool		 late;

	cards = xcalloc((size_t)a->scenario->npackages + 1, sizeof *cards);
	/* First look: the first column that holds cards. */
	if (!st->placed) {
		st->placed = true;
		for (col = 3; col >= 0; col--)
			if (pilot_kanban_cards(a, col, cards) > 0 &&
			    (col != PKG_DONE || st->column == 0))
				st->column = col;
	}
	for (col = 0; col < 4; col++)
		st->cards[col].rows = visible - 1;
	selected = pilot_kanban_selected(a, st);
	/* Two rows per card when every column fits that way. */
	for (col = 0, card_h = 2; col < 4; col++)
		if (2 * pilot_kanban_cards(a, col, cards) > visible)
			card_h = 1;
	for (col = 0; col < 4; col++) {
		x = 1 + col * w;
		n = pilot_kanban_cards(a, col, cards);
		app_textf(a, top + 1, x, w - 1, col == st->column ?
		    ROLE_TAB_ACTIVE : ROLE_HEADING, "%s (%d)",
		    _(pilot_column_titles[col]), n);
		/* The selected card stays in view; a last row says how many
		 * more there are. */
		first = col == st->column ? st->cards[col].focus - visible +
		    2 : 0;
		if (first < 0)
			first = 0;
		shown = n - first > visible ? visible - 1 : n - first;
		for (i = first, y = top + 2; i < first + shown; i++) {
			late = game_package_late(a->game, t, cards[i]);
			snprintf(label, sizeof label, "%s%s", late ? "! " : "",
			    a->scenario->packages[cards[i]].name);
			role = cards[i] == selected ? ROLE_SELECTED : late ?
			    ROLE_BAD : col == PKG_DONE ? ROLE_GOOD : ROLE_NORMAL;
			if (card_h == 1)
				app_text(a, y, x, w - 1, role, label);
			else
				app_paragraph(a, y, x, w - 1, card_h, role,
				    label);
			if (cards[i] == selected)
				app_cursor(a, y, x);
			y += card_h;
		}
		if (first + shown < n)
			app_textf(a, y, x, w - 1, ROLE_DIM, _("… %d de plus"),
			    n - first - shown);
	}
	free(cards);
	app_text(a, top + rows - 3, 1, COLS - 2, ROLE_DIM, _("← → colonne  "
	    "↑ ↓ carte  ! en retard"));
	if (selected >= 0)
		pilot_package_detail(a, top + rows - 2, selected);
	else
		app_text(a, top + rows - 2, 1, COLS - 2, ROLE_DIM,
		    _("Colonne vide."));
}

/* --- the screen --- */

static void
pilot_draw(struct app *a, void *state, int top, int rows)
{
	struct pilot_state	*st = state;
	int			 v = pilot_view(st), x;

	x = app_views_draw(a, pilot_views, VIEW_COUNT, v, top, 1);
	if (x < COLS - 30)
		app_text(a, top, COLS - 30, 29, ROLE_DIM,
		    v == VIEW_DASHBOARD ? _("   r réserve · n négocier") :
		    _("r réserve · n négocier le lot"));
	if (v == VIEW_DASHBOARD)
		pilot_dashboard(a, top + 1, rows - 1);
	else if (v == VIEW_GANTT)
		pilot_gantt(a, st, top, rows);
	else
		pilot_kanban(a, st, top, rows);
}

/* The package selected in the Gantt or the Kanban, or -1. */
static int
pilot_selected(const struct app *a, struct pilot_state *st)
{
	int	 v = pilot_view(st);

	if (v == VIEW_GANTT && a->scenario->npackages > 0)
		return st->gantt.focus;
	if (v == VIEW_KANBAN)
		return pilot_kanban_selected(a, st);
	return -1;
}

/* Shows what the engine explained about the last decision, if anything. */
static void
pilot_say_consequence(struct app *a, int before)
{
	struct team	*t = app_team(a);

	if (t->nexplanations > before)
		app_say(a, false, _("Enregistré (événement n°%lld) : %s"),
		    (long long)a->game->last_seq,
		    later_text(t->explanations[t->nexplanations -
		    1].say));
}

static void
pilot_negotiate(struct app *a, int p)
{
	static const char *const objects[] = {
		N_("le prix (10 % de remise si le prestataire accepte)"),
		N_("le délai (une semaine de moins si le prestataire accepte)")
	};
	const struct scenario	*s = a->scenario;
	struct team		*t = app_team(a);
	const char		*labels[2] = { _(objects[0]), _(objects[1]) };
	const char		**names;
	int			*ids, i, n = 0, choice, before;
	char			*title;

	if (p < 0) {
		/* From the dashboard: pick one of the packages that can be. */
		names = xcalloc((size_t)s->npackages + 1, sizeof *names);
		ids = xcalloc((size_t)s->npackages + 1, sizeof *ids);
		for (i = 0; i < s->npackages; i++) {
			if (game_negotiable(a->game, t, i, NULL) == -1)
				continue;
			ids[n] = i;
			names[n++] = s->packages[i].name;
		}
		choice = n > 0 ? app_choose(a, _("Négocier avec le prestataire "
		    "de quel lot ?"), names, n, 0) : -1;
		if (n == 0)
			app_say(a, true, _("Aucun lot confié à un prestataire ne "
			    "peut encore être négocié."));
		p = choice >= 0 ? ids[choice] : -1;
		free(names);
		free(ids);
		if (p < 0)
			return;
	}
	if (game_negotiable(a->game, t, p, &title) == -1) {
		app_say(a, true, _("Refusé : %s"), title);
		free(title);
		return;
	}
	title = xasprintf(_("Négocier quoi avec %s pour « %s » ?"),
	    s->suppliers[t->packages[p].supplier].name, s->packages[p].name);
	choice = app_choose(a, title, labels, 2, 0);
	free(title);
	if (choice < 0)
		return;
	title = xasprintf(_("Négocier %s avec %s ? Une seule tentative par "
	    "lot."), choice == 0 ? _("le prix") : _("le délai"),
	    s->suppliers[t->packages[p].supplier].name);
	before = app_confirm(a, title);
	free(title);
	if (!before)
		return;
	before = t->nexplanations;
	if (app_command(a, "negocier", NULL, "lot", s->packages[p].id, "objet",
	    choice == 0 ? "prix" : "delai", NULL) == 0)
		pilot_say_consequence(a, before);
}

static void
pilot_reserve(struct app *a)
{
	struct team	*t = app_team(a);
	struct ledger	 l;
	char		*amount, *why, *label, left[TEXT_MONEY_MAX];
	char		 sum[TEXT_MONEY_MAX];
	uint64_t	 euros;
	int		 before;

	game_ledger(a->game, t, &l);
	label = xasprintf(_("Montant à prendre sur la réserve, en euros (il "
	    "reste %s)"), text_money(left, l.reserve_left));
	amount = app_prompt(a, label, NULL);
	free(label);
	if (amount == NULL || amount[0] == '\0') {
		free(amount);
		return;
	}
	why = app_prompt(a, _("Justification de cet arbitrage (à quoi sert "
	    "cet argent ?)"), NULL);
	/* Money as every screen writes it; what is not a sum as typed (the
	 * engine says why it refuses it). */
	if (text_parse_uint(amount, INT64_MAX / 100, &euros))
		label = xasprintf(_("Prendre %s sur la réserve ?"),
		    text_money(sum, (int64_t)euros * 100));
	else
		label = xasprintf(_("Prendre « %s » sur la réserve ?"), amount);
	if (why != NULL && app_confirm(a, label)) {
		before = t->nexplanations;
		if (app_command(a, "utiliser_reserve", why, "montant", amount,
		    NULL) == 0)
			pilot_say_consequence(a, before);
	}
	free(label);
	free(why);
	free(amount);
}

static int
pilot_key(struct app *a, void *state, int kind, wint_t ch)
{
	struct pilot_state	*st = state;
	int			 v = pilot_view(st), n, *cards;

	if (app_views_key(pilot_views, VIEW_COUNT, &st->view, kind, ch) !=
	    APP_IGNORED)
		return APP_HANDLED | APP_REDRAW;
	if (kind == OK && (ch == 'r' || ch == 'n') && a->trainer) {
		app_say(a, true, _("Mode formateur : lecture seule (F pour "
		    "donner le clavier à l'équipe)."));
		return APP_HANDLED | APP_REDRAW;
	}
	if (kind == OK && ch == 'r') {
		pilot_reserve(a);
		return APP_HANDLED | APP_REDRAW;
	}
	if (kind == OK && ch == 'n') {
		pilot_negotiate(a, pilot_selected(a, st));
		return APP_HANDLED | APP_REDRAW;
	}
	if (v == VIEW_GANTT)
		return app_list_key(&st->gantt, a->scenario->npackages, kind,
		    ch);
	if (v != VIEW_KANBAN)
		return APP_IGNORED;
	if ((kind == KEY_CODE_YES && ch == KEY_LEFT) ||
	    (kind == OK && ch == 'h')) {
		st->column = st->column > 0 ? st->column - 1 : 0;
		st->placed = true;
		return APP_HANDLED | APP_REDRAW;
	}
	if ((kind == KEY_CODE_YES && ch == KEY_RIGHT) ||
	    (kind == OK && ch == 'l')) {
		st->column = st->column < 3 ? st->column + 1 : 3;
		st->placed = true;
		return APP_HANDLED | APP_REDRAW;
	}
	cards = xcalloc((size_t)a->scenario->npackages + 1, sizeof *cards);
	n = pilot_kanban_cards(a, st->column, cards);
	free(cards);
	return app_list_key(&st->cards[st->column], n, kind, ch);
}

static void
pilot_save(const struct app *a, const void *state, struct app_ui *u)
{
	const struct pilot_state	*st = state;
	char				 prefix[32];
	int				 i;

	(void)a;
	if (st->view != 0)
		app_ui_put(u, "view", st->view);
	app_ui_put_list(u, "gantt.", &st->gantt);
	/* Column 0 too, once chosen: else the first look chooses. */
	if (st->placed)
		app_ui_put(u, "kanban.column", st->column);
	for (i = 0; i < 4; i++) {
		snprintf(prefix, sizeof prefix, "kanban.%d.", i);
		app_ui_put_list(u, prefix, &st->cards[i]);
	}
}

static void
pilot_restore(struct app *a, void *state, const char *key, int value)
{
	struct pilot_state	*st = state;
	char			 prefix[32];
	int			 i;

	(void)a;
	if (strcmp(key, "view") == 0 && value < VIEW_COUNT)
		st->view = value;
	else if (strcmp(key, "kanban.column") == 0 && value < 4) {
		st->column = value;
		st->placed = true;
	} else if (!app_ui_get_list(&st->gantt, "gantt.", key, value))
		for (i = 0; i < 4; i++) {
			snprintf(prefix, sizeof prefix, "kanban.%d.", i);
			app_ui_get_list(&st->cards[i], prefix, key, value);
		}
}

static const char *const pilot_help[] = {
	N_("t g b        tableau de bord / Gantt / Kanban"),
	N_("↑ ↓ j k      Gantt, Kanban : choisir un lot"),
	N_("← → h l      Kanban : changer de colonne"),
	N_("n            négocier prix ou délai avec le prestataire du lot"),
	N_("r            puiser dans la réserve (montant, justification)"),
	N_("Gantt        ░ prévu  █ prévu et réalisé  ▓ hors plan  ┃ échéance"),
	NULL
};

const struct screen screen_pilot = {
	.id = "pilot",
	.name = N_("Pilotage"),
	.size = sizeof(struct pilot_state),
	.draw = pilot_draw,
	.key = pilot_key,
	.save = pilot_save,
	.restore = pilot_restore,
	.help = pilot_help,
};
