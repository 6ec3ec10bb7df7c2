/*
 * app: the event loop, bars, help, dialogs, lists, sub-views, screen states
 * and their .ui file, and drawing helpers of the terminal interface (see
 * app.h).
 *
 * Layout: row 0 the mode's bar (live: scenario, week, clock, who is at the
 * keyboard), row 1 the screen tabs, rows 2..LINES-3 the screen, row LINES-2
 * the message line, row LINES-1 the key hints.  Below 80x24 the app says how
 * big it needs to be and waits.  The loop wakes every half second without a
 * key so that countdowns move; ncurses then sends only the changed cells.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "core/game.h"
#include "io/atomic.h"
#include "io/classlist.h"
#include "io/client.h"
#include "io/host.h"
#include "tui/app.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/wrap.h"
#include "util/xalloc.h"

const struct screen *const app_screens[] = {
	&screen_overview,
	&screen_brief,
	&screen_framing,
	&screen_pilot,
	&screen_incidents,
	&screen_points,
	&screen_results,
	&screen_log,
};
const int app_nscreens = (int)(sizeof app_screens / sizeof app_screens[0]);

static const char *const app_live_help[] = {
	N_("Tab, Maj+Tab  écran suivant / précédent (aussi 1 à 9)"),
	N_("e            changer d'équipe au clavier"),
	N_("c            changer de candidat qui agit pour l'équipe"),
	N_("F            passer en mode formateur / revenir à l'équipe"),
	N_("↑ ↓ j k      se déplacer ; PgPréc PgSuiv : page ; Entrée : agir"),
	N_("Échap        revenir, annuler ; Ctrl+L : redessiner"),
	N_("?  F1        cette aide ; q : quitter (avec confirmation)"),
	NULL
};

/* --- colours --- */

static void
app_colours(struct app *a)
{
	const char	*no_color = getenv("NO_COLOR");
	int		 i;

	for (i = 0; i < ROLE_COUNT; i++)
		a->attr[i] = A_NORMAL;
	a->attr[ROLE_TITLE] = A_BOLD;
	a->attr[ROLE_HEADING] = A_BOLD | A_UNDERLINE;
	a->attr[ROLE_BAR] = A_REVERSE;
	a->attr[ROLE_TAB_ACTIVE] = A_BOLD | A_UNDERLINE;
	a->attr[ROLE_SELECTED] = A_REVERSE;
	a->attr[ROLE_DIM] = A_DIM;
	a->attr[ROLE_BAD] = A_BOLD;
	a->attr[ROLE_WARN] = A_BOLD;
	a->attr[ROLE_INFO] = A_BOLD;
	/* https://no-color.org: set and not empty means no colour. */
	a->color = has_colors() && !(no_color != NULL && no_color[0] != '\0');
	if (!a->color)
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_CYAN, -1);
	init_pair(2, COLOR_YELLOW, -1);
	init_pair(3, COLOR_BLACK, COLOR_CYAN);
	init_pair(4, COLOR_GREEN, -1);
	init_pair(5, COLOR_RED, -1);
	init_pair(6, COLOR_MAGENTA, -1);
	a->attr[ROLE_TITLE] = A_BOLD | COLOR_PAIR(1);
	a->attr[ROLE_HEADING] = A_BOLD | COLOR_PAIR(2);
	a->attr[ROLE_BAR] = COLOR_PAIR(3);
	a->attr[ROLE_GOOD] = COLOR_PAIR(4);
	a->attr[ROLE_WARN] = A_BOLD | COLOR_PAIR(2);
	a->attr[ROLE_BAD] = A_BOLD | COLOR_PAIR(5);
	a->attr[ROLE_INFO] = A_BOLD | COLOR_PAIR(6);
}

/* --- drawing helpers --- */

void
app_text(struct app *a, int y, int x, int width, enum app_role role,
    const char *s)
{
	char	 buf[1024], *shown;

	if (width <= 0 || y < 0 || y >= LINES)
		return;
	/*
	 * Every text drawn passes here: what did not come through the text
	 * rule (an older journal) shows its controls ("␛"), never sends them
	 * to the terminal, and a line stays a line.
	 */
	shown = text_sanitize(s, strlen(s), false);
	/* Cut at the display width, never inside a character; say so. */
	if (width > 300)
		width = 300;
	if (wrap_width(shown, strlen(shown)) > width && width > 1) {
		wrap_pad(buf, sizeof buf - 4, shown, width - 1, 0);
		/* The padding spaces go; the ellipsis marks the cut. */
		strcat(buf, "…");
	} else
		wrap_pad(buf, sizeof buf, shown, width, 0);
	free(shown);
	attrset(a->attr[role]);
	mvaddstr(y, x, buf);
	attrset(A_NORMAL);
}

void
app_textf(struct app *a, int y, int x, int width, enum app_role role,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	app_text(a, y, x, width, role, s);
	free(s);
}

int
app_paragraph(struct app *a, int y, int x, int width, int max,
    enum app_role role, const char *s)
{
	return app_paragraph_from(a, y, x, width, 0, max, role, s);
}

int
app_paragraph_from(struct app *a, int y, int x, int width, int skip, int max,
    enum app_role role, const char *s)
{
	size_t	 len, next;
	int	 rows = 0, seen = 0;
	char	*line;

	while (*s != '\0' && rows < max) {
		const char *nl = strchr(s, '\n');
		char *piece = nl ? xstrndup(s, (size_t)(nl - s)) : xstrdup(s);
		const char *p = piece;

		do {
			wrap_next(p, width, &len, &next);
			if (seen++ >= skip) {
				line = xstrndup(p, len);
				app_text(a, y + rows, x, width, role, line);
				free(line);
				rows++;
			}
			p += next;
		} while (*p != '\0' && rows < max);
		free(piece);
		if (nl == NULL)
			break;
		s = nl + 1;
	}
	return rows;
}

void
app_heading(struct app *a, int y, const char *s)
{
	app_text(a, y, 1, COLS - 2, ROLE_HEADING, s);
}

void
app_cursor(struct app *a, int y, int x)
{
	a->cursor_y = y;
	a->cursor_x = x;
}

/* --- lists and sub-views --- */

int
app_list_key(struct app_list *l, int n, int kind, wint_t ch)
{
	int	 old = l->focus, page = l->rows > 1 ? l->rows - 1 : 1;

	if (kind == KEY_CODE_YES) {
		if (ch == KEY_UP)
			l->focus--;
		else if (ch == KEY_DOWN)
			l->focus++;
		else if (ch == KEY_PPAGE)
			l->focus -= page;
		else if (ch == KEY_NPAGE)
			l->focus += page;
		else if (ch == KEY_HOME)
			l->focus = 0;
		else if (ch == KEY_END)
			l->focus = n - 1;
		else
			return APP_IGNORED;
	} else if (kind == OK && ch == 'k')
		l->focus--;
	else if (kind == OK && ch == 'j')
		l->focus++;
	else
		return APP_IGNORED;
	if (l->focus >= n)
		l->focus = n - 1;
	if (l->focus < 0)
		l->focus = 0;
	return APP_HANDLED | (old != l->focus ? APP_REDRAW : 0);
}

void
app_list_fit(struct app_list *l, int n, int rows)
{
	if (l->focus >= n)
		l->focus = n - 1;
	if (l->focus < 0)
		l->focus = 0;
	if (rows < 1)
		rows = 1;
	if (l->top > l->focus)
		l->top = l->focus;
	if (l->focus >= l->top + rows)
		l->top = l->focus - rows + 1;
	if (l->top > n - rows)
		l->top = n - rows;
	if (l->top < 0)
		l->top = 0;
}

