/*
 * scenario: the immutable model of one E3 business-game scenario, as the
 * engine reads it.  It is built and validated once by the loader (io/) and
 * never changed afterwards.
 *
 * Invariants once scenario_validate() reported no error:
 * - every reference (skill, package, staff, supplier, objective, budget line,
 *   tool category, incident) is an index into the matching array, or -1 where
 *   the field is optional and absent;
 * - money is in cents (int64_t); percentages are 0..100; weeks count from 1
 *   (the first piloting week) to weeks (launch at the end of that week);
 * - package dependencies form a DAG and every package can be done (by skilled
 *   staff or by at least one offer) within the weeks it is allowed;
 * - objective weights sum to 100, and for each objective the weights of the
 *   packages that contribute to it sum to 100.
 * Every item keeps the place it was written (file index, line) so that
 * checks can report "file:line:" and the game can explain itself.
 */
#ifndef PILOTE_SCENARIO_H
#define PILOTE_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SCENARIO_FORMAT		1
#define SCENARIO_NONE		(-1)	/* an absent optional reference */
#define SCENARIO_MAX_LINES	12	/* budget lines (the loader's bound) */
/* Limits scenarios/README.md states; the loader enforces them. */
#define SCENARIO_NAME_MAX	80	/* nom, libelle, poste: one column */
#define SCENARIO_TITLE_MAX	120	/* titre, client, marque, an option */
#define SCENARIO_MAX_OWN_INCIDENTS 200	/* the scenario's own "incidents" */
#define SCENARIO_MAX_INCIDENTS	400	/* in all, catalogues included */

struct srcloc {
	int	 file;			/* index into scenario.files */
	int	 line;			/* 1-based */
};

enum project_type {
	PROJECT_LAUNCH,			/* "lancement" */
	PROJECT_ACQUISITION,		/* "acquisition" */
	PROJECT_REDESIGN,		/* "refonte" */
	PROJECT_EVENT,			/* "evenement" */
	PROJECT_OTHER,			/* "autre" */
	PROJECT_TYPE_COUNT
};

enum accommodation {
	ACCOM_CAPTIONS,			/* "sous_titrage" */
	ACCOM_PART_TIME,		/* "temps_partiel" */
	ACCOM_ACCESSIBLE_ROOM,		/* "salle_accessible" */
	ACCOM_ACCESSIBLE_DOCS,		/* "documents_accessibles" */
	ACCOM_ADAPTED_HOURS,		/* "horaires_amenages" */
	ACCOM_EQUIPMENT,		/* "materiel_adapte" */
	ACCOM_REMOTE,			/* "teletravail" */
	ACCOM_OTHER,			/* "autre" */
	ACCOMMODATION_COUNT
};

enum tool_category {
	TOOL_PROJECT_MANAGEMENT,	/* "gestion_projet" */
	TOOL_MESSAGING,			/* "messagerie" */
	TOOL_ANALYTICS,			/* "analytique" */
	TOOL_DESIGN,			/* "design" */
	TOOL_FILE_SHARING,		/* "partage" */
	TOOL_VIDEO,			/* "visio" */
	TOOL_OTHER,			/* "autre" */
	TOOL_CATEGORY_COUNT
};

enum package_mode {
	MODE_INTERNAL,			/* "interne" */
	MODE_EXTERNAL,			/* "externe" */
	MODE_EITHER,			/* "libre" */
	PACKAGE_MODE_COUNT
};

enum incident_category {
	INCIDENT_SUPPLIER,		/* "prestataire" */
	INCIDENT_TEAM,			/* "equipe" */
	INCIDENT_CLIENT,		/* "client" */
	INCIDENT_BUDGET,		/* "budget" */
	INCIDENT_TECHNICAL,		/* "technique" */
	INCIDENT_ACCESSIBILITY,		/* "accessibilite" */
	INCIDENT_CRISIS,		/* "crise" */
	INCIDENT_REGULATORY,		/* "reglementaire" */
	INCIDENT_CATEGORY_COUNT
};

enum trigger_kind {
	TRIGGER_WEEK,			/* "semaine": a fixed week */
	TRIGGER_RANDOM,			/* "probabilite": a fair weekly draw */
	TRIGGER_MANUAL			/* "manuel": injected or follow-up only */
};

