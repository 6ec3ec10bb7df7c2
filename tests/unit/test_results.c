/*
 * Unit tests for status points (core/commands.c) and results at launch
 * (core/results.c): punctuality against the deadline and the authors'
 * extra time, delivery, budget with its tolerance, quality, accessibility,
 * KPIs, the weighted score, and the E3 indicators with the journal events
 * that are their evidence.  Numbers come from tests/fixtures/rules.cfg
 * (summed up in test_rules.c): scoring weights delivery 30, budget 20,
 * quality 20, accessibility 10, KPI 20; tolerance 5 %; quality target 70;
 * accessibility target 75 %; E3 weights 15, 10, 15, 15, 15, 10, 20.
 */
#include "unit/cmocka_prelude.h"
#include "unit/play.h"

#define PARTS	"risques=Retard du studio", "arbitrages=Réserve utilisée", \
		"suivi=Budget tenu, livrables à jour"

/* --- status points --- */

static void
status_point_requests_and_their_refusals(void **state)
{
	struct play		 p;
	struct team		*a, *b;
	int64_t			 seq;

	(void)state;
	play_start(&p, play_rules(), 1, 2);
	a = play_team(&p, "Alpha");
	b = play_team(&p, "Beta");
	REFUSED(&p, "aucun point de situation n'a été demandé à l'équipe",
	    "point", "point=1", PARTS);
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER_REFUSED(&p, "point de situation « zzz » inconnu du scénario",
	    "demander_point", "point=zzz");
	TRAINER_REFUSED(&p, "donnez point=ID (prévu par le scénario) ou "
	    "titre=…", "demander_point");
	TRAINER_REFUSED(&p, "delai=0 hors limites (de 1 à 240)",
	    "demander_point", "point=mi", "delai=0");
	TRAINER_REFUSED(&p, "équipe « Zeta » inconnue", "demander_point",
	    "point=mi", "equipe=Zeta");
	/* The scenario's point, to every team: 20 minutes. */
	p.time = T0 + MINUTE;
	seq = TRAINER(&p, "demander_point", "point=mi");
	assert_int_equal(a->nrequests, 1);
	assert_int_equal(b->nrequests, 1);
	assert_int_equal(a->requests[0].point, 0);
	assert_string_equal(a->requests[0].title, "Point à mi-parcours");
	assert_string_equal(a->requests[0].prompt, "");
	assert_int_equal(a->requests[0].deadline_minutes, 20);
	assert_int_equal(a->requests[0].requested_seq, seq);
	assert_int_equal(a->requests[0].requested_time, T0 + MINUTE);
	/* An ad hoc one, to Beta only, with its own instructions. */
	TRAINER(&p, "demander_point", "titre=Point flash", "consigne=Deux "
	    "lignes sur le studio", "delai=5", "equipe=Beta");
	assert_int_equal(a->nrequests, 1);
	assert_int_equal(b->nrequests, 2);
	assert_int_equal(b->requests[1].point, -1);
	assert_string_equal(b->requests[1].prompt, "Deux lignes sur le studio");
	assert_int_equal(b->requests[1].deadline_minutes, 5);
	/* Without a delay, an ad hoc point gets 20 minutes. */
	TRAINER(&p, "demander_point", "titre=Point libre", "equipe=Alpha");
	assert_int_equal(a->requests[1].deadline_minutes, 20);
	REFUSED(&p, "il manque point=…", "point", PARTS);
	REFUSED(&p, "point=3 hors limites (de 1 à 2)", "point", "point=3",
	    PARTS);
	REFUSED(&p, "un point de situation a trois parties : risques=…, "
	    "arbitrages=…, suivi=…", "point", "point=1", "risques=Aucun",
	    "arbitrages=Aucun");
	REFUSED(&p, "« Zoé » n'est pas dans l'équipe", "point", "point=1",
	    PARTS, "auteurs=Alice,Zoé");
	seq = ALPHA(&p, "point", "point=1", PARTS);
	REFUSED(&p, "ce point de situation a déjà été rendu (événement 5)",
	    "point", "point=1", PARTS);
	assert_int_equal(seq, 5);
	play_end(&p);
}