int
app_scroll_key(struct app_list *l, int n, int kind, wint_t ch)
{
	int	 page = l->rows > 0 ? l->rows : 1, r;
	/* Positions: the first rows a page can start at. */
	int	 positions = n < 0 ? APP_UI_MAX : n - page + 1 > 1 ?
		    n - page + 1 : 1;

	if (kind == OK) {
		/* The reading keys of a pager, as the list keys. */
		kind = KEY_CODE_YES;
		if (ch == ' ')
			ch = KEY_NPAGE;
		else if (ch == 'b')
			ch = KEY_PPAGE;
		else if (ch == 'g')
			ch = KEY_HOME;
		else if (ch == 'G')
			ch = KEY_END;
		else if (ch == '\n' || ch == 'j')
			ch = KEY_DOWN;
		else if (ch == 'k')
			ch = KEY_UP;
		else
			return APP_IGNORED;
	}
	l->focus = l->top;
	r = app_list_key(l, positions, kind, ch);
	l->top = l->focus;
	return r;
}

void
app_scroll_fit(struct app_list *l, int n, int rows)
{
	l->rows = rows;
	if (l->top > n - rows)
		l->top = n - rows;
	if (l->top < 0)
		l->top = 0;
	l->focus = l->top;
}

int
app_views_draw(struct app *a, const struct app_view *v, int n, int current,
    int y, int x)
{
	char	 label[64];
	int	 i;

	for (i = 0; i < n; i++) {
		snprintf(label, sizeof label, "%lc %s", (wint_t)v[i].letter,
		    _(v[i].label));
		if (x < COLS - 1)
			app_text(a, y, x, COLS - 1 - x, i == current ?
			    ROLE_TAB_ACTIVE : ROLE_NORMAL, label);
		x += wrap_width(label, strlen(label)) + 2;
	}
	return x;
}

int
app_views_key(const struct app_view *v, int n, int *current, int kind,
    wint_t ch)
{
	int	 i;

	if (kind != OK)
		return APP_IGNORED;
	for (i = 0; i < n; i++)
		if (ch == v[i].letter) {
			*current = i;
			return APP_HANDLED | APP_REDRAW;
		}
	return APP_IGNORED;
}

int
app_screen_index(const struct app *a, const char *id)
{
	int	 i;

	for (i = 0; i < a->nscreens; i++)
		if (strcmp(a->screens[i]->id, id) == 0)
			return i;
	return 0;
}

const char *
app_actor_name(const struct app *a)
{
	if (a->trainer)
		return GAME_TRAINER;
	return a->game->teams[a->team].candidates[a->actor].name;
}

struct team *
app_team(const struct app *a)
{
	return &a->game->teams[a->team];
}

void
app_say(struct app *a, bool bad, const char *fmt, ...)
{
	va_list	 ap;

	free(a->message);
	va_start(ap, fmt);
	a->message = xvasprintf(fmt, ap);
	va_end(ap);
	a->message_bad = bad;
}

/* --- commands --- */

int
app_submit(struct app *a, struct event *e)
{
	char	*cause = NULL;
	bool	 refused;
	int	 i;

	for (i = 0; i < game_ncommands; i++) {
		const struct game_command_info *ci = game_command_info(i);

		if (strcmp(ci->name, e->type) == 0 && ci->trainer != a->trainer) {
			app_say(a, true, a->trainer ? _("Mode formateur : les "
			    "écrans des équipes sont en lecture seule (F pour "
			    "donner le clavier à l'équipe).") : _("Réservé au "
			    "formateur (F pour passer en mode formateur)."));
			return -1;
		}
	}
	if (a->readonly) {
		app_say(a, true, _("Rejeu : on regarde le passé, on ne décide "
		    "rien (q pour revenir au rejeu)."));
		return -1;
	}
	event_set(&e->actor, app_actor_name(a));
	event_set(&e->team, a->trainer ? NULL : a->game->teams[a->team].name);
	e->time = 0;
	if (a->client != NULL) {
		int64_t	 seq = 0;

		switch (client_submit(a->client, e, client_connected(a->client) ?
		    5000 : 1000, &seq, &cause)) {
		case 1:
			e->seq = seq;
			app_say(a, false, _("Enregistré par l'hôte (événement "
			    "n°%lld)."), (long long)seq);
			return 0;
		case 0:
			app_say(a, true, _("Refusé : %s"), cause);
			break;
		default:
			app_say(a, true, _("En attente : %s"), cause);
			break;
		}
		free(cause);
		return -1;
	}
	if (session_submit(a->session, e, &refused, &cause) == -1) {
		app_say(a, true, refused ? _("Refusé : %s") :
		    _("Non enregistré : %s"), cause);
		free(cause);
		return -1;
	}
	app_say(a, false, _("Enregistré (événement n°%lld)."),
	    (long long)e->seq);
	return 0;
}

int
app_command(struct app *a, const char *type, const char *why, ...)
{
	struct event	 e;
	va_list		 ap;
	const char	*key, *value;
	int		 rc;

	event_init(&e);
	event_set(&e.type, type);
	if (why != NULL && why[0] != '\0')
		event_set(&e.why, why);
	va_start(ap, why);
	while ((key = va_arg(ap, const char *)) != NULL) {
		value = va_arg(ap, const char *);
		record_set_text(&e.data, key, value);
	}
	va_end(ap);
	rc = app_submit(a, &e);
	event_release(&e);
	return rc;
}

/* --- bars --- */

static const struct screen *
app_current(const struct app *a)
{
	return a->screens[a->screen];
}

/* The trainer sees every screen (teams' ones read-only); a team its own. */
static bool
app_screen_visible(const struct app *a, int i)
{
	return a->trainer || !a->screens[i]->trainer;
}

/* The live session's top row: the week, the phase, who is at the keyboard
 * and, on a console, whether the host hears it. */
static void
app_live_bar(struct app *a)
{
	static const char *const phases[] = {
		N_("cadrage"), N_("pilotage"), N_("projet lancé")
	};
	const struct game	*g = a->game;
	char			 who[200], status[120];
	int			 pending, sw;

	attrset(a->attr[ROLE_BAR]);
	mvhline(0, 0, ' ', COLS);
	attrset(A_NORMAL);
	if (a->trainer)
		snprintf(who, sizeof who, _("Formateur"));
	else
		snprintf(who, sizeof who, _("Équipe %s — %s"),
		    g->teams[a->team].name, app_actor_name(a));
	/* A team console says, on the right, whether the host hears it. */
	status[0] = '\0';
	if (a->client != NULL) {
		pending = client_pending(a->client);
		if (!client_connected(a->client))
			snprintf(status, sizeof status, pending > 0 ?
			    _("⚠ HORS LIGNE : reconnexion… (%d en attente)") :
			    _("⚠ HORS LIGNE : reconnexion…"), pending);
		else if (pending > 0)
			snprintf(status, sizeof status, _("● en ligne · %d en "
			    "attente"), pending);
		else
			snprintf(status, sizeof status, _("● en ligne"));
	}
	sw = status[0] != '\0' ? wrap_width(status, strlen(status)) + 1 : 0;
	if (sw > COLS - 2)
		sw = COLS - 2;
	app_textf(a, 0, 1, COLS - 2 - sw, ROLE_BAR, _("pilote · S%d/%d %s%s · "
	    "%s"), g->week, a->scenario->weeks, _(phases[g->phase]),
	    g->paused ? _(" · ⏸ chronomètre en pause") : "", who);
	if (sw > 0) {
		app_text(a, 0, COLS - sw, sw - 1, ROLE_BAR, status);
		/* Offline: in the colour of what is wrong, bold. */
		if (!client_connected(a->client))
			mvchgat(0, COLS - sw, sw - 1, (a->attr[ROLE_BAD] |
			    A_BOLD | A_REVERSE) & ~A_COLOR,
			    (short)PAIR_NUMBER(a->attr[ROLE_BAD]), NULL);
	}
}

/* The live session's key hints. */
static const char *
app_live_hints(const struct app *a)
{
	return a->trainer ? _("Tab écran · e équipe · F équipe au clavier · "
	    "? aide · q quitter") :
	    a->client != NULL && client_personal(a->client) ? _("Tab écran · "
	    "? aide · q quitter") :
	    a->client != NULL ? _("Tab écran · c candidat · ? aide · q quitter") :
	    _("Tab écran · e équipe · c candidat · F formateur · ? aide · "
	    "q quitter");
}

/* The mode's top row, then the tabs, the message line, the key hints. */
/*
 * A message from the trainer shows on the team's screen (and console) as
 * it arrives, not only in its Journal: the bar line says it.
 */
