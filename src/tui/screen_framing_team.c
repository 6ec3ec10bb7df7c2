/*
 * screen_framing_team: two sub-views of the framing screen about people.
 *
 * Prestataires: every supplier with the packages the team gave it and
 * whether the relationship is framed; below, the framework form of the
 * selected one (meeting frequency, exchange tool among the team's tools,
 * deliverable format, acceptance criteria, hours per week), filled in with
 * Enter, one dialog per field, then sent as one `cadrer` command.
 *
 * Équipe: the roles with the candidate holding each and its missions
 * (Enter: `mission`), the accessibility needs of the staff with the
 * accommodation each calls for (Enter: `amenager`), and the candidates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/game.h"
#include "tui/screen_framing.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* --- suppliers --- */

static const char *const sup_meetings[MEETING_FREQUENCY_COUNT] = {
	"aucune", "mensuelle", "bimensuelle", "hebdomadaire"
};
static const char *const sup_meeting_labels[MEETING_FREQUENCY_COUNT] = {
	N_("aucune réunion"), N_("mensuelles"),
	N_("bimensuelles (toutes les deux semaines)"), N_("hebdomadaires")
};

/* The packages a supplier holds for the team, "a, b" (allocated). */
static char *
sup_packages(const struct app *a, int sup)
{
	const struct scenario	*s = a->scenario;
	const struct team	*t = app_team(a);
	char			*out = xstrdup(""), *next;
	int			 i;

	for (i = 0; i < s->npackages; i++) {
		if (t->packages[i].owner != OWNER_SUPPLIER ||
		    t->packages[i].supplier != sup)
			continue;
		next = xasprintf("%s%s%d %s", out, out[0] ? ", " : "", i + 1,
		    s->packages[i].name);
		free(out);
		out = next;
	}
	return out;
}

static void
sup_form(struct app *a, int y, int rows, int sup)
{
	const struct scenario	*s = a->scenario;
	const struct team	*t = app_team(a);
	const struct supplier	*sp = &s->suppliers[sup];
	const struct supplier_state *ss = &t->suppliers[sup];
	bool			 set = ss->framed_seq > 0;
	char			*held, hours[32];
	int			 end = y + rows, lw = 24, w = COLS - 2;
	const char		*labels[5] = { _("Réunions de suivi"),
	    _("Outil d'échange"), _("Format des livrables"),
	    _("Critères de recette"), _("Temps alloué") };
	const char		*values[5];
	int			 i;

	if (y >= end)
		return;
	fr_putf(a, y++, 1, w, ROLE_TITLE, _("Cadre de la relation avec %s — "
	    "%s · fiabilité %d %% · RSE %d %%"), sp->name, sp->trade,
	    sp->reliability, sp->csr_score);
	snprintf(hours, sizeof hours, _("%d h par semaine"), ss->hours);
	values[0] = set ? _(sup_meeting_labels[ss->meetings]) : NULL;
	values[1] = set ? ss->tool >= 0 ? s->tools[ss->tool].name :
	    _("aucun outil partagé") : NULL;
	values[2] = set ? ss->format : NULL;
	values[3] = set ? ss->acceptance : NULL;
	values[4] = set ? hours : NULL;
	for (i = 0; i < 5 && y < end; i++, y++) {
		fr_put(a, y, 3, lw - 2, ROLE_DIM, labels[i]);
		fr_put(a, y, 1 + lw, w - lw, values[i] != NULL ? ROLE_NORMAL :
		    ROLE_DIM, values[i] != NULL ? values[i] : _("à définir"));
	}
	if (y < end) {
		held = sup_packages(a, sup);
		fr_put(a, y, 3, lw - 2, ROLE_DIM, _("Lots confiés"));
		fr_put(a, y++, 1 + lw, w - lw, held[0] ? ROLE_NORMAL : ROLE_DIM,
		    held[0] ? held : _("aucun : prestataire non retenu"));
		free(held);
	}
	if (y < end && sp->csr_commitments != NULL)
		fr_putf(a, y++, 3, w - 2, ROLE_DIM, _("Engagements RSE : %s"),
		    sp->csr_commitments);
	if (y < end)
		app_paragraph(a, y, 3, w - 2, end - y, ROLE_DIM, sp->description);
}

