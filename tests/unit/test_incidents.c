/*
 * Unit tests for core/incidents.c: each kind of effect (through an option,
 * through the default when the response deadline passes, and through the
 * default when the week closes), drawn targets, follow-ups, triggers and
 * their conditions (on the team that chose and built what they test, read
 * at the start of a week, and what check refuses), and the trainer's pause
 * shifting deadlines.  Numbers come from tests/fixtures/rules.cfg (summed
 * up in test_rules.c); every incident there answers within 10 minutes.
 * The shipped scenarios/lancement-hydra.cfg is played for the triggers the
 * issue found wrong there.
 */
#include "unit/cmocka_prelude.h"
#include "unit/play.h"

/*
 * Site in-house (Ana and Bob, Bob accommodated), video at the studio: one
 * open internal package and one open external one, so that drawn targets
 * are: any package {site, video}, external {video}, internal {site},
 * people {Ana, Bob}, supplier {studio}.
 */
static void
incident_plan(struct play *p, const char *team)
{
	TEAM(p, team, "attribuer", "lot=site", "interne=ana,bob");
	TEAM(p, team, "amenager", "membre=bob", "besoin=1");
	TEAM_WHY(p, team, "sous-titres", "attribuer", "lot=video",
	    "prestataire=studio");
}

/* Whether one of the planning alerts contains needle. */
static bool
play_issue(const struct plan_issues *pi, const char *needle)
{
	int	 i;

	for (i = 0; i < pi->count; i++)
		if (strstr(pi->items[i], needle) != NULL)
			return true;
	for (i = 0; i < pi->count; i++)
		print_message("alerte : %s\n", pi->items[i]);
	return false;
}

/* How many of the team's explanations contain needle. */
static int
play_count_explained(const struct team *t, const char *needle)
{
	int	 i, n = 0;

	for (i = 0; i < t->nexplanations; i++)
		n += strstr(later_text(t->explanations[i].say), needle) != NULL;
	return n;
}

/* --- effects --- */

static void
cout_goes_to_its_line_or_the_package_line_or_the_unplanned_line(void **state)
{
	struct play	 p;
	struct team	*t;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	t = play_team(&p, "Alpha");
	incident_plan(&p, "Alpha");
	TRAINER(&p, "ouvrir_pilotage");
	/* ligne = "media": 1 000 € on the media line. */
	TRAINER(&p, "injecter", "incident=panne");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=1", "option=payer");
	assert_int_equal(t->lines[L_MEDIA].actual, EUROS(1000));
	play_assert_explained(t, "« Panne du serveur de recette » : Alice a "
	    "choisi « Louer un serveur » → dépense de 1" NBSP "000" NBSP
	    "€ sur « Médias ».");
	/* lot = "site": 500 € on the site's line, production. */
	TRAINER(&p, "injecter", "incident=panne");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=2", "option=reparer");
	assert_int_equal(t->lines[L_PROD].actual, EUROS(500));
	/* Default, no line nor package: 2 000 € on the scenario's line for
	 * unplanned costs (ligne_imprevus), never the staff's, once the 10
	 * minutes are over (any event then applies it). */
	TRAINER(&p, "injecter", "incident=panne");
	p.time = T0 + 10 * MINUTE;
	TRAINER(&p, "message", "texte=Où en êtes-vous ?");
	assert_int_equal(t->occurrences[2].status, OCC_DEFAULTED);
	assert_int_equal(t->lines[L_IMPREVUS].actual, EUROS(2000));
	assert_int_equal(t->lines[L_IMPREVUS].unplanned, EUROS(2000));
	play_assert_explained(t, "« Panne du serveur de recette » : personne "
	    "n'a répondu à temps, la conséquence par défaut s'applique → "
	    "dépense de 2" NBSP "000" NBSP "€ sur « Imprévus ».");
	play_end(&p);
}

static void
enveloppe_changes_the_client_budget_and_the_reserve_ceiling(void **state)
{
	struct play	 p;
	struct team	*t;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	t = play_team(&p, "Alpha");
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "injecter", "incident=coupe");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=1", "option=negocier");
	assert_int_equal(t->envelope, EUROS(19000));
	play_assert_explained(t, "enveloppe réduite de 1" NBSP "000" NBSP "€");
	/* Unanswered at the end of the week: -3 000 €. */
	TRAINER(&p, "injecter", "incident=coupe");
	TRAINER(&p, "cloturer_semaine");
	assert_int_equal(t->envelope, EUROS(16000));
	/* The reserve is at most 20 % of what is left: 3 200 €. */
	REFUSED(&p, "montant=3201 hors limites (de 0 à 3" NBSP "200)",
	    "reserve", "montant=3201");
	ALPHA(&p, "reserve", "montant=3200");
	play_end(&p);
}

static void
retard_blocks_internal_work_and_pushes_supplier_delivery(void **state)
{
	struct play	 p;
	struct team	*t;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	t = play_team(&p, "Alpha");
	incident_plan(&p, "Alpha");
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "injecter", "incident=retard");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=1", "option=site");
	TRAINER(&p, "injecter", "incident=retard");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=2", "option=video");
	assert_int_equal(t->packages[SITE].delay, 1);
	assert_int_equal(t->packages[VIDEO].delay, 1);
	play_assert_explained(t, "« Site web » retardé de 1 semaine(s)");
	TRAINER(&p, "cloturer_semaine");
	/* The site stood still for a week: nothing done, nobody paid. */
	assert_int_equal(t->packages[SITE].status, PKG_IN_PROGRESS);
	assert_int_equal(t->packages[SITE].done_cdays, 0);
	assert_int_equal(t->packages[SITE].delay, 0);
	assert_int_equal(t->lines[L_INTERNE].actual, 0);
	play_assert_explained(t, "« Site web » est resté bloqué cette semaine "
	    "(retard dû à un incident)");
	/* The video, not ordered yet, is due a week later than its 2-week
	 * lead: ordered in week 1, due 1 + 2 - 1 + 1 = 3. */
	assert_int_equal(t->packages[VIDEO].ordered, 1);
	assert_int_equal(t->packages[VIDEO].due, 3);
	assert_int_equal(t->packages[VIDEO].delay, 0);
	/* Once ordered, a delay moves the due week itself. */
	TRAINER(&p, "injecter", "incident=retard");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=3", "option=video");
	assert_int_equal(t->packages[VIDEO].due, 4);
	TRAINER(&p, "cloturer_semaine");
	/* Week 2: the site works again: Ana 5 + Bob 4 days. */
	assert_int_equal(t->packages[SITE].done_cdays, 900);
	play_end(&p);
}

/*
 * The team is told the moment its forecast goes over the envelope, by the
 * event that did it, not at the end: an explanation, the planning alert,
 * the dashboard's overrun; and again when it comes back within.
 */
static void
an_overrun_is_told_when_it_happens(void **state)
{
	struct play			 p;
	struct team			*t;
	struct plan_issues		 pi;
	const struct explanation	*x;
	int64_t				 seq;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	t = play_team(&p, "Alpha");
	incident_plan(&p, "Alpha");
	TRAINER(&p, "ouvrir_pilotage");
	/* Site 20 days × 300 € = 6 000, Bob's need 300, the studio 3 000,
	 * media's fixed 5 000: 14 300 € for 20 000 €. */
	assert_int_equal(play_ledger(&p, t).total.forecast, EUROS(14300));
	assert_int_equal(play_ledger(&p, t).overrun, 0);
	TRAINER(&p, "injecter", "titre=Panne", "texte=Tout casse",
	    "option1=Payer : cout=6000", "option2=Attendre : moral=-5",
	    "defaut=Subir : moral=-10");
	seq = ALPHA_WHY(&p, "il faut réparer", "repondre", "incident=1",
	    "option=1");
	assert_int_equal(play_ledger(&p, t).overrun, EUROS(300));
	assert_true(t->over_envelope);
	x = play_explanation(t, "alerte budget : la prévision (20" NBSP "300"
	    NBSP "€) dépasse l'enveloppe (20" NBSP "000" NBSP "€) de 300" NBSP
	    "€");
	assert_non_null(x);
	if (x != NULL) {
		assert_int_equal(x->week, 1);
		assert_int_equal(x->seqs[0], seq);
	}
	game_plan_issues(p.g, t, &pi);
	assert_true(play_issue(&pi, "budget : la prévision (20" NBSP "300"
	    NBSP "€) dépasse l'enveloppe (20" NBSP "000" NBSP "€) de 300"
	    NBSP "€"));
	game_plan_issues_release(&pi);
	/* Told once: another event changes nothing. */
	TRAINER(&p, "message", "texte=Attention au budget");
	assert_int_equal(play_count_explained(t, "alerte budget"), 1);
	/* A saving brings it back within: said too. */
	TRAINER(&p, "injecter", "titre=Geste", "texte=Un fournisseur rembourse",
	    "option1=Accepter : cout=-1000, ligne=imprevus",
	    "option2=Refuser : moral=-1", "defaut=Oublier : moral=-2");
	ALPHA_WHY(&p, "bonne affaire", "repondre", "incident=2", "option=1");
	assert_false(t->over_envelope);
	play_assert_explained(t, "budget : la prévision (19" NBSP "300" NBSP
	    "€) revient dans l'enveloppe (20" NBSP "000" NBSP "€)");
	play_end(&p);
}

