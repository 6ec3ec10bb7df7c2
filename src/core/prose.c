/*
 * prose: word counts and mentions for the E3 indicators (see prose.h).
 * Pure; the one-shot functions use a bounded scratch array per call, a
 * prose_set grows on the heap.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/prose.h"
#include "util/xalloc.h"

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

/*
 * What each byte is in a word: 0 if it ends one, else the byte folded to
 * lower case (ASCII letters and digits; bytes of 0x80 and above count as
 * letters, kept as they are).  A table, so that reading a word costs one
 * look-up a byte; the NUL byte ends every word.
 */
static const unsigned char prose_byte[256] = {
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37,
	0x38, 0x39, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67,
	0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
	0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77,
	0x78, 0x79, 0x7a, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67,
	0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
	0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77,
	0x78, 0x79, 0x7a, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
	0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f,
	0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97,
	0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f,
	0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
	0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
	0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7,
	0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf,
	0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7,
	0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf,
	0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7,
	0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf,
	0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7,
	0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
	0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7,
	0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff,
};

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
	unsigned char		 b;
	char			 f;

	while (*s != '\0' && prose_byte[*s] == 0)
		s++;
	while ((b = prose_byte[*s]) != 0) {
		if ((*s & 0xc0) != 0x80)
			chars++;
		if (*s == 0xc3 && (f = prose_fold_c3(s[1])) != 0) {
			if (n < PROSE_WORD_MAX - 1)
				out[n++] = f;
			s += 2;
		} else {
			if (n < PROSE_WORD_MAX - 1)
				out[n++] = (char)b;
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
	struct prose_set	 set = { 0 };
	int			 n;

	prose_set_add(&set, s);
	n = set.distinct;
	prose_set_release(&set);
	return n;
}

bool
prose_substantive(const char *s, enum prose_kind k)
{
	struct prose_set	 set = { 0 };
	bool			 ok;

	prose_set_add(&set, s);
	ok = prose_set_substantive(&set, k);
	prose_set_release(&set);
	return ok;
}

/* FNV-1a: the folded words are short and the table small. */
static unsigned
prose_hash(const char *w)
{
	uint32_t	 h = 2166136261u;

	for (; *w != '\0'; w++)
		h = (h ^ (unsigned char)*w) * 16777619u;
	return h;
}

/* The slot holding w, or the empty one where it would go. */
static size_t
prose_set_find(const struct prose_set *set, const char *w)
{
	size_t	 i = prose_hash(w) & (set->nslot - 1);

	while (set->slot[i] != 0 &&
	    strcmp(set->words + set->slot[i] - 1, w) != 0)
		i = (i + 1) & (set->nslot - 1);
	return i;
}

static void
prose_set_grow(struct prose_set *set)
{
	unsigned	*old = set->slot;
	size_t		 n = set->nslot, i, j;

	if (n == 0) {
		set->slot = set->slot0;
		set->nslot = PROSE_SET_SLOTS0;
		memset(set->slot0, 0, sizeof set->slot0);
		return;
	}
	set->nslot = n * 2;
	set->slot = xcalloc(set->nslot, sizeof *set->slot);
	for (i = 0; i < n; i++)
		if (old[i] != 0) {
			j = prose_set_find(set, set->words + old[i] - 1);
			set->slot[j] = old[i];
		}
	if (old != set->slot0)
		free(old);
}

void
prose_set_add(struct prose_set *set, const char *text)
{
	char	 w[PROSE_WORD_MAX];
	int	 chars;
	size_t	 i, n;

	if (text == NULL)
		return;
	while ((chars = prose_next(&text, w)) > 0) {
		set->total++;
		/* Half full at most, so that probes stay short. */
		if ((size_t)set->count * 2 >= set->nslot)
			prose_set_grow(set);
		i = prose_set_find(set, w);
		if (set->slot[i] != 0)
			continue;
		n = strlen(w) + 1;
		if (set->cap == 0) {
			set->words = set->words0;
			set->cap = sizeof set->words0;
		}
		if (set->len + n > set->cap) {
			set->cap *= 2;
			if (set->words == set->words0) {
				set->words = xmalloc(set->cap);
				memcpy(set->words, set->words0, set->len);
			} else
				set->words = xreallocarray(set->words,
				    set->cap, 1);
		}
		memcpy(set->words + set->len, w, n);
		set->slot[i] = (unsigned)set->len + 1;
		set->len += n;
		set->count++;
		/* A folded word is never shorter in bytes than in characters
		 * before PROSE_WORD_MAX cuts it, so one spelling is always
		 * short or always long: counting it once is prose_distinct's
		 * count (whose cap is far above every rule). */
		if (chars >= 3 && set->distinct < PROSE_SEEN_MAX)
			set->distinct++;
	}
}

void
prose_set_clear(struct prose_set *set)
{
	if (set->slot != NULL)
		memset(set->slot, 0, set->nslot * sizeof *set->slot);
	set->len = 0;
	set->count = set->distinct = set->total = 0;
}

void
prose_set_release(struct prose_set *set)
{
	if (set->words != set->words0)
		free(set->words);
	if (set->slot != set->slot0)
		free(set->slot);
	set->words = NULL;
	set->slot = NULL;
	set->len = set->cap = set->nslot = 0;
	set->count = set->distinct = set->total = 0;
}

bool
prose_set_substantive(const struct prose_set *set, enum prose_kind k)
{
	return set->total >= prose_rules[k].min_words &&
	    set->distinct >= prose_rules[k].min_distinct;
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
prose_set_mentions(const struct prose_set *set, const char *name)
{
	char	 w[PROSE_WORD_MAX];

	if (name == NULL || set->count == 0)
		return false;
	while (prose_next(&name, w) > 0)
		/* The table first: most words of a name are not in the
		 * text, and that costs one probe, not the common words'
		 * list. */
		if (strlen(w) >= 4 && set->slot[prose_set_find(set, w)] != 0 &&
		    !prose_is_common(w))
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
