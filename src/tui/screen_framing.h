/*
 * screen_framing: the team's framing screen (phase 1, "cadrage"), private
 * interface shared by its files.  The screen is a set of sub-views switched
 * by one letter each (listed on its first row): tools, packages and offers,
 * suppliers' framework, retro-planning, roles and accommodations, budget
 * and alerts.  Every sub-view draws the engine's state and turns keys into
 * engine commands (app_command); the engine decides and its refusals show
 * on the message line.  What is kept here is only where the user is (the
 * sub-view, and in each the selected row, the first row shown, the offer
 * column): never game state.
 */
#ifndef PILOTE_SCREEN_FRAMING_H
#define PILOTE_SCREEN_FRAMING_H

#include <stdint.h>

#include "tui/app.h"

/*
 * A sub-view.  Where the user is in it is an app_list of the screen's
 * state (its column: the offer in Lots, the load view in Rétroplanning),
 * saved in the .ui file under the sub-view's id.
 */
struct fr_view {
	wint_t		 letter;	/* the letter that shows it */
	const char	*label;		/* French msgid, short */
	const char	*hint;		/* its own keys, one line, msgid */
	void		(*draw)(struct app *, struct app_list *, int top,
			    int rows);
	int		(*key)(struct app *, struct app_list *, int kind,
			    wint_t ch);
	/* The name the selected row is about (alerts that quote it come
	 * first in the alerts panel), or NULL. */
	const char	*(*subject)(const struct app *,
			    const struct app_list *);
	/* Whether the view lists every alert itself (no bottom panel). */
	bool		 alerts;
	const char	*id;		/* ASCII, its keys in the .ui file */
};

extern const struct fr_view fr_view_tools;	/* screen_framing.c */
extern const struct fr_view fr_view_budget;	/* screen_framing.c */
extern const struct fr_view fr_view_packages;	/* screen_framing_lots.c */
extern const struct fr_view fr_view_suppliers;	/* screen_framing_team.c */
extern const struct fr_view fr_view_team;	/* screen_framing_team.c */
extern const struct fr_view fr_view_plan;	/* screen_framing_plan.c */

/* Text clipped to width columns and to the screen's right edge, with "…"
 * when it is cut. */
void	 fr_put(struct app *, int y, int x, int width, enum app_role,
	    const char *);
void	 fr_putf(struct app *, int y, int x, int width, enum app_role,
	    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* s fitted to width columns ("…" when cut), right-aligned if right. */
char	*fr_fit(char *buf, size_t n, const char *s, int width, bool right);
/* A dialog title fitted to the dialog's width ("…" when cut): takes s
 * (allocated) and returns it fitted (allocated). */
char	*fr_dialog(char *s);
/* Display width of s. */
int	 fr_width(const char *s);


/* Week w as the retro-planning names it: "S-3" (weeks before launch). */
const char *fr_week(const struct app *, int w, char buf[16]);
/* The team's screens are read-only for the trainer: says so, true. */
bool	 fr_readonly(struct app *);
/* What the engine forecasts a package will cost, cents. */
int64_t	 fr_package_cost(const struct app *, int package);
/* The highest planned load of a person over the weeks, centi-days. */
int	 fr_peak_load(const struct app *, int staff);
/* "Hugo, Lucie": the people on an internal package (first names or
 * full names), allocated. */
char	*fr_people(const struct app *, int package, bool first_names);
/* The name of a person without the family name ("Hélène"). */
const char *fr_first_name(const char *name, char buf[64]);

#endif
