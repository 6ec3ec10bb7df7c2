/*
 * screen_log: the team's decision log with the explanation of every
 * consequence ("the video slipped: reliability 60 %, no weekly meeting,
 * week 4 draw") and the journal events that caused it, newest first; the
 * trainer's messages and notes come with it.
 */
#include <stdlib.h>

#include "core/game.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The line selected (newest first). */
struct log_state {
	struct app_list	 list;
};

static int
log_count(const struct app *a)
{
	const struct team	*t = &a->game->teams[a->team];

	return t->nexplanations + t->nmessages + a->game->nbroadcasts;
}

static void
log_draw(struct app *a, void *state, int top, int rows)
{
	struct log_state *st = state;
	struct team	*t = app_team(a);
	char		*line, *next;
	int		 i, j, n = log_count(a), y = top + 2, shown = 0, k;
	int		*focus = &st->list.focus;

	st->list.rows = rows - 4;
	app_textf(a, top, 1, COLS - 2, ROLE_TITLE, _("Journal de l'équipe %s "
	    "— %d décision(s) enregistrée(s)"), t->name, t->ndecisions);
	if (n == 0) {
		app_text(a, y, 1, COLS - 2, ROLE_DIM, _("Rien encore : les "
		    "conséquences des décisions et des semaines s'affichent ici, "
		    "avec leurs causes."));
		return;
	}
	if (*focus >= n)
		*focus = n - 1;
	/* Newest first: messages, then explanations. */
	for (k = 0; k < n && y < top + rows; k++) {
		if (k < *focus - (rows - 3))
			continue;
		if (k < t->nmessages + a->game->nbroadcasts) {
			const struct message *m = k < t->nmessages ?
			    &t->messages[t->nmessages - 1 - k] :
			    &a->game->broadcasts[a->game->nbroadcasts - 1 -
			    (k - t->nmessages)];

			line = xasprintf(_("Message du formateur : %s  #%lld"),
			    m->text, (long long)m->seq);
		} else {
			const struct explanation *x = &t->explanations[
			    t->nexplanations - 1 - (k - t->nmessages -
			    a->game->nbroadcasts)];

			line = xasprintf("S%d  %s", x->week, later_text(x->say));
			for (j = 0; j < x->nseqs; j++) {
				next = xasprintf("%s #%lld", line,
				    (long long)x->seqs[j]);
				free(line);
				line = next;
			}
		}
		i = app_paragraph(a, y, 2, COLS - 4, top + rows - y, k == *focus ?
		    ROLE_SELECTED : k < t->nmessages + a->game->nbroadcasts ?
		    ROLE_INFO : ROLE_NORMAL, line);
		if (k == *focus)
			app_cursor(a, y, 2);
		y += i;
		shown++;
		free(line);
	}
}

static int
log_key(struct app *a, void *state, int kind, wint_t ch)
{
	struct log_state *st = state;

	return app_list_key(&st->list, log_count(a), kind, ch);
}

static void
log_save(const struct app *a, const void *state, struct app_ui *u)
{
	const struct log_state	*st = state;

	(void)a;
	app_ui_put_list(u, "", &st->list);
}

static void
log_restore(struct app *a, void *state, const char *key, int value)
{
	struct log_state	*st = state;

	(void)a;
	app_ui_get_list(&st->list, "", key, value);
}

static const char *const log_help[] = {
	N_("↑ ↓          parcourir, du plus récent au plus ancien"),
	N_("#N           numéro de l'événement du journal qui en est la cause"),
	NULL
};

const struct screen screen_log = {
	.id = "log",
	.name = N_("Journal"),
	.size = sizeof(struct log_state),
	.draw = log_draw,
	.key = log_key,
	.save = log_save,
	.restore = log_restore,
	.help = log_help,
};
