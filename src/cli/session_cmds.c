/*
 * session_cmds: the headless commands on sessions.
 *
 *   pilote new SCENARIO -o SESSION [--seed N] --team 'Nom=Prénom Nom:role,...'
 *   pilote new SCENARIO -o SESSION [--seed N] --class classe.csv
 *   pilote do SESSION (--team NOM --as 'Prénom Nom' | --trainer) -- CMD k=v...
 *   pilote verify SESSION [--signer FP] [--head HASH]  (and SESSION.marks)
 *
 * Exit codes: 0 done; 64 usage; 65 refused by the rules or altered
 * journal; 66 unreadable file; 73 session file already exists; 74 I/O
 * failure (the decision was not recorded); 75 session busy (locked).
 */
#include <ctype.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/game.h"
#include "io/classlist.h"
#include "io/client.h"
#include "io/host.h"
#include "io/joincode.h"
#include "io/journal.h"
#include "io/marks.h"
#include "io/scenario_load.h"
#include "io/session.h"
#include "io/signkey.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* --- pilote new --- */

static void
new_usage(FILE *out)
{
	fprintf(out, _("Usage : pilote new SCÉNARIO -o SESSION [--seed N] "
	    "--team 'Nom=Prénom Nom:rôle,Prénom Nom:rôle' ...\n"
	    "        pilote new SCÉNARIO -o SESSION [--seed N] --class "
	    "classe.csv\n"
	    "Crée une session : un journal dans saves/ qui embarque le "
	    "scénario.\n\n"
	    "  -o, --output SESSION    le fichier de session à créer "
	    "(saves/….jsonl)\n"
	    "  --seed N                graine des tirages (par défaut : "
	    "aléatoire)\n"
	    "  --team 'Nom=A:rôle,B'   une équipe et ses candidats (rôle "
	    "facultatif) ;\n"
	    "                          de 1 à %d équipes, répétez l'option\n"
	    "  --class classe.csv      les équipes d'une liste de classe (CSV : "
	    "équipe,\n"
	    "                          candidat, rôle, temps majoré, assistant ; "
	    "UTF-8 ou\n"
	    "                          Windows-1252, « ; » ou « , ») ; chaque "
	    "ligne fausse\n"
	    "                          est signalée et rien n'est créé (code "
	    "65)\n"
	    "  --extra-time 'Prénom Nom=33'\n"
	    "                          temps majoré (%%) sur les points de "
	    "situation,\n"
	    "                          un entier de 0 à %d\n"
	    "  --assistant 'Prénom Nom=Prénom Nom'\n"
	    "                          une tierce personne saisit pour ce "
	    "candidat\n"
	    "  -h, --help              afficher cette aide\n"), GAME_MAX_TEAMS,
	    GAME_EXTRA_TIME_MAX);
}

