/*
 * marks: the evaluators' marks on E3 criteria, kept beside the session in
 * "<session>.marks" (JSON Lines, one mark per line, appended with one
 * write and fdatasync, so a mark survives a crash).  The sealed journal is
 * never touched.  A later mark for the same (team, candidate, criterion)
 * replaces an earlier one; the file keeps the history.  A torn last line
 * (crash mid-write) is ignored.
 *
 * A mark: team, candidate (NULL: the team as a whole), criterion (E3 key,
 * see scenario_e3_keys), level, comment, evidence (journal seqs), author and
 * time.
 */
#ifndef PILOTE_MARKS_H
#define PILOTE_MARKS_H

#include <stdint.h>

enum mark_level {
	MARK_NONE = 0,		/* not marked yet */
	MARK_ACQUIRED,		/* "acquis" */
	MARK_PARTLY,		/* "partiellement acquis" */
	MARK_NOT_ACQUIRED	/* "non acquis" */
};

extern const char *const mark_level_keys[4];	/* "", "acquis", ... */
extern const char *const mark_level_labels[4];	/* French, for display */

struct mark {
	char		*team;
	char		*candidate;	/* NULL for the team */
	int		 criterion;	/* enum e3_criterion */
	enum mark_level	 level;
	char		*comment;
	int64_t		*evidence;
	int		 nevidence;
	char		*author;
	int64_t		 time;		/* ms */
};

struct marks {
	struct mark	*items;		/* the current marks, one per key */
	int		 count;
	char		*path;
};

/* Reads "<session>.marks" (absent: no mark); -1 and *cause if damaged. */
int		 marks_load(const char *session_path, struct marks *,
		    char **cause);
/* Appends a mark durably and updates the set; -1 and *cause. */
int		 marks_put(struct marks *, const struct mark *, char **cause);
const struct mark *marks_find(const struct marks *, const char *team,
		    const char *candidate, int criterion);
void		 marks_release(struct marks *);

#endif