static void
sup_draw(struct app *a, struct app_list *c, int top, int rows)
{
	const struct scenario	*s = a->scenario;
	const struct team	*t = app_team(a);
	int			 i, y = top, list, w = COLS - 2, nw = 24, sw = 16;
	char			*held;

	if (s->nsuppliers == 0) {
		fr_put(a, top, 1, w, ROLE_DIM, _("Aucun prestataire dans ce "
		    "scénario."));
		return;
	}
	list = rows - 9;
	if (list > s->nsuppliers)
		list = s->nsuppliers;
	if (list < 3)
		list = 3;
	c->rows = list;
	app_list_fit(c, s->nsuppliers, list);
	for (i = c->top; i < s->nsuppliers && y < top + list; i++, y++) {
		bool used = game_supplier_used(s, t, i), sel = i == c->focus;
		enum app_role r = sel ? ROLE_SELECTED : ROLE_NORMAL;

		if (sel) {
			fr_put(a, y, 1, w, ROLE_SELECTED, "");
			app_cursor(a, y, 2);
		}
		fr_put(a, y, 2, 2, sel ? r : used ? ROLE_TITLE : ROLE_DIM,
		    used ? "●" : "○");
		fr_put(a, y, 4, nw - 1, sel ? r : used ? ROLE_NORMAL : ROLE_DIM,
		    s->suppliers[i].name);
		fr_put(a, y, 4 + nw, sw - 1, sel ? r : !used ? ROLE_DIM :
		    t->suppliers[i].framed ? ROLE_GOOD : ROLE_BAD,
		    t->suppliers[i].framed ? _("cadrée ✓") : used ?
		    _("à cadrer") : _("non retenu"));
		held = sup_packages(a, i);
		fr_put(a, y, 4 + nw + sw, w - 3 - nw - sw, sel ? r : ROLE_DIM,
		    held);
		free(held);
	}
	if (c->top > 0)
		fr_put(a, top, 0, 1, ROLE_DIM, "↑");
	if (c->top + list < s->nsuppliers)
		fr_put(a, top + list - 1, 0, 1, ROLE_DIM, "↓");
	sup_form(a, top + list + 1, rows - list - 1, c->focus);
}

/* The framework form, one dialog per field; Esc cancels it all. */
static void
sup_fill(struct app *a, int sup)
{
	const struct scenario	*s = a->scenario;
	const struct team	*t = app_team(a);
	const struct supplier	*sp = &s->suppliers[sup];
	const struct supplier_state *ss = &t->suppliers[sup];
	const char		*mlabels[MEETING_FREQUENCY_COUNT], **tlabels;
	char			*title, *format = NULL, *accept = NULL;
	char			*hours = NULL, *init, *next, num[16];
	int			*tools, ntools = 0, i, j, meet, tool, k;

	/* Most frequent first. */
	for (i = 0; i < MEETING_FREQUENCY_COUNT; i++)
		mlabels[i] = _(sup_meeting_labels[MEETING_FREQUENCY_COUNT - 1 -
		    i]);
	title = fr_dialog(xasprintf(_("Cadre (1/5) : fréquence des réunions "
	    "de suivi — %s"), sp->name));
	meet = app_choose(a, title, mlabels, MEETING_FREQUENCY_COUNT,
	    ss->framed_seq > 0 ? MEETING_FREQUENCY_COUNT - 1 - (int)ss->meetings :
	    0);
	free(title);
	if (meet < 0)
		return;
	meet = MEETING_FREQUENCY_COUNT - 1 - meet;
	/* The exchange tool, among those the team chose. */
	tools = xcalloc((size_t)s->ntools + 1, sizeof *tools);
	tlabels = xcalloc((size_t)s->ntools + 1, sizeof *tlabels);
	k = 0;
	for (i = 0; i < s->ntools; i++) {
		if (!t->tools[i])
			continue;
		if (ss->framed_seq > 0 ? ss->tool == i :
		    s->tools[i].category == TOOL_MESSAGING)
			k = ntools;
		tools[ntools] = i;
		tlabels[ntools++] = s->tools[i].name;
	}
	tlabels[ntools] = _("aucun outil partagé (courriel)");
	if (ss->framed_seq > 0 && ss->tool < 0)
		k = ntools;
	title = fr_dialog(xasprintf(ntools > 0 ? _("Cadre (2/5) : outil "
	    "d'échange — %s") : _("Cadre (2/5) : outil d'échange (l'équipe "
	    "n'a choisi aucun outil) — %s"), sp->name));
	tool = app_choose(a, title, tlabels, ntools + 1, k);
	free(title);
	if (tool < 0)
		goto out;
	tool = tool < ntools ? tools[tool] : -1;
	/* The deliverables: what the offers announce, to be made precise. */
	if (ss->format != NULL)
		init = xstrdup(ss->format);
	else {
		init = xstrdup("");
		for (j = 0; j < sp->noffers; j++) {
			const struct package_state *ps =
			    &t->packages[sp->offers[j].package];

			if (sp->offers[j].format == NULL || (ps->owner !=
			    OWNER_SUPPLIER || ps->supplier != sup))
				continue;
			next = xasprintf("%s%s%s", init, init[0] ? " ; " : "",
			    sp->offers[j].format);
			free(init);
			init = next;
		}
	}
	title = fr_dialog(xasprintf(_("Cadre (3/5) : format et échéances des "
	    "livrables — %s"), sp->name));
	format = app_prompt(a, title, init);
	free(title);
	free(init);
	if (format == NULL)
		goto out;
	title = fr_dialog(xasprintf(_("Cadre (4/5) : critères de recette — "
	    "%s"), sp->name));
	accept = app_prompt(a, title, ss->acceptance);
	free(title);
	if (accept == NULL)
		goto out;
	snprintf(num, sizeof num, "%d", ss->framed_seq > 0 ? ss->hours : 2);
	title = fr_dialog(xasprintf(_("Cadre (5/5) : heures par semaine, 1 à "
	    "%d — %s"), GAME_FRAME_HOURS_MAX, sp->name));
	hours = app_prompt(a, title, num);
	free(title);
	if (hours == NULL)
		goto out;
	app_command(a, "cadrer", NULL, "prestataire", sp->id, "reunions",
	    sup_meetings[meet], "format", format, "recette", accept, "heures",
	    hours, tool >= 0 ? "outil" : NULL, tool >= 0 ? s->tools[tool].id :
	    NULL, NULL);
out:
	free(format);
	free(accept);
	free(hours);
	free(tools);
	free(tlabels);
}

