/*
 * later: a printf call kept as data, written out only when someone reads
 * it.  The engine explains everything it does (« « Spot vidéo » glisse
 * d'une semaine chez ... »), but most explanations of a simulated game are
 * never read: it keeps the format (a msgid marked N_()) and a copy of the
 * arguments, and the text is built, in the reader's language, on the first
 * later_text().
 *
 * Conversions: d i u x X o c with the length modifiers hh h l ll z j t, s,
 * f e g a (double), widths and precisions, * included, and %%.  A
 * translation may reorder the arguments (%2$s); if its conversions do not
 * take the same types as the msgid's, the msgid is written instead.
 */
#ifndef PILOTE_LATER_H
#define PILOTE_LATER_H

#include <stdarg.h>

struct later;

/* Keeps fmt (static: a msgid) and copies of the arguments; never NULL. */
struct later	*later_new(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
struct later	*later_newv(const char *fmt, va_list)
		    __attribute__((format(printf, 1, 0)));
/* A copy of its own (NULL: NULL), the text read or not. */
struct later	*later_clone(const struct later *);
void		 later_free(struct later *);
/* The msgid. */
const char	*later_format(const struct later *);
/*
 * The text, translated (gettext), built on the first call and kept: the
 * pointer stays valid until later_free().  Only the layers above the
 * engine call it (the engine holds no gettext).
 */
const char	*later_text(struct later *);
/* The text untranslated, built anew (the caller frees it): for the
 * engine's dumps, which must not depend on the reader's language. */
char		*later_raw(const struct later *);
/* The text written with fmt, a translation of the msgid (the same
 * arguments, maybe reordered: %2$s); NULL if fmt does not take them.  The
 * caller frees it. */
char		*later_with(const struct later *, const char *fmt);

#endif
