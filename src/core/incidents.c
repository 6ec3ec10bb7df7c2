/*
 * incidents: when incidents fire for a team, whom they hit, what answering
 * (or not answering) does, and the trainer's ad hoc incidents.
 *
 * Fairness: whether incident i fires in week w is one draw keyed by (seed,
 * w, i), the same for every team; a team's choices only decide whether the
 * conditions hold and which of its own packages, people or suppliers a
 * drawn target lands on.  Targets are drawn once when the incident fires, so
 * every option and the default speak of the same package or person.
 */
#include <stdlib.h>
#include <string.h>

#include "core/game_internal.h"
#include "core/rng.h"
#include "util/i18n.h"
#include "util/text.h"

static bool
incidents_conditions_hold(const struct game *g, const struct team *t,
    const struct trigger *tr)
{
	const struct scenario	*s = g->scenario;
	const struct conditions	*c = &tr->when;
	int64_t			 left;
	int			 i;
	bool			 found;

	if (!tr->conditional)
		return true;
	if (c->missing_tool != SCENARIO_NONE) {
		for (i = 0, found = false; i < s->ntools; i++)
			if (t->tools[i] &&
			    (int)s->tools[i].category == c->missing_tool)
				found = true;
		if (found)
			return false;
	}
	if (c->tool != SCENARIO_NONE && !t->tools[c->tool])
		return false;
	if (c->outsourced != SCENARIO_NONE &&
	    t->packages[c->outsourced].owner != OWNER_SUPPLIER)
		return false;
	if (c->internal != SCENARIO_NONE &&
	    t->packages[c->internal].owner != OWNER_INTERNAL)
		return false;
	if (c->supplier != SCENARIO_NONE &&
	    !game_supplier_used(s, t, c->supplier))
		return false;
	if (c->unframed && !game_suppliers_unframed(s, t))
		return false;
	if (c->unmet_needs && !game_needs_unmet(s, t))
		return false;
	if (c->morale_below > 0 && game_team_morale(s, t) >= c->morale_below)
		return false;
	left = t->reserve - t->reserve_used;
	if (c->reserve_below > 0 && t->envelope > 0 &&
	    left * 100 / t->envelope >= c->reserve_below)
		return false;
	if (c->over_budget && game_forecast_total(s, t) <= t->envelope)
		return false;
	if (c->late) {
		for (i = 0, found = false; i < s->npackages; i++)
			if (game_package_late(g, t, i))
				found = true;
		if (!found)
			return false;
	}
	if (c->after != SCENARIO_NONE && !t->fired[c->after])
		return false;
	return true;
}

const struct incident *
game_occurrence_incident(const struct game *g, const struct occurrence *o)
{
	return o->adhoc != NULL ? o->adhoc : &g->scenario->incidents[o->incident];
}

/* Draws one of the n eligible indexes in set[]; -1 when none. */
static int
incidents_pick(const struct game *g, const struct team *t, int week, int key,
    int kind, const int *set, int n)
{
	if (n == 0)
		return -1;
	return set[game_draw(g, t, week, RNG_TARGET, key * 8 + kind, n)];
}

static void
incidents_draw_targets(const struct game *g, const struct team *t,
    struct occurrence *o, int key)
{
	const struct scenario	*s = g->scenario;
	int			*any, *ext, *in, *people, *sups;
	int			 na = 0, ne = 0, ni = 0, np = 0, ns = 0, i, j;
	bool			 busy;