static void
status_point_is_on_time_until_its_deadline(void **state)
{
	struct play		 p;
	struct team		*a, *b, *c;

	(void)state;
	play_start(&p, play_rules(), 1, 3);
	a = play_team(&p, "Alpha");
	b = play_team(&p, "Beta");
	c = play_team(&p, "Gamma");
	TRAINER(&p, "ouvrir_pilotage");
	p.time = T0 + MINUTE;
	TRAINER(&p, "demander_point", "point=mi");
	/* Due 20 minutes later, T0 + 21 min, included. */
	p.time = T0 + 21 * MINUTE;
	ALPHA(&p, "point", "point=1", PARTS);
	p.time = T0 + 21 * MINUTE + 1;
	TEAM(&p, "Beta", "point", "point=1", PARTS);
	assert_true(a->requests[0].submitted);
	assert_false(a->requests[0].late);
	assert_true(b->requests[0].late);
	assert_false(c->requests[0].submitted);
	/* 3 + 2 + 5 words; the actor is the author. */
	assert_int_equal(a->requests[0].words, 10);
	assert_string_equal(a->requests[0].authors, "Alice");
	assert_string_equal(a->requests[0].risks, "Retard du studio");
	assert_string_equal(a->requests[0].tracking, "Budget tenu, livrables "
	    "à jour");
	assert_int_equal(a->requests[0].submitted_time, T0 + 21 * MINUTE);
	play_end(&p);
}

static void
extra_time_of_an_author_extends_the_deadline(void **state)
{
	struct play		 p;
	struct team		*a, *b, *c;

	(void)state;
	play_start(&p, play_rules(), 1, 3);
	a = play_team(&p, "Alpha");
	b = play_team(&p, "Beta");
	c = play_team(&p, "Gamma");
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "demander_point", "point=mi");
	/* Basile has 33 % more: 20 min × 133 % = 26 min 36 s.  At 26 min:
	 * Basile on time, Alice alone late, Alice with Basile on time. */
	p.time = T0 + 26 * MINUTE;
	play_act(&p, "Alpha", "Basile", NULL, "point", "point=1", PARTS, NULL);
	TEAM(&p, "Beta", "point", "point=1", PARTS);
	TEAM(&p, "Gamma", "point", "point=1", PARTS, "auteurs=Alice, Basile");
	assert_false(a->requests[0].late);
	assert_string_equal(a->requests[0].authors, "Basile");
	assert_true(b->requests[0].late);
	assert_false(c->requests[0].late);
	assert_string_equal(c->requests[0].authors, "Alice, Basile");
	/* A flash point of 5 minutes: 5 × 133 % = 6 min 39 s = 399 000 ms. */
	p.time = T0 + 30 * MINUTE;
	TRAINER(&p, "demander_point", "titre=Point flash", "delai=5");
	p.time = T0 + 30 * MINUTE + 399000;
	play_act(&p, "Alpha", "Basile", NULL, "point", "point=2", PARTS, NULL);
	/* Chloé's point typed by Basile is still Chloé's: no extra time. */
	play_act(&p, "Gamma", "Chloé", NULL, "point", "point=2", PARTS, NULL);
	p.time = T0 + 30 * MINUTE + 399001;
	play_act(&p, "Beta", "Basile", NULL, "point", "point=2", PARTS, NULL);
	assert_false(a->requests[1].late);
	assert_true(b->requests[1].late);
	assert_true(c->requests[1].late);
	play_end(&p);
}

