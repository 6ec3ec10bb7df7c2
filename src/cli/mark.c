/*
 * mark: "pilote mark SESSION --team NOM --criterion CLÉ --level NIVEAU",
 * an E3 mark written from a script, the same mark as the replay's key m
 * (io/marks.h: appended to SESSION.marks, signed by this account's key).
 * Every value is checked against the session before anything is written.
 *
 * Exit codes: 0 written; 64 usage; 65 a bad value (unknown team,
 * candidate, criterion, level or event) or an altered session or marks
 * file; 66 no session; 74 I/O failure (nothing written); 75 another
 * marker holds the file; 77 the marks file was begun by another account.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "core/game.h"
#include "core/scenario.h"
#include "io/marks.h"
#include "io/session.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

static void
mark_usage(FILE *out)
{
	int	 i;

	fprintf(out, _("Usage : pilote mark SESSION --team NOM [--candidate "
	    "'Prénom Nom'] --criterion CLÉ\n"
	    "                   --level acquis|partiel|non_acquis [--comment "
	    "TEXTE]\n"
	    "                   [--evidence 12,15] [--author NOM]\n"
	    "Note un critère E3 comme la touche m du rejeu : la note est "
	    "ajoutée à\nSESSION.marks, chaînée et signée par la clé de ce "
	    "compte (créée la première fois) ;\nune note plus récente pour la "
	    "même équipe, le même candidat et le même critère\nremplace "
	    "l'ancienne, le fichier garde l'historique.\n\n"
	    "  --team NOM          l'équipe notée\n"
	    "  --candidate NOM     un candidat de l'équipe (sans : l'équipe "
	    "entière)\n"
	    "  --criterion CLÉ     le critère :"));
	for (i = 0; i < E3_CRITERION_COUNT; i++)
		fprintf(out, " %s", scenario_e3_keys[i]);
	fprintf(out, _("\n"
	    "  --level NIVEAU      acquis, partiel (partiellement acquis) ou "
	    "non_acquis\n"
	    "  --comment TEXTE     le commentaire du jury\n"
	    "  --evidence 12,15    les événements du journal qui le prouvent "
	    "(n°)\n"
	    "  --author NOM        qui note (par défaut : l'utilisateur, "
	    "$USER)\n"
	    "  -h, --help          afficher cette aide\n\n"
	    "Codes de sortie : 0 note enregistrée, 64 usage incorrect, 65 "
	    "valeur refusée\n(équipe, candidat, critère, niveau, événement) ou "
	    "session ou notes altérées,\n66 session introuvable, 74 erreur "
	    "d'entrée-sortie (rien d'enregistré), 75 notes\nen cours d'écriture "
	    "par un autre processus, 77 notes commencées par un autre\ncompte "
	    "(une autre clé).\n"));
}

/* "12,15" into seqs of the session (1 .. count - 1); -1 and *cause. */
static int
mark_parse_evidence(const char *spec, size_t count, struct mark *m,
    char **cause)
{
	const char	*p = spec;
	char		*end;
	long long	 n;

	m->evidence = xcalloc(strlen(spec) / 2 + 2, sizeof(int64_t));
	while (*p != '\0') {
		n = strtoll(p, &end, 10);
		if (end == p || (*end != ',' && *end != '\0') || n < 1 ||
		    (unsigned long long)n >= count) {
			*cause = xasprintf(_("--evidence « %s » : des numéros "
			    "d'événement de 1 à %zu séparés par des virgules "
			    "sont attendus"), spec, count - 1);
			return -1;
		}
		m->evidence[m->nevidence++] = n;
		p = *end == ',' ? end + 1 : end;
	}
	return 0;
}

/* The names a session knows, for a refusal: "Alpha, Beta"; allocated. */
static char *
mark_names(const struct game *g, int team)
{
	char	*s = xstrdup(""), *t;
	int	 i, n = team < 0 ? g->nteams : g->teams[team].ncandidates;

	for (i = 0; i < n; i++) {
		t = xasprintf("%s%s%s", s, i ? ", " : "", team < 0 ?
		    g->teams[i].name : g->teams[team].candidates[i].name);
		free(s);
		s = t;
	}
	return s;
}

/* Checks the mark's values against the session; -1 and *cause. */
static int
mark_check(const struct session *ss, const char *team_name,
    struct mark *m, const char *evidence, char **cause)
{
	const struct game	*g = ss->game;
	char			*names;
	int			 t;

	if ((t = game_team_index(g, team_name)) < 0) {
		names = mark_names(g, -1);
		*cause = xasprintf(_("équipe « %s » inconnue dans cette session "
		    "(équipes : %s)"), team_name, names);
		free(names);
		return -1;
	}
	m->team = g->teams[t].name;
	if (m->candidate != NULL &&
	    game_candidate_index(&g->teams[t], m->candidate) < 0) {
		names = mark_names(g, t);
		*cause = xasprintf(_("« %s » n'est pas un candidat de l'équipe %s "
		    "(candidats : %s)"), m->candidate, team_name, names);
		free(names);
		return -1;
	}
	if (m->comment != NULL && text_utf8_valid_prefix(m->comment,
	    strlen(m->comment)) != strlen(m->comment)) {
		*cause = xstrdup(_("--comment : texte illisible (UTF-8 "
		    "attendu)"));
		return -1;
	}
	if (text_utf8_valid_prefix(m->author, strlen(m->author)) !=
	    strlen(m->author)) {
		*cause = xstrdup(_("--author : nom illisible (UTF-8 attendu)"));
		return -1;
	}
	return evidence == NULL ? 0 : mark_parse_evidence(evidence,
	    journal_count(ss->journal), m, cause);
}