	any = xcalloc((size_t)s->npackages + 1, sizeof *any);
	ext = xcalloc((size_t)s->npackages + 1, sizeof *ext);
	in = xcalloc((size_t)s->npackages + 1, sizeof *in);
	people = xcalloc((size_t)s->nstaff + 1, sizeof *people);
	sups = xcalloc((size_t)s->nsuppliers + 1, sizeof *sups);
	for (i = 0; i < s->npackages; i++) {
		const struct package_state *p = &t->packages[i];

		if (p->status == PKG_DONE || p->owner == OWNER_NONE)
			continue;
		any[na++] = i;
		if (p->owner == OWNER_SUPPLIER)
			ext[ne++] = i;
		else
			in[ni++] = i;
	}
	/* People on open work first; anyone if nobody is busy. */
	for (i = 0; i < s->nstaff; i++) {
		for (j = 0, busy = false; j < ni; j++)
			if (t->packages[in[j]].staff[i])
				busy = true;
		if (busy)
			people[np++] = i;
	}
	if (np == 0)
		for (i = 0; i < s->nstaff; i++)
			people[np++] = i;
	for (i = 0; i < s->nsuppliers; i++) {
		for (j = 0, busy = false; j < ne; j++)
			if (t->packages[ext[j]].supplier == i)
				busy = true;
		if (busy)
			sups[ns++] = i;
	}
	o->target_package = incidents_pick(g, t, o->week, key, 0, any, na);
	o->target_external = incidents_pick(g, t, o->week, key, 1, ext, ne);
	o->target_internal = incidents_pick(g, t, o->week, key, 2, in, ni);
	o->target_staff = incidents_pick(g, t, o->week, key, 3, people, np);
	o->target_supplier = incidents_pick(g, t, o->week, key, 4, sups, ns);
	free(any);
	free(ext);
	free(in);
	free(people);
	free(sups);
}

void
game_fire(struct game *g, int team, int incident, struct incident *adhoc,
    int week, int64_t seq, int64_t time, const char *cause)
{
	struct team		*t = &g->teams[team];
	struct occurrence	*o;
	const struct incident	*inc;

	t->occurrences = xreallocarray(t->occurrences,
	    (size_t)t->noccurrences + 1, sizeof *t->occurrences);
	o = &t->occurrences[t->noccurrences++];
	memset(o, 0, sizeof *o);
	o->incident = incident;
	o->adhoc = adhoc;
	o->week = week;
	o->opened_seq = seq;
	o->opened_time = time;
	o->status = OCC_OPEN;
	o->option = -1;
	o->cause = xstrdup(cause);
	inc = game_occurrence_incident(g, o);
	o->deadline = game_effective_time(g, time) +
	    (int64_t)inc->deadline * 60000;
	/* Ad hoc incidents injected for all teams share their draws. */
	incidents_draw_targets(g, t, o, adhoc != NULL ? (int)(seq % 100000) +
	    1000 : incident);
	if (incident >= 0)
		t->fired[incident] = true;
}

void
game_fire_week(struct game *g, int team, int week, int64_t seq, int64_t time)
{
	const struct scenario	*s = g->scenario;
	struct team		*t = &g->teams[team];
	const struct trigger	*tr;
	int			*queued, nqueued, i, draw;
	char			*cause;

	/* Follow-ups raised last week come first. */
	queued = t->follow_ups;
	nqueued = t->nfollow_ups;
	t->follow_ups = NULL;
	t->nfollow_ups = 0;
	for (i = 0; i < nqueued; i++) {
		cause = xasprintf(_("suite d'une décision de la semaine %d"),
		    week - 1);
		game_fire(g, team, queued[i], NULL, week, seq, time, cause);
		free(cause);
	}
	free(queued);
	for (i = 0; i < s->nincidents; i++) {
		tr = &s->incidents[i].trigger;
		if (tr->kind == TRIGGER_MANUAL)
			continue;
		if (t->fired[i] && !(tr->kind == TRIGGER_RANDOM && tr->repeat))
			continue;
		if (tr->kind == TRIGGER_WEEK) {
			if (tr->week != week ||
			    !incidents_conditions_hold(g, t, tr))
				continue;
			cause = xasprintf(_("prévu en semaine %d%s"), week,
			    tr->conditional ? _(", conditions réunies") : "");
		} else {
			if (week < tr->first_week || week > tr->last_week)
				continue;
			draw = game_draw(g, t, week, RNG_INCIDENT, i, 100);
			if (draw >= tr->probability ||
			    !incidents_conditions_hold(g, t, tr))
				continue;
			cause = xasprintf(_("tirage de la semaine %d : %d < %d %%"
			    "%s"), week, draw, tr->probability,
			    tr->conditional ? _(", conditions réunies") : "");
		}
		game_fire(g, team, i, NULL, week, seq, time, cause);
		free(cause);
	}
}

/* --- effects --- */

