/*
 * screen_overview: the trainer's projected screen: every team at a glance
 * (week, budget, schedule, quality, open incidents, status points answered
 * and late, E3 indicators so far), and the trainer's actions: open piloting,
 * close the week, inject an incident, request a status point, broadcast a
 * message, pause the clock, write a note, look at a team.  When the screen
 * hosts the session (pilote host), each team's join code and who is
 * connected since when, a new code for a team, the candidates' personal
 * codes, and the host's latest security alerts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/effects.h"
#include "core/game.h"
#include "core/ledger.h"
#include "io/host.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/wrap.h"
#include "util/xalloc.h"

/* The team selected, and the explanations each team had before the week
 * was closed (for the week's summary). */
/* How long a revealed join code stays on the screen, ms. */
#define OVERVIEW_REVEAL_MS	10000

struct overview_state {
	struct app_list	 list;
	int		 seen[GAME_MAX_TEAMS];
	/* The overview is what the projector shows: codes are hidden, one
	 * key reveals the chosen team's for a few seconds. */
	int		 reveal;		/* team + 1, 0: none */
	int64_t		 reveal_until;		/* wall-clock ms */
	bool		 projecting;		/* the projection view (P) */
	bool		 started;		/* a->project applied */
};

/* Digits and ':' five rows tall, for the back of a room (no figlet). */
static const char *const overview_big[11][5] = {
	{ "█████", "█   █", "█   █", "█   █", "█████" },
	{ "  █  ", " ██  ", "  █  ", "  █  ", " ███ " },
	{ "█████", "    █", "█████", "█    ", "█████" },
	{ "█████", "    █", " ████", "    █", "█████" },
	{ "█   █", "█   █", "█████", "    █", "    █" },
	{ "█████", "█    ", "█████", "    █", "█████" },
	{ "█████", "█    ", "█████", "█   █", "█████" },
	{ "█████", "    █", "   █ ", "  █  ", "  █  " },
	{ "█████", "█   █", "█████", "█   █", "█████" },
	{ "█████", "█   █", "█████", "    █", "█████" },
	{ "     ", "  █  ", "     ", "  █  ", "     " },
};

/* "12:34" in big digits, five rows from y, centred. */
static void
overview_big_text(struct app *a, int y, const char *s, enum app_role role)
{
	char	 row[256];
	int	 r, n = (int)strlen(s), x;
	size_t	 k;

	x = (COLS - n * 6) / 2;
	if (x < 1)
		x = 1;
	for (r = 0; r < 5; r++) {
		row[0] = '\0';
		for (k = 0; s[k] != '\0' && strlen(row) + 24 < sizeof row; k++) {
			int g = s[k] >= '0' && s[k] <= '9' ? s[k] - '0' :
			    s[k] == ':' ? 10 : -1;

			if (g < 0)
				continue;
			strcat(row, overview_big[g][r]);
			strcat(row, " ");
		}
		app_text(a, y + r, x, COLS - x - 1, role, row);
	}
}

/*
 * The projection view: what the whole room may see, read from the back at
 * 80x24 — the week, the countdowns of the status point and of the
 * incidents in big digits, which teams have handed in or answered, the
 * last message; no code, no budget, no team's private texts.
 */
