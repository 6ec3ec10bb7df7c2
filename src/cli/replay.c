/*
 * replay: "pilote replay SESSION", the evaluators' player (tui/replay.c).
 */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "tui/replay.h"
#include "util/i18n.h"

int
cli_replay(int argc, char **argv)
{
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		printf(_("Usage : pilote replay SESSION\n"
		    "Rejoue une session en lecture seule pour les évaluateurs : "
		    "vérifie l'intégrité du\njournal, parcourt les événements, "
		    "montre l'état d'une équipe à chaque instant et\nenregistre "
		    "les notes des critères E3 dans SESSION.marks.\n"
		    "Code de sortie 65 si le journal a été altéré.\n"));
		return EX_OK;
	}
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, _("pilote replay : une session est attendue\n"
		    "Essayez « pilote replay --help ».\n"));
		return EX_USAGE;
	}
	return replay_run(argv[1]);
}
