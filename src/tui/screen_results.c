/*
 * screen_results: what each team achieved at launch, as the engine
 * computed it (game_compute_results fills team.result): deliverables on
 * time, late or missing; the budget spent and committed against the final
 * envelope; quality; accessibility; the KPIs against their targets; and
 * the E3 indicators with their evidence (journal event numbers) and the
 * engine's comment.  A table compares the teams at the top; ← → shows
 * another team's detail, which scrolls with the list keys.
 *
 * Before the launch, the screen says what will appear here and how it is
 * computed, with a provisional view of the E3 indicators so far.
 *
 * The detail is built as a list of logical lines, then cut into rows for
 * the terminal width; both are rebuilt at each draw (a few dozen lines).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/game.h"
#include "core/ledger.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/wrap.h"
#include "util/xalloc.h"

struct res_row {
	enum app_role	 role;
	int		 indent;
	char		*text;		/* owned */
};

struct res_doc {
	struct res_row	*rows;
	int		 n;
	int		 width;
};

/* The team whose detail is shown (follows the team at the keyboard until
 * ← → choose another), and where the detail is read. */
struct res_state {
	int		 shown;		/* team index + 1, 0: the keyboard's */
	int		 last_team;	/* team at the keyboard + 1 */
	struct app_list	 doc;
};

/*
 * Adds text as rows of the document, wrapped at its width; the rows after
 * the first are indented by hang more columns.
 */
static void
res_hang(struct res_doc *d, enum app_role role, int indent, int hang,
    const char *text)
{
	const char	*p = text;
	size_t		 len, next;
	int		 first = 1;

	do {
		wrap_next(p, d->width - indent - (first ? 0 : hang), &len,
		    &next);
		d->rows = xreallocarray(d->rows, (size_t)d->n + 1,
		    sizeof *d->rows);
		d->rows[d->n].role = role;
		d->rows[d->n].indent = indent + (first ? 0 : hang);
		d->rows[d->n].text = xstrndup(p, len);
		d->n++;
		p += next;
		first = 0;
	} while (*p != '\0' && next > 0);
}

static void
res_add(struct res_doc *d, enum app_role role, int indent, const char *text)
{
	res_hang(d, role, indent, indent > 0 ? 2 : 0, text);
}

