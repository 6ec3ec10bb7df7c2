/*
 * The E3 indicators measure the competence, not the form (issue 12): three
 * teams play the same Hydra session (seed 7) — a careful one that writes,
 * frames and answers as the seed asks, a sloppy one that does the minimum
 * late, and a form-filler that ticks every box, types « x » everywhere and
 * picks the worst options — and each criterion must rank them: the careful
 * team « acquis », the two others below it; E3 careful ≥ 80, form-filler
 * ≤ 50.  The careful and sloppy teams' texts are written here, as
 * candidates would; only the form-filler is the simulate policy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit/cmocka_prelude.h"
#include "core/effects.h"
#include "core/game.h"
#include "core/ledger.h"
#include "core/policy.h"
#include "io/scenario_load.h"
#include "util/diag.h"
#include "util/text.h"
#include "util/xalloc.h"

#define HYDRA	"scenarios/lancement-hydra.cfg"
#define SEED	7

enum { CAREFUL, SLOPPY, FILLER, NTEAMS };

/* What figure c of r comes from, as the reports write it. */
static const char *
comment(const struct team_result *r, int c)
{
	return later_text(r->e3_comment[c]);
}

static const char *const team_names[NTEAMS] = {
	"Soignée", "Bâclée", "Formulaires"
};

struct match {
	struct scenario	*s;
	struct game	*g;
	int64_t		 clock;
};

static void
apply(struct match *m, struct event *e)
{
	char	*cause = NULL;

	m->clock += 60000;
	e->time = m->clock;
	e->seq = m->g->last_seq + 1;
	if (game_validate(m->g, e, &cause) != 0)
		fail_msg("« %s » de %s refusé : %s", e->type,
		    e->team ? e->team : "formateur", cause);
	game_apply(m->g, e);
}

/* One decision: type, actor, why, then key, value pairs, NULL. */
static void
act(struct match *m, int team, const char *actor, const char *why,
    const char *type, ...)
{
	struct event	 e;
	va_list		 ap;
	const char	*k, *v;

	event_init(&e);
	event_set(&e.type, type);
	if (team >= 0)
		event_set(&e.team, team_names[team]);
	event_set(&e.actor, team >= 0 ? actor : GAME_TRAINER);
	event_set(&e.why, why);
	va_start(ap, type);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		record_set_text(&e.data, k, v);
	}
	va_end(ap);
	apply(m, &e);
	event_release(&e);
}

/* The moves of a policy, all or only those of one type.  strict: each
 * must be accepted (a scripted team); else one refused is left out, as
 * `pilote simulate` plays them (its rules are the engine's). */
static void
play_moves_as(struct match *m, struct policy_moves *pm, const char *only,
    bool strict)
{
	char	*cause = NULL;
	int	 i;

	for (i = 0; i < pm->count; i++) {
		struct event *e = &pm->events[i];

		if (only != NULL && strcmp(e->type, only) != 0)
			continue;
		if (strict) {
			apply(m, e);
			continue;
		}
		m->clock += 60000;
		e->time = m->clock;
		e->seq = m->g->last_seq + 1;
		if (game_validate(m->g, e, &cause) == 0)
			game_apply(m->g, e);
		free(cause);
		cause = NULL;
	}
	policy_moves_release(pm);
}

static void
play_moves(struct match *m, struct policy_moves *pm, const char *only)
{
	play_moves_as(m, pm, only, true);
}

static void
play_moves_lenient(struct match *m, struct policy_moves *pm)
{
	play_moves_as(m, pm, NULL, false);
}