static void
charge_adds_work_in_house_or_weeks_at_a_supplier(void **state)
{
	struct play	 p;
	struct team	*t;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	t = play_team(&p, "Alpha");
	incident_plan(&p, "Alpha");
	/* Site by Ana and Bob: 20 days × 300 € = 6 000 €. */
	assert_int_equal(FORECAST(&p, t, L_INTERNE), EUROS(6000));
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "injecter", "incident=perimetre");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=1", "option=interne");
	/* +5 days: 25 × 300 = 7 500 €. */
	assert_int_equal(t->packages[SITE].extra_workload, 5);
	assert_int_equal(FORECAST(&p, t, L_INTERNE), EUROS(7500));
	play_assert_explained(t, "charge de « Site web » +5 jours-personne");
	/* +6 days at the studio: (6 + 4) / 5 = 2 more weeks. */
	TRAINER(&p, "injecter", "incident=perimetre");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=2", "option=externe");
	assert_int_equal(t->packages[VIDEO].delay, 2);
	assert_int_equal(t->packages[VIDEO].extra_workload, 0);
	play_assert_explained(t, "périmètre de « Vidéo » modifié (+6 "
	    "jours-personne, 2 semaine(s) chez le prestataire)");
	/* Default at the week's end: +10 days on the only internal package,
	 * before the week's work: 35 days.  The week paid Ana 5 days × 400
	 * and Bob 4 × 200 = 2 800 €; 26 days are left at the 300 € average,
	 * 7 800 €: forecast 10 600 €. */
	TRAINER(&p, "injecter", "incident=perimetre");
	TRAINER(&p, "cloturer_semaine");
	assert_int_equal(t->occurrences[2].target_internal, SITE);
	assert_int_equal(t->packages[SITE].extra_workload, 15);
	assert_int_equal(t->lines[L_INTERNE].actual, EUROS(2800));
	assert_int_equal(play_line(&p, t, L_INTERNE).planned, EUROS(7800));
	assert_int_equal(FORECAST(&p, t, L_INTERNE), EUROS(10600));
	/* Ordered in week 1: due 1 + 2 - 1 + 2 = 4. */
	assert_int_equal(t->packages[VIDEO].due, 4);
	/* Ordered already: the due week moves by the 2 weeks. */
	TRAINER(&p, "injecter", "incident=perimetre");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=4", "option=externe");
	assert_int_equal(t->packages[VIDEO].due, 6);
	play_end(&p);
}

static void
qualite_hits_a_package_or_the_whole_project(void **state)
{
	struct play	 p;
	struct team	*a, *b, *c;

	(void)state;
	play_start(&p, play_rules(), 1, 3);
	a = play_team(&p, "Alpha");
	b = play_team(&p, "Beta");
	c = play_team(&p, "Gamma");
	play_standard_plan(&p, "Alpha");
	play_standard_plan(&p, "Beta");
	play_standard_plan(&p, "Gamma");
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "injecter", "incident=audit");
	/* Alpha: the site -10; Beta: the project -5; Gamma: no answer in
	 * 10 minutes, the project -20. */
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=1", "option=lot");
	TEAM_WHY(&p, "Beta", PLAY_WHY, "repondre", "incident=1", "option=projet");
	p.time = T0 + 10 * MINUTE;
	TRAINER(&p, "message", "texte=Temps écoulé");
	assert_int_equal(a->packages[SITE].quality_delta, -10);
	assert_int_equal(b->quality_effect, -5);
	assert_int_equal(c->quality_effect, -20);
	TRAINER(&p, "cloturer_semaine");
	TRAINER(&p, "cloturer_semaine");
	/* Delivered: video 60 + 5 (acceptance criteria) = 65, contenu 70,
	 * site 75 + 5 = 80, media 70, less each team's effects. */
	assert_int_equal(a->packages[VIDEO].quality, 65);
	assert_int_equal(a->packages[CONTENU].quality, 70);
	assert_int_equal(a->packages[SITE].quality, 70);
	assert_int_equal(a->packages[MEDIA].quality, 70);
	assert_int_equal(b->packages[VIDEO].quality, 60);
	assert_int_equal(b->packages[CONTENU].quality, 65);
	assert_int_equal(b->packages[SITE].quality, 75);
	assert_int_equal(b->packages[MEDIA].quality, 65);
	assert_int_equal(c->packages[VIDEO].quality, 45);
	assert_int_equal(c->packages[CONTENU].quality, 50);
	assert_int_equal(c->packages[SITE].quality, 60);
	assert_int_equal(c->packages[MEDIA].quality, 50);
	/* Week 3, everything delivered: the same incident still counts. */
	p.time = T0 + 20 * MINUTE;
	TRAINER(&p, "injecter", "incident=audit");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=2", "option=lot");
	TEAM_WHY(&p, "Beta", PLAY_WHY, "repondre", "incident=2", "option=projet");
	TRAINER(&p, "cloturer_semaine");
	assert_int_equal(a->packages[SITE].quality, 60);
	assert_int_equal(a->packages[VIDEO].quality, 65);
	assert_int_equal(b->packages[VIDEO].quality, 55);
	assert_int_equal(b->packages[SITE].quality, 70);
	assert_int_equal(c->packages[VIDEO].quality, 25);
	assert_int_equal(c->packages[SITE].quality, 40);
	play_end(&p);
}

static void
moral_hits_a_person_or_the_team(void **state)
{
	struct play	 p;
	struct team	*t;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	t = play_team(&p, "Alpha");
	ALPHA(&p, "amenager", "membre=bob", "besoin=1");
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "injecter", "incident=climat");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=1", "option=membre");
	assert_int_equal(t->staff[ANA].morale, 70);
	assert_int_equal(t->staff[BOB].morale, 50);
	play_assert_explained(t, "moral de Bob Martin -20");
	TRAINER(&p, "injecter", "incident=climat");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=2", "option=equipe");
	assert_int_equal(t->staff[ANA].morale, 60);
	assert_int_equal(t->staff[BOB].morale, 40);
	play_assert_explained(t, "moral de l'équipe -10");
	/* Default at the week's end: -30, floored at 0. */
	TRAINER(&p, "injecter", "incident=climat");
	TRAINER(&p, "cloturer_semaine");
	assert_int_equal(t->staff[ANA].morale, 30);
	assert_int_equal(t->staff[BOB].morale, 10);
	TRAINER(&p, "injecter", "incident=climat");
	TRAINER(&p, "cloturer_semaine");
	assert_int_equal(t->staff[ANA].morale, 0);
	assert_int_equal(t->staff[BOB].morale, 0);
	play_end(&p);
}

static void
kpi_hits_one_objective_or_all(void **state)
{
	struct play	 p;
	struct team	*t;
	char		*dump;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	t = play_team(&p, "Alpha");
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "injecter", "incident=buzz");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=1", "option=un");
	assert_int_equal(t->kpi_effect[VISITES], 0);
	assert_int_equal(t->kpi_effect[LEADS], -10);
	play_assert_explained(t, "objectif « Leads » -10 %");
	TRAINER(&p, "injecter", "incident=buzz");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=2", "option=tous");
	assert_int_equal(t->kpi_effect[VISITES], -5);
	assert_int_equal(t->kpi_effect[LEADS], -15);
	play_assert_explained(t, "tous les objectifs -5 %");
	TRAINER(&p, "injecter", "incident=buzz");
	p.time = T0 + 10 * MINUTE;
	TRAINER(&p, "message", "texte=Trop tard");
	assert_int_equal(t->kpi_effect[VISITES], -25);
	assert_int_equal(t->kpi_effect[LEADS], -35);
	dump = game_dump(p.g);
	assert_non_null(strstr(dump, " kpi visites -25\n kpi leads -35\n"));
	free(dump);
	play_end(&p);
}

