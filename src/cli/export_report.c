/*
 * export_report: "pilote export report SESSION [-o FICHIER]", the jury's
 * self-contained HTML report (io/report.h).  Called by the export
 * dispatcher with argv[0] == "report".  The report is built in memory and,
 * with -o, written atomically: a temporary file beside the target, fsync,
 * rename, fsync of the directory; never a half file.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
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

/* Writes len bytes to path through a synced temporary file and rename. */
static int
export_report_write(const char *path, const char *data, size_t len,
    char **cause)
{
	char	*tmp = xasprintf("%s.XXXXXX", path), *dcopy, *dir;
	size_t	 off = 0;
	ssize_t	 n;
	int	 fd, dfd;

	if ((fd = mkstemp(tmp)) == -1) {
		*cause = xasprintf(_("%s : création impossible : %s"), tmp,
		    strerror(errno));
		free(tmp);
		return -1;
	}
	(void)fchmod(fd, 0644);
	while (off < len) {
		n = write(fd, data + off, len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail;
		off += (size_t)n;
	}
	if (fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) == -1)
		goto fail;
	dcopy = xstrdup(path);
	dir = dirname(dcopy);
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY)) != -1) {
		(void)fsync(dfd);
		close(dfd);
	}
	free(dcopy);
	free(tmp);
	return 0;
fail:
	*cause = xasprintf(_("%s : écriture impossible : %s"), path,
	    strerror(errno));
	if (fd != -1)
		close(fd);
	unlink(tmp);
	free(tmp);
	return -1;
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
	if (output == NULL) {
		if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0) {
			fprintf(stderr, _("pilote export report : écriture "
			    "impossible : %s\n"), strerror(errno));
			rc = EX_IOERR;
		}
	} else if (export_report_write(output, buf, len, &cause) == -1) {
		fprintf(stderr, "pilote export report : %s\n", cause);
		rc = EX_IOERR;
	}
out:
	free(cause);
	free(buf);
	return rc;
}
