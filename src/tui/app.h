/*
 * app: the terminal application of `pilote play` and `pilote replay`: one
 * event loop, a table of screens, a mode (the live session or the replay).
 * The app owns the terminal (ncursesw), the session it hosts (it is the
 * only writer of the journal), who is at the keyboard (a team and one of
 * its candidates, or the trainer), which screen is shown, and one state per
 * screen, sized by the table: each screen keeps in it where the user is,
 * which the app saves in "<session>.ui" and restores (struct screen).
 *
 * Screens only draw the state and turn keys into engine commands through
 * app_submit(); they never change the game state themselves.  Every error
 * the engine returns is shown on the message line, where the user looks.
 * Drawing goes to stdscr and ncurses sends only what changed, so moving
 * around costs a few bytes even over SSH.
 */
#ifndef PILOTE_APP_H
#define PILOTE_APP_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/event.h"
#include "io/session.h"

#define APP_MIN_COLS	80
#define APP_MIN_ROWS	24

/* Colour roles: never a raw colour pair at a draw site. */
enum app_role {
	ROLE_NORMAL,
	ROLE_TITLE,		/* screen titles */
	ROLE_HEADING,		/* section headings */
	ROLE_BAR,		/* top and bottom bars */
	ROLE_TAB_ACTIVE,
	ROLE_SELECTED,		/* the focused row */
	ROLE_DIM,		/* secondary text */
	ROLE_GOOD,		/* on time, done, within budget */
	ROLE_WARN,		/* at risk */
	ROLE_BAD,		/* late, over budget, refused */
	ROLE_INFO,		/* messages from the trainer */
	ROLE_COUNT
};

/* What a key handler asks of the loop. */
enum {
	APP_IGNORED = 0,
	APP_HANDLED = 1 << 0,
	APP_REDRAW = 1 << 1,
	APP_QUIT = 1 << 2
};

struct app;
struct app_ui;

/*
 * Where the user is in a list of rows, the one list state of every screen
 * (and of every sub-view): the selected row, the first row shown, a second
 * coordinate where the list has one (an offer column, a Kanban column, a
 * load view) and the rows of the list at its last draw, which is the page
 * of PgPréc / PgSuiv.  UI state, never game state: saved in "<session>.ui"
 * and kept within the list by app_list_fit at each draw.
 */
struct app_list {
	int	 focus;		/* selected row */
	int	 top;		/* first row shown */
	int	 column;	/* a second coordinate, or 0 */
	int	 rows;		/* rows shown at the last draw (the page) */
};

/*
 * The list keys, one set for every list: ↑ ↓ j k, PgPréc PgSuiv (a page
 * less one row), Début Fin, on a list of n rows.  Returns APP_* flags, or
 * APP_IGNORED when the key is not one of them.  The draw keeps top in view.
 */
int	 app_list_key(struct app_list *, int n, int kind, wint_t ch);
/* Keeps focus in [0, n) and top such that focus shows in rows rows, with
 * no blank rows after the last when the list is longer than the page. */
void	 app_list_fit(struct app_list *, int n, int rows);
/*
 * A document of n rows (-1: unknown, the draw clamps) read rows at a time:
 * a list whose positions are its first rows shown (l->top), with the list
 * keys and Espace b (page), g G (start, end), Entrée (one row).  The page
 * is l->rows, set by the draw (app_scroll_fit).
 */
int	 app_scroll_key(struct app_list *, int n, int kind, wint_t ch);
/* Records rows as the page and keeps l->top within [0, n - rows]. */
void	 app_scroll_fit(struct app_list *, int n, int rows);

/*
 * Sub-views of a screen, the one mechanism for all: each is shown by one
 * letter, listed on a row as "l Label" (the current one highlighted); the
 * screen keeps the current index in its state (saved as "view").
 */
struct app_view {
	wint_t		 letter;
	const char	*label;		/* French msgid, short */
};
/* Draws the letters and labels on row y from column x; returns the column
 * after the last label. */
