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

/* What figure c of r comes from, as the reports write it. */
static const char *
comment(const struct team_result *r, int c)
{
	return later_text(r->e3_comment[c]);
}

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
extra_time_is_the_submitters_own_and_co_authors_are_credited(void **state)
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
	 * Basile on time, Alice alone late, and Alice still late when she
	 * lists Basile as an author: his extra time is his, not hers. */
	p.time = T0 + 26 * MINUTE;
	play_act(&p, "Alpha", "Basile", NULL, "point", "point=1", PARTS, NULL);
	TEAM(&p, "Beta", "point", "point=1", PARTS);
	TEAM(&p, "Gamma", "point", "point=1", PARTS, "auteurs=Basile");
	assert_false(a->requests[0].late);
	assert_string_equal(a->requests[0].authors, "Basile");
	assert_string_equal(a->requests[0].submitter, "Basile");
	assert_int_equal(a->requests[0].extra_time, 33);
	assert_int_equal(a->requests[0].limit_time - a->requests[0].requested_time,
	    20 * MINUTE * 133 / 100);
	assert_true(b->requests[0].late);
	/* Borrowed extra time: late; the submitter is added to the authors
	 * and the co-author is credited. */
	assert_true(c->requests[0].late);
	assert_int_equal(c->requests[0].extra_time, 0);
	assert_string_equal(c->requests[0].submitter, "Alice");
	assert_string_equal(c->requests[0].authors, "Alice,Basile");
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
	 * 5 each: 85.  Both delivered 3 packages of 4: the media money not
	 * spent is no success, 100 × 3 / 4 = 75 and 85 × 3 / 4 = 63. */
	assert_int_equal(ra->spent, EUROS(9740));
	assert_int_equal(ra->envelope, EUROS(9276));
	assert_int_equal(ra->scores[RESULT_BUDGET], 75);
	assert_int_equal(rb->envelope, EUROS(9000));
	assert_int_equal(rb->scores[RESULT_BUDGET], 63);
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
	/* 30 × 62 % + 20 × 75 % + 20 + 10 × 66 % + 20 × 56 % = 18 + 15 +
	 * 20 + 6 + 11 = 70. */
	assert_int_equal(ra->score, 70);
	/* Beta, visits without effect: 2 000 + 5 472 = 7 472 (68 % → 40);
	 * leads -10 %: 450 000 → 225 (45 % → 18).  KPI 58.
	 * 18 + 12 + 20 + 6 + 11 = 67. */
	assert_int_equal(rb->kpi[VISITES], 7472);
	assert_int_equal(rb->kpi[LEADS], 225);
	assert_int_equal(rb->scores[RESULT_KPI], 58);
	assert_int_equal(rb->score, 67);
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

/* Three parts a careful team writes: developed, naming what it faces. */
#define GOOD_PARTS							\
	"risques=Le site web dépend de l'Agence Pixel : si la recette RGAA "\
	"échoue, la vidéo et l'achat média glissent d'une semaine.",	\
	"arbitrages=Nous gardons la réserve de 2 000 € pour les aléas et "\
	"confions la vidéo sous-titrée au Studio Lumen, plus fiable.",	\
	"suivi=Budget : 9 100 € engagés sur 20 000 €, contenus livrés, site "\
	"et vidéo en production, réunion hebdomadaire dans Trello."

