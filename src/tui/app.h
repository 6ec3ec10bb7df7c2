/*
 * app: the terminal application of `pilote play`: one session, one event
 * loop, a set of screens.  The app owns the terminal (ncursesw), the
 * session it hosts (it is the only writer of the journal), who is at the
 * keyboard (a team and one of its candidates, or the trainer) and which
 * screen is shown.
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

struct screen {
	const char	*name;		/* tab label */
	bool		 trainer;	/* a trainer screen (else a team's) */
	/* Draws in rows [top, top + rows) of the terminal. */
	void		(*draw)(struct app *, int top, int rows);
	/* A key (kind is OK or KEY_CODE_YES, as get_wch returns). */
	int		(*key)(struct app *, int kind, wint_t ch);
	/* Help lines: "touche  action", French. */
	const char *const *help;
	/* Whether the screen captures every key (a text field has focus). */
	bool		(*editing)(const struct app *);
};

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
	int			 screen;	/* index in app_screens */
	int			 focus[16];	/* per screen: selected row */
	int			 scroll[16];	/* per screen: first row shown */
	int			 sub[16];	/* per screen: sub-view or pane */
	char			*message;
	bool			 message_bad;
	bool			 help;
	attr_t			 attr[ROLE_COUNT];
	int64_t			 now;		/* wall clock ms, each tick */
	bool			 color;
	/* Set by draw functions: where the terminal cursor belongs. */
	int			 cursor_y, cursor_x;
	bool			 dirty;
};

extern const struct screen *const app_screens[];
extern const int app_nscreens;

/* Runs the application on an open, writable session. */
int	 app_run(struct session *);
/* Sets a new session up on a scenario (setup screen), then runs it. */
int	 app_run_new(const struct scenario *);
/* The trainer's screen of a hosted session: consoles served meanwhile. */
int	 app_run_host(struct session *, struct host *);
/* A team console joined to a host. */
int	 app_run_client(struct client *);
/*
 * The screens of a team on a past state (replay): nothing can be decided,
 * nothing is saved; returns to the caller's screen.  Curses must be up.
 */
int	 app_run_view(struct session *, int team, const char *when);

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
/* Pick one of n labels; -1 if cancelled. */
int	 app_choose(struct app *, const char *title, const char *const *labels,
	    int n, int initial);

/* Drawing helpers: text clipped to width columns, by display width. */
void	 app_text(struct app *, int y, int x, int width, enum app_role,
	    const char *);
void	 app_textf(struct app *, int y, int x, int width, enum app_role,
	    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Wraps text into rows starting at y; returns rows used (<= max). */
int	 app_paragraph(struct app *, int y, int x, int width, int max,
	    enum app_role, const char *);
void	 app_heading(struct app *, int y, const char *);
/* Places the terminal cursor (for screen readers) on the focused item. */
void	 app_cursor(struct app *, int y, int x);
/* Keeps focus within [0, n) and scroll so that focus is visible. */
void	 app_list_keys(struct app *, int n, int rows, int kind, wint_t ch,
	    int *result);

/*
 * Scrolling keys of a document of total rows (-1: unknown, the draw clamps)
 * shown page rows at a time: ↑↓ j k, PgPréc PgSuiv Espace b, Début Fin g G.
 */
int	 app_scroll_keys(int *first, int total, int page, int kind, wint_t ch);
const char *app_actor_name(const struct app *);
struct team *app_team(const struct app *);

#endif
