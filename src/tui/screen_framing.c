/*
 * screen_framing: the team's framing screen (see screen_framing.h): the
 * sub-view switch, the key hints, the alerts panel that the planning tool
 * keeps up to date under every sub-view, the shared drawing helpers, and
 * two sub-views: the tools (by category, with cost and effects) and the
 * budget (lines, contingency reserve, every alert).
 *
 * Layout, from the screen's first row: the sub-views with their letters,
 * the keys of the current one, the sub-view, then the alerts panel (two
 * rows at 80x24, more on taller terminals).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/game.h"
#include "core/ledger.h"
#include "tui/screen_framing.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/wrap.h"
#include "util/xalloc.h"

/* --- shared helpers --- */

int
fr_width(const char *s)
{
	return wrap_width(s, strlen(s));
}

char *
fr_fit(char *buf, size_t n, const char *s, int width, bool right)
{
	char	 cut[1600];

	if (width <= 0) {
		buf[0] = '\0';
		return buf;
	}
	if (fr_width(s) <= width)
		return wrap_pad(buf, n, s, width, right);
	/* Cut one column short and mark the cut. */
	wrap_pad(cut, sizeof cut - 4, s, width - 1, 0);
	snprintf(cut + strlen(cut), 4, "…");
	return wrap_pad(buf, n, cut, width, right);
}

char *
fr_dialog(char *s)
{
	char	 buf[1024];

	/* app_choose and app_prompt write titles in COLS - 12 columns. */
	fr_fit(buf, sizeof buf, s, COLS - 12, false);
	free(s);
	/* fr_fit pads with spaces: drop them. */
	while (buf[0] != '\0' && buf[strlen(buf) - 1] == ' ')
		buf[strlen(buf) - 1] = '\0';
	return xstrdup(buf);
}

void
fr_put(struct app *a, int y, int x, int width, enum app_role role,
    const char *s)
{
	char	 buf[1024];

	if (x < 0 || x >= COLS || y < 0 || y >= LINES)
		return;
	if (x + width > COLS)
		width = COLS - x;
	/* app_text's buffer holds 1 KiB: 250 columns of 4-byte characters. */
	if (width > 250)
		width = 250;
	app_text(a, y, x, width, role, fr_fit(buf, sizeof buf, s, width,
	    false));
}

void
fr_putf(struct app *a, int y, int x, int width, enum app_role role,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	fr_put(a, y, x, width, role, s);
	free(s);
}

const char *
fr_week(const struct app *a, int w, char buf[16])
{
	if (w <= 0)
		snprintf(buf, 16, "—");
	else
		snprintf(buf, 16, "S-%d", a->scenario->weeks - w);
	return buf;
}

bool
fr_readonly(struct app *a)
{
	if (!a->trainer)
		return false;
	app_say(a, true, _("Mode formateur : le cadrage de l'équipe se lit "
	    "sans se modifier (F rend le clavier à l'équipe)."));
	return true;
}

const char *
fr_first_name(const char *name, char buf[64])
{
	const char	*sp = strchr(name, ' ');
	size_t		 n = sp != NULL ? (size_t)(sp - name) : strlen(name);

	if (n > 63)
		n = 63;
	memcpy(buf, name, n);
	buf[n] = '\0';
	return buf;
}

char *
fr_people(const struct app *a, int p, bool first_names)
{
	const struct scenario	*s = a->scenario;
	const struct package_state *ps = &a->game->teams[a->team].packages[p];
	char			*out = xstrdup(""), *next, first[64];
	int			 i, n = 0;

	for (i = 0; i < s->nstaff; i++) {
		if (!ps->staff[i])
			continue;
		next = xasprintf("%s%s%s", out, n ? ", " : "", first_names ?
		    fr_first_name(s->staff[i].name, first) : s->staff[i].name);
		free(out);
		out = next;
		n++;
	}
	return out;
}

/* --- tools --- */