static void
careful_frame(struct match *m)
{
	const struct scenario	*s = m->s;
	const struct team	*t = &m->g->teams[CAREFUL];
	struct policy_moves	 pm;
	int			 i, j;
	char			 n[16];

	/* Owners and plan from the careful player's reasoning; every text
	 * written here. */
	policy_frame(m->g, CAREFUL, POLICY_CAUTIOUS, &pm);
	play_moves(m, &pm, "attribuer");
	policy_frame(m->g, CAREFUL, POLICY_CAUTIOUS, &pm);
	play_moves(m, &pm, "planifier");
	act(m, CAREFUL, "Inès Faure", NULL, "outil", "outil", "trello", NULL);
	act(m, CAREFUL, "Inès Faure", NULL, "outil", "outil", "slack", NULL);
	for (i = 0; i < s->nstaff; i++)
		for (j = 0; j < s->staff[i].nneeds; j++) {
			snprintf(n, sizeof n, "%d", j + 1);
			act(m, CAREFUL, "Inès Faure", "Besoin relevé à "
			    "l'entretien d'accueil, aménagement prévu avant le "
			    "premier comité", "amenager", "membre",
			    s->staff[i].id, "besoin", n, NULL);
		}
	act(m, CAREFUL, "Inès Faure", "Inès anime et arbitre, Hugo tient le "
	    "budget, Léa suit prestataires et qualité : méthode Gantt, tâches "
	    "suivies chaque lundi dans Trello", "mission", "role", "pilote",
	    "candidat", "Inès Faure", "texte", "Animer le comité du lundi, "
	    "arbitrer délais et coûts du lancement Hydra, rédiger les points "
	    "de situation pour le président", NULL);
	act(m, CAREFUL, "Inès Faure", NULL, "mission", "role", "budget",
	    "candidat", "Hugo Martin", "texte", "Suivre chaque ligne du "
	    "budget et la réserve, valider les factures des prestataires, "
	    "alerter avant tout dépassement", NULL);
	act(m, CAREFUL, "Inès Faure", NULL, "mission", "role", "prestataires",
	    "candidat", "Léa Roux", "texte", "Cadrer les agences, tenir les "
	    "réunions hebdomadaires sur Slack, contrôler chaque livrable "
	    "avant recette", NULL);
	act(m, CAREFUL, "Inès Faure", NULL, "mission", "role", "qualite",
	    "candidat", "Léa Roux", "texte", "Vérifier l'accessibilité des "
	    "livrables, organiser la recette, prévoir le sous-titrage pour "
	    "Lucie Tessier et la salle accessible de Mathieu Giraud", NULL);
	act(m, CAREFUL, "Inès Faure", NULL, "mission", "role", "planning",
	    "candidat", "Hugo Martin", "texte", "Tenir le rétroplanning à "
	    "rebours du lancement, surveiller les dépendances et replanifier "
	    "après chaque incident", NULL);
	act(m, CAREFUL, "Hugo Martin", NULL, "reserve", "montant", "22000",
	    NULL);
	for (i = 0; i < s->nsuppliers; i++) {
		int p, k = 0;
		char hours[16];

		for (p = 0; p < s->npackages; p++)
			k += t->packages[p].owner == OWNER_SUPPLIER &&
			    t->packages[p].supplier == i;
		if (k == 0)
			continue;
		snprintf(hours, sizeof hours, "%d", k + 1);
		act(m, CAREFUL, "Léa Roux", NULL, "cadrer", "prestataire",
		    s->suppliers[i].id, "reunions", "hebdomadaire", "format",
		    "Sources ouvertes et exports finaux accessibles, textes "
		    "alternatifs fournis", "recette", "Recette sur pièces contre "
		    "le brief, conformité RGAA vérifiée, deux allers-retours de "
		    "corrections au plus", "heures", hours, "outil", "slack",
		    NULL);
	}
}

static void
sloppy_frame(struct match *m)
{
	const struct scenario	*s = m->s;
	const struct team	*t = &m->g->teams[SLOPPY];
	struct policy_moves	 pm;
	int			 i;

	policy_frame(m->g, SLOPPY, POLICY_AGGRESSIVE, &pm);
	play_moves(m, &pm, NULL);
	act(m, SLOPPY, "Ana Petit", NULL, "outil", "outil", "trello", NULL);
	act(m, SLOPPY, "Ana Petit", NULL, "mission", "role", "pilote",
	    "candidat", "Ana Petit", "texte", "Chef de projet", NULL);
	act(m, SLOPPY, "Ana Petit", NULL, "mission", "role", "budget",
	    "candidat", "Ana Petit", "texte", "Budget", NULL);
	for (i = 0; i < s->nsuppliers; i++)
		if (game_supplier_used(s, t, i)) {
			act(m, SLOPPY, "Ana Petit", NULL, "cadrer",
			    "prestataire", s->suppliers[i].id, "reunions",
			    "mensuelle", "format", "PDF", "recette", "OK",
			    "heures", "1", NULL);
			break;
		}
}

