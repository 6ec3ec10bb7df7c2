/*
 * export_report: "pilote export report SESSION [-o FICHIER]", the jury's
 * self-contained HTML report (io/report.h).  Called by the export
 * dispatcher with argv[0] == "report".  The report is built in memory and,
 * with -o, written atomically (io/atomic): never a half file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/export.h"
#include "io/report.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static void
export_report_usage(FILE *out)
{
	fprintf(out, _("Usage : pilote export report SESSION [-o FICHIER]\n"
	    "Écrit le rapport HTML autonome de la session (brief, "
	    "rétroplannings,\ncourbes budgétaires, incidents, points de "
	    "situation, résultats, grille E3) :\nun seul fichier, sans "
	    "ressource externe, qui s'imprime en PDF.\n\n"
	    "  -o, --output FICHIER  écrire dans FICHIER (atomiquement) "
	    "plutôt que sur la sortie\n"
	    "  -h, --help            afficher cette aide\n"));
}

int
report_export(int argc, char **argv)
{
	const char	*path = NULL, *output = NULL;
	char		*buf = NULL, *cause = NULL;
	size_t		 len = 0;
	FILE		*mem;
	int		 i, rc = EX_OK;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			export_report_usage(stdout);
			return EX_OK;
		}
		if ((strcmp(argv[i], "-o") == 0 ||
		    strcmp(argv[i], "--output") == 0) && i + 1 < argc)
			output = argv[++i];
		else if (argv[i][0] != '-' && path == NULL)
			path = argv[i];
		else {
			export_report_usage(stderr);
			return EX_USAGE;
		}
	}
	if (path == NULL) {
		export_report_usage(stderr);
		return EX_USAGE;
	}
	if ((mem = open_memstream(&buf, &len)) == NULL) {
		fprintf(stderr, "pilote export report : %s\n", strerror(errno));
		return EX_OSERR;
	}
	if (report_html(path, mem, &cause) == -1) {
		fclose(mem);
		fprintf(stderr, "pilote export report : %s\n", cause);
		rc = access(path, F_OK) != 0 ? EX_NOINPUT : EX_DATAERR;
		goto out;
	}
	if (fclose(mem) != 0) {
		fprintf(stderr, "pilote export report : %s\n", strerror(errno));
		rc = EX_OSERR;
		goto out;
	}
	/* The same atomic write as every other export (io/export.c). */
	if ((rc = export_write(output, buf, &cause)) != EX_OK)
		fprintf(stderr, "pilote export report : %s\n", cause);
out:
	free(cause);
	free(buf);
	return rc;
}