static void
jours_perdus_take_days_off_the_coming_weeks(void **state)
{
	struct play	 p;
	struct team	*a, *b, *c;

	(void)state;
	/* Seed 1: the default's person is the second of {Ana, Bob}. */
	assert_int_equal(rng_below(1, 1, RNG_TARGET, INC_ARRET * 8 + 3, 2), 1);
	play_start(&p, play_rules(), 1, 3);
	a = play_team(&p, "Alpha");
	b = play_team(&p, "Beta");
	c = play_team(&p, "Gamma");
	incident_plan(&p, "Alpha");
	incident_plan(&p, "Beta");
	incident_plan(&p, "Gamma");
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "injecter", "incident=arret", "equipe=Alpha");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=1", "option=attendre");
	assert_int_equal(a->staff[ANA].days_lost, 3);
	play_assert_explained(a, "Ana Lopez absent(e) 3 jour(s)");
	TRAINER(&p, "injecter", "equipe=Beta", "titre=Accident",
	    "texte=Bob se casse le bras",
	    "option1=Arrêt long : membre=bob, jours_perdus=6",
	    "option2=Remplaçant : cout=2000", "defaut=Rien : cout=3000");
	TEAM_WHY(&p, "Beta", PLAY_WHY, "repondre", "incident=1", "option=1");
	/* Gamma leaves it: 5 days for the drawn person, Bob. */
	TRAINER(&p, "injecter", "incident=arret", "equipe=Gamma");
	TRAINER(&p, "cloturer_semaine");
	/* Alpha: Ana (5 - 3) × 100 + Bob 400 = 600. */
	assert_int_equal(a->packages[SITE].done_cdays, 600);
	assert_int_equal(a->staff[ANA].days_lost, 0);
	/* Beta: Bob loses his 4 days, 2 remain: Ana's 500 only. */
	assert_int_equal(b->packages[SITE].done_cdays, 500);
	assert_int_equal(b->staff[BOB].days_lost, 2);
	/* Gamma: Bob loses 4 of the 5 days, 1 remains. */
	assert_int_equal(c->occurrences[0].target_staff, BOB);
	assert_int_equal(c->packages[SITE].done_cdays, 500);
	assert_int_equal(c->staff[BOB].days_lost, 1);
	TRAINER(&p, "cloturer_semaine");
	/* Week 2: Beta's Bob (4 - 2) × 100, Gamma's (4 - 1) × 100. */
	assert_int_equal(b->packages[SITE].done_cdays, 1200);
	assert_int_equal(c->packages[SITE].done_cdays, 1300);
	assert_int_equal(b->staff[BOB].days_lost, 0);
	play_end(&p);
}

static void
fiabilite_moves_the_supplier_slip_chance(void **state)
{
	struct play	 p;
	struct team	*a, *b, *c;

	(void)state;
	/* Seed 10, week 2: the video's slip draw is 26.  Unframed studio:
	 * 40 % → slips; after "relancer" (+20 → 80 %): 20 % → on time. */
	assert_int_equal(rng_percent(10, 2, RNG_SLIP, VIDEO), 26);
	play_start(&p, play_rules(), 10, 3);
	a = play_team(&p, "Alpha");
	b = play_team(&p, "Beta");
	c = play_team(&p, "Gamma");
	ALPHA_WHY(&p, "sous-titres", "attribuer", "lot=video",
	    "prestataire=studio");
	TEAM_WHY(&p, "Beta", "sous-titres", "attribuer", "lot=video",
	    "prestataire=studio");
	TEAM_WHY(&p, "Gamma", "sous-titres", "attribuer", "lot=video",
	    "prestataire=studio");
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "injecter", "incident=fiabilite", "equipe=Alpha");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=1", "option=relancer");
	assert_int_equal(a->suppliers[STUDIO].reliability_delta, 20);
	/* 200 € aimed at the studio, without a line: the line of the
	 * package the team ordered from it (the video: production). */
	assert_int_equal(a->lines[L_PROD].actual, EUROS(200));
	assert_int_equal(a->lines[L_INTERNE].actual, 0);
	play_assert_explained(a, "fiabilité de Studio Lumen +20");
	/* Gamma: default, the drawn supplier is the only one working. */
	TRAINER(&p, "injecter", "incident=fiabilite", "equipe=Gamma");
	TRAINER(&p, "cloturer_semaine");
	assert_int_equal(c->occurrences[0].target_supplier, STUDIO);
	assert_int_equal(c->suppliers[STUDIO].reliability_delta, -30);
	TRAINER(&p, "cloturer_semaine");
	assert_int_equal(a->packages[VIDEO].finished, 2);
	assert_int_equal(b->packages[VIDEO].status, PKG_IN_PROGRESS);
	assert_int_equal(b->packages[VIDEO].due, 3);
	/* Gamma: 100 - 30 = 30 % reliable, 70 % chance of slipping. */
	play_assert_explained(c, "fiabilité 30 %, relation non cadrée, risque "
	    "de glissement 70 %, tirage de la semaine 2 : 26");
	play_end(&p);

	/* Seed 1, week 2: draw 47.  Unframed: 40 % → on time; "rien"
	 * (-10 → 50 %): 50 % → slips. */
	assert_int_equal(rng_percent(1, 2, RNG_SLIP, VIDEO), 47);
	play_start(&p, play_rules(), 1, 2);
	ALPHA_WHY(&p, "sous-titres", "attribuer", "lot=video",
	    "prestataire=studio");
	TEAM_WHY(&p, "Beta", "sous-titres", "attribuer", "lot=video",
	    "prestataire=studio");
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "injecter", "incident=fiabilite", "equipe=Alpha");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=1", "option=rien");
	TRAINER(&p, "cloturer_semaine");
	TRAINER(&p, "cloturer_semaine");
	assert_int_equal(play_team(&p, "Alpha")->packages[VIDEO].due, 3);
	assert_int_equal(play_team(&p, "Beta")->packages[VIDEO].finished, 2);
	play_end(&p);
}

static void
default_targets_are_drawn_once_among_open_packages(void **state)
{
	struct play	 p;
	struct team	*a, *b;

	(void)state;
	/* Week 1 draw for "retard"'s package among {site, video}: seed 1
	 * picks the second (the video), seed 4 the first (the site). */
	assert_int_equal(rng_below(1, 1, RNG_TARGET, INC_RETARD * 8, 2), 1);
	assert_int_equal(rng_below(4, 1, RNG_TARGET, INC_RETARD * 8, 2), 0);
	play_start(&p, play_rules(), 1, 2);
	a = play_team(&p, "Alpha");
	b = play_team(&p, "Beta");
	incident_plan(&p, "Alpha");
	incident_plan(&p, "Beta");
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "injecter", "incident=retard");
	/* Drawn when it fires, the same for both teams (same packages). */
	assert_int_equal(a->occurrences[0].target_package, VIDEO);
	assert_int_equal(b->occurrences[0].target_package, VIDEO);
	assert_int_equal(a->occurrences[0].target_internal, SITE);
	assert_int_equal(a->occurrences[0].target_external, VIDEO);
	assert_int_equal(a->occurrences[0].target_supplier, STUDIO);
	TRAINER(&p, "cloturer_semaine");
	/* Default: the video 2 weeks late: due 1 + 2 - 1 + 2 = 4. */
	assert_int_equal(a->packages[VIDEO].due, 4);
	assert_int_equal(a->packages[SITE].delay, 0);
	play_end(&p);

	play_start(&p, play_rules(), 4, 1);
	a = play_team(&p, "Alpha");
	incident_plan(&p, "Alpha");
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "injecter", "incident=retard");
	assert_int_equal(a->occurrences[0].target_package, SITE);
	TRAINER(&p, "cloturer_semaine");
	/* The site stays blocked for this week and the next one. */
	assert_int_equal(a->packages[SITE].done_cdays, 0);
	assert_int_equal(a->packages[SITE].delay, 1);
	TRAINER(&p, "cloturer_semaine");
	assert_int_equal(a->packages[SITE].done_cdays, 0);
	TRAINER(&p, "cloturer_semaine");
	assert_int_equal(a->packages[SITE].done_cdays, 900);
	play_end(&p);
}

static void
an_effect_without_target_says_so(void **state)
{
	struct play	 p;
	struct team	*t;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	t = play_team(&p, "Alpha");
	TRAINER(&p, "ouvrir_pilotage");
	/* No package is owned: "cible = lot" finds nothing to hit. */
	TRAINER(&p, "injecter", "incident=retard");
	assert_int_equal(t->occurrences[0].target_package, -1);
	TRAINER(&p, "cloturer_semaine");
	play_assert_explained(t, "personne n'a répondu à temps, la conséquence "
	    "par défaut s'applique → sans effet (rien à viser dans le projet "
	    "de l'équipe).");
	play_end(&p);
}

/* --- defaults --- */

static void
unanswered_incident_takes_its_default_once_the_deadline_passes(void **state)
{
	struct play	 p;
	struct team	*a, *b;
	int64_t		 seq;

	(void)state;
	play_start(&p, play_rules(), 1, 2);
	a = play_team(&p, "Alpha");
	b = play_team(&p, "Beta");
	TRAINER(&p, "ouvrir_pilotage");
	p.time = T0 + MINUTE;
	TRAINER(&p, "injecter", "incident=coupe");
	/* 10 minutes to answer: until T0 + 11 min, excluded. */
	assert_int_equal(b->occurrences[0].deadline, T0 + 11 * MINUTE);
	p.time = T0 + 11 * MINUTE - 1;
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=1", "option=negocier");
	assert_int_equal(a->envelope, EUROS(19000));
	p.time = T0 + 11 * MINUTE;
	play_refused(&p, "Beta", "Alice", NULL, "trop tard pour l'incident 1 "
	    ": le délai de réponse est passé, la conséquence par défaut "
	    "s'applique", "repondre", "incident=1", "option=negocier", NULL);
	assert_int_equal(b->occurrences[0].status, OCC_OPEN);
	/* The next event, whoever makes it, applies the default first. */
	seq = TEAM(&p, "Alpha", "outil", "outil=trello");
	assert_int_equal(b->occurrences[0].status, OCC_DEFAULTED);
	assert_int_equal(b->occurrences[0].closed_seq, seq);
	assert_int_equal(b->occurrences[0].option, -1);
	assert_null(b->occurrences[0].answered_by);
	assert_int_equal(b->envelope, EUROS(17000));
	play_assert_explained(b, "« Coupe budgétaire » : personne n'a répondu "
	    "à temps, la conséquence par défaut s'applique → enveloppe réduite "
	    "de 3" NBSP "000" NBSP "€.");
	/* Alpha's answered occurrence is untouched. */
	assert_int_equal(a->occurrences[0].status, OCC_ANSWERED);
	assert_string_equal(a->occurrences[0].answered_by, "Alice");
	assert_int_equal(a->envelope, EUROS(19000));
	play_refused(&p, "Beta", "Alice", NULL, "trop tard pour l'incident 1",
	    "repondre", "incident=1", "option=negocier", NULL);
	play_end(&p);
}

