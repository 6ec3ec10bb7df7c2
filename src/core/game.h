/*
 * game: the state of one session of the E3 business game, and the pure
 * functions that build it from events.
 *
 *   state = fold(game_apply, game_new(scenario, setup), events)
 *
 * Nothing here does I/O, reads a clock or draws from a hidden generator:
 * time arrives inside events (the wall-clock milliseconds recorded when the
 * event was made) and randomness comes from core/rng.h, keyed by the
 * session seed, so a replay reproduces the state bit for bit and every team
 * meets the same draws.  Money is in cents.
 *
 * Invariants: teams, candidates, and every per-package / per-staff /
 * per-supplier array are sized from the scenario at game_new() and never
 * resized; an incident occurrence keeps its index in team.occurrences for
 * the whole session (its public number is index + 1).
 */
#ifndef PILOTE_GAME_H
#define PILOTE_GAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "core/rng.h"
#include "core/scenario.h"
#include "util/later.h"

#define GAME_TRAINER		"formateur"	/* the actor of trainer events */
#define GAME_MAX_TEAMS		8
#define GAME_MAX_CANDIDATES	8
/* At most this % more time on status points (an accommodation). */
#define GAME_EXTRA_TIME_MAX	200
/* Hours a week given to a supplier relationship (cadrer heures=1..). */
#define GAME_FRAME_HOURS_MAX	40

enum game_phase {
	PHASE_FRAMING,		/* week 0: teams frame the project */
	PHASE_PILOTING,		/* weeks 1..weeks */
	PHASE_LAUNCHED		/* results computed */
};

/* Who owns a package. */
enum owner_kind {
	OWNER_NONE,
	OWNER_INTERNAL,
	OWNER_SUPPLIER
};

enum package_status {
	PKG_TODO,
	PKG_IN_PROGRESS,
	PKG_BLOCKED,		/* waiting for predecessors or an owner */
	PKG_DONE
};

enum meeting_frequency {
	MEETINGS_NONE,
	MEETINGS_MONTHLY,
	MEETINGS_FORTNIGHTLY,
	MEETINGS_WEEKLY,
	MEETING_FREQUENCY_COUNT
};

enum occurrence_status {
	OCC_OPEN,
	OCC_ANSWERED,
	OCC_DEFAULTED		/* nobody answered in time */
};

struct candidate {
	char		*name;
	int		 role;		/* scenario role, or SCENARIO_NONE */
	int		 extra_time;	/* % more time on status points */
	char		*assistant;	/* who types for the candidate, or NULL */
};

struct package_state {
	enum owner_kind	 owner;
	bool		*staff;		/* [nstaff]: people on it if internal */
	int		 supplier;	/* if OWNER_SUPPLIER */
	int		 offer;		/* index in the supplier's offers */
	bool		 accessible_work;	/* internal: accessibility included */
	int64_t		 assigned_seq;
	int		 plan_start;	/* week, 0 = not planned */
	int		 plan_end;
	int64_t		 planned_seq;
	/* Piloting. */
	enum package_status status;
	int		 started;	/* week work began (0 = not yet) */
	int		 finished;	/* week it was delivered (0 = not yet) */
	int		 done_cdays;	/* internal: centi person-days done */
	int		 extra_workload;	/* person-days added by incidents */
	int		 ordered;	/* supplier: week ordered */
	int		 due;		/* supplier: expected delivery week */
	int		 delay;		/* weeks added by incidents */
	int		 quality;	/* %, when finished */
	int		 quality_delta;	/* points from incidents */
	bool		 accessible;	/* delivered compliant */
	bool		 negotiated;	/* one negotiation per package */
	int64_t		 discount;	/* cents off the supplier's price */
};

struct supplier_state {
	bool		 framed;
	enum meeting_frequency meetings;
	int		 tool;		/* exchange tool, or SCENARIO_NONE */
	char		*format;	/* deliverable format expected */
	char		*acceptance;	/* acceptance criteria */
	int		 hours;		/* time allotted per week */
	int64_t		 framed_seq;
	int		 reliability_delta;
};

struct staff_state {
	int		 morale;	/* % */
	int		 fatigue;	/* % */
	int		 days_lost;	/* absent days still to come */
	bool		*accommodated;	/* [nneeds] */
	int64_t		*accommodated_seq;
};

/*
 * The money that moved on one budget line, in cents.  What is still planned,
 * the forecast and the margin are not stored: core/ledger.h computes them
 * from the whole state, so that they cannot drift from it.
 */