static int
incidents_target(const struct occurrence *o, const struct effects *fx,
    int *package, int *staff, int *supplier)
{
	*package = fx->package;
	*staff = fx->staff;
	*supplier = fx->supplier;
	switch (fx->target) {
	case TARGET_PACKAGE:
		*package = o->target_package;
		return *package >= 0;
	case TARGET_EXTERNAL_PACKAGE:
		*package = o->target_external;
		return *package >= 0;
	case TARGET_INTERNAL_PACKAGE:
		*package = o->target_internal;
		return *package >= 0;
	case TARGET_STAFF:
		*staff = o->target_staff;
		return *staff >= 0;
	case TARGET_SUPPLIER:
		*supplier = o->target_supplier;
		return *supplier >= 0;
	default:
		return 1;
	}
}

static int
incidents_clamp(int v)
{
	return v < 0 ? 0 : v > 100 ? 100 : v;
}

/* Applies effects; appends to *what a French summary of what changed. */
static void
incidents_apply(struct game *g, struct team *t, const struct occurrence *o,
    const struct effects *fx, char **what)
{
	const struct scenario	*s = g->scenario;
	int			 package, staff, supplier, line, i, weeks;
	char			 money[TEXT_MONEY_MAX], *next;

#define SAY(...) do {							\
	char *piece_ = xasprintf(__VA_ARGS__);				\
	next = xasprintf("%s%s%s", *what, **what ? ", " : "", piece_);	\
	free(piece_);							\
	free(*what);							\
	*what = next;							\
} while (0)

	if (!incidents_target(o, fx, &package, &staff, &supplier)) {
		SAY(_("sans effet (rien à viser dans le projet de l'équipe)"));
		return;
	}
	if (package < 0 && fx->target == TARGET_PROJECT && fx->package >= 0)
		package = fx->package;
	if (fx->cost != 0) {
		line = fx->line >= 0 ? fx->line : package >= 0 ?
		    s->packages[package].line : 0;
		t->lines[line].actual += fx->cost;
		SAY(_("%s %s sur « %s »"), fx->cost > 0 ? _("dépense de") :
		    _("économie de"), text_money(money, fx->cost > 0 ?
		    fx->cost : -fx->cost), s->lines[line].label);
	}
	if (fx->envelope != 0) {
		t->envelope += fx->envelope;
		SAY(_("enveloppe %s de %s"), fx->envelope > 0 ? _("augmentée") :
		    _("réduite"), text_money(money, fx->envelope > 0 ?
		    fx->envelope : -fx->envelope));
	}
	if (package >= 0) {
		struct package_state *p = &t->packages[package];
		const char *name = s->packages[package].name;

		if (fx->delay != 0) {
			if (p->owner == OWNER_SUPPLIER && p->ordered > 0 &&
			    p->status != PKG_DONE) {
				p->due += fx->delay;
				if (p->due <= g->week)
					p->due = g->week + 1;
			} else
				p->delay += fx->delay;
			if (p->delay < 0)
				p->delay = 0;
			SAY(fx->delay > 0 ? _("« %s » retardé de %d semaine(s)") :
			    _("« %s » avancé de %d semaine(s)"), name,
			    fx->delay > 0 ? fx->delay : -fx->delay);
		}
		if (fx->workload != 0) {
			if (p->owner == OWNER_SUPPLIER) {
				/* A supplier absorbs scope with time. */
				weeks = (abs(fx->workload) + 4) / 5;
				if (fx->workload > 0 && p->status != PKG_DONE) {
					/* Before the order: the lead grows. */
					if (p->ordered > 0)
						p->due += weeks;
					else
						p->delay += weeks;
				}
				SAY(_("périmètre de « %s » modifié (%+d "
				    "jours-personne, %d semaine(s) chez le "
				    "prestataire)"), name, fx->workload, weeks);
			} else {
				p->extra_workload += fx->workload;
				SAY(_("charge de « %s » %+d jours-personne"),
				    name, fx->workload);
			}
		}
		if (fx->quality != 0) {
			p->quality_delta += fx->quality;
			/* Delivered already: its quality changes now. */
			if (p->status == PKG_DONE)
				p->quality = incidents_clamp(p->quality +
				    fx->quality);
			SAY(_("qualité de « %s » %+d"), name, fx->quality);
		}
	} else if (fx->quality != 0) {
		t->quality_effect += fx->quality;
		for (i = 0; i < s->npackages; i++)
			if (t->packages[i].status == PKG_DONE)
				t->packages[i].quality = incidents_clamp(
				    t->packages[i].quality + fx->quality);
		SAY(_("qualité du projet %+d"), fx->quality);
	}
	if (fx->morale != 0) {
		if (staff >= 0) {
			t->staff[staff].morale = incidents_clamp(
			    t->staff[staff].morale + fx->morale);
			SAY(_("moral de %s %+d"), s->staff[staff].name,
			    fx->morale);
		} else {
			for (i = 0; i < s->nstaff; i++)
				t->staff[i].morale = incidents_clamp(
				    t->staff[i].morale + fx->morale);
			SAY(_("moral de l'équipe %+d"), fx->morale);
		}
	}
	if (fx->days_lost > 0 && staff >= 0) {
		t->staff[staff].days_lost += fx->days_lost;
		SAY(_("%s absent(e) %d jour(s)"), s->staff[staff].name,
		    fx->days_lost);
	}
	if (fx->reliability != 0 && supplier >= 0) {
		t->suppliers[supplier].reliability_delta += fx->reliability;
		SAY(_("fiabilité de %s %+d"), s->suppliers[supplier].name,
		    fx->reliability);
	}
	if (fx->kpi != 0) {
		for (i = 0; i < s->nobjectives && i < 12; i++)
			if (fx->objective < 0 || fx->objective == i)
				t->kpi_effect[i] += fx->kpi;
		if (fx->objective >= 0)
			SAY(_("objectif « %s » %+d %%"),
			    s->objectives[fx->objective].label, fx->kpi);
		else
			SAY(_("tous les objectifs %+d %%"), fx->kpi);
	}
