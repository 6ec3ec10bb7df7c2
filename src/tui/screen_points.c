/*
 * screen_points: the status points the trainer requested from the team,
 * and the editor in which the team writes them.
 *
 * At the top, the requested points, those to hand in first, each with its
 * countdown: the deadline is the trainer's delay, extended by the extra
 * time of the candidate at the keyboard (an accommodation), counted in
 * effective (pause-free) time; past it the countdown turns to « en retard »
 * (a point is still accepted, and recorded as late).  Below, the selected
 * point: the trainer's prompt and its three parts (risques, arbitrages,
 * suivi) as multi-line fields (tui/editor.h).  Enter puts the keyboard in
 * a field: the screen then takes every key (its .editing hook), Tab and
 * Maj+Tab move between the fields, Esc leaves them.  « r » hands the point
 * in, after a confirmation, with « point point=N risques=… arbitrages=…
 * suivi=… auteurs=<candidate> ».
 *
 * Drafts survive a crash: after each pause in the typing (the loop wakes
 * without a key) or every few seconds of continuous typing, the three
 * fields are written to <session>.drafts/<team>-<n>.txt (atomically, see
 * editor_draft_save) and read back when the point is opened again; the
 * file is removed once the point is handed in.  Drafts are the team's
 * typing, not game state: the journal only gets the point handed in.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/game.h"
#include "tui/editor.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/wrap.h"
#include "util/xalloc.h"

#define PTS_FIELDS	3
#define PTS_FLUSH_MS	3000	/* save at least this often while typing */

static const char *const pts_keys[PTS_FIELDS] = {
	"risques", "arbitrages", "suivi"
};
static const char *const pts_names[PTS_FIELDS] = {
	N_("Risques"), N_("Arbitrages"), N_("Suivi")
};
static const char *const pts_default_prompts[PTS_FIELDS] = {
	N_("imprévus rencontrés et leur traitement"),
	N_("décisions de management et de budget"),
	N_("budget, prestataires, livrables, délais")
};

/* The typing of one team on one requested point. */
struct pts_draft {
	int		 team;
	int		 request;
	struct editor	 fields[PTS_FIELDS];
	bool		 dirty;		/* typed since the last save */
	int64_t		 dirty_since;	/* monotonic ms */
	bool		 restored;	/* read back from its file */
	char		 saved[TEXT_TIME_MAX]; /* last save "14:32:05", or "" */
	char		*path;
};

/* UI state of the screen (drafts are not game state): the point selected,
 * the drafts opened, and the field that has the keyboard. */
struct pts_state {
	struct app_list	 list;
	struct pts_draft *drafts;
	int		 ndrafts;
	bool		 editing;
	int		 field;
	int		 field_req;	/* request (1-based) field belongs to */
	bool		 key_seen;	/* a key came since the last draw */
	bool		 cursor_on;
	int		 deadline_w;	/* columns the deadline row took */
};

