/*
 * host_cmds: "pilote host SESSION [--headless]" serves a session to the
 * team consoles; "pilote join SESSION --team NOM --as NOM --code CODE"
 * opens a team console on it.  With --headless the host prints the join
 * codes (the teams', the candidates' personal ones, the trainer's) and
 * serves until interrupted (classrooms without a projector, tests), its
 * security alerts on stderr; otherwise the trainer's screen runs with the
 * host inside it.
 */
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/game.h"
#include "io/client.h"
#include "io/host.h"
#include "io/session.h"
#include "tui/app.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/wrap.h"

static volatile sig_atomic_t host_stop;

static void
host_on_signal(int sig)
{
	(void)sig;
	host_stop = 1;
}

static void
host_print_codes(struct host *h, const struct session *ss)
{
	int	 i, k;
	char	*sock = host_socket_path(ss->path), team[128], who[128];

	printf(_("Session %s servie sur %s\n"), ss->path, sock);
	/* The anchors a jury checks: pilote verify --signer … --head …. */
	printf(_("Journal : %zu lignes, tête %.*s, signé par la clé du "
	    "formateur %s\n"), journal_count(ss->journal), JOURNAL_SHORT_HEAD,
	    journal_head(ss->journal), journal_fingerprint(ss->journal));
	printf(_("Codes d'accès (à donner à chaque équipe) :\n"));
	/* Padded by columns, not bytes: names are accented. */
	for (i = 0; i < ss->game->nteams; i++)
		printf("  %s %s\n", wrap_pad(team, sizeof team,
		    ss->game->teams[i].name, 20, 0), host_code(h, i));
	printf(_("  %-20s %s (pilote do --trainer l'obtient seul)\n"),
	    _("formateur"), host_code(h, -1));
	printf(_("Codes personnels (un par candidat : sa console n'agit qu'en "
	    "son nom) :\n"));
	for (i = 0; i < ss->game->nteams; i++)
		for (k = 0; k < ss->game->teams[i].ncandidates; k++)
			printf("  %s %s %s\n", wrap_pad(team, sizeof team,
			    ss->game->teams[i].name, 20, 0), wrap_pad(who,
			    sizeof who, ss->game->teams[i].candidates[k].name,
			    30, 0), host_candidate_code(h, i, k));
	fflush(stdout);
	free(sock);
}

/* The alerts that appeared or grew since the last call, on stderr. */
static void
host_print_alerts(struct host *h, unsigned *seen)
{
	const struct host_alert	*a;
	char			 when[TEXT_TIME_MAX];
	unsigned		 top = *seen;
	int			 i, n = host_alerts(h, &a);

	for (i = 0; i < n; i++) {
		if (a[i].serial <= *seen)
			continue;
		text_time(when, a[i].time, TEXT_TIME_CLOCK);
		fprintf(stderr, _("pilote host : alerte %s : %s\n"), when,
		    a[i].text);
		if (a[i].serial > top)
			top = a[i].serial;
	}
	*seen = top;
}

/* The usage lines, for --help and every misuse. */
static const char *const host_usage =
    N_("Usage : pilote host SESSION [--headless | --project]\n");
static const char *const join_usage =
    N_("Usage : pilote join SESSION --team NOM --as 'Prénom Nom' "
    "[--code CODE]\n");