static void
open_incidents_take_their_default_when_the_week_closes(void **state)
{
	struct play	 p;
	struct team	*t;
	int64_t		 seq;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	t = play_team(&p, "Alpha");
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "injecter", "incident=coupe");
	p.time = T0 + MINUTE;
	seq = TRAINER(&p, "cloturer_semaine");
	assert_int_equal(t->occurrences[0].status, OCC_DEFAULTED);
	assert_int_equal(t->occurrences[0].closed_seq, seq);
	assert_int_equal(t->envelope, EUROS(17000));
	REFUSED(&p, "trop tard pour l'incident 1", "repondre", "incident=1",
	    "option=accepter");
	play_end(&p);
}

/* --- follow-ups --- */

static void
follow_ups_fire_at_the_start_of_the_next_week(void **state)
{
	struct play		 p;
	struct team		*t;
	int64_t			 seq;
	int			 i;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	t = play_team(&p, "Alpha");
	TRAINER(&p, "ouvrir_pilotage");
	/* "ignorer" has a follow-up, "traiter" none, the default one. */
	TRAINER(&p, "injecter", "incident=relance");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=1", "option=ignorer");
	TRAINER(&p, "injecter", "incident=relance");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=2", "option=traiter");
	TRAINER(&p, "injecter", "incident=relance");
	assert_int_equal(t->nfollow_ups, 1);
	assert_int_equal(t->noccurrences, 3);
	assert_false(t->fired[INC_ESCALADE]);
	p.time = T0 + 2 * MINUTE;
	seq = TRAINER(&p, "cloturer_semaine");
	/* Week 2 opens with two escalations: after "ignorer" and after the
	 * default of the third reminder. */
	assert_int_equal(t->noccurrences, 5);
	assert_int_equal(t->nfollow_ups, 0);
	assert_true(t->fired[INC_ESCALADE]);
	for (i = 3; i < 5; i++) {
		const struct occurrence *o = &t->occurrences[i];

		assert_int_equal(o->incident, INC_ESCALADE);
		assert_int_equal(o->week, 2);
		assert_int_equal(o->opened_seq, seq);
		assert_int_equal(o->opened_time, T0 + 2 * MINUTE);
		assert_int_equal(o->deadline, T0 + 12 * MINUTE);
		assert_string_equal(later_text(o->cause), "suite d'une décision "
		    "de la semaine 1");
	}
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=4", "option=geste");
	assert_int_equal(t->lines[L_IMPREVUS].actual, EUROS(100 + 300));
	play_end(&p);
}

/* --- triggers --- */

#define MANUAL_SIGNAL	"declencheur = { manuel = true; };\n"

static struct scenario *
signal_triggered(const char *trigger)
{
	char	 line[512];

	snprintf(line, sizeof line, "declencheur = { %s };\n", trigger);
	return play_rules_with(MANUAL_SIGNAL, line);
}

/* Weeks in which the signal fired for a team, as a bit set. */
static unsigned
signal_weeks(const struct team *t)
{
	unsigned	 weeks = 0;
	int		 i;

	for (i = 0; i < t->noccurrences; i++)
		if (t->occurrences[i].incident == INC_SIGNAL)
			weeks |= 1u << t->occurrences[i].week;
	return weeks;
}

static unsigned
play_signal(uint64_t seed, const char *trigger)
{
	struct play	 p;
	unsigned	 a, b;

	play_start(&p, signal_triggered(trigger), seed, 2);
	TRAINER(&p, "ouvrir_pilotage");
	while (p.g->phase == PHASE_PILOTING)
		TRAINER(&p, "cloturer_semaine");
	a = signal_weeks(play_team(&p, "Alpha"));
	b = signal_weeks(play_team(&p, "Beta"));
	/* Without conditions, every team meets the same draws. */
	assert_int_equal(a, b);
	play_end(&p);
	return a;
}

#define WEEK(n)	(1u << (n))

static void
week_trigger_fires_once_at_the_start_of_its_week(void **state)
{
	struct play	 p;
	struct team	*t;
	int64_t		 seq;

	(void)state;
	play_start(&p, signal_triggered("semaine = 2;"), 1, 1);
	t = play_team(&p, "Alpha");
	TRAINER(&p, "ouvrir_pilotage");
	assert_int_equal(t->noccurrences, 0);
	p.time = T0 + MINUTE;
	seq = TRAINER(&p, "cloturer_semaine");
	assert_int_equal(t->noccurrences, 1);
	assert_int_equal(t->occurrences[0].week, 2);
	assert_int_equal(t->occurrences[0].opened_seq, seq);
	assert_int_equal(t->occurrences[0].deadline, T0 + 11 * MINUTE);
	assert_string_equal(later_text(t->occurrences[0].cause),
	    "prévu en semaine 2");
	play_end(&p);
	assert_int_equal(play_signal(1, "semaine = 2;"), WEEK(2));
	/* Week 1 fires when the piloting opens. */
	assert_int_equal(play_signal(1, "semaine = 1;"), WEEK(1));
}

static void
random_trigger_uses_one_fair_draw_per_week(void **state)
{
	struct play	 p;

	(void)state;
	/* The signal is incident 12 (index 11); its draws by seed:
	 * seed 1: weeks 1-3: 91, 88, 14; seed 4: 11, 10, 66. */
	assert_int_equal(rng_percent(1, 1, RNG_INCIDENT, INC_SIGNAL), 91);
	assert_int_equal(rng_percent(1, 2, RNG_INCIDENT, INC_SIGNAL), 88);
	assert_int_equal(rng_percent(1, 3, RNG_INCIDENT, INC_SIGNAL), 14);
	assert_int_equal(rng_percent(4, 1, RNG_INCIDENT, INC_SIGNAL), 11);
	assert_int_equal(rng_percent(4, 2, RNG_INCIDENT, INC_SIGNAL), 10);
	assert_int_equal(rng_percent(4, 3, RNG_INCIDENT, INC_SIGNAL), 66);
	assert_int_equal(play_signal(1, "probabilite = 50; "
	    "semaines = [ 1, 2 ];"), 0);
	assert_int_equal(play_signal(1, "probabilite = 50; "
	    "semaines = [ 1, 3 ];"), WEEK(3));
	/* Once only, unless it repeats. */
	assert_int_equal(play_signal(4, "probabilite = 50; "
	    "semaines = [ 1, 3 ];"), WEEK(1));
	assert_int_equal(play_signal(4, "probabilite = 50; "
	    "semaines = [ 1, 3 ]; repete = true;"), WEEK(1) | WEEK(2));
	/* 11 < 12 fires, 11 < 11 does not. */
	assert_int_equal(play_signal(4, "probabilite = 12; "
	    "semaines = [ 1, 1 ];"), WEEK(1));
	assert_int_equal(play_signal(4, "probabilite = 11; "
	    "semaines = [ 1, 1 ];"), 0);
	/* The cause tells the draw; a condition is mentioned. */
	play_start(&p, signal_triggered("probabilite = 50; si = { outil_absent "
	    "= \"gestion_projet\"; };"), 4, 2);
	TEAM(&p, "Beta", "outil", "outil=trello");
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "cloturer_semaine");
	assert_int_equal(signal_weeks(play_team(&p, "Alpha")), WEEK(1));
	assert_string_equal(later_text(play_team(&p,
	    "Alpha")->occurrences[0].cause),
	    "tirage de la semaine 1 : 11 < 50 %, conditions réunies");
	assert_int_equal(signal_weeks(play_team(&p, "Beta")), 0);
	play_end(&p);
}

/* --- conditions: Alpha meets them, Beta does not --- */

static void
cond_begin(struct play *p, int week, const char *si)
{
	char	 trigger[256];

	snprintf(trigger, sizeof trigger, "semaine = %d; si = { %s };", week,
	    si);
	play_start(p, signal_triggered(trigger), 1, 2);
}