static void
res_addf(struct res_doc *d, enum app_role role, int indent, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static void
res_addf(struct res_doc *d, enum app_role role, int indent, const char *fmt,
    ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	res_add(d, role, indent, s);
	free(s);
}

static void
res_release(struct res_doc *d)
{
	int	 i;

	for (i = 0; i < d->n; i++)
		free(d->rows[i].text);
	free(d->rows);
	memset(d, 0, sizeof *d);
}

/* "S-3" for week w. */
static void
res_week(const struct app *a, int w, char *buf, size_t n)
{
	snprintf(buf, n, "S-%d", a->scenario->weeks - w);
}

/* The packages of team t in one delivery class, in words (allocated). */
static char *
res_packages(const struct app *a, const struct team *t, int which)
{
	const struct scenario	*s = a->scenario;
	char			*out = xstrdup(""), *next, w1[16], w2[16];
	int			 i, due;

	for (i = 0; i < s->npackages; i++) {
		const struct package_state *p = &t->packages[i];

		due = s->weeks - s->packages[i].due;
		if (which == 0 && p->status != PKG_DONE)
			next = xasprintf("%s%s%s", out, out[0] ? ", " : "",
			    s->packages[i].name);
		else if (which == 1 && p->status == PKG_DONE &&
		    p->finished > due) {
			res_week(a, p->finished, w1, sizeof w1);
			res_week(a, due, w2, sizeof w2);
			next = xasprintf(_("%s%s%s (livré %s, échéance %s)"), out,
			    out[0] ? ", " : "", s->packages[i].name, w1, w2);
		} else if (which == 2 && s->packages[i].accessibility &&
		    !(p->status == PKG_DONE && p->accessible))
			next = xasprintf("%s%s%s", out, out[0] ? ", " : "",
			    s->packages[i].name);
		else
			continue;
		free(out);
		out = next;
	}
	return out;
}

/* "+6,8 %" for a/b. */
static void
res_percent(char *buf, size_t n, int64_t a, int64_t b)
{
	int64_t	 tenths = b != 0 ? a * 1000 / b : 0;
	int64_t	 abs_t = tenths < 0 ? -tenths : tenths;

	/* The same minus as every other signed figure (effects, KPI). */
	snprintf(buf, n, "%s%lld,%lld %%", tenths < 0 ? "-" : "+",
	    (long long)(abs_t / 10), (long long)(abs_t % 10));
}

static int
res_seq_cmp(const void *pa, const void *pb)
{
	int64_t	 a = *(const int64_t *)pa, b = *(const int64_t *)pb;

	return a < b ? -1 : a > b;
}

static void
res_e3(struct res_doc *d, const struct app *a, const struct team *t)
{
	const struct scenario	*s = a->scenario;
	const struct team_result *r = &t->result;
	char			*ev, *next, *line;
	int64_t			*sorted;
	int			 i, j;

	for (i = 0; i < E3_CRITERION_COUNT; i++) {
		enum e3_level lv = game_e3_level(r, i);

		if (lv == E3_LEVEL_NA)
			line = xasprintf("    —    %s (%s) : %s", _(scenario_e3_labels[i]),
			    scenario_e3_codes[i], _(game_e3_level_labels[lv]));
		else
			line = xasprintf("%3d/100  %s (%s, %s %d %%) : %s", r->e3[i],
			    _(scenario_e3_labels[i]), scenario_e3_codes[i],
			    _("poids"), s->scoring.e3[i],
			    _(game_e3_level_labels[lv]));
		res_hang(d, lv == E3_LEVEL_ACQUIRED ? ROLE_GOOD :
		    lv == E3_LEVEL_PARTLY ? ROLE_WARN : lv == E3_LEVEL_NOT ?
		    ROLE_BAD : ROLE_DIM, 1, 9, line);
		free(line);
		if (r->e3_comment[i] != NULL)
			res_hang(d, ROLE_NORMAL, 10, 0,
			    later_text(r->e3_comment[i]));
		line = xasprintf(_("Règle : %s."), _(scenario_e3_rules[i]));
		res_hang(d, ROLE_DIM, 10, 0, line);
		free(line);
		ev = xstrdup("");
		sorted = xcalloc((size_t)r->e3_nevidence[i] + 1,
		    sizeof *sorted);
		if (r->e3_nevidence[i] > 0) {
			memcpy(sorted, r->e3_evidence[i],
			    (size_t)r->e3_nevidence[i] * sizeof *sorted);
			qsort(sorted, (size_t)r->e3_nevidence[i],
			    sizeof *sorted, res_seq_cmp);
		}
		for (j = 0; j < r->e3_nevidence[i]; j++) {
			next = xasprintf("%s%s%lld", ev, j ? ", " : "",
			    (long long)sorted[j]);
			free(ev);
			ev = next;
		}
		free(sorted);
		line = r->e3_nevidence[i] > 0 ? xasprintf(_("preuves : "
		    "événements n°%s du journal"), ev) : xstrdup(_("aucune "
		    "preuve dans le journal"));
		res_hang(d, ROLE_DIM, 10, 0, line);
		free(line);
		free(ev);
	}
}

/* The detail of team ti at launch. */
static void
res_detail(struct res_doc *d, struct app *a, int ti)
{
	const struct scenario	*s = a->scenario;
	struct team		*t = &a->game->teams[ti];
	struct team_result	*r = &t->result;
	struct ledger		 l;
	char			 m1[TEXT_MONEY_MAX], m2[TEXT_MONEY_MAX];
	char			 m3[TEXT_MONEY_MAX], pct[32], v[40], c[40];
	char			*list;
	int			 i, p;
	int64_t			 span;

	res_addf(d, ROLE_HEADING, 0, _("Livrables — %d/100 (poids %d %%)"),
	    r->scores[RESULT_DELIVERY], s->scoring.weights[RESULT_DELIVERY]);
	res_addf(d, r->late + r->missing > 0 ? ROLE_WARN : ROLE_GOOD, 1,
	    _("%d à l'heure · %d en retard · %d manquant(s), sur %d lots"),
	    r->on_time, r->late, r->missing, s->npackages);
	list = res_packages(a, t, 1);
	if (list[0])
		res_addf(d, ROLE_NORMAL, 1, _("En retard : %s"), list);
	free(list);
	list = res_packages(a, t, 0);
	if (list[0])
		res_addf(d, ROLE_BAD, 1, _("Manquants : %s"), list);
	free(list);

	res_addf(d, ROLE_HEADING, 0, _("Budget — %d/100 (poids %d %%)"),
	    r->scores[RESULT_BUDGET], s->scoring.weights[RESULT_BUDGET]);
	res_percent(pct, sizeof pct, r->spent - r->envelope, r->envelope);
	res_addf(d, r->spent > r->envelope ? ROLE_BAD : ROLE_GOOD, 1,
	    _("Dépensé et engagé %s pour une enveloppe finale de %s : écart "
	    "%s (%s), tolérance %d %%"), text_money(m1, r->spent),
	    text_money(m2, r->envelope), text_money(m3, r->spent - r->envelope),
	    pct, s->scoring.budget_tolerance);
	game_ledger(a->game, t, &l);
	res_addf(d, ROLE_NORMAL, 1, _("Réserve : %s prévus, %s utilisés"),
	    text_money(m1, l.reserve), text_money(m2, l.reserve_drawn));

	res_addf(d, ROLE_HEADING, 0, _("Qualité — %d/100 (poids %d %%)"),
	    r->scores[RESULT_QUALITY], s->scoring.weights[RESULT_QUALITY]);
	res_addf(d, r->quality >= s->scoring.quality_target ? ROLE_GOOD :
	    ROLE_WARN, 1, _("%d %% en moyenne sur les lots livrés, cible %d %%"),
	    r->quality, s->scoring.quality_target);

	res_addf(d, ROLE_HEADING, 0, _("Accessibilité%s%s — %d/100 (poids %d "
	    "%%)"), s->scoring.accessibility_standard ? " " : "",
	    s->scoring.accessibility_standard ?
	    s->scoring.accessibility_standard : "",
	    r->scores[RESULT_ACCESSIBILITY],
	    s->scoring.weights[RESULT_ACCESSIBILITY]);
	res_addf(d, r->accessibility >= s->scoring.accessibility_target ?
	    ROLE_GOOD : ROLE_BAD, 1, _("%d %% des lots concernés livrés "
	    "conformes, cible %d %%%s"), r->accessibility,
	    s->scoring.accessibility_target, s->scoring.accessibility_required ?
	    _(" (exigée : score divisé par deux en dessous)") : "");
	list = res_packages(a, t, 2);
	if (list[0])
		res_addf(d, ROLE_NORMAL, 1, _("Non conformes ou non livrés : %s"),
		    list);
	free(list);

	res_addf(d, ROLE_HEADING, 0, _("Indicateurs clés — %d/100 (poids %d "
	    "%%)"), r->scores[RESULT_KPI], s->scoring.weights[RESULT_KPI]);
	for (i = 0; i < s->nobjectives; i++) {
		const struct objective *o = &s->objectives[i];

		span = o->target - o->start;
		p = span > 0 ? (int)((r->kpi[i] - o->start) * 100 / span) : 100;
		res_addf(d, p >= 100 ? ROLE_GOOD : p >= 60 ? ROLE_NORMAL :
		    ROLE_WARN, 1, _("%s : %s / %s %s (%d %% de la cible, poids "
		    "%d %%)"), o->label, text_thousands(v, r->kpi[i]),
		    text_thousands(c, o->target), o->unit ? o->unit : "", p,
		    o->weight);
	}
	res_addf(d, ROLE_HEADING, 0, _("Critères E3 — %d/100"), r->e3_score);
	res_e3(d, a, t);
}

/* Before the launch: what will show here, and E3 so far. */
static void
res_before(struct res_doc *d, struct app *a, int ti)
{
	const struct scenario	*s = a->scenario;

	res_addf(d, ROLE_INFO, 0, _("Les résultats s'affichent au lancement, "
	    "à la fin de la semaine %d, une fois la dernière semaine close "
	    "par le formateur."), s->weeks);
	res_add(d, ROLE_NORMAL, 0, _("Pour chaque équipe, calculés à partir "
	    "du journal de la session :"));
	res_add(d, ROLE_NORMAL, 1, _("• les livrables à l'heure (avant leur "
	    "échéance S-n), en retard, ou manquants ;"));
	res_addf(d, ROLE_NORMAL, 1, _("• l'écart de budget : dépensé et "
	    "engagé contre l'enveloppe finale, tolérance %d %% ;"),
	    s->scoring.budget_tolerance);
	res_addf(d, ROLE_NORMAL, 1, _("• la qualité moyenne des lots livrés, "
	    "cible %d %% ;"), s->scoring.quality_target);
	res_addf(d, ROLE_NORMAL, 1, _("• l'accessibilité%s%s : part des lots "
	    "concernés livrés conformes, cible %d %% ;"),
	    s->scoring.accessibility_standard ? " " : "",
	    s->scoring.accessibility_standard ?
	    s->scoring.accessibility_standard : "",
	    s->scoring.accessibility_target);
	res_add(d, ROLE_NORMAL, 1, _("• les indicateurs clés atteints contre "
	    "leurs cibles ;"));
	res_add(d, ROLE_NORMAL, 1, _("• les critères E3, chacun avec ses "
	    "preuves (numéros d'événements du journal) et un commentaire."));
	res_add(d, ROLE_NORMAL, 0, "");
	res_addf(d, ROLE_HEADING, 0, _("Critères E3 à ce jour (provisoire) — "
	    "%d/100"), a->game->teams[ti].result.e3_score);
	res_e3(d, a, &a->game->teams[ti]);
}

/* One row per team: the comparison at the top. */
static int
res_table(struct app *a, int y, int shown)
{
	static const int	 x[] = { 1, 14, 20, 25, 38, 52, 61, 70 };
	struct game		*g = a->game;
	int			 i, k;
	char			 cell[8][64], m[TEXT_MONEY_MAX];
	enum app_role		 role;

	static const char *const heads[] = {
		N_("équipe"), N_("score"), N_("E3"), N_("lots h/r/m"),
		N_("écart budget"), N_("qualité"), N_("access.")
	};

	for (k = 0; k < 7; k++) {
		wrap_pad(cell[k], sizeof cell[k], _(heads[k]), x[k + 1] - x[k] -
		    1, k != 0 && k != 3);
		app_text(a, y, x[k], x[k + 1] - x[k] - 1, ROLE_HEADING,
		    cell[k]);
	}
	y++;
	for (i = 0; i < g->nteams; i++, y++) {
		struct team_result *r = &g->teams[i].result;

		role = i == shown ? ROLE_SELECTED : ROLE_NORMAL;
		snprintf(cell[0], sizeof cell[0], "%s", g->teams[i].name);
		snprintf(cell[1], sizeof cell[1], "%5d", r->score);
		snprintf(cell[2], sizeof cell[2], "%4d", r->e3_score);
		snprintf(cell[3], sizeof cell[3], "%d / %d / %d", r->on_time,
		    r->late, r->missing);
		wrap_pad(cell[4], sizeof cell[4], text_money(m, r->spent -
		    r->envelope), 12, 1);
		snprintf(cell[5], sizeof cell[5], "%6d %%", r->quality);
		snprintf(cell[6], sizeof cell[6], "%6d %%", r->accessibility);
		for (k = 0; k < 7; k++)
			app_text(a, y, x[k], x[k + 1] - x[k] - 1, role, cell[k]);
		if (i == shown)
			app_cursor(a, y, 1);
	}
	app_text(a, y++, 1, COLS - 2, ROLE_DIM, _("h/r/m : à l'heure, en "
	    "retard, manquants · écart : dépensé et engagé − enveloppe"));
	return y;
}

static int
res_team(struct app *a, struct res_state *st)
{
	if (st->last_team != a->team + 1) {
		st->last_team = a->team + 1;
		st->shown = a->team + 1;
	}
	if (st->shown < 1 || st->shown > a->game->nteams)
		st->shown = a->team + 1;
	return st->shown - 1;
}

static void
res_draw(struct app *a, void *state, int top, int rows)
{
	struct res_state *st = state;
	struct game	*g = a->game;
	struct res_doc	 d;
	int		 ti = res_team(a, st), i, y = top, h, first;
	struct team	*t = &g->teams[ti];

	for (i = 0; i < g->nteams; i++)
		game_compute_results(g, i);
	memset(&d, 0, sizeof d);
	d.width = COLS - 3;
	if (g->phase == PHASE_LAUNCHED) {
		app_textf(a, y++, 1, COLS - 2, ROLE_TITLE, _("Résultats au "
		    "lancement — équipe %s : score %d/100 · E3 %d/100%s"),
		    t->name, t->result.score, t->result.e3_score,
		    g->nteams > 1 ? _("   (← → autre équipe)") : "");
		if (g->nteams > 1 && rows >= 15 + g->nteams)
			y = res_table(a, y, ti) + 1;
		res_detail(&d, a, ti);
	} else {
		app_textf(a, y++, 1, COLS - 2, ROLE_TITLE, _("Résultats — équipe "
		    "%s%s"), t->name, g->nteams > 1 ? _("   (← → autre "
		    "équipe)") : "");
		res_before(&d, a, ti);
	}
	h = top + rows - y;
	app_scroll_fit(&st->doc, d.n, h);
	first = st->doc.top;
	for (i = 0; i < h && first + i < d.n; i++)
		app_text(a, y + i, 1 + d.rows[first + i].indent, COLS - 2 -
		    d.rows[first + i].indent, d.rows[first + i].role,
		    d.rows[first + i].text);
	if (d.n > h)
		app_textf(a, top, COLS - 14, 13, ROLE_DIM, "%13s", first + h <
		    d.n ? _("↓ suite") : _("(fin)"));
	app_cursor(a, top, 1);
	res_release(&d);
}

static int
res_key(struct app *a, void *state, int kind, wint_t ch)
{
	struct res_state *st = state;
	int		 n = a->game->nteams, ti = res_team(a, st);

	if ((kind == KEY_CODE_YES && ch == KEY_LEFT) || (kind == OK &&
	    ch == 'h')) {
		st->shown = (ti + n - 1) % n + 1;
		st->doc.top = 0;
		return APP_HANDLED | APP_REDRAW;
	}
	if ((kind == KEY_CODE_YES && ch == KEY_RIGHT) || (kind == OK &&
	    ch == 'l')) {
		st->shown = (ti + 1) % n + 1;
		st->doc.top = 0;
		return APP_HANDLED | APP_REDRAW;
	}
	/* Length unknown here: the draw clamps the end. */
	return app_scroll_key(&st->doc, -1, kind, ch);
}

/* Saved: the team shown and where its detail is read. */
static void
res_save(const struct app *a, const void *state, struct app_ui *u)
{
	const struct res_state	*st = state;

	if (st->shown > 0 && st->shown != a->team + 1)
		app_ui_put(u, "team", st->shown - 1);
	if (st->doc.top != 0)
		app_ui_put(u, "top", st->doc.top);
}

static void
res_restore(struct app *a, void *state, const char *key, int value)
{
	struct res_state	*st = state;

	if (strcmp(key, "team") == 0 && value < a->game->nteams) {
		st->shown = value + 1;
		st->last_team = a->team + 1;
	} else if (strcmp(key, "top") == 0)
		st->doc.top = value;
}

static const char *const res_help[] = {
	N_("↑ ↓ j k      faire défiler ; PgPréc PgSuiv Espace : page"),
	N_("← → h l      voir les résultats d'une autre équipe"),
	N_("preuves      numéros des événements du journal (écran Journal, "
	    "pilote show)"),
	NULL
};

const struct screen screen_results = {
	.id = "results",
	.name = N_("Bilan"),
	.size = sizeof(struct res_state),
	.draw = res_draw,
	.key = res_key,
	.save = res_save,
	.restore = res_restore,
	.help = res_help,
};
