/*
 * later: printf calls kept as data (see later.h).  A format is read as a
 * list of conversion specifications; capturing takes each argument off the
 * va_list with the type its specification names, rendering hands it back
 * to snprintf one specification at a time, with the same type.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/later.h"
#include "util/xalloc.h"

#define LATER_MAX_ARGS	16	/* the longest explanation takes 7 */
#define LATER_SPEC_MAX	32	/* "%-+ #0" width precision length conv */

/* The C type an argument goes through the va_list as. */
enum later_kind {
	K_INT, K_LONG, K_LLONG, K_SIZE, K_INTMAX, K_PTRDIFF,
	K_UINT, K_ULONG, K_ULLONG, K_UINTMAX,
	K_DOUBLE, K_STRING,
	K_NONE			/* %%, or a specification we do not take */
};

union later_value {
	long long		 i;
	unsigned long long	 u;
	double			 d;
	size_t			 s;	/* offset in strings, or SIZE_MAX: NULL */
};

struct later {
	const char		*fmt;
	char			*text;	/* translated, once read */
	char			*raw;	/* the text itself, when the format could
					   not be kept as data (never in the
					   engine's formats; a safety net) */
	int			 nargs;
	unsigned char		 kinds[LATER_MAX_ARGS];
	union later_value	 values[LATER_MAX_ARGS];
	char			 strings[];	/* the %s arguments, end to end */
};

/* One conversion specification, as read from a format. */
struct later_spec {
	const char	*start, *end;	/* from '%' to past the conversion */
	int		 position;	/* n of "n$", 0 if none */
	int		 stars;		/* '*' width and precision: 0..2 */
	enum later_kind	 kind;
	char		 text[LATER_SPEC_MAX];	/* without "n$", to snprintf */
};

/* Reads the specification at p (on its '%'); false if malformed or not
 * one we take. */
static bool
later_parse(const char *p, struct later_spec *sp)
{
	const char	*q = p + 1, *body;
	int		 lng = 0;	/* 1 l, 2 ll, 3 z, 4 j, 5 t, -1 h/hh */
	size_t		 n;

	sp->start = p;
	sp->position = 0;
	sp->stars = 0;
	if (*q == '%') {
		sp->end = q + 1;
		sp->kind = K_NONE;
		return true;
	}
	if (*q >= '1' && *q <= '9') {
		const char	*d = q;
		int		 v = 0;

		while (*d >= '0' && *d <= '9')
			v = v * 10 + (*d++ - '0');
		if (*d == '$') {
			sp->position = v;
			q = d + 1;
		}
	}
	body = q;
	while (*q != '\0' && strchr("-+ #0'", *q) != NULL)
		q++;
	if (*q == '*') {
		sp->stars++;
		q++;
	} else
		while (*q >= '0' && *q <= '9')
			q++;
	if (*q == '.') {
		q++;
		if (*q == '*') {
			sp->stars++;
			q++;
		} else
			while (*q >= '0' && *q <= '9')
				q++;
	}
	if (q[0] == 'h') {
		lng = -1;
		q += q[1] == 'h' ? 2 : 1;
	} else if (q[0] == 'l') {
		lng = q[1] == 'l' ? 2 : 1;
		q += lng;
	} else if (*q == 'z' || *q == 'j' || *q == 't') {
		lng = *q == 'z' ? 3 : *q == 'j' ? 4 : 5;
		q++;
	}
	switch (*q) {
	case 'd': case 'i':
		sp->kind = lng == 1 ? K_LONG : lng == 2 ? K_LLONG :
		    lng == 3 ? K_SIZE : lng == 4 ? K_INTMAX : lng == 5 ?
		    K_PTRDIFF : K_INT;
		break;
	case 'u': case 'x': case 'X': case 'o':
		sp->kind = lng == 1 ? K_ULONG : lng == 2 ? K_ULLONG :
		    lng == 3 ? K_SIZE : lng == 4 ? K_UINTMAX : lng == 5 ?
		    K_PTRDIFF : K_UINT;
		break;
	case 'c':
		if (lng != 0)
			return false;
		sp->kind = K_INT;
		break;
	case 's':
		if (lng != 0)
			return false;
		sp->kind = K_STRING;
		break;
	case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
	case 'a': case 'A':
		if (lng != 0 && lng != 1)
			return false;
		sp->kind = K_DOUBLE;
		break;
	default:
		return false;	/* %p, %n, %L..., or malformed */
	}
	sp->end = q + 1;
	/* Positional stars (*m$) are not taken. */
	if (sp->position > 0 && sp->stars > 0)
		return false;
	n = (size_t)(sp->end - body);
	if (n + 2 > sizeof sp->text)
		return false;
	sp->text[0] = '%';
	memcpy(sp->text + 1, body, n);
	sp->text[n + 1] = '\0';
	return true;
}

