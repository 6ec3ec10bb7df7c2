/*
 * brief: the scenario as the teams read it before framing (client, brief,
 * objectives, budget, staff and their needs, roles, packages, suppliers and
 * offers, tools, planned status points) as a list of styled paragraphs.
 * Never shows the incident catalogue: teams must not see what will happen.
 * A pure function of the model; the terminal and the text output wrap it.
 */
#ifndef PILOTE_BRIEF_H
#define PILOTE_BRIEF_H

#include "core/scenario.h"

enum brief_style {
	BRIEF_TITLE,
	BRIEF_HEADING,
	BRIEF_TEXT,
	BRIEF_ITEM,		/* a bullet */
	BRIEF_SUBITEM,		/* a bullet under a bullet */
	BRIEF_BLANK
};

struct brief_line {
	enum brief_style	 style;
	char			*text;
};

struct brief {
	struct brief_line	*lines;
	int			 count;
	int			 capacity;
};

void	brief_build(const struct scenario *, struct brief *);
void	brief_release(struct brief *);

#endif
