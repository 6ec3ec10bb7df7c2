/*
 * wrap: display-width line breaking (see wrap.h).
 */
#include <string.h>
#include <wchar.h>

#include "util/wrap.h"

/* Bytes and columns of the character at s; invalid bytes count as one. */
static size_t
wrap_char(const char *s, size_t avail, int *cols)
{
	mbstate_t	 st;
	wchar_t		 wc;
	size_t		 n;
	int		 w;

	memset(&st, 0, sizeof st);
	n = mbrtowc(&wc, s, avail, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*cols = 1;
		return 1;
	}
	w = wcwidth(wc);
	*cols = w < 0 ? 1 : w;
	return n;
}

int
wrap_width(const char *s, size_t n)
{
	size_t	 i = 0;
	int	 cols, total = 0;

	while (i < n) {
		i += wrap_char(s + i, n - i, &cols);
		total += cols;
	}
	return total;
}

/*
 * French typography puts a space before ; : ! ? » % € and after «; a line
 * must not start or end with those, so such spaces do not break.
 */
static int
wrap_can_break(const char *s, size_t i)
{
	const char	*after = s + i + 1;

	if (*after == ';' || *after == ':' || *after == '!' || *after == '?' ||
	    *after == '%' || strncmp(after, "»", strlen("»")) == 0 ||
	    strncmp(after, "€", strlen("€")) == 0)
		return 0;
	if (i >= strlen("«") && strncmp(s + i - strlen("«"), "«",
	    strlen("«")) == 0)
		return 0;
	/* A number grouped by thousands with plain spaces, « 7 000 »,
	 * « 3 000 000 », stays on one line. */
	if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9' &&
	    after[0] >= '0' && after[0] <= '9' && after[1] >= '0' &&
	    after[1] <= '9' && after[2] >= '0' && after[2] <= '9' &&
	    !(after[3] >= '0' && after[3] <= '9'))
		return 0;
	return 1;
}

void
wrap_next(const char *s, int width, size_t *len, size_t *next)
{
	size_t	 total = strlen(s), i = 0, n, last_space = 0;
	int	 used = 0, cols;
	int	 seen_space = 0;

	if (width < 1)
		width = 1;
	while (i < total) {
		n = wrap_char(s + i, total - i, &cols);
		if (used + cols > width)
			break;
		if (s[i] == ' ' && wrap_can_break(s, i)) {
			last_space = i;
			seen_space = 1;
		}
		used += cols;
		i += n;
	}
	if (i >= total) {
		*len = *next = total;
		return;
	}
	if (s[i] == ' ' && wrap_can_break(s, i)) {
		*len = i;
	} else if (seen_space && last_space > 0) {
		*len = last_space;
		i = last_space;
	} else {
		/* A word longer than the line: cut it, at least one char. */
		if (i == 0)
			i = wrap_char(s, total, &cols);
		*len = i;
	}
	while (s[i] == ' ')
		i++;
	*next = i;
}

char *
wrap_pad(char *out, size_t n, const char *s, int width, int right)
{
	size_t	 len = strlen(s), i = 0, k;
	int	 used = 0, cols, pad;

	/* Take whole characters while they fit. */
	while (i < len) {
		k = wrap_char(s + i, len - i, &cols);
		if (used + cols > width)
			break;
		used += cols;
		i += k;
	}
	pad = width - used;
	if (i + (size_t)pad + 1 > n) {
		out[0] = '\0';
		return out;
	}
	if (right) {
		memset(out, ' ', (size_t)pad);
		memcpy(out + pad, s, i);
	} else {
		memcpy(out, s, i);
		memset(out + i, ' ', (size_t)pad);
	}
	out[i + (size_t)pad] = '\0';
	return out;
}
