/*
 * effects: the table of effect kinds and the one function that applies an
 * effect or, dry, words it (see effects.h).
 *
 * Every run function reads the team through r->t and writes only through
 * r->w, which is NULL when describing: that is what makes a preview the
 * truth, the words being computed from the values that would be written.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/effects.h"
#include "core/ledger.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

struct effects_run {
	const struct game	*g;
	const struct team	*t;	/* read */
	struct team		*w;	/* written, or NULL: describe only */
	const struct effects	*fx;
	int			 package, staff, supplier;
	/* The reserve left as the run goes: a cost paid from it leaves less
	 * for a cut in the same effects, when describing too. */
	int64_t			 reserve_left;
	char			*what;
};

static void effects_say(struct effects_run *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/* Appends ", piece" to the run's text. */
static void
effects_say(struct effects_run *r, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	xvappendf(&r->what, ", ", fmt, ap);
	va_end(ap);
}

static int
effects_clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* --- one run function per row --- */

/*
 * A cost goes to its line (ledger_cost_line()) as unplanned money paid now;
 * with sur_reserve, the reserve left pays first.  A saving lowers the line's
 * forecast, at most down to zero.
 */
static void
run_cost(struct effects_run *r, int64_t v)
{
	const struct scenario	*s = r->g->scenario;
	struct ledger		 l;
	char			 money[TEXT_MONEY_MAX], part[TEXT_MONEY_MAX];
	char			 rest[TEXT_MONEY_MAX];
	const char		*label;
	int64_t			 paid = 0, forecast;
	int			 line;

	line = ledger_cost_line(s, r->t, r->fx->line, r->package, r->supplier);
	label = s->lines[line].label;
	if (v < 0) {
		game_ledger(r->g, r->t, &l);
		forecast = l.lines[line].forecast;
		if (-v > forecast) {
			effects_say(r, _("économie de %s sur « %s » ramenée à %s "
			    "(la prévision de la ligne)"), text_money(money, -v),
			    label, text_money(part, forecast));
			v = -forecast;
		} else
			effects_say(r, _("économie de %s sur « %s »"),
			    text_money(money, -v), label);
		if (r->w != NULL)
			r->w->lines[line].saved += -v;
		return;
	}
	if (!r->fx->reserve)
		effects_say(r, _("dépense de %s sur « %s »"), text_money(money,
		    v), label);
	else if (r->reserve_left <= 0)
		effects_say(r, _("dépense de %s sur « %s », hors réserve : la "
		    "réserve est épuisée"), text_money(money, v), label);
	else if (v <= r->reserve_left) {
		paid = v;
		effects_say(r, _("dépense de %s sur « %s », payée sur la réserve "
		    "(il y reste %s)"), text_money(money, v), label,
		    text_money(rest, r->reserve_left - paid));
	} else {
		paid = r->reserve_left;
		effects_say(r, _("dépense de %s sur « %s », dont %s payés sur la "
		    "réserve, qui est épuisée, et %s hors réserve"),
		    text_money(money, v), label, text_money(part, paid),
		    text_money(rest, v - paid));
	}
	r->reserve_left -= paid;
	if (r->w != NULL) {
		r->w->lines[line].actual += v;
		r->w->lines[line].unplanned += v;
		r->w->lines[line].drawn += paid;
		r->w->reserve_used += paid;
	}
}

/* A cut the reserve absorbs (sur_reserve) shrinks the reserve set aside. */
static void
run_envelope(struct effects_run *r, int64_t v)
{
	const struct scenario	*s = r->g->scenario;
	char			 money[TEXT_MONEY_MAX], floor_[TEXT_MONEY_MAX];
	char			 part[TEXT_MONEY_MAX], rest[TEXT_MONEY_MAX];
	int64_t			 floor = s->envelope * EFFECTS_ENVELOPE_FLOOR /
				    100, now = r->t->envelope, absorbed = 0;

	if (v < 0 && now + v < floor) {
		effects_say(r, _("coupe de %s demandée : enveloppe ramenée à %s "
		    "(elle ne descend pas sous %d %% de l'enveloppe initiale)"),
		    text_money(money, -v), text_money(floor_, floor < now ?
		    floor : now), EFFECTS_ENVELOPE_FLOOR);
		v = floor < now ? floor - now : 0;
	} else
		effects_say(r, _("enveloppe %s de %s"), v > 0 ? _("augmentée") :
		    _("réduite"), text_money(money, v > 0 ? v : -v));
	if (v < 0 && r->fx->reserve) {
		absorbed = -v < r->reserve_left ? -v : r->reserve_left;
		if (r->reserve_left <= 0)
			effects_say(r, _("la réserve, épuisée, n'en absorbe "
			    "rien"));
		else if (absorbed == -v)
			effects_say(r, _("coupe absorbée par la réserve (il y "
			    "reste %s)"), text_money(rest, r->reserve_left -
			    absorbed));
		else
			effects_say(r, _("la réserve en absorbe %s et s'épuise, "
			    "%s pèsent sur la marge"), text_money(part, absorbed),
			    text_money(rest, -v - absorbed));
	}
	r->reserve_left -= absorbed;
	if (r->w != NULL) {
		r->w->envelope += v;
		r->w->reserve -= absorbed;
	}
}

static void
run_delay(struct effects_run *r, int64_t v64)
{
	const struct package_state	*p = &r->t->packages[r->package];
	const char			*name =
					    r->g->scenario->packages[r->package].name;
	int				 v = (int)v64, due = p->due, delay = p->delay;

	if (p->status == PKG_DONE) {
		effects_say(r, _("« %s » déjà livré : retard sans effet"), name);
		return;
	}
	if (p->owner == OWNER_SUPPLIER && p->ordered > 0) {
		/* Ordered: the delivery week moves, never into the past. */
		due += v;
		if (due <= r->g->week)
			due = r->g->week + 1;
		v = due - p->due;
	} else {
		delay += v;
		if (delay < 0)
			delay = 0;
		v = delay - p->delay;
	}
	if (v == 0)
		effects_say(r, _("« %s » ne peut pas avancer davantage"), name);
	else if (v != (int)v64)
		effects_say(r, v > 0 ? _("« %s » retardé de %d semaine(s) sur "
		    "%d demandée(s)") : _("« %s » avancé de %d semaine(s) sur %d "
		    "demandée(s)"), name, abs(v), abs((int)v64));
	else
		effects_say(r, v > 0 ? _("« %s » retardé de %d semaine(s)") :
		    _("« %s » avancé de %d semaine(s)"), name, abs(v));
	if (r->w != NULL) {
		r->w->packages[r->package].due = due;
		r->w->packages[r->package].delay = delay;
	}
}

static void
run_workload(struct effects_run *r, int64_t v64)
{
	const struct package_state	*p = &r->t->packages[r->package];
	const struct package		*pk =
					    &r->g->scenario->packages[r->package];
	int				 v = (int)v64, weeks, total;

	if (p->status == PKG_DONE) {
		effects_say(r, _("« %s » déjà livré : charge sans effet"),
		    pk->name);
		return;
	}
	if (p->owner == OWNER_SUPPLIER) {
		if (v < 0) {
			/* Less scope does not make a supplier faster nor
			 * cheaper: its offer stands. */
			effects_say(r, _("périmètre de « %s » réduit de %d "
			    "jours-personne, sans effet sur le délai ni le prix "
			    "du prestataire"), pk->name, -v);
			return;
		}
		/* A supplier absorbs scope with time: a week per 5 days. */
		weeks = (v + 4) / 5;
		effects_say(r, _("périmètre de « %s » modifié (%+d "
		    "jours-personne, %d semaine(s) chez le prestataire)"),
		    pk->name, v, weeks);
		if (r->w != NULL) {
			/* Before the order, the lead grows. */
			if (p->ordered > 0)
				r->w->packages[r->package].due += weeks;
			else
				r->w->packages[r->package].delay += weeks;
		}
		return;
	}
	/* In house: the workload never goes below zero. */
	total = pk->workload + p->extra_workload;
	if (total + v < 0) {
		effects_say(r, _("charge de « %s » %+d jours-personne, ramenée à "
		    "%+d (il ne restait que %d jours-personne)"), pk->name, v,
		    -total, total);
		v = -total;
	} else
		effects_say(r, _("charge de « %s » %+d jours-personne"),
		    pk->name, v);
	if (r->w != NULL)
		r->w->packages[r->package].extra_workload += v;
}

static void
run_quality(struct effects_run *r, int64_t v64)
{
	const struct scenario	*s = r->g->scenario;
	int			 v = (int)v64, i;

	if (r->package >= 0) {
		const struct package_state *p = &r->t->packages[r->package];

		effects_say(r, _("qualité de « %s » %+d"),
		    s->packages[r->package].name, v);
		if (r->w == NULL)
			return;
		r->w->packages[r->package].quality_delta += v;
		/* Delivered already: its quality changes now. */
		if (p->status == PKG_DONE)
			r->w->packages[r->package].quality = effects_clamp(
			    p->quality + v, 0, 100);
		return;
	}
	effects_say(r, _("qualité du projet %+d"), v);
	if (r->w == NULL)
		return;
	r->w->quality_effect += v;
	for (i = 0; i < s->npackages; i++)
		if (r->t->packages[i].status == PKG_DONE)
			r->w->packages[i].quality = effects_clamp(
			    r->t->packages[i].quality + v, 0, 100);
}

static void
run_morale(struct effects_run *r, int64_t v64)
{
	const struct scenario	*s = r->g->scenario;
	int			 v = (int)v64, i, now, next, capped;

	if (r->staff >= 0) {
		now = r->t->staff[r->staff].morale;
		next = effects_clamp(now + v, 0, 100);
		if (next - now != v)
			effects_say(r, _("moral de %s %+d, à %d %% (le moral "
			    "reste entre 0 et 100 %%)"), s->staff[r->staff].name,
			    v, next);
		else
			effects_say(r, _("moral de %s %+d"),
			    s->staff[r->staff].name, v);
		if (r->w != NULL)
			r->w->staff[r->staff].morale = next;
		return;
	}
	for (i = 0, capped = 0; i < s->nstaff; i++) {
		now = r->t->staff[i].morale;
		next = effects_clamp(now + v, 0, 100);
		capped += next - now != v;
		if (r->w != NULL)
			r->w->staff[i].morale = next;
	}
	if (capped > 0)
		effects_say(r, _("moral de l'équipe %+d (%d personne(s) déjà "
		    "près de la borne : le moral reste entre 0 et 100 %%)"), v,
		    capped);
	else
		effects_say(r, _("moral de l'équipe %+d"), v);
}

static void
run_kpi(struct effects_run *r, int64_t v64)
{
	const struct scenario	*s = r->g->scenario;
	const struct effect_row	*row = &effect_rows[EFFECT_KPI];
	int			 v = (int)v64, i, next, capped = 0;

	/* The accumulated effect on an objective stays within the row's
	 * bounds, so that a repeated bonus cannot multiply a result. */
	for (i = 0; i < s->nobjectives && i < (int)(sizeof r->t->kpi_effect /
	    sizeof r->t->kpi_effect[0]); i++) {
		if (r->fx->objective >= 0 && r->fx->objective != i)
			continue;
		next = effects_clamp(r->t->kpi_effect[i] + v, row->min,
		    row->max);
		if (next != r->t->kpi_effect[i] + v)
			capped = next;
		if (r->w != NULL)
			r->w->kpi_effect[i] = next;
	}
	if (r->fx->objective >= 0)
		effects_say(r, _("objectif « %s » %+d %%"),
		    s->objectives[r->fx->objective].label, v);
	else
		effects_say(r, _("tous les objectifs %+d %%"), v);
	if (capped != 0)
		effects_say(r, _("plafonné à %+d %% au total"), capped);
}

static void
run_days_lost(struct effects_run *r, int64_t v)
{
	effects_say(r, _("%s absent(e) %d jour(s)"),
	    r->g->scenario->staff[r->staff].name, (int)v);
	if (r->w != NULL)
		r->w->staff[r->staff].days_lost += (int)v;
}

static void
run_reliability(struct effects_run *r, int64_t v)
{
	effects_say(r, _("fiabilité de %s %+d"),
	    r->g->scenario->suppliers[r->supplier].name, (int)v);
	if (r->w != NULL)
		r->w->suppliers[r->supplier].reliability_delta += (int)v;
}

/* --- the table --- */

#define FIELD(f)	offsetof(struct effects, f)

const struct effect_row effect_rows[EFFECT_KIND_COUNT] = {
	[EFFECT_COST] = { "cout", FIELD(cost), true, -1000000, 1000000,
	    N_("euros"), AIM_ANY, +1, run_cost },
	[EFFECT_ENVELOPE] = { "enveloppe", FIELD(envelope), true, -10000000,
	    10000000, N_("euros"), AIM_ANY, -1, run_envelope },
	[EFFECT_DELAY] = { "retard", FIELD(delay), false, -8, 8,
	    N_("semaines"), AIM_PACKAGE, +6000, run_delay },
	[EFFECT_WORKLOAD] = { "charge", FIELD(workload), false, -200, 200,
	    N_("jours-personne"), AIM_PACKAGE, +500, run_workload },
	[EFFECT_QUALITY] = { "qualite", FIELD(quality), false, -50, 50,
	    N_("points"), AIM_ANY, -400, run_quality },
	[EFFECT_MORALE] = { "moral", FIELD(morale), false, -50, 50,
	    N_("points"), AIM_ANY, -300, run_morale },
	[EFFECT_DAYS_LOST] = { "jours_perdus", FIELD(days_lost), false, 0, 25,
	    N_("jours"), AIM_STAFF, +500, run_days_lost },
	[EFFECT_RELIABILITY] = { "fiabilite", FIELD(reliability), false, -50,
	    50, N_("points"), AIM_SUPPLIER, -200, run_reliability },
	[EFFECT_KPI] = { "kpi", FIELD(kpi), false, -100, 100, N_("%"),
	    AIM_ANY, -1500, run_kpi },
};

const char *const effect_ref_keys[EFFECT_REF_COUNT] = {
	"ligne", "objectif", "cible", "lot", "membre", "prestataire",
	"sur_reserve"
};

const char *const effects_example_option =
    N_("Payer l'urgence : cout=2000, retard=-1, lot=video");
const char *const effects_example_default =
    N_("Tout glisse : retard=1, cible=lot");

/* --- values --- */

void
effects_init(struct effects *fx)
{
	memset(fx, 0, sizeof *fx);
	fx->line = fx->objective = SCENARIO_NONE;
	fx->package = fx->staff = fx->supplier = SCENARIO_NONE;
	fx->target = TARGET_PROJECT;
}

int64_t
effects_get(const struct effects *fx, enum effect_kind k)
{
	const char	*at = (const char *)fx + effect_rows[k].offset;
	int64_t		 m;
	int		 v;

	if (effect_rows[k].money) {
		memcpy(&m, at, sizeof m);
		return m;
	}
	memcpy(&v, at, sizeof v);
	return v;
}

void
effects_set(struct effects *fx, enum effect_kind k, int64_t written)
{
	char	*at = (char *)fx + effect_rows[k].offset;
	int64_t	 m = written * 100;
	int	 v = (int)written;

	if (effect_rows[k].money)
		memcpy(at, &m, sizeof m);
	else
		memcpy(at, &v, sizeof v);
}

bool
effects_empty(const struct effects *fx)
{
	int	 k;

	for (k = 0; k < EFFECT_KIND_COUNT; k++)
		if (effects_get(fx, (enum effect_kind)k) != 0)
			return false;
	return true;
}

int64_t
effects_harm_for(const struct effects *fx, const struct team *t,
    const struct occurrence *occ, bool money_only)
{
	int64_t	 h = 0, v;
	int	 k, p = fx->package;

	if (p < 0 && occ != NULL)
		p = fx->target == TARGET_PACKAGE ? occ->target_package :
		    fx->target == TARGET_EXTERNAL_PACKAGE ? occ->target_external :
		    fx->target == TARGET_INTERNAL_PACKAGE ? occ->target_internal :
		    -1;
	for (k = 0; k < EFFECT_KIND_COUNT; k++) {
		if (money_only && !effect_rows[k].money)
			continue;
		v = effects_get(fx, (enum effect_kind)k);
		if (effect_rows[k].money)
			v /= 100;
		if (k == EFFECT_WORKLOAD && v > 0 && t != NULL && p >= 0 &&
		    t->packages[p].owner == OWNER_SUPPLIER) {
			h += effect_rows[EFFECT_DELAY].weight * ((v + 4) / 5);
			continue;
		}
		h += effect_rows[k].weight * v;
	}
	return h;
}

int64_t
effects_harm(const struct effects *fx, bool money_only)
{
	return effects_harm_for(fx, NULL, NULL, money_only);
}

int
effects_kind(const char *key)
{
	int	 k;

	for (k = 0; k < EFFECT_KIND_COUNT; k++)
		if (strcmp(effect_rows[k].key, key) == 0)
			return k;
	return -1;
}

char *
effects_refuse(const struct scenario *s, enum effect_kind k, int64_t v)
{
	const struct effect_row	*row = &effect_rows[k];
	char			 a[TEXT_MONEY_MAX], b[TEXT_MONEY_MAX];
	char			 c[TEXT_MONEY_MAX];

	if (v < row->min || v > row->max)
		return xasprintf(_("« %s » vaut %s, hors limites : de %s à %s "
		    "(%s)"), row->key, text_thousands(a, v), text_thousands(b,
		    row->min), text_thousands(c, row->max), _(row->unit));
	if (s->envelope <= 0)
		return NULL;	/* the budget was refused: nothing to compare */
	if (k == EFFECT_COST && v < 0 && -v * 100 > s->envelope)
		return xasprintf(_("« cout » : une économie de %s dépasse "
		    "l'enveloppe (%s) ; les dépenses deviendraient négatives"),
		    text_money(a, -v * 100), text_money(b, s->envelope));
	if (k == EFFECT_ENVELOPE && v < 0 && -v * 100 >= s->envelope)
		return xasprintf(_("« enveloppe » : une coupe de %s ne laisse "
		    "rien de l'enveloppe (%s), qui doit rester positive"),
		    text_money(a, -v * 100), text_money(b, s->envelope));
	return NULL;
}

char *
effects_targets_problem(const struct effects *fx, bool cible_written)
{
	int	 precise = (fx->package != SCENARIO_NONE) +
		    (fx->staff != SCENARIO_NONE) +
		    (fx->supplier != SCENARIO_NONE);

	if (precise > 1)
		return xstrdup(_("les effets visent à la fois plusieurs cibles "
		    "(lot, membre, prestataire) : gardez-en une"));
	if (precise > 0 && cible_written)
		return xstrdup(_("« cible » et une cible précise (lot, membre ou "
		    "prestataire) ensemble : gardez-en une"));
	return NULL;
}

bool
effects_aimed(const struct effects *fx, enum effect_kind k)
{
	switch (effect_rows[k].aim) {
	case AIM_PACKAGE:
		return fx->package != SCENARIO_NONE ||
		    fx->target == TARGET_PACKAGE ||
		    fx->target == TARGET_EXTERNAL_PACKAGE ||
		    fx->target == TARGET_INTERNAL_PACKAGE;
	case AIM_STAFF:
		return fx->staff != SCENARIO_NONE || fx->target == TARGET_STAFF;
	case AIM_SUPPLIER:
		/* An outsourced package names its supplier. */
		return fx->supplier != SCENARIO_NONE ||
		    fx->target == TARGET_SUPPLIER ||
		    fx->target == TARGET_EXTERNAL_PACKAGE;
	default:
		return true;
	}
}

char *
effects_aim_problem(enum effect_kind k)
{
	const char	*key = effect_rows[k].key;

	switch (effect_rows[k].aim) {
	case AIM_PACKAGE:
		return xasprintf(_("« %s » vise un lot ; ajoutez lot = \"…\" ou "
		    "cible = \"lot\", \"lot_externe\" ou \"lot_interne\""), key);
	case AIM_STAFF:
		return xasprintf(_("« %s » vise une personne ; ajoutez membre = "
		    "\"…\" ou cible = \"membre\""), key);
	case AIM_SUPPLIER:
		return xasprintf(_("« %s » vise un prestataire ; ajoutez "
		    "prestataire = \"…\" ou cible = \"prestataire\""), key);
	default:
		return xstrdup("");
	}
}

bool
effects_cost_unlined(const struct effects *fx)
{
	return fx->cost != 0 && fx->line == SCENARIO_NONE &&
	    fx->package == SCENARIO_NONE && fx->target != TARGET_PACKAGE &&
	    fx->target != TARGET_EXTERNAL_PACKAGE &&
	    fx->target != TARGET_INTERNAL_PACKAGE;
}

bool
effects_reserve_useful(const struct effects *fx)
{
	return fx->cost > 0 || fx->envelope < 0;
}

/* --- apply or describe --- */

/* The targets of fx for occurrence o; false when a drawn one is missing. */
static bool
effects_targets(const struct occurrence *o, const struct effects *fx,
    struct effects_run *r)
{
	r->package = fx->package;
	r->staff = fx->staff;
	r->supplier = fx->supplier;
	switch (fx->target) {
	case TARGET_PACKAGE:
		return (r->package = o->target_package) >= 0;
	case TARGET_EXTERNAL_PACKAGE:
		if ((r->package = o->target_external) < 0)
			return false;
		/* fiabilite on an outsourced package hits its supplier. */
		if (r->supplier < 0)
			r->supplier = r->t->packages[r->package].supplier;
		return true;
	case TARGET_INTERNAL_PACKAGE:
		return (r->package = o->target_internal) >= 0;
	case TARGET_STAFF:
		return (r->staff = o->target_staff) >= 0;
	case TARGET_SUPPLIER:
		return (r->supplier = o->target_supplier) >= 0;
	default:
		return true;
	}
}

static char *
effects_run(const struct game *g, const struct team *t, struct team *w,
    const struct occurrence *o, const struct effects *fx)
{
	struct effects_run	 r;
	int			 k;
	int64_t			 v;

	memset(&r, 0, sizeof r);
	r.g = g;
	r.t = t;
	r.w = w;
	r.fx = fx;
	r.reserve_left = t->reserve - t->reserve_used;
	r.what = xstrdup("");
	if (!effects_targets(o, fx, &r)) {
		effects_say(&r, _("sans effet (rien à viser dans le projet de "
		    "l'équipe)"));
		return r.what;
	}
	for (k = 0; k < EFFECT_KIND_COUNT; k++) {
		v = effects_get(fx, (enum effect_kind)k);
		if (v == 0)
			continue;
		/* Load and injection refuse an effect without its target;
		 * a drawn one was checked above. */
		if ((effect_rows[k].aim == AIM_PACKAGE && r.package < 0) ||
		    (effect_rows[k].aim == AIM_STAFF && r.staff < 0) ||
		    (effect_rows[k].aim == AIM_SUPPLIER && r.supplier < 0))
			continue;
		effect_rows[k].run(&r, v);
	}
	if (r.what[0] == '\0')
		effects_say(&r, _("sans effet chiffré"));
	return r.what;
}

char *
effects_apply(struct game *g, struct team *t, const struct occurrence *o,
    const struct effects *fx)
{
	return effects_run(g, t, t, o, fx);
}

char *
effects_describe(const struct game *g, const struct team *t,
    const struct occurrence *o, const struct effects *fx)
{
	return effects_run(g, t, NULL, o, fx);
}