static void
pause_extends_a_status_point_deadline(void **state)
{
	struct play	 p;
	struct team	*a, *b;

	(void)state;
	play_start(&p, play_rules(), 1, 2);
	a = play_team(&p, "Alpha");
	b = play_team(&p, "Beta");
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "demander_point", "point=mi");
	p.time = T0 + 10 * MINUTE;
	TRAINER(&p, "pause");
	/* Submitted during the pause: effective time T0 + 10 min. */
	p.time = T0 + 50 * MINUTE;
	ALPHA(&p, "point", "point=1", PARTS);
	assert_int_equal(a->requests[0].submitted_time, T0 + 10 * MINUTE);
	p.time = T0 + 60 * MINUTE;
	TRAINER(&p, "reprendre");
	/* 50 minutes paused: T0 + 70 min is effective T0 + 20 min. */
	p.time = T0 + 70 * MINUTE;
	TEAM(&p, "Beta", "point", "point=1", PARTS);
	assert_false(a->requests[0].late);
	assert_false(b->requests[0].late);
	assert_int_equal(b->requests[0].submitted_time, T0 + 20 * MINUTE);
	play_end(&p);
}

/* --- results at launch --- */

static void
play_to_launch(struct play *p)
{
	if (p->g->phase == PHASE_FRAMING)
		TRAINER(p, "ouvrir_pilotage");
	while (p->g->phase == PHASE_PILOTING)
		TRAINER(p, "cloturer_semaine");
}

static void
results_of_a_project_delivered_on_time(void **state)
{
	struct play		 p;
	const struct team_result *a, *b;

	(void)state;
	play_start(&p, play_rules(), 1, 2);
	play_standard_plan(&p, "Alpha");
	play_standard_plan(&p, "Beta");
	TEAM(&p, "Beta", "outil", "outil=figma");
	play_to_launch(&p);
	a = &play_team(&p, "Alpha")->result;
	b = &play_team(&p, "Beta")->result;
	/* Video week 1, contenu week 1, site week 2, media week 2. */
	assert_int_equal(a->on_time, 4);
	assert_int_equal(a->late, 0);
	assert_int_equal(a->missing, 0);
	/* Staff 1 600 + 800, production 6 000 + 2 000, media 5 000, tools
	 * Trello 100 + 4 × 10 and Bob's 300: 15 840 € of 20 000. */
	assert_int_equal(a->spent, EUROS(15840));
	assert_int_equal(a->envelope, EUROS(20000));
	/* Quality (video 65 + contenu 70 + site 80 + media 70) / 4 = 71. */
	assert_int_equal(a->quality, 71);
	/* Accessibility: the site is compliant, the agency's video is not. */
	assert_int_equal(a->accessibility, 50);
	/* Visits: the site on time at quality 80 (factor 80 / 70 = 114 %):
	 * 2 000 + 8 000 × 100 % × 100 % × 114 % = 11 120.  Leads: contenu
	 * and media, 50 % each, on time at 70: 500. */
	assert_int_equal(a->kpi[VISITES], 11120);
	assert_int_equal(a->kpi[LEADS], 500);
	assert_int_equal(a->scores[RESULT_DELIVERY], 100);
	assert_int_equal(a->scores[RESULT_BUDGET], 100);
	assert_int_equal(a->scores[RESULT_QUALITY], 100);	/* 101 capped */
	assert_int_equal(a->scores[RESULT_ACCESSIBILITY], 66);	/* 50 / 75 */
	assert_int_equal(a->scores[RESULT_KPI], 100);
	/* 30 + 20 + 20 + 10 × 66 % + 20 = 96. */
	assert_int_equal(a->score, 96);
	/* Beta's Figma: +10 quality everywhere and 500 € more.  The site at
	 * 90 counts 90 / 70 = 128 %, capped at 120 %: 2 000 + 9 600. */
	assert_int_equal(b->spent, EUROS(16340));
	assert_int_equal(b->quality, 81);
	assert_int_equal(b->kpi[VISITES], 11600);
	assert_int_equal(b->kpi[LEADS], 570);
	assert_int_equal(b->score, 96);
	play_end(&p);
}