/* The least harmful option of an occurrence, as a careful team weighs it. */
static int
least_harmful(const struct game *g, const struct team *t, int occ)
{
	const struct incident	*inc = game_occurrence_incident(g,
				    &t->occurrences[occ]);
	int			 j, best = 0;

	for (j = 1; j < inc->noptions; j++)
		if (effects_harm_for(&inc->options[j].effects, t,
		    &t->occurrences[occ], false) <
		    effects_harm_for(&inc->options[best].effects, t,
		    &t->occurrences[occ], false))
			best = j;
	return best;
}

static void
careful_week(struct match *m)
{
	const struct team	*t = &m->g->teams[CAREFUL];
	const struct incident	*inc;
	struct ledger		 l;
	char			 num[16], *risks, *arb, *track, a[TEXT_MONEY_MAX];
	char			 b[TEXT_MONEY_MAX];
	int			 i, best, late;

	for (i = 0; i < t->noccurrences; i++) {
		if (t->occurrences[i].status != OCC_OPEN)
			continue;
		inc = game_occurrence_incident(m->g, &t->occurrences[i]);
		best = least_harmful(m->g, t, i);
		snprintf(num, sizeof num, "%d", i + 1);
		act(m, CAREFUL, "Inès Faure", "Comparé aux autres options, "
		    "c'est celle qui coûte le moins en délai et en budget",
		    "repondre", "incident", num, "option",
		    inc->options[best].id, NULL);
	}
	if (t->over_envelope)
		for (i = 0; i < m->s->npackages; i++)
			if (game_negotiable(m->g, t, i, NULL) == 0) {
				act(m, CAREFUL, "Hugo Martin", NULL, "negocier",
				    "lot", m->s->packages[i].id, "objet", "prix",
				    NULL);
				break;
			}
	for (i = 0; i < t->nrequests; i++) {
		if (t->requests[i].submitted)
			continue;
		game_ledger(m->g, t, &l);
		for (late = 0, best = 0; best < m->s->npackages; best++)
			late += game_package_late(m->g, t, best);
		inc = t->noccurrences > 0 ? game_occurrence_incident(m->g,
		    &t->occurrences[t->noccurrences - 1]) : NULL;
		risks = xasprintf("Dernier incident : « %s », traité dans le "
		    "délai ; %d lot(s) en retard sur le plan, dépendances du "
		    "lancement surveillées chaque lundi dans Trello.",
		    inc ? inc->title : "aucun", late);
		arb = xasprintf("Réserve gardée pour les aléas, priorité aux "
		    "lots critiques et à l'accessibilité ; %d incident(s) "
		    "arbitré(s) depuis le cadrage par l'option la moins "
		    "coûteuse.", t->noccurrences);
		track = xasprintf("Budget : %s dépensés ou engagés sur une "
		    "enveloppe de %s ; prestataires suivis chaque semaine sur "
		    "Slack, recette des livrables en cours.",
		    text_money(a, l.total.spent), text_money(b, l.envelope));
		snprintf(num, sizeof num, "%d", i + 1);
		act(m, CAREFUL, "Hugo Martin", NULL, "point", "point", num,
		    "risques", risks, "arbitrages", arb, "suivi", track,
		    "auteurs", "Hugo Martin,Inès Faure", NULL);
		free(risks);
		free(arb);
		free(track);
	}
}

static void
sloppy_week(struct match *m)
{
	const struct team	*t = &m->g->teams[SLOPPY];
	const struct incident	*inc;
	char			 num[16];
	int			 i;

	/* Every other incident answered, with its first option. */
	for (i = 0; i < t->noccurrences; i += 2) {
		if (t->occurrences[i].status != OCC_OPEN)
			continue;
		inc = game_occurrence_incident(m->g, &t->occurrences[i]);
		snprintf(num, sizeof num, "%d", i + 1);
		act(m, SLOPPY, "Ana Petit", "ok", "repondre", "incident", num,
		    "option", inc->options[0].id, NULL);
	}
	for (i = 0; i < t->nrequests; i++) {
		if (t->requests[i].submitted)
			continue;
		m->clock += 45 * 60000;		/* handed in late */
		snprintf(num, sizeof num, "%d", i + 1);
		act(m, SLOPPY, "Ana Petit", NULL, "point", "point", num,
		    "risques", "RAS", "arbitrages", "Rien de spécial",
		    "suivi", "Budget ok", NULL);
	}
}

