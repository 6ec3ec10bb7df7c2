/*
 * joincode: the join codes' contexts and renewal generations (joincode.h).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "io/joincode.h"
#include "io/journal.h"
#include "util/xalloc.h"

/*
 * A renewed code has its generation before the name ("renewed:N:"), so
 * that no team name can make two contexts equal; a candidate's context
 * carries the team's name with its length, so that no pair of names
 * containing ':' can either.
 */
char *
joincode_context(const char *team, const char *candidate, unsigned gen)
{
	if (candidate == NULL)
		return gen == 0 ? xasprintf("pilote-join-v1:team:%s", team) :
		    xasprintf("pilote-join-v1:renewed:%u:team:%s", gen, team);
	return gen == 0 ? xasprintf("pilote-join-v1:candidate:%zu:%s:%s",
	    strlen(team), team, candidate) :
	    xasprintf("pilote-join-v1:renewed:%u:candidate:%zu:%s:%s", gen,
	    strlen(team), team, candidate);
}

char *
joincode_gens_path(const char *session_path)
{
	const char	*slash = strrchr(session_path, '/');

	if (slash == NULL)
		return xasprintf("keys/%s.codes", session_path);
	return xasprintf("%.*s/keys/%s.codes", (int)(slash - session_path),
	    session_path, slash + 1);
}

static unsigned
joincode_gen_value(const json_t *v)
{
	if (json_is_integer(v) && json_integer_value(v) > 0 &&
	    json_integer_value(v) < 1000000)
		return (unsigned)json_integer_value(v);
	return 0;
}

void
joincode_load_gens(const char *path, const struct game *g,
    unsigned gen[GAME_MAX_TEAMS],
    unsigned pgen[GAME_MAX_TEAMS][GAME_MAX_CANDIDATES])
{
	const json_t	*teams, *cands, *mine;
	json_t		*o;
	json_error_t	 err;
	int		 i, k;

	memset(gen, 0, GAME_MAX_TEAMS * sizeof *gen);
	memset(pgen, 0, GAME_MAX_TEAMS * sizeof *pgen);
	if ((o = json_load_file(path, 0, &err)) == NULL)
		return;
	teams = json_object_get(o, "teams");
	if (!json_is_object(teams))
		teams = o;		/* the first version */
	cands = json_object_get(o, "candidates");
	for (i = 0; i < g->nteams; i++) {
		gen[i] = joincode_gen_value(json_object_get(teams,
		    g->teams[i].name));
		mine = json_object_get(cands, g->teams[i].name);
		for (k = 0; k < g->teams[i].ncandidates; k++)
			pgen[i][k] = joincode_gen_value(json_object_get(mine,
			    g->teams[i].candidates[k].name));
	}
	json_decref(o);
}

int
joincode_derive_all(const char *session_path, const struct game *g,
    struct joincodes *out, char **cause)
{
	unsigned	 gen[GAME_MAX_TEAMS];
	unsigned	 pgen[GAME_MAX_TEAMS][GAME_MAX_CANDIDATES];
	char		*path, *ctx;
	int		 i, k, rc = 0;

	memset(out, 0, sizeof *out);
	path = joincode_gens_path(session_path);
	joincode_load_gens(path, g, gen, pgen);
	free(path);
	for (i = 0; i < g->nteams && rc == 0; i++) {
		ctx = joincode_context(g->teams[i].name, NULL, gen[i]);
		rc = journal_derive_code_keyfile(session_path, ctx,
		    out->team[i], cause);
		free(ctx);
		for (k = 0; k < g->teams[i].ncandidates && rc == 0; k++) {
			ctx = joincode_context(g->teams[i].name,
			    g->teams[i].candidates[k].name, pgen[i][k]);
			rc = journal_derive_code_keyfile(session_path, ctx,
			    out->personal[i][k], cause);
			free(ctx);
		}
	}
	return rc;
}
