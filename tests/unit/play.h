/*
 * play: a small driver for the engine's rule tests (test_rules.c,
 * test_incidents.c, test_results.c, test_fairness.c).  It loads
 * tests/fixtures/rules.cfg (or a variant of it), creates a session with up to
 * three teams of the same three candidates, and turns one line per decision
 * into an event that must pass game_validate() before game_apply() - or must
 * be refused with a given French message.  Every applied event is kept, so
 * that a test can replay the session.
 *
 * Include after "unit/cmocka_prelude.h".  The helpers are static and marked
 * unused: each test file uses some of them.
 */
#ifndef PILOTE_TEST_PLAY_H
#define PILOTE_TEST_PLAY_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/game.h"
#include "core/ledger.h"
#include "core/rng.h"
#include "io/scenario_load.h"
#include "util/diag.h"

#define PLAY_UNUSED	__attribute__((unused))

#define RULES		"tests/fixtures/rules.cfg"
#define NBSP		"\xc2\xa0"		/* text_money()'s separator */
#define T0		INT64_C(1767225600000)	/* 2026-01-01 00:00 UTC, ms */
#define MINUTE		INT64_C(60000)
#define EUROS(n)	((int64_t)(n) * 100)	/* cents */
/* The justification an answer to an incident needs (repondre). */
#define PLAY_WHY	"Arbitrage de l'équipe"

/* Indexes of rules.cfg, in the order written there. */
enum { SITE, CONTENU, VIDEO, MEDIA };
enum { ANA, BOB };
enum { STUDIO, AGENCE, FREELANCE };
enum { L_INTERNE, L_PROD, L_MEDIA, L_OUTILS, L_IMPREVUS };
enum { TRELLO, SLACK, FIGMA };
enum { VISITES, LEADS };
enum { INC_PANNE, INC_COUPE, INC_RETARD, INC_PERIMETRE, INC_AUDIT,
	INC_CLIMAT, INC_BUZZ, INC_ARRET, INC_FIABILITE, INC_RELANCE,
	INC_ESCALADE, INC_SIGNAL };

struct play {
	struct scenario	*s;
	struct game	*g;
	int64_t		 time;		/* ms, the time of the next events */
	struct event	*log;		/* every applied event, in order */
	int		 nlog;
	struct game_setup setup;	/* to replay the session */
};