int	 app_views_draw(struct app *, const struct app_view *, int n,
	    int current, int y, int x);
/* A view's letter selects it: APP_HANDLED | APP_REDRAW, else APP_IGNORED. */
int	 app_views_key(const struct app_view *, int n, int *current, int kind,
	    wint_t ch);

/*
 * A screen: a tab of the interface, with a state of its own (tmux's
 * window modes): the app allocates size bytes per screen, zeroed, calls
 * init once the game is there, and release at the end.  The state holds
 * where the user is (app_list, sub-view, a choice under way) and caches
 * (a layout); never game state.  save writes what the user would want back
 * after a restart through app_ui_put; restore is given each of those keys
 * back from "<session>.ui", value already bounded to [0, APP_UI_MAX]:
 * it ignores keys it does not know and keeps values within its lists (the
 * draws clamp again).  Every function pointer but draw and key may be NULL.
 */
struct screen {
	const char	*id;		/* ASCII, its prefix in the .ui file */
	const char	*name;		/* tab label, msgid */
	bool		 trainer;	/* a trainer screen (else a team's) */
	size_t		 size;		/* of its state */
	void		(*init)(struct app *, void *);
	void		(*release)(struct app *, void *);
	/* Draws in rows [top, top + rows) of the terminal. */
	void		(*draw)(struct app *, void *, int top, int rows);
	/* A key (kind is OK or KEY_CODE_YES, as get_wch returns). */
	int		(*key)(struct app *, void *, int kind, wint_t ch);
	/* Whether the screen captures every key (a text field has focus). */
	bool		(*editing)(const struct app *, const void *);
	void		(*save)(const struct app *, const void *,
			    struct app_ui *);
	void		(*restore)(struct app *, void *, const char *key,
			    int value);
	/* Help lines: "touche  action", French. */
	const char *const *help;
};

#define APP_UI_MAX	99999	/* the largest value in a .ui file */

/*
 * What makes a table of screens a program: the live session (app.c) or
 * the replay (replay.c).  The loop, the tabs, the message line, the
 * dialogs and the widgets are the same; the mode draws the top row and the
 * key hints of the bottom row, sets what the screens see before each draw
 * (prepare, may be NULL), takes the keys the screen did not, before the
 * common ones (Tab, 1 to 9, ?, Ctrl+L), and lists its keys for the help.
 */
struct app_mode {
	void		(*prepare)(struct app *);
	void		(*bar)(struct app *);
	const char	*(*hints)(const struct app *);
	int		(*key)(struct app *, int kind, wint_t ch);
	const char *const *help;
};

/* One line "<screen id>.<key>=<value>" of the .ui file being written. */
void	 app_ui_put(struct app_ui *, const char *key, int value);
/* Saves l as "<prefix>row", "<prefix>top", "<prefix>column" (those not 0). */
void	 app_ui_put_list(struct app_ui *, const char *prefix,
	    const struct app_list *);
/* Restores one of those keys into l: true if key was one of them. */
bool	 app_ui_get_list(struct app_list *, const char *prefix,
	    const char *key, int value);

struct host;
struct client;

