/*
 * Unit tests for core/incidents.c: each kind of effect (through an option,
 * through the default when the response deadline passes, and through the
 * default when the week closes), drawn targets, follow-ups, triggers and
 * their conditions, and the trainer's pause shifting deadlines.  Numbers
 * come from tests/fixtures/rules.cfg (summed up in test_rules.c); every
 * incident there answers within 10 minutes.
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

/* --- effects --- */

static void
cout_goes_to_its_line_or_the_package_line_or_the_first_line(void **state)
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
	/* Default, no line nor package: 2 000 € on the first line, once the
	 * 10 minutes are over (any event then applies it). */
	TRAINER(&p, "injecter", "incident=panne");
	p.time = T0 + 10 * MINUTE;
	TRAINER(&p, "message", "texte=Où en êtes-vous ?");
	assert_int_equal(t->occurrences[2].status, OCC_DEFAULTED);
	assert_int_equal(t->lines[L_INTERNE].actual, EUROS(2000));
	play_assert_explained(t, "« Panne du serveur de recette » : personne "
	    "n'a répondu à temps, la conséquence par défaut s'applique → "
	    "dépense de 2" NBSP "000" NBSP "€ sur « Temps interne ».");
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
	assert_int_equal(t->lines[L_INTERNE].forecast, EUROS(6000));
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "injecter", "incident=perimetre");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=1", "option=interne");
	/* +5 days: 25 × 300 = 7 500 €. */
	assert_int_equal(t->packages[SITE].extra_workload, 5);
	assert_int_equal(t->lines[L_INTERNE].forecast, EUROS(7500));
	play_assert_explained(t, "charge de « Site web » +5 jours-personne");
	/* +6 days at the studio: (6 + 4) / 5 = 2 more weeks. */
	TRAINER(&p, "injecter", "incident=perimetre");
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=2", "option=externe");
	assert_int_equal(t->packages[VIDEO].delay, 2);
	assert_int_equal(t->packages[VIDEO].extra_workload, 0);
	play_assert_explained(t, "périmètre de « Vidéo » modifié (+6 "
	    "jours-personne, 2 semaine(s) chez le prestataire)");
	/* Default at the week's end: +10 days on the only internal package,
	 * before the week's work: 35 × 300 = 10 500 €. */
	TRAINER(&p, "injecter", "incident=perimetre");
	TRAINER(&p, "cloturer_semaine");
	assert_int_equal(t->occurrences[2].target_internal, SITE);
	assert_int_equal(t->packages[SITE].extra_workload, 15);
	assert_int_equal(t->lines[L_INTERNE].forecast, EUROS(10500));
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
	/* 200 € with neither line nor package: the first line. */
	assert_int_equal(a->lines[L_INTERNE].actual, EUROS(200));
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
		assert_string_equal(o->cause, "suite d'une décision de la "
		    "semaine 1");
	}
	ALPHA_WHY(&p, PLAY_WHY, "repondre", "incident=4", "option=geste");
	assert_int_equal(t->lines[L_INTERNE].actual, EUROS(100 + 300));
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
	assert_string_equal(t->occurrences[0].cause, "prévu en semaine 2");
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
	assert_string_equal(play_team(&p, "Alpha")->occurrences[0].cause,
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
	assert_string_equal(a->occurrences[a->noccurrences - 1].cause, cause);
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
		cmocka_unit_test(cout_goes_to_its_line_or_the_package_line_or_the_first_line),
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
		cmocka_unit_test(pause_freezes_deadlines_and_resume_shifts_them),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