static void
cond_expect(struct play *p, int week)
{
	const struct team	*a = play_team(p, "Alpha");
	char			 cause[64];

	if (p->g->phase == PHASE_FRAMING)
		TRAINER(p, "ouvrir_pilotage");
	while (p->g->week < week)
		TRAINER(p, "cloturer_semaine");
	assert_int_equal(signal_weeks(a), WEEK(week));
	assert_int_equal(signal_weeks(play_team(p, "Beta")), 0);
	snprintf(cause, sizeof cause, "prévu en semaine %d, conditions "
	    "réunies", week);
	assert_string_equal(later_text(a->occurrences[a->noccurrences -
	    1].cause), cause);
	play_end(p);
}

static void
conditions_on_tools(void **state)
{
	struct play	 p;

	(void)state;
	cond_begin(&p, 1, "outil_absent = \"gestion_projet\";");
	ALPHA(&p, "outil", "outil=slack");
	TEAM(&p, "Beta", "outil", "outil=trello");
	cond_expect(&p, 1);
	cond_begin(&p, 1, "outil = \"slack\";");
	ALPHA(&p, "outil", "outil=slack");
	TEAM(&p, "Beta", "outil", "outil=trello");
	cond_expect(&p, 1);
}

static void
conditions_on_who_does_the_packages(void **state)
{
	struct play	 p;

	(void)state;
	cond_begin(&p, 1, "externe = \"site\";");
	ALPHA_WHY(&p, "RGAA", "attribuer", "lot=site", "prestataire=agence");
	TEAM(&p, "Beta", "attribuer", "lot=site", "interne=ana");
	cond_expect(&p, 1);
	cond_begin(&p, 1, "interne = \"site\";");
	ALPHA(&p, "attribuer", "lot=site", "interne=ana");
	TEAM_WHY(&p, "Beta", "RGAA", "attribuer", "lot=site",
	    "prestataire=agence");
	cond_expect(&p, 1);
	cond_begin(&p, 1, "prestataire = \"freelance\";");
	ALPHA_WHY(&p, "prix", "attribuer", "lot=site", "prestataire=freelance");
	TEAM_WHY(&p, "Beta", "RGAA", "attribuer", "lot=site",
	    "prestataire=agence");
	cond_expect(&p, 1);
}

static void
conditions_on_framing_and_needs(void **state)
{
	struct play	 p;

	(void)state;
	cond_begin(&p, 1, "sans_cadrage = true;");
	ALPHA_WHY(&p, "RGAA", "attribuer", "lot=site", "prestataire=agence");
	TEAM_WHY(&p, "Beta", "RGAA", "attribuer", "lot=site",
	    "prestataire=agence");
	TEAM(&p, "Beta", "cadrer", "prestataire=agence",
	    "reunions=hebdomadaire", "format=HTML", "recette=Audit",
	    "heures=2");
	cond_expect(&p, 1);
	cond_begin(&p, 1, "besoins_non_couverts = true;");
	TEAM(&p, "Beta", "amenager", "membre=bob", "besoin=1");
	cond_expect(&p, 1);
}

static void
conditions_on_morale_reserve_and_budget(void **state)
{
	struct play	 p;

	(void)state;
	/* Team morale: Alpha (60 + 60) / 2 = 60 < 70; Beta 70 is not. */
	cond_begin(&p, 2, "moral_sous = 70;");
	ALPHA(&p, "amenager", "membre=bob", "besoin=1");
	TEAM(&p, "Beta", "amenager", "membre=bob", "besoin=1");
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "injecter", "incident=climat", "equipe=Alpha");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=1", "option=equipe");
	cond_expect(&p, 2);
	/* Reserve left: 1 000 / 20 000 = 5 % < 10; 2 000 is 10 %, not. */
	cond_begin(&p, 1, "reserve_sous = 10;");
	ALPHA(&p, "reserve", "montant=1000");
	TEAM(&p, "Beta", "reserve", "montant=2000");
	cond_expect(&p, 1);
	/* Forecast 5 000 € (media's fixed cost) over a 4 000 € envelope. */
	cond_begin(&p, 2, "hors_budget = true;");
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "injecter", "equipe=Alpha", "titre=Coupe", "texte=…",
	    "option1=Accepter : enveloppe=-16000",
	    "option2=Refuser : enveloppe=-17000",
	    "defaut=Subir : enveloppe=-18000");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=1", "option=1");
	cond_expect(&p, 2);
}

static void
conditions_on_lateness_and_earlier_incidents(void **state)
{
	struct play	 p;

	(void)state;
	/* Contenu planned for week 1, nobody on it: late in week 2. */
	cond_begin(&p, 2, "retard = true;");
	ALPHA(&p, "planifier", "lot=contenu", "debut=S-3", "fin=S-3");
	cond_expect(&p, 2);
	cond_begin(&p, 2, "apres = \"panne\";");
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "injecter", "incident=panne", "equipe=Alpha");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=1", "option=payer");
	cond_expect(&p, 2);
}

static void
every_condition_must_hold(void **state)
{
	struct play	 p;

	(void)state;
	cond_begin(&p, 1, "outil = \"slack\"; besoins_non_couverts = true;");
	ALPHA(&p, "outil", "outil=slack");
	TEAM(&p, "Beta", "outil", "outil=slack");
	TEAM(&p, "Beta", "amenager", "membre=bob", "besoin=1");
	cond_expect(&p, 1);
}

/* --- conditions on what the team chose and built (issue 11) --- */

/* Alpha, Beta and Gamma decide; the signal fires in week for the teams
 * whose bit is in who (1 Alpha, 2 Beta, 4 Gamma), and for no other. */
static void
cond3_begin(struct play *p, const char *trigger)
{
	play_start(p, signal_triggered(trigger), 1, 3);
}

static void
cond3_expect(struct play *p, int week, unsigned who)
{
	static const char *const names[] = { "Alpha", "Beta", "Gamma" };
	int	 i;

	if (p->g->phase == PHASE_FRAMING)
		TRAINER(p, "ouvrir_pilotage");
	while (p->g->week < week)
		TRAINER(p, "cloturer_semaine");
	for (i = 0; i < 3; i++)
		if (signal_weeks(play_team(p, names[i])) !=
		    ((who & (1u << i)) ? WEEK(week) : 0))
			fail_msg("%s: signal in weeks %#x, expected %#x", names[i],
			    signal_weeks(play_team(p, names[i])),
			    (who & (1u << i)) ? WEEK(week) : 0);
	play_end(p);
}

#define ALPHA_ONLY	1u
#define BETA_ONLY	2u
#define GAMMA_ONLY	4u

/*
 * The venue case of the issue: the site made accessible in-house (Beta)
 * or at Agence Pixel's accessible offer (Gamma) is spared; the team that
 * booked Max Freelance's offer, which is not accessible, is hit (Alpha).
 */
static void
lot_inaccessible_hits_the_team_whose_choice_is_not_accessible(void **state)
{
	struct play	 p;

	(void)state;
	cond3_begin(&p, "semaine = 1; si = { lot_inaccessible = \"site\"; };");
	ALPHA_WHY(&p, "prix", "attribuer", "lot=site", "prestataire=freelance");
	TEAM(&p, "Beta", "attribuer", "lot=site", "interne=ana,bob",
	    "accessibilite=oui");
	TEAM_WHY(&p, "Gamma", "RGAA", "attribuer", "lot=site",
	    "prestataire=agence");
	cond3_expect(&p, 1, ALPHA_ONLY);
	/* In-house without the accessibility work is not accessible either;
	 * a package given to nobody is neither. */
	cond3_begin(&p, "semaine = 1; si = { lot_inaccessible = \"site\"; };");
	ALPHA(&p, "attribuer", "lot=site", "interne=ana,bob");
	TEAM(&p, "Beta", "attribuer", "lot=site", "interne=ana,bob",
	    "accessibilite=oui");
	cond3_expect(&p, 1, ALPHA_ONLY);
	cond3_begin(&p, "semaine = 1; si = { lot_accessible = \"site\"; };");
	ALPHA(&p, "attribuer", "lot=site", "interne=ana,bob",
	    "accessibilite=oui");
	TEAM_WHY(&p, "Beta", "prix", "attribuer", "lot=site",
	    "prestataire=freelance");
	cond3_expect(&p, 1, ALPHA_ONLY);
	/* « Outsourced to an offer that is not accessible ». */
	cond3_begin(&p, "semaine = 1; si = { externe = \"site\"; "
	    "lot_inaccessible = \"site\"; };");
	ALPHA_WHY(&p, "prix", "attribuer", "lot=site", "prestataire=freelance");
	TEAM(&p, "Beta", "attribuer", "lot=site", "interne=ana,bob");
	TEAM_WHY(&p, "Gamma", "RGAA", "attribuer", "lot=site",
	    "prestataire=agence");
	cond3_expect(&p, 1, ALPHA_ONLY);
}

/*
 * Conditions are read at the start of a week, on the weeks closed.  The
 * site at Agence Pixel (2 weeks, never late) is ordered in week 1 and
 * delivered at the end of week 2; at Max Freelance (3 weeks) in week 3 at
 * the earliest.
 */
