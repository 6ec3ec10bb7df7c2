/*
 * i18n: gettext wrapping.  Message ids are the French texts themselves, so
 * the program is complete without any catalogue installed; po/ holds the
 * template for translators.  N_() marks texts translated later, at display.
 */
#ifndef PILOTE_I18N_H
#define PILOTE_I18N_H

#include <libintl.h>

#define _(s)	gettext(s)
#define N_(s)	(s)

#endif