struct later *
later_new(const char *fmt, ...)
{
	struct later	*l;
	va_list		 ap;

	va_start(ap, fmt);
	l = later_newv(fmt, ap);
	va_end(ap);
	return l;
}

struct later *
later_newv(const char *fmt, va_list ap)
{
	struct later_spec	 sp;
	struct later		*l;
	const char		*p, *strs[LATER_MAX_ARGS];
	unsigned char		 kinds[LATER_MAX_ARGS];
	union later_value	 values[LATER_MAX_ARGS];
	size_t			 total = 0, len;
	int			 n = 0, k;
	va_list			 copy;
	bool			 ok = true;

	va_copy(copy, ap);
	for (p = strchr(fmt, '%'); p != NULL && ok; p = strchr(p, '%')) {
		if (!later_parse(p, &sp) || sp.position > 0 ||
		    n + sp.stars + 1 > LATER_MAX_ARGS) {
			ok = false;
			break;
		}
		p = sp.end;
		if (sp.kind == K_NONE)
			continue;
		for (k = 0; k < sp.stars; k++) {
			kinds[n] = K_INT;
			values[n++].i = va_arg(copy, int);
		}
		kinds[n] = (unsigned char)sp.kind;
		strs[n] = NULL;
		switch (sp.kind) {
		case K_INT: values[n].i = va_arg(copy, int); break;
		case K_LONG: values[n].i = va_arg(copy, long); break;
		case K_LLONG: values[n].i = va_arg(copy, long long); break;
		case K_SIZE: values[n].u = va_arg(copy, size_t); break;
		case K_INTMAX: values[n].i = va_arg(copy, intmax_t); break;
		case K_PTRDIFF: values[n].i = va_arg(copy, ptrdiff_t); break;
		case K_UINT: values[n].u = va_arg(copy, unsigned); break;
		case K_ULONG: values[n].u = va_arg(copy, unsigned long); break;
		case K_ULLONG:
			values[n].u = va_arg(copy, unsigned long long);
			break;
		case K_UINTMAX: values[n].u = va_arg(copy, uintmax_t); break;
		case K_DOUBLE: values[n].d = va_arg(copy, double); break;
		case K_STRING:
			strs[n] = va_arg(copy, const char *);
			if (strs[n] != NULL)
				total += strlen(strs[n]) + 1;
			break;
		case K_NONE:
			break;
		}
		n++;
	}
	va_end(copy);
	if (!ok) {
		/* Not a format we keep: the text now, as vsnprintf writes it. */
		l = xcalloc(1, sizeof *l);
		l->fmt = fmt;
		l->raw = xvasprintf(fmt, ap);
		return l;
	}
	l = xmalloc(sizeof *l + total);
	l->fmt = fmt;
	l->text = l->raw = NULL;
	l->nargs = n;
	memcpy(l->kinds, kinds, (size_t)n);
	memcpy(l->values, values, (size_t)n * sizeof *values);
	for (k = 0, total = 0; k < n; k++) {
		if (kinds[k] != K_STRING)
			continue;
		if (strs[k] == NULL) {
			l->values[k].s = SIZE_MAX;
			continue;
		}
		len = strlen(strs[k]) + 1;
		memcpy(l->strings + total, strs[k], len);
		l->values[k].s = total;
		total += len;
	}
	return l;
}

struct later *
later_clone(const struct later *src)
{
	struct later	*l;
	size_t		 total = 0, end;
	int		 k;

	if (src == NULL)
		return NULL;
	/* The %s arguments lie end to end: the last one's end is the size. */
	for (k = 0; k < src->nargs; k++)
		if (src->kinds[k] == K_STRING && src->values[k].s != SIZE_MAX) {
			end = src->values[k].s +
			    strlen(src->strings + src->values[k].s) + 1;
			if (end > total)
				total = end;
		}
	l = xmalloc(sizeof *l + total);
	memcpy(l, src, sizeof *l + total);
	l->text = src->text != NULL ? xstrdup(src->text) : NULL;
	l->raw = src->raw != NULL ? xstrdup(src->raw) : NULL;
	return l;
}

void
later_free(struct later *l)
{
	if (l == NULL)
		return;
	free(l->text);
	free(l->raw);
	free(l);
}

const char *
later_format(const struct later *l)
{
	return l->fmt;
}

/* A growing text. */
struct later_buf {
	char	*s;
	size_t	 len, cap;
};

