/*
 * screens: every screen of the terminal interface, one file each.  Each
 * exports one const struct screen (see app.h); app.c lists them in tab
 * order.
 */
#ifndef PILOTE_SCREENS_H
#define PILOTE_SCREENS_H

#include "tui/app.h"

extern const struct screen screen_overview;	/* trainer: all teams */
extern const struct screen screen_brief;	/* the scenario's brief */
extern const struct screen screen_log;		/* decisions and their why */

#endif