static void
app_notice_messages(struct app *a)
{
	const struct game	*g = a->game;
	const struct team	*t;

	if (g == NULL || a->team < 0 || a->team >= g->nteams)
		return;
	t = &g->teams[a->team];
	if (a->msg_team != a->team + 1) {
		a->msg_team = a->team + 1;
		a->msg_seen = t->nmessages;
		a->bcast_seen = g->nbroadcasts;
		return;
	}
	if (!a->trainer && t->nmessages > a->msg_seen)
		app_say(a, false, _("Message du formateur : %s"),
		    t->messages[t->nmessages - 1].text);
	else if (!a->trainer && g->nbroadcasts > a->bcast_seen)
		app_say(a, false, _("Message du formateur à toutes les équipes : "
		    "%s"), g->broadcasts[g->nbroadcasts - 1].text);
	a->msg_seen = t->nmessages;
	a->bcast_seen = g->nbroadcasts;
}

/* The rows the message takes above the key bar: one, or up to three
 * for a long one, wrapped (the last elided only past them). */
static int
app_message_rows(const struct app *a)
{
	int	 rows;

	if (a->message == NULL)
		return 1;
	rows = app_paragraph_rows(a->message, COLS - 2);
	return rows < 1 ? 1 : rows > 3 ? 3 : rows;
}

static void
app_draw_bars(struct app *a)
{
	int	 i, x, total, gap;

	a->mode->bar(a);
	move(1, 0);
	clrtoeol();
	/* Two spaces between tabs when they fit, else one. */
	for (i = 0, total = 0; i < a->nscreens; i++) {
		char	 label[64];

		if (!app_screen_visible(a, i))
			continue;
		snprintf(label, sizeof label, "%d %s", i + 1,
		    _(a->screens[i]->name));
		total += wrap_width(label, strlen(label)) + 2;
	}
	gap = total + 1 <= COLS ? 2 : 1;
	for (i = 0, x = 1; i < a->nscreens; i++) {
		char	 label[64];

		if (!app_screen_visible(a, i))
			continue;
		snprintf(label, sizeof label, "%d %s", i + 1,
		    _(a->screens[i]->name));
		app_text(a, 1, x, COLS - x, i == a->screen ? ROLE_TAB_ACTIVE :
		    ROLE_NORMAL, label);
		x += wrap_width(label, strlen(label)) + gap;
	}
	app_notice_messages(a);
	move(LINES - 2, 0);
	clrtoeol();
	if (a->message != NULL) {
		int	 rows = app_message_rows(a), r;

		for (r = 1; r < rows; r++) {
			move(LINES - 2 - r, 0);
			clrtoeol();
		}
		app_paragraph(a, LINES - 1 - rows, 1, COLS - 2, rows,
		    a->message_bad ? ROLE_BAD : ROLE_INFO, a->message);
	}
	attrset(a->attr[ROLE_BAR]);
	mvhline(LINES - 1, 0, ' ', COLS);
	attrset(A_NORMAL);
	app_text(a, LINES - 1, 1, COLS - 2, ROLE_BAR, a->mode->hints(a));
}

static void
app_draw_help(struct app *a)
{
	const struct screen	*s = app_current(a);
	int			 n = 0, i, y, w = COLS - 8, h;

	for (i = 0; a->mode->help[i] != NULL; i++)
		n++;
	for (i = 0; s->help != NULL && s->help[i] != NULL; i++)
		n++;
	h = n + 5;
	if (h > LINES - 2)
		h = LINES - 2;
	y = (LINES - h) / 2;
	attrset(a->attr[ROLE_BAR]);
	for (i = 0; i < h; i++)
		mvhline(y + i, 4, ' ', w);
	attrset(A_NORMAL);
	app_textf(a, y + 1, 6, w - 4, ROLE_BAR, _("Touches de l'écran « %s »"),
	    _(s->name));
	n = y + 2;
	for (i = 0; s->help != NULL && s->help[i] != NULL && n < y + h - 1; i++)
		app_text(a, n++, 6, w - 4, ROLE_BAR, _(s->help[i]));
	n++;
	for (i = 0; a->mode->help[i] != NULL && n < y + h - 1; i++)
		app_text(a, n++, 6, w - 4, ROLE_BAR, _(a->mode->help[i]));
	app_cursor(a, y + 1, 6);
}

static void
app_draw(struct app *a)
{
	erase();
	a->cursor_y = 2;
	a->cursor_x = 1;
	if (COLS < APP_MIN_COLS || LINES < APP_MIN_ROWS) {
		mvaddstr(0, 0, _("Agrandissez le terminal :"));
		mvprintw(1, 0, _("il faut %d×%d au moins"), APP_MIN_COLS,
		    APP_MIN_ROWS);
		mvprintw(2, 0, _("(actuellement %d×%d)."), COLS, LINES);
		move(0, 0);
		refresh();
		return;
	}
	if (a->game == NULL) {
		/* Session setup: no game yet, only the scenario. */
		attrset(a->attr[ROLE_BAR]);
		mvhline(0, 0, ' ', COLS);
		attrset(A_NORMAL);
		app_textf(a, 0, 1, COLS - 2, ROLE_BAR, _("pilote · nouvelle "
		    "session · %s"), a->scenario->title);
		app_paragraph(a, 2, 2, COLS - 4, LINES - 4, ROLE_NORMAL,
		    a->scenario->brief);
		refresh();
		return;
	}
	/* A long message is read whole: the screen gives it its rows. */
	app_current(a)->draw(a, a->state[a->screen], 2, LINES - 3 -
	    app_message_rows(a));
	app_draw_bars(a);
	if (a->help)
		app_draw_help(a);
	move(a->cursor_y, a->cursor_x);
	refresh();
}

/* --- dialogs --- */

/*
 * A key for a dialog; while the user thinks, consoles are still served and
 * a console still hears from its host.
 */
static int
app_wait_key(struct app *a, wint_t *ch)
{
	if (a->host != NULL)
		host_poll(a->host, 0);
	if (a->client != NULL)
		client_poll(a->client, 0);
	return get_wch(ch);
}

static void
app_box(struct app *a, int y, int h, const char *title)
{
	int	 i, w = COLS - 8;

	attrset(a->attr[ROLE_BAR]);
	for (i = 0; i < h; i++)
		mvhline(y + i, 4, ' ', w);
	attrset(A_NORMAL);
	app_text(a, y, 6, w - 4, ROLE_BAR, title);
}

/* Rows that app_paragraph would take for s in width columns. */
int
app_paragraph_rows(const char *s, int width)
{
	size_t	 len, next;
	int	 rows = 0;

	while (*s != '\0') {
		const char *nl = strchr(s, '\n');
		char *piece = nl ? xstrndup(s, (size_t)(nl - s)) : xstrdup(s);
		const char *p = piece;

		do {
			wrap_next(p, width, &len, &next);
			rows++;
			p += next;
		} while (*p != '\0' && next > 0);
		free(piece);
		if (nl == NULL)
			break;
		s = nl + 1;
	}
	return rows;
}

bool
app_confirm(struct app *a, const char *question)
{
	wint_t	 ch;
	int	 kind;

	int	 rows, top;

	/* The question wrapped whole: what is asked is never cut. */
	rows = app_paragraph_rows(question, COLS - 12);
	if (rows > LINES - 6)
		rows = LINES - 6 > 1 ? LINES - 6 : 1;
	top = (LINES - rows - 3) / 2;
	if (top < 1)
		top = 1;
	for (;;) {
		app_draw(a);
		app_box(a, top, rows + 3, _("Confirmation"));
		app_paragraph(a, top + 1, 6, COLS - 12, rows, ROLE_BAR, question);
		app_text(a, top + 1 + rows, 6, COLS - 12, ROLE_BAR,
		    _("o : oui   n ou Échap : non"));
		move(top + 1, 6);
		refresh();
		kind = app_wait_key(a, &ch);
		if (kind == ERR)
			continue;
		if (kind == OK && (ch == 'o' || ch == 'O' || ch == 'y'))
			return true;
		if (kind == OK && (ch == 'n' || ch == 'N' || ch == 27))
			return false;
	}
}


