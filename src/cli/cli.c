/*
 * cli: top-level options and subcommand dispatch, GNU style: --help and
 * --version print to stdout and exit 0; a usage mistake prints a hint to
 * stderr and exits 64 (EX_USAGE).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

struct cli_command {
	const char	*name;
	int		(*run)(int, char **);
	const char	*summary;
};

static const struct cli_command cli_commands[] = {
	{ "play", cli_play, N_("jouer une session dans ce terminal : "
	    "cadrage, semaines, incidents, points, bilan") },
	{ "check", cli_check, N_("vérifier un ou plusieurs scénarios") },
	{ "brief", cli_brief, N_("afficher le brief d'un scénario (texte, ou "
	    "HTML à imprimer)") },
	{ "list", cli_list, N_("lister les scénarios livrés (par leur nom)") },
	{ "host", cli_host, N_("servir une session aux consoles des équipes") },
	{ "join", cli_join, N_("ouvrir la console d'une équipe sur une session "
	    "servie") },
	{ "codes", cli_codes, N_("imprimer les fiches d'accès des équipes et "
	    "des candidats (codes, commandes)") },
	{ "new", cli_new, N_("créer une session (équipes, candidats, rôles)") },
	{ "do", cli_do, N_("enregistrer une décision d'équipe ou du formateur") },
	{ "show", cli_show, N_("afficher l'état d'une session") },
	{ "export", cli_export, N_("exporter REX, grille E3, rapport du jury "
	    "ou événements d'une session") },
	{ "simulate", cli_simulate, N_("jouer des parties automatiques pour "
	    "éprouver un scénario") },
	{ "replay", cli_replay, N_("rejouer une session pour l'évaluer (lecture seule)") },
	{ "mark", cli_mark, N_("noter un critère E3 d'une session (scripts du "
	    "jury)") },
	{ "verify", cli_verify, N_("vérifier qu'un journal n'a pas été "
	    "altéré") },
};

/* Where scenarios are looked for by name: here, then installed. */
static const char *const cli_scenario_dirs[] = {
	"scenarios", PILOTE_DATADIR "/scenarios"
};

char *
cli_scenario_path(const char *arg)
{
	const char *const *dirs = cli_scenario_dirs;
	char		*p;
	size_t		 i, n = strlen(arg);

	if (access(arg, F_OK) == 0 || strchr(arg, '/') != NULL ||
	    (n > 4 && strcmp(arg + n - 4, ".cfg") == 0) ||
	    (n > 6 && strcmp(arg + n - 6, ".jsonl") == 0))
		return xstrdup(arg);
	for (i = 0; i < sizeof cli_scenario_dirs / sizeof *dirs; i++) {
		p = xasprintf("%s/%s.cfg", dirs[i], arg);
		if (access(p, R_OK) == 0)
			return p;
		free(p);
	}
	return xstrdup(arg);
}

/* "pilote list": the scenarios shipped here and installed, by name. */
int
cli_list(int argc, char **argv)
{
	const char *const *dirs = cli_scenario_dirs;
	struct dirent	*de;
	DIR		*d;
	size_t		 i, n;
	int		 found = 0;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		printf(_("Usage : pilote list\nListe les scénarios du répertoire "
		    "scenarios/ et ceux installés (%s) ;\nchacun se joue par "
		    "son nom : pilote play NOM.\n"), PILOTE_DATADIR
		    "/scenarios");
		return EX_OK;
	}
	for (i = 0; i < sizeof cli_scenario_dirs / sizeof *dirs; i++) {
		if ((d = opendir(dirs[i])) == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			n = strlen(de->d_name);
			if (n > 4 && strcmp(de->d_name + n - 4, ".cfg") == 0) {
				printf("%-24.*s %s/%s\n", (int)(n - 4), de->d_name,
				    dirs[i], de->d_name);
				found++;
			}
		}
		closedir(d);
	}
	if (found == 0) {
		fprintf(stderr, _("pilote list : aucun scénario (ni scenarios/ "
		    "ici, ni %s)\n"), PILOTE_DATADIR "/scenarios");
		return EX_NOINPUT;
	}
	return EX_OK;
}

