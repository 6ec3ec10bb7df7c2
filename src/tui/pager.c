/*
 * pager: ncursesw brief reader (see pager.h).  The brief is laid out once
 * per terminal width into display lines; keys move a window over them.
 * Colours are roles (title, heading, bar) with a monochrome fallback and
 * NO_COLOR honoured.  The terminal cursor sits at the top-left of the text
 * so that screen readers start reading there.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "tui/pager.h"
#include "util/i18n.h"
#include "util/wrap.h"
#include "util/xalloc.h"

#define PAGER_MIN_COLS	80
#define PAGER_MIN_ROWS	24

enum pager_role {
	ROLE_TEXT,
	ROLE_TITLE,
	ROLE_HEADING,
	ROLE_BAR,
	ROLE_COUNT
};

struct pager_row {
	int		 brief_line;
	size_t		 offset;	/* bytes into the brief line */
	size_t		 len;
	int		 indent;
	const char	*bullet;	/* NULL: continuation or plain text */
};

struct pager {
	const struct brief	*brief;
	const char		*footer;
	struct pager_row	*rows;
	int			 nrows;
	int			 top;
	int			 width;
	bool			 help;
	attr_t			 attrs[ROLE_COUNT];
};

static void
pager_colours(struct pager *pg)
{
	const char	*no_color = getenv("NO_COLOR");

	pg->attrs[ROLE_TEXT] = A_NORMAL;
	pg->attrs[ROLE_TITLE] = A_BOLD;
	pg->attrs[ROLE_HEADING] = A_BOLD | A_UNDERLINE;
	pg->attrs[ROLE_BAR] = A_REVERSE;
	/* https://no-color.org: set and non-empty disables colour. */
	if ((no_color != NULL && no_color[0] != '\0') || !has_colors())
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_CYAN, -1);
	init_pair(2, COLOR_YELLOW, -1);
	init_pair(3, COLOR_BLACK, COLOR_CYAN);
	pg->attrs[ROLE_TITLE] = A_BOLD | COLOR_PAIR(1);
	pg->attrs[ROLE_HEADING] = A_BOLD | COLOR_PAIR(2);
	pg->attrs[ROLE_BAR] = COLOR_PAIR(3);
}

static void
pager_add_row(struct pager *pg, int line, size_t off, size_t len, int indent,
    const char *bullet)
{
	pg->rows = xreallocarray(pg->rows, (size_t)pg->nrows + 1,
	    sizeof *pg->rows);
	pg->rows[pg->nrows].brief_line = line;
	pg->rows[pg->nrows].offset = off;
	pg->rows[pg->nrows].len = len;
	pg->rows[pg->nrows].indent = indent;
	pg->rows[pg->nrows].bullet = bullet;
	pg->nrows++;
}

/* Lays the brief out for a text width; keeps roughly the same place. */
static void
pager_layout(struct pager *pg, int width)
{
	const struct brief_line	*bl;
	int			 i, indent, keep = 0;
	size_t			 off, len, next;
	const char		*bullet;

	if (pg->nrows > 0 && pg->top < pg->nrows)
		keep = pg->rows[pg->top].brief_line;
	free(pg->rows);
	pg->rows = NULL;
	pg->nrows = 0;
	pg->width = width;
	for (i = 0; i < pg->brief->count; i++) {
		bl = &pg->brief->lines[i];
		indent = bl->style == BRIEF_ITEM ? 2 :
		    bl->style == BRIEF_SUBITEM ? 4 : 0;
		bullet = bl->style == BRIEF_ITEM ? "• " :
		    bl->style == BRIEF_SUBITEM ? "◦ " : NULL;
		if (bl->text[0] == '\0') {
			pager_add_row(pg, i, 0, 0, 0, NULL);
			continue;
		}
		for (off = 0; bl->text[off] != '\0'; off += next) {
			wrap_next(bl->text + off, width - indent - 1, &len,
			    &next);
			pager_add_row(pg, i, off, len, indent,
			    off == 0 ? bullet : NULL);
			if (next == 0)
				break;
		}
	}
	pg->top = 0;
	for (i = 0; i < pg->nrows; i++) {
		if (pg->rows[i].brief_line >= keep) {
			pg->top = i;
			break;
		}
	}
}

static int
pager_page(void)
{
	return LINES - 2 > 1 ? LINES - 2 : 1;
}

static void
pager_clamp(struct pager *pg)
{
	int	 max = pg->nrows - pager_page();

	if (pg->top > max)
		pg->top = max;
	if (pg->top < 0)
		pg->top = 0;
}

static void
pager_bar(const struct pager *pg, int y, const char *text)
{
	attrset(pg->attrs[ROLE_BAR]);
	mvhline(y, 0, ' ', COLS);
	mvaddstr(y, 1, text);
	attrset(A_NORMAL);
}