enum effect_target {
	TARGET_PROJECT,			/* "projet" */
	TARGET_PACKAGE,			/* "lot": any package, drawn */
	TARGET_EXTERNAL_PACKAGE,	/* "lot_externe" */
	TARGET_INTERNAL_PACKAGE,	/* "lot_interne" */
	TARGET_STAFF,			/* "membre" */
	TARGET_SUPPLIER,		/* "prestataire" */
	EFFECT_TARGET_COUNT
};

enum e3_criterion {
	E3_RETROPLANNING,		/* supplier and internal deliverables planned */
	E3_TOOL,			/* a coordination tool chosen and used */
	E3_FRAMING,			/* framing coherent with deadline, budget, means */
	E3_SUPPLIERS,			/* supplier relationships framed (C12) */
	E3_TEAM,			/* roles, missions, load, method (C13) */
	E3_ACCESSIBILITY,		/* needs analysed and met, deliverables accessible */
	E3_PILOTAGE,			/* risks, incidents, budget, corrections (C14) */
	E3_STATUS_POINTS,		/* status points complete and on time (CR14) */
	E3_CRITERION_COUNT
};

enum result_dimension {
	RESULT_DELIVERY,
	RESULT_BUDGET,
	RESULT_QUALITY,
	RESULT_ACCESSIBILITY,
	RESULT_KPI,
	RESULT_DIMENSION_COUNT
};

struct budget_line {
	char		*id;
	char		*label;
	struct srcloc	 loc;
};

struct objective {
	char		*id;
	char		*label;
	char		*unit;
	int64_t		 target;
	int64_t		 start;
	int		 weight;		/* % of the KPI score */
	struct srcloc	 loc;
};

struct skill {
	char		*id;
	char		*label;
	struct srcloc	 loc;
};

struct need {
	char			*need;		/* the situation, soberly described */
	enum accommodation	 kind;
	char			*detail;	/* the concrete accommodation */
	int64_t			 cost;		/* cents, one-off */
	int			 loss_if_unmet;	/* % productivity lost meanwhile */
	struct srcloc		 loc;
};

struct staff {
	char		*id;
	char		*name;
	char		*title;
	int		*skills;
	int		 nskills;
	int64_t		 daily_cost;		/* cents */
	int		 availability;		/* days per week, 1..5 */
	int		 morale;		/* %, at start */
	struct need	*needs;
	int		 nneeds;
	struct srcloc	 loc;
};

struct role {
	char		*id;
	char		*label;
	char		*missions;
	bool		 required;
	struct srcloc	 loc;
};

struct tool_effects {
	int		 productivity;		/* % */
	int		 coordination;		/* % */
	int		 quality;		/* points */
	int		 morale;		/* points per week */
};

struct tool {
	char			*id;
	char			*name;
	char			*description;
	enum tool_category	 category;
	int64_t			 cost;		/* cents, one-off */
	int64_t			 weekly_cost;	/* cents */
	int			 setup_days;
	bool			 accessible;
	struct tool_effects	 effects;
	struct srcloc		 loc;
};

struct kpi_share {
	int		 objective;
	int		 weight;		/* % of the objective */
	struct srcloc	 loc;
};

struct package {
	char			*id;
	char			*name;
	char			*description;
	int			 line;		/* budget line */
	int			 workload;	/* person-days if internal */
	int			*skills;
	int			 nskills;
	int			*after;		/* predecessors */
	int			 nafter;
	struct srcloc		*after_locs;
	enum package_mode	 mode;
	int64_t			 fixed_cost;	/* cents */
	int			 due;		/* weeks before launch (S-n) */
	bool			 accessibility;
	bool			 critical;
	struct kpi_share	*kpi;
	int			 nkpi;
	struct srcloc		 loc;
};

struct offer {
	int		 package;
	int64_t		 price;			/* cents */
	int		 lead;			/* weeks */
	int		 quality;		/* % */
	char		*format;
	bool		 accessible;
	char		*note;
	struct srcloc	 loc;
};

struct supplier {
	char		*id;
	char		*name;
	char		*trade;
	char		*description;
	int		 reliability;		/* % */
	int		 csr_score;		/* % */
	char		*csr_commitments;
	struct offer	*offers;
	int		 noffers;
	struct srcloc	 loc;
};

struct effects {
	int64_t			 cost;		/* cents, + spend, - saving */
	int			 line;		/* budget line or SCENARIO_NONE */
	int64_t			 envelope;	/* cents, client budget change */
	int			 delay;		/* weeks */
	int			 workload;	/* person-days */
	int			 quality;	/* points */
	int			 morale;	/* points */
	int			 kpi;		/* % */
	int			 objective;	/* or SCENARIO_NONE: all */
	int			 days_lost;
	int			 reliability;	/* points */
	enum effect_target	 target;
	int			 package;	/* explicit targets, or SCENARIO_NONE */
	int			 staff;
	int			 supplier;
	bool			 reserve;	/* "sur_reserve": paid from the
						   reserve first (core/ledger.h) */
};