/* Parses "Nom=A B:role,C D" into st; the strings point into spec. */
static int
new_parse_team(char *spec, struct game_setup_team *st, char **cause)
{
	char	*eq = strchr(spec, '='), *item, *save = NULL, *colon;

	if (eq == NULL || eq == spec) {
		*cause = xasprintf(_("--team « %s » : écrivez 'Nom=Prénom "
		    "Nom:rôle,…'"), spec);
		return -1;
	}
	*eq = '\0';
	st->name = spec;
	for (item = strtok_r(eq + 1, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		if (st->ncandidates == GAME_MAX_CANDIDATES) {
			*cause = xasprintf(_("équipe « %s » : %d candidats au "
			    "plus"), st->name, GAME_MAX_CANDIDATES);
			return -1;
		}
		while (*item == ' ')
			item++;
		if ((colon = strchr(item, ':')) != NULL) {
			*colon = '\0';
			st->candidates[st->ncandidates].role = colon + 1;
		}
		st->candidates[st->ncandidates++].name = item;
	}
	return 0;
}

static struct game_setup_candidate *
new_find_candidate(struct game_setup *setup, const char *name)
{
	int	 i, j;

	for (i = 0; i < setup->nteams; i++)
		for (j = 0; j < setup->teams[i].ncandidates; j++)
			if (strcmp(setup->teams[i].candidates[j].name, name) == 0)
				return &setup->teams[i].candidates[j];
	return NULL;
}

/*
 * --class FILE: every warning and error of the list on stderr, compiler
 * style; on success, the list's teams into setup (its strings stay in cl).
 * EX_OK, EX_DATAERR (bad rows: nothing is created) or EX_NOINPUT.
 */
static int
new_read_class(const char *path, const struct scenario *s,
    struct classlist *cl, struct game_setup *setup)
{
	struct diag		 d;
	enum classlist_status	 st;
	char			*line;
	size_t			 i;

	diag_init(&d);
	st = classlist_read(path, s, cl, &d);
	for (i = 0; i < d.count; i++) {
		line = diag_format(&d.items[i]);
		fprintf(stderr, "%s\n", line);
		free(line);
	}
	if (st != CLASSLIST_OK)
		fprintf(stderr, _("pilote new : %s : %zu erreur(s), aucune "
		    "session créée\n"), path, d.errors);
	diag_release(&d);
	if (st != CLASSLIST_OK)
		return st == CLASSLIST_UNREADABLE ? EX_NOINPUT : EX_DATAERR;
	memcpy(setup->teams, cl->setup.teams, sizeof setup->teams);
	setup->nteams = cl->setup.nteams;
	printf(_("%s : %d équipe(s), %d candidat(s) (%s, séparateur « %c »)\n"),
	    path, cl->setup.nteams, cl->ncandidates, cl->encoding,
	    cl->separator);
	return EX_OK;
}

/*
 * --extra-time and --assistant, once the teams are known (from --team or
 * --class): spec is "Prénom Nom=value", cut at '=' in place.  0, or -1
 * with the reason on stderr.
 */
static int
new_apply_extra(struct game_setup *setup, const char *option, char *spec)
{
	struct game_setup_candidate *c;
	char	*eq = strchr(spec, '=');

	*eq = '\0';
	if ((c = new_find_candidate(setup, spec)) == NULL) {
		fprintf(stderr, _("pilote new : %s : « %s » n'est dans aucune "
		    "équipe\n"), option, spec);
		return -1;
	}
	if (strcmp(option, "--assistant") == 0)
		c->assistant = eq + 1;
	else
		text_parse_percent(eq + 1, GAME_EXTRA_TIME_MAX, &c->extra_time);
	return 0;
}

static int
new_option_value(int argc, char **argv, int *i, const char **out)
{
	if (*i + 1 >= argc) {
		fprintf(stderr, _("pilote new : %s attend une valeur\n"),
		    argv[*i]);
		return -1;
	}
	*out = argv[++*i];
	return 0;
}

int
cli_new(int argc, char **argv)
{
	struct game_setup	 setup;
	struct classlist	 cl;
	struct scenario		*s = NULL;
	struct session		*ss;
	struct diag		 d;
	const char		*scenario = NULL, *output = NULL, *v;
	const char		*class = NULL;
	char			*cause = NULL, *copy, *eq, *shown, *named;
	char			*extras[GAME_MAX_TEAMS * GAME_MAX_CANDIDATES];
	/* The --extra-time and --assistant given, applied once the teams
	 * are known: option names, and their copies in extras[]. */
	const char		*later[GAME_MAX_TEAMS * GAME_MAX_CANDIDATES];
	char			*later_spec[GAME_MAX_TEAMS * GAME_MAX_CANDIDATES];
	int			 i, nextras = 0, nlater = 0, pct, rc;
	bool			 seeded = false;

	memset(&setup, 0, sizeof setup);
	memset(&cl, 0, sizeof cl);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			new_usage(stdout);
			rc = EX_OK;
			goto out;
		}
		if (strcmp(argv[i], "-o") == 0 ||
		    strcmp(argv[i], "--output") == 0) {
			if (new_option_value(argc, argv, &i, &output) == -1)
				goto usage;
		} else if (strcmp(argv[i], "--seed") == 0) {
			if (new_option_value(argc, argv, &i, &v) == -1)
				goto usage;
			/* Kept in 63 bits: a JSON integer is signed. */
			if (!text_parse_uint(v, INT64_MAX, &setup.seed)) {
				fprintf(stderr, _("pilote new : --seed attend "
				    "un entier positif\n"));
				goto usage;
			}
			seeded = true;
		} else if (strcmp(argv[i], "--team") == 0) {
			if (new_option_value(argc, argv, &i, &v) == -1)
				goto usage;
			if (setup.nteams == GAME_MAX_TEAMS) {
				fprintf(stderr, _("pilote new : %d équipes au "
				    "plus\n"), GAME_MAX_TEAMS);
				goto usage;
			}
			copy = xstrdup(v);
			extras[nextras++] = copy;
			if (new_parse_team(copy, &setup.teams[setup.nteams++],
			    &cause) == -1) {
				fprintf(stderr, "pilote new : %s\n", cause);
				goto usage;
			}
		} else if (strcmp(argv[i], "--class") == 0) {
			if (new_option_value(argc, argv, &i, &class) == -1)
				goto usage;
		} else if (strcmp(argv[i], "--extra-time") == 0 ||
		    strcmp(argv[i], "--assistant") == 0) {
			if (new_option_value(argc, argv, &i, &v) == -1)
				goto usage;
			if (nextras == (int)(sizeof extras / sizeof extras[0]))
				goto usage;
			copy = xstrdup(v);
			extras[nextras++] = copy;
			if ((eq = strchr(copy, '=')) == NULL) {
				fprintf(stderr, _("pilote new : %s 'Prénom "
				    "Nom=…'\n"), argv[i - 1]);
				goto usage;
			}
			later[nlater] = argv[i - 1];
			later_spec[nlater++] = copy;
			if (strcmp(argv[i - 1], "--extra-time") == 0 &&
			    !text_parse_percent(eq + 1, GAME_EXTRA_TIME_MAX,
			    &pct)) {
				shown = text_sanitize(eq + 1, strlen(eq + 1),
				    false);
				fprintf(stderr, _("pilote new : --extra-time "
				    "'Prénom Nom=POURCENT' : « %s » n'est pas un "
				    "pourcentage entier (0 à %d)\n"), shown,
				    GAME_EXTRA_TIME_MAX);
				free(shown);
				goto usage;
			}
		} else if (argv[i][0] == '-') {
			fprintf(stderr, _("pilote new : option inconnue « %s »\n"),
			    argv[i]);
			goto usage;
		} else if (scenario == NULL)
			scenario = argv[i];
		else {
			fprintf(stderr, _("pilote new : un seul scénario\n"));
			goto usage;
		}
	}
	if (scenario == NULL || output == NULL ||
	    (setup.nteams == 0 && class == NULL)) {
		fprintf(stderr, _("pilote new : il faut un scénario, -o SESSION "
		    "et au moins une --team, ou --class\n"));
		goto usage;
	}
	if (setup.nteams > 0 && class != NULL) {
		fprintf(stderr, _("pilote new : --team ou --class, pas les "
		    "deux\n"));
		goto usage;
	}
	if (!seeded)
		randombytes_buf(&setup.seed, sizeof setup.seed);
	setup.seed &= INT64_MAX;
	diag_init(&d);
	named = cli_scenario_path(scenario);
	rc = scenario_load(named, &s, &d);
	free(named);
	if (rc != SCENARIO_LOAD_OK) {
		for (i = 0; i < (int)d.count; i++) {
			char *line = diag_format(&d.items[i]);

			fprintf(stderr, "%s\n", line);
			free(line);
		}
		diag_release(&d);
		rc = rc == SCENARIO_LOAD_UNREADABLE ? EX_NOINPUT : EX_DATAERR;
		goto out;
	}
	diag_release(&d);
	if (class != NULL &&
	    (rc = new_read_class(class, s, &cl, &setup)) != EX_OK)
		goto out;
	for (i = 0; i < nlater; i++)
		if (new_apply_extra(&setup, later[i], later_spec[i]) == -1)
			goto usage;
	if (access(output, F_OK) == 0) {
		fprintf(stderr, _("pilote new : %s existe déjà ; pour reprendre "
		    "une session : pilote play %s\n"), output, output);
		rc = EX_CANTCREAT;
		goto out;
	}
	if (session_create(output, s, &setup, &ss, &cause) == -1) {
		fprintf(stderr, "pilote new : %s\n", cause);
		free(cause);
		cause = NULL;
		rc = game_setup_check(s, &setup, &cause) == -1 ? EX_USAGE :
		    journal_last_exit() != EX_OK ? journal_last_exit() :
		    EX_CANTCREAT;
		goto out;
	}
	/* The seed is not printed: this screen may be projected. */
	printf(_("%s : session créée sur « %s », %d équipe(s) ; graine des "
	    "tirages tenue secrète jusqu'à la fin (engagement dans l'en-tête) ; "
	    "signée par la clé du formateur %s ; tête %.*s\n"), output,
	    s->title, setup.nteams, journal_fingerprint(ss->journal),
	    JOURNAL_SHORT_HEAD, journal_head(ss->journal));
	session_close(ss);
	rc = EX_OK;
	goto out;
