/*
 * xalloc: allocation that never returns NULL.  Running out of memory in a
 * classroom tool is not recoverable in any useful way, so every caller is
 * spared an OOM branch: these abort with a message instead.  Strings returned
 * by xstrdup/xasprintf belong to the caller.
 */
#ifndef PILOTE_XALLOC_H
#define PILOTE_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
/*
 * Room for element n of an array appended to one element at a time, n its
 * count before the append: reallocated only when n is 0 (to 4) or a power
 * of two from 4 on, to twice n, so that n appends cost O(n) copying and O(log n) calls, not
 * one realloc each.  The capacity is implied by the count: only for arrays
 * that this function alone allocates.
 */
void	*xgrow(void *, size_t n, size_t size);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));
/*
 * Appends the formatted text to *s (NULL: empty), after sep when *s is not
 * empty: one vsnprintf and one realloc, where "%s%s%s" of the old text
 * would copy it twice more.
 */
void	 xappendf(char **s, const char *sep, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	 xvappendf(char **s, const char *sep, const char *fmt, va_list)
	    __attribute__((format(printf, 3, 0)));

#endif