/*
 * Trigger conditions ("si"), one row each in scenario_conditions[]: the
 * keyword and what its value names.  The loader reads them from the rows,
 * scenario_check analyses them, core/incidents.c tests them on a team's
 * state at the start of a week (see scenarios/README.md).  A condition
 * whose value names an item of one scenario (CVAL_SCENARIO_ITEM) cannot be
 * used by a shared catalogue.
 */
enum condition_kind {
	COND_MISSING_TOOL,		/* "outil_absent" */
	COND_TOOL,			/* "outil" */
	COND_OUTSOURCED,		/* "externe" */
	COND_INTERNAL,			/* "interne" */
	COND_ENTRUSTED,			/* "confie" */
	COND_SUPPLIER,			/* "prestataire" */
	COND_STARTED,			/* "lot_demarre" */
	COND_DELIVERED,			/* "lot_livre" */
	COND_NOT_DELIVERED,		/* "lot_non_livre" */
	COND_ACCESSIBLE,		/* "lot_accessible" */
	COND_INACCESSIBLE,		/* "lot_inaccessible" */
	COND_OUTSOURCED_UNFRAMED,	/* "externe_sans_cadrage" */
	COND_INTERNAL_OPEN,		/* "interne_en_cours" */
	COND_EXTERNAL_OPEN,		/* "externe_en_cours" */
	COND_UNFRAMED,			/* "sans_cadrage" */
	COND_UNMET_NEEDS,		/* "besoins_non_couverts" */
	COND_MEMBER_UNMET,		/* "membre_non_amenage" */
	COND_ACCOMMODATION_MISSING,	/* "amenagement_absent" */
	COND_MORALE_BELOW,		/* "moral_sous" */
	COND_RESERVE_BELOW,		/* "reserve_sous" */
	COND_OVER_BUDGET,		/* "hors_budget" */
	COND_LATE,			/* "retard" */
	COND_AFTER,			/* "apres" */
	CONDITION_KIND_COUNT
};

enum condition_value {
	CVAL_TRUE,			/* written "true" only */
	CVAL_PERCENT,			/* 1..100 */
	CVAL_TOOL_CATEGORY,		/* scenario_tool_categories */
	CVAL_ACCOMMODATION,		/* scenario_accommodations */
	CVAL_INCIDENT,			/* an incident id */
	/* Items of one scenario, from here on. */
	CVAL_PACKAGE,
	CVAL_TOOL,
	CVAL_SUPPLIER,
	CVAL_STAFF,
	CVAL_ENTRUSTED			/* { lot = …; membre = … | prestataire = … } */
};
#define CVAL_SCENARIO_ITEM(v)	((v) >= CVAL_PACKAGE)

struct condition_row {
	const char		*key;
	enum condition_value	 value;
};
extern const struct condition_row scenario_conditions[CONDITION_KIND_COUNT];

struct conditions {
	bool		 set[CONDITION_KIND_COUNT];
	/* An index into the table the row names, a % or 1 (CVAL_TRUE). */
	int		 value[CONDITION_KIND_COUNT];
	struct srcloc	 locs[CONDITION_KIND_COUNT];
	/* "confie": value[COND_ENTRUSTED] is the package; one of these. */
	int		 entrusted_staff;
	int		 entrusted_supplier;
	struct srcloc	 loc;			/* the "si" group */
};

struct trigger {
	enum trigger_kind	 kind;
	int			 week;		/* TRIGGER_WEEK */
	int			 probability;	/* TRIGGER_RANDOM, % */
	int			 first_week;	/* TRIGGER_RANDOM window */
	int			 last_week;
	bool			 repeat;
	bool			 conditional;
	struct conditions	 when;
};

struct option {
	char		*id;
	char		*label;
	char		*detail;
	struct effects	 effects;
	int		 follow_up;		/* incident or SCENARIO_NONE */
	struct srcloc	 loc;
	struct srcloc	 follow_up_loc;
};

struct incident {
	char			*id;
	char			*title;
	enum incident_category	 category;
	char			*text;
	struct trigger		 trigger;
	int			 deadline;	/* minutes */
	struct option		*options;
	int			 noptions;
	char			*default_text;
	struct effects		 default_effects;
	int			 default_follow_up;
	char			*catalogue;	/* NULL for the scenario's own */
	struct srcloc		 loc;
	struct srcloc		 default_loc;
};

