/*
 * screen_incidents: the team's incident inbox.
 *
 * At the top, the incidents, open ones first (the nearest deadline first),
 * then the answered and defaulted ones (the newest first), each with a live
 * countdown (mm:ss) or what became of it.  Below, the selected incident:
 * its text, why it fired, its options with their trade-offs in the words
 * the engine will use when it applies them (core/effects describes without
 * applying), the follow-up incident, and what happens without an answer.
 * Enter moves to the options (the screen then takes every key: ↑ ↓ choose,
 * Enter answer, Esc back), asks for the justification and a confirmation,
 * and sends « repondre incident=N option=ID ».  Whether an incident can
 * still be answered, and that the answer is justified, are the engine's
 * rules (game_answerable, the repondre handler): the screen asks them and
 * shows the engine's refusal.  A closed incident shows who chose what,
 * why, and the consequence as the engine explained it.
 *
 * The deadline is in effective (pause-free) time; past it, the engine
 * applies the default at the next event, so the screen only says « délai
 * dépassé » until then.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/effects.h"
#include "core/game.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/wrap.h"
#include "util/xalloc.h"

/*
 * Where the user is (UI state): the list of incidents, and whether the
 * options of the selected one have the keyboard, with the option selected
 * (options.focus).  Saved with the occurrence selected (its index in the
 * team's occurrences, which never moves, while its row does as deadlines
 * pass); restored at the next draw, once the team's list is known.
 */
struct inc_state {
	struct app_list	 list;
	bool		 choosing;
	struct app_list	 options;
	int		 restore_occ;	/* occurrence + 1 to select, or 0 */
};

/* The team's occurrences in display order; returns how many. */
static int
inc_order(const struct team *t, int *out)
{
	int	 i, j, n = 0, k;

	for (i = 0; i < t->noccurrences; i++)
		if (t->occurrences[i].status == OCC_OPEN)
			out[n++] = i;
	/* Open ones by deadline (insertion sort: a handful of items). */
	for (i = 1; i < n; i++) {
		k = out[i];
		for (j = i; j > 0 && t->occurrences[out[j - 1]].deadline >
		    t->occurrences[k].deadline; j--)
			out[j] = out[j - 1];
		out[j] = k;
	}
	for (i = t->noccurrences - 1; i >= 0; i--)
		if (t->occurrences[i].status != OCC_OPEN)
			out[n++] = i;
	return n;
}

/* The occurrence selected, or -1 when the team has none. */
static int
inc_selected(struct app *a, struct inc_state *st)
{
	struct team	*t = app_team(a);
	int		*order, n, sel = -1, i;

	if (t->noccurrences == 0)
		return -1;
	order = xcalloc((size_t)t->noccurrences, sizeof *order);
	n = inc_order(t, order);
	/* Restored: the same occurrence, wherever it now sorts; a choice
	 * under way only on it. */
	if (st->restore_occ > 0) {
		for (i = 0; i < n && order[i] != st->restore_occ - 1; i++)
			;
		if (i < n)
			st->list.focus = i;
		else
			st->choosing = false;
		st->restore_occ = 0;
	}
	if (st->list.focus >= n)
		st->list.focus = n - 1;
	if (st->list.focus < 0)
		st->list.focus = 0;
	sel = order[st->list.focus];
	free(order);
	return sel;
}

/* Milliseconds left before the deadline of occurrence o (may be < 0). */
static int64_t
inc_left(const struct app *a, const struct occurrence *o)
{
	return o->deadline - game_effective_time(a->game, a->now);
}

/*
 * The trade-off of an option or of the default, for the targets drawn when
 * the incident fired (allocated): the engine's own words, computed by the
 * code that will apply it (core/effects), plus the follow-up incident.
 */
static char *
inc_effects(const struct app *a, const struct occurrence *o,
    const struct effects *fx, int follow_up)
{
	char	*out, *next;

	if (follow_up < 0)
		return effects_describe(a->game, app_team(a), o, fx);
	if (effects_empty(fx))
		return xstrdup(_("entraîne un nouvel incident la semaine "
		    "suivante"));
	out = effects_describe(a->game, app_team(a), o, fx);
	next = xasprintf(_("%s, entraîne un nouvel incident la semaine "
	    "suivante"), out);
	free(out);
	return next;
}