void
cli_terminal_open(struct cli_terminal *t)
{
	t->buf = NULL;
	t->len = 0;
	if ((t->out = open_memstream(&t->buf, &t->len)) == NULL) {
		fprintf(stderr, _("pilote : mémoire épuisée\n"));
		abort();
	}
}

int
cli_terminal_close(struct cli_terminal *t)
{
	char	*shown;
	int	 rc = 0;

	if (fclose(t->out) != 0)
		rc = -1;
	shown = text_sanitize(t->buf != NULL ? t->buf : "", t->len, true);
	if (fputs(shown, stdout) == EOF || fflush(stdout) == EOF)
		rc = -1;
	free(shown);
	free(t->buf);
	t->out = NULL;
	t->buf = NULL;
	return rc;
}

static void
cli_usage(FILE *out)
{
	size_t	 i;

	fprintf(out, _("Usage : pilote COMMANDE [OPTION]... [ARGUMENT]...\n"
	    "Simulateur de business game E3 (Manager de la stratégie "
	    "digitale) en terminal.\n\n"
	    "Commandes :\n"));
	for (i = 0; i < sizeof cli_commands / sizeof cli_commands[0]; i++)
		fprintf(out, "  %-8s %s\n", cli_commands[i].name,
		    _(cli_commands[i].summary));
	fprintf(out, _("\nOptions :\n"
	    "  -h, --help     afficher cette aide et quitter\n"
	    "  -V, --version  afficher la version et quitter\n\n"
	    "« pilote COMMANDE --help » décrit chaque commande.\n"
	    "Codes de sortie : 0 succès, 64 usage incorrect, 65 données "
	    "invalides ou refusées,\n66 fichier illisible, 69 hôte "
	    "injoignable, 70 erreur interne, 73 session déjà\nexistante, 74 "
	    "erreur d'entrée-sortie (rien d'enregistré), 75 session occupée,\n"
	    "77 permission refusée (voir pilote(1)).\n"
	    "Les options longues s'écrivent « --option VALEUR » ou "
	    "« --option=VALEUR ».\n"));
}

/*
 * GNU style for every command: "--option=VALUE" is "--option VALUE".  Only
 * before "--" (after it come a decision's key=value arguments, which are
 * data) and only for a long option.
 */
static int
cli_run(const struct cli_command *cmd, int argc, char **argv)
{
	char	**v = calloc((size_t)argc * 2 + 1, sizeof *v);
	char	 *eq, **owned = calloc((size_t)argc + 1, sizeof *owned);
	int	  i, n = 0, k = 0, rc, done = 0;

	if (v == NULL || owned == NULL) {
		fprintf(stderr, _("pilote : mémoire épuisée\n"));
		abort();
	}
	for (i = 0; i < argc; i++) {
		if (!done && strcmp(argv[i], "--") == 0)
			done = 1;
		if (!done && strncmp(argv[i], "--", 2) == 0 && argv[i][2] != '=' &&
		    (eq = strchr(argv[i], '=')) != NULL) {
			owned[k] = strndup(argv[i], (size_t)(eq - argv[i]));
			if (owned[k] == NULL)
				abort();
			v[n++] = owned[k++];
			v[n++] = eq + 1;
		} else
			v[n++] = argv[i];
	}
	rc = cmd->run(n, v);
	while (k > 0)
		free(owned[--k]);
	free(owned);
	free(v);
	return rc;
}

int
cli_main(int argc, char **argv)
{
	size_t	 i;

	if (argc < 2) {
		cli_usage(stderr);
		return EX_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		cli_usage(stdout);
		return EX_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("pilote %s\n", PILOTE_VERSION);
		return EX_OK;
	}
	for (i = 0; i < sizeof cli_commands / sizeof cli_commands[0]; i++)
		if (strcmp(argv[1], cli_commands[i].name) == 0)
			return cli_run(&cli_commands[i], argc - 1, argv + 1);
	fprintf(stderr, _("pilote : commande inconnue « %s »\n"
	    "Essayez « pilote --help ».\n"), argv[1]);
	return EX_USAGE;
}
