/*
 * joincode: the rule that makes the join codes, shared by the session host
 * (io/host.c, which checks them) and "pilote codes" (which prints them for
 * the trainer to hand out).  Written once here so that a slip can never
 * show a code the host would refuse.
 *
 * A code is journal_derive_code() over a context: the team's name, or the
 * team's and the candidate's, with the code's renewal generation (0 until
 * the trainer renews it).  The generations live in keys/<session>.codes,
 * the trainer's alone (0600 in a 0700 keys/): JSON {"teams":{"Alpha":2},
 * "candidates":{"Alpha":{"Léa Martin":1}}}; the first version had the
 * teams' alone at the top ({"Alpha":2}), still read.
 */
#ifndef PILOTE_JOINCODE_H
#define PILOTE_JOINCODE_H

#include "core/game.h"

/* The trainer's code has a single context: it is never renewed. */
#define JOINCODE_TRAINER_CONTEXT	"pilote-join-v1:trainer"

/*
 * The context of a team's code (candidate NULL) or of a candidate's
 * personal code, at renewal generation gen.  Allocated.
 */
char	*joincode_context(const char *team, const char *candidate,
	    unsigned gen);

/* keys/<session file name>.codes beside the session.  Allocated. */
char	*joincode_gens_path(const char *session_path);

/*
 * Reads the generations of g's teams and candidates from path into gen and
 * pgen; a missing or unreadable file, or a missing name, gives 0 (the
 * first code).
 */
void	 joincode_load_gens(const char *path, const struct game *g,
	    unsigned gen[GAME_MAX_TEAMS],
	    unsigned pgen[GAME_MAX_TEAMS][GAME_MAX_CANDIDATES]);

/* Every code of a session, as the host accepts them now ("" if none). */
struct joincodes {
	char	 team[GAME_MAX_TEAMS][9];
	char	 personal[GAME_MAX_TEAMS][GAME_MAX_CANDIDATES][9];
};

/*
 * Derives every code of g's session from its secret file alone
 * (journal_derive_code_keyfile: no writer's lock, so it works while the
 * host runs), with the generations of keys/<session>.codes.  0, or -1 and
 * *cause (French, allocated) without the key: only the trainer can.
 */
int	 joincode_derive_all(const char *session_path, const struct game *g,
	    struct joincodes *out, char **cause);

#endif