/* The engine's explanation of how occurrence o was closed, or NULL. */
static const char *
inc_consequence(const struct team *t, const struct occurrence *o,
    const char *title)
{
	const struct explanation	*x;
	char				*head = xasprintf("« %s »", title);
	const char			*found = NULL;
	int				 i;

	for (i = t->nexplanations - 1; i >= 0 && found == NULL; i--) {
		x = &t->explanations[i];
		if (x->nseqs == 2 && x->seqs[0] == o->opened_seq &&
		    x->seqs[1] == o->closed_seq &&
		    strncmp(later_text(x->say), head, strlen(head)) == 0)
			found = later_text(x->say);
	}
	free(head);
	return found;
}

/* The status column of a list row. */
static enum app_role
inc_status(const struct app *a, const struct occurrence *o, char *buf,
    size_t n)
{
	char	 clock[TEXT_TIME_MAX];
	int64_t	 left;

	if (o->status == OCC_ANSWERED) {
		snprintf(buf, n, _("répondu (%s)"), o->answered_by ?
		    o->answered_by : "?");
		return ROLE_GOOD;
	}
	if (o->status == OCC_DEFAULTED) {
		snprintf(buf, n, "%s", _("défaut appliqué"));
		return ROLE_DIM;
	}
	left = inc_left(a, o);
	if (left <= 0) {
		snprintf(buf, n, "%s", _("délai dépassé"));
		return ROLE_BAD;
	}
	text_countdown(clock, left);
	snprintf(buf, n, _("reste %s"), clock);
	return left < 2 * 60000 ? ROLE_BAD : left < 5 * 60000 ? ROLE_WARN :
	    ROLE_NORMAL;
}

static int
inc_list(struct app *a, struct inc_state *st, int y, int max)
{
	struct team	*t = app_team(a);
	int		*order, n, i, focus, status_w = 24;
	char		 status[128], label[512];
	enum app_role	 role;
	bool		 choosing = st->choosing;

	order = xcalloc((size_t)t->noccurrences + 1, sizeof *order);
	n = inc_order(t, order);
	st->list.rows = max;
	app_list_fit(&st->list, n, max);
	focus = st->list.focus;
	for (i = st->list.top; i < n && i < st->list.top + max; i++, y++) {
		const struct occurrence	*o = &t->occurrences[order[i]];
		const struct incident	*inc = game_occurrence_incident(a->game,
		    o);

		snprintf(label, sizeof label, _("n°%d  S%d  %s"), order[i] + 1,
		    o->week, inc->title);
		role = inc_status(a, o, status, sizeof status);
		app_text(a, y, 1, COLS - 3 - status_w, i == focus ?
		    ROLE_SELECTED : o->status == OCC_OPEN ? ROLE_NORMAL :
		    ROLE_DIM, label);
		app_text(a, y, COLS - 1 - status_w, status_w, i == focus &&
		    !choosing ? ROLE_SELECTED : role, status);
		if (i == focus && !choosing)
			app_cursor(a, y, 1);
	}
	free(order);
	return y;
}

