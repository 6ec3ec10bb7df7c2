/*
 * check: "pilote check FILE..." loads every scenario, prints every problem
 * compiler-style on stderr and a one-line summary per valid scenario on
 * stdout.  Exit: 0 all valid (warnings allowed), 65 some scenario invalid,
 * 66 some file unreadable (takes precedence), 64 usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "core/scenario.h"
#include "io/scenario_load.h"
#include "util/diag.h"
#include "util/i18n.h"
#include "util/text.h"

static void
check_usage(FILE *out)
{
	fprintf(out, _("Usage : pilote check FICHIER...\n"
	    "Vérifie des scénarios et signale chaque problème sous la forme\n"
	    "« fichier:ligne: error: message » (ou warning:).\n\n"
	    "  -q, --quiet  ne pas afficher le résumé des scénarios valides\n"
	    "  -h, --help   afficher cette aide et quitter\n\n"
	    "Code de sortie : 0 si tout est valide (avertissements permis), 65 "
	    "si un\nscénario contient des erreurs, 66 si un fichier est "
	    "illisible.\n"));
}

static void
check_summary(const char *path, const struct scenario *s, size_t warnings)
{
	char	 money[TEXT_MONEY_MAX];
	int	 i, offers = 0;

	for (i = 0; i < s->nsuppliers; i++)
		offers += s->suppliers[i].noffers;
	printf(_("%s: ok : « %s » (%s), semaines : %d, enveloppe : %s, "
	    "lots : %d, personnel : %d, prestataires : %d (offres : %d), "
	    "outils : %d, incidents : %d, points de situation : %d"), path,
	    s->title,
	    scenario_project_type_labels[s->type], s->weeks,
	    text_money(money, s->envelope), s->npackages, s->nstaff,
	    s->nsuppliers, offers, s->ntools, s->nincidents,
	    s->nstatus_points);
	if (warnings > 0)
		printf(_(", avertissements : %zu"), warnings);
	printf("\n");
}

int
cli_check(int argc, char **argv)
{
	struct diag			 d;
	struct scenario			*s;
	enum scenario_load_status	 st;
	int				 i, rc = EX_OK, files = 0;
	bool				 quiet = false;
	size_t				 k, warnings;
	char				*line;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			check_usage(stdout);
			return EX_OK;
		}
		if (strcmp(argv[i], "--quiet") == 0 ||
		    strcmp(argv[i], "-q") == 0)
			quiet = true;
		else if (strcmp(argv[i], "--") == 0)
			break;
		else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, _("pilote check : option inconnue "
			    "« %s »\n"), argv[i]);
			check_usage(stderr);
			return EX_USAGE;
		} else
			files++;
	}
	if (files == 0) {
		fprintf(stderr, _("pilote check : aucun fichier à vérifier\n"));
		check_usage(stderr);
		return EX_USAGE;
	}
	for (i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			continue;
		diag_init(&d);
		st = scenario_load(argv[i], &s, &d);
		diag_sort(&d);
		fflush(stdout);
		for (k = 0; k < d.count; k++) {
			line = diag_format(&d.items[k]);
			fprintf(stderr, "%s\n", line);
			free(line);
		}
		warnings = d.warnings;
		if (st == SCENARIO_LOAD_OK) {
			if (!quiet)
				check_summary(argv[i], s, warnings);
			scenario_free(s);
		} else if (st == SCENARIO_LOAD_UNREADABLE)
			rc = EX_NOINPUT;
		else if (rc == EX_OK)
			rc = EX_DATAERR;
		diag_release(&d);
	}
	return rc;
}
