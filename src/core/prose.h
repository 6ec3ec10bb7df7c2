/*
 * prose: what a candidate's text says, measured without judging its style,
 * so that the E3 indicators (core/indicators.c) can tell a written answer
 * from a form filled with « x ».  Words are maximal runs of letters and
 * digits (UTF-8 bytes of 0x80 and above count as letters); matching folds
 * ASCII case and the accents of Latin-1 letters (« Équipe » = « equipe »).
 *
 * The thresholds are declared once, in prose_rules[], and man/indicateurs.md
 * states them; every caller names the kind of text it judges.
 */
#ifndef PILOTE_PROSE_H
#define PILOTE_PROSE_H

#include <stdbool.h>

enum prose_kind {
	PROSE_POINT_PART,	/* one of a status point's three parts */
	PROSE_MISSION,		/* a role's missions */
	PROSE_FORMAT,		/* a supplier's deliverable format */
	PROSE_ACCEPTANCE,	/* a supplier's acceptance criteria */
	PROSE_WHY,		/* a justification */
	PROSE_KIND_COUNT
};

struct prose_rule {
	int	 min_words;	/* words, at least */
	int	 min_distinct;	/* distinct words of 3 characters or more */
};

extern const struct prose_rule prose_rules[PROSE_KIND_COUNT];

/* Words in s (NULL: 0). */
int	 prose_words(const char *s);
/* Distinct words of 3 characters or more, folded. */
int	 prose_distinct(const char *s);
/* Whether s says enough for its kind (prose_rules). */
bool	 prose_substantive(const char *s, enum prose_kind);
/*
 * Whether text names what `name` names: one of name's words of 4
 * characters or more (folded, not a common French word) appears as a word
 * of text.  NULL text or name: false.
 */
bool	 prose_mentions(const char *text, const char *name);
/*
 * The distinct folded words of one or more texts, for asking many
 * questions of the same texts: a text is read once, then each name is
 * looked up, instead of reading the text again for every word of every
 * name.  Answers are exactly those of prose_mentions() and
 * prose_distinct() on the texts added.  Zeroed (or released) = empty.
 * The first words go in the set itself, without allocation (most texts
 * judged are a few lines): a set is not copied.
 */
#define PROSE_SET_SLOTS0	64
#define PROSE_SET_BYTES0	768

struct prose_set {
	char		*words;		/* NUL-terminated folded words */
	size_t		 len, cap;
	unsigned	*slot;		/* hash table: offset + 1, 0 empty */
	size_t		 nslot;
	int		 count;		/* distinct words */
	int		 distinct;	/* of them, of 3 characters or more */
	int		 total;		/* words added, repeats included */
	unsigned	 slot0[PROSE_SET_SLOTS0];	/* the first room */
	char		 words0[PROSE_SET_BYTES0];
};

void	 prose_set_add(struct prose_set *, const char *text);
/* Empties the set, keeping its memory for the next texts. */
void	 prose_set_clear(struct prose_set *);
void	 prose_set_release(struct prose_set *);
/* Whether the texts added name what name names (see prose_mentions). */
bool	 prose_set_mentions(const struct prose_set *, const char *name);
/* Whether the texts added say enough for their kind (prose_substantive). */
bool	 prose_set_substantive(const struct prose_set *, enum prose_kind);

/* Whether text holds a figure: a number of 2 digits or more (« 12 000 € »,
 * « 15 % », « S-3 » does not count). */
bool	 prose_has_figure(const char *text);

#endif