static void
e3_ranks_careful_above_sloppy_and_form_filler(void **state)
{
	static const char *const people[NTEAMS][3] = {
		{ "Inès Faure", "Hugo Martin", "Léa Roux" },
		{ "Ana Petit", "Bruno Roy", "Carla Diaz" },
		{ "Denis Moreau", "Emma Blanc", "Fanny Leroy" },
	};
	struct match		 m;
	struct game_setup	 setup;
	struct policy_moves	 pm;
	struct diag		 d;
	int			 i, c, w, k;

	(void)state;
	memset(&m, 0, sizeof m);
	diag_init(&d);
	assert_int_equal(scenario_load(HYDRA, &m.s, &d), SCENARIO_LOAD_OK);
	diag_release(&d);
	memset(&setup, 0, sizeof setup);
	setup.seed = SEED;
	setup.nteams = NTEAMS;
	for (i = 0; i < NTEAMS; i++) {
		setup.teams[i].name = team_names[i];
		setup.teams[i].ncandidates = 3;
		for (k = 0; k < 3; k++)
			setup.teams[i].candidates[k].name = people[i][k];
	}
	setup.teams[CAREFUL].candidates[0].extra_time = 33;
	m.g = game_new(m.s, &setup);
	m.clock = INT64_C(1800000000000);
	careful_frame(&m);
	sloppy_frame(&m);
	policy_frame(m.g, FILLER, POLICY_FORM_FILLER, &pm);
	play_moves(&m, &pm, NULL);
	act(&m, -1, NULL, NULL, "ouvrir_pilotage", NULL);
	for (w = 1; w <= m.s->weeks && m.g->phase == PHASE_PILOTING; w++) {
		for (k = 0; k < m.s->nstatus_points; k++)
			if (m.s->status_points[k].week == w)
				act(&m, -1, NULL, NULL, "demander_point",
				    "point", m.s->status_points[k].id, NULL);
		careful_week(&m);
		sloppy_week(&m);
		policy_week(m.g, FILLER, POLICY_FORM_FILLER, &pm);
		play_moves(&m, &pm, NULL);
		act(&m, -1, NULL, NULL, "cloturer_semaine", NULL);
	}
	assert_int_equal(m.g->phase, PHASE_LAUNCHED);
	for (i = 0; i < NTEAMS; i++) {
		const struct team_result *r = &m.g->teams[i].result;

		print_message("%-12s E3 %3d :", team_names[i], r->e3_score);
		for (c = 0; c < E3_CRITERION_COUNT; c++)
			print_message(" %s %d%s", scenario_e3_keys[c], r->e3[c],
			    r->e3_assessed[c] ? "" : "(nd)");
		print_message("\n");
	}
	for (c = 0; c < E3_CRITERION_COUNT; c++) {
		const struct team_result *r = &m.g->teams[CAREFUL].result;

		if (game_e3_level(r, c) != E3_LEVEL_ACQUIRED)
			fail_msg("équipe soignée, %s : %d (%s)",
			    scenario_e3_keys[c], r->e3[c], comment(r, c));
		for (i = SLOPPY; i < NTEAMS; i++) {
			r = &m.g->teams[i].result;
			if (game_e3_level(r, c) == E3_LEVEL_ACQUIRED)
				fail_msg("équipe %s, %s : %d, « acquis » (%s)",
				    team_names[i], scenario_e3_keys[c], r->e3[c],
				    comment(r, c));
		}
	}
	assert_true(m.g->teams[CAREFUL].result.e3_score >= 80);
	assert_true(m.g->teams[FILLER].result.e3_score <= 50);
	assert_true(m.g->teams[SLOPPY].result.e3_score <= 50);
	game_free(m.g);
	scenario_free(m.s);
}

/*
 * The four simulate players on every shipped scenario, as `pilote
 * simulate` plays them (the trainer asks the planned points at their
 * week): the cautious player « acquis » on most criteria, the form-filler
 * below it on each, the passive one failing.
 */
