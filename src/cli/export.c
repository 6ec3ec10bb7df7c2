/*
 * export: "pilote export KIND SESSION [-o FICHIER] [--candidate NOM]
 * [--format md|csv|html]" writes the REX file of a candidate, the E3 grid or
 * the events table of a session (see io/export.h).  Every kind replays the
 * journal through session_open(), so an altered journal is refused (65)
 * with its "fichier:ligne: ..." before anything is written.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/export.h"
#include "io/marks.h"
#include "io/report.h"
#include "io/session.h"
#include "util/i18n.h"

static void
export_usage(FILE *out)
{
	fprintf(out, _("Usage : pilote export TYPE SESSION [-o|--output FICHIER] "
	    "[--candidate NOM] [--format md|csv|html]\n"
	    "Exporte des faits d'une session (jamais d'analyse à la place du "
	    "candidat) :\n"
	    "  rex --candidate NOM  fichier du candidat pour rédiger son REX "
	    "(Markdown)\n"
	    "  grid                 grille d'évaluation E3 du jury : synthèse de "
	    "la classe,\n"
	    "                       une page par candidat (Markdown ; --format "
	    "html pour\n"
	    "                       l'imprimer, --format csv : une ligne par "
	    "candidat et critère)\n"
	    "  report               rapport HTML du jury (pilote export report "
	    "--help)\n"
	    "  events               tous les événements du journal (CSV)\n"
	    "Sans -o (ou avec -o -), l'export va sur la sortie standard ; "
	    "sinon le fichier\nest remplacé d'un coup (jamais à moitié "
	    "écrit).\n"));
}

/* The printable grid (io/report.h), written like every export. */
static int
export_grid_html(const char *path, const char *out)
{
	FILE	*mem;
	char	*buf = NULL, *cause = NULL;
	size_t	 len = 0;
	int	 rc = EX_OK;

	if ((mem = open_memstream(&buf, &len)) == NULL) {
		fprintf(stderr, "pilote export : %s\n", strerror(errno));
		return EX_OSERR;
	}
	if (report_grid(path, mem, &cause) == -1) {
		fclose(mem);
		fprintf(stderr, "pilote export : %s\n", cause);
		rc = access(path, F_OK) != 0 ? EX_NOINPUT : EX_DATAERR;
	} else if (fclose(mem) != 0) {
		fprintf(stderr, "pilote export : %s\n", strerror(errno));
		rc = EX_OSERR;
	} else if ((rc = export_write(out, buf, &cause)) != EX_OK)
		fprintf(stderr, "pilote export : %s\n", cause);
	free(cause);
	free(buf);
	return rc;
}

int
cli_export(int argc, char **argv)
{
	struct session	*ss = NULL;
	struct marks	 ms;
	const char	*kind = NULL, *path = NULL, *out = NULL;
	const char	*candidate = NULL, *format = NULL;
	char		*cause = NULL, *warning = NULL, *text = NULL;
	char		*mwarning = NULL;
	enum export_format fmt;
	bool		 have_marks = false;
	int		 i, rc = EX_OK;

	/* The HTML report has its own options (src/cli/export_report.c). */
	if (argc >= 2 && strcmp(argv[1], "report") == 0)
		return report_export(argc - 1, argv + 1);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			export_usage(stdout);
			return EX_OK;
		}
		if ((strcmp(argv[i], "-o") == 0 ||
		    strcmp(argv[i], "--output") == 0) && i + 1 < argc)
			out = argv[++i];
		else if (strcmp(argv[i], "--candidate") == 0 && i + 1 < argc)
			candidate = argv[++i];
		else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
			format = argv[++i];
		else if (argv[i][0] != '-' && kind == NULL)
			kind = argv[i];
		else if (argv[i][0] != '-' && path == NULL)
			path = argv[i];
		else {
			export_usage(stderr);
			return EX_USAGE;
		}
	}
	if (kind == NULL || path == NULL) {
		export_usage(stderr);
		return EX_USAGE;
	}
	if (format != NULL && strcmp(format, "md") != 0 &&
	    strcmp(format, "csv") != 0 && strcmp(format, "html") != 0) {
		fprintf(stderr, _("pilote export : --format attend md, csv ou "
		    "html\n"));
		return EX_USAGE;
	}
	if (format != NULL && strcmp(format, "html") == 0 &&
	    strcmp(kind, "grid") != 0) {
		fprintf(stderr, _("pilote export : seule la grille s'exporte en "
		    "HTML (le rapport : pilote export report)\n"));
		return EX_USAGE;
	}
	if (format != NULL && strcmp(format, "html") == 0)
		return export_grid_html(path, out);
	if (strcmp(kind, "rex") == 0) {
		if (candidate == NULL) {
			fprintf(stderr, _("pilote export : rex demande "
			    "--candidate NOM\n"));
			return EX_USAGE;
		}
		if (format != NULL && strcmp(format, "md") != 0) {
			fprintf(stderr, _("pilote export : rex s'exporte en "
			    "Markdown seulement\n"));
			return EX_USAGE;
		}
	} else if (strcmp(kind, "events") == 0) {
		if (format != NULL && strcmp(format, "csv") != 0) {
			fprintf(stderr, _("pilote export : events s'exporte en "
			    "CSV seulement\n"));
			return EX_USAGE;
		}
	} else if (strcmp(kind, "grid") != 0) {
		fprintf(stderr, _("pilote export : type « %s » inconnu (rex, "
		    "grid, events)\n"), kind);
		return EX_USAGE;
	}
	fmt = format != NULL && strcmp(format, "csv") == 0 ? EXPORT_CSV :
	    EXPORT_MARKDOWN;
	if (session_open(path, false, 0, &ss, &warning, &cause) == -1) {
		fprintf(stderr, "pilote export : %s\n", cause);
		rc = session_failure_exit();
		goto done;
	}
	if (warning != NULL)
		fprintf(stderr, "pilote export : %s\n", warning);
	if (strcmp(kind, "rex") == 0) {
		if ((text = export_rex(ss, candidate, &cause)) == NULL) {
			fprintf(stderr, "pilote export : %s\n", cause);
			rc = EX_USAGE;
			goto done;
		}
	} else if (strcmp(kind, "events") == 0)
		text = export_events(ss);
	else {
		rc = marks_load(path, ss->journal, &ms, &mwarning, &cause);
		if (mwarning != NULL)
			fprintf(stderr, "pilote export : %s\n", mwarning);
		free(mwarning);
		if (rc != EX_OK) {
			fprintf(stderr, "pilote export : %s\n", cause);
			goto done;
		}
		have_marks = true;
		text = export_grid(ss, &ms, fmt);
	}
	if ((rc = export_write(out, text, &cause)) != EX_OK)
		fprintf(stderr, "pilote export : %s\n", cause);
done:
	if (have_marks)
		marks_release(&ms);
	free(text);
	free(cause);
	free(warning);
	session_close(ss);
	return rc;
}