static void
e3_indicators_of_a_complete_framing_keep_their_evidence(void **state)
{
	struct play		 p;
	const struct team_result *r;
	int64_t			 tool, need, role, role2, as_site, as_video;
	int64_t			 as_contenu, as_media, pl_site, pl_video;
	int64_t			 pl_contenu, pl_media, frame, frame2, open;
	int64_t			 ask, answer;
	int			 c;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	tool = ALPHA(&p, "outil", "outil=trello");
	need = ALPHA(&p, "amenager", "membre=bob", "besoin=1");
	role = ALPHA_WHY(&p, "Deux rôles pour deux candidats, suivis chaque "
	    "semaine dans Trello selon la disponibilité de chacun", "mission",
	    "role=chef", "candidat=Alice", "texte=Planifier les lots, arbitrer "
	    "délais et coûts, animer la réunion hebdomadaire dans Trello, "
	    "prévoir le matériel adapté de Bob Martin");
	role2 = ALPHA(&p, "mission", "role=budget", "candidat=Basile",
	    "texte=Suivre le budget");
	ALPHA(&p, "reserve", "montant=2000");
	as_site = ALPHA_WHY(&p, "RGAA", "attribuer", "lot=site",
	    "prestataire=agence");
	as_video = ALPHA_WHY(&p, "sous-titres", "attribuer", "lot=video",
	    "prestataire=studio");
	as_contenu = ALPHA(&p, "attribuer", "lot=contenu", "interne=ana");
	as_media = ALPHA(&p, "attribuer", "lot=media", "interne=ana");
	pl_site = ALPHA(&p, "planifier", "lot=site", "debut=S-3", "fin=S-2");
	pl_video = ALPHA(&p, "planifier", "lot=video", "debut=S-3", "fin=S-2");
	pl_contenu = ALPHA(&p, "planifier", "lot=contenu", "debut=S-3",
	    "fin=S-3");
	pl_media = ALPHA(&p, "planifier", "lot=media", "debut=S-1", "fin=S-1");
	frame = ALPHA(&p, "cadrer", "prestataire=agence",
	    "reunions=hebdomadaire", "format=Site HTML conforme RGAA, sources "
	    "livrées", "recette=Audit RGAA de douze pages, corrections avant "
	    "mise en ligne", "heures=2", "outil=trello");
	frame2 = ALPHA(&p, "cadrer", "prestataire=studio",
	    "reunions=hebdomadaire", "format=Vidéo MP4 sous-titrée, "
	    "transcription jointe", "recette=Relecture des sous-titres et de "
	    "la transcription par Alice", "heures=1", "outil=trello");
	open = TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "cloturer_semaine");
	ask = TRAINER(&p, "demander_point", "point=mi");
	answer = ALPHA(&p, "point", "point=1", GOOD_PARTS);
	play_to_launch(&p);
	r = &play_team(&p, "Alpha")->result;
	for (c = 0; c < E3_CRITERION_COUNT; c++) {
		assert_true(r->e3_assessed[c]);
		assert_int_equal(game_e3_level(r, c), E3_LEVEL_ACQUIRED);
	}
	assert_int_equal(r->e3[E3_RETROPLANNING], 100);
	assert_int_equal(r->e3[E3_TOOL], 100);
	assert_int_equal(r->e3[E3_FRAMING], 100);
	assert_int_equal(r->e3[E3_SUPPLIERS], 100);
	assert_int_equal(r->e3[E3_TEAM], 100);
	assert_int_equal(r->e3[E3_ACCESSIBILITY], 100);
	assert_int_equal(r->e3[E3_STATUS_POINTS], 100);
	/* No incident: budget and delivery, half each. */
	assert_int_equal(r->e3[E3_PILOTAGE], (r->scores[RESULT_BUDGET] +
	    r->scores[RESULT_DELIVERY]) / 2);
	/* Packages in scenario order: site, contenu, video, media. */
	EVIDENCE(r, E3_RETROPLANNING, pl_site, pl_contenu, pl_video, pl_media);
	EVIDENCE(r, E3_TOOL, tool, frame2, frame);
	EVIDENCE(r, E3_FRAMING, open);
	EVIDENCE(r, E3_SUPPLIERS, frame2, frame);
	EVIDENCE(r, E3_TEAM, as_site, as_contenu, as_video, as_media, role);
	(void)role2;
	EVIDENCE(r, E3_ACCESSIBILITY, need, as_site, as_video);
	EVIDENCE(r, E3_STATUS_POINTS, ask, answer);
	assert_int_equal(play_team(&p, "Alpha")->requests[0].parts[0],
	    PART_COMPLETE);
	assert_string_equal(comment(r, E3_RETROPLANNING), "4 lot(s) sur 4 "
	    "planifiés, dont 4 dans l'ordre des dépendances et avant leur "
	    "échéance ; 2 interne(s), 2 chez des prestataires");
	assert_string_equal(comment(r, E3_TOOL), "Trello choisi au "
	    "cadrage, nommé dans les écrits de l'équipe, outil d'échange avec "
	    "un prestataire ; 0 outil(s) redondant(s)");
	assert_string_equal(comment(r, E3_SUPPLIERS), "2 relation(s) "
	    "cadrée(s) sur 2, qualité moyenne du cadrage 100/100");
	assert_string_equal(comment(r, E3_TEAM), "4 lot(s) sur 4 confiés ; "
	    "missions rédigées pour 1 rôle(s) obligatoire(s) sur 1 ; rôles "
	    "tenus par 2 candidat(s) sur 2 possibles ; 0 équipier(s) "
	    "surchargé(s) ; méthode justifiée");
	assert_string_equal(comment(r, E3_ACCESSIBILITY), "1 besoin(s) "
	    "d'aménagement couvert(s) sur 1, dont 1 analysé(s) par écrit ; 2 "
	    "livrable(s) accessible(s) sur 2 concerné(s)");
	assert_string_equal(comment(r, E3_STATUS_POINTS), "1 point(s) "
	    "demandé(s) : 1 à l'heure, 0 en retard, 0 non rendu(s) ; 1 "
	    "complet(s) dans ses trois parties");
	play_end(&p);
}