static void
policies_rank_on_every_shipped_scenario(void **state)
{
	static const char *const paths[] = {
		"scenarios/acquisition-mutuelle.cfg", HYDRA,
		"scenarios/refonte-rgaa.cfg"
	};
	enum { RUNS = 6 };
	struct diag		 d;
	struct match		 m;
	struct game_setup	 setup;
	struct policy_moves	 pm;
	long			 sum[POLICY_COUNT][E3_CRITERION_COUNT];
	int			 n[POLICY_COUNT][E3_CRITERION_COUNT];
	long			 e3[POLICY_COUNT];
	size_t			 f;
	int			 run, i, w, k, c, acquired;

	(void)state;
	for (f = 0; f < sizeof paths / sizeof paths[0]; f++) {
		memset(sum, 0, sizeof sum);
		memset(n, 0, sizeof n);
		memset(e3, 0, sizeof e3);
		diag_init(&d);
		memset(&m, 0, sizeof m);
		assert_int_equal(scenario_load(paths[f], &m.s, &d),
		    SCENARIO_LOAD_OK);
		diag_release(&d);
		for (run = 0; run < RUNS; run++) {
			memset(&setup, 0, sizeof setup);
			setup.seed = 100 + (uint64_t)run;
			setup.nteams = POLICY_COUNT;
			for (i = 0; i < POLICY_COUNT; i++) {
				setup.teams[i].name = policy_names[i];
				setup.teams[i].ncandidates = 1;
				setup.teams[i].candidates[0].name = "Joueur";
			}
			m.g = game_new(m.s, &setup);
			m.clock = INT64_C(1800000000000);
			for (i = 0; i < POLICY_COUNT; i++) {
				policy_frame(m.g, i, (enum policy_kind)i, &pm);
				play_moves_lenient(&m, &pm);
			}
			act(&m, -1, NULL, NULL, "ouvrir_pilotage", NULL);
			for (w = 1; w <= m.s->weeks &&
			    m.g->phase == PHASE_PILOTING; w++) {
				for (k = 0; k < m.s->nstatus_points; k++)
					if (m.s->status_points[k].week == w)
						act(&m, -1, NULL, NULL,
						    "demander_point", "point",
						    m.s->status_points[k].id, NULL);
				for (i = 0; i < POLICY_COUNT; i++) {
					policy_week(m.g, i, (enum policy_kind)i,
					    &pm);
					play_moves_lenient(&m, &pm);
				}
				act(&m, -1, NULL, NULL, "cloturer_semaine", NULL);
			}
			for (i = 0; i < POLICY_COUNT; i++) {
				const struct team_result *r =
				    &m.g->teams[i].result;

				e3[i] += r->e3_score;
				for (c = 0; c < E3_CRITERION_COUNT; c++)
					if (r->e3_assessed[c]) {
						sum[i][c] += r->e3[c];
						n[i][c]++;
					}
			}
			game_free(m.g);
		}
		print_message("%s :", paths[f]);
		for (i = 0; i < POLICY_COUNT; i++)
			print_message(" %s E3 %ld", policy_names[i],
			    e3[i] / RUNS);
		print_message("\n");
		for (c = acquired = 0; c < E3_CRITERION_COUNT; c++) {
			long cautious = n[POLICY_CAUTIOUS][c] ?
			    sum[POLICY_CAUTIOUS][c] / n[POLICY_CAUTIOUS][c] : -1;
			long filler = n[POLICY_FORM_FILLER][c] ?
			    sum[POLICY_FORM_FILLER][c] / n[POLICY_FORM_FILLER][c] :
			    -1;

			acquired += cautious >= 70;
			if (cautious >= 0 && filler >= 0 && filler >= cautious)
				fail_msg("%s, %s : form-filler %ld, cautious %ld",
				    paths[f], scenario_e3_keys[c], filler,
				    cautious);
		}
		if (acquired < 6)
			fail_msg("%s : cautious « acquis » sur %d critère(s) "
			    "seulement", paths[f], acquired);
		assert_true(e3[POLICY_CAUTIOUS] / RUNS >= 80);
		assert_true(e3[POLICY_FORM_FILLER] / RUNS <= 50);
		assert_true(e3[POLICY_PASSIVE] / RUNS < 20);
		scenario_free(m.s);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(e3_ranks_careful_above_sloppy_and_form_filler),
		cmocka_unit_test(policies_rank_on_every_shipped_scenario),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