int
cli_host(int argc, char **argv)
{
	struct session		*ss = NULL;
	struct host		*h = NULL;
	struct sigaction	 sa;
	const char		*path = NULL;
	char			*cause = NULL, *warning = NULL;
	bool			 headless = false, project = false;
	unsigned		 seen = 0;
	int			 i, rc = EX_OK;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(_(host_usage), stdout);
			printf(_("Ouvre la session pour les consoles des équipes "
			    "(pilote join), sur un socket\nà côté du journal. "
			    "L'hôte est le seul à écrire le journal ; il affiche "
			    "un code\nd'accès par équipe. Sans --headless, "
			    "l'écran du formateur s'ouvre ; avec --project,\nsur "
			    "la vue de projection (semaine, comptes à rebours en "
			    "grands chiffres,\nmessages, équipes qui ont répondu ; "
			    "P y revient).\n"));
			return EX_OK;
		}
		if (strcmp(argv[i], "--headless") == 0)
			headless = true;
		else if (strcmp(argv[i], "--project") == 0)
			project = true;
		else if (argv[i][0] != '-' && path == NULL)
			path = argv[i];
		else {
			fputs(_(host_usage), stderr);
			return EX_USAGE;
		}
	}
	if (path == NULL) {
		fputs(_(host_usage), stderr);
		return EX_USAGE;
	}
	if (session_open(path, true, 0, &ss, &warning, &cause) == -1) {
		fprintf(stderr, "pilote host : %s\n", cause);
		rc = session_failure_exit();
		goto out;
	}
	if (warning != NULL)
		fprintf(stderr, "pilote host : %s\n", warning);
	if (host_open(ss, &h, &cause) == -1) {
		fprintf(stderr, "pilote host : %s\n", cause);
		rc = EX_UNAVAILABLE;
		goto out;
	}
	if (!headless) {
		rc = app_run_host(ss, h, project);
		goto out;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = host_on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	host_print_codes(h, ss);
	while (!host_stop) {
		if (host_poll(h, 500) == -1)
			break;
		host_print_alerts(h, &seen);
	}
out:
	host_close(h);
	session_close(ss);
	free(cause);
	free(warning);
	return rc;
}

int
cli_join(int argc, char **argv)
{
	struct client	*c = NULL;
	const char	*path = NULL, *team = NULL, *as = NULL;
	const char	*code = getenv("PILOTE_CODE");
	char		*cause = NULL, *typed = NULL;
	int		 i, rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(_(join_usage), stdout);
			printf(_("Ouvre la console d'une équipe sur une session "
			    "servie par « pilote host ».\nLe code est donné par "
			    "le formateur (ou PILOTE_CODE) : le code personnel "
			    "du candidat\n(la console n'agit qu'en son nom) ou "
			    "celui de l'équipe (une console partagée,\noù chacun "
			    "déclare qui agit).\n"));
			return EX_OK;
		}
		if (strcmp(argv[i], "--team") == 0 && i + 1 < argc)
			team = argv[++i];
		else if (strcmp(argv[i], "--as") == 0 && i + 1 < argc)
			as = argv[++i];
		else if (strcmp(argv[i], "--code") == 0 && i + 1 < argc)
			code = argv[++i];
		else if (argv[i][0] != '-' && path == NULL)
			path = argv[i];
		else {
			fputs(_(join_usage), stderr);
			return EX_USAGE;
		}
	}
	if (path == NULL || team == NULL || as == NULL) {
		fputs(_(join_usage), stderr);
		return EX_USAGE;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("pilote join : il faut un terminal "
		    "interactif\n"));
		return EX_USAGE;
	}
	if (code == NULL) {
		size_t	 cap = 0;
		ssize_t	 n;

		struct termios	 was, quiet;
		bool		 hidden;

		printf(_("Code d'accès (le vôtre, ou celui de l'équipe %s ; il "
		    "ne s'affiche pas) : "), team);
		fflush(stdout);
		/* A code typed in a room is not shown on the screen. */
		hidden = tcgetattr(STDIN_FILENO, &was) == 0;
		if (hidden) {
			quiet = was;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			quiet.c_lflag |= ECHONL;
			hidden = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
		}
		n = getline(&typed, &cap, stdin);
		if (hidden)
			(void)tcsetattr(STDIN_FILENO, TCSAFLUSH, &was);
		if (n <= 0) {
			free(typed);
			return EX_USAGE;
		}
		typed[strcspn(typed, "\r\n")] = '\0';
		code = typed;
	}
	if (client_open(path, team, code, as, &c, &cause) == -1) {
		fprintf(stderr, "pilote join : %s\n", cause);
		free(cause);
		free(typed);
		return EX_UNAVAILABLE;
	}
	free(typed);
	rc = app_run_client(c);
	client_close(c);
	return rc;
}
