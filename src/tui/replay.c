/*
 * replay: the evaluators' read-only player of a session (see replay.h).
 *
 * A small self-contained ncurses loop over four views: the event list with
 * the selected event's details, the selected team's state as it was at that
 * event (the session replayed up to it, cached for the current event), a
 * timeline of incidents and status points, and the E3 marking grid.  Only
 * attributes (bold, reverse, dim) are used, so NO_COLOR holds by design.
 * Nothing here writes the journal: marks go to "<session>.marks", a
 * journal of their own signed by the evaluator's key (io/marks.h); a mark
 * refused (another account's file, full disk) is shown whole in a box.
 */
#include <curses.h>
#include <jansson.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <wchar.h>

#include "core/game.h"
#include "core/ledger.h"
#include "io/journal.h"
#include "io/marks.h"
#include "io/session.h"
#include "tui/app.h"
#include "tui/replay.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/wrap.h"
#include "util/xalloc.h"

enum view { VIEW_EVENTS, VIEW_STATE, VIEW_TIMELINE, VIEW_MARKS, VIEW_COUNT };

static const char *const view_names[VIEW_COUNT] = {
	N_("Événements"), N_("État de l'équipe"), N_("Chronologie"),
	N_("Évaluation E3")
};

enum kind { KIND_ALL, KIND_TEAM, KIND_TRAINER, KIND_INCIDENT, KIND_POINT,
	KIND_WEEK, KIND_COUNT };

static const char *const kind_names[KIND_COUNT] = {
	N_("tous"), N_("décisions d'équipe"), N_("formateur"),
	N_("incidents et réponses"), N_("points de situation"),
	N_("clôtures de semaine")
};

struct revent {
	int64_t		 seq;
	int64_t		 time;
	int		 week;
	const char	*team;		/* borrowed from the journal, or NULL */
	const char	*actor;
	const char	*type;
	const json_t	*obj;
};

struct replay {
	const char	*path;
	struct session	*full;		/* the whole session */
	struct session	*at;		/* replayed up to at_seq */
	int64_t		 at_seq;
	struct revent	*ev;
	int		 nev;
	int		 sel;		/* index in ev */
	int		 top;		/* first row of the list */
	enum view	 view;
	int		 fteam;		/* filter: team, -1 all */
	int		 fcand;		/* filter: candidate of fteam, -1 */
	enum kind	 fkind;
	int		 crit;		/* marking: selected criterion */
	int		 scroll;	/* text views */
	char		 status[200];	/* integrity, shown on top */
	char		 msg[300];
	struct marks	 marks;
	char		*marks_refused;	/* why the marks cannot be read */
};

static const char *const help_lines[] = {
	N_("←/→ ou p/n     événement précédent / suivant"),
	N_("↑/↓            idem (liste) ; critère (évaluation) ; défiler"),
	N_("PgPréc/PgSuiv  semaine précédente / suivante (aussi W / w)"),
	N_("g              aller à un événement (12), une semaine (S3) ou une "
	    "heure (10:32)"),
	N_("v              voir les écrans de l'équipe (tableau de bord, Gantt, "
	    "budget, incidents) tels qu'ils étaient à cet événement"),
	N_("f              filtre par type d'événement (cycle)"),
	N_("t              filtre par équipe (cycle)"),
	N_("c              filtre par candidat de l'équipe (cycle)"),
	N_("x              effacer les filtres"),
	N_("Tab, 1 à 4     vue : événements, état, chronologie, évaluation"),
	N_("m ou Entrée    noter le critère choisi (vue évaluation)"),
	N_("?              cette aide        q  quitter"),
	NULL
};

/* --- drawing helpers --- */

/* Puts s at (y, x) in at most w columns, padded with spaces. */
static void
cell(int y, int x, int w, const char *s)
{
	wchar_t		 wbuf[512];
	size_t		 n;
	int		 used = 0, cw;
	size_t		 i;
	char		*shown;

	if (w <= 0)
		return;
	/* A journal may predate the text rule: show controls, never send. */
	shown = text_sanitize(s ? s : "", s ? strlen(s) : 0, false);
	n = mbstowcs(wbuf, shown, 511);
	free(shown);
	if (n == (size_t)-1)
		n = 0;
	wbuf[n] = L'\0';
	move(y, x);
	for (i = 0; i < n; i++) {
		if (wbuf[i] == L'\n' || wbuf[i] == L'\t')
			wbuf[i] = L' ';
		cw = wcwidth(wbuf[i]);
		if (cw < 0)
			cw = 1;
		if (used + cw > w)
			break;
		addnwstr(&wbuf[i], 1);
		used += cw;
	}
	for (; used < w; used++)
		addch(' ');
}

