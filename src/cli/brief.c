/*
 * brief and play: "pilote brief FILE [--format html -o OUT]" prints a
 * scenario's brief as text wrapped to 78 columns, or as a printable HTML
 * handout (io/report.h); "pilote play [SCENARIO | SESSION]" starts or
 * resumes a game.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/brief.h"
#include "io/export.h"
#include "io/report.h"
#include "io/scenario_load.h"
#include "io/session.h"
#include "tui/app.h"
#include "util/i18n.h"
#include "util/wrap.h"

#define BRIEF_COLUMNS	78

/* Loads a scenario, printing its diagnostics; returns a sysexits code. */
static int
brief_load(const char *path, struct scenario **out)
{
	struct diag	 d;
	size_t		 i;
	char		*line;
	int		 rc;
	char		*named;

	diag_init(&d);
	named = cli_scenario_path(path);
	switch (scenario_load(named, out, &d)) {
	case SCENARIO_LOAD_OK:
		rc = EX_OK;
		break;
	case SCENARIO_LOAD_UNREADABLE:
		rc = EX_NOINPUT;
		break;
	default:
		rc = EX_DATAERR;
		break;
	}
	diag_sort(&d);
	for (i = 0; i < d.count; i++) {
		/* Warnings are for authors (pilote check), not for players. */
		if (rc == EX_OK && d.items[i].severity == DIAG_WARNING)
			continue;
		line = diag_format(&d.items[i]);
		fprintf(stderr, "%s\n", line);
		free(line);
	}
	if (rc == EX_DATAERR)
		fprintf(stderr, _("pilote : le scénario %s contient des erreurs "
		    "(détails ci-dessus ; « pilote check %s » les liste)\n"),
		    path, path);
	diag_release(&d);
	free(named);
	return rc;
}

static void
brief_print(FILE *out, const struct brief *b)
{
	const struct brief_line	*bl;
	const char		*p;
	size_t			 len, next;
	int			 i, indent;

	for (i = 0; i < b->count; i++) {
		bl = &b->lines[i];
		indent = bl->style == BRIEF_ITEM ? 2 :
		    bl->style == BRIEF_SUBITEM ? 4 : 0;
		if (bl->style == BRIEF_HEADING)
			fprintf(out, "## ");
		else if (bl->style == BRIEF_TITLE)
			fprintf(out, "# ");
		for (p = bl->text; ; p += next) {
			wrap_next(p, BRIEF_COLUMNS - indent, &len, &next);
			if (p == bl->text && indent > 0)
				fprintf(out, "%*s%s", indent - 2, "",
				    bl->style == BRIEF_ITEM ? "• " : "◦ ");
			else if (indent > 0)
				fprintf(out, "%*s", indent, "");
			fprintf(out, "%.*s\n", (int)len, p);
			if (next == 0 || p[next] == '\0')
				break;
		}
	}
}

static int
brief_args(int argc, char **argv, const char *usage, const char **path,
    bool optional)
{
	int	 i;

	*path = NULL;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			fputs(usage, stdout);
			return -1;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, _("pilote : option inconnue « %s »\n"),
			    argv[i]);
			fputs(usage, stderr);
			return EX_USAGE;
		}
		if (*path != NULL) {
			fprintf(stderr, _("pilote : un seul scénario à la "
			    "fois\n"));
			fputs(usage, stderr);
			return EX_USAGE;
		}
		*path = argv[i];
	}
	if (*path == NULL && !optional) {
		fprintf(stderr, _("pilote : quel scénario ?\n"));
		fputs(usage, stderr);
		return EX_USAGE;
	}
	return EX_OK;
}

/* The brief as a printable HTML handout, written like every export. */
static int
brief_html(const struct scenario *s, const char *out)
{
	FILE	*mem;
	char	*buf = NULL, *cause = NULL;
	size_t	 len = 0;
	int	 rc = EX_OK;

	if ((mem = open_memstream(&buf, &len)) == NULL)
		return EX_OSERR;
	if (report_brief_page(s, mem) == -1) {
		fclose(mem);
		free(buf);
		return EX_IOERR;
	}
	if (fclose(mem) != 0) {
		free(buf);
		return EX_OSERR;
	}
	if ((rc = export_write(out, buf, &cause)) != EX_OK)
		fprintf(stderr, "pilote brief : %s\n", cause);
	free(cause);
	free(buf);
	return rc;
}