static void
overview_project(struct app *a, int top, int rows)
{
	struct game	*g = a->game;
	int64_t		 now = game_effective_time(g, a->now), point = INT64_MAX;
	int64_t		 incident = INT64_MAX, left;
	char		 clock[TEXT_TIME_MAX], *line, *next;
	const char	*title = NULL;
	int		 i, k, y = top, done, asked, open;

	for (i = 0; i < g->nteams; i++) {
		struct team *t = &g->teams[i];

		for (k = 0; k < t->nrequests; k++)
			if (!t->requests[k].submitted &&
			    (left = game_point_limit(t, k, NULL) - now) < point) {
				point = left;
				title = t->requests[k].title;
			}
		for (k = 0; k < t->noccurrences; k++)
			if (t->occurrences[k].status == OCC_OPEN &&
			    t->occurrences[k].deadline - now < incident)
				incident = t->occurrences[k].deadline - now;
	}
	app_textf(a, y++, 1, COLS - 2, ROLE_TITLE, "%s", a->scenario->title);
	app_textf(a, y++, 1, COLS - 2, ROLE_HEADING, g->phase == PHASE_FRAMING ?
	    _("Cadrage : le pilotage n'est pas encore ouvert") :
	    g->phase == PHASE_LAUNCHED ? _("Le projet est lancé : la partie est "
	    "terminée") : _("Semaine %d sur %d%s"), g->week, a->scenario->weeks,
	    g->paused ? _(" · chronomètre en pause") : "");
	if (point != INT64_MAX && y + 6 < top + rows) {
		line = xasprintf(point > 0 ? _("Point de situation à rendre : "
		    "« %s »") : _("Point de situation en retard : « %s »"),
		    title);
		y += app_paragraph(a, y, 1, COLS - 2, 2, point > 0 ? ROLE_INFO :
		    ROLE_BAD, line);
		free(line);
		overview_big_text(a, y, text_countdown(clock, point), point >
		    2 * 60000 ? ROLE_NORMAL : ROLE_BAD);
		y += 5;
	}
	if (incident != INT64_MAX && y + 6 < top + rows) {
		app_text(a, y++, 1, COLS - 2, ROLE_WARN, _("Prochain incident à "
		    "traiter"));
		overview_big_text(a, y, text_countdown(clock, incident),
		    incident > 2 * 60000 ? ROLE_NORMAL : ROLE_BAD);
		y += 5;
	}
	line = xstrdup("");
	for (i = 0; i < g->nteams; i++) {
		struct team *t = &g->teams[i];

		for (k = done = asked = open = 0; k < t->nrequests; k++) {
			asked++;
			done += t->requests[k].submitted;
		}
		for (k = 0; k < t->noccurrences; k++)
			open += t->occurrences[k].status == OCC_OPEN;
		next = xasprintf(_("%s%s%s : points %d/%d, %d incident(s) à "
		    "traiter"), line, i ? " · " : "", t->name, done, asked,
		    open);
		free(line);
		line = next;
	}
	if (y < top + rows)
		y += app_paragraph(a, y, 1, COLS - 2, top + rows - y,
		    ROLE_NORMAL, line);
	free(line);
	if (g->nbroadcasts > 0 && y < top + rows) {
		line = xasprintf(_("Message : %s"),
		    g->broadcasts[g->nbroadcasts - 1].text);
		y += app_paragraph(a, y, 1, COLS - 2, top + rows - y, ROLE_INFO,
		    line);
		free(line);
	}
	if (y < top + rows)
		app_text(a, top + rows - 1, 1, COLS - 2, ROLE_DIM, _("P : revenir "
		    "à la vue des équipes"));
}

static void
overview_row(struct app *a, int y, int i, bool selected)
{
	struct game		*g = a->game;
	struct team		*t = &g->teams[i];
	const struct scenario	*s = a->scenario;
	char			 forecast[TEXT_MONEY_MAX], env[TEXT_MONEY_MAX];
	char			 cell[64];
	struct ledger		 l;
	int			 k, done = 0, late = 0, open = 0, asked = 0;
	int			 answered = 0, late_points = 0;
	enum app_role		 role = selected ? ROLE_SELECTED : ROLE_NORMAL;

	game_ledger(g, t, &l);
	for (k = 0; k < s->npackages; k++) {
		if (t->packages[k].status == PKG_DONE)
			done++;
		if (game_package_late(g, t, k))
			late++;
	}
	for (k = 0; k < t->noccurrences; k++)
		if (t->occurrences[k].status == OCC_OPEN)
			open++;
	for (k = 0; k < t->nrequests; k++) {
		asked++;
		if (t->requests[k].submitted)
			answered++;
		if (t->requests[k].late)
			late_points++;
	}
	game_compute_results(g, i);
	move(y, 0);
	clrtoeol();
	if (selected) {
		attrset(a->attr[ROLE_SELECTED]);
		mvhline(y, 1, ' ', COLS - 2);
		attrset(A_NORMAL);
	}
	/* Columns fit 78: 1 name 14, 16 forecast 11, 28 envelope 11, ... */
	app_text(a, y, 1, 14, role, t->name);
	app_text(a, y, 16, 11, l.overrun > 0 && !selected ? ROLE_BAD :
	    role, wrap_pad(cell, sizeof cell, text_money(forecast,
	    l.total.forecast), 11, 1));
	app_text(a, y, 28, 11, role, wrap_pad(cell, sizeof cell,
	    text_money(env, l.envelope), 11, 1));
	app_textf(a, y, 40, 38, role, "%2d/%-2d %5d %5d  %2d/%-2d(%d) %3d %4s",
	    done, s->npackages, late, open, answered, asked, late_points,
	    t->result.e3_score, g->phase == PHASE_LAUNCHED ?
	    "" : "—");
	if (g->phase == PHASE_LAUNCHED)
		app_textf(a, y, 74, 4, role, "%4d", t->result.score);
	if (selected)
		app_cursor(a, y, 1);
}

/* A join code grouped for reading aloud: "K7MQ-2XPA". */
static void
overview_code(char out[10], const char *code)
{
	snprintf(out, 10, "%.4s-%.4s", code, strlen(code) > 4 ? code + 4 : "");
}

