/*
 * screens: every screen of the live interface, one file each.  Each
 * exports one const struct screen (see app.h) with its own state; app.c
 * lists them in tab order (app_screens).  The replay's screens are in
 * replay.c.
 */
#ifndef PILOTE_SCREENS_H
#define PILOTE_SCREENS_H

#include "tui/app.h"

extern const struct screen screen_overview;	/* trainer: all teams */
extern const struct screen screen_brief;	/* the scenario's brief */
extern const struct screen screen_framing;	/* the team's framing */
extern const struct screen screen_pilot;	/* dashboard, Gantt, Kanban */
extern const struct screen screen_incidents;	/* the incident inbox */
extern const struct screen screen_points;	/* status points and their editor */
extern const struct screen screen_results;	/* results and E3 evidence */
extern const struct screen screen_log;		/* decisions and their why */

#endif