void
app_notice(struct app *a, const char *title, const char *text)
{
	wint_t	 ch;
	int	 kind, h, y, w = COLS - 12, total, top = 0, page;

	/* Wrapped whole; longer than the box, ↑ ↓ and the pages scroll it,
	 * any other key closes. */
	for (;;) {
		total = app_paragraph_rows(text, w);
		h = total + 2;
		if (h > LINES - 4)
			h = LINES - 4;
		page = h - 2 > 1 ? h - 2 : 1;
		if (top > total - page)
			top = total - page > 0 ? total - page : 0;
		y = (LINES - h) / 2;
		app_draw(a);
		app_box(a, y, h, title);
		app_paragraph_from(a, y + 1, 6, w, top, page, ROLE_BAR, text);
		if (total > page)
			app_textf(a, y + h - 1, 6, w, ROLE_BAR, _("↑ ↓ lire la "
			    "suite (%d–%d sur %d) · une autre touche ferme"),
			    top + 1, top + page, total);
		move(y, 6);
		refresh();
		kind = app_wait_key(a, &ch);
		if (kind == ERR || (kind == KEY_CODE_YES && ch == KEY_RESIZE))
			continue;
		if (total > page && kind == KEY_CODE_YES && (ch == KEY_DOWN ||
		    ch == KEY_UP || ch == KEY_NPAGE || ch == KEY_PPAGE)) {
			top += ch == KEY_DOWN ? 1 : ch == KEY_UP ? -1 :
			    ch == KEY_NPAGE ? page : -page;
			if (top < 0)
				top = 0;
			continue;
		}
		return;
	}
}

char *
app_prompt(struct app *a, const char *label, const char *initial)
{
	wchar_t	 buf[512];
	char	 out[2048];
	size_t	 len = 0, pos, i, shown, from;
	int	 kind, y, top, lrows, w = COLS - 12, start;
	wint_t	 ch;
	mbstate_t st;
	const char *src = initial != NULL ? initial : "";

	memset(&st, 0, sizeof st);
	len = mbsrtowcs(buf, &src, 511, &st);
	if (len == (size_t)-1)
		len = 0;
	buf[len] = L'\0';
	/* A proposed text is edited under the same rule as a typed one. */
	for (i = pos = 0; i < len; i++)
		if (text_char_allowed((uint32_t)buf[i], false) &&
		    wcwidth(buf[i]) >= 1)
			buf[pos++] = buf[i];
	buf[len = pos] = L'\0';
	pos = len;
	curs_set(1);
	/* The label wrapped whole (a reason to correct may be long). */
	lrows = app_paragraph_rows(label, w);
	if (lrows > LINES - 8)
		lrows = LINES - 8 > 1 ? LINES - 8 : 1;
	top = (LINES - lrows - 4) / 2;
	if (top < 1)
		top = 1;
	for (;;) {
		app_draw(a);
		app_box(a, top, lrows + 4, "");
		app_paragraph(a, top, 6, w, lrows, ROLE_BAR, label);
		y = top + lrows - 1;
		app_text(a, y + 3, 6, w, ROLE_BAR, _("Entrée valider · Échap "
		    "annuler · ← → Début Fin · Ctrl-U Ctrl-W effacer"));
		/* Show the end of long lines around the cursor. */
		start = 0;
		while (wcswidth(buf + start, pos - (size_t)start) >= w - 1)
			start++;
		/* Never past the box: as many characters as fit in w - 1. */
		for (shown = 0; (size_t)start + shown < len &&
		    wcswidth(buf + start, shown + 1) <= w - 1; shown++)
			;
		attrset(A_NORMAL);
		mvhline(y + 1, 6, ' ', w);
		mvaddnwstr(y + 1, 6, buf + start, (int)shown);
		move(y + 1, 6 + wcswidth(buf + start, pos - (size_t)start));
		refresh();
		kind = app_wait_key(a, &ch);
		if (kind == ERR)
			continue;
		if (kind == KEY_CODE_YES) {
			if (ch == KEY_LEFT && pos > 0)
				pos--;
			else if (ch == KEY_RIGHT && pos < len)
				pos++;
			else if (ch == KEY_HOME)
				pos = 0;
			else if (ch == KEY_END)
				pos = len;
			else if ((ch == KEY_BACKSPACE) && pos > 0) {
				memmove(buf + pos - 1, buf + pos,
				    (len - pos + 1) * sizeof *buf);
				pos--;
				len--;
			} else if (ch == KEY_DC && pos < len) {
				memmove(buf + pos, buf + pos + 1,
				    (len - pos) * sizeof *buf);
				len--;
			} else if (ch == KEY_ENTER)
				break;
			continue;
		}
		if (ch == 27) {
			curs_set(0);
			return NULL;
		}
		if (ch == '\n' || ch == '\r')
			break;
		if ((ch == 127 || ch == 8) && pos > 0) {
			memmove(buf + pos - 1, buf + pos,
			    (len - pos + 1) * sizeof *buf);
			pos--;
			len--;
			continue;
		}
		/* Ctrl-U: all before the cursor; Ctrl-W: the word before. */
		if (ch == 21 || ch == 23) {
			from = 0;
			if (ch == 23) {
				from = pos;
				while (from > 0 && buf[from - 1] == L' ')
					from--;
				while (from > 0 && buf[from - 1] != L' ')
					from--;
			}
			memmove(buf + from, buf + pos,
			    (len - pos + 1) * sizeof *buf);
			len -= pos - from;
			pos = from;
			continue;
		}
		/* The engine's rule for a one-line text, and visible. */
		if (!text_char_allowed((uint32_t)ch, false) || len >= 510 ||
		    wcwidth((wchar_t)ch) < 1)
			continue;
		memmove(buf + pos + 1, buf + pos, (len - pos + 1) * sizeof *buf);
		buf[pos++] = (wchar_t)ch;
		len++;
	}
	curs_set(0);
	buf[len] = L'\0';
	i = wcstombs(out, buf, sizeof out - 1);
	if (i == (size_t)-1)
		return NULL;
	out[i] = '\0';
	return xstrdup(out);
}

int
app_choose(struct app *a, const char *title, const char *const *labels,
    int n, int initial)
{
	struct app_list	 l = { initial, 0, 0, 0 };
	wint_t		 ch;
	int		 kind, i, h, y;

	if (n <= 0)
		return -1;
	for (;;) {
		h = n + 3 < LINES - 4 ? n + 3 : LINES - 4;
		y = (LINES - h) / 2;
		l.rows = h - 3;
		app_list_fit(&l, n, l.rows);
		app_draw(a);
		app_box(a, y, h, title);
		for (i = 0; i < h - 3 && l.top + i < n; i++)
			app_text(a, y + 1 + i, 6, COLS - 14, l.top + i ==
			    l.focus ? ROLE_SELECTED : ROLE_BAR, labels[l.top + i]);
		app_text(a, y + h - 1, 6, COLS - 14, ROLE_BAR,
		    _("↑ ↓ : choisir   Entrée : valider   Échap : annuler"));
		move(y + 1 + l.focus - l.top, 6);
		refresh();
		kind = app_wait_key(a, &ch);
		if (kind == ERR || app_list_key(&l, n, kind, ch) != APP_IGNORED)
			continue;
		if ((kind == KEY_CODE_YES && ch == KEY_ENTER) ||
		    (kind == OK && (ch == '\n' || ch == '\r')))
			return l.focus;
		if (kind == OK && ch == 27)
			return -1;
	}
}

/* --- loop --- */

static void
app_switch_screen(struct app *a, int to)
{
	if (to < 0 || to >= a->nscreens || !app_screen_visible(a, to))
		return;
	a->screen = to;
}

static void
app_cycle(struct app *a, int dir)
{
	int	 i, s = a->screen;

	for (i = 0; i < a->nscreens; i++) {
		s = (s + dir + a->nscreens) % a->nscreens;
		if (app_screen_visible(a, s)) {
			a->screen = s;
			return;
		}
	}
}