static void
an_incident_on_a_live_package_waits_for_its_delivery(void **state)
{
	struct play	 p;
	struct team	*a, *b, *c;

	(void)state;
	/* Nobody's site is live before week 3; Alpha's is then. */
	cond3_begin(&p, "probabilite = 100; si = { lot_livre = \"site\"; };");
	ALPHA_WHY(&p, "RGAA", "attribuer", "lot=site", "prestataire=agence");
	TEAM_WHY(&p, "Beta", "prix", "attribuer", "lot=site",
	    "prestataire=freelance");
	a = play_team(&p, "Alpha");
	b = play_team(&p, "Beta");
	c = play_team(&p, "Gamma");
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "cloturer_semaine");
	assert_int_equal(signal_weeks(a) | signal_weeks(b), 0);
	TRAINER(&p, "cloturer_semaine");
	assert_int_equal(a->packages[SITE].finished, 2);
	assert_int_equal(signal_weeks(a), WEEK(3));
	assert_true(b->packages[SITE].status != PKG_DONE);
	assert_int_equal(signal_weeks(b), 0);
	/* Beta's fires the week after its delivery, Gamma's never. */
	while (p.g->phase == PHASE_PILOTING)
		TRAINER(&p, "cloturer_semaine");
	if (b->packages[SITE].finished > 0 &&
	    b->packages[SITE].finished < 4)
		assert_int_equal(signal_weeks(b),
		    WEEK(b->packages[SITE].finished + 1));
	else
		assert_int_equal(signal_weeks(b), 0);
	assert_int_equal(signal_weeks(c), 0);
	play_end(&p);
	/* Until it is delivered, lot_non_livre holds. */
	cond3_begin(&p, "semaine = 3; si = { lot_non_livre = \"site\"; };");
	TEAM_WHY(&p, "Beta", "RGAA", "attribuer", "lot=site",
	    "prestataire=agence");
	cond3_expect(&p, 3, ALPHA_ONLY | GAMMA_ONLY);
}

static void
lot_demarre_counts_from_the_week_after_work_began(void **state)
{
	struct play	 p;

	(void)state;
	/* The site ordered from Agence Pixel in week 1 counts as begun from
	 * week 2 (in week 1, check refuses it: see below). */
	cond3_begin(&p, "semaine = 2; si = { lot_demarre = \"site\"; };");
	ALPHA_WHY(&p, "RGAA", "attribuer", "lot=site", "prestataire=agence");
	TEAM(&p, "Beta", "attribuer", "lot=site", "interne=ana,bob");
	/* Gamma plans it for week 3: not begun in week 2. */
	TEAM(&p, "Gamma", "attribuer", "lot=site", "interne=ana,bob");
	TEAM(&p, "Gamma", "planifier", "lot=site", "debut=S-1", "fin=S-0");
	cond3_expect(&p, 2, ALPHA_ONLY | BETA_ONLY);
	/* Media waits for contenu and the video (week 1 each for Alpha): it
	 * begins in week 2, which lot_demarre sees in week 3. */
	cond3_begin(&p, "semaine = 3; si = { lot_demarre = \"media\"; };");
	ALPHA(&p, "attribuer", "lot=contenu", "interne=ana");
	ALPHA_WHY(&p, "délai", "attribuer", "lot=video", "prestataire=agence");
	ALPHA(&p, "attribuer", "lot=media", "interne=ana");
	TEAM(&p, "Beta", "attribuer", "lot=contenu", "interne=ana");
	TEAM(&p, "Beta", "attribuer", "lot=media", "interne=ana");
	cond3_expect(&p, 3, ALPHA_ONLY);
}

static void
conditions_on_who_the_package_is_entrusted_to(void **state)
{
	struct play	 p;

	(void)state;
	/* A person on the package, not only « in-house ». */
	cond3_begin(&p, "semaine = 1; si = { confie = { lot = \"site\"; "
	    "membre = \"bob\"; }; };");
	ALPHA(&p, "attribuer", "lot=site", "interne=ana,bob");
	TEAM(&p, "Beta", "attribuer", "lot=site", "interne=ana");
	TEAM_WHY(&p, "Gamma", "RGAA", "attribuer", "lot=site",
	    "prestataire=agence");
	cond3_expect(&p, 1, ALPHA_ONLY);
	/* That offer, not only « this supplier has a package »: Beta gives
	 * Agence Pixel the video, not the site. */
	cond3_begin(&p, "semaine = 1; si = { confie = { lot = \"site\"; "
	    "prestataire = \"agence\"; }; };");
	ALPHA_WHY(&p, "RGAA", "attribuer", "lot=site", "prestataire=agence");
	TEAM_WHY(&p, "Beta", "prix", "attribuer", "lot=site",
	    "prestataire=freelance");
	TEAM_WHY(&p, "Beta", "prix", "attribuer", "lot=video",
	    "prestataire=agence");
	cond3_expect(&p, 1, ALPHA_ONLY);
	/* The supplier of that package is not framed; Beta framed Agence
	 * Pixel, and its unframed studio does not count. */
	cond3_begin(&p, "semaine = 1; si = { externe_sans_cadrage = "
	    "\"site\"; };");
	ALPHA_WHY(&p, "RGAA", "attribuer", "lot=site", "prestataire=agence");
	TEAM_WHY(&p, "Beta", "RGAA", "attribuer", "lot=site",
	    "prestataire=agence");
	TEAM(&p, "Beta", "cadrer", "prestataire=agence",
	    "reunions=hebdomadaire", "format=HTML", "recette=Audit",
	    "heures=2");
	TEAM_WHY(&p, "Beta", "sous-titres", "attribuer", "lot=video",
	    "prestataire=studio");
	cond3_expect(&p, 1, ALPHA_ONLY);
}

static void
conditions_on_work_in_progress(void **state)
{
	struct play	 p;

	(void)state;
	/* Nothing is in progress when piloting opens (check refuses week 1).
	 * In week 2: Alpha's site in-house (20 days), Beta's at the agency. */
	cond3_begin(&p, "semaine = 2; si = { interne_en_cours = true; };");
	ALPHA(&p, "attribuer", "lot=site", "interne=ana,bob");
	TEAM_WHY(&p, "Beta", "RGAA", "attribuer", "lot=site",
	    "prestataire=agence");
	cond3_expect(&p, 2, ALPHA_ONLY);
	cond3_begin(&p, "semaine = 2; si = { externe_en_cours = true; };");
	ALPHA_WHY(&p, "RGAA", "attribuer", "lot=site", "prestataire=agence");
	TEAM(&p, "Beta", "attribuer", "lot=site", "interne=ana,bob");
	cond3_expect(&p, 2, ALPHA_ONLY);
	/* Contenu (4 days) is done by Ana in week 1: not in progress after. */
	cond3_begin(&p, "semaine = 2; si = { interne_en_cours = true; };");
	ALPHA(&p, "attribuer", "lot=contenu", "interne=ana");
	cond3_expect(&p, 2, 0);
}

/* rules.cfg where Ana needs captions too, with the signal's trigger. */
static struct scenario *
two_needs_triggered(const char *trigger)
{
	struct diag	 d;
	struct scenario	*s = NULL;
	char		*text = play_read(RULES), *out, *at, line[512];
	const char	*ana = "cout_jour = 400; disponibilite = 5; moral = 70; },";
	const char	*need = "cout_jour = 400; disponibilite = 5; moral = 70; "
			    "besoins = ( { besoin = \"Malentendante\"; "
			    "amenagement = \"sous_titrage\"; detail = \"Visios "
			    "sous-titrées\"; } ); },";
	size_t		 n;

	snprintf(line, sizeof line, "declencheur = { %s };\n", trigger);
	n = strlen(text) + strlen(need) + strlen(line) + 1;
	out = malloc(n);
	assert_non_null(out);
	at = strstr(text, ana);
	assert_non_null(at);
	snprintf(out, n, "%.*s%s%s", (int)(at - text), text, need,
	    at + strlen(ana));
	free(text);
	text = out;
	out = malloc(n);
	assert_non_null(out);
	at = strstr(text, MANUAL_SIGNAL);
	assert_non_null(at);
	snprintf(out, n, "%.*s%s%s", (int)(at - text), text, line,
	    at + strlen(MANUAL_SIGNAL));
	diag_init(&d);
	assert_int_equal(scenario_load_text(RULES, out, strlen(out), &s, &d),
	    SCENARIO_LOAD_OK);
	assert_int_equal(d.count, 0);
	diag_release(&d);
	free(text);
	free(out);
	return s;
}

/*
 * « Deux membres exclus » blamed Lucie while her captions were in place:
 * an incident about Ana's captions fires where Ana's need is unmet, not
 * where only Bob's is.
 */
