/*
 * Property tests of core/ledger: many random games on the shipped
 * scenarios, one team per built-in policy (core/policy.h), with random
 * trainer injections of incidents that cost, save, cut the envelope and
 * draw on the reserve, random answers and random uses of the reserve.
 * After EVERY event, for every team:
 *
 *  - the lines add up to the ledger's totals, field by field;
 *  - each line's forecast is actual + committed + planned - savings, never
 *    negative, and its savings never more than it would cost;
 *  - margin = envelope - forecast - reserve left; overrun is the forecast
 *    over the envelope, and the team was told (its flag) during piloting;
 *  - no line's actual, committed or planned is negative; unplanned is part
 *    of actual, drawn part of unplanned;
 *  - the reserve left is within [0, reserve] and what was drawn is the sum
 *    of the lines' drawn;
 *  - what is committed is exactly the orders and started packages still
 *    open (an independent count from the packages);
 *  - an answer whose only effect is a cost moves the forecast up by the
 *    cost and the margin down by the part the reserve did not pay; a cut
 *    the same way; utiliser_reserve leaves the margin where it was.
 *
 * Then whole games journaled as sessions: `pilote show --json --at N`,
 * `pilote show`, the HTML report and the REX export print the ledger's
 * figures, at every week's close.
 *
 * A failure prints the scenario, the seed and the event; a seed that once
 * failed stays in fixed_seeds[].
 */
#include "unit/cmocka_prelude.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/effects.h"
#include "core/game.h"
#include "core/ledger.h"
#include "core/policy.h"
#include "io/export.h"
#include "io/report.h"
#include "io/scenario_load.h"
#include "io/session.h"
#include "util/diag.h"
#include "util/text.h"
#include "util/xalloc.h"

static const char *const scenarios[] = {
	"scenarios/lancement-hydra.cfg",
	"scenarios/acquisition-mutuelle.cfg",
	"scenarios/refonte-rgaa.cfg",
};
#define NSCENARIOS	(int)(sizeof scenarios / sizeof scenarios[0])
#define RANDOM_SEEDS	12		/* per scenario */
/* Fixed cases, played besides the random ones: seed 1, and any seed that
 * ever broke a property (none has so far). */
static const uint64_t fixed_seeds[] = { 1 };

struct run {
	const char		*path;
	uint64_t		 seed;
	struct scenario		*s;
	struct game		*g;
	bool			 journal;	/* played as a session file */
	struct session		*ss;	/* while journaling */
	uint64_t		 rng;
	int64_t			 clock;
	const struct event	*last;	/* for failure messages */
	/* Ledgers after each week's close, for the journaled runs. */
	int64_t			 marks_seq[16];
	struct ledger		 marks[16][GAME_MAX_TEAMS];
	int			 nmarks;
};

/* What the random games went through: each property must have been put
 * to the test, or the test proves nothing. */
static struct {
	long	 events, refused, costs, on_reserve, partly, cuts, absorbed;
	long	 savings, draws, overruns, back_within, launched, carried;
} seen;

static void run_fail(const struct run *, int team, const char *, ...)
    __attribute__((format(printf, 3, 4), noreturn));

static void
run_fail(const struct run *r, int team, const char *fmt, ...)
{
	char	 what[512];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	fail_msg("%s, graine %llu, événement n° %lld (%s), équipe %s : %s",
	    r->path, (unsigned long long)r->seed, (long long)r->g->last_seq,
	    r->last != NULL && r->last->type != NULL ? r->last->type : "?",
	    team >= 0 ? r->g->teams[team].name : "-", what);
	abort();	/* fail_msg does not return */
}