usage:
	new_usage(stderr);
	rc = EX_USAGE;
out:
	free(cause);
	for (i = 0; i < nextras; i++)
		free(extras[i]);
	classlist_release(&cl);
	scenario_free(s);
	return rc;
}

/* --- pilote do --- */

static void
do_usage(FILE *out)
{
	int	 i;
	const struct game_command_info *ci;

	fprintf(out, _("Usage : pilote do SESSION --team NOM --as 'Prénom Nom' "
	    "[--by 'Prénom Nom'] [--why TEXTE] -- COMMANDE clé=valeur...\n"
	    "        pilote do SESSION --trainer [--why TEXTE] -- COMMANDE "
	    "clé=valeur...\n"
	    "Enregistre une décision dans la session (validée, journalisée, "
	    "puis appliquée).\n"
	    "Une commande refusée dit pourquoi, sort avec 65 et n'écrit rien.\n\n"
	    "Commandes des équipes :\n"));
	for (i = 0; i < game_ncommands; i++) {
		ci = game_command_info(i);
		if (!ci->trainer)
			fprintf(out, "  %-17s %s\n  %-17s   %s\n", ci->name,
			    _(ci->help), "", ci->args);
	}
	fprintf(out, _("\nCommandes du formateur (--trainer) :\n"));
	for (i = 0; i < game_ncommands; i++) {
		ci = game_command_info(i);
		if (ci->trainer)
			fprintf(out, "  %-17s %s\n  %-17s   %s\n", ci->name,
			    _(ci->help), "", ci->args);
	}
}


