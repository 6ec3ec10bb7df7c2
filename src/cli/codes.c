/*
 * codes: "pilote codes SESSION [-o FICHIER] [--ssh [COMPTE@]POSTE]" writes
 * the access slips to print and hand out (io/slips.h), with the codes the
 * host accepts now (io/joincode.h).  Only the trainer can: the codes come
 * from keys/, the trainer's alone.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "io/export.h"
#include "io/joincode.h"
#include "io/session.h"
#include "io/slips.h"
#include "util/i18n.h"

static void
codes_usage(FILE *out)
{
	fprintf(out, _("Usage : pilote codes SESSION [-o FICHIER] "
	    "[--ssh [COMPTE@]POSTE]\n"
	    "Écrit les fiches d'accès à imprimer et à découper (HTML, A4) : "
	    "par équipe,\nson code et la commande pilote join à taper, puis "
	    "une fiche par candidat\navec son code personnel.  Seul le "
	    "formateur le peut (il faut keys/).\n\n"
	    "  -o, --output FICHIER  écrire dans FICHIER (atomiquement) "
	    "plutôt que sur la sortie\n"
	    "  --ssh [COMPTE@]POSTE  ajouter la connexion SSH au poste hôte\n"
	    "  -h, --help            afficher cette aide\n"));
}

int
cli_codes(int argc, char **argv)
{
	struct session		*ss = NULL;
	struct joincodes	 jc;
	const char		*path = NULL, *out = NULL, *ssh = NULL;
	char			*cause = NULL, *warning = NULL, *buf = NULL;
	char			 abs[PATH_MAX];
	size_t			 len = 0;
	FILE			*mem = NULL;
	int			 i, rc = EX_OK;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			codes_usage(stdout);
			return EX_OK;
		}
		if ((strcmp(argv[i], "-o") == 0 ||
		    strcmp(argv[i], "--output") == 0) && i + 1 < argc)
			out = argv[++i];
		else if (strcmp(argv[i], "--ssh") == 0 && i + 1 < argc)
			ssh = argv[++i];
		else if (argv[i][0] != '-' && path == NULL)
			path = argv[i];
		else {
			codes_usage(stderr);
			return EX_USAGE;
		}
	}
	if (path == NULL) {
		codes_usage(stderr);
		return EX_USAGE;
	}
	if (session_open(path, false, 0, &ss, &warning, &cause) == -1) {
		fprintf(stderr, "pilote codes : %s\n", cause);
		rc = session_failure_exit();
		goto done;
	}
	if (joincode_derive_all(path, ss->game, &jc, &cause) == -1) {
		fprintf(stderr, _("pilote codes : %s (seul le formateur, avec "
		    "la clé de la session dans keys/, peut imprimer les "
		    "codes)\n"), cause);
		rc = EX_NOPERM;
		goto done;
	}
	/* The candidates type the path from their own accounts. */
	if (realpath(path, abs) == NULL)
		snprintf(abs, sizeof abs, "%s", path);
	if ((mem = open_memstream(&buf, &len)) == NULL) {
		fprintf(stderr, "pilote codes : %s\n", strerror(errno));
		rc = EX_OSERR;
		goto done;
	}
	i = slips_html(mem, ss->game, &jc, abs, ssh);
	if (fclose(mem) != 0 || i == -1) {
		fprintf(stderr, "pilote codes : %s\n", strerror(errno));
		rc = EX_OSERR;
		goto done;
	}
	if ((rc = export_write(out, buf, &cause)) != EX_OK)
		fprintf(stderr, "pilote codes : %s\n", cause);
done:
	free(buf);
	free(cause);
	free(warning);
	session_close(ss);
	return rc;
}
