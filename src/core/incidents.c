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

#include "core/effects.h"
#include "core/game_internal.h"
#include "core/ledger.h"
#include "core/rng.h"
#include "util/i18n.h"
#include "util/text.h"

/*
 * Whether the team will hand package p over accessible, as it stands: the
 * delivered result once delivered, else the chosen offer's "accessible",
 * else the in-house accessibility work.  -1 while nobody owns it.
 */
static int
incidents_accessible(const struct scenario *s, const struct team *t, int p)
{
	const struct package_state	*ps = &t->packages[p];

	if (ps->status == PKG_DONE)
		return ps->accessible;
	switch (ps->owner) {
	case OWNER_SUPPLIER:
		return s->suppliers[ps->supplier].offers[ps->offer].accessible;
	case OWNER_INTERNAL:
		return ps->accessible_work;
	default:
		return -1;
	}
}

/* Whether a package owned the way "owner" says is begun and not delivered. */
static bool
incidents_open_work(const struct scenario *s, const struct team *t,
    enum owner_kind owner)
{
	int	 i;

	for (i = 0; i < s->npackages; i++)
		if (t->packages[i].owner == owner &&
		    t->packages[i].started > 0 &&
		    t->packages[i].status != PKG_DONE)
			return true;
	return false;
}

/*
 * Whether a need is not accommodated: of person staff (or anyone, -1), of
 * kind (or any, -1).
 */
static bool
incidents_unmet(const struct scenario *s, const struct team *t, int staff,
    int kind)
{
	int	 i, j;

	for (i = 0; i < s->nstaff; i++) {
		if (staff >= 0 && i != staff)
			continue;
		for (j = 0; j < s->staff[i].nneeds; j++)
			if (!t->staff[i].accommodated[j] && (kind < 0 ||
			    (int)s->staff[i].needs[j].kind == kind))
				return true;
	}
	return false;
}

/*
 * One condition on the team as it stands: at the start of a week, before
 * that week's work, so a package begun or delivered in week N counts from
 * week N + 1 (scenarios/README.md).
 */
static bool
incidents_condition(const struct game *g, const struct team *t,
    const struct conditions *c, enum condition_kind k)
{
	const struct scenario		*s = g->scenario;
	const struct package_state	*ps = NULL;
	struct ledger			 l;
	int				 v = c->value[k], i;

	if (scenario_conditions[k].value == CVAL_PACKAGE ||
	    scenario_conditions[k].value == CVAL_ENTRUSTED)
		ps = &t->packages[v];
	switch (k) {
	case COND_MISSING_TOOL:
		for (i = 0; i < s->ntools; i++)
			if (t->tools[i] && (int)s->tools[i].category == v)
				return false;
		return true;
	case COND_TOOL:
		return t->tools[v];
	case COND_OUTSOURCED:
		return ps->owner == OWNER_SUPPLIER;
	case COND_INTERNAL:
		return ps->owner == OWNER_INTERNAL;
	case COND_ENTRUSTED:
		if (c->entrusted_staff != SCENARIO_NONE)
			return ps->owner == OWNER_INTERNAL &&
			    ps->staff[c->entrusted_staff];
		return ps->owner == OWNER_SUPPLIER &&
		    ps->supplier == c->entrusted_supplier;
	case COND_SUPPLIER:
		return game_supplier_used(s, t, v);
	case COND_STARTED:
		return ps->started > 0;
	case COND_DELIVERED:
		return ps->status == PKG_DONE;
	case COND_NOT_DELIVERED:
		return ps->status != PKG_DONE;
	case COND_ACCESSIBLE:
		return incidents_accessible(s, t, v) == 1;
	case COND_INACCESSIBLE:
		return incidents_accessible(s, t, v) == 0;
	case COND_OUTSOURCED_UNFRAMED:
		return ps->owner == OWNER_SUPPLIER &&
		    !t->suppliers[ps->supplier].framed;
	case COND_INTERNAL_OPEN:
		return incidents_open_work(s, t, OWNER_INTERNAL);
	case COND_EXTERNAL_OPEN:
		return incidents_open_work(s, t, OWNER_SUPPLIER);
	case COND_UNFRAMED:
		return game_suppliers_unframed(s, t);
	case COND_UNMET_NEEDS:
		return game_needs_unmet(s, t);
	case COND_MEMBER_UNMET:
		/* With amenagement_absent: that kind of need of that person. */
		return incidents_unmet(s, t, v,
		    c->set[COND_ACCOMMODATION_MISSING] ?
		    c->value[COND_ACCOMMODATION_MISSING] : -1);
	case COND_ACCOMMODATION_MISSING:
		return incidents_unmet(s, t, c->set[COND_MEMBER_UNMET] ?
		    c->value[COND_MEMBER_UNMET] : -1, v);
	case COND_MORALE_BELOW:
		return game_team_morale(s, t) < v;
	case COND_RESERVE_BELOW:
		game_ledger(g, t, &l);
		return l.envelope <= 0 || l.reserve_left * 100 / l.envelope < v;
	case COND_OVER_BUDGET:
		game_ledger(g, t, &l);
		return l.overrun > 0;
	case COND_LATE:
		for (i = 0; i < s->npackages; i++)
			if (game_package_late(g, t, i))
				return true;
		return false;
	case COND_AFTER:
		return t->fired[v];
	default:
		return false;
	}
}