struct app {
	struct session		*session;	/* NULL on a team's own console */
	struct host		*host;		/* serving consoles, or NULL */
	struct client		*client;	/* a console of a host, or NULL */
	const char		*path;		/* the session file */
	bool			 readonly;	/* a replayed past state */
	const struct scenario	*scenario;
	struct game		*game;
	bool			 trainer;	/* the trainer is at the keyboard */
	int			 team;		/* team shown */
	int			 actor;		/* candidate acting for it */
	/* The tabs: app_screens, each with its state (struct screen). */
	const struct screen *const *screens;
	int			 nscreens;
	void			**state;	/* nscreens states */
	int			 screen;	/* index in screens */
	char			*message;
	bool			 message_bad;
	bool			 help;
	attr_t			 attr[ROLE_COUNT];
	int64_t			 now;		/* wall clock ms, each tick */
	bool			 color;
	/* Set by draw functions: where the terminal cursor belongs. */
	int			 cursor_y, cursor_x;
	bool			 offline;	/* a console: host unheard */
	const struct app_mode	*mode;
	void			*mode_data;	/* the mode's (the replay) */
	char			*ui_saved;	/* the .ui text last written */
	int			 wait_ms;	/* get_wch's timeout */
	/* Trainer messages already announced to the team shown (its index
	 * + 1, 0: none yet), its messages and the broadcasts counted then. */
	bool			 project;	/* open on the projection view */
	int			 msg_team;
	int			 msg_seen, bcast_seen;
	bool			 has_key;	/* a key read ahead: */
	int			 key_kind;	/* as get_wch returned it */
	wint_t			 key_ch;
};

extern const struct screen *const app_screens[];
extern const int app_nscreens;

/* Runs the application on an open, writable session. */
int	 app_run(struct session *);
/* Sets a new session up on a scenario (setup screen), then runs it. */
int	 app_run_new(const struct scenario *);
/* The trainer's screen of a hosted session: consoles served meanwhile;
 * project: open on the projection view (pilote host --project). */
int	 app_run_host(struct session *, struct host *, bool project);
/* A team console joined to a host. */
int	 app_run_client(struct client *);
/*
 * The screens of a team on a past state (replay): nothing can be decided,
 * nothing is saved; returns to the caller's screen.  Curses must be up.
 */
int	 app_run_view(struct session *, int team, const char *when);
/*
 * Runs the loop on a table of n screens with a's mode (a set up by the
 * caller, curses started here if it is not); returns a sysexits.h code.
 */
int	 app_run_screens(struct app *, const struct screen *const *screens,
	    int n);

/* Journals a command for the team at the keyboard (or the trainer):
 * fills team, actor, time; on refusal shows the reason and returns -1. */
int	 app_submit(struct app *, struct event *);
/* Convenience: a command with key=value pairs, NULL-terminated. */
int	 app_command(struct app *, const char *type, const char *why, ...)
	    __attribute__((sentinel));
void	 app_say(struct app *, bool bad, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* Modal dialogs, run inside the loop; they redraw on resize. */
bool	 app_confirm(struct app *, const char *question);
/* One line of text (UTF-8, accents); NULL if cancelled. Caller frees. */
char	*app_prompt(struct app *, const char *label, const char *initial);
/* A text too long for the message line, wrapped in a box until a key. */
void	 app_notice(struct app *, const char *title, const char *text);
/* Pick one of n labels; -1 if cancelled. */
int	 app_choose(struct app *, const char *title, const char *const *labels,
	    int n, int initial);

/* Drawing helpers: text clipped to width columns, by display width. */
void	 app_text(struct app *, int y, int x, int width, enum app_role,
	    const char *);
void	 app_textf(struct app *, int y, int x, int width, enum app_role,
	    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Rows app_paragraph() would take for s in width columns. */
int	 app_paragraph_rows(const char *s, int width);
/* The same, leaving out its first skip rows (a scrolled view). */
int	 app_paragraph_from(struct app *, int y, int x, int width, int skip,
	    int max, enum app_role, const char *);
/* Wraps text into rows starting at y; returns rows used (<= max). */
int	 app_paragraph(struct app *, int y, int x, int width, int max,
	    enum app_role, const char *);
void	 app_heading(struct app *, int y, const char *);
/* Places the terminal cursor (for screen readers) on the focused item. */
void	 app_cursor(struct app *, int y, int x);
/* The index of the screen of that id in a's tabs, or 0. */
int	 app_screen_index(const struct app *, const char *id);
const char *app_actor_name(const struct app *);
struct team *app_team(const struct app *);

#endif