/*
 * When "<session>.sock" answers, the command goes to the host as a console
 * would send it; returns the exit code, or -1 when no host runs.
 */
static int
do_via_host(const char *path, struct event *e, bool trainer, const char *team,
    const char *as, const char *code)
{
	struct client	*c;
	char		*sock = host_socket_path(path), *cause = NULL;
	char		 derived[9], hash[65];
	int64_t		 seq = 0;
	int		 rc;

	if (access(sock, F_OK) != 0) {
		free(sock);
		return -1;
	}
	free(sock);
	if (trainer) {
		if (journal_derive_code_keyfile(path, JOINCODE_TRAINER_CONTEXT,
		    derived, &cause) == -1) {
			fprintf(stderr, "pilote do : %s\n", cause);
			free(cause);
			return EX_NOPERM;
		}
		code = derived;
	} else if (code == NULL) {
		fprintf(stderr, _("pilote do : un hôte sert cette session : "
		    "donnez le code d'accès de l'équipe (--code ou "
		    "PILOTE_CODE)\n"));
		return EX_NOPERM;
	}
	if (client_open(path, trainer ? NULL : team, code, as, &c,
	    &cause) == -1) {
		/* A stale socket (host killed): write directly. */
		if (strstr(cause, "pas d'hôte") != NULL) {
			free(cause);
			return -1;
		}
		fprintf(stderr, "pilote do : %s\n", cause);
		free(cause);
		return EX_NOPERM;
	}
	switch (client_submit(c, e, 10000, &seq, &cause)) {
	case 1:
		if (client_team(c) >= 0) {
			session_team_hash(client_game(c), client_team(c), hash);
			printf(_("%s : événement %lld enregistré par l'hôte (%s), "
			    "empreinte de l'équipe %s\n"), path,
			    (long long)seq, e->type, hash);
		} else
			printf(_("%s : événement %lld enregistré par l'hôte "
			    "(%s)\n"), path, (long long)seq, e->type);
		rc = EX_OK;
		break;
	case 0:
		fprintf(stderr, _("pilote do : refusé : %s\n"), cause);
		rc = EX_DATAERR;
		break;
	default:
		fprintf(stderr, "pilote do : %s\n", cause);
		rc = EX_TEMPFAIL;
		break;
	}
	free(cause);
	client_close(c);
	return rc;
}