static void
inc_detail(struct app *a, struct inc_state *st, int y, int bottom, int occ)
{
	const struct scenario	*s = a->scenario;
	struct team		*t = app_team(a);
	const struct occurrence	*o = &t->occurrences[occ];
	const struct incident	*inc = game_occurrence_incident(a->game, o);
	char			*text, *fx, status[128], clock[TEXT_TIME_MAX];
	const char		*consequence;
	int			 i, text_rows, used, head, full, brief, room;
	char			**fxs;
	int64_t			 left = inc_left(a, o);
	enum app_role		 role;
	bool			 detail, choosing = st->choosing;
	int			 option = st->options.focus;

	app_textf(a, y++, 1, COLS - 2, ROLE_TITLE, _("n°%d — %s"), occ + 1,
	    inc->title);
	if (o->status == OCC_OPEN && left > 0) {
		text_countdown(clock, left);
		role = left < 2 * 60000 ? ROLE_BAD : left < 5 * 60000 ?
		    ROLE_WARN : ROLE_INFO;
		text = xasprintf(_("Réponse attendue dans %s%s · %s · semaine "
		    "%d · %s"), clock, a->game->paused ?
		    _(" (chronomètre en pause)") : "",
		    _(scenario_incident_category_labels[inc->category]),
		    o->week, o->cause ? later_text(o->cause) : "");
		y += app_paragraph(a, y, 1, COLS - 2, 2, role, text);
		free(text);
	} else if (o->status == OCC_OPEN) {
		app_text(a, y++, 1, COLS - 2, ROLE_BAD, _("Délai dépassé : la "
		    "conséquence par défaut s'applique au prochain événement"));
	} else {
		inc_status(a, o, status, sizeof status);
		text = xasprintf(_("%s · semaine %d · %s · %s"),
		    _(scenario_incident_category_labels[inc->category]),
		    o->week, o->cause ? later_text(o->cause) : "", status);
		y += app_paragraph(a, y, 1, COLS - 2, 2, ROLE_DIM, text);
		free(text);
	}
	if (o->status != OCC_OPEN) {
		/* Closed: what was decided, by whom, why, and what followed. */
		consequence = inc_consequence(t, o, inc->title);
		if (o->status == OCC_ANSWERED) {
			text = xasprintf(_("Choix %s%s (événement n°%lld) : « %s »"
			    "%s%s"), text_of(o->answered_by), o->answered_by ?
			    o->answered_by : "?",
			    (long long)o->closed_seq,
			    inc->options[o->option].label, o->why ?
			    _(" — justification : ") : "", o->why ? o->why : "");
			y += app_paragraph(a, y, 1, COLS - 2, bottom - y,
			    ROLE_GOOD, text);
			free(text);
		} else {
			text = xasprintf(_("Personne n'a répondu à temps "
			    "(événement n°%lld) : %s"), (long long)o->closed_seq,
			    inc->default_text ? inc->default_text : "");
			y += app_paragraph(a, y, 1, COLS - 2, bottom - y,
			    ROLE_BAD, text);
			free(text);
		}
		if (consequence != NULL && y < bottom) {
			text = xasprintf(_("Conséquence : %s"), consequence);
			y += app_paragraph(a, y, 1, COLS - 2, bottom - y,
			    ROLE_INFO, text);
			free(text);
		}
		if (y + 1 < bottom)
			y += 1 + app_paragraph(a, y + 1, 1, COLS - 2, bottom - y -
			    1, ROLE_NORMAL, inc->text);
		return;
	}
	/* Open: the text, then the options with their trade-offs.  While
	 * choosing, the text gives way to the detail of the option. */
	/*
	 * Each option takes the rows it needs: its label with its detail and
	 * its consequences when all of them fit, else without the details
	 * (shown above while choosing), so that a consequence or a price is
	 * read whole.
	 */
	fxs = xcalloc((size_t)inc->noptions + 1, sizeof *fxs);
	for (i = 0, full = brief = 0; i < inc->noptions; i++) {
		const struct option *op = &inc->options[i];

		fx = inc_effects(a, o, &op->effects, op->follow_up);
		fxs[i] = xasprintf("→ %s", fx);
		free(fx);
		text = xasprintf("%s%s%s", op->label, op->detail && op->detail[0] ?
		    " — " : "", op->detail ? op->detail : "");
		full += app_paragraph_rows(text, COLS - 7) +
		    app_paragraph_rows(fxs[i], COLS - 7);
		free(text);
		brief += app_paragraph_rows(op->label, COLS - 7) +
		    app_paragraph_rows(fxs[i], COLS - 7);
	}
	/* The text gives way to the options: at most 6 rows, at least 2. */
	head = 1 + brief + 2;
	text_rows = bottom - y - head;
	if (text_rows > 6)
		text_rows = 6;
	if (text_rows < 2)
		text_rows = 2;
	if (choosing && inc->options[option].detail != NULL &&
	    inc->options[option].detail[0] != '\0') {
		text = xasprintf(_("Option %c : %s"), 'a' + option,
		    inc->options[option].detail);
		y += app_paragraph(a, y, 1, COLS - 2, text_rows, ROLE_INFO,
		    text);
		free(text);
	} else
		y += app_paragraph(a, y, 1, COLS - 2, text_rows, ROLE_NORMAL,
		    inc->text);
	if (y < bottom)
		app_text(a, y++, 1, COLS - 2, ROLE_HEADING, choosing ?
		    _("Options : ↑ ↓ choisir · Entrée répondre · Échap revenir "
		    "à la liste") : _("Options (Entrée pour choisir et "
		    "répondre)"));
	room = bottom - y - 2;	/* the default keeps two rows at least */
	detail = full <= room;
	for (i = 0; i < inc->noptions && y < bottom; i++) {
		const struct option *op = &inc->options[i];
		bool sel = choosing && i == option;
		int lim = detail || brief <= room ? bottom - y : (room > 0 ?
		    room / inc->noptions : 1);

		text = xasprintf("%s%s%s", op->label, detail && op->detail &&
		    op->detail[0] ? " — " : "", detail && op->detail ?
		    op->detail : "");
		app_textf(a, y, 1, 5, sel ? ROLE_SELECTED : ROLE_NORMAL,
		    "%s %c)", sel ? "▸" : " ", 'a' + i);
		used = app_paragraph(a, y, 6, COLS - 7, lim > 1 ? lim - 1 : 1,
		    sel ? ROLE_SELECTED : ROLE_NORMAL, text);
		free(text);
		if (sel)
			app_cursor(a, y, 1);
		y += used;
		if (y < bottom)
			y += app_paragraph(a, y, 6, COLS - 7, lim - used > 0 ?
			    lim - used : 1, sel ? ROLE_INFO : ROLE_DIM, fxs[i]);
	}
	for (i = 0; i < inc->noptions; i++)
		free(fxs[i]);
	free(fxs);
	if (y < bottom) {
		fx = inc_effects(a, o, &inc->default_effects,
		    inc->default_follow_up);
		text = xasprintf(_("Sans réponse à temps → %s. %s"), fx,
		    inc->default_text ? inc->default_text : "");
		app_paragraph(a, y, 1, COLS - 2, bottom - y, ROLE_WARN, text);
		free(text);
		free(fx);
	}
	(void)s;
}