static void
pager_draw_help(const struct pager *pg)
{
	static const char *const lines[] = {
		N_("Touches"),
		"",
		N_("↑ ↓  j k      ligne précédente / suivante"),
		N_("PgPréc PgSuiv  page précédente / suivante (aussi Espace, b)"),
		N_("Début Fin  g G  début / fin du brief"),
		N_("?  F1         afficher / masquer cette aide"),
		N_("q  Échap      quitter"),
	};
	int	 i, w = 66, h = (int)(sizeof lines / sizeof lines[0]) + 2;
	int	 y = (LINES - h) / 2, x = (COLS - w) / 2;

	attrset(pg->attrs[ROLE_BAR]);
	for (i = 0; i < h; i++)
		mvhline(y + i, x, ' ', w);
	for (i = 0; i < (int)(sizeof lines / sizeof lines[0]); i++)
		mvaddstr(y + 1 + i, x + 2, lines[i][0] ? _(lines[i]) : "");
	attrset(A_NORMAL);
	move(y + 1, x + 2);
}

static void
pager_draw(struct pager *pg)
{
	const struct pager_row	*r;
	const struct brief_line	*bl;
	char			 status[160];
	int			 y, page = pager_page(), percent;
	attr_t			 a;

	erase();
	if (COLS < PAGER_MIN_COLS || LINES < PAGER_MIN_ROWS) {
		mvaddstr(0, 0, _("Agrandissez le terminal :"));
		mvprintw(1, 0, _("il faut %d×%d au moins"), PAGER_MIN_COLS,
		    PAGER_MIN_ROWS);
		mvprintw(2, 0, _("(actuellement %d×%d)."), COLS, LINES);
		move(0, 0);
		refresh();
		return;
	}
	pager_bar(pg, 0, _("pilote — brief du scénario (les écrans de jeu "
	    "arrivent)"));
	for (y = 0; y < page && pg->top + y < pg->nrows; y++) {
		r = &pg->rows[pg->top + y];
		bl = &pg->brief->lines[r->brief_line];
		a = bl->style == BRIEF_TITLE ? pg->attrs[ROLE_TITLE] :
		    bl->style == BRIEF_HEADING ? pg->attrs[ROLE_HEADING] :
		    pg->attrs[ROLE_TEXT];
		attrset(a);
		if (r->bullet != NULL)
			mvaddstr(y + 1, r->indent - 2 + 1, r->bullet);
		if (r->len > 0)
			mvaddnstr(y + 1, r->indent + 1, bl->text + r->offset,
			    (int)r->len);
		attrset(A_NORMAL);
	}
	percent = pg->nrows <= page ? 100 :
	    (pg->top + page) * 100 / pg->nrows;
	snprintf(status, sizeof status, _("%s   %d %%   ? aide   q quitter"),
	    pg->footer, percent > 100 ? 100 : percent);
	pager_bar(pg, LINES - 1, status);
	if (pg->help)
		pager_draw_help(pg);
	else
		move(1, 1);
	refresh();
}

int
pager_run(const struct brief *brief, const char *footer)
{
	struct pager	 pg;
	wint_t		 ch;
	int		 kind;
	bool		 quit = false;

	memset(&pg, 0, sizeof pg);
	pg.brief = brief;
	pg.footer = footer;
	if (initscr() == NULL)
		return EX_OSERR;
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	pager_colours(&pg);
	pager_layout(&pg, COLS - 2);
	pager_draw(&pg);
	while (!quit) {
		kind = get_wch(&ch);
		if (kind == ERR)
			continue;
		if (pg.help && !(kind == KEY_CODE_YES && ch == KEY_RESIZE)) {
			pg.help = false;
			pager_draw(&pg);
			continue;
		}
		if (kind == KEY_CODE_YES) {
			switch (ch) {
			case KEY_RESIZE:
				pager_layout(&pg, COLS - 2);
				break;
			case KEY_UP:
				pg.top--;
				break;
			case KEY_DOWN:
				pg.top++;
				break;
			case KEY_PPAGE:
				pg.top -= pager_page() - 1;
				break;
			case KEY_NPAGE:
				pg.top += pager_page() - 1;
				break;
			case KEY_HOME:
				pg.top = 0;
				break;
			case KEY_END:
				pg.top = pg.nrows;
				break;
			case KEY_F(1):
				pg.help = true;
				break;
			default:
				continue;
			}
		} else {
			switch (ch) {
			case 'k':
				pg.top--;
				break;
			case 'j':
			case '\n':
				pg.top++;
				break;
			case 'b':
				pg.top -= pager_page() - 1;
				break;
			case ' ':
				pg.top += pager_page() - 1;
				break;
			case 'g':
				pg.top = 0;
				break;
			case 'G':
				pg.top = pg.nrows;
				break;
			case '?':
				pg.help = true;
				break;
			case 'q':
			case 27:
				quit = true;
				continue;
			default:
				continue;
			}
		}
		pager_clamp(&pg);
		pager_draw(&pg);
	}
	endwin();
	free(pg.rows);
	return EX_OK;
}