int
cli_do(int argc, char **argv)
{
	struct session	*ss = NULL;
	struct event	 e;
	const char	*path = NULL, *team = NULL, *as = NULL;
	const char	*code = getenv("PILOTE_CODE");
	char		*cause = NULL, *warning = NULL, *eq, *key, hash[65];
	int		 i, rc;
	bool		 trainer = false, refused;

	event_init(&e);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			do_usage(stdout);
			return EX_OK;
		}
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "--trainer") == 0)
			trainer = true;
		else if (strcmp(argv[i], "--code") == 0 && i + 1 < argc)
			code = argv[++i];
		else if ((strcmp(argv[i], "--team") == 0 ||
		    strcmp(argv[i], "--as") == 0 || strcmp(argv[i], "--by") == 0 ||
		    strcmp(argv[i], "--why") == 0) && i + 1 < argc) {
			if (strcmp(argv[i], "--team") == 0)
				team = argv[++i];
			else if (strcmp(argv[i], "--as") == 0)
				as = argv[++i];
			else if (strcmp(argv[i], "--by") == 0)
				event_set(&e.by, argv[++i]);
			else
				event_set(&e.why, argv[++i]);
		} else if (argv[i][0] == '-') {
			fprintf(stderr, _("pilote do : option inconnue ou sans "
			    "valeur « %s »\n"), argv[i]);
			goto usage;
		} else if (path == NULL)
			path = argv[i];
		else {
			/* The command may come without "--". */
			break;
		}
	}
	if (path == NULL || i >= argc || trainer == (team != NULL) ||
	    (!trainer && as == NULL)) {
		fprintf(stderr, _("pilote do : il faut une SESSION, soit --team "
		    "et --as, soit --trainer, puis la commande\n"));
		goto usage;
	}
	event_set(&e.type, argv[i]);
	event_set(&e.team, trainer ? NULL : team);
	event_set(&e.actor, trainer ? GAME_TRAINER : as);
	for (i++; i < argc; i++) {
		if ((eq = strchr(argv[i], '=')) == NULL || eq == argv[i]) {
			fprintf(stderr, _("pilote do : « %s » : les arguments "
			    "s'écrivent clé=valeur\n"), argv[i]);
			goto usage;
		}
		key = xstrndup(argv[i], (size_t)(eq - argv[i]));
		record_set_text(&e.data, key, eq + 1);
		free(key);
	}
	/*
	 * The text rule before anything else: the same refusal whether a
	 * host serves the session or not, and nothing is written.
	 */
	if (game_check_texts(&e, &cause) == -1) {
		fprintf(stderr, _("pilote do : refusé : %s\n"), cause);
		rc = EX_DATAERR;
		goto out;
	}
	/* A host serves the session: go through it, it alone writes. */
	if ((rc = do_via_host(path, &e, trainer, team, as, code)) != -1)
		goto out;
	if (session_open(path, true, 0, &ss, &warning, &cause) == -1) {
		fprintf(stderr, "pilote do : %s\n", cause);
		rc = session_failure_exit();
		goto out;
	}
	if (warning != NULL)
		fprintf(stderr, "pilote do : %s\n", warning);
	if (session_submit(ss, &e, &refused, &cause) == -1) {
		fprintf(stderr, refused ? _("pilote do : refusé : %s\n") :
		    _("pilote do : %s\n"), cause);
		rc = refused ? EX_DATAERR : EX_IOERR;
		goto out;
	}
	session_state_hash(ss->game, hash);
	printf(_("%s : événement %lld enregistré (%s), empreinte de l'état "
	    "%s\n"), path, (long long)e.seq, e.type, hash);
	rc = EX_OK;
	goto out;