static void
conditions_on_the_needs_of_one_person(void **state)
{
	struct play	 p;

	(void)state;
	play_start(&p, two_needs_triggered("semaine = 1; si = { "
	    "membre_non_amenage = \"ana\"; };"), 1, 3);
	ALPHA(&p, "amenager", "membre=bob", "besoin=1");
	TEAM(&p, "Beta", "amenager", "membre=ana", "besoin=1");
	TEAM(&p, "Gamma", "amenager", "membre=ana", "besoin=1");
	TEAM(&p, "Gamma", "amenager", "membre=bob", "besoin=1");
	cond3_expect(&p, 1, ALPHA_ONLY);
	/* By kind: anyone's captions, or Bob's captions (he needs none). */
	play_start(&p, two_needs_triggered("semaine = 1; si = { "
	    "amenagement_absent = \"sous_titrage\"; };"), 1, 3);
	TEAM(&p, "Beta", "amenager", "membre=ana", "besoin=1");
	TEAM(&p, "Gamma", "amenager", "membre=ana", "besoin=1");
	cond3_expect(&p, 1, ALPHA_ONLY);
	play_start(&p, two_needs_triggered("semaine = 1; si = { "
	    "membre_non_amenage = \"bob\"; amenagement_absent = "
	    "\"materiel_adapte\"; };"), 1, 3);
	ALPHA(&p, "amenager", "membre=ana", "besoin=1");
	TEAM(&p, "Beta", "amenager", "membre=bob", "besoin=1");
	cond3_expect(&p, 1, ALPHA_ONLY | GAMMA_ONLY);
}

/* The checker's side: what can never hold, at its line. */
static int
check_count(const char *trigger, enum diag_severity sev, const char *needle)
{
	struct diag	 d;
	struct scenario	*s = NULL;
	char		*text = play_read(RULES), *out, *at, line[512];
	size_t		 i, n;
	int		 found = 0;

	snprintf(line, sizeof line, "declencheur = { %s };\n", trigger);
	n = strlen(text) + strlen(line) + 1;
	out = malloc(n);
	assert_non_null(out);
	at = strstr(text, MANUAL_SIGNAL);
	assert_non_null(at);
	snprintf(out, n, "%.*s%s%s", (int)(at - text), text, line,
	    at + strlen(MANUAL_SIGNAL));
	diag_init(&d);
	scenario_load_text(RULES, out, strlen(out), &s, &d);
	for (i = 0; i < d.count; i++)
		if (d.items[i].severity == sev &&
		    strstr(d.items[i].message, needle) != NULL)
			found++;
	if (found == 0)
		for (i = 0; i < d.count; i++)
			print_message("%d: %s\n", d.items[i].line,
			    d.items[i].message);
	scenario_free(s);
	diag_release(&d);
	free(text);
	free(out);
	return found;
}

static void
check_refuses_conditions_that_can_never_hold(void **state)
{
	(void)state;
	/* Contradictions on one package, whatever the team does. */
	assert_int_equal(check_count("semaine = 2; si = { externe = \"site\"; "
	    "interne = \"site\"; };", DIAG_ERROR, "les conditions externe = "
	    "\"site\" et interne = \"site\" ne peuvent pas être vraies "
	    "ensemble"), 1);
	assert_int_equal(check_count("semaine = 3; si = { lot_livre = \"site\"; "
	    "lot_non_livre = \"site\"; };", DIAG_ERROR, "un lot est livré ou "
	    "ne l'est pas"), 1);
	/* The video is only made outside; Agence Pixel's offer for it is
	 * not accessible. */
	assert_int_equal(check_count("semaine = 2; si = { interne = \"video\"; "
	    "};", DIAG_ERROR, "la condition interne = \"video\" ne peut "
	    "jamais être vraie, ce lot se fait en externe"), 1);
	assert_int_equal(check_count("semaine = 2; si = { confie = { lot = "
	    "\"video\"; prestataire = \"agence\"; }; lot_accessible = "
	    "\"video\"; };", DIAG_ERROR, "aucune façon de faire le lot "
	    "« video »"), 1);
	assert_int_equal(check_count("semaine = 2; si = { confie = { lot = "
	    "\"video\"; prestataire = \"freelance\"; }; };", DIAG_ERROR,
	    "« freelance » ne fait pas d'offre pour ce lot"), 1);
	assert_int_equal(check_count("semaine = 2; si = { lot_accessible = "
	    "\"video\"; };", DIAG_ERROR, "ne peut jamais"), 0);
	/* A tool used and its category missing; needs nobody has. */
	assert_int_equal(check_count("semaine = 2; si = { outil = \"trello\"; "
	    "outil_absent = \"gestion_projet\"; };", DIAG_ERROR, "l'outil « "
	    "Trello » est de cette catégorie"), 1);
	assert_int_equal(check_count("semaine = 2; si = { membre_non_amenage = "
	    "\"ana\"; };", DIAG_ERROR, "Ana Lopez n'a aucun besoin "
	    "d'aménagement déclaré"), 1);
	assert_int_equal(check_count("semaine = 2; si = { amenagement_absent = "
	    "\"sous_titrage\"; };", DIAG_ERROR, "personne n'a de besoin de ce "
	    "type"), 1);
	assert_int_equal(check_count("semaine = 2; si = { membre_non_amenage = "
	    "\"bob\"; amenagement_absent = \"materiel_adapte\"; };",
	    DIAG_ERROR, "ne peut"), 0);
	/* Triggers that end before the conditions can hold: nothing is
	 * delivered in week 1; media waits for two packages (error); the
	 * site takes 2 weeks at the least (warning: only an incident could
	 * make it shorter). */
	assert_int_equal(check_count("semaine = 1; si = { lot_livre = \"site\"; "
	    "};", DIAG_ERROR, "ne peut être vraie qu'à partir de la semaine 2"),
	    1);
	assert_int_equal(check_count("probabilite = 50; semaines = [ 1, 2 ]; "
	    "si = { lot_demarre = \"media\"; };", DIAG_ERROR, "la condition "
	    "lot_demarre = \"media\" ne peut être vraie qu'à partir de la "
	    "semaine 3 (le lot « media » commence au plus tôt en semaine 2, "
	    "après contenu)"), 1);
	assert_int_equal(check_count("semaine = 2; si = { lot_livre = \"site\"; "
	    "};", DIAG_WARNING, "d'après le plan au plus juste, la condition "
	    "lot_livre = \"site\" n'est vraie qu'à partir de la semaine 3"), 1);
	assert_int_equal(check_count("semaine = 3; si = { lot_livre = \"site\"; "
	    "};", DIAG_WARNING, "plan"), 0);
	assert_int_equal(check_count("semaine = 1; si = { lot_demarre = "
	    "\"site\"; };", DIAG_ERROR, "le lot « site » commence au plus tôt "
	    "en semaine 1) ; son déclencheur s'arrête en semaine 1"), 1);
	assert_int_equal(check_count("semaine = 1; si = { externe_en_cours = "
	    "true; };", DIAG_ERROR, "aucun lot ne commence avant la semaine "
	    "1"), 1);
}

/* --- the shipped scenario's triggers (scenarios/lancement-hydra.cfg) --- */

#define HYDRA	"scenarios/lancement-hydra.cfg"

/* Hydra with teams Alpha, Beta, Gamma of one chef de projet each. */
static void
hydra_start(struct play *p, uint64_t seed)
{
	static const char *const names[] = { "Alpha", "Beta", "Gamma" };
	struct game_setup	 setup;
	struct scenario		*s = NULL;
	struct diag		 d;
	int			 i;

	diag_init(&d);
	assert_int_equal(scenario_load(HYDRA, &s, &d), SCENARIO_LOAD_OK);
	assert_int_equal(d.count, 0);
	diag_release(&d);
	memset(p, 0, sizeof *p);
	memset(&setup, 0, sizeof setup);
	setup.seed = seed;
	setup.nteams = 3;
	for (i = 0; i < 3; i++) {
		setup.teams[i].name = names[i];
		setup.teams[i].ncandidates = 1;
		setup.teams[i].candidates[0].name = "Alice";
		setup.teams[i].candidates[0].role = "pilote";
	}
	p->s = s;
	p->setup = setup;
	p->g = game_new(s, &setup);
	p->time = T0;
}

static int
hydra_incident(const struct scenario *s, const char *id)
{
	int	 i;

	for (i = 0; i < s->nincidents; i++)
		if (strcmp(s->incidents[i].id, id) == 0)
			return i;
	fail_msg("no incident « %s » in %s", id, HYDRA);
	return -1;
}

static int
hydra_package(const struct scenario *s, const char *id)
{
	int	 i;

	for (i = 0; i < s->npackages; i++)
		if (strcmp(s->packages[i].id, id) == 0)
			return i;
	fail_msg("no package « %s » in %s", id, HYDRA);
	return -1;
}

/* The weeks incident i fired for a team, as a bit set. */
static unsigned
fired_weeks(const struct team *t, int incident)
{
	unsigned	 weeks = 0;
	int		 i;

	for (i = 0; i < t->noccurrences; i++)
		if (t->occurrences[i].incident == incident)
			weeks |= 1u << t->occurrences[i].week;
	return weeks;
}

/*
 * « Le lieu de la soirée n'est pas accessible » hit the team that made its
 * venue accessible (in-house) and spared the one that booked the barge:
 * now the barge is hit, the accessible venues are not, in a week whose
 * draw fires it.
 */
