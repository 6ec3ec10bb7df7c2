/*
 * editor: multi-line text field (see editor.h).
 *
 * Layout: each line of the text (up to a '\n') becomes one or more rows.
 * A row takes characters while they fit in width - 1 columns; when the next
 * one does not fit, the row ends after the last space seen (the space stays
 * at the end of the row, where it is invisible), or, in a word longer than
 * the row, right there.  A position p is on row r when start <= p < end, or
 * p == end on a hard row (the cursor after the last character of a line).
 *
 * UTF-8 is encoded and decoded by util/text rather than through the locale
 * so that drafts read back identically whatever LC_CTYPE says; only the
 * widths come from wcwidth (the app runs in an UTF-8 locale).
 */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>
#include <wchar.h>

#include "io/atomic.h"
#include "tui/editor.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

#define EDITOR_DRAFT_MAGIC	"pilote-brouillon 1\n"

void
editor_init(struct editor *ed)
{
	memset(ed, 0, sizeof *ed);
	ed->cap = 64;
	ed->text = xcalloc(ed->cap, sizeof *ed->text);
	ed->goal = -1;
}

void
editor_release(struct editor *ed)
{
	free(ed->text);
	free(ed->rows);
	memset(ed, 0, sizeof *ed);
}

static int
editor_width_of(wchar_t c)
{
	int	 w = wcwidth(c);

	return w < 0 ? 1 : w;
}

/*
 * Whether c may be typed into the text: the engine's text rule for prose
 * (util/text.h; '\n' comes from Enter, not from here) and something to
 * see.
 */
static bool
editor_printable(wint_t c)
{
	if (c == '\n' || c == '\t' || !text_char_allowed((uint32_t)c, true))
		return false;
	return wcwidth((wchar_t)c) >= 1;
}

static void
editor_reserve(struct editor *ed, size_t n)
{
	if (n + 1 <= ed->cap)
		return;
	while (ed->cap < n + 1)
		ed->cap *= 2;
	ed->text = xreallocarray(ed->text, ed->cap, sizeof *ed->text);
}

static bool
editor_insert(struct editor *ed, wchar_t c)
{
	if (ed->len >= EDITOR_MAX)
		return false;
	editor_reserve(ed, ed->len + 1);
	memmove(ed->text + ed->cursor + 1, ed->text + ed->cursor,
	    (ed->len - ed->cursor + 1) * sizeof *ed->text);
	ed->text[ed->cursor++] = c;
	ed->len++;
	return true;
}

static void
editor_erase(struct editor *ed, size_t at)
{
	memmove(ed->text + at, ed->text + at + 1,
	    (ed->len - at) * sizeof *ed->text);
	ed->len--;
}

void
editor_set(struct editor *ed, const char *s)
{
	const char	*p = s ? s : "";
	uint32_t	 c;
	size_t		 n, left = strlen(p);

	ed->len = ed->cursor = 0;
	ed->text[0] = L'\0';
	while (left > 0) {
		if ((n = text_utf8_decode(p, left, &c)) == 0) {
			p++;
			left--;
			continue;
		}
		p += n;
		left -= n;
		if (c == '\t')
			c = ' ';
		if (!text_char_allowed(c, true))
			continue;
		if (!editor_insert(ed, (wchar_t)c))
			break;
	}
	ed->text[ed->len] = L'\0';
	ed->goal = -1;
	ed->top = 0;
}

static char *
editor_encode(const wchar_t *w, size_t n)
{
	char	*out = xmalloc(n * 4 + 1);
	size_t	 i, o = 0;

	for (i = 0; i < n; i++)
		o += text_utf8_encode((uint32_t)w[i], out + o);
	out[o] = '\0';
	return out;
}

char *
editor_get(const struct editor *ed)
{
	return editor_encode(ed->text, ed->len);
}

bool
editor_empty(const struct editor *ed)
{
	size_t	 i;

	for (i = 0; i < ed->len; i++)
		if (ed->text[i] != L' ' && ed->text[i] != L'\n')
			return false;
	return true;
}

int
editor_words(const struct editor *ed)
{
	size_t	 i;
	int	 n = 0;
	bool	 in = false;

	for (i = 0; i < ed->len; i++) {
		if (ed->text[i] == L' ' || ed->text[i] == L'\n')
			in = false;
		else if (!in) {
			in = true;
			n++;
		}
	}
	return n;
}

/* --- layout --- */

static void
editor_push_row(struct editor *ed, size_t start, size_t end, bool hard)
{
	if (ed->nrows == ed->rows_cap) {
		ed->rows_cap = ed->rows_cap ? ed->rows_cap * 2 : 16;
		ed->rows = xreallocarray(ed->rows, (size_t)ed->rows_cap,
		    sizeof *ed->rows);
	}
	ed->rows[ed->nrows].start = start;
	ed->rows[ed->nrows].end = end;
	ed->rows[ed->nrows].hard = hard;
	ed->nrows++;
}

