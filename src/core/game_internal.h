/*
 * game_internal: helpers shared by the engine's files (game.c, commands.c,
 * week.c, incidents.c, plan.c, results.c).  Not for other layers.
 */
#ifndef PILOTE_GAME_INTERNAL_H
#define PILOTE_GAME_INTERNAL_H

#include <stdarg.h>

#include "core/game.h"
#include "core/rng.h"
#include "util/xalloc.h"

#define game_vformat	xvasprintf

/* Lookups by identifier: index or -1. */
int	 game_role_index(const struct scenario *, const char *);
char	*game_role_list(const struct scenario *);	/* allocated */
int	 game_package_index(const struct scenario *, const char *);
int	 game_staff_index(const struct scenario *, const char *);
int	 game_supplier_index(const struct scenario *, const char *);
int	 game_tool_index(const struct scenario *, const char *);
int	 game_incident_index(const struct scenario *, const char *);
int	 game_status_point_index(const struct scenario *, const char *);
int	 game_line_index(const struct scenario *, const char *);
int	 game_objective_index(const struct scenario *, const char *);

/*
 * A draw in [0, n) for team t (core/draws.c): from the event's recorded
 * draws, else from the seed; recorded, with t, when the host applies an
 * event it is about to journal.  Every random decision of the engine goes
 * through here.
 */
int	 game_draw(const struct game *, const struct team *t, int week,
	    enum rng_purpose, int index, int n);

/* Week number from "7" or "S-3" (weeks before launch); 0 if invalid. */
int	 game_parse_week(const struct scenario *, const char *);

/* plan.c */
/* Centi-days package p needs in house (accessibility included, 1 day at
 * least), and the average daily cost (cents) of the people on it. */
int	 game_internal_required(const struct scenario *, const struct team *,
	    int package);
int64_t	 game_internal_daily_cost(const struct scenario *, const struct team *,
	    int package);
int	 game_package_due_week(const struct scenario *, int package);
bool	 game_needs_unmet(const struct scenario *, const struct team *);
bool	 game_suppliers_unframed(const struct scenario *, const struct team *);
int	 game_team_morale(const struct scenario *, const struct team *);


/* incidents.c */
void	 game_fire_week(struct game *, int team, int week, int64_t seq,
	    int64_t time);
/* cause (owned from then on) says why it fired. */
void	 game_fire(struct game *, int team, int incident, struct incident *adhoc,
	    int week, int64_t seq, int64_t time, struct later *cause);
void	 game_expire(struct game *, int64_t effective_now, int64_t seq);
void	 game_resolve(struct game *, int team, int occurrence, int option,
	    int64_t seq, const char *who, const char *why);
/* Parses "Libellé : cout=2000, retard=1" (ad hoc options); NULL + cause. */
struct incident *game_adhoc_parse(const struct scenario *, const struct record *,
	    char **cause);
void	 game_adhoc_free(struct incident *);
/* game_apply() once draws.c has put the event's draws in force. */
void	 game_apply_plain(struct game *, const struct event *);
/*
 * The same for a new decision not yet validated (game_submit()), when no
 * deadline passes at its time: the handler's checks and writes in one run.
 * 0 applied; -1 and *cause refused, nothing changed; 1 a deadline passes
 * (nothing done: validate, then apply).
 */
int	 game_apply_new(struct game *, const struct event *, char **cause);
void	 game_draws_free(struct game *);
/* The draws of a copy of g (core/clone.c): what holds between events. */
struct game_draws *game_draws_clone(const struct game *g);
void	 game_occurrence_release(struct occurrence *);

/* ledger.c: after an event, tells each team whose forecast went over its
 * envelope, or back within it (piloting only). */
void	 game_ledger_watch(struct game *, int64_t seq);
/* The same for team `only` alone (-1: every team), when the event could
 * change no other: each other team's ledger, and what was said of it, is
 * what the last watch saw. */
void	 game_ledger_watch_team(struct game *, int64_t seq, int only);

/* indicators.c: the E3 indicators of a team (after its project results),
 * and the judgement of a status point's parts when it is handed in. */
void	 game_indicators(const struct game *, struct team *);
void	 game_point_judge(const struct game *, const struct team *,
	    struct status_request *);

/* week.c */
void	 game_close_week(struct game *, int64_t seq, int64_t time);


/* Explanations: fmt is a msgid (N_()), translated when read. */
void	 game_explain(struct team *, int week, const int64_t *seqs, int nseqs,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