static void
e3_indicators_of_a_weak_framing(void **state)
{
	struct play		 p;
	const struct team_result *r;
	int64_t			 as_site, as_video, as_contenu, as_media;
	int64_t			 pl_site, pl_contenu, pl_media, open, tool;
	int64_t			 ask1, ask2, ask3, sub1, sub2, slack;

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	slack = ALPHA(&p, "outil", "outil=slack");
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
	/* Alerts: video unplanned; Ana in week 1: contenu 4 + her share of
	 * the site, 20 × 5/9 / 3 weeks = 3,70 → 7,70 days; agency unframed;
	 * Bob's need; no chef; no project-management tool. */
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
	/* Contenu (week 1, due 2) and the site (weeks 1–3, due 3) in
	 * order; the media after an unplanned video is not: 2 of 4 = 50,
	 * no supplier's package on the plan: halved, 25. */
	assert_int_equal(r->e3[E3_RETROPLANNING], 25);
	/* Slack chosen at framing (40), Trello while piloting (20): the
	 * best, 40; never named, no exchange with a supplier. */
	assert_int_equal(r->e3[E3_TOOL], 40);
	/* 6 alerts × 15. */
	assert_int_equal(r->e3[E3_FRAMING], 10);
	assert_int_equal(r->e3[E3_SUPPLIERS], 0);
	/* All packages owned (25), the chef role empty (0), nobody holds a
	 * role (0), Ana 16 days of 20 and Bob 10 of 16 (15), no method. */
	assert_int_equal(r->e3[E3_TEAM], 40);
	assert_int_equal(r->e3[E3_ACCESSIBILITY], 0);
	/* Point 1 late and thin: 15 / 2 = 7; point 2 on time, empty, thin,
	 * thin: 30 / 3 = 10; point 3 never given: 0.  17 / 3 = 5. */
	assert_int_equal(r->e3[E3_STATUS_POINTS], 5);
	assert_int_equal(play_team(&p, "Alpha")->requests[1].parts[0],
	    PART_EMPTY);
	assert_int_equal(play_team(&p, "Alpha")->requests[1].parts[1],
	    PART_THIN);
	/* No incident: budget and delivery, half each. */
	assert_int_equal(r->e3[E3_PILOTAGE], (r->scores[RESULT_BUDGET] +
	    r->scores[RESULT_DELIVERY]) / 2);
	/* Weighted by the fixture's weights (15 10 15 15 15 10, pilotage 0,
	 * points 20): 375 + 400 + 150 + 0 + 600 + 0 + 0 + 100 = 16. */
	assert_int_equal(r->e3_score, 16);
	for (int c = 0; c < E3_CRITERION_COUNT; c++)
		if (c != E3_PILOTAGE)
			assert_true(game_e3_level(r, c) < E3_LEVEL_PARTLY ||
			    c == E3_TEAM || c == E3_TOOL);
	EVIDENCE(r, E3_RETROPLANNING, pl_site, pl_contenu, pl_media);
	EVIDENCE(r, E3_TOOL, tool, slack);
	EVIDENCE(r, E3_FRAMING, open);
	assert_int_equal(r->e3_nevidence[E3_SUPPLIERS], 0);
	EVIDENCE(r, E3_TEAM, as_site, as_contenu, as_video, as_media);
	assert_int_equal(r->e3_nevidence[E3_ACCESSIBILITY], 0);
	EVIDENCE(r, E3_STATUS_POINTS, ask1, sub1, ask2, sub2, ask3);
	/* The first three alerts; all six are in the plan's screens. */
	assert_string_equal(comment(r, E3_FRAMING), "6 alerte(s) à "
	    "l'ouverture du pilotage, dont : « Vidéo » n'est pas placé sur le "
	    "rétroplanning ; Ana Lopez en surcharge en S-3 : 7,70 jours "
	    "prévus pour 5 disponibles ; la relation avec Agence Pixel n'est "
	    "pas cadrée (réunions, outil, format, recette, temps)…");
	assert_string_equal(comment(r, E3_TOOL), "Slack choisi au cadrage, "
	    "jamais nommé dans les écrits de l'équipe, outil d'échange avec "
	    "aucun prestataire ; 0 outil(s) redondant(s)");
	assert_string_equal(comment(r, E3_RETROPLANNING), "3 lot(s) sur 4 "
	    "planifiés, dont 2 dans l'ordre des dépendances et avant leur "
	    "échéance ; 3 interne(s), 0 chez des prestataires");
	assert_string_equal(comment(r, E3_STATUS_POINTS), "3 point(s) "
	    "demandé(s) : 1 à l'heure, 1 en retard, 1 non rendu(s) ; 0 "
	    "complet(s) dans ses trois parties");
	play_end(&p);
}

