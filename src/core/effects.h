/*
 * effects: what an incident's option or default does, as one table.
 *
 * Each kind of effect (cout, retard, charge...) is one row of effect_rows[]:
 * its keyword in scenario files and in the trainer's live incidents, its
 * field in struct effects, its unit and bounds, what it must aim at, which
 * way it hurts, and its apply code.  The loader, the live-incident parser,
 * scenario_check, the engine and the screens all read these rows, so a
 * bound or a wording exists once.
 *
 * effects_apply() and effects_describe() are one function: describing runs
 * the same code without writing, so the preview shown before a choice is the
 * very text the engine writes when it applies the choice on the same state.
 *
 * Money goes through core/ledger: a cost lands on its line as unplanned
 * money paid (ledger_cost_line(): every cost has a line), a saving lowers
 * the line's forecast; with sur_reserve, a cost is paid from the reserve
 * left first and an envelope cut is absorbed by it, the rest going to the
 * line or the margin, and the text says how much went where.
 *
 * Invariants kept here, at apply time, and said in the text when they cut
 * an effect short: money paid on a line never goes down, and a saving
 * never takes a line's forecast below zero; the reserve left never below
 * zero; the envelope never below EFFECTS_ENVELOPE_FLOOR % of the
 * scenario's; the accumulated KPI effect of an objective within the kpi
 * row's bounds; a package's workload never below zero; morale within
 * 0..100.  A value that can only break them (a saving larger than the
 * envelope, a cut of the whole envelope) is refused when loaded or
 * injected (effects_refuse()).  game_check_invariants() (core/invariants.c)
 * says whether they, and the week's own (capacity, fatigue, reserve),
 * hold: the property test checks it after every event of random games.
 */
#ifndef PILOTE_EFFECTS_H
#define PILOTE_EFFECTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/game.h"

#define EFFECTS_ENVELOPE_FLOOR	10	/* % of the scenario's envelope */

enum effect_kind {
	EFFECT_COST,
	EFFECT_ENVELOPE,
	EFFECT_DELAY,
	EFFECT_WORKLOAD,
	EFFECT_QUALITY,
	EFFECT_MORALE,
	EFFECT_DAYS_LOST,
	EFFECT_RELIABILITY,
	EFFECT_KPI,			/* last: it reads as the outcome */
	EFFECT_KIND_COUNT
};

/* What a row needs as its target. */
enum effect_aim {
	AIM_ANY,			/* the project, or what is aimed */
	AIM_PACKAGE,
	AIM_STAFF,
	AIM_SUPPLIER
};

/* The settings that qualify effects rather than being one. */
enum effect_ref {
	EREF_LINE,			/* "ligne": for cout */
	EREF_OBJECTIVE,			/* "objectif": for kpi */
	EREF_TARGET,			/* "cible": a drawn target */
	EREF_PACKAGE,			/* "lot" */
	EREF_STAFF,			/* "membre" */
	EREF_SUPPLIER,			/* "prestataire" */
	EREF_RESERVE,			/* "sur_reserve": paid from the
					   reserve first (a boolean) */
	EFFECT_REF_COUNT
};

struct effects_run;

struct effect_row {
	const char	*key;		/* in files and live incidents */
	size_t		 offset;	/* of the field in struct effects */
	bool		 money;		/* int64_t cents, euros when written */
	int		 min, max;	/* as written (euros, weeks...) */
	const char	*unit;		/* msgid */
	enum effect_aim	 aim;
	/* What one unit (one euro for money) hurts, in rough euros: its
	 * sign says which way the effect hurts (scenario_check's « pire que
	 * les options »), its size how much (the policies' choices). */
	int		 weight;
	/* Applies (or, dry, only words) value v, in the field's own unit. */
	void		(*run)(struct effects_run *, int64_t v);
};

extern const struct effect_row	 effect_rows[EFFECT_KIND_COUNT];
extern const char *const	 effect_ref_keys[EFFECT_REF_COUNT];

/*
 * How much effects hurt, in rough euros: each effect at its row's weight
 * (money in euros); money_only counts the money rows alone.  The policies
 * choose by it and C14 weighs a team's answer against the alternatives
 * with it (core/indicators.c).
 */
int64_t	 effects_harm(const struct effects *, bool money_only);
/* The same for team t facing occurrence occ (either may be NULL): extra
 * workload on a package a supplier holds weighs as the weeks it costs
 * there (a week per 5 days), as run_workload applies it. */
int64_t	 effects_harm_for(const struct effects *, const struct team *,
	    const struct occurrence *, bool money_only);

/* Examples of the live syntax « Libellé : effets », for prompts (msgids). */
extern const char *const effects_example_option;
extern const char *const effects_example_default;

/* No effect, no reference, aimed at the project. */
void	 effects_init(struct effects *);
bool	 effects_empty(const struct effects *);
/* The value of kind k in the field's unit (cents for money). */
int64_t	 effects_get(const struct effects *, enum effect_kind);
/* Sets kind k from its value as written (euros for money). */
void	 effects_set(struct effects *, enum effect_kind, int64_t written);
/* The row named key, or -1. */
int	 effects_kind(const char *key);

/*
 * Why value v (as written) of kind k is refused in scenario s: out of the
 * row's bounds, or able only to break an invariant.  NULL when acceptable,
 * else an allocated French message.
 */
char	*effects_refuse(const struct scenario *, enum effect_kind, int64_t v);
/*
 * Why fx's targets contradict each other (two precise targets, or one with
 * a drawn cible), or NULL; allocated.
 */
char	*effects_targets_problem(const struct effects *, bool cible_written);
/* Whether fx aims at what kind k needs. */
bool	 effects_aimed(const struct effects *, enum effect_kind);
/* The French reason why kind k of fx lacks its target (allocated). */
char	*effects_aim_problem(enum effect_kind);
/*
 * Whether fx's cost may fall on the scenario's default line (no ligne, no
 * package aimed at): scenario_check warns when the scenario names none.
 */
bool	 effects_cost_unlined(const struct effects *);
/* Whether sur_reserve has something to pay: a cost or an envelope cut. */
bool	 effects_reserve_useful(const struct effects *);

/*
 * What fx does to team t for occurrence o, in French (allocated, never
 * empty: « sans effet chiffré » when nothing).  effects_apply() changes the
 * team; effects_describe() only says it, with the same words.
 */
char	*effects_apply(struct game *, struct team *, const struct occurrence *,
	    const struct effects *);
char	*effects_describe(const struct game *, const struct team *,
	    const struct occurrence *, const struct effects *);

#endif