static int
sup_key(struct app *a, struct app_list *c, int kind, wint_t ch)
{
	int	 r;

	if (a->scenario->nsuppliers == 0)
		return APP_IGNORED;
	r = app_list_key(c, a->scenario->nsuppliers, kind, ch);
	if (r != APP_IGNORED || kind != OK || ch != '\n')
		return r;
	if (!fr_readonly(a))
		sup_fill(a, c->focus);
	return APP_HANDLED | APP_REDRAW;
}

static const char *
sup_subject(const struct app *a, const struct app_list *c)
{
	if (c->focus < 0 || c->focus >= a->scenario->nsuppliers)
		return NULL;
	return a->scenario->suppliers[c->focus].name;
}

const struct fr_view fr_view_suppliers = {
	'p', N_("Prestataires"),
	N_("↑↓ prestataire · Entrée : remplir le cadre de la relation "
	    "(5 champs)"),
	sup_draw, sup_key, sup_subject, false, "suppliers"
};

/* --- roles, missions and accommodations --- */

/* The selectable rows: roles, then every need of every person. */
struct team_item {
	int	 role;		/* or -1 */
	int	 staff, need;
};

static int
team_items(const struct scenario *s, struct team_item *items)
{
	int	 i, j, n = 0;

	for (i = 0; i < s->nroles; i++) {
		items[n].role = i;
		items[n].staff = items[n].need = -1;
		n++;
	}
	for (i = 0; i < s->nstaff; i++)
		for (j = 0; j < s->staff[i].nneeds; j++) {
			items[n].role = -1;
			items[n].staff = i;
			items[n++].need = j;
		}
	return n;
}

static int
team_count(const struct scenario *s)
{
	int	 i, n = s->nroles;

	for (i = 0; i < s->nstaff; i++)
		n += s->staff[i].nneeds;
	return n;
}