static void
inc_draw(struct app *a, void *state, int top, int rows)
{
	struct inc_state *st = state;
	struct team	*t = app_team(a);
	int		 open = 0, i, y = top, occ, list_rows, noptions;

	for (i = 0; i < t->noccurrences; i++)
		if (t->occurrences[i].status == OCC_OPEN)
			open++;
	app_textf(a, y++, 1, COLS - 2, ROLE_TITLE, _("Incidents de l'équipe %s "
	    "— %d ouvert(s) sur %d%s"), t->name, open, t->noccurrences,
	    a->game->paused ? _(" · chronomètre en pause") : "");
	if (t->noccurrences == 0) {
		st->choosing = false;
		app_paragraph(a, y + 1, 1, COLS - 2, rows - 2, ROLE_DIM,
		    a->game->phase == PHASE_FRAMING ? _("Pas d'incident pendant "
		    "le cadrage : ils arrivent chaque semaine du pilotage "
		    "(scénario, tirages équitables, ou injectés par le "
		    "formateur), chacun avec ses options et un délai de "
		    "réponse.") : _("Aucun incident pour l'instant. Ils "
		    "s'affichent ici dès qu'ils arrivent, avec un compte à "
		    "rebours."));
		return;
	}
	list_rows = rows >= 30 ? 8 : 3;
	if (list_rows > t->noccurrences)
		list_rows = t->noccurrences;
	occ = inc_selected(a, st);
	noptions = game_occurrence_incident(a->game,
	    &t->occurrences[occ])->noptions;
	/* Choosing only an open incident's options, one of them. */
	if (t->occurrences[occ].status != OCC_OPEN || noptions == 0)
		st->choosing = false;
	app_list_fit(&st->options, noptions, noptions);
	y = inc_list(a, st, y, list_rows);
	attrset(a->attr[ROLE_DIM]);
	mvhline(y++, 1, ACS_HLINE, COLS - 2);
	attrset(A_NORMAL);
	inc_detail(a, st, y, top + rows, occ);
}

/* Selects occurrence occ in the list, wherever it now sorts. */
static void
inc_focus(struct app *a, struct inc_state *st, int occ)
{
	struct team	*t = app_team(a);
	int		*order, n, i;

	order = xcalloc((size_t)t->noccurrences + 1, sizeof *order);
	n = inc_order(t, order);
	for (i = 0; i < n; i++)
		if (order[i] == occ)
			st->list.focus = i;
	free(order);
}

/* Asks the justification, confirms, sends the answer. */
static void
inc_answer(struct app *a, struct inc_state *st, int occ, int option)
{
	struct team		*t = app_team(a);
	const struct incident	*inc = game_occurrence_incident(a->game,
	    &t->occurrences[occ]);
	char			*why, *label, *question, n[16];
	int			 before = t->nexplanations;

	label = xasprintf(_("Option %c, incident n°%d : pourquoi ce choix ? "
	    "(justification obligatoire)"), 'a' + option, occ + 1);
	why = app_prompt(a, label, NULL);
	free(label);
	if (why == NULL)
		return;
	question = xasprintf(_("Répondre %c) à l'incident n°%d ? Le choix est "
	    "définitif."), 'a' + option, occ + 1);
	/* The rule is the engine's: an answer it must refuse (no
	 * justification) needs no confirmation, its refusal is shown. */
	if (!game_justified(why) || app_confirm(a, question)) {
		snprintf(n, sizeof n, "%d", occ + 1);
		if (app_command(a, "repondre", why, "incident", n, "option",
		    inc->options[option].id, NULL) == 0) {
			st->choosing = false;
			inc_focus(a, st, occ);
			if (t->nexplanations > before)
				app_say(a, false, _("Enregistré (événement "
				    "n°%lld) : %s"), (long long)a->game->last_seq,
				    later_text(t->explanations[
				    t->nexplanations - 1].say));
		}
	}
	free(question);
	free(why);
}

