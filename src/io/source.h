/*
 * source: reads a scenario file and the files it @includes into one text,
 * with a map from each line of that text back to (file, line).
 *
 * It exists because libconfig 1.5 resolves @include from the working
 * directory, truncates integers past 32 bits in silence, reports some syntax
 * errors lines past the mistake and turns a BOM or an accented setting name
 * into a bare "syntax error".  A lexical pre-scan catches those cases first
 * and reports them at the line where the writer made them.
 *
 * SOURCE_OK may come with errors reported (a number past 32 bits): the text
 * is still worth parsing so that one run reports every problem.
 *
 * Invariants after source_load() returned SOURCE_OK: text is valid UTF-8,
 * NUL-terminated, ends with a newline, holds no @include directive, and
 * map[i] locates text line i + 1.
 */
#ifndef PILOTE_SOURCE_H
#define PILOTE_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

#define SOURCE_MAX_BYTES	(1024 * 1024)	/* the whole scenario */
/* Per group, list or array: libconfig 1.5 is quadratic in it. */
#define SOURCE_MAX_SETTINGS	5000
#define SOURCE_MAX_DEPTH	8		/* nested @include */
#define SOURCE_MAX_NESTING	64		/* brackets */

enum source_status {
	SOURCE_OK,
	SOURCE_UNREADABLE,	/* the main file cannot be read: EX_NOINPUT */
	SOURCE_INVALID		/* problems were reported: EX_DATAERR */
};

struct source_line {
	int	 file;		/* index into files */
	int	 line;
};

struct source {
	char			*text;
	size_t			 len;
	struct source_line	*map;
	int			 nlines;
	char			**files;	/* as named for messages */
	int			 nfiles;
	int			*flagged;	/* lines with a misread number */
	int			 nflagged;
};

enum source_status	 source_load(struct source *, const char *path,
			    struct diag *);
/*
 * Same, on text already in memory named path (for tests and fuzzing);
 * includes are resolved from the directory of path.
 */
enum source_status	 source_load_text(struct source *, const char *path,
			    const char *text, size_t len, struct diag *);
void			 source_release(struct source *);
/* File name and line of a 1-based line of the combined text. */
const char		*source_locate(const struct source *, int line,
			    int *file_line);
int			 source_file_index(const struct source *, int line);
/* Whether a line holds a number libconfig misreads (already reported). */
bool			 source_line_flagged(const struct source *, int line);

/* Why a file cannot be read, in French (ENOENT, EACCES, EISDIR...). */
const char	*source_errno_text(int err);

#endif