static void
results_count_late_and_missing_packages_and_overspending(void **state)
{
	struct play		 p;
	struct team		*a, *b;
	const struct team_result *ra, *rb;
	const char		*team;
	int			 i;

	(void)state;
	play_start(&p, play_rules(), 1, 2);
	a = play_team(&p, "Alpha");
	b = play_team(&p, "Beta");
	for (i = 0; i < 2; i++) {
		team = i == 0 ? "Alpha" : "Beta";
		TEAM(&p, team, "outil", "outil=trello");
		TEAM_WHY(&p, team, "RGAA", "attribuer", "lot=site",
		    "prestataire=agence");
		TEAM_WHY(&p, team, "prix", "attribuer", "lot=video",
		    "prestataire=agence");
		TEAM(&p, team, "attribuer", "lot=contenu", "interne=ana");
		TEAM(&p, team, "cadrer", "prestataire=agence",
		    "reunions=hebdomadaire", "format=HTML", "recette=Audit",
		    "heures=2");
	}
	TRAINER(&p, "ouvrir_pilotage");
	/* The site slips 2 weeks: ordered week 1, due 1 + 2 - 1 + 2 = 4,
	 * after its deadline S-1 (week 3). */
	TRAINER(&p, "injecter", "titre=Serveur", "texte=…",
	    "option1=Glisser : lot=site, retard=2", "option2=Payer : cout=100",
	    "defaut=Subir : lot=site, retard=3");
	TRAINER(&p, "injecter", "incident=buzz");
	/* Envelopes: Alpha 20 000 - 10 724 = 9 276 €, Beta 9 000 €. */
	TRAINER(&p, "injecter", "equipe=Alpha", "titre=Coupe", "texte=…",
	    "option1=Accepter : enveloppe=-10724",
	    "option2=Refuser : enveloppe=-12000",
	    "defaut=Subir : enveloppe=-13000");
	TRAINER(&p, "injecter", "equipe=Beta", "titre=Coupe", "texte=…",
	    "option1=Accepter : enveloppe=-11000",
	    "option2=Refuser : enveloppe=-12000",
	    "defaut=Subir : enveloppe=-13000");
	for (i = 0; i < 2; i++) {
		team = i == 0 ? "Alpha" : "Beta";
		TEAM_WHY(&p, team, PLAY_WHY, "repondre", "incident=1", "option=1");
		TEAM_WHY(&p, team, PLAY_WHY, "repondre", "incident=2",
		    i == 0 ? "option=tous" : "option=un");
		TEAM_WHY(&p, team, PLAY_WHY, "repondre", "incident=3", "option=1");
	}
	assert_int_equal(a->kpi_effect[VISITES], -5);
	assert_int_equal(b->kpi_effect[LEADS], -10);
	play_to_launch(&p);
	ra = &a->result;
	rb = &b->result;
	/* Video and contenu on time, the site late (week 4), media missing:
	 * (2 × 100 + 50) / 4 = 62. */
	assert_int_equal(a->packages[SITE].finished, 4);
	assert_int_equal(ra->on_time, 2);
	assert_int_equal(ra->late, 1);
	assert_int_equal(ra->missing, 1);
	assert_int_equal(ra->scores[RESULT_DELIVERY], 62);
	play_assert_explained(a, "« Achat média » n'est pas livré à son "
	    "échéance (S-0) : personne n'en est responsable");
	play_assert_explained(a, "« Site web » n'est pas livré à son échéance "
	    "(S-1)");
	/* Spent: contenu 1 600 + site 6 000 + video 2 000 + Trello 140 =
	 * 9 740 €.  Alpha: (9 740 - 9 276) / 9 276 = 5,002 % → 5, within
	 * the tolerance: 100.  Beta: 740 / 9 000 = 8,2 % → 8: 3 points over,
	 * 5 each: 85. */
	assert_int_equal(ra->spent, EUROS(9740));
	assert_int_equal(ra->envelope, EUROS(9276));
	assert_int_equal(ra->scores[RESULT_BUDGET], 100);
	assert_int_equal(rb->envelope, EUROS(9000));
	assert_int_equal(rb->scores[RESULT_BUDGET], 85);
	/* Quality (80 + 65 + 70) / 3 = 71 over the delivered ones. */
	assert_int_equal(ra->quality, 71);
	assert_int_equal(ra->scores[RESULT_QUALITY], 100);
	assert_int_equal(ra->scores[RESULT_ACCESSIBILITY], 66);
	/* Alpha, visits: late counts 60 %, quality 114 %, all KPIs -5 %:
	 * 100 × 60 × 114 = 684 000 × 95 % = 649 800 → 2 000 + 8 000 ×
	 * 0,6498 = 7 198 (64 % of the way: 60 × 64 % = 38).  Leads: contenu
	 * only, 500 000 × 95 % → 237 (47 %: 40 × 47 % = 18).  KPI 56. */
	assert_int_equal(ra->kpi[VISITES], 7198);
	assert_int_equal(ra->kpi[LEADS], 237);
	assert_int_equal(ra->scores[RESULT_KPI], 56);
	/* 30 × 62 % + 20 + 20 + 10 × 66 % + 20 × 56 % = 18 + 20 + 20 + 6 +
	 * 11 = 75. */
	assert_int_equal(ra->score, 75);
	/* Beta, visits without effect: 2 000 + 5 472 = 7 472 (68 % → 40);
	 * leads -10 %: 450 000 → 225 (45 % → 18).  KPI 58.
	 * 18 + 17 + 20 + 6 + 11 = 72. */
	assert_int_equal(rb->kpi[VISITES], 7472);
	assert_int_equal(rb->kpi[LEADS], 225);
	assert_int_equal(rb->scores[RESULT_KPI], 58);
	assert_int_equal(rb->score, 72);
	play_end(&p);
}