static bool
incidents_conditions_hold(const struct game *g, const struct team *t,
    const struct trigger *tr)
{
	int	 k;

	if (!tr->conditional)
		return true;
	for (k = 0; k < CONDITION_KIND_COUNT; k++)
		if (tr->when.set[k] &&
		    !incidents_condition(g, t, &tr->when, (enum condition_kind)k))
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
    int week, int64_t seq, int64_t time, struct later *cause)
{
	struct team		*t = &g->teams[team];
	struct occurrence	*o;
	const struct incident	*inc;

	t->occurrences = xgrow(t->occurrences, (size_t)t->noccurrences,
	    sizeof *t->occurrences);
	o = &t->occurrences[t->noccurrences++];
	memset(o, 0, sizeof *o);
	o->incident = incident;
	o->adhoc = adhoc;
	o->week = week;
	o->opened_seq = seq;
	o->opened_time = time;
	o->status = OCC_OPEN;
	o->option = -1;
	o->cause = cause;
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
	struct later		*cause;

	/* Follow-ups raised last week come first. */
	queued = t->follow_ups;
	nqueued = t->nfollow_ups;
	t->follow_ups = NULL;
	t->nfollow_ups = 0;
	for (i = 0; i < nqueued; i++) {
		cause = later_new(N_("suite d'une décision de la semaine %d"),
		    week - 1);
		game_fire(g, team, queued[i], NULL, week, seq, time, cause);
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
			/* One msgid per case: kept as data, the text is
			 * translated whole when read. */
			cause = tr->conditional ? later_new(N_("prévu en "
			    "semaine %d, conditions réunies"), week) :
			    later_new(N_("prévu en semaine %d"), week);
		} else {
			if (week < tr->first_week || week > tr->last_week)
				continue;
			draw = game_draw(g, t, week, RNG_INCIDENT, i, 100);
			if (draw >= tr->probability ||
			    !incidents_conditions_hold(g, t, tr))
				continue;
			cause = tr->conditional ? later_new(N_("tirage de la "
			    "semaine %d : %d < %d %%, conditions réunies"),
			    week, draw, tr->probability) : later_new(N_("tirage "
			    "de la semaine %d : %d < %d %%"), week, draw,
			    tr->probability);
		}
		game_fire(g, team, i, NULL, week, seq, time, cause);
	}
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
	char			*what;
	int			 follow;

	o->status = option >= 0 ? OCC_ANSWERED : OCC_DEFAULTED;
	o->option = option;
	o->closed_seq = seq;
	o->answered_by = who != NULL ? xstrdup(who) : NULL;
	o->why = why != NULL ? xstrdup(why) : NULL;
	fx = option >= 0 ? &inc->options[option].effects : &inc->default_effects;
	follow = option >= 0 ? inc->options[option].follow_up :
	    inc->default_follow_up;
	what = effects_apply(g, t, o, fx);
	if (option >= 0)
		game_explain(t, g->week, seqs, 2, N_("« %s » : %s a choisi « %s »"
		    " → %s."), inc->title, who, inc->options[option].label,
		    what);
	else
		/* Caused by the incident left unanswered, not by whatever
		 * event (another team's, maybe) found its deadline passed. */
		game_explain(t, g->week, seqs, 1, N_("« %s » : personne n'a "
		    "répondu à temps, la conséquence par défaut s'applique → "
		    "%s."), inc->title, what);
	free(what);
	if (follow >= 0) {
		t->follow_ups = xgrow(t->follow_ups, (size_t)t->nfollow_ups,
		    sizeof *t->follow_ups);
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
	if (inc == NULL)
		return;
	scenario_incident_release(inc);
	free(inc);
}

static const char *const effects_yes[] = { "oui", "true", "vrai", "1" };
static const char *const effects_no[] = { "non", "false", "faux", "0" };