/* Tools in category order; returns how many. */
static int
tools_order(const struct scenario *s, int *order)
{
	int	 c, i, n = 0;

	for (c = 0; c < TOOL_CATEGORY_COUNT; c++)
		for (i = 0; i < s->ntools; i++)
			if ((int)s->tools[i].category == c)
				order[n++] = i;
	return n;
}

static char *
tools_cost(const struct tool *t)
{
	char	 a[TEXT_MONEY_MAX], b[TEXT_MONEY_MAX];

	if (t->cost > 0 && t->weekly_cost > 0)
		return xasprintf(_("%s + %s/sem."), text_money(a, t->cost),
		    text_money(b, t->weekly_cost));
	if (t->weekly_cost > 0)
		return xasprintf(_("%s/sem."), text_money(b, t->weekly_cost));
	if (t->cost > 0)
		return xstrdup(text_money(a, t->cost));
	return xstrdup(_("gratuit"));
}

static char *
tools_effects(const struct tool *t)
{
	const struct tool_effects *e = &t->effects;
	char	*out = xstrdup(""), *item, *next;
	int	 i, v;

	for (i = 0; i < 4; i++) {
		v = i == 0 ? e->coordination : i == 1 ? e->productivity :
		    i == 2 ? e->quality : e->morale;
		if (v == 0)
			continue;
		if (i == 0)
			item = xasprintf(_("coordination %+d %%"), v);
		else if (i == 1)
			item = xasprintf(_("productivité %+d %%"), v);
		else if (i == 2)
			item = xasprintf(_("qualité %+d"), v);
		else
			item = xasprintf(_("moral %+d/sem."), v);
		next = xasprintf("%s%s%s", out, out[0] ? ", " : "", item);
		free(item);
		free(out);
		out = next;
	}
	return out;
}

static void
tools_draw(struct app *a, struct app_list *c, int top, int rows)
{
	const struct scenario	*s = a->scenario;
	struct team		*t = app_team(a);
	int			*order, *line, nrows = 0, n, i, y, list, cat;
	int			 focus_row = 0, w = COLS - 2;
	int			 nw = COLS >= 110 ? 34 : 25;
	char			*cost, *fx, days[64];

	order = xcalloc((size_t)s->ntools + 1, sizeof *order);
	/* Display rows: -1 - category for a heading, else an index into
	 * order. */
	line = xcalloc((size_t)(s->ntools + TOOL_CATEGORY_COUNT) + 1,
	    sizeof *line);
	n = tools_order(s, order);
	if (n == 0) {
		fr_put(a, top, 1, w, ROLE_DIM, _("Ce scénario ne propose aucun "
		    "outil."));
		goto out;
	}
	app_list_fit(c, n, n);
	for (i = 0, cat = -1; i < n; i++) {
		if ((int)s->tools[order[i]].category != cat) {
			cat = (int)s->tools[order[i]].category;
			line[nrows++] = -1 - cat;
		}
		if (i == c->focus)
			focus_row = nrows;
		line[nrows++] = i;
	}
	/* The list above, the selected tool's description below. */
	list = rows - 6 > 4 ? rows - 6 : rows - 2;
	if (list > nrows)
		list = nrows;
	c->rows = list;
	{
		struct app_list rc = { focus_row, c->top, 0, list };

		app_list_fit(&rc, nrows, list);
		/* Keep the category heading above the first tool in view. */
		if (focus_row > 0 && line[focus_row - 1] < 0 &&
		    rc.top == focus_row && list > 1)
			rc.top--;
		c->top = rc.top;
	}
	for (y = 0; y < list && c->top + y < nrows; y++) {
		int		 r = line[c->top + y], k;
		const struct tool *tl;
		bool		 sel;

		if (r < 0) {
			fr_put(a, top + y, 1, w, ROLE_HEADING,
			    _(scenario_tool_category_labels[-1 - r]));
			continue;
		}
		k = order[r];
		tl = &s->tools[k];
		sel = r == c->focus;
		cost = tools_cost(tl);
		fx = tools_effects(tl);
		if (tl->setup_days > 0)
			snprintf(days, sizeof days, _("%d j"), tl->setup_days);
		else
			days[0] = '\0';
		if (sel)
			fr_put(a, top + y, 1, w, ROLE_SELECTED, "");
		fr_put(a, top + y, 2, 4, sel ? ROLE_SELECTED : t->tools[k] ?
		    ROLE_GOOD : ROLE_NORMAL, t->tools[k] ? "[x]" : "[ ]");
		fr_put(a, top + y, 6, nw - 1, sel ? ROLE_SELECTED :
		    ROLE_NORMAL, tl->name);
		fr_put(a, top + y, 6 + nw, 16, sel ? ROLE_SELECTED :
		    ROLE_NORMAL, cost);
		fr_put(a, top + y, 22 + nw, 4, sel ? ROLE_SELECTED : ROLE_DIM,
		    days);
		fr_put(a, top + y, 26 + nw, COLS - 27 - nw, sel ?
		    ROLE_SELECTED : ROLE_DIM, fx);
		if (sel)
			app_cursor(a, top + y, 3);
		free(cost);
		free(fx);
	}
	/* The selected tool in full. */
	y = top + list + 1;
	if (y < top + rows) {
		const struct tool *tl = &s->tools[order[c->focus]];

		fx = tools_effects(tl);
		cost = tools_cost(tl);
		fr_putf(a, y++, 1, w, ROLE_TITLE, _("%s — %s, %s%s"), tl->name,
		    _(scenario_tool_category_labels[tl->category]), cost,
		    t->tools[order[c->focus]] ? _(" — choisi") : "");
		if (tl->setup_days > 0)
			snprintf(days, sizeof days, _(" · mise en place %d j"),
			    tl->setup_days);
		else
			days[0] = '\0';
		if (y < top + rows)
			fr_putf(a, y++, 1, w, tl->accessible ? ROLE_NORMAL :
			    ROLE_WARN, _("Effets : %s%s%s"), fx[0] ? fx : _("aucun"),
			    days, tl->accessible ? "" : _(" · ⚠ peu accessible"));
		if (y < top + rows)
			app_paragraph(a, y, 1, w, top + rows - y, ROLE_DIM,
			    tl->description);
		free(fx);
		free(cost);
	}
out:
	free(order);
	free(line);
}