/* The keys of every mode: screens, help, redraw. */
static int
app_common_key(struct app *a, int kind, wint_t ch)
{
	if (kind == KEY_CODE_YES) {
		if (ch == KEY_F(1)) {
			a->help = true;
			return APP_REDRAW;
		}
		if (ch == KEY_BTAB) {
			app_cycle(a, -1);
			return APP_REDRAW;
		}
		return APP_IGNORED;
	}
	switch (ch) {
	case '\t':
		app_cycle(a, 1);
		return APP_REDRAW;
	case '?':
		a->help = true;
		return APP_REDRAW;
	case 12:	/* Ctrl+L */
		clearok(curscr, TRUE);
		return APP_REDRAW;
	default:
		if (ch >= '1' && ch <= '9') {
			app_switch_screen(a, (int)(ch - '1'));
			return APP_REDRAW;
		}
		return APP_IGNORED;
	}
}

/* The live session's keys: quit, who is at the keyboard. */
static int
app_live_key(struct app *a, int kind, wint_t ch)
{
	const char	**labels;
	int		 i, n;

	if (kind != OK)
		return APP_IGNORED;
	switch (ch) {
	case 'q':
		if (app_confirm(a, _("Quitter pilote ? La session est "
		    "enregistrée ; « pilote play SESSION » la reprend.")))
			return APP_QUIT;
		return APP_REDRAW;
	case 'F':
		a->trainer = !a->trainer;
		if (!app_screen_visible(a, a->screen))
			app_cycle(a, 1);
		app_say(a, false, a->trainer ? _("Mode formateur.") :
		    _("Équipe %s au clavier."), a->game->teams[a->team].name);
		return APP_REDRAW;
	case 'e':
		n = a->game->nteams;
		labels = xcalloc((size_t)n, sizeof *labels);
		for (i = 0; i < n; i++)
			labels[i] = a->game->teams[i].name;
		i = app_choose(a, _("Quelle équipe prend le clavier ?"), labels,
		    n, a->team);
		free(labels);
		if (i >= 0) {
			a->team = i;
			a->actor = 0;
			a->trainer = false;
			if (!app_screen_visible(a, a->screen))
				app_cycle(a, 1);
			app_say(a, false, _("Équipe %s au clavier : %s agit."),
			    a->game->teams[i].name, app_actor_name(a));
		}
		return APP_REDRAW;
	case 'c':
		if (a->trainer)
			return APP_IGNORED;
		n = a->game->teams[a->team].ncandidates;
		labels = xcalloc((size_t)n, sizeof *labels);
		for (i = 0; i < n; i++)
			labels[i] = a->game->teams[a->team].candidates[i].name;
		i = app_choose(a, _("Qui agit pour l'équipe ?"), labels, n,
		    a->actor);
		free(labels);
		if (i >= 0) {
			a->actor = i;
			app_say(a, false, _("%s agit pour l'équipe %s."),
			    app_actor_name(a), a->game->teams[a->team].name);
		}
		return APP_REDRAW;
	default:
		return APP_IGNORED;
	}
}

static const struct app_mode app_mode_live = {
	NULL, app_live_bar, app_live_hints, app_live_key, app_live_help
};

static void
app_terminal(struct app *a)
{
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	/* Wake twice a second: countdowns move without a key. */
	a->wait_ms = 500;
	timeout(a->wait_ms);
	app_colours(a);
	/* Clicks on tabs and rows; nothing else of the mouse is used. */
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	mouseinterval(0);
}

/* Demo names for a class that wants to start at once. */
static const char *const demo_names[2][4] = {
	{ "Léa Martin", "Hugo Petit", "Inès Faure", "Karim Benali" },
	{ "Zoé Roux", "Max Blanc", "Chloé Lemaire", "Théo Garnier" },
};

/* saves/SCENARIO-STAMP.jsonl, or -2, -3… when a session of that minute
 * exists already: the proposed name is always a new one. */
static char *
app_default_path(const struct scenario *s, int64_t now)
{
	char		 stamp[TEXT_TIME_MAX], *path;
	int		 k;

	text_time(stamp, now, TEXT_TIME_STAMP);
	path = xasprintf("saves/%s-%s.jsonl", s->id, stamp);
	for (k = 2; access(path, F_OK) == 0 && k < 1000; k++) {
		free(path);
		path = xasprintf("saves/%s-%s-%d.jsonl", s->id, stamp, k);
	}
	return path;
}

/* Parses "Prénom Nom:role, Prénom Nom" into a setup team (copies kept). */
static int
app_setup_team(struct game_setup_team *t, char *name, char *list,
    char **keep, int *nkeep)
{
	char	*item, *save = NULL, *colon;

	t->name = name;
	keep[(*nkeep)++] = name;
	keep[(*nkeep)++] = list;
	for (item = strtok_r(list, ",", &save); item != NULL &&
	    t->ncandidates < GAME_MAX_CANDIDATES;
	    item = strtok_r(NULL, ",", &save)) {
		while (*item == ' ')
			item++;
		if (*item == '\0')
			continue;
		if ((colon = strchr(item, ':')) != NULL) {
			*colon = '\0';
			t->candidates[t->ncandidates].role = colon + 1;
		}
		t->candidates[t->ncandidates++].name = item;
	}
	return t->ncandidates > 0 ? 0 : -1;
}

/*
 * The teams of a class list file (io/classlist.h) into setup; 0, or -1 if
 * given up (Échap).  Its errors may be many: all of them are shown, in a
 * box that scrolls, then the same file is asked again to be read once
 * corrected.  *summary says what was read (allocated).
 */
static int
app_setup_class(struct app *a, const struct scenario *s, struct classlist *cl,
    struct game_setup *setup, char **summary)
{
	struct diag		 d;
	enum classlist_status	 st;
	char			*label, *path, *typed = NULL, *all, *line, *next;
	size_t			 i;

	label = xstrdup(_("Liste de la classe : un fichier CSV (équipe;"
	    "candidat;rôle;temps majoré;assistant)"));
	for (;;) {
		path = app_prompt(a, label, typed);
		free(typed);
		typed = NULL;
		if (path == NULL) {
			free(label);
			return -1;
		}
		diag_init(&d);
		st = classlist_read(path, s, cl, &d);
		all = xstrdup("");
		for (i = 0; i < d.count; i++) {
			line = diag_format(&d.items[i]);
			next = xasprintf("%s%s%s", all, i ? "\n" : "", line);
			free(line);
			free(all);
			all = next;
		}
		if (st == CLASSLIST_OK) {
			if (d.count > 0)
				app_notice(a, _("Liste de la classe : "
				    "avertissements"), all);
			memcpy(setup->teams, cl->setup.teams,
			    sizeof setup->teams);
			setup->nteams = cl->setup.nteams;
			*summary = xasprintf(_("%d équipe(s), %d candidat(s) "
			    "lus dans %s"), cl->setup.nteams, cl->ncandidates,
			    path);
			free(all);
			diag_release(&d);
			free(path);
			free(label);
			return 0;
		}
		next = xasprintf(_("Liste de la classe : %zu erreur(s), aucune "
		    "session créée"), d.errors);
		app_notice(a, next, all);
		free(next);
		free(all);
		free(label);
		label = xasprintf(_("Liste de la classe — %zu erreur(s) : "
		    "corrigez le fichier, puis Entrée pour le relire"),
		    d.errors);
		diag_release(&d);
		classlist_release(cl);
		/* Asked again with what was typed. */
		typed = path;
	}
}

