/*
 * export: the texts an evaluator or a candidate takes away from a session,
 * as pure functions of the replayed session (and the evaluators' marks):
 *
 *   rex     the candidate's file for writing the REX (Markdown): context,
 *           own decisions with what each caused, incidents, status points,
 *           results, and the REX outline left empty — facts only;
 *   grid    the E3 evaluation grid (Markdown or CSV): one row per criterion,
 *           one column per team and per candidate;
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
	EXPORT_CSV
};

/* The REX file of a candidate; NULL and a French *cause if unknown. */
char	*export_rex(struct session *, const char *candidate, char **cause);
/* The E3 grid; results are previewed if the game is not over. */
char	*export_grid(struct session *, const struct marks *,
	    enum export_format);
/* Every event of the journal as CSV. */
char	*export_events(const struct session *);
/* EX_OK, or a sysexits code and a French *cause (nothing replaced on
 * failure). */
int	 export_write(const char *path, const char *text, char **cause);

#endif