/*
 * Who is connected for team i: "Léa Martin 09:12 · Hugo Petit ×2 09:15"
 * (a candidate's consoles counted once, since the first), first names only
 * when that does not fit in width.  Allocated; NULL when nobody is.
 */
static char *
overview_who(const struct host_console *c, int n, int team, int width)
{
	char		*s = NULL, *next, when[TEXT_TIME_MAX], name[64];
	const char	*sp;
	int		 i, j, count, first, pass;
	int64_t		 since;

	for (pass = 0; pass < 2; pass++) {
		free(s);
		s = NULL;
		for (i = 0; i < n; i++) {
			if (c[i].team != team)
				continue;
			for (first = 0; first < i; first++)
				if (c[first].team == team &&
				    strcmp(c[first].as, c[i].as) == 0)
					break;
			if (first < i)
				continue;	/* counted with the first */
			since = c[i].since;
			for (j = i, count = 0; j < n; j++)
				if (c[j].team == team &&
				    strcmp(c[j].as, c[i].as) == 0) {
					count++;
					if (c[j].since < since)
						since = c[j].since;
				}
			text_time(when, since, TEXT_TIME_CLOCK);
			sp = pass == 1 ? strchr(c[i].as, ' ') : NULL;
			snprintf(name, sizeof name, "%.*s", sp != NULL ?
			    (int)(sp - c[i].as) : (int)strlen(c[i].as), c[i].as);
			if (count > 1)
				next = xasprintf("%s%s%s ×%d %s", s ? s : "",
				    s ? " · " : "", name, count, when);
			else
				next = xasprintf("%s%s%s %s", s ? s : "",
				    s ? " · " : "", name, when);
			free(s);
			s = next;
		}
		if (s == NULL || wrap_width(s, strlen(s)) <= width)
			break;
	}
	return s;
}

/* Each team's join code and its consoles (only when hosting). */
static int
overview_consoles(struct app *a, const struct overview_state *st, int focus,
    int y, int end)
{
	const struct host_console *c;
	char		 code[32], *who;
	int		 i, n, w = COLS - 28;

	if (y >= end)
		return y;
	n = host_consoles(a->host, &c);
	app_text(a, y++, 1, COLS - 2, ROLE_HEADING, _("consoles       code       "
	    "connectés, depuis   v voir le code · r nouveau · c candidats"));
	for (i = 0; i < a->game->nteams && y < end; i++, y++) {
		if (st->reveal == i + 1 && a->now < st->reveal_until)
			overview_code(code, host_code(a->host, i));	/* 10 */
		else
			snprintf(code, sizeof code, "••••-••••");
		app_text(a, y, 1, 14, i == focus ? ROLE_TITLE :
		    ROLE_NORMAL, a->game->teams[i].name);
		app_text(a, y, 16, 10, ROLE_TITLE, code);
		if ((who = overview_who(c, n, i, w)) != NULL)
			app_text(a, y, 27, w, ROLE_GOOD, who);
		else
			app_text(a, y, 27, w, ROLE_DIM, _("aucune console"));
		free(who);
	}
	return y;
}

/* The host's latest alerts, newest first, on at most max lines. */
static int
overview_alerts(struct app *a, int y, int end, int max)
{
	const struct host_alert	*al;
	char			 when[TEXT_TIME_MAX];
	int			 i, n = host_alerts(a->host, &al);

	for (i = n - 1; i >= 0 && i >= n - max && y < end; i--) {
		text_time(when, al[i].time, TEXT_TIME_CLOCK);
		app_textf(a, y++, 1, COLS - 2, ROLE_BAD, _("⚠ %s %s"), when,
		    al[i].text);
	}
	return y;
}