static int
tools_key(struct app *a, struct app_list *c, int kind, wint_t ch)
{
	const struct scenario	*s = a->scenario;
	int			*order, n, r, k;

	order = xcalloc((size_t)s->ntools + 1, sizeof *order);
	n = tools_order(s, order);
	r = app_list_key(c, n, kind, ch);
	if (r != APP_IGNORED || n == 0 || kind != OK ||
	    (ch != '\n' && ch != ' ')) {
		free(order);
		return r;
	}
	k = order[c->focus];
	free(order);
	if (fr_readonly(a))
		return APP_HANDLED | APP_REDRAW;
	if (app_team(a)->tools[k])
		app_command(a, "outil", NULL, "outil", s->tools[k].id,
		    "retirer", "oui", NULL);
	else
		app_command(a, "outil", NULL, "outil", s->tools[k].id, NULL);
	return APP_HANDLED | APP_REDRAW;
}

static const char *
tools_subject(const struct app *a, const struct app_list *c)
{
	(void)a;
	(void)c;
	return _("outil de gestion");
}

const struct fr_view fr_view_tools = {
	'o', N_("Outils"),
	N_("↑↓ outil · Entrée ou Espace : choisir / retirer"),
	tools_draw, tools_key, tools_subject, false, "tools"
};

/* --- budget, reserve and every alert --- */

