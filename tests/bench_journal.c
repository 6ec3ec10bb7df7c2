/*
 * bench_journal OUT N: writes a session of the default scenario with N
 * events through the real session API (validated, journaled with one write
 * and fdatasync each, applied), for `make bench` to time its replay.  The
 * events are trainer messages and notes and a team toggling a tool.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/game.h"
#include "io/scenario_load.h"
#include "io/session.h"

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

	if (argc != 3 || (n = atol(argv[2])) < 1) {
		fprintf(stderr, "usage: bench_journal OUT N\n");
		return 64;
	}
	diag_init(&d);
	if (scenario_load("scenarios/lancement-hydra.cfg", &s, &d) !=
	    SCENARIO_LOAD_OK)
		return 65;
	diag_release(&d);
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