usage:
	do_usage(stderr);
	rc = EX_USAGE;
out:
	free(cause);
	free(warning);
	event_release(&e);
	session_close(ss);
	return rc;
}

/* --- pilote verify --- */

static void
verify_usage(FILE *out)
{
	fprintf(out, _("Usage : pilote verify SESSION [--signer EMPREINTE] "
	    "[--head TÊTE] [--rejouer]\n"
	    "Vérifie qu'aucune ligne du journal n'a été modifiée, supprimée ou "
	    "insérée\n(chaîne de hachage et signature Ed25519 de la dernière "
	    "ligne, qui couvre\ntout ce qui la précède) et, une fois la session "
	    "scellée, que chaque tirage\nest celui de la graine révélée, en une "
	    "lecture du fichier.\n"
	    "S'il existe, SESSION.marks (les notes du jury) est vérifié par la "
	    "même règle et\ndoit être lié à cette session ; sa clé, celle de "
	    "l'évaluateur, est affichée.\n"
	    "  --signer EMPREINTE  la clé du formateur attendue (« ab12 cd34 "
	    "ef56 7890 »,\n"
	    "                      notée à l'avance) : 65 si une autre clé a "
	    "signé\n"
	    "  --head TÊTE         une tête notée pendant la session (écran du "
	    "formateur) :\n"
	    "                      65 si aucune ligne ne l'a (fin du journal "
	    "coupée)\n"
	    "                      (ces deux options ne portent que sur la "
	    "session)\n"
	    "  --rejouer           rejoue aussi chaque événement dans le moteur "
	    "(plus lent) :\n"
	    "                      65 si l'un d'eux est refusé (ce que font "
	    "aussi show,\n"
	    "                      replay et export à chaque ouverture)\n"
	    "Code de sortie : 0 intact, 65 altéré ou non conforme (la première "
	    "ligne en\ncause est nommée), 66 introuvable ou pas un fichier, 74 "
	    "erreur de lecture,\n77 permission refusée.\n"));
}

/*
 * SESSION.marks, if any: the jury's marks are evidence too, checked by the
 * journal's rule and bound to this session (io/marks.h).
 */
static int
verify_marks(const char *path, const char *session_header)
{
	struct marks	 ms;
	char		*warning = NULL, *cause = NULL;
	int		 rc;

	if ((rc = marks_load_bound(path, session_header, &ms, &warning,
	    &cause)) != EX_OK) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return rc;
	}
	if (ms.signer[0] != '\0' && ms.recorded == 1)
		printf(_("%s : 1 note, intacte, signée par la clé %s\n"),
		    ms.path, ms.signer);
	else if (ms.signer[0] != '\0')
		printf(_("%s : %zu notes, intactes, signées par la clé %s\n"),
		    ms.path, ms.recorded, ms.signer);
	if (warning != NULL)
		printf("%s\n", warning);
	free(warning);
	marks_release(&ms);
	return EX_OK;
}

/* --rejouer: every event through the engine, as any opening does. */
static int
verify_replay(const char *path)
{
	struct session	*ss;
	char		*warning = NULL, *cause = NULL;

	if (session_open(path, false, 0, &ss, &warning, &cause) == -1) {
		fprintf(stderr, _("%s : journal intact mais qui ne se rejoue "
		    "pas : %s\n"), path, cause);
		free(cause);
		return EX_DATAERR;
	}
	free(warning);
	printf(_("%s : rejoué dans le moteur, %zu événements acceptés\n"),
	    path, journal_count(ss->journal) - 1);
	session_close(ss);
	return EX_OK;
}