static void
team_row(struct app *a, int y, const struct team_item *it, bool sel)
{
	const struct scenario	*s = a->scenario;
	const struct team	*t = app_team(a);
	enum app_role		 r = sel ? ROLE_SELECTED : ROLE_NORMAL;
	char			 m[TEXT_MONEY_MAX];
	int			 w = COLS - 2, x2 = COLS >= 110 ? 42 : 32;
	int			 x3 = x2 + (COLS >= 110 ? 30 : 24);

	if (sel) {
		fr_put(a, y, 1, w, ROLE_SELECTED, "");
		app_cursor(a, y, 2);
	}
	if (it->role >= 0) {
		const struct role *ro = &s->roles[it->role];
		const char *mission = t->missions[it->role];

		fr_putf(a, y, 2, x2 - 3, r, "%s%s", ro->label,
		    ro->required ? " *" : "");
		fr_put(a, y, x2, x3 - x2 - 1, sel ? r : mission != NULL ?
		    ROLE_NORMAL : ro->required ? ROLE_BAD : ROLE_DIM,
		    mission != NULL ? t->candidates[t->mission_holder[
		    it->role]].name : _("à confier"));
		fr_put(a, y, x3, w - x3, sel ? r : ROLE_DIM, mission != NULL ?
		    mission : ro->missions);
		return;
	} else {
		const struct staff *st = &s->staff[it->staff];
		const struct need *nd = &st->needs[it->need];
		bool done = t->staff[it->staff].accommodated[it->need];

		fr_put(a, y, 2, x2 - 3, r, st->name);
		fr_putf(a, y, x2, x3 - x2 - 1, r, "%s · %s",
		    _(scenario_accommodation_labels[nd->kind]),
		    text_money(m, nd->cost));
		fr_put(a, y, x3, w - x3, sel ? r : done ? ROLE_GOOD : ROLE_BAD,
		    done ? _("✓ en place") : _("à mettre en place (Entrée)"));
	}
}

static void
team_draw(struct app *a, struct app_list *c, int top, int rows)
{
	const struct scenario	*s = a->scenario;
	const struct team	*t = app_team(a);
	struct team_item	*items;
	int			 n, i, y, line, focus_line = 0, nlines, list;
	int			*lines, w = COLS - 2;
	char			*text, *next;

	n = team_count(s);
	if (n == 0) {
		fr_put(a, top, 1, w, ROLE_DIM, _("Ni rôle ni besoin "
		    "d'aménagement dans ce scénario."));
		return;
	}
	items = xcalloc((size_t)n, sizeof *items);
	team_items(s, items);
	app_list_fit(c, n, n);
	/* Display lines: -1 roles heading, -2 needs heading, else items. */
	lines = xcalloc((size_t)n + 2, sizeof *lines);
	nlines = 0;
	for (i = 0; i < n; i++) {
		if (i == 0 && items[i].role >= 0)
			lines[nlines++] = -1;
		if (items[i].role < 0 && (i == 0 || items[i - 1].role >= 0))
			lines[nlines++] = -2;
		if (i == c->focus)
			focus_line = nlines;
		lines[nlines++] = i;
	}
	list = rows - 5;
	if (list > nlines)
		list = nlines;
	if (list < 3)
		list = 3;
	c->rows = list;
	{
		struct app_list lc = { focus_line, c->top, 0, list };

		app_list_fit(&lc, nlines, list);
		if (focus_line > 0 && lines[focus_line - 1] < 0 &&
		    lc.top == focus_line && list > 1)
			lc.top--;
		c->top = lc.top;
	}
	for (y = top, line = c->top; line < nlines && y < top + list;
	    line++, y++) {
		if (lines[line] == -1)
			fr_put(a, y, 1, w, ROLE_HEADING, _("Rôles et missions "
			    "(* obligatoire) — Entrée : confier le rôle"));
		else if (lines[line] == -2)
			fr_put(a, y, 1, w, ROLE_HEADING, _("Besoins "
			    "d'aménagement de l'équipe interne (accessibilité)"));
		else
			team_row(a, y, &items[lines[line]],
			    lines[line] == c->focus);
	}
	/* The selected row in full. */
	y = top + list + 1;
	if (y < top + rows) {
		const struct team_item *it = &items[c->focus];

		if (it->role >= 0)
			text = xasprintf(_("Missions — %s"), t->missions[
			    it->role] != NULL ? t->missions[it->role] :
			    s->roles[it->role].missions);
		else {
			const struct need *nd =
			    &s->staff[it->staff].needs[it->need];

			text = xasprintf(_("%s : %s. Aménagement : %s."),
			    s->staff[it->staff].name, nd->need, nd->detail);
			if (nd->loss_if_unmet > 0) {
				next = xasprintf(_("%s Sans cet aménagement : %d %% "
				    "de productivité en moins."), text,
				    nd->loss_if_unmet);
				free(text);
				text = next;
			}
		}
		y += app_paragraph(a, y, 1, w, top + rows - y - 1, ROLE_DIM,
		    text) + 1;
		free(text);
	}
	/* Who plays, and who has extra time. */
	if (y < top + rows) {
		text = xstrdup(_("Candidats :"));
		for (i = 0; i < t->ncandidates; i++) {
			const struct candidate *cd = &t->candidates[i];
			char extra[48] = "";

			if (cd->extra_time > 0)
				snprintf(extra, sizeof extra, _(", temps majoré "
				    "%d %%"), cd->extra_time);
			next = xasprintf("%s%s %s%s%s%s%s", text, i ? "," : "",
			    cd->name, cd->role >= 0 || extra[0] ? " (" : "",
			    cd->role >= 0 ? s->roles[cd->role].label : "",
			    extra, cd->role >= 0 || extra[0] ? ")" : "");
			free(text);
			text = next;
		}
		app_paragraph(a, y, 1, w, top + rows - y, ROLE_NORMAL, text);
		free(text);
	}
	free(lines);
	free(items);
}

