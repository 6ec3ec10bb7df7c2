/*
 * screen_brief: the scenario's brief (io/brief.c) laid out for the
 * terminal width and scrolled with the list keys.  Built once per width:
 * the layout is a cache in the screen's state.
 */
#include <stdlib.h>
#include <string.h>

#include "io/brief.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/wrap.h"
#include "util/xalloc.h"

struct brief_row {
	int		 line;
	size_t		 offset, len;
	int		 indent;
	const char	*bullet;
};

/* Where the brief is read, and its layout for one width (a cache of the
 * brief, not game state). */
struct brief_state {
	struct app_list	 doc;
	struct brief	 brief;
	bool		 built;
	struct brief_row *rows;
	int		 n, width;
};

static void
brief_layout(struct app *a, struct brief_state *st, int width)
{
	const struct brief_line	*bl;
	size_t			 off, len, next;
	int			 i, indent;

	if (st->built && st->width == width)
		return;
	if (!st->built) {
		brief_build(a->scenario, &st->brief);
		st->built = true;
	}
	free(st->rows);
	st->rows = NULL;
	st->n = 0;
	st->width = width;
	for (i = 0; i < st->brief.count; i++) {
		bl = &st->brief.lines[i];
		indent = bl->style == BRIEF_ITEM ? 2 :
		    bl->style == BRIEF_SUBITEM ? 4 : 0;
		off = 0;
		do {
			wrap_next(bl->text + off, width - indent, &len, &next);
			st->rows = xreallocarray(st->rows, (size_t)st->n + 1,
			    sizeof *st->rows);
			st->rows[st->n].line = i;
			st->rows[st->n].offset = off;
			st->rows[st->n].len = len;
			st->rows[st->n].indent = indent;
			st->rows[st->n].bullet = off != 0 ? NULL :
			    bl->style == BRIEF_ITEM ? "•" :
			    bl->style == BRIEF_SUBITEM ? "◦" : NULL;
			st->n++;
			off += next;
		} while (bl->text[off] != '\0' && next > 0);
	}
}

static void
brief_draw(struct app *a, void *state, int top, int rows)
{
	struct brief_state	*st = state;
	const struct brief_row	*r;
	const struct brief_line	*bl;
	enum app_role		 role;
	char			*text;
	int			 i, first;

	brief_layout(a, st, COLS - 4);
	app_scroll_fit(&st->doc, st->n, rows);
	first = st->doc.top;
	for (i = 0; i < rows && first + i < st->n; i++) {
		r = &st->rows[first + i];
		bl = &st->brief.lines[r->line];
		role = bl->style == BRIEF_TITLE ? ROLE_TITLE :
		    bl->style == BRIEF_HEADING ? ROLE_HEADING : ROLE_NORMAL;
		if (r->bullet != NULL)
			app_text(a, top + i, r->indent, 2, ROLE_NORMAL,
			    r->bullet);
		text = xstrndup(bl->text + r->offset, r->len);
		app_text(a, top + i, 2 + r->indent, COLS - 4 - r->indent, role,
		    text);
		free(text);
	}
	app_cursor(a, top, 2);
}

static int
brief_key(struct app *a, void *state, int kind, wint_t ch)
{
	struct brief_state	*st = state;

	(void)a;
	return app_scroll_key(&st->doc, st->n, kind, ch);
}

static void
brief_release_state(struct app *a, void *state)
{
	struct brief_state	*st = state;

	(void)a;
	if (st->built)
		brief_release(&st->brief);
	free(st->rows);
}

static void
brief_save(const struct app *a, const void *state, struct app_ui *u)
{
	const struct brief_state *st = state;

	(void)a;
	if (st->doc.top != 0)
		app_ui_put(u, "top", st->doc.top);
}

static void
brief_restore(struct app *a, void *state, const char *key, int value)
{
	struct brief_state	*st = state;

	(void)a;
	/* Past the end: the draw brings it back. */
	if (strcmp(key, "top") == 0)
		st->doc.top = value;
}

static const char *const brief_help[] = {
	N_("↑ ↓ j k      ligne précédente / suivante"),
	N_("Espace b     page suivante / précédente ; g G : début / fin"),
	NULL
};

const struct screen screen_brief = {
	.id = "brief",
	.name = N_("Brief"),
	.size = sizeof(struct brief_state),
	.release = brief_release_state,
	.draw = brief_draw,
	.key = brief_key,
	.save = brief_save,
	.restore = brief_restore,
	.help = brief_help,
};
