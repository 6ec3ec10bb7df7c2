/*
 * pager: a full-screen reader for a brief (scroll, help, resize), the first
 * screen of pilote play.  Draws only; it changes no game state.
 */
#ifndef PILOTE_PAGER_H
#define PILOTE_PAGER_H

#include "io/brief.h"

/* Shows the brief until the user quits; returns a sysexits.h code. */
int	pager_run(const struct brief *, const char *footer);

#endif
