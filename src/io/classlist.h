/*
 * classlist: a class list as schools export it (a CSV file from a
 * spreadsheet or a school's information system), read into the setup of a
 * session (struct game_setup, core/game.h): teams, then their candidates
 * with a role, a temps majoré and an assistant.
 *
 *   - Encoding: a UTF-8 BOM is dropped; valid UTF-8 is read as is; any
 *     other file is read as Windows-1252 (what Excel writes on a French
 *     Windows), converted by iconv.  A file that mixes UTF-8 and another
 *     encoding is refused: it would come out as « Ã© ».
 *   - Separator: ';' or ',', the more frequent of the two in the header
 *     line (';' on a tie: Excel's choice in French).
 *   - Fields: RFC 4180 (a quoted field may hold the separator, a line
 *     break and "" for a quote); lines end in CRLF, LF or CR; spaces
 *     around a field are dropped; a row of empty fields is skipped.
 *   - Header: the first line names the columns, matched without case,
 *     accents or punctuation, with synonyms (classlist.c, columns[]):
 *     équipe, candidat (or prénom and nom), rôle (the scenario's
 *     identifier or label), temps majoré (a percentage, « oui » for a
 *     tiers-temps), assistant.  Other columns are ignored, with a warning.
 *
 * Every problem goes to the diag as FILE:LINE, LINE the physical line where
 * the row begins (line breaks inside quotes counted), and every bad row is
 * reported, not only the first.  Rows are checked by the engine's own rules
 * (game_setup_check_team, game_setup_check_candidate): no bound is written
 * here twice.
 *
 * Invariant after CLASSLIST_OK: setup passes game_setup_check() for the
 * scenario given, and its strings belong to the classlist until
 * classlist_release().
 */
#ifndef PILOTE_CLASSLIST_H
#define PILOTE_CLASSLIST_H

#include <stddef.h>

#include "core/game.h"
#include "util/diag.h"

/* A class list is a few kilobytes; past this it is not one. */
#define CLASSLIST_MAX_BYTES	(1024 * 1024)
/* « oui » in the temps majoré column: a tiers-temps, a third more time. */
#define CLASSLIST_TIERS_TEMPS	33

enum classlist_status {
	CLASSLIST_OK,
	CLASSLIST_UNREADABLE,	/* the file cannot be read: EX_NOINPUT */
	CLASSLIST_INVALID	/* errors were reported: EX_DATAERR */
};

struct classlist {
	struct game_setup	 setup;		/* the seed is left to the caller */
	/* The line of each candidate's row, [team][candidate]. */
	int			 lines[GAME_MAX_TEAMS][GAME_MAX_CANDIDATES];
	int			 team_lines[GAME_MAX_TEAMS];	/* first row */
	int			 ncandidates;
	const char		*encoding;	/* "UTF-8", "UTF-8 avec BOM",
						   "Windows-1252" */
	char			 separator;
	char		       **owned;		/* the strings setup points to */
	size_t			 nowned;
};

/* Reads path; problems are named after path in d. */
enum classlist_status	 classlist_read(const char *path,
			    const struct scenario *, struct classlist *,
			    struct diag *d);
/* The same from bytes already read, named after name. */
enum classlist_status	 classlist_parse(const char *name, const char *bytes,
			    size_t len, const struct scenario *,
			    struct classlist *, struct diag *d);
/* Frees what the classlist holds (also after CLASSLIST_INVALID). */
void			 classlist_release(struct classlist *);

#endif