static void
overview_draw(struct app *a, void *state, int top, int rows)
{
	struct overview_state *st = state;
	struct game	*g = a->game;
	const struct host_alert *al;
	int		 i, y = top, gap, nalerts, due;

	if (!st->started) {
		st->started = true;
		st->projecting = a->project;
	}
	if (st->projecting) {
		overview_project(a, top, rows);
		return;
	}
	/* Blank lines between the parts only when everything fits. */
	nalerts = 0;
	if (a->host != NULL)
		nalerts = host_alerts(a->host, &al) < 2 ?
		    host_alerts(a->host, &al) : 2;
	gap = 5 + g->nteams + 1 + 4 + (g->nbroadcasts > 0 ? 2 : 0) +
	    (a->host != NULL ? 2 + g->nteams + nalerts : 0) <= rows;
	app_textf(a, y++, 1, COLS - 2, ROLE_TITLE, "%s", a->scenario->title);
	/* The anchors a jury checks: pilote verify --signer … --head …. */
	if (a->session != NULL)
		app_textf(a, y++, 1, COLS - 2, ROLE_DIM, _("journal : %zu "
		    "ligne(s) · tête %.*s · clé %s"),
		    journal_count(a->session->journal), JOURNAL_SHORT_HEAD,
		    journal_head(a->session->journal),
		    journal_fingerprint(a->session->journal));
	y += gap;
	app_text(a, y++, 1, COLS - 2, ROLE_HEADING, _("équipe               "
	    "prévu   enveloppe livrés retard incid. points   E3 score"));
	st->list.rows = g->nteams;
	app_list_fit(&st->list, g->nteams, g->nteams);
	for (i = 0; i < g->nteams && y < top + rows; i++)
		overview_row(a, y++, i, i == st->list.focus);
	/* What the figures are, once, under the table. */
	if (y < top + rows)
		app_text(a, y++, 1, COLS - 2, ROLE_DIM, _("points : rendus/"
		    "demandés (en retard) · E3 sur 100 · score au lancement"));
	if (a->host != NULL) {
		y += gap;
		y = overview_consoles(a, st, st->list.focus, y, top + rows);
		/* Security first: kept even when the rest must squeeze. */
		y = overview_alerts(a, y, top + rows, nalerts);
	}
	y += gap;
	if (y < top + rows)
		app_text(a, y++, 1, COLS - 2, ROLE_HEADING, _("Actions du "
		    "formateur"));
	if (y < top + rows)
		app_text(a, y++, 1, COLS - 2, ROLE_NORMAL, g->phase ==
		    PHASE_FRAMING ? _("o ouvrir le pilotage (clôt le cadrage)") :
		    g->phase == PHASE_PILOTING ? _("s clôturer la semaine · "
		    "i injecter un incident · p demander un point") :
		    _("Le projet est lancé : les résultats sont dans « Bilan »."));
	if ((due = game_planned_point_due(g)) >= 0 && y < top + rows) {
		const struct status_point *sp = &a->scenario->status_points[due];
		char *line = xasprintf(_("d demander le point prévu (semaine %d, "
		    "délai %d min) : « %s »"), sp->week, sp->deadline, sp->title);

		y += app_paragraph(a, y, 1, COLS - 2, top + rows - y, ROLE_WARN,
		    line);
		free(line);
	}
	if (y < top + rows)
		app_text(a, y++, 1, COLS - 2, ROLE_NORMAL, _("m message · "
		    "n note sur l'équipe choisie · z pause du chronomètre"));
	if (y < top + rows)
		app_text(a, y++, 1, COLS - 2, ROLE_NORMAL, _("Entrée voir les "
		    "écrans de l'équipe choisie · e lui donner le clavier"));
	for (i = 0; i < g->nbroadcasts && y < top + rows; i++)
		;
	if (g->nbroadcasts > 0 && y + gap < top + rows) {
		y += gap;
		app_textf(a, y++, 1, COLS - 2, ROLE_INFO, _("Dernier message à "
		    "toutes les équipes : %s"),
		    g->broadcasts[g->nbroadcasts - 1].text);
	}
}

/* Which team a trainer action is for: one of them or all. */
static int
overview_pick_team(struct app *a, const char *title, const char **name)
{
	const char	**labels;
	int		 i, n = a->game->nteams, choice;

	labels = xcalloc((size_t)n + 1, sizeof *labels);
	labels[0] = _("Toutes les équipes");
	for (i = 0; i < n; i++)
		labels[i + 1] = a->game->teams[i].name;
	choice = app_choose(a, title, labels, n + 1, 0);
	free(labels);
	if (choice < 0)
		return -1;
	*name = choice == 0 ? "toutes" : a->game->teams[choice - 1].name;
	return 0;
}

/*
 * One « Libellé : effets » of an incident written on the moment, checked
 * by the engine as it is left: a refusal says why and asks again with
 * what was typed.  NULL if given up.
 */
static char *
overview_choice(struct app *a, const char *label)
{
	char	*typed = NULL, *cause = NULL, *ask;

	for (;;) {
		ask = cause == NULL ? xstrdup(label) : xasprintf(_("%s — à "
		    "corriger : %s"), label, cause);
		free(cause);
		cause = NULL;
		char *next = app_prompt(a, ask, typed);

		free(ask);
		free(typed);
		if ((typed = next) == NULL ||
		    game_adhoc_choice_check(a->scenario, typed, &cause) == 0)
			return typed;
	}
}