#undef SAY
}

void
game_resolve(struct game *g, int team, int occurrence, int option,
    int64_t seq, const char *who, const char *why)
{
	struct team		*t = &g->teams[team];
	struct occurrence	*o = &t->occurrences[occurrence];
	const struct incident	*inc = game_occurrence_incident(g, o);
	const struct effects	*fx;
	int64_t			 seqs[2] = { o->opened_seq, seq };
	char			*what = xstrdup("");
	int			 follow;

	o->status = option >= 0 ? OCC_ANSWERED : OCC_DEFAULTED;
	o->option = option;
	o->closed_seq = seq;
	o->answered_by = who != NULL ? xstrdup(who) : NULL;
	o->why = why != NULL ? xstrdup(why) : NULL;
	fx = option >= 0 ? &inc->options[option].effects : &inc->default_effects;
	follow = option >= 0 ? inc->options[option].follow_up :
	    inc->default_follow_up;
	incidents_apply(g, t, o, fx, &what);
	game_update_forecast(g->scenario, t);
	if (option >= 0)
		game_explain(t, g->week, seqs, 2, _("« %s » : %s a choisi « %s »"
		    " → %s."), inc->title, who, inc->options[option].label,
		    what[0] ? what : _("sans effet chiffré"));
	else
		game_explain(t, g->week, seqs, 2, _("« %s » : personne n'a "
		    "répondu à temps, la conséquence par défaut s'applique → "
		    "%s."), inc->title, what[0] ? what : _("sans effet chiffré"));
	free(what);
	if (follow >= 0) {
		t->follow_ups = xreallocarray(t->follow_ups,
		    (size_t)t->nfollow_ups + 1, sizeof *t->follow_ups);
		t->follow_ups[t->nfollow_ups++] = follow;
	}
}

void
game_expire(struct game *g, int64_t now, int64_t seq)
{
	int	 i, j;

	for (i = 0; i < g->nteams; i++)
		for (j = 0; j < g->teams[i].noccurrences; j++)
			if (g->teams[i].occurrences[j].status == OCC_OPEN &&
			    g->teams[i].occurrences[j].deadline <= now)
				game_resolve(g, i, j, -1, seq, NULL, NULL);
}

/* --- ad hoc incidents --- */