static int
inc_key(struct app *a, void *state, int kind, wint_t ch)
{
	struct inc_state	*st = state;
	struct team		*t = app_team(a);
	int			 occ = inc_selected(a, st), r;
	const struct incident	*inc;
	char			*cause = NULL;

	if (occ < 0) {
		st->choosing = false;
		return APP_IGNORED;
	}
	inc = game_occurrence_incident(a->game, &t->occurrences[occ]);
	if (st->choosing) {
		/* The options are a list: the list keys, and their letters. */
		if (app_list_key(&st->options, inc->noptions, kind, ch) !=
		    APP_IGNORED)
			;
		else if (kind == OK && ch >= 'a' && ch < 'a' +
		    (wint_t)inc->noptions)
			st->options.focus = (int)(ch - 'a');
		else if (kind == OK && ch == 27)
			st->choosing = false;
		else if ((kind == OK && ch == '\n') ||
		    (kind == KEY_CODE_YES && ch == KEY_ENTER))
			inc_answer(a, st, occ, st->options.focus);
		return APP_HANDLED | APP_REDRAW;
	}
	r = app_list_key(&st->list, t->noccurrences, kind, ch);
	if (r != APP_IGNORED)
		return r;
	if ((kind == OK && ch == '\n') || (kind == KEY_CODE_YES &&
	    ch == KEY_ENTER)) {
		if (a->trainer)
			app_say(a, true, _("Mode formateur : lecture seule (F "
			    "pour donner le clavier à l'équipe)."));
		else if (game_answerable(a->game, t, occ, a->now,
		    &cause) == -1) {
			app_say(a, true, _("Refusé : %s"), cause);
			free(cause);
		} else if (inc->noptions > 0) {
			st->choosing = true;
			st->options.focus = 0;
		}
		return APP_HANDLED | APP_REDRAW;
	}
	return APP_IGNORED;
}

static bool
inc_editing(const struct app *a, const void *state)
{
	const struct inc_state	*st = state;

	(void)a;
	return st->choosing;
}

/*
 * Saved: the row, the occurrence on it, and the option being chosen.  A
 * restored choice is dropped at the draw if the incident closed meanwhile.
 */
static void
inc_save(const struct app *a, const void *state, struct app_ui *u)
{
	const struct inc_state	*st = state;
	const struct team	*t = &a->game->teams[a->team];
	int			*order, n;

	app_ui_put_list(u, "", &st->list);
	if (t->noccurrences > 0 && st->restore_occ == 0) {
		order = xcalloc((size_t)t->noccurrences, sizeof *order);
		n = inc_order(t, order);
		if (st->list.focus >= 0 && st->list.focus < n)
			app_ui_put(u, "occurrence", order[st->list.focus]);
		free(order);
	} else if (st->restore_occ > 0)
		app_ui_put(u, "occurrence", st->restore_occ - 1);
	if (st->choosing) {
		app_ui_put(u, "choosing", 1);
		app_ui_put(u, "option", st->options.focus);
	}
}

static void
inc_restore(struct app *a, void *state, const char *key, int value)
{
	struct inc_state	*st = state;

	if (strcmp(key, "occurrence") == 0)
		st->restore_occ = value + 1;
	else if (strcmp(key, "choosing") == 0)
		st->choosing = value != 0 && !a->trainer;
	else if (strcmp(key, "option") == 0)
		st->options.focus = value;
	else
		app_ui_get_list(&st->list, "", key, value);
}

static const char *const inc_help[] = {
	N_("↑ ↓ j k      choisir un incident (les ouverts d'abord)"),
	N_("Entrée       passer aux options de l'incident ouvert"),
	N_("  ↑ ↓ ou a b c  choisir une option ; Entrée : justifier et "
	    "répondre"),
	N_("  Échap      revenir à la liste sans répondre"),
	N_("Le compte à rebours passe à « délai dépassé » : la conséquence "
	    "par défaut s'applique alors au prochain événement."),
	NULL
};

const struct screen screen_incidents = {
	.id = "incidents",
	.name = N_("Incidents"),
	.size = sizeof(struct inc_state),
	.draw = inc_draw,
	.key = inc_key,
	.editing = inc_editing,
	.save = inc_save,
	.restore = inc_restore,
	.help = inc_help,
};