static void
budget_draw(struct app *a, struct app_list *c, int top, int rows)
{
	const struct scenario	*s = a->scenario;
	struct team		*t = app_team(a);
	struct plan_issues	 pi;
	struct ledger		 l;
	char			 m1[TEXT_MONEY_MAX], m2[TEXT_MONEY_MAX];
	char			 m3[TEXT_MONEY_MAX], p1[64], p2[64], p3[64];
	int			 i, y = top, w = COLS - 2, lw, used;

	game_ledger(a->game, t, &l);
	fr_putf(a, y++, 1, w, l.margin < 0 ? ROLE_BAD : ROLE_TITLE,
	    _("Enveloppe %s · prévision %s · réserve %s · marge %s"),
	    text_money(m1, l.envelope), text_money(m2, l.total.forecast),
	    text_money(m3, l.reserve), text_money(p1, l.margin));
	fr_putf(a, y, 1, w, l.reserve_low ? ROLE_WARN : ROLE_NORMAL,
	    _("Réserve pour aléas : %s, soit %lld %% de l'enveloppe — "
	    "Entrée : modifier"), text_money(m1, l.reserve), l.envelope > 0 ?
	    (long long)(l.reserve * 100 / l.envelope) : 0LL);
	fr_putf(a, y + 1, 1, w, ROLE_DIM, _("conseillé : de %d à %d %%, soit "
	    "de %s à %s"), s->reserve_min, s->reserve_max, text_money(m2,
	    t->envelope * s->reserve_min / 100), text_money(m3, t->envelope *
	    s->reserve_max / 100));
	app_cursor(a, y, 1);
	y += 2;
	if (l.reserve_drawn > 0 && y < top + rows)
		fr_putf(a, y++, 1, w, ROLE_NORMAL, _("déjà utilisé : %s"),
		    text_money(m1, l.reserve_drawn));
	y++;
	lw = w - 3 * 13;
	if (lw > 40)
		lw = 40;
	if (y < top + rows)
		fr_putf(a, y++, 1, w, ROLE_HEADING, "%s %s %s %s",
		    fr_fit(p1, sizeof p1, _("ligne budgétaire"), lw, false),
		    fr_fit(p2, sizeof p2, _("prévu"), 12, true),
		    fr_fit(p3, sizeof p3, _("engagé"), 12, true),
		    wrap_pad(m3, sizeof m3, _("dépensé"), 12, 1));
	for (i = 0; i < l.nlines && y < top + rows; i++) {
		fr_put(a, y, 1, lw, ROLE_NORMAL, s->lines[i].label);
		fr_put(a, y, 2 + lw, 12, ROLE_NORMAL, wrap_pad(p1, sizeof p1,
		    text_money(m1, l.lines[i].forecast), 12, 1));
		fr_put(a, y, 15 + lw, 12, ROLE_NORMAL, wrap_pad(p2, sizeof p2,
		    text_money(m2, l.lines[i].committed), 12, 1));
		fr_put(a, y++, 28 + lw, 12, ROLE_NORMAL, wrap_pad(p3, sizeof p3,
		    text_money(m3, l.lines[i].actual), 12, 1));
	}
	if (y < top + rows) {
		fr_put(a, y, 1, lw, ROLE_TITLE, _("total"));
		fr_put(a, y, 2 + lw, 12, l.overrun > 0 ? ROLE_BAD :
		    ROLE_TITLE, wrap_pad(p1, sizeof p1, text_money(m1,
		    l.total.forecast), 12, 1));
		fr_put(a, y, 15 + lw, 12, ROLE_TITLE, wrap_pad(p2, sizeof p2,
		    text_money(m2, l.total.committed), 12, 1));
		fr_put(a, y++, 28 + lw, 12, ROLE_TITLE, wrap_pad(p3, sizeof p3,
		    text_money(m3, l.total.actual), 12, 1));
	}
	y++;
	if (y >= top + rows)
		return;
	/* Every alert of the planning tool, scrolled with the list keys. */
	game_plan_issues(a->game, t, &pi);
	fr_putf(a, y++, 1, w, pi.count ? ROLE_HEADING : ROLE_GOOD, pi.count ?
	    _("Alertes du planning (%d)") : _("Aucune alerte du planning : "
	    "le cadrage est complet et cohérent."), pi.count);
	c->rows = top + rows - y;
	app_list_fit(c, pi.count, 1);
	for (i = c->top, used = 0; i < pi.count && y < top + rows; i++) {
		fr_put(a, y, 1, 2, ROLE_BAD, "!");
		used = app_paragraph(a, y, 3, w - 2, top + rows - y,
		    ROLE_NORMAL, pi.items[i]);
		y += used > 0 ? used : 1;
	}
	if (c->top > 0)
		fr_put(a, y - used, 0, 1, ROLE_DIM, "↑");
	game_plan_issues_release(&pi);
}