/* A team that did nothing: no supplier retained and no point asked, so
 * those two criteria are « non évaluable » and weigh nothing (their
 * weights do not count as 0 nor as 100); the others are judged. */
static void
criteria_with_nothing_to_judge_are_not_assessed(void **state)
{
	struct play		 p;
	const struct team_result *r;
	int			 c, sum = 0, weights = 0;
	/* The fixture's weights, in criterion order (pilotage 0). */
	static const int w[E3_CRITERION_COUNT] = { 15, 10, 15, 15, 15, 10, 0,
	    20 };

	(void)state;
	play_start(&p, play_rules(), 1, 1);
	TRAINER(&p, "ouvrir_pilotage");
	play_to_launch(&p);
	r = &play_team(&p, "Alpha")->result;
	assert_false(r->e3_assessed[E3_SUPPLIERS]);
	assert_false(r->e3_assessed[E3_STATUS_POINTS]);
	assert_int_equal(game_e3_level(r, E3_SUPPLIERS), E3_LEVEL_NA);
	assert_non_null(strstr(comment(r, E3_SUPPLIERS),
	    "critère non évaluable"));
	assert_non_null(strstr(comment(r, E3_STATUS_POINTS),
	    "critère non évaluable"));
	/* Bob's need is there to judge: accessibility is, at 0. */
	assert_true(r->e3_assessed[E3_ACCESSIBILITY]);
	assert_int_equal(r->e3[E3_ACCESSIBILITY], 0);
	for (c = 0; c < E3_CRITERION_COUNT; c++)
		if (c != E3_SUPPLIERS && c != E3_STATUS_POINTS) {
			sum += w[c] * r->e3[c];
			weights += w[c];
		}
	assert_int_equal(r->e3_score, sum / weights);
	play_end(&p);
}

/* A point over the scenario's mots_max is not synthetic: 30 % less, its
 * three parts complete and on time (100 → 70). */
static void
a_point_over_its_word_limit_loses_thirty_percent(void **state)
{
	struct play		 p;
	const struct team	*t;

	(void)state;
	play_start(&p, play_rules_with("titre = \"Point à mi-parcours\"; }",
	    "titre = \"Point à mi-parcours\"; mots_max = 50; }"), 1, 1);
	TRAINER(&p, "ouvrir_pilotage");
	TRAINER(&p, "demander_point", "point=mi");
	ALPHA(&p, "point", "point=1", GOOD_PARTS);
	t = play_team(&p, "Alpha");
	assert_true(t->requests[0].words > 50);
	assert_int_equal(t->requests[0].parts[0], PART_COMPLETE);
	assert_int_equal(t->requests[0].parts[1], PART_COMPLETE);
	assert_int_equal(t->requests[0].parts[2], PART_COMPLETE);
	assert_false(t->requests[0].late);
	assert_int_equal(game_point_score(&t->requests[0]), 70);
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
		cmocka_unit_test(extra_time_is_the_submitters_own_and_co_authors_are_credited),
		cmocka_unit_test(pause_extends_a_status_point_deadline),
		cmocka_unit_test(results_of_a_project_delivered_on_time),
		cmocka_unit_test(results_count_late_and_missing_packages_and_overspending),
		cmocka_unit_test(required_accessibility_halves_its_score_below_target),
		cmocka_unit_test(e3_indicators_of_a_complete_framing_keep_their_evidence),
		cmocka_unit_test(e3_indicators_of_a_weak_framing),
		cmocka_unit_test(criteria_with_nothing_to_judge_are_not_assessed),
		cmocka_unit_test(a_point_over_its_word_limit_loses_thirty_percent),
		cmocka_unit_test(e3_evidence_of_a_preview_does_not_outlive_the_plan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
