/*
 * editor: a multi-line text field for French prose (the parts of a status
 * point).  The text is a buffer of wide characters with a cursor; it is laid
 * out in rows of a given number of terminal columns, measured with wcwidth
 * and broken at spaces (a word longer than a row is cut where it must).
 *
 * The editor never draws: a screen asks for the rows (editor_layout, then
 * editor_row_text) and for the cursor's row and column (editor_cursor), and
 * draws them itself through the app's helpers.  So the editing logic is
 * tested without a terminal.
 *
 * Invariants: the text holds printable characters and '\n' only, at most
 * EDITOR_MAX of them; 0 <= cursor <= len.  A row never holds more than
 * width - 1 columns, so that the cursor fits after its last character.
 * Positions are indexes into the wide-character buffer.
 */
#ifndef PILOTE_EDITOR_H
#define PILOTE_EDITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#define EDITOR_MAX	6000	/* characters per field */

struct editor_row {
	size_t		 start, end;	/* [start, end) of the text */
	bool		 hard;		/* ends at '\n' or at the end of text */
};

struct editor {
	wchar_t			*text;		/* owned, NUL-terminated */
	size_t			 len, cap;
	size_t			 cursor;
	int			 goal;		/* column kept by ↑ ↓, or -1 */
	int			 top;		/* first row shown */
	/* Layout for one width (editor_layout), rebuilt on demand. */
	struct editor_row	*rows;		/* owned */
	int			 nrows, rows_cap;
};

/* What a key did. */
enum editor_result {
	EDITOR_IGNORED,		/* not an editing key */
	EDITOR_MOVED,		/* the cursor moved (or could not) */
	EDITOR_CHANGED		/* the text changed */
};

void	 editor_init(struct editor *);
void	 editor_release(struct editor *);
/* Replaces the text with UTF-8 s (invalid bytes and control characters
 * dropped, tabs become spaces); the cursor goes to the end. */
void	 editor_set(struct editor *, const char *s);
/* The text as UTF-8, allocated: the caller frees it. */
char	*editor_get(const struct editor *);
bool	 editor_empty(const struct editor *);
/* Words in the text (runs of non-space characters). */
int	 editor_words(const struct editor *);

/*
 * Handles a key as get_wch() returned it (kind OK or KEY_CODE_YES): a
 * printable character is inserted, Enter inserts a new line, Backspace and
 * Delete erase, ← → ↑ ↓ Home End PgUp PgDn move (↑ ↓ Home End by rows of
 * width columns, PgUp PgDn by page rows).  Tab, Esc and the rest are left
 * to the caller (EDITOR_IGNORED).
 */
enum editor_result editor_key(struct editor *, int kind, wint_t ch, int width,
	    int page);

/* Lays the text out for width columns; returns the number of rows (>= 1).
 * The rows stay in ed->rows until the next call. */
int	 editor_layout(struct editor *, int width);
/* The cursor's row and column for width columns. */
void	 editor_cursor(struct editor *, int width, int *row, int *col);
/* Moves ed->top so that the cursor shows in a window of height rows. */
void	 editor_scroll(struct editor *, int width, int height);
/* Row i of the last layout as UTF-8, allocated: the caller frees it. */
char	*editor_row_text(const struct editor *, int i);

/*
 * Drafts: n fields saved to one file so that typing survives a crash.  The
 * file is replaced atomically (io/atomic), so it always holds one whole
 * draft: the old one or the new one.  Missing directories are created
 * (mode 0700).  Format:
 * "pilote-brouillon 1\n", then per field "champ N BYTES\n", the bytes, "\n".
 */
int	 editor_draft_save(const char *path, const struct editor *fields, int n,
	    char **cause);
/* 1 if a draft was read into the fields, 0 if there is none, -1 (and
 * *cause) if the file is unreadable or damaged: the fields are unchanged. */
int	 editor_draft_load(const char *path, struct editor *fields, int n,
	    char **cause);

#endif
