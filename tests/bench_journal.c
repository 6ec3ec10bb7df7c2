/*
 * bench_journal OUT N: writes a session of the default scenario with N
 * events through the real session API (validated, journaled with one write
 * and fdatasync each, applied), for `make bench` to time its replay.  The
 * events are trainer messages and notes and a team toggling a tool.
 * bench_journal OUT N class: a class day instead, about N events: eight
 * teams of three played by the simulate policies through framing and every
 * week, the trainer requesting each status point and writing to the teams
 * between weeks; the session ends sealed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/game.h"
#include "core/policy.h"
#include "io/scenario_load.h"
#include "io/session.h"

static long	 submitted;

/* One decision through the real session API; refused ones are skipped. */
static void
submit(struct session *ss, struct event *e, int64_t *clock)
{
	char	*cause = NULL;
	bool	 refused;

	*clock += 7000;
	e->time = *clock;
	if (session_submit(ss, e, &refused, &cause) == -1) {
		if (!refused) {
			fprintf(stderr, "bench_journal: %s\n", cause);
			exit(70);
		}
		free(cause);
		return;
	}
	submitted++;
}

static void
trainer(struct session *ss, int64_t *clock, const char *type, const char *k,
    const char *v, const char *k2, const char *v2)
{
	struct event	 e;

	event_init(&e);
	event_set(&e.type, type);
	event_set(&e.actor, GAME_TRAINER);
	if (k != NULL)
		record_set_text(&e.data, k, v);
	if (k2 != NULL)
		record_set_text(&e.data, k2, v2);
	submit(ss, &e, clock);
	event_release(&e);
}

static void
moves(struct session *ss, int64_t *clock, struct policy_moves *pm)
{
	int	 i;

	for (i = 0; i < pm->count; i++)
		submit(ss, &pm->events[i], clock);
	policy_moves_release(pm);
}

/* A class day of about n events (see the top of the file). */
static int
class_day(const char *out, struct scenario *s, long n)
{
	static const char *const names[8] = { "Alpha", "Bêta", "Gamma",
	    "Delta", "Epsilon", "Zêta", "Êta", "Thêta" };
	static const char *const people[3] = { "Léa Martin", "Hugo Petit",
	    "Zoé Roux" };
	struct game_setup	 setup;
	struct session		*ss;
	struct policy_moves	 pm;
	char			*cause = NULL, text[96];
	int64_t			 clock = 1800000000000LL;
	int			 i, k, w, round;

	memset(&setup, 0, sizeof setup);
	setup.seed = 1;
	setup.nteams = 8;
	for (i = 0; i < 8; i++) {
		setup.teams[i].name = names[i];
		setup.teams[i].ncandidates = 3;
		for (k = 0; k < 3; k++)
			setup.teams[i].candidates[k].name = people[k];
	}
	if (session_create(out, s, &setup, &ss, &cause) == -1) {
		fprintf(stderr, "%s\n", cause);
		return 74;
	}
	for (i = 0; i < 8; i++) {
		policy_frame(ss->game, i, (enum policy_kind)(i % POLICY_COUNT),
		    &pm);
		moves(ss, &clock, &pm);
	}
	trainer(ss, &clock, "ouvrir_pilotage", NULL, NULL, NULL, NULL);
	for (w = 1; w <= s->weeks && ss->game->phase == PHASE_PILOTING; w++) {
		for (k = 0; k < s->nstatus_points; k++)
			if (s->status_points[k].week == w)
				trainer(ss, &clock, "demander_point", "point",
				    s->status_points[k].id, NULL, NULL);
		/* Teams decide several times a week, the trainer follows. */
		for (round = 0; round < 4; round++)
			for (i = 0; i < 8; i++) {
				policy_week(ss->game, i,
				    (enum policy_kind)(i % POLICY_COUNT), &pm);
				moves(ss, &clock, &pm);
			}
		/* What a trainer writes between weeks, up to about n. */
		for (i = 0; submitted < n * w / (s->weeks + 1) && i < 4000;
		    i++) {
			snprintf(text, sizeof text, "Semaine %d, point n°%d : "
			    "où en est votre plan de charge ?", w, i);
			trainer(ss, &clock, "note", "equipe", names[i % 8],
			    "texte", text);
		}
		trainer(ss, &clock, "cloturer_semaine", NULL, NULL, NULL, NULL);
	}
	session_close(ss);
	return 0;
}

int
main(int argc, char **argv)
{
	struct game_setup	 setup;
	struct scenario		*s;
	struct session		*ss;
	struct diag		 d;
	struct event		 e;
	char			*cause = NULL, text[64];
	long			 n, i;
	bool			 refused;

	if ((argc != 3 && (argc != 4 || strcmp(argv[3], "class") != 0)) ||
	    (n = atol(argv[2])) < 1) {
		fprintf(stderr, "usage: bench_journal OUT N [class]\n");
		return 64;
	}
	diag_init(&d);
	if (scenario_load("scenarios/lancement-hydra.cfg", &s, &d) !=
	    SCENARIO_LOAD_OK)
		return 65;
	diag_release(&d);
	if (argc == 4) {
		i = class_day(argv[1], s, n);
		scenario_free(s);
		return (int)i;
	}
	memset(&setup, 0, sizeof setup);
	setup.seed = 1;
	setup.nteams = 1;
	setup.teams[0].name = "Alpha";
	setup.teams[0].ncandidates = 1;
	setup.teams[0].candidates[0].name = "Léa Martin";
	if (session_create(argv[1], s, &setup, &ss, &cause) == -1) {
		fprintf(stderr, "%s\n", cause);
		return 74;
	}
	for (i = 0; i < n; i++) {
		event_init(&e);
		e.time = 1800000000000LL + i * 1000;
		switch (i % 4) {
		case 0:
		case 1:
			event_set(&e.type, "outil");
			event_set(&e.team, "Alpha");
			event_set(&e.actor, "Léa Martin");
			record_set_text(&e.data, "outil", "trello");
			if (i % 4 == 1)
				record_set_text(&e.data, "retirer", "oui");
			break;
		case 2:
			event_set(&e.type, "message");
			event_set(&e.actor, GAME_TRAINER);
			snprintf(text, sizeof text, "Message n°%ld : où en êtes-"
			    "vous ?", i);
			record_set_text(&e.data, "texte", text);
			break;
		default:
			event_set(&e.type, "note");
			event_set(&e.actor, GAME_TRAINER);
			record_set_text(&e.data, "equipe", "Alpha");
			record_set_text(&e.data, "texte", "Bonne dynamique");
			break;
		}
		if (session_submit(ss, &e, &refused, &cause) == -1) {
			fprintf(stderr, "event %ld: %s\n", i, cause);
			return 70;
		}
		event_release(&e);
	}
	session_close(ss);
	scenario_free(s);
	return 0;
}