static void
team_mission(struct app *a, int role)
{
	const struct scenario	*s = a->scenario;
	const struct team	*t = app_team(a);
	const struct role	*ro = &s->roles[role];
	const char		**labels;
	char			**own, *title, *text;
	int			 i, who, init = 0;

	labels = xcalloc((size_t)t->ncandidates, sizeof *labels);
	own = xcalloc((size_t)t->ncandidates, sizeof *own);
	for (i = 0; i < t->ncandidates; i++) {
		const struct candidate *cd = &t->candidates[i];

		own[i] = cd->role >= 0 ? xasprintf("%s (%s)", cd->name,
		    s->roles[cd->role].label) : xstrdup(cd->name);
		labels[i] = own[i];
		if (t->missions[role] != NULL ? t->mission_holder[role] == i :
		    cd->role == role)
			init = i;
	}
	title = fr_dialog(xasprintf(_("Qui tient le rôle « %s » ?"),
	    ro->label));
	who = app_choose(a, title, labels, t->ncandidates, init);
	free(title);
	if (who >= 0) {
		title = fr_dialog(xasprintf(_("Missions de %s comme « %s »"),
		    t->candidates[who].name, ro->label));
		text = app_prompt(a, title, t->missions[role] != NULL ?
		    t->missions[role] : ro->missions);
		free(title);
		if (text != NULL)
			app_command(a, "mission", NULL, "role", ro->id,
			    "candidat", t->candidates[who].name, "texte", text,
			    NULL);
		free(text);
	}
	for (i = 0; i < t->ncandidates; i++)
		free(own[i]);
	free(own);
	free(labels);
}

static int
team_key(struct app *a, struct app_list *c, int kind, wint_t ch)
{
	const struct scenario	*s = a->scenario;
	struct team_item	*items;
	char			 num[16];
	int			 n = team_count(s), r;

	if (n == 0)
		return APP_IGNORED;
	r = app_list_key(c, n, kind, ch);
	if (r != APP_IGNORED || kind != OK || ch != '\n')
		return r;
	if (fr_readonly(a))
		return APP_HANDLED | APP_REDRAW;
	items = xcalloc((size_t)n, sizeof *items);
	team_items(s, items);
	if (items[c->focus].role >= 0)
		team_mission(a, items[c->focus].role);
	else {
		snprintf(num, sizeof num, "%d", items[c->focus].need + 1);
		app_command(a, "amenager", NULL, "membre",
		    s->staff[items[c->focus].staff].id, "besoin", num, NULL);
	}
	free(items);
	return APP_HANDLED | APP_REDRAW;
}

static const char *
team_subject(const struct app *a, const struct app_list *c)
{
	const struct scenario	*s = a->scenario;
	struct team_item	*items;
	const char		*out = NULL;
	int			 n = team_count(s);

	if (c->focus < 0 || c->focus >= n)
		return NULL;
	items = xcalloc((size_t)n, sizeof *items);
	team_items(s, items);
	out = items[c->focus].role >= 0 ? s->roles[items[c->focus].role].label :
	    s->staff[items[c->focus].staff].name;
	free(items);
	return out;
}

const struct fr_view fr_view_team = {
	'm', N_("Équipe"),
	N_("↑↓ rôle ou besoin · Entrée : confier le rôle et ses missions / "
	    "mettre en place l'aménagement"),
	team_draw, team_key, team_subject, false, "team"
};