/* splitmix64: the test's own draws, never the engine's. */
static uint64_t
run_next(struct run *r)
{
	uint64_t	 z = (r->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int
run_below(struct run *r, int n)
{
	return n > 0 ? (int)(run_next(r) % (uint64_t)n) : 0;
}

/* --- the properties --- */

#define CHECK(r, team, cond, ...) do {					\
	if (!(cond))							\
		run_fail(r, team, __VA_ARGS__);				\
} while (0)

/* What is committed, counted from the packages rather than the lines. */
static void
run_committed(const struct game *g, const struct team *t, int64_t *by_line)
{
	const struct scenario	*s = g->scenario;
	int			 i;

	for (i = 0; i < s->nlines; i++)
		by_line[i] = 0;
	for (i = 0; i < s->npackages; i++) {
		const struct package_state *p = &t->packages[i];
		const struct offer *o;

		if (p->started == 0 || p->status == PKG_DONE)
			continue;
		by_line[s->packages[i].line] += s->packages[i].fixed_cost;
		if (p->owner == OWNER_SUPPLIER && p->ordered > 0) {
			o = &s->suppliers[p->supplier].offers[p->offer];
			by_line[s->packages[i].line] += o->price - p->discount;
		}
	}
}

static void
run_check_team(struct run *r, int ti, const struct ledger *l)
{
	const struct team	*t = &r->g->teams[ti];
	struct ledger_line	 sum;
	int64_t			 committed[SCENARIO_MAX_LINES], drawn = 0, gross;
	int			 i;

	memset(&sum, 0, sizeof sum);
	CHECK(r, ti, l->nlines == r->s->nlines, "%d lignes au lieu de %d",
	    l->nlines, r->s->nlines);
	run_committed(r->g, t, committed);
	for (i = 0; i < l->nlines; i++) {
		const struct ledger_line *x = &l->lines[i];

		CHECK(r, ti, x->actual >= 0 && x->committed >= 0 &&
		    x->planned >= 0, "ligne %s : réel %lld, engagé %lld, "
		    "reste %lld", r->s->lines[i].id, (long long)x->actual,
		    (long long)x->committed, (long long)x->planned);
		CHECK(r, ti, x->unplanned >= 0 && x->unplanned <= x->actual,
		    "ligne %s : imprévus %lld hors du réel %lld",
		    r->s->lines[i].id, (long long)x->unplanned,
		    (long long)x->actual);
		CHECK(r, ti, x->drawn >= 0 && x->drawn <= x->unplanned,
		    "ligne %s : payé sur la réserve %lld, imprévus %lld",
		    r->s->lines[i].id, (long long)x->drawn,
		    (long long)x->unplanned);
		gross = x->actual + x->committed + x->planned;
		CHECK(r, ti, x->savings >= 0 && x->savings <= gross,
		    "ligne %s : économies %lld pour %lld", r->s->lines[i].id,
		    (long long)x->savings, (long long)gross);
		CHECK(r, ti, x->forecast == gross - x->savings &&
		    x->forecast >= 0, "ligne %s : prévu %lld ≠ %lld",
		    r->s->lines[i].id, (long long)x->forecast,
		    (long long)(gross - x->savings));
		CHECK(r, ti, x->spent >= 0 && x->spent <= x->actual +
		    x->committed && x->spent >= x->actual + x->committed -
		    x->savings, "ligne %s : dépensé net %lld",
		    r->s->lines[i].id, (long long)x->spent);
		CHECK(r, ti, x->committed == committed[i], "ligne %s : engagé "
		    "%lld, les commandes ouvertes font %lld",
		    r->s->lines[i].id, (long long)x->committed,
		    (long long)committed[i]);
		CHECK(r, ti, r->g->phase != PHASE_LAUNCHED || x->planned == 0,
		    "ligne %s : encore %lld à engager après le lancement",
		    r->s->lines[i].id, (long long)x->planned);
		sum.planned += x->planned;
		sum.committed += x->committed;
		sum.actual += x->actual;
		sum.unplanned += x->unplanned;
		sum.drawn += x->drawn;
		sum.savings += x->savings;
		sum.forecast += x->forecast;
		sum.spent += x->spent;
		drawn += x->drawn;
	}
	CHECK(r, ti, memcmp(&sum, &l->total, sizeof sum) == 0,
	    "les lignes ne font pas le total (prévu %lld contre %lld)",
	    (long long)sum.forecast, (long long)l->total.forecast);
	CHECK(r, ti, l->margin == l->envelope - l->total.forecast -
	    l->reserve_left, "marge %lld ≠ enveloppe %lld - prévu %lld - "
	    "réserve restante %lld", (long long)l->margin,
	    (long long)l->envelope, (long long)l->total.forecast,
	    (long long)l->reserve_left);
	CHECK(r, ti, l->reserve_left >= 0 && l->reserve_left <= l->reserve,
	    "réserve restante %lld sur %lld", (long long)l->reserve_left,
	    (long long)l->reserve);
	CHECK(r, ti, l->reserve_drawn == drawn, "réserve utilisée %lld, les "
	    "lignes en ont reçu %lld", (long long)l->reserve_drawn,
	    (long long)drawn);
	CHECK(r, ti, l->overrun == (l->total.forecast > l->envelope ?
	    l->total.forecast - l->envelope : 0), "dépassement %lld",
	    (long long)l->overrun);
	CHECK(r, ti, l->envelope == t->envelope && l->envelope > 0,
	    "enveloppe %lld", (long long)l->envelope);
	if (r->g->phase == PHASE_PILOTING)
		CHECK(r, ti, t->over_envelope == (l->overrun > 0), "dépassement "
		    "de %lld, l'équipe %s averti", (long long)l->overrun,
		    t->over_envelope ? "a été" : "n'a pas été");
	if (r->g->phase == PHASE_LAUNCHED)
		CHECK(r, ti, t->result.spent == l->total.spent &&
		    l->total.spent == l->total.forecast, "bilan : dépensé %lld, "
		    "prévu %lld", (long long)t->result.spent,
		    (long long)l->total.forecast);
}

/* The one effect of fx when it is a cost or a cut alone, else -1. */
static int
run_single_effect(const struct effects *fx)
{
	int	 k, only = -1;

	for (k = 0; k < EFFECT_KIND_COUNT; k++)
		if (effects_get(fx, (enum effect_kind)k) != 0) {
			if (only >= 0)
				return -1;
			only = k;
		}
	return only == EFFECT_COST || only == EFFECT_ENVELOPE ? only : -1;
}

static int
run_closed(const struct team *t)
{
	int	 i, n = 0;

	for (i = 0; i < t->noccurrences; i++)
		n += t->occurrences[i].status != OCC_OPEN;
	return n;
}

/*
 * The margin's promises on the acting team: checked when its event closed
 * exactly one occurrence (the one answered) and nothing else moved money.
 */
static void
run_check_delta(struct run *r, const struct event *e, int ti,
    const struct ledger *before, int closed_before, const struct ledger *after)
{
	const struct team	*t = &r->g->teams[ti];
	const struct occurrence	*o;
	const struct incident	*inc;
	const struct effects	*fx;
	int64_t			 v, paid, want, carried;
	int64_t			 n;
	int			 grown;
	int			 k;

	if (strcmp(e->type, "repondre") == 0)
		closed_before++;	/* the one answered */
	if (run_closed(t) != closed_before)
		return;		/* a default applied meanwhile */
	if (strcmp(e->type, "utiliser_reserve") == 0) {
		seen.draws++;
		CHECK(r, ti, after->margin == before->margin, "utiliser_reserve "
		    ": la marge passe de %lld à %lld",
		    (long long)before->margin, (long long)after->margin);
		CHECK(r, ti, before->reserve_left - after->reserve_left ==
		    after->total.forecast - before->total.forecast,
		    "utiliser_reserve : la réserve ne va pas à une ligne");
		return;
	}
	if (strcmp(e->type, "repondre") != 0 ||
	    !record_int(&e->data, "incident", &n))
		return;
	o = &t->occurrences[n - 1];
	inc = game_occurrence_incident(r->g, o);
	fx = &inc->options[o->option].effects;
	if ((k = run_single_effect(fx)) < 0)
		return;
	/* Aimed at a drawn target the team did not have: nothing moves. */
	if ((fx->target == TARGET_SUPPLIER && o->target_supplier < 0) ||
	    (fx->target == TARGET_PACKAGE && o->target_package < 0))
		return;
	v = effects_get(fx, (enum effect_kind)k);
	if (k == EFFECT_COST && v > 0) {
		paid = fx->reserve ? (v < before->reserve_left ? v :
		    before->reserve_left) : 0;
		seen.costs++;
		seen.on_reserve += paid > 0;
		seen.partly += paid > 0 && paid < v;
		/* A saving not yet carried by its line's spending (the
		 * ledger counts a saving only while there is spending to
		 * carry it) absorbs a cost on that line. */
		grown = -1;
		for (k = 0; k < after->nlines; k++)
			if (after->lines[k].forecast + after->lines[k].savings !=
			    before->lines[k].forecast + before->lines[k].savings)
				grown = k;
		carried = grown >= 0 ? t->lines[grown].saved -
		    before->lines[grown].savings : 0;
		carried = carried < 0 ? 0 : carried > v ? v : carried;
		seen.carried += carried > 0;
		want = before->margin - (v - carried) + paid;
		CHECK(r, ti, after->total.forecast == before->total.forecast +
		    v - carried, "un coût de %lld (%lld absorbés par une "
		    "économie) fait passer le prévu de %lld à %lld", (long long)v,
		    (long long)carried, (long long)before->total.forecast,
		    (long long)after->total.forecast);
		CHECK(r, ti, after->margin == want, "un coût de %lld (%lld sur "
		    "la réserve) fait passer la marge de %lld à %lld, pas %lld",
		    (long long)v, (long long)paid, (long long)before->margin,
		    (long long)after->margin, (long long)want);
		CHECK(r, ti, after->reserve_left == before->reserve_left - paid,
		    "réserve restante %lld, attendu %lld",
		    (long long)after->reserve_left,
		    (long long)(before->reserve_left - paid));
	} else if (k == EFFECT_COST) {
		seen.savings++;
		CHECK(r, ti, after->margin >= before->margin &&
		    after->margin <= before->margin - v, "une économie de %lld "
		    "fait passer la marge de %lld à %lld", (long long)-v,
		    (long long)before->margin, (long long)after->margin);
	} else if (v < 0) {
		want = after->envelope - before->envelope;	/* floored */
		paid = fx->reserve ? (-want < before->reserve_left ? -want :
		    before->reserve_left) : 0;
		seen.cuts++;
		seen.absorbed += paid > 0;
		CHECK(r, ti, after->margin == before->margin + want + paid,
		    "une coupe de %lld (%lld absorbés) fait passer la marge de "
		    "%lld à %lld", (long long)-want, (long long)paid,
		    (long long)before->margin, (long long)after->margin);
	}
}

/* Validates and applies e as a host would, then checks every team. */
static int
run_apply(struct run *r, struct event *e)
{
	struct ledger	 before[GAME_MAX_TEAMS], after;
	char		*cause = NULL;
	bool		 refused;
	int		 closed[GAME_MAX_TEAMS], i, ti, rc;

	for (i = 0; i < r->g->nteams; i++) {
		game_ledger(r->g, &r->g->teams[i], &before[i]);
		closed[i] = run_closed(&r->g->teams[i]);
	}
	r->clock += 60000;
	e->time = r->clock;
	if (r->ss != NULL) {
		rc = session_submit(r->ss, e, &refused, &cause);
		if (rc == -1 && !refused)
			fail_msg("journal : %s", cause);
	} else {
		e->seq = r->g->last_seq + 1;
		rc = game_validate(r->g, e, &cause);
		if (rc == 0)
			game_apply(r->g, e);
	}
	free(cause);
	seen.events++;
	if (rc == -1) {
		seen.refused++;
		return -1;		/* a random decision may be refused */
	}
	r->last = e;
	ti = e->team != NULL ? game_team_index(r->g, e->team) : -1;
	for (i = 0; i < r->g->nteams; i++) {
		game_ledger(r->g, &r->g->teams[i], &after);
		run_check_team(r, i, &after);
		seen.overruns += after.overrun > 0 && before[i].overrun == 0;
		seen.back_within += after.overrun == 0 &&
		    before[i].overrun > 0;
		seen.launched += r->g->phase == PHASE_LAUNCHED &&
		    after.total.savings > 0;
		if (i == ti)
			run_check_delta(r, e, i, &before[i], closed[i], &after);
	}
	r->last = NULL;
	return 0;
}

/* --- the moves --- */

static void
run_moves(struct run *r, struct policy_moves *m)
{
	int	 i;

	for (i = 0; i < m->count; i++)
		run_apply(r, &m->events[i]);
	policy_moves_release(m);
}

static struct event *
run_event(struct event *e, const char *team, const char *actor,
    const char *type)
{
	event_init(e);
	event_set(&e->type, type);
	if (team != NULL)
		event_set(&e->team, team);
	event_set(&e->actor, actor);
	return e;
}

static void
run_trainer(struct run *r, const char *type, const char *key,
    const char *value)
{
	struct event	 e;

	run_event(&e, NULL, GAME_TRAINER, type);
	if (key != NULL)
		record_set_text(&e.data, key, value);
	run_apply(r, &e);
	event_release(&e);
}

/* One random ad hoc effect, in the live syntax. */
static char *
run_effect(struct run *r)
{
	const struct scenario	*s = r->s;
	int			 amount = 100 * (1 + run_below(r, 200));
	const char		*res = run_below(r, 2) ? ", sur_reserve=oui" : "";

	switch (run_below(r, 9)) {
	case 0:
		return xasprintf("cout=%d%s", amount, res);
	case 1:
		return xasprintf("cout=%d, ligne=%s%s", amount,
		    s->lines[run_below(r, s->nlines)].id, res);
	case 2:
		return xasprintf("cout=%d, cible=lot%s", amount, res);
	case 3:
		return xasprintf("cout=%d, cible=prestataire%s", amount, res);
	case 4:
		return xasprintf("cout=-%d, cible=lot", amount);
	case 5:
		return xasprintf("cout=-%d, ligne=%s", amount,
		    s->lines[run_below(r, s->nlines)].id);
	case 6:
		return xasprintf("enveloppe=-%d%s", amount, res);
	case 7:
		return xasprintf("cout=%d, enveloppe=-%d, sur_reserve=oui",
		    amount, 100 * run_below(r, 100) + 100);
	default:
		return xasprintf("charge=%d, cout=%d, cible=lot_interne%s",
		    run_below(r, 10) + 1, amount, res);
	}
}

static void
run_inject(struct run *r)
{
	struct event	 e;
	char		*fx[3], *text;
	int		 i;

	run_event(&e, NULL, GAME_TRAINER, "injecter");
	record_set_text(&e.data, "equipe", "toutes");
	if (run_below(r, 3) == 0 && r->s->nincidents > 0) {
		record_set_text(&e.data, "incident",
		    r->s->incidents[run_below(r, r->s->nincidents)].id);
	} else {
		record_set_text(&e.data, "titre", "Imprévu");
		record_set_text(&e.data, "texte", "Un aléa coûte de l'argent.");
		for (i = 0; i < 3; i++)
			fx[i] = run_effect(r);
		text = xasprintf("Payer : %s", fx[0]);
		record_set_text(&e.data, "option1", text);
		free(text);
		text = xasprintf("Autrement : %s", fx[1]);
		record_set_text(&e.data, "option2", text);
		free(text);
		text = xasprintf("Rien : %s", fx[2]);
		record_set_text(&e.data, "defaut", text);
		free(text);
		for (i = 0; i < 3; i++)
			free(fx[i]);
	}
	run_apply(r, &e);
	event_release(&e);
}

/* Random decisions of team ti beside its policy's. */
static void
run_team_moves(struct run *r, int ti)
{
	const struct scenario	*s = r->s;
	struct team		*t = &r->g->teams[ti];
	struct event		 e;
	struct ledger		 l;
	const char		*actor = t->candidates[0].name;
	int			 i, amount;
	char			 n[32];

	for (i = 0; i < t->noccurrences; i++) {
		if (t->occurrences[i].status != OCC_OPEN ||
		    run_below(r, 3) == 0)
			continue;
		run_event(&e, t->name, actor, "repondre");
		event_set(&e.why, "arbitrage du test");
		snprintf(n, sizeof n, "%d", i + 1);
		record_set_text(&e.data, "incident", n);
		record_set_text(&e.data, "option", game_occurrence_incident(
		    r->g, &t->occurrences[i])->options[run_below(r,
		    game_occurrence_incident(r->g, &t->occurrences[i])->
		    noptions)].id);
		run_apply(r, &e);
		event_release(&e);
	}
	game_ledger(r->g, t, &l);
	if (l.reserve_left >= 100 && run_below(r, 3) == 0) {
		amount = 1 + run_below(r, (int)(l.reserve_left / 100));
		run_event(&e, t->name, actor, "utiliser_reserve");
		event_set(&e.why, "renfort");
		snprintf(n, sizeof n, "%d", amount);
		record_set_text(&e.data, "montant", n);
		if (run_below(r, 2))
			record_set_text(&e.data, "ligne",
			    s->lines[run_below(r, s->nlines)].id);
		run_apply(r, &e);
		event_release(&e);
	}
	if (run_below(r, 6) == 0) {
		run_event(&e, t->name, actor, "reserve");
		snprintf(n, sizeof n, "%lld", (long long)(run_below(r, 1 +
		    (int)(l.envelope * s->reserve_max / 100 / 100 / 1000)) *
		    1000));
		record_set_text(&e.data, "montant", n);
		run_apply(r, &e);
		event_release(&e);
	}
	if (run_below(r, 4) == 0) {
		run_event(&e, t->name, actor, "negocier");
		record_set_text(&e.data, "lot",
		    s->packages[run_below(r, s->npackages)].id);
		record_set_text(&e.data, "objet", run_below(r, 2) ? "prix" :
		    "delai");
		run_apply(r, &e);
		event_release(&e);
	}
}

/* One whole game, every team checked after every event. */
static void
run_game(struct run *r)
{
	struct game_setup	 setup;
	struct policy_moves	 m;
	struct diag		 d;
	char			*cause = NULL, dir[64], *file = NULL;
	int			 i, k, w;

	diag_init(&d);
	assert_int_equal(scenario_load(r->path, &r->s, &d), SCENARIO_LOAD_OK);
	diag_release(&d);
	memset(&setup, 0, sizeof setup);
	setup.seed = r->seed;
	setup.nteams = POLICY_COUNT;
	for (i = 0; i < POLICY_COUNT; i++) {
		setup.teams[i].name = policy_names[i];
		setup.teams[i].ncandidates = 1;
		setup.teams[i].candidates[0].name = policy_names[i];
	}
	r->rng = r->seed * 7919 + (uint64_t)strlen(r->path);
	r->clock = INT64_C(1800000000000);
	if (r->journal) {
		/* A session file: its own directory and trainer key. */
		strcpy(dir, "/tmp/pilote-test-ledger-XXXXXX");
		assert_non_null(mkdtemp(dir));
		file = xasprintf("%s/formateur.key", dir);
		assert_int_equal(setenv("PILOTE_TRAINER_KEY", file, 1), 0);
		free(file);
		file = xasprintf("%s/s.jsonl", dir);
		if (session_create(file, r->s, &setup, &r->ss, &cause) != 0)
			fail_msg("session : %s", cause);
		r->g = r->ss->game;
	} else
		r->g = game_new(r->s, &setup);
	for (i = 0; i < POLICY_COUNT; i++) {
		policy_frame(r->g, i, (enum policy_kind)i, &m);
		run_moves(r, &m);
	}
	run_trainer(r, "ouvrir_pilotage", NULL, NULL);
	for (w = 1; w <= r->s->weeks && r->g->phase == PHASE_PILOTING; w++) {
		for (k = 0; k < r->s->nstatus_points; k++)
			if (r->s->status_points[k].week == w)
				run_trainer(r, "demander_point",
				    "point", r->s->status_points[k].id);
		for (k = run_below(r, 3); k > 0; k--)
			run_inject(r);
		for (i = 0; i < POLICY_COUNT; i++) {
			policy_week(r->g, i, (enum policy_kind)i, &m);
			run_moves(r, &m);
			run_team_moves(r, i);
		}
		run_trainer(r, "cloturer_semaine", NULL, NULL);
		if (r->journal && r->nmarks < 16) {
			r->marks_seq[r->nmarks] = r->g->last_seq;
			for (i = 0; i < r->g->nteams; i++)
				game_ledger(r->g, &r->g->teams[i],
				    &r->marks[r->nmarks][i]);
			r->nmarks++;
		}
	}
	assert_int_equal(r->g->phase, PHASE_LAUNCHED);
	if (r->journal) {
		r->path = file;		/* the session, from now on */
		session_close(r->ss);
		r->ss = NULL;
	} else
		game_free(r->g);
	r->g = NULL;
	scenario_free(r->s);
	r->s = NULL;
}

static void
random_games_keep_the_ledger_adding_up_after_every_event(void **state)
{
	struct run	 r;
	int		 i, k;

	(void)state;
	for (i = 0; i < NSCENARIOS; i++) {
		for (k = 0; k < RANDOM_SEEDS + (int)(sizeof fixed_seeds /
		    sizeof fixed_seeds[0]); k++) {
			memset(&r, 0, sizeof r);
			r.path = scenarios[i];
			r.seed = k < RANDOM_SEEDS ? (uint64_t)(1000 + k * 37 +
			    i) : fixed_seeds[k - RANDOM_SEEDS];
			run_game(&r);
		}
	}
	print_message("%ld événements (%ld refusés) ; réponses à un coût seul "
	    "%ld, dont payées sur la réserve %ld (en partie %ld) ; économies "
	    "%ld ; coupes %ld (absorbées %ld) ; utiliser_reserve %ld ; "
	    "dépassements %ld, retours %ld\n", seen.events, seen.refused,
	    seen.costs, seen.on_reserve, seen.partly, seen.savings, seen.cuts,
	    seen.absorbed, seen.draws, seen.overruns, seen.back_within);
	assert_true(seen.costs > 20 && seen.on_reserve > 5 && seen.partly > 0);
	assert_true(seen.savings > 5 && seen.cuts > 5 && seen.absorbed > 0);
	assert_true(seen.draws > 20 && seen.overruns > 0);
}

/* --- what show and the exports print --- */

/* What a command prints on stdout. */
static char *
capture_stdout(int (*run)(int, char **), int argc, char **argv, int *rc)
{
	FILE	*tmp = tmpfile();
	char	*out;
	long	 n;
	int	 saved;

	assert_non_null(tmp);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fileno(tmp), STDOUT_FILENO) >= 0);
	*rc = run(argc, argv);
	fflush(stdout);
	assert_true(dup2(saved, STDOUT_FILENO) >= 0);
	close(saved);
	n = ftell(tmp);
	out = malloc((size_t)n + 1);
	assert_non_null(out);
	rewind(tmp);
	assert_int_equal(fread(out, 1, (size_t)n, tmp), (size_t)n);
	out[n] = '\0';
	fclose(tmp);
	return out;
}