static void
overview_inject(struct app *a)
{
	const struct scenario	*s = a->scenario;
	const char		**labels, *team;
	char			*title, *text, *o1, *o2, *def, *ask1, *askd;
	char			*minutes = NULL, *cause = NULL;
	int			 i, n = s->nincidents, choice, cat;

	/* The engine's rule first: nothing typed for nothing. */
	if (game_injectable(a->game, &cause) == -1) {
		app_say(a, true, _("Refusé : %s"), cause);
		free(cause);
		return;
	}
	labels = xcalloc((size_t)n + 1, sizeof *labels);
	labels[0] = _("Écrire un incident sur le moment…");
	for (i = 0; i < n; i++)
		labels[i + 1] = s->incidents[i].title;
	choice = app_choose(a, _("Injecter quel incident ?"), labels, n + 1, 0);
	free(labels);
	if (choice < 0 || overview_pick_team(a, _("Pour quelle équipe ?"),
	    &team) == -1)
		return;
	if (choice > 0) {
		/* What the teams will read, before it is sent. */
		const struct incident *inc = &s->incidents[choice - 1];
		char *preview = xasprintf(_("« %s » (%s, réponse attendue en %d "
		    "min) : %s"), inc->title,
		    _(scenario_incident_category_labels[inc->category]),
		    inc->deadline, inc->text), *next;

		for (i = 0; i < inc->noptions; i++) {
			next = xasprintf(_("%s\nOption %d : %s"), preview, i + 1,
			    inc->options[i].label);
			free(preview);
			preview = next;
		}
		next = xasprintf(_("%s\nSans réponse : %s\nL'injecter ?"),
		    preview, inc->default_text ? inc->default_text : "—");
		free(preview);
		preview = next;
		if (app_confirm(a, preview))
			app_command(a, "injecter", NULL, "incident", inc->id,
			    "equipe", team, NULL);
		free(preview);
		return;
	}
	title = app_prompt(a, _("Titre de l'incident"), NULL);
	text = title ? app_prompt(a, _("Ce que l'équipe lit"), NULL) : NULL;
	/* The syntax is the engine's (core/effects): its examples too. */
	ask1 = xasprintf(_("Option 1 — « Libellé : effets », ex. « %s »"),
	    _(effects_example_option));
	askd = xasprintf(_("Sans réponse — « Texte : effets », ex. « %s »"),
	    _(effects_example_default));
	o1 = text ? overview_choice(a, ask1) : NULL;
	o2 = o1 ? overview_choice(a, _("Option 2 — « Libellé : effets »")) :
	    NULL;
	def = o2 ? overview_choice(a, askd) : NULL;
	free(ask1);
	free(askd);
	/* Its category and deadline, like a catalogue incident's. */
	if (def != NULL) {
		cat = app_choose(a, _("Catégorie de l'incident"),
		    scenario_incident_category_labels, INCIDENT_CATEGORY_COUNT,
		    0);
		minutes = cat >= 0 ? app_prompt(a, _("Délai de réponse, en "
		    "minutes"), "15") : NULL;
		if (minutes != NULL)
			app_command(a, "injecter", NULL, "titre", title, "texte",
			    text, "option1", o1, "option2", o2, "defaut", def,
			    "categorie", scenario_incident_categories[cat],
			    "equipe", team, minutes[0] ? "delai" : NULL, minutes,
			    NULL);
		free(minutes);
	}
	free(title);
	free(text);
	free(o1);
	free(o2);
	free(def);
}

static void
overview_request(struct app *a)
{
	const struct scenario	*s = a->scenario;
	const char		**labels, *team;
	char			*title = NULL, *minutes, deadline[16];
	int			 i, n = s->nstatus_points, choice;

	labels = xcalloc((size_t)n + 1, sizeof *labels);
	labels[0] = _("Un point non prévu…");
	for (i = 0; i < n; i++)
		labels[i + 1] = s->status_points[i].title;
	choice = app_choose(a, _("Demander quel point de situation ?"), labels,
	    n + 1, 0);
	free(labels);
	if (choice < 0)
		return;
	if (choice == 0 && (title = app_prompt(a, _("Titre du point"),
	    _("Point de situation"))) == NULL)
		return;
	/* The scenario's deadline, prefilled: the trainer sees it, keeps it
	 * or changes it. */
	if (choice > 0)
		snprintf(deadline, sizeof deadline, "%d",
		    s->status_points[choice - 1].deadline);
	minutes = app_prompt(a, _("Délai pour le rendre, en minutes"),
	    choice > 0 ? deadline : "20");
	if (minutes != NULL && overview_pick_team(a, _("Pour quelle équipe ?"),
	    &team) == 0) {
		if (choice > 0)
			app_command(a, "demander_point", NULL, "point",
			    s->status_points[choice - 1].id, "equipe", team,
			    minutes[0] ? "delai" : NULL, minutes, NULL);
		else
			app_command(a, "demander_point", NULL, "titre", title,
			    "delai", minutes, "equipe", team, NULL);
	}
	free(title);
	free(minutes);
}

