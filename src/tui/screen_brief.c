/*
 * screen_brief: the scenario's brief (io/brief.c) laid out for the
 * terminal width and scrolled with the list keys.  Built once per width.
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

/* The layout is a cache of the brief for one width: not game state. */
static struct brief	 layout_brief;
static struct brief_row	*layout_rows;
static int		 layout_n, layout_width = -1;
static const struct scenario *layout_scenario;

static void
brief_layout(struct app *a, int width)
{
	const struct brief_line	*bl;
	size_t			 off, len, next;
	int			 i, indent;

	if (layout_width == width && layout_scenario == a->scenario)
		return;
	if (layout_scenario != a->scenario) {
		brief_release(&layout_brief);
		brief_build(a->scenario, &layout_brief);
		layout_scenario = a->scenario;
	}
	free(layout_rows);
	layout_rows = NULL;
	layout_n = 0;
	layout_width = width;
	for (i = 0; i < layout_brief.count; i++) {
		bl = &layout_brief.lines[i];
		indent = bl->style == BRIEF_ITEM ? 2 :
		    bl->style == BRIEF_SUBITEM ? 4 : 0;
		off = 0;
		do {
			wrap_next(bl->text + off, width - indent, &len, &next);
			layout_rows = xreallocarray(layout_rows,
			    (size_t)layout_n + 1, sizeof *layout_rows);
			layout_rows[layout_n].line = i;
			layout_rows[layout_n].offset = off;
			layout_rows[layout_n].len = len;
			layout_rows[layout_n].indent = indent;
			layout_rows[layout_n].bullet = off != 0 ? NULL :
			    bl->style == BRIEF_ITEM ? "•" :
			    bl->style == BRIEF_SUBITEM ? "◦" : NULL;
			layout_n++;
			off += next;
		} while (bl->text[off] != '\0' && next > 0);
	}
}

static void
brief_draw(struct app *a, int top, int rows)
{
	const struct brief_row	*r;
	const struct brief_line	*bl;
	enum app_role		 role;
	char			*text;
	int			 i, *first = &a->scroll[a->screen];

	brief_layout(a, COLS - 4);
	if (*first > layout_n - rows)
		*first = layout_n - rows;
	if (*first < 0)
		*first = 0;
	for (i = 0; i < rows && *first + i < layout_n; i++) {
		r = &layout_rows[*first + i];
		bl = &layout_brief.lines[r->line];
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
brief_key(struct app *a, int kind, wint_t ch)
{
	int	 rows = LINES - 4;

	/* The last page ends on the last row: total - rows + page + 1. */
	return app_scroll_keys(&a->scroll[a->screen], layout_n, rows - 1, kind,
	    ch);
}

static const char *const brief_help[] = {
	N_("↑ ↓ j k      ligne précédente / suivante"),
	N_("Espace b     page suivante / précédente ; g G : début / fin"),
	NULL
};

const struct screen screen_brief = {
	N_("Brief"), false, brief_draw, brief_key, brief_help, NULL
};