static struct session *
app_setup(struct app *a, const struct scenario *s)
{
	static const char *const modes[] = {
		N_("Démo : 2 équipes de 3 candidats, un rôle chacun (missions à "
		    "écrire au cadrage)"),
		N_("Composer les équipes (noms, candidats, rôles, temps majoré)"),
		N_("Importer une liste de classe (fichier CSV d'un tableur)"),
	};
	const char	*labels[3] = { _(modes[0]), _(modes[1]), _(modes[2]) };
	const char	*ask = _("Temps majoré sur les points de situation : "
			    "« Prénom Nom=33 » (Entrée vide : aucun)");
	struct game_setup setup;
	struct classlist cl;
	struct session	*ss = NULL;
	char		*keep[64], *path, *text, *name, *roles, *cause = NULL;
	char		*summary = NULL;
	char		*eq, *label, *prev_name, *prev_list;
	int		 nkeep = 0, mode, i, j, n, pct;
	uint64_t	 count;

	memset(&setup, 0, sizeof setup);
	memset(&cl, 0, sizeof cl);
	randombytes_buf(&setup.seed, sizeof setup.seed);
	setup.seed &= INT64_MAX;
	mode = app_choose(a, _("Nouvelle session"), labels, 3, 0);
	if (mode < 0)
		return NULL;
	if (mode == 2) {
		if (app_setup_class(a, s, &cl, &setup, &summary) == -1)
			return NULL;
	} else if (mode == 0) {
		setup.nteams = 2;
		for (i = 0; i < 2; i++) {
			setup.teams[i].name = i == 0 ? "Alpha" : "Bêta";
			setup.teams[i].ncandidates = 3;
			for (j = 0; j < 3; j++) {
				setup.teams[i].candidates[j].name =
				    demo_names[i][j];
				setup.teams[i].candidates[j].role = j <
				    s->nroles ? s->roles[j].id : NULL;
			}
		}
	} else {
		text = app_prompt(a, _("Combien d'équipes ? (1 à 8)"), "2");
		n = text != NULL && text_parse_uint(text, GAME_MAX_TEAMS,
		    &count) ? (int)count : 0;
		free(text);
		if (n < 1)
			return NULL;
		roles = xstrdup("");
		for (i = 0; i < s->nroles; i++) {
			text = xasprintf("%s%s%s", roles, i ? ", " : "",
			    s->roles[i].id);
			free(roles);
			roles = text;
		}
		/* Each team is checked by the engine's rule for a setup as soon
		 * as it is typed: a refusal says why and asks again with what
		 * was typed. */
		prev_name = prev_list = NULL;
		for (i = 0; i < n && nkeep < 58; ) {
			text = cause == NULL ? xasprintf(_("Nom de l'équipe %d"),
			    i + 1) : xasprintf(_("Nom de l'équipe %d — à "
			    "corriger : %s"), i + 1, cause);
			name = app_prompt(a, text, prev_name);
			free(text);
			free(cause);
			cause = NULL;
			if (name == NULL)
				break;
			text = xasprintf(_("Candidats %s%s : « Prénom Nom:rôle, "
			    "… » (rôles : %s)"), text_of(name), name, roles);
			eq = app_prompt(a, text, prev_list);
			free(text);
			free(prev_name);
			free(prev_list);
			prev_name = xstrdup(name);
			prev_list = eq != NULL ? xstrdup(eq) : NULL;
			if (eq == NULL) {
				free(name);
				break;
			}
			memset(&setup.teams[i], 0, sizeof setup.teams[i]);
			if (app_setup_team(&setup.teams[i], name, eq, keep,
			    &nkeep) == -1) {
				cause = xstrdup(_("trop de candidats"));
				continue;
			}
			setup.nteams = i + 1;
			if (game_setup_check(s, &setup, &cause) == -1) {
				setup.nteams = i;
				continue;
			}
			free(prev_name);
			free(prev_list);
			prev_name = prev_list = NULL;
			i++;
		}
		free(prev_name);
		free(prev_list);
		free(cause);
		cause = NULL;
		if (i < n) {
			free(roles);
			for (j = 0; j < nkeep; j++)
				free(keep[j]);
			return NULL;
		}
		free(roles);
		label = xstrdup(ask);
		while ((text = app_prompt(a, label, NULL)) != NULL &&
		    text[0] != '\0' && nkeep < 63) {
			keep[nkeep++] = text;
			if ((eq = strchr(text, '=')) == NULL)
				continue;
			*eq = '\0';
			free(label);
			if (!text_parse_percent(eq + 1, GAME_EXTRA_TIME_MAX,
			    &pct)) {
				/* Asked again, saying what was wrong. */
				label = xasprintf(_("« %s » n'est pas un "
				    "pourcentage entier (0 à %d) : « Prénom "
				    "Nom=33 » (Entrée vide : aucun)"), eq + 1,
				    GAME_EXTRA_TIME_MAX);
				continue;
			}
			label = xstrdup(ask);
			for (i = 0; i < setup.nteams; i++)
				for (j = 0; j < setup.teams[i].ncandidates; j++)
					if (strcmp(setup.teams[i].candidates[j].
					    name, text) == 0)
						setup.teams[i].candidates[j].
						    extra_time = pct;
		}
		free(label);
		free(text);
	}
	/* The file: a refusal (a name taken, saves/ read-only) says why and
	 * asks again; Échap gives up. */
	path = app_default_path(s, session_now());
	label = summary == NULL ? xstrdup(_("Fichier de la session")) :
	    xasprintf(_("Fichier de la session (%s)"), summary);
	while ((text = app_prompt(a, label, path)) != NULL &&
	    session_create(text, s, &setup, &ss, &cause) == -1) {
		free(label);
		label = xasprintf(_("Fichier de la session — impossible : %s"),
		    cause);
		free(cause);
		cause = NULL;
		free(path);
		path = text;
		ss = NULL;
	}
	free(label);
	free(path);
	free(text);
	free(summary);
	classlist_release(&cl);
	for (i = 0; i < nkeep; i++)
		free(keep[i]);
	return ss;
}

int
app_run_new(const struct scenario *s)
{
	struct app	 a;
	struct session	*ss;
	int		 rc;

	memset(&a, 0, sizeof a);
	a.mode = &app_mode_live;
	a.scenario = s;
	if (initscr() == NULL)
		return EX_OSERR;
	app_terminal(&a);
	ss = app_setup(&a, s);
	endwin();
	if (ss == NULL) {
		/* Given up before a session was created: said, not silent. */
		fprintf(stderr, _("pilote play : abandon, aucune session n'a été "
		    "créée.\n"));
		return EX_OK;
	}
	rc = app_run(ss);
	session_close(ss);
	return rc;
}

/* A click on a tab switches to it (tabs are laid out as app_draw_bars). */
static void
app_mouse(struct app *a)
{
	MEVENT	 ev;
	int	 i, x = 1, total = 0, gap;
	char	 label[64];

	if (getmouse(&ev) != OK || a->help)
		return;
	if (ev.y != 1)
		return;
	for (i = 0; i < a->nscreens; i++) {
		if (!app_screen_visible(a, i))
			continue;
		snprintf(label, sizeof label, "%d %s", i + 1,
		    _(a->screens[i]->name));
		total += wrap_width(label, strlen(label)) + 2;
	}
	gap = total + 1 <= COLS ? 2 : 1;
	for (i = 0; i < a->nscreens; i++) {
		int	 w;

		if (!app_screen_visible(a, i))
			continue;
		snprintf(label, sizeof label, "%d %s", i + 1,
		    _(a->screens[i]->name));
		w = wrap_width(label, strlen(label));
		if (ev.x >= x && ev.x < x + w) {
			a->screen = i;
			return;
		}
		x += w + gap;
	}
}

/*
 * Where the user was lives in "<session>.ui", so that a session killed
 * mid-week comes back to the same screen, sub-view, row and choice under
 * way.  Not game state: losing it only costs a few key presses.  Format,
 * one "key=value" a line after the first:
 *
 *	pilote-ui 2
 *	trainer=0
 *	team=0
 *	actor=1
 *	screen=framing			(a screen's id)
 *	framing.view=1			(<screen id>.<its key>=<integer>)
 *	framing.packages.row=5
 *
 * The file is outside input: it is read only if it is a regular file (no
 * link followed, no FIFO waited on) of at most APP_UI_BYTES; a line that is
 * too long, a key that is not [a-z0-9_.], a value that is not an integer
 * within [0, APP_UI_MAX] are skipped; unknown keys are ignored; the
 * globals are checked against the game; each screen bounds its own keys.
 * So a damaged file never crashes and never blocks opening the session: at
 * worst the interface opens where it would without it.  It is written when
 * it changed, after a key and before what the key did is drawn (what shows
 * is what a restart finds), unless more keys are already waiting (a burst
 * is written once, after its last key), and at the end of the loop; each
 * time replacing the old one atomically (a temporary file beside it,
 * fsync, rename, fsync of the directory), so that it always holds one
 * whole state.
 */