int
editor_layout(struct editor *ed, int width)
{
	size_t	 pos = 0, eol, i, space;
	int	 room = width > 2 ? width - 1 : 1, col, w;
	bool	 have_space;

	ed->nrows = 0;
	for (;;) {
		for (eol = pos; eol < ed->len && ed->text[eol] != L'\n'; eol++)
			;
		/* Rows of the line [pos, eol). */
		for (;;) {
			col = 0;
			have_space = false;
			space = pos;
			for (i = pos; i < eol; i++) {
				w = editor_width_of(ed->text[i]);
				if (col + w > room)
					break;
				col += w;
				if (ed->text[i] == L' ') {
					space = i;
					have_space = true;
				}
			}
			if (i >= eol) {
				editor_push_row(ed, pos, eol, true);
				break;
			}
			if (ed->text[i] == L' ')
				i++;		/* the space that overflows */
			else if (have_space)
				i = space + 1;
			else if (i == pos)
				i++;		/* wider than the row */
			editor_push_row(ed, pos, i, false);
			pos = i;
		}
		if (eol >= ed->len)
			break;
		pos = eol + 1;
	}
	return ed->nrows;
}

static int
editor_row_of(const struct editor *ed, size_t p)
{
	int	 r;

	for (r = 0; r < ed->nrows; r++) {
		const struct editor_row *row = &ed->rows[r];

		if (p >= row->start && (p < row->end ||
		    (p == row->end && row->hard)))
			return r;
	}
	return ed->nrows - 1;
}

static int
editor_columns(const struct editor *ed, size_t from, size_t to)
{
	int	 col = 0;

	for (; from < to; from++)
		col += editor_width_of(ed->text[from]);
	return col;
}

void
editor_cursor(struct editor *ed, int width, int *row, int *col)
{
	editor_layout(ed, width);
	*row = editor_row_of(ed, ed->cursor);
	*col = editor_columns(ed, ed->rows[*row].start, ed->cursor);
}

void
editor_scroll(struct editor *ed, int width, int height)
{
	int	 row, col;

	editor_cursor(ed, width, &row, &col);
	if (height < 1)
		height = 1;
	if (row < ed->top)
		ed->top = row;
	if (row >= ed->top + height)
		ed->top = row - height + 1;
	if (ed->top > ed->nrows - height)
		ed->top = ed->nrows - height;
	if (ed->top < 0)
		ed->top = 0;
}

char *
editor_row_text(const struct editor *ed, int i)
{
	if (i < 0 || i >= ed->nrows)
		return xstrdup("");
	return editor_encode(ed->text + ed->rows[i].start,
	    ed->rows[i].end - ed->rows[i].start);
}

/* --- keys --- */

/* The last position of row r the cursor may take. */
static size_t
editor_row_last(const struct editor *ed, int r)
{
	const struct editor_row	*row = &ed->rows[r];

	return row->hard || row->end == row->start ? row->end : row->end - 1;
}

/* The position on row r nearest to column goal. */
static size_t
editor_at_column(const struct editor *ed, int r, int goal)
{
	size_t	 p = ed->rows[r].start, last = editor_row_last(ed, r);
	int	 col = 0, w;

	while (p < last) {
		w = editor_width_of(ed->text[p]);
		if (col + w > goal)
			break;
		col += w;
		p++;
	}
	return p;
}

static void
editor_vertical(struct editor *ed, int width, int delta)
{
	int	 row, col, to;

	editor_cursor(ed, width, &row, &col);
	if (ed->goal < 0)
		ed->goal = col;
	to = row + delta;
	if (to < 0) {
		ed->cursor = 0;
		return;
	}
	if (to >= ed->nrows) {
		ed->cursor = ed->len;
		return;
	}
	ed->cursor = editor_at_column(ed, to, ed->goal);
}