static int
budget_key(struct app *a, struct app_list *c, int kind, wint_t ch)
{
	struct plan_issues	 pi;
	struct team		*t = app_team(a);
	char			*text, now[32];
	int			 r;

	game_plan_issues(a->game, t, &pi);
	c->focus = c->top;
	r = app_list_key(c, pi.count, kind, ch);
	c->top = c->focus;
	game_plan_issues_release(&pi);
	if (r != APP_IGNORED || kind != OK || (ch != '\n' && ch != ' '))
		return r;
	if (fr_readonly(a))
		return APP_HANDLED | APP_REDRAW;
	snprintf(now, sizeof now, "%lld", (long long)(t->reserve > 0 ?
	    t->reserve / 100 : t->envelope / 100 * a->scenario->reserve_min /
	    100));
	text = app_prompt(a, _("Réserve pour aléas, en euros (montant "
	    "entier)"), now);
	if (text != NULL)
		app_command(a, "reserve", NULL, "montant", text, NULL);
	free(text);
	return APP_HANDLED | APP_REDRAW;
}

const struct fr_view fr_view_budget = {
	'b', N_("Budget"),
	N_("Entrée : fixer la réserve pour aléas · ↑↓ parcourir les alertes"),
	budget_draw, budget_key, NULL, true, "budget"
};

/* --- the screen --- */

static const struct fr_view *const fr_views[] = {
	&fr_view_tools,
	&fr_view_packages,
	&fr_view_suppliers,
	&fr_view_plan,
	&fr_view_team,
	&fr_view_budget,
};
#define FR_NVIEWS	((int)(sizeof fr_views / sizeof fr_views[0]))

/* Where the user is: the sub-view, and in each its list. */
struct framing_state {
	int		 view;
	struct app_list	 where[FR_NVIEWS];
};

static int
fr_current(const struct framing_state *st)
{
	return st->view >= 0 && st->view < FR_NVIEWS ? st->view : 0;
}

/* The alerts under every sub-view: those about the selection first. */
static void
fr_alerts_panel(struct app *a, int y, int h, const char *subject)
{
	struct plan_issues	 pi;
	int			 i, pass, shown = 0, w = COLS - 2;

	game_plan_issues(a->game, app_team(a), &pi);
	if (pi.count == 0) {
		fr_put(a, y, 1, w, ROLE_GOOD, _("✓ Aucune alerte du planning : "
		    "le cadrage est complet et cohérent."));
		game_plan_issues_release(&pi);
		return;
	}
	fr_putf(a, y, 1, w, ROLE_BAD, pi.count == 1 ? _("⚠ %d alerte du "
	    "planning (b : budget et liste complète)") : _("⚠ %d alertes du "
	    "planning (b : budget et liste complète)"), pi.count);
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < pi.count && shown < h - 1; i++) {
			bool about = subject != NULL &&
			    strstr(pi.items[i], subject) != NULL;

			if (about != (pass == 0))
				continue;
			fr_putf(a, y + 1 + shown++, 1, w, about ? ROLE_WARN :
			    ROLE_NORMAL, "• %s", pi.items[i]);
		}
	}
	game_plan_issues_release(&pi);
}

/*
 * Shift+← and Shift+→ change a bar's length.  Some terminal descriptions
 * (screen-256color, the usual TERM inside tmux and screen) do not name the
 * sequences the terminal sends for them; unnamed, the sequence would arrive
 * as Esc [ 1 ; 2 D, and "2" would switch screens.  Naming them is harmless
 * where terminfo already does.
 */