struct budget_line_state {
	int64_t		 committed;	/* ordered, not yet paid */
	int64_t		 actual;	/* paid: planned work and unplanned */
	int64_t		 unplanned;	/* part of actual: incident costs and
					   draws on the reserve */
	int64_t		 drawn;		/* part of unplanned paid from the
					   reserve */
	int64_t		 saved;		/* savings granted by incidents */
};

struct occurrence {
	int		 incident;	/* scenario incident, or -1: ad hoc */
	struct incident	*adhoc;		/* owned, for ad hoc incidents */
	int		 week;
	int64_t		 opened_seq;
	int64_t		 opened_time;	/* ms, event time */
	int64_t		 deadline;	/* ms of effective (unpaused) time */
	/* Drawn once when it fires, shared by its options and default. */
	int		 target_package;	/* "lot" */
	int		 target_external;	/* "lot_externe" */
	int		 target_internal;	/* "lot_interne" */
	int		 target_staff;		/* "membre" */
	int		 target_supplier;	/* "prestataire" */
	enum occurrence_status status;
	int		 option;	/* chosen, or -1 */
	int64_t		 closed_seq;
	char		*answered_by;
	char		*why;
	struct later	*cause;		/* why it fired, for explanations:
					   later_text() (util/later.h) */
};

/* How a part of a status point reads (core/indicators.c judges it when it
 * is handed in, against what the team faced at that moment). */
enum point_part {
	PART_EMPTY,		/* nothing, or blanks */
	PART_THIN,		/* too few words to say anything */
	PART_UNGROUNDED,	/* developed, but names nothing the team faced */
	PART_COMPLETE,		/* developed and grounded */
	POINT_PART_QUALITY_COUNT
};

struct status_request {
	int		 point;		/* scenario status point, or -1 ad hoc */
	char		*title;
	char		*prompt;
	int		 deadline_minutes;
	int64_t		 requested_seq;
	int64_t		 requested_time;	/* effective ms */
	bool		 submitted;
	char		*risks;
	char		*arbitrations;
	char		*tracking;
	char		*authors;	/* comma-separated candidate names, the
					   submitter among them */
	char		*submitter;	/* who handed it in (the actor) */
	int		 extra_time;	/* the submitter's own %, and only his */
	int64_t		 limit_time;	/* effective ms: deadline × extra */
	int64_t		 submitted_seq;
	int64_t		 submitted_time;	/* effective ms */
	bool		 late;
	int		 words;
	int		 max_words;	/* the scenario's mots_max, 0: none */
	enum point_part	 parts[3];	/* risks, arbitrations, tracking */
};

/*
 * Why something happened: what it says, kept as data (its msgid and
 * arguments, util/later.h) and written in the reader's language only when
 * read (later_text(x->say)), plus the events that caused it.
 */
struct explanation {
	int		 week;
	struct later	*say;		/* owned */
	int64_t		 seqs[4];
	int		 nseqs;
};

struct message {
	int64_t		 seq;
	char		*from;
	char		*text;
	char		*about;		/* notes: the candidate, or NULL */
};

struct team_result {
	int		 on_time, late, missing;
	int64_t		 spent;		/* cents: the ledger's spent */
	int64_t		 envelope;	/* cents, final */
	int		 quality;	/* % average of delivered */
	int		 accessibility;	/* % of concerned packages compliant */
	int64_t		*kpi;		/* [nobjectives] achieved values */
	int		 scores[RESULT_DIMENSION_COUNT];	/* 0..100 */
	int		 score;		/* weighted, 0..100 */
	int		 e3[E3_CRITERION_COUNT];		/* 0..100 */
	/* false: nothing to judge in this session (« non évaluable »), and
	 * the criterion's weight goes to the others. */
	bool		 e3_assessed[E3_CRITERION_COUNT];
	int		 e3_score;
	/* A critical package was not delivered: the launch is compromised. */
	int		 critical_missing;
	int64_t		*e3_evidence[E3_CRITERION_COUNT];	/* seqs */
	int		 e3_nevidence[E3_CRITERION_COUNT];
	/* What each figure comes from, kept as data and written when read
	 * (later_text(), util/later.h); owned. */
	struct later	*e3_comment[E3_CRITERION_COUNT];
};