static void
cellf(int y, int x, int w, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
cellf(int y, int x, int w, const char *fmt, ...)
{
	char	 buf[1024];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	cell(y, x, w, buf);
}

/* s cut or padded to w columns into dst (never splits a character). */
static const char *
fit(char *dst, size_t size, const char *s, int w)
{
	mbstate_t	 st;
	size_t		 len = 0, k;
	int		 used = 0, cw;
	wchar_t		 wc;

	memset(&st, 0, sizeof st);
	while (*s != '\0' && len + 8 < size) {
		k = mbrtowc(&wc, s, MB_CUR_MAX, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0)
			break;
		cw = wcwidth(wc);
		if (cw < 0)
			cw = 1;
		if (used + cw > w)
			break;
		memcpy(dst + len, s, k);
		len += k;
		s += k;
		used += cw;
	}
	for (; used < w && len + 1 < size; used++)
		dst[len++] = ' ';
	dst[len] = '\0';
	return dst;
}

static void
hhmm(int64_t ms, char *buf, size_t n)
{
	time_t		 t = (time_t)(ms / 1000);
	struct tm	 tm;

	localtime_r(&t, &tm);
	strftime(buf, n, "%H:%M", &tm);
}

static void
euros(int64_t cents, char *buf, size_t n)
{
	snprintf(buf, n, "%lld €", (long long)(cents / 100));
}

/* --- the events --- */

static const char *
jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* "k=v k=v" of an event's data. */
static void
describe(const json_t *obj, char *buf, size_t n)
{
	const char	*k;
	json_t		*v;
	size_t		 len = 0;

	buf[0] = '\0';
	json_object_foreach(json_object_get(obj, "data"), k, v) {
		const char *s = json_string_value(v);
		char num[32];

		if (s == NULL) {
			snprintf(num, sizeof num, "%lld",
			    (long long)json_integer_value(v));
			s = num;
		}
		len += (size_t)snprintf(buf + len, len < n ? n - len : 0,
		    "%s%s=%s", len ? " " : "", k, s);
		if (len >= n)
			break;
	}
}

static void
load_events(struct replay *r)
{
	const struct journal	*j = r->full->journal;
	size_t			 i, count = journal_count(j);
	int			 week = 0;

	r->ev = xcalloc(count, sizeof *r->ev);
	for (i = 1; i < count; i++) {
		const json_t	*o = journal_get(j, i);
		struct revent	*e = &r->ev[r->nev++];

		e->obj = o;
		e->seq = (int64_t)i;
		e->time = json_integer_value(json_object_get(o, "time"));
		e->team = jstr(o, "team");
		e->actor = jstr(o, "actor");
		e->type = jstr(o, "type");
		if (e->type == NULL)
			e->type = "?";
		e->week = week;
		if (strcmp(e->type, "ouvrir_pilotage") == 0)
			week = 1;
		else if (strcmp(e->type, "cloturer_semaine") == 0)
			week++;
	}
}

static const struct team *
filter_team(const struct replay *r)
{
	return r->fteam >= 0 ? &r->full->game->teams[r->fteam] : NULL;
}

static bool
visible(const struct replay *r, const struct revent *e)
{
	const struct team	*t = filter_team(r);
	const char		*ty = e->type;

	if (t != NULL && (e->team == NULL || strcmp(e->team, t->name) != 0))
		return false;
	if (t != NULL && r->fcand >= 0 && (e->actor == NULL ||
	    strcmp(e->actor, t->candidates[r->fcand].name) != 0))
		return false;
	switch (r->fkind) {
	case KIND_ALL:
		return true;
	case KIND_TEAM:
		return e->team != NULL;
	case KIND_TRAINER:
		return e->team == NULL;
	case KIND_INCIDENT:
		return strcmp(ty, "repondre") == 0 || strstr(ty, "incident");
	case KIND_POINT:
		return strcmp(ty, "point") == 0 ||
		    strcmp(ty, "demander_point") == 0;
	case KIND_WEEK:
		return strcmp(ty, "cloturer_semaine") == 0 ||
		    strcmp(ty, "ouvrir_pilotage") == 0;
	default:
		return true;
	}
}

/* The nearest visible event from i in direction dir (0: i or after). */
static int
step(const struct replay *r, int i, int dir)
{
	int	 j;

	if (dir == 0) {
		for (j = i; j < r->nev; j++)
			if (visible(r, &r->ev[j]))
				return j;
		for (j = i; j >= 0; j--)
			if (j < r->nev && visible(r, &r->ev[j]))
				return j;
		return i;
	}
	for (j = i + dir; j >= 0 && j < r->nev; j += dir)
		if (visible(r, &r->ev[j]))
			return j;
	return i;
}

/* The team the views show: the team filter, else the event's team. */
static int
shown_team(const struct replay *r)
{
	const struct game	*g = r->full->game;
	int			 t;

	if (r->fteam >= 0)
		return r->fteam;
	if (r->nev > 0 && r->ev[r->sel].team != NULL &&
	    (t = game_team_index(g, r->ev[r->sel].team)) >= 0)
		return t;
	return 0;
}

static const struct game *
state_at(struct replay *r)
{
	char	*warning = NULL, *cause = NULL;
	int64_t	 seq = r->nev ? r->ev[r->sel].seq : 0;

	if (r->at != NULL && r->at_seq == seq)
		return r->at->game;
	session_close(r->at);
	r->at = NULL;
	if (session_open(r->path, false, seq, &r->at, &warning,
	    &cause) == -1) {
		snprintf(r->msg, sizeof r->msg, "%s", cause);
		free(cause);
		free(warning);
		return r->full->game;
	}
	free(warning);
	r->at_seq = seq;
	return r->at->game;
}

/* --- prompts --- */

/* A one-line text prompt on the message line; NULL if cancelled. */
static char *
prompt(const char *label)
{
	wchar_t		 buf[400];
	int		 len = 0, kind;
	wint_t		 ch;
	char		*out;
	size_t		 n;

	curs_set(1);
	for (;;) {
		buf[len] = L'\0';
		attron(A_BOLD);
		cell(LINES - 2, 0, COLS, label);
		attroff(A_BOLD);
		move(LINES - 2, (int)strlen(label) > COLS / 2 ? COLS / 2 :
		    (int)mbstowcs(NULL, label, 0));
		addnwstr(buf, len);
		clrtoeol();
		refresh();
		kind = get_wch(&ch);
		if (kind == ERR)
			continue;
		if (kind == OK && (ch == L'\n' || ch == L'\r'))
			break;
		if (kind == OK && ch == 27) {
			curs_set(0);
			return NULL;
		}
		if ((kind == KEY_CODE_YES && ch == KEY_BACKSPACE) ||
		    (kind == OK && (ch == 127 || ch == 8))) {
			if (len > 0)
				len--;
			continue;
		}
		if (kind == KEY_CODE_YES && ch == KEY_ENTER)
			break;
		/* An evaluator's text follows the rule of every text. */
		if (kind == OK && text_char_allowed((uint32_t)ch, false) &&
		    wcwidth((wchar_t)ch) >= 1 && len < 398)
			buf[len++] = (wchar_t)ch;
	}
	curs_set(0);
	buf[len] = L'\0';
	n = wcstombs(NULL, buf, 0);
	if (n == (size_t)-1)
		return xstrdup("");
	out = xmalloc(n + 1);
	wcstombs(out, buf, n + 1);
	return out;
}

static void
go_to(struct replay *r)
{
	char	*s = prompt(_("Aller à (n° d'événement, S3 pour la semaine 3, "
	    "ou 10:32 pour une heure) : "));
	char	*end;
	long	 n;
	int	 i;

	if (s == NULL || *s == '\0') {
		free(s);
		return;
	}
	if (strchr(s, ':') != NULL) {
		int	 hh, mm, want, at = -1;

		if (sscanf(s, "%d:%d", &hh, &mm) == 2 && hh >= 0 && hh < 24 &&
		    mm >= 0 && mm < 60) {
			want = hh * 60 + mm;
			/* The first event at or after that time, as displayed. */
			for (i = 0; i < r->nev && at < 0; i++) {
				time_t		 t = (time_t)(r->ev[i].time / 1000);
				struct tm	 tm;

				localtime_r(&t, &tm);
				if (tm.tm_hour * 60 + tm.tm_min >= want)
					at = i;
			}
		}
		if (at < 0)
			snprintf(r->msg, sizeof r->msg,
			    _("Aucun événement à partir de « %s »."), s);
		else {
			r->sel = step(r, at, 0);
			snprintf(r->msg, sizeof r->msg,
			    _("À %s : événement n° %lld."), s,
			    (long long)r->ev[r->sel].seq);
		}
	} else if (s[0] == 'S' || s[0] == 's') {
		n = strtol(s + 1, &end, 10);
		for (i = 0; i < r->nev; i++)
			if (r->ev[i].week >= n)
				break;
		if (*end != '\0' || i == r->nev)
			snprintf(r->msg, sizeof r->msg,
			    _("Semaine « %s » introuvable."), s);
		else {
			r->sel = step(r, i, 0);
			snprintf(r->msg, sizeof r->msg,
			    _("Semaine %ld, événement n° %lld."), n,
			    (long long)r->ev[r->sel].seq);
		}
	} else {
		n = strtol(s, &end, 10);
		if (*end != '\0' || n < 1 || n > r->nev)
			snprintf(r->msg, sizeof r->msg,
			    _("Événement « %s » introuvable."), s);
		else
			r->sel = step(r, (int)n - 1, 0);
	}
	free(s);
}

/*
 * A text too long for the message line (a refusal naming two keys and a
 * path), wrapped in a box over the view until a key is pressed.
 */
static void
notice(const char *title, const char *text)
{
	int		 w = COLS - 8, x0 = 4, y0, n = 0, i;
	size_t		 len, next;
	char		*flat = xstrdup(text), *p, *line;
	wint_t		 ch;

	/* wrap_next() cuts one paragraph: newlines become spaces. */
	for (p = flat; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	for (p = flat; *p != '\0' && n < LINES - 4; p += next, n++)
		wrap_next(p, w - 2, &len, &next);
	y0 = (LINES - n - 2) / 2;
	attron(A_REVERSE);
	cell(y0, x0, w, title);
	attroff(A_REVERSE);
	for (p = flat, i = 0; i < n; i++, p += next) {
		wrap_next(p, w - 2, &len, &next);
		line = xstrndup(p, len);
		cellf(y0 + 1 + i, x0, w, " %s", line);
		free(line);
	}
	cell(y0 + 1 + n, x0, w, "");
	refresh();
	free(flat);
	while (get_wch(&ch) == ERR)
		;
}

static void
mark_criterion(struct replay *r)
{
	const struct team	*t = &r->full->game->teams[shown_team(r)];
	const char		*cand = r->fteam >= 0 && r->fcand >= 0 ?
	    t->candidates[r->fcand].name : NULL;
	struct mark		 m;
	int64_t			 seq = r->nev ? r->ev[r->sel].seq : 0;
	char			*lv, *comment, *cause = NULL;

	lv = prompt(_("Niveau : a = acquis, p = partiellement acquis, "
	    "n = non acquis : "));
	if (lv == NULL)
		return;
	memset(&m, 0, sizeof m);
	m.level = lv[0] == 'a' ? MARK_ACQUIRED : lv[0] == 'p' ? MARK_PARTLY :
	    lv[0] == 'n' ? MARK_NOT_ACQUIRED : MARK_NONE;
	free(lv);
	if (m.level == MARK_NONE) {
		snprintf(r->msg, sizeof r->msg, _("Niveau inconnu : rien "
		    "d'enregistré."));
		return;
	}
	comment = prompt(_("Commentaire : "));
	if (comment == NULL)
		return;
	m.team = t->name;
	m.candidate = (char *)(uintptr_t)cand;
	m.criterion = r->crit;
	m.comment = comment;
	m.evidence = seq > 0 ? &seq : NULL;
	m.nevidence = seq > 0 ? 1 : 0;
	m.author = (char *)(uintptr_t)marks_default_author();
	m.time = session_now();
	if (marks_put(&r->marks, &m, &cause) != EX_OK) {
		notice(_(" Évaluation E3 (une touche pour continuer)"), cause);
		snprintf(r->msg, sizeof r->msg, "%s", cause);
		free(cause);
	} else
		snprintf(r->msg, sizeof r->msg, _("Note enregistrée : %s, %s."),
		    _(scenario_e3_labels[r->crit]),
		    _(mark_level_labels[m.level]));
	free(comment);
}

/* --- views --- */

static void
draw_details(struct replay *r, int y, int rows)
{
	const struct revent	*e = &r->ev[r->sel];
	const struct game	*g = r->full->game;
	const struct scenario	*s = g->scenario;
	const char		*by = jstr(e->obj, "by");
	const char		*why = jstr(e->obj, "why");
	const char		*role = "—";
	char			 when[16], desc[600];
	int			 ti = e->team ? game_team_index(g, e->team) : -1;
	int			 i, k, end = y + rows;

	hhmm(e->time, when, sizeof when);
	if (ti >= 0 && e->actor != NULL) {
		int c = game_candidate_index(&g->teams[ti], e->actor);

		if (c >= 0 && g->teams[ti].candidates[c].role >= 0)
			role = s->roles[g->teams[ti].candidates[c].role].label;
	} else if (ti < 0)
		role = _("formateur");
	attron(A_BOLD);
	cellf(y++, 0, COLS, _("Événement n° %lld : %s"), (long long)e->seq,
	    e->type);
	attroff(A_BOLD);
	/* Individual attribution says when the name was only declared. */
	cellf(y++, 0, COLS, json_is_true(json_object_get(e->obj, "declared")) ?
	    _("Qui : %s (nom déclaré sur la console partagée) (%s), équipe "
	    "%s, à %s, semaine %d") : _("Qui : %s (%s), équipe %s, à %s, "
	    "semaine %d"), e->actor ? e->actor : "—", role,
	    e->team ? e->team : "—", when, e->week);
	cellf(y++, 0, COLS, _("Pour le compte de : %s"), by ? by : "—");
	cellf(y++, 0, COLS, _("Pourquoi : %s"), why && *why ? why : "—");
	describe(e->obj, desc, sizeof desc);
	cellf(y++, 0, COLS, _("Données : %s"), *desc ? desc : "—");
	if (y >= end)
		return;
	cell(y++, 0, COLS, _("Ce que cela a causé :"));
	for (k = 0; k < g->nteams && y < end; k++)
		for (i = 0; i < g->teams[k].nexplanations && y < end; i++) {
			const struct explanation *x = &g->teams[k].explanations[i];
			int q;

			for (q = 0; q < x->nseqs; q++)
				if (x->seqs[q] == e->seq)
					break;
			if (q < x->nseqs)
				cellf(y++, 2, COLS - 2, "%s S%d : %s",
				    g->teams[k].name, x->week, x->text);
		}
	while (y < end)
		cell(y++, 0, COLS, "");
}

static void
draw_events(struct replay *r, int y, int rows)
{
	int	 list = rows / 2, i, row, shown = 0;
	int	 idx[256], n = 0, at = 0;
	char	 when[16], desc[400];

	if (list < 3)
		list = 3;
	/* The visible events around the selection. */
	for (i = 0; i < r->nev; i++)
		if (visible(r, &r->ev[i])) {
			if (i == r->sel)
				at = shown;
			shown++;
		}
	if (shown == 0) {
		cell(y, 0, COLS, _("Aucun événement ne passe les filtres."));
		for (i = 1; i < rows; i++)
			cell(y + i, 0, COLS, "");
		return;
	}
	if (at < r->top)
		r->top = at;
	if (at >= r->top + list)
		r->top = at - list + 1;
	row = 0;
	for (i = 0; i < r->nev && n < list && n < 256; i++) {
		if (!visible(r, &r->ev[i]))
			continue;
		if (row++ < r->top)
			continue;
		idx[n++] = i;
	}
	for (row = 0; row < list; row++) {
		const struct revent *e;

		if (row >= n) {
			cell(y + row, 0, COLS, "");
			continue;
		}
		e = &r->ev[idx[row]];
		hhmm(e->time, when, sizeof when);
		describe(e->obj, desc, sizeof desc);
		if (idx[row] == r->sel)
			attron(A_REVERSE);
		cellf(y + row, 0, 6, "%5lld", (long long)e->seq);
		cellf(y + row, 6, 10, " %s S%d", when, e->week);
		cell(y + row, 16, 7, e->team ? e->team : "—");
		cell(y + row, 23, 13, e->actor ? e->actor : "");
		cell(y + row, 36, 17, e->type);
		cell(y + row, 53, COLS - 53, desc);
		if (idx[row] == r->sel)
			attroff(A_REVERSE);
	}
	draw_details(r, y + list, rows - list);
}

/* Text views: lines built, then shown from r->scroll. */
struct lines {
	char	**v;
	int	  n;
};

static void
add(struct lines *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
add(struct lines *l, const char *fmt, ...)
{
	char	 buf[1024];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	l->v = xreallocarray(l->v, (size_t)l->n + 1, sizeof *l->v);
	l->v[l->n++] = xstrdup(buf);
}

static void
show_lines(struct replay *r, struct lines *l, int y, int rows)
{
	int	 i;

	if (r->scroll > l->n - rows)
		r->scroll = l->n - rows > 0 ? l->n - rows : 0;
	for (i = 0; i < rows; i++) {
		const char *s = r->scroll + i < l->n ? l->v[r->scroll + i] : "";

		if (s[0] == '#') {
			attron(A_BOLD);
			cell(y + i, 0, COLS, s + 1);
			attroff(A_BOLD);
		} else
			cell(y + i, 0, COLS, s);
	}
	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static void
draw_state(struct replay *r, int y, int rows)
{
	const struct game	*g = state_at(r);
	const struct scenario	*s = g->scenario;
	const struct team	*t = &g->teams[shown_team(r)];
	struct ledger		 led;
	struct lines		 l = { NULL, 0 };
	char			 f[32], c[32], a[32], nm[200];
	int			 i;
	static const char *const st[] = {
		N_("à faire"), N_("en cours"), N_("bloqué"), N_("livré")
	};

	add(&l, _("#Équipe %s à l'événement n° %lld — %s, semaine %d"),
	    t->name, (long long)(r->nev ? r->ev[r->sel].seq : 0),
	    g->phase == PHASE_FRAMING ? _("cadrage") :
	    g->phase == PHASE_PILOTING ? _("pilotage") : _("lancé"), g->week);
	game_ledger(g, t, &led);
	euros(led.envelope, f, sizeof f);
	euros(led.reserve, c, sizeof c);
	euros(led.margin, a, sizeof a);
	add(&l, _("Enveloppe %s, réserve %s, marge %s"), f, c, a);
	add(&l, _("#Budget par ligne            prévu       engagé         réel"));
	for (i = 0; i < led.nlines; i++) {
		euros(led.lines[i].forecast, f, sizeof f);
		euros(led.lines[i].committed, c, sizeof c);
		euros(led.lines[i].actual, a, sizeof a);
		add(&l, "%s %12s %12s %12s", fit(nm, sizeof nm,
		    s->lines[i].label, 26), f, c, a);
	}
	add(&l, _("#Lots (Gantt : prévu / réel)"));
	for (i = 0; i < s->npackages; i++) {
		const struct package_state *p = &t->packages[i];
		char pl[24], re[24];

		if (p->plan_start > 0)
			snprintf(pl, sizeof pl, "S-%d→S-%d",
			    s->weeks - p->plan_start, s->weeks - p->plan_end);
		else
			snprintf(pl, sizeof pl, "—");
		if (p->started > 0)
			snprintf(re, sizeof re, "S-%d→%s%d",
			    s->weeks - p->started, p->finished ? "S-" : "",
			    p->finished ? s->weeks - p->finished : 0);
		else
			snprintf(re, sizeof re, "—");
		add(&l, "  %s %-12s %-12s %s%s", fit(nm, sizeof nm,
		    s->packages[i].name, 28), pl,
		    re, _(st[p->status]), game_package_late(g, t, i) ?
		    _(", en retard") : "");
	}
	add(&l, _("#Incidents ouverts"));
	for (i = 0; i < t->noccurrences; i++) {
		const struct occurrence *o = &t->occurrences[i];
		const struct incident *inc = game_occurrence_incident(g, o);

		if (o->status == OCC_OPEN)
			add(&l, "  n°%d S%d %s", i + 1, o->week,
			    inc ? inc->title : "?");
	}
	show_lines(r, &l, y, rows);
}

static void
draw_timeline(struct replay *r, int y, int rows)
{
	const struct game	*g = r->full->game;
	const struct team	*t = &g->teams[shown_team(r)];
	struct lines		 l = { NULL, 0 };
	char			 w[16];
	int			 i, k;

	add(&l, _("#Chronologie de l'équipe %s (session entière)"), t->name);
	add(&l, _("#Incidents et réponses"));
	for (i = 0; i < t->noccurrences; i++) {
		const struct occurrence *o = &t->occurrences[i];
		const struct incident *inc = game_occurrence_incident(g, o);

		hhmm(o->opened_time, w, sizeof w);
		add(&l, "  S%d %s n°%d (év. %lld) %s", o->week, w, i + 1,
		    (long long)o->opened_seq, inc ? inc->title : "?");
		if (o->status == OCC_ANSWERED)
			add(&l, _("      réponse « %s » par %s (év. %lld) : %s"),
			    inc && o->option >= 0 ? inc->options[o->option].id :
			    "?", o->answered_by ? o->answered_by : "?",
			    (long long)o->closed_seq, o->why ? o->why : "");
		else if (o->status == OCC_DEFAULTED)
			add(&l, _("      sans réponse dans le délai : défaut "
			    "appliqué"));
		else
			add(&l, _("      ouvert"));
	}
	add(&l, _("#Points de situation"));
	for (i = 0; i < t->nrequests; i++) {
		const struct status_request *q = &t->requests[i];
		char extra[200] = "";
		size_t n = 0;

		add(&l, _("  %s — délai %d min, demandé év. %lld"), q->title,
		    q->deadline_minutes, (long long)q->requested_seq);
		if (!q->submitted) {
			add(&l, _("      non rendu"));
			continue;
		}
		for (k = 0; k < t->ncandidates; k++)
			if (t->candidates[k].extra_time > 0 && q->authors &&
			    strstr(q->authors, t->candidates[k].name))
				n += (size_t)snprintf(extra + n, n < sizeof extra ?
				    sizeof extra - n : 0, "%s%s +%d %%",
				    n ? ", " : "", t->candidates[k].name,
				    t->candidates[k].extra_time);
		add(&l, _("      rendu après %lld min (év. %lld) par %s — %s"),
		    (long long)((q->submitted_time - q->requested_time) / 60000),
		    (long long)q->submitted_seq, q->authors ? q->authors : "?",
		    q->late ? _("EN RETARD") : _("à l'heure"));
		add(&l, _("      temps supplémentaire : %s"),
		    *extra ? extra : _("aucun"));
		add(&l, _("      risques : %s"), q->risks ? q->risks : "");
		add(&l, _("      arbitrages : %s"), q->arbitrations ?
		    q->arbitrations : "");
		add(&l, _("      suivi : %s"), q->tracking ? q->tracking : "");
	}
	show_lines(r, &l, y, rows);
}

static void
draw_marks(struct replay *r, int y, int rows)
{
	const struct game	*g = r->full->game;
	const struct team	*t = &g->teams[shown_team(r)];
	const char		*cand = r->fteam >= 0 && r->fcand >= 0 ?
	    t->candidates[r->fcand].name : NULL;
	const struct team_result *res = &t->result;
	int			 i, k, end = y + rows;
	char			 ev[200], nm[200];

	attron(A_BOLD);
	cellf(y++, 0, COLS, _("Évaluation E3 de %s%s%s (m : noter le critère "
	    "choisi)"), cand ? cand : _("l'équipe "), cand ? _(", équipe ") :
	    "", t->name);
	attroff(A_BOLD);
	for (i = 0; i < E3_CRITERION_COUNT && y < end; i++) {
		const struct mark *m = marks_find(&r->marks, t->name, cand, i);
		size_t n = 0;

		ev[0] = '\0';
		for (k = 0; k < res->e3_nevidence[i] && n < sizeof ev; k++)
			n += (size_t)snprintf(ev + n, sizeof ev - n, "%s%lld",
			    k ? "," : "", (long long)res->e3_evidence[i][k]);
		if (i == r->crit)
			attron(A_REVERSE);
		cellf(y++, 0, COLS, "%s %3d/100  %s", fit(nm, sizeof nm,
		    _(scenario_e3_labels[i]), 34), res->e3[i],
		    m ? _(mark_level_labels[m->level]) : _("non noté"));
		if (i == r->crit)
			attroff(A_REVERSE);
		if (y < end)
			cellf(y++, 4, COLS - 4, _("preuves calculées : %s"),
			    *ev ? ev : "—");
		if (m != NULL && y < end) {
			char mev[100];
			size_t q = 0;

			mev[0] = '\0';
			for (k = 0; k < m->nevidence && q < sizeof mev; k++)
				q += (size_t)snprintf(mev + q, sizeof mev - q,
				    "%s%lld", k ? "," : "",
				    (long long)m->evidence[k]);
			cellf(y++, 4, COLS - 4, _("note : « %s » (év. %s, %s)"),
			    m->comment ? m->comment : "", *mev ? mev : "—",
			    m->author ? m->author : "");
		}
	}
	while (y < end)
		cell(y++, 0, COLS, "");
}

static void
draw_help(void)
{
	int	 i, h = 14, w = 70, y0 = (LINES - h) / 2, x0 = (COLS - w) / 2;

	attron(A_REVERSE);
	cell(y0, x0, w, _(" Aide — touches du rejeu (une touche pour fermer)"));
	attroff(A_REVERSE);
	for (i = 0; help_lines[i] != NULL; i++)
		cellf(y0 + 1 + i, x0, w, " %s", _(help_lines[i]));
	for (i = i + 1; i < h; i++)
		cell(y0 + i, x0, w, "");
	refresh();
}

static void
draw(struct replay *r)
{
	const struct game	*g = r->full->game;
	const struct team	*t = filter_team(r);
	int			 rows = LINES - 4;
	char			 when[16] = "";

	erase();
	if (COLS < 80 || LINES < 24) {
		cellf(0, 0, COLS, _("Terminal trop petit (%d×%d) : 80×24 au "
		    "moins."), COLS, LINES);
		cell(1, 0, COLS, _("q : quitter"));
		refresh();
		return;
	}
	attron(A_REVERSE);
	cellf(0, 0, COLS, _(" pilote replay — %s — %s — vue %d/4 : %s"),
	    r->path, r->status, (int)r->view + 1, _(view_names[r->view]));
	attroff(A_REVERSE);
	if (r->nev)
		hhmm(r->ev[r->sel].time, when, sizeof when);
	cellf(1, 0, COLS, _("Filtres : équipe %s · candidat %s · type %s   "
	    "│ év. %lld/%d %s S%d"), t ? t->name : _("toutes"),
	    t && r->fcand >= 0 ? t->candidates[r->fcand].name : _("tous"),
	    _(kind_names[r->fkind]),
	    (long long)(r->nev ? r->ev[r->sel].seq : 0), r->nev, when,
	    r->nev ? r->ev[r->sel].week : 0);
	switch (r->view) {
	case VIEW_EVENTS:
		if (r->nev)
			draw_events(r, 2, rows);
		break;
	case VIEW_STATE:
		draw_state(r, 2, rows);
		break;
	case VIEW_TIMELINE:
		draw_timeline(r, 2, rows);
		break;
	default:
		draw_marks(r, 2, rows);
		break;
	}
	(void)g;
	attron(A_BOLD);
	cell(LINES - 2, 0, COLS, r->msg);
	attroff(A_BOLD);
	attron(A_REVERSE);
	cell(LINES - 1, 0, COLS, _("←→ év.  w/W sem.  g aller  f/t/c/x "
	    "filtres  Tab vue  m noter  ? aide  q quitter"));
	attroff(A_REVERSE);
	refresh();
}

static void
week_step(struct replay *r, int dir)
{
	int	 i;

	/* To the next / previous week's closing (cloturer_semaine). */
	for (i = r->sel + dir; i >= 0 && i < r->nev; i += dir)
		if (strcmp(r->ev[i].type, "cloturer_semaine") == 0)
			break;
	if (i < 0 || i >= r->nev) {
		snprintf(r->msg, sizeof r->msg, _("Plus de clôture de semaine "
		    "dans ce sens."));
		return;
	}
	r->sel = i;
	if (!visible(r, &r->ev[i]))
		r->sel = step(r, i, 0);
}

/* Handles a key; false to quit. */
static bool
key(struct replay *r, int kind, wint_t ch)
{
	const struct game	*g = r->full->game;

	r->msg[0] = '\0';
	if (kind == KEY_CODE_YES) {
		switch (ch) {
		case KEY_RIGHT:
			r->sel = step(r, r->sel, 1);
			break;
		case KEY_LEFT:
			r->sel = step(r, r->sel, -1);
			break;
		case KEY_DOWN:
			if (r->view == VIEW_EVENTS)
				r->sel = step(r, r->sel, 1);
			else if (r->view == VIEW_MARKS)
				r->crit = (r->crit + 1) % E3_CRITERION_COUNT;
			else
				r->scroll++;
			break;
		case KEY_UP:
			if (r->view == VIEW_EVENTS)
				r->sel = step(r, r->sel, -1);
			else if (r->view == VIEW_MARKS)
				r->crit = (r->crit + E3_CRITERION_COUNT - 1) %
				    E3_CRITERION_COUNT;
			else if (r->scroll > 0)
				r->scroll--;
			break;
		case KEY_NPAGE:
			week_step(r, 1);
			break;
		case KEY_PPAGE:
			week_step(r, -1);
			break;
		case KEY_ENTER:
			if (r->view == VIEW_MARKS)
				mark_criterion(r);
			break;
		default:
			break;
		}
		return true;
	}
	switch (ch) {
	case L'q':
		return false;
	case L'n':
		r->sel = step(r, r->sel, 1);
		break;
	case L'p':
		r->sel = step(r, r->sel, -1);
		break;
	case L'w':
		week_step(r, 1);
		break;
	case L'W':
		week_step(r, -1);
		break;
	case L'g':
		go_to(r);
		break;
	case L'v':
		/* The team's own screens, as they were at this event. */
		if (state_at(r) != NULL && r->at != NULL) {
			char when[64];

			snprintf(when, sizeof when, _("après l'événement n° %lld"),
			    (long long)r->at_seq);
			app_run_view(r->at, shown_team(r), when);
			clearok(curscr, TRUE);
		}
		break;
	case L'f':
		r->fkind = (r->fkind + 1) % KIND_COUNT;
		r->sel = step(r, r->sel, 0);
		break;
	case L't':
		r->fteam = r->fteam + 1 >= g->nteams ? -1 : r->fteam + 1;
		r->fcand = -1;
		r->sel = step(r, r->sel, 0);
		break;
	case L'c':
		if (r->fteam < 0) {
			snprintf(r->msg, sizeof r->msg, _("Choisissez d'abord "
			    "une équipe (t)."));
			break;
		}
		r->fcand = r->fcand + 1 >= g->teams[r->fteam].ncandidates ?
		    -1 : r->fcand + 1;
		r->sel = step(r, r->sel, 0);
		break;
	case L'x':
		r->fteam = r->fcand = -1;
		r->fkind = KIND_ALL;
		break;
	case L'\t':
		r->view = (r->view + 1) % VIEW_COUNT;
		r->scroll = 0;
		break;
	case L'1': case L'2': case L'3': case L'4':
		r->view = (enum view)(ch - L'1');
		r->scroll = 0;
		break;
	case L'm': case L'\n': case L'\r':
		if (r->view == VIEW_MARKS && r->marks_refused != NULL)
			notice(_(" Évaluation E3 (une touche pour continuer)"),
			    r->marks_refused);
		else if (r->view == VIEW_MARKS)
			mark_criterion(r);
		else if (ch == L'm')
			snprintf(r->msg, sizeof r->msg, _("Passez à la vue "
			    "évaluation (4) pour noter."));
		break;
	case L'?':
		draw_help();
		while (get_wch(&ch) == ERR)
			;
		break;
	default:
		break;
	}
	return true;
}

int
replay_run(const char *path)
{
	struct journal_report	 rep;
	struct replay		 r;
	char			*warning = NULL, *cause = NULL;
	int			 rc, i, kind;
	wint_t			 ch;

	memset(&r, 0, sizeof r);
	r.path = path;
	r.fteam = r.fcand = -1;
	rc = journal_verify_file(path, NULL, &rep);
	if (rc == -2) {
		fprintf(stderr, "pilote replay : %s\n", rep.message ?
		    rep.message : path);
		journal_report_release(&rep);
		return EX_NOINPUT;
	}
	if (rc == -1 && rep.lines == 0) {
		printf(_("%s:1: ce n'est pas un journal de session pilote (%s) : "
		    "rejeu impossible.\n"), path, rep.message ? rep.message : "");
		fflush(stdout);
		journal_report_release(&rep);
		return EX_DATAERR;
	}
	if (rc == -1) {
		printf(_("Session ALTÉRÉE : %s:%zu: %s\n"
		    "Le journal a été modifié après coup : rejeu refusé.\n"),
		    path, rep.bad_line, rep.message ? rep.message : "");
		fflush(stdout);
		journal_report_release(&rep);
		return EX_DATAERR;
	}
	if (rep.torn_tail)
		snprintf(r.status, sizeof r.status, _("journal intact, signé "
		    "%s (dernière ligne incomplète écartée)"), rep.fingerprint);
	else
		snprintf(r.status, sizeof r.status, _("journal intact ✓ "
		    "(%zu lignes, signé %s)"), rep.lines, rep.fingerprint);
	journal_report_release(&rep);
	if (session_open(path, false, 0, &r.full, &warning, &cause) == -1) {
		fprintf(stderr, "pilote replay : %s\n", cause);
		free(cause);
		return EX_DATAERR;
	}
	free(warning);
	rc = marks_load(path, r.full->journal, &r.marks, &warning, &cause);
	if (rc == EX_NOPERM) {
		/* The jury's private file: replay on, without its marks. */
		r.marks_refused = xasprintf(_("Notes du jury illisibles pour ce "
		    "compte, rejeu sans elles et sans noter : %s"), cause);
		warning = xstrdup(r.marks_refused);
		free(cause);
	} else if (rc != EX_OK) {
		fprintf(stderr, "pilote replay : %s\n", cause);
		free(cause);
		session_close(r.full);
		return rc;
	}
	for (i = 0; i < r.full->game->nteams; i++)
		game_compute_results(r.full->game, i);
	load_events(&r);
	if (warning != NULL)
		snprintf(r.msg, sizeof r.msg, "%s", warning);
	else
		snprintf(r.msg, sizeof r.msg, _("Session intacte : rejeu en "
		    "lecture seule. ? pour l'aide."));
	free(warning);

	if (initscr() == NULL) {
		fprintf(stderr, _("pilote replay : terminal inutilisable\n"));
		rc = EX_SOFTWARE;
		goto out;
	}
	raw();
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	for (;;) {
		draw(&r);
		kind = get_wch(&ch);
		if (kind == ERR)
			continue;
		if (kind == KEY_CODE_YES && ch == KEY_RESIZE)
			continue;
		if (kind == OK && ch == 3)	/* ^C in raw mode */
			break;
		if (!key(&r, kind, ch))
			break;
	}
	endwin();
	rc = EX_OK;
out:
	session_close(r.at);
	session_close(r.full);
	marks_release(&r.marks);
	free(r.marks_refused);
	free(r.ev);
	return rc;
}
