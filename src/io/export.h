/*
 * export: the texts an evaluator or a candidate takes away from a session,
 * as pure functions of the replayed session (and the evaluators' marks):
 *
 *   rex     the candidate's file for writing the REX (Markdown): context,
 *           own decisions with what each caused, incidents, status points,
 *           results, and the REX outline left empty — facts only;
 *   grid    the E3 evaluation grid: a class summary, then one page per
 *           candidate (criteria with the CR codes, the oral and REX rows,
 *           a signature line); Markdown, HTML (io/report.h) or a long CSV
 *           (one row per candidate and criterion);
 *   events  every journal event (CSV).
 *
 * Nothing reads a clock: the same journal and marks give the same bytes.
 * CSV is for LibreOffice and Excel: UTF-8 with a BOM, ";" separators, every
 * field quoted (quotes doubled), CRLF line ends.  export_write() writes a
 * text atomically (io/atomic), or to stdout for "-" or NULL.
 */
#ifndef PILOTE_EXPORT_H
#define PILOTE_EXPORT_H

#include "io/marks.h"
#include "io/session.h"

enum export_format {
	EXPORT_MARKDOWN,
	EXPORT_CSV,
	EXPORT_HTML
};

/*
 * The jury's grid, row by row, as every format shows it: the E3 criteria
 * (the indicator of the candidate's team, its level, finding and rule,
 * the candidate's own evidence: events he made or status points he
 * co-wrote, the jury's mark: his own, else the team's), then the rows the
 * jury fills in alone (the oral, the REX).
 */
#define EXPORT_JURY_ROWS	2
#define EXPORT_GRID_ROWS	(E3_CRITERION_COUNT + EXPORT_JURY_ROWS)
struct export_cell {
	const char	*code;		/* "CR11–13 · C12" */
	const char	*label;
	char		*figure;	/* "72/100", "—", or "" (jury rows) */
	const char	*level;
	const char	*finding;
	const char	*rule;
	char		*evidence;
	const char	*mark;
	const char	*mark_comment;
};
void	 export_grid_cell(const struct session *, const struct marks *,
	    const struct team *, const char *candidate, int row,
	    struct export_cell *);
void	 export_cell_release(struct export_cell *);
/* How many criteria of a team are at each level (the class summary). */
void	 export_team_levels(const struct team *, int counts[E3_LEVEL_COUNT]);

/* The REX file of a candidate; NULL and a French *cause if unknown. */
char	*export_rex(struct session *, const char *candidate, char **cause);
/* The E3 grid (Markdown or CSV; HTML: report_grid()); results are
 * previewed if the game is not over. */
char	*export_grid(struct session *, const struct marks *,
	    enum export_format);
/* Every event of the journal as CSV. */
char	*export_events(const struct session *);
/* EX_OK, or a sysexits code and a French *cause (nothing replaced on
 * failure). */
int	 export_write(const char *path, const char *text, char **cause);

#endif