/* The qualifiers of "lot=video" and the like: index, or -1 if unknown. */
static int
adhoc_ref(const struct scenario *s, enum effect_ref ref, const char *val,
    struct effects *fx)
{
	int	 k;

	switch (ref) {
	case EREF_LINE:
		return fx->line = game_line_index(s, val);
	case EREF_OBJECTIVE:
		return fx->objective = game_objective_index(s, val);
	case EREF_PACKAGE:
		return fx->package = game_package_index(s, val);
	case EREF_STAFF:
		return fx->staff = game_staff_index(s, val);
	case EREF_SUPPLIER:
		return fx->supplier = game_supplier_index(s, val);
	case EREF_RESERVE:
		for (k = 0; k < 2; k++)
			if (scenario_keyword(k ? effects_no : effects_yes, 4,
			    val) >= 0) {
				fx->reserve = k == 0;
				return k;
			}
		return -1;
	default:
		k = scenario_keyword(scenario_effect_targets,
		    EFFECT_TARGET_COUNT, val);
		if (k >= 0)
			fx->target = (enum effect_target)k;
		return k;
	}
}

/*
 * "cout=2000, retard=1, lot=video" into fx; -1 and *cause if wrong.  The
 * keywords, bounds and targets are the scenario files' (core/effects).
 */
static int
adhoc_parse_effects(const struct scenario *s, const char *spec,
    struct effects *fx, char **cause)
{
	char		*copy = xstrdup(spec), *item, *save = NULL, *eq, *key;
	char		*val;
	struct record	 r;
	int64_t		 v;
	int		 rc = 0, k, ref;
	bool		 cible = false;

	for (item = strtok_r(copy, ",;", &save); item != NULL && rc == 0;
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
		for (ref = 0; ref < EFFECT_REF_COUNT; ref++)
			if (strcmp(key, effect_ref_keys[ref]) == 0)
				break;
		if (ref < EFFECT_REF_COUNT) {
			cible |= ref == EREF_TARGET;
			if (adhoc_ref(s, (enum effect_ref)ref, val, fx) >= 0)
				continue;
			if (ref == EREF_TARGET)
				*cause = xasprintf(_("cible « %s » inconnue"),
				    val);
			else if (ref == EREF_RESERVE)
				*cause = xasprintf(_("sur_reserve=oui ou "
				    "sur_reserve=non, pas « %s »"), val);
			else
				*cause = xasprintf(_("effet « %s » : « %s » "
				    "n'existe pas dans le scénario"), key, val);
			rc = -1;
			continue;
		}
		if ((k = effects_kind(key)) < 0) {
			*cause = xasprintf(_("effet « %s » inconnu (voir les "
			    "effets des incidents dans scenarios/README.md)"),
			    key);
			rc = -1;
			break;
		}
		record_init(&r);
		record_set_text(&r, "v", val);
		if (!record_int(&r, "v", &v)) {
			*cause = xasprintf(_("effet « %s » : « %s » n'est pas "
			    "un nombre entier"), key, val);
			rc = -1;
		} else if ((*cause = effects_refuse(s, (enum effect_kind)k,
		    v)) != NULL)
			rc = -1;
		else
			effects_set(fx, (enum effect_kind)k, v);
		record_release(&r);
	}
	if (rc == 0 && (*cause = effects_targets_problem(fx, cible)) != NULL)
		rc = -1;
	/* What the effects need to aim at, as scenario_check asks it. */
	for (k = 0; k < EFFECT_KIND_COUNT && rc == 0; k++)
		if (effects_get(fx, (enum effect_kind)k) != 0 &&
		    !effects_aimed(fx, (enum effect_kind)k)) {
			*cause = effects_aim_problem((enum effect_kind)k);
			rc = -1;
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

	effects_init(fx);
	if (colon == NULL)
		colon = strrchr(text, ':');
	if (colon == NULL || colon == text) {
		*cause = xasprintf(_("« %s » : écrivez « Libellé : effets », "
		    "par exemple « %s »"), text, _(effects_example_option));
		return -1;
	}
	*label = xstrndup(text, (size_t)(colon - text));
	while (colon[0] == ' ' || colon[0] == ':')
		colon++;
	return adhoc_parse_effects(s, colon, fx, cause);
}

int
game_adhoc_choice_check(const struct scenario *s, const char *text,
    char **cause)
{
	struct effects	 fx;
	char		*label = NULL;
	int		 rc = adhoc_parse_choice(s, text != NULL ? text : "", &label,
			    &fx, cause);

	free(label);
	return rc;
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
