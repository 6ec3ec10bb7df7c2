/*
 * replay: the evaluators' read-only player of a session (see replay.h),
 * built as read-only screens on the app's loop and widgets (tui/app.h):
 * four tabs (the event list with the selected event's details, the team's
 * state as it was at that event, a timeline of incidents and status
 * points, the E3 marking grid) under the replay's mode, which draws the top
 * row (the file and its integrity) and the key hints, and takes the keys
 * that step through the events and the weeks, go to one, filter, and open
 * the team's own screens as they were at the selected event (v: the live
 * screens on that state, read-only).  Money, times, texts, dialogs and
 * lists are the app's, as on every screen and in the exports.
 *
 * The session is replayed up to the selected event when it changes (the
 * state is cached for the current event); nothing here writes the journal:
 * marks go to "<session>.marks", a journal of their own signed by the
 * evaluator's key (io/marks.h); a mark refused (another account's file,
 * full disk) is shown whole in a box.
 */
#include <curses.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
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

enum kind { KIND_ALL, KIND_TEAM, KIND_TRAINER, KIND_INCIDENT, KIND_POINT,
	KIND_WEEK, KIND_COUNT };

static const char *const kind_names[KIND_COUNT] = {
	N_("tous"), N_("décisions d'équipe"), N_("formateur"),
	N_("incidents et réponses"), N_("points de situation"),
	N_("clôtures de semaine")
};

/*
 * One event of the list, 24 bytes whatever it says: its team, actor and
 * type are indexes into the replay's names (0: none); the rest of the line
 * is read again from the journal when it is shown (journal_load), so that
 * the replay never holds the journal.
 */
struct revent {
	int64_t		 time;
	int32_t		 seq;
	int16_t		 week;
	uint16_t	 team;
	uint16_t	 actor;
	uint16_t	 type;
};

/* The states kept to reach any event quickly: one per week and every
 * RP_SNAP_EVERY events, within RP_SNAP_BUDGET of state (game_weight). */
#define RP_SNAP_EVERY	256
#define RP_SNAP_BUDGET	(8 * 1024 * 1024)

struct rsnap {
	int64_t		 seq;		/* the state after this event */
	struct game	*game;		/* owned (game_clone) */
	size_t		 weight;
};

/* What the four screens share: the mode's data (app.mode_data). */
struct replay {
	const char	*path;
	struct session	*full;		/* the whole session */
	struct game	*at;		/* the state after at_seq (owned), or
					   NULL: the full one */
	int64_t		 at_seq;
	struct session	 at_view;	/* at, as a session for app_run_view */
	struct revent	*ev;
	int		 nev;
	int		 cap;
	char		**names;	/* names[0] NULL: interned texts */
	int		 nnames;
	uint16_t	 last[3];	/* last name of each field, a hint */
	struct rsnap	*snaps;		/* by seq, the header's state first */
	int		 nsnaps;
	size_t		 snap_weight;
	int		 snap_week;	/* the week of the last snapshot */
	json_t		*shown;		/* the line of shown_seq (owned) */
	int64_t		 shown_seq;
	int		 sel;		/* index in ev */
	int		 fteam;		/* filter: team, -1 all */
	int		 fcand;		/* filter: candidate of fteam, -1 */
	enum kind	 fkind;
	char		 status[200];	/* integrity, shown on top */
	struct marks	 marks;
	char		*marks_refused;	/* why the marks cannot be read */
};