static int64_t
pts_monotonic(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* <session>.drafts/<team>-<n>.txt, the team's name made file-safe. */
static char *
pts_draft_path(const struct app *a, int team, int request)
{
	char	*name = xstrdup(a->game->teams[team].name), *p, *path;

	for (p = name; *p != '\0'; p++)
		if (*p == '/' || (unsigned char)*p < 0x20 || *p == '\\')
			*p = '_';
	if (name[0] == '.')
		name[0] = '_';
	if (a->client != NULL) {
		/*
		 * A console may run under a candidate's own account, which
		 * cannot write beside the trainer's journal: its drafts live
		 * in its own state directory (XDG), named after the session.
		 */
		const char	*state = getenv("XDG_STATE_HOME");
		const char	*home = getenv("HOME");
		const char	*base = strrchr(a->path, '/');

		base = base != NULL ? base + 1 : a->path;
		if (state != NULL && state[0] == '/')
			path = xasprintf("%s/pilote/%s.drafts/%s-%d.txt",
			    state, base, name, request + 1);
		else
			path = xasprintf("%s/.local/state/pilote/%s.drafts/"
			    "%s-%d.txt", home != NULL ? home : "/tmp", base,
			    name, request + 1);
	} else
		path = xasprintf("%s.drafts/%s-%d.txt", a->path, name,
		    request + 1);
	free(name);
	return path;
}

/* The draft of (team, request), read from its file the first time. */
static struct pts_draft *
pts_draft(struct app *a, struct pts_state *st, int team, int request)
{
	struct pts_draft	*d;
	char			*cause = NULL;
	int			 i, rc;

	for (i = 0; i < st->ndrafts; i++)
		if (st->drafts[i].team == team &&
		    st->drafts[i].request == request)
			return &st->drafts[i];
	st->drafts = xreallocarray(st->drafts, (size_t)st->ndrafts + 1,
	    sizeof *st->drafts);
	d = &st->drafts[st->ndrafts++];
	memset(d, 0, sizeof *d);
	d->team = team;
	d->request = request;
	for (i = 0; i < PTS_FIELDS; i++)
		editor_init(&d->fields[i]);
	d->path = pts_draft_path(a, team, request);
	rc = editor_draft_load(d->path, d->fields, PTS_FIELDS, &cause);
	if (rc == 1) {
		d->restored = true;
		app_say(a, false, _("Brouillon retrouvé pour le point n°%d : "
		    "%s"), request + 1, d->path);
	} else if (rc == -1) {
		app_say(a, true, "%s", cause);
		free(cause);
	}
	return d;
}

static void
pts_draft_forget(struct pts_state *st, int team, int request)
{
	int	 i, j;

	for (i = 0; i < st->ndrafts; i++) {
		if (st->drafts[i].team != team ||
		    st->drafts[i].request != request)
			continue;
		for (j = 0; j < PTS_FIELDS; j++)
			editor_release(&st->drafts[i].fields[j]);
		free(st->drafts[i].path);
		st->drafts[i] = st->drafts[--st->ndrafts];
		return;
	}
}

static void
pts_draft_save(struct app *a, struct pts_draft *d)
{
	char		*cause = NULL;

	if (!d->dirty)
		return;
	if (editor_draft_save(d->path, d->fields, PTS_FIELDS, &cause) == -1) {
		app_say(a, true, "%s", cause);
		free(cause);
		/* Try again at the next pause, not at every tick. */
		d->dirty_since = pts_monotonic();
		return;
	}
	d->dirty = false;
	text_time(d->saved, a->now, TEXT_TIME_SECONDS);
}

static void
pts_flush(struct app *a, struct pts_state *st, bool force)
{
	int64_t	 now = pts_monotonic();
	int	 i;

	for (i = 0; i < st->ndrafts; i++)
		if (st->drafts[i].dirty && (force ||
		    now - st->drafts[i].dirty_since >= PTS_FLUSH_MS))
			pts_draft_save(a, &st->drafts[i]);
}

/* --- requests --- */

/* The team's requests in display order (to hand in first). */
static int
pts_order(const struct team *t, int *out)
{
	int	 i, n = 0;

	for (i = 0; i < t->nrequests; i++)
		if (!t->requests[i].submitted)
			out[n++] = i;
	for (i = t->nrequests - 1; i >= 0; i--)
		if (t->requests[i].submitted)
			out[n++] = i;
	return n;
}

static int
pts_selected(struct app *a, struct pts_state *st)
{
	struct team	*t = app_team(a);
	int		*order, sel, *focus = &st->list.focus;

	if (t->nrequests == 0)
		return -1;
	order = xcalloc((size_t)t->nrequests, sizeof *order);
	pts_order(t, order);
	if (*focus >= t->nrequests)
		*focus = t->nrequests - 1;
	if (*focus < 0)
		*focus = 0;
	sel = order[*focus];
	free(order);
	return sel;
}

/* The extra time (%) of the candidate at the keyboard. */
static int
pts_extra(const struct app *a)
{
	if (a->trainer)
		return 0;
	return a->game->teams[a->team].candidates[a->actor].extra_time;
}

/* Effective ms left before request r is late, for the acting candidate. */
static int64_t
pts_left(const struct app *a, const struct status_request *r)
{
	const struct team *t = app_team(a);

	return game_point_limit(t, (int)(r - t->requests), a->trainer ? NULL :
	    app_actor_name(a)) - game_effective_time(a->game, a->now);
}

/* The status of request r, for the list. */
static enum app_role
pts_status(const struct app *a, const struct status_request *r, char *buf,
    size_t n)
{
	char	 clock[TEXT_TIME_MAX];
	int64_t	 left;

	if (r->submitted) {
		bool whole = r->parts[0] == PART_COMPLETE &&
		    r->parts[1] == PART_COMPLETE && r->parts[2] == PART_COMPLETE;

		snprintf(buf, n, "%s%s", r->late ? _("rendu en retard") :
		    _("rendu à l'heure"), whole ? "" : _(", incomplet"));
		return r->late || !whole ? ROLE_WARN : ROLE_GOOD;
	}
	left = pts_left(a, r);
	text_countdown(clock, left);
	if (left <= 0) {
		snprintf(buf, n, _("en retard (+%s)"), clock);
		return ROLE_BAD;
	}
	snprintf(buf, n, _("reste %s"), clock);
	return left < 2 * 60000 ? ROLE_BAD : left < 5 * 60000 ? ROLE_WARN :
	    ROLE_NORMAL;
}

/* The prompt of part i of request r. */
static const char *
pts_prompt(const struct app *a, const struct status_request *r, int i)
{
	const struct status_point	*sp;
	const char			*p = NULL;

	if (r->point >= 0) {
		sp = &a->scenario->status_points[r->point];
		p = i == 0 ? sp->risks_prompt : i == 1 ?
		    sp->arbitrations_prompt : sp->tracking_prompt;
	}
	return p != NULL && p[0] != '\0' ? p : _(pts_default_prompts[i]);
}

/* --- drawing --- */

static int
pts_list(struct app *a, struct pts_state *st, int y, int max)
{
	struct team	*t = app_team(a);
	int		*order, n, i, focus, status_w = 32;
	char		 status[64], label[512];
	enum app_role	 role;

	order = xcalloc((size_t)t->nrequests + 1, sizeof *order);
	n = pts_order(t, order);
	st->list.rows = max;
	app_list_fit(&st->list, n, max);
	focus = st->list.focus;
	for (i = st->list.top; i < n && i < st->list.top + max; i++, y++) {
		const struct status_request *r = &t->requests[order[i]];

		snprintf(label, sizeof label, _("n°%d  %s"), order[i] + 1,
		    r->title);
		role = pts_status(a, r, status, sizeof status);
		app_text(a, y, 1, COLS - 3 - status_w, i == focus ?
		    ROLE_SELECTED : r->submitted ? ROLE_DIM : ROLE_NORMAL,
		    label);
		app_text(a, y, COLS - 1 - status_w, status_w, role, status);
		if (i == focus && !st->editing)
			app_cursor(a, y, 1);
	}
	free(order);
	return y;
}

/* The deadline line of request r; the columns it takes. */
static int
pts_deadline(struct app *a, int y, const struct status_request *r)
{
	char		 clock[TEXT_TIME_MAX], *extra = NULL, *line;
	int64_t		 left = pts_left(a, r);
	int		 x = pts_extra(a);
	enum app_role	 role;

	/* The extra time of whoever hands the point in, his own: a
	 * co-author's does not transfer (core/game.h). */
	if (x > 0)
		extra = xasprintf(_(" + %d %% (temps majoré de %s, qui rend le "
		    "point)"), x, app_actor_name(a));
	text_countdown(clock, left);
	if (left > 0) {
		line = xasprintf(_("Reste %s%s · délai %d min%s"), clock,
		    a->game->paused ? _(" (chronomètre en pause)") : "",
		    r->deadline_minutes, extra ? extra : "");
		role = left < 2 * 60000 ? ROLE_BAD : left < 5 * 60000 ?
		    ROLE_WARN : ROLE_INFO;
	} else {
		line = xasprintf(_("EN RETARD de %s, sera noté en retard · "
		    "délai %d min%s"), clock, r->deadline_minutes,
		    extra ? extra : "");
		role = ROLE_BAD;
	}
	app_text(a, y, 1, COLS - 2, role, line);
	x = wrap_width(line, strlen(line));
	free(line);
	free(extra);
	return x;
}

/* Field i's text rows, in [y, y + h), with the cursor if focused. */
static void
pts_field_draw(struct app *a, struct editor *ed, int y, int h, bool focused)
{
	int	 w = COLS - 4, row, col, i, n;
	char	*text;

	n = editor_layout(ed, w);
	if (focused)
		editor_scroll(ed, w, h);
	else if (ed->top > n - h)
		ed->top = n - h > 0 ? n - h : 0;
	for (i = 0; i < h; i++) {
		if (i == 0 && !focused && editor_empty(ed)) {
			app_text(a, y, 3, w, ROLE_DIM, _("(vide)"));
			continue;
		}
		if (ed->top + i >= n)
			continue;
		text = editor_row_text(ed, ed->top + i);
		app_text(a, y + i, 3, w, ROLE_NORMAL, text);
		free(text);
	}
	if (focused) {
		editor_cursor(ed, w, &row, &col);
		app_cursor(a, y + row - ed->top, 3 + col);
	}
	/* A bar on the left marks the rows that belong to the field. */
	for (i = 0; i < h; i++)
		app_text(a, y + i, 1, 1, focused ? ROLE_TAB_ACTIVE : ROLE_DIM,
		    focused ? "┃" : "│");
}

/* The three parts of request r: a draft, or what was handed in. */
static void
pts_fields(struct app *a, struct pts_state *st, int title_row, int y,
    int bottom, int req)
{
	struct team			*t = app_team(a);
	const struct status_request	*r = &t->requests[req];
	struct pts_draft		*d = NULL;
	struct editor			 shown[PTS_FIELDS], *ed;
	const char			*done[PTS_FIELDS];
	int				 i, h, total, words = 0, max_words = 0;
	int				 lrows[PTS_FIELDS], qrows, room, k;
	int				 hs[PTS_FIELDS], focus, left, need;
	char				 label[512], count[128], *text;
	char				 labels[PTS_FIELDS][512];
	int				 row;

	if (r->submitted) {
		done[0] = r->risks;
		done[1] = r->arbitrations;
		done[2] = r->tracking;
		for (i = 0; i < PTS_FIELDS; i++) {
			editor_init(&shown[i]);
			editor_set(&shown[i], done[i]);
			shown[i].top = 0;
		}
	} else
		d = pts_draft(a, st, a->team, req);
	if (r->point >= 0)
		max_words = a->scenario->status_points[r->point].max_words;
	/* Each part's question, wrapped whole when the rows allow it (a row
	 * of text per part at least, two for the one written in), then the
	 * hint line. */
	for (i = 0, qrows = 0; i < PTS_FIELDS; i++) {
		if (r->submitted)
			snprintf(labels[i], sizeof labels[i], "%d. %s (%s) — %s",
			    i + 1, _(pts_names[i]), _(game_point_part_labels[
			    r->parts[i]]), pts_prompt(a, r, i));
		else
			snprintf(labels[i], sizeof labels[i], "%d. %s — %s", i + 1,
			    _(pts_names[i]), pts_prompt(a, r, i));
		lrows[i] = app_paragraph_rows(labels[i], COLS - 2);
		qrows += lrows[i];
	}
	/* Short of rows: the other parts' questions shrink first, the one
	 * being written in last. */
	room = bottom - y - 1 - (PTS_FIELDS + 1);
	for (k = 0; qrows > room && k <= PTS_FIELDS; k++) {
		i = k < PTS_FIELDS ? k : st->field;
		if ((k < PTS_FIELDS && st->editing && i == st->field) ||
		    lrows[i] <= 1)
			continue;
		qrows -= lrows[i] - 1;
		lrows[i] = 1;
	}
	total = bottom - y - qrows - 1;
	if (total < PTS_FIELDS)
		total = PTS_FIELDS;
	/* Rows of text: a row each, then as many as each text needs, in
	 * order, the part being written in taking what is left. */
	focus = st->editing ? st->field : PTS_FIELDS - 1;
	for (i = 0, left = total; i < PTS_FIELDS; i++) {
		hs[i] = 1;
		left--;
	}
	if (st->editing && left > 0) {
		hs[focus]++;
		left--;
	}
	for (i = 0; i < PTS_FIELDS && left > 0; i++) {
		ed = d != NULL ? &d->fields[i] : &shown[i];
		need = editor_layout(ed, COLS - 4);
		while (hs[i] < need && left > 0) {
			hs[i]++;
			left--;
		}
	}
	hs[focus] += left;
	for (i = 0; i < PTS_FIELDS; i++) {
		ed = d != NULL ? &d->fields[i] : &shown[i];
		words += editor_words(ed);
		h = hs[i];
		y += app_paragraph(a, y, 1, COLS - 2, lrows[i], d != NULL &&
		    st->editing && i == st->field ? ROLE_TAB_ACTIVE :
		    ROLE_HEADING, labels[i]);
		pts_field_draw(a, ed, y, h, d != NULL && st->editing &&
		    i == st->field);
		y += h;
	}
	if (r->submitted) {
		for (i = 0; i < PTS_FIELDS; i++)
			editor_release(&shown[i]);
		return;
	}
	app_text(a, bottom - 1, 1, COLS - 2, ROLE_DIM, st->editing ?
	    _("Tab partie suivante · Maj+Tab précédente · Échap sortir du "
	    "champ") : _("Entrée écrire · ↑ ↓ autre point · r rendre le point "
	    "· ? aide"));
	/* Words and the draft's state, at the right of the title row. */
	if (max_words > 0)
		snprintf(count, sizeof count, _("%d mots / %d"), words,
		    max_words);
	else
		snprintf(count, sizeof count, _("%d mots"), words);
	if (d->dirty)
		snprintf(label, sizeof label, _("%s · saisie en cours"), count);
	else if (d->restored && d->saved[0] == '\0')
		snprintf(label, sizeof label, _("%s · brouillon retrouvé"),
		    count);
	else if (d->saved[0] != '\0')
		snprintf(label, sizeof label, _("%s · brouillon enregistré à %s"),
		    count, d->saved);
	else
		snprintf(label, sizeof label, "%s", count);
	/* Words and draft at the right of the title row, or of the deadline
	 * row below when the title needs the room: the title is read whole. */
	i = wrap_width(label, strlen(label));
	text = xasprintf(_("n°%d — %s"), req + 1, r->title);
	k = wrap_width(text, strlen(text));
	row = k + 2 + i <= COLS - 2 ? title_row :
	    st->deadline_w + 3 + i <= COLS - 2 ? title_row + 1 : -1;
	if (row >= 0)
		app_text(a, row, COLS - 1 - i, i, max_words > 0 &&
		    words > max_words ? ROLE_WARN : ROLE_DIM, label);
	app_text(a, title_row, 1, row == title_row ? COLS - 3 - i : COLS - 2,
	    ROLE_TITLE, text);
	free(text);
}

static void
pts_draw(struct app *a, void *state, int top, int rows)
{
	struct pts_state		*st = state;
	struct team			*t = app_team(a);
	const struct status_request	*r;
	int				 y = top, i, due = 0, req, list_rows;
	int				 title;
	char				*text;

	/* A draw that no key preceded is a pause in the typing. */
	pts_flush(a, st, !st->key_seen);
	st->key_seen = false;
	for (i = 0; i < t->nrequests; i++)
		if (!t->requests[i].submitted)
			due++;
	app_textf(a, y++, 1, COLS - 2, ROLE_TITLE, _("Points de situation de "
	    "l'équipe %s — %d à rendre sur %d"), t->name, due, t->nrequests);
	req = pts_selected(a, st);
	if (req < 0 || t->requests[req].submitted)
		st->editing = false;
	if (req < 0) {
		app_paragraph(a, y + 1, 1, COLS - 2, rows - 2, ROLE_DIM,
		    _("Aucun point de situation demandé pour l'instant.  Le "
		    "formateur en demande pendant le pilotage, avec un délai : "
		    "il s'affiche ici avec son compte à rebours, et vous y "
		    "écrivez les trois parties (risques et imprévus, "
		    "arbitrages, suivi), brèves et à l'heure."));
	} else {
		list_rows = t->nrequests < (rows >= 30 ? 5 : 3) ? t->nrequests :
		    rows >= 30 ? 5 : 3;
		y = pts_list(a, st, y, list_rows);
		attrset(a->attr[ROLE_DIM]);
		mvhline(y++, 1, ACS_HLINE, COLS - 2);
		attrset(A_NORMAL);
		r = &t->requests[req];
		title = y;
		if (r->submitted) {
			text = xasprintf(_("n°%d — %s · rendu %s par %s "
			    "(événement n°%lld), %d mots"), req + 1, r->title,
			    r->late ? _("en retard") : _("à l'heure"),
			    r->authors ? r->authors : "?",
			    (long long)r->submitted_seq, r->words);
			app_text(a, y++, 1, COLS - 2, r->late ? ROLE_WARN :
			    ROLE_GOOD, text);
			free(text);
		} else {
			y++;	/* the title: pts_fields() draws it */
			st->deadline_w = pts_deadline(a, y++, r);
		}
		if (r->prompt != NULL && r->prompt[0] != '\0')
			y += app_paragraph(a, y, 1, COLS - 2, rows >= 30 ? 3 : 2,
			    ROLE_NORMAL, r->prompt);
		pts_fields(a, st, title, y, top + rows, req);
	}
	if (st->editing != st->cursor_on) {
		curs_set(st->editing ? 1 : 0);
		st->cursor_on = st->editing;
	}
}

/* --- keys --- */

static void
pts_submit(struct app *a, struct pts_state *st, int req)
{
	struct team			*t = app_team(a);
	const struct status_request	*r = &t->requests[req];
	struct pts_draft		*d = pts_draft(a, st, a->team, req);
	char				*text[PTS_FIELDS], *question, n[16];
	char				*authors, *next;
	bool				 chosen[GAME_MAX_CANDIDATES];
	char				*dir;
	int				 i, rc;
	bool				 late = pts_left(a, r) <= 0;

	if (a->trainer) {
		app_say(a, true, _("Mode formateur : lecture seule (F pour "
		    "donner le clavier à l'équipe)."));
		return;
	}
	for (i = 0; i < PTS_FIELDS; i++) {
		if (!editor_empty(&d->fields[i]))
			continue;
		question = xasprintf(_("La partie « %s » est vide : rendre le "
		    "point quand même ?"), _(pts_names[i]));
		rc = app_confirm(a, question);
		free(question);
		if (!rc)
			return;
	}
	/* Who wrote it with the candidate at the keyboard: each co-author
	 * has the point as evidence (his own extra time stays his). */
	authors = xstrdup(app_actor_name(a));
	memset(chosen, 0, sizeof chosen);
	for (;;) {
		const char *labels[GAME_MAX_CANDIDATES + 1];
		int idx[GAME_MAX_CANDIDATES + 1], nl = 0, c;

		labels[nl] = _("Personne d'autre : passer à la confirmation");
		idx[nl++] = -1;
		for (c = 0; c < t->ncandidates && c < GAME_MAX_CANDIDATES; c++)
			if (!chosen[c] && strcmp(t->candidates[c].name,
			    app_actor_name(a)) != 0) {
				labels[nl] = t->candidates[c].name;
				idx[nl++] = c;
			}
		if (nl == 1)
			break;
		c = app_choose(a, _("Co-auteurs du point (Entrée sur un nom "
		    "pour l'ajouter)"), labels, nl, 0);
		if (c < 0) {
			free(authors);
			return;
		}
		if (idx[c] < 0)
			break;
		chosen[idx[c]] = true;
		next = xasprintf("%s,%s", authors, t->candidates[idx[c]].name);
		free(authors);
		authors = next;
	}
	question = xasprintf(_("Rendre le point n°%d%s au nom de %s ? C'est "
	    "définitif."), req + 1, late ? _(", en retard,") : "", authors);
	rc = app_confirm(a, question);
	free(question);
	if (!rc) {
		free(authors);
		return;
	}
	pts_draft_save(a, d);
	for (i = 0; i < PTS_FIELDS; i++)
		text[i] = editor_get(&d->fields[i]);
	snprintf(n, sizeof n, "%d", req + 1);
	rc = app_command(a, "point", NULL, "point", n, pts_keys[0], text[0],
	    pts_keys[1], text[1], pts_keys[2], text[2], "auteurs", authors,
	    NULL);
	free(authors);
	for (i = 0; i < PTS_FIELDS; i++)
		free(text[i]);
	if (rc == -1)
		return;
	/* Handed in: the draft has done its job. */
	if (unlink(d->path) == -1 && errno != ENOENT)
		app_say(a, true, _("Point rendu, mais le brouillon %s reste : "
		    "%s"), d->path, strerror(errno));
	else {
		dir = xasprintf("%s.drafts", a->path);
		(void)rmdir(dir);
		free(dir);
		app_say(a, false, _("Point n°%d rendu %s (événement n°%lld)."),
		    req + 1, t->requests[req].late ? _("en retard") :
		    _("à l'heure"), (long long)t->requests[req].submitted_seq);
	}
	pts_draft_forget(st, a->team, req);
	st->editing = false;
}

static int
pts_edit_key(struct app *a, struct pts_state *st, int req, int kind,
    wint_t ch)
{
	struct pts_draft	*d = pts_draft(a, st, a->team, req);
	enum editor_result	 res;

	if (kind == OK && ch == 27) {
		st->editing = false;
		pts_draft_save(a, d);
		return APP_HANDLED | APP_REDRAW;
	}
	/* Tab goes down the parts and stops at the last: text never lands
	 * in « Risques » for a Tab too many. */
	if (kind == OK && ch == '\t') {
		if (st->field < PTS_FIELDS - 1)
			st->field++;
		return APP_HANDLED | APP_REDRAW;
	}
	if (kind == KEY_CODE_YES && ch == KEY_BTAB) {
		if (st->field > 0)
			st->field--;
		return APP_HANDLED | APP_REDRAW;
	}
	res = editor_key(&d->fields[st->field], kind, ch, COLS - 4,
	    LINES / 4);
	if (res == EDITOR_CHANGED) {
		if (!d->dirty)
			d->dirty_since = pts_monotonic();
		d->dirty = true;
	}
	return APP_HANDLED | APP_REDRAW;
}

static int
pts_key(struct app *a, void *state, int kind, wint_t ch)
{
	struct pts_state	*st = state;
	struct team		*t = app_team(a);
	int			 req = pts_selected(a, st), r;
	char			*cause = NULL;

	st->key_seen = true;
	if (req < 0)
		return APP_IGNORED;
	if (st->editing)
		return pts_edit_key(a, st, req, kind, ch);
	r = app_list_key(&st->list, t->nrequests, kind, ch);
	if (r != APP_IGNORED)
		return r;
	if (((kind == OK && ch == '\n') || (kind == KEY_CODE_YES &&
	    ch == KEY_ENTER) || (kind == OK && ch == 'r')) &&
	    game_point_open(a->game, t, req, &cause) == -1) {
		/* The engine's rule: a point handed in is not changed. */
		app_say(a, true, _("Refusé : %s"), cause);
		free(cause);
		return APP_HANDLED | APP_REDRAW;
	}
	if ((kind == OK && ch == '\n') || (kind == KEY_CODE_YES &&
	    ch == KEY_ENTER)) {
		if (a->trainer)
			app_say(a, true, _("Mode formateur : lecture seule (F "
			    "pour donner le clavier à l'équipe)."));
		else {
			/* Another point opens on its first part. */
			if (st->field_req != req + 1)
				st->field = 0;
			st->field_req = req + 1;
			st->editing = true;
		}
		return APP_HANDLED | APP_REDRAW;
	}
	if (kind == OK && ch == 'r') {
		pts_submit(a, st, req);
		return APP_HANDLED | APP_REDRAW;
	}
	return APP_IGNORED;
}

static bool
pts_is_editing(const struct app *a, const void *state)
{
	const struct pts_state	*st = state;

	(void)a;
	return st->editing;
}

/* The typing is in the drafts' files: what the user leaves is saved. */
static void
pts_release(struct app *a, void *state)
{
	struct pts_state	*st = state;
	int			 i, j;

	pts_flush(a, st, true);
	for (i = 0; i < st->ndrafts; i++) {
		for (j = 0; j < PTS_FIELDS; j++)
			editor_release(&st->drafts[i].fields[j]);
		free(st->drafts[i].path);
	}
	free(st->drafts);
}

/* Saved: the point selected and the part last written in (Enter goes
 * back to it); the text itself is in the draft. */
static void
pts_save(const struct app *a, const void *state, struct app_ui *u)
{
	const struct pts_state	*st = state;

	(void)a;
	app_ui_put_list(u, "", &st->list);
	if (st->field != 0) {
		app_ui_put(u, "field", st->field);
		app_ui_put(u, "field_req", st->field_req);
	}
}

static void
pts_restore(struct app *a, void *state, const char *key, int value)
{
	struct pts_state	*st = state;

	(void)a;
	if (strcmp(key, "field") == 0 && value < PTS_FIELDS)
		st->field = value;
	else if (strcmp(key, "field_req") == 0 && value >= 0)
		st->field_req = value;
	else
		app_ui_get_list(&st->list, "", key, value);
}

static const char *const pts_help[] = {
	N_("↑ ↓ j k      choisir un point (ceux à rendre d'abord)"),
	N_("Entrée       écrire dans les trois parties du point"),
	N_("  Tab, Maj+Tab  partie suivante / précédente"),
	N_("  ← → ↑ ↓ Début Fin  se déplacer ; Retour arrière, Suppr : "
	    "effacer"),
	N_("  Entrée     nouvelle ligne ; Échap : sortir du champ"),
	N_("r            rendre le point (confirmation) au nom du candidat"),
	N_("c            le candidat qui rend : son temps majoré compte"),
	N_("Brouillon enregistré à chaque pause, retrouvé après une coupure"),
	NULL
};

const struct screen screen_points = {
	.id = "points",
	.name = N_("Points"),
	.size = sizeof(struct pts_state),
	.release = pts_release,
	.draw = pts_draw,
	.key = pts_key,
	.editing = pts_is_editing,
	.save = pts_save,
	.restore = pts_restore,
	.help = pts_help,
};