static int64_t
json_euros(const json_t *o, const char *key)
{
	const json_t	*v = json_object_get(o, key);

	if (!json_is_integer(v))
		fail_msg("« %s » absent du JSON de pilote show", key);
	return (int64_t)json_integer_value(v);
}

static void
json_line_is(const json_t *o, const struct ledger_line *x, const char *what)
{
	static const char *const keys[] = { "forecast", "planned",
	    "committed", "actual", "unplanned", "drawn", "savings", "spent" };
	const int64_t	 want[] = { x->forecast, x->planned, x->committed,
			    x->actual, x->unplanned, x->drawn, x->savings,
			    x->spent };
	size_t		 i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (json_euros(o, keys[i]) != text_euros(want[i]))
			fail_msg("pilote show --json, %s, %s : %lld au lieu de "
			    "%lld", what, keys[i],
			    (long long)json_euros(o, keys[i]),
			    (long long)text_euros(want[i]));
}

/* pilote show --json --at seq against the ledgers recorded then. */
static void
show_json_matches(const char *path, int64_t seq, const struct ledger *l,
    int nteams)
{
	char		 at[32], *text;
	char		*argv[6];
	json_t		*o, *teams, *team, *lines;
	json_error_t	 err;
	int		 rc, t, i;

	snprintf(at, sizeof at, "%lld", (long long)seq);
	argv[0] = (char *)(uintptr_t)"show";
	argv[1] = (char *)(uintptr_t)path;
	argv[2] = (char *)(uintptr_t)"--json";
	argv[3] = (char *)(uintptr_t)"--at";
	argv[4] = at;
	argv[5] = NULL;
	text = capture_stdout(cli_show, 5, argv, &rc);
	assert_int_equal(rc, 0);
	o = json_loads(text, 0, &err);
	assert_non_null(o);
	teams = json_object_get(o, "teams");
	assert_int_equal((int)json_array_size(teams), nteams);
	for (t = 0; t < nteams; t++) {
		team = json_array_get(teams, (size_t)t);
		assert_int_equal(json_euros(team, "margin"),
		    text_euros(l[t].margin));
		assert_int_equal(json_euros(team, "reserve_left"),
		    text_euros(l[t].reserve_left));
		assert_int_equal(json_euros(team, "reserve_used"),
		    text_euros(l[t].reserve_drawn));
		assert_int_equal(json_euros(team, "overrun"),
		    text_euros(l[t].overrun));
		json_line_is(json_object_get(team, "budget_total"), &l[t].total,
		    "total");
		lines = json_object_get(team, "budget");
		assert_int_equal((int)json_array_size(lines), l[t].nlines);
		for (i = 0; i < l[t].nlines; i++)
			json_line_is(json_array_get(lines, (size_t)i),
			    &l[t].lines[i], "ligne");
	}
	json_decref(o);
	free(text);
}