static const char *const rp_help[] = {
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

static struct replay *
rp(const struct app *a)
{
	return a->mode_data;
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

/* The name of index i (0: NULL). */
static const char *
rp_name(const struct replay *r, uint16_t i)
{
	return i > 0 && i < r->nnames ? r->names[i] : NULL;
}

/* The index of s among the names (added if new); field: which hint. */
static uint16_t
rp_intern(struct replay *r, int field, const char *s)
{
	int	 i;

	if (s == NULL)
		return 0;
	if (r->last[field] > 0 && strcmp(r->names[r->last[field]], s) == 0)
		return r->last[field];
	for (i = 1; i < r->nnames; i++)
		if (strcmp(r->names[i], s) == 0)
			return r->last[field] = (uint16_t)i;
	/* Past 65 535 different names, the rest show as none. */
	if (r->nnames == UINT16_MAX)
		return 0;
	if (r->nnames == 0) {
		r->names = xcalloc(16, sizeof *r->names);
		r->nnames = 1;
	} else if ((r->nnames & (r->nnames - 1)) == 0)
		r->names = xreallocarray(r->names, (size_t)r->nnames * 2,
		    sizeof *r->names);
	r->names[r->nnames] = xstrdup(s);
	return r->last[field] = (uint16_t)r->nnames++;
}

#define EV_TEAM(r, e)	rp_name(r, (e)->team)
#define EV_ACTOR(r, e)	rp_name(r, (e)->actor)
#define EV_TYPE(r, e)	((e)->type > 0 ? rp_name(r, (e)->type) : "?")

/* The line of event e, read again from the journal (one kept). */
static const json_t *
ev_line(struct replay *r, const struct revent *e)
{
	if (r->shown == NULL || r->shown_seq != e->seq) {
		json_decref(r->shown);
		r->shown = journal_load(r->full->journal, (size_t)e->seq);
		r->shown_seq = e->seq;
	}
	return r->shown;
}

/* How much a state weighs, roughly, in bytes: what grows with events. */
static size_t
game_weight(const struct game *g)
{
	size_t	 w = sizeof *g + 4096;
	int	 i;

	for (i = 0; i < g->nteams; i++) {
		const struct team *t = &g->teams[i];

		w += 8192 + (size_t)(t->nmessages + t->nnotes) * 96 +
		    (size_t)t->nexplanations * 160 +
		    (size_t)t->ndecisions * 8 + (size_t)t->nrequests * 512 +
		    (size_t)t->noccurrences * 160;
	}
	return w + (size_t)g->nbroadcasts * 96;
}

/* Keeps the state after seq, if within the budget. */
static void
rp_snap(struct replay *r, const struct game *g, int64_t seq)
{
	size_t	 w = game_weight(g);

	if (r->snap_weight + w > RP_SNAP_BUDGET && r->nsnaps > 0)
		return;
	if ((r->nsnaps & (r->nsnaps + 1)) == 0 || r->nsnaps == 0)
		r->snaps = xreallocarray(r->snaps, (size_t)(r->nsnaps + 1) * 2,
		    sizeof *r->snaps);
	r->snaps[r->nsnaps].seq = seq;
	r->snaps[r->nsnaps].game = game_clone(g);
	r->snaps[r->nsnaps++].weight = w;
	r->snap_weight += w;
	r->snap_week = g->week;
}

/* Each line as the open folds it: the list, and the snapshots. */
static void
rp_seen(void *ctx, const struct game *g, size_t seq,
    const struct event *ev)
{
	struct replay	*r = ctx;
	struct revent	*e;

	if (seq == 0) {
		rp_snap(r, g, 0);
		return;
	}
	if (r->nev == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 1024;
		r->ev = xreallocarray(r->ev, (size_t)r->cap, sizeof *r->ev);
	}
	e = &r->ev[r->nev++];
	e->seq = (int32_t)seq;
	e->time = ev->time;
	e->team = rp_intern(r, 0, ev->team);
	e->actor = rp_intern(r, 1, ev->actor);
	e->type = rp_intern(r, 2, ev->type);
	/* The week the event was played in: before its own effect. */
	e->week = (int16_t)(r->nev > 1 ? r->ev[r->nev - 2].week : 0);
	if (r->nev > 1 && (strcmp(EV_TYPE(r, e - 1), "ouvrir_pilotage") == 0 ||
	    strcmp(EV_TYPE(r, e - 1), "cloturer_semaine") == 0))
		e->week = (int16_t)(e->week + 1);
	if (g->week != r->snap_week ||
	    seq - (size_t)r->snaps[r->nsnaps - 1].seq >= RP_SNAP_EVERY)
		rp_snap(r, g, (int64_t)seq);
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
	const char		*ty = EV_TYPE(r, e);
	const char		*team = EV_TEAM(r, e), *actor = EV_ACTOR(r, e);

	if (t != NULL && (team == NULL || strcmp(team, t->name) != 0))
		return false;
	if (t != NULL && r->fcand >= 0 && (actor == NULL ||
	    strcmp(actor, t->candidates[r->fcand].name) != 0))
		return false;
	switch (r->fkind) {
	case KIND_ALL:
		return true;
	case KIND_TEAM:
		return team != NULL;
	case KIND_TRAINER:
		return team == NULL;
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
	if (r->nev > 0 && EV_TEAM(r, &r->ev[r->sel]) != NULL &&
	    (t = game_team_index(g, EV_TEAM(r, &r->ev[r->sel]))) >= 0)
		return t;
	return 0;
}

/*
 * The state after the selected event (cached for it): on from the state
 * shown before when it is behind and near, else from the nearest snapshot
 * before it; the last event's is the full session's.
 */
static const struct game *
state_at(struct app *a, struct replay *r)
{
	int64_t	 seq = r->nev ? r->ev[r->sel].seq : 0, from;
	int	 lo = 0, hi = r->nsnaps - 1, mid;

	(void)a;
	if (r->nev == 0 || seq == r->ev[r->nev - 1].seq) {
		game_free(r->at);
		r->at = NULL;
		r->at_seq = seq;
		return r->full->game;
	}
	if (r->at != NULL && r->at_seq == seq)
		return r->at;
	/* The last snapshot at or before seq (the header's is first). */
	while (lo < hi) {
		mid = (lo + hi + 1) / 2;
		if (r->snaps[mid].seq <= seq)
			lo = mid;
		else
			hi = mid - 1;
	}
	from = r->snaps[lo].seq;
	if (r->at != NULL && r->at_seq < seq && r->at_seq >= from)
		from = r->at_seq;
	else {
		game_free(r->at);
		r->at = game_clone(r->snaps[lo].game);
	}
	session_fold_on(r->full, r->at, from, seq);
	r->at_seq = seq;
	return r->at;
}

/* --- dialogs --- */

static void
go_to(struct app *a, struct replay *r)
{
	char	*s = app_prompt(a, _("Aller à : n° d'événement, S3 pour la "
	    "semaine 3, ou 10:32 pour une heure"), NULL);
	char	*end, want[TEXT_TIME_MAX], clock[TEXT_TIME_MAX];
	long	 n;
	int	 i;

	if (s == NULL || *s == '\0') {
		free(s);
		return;
	}
	if (strchr(s, ':') != NULL) {
		int	 hh, mm, at = -1;

		if (sscanf(s, "%d:%d", &hh, &mm) == 2 && hh >= 0 && hh < 24 &&
		    mm >= 0 && mm < 60) {
			snprintf(want, sizeof want, "%02d:%02d", hh, mm);
			/* The first event at or after that time, as displayed. */
			for (i = 0; i < r->nev && at < 0; i++)
				if (strcmp(text_time(clock, r->ev[i].time,
				    TEXT_TIME_CLOCK), want) >= 0)
					at = i;
		}
		if (at < 0)
			app_say(a, true, _("Aucun événement à partir de "
			    "« %s »."), s);
		else {
			r->sel = step(r, at, 0);
			app_say(a, false, _("À %s : événement n° %lld."), s,
			    (long long)r->ev[r->sel].seq);
		}
	} else if (s[0] == 'S' || s[0] == 's') {
		n = strtol(s + 1, &end, 10);
		for (i = 0; i < r->nev; i++)
			if (r->ev[i].week >= n)
				break;
		if (*end != '\0' || i == r->nev)
			app_say(a, true, _("Semaine « %s » introuvable."), s);
		else {
			r->sel = step(r, i, 0);
			app_say(a, false, _("Semaine %ld, événement n° %lld."),
			    n, (long long)r->ev[r->sel].seq);
		}
	} else {
		n = strtol(s, &end, 10);
		if (*end != '\0' || n < 1 || n > r->nev)
			app_say(a, true, _("Événement « %s » introuvable."), s);
		else
			r->sel = step(r, (int)n - 1, 0);
	}
	free(s);
}

static void
mark_criterion(struct app *a, struct replay *r, int crit)
{
	const struct team	*t = &r->full->game->teams[shown_team(r)];
	const char		*cand = r->fteam >= 0 && r->fcand >= 0 ?
	    t->candidates[r->fcand].name : NULL;
	struct mark		 m;
	int64_t			 seq = r->nev ? r->ev[r->sel].seq : 0;
	char			*lv, *comment, *cause = NULL, *ask, *ev, num[32];
	uint64_t		 pick;

	lv = app_prompt(a, _("Niveau : a = acquis, p = partiellement acquis, "
	    "n = non acquis"), NULL);
	if (lv == NULL)
		return;
	memset(&m, 0, sizeof m);
	m.level = lv[0] == 'a' ? MARK_ACQUIRED : lv[0] == 'p' ? MARK_PARTLY :
	    lv[0] == 'n' ? MARK_NOT_ACQUIRED : MARK_NONE;
	free(lv);
	if (m.level == MARK_NONE) {
		app_say(a, true, _("Niveau inconnu : rien d'enregistré."));
		return;
	}
	comment = app_prompt(a, _("Commentaire"), NULL);
	if (comment == NULL)
		return;
	/* The evidence linked is said and can be changed: the selection of
	 * another view is not linked behind the evaluator's back. */
	snprintf(num, sizeof num, "%lld", (long long)seq);
	ask = seq > 0 ? xasprintf(_("Preuve liée : événement n°%lld (%s) ; "
	    "un autre numéro, ou vide pour aucune"), (long long)seq,
	    EV_TYPE(r, &r->ev[r->sel])) : xstrdup(_("Preuve liée : un numéro "
	    "d'événement, ou vide pour aucune"));
	ev = app_prompt(a, ask, seq > 0 ? num : "");
	free(ask);
	if (ev == NULL) {
		free(comment);
		return;
	}
	if (ev[0] == '\0')
		seq = 0;
	else if (!text_parse_uint(ev, INT64_MAX, &pick) || pick < 1 ||
	    pick > (uint64_t)r->ev[r->nev - 1].seq) {
		app_say(a, true, _("Événement « %s » introuvable : rien "
		    "d'enregistré."), ev);
		free(ev);
		free(comment);
		return;
	} else
		seq = (int64_t)pick;
	free(ev);
	m.team = t->name;
	m.candidate = (char *)(uintptr_t)cand;
	m.criterion = crit;
	m.comment = comment;
	m.evidence = seq > 0 ? &seq : NULL;
	m.nevidence = seq > 0 ? 1 : 0;
	m.author = (char *)(uintptr_t)marks_default_author();
	m.time = session_now();
	if (marks_put(&r->marks, &m, &cause) != EX_OK) {
		app_notice(a, _("Évaluation E3 (une touche pour continuer)"),
		    cause);
		app_say(a, true, "%s", cause);
		free(cause);
	} else
		app_say(a, false, _("Note enregistrée : %s, %s."),
		    _(scenario_e3_labels[crit]), _(mark_level_labels[m.level]));
	free(comment);
}

/* --- what every view shows on its first row --- */

static void
rp_filters(struct app *a, const struct replay *r, int y)
{
	const struct team	*t = filter_team(r);
	char			 when[TEXT_TIME_MAX] = "";

	if (r->nev)
		text_time(when, r->ev[r->sel].time, TEXT_TIME_CLOCK);
	app_textf(a, y, 1, COLS - 2, ROLE_DIM, _("Filtres : équipe %s · "
	    "candidat %s · type %s   │ év. %lld/%d %s S%d"), t ? t->name :
	    _("toutes"), t && r->fcand >= 0 ? t->candidates[r->fcand].name :
	    _("tous"), _(kind_names[r->fkind]),
	    (long long)(r->nev ? r->ev[r->sel].seq : 0), r->nev, when,
	    r->nev ? r->ev[r->sel].week : 0);
}

/* Whether a key is one of ↑ ↓ j k (the list keys a view takes; the pages
 * step through the weeks). */
static bool
rp_updown(int kind, wint_t ch)
{
	return (kind == KEY_CODE_YES && (ch == KEY_UP || ch == KEY_DOWN)) ||
	    (kind == OK && (ch == 'j' || ch == 'k'));
}

/* --- the events --- */

static void
draw_details(struct app *a, struct replay *r, int y, int rows)
{
	const struct revent	*e = &r->ev[r->sel];
	const struct game	*g = r->full->game;
	const struct scenario	*s = g->scenario;
	const json_t		*obj = ev_line(r, e);
	const char		*by = jstr(obj, "by");
	const char		*why = jstr(obj, "why");
	const char		*team = EV_TEAM(r, e), *actor = EV_ACTOR(r, e);
	const char		*role = "—";
	char			 when[TEXT_TIME_MAX], desc[600], *line;
	int			 ti = team ? game_team_index(g, team) : -1;
	int			 i, k, end = y + rows, w = COLS - 2;

	text_time(when, e->time, TEXT_TIME_CLOCK);
	if (ti >= 0 && actor != NULL) {
		int c = game_candidate_index(&g->teams[ti], actor);

		if (c >= 0 && g->teams[ti].candidates[c].role >= 0)
			role = s->roles[g->teams[ti].candidates[c].role].label;
	} else if (ti < 0)
		role = _("formateur");
	app_textf(a, y++, 1, w, ROLE_TITLE, _("Événement n° %lld : %s"),
	    (long long)e->seq, EV_TYPE(r, e));
	/* Individual attribution says when the name was only declared. */
	app_textf(a, y++, 1, w, ROLE_NORMAL, json_is_true(json_object_get(
	    obj, "declared")) ? _("Qui : %s (nom déclaré sur la console "
	    "partagée) (%s), équipe %s, à %s, semaine %d") : _("Qui : %s (%s), "
	    "équipe %s, à %s, semaine %d"), actor ? actor : "—", role,
	    team ? team : "—", when, e->week);
	app_textf(a, y++, 1, w, ROLE_NORMAL, _("Pour le compte de : %s"),
	    by ? by : "—");
	/* Read here, so wrapped whole, never cut. */
	line = xasprintf(_("Pourquoi : %s"), why && *why ? why : "—");
	y += app_paragraph(a, y, 1, w, end - y, ROLE_NORMAL, line);
	free(line);
	describe(obj, desc, sizeof desc);
	line = xasprintf(_("Données : %s"), *desc ? desc : "—");
	if (y < end)
		y += app_paragraph(a, y, 1, w, end - y, ROLE_NORMAL, line);
	free(line);
	if (y >= end)
		return;
	app_text(a, y++, 1, w, ROLE_HEADING, _("Ce que cela a causé :"));
	for (k = 0; k < g->nteams && y < end; k++)
		for (i = 0; i < g->teams[k].nexplanations && y < end; i++) {
			const struct explanation *x = &g->teams[k].explanations[i];
			int q;

			for (q = 0; q < x->nseqs; q++)
				if (x->seqs[q] == e->seq)
					break;
			if (q < x->nseqs) {
				line = xasprintf("%s S%d : %s",
				    g->teams[k].name, x->week,
				    later_text(x->say));
				y += app_paragraph(a, y, 3, w - 2, end - y,
				    ROLE_NORMAL, line);
				free(line);
			}
		}
}

/* The events list: where it is read (the selection is the replay's). */
struct rp_events {
	struct app_list	 list;
};

/* The visible events (the filters'): their indexes, how many, and the
 * selection's place among them. */
static int
rp_visible(const struct replay *r, int *idx, int *at)
{
	int	 i, n = 0;

	*at = 0;
	for (i = 0; i < r->nev; i++)
		if (visible(r, &r->ev[i])) {
			if (i == r->sel)
				*at = n;
			idx[n++] = i;
		}
	return n;
}

static void
events_draw(struct app *a, void *state, int top, int rows)
{
	struct rp_events	*st = state;
	struct replay		*r = rp(a);
	int			 list, i, n, at, *idx, y = top + 1;
	char			 when[TEXT_TIME_MAX], desc[400];

	rp_filters(a, r, top);
	rows--;
	if (r->nev == 0)
		return;
	idx = xcalloc((size_t)r->nev, sizeof *idx);
	n = rp_visible(r, idx, &at);
	if (n == 0) {
		app_text(a, y, 1, COLS - 2, ROLE_DIM, _("Aucun événement ne "
		    "passe les filtres."));
		free(idx);
		return;
	}
	list = rows / 2 < 3 ? 3 : rows / 2;
	st->list.focus = at;
	st->list.rows = list;
	app_list_fit(&st->list, n, list);
	for (i = st->list.top; i < n && i < st->list.top + list; i++, y++) {
		const struct revent *e = &r->ev[idx[i]];
		enum app_role role = idx[i] == r->sel ? ROLE_SELECTED :
		    ROLE_NORMAL;

		text_time(when, e->time, TEXT_TIME_CLOCK);
		/* Not ev_line(): the selected line stays the one kept. */
		{
			json_t *o = journal_load(r->full->journal,
			    (size_t)e->seq);

			describe(o, desc, sizeof desc);
			json_decref(o);
		}
		if (idx[i] == r->sel) {
			attrset(a->attr[ROLE_SELECTED]);
			mvhline(y, 1, ' ', COLS - 2);
			attrset(A_NORMAL);
			app_cursor(a, y, 1);
		}
		app_textf(a, y, 1, 6, role, "%5lld", (long long)e->seq);
		app_textf(a, y, 7, 10, role, " %s S%d", when, e->week);
		/* A column never runs into the next: one blank between. */
		app_text(a, y, 17, 6, role, EV_TEAM(r, e) ? EV_TEAM(r, e) : "—");
		app_text(a, y, 24, 12, role, EV_ACTOR(r, e) ? EV_ACTOR(r, e) :
		    "");
		app_text(a, y, 37, 16, role, EV_TYPE(r, e));
		app_text(a, y, 54, COLS - 55, role, desc);
	}
	free(idx);
	draw_details(a, r, top + 1 + list, rows - list);
}

static int
events_key(struct app *a, void *state, int kind, wint_t ch)
{
	struct rp_events	*st = state;
	struct replay		*r = rp(a);
	int			*idx, n, at, res;

	if (!rp_updown(kind, ch) || r->nev == 0)
		return APP_IGNORED;
	idx = xcalloc((size_t)r->nev, sizeof *idx);
	n = rp_visible(r, idx, &at);
	st->list.focus = at;
	res = app_list_key(&st->list, n, kind, ch);
	if (n > 0)
		r->sel = idx[st->list.focus];
	free(idx);
	return res;
}

static const char *const events_help[] = {
	N_("↑ ↓          événement précédent / suivant dans la liste"),
	NULL
};

static const struct screen rp_screen_events = {
	.id = "events",
	.name = N_("Événements"),
	.size = sizeof(struct rp_events),
	.draw = events_draw,
	.key = events_key,
	.help = events_help,
};

/* --- text views: lines built, then read as a document --- */

struct lines {
	struct {
		enum app_role	 role;
		char		*text;
	}	*v;
	int	  n;
};

static void
add(struct lines *l, enum app_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
add(struct lines *l, enum app_role role, const char *fmt, ...)
{
	va_list	 ap;

	l->v = xreallocarray(l->v, (size_t)l->n + 1, sizeof *l->v);
	va_start(ap, fmt);
	l->v[l->n].text = xvasprintf(fmt, ap);
	va_end(ap);
	l->v[l->n++].role = role;
}

/* Where a document view is read. */
struct rp_doc {
	struct app_list	 doc;
};

static void
show_lines(struct app *a, struct rp_doc *st, struct lines *l, int y,
    int rows)
{
	int	 i;

	app_scroll_fit(&st->doc, l->n, rows);
	for (i = 0; i < rows && st->doc.top + i < l->n; i++)
		app_text(a, y + i, 1, COLS - 2, l->v[st->doc.top + i].role,
		    l->v[st->doc.top + i].text);
	for (i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
}

static int
doc_key(struct app *a, void *state, int kind, wint_t ch)
{
	struct rp_doc	*st = state;

	(void)a;
	/* Length unknown here: the draw clamps the end. */
	return rp_updown(kind, ch) ? app_scroll_key(&st->doc, -1, kind, ch) :
	    APP_IGNORED;
}

/* A money cell: text_money, right-aligned in width columns. */
static const char *
money(char *out, size_t n, int64_t cents, int width)
{
	char	 m[TEXT_MONEY_MAX];

	return wrap_pad(out, n, text_money(m, cents), width, 1);
}

static void
state_draw(struct app *a, void *state, int top, int rows)
{
	struct replay		*r = rp(a);
	const struct game	*g = state_at(a, r);
	const struct scenario	*s = g->scenario;
	const struct team	*t = &g->teams[shown_team(r)];
	struct ledger		 led;
	struct lines		 l = { NULL, 0 };
	char			 f[64], c[64], d[64], nm[200];
	char			 m1[TEXT_MONEY_MAX], m2[TEXT_MONEY_MAX], m3[TEXT_MONEY_MAX];
	int			 i;
	static const char *const st[] = {
		N_("à faire"), N_("en cours"), N_("bloqué"), N_("livré")
	};

	rp_filters(a, r, top);
	add(&l, ROLE_TITLE, _("Équipe %s à l'événement n° %lld — %s, semaine "
	    "%d"), t->name, (long long)(r->nev ? r->ev[r->sel].seq : 0),
	    g->phase == PHASE_FRAMING ? _("cadrage") :
	    g->phase == PHASE_PILOTING ? _("pilotage") : _("lancé"), g->week);
	game_ledger(g, t, &led);
	add(&l, ROLE_NORMAL, _("Enveloppe %s, réserve %s, marge %s"),
	    text_money(m1, led.envelope), text_money(m2, led.reserve),
	    text_money(m3, led.margin));
	add(&l, ROLE_HEADING, "%s%s%s%s", wrap_pad(nm, sizeof nm,
	    _("Budget par ligne"), 26, 0), wrap_pad(f, sizeof f, _("prévu"),
	    13, 1), wrap_pad(c, sizeof c, _("engagé"), 13, 1), wrap_pad(d,
	    sizeof d, _("réel"), 13, 1));
	for (i = 0; i < led.nlines; i++)
		add(&l, ROLE_NORMAL, "%s%s%s%s", wrap_pad(nm, sizeof nm,
		    s->lines[i].label, 26, 0), money(f, sizeof f,
		    led.lines[i].forecast, 13), money(c, sizeof c,
		    led.lines[i].committed, 13), money(d, sizeof d,
		    led.lines[i].actual, 13));
	add(&l, ROLE_HEADING, _("Lots (Gantt : prévu / réel)"));
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
		add(&l, ROLE_NORMAL, "  %s %s %s %s%s", wrap_pad(nm, sizeof nm,
		    s->packages[i].name, 28, 0), wrap_pad(f, sizeof f, pl, 12,
		    0), wrap_pad(c, sizeof c, re, 12, 0), _(st[p->status]),
		    game_package_late(g, t, i) ? _(", en retard") : "");
	}
	add(&l, ROLE_HEADING, _("Incidents ouverts"));
	for (i = 0; i < t->noccurrences; i++) {
		const struct occurrence *o = &t->occurrences[i];
		const struct incident *inc = game_occurrence_incident(g, o);

		if (o->status == OCC_OPEN)
			add(&l, ROLE_NORMAL, "  n°%d S%d %s", i + 1, o->week,
			    inc ? inc->title : "?");
	}
	show_lines(a, state, &l, top + 1, rows - 1);
}

static const char *const doc_help[] = {
	N_("↑ ↓          faire défiler"),
	NULL
};

static const struct screen rp_screen_state = {
	.id = "state",
	.name = N_("État de l'équipe"),
	.size = sizeof(struct rp_doc),
	.draw = state_draw,
	.key = doc_key,
	.help = doc_help,
};

static void
timeline_draw(struct app *a, void *state, int top, int rows)
{
	struct replay		*r = rp(a);
	const struct game	*g = r->full->game;
	const struct team	*t = &g->teams[shown_team(r)];
	struct lines		 l = { NULL, 0 };
	char			 w[TEXT_TIME_MAX];
	int			 i, k;

	rp_filters(a, r, top);
	add(&l, ROLE_TITLE, _("Chronologie de l'équipe %s (session entière)"),
	    t->name);
	add(&l, ROLE_HEADING, _("Incidents et réponses"));
	for (i = 0; i < t->noccurrences; i++) {
		const struct occurrence *o = &t->occurrences[i];
		const struct incident *inc = game_occurrence_incident(g, o);

		text_time(w, o->opened_time, TEXT_TIME_CLOCK);
		add(&l, ROLE_NORMAL, "  S%d %s n°%d (év. %lld) %s", o->week, w,
		    i + 1, (long long)o->opened_seq, inc ? inc->title : "?");
		if (o->status == OCC_ANSWERED)
			add(&l, ROLE_NORMAL, _("      réponse « %s » par %s "
			    "(év. %lld) : %s"), inc && o->option >= 0 ?
			    inc->options[o->option].id : "?", o->answered_by ?
			    o->answered_by : "?", (long long)o->closed_seq,
			    o->why ? o->why : "");
		else if (o->status == OCC_DEFAULTED)
			add(&l, ROLE_NORMAL, _("      sans réponse dans le "
			    "délai : défaut appliqué"));
		else
			add(&l, ROLE_NORMAL, _("      ouvert"));
	}
	add(&l, ROLE_HEADING, _("Points de situation"));
	for (i = 0; i < t->nrequests; i++) {
		const struct status_request *q = &t->requests[i];
		char extra[200] = "";
		size_t n = 0;

		add(&l, ROLE_NORMAL, _("  %s — délai %d min, demandé év. %lld"),
		    q->title, q->deadline_minutes, (long long)q->requested_seq);
		if (!q->submitted) {
			add(&l, ROLE_NORMAL, _("      non rendu"));
			continue;
		}
		for (k = 0; k < t->ncandidates; k++)
			if (t->candidates[k].extra_time > 0 && q->authors &&
			    strstr(q->authors, t->candidates[k].name))
				n += (size_t)snprintf(extra + n, n < sizeof extra ?
				    sizeof extra - n : 0, "%s%s +%d %%",
				    n ? ", " : "", t->candidates[k].name,
				    t->candidates[k].extra_time);
		add(&l, ROLE_NORMAL, _("      rendu après %lld min (év. %lld) "
		    "par %s — %s"), (long long)((q->submitted_time -
		    q->requested_time) / 60000), (long long)q->submitted_seq,
		    q->authors ? q->authors : "?", q->late ? _("EN RETARD") :
		    _("à l'heure"));
		add(&l, ROLE_NORMAL, _("      temps supplémentaire : %s"),
		    *extra ? extra : _("aucun"));
		add(&l, ROLE_NORMAL, _("      risques : %s"), q->risks ?
		    q->risks : "");
		add(&l, ROLE_NORMAL, _("      arbitrages : %s"),
		    q->arbitrations ? q->arbitrations : "");
		add(&l, ROLE_NORMAL, _("      suivi : %s"), q->tracking ?
		    q->tracking : "");
	}
	show_lines(a, state, &l, top + 1, rows - 1);
}

static const struct screen rp_screen_timeline = {
	.id = "timeline",
	.name = N_("Chronologie"),
	.size = sizeof(struct rp_doc),
	.draw = timeline_draw,
	.key = doc_key,
	.help = doc_help,
};

/* --- marking --- */

/* The criterion selected. */
struct rp_marks {
	struct app_list	 crit;
};

static void
marks_draw(struct app *a, void *state, int top, int rows)
{
	struct rp_marks		*st = state;
	struct replay		*r = rp(a);
	const struct game	*g = r->full->game;
	const struct team	*t = &g->teams[shown_team(r)];
	const char		*cand = r->fteam >= 0 && r->fcand >= 0 ?
	    t->candidates[r->fcand].name : NULL;
	const struct team_result *res = &t->result;
	int			 i, k, y = top, end = top + rows;
	char			 ev[200], nm[200];

	rp_filters(a, r, y++);
	app_list_fit(&st->crit, E3_CRITERION_COUNT, E3_CRITERION_COUNT);
	app_textf(a, y++, 1, COLS - 2, ROLE_TITLE, _("Évaluation E3 de %s%s%s "
	    "(m : noter le critère choisi)"), cand ? cand : _("l'équipe "),
	    cand ? _(", équipe ") : "", t->name);
	for (i = 0; i < E3_CRITERION_COUNT && y < end; i++) {
		const struct mark *m = marks_find(&r->marks, t->name, cand, i);
		size_t n = 0;
		bool sel = i == st->crit.focus;

		ev[0] = '\0';
		for (k = 0; k < res->e3_nevidence[i] && n < sizeof ev; k++)
			n += (size_t)snprintf(ev + n, sizeof ev - n, "%s%lld",
			    k ? "," : "", (long long)res->e3_evidence[i][k]);
		if (sel)
			app_cursor(a, y, 1);
		if (res->e3_assessed[i])
			app_textf(a, y++, 1, COLS - 2, sel ? ROLE_SELECTED :
			    ROLE_NORMAL, "%s %3d/100  %s", wrap_pad(nm,
			    sizeof nm, _(scenario_e3_labels[i]), 34, 0),
			    res->e3[i], m ? _(mark_level_labels[m->level]) :
			    _("non noté"));
		else
			app_textf(a, y++, 1, COLS - 2, sel ? ROLE_SELECTED :
			    ROLE_NORMAL, "%s     —    %s", wrap_pad(nm,
			    sizeof nm, _(scenario_e3_labels[i]), 34, 0), m ?
			    _(mark_level_labels[m->level]) : _("non noté"));
		if (y < end)
			app_textf(a, y++, 5, COLS - 6, ROLE_DIM, _("%s, %s · "
			    "preuves calculées : %s"), scenario_e3_codes[i],
			    _(game_e3_level_labels[game_e3_level(res, i)]),
			    *ev ? ev : "—");
		if (m != NULL && y < end) {
			char mev[100];
			size_t q = 0;

			mev[0] = '\0';
			for (k = 0; k < m->nevidence && q < sizeof mev; k++)
				q += (size_t)snprintf(mev + q, sizeof mev - q,
				    "%s%lld", k ? "," : "",
				    (long long)m->evidence[k]);
			app_textf(a, y++, 5, COLS - 6, ROLE_INFO, _("note : "
			    "« %s » (év. %s, %s)"), m->comment ? m->comment : "",
			    *mev ? mev : "—", m->author ? m->author : "");
		}
	}
}

static int
marks_key(struct app *a, void *state, int kind, wint_t ch)
{
	struct rp_marks	*st = state;
	struct replay	*r = rp(a);

	if (rp_updown(kind, ch))
		return app_list_key(&st->crit, E3_CRITERION_COUNT, kind, ch);
	if ((kind == OK && (ch == 'm' || ch == '\n')) ||
	    (kind == KEY_CODE_YES && ch == KEY_ENTER)) {
		if (r->marks_refused != NULL)
			app_notice(a, _("Évaluation E3 (une touche pour "
			    "continuer)"), r->marks_refused);
		else
			mark_criterion(a, r, st->crit.focus);
		return APP_HANDLED | APP_REDRAW;
	}
	return APP_IGNORED;
}

static const char *const marks_help[] = {
	N_("↑ ↓          choisir un critère"),
	N_("m ou Entrée  le noter : niveau, commentaire ; l'événement choisi "
	    "en est la preuve"),
	NULL
};

static const struct screen rp_screen_marks = {
	.id = "marks",
	.name = N_("Évaluation E3"),
	.size = sizeof(struct rp_marks),
	.draw = marks_draw,
	.key = marks_key,
	.help = marks_help,
};

static const struct screen *const rp_screens[] = {
	&rp_screen_events,
	&rp_screen_state,
	&rp_screen_timeline,
	&rp_screen_marks,
};

/* --- the mode --- */

/* What the screens see: the state at the selected event, its team. */
static void
rp_prepare(struct app *a)
{
	struct replay	*r = rp(a);

	a->game = (struct game *)(uintptr_t)state_at(a, r);
	a->team = shown_team(r);
}

static void
rp_bar(struct app *a)
{
	struct replay	*r = rp(a);

	attrset(a->attr[ROLE_BAR]);
	mvhline(0, 0, ' ', COLS);
	attrset(A_NORMAL);
	app_textf(a, 0, 1, COLS - 2, ROLE_BAR, _("pilote replay — %s — %s"),
	    r->path, r->status);
}

static const char *
rp_hints(const struct app *a)
{
	(void)a;
	return _("←→ év.  w/W sem.  g aller  v écrans  f/t/c/x filtres  "
	    "? aide  q quitter");
}

static void
week_step(struct app *a, struct replay *r, int dir)
{
	int	 i;

	/* To the next / previous week's closing (cloturer_semaine). */
	for (i = r->sel + dir; i >= 0 && i < r->nev; i += dir)
		if (strcmp(EV_TYPE(r, &r->ev[i]), "cloturer_semaine") == 0)
			break;
	if (i < 0 || i >= r->nev) {
		app_say(a, true, _("Plus de clôture de semaine dans ce sens."));
		return;
	}
	r->sel = i;
	if (!visible(r, &r->ev[i]))
		r->sel = step(r, i, 0);
}

/* The replay's keys, after the view's. */
static int
rp_key(struct app *a, int kind, wint_t ch)
{
	struct replay		*r = rp(a);
	const struct game	*g = r->full->game;
	char			 when[64];

	if (kind == KEY_CODE_YES) {
		if (ch == KEY_RIGHT)
			r->sel = step(r, r->sel, 1);
		else if (ch == KEY_LEFT)
			r->sel = step(r, r->sel, -1);
		else if (ch == KEY_NPAGE)
			week_step(a, r, 1);
		else if (ch == KEY_PPAGE)
			week_step(a, r, -1);
		else
			return APP_IGNORED;
		return APP_HANDLED | APP_REDRAW;
	}
	switch (ch) {
	case 'n':
		r->sel = step(r, r->sel, 1);
		break;
	case 'p':
		r->sel = step(r, r->sel, -1);
		break;
	case 'w':
		week_step(a, r, 1);
		break;
	case 'W':
		week_step(a, r, -1);
		break;
	case 'g':
		go_to(a, r);
		break;
	case 'v':
		/* The team's own screens, as they were at this event. */
		a->game = (struct game *)(uintptr_t)state_at(a, r);
		r->at_view = *r->full;
		r->at_view.game = a->game;
		snprintf(when, sizeof when, _("après l'événement n° %lld"),
		    (long long)r->at_seq);
		app_run_view(&r->at_view, shown_team(r), when);
		clearok(curscr, TRUE);
		break;
	case 'f':
		r->fkind = (r->fkind + 1) % KIND_COUNT;
		r->sel = step(r, r->sel, 0);
		break;
	case 't':
		r->fteam = r->fteam + 1 >= g->nteams ? -1 : r->fteam + 1;
		r->fcand = -1;
		r->sel = step(r, r->sel, 0);
		break;
	case 'c':
		if (r->fteam < 0) {
			app_say(a, true, _("Choisissez d'abord une équipe "
			    "(t)."));
			break;
		}
		r->fcand = r->fcand + 1 >= g->teams[r->fteam].ncandidates ?
		    -1 : r->fcand + 1;
		r->sel = step(r, r->sel, 0);
		break;
	case 'x':
		r->fteam = r->fcand = -1;
		r->fkind = KIND_ALL;
		break;
	case 'm':
		app_say(a, true, _("Passez à la vue évaluation (4) pour "
		    "noter."));
		break;
	default:
		return APP_IGNORED;
	}
	return APP_HANDLED | APP_REDRAW;
}

static const struct app_mode rp_mode = {
	rp_prepare, rp_bar, rp_hints, rp_key, rp_help
};

/* The states, before the scenario they borrow goes. */
static void
rp_abandon(void *ctx)
{
	struct replay	*r = ctx;
	int		 i;

	game_free(r->at);
	r->at = NULL;
	for (i = 0; i < r->nsnaps; i++)
		game_free(r->snaps[i].game);
	free(r->snaps);
	r->snaps = NULL;
	r->nsnaps = 0;
}

static void
rp_release(struct replay *r)
{
	int	 i;

	rp_abandon(r);
	for (i = 1; i < r->nnames; i++)
		free(r->names[i]);
	free(r->names);
	free(r->ev);
	json_decref(r->shown);
	session_close(r->full);
	memset(r, 0, sizeof *r);
}

int
replay_run(const char *path)
{
	struct journal_report	 rep;
	struct session_observer	 obs;
	struct replay		 r;
	struct app		 app;
	char			*warning = NULL, *cause = NULL;
	int			 rc, i;

	memset(&r, 0, sizeof r);
	r.path = path;
	r.fteam = r.fcand = -1;
	/* One read: the session is checked, folded and listed at once. */
	obs.seen = rp_seen;
	obs.abandon = rp_abandon;
	obs.ctx = &r;
	if (session_open_observed(path, false, 0, &obs, &r.full, &warning,
	    &cause) == 0) {
		if (warning != NULL)
			snprintf(r.status, sizeof r.status, _("journal intact, "
			    "signé %s (dernière ligne incomplète écartée)"),
			    journal_fingerprint(r.full->journal));
		else
			snprintf(r.status, sizeof r.status, _("journal intact ✓ "
			    "(%zu lignes, signé %s)"),
			    journal_count(r.full->journal),
			    journal_fingerprint(r.full->journal));
		free(warning);
		warning = NULL;
	} else {
		/* Why, as pilote verify says it. */
		free(warning);
		warning = NULL;
		rc = journal_verify_file(path, NULL, &rep);
		if (rc == -2) {
			fprintf(stderr, "pilote replay : %s\n", rep.message ?
			    rep.message : path);
			rc = EX_NOINPUT;
		} else if (rc == -1 && rep.lines == 0) {
			printf(_("%s:1: ce n'est pas un journal de session "
			    "pilote (%s) : rejeu impossible.\n"), path,
			    rep.message ? rep.message : "");
			rc = EX_DATAERR;
		} else if (rc == -1) {
			printf(_("Session ALTÉRÉE : %s:%zu: %s\n"
			    "Le journal a été modifié après coup : rejeu "
			    "refusé.\n"), path, rep.bad_line, rep.message ?
			    rep.message : "");
			rc = EX_DATAERR;
		} else {
			fprintf(stderr, "pilote replay : %s\n", cause);
			rc = EX_DATAERR;
		}
		fflush(stdout);
		free(cause);
		journal_report_release(&rep);
		rp_release(&r);
		return rc;
	}
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
		rp_release(&r);
		return rc;
	}
	for (i = 0; i < r.full->game->nteams; i++)
		game_compute_results(r.full->game, i);
	app = (struct app){ 0 };
	app.session = r.full;
	app.path = path;
	app.scenario = r.full->scenario;
	app.game = r.full->game;
	app.readonly = true;
	app.trainer = true;
	app.mode = &rp_mode;
	app.mode_data = &r;
	if (warning != NULL)
		app_say(&app, false, "%s", warning);
	else
		app_say(&app, false, _("Session intacte : rejeu en lecture "
		    "seule. ? pour l'aide."));
	free(warning);
	rc = app_run_screens(&app, rp_screens,
	    (int)(sizeof rp_screens / sizeof rp_screens[0]));
	if (rc == EX_OSERR) {
		fprintf(stderr, _("pilote replay : terminal inutilisable\n"));
		rc = EX_SOFTWARE;
	} else {
		/* A read-only app leaves curses to its caller. */
		endwin();
		rc = EX_OK;
	}
	marks_release(&r.marks);
	free(r.marks_refused);
	rp_release(&r);
	return rc;
}