int
cli_verify(int argc, char **argv)
{
	struct journal_verify_opts	 opts;
	struct journal_report		 r;
	struct session_verdict		 v;
	const char			*path = NULL, *signer = NULL;
	char				 want[65], *cause = NULL;
	size_t				 n = 0;
	int				 i, rc, replay = 0;

	memset(&opts, 0, sizeof opts);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0) {
			verify_usage(stdout);
			return EX_OK;
		}
		if (strcmp(argv[i], "--signer") == 0 && i + 1 < argc)
			signer = argv[++i];
		else if (strcmp(argv[i], "--rejouer") == 0)
			replay = 1;
		else if (strcmp(argv[i], "--head") == 0 && i + 1 < argc) {
			const char *p = argv[++i];

			/* Written down by hand: spaces and case do not matter. */
			for (n = 0; *p != '\0' && n < sizeof want - 1; p++)
				if (*p != ' ' && *p != '-')
					want[n++] = (char)tolower(
					    (unsigned char)*p);
			want[n] = '\0';
			if (n < 8 || *p != '\0' ||
			    strspn(want, "0123456789abcdef") != n) {
				fprintf(stderr, _("pilote verify : --head attend "
				    "au moins 8 chiffres hexadécimaux (la tête "
				    "affichée par le formateur)\n"));
				return EX_USAGE;
			}
			opts.head = want;
		} else if (argv[i][0] == '-' || path != NULL) {
			verify_usage(stderr);
			return EX_USAGE;
		} else
			path = argv[i];
	}
	if (path == NULL) {
		verify_usage(stderr);
		return EX_USAGE;
	}
	rc = session_verify(path, &opts, &r, &v, &cause);
	if (rc == -3) {
		fprintf(stderr, _("%s : tirages non conformes\n"), cause);
		free(cause);
		journal_report_release(&r);
		return EX_DATAERR;
	}
	if (rc == -2) {
		fprintf(stderr, "pilote verify : %s : %s\n", path,
		    r.message ? r.message : "?");
		journal_report_release(&r);
		return journal_last_exit() != EX_OK ? journal_last_exit() :
		    EX_NOINPUT;
	}
	if (rc == -1 && r.lines == 0) {
		fprintf(stderr, _("%s:1: ce n'est pas un journal de session "
		    "pilote : %s\n"), path, r.message ? r.message : "");
		journal_report_release(&r);
		return EX_DATAERR;
	}
	if (rc == -1) {
		fprintf(stderr, _("%s:%zu: journal altéré : %s\n"), path,
		    r.bad_line, r.message ? r.message : "");
		journal_report_release(&r);
		return EX_DATAERR;
	}
	printf(_("%s : intact, %zu lignes, signé par la clé %s, tête %.*s\n"),
	    path, r.lines, r.fingerprint, JOURNAL_SHORT_HEAD, r.head);
	if (r.torn_tail || r.newline_lost)
		printf("%s:%zu: %s\n", path, r.torn_tail ? r.bad_line :
		    r.lines, r.message);
	rc = EX_OK;
	if (signer != NULL && !signkey_fingerprint_matches(signer,
	    r.fingerprint)) {
		fprintf(stderr, _("%s : signé par la clé %s, pas par la clé "
		    "attendue %s : journal re-signé ou d'un autre formateur\n"),
		    path, r.fingerprint, signer);
		rc = EX_DATAERR;
	} else if (signer != NULL)
		printf(_("%s : signataire attendu ✓ (%s)\n"), path,
		    r.fingerprint);
	if (opts.head != NULL && r.head_line == 0) {
		fprintf(stderr, _("%s : aucune ligne n'a la tête %s : le journal "
		    "a été coupé après ce point, ou ce n'est pas cette "
		    "session\n"), path, opts.head);
		rc = EX_DATAERR;
	} else if (opts.head != NULL)
		printf(_("%s : tête %s trouvée à la ligne %zu ✓ (%zu lignes "
		    "depuis)\n"), path, opts.head, r.head_line,
		    r.lines - r.head_line);
	if (rc == EX_OK && v.draws == 1)
		printf(_("%s : session scellée (événement %lld) : partie "
		    "terminée, rien n'a été coupé à la fin ; graine révélée "
		    "conforme à l'engagement de l'en-tête, %d tirage(s) "
		    "vérifié(s)\n"), path, (long long)v.sealed_seq, v.checked);
	else if (rc == EX_OK)
		printf(_("%s : session en cours, pas encore scellée : une coupure "
		    "des dernières lignes ne se voit qu'avec --head (une tête "
		    "notée pendant la session)\n"), path);
	if (rc == EX_OK)
		rc = verify_marks(path, r.header_hash);
	journal_report_release(&r);
	if (rc == EX_OK && replay)
		rc = verify_replay(path);
	return rc;
}