static void
later_reserve(struct later_buf *b, size_t n)
{
	if (b->len + n + 1 <= b->cap)
		return;
	while (b->len + n + 1 > b->cap)
		b->cap = b->cap ? b->cap * 2 : 128;
	b->s = xreallocarray(b->s, b->cap, 1);
}

static void
later_put(struct later_buf *b, const char *s, size_t n)
{
	later_reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/*
 * The specification's text is a format read from the msgid or from its
 * translation (a catalogue), not a literal: -Wformat-nonliteral cannot
 * check it, later_parse() did (the argument's type is the one it names).
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static int
later_snprintf(char *out, size_t n, const struct later_spec *sp,
    const int *stars, const struct later *l, int k)
{
	const union later_value	*v = &l->values[k];
	const char		*s;

#define LATER_CALL(x) (sp->stars == 0 ? snprintf(out, n, sp->text, x) :	\
	sp->stars == 1 ? snprintf(out, n, sp->text, stars[0], x) :		\
	snprintf(out, n, sp->text, stars[0], stars[1], x))
	switch ((enum later_kind)l->kinds[k]) {
	case K_INT: return LATER_CALL((int)v->i);
	case K_LONG: return LATER_CALL((long)v->i);
	case K_LLONG: return LATER_CALL((long long)v->i);
	case K_SIZE: return LATER_CALL((size_t)v->u);
	case K_INTMAX: return LATER_CALL((intmax_t)v->i);
	case K_PTRDIFF: return LATER_CALL((ptrdiff_t)v->i);
	case K_UINT: return LATER_CALL((unsigned)v->u);
	case K_ULONG: return LATER_CALL((unsigned long)v->u);
	case K_ULLONG: return LATER_CALL((unsigned long long)v->u);
	case K_UINTMAX: return LATER_CALL((uintmax_t)v->u);
	case K_DOUBLE: return LATER_CALL(v->d);
	case K_STRING:
		/* glibc writes "(null)" for NULL: so does vsnprintf. */
		s = v->s == SIZE_MAX ? NULL : l->strings + v->s;
		return LATER_CALL(s);
	case K_NONE:
		break;
	}
#undef LATER_CALL
	return -1;
}
#pragma GCC diagnostic pop

char *
later_with(const struct later *l, const char *fmt)
{
	struct later_buf	 b = { NULL, 0, 0 };
	struct later_spec	 sp;
	const char		*p = fmt, *pct;
	int			 next = 0, k, at, stars[2] = { 0, 0 }, n;
	bool			 positional = false, sequential = false;

	later_reserve(&b, strlen(fmt));
	b.s[0] = '\0';
	while ((pct = strchr(p, '%')) != NULL) {
		later_put(&b, p, (size_t)(pct - p));
		if (!later_parse(pct, &sp))
			goto mismatch;
		p = sp.end;
		if (sp.kind == K_NONE) {
			later_put(&b, "%", 1);
			continue;
		}
		if (sp.position > 0) {
			positional = true;
			at = sp.position - 1;
		} else {
			sequential = true;
			for (k = 0; k < sp.stars; k++) {
				if (next >= l->nargs || l->kinds[next] != K_INT)
					goto mismatch;
				stars[k] = (int)l->values[next++].i;
			}
			at = next++;
		}
		if ((positional && sequential) || at >= l->nargs ||
		    l->kinds[at] != sp.kind)
			goto mismatch;
		n = later_snprintf(NULL, 0, &sp, stars, l, at);
		if (n < 0)
			goto mismatch;
		later_reserve(&b, (size_t)n);
		later_snprintf(b.s + b.len, (size_t)n + 1, &sp, stars, l, at);
		b.len += (size_t)n;
	}
	later_put(&b, p, strlen(p));
	/* A sequential format takes every argument (positional ones may
	 * leave some out, as printf allows). */
	if (sequential && next != l->nargs)
		goto mismatch;
	return b.s;
mismatch:
	free(b.s);
	return NULL;
}

const char *
later_text(struct later *l)
{
	const char	*tr;

	if (l->raw != NULL)
		return l->raw;
	if (l->text == NULL) {
		tr = _(l->fmt);
		if (tr == l->fmt || (l->text = later_with(l, tr)) == NULL)
			l->text = later_with(l, l->fmt);
	}
	return l->text;
}

char *
later_raw(const struct later *l)
{
	char	*s;

	if (l->raw != NULL)
		return xstrdup(l->raw);
	/* The msgid always takes what was captured from it. */
	s = later_with(l, l->fmt);
	return s != NULL ? s : xstrdup("");
}