static void
hydra_inaccessible_venue_hits_the_barge_not_the_accessible_venues(void **s)
{
	struct play	 p;
	uint64_t	 seed;
	int		 lieu;

	(void)s;
	hydra_start(&p, 1);
	lieu = hydra_incident(p.s, "lieu_inaccessible");
	play_end(&p);
	for (seed = 1; rng_percent(seed, 5, RNG_INCIDENT, lieu) >= 60; seed++)
		;
	hydra_start(&p, seed);
	TEAM_WHY(&p, "Alpha", "le moins cher", "attribuer", "lot=evenement",
	    "prestataire=atelier_rhone");
	TEAM(&p, "Beta", "attribuer", "lot=evenement",
	    "interne=helene,baptiste", "accessibilite=oui");
	TEAM_WHY(&p, "Gamma", "lieu accessible", "attribuer", "lot=evenement",
	    "prestataire=traboules");
	TRAINER(&p, "ouvrir_pilotage");
	while (p.g->week < 6)
		TRAINER(&p, "cloturer_semaine");
	assert_int_equal(fired_weeks(play_team(&p, "Alpha"), lieu), WEEK(5));
	assert_int_equal(fired_weeks(play_team(&p, "Beta"), lieu), 0);
	assert_int_equal(fired_weeks(play_team(&p, "Gamma"), lieu), 0);
	play_end(&p);
}

/*
 * « Deux membres exclus » blamed Lucie while her captions were in place:
 * each of the two now names one person and fires where that person's
 * need is unmet, whatever the other needs of the team.
 */
static void
hydra_each_member_is_blamed_only_for_their_own_need(void **s)
{
	struct play	 p;
	int		 lucie, mathieu;

	(void)s;
	hydra_start(&p, 1);
	lucie = hydra_incident(p.s, "reunion_sans_soustitres");
	mathieu = hydra_incident(p.s, "reunion_inaccessible");
	TEAM(&p, "Alpha", "amenager", "membre=lucie", "besoin=1");
	TEAM(&p, "Beta", "amenager", "membre=mathieu", "besoin=1");
	/* Gamma leaves Mathieu's remote work only: not about the meeting. */
	TEAM(&p, "Gamma", "amenager", "membre=lucie", "besoin=1");
	TEAM(&p, "Gamma", "amenager", "membre=mathieu", "besoin=1");
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "cloturer_semaine");
	assert_int_equal(fired_weeks(play_team(&p, "Alpha"), lucie), 0);
	assert_int_equal(fired_weeks(play_team(&p, "Alpha"), mathieu), WEEK(2));
	assert_int_equal(fired_weeks(play_team(&p, "Beta"), lucie), WEEK(2));
	assert_int_equal(fired_weeks(play_team(&p, "Beta"), mathieu), 0);
	assert_int_equal(fired_weeks(play_team(&p, "Gamma"), lucie), 0);
	assert_int_equal(fired_weeks(play_team(&p, "Gamma"), mathieu), 0);
	play_end(&p);
}

/*
 * The e-shop saturates once it is live: never where nobody builds it, and
 * where it is built, from the first week of its window after the delivery
 * whose draw hits.
 */
static void
hydra_eshop_incident_needs_a_live_eshop(void **s)
{
	struct play		 p;
	const struct team	*b;
	uint64_t		 seed;
	unsigned		 want;
	int			 sature, w, hits = 0;

	(void)s;
	for (seed = 1; seed <= 20; seed++) {
		hydra_start(&p, seed);
		sature = hydra_incident(p.s, "eshop_sature");
		TEAM(&p, "Beta", "attribuer", "lot=brief_strat",
		    "interne=hugo,helene");
		TEAM_WHY(&p, "Beta", "fiable", "attribuer", "lot=plateforme",
		    "prestataire=atelier_rhone");
		TEAM_WHY(&p, "Beta", "accessible", "attribuer", "lot=eshop",
		    "prestataire=gones_web");
		TRAINER(&p, "ouvrir_pilotage");
		while (p.g->phase == PHASE_PILOTING)
			TRAINER(&p, "cloturer_semaine");
		b = play_team(&p, "Beta");
		for (w = 7, want = 0; w <= 8 && want == 0; w++)
			if (b->packages[hydra_package(p.s, "eshop")].finished >
			    0 && b->packages[hydra_package(p.s,
			    "eshop")].finished < w &&
			    rng_percent(seed, w, RNG_INCIDENT, sature) < 40)
				want = WEEK(w);
		assert_int_equal(fired_weeks(play_team(&p, "Alpha"), sature), 0);
		assert_int_equal(fired_weeks(b, sature), want);
		hits += want != 0;
		play_end(&p);
	}
	assert_true(hits > 0);
}

/* --- the trainer's pause --- */

static void
pause_freezes_deadlines_and_resume_shifts_them(void **state)
{
	struct play	 p;
	struct team	*a, *b;

	(void)state;
	play_start(&p, play_rules(), 1, 2);
	a = play_team(&p, "Alpha");
	b = play_team(&p, "Beta");
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "injecter", "incident=coupe");	/* until T0 + 10 min */
	p.time = T0 + 5 * MINUTE;
	TRAINER(&p, "pause");
	/* Half an hour later, paused: still 5 minutes left. */
	p.time = T0 + 30 * MINUTE;
	TRAINER(&p, "message", "texte=Pause café");
	assert_int_equal(b->occurrences[0].status, OCC_OPEN);
	p.time = T0 + 35 * MINUTE;
	TRAINER(&p, "reprendre");
	assert_int_equal(p.g->paused_total, 30 * MINUTE);
	/* Effective time T0 + 9 min: in time. */
	p.time = T0 + 39 * MINUTE;
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=1", "option=negocier");
	assert_int_equal(a->occurrences[0].status, OCC_ANSWERED);
	/* Effective T0 + 10 min: too late for Beta. */
	p.time = T0 + 40 * MINUTE;
	play_refused(&p, "Beta", "Alice", NULL, "trop tard pour l'incident 1",
	    "repondre", "incident=1", "option=negocier", NULL);
	TRAINER(&p, "message", "texte=Fin du délai");
	assert_int_equal(b->occurrences[0].status, OCC_DEFAULTED);
	/* An incident injected now counts from effective time. */
	TRAINER(&p, "injecter", "incident=buzz");
	assert_int_equal(a->occurrences[1].deadline, T0 + 20 * MINUTE);
	play_end(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cout_goes_to_its_line_or_the_package_line_or_the_unplanned_line),
		cmocka_unit_test(an_overrun_is_told_when_it_happens),
		cmocka_unit_test(enveloppe_changes_the_client_budget_and_the_reserve_ceiling),
		cmocka_unit_test(retard_blocks_internal_work_and_pushes_supplier_delivery),
		cmocka_unit_test(charge_adds_work_in_house_or_weeks_at_a_supplier),
		cmocka_unit_test(qualite_hits_a_package_or_the_whole_project),
		cmocka_unit_test(moral_hits_a_person_or_the_team),
		cmocka_unit_test(kpi_hits_one_objective_or_all),
		cmocka_unit_test(jours_perdus_take_days_off_the_coming_weeks),
		cmocka_unit_test(fiabilite_moves_the_supplier_slip_chance),
		cmocka_unit_test(default_targets_are_drawn_once_among_open_packages),
		cmocka_unit_test(an_effect_without_target_says_so),
		cmocka_unit_test(unanswered_incident_takes_its_default_once_the_deadline_passes),
		cmocka_unit_test(open_incidents_take_their_default_when_the_week_closes),
		cmocka_unit_test(follow_ups_fire_at_the_start_of_the_next_week),
		cmocka_unit_test(week_trigger_fires_once_at_the_start_of_its_week),
		cmocka_unit_test(random_trigger_uses_one_fair_draw_per_week),
		cmocka_unit_test(conditions_on_tools),
		cmocka_unit_test(conditions_on_who_does_the_packages),
		cmocka_unit_test(conditions_on_framing_and_needs),
		cmocka_unit_test(conditions_on_morale_reserve_and_budget),
		cmocka_unit_test(conditions_on_lateness_and_earlier_incidents),
		cmocka_unit_test(every_condition_must_hold),
		cmocka_unit_test(lot_inaccessible_hits_the_team_whose_choice_is_not_accessible),
		cmocka_unit_test(an_incident_on_a_live_package_waits_for_its_delivery),
		cmocka_unit_test(lot_demarre_counts_from_the_week_after_work_began),
		cmocka_unit_test(conditions_on_who_the_package_is_entrusted_to),
		cmocka_unit_test(conditions_on_work_in_progress),
		cmocka_unit_test(conditions_on_the_needs_of_one_person),
		cmocka_unit_test(check_refuses_conditions_that_can_never_hold),
		cmocka_unit_test(hydra_inaccessible_venue_hits_the_barge_not_the_accessible_venues),
		cmocka_unit_test(hydra_each_member_is_blamed_only_for_their_own_need),
		cmocka_unit_test(hydra_eshop_incident_needs_a_live_eshop),
		cmocka_unit_test(pause_freezes_deadlines_and_resume_shifts_them),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