static void
required_accessibility_halves_its_score_below_target(void **state)
{
	struct play	 p;
	const struct team_result *r;

	(void)state;
	play_start(&p, play_rules_with("obligatoire = false; };",
	    "obligatoire = true; };"), 1, 1);
	play_standard_plan(&p, "Alpha");
	play_to_launch(&p);
	r = &play_team(&p, "Alpha")->result;
	/* 50 % compliant for a 75 % target: 66 / 2 = 33; score 96 - 3. */
	assert_int_equal(r->accessibility, 50);
	assert_int_equal(r->scores[RESULT_ACCESSIBILITY], 33);
	assert_int_equal(r->score, 93);
	play_end(&p);
}

/* --- E3 indicators --- */

static void
assert_evidence(const struct team_result *r, int c, const int64_t *want,
    int n)
{
	int	 i;

	if (r->e3_nevidence[c] != n) {
		for (i = 0; i < r->e3_nevidence[c]; i++)
			print_message("evidence %d: %lld\n", c,
			    (long long)r->e3_evidence[c][i]);
		fail_msg("criterion %d: %d evidence seq(s), expected %d", c,
		    r->e3_nevidence[c], n);
	}
	for (i = 0; i < n; i++)
		assert_int_equal(r->e3_evidence[c][i], want[i]);
}

#define EVIDENCE(r, c, ...) do {					\
	const int64_t want_[] = { __VA_ARGS__ };			\
	assert_evidence(r, c, want_, (int)(sizeof want_ /		\
	    sizeof want_[0]));						\
} while (0)

