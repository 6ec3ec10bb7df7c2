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
/* Whether text holds a figure: a number of 2 digits or more (« 12 000 € »,
 * « 15 % », « S-3 » does not count). */
bool	 prose_has_figure(const char *text);

#endif