struct status_point {
	char		*id;
	int		 week;
	int		 deadline;		/* minutes */
	char		*title;
	char		*prompt;
	char		*risks_prompt;
	char		*arbitrations_prompt;
	char		*tracking_prompt;
	int		 max_words;
	struct srcloc	 loc;
};

struct scoring {
	int		 weights[RESULT_DIMENSION_COUNT];	/* sum 100 */
	int		 budget_tolerance;	/* % */
	int		 quality_target;	/* % */
	char		*accessibility_standard;
	int		 accessibility_target;	/* % */
	bool		 accessibility_required;
	int		 e3[E3_CRITERION_COUNT];		/* sum 100 */
	struct srcloc	 loc;
	struct srcloc	 weights_loc;
	struct srcloc	 e3_loc;
};

struct scenario {
	int			 format;
	char			*id;
	char			*title;
	enum project_type	 type;
	char			*client;
	char			*brand;
	char			*sector;
	char			*brief;
	char			**constraints;
	int			 nconstraints;
	int			 weeks;
	int			 turn_minutes;

	int64_t			 envelope;	/* cents */
	int			 reserve_min;	/* % */
	int			 reserve_max;	/* % */
	struct budget_line	*lines;
	int			 nlines;
	int			 staff_line;
	int			 tools_line;
	/* "ligne_imprevus": where a cost without a line of its own goes, or
	 * SCENARIO_NONE (then the last line: see ledger_default_line()). */
	int			 unplanned_line;
	struct srcloc		 budget_loc;

	struct objective	*objectives;
	int			 nobjectives;
	struct skill		*skills;
	int			 nskills;
	struct staff		*staff;
	int			 nstaff;
	struct role		*roles;
	int			 nroles;
	struct tool		*tools;
	int			 ntools;
	struct package		*packages;
	int			 npackages;
	struct supplier		*suppliers;
	int			 nsuppliers;
	struct incident		*incidents;
	int			 nincidents;
	struct status_point	*status_points;
	int			 nstatus_points;
	struct scoring		 scoring;

	char			*source_text;	/* @includes expanded: for journals */
	char			**files;	/* files[0] is the main file */
	int			 nfiles;
	struct srcloc		 loc;		/* the file as a whole */
};

/* Keywords as written in scenario files, indexed by the enums above. */
extern const char *const scenario_project_types[PROJECT_TYPE_COUNT];
extern const char *const scenario_accommodations[ACCOMMODATION_COUNT];
extern const char *const scenario_tool_categories[TOOL_CATEGORY_COUNT];
extern const char *const scenario_package_modes[PACKAGE_MODE_COUNT];
extern const char *const scenario_incident_categories[INCIDENT_CATEGORY_COUNT];
extern const char *const scenario_effect_targets[EFFECT_TARGET_COUNT];
extern const char *const scenario_e3_keys[E3_CRITERION_COUNT];
extern const char *const scenario_result_keys[RESULT_DIMENSION_COUNT];

/* French labels for display (msgids; translate with gettext at the edge). */
extern const char *const scenario_project_type_labels[PROJECT_TYPE_COUNT];
extern const char *const scenario_accommodation_labels[ACCOMMODATION_COUNT];
extern const char *const scenario_tool_category_labels[TOOL_CATEGORY_COUNT];
extern const char *const scenario_incident_category_labels[INCIDENT_CATEGORY_COUNT];
extern const char *const scenario_e3_labels[E3_CRITERION_COUNT];
/* The certification's codes each criterion assesses (BLOC 3), and the rule
 * that computes its indicator in one sentence (core/indicators.c; msgids). */
extern const char *const scenario_e3_codes[E3_CRITERION_COUNT];
extern const char *const scenario_e3_rules[E3_CRITERION_COUNT];

struct scenario	*scenario_new(void);
void		 scenario_free(struct scenario *);
/* Frees what an incident owns (not the incident itself): the scenario's
 * and the trainer's live ones alike. */
void		 scenario_incident_release(struct incident *);
/* Index of the keyword in a table, or -1. */
int		 scenario_keyword(const char *const *table, int count, const char *word);
/* Offers for one package, across suppliers; returns how many were found. */
int		 scenario_count_offers(const struct scenario *, int package);
/* The file name of a source location. */
const char	*scenario_file(const struct scenario *, struct srcloc);

#endif