#define APP_UI_MAGIC	"pilote-ui 2"
#define APP_UI_BYTES	65536
#define APP_UI_LINE	128

struct app_ui {
	char		*text;		/* what is written, allocated */
	const char	*prefix;	/* the screen's id */
};

void
app_ui_put(struct app_ui *u, const char *key, int value)
{
	char	*next;

	next = xasprintf("%s%s.%s=%d\n", u->text, u->prefix, key, value);
	free(u->text);
	u->text = next;
}

void
app_ui_put_list(struct app_ui *u, const char *prefix, const struct app_list *l)
{
	char	 key[64];

	if (l->focus != 0) {
		snprintf(key, sizeof key, "%srow", prefix);
		app_ui_put(u, key, l->focus);
	}
	if (l->top != 0) {
		snprintf(key, sizeof key, "%stop", prefix);
		app_ui_put(u, key, l->top);
	}
	if (l->column != 0) {
		snprintf(key, sizeof key, "%scolumn", prefix);
		app_ui_put(u, key, l->column);
	}
}

bool
app_ui_get_list(struct app_list *l, const char *prefix, const char *key,
    int value)
{
	size_t	 n = strlen(prefix);

	if (strncmp(key, prefix, n) != 0)
		return false;
	key += n;
	if (strcmp(key, "row") == 0)
		l->focus = value;
	else if (strcmp(key, "top") == 0)
		l->top = value;
	else if (strcmp(key, "column") == 0)
		l->column = value;
	else
		return false;
	return true;
}

/* The .ui text of the app as it is now, allocated. */
static char *
app_ui_text(const struct app *a)
{
	struct app_ui	 u;
	int		 i;

	u.text = xasprintf("%s\ntrainer=%d\nteam=%d\nactor=%d\nscreen=%s\n",
	    APP_UI_MAGIC, a->trainer, a->team, a->actor,
	    a->screens[a->screen]->id);
	for (i = 0; i < a->nscreens; i++) {
		if (a->screens[i]->save == NULL)
			continue;
		u.prefix = a->screens[i]->id;
		a->screens[i]->save(a, a->state[i], &u);
	}
	return u.text;
}

/* A value of the file: digits only, within [0, APP_UI_MAX]. */
static bool
app_ui_int(const char *s, int *out)
{
	long	 v = 0;
	int	 n;

	for (n = 0; s[n] >= '0' && s[n] <= '9'; n++) {
		v = v * 10 + (s[n] - '0');
		if (v > APP_UI_MAX)
			return false;
	}
	if (n == 0 || s[n] != '\0')
		return false;
	*out = (int)v;
	return true;
}

/* Splits a line "key=value": false unless key is [a-z0-9_.]{1,63}. */
static bool
app_ui_split(char *line, char **key, char **value)
{
	char	*eq = strchr(line, '='), *p;

	if (eq == NULL || eq == line || eq - line > 63)
		return false;
	*eq = '\0';
	for (p = line; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '_' || *p == '.'))
			return false;
	*key = line;
	*value = eq + 1;
	return true;
}