void
game_adhoc_free(struct incident *inc)
{
	int	 i;

	if (inc == NULL)
		return;
	free(inc->id);
	free(inc->title);
	free(inc->text);
	free(inc->default_text);
	for (i = 0; i < inc->noptions; i++) {
		free(inc->options[i].id);
		free(inc->options[i].label);
		free(inc->options[i].detail);
	}
	free(inc->options);
	free(inc);
}

static void
adhoc_effects_init(struct effects *fx)
{
	memset(fx, 0, sizeof *fx);
	fx->line = fx->objective = fx->package = fx->staff = fx->supplier =
	    SCENARIO_NONE;
	fx->target = TARGET_PROJECT;
}

/* "cout=2000, retard=1, lot=video" into fx; -1 and *cause if wrong. */
static int
adhoc_parse_effects(const struct scenario *s, const char *spec,
    struct effects *fx, char **cause)
{
	char	*copy = xstrdup(spec), *item, *save = NULL, *eq, *key, *val;
	int64_t	 v;
	int	 rc = 0, k;

	for (item = strtok_r(copy, ",;", &save); item != NULL;
	    item = strtok_r(NULL, ",;", &save)) {
		while (*item == ' ')
			item++;
		if (*item == '\0')
			continue;
		if ((eq = strchr(item, '=')) == NULL) {
			*cause = xasprintf(_("effet « %s » : écrivez nom=valeur"),
			    item);
			rc = -1;
			break;
		}
		*eq = '\0';
		key = item;
		val = eq + 1;
		for (k = (int)strlen(key); k > 0 && key[k - 1] == ' '; k--)
			key[k - 1] = '\0';
		while (*val == ' ')
			val++;
		{
			struct record	 r;

			record_init(&r);
			record_set_text(&r, "v", val);
			if (!record_int(&r, "v", &v))
				v = INT64_MIN;
			record_release(&r);
		}
		if (strcmp(key, "lot") == 0)
			fx->package = game_package_index(s, val);
		else if (strcmp(key, "membre") == 0)
			fx->staff = game_staff_index(s, val);
		else if (strcmp(key, "prestataire") == 0)
			fx->supplier = game_supplier_index(s, val);
		else if (strcmp(key, "objectif") == 0)
			fx->objective = game_objective_index(s, val);
		else if (strcmp(key, "ligne") == 0)
			fx->line = game_line_index(s, val);
		else if (strcmp(key, "cible") == 0) {
			k = scenario_keyword(scenario_effect_targets,
			    EFFECT_TARGET_COUNT, val);
			if (k < 0) {
				*cause = xasprintf(_("cible « %s » inconnue"),
				    val);
				rc = -1;
				break;
			}
			fx->target = (enum effect_target)k;
			continue;
		} else if (v == INT64_MIN || v < -10000000 || v > 10000000) {
			*cause = xasprintf(_("effet « %s » : « %s » n'est pas "
			    "un nombre raisonnable"), key, val);
			rc = -1;
			break;
		} else if (strcmp(key, "cout") == 0)
			fx->cost = v * 100;
		else if (strcmp(key, "enveloppe") == 0)
			fx->envelope = v * 100;
		else if (strcmp(key, "retard") == 0 && v >= -8 && v <= 8)
			fx->delay = (int)v;
		else if (strcmp(key, "charge") == 0 && v >= -200 && v <= 200)
			fx->workload = (int)v;
		else if (strcmp(key, "qualite") == 0 && v >= -50 && v <= 50)
			fx->quality = (int)v;
		else if (strcmp(key, "moral") == 0 && v >= -50 && v <= 50)
			fx->morale = (int)v;
		else if (strcmp(key, "kpi") == 0 && v >= -100 && v <= 100)
			fx->kpi = (int)v;
		else if (strcmp(key, "jours_perdus") == 0 && v >= 0 && v <= 25)
			fx->days_lost = (int)v;
		else if (strcmp(key, "fiabilite") == 0 && v >= -50 && v <= 50)
			fx->reliability = (int)v;
		else {
			*cause = xasprintf(_("effet « %s=%s » inconnu ou hors "
			    "limites (cout, enveloppe, retard, charge, qualite, "
			    "moral, kpi, jours_perdus, fiabilite, cible, lot, "
			    "membre, prestataire, objectif, ligne)"), key, val);
			rc = -1;
			break;
		}
		if ((strcmp(key, "lot") == 0 && fx->package < 0) ||
		    (strcmp(key, "membre") == 0 && fx->staff < 0) ||
		    (strcmp(key, "prestataire") == 0 && fx->supplier < 0) ||
		    (strcmp(key, "objectif") == 0 && fx->objective < 0) ||
		    (strcmp(key, "ligne") == 0 && fx->line < 0)) {
			*cause = xasprintf(_("effet « %s » : « %s » n'existe pas "
			    "dans le scénario"), key, val);
			rc = -1;
			break;
		}
	}
	free(copy);
	return rc;
}

