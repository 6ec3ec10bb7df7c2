/*
 * prose: word counts and mentions for the E3 indicators (see prose.h).
 * Pure; no allocation beyond a bounded scratch array per call.
 */
#include <string.h>

#include "core/prose.h"

const struct prose_rule prose_rules[PROSE_KIND_COUNT] = {
	[PROSE_POINT_PART] = { 12, 8 },
	[PROSE_MISSION] = { 8, 6 },
	[PROSE_FORMAT] = { 4, 3 },
	[PROSE_ACCEPTANCE] = { 6, 4 },
	[PROSE_WHY] = { 6, 4 },
};

#define PROSE_WORD_MAX	48	/* bytes of a folded word kept */
#define PROSE_SEEN_MAX	256	/* distinct words remembered */

/* Words too common to name anything (folded, 4 characters or more). */
static const char *const prose_common[] = {
	"avec", "dans", "pour", "sans", "sous", "plus", "tout", "tous",
	"toute", "toutes", "leur", "leurs", "notre", "nous", "vous", "elle",
	"elles", "cette", "celle", "entre", "depuis", "apres", "avant",
	"groupe", "equipe", "projet", "standard", "offre", "pack", "premium",
	"professional", "plus", "starter", "business", "cloud", "software",
	"google", "microsoft", "workspace", "partage", "lancement",
};

static bool
prose_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80;
}

/* Latin-1 letters after 0xC3 in UTF-8, folded to ASCII (0: keep). */
static char
prose_fold_c3(unsigned char c)
{
	static const char map[65] =
	    "aaaaaaaceeeeiiiidnooooo ouuuuyts"
	    "aaaaaaaceeeeiiiidnooooo ouuuuyty";

	return c >= 0x80 && c <= 0xbf && map[c - 0x80] != ' ' ?
	    map[c - 0x80] : 0;
}

/*
 * Reads the word starting at or after *p into out (folded, NUL-terminated,
 * cut at PROSE_WORD_MAX - 1 bytes); advances *p past it.  Returns its
 * length in characters, 0 at the end.
 */
static int
prose_next(const char **p, char *out)
{
	const unsigned char	*s = (const unsigned char *)*p;
	size_t			 n = 0;
	int			 chars = 0;
	char			 f;

	while (*s != '\0' && !prose_letter(*s))
		s++;
	while (*s != '\0' && prose_letter(*s)) {
		if ((*s & 0xc0) != 0x80)
			chars++;
		if (*s == 0xc3 && (f = prose_fold_c3(s[1])) != 0) {
			if (n < PROSE_WORD_MAX - 1)
				out[n++] = f;
			s += 2;
		} else {
			if (n < PROSE_WORD_MAX - 1)
				out[n++] = (char)(*s >= 'A' && *s <= 'Z' ?
				    *s + 'a' - 'A' : *s);
			s++;
		}
	}
	out[n] = '\0';
	*p = (const char *)s;
	return chars;
}

int
prose_words(const char *s)
{
	char	 w[PROSE_WORD_MAX];
	int	 n = 0;

	if (s == NULL)
		return 0;
	while (prose_next(&s, w) > 0)
		n++;
	return n;
}

int
prose_distinct(const char *s)
{
	char	 seen[PROSE_SEEN_MAX][PROSE_WORD_MAX], w[PROSE_WORD_MAX];
	int	 n = 0, i, len;

	if (s == NULL)
		return 0;
	while ((len = prose_next(&s, w)) > 0) {
		if (len < 3)
			continue;
		for (i = 0; i < n && strcmp(seen[i], w) != 0; i++)
			;
		if (i == n && n < PROSE_SEEN_MAX)
			memcpy(seen[n++], w, sizeof w);
	}
	return n;
}

bool
prose_substantive(const char *s, enum prose_kind k)
{
	return prose_words(s) >= prose_rules[k].min_words &&
	    prose_distinct(s) >= prose_rules[k].min_distinct;
}

static bool
prose_is_common(const char *w)
{
	size_t	 i;

	for (i = 0; i < sizeof prose_common / sizeof prose_common[0]; i++)
		if (strcmp(prose_common[i], w) == 0)
			return true;
	return false;
}

/* Whether folded word w is a word of text. */
static bool
prose_has_word(const char *text, const char *w)
{
	char	 x[PROSE_WORD_MAX];

	while (prose_next(&text, x) > 0)
		if (strcmp(x, w) == 0)
			return true;
	return false;
}

bool
prose_mentions(const char *text, const char *name)
{
	char	 w[PROSE_WORD_MAX];

	if (text == NULL || name == NULL)
		return false;
	while (prose_next(&name, w) > 0)
		if (strlen(w) >= 4 && !prose_is_common(w) &&
		    prose_has_word(text, w))
			return true;
	return false;
}

bool
prose_has_figure(const char *text)
{
	const char	*p;
	int		 digits = 0;

	if (text == NULL)
		return false;
	for (p = text; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9') {
			if (++digits >= 2 && (p - digits < text ||
			    p[-digits] != '-'))
				return true;
		} else
			digits = 0;
	}
	return false;
}