enum editor_result
editor_key(struct editor *ed, int kind, wint_t ch, int width, int page)
{
	int	 row, col, goal = ed->goal;

	ed->goal = -1;
	if (page < 1)
		page = 1;
	if (kind == KEY_CODE_YES) {
		switch (ch) {
		case KEY_LEFT:
			if (ed->cursor > 0)
				ed->cursor--;
			return EDITOR_MOVED;
		case KEY_RIGHT:
			if (ed->cursor < ed->len)
				ed->cursor++;
			return EDITOR_MOVED;
		case KEY_UP:
		case KEY_DOWN:
		case KEY_PPAGE:
		case KEY_NPAGE:
			ed->goal = goal;
			editor_vertical(ed, width, ch == KEY_UP ? -1 :
			    ch == KEY_DOWN ? 1 : ch == KEY_PPAGE ? -page : page);
			return EDITOR_MOVED;
		case KEY_HOME:
			editor_cursor(ed, width, &row, &col);
			ed->cursor = ed->rows[row].start;
			return EDITOR_MOVED;
		case KEY_END:
			editor_cursor(ed, width, &row, &col);
			ed->cursor = editor_row_last(ed, row);
			return EDITOR_MOVED;
		case KEY_BACKSPACE:
			break;
		case KEY_DC:
			if (ed->cursor >= ed->len)
				return EDITOR_MOVED;
			editor_erase(ed, ed->cursor);
			return EDITOR_CHANGED;
		case KEY_ENTER:
			return editor_insert(ed, L'\n') ? EDITOR_CHANGED :
			    EDITOR_MOVED;
		default:
			return EDITOR_IGNORED;
		}
	} else if (ch == '\n' || ch == '\r') {
		return editor_insert(ed, L'\n') ? EDITOR_CHANGED : EDITOR_MOVED;
	} else if (ch == 21 || ch == 23) {
		/* Ctrl-U: the line before the cursor; Ctrl-W: the word
		 * before it. */
		size_t from = ed->cursor;

		if (ch == 23)
			while (from > 0 && ed->text[from - 1] == L' ')
				from--;
		while (from > 0 && ed->text[from - 1] != L'\n' &&
		    (ch == 21 || ed->text[from - 1] != L' '))
			from--;
		if (from == ed->cursor)
			return EDITOR_MOVED;
		while (ed->cursor > from)
			editor_erase(ed, --ed->cursor);
		return EDITOR_CHANGED;
	} else if (ch != 127 && ch != 8) {
		if (!editor_printable(ch))
			return EDITOR_IGNORED;
		return editor_insert(ed, (wchar_t)ch) ? EDITOR_CHANGED :
		    EDITOR_MOVED;
	}
	/* Backspace, as a key code or as DEL / ^H. */
	if (ed->cursor == 0)
		return EDITOR_MOVED;
	editor_erase(ed, --ed->cursor);
	return EDITOR_CHANGED;
}

/* --- drafts --- */

/* Creates the directories of path's parent (like mkdir -p); -1 and
 * *cause if one cannot be made. */
static int
editor_mkdirs(const char *path, char **cause)
{
	char		*copy = xstrdup(path), *p;
	struct stat	 st;
	int		 rc = 0;

	for (p = copy + 1; *p != '\0' && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (stat(copy, &st) == -1 && mkdir(copy, 0700) == -1 &&
		    errno != EEXIST) {
			*cause = xasprintf(_("brouillon non enregistré (%s) : "
			    "%s"), strerror(errno), copy);
			rc = -1;
		}
		*p = '/';
	}
	free(copy);
	return rc;
}

int
editor_draft_save(const char *path, const struct editor *fields, int n,
    char **cause)
{
	char	*buf = NULL, *text, *next;
	int	 i, rc = -1;

	buf = xstrdup(EDITOR_DRAFT_MAGIC);
	for (i = 0; i < n; i++) {
		text = editor_get(&fields[i]);
		next = xasprintf("%schamp %d %zu\n%s\n", buf, i + 1,
		    strlen(text), text);
		free(text);
		free(buf);
		buf = next;
	}
	if (editor_mkdirs(path, cause) == -1)
		goto out;
	if (atomic_write(path, buf, strlen(buf), 0600, 0) != EX_OK) {
		*cause = xasprintf(_("brouillon non enregistré (%s) : %s"),
		    strerror(errno), path);
		goto out;
	}
	rc = 0;
out:
	free(buf);
	return rc;
}

/* Reads a whole file (at most 1 MiB); NULL and errno on failure. */
static char *
editor_read_file(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf;
	size_t	 cap = 1 << 20, n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	buf = xmalloc(cap + 1);
	n = fread(buf, 1, cap, f);
	if (ferror(f) || !feof(f)) {
		free(buf);
		fclose(f);
		errno = EFBIG;
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

int
editor_draft_load(const char *path, struct editor *fields, int n,
    char **cause)
{
	char		*buf, **texts;
	const char	*p, *end;
	size_t		 len, bytes;
	int		 i, field, used, rc = -1;

	if ((buf = editor_read_file(path, &len)) == NULL) {
		if (errno == ENOENT)
			return 0;
		*cause = xasprintf(_("brouillon illisible : %s : %s"), path,
		    strerror(errno));
		return -1;
	}
	texts = xcalloc((size_t)n, sizeof *texts);
	end = buf + len;
	p = buf;
	if (strncmp(p, EDITOR_DRAFT_MAGIC, strlen(EDITOR_DRAFT_MAGIC)) != 0)
		goto bad;
	p += strlen(EDITOR_DRAFT_MAGIC);
	while (p < end) {
		used = 0;
		if (sscanf(p, "champ %d %zu%n", &field, &bytes, &used) != 2 ||
		    used == 0 || p[used] != '\n' || field < 1 || field > n ||
		    texts[field - 1] != NULL)
			goto bad;
		p += used + 1;
		if (bytes > (size_t)(end - p) || p + bytes >= end ||
		    p[bytes] != '\n')
			goto bad;
		texts[field - 1] = xstrndup(p, bytes);
		p += bytes + 1;
	}
	for (i = 0; i < n; i++)
		editor_set(&fields[i], texts[i] != NULL ? texts[i] : "");
	rc = 1;
	goto out;
bad:
	*cause = xasprintf(_("brouillon abîmé, laissé de côté : %s"), path);
out:
	for (i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	free(buf);
	return rc;
}