static bool
contains(const char *text, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static bool
contains(const char *text, const char *fmt, ...)
{
	char	 want[512];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(want, sizeof want, fmt, ap);
	va_end(ap);
	if (strstr(text, want) != NULL)
		return true;
	print_message("absent : %s\n", want);
	return false;
}

static void
show_and_exports_print_the_ledger(void **state)
{
	struct run	 r;
	struct session	*ss;
	struct ledger	 l;
	char		*argv[3], *text, *cause = NULL, *warning = NULL, *dir;
	char		 a[TEXT_MONEY_MAX], b[TEXT_MONEY_MAX];
	char		 c[TEXT_MONEY_MAX], cmd[128];
	size_t		 len;
	FILE		*f;
	int		 i, k, rc, t;

	(void)state;
	for (i = 0; i < NSCENARIOS; i++) {
		memset(&r, 0, sizeof r);
		r.path = scenarios[i];
		r.seed = 77 + (uint64_t)i;
		r.journal = true;
		run_game(&r);
		/* JSON at every week's close. */
		for (k = 0; k < r.nmarks; k++)
			show_json_matches(r.path, r.marks_seq[k], r.marks[k],
			    POLICY_COUNT);
		/* The text of show, the report and the REX at the end. */
		assert_int_equal(session_open(r.path, false, 0, &ss, &warning,
		    &cause), 0);
		argv[0] = (char *)(uintptr_t)"show";
		argv[1] = (char *)(uintptr_t)r.path;
		argv[2] = NULL;
		text = capture_stdout(cli_show, 2, argv, &rc);
		assert_int_equal(rc, 0);
		for (t = 0; t < ss->game->nteams; t++) {
			game_ledger(ss->game, &ss->game->teams[t], &l);
			assert_true(contains(text, "réserve %s dont %s utilisés",
			    text_money(a, l.reserve),
			    text_money(b, l.reserve_drawn)));
			assert_true(contains(text, "Réserve restante %s · marge "
			    "%s", text_money(a, l.reserve_left),
			    text_money(b, l.margin)));
			assert_true(contains(text, "%s", text_money(c,
			    l.total.forecast)));
		}
		free(text);
		f = open_memstream(&text, &len);
		assert_non_null(f);
		assert_int_equal(report_html(r.path, f, &cause), 0);
		fclose(f);
		for (t = 0; t < ss->game->nteams; t++) {
			game_ledger(ss->game, &ss->game->teams[t], &l);
			assert_true(contains(text, "dont %s utilisés, marge %s.",
			    text_money(a, l.reserve_drawn),
			    text_money(b, l.margin)));
		}
		free(text);
		game_ledger(ss->game, &ss->game->teams[POLICY_CAUTIOUS], &l);
		text = export_rex(ss, policy_names[POLICY_CAUTIOUS], &cause);
		if (text == NULL)
			fail_msg("rex : %s", cause);
		assert_true(contains(text, "- Budget : %s dépensés ou engagés "
		    "pour une enveloppe de %s", text_money(a, l.total.spent),
		    text_money(b, l.envelope)));
		free(text);
		session_close(ss);
		dir = strdup(r.path);
		*strrchr(dir, '/') = '\0';
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		assert_int_equal(system(cmd), 0);
		free(dir);
		free((char *)(uintptr_t)r.path);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(random_games_keep_the_ledger_adding_up_after_every_event),
		cmocka_unit_test(show_and_exports_print_the_ledger),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
