/*
 * xalloc: abort-on-failure allocation wrappers (see xalloc.h).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static void
xalloc_die(const char *what, size_t size)
{
	/* No gettext here: the translation machinery may itself allocate. */
	fprintf(stderr, "pilote: %s: out of memory (%zu bytes)\n", what, size);
	abort();
}

void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		xalloc_die("xmalloc", size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		xalloc_die("xcalloc", n * size);
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	if (size != 0 && n > SIZE_MAX / size)
		xalloc_die("xreallocarray", SIZE_MAX);
	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = realloc(old, n * size)) == NULL)
		xalloc_die("xreallocarray", n * size);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void *
xgrow(void *p, size_t n, size_t size)
{
	/* Room for 4 first: most such arrays stay that small. */
	if (n == 0)
		return xreallocarray(p, 4, size);
	if (n >= 4 && (n & (n - 1)) == 0)
		return xreallocarray(p, n * 2, size);
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 ap2;
	int	 len;
	char	*p, small[256];

	/* Most texts are short: written once on the stack, then copied,
	 * rather than measured by a first vsnprintf and written by a second. */
	va_copy(ap2, ap);
	len = vsnprintf(small, sizeof small, fmt, ap2);
	va_end(ap2);
	if (len < 0)
		xalloc_die("xvasprintf", 0);
	p = xmalloc((size_t)len + 1);
	if ((size_t)len < sizeof small)
		memcpy(p, small, (size_t)len + 1);
	else
		vsnprintf(p, (size_t)len + 1, fmt, ap);
	return p;
}

void
xvappendf(char **s, const char *sep, const char *fmt, va_list ap)
{
	va_list	 ap2;
	size_t	 len = *s != NULL ? strlen(*s) : 0, seplen;
	int	 n;
	char	 small[256];

	seplen = *s != NULL && **s != '\0' ? strlen(sep) : 0;
	va_copy(ap2, ap);
	n = vsnprintf(small, sizeof small, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		xalloc_die("xappendf", 0);
	*s = xreallocarray(*s, len + seplen + (size_t)n + 1, 1);
	memcpy(*s + len, sep, seplen);
	if ((size_t)n < sizeof small)
		memcpy(*s + len + seplen, small, (size_t)n + 1);
	else
		vsnprintf(*s + len + seplen, (size_t)n + 1, fmt, ap);
}

void
xappendf(char **s, const char *sep, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	xvappendf(s, sep, fmt, ap);
	va_end(ap);
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}