static void
e3_indicators_of_a_complete_framing_keep_their_evidence(void **state)
{
	struct play		 p;
	const struct team_result *r;
	int64_t			 tool, need, role, as_site, as_video;
	int64_t			 as_contenu, as_media, pl_site, pl_video;
	int64_t			 pl_contenu, pl_media, frame, open, ask, answer;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	/* The standard plan of play.h, with its seqs. */
	tool = ALPHA(&p, "outil", "outil=trello");
	need = ALPHA(&p, "amenager", "membre=bob", "besoin=1");
	role = ALPHA(&p, "mission", "role=chef", "candidat=Alice",
	    "texte=Planifier et arbitrer");
	ALPHA(&p, "reserve", "montant=2000");
	as_site = ALPHA_WHY(&p, "RGAA", "attribuer", "lot=site",
	    "prestataire=agence");
	as_video = ALPHA_WHY(&p, "prix", "attribuer", "lot=video",
	    "prestataire=agence");
	as_contenu = ALPHA(&p, "attribuer", "lot=contenu", "interne=ana");
	as_media = ALPHA(&p, "attribuer", "lot=media", "interne=ana");
	pl_site = ALPHA(&p, "planifier", "lot=site", "debut=S-3", "fin=S-2");
	pl_video = ALPHA(&p, "planifier", "lot=video", "debut=S-3", "fin=S-3");
	pl_contenu = ALPHA(&p, "planifier", "lot=contenu", "debut=S-3",
	    "fin=S-3");
	pl_media = ALPHA(&p, "planifier", "lot=media", "debut=S-2", "fin=S-2");
	frame = ALPHA(&p, "cadrer", "prestataire=agence",
	    "reunions=hebdomadaire", "format=HTML", "recette=Audit RGAA",
	    "heures=2", "outil=trello");
	open = TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "cloturer_semaine");
	ask = TRAINER(&p, "demander_point", "point=mi");
	answer = ALPHA(&p, "point", "point=1", PARTS);
	play_to_launch(&p);
	r = &play_team(&p, "Alpha")->result;
	assert_int_equal(r->e3[E3_RETROPLANNING], 100);
	assert_int_equal(r->e3[E3_TOOL], 100);
	assert_int_equal(r->e3[E3_FRAMING], 100);
	assert_int_equal(r->e3[E3_SUPPLIERS], 100);
	assert_int_equal(r->e3[E3_TEAM], 100);
	assert_int_equal(r->e3[E3_ACCESSIBILITY], 100);
	assert_int_equal(r->e3[E3_STATUS_POINTS], 100);
	assert_int_equal(r->e3_score, 100);
	/* Packages in scenario order: site, contenu, video, media. */
	EVIDENCE(r, E3_RETROPLANNING, pl_site, pl_contenu, pl_video, pl_media);
	EVIDENCE(r, E3_TOOL, tool);
	EVIDENCE(r, E3_FRAMING, open);
	EVIDENCE(r, E3_SUPPLIERS, frame);
	EVIDENCE(r, E3_TEAM, as_site, as_contenu, as_video, as_media, role);
	EVIDENCE(r, E3_ACCESSIBILITY, need);
	EVIDENCE(r, E3_STATUS_POINTS, ask, answer);
	assert_string_equal(r->e3_comment[E3_RETROPLANNING], "4 lot(s) sur 4 "
	    "planifiés, dont 2 interne(s) et 2 chez des prestataires");
	assert_string_equal(r->e3_comment[E3_TOOL], "outil de gestion de "
	    "projet choisi dès le cadrage et gardé");
	assert_string_equal(r->e3_comment[E3_FRAMING], "cadrage sans alerte à "
	    "l'ouverture du pilotage");
	assert_string_equal(r->e3_comment[E3_SUPPLIERS], "1 relation(s) "
	    "prestataire cadrée(s) sur 1");
	assert_string_equal(r->e3_comment[E3_TEAM], "4 lot(s) sur 4 ont un "
	    "responsable, 1 rôle(s) obligatoire(s) sur 1 ont des missions");
	assert_string_equal(r->e3_comment[E3_ACCESSIBILITY], "1 besoin(s) "
	    "d'aménagement couvert(s) sur 1");
	assert_string_equal(r->e3_comment[E3_STATUS_POINTS], "1 point(s) de "
	    "situation rendu(s) à l'heure sur 1 demandé(s)");
	play_end(&p);
}