/* Explanations each team had before the week was closed. */
static void
overview_mark(struct app *a, struct overview_state *st)
{
	int	 i;

	for (i = 0; i < a->game->nteams; i++)
		st->seen[i] = a->game->teams[i].nexplanations;
}

/* What the week's close did to each team, to read aloud or project. */
static void
overview_summary(struct app *a, const struct overview_state *st)
{
	struct game	*g = a->game;
	char		**labels = NULL, *all, *next;
	int		 n = 0, i, j, k, delivered;

	/* A head to write down: `pilote verify --head` shows any later cut. */
	if (a->session != NULL) {
		labels = xreallocarray(labels, (size_t)n + 1, sizeof *labels);
		labels[n++] = xasprintf(_("Tête du journal à noter : %.*s (%zu "
		    "ligne(s)%s) — pilote verify --head la retrouve"),
		    JOURNAL_SHORT_HEAD, journal_head(a->session->journal),
		    journal_count(a->session->journal), g->sealed ?
		    _(", session scellée") : "");
	}
	for (i = 0; i < g->nteams; i++) {
		struct team *t = &g->teams[i];

		for (k = delivered = 0; k < a->scenario->npackages; k++)
			if (t->packages[k].status == PKG_DONE &&
			    t->packages[k].finished == (g->phase ==
			    PHASE_LAUNCHED ? g->week : g->week - 1))
				delivered++;
		labels = xreallocarray(labels, (size_t)n + 1, sizeof *labels);
		labels[n++] = xasprintf(_("%s : %d lot(s) livré(s) cette "
		    "semaine, %d fait(s) marquant(s)"), t->name, delivered,
		    t->nexplanations - st->seen[i]);
		for (j = st->seen[i]; j < t->nexplanations; j++) {
			labels = xreallocarray(labels, (size_t)n + 1,
			    sizeof *labels);
			labels[n++] = xasprintf("  %s",
			    later_text(t->explanations[j].say));
		}
	}
	/* Read whole, wrapped, scrolled if long: not a list of cut lines. */
	for (i = 0, all = xstrdup(""); i < n; i++) {
		next = xasprintf("%s%s%s", all, i ? "\n" : "", labels[i]);
		free(all);
		all = next;
		free(labels[i]);
	}
	free(labels);
	app_notice(a, _("Ce qui s'est passé pour chaque équipe (Échap pour "
	    "fermer)"), all);
	free(all);
}

/* A note on the team or on one of its candidates. */
static void
overview_note(struct app *a, struct team *t)
{
	const char	**labels;
	char		*text;
	int		 i, who;

	labels = xcalloc((size_t)t->ncandidates + 1, sizeof *labels);
	labels[0] = _("L'équipe entière");
	for (i = 0; i < t->ncandidates; i++)
		labels[i + 1] = t->candidates[i].name;
	who = app_choose(a, _("Note sur qui ?"), labels, t->ncandidates + 1, 0);
	free(labels);
	if (who < 0 || (text = app_prompt(a, _("Observation"), NULL)) == NULL)
		return;
	if (who == 0)
		app_command(a, "note", NULL, "equipe", t->name, "texte", text,
		    NULL);
	else
		app_command(a, "note", NULL, "equipe", t->name, "candidat",
		    t->candidates[who - 1].name, "texte", text, NULL);
	free(text);
}

/* A new join code for the chosen team (its old one no longer lets in). */
static void
overview_renew(struct app *a, int team)
{
	const char	*labels[2];
	char		*title, *cause = NULL, code[10];
	int		 choice;

	labels[0] = _("Nouveau code ; les consoles ouvertes restent connectées");
	labels[1] = _("Nouveau code, et fermer les consoles ouvertes de "
	    "l'équipe");
	overview_code(code, host_code(a->host, team));
	title = xasprintf(_("Remplacer le code %s de l'équipe %s ?"), code,
	    a->game->teams[team].name);
	choice = app_choose(a, title, labels, 2, 0);
	free(title);
	if (choice < 0)
		return;
	if (host_renew_code(a->host, team, choice == 1, &cause) == -1) {
		app_say(a, true, _("Code non renouvelé : %s"), cause);
		free(cause);
		return;
	}
	overview_code(code, host_code(a->host, team));
	app_say(a, false, _("Nouveau code de l'équipe %s : %s ; l'ancien ne "
	    "sert plus."), a->game->teams[team].name, code);
}