/* The level of an E3 indicator, as the jury's grid writes it. */
enum e3_level {
	E3_LEVEL_NA,		/* « non évaluable » */
	E3_LEVEL_NOT,		/* « non acquis », below 40 */
	E3_LEVEL_PARTLY,	/* « partiellement acquis », 40..69 */
	E3_LEVEL_ACQUIRED,	/* « acquis », 70 and above */
	E3_LEVEL_COUNT
};
extern const char *const game_e3_level_labels[E3_LEVEL_COUNT];	/* msgids */
extern const char *const game_point_part_labels[POINT_PART_QUALITY_COUNT];
enum e3_level	 game_e3_level(const struct team_result *, int criterion);
/* What one status point is worth for CR14, 0..100 (core/indicators.c). */
int		 game_point_score(const struct status_request *);

struct team {
	char			*name;
	struct candidate	*candidates;
	int			 ncandidates;
	bool			*tools;		/* [ntools] */
	int64_t			*tools_seq;
	struct package_state	*packages;	/* [npackages] */
	struct supplier_state	*suppliers;	/* [nsuppliers] */
	struct staff_state	*staff;		/* [nstaff] */
	struct budget_line_state *lines;	/* [nlines] */
	int64_t			 reserve;	/* cents set aside */
	int64_t			 reserve_used;	/* drawn: the lines' drawn */
	int64_t			 envelope;	/* cents, after client changes */
	bool			 over_envelope;	/* the forecast exceeded the
						   envelope at the last event
						   (piloting): said once */
	int			 kpi_effect[12];	/* % per objective */
	int			 quality_effect;	/* project-wide points */
	int			 setup_days;	/* tool set-up still to absorb */
	int			 framing_issues;	/* when piloting opened */
	char			*framing_summary;	/* those issues, joined */
	int64_t			 framing_seq;
	char			**missions;	/* [nroles] */
	int			*mission_holder;	/* [nroles] candidate */
	int64_t			*mission_seq;
	char			**mission_why;	/* [nroles] the justification */
	/* Piloting decisions that correct the course (re-plan, negotiate,
	 * re-assign, draw on the reserve): their seqs, for C14. */
	int64_t			*corrections;
	int			 ncorrections;
	int64_t			 drift_seq;	/* first budget alert, or 0 */
	struct occurrence	*occurrences;
	int			 noccurrences;
	bool			*fired;		/* [nincidents] ever fired */
	int			*follow_ups;	/* incidents to fire next week */
	int			 nfollow_ups;
	struct status_request	*requests;
	int			 nrequests;
	struct explanation	*explanations;
	int			 nexplanations;
	struct message		*messages;	/* trainer messages to the team */
	int			 nmessages;
	struct message		*notes;		/* trainer notes on the team */
	int			 nnotes;
	int64_t			*decisions;	/* seqs of the team's events */
	int			 ndecisions;
	struct team_result	 result;
};

struct game_draws;

struct game {
	const struct scenario	*scenario;	/* borrowed, outlives the game */
	/*
	 * The seed is the host's secret until the session ends: a console or
	 * an evaluator folds from the draws recorded in each event instead
	 * (see core/draws.c).  seed_known says whether seed is meaningful.
	 */
	uint64_t		 seed;
	bool			 seed_known;
	struct game_draws	*draws;		/* owned */
	bool			 sealed;	/* the session's last line, which
						   reveals the seed, is applied */
	int64_t			 sealed_seq;
	enum game_phase		 phase;
	int			 week;		/* 0 framing, 1..weeks */
	int64_t			 last_seq;
	int64_t			 last_time;	/* ms */
	bool			 paused;
	int64_t			 paused_since;	/* ms */
	int64_t			 paused_total;	/* ms */
	struct team		*teams;
	int			 nteams;
	struct message		*broadcasts;
	int			 nbroadcasts;
};

/* A team as declared when the session is created. */
struct game_setup_candidate {
	const char	*name;
	const char	*role;		/* role id, or NULL */
	int		 extra_time;
	const char	*assistant;
};

struct game_setup_team {
	const char			*name;
	struct game_setup_candidate	 candidates[GAME_MAX_CANDIDATES];
	int				 ncandidates;
};

struct game_setup {
	uint64_t		 seed;
	bool			 seed_hidden;	/* seed unknown: fold from the
						   draws the events recorded */
	struct game_setup_team	 teams[GAME_MAX_TEAMS];
	int			 nteams;
};

/*
 * Checks a setup against the scenario, names (one-line texts, the text
 * rule of util/text.h) included; 0, or -1 and *cause (French).
 */
int		 game_setup_check(const struct scenario *,
		    const struct game_setup *, char **cause);