static PLAY_UNUSED char *
play_read(const char *path)
{
	FILE	*f = fopen(path, "rb");
	char	*buf;
	long	 n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* rules.cfg with one substring replaced (it must occur exactly once). */
static PLAY_UNUSED struct scenario *
play_rules_with(const char *from, const char *to)
{
	struct diag	 d;
	struct scenario	*s = NULL;
	char		*text = play_read(RULES), *at, *out;
	size_t		 n, i;

	at = strstr(text, from);
	if (at == NULL || strstr(at + 1, from) != NULL)
		fail_msg("rules.cfg must contain \"%s\" exactly once", from);
	n = strlen(text) - strlen(from) + strlen(to);
	out = malloc(n + 1);
	assert_non_null(out);
	memcpy(out, text, (size_t)(at - text));
	strcpy(out + (at - text), to);
	strcat(out, at + strlen(from));
	diag_init(&d);
	if (scenario_load_text(RULES, out, strlen(out), &s, &d) !=
	    SCENARIO_LOAD_OK || d.count > 0) {
		for (i = 0; i < d.count; i++)
			print_message("%d: %s\n", d.items[i].line,
			    d.items[i].message);
		fail_msg("the variant of rules.cfg does not load cleanly");
	}
	diag_release(&d);
	free(text);
	free(out);
	return s;
}

static PLAY_UNUSED struct scenario *
play_rules(void)
{
	struct diag	 d;
	struct scenario	*s = NULL;

	diag_init(&d);
	assert_int_equal(scenario_load(RULES, &s, &d), SCENARIO_LOAD_OK);
	assert_int_equal(d.count, 0);
	diag_release(&d);
	return s;
}

/*
 * A session on s (which the play then owns): teams Alpha, Beta, Gamma (the
 * first n), each with Alice (role chef), Basile (33 % extra time on status
 * points) and Chloé, whom Basile helps to type.
 */
static PLAY_UNUSED void
play_start(struct play *p, struct scenario *s, uint64_t seed, int nteams)
{
	static const char *const names[] = { "Alpha", "Beta", "Gamma" };
	struct game_setup	 setup;
	char			*cause = NULL;
	int			 i;

	memset(p, 0, sizeof *p);
	memset(&setup, 0, sizeof setup);
	setup.seed = seed;
	setup.nteams = nteams;
	for (i = 0; i < nteams; i++) {
		struct game_setup_team *t = &setup.teams[i];

		t->name = names[i];
		t->ncandidates = 3;
		t->candidates[0].name = "Alice";
		t->candidates[0].role = "chef";
		t->candidates[1].name = "Basile";
		t->candidates[1].extra_time = 33;
		t->candidates[2].name = "Chloé";
		t->candidates[2].assistant = "Basile";
	}
	if (game_setup_check(s, &setup, &cause) != 0)
		fail_msg("setup refused: %s", cause);
	p->s = s;
	p->setup = setup;
	p->g = game_new(s, &setup);
	p->time = T0;
}

static PLAY_UNUSED void
play_end(struct play *p)
{
	int	 i;

	for (i = 0; i < p->nlog; i++)
		event_release(&p->log[i]);
	free(p->log);
	game_free(p->g);
	scenario_free(p->s);
	memset(p, 0, sizeof *p);
}

/* The event of one decision, numbered after the last applied one. */
static PLAY_UNUSED void
play_build(struct play *p, struct event *e, const char *team,
    const char *actor, const char *why, const char *type, va_list ap)
{
	const char	*kv, *eq;
	char		*key;

	event_init(e);
	e->seq = p->g->last_seq + 1;
	e->time = p->time;
	event_set(&e->team, team);
	event_set(&e->actor, actor);
	event_set(&e->why, why);
	event_set(&e->type, type);
	while ((kv = va_arg(ap, const char *)) != NULL) {
		eq = strchr(kv, '=');
		if (eq == NULL)
			fail_msg("argument \"%s\" is not key=value", kv);
		key = strndup(kv, (size_t)(eq - kv));
		record_set_text(&e->data, key, eq + 1);
		free(key);
	}
}

static PLAY_UNUSED void
play_apply(struct play *p, struct event *e)
{
	char	*cause = NULL;

	if (game_validate(p->g, e, &cause) != 0)
		fail_msg("« %s » refused: %s", e->type, cause);
	assert_null(cause);
	game_apply(p->g, e);
	assert_int_equal(p->g->last_seq, e->seq);
	p->log = realloc(p->log, (size_t)(p->nlog + 1) * sizeof *p->log);
	assert_non_null(p->log);
	p->log[p->nlog++] = *e;		/* the log owns it now */
}

/* Validates and applies a decision (key=value..., NULL); its seq. */
static PLAY_UNUSED int64_t
play_act(struct play *p, const char *team, const char *actor, const char *why,
    const char *type, ...)
{
	struct event	 e;
	va_list		 ap;

	va_start(ap, type);
	play_build(p, &e, team, actor, why, type, ap);
	va_end(ap);
	play_apply(p, &e);
	return e.seq;
}

/* A decision that must be refused with a cause containing needle. */
static PLAY_UNUSED void
play_refused(struct play *p, const char *team, const char *actor,
    const char *why, const char *needle, const char *type, ...)
{
	struct event	 e;
	va_list		 ap;
	char		*cause = NULL;
	char		*before, *after;

	va_start(ap, type);
	play_build(p, &e, team, actor, why, type, ap);
	va_end(ap);
	before = game_dump(p->g);
	if (game_validate(p->g, &e, &cause) == 0)
		fail_msg("« %s » accepted, expected a refusal with \"%s\"",
		    type, needle);
	assert_non_null(cause);
	if (strstr(cause, needle) == NULL)
		fail_msg("« %s » refused with \"%s\", expected \"%s\"", type,
		    cause, needle);
	/* A refusal changes nothing. */
	after = game_dump(p->g);
	assert_string_equal(before, after);
	free(before);
	free(after);
	free(cause);
	event_release(&e);
}

/* A new game fed with the play's events, each validated first. */
static PLAY_UNUSED struct game *
play_replay(const struct play *p)
{
	struct game	*g = game_new(p->s, &p->setup);
	char		*cause = NULL;
	int		 i;

	for (i = 0; i < p->nlog; i++) {
		if (game_validate(g, &p->log[i], &cause) != 0)
			fail_msg("replay of event %lld refused: %s",
			    (long long)p->log[i].seq, cause);
		game_apply(g, &p->log[i]);
	}
	return g;
}

/* Shorthands: Alice of team Alpha, Alice of another team, the trainer. */
#define ALPHA(p, ...)							\
	play_act(p, "Alpha", "Alice", NULL, __VA_ARGS__, NULL)
#define ALPHA_WHY(p, why, ...)						\
	play_act(p, "Alpha", "Alice", why, __VA_ARGS__, NULL)
#define TEAM(p, team, ...)						\
	play_act(p, team, "Alice", NULL, __VA_ARGS__, NULL)
#define TEAM_WHY(p, team, why, ...)					\
	play_act(p, team, "Alice", why, __VA_ARGS__, NULL)
#define TRAINER(p, ...)							\
	play_act(p, NULL, GAME_TRAINER, NULL, __VA_ARGS__, NULL)
#define REFUSED(p, needle, ...)						\
	play_refused(p, "Alpha", "Alice", NULL, needle, __VA_ARGS__, NULL)
#define REFUSED_WHY(p, why, needle, ...)				\
	play_refused(p, "Alpha", "Alice", why, needle, __VA_ARGS__, NULL)
#define TRAINER_REFUSED(p, needle, ...)					\
	play_refused(p, NULL, GAME_TRAINER, NULL, needle, __VA_ARGS__, NULL)

static PLAY_UNUSED struct team *
play_team(struct play *p, const char *name)
{
	int	 i = game_team_index(p->g, name);

	assert_true(i >= 0);
	return &p->g->teams[i];
}

/* The ledger's line of team t (core/ledger.h), as every view reads it. */
static PLAY_UNUSED struct ledger_line
play_line(const struct play *p, const struct team *t, int line)
{
	struct ledger	 l;

	game_ledger(p->g, t, &l);
	assert_true(line >= 0 && line < l.nlines);
	return l.lines[line];
}

/* The whole ledger of team t. */
static PLAY_UNUSED struct ledger
play_ledger(const struct play *p, const struct team *t)
{
	struct ledger	 l;

	game_ledger(p->g, t, &l);
	return l;
}

#define FORECAST(p, t, line)	(play_line(p, t, line).forecast)

/* Whether one of the team's explanations contains needle. */
static PLAY_UNUSED bool
play_explained(const struct team *t, const char *needle)
{
	int	 i;

	for (i = 0; i < t->nexplanations; i++)
		if (strstr(later_text(t->explanations[i].say), needle) != NULL)
			return true;
	return false;
}

static PLAY_UNUSED void
play_assert_explained(const struct team *t, const char *needle)
{
	int	 i;

	if (play_explained(t, needle))
		return;
	for (i = 0; i < t->nexplanations; i++)
		print_message("w%d %s\n", t->explanations[i].week,
		    later_text(t->explanations[i].say));
	fail_msg("no explanation contains \"%s\"", needle);
}

/* The explanation containing needle (which must exist). */
static PLAY_UNUSED const struct explanation *
play_explanation(const struct team *t, const char *needle)
{
	int	 i;

	for (i = 0; i < t->nexplanations; i++)
		if (strstr(later_text(t->explanations[i].say), needle) != NULL)
			return &t->explanations[i];
	play_assert_explained(t, needle);
	return NULL;
}

/*
 * The "standard plan" of the rule tests, for one team: every check of the
 * planning tool passes (see test_rules.c, plan_without_issue...):
 *   Trello; Bob's accommodation; Alice holds the chef role; reserve 2 000 €;
 *   site -> Agence Pixel (6 000 €, 2 weeks), weeks 1-2 (S-3..S-2);
 *   video -> Agence Pixel (2 000 €, 1 week), week 1 (S-3);
 *   contenu -> Ana, week 1; media -> Ana, week 2 (after contenu, video);
 *   Agence Pixel framed: weekly meetings, Trello, format, acceptance, 2 h.
 * Agence Pixel is 100 % reliable: it never slips.
 */
static PLAY_UNUSED void
play_standard_plan(struct play *p, const char *team)
{
	TEAM(p, team, "outil", "outil=trello");
	TEAM(p, team, "amenager", "membre=bob", "besoin=1");
	TEAM(p, team, "mission", "role=chef", "candidat=Alice",
	    "texte=Planifier et arbitrer");
	TEAM(p, team, "reserve", "montant=2000");
	TEAM_WHY(p, team, "accessible et fiable", "attribuer", "lot=site",
	    "prestataire=agence");
	TEAM_WHY(p, team, "le moins cher", "attribuer", "lot=video",
	    "prestataire=agence");
	TEAM(p, team, "attribuer", "lot=contenu", "interne=ana");
	TEAM(p, team, "attribuer", "lot=media", "interne=ana");
	TEAM(p, team, "planifier", "lot=site", "debut=S-3", "fin=S-2");
	TEAM(p, team, "planifier", "lot=video", "debut=S-3", "fin=S-3");
	TEAM(p, team, "planifier", "lot=contenu", "debut=S-3", "fin=S-3");
	TEAM(p, team, "planifier", "lot=media", "debut=S-2", "fin=S-2");
	TEAM(p, team, "cadrer", "prestataire=agence", "reunions=hebdomadaire",
	    "format=Maquettes et recette RGAA", "recette=Audit RGAA sans "
	    "non-conformité bloquante", "heures=2", "outil=trello");
}

#endif