/*
 * The candidates' personal codes for the chosen team: each opens a console
 * that acts in its candidate's name only.  Choosing one renews it.
 */
static void
overview_personal(struct app *a, int team)
{
	const struct team	*t = &a->game->teams[team];
	const char		*labels[2];
	char			**rows, *title, *cause = NULL, code[10];
	char			 cell[256];
	int			 i, who, choice;

	rows = xcalloc((size_t)t->ncandidates, sizeof *rows);
	for (i = 0; i < t->ncandidates; i++) {
		overview_code(code, host_candidate_code(a->host, team, i));
		rows[i] = xasprintf("%s %s", wrap_pad(cell, sizeof cell,
		    t->candidates[i].name, 30, 0), code);
	}
	title = xasprintf(_("Codes personnels, équipe %s (Entrée : "
	    "renouveler)"), t->name);
	who = app_choose(a, title, (const char *const *)rows, t->ncandidates,
	    0);
	free(title);
	for (i = 0; i < t->ncandidates; i++)
		free(rows[i]);
	free(rows);
	if (who < 0)
		return;
	labels[0] = _("Nouveau code ; sa console ouverte reste connectée");
	labels[1] = _("Nouveau code, et fermer sa console ouverte");
	title = xasprintf(_("Remplacer le code personnel de %s ?"),
	    t->candidates[who].name);
	choice = app_choose(a, title, labels, 2, 0);
	free(title);
	if (choice < 0)
		return;
	if (host_renew_candidate_code(a->host, team, who, choice == 1,
	    &cause) == -1) {
		app_say(a, true, _("Code non renouvelé : %s"), cause);
		free(cause);
		return;
	}
	overview_code(code, host_candidate_code(a->host, team, who));
	app_say(a, false, _("Nouveau code personnel de %s : %s ; l'ancien ne "
	    "sert plus."), t->candidates[who].name, code);
}