/*
 * The parts of game_setup_check, for a reader that reports every bad row of
 * a class list (io/classlist.h) instead of the first: team i's name against
 * the teams before it, and candidate j of a team against the scenario and
 * the candidates before it.  Neither checks how many teams or candidates
 * there are.  0, or -1 and *cause (French).
 */
int		 game_setup_check_team(const struct game_setup *, int i,
		    char **cause);
int		 game_setup_check_candidate(const struct scenario *,
		    const struct game_setup_team *, int j, char **cause);
struct game	*game_new(const struct scenario *, const struct game_setup *);
void		 game_free(struct game *);
/*
 * A deep copy of g (core/clone.c), sharing only its scenario: folding one
 * leaves the other as it was.  The replay keeps one per week.
 */
struct game	*game_clone(const struct game *);

/*
 * Checks that a new decision (a command with its time and actor) may be
 * applied to the state: its texts (game_check_texts), then the rules.  0,
 * or -1 and a French *cause saying why not.  Nothing is changed.
 * game_apply() must only be given events that passed this check on the
 * same state (the journal only holds such events).
 */
int		 game_validate(const struct game *, const struct event *,
		    char **cause);
/*
 * The same for an event read back from a journal (a replay, a console
 * following its host): the rules only.  Its texts passed the door when it
 * was acknowledged, and a journal written before the door existed may hold
 * control characters: it must still replay, and every output escapes them.
 */
int		 game_validate_journaled(const struct game *,
		    const struct event *, char **cause);
/*
 * The text rule (util/text.h) on every text of an event: team, actor, by,
 * type and cmd are one line; why, and the data fields the commands table
 * names as prose (a status point's parts, a mission, a message...), may
 * hold lines; data keys are identifiers (text_is_id).  0, or -1 and a
 * French *cause naming the field.  Whoever serializes an event before it
 * is validated (a console sending to its host) checks this first.
 */
int		 game_check_texts(const struct event *, char **cause);
/*
 * Applies a valid event; seq must be last_seq + 1.  The draws it needs come
 * from e->draws, else from the seed when it is known.
 */
void		 game_apply(struct game *, const struct event *);
/*
 * game_validate() then game_apply() for a caller that journals nothing
 * (simulate): one run of the command's handler, checking and writing,
 * unless a deadline passes at e's time (then the two passes, as the host
 * does).  0 applied, or -1 and a French *cause (nothing changed).  The
 * state is the same as after the two calls.
 */
int		 game_submit(struct game *, const struct event *, char **cause);
/*
 * The same, for the host that is about to journal e: the draws the
 * application consulted are stored in e->draws (replacing any), so that the
 * journal line carries them.  The seed must be known.
 */
void		 game_apply_recording(struct game *, struct event *e);
/*
 * The draws a host sent with a line, for a console without the seed: in
 * force for the next game_apply()/game_tick() until given again (n = 0
 * clears them).  Borrowed.
 */
void		 game_give_draws(struct game *, const struct draw *, int n);
/* Makes the seed known (the host's secret, or the revealed one). */
void		 game_set_seed(struct game *, uint64_t seed);
/* Draws that were needed but neither recorded nor computable (a bug). */
int		 game_missing_draws(const struct game *);

int		 game_team_index(const struct game *, const char *name);
int		 game_candidate_index(const struct team *, const char *name);
/* Effective (pause-free) milliseconds at wall-clock time t. */
int64_t		 game_effective_time(const struct game *, int64_t t);
/* A canonical text dump of the whole state, for hashing and tests. */
char		*game_dump(const struct game *);
/* The same for one team (its console's view must fold to the same). */
char		*game_dump_team(const struct game *, int team);
/*
 * An event another team's console may not see: only its number and time
 * arrive, so that deadlines expire at the same moments everywhere.
 */
void		 game_tick(struct game *, int64_t seq, int64_t time);

/*
 * --- Rules a screen may ask before it opens a dialog ---
 *
 * The handlers of the commands ask the same functions, so that a screen,
 * `pilote do` and a console are refused alike and a screen holds no copy
 * of a rule.  0, or -1 and a French *cause (cause may be NULL).
 */
/* Whether why says something (not only blanks): the justification that
 * attribuer prestataire=, utiliser_reserve and repondre require. */
bool		 game_justified(const char *why);
/* Whether occurrence occ (index) can still be answered at wall-clock ms
 * time: piloting, open, before its deadline. */
int		 game_answerable(const struct game *, const struct team *,
		    int occ, int64_t time, char **cause);