static void
e3_indicators_of_a_weak_framing(void **state)
{
	struct play		 p;
	const struct team_result *r;
	int64_t			 as_site, as_video, as_contenu, as_media;
	int64_t			 pl_site, pl_contenu, pl_media, open, tool;
	int64_t			 ask1, ask2, ask3, sub1, sub2;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	ALPHA(&p, "outil", "outil=slack");
	as_contenu = ALPHA(&p, "attribuer", "lot=contenu", "interne=ana");
	as_media = ALPHA(&p, "attribuer", "lot=media", "interne=ana");
	as_site = ALPHA(&p, "attribuer", "lot=site", "interne=ana,bob");
	as_video = ALPHA_WHY(&p, "prix", "attribuer", "lot=video",
	    "prestataire=agence");
	pl_contenu = ALPHA(&p, "planifier", "lot=contenu", "debut=S-3",
	    "fin=S-3");
	pl_media = ALPHA(&p, "planifier", "lot=media", "debut=S-2", "fin=S-2");
	pl_site = ALPHA(&p, "planifier", "lot=site", "debut=S-3", "fin=S-1");
	ALPHA(&p, "reserve", "montant=2000");
	/* Alerts: video unplanned; Ana in week 1: contenu 4 + site 20 / 3
	 * weeks / 2 people = 3,33 → 7,33 days; agency unframed; Bob's need;
	 * no chef; no project-management tool.  6 × 12 = 72 points off. */
	open = TRAINER(&p, "ouvrir_pilotage");
	tool = ALPHA(&p, "outil", "outil=trello");
	/* Three points: late, incomplete (empty risks), never given. */
	ask1 = TRAINER(&p, "demander_point", "titre=Point 1");
	ask2 = TRAINER(&p, "demander_point", "titre=Point 2");
	ask3 = TRAINER(&p, "demander_point", "titre=Point 3");
	p.time = T0 + 10 * MINUTE;
	sub2 = ALPHA(&p, "point", "point=2", "risques=", "arbitrages=Aucun",
	    "suivi=RAS");
	p.time = T0 + 25 * MINUTE;
	sub1 = ALPHA(&p, "point", "point=1", PARTS);
	play_to_launch(&p);
	r = &play_team(&p, "Alpha")->result;
	/* 3 of 4 planned = 75, no supplier's among them: halved, 37. */
	assert_int_equal(r->e3[E3_RETROPLANNING], 37);
	/* Trello chosen while piloting: 60. */
	assert_int_equal(r->e3[E3_TOOL], 60);
	assert_int_equal(r->e3[E3_FRAMING], 28);
	assert_int_equal(r->e3[E3_SUPPLIERS], 0);
	/* All packages owned (50) but the chef role empty (0). */
	assert_int_equal(r->e3[E3_TEAM], 50);
	assert_int_equal(r->e3[E3_ACCESSIBILITY], 0);
	/* (50 late + 25 incomplete + 0 missing) / 3 = 25. */
	assert_int_equal(r->e3[E3_STATUS_POINTS], 25);
	/* 15 × 37 % + 10 × 60 % + 15 × 28 % + 0 + 15 × 50 % + 0 + 20 × 25 %
	 * = 5 + 6 + 4 + 7 + 5 = 27 (each product rounded down). */
	assert_int_equal(r->e3_score, 27);
	EVIDENCE(r, E3_RETROPLANNING, pl_site, pl_contenu, pl_media);
	EVIDENCE(r, E3_TOOL, tool);
	EVIDENCE(r, E3_FRAMING, open);
	assert_int_equal(r->e3_nevidence[E3_SUPPLIERS], 0);
	EVIDENCE(r, E3_TEAM, as_site, as_contenu, as_video, as_media);
	assert_int_equal(r->e3_nevidence[E3_ACCESSIBILITY], 0);
	EVIDENCE(r, E3_STATUS_POINTS, ask1, sub1, ask2, sub2, ask3);
	assert_string_equal(r->e3_comment[E3_FRAMING], "6 alerte(s) à "
	    "l'ouverture du pilotage : « Vidéo » n'est pas placé sur le "
	    "rétroplanning ; Ana Lopez est surchargé(e) en S-3 : 7,33 jours "
	    "prévus pour 5 disponibles ; la relation avec Agence Pixel n'est "
	    "pas cadrée (réunions, outil, format, recette, temps) ; besoin de "
	    "Bob Martin sans aménagement : Malvoyant ; rôle « Chef·fe de "
	    "projet » sans candidat ni missions ; aucun outil de gestion de "
	    "projet choisi");
	assert_string_equal(r->e3_comment[E3_TOOL], "outil de gestion de "
	    "projet choisi en cours de pilotage");
	assert_string_equal(r->e3_comment[E3_RETROPLANNING], "3 lot(s) sur 4 "
	    "planifiés, dont 3 interne(s) et 0 chez des prestataires");
	/* Point 2 was on time, if incomplete. */
	assert_string_equal(r->e3_comment[E3_STATUS_POINTS], "1 point(s) de "
	    "situation rendu(s) à l'heure sur 3 demandé(s)");
	play_end(&p);
}