/* The file's text (NUL-terminated, allocated), or NULL. */
static char *
app_ui_read(const char *path)
{
	struct stat	 st;
	char		*buf;
	ssize_t		 n;
	size_t		 len = 0;
	int		 fd;

	/* Never through a planted link, never blocked by a FIFO. */
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1)
		return NULL;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size > APP_UI_BYTES) {
		close(fd);
		return NULL;
	}
	buf = xmalloc(APP_UI_BYTES + 1);
	while (len < APP_UI_BYTES && (n = read(fd, buf + len,
	    APP_UI_BYTES - len)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	/* A NUL inside is damage: the text stops there. */
	return buf;
}

static void
app_ui_load(struct app *a)
{
	char	*path = xasprintf("%s.ui", a->path), *text, *line, *next;
	char	*key, *value, copy[APP_UI_LINE + 1];
	int	 pass, v, i, trainer = a->trainer, team = a->team;
	int	 actor = a->actor, screen = a->screen;
	size_t	 n;

	text = app_ui_read(path);
	free(path);
	if (text == NULL || strncmp(text, APP_UI_MAGIC "\n",
	    strlen(APP_UI_MAGIC) + 1) != 0) {
		free(text);
		return;
	}
	/* First the globals (the screens read the team), then the screens. */
	for (pass = 0; pass < 2; pass++) {
		for (line = text + strlen(APP_UI_MAGIC) + 1; *line != '\0';
		    line = next) {
			next = strchr(line, '\n');
			n = next != NULL ? (size_t)(next - line) : strlen(line);
			next = next != NULL ? next + 1 : line + n;
			if (n > APP_UI_LINE)
				continue;
			memcpy(copy, line, n);
			copy[n] = '\0';
			if (!app_ui_split(copy, &key, &value))
				continue;
			if (pass == 0 && strcmp(key, "screen") == 0) {
				for (i = 0; i < a->nscreens; i++)
					if (strcmp(a->screens[i]->id,
					    value) == 0)
						screen = i;
				continue;
			}
			if (!app_ui_int(value, &v))
				continue;
			if (pass == 0) {
				if (strcmp(key, "trainer") == 0)
					trainer = v != 0;
				else if (strcmp(key, "team") == 0)
					team = v;
				else if (strcmp(key, "actor") == 0)
					actor = v;
				continue;
			}
			for (i = 0; i < a->nscreens; i++) {
				const struct screen *sc = a->screens[i];
				size_t k = strlen(sc->id);

				if (sc->restore != NULL &&
				    strncmp(key, sc->id, k) == 0 &&
				    key[k] == '.' && key[k + 1] != '\0')
					sc->restore(a, a->state[i], key + k + 1,
					    v);
			}
		}
		if (pass > 0)
			break;
		/* Who is at the keyboard: only someone of the session. */
		if (team >= 0 && team < a->game->nteams) {
			a->team = team;
			a->actor = actor >= 0 && actor <
			    a->game->teams[team].ncandidates ? actor : 0;
		}
		a->trainer = trainer;
		a->screen = screen;
		if (!app_screen_visible(a, a->screen))
			app_cycle(a, 1);
	}
	free(text);
	a->ui_saved = app_ui_text(a);
}

/*
 * Writes text as path: atomic, never through a planted link, but without
 * fsync (io/atomic): a lost .ui only forgets where the user was.
 */
static int
app_ui_write(const char *path, const char *text)
{
	return atomic_write(path, text, strlen(text), 0600, ATOMIC_NO_SYNC) ==
	    0 ? 0 : -1;
}

/* Whether the .ui file is this app's to write. */
static bool
app_ui_writes(const struct app *a)
{
	return a->session != NULL && !a->readonly && a->path != NULL;
}

/* Saves the .ui file if what it would hold changed. */
static void
app_ui_save(struct app *a)
{
	char	*text, *path;

	if (!app_ui_writes(a))
		return;
	text = app_ui_text(a);
	if (a->ui_saved != NULL && strcmp(text, a->ui_saved) == 0) {
		free(text);
		return;
	}
	path = xasprintf("%s.ui", a->path);
	/* Not written: tried again at the next pause. */
	if (app_ui_write(path, text) == 0) {
		free(a->ui_saved);
		a->ui_saved = text;
	} else
		free(text);
	free(path);
}

/* A team console says on its message line when the host goes and comes. */
static void
app_client_link(struct app *a)
{
	bool	 now = !client_connected(a->client);

	if (now && !a->offline)
		app_say(a, true, _("Hôte injoignable : reconnexion automatique ; "
		    "rien de confirmé n'est perdu."));
	else if (!now && a->offline)
		app_say(a, false, _("Reconnecté à l'hôte : la console est à "
		    "jour."));
	a->offline = now;
}

/* Each screen's state, zeroed, then set up by the screen. */
static void
app_states_init(struct app *a, const struct screen *const *screens, int n)
{
	int	 i;

	a->screens = screens;
	a->nscreens = n;
	a->state = xcalloc((size_t)n, sizeof *a->state);
	for (i = 0; i < n; i++) {
		a->state[i] = xcalloc(1, screens[i]->size > 0 ?
		    screens[i]->size : 1);
		if (screens[i]->init != NULL)
			screens[i]->init(a, a->state[i]);
	}
}

static void
app_states_release(struct app *a)
{
	int	 i;

	for (i = 0; i < a->nscreens; i++) {
		if (a->screens[i]->release != NULL)
			a->screens[i]->release(a, a->state[i]);
		free(a->state[i]);
	}
	free(a->state);
	a->state = NULL;
	a->nscreens = 0;
	free(a->ui_saved);
	a->ui_saved = NULL;
}

/*
 * Whether a key is already waiting: it is read now (without waiting) and
 * kept for the loop's next turn.
 */
static bool
app_key_waiting(struct app *a)
{
	if (a->has_key)
		return true;
	timeout(0);
	a->key_kind = get_wch(&a->key_ch);
	timeout(a->wait_ms);
	a->has_key = a->key_kind != ERR;
	return a->has_key;
}

static int
app_loop(struct app *a)
{
	wint_t		 ch;
	int		 kind, r;
	const struct screen *s;
	void		*st;

	for (;;) {
		if (a->mode->prepare != NULL)
			a->mode->prepare(a);
		/* A replayed state is seen at its own moment, not now. */
		a->now = a->readonly ? a->game->last_time : session_now();
		if (a->host != NULL)
			host_poll(a->host, 0);
		if (a->client != NULL && client_poll(a->client, 0) == -1) {
			endwin();
			fprintf(stderr, _("pilote : l'hôte a fermé la console : "
			    "%s\n"), client_error(a->client) ?
			    client_error(a->client) : "?");
			return EX_UNAVAILABLE;
		}
		if (a->client != NULL)
			app_client_link(a);
		app_draw(a);
		if (a->has_key) {
			kind = a->key_kind;
			ch = a->key_ch;
			a->has_key = false;
		} else
			kind = get_wch(&ch);
		if (kind == ERR) {
			/* A pause: a write that failed is tried again. */
			app_ui_save(a);
			continue;
		}
		if (kind == KEY_CODE_YES && ch == KEY_RESIZE)
			continue;
		if (kind == KEY_CODE_YES && ch == KEY_MOUSE) {
			app_mouse(a);
			continue;
		}
		if (a->help) {
			a->help = false;
			continue;
		}
		if (kind == OK && ch == '\r')
			ch = '\n';
		s = app_current(a);
		st = a->state[a->screen];
		r = APP_IGNORED;
		if (s->editing != NULL && s->editing(a, st))
			r = s->key(a, st, kind, ch);
		else {
			if (kind == OK && ch == 27)
				continue;
			/* A replayed view: q goes back to the replay at once. */
			if (a->readonly && kind == OK && ch == 'q')
				break;
			/*
			 * A team console stays its team's; a personal one
			 * (opened with a candidate's own code) its
			 * candidate's: the host would refuse anyway.
			 */
			if (a->client != NULL && kind == OK && (ch == 'e' ||
			    ch == 'F')) {
				app_say(a, true, _("Cette console est celle de "
				    "l'équipe %s."), app_team(a)->name);
				continue;
			}
			if (a->client != NULL && kind == OK && ch == 'c' &&
			    client_personal(a->client)) {
				app_say(a, true, _("Console personnelle de %s : "
				    "elle n'agit qu'en son nom."),
				    app_actor_name(a));
				continue;
			}
			r = s->key(a, st, kind, ch);
			if (!(r & (APP_HANDLED | APP_QUIT)))
				r |= a->mode->key(a, kind, ch);
			if (!(r & (APP_HANDLED | APP_QUIT | APP_REDRAW)))
				r |= app_common_key(a, kind, ch);
		}
		if (r & APP_QUIT)
			break;
		/* Before the key's effect shows, unless a burst goes on. */
		if (app_ui_writes(a) && !app_key_waiting(a))
			app_ui_save(a);
	}
	app_ui_save(a);
	if (!a->readonly)
		endwin();
	free(a->message);
	a->message = NULL;
	return EX_OK;
}

static int
app_start(struct app *a)
{
	/* A view on a replay runs inside the replay's own curses. */
	if (a->readonly && stdscr != NULL) {
		app_terminal(a);
		clearok(curscr, TRUE);
		return 0;
	}
	if (initscr() == NULL)
		return -1;
	app_terminal(a);
	/* Consoles are served while waiting for keys: wake often. */
	if (a->host != NULL || a->client != NULL) {
		a->wait_ms = 100;
		timeout(a->wait_ms);
	}
	return 0;
}

int
app_run_screens(struct app *a, const struct screen *const *screens, int n)
{
	int	 rc;

	if (app_start(a) == -1)
		return EX_OSERR;
	app_states_init(a, screens, n);
	rc = app_loop(a);
	app_states_release(a);
	return rc;
}

int
app_run(struct session *ss)
{
	return app_run_host(ss, NULL, false);
}

int
app_run_host(struct session *ss, struct host *h, bool project)
{
	struct app	 a;
	int		 rc;
	const char	*base;

	memset(&a, 0, sizeof a);
	a.mode = &app_mode_live;
	a.session = ss;
	a.host = h;
	a.project = project;
	a.path = ss->path;
	a.scenario = ss->scenario;
	a.game = ss->game;
	a.trainer = true;
	if (app_start(&a) == -1)
		return EX_OSERR;
	app_states_init(&a, app_screens, app_nscreens);
	app_ui_load(&a);
	/* One line at 80 columns: the file's name, not its whole path. */
	base = strrchr(ss->path, '/');
	app_say(&a, false, a.trainer ? _("%s : mode formateur · e : clavier à "
	    "une équipe · ? : aide") : _("%s reprise · ? : aide"),
	    base != NULL ? base + 1 : ss->path);
	rc = app_loop(&a);
	app_states_release(&a);
	return rc;
}

int
app_run_client(struct client *c)
{
	struct app	 a;
	const char	*as;
	int		 rc;

	memset(&a, 0, sizeof a);
	a.mode = &app_mode_live;
	a.client = c;
	a.game = client_game(c);
	a.scenario = client_scenario(c);
	a.team = client_team(c);
	a.trainer = false;
	a.path = client_path(c);
	as = client_as(c);
	a.actor = game_candidate_index(&a.game->teams[a.team], as);
	if (a.actor < 0)
		a.actor = 0;
	if (app_start(&a) == -1)
		return EX_OSERR;
	app_states_init(&a, app_screens, app_nscreens);
	/* A team's console opens on the team's first screen, the brief. */
	a.screen = app_screen_index(&a, "brief");
	if (client_personal(c))
		app_say(&a, false, _("Console personnelle de %s (équipe %s). "
		    "« ? » l'aide."), as, a.game->teams[a.team].name);
	else
		app_say(&a, false, _("Console de l'équipe %s — %s. « ? » "
		    "l'aide."), a.game->teams[a.team].name, as);
	rc = app_loop(&a);
	app_states_release(&a);
	return rc;
}

int
app_run_view(struct session *ss, int team, const char *when)
{
	struct app	 a;
	int		 rc;

	memset(&a, 0, sizeof a);
	a.mode = &app_mode_live;
	a.session = ss;
	a.path = ss->path;
	a.scenario = ss->scenario;
	a.game = ss->game;
	a.readonly = true;
	a.trainer = true;
	a.team = team >= 0 && team < ss->game->nteams ? team : 0;
	if (app_start(&a) == -1)
		return EX_OSERR;
	app_states_init(&a, app_screens, app_nscreens);
	/* Open on the team's dashboard. */
	a.screen = app_screen_index(&a, "pilot");
	app_say(&a, false, _("Rejeu — équipe %s telle qu'elle était %s. "
	    "Tab : écrans ; q : revenir au rejeu."), a.game->teams[a.team].name,
	    when);
	rc = app_loop(&a);
	app_states_release(&a);
	return rc;
}