/* Whether the team may still negotiate package p (supplier, not
 * delivered, not yet negotiated, game not over). */
int		 game_negotiable(const struct game *, const struct team *,
		    int package, char **cause);
/*
 * The scenario's planned status point due now and not yet requested of
 * every team (its week reached, piloting), the first such; -1 if none.
 * The overview offers it and closing the week warns about it; simulate
 * requests them at their week.
 */
int		 game_planned_point_due(const struct game *);
/* The effective ms after which request req handed in by submitter (a
 * candidate's name, or NULL: no extra time) is late: the deadline lengthened
 * by the submitter's own extra time, and only his. */
int64_t		 game_point_limit(const struct team *, int req,
		    const char *submitter);
/* Whether one choice of an incident written on the moment, « Libellé :
 * effets » (an option or the default), reads: 0, or -1 and *cause, by the
 * rule injecter applies to the whole incident, so that a form can check
 * each field as it is left. */
int		 game_adhoc_choice_check(const struct scenario *,
		    const char *text, char **cause);
/* Whether the trainer may inject an incident now (piloting). */
int		 game_injectable(const struct game *, char **cause);
/* Whether status request req (index) may still be handed in. */
int		 game_point_open(const struct game *, const struct team *,
		    int req, char **cause);

/*
 * Whether the state invariants hold for every team (the list is in
 * core/effects.h): money spent and committed on a line never below zero,
 * the envelope never below EFFECTS_ENVELOPE_FLOOR % of the scenario's, the
 * reserve used within the reserve, each objective's accumulated KPI effect
 * within the kpi row's bounds, workload, work done and absences never
 * below zero, morale, fatigue and delivered quality within 0..100.  false
 * and what broke in why[n] (a developer's text) if not.  Builds with
 * PILOTE_CHECK_INVARIANTS abort on the first event that breaks one.
 */
bool		 game_check_invariants(const struct game *, char *why,
		    size_t n);

/* --- Queries for views and reports (pure reads, but for results) --- */

/* Whether a package is late: delivered after its deadline or plan, or still
 * open past them. */
bool		 game_package_late(const struct game *, const struct team *,
		    int package);
bool		 game_supplier_used(const struct scenario *, const struct team *,
		    int supplier);
const struct incident *game_occurrence_incident(const struct game *,
		    const struct occurrence *);

/* What a planning tool flags on a team's plan, French, one per item. */
struct plan_issues {
	char	**items;
	int	  count;
};
void		 game_plan_issues(const struct game *, const struct team *,
		    struct plan_issues *);
void		 game_plan_issues_release(struct plan_issues *);
/* What a package will cost the team as assigned (cents, fixed cost in). */
int64_t		 game_package_forecast(const struct scenario *,
		    const struct team *, int package);
/* Centi-days per week person staff is planned to work in week w. */
int		 game_planned_load(const struct scenario *, const struct team *,
		    int staff, int week);
/* (Re)computes team.result: at launch for good, before it as a preview. */
void		 game_compute_results(struct game *, int team);

/* Which teams' consoles may see a journaled command (the session host). */
enum game_seen_by {
	GAME_SEEN_BY_TEAM,	/* a team's decision: that team */
	GAME_SEEN_BY_ALL,	/* the trainer's act on the whole session */
	GAME_SEEN_BY_EQUIPE,	/* the team its equipe= names; every team
				   without one or with "toutes" (the same
				   targeting as the command's own) */
	GAME_SEEN_BY_NOBODY	/* the trainer's notes */
};

/*
 * The commands the engine understands, for help texts, the CLI and the
 * session host.  trainer is the one rule of who may send a command: the
 * trainer alone, or a candidate of the team it is for; seen_by the one
 * rule of which consoles receive it.
 */
struct game_command_info {
	const char	*name;
	bool		 trainer;	/* trainer command (else a team's) */
	enum game_seen_by seen_by;
	const char	*args;		/* "lot=ID interne=PERS,PERS|offre=PRESTA" */
	const char	*help;		/* French, one line */
};
extern const int game_ncommands;
const struct game_command_info *game_command_info(int i);
/* The command of that name, or NULL. */
const struct game_command_info *game_command_lookup(const char *name);
/*
 * The part of game_validate() that says who may act: the command exists;
 * a trainer command's actor is GAME_TRAINER; a team command's actor is a
 * candidate of its team, and by (who typed it) is that candidate's
 * declared assistant.  0, or -1 and a French *cause.
 */
int		 game_validate_author(const struct game *,
		    const struct event *, char **cause);

#endif