static void
e3_evidence_of_a_preview_does_not_outlive_the_plan(void **state)
{
	struct play		 p;
	struct team		*t;
	struct game		*g;
	const struct team_result *r, *rr;
	int64_t			 first, again;
	int			 c, i;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	t = play_team(&p, "Alpha");
	play_standard_plan(&p, "Alpha");
	first = t->packages[SITE].planned_seq;
	/* A view previews the indicators (as the overview screen does). */
	game_compute_results(p.g, 0);
	assert_int_equal(t->result.e3_evidence[E3_RETROPLANNING][0], first);
	/* The site is planned again: only the new decision is evidence. */
	again = ALPHA(&p, "planifier", "lot=site", "debut=S-3", "fin=S-1");
	play_to_launch(&p);
	r = &t->result;
	assert_int_equal(r->e3_nevidence[E3_RETROPLANNING], 4);
	assert_int_equal(r->e3_evidence[E3_RETROPLANNING][0], again);
	for (i = 0; i < r->e3_nevidence[E3_RETROPLANNING]; i++)
		assert_true(r->e3_evidence[E3_RETROPLANNING][i] != first);
	/* The jury's replay, without any preview, finds the same evidence. */
	g = play_replay(&p);
	rr = &g->teams[0].result;
	for (c = 0; c < E3_CRITERION_COUNT; c++) {
		assert_int_equal(rr->e3_nevidence[c], r->e3_nevidence[c]);
		for (i = 0; i < r->e3_nevidence[c]; i++)
			assert_int_equal(rr->e3_evidence[c][i],
			    r->e3_evidence[c][i]);
	}
	game_free(g);
	play_end(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(status_point_requests_and_their_refusals),
		cmocka_unit_test(status_point_is_on_time_until_its_deadline),
		cmocka_unit_test(extra_time_of_an_author_extends_the_deadline),
		cmocka_unit_test(pause_extends_a_status_point_deadline),
		cmocka_unit_test(results_of_a_project_delivered_on_time),
		cmocka_unit_test(results_count_late_and_missing_packages_and_overspending),
		cmocka_unit_test(required_accessibility_halves_its_score_below_target),
		cmocka_unit_test(e3_indicators_of_a_complete_framing_keep_their_evidence),
		cmocka_unit_test(e3_indicators_of_a_weak_framing),
		cmocka_unit_test(e3_evidence_of_a_preview_does_not_outlive_the_plan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