int
cli_brief(int argc, char **argv)
{
	static const char *const usage = N_("Usage : pilote brief SCÉNARIO "
	    "[--format texte|html] [-o FICHIER]\n"
	    "Affiche le brief du scénario tel que les équipes le lisent ; en "
	    "HTML, un\ndocument à imprimer (A4, une partie par page).\n");
	struct scenario	*s;
	struct brief	 b;
	struct cli_terminal term;
	const char	*path = NULL, *format = NULL, *out = NULL;
	int		 rc, i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(_(usage), stdout);
			return EX_OK;
		}
		if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
			format = argv[++i];
		else if ((strcmp(argv[i], "-o") == 0 ||
		    strcmp(argv[i], "--output") == 0) && i + 1 < argc)
			out = argv[++i];
		else if (argv[i][0] != '-' && path == NULL)
			path = argv[i];
		else {
			fputs(_(usage), stderr);
			return EX_USAGE;
		}
	}
	if (path == NULL || (format != NULL && strcmp(format, "texte") != 0 &&
	    strcmp(format, "html") != 0) || (out != NULL && (format == NULL ||
	    strcmp(format, "html") != 0))) {
		if (format != NULL && strcmp(format, "texte") != 0 &&
		    strcmp(format, "html") != 0)
			fprintf(stderr, _("pilote brief : --format attend texte "
			    "ou html\n"));
		else if (out != NULL)
			fprintf(stderr, _("pilote brief : -o va avec --format "
			    "html\n"));
		fputs(_(usage), stderr);
		return EX_USAGE;
	}
	if ((rc = brief_load(path, &s)) != EX_OK)
		return rc;
	if (format != NULL && strcmp(format, "html") == 0) {
		rc = brief_html(s, out);
		scenario_free(s);
		return rc;
	}
	brief_build(s, &b);
	cli_terminal_open(&term);
	brief_print(term.out, &b);
	rc = cli_terminal_close(&term) == -1 ? EX_IOERR : EX_OK;
	brief_release(&b);
	scenario_free(s);
	return rc;
}

/* Plays the scenario or resumes the session at path. */
static int
play_path(const char *path)
{
	struct scenario	*s;
	struct session	*ss;
	char		*cause = NULL, *warning = NULL;
	size_t		 n;
	int		 rc;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("pilote play : il faut un terminal "
		    "interactif (sans terminal : pilote do, pilote show)\n"));
		return EX_USAGE;
	}
	n = strlen(path);
	if (n > 6 && strcmp(path + n - 6, ".jsonl") == 0) {
		if (session_open(path, true, 0, &ss, &warning, &cause) == -1) {
			fprintf(stderr, "pilote play : %s\n", cause);
			rc = session_failure_exit();
			free(cause);
			return rc;
		}
		if (warning != NULL)
			fprintf(stderr, "pilote play : %s\n", warning);
		free(warning);
		rc = app_run(ss);
		session_close(ss);
		return rc;
	}
	if ((rc = brief_load(path, &s)) != EX_OK)
		return rc;
	rc = app_run_new(s);
	scenario_free(s);
	return rc;
}

int
cli_play(int argc, char **argv)
{
	const char	*path;
	char		*named;
	int		 rc;

	rc = brief_args(argc, argv, _("Usage : pilote play [SCÉNARIO | "
	    "SESSION]\n"
	    "Joue une session dans ce terminal (formateur et équipes à tour de "
	    "rôle).\nAvec un scénario (.cfg) : crée une session (démo en une "
	    "touche, ou équipes\nà composer). Avec une session (.jsonl) : la "
	    "reprend exactement où elle en était.\nSans argument : le "
	    "scénario par défaut, " PILOTE_DEFAULT_SCENARIO ".\n"), &path,
	    true);
	if (rc != EX_OK)
		return rc < 0 ? EX_OK : rc;
	if (path == NULL)
		path = access(PILOTE_DEFAULT_SCENARIO, R_OK) == 0 ?
		    PILOTE_DEFAULT_SCENARIO :
		    PILOTE_DATADIR "/" PILOTE_DEFAULT_SCENARIO;
	/* A scenario by its name too: pilote play lancement-hydra. */
	named = cli_scenario_path(path);
	rc = play_path(named);
	free(named);
	return rc;
}