static void
framing_shift_arrows(void)
{
	if (key_defined("\033[1;2D") == 0)
		define_key("\033[1;2D", KEY_SLEFT);
	if (key_defined("\033[1;2C") == 0)
		define_key("\033[1;2C", KEY_SRIGHT);
}

static void
framing_draw(struct app *a, void *state, int top, int rows)
{
	struct framing_state	*st = state;
	struct app_view		 tabs[FR_NVIEWS];
	const struct fr_view	*v;
	struct app_list		*c;
	int			 i, cur = fr_current(st), h;

	framing_shift_arrows();
	v = fr_views[cur];
	c = &st->where[cur];
	for (i = 0; i < FR_NVIEWS; i++) {
		tabs[i].letter = fr_views[i]->letter;
		tabs[i].label = fr_views[i]->label;
	}
	app_views_draw(a, tabs, FR_NVIEWS, cur, top, 1);
	fr_put(a, top + 1, 1, COLS - 2, ROLE_DIM, _(v->hint));
	h = v->alerts ? 0 : rows / 8 > 2 ? rows / 8 : 2;
	v->draw(a, c, top + 2, rows - 2 - h);
	if (h > 0)
		fr_alerts_panel(a, top + rows - h, h, v->subject != NULL ?
		    v->subject(a, c) : NULL);
}

static int
framing_key(struct app *a, void *state, int kind, wint_t ch)
{
	struct framing_state	*st = state;
	struct app_view		 tabs[FR_NVIEWS];
	int			 i, cur = fr_current(st);

	for (i = 0; i < FR_NVIEWS; i++) {
		tabs[i].letter = fr_views[i]->letter;
		tabs[i].label = fr_views[i]->label;
	}
	if (app_views_key(tabs, FR_NVIEWS, &st->view, kind, ch) != APP_IGNORED)
		return APP_HANDLED | APP_REDRAW;
	return fr_views[cur]->key(a, &st->where[cur], kind, ch);
}

static void
framing_save(const struct app *a, const void *state, struct app_ui *u)
{
	const struct framing_state	*st = state;
	char				 prefix[32];
	int				 i;

	(void)a;
	if (st->view != 0)
		app_ui_put(u, "view", st->view);
	for (i = 0; i < FR_NVIEWS; i++) {
		snprintf(prefix, sizeof prefix, "%s.", fr_views[i]->id);
		app_ui_put_list(u, prefix, &st->where[i]);
	}
}

static void
framing_restore(struct app *a, void *state, const char *key, int value)
{
	struct framing_state	*st = state;
	char			 prefix[32];
	int			 i;

	(void)a;
	if (strcmp(key, "view") == 0 && value < FR_NVIEWS)
		st->view = value;
	/* Past a list's end: its draw brings it back (app_list_fit). */
	for (i = 0; i < FR_NVIEWS; i++) {
		snprintf(prefix, sizeof prefix, "%s.", fr_views[i]->id);
		app_ui_get_list(&st->where[i], prefix, key, value);
	}
}

static const char *const framing_help[] = {
	N_("o l p r m b  vues : outils, lots, prestataires, rétroplanning,"),
	N_("             équipe (rôles, aménagements), budget et alertes"),
	N_("↑ ↓ Entrée   choisir une ligne, agir (Espace : outil coché ou non)"),
	N_("← →          Lots : interne ou offre ; Rétroplanning : déplacer"),
	N_("< > Maj+← →  raccourcir, allonger ; [ ] avancer, reculer le début"),
	N_("v · n        Rétroplanning : charge ; Lots : négocier l'offre"),
	N_("Légende      █ plan ▓ hors délai ou dépendance ▒ surcharge ! alerte"),
	N_("             ◆ échéance · en pilotage : ░ prévu █ prévu et réalisé"),
	N_("             ▓ réalisé hors plan"),
	NULL
};

const struct screen screen_framing = {
	.id = "framing",
	.name = N_("Cadrage"),
	.size = sizeof(struct framing_state),
	.draw = framing_draw,
	.key = framing_key,
	.save = framing_save,
	.restore = framing_restore,
	.help = framing_help,
};
