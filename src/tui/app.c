/*
 * app: the event loop, bars, help, dialogs and drawing helpers of the
 * terminal interface (see app.h).
 *
 * Layout: row 0 the session bar (scenario, week, clock, who is at the
 * keyboard), row 1 the screen tabs, rows 2..LINES-3 the screen, row LINES-2
 * the message line, row LINES-1 the key hints.  Below 80x24 the app says how
 * big it needs to be and waits.  The loop wakes every half second without a
 * key so that countdowns move; ncurses then sends only the changed cells.
 */
#include <sys/stat.h>

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

static const char *const app_global_help[] = {
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
	size_t	 len, next;
	int	 rows = 0;
	char	*line;

	while (*s != '\0' && rows < max) {
		const char *nl = strchr(s, '\n');
		char *piece = nl ? xstrndup(s, (size_t)(nl - s)) : xstrdup(s);
		const char *p = piece;

		do {
			wrap_next(p, width, &len, &next);
			line = xstrndup(p, len);
			if (rows < max)
				app_text(a, y + rows, x, width, role, line);
			free(line);
			rows++;
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

void
app_list_keys(struct app *a, int n, int rows, int kind, wint_t ch,
    int *result)
{
	int	*focus = &a->focus[a->screen], *top = &a->scroll[a->screen];
	int	 old = *focus;

	if (kind == KEY_CODE_YES) {
		if (ch == KEY_UP)
			(*focus)--;
		else if (ch == KEY_DOWN)
			(*focus)++;
		else if (ch == KEY_PPAGE)
			*focus -= rows > 1 ? rows - 1 : 1;
		else if (ch == KEY_NPAGE)
			*focus += rows > 1 ? rows - 1 : 1;
		else if (ch == KEY_HOME)
			*focus = 0;
		else if (ch == KEY_END)
			*focus = n - 1;
		else
			return;
	} else if (ch == 'k')
		(*focus)--;
	else if (ch == 'j')
		(*focus)++;
	else
		return;
	if (*focus >= n)
		*focus = n - 1;
	if (*focus < 0)
		*focus = 0;
	if (*focus < *top)
		*top = *focus;
	if (rows > 0 && *focus >= *top + rows)
		*top = *focus - rows + 1;
	*result |= APP_HANDLED | (old != *focus ? APP_REDRAW : 0);
}

int
app_scroll_keys(int *first, int total, int page, int kind, wint_t ch)
{
	int	 old = *first;

	if (page < 1)
		page = 1;
	if (kind == KEY_CODE_YES) {
		if (ch == KEY_UP)
			(*first)--;
		else if (ch == KEY_DOWN)
			(*first)++;
		else if (ch == KEY_PPAGE)
			*first -= page;
		else if (ch == KEY_NPAGE)
			*first += page;
		else if (ch == KEY_HOME)
			*first = 0;
		else if (ch == KEY_END)
			*first = total >= 0 ? total : 1000000;
		else
			return APP_IGNORED;
	} else if (ch == 'k')
		(*first)--;
	else if (ch == 'j' || ch == '\n')
		(*first)++;
	else if (ch == ' ')
		*first += page;
	else if (ch == 'b')
		*first -= page;
	else if (ch == 'g')
		*first = 0;
	else if (ch == 'G')
		*first = total >= 0 ? total : 1000000;
	else
		return APP_IGNORED;
	/* Unknown length (-1): the draw clamps the end. */
	if (total >= 0 && *first > total - page - 1)
		*first = total - page - 1;
	if (*first < 0)
		*first = 0;
	return APP_HANDLED | (old != *first ? APP_REDRAW : 0);
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
	return app_screens[a->screen];
}

/* The trainer sees every screen (teams' ones read-only); a team its own. */
static bool
app_screen_visible(const struct app *a, int i)
{
	return a->trainer || !app_screens[i]->trainer;
}

static void
app_draw_bars(struct app *a)
{
	static const char *const phases[] = {
		N_("cadrage"), N_("pilotage"), N_("projet lancé")
	};
	const struct game	*g = a->game;
	char			 who[200], status[120];
	int			 i, x, total, gap, pending, sw;

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
	move(1, 0);
	clrtoeol();
	/* Two spaces between tabs when they fit, else one. */
	for (i = 0, total = 0; i < app_nscreens; i++) {
		char	 label[64];

		if (!app_screen_visible(a, i))
			continue;
		snprintf(label, sizeof label, "%d %s", i + 1,
		    _(app_screens[i]->name));
		total += wrap_width(label, strlen(label)) + 2;
	}
	gap = total + 1 <= COLS ? 2 : 1;
	for (i = 0, x = 1; i < app_nscreens; i++) {
		char	 label[64];

		if (!app_screen_visible(a, i))
			continue;
		snprintf(label, sizeof label, "%d %s", i + 1,
		    _(app_screens[i]->name));
		app_text(a, 1, x, COLS - x, i == a->screen ? ROLE_TAB_ACTIVE :
		    ROLE_NORMAL, label);
		x += wrap_width(label, strlen(label)) + gap;
	}
	move(LINES - 2, 0);
	clrtoeol();
	if (a->message != NULL)
		app_text(a, LINES - 2, 1, COLS - 2, a->message_bad ? ROLE_BAD :
		    ROLE_INFO, a->message);
	attrset(a->attr[ROLE_BAR]);
	mvhline(LINES - 1, 0, ' ', COLS);
	attrset(A_NORMAL);
	app_text(a, LINES - 1, 1, COLS - 2, ROLE_BAR, a->trainer ?
	    _("Tab écran · e équipe · F équipe au clavier · ? aide · q quitter") :
	    a->client != NULL && client_personal(a->client) ? _("Tab écran · "
	    "? aide · q quitter") :
	    a->client != NULL ? _("Tab écran · c candidat · ? aide · q quitter") :
	    _("Tab écran · e équipe · c candidat · F formateur · ? aide · "
	    "q quitter"));
}

static void
app_draw_help(struct app *a)
{
	const struct screen	*s = app_current(a);
	int			 n = 0, i, y, w = COLS - 8, h;

	for (i = 0; app_global_help[i] != NULL; i++)
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
	for (i = 0; app_global_help[i] != NULL && n < y + h - 1; i++)
		app_text(a, n++, 6, w - 4, ROLE_BAR, _(app_global_help[i]));
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
	app_current(a)->draw(a, 2, LINES - 4);
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

bool
app_confirm(struct app *a, const char *question)
{
	wint_t	 ch;
	int	 kind;

	for (;;) {
		app_draw(a);
		app_box(a, LINES / 2 - 2, 4, _("Confirmation"));
		app_text(a, LINES / 2 - 1, 6, COLS - 12, ROLE_BAR, question);
		app_text(a, LINES / 2, 6, COLS - 12, ROLE_BAR,
		    _("o : oui   n ou Échap : non"));
		move(LINES / 2 - 1, 6);
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

char *
app_prompt(struct app *a, const char *label, const char *initial)
{
	wchar_t	 buf[512];
	char	 out[2048];
	size_t	 len = 0, pos, i;
	int	 kind, y = LINES / 2 - 2, w = COLS - 12, start;
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
	for (;;) {
		app_draw(a);
		app_box(a, y, 5, label);
		app_text(a, y + 3, 6, w, ROLE_BAR, _("Entrée : valider   Échap : "
		    "annuler   ← → Début Fin : se déplacer"));
		/* Show the end of long lines around the cursor. */
		start = 0;
		while (wcswidth(buf + start, pos - (size_t)start) >= w - 1)
			start++;
		attrset(A_NORMAL);
		mvhline(y + 1, 6, ' ', w);
		mvaddnwstr(y + 1, 6, buf + start, (int)(len - (size_t)start));
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
	wint_t	 ch;
	int	 kind, i, sel = initial, top = 0, h, y;

	if (n <= 0)
		return -1;
	if (sel < 0 || sel >= n)
		sel = 0;
	for (;;) {
		h = n + 3 < LINES - 4 ? n + 3 : LINES - 4;
		y = (LINES - h) / 2;
		if (sel < top)
			top = sel;
		if (sel >= top + h - 3)
			top = sel - (h - 3) + 1;
		app_draw(a);
		app_box(a, y, h, title);
		for (i = 0; i < h - 3 && top + i < n; i++)
			app_text(a, y + 1 + i, 6, COLS - 14, top + i == sel ?
			    ROLE_SELECTED : ROLE_BAR, labels[top + i]);
		app_text(a, y + h - 1, 6, COLS - 14, ROLE_BAR,
		    _("↑ ↓ : choisir   Entrée : valider   Échap : annuler"));
		move(y + 1 + sel - top, 6);
		refresh();
		kind = app_wait_key(a, &ch);
		if (kind == ERR)
			continue;
		if (kind == KEY_CODE_YES) {
			if (ch == KEY_UP && sel > 0)
				sel--;
			else if (ch == KEY_DOWN && sel < n - 1)
				sel++;
			else if (ch == KEY_ENTER)
				return sel;
			continue;
		}
		if (ch == 'k' && sel > 0)
			sel--;
		else if (ch == 'j' && sel < n - 1)
			sel++;
		else if (ch == '\n' || ch == '\r')
			return sel;
		else if (ch == 27)
			return -1;
	}
}

/* --- loop --- */

static void
app_switch_screen(struct app *a, int to)
{
	if (to < 0 || to >= app_nscreens || !app_screen_visible(a, to))
		return;
	a->screen = to;
}

static void
app_cycle(struct app *a, int dir)
{
	int	 i, s = a->screen;

	for (i = 0; i < app_nscreens; i++) {
		s = (s + dir + app_nscreens) % app_nscreens;
		if (app_screen_visible(a, s)) {
			a->screen = s;
			return;
		}
	}
}

static int
app_global_key(struct app *a, int kind, wint_t ch)
{
	const char	**labels;
	int		 i, n;

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
		if (ch >= '1' && ch <= '9') {
			app_switch_screen(a, (int)(ch - '1'));
			return APP_REDRAW;
		}
		return APP_IGNORED;
	}
}

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
	timeout(500);
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

static char *
app_default_path(const struct scenario *s, int64_t now)
{
	time_t		 t = (time_t)(now / 1000);
	struct tm	 tm;
	char		 stamp[32];

	localtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M", &tm);
	return xasprintf("saves/%s-%s.jsonl", s->id, stamp);
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

static struct session *
app_setup(struct app *a, const struct scenario *s)
{
	static const char *const modes[] = {
		N_("Démo : 2 équipes de 3 candidats, rôles répartis"),
		N_("Composer les équipes (noms, candidats, rôles, temps majoré)"),
	};
	const char	*labels[2] = { _(modes[0]), _(modes[1]) };
	const char	*ask = _("Temps majoré sur les points de situation : "
			    "« Prénom Nom=33 » (Entrée vide : aucun)");
	struct game_setup setup;
	struct session	*ss = NULL;
	char		*keep[64], *path, *text, *name, *roles, *cause = NULL;
	char		*eq, *label;
	int		 nkeep = 0, mode, i, j, n, pct;
	uint64_t	 count;

	memset(&setup, 0, sizeof setup);
	randombytes_buf(&setup.seed, sizeof setup.seed);
	setup.seed &= INT64_MAX;
	mode = app_choose(a, _("Nouvelle session"), labels, 2, 0);
	if (mode < 0)
		return NULL;
	if (mode == 0) {
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
		for (i = 0; i < n && nkeep < 60; i++) {
			text = xasprintf(_("Nom de l'équipe %d"), i + 1);
			name = app_prompt(a, text, NULL);
			free(text);
			if (name == NULL)
				break;
			text = xasprintf(_("Candidats de %s : « Prénom Nom:rôle, "
			    "… » (rôles : %s)"), name, roles);
			eq = app_prompt(a, text, NULL);
			free(text);
			if (eq == NULL || app_setup_team(&setup.teams[i], name,
			    eq, keep, &nkeep) == -1) {
				free(eq);
				break;
			}
			setup.nteams++;
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
	path = app_default_path(s, session_now());
	text = app_prompt(a, _("Fichier de la session"), path);
	free(path);
	if (text != NULL && session_create(text, s, &setup, &ss, &cause) == -1) {
		app_say(a, true, "%s", cause);
		app_confirm(a, cause);
		free(cause);
		ss = NULL;
	}
	free(text);
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
	a.scenario = s;
	if (initscr() == NULL)
		return EX_OSERR;
	app_terminal(&a);
	ss = app_setup(&a, s);
	endwin();
	if (ss == NULL)
		return EX_OK;
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
	for (i = 0; i < app_nscreens; i++) {
		if (!app_screen_visible(a, i))
			continue;
		snprintf(label, sizeof label, "%d %s", i + 1,
		    _(app_screens[i]->name));
		total += wrap_width(label, strlen(label)) + 2;
	}
	gap = total + 1 <= COLS ? 2 : 1;
	for (i = 0; i < app_nscreens; i++) {
		int	 w;

		if (!app_screen_visible(a, i))
			continue;
		snprintf(label, sizeof label, "%d %s", i + 1,
		    _(app_screens[i]->name));
		w = wrap_width(label, strlen(label));
		if (ev.x >= x && ev.x < x + w) {
			a->screen = i;
			return;
		}
		x += w + gap;
	}
}

/*
 * Who was at the keyboard and on which screen lives in "<session>.ui", so
 * that a session killed mid-week comes back to the same screen: the first
 * line says who and which screen, then one line per screen gives where the
 * user was in it (selected row, first row shown, sub-view), for the screens
 * where that is not the top.  Not game state: losing it only costs a few
 * key presses.  Values are checked on load, and every screen keeps them
 * within its lists when it draws.
 */
static void
app_ui_load(struct app *a)
{
	char		*path = xasprintf("%s.ui", a->path);
	struct stat	 st;
	FILE		*f;
	int		 fd, trainer, team, actor, screen, view, focus, scroll;
	int		 sub;

	/* Never through a planted link, never blocked by a FIFO. */
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	free(path);
	if (fd == -1)
		return;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (f = fdopen(fd, "r")) == NULL) {
		close(fd);
		return;
	}
	if (fscanf(f, "trainer=%d team=%d actor=%d screen=%d", &trainer,
	    &team, &actor, &screen) == 4 && team >= 0 &&
	    team < a->game->nteams && actor >= 0 &&
	    actor < a->game->teams[team].ncandidates && screen >= 0 &&
	    screen < app_nscreens) {
		a->trainer = trainer != 0;
		a->team = team;
		a->actor = actor;
		a->screen = screen;
		while (fscanf(f, " view=%d focus=%d scroll=%d sub=%d", &view,
		    &focus, &scroll, &sub) == 4) {
			if (view < 0 || view >= app_nscreens || focus < 0 ||
			    scroll < 0 || sub < 0 || sub > 99)
				continue;
			/* Past the end (End pressed): the draw clamps it. */
			if (focus > 9999)
				focus = 9999;
			if (scroll > 9999)
				scroll = 9999;
			/* The overview's row is a team index. */
			if (app_screens[view] == &screen_overview &&
			    focus >= a->game->nteams)
				focus = 0;
			a->focus[view] = focus;
			a->scroll[view] = scroll;
			a->sub[view] = sub;
		}
	}
	fclose(f);
}

static void
app_ui_save(const struct app *a)
{
	char	*path = xasprintf("%s.ui", a->path);
	char	*text = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&text, &len);
	int	 i;

	if (f != NULL) {
		fprintf(f, "trainer=%d team=%d actor=%d screen=%d\n",
		    a->trainer, a->team, a->actor, a->screen);
		for (i = 0; i < app_nscreens; i++)
			if (a->focus[i] != 0 || a->scroll[i] != 0 ||
			    a->sub[i] != 0)
				fprintf(f, "view=%d focus=%d scroll=%d sub=%d\n",
				    i, a->focus[i], a->scroll[i], a->sub[i]);
		/* Written at every move: atomic, never through a planted
		 * link, but not worth an fsync (io/atomic). */
		if (fclose(f) == 0)
			(void)atomic_write(path, text, len, 0600,
			    ATOMIC_NO_SYNC);
	}
	free(text);
	free(path);
}

/* What app_ui_save writes, to save it only when it changes. */
struct app_ui {
	int	 trainer, team, actor, screen;
	int	 focus[16], scroll[16], sub[16];
};

static void
app_ui_get(const struct app *a, struct app_ui *u)
{
	memset(u, 0, sizeof *u);
	u->trainer = a->trainer;
	u->team = a->team;
	u->actor = a->actor;
	u->screen = a->screen;
	memcpy(u->focus, a->focus, sizeof u->focus);
	memcpy(u->scroll, a->scroll, sizeof u->scroll);
	memcpy(u->sub, a->sub, sizeof u->sub);
}

/* A team console says on its message line when the host goes and comes. */
static void
app_client_link(struct app *a)
{
	static bool	 offline;
	bool		 now = !client_connected(a->client);

	if (now && !offline)
		app_say(a, true, _("Hôte injoignable : reconnexion automatique ; "
		    "rien de confirmé n'est perdu."));
	else if (!now && offline)
		app_say(a, false, _("Reconnecté à l'hôte : la console est à "
		    "jour."));
	offline = now;
}

static int
app_loop(struct app *a)
{
	wint_t		 ch;
	int		 kind, r;
	const struct screen *s;

	struct app_ui	 before, after;

	for (;;) {
		app_ui_get(a, &before);
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
		kind = get_wch(&ch);
		if (kind == ERR)
			continue;
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
		r = APP_IGNORED;
		if (s->editing != NULL && s->editing(a))
			r = s->key(a, kind, ch);
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
			r = s->key(a, kind, ch);
			if (!(r & APP_HANDLED) && !(r & APP_QUIT))
				r |= app_global_key(a, kind, ch);
		}
		if (r & APP_QUIT)
			break;
		app_ui_get(a, &after);
		if (a->session != NULL && !a->readonly && memcmp(&before,
		    &after, sizeof before) != 0)
			app_ui_save(a);
	}
	if (!a->readonly)
		endwin();
	free(a->message);
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
	if (a->host != NULL || a->client != NULL)
		timeout(100);
	return 0;
}

int
app_run(struct session *ss)
{
	return app_run_host(ss, NULL);
}

int
app_run_host(struct session *ss, struct host *h)
{
	struct app	 a;

	memset(&a, 0, sizeof a);
	a.session = ss;
	a.host = h;
	a.path = ss->path;
	a.scenario = ss->scenario;
	a.game = ss->game;
	a.trainer = true;
	if (app_start(&a) == -1)
		return EX_OSERR;
	app_ui_load(&a);
	app_say(&a, false, a.trainer ? _("Session %s — mode formateur. « e » "
	    "donne le clavier à une équipe, « ? » l'aide.") : _("Session %s "
	    "reprise. « ? » l'aide."), ss->path);
	return app_loop(&a);
}

int
app_run_client(struct client *c)
{
	struct app	 a;
	const char	*as;

	memset(&a, 0, sizeof a);
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
	a.screen = 1;
	if (app_start(&a) == -1)
		return EX_OSERR;
	if (client_personal(c))
		app_say(&a, false, _("Console personnelle de %s (équipe %s). "
		    "« ? » l'aide."), as, a.game->teams[a.team].name);
	else
		app_say(&a, false, _("Console de l'équipe %s — %s. « ? » "
		    "l'aide."), a.game->teams[a.team].name, as);
	return app_loop(&a);
}

int
app_run_view(struct session *ss, int team, const char *when)
{
	struct app	 a;
	int		 i;

	memset(&a, 0, sizeof a);
	a.session = ss;
	a.path = ss->path;
	a.scenario = ss->scenario;
	a.game = ss->game;
	a.readonly = true;
	a.trainer = true;
	a.team = team >= 0 && team < ss->game->nteams ? team : 0;
	/* Open on the team's dashboard when there is one. */
	for (i = 0; i < app_nscreens; i++)
		if (strcmp(app_screens[i]->name, "Pilotage") == 0)
			a.screen = i;
	if (app_start(&a) == -1)
		return EX_OSERR;
	app_say(&a, false, _("Rejeu — équipe %s telle qu'elle était %s. "
	    "Tab : écrans ; q : revenir au rejeu."), a.game->teams[a.team].name,
	    when);
	return app_loop(&a);
}