/* A keyword of table, or -1 and a refusal naming the nearest one. */
static int
mark_keyword(const char *option, const char *const *table, int count,
    int first, const char *word)
{
	const char	*near;
	int		 k;

	if ((k = scenario_keyword(table, count, word)) >= first)
		return k;
	near = text_nearest(word, table + first, (size_t)(count - first));
	if (near != NULL)
		fprintf(stderr, _("pilote mark : %s « %s » inconnu ; vouliez-vous "
		    "dire « %s » ?\n"), option, word, near);
	else
		fprintf(stderr, _("pilote mark : %s « %s » inconnu (voir pilote "
		    "mark --help)\n"), option, word);
	return -1;
}

int
cli_mark(int argc, char **argv)
{
	struct session	*ss = NULL;
	struct marks	 ms;
	struct mark	 m;
	const char	*path = NULL, *team = NULL, *criterion = NULL;
	const char	*level = NULL, *evidence = NULL;
	char		*warning = NULL, *cause = NULL;
	int		 i, k, rc, loaded = 0;

	memset(&m, 0, sizeof m);
	m.author = (char *)(uintptr_t)marks_default_author();
	for (i = 1; i < argc; i++) {
		const char	*o = argv[i];
		const char	*v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(o, "-h") == 0 || strcmp(o, "--help") == 0) {
			mark_usage(stdout);
			return EX_OK;
		}
		if (o[0] != '-') {
			if (path != NULL) {
				mark_usage(stderr);
				return EX_USAGE;
			}
			path = o;
			continue;
		}
		if (v == NULL) {
			fprintf(stderr, _("pilote mark : %s attend une valeur\n"
			    "Essayez « pilote mark --help ».\n"), o);
			return EX_USAGE;
		}
		i++;
		if (strcmp(o, "--team") == 0)
			team = v;
		else if (strcmp(o, "--candidate") == 0)
			m.candidate = (char *)(uintptr_t)v;
		else if (strcmp(o, "--criterion") == 0)
			criterion = v;
		else if (strcmp(o, "--level") == 0)
			level = v;
		else if (strcmp(o, "--comment") == 0)
			m.comment = (char *)(uintptr_t)v;
		else if (strcmp(o, "--evidence") == 0)
			evidence = v;
		else if (strcmp(o, "--author") == 0)
			m.author = (char *)(uintptr_t)v;
		else {
			fprintf(stderr, _("pilote mark : option inconnue « %s »\n"
			    "Essayez « pilote mark --help ».\n"), o);
			return EX_USAGE;
		}
	}
	if (path == NULL || team == NULL || criterion == NULL ||
	    level == NULL) {
		fprintf(stderr, _("pilote mark : SESSION, --team, --criterion et "
		    "--level sont requis\nEssayez « pilote mark --help ».\n"));
		return EX_USAGE;
	}
	/* The keywords first: a typo needs no session to be told. */
	if ((k = mark_keyword("--criterion", scenario_e3_keys,
	    E3_CRITERION_COUNT, 0, criterion)) < 0)
		return EX_DATAERR;
	m.criterion = k;
	/* mark_level_keys[0] ("") is "not marked": no level to give. */
	if ((k = mark_keyword("--level", mark_level_keys, 4, 1, level)) < 0)
		return EX_DATAERR;
	m.level = (enum mark_level)k;

	if (session_open(path, false, 0, &ss, &warning, &cause) == -1) {
		fprintf(stderr, "pilote mark : %s\n", cause);
		rc = session_failure_exit();
		goto out;
	}
	if (warning != NULL)
		fprintf(stderr, "pilote mark : %s\n", warning);
	free(warning);
	warning = NULL;
	if (mark_check(ss, team, &m, evidence, &cause) == -1) {
		fprintf(stderr, "pilote mark : %s : %s\n", path, cause);
		rc = EX_DATAERR;
		goto out;
	}
	if ((rc = marks_load(path, ss->journal, &ms, &warning, &cause)) !=
	    EX_OK) {
		fprintf(stderr, "pilote mark : %s\n", cause);
		goto out;
	}
	loaded = 1;
	if (warning != NULL)
		fprintf(stderr, "pilote mark : %s\n", warning);
	m.time = session_now();
	if ((rc = marks_put(&ms, &m, &cause)) != EX_OK) {
		fprintf(stderr, "pilote mark : %s\n", cause);
		goto out;
	}
	printf(_("%s : note enregistrée (%s%s%s, %s : %s), signée par la clé "
	    "%s (%zu dans le fichier)\n"), ms.path, m.team,
	    m.candidate != NULL ? ", " : "", m.candidate != NULL ?
	    m.candidate : "", scenario_e3_keys[m.criterion],
	    _(mark_level_labels[m.level]), ms.signer, ms.recorded);
out:
	if (loaded)
		marks_release(&ms);
	free(m.evidence);
	free(warning);
	free(cause);
	session_close(ss);
	return rc;
}
