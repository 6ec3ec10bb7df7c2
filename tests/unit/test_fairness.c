/*
 * Fairness and replay of the engine (an exam must be fair, a journal must
 * be evidence): two teams taking the same decisions at the same times end in
 * the same state, whatever the draws, while a third team deciding otherwise
 * ends elsewhere; and feeding the recorded events to a fresh game gives the
 * same state, byte for byte, every time.
 *
 * The session uses tests/fixtures/rules.cfg with its "signal" incident drawn
 * every week (50 %, repeating) and seed 10, whose draws are: signal 43, 43,
 * 84, 25 in weeks 1-4 (fires in weeks 1, 2 and 4); the studio's video may
 * slip; the negotiation of the video in framing draws 40.
 */
#include "unit/cmocka_prelude.h"
#include "unit/play.h"

#define SEED	10

static struct scenario *
fair_scenario(void)
{
	return play_rules_with("declencheur = { manuel = true; };\n",
	    "declencheur = { probabilite = 50; repete = true; };\n");
}

/* The decisions Alpha and Beta both take, in order, at the same times. */
static void
same_framing(struct play *p, const char *team)
{
	TEAM(p, team, "outil", "outil=trello");
	TEAM(p, team, "outil", "outil=slack");
	TEAM(p, team, "attribuer", "lot=site", "interne=ana,bob",
	    "accessibilite=oui");
	TEAM_WHY(p, team, "sous-titres inclus", "attribuer", "lot=video",
	    "prestataire=studio");
	TEAM(p, team, "attribuer", "lot=contenu", "interne=ana");
	TEAM(p, team, "attribuer", "lot=media", "interne=ana");
	TEAM(p, team, "planifier", "lot=site", "debut=S-3", "fin=S-1");
	TEAM(p, team, "planifier", "lot=video", "debut=S-3", "fin=S-2");
	TEAM(p, team, "planifier", "lot=contenu", "debut=S-3", "fin=S-3");
	TEAM(p, team, "planifier", "lot=media", "debut=S-1", "fin=S-0");
	TEAM(p, team, "cadrer", "prestataire=studio", "reunions=mensuelle",
	    "format=MP4 sous-titré", "recette=Relecture des sous-titres",
	    "heures=1", "outil=trello");
	TEAM(p, team, "reserve", "montant=2000");
	TEAM(p, team, "mission", "role=chef", "candidat=Alice",
	    "texte=Planifier, arbitrer");
	TEAM(p, team, "negocier", "lot=video", "objet=delai");
}

static void
same_week1(struct play *p, const char *team)
{
	TEAM_WHY(p, team, PLAY_WHY, "repondre", "incident=1", "option=a");
	TEAM_WHY(p, team, PLAY_WHY, "repondre", "incident=3", "option=1");
	TEAM_WHY(p, team, "renfort ponctuel", "utiliser_reserve",
	    "montant=500");
	play_act(p, team, "Basile", NULL, "point", "point=1",
	    "risques=Studio fragile", "arbitrages=Renfort payé sur la réserve",
	    "suivi=Site en cours, vidéo commandée", NULL);
}

static void
same_week2(struct play *p, const char *team)
{
	TEAM_WHY(p, team, PLAY_WHY, "repondre", "incident=4", "option=b");
	TEAM_WHY(p, team, PLAY_WHY, "repondre", "incident=6", "option=membre");
	TEAM(p, team, "amenager", "membre=bob", "besoin=1");
}