/* "Libellé : effets" → label and effects. */
static int
adhoc_parse_choice(const struct scenario *s, const char *text, char **label,
    struct effects *fx, char **cause)
{
	const char	*colon = strstr(text, " : ");

	adhoc_effects_init(fx);
	if (colon == NULL)
		colon = strrchr(text, ':');
	if (colon == NULL || colon == text) {
		*cause = xasprintf(_("« %s » : écrivez « Libellé : effets », "
		    "par exemple « Payer l'urgence : cout=2000, retard=-1 »"),
		    text);
		return -1;
	}
	*label = xstrndup(text, (size_t)(colon - text));
	while (colon[0] == ' ' || colon[0] == ':')
		colon++;
	return adhoc_parse_effects(s, colon, fx, cause);
}

struct incident *
game_adhoc_parse(const struct scenario *s, const struct record *r,
    char **cause)
{
	struct incident	*inc = xcalloc(1, sizeof *inc);
	const char	*title = record_text(r, "titre");
	const char	*text = record_text(r, "texte");
	const char	*cat = record_text(r, "categorie");
	const char	*def = record_text(r, "defaut");
	char		 key[16], *label;
	int64_t		 deadline = 15;
	int		 i, k;

	if (title == NULL || text == NULL || def == NULL) {
		*cause = xstrdup(_("un incident libre demande titre=…, "
		    "texte=…, option1=… option2=… (au moins deux) et "
		    "defaut=…"));
		goto fail;
	}
	inc->id = xstrdup("libre");
	inc->title = xstrdup(title);
	inc->text = xstrdup(text);
	inc->category = INCIDENT_CLIENT;
	if (cat != NULL) {
		if ((k = scenario_keyword(scenario_incident_categories,
		    INCIDENT_CATEGORY_COUNT, cat)) < 0) {
			*cause = xasprintf(_("catégorie « %s » inconnue"), cat);
			goto fail;
		}
		inc->category = (enum incident_category)k;
	}
	if (record_find(r, "delai") != NULL &&
	    (!record_int(r, "delai", &deadline) || deadline < 1 ||
	    deadline > 240)) {
		*cause = xstrdup(_("delai : de 1 à 240 minutes"));
		goto fail;
	}
	inc->deadline = (int)deadline;
	inc->trigger.kind = TRIGGER_MANUAL;
	inc->default_follow_up = SCENARIO_NONE;
	inc->options = xcalloc(6, sizeof *inc->options);
	for (i = 1; i <= 6; i++) {
		struct option *o = &inc->options[inc->noptions];

		memcpy(key, "option", 6);
		key[6] = (char)('0' + i);
		key[7] = '\0';
		if (record_text(r, key) == NULL)
			continue;
		label = NULL;	/* set once the label is read, even on error */
		if (adhoc_parse_choice(s, record_text(r, key), &label,
		    &o->effects, cause) == -1) {
			free(label);
			goto fail;
		}
		o->label = label;
		o->id = xasprintf("%d", inc->noptions + 1);
		o->detail = xstrdup("");
		o->follow_up = SCENARIO_NONE;
		inc->noptions++;
	}
	if (inc->noptions < 2) {
		*cause = xstrdup(_("un incident libre demande au moins deux "
		    "options (option1=…, option2=…)"));
		goto fail;
	}
	if (adhoc_parse_choice(s, def, &inc->default_text,
	    &inc->default_effects, cause) == -1)
		goto fail;
	return inc;
fail:
	game_adhoc_free(inc);
	return NULL;
}