static int
overview_key(struct app *a, void *state, int kind, wint_t ch)
{
	struct overview_state *st = state;
	struct game	*g = a->game;
	const char	*team;
	char		*text;
	int		 r, before = 0, i, focus;

	/* The projection view: P (or Échap) goes back; the overview's
	 * actions wait for it. */
	if (st->projecting) {
		if (kind == OK && (ch == 'P' || ch == 27)) {
			st->projecting = false;
			return APP_HANDLED | APP_REDRAW;
		}
		/* The app's own keys (q, Tab, ?) still work. */
		return APP_IGNORED;
	}
	if (kind == OK && ch == 'P') {
		st->projecting = true;
		return APP_HANDLED | APP_REDRAW;
	}
	r = app_list_key(&st->list, g->nteams, kind, ch);
	if (r != APP_IGNORED || kind != OK)
		return r;
	/* The row is a team's index: within the teams, whatever the .ui
	 * file said. */
	app_list_fit(&st->list, g->nteams, g->nteams);
	focus = st->list.focus;
	switch (ch) {
	case '\n':
		a->team = focus;
		a->screen = app_screen_index(a, "brief");
		app_say(a, false, _("Équipe %s, en lecture (mode formateur)."),
		    g->teams[a->team].name);
		return APP_HANDLED | APP_REDRAW;
	case 'o':
		if (app_confirm(a, _("Ouvrir le pilotage ? Le cadrage de toutes "
		    "les équipes est figé comme preuve.")))
			app_command(a, "ouvrir_pilotage", NULL, NULL);
		return APP_HANDLED | APP_REDRAW;
	case 'd':
		if ((i = game_planned_point_due(g)) < 0) {
			app_say(a, true, _("Aucun point prévu n'attend d'être "
			    "demandé cette semaine."));
			return APP_HANDLED | APP_REDRAW;
		}
		if (app_command(a, "demander_point", NULL, "point",
		    a->scenario->status_points[i].id, "equipe", "toutes",
		    NULL) == 0)
			app_say(a, false, _("Point demandé à toutes les équipes, "
			    "délai %d min : « %s »."),
			    a->scenario->status_points[i].deadline,
			    a->scenario->status_points[i].title);
		return APP_HANDLED | APP_REDRAW;
	case 's':
		for (i = 0; i < g->nteams; i++)
			before += g->teams[i].noccurrences;
		if ((i = game_planned_point_due(g)) >= 0) {
			char *ask = xasprintf(_("Le point prévu « %s » (semaine "
			    "%d) n'a pas été demandé à toutes les équipes : "
			    "touche d pour le demander. Clôturer la semaine "
			    "quand même ?"), a->scenario->status_points[i].title,
			    a->scenario->status_points[i].week);
			bool go = app_confirm(a, ask);

			free(ask);
			if (!go)
				return APP_HANDLED | APP_REDRAW;
		}
		if (!app_confirm(a, g->week >= a->scenario->weeks ?
		    _("Clôturer la dernière semaine ? Le projet est lancé et "
		    "la partie se termine : plus aucune décision, les résultats "
		    "sont calculés. Les incidents sans réponse prennent leur "
		    "conséquence par défaut.") : _("Clôturer la semaine ? Les "
		    "incidents sans réponse prennent leur conséquence par "
		    "défaut.")))
			return APP_HANDLED | APP_REDRAW;
		overview_mark(a, st);
		if (app_command(a, "cloturer_semaine", NULL, NULL) == 0) {
			for (i = 0; i < g->nteams; i++)
				before -= g->teams[i].noccurrences;
			app_say(a, false, g->phase == PHASE_LAUNCHED ?
			    _("Dernière semaine close : le projet est lancé, "
			    "résultats calculés (écran Bilan).") : _("Semaine "
			    "close. Semaine %d : %d nouvel(s) incident(s) pour "
			    "l'ensemble des équipes."), g->week, -before);
			overview_summary(a, st);
		}
		return APP_HANDLED | APP_REDRAW;
	case 'v':
		if (a->host == NULL)
			return APP_IGNORED;
		st->reveal = focus + 1;
		st->reveal_until = a->now + OVERVIEW_REVEAL_MS;
		app_say(a, true, _("Code de l'équipe %s visible %d s : ne "
		    "projetez pas cet écran pendant ce temps."),
		    g->teams[focus].name, OVERVIEW_REVEAL_MS / 1000);
		return APP_HANDLED | APP_REDRAW;
	case 'i':
		overview_inject(a);
		return APP_HANDLED | APP_REDRAW;
	case 'p':
		overview_request(a);
		return APP_HANDLED | APP_REDRAW;
	case 'm':
		if ((text = app_prompt(a, _("Message"), NULL)) != NULL &&
		    overview_pick_team(a, _("À quelle équipe ?"), &team) == 0)
			app_command(a, "message", NULL, "texte", text, "equipe",
			    team, NULL);
		free(text);
		return APP_HANDLED | APP_REDRAW;
	case 'n':
		overview_note(a, &g->teams[focus]);
		return APP_HANDLED | APP_REDRAW;
	case 'z':
		app_command(a, g->paused ? "reprendre" : "pause", NULL, NULL);
		return APP_HANDLED | APP_REDRAW;
	case 'r':
		if (a->host == NULL)
			return APP_IGNORED;
		overview_renew(a, focus);
		return APP_HANDLED | APP_REDRAW;
	case 'c':
		if (a->host == NULL)
			return APP_IGNORED;
		overview_personal(a, focus);
		return APP_HANDLED | APP_REDRAW;
	default:
		return APP_IGNORED;
	}
}

static const char *const overview_help[] = {
	N_("↑ ↓          choisir une équipe ; Entrée : voir ses écrans"),
	N_("o            ouvrir le pilotage (fin du cadrage)"),
	N_("s            clôturer la semaine pour toutes les équipes"),
	N_("i            injecter un incident (catalogue ou sur le moment)"),
	N_("p            demander un point de situation avec un délai"),
	N_("d            demander le point prévu par le scénario cette semaine"),
	N_("m            envoyer un message ; n : noter une observation sur "
	    "l'équipe ou un candidat"),
	N_("z            mettre en pause / relancer le chronomètre"),
	N_("v            voir 10 s le code d'accès de l'équipe choisie (caché "
	    "sinon : l'écran est projeté)"),
	N_("P            vue de projection : semaine, comptes à rebours en grands "
	    "chiffres"),
	N_("r            nouveau code d'accès pour l'équipe choisie (pilote "
	    "host)"),
	N_("c            codes personnels des candidats de l'équipe choisie, "
	    "et en renouveler un (pilote host)"),
	NULL
};

static void
overview_save(const struct app *a, const void *state, struct app_ui *u)
{
	const struct overview_state *st = state;

	(void)a;
	app_ui_put_list(u, "", &st->list);
}

static void
overview_restore(struct app *a, void *state, const char *key, int value)
{
	struct overview_state *st = state;

	/* The row is a team's index. */
	if (strcmp(key, "row") == 0 && value >= a->game->nteams)
		value = 0;
	app_ui_get_list(&st->list, "", key, value);
}

const struct screen screen_overview = {
	.id = "overview",
	.name = N_("Équipes"),
	.trainer = true,
	.size = sizeof(struct overview_state),
	.draw = overview_draw,
	.key = overview_key,
	.save = overview_save,
	.restore = overview_restore,
	.help = overview_help,
};