/* One whole session: Alpha and Beta alike, Gamma its own way. */
static void
fair_session(struct play *p)
{
	play_start(p, fair_scenario(), SEED, 3);
	same_framing(p, "Alpha");
	same_framing(p, "Beta");
	TEAM_WHY(p, "Gamma", "conforme RGAA", "attribuer", "lot=site",
	    "prestataire=agence");
	TEAM_WHY(p, "Gamma", "le moins cher", "attribuer", "lot=video",
	    "prestataire=agence");
	TEAM(p, "Gamma", "attribuer", "lot=contenu", "interne=ana");
	TEAM(p, "Gamma", "attribuer", "lot=media", "interne=ana");
	p->time = T0 + MINUTE;
	TRAINER(p, "ouvrir_pilotage");			/* signal: occ 1 */
	p->time = T0 + 2 * MINUTE;
	TRAINER(p, "injecter", "incident=retard");	/* occ 2, default */
	TRAINER(p, "injecter", "titre=Renfort", "texte=Un stagiaire arrive",
	    "option1=Le prendre : cible=lot_interne, charge=-2",
	    "option2=Refuser : moral=-3", "defaut=Oublié : moral=-6");
	TRAINER(p, "demander_point", "point=mi");
	p->time = T0 + 5 * MINUTE;
	same_week1(p, "Alpha");
	same_week1(p, "Beta");
	TEAM_WHY(p, "Gamma", PLAY_WHY, "repondre", "incident=1", "option=b");
	p->time = T0 + 30 * MINUTE;	/* every open deadline has passed */
	TEAM(p, "Gamma", "point", "point=1", "risques=Aucun",
	    "arbitrages=Aucun", "suivi=Tout va bien");
	p->time = T0 + 31 * MINUTE;
	TRAINER(p, "cloturer_semaine");			/* signal: occ 4 */
	p->time = T0 + 33 * MINUTE;
	TRAINER(p, "injecter", "incident=perimetre");	/* occ 5, default */
	TRAINER(p, "injecter", "incident=climat");	/* occ 6 */
	p->time = T0 + 35 * MINUTE;
	same_week2(p, "Alpha");
	same_week2(p, "Beta");
	TEAM_WHY(p, "Gamma", PLAY_WHY, "repondre", "incident=6", "option=equipe");
	p->time = T0 + 60 * MINUTE;
	TRAINER(p, "cloturer_semaine");
	p->time = T0 + 90 * MINUTE;
	TRAINER(p, "cloturer_semaine");
	p->time = T0 + 120 * MINUTE;
	TRAINER(p, "cloturer_semaine");
	assert_int_equal(p->g->phase, PHASE_LAUNCHED);
}

/*
 * A team's part of game_dump(), its name removed, and the numbers of the
 * events that closed its occurrences masked: two teams' own answers are
 * necessarily different journal lines.
 */
static char *
team_section(const char *dump, const char *name)
{
	char		 head[64];
	const char	*start, *end, *p;
	char		*out, *o;

	snprintf(head, sizeof head, "\nteam %s ", name);
	start = strstr(dump, head);
	assert_non_null(start);
	start += 1;
	end = strstr(start + 1, "\nteam ");
	if (end == NULL)
		end = strstr(start, "\nbroadcasts=");
	assert_non_null(end);
	out = malloc((size_t)(end - start) + 1);
	assert_non_null(out);
	o = out;
	memcpy(o, "team ", 5);
	o += 5;
	for (p = start + strlen(head) - 1; p < end; p++) {
		*o++ = *p;
		if (p - 7 >= start && strncmp(p - 6, "closed=", 7) == 0) {
			*o++ = '?';
			while (p + 1 < end && p[1] >= '0' && p[1] <= '9')
				p++;
		}
	}
	*o = '\0';
	return out;
}

static void
teams_with_the_same_decisions_end_in_the_same_state(void **state)
{
	struct play	 p;
	struct team	*a, *b, *c;
	char		*dump, *sa, *sb, *sc;
	int		 i;

	(void)state;
	fair_session(&p);
	a = play_team(&p, "Alpha");
	b = play_team(&p, "Beta");
	c = play_team(&p, "Gamma");
	dump = game_dump(p.g);
	sa = team_section(dump, "Alpha");
	sb = team_section(dump, "Beta");
	sc = team_section(dump, "Gamma");
	assert_string_equal(sa, sb);
	assert_true(strcmp(sa, sc) != 0);
	/* The comparison covered the whole play: packages, money, people,
	 * incidents and their draws, status points, explanations, results. */
	assert_non_null(strstr(sa, " pkg site "));
	assert_non_null(strstr(sa, " line prod "));
	assert_non_null(strstr(sa, " occ 7 "));
	assert_non_null(strstr(sa, " point 1 "));
	assert_non_null(strstr(sa, " why w4 "));
	assert_non_null(strstr(sa, " result score="));
	/* The random incident hit every team in the same weeks, whatever
	 * they decided: weeks 1, 2 and 4. */
	for (i = 0; i < c->noccurrences; i++)
		if (c->occurrences[i].incident == INC_SIGNAL)
			assert_true(c->occurrences[i].week == 1 ||
			    c->occurrences[i].week == 2 ||
			    c->occurrences[i].week == 4);
	assert_int_equal(a->noccurrences, c->noccurrences);
	assert_int_equal(a->occurrences[6].incident, INC_SIGNAL);
	assert_int_equal(a->occurrences[6].week, 4);
	/* Same answers by the same candidate; defaults closed by the same
	 * event for everybody. */
	for (i = 0; i < a->noccurrences; i++) {
		assert_int_equal(a->occurrences[i].status,
		    b->occurrences[i].status);
		if (a->occurrences[i].status == OCC_DEFAULTED)
			assert_int_equal(a->occurrences[i].closed_seq,
			    b->occurrences[i].closed_seq);
		else if (a->occurrences[i].status == OCC_ANSWERED)
			assert_true(a->occurrences[i].closed_seq <
			    b->occurrences[i].closed_seq);
	}
	assert_int_equal(a->result.score, b->result.score);
	assert_int_equal(a->result.e3_score, b->result.e3_score);
	assert_true(a->result.e3_score != c->result.e3_score);
	free(sa);
	free(sb);
	free(sc);
	free(dump);
	play_end(&p);
}

