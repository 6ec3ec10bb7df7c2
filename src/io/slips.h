/*
 * slips: the access slips the trainer prints and hands out ("pilote
 * codes"): per team, a slip with the team's code (its shared console) and
 * the candidates' names, then one slip per candidate with his or her
 * personal code, each with the exact commands to type.  Personal codes are
 * on slips of their own because a personal code must not be seen by a
 * teammate (the console acts only in its holder's name).
 *
 * One self-contained HTML file: print CSS for A4, several slips per page
 * separated by dashed cut lines, no slip split across pages.  A pure
 * function of its arguments: the same codes give the same bytes.
 */
#ifndef PILOTE_SLIPS_H
#define PILOTE_SLIPS_H

#include <stdio.h>

#include "io/joincode.h"

/*
 * Writes the slips of g's teams to out.  session is the path the
 * candidates type (absolute, from their accounts); ssh, if not NULL, the
 * "COMPTE@POSTE" or "POSTE" they first connect to.  0, or -1 if out
 * failed.
 */
int	slips_html(FILE *out, const struct game *g, const struct joincodes *c,
	    const char *session, const char *ssh);

#endif