static void
replaying_the_journal_rebuilds_the_state_byte_for_byte(void **state)
{
	struct play	 p;
	struct game	*g1, *g2;
	char		*live, *d1, *d2;

	(void)state;
	fair_session(&p);
	live = game_dump(p.g);
	g1 = play_replay(&p);
	g2 = play_replay(&p);
	d1 = game_dump(g1);
	d2 = game_dump(g2);
	assert_int_equal(strlen(d1), strlen(live));
	assert_memory_equal(d1, live, strlen(live) + 1);
	assert_memory_equal(d2, live, strlen(live) + 1);
	assert_int_equal(g1->last_seq, p.nlog);
	assert_int_equal(g1->phase, PHASE_LAUNCHED);
	free(live);
	free(d1);
	free(d2);
	game_free(g1);
	game_free(g2);
	play_end(&p);
}

/*
 * A console's fold without the seed: team k's copy, seedless, applies its
 * own team's events and the trainer's, ticks over the other teams' (as the
 * host sends them: number and time only), and takes each line's draws from
 * those the host recorded on that line for team k.  It ends in team
 * k's state byte for byte; without the draws it would not.
 */
static char *
seedless_fold(const struct play *p, int k, bool with_draws)
{
	struct game_setup	 blind_setup = p->setup;
	struct game		*host, *g;
	struct draw		*mine;
	struct event		 line;
	char			*cause = NULL, *dump;
	int			 i, j, n, total = 0;

	blind_setup.seed_hidden = true;
	host = game_new(p->s, &p->setup);
	g = game_new(p->s, &blind_setup);
	assert_false(g->seed_known);
	for (i = 0; i < p->nlog; i++) {
		/* The host records the draws of the line it journals. */
		line = p->log[i];
		line.draws = NULL;
		line.ndraws = 0;
		game_apply_recording(host, &line);
		total += line.ndraws;
		mine = calloc((size_t)line.ndraws + 1, sizeof *mine);
		assert_non_null(mine);
		for (j = n = 0; j < line.ndraws; j++)
			if ((line.draws[j].teams & (1u << k)) != 0 && with_draws)
				mine[n++] = line.draws[j];
		free(line.draws);
		game_give_draws(g, mine, n);
		if (p->log[i].team != NULL && game_team_index(g,
		    p->log[i].team) != k)
			game_tick(g, p->log[i].seq, p->log[i].time);
		else if (game_validate(g, &p->log[i], &cause) == 0)
			game_apply(g, &p->log[i]);
		else if (with_draws)
			fail_msg("refused on the console: %s", cause);
		else {
			/* Blind, it went astray: the answer is moot here. */
			free(cause);
			cause = NULL;
			game_tick(g, p->log[i].seq, p->log[i].time);
		}
		game_give_draws(g, NULL, 0);
		free(mine);
	}
	assert_true(total > 0);
	dump = game_dump_team(g, k);
	game_free(host);
	game_free(g);
	return dump;
}

static void
a_console_folds_its_team_without_the_seed_from_the_draws_given(void **state)
{
	struct play	 p;
	char		*want, *got, *blind;
	int		 k;

	(void)state;
	fair_session(&p);
	for (k = 0; k < 3; k++) {
		want = game_dump_team(p.g, k);
		got = seedless_fold(&p, k, true);
		assert_string_equal(got, want);
		blind = seedless_fold(&p, k, false);
		assert_true(strcmp(blind, want) != 0);
		free(want);
		free(got);
		free(blind);
	}
	play_end(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(teams_with_the_same_decisions_end_in_the_same_state),
		cmocka_unit_test(replaying_the_journal_rebuilds_the_state_byte_for_byte),
		cmocka_unit_test(a_console_folds_its_team_without_the_seed_from_the_draws_given),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
